//! Reading QR codes back from images: scans, photographs, rasterised pages.

use std::io::Cursor;

use super::detect::{self, Point};
use super::limits::{MAX_ELEMENT_XML_LEN, MAX_IMAGE_INPUT_LEN, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE};
use crate::error::{Error, Result};

/// What one image held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScannedImage {
    /// The text of each code that decoded, in the order found.
    pub texts: Vec<Vec<u8>>,
    /// Codes that were found but did not decode (damaged, blurred, cut off), with the
    /// decoder's reason; and, when the QR detector stopped early on an image (its work is
    /// bounded in proportion to the image's size), a line saying so: codes may be missing.
    pub unreadable: Vec<String>,
}

/// Is this PNG or JPEG data (by its signature)?
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}

/// Find and decode every QR code in a PNG or JPEG image (a scan, a photograph, a
/// rasterised page). Bounded: the file to [`MAX_IMAGE_INPUT_LEN`] bytes, each side to
/// [`MAX_IMAGE_SIDE`] pixels, the whole to [`MAX_IMAGE_PIXELS`]. A code that is found but does not decode is listed in
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
    let reader = || {
        image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| Error::UnrecognisedFormat {
                what: "image of barcodes",
                reason: e.to_string(),
            })
    };
    // The size from the header, before anything is decoded.
    let (w, h) = reader()?
        .into_dimensions()
        .map_err(|e| Error::MalformedDer {
            what: "image of barcodes",
            reason: e.to_string(),
        })?;
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_IMAGE_PIXELS {
        return Err(Error::TooLarge {
            what: "image of barcodes, in pixels (scan at 600 dpi or less)",
            len: usize::try_from(pixels).unwrap_or(usize::MAX),
            limit: usize::try_from(MAX_IMAGE_PIXELS).unwrap_or(usize::MAX),
        });
    }
    let mut reader = reader()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    // RGBA at the pixel bound, with room for the decoder's own buffers.
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4 + (64 << 20));
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
    found: Vec<[Point; 4]>,
    unreadable: Vec<Unreadable>,
}

impl Pass {
    /// The texts, and the unreadable codes that no code of `read` covers.
    fn into_scanned(self, read: &[[Point; 4]]) -> ScannedImage {
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

fn centre(b: &[Point; 4]) -> (i32, i32) {
    let sx: i64 = b.iter().map(|p| i64::from(p.x)).sum();
    let sy: i64 = b.iter().map(|p| i64::from(p.y)).sum();
    ((sx / 4) as i32, (sy / 4) as i32)
}

/// Is `p` inside the bounding box of `b`?
fn contains(b: &[Point; 4], p: (i32, i32)) -> bool {
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
        let detection = detect::detect(&work);
        let mut decoded: Vec<[Point; 4]> = Vec::new();
        let mut unreadable = Vec::new();
        if let Some(why) = detection.gave_up {
            unreadable.push(Unreadable {
                reason: gave_up_reason(why),
                at: None,
            });
        }
        for located in detection.codes {
            let bounds = located.bounds;
            let (x, y) = (bounds[0].x, bounds[0].y);
            let mut text = Vec::new();
            // rqrr's decoder, on a grid of 17 to 177 modules a side whose every bit
            // reads (see detect::sampled_grid): nothing there panics, so nothing is caught.
            match rqrr::Grid::new(located.grid).decode_to(&mut text) {
                Ok(_) if text.len() <= MAX_ELEMENT_XML_LEN => {
                    out.texts.push(text);
                    out.found.push(bounds);
                    decoded.push(bounds);
                }
                Ok(_) => unreadable.push(Unreadable {
                    reason: format!(
                        "a code holds {} bytes, more than a BarcodeElement",
                        text.len()
                    ),
                    at: Some(centre(&bounds)),
                }),
                Err(e) => unreadable.push(Unreadable {
                    reason: format!("a code at ({x}, {y}) did not decode: {e}"),
                    at: Some(centre(&bounds)),
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

/// Why some codes of the image may not have been found: the detector stopped early (it
/// keeps the codes it had located, and those are read).
fn gave_up_reason(why: detect::GaveUp) -> String {
    format!("the QR detector gave up on this image, so codes may be missing: {why}")
}

/// Paint the bounding box of a decoded code white.
fn paint_out(img: &mut image::GrayImage, bounds: &[Point; 4]) {
    let (w, h) = (img.width(), img.height());
    // The bounds may lie partly (or wholly) off the image.
    let clamp = |v: i64, len: u32| u32::try_from(v.clamp(0, i64::from(len))).unwrap_or(len);
    let xs = bounds.iter().map(|p| i64::from(p.x));
    let ys = bounds.iter().map(|p| i64::from(p.y));
    let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(-1));
    let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(-1));
    let (x0, x1, y0, y1) = (
        clamp(x0, w),
        clamp(x1 + 1, w),
        clamp(y0, h),
        clamp(y1 + 1, h),
    );
    for y in y0..y1 {
        for x in x0..x1 {
            img.put_pixel(x, y, image::Luma([255]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::{EcLevel, QrSymbol};

    #[test]
    fn scan_a_rendered_code() {
        let text = b"<BarcodeElement>hello</BarcodeElement>".repeat(20);
        let sym = QrSymbol::encode(&text, EcLevel::M).unwrap();
        let scanned = scan_image(&sym.to_png(3).unwrap()).unwrap();
        assert_eq!(scanned.texts, vec![text.clone()]);
        assert!(scanned.unreadable.is_empty());
        assert!(matches!(
            scan_image(b"GIF89a"),
            Err(Error::UnrecognisedFormat { .. })
        ));
    }

    /// A PNG whose header claims `w` x `h` 8-bit grey pixels, with an empty IDAT.
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        fn crc32(data: &[u8]) -> u32 {
            let mut c = !0u32;
            for &b in data {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 == 1 {
                        0xEDB8_8320 ^ (c >> 1)
                    } else {
                        c >> 1
                    };
                }
            }
            !c
        }
        let mut chunk = b"IHDR".to_vec();
        chunk.extend_from_slice(&w.to_be_bytes());
        chunk.extend_from_slice(&h.to_be_bytes());
        chunk.extend_from_slice(&[8, 0, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        for (len, chunk) in [(13u32, chunk), (0, b"IDAT".to_vec()), (0, b"IEND".to_vec())] {
            png.extend_from_slice(&len.to_be_bytes());
            png.extend_from_slice(&chunk);
            png.extend_from_slice(&crc32(&chunk).to_be_bytes());
        }
        png
    }

    #[test]
    fn oversized_images_refused_before_decoding() {
        // Within each side's bound, over the pixel bound: refused from the header alone.
        let e = scan_image(&png_header(9_000, 8_000)).unwrap_err();
        assert!(matches!(e, Error::TooLarge { .. }), "{e}");
        // Over a side's bound: the decoder's limits refuse it.
        assert!(scan_image(&png_header(20_000, 10)).is_err());
        // Within both: the header is read, the missing data is an error, not a panic.
        assert!(scan_image(&png_header(100, 100)).is_err());
    }

    #[test]
    fn codes_off_the_image_are_painted_out_where_they_overlap_it() {
        let mut img = image::GrayImage::new(4, 3);
        let p = |x, y| Point { x, y };
        paint_out(
            &mut img,
            &[p(i32::MIN, -7), p(2, -7), p(2, 1), p(i32::MIN, 1)],
        );
        let white: Vec<(u32, u32)> = img
            .enumerate_pixels()
            .filter(|(_, _, v)| v[0] == 255)
            .map(|(x, y, _)| (x, y))
            .collect();
        assert_eq!(white, [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)]);
        let n = i32::MAX;
        paint_out(&mut img, &[p(n, n), p(n, n), p(n, n), p(n, n)]);
        paint_out(&mut img, &[p(-9, 5), p(9, 5), p(9, 9), p(-9, 9)]);
        assert_eq!(img.pixels().filter(|v| v[0] == 255).count(), 6);
    }
}

#[cfg(test)]
mod detector_work {
    use super::*;
    use crate::barcode::{EcLevel, QrSymbol};

    /// The image `fuzz/regressions/barcode_scan/<name>` stands for, as the fuzz target
    /// builds it: the first byte is the width less 16, the rest the pixels, row by row.
    fn raw_image(name: &str) -> image::GrayImage {
        let path = format!(
            "{}/fuzz/regressions/barcode_scan/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let data = std::fs::read(path).unwrap();
        let (&w, pixels) = data.split_first().unwrap();
        let width = 16 + usize::from(w);
        let height = (pixels.len() / width).min(300);
        image::GrayImage::from_raw(
            width as u32,
            height as u32,
            pixels[..width * height].to_vec(),
        )
        .unwrap()
    }

    /// rqrr 0.10.1 spent 20-30 s on this 77 x 300 image under the fuzzer's sanitizer: its
    /// alignment spiral ran on a size estimate that nothing bounded. The work (counted,
    /// never timed) stays within the cap the image's size gives, as the scanner's first
    /// pass sees it and binarised as its second does; the bounded search needs no cap to
    /// stop there: uncapped, it does the same work.
    #[test]
    fn the_alignment_spiral_reproducer_stays_within_its_work_cap() {
        let img = raw_image("rqrr_alignment_spiral_slow_77x300.raw");
        assert_eq!((img.width(), img.height()), (77, 300));
        for img in [img.clone(), binarise(&img)] {
            let d = detect::detect(&img);
            let cap = 32 * 77 * 300 + 4_000_000;
            assert!(d.work <= cap, "{} > {cap}", d.work);
            assert_eq!(d.gave_up, None);
            let uncapped = detect::detect_with_cap(&img, u64::MAX);
            assert_eq!((uncapped.work, uncapped.gave_up), (d.work, None));
            // Some 20 units a pixel: the thresholding, the row scan, and the candidate
            // groups' spirals, each pixel of the image at most once per spiral.
            assert!(d.work < 25 * 77 * 300, "{}", d.work);
        }
        assert!(scan_luma(&img).texts.is_empty());
    }

    /// A detection stops where its cap is, keeping what it had, and the scan says why
    /// codes may be missing.
    #[test]
    fn a_detection_out_of_work_stops_and_says_so() {
        let sym = QrSymbol::encode(b"<BarcodeElement>cap</BarcodeElement>", EcLevel::M).unwrap();
        let img = sym.to_luma(3).unwrap();
        let full = detect::detect_with_cap(&img, u64::MAX);
        assert_eq!((full.codes.len(), full.gave_up), (1, None));
        let just = detect::detect_with_cap(&img, full.work);
        assert_eq!((just.codes.len(), just.work), (1, full.work));
        for cap in [0, 100, full.work / 2, full.work - 1] {
            let short = detect::detect_with_cap(&img, cap);
            assert!(short.work <= cap);
            let Some(detect::GaveUp::Work(e)) = short.gave_up else {
                panic!("cap {cap}: {:?}", short.gave_up);
            };
            assert_eq!(e, detect::Exhausted::Work { cap });
            let reason = gave_up_reason(short.gave_up.unwrap());
            assert!(
                reason.contains("gave up") && reason.contains("work cap"),
                "{reason}"
            );
        }
    }
}
