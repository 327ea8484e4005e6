//! A set of output-document codes verified as one: the signature of the document they
//! carry, and their labels against it.
//!
//! Each BarcodeElement carries the set's FavorID (the request number) and creationDate, but
//! neither is signed: the signature covers only the archive's document. A set relabelled
//! with another request's number still reassembles and its signature still verifies, so
//! whoever files or shows codes by their labels relies on something nobody proved. For an
//! output document of this library the labels are written from the signed document itself
//! ([`super::issue`]): here they are compared with it, and a relabelled set is **invalid**
//! ([`CheckName::Labels`]), decided by the library, not by whoever calls it.

use chrono::DateTime;
use serde::Serialize;

use super::OutputDocument;
use crate::barcode::{self, Reassembled};
use crate::cms::{CmsVerdict, VerifiedContent, VerifyOptions};
use crate::condition::Verifier;
use crate::error::Result;
use crate::verdict::{Check, CheckName, Judged, Outcome, Overall, ReasonKind, Refusal, Verified};
use crate::xmldsig::{SignedPart, XmlOptions, XmlVerdict};

/// What a set of codes carries, verified: a CMS SignedData or a signed XML document.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "format", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodesDocument {
    /// A CMS SignedData (this library's [`super::issue`]).
    Cms(CmsVerdict),
    /// A signed XML document (eGov's output documents, this library's
    /// [`super::issue_xml`]).
    Xml(XmlVerdict),
}

impl CodesDocument {
    /// The signature's overall verdict (the labels aside).
    pub fn overall(&self) -> Overall {
        match self {
            CodesDocument::Cms(v) => v.overall(),
            CodesDocument::Xml(v) => v.overall(),
        }
    }
    /// The signature's checks.
    pub fn checks(&self) -> &[Check] {
        match self {
            CodesDocument::Cms(v) => v.checks(),
            CodesDocument::Xml(v) => v.checks(),
        }
    }
    /// The signature's refusal, when it is not valid.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            CodesDocument::Cms(v) => v.refusal(),
            CodesDocument::Xml(v) => v.refusal(),
        }
    }
    /// Is the signature valid (the labels aside)?
    pub fn is_valid(&self) -> bool {
        self.overall() == Overall::Valid
    }
}

/// The verdict on a set of codes carrying a signed output document (CMS or XML). Made by
/// [`verify_codes`] only.
#[derive(Clone, Debug, Serialize)]
#[must_use]
pub struct CodesVerdict {
    verdict: Overall,
    /// The signature's checks, then `labels` when it was run.
    checks: Vec<Check>,
    refusal: Option<Refusal>,
    /// The codes' FavorID and creationDate, as read (not signed).
    favor_id: String,
    creation_date: String,
    /// Whether the `labels` check proved them the signed document's own: without it (codes
    /// that carry other signed data than this library's output documents) they are the
    /// codes' say-so, and the JSON says so beside them.
    labels_proven: bool,
    /// The signature of what the codes carry.
    document: CodesDocument,
    #[serde(skip)]
    output: Option<Verified<OutputDocument>>,
}

impl CodesVerdict {
    /// The verdict on the signed document the codes carry.
    pub fn document(&self) -> &CodesDocument {
        &self.document
    }

    /// The output document, only when the signature is valid and the codes' labels are
    /// the document's own.
    pub fn output_document(&self) -> Option<&Verified<OutputDocument>> {
        self.output.as_ref()
    }

    /// The signed content of a CMS document, only when the whole verdict is valid (for
    /// codes that carry other signed data than an output document: no labels to compare,
    /// the labels are then the codes' say-so, see [`CodesVerdict::favor_id`]).
    pub fn verified_content(&self) -> Option<&VerifiedContent> {
        match &self.document {
            CodesDocument::Cms(v) if self.verdict == Overall::Valid => v.verified_content(),
            _ => None,
        }
    }

    /// What the signatures of an XML document cover, only when the whole verdict is valid
    /// (see [`XmlVerdict::signed_parts`]; the whole document less its signatures is
    /// [`XmlVerdict::verified_octets`] of [`CodesVerdict::document`]).
    pub fn verified_xml(&self) -> Option<&Verified<Vec<SignedPart>>> {
        match &self.document {
            CodesDocument::Xml(v) if self.verdict == Overall::Valid => v.signed_parts(),
            _ => None,
        }
    }

    /// The FavorID the codes carry. Proven only when the `labels` check passed.
    pub fn favor_id(&self) -> &str {
        &self.favor_id
    }

    /// The creationDate the codes carry, as written. Proven only when the `labels` check
    /// passed.
    pub fn creation_date(&self) -> &str {
        &self.creation_date
    }

    /// Did the `labels` check prove [`CodesVerdict::favor_id`] and
    /// [`CodesVerdict::creation_date`] the signed document's own? (`labels_proven` in the
    /// JSON.) When not, they are only what the codes say.
    pub fn labels_proven(&self) -> bool {
        self.labels_proven
    }
}

crate::verdict::judged!(CodesVerdict);

impl crate::verdict::CertificateVerdicts for CodesVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a crate::Verdict>) {
        match &self.document {
            CodesDocument::Cms(v) => v.certificate_verdicts(out),
            CodesDocument::Xml(v) => v.certificate_verdicts(out),
        }
    }
}

/// Verify what a set of codes carries (a CMS SignedData: DER, BER, PEM or base64; or a
/// signed XML document, judged by [`crate::xmldsig::verify_with`] under the options'
/// signer and time policies) and, for an output document of this library (JSON in CMS,
/// [`OutputDocument::to_xml`] in XML), the codes' labels against it. An error when the
/// document is neither.
pub fn verify_codes(
    codes: &Reassembled,
    verifier: &Verifier,
    options: &VerifyOptions,
) -> Result<CodesVerdict> {
    let (document, signed_output) = if crate::xmldsig::is_xml(&codes.document) {
        let xml_options = XmlOptions::new()
            .signers(options.signers)
            .time(options.time);
        let v = crate::xmldsig::verify_with(
            &codes.document,
            verifier,
            &options.expectation,
            &xml_options,
        )?;
        let output = v
            .verified_octets()
            .map(|octets| OutputDocument::from_xml(octets).ok());
        (CodesDocument::Xml(v), output)
    } else {
        let v = codes.signed_data()?.verify(verifier, options);
        let output = v
            .verified_content()
            .map(|c| OutputDocument::from_content(c.as_bytes()).ok());
        (CodesDocument::Cms(v), output)
    };
    // `signed_output`: None when nothing verified, Some(None) when what verified is not an
    // output document of this library (no labels to compare), Some(Some(doc)) when it is.
    let labels = match &signed_output {
        Some(doc) => doc.as_ref().map(|d| labels_of(codes, d)),
        None => Some(Check::new(
            CheckName::Labels,
            Outcome::Unknown,
            ReasonKind::NotChecked,
            "not compared: the signed document is not verified",
        )),
    };
    let mut checks: Vec<Check> = document.checks().to_vec();
    checks.extend(labels.iter().cloned());
    let labels_outcome = labels.as_ref().map_or(Outcome::Passed, Check::outcome);
    let overall = match (document.overall(), labels_outcome) {
        (o, Outcome::Passed) => o,
        (_, Outcome::Failed) => Overall::Invalid,
        (o, Outcome::Unknown) => o.max(Overall::Indeterminate),
    };
    let refusal = match (&labels, document.refusal()) {
        _ if overall == Overall::Valid => None,
        (Some(l), inner) if l.outcome() == Outcome::Failed => {
            // The signature's own refusal, then the labels.
            let mut named: Vec<Check> = inner
                .map(|r| {
                    let f = r.failed().iter().map(|n| (n, Outcome::Failed));
                    let u = r.unknown().iter().map(|n| (n, Outcome::Unknown));
                    f.chain(u)
                        .map(|(n, o)| {
                            // What the check found, when the document's own checks say.
                            let kind = document
                                .checks()
                                .iter()
                                .find(|c| c.name() == *n && c.outcome() == o)
                                .map_or(ReasonKind::combined(o), Check::kind);
                            Check::new(*n, o, kind, String::new())
                        })
                        .collect()
                })
                .unwrap_or_default();
            named.push(l.clone());
            Refusal::from_checks(&named)
        }
        (_, inner) => inner.cloned(),
    };
    let output = match (&labels, signed_output) {
        (Some(l), Some(Some(doc))) if l.outcome() == Outcome::Passed => Some(Verified::new(doc)),
        _ => None,
    };
    Ok(CodesVerdict {
        verdict: overall,
        checks,
        refusal,
        favor_id: codes.favor_id.clone(),
        creation_date: codes.creation_date.clone(),
        labels_proven: labels
            .as_ref()
            .is_some_and(|l| l.outcome() == Outcome::Passed),
        document,
        output,
    })
}

/// The `labels` check of codes whose signed content is `content`: passed when the codes'
/// FavorID and creationDate are the output document's own, failed (every disagreement
/// named) when not; `None` when the content is not an output document of this library
/// (other signed data carries no labels to compare with).
pub fn labels_check(codes: &Reassembled, content: &VerifiedContent) -> Option<Check> {
    let doc = OutputDocument::from_content(content.as_bytes()).ok()?;
    Some(labels_of(codes, &doc))
}

/// [`labels_check`] for codes that carry a signed XML document: `None` unless `verdict` is
/// valid and hands out an output document of this library ([`OutputDocument::to_xml`]).
pub fn labels_check_xml(codes: &Reassembled, verdict: &XmlVerdict) -> Option<Check> {
    let doc = OutputDocument::from_xml(verdict.verified_octets()?).ok()?;
    Some(labels_of(codes, &doc))
}

/// The codes' labels against the signed output document `doc`.
fn labels_of(codes: &Reassembled, doc: &OutputDocument) -> Check {
    let mut wrong = Vec::new();
    if codes.favor_id != doc.favor_id {
        wrong.push(format!(
            "the codes carry FavorID {:?}, the signed document {:?}",
            codes.favor_id, doc.favor_id
        ));
    }
    // This library writes the document's issue time into every code: each must carry it.
    let dates: Vec<&String> = if codes.creation_dates.is_empty() {
        vec![&codes.creation_date]
    } else {
        codes.creation_dates.iter().collect()
    };
    for (i, date) in dates.iter().enumerate() {
        let created = DateTime::parse_from_rfc3339(date.trim()).ok();
        if created != Some(doc.issued_at) {
            wrong.push(format!(
                "code {} carries creationDate {:?}, the signed document was issued at {}",
                i + 1,
                date,
                barcode::format_creation_date(doc.issued_at)
            ));
        }
    }
    if wrong.is_empty() {
        Check::passed(
            CheckName::Labels,
            format!(
                "FavorID {:?} and creationDate {:?} are the signed document's",
                codes.favor_id, codes.creation_date
            ),
        )
    } else {
        Check::new(
            CheckName::Labels,
            Outcome::Failed,
            ReasonKind::Mismatch,
            format!("relabelled codes: {}", wrong.join("; ")),
        )
    }
}
