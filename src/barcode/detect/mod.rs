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
//!   through the image at every bit the decoder asks for.

mod alignment;
mod capstone;
mod fitness;
mod grid_location;
mod grouping;
mod lines;
mod perspective;
mod prepared;
mod region_cache;
mod sampled_grid;
mod threshold;
mod versions;

use capstone::{capstones_from_image, CapStone};
use grid_location::SkewedGridLocation;
use grouping::{find_and_rank_possible_neighbors, CapStoneGroup};
use prepared::PreparedImage;
pub(crate) use sampled_grid::SampledGrid;

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

/// Every code the detector finds in a greyscale image.
pub(crate) fn detect(img: &image::GrayImage) -> Vec<Located> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared = PreparedImage::from_greyscale(w, h, img.as_raw());
    let stones = capstones_from_image(&mut prepared);
    let groups = find_groupings(&mut prepared, stones);
    let locations: Vec<_> = groups
        .into_iter()
        .filter_map(|group| SkewedGridLocation::from_group(&mut prepared, group))
        .collect();
    locations
        .into_iter()
        .map(|location| {
            let size = location.grid_size as f64 + 1.0;
            let bounds = [
                location.c.map(0.0, 0.0),
                location.c.map(size, 0.0),
                location.c.map(size, size),
                location.c.map(0.0, size),
            ];
            Located {
                bounds,
                grid: SampledGrid::sample(&prepared, &location),
            }
        })
        .collect()
}

/// The groups of three finder patterns that locate a code, each pattern in one group at
/// most: for each pattern, its pairs of neighbours, most symmetric first, each tried on a
/// copy of the image (so that a wrong group leaves no marks).
fn find_groupings(img: &mut PreparedImage, capstones: Vec<CapStone>) -> Vec<CapStoneGroup> {
    let mut used_capstones = Vec::new();
    let mut groups = Vec::new();
    for idx in 0..capstones.len() {
        if used_capstones.contains(&idx) {
            continue;
        }
        let pairs = find_and_rank_possible_neighbors(&capstones, idx);
        for pair in pairs {
            if used_capstones.contains(&pair.0) || used_capstones.contains(&pair.1) {
                continue;
            }
            let group_under_test = CapStoneGroup(
                capstones[pair.0].clone(),
                capstones[idx].clone(),
                capstones[pair.1].clone(),
            );
            let mut image_copy = img.clone();
            if SkewedGridLocation::from_group(&mut image_copy, group_under_test.clone()).is_none() {
                continue;
            }
            groups.push(group_under_test);
            used_capstones.push(pair.0);
            used_capstones.push(idx);
            used_capstones.push(pair.1);
        }
    }
    groups
}
