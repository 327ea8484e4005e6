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
use crate::verdict::{Check, CheckName, Judged, Outcome, Overall, Refusal, Verified};

/// The verdict on a set of codes carrying a signed output document (CMS). Made by
/// [`verify_codes`] only.
#[derive(Clone, Debug, Serialize)]
#[must_use]
pub struct CodesVerdict {
    verdict: Overall,
    /// The CMS container checks, then `labels` when it was run.
    checks: Vec<Check>,
    refusal: Option<Refusal>,
    /// The codes' FavorID and creationDate, as read (not signed).
    favor_id: String,
    creation_date: String,
    /// The signature of what the codes carry.
    document: CmsVerdict,
    #[serde(skip)]
    output: Option<Verified<OutputDocument>>,
}

impl CodesVerdict {
    /// The verdict on the signed document the codes carry.
    pub fn document(&self) -> &CmsVerdict {
        &self.document
    }

    /// The output document, only when the signature is valid and the codes' labels are
    /// the document's own.
    pub fn output_document(&self) -> Option<&Verified<OutputDocument>> {
        self.output.as_ref()
    }

    /// The signed content, only when the whole verdict is valid (for codes that carry
    /// other signed data than an output document: no labels to compare, the labels are
    /// then the codes' say-so, see [`CodesVerdict::favor_id`]).
    pub fn verified_content(&self) -> Option<&VerifiedContent> {
        (self.verdict == Overall::Valid)
            .then(|| self.document.verified_content())
            .flatten()
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
}

crate::verdict::judged!(CodesVerdict);

/// Verify what a set of codes carries (a CMS SignedData: DER, BER, PEM or base64) and, for
/// an output document, the codes' labels against it. An error when the document is not a
/// SignedData (an XML document: [`crate::xmldsig::verify`] its [`Reassembled::document`]).
pub fn verify_codes(
    codes: &Reassembled,
    verifier: &Verifier,
    options: &VerifyOptions,
) -> Result<CodesVerdict> {
    let signed = codes.signed_data()?;
    let document = signed.verify(verifier, options);
    let labels = match document.verified_content() {
        Some(content) => labels_check(codes, content),
        None => Some(Check::new(
            CheckName::Labels,
            Outcome::Unknown,
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
                        .map(|(n, o)| Check::new(*n, o, String::new()))
                        .collect()
                })
                .unwrap_or_default();
            named.push(l.clone());
            Refusal::from_checks(&named)
        }
        (_, inner) => inner.cloned(),
    };
    let output = match (&labels, document.verified_content()) {
        (Some(l), Some(content)) if l.outcome() == Outcome::Passed => {
            OutputDocument::from_content(content.as_bytes())
                .ok()
                .map(Verified::new)
        }
        _ => None,
    };
    Ok(CodesVerdict {
        verdict: overall,
        checks,
        refusal,
        favor_id: codes.favor_id.clone(),
        creation_date: codes.creation_date.clone(),
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
    Some(if wrong.is_empty() {
        Check::new(
            CheckName::Labels,
            Outcome::Passed,
            format!(
                "FavorID {:?} and creationDate {:?} are the signed document's",
                codes.favor_id, codes.creation_date
            ),
        )
    } else {
        Check::new(
            CheckName::Labels,
            Outcome::Failed,
            format!("relabelled codes: {}", wrong.join("; ")),
        )
    })
}
