//! QR codes: a [`QrSymbol`] made from a BarcodeElement's text (the mask chosen by
//! [`super::mask`]), rendered to SVG or PNG. Reading them back is [`super::scan`].

use std::io::Cursor;

use qrcode::canvas::Canvas;
use qrcode::types::Color;

use super::limits;
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

/// Modules of quiet zone around a symbol (the QR standard asks for 4). Fixed: not a
/// parameter.
pub const QUIET_ZONE: usize = 4;

/// Modules on a side of the largest code (version 40).
const MAX_WIDTH: usize = 177;

// The module bound alone keeps the largest code's image within the pixel bound.
const _: () = {
    let side = (MAX_WIDTH + 2 * QUIET_ZONE) as u64 * limits::MAX_MODULE_SIZE as u64;
    assert!(side * side <= limits::MAX_RENDER_PIXELS);
};

/// Refuse a module size outside [`limits::MIN_MODULE_SIZE`]..=[`limits::MAX_MODULE_SIZE`]
/// ([`Error::OutOfRange`]), as the renderers of [`QrSymbol`] do: callers check their
/// arguments with it before any work.
pub fn check_module_size(module: u32) -> Result<()> {
    if (limits::MIN_MODULE_SIZE..=limits::MAX_MODULE_SIZE).contains(&module) {
        return Ok(());
    }
    Err(Error::OutOfRange {
        what: "module size",
        value: u64::from(module),
        min: u64::from(limits::MIN_MODULE_SIZE),
        max: u64::from(limits::MAX_MODULE_SIZE),
    })
}

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
        let width = version.width() as usize;
        if width > MAX_WIDTH {
            return Err(Error::Unsupported(format!(
                "a QR code {width} modules wide"
            )));
        }
        let best = super::mask::best_mask(&canvas, width);
        canvas.apply_mask(best);
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

    /// The side of the image at `module` pixels (or user units) a module, the quiet zone
    /// included: the module size checked ([`check_module_size`]), and the image's pixels
    /// within [`limits::MAX_RENDER_PIXELS`].
    fn side(&self, module: u32) -> Result<usize> {
        check_module_size(module)?;
        let side = (self.width + 2 * QUIET_ZONE) as u64 * u64::from(module);
        let pixels = side.saturating_mul(side);
        if pixels > limits::MAX_RENDER_PIXELS {
            return Err(Error::OutOfRange {
                what: "QR image pixel count",
                value: pixels,
                min: 1,
                max: limits::MAX_RENDER_PIXELS,
            });
        }
        usize::try_from(side).map_err(|_| Error::OutOfRange {
            what: "QR image side",
            value: side,
            min: 1,
            max: usize::MAX as u64,
        })
    }

    /// An SVG image: `module` user units per module (1..=[`limits::MAX_MODULE_SIZE`], else
    /// [`Error::OutOfRange`]), a 4-module quiet zone, crisp edges.
    pub fn to_svg(&self, module: u32) -> Result<String> {
        use std::fmt::Write as _;
        let side = self.side(module)?;
        let module = module as usize;
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
        Ok(s)
    }

    /// A greyscale image: `module` pixels per module (1..=[`limits::MAX_MODULE_SIZE`], else
    /// [`Error::OutOfRange`]), a 4-module quiet zone; at most
    /// [`limits::MAX_RENDER_PIXELS`] pixels.
    pub fn to_luma(&self, module: u32) -> Result<image::GrayImage> {
        let side = self.side(module)?;
        let side = u32::try_from(side).map_err(|_| Error::OutOfRange {
            what: "QR image side",
            value: side as u64,
            min: 1,
            max: u64::from(u32::MAX),
        })?;
        let module = module as usize;
        Ok(image::GrayImage::from_fn(side, side, |px, py| {
            let x = (px as usize / module).wrapping_sub(QUIET_ZONE);
            let y = (py as usize / module).wrapping_sub(QUIET_ZONE);
            image::Luma([if self.is_dark(x, y) { 0 } else { 255 }])
        }))
    }

    /// A PNG image (8-bit greyscale): `module` pixels per module, a 4-module quiet zone
    /// (bounded as [`QrSymbol::to_luma`]).
    pub fn to_png(&self, module: u32) -> Result<Vec<u8>> {
        let img = self.to_luma(module)?;
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .map_err(|e| Error::Unsupported(format!("PNG encoding failed: {e}")))?;
        Ok(out.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::scan_image;

    #[test]
    fn encode_render_scan() {
        let text = b"<BarcodeElement>hello</BarcodeElement>".repeat(20);
        let sym = QrSymbol::encode(&text, EcLevel::M).unwrap();
        assert!(sym.version() > 5);
        let png = sym.to_png(3).unwrap();
        let scanned = scan_image(&png).unwrap();
        assert_eq!(scanned.texts, vec![text.clone()]);
        assert!(sym.to_svg(2).unwrap().contains("<path"));
        assert!(QrSymbol::encode(&vec![b'x'; 4000], EcLevel::H).is_err());
    }

    #[test]
    fn module_size_and_image_are_bounded() {
        // issue 9: `--module-size 100000` aborted the process allocating 176 TB; 0 drew an
        // unreadable code.
        let small = QrSymbol::encode(b"hello", EcLevel::M).unwrap();
        let out_of_range = |e: Error| {
            matches!(
                e,
                Error::OutOfRange {
                    what: "module size",
                    ..
                }
            )
        };
        for module in [0, limits::MAX_MODULE_SIZE + 1, 1000, 100_000, u32::MAX] {
            assert!(out_of_range(small.to_luma(module).unwrap_err()), "{module}");
            assert!(out_of_range(small.to_png(module).unwrap_err()), "{module}");
            assert!(out_of_range(small.to_svg(module).unwrap_err()), "{module}");
            assert!(check_module_size(module).is_err());
        }
        let e = small.to_png(0).unwrap_err().to_string();
        assert_eq!(e, "module size 0 is out of range: it must be 1..=40");
        // The bounds themselves: 1, and the largest module on the largest code (version
        // 40), whose image stays within the pixels the scanner reads back.
        assert_eq!(small.to_luma(1).unwrap().width(), 21 + 8);
        let largest = QrSymbol::encode(&[b'x'; 2900], EcLevel::L).unwrap();
        assert_eq!(largest.width(), MAX_WIDTH);
        let img = largest.to_luma(limits::MAX_MODULE_SIZE).unwrap();
        assert_eq!(
            img.width(),
            (MAX_WIDTH as u32 + 8) * limits::MAX_MODULE_SIZE
        );
        assert!(u64::from(img.width()) * u64::from(img.height()) <= limits::MAX_RENDER_PIXELS);
        assert!(largest.to_svg(limits::MAX_MODULE_SIZE).is_ok());
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
}
