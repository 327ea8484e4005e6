//! The request condition: running a regulation profile on a signed request.

use super::*;
use crate::verdict::ReasonKind;

// ---------------------------------------------------------------------------------------
// The request condition

/// The time a request is judged at, and where it comes from: the caller's own time
/// ([`TimeSource::Given`]: a `DateTime<Utc>` converts into it), or a time the request
/// names, checked at the caller's clock ([`RequestTime::claimed`]: a revocation that may
/// hide a compromise counts whenever dated, since a revoked key can back-date a request).
///
/// [`TimeSource::Given`]: crate::TimeSource::Given
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestTime {
    /// The time judged.
    pub at: DateTime<Utc>,
    /// What the time can be trusted for.
    pub source: crate::TimeSource,
}

impl RequestTime {
    /// The caller's own time (its clock, or a time it vouches for).
    pub fn given(at: DateTime<Utc>) -> RequestTime {
        RequestTime {
            at,
            source: crate::TimeSource::Given,
        }
    }

    /// A time the request (or its sender) names, checked at the caller's `checked_at`.
    pub fn claimed(at: DateTime<Utc>, checked_at: DateTime<Utc>) -> RequestTime {
        RequestTime {
            at,
            source: crate::TimeSource::Claimed { checked_at },
        }
    }

    /// The certificate condition's expectation at this time (signing purpose).
    pub(super) fn expectation(self) -> crate::condition::Expectation {
        crate::condition::Expectation::at(self.at).time_source(self.source)
    }
}

impl From<DateTime<Utc>> for RequestTime {
    fn from(at: DateTime<Utc>) -> RequestTime {
        RequestTime::given(at)
    }
}

/// What the request says about its applicant, through which channel it came, and which
/// organisations' officials may have certified it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RequestIdentity {
    /// The IIN written in the request (an individual's request, or a legal entity's
    /// representative under [`IdentityRule::IinOrBin`] when a BIN is also given).
    pub iin: Option<Iin>,
    /// The BIN written in the request (a legal entity's request).
    pub bin: Option<Bin>,
    /// Who certified the request with EDS (the channel it came through). A claim of the
    /// caller: every signature the channel carries is proven from its certificate.
    pub certified_by: SignerRole,
    /// The service centre's BIN: an operator's certificate must carry it (the certificate
    /// cannot say which organisation is a service centre; the caller knows).
    pub service_center_bin: Option<Bin>,
    /// The provider's BIN: its employee's certificate must carry it.
    pub provider_bin: Option<Bin>,
}

impl RequestIdentity {
    /// An individual's request, certified by the applicant on the portal.
    pub fn individual(iin: Iin) -> RequestIdentity {
        RequestIdentity {
            iin: Some(iin),
            ..RequestIdentity::unnamed()
        }
    }

    /// A legal entity's request, certified by the applicant on the portal.
    pub fn legal_entity(bin: Bin) -> RequestIdentity {
        RequestIdentity {
            bin: Some(bin),
            ..RequestIdentity::unnamed()
        }
    }

    /// A request naming no identity (for [`IdentityRule::None`] profiles), certified by the
    /// applicant on the portal.
    pub fn unnamed() -> RequestIdentity {
        RequestIdentity {
            iin: None,
            bin: None,
            certified_by: SignerRole::ApplicantPortal,
            service_center_bin: None,
            provider_bin: None,
        }
    }

    /// The same request, certified by `role`.
    pub fn certified_by(mut self, role: SignerRole) -> RequestIdentity {
        self.certified_by = role;
        self
    }

    /// The same request, with the service centre whose operators may certify it.
    pub fn service_center(mut self, bin: Bin) -> RequestIdentity {
        self.service_center_bin = Some(bin);
        self
    }

    /// The same request, with the provider whose employees may certify it.
    pub fn provider(mut self, bin: Bin) -> RequestIdentity {
        self.provider_bin = Some(bin);
        self
    }
}

/// [`check_request`] was called on a profile whose regulation has no EDS step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("profile {profile_id}: the regulation has no EDS step (eds_required = false), so there is no signature to check")]
pub struct NotApplicable {
    /// The profile.
    pub profile_id: String,
}

/// One SignerInfo of the request, judged under the profile.
#[derive(Clone, Debug, Serialize)]
pub struct RequestSigner {
    /// Position of the SignerInfo.
    pub(crate) index: usize,
    /// The role its certificate proved among those the channel carries (`None`: none).
    pub(crate) role: Option<SignatureRole>,
    /// Its result under the profile (the checks counted).
    pub(crate) verdict: Overall,
    /// The checks counted: the CMS checks, the certificate condition, and the identity
    /// match when it applies to this signer.
    pub(crate) checks: Vec<Check>,
    /// Checks run but not counted (unknown, unstated, and relaxed by the profile).
    pub(crate) not_required: Vec<Check>,
    /// The certificate's IIN, when the certificate was found.
    pub(crate) iin: Option<Iin>,
    /// The certificate's BIN, when the certificate was found.
    pub(crate) bin: Option<Bin>,
    /// The CMS or XML verdict on this signature (certificate facts, path, revocation
    /// details).
    pub(crate) signer: RequestSignature,
}

impl RequestSigner {
    /// The CMS or XML verdict on this signature (certificate facts, path, revocation
    /// details).
    pub fn signer(&self) -> &RequestSignature {
        &self.signer
    }
}

/// The verification's own verdict on one signature of a request: a CMS SignerInfo or an
/// XML `ds:Signature`. Serialised as the verdict it holds.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RequestSignature {
    /// A SignerInfo of a CMS request.
    Cms(SignerVerdict),
    /// A `ds:Signature` of an XML request.
    Xml(crate::xmldsig::XmlSignerVerdict),
}

impl RequestSignature {
    /// The CMS verdict, for a CMS request.
    pub fn cms(&self) -> Option<&SignerVerdict> {
        match self {
            RequestSignature::Cms(v) => Some(v),
            RequestSignature::Xml(_) => None,
        }
    }
    /// The XML verdict, for an XML request.
    pub fn xml(&self) -> Option<&crate::xmldsig::XmlSignerVerdict> {
        match self {
            RequestSignature::Xml(v) => Some(v),
            RequestSignature::Cms(_) => None,
        }
    }
    /// The signer's certificate verdict, when the certificate was found.
    pub fn certificate(&self) -> Option<&crate::verdict::Verdict> {
        match self {
            RequestSignature::Cms(v) => v.certificate.as_ref(),
            RequestSignature::Xml(v) => v.certificate.as_ref(),
        }
    }
}

/// A field of the request form the identity match read its IIN or BIN from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComparedField {
    /// The field's name (`iin` or `bin`).
    pub(crate) field: String,
    /// Its Russian label in the service's form.
    pub(crate) label: String,
    /// The value compared with the certificates.
    pub(crate) value: String,
}

impl ComparedField {
    /// The field's name (`iin` or `bin`).
    pub fn field(&self) -> &str {
        &self.field
    }
    /// Its Russian label in the service's form.
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The value compared with the certificates.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl RequestSigner {
    /// Position of the SignerInfo.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The role its certificate proved among those the channel carries (`None`: none).
    pub fn role(&self) -> Option<SignatureRole> {
        self.role
    }

    /// The checks counted: the CMS checks, the certificate condition, and the identity
    /// match when it applies to this signer.
    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// Checks run but not counted (unknown, unstated, and relaxed by the profile).
    pub fn not_required(&self) -> &[Check] {
        &self.not_required
    }

    /// The certificate's IIN, when the certificate was found.
    pub fn iin(&self) -> Option<Iin> {
        self.iin
    }

    /// The certificate's BIN, when the certificate was found.
    pub fn bin(&self) -> Option<Bin> {
        self.bin
    }
}

impl RequestSigner {
    /// Is this signer valid under the profile?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// Its result under the profile.
    pub fn overall(&self) -> Overall {
        self.verdict
    }
}

/// A check that was run but did not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotRequired {
    /// Which SignerInfo.
    pub(crate) signer: usize,
    /// The check, with its (unknown) outcome and reason.
    pub(crate) check: Check,
}

impl NotRequired {
    /// The check, with its (unknown) outcome and reason.
    pub fn check(&self) -> &Check {
        &self.check
    }
}

impl NotRequired {
    /// Which SignerInfo.
    pub fn signer(&self) -> usize {
        self.signer
    }
}

/// The content of a request whose verdict under a profile is valid; nothing else
/// constructs it. A type of its own, apart from [`VerifiedContent`], so that code which
/// takes a `RequestContent` knows the regulation's condition held, not only the CMS
/// signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContent(VerifiedContent);

impl RequestContent {
    /// The CMS content it is (verified by the CMS verification under the profile).
    pub fn content(&self) -> &VerifiedContent {
        &self.0
    }
    /// The verified bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
    /// The eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        self.0.content_type()
    }
    /// The verified bytes, owned.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

impl AsRef<[u8]> for RequestContent {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The verdict on a signed request under a profile.
#[derive(Clone, Debug, Serialize)]
pub struct RequestVerdict {
    /// The profile applied.
    pub(crate) profile_id: String,
    /// Overall: valid only when every counted check passed.
    pub(crate) verdict: Overall,
    /// The request's checks: `content`, `signers` (who signed, against the profile's
    /// roles), then each check of the signers combined (the worst outcome over the signers
    /// it applies to; identity under a second-signer policy: some signer must match).
    pub(crate) checks: Vec<Check>,
    /// Each SignerInfo.
    pub(crate) signers: Vec<RequestSigner>,
    /// The refusal, when the verdict is not valid.
    pub(crate) refusal: Option<crate::verdict::Refusal>,
    /// The checks the regulation does not state.
    pub(crate) not_stated: Vec<RegulationCheck>,
    /// Checks run but not counted (the profile allows them to be unproven).
    pub(crate) not_required: Vec<NotRequired>,
    /// Explanations (identity not applied to an official, unstated checks enforced ...).
    pub(crate) notes: Vec<String>,
    /// The channel the request came through.
    pub(crate) certified_by: SignerRole,
    /// The time judged.
    pub(crate) at: DateTime<Utc>,
    /// eContentType (dotted OID).
    pub(crate) content_type: String,
    /// Was the signature detached?
    pub(crate) detached: bool,
    /// The request form's fields the identity was read from (`iin`, `bin`), when the
    /// request was read against the service's form ([`check_signed_request`]).
    pub(crate) compared: Vec<ComparedField>,
    #[serde(skip)]
    content: Option<RequestContent>,
    #[serde(skip)]
    form: Option<RequestDocument>,
}

impl RequestVerdict {
    /// The profile applied.
    pub fn profile_id(&self) -> &str {
        &self.profile_id
    }

    /// Each SignerInfo.
    pub fn signers(&self) -> &[RequestSigner] {
        &self.signers
    }

    /// The checks the regulation does not state.
    pub fn not_stated(&self) -> &[RegulationCheck] {
        &self.not_stated
    }

    /// Checks run but not counted (the profile allows them to be unproven).
    pub fn not_required(&self) -> &[NotRequired] {
        &self.not_required
    }

    /// Explanations (identity not applied to an official, unstated checks enforced ...).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The channel the request came through.
    pub fn certified_by(&self) -> SignerRole {
        self.certified_by
    }

    /// The time judged.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// Was the signature detached?
    pub fn detached(&self) -> bool {
        self.detached
    }
}

crate::verdict::judged!(RequestVerdict);

impl crate::verdict::CertificateVerdicts for RequestVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a crate::Verdict>) {
        for signer in &self.signers {
            match &signer.signer {
                RequestSignature::Cms(v) => v.certificate_verdicts(out),
                RequestSignature::Xml(v) => v.certificate_verdicts(out),
            }
        }
    }
}

impl RequestVerdict {
    /// The request form's fields the IIN/BIN compared were read from (empty when the
    /// caller stated them, [`check_request`]).
    pub fn compared(&self) -> &[ComparedField] {
        &self.compared
    }

    /// The request read against the service's form, only when the verdict is valid (and
    /// the request was judged with [`check_signed_request`]).
    pub fn verified_request(&self) -> Option<&RequestDocument> {
        self.form
            .as_ref()
            .filter(|_| self.verdict == Overall::Valid)
    }

    /// The request's content, only when the verdict is valid.
    pub fn verified_content(&self) -> Option<&RequestContent> {
        self.content.as_ref()
    }
    /// The request's content, only when the verdict is valid.
    pub fn into_verified_content(self) -> Option<RequestContent> {
        self.content
    }
}

mod judge;
pub use judge::check_request;
use judge::*;

mod signers;
use signers::*;

mod presents;

mod signed;
pub use signed::*;
