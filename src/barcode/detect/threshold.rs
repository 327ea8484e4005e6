//! Black and white from grey: each pixel against the moving average of its row
//! neighbourhood (an eighth of the width), so uneven lighting across a page or a
//! photograph does not turn whole areas black.

/// Replace each grey pixel of the `w` x `h` image by 1 (black: darker than 95 % of the
/// local average) or 0 (white). The averages run across rows in both directions, and
/// carry over from one row to the next, as quirc's do.
pub(super) fn threshold(w: usize, h: usize, pixels: &mut [u8]) {
    let mut row_average = vec![0usize; w];
    let mut avg_v = 0usize;
    let mut avg_u = 0usize;

    let threshold_s = std::cmp::max(w / 8, 1);

    for y in 0..h {
        let Some(row) = pixels.get_mut(y * w..(y + 1) * w) else {
            return;
        };
        row_average.fill(0);

        for x in 0..w {
            let (v, u) = if y % 2 == 0 {
                (w - 1 - x, x)
            } else {
                (x, w - 1 - x)
            };
            avg_v = avg_v * (threshold_s - 1) / threshold_s + usize::from(row[v]);
            avg_u = avg_u * (threshold_s - 1) / threshold_s + usize::from(row[u]);
            row_average[v] += avg_v;
            row_average[u] += avg_u;
        }

        for (p, &average) in row.iter_mut().zip(&row_average) {
            *p = u8::from(usize::from(*p) < average * (100 - 5) / (200 * threshold_s));
        }
    }
}
