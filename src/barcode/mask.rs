//! The choice of a QR code's mask: the eight ISO/IEC 18004 patterns scored by the
//! standard's penalty rules, bit-parallel.

use qrcode::canvas::{Canvas, MaskPattern, Module};

/// The eight mask patterns of (normal) QR codes.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// Does mask `i` (the order of [`MASKS`]) invert the module at column `x`, row `y`?
fn mask_bit(i: usize, x: usize, y: usize) -> bool {
    match i {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => ((y / 2) + (x / 3)).is_multiple_of(2),
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + (x * y) % 3).is_multiple_of(2),
    }
}

/// Every mask's bit for a module, by (row mod 12, column mod 6): each of the eight
/// patterns repeats with a period dividing 6 across and 12 down (pattern 4 uses `y / 2`
/// and `x / 3`), so this table replaces eight divisions-laden tests per module.
fn mask_table() -> [[u8; 6]; 12] {
    let mut t = [[0u8; 6]; 12];
    for (y, row) in t.iter_mut().enumerate() {
        for (x, bits) in row.iter_mut().enumerate() {
            *bits = (0..8).fold(0u8, |acc, i| acc | (u8::from(mask_bit(i, x, y)) << i));
        }
    }
    t
}

/// A row or column of a symbol as bits (bit k = module k, 1 = dark): 192 bits hold the
/// widest symbol (177 modules).
type Line = [u64; 3];

/// `a` shifted towards higher positions by `n` (1..=10): bit k of the result is bit
/// `k - n` of `a`.
#[inline(always)]
fn shl(a: &Line, n: u32) -> Line {
    [
        a[0] << n,
        (a[1] << n) | (a[0] >> (64 - n)),
        (a[2] << n) | (a[1] >> (64 - n)),
    ]
}

#[inline(always)]
fn zip(a: &Line, b: &Line, f: impl Fn(u64, u64) -> u64) -> Line {
    [f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2])]
}

#[inline(always)]
fn ones(a: &Line) -> u32 {
    a.iter().map(|w| w.count_ones()).sum()
}

/// Bits `from..w` set.
fn span(from: usize, w: usize) -> Line {
    let mut l = [0u64; 3];
    for k in from..w {
        l[k / 64] |= 1 << (k % 64);
    }
    l
}

/// A masked symbol as bit rows and bit columns.
struct Lines {
    w: usize,
    rows: Vec<Line>,
    cols: Vec<Line>,
}

impl Lines {
    fn new(w: usize) -> Lines {
        Lines {
            w,
            rows: vec![[0; 3]; w],
            cols: vec![[0; 3]; w],
        }
    }

    /// The ISO/IEC 18004 (7.8.3) penalty of the symbol: runs of five or more modules of one
    /// colour (3 + the length past 5), 2x2 blocks of one colour (3 each), finder-like
    /// 1:1:3:1:1 patterns with four light modules on a side (40 each), and the imbalance
    /// of dark and light (10 per 5 % away from half).
    ///
    /// Bit-parallel, 64 modules a step: choosing the mask of a large code tries eight
    /// patterns, and module-by-module scans made that most of the cost of a code.
    fn penalty(&self) -> u32 {
        let w = self.w;
        let valid = span(0, w);
        let after_first = span(1, w);
        let mut score = 0u32;
        for line in self.rows.iter().chain(&self.cols) {
            // Rule 1: eq bit k: module k has the colour of module k - 1.
            let eq = zip(
                &zip(line, &shl(line, 1), |a, b| !(a ^ b)),
                &after_first,
                |a, b| a & b,
            );
            // Bit k: modules k-4..=k are one colour (the 5th and later of a run).
            let c5 = zip(
                &zip(&eq, &shl(&eq, 1), |a, b| a & b),
                &zip(&shl(&eq, 2), &shl(&eq, 3), |a, b| a & b),
                |a, b| a & b,
            );
            // The 5th module of each run: its run did not reach 5 one module earlier.
            let fifth = zip(&c5, &shl(&eq, 4), |a, b| a & !b);
            score += ones(&c5) + 2 * ones(&fifth);
            // Rule 3: 1011101 (dark, light, 3 dark, light, dark) ending at bit k, with four
            // light modules after it or before it.
            let light = zip(line, &valid, |a, b| !a & b);
            let and = |a: Line, b: Line| zip(&a, &b, |x, y| x & y);
            let core = and(
                and(
                    and(shl(line, 6), shl(&light, 5)),
                    and(shl(line, 4), shl(line, 3)),
                ),
                and(and(shl(line, 2), shl(&light, 1)), *line),
            );
            let light4 = and(
                and(light, shl(&light, 1)),
                and(shl(&light, 2), shl(&light, 3)),
            );
            let after = and(shl(&core, 4), light4);
            let before = and(core, shl(&light4, 7));
            score += 40 * (ones(&after) + ones(&before));
        }
        // Rule 2: bit k: the block of columns k-1, k in rows y, y+1 is one colour.
        for pair in self.rows.windows(2) {
            let (r0, r1) = (&pair[0], &pair[1]);
            let h0 = zip(r0, &shl(r0, 1), |a, b| !(a ^ b));
            let h1 = zip(r1, &shl(r1, 1), |a, b| !(a ^ b));
            let v = zip(r0, r1, |a, b| !(a ^ b));
            let block = zip(
                &zip(&h0, &h1, |a, b| a & b),
                &zip(&v, &after_first, |a, b| a & b),
                |a, b| a & b,
            );
            score += 3 * ones(&block);
        }
        // Rule 4: balance.
        let darks: u32 = self.rows.iter().map(ones).sum();
        let percent = darks as usize * 100 / (w * w).max(1);
        score + 10 * (percent.abs_diff(50) / 5) as u32
    }
}

/// The ISO/IEC 18004 (7.8.3) penalty, module by module: the reference the bit-parallel
/// [`Lines::penalty`] is tested against.
#[cfg(test)]
fn penalty(dark: &[bool], w: usize) -> u32 {
    const FINDER_AFTER: u16 = 0b101_1101_0000; // 1011101 then 0000
    const FINDER_BEFORE: u16 = 0b000_0101_1101; // 0000 then 1011101
    let mut score = 0u32;
    // Rules 1 and 3, along rows (transposed = false) and columns.
    for transposed in [false, true] {
        for line in 0..w {
            let get = |k: usize| {
                if transposed {
                    dark[k * w + line]
                } else {
                    dark[line * w + k]
                }
            };
            let mut prev = get(0);
            let mut run = 1u32;
            // The last 11 modules as bits (1 = dark), for rule 3.
            let mut window = u16::from(prev);
            for k in 1..w {
                let m = get(k);
                run = run * u32::from(m == prev) + 1;
                // A run of L >= 5 scores 3 + (L - 5).
                score += 3 * u32::from(run == 5) + u32::from(run > 5);
                window = ((window << 1) | u16::from(m)) & 0x7FF;
                score += 40
                    * u32::from((k >= 10) & ((window == FINDER_AFTER) | (window == FINDER_BEFORE)));
                prev = m;
            }
        }
    }
    // Rule 2: 2x2 blocks of one colour.
    for y in 0..w - 1 {
        let r0 = &dark[y * w..(y + 1) * w];
        let r1 = &dark[(y + 1) * w..(y + 2) * w];
        for x in 0..w - 1 {
            let c = r0[x];
            score += 3 * u32::from((c == r0[x + 1]) & (c == r1[x]) & (c == r1[x + 1]));
        }
    }
    // Rule 4: balance.
    let darks = dark.iter().filter(|d| **d).count();
    let percent = darks * 100 / dark.len().max(1);
    let deviation = percent.abs_diff(50) / 5;
    score + 10 * deviation as u32
}

/// The mask with the lowest penalty for a canvas whose function patterns and data are
/// drawn, `width` modules a side (at most 177).
///
/// The crate's own choice (`Canvas::apply_best_mask`) masks a whole canvas per pattern and
/// scores it module by module: some 5 ms for a large code. Here the symbol is read once into
/// bit rows and columns, each pattern is applied with a few word operations per line (the
/// format-information modules are left as drawn: they weigh little), and the caller applies
/// only the best.
pub(super) fn best_mask(canvas: &Canvas, width: usize) -> MaskPattern {
    // The symbol before masking and its data modules (the ones a mask inverts), as bit
    // rows and bit columns; each mask's pattern as bit rows (period 12 down) and bit
    // columns (period 6 across).
    let mut base = Lines::new(width);
    let mut data = Lines::new(width);
    for y in 0..width {
        for x in 0..width {
            let m = canvas.get(x as i16, y as i16);
            if m.is_dark() {
                base.rows[y][x / 64] |= 1 << (x % 64);
                base.cols[x][y / 64] |= 1 << (y % 64);
            }
            if matches!(m, Module::Unmasked(_) | Module::Empty) {
                data.rows[y][x / 64] |= 1 << (x % 64);
                data.cols[x][y / 64] |= 1 << (y % 64);
            }
        }
    }
    let table = mask_table();
    let mut best = (u32::MAX, MASKS[0]);
    let mut masked = Lines::new(width);
    for (i, mask) in MASKS.into_iter().enumerate() {
        let bit = |y: usize, x: usize| (table[y % 12][x % 6] >> i) & 1 == 1;
        let row_patterns: Vec<Line> = (0..12)
            .map(|y| {
                let mut l = [0u64; 3];
                (0..width)
                    .filter(|&x| bit(y, x))
                    .for_each(|x| l[x / 64] |= 1 << (x % 64));
                l
            })
            .collect();
        let col_patterns: Vec<Line> = (0..6)
            .map(|x| {
                let mut l = [0u64; 3];
                (0..width)
                    .filter(|&y| bit(y, x))
                    .for_each(|y| l[y / 64] |= 1 << (y % 64));
                l
            })
            .collect();
        for (k, out) in masked.rows.iter_mut().enumerate() {
            let p = &row_patterns[k % 12];
            *out = zip(
                &base.rows[k],
                &zip(p, &data.rows[k], |a, b| a & b),
                |a, b| a ^ b,
            );
        }
        for (k, out) in masked.cols.iter_mut().enumerate() {
            let p = &col_patterns[k % 6];
            *out = zip(
                &base.cols[k],
                &zip(p, &data.cols[k], |a, b| a & b),
                |a, b| a ^ b,
            );
        }
        let score = masked.penalty();
        if score < best.0 {
            best = (score, mask);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_parallel_penalty_matches_the_reference() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for w in (21..=177).step_by(4) {
            for density in [2u64, 3, 7] {
                // Noise with runs: each module repeats the last with probability 1 - 1/density.
                let mut dark = vec![false; w * w];
                let mut last = false;
                for d in dark.iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    if state.is_multiple_of(density) {
                        last = !last;
                    }
                    *d = last;
                }
                // A finder-like pattern in a row and a column.
                for (k, v) in [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0].iter().enumerate() {
                    dark[3 * w + 5 + k] = *v == 1;
                    dark[(7 + k) * w + 2] = *v == 1;
                }
                let mut lines = Lines::new(w);
                for y in 0..w {
                    for x in 0..w {
                        if dark[y * w + x] {
                            lines.rows[y][x / 64] |= 1 << (x % 64);
                            lines.cols[x][y / 64] |= 1 << (y % 64);
                        }
                    }
                }
                assert_eq!(lines.penalty(), penalty(&dark, w), "width {w}");
            }
        }
    }

    #[test]
    fn mask_table_matches_the_patterns() {
        let t = mask_table();
        for y in 0..177 {
            for x in 0..177 {
                for i in 0..8 {
                    assert_eq!(
                        (t[y % 12][x % 6] >> i) & 1 == 1,
                        mask_bit(i, x, y),
                        "mask {i} at ({x}, {y})"
                    );
                }
            }
        }
    }
}
