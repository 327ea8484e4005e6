//! Signing any PDF: a PAdES B-B signature appended as an incremental update.
//!
//! The original bytes are never rewritten: an earlier signature covers them and must stay
//! valid, and a reader of the earlier revision must still find it. The update holds the
//! new signature dictionary, a signature field merged with its invisible widget, the first
//! page re-written with the widget added to its `/Annots`, the form (`/AcroForm`, created
//! or re-written with the field added and `/SigFlags 3`) and the catalog when the form is
//! written in it, then a cross-reference section of the original's newest kind (a table
//! and trailer, or a cross-reference stream) whose `/Prev` is the original's last one.
//! The `/ByteRange` and `/Contents` placeholders are filled as for the documents the
//! library lays out ([`super::fill`]).

use chrono::{DateTime, Datelike as _, Timelike as _, Utc};

use super::candidates::{byte_ranges, candidates, Source};
use super::form;
use super::reader::{self, malformed, write, write_dict, Dict, Document, Object, XrefKind};
use super::{limits, BYTE_RANGE_PLACEHOLDER, PADES_SUBFILTER};
use crate::cms::{SignRequest, Signer};
use crate::error::{Error, Result};

/// Longest `/Reason`, `/Location` or `/ContactInfo` written, in bytes of UTF-8.
pub const MAX_TEXT_LEN: usize = 4096;
/// Most form fields looked at to name the new one uniquely.
const MAX_FIELDS: usize = 4096;

/// What the signature dictionary says besides the signature itself: the signer's claims,
/// shown by readers, not proven by anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PdfSignOptions {
    /// `/Reason`: why the signer signs.
    pub reason: Option<String>,
    /// `/Location`: where.
    pub location: Option<String>,
    /// `/ContactInfo`: how to reach the signer.
    pub contact_info: Option<String>,
}

impl PdfSignOptions {
    /// No claims.
    pub fn new() -> PdfSignOptions {
        PdfSignOptions::default()
    }
    /// Set `/Reason`.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
    /// Set `/Location`.
    pub fn location(mut self, location: impl Into<String>) -> Self {
        self.location = Some(location.into());
        self
    }
    /// Set `/ContactInfo`.
    pub fn contact_info(mut self, contact_info: impl Into<String>) -> Self {
        self.contact_info = Some(contact_info.into());
        self
    }
}

/// Sign `pdf` (PAdES B-B): an incremental update appended to its bytes with a new
/// signature over the whole result, made with `request`'s certificate and chain and
/// `signer`; `request.signing_time` is the dictionary's `/M` (the CMS carries no
/// signingTime, as PAdES demands). Earlier signatures stay valid and now cover an
/// earlier revision.
///
/// Errors: not a PDF, larger than [`limits::MAX_PDF_LEN`], a structure that cannot be
/// read within the reader's bounds (no `startxref`, entries that point elsewhere, a
/// `/Prev` loop ...), and [`Error::Unsupported`] for an encrypted PDF, one certified
/// with no change allowed (`/DocMDP` `/P 1`), or a CMS larger than
/// [`limits::SIGNATURE_ROOM`].
pub fn sign(
    pdf: &[u8],
    request: &SignRequest<'_>,
    signer: &dyn Signer,
    options: &PdfSignOptions,
) -> Result<Vec<u8>> {
    sign_with(pdf, request, signer, options, &mut Ok)
}

/// [`sign`], with the CMS passed through `complete` before it is embedded: a time-stamp
/// token added to its signer (PAdES B-T) must be in the signed file, and the signature's
/// room is reserved before the CMS exists, so the token is added here, not after.
pub fn sign_with(
    pdf: &[u8],
    request: &SignRequest<'_>,
    signer: &dyn Signer,
    options: &PdfSignOptions,
    complete: &mut dyn FnMut(Vec<u8>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let prepared = prepare(pdf, request.signing_time, options)?;
    super::fill(prepared, pdf.len(), request, signer, complete)
}

/// Refuse to add a signature the verifier could not judge, or one that would break a
/// signature already there. The signatures are found as [`super::verify`] finds them
/// ([`candidates`]: the form's, then every `/ByteRange` no field reaches), so the counts
/// agree with it: it judges at most [`limits::MAX_SIGNATURES`] of them (and as many
/// `/ByteRange` entries in the bytes), and a file that already has that many would have
/// the signature the signer means left unjudged. A signature whose locks (read as the
/// verifier reads them, in the revision it signed) forbid any change is broken by any
/// signature after it: an approval signature's FieldMDP or field `/Lock` with `/P 1`
/// (review 50), or a certification with `/P 1`. A lock that cannot be read is left to the
/// verifier (the file is at best indeterminate there, never valid).
fn refuse_beyond_the_verifier(pdf: &[u8]) -> Result<()> {
    let positions = byte_ranges(pdf);
    let (found, _) = candidates(pdf, &positions);
    if found.len().max(positions.len()) >= limits::MAX_SIGNATURES {
        return Err(Error::TooMany {
            what:
                "signatures in the PDF (a verifier judges no more: one added would not be judged)",
            limit: limits::MAX_SIGNATURES,
        });
    }
    for c in &found {
        if let Source::Form {
            field,
            mdp: Ok(locks),
            ..
        } = &c.source
        {
            if locks.forbids_any_change() {
                return Err(Error::Unsupported(format!(
                    "PDF signing: the signature of field {field} forbids any change after it ({}); another signature would break it",
                    locks.describe()
                )));
            }
        }
    }
    Ok(())
}

/// The original followed by the update, its signature placeholders unfilled.
pub(crate) fn prepare(pdf: &[u8], at: DateTime<Utc>, options: &PdfSignOptions) -> Result<Vec<u8>> {
    if pdf.len() > limits::MAX_PDF_LEN {
        return Err(Error::TooLarge {
            what: "PDF",
            len: pdf.len(),
            limit: limits::MAX_PDF_LEN,
        });
    }
    if !super::is_pdf(pdf) {
        return Err(Error::UnrecognisedFormat {
            what: "PDF",
            reason: "no %PDF- header".into(),
        });
    }
    for (what, text) in [
        ("/Reason", &options.reason),
        ("/Location", &options.location),
        ("/ContactInfo", &options.contact_info),
    ] {
        if let Some(t) = text.as_deref().filter(|t| t.len() > MAX_TEXT_LEN) {
            return Err(Error::TooLarge {
                what: match what {
                    "/Reason" => "PDF signature /Reason",
                    "/Location" => "PDF signature /Location",
                    _ => "PDF signature /ContactInfo",
                },
                len: t.len(),
                limit: MAX_TEXT_LEN,
            });
        }
    }
    let mut doc = Document::open(pdf)?;
    if doc.trailer.get(b"Encrypt").is_some() {
        return Err(Error::Unsupported(
            "PDF signing: the PDF is encrypted (/Encrypt); decrypt it first".into(),
        ));
    }
    let root_ref = match doc.trailer.get(b"Root") {
        Some(Object::Ref(n, g)) => (*n, *g),
        _ => return Err(malformed("the trailer has no /Root reference")),
    };
    let mut catalog = doc.dict(&Object::Ref(root_ref.0, root_ref.1), "the catalog")?;
    refuse_certified(&mut doc, &catalog)?;
    refuse_beyond_the_verifier(pdf)?;
    let (page_ref, mut page) = first_page(&mut doc, &catalog)?;

    // The form: written in place when it is an object of its own, in the catalog else.
    let acroform_ref = match catalog.get(b"AcroForm") {
        Some(Object::Ref(n, g)) => Some((*n, *g)),
        _ => None,
    };
    // The page and the form (or the catalog holding it) are written anew, each as the
    // object it is: a file in which two of them are one object (a catalog that is also the
    // first page, a page that is also the form) would have one rewrite replace the other,
    // the new signature missing from the form or the page (the pades_sign fuzz target).
    // By object number: the update writes each number once, whatever generation a
    // reference names (`/Root 1 5 R` is object 1 to the cross-reference section).
    let form_number = acroform_ref.map(|(n, _)| n);
    if page_ref.0 == root_ref.0
        || form_number == Some(page_ref.0)
        || form_number == Some(root_ref.0)
    {
        return Err(malformed(
            "the catalog, the first page and the form are not distinct objects",
        ));
    }
    let mut acroform = form::optional_dict(&mut doc, catalog.get(b"AcroForm"), "/AcroForm")?;
    let mut fields = form::optional_array(&mut doc, acroform.get(b"Fields"), "/Fields")?;
    let name = field_name(&mut doc, &fields)?;

    // New objects after every number the file uses.
    let size = match doc.trailer.get(b"Size") {
        Some(Object::Int(s)) if (0..=reader::limits::MAX_OBJECTS as i64).contains(s) => *s as u32,
        _ => {
            return Err(malformed(format!(
                "the trailer's /Size is missing or above {}",
                reader::limits::MAX_OBJECTS
            )))
        }
    };
    let first_new = size.max(doc.next_number());
    let sig_num = first_new;
    let widget_num = first_new + 1;
    let sig_ref = Object::Ref(sig_num, 0);
    let widget_ref = Object::Ref(widget_num, 0);

    let mut annots =
        form::optional_array(&mut doc, page.get(b"Annots"), "the first page's /Annots")?;
    annots.push(widget_ref.clone());
    page.set(b"Annots", Object::Array(annots));
    fields.push(widget_ref);
    acroform.set(b"Fields", Object::Array(fields));
    acroform.set(b"SigFlags", Object::Int(3));

    let mut out = pdf.to_vec();
    if !matches!(out.last(), Some(b'\n' | b'\r')) {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, u16, usize)> = Vec::new();
    let mut object = |out: &mut Vec<u8>, number: u32, generation: u16, body: &[u8]| {
        offsets.push((number, generation, out.len()));
        out.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(&mut out, sig_num, 0, &signature_dictionary(at, options));
    let mut widget = Dict::default();
    for (k, v) in [
        (&b"Type"[..], Object::Name(b"Annot".to_vec())),
        (b"Subtype", Object::Name(b"Widget".to_vec())),
        (b"FT", Object::Name(b"Sig".to_vec())),
        (b"T", Object::String(text_bytes(&name))),
        // Print and Locked, as the documents the library lays out.
        (b"F", Object::Int(132)),
        (b"Rect", Object::Array(vec![Object::Int(0); 4])),
        (b"P", Object::Ref(page_ref.0, page_ref.1)),
        (b"V", sig_ref),
    ] {
        widget.set(k, v);
    }
    let mut body = Vec::new();
    write_dict(&mut body, &widget);
    object(&mut out, widget_num, 0, &body);
    let mut body = Vec::new();
    write_dict(&mut body, &page);
    object(&mut out, page_ref.0, page_ref.1, &body);
    match acroform_ref {
        Some((n, g)) => {
            let mut body = Vec::new();
            write_dict(&mut body, &acroform);
            object(&mut out, n, g, &body);
        }
        None => {
            catalog.set(b"AcroForm", Object::Dict(acroform));
            let mut body = Vec::new();
            write_dict(&mut body, &catalog);
            object(&mut out, root_ref.0, root_ref.1, &body);
        }
    }

    // The cross-reference section, of the original's newest kind.
    let mut trailer = Dict::default();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Some(v) = doc.trailer.get(key) {
            trailer.set(key, v.clone());
        }
    }
    trailer.set(
        b"Prev",
        Object::Int(i64::try_from(doc.startxref).map_err(|_| malformed("/Prev out of range"))?),
    );
    let xref_at = out.len();
    match doc.kind {
        XrefKind::Table => {
            trailer.set(b"Size", Object::Int(i64::from(widget_num) + 1));
            offsets.sort_unstable();
            out.extend_from_slice(b"xref\n");
            for run in runs(&offsets) {
                let first = run.first().map_or(0, |r| r.0);
                out.extend_from_slice(format!("{first} {}\n", run.len()).as_bytes());
                for (_, generation, offset) in run {
                    out.extend_from_slice(format!("{offset:010} {generation:05} n\r\n").as_bytes());
                }
            }
            out.extend_from_slice(b"trailer\n");
            write_dict(&mut out, &trailer);
            out.push(b'\n');
        }
        XrefKind::Stream => {
            let xref_num = widget_num + 1;
            offsets.push((xref_num, 0, xref_at));
            offsets.sort_unstable();
            let mut data = Vec::with_capacity(offsets.len() * 7);
            let mut index = Vec::new();
            for run in runs(&offsets) {
                index.push(Object::Int(i64::from(run.first().map_or(0, |r| r.0))));
                index.push(Object::Int(run.len() as i64));
                for (_, generation, offset) in run {
                    let offset =
                        u32::try_from(*offset).map_err(|_| malformed("an offset past 4 GiB"))?;
                    data.push(1);
                    data.extend_from_slice(&offset.to_be_bytes());
                    data.extend_from_slice(&generation.to_be_bytes());
                }
            }
            let mut dict = Dict::default();
            dict.set(b"Type", Object::Name(b"XRef".to_vec()));
            dict.set(b"Size", Object::Int(i64::from(xref_num) + 1));
            dict.set(
                b"W",
                Object::Array(vec![Object::Int(1), Object::Int(4), Object::Int(2)]),
            );
            dict.set(b"Index", Object::Array(index));
            dict.0.extend(trailer.0);
            dict.set(b"Length", Object::Int(data.len() as i64));
            out.extend_from_slice(format!("{xref_num} 0 obj\n").as_bytes());
            write_dict(&mut out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&data);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        }
    }
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    Ok(out)
}

/// The entries in runs of consecutive object numbers (one subsection each).
fn runs(sorted: &[(u32, u16, usize)]) -> Vec<&[(u32, u16, usize)]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=sorted.len() {
        let breaks = match (sorted.get(i - 1), sorted.get(i)) {
            (Some(a), Some(b)) => b.0 != a.0.saturating_add(1),
            _ => true,
        };
        if breaks {
            if let Some(run) = sorted.get(start..i) {
                runs.push(run);
            }
            start = i;
        }
    }
    runs
}

/// The first page: down the page tree by the first kid, bounded and loop-free.
fn first_page(doc: &mut Document<'_>, catalog: &Dict) -> Result<((u32, u16), Dict)> {
    let mut node = match catalog.get(b"Pages") {
        Some(Object::Ref(n, g)) => (*n, *g),
        _ => return Err(malformed("the catalog has no /Pages reference")),
    };
    for _ in 0..reader::limits::MAX_DEPTH {
        let d = doc.dict(&Object::Ref(node.0, node.1), "a page tree node")?;
        if d.name(b"Type") == Some(b"Page") || d.get(b"Kids").is_none() {
            // Written back with the generation its entry has.
            return Ok(((node.0, doc.generation(node.0)), d));
        }
        let kids = form::optional_array(doc, d.get(b"Kids"), "/Kids")?;
        node = match kids.first() {
            Some(Object::Ref(n, g)) => (*n, *g),
            Some(_) => return Err(malformed("a page tree kid is not a reference")),
            None => return Err(malformed("the PDF has no page")),
        };
    }
    Err(malformed(format!(
        "the page tree is deeper than {}",
        reader::limits::MAX_DEPTH
    )))
}

/// A name for the new field that no top-level field has.
fn field_name(doc: &mut Document<'_>, fields: &[Object]) -> Result<String> {
    if fields.len() > MAX_FIELDS {
        return Err(Error::TooMany {
            what: "PDF form fields",
            limit: MAX_FIELDS,
        });
    }
    let mut taken = Vec::new();
    for f in fields {
        if let Object::Dict(d) = doc.resolve(f)? {
            if let Some(Object::String(t)) = d.get(b"T") {
                taken.push(t.clone());
            }
        }
    }
    (1..=MAX_FIELDS + 1)
        .map(|i| format!("Signature{i}"))
        .find(|n| !taken.iter().any(|t| t == n.as_bytes()))
        .ok_or_else(|| malformed("no free field name"))
}

/// A PDF certified with no change allowed (`/Perms /DocMDP`, `/P 1`) refuses another
/// signature: signing it would break the certification. The lock is read as
/// [`super::verify`] reads it ([`form::mdp`]); the locks of every signature of the form
/// are [`refuse_beyond_the_verifier`]'s.
fn refuse_certified(doc: &mut Document<'_>, catalog: &Dict) -> Result<()> {
    let Some(perms) = catalog.get(b"Perms").cloned() else {
        return Ok(());
    };
    let Object::Dict(perms) = doc.resolve(&perms)? else {
        return Ok(());
    };
    let Some(mdp) = perms.get(b"DocMDP").cloned() else {
        return Ok(());
    };
    let Object::Dict(sig) = doc.resolve(&mdp)? else {
        return Ok(());
    };
    if form::mdp(doc, &sig, None)?.forbids_any_change() {
        return Err(Error::Unsupported(
            "PDF signing: the PDF is certified with no change allowed (/DocMDP /P 1)".into(),
        ));
    }
    Ok(())
}

/// The signature dictionary with its placeholders, as [`super::fill`] finds them.
fn signature_dictionary(at: DateTime<Utc>, options: &PdfSignOptions) -> Vec<u8> {
    let mut d = Vec::new();
    let [a, b, c, e] = BYTE_RANGE_PLACEHOLDER;
    d.extend_from_slice(
        format!(
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /{PADES_SUBFILTER} /ByteRange [{a} {b} {c} {e}] /Contents <"
        )
        .as_bytes(),
    );
    d.extend(std::iter::repeat_n(b'F', 2 * limits::SIGNATURE_ROOM));
    d.extend_from_slice(
        format!(
            "> /M (D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00')",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        )
        .as_bytes(),
    );
    for (key, text) in [
        ("Reason", &options.reason),
        ("Location", &options.location),
        ("ContactInfo", &options.contact_info),
    ] {
        if let Some(t) = text {
            d.extend_from_slice(format!(" /{key} ").as_bytes());
            write(&mut d, &Object::String(text_bytes(t)));
        }
    }
    d.extend_from_slice(b" >>");
    d
}

/// A PDF text string's bytes: ASCII as is (PDFDocEncoding agrees with it on printable
/// ASCII), anything else UTF-16BE with its byte order mark. Written as a hex string, so
/// no byte needs escaping.
fn text_bytes(text: &str) -> Vec<u8> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.as_bytes().to_vec();
    }
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_ascii_or_utf16() {
        assert_eq!(text_bytes("a (b)"), b"a (b)");
        assert_eq!(text_bytes("Ә"), [0xFE, 0xFF, 0x04, 0xD8]);
    }

    #[test]
    fn runs_split_at_gaps() {
        let e = [(3, 0, 1), (4, 0, 2), (9, 0, 3)];
        let r = runs(&e);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].len(), 2);
        assert_eq!(r[1], &[(9, 0, 3)]);
    }
}
