//! QR codes: a [`QrSymbol`] made from a BarcodeElement's text, rendered to SVG or PNG, and
//! the scanning of photographed or rasterised codes ([`scan_image`]).

use std::io::Cursor;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::types::Color;

use super::limits::{MAX_ELEMENT_XML_LEN, MAX_IMAGE_INPUT_LEN, MAX_IMAGE_SIDE};
use crate::error::{Error, Result};

/// QR error-correction level.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum EcLevel {
    /// About 7 % of the code may be lost.
    L,
    /// About 15 % (the default).
    #[default]
    M,
    /// About 25 %.
    Q,
    /// About 30 %.
    H,
}

impl EcLevel {
    fn to_qrcode(self) -> qrcode::EcLevel {
        match self {
            EcLevel::L => qrcode::EcLevel::L,
            EcLevel::M => qrcode::EcLevel::M,
            EcLevel::Q => qrcode::EcLevel::Q,
            EcLevel::H => qrcode::EcLevel::H,
        }
    }

    /// Read `L`, `M`, `Q` or `H` (any case).
    pub fn parse(s: &str) -> Option<EcLevel> {
        match s.to_ascii_uppercase().as_str() {
            "L" => Some(EcLevel::L),
            "M" => Some(EcLevel::M),
            "Q" => Some(EcLevel::Q),
            "H" => Some(EcLevel::H),
            _ => None,
        }
    }
}

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

/// Modules of quiet zone around a symbol (the QR standard asks for 4).
pub const QUIET_ZONE: usize = 4;

/// One QR code: a square of dark and light modules (no quiet zone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSymbol {
    width: usize,
    dark: Vec<bool>,
    version: i16,
}

impl QrSymbol {
    /// Encode `text` (the optimal segmentation, the smallest version that holds it at
    /// `ec`, the mask with the lowest ISO/IEC 18004 penalty).
    pub fn encode(text: &[u8], ec: EcLevel) -> Result<QrSymbol> {
        let too_long = |e: qrcode::types::QrError| {
            Error::Unsupported(format!(
                "{} bytes do not fit in one QR code at error-correction level {ec:?} ({e}); use a smaller chunk size or a lower level",
                text.len()
            ))
        };
        let level = ec.to_qrcode();
        let bits = qrcode::bits::encode_auto(text, level).map_err(too_long)?;
        let version = bits.version();
        let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level)
            .map_err(too_long)?;
        let mut canvas = Canvas::new(version, level);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ecc);
        // The crate's own mask choice (`apply_best_mask`) costs some 5 ms per large code:
        // it masks a full canvas per pattern. Here the patterns are tried on a plain grid
        // (the format-information modules left as drawn: they weigh little) and only the
        // best is applied to the canvas.
        let width = version.width() as usize;
        if width > 177 {
            return Err(Error::Unsupported(format!(
                "a QR code {width} modules wide"
            )));
        }
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
        canvas.apply_mask(best.1);
        let dark: Vec<bool> = canvas
            .into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect();
        let version = match version {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
        };
        Ok(QrSymbol {
            width,
            dark,
            version,
        })
    }

    /// Modules on a side (21 for version 1 ... 177 for version 40).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The QR version (1-40).
    pub fn version(&self) -> i16 {
        self.version
    }

    /// Is the module at column `x`, row `y` dark? (Outside the symbol: light.)
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// Horizontal runs of dark modules, as (row, first column, length): what a vector
    /// renderer draws.
    pub fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::with_capacity(self.width * self.width / 4);
        for (y, row) in self.dark.chunks_exact(self.width.max(1)).enumerate() {
            let mut start = None;
            for (x, &dark) in row.iter().enumerate() {
                match (dark, start) {
                    (true, None) => start = Some(x),
                    (false, Some(s)) => {
                        runs.push((y, s, x - s));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                runs.push((y, s, row.len() - s));
            }
        }
        runs
    }

    /// An SVG image: `module` user units per module, a 4-module quiet zone, crisp edges.
    pub fn to_svg(&self, module: u32) -> String {
        use std::fmt::Write as _;
        let module = module.max(1) as usize;
        let side = (self.width + 2 * QUIET_ZONE) * module;
        let mut s = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{side}\" height=\"{side}\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\n<rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\""
        );
        for (y, x, len) in self.dark_runs() {
            let _ = write!(
                s,
                "M{} {}h{}v{}h-{}z",
                (x + QUIET_ZONE) * module,
                (y + QUIET_ZONE) * module,
                len * module,
                module,
                len * module
            );
        }
        s.push_str("\"/>\n</svg>\n");
        s
    }

    /// A greyscale image: `module` pixels per module, a 4-module quiet zone.
    pub fn to_luma(&self, module: u32) -> image::GrayImage {
        let module = module.max(1) as usize;
        let side = ((self.width + 2 * QUIET_ZONE) * module) as u32;
        image::GrayImage::from_fn(side, side, |px, py| {
            let x = (px as usize / module).wrapping_sub(QUIET_ZONE);
            let y = (py as usize / module).wrapping_sub(QUIET_ZONE);
            image::Luma([if self.is_dark(x, y) { 0 } else { 255 }])
        })
    }

    /// A PNG image (8-bit greyscale): `module` pixels per module, a 4-module quiet zone.
    pub fn to_png(&self, module: u32) -> Result<Vec<u8>> {
        let img = self.to_luma(module);
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .map_err(|e| Error::Unsupported(format!("PNG encoding failed: {e}")))?;
        Ok(out.into_inner())
    }
}

/// What one image held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScannedImage {
    /// The text of each code that decoded, in the order found.
    pub texts: Vec<Vec<u8>>,
    /// Codes that were found but did not decode (damaged, blurred, cut off), with the
    /// decoder's reason.
    pub unreadable: Vec<String>,
}

/// Is this PNG or JPEG data (by its signature)?
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// Find and decode every QR code in a PNG or JPEG image (a scan, a photograph, a
/// rasterised page). Bounded: the file to [`MAX_IMAGE_INPUT_LEN`] bytes, each side to
/// [`MAX_IMAGE_SIDE`] pixels. A code that is found but does not decode is listed in
/// [`ScannedImage::unreadable`]; an image that cannot be decoded is an error.
pub fn scan_image(bytes: &[u8]) -> Result<ScannedImage> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if bytes.len() > MAX_IMAGE_INPUT_LEN {
        return Err(Error::TooLarge {
            what: "image of barcodes",
            len: bytes.len(),
            limit: MAX_IMAGE_INPUT_LEN,
        });
    }
    if !is_image(bytes) {
        return Err(Error::UnrecognisedFormat {
            what: "image of barcodes",
            reason: "neither PNG nor JPEG".into(),
        });
    }
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::UnrecognisedFormat {
            what: "image of barcodes",
            reason: e.to_string(),
        })?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| Error::MalformedDer {
        what: "image of barcodes",
        reason: e.to_string(),
    })?;
    Ok(scan_luma(&img.to_luma8()))
}

/// [`scan_image`] on pixels already decoded.
///
/// Two things defeat the detector's own (local, adaptive) thresholding, and are handled
/// here:
///
/// * codes laid out in a grid (a printed page) line their finder patterns up with their
///   neighbours', and the detector may pair the patterns of two codes. So when some code
///   does not decode, the codes that did are painted out and the image is scanned again
///   (a few passes, while each finds more);
/// * lossy JPEG rings around every module edge, and small modules then break up. So when
///   the image is not read cleanly (a code unreadable, or none found), it is scanned again
///   binarised at one global (Otsu) threshold, and the two readings are merged: every
///   distinct text found, and only the unreadable codes that neither reading decoded.
pub fn scan_luma(img: &image::GrayImage) -> ScannedImage {
    let first = scan_passes(img);
    if first.unreadable.is_empty() && !first.texts.is_empty() {
        return first.into_scanned(&[]);
    }
    let second = scan_passes(&binarise(img));
    let (best, other) = if (
        second.texts.len(),
        std::cmp::Reverse(second.unreadable.len()),
    ) > (first.texts.len(), std::cmp::Reverse(first.unreadable.len()))
    {
        (second, first)
    } else {
        (first, second)
    };
    let mut found = best.found.clone();
    found.extend_from_slice(&other.found);
    let mut merged = best.into_scanned(&found);
    for text in other.texts {
        if !merged.texts.contains(&text) {
            merged.texts.push(text);
        }
    }
    merged
}

/// A code that was found but not read, and where (the centre of its grid).
#[derive(Clone, Debug)]
struct Unreadable {
    reason: String,
    at: Option<(i32, i32)>,
}

/// What one reading of an image gave.
#[derive(Clone, Debug, Default)]
struct Pass {
    texts: Vec<Vec<u8>>,
    /// The bounds of the codes read.
    found: Vec<[rqrr::Point; 4]>,
    unreadable: Vec<Unreadable>,
}

impl Pass {
    /// The texts, and the unreadable codes that no code of `read` covers.
    fn into_scanned(self, read: &[[rqrr::Point; 4]]) -> ScannedImage {
        ScannedImage {
            texts: self.texts,
            unreadable: self
                .unreadable
                .into_iter()
                .filter(|u| !u.at.is_some_and(|p| read.iter().any(|b| contains(b, p))))
                .map(|u| u.reason)
                .collect(),
        }
    }
}

fn centre(b: &[rqrr::Point; 4]) -> (i32, i32) {
    let sx: i64 = b.iter().map(|p| i64::from(p.x)).sum();
    let sy: i64 = b.iter().map(|p| i64::from(p.y)).sum();
    ((sx / 4) as i32, (sy / 4) as i32)
}

/// Is `p` inside the bounding box of `b`?
fn contains(b: &[rqrr::Point; 4], p: (i32, i32)) -> bool {
    let xs = b.iter().map(|q| q.x);
    let ys = b.iter().map(|q| q.y);
    let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
    let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
    (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1)
}

/// The image in black and white at Otsu's threshold (the one that best separates the
/// histogram's two classes).
fn binarise(img: &image::GrayImage) -> image::GrayImage {
    let mut histogram = [0u64; 256];
    for p in img.pixels() {
        histogram[usize::from(p[0])] += 1;
    }
    let total: u64 = histogram.iter().sum();
    let sum_all: f64 = histogram
        .iter()
        .enumerate()
        .map(|(v, &n)| v as f64 * n as f64)
        .sum();
    let (mut below, mut sum_below) = (0u64, 0f64);
    let (mut best, mut threshold) = (-1f64, 128u8);
    for (v, &n) in histogram.iter().enumerate() {
        below += n;
        sum_below += v as f64 * n as f64;
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let mean_below = sum_below / below as f64;
        let mean_above = (sum_all - sum_below) / above as f64;
        let between = below as f64 * above as f64 * (mean_below - mean_above).powi(2);
        if between > best {
            best = between;
            threshold = v as u8;
        }
    }
    let mut out = img.clone();
    for p in out.pixels_mut() {
        p[0] = if p[0] <= threshold { 0 } else { 255 };
    }
    out
}

fn scan_passes(img: &image::GrayImage) -> Pass {
    let mut work = img.clone();
    let mut out = Pass::default();
    for _pass in 0..4 {
        let (w, h) = (work.width() as usize, work.height() as usize);
        let mut prepared = match contain_panic(|| {
            rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
                work.get_pixel(x as u32, y as u32)[0]
            })
        }) {
            Ok(p) => p,
            Err(why) => {
                out.unreadable = vec![Unreadable {
                    reason: format!("the QR detector failed on this image ({why})"),
                    at: None,
                }];
                break;
            }
        };
        let grids = match contain_panic(|| prepared.detect_grids()) {
            Ok(g) => g,
            Err(why) => {
                out.unreadable = vec![Unreadable {
                    reason: format!("the QR detector failed on this image ({why})"),
                    at: None,
                }];
                break;
            }
        };
        let mut decoded: Vec<[rqrr::Point; 4]> = Vec::new();
        let mut unreadable = Vec::new();
        for grid in grids {
            let (x, y) = (grid.bounds[0].x, grid.bounds[0].y);
            let mut text = Vec::new();
            match contain_panic(|| grid.decode_to(&mut text).map(|_| ())) {
                Ok(Ok(())) if text.len() <= MAX_ELEMENT_XML_LEN => {
                    out.texts.push(text);
                    out.found.push(grid.bounds);
                    decoded.push(grid.bounds);
                }
                Ok(Ok(())) => unreadable.push(Unreadable {
                    reason: format!(
                        "a code holds {} bytes, more than a BarcodeElement",
                        text.len()
                    ),
                    at: Some(centre(&grid.bounds)),
                }),
                Ok(Err(e)) => unreadable.push(Unreadable {
                    reason: format!("a code at ({x}, {y}) did not decode: {e}"),
                    at: Some(centre(&grid.bounds)),
                }),
                Err(why) => unreadable.push(Unreadable {
                    reason: format!("the QR decoder failed on the code at ({x}, {y}) ({why})"),
                    at: Some(centre(&grid.bounds)),
                }),
            }
        }
        out.unreadable = unreadable;
        if out.unreadable.is_empty() || decoded.is_empty() {
            break;
        }
        for bounds in decoded {
            paint_out(&mut work, &bounds);
        }
    }
    out
}

/// Run a call into the QR detector, turning a panic into an error.
///
/// The detector (`rqrr`) has assertions that some images reach (rqrr issue #54: a
/// perspective projected past `i32::MAX` on a photographed code); an image from a user must
/// not take the service down with it. The code is only unreadable. (Under `panic = "abort"`
/// nothing can be caught: build with unwinding where images come from outside.)
fn contain_panic<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        format!("it panicked: {message}")
    })
}

/// Paint the bounding box of a decoded code white.
fn paint_out(img: &mut image::GrayImage, bounds: &[rqrr::Point; 4]) {
    let clamp_x = |v: i32| v.clamp(0, img.width() as i32) as u32;
    let clamp_y = |v: i32| v.clamp(0, img.height() as i32) as u32;
    let (x0, x1) = (
        bounds.iter().map(|p| p.x).min().unwrap_or(0),
        bounds.iter().map(|p| p.x).max().unwrap_or(0),
    );
    let (y0, y1) = (
        bounds.iter().map(|p| p.y).min().unwrap_or(0),
        bounds.iter().map(|p| p.y).max().unwrap_or(0),
    );
    let (x0, x1, y0, y1) = (clamp_x(x0), clamp_x(x1 + 1), clamp_y(y0), clamp_y(y1 + 1));
    for y in y0..y1 {
        for x in x0..x1 {
            img.put_pixel(x, y, image::Luma([255]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_render_scan() {
        let text = b"<BarcodeElement>hello</BarcodeElement>".repeat(20);
        let sym = QrSymbol::encode(&text, EcLevel::M).unwrap();
        assert!(sym.version() > 5);
        let png = sym.to_png(3).unwrap();
        let scanned = scan_image(&png).unwrap();
        assert_eq!(scanned.texts, vec![text.clone()]);
        assert!(sym.to_svg(2).contains("<path"));
        assert!(QrSymbol::encode(&vec![b'x'; 4000], EcLevel::H).is_err());
    }

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
    fn dark_runs_cover_exactly_the_dark_modules() {
        let sym = QrSymbol::encode(b"BarcodeElement runs", EcLevel::Q).unwrap();
        let mut painted = vec![false; sym.width() * sym.width()];
        for (y, x, len) in sym.dark_runs() {
            assert!(len > 0 && x + len <= sym.width());
            assert!(x == 0 || !sym.is_dark(x - 1, y), "a run is maximal");
            assert!(!sym.is_dark(x + len, y), "a run is maximal");
            for k in x..x + len {
                painted[y * sym.width() + k] = true;
            }
        }
        for y in 0..sym.width() {
            for x in 0..sym.width() {
                assert_eq!(painted[y * sym.width() + x], sym.is_dark(x, y));
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

    #[test]
    fn a_panicking_detector_is_contained() {
        let r: std::result::Result<(), String> = contain_panic(|| panic!("assertion failed"));
        assert_eq!(r.unwrap_err(), "it panicked: assertion failed");
        assert_eq!(contain_panic(|| 7), Ok(7));
    }
}
