//! Finder patterns ("capstones"): the three nested squares in a code's corners, found as
//! a 1:1:3:1:1 run of black and white along a row, then confirmed and measured by flood
//! fills of their ring and stone.

use super::meter::Exhausted;
use super::perspective::Perspective;
use super::prepared::{AreaFiller, ColoredRegion, PixelColor, PreparedImage, Row};
use super::{Point, MAX_CAPSTONES};

/// A finder pattern: the corners of its ring, its centre, and the perspective that maps
/// its 7 x 7 modules onto the image.
#[derive(Debug, Clone)]
pub(super) struct CapStone {
    pub(super) corners: [Point; 4],
    pub(super) center: Point,
    pub(super) c: Perspective,
}

/// Every finder pattern of the image, row by row, up to [`MAX_CAPSTONES`] (`true` with
/// them when there were more). The row scan costs one unit of work a pixel.
pub(super) fn capstones_from_image(
    img: &mut PreparedImage,
) -> Result<(Vec<CapStone>, bool), Exhausted> {
    let mut res = Vec::new();

    for y in 0..img.height() {
        img.charge(img.width())?;
        let mut finder = LineScanner::new(img.get_pixel_at(0, y));
        // A virtual white pixel at the end of the row, to end a pattern that lies on
        // the image's right edge.
        for x in 1..=img.width() {
            let color = if x < img.width() {
                img.get_pixel_at(x, y)
            } else {
                PixelColor::White
            };
            let Some(linepos) = finder.advance(color) else {
                continue;
            };
            if !is_capstone(img, &linepos, y)? {
                continue;
            }
            if let Some(cap) = create_capstone(img, &linepos, y)? {
                if res.len() == MAX_CAPSTONES {
                    return Ok((res, true));
                }
                res.push(cap);
            }
        }
    }
    Ok((res, false))
}

/// Where a 1:1:3:1:1 run ended: the starts of its first, third and fifth runs.
#[derive(Debug, Clone, Copy, Eq, PartialEq)]
struct LinePosition {
    left: usize,
    stone: usize,
    right: usize,
}

/// The runs of one row, watched for the 1:1:3:1:1 black-white pattern a finder pattern
/// gives across its middle:
///
/// ```text
///     #######
///     #     #
/// --> # ### # <--
///     # ### #
///     # ### #
///     #     #
///     #######
/// ```
#[derive(Debug, Clone, Copy, Eq, PartialEq)]
struct LineScanner {
    lookbehind_buf: [usize; 5],
    last_color: PixelColor,
    run_length: usize,
    color_changes: usize,
    current_position: usize,
}

impl LineScanner {
    /// A scanner whose row starts with `initial_col`.
    fn new(initial_col: PixelColor) -> Self {
        LineScanner {
            lookbehind_buf: [0; 5],
            last_color: initial_col,
            run_length: 1,
            color_changes: 0,
            current_position: 0,
        }
    }

    /// The next pixel of the row; `Some` when it completes a 1:1:3:1:1 pattern.
    fn advance(&mut self, color: PixelColor) -> Option<LinePosition> {
        self.current_position += 1;

        // If we did not observe a color change, we have not reached the boundary of a
        // capstone
        if self.last_color == color {
            self.run_length += 1;
            return None;
        }

        self.last_color = color;
        self.lookbehind_buf.rotate_left(1);
        self.lookbehind_buf[4] = self.run_length;
        self.run_length = 1;
        self.color_changes += 1;

        if self.test_for_capstone() {
            let [_, _, r2, r3, r4] = self.lookbehind_buf;
            let all: usize = self.lookbehind_buf.iter().sum();
            Some(LinePosition {
                left: self.current_position.saturating_sub(all),
                stone: self.current_position.saturating_sub(r2 + r3 + r4),
                right: self.current_position.saturating_sub(r4),
            })
        } else {
            None
        }
    }

    /// Do the last five runs, ended by a white pixel, go 1:1:3:1:1 (within 3/4 of the
    /// average module each)?
    fn test_for_capstone(&self) -> bool {
        if PixelColor::White == self.last_color && self.color_changes >= 5 {
            const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
            let avg = (self.lookbehind_buf[0]
                + self.lookbehind_buf[1]
                + self.lookbehind_buf[3]
                + self.lookbehind_buf[4])
                / 4;
            let err = avg * 3 / 4;
            for (&run, &check) in self.lookbehind_buf.iter().zip(&CHECK) {
                if run < (check * avg).saturating_sub(err) || run > check * avg + err {
                    return false;
                }
            }
            true
        } else {
            false
        }
    }
}

/// Is the pattern at `linepos` a finder pattern not yet found: its ring one region
/// (left and right connected), its stone another, both unclaimed, and the stone some
/// 37.5 % of the ring's area (between 10 % and 70 %)?
fn is_capstone(
    img: &mut PreparedImage,
    linepos: &LinePosition,
    y: usize,
) -> Result<bool, Exhausted> {
    let ring_reg = img.get_region((linepos.right, y))?;
    let stone_reg = img.get_region((linepos.stone, y))?;

    if img.get_pixel_at(linepos.left, y) != img.get_pixel_at(linepos.right, y) {
        return Ok(false);
    }

    Ok(match (ring_reg, stone_reg) {
        (
            Some(ColoredRegion::Unclaimed {
                color: ring_color,
                pixel_count: ring_count,
                ..
            }),
            Some(ColoredRegion::Unclaimed {
                color: stone_color,
                pixel_count: stone_count,
                ..
            }),
        ) => {
            let ratio = stone_count.saturating_mul(100).checked_div(ring_count);
            ring_color != stone_color && ratio.is_some_and(|r| 10 < r && r < 70)
        }
        _ => false,
    })
}

/// Measure the finder pattern at `linepos`: the corners of its ring (which is marked as
/// found, so it is not found again) and its perspective.
fn create_capstone(
    img: &mut PreparedImage,
    linepos: &LinePosition,
    y: usize,
) -> Result<Option<CapStone>, Exhausted> {
    /* Find the corners of the ring */
    let (Ok(sx), Ok(sy)) = (i32::try_from(linepos.right), i32::try_from(y)) else {
        return Ok(None);
    };
    let start_point = Point { x: sx, y: sy };
    let Some(first) = img.repaint_and_apply(
        (linepos.right, y),
        PixelColor::Tmp1,
        FirstCornerFinder::new(start_point),
    )?
    else {
        return Ok(None);
    };
    let Some(all) = img.repaint_and_apply(
        (linepos.right, y),
        PixelColor::CapStone,
        AllCornerFinder::new(start_point, first.best()),
    )?
    else {
        return Ok(None);
    };
    let corners = all.best();

    /* Set up the perspective transform and find the center */
    let Some(c) = Perspective::create(&corners, 7.0, 7.0) else {
        return Ok(None);
    };
    let Some(center) = c.map(3.5, 3.5) else {
        return Ok(None);
    };

    Ok(Some(CapStone { corners, center, c }))
}

/// A pixel's position as `i64`s (every product of two fits: the image's sides are at
/// most [`super::MAX_SIDE`]).
fn at(x: usize, y: usize) -> (i64, i64) {
    (
        i64::try_from(x).unwrap_or(i64::MAX),
        i64::try_from(y).unwrap_or(i64::MAX),
    )
}

/// The point at a pixel's position (which is on the image, so within `i32`).
fn point(x: usize, y: usize) -> Point {
    Point {
        x: i32::try_from(x).unwrap_or(i32::MAX),
        y: i32::try_from(y).unwrap_or(i32::MAX),
    }
}

/// The pixel of a region farthest from a given one: a corner of the (sheared) square.
/// Distances are squared in `i64` (rqrr's `i32` overflowed past 46,340 pixels).
#[derive(Debug, Eq, PartialEq, Clone)]
struct FirstCornerFinder {
    initial: Point,
    best: Point,
    score: i64,
}

impl FirstCornerFinder {
    fn new(initial: Point) -> Self {
        FirstCornerFinder {
            initial,
            best: Point::default(),
            score: -1,
        }
    }

    fn best(self) -> Point {
        self.best
    }
}

impl AreaFiller for FirstCornerFinder {
    fn update(&mut self, row: Row) {
        let (ix, iy) = (i64::from(self.initial.x), i64::from(self.initial.y));
        for x in [row.left, row.right] {
            let (px, py) = at(x, row.y);
            let (dx, dy) = (px - ix, py - iy);
            let dist = dx * dx + dy * dy;
            if dist > self.score {
                self.score = dist;
                self.best = point(x, row.y);
            }
        }
    }
}

/// The four corners of a (sheared) square, given a pixel of it and one corner: the
/// extreme pixels along the line from one to the other and across it (scores in `i64`).
#[derive(Debug, Eq, PartialEq, Clone)]
struct AllCornerFinder {
    baseline: (i64, i64),
    best: [Point; 4],
    scores: [i64; 4],
}

impl AllCornerFinder {
    fn new(initial: Point, corner: Point) -> Self {
        let (ix, iy) = (i64::from(initial.x), i64::from(initial.y));
        let baseline = (i64::from(corner.x) - ix, i64::from(corner.y) - iy);
        AllCornerFinder {
            baseline,
            best: [initial; 4],
            scores: Self::scores_at(baseline, ix, iy),
        }
    }

    /// Along the baseline, across it, and both negated.
    fn scores_at((bx, by): (i64, i64), x: i64, y: i64) -> [i64; 4] {
        let parallel = x * bx + y * by;
        let orthogonal = -x * by + y * bx;
        [parallel, orthogonal, -parallel, -orthogonal]
    }

    fn best(self) -> [Point; 4] {
        self.best
    }
}

impl AreaFiller for AllCornerFinder {
    fn update(&mut self, row: Row) {
        for x in [row.left, row.right] {
            let (px, py) = at(x, row.y);
            let scores = Self::scores_at(self.baseline, px, py);
            for ((best, score), new) in self.best.iter_mut().zip(&mut self.scores).zip(scores) {
                if new > *score {
                    *score = new;
                    *best = point(x, row.y);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(initial: u8, line: &[u8]) -> Vec<LinePosition> {
        let mut finder = LineScanner::new(PixelColor::from(initial));
        line.iter()
            .filter_map(|&c| finder.advance(PixelColor::from(c)))
            .collect()
    }

    fn pos(left: usize, stone: usize, right: usize) -> LinePosition {
        LinePosition { left, stone, right }
    }

    #[test]
    fn line_scanner() {
        assert_eq!(scan(0, &[1, 0, 1, 1, 1, 0, 1, 0]), [pos(1, 3, 7)]);
        assert_eq!(scan(1, &[0, 1, 1, 1, 0, 1, 0]), [pos(0, 2, 6)]);
        assert_eq!(
            scan(1, &[0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0]),
            [pos(0, 2, 6), pos(6, 8, 12)]
        );
        assert_eq!(
            scan(0, &[1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0]),
            [pos(1, 6, 13)]
        );
    }

    fn img_from_array(array: [[u8; 3]; 3]) -> PreparedImage {
        PreparedImage::from_bitmap(3, 3, |x, y| array[y][x] == 1)
    }

    #[test]
    fn corner_finders() {
        let mut u = img_from_array([[1, 0, 1], [1, 0, 1], [1, 1, 1]]);
        let finder = FirstCornerFinder::new(Point { x: 0, y: 0 });
        let res = u.repaint_and_apply((0, 0), PixelColor::Tmp1, finder);
        assert_eq!(Point { x: 2, y: 2 }, res.unwrap().unwrap().best());

        let mut u = img_from_array([[1, 0, 1], [1, 0, 1], [1, 1, 1]]);
        let finder = AllCornerFinder::new(Point { x: 0, y: 0 }, Point { x: 2, y: 2 });
        let corners = u
            .repaint_and_apply((0, 0), PixelColor::Tmp1, finder)
            .unwrap()
            .unwrap()
            .best();
        let p = |x, y| Point { x, y };
        assert_eq!(corners, [p(2, 2), p(0, 2), p(0, 0), p(2, 0)]);
    }

    #[test]
    fn minimal_capstone() {
        let array = [
            [1, 1, 1, 1, 1, 1, 1],
            [1, 0, 0, 0, 0, 0, 1],
            [1, 0, 1, 1, 1, 0, 1],
            [1, 0, 1, 1, 1, 0, 1],
            [1, 0, 1, 1, 1, 0, 1],
            [1, 0, 0, 0, 0, 0, 1],
            [1, 1, 1, 1, 1, 1, 1],
        ];
        let mut img = PreparedImage::from_bitmap(7, 7, |x, y| array[y][x] == 1);
        let (caps, more) = capstones_from_image(&mut img).unwrap();
        assert!(!more);
        assert_eq!(1, caps.len());
        assert_eq!(Point { x: 3, y: 3 }, caps[0].center)
    }
}
