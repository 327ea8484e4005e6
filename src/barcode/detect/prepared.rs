//! The thresholded image the detector works on, and the flood fills that measure and mark
//! its black regions.
//!
//! Each pixel is a byte: white, black, one of three marks (the ring of a finder pattern
//! found, an alignment pattern found, a scratch mark), or the label of a measured region
//! (see [`super::region_cache`]). Measuring a region paints it with its label, so a second
//! look at any of its pixels costs nothing.

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
            PixelColor::Discarded(x) => x + 5,
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

/// The thresholded image and its measured regions.
#[derive(Clone)]
pub(super) struct PreparedImage {
    w: usize,
    h: usize,
    pixels: Vec<u8>,
    cache: RegionCache,
}

impl PreparedImage {
    /// Threshold a greyscale image given row by row (`grey` holds at least `w * h` bytes).
    pub(super) fn from_greyscale(w: usize, h: usize, grey: &[u8]) -> Self {
        let mut pixels = grey.get(..w * h).unwrap_or_default().to_vec();
        threshold(w, h, &mut pixels);
        PreparedImage {
            w,
            h,
            pixels,
            cache: RegionCache::new(),
        }
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
        }
    }

    pub(super) fn width(&self) -> usize {
        self.w
    }

    pub(super) fn height(&self) -> usize {
        self.h
    }

    fn get_pixel(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.w + x]
    }

    fn set_pixel(&mut self, x: usize, y: usize, val: u8) {
        let w = self.w;
        self.pixels[y * w + x] = val
    }

    /// The region the (non-white) pixel at `(x, y)` belongs to, measured (and labelled)
    /// if it was not yet.
    pub(super) fn get_region(&mut self, (x, y): (usize, usize)) -> ColoredRegion {
        let color: PixelColor = self.get_pixel(x, y).into();
        match color {
            PixelColor::Discarded(r) => self.cache.get(r).unwrap(),
            PixelColor::Black => {
                let cache_fill = self.cache.len();
                let reg_idx = if cache_fill == LABELS {
                    let (c, reg) = self.cache.pop_lru().expect("fill is at capacity (251)");
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
                        );
                    }
                    c
                } else {
                    cache_fill as u8
                };
                let next_reg_color = PixelColor::Discarded(reg_idx);
                let counter = self.repaint_and_apply((x, y), next_reg_color, AreaCounter(0));
                let new_reg = ColoredRegion::Unclaimed {
                    color: next_reg_color,
                    src_x: x,
                    src_y: y,
                    pixel_count: counter.0,
                };
                self.cache.put(reg_idx, new_reg);
                new_reg
            }
            PixelColor::Tmp1 => ColoredRegion::Tmp1,
            PixelColor::Alignment => ColoredRegion::Alignment,
            PixelColor::CapStone => ColoredRegion::CapStone,
            PixelColor::White => panic!("Tried to color white patch"),
        }
    }

    /// Paint the region of the pixel at `(x, y)` with `target_color`, reporting each run
    /// painted to `fill`.
    pub(super) fn repaint_and_apply<F>(
        &mut self,
        (x, y): (usize, usize),
        target_color: PixelColor,
        fill: F,
    ) -> F
    where
        F: AreaFiller,
    {
        let src = self.get_pixel(x, y);
        if PixelColor::White == src || target_color == src {
            panic!("Cannot repaint with white or same color");
        }

        self.flood_fill(x, y, src, target_color.into(), fill)
    }

    /// The pixel nearest to `p` (clamped to the image).
    pub(super) fn get_pixel_at_point(&self, p: Point) -> PixelColor {
        let x = std::cmp::max(0, std::cmp::min((self.width() - 1) as i32, p.x));
        let y = std::cmp::max(0, std::cmp::min((self.height() - 1) as i32, p.y));
        self.get_pixel(x as usize, y as usize).into()
    }

    pub(super) fn get_pixel_at(&self, x: usize, y: usize) -> PixelColor {
        self.get_pixel(x, y).into()
    }

    fn flood_fill<F>(&mut self, x: usize, y: usize, from: u8, to: u8, mut fill: F) -> F
    where
        F: AreaFiller,
    {
        assert_ne!(from, to);
        let w = self.width();
        let mut queue = Vec::new();
        queue.push((x, y));

        while let Some((x, y)) = queue.pop() {
            // Bail early in case there is nothing to fill
            if self.get_pixel(x, y) == to || self.get_pixel(x, y) != from {
                continue;
            }

            let mut left = x;
            let mut right = x;

            while left > 0 && self.get_pixel(left - 1, y) == from {
                left -= 1;
            }
            while right < w - 1 && self.get_pixel(right + 1, y) == from {
                right += 1
            }

            /* Fill the extent */
            for idx in left..=right {
                self.set_pixel(idx, y, to);
            }

            fill.update(Row { left, right, y });

            /* Seed new flood-fills */
            if y > 0 {
                let mut seeded_previous = false;
                for x in left..=right {
                    let p = self.get_pixel(x, y - 1);
                    if p == from {
                        if !seeded_previous {
                            queue.push((x, y - 1));
                        }
                        seeded_previous = true;
                    } else {
                        seeded_previous = false;
                    }
                }
            }
            if y < self.height() - 1 {
                let mut seeded_previous = false;
                for x in left..=right {
                    let p = self.get_pixel(x, y + 1);
                    if p == from {
                        if !seeded_previous {
                            queue.push((x, y + 1));
                        }
                        seeded_previous = true;
                    } else {
                        seeded_previous = false;
                    }
                }
            }
        }
        fill
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img_from_array(array: [[u8; 3]; 3]) -> PreparedImage {
        PreparedImage::from_bitmap(3, 3, |x, y| array[y][x] != 0)
    }

    fn fill(img: &mut PreparedImage, x: usize, y: usize) {
        let _ = img.flood_fill(x, y, 1, 2, |_| ());
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
        let ColoredRegion::Unclaimed {
            color,
            src_x,
            src_y,
            pixel_count,
        } = u.get_region((0, 0))
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
    }
}
