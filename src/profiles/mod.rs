//! Signature profiles of e-service regulations, and the request condition in one call:
//! [`check_request`].
//!
//! Each regional regulation (decrees of 2011-2013) states the same EDS pattern with small
//! differences: who certifies a request (the applicant on the portal, a service-centre
//! operator, the provider's employee), which identity is matched (IIN only, IIN or BIN,
//! none), which certificate checks are named, whether the operator's signature must be
//! followed by the applicant's. A [`Profile`] holds those differences as data: the profiles
//! live in one TOML file (`src/profiles/regulations.toml`, embedded), validated when first
//! read ([`Profile::all`], [`Profile::by_id`]); [`Profile::parse_toml`] reads a provider's
//! own file in the same format.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use qoltanba::cms::SignedData;
//! use qoltanba::identity::Iin;
//! use qoltanba::profiles::{check_request, Profile, RequestIdentity};
//! use qoltanba::Verifier;
//! let verifier = Verifier::builder()
//!     .trust_path("test-vectors/pki/root.cer".as_ref())?
//!     .intermediate_path("test-vectors/pki/nca_rsa.cer".as_ref())?
//!     .crl_path("test-vectors/pki/nca_rsa_current.crl".as_ref())?
//!     .build();
//! let profile = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
//! let signed = SignedData::from_input(&std::fs::read("request.cms")?)?;
//! let request = RequestIdentity::individual(Iin::parse("123456789011")?);
//! let verdict = check_request(profile, &signed, None, &request, &verifier, chrono::Utc::now())?;
//! match verdict.verified_content() {
//!     Some(content) => println!("accepted: {} bytes", content.as_bytes().len()),
//!     None => println!("{}", verdict.refusal.as_ref().map(|r| r.ru.as_str()).unwrap_or("")),
//! }
//! # Ok(()) }
//! ```
//!
//! # The decisions [`check_request`] makes
//!
//! * **Authenticity is always required.** The chain to a trusted NCA certificate, the
//!   signature, the key's signing purpose, the critical extensions and the CMS checks are
//!   what make validity, revocation and identity mean anything; a profile cannot relax them,
//!   whether its regulation names them or not.
//! * **Unstated checks are required unless the profile says otherwise.** Under
//!   [`UnstatedChecks::Required`] (the default) a check the regulation does not state is run
//!   and counted like the others. Under [`UnstatedChecks::MayBeUnproven`] such a check
//!   (validity or revocation, the only ones that can be unstated and still run) does not
//!   count when its outcome is *unknown*; it is listed in [`RequestVerdict::not_required`].
//!   A check that *failed* is always counted: a certificate proven revoked is never
//!   accepted, whatever the regulation names.
//! * **Identity.** [`IdentityRule::IinOnly`]: the request must name an IIN (and no BIN) and
//!   the certificate must carry that IIN. [`IdentityRule::IinOrBin`]: an individual's request
//!   names an IIN, matched with the certificate's IIN; a legal entity's request names a BIN,
//!   matched with the certificate's BIN (a legal entity's signing certificate carries both:
//!   the BIN is the organisation's, the IIN the employee's, which a BIN request does not
//!   constrain); a request naming both must match both; a request naming neither is
//!   refused. [`IdentityRule::None`]: no identity check (listed as not stated).
//! * **Who signs.** [`RequestIdentity::certified_by`] says through which channel the request
//!   came; it must be one of the profile's [`Profile::signer_roles`].
//!   - [`SignerRole::ApplicantPortal`]: every SignerInfo is the applicant's; each must be
//!     valid and match the request's identity.
//!   - [`SignerRole::ServiceCenterOperator`] on a profile with
//!     [`Profile::second_signer_required`]: the operator signs, then the applicant signs
//!     the same request ([`crate::cms::SignedData::add_signer`]). Every SignerInfo must be
//!     valid; at least one must match the request's identity (the applicant's) and at least
//!     one must not (the operator's: another person, another certificate). Two signatures
//!     by the applicant are not an operator's and an applicant's. The order of the
//!     SignerInfos is not used (DER sorts a SET OF). The operator's organisation is not
//!     checked: the regulations do not name it; [`RequestSigner::signer`] carries the
//!     certificate's facts for a caller that wants to.
//!   - An operator or a provider employee certifying alone: every SignerInfo must be valid;
//!     the identity match is *not* applied to the official's certificate (the official is
//!     not the person the request names; the official identified the applicant by an
//!     identity document, outside the EDS). The request must still name the identity the
//!     rule requires, and the verdict says in [`RequestVerdict::notes`] that the applicant's
//!     identity was not matched by EDS.
//! * **No EDS step** ([`Profile::eds_required`] false): [`check_request`] returns
//!   [`NotApplicable`] rather than a verdict: there is no signature to be valid or invalid,
//!   and a "valid" verdict would claim what nothing proved. Ask [`Profile::requires_eds`]
//!   first.
//! * The time judged is passed in (`at`); signingTime is reported, not trusted.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::certificate::Subject;
use crate::cms::{SignedData, SignerVerdict, VerifyOptions};
use crate::condition::Verifier;
use crate::identity::{Bin, Iin};
use crate::verdict::{overall, Check, CheckName, Outcome, Overall};

/// The embedded profile data (`src/profiles/regulations.toml`).
pub const REGULATIONS_TOML: &str = include_str!("regulations.toml");

/// The data format version this module reads.
pub const SCHEMA: u32 = 1;

/// Fields a profile may list in `placeholders`.
pub const PLACEHOLDER_FIELDS: &[&str] = &[
    "title_kk",
    "title_ru",
    "title_en",
    "region",
    "decree",
    "provider",
    "information_system",
    "signing_subdivision",
    "signer_roles",
    "refusal",
];

// ---------------------------------------------------------------------------------------
// Types of the data

/// Who certifies a request with an EDS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    /// The applicant, through the e-government portal.
    ApplicantPortal,
    /// An operator of a public service centre (ХҚКО / ЦОН).
    ServiceCenterOperator,
    /// An employee of the service provider.
    ProviderEmployee,
}

impl SignerRole {
    /// snake_case name, as in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            SignerRole::ApplicantPortal => "applicant_portal",
            SignerRole::ServiceCenterOperator => "service_center_operator",
            SignerRole::ProviderEmployee => "provider_employee",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            SignerRole::ApplicantPortal => "the applicant through the e-government portal",
            SignerRole::ServiceCenterOperator => "a service-centre operator",
            SignerRole::ProviderEmployee => "the provider's employee",
        }
    }
}

/// Which identity the request's certificate must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityRule {
    /// Services to individuals: the request's IIN equals the certificate's IIN.
    IinOnly,
    /// Individuals and legal entities: an IIN request matches the certificate's IIN, a BIN
    /// request the certificate's BIN.
    IinOrBin,
    /// The regulation states no identity match.
    None,
}

/// The certificate-condition checks a regulation can state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RegulationCheck {
    /// The validity period of the registration certificate.
    Validity,
    /// Its absence from the list of revoked certificates.
    Revocation,
    /// The match between the IIN/BIN of the request and of the certificate.
    Identity,
    /// The authenticity of the EDS: chain to a trusted NCA certificate, signature, key
    /// usage, critical extensions, and the CMS checks. Always required.
    Authenticity,
}

impl RegulationCheck {
    /// All four, in order.
    pub const ALL: [RegulationCheck; 4] = [
        RegulationCheck::Validity,
        RegulationCheck::Revocation,
        RegulationCheck::Identity,
        RegulationCheck::Authenticity,
    ];

    /// Which regulation check a library check belongs to. Anything not validity,
    /// revocation or identity is authenticity (so a check added to the library later is
    /// always required).
    pub fn of(name: CheckName) -> RegulationCheck {
        match name {
            CheckName::Validity => RegulationCheck::Validity,
            CheckName::Revocation => RegulationCheck::Revocation,
            CheckName::IinMatch | CheckName::BinMatch | CheckName::Checksum => {
                RegulationCheck::Identity
            }
            _ => RegulationCheck::Authenticity,
        }
    }

    /// snake_case name, as in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            RegulationCheck::Validity => "validity",
            RegulationCheck::Revocation => "revocation",
            RegulationCheck::Identity => "identity",
            RegulationCheck::Authenticity => "authenticity",
        }
    }
}

/// What happens to a check the regulation does not state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnstatedChecks {
    /// Run and counted like a stated check (the default).
    #[default]
    Required,
    /// Run; an *unknown* outcome is not counted and is listed as not required. A failed
    /// outcome still counts. Authenticity is never relaxed.
    MayBeUnproven,
}

/// A refusal wording in three languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusalText {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

/// The signature profile of one regulation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// Stable identifier (`vko-archive-certificate`, ...).
    pub id: String,
    /// The service's name in Kazakh.
    pub title_kk: String,
    /// The service's name in Russian.
    pub title_ru: String,
    /// The service's name in English.
    pub title_en: String,
    /// Region (oblast, city, district).
    pub region: String,
    /// The act that approved the regulation.
    pub decree: String,
    /// The service provider.
    pub provider: String,
    /// The information system named on output documents (barcode notes).
    pub information_system: String,
    /// Whose authorised person signs the output document (and a refusal).
    pub signing_subdivision: String,
    /// Does the regulation have the request certified by EDS?
    pub eds_required: bool,
    /// Who may certify a request.
    pub signer_roles: Vec<SignerRole>,
    /// The identity match.
    pub identity: IdentityRule,
    /// The certificate-condition checks the regulation states.
    pub checks: Vec<RegulationCheck>,
    /// What happens to the checks it does not state.
    pub unstated_checks: UnstatedChecks,
    /// A service-centre submission carries the operator's and the applicant's signatures.
    pub second_signer_required: bool,
    /// The refusal wording ("EDS authenticity not confirmed").
    pub refusal: RefusalText,
    /// Fields whose values are placeholders (the decree text was not at hand).
    pub placeholders: Vec<String>,
}

/// The profile data could not be read or is inconsistent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// Not TOML, or not the expected shape (unknown keys included).
    #[error("profile data: {0}")]
    Toml(String),
    /// A profile breaks a rule of the format.
    #[error("profile {id:?}: {reason}")]
    Invalid {
        /// The profile's id (possibly empty).
        id: String,
        /// Which rule.
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: u32,
    #[serde(default)]
    defaults: RawDefaults,
    #[serde(default)]
    profile: Vec<RawProfile>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    refusal: Option<RefusalText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: String,
    title_kk: String,
    title_ru: String,
    title_en: String,
    region: String,
    decree: String,
    provider: String,
    information_system: String,
    signing_subdivision: String,
    eds_required: bool,
    signer_roles: Vec<SignerRole>,
    identity: IdentityRule,
    checks: Vec<RegulationCheck>,
    #[serde(default)]
    unstated_checks: UnstatedChecks,
    second_signer_required: bool,
    refusal: Option<RefusalText>,
    #[serde(default)]
    placeholders: Vec<String>,
}

fn has_duplicates<T: std::hash::Hash + Eq>(items: &[T]) -> bool {
    let mut seen = HashSet::new();
    items.iter().any(|i| !seen.insert(i))
}

impl RawProfile {
    fn validate(self, default_refusal: Option<&RefusalText>) -> Result<Profile, ProfileError> {
        let invalid = |reason: &str| ProfileError::Invalid {
            id: self.id.clone(),
            reason: reason.to_string(),
        };
        if self.id.is_empty()
            || !self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || self.id.starts_with('-')
            || self.id.ends_with('-')
        {
            return Err(invalid("the id must be lowercase a-z, 0-9 and '-'"));
        }
        for (name, value) in [
            ("title_kk", &self.title_kk),
            ("title_ru", &self.title_ru),
            ("title_en", &self.title_en),
            ("region", &self.region),
            ("decree", &self.decree),
            ("provider", &self.provider),
            ("information_system", &self.information_system),
            ("signing_subdivision", &self.signing_subdivision),
        ] {
            if value.trim().is_empty() {
                return Err(invalid(&format!("{name} is empty")));
            }
        }
        if has_duplicates(&self.signer_roles) {
            return Err(invalid("signer_roles lists a role twice"));
        }
        if has_duplicates(&self.checks) {
            return Err(invalid("checks lists a check twice"));
        }
        if has_duplicates(&self.placeholders) {
            return Err(invalid("placeholders lists a field twice"));
        }
        if let Some(p) = self
            .placeholders
            .iter()
            .find(|p| !PLACEHOLDER_FIELDS.contains(&p.as_str()))
        {
            return Err(invalid(&format!(
                "placeholders names {p:?}, which is not a field that can be a placeholder"
            )));
        }
        let states_identity = self.checks.contains(&RegulationCheck::Identity);
        if self.eds_required {
            if self.signer_roles.is_empty() {
                return Err(invalid(
                    "eds_required = true needs at least one signer role",
                ));
            }
            if self.checks.is_empty() {
                return Err(invalid(
                    "eds_required = true needs the checks the regulation states",
                ));
            }
            if states_identity != (self.identity != IdentityRule::None) {
                return Err(invalid(
                    "checks lists \"identity\" exactly when identity is not \"none\"",
                ));
            }
            if self.second_signer_required {
                if !self
                    .signer_roles
                    .contains(&SignerRole::ServiceCenterOperator)
                {
                    return Err(invalid(
                        "second_signer_required = true needs the service_center_operator role",
                    ));
                }
                if self.identity == IdentityRule::None {
                    return Err(invalid(
                        "second_signer_required = true needs an identity rule: the applicant's signature is told from the operator's by the identity match",
                    ));
                }
            }
        } else if !self.signer_roles.is_empty()
            || !self.checks.is_empty()
            || self.identity != IdentityRule::None
            || self.second_signer_required
            || self.unstated_checks != UnstatedChecks::Required
        {
            return Err(invalid(
                "eds_required = false: signer_roles and checks must be empty, identity \"none\", second_signer_required false, unstated_checks \"required\"",
            ));
        }
        let refusal = match self.refusal.clone().or_else(|| default_refusal.cloned()) {
            Some(r) => r,
            None => return Err(invalid("no refusal text and no [defaults].refusal")),
        };
        if [&refusal.kk, &refusal.ru, &refusal.en]
            .iter()
            .any(|t| t.trim().is_empty())
        {
            return Err(invalid("a refusal text is empty"));
        }
        Ok(Profile {
            id: self.id,
            title_kk: self.title_kk,
            title_ru: self.title_ru,
            title_en: self.title_en,
            region: self.region,
            decree: self.decree,
            provider: self.provider,
            information_system: self.information_system,
            signing_subdivision: self.signing_subdivision,
            eds_required: self.eds_required,
            signer_roles: self.signer_roles,
            identity: self.identity,
            checks: self.checks,
            unstated_checks: self.unstated_checks,
            second_signer_required: self.second_signer_required,
            refusal,
            placeholders: self.placeholders,
        })
    }
}

static EMBEDDED: OnceLock<Vec<Profile>> = OnceLock::new();

impl Profile {
    /// The embedded profiles (parsed and validated on first use; a unit test guarantees
    /// they are valid).
    pub fn all() -> &'static [Profile] {
        EMBEDDED.get_or_init(|| {
            Profile::parse_toml(REGULATIONS_TOML)
                .unwrap_or_else(|e| panic!("the embedded regulations.toml is invalid: {e}"))
        })
    }

    /// The embedded profile with this id.
    pub fn by_id(id: &str) -> Option<&'static Profile> {
        Profile::all().iter().find(|p| p.id == id)
    }

    /// Read and validate profiles in the embedded file's format (unknown keys rejected,
    /// ids unique, each profile consistent).
    pub fn parse_toml(text: &str) -> Result<Vec<Profile>, ProfileError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| ProfileError::Toml(e.to_string()))?;
        if raw.schema != SCHEMA {
            return Err(ProfileError::Toml(format!(
                "schema {} is not supported (expected {SCHEMA})",
                raw.schema
            )));
        }
        let mut ids = HashSet::new();
        let mut out = Vec::with_capacity(raw.profile.len());
        for p in raw.profile {
            let profile = p.validate(raw.defaults.refusal.as_ref())?;
            if !ids.insert(profile.id.clone()) {
                return Err(ProfileError::Invalid {
                    id: profile.id,
                    reason: "the id is used twice".into(),
                });
            }
            out.push(profile);
        }
        Ok(out)
    }

    /// Does the regulation have the request certified by EDS? When not,
    /// [`check_request`] answers [`NotApplicable`].
    pub fn requires_eds(&self) -> bool {
        self.eds_required
    }

    /// Does the regulation state this check?
    pub fn states(&self, check: RegulationCheck) -> bool {
        self.checks.contains(&check)
    }

    /// Is a check of this kind required for a request to be valid (always, except an
    /// unstated validity or revocation check under [`UnstatedChecks::MayBeUnproven`], and
    /// then only when its outcome is unknown)?
    pub fn requires(&self, check: RegulationCheck) -> bool {
        check == RegulationCheck::Authenticity
            || self.states(check)
            || self.unstated_checks == UnstatedChecks::Required
    }

    /// Who may certify a request under this regulation?
    pub fn allows(&self, role: SignerRole) -> bool {
        self.signer_roles.contains(&role)
    }

    /// Does a request certified by `role` need a second signature (the applicant's)?
    pub fn needs_second_signer(&self, role: SignerRole) -> bool {
        self.second_signer_required && role == SignerRole::ServiceCenterOperator
    }

    /// Is this field's value a placeholder?
    pub fn is_placeholder(&self, field: &str) -> bool {
        self.placeholders.iter().any(|p| p == field)
    }

    /// The checks the regulation does not state.
    pub fn not_stated(&self) -> Vec<RegulationCheck> {
        RegulationCheck::ALL
            .into_iter()
            .filter(|c| !self.states(*c))
            .collect()
    }

    /// The refusal in this profile's wording, naming the checks that failed or could not
    /// be confirmed; `None` when every check passed.
    pub fn refusal_for(&self, checks: &[Check]) -> Option<RequestRefusal> {
        let pick = |o: Outcome| -> Vec<CheckName> {
            let mut v: Vec<CheckName> = Vec::new();
            for c in checks.iter().filter(|c| c.outcome == o) {
                if !v.contains(&c.check) {
                    v.push(c.check);
                }
            }
            v
        };
        let failed = pick(Outcome::Failed);
        let unknown = pick(Outcome::Unknown);
        if failed.is_empty() && unknown.is_empty() {
            return None;
        }
        let list = |names: &[CheckName], lang: usize| -> String {
            names
                .iter()
                .map(|n| {
                    let (kk, ru, en) = n.describe();
                    [kk, ru, en][lang]
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let base = |t: &str| format!("{}.", t.trim().trim_end_matches('.'));
        let mut kk = base(&self.refusal.kk);
        let mut ru = base(&self.refusal.ru);
        let mut en = base(&self.refusal.en);
        if !failed.is_empty() {
            kk += &format!(" Тексеруден өтпеді: {}.", list(&failed, 0));
            ru += &format!(" Не пройдена проверка: {}.", list(&failed, 1));
            en += &format!(" Failed: {}.", list(&failed, 2));
        }
        if !unknown.is_empty() {
            kk += &format!(" Тексеру мүмкін болмады: {}.", list(&unknown, 0));
            ru += &format!(" Не удалось проверить: {}.", list(&unknown, 1));
            en += &format!(" Could not be confirmed: {}.", list(&unknown, 2));
        }
        Some(RequestRefusal {
            kk,
            ru,
            en,
            failed,
            unknown,
        })
    }
}

// ---------------------------------------------------------------------------------------
// The request condition

/// What the request says about its applicant, and through which channel it came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RequestIdentity {
    /// The IIN written in the request (an individual's request, or a legal entity's
    /// representative under [`IdentityRule::IinOrBin`] when a BIN is also given).
    pub iin: Option<Iin>,
    /// The BIN written in the request (a legal entity's request).
    pub bin: Option<Bin>,
    /// Who certified the request with EDS (the channel it came through).
    pub certified_by: SignerRole,
}

impl RequestIdentity {
    /// An individual's request, certified by the applicant on the portal.
    pub fn individual(iin: Iin) -> RequestIdentity {
        RequestIdentity {
            iin: Some(iin),
            bin: None,
            certified_by: SignerRole::ApplicantPortal,
        }
    }

    /// A legal entity's request, certified by the applicant on the portal.
    pub fn legal_entity(bin: Bin) -> RequestIdentity {
        RequestIdentity {
            iin: None,
            bin: Some(bin),
            certified_by: SignerRole::ApplicantPortal,
        }
    }

    /// A request naming no identity (for [`IdentityRule::None`] profiles), certified by the
    /// applicant on the portal.
    pub fn unnamed() -> RequestIdentity {
        RequestIdentity {
            iin: None,
            bin: None,
            certified_by: SignerRole::ApplicantPortal,
        }
    }

    /// The same request, certified by `role`.
    pub fn certified_by(mut self, role: SignerRole) -> RequestIdentity {
        self.certified_by = role;
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

/// In which capacity a SignerInfo signed the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerCapacity {
    /// The applicant (the person or entity the request names).
    Applicant,
    /// The official who certified the request (service-centre operator or provider
    /// employee); the identity match does not apply to this signature.
    Official,
}

/// One SignerInfo of the request, judged under the profile.
#[derive(Clone, Debug, Serialize)]
pub struct RequestSigner {
    /// Position of the SignerInfo.
    pub index: usize,
    /// The capacity it signed in.
    pub capacity: SignerCapacity,
    /// Its result under the profile (the checks counted).
    pub verdict: Overall,
    /// The checks counted: the CMS checks, the certificate condition, and the identity
    /// match when it applies to this signer.
    pub checks: Vec<Check>,
    /// Checks run but not counted (unknown, unstated, and relaxed by the profile).
    pub not_required: Vec<Check>,
    /// The certificate's IIN, when the certificate was found.
    pub iin: Option<Iin>,
    /// The certificate's BIN, when the certificate was found.
    pub bin: Option<Bin>,
    /// The CMS verdict on this SignerInfo (certificate facts, path, revocation details).
    pub signer: SignerVerdict,
}

impl RequestSigner {
    /// Is this signer valid under the profile?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
}

/// A check that was run but did not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotRequired {
    /// Which SignerInfo.
    pub signer: usize,
    /// The check, with its (unknown) outcome and reason.
    pub check: Check,
}

/// The refusal: the profile's wording followed by the checks that failed or could not be
/// confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestRefusal {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
    /// The checks that failed.
    pub failed: Vec<CheckName>,
    /// The checks that could not be confirmed.
    pub unknown: Vec<CheckName>,
}

/// The content of a request whose verdict is valid; nothing else constructs it.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestContent {
    bytes: Arc<[u8]>,
    content_type: String,
}

impl RequestContent {
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

impl AsRef<[u8]> for RequestContent {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for RequestContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestContent")
            .field("len", &self.bytes.len())
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The verdict on a signed request under a profile.
#[derive(Clone, Debug, Serialize)]
pub struct RequestVerdict {
    /// The profile applied.
    pub profile_id: String,
    /// Overall: valid only when every counted check passed.
    pub verdict: Overall,
    /// The request's checks: `content`, `signers` (who signed, against the profile's
    /// roles), then each check of the signers combined (the worst outcome over the signers
    /// it applies to; identity under a second-signer policy: some signer must match).
    pub checks: Vec<Check>,
    /// Each SignerInfo.
    pub signers: Vec<RequestSigner>,
    /// The refusal, when the verdict is not valid.
    pub refusal: Option<RequestRefusal>,
    /// The checks the regulation does not state.
    pub not_stated: Vec<RegulationCheck>,
    /// Checks run but not counted (the profile allows them to be unproven).
    pub not_required: Vec<NotRequired>,
    /// Explanations (identity not applied to an official, unstated checks enforced ...).
    pub notes: Vec<String>,
    /// The channel the request came through.
    pub certified_by: SignerRole,
    /// The time judged.
    pub at: DateTime<Utc>,
    /// eContentType (dotted OID).
    pub content_type: String,
    /// Was the signature detached?
    pub detached: bool,
    #[serde(skip)]
    content: Option<RequestContent>,
}

impl RequestVerdict {
    /// Is the request accepted?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// The request's content, only when the verdict is valid.
    pub fn verified_content(&self) -> Option<&RequestContent> {
        self.content.as_ref()
    }
    /// The request's content, only when the verdict is valid.
    pub fn into_verified_content(self) -> Option<RequestContent> {
        self.content
    }
    /// A request-level check by name.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
    }
}

/// Is the request shaped as the identity rule requires? Failed checks when not.
fn request_shape(rule: IdentityRule, request: &RequestIdentity) -> Vec<Check> {
    let mut out = Vec::new();
    match rule {
        IdentityRule::None => {}
        IdentityRule::IinOnly => {
            if request.iin.is_none() {
                out.push(Check::new(
                    CheckName::IinMatch,
                    Outcome::Failed,
                    "the request names no IIN, and the regulation matches the applicant's IIN",
                ));
            }
            if let Some(bin) = request.bin {
                out.push(Check::new(
                    CheckName::BinMatch,
                    Outcome::Failed,
                    format!("the request names BIN {bin}, but the regulation serves individuals and matches the IIN only"),
                ));
            }
        }
        IdentityRule::IinOrBin => {
            if request.iin.is_none() && request.bin.is_none() {
                out.push(Check::new(
                    CheckName::IinMatch,
                    Outcome::Failed,
                    "the request names neither an IIN nor a BIN, and the regulation matches one of them",
                ));
            }
        }
    }
    out
}

/// The identity match of one signer's certificate (`None`: the certificate is missing).
fn identity_checks(
    rule: IdentityRule,
    request: &RequestIdentity,
    subject: Option<&Subject>,
) -> Vec<Check> {
    let mut wants: Vec<(CheckName, String, Option<String>, &str)> = Vec::new();
    let iin_wanted = matches!(rule, IdentityRule::IinOnly | IdentityRule::IinOrBin);
    if iin_wanted {
        if let Some(want) = request.iin {
            wants.push((
                CheckName::IinMatch,
                want.to_string(),
                subject.and_then(|s| s.iin).map(|i| i.to_string()),
                "IIN",
            ));
        }
    }
    if rule == IdentityRule::IinOrBin {
        if let Some(want) = request.bin {
            wants.push((
                CheckName::BinMatch,
                want.to_string(),
                subject.and_then(|s| s.bin).map(|b| b.to_string()),
                "BIN",
            ));
        }
    }
    wants
        .into_iter()
        .map(|(name, want, have, label)| match (subject, have) {
            (None, _) => Check::new(
                name,
                Outcome::Unknown,
                format!("request {label} {want}: not matched, the signer's certificate is not available"),
            ),
            (Some(_), Some(have)) if have == want => {
                Check::new(name, Outcome::Passed, format!("{label} {have}"))
            }
            (Some(_), Some(have)) => Check::new(
                name,
                Outcome::Failed,
                format!("request {label} {want}, certificate {label} {have}"),
            ),
            (Some(_), None) => Check::new(
                name,
                Outcome::Failed,
                format!("request {label} {want}, the certificate has no {label}"),
            ),
        })
        .collect()
}

fn worst(outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    let mut w = Outcome::Passed;
    for o in outcomes {
        w = match (w, o) {
            (Outcome::Failed, _) | (_, Outcome::Failed) => Outcome::Failed,
            (Outcome::Unknown, _) | (_, Outcome::Unknown) => Outcome::Unknown,
            _ => Outcome::Passed,
        };
    }
    w
}

fn is_identity(name: CheckName) -> bool {
    RegulationCheck::of(name) == RegulationCheck::Identity
}

/// The request condition of `profile`: verify `signed` (attached, or detached over
/// `content`) at `at`, with the identity match, signer roles and check selection the
/// profile states. See the module documentation for every decision taken.
///
/// [`NotApplicable`] when the profile's regulation has no EDS step.
pub fn check_request(
    profile: &Profile,
    signed: &SignedData,
    content: Option<&[u8]>,
    request: &RequestIdentity,
    verifier: &Verifier,
    at: DateTime<Utc>,
) -> Result<RequestVerdict, NotApplicable> {
    if !profile.requires_eds() {
        return Err(NotApplicable {
            profile_id: profile.id.clone(),
        });
    }
    // Identity is matched here, per signer: the operator's certificate must not be held to
    // the applicant's IIN. Everything else is the CMS verification with the full
    // certificate condition at the time given.
    let options = VerifyOptions::at(at);
    let cms = match content {
        Some(c) => signed.verify_detached(c, verifier, &options),
        None => signed.verify(verifier, &options),
    };

    let role = request.certified_by;
    let second = profile.needs_second_signer(role);
    let rule = profile.identity;
    let mut notes = Vec::new();

    // Per signer: its checks, the identity match (when it applies), the relaxation.
    let relax = |c: &Check| {
        c.outcome == Outcome::Unknown && !profile.requires(RegulationCheck::of(c.check))
    };
    let mut signers: Vec<RequestSigner> = Vec::with_capacity(cms.signers.len());
    // Under the second-signer policy: each signer's identity match, which tells the
    // applicant (matches) from the operator (does not).
    let mut matches: Vec<(usize, Vec<Check>)> = Vec::new();
    for sv in &cms.signers {
        let subject = sv.certificate.as_ref().map(|v| &v.subject);
        let identity = identity_checks(rule, request, subject);
        let is_match =
            !identity.is_empty() && identity.iter().all(|c| c.outcome == Outcome::Passed);
        let capacity = match role {
            SignerRole::ApplicantPortal => SignerCapacity::Applicant,
            _ if second && is_match => SignerCapacity::Applicant,
            _ => SignerCapacity::Official,
        };
        let mut all: Vec<Check> = sv.checks.clone();
        if second {
            matches.push((sv.index, identity.clone()));
        }
        if capacity == SignerCapacity::Applicant {
            all.extend(identity);
        }
        let (not_required, counted): (Vec<Check>, Vec<Check>) = all.into_iter().partition(relax);
        signers.push(RequestSigner {
            index: sv.index,
            capacity,
            verdict: overall(&counted),
            checks: counted,
            not_required,
            iin: subject.and_then(|s| s.iin),
            bin: subject.and_then(|s| s.bin),
            signer: sv.clone(),
        });
    }
    // Could a signer not be classified (its certificate is missing)?
    let unclassified = matches
        .iter()
        .any(|(_, cs)| cs.iter().any(|c| c.outcome == Outcome::Unknown));

    // The request-level checks.
    let mut checks: Vec<Check> = Vec::new();
    if let Some(c) = cms.check(CheckName::Content) {
        checks.push(c.clone());
    }
    checks.push(signers_check(profile, role, second, unclassified, &signers));
    let shape = request_shape(rule, request);
    let shape_ok = shape.is_empty();
    checks.extend(shape);

    // Each signer check combined over the signers it applies to (identity under the
    // second-signer policy is combined apart, below).
    let mut names: Vec<CheckName> = Vec::new();
    for s in &signers {
        for c in &s.checks {
            let apart = second && is_identity(c.check);
            if !apart && !names.contains(&c.check) {
                names.push(c.check);
            }
        }
    }
    let many = signers.len() > 1;
    for name in names {
        let mut outcomes = Vec::new();
        let mut reasons = Vec::new();
        for s in &signers {
            if let Some(c) = s.checks.iter().find(|c| c.check == name) {
                outcomes.push(c.outcome);
                reasons.push(if many {
                    format!("#{}: {}", s.index, c.reason)
                } else {
                    c.reason.clone()
                });
            }
        }
        checks.push(Check::new(
            name,
            worst(outcomes.into_iter()),
            reasons.join("; "),
        ));
    }

    // Identity under the second-signer policy: some signer (the applicant) must match.
    if second && shape_ok {
        let applicant = signers
            .iter()
            .find(|s| s.capacity == SignerCapacity::Applicant);
        for kind in identity_checks(rule, request, None).iter().map(|c| c.check) {
            let of_kind = |cs: &[Check]| cs.iter().find(|c| c.check == kind).cloned();
            checks.push(match applicant {
                Some(a) => {
                    let reason = matches
                        .iter()
                        .find(|(i, _)| *i == a.index)
                        .and_then(|(_, cs)| of_kind(cs))
                        .map(|c| c.reason)
                        .unwrap_or_default();
                    Check::new(
                        kind,
                        Outcome::Passed,
                        format!("the applicant's signature #{}: {reason}", a.index),
                    )
                }
                None => {
                    let mine: Vec<(usize, Check)> = matches
                        .iter()
                        .filter_map(|(i, cs)| of_kind(cs).map(|c| (*i, c)))
                        .collect();
                    // Unknown when a certificate was missing (it may be the applicant's);
                    // otherwise no signer carries the request's identity.
                    let outcome = if mine.iter().any(|(_, c)| c.outcome == Outcome::Unknown) {
                        Outcome::Unknown
                    } else {
                        Outcome::Failed
                    };
                    let reasons: Vec<String> = mine
                        .iter()
                        .map(|(i, c)| format!("#{i}: {}", c.reason))
                        .collect();
                    Check::new(
                        kind,
                        outcome,
                        format!(
                            "no signature's certificate carries the request's identity (the applicant's signature is missing or does not match): {}",
                            if reasons.is_empty() { "no signature".to_string() } else { reasons.join("; ") }
                        ),
                    )
                }
            });
        }
    }

    // Notes.
    if rule != IdentityRule::None
        && !second
        && role != SignerRole::ApplicantPortal
        && !signers.is_empty()
    {
        notes.push(format!(
            "identity: the request was certified by {} alone; the match between the request's IIN/BIN and a certificate applies to the applicant's signature and was not applied to the official's certificate (the official identified the applicant by an identity document)",
            role.describe()
        ));
    }
    let not_stated = profile.not_stated();
    for c in &not_stated {
        match c {
            RegulationCheck::Identity => {
                notes.push("identity: not stated by the regulation, not checked".to_string())
            }
            RegulationCheck::Authenticity => notes.push(
                "authenticity: not named by the regulation, required anyway (the other checks prove nothing without it)"
                    .to_string(),
            ),
            other if profile.unstated_checks == UnstatedChecks::Required => notes.push(format!(
                "{}: not stated by the regulation, required anyway (the profile's unstated_checks = \"required\")",
                other.as_str()
            )),
            other => notes.push(format!(
                "{}: not stated by the regulation; an unknown outcome is not counted, a failure is",
                other.as_str()
            )),
        }
    }
    let not_required: Vec<NotRequired> = signers
        .iter()
        .flat_map(|s| {
            s.not_required.iter().map(move |c| NotRequired {
                signer: s.index,
                check: c.clone(),
            })
        })
        .collect();

    // The content handed out with a valid verdict: the encapsulated content, or the
    // detached content the signatures were verified over.
    let source = signed.unverified_content().or(content);
    let content_passed = cms
        .check(CheckName::Content)
        .is_some_and(|c| c.outcome == Outcome::Passed);
    if !content_passed && !checks.iter().any(|c| c.check == CheckName::Content)
        || content_passed && source.is_none()
    {
        // Not expected (a passed content check means content), but never valid without it.
        checks.push(Check::new(
            CheckName::Content,
            Outcome::Unknown,
            "no signed content to hand out",
        ));
    }
    let verdict = overall(&checks);
    let refusal = if verdict == Overall::Valid {
        None
    } else {
        profile.refusal_for(&checks)
    };
    let content_out = match (verdict, source) {
        (Overall::Valid, Some(bytes)) => Some(RequestContent {
            bytes: Arc::from(bytes),
            content_type: signed.content_type().to_string(),
        }),
        _ => None,
    };
    Ok(RequestVerdict {
        profile_id: profile.id.clone(),
        verdict,
        checks,
        signers,
        refusal,
        not_stated,
        not_required,
        notes,
        certified_by: role,
        at,
        content_type: cms.content_type.clone(),
        detached: cms.detached,
        content: content_out,
    })
}

/// Who signed, against the profile's roles and the second-signer policy.
fn signers_check(
    profile: &Profile,
    role: SignerRole,
    second: bool,
    unclassified: bool,
    signers: &[RequestSigner],
) -> Check {
    let fail = |r: String| Check::new(CheckName::Signers, Outcome::Failed, r);
    if !profile.allows(role) {
        let allowed: Vec<&str> = profile.signer_roles.iter().map(|r| r.as_str()).collect();
        return fail(format!(
            "the regulation does not provide for a request certified by {} (roles: {})",
            role.describe(),
            allowed.join(", ")
        ));
    }
    if signers.is_empty() {
        return fail("the request carries no signature".into());
    }
    let applicants = signers
        .iter()
        .filter(|s| s.capacity == SignerCapacity::Applicant)
        .count();
    let officials = signers.len() - applicants;
    if second {
        if applicants == 0 && unclassified {
            return Check::new(
                CheckName::Signers,
                Outcome::Unknown,
                "no signature is the applicant's among those whose certificate is available; a signer's certificate is missing, so whose it is cannot be told",
            );
        }
        if applicants == 0 {
            return fail(format!(
                "a request certified at a service centre needs the applicant's signature after the operator's: none of the {} signature(s) is the applicant's",
                signers.len()
            ));
        }
        if officials == 0 {
            return fail(format!(
                "a request certified at a service centre needs the operator's signature and the applicant's: the {} signature(s) are all the applicant's",
                signers.len()
            ));
        }
        return Check::new(
            CheckName::Signers,
            Outcome::Passed,
            format!(
                "{officials} operator signature(s) and {applicants} applicant signature(s), as the regulation requires for a service-centre request"
            ),
        );
    }
    Check::new(
        CheckName::Signers,
        Outcome::Passed,
        format!("{} signature(s) by {}", signers.len(), role.describe()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses_and_validates() {
        let profiles = Profile::parse_toml(REGULATIONS_TOML).expect("regulations.toml is valid");
        assert_eq!(profiles.len(), 13);
        assert_eq!(Profile::all().len(), 13);
        for id in [
            "vko-archive-certificate",
            "astana-archive-certificate",
            "mangystau-foreign-media-registration",
            "kokpekti-unemployment-certificate",
            "kokpekti-home-schooling-support",
            "kokpekti-preschool-queue",
            "kokpekti-guardianship-certificate",
            "kokpekti-minors-property-transactions",
            "kokpekti-minors-deposits-vehicle-inheritance",
            "kokpekti-housing-queue",
            "akmola-targeted-social-assistance",
            "akmola-home-schooling-support",
            "akmola-unemployment-certificate",
        ] {
            assert!(Profile::by_id(id).is_some(), "{id}");
        }
        assert!(Profile::by_id("nope").is_none());
        for p in Profile::all() {
            if p.id.starts_with("kokpekti-") {
                assert_eq!(p.identity, IdentityRule::IinOnly, "{}", p.id);
            }
            assert_eq!(p.refusal.ru, "Подлинность ЭЦП не подтверждена");
        }
        let tsa = Profile::by_id("akmola-targeted-social-assistance").unwrap();
        assert!(!tsa.requires_eds());
        let a = Profile::by_id("akmola-unemployment-certificate").unwrap();
        assert_eq!(
            a.checks,
            [RegulationCheck::Validity, RegulationCheck::Authenticity]
        );
        assert!(a.requires(RegulationCheck::Revocation));
    }

    const MINIMAL: &str = r#"
schema = 1
[[profile]]
id = "x"
title_kk = "k"
title_ru = "r"
title_en = "e"
region = "r"
decree = "d"
provider = "p"
information_system = "i"
signing_subdivision = "s"
eds_required = true
signer_roles = ["applicant_portal"]
identity = "iin_only"
checks = ["validity", "revocation", "identity", "authenticity"]
second_signer_required = false
refusal = { kk = "k", ru = "r", en = "e" }
"#;

    #[test]
    fn minimal_profile_parses() {
        let p = Profile::parse_toml(MINIMAL).unwrap();
        assert_eq!(p[0].unstated_checks, UnstatedChecks::Required);
    }

    #[test]
    fn unknown_fields_rejected() {
        let bad = MINIMAL.replace("region = \"r\"", "region = \"r\"\ncolour = \"blue\"");
        assert!(matches!(
            Profile::parse_toml(&bad),
            Err(ProfileError::Toml(_))
        ));
        let bad_top = format!("extra = 1\n{MINIMAL}");
        assert!(matches!(
            Profile::parse_toml(&bad_top),
            Err(ProfileError::Toml(_))
        ));
        let bad_enum = MINIMAL.replace("\"iin_only\"", "\"iin_maybe\"");
        assert!(Profile::parse_toml(&bad_enum).is_err());
        let missing = MINIMAL.replace("provider = \"p\"\n", "");
        assert!(Profile::parse_toml(&missing).is_err());
    }

    #[test]
    fn inconsistent_profiles_rejected() {
        let cases = [
            MINIMAL.replace(
                "checks = [\"validity\", \"revocation\", \"identity\", \"authenticity\"]",
                "checks = [\"validity\", \"authenticity\"]",
            ),
            MINIMAL.replace(
                "second_signer_required = false",
                "second_signer_required = true",
            ),
            MINIMAL.replace("id = \"x\"", "id = \"X y\""),
            MINIMAL.replace("signer_roles = [\"applicant_portal\"]", "signer_roles = []"),
            MINIMAL.replace("eds_required = true", "eds_required = false"),
            MINIMAL.replace("refusal = { kk = \"k\", ru = \"r\", en = \"e\" }", ""),
            MINIMAL.replace("refusal = {", "placeholders = [\"colour\"]\nrefusal = {"),
            format!(
                "{MINIMAL}{}",
                &MINIMAL[MINIMAL.find("[[profile]]").unwrap()..]
            ),
            MINIMAL.replace("schema = 1", "schema = 2"),
        ];
        for (i, c) in cases.iter().enumerate() {
            assert!(Profile::parse_toml(c).is_err(), "case {i} accepted:\n{c}");
        }
    }

    #[test]
    fn refusal_uses_profile_wording() {
        let p = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
        let r = p
            .refusal_for(&[
                Check::new(CheckName::IinMatch, Outcome::Failed, "x"),
                Check::new(CheckName::Revocation, Outcome::Unknown, "y"),
            ])
            .unwrap();
        assert!(r
            .kk
            .starts_with("ЭЦҚ түпнұсқалығы расталмады. Тексеруден өтпеді:"));
        assert!(r.ru.contains("ИИН"));
        assert!(r.en.contains("Could not be confirmed: the absence"));
        assert_eq!(r.failed, [CheckName::IinMatch]);
        assert_eq!(r.unknown, [CheckName::Revocation]);
        assert!(p
            .refusal_for(&[Check::new(CheckName::Validity, Outcome::Passed, "")])
            .is_none());
    }

    #[test]
    fn check_groups() {
        assert_eq!(
            RegulationCheck::of(CheckName::Chain),
            RegulationCheck::Authenticity
        );
        assert_eq!(
            RegulationCheck::of(CheckName::Signature),
            RegulationCheck::Authenticity
        );
        assert_eq!(
            RegulationCheck::of(CheckName::KeyUsage),
            RegulationCheck::Authenticity
        );
        assert_eq!(
            RegulationCheck::of(CheckName::BinMatch),
            RegulationCheck::Identity
        );
        assert_eq!(
            RegulationCheck::of(CheckName::Revocation),
            RegulationCheck::Revocation
        );
    }
}
