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
//! issuer, times, CRL extensions) is small and is read with `x509-parser`.
//!
//! Entry extensions are scanned by raw OID bytes without allocation: reasonCode,
//! invalidityDate, certificateIssuer (indirect CRLs) and holdInstructionCode are known; any
//! other critical entry extension is recorded and makes the CRL unusable for the caller.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use x509_parser::extensions::{GeneralName, IssuerAlternativeName, ParsedExtension, X509Extension};
use x509_parser::prelude::FromDer;
use x509_parser::time::ASN1Time;
use x509_parser::x509::{AlgorithmIdentifier, X509Name};

use crate::certificate::timestamp;
use crate::der::{
    check_name, header, Reader, Tlv, TAG_BIT_STRING, TAG_BOOLEAN, TAG_GENERALIZED_TIME,
    TAG_INTEGER, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, TAG_UTC_TIME,
};
use crate::error::{Error, Result};
use crate::input::{self, ObjectKind};
use crate::name::{hex_upper, Name, NameKey};
use crate::revocation::reason::RevocationReason;
use crate::signature::{HashAlgorithm, SignatureAlgorithm};

/// Most entries accepted in one CRL.
pub const MAX_CRL_ENTRIES: usize = 50_000_000;
/// Most distinct certificate issuers (certificateIssuer entry extensions) in one indirect CRL.
pub const MAX_CERTIFICATE_ISSUERS: usize = 65_536;
/// Longest cRLNumber / BaseCRLNumber magnitude accepted, in octets (RFC 5280 §5.2.3).
pub const MAX_CRL_NUMBER_LEN: usize = 20;

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

pub use crate::revocation::distribution_point::IssuingDistributionPoint;

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
    /// The digest of the signed part, computed at load for a large CRL whose algorithm can
    /// be verified from a digest.
    tbs_digest: Option<(HashAlgorithm, Vec<u8>)>,
}

/// CRLs smaller than this are hashed when their signature is checked, not at load.
const PREHASH_MIN_LEN: usize = 1 << 20;

/// The signed part of a large CRL and the hash its outer signature algorithm applies, when
/// that algorithm can be verified from a digest. A quick look at the outer structure only:
/// `parse` checks everything.
fn prehash_target(der: &[u8]) -> Option<(HashAlgorithm, &[u8])> {
    if der.len() < PREHASH_MIN_LEN {
        return None;
    }
    let mut top = Reader::named(der, WHAT);
    let list = top.expect(TAG_SEQUENCE, WHAT).ok()?;
    let mut r = list.inner();
    let tbs = r.expect(TAG_SEQUENCE, WHAT).ok()?;
    let alg = r.expect(TAG_SEQUENCE, WHAT).ok()?;
    let (_, alg) = AlgorithmIdentifier::from_der(alg.raw).ok()?;
    let h = crate::signature::prehash_algorithm(&SignatureAlgorithm::from_x509(&alg))?;
    Some((h, tbs.raw))
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

impl Crl {
    /// Load one CRL from its DER encoding (taken by value: the bytes are kept, not copied).
    pub fn from_der(der: Vec<u8>) -> Result<Crl> {
        if der.is_empty() {
            return Err(Error::Empty);
        }
        if der.len() > input::MAX_CRL_INPUT_LEN {
            return Err(Error::TooLarge {
                what: WHAT,
                len: der.len(),
                limit: input::MAX_CRL_INPUT_LEN,
            });
        }
        let hash_keys = RandomState::new();
        // A large CRL's signed part is hashed on a second thread while this one indexes
        // the entries: the signature check later needs only the digest.
        let (p, tbs_digest) = std::thread::scope(|scope| {
            let hashing = prehash_target(&der).map(|(h, tbs)| {
                scope.spawn(move || crate::signature::digest(h, tbs).map(|d| (h, d)))
            });
            let parsed = parse(&der, &hash_keys);
            let digest = hashing.and_then(|t| t.join().ok().flatten());
            (parsed, digest)
        });
        let p = p?;
        Ok(Crl(Arc::new(Inner {
            der,
            tbs: p.tbs,
            signature: p.signature,
            signature_algorithm: p.signature_algorithm,
            issuer: p.issuer,
            this_update: p.this_update,
            next_update: p.next_update,
            crl_number: p.crl_number,
            delta_base: p.delta_base,
            issuing_distribution_point: p.issuing_distribution_point,
            authority_key_id: p.authority_key_id,
            unprocessed_critical: p.unprocessed_critical,
            unprocessed_critical_entry: p.unprocessed_critical_entry,
            revoked: p.revoked,
            records: p.records,
            issuers: p.issuers,
            empty_name: p.empty_name,
            hash_keys,
            fingerprint: OnceLock::new(),
            tbs_digest,
        })))
    }

    /// Load every CRL of an input: DER, PEM (one block or several) or bare base64 text.
    pub fn all_from_input(bytes: &[u8]) -> Result<Vec<Crl>> {
        input::decode_objects(bytes, ObjectKind::Crl)?
            .into_iter()
            .map(Crl::from_der)
            .collect()
    }

    /// [`Crl::all_from_input`] taking the input by value: DER input (the usual form of a large
    /// CRL) is kept in place instead of copied, so loading a 50 MB CRL read from a file holds
    /// one copy of it, not two. PEM and base64 text are decoded, then the text is released
    /// before indexing.
    pub fn all_from_owned_input(mut bytes: Vec<u8>) -> Result<Vec<Crl>> {
        const WHAT_INPUT: &str = "CRL input";
        if bytes.first() != Some(&TAG_SEQUENCE) {
            let objects = input::decode_objects(&bytes, ObjectKind::Crl)?;
            drop(bytes);
            return objects.into_iter().map(Crl::from_der).collect();
        }
        // The same rules as `input::decode_objects` for DER: one element, then nothing but
        // ASCII whitespace.
        if bytes.len() > input::MAX_CRL_INPUT_LEN {
            return Err(Error::TooLarge {
                what: WHAT_INPUT,
                len: bytes.len(),
                limit: input::MAX_CRL_INPUT_LEN,
            });
        }
        let len = input::der_element_len(&bytes, WHAT_INPUT)?;
        let trailing = bytes.get(len..).unwrap_or_default();
        if trailing.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(Error::MalformedDer {
                what: WHAT_INPUT,
                reason: format!(
                    "{} bytes of trailing data after the DER element",
                    trailing.len()
                ),
            });
        }
        bytes.truncate(len);
        Ok(vec![Crl::from_der(bytes)?])
    }

    /// Load exactly one CRL from DER, PEM or base64 text.
    pub fn from_input(bytes: &[u8]) -> Result<Crl> {
        Crl::from_der(input::decode_one(bytes, ObjectKind::Crl)?)
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
    /// Is this a delta CRL?
    pub fn is_delta(&self) -> bool {
        self.0.delta_base.is_some()
    }
    /// issuingDistributionPoint.
    pub fn issuing_distribution_point(&self) -> Option<&IssuingDistributionPoint> {
        self.0.issuing_distribution_point.as_ref()
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

    /// Entries for this serial (INTEGER content octets, compared exactly) whose effective
    /// certificate issuer matches `cert_issuer` (for a CRL that is not indirect the
    /// effective issuer is always the CRL issuer). In CRL order; usually none or one.
    pub fn lookup(&self, serial: &[u8], cert_issuer: &NameKey) -> Vec<CrlEntry> {
        let inner = &*self.0;
        let mut found: Vec<(u32, CrlEntry)> = Vec::new();
        for (idx, key) in inner.issuers.iter().enumerate() {
            if key != cert_issuer {
                continue;
            }
            let Ok(idx) = u32::try_from(idx) else {
                continue;
            };
            let hash = entry_hash(&inner.hash_keys, serial, idx);
            let start = inner.records.partition_point(|r| r.hash < hash);
            let candidates = inner.records.get(start..).unwrap_or_default();
            for rec in candidates.iter().take_while(|r| r.hash == hash) {
                if rec.issuer != idx {
                    continue;
                }
                if let Some(entry) = self.entry_at(rec) {
                    if entry.serial == serial {
                        found.push((rec.offset, entry));
                    }
                }
            }
        }
        found.sort_by_key(|(offset, _)| *offset);
        found.into_iter().map(|(_, e)| e).collect()
    }

    /// Every entry, in CRL order (for display and tests; lookups use [`Crl::lookup`]).
    pub fn entries(&self) -> impl Iterator<Item = CrlEntry> + '_ {
        let inner = &*self.0;
        let rest = match &inner.revoked {
            Some(range) => inner.der.get(range.clone()).unwrap_or_default(),
            None => &[],
        };
        EntryIter {
            crl: inner,
            rest,
            current: Some(inner.issuer.key().clone()),
            last_certificate_issuer: None,
        }
    }

    fn entry_at(&self, rec: &Record) -> Option<CrlEntry> {
        let inner = &*self.0;
        let offset = rec.offset as usize;
        let (content, _) = expect_tlv(inner.der.get(offset..)?, TAG_SEQUENCE, "").ok()?;
        let raw = parse_entry(content).ok()?;
        let issuer = if rec.issuer == NO_ISSUER {
            &inner.empty_name
        } else {
            inner.issuers.get(rec.issuer as usize)?
        };
        raw.to_entry(issuer.clone())
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

struct EntryIter<'a> {
    crl: &'a Inner,
    rest: &'a [u8],
    /// The effective certificate issuer; `None` when it could not be processed.
    current: Option<NameKey>,
    last_certificate_issuer: Option<&'a [u8]>,
}

impl Iterator for EntryIter<'_> {
    type Item = CrlEntry;

    fn next(&mut self) -> Option<CrlEntry> {
        // The whole list was checked at load time, so errors cannot occur here; stop if one
        // does anyway.
        let (content, rest) = expect_tlv(self.rest, TAG_SEQUENCE, "").ok()?;
        self.rest = rest;
        let raw = parse_entry(content).ok()?;
        if let Some(ci) = raw.certificate_issuer {
            if self.last_certificate_issuer != Some(ci) {
                self.last_certificate_issuer = Some(ci);
                self.current = match certificate_issuer_key(ci).ok()? {
                    Some(key) if self.crl.is_indirect() || key == *self.crl.issuer.key() => {
                        Some(key)
                    }
                    _ => None,
                };
            }
        }
        let issuer = self
            .current
            .clone()
            .unwrap_or_else(|| self.crl.empty_name.clone());
        raw.to_entry(issuer)
    }
}

impl Inner {
    fn is_indirect(&self) -> bool {
        self.issuing_distribution_point
            .as_ref()
            .is_some_and(|i| i.indirect)
    }
}

// ---------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------

struct Parsed {
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
    unprocessed_critical: Vec<String>,
    unprocessed_critical_entry: Option<String>,
    revoked: Option<Range<usize>>,
    records: Vec<Record>,
    issuers: Vec<NameKey>,
    empty_name: NameKey,
}

fn parse(der: &[u8], hash_keys: &RandomState) -> Result<Parsed> {
    let mut top = Reader::named(der, WHAT);
    let list = top.expect(TAG_SEQUENCE, "CertificateList")?;
    if !top.is_empty() {
        return Err(malformed(format!(
            "{} bytes of trailing data after the CertificateList",
            top.remaining().len()
        )));
    }
    let mut r = list.inner();
    let tbs = r.expect(TAG_SEQUENCE, "tbsCertList")?;
    let outer_alg = r.expect(TAG_SEQUENCE, "signatureAlgorithm")?;
    let sig = r.expect(TAG_BIT_STRING, "signatureValue")?;
    r.finish("CertificateList")?;

    // A signature is whole octets. One with unused bits (PKITS BadCRLSignatureCACRL) is
    // kept as an empty value, which no key verifies: the CRL loads, its signature fails.
    let signature = match sig.content.first() {
        None => return Err(malformed("signatureValue: empty BIT STRING")),
        Some(0) => sig.content_start() + 1..sig.end(),
        Some(_) => sig.end()..sig.end(),
    };

    let mut t = tbs.inner();
    if t.peek_tag() == Some(TAG_INTEGER) {
        let v = t.read("version")?;
        if v.content != [1] {
            return Err(malformed(format!(
                "unsupported CRL version (INTEGER {})",
                hex_upper(v.content)
            )));
        }
    }
    let inner_alg = t.expect(TAG_SEQUENCE, "tbsCertList.signature")?;
    same_algorithm(outer_alg, inner_alg)?;
    let signature_algorithm = match AlgorithmIdentifier::from_der(outer_alg.raw) {
        Ok(([], alg)) => SignatureAlgorithm::from_x509(&alg),
        Ok(_) => return Err(malformed("signatureAlgorithm: trailing data")),
        Err(e) => return Err(malformed(format!("signatureAlgorithm: {e}"))),
    };
    let issuer_tlv = t.expect(TAG_SEQUENCE, "issuer")?;
    // Strictly: x509-parser would drop bytes left over inside the name.
    check_name(issuer_tlv, WHAT)?;
    let issuer = match X509Name::from_der(issuer_tlv.raw) {
        Ok(([], n)) => Name::from_x509(&n),
        Ok(_) => return Err(malformed("issuer: trailing data")),
        Err(e) => return Err(malformed(format!("issuer: {e}"))),
    };
    let this_update = to_datetime(parse_time(t.read("thisUpdate")?, "thisUpdate")?)?;
    let next_update = match t.peek_tag() {
        Some(TAG_UTC_TIME | TAG_GENERALIZED_TIME) => Some(to_datetime(parse_time(
            t.read("nextUpdate")?,
            "nextUpdate",
        )?)?),
        _ => None,
    };
    let revoked = t.read_optional(TAG_SEQUENCE, "revokedCertificates")?;
    let extensions = t.read_optional(TAG_CRL_EXTENSIONS, "crlExtensions")?;
    t.finish("tbsCertList")?;

    // CRL extensions first: whether the CRL is indirect decides how entries are attributed.
    let ext = match extensions {
        Some(tlv) => parse_crl_extensions(tlv, issuer.key())?,
        None => CrlExtensions::default(),
    };
    let indirect = ext
        .issuing_distribution_point
        .as_ref()
        .is_some_and(|i| i.indirect);

    let empty_name = Name::from_der(&[TAG_SEQUENCE, 0])?.key().clone();
    let (records, issuers, unprocessed_critical_entry) = match revoked {
        Some(list) => index_entries(list, issuer.key(), indirect, hash_keys)?,
        None => (Vec::new(), vec![issuer.key().clone()], None),
    };

    Ok(Parsed {
        tbs: tbs.start..tbs.end(),
        signature,
        signature_algorithm,
        issuer,
        this_update,
        next_update,
        crl_number: ext.crl_number,
        delta_base: ext.delta_base,
        issuing_distribution_point: ext.issuing_distribution_point,
        authority_key_id: ext.authority_key_id,
        unprocessed_critical: ext.unprocessed_critical,
        unprocessed_critical_entry,
        revoked: revoked.map(|l| l.content_start()..l.end()),
        records,
        issuers,
        empty_name,
    })
}

/// The outer signatureAlgorithm and tbsCertList.signature must name the same algorithm:
/// same OID, same parameters, where absent parameters and NULL are the same (NCA GOST CRLs
/// omit the inner NULL).
fn same_algorithm(outer: Tlv<'_>, inner: Tlv<'_>) -> Result<()> {
    fn split<'a>(alg: Tlv<'a>, what: &'static str) -> Result<(&'a [u8], &'a [u8])> {
        let mut r = alg.inner();
        let oid = r.expect(TAG_OID, what)?;
        let params = r.remaining();
        let params: &[u8] = if params == [0x05, 0x00] { &[] } else { params };
        Ok((oid.content, params))
    }
    let (outer_oid, outer_params) = split(outer, "signatureAlgorithm")?;
    let (inner_oid, inner_params) = split(inner, "tbsCertList.signature")?;
    if outer_oid != inner_oid {
        return Err(malformed(format!(
            "signatureAlgorithm {} differs from tbsCertList.signature {}",
            oid_string(outer_oid),
            oid_string(inner_oid)
        )));
    }
    if outer_params != inner_params {
        return Err(malformed(
            "signatureAlgorithm parameters differ from tbsCertList.signature parameters",
        ));
    }
    Ok(())
}

#[derive(Default)]
struct CrlExtensions {
    crl_number: Option<CrlNumber>,
    delta_base: Option<CrlNumber>,
    issuing_distribution_point: Option<IssuingDistributionPoint>,
    authority_key_id: Option<Vec<u8>>,
    unprocessed_critical: Vec<String>,
}

fn parse_crl_extensions(tagged: Tlv<'_>, crl_issuer: &NameKey) -> Result<CrlExtensions> {
    let mut out = CrlExtensions::default();
    let mut r = tagged.inner();
    let list = r.expect(TAG_SEQUENCE, "crlExtensions")?;
    r.finish("crlExtensions")?;
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut r = list.inner();
    while !r.is_empty() {
        let tlv = r.expect(TAG_SEQUENCE, "CRL extension")?;
        let ext = match X509Extension::from_der(tlv.raw) {
            Ok(([], ext)) => ext,
            Ok(_) => return Err(malformed("CRL extension: trailing data")),
            Err(e) => return Err(malformed(format!("CRL extension: {e}"))),
        };
        let oid = ext.oid.as_bytes();
        let name = || oid_string(oid);
        if seen.iter().any(|s| s == oid) {
            return Err(malformed(format!("duplicate CRL extension {}", name())));
        }
        seen.push(oid.to_vec());
        let bad = |e: &dyn fmt::Display| malformed(format!("CRL extension {}: {e}", name()));
        // RFC 5280 §5.2: these MUST NOT be critical; a CRL that marks them so is not used.
        if ext.critical
            && matches!(
                oid,
                OID_CRL_NUMBER | OID_AUTHORITY_KEY_ID | OID_FRESHEST_CRL
            )
        {
            out.unprocessed_critical
                .push(format!("{} (must not be critical)", name()));
        }
        match oid {
            OID_CRL_NUMBER => out.crl_number = Some(parse_crl_number(ext.value, "cRLNumber")?),
            OID_DELTA_CRL_INDICATOR => {
                out.delta_base = Some(parse_crl_number(ext.value, "deltaCRLIndicator")?)
            }
            OID_ISSUING_DISTRIBUTION_POINT => {
                // Read from the raw value: see revocation::distribution_point.
                out.issuing_distribution_point = Some(
                    crate::revocation::distribution_point::parse_issuing_distribution_point(
                        ext.value, crl_issuer,
                    )?,
                )
            }
            OID_AUTHORITY_KEY_ID => match ext.parsed_extension() {
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    out.authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec())
                }
                ParsedExtension::ParseError { error } => return Err(bad(error)),
                _ => return Err(bad(&"unreadable")),
            },
            // Known and harmless: they only point elsewhere.
            OID_FRESHEST_CRL | OID_ISSUER_ALT_NAME => {}
            _ => {
                if ext.critical {
                    out.unprocessed_critical.push(name());
                }
            }
        }
    }
    Ok(out)
}

/// An extnValue holding one non-negative INTEGER (cRLNumber, BaseCRLNumber).
fn parse_crl_number(value: &[u8], what: &'static str) -> Result<CrlNumber> {
    let mut r = Reader::named(value, WHAT);
    let int = r.expect(TAG_INTEGER, what)?;
    r.finish(what)?;
    CrlNumber::from_integer_content(int.content).map_err(|e| malformed(format!("{what}: {e}")))
}

/// Dotted form of OID content octets (hex when they are not a valid OID).
fn oid_string(bytes: &[u8]) -> String {
    let mut arcs: Vec<u128> = Vec::new();
    let mut acc: u128 = 0;
    let mut valid = !bytes.is_empty();
    for &b in bytes {
        if acc > (u128::MAX >> 7) {
            valid = false;
            break;
        }
        acc = (acc << 7) | u128::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(acc);
            acc = 0;
        }
    }
    if !valid || bytes.last().is_some_and(|b| b & 0x80 != 0) {
        return format!("OID {}", hex_upper(bytes));
    }
    let mut out = String::new();
    for (i, arc) in arcs.iter().enumerate() {
        if i == 0 {
            let (a, b) = match *arc {
                x if x < 40 => (0, x),
                x if x < 80 => (1, x - 40),
                x => (2, x - 80),
            };
            out.push_str(&format!("{a}.{b}"));
        } else {
            out.push_str(&format!(".{arc}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

mod entries;
mod number;
mod time;
use entries::*;
pub use number::CrlNumber;
use time::*;

#[cfg(test)]
mod tests;
