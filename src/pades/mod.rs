//! PDF signatures: PAdES baseline B-B (ETSI EN 319 142-1), verified and made.
//!
//! A PDF signature is a CMS SignedData, detached, over the bytes of the file named by the
//! signature dictionary's `/ByteRange`: the whole file but the hex string that holds the
//! signature itself (`/Contents <...>`).
//!
//! Which signatures a PDF has is what a reader shows: the values (`/V`) of the signature
//! fields reached from the last revision's catalog (`/Root` → `/AcroForm` → `/Fields`, their
//! `/Kids`; bounded in depth and count), read by a small bounded object reader (classic
//! tables, cross-reference streams, object streams). [`verify`] judges each: its
//! dictionary must be written in the file (one in an object stream cannot frame its own
//! `/Contents`: invalid), its `/ByteRange` written plainly in it (else not read:
//! indeterminate); the two ranges must start at the file's first byte, the gap between
//! them must be exactly that dictionary's `/Contents` hex string (and nothing else: hex
//! digits, zero padding after the DER), and what the bytes say must be what the object
//! reader reads; the CMS over the two ranges is judged with the full certificate
//! condition. The file is valid when every signature is, and one of them covers the file
//! to its last byte: bytes appended after the last signature (an incremental update) are
//! what no signature vouches for, so such a file is not valid. A signature over an earlier
//! revision vouches for that revision only; the `content` check names it and says that
//! what was added after it rests on the later signatures (whose signers the caller must
//! accept for the final content, as [`PdfSignature`] gives each).
//!
//! A `/ByteRange` found in the bytes that no signature field reaches (an object no field
//! names, bytes after the last `%%EOF`) is no signature a reader shows: it is listed and
//! judged, at best indeterminate, and never counts as covering the file. A PDF whose form
//! cannot be read within the reader's bounds is judged by its `/ByteRange`s alone, and is
//! at best indeterminate.
//!
//! Locks (ISO 32000-1 §12.8.2, ISO 32000-2 §12.8.2.4): what a signature declares in its
//! `/Reference` (DocMDP and FieldMDP entries, resolved) and its field's `/Lock`. A
//! permission of 1 (`/DocMDP /P 1`, or a FieldMDP entry or `/Lock` carrying PDF 2.0's
//! `/P 1`) forbids any change: a revision after the signature makes it invalid. A /P 2 or
//! /P 3 certification, or a FieldMDP or `/Lock` field lock, forbids some changes only; the
//! library does not compare revisions, so such a signature followed by a revision is
//! indeterminate (never valid); with no revision after it, it is judged as any other.
//! (The library's own signer certifies nothing: its signatures declare no lock.)
//!
//! Signing ([`crate::document`] with feature `pdf`) lays the output document's PDF out
//! with a signature field, an invisible widget on the first page and a signature
//! dictionary (`/SubFilter /ETSI.CAdES.detached`) whose `/ByteRange` and `/Contents` are
//! placeholders, then fills them (`sign_prepared`). The CMS carries contentType,
//! messageDigest and ESS signingCertificateV2 and, as PAdES B-B demands, no signingTime
//! (the claimed time is the dictionary's `/M`).
//!
//! Any other PDF is signed by [`sign`] (feature `pdf-sign`, part of `pdf`): an incremental update appended to
//! its bytes (a signature field and widget on the first page, the form and catalog as
//! needed, a cross-reference section of the original's kind: a table or a stream), whose
//! placeholders are filled the same way. The original is read by a small bounded reader
//! (classic tables, cross-reference streams, object streams, hybrid files); an encrypted
//! PDF is refused.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use qoltanba::cms::VerifyOptions;
//! use qoltanba::{Judged, Verifier};
//! let verifier = Verifier::builder()
//!     .trust_path("test-vectors/pki/root.cer")?
//!     .intermediate_path("test-vectors/pki/nca_rsa.cer")?
//!     .crl_path("test-vectors/pki/nca_rsa_current.crl")?
//!     .build();
//! let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")?.to_utc();
//! let pdf = std::fs::read("out.pdf")?;
//! let verdict = qoltanba::pades::verify(&pdf, &verifier, &VerifyOptions::at(at))?;
//! for s in verdict.signatures() {
//!     println!("#{}: {:?}, whole file: {}", s.index() + 1, s.overall(), s.covers_whole_file());
//! }
//! assert!(verdict.is_valid());
//! # Ok(())
//! # }
//! ```

use serde::Serialize;

use candidates::{byte_ranges, candidates, Source};
use dictionary::find;
use judge::judge;

mod candidates;
mod dictionary;
mod form;
mod judge;
mod reader;
#[cfg(feature = "pdf-sign")]
mod sign;
mod text;
#[cfg(feature = "pdf-sign")]
pub use sign::{sign, sign_with, PdfSignOptions, MAX_TEXT_LEN};

use crate::cms::{CmsVerdict, VerifyOptions, WorkReport};
use crate::condition::Verifier;
use crate::error::{Error, Result};
use crate::verdict::{overall, Check, CheckName, Outcome, Overall, ReasonKind, Refusal};
use crate::work::{WorkLimits, WorkMeter};

/// Bounds on what is read.
pub mod limits {
    /// Largest PDF read, in bytes.
    pub const MAX_PDF_LEN: usize = 64 * 1024 * 1024;
    /// Most signatures judged in one file (the form's, and `/ByteRange` entries found in
    /// the bytes).
    pub const MAX_SIGNATURES: usize = 16;
    /// Farthest a signature dictionary's `obj` keyword may stand before its `/ByteRange`,
    /// and its `endobj` after its `/Contents`, in bytes.
    pub const MAX_DICTIONARY_SPAN: usize = 64 * 1024;
    /// Room for the CMS in a PDF this library signs, in bytes (twice that in hex digits).
    pub const SIGNATURE_ROOM: usize = 24 * 1024;
}

/// The `/SubFilter` of a PAdES signature.
pub const PADES_SUBFILTER: &str = "ETSI.CAdES.detached";
/// The `/SubFilter` of a PDF 1.x CMS signature (judged the same way; not PAdES).
pub const PKCS7_SUBFILTER: &str = "adbe.pkcs7.detached";

#[cfg(feature = "pdf-sign")]
/// The `/ByteRange` a prepared PDF carries, each number ten digits wide so that the real
/// ones fit in its place ([`sign_prepared`]).
pub(crate) const BYTE_RANGE_PLACEHOLDER: [i32; 4] =
    [0, 1_111_111_111, 1_111_111_111, 1_111_111_111];
#[cfg(feature = "pdf")]
/// The byte a prepared `/Contents` is filled with (written as hex `FF`).
pub(crate) const CONTENTS_PLACEHOLDER_BYTE: u8 = 0xFF;

/// The verdict on one signature of a PDF.
#[derive(Clone, Debug, Serialize)]
#[must_use]
pub struct PdfSignature {
    /// Its position among the file's signatures (0-based, in file order; reports count
    /// from 1).
    pub(crate) index: usize,
    /// The `/ByteRange`: offset and length of the two ranges signed.
    pub(crate) byte_range: [u64; 4],
    /// Does it cover the file to its last byte?
    pub(crate) covers_whole_file: bool,
    /// The `/SubFilter`.
    pub(crate) sub_filter: String,
    /// The `/M` of the dictionary (the signer's claimed time, as written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) claimed_time: Option<String>,
    /// The dictionary's `/Reason`, `/Location` and `/ContactInfo`: the signer's claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) contact_info: Option<String>,
    /// The CMS verdict over the ranges (none when the CMS could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cms: Option<CmsVerdict>,
    /// Its own checks: the dictionary's shape, then the CMS's.
    pub(crate) checks: Vec<Check>,
    pub(crate) verdict: Overall,
}

impl PdfSignature {
    /// Its position among the file's signatures.
    pub fn index(&self) -> usize {
        self.index
    }
    /// The `/ByteRange`.
    pub fn byte_range(&self) -> [u64; 4] {
        self.byte_range
    }
    /// Does it cover the file to its last byte?
    pub fn covers_whole_file(&self) -> bool {
        self.covers_whole_file
    }
    /// The `/SubFilter`.
    pub fn sub_filter(&self) -> &str {
        &self.sub_filter
    }
    /// The `/M` of the dictionary, as written (a claim, not proven).
    pub fn claimed_time(&self) -> Option<&str> {
        self.claimed_time.as_deref()
    }
    /// The `/Reason` of the dictionary (a claim, covered by the signature).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
    /// The `/Location` of the dictionary (a claim, covered by the signature).
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }
    /// The `/ContactInfo` of the dictionary (a claim, covered by the signature).
    pub fn contact_info(&self) -> Option<&str> {
        self.contact_info.as_deref()
    }
    /// The CMS verdict over the ranges.
    pub fn cms(&self) -> Option<&CmsVerdict> {
        self.cms.as_ref()
    }
    /// Its checks.
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }
    /// Its result.
    pub fn overall(&self) -> Overall {
        self.verdict
    }
}

/// The verdict on a signed PDF: each signature judged; valid when every one is and one
/// covers the whole file. Made by [`verify`] only.
#[derive(Clone, Debug, Serialize)]
#[must_use]
pub struct PdfVerdict {
    pub(crate) verdict: Overall,
    /// `content` (a signature covers the whole file) and `signers` (every signature
    /// holds); with one signature, its own checks after them.
    pub(crate) checks: Vec<Check>,
    pub(crate) refusal: Option<Refusal>,
    /// Each signature.
    pub(crate) signatures: Vec<PdfSignature>,
    /// The file's length.
    pub(crate) file_len: u64,
    /// The work the file's signatures did in all, against one document's budget
    /// ([`Limits`](crate::Limits)`::document_*`): they share it, since a file carries up
    /// to [`limits::MAX_SIGNATURES`] CMSs and a budget each would multiply what the
    /// caller allows one document. Each signature's CMS verdict reports its own share.
    pub(crate) work: WorkReport,
}

crate::verdict::judged!(PdfVerdict);

impl crate::verdict::CertificateVerdicts for PdfVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a crate::Verdict>) {
        for signature in &self.signatures {
            signature.cms.certificate_verdicts(out);
        }
    }
}

impl PdfVerdict {
    /// Each signature, in file order.
    pub fn signatures(&self) -> &[PdfSignature] {
        &self.signatures
    }
    /// The file's length in bytes.
    pub fn file_len(&self) -> u64 {
        self.file_len
    }
    /// The work the file's signatures did in all, against the one document budget they
    /// share (each signature's [`CmsVerdict::work`] is its own share), and whether it ran
    /// out.
    pub fn work(&self) -> &WorkReport {
        &self.work
    }
}

/// Is this a PDF (`%PDF-` within its first 1,024 bytes, as readers accept)?
pub fn is_pdf(input: &[u8]) -> bool {
    find(
        input.get(..input.len().min(1024)).unwrap_or(input),
        b"%PDF-",
        0,
    )
    .is_some()
}

/// Verify every signature of `pdf` with the certificate condition of `options` (its
/// signer and time policies apply to each signature's CMS). Not a PDF, or larger than
/// [`limits::MAX_PDF_LEN`]: an error; everything else is a verdict.
pub fn verify(pdf: &[u8], verifier: &Verifier, options: &VerifyOptions) -> Result<PdfVerdict> {
    if pdf.len() > limits::MAX_PDF_LEN {
        return Err(Error::TooLarge {
            what: "PDF",
            len: pdf.len(),
            limit: limits::MAX_PDF_LEN,
        });
    }
    if !is_pdf(pdf) {
        return Err(Error::UnrecognisedFormat {
            what: "PDF",
            reason: "no %PDF- header".into(),
        });
    }
    let positions = byte_ranges(pdf);
    let file_len = pdf.len() as u64;
    let mut checks = Vec::new();
    // The signatures a reader shows (the form's), then every /ByteRange no field reaches.
    let (mut candidates, unread) = candidates(pdf, &positions);
    if let Some(reason) = unread {
        checks.push(Check::new(
            CheckName::Signers,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            format!(
                "the PDF's form cannot be read ({reason}): its signatures cannot be told as a PDF reader tells them, so the signatures below were found by their /ByteRange alone"
            ),
        ));
    }
    candidates.sort_by_key(|c| c.order);
    if candidates.is_empty() {
        checks.push(Check::new(
            CheckName::Signature,
            Outcome::Failed,
            ReasonKind::Missing,
            "the PDF carries no signature (no signature field with a value, no /ByteRange)",
        ));
    } else if candidates.len() > limits::MAX_SIGNATURES || positions.len() > limits::MAX_SIGNATURES
    {
        checks.push(Check::new(
            CheckName::Signers,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            format!(
                "more than {} signatures: not judged",
                limits::MAX_SIGNATURES
            ),
        ));
    }
    // One budget for the file: every signature's CMS is charged to it.
    let meter = WorkMeter::new(WorkLimits::of(&verifier.options().limits, false));
    let judged = !candidates.is_empty()
        && candidates.len() <= limits::MAX_SIGNATURES
        && positions.len() <= limits::MAX_SIGNATURES;
    let signatures: Vec<PdfSignature> = if judged {
        candidates
            .iter()
            .enumerate()
            .map(|(i, c)| judge(pdf, i, c, verifier, options, &meter))
            .collect()
    } else {
        Vec::new()
    };
    if !signatures.is_empty() {
        let orphans = candidates
            .iter()
            .filter(|c| matches!(c.source, Source::Orphan))
            .count();
        let whole: Vec<&PdfSignature> = signatures.iter().filter(|s| s.covers_whole_file).collect();
        checks.push(match whole.as_slice() {
            [] => {
                let last = signatures
                    .iter()
                    .zip(&candidates)
                    .filter(|(_, c)| c.counted())
                    .map(|(s, _)| s.byte_range[2].saturating_add(s.byte_range[3]))
                    .max()
                    .unwrap_or(0);
                let unseen = if orphans > 0 {
                    format!(
                        " ({orphans} signature dictionar{} that no signature field names, no signature a PDF reader shows, vouch{} for nothing)",
                        if orphans == 1 { "y" } else { "ies" },
                        if orphans == 1 { "es" } else { "" }
                    )
                } else {
                    String::new()
                };
                // A signature of the form whose bytes could not be read may be the one
                // that covers the file: not proven either way.
                let unread = candidates
                    .iter()
                    .filter(|c| {
                        matches!(c.source, Source::FormUnjudged { outcome: Outcome::Unknown, .. })
                    })
                    .count();
                if unread > 0 {
                    Check::new(
                        CheckName::Content,
                        Outcome::Unknown,
                        ReasonKind::Unsupported,
                        format!(
                            "no signature read covers the whole file, and {unread} signature(s) of the form could not be read: what covers bytes {last} to {file_len} is not known{unseen}"
                        ),
                    )
                } else {
                    Check::new(
                        CheckName::Content,
                        Outcome::Failed,
                        ReasonKind::NotPermitted,
                        format!(
                            "no signature covers the whole file: bytes {last} to {file_len} were added after the last signature and no signature vouches for them{unseen}"
                        ),
                    )
                }
            }
            _ => {
                let last = whole.first().map_or(1, |s| s.index + 1);
                // A signature over an earlier revision vouches for that revision only: say
                // who vouches for what was added after it (an incremental update can
                // change what a page shows).
                let earlier: Vec<String> = signatures
                    .iter()
                    .zip(&candidates)
                    .filter(|(s, c)| !s.covers_whole_file && c.counted())
                    .map(|(s, _)| {
                        format!(
                            "; #{} covers an earlier revision (its first {} bytes): what was added after it is vouched for by the later signature(s) alone",
                            s.index + 1,
                            s.byte_range[2].saturating_add(s.byte_range[3])
                        )
                    })
                    .collect();
                Check::passed(
                    CheckName::Content,
                    format!(
                        "signature #{last} covers the whole file ({file_len} bytes) but its own /Contents{}",
                        earlier.concat()
                    ),
                )
            }
        });
        let bad: Vec<String> = signatures
            .iter()
            .filter(|s| s.verdict != Overall::Valid)
            .map(|s| format!("#{} {}", s.index + 1, s.verdict.as_str()))
            .collect();
        checks.push(if bad.is_empty() {
            Check::passed(
                CheckName::Signers,
                format!("{} signature(s), every one valid", signatures.len()),
            )
        } else {
            // Overall is ordered from best to worst.
            let worst = signatures
                .iter()
                .map(|s| s.verdict)
                .max()
                .unwrap_or(Overall::Invalid);
            Check::new(
                CheckName::Signers,
                if worst == Overall::Invalid {
                    Outcome::Failed
                } else {
                    Outcome::Unknown
                },
                ReasonKind::combined(if worst == Overall::Invalid {
                    Outcome::Failed
                } else {
                    Outcome::Unknown
                }),
                format!("not every signature holds: {}", bad.join(", ")),
            )
        });
        // One signature: its dictionary's and its signer's checks (the CMS's own
        // `content` and `signers` say again what the two above say).
        if let [one] = signatures.as_slice() {
            let container = |c: &Check| one.cms.as_ref().is_some_and(|cms| cms.checks.contains(c));
            checks.extend(one.checks.iter().filter(|c| !container(c)).cloned());
        }
    }
    let verdict = overall(&checks);
    let refusal = Refusal::from_checks(&checks);
    Ok(PdfVerdict {
        verdict,
        checks,
        refusal: refusal.filter(|_| verdict != Overall::Valid),
        signatures,
        file_len,
        work: WorkReport::of(&meter),
    })
}

#[cfg(feature = "pdf")]
/// Fill a prepared PDF's signature: the `/ByteRange` placeholder with the real ranges,
/// and the `/Contents` placeholder with the CMS (detached, no signingTime: PAdES B-B)
/// over them, made with `request`'s certificate and chain and `signer`.
pub(crate) fn sign_prepared(
    pdf: Vec<u8>,
    request: &crate::cms::SignRequest<'_>,
    signer: &dyn crate::cms::Signer,
) -> Result<Vec<u8>> {
    fill(pdf, 0, request, signer, &mut Ok)
}

#[cfg(feature = "pdf-sign")]
/// [`sign_prepared`] for the placeholders at or after byte `from` (an incremental update:
/// the original before it may hold anything, even text that looks like a placeholder),
/// the CMS passed through `complete` (a time-stamp token added) before it is embedded.
pub(crate) fn fill(
    mut pdf: Vec<u8>,
    from: usize,
    request: &crate::cms::SignRequest<'_>,
    signer: &dyn crate::cms::Signer,
    complete: &mut dyn FnMut(Vec<u8>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let unsupported = |r: &str| Error::Unsupported(format!("PDF signing: {r}"));
    let placeholder = format!(
        "/ByteRange [{} {} {} {}]",
        BYTE_RANGE_PLACEHOLDER[0],
        BYTE_RANGE_PLACEHOLDER[1],
        BYTE_RANGE_PLACEHOLDER[2],
        BYTE_RANGE_PLACEHOLDER[3]
    );
    let range_at = find(&pdf, placeholder.as_bytes(), from)
        .ok_or_else(|| unsupported("no /ByteRange placeholder"))?;
    let mut hex_placeholder = Vec::with_capacity(2 * limits::SIGNATURE_ROOM + 2);
    hex_placeholder.push(b'<');
    hex_placeholder.extend(std::iter::repeat_n(b'F', 2 * limits::SIGNATURE_ROOM));
    hex_placeholder.push(b'>');
    let b = find(&pdf, &hex_placeholder, from)
        .ok_or_else(|| unsupported("no /Contents placeholder"))?;
    if find(&pdf, &hex_placeholder, b + 1).is_some()
        || find(&pdf, placeholder.as_bytes(), range_at + 1).is_some()
    {
        return Err(unsupported("more than one placeholder"));
    }
    let c = b + hex_placeholder.len();
    let d = pdf.len() - c;
    let numbers = format!("/ByteRange [0 {b} {c} {d}");
    if numbers.len() >= placeholder.len() {
        return Err(unsupported("the file is too large for the /ByteRange room"));
    }
    let mut patched = numbers.into_bytes();
    patched.resize(placeholder.len() - 1, b' ');
    patched.push(b']');
    pdf.splice(range_at..range_at + patched.len(), patched);

    let mut data = Vec::with_capacity(pdf.len());
    data.extend_from_slice(pdf.get(..b).unwrap_or_default());
    data.extend_from_slice(pdf.get(c..).unwrap_or_default());
    let cms = complete(crate::cms::sign_without_signing_time(
        &data, request, signer,
    )?)?;
    if cms.len() > limits::SIGNATURE_ROOM {
        return Err(unsupported(&format!(
            "the CMS takes {} bytes, more than the {} reserved",
            cms.len(),
            limits::SIGNATURE_ROOM
        )));
    }
    let mut hex = Vec::with_capacity(2 * limits::SIGNATURE_ROOM);
    for byte in &cms {
        hex.extend_from_slice(format!("{byte:02X}").as_bytes());
    }
    hex.resize(2 * limits::SIGNATURE_ROOM, b'0');
    pdf.splice(b + 1..c - 1, hex);
    Ok(pdf)
}

#[cfg(test)]
mod tests;
