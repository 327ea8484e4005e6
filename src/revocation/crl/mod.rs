//! Certificate revocation lists, loaded fast and lean and indexed by serial number.
//!
//! The national CA's CRLs are large (hundreds of thousands of entries, tens of megabytes),
//! so a CRL is not materialised entry by entry. [`Crl::from_der`] walks the DER once with a
//! small bounded TLV reader, checks every entry, and keeps only
//!
//! * the DER itself (taken by value, never copied), and
//! * an index of 16-byte records `{ hash, offset, issuer }` sorted by `hash`, where `hash` is
//!   a keyed SipHash (keys random per CRL, so a crafted CRL cannot force collisions) of the
//!   serial's INTEGER content octets and the index of the entry's effective certificate
//!   issuer.
//!
//! A lookup hashes the serial, binary-searches the records, and re-parses the few entries
//! found to confirm the serial and read their details. The header (algorithm identifiers,
//! issuer, times, CRL extensions) is small and is read by the same strict DER reader.
//!
//! Entry extensions are scanned by raw OID bytes without allocation: reasonCode,
//! invalidityDate, certificateIssuer (indirect CRLs) and holdInstructionCode are known; any
//! other critical entry extension is recorded and makes the CRL unusable for the caller.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::certificate::timestamp;
use crate::der::{
    header, Reader, Tlv, TAG_BIT_STRING, TAG_BOOLEAN, TAG_GENERALIZED_TIME, TAG_INTEGER,
    TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, TAG_UTC_TIME,
};
use crate::error::{Error, Result};
use crate::input::{self, ObjectKind};
use crate::name::{hex_upper, GeneralNameKey, Name, NameKey};
use crate::revocation::reason::RevocationReason;
use crate::signature::{read_algorithm_identifier, HashAlgorithm, SignatureAlgorithm};

/// Most entries accepted in one CRL.
pub(crate) const MAX_CRL_ENTRIES: usize = 50_000_000;
/// Most distinct certificate issuers (certificateIssuer entry extensions) in one indirect CRL.
pub(crate) const MAX_CERTIFICATE_ISSUERS: usize = 65_536;
/// Longest cRLNumber / BaseCRLNumber magnitude accepted, in octets (RFC 5280 §5.2.3).
pub(crate) const MAX_CRL_NUMBER_LEN: usize = 20;

const WHAT: &str = "CRL";

/// Index of the certificate issuer of entries that cannot be attributed to any issuer (a
/// certificateIssuer extension this library cannot process). Never matches a lookup.
const NO_ISSUER: u32 = u32::MAX;

// Raw OID content octets of the extensions processed here.
const OID_CRL_NUMBER: &[u8] = &[0x55, 0x1d, 0x14];
const OID_REASON_CODE: &[u8] = &[0x55, 0x1d, 0x15];
const OID_HOLD_INSTRUCTION: &[u8] = &[0x55, 0x1d, 0x17];
const OID_INVALIDITY_DATE: &[u8] = &[0x55, 0x1d, 0x18];
const OID_DELTA_CRL_INDICATOR: &[u8] = &[0x55, 0x1d, 0x1b];
const OID_ISSUING_DISTRIBUTION_POINT: &[u8] = &[0x55, 0x1d, 0x1c];
const OID_CERTIFICATE_ISSUER: &[u8] = &[0x55, 0x1d, 0x1d];
const OID_ISSUER_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x12];
const OID_AUTHORITY_KEY_ID: &[u8] = &[0x55, 0x1d, 0x23];
const OID_FRESHEST_CRL: &[u8] = &[0x55, 0x1d, 0x2e];
/// ExpiredCertsOnCRL (2.5.29.60, X.509 / ITU-T): certificates that expired on or after this
/// date are kept on the CRL.
const OID_EXPIRED_CERTS_ON_CRL: &[u8] = &[0x55, 0x1d, 0x3c];

// Universal tags.
const TAG_ENUMERATED: u8 = 0x0a;
const TAG_CRL_EXTENSIONS: u8 = 0xa0;

fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what: WHAT,
        reason: reason.into(),
    }
}

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

pub use crate::certificate::IssuingDistributionPoint;

/// One revokedCertificates entry, read on demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrlEntry {
    /// userCertificate: the INTEGER content octets exactly as encoded (two's complement).
    pub serial: Vec<u8>,
    /// revocationDate.
    pub revocation_date: DateTime<Utc>,
    /// reasonCode, when the entry carries one.
    pub reason: Option<RevocationReason>,
    /// invalidityDate.
    pub invalidity_date: Option<DateTime<Utc>>,
    /// The effective certificate issuer: the CRL issuer, or for an indirect CRL the latest
    /// certificateIssuer at or before this entry. An entry whose certificateIssuer could not
    /// be processed (see [`Crl::first_unprocessed_critical_entry_extension`]) carries the
    /// empty name and is never returned by [`Crl::lookup`].
    pub certificate_issuer: NameKey,
}

impl CrlEntry {
    /// Serial number in upper-case hex, as encoded.
    pub fn serial_hex(&self) -> String {
        hex_upper(&self.serial)
    }
}

/// A loaded and indexed CRL. Cheap to clone.
#[derive(Clone)]
pub struct Crl(Arc<Inner>);

struct Inner {
    der: Vec<u8>,
    tbs: Range<usize>,
    signature: Range<usize>,
    signature_algorithm: SignatureAlgorithm,
    issuer: Name,
    this_update: DateTime<Utc>,
    next_update: Option<DateTime<Utc>>,
    crl_number: Option<CrlNumber>,
    delta_base: Option<CrlNumber>,
    issuing_distribution_point: Option<IssuingDistributionPoint>,
    authority_key_id: Option<Vec<u8>>,
    expired_certs_on_crl: Option<DateTime<Utc>>,
    unprocessed_critical: Vec<String>,
    unprocessed_critical_entry: Option<String>,
    /// Content of revokedCertificates (absolute range in `der`), when present.
    revoked: Option<Range<usize>>,
    /// Sorted by (hash, offset).
    records: Vec<Record>,
    /// Effective certificate issuers; index 0 is the CRL issuer.
    issuers: Vec<NameKey>,
    /// The empty name, reported for entries without a usable certificate issuer.
    empty_name: NameKey,
    hash_keys: RandomState,
    fingerprint: OnceLock<[u8; 32]>,
    /// How verdicts name the CRL (`status::describe_crl`), made when first needed: a
    /// verdict names every CRL it considered, most of them several times.
    description: OnceLock<String>,
    /// The digest of the signed part, computed at load for a large CRL whose algorithm can
    /// be verified from a digest.
    tbs_digest: Option<(HashAlgorithm, Vec<u8>)>,
}

/// Whether a CRL can speak of a certificate at all ([`Crl::covers`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// It can: absence from it means "not revoked" as of its thisUpdate.
    Covers,
    /// Issued before the certificate existed: it says nothing of it.
    PredatesCertificate,
    /// Issued after the certificate expired, without ExpiredCertsOnCRL covering it: an
    /// expired certificate's entry may have been removed, so absence proves nothing.
    MayBePruned,
}

/// One index record: 16 bytes.
#[derive(Clone, Copy, Debug)]
struct Record {
    hash: u64,
    /// Offset of the entry's SEQUENCE in the DER.
    offset: u32,
    /// Index into `Inner::issuers`, or [`NO_ISSUER`].
    issuer: u32,
}

// Accessors (constructors in `load`, lookups in `lookup`).
impl Crl {
    /// `make(self)`, the CRL's description, made once.
    pub(crate) fn description(&self, make: impl FnOnce(&Crl) -> String) -> &str {
        self.0.description.get_or_init(|| make(self))
    }

    /// The digest of the signed part, when it was computed at load (large CRLs), with the
    /// hash that made it.
    pub fn tbs_digest(&self) -> Option<(HashAlgorithm, &[u8])> {
        self.0.tbs_digest.as_ref().map(|(h, d)| (*h, d.as_slice()))
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.0.der
    }
    /// The signed part (tbsCertList).
    pub fn tbs(&self) -> &[u8] {
        self.0.der.get(self.0.tbs.clone()).unwrap_or_default()
    }
    /// The signature algorithm (the outer signatureAlgorithm; the inner one agrees).
    pub fn signature_algorithm(&self) -> &SignatureAlgorithm {
        &self.0.signature_algorithm
    }
    /// The signature value (BIT STRING content without the unused-bits octet). Empty when
    /// the BIT STRING is not whole octets, so that it never verifies.
    pub fn signature(&self) -> &[u8] {
        self.0.der.get(self.0.signature.clone()).unwrap_or_default()
    }
    /// The CRL issuer.
    pub fn issuer(&self) -> &Name {
        &self.0.issuer
    }
    /// thisUpdate.
    pub fn this_update(&self) -> DateTime<Utc> {
        self.0.this_update
    }
    /// nextUpdate.
    pub fn next_update(&self) -> Option<DateTime<Utc>> {
        self.0.next_update
    }
    /// cRLNumber.
    pub fn crl_number(&self) -> Option<&CrlNumber> {
        self.0.crl_number.as_ref()
    }
    /// BaseCRLNumber of the deltaCRLIndicator: `Some` means this is a delta CRL.
    pub fn delta_base(&self) -> Option<&CrlNumber> {
        self.0.delta_base.as_ref()
    }
    /// ExpiredCertsOnCRL: revocations of certificates whose notAfter is at or after this
    /// date are kept on the CRL after they expire. Without it a CRL says nothing of a
    /// certificate that had expired before its thisUpdate (it may have been pruned).
    pub fn expired_certs_on_crl(&self) -> Option<DateTime<Utc>> {
        self.0.expired_certs_on_crl
    }

    /// Does this CRL still speak of `cert`: issued after its notBefore (an older CRL cannot
    /// list it), and not pruned of it (the certificate had not expired before thisUpdate,
    /// or ExpiredCertsOnCRL keeps it)? `this_update` is the CRL's own, or its delta's.
    pub fn covers(
        &self,
        cert: &crate::certificate::Certificate,
        this_update: DateTime<Utc>,
    ) -> Coverage {
        if this_update < cert.not_before() {
            Coverage::PredatesCertificate
        } else if cert.not_after() < this_update
            && self
                .expired_certs_on_crl()
                .is_none_or(|e| e > cert.not_after())
        {
            Coverage::MayBePruned
        } else {
            Coverage::Covers
        }
    }

    /// Is this a delta CRL?
    pub fn is_delta(&self) -> bool {
        self.0.delta_base.is_some()
    }
    /// issuingDistributionPoint.
    pub fn issuing_distribution_point(&self) -> Option<&IssuingDistributionPoint> {
        self.0.issuing_distribution_point.as_ref()
    }
    /// The revocation reasons it covers: its issuingDistributionPoint's onlySomeReasons,
    /// else every reason.
    pub(crate) fn reasons_covered(&self) -> crate::revocation::reason::ReasonSet {
        self.issuing_distribution_point()
            .and_then(|i| i.only_some_reasons)
            .unwrap_or(crate::revocation::reason::ReasonSet::ALL)
    }
    /// Is this an indirect CRL (issuingDistributionPoint indirectCRL)?
    pub fn is_indirect(&self) -> bool {
        self.0
            .issuing_distribution_point
            .as_ref()
            .is_some_and(|i| i.indirect)
    }
    /// authorityKeyIdentifier keyIdentifier.
    pub fn authority_key_id(&self) -> Option<&[u8]> {
        self.0.authority_key_id.as_deref()
    }
    /// Dotted OIDs of critical CRL extensions this library does not process. A CRL with any
    /// must not be used to decide a status (RFC 5280 §5.2).
    pub fn unprocessed_critical_extensions(&self) -> &[String] {
        &self.0.unprocessed_critical
    }
    /// Dotted OID of the first critical CRL entry extension this library does not process
    /// (also `2.5.29.29` for a certificateIssuer that cannot be applied: one without exactly
    /// one directoryName, or one naming another issuer in a CRL that is not indirect). A CRL
    /// with one must not be used to decide a status.
    pub fn first_unprocessed_critical_entry_extension(&self) -> Option<&str> {
        self.0.unprocessed_critical_entry.as_deref()
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.records.len()
    }
    /// Does the CRL list no certificate?
    pub fn is_empty(&self) -> bool {
        self.0.records.is_empty()
    }
    /// SHA-256 of the DER (computed on first use).
    pub fn fingerprint_sha256(&self) -> [u8; 32] {
        *self
            .0
            .fingerprint
            .get_or_init(|| Sha256::digest(&self.0.der).into())
    }
}

impl PartialEq for Crl {
    fn eq(&self, other: &Self) -> bool {
        self.0.der == other.0.der
    }
}
impl Eq for Crl {}

impl fmt::Debug for Crl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Crl")
            .field("issuer", &self.0.issuer.to_string())
            .field("this_update", &self.0.this_update)
            .field("next_update", &self.0.next_update)
            .field("crl_number", &self.0.crl_number)
            .field("delta_base", &self.0.delta_base)
            .field("entries", &self.0.records.len())
            .finish()
    }
}

// ---------------------------------------------------------------------------------------
// Submodules
// ---------------------------------------------------------------------------------------

// The revokedCertificates walk and the hash index.
mod entries;
/// The certificateIssuer reader, for the differential test of `certificate::oracle`.
#[cfg(test)]
pub(crate) use entries::certificate_issuer_key;
// The CRL extensions, and OIDs in dotted form.
mod extensions;
// `Crl::from_der` and the other constructors.
mod load;
// `Crl::lookup` and `Crl::entries`.
mod lookup;
// `CrlNumber`.
mod number;
// The CertificateList DER walk.
mod parse;
// UTCTime / GeneralizedTime.
pub(in crate::revocation) mod time;
use entries::*;
use extensions::*;
pub use number::CrlNumber;
use parse::*;
use time::*;

#[cfg(test)]
mod tests;
