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

use crate::error::{Error, Result};
use crate::input::{self, ObjectKind};
use crate::name::{hex_upper, Name};
use crate::oid::{
    EKU_ANY, EKU_CLIENT_AUTH, EKU_DOCUMENT_SIGNING, EKU_EMAIL_PROTECTION,
    EXT_AUTHORITY_INFO_ACCESS, EXT_AUTHORITY_KEY_ID, EXT_BASIC_CONSTRAINTS,
    EXT_CERTIFICATE_POLICIES, EXT_CRL_DISTRIBUTION_POINTS, EXT_EXT_KEY_USAGE, EXT_FRESHEST_CRL,
    EXT_INHIBIT_ANY_POLICY, EXT_ISSUER_ALT_NAME, EXT_KEY_USAGE, EXT_NAME_CONSTRAINTS,
    EXT_POLICY_CONSTRAINTS, EXT_SUBJECT_ALT_NAME, EXT_SUBJECT_INFO_ACCESS, EXT_SUBJECT_KEY_ID,
    NCA_ROLE_EMPLOYEE, NCA_ROLE_FINANCIAL_SIGNER, NCA_ROLE_FIRST_HEAD, NCA_ROLE_HUMAN_RESOURCES,
    NCA_ROLE_INDIVIDUAL, NCA_ROLE_INFORMATION_SYSTEM, NCA_ROLE_LEGAL_ENTITY,
    NCA_ROLE_RIGHT_TO_SIGN,
};
use crate::signature::{PublicKey, SignatureAlgorithm, SignatureCheck};
use distribution_point::parse_crl_distribution_points;
pub use distribution_point::{DistributionPoint, IssuingDistributionPoint, ReasonSet};

pub(crate) mod distribution_point;
#[cfg(test)]
mod oracle;
mod parse;
mod subject;
pub(crate) use parse::authority_key_id;
pub use subject::Subject;

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
    /// The key's canonical identity ([`crate::signature::PublicKey::key_id`]), when first
    /// asked for: the signature caches key every check by the signer's key, a CA signs
    /// many certificates, and "the same key" is asked of every certificate offered.
    key_id: std::sync::OnceLock<[u8; 32]>,
    /// The identity of the key's value for distrust
    /// ([`crate::signature::PublicKey::holder_id`]), when first asked for.
    holder_id: std::sync::OnceLock<[u8; 32]>,
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
    /// The canonical identity of the certificate's key (computed once): equal for every
    /// encoding of one key, so that "the same key" (a key lost for a compromise, an
    /// anchor's key, a signature already verified) is the key, not its SPKI's bytes. See
    /// [`crate::signature::PublicKey::key_id`].
    pub(crate) fn key_id(&self) -> [u8; 32] {
        *self.0.key_id.get_or_init(|| self.0.public_key.key_id())
    }
    /// The identity of the certificate's key value for distrust (computed once): wider than
    /// [`Certificate::key_id`], equal for every certificate carrying the key's value
    /// however it is wrapped, also in an encoding the verifier refuses. See
    /// [`crate::signature::PublicKey::holder_id`].
    pub(crate) fn holder_id(&self) -> [u8; 32] {
        *self
            .0
            .holder_id
            .get_or_init(|| self.0.public_key.holder_id())
    }
    /// Self-issued: subject and issuer names match (RFC 5280 §6.1).
    pub fn is_self_issued(&self) -> bool {
        self.0.subject.matches(&self.0.issuer)
    }
    /// Was this certificate issued by `issuer`? Its issuer name must match `issuer`'s
    /// subject (RFC 5280 §7.1 comparison) and its signature verify with `issuer`'s key
    /// under its own signature algorithm.
    ///
    /// [`SignatureCheck::Valid`] when both hold; [`SignatureCheck::Invalid`] when the
    /// names differ or the signature is proven wrong under that key;
    /// [`SignatureCheck::Unsupported`] when the signature cannot be checked (an algorithm
    /// or key the library does not verify), which proves nothing either way.
    ///
    /// This ties one certificate to one issuer and nothing more: it judges neither
    /// certificate's validity, time, revocation or constraints (that is
    /// [`Verifier`](crate::Verifier)'s job). For a caller holding a status that speaks of
    /// an issuer's serial number (an OCSP response, a CRL) and a certificate it means to
    /// apply it to.
    pub fn is_issued_by(&self, issuer: &Certificate) -> SignatureCheck {
        if !self.0.issuer.matches(&issuer.0.subject) {
            return SignatureCheck::Invalid;
        }
        crate::signature::verify(
            issuer.public_key(),
            self.signature_algorithm(),
            self.tbs(),
            self.signature(),
        )
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
        let allows = |purposes: &[&str]| self.extended_key_usage_allows(purposes);
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

impl Certificate {
    /// Does the extKeyUsage, when there is one, allow one of `purposes` (OIDs in dotted
    /// text): it names one of them or anyExtendedKeyUsage, or only the NCA's roles (an NCA
    /// certificate of roles alone limits no use).
    pub(crate) fn extended_key_usage_allows(&self, purposes: &[&str]) -> bool {
        match self.extended_key_usage() {
            None => true,
            Some(eku) => {
                eku.iter().all(|o| o.starts_with(NCA_ARC))
                    || eku
                        .iter()
                        .any(|o| o == EKU_ANY || purposes.contains(&o.as_str()))
            }
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
mod issued_by_tests {
    use super::Certificate;
    use crate::signature::SignatureCheck;

    fn cert(path: &str) -> Certificate {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(root.join(path)).unwrap();
        Certificate::from_input(&bytes).unwrap()
    }

    #[test]
    fn issued_by_needs_the_name_and_the_signature() {
        let ca = cert("test-vectors/pki/nca_rsa.cer");
        let root = cert("test-vectors/pki/root.cer");
        let ee = cert("test-vectors/pki/individual_sign.cer");
        assert_eq!(ee.is_issued_by(&ca), SignatureCheck::Valid);
        assert_eq!(ca.is_issued_by(&root), SignatureCheck::Valid);
        assert_eq!(root.is_issued_by(&root), SignatureCheck::Valid);
        // Another issuer's name.
        assert_eq!(ee.is_issued_by(&root), SignatureCheck::Invalid);
        assert_eq!(ee.is_issued_by(&ee), SignatureCheck::Invalid);
        // The CA's name, another key's signature (made for review 46).
        let forged = cert("tests/data/review46/same_serial_forged_issuer.cer");
        assert!(forged.issuer().matches(ca.subject()));
        assert_eq!(forged.is_issued_by(&ca), SignatureCheck::Invalid);
        // Self-issued with the CA's serial number.
        let other = cert("tests/data/review46/same_serial_other_issuer.cer");
        assert_eq!(other.serial(), ee.serial());
        assert_eq!(other.is_issued_by(&ca), SignatureCheck::Invalid);
        // A signature damaged in place.
        let bad = cert("test-vectors/pki/bad_signature.cer");
        if bad.issuer().matches(ca.subject()) {
            assert_eq!(bad.is_issued_by(&ca), SignatureCheck::Invalid);
        }
    }
}
