//! The printable PDF of an output document: A4 pages, the embedded (subset) font, the
//! text, the legal notes and the QR codes drawn as vector modules, in order.

use chrono::{Datelike, Timelike};
use pdf_writer::types::{
    AnnotationFlags, CidFontType, FieldType, FontFlags, SigFlags, SystemInfo, UnicodeCmap,
};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::font::{Font, Glyph};
use super::{barcode_note, legal_statement, DocumentKind, OutputDocument};
use crate::barcode::{QrSymbol, QUIET_ZONE};
use crate::error::{Error, Result};

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 48.0;
/// Most codes per row.
const MAX_CODE_COLUMNS: usize = 4;
/// Smallest module printed: three grid steps, 0.72 pt (0.254 mm), the usual floor for
/// printed QR codes and what eGov's 650-byte chunks at level M get four to a row. Larger
/// codes (levels Q and H, bigger chunks) go fewer to a row rather than smaller.
const MIN_MODULE: f32 = 3.0 * GRID;
/// 1/300 inch, in points: the grid the codes are drawn on.
const GRID: f32 = 72.0 / 300.0;
/// Most pages one document may take.
const MAX_PAGES: usize = 200;

/// A line of text placed on a page.
struct Run {
    page: usize,
    x: f32,
    y: f32,
    size: f32,
    glyphs: Vec<Glyph>,
}

/// A code placed on a page: its top-left module at (`x`, `y`), `module` points a side.
struct Placed {
    page: usize,
    x: f32,
    y: f32,
    module: f32,
    /// Dark runs (row, first column, length), in modules.
    runs: Vec<(usize, usize, usize)>,
}

struct Layout<'f> {
    font: &'f Font,
    pages: usize,
    /// Baseline cursor, from the bottom of the page.
    y: f32,
    runs: Vec<Run>,
    codes: Vec<Placed>,
    continuation: String,
}

fn snap(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

fn width(glyphs: &[Glyph], size: f32) -> f32 {
    glyphs.iter().map(|g| g.advance).sum::<f32>() * size / 1000.0
}

impl<'f> Layout<'f> {
    fn new(font: &'f Font, continuation: String) -> Self {
        Layout {
            font,
            pages: 1,
            y: PAGE_H - MARGIN,
            runs: Vec::new(),
            codes: Vec::new(),
            continuation,
        }
    }

    fn new_page(&mut self) -> Result<()> {
        if self.pages >= MAX_PAGES {
            return Err(Error::TooMany {
                what: "pages in one output document",
                limit: MAX_PAGES,
            });
        }
        self.pages += 1;
        self.y = PAGE_H - MARGIN;
        let header = self.continuation.clone();
        self.line(&header, 8.0, 0.0, false)?;
        self.gap(6.0);
        Ok(())
    }

    fn gap(&mut self, pts: f32) {
        self.y -= pts;
    }

    /// Room for `h` points below the cursor, or a new page.
    fn need(&mut self, h: f32) -> Result<()> {
        if self.y - h < MARGIN + 14.0 {
            self.new_page()?;
        }
        Ok(())
    }

    fn place(&mut self, glyphs: Vec<Glyph>, size: f32, indent: f32, centred: bool) {
        let x = if centred {
            ((PAGE_W - width(&glyphs, size)) / 2.0).max(MARGIN)
        } else {
            MARGIN + indent
        };
        self.runs.push(Run {
            page: self.pages - 1,
            x,
            y: self.y,
            size,
            glyphs,
        });
    }

    /// One line (no wrapping).
    fn line(&mut self, text: &str, size: f32, indent: f32, centred: bool) -> Result<()> {
        let leading = size * 1.3;
        self.need(leading)?;
        self.y -= leading;
        let glyphs = self.font.shape_all(text)?;
        self.place(glyphs, size, indent, centred);
        Ok(())
    }

    /// A paragraph, wrapped at spaces (a word wider than the line is cut).
    fn paragraph(&mut self, text: &str, size: f32, indent: f32, centred: bool) -> Result<()> {
        let max = PAGE_W - 2.0 * MARGIN - indent;
        for source_line in text.split('\n') {
            let glyphs = self.font.shape_all(source_line)?;
            let space = self.font.shape(" ");
            let space_w = width(&space, size);
            let mut lines: Vec<Vec<Glyph>> = Vec::new();
            let mut current: Vec<Glyph> = Vec::new();
            // The width of `current`, kept as it grows.
            let mut current_w = 0.0f32;
            for word in glyphs.split(|g| g.ch == ' ') {
                let word_w = width(word, size);
                let joined_w = if current.is_empty() {
                    word_w
                } else {
                    current_w + space_w + word_w
                };
                if joined_w <= max {
                    if !current.is_empty() {
                        current.extend_from_slice(&space);
                    }
                    current.extend_from_slice(word);
                    current_w = joined_w;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                // The word alone; cut it when it does not fit.
                current_w = 0.0;
                for g in word {
                    let g_w = g.advance * size / 1000.0;
                    if current_w + g_w > max && !current.is_empty() {
                        lines.push(std::mem::take(&mut current));
                        current_w = 0.0;
                    }
                    current.push(*g);
                    current_w += g_w;
                }
            }
            lines.push(current);
            for l in lines {
                let leading = size * 1.3;
                self.need(leading)?;
                self.y -= leading;
                self.place(l, size, indent, centred);
            }
        }
        Ok(())
    }

    /// The codes, in order, as many to a row (at most four) as keep every module at least
    /// [`MIN_MODULE`], each captioned "n / N".
    fn codes(&mut self, symbols: &[QrSymbol]) -> Result<()> {
        let max_width = symbols.iter().map(QrSymbol::width).max().unwrap_or(21);
        // Modules and origins on a 1/300-inch grid (0.24 pt): whole pixels when printed or
        // rasterised at 300 or 600 dpi, so module edges stay sharp.
        let layout = |columns: usize| {
            let cell = (PAGE_W - 2.0 * MARGIN) / columns as f32;
            let module = (((cell - 4.0) / (max_width + 2 * QUIET_ZONE) as f32 / GRID).floor()
                * GRID)
                .max(GRID);
            (columns, cell, module)
        };
        let (columns, cell, module) = (1..=MAX_CODE_COLUMNS)
            .rev()
            .map(layout)
            .find(|(_, _, module)| *module >= MIN_MODULE - 0.001)
            .unwrap_or_else(|| layout(1));
        let caption = 9.0;
        let row_h = cell + caption + 2.0;
        let n = symbols.len();
        for (row, chunk) in symbols.chunks(columns).enumerate() {
            self.need(row_h)?;
            let top = self.y;
            for (col, sym) in chunk.iter().enumerate() {
                let index = row * columns + col;
                let x0 = snap(MARGIN + col as f32 * cell + (QUIET_ZONE as f32) * module);
                let y0 = PAGE_H - snap(PAGE_H - (top - (QUIET_ZONE as f32) * module));
                self.codes.push(Placed {
                    page: self.pages - 1,
                    x: x0,
                    y: y0,
                    module,
                    runs: sym.dark_runs(),
                });
                let label = format!("{} / {n}", index + 1);
                let glyphs = self.font.shape(&label);
                let w = width(&glyphs, 7.0);
                self.runs.push(Run {
                    page: self.pages - 1,
                    x: MARGIN + col as f32 * cell + (cell - w) / 2.0,
                    y: top - cell - 6.0,
                    size: 7.0,
                    glyphs,
                });
            }
            self.y = top - row_h;
        }
        Ok(())
    }
}

/// The Law 370-II statement and the barcode note, in Kazakh and Russian (`legal_kk`,
/// `legal_ru`, `note_kk`, `note_ru`): as the decree's form of the document's profile prints
/// them (`{signer}` the provider, in each language), or else the library's wording, the
/// Kazakh note with the profile's Kazakh names.
fn notes(doc: &OutputDocument) -> (String, String, String, String) {
    let profile = crate::profiles::Profile::by_id(&doc.profile_id);
    // The document does not record which output form it filled: the first one's notes.
    let form = profile.and_then(|p| p.document_form(matches!(doc.kind, DocumentKind::Refusal), 1));
    let kk = |get: fn(&crate::profiles::Profile) -> &Option<String>, ru: &str| {
        profile
            .and_then(|p| get(p).clone())
            .unwrap_or_else(|| ru.to_string())
    };
    let provider_kk = kk(|p| &p.provider_kk, &doc.provider);
    let (legal_kk, legal_ru) = match form.map(|f| (&f.law_note_kk, &f.law_note_ru)) {
        Some((Some(k), Some(r))) => (k.clone(), r.clone()),
        _ => {
            let (k, r) = legal_statement();
            (k.to_string(), r.to_string())
        }
    };
    let (note_kk, note_ru) = match form.map(|f| (&f.barcode_note_kk, &f.barcode_note_ru)) {
        Some((Some(k), Some(r))) => (
            k.replace("{signer}", &provider_kk),
            r.replace("{signer}", &doc.provider),
        ),
        _ => (
            barcode_note(
                &kk(|p| &p.information_system_kk, &doc.information_system),
                &provider_kk,
                &kk(|p| &p.signing_subdivision_kk, &doc.signing_subdivision),
                &doc.region,
            )
            .0,
            barcode_note(
                &doc.information_system,
                &doc.provider,
                &doc.signing_subdivision,
                &doc.region,
            )
            .1,
        ),
    };
    (legal_kk, legal_ru, note_kk, note_ru)
}

/// The signature a PDF is laid out for: a signature field with an invisible widget on the
/// first page, and a signature dictionary whose `/ByteRange` and `/Contents` are the
/// placeholders [`crate::pades::sign_prepared`] fills.
pub(super) struct SignatureSlot {
    /// The claimed signing time (`/M`).
    pub(super) time: chrono::DateTime<chrono::Utc>,
    /// The signer's name (`/Name`).
    pub(super) name: String,
}

/// Lay out and write the PDF (with a signature slot to fill when `signature` is given).
pub(super) fn render(
    doc: &OutputDocument,
    symbols: &[QrSymbol],
    font: &Font,
    signature: Option<&SignatureSlot>,
) -> Result<Vec<u8>> {
    let mut l = Layout::new(
        font,
        format!(
            "{} — № {} (жалғасы / продолжение)",
            doc.title_ru, doc.favor_id
        ),
    );
    l.paragraph(&doc.provider, 9.0, 0.0, true)?;
    l.paragraph(&doc.region, 8.0, 0.0, true)?;
    l.gap(14.0);
    if doc.kind == DocumentKind::Refusal {
        l.paragraph(
            "Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап",
            13.0,
            0.0,
            true,
        )?;
        l.paragraph(
            "Мотивированный отказ в оказании государственной услуги",
            13.0,
            0.0,
            true,
        )?;
        l.gap(4.0);
    }
    l.paragraph(&doc.title_kk, 12.0, 0.0, true)?;
    l.paragraph(&doc.title_ru, 12.0, 0.0, true)?;
    l.gap(12.0);
    l.paragraph(
        &format!("Өтінім нөмірі / Номер заявки: {}", doc.favor_id),
        10.0,
        0.0,
        false,
    )?;
    l.paragraph(
        &format!(
            "Берілген күні / Дата выдачи: {}",
            doc.issued_at.format("%d.%m.%Y %H:%M:%S (UTC%:z)")
        ),
        10.0,
        0.0,
        false,
    )?;
    l.gap(8.0);
    for f in &doc.fields {
        // A decree's form line may end in its own colon, or be fixed text with no blank.
        let label = f.label.trim_end();
        if !label.is_empty() {
            if label.ends_with(':') {
                l.paragraph(label, 10.0, 0.0, false)?;
            } else {
                l.paragraph(&format!("{label}:"), 10.0, 0.0, false)?;
            }
        }
        if !f.value.is_empty() {
            l.paragraph(&f.value, 10.0, 14.0, false)?;
        }
        l.gap(3.0);
    }
    if let Some(reason) = &doc.refusal_reason {
        l.gap(4.0);
        l.paragraph("Бас тарту себебі / Причина отказа:", 10.0, 0.0, false)?;
        l.paragraph(reason, 10.0, 14.0, false)?;
    }
    l.gap(10.0);
    l.paragraph(
        &format!(
            "ЭЦҚ-мен қол қойылды / Подписано ЭЦП: {}",
            doc.signing_subdivision
        ),
        9.0,
        0.0,
        false,
    )?;
    l.gap(10.0);
    let (legal_kk, legal_ru, note_kk, note_ru) = notes(doc);
    l.paragraph(&legal_kk, 7.5, 0.0, false)?;
    l.paragraph(&legal_ru, 7.5, 0.0, false)?;
    l.gap(4.0);
    l.paragraph(&note_kk, 7.5, 0.0, false)?;
    l.paragraph(&note_ru, 7.5, 0.0, false)?;
    l.gap(10.0);
    l.codes(symbols)?;
    // Page numbers.
    let pages = l.pages;
    for p in 0..pages {
        let glyphs = font.shape(&format!("Бет / Страница {} / {pages}", p + 1));
        let w = width(&glyphs, 7.0);
        l.runs.push(Run {
            page: p,
            x: PAGE_W - MARGIN - w,
            y: MARGIN - 20.0,
            size: 7.0,
            glyphs,
        });
    }
    write(doc, font, &l, signature)
}

/// zlib-compress a stream. zlib-rs at level 2 makes the PDF of a 20 KB document in about
/// half the time miniz_oxide took at level 3, for a file some 6 % larger; level 1 would
/// save another 8 % of the time of `document::issue` for a third more bytes (the codes'
/// runs compress much worse): `cargo bench --bench barcode -- issue/`.
fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2 + 64),
        flate2::Compression::new(2),
    );
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

fn write(
    doc: &OutputDocument,
    font: &Font,
    l: &Layout<'_>,
    signature: Option<&SignatureSlot>,
) -> Result<Vec<u8>> {
    // The glyphs used, renumbered for the subset.
    // (new id, character, advance) of each glyph used, in order of first use.
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut used: std::collections::BTreeMap<u16, (char, f32)> = Default::default();
    for run in &l.runs {
        for g in &run.glyphs {
            let new = remapper.remap(g.id);
            used.entry(new).or_insert((g.ch, g.advance));
        }
    }
    let subset = subsetter::subset(font.data(), 0, &remapper)
        .map_err(|e| Error::Unsupported(format!("the font could not be subset: {e:?}")))?;
    let to_unicode: Vec<(u16, char)> = used.iter().map(|(id, (ch, _))| (*id, *ch)).collect();
    let advances: Vec<(u16, f32)> = used.iter().map(|(id, (_, adv))| (*id, *adv)).collect();

    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let type0 = Ref::new(3);
    let cid = Ref::new(4);
    let descriptor = Ref::new(5);
    let file = Ref::new(6);
    let cmap_ref = Ref::new(7);
    let info = Ref::new(8);
    let first_page = 9;
    let page_ids: Vec<Ref> = (0..l.pages)
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();
    let font_name = Name(b"F1");
    let base = format!("QLTNBA+{}", font.name());

    // The signature field (merged with its widget) and the signature dictionary, after
    // the pages' objects.
    let field = Ref::new(first_page + 2 * page_ids.len() as i32);
    let sig = Ref::new(field.get() + 1);
    {
        let mut cat = pdf.catalog(catalog);
        cat.pages(tree);
        if signature.is_some() {
            cat.form()
                .fields([field])
                .sig_flags(SigFlags::SIGNATURES_EXIST | SigFlags::APPEND_ONLY);
        }
    }
    if let Some(slot) = signature {
        let mut f = pdf.form_field(field);
        f.field_type(FieldType::Signature)
            .partial_name(TextStr("Signature1"));
        f.pair(Name(b"V"), sig);
        let mut widget = f.into_annotation();
        widget
            .rect(Rect::new(0.0, 0.0, 0.0, 0.0))
            .flags(AnnotationFlags::PRINT | AnnotationFlags::LOCKED);
        if let Some(first) = page_ids.first() {
            widget.page(*first);
        }
        widget.finish();
        let t = slot.time;
        let two = |v: u32| u8::try_from(v).unwrap_or(0);
        let date = Date::new(u16::try_from(t.year()).unwrap_or(0))
            .month(two(t.month()))
            .day(two(t.day()))
            .hour(two(t.hour()))
            .minute(two(t.minute()))
            .second(two(t.second()))
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        let mut d = pdf.indirect(sig).dict();
        d.pair(Name(b"Type"), Name(b"Sig"))
            .pair(Name(b"Filter"), Name(b"Adobe.PPKLite"))
            .pair(
                Name(b"SubFilter"),
                Name(crate::pades::PADES_SUBFILTER.as_bytes()),
            );
        d.insert(Name(b"ByteRange"))
            .array()
            .items(crate::pades::BYTE_RANGE_PLACEHOLDER);
        d.pair(
            Name(b"Contents"),
            Str(&vec![
                crate::pades::CONTENTS_PLACEHOLDER_BYTE;
                crate::pades::limits::SIGNATURE_ROOM
            ]),
        );
        d.pair(Name(b"M"), date);
        d.pair(Name(b"Name"), TextStr(&slot.name));
        d.finish();
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(l.pages as i32);
    {
        let mut di = pdf.document_info(info);
        di.title(TextStr(&format!("{} — № {}", doc.title_ru, doc.favor_id)));
        di.producer(TextStr("qoltanba"));
        di.finish();
    }
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_ref);
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    {
        let mut c = pdf.cid_font(cid);
        c.subtype(CidFontType::Type2)
            .base_font(Name(base.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor)
            .default_width(500.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let mut w = c.widths();
        for (id, adv) in &advances {
            w.consecutive(*id, [*adv]);
        }
        w.finish();
        c.finish();
    }
    let (ascent, descent, cap_height, bbox) = font.metrics();
    pdf.font_descriptor(descriptor)
        .name(Name(base.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap_height)
        .stem_v(80.0)
        .font_file2(file);
    let compressed = deflate(&subset);
    pdf.stream(file, &compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), subset.len() as i32);
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
    for (id, ch) in &to_unicode {
        cmap.pair(*id, *ch);
    }
    let cmap_data = cmap.finish();
    pdf.cmap(cmap_ref, &cmap_data);

    for (p, page_id) in page_ids.iter().enumerate() {
        let content_id = Ref::new(page_id.get() + 1);
        let mut content = Content::new();
        content.set_fill_gray(0.0);
        // Each code in its own coordinates: one unit a module, y down from its top-left
        // corner, so a run is a few integers.
        for code in l.codes.iter().filter(|c| c.page == p) {
            content.save_state();
            content.transform([code.module, 0.0, 0.0, -code.module, code.x, code.y]);
            for &(y, x, len) in &code.runs {
                // Integers: formatting them is a fraction of the cost of floats, and a
                // code has thousands of runs.
                let v = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
                content.op("re").operands([v(x), v(y), v(len), 1]);
            }
            content.fill_nonzero();
            content.restore_state();
        }
        for run in l.runs.iter().filter(|r| r.page == p) {
            let bytes: Vec<u8> = run
                .glyphs
                .iter()
                .flat_map(|g| remapper.get(g.id).unwrap_or(0).to_be_bytes())
                .collect();
            content
                .begin_text()
                .set_font(font_name, run.size)
                .set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, run.y])
                .show(Str(&bytes))
                .end_text();
        }
        let data = deflate(&content.finish());
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_id);
        if p == 0 && signature.is_some() {
            page.annotations([field]);
        }
        page.resources().fonts().pair(font_name, type0);
        page.finish();
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::EcLevel;

    fn doc(profile: &str, refusal: bool) -> OutputDocument {
        let p = crate::profiles::Profile::by_id(profile).unwrap();
        let fields = super::super::Fields {
            favor_id: Some("N-1".into()),
            title_kk: None,
            title_ru: None,
            fields: Vec::new(),
            refusal,
            refusal_reason: refusal.then(|| "себебі / причина".to_string()),
        };
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap();
        OutputDocument::new(fields, p, None, refusal, at).unwrap()
    }

    #[test]
    fn the_notes_are_the_decrees_in_each_language() {
        // Kokpekti's certificate prints its own barcode note: {signer} is the provider, in
        // Kazakh in the Kazakh note (never the other town the seed's copy names).
        let (legal_kk, _, note_kk, note_ru) =
            notes(&doc("kokpekti-unemployment-certificate", false));
        let p = crate::profiles::Profile::by_id("kokpekti-unemployment-certificate").unwrap();
        assert!(note_kk.contains("«Электрондық әкімдік»"), "{note_kk}");
        assert!(
            note_kk.contains(p.provider_kk.as_deref().unwrap()),
            "{note_kk}"
        );
        assert!(note_ru.contains(&p.provider), "{note_ru}");
        assert!(!note_kk.contains("АҚСУ") && !note_ru.contains("АКСУ"));
        assert!(legal_kk.contains("370-II"));
        // A form without a note: the library's wording, with the Kazakh names in Kazakh.
        let (_, _, note_kk, _) = notes(&doc("vko-archive-certificate", true));
        let p = crate::profiles::Profile::by_id("vko-archive-certificate").unwrap();
        if let Some(kk) = &p.provider_kk {
            assert!(note_kk.contains(kk.as_str()), "{note_kk}");
        }
        assert!(
            !note_kk.contains(&p.provider) || p.provider_kk.is_none(),
            "{note_kk}"
        );
    }

    /// The codes of one row, as (left edge, right edge) in points.
    fn row_extents(l: &Layout<'_>, symbols: &[QrSymbol]) -> Vec<(f32, f32)> {
        let top = l.codes[0].y;
        l.codes
            .iter()
            .zip(symbols)
            .filter(|(c, _)| c.page == l.codes[0].page && (c.y - top).abs() < 0.01)
            .map(|(c, s)| (c.x, c.x + s.width() as f32 * c.module))
            .collect()
    }

    #[test]
    fn codes_keep_a_printable_module_and_do_not_overlap() {
        let Ok(font) = Font::bundled() else {
            eprintln!("NOTICE: no DejaVu Sans; skipping");
            return;
        };
        // A BarcodeElement of eGov's 650-byte chunk: ~1,100 bytes, base64 (byte mode).
        let text: Vec<u8> = b"Aa0+/Zz9".iter().copied().cycle().take(1100).collect();
        for (ec, columns) in [(EcLevel::L, 4), (EcLevel::M, 4), (EcLevel::H, 3)] {
            let symbols: Vec<QrSymbol> = (0..6)
                .map(|_| QrSymbol::encode(&text, ec).unwrap())
                .collect();
            let mut l = Layout::new(&font, String::new());
            l.codes(&symbols).unwrap();
            let module = l.codes[0].module;
            assert!(module >= MIN_MODULE - 0.001, "{ec:?}: module {module}");
            let row = row_extents(&l, &symbols);
            assert_eq!(
                row.len(),
                columns,
                "{ec:?}: version {}",
                symbols[0].version()
            );
            for pair in row.windows(2) {
                // A quiet zone of 4 modules on each side between neighbours, at least.
                assert!(
                    pair[1].0 - pair[0].1 >= 2.0 * QUIET_ZONE as f32 * module - 0.01,
                    "{ec:?}: {pair:?}"
                );
            }
        }
    }
}
