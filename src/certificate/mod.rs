//! X.509 certificates, read once into owned facts.
//!
//! A [`Certificate`] is parsed once when it is loaded, by the crate's strict DER reader
//! (`parse.rs`: one walk checks the encoding and extracts), and everything path
//! validation, revocation and the regulations' condition need is extracted then: names with
//! their comparison keys, the signed bytes, the typed signature algorithm, the public key,
//! the extensions that are processed, and the NCA subject facts (IIN, BIN, roles ...).
//! Nothing is re-parsed afterwards, and clones are cheap (`Arc`).

use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ber::OidBytes;
use crate::error::{Error, Result};
use crate::identity::{Bin, Iin};
use crate::input::{self, ObjectKind};
use crate::name::{hex_upper, Name};
use crate::oid::{
    ATTR_EMAIL_ADDRESS, AT_BUSINESS_CATEGORY, AT_COMMON_NAME, AT_COUNTRY, AT_DOMAIN_COMPONENT,
    AT_GIVEN_NAME, AT_LOCALITY, AT_ORGANIZATION, AT_ORGANIZATIONAL_UNIT, AT_SERIAL_NUMBER,
    AT_STATE, AT_SURNAME, EKU_ANY, EKU_CLIENT_AUTH, EKU_DOCUMENT_SIGNING, EKU_EMAIL_PROTECTION,
    EXT_AUTHORITY_INFO_ACCESS, EXT_AUTHORITY_KEY_ID, EXT_BASIC_CONSTRAINTS,
    EXT_CERTIFICATE_POLICIES, EXT_CRL_DISTRIBUTION_POINTS, EXT_EXT_KEY_USAGE, EXT_FRESHEST_CRL,
    EXT_INHIBIT_ANY_POLICY, EXT_ISSUER_ALT_NAME, EXT_KEY_USAGE, EXT_NAME_CONSTRAINTS,
    EXT_POLICY_CONSTRAINTS, EXT_SUBJECT_ALT_NAME, EXT_SUBJECT_INFO_ACCESS, EXT_SUBJECT_KEY_ID,
    NCA_ROLE_EMPLOYEE, NCA_ROLE_FINANCIAL_SIGNER, NCA_ROLE_FIRST_HEAD, NCA_ROLE_HUMAN_RESOURCES,
    NCA_ROLE_INDIVIDUAL, NCA_ROLE_INFORMATION_SYSTEM, NCA_ROLE_LEGAL_ENTITY,
    NCA_ROLE_RIGHT_TO_SIGN,
};
use crate::signature::{PublicKey, SignatureAlgorithm};
use distribution_point::parse_crl_distribution_points;
pub use distribution_point::{DistributionPoint, IssuingDistributionPoint, ReasonSet};

pub(crate) mod distribution_point;
#[cfg(test)]
mod oracle;
mod parse;
pub(crate) use parse::authority_key_id;

/// Extensions this library implements and that may be critical.
const MAY_BE_CRITICAL: &[&str] = &[
    EXT_KEY_USAGE,
    EXT_SUBJECT_ALT_NAME, // identifies the subject; no name constraints apply
    EXT_ISSUER_ALT_NAME,
    EXT_BASIC_CONSTRAINTS,
    EXT_CRL_DISTRIBUTION_POINTS,
    EXT_CERTIFICATE_POLICIES, // recorded; any-policy validation
    EXT_EXT_KEY_USAGE,
];

/// Extensions understood but that RFC 5280 says MUST NOT be critical: marked critical, the
/// certificate is refused rather than read as if they were not.
const MUST_NOT_BE_CRITICAL: &[&str] = &[
    EXT_SUBJECT_KEY_ID,
    EXT_AUTHORITY_KEY_ID,
    EXT_FRESHEST_CRL,
    EXT_AUTHORITY_INFO_ACCESS,
    EXT_SUBJECT_INFO_ACCESS,
];

/// Constraints on the certificates below a CA that this library does not enforce (name and
/// policy constraints). Ignoring one would accept what the CA meant to exclude, so a
/// certificate carrying one is refused whether or not it is marked critical.
const UNENFORCED_CONSTRAINTS: &[&str] = &[
    EXT_NAME_CONSTRAINTS,
    EXT_POLICY_CONSTRAINTS,
    EXT_INHIBIT_ANY_POLICY,
];

/// basicConstraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BasicConstraints {
    /// cA flag.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
}

/// keyUsage bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct KeyUsage(pub u16);

impl KeyUsage {
    /// digitalSignature (0).
    pub const DIGITAL_SIGNATURE: u16 = 1 << 0;
    /// nonRepudiation / contentCommitment (1).
    pub const NON_REPUDIATION: u16 = 1 << 1;
    /// keyEncipherment (2).
    pub const KEY_ENCIPHERMENT: u16 = 1 << 2;
    /// dataEncipherment (3).
    pub const DATA_ENCIPHERMENT: u16 = 1 << 3;
    /// keyAgreement (4).
    pub const KEY_AGREEMENT: u16 = 1 << 4;
    /// keyCertSign (5).
    pub const KEY_CERT_SIGN: u16 = 1 << 5;
    /// cRLSign (6).
    pub const CRL_SIGN: u16 = 1 << 6;

    /// Are all the given bits set?
    pub fn has(self, bits: u16) -> bool {
        self.0 & bits == bits
    }

    /// Names of the set bits.
    pub fn names(self) -> Vec<&'static str> {
        const NAMES: [&str; 9] = [
            "digitalSignature",
            "nonRepudiation",
            "keyEncipherment",
            "dataEncipherment",
            "keyAgreement",
            "keyCertSign",
            "cRLSign",
            "encipherOnly",
            "decipherOnly",
        ];
        NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// What the key may be used for, by the NCA conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KeyPurposes {
    /// digitalSignature + nonRepudiation, and no EKU that restricts it to authentication.
    pub signing: bool,
    /// digitalSignature + keyEncipherment (or keyAgreement), and no EKU that excludes clientAuth.
    pub authentication: bool,
}

/// An NCA RK role from the extKeyUsage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "oid")]
pub enum NcaRole {
    /// 1.2.398.3.3.4.1.1: individual.
    Individual,
    /// 1.2.398.3.3.4.1.2: legal entity.
    LegalEntity,
    /// 1.2.398.3.3.4.1.2.1: first head.
    FirstHead,
    /// 1.2.398.3.3.4.1.2.2: person with the right to sign.
    RightToSign,
    /// 1.2.398.3.3.4.1.2.3: person with the right to sign financial documents.
    FinancialSigner,
    /// 1.2.398.3.3.4.1.2.4: HR employee.
    HumanResources,
    /// 1.2.398.3.3.4.1.2.5: employee.
    Employee,
    /// 1.2.398.3.3.4.1.2.6: information system.
    InformationSystem,
    /// Any other 1.2.398.* OID (e.g. 1.2.398.5.19.1.2.2.1), kept raw.
    Other(String),
}

impl NcaRole {
    fn from_oid(oid: &str) -> Option<NcaRole> {
        Some(match oid {
            NCA_ROLE_INDIVIDUAL => NcaRole::Individual,
            NCA_ROLE_LEGAL_ENTITY => NcaRole::LegalEntity,
            NCA_ROLE_FIRST_HEAD => NcaRole::FirstHead,
            NCA_ROLE_RIGHT_TO_SIGN => NcaRole::RightToSign,
            NCA_ROLE_FINANCIAL_SIGNER => NcaRole::FinancialSigner,
            NCA_ROLE_HUMAN_RESOURCES => NcaRole::HumanResources,
            NCA_ROLE_EMPLOYEE => NcaRole::Employee,
            NCA_ROLE_INFORMATION_SYSTEM => NcaRole::InformationSystem,
            o if o.starts_with("1.2.398.") => NcaRole::Other(o.to_string()),
            _ => return None,
        })
    }
}

/// The subject as the regulations see it.
///
/// A name that gives two different IINs (or BINs) proves neither: `iin` (or `bin`) is then
/// `None`, the values are in `ambiguous_iins` (or `ambiguous_bins`), and a request's IIN
/// (or BIN) does not match the certificate. The NCA writes one of each; a second one with
/// another value is not a choice this library makes for its user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[non_exhaustive]
pub struct Subject {
    /// IIN from `serialNumber` "IIN" + 12 digits, when the name gives exactly one.
    pub iin: Option<Iin>,
    /// BIN from `OU` "BIN" + 12 digits, when the name gives exactly one.
    pub bin: Option<Bin>,
    /// The different IINs of a name that gives more than one (at most
    /// [`Subject::AMBIGUOUS_KEPT`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_iins: Vec<Iin>,
    /// The different BINs of a name that gives more than one (at most
    /// [`Subject::AMBIGUOUS_KEPT`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_bins: Vec<Bin>,
    /// CN.
    pub common_name: Option<String>,
    /// SN (surname).
    pub surname: Option<String>,
    /// GN (givenName; NCA puts the patronymic there).
    pub patronymic: Option<String>,
    /// O.
    pub organization: Option<String>,
    /// L.
    pub locality: Option<String>,
    /// ST.
    pub state: Option<String>,
    /// C.
    pub country: Option<String>,
    /// emailAddress.
    pub email: Option<String>,
    /// businessCategory.
    pub business_category: Option<String>,
    /// DC values.
    pub domain_components: Vec<String>,
    /// The first serialNumber attribute that is not an IIN ("IIN" and 12 digits).
    pub serial_number_attribute: Option<String>,
}

/// One identity of a name: the different values it gives, in order, at most
/// [`Subject::AMBIGUOUS_KEPT`] of them.
fn note_identity<T: PartialEq>(seen: &mut Vec<T>, value: T) {
    if seen.len() < Subject::AMBIGUOUS_KEPT && !seen.contains(&value) {
        seen.push(value);
    }
}

/// The one value of an identity, or the values that make it ambiguous.
fn one_identity<T: Copy>(seen: Vec<T>) -> (Option<T>, Vec<T>) {
    match seen[..] {
        [] => (None, Vec::new()),
        [one] => (Some(one), Vec::new()),
        _ => (None, seen),
    }
}

impl Subject {
    /// The most different IINs (or BINs) an ambiguous name's facts keep.
    pub const AMBIGUOUS_KEPT: usize = 8;

    /// The facts of a subject name: each from the first attribute of its type, as
    /// [`Name::first`] gives it; the IIN from the `serialNumber`s and the BIN from the `OU`s
    /// that read as one (see [`Subject`] for a name that gives two); every `DC`. Read in
    /// one walk of the name's DER that decodes only the attributes kept (no dotted OID
    /// texts, no list of every attribute).
    pub(crate) fn from_name(name: &Name) -> Subject {
        // The facts kept from the first attribute of each type, in this order.
        const FIRST: [OidBytes; 9] = OidBytes::all(&[
            AT_COMMON_NAME,
            AT_SURNAME,
            AT_GIVEN_NAME,
            AT_ORGANIZATION,
            AT_LOCALITY,
            AT_STATE,
            AT_COUNTRY,
            ATTR_EMAIL_ADDRESS,
            AT_BUSINESS_CATEGORY,
        ]);
        const SERIAL: OidBytes = OidBytes::of(AT_SERIAL_NUMBER);
        const OU: OidBytes = OidBytes::of(AT_ORGANIZATIONAL_UNIT);
        const DC: OidBytes = OidBytes::of(AT_DOMAIN_COMPONENT);
        let mut first: [Option<String>; 9] = Default::default();
        let mut iins = Vec::new();
        let mut bins = Vec::new();
        let mut serial_number_attribute = None;
        let mut domain_components = Vec::new();
        name.each_attribute(|oid, tag, content| {
            if DC.is(oid) {
                domain_components.push(crate::name::attribute_value(tag, content));
            } else if SERIAL.is(oid) {
                let value = crate::name::attribute_value(tag, content);
                match iin_of(&value) {
                    Some(iin) => note_identity(&mut iins, iin),
                    None if serial_number_attribute.is_none() => {
                        serial_number_attribute = Some(value)
                    }
                    None => {}
                }
            } else if OU.is(oid) {
                if let Some(bin) = bin_of(&crate::name::attribute_value(tag, content)) {
                    note_identity(&mut bins, bin);
                }
            } else if let Some(i) = FIRST.iter().position(|o| o.is(oid)) {
                if let Some(slot) = first.get_mut(i).filter(|s| s.is_none()) {
                    *slot = Some(crate::name::attribute_value(tag, content));
                }
            }
        });
        let [common_name, surname, patronymic, organization, locality, state, country, email, business_category] =
            first;
        let (iin, ambiguous_iins) = one_identity(iins);
        let (bin, ambiguous_bins) = one_identity(bins);
        Subject {
            iin,
            bin,
            ambiguous_iins,
            ambiguous_bins,
            common_name,
            surname,
            patronymic,
            organization,
            locality,
            state,
            country,
            email,
            business_category,
            domain_components,
            serial_number_attribute,
        }
    }

    /// The former reading, by the name's attribute list: the oracle of `from_name`'s test.
    #[cfg(test)]
    pub(crate) fn from_name_by_attributes(name: &Name) -> Subject {
        let first = |oid: &str| name.first(oid).map(str::to_owned);
        let mut iins = Vec::new();
        for iin in name.values(AT_SERIAL_NUMBER).filter_map(iin_of) {
            note_identity(&mut iins, iin);
        }
        let mut bins = Vec::new();
        for bin in name.values(AT_ORGANIZATIONAL_UNIT).filter_map(bin_of) {
            note_identity(&mut bins, bin);
        }
        let (iin, ambiguous_iins) = one_identity(iins);
        let (bin, ambiguous_bins) = one_identity(bins);
        Subject {
            iin,
            bin,
            ambiguous_iins,
            ambiguous_bins,
            common_name: first(AT_COMMON_NAME),
            surname: first(AT_SURNAME),
            patronymic: first(AT_GIVEN_NAME),
            organization: first(AT_ORGANIZATION),
            locality: first(AT_LOCALITY),
            state: first(AT_STATE),
            country: first(AT_COUNTRY),
            email: first(ATTR_EMAIL_ADDRESS),
            business_category: first(AT_BUSINESS_CATEGORY),
            domain_components: name
                .values(AT_DOMAIN_COMPONENT)
                .map(str::to_owned)
                .collect(),
            serial_number_attribute: name
                .values(AT_SERIAL_NUMBER)
                .find(|v| iin_of(v).is_none())
                .map(str::to_owned),
        }
    }
}

/// The IIN of a `serialNumber` value: "IIN" and 12 digits.
fn iin_of(value: &str) -> Option<Iin> {
    value.strip_prefix("IIN").and_then(|d| Iin::parse(d).ok())
}

/// The BIN of an `OU` value: "BIN" and 12 digits.
fn bin_of(value: &str) -> Option<Bin> {
    value.strip_prefix("BIN").and_then(|d| Bin::parse(d).ok())
}

/// A parsed certificate. Cheap to clone.
#[derive(Clone)]
pub struct Certificate(Arc<Inner>);

struct Inner {
    der: Vec<u8>,
    tbs: Range<usize>,
    signature_algorithm: SignatureAlgorithm,
    signature: Vec<u8>,
    version: u32,
    serial: Vec<u8>,
    issuer: Name,
    subject: Name,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
    public_key: PublicKey,
    basic_constraints: Option<BasicConstraints>,
    key_usage: Option<KeyUsage>,
    extended_key_usage: Option<Vec<String>>,
    extended_key_usage_critical: bool,
    subject_key_id: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    crl_distribution_points: Vec<DistributionPoint>,
    policies: Vec<String>,
    problems: Vec<String>,
    /// The subject facts, read from the subject name when first asked for: judging a
    /// certificate needs them only to match an IIN or BIN asked for (they are texts of
    /// most of the subject's attributes).
    facts: std::sync::OnceLock<Subject>,
    fingerprint: [u8; 32],
    /// SHA-256 of the SubjectPublicKeyInfo, when first asked for: the signature caches key
    /// every check by the signer's key, and a CA signs many certificates.
    spki_sha256: std::sync::OnceLock<[u8; 32]>,
}

impl Certificate {
    /// Parse one certificate from DER.
    pub fn from_der(der: &[u8]) -> Result<Certificate> {
        // Refused before it is copied.
        if der.len() > input::MAX_CERT_DER_LEN {
            return Err(Error::TooLarge {
                what: "certificate",
                len: der.len(),
                limit: input::MAX_CERT_DER_LEN,
            });
        }
        Certificate::from_der_vec(der.to_vec())
    }

    /// [`Certificate::from_der`] keeping `der` as the certificate's encoding.
    fn from_der_vec(der: Vec<u8>) -> Result<Certificate> {
        if der.len() > input::MAX_CERT_DER_LEN {
            return Err(Error::TooLarge {
                what: "certificate",
                len: der.len(),
                limit: input::MAX_CERT_DER_LEN,
            });
        }
        parse::parse(der).map(|inner| Certificate(Arc::new(inner)))
    }

    /// Parse exactly one certificate from DER, PEM or base64 text.
    pub fn from_input(input: &[u8]) -> Result<Certificate> {
        Certificate::from_der_vec(input::decode_one(input, ObjectKind::Certificate)?)
    }

    /// Parse every certificate of an input (a PEM bundle may hold many).
    pub fn all_from_input(input: &[u8]) -> Result<Vec<Certificate>> {
        input::decode_objects(input, ObjectKind::Certificate)?
            .into_iter()
            .map(Certificate::from_der_vec)
            .collect()
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }
    /// The signed part (tbsCertificate).
    pub fn tbs(&self) -> &[u8] {
        &self.0.der[self.0.tbs.clone()]
    }
    /// The value of extension `oid` (dotted), read again from the DER: for cold paths only
    /// (the extensions a verification needs are read once, at parse).
    pub(crate) fn extension_value(&self, oid: &str) -> Option<&[u8]> {
        parse::extension_value(self.tbs(), oid)
    }
    /// The signature algorithm.
    pub fn signature_algorithm(&self) -> &SignatureAlgorithm {
        &self.0.signature_algorithm
    }
    /// The signature value.
    pub fn signature(&self) -> &[u8] {
        &self.0.signature
    }
    /// X.509 version (1, 2, 3).
    pub fn version(&self) -> u32 {
        self.0.version
    }
    /// Serial number: the INTEGER content octets (two's complement, as encoded).
    pub fn serial(&self) -> &[u8] {
        &self.0.serial
    }
    /// Serial number in upper-case hex, without leading zero octets.
    pub fn serial_hex(&self) -> String {
        let s = &self.0.serial;
        let start = s
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(s.len().saturating_sub(1));
        hex_upper(&s[start..])
    }
    /// Issuer name.
    pub fn issuer(&self) -> &Name {
        &self.0.issuer
    }
    /// Subject name.
    pub fn subject(&self) -> &Name {
        &self.0.subject
    }
    /// notBefore.
    pub fn not_before(&self) -> DateTime<Utc> {
        self.0.not_before
    }
    /// notAfter.
    pub fn not_after(&self) -> DateTime<Utc> {
        self.0.not_after
    }
    /// Is `at` within notBefore..=notAfter?
    pub fn is_valid_at(&self, at: DateTime<Utc>) -> bool {
        self.0.not_before <= at && at <= self.0.not_after
    }
    /// The subject public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.0.public_key
    }
    /// basicConstraints, if present.
    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.0.basic_constraints
    }
    /// Is this a CA certificate (basicConstraints cA = TRUE)?
    pub fn is_ca(&self) -> bool {
        self.0.basic_constraints.is_some_and(|b| b.ca)
    }
    /// keyUsage, if present.
    pub fn key_usage(&self) -> Option<KeyUsage> {
        self.0.key_usage
    }
    /// extKeyUsage OIDs, if the extension is present.
    pub fn extended_key_usage(&self) -> Option<&[String]> {
        self.0.extended_key_usage.as_deref()
    }
    /// Is the extKeyUsage extension present and marked critical? A relying party must then
    /// use the key for the listed purposes only: RFC 3161 §2.3 requires it of a TSA's
    /// certificate, so that its key signs nothing but time-stamps.
    pub fn extended_key_usage_is_critical(&self) -> bool {
        self.0.extended_key_usage.is_some() && self.0.extended_key_usage_critical
    }
    /// subjectKeyIdentifier.
    pub fn subject_key_id(&self) -> Option<&[u8]> {
        self.0.subject_key_id.as_deref()
    }
    /// authorityKeyIdentifier keyIdentifier.
    pub fn authority_key_id(&self) -> Option<&[u8]> {
        self.0.authority_key_id.as_deref()
    }
    /// cRLDistributionPoints.
    pub fn crl_distribution_points(&self) -> &[DistributionPoint] {
        &self.0.crl_distribution_points
    }
    /// certificatePolicies OIDs.
    pub fn policies(&self) -> &[String] {
        &self.0.policies
    }
    /// Extension problems, each described: critical extensions this library does not
    /// process, extensions marked critical that must not be, constraint extensions it does
    /// not enforce, inconsistent key usage. A certificate with any is refused (as a CA by
    /// path building, as the signer by the `critical_extensions` check).
    pub fn extension_problems(&self) -> &[String] {
        &self.0.problems
    }
    /// The subject facts (IIN, BIN, names ...).
    pub fn facts(&self) -> &Subject {
        self.0
            .facts
            .get_or_init(|| Subject::from_name(&self.0.subject))
    }
    /// SHA-256 of the DER.
    pub fn fingerprint_sha256(&self) -> [u8; 32] {
        self.0.fingerprint
    }
    /// SHA-256 of the SubjectPublicKeyInfo DER (computed once).
    pub(crate) fn spki_sha256(&self) -> [u8; 32] {
        *self.0.spki_sha256.get_or_init(|| {
            use sha2::{Digest, Sha256};
            Sha256::digest(self.0.public_key.spki_der()).into()
        })
    }
    /// Self-issued: subject and issuer names match (RFC 5280 §6.1).
    pub fn is_self_issued(&self) -> bool {
        self.0.subject.matches(&self.0.issuer)
    }
    /// NCA roles from the extKeyUsage.
    pub fn nca_roles(&self) -> Vec<NcaRole> {
        self.extended_key_usage()
            .unwrap_or_default()
            .iter()
            .filter_map(|o| NcaRole::from_oid(o))
            .collect()
    }
    /// Key purposes by the NCA conventions: signing needs keyUsage digitalSignature and
    /// nonRepudiation, authentication digitalSignature and keyEncipherment or keyAgreement;
    /// an extKeyUsage then restricts the key to the purposes it names (RFC 5280 §4.2.1.12):
    /// signing to emailProtection (the NCA's signing certificates) or documentSigning
    /// (RFC 9336), authentication to clientAuth, either to anyExtendedKeyUsage. The NCA's
    /// role OIDs (under 1.2.398) say who holds the key, not what it is for: an extKeyUsage
    /// of roles alone restricts nothing. Any other purpose does (a key for time-stamping,
    /// OCSP or code signing signs no document).
    pub fn key_purposes(&self) -> KeyPurposes {
        let ku = self.key_usage().unwrap_or_default();
        let allows = |purposes: &[&str]| match self.extended_key_usage() {
            None => true,
            Some(eku) => {
                eku.iter().all(|o| o.starts_with(NCA_ARC))
                    || eku
                        .iter()
                        .any(|o| o == EKU_ANY || purposes.contains(&o.as_str()))
            }
        };
        let ku_sign = self.key_usage().is_some()
            && ku.has(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION);
        let ku_auth = self.key_usage().is_some()
            && ku.has(KeyUsage::DIGITAL_SIGNATURE)
            && (ku.has(KeyUsage::KEY_ENCIPHERMENT) || ku.has(KeyUsage::KEY_AGREEMENT));
        KeyPurposes {
            signing: ku_sign && allows(&[EKU_EMAIL_PROTECTION, EKU_DOCUMENT_SIGNING]),
            authentication: ku_auth && allows(&[EKU_CLIENT_AUTH]),
        }
    }
}

/// The arc of Kazakhstan's OIDs (`1.2.398`), under which the NCA's role OIDs lie.
const NCA_ARC: &str = "1.2.398.";

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.0.der == other.0.der
    }
}
impl Eq for Certificate {}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("subject", &self.0.subject.to_string())
            .field("issuer", &self.0.issuer.to_string())
            .field("serial", &self.serial_hex())
            .finish()
    }
}

/// A serial number's INTEGER content octets in their minimal (DER) two's-complement form:
/// the one value by which serials from different encoders (a certificate, a CRL entry, a
/// SignerIdentifier, an ESS issuerSerial, an OCSP CertID) are compared and indexed.
///
/// Certificates, CRLs and OCSP responses are DER and their non-minimal INTEGERs are refused
/// when read; CMS is BER, whose INTEGERs may carry redundant leading octets (`00 70 20` is
/// `70 20`). Only octets that do not change the number are dropped: `00 80` (128) and `80`
/// (-128) stay different numbers.
pub(crate) fn serial_key(serial: &[u8]) -> &[u8] {
    let mut s = serial;
    while let [first, next, ..] = s {
        let redundant =
            (*first == 0x00 && next & 0x80 == 0) || (*first == 0xFF && next & 0x80 != 0);
        if !redundant {
            break;
        }
        s = s.get(1..).unwrap_or_default();
    }
    s
}

pub(crate) fn timestamp(secs: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| Error::MalformedDer {
        what: "time",
        reason: format!("time out of range ({secs})"),
    })
}

#[cfg(test)]
mod serial_key_tests {
    use super::serial_key;

    #[test]
    fn one_number_one_key() {
        assert_eq!(serial_key(&[0x00, 0x70, 0x20]), &[0x70, 0x20]);
        assert_eq!(serial_key(&[0x00, 0x00, 0x00, 0x70]), &[0x70]);
        assert_eq!(serial_key(&[0x70, 0x20]), &[0x70, 0x20]);
        // 128 and -128 are different numbers.
        assert_eq!(serial_key(&[0x00, 0x80]), &[0x00, 0x80]);
        assert_eq!(serial_key(&[0x80]), &[0x80]);
        assert_eq!(serial_key(&[0xFF, 0xFF, 0x80]), &[0x80]);
        assert_eq!(serial_key(&[0x00]), &[0x00]);
        assert_eq!(serial_key(&[0x00, 0x00]), &[0x00]);
    }
}

#[cfg(test)]
mod subject_tests {
    use super::{Name, Subject};

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        assert!(content.len() < 0x80);
        [vec![tag, content.len() as u8], content.to_vec()].concat()
    }

    /// Subjects of NCA's shapes and odd ones (repeated types, an invalid IIN or BIN before a
    /// valid one, values that are not strings, BMP and Cyrillic, DCs, an unknown type):
    /// the facts read in one walk are those read from the attribute list.
    #[test]
    fn facts_are_those_of_the_attribute_list() {
        let oid = |last: &[u8]| [&[0x55, 0x04][..], last].concat();
        let atvs: Vec<Vec<u8>> = [
            (oid(&[0x05]), tlv(0x13, b"IIN123456789012")),
            (oid(&[0x05]), tlv(0x13, b"IIN870101300019")),
            (oid(&[0x05]), tlv(0x13, b"IIN12345")),
            (oid(&[0x03]), tlv(0x0C, "ТЕСТОВ ТЕСТ".as_bytes())),
            (oid(&[0x03]), tlv(0x1E, &[0x04, 0x22, 0x00, 0x20])),
            (oid(&[0x03]), tlv(0x04, &[0x01, 0xAB])),
            (oid(&[0x04]), tlv(0x0C, "ТЕСТОВ".as_bytes())),
            (oid(&[0x2A]), tlv(0x0C, "ТЕСТОВИЧ".as_bytes())),
            (oid(&[0x0B]), tlv(0x0C, b"BIN123456789012")),
            (oid(&[0x0B]), tlv(0x0C, b"BIN000740001307")),
            (oid(&[0x0B]), tlv(0x0C, b"Department")),
            (oid(&[0x0A]), tlv(0x0C, b"ACME")),
            (oid(&[0x07]), tlv(0x0C, b"Astana")),
            (oid(&[0x08]), tlv(0x0C, b"Astana")),
            (oid(&[0x06]), tlv(0x13, b"KZ")),
            (oid(&[0x0F]), tlv(0x0C, b"Private")),
            (oid(&[0x09]), tlv(0x0C, b"Street")),
            (
                vec![0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01],
                tlv(0x16, b"a@b.kz"),
            ),
            (
                vec![0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19],
                tlv(0x16, b"kz"),
            ),
            (
                vec![0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19],
                tlv(0x16, b"nca"),
            ),
            (vec![0x2A, 0x03, 0x04], tlv(0x0C, b"other")),
        ]
        .iter()
        .map(|(o, v)| tlv(0x30, &[tlv(0x06, o), v.clone()].concat()))
        .collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let mut rdns = Vec::new();
            for _ in 0..next() % 9 {
                let mut set = atvs[(next() % atvs.len() as u64) as usize].clone();
                if next() % 5 == 0 {
                    set.extend(atvs[(next() % atvs.len() as u64) as usize].clone());
                }
                rdns.extend(crate::ber::der(0x31, &set));
            }
            let der = crate::ber::der(0x30, &rdns);
            let name = Name::from_der(&der).unwrap();
            assert_eq!(
                format!("{:?}", Subject::from_name(&name)),
                format!("{:?}", Subject::from_name_by_attributes(&name)),
                "{name}"
            );
        }
    }

    /// A name of `(last arc under 2.5.4, PrintableString value)` attributes, one an RDN.
    fn name_of(atvs: &[(u8, &str)]) -> Name {
        let rdns: Vec<u8> = atvs
            .iter()
            .flat_map(|&(arc, v)| {
                let atv = [tlv(0x06, &[0x55, 0x04, arc]), tlv(0x13, v.as_bytes())].concat();
                tlv(0x31, &tlv(0x30, &atv))
            })
            .collect();
        Name::from_der(&crate::ber::der(0x30, &rdns)).unwrap()
    }

    #[test]
    fn a_name_that_gives_two_identities_gives_neither() {
        let facts = |atvs: &[(u8, &str)]| Subject::from_name(&name_of(atvs));
        let (a, b) = ("IIN870101300019", "IIN880101300014");
        // One IIN, given once or twice.
        for atvs in [&[(5, a)][..], &[(5, a), (5, a)]] {
            let f = facts(atvs);
            assert_eq!(f.iin.map(|i| i.to_string()), Some(a[3..].to_string()));
            assert!(f.ambiguous_iins.is_empty());
        }
        // Two: neither, both listed, in order.
        let f = facts(&[(5, a), (5, b), (5, a)]);
        assert_eq!(f.iin, None);
        let listed: Vec<String> = f.ambiguous_iins.iter().map(|i| i.to_string()).collect();
        assert_eq!(listed, [&a[3..], &b[3..]]);
        // A serialNumber that is not an IIN does not hide one after it, and is kept.
        let f = facts(&[(5, "XYZ-1"), (5, a), (5, "XYZ-2")]);
        assert_eq!(f.iin.map(|i| i.to_string()), Some(a[3..].to_string()));
        assert_eq!(f.serial_number_attribute.as_deref(), Some("XYZ-1"));
        // BINs in OUs likewise; an OU that is not a BIN is not a second one.
        let f = facts(&[
            (11, "BIN000740001307"),
            (11, "Department"),
            (11, "BIN990140000296"),
        ]);
        assert_eq!(f.bin, None);
        assert_eq!(f.ambiguous_bins.len(), 2);
        let f = facts(&[(11, "BIN000740001307"), (11, "Department")]);
        assert!(f.bin.is_some() && f.ambiguous_bins.is_empty());
        // The list is bounded, however many a name gives.
        let many: Vec<String> = (0..50).map(|i| format!("IIN8701013{i:05}")).collect();
        let atvs: Vec<(u8, &str)> = many.iter().map(|v| (5, v.as_str())).collect();
        let f = facts(&atvs);
        assert_eq!(f.iin, None);
        assert_eq!(f.ambiguous_iins.len(), Subject::AMBIGUOUS_KEPT);
    }
}
