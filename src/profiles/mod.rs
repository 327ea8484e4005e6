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
//! The embedded profiles are taken from the decrees' texts: the approving act as data
//! ([`DecreeRef`], with the regulation's amendments in [`Profile::amended_by`]), and in the
//! decree's own Kazakh words the service title, the provider, the information system, who
//! signs, the condition ([`Profile::condition_kk`], from which [`Profile::checks`] is read)
//! and the refusal. The decree texts at hand are Kazakh: a Russian value they do not print
//! is a translation, and [`Profile::translated`] says so.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use qoltanba::cms::SignedData;
//! use qoltanba::identity::Iin;
//! use qoltanba::profiles::{check_request, Profile, RequestIdentity};
//! use qoltanba::{Judged, Verifier};
//! let verifier = Verifier::builder()
//!     .trust_path("test-vectors/pki/root.cer")?
//!     .intermediate_path("test-vectors/pki/nca_rsa.cer")?
//!     .crl_path("test-vectors/pki/nca_rsa_current.crl")?
//!     .build();
//! let profile = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
//! let signed = SignedData::from_input(&std::fs::read("request.cms")?)?;
//! let request = RequestIdentity::individual(Iin::parse("123456789011")?);
//! let verdict = check_request(profile, &signed, None, &request, &verifier, chrono::Utc::now())?;
//! match verdict.verified_content() {
//!     Some(content) => println!("accepted: {} bytes", content.as_bytes().len()),
//!     None => println!("{}", verdict.refusal().map(|r| r.ru()).unwrap_or("")),
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
//!   refused. [`IdentityRule::None`]: no identity check (listed as not stated); an IIN or
//!   BIN the caller names anyway is matched as stated.
//! * **Who signs.** [`RequestIdentity::certified_by`] says through which channel the request
//!   came; it must be one of the profile's [`Profile::channels`], and it is the caller's
//!   claim, never a proof. A channel lists the signatures the request carries
//!   ([`SignatureRole`]), and each is proven from a signer's certificate:
//!   - the applicant's, by the identity match (under [`IdentityRule::None`], the signature
//!     that is not an official's); never a signature by the person of an official's
//!     signature (the same IIN) nor a certificate of the centre or the provider itself
//!     (the BIN the caller names);
//!   - an official's (a service-centre operator, the provider's employee), by a legal
//!     entity's certificate carrying one of [`Profile::official_roles`] (the NCA employee
//!     role by default) and the BIN of that organisation, which the caller gives
//!     ([`RequestIdentity::service_center_bin`], [`RequestIdentity::provider_bin`]): the
//!     certificate cannot say which organisation is the provider. Without that BIN the
//!     official is not proven (indeterminate).
//!
//!   Every SignerInfo must be valid and prove one of the channel's signatures, each
//!   signature proven once ([`CheckName::SignerRole`], [`CheckName::Signers`]). Through the
//!   portal every SignerInfo is the applicant's and each must match. The order of the
//!   SignerInfos is not used (DER sorts a SET OF). Where the channel carries an official's
//!   signature alone, the applicant's identity match is not applied to the official's
//!   certificate (the official identified the applicant by an identity document, outside
//!   the EDS); the request must still name the identity the rule requires, and the verdict
//!   says so in [`RequestVerdict::notes`]. Where the channel carries the applicant's
//!   signature, its match is never dropped.
//! * **No EDS step** ([`Profile::eds_required`] false): [`check_request`] returns
//!   [`NotApplicable`] rather than a verdict: there is no signature to be valid or invalid,
//!   and a "valid" verdict would claim what nothing proved. Ask [`Profile::requires_eds`]
//!   first.
//! * The time judged is passed in (`at`); signingTime is reported, not trusted. A time the
//!   request claims ([`RequestTime::claimed`]) is judged, and the certificates are judged
//!   at the time checked as well, the worse counting: condition 2 checks validity and the
//!   revoked list when the service is asked, and a claim never places a signature in the
//!   past (a time-stamp does).
//! * A stated IIN/BIN ([`check_request`]) over content that is the service's own form must
//!   be the one the form carries; content that presents itself as a request document (the
//!   request namespace, a JSON head member) but is not this service's form is refused.

use crate::verdict::Judged as _;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::certificate::{NcaRole, Subject};
use crate::cms::{SignedData, SignerVerdict, VerifiedContent, VerifyOptions};
use crate::condition::Verifier;
use crate::identity::{Bin, Iin};
use crate::verdict::{overall, Check, CheckName, Outcome, Overall};

/// The embedded profile data (`src/profiles/regulations.toml`).
pub const REGULATIONS_TOML: &str = include_str!("regulations.toml");

/// The embedded request forms (`src/profiles/forms.toml`): each profile's request form
/// from its decree's appendix, joined to the profiles by id.
pub const FORMS_TOML: &str = include_str!("forms.toml");

/// `profiles` with the request forms of a forms file (`[forms.<id>.request]`) attached by
/// id. A form for no profile, or inconsistent with its profile's identity rule, is an
/// error; a profile that already has a form keeps it only if the file has none.
pub fn with_forms(
    mut profiles: Vec<Profile>,
    forms_toml: &str,
) -> Result<Vec<Profile>, ProfileError> {
    let forms = form::parse_forms(forms_toml).map_err(ProfileError::Toml)?;
    for (id, forms) in forms {
        let Some(profile) = profiles.iter_mut().find(|p| p.id == id) else {
            return Err(ProfileError::Invalid {
                id,
                reason: "forms for no profile".into(),
            });
        };
        for form in &forms.requests {
            form.validate(profile.identity)
                .map_err(|r| ProfileError::Invalid {
                    id: id.clone(),
                    reason: format!("request form: {r}"),
                })?;
        }
        let mut requests = forms.requests.into_iter();
        profile.request_form = requests.next();
        profile.more_request_forms = requests.collect();
        profile.output_forms = forms.outputs;
        profile.refusal_form = forms.refusal;
    }
    Ok(profiles)
}

/// The data format version this module reads (2: `channels` with the signatures each
/// carries and `[defaults.officials]`, replacing `signer_roles` and `second_signer_required`).
pub const SCHEMA: u32 = 2;

/// Fields a profile may list in `translated`: its Russian values (the decree texts at hand
/// are Kazakh; a Russian value not printed in them is a translation of the Kazakh wording).
pub const TRANSLATABLE_FIELDS: &[&str] = &[
    "title_ru",
    "provider",
    "information_system",
    "signing_subdivision",
    "refusal.ru",
    "official_refusal.ru",
];

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
    "channels",
    "refusal",
];

// ---------------------------------------------------------------------------------------
// Types of the data

/// Who certifies a request with an EDS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// One signature a request carries, and so what its certificate must prove.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureRole {
    /// The applicant's own signature: proven by the match between the request's IIN/BIN and
    /// the certificate's (the profile's [`IdentityRule`]).
    Applicant,
    /// A service-centre operator's: proven by a legal entity's certificate with one of the
    /// officials' roles ([`Profile::official_roles`]) and the service centre's BIN
    /// ([`RequestIdentity::service_center_bin`]).
    ServiceCenterOperator,
    /// The provider's employee's: the same proof with the provider's BIN
    /// ([`RequestIdentity::provider_bin`]).
    ProviderEmployee,
}

impl SignatureRole {
    /// snake_case name, as in the data.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureRole::Applicant => "applicant",
            SignatureRole::ServiceCenterOperator => "service_center_operator",
            SignatureRole::ProviderEmployee => "provider_employee",
        }
    }

    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            SignatureRole::Applicant => "the applicant",
            SignatureRole::ServiceCenterOperator => "the service-centre operator",
            SignatureRole::ProviderEmployee => "the provider's employee",
        }
    }
}

/// Through which channel a request may come, and the signatures it then carries, in the
/// order they are made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChannelRule {
    /// Who certifies the request.
    pub certified_by: SignerRole,
    /// The signatures, each to be proven from its certificate.
    pub signatures: Vec<SignatureRole>,
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

/// An act (a resolution of the same issuer) that amended a regulation or repealed the
/// approving decree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActRef {
    /// Its date.
    pub date: NaiveDate,
    /// Its number, without "N" / "№".
    pub number: String,
    /// What it did to the regulation (English), when said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
}

/// The act that approved a regulation, as the legal database heads it: who adopted it,
/// when, its number, and its state registration. Data rather than a sentence, so that a
/// provider's output document can cite it and a test can find each fact in the decree's
/// own text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DecreeRef {
    /// Its key in the data's `[decrees]` (`vko-2012-170`, ...).
    pub key: String,
    /// Who adopted it (English: "akimat of East Kazakhstan oblast").
    pub issuer: String,
    /// Its date.
    pub date: NaiveDate,
    /// Its number, without "N" / "№" (`170`, `193-826`, `А-11/491`).
    pub number: String,
    /// The act as the legal database heads it, in Kazakh, verbatim ("Шығыс Қазақстан
    /// облысы әкімдігінің 2012 жылғы 20 шілдедегі N 170 қаулысы").
    pub citation_kk: String,
    /// The date of its state registration.
    pub registered: NaiveDate,
    /// Its number in the register of normative legal acts.
    pub registration_number: String,
    /// Which justice authority registered it (English).
    pub registered_by: String,
    /// The registration as the heading states it, in Kazakh, verbatim.
    pub registration_kk: String,
    /// The act that repealed it, when the data says.
    pub repealed_by: Option<ActRef>,
}

/// The signature profile of one regulation.
///
/// The Kazakh fields (`*_kk`) carry the decree's own wording; a Russian field is the
/// decree's too unless [`Profile::translated`] names it; English fields are the project's.
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
    /// The act that approved the regulation, cited in English.
    pub decree: String,
    /// The same act as data (`None` in a file that does not give it).
    pub decree_ref: Option<DecreeRef>,
    /// The acts that amended this regulation (not the decree's other regulations).
    pub amended_by: Vec<ActRef>,
    /// The service provider and its subdivisions, in Russian (parts separated by "; ").
    pub provider: String,
    /// The same in Kazakh, the decree's wording.
    pub provider_kk: Option<String>,
    /// The information system in which the output document is formed and signed (the one
    /// barcode notes name), in Russian.
    pub information_system: String,
    /// The same in Kazakh, the decree's wording.
    pub information_system_kk: Option<String>,
    /// Whose EDS signs the output document (and a refusal), in Russian.
    pub signing_subdivision: String,
    /// The same in Kazakh, the decree's wording.
    pub signing_subdivision_kk: Option<String>,
    /// The regulation's certificate condition in Kazakh, verbatim: what [`Profile::checks`]
    /// is read from.
    pub condition_kk: Option<String>,
    /// Does the regulation have the request certified by EDS?
    pub eds_required: bool,
    /// Who may certify a request (the channels of [`Profile::channels`], in order).
    pub signer_roles: Vec<SignerRole>,
    /// Per channel, the signatures a request carries: each a role its certificate must
    /// prove (a channel is the caller's claim, never a proof by itself).
    pub channels: Vec<ChannelRule>,
    /// The NCA roles (extKeyUsage 1.2.398.3.3.4.1.2.x of a legal entity's certificate) that
    /// prove an official's signature (`[defaults.officials] roles`).
    pub official_roles: Vec<NcaRole>,
    /// The identity match.
    pub identity: IdentityRule,
    /// The certificate-condition checks the regulation states.
    pub checks: Vec<RegulationCheck>,
    /// What happens to the checks it does not state.
    pub unstated_checks: UnstatedChecks,
    /// The refusal wording: the decree's own in Kazakh (the refusal of the service for an
    /// unconfirmed EDS), or the default "EDS authenticity not confirmed".
    pub refusal: RefusalText,
    /// The refusal to sign when only an official's EDS is not confirmed (a service-centre
    /// operator's, a provider employee's), where the decree words one apart from the
    /// refusal of the service (Akmola: "... қол қоюдан бас тарту"); `None`: the decree
    /// words none, and [`Profile::refusal`] answers every failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub official_refusal: Option<RefusalText>,
    /// Fields whose Russian value is the project's translation of the decree's Kazakh
    /// wording ([`TRANSLATABLE_FIELDS`]): the decree's Russian text was not at hand.
    pub translated: Vec<String>,
    /// Fields whose values are placeholders (the decree text was not at hand).
    pub placeholders: Vec<String>,
    /// The service's request form, from the decree's appendix: the fields a request
    /// carries, the IIN/BIN the condition compares among them ([`RequestDocument`]).
    pub request_form: Option<RequestForm>,
    /// Further request forms of the same service (one per kind of application), chosen by
    /// a request's `form` number (2, 3 ...; [`RequestDocument::form`]).
    pub more_request_forms: Vec<RequestForm>,
    /// The output documents' forms, from the decree's appendices (the main one first; some
    /// services issue several, a referral and a notice ...).
    pub output_forms: Vec<DocumentForm>,
    /// The refusal's form (often a free-form letter with the reason).
    pub refusal_form: Option<DocumentForm>,
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

static EMBEDDED: OnceLock<Vec<Profile>> = OnceLock::new();

impl Profile {
    /// The embedded profiles (parsed and validated on first use; a unit test guarantees
    /// they are valid).
    pub fn all() -> &'static [Profile] {
        EMBEDDED.get_or_init(|| {
            Profile::parse_toml(REGULATIONS_TOML)
                .and_then(|p| with_forms(p, FORMS_TOML))
                .unwrap_or_else(|e| panic!("the embedded regulations.toml is invalid: {e}"))
        })
    }

    /// The embedded profile with this id.
    pub fn by_id(id: &str) -> Option<&'static Profile> {
        Profile::all().iter().find(|p| p.id == id)
    }

    /// The form an issued document fills: the refusal form, or output form number `number`
    /// (from 1; a regulation may have several). `None` when the regulation has no such
    /// form.
    pub fn document_form(&self, refusal: bool, number: usize) -> Option<&DocumentForm> {
        if refusal {
            self.refusal_form.as_ref()
        } else {
            number.checked_sub(1).and_then(|i| self.output_forms.get(i))
        }
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
        let official_roles = match &raw.defaults.officials {
            None => Vec::new(),
            Some(o) => {
                let mut roles = Vec::new();
                for name in &o.roles {
                    let role = official_role(name).ok_or_else(|| {
                        ProfileError::Toml(format!(
                            "[defaults.officials] roles: {name:?} is not a role of a legal entity's staff (first_head, right_to_sign, financial_signer, human_resources, employee)"
                        ))
                    })?;
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
                roles
            }
        };
        let mut decrees = std::collections::BTreeMap::new();
        for (key, d) in raw.decrees {
            let d = d.validate(&key)?;
            decrees.insert(key, d);
        }
        let mut ids = HashSet::new();
        let mut out = Vec::with_capacity(raw.profile.len());
        for p in raw.profile {
            let profile = p.validate(raw.defaults.refusal.as_ref(), &official_roles, &decrees)?;
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

    /// The request form numbered `n` (1: [`Profile::request_form`], 2 and on:
    /// [`Profile::more_request_forms`]).
    pub fn request_form_numbered(&self, n: u32) -> Option<&RequestForm> {
        match n {
            0 => None,
            1 => self.request_form.as_ref(),
            n => self.more_request_forms.get(usize::try_from(n - 2).ok()?),
        }
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

    /// The signatures a request certified by `role` carries (`None`: the regulation does
    /// not provide for that channel).
    pub fn signatures_for(&self, role: SignerRole) -> Option<&[SignatureRole]> {
        self.channels
            .iter()
            .find(|c| c.certified_by == role)
            .map(|c| c.signatures.as_slice())
    }

    /// Is this field's Russian value a translation of the decree's Kazakh wording (see
    /// [`TRANSLATABLE_FIELDS`])?
    pub fn is_translated(&self, field: &str) -> bool {
        self.translated.iter().any(|t| t == field)
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
    pub fn refusal_for(&self, checks: &[Check]) -> Option<crate::verdict::Refusal> {
        let base = [
            self.refusal.kk.as_str(),
            self.refusal.ru.as_str(),
            self.refusal.en.as_str(),
        ];
        crate::verdict::Refusal::compose(base, checks)
    }

    /// The refusal when only officials' signatures failed: the profile's
    /// [`Profile::official_refusal`] (a refusal to sign) when the decree words one,
    /// otherwise [`Profile::refusal_for`].
    pub fn official_refusal_for(&self, checks: &[Check]) -> Option<crate::verdict::Refusal> {
        match &self.official_refusal {
            Some(r) => crate::verdict::Refusal::compose(
                [r.kk.as_str(), r.ru.as_str(), r.en.as_str()],
                checks,
            ),
            None => self.refusal_for(checks),
        }
    }
}

mod raw;
use raw::*;

mod form;
pub use form::{
    limits as form_limits, BodyItem, DocumentForm, FieldKind, FieldSource, FieldValue, FormError,
    FormField, RequestDocument, RequestForm, RequestFormat, Signatory, REQUEST_NAMESPACE,
    REQUEST_SCHEMA,
};
mod request;
pub use request::*;

#[cfg(test)]
mod tests;
