//! The TrueType font a PDF embeds: read once, measured, subset per document.

use std::path::Path;

use crate::error::{Error, Result};

/// DejaVu Sans as Debian's `fonts-dejavu-core` installs it: covers Kazakh Cyrillic. The
/// same font is bundled with the crate ([`Font::bundled`]); this path is for callers who
/// prefer the system's copy.
pub const DEFAULT_FONT_PATH: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// DejaVu Sans 2.37, unmodified (`src/document/fonts/`, its licence beside it:
/// Bitstream Vera's, DejaVu's changes in the public domain): output documents need no font
/// on the machine.
static BUNDLED: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");

/// The letters of the Kazakh alphabet beyond Russian's, which the font must have.
pub const KAZAKH_LETTERS: &str = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

/// Largest font file read.
const MAX_FONT_LEN: usize = 32 * 1024 * 1024;

/// A TrueType / OpenType font with the glyphs output documents need.
#[derive(Clone)]
pub struct Font {
    data: Vec<u8>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    bbox: [f32; 4],
    name: String,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("name", &self.name)
            .field("len", &self.data.len())
            .finish()
    }
}

fn face(data: &[u8]) -> Result<ttf_parser::Face<'_>> {
    ttf_parser::Face::parse(data, 0).map_err(|e| Error::UnrecognisedFormat {
        what: "font",
        reason: format!("not a TrueType/OpenType font: {e}"),
    })
}

impl Font {
    /// Read a font from its bytes; refused when it lacks a Kazakh letter
    /// ([`KAZAKH_LETTERS`]) or basic Latin and Cyrillic.
    pub fn from_bytes(data: Vec<u8>) -> Result<Font> {
        if data.len() > MAX_FONT_LEN {
            return Err(Error::TooLarge {
                what: "font",
                len: data.len(),
                limit: MAX_FONT_LEN,
            });
        }
        let f = face(&data)?;
        let missing: String = KAZAKH_LETTERS
            .chars()
            .chain("AZaz09АЯая№«»—".chars())
            .filter(|c| f.glyph_index(*c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(Error::Unsupported(format!(
                "the font has no glyph for {missing:?}: output documents need Kazakh Cyrillic (e.g. DejaVu Sans)"
            )));
        }
        let upem = f32::from(f.units_per_em());
        let scale = |v: i16| f32::from(v) * 1000.0 / upem;
        let b = f.global_bounding_box();
        let name = f
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "EmbeddedFont".into())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>();
        let font = Font {
            units_per_em: upem,
            ascent: scale(f.ascender()),
            descent: scale(f.descender()),
            cap_height: scale(f.capital_height().unwrap_or(f.ascender())),
            bbox: [
                scale(b.x_min),
                scale(b.y_min),
                scale(b.x_max),
                scale(b.y_max),
            ],
            name: if name.is_empty() {
                "EmbeddedFont".into()
            } else {
                name
            },
            data,
        };
        Ok(font)
    }

    /// Read a font file.
    pub fn load(path: impl AsRef<Path>) -> Result<Font> {
        let path = path.as_ref();
        let data = crate::input::read_file(path, MAX_FONT_LEN).map_err(|e| match e {
            Error::Io { path, reason } => Error::Io {
                path,
                reason: format!(
                    "{reason} (output documents need a font with Kazakh Cyrillic: install Debian's fonts-dejavu-core, or give another font)"
                ),
            },
            other => other,
        })?;
        Font::from_bytes(data)
    }

    /// [`DEFAULT_FONT_PATH`].
    pub fn load_default() -> Result<Font> {
        Font::load(Path::new(DEFAULT_FONT_PATH))
    }

    /// The font bundled with the crate (DejaVu Sans, with Kazakh Cyrillic): what output
    /// documents use unless given another. Read from the crate's own bytes (a unit test
    /// reads it), so it does not depend on the machine.
    pub fn bundled() -> Result<Font> {
        Font::from_bytes(BUNDLED.to_vec())
    }

    /// The PostScript name.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    /// Glyph ids and advances (1/1000 em) of `text`: a character the font lacks becomes
    /// '?' (for the library's own labels; document text goes through
    /// [`Font::shape_all`]); control characters are dropped.
    pub(crate) fn shape(&self, text: &str) -> Vec<Glyph> {
        let Ok(f) = face(&self.data) else {
            return Vec::new();
        };
        let advance = |g: ttf_parser::GlyphId| {
            f.glyph_hor_advance(g)
                .map(|a| f32::from(a) * 1000.0 / self.units_per_em)
                .unwrap_or(500.0)
        };
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| {
                let (g, ch) = match f.glyph_index(c) {
                    Some(g) => (g, c),
                    None => (f.glyph_index('?').unwrap_or(ttf_parser::GlyphId(0)), '?'),
                };
                Glyph {
                    id: g.0,
                    ch,
                    advance: advance(g),
                }
            })
            .collect()
    }

    /// [`Font::shape`], refused when the font lacks a character of `text`: the printed
    /// document must show what was signed, not a '?' in its place.
    pub(crate) fn shape_all(&self, text: &str) -> Result<Vec<Glyph>> {
        let glyphs = self.shape(text);
        let shown = glyphs.iter().map(|g| g.ch);
        let wanted = text.chars().filter(|c| !c.is_control());
        let missing: String = wanted
            .zip(shown)
            .filter(|(want, shown)| want != shown)
            .map(|(want, _)| want)
            .take(10)
            .collect();
        if !missing.is_empty() {
            return Err(Error::Unsupported(format!(
                "the font {} has no glyph for {missing:?}: the document cannot be printed as it is signed (use a font that has these characters)",
                self.name
            )));
        }
        Ok(glyphs)
    }

    pub(crate) fn metrics(&self) -> (f32, f32, f32, [f32; 4]) {
        (self.ascent, self.descent, self.cap_height, self.bbox)
    }
}

/// One shaped character.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub id: u16,
    pub ch: char,
    /// 1/1000 em.
    pub advance: f32,
}

#[cfg(test)]
mod bundled_tests {
    use super::*;

    #[test]
    fn the_bundled_font_reads_and_has_kazakh_letters() {
        let font = Font::bundled().unwrap();
        assert_eq!(font.name(), "DejaVuSans");
        assert!(font.shape_all(KAZAKH_LETTERS).is_ok());
    }
}
