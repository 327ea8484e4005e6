//! What a CMS verification reports: the [`CmsVerdict`] on the SignedData, a
//! [`SignerVerdict`] for each SignerInfo, and the [`VerifiedContent`] that only a valid
//! verdict hands out.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::options::{SignerPolicy, TimePolicy};
use crate::verdict::{Check, Overall, Refusal, Verdict};

/// Which time a signer was judged at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// The time given by the caller.
    Given,
    /// The signer's signingTime attribute: the signer's own claim, judged as such
    /// ([`crate::TimeSource::Claimed`]).
    ClaimedSigningTime,
    /// The time a valid signature time-stamp token proves the signature existed by
    /// (genTime + accuracy, at most the time checked): a time the TSA proves
    /// ([`crate::TimeSource::TimeStamp`]).
    TimeStamp,
}

/// The encapsulated (or detached) content of a SignedData with its eContentType. Handed
/// out only as a [`Verified<Content>`](crate::Verified) ([`VerifiedContent`]), by a valid
/// [`CmsVerdict`] (or, as the `profiles` feature's `RequestContent`, a valid request verdict).
#[derive(Clone, PartialEq, Eq)]
pub struct Content {
    bytes: Arc<[u8]>,
    content_type: String,
}

/// Content whose signatures verified under the policy: nothing but a verification makes one.
pub type VerifiedContent = crate::Verified<Content>;

impl Content {
    /// Made by a verification only.
    pub(crate) fn verified(bytes: Arc<[u8]>, content_type: String) -> VerifiedContent {
        crate::Verified::new(Content {
            bytes,
            content_type,
        })
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }
    /// The bytes, owned.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }
}

impl AsRef<[u8]> for Content {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Content")
            .field("len", &self.bytes.len())
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The verdict on one SignerInfo.
#[derive(Clone, Debug, Serialize)]
pub struct SignerVerdict {
    /// Position of the SignerInfo in the SignedData (of a countersignature: among the
    /// countersignatures of the SignerInfo it is on).
    pub(crate) index: usize,
    /// Overall result for this signer.
    pub(crate) verdict: Overall,
    /// The CMS checks (`signer_certificate`, `content_type`, `message_digest`,
    /// `signing_time`, `signing_certificate`, `signature`, `timestamp` when the signature's
    /// time-stamp tokens count, `countersignature` when it carries countersignatures)
    /// followed by the certificate
    /// condition's checks (`validity`, `chain`, `revocation`, `key_usage`, ...).
    pub(crate) checks: Vec<Check>,
    /// The refusal text when this signer is not valid.
    pub(crate) refusal: Option<Refusal>,
    /// The time the certificate was judged at.
    pub(crate) at: DateTime<Utc>,
    /// Where that time came from.
    pub(crate) time_basis: TimeBasis,
    /// The signingTime attribute, when present and readable (the signer's claim).
    pub(crate) signing_time: Option<DateTime<Utc>>,
    /// The SignerIdentifier, as text.
    pub(crate) signer_id: String,
    /// The digest algorithm (name or OID).
    pub(crate) digest_algorithm: String,
    /// The signature algorithm (name or OID).
    pub(crate) signature_algorithm: String,
    /// Names of the signed attributes, in the order carried (empty without signedAttrs).
    pub(crate) signed_attributes: Vec<String>,
    /// Names of the unsigned attributes, in the order carried (time-stamp tokens are
    /// verified, see [`SignerVerdict::timestamps`]; countersignatures too, see
    /// [`SignerVerdict::countersignatures`]; the others are listed only).
    pub(crate) unsigned_attributes: Vec<String>,
    /// The signature time-stamp tokens (CAdES-T), each verified over this signer's
    /// signature value: genTime, TSA, serial, policy and checks. They are all reported
    /// here; the `timestamp` check says how they count (a failed token makes the signer
    /// invalid; an unproven one counts only under [`super::TimePolicy::TimeStamp`]).
    pub(crate) timestamps: Vec<crate::tsp::TimeStampVerdict>,
    /// The countersignatures on this signer's signature value (RFC 5652 §11.4), each
    /// verified as a signer over it: see [`SignerVerdict::countersignatures`].
    pub(crate) countersignatures: Vec<SignerVerdict>,
    /// The certificate condition's verdict on the signer's certificate (subject facts,
    /// path, revocation details), when the certificate was found. Its checks also appear
    /// in [`SignerVerdict::checks`].
    pub(crate) certificate: Option<Verdict>,
}

impl SignerVerdict {
    /// The certificate condition's verdict on the signer's certificate (subject facts,
    /// path, revocation details), when the certificate was found.
    pub fn certificate(&self) -> Option<&Verdict> {
        self.certificate.as_ref()
    }
}

impl SignerVerdict {
    /// Position of the SignerInfo in the SignedData (of a countersignature: among the
    /// countersignatures of the SignerInfo it is on, in the order carried).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The time the certificate was judged at.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Where that time came from.
    pub fn time_basis(&self) -> TimeBasis {
        self.time_basis
    }

    /// The signingTime attribute, when present and readable (the signer's claim).
    pub fn signing_time(&self) -> Option<DateTime<Utc>> {
        self.signing_time
    }

    /// The SignerIdentifier, as text.
    pub fn signer_id(&self) -> &str {
        &self.signer_id
    }

    /// The digest algorithm (name or OID).
    pub fn digest_algorithm(&self) -> &str {
        &self.digest_algorithm
    }

    /// The signature algorithm (name or OID).
    pub fn signature_algorithm(&self) -> &str {
        &self.signature_algorithm
    }

    /// Names of the signed attributes, in the order carried (empty without signedAttrs).
    pub fn signed_attributes(&self) -> &[String] {
        &self.signed_attributes
    }

    /// Names of the unsigned attributes, in the order carried (time-stamp tokens are
    /// verified, see [`SignerVerdict::timestamps`]; countersignatures too, see
    /// [`SignerVerdict::countersignatures`]; the others are listed only).
    pub fn unsigned_attributes(&self) -> &[String] {
        &self.unsigned_attributes
    }

    /// The signature time-stamp tokens (CAdES-T), each verified over this signer's
    /// signature value: genTime, TSA, serial, policy and checks. They are all reported
    /// here; the `timestamp` check says how they count (a failed token makes the signer
    /// invalid; an unproven one counts only under [`super::TimePolicy::TimeStamp`]).
    pub fn timestamps(&self) -> &[crate::tsp::TimeStampVerdict] {
        &self.timestamps
    }

    /// The countersignatures on this signer's signature value (RFC 5652 §11.4, the
    /// unsigned attribute id-countersignature), each a verdict of its own, in the order
    /// carried: its signer found among the document's certificates as any signer's is,
    /// its signed attributes (a messageDigest of this signer's signature value, no
    /// contentType), its signature, and the certificate condition on its certificate at
    /// the time the time policy picks for it. Its [`SignerVerdict::index`] is its place
    /// among this signer's countersignatures; its own countersignatures nest here. How
    /// they count for this signer is the `countersignature` check's: one proven bad makes
    /// it invalid, one not proven (or not judged, beyond
    /// [`super::limits::MAX_COUNTERSIGNATURE_DEPTH`] or
    /// [`super::limits::MAX_COUNTERSIGNATURES`]) leaves it indeterminate. Those not
    /// judged have no verdict here.
    pub fn countersignatures(&self) -> &[SignerVerdict] {
        &self.countersignatures
    }
}

crate::verdict::judged!(SignerVerdict);

impl crate::verdict::CertificateVerdicts for SignerVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        self.certificate.certificate_verdicts(out);
        self.timestamps.certificate_verdicts(out);
        self.countersignatures.certificate_verdicts(out);
    }
}

/// The work one verification of a SignedData did, against the document's budget
/// ([`super::limits::MAX_SIGNATURE_VERIFICATIONS`], [`super::limits::MAX_PATH_STEPS`],
/// [`super::limits::MAX_REHASHED_BYTES`]): what the document cost, and whether the budget
/// ran out. The document, not the verifier, decides how many certificates and signers
/// there are to try, so its cost is reported with its verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WorkReport {
    /// Signature verifications performed: each signer's signature checked with a
    /// candidate certificate's key, and the certificate and CRL signatures its path
    /// building and revocation checked. A result already known within the document is not
    /// counted again (the same signature by the same key over the same bytes); one the
    /// verifier's cache holds from an earlier document is counted, once, as if verified
    /// (the count does not depend on what the verifier verified before).
    pub(crate) signature_verifications: usize,
    /// Path-building steps: issuer candidates examined, CRL-signer candidates tried.
    pub(crate) path_steps: usize,
    /// Bytes of signed data hashed again (a message already hashed, verified once more
    /// with another key).
    pub(crate) rehashed_bytes: usize,
    /// Why the budget ran out ("work budget exhausted: ..."), when it did. Every check
    /// it cut short is unknown and says so; a signer proven before that keeps its verdict.
    pub(crate) exhausted_reason: Option<String>,
    /// Which limit ran out, when one did.
    pub(crate) exhausted: Option<crate::Exhausted>,
}

impl WorkReport {
    /// Everything `meter` has counted: the work of the whole file whose signatures share
    /// it (a PDF's), each signature's report being its own share.
    pub(crate) fn of(meter: &crate::work::WorkMeter) -> WorkReport {
        WorkReport {
            signature_verifications: meter.signatures(),
            path_steps: meter.path_steps(),
            rehashed_bytes: meter.rehashed_bytes(),
            exhausted_reason: meter.exhausted(),
            exhausted: meter.exhausted_kind(),
        }
    }

    /// Which limit ran out ([`Limits`](crate::Limits)), when one did: every check it cut
    /// short is unknown and names it ([`Check::exhausted`](crate::Check::exhausted)).
    pub fn exhausted(&self) -> Option<crate::Exhausted> {
        self.exhausted
    }

    /// Why the budget ran out, in words ("work budget exhausted: ..."), when it did.
    pub fn exhausted_reason(&self) -> Option<&str> {
        self.exhausted_reason.as_deref()
    }
}

impl WorkReport {
    /// Signature verifications performed: each signer's signature checked with a
    /// candidate certificate's key, and the certificate and CRL signatures its path
    /// building and revocation checked. A result already known within the document is not
    /// counted again (the same signature by the same key over the same bytes); one the
    /// verifier's cache holds from an earlier document is counted, once, as if verified
    /// (the count does not depend on what the verifier verified before).
    pub fn signature_verifications(&self) -> usize {
        self.signature_verifications
    }

    /// Path-building steps: issuer candidates examined, CRL-signer candidates tried.
    pub fn path_steps(&self) -> usize {
        self.path_steps
    }

    /// Bytes of signed data hashed again (a message already hashed, verified once more
    /// with another key).
    pub fn rehashed_bytes(&self) -> usize {
        self.rehashed_bytes
    }
}

/// The verdict on a SignedData.
#[derive(Clone, Debug, Serialize)]
pub struct CmsVerdict {
    /// Overall result: the signers combined under the policy, and the container checks.
    pub(crate) verdict: Overall,
    /// Container checks: `content` (the signed content is present, and equal to the one
    /// supplied) and `signers` (the signer policy holds).
    pub(crate) checks: Vec<Check>,
    /// The refusal text when the verdict is not valid, naming the checks that decided it.
    pub(crate) refusal: Option<Refusal>,
    /// The signer policy applied.
    pub(crate) signer_policy: SignerPolicy,
    /// The time policy applied (each signer states the time it was judged at).
    pub(crate) time_policy: TimePolicy,
    /// eContentType (dotted OID).
    pub(crate) content_type: String,
    /// Detached signature (no eContent)?
    pub(crate) detached: bool,
    /// Each SignerInfo's verdict, in the order carried.
    pub(crate) signers: Vec<SignerVerdict>,
    /// The work the verification did against the document's budget.
    pub(crate) work: WorkReport,
    /// The content, set by the verification only when the verdict is valid.
    #[serde(skip)]
    pub(super) content: Option<VerifiedContent>,
}

impl CmsVerdict {
    /// The signer policy applied.
    pub fn signer_policy(&self) -> SignerPolicy {
        self.signer_policy
    }

    /// The time policy applied (each signer states the time it was judged at).
    pub fn time_policy(&self) -> TimePolicy {
        self.time_policy
    }

    /// eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// Detached signature (no eContent)?
    pub fn detached(&self) -> bool {
        self.detached
    }

    /// Each SignerInfo's verdict, in the order carried.
    pub fn signers(&self) -> &[SignerVerdict] {
        &self.signers
    }

    /// The work the verification did against the document's budget.
    pub fn work(&self) -> &WorkReport {
        &self.work
    }
}

crate::verdict::judged!(CmsVerdict);

impl crate::verdict::CertificateVerdicts for CmsVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        self.signers.certificate_verdicts(out);
    }
}

impl CmsVerdict {
    /// The content, only when the verdict is valid.
    pub fn verified_content(&self) -> Option<&VerifiedContent> {
        self.content.as_ref()
    }
    /// The content, only when the verdict is valid.
    pub fn into_verified_content(self) -> Option<VerifiedContent> {
        self.content
    }
}
