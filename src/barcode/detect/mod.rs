//! Finding QR codes in an image: thresholding, finder patterns, their grouping into codes,
//! each code's grid and perspective, and its modules sampled into a [`SampledGrid`] that
//! rqrr's decoder reads through its public [`rqrr::BitGrid`] trait.
//!
//! # Origin
//!
//! This is the detection half of rqrr 0.10.1 (Moritz Wanzenböck, MIT or Apache-2.0),
//! itself a port of quirc (Daniel Beer, ISC): `prepare.rs`, `detect.rs`,
//! `identify/{grid.rs, match_capstones.rs}` and `geometry.rs`. The notices are in
//! `LICENSE-THIRD-PARTY` beside this file. rqrr keeps these internals private, so a code
//! that makes its search run away cannot be bounded from outside (and a
//! `[patch.crates-io]` would not reach the crates that depend on qoltanba): they are
//! forked here, and the decoding half stays rqrr's, called through its public API.
//!
//! What changed in the fork, against rqrr:
//!
//! * one file per concept ([`threshold`], [`prepared`], [`region_cache`], [`capstone`],
//!   [`grouping`], [`grid_location`], [`alignment`], [`fitness`], [`perspective`],
//!   [`lines`], [`sampled_grid`]), only what the scanner uses, greyscale input only;
//! * the 251 region labels are kept in a fixed array with the same least-recently-used
//!   policy ([`region_cache`]) instead of the `lru` crate;
//! * each located code is sampled once into a [`SampledGrid`] instead of being read
//!   through the image at every bit the decoder asks for;
//! * bounded: every step is charged to a work [`meter`] whose cap is proportional to the
//!   image's pixels, with fixed bounds on the finder patterns collected
//!   ([`MAX_CAPSTONES`]) and the groups tried ([`MAX_GROUPS_TRIED`]); a detection that
//!   reaches one stops and says so ([`GaveUp`]), keeping the codes it had located. The
//!   alignment pattern's spiral ends where it can find nothing more ([`alignment`]), a
//!   candidate group is tried on the image and undone from a log rather than on a copy
//!   of the image, and each code is located once ([`find_groupings`]);
//! * no panic reachable from an image: rqrr asserted that a perspective's points fit an
//!   `i32` (its issue #54, which photographed codes reach), and had `expect`s, `unwrap`s,
//!   `i32` products that overflow, a `White` region that panicked and unchecked indexing.
//!   Here a point that does not map is `None` ([`perspective::to_i32`]: NaN, infinities,
//!   out of range), geometry is computed in `i64` (`i128` for line crossings), and every
//!   pixel read or write is checked. So the scanner calls it without `catch_unwind`.
//!
//! What it finds may differ from rqrr's in corner cases only, all where rqrr's result was
//! an accident: a timing line must start and end on the image, the spiral steps on past
//! a claimed region (rqrr stood still for the rest of the leg), products that overflowed
//! (and wrapped, in release builds) are exact, and a code is located on the image as
//! every candidate was tried on it rather than once more on an image marked by the codes
//! located before it. The tests' scans (PNG, JPEG at quality 60, pages of 9 codes,
//! rasterised PDF pages) read what they read with rqrr.

mod alignment;
mod capstone;
mod fitness;
mod grid_location;
mod grouping;
mod lines;
mod meter;
mod perspective;
mod prepared;
mod region_cache;
mod sampled_grid;
mod threshold;
mod versions;

use std::fmt;

use capstone::{capstones_from_image, CapStone};
use grid_location::SkewedGridLocation;
use grouping::{find_and_rank_possible_neighbors, CapStoneGroup};
pub(crate) use meter::Exhausted;
use prepared::PreparedImage;
pub(crate) use sampled_grid::SampledGrid;

/// Most finder patterns the detector collects from one image: 85 codes' worth. A printed
/// page holds a few codes; the scanner paints out the codes it reads and looks again, so
/// a page with more still gets read, a part per look.
pub(crate) const MAX_CAPSTONES: usize = 256;

/// Most groups of three finder patterns tried as a code in one image. Each try measures
/// timing patterns, may spiral for an alignment pattern, and fits a perspective (the
/// work meter counts all of it); a page of codes in a grid, whose finder patterns line
/// up with their neighbours', takes some tens of tries.
pub(crate) const MAX_GROUPS_TRIED: usize = 1024;

/// Longest side of an image the detector looks at, in pixels: far above the scanner's own
/// bound, and small enough that every product of two coordinates fits an `i64`.
pub(crate) const MAX_SIDE: usize = 1 << 20;

/// A pixel position (x to the right, y down); may lie off the image.
#[derive(Debug, Clone, Copy, Eq, PartialEq, Default)]
pub(crate) struct Point {
    pub(crate) x: i32,
    pub(crate) y: i32,
}

/// A code found in the image: where, and its modules.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    /// The grid's corners in the image: top-left, top-right, bottom-right, bottom-left.
    pub(crate) bounds: [Point; 4],
    pub(crate) grid: SampledGrid,
}

/// Why the detector stopped before it had looked at everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GaveUp {
    /// The work meter ran out (see [`meter`]).
    Work(Exhausted),
    /// More than [`MAX_CAPSTONES`] finder patterns.
    Capstones,
    /// More than [`MAX_GROUPS_TRIED`] candidate codes.
    Groups,
    /// A side longer than [`MAX_SIDE`].
    TooLarge,
}

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GaveUp::Work(e) => write!(f, "{e}"),
            GaveUp::Capstones => write!(f, "it has more than {MAX_CAPSTONES} finder patterns"),
            GaveUp::Groups => write!(f, "more than {MAX_GROUPS_TRIED} candidate codes were tried"),
            GaveUp::TooLarge => write!(f, "a side is longer than {MAX_SIDE} pixels"),
        }
    }
}

impl From<Exhausted> for GaveUp {
    fn from(e: Exhausted) -> Self {
        GaveUp::Work(e)
    }
}

/// What the detector found in one image, and the work it took.
#[derive(Debug, Clone)]
pub(crate) struct Detection {
    /// The codes located, in the order found.
    pub(crate) codes: Vec<Located>,
    /// Set when the detector stopped early: the codes above are those it had located.
    pub(crate) gave_up: Option<GaveUp>,
    /// The work done, in the meter's units (never more than the cap).
    pub(crate) work: u64,
}

/// Every code the detector finds in a greyscale image, within the work cap for its size
/// ([`meter::cap_for`]).
pub(crate) fn detect(img: &image::GrayImage) -> Detection {
    let pixels = u64::from(img.width()).saturating_mul(u64::from(img.height()));
    detect_with_cap(img, meter::cap_for(pixels))
}

/// [`detect`] with the work cap given.
pub(crate) fn detect_with_cap(img: &image::GrayImage, cap: u64) -> Detection {
    let mut detection = Detection {
        codes: Vec::new(),
        gave_up: None,
        work: 0,
    };
    let (Ok(w), Ok(h)) = (usize::try_from(img.width()), usize::try_from(img.height())) else {
        detection.gave_up = Some(GaveUp::TooLarge);
        return detection;
    };
    if w > MAX_SIDE || h > MAX_SIDE {
        detection.gave_up = Some(GaveUp::TooLarge);
        return detection;
    }
    if w == 0 || h == 0 {
        return detection;
    }
    let mut prepared = match PreparedImage::from_greyscale(w, h, img.as_raw(), cap) {
        Ok(p) => p,
        Err(e) => {
            detection.gave_up = Some(e.into());
            return detection;
        }
    };
    detection.gave_up = locate_codes(&mut prepared, &mut detection.codes).err();
    detection.work = prepared.meter().spent();
    detection
}

/// Find the finder patterns, then the codes they make (into `codes`, as they are found).
fn locate_codes(img: &mut PreparedImage, codes: &mut Vec<Located>) -> Result<(), GaveUp> {
    let (stones, more) = capstones_from_image(img)?;
    find_groupings(img, &stones, codes)?;
    if more {
        return Err(GaveUp::Capstones);
    }
    Ok(())
}

/// The codes that groups of three finder patterns locate, each pattern in one code at
/// most: for each pattern, its pairs of neighbours, most symmetric first, each tried as a
/// code on the image and its marks undone after (so that a wrong group leaves none).
///
/// rqrr tried each group on a copy of the whole image, kept the groups that located a
/// code, then located each kept group again on the image itself. Here a trial is undone
/// from its log instead of copied (it costs what it did, not the image's size), and the
/// code a trial located is kept: the second locating gave the same grid, but for marks
/// an earlier code's second locating might have left.
fn find_groupings(
    img: &mut PreparedImage,
    capstones: &[CapStone],
    codes: &mut Vec<Located>,
) -> Result<(), GaveUp> {
    let mut used = vec![false; capstones.len()];
    let mut tried = 0usize;
    for (idx, stone) in capstones.iter().enumerate() {
        if used[idx] {
            continue;
        }
        let pairs = find_and_rank_possible_neighbors(img, capstones, idx)?;
        for (h, v) in pairs {
            let (Some(&false), Some(&false)) = (used.get(h), used.get(v)) else {
                continue;
            };
            let (Some(hs), Some(vs)) = (capstones.get(h), capstones.get(v)) else {
                continue;
            };
            if tried == MAX_GROUPS_TRIED {
                return Err(GaveUp::Groups);
            }
            tried += 1;
            let group = CapStoneGroup(hs.clone(), stone.clone(), vs.clone());
            img.begin_trial()?;
            let location = SkewedGridLocation::from_group(img, group)?;
            img.end_trial()?;
            let Some(location) = location else {
                continue;
            };
            let Some(located) = locate(img, &location)? else {
                continue;
            };
            codes.push(located);
            for i in [h, idx, v] {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
        }
    }
    Ok(())
}

/// The code at `location`: its corners and its modules.
fn locate(
    img: &mut PreparedImage,
    location: &SkewedGridLocation,
) -> Result<Option<Located>, Exhausted> {
    let size = location.grid_size as f64 + 1.0;
    let corners = [(0.0, 0.0), (size, 0.0), (size, size), (0.0, size)];
    let mut bounds = [Point::default(); 4];
    for (bound, (u, v)) in bounds.iter_mut().zip(corners) {
        let Some(p) = location.c.map(u, v) else {
            return Ok(None);
        };
        *bound = p;
    }
    Ok(Some(Located {
        bounds,
        grid: SampledGrid::sample(img, location)?,
    }))
}
