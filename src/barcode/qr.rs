//! QR codes: a [`QrSymbol`] made from a BarcodeElement's text (the mask chosen by
//! [`super::mask`]), rendered to SVG or PNG. Reading them back is [`super::scan`].

use std::io::Cursor;

use qrcode::canvas::Canvas;
use qrcode::types::Color;

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
        let width = version.width() as usize;
        if width > 177 {
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
        assert!(sym.to_svg(2).contains("<path"));
        assert!(QrSymbol::encode(&vec![b'x'; 4000], EcLevel::H).is_err());
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
