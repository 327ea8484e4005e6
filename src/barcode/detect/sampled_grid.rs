//! A located code read into modules: one bit per module, sampled at the module's centre
//! through the grid's perspective. This is what rqrr's decoder reads, through its public
//! [`rqrr::BitGrid`] trait.

use super::grid_location::SkewedGridLocation;
use super::meter::Exhausted;
use super::prepared::{PixelColor, PreparedImage};

/// The modules of one located code, row by row (`true`: black).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SampledGrid {
    size: usize,
    modules: Vec<bool>,
}

impl SampledGrid {
    /// Sample every module of `location` in `img` (a point off the image reads the
    /// nearest edge pixel, a point not mapped at all is white): one unit of work a module.
    pub(super) fn sample(
        img: &mut PreparedImage,
        location: &SkewedGridLocation,
    ) -> Result<Self, Exhausted> {
        let size = location.grid_size;
        img.charge(size.saturating_mul(size))?;
        let mut modules = Vec::with_capacity(size * size);
        for y in 0..size {
            for x in 0..size {
                let p = location.c.map(x as f64 + 0.5, y as f64 + 0.5);
                modules.push(p.is_some_and(|p| PixelColor::White != img.get_pixel_at_point(p)));
            }
        }
        Ok(SampledGrid { size, modules })
    }
}

impl rqrr::BitGrid for SampledGrid {
    fn size(&self) -> usize {
        self.size
    }

    /// The module at row `y`, column `x`; white outside the grid.
    fn bit(&self, y: usize, x: usize) -> bool {
        x < self.size
            && y.checked_mul(self.size)
                .and_then(|row| self.modules.get(row + x))
                .copied()
                .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rqrr::BitGrid as _;

    /// The 15-bit format word of error-correction bits `ecc` and `mask`, as printed
    /// (BCH(15, 5) with generator 0x537, masked with 0x5412).
    fn format_word(ecc: u16, mask: u16) -> u16 {
        let data = (ecc << 3 | mask) << 10;
        let mut rem = data;
        for i in (10..15).rev() {
            if rem & (1 << i) != 0 {
                rem ^= 0x537 << (i - 10);
            }
        }
        (data | rem) ^ 0x5412
    }

    /// A grid of `size` modules of pseudo-random bits carrying the format word at the
    /// place rqrr reads first (the bits of row 8 and column 8 by the top-left corner).
    fn grid(size: usize, format: Option<u16>, state: &mut u64) -> SampledGrid {
        let mut modules: Vec<bool> = (0..size * size)
            .map(|_| {
                *state ^= *state << 13;
                *state ^= *state >> 7;
                *state ^= *state << 17;
                *state & 1 == 1
            })
            .collect();
        if let Some(word) = format {
            const XS: [usize; 15] = [8, 8, 8, 8, 8, 8, 8, 8, 7, 5, 4, 3, 2, 1, 0];
            const YS: [usize; 15] = [0, 1, 2, 3, 4, 5, 7, 8, 8, 8, 8, 8, 8, 8, 8];
            for i in 0..15 {
                modules[YS[i] * size + XS[i]] = (word >> i) & 1 == 1;
            }
        }
        SampledGrid { size, modules }
    }

    /// The detector only hands rqrr's decoder grids of 17 + 4k modules (k = 0 to 40; 17 is
    /// no version, and is refused as such), each bit of which reads. rqrr's decoder
    /// indexes its tables by the version, the error-correction level (0 to 3) and the
    /// mask (0 to 7) it reads from the grid, and its asserts hold for every table entry:
    /// every one of the 41 x 4 x 8 combinations is decoded here, on random data (and with
    /// random format bits too), and
    /// none panics. The scanner calls it without `catch_unwind`, on this ground.
    #[test]
    fn rqrr_decodes_every_grid_the_detector_can_give_without_panicking() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut decoded = 0;
        for version in 0..=40usize {
            let size = 17 + 4 * version;
            for ecc in 0..4 {
                for mask in 0..8 {
                    // Random format bits too, once per version and level.
                    let random = (mask == 0).then_some(None);
                    for format in [Some(format_word(ecc, mask))].into_iter().chain(random) {
                        let g = grid(size, format, &mut state);
                        assert_eq!(g.size(), size);
                        let mut out = Vec::new();
                        if rqrr::Grid::new(g).decode_to(&mut out).is_ok() {
                            decoded += 1;
                        }
                    }
                }
            }
        }
        // Random data rarely corrects; what matters is that every call returned.
        assert!(decoded < 41 * 4 * 9);
    }

    #[test]
    fn bits_off_the_grid_are_white() {
        let g = SampledGrid {
            size: 2,
            modules: vec![true; 4],
        };
        assert!(g.bit(1, 1));
        assert!(!g.bit(2, 0) && !g.bit(0, 2) && !g.bit(usize::MAX, usize::MAX));
    }
}
