//! The thresholded image the detector works on, and the flood fills that measure and mark
//! its black regions.
//!
//! Each pixel is a byte: white, black, one of three marks (the ring of a finder pattern
//! found, an alignment pattern found, a scratch mark), or the label of a measured region
//! (see [`super::region_cache`]). Measuring a region paints it with its label, so a second
//! look at any of its pixels costs nothing.

use super::meter::{Exhausted, Meter};
use super::region_cache::{RegionCache, LABELS};
use super::threshold::threshold;
use super::Point;

/// What a pixel holds.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub(super) enum PixelColor {
    White,
    Black,
    CapStone,
    Alignment,
    Tmp1,
    Discarded(u8),
}

impl From<u8> for PixelColor {
    fn from(x: u8) -> Self {
        match x {
            0 => PixelColor::White,
            1 => PixelColor::Black,
            2 => PixelColor::CapStone,
            3 => PixelColor::Alignment,
            4 => PixelColor::Tmp1,
            x => PixelColor::Discarded(x - 5),
        }
    }
}

impl From<PixelColor> for u8 {
    fn from(c: PixelColor) -> Self {
        match c {
            PixelColor::White => 0,
            PixelColor::Black => 1,
            PixelColor::CapStone => 2,
            PixelColor::Alignment => 3,
            PixelColor::Tmp1 => 4,
            // (Labels are below 251, so this never saturates.)
            PixelColor::Discarded(x) => x.saturating_add(5),
        }
    }
}

impl PartialEq<u8> for PixelColor {
    fn eq(&self, other: &u8) -> bool {
        u8::from(*self) == *other
    }
}

/// A black region as measured: unclaimed (with its label, a pixel of it and its size), or
/// marked as part of a pattern already found.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub(super) enum ColoredRegion {
    Unclaimed {
        color: PixelColor,
        src_x: usize,
        src_y: usize,
        pixel_count: usize,
    },
    CapStone,
    Alignment,
    Tmp1,
}

/// One horizontal run of pixels a flood fill painted.
#[derive(Debug, Clone, Copy, Eq, PartialEq)]
pub(super) struct Row {
    pub(super) left: usize,
    pub(super) right: usize,
    pub(super) y: usize,
}

/// What a flood fill reports each run to (an area count, a corner search ...).
pub(super) trait AreaFiller {
    fn update(&mut self, row: Row);
}

impl<F> AreaFiller for F
where
    F: FnMut(Row),
{
    fn update(&mut self, row: Row) {
        self(row)
    }
}

struct AreaCounter(usize);

impl AreaFiller for AreaCounter {
    fn update(&mut self, row: Row) {
        self.0 += row.right - row.left + 1;
    }
}

/// The thresholded image, its measured regions, the work done on it, and the undo log of
/// the candidate code being tried, if any.
pub(super) struct PreparedImage {
    w: usize,
    h: usize,
    pixels: Vec<u8>,
    cache: RegionCache,
    meter: Meter,
    trial: Option<Trial>,
}

/// A candidate code under trial: the runs of pixels its flood fills painted (each was
/// wholly one colour, `from`, before), to paint back in reverse order, and the region
/// labels as they were. rqrr tried each candidate on a copy of the whole image instead,
/// which cost as much as the image for every candidate.
struct Trial {
    spans: Vec<Span>,
    cache: RegionCache,
}

/// One run a flood fill painted, and the colour it had.
#[derive(Clone, Copy, Debug)]
struct Span {
    y: usize,
    left: usize,
    right: usize,
    from: u8,
}

/// Most runs one trial may mark (each is 32 bytes of undo log): a real candidate marks the
/// few regions around its alignment pattern, some hundreds of runs.
fn max_trial_spans(pixels: usize) -> usize {
    pixels / 16 + 65_536
}

impl PreparedImage {
    /// Threshold a greyscale image given row by row (`grey` holds at least `w * h` bytes),
    /// with `cap` units of work to spend on it. Thresholding costs one unit a pixel.
    pub(super) fn from_greyscale(
        w: usize,
        h: usize,
        grey: &[u8],
        cap: u64,
    ) -> Result<Self, Exhausted> {
        let mut meter = Meter::new(cap);
        let n = w.saturating_mul(h);
        meter.charge_count(n)?;
        let mut pixels = grey.get(..n).unwrap_or_default().to_vec();
        pixels.resize(n, 255);
        threshold(w, h, &mut pixels);
        Ok(PreparedImage {
            w,
            h,
            pixels,
            cache: RegionCache::new(),
            meter,
            trial: None,
        })
    }

    /// A black-and-white image from `true` (black) and `false` pixels, row by row.
    #[cfg(test)]
    pub(super) fn from_bitmap(w: usize, h: usize, black: impl Fn(usize, usize) -> bool) -> Self {
        let mut pixels = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                pixels.push(u8::from(black(x, y)));
            }
        }
        PreparedImage {
            w,
            h,
            pixels,
            cache: RegionCache::new(),
            meter: Meter::new(u64::MAX),
            trial: None,
        }
    }

    pub(super) fn width(&self) -> usize {
        self.w
    }

    pub(super) fn height(&self) -> usize {
        self.h
    }

    /// Charge `units` of work to this image's detection.
    pub(super) fn charge(&mut self, units: usize) -> Result<(), Exhausted> {
        self.meter.charge_count(units)
    }

    pub(super) fn meter(&self) -> &Meter {
        &self.meter
    }

    /// The pixel at `(x, y)`; white off the image.
    fn get_pixel(&self, x: usize, y: usize) -> u8 {
        if x >= self.w {
            return 0;
        }
        y.checked_mul(self.w)
            .and_then(|row| self.pixels.get(row + x))
            .copied()
            .unwrap_or(0)
    }

    /// Paint the run `left..=right` of row `y` (clipped to the image).
    fn paint_run(&mut self, y: usize, left: usize, right: usize, val: u8) {
        let w = self.w;
        let right = right.min(w.saturating_sub(1));
        if let Some(run) = y
            .checked_mul(w)
            .and_then(|row| self.pixels.get_mut(row + left..=row + right))
        {
            run.fill(val);
        }
    }

    /// Start trying a candidate code: from now on every run painted is logged, to be
    /// painted back by [`PreparedImage::end_trial`].
    pub(super) fn begin_trial(&mut self) -> Result<(), Exhausted> {
        // Saving the region labels costs about as much as a few hundred pixels.
        self.charge(LABELS)?;
        self.trial = Some(Trial {
            spans: Vec::new(),
            cache: self.cache.clone(),
        });
        Ok(())
    }

    /// Undo every mark of the candidate code tried (one unit a pixel repainted), and the
    /// region labels it took, as if it had been tried on a copy of the image.
    pub(super) fn end_trial(&mut self) -> Result<(), Exhausted> {
        let Some(trial) = self.trial.take() else {
            return Ok(());
        };
        for span in trial.spans.iter().rev() {
            self.charge(span.right - span.left + 1)?;
            self.paint_run(span.y, span.left, span.right, span.from);
        }
        self.cache = trial.cache;
        Ok(())
    }

    /// The region the (non-white) pixel at `(x, y)` belongs to, measured (and labelled)
    /// if it was not yet; `None` for a white pixel.
    pub(super) fn get_region(
        &mut self,
        (x, y): (usize, usize),
    ) -> Result<Option<ColoredRegion>, Exhausted> {
        let color: PixelColor = self.get_pixel(x, y).into();
        Ok(match color {
            PixelColor::Discarded(r) => self.cache.get(r),
            PixelColor::Black => {
                let cache_fill = self.cache.len();
                let reg_idx = if cache_fill >= LABELS {
                    let Some((c, reg)) = self.cache.pop_lru() else {
                        return Ok(None);
                    };
                    if let ColoredRegion::Unclaimed {
                        src_x,
                        src_y,
                        color,
                        ..
                    } = reg
                    {
                        let _ = self.flood_fill(
                            src_x,
                            src_y,
                            color.into(),
                            PixelColor::Black.into(),
                            |_| (),
                        )?;
                    }
                    c
                } else {
                    let Ok(label) = u8::try_from(cache_fill) else {
                        return Ok(None);
                    };
                    label
                };
                let next_reg_color = PixelColor::Discarded(reg_idx);
                let Some(counter) =
                    self.repaint_and_apply((x, y), next_reg_color, AreaCounter(0))?
                else {
                    return Ok(None);
                };
                let new_reg = ColoredRegion::Unclaimed {
                    color: next_reg_color,
                    src_x: x,
                    src_y: y,
                    pixel_count: counter.0,
                };
                self.cache.put(reg_idx, new_reg);
                Some(new_reg)
            }
            PixelColor::Tmp1 => Some(ColoredRegion::Tmp1),
            PixelColor::Alignment => Some(ColoredRegion::Alignment),
            PixelColor::CapStone => Some(ColoredRegion::CapStone),
            PixelColor::White => None,
        })
    }

    /// Paint the region of the pixel at `(x, y)` with `target_color`, reporting each run
    /// painted to `fill`; `None` (nothing painted) when the pixel is white or already of
    /// that colour.
    pub(super) fn repaint_and_apply<F>(
        &mut self,
        (x, y): (usize, usize),
        target_color: PixelColor,
        fill: F,
    ) -> Result<Option<F>, Exhausted>
    where
        F: AreaFiller,
    {
        let src = self.get_pixel(x, y);
        if PixelColor::White == src || target_color == src {
            return Ok(None);
        }

        self.flood_fill(x, y, src, target_color.into(), fill)
            .map(Some)
    }

    /// The pixel nearest to `p` (clamped to the image).
    pub(super) fn get_pixel_at_point(&self, p: Point) -> PixelColor {
        let clamp = |v: i32, len: usize| {
            usize::try_from(v.max(0))
                .unwrap_or(0)
                .min(len.saturating_sub(1))
        };
        self.get_pixel(clamp(p.x, self.w), clamp(p.y, self.h))
            .into()
    }

    pub(super) fn get_pixel_at(&self, x: usize, y: usize) -> PixelColor {
        self.get_pixel(x, y).into()
    }

    /// Paint the 4-connected area of colour `from` around `(x, y)` with `to`, a run at a
    /// time (one unit of work per run and per pixel painted).
    fn flood_fill<F>(
        &mut self,
        x: usize,
        y: usize,
        from: u8,
        to: u8,
        mut fill: F,
    ) -> Result<F, Exhausted>
    where
        F: AreaFiller,
    {
        if from == to {
            return Ok(fill);
        }
        let (w, h) = (self.w, self.h);
        let mut queue = vec![(x, y)];

        while let Some((x, y)) = queue.pop() {
            // Bail early in case there is nothing to fill
            if x >= w || y >= h || self.get_pixel(x, y) != from {
                continue;
            }

            let mut left = x;
            let mut right = x;

            while left > 0 && self.get_pixel(left - 1, y) == from {
                left -= 1;
            }
            while right + 1 < w && self.get_pixel(right + 1, y) == from {
                right += 1
            }

            self.charge(right - left + 2)?;
            if let Some(trial) = &mut self.trial {
                let limit = max_trial_spans(w.saturating_mul(h));
                if trial.spans.len() >= limit {
                    return Err(Exhausted::TrialMarks { limit });
                }
                trial.spans.push(Span {
                    y,
                    left,
                    right,
                    from,
                });
            }
            self.paint_run(y, left, right, to);

            fill.update(Row { left, right, y });

            /* Seed new flood-fills */
            for next in [y.checked_sub(1), y.checked_add(1).filter(|&n| n < h)]
                .into_iter()
                .flatten()
            {
                let mut seeded_previous = false;
                for x in left..=right {
                    if self.get_pixel(x, next) == from {
                        if !seeded_previous {
                            queue.push((x, next));
                        }
                        seeded_previous = true;
                    } else {
                        seeded_previous = false;
                    }
                }
            }
        }
        Ok(fill)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img_from_array(array: [[u8; 3]; 3]) -> PreparedImage {
        PreparedImage::from_bitmap(3, 3, |x, y| array[y][x] != 0)
    }

    fn fill(img: &mut PreparedImage, x: usize, y: usize) {
        let _ = img.flood_fill(x, y, 1, 2, |_| ()).unwrap();
    }

    #[test]
    fn flood_fill_full_single_ring_u_empty() {
        let mut full = img_from_array([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
        fill(&mut full, 0, 0);
        assert!(full.pixels.iter().all(|&p| p == 2));

        let mut single = img_from_array([[1, 0, 1], [0, 1, 0], [1, 0, 1]]);
        fill(&mut single, 1, 1);
        assert_eq!(single.pixels, [1, 0, 1, 0, 2, 0, 1, 0, 1]);

        let mut ring = img_from_array([[1, 1, 1], [1, 0, 1], [1, 1, 1]]);
        fill(&mut ring, 0, 0);
        assert_eq!(ring.pixels, [2, 2, 2, 2, 0, 2, 2, 2, 2]);

        let mut u = img_from_array([[1, 0, 1], [1, 0, 1], [1, 1, 1]]);
        fill(&mut u, 0, 0);
        assert_eq!(u.pixels, [2, 0, 2, 2, 0, 2, 2, 2, 2]);

        let mut empty = img_from_array([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
        fill(&mut empty, 1, 1);
        assert!(empty.pixels.iter().all(|&p| p == 0));
    }

    #[test]
    fn region_measured_and_labelled() {
        let mut u = img_from_array([[1, 0, 1], [1, 0, 1], [1, 1, 1]]);
        let Ok(Some(ColoredRegion::Unclaimed {
            color,
            src_x,
            src_y,
            pixel_count,
        })) = u.get_region((0, 0))
        else {
            panic!("not an unclaimed region");
        };
        assert_eq!((src_x, src_y, pixel_count), (0, 0, 7));
        for y in 0..3 {
            for x in 0..3 {
                let expected = if x == 1 && y < 2 {
                    PixelColor::White
                } else {
                    color
                };
                assert_eq!(u.get_pixel_at(x, y), expected);
            }
        }
        // A second look is the cached measure.
        assert_eq!(u.get_region((2, 0)), u.get_region((0, 0)));
        // A white pixel has no region (rqrr panicked), nor does a pixel off the image.
        assert_eq!(u.get_region((1, 0)), Ok(None));
        assert_eq!(u.get_region((7, 9)), Ok(None));
        assert_eq!(
            u.repaint_and_apply((1, 0), PixelColor::Tmp1, |_| ())
                .map(|f| f.is_some()),
            Ok(false)
        );
    }

    #[test]
    fn a_trial_is_undone() {
        let mut u = img_from_array([[1, 0, 1], [1, 0, 1], [1, 1, 1]]);
        let before = u.pixels.clone();
        u.begin_trial().unwrap();
        assert!(u.get_region((0, 0)).unwrap().is_some());
        assert!(u
            .repaint_and_apply((0, 0), PixelColor::Alignment, |_| ())
            .unwrap()
            .is_some());
        assert_ne!(u.pixels, before);
        u.end_trial().unwrap();
        assert_eq!(u.pixels, before);
        assert_eq!(u.cache.len(), 0);
        // The labels saved; twice 7 pixels in 5 runs painted, and painted back.
        assert_eq!(u.meter().spent(), LABELS as u64 + 2 * (7 + 5) + 2 * 7);
    }

    #[test]
    fn flood_fills_are_charged_and_stop_at_the_cap() {
        let mut img = PreparedImage::from_bitmap(3, 3, |_, _| true);
        img.meter = Meter::new(5);
        assert_eq!(
            img.flood_fill(0, 0, 1, 2, |_| ()).map(|_| ()),
            Err(Exhausted::Work { cap: 5 })
        );
        assert!(img.meter().spent() <= 5);
    }
}
