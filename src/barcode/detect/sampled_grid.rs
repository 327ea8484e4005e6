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
    /// nearest edge pixel): one unit of work a module.
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
                modules.push(PixelColor::White != img.get_pixel_at_point(p));
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
