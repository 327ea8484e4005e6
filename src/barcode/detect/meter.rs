//! The work one detection may do, counted, against a cap proportional to the image.
//!
//! rqrr's search has no bound an image's size implies: every candidate group of finder
//! patterns is tried, each try spirals for an alignment pattern as far as a size estimate
//! from the patterns' geometry says (and that estimate is bounded by nothing), and
//! measuring regions may fill the same pixels again and again once the 251 region labels
//! run out. So every step the detector takes is charged here, in units of about one pixel
//! visited: thresholding and the row scan for finder patterns (one unit a pixel each),
//! each pixel a flood fill paints (and one unit for each run of them), each pixel a
//! trial's undo repaints, each pixel of a timing-pattern line, each spiral step inside
//! the image (and one unit for each leg of the spiral), each sample point of the
//! perspective's fitness and of the grid's modules, each pair of finder patterns compared.
//! Once the cap is reached, nothing more is done, and the detection reports it.

use std::fmt;

/// Work allowed per pixel of the image. The project's tests measure what real images take
/// (thresholding and the row scan alone take 2 a pixel): a rasterised A4 page of codes at
/// 300 dpi 2 to 5.2 units a pixel, a code alone on a small image up to 16 (most of it the
/// fixed cost of fitting its perspective, within [`WORK_ALLOWANCE`]).
pub(super) const WORK_PER_PIXEL: u64 = 32;

/// Work allowed whatever the image's size: a small image may hold a large code, and the
/// perspective fitness of one version-40 grid alone takes some 1.2 million units (81
/// trials of 14,900 sample points), whatever the number of pixels. The most a small
/// image of the tests takes is 1.1 million (a version-25 code alone on 298 x 298 pixels).
pub(super) const WORK_ALLOWANCE: u64 = 4_000_000;

/// The cap on the work of detecting codes in an image of `pixels` pixels.
pub(super) fn cap_for(pixels: u64) -> u64 {
    pixels
        .saturating_mul(WORK_PER_PIXEL)
        .saturating_add(WORK_ALLOWANCE)
}

/// Why work was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exhausted {
    /// The detection's work reached its cap.
    Work { cap: u64 },
    /// One candidate code marked more runs of pixels than its undo log may hold
    /// (see [`super::prepared`]).
    TrialMarks { limit: usize },
}

impl fmt::Display for Exhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exhausted::Work { cap } => write!(f, "its work cap ({cap} steps) ran out"),
            Exhausted::TrialMarks { limit } => write!(
                f,
                "checking one candidate code marked more than {limit} runs of pixels"
            ),
        }
    }
}

/// The work done so far, and the cap. `spent` never exceeds `cap`: a charge that would
/// is refused whole.
#[derive(Clone, Debug)]
pub(super) struct Meter {
    spent: u64,
    cap: u64,
}

impl Meter {
    pub(super) fn new(cap: u64) -> Self {
        Meter { spent: 0, cap }
    }

    /// Charge `units`, or refuse them (and every later charge but for nothing).
    pub(super) fn charge(&mut self, units: u64) -> Result<(), Exhausted> {
        match self.spent.checked_add(units) {
            Some(total) if total <= self.cap => {
                self.spent = total;
                Ok(())
            }
            _ => Err(Exhausted::Work { cap: self.cap }),
        }
    }

    /// [`Meter::charge`] for a count of things.
    pub(super) fn charge_count(&mut self, units: usize) -> Result<(), Exhausted> {
        self.charge(u64::try_from(units).unwrap_or(u64::MAX))
    }

    pub(super) fn spent(&self) -> u64 {
        self.spent
    }

    #[cfg(test)]
    pub(super) fn cap(&self) -> u64 {
        self.cap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charge_past_the_cap_is_refused_whole() {
        let mut m = Meter::new(10);
        assert_eq!(m.charge(7), Ok(()));
        assert_eq!(m.charge(4), Err(Exhausted::Work { cap: 10 }));
        assert_eq!(m.spent(), 7);
        assert_eq!(m.charge(3), Ok(()));
        assert_eq!(m.charge(1), Err(Exhausted::Work { cap: 10 }));
        assert_eq!(m.charge(u64::MAX), Err(Exhausted::Work { cap: 10 }));
        assert_eq!((m.spent(), m.cap()), (10, 10));
        assert_eq!(cap_for(u64::MAX), u64::MAX);
        assert_eq!(cap_for(0), WORK_ALLOWANCE);
    }
}
