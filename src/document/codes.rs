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
//!
//! An output document is "signed with the EDS of the provider": a signature that holds
//! proves only that its certificate's holder signed, and any holder of an NCA signing
//! certificate can sign a document that names a provider. Its signers must be the
//! provider's: legal entities' certificates whose BIN is the provider's, which the caller
//! names (the certificate cannot say which organisation is the provider); without it the
//! codes are indeterminate ([`CheckName::SignerRole`], review 51).

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

/// Verify what a set of codes carries (a CMS SignedData, DER or BER; or a signed XML
/// document, judged by [`crate::xmldsig::verify_with`] under the options' signer and time
/// policies) and, for an output document of this library (JSON in CMS,
/// [`OutputDocument::to_xml`] in XML), the codes' labels against it and who signed it:
/// the provider's authorised person, a legal entity's certificate whose BIN is the one
/// the options' expectation names (without it, indeterminate: an official of another
/// organisation is not told from the provider's). An error when the document is neither.
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
    let extra: Vec<Check> = match &signed_output {
        Some(Some(doc)) => vec![
            labels_of(codes, doc),
            provider_check(&document, options.expectation.bin.as_ref()),
        ],
        Some(None) => Vec::new(),
        None => vec![Check::new(
            CheckName::Labels,
            Outcome::Unknown,
            ReasonKind::NotChecked,
            "not compared: the signed document is not verified",
        )],
    };
    let labels = extra.iter().find(|c| c.name() == CheckName::Labels);
    let mut checks: Vec<Check> = document.checks().to_vec();
    checks.extend(extra.iter().cloned());
    let overall = extra
        .iter()
        .fold(document.overall(), |o, c| match c.outcome() {
            Outcome::Passed => o,
            Outcome::Failed => Overall::Invalid,
            Outcome::Unknown => o.max(Overall::Indeterminate),
        });
    let unproven: Vec<&Check> = extra
        .iter()
        .filter(|c| c.outcome() != Outcome::Passed)
        .collect();
    let refusal = match document.refusal() {
        _ if overall == Overall::Valid => None,
        inner if !unproven.is_empty() && (inner.is_none() || overall == Overall::Invalid) => {
            // The signature's own refusal, then the checks of the codes.
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
            named.extend(unproven.iter().map(|c| (*c).clone()));
            Refusal::from_checks(&named)
        }
        inner => inner.cloned(),
    };
    let output = match signed_output {
        Some(Some(doc)) if overall == Overall::Valid => Some(Verified::new(doc)),
        _ => None,
    };
    Ok(CodesVerdict {
        verdict: overall,
        checks,
        refusal,
        favor_id: codes.favor_id.clone(),
        creation_date: codes.creation_date.clone(),
        labels_proven: labels.is_some_and(|l| l.outcome() == Outcome::Passed),
        document,
        output,
    })
}

/// Can a certificate with these `roles` and this `subject` sign an output document, "with
/// the EDS of the provider"? Only a legal entity's (the NCA role 1.2.398.3.3.4.1.2 and a
/// BIN): its BIN, or why not. Asked by the verifier ([`verify_codes`]) and, before it
/// signs, by the issuer ([`super::issue`]).
pub(crate) fn provider_signer(
    roles: &[crate::NcaRole],
    subject: &crate::Subject,
) -> std::result::Result<crate::identity::Bin, String> {
    match (roles.contains(&crate::NcaRole::LegalEntity), subject.bin) {
        (true, Some(bin)) => Ok(bin),
        _ => Err(format!(
            "an output document is signed by the provider's authorised person, a legal entity's certificate (role 1.2.398.3.3.4.1.2 and a BIN); this one is not ({})",
            match subject.iin {
                Some(iin) if subject.bin.is_none() => format!("an individual's, IIN {iin}"),
                _ => "no legal entity's role or no BIN".to_string(),
            }
        )),
    }
}

/// Who signed an output document: "the EDS of the provider" (its authorised person),
/// which only a legal entity's certificate (the NCA role 1.2.398.3.3.4.1.2 and a BIN) can
/// be, and the provider's only when its BIN is the one the caller expects (`bin`, compared
/// by each signer's identity check). Every signer whose signature holds is asked: a
/// private person's certificate, valid as it may be, proves nothing of the provider
/// (review 51). Without `bin` an official of another organisation is not told from the
/// provider's: unknown, never passed.
fn provider_check(document: &CodesDocument, bin: Option<&crate::identity::Bin>) -> Check {
    // Each named as its verdict's report names it (a CMS signer by its 0-based index, an
    // XML signature by its 1-based place).
    let signers: Vec<(String, Option<&crate::Verdict>)> = match document {
        CodesDocument::Cms(v) => v
            .signers()
            .iter()
            .filter(|s| s.overall() == Overall::Valid)
            .map(|s| (format!("signer #{}", s.index()), s.certificate()))
            .collect(),
        CodesDocument::Xml(v) => v
            .signers()
            .iter()
            .filter(|s| s.overall() == Overall::Valid)
            .map(|s| (format!("signature #{}", s.index() + 1), s.certificate()))
            .collect(),
    };
    let mut bins = Vec::new();
    for (who, certificate) in &signers {
        let Some(certificate) = certificate else {
            return Check::new(
                CheckName::SignerRole,
                Outcome::Unknown,
                ReasonKind::NotAvailable,
                format!("{who}: its certificate is not available: who signed the output document is not proven"),
            );
        };
        match provider_signer(certificate.roles(), certificate.subject()) {
            Ok(b) => bins.push(b),
            Err(why) => {
                return Check::new(
                    CheckName::SignerRole,
                    Outcome::Failed,
                    ReasonKind::NotProven,
                    format!("{who}: {why}"),
                )
            }
        }
    }
    if bins.is_empty() {
        return Check::new(
            CheckName::SignerRole,
            Outcome::Unknown,
            ReasonKind::NotProven,
            "no signature holds: who signed the output document is not proven",
        );
    }
    let named: Vec<String> = bins.iter().map(|b| format!("BIN {b}")).collect();
    match bin {
        Some(expected) if bins.iter().all(|b| b == expected) => Check::passed(
            CheckName::SignerRole,
            format!("signed by an official of the provider, BIN {expected}"),
        ),
        // Each signer's identity check fails a certificate of another BIN already.
        Some(expected) => Check::new(
            CheckName::SignerRole,
            Outcome::Failed,
            ReasonKind::Mismatch,
            format!(
                "signed by an official of {}, not of the provider's BIN {expected}",
                named.join(", ")
            ),
        ),
        None => Check::new(
            CheckName::SignerRole,
            Outcome::Unknown,
            ReasonKind::NotAvailable,
            format!(
                "signed by an official of {}: the provider's BIN was not given (bin, --bin), and an official of another organisation is not told from the provider's",
                named.join(", ")
            ),
        ),
    }
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
