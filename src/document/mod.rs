//! Output documents (the result of a public service, or a refusal): signed, cut into
//! barcodes, laid out as a printable PDF.
//!
//! An [`OutputDocument`] is made from a FIELDS.json ([`Fields`]) and the regulation's
//! [`Profile`] (provider, information system, signing subdivision, region). Its JSON
//! ([`OutputDocument::to_content`]) is what is signed (CMS, attached); the signed document
//! goes into the barcodes ([`crate::barcode`]); [`issue`] does the three steps and renders
//! the PDF: the fields, the statement that under article 7 point 1 of the Law of 7 January
//! 2003 No. 370-II the document is equivalent to a paper one (in Kazakh and Russian,
//! [`legal_statement`]), the barcode note naming the information system and the signing
//! subdivision ([`barcode_note`]), and the codes in order. Reading the codes back
//! ([`crate::barcode::scan_image`], [`crate::barcode::Assembler`]) and verifying the
//! signature gives the content back: [`OutputDocument::from_content`]. [`issue_xml`] does
//! the same with the document as signed XML ([`OutputDocument::to_xml`]), the form eGov
//! carries in its codes.
//!
//! The PDF embeds a subset of a TrueType font that covers Kazakh Cyrillic ([`Font`];
//! DejaVu Sans from Debian's `fonts-dejavu-core` by default, read at run time).

mod codes;
mod font;
mod pdf;
mod template;
mod xml;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use codes::{verify_codes, CodesDocument, CodesVerdict};
pub use font::{Font, DEFAULT_FONT_PATH, KAZAKH_LETTERS};
pub use xml::XML_NAMESPACE;

use crate::barcode::{self, BarcodeSet, EcLevel, EncodeOptions};
use crate::cms::{SignRequest, Signer};
use crate::error::{Error, Result};
use crate::profiles::Profile;

/// The content format version [`OutputDocument::to_content`] writes.
pub const CONTENT_SCHEMA: u32 = 1;

/// Bounds on FIELDS.json.
pub mod limits {
    /// Largest FIELDS.json, in bytes.
    pub const MAX_FIELDS_JSON_LEN: usize = 1024 * 1024;
    /// Most fields.
    pub const MAX_FIELDS: usize = 200;
    /// Longest label, in characters: a line of a decree's form is a label, and the longest
    /// (a permit's paragraph in Kokpekti's decree) runs to some 2,100 characters.
    pub const MAX_LABEL_CHARS: usize = 4_000;
    /// Longest value (and title, refusal reason), in characters.
    pub const MAX_VALUE_CHARS: usize = 10_000;
}

/// One labelled value of the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The label ("Тегі, аты, әкесінің аты / Фамилия, имя, отчество").
    pub label: String,
    /// The value.
    pub value: String,
}

/// FIELDS.json: what the provider's system says the document holds.
///
/// ```json
/// {
///   "favor_id": "001234567890",
///   "title_kk": "Мұрағаттық анықтама", "title_ru": "Архивная справка",
///   "fields": [ { "label": "Өтініш беруші / Заявитель", "value": "Құлжанова Әлия" } ],
///   "refusal": false,
///   "refusal_reason": null
/// }
/// ```
///
/// Every key but `fields` may be left out: the titles default to the profile's service
/// name, `favor_id` may be given on the command line. Unknown keys are refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    /// The request number (FavorID).
    #[serde(default)]
    pub favor_id: Option<String>,
    /// Title in Kazakh.
    #[serde(default)]
    pub title_kk: Option<String>,
    /// Title in Russian.
    #[serde(default)]
    pub title_ru: Option<String>,
    /// The labelled values, in order.
    pub fields: Vec<Field>,
    /// Is this a refusal?
    #[serde(default)]
    pub refusal: bool,
    /// Why the service is refused.
    #[serde(default)]
    pub refusal_reason: Option<String>,
}

fn check_len(what: &'static str, s: &str, limit: usize) -> Result<()> {
    let n = s.chars().count();
    if n > limit {
        return Err(Error::TooLarge {
            what,
            len: n,
            limit,
        });
    }
    Ok(())
}

impl Fields {
    /// Read FIELDS.json (bounded; unknown keys refused).
    pub fn from_json(bytes: &[u8]) -> Result<Fields> {
        if bytes.len() > limits::MAX_FIELDS_JSON_LEN {
            return Err(Error::TooLarge {
                what: "FIELDS.json",
                len: bytes.len(),
                limit: limits::MAX_FIELDS_JSON_LEN,
            });
        }
        let f: Fields = serde_json::from_slice(bytes).map_err(|e| Error::UnrecognisedFormat {
            what: "FIELDS.json",
            reason: e.to_string(),
        })?;
        f.check()?;
        Ok(f)
    }

    fn check(&self) -> Result<()> {
        if self.fields.len() > limits::MAX_FIELDS {
            return Err(Error::TooMany {
                what: "fields in FIELDS.json",
                limit: limits::MAX_FIELDS,
            });
        }
        for f in &self.fields {
            check_len("field label", &f.label, limits::MAX_LABEL_CHARS)?;
            check_len("field value", &f.value, limits::MAX_VALUE_CHARS)?;
        }
        for t in [&self.title_kk, &self.title_ru, &self.refusal_reason]
            .into_iter()
            .flatten()
        {
            check_len("title or refusal reason", t, limits::MAX_VALUE_CHARS)?;
        }
        Ok(())
    }
}

/// Result or refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The result of the service.
    Result,
    /// A reasoned refusal.
    Refusal,
}

/// The output document: what is signed, put into the barcodes and printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputDocument {
    /// [`CONTENT_SCHEMA`].
    pub schema: u32,
    /// Result or refusal.
    pub kind: DocumentKind,
    /// The regulation's profile id.
    pub profile_id: String,
    /// The request number.
    pub favor_id: String,
    /// When the document was issued (also the signingTime and the barcodes'
    /// creationDate).
    pub issued_at: DateTime<FixedOffset>,
    /// Title in Kazakh.
    pub title_kk: String,
    /// Title in Russian.
    pub title_ru: String,
    /// The service provider.
    pub provider: String,
    /// The region.
    pub region: String,
    /// The information system the barcode note names.
    pub information_system: String,
    /// Whose authorised person signs.
    pub signing_subdivision: String,
    /// The labelled values, in order.
    pub fields: Vec<Field>,
    /// Why the service is refused (refusals).
    pub refusal_reason: Option<String>,
}

impl OutputDocument {
    /// Make the document from FIELDS.json and the profile. `favor_id` overrides the one of
    /// the fields; one of them must be given. A refusal is a refusal by `fields.refusal`
    /// or `refusal`, and must state its reason (`refusal_reason`, the regulations' reasoned
    /// refusal); a reason on a document that is not a refusal is refused as contradictory.
    pub fn new(
        fields: Fields,
        profile: &Profile,
        favor_id: Option<&str>,
        refusal: bool,
        issued_at: DateTime<FixedOffset>,
    ) -> Result<OutputDocument> {
        fields.check()?;
        let favor_id = favor_id
            .map(str::to_string)
            .or(fields.favor_id.clone())
            .filter(|f| !f.trim().is_empty())
            .ok_or_else(|| Error::UnrecognisedFormat {
                what: "output document",
                reason: "no FavorID (request number): give favor_id in FIELDS.json or --favor-id"
                    .into(),
            })?;
        if favor_id.len() > barcode::limits::MAX_FAVOR_ID_LEN
            || favor_id.chars().any(char::is_control)
        {
            return Err(Error::UnrecognisedFormat {
                what: "FavorID",
                reason: format!(
                    "at most {} bytes, no control characters",
                    barcode::limits::MAX_FAVOR_ID_LEN
                ),
            });
        }
        let refusal = refusal || fields.refusal;
        let reason_given = fields
            .refusal_reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty());
        if refusal && !reason_given {
            return Err(Error::UnrecognisedFormat {
                what: "output document",
                reason: "a refusal states its reason: give refusal_reason in FIELDS.json".into(),
            });
        }
        if !refusal && fields.refusal_reason.is_some() {
            return Err(Error::UnrecognisedFormat {
                what: "output document",
                reason: "refusal_reason is given but the document is not a refusal (set \"refusal\": true, or --refusal)".into(),
            });
        }
        Ok(OutputDocument {
            schema: CONTENT_SCHEMA,
            kind: if refusal {
                DocumentKind::Refusal
            } else {
                DocumentKind::Result
            },
            profile_id: profile.id.clone(),
            favor_id,
            issued_at,
            title_kk: fields.title_kk.unwrap_or_else(|| profile.title_kk.clone()),
            title_ru: fields.title_ru.unwrap_or_else(|| profile.title_ru.clone()),
            provider: profile.provider.clone(),
            region: profile.region.clone(),
            information_system: profile.information_system.clone(),
            signing_subdivision: profile.signing_subdivision.clone(),
            fields: fields.fields,
            refusal_reason: fields.refusal_reason,
        })
    }

    /// The bytes that are signed: this document as JSON.
    pub fn to_content(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Read the content back (after the signature is verified).
    pub fn from_content(bytes: &[u8]) -> Result<OutputDocument> {
        if bytes.len() > barcode::limits::MAX_DOCUMENT_LEN {
            return Err(Error::TooLarge {
                what: "output document content",
                len: bytes.len(),
                limit: barcode::limits::MAX_DOCUMENT_LEN,
            });
        }
        let d: OutputDocument =
            serde_json::from_slice(bytes).map_err(|e| Error::UnrecognisedFormat {
                what: "output document content",
                reason: e.to_string(),
            })?;
        if d.schema != CONTENT_SCHEMA {
            return Err(Error::Unsupported(format!(
                "output document content schema {} (this library reads {CONTENT_SCHEMA})",
                d.schema
            )));
        }
        Ok(d)
    }
}

/// The statement of article 7 point 1 of the Law of 7 January 2003 No. 370-II "On the
/// electronic document and electronic digital signature": (Kazakh, Russian).
pub fn legal_statement() -> (&'static str, &'static str) {
    (
        "Осы құжат «Электрондық құжат және электрондық цифрлық қолтаңба туралы» Қазақстан Республикасының 2003 жылғы 7 қаңтардағы № 370-II Заңы 7-бабының 1-тармағына сәйкес қағаз тасығыштағы құжатпен бірдей.",
        "Данный документ согласно пункту 1 статьи 7 Закона Республики Казахстан от 7 января 2003 года № 370-II «Об электронном документе и электронной цифровой подписи» равнозначен документу на бумажном носителе.",
    )
}

/// The barcode note: (Kazakh, Russian).
pub fn barcode_note(
    information_system: &str,
    provider: &str,
    signing_subdivision: &str,
    region: &str,
) -> (String, String) {
    (
        format!(
            "*Штрих-кодта «{information_system}» ақпараттық жүйесі ұсынған және {provider} ({region}) ЭЦҚ-мен қол қойылған деректер бар; қол қойған: {signing_subdivision}."
        ),
        format!(
            "*Штрих-код содержит данные, предоставленные информационной системой «{information_system}» и подписанные ЭЦП {provider} ({region}); подписал: {signing_subdivision}."
        ),
    )
}

/// A document issued: the signed bytes, its barcodes and the PDF.
#[derive(Clone, Debug)]
pub struct Issued {
    /// What the codes carry: the CMS SignedData (DER, attached) over
    /// [`OutputDocument::to_content`] ([`issue`]), or [`OutputDocument::to_xml`] with its
    /// enveloped XML signature ([`issue_xml`]).
    pub signed: Vec<u8>,
    /// Its barcode set.
    pub set: BarcodeSet,
    /// The printable PDF.
    pub pdf: Vec<u8>,
}

/// Sign the document (CMS, attached; the request's signing time is used as given),
/// encode the signed bytes into barcodes (creationDate = `doc.issued_at`, chunk size 650)
/// and render the PDF. The signer is the provider's authorised person: a certificate that
/// is not a legal entity's (the NCA role 1.2.398.3.3.4.1.2 and a BIN) is refused, as
/// [`verify_codes`] would refuse the codes.
pub fn issue(
    doc: &OutputDocument,
    request: &SignRequest<'_>,
    signer: &dyn Signer,
    ec_level: EcLevel,
    font: &Font,
) -> Result<Issued> {
    refuse_unfit_signer(request)?;
    let signed = crate::cms::sign(&doc.to_content(), &request.detached(false), signer)?;
    into_codes_and_pdf(doc, signed, ec_level, font, request, signer)
}

/// An output document signed by a certificate that is not a legal entity's (a private
/// person's) is one [`verify_codes`] never calls valid: refused before anything is signed
/// (review 53).
fn refuse_unfit_signer(request: &SignRequest<'_>) -> Result<()> {
    let certificate = request.certificate;
    codes::provider_signer(&certificate.nca_roles(), certificate.facts())
        .map(|_| ())
        .map_err(crate::Error::Unsupported)
}

/// The signed document into its barcodes (creationDate = `doc.issued_at`) and the PDF,
/// itself signed with the same key (PAdES B-B, [`crate::pades`]; `/M` is the request's
/// signing time).
fn into_codes_and_pdf(
    doc: &OutputDocument,
    signed: Vec<u8>,
    ec_level: EcLevel,
    font: &Font,
    request: &SignRequest<'_>,
    signer: &dyn Signer,
) -> Result<Issued> {
    let mut options = EncodeOptions::new(doc.favor_id.clone(), doc.issued_at);
    options.ec_level = ec_level;
    let set = barcode::encode(&signed, &options)?;
    let slot = pdf::SignatureSlot {
        time: request.signing_time,
        name: request.certificate.subject().to_string(),
    };
    let prepared = pdf::render(doc, &set.symbols()?, font, Some(&slot))?;
    let pdf = crate::pades::sign_prepared(prepared, request, signer)?;
    Ok(Issued { signed, set, pdf })
}

/// [`issue`] in the form eGov carries in its codes: the document as XML
/// ([`OutputDocument::to_xml`]) signed as Kalkan signs XML (an enveloped signature, RSA or
/// the NCA's GOST keys: [`crate::xmldsig::sign`]; the request's chain in `ds:KeyInfo`
/// after the signer's certificate; its signing time is not used: plain XMLDSig carries
/// none), encoded into barcodes (creationDate = `doc.issued_at`) and laid out in the PDF.
/// [`verify_codes`] verifies such codes and hands the document back.
pub fn issue_xml(
    doc: &OutputDocument,
    request: &SignRequest<'_>,
    signer: &dyn Signer,
    ec_level: EcLevel,
    font: &Font,
) -> Result<Issued> {
    refuse_unfit_signer(request)?;
    let options = crate::xmldsig::XmlSignOptions::new().chain(request.chain);
    let signed = crate::xmldsig::sign_with(&doc.to_xml()?, request.certificate, signer, &options)?;
    into_codes_and_pdf(doc, signed, ec_level, font, request, signer)
}

/// Render the PDF of a document whose barcodes are made.
pub fn render_pdf(doc: &OutputDocument, set: &BarcodeSet, font: &Font) -> Result<Vec<u8>> {
    pdf::render(doc, &set.symbols()?, font, None)
}

/// [`render_pdf`] with the codes already made ([`BarcodeSet::symbols`]).
pub fn render_pdf_with_symbols(
    doc: &OutputDocument,
    symbols: &[crate::barcode::QrSymbol],
    font: &Font,
) -> Result<Vec<u8>> {
    pdf::render(doc, symbols, font, None)
}
