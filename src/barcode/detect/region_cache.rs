//! The regions (connected black areas) the detector has measured, by the label painted
//! on their pixels.
//!
//! A pixel is one byte, and five values are taken by white, black and the three marks, so
//! only 251 regions can carry a label at a time. When all are taken, the region used
//! least recently gives its label up (its pixels are painted black again, to be measured
//! anew if they are visited later). rqrr kept these in the `lru` crate's cache; this is the
//! same policy (a lookup or an insertion makes an entry the most recent) on a fixed array.

use super::prepared::ColoredRegion;

/// How many labels there are: the byte values above the five fixed colours.
pub(super) const LABELS: usize = 251;

/// The labelled regions, and when each was last used.
#[derive(Clone, Debug)]
pub(super) struct RegionCache {
    entries: [Option<(ColoredRegion, u64)>; LABELS],
    len: usize,
    clock: u64,
}

impl RegionCache {
    pub(super) fn new() -> Self {
        RegionCache {
            entries: [None; LABELS],
            len: 0,
            clock: 0,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    fn tick(&mut self) -> u64 {
        self.clock = self.clock.saturating_add(1);
        self.clock
    }

    /// The region labelled `label`, made the most recently used.
    pub(super) fn get(&mut self, label: u8) -> Option<ColoredRegion> {
        let now = self.tick();
        let (region, used) = self.entries.get_mut(usize::from(label))?.as_mut()?;
        *used = now;
        Some(*region)
    }

    /// Record the region labelled `label` as the most recently used.
    pub(super) fn put(&mut self, label: u8, region: ColoredRegion) {
        let now = self.tick();
        if let Some(slot) = self.entries.get_mut(usize::from(label)) {
            if slot.is_none() {
                self.len += 1;
            }
            *slot = Some((region, now));
        }
    }

    /// Remove the least recently used region, with its label.
    pub(super) fn pop_lru(&mut self) -> Option<(u8, ColoredRegion)> {
        let (label, _) = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.map(|(_, used)| (i, used)))
            .min_by_key(|&(_, used)| used)?;
        let (region, _) = self.entries.get_mut(label)?.take()?;
        self.len -= 1;
        Some((u8::try_from(label).ok()?, region))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(n: usize) -> ColoredRegion {
        ColoredRegion::Unclaimed {
            color: super::super::prepared::PixelColor::Black,
            src_x: n,
            src_y: 0,
            pixel_count: n,
        }
    }

    #[test]
    fn least_recently_used_goes_first() {
        let mut cache = RegionCache::new();
        cache.put(0, region(0));
        cache.put(1, region(1));
        cache.put(2, region(2));
        assert_eq!(cache.get(0), Some(region(0)));
        assert_eq!(cache.pop_lru(), Some((1, region(1))));
        cache.put(2, region(7));
        assert_eq!(cache.pop_lru(), Some((0, region(0))));
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.pop_lru(), Some((2, region(7))));
        assert_eq!(cache.pop_lru(), None);
        assert_eq!(cache.get(3), None);
    }
}
