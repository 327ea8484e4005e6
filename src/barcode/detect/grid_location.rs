//! From three finder patterns to a located grid: their orientation, the grid's size (from
//! the timing patterns), the fourth corner (from the alignment pattern on version 2 and
//! up) and the perspective of the whole code, refined by [`super::fitness`].

use super::alignment::{find_alignment_pattern, LeftMostFinder};
use super::fitness::jiggle_perspective;
use super::grouping::CapStoneGroup;
use super::lines::{line_intersect, BresenhamScan};
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
    pub(super) fn from_group(img: &mut PreparedImage, mut group: CapStoneGroup) -> Option<Self> {
        /* Construct the hypotenuse line from A to C. B should be to
         * the left of this line.
         */
        let h0 = group.0.center;
        let mut hd = Point {
            x: group.2.center.x - group.0.center.x,
            y: group.2.center.y - group.0.center.y,
        };

        /* Make sure A-B-C is clockwise */
        if (group.1.center.x - h0.x) * -hd.y + (group.1.center.y - h0.y) * hd.x > 0 {
            std::mem::swap(&mut group.0, &mut group.2);
            hd.x = -hd.x;
            hd.y = -hd.y
        }

        /* Rotate each capstone so that corner 0 is top-left with respect
         * to the grid.
         */
        rotate_capstone(&mut group.0, &h0, &hd);
        rotate_capstone(&mut group.1, &h0, &hd);
        rotate_capstone(&mut group.2, &h0, &hd);

        /* Check the timing pattern. This doesn't require a perspective
         * transform.
         */
        let grid_size = measure_timing_pattern(img, &group);

        /* Make an estimate based for the alignment pattern based on extending
         * lines from capstones A and C.
         */
        let mut align = line_intersect(
            &group.0.corners[0],
            &group.0.corners[1],
            &group.2.corners[0],
            &group.2.corners[3],
        )?;

        /* On V2+ grids, we should use the alignment pattern. */
        if grid_size > 21 {
            /* Try to find the actual location of the alignment pattern. */
            align = find_alignment_pattern(img, align, &group.0, &group.2)?;
            let score = -hd.y * align.x + hd.x * align.y;
            let finder = LeftMostFinder {
                line_p: hd,
                best: align,
                score,
            };
            let found = img.repaint_and_apply(
                (align.x as usize, align.y as usize),
                PixelColor::Alignment,
                finder,
            );
            align = found.best;
        }

        if version_from_grid_size(grid_size) >= ALIGNMENT_POSITIONS.len() {
            return None;
        }

        let c = setup_perspective(img, &group, align, grid_size)?;

        Some(SkewedGridLocation { grid_size, c })
    }
}

/// The version of a grid `grid_size` modules wide (0 for the 17 of no version).
pub(super) fn version_from_grid_size(grid_size: usize) -> usize {
    (grid_size - 17) / 4
}

fn setup_perspective(
    img: &PreparedImage,
    caps: &CapStoneGroup,
    align: Point,
    grid_size: usize,
) -> Option<Perspective> {
    let initial = Perspective::create(
        &[
            caps.1.corners[0],
            caps.2.corners[0],
            align,
            caps.0.corners[0],
        ],
        (grid_size - 7) as f64,
        (grid_size - 7) as f64,
    )?;

    Some(jiggle_perspective(img, initial, grid_size))
}

/// Turn the pattern's corners so that the first is its top-left with respect to the
/// grid (the one nearest to the hypotenuse from `h0` along `hd`).
fn rotate_capstone(cap: &mut CapStone, h0: &Point, hd: &Point) {
    let (best_idx, _) = cap
        .corners
        .iter()
        .enumerate()
        .min_by_key(|(_, a)| (a.x - h0.x) * (-hd.y) + (a.y - h0.y) * hd.x)
        .expect("corners cannot be empty");

    /* Rotate the capstone */
    cap.corners.rotate_left(best_idx);
    cap.c = Perspective::create(&cap.corners, 7.0, 7.0).expect("rotated perspective can't fail");
}

/// The grid's size from its timing patterns: counted between the middles of the rings'
/// bands nearest the code's centre (no perspective needed, only the patterns' corners
/// turned to their canonical rotation), rounded to an allowed size.
fn measure_timing_pattern(img: &PreparedImage, caps: &CapStoneGroup) -> usize {
    const US: [f64; 3] = [6.5f64, 6.5f64, 0.5f64];
    const VS: [f64; 3] = [0.5f64, 6.5f64, 6.5f64];
    let tpet0 = caps.0.c.map(US[0], VS[0]);
    let tpet1 = caps.1.c.map(US[1], VS[1]);
    let tpet2 = caps.2.c.map(US[2], VS[2]);

    let hscan = timing_scan(img, &tpet1, &tpet2);
    let vscan = timing_scan(img, &tpet1, &tpet0);

    let scan = std::cmp::max(hscan, vscan);

    /* Choose the nearest allowable grid size */
    assert!(scan >= 1);
    let size = scan + 13;
    let ver = (size as f64 - 15.0).floor() as usize / 4;
    ver * 4 + 17
}

/// How many times the colour changes along the segment from `p0` to `p1`.
fn timing_scan(img: &PreparedImage, p0: &Point, p1: &Point) -> usize {
    let mut count = 0;
    let mut previous = None;
    for p in BresenhamScan::new(p0, p1) {
        let pixel = img.get_pixel_at_point(p);
        if let Some(previous) = previous {
            if previous != pixel {
                count += 1;
            }
        }
        previous = Some(pixel);
    }

    count
}
