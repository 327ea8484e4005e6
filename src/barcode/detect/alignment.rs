//! The alignment pattern in a code's fourth corner (versions 2 and up): looked for in a
//! spiral around where the finder patterns' edges say it is, as a black region of about
//! one module's area.
//!
//! rqrr spiralled `while step * step < 100 * size_estimate`, the estimate being the area
//! of one module there as the two finder patterns' perspectives see it: a number nothing
//! bounds when the patterns are not a code's, so the spiral could run for billions of
//! steps, nearly all off the image. Here the spiral is the same, in the same order, but
//! it stops where no later step can find anything:
//!
//! * when the estimate is more than twice the image's area (no region can be half of it);
//! * once the area it has covered contains the whole image: a square spiral covers a
//!   filled rectangle after each leg, and every later leg runs outside it;
//!
//! and legs (or parts of legs) off the image are stepped over at once. So a spiral costs
//! one unit of work per pixel of the image it visits and one per leg, and it has fewer
//! than `2 * sqrt(200 * pixels)` legs. rqrr also stayed on the spot for the rest of a leg
//! whenever it met a region already claimed (a `continue` that skipped the step); quirc,
//! and this spiral, step on.

use std::ops::ControlFlow;

use super::capstone::CapStone;
use super::meter::Exhausted;
use super::prepared::{AreaFiller, ColoredRegion, PixelColor, PreparedImage, Row};
use super::Point;

/// Right, up, left, down (y grows downwards).
const DIRECTIONS: [(i64, i64); 4] = [(1, 0), (0, -1), (-1, 0), (0, 1)];

/// A pixel of the alignment pattern's stone nearest to `align_seed`, if one is found
/// within the spiral's reach.
pub(super) fn find_alignment_pattern(
    img: &mut PreparedImage,
    align_seed: Point,
    c0: &CapStone,
    c2: &CapStone,
) -> Result<Option<Point>, Exhausted> {
    /* Guess another two corners of the alignment pattern so that we
     * can estimate its size.
     */
    let (u, v) = c0.c.unmap(&align_seed);
    let Some(a) = c0.c.map(u, v + 1.0) else {
        return Ok(None);
    };
    let (u, v) = c2.c.unmap(&align_seed);
    let Some(c) = c2.c.map(u + 1.0, v) else {
        return Ok(None);
    };
    let d = |p: Point, q: Point| {
        (
            i128::from(p.x) - i128::from(q.x),
            i128::from(p.y) - i128::from(q.y),
        )
    };
    let (ax, ay) = d(a, align_seed);
    let (cx, cy) = d(c, align_seed);
    let size_estimate = (ax * -cy + ay * cx).unsigned_abs();

    let (w, h) = (img.width(), img.height());
    let pixels = u128::try_from(w.saturating_mul(h)).unwrap_or(u128::MAX);
    if size_estimate / 2 > pixels {
        return Ok(None);
    }
    let matches = |count: usize| {
        let count = u128::try_from(count).unwrap_or(u128::MAX);
        count >= size_estimate / 2 && count <= size_estimate * 2
    };

    /* Spiral outwards from the estimate point until we find something
     * roughly the right size. Don't look too far from the estimate
     * point.
     */
    let found = spiral(align_seed, size_estimate * 100, w, h, |visit| {
        let (x, y) = match visit {
            Visit::Leg => return charge(img, 1),
            Visit::Pixel(x, y) => (x, y),
        };
        charge(img, 1)?;
        // Alignment pattern should not be white
        if PixelColor::White == img.get_pixel_at(x, y) {
            return ControlFlow::Continue(());
        }
        match img.get_region((x, y)) {
            Err(e) => ControlFlow::Break(Err(e)),
            Ok(Some(ColoredRegion::Unclaimed { pixel_count, .. })) if matches(pixel_count) => {
                ControlFlow::Break(Ok(Point {
                    x: i32::try_from(x).unwrap_or(i32::MAX),
                    y: i32::try_from(y).unwrap_or(i32::MAX),
                }))
            }
            Ok(_) => ControlFlow::Continue(()),
        }
    });
    found.transpose()
}

fn charge(img: &mut PreparedImage, units: usize) -> ControlFlow<Result<Point, Exhausted>> {
    match img.charge(units) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => ControlFlow::Break(Err(e)),
    }
}

/// What the spiral reports: a leg begun, or a pixel of the image reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Visit {
    Leg,
    Pixel(usize, usize),
}

/// Walk the square spiral from `seed` (right 1, up 1, left 2, down 2, right 3 ...) while
/// `step * step < limit`, reporting each leg and each position on the `w` x `h` image in
/// order, until `visit` breaks (its value is returned) or nothing is left to find.
fn spiral<B>(
    seed: Point,
    limit: u128,
    w: usize,
    h: usize,
    mut visit: impl FnMut(Visit) -> ControlFlow<B>,
) -> Option<B> {
    let (Ok(wi), Ok(hi)) = (i64::try_from(w), i64::try_from(h)) else {
        return None;
    };
    if wi == 0 || hi == 0 {
        return None;
    }
    let mut pos = (i64::from(seed.x), i64::from(seed.y));
    // The rectangle covered so far: (x0, y0, x1, y1), inclusive.
    let mut covered = (pos.0, pos.1, pos.0, pos.1);
    let mut dir = 0;
    let mut step: i64 = 1;
    while u128::from(step.unsigned_abs()).pow(2) < limit {
        if let ControlFlow::Break(b) = visit(Visit::Leg) {
            return Some(b);
        }
        let (dx, dy) = DIRECTIONS[dir];
        // The steps i in 0..step whose position pos + i * (dx, dy) is on the image.
        let (mut lo, mut hi_i) = (0i64, step);
        for (p, d, len) in [(pos.0, dx, wi), (pos.1, dy, hi)] {
            let (from, to) = match d {
                0 if (0..len).contains(&p) => (0, step),
                0 => (0, 0),
                1 => (-p, len - p),
                _ => (p - len + 1, p + 1),
            };
            lo = lo.max(from);
            hi_i = hi_i.min(to);
        }
        for i in lo..hi_i.max(lo) {
            let (x, y) = (pos.0 + i * dx, pos.1 + i * dy);
            if let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) {
                if let ControlFlow::Break(b) = visit(Visit::Pixel(x, y)) {
                    return Some(b);
                }
            }
        }
        let last = (pos.0 + (step - 1) * dx, pos.1 + (step - 1) * dy);
        covered = (
            covered.0.min(last.0),
            covered.1.min(last.1),
            covered.2.max(last.0),
            covered.3.max(last.1),
        );
        pos = (pos.0 + step * dx, pos.1 + step * dy);
        if covered.0 <= 0 && covered.1 <= 0 && covered.2 >= wi - 1 && covered.3 >= hi - 1 {
            return None;
        }

        // Cycle directions
        dir = (dir + 1) % 4;
        if dir & 1 == 0 {
            step += 1
        }
    }
    None
}

/// The pixel of a region farthest to the left of the line along `line_p`: the
/// alignment pattern's corner that the grid's perspective is anchored on (scores in
/// `i64`; rqrr's `i32` could overflow).
pub(super) struct LeftMostFinder {
    line_p: (i64, i64),
    pub(super) best: Point,
    score: i64,
}

impl LeftMostFinder {
    pub(super) fn new(line_p: (i64, i64), start: Point) -> Self {
        let score = Self::score_at(line_p, i64::from(start.x), i64::from(start.y));
        LeftMostFinder {
            line_p,
            best: start,
            score,
        }
    }

    fn score_at((px, py): (i64, i64), x: i64, y: i64) -> i64 {
        -py * x + px * y
    }
}

impl AreaFiller for LeftMostFinder {
    fn update(&mut self, row: Row) {
        let y = i64::try_from(row.y).unwrap_or(i64::MAX);
        for x in [row.left, row.right] {
            let d = Self::score_at(self.line_p, i64::try_from(x).unwrap_or(i64::MAX), y);
            if d < self.score {
                if let (Ok(bx), Ok(by)) = (i32::try_from(x), i32::try_from(row.y)) {
                    self.score = d;
                    self.best = Point { x: bx, y: by };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spiral as quirc walks it, step by step, positions on the image in order, and
    /// how many steps it took in all.
    fn naive(seed: Point, limit: u128, w: i64, h: i64) -> (Vec<(usize, usize)>, u64) {
        let (mut x, mut y) = (i64::from(seed.x), i64::from(seed.y));
        let (mut dir, mut step, mut steps) = (0, 1i64, 0u64);
        let mut on_image = Vec::new();
        while (step as u128).pow(2) < limit {
            for _ in 0..step {
                steps += 1;
                if (0..w).contains(&x) && (0..h).contains(&y) {
                    on_image.push((x as usize, y as usize));
                }
                x += DIRECTIONS[dir].0;
                y += DIRECTIONS[dir].1;
            }
            dir = (dir + 1) % 4;
            if dir & 1 == 0 {
                step += 1
            }
        }
        (on_image, steps)
    }

    #[test]
    fn the_bounded_spiral_visits_what_the_naive_one_does() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        for _ in 0..300 {
            let (w, h) = (1 + next(40) as i64, 1 + next(40) as i64);
            let seed = Point {
                x: next(160) as i32 - 60,
                y: next(160) as i32 - 60,
            };
            let limit = u128::from(next(30_000));
            let (expected, naive_steps) = naive(seed, limit, w, h);
            let (mut got, mut legs) = (Vec::new(), 0u64);
            let none: Option<()> = spiral(seed, limit, w as usize, h as usize, |v| {
                match v {
                    Visit::Leg => legs += 1,
                    Visit::Pixel(x, y) => got.push((x, y)),
                }
                ControlFlow::Continue(())
            });
            assert_eq!(none, None);
            assert_eq!(got, expected, "{w} x {h} from {seed:?}, limit {limit}");
            // Each pixel at most once, and no more legs than the naive spiral's.
            assert!(got.len() as u64 <= (w * h) as u64);
            assert!(legs <= naive_steps.max(1));
        }
    }

    #[test]
    fn a_spiral_far_off_the_image_or_with_a_huge_estimate_is_short() {
        // A seed far off a small image, with the largest estimate: the legs until the
        // limit, not billions of steps.
        let mut legs = 0u64;
        let seed = Point {
            x: i32::MAX,
            y: i32::MIN,
        };
        let none: Option<()> = spiral(seed, 100 * 2 * 77 * 300, 77, 300, |v| {
            legs += u64::from(v == Visit::Leg);
            ControlFlow::Continue(())
        });
        assert_eq!(none, None);
        assert!(legs <= 2 * 2150, "{legs}");
        // Centred on the image: it stops once the image is covered.
        let (mut legs, mut pixels) = (0u64, 0u64);
        let none: Option<()> = spiral(Point { x: 38, y: 150 }, u128::MAX, 77, 300, |v| {
            match v {
                Visit::Leg => legs += 1,
                Visit::Pixel(..) => pixels += 1,
            }
            ControlFlow::Continue(())
        });
        assert_eq!(none, None);
        assert_eq!(pixels, 77 * 300);
        assert!(legs <= 2 * 310, "{legs}");
    }
}
