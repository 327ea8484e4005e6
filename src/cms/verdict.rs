//! What a CMS verification reports: the [`CmsVerdict`] on the SignedData, a
//! [`SignerVerdict`] for each SignerInfo, and the [`VerifiedContent`] that only a valid
//! verdict hands out.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::options::{SignerPolicy, TimePolicy};
use crate::verdict::{Check, CheckName, Overall, Refusal, Verdict};

/// Which time a signer was judged at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// The time given by the caller.
    Given,
    /// The signer's signingTime attribute: the signer's own claim, judged as such
    /// ([`crate::TimeSource::Claimed`]).
    ClaimedSigningTime,
    /// The genTime of a valid signature time-stamp token: a time the TSA proves
    /// ([`crate::TimeSource::TimeStamp`]).
    TimeStamp,
}

/// Content whose signature verified under the policy: only a valid [`CmsVerdict`] hands
/// it out, and nothing else can construct it.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedContent {
    bytes: Arc<[u8]>,
    content_type: String,
}

impl VerifiedContent {
    /// Made by a verification only, from a valid verdict: [`CmsVerdict`] here, and
    /// [`crate::profiles::RequestVerdict`] (as a [`crate::profiles::RequestContent`]).
    pub(crate) fn new(bytes: Arc<[u8]>, content_type: String) -> VerifiedContent {
        VerifiedContent {
            bytes,
            content_type,
        }
    }

    /// The verified bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }
    /// The verified bytes, owned.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }
}

impl AsRef<[u8]> for VerifiedContent {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for VerifiedContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedContent")
            .field("len", &self.bytes.len())
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The verdict on one SignerInfo.
#[derive(Clone, Debug, Serialize)]
pub struct SignerVerdict {
    /// Position of the SignerInfo in the SignedData.
    pub index: usize,
    /// Overall result for this signer.
    pub verdict: Overall,
    /// The CMS checks (`signer_certificate`, `content_type`, `message_digest`,
    /// `signing_time`, `signing_certificate`, `signature`, `timestamp` when the signature's
    /// time-stamp tokens count) followed by the certificate
    /// condition's checks (`validity`, `chain`, `revocation`, `key_usage`, ...).
    pub checks: Vec<Check>,
    /// The refusal text when this signer is not valid.
    pub refusal: Option<Refusal>,
    /// The time the certificate was judged at.
    pub at: DateTime<Utc>,
    /// Where that time came from.
    pub time_basis: TimeBasis,
    /// The signingTime attribute, when present and readable (the signer's claim).
    pub signing_time: Option<DateTime<Utc>>,
    /// The SignerIdentifier, as text.
    pub signer_id: String,
    /// The digest algorithm (name or OID).
    pub digest_algorithm: String,
    /// The signature algorithm (name or OID).
    pub signature_algorithm: String,
    /// Names of the signed attributes, in the order carried (empty without signedAttrs).
    pub signed_attributes: Vec<String>,
    /// Names of the unsigned attributes, in the order carried (time-stamp tokens are
    /// verified, see [`SignerVerdict::timestamps`]; countersignatures are not).
    pub unsigned_attributes: Vec<String>,
    /// The signature time-stamp tokens (CAdES-T), each verified over this signer's
    /// signature value: genTime, TSA, serial, policy and checks. They are all reported
    /// here; the `timestamp` check says how they count (a failed token makes the signer
    /// invalid; an unproven one counts only under [`super::TimePolicy::TimeStamp`]).
    pub timestamps: Vec<crate::tsp::TimeStampVerdict>,
    /// The certificate condition's verdict on the signer's certificate (subject facts,
    /// path, revocation details), when the certificate was found. Its checks also appear
    /// in [`SignerVerdict::checks`].
    pub certificate: Option<Verdict>,
}

impl SignerVerdict {
    /// Is this signer valid?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// The check of the given name, if it was run.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
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
    /// building and revocation checked. A result already known is not counted (the same
    /// signature by the same key over the same bytes within the document; a certificate
    /// signature the verifier's cache holds from an earlier verification).
    pub signature_verifications: usize,
    /// Path-building steps: issuer candidates examined, CRL-signer candidates tried.
    pub path_steps: usize,
    /// Bytes of signed data hashed again (a message already hashed, verified once more
    /// with another key).
    pub rehashed_bytes: usize,
    /// Why the budget ran out ("work budget exhausted: ..."), when it did. Every check
    /// it cut short is unknown and says so; a signer proven before that keeps its verdict.
    pub exhausted: Option<String>,
}

/// The verdict on a SignedData.
#[derive(Clone, Debug, Serialize)]
pub struct CmsVerdict {
    /// Overall result: the signers combined under the policy, and the container checks.
    pub verdict: Overall,
    /// Container checks: `content` (the signed content is present, and equal to the one
    /// supplied) and `signers` (the signer policy holds).
    pub checks: Vec<Check>,
    /// The refusal text when the verdict is not valid, naming the checks that decided it.
    pub refusal: Option<Refusal>,
    /// The signer policy applied.
    pub signer_policy: SignerPolicy,
    /// The time policy applied (each signer states the time it was judged at).
    pub time_policy: TimePolicy,
    /// eContentType (dotted OID).
    pub content_type: String,
    /// Detached signature (no eContent)?
    pub detached: bool,
    /// Each SignerInfo's verdict, in the order carried.
    pub signers: Vec<SignerVerdict>,
    /// The work the verification did against the document's budget.
    pub work: WorkReport,
    /// The content, set by the verification only when the verdict is valid.
    #[serde(skip)]
    pub(super) content: Option<VerifiedContent>,
}

impl CmsVerdict {
    /// Is the verdict valid?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// The content, only when the verdict is valid.
    pub fn verified_content(&self) -> Option<&VerifiedContent> {
        self.content.as_ref()
    }
    /// The content, only when the verdict is valid.
    pub fn into_verified_content(self) -> Option<VerifiedContent> {
        self.content
    }
    /// A container check by name.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
    }
}
