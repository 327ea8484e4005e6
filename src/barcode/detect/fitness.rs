//! Refining a located grid's perspective: each coefficient nudged up and down, in
//! smaller and smaller steps, and kept where the code's fixed features (timing patterns,
//! finder and alignment patterns) show best.

use super::grid_location::version_from_grid_size;
use super::meter::Exhausted;
use super::perspective::Perspective;
use super::prepared::{PixelColor, PreparedImage};
use super::versions::ALIGNMENT_POSITIONS;

/// `perspective` after five passes of nudging each coefficient by 2 % (then 1 %, 0.5 %
/// ...) of its value, keeping every nudge that raises [`fitness_all`].
pub(super) fn jiggle_perspective(
    img: &mut PreparedImage,
    mut perspective: Perspective,
    grid_size: usize,
) -> Result<Perspective, Exhausted> {
    let mut best = fitness_all(img, &perspective, grid_size)?;
    let mut adjustments: [f64; 8] = perspective.0.map(|c| c * 0.02f64);

    for _pass in 0..5 {
        for i in 0..16 {
            let j = i >> 1;
            let old = perspective.0[j];
            let step = adjustments[j];

            let new = if i & 1 != 0 { old + step } else { old - step };

            perspective.0[j] = new;
            let test = fitness_all(img, &perspective, grid_size)?;
            if test > best {
                best = test
            } else {
                perspective.0[j] = old
            }
        }

        for a in &mut adjustments {
            *a *= 0.5f64;
        }
    }
    Ok(perspective)
}

/// How well the perspective shows the features every code of this size has: timing
/// patterns, the three finder patterns and the alignment patterns.
fn fitness_all(
    img: &mut PreparedImage,
    perspective: &Perspective,
    grid_size: usize,
) -> Result<i32, Exhausted> {
    let version = version_from_grid_size(grid_size);
    let Some(apat) = ALIGNMENT_POSITIONS.get(version) else {
        return Ok(0);
    };
    let grid = i32::try_from(grid_size).unwrap_or(0);
    let mut score = 0;

    /* Check the timing pattern */
    for i in 0..(grid - 14) {
        let expect = if 0 != i & 1 { 1 } else { -1 };
        score += fitness_cell(img, perspective, i + 7, 6)? * expect;
        score += fitness_cell(img, perspective, 6, i + 7)? * expect;
    }

    /* Check capstones */
    score += fitness_capstone(img, perspective, 0, 0)?;
    score += fitness_capstone(img, perspective, grid - 7, 0)?;
    score += fitness_capstone(img, perspective, 0, grid - 7)?;

    /* Check alignment patterns */
    let mut ap_count = 0;
    while apat.get(ap_count).is_some_and(|&a| a != 0) {
        ap_count += 1
    }
    let inner = apat.get(1..ap_count.saturating_sub(1)).unwrap_or_default();
    for &a in inner {
        score += fitness_apat(img, perspective, 6, i32::from(a))?;
        score += fitness_apat(img, perspective, i32::from(a), 6)?;
    }
    let others = apat.get(1..ap_count).unwrap_or_default();
    for &a in others {
        for &b in others {
            score += fitness_apat(img, perspective, i32::from(a), i32::from(b))?;
        }
    }
    Ok(score)
}

fn fitness_apat(
    img: &mut PreparedImage,
    perspective: &Perspective,
    cx: i32,
    cy: i32,
) -> Result<i32, Exhausted> {
    Ok(
        fitness_cell(img, perspective, cx, cy)? - fitness_ring(img, perspective, cx, cy, 1)?
            + fitness_ring(img, perspective, cx, cy, 2)?,
    )
}

fn fitness_ring(
    img: &mut PreparedImage,
    perspective: &Perspective,
    cx: i32,
    cy: i32,
    radius: i32,
) -> Result<i32, Exhausted> {
    let mut score = 0;
    for i in 0..(radius * 2) {
        score += fitness_cell(img, perspective, cx - radius + i, cy - radius)?;
        score += fitness_cell(img, perspective, cx - radius, cy + radius - i)?;
        score += fitness_cell(img, perspective, cx + radius, cy - radius + i)?;
        score += fitness_cell(img, perspective, cx + radius - i, cy + radius)?;
    }
    Ok(score)
}

/// +1 for each of nine points of module `(x, y)` that is black, -1 for each white
/// (points off the image, or not mapped at all, count nothing). Nine units of work.
fn fitness_cell(
    img: &mut PreparedImage,
    perspective: &Perspective,
    x: i32,
    y: i32,
) -> Result<i32, Exhausted> {
    const OFFSETS: [f64; 3] = [0.3f64, 0.5f64, 0.7f64];
    img.charge(9)?;
    let mut score = 0;
    for dv in OFFSETS {
        for du in OFFSETS {
            let Some(p) = perspective.map(f64::from(x) + du, f64::from(y) + dv) else {
                continue;
            };
            let on_image = usize::try_from(p.x).is_ok_and(|x| x < img.width())
                && usize::try_from(p.y).is_ok_and(|y| y < img.height());
            if on_image {
                if PixelColor::White != img.get_pixel_at_point(p) {
                    score += 1
                } else {
                    score -= 1
                }
            }
        }
    }
    Ok(score)
}

fn fitness_capstone(
    img: &mut PreparedImage,
    perspective: &Perspective,
    x: i32,
    y: i32,
) -> Result<i32, Exhausted> {
    let (cx, cy) = (x + 3, y + 3);
    Ok(
        fitness_cell(img, perspective, cx, cy)? + fitness_ring(img, perspective, cx, cy, 1)?
            - fitness_ring(img, perspective, cx, cy, 2)?
            + fitness_ring(img, perspective, cx, cy, 3)?,
    )
}
