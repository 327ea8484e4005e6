//! From three finder patterns to a located grid: their orientation, the grid's size (from
//! the timing patterns), the fourth corner (from the alignment pattern on version 2 and
//! up) and the perspective of the whole code, refined by [`super::fitness`].

use super::alignment::{find_alignment_pattern, LeftMostFinder};
use super::fitness::jiggle_perspective;
use super::grouping::CapStoneGroup;
use super::lines::{line_intersect, BresenhamScan};
use super::meter::Exhausted;
use super::perspective::Perspective;
use super::prepared::{PixelColor, PreparedImage};
use super::versions::ALIGNMENT_POSITIONS;
use super::{CapStone, Point};

/// A code located in the image: its size in modules, and the perspective that maps its
/// modules onto the image's pixels.
#[derive(Debug, Clone)]
pub(super) struct SkewedGridLocation {
    pub(super) grid_size: usize,
    pub(super) c: Perspective,
}

impl SkewedGridLocation {
    /// Locate the code whose corners `group`'s finder patterns are, if they make one: a
    /// timing pattern between them, an alignment pattern where one is due, a perspective.
    /// The image is marked (the alignment pattern found).
    pub(super) fn from_group(
        img: &mut PreparedImage,
        mut group: CapStoneGroup,
    ) -> Result<Option<Self>, Exhausted> {
        /* Construct the hypotenuse line from A to C. B should be to
         * the left of this line.
         */
        let h0 = group.0.center;
        let (c0, c1, c2) = (group.0.center, group.1.center, group.2.center);
        let mut hd = (
            i64::from(c2.x) - i64::from(c0.x),
            i64::from(c2.y) - i64::from(c0.y),
        );

        /* Make sure A-B-C is clockwise */
        let (bx, by) = (
            i64::from(c1.x) - i64::from(h0.x),
            i64::from(c1.y) - i64::from(h0.y),
        );
        if bx * -hd.1 + by * hd.0 > 0 {
            std::mem::swap(&mut group.0, &mut group.2);
            hd = (-hd.0, -hd.1);
        }

        /* Rotate each capstone so that corner 0 is top-left with respect
         * to the grid.
         */
        for cap in [&mut group.0, &mut group.1, &mut group.2] {
            if rotate_capstone(cap, &h0, hd).is_none() {
                return Ok(None);
            }
        }

        /* Check the timing pattern. This doesn't require a perspective
         * transform.
         */
        let Some(grid_size) = measure_timing_pattern(img, &group)? else {
            return Ok(None);
        };
        // (rqrr checked this after the alignment search, which it made in vain.)
        if version_from_grid_size(grid_size) >= ALIGNMENT_POSITIONS.len() {
            return Ok(None);
        }

        /* Make an estimate based for the alignment pattern based on extending
         * lines from capstones A and C.
         */
        let Some(mut align) = line_intersect(
            &group.0.corners[0],
            &group.0.corners[1],
            &group.2.corners[0],
            &group.2.corners[3],
        ) else {
            return Ok(None);
        };

        /* On V2+ grids, we should use the alignment pattern. */
        if grid_size > 21 {
            /* Try to find the actual location of the alignment pattern. */
            let Some(found) = find_alignment_pattern(img, align, &group.0, &group.2)? else {
                return Ok(None);
            };
            let finder = LeftMostFinder::new(hd, found);
            let (Ok(x), Ok(y)) = (usize::try_from(found.x), usize::try_from(found.y)) else {
                return Ok(None);
            };
            let Some(leftmost) = img.repaint_and_apply((x, y), PixelColor::Alignment, finder)?
            else {
                return Ok(None);
            };
            align = leftmost.best;
        }

        let Some(c) = setup_perspective(img, &group, align, grid_size)? else {
            return Ok(None);
        };

        Ok(Some(SkewedGridLocation { grid_size, c }))
    }
}

/// The version of a grid `grid_size` modules wide (0 for the 17 of no version).
pub(super) fn version_from_grid_size(grid_size: usize) -> usize {
    grid_size.saturating_sub(17) / 4
}

fn setup_perspective(
    img: &mut PreparedImage,
    caps: &CapStoneGroup,
    align: Point,
    grid_size: usize,
) -> Result<Option<Perspective>, Exhausted> {
    let Some(initial) = Perspective::create(
        &[
            caps.1.corners[0],
            caps.2.corners[0],
            align,
            caps.0.corners[0],
        ],
        grid_size.saturating_sub(7) as f64,
        grid_size.saturating_sub(7) as f64,
    ) else {
        return Ok(None);
    };

    jiggle_perspective(img, initial, grid_size).map(Some)
}

/// Turn the pattern's corners so that the first is its top-left with respect to the
/// grid (the one nearest to the hypotenuse from `h0` along `hd`); `None` when its
/// perspective cannot be made again.
fn rotate_capstone(cap: &mut CapStone, h0: &Point, hd: (i64, i64)) -> Option<()> {
    let (best_idx, _) = cap.corners.iter().enumerate().min_by_key(|(_, a)| {
        (i64::from(a.x) - i64::from(h0.x)) * -hd.1 + (i64::from(a.y) - i64::from(h0.y)) * hd.0
    })?;

    /* Rotate the capstone */
    cap.corners.rotate_left(best_idx);
    cap.c = Perspective::create(&cap.corners, 7.0, 7.0)?;
    Some(())
}

/// The grid's size from its timing patterns: counted between the middles of the rings'
/// bands nearest the code's centre (no perspective needed, only the patterns' corners
/// turned to their canonical rotation), rounded to an allowed size. `None` when a line's
/// end is off the image (a real code's is inside its finder pattern) or no line crosses
/// a single edge.
fn measure_timing_pattern(
    img: &mut PreparedImage,
    caps: &CapStoneGroup,
) -> Result<Option<usize>, Exhausted> {
    const US: [f64; 3] = [6.5f64, 6.5f64, 0.5f64];
    const VS: [f64; 3] = [0.5f64, 6.5f64, 6.5f64];
    let (Some(tpet0), Some(tpet1), Some(tpet2)) = (
        caps.0.c.map(US[0], VS[0]),
        caps.1.c.map(US[1], VS[1]),
        caps.2.c.map(US[2], VS[2]),
    ) else {
        return Ok(None);
    };

    let (Some(hscan), Some(vscan)) = (
        timing_scan(img, &tpet1, &tpet2)?,
        timing_scan(img, &tpet1, &tpet0)?,
    ) else {
        return Ok(None);
    };

    let scan = std::cmp::max(hscan, vscan);

    /* Choose the nearest allowable grid size */
    if scan == 0 {
        return Ok(None);
    }
    let size = scan + 13;
    let ver = size.saturating_sub(15) / 4;
    Ok(Some(ver.saturating_mul(4).saturating_add(17)))
}

/// How many times the colour changes along the segment from `p0` to `p1` (one unit of
/// work a pixel); `None` when an end is off the image.
fn timing_scan(
    img: &mut PreparedImage,
    p0: &Point,
    p1: &Point,
) -> Result<Option<usize>, Exhausted> {
    let on_image = |p: &Point| {
        usize::try_from(p.x).is_ok_and(|x| x < img.width())
            && usize::try_from(p.y).is_ok_and(|y| y < img.height())
    };
    if !on_image(p0) || !on_image(p1) {
        return Ok(None);
    }
    let mut count = 0;
    let mut previous = None;
    for p in BresenhamScan::new(p0, p1) {
        img.charge(1)?;
        let pixel = img.get_pixel_at_point(p);
        if let Some(previous) = previous {
            if previous != pixel {
                count += 1;
            }
        }
        previous = Some(pixel);
    }

    Ok(Some(count))
}
