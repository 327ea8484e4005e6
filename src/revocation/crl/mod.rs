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
use crate::signature::SignatureAlgorithm;

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

/// A cRLNumber or BaseCRLNumber: a non-negative integer of at most 20 octets, kept as
/// minimal big-endian octets (zero is `[0]`). Ordered numerically.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CrlNumber(Vec<u8>);

impl CrlNumber {
    /// From the content octets of a DER INTEGER. Refuses negative values and magnitudes of
    /// more than [`MAX_CRL_NUMBER_LEN`] octets.
    pub fn from_integer_content(content: &[u8]) -> Result<CrlNumber> {
        let (&first, _) = content
            .split_first()
            .ok_or_else(|| malformed("CRL number: empty INTEGER"))?;
        if first & 0x80 != 0 {
            return Err(malformed("CRL number: negative INTEGER"));
        }
        Self::from_be_bytes(content)
    }

    /// From unsigned big-endian octets (leading zeros allowed).
    pub fn from_be_bytes(bytes: &[u8]) -> Result<CrlNumber> {
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        let magnitude = bytes.get(start..).unwrap_or_default();
        if magnitude.len() > MAX_CRL_NUMBER_LEN {
            return Err(malformed(format!(
                "CRL number of {} octets exceeds {MAX_CRL_NUMBER_LEN}",
                magnitude.len()
            )));
        }
        Ok(CrlNumber(if magnitude.is_empty() {
            vec![0]
        } else {
            magnitude.to_vec()
        }))
    }

    /// From a machine integer.
    pub fn from_u64(n: u64) -> CrlNumber {
        let bytes = n.to_be_bytes();
        let start = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        CrlNumber(bytes.get(start..).unwrap_or(&[0]).to_vec())
    }

    /// Minimal unsigned big-endian octets (`[0]` for zero).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The value as a `u128`, when it fits.
    pub fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 16 {
            return None;
        }
        Some(
            self.0
                .iter()
                .fold(0u128, |acc, &b| (acc << 8) | u128::from(b)),
        )
    }
}

impl Ord for CrlNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        // Minimal encodings: a longer magnitude is a larger number.
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for CrlNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for CrlNumber {
    /// Decimal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut n = self.0.clone();
        let mut digits = Vec::new();
        while n.iter().any(|&b| b != 0) {
            let mut rem = 0u32;
            for b in n.iter_mut() {
                let cur = (rem << 8) | u32::from(*b);
                *b = (cur / 10) as u8;
                rem = cur % 10;
            }
            digits.push(b'0' + rem as u8);
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        digits.reverse();
        f.write_str(core::str::from_utf8(&digits).unwrap_or("?"))
    }
}

impl fmt::Debug for CrlNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CrlNumber({self})")
    }
}

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
        let p = parse(&der, &hash_keys)?;
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

type Index = (Vec<Record>, Vec<NameKey>, Option<String>);

/// Walk revokedCertificates once: check every entry, attribute it to its certificate
/// issuer, and build the sorted hash index.
fn index_entries(
    list: Tlv<'_>,
    crl_issuer: &NameKey,
    indirect: bool,
    hash_keys: &RandomState,
) -> Result<Index> {
    let mut records: Vec<Record> = Vec::new();
    let mut issuers: Vec<NameKey> = vec![crl_issuer.clone()];
    let mut issuer_ids: HashMap<NameKey, u32> = HashMap::new();
    issuer_ids.insert(crl_issuer.clone(), 0);
    let mut current: u32 = 0;
    let mut last_certificate_issuer: Option<&[u8]> = None;
    let mut unprocessed: Option<String> = None;

    let base = list.content_start();
    let mut rest = list.content;
    while !rest.is_empty() {
        let offset = base + (list.content.len() - rest.len());
        let (content, next) =
            expect_tlv(rest, TAG_SEQUENCE, "invalid entry SEQUENCE").map_err(|e| e.at(offset))?;
        rest = next;
        let entry = parse_entry(content).map_err(|e| e.at(offset))?;
        if let Some(ci) = entry.certificate_issuer {
            if last_certificate_issuer != Some(ci) {
                last_certificate_issuer = Some(ci);
                current = match certificate_issuer_key(ci)? {
                    Some(key) if indirect => match issuer_ids.get(&key) {
                        Some(&id) => id,
                        None => {
                            if issuers.len() >= MAX_CERTIFICATE_ISSUERS {
                                return Err(Error::TooMany {
                                    what: "certificate issuers in a CRL",
                                    limit: MAX_CERTIFICATE_ISSUERS,
                                });
                            }
                            let id = issuers.len() as u32;
                            issuer_ids.insert(key.clone(), id);
                            issuers.push(key);
                            id
                        }
                    },
                    // Not indirect: only the CRL issuer itself can be named.
                    Some(key) if key == *crl_issuer => 0,
                    _ => {
                        if unprocessed.is_none() {
                            unprocessed = Some(oid_string(OID_CERTIFICATE_ISSUER));
                        }
                        NO_ISSUER
                    }
                };
            }
        }
        if let Some(oid) = entry.unknown_critical {
            if unprocessed.is_none() {
                unprocessed = Some(oid_string(oid));
            }
        }
        if records.len() >= MAX_CRL_ENTRIES {
            return Err(Error::TooMany {
                what: "CRL entries",
                limit: MAX_CRL_ENTRIES,
            });
        }
        let offset = u32::try_from(offset).map_err(|_| malformed("entry offset beyond 4 GiB"))?;
        records.push(Record {
            hash: entry_hash(hash_keys, entry.serial, current),
            offset,
            issuer: current,
        });
    }
    // Ties (equal hashes) are rare; lookups put what they find back in CRL order.
    records.sort_unstable_by_key(|r| r.hash);
    records.shrink_to_fit();
    Ok((records, issuers, unprocessed))
}

/// The directory name of a certificateIssuer extnValue (GeneralNames): `None` unless it
/// holds exactly one directoryName (a certificate issuer is a directory name; other forms
/// cannot match one).
fn certificate_issuer_key(value: &[u8]) -> Result<Option<NameKey>> {
    let names = match IssuerAlternativeName::from_der(value) {
        Ok(([], names)) => names,
        _ => return Err(malformed("certificateIssuer: invalid GeneralNames")),
    };
    let mut dirs = names.general_names.iter().filter_map(|g| match g {
        GeneralName::DirectoryName(n) => Some(n),
        _ => None,
    });
    Ok(match (dirs.next(), dirs.next()) {
        (Some(n), None) => Some(Name::from_x509(n).key().clone()),
        _ => None,
    })
}

#[inline]
fn entry_hash(keys: &RandomState, serial: &[u8], issuer: u32) -> u64 {
    let mut h = keys.build_hasher();
    h.write(serial);
    h.write_u32(issuer);
    h.finish()
}

/// A UTCTime or GeneralizedTime, checked during the walk, converted on demand.
#[derive(Clone, Copy, Debug)]
struct RawTime<'a> {
    tag: u8,
    content: &'a [u8],
}

impl RawTime<'_> {
    fn to_datetime(self) -> Option<DateTime<Utc>> {
        timestamp(time_secs(self.tag, self.content)?).ok()
    }
}

/// Why an entry is refused: small and cheap on the hot path, turned into an [`Error`] with
/// the entry's offset only when it happens.
#[derive(Clone, Copy, Debug)]
enum EntryError {
    Der(&'static str),
    UnknownReason(u8),
    Duplicate,
}

impl EntryError {
    #[cold]
    fn at(self, offset: usize) -> Error {
        let why = match self {
            EntryError::Der(what) => what.to_string(),
            EntryError::UnknownReason(code) => format!("unknown CRL reason code {code}"),
            EntryError::Duplicate => "duplicate entry extension".to_string(),
        };
        malformed(format!("CRL entry at offset {offset}: {why}"))
    }
}

type EntryResult<T> = core::result::Result<T, EntryError>;

/// One entry as read from the DER, borrowing it.
struct RawEntry<'a> {
    serial: &'a [u8],
    revocation_date: RawTime<'a>,
    reason: Option<RevocationReason>,
    invalidity_date: Option<RawTime<'a>>,
    /// extnValue of a certificateIssuer extension.
    certificate_issuer: Option<&'a [u8]>,
    /// OID content octets of the first unknown critical extension.
    unknown_critical: Option<&'a [u8]>,
}

impl RawEntry<'_> {
    fn to_entry(&self, certificate_issuer: NameKey) -> Option<CrlEntry> {
        Some(CrlEntry {
            serial: self.serial.to_vec(),
            revocation_date: self.revocation_date.to_datetime()?,
            reason: self.reason,
            invalidity_date: match self.invalidity_date {
                Some(t) => Some(t.to_datetime()?),
                None => None,
            },
            certificate_issuer,
        })
    }
}

/// Split the DER element at the start of `d` into (tag, content, rest).
#[inline(always)]
fn split_tlv(d: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (tag, header_len, len) = header(d)?;
    let (element, rest) = d.split_at_checked(header_len.checked_add(len)?)?;
    Some((tag, element.get(header_len..)?, rest))
}

/// Split an element of the given tag: (content, rest).
#[inline(always)]
fn expect_tlv<'a>(d: &'a [u8], tag: u8, what: &'static str) -> EntryResult<(&'a [u8], &'a [u8])> {
    match split_tlv(d) {
        Some((t, content, rest)) if t == tag => Ok((content, rest)),
        _ => Err(EntryError::Der(what)),
    }
}

/// Read and check one revokedCertificates entry, given the content of its SEQUENCE.
#[inline]
fn parse_entry(c: &[u8]) -> EntryResult<RawEntry<'_>> {
    let (serial, rest) = expect_tlv(c, TAG_INTEGER, "invalid serial INTEGER")?;
    if serial.is_empty() {
        return Err(EntryError::Der("empty serial INTEGER"));
    }
    let (tag, time, rest) = split_tlv(rest).ok_or(EntryError::Der("invalid revocationDate"))?;
    let revocation_date = check_time(tag, time).ok_or(EntryError::Der("invalid revocationDate"))?;
    let mut entry = RawEntry {
        serial,
        revocation_date,
        reason: None,
        invalidity_date: None,
        certificate_issuer: None,
        unknown_critical: None,
    };
    if !rest.is_empty() {
        let (exts, rest) = expect_tlv(rest, TAG_SEQUENCE, "invalid crlEntryExtensions")?;
        if !rest.is_empty() {
            return Err(EntryError::Der("unexpected data after crlEntryExtensions"));
        }
        scan_entry_extensions(exts, &mut entry)?;
    }
    Ok(entry)
}

/// Scan crlEntryExtensions by raw OID, without allocating.
#[inline]
fn scan_entry_extensions<'a>(mut exts: &'a [u8], entry: &mut RawEntry<'a>) -> EntryResult<()> {
    let mut seen_hold = false;
    while !exts.is_empty() {
        let (ext, rest) = expect_tlv(exts, TAG_SEQUENCE, "invalid entry extension")?;
        exts = rest;
        let (oid, ext) = expect_tlv(ext, TAG_OID, "invalid entry extension OID")?;
        let (critical, ext) = match split_tlv(ext) {
            Some((TAG_BOOLEAN, [b], rest)) => (*b != 0, rest),
            Some((TAG_BOOLEAN, _, _)) => {
                return Err(EntryError::Der("invalid entry extension critical flag"))
            }
            _ => (false, ext),
        };
        let (value, ext) = expect_tlv(ext, TAG_OCTET_STRING, "invalid entry extension value")?;
        if !ext.is_empty() {
            return Err(EntryError::Der("unexpected data in an entry extension"));
        }
        match oid {
            OID_REASON_CODE => {
                if entry.reason.is_some() {
                    return Err(EntryError::Duplicate);
                }
                entry.reason = Some(parse_reason(value)?);
            }
            OID_INVALIDITY_DATE => {
                if entry.invalidity_date.is_some() {
                    return Err(EntryError::Duplicate);
                }
                entry.invalidity_date = Some(
                    match split_tlv(value) {
                        Some((TAG_GENERALIZED_TIME, t, [])) => check_time(TAG_GENERALIZED_TIME, t),
                        _ => None,
                    }
                    .ok_or(EntryError::Der("invalid invalidityDate"))?,
                );
            }
            OID_CERTIFICATE_ISSUER => {
                if entry.certificate_issuer.is_some() {
                    return Err(EntryError::Duplicate);
                }
                entry.certificate_issuer = Some(value);
            }
            OID_HOLD_INSTRUCTION => {
                if seen_hold {
                    return Err(EntryError::Duplicate);
                }
                seen_hold = true;
            }
            _ => {
                if critical && entry.unknown_critical.is_none() {
                    entry.unknown_critical = Some(oid);
                }
            }
        }
    }
    Ok(())
}

/// reasonCode extnValue: a one-octet ENUMERATED of a known CRLReason.
#[inline]
fn parse_reason(value: &[u8]) -> EntryResult<RevocationReason> {
    match split_tlv(value) {
        Some((TAG_ENUMERATED, [code], [])) => {
            RevocationReason::from_code(*code).ok_or(EntryError::UnknownReason(*code))
        }
        _ => Err(EntryError::Der(
            "invalid reasonCode (not a one-octet ENUMERATED)",
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------

fn to_datetime(secs: i64) -> Result<DateTime<Utc>> {
    timestamp(secs)
}

/// A header time (thisUpdate, nextUpdate) as Unix seconds.
fn parse_time(t: Tlv<'_>, what: &'static str) -> Result<i64> {
    time_secs(t.tag, t.content).ok_or_else(|| {
        malformed(format!(
            "{what}: invalid time (tag 0x{:02x}, {:?})",
            t.tag,
            String::from_utf8_lossy(t.content)
        ))
    })
}

/// Check an entry time during the walk without converting it.
#[inline]
fn check_time(tag: u8, content: &[u8]) -> Option<RawTime<'_>> {
    let fast = match (tag, content.len()) {
        (TAG_UTC_TIME, 13) => time_fields(content, false).is_some(),
        (TAG_GENERALIZED_TIME, 15) => time_fields(content, true).is_some(),
        _ => false,
    };
    if fast || slow_time_secs(tag, content).is_some() {
        Some(RawTime { tag, content })
    } else {
        None
    }
}

/// A UTCTime or GeneralizedTime as Unix seconds. The DER forms RFC 5280 prescribes
/// (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`) are read directly; anything else is handed to
/// x509-parser, which accepts a few more forms.
fn time_secs(tag: u8, content: &[u8]) -> Option<i64> {
    let fields = match (tag, content.len()) {
        (TAG_UTC_TIME, 13) => time_fields(content, false),
        (TAG_GENERALIZED_TIME, 15) => time_fields(content, true),
        _ => None,
    };
    match fields {
        Some([year, month, day, hour, minute, second]) => {
            Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
        }
        None => slow_time_secs(tag, content),
    }
}

#[cold]
fn slow_time_secs(tag: u8, content: &[u8]) -> Option<i64> {
    if !matches!(tag, TAG_UTC_TIME | TAG_GENERALIZED_TIME) || content.len() >= 0x80 {
        return None;
    }
    let mut der = vec![tag, content.len() as u8];
    der.extend_from_slice(content);
    match ASN1Time::from_der(&der) {
        Ok(([], time)) => Some(time.timestamp()),
        _ => None,
    }
}

/// [year, month, day, hour, minute, second] of `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ`,
/// range-checked (UTCTime years 50-99 are 19xx).
#[inline]
fn time_fields(c: &[u8], generalized: bool) -> Option<[i64; 6]> {
    // Fixed-size views: constant positions, no bounds checks.
    let (year, t): (i64, &[u8; 11]) = if generalized {
        let c: &[u8; 15] = c.try_into().ok()?;
        let [a, b, c2, d, ..] = *c;
        (
            two_digits(a, b)? * 100 + two_digits(c2, d)?,
            c.last_chunk()?,
        )
    } else {
        let c: &[u8; 13] = c.try_into().ok()?;
        let [a, b, ..] = *c;
        let yy = two_digits(a, b)?;
        (
            if yy >= 50 { 1900 + yy } else { 2000 + yy },
            c.last_chunk()?,
        )
    };
    let [mo1, mo2, d1, d2, h1, h2, mi1, mi2, s1, s2, z] = *t;
    if z != b'Z' {
        return None;
    }
    let month = two_digits(mo1, mo2)?;
    let day = two_digits(d1, d2)?;
    let hour = two_digits(h1, h2)?;
    let minute = two_digits(mi1, mi2)?;
    let second = two_digits(s1, s2)?;
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    Some([year, month, day, hour, minute, second])
}

#[inline(always)]
fn two_digits(a: u8, b: u8) -> Option<i64> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    if a > 9 || b > 9 {
        return None;
    }
    Some(i64::from(a * 10 + b))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::DistributionPointName;
    use crate::revocation::reason::ReasonSet;
    use base64::Engine as _;

    // --- a tiny DER builder --------------------------------------------------------------

    fn push_len(v: &mut Vec<u8>, n: usize) {
        if n < 0x80 {
            v.push(n as u8);
        } else {
            let bytes = n.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            v.push(0x80 | (bytes.len() - skip) as u8);
            v.extend_from_slice(&bytes[skip..]);
        }
    }

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        push_len(&mut v, content.len());
        v.extend_from_slice(content);
        v
    }

    fn seq(parts: &[&[u8]]) -> Vec<u8> {
        tlv(0x30, &parts.concat())
    }

    fn name_cn(cn: &str) -> Vec<u8> {
        let atv = seq(&[&tlv(0x06, &[0x55, 0x04, 0x03]), &tlv(0x0c, cn.as_bytes())]);
        seq(&[&tlv(0x31, &atv)])
    }

    fn key(cn: &str) -> NameKey {
        Name::from_der(&name_cn(cn)).unwrap().key().clone()
    }

    fn utc(s: &str) -> Vec<u8> {
        tlv(0x17, s.as_bytes())
    }

    fn gen_time(s: &str) -> Vec<u8> {
        tlv(0x18, s.as_bytes())
    }

    fn ext(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
        let crit = if critical {
            tlv(0x01, &[0xff])
        } else {
            Vec::new()
        };
        seq(&[&tlv(0x06, oid), &crit, &tlv(0x04, value)])
    }

    fn reason(code: u8) -> Vec<u8> {
        ext(OID_REASON_CODE, false, &tlv(0x0a, &[code]))
    }

    fn cert_issuer(cn: &str) -> Vec<u8> {
        ext(
            OID_CERTIFICATE_ISSUER,
            true,
            &seq(&[&tlv(0xa4, &name_cn(cn))]),
        )
    }

    fn entry(serial: &[u8], date: &str, exts: &[Vec<u8>]) -> Vec<u8> {
        let mut parts = vec![tlv(0x02, serial), utc(date)];
        if !exts.is_empty() {
            parts.push(tlv(0x30, &exts.concat()));
        }
        tlv(0x30, &parts.concat())
    }

    const SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];

    fn alg(oid: &[u8], null: bool) -> Vec<u8> {
        if null {
            seq(&[&tlv(0x06, oid), &[0x05, 0x00]])
        } else {
            seq(&[&tlv(0x06, oid)])
        }
    }

    struct Builder {
        version: Option<Vec<u8>>,
        inner_alg: Vec<u8>,
        outer_alg: Vec<u8>,
        issuer: Vec<u8>,
        this_update: Vec<u8>,
        next_update: Option<Vec<u8>>,
        entries: Option<Vec<Vec<u8>>>,
        extensions: Vec<Vec<u8>>,
    }

    impl Builder {
        fn new() -> Builder {
            Builder {
                version: Some(tlv(0x02, &[1])),
                inner_alg: alg(SHA256_RSA, true),
                outer_alg: alg(SHA256_RSA, true),
                issuer: name_cn("Test CA"),
                this_update: utc("220329041829Z"),
                next_update: Some(utc("220925041829Z")),
                entries: None,
                extensions: vec![ext(OID_CRL_NUMBER, false, &tlv(0x02, &[9]))],
            }
        }

        fn entries(mut self, e: Vec<Vec<u8>>) -> Builder {
            self.entries = Some(e);
            self
        }

        fn ext(mut self, e: Vec<u8>) -> Builder {
            self.extensions.push(e);
            self
        }

        fn tbs(&self) -> Vec<u8> {
            let mut parts: Vec<Vec<u8>> = Vec::new();
            parts.extend(self.version.clone());
            parts.push(self.inner_alg.clone());
            parts.push(self.issuer.clone());
            parts.push(self.this_update.clone());
            parts.extend(self.next_update.clone());
            if let Some(e) = &self.entries {
                parts.push(tlv(0x30, &e.concat()));
            }
            if !self.extensions.is_empty() {
                parts.push(tlv(0xa0, &tlv(0x30, &self.extensions.concat())));
            }
            tlv(0x30, &parts.concat())
        }

        fn build(&self) -> Vec<u8> {
            seq(&[
                &self.tbs(),
                &self.outer_alg,
                &tlv(0x03, &[0, 0xde, 0xad, 0xbe, 0xef]),
            ])
        }

        fn load(&self) -> Result<Crl> {
            Crl::from_der(self.build())
        }
    }

    fn dt(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    // --- synthetic CRLs ------------------------------------------------------------------

    #[test]
    fn header_fields_are_read() {
        let b = Builder::new().ext(ext(
            OID_AUTHORITY_KEY_ID,
            false,
            &seq(&[&tlv(0x80, &[1, 2, 3, 4])]),
        ));
        let der = b.build();
        let crl = Crl::from_der(der.clone()).unwrap();
        assert_eq!(crl.der(), &der[..]);
        assert_eq!(crl.tbs(), &b.tbs()[..]);
        assert_eq!(crl.signature(), &[0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(
            crl.signature_algorithm(),
            &SignatureAlgorithm::RsaPkcs1(crate::signature::HashAlgorithm::Sha256)
        );
        assert_eq!(crl.issuer().key(), &key("test ca"));
        assert_eq!(crl.this_update(), dt("2022-03-29T04:18:29Z"));
        assert_eq!(crl.next_update(), Some(dt("2022-09-25T04:18:29Z")));
        assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(9)));
        assert_eq!(crl.authority_key_id(), Some(&[1u8, 2, 3, 4][..]));
        assert!(!crl.is_delta());
        assert!(crl.is_empty());
        assert_eq!(crl.len(), 0);
        assert_eq!(crl.entries().count(), 0);
        assert!(crl.unprocessed_critical_extensions().is_empty());
        assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
        let fp: [u8; 32] = Sha256::digest(&der).into();
        assert_eq!(crl.fingerprint_sha256(), fp);
        let clone = crl.clone();
        assert_eq!(clone, crl);
        assert!(format!("{crl:?}").contains("Test CA"));
    }

    #[test]
    fn entries_with_and_without_reason() {
        let crl = Builder::new()
            .entries(vec![
                entry(&[0x01, 0x02], "210401065652Z", &[reason(6)]),
                entry(&[0x03], "210330181021Z", &[]),
                entry(&[0x04], "210330181021Z", &[reason(1)]),
            ])
            .load()
            .unwrap();
        assert_eq!(crl.len(), 3);
        let ca = key("Test CA");
        let e = crl.lookup(&[0x01, 0x02], &ca);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
        assert_eq!(e[0].revocation_date, dt("2021-04-01T06:56:52Z"));
        assert_eq!(e[0].certificate_issuer, ca);
        assert_eq!(e[0].serial_hex(), "0102");
        let e = crl.lookup(&[0x03], &ca);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].reason, None);
        assert_eq!(
            crl.lookup(&[0x04], &ca)[0].reason,
            Some(RevocationReason::KeyCompromise)
        );
        assert!(crl.lookup(&[0x05], &ca).is_empty());
        assert!(crl.lookup(&[0x01], &ca).is_empty());
        // Another issuer never matches a CRL that is not indirect.
        assert!(crl.lookup(&[0x03], &key("Other CA")).is_empty());
        let all: Vec<_> = crl.entries().map(|e| e.serial).collect();
        assert_eq!(all, vec![vec![1, 2], vec![3], vec![4]]);
    }

    #[test]
    fn serials_compare_exactly() {
        let long: Vec<u8> = (1..=25).collect();
        let crl = Builder::new()
            .entries(vec![
                entry(&[0xff], "210401065652Z", &[]),
                entry(&[0xff, 0x7f], "210401065652Z", &[]),
                entry(&[0x00, 0x80], "210401065652Z", &[]),
                entry(&long, "210401065652Z", &[]),
            ])
            .load()
            .unwrap();
        let ca = key("Test CA");
        assert_eq!(crl.lookup(&[0xff], &ca).len(), 1);
        assert_eq!(crl.lookup(&[0xff, 0x7f], &ca).len(), 1);
        assert_eq!(crl.lookup(&[0x00, 0x80], &ca).len(), 1);
        assert!(crl.lookup(&[0x80], &ca).is_empty());
        assert_eq!(crl.lookup(&long, &ca)[0].serial, long);
        assert!(crl.lookup(&long[..20], &ca).is_empty());
    }

    #[test]
    fn duplicate_serials_are_all_returned_in_order() {
        let crl = Builder::new()
            .entries(vec![
                entry(&[7], "210401000000Z", &[reason(6)]),
                entry(&[8], "210401000000Z", &[]),
                entry(&[7], "210501000000Z", &[reason(1)]),
            ])
            .load()
            .unwrap();
        let e = crl.lookup(&[7], &key("Test CA"));
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
        assert_eq!(e[1].reason, Some(RevocationReason::KeyCompromise));
    }

    #[test]
    fn invalidity_date_and_hold_instruction() {
        let crl = Builder::new()
            .entries(vec![entry(
                &[1],
                "210401000000Z",
                &[
                    ext(OID_INVALIDITY_DATE, false, &gen_time("20210315120000Z")),
                    ext(
                        OID_HOLD_INSTRUCTION,
                        false,
                        &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x02, 0x02]),
                    ),
                ],
            )])
            .load()
            .unwrap();
        let e = &crl.lookup(&[1], &key("Test CA"))[0];
        assert_eq!(e.invalidity_date, Some(dt("2021-03-15T12:00:00Z")));
        assert_eq!(e.reason, None);
        assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
    }

    #[test]
    fn times_utc_and_generalized() {
        let mut b = Builder::new().entries(vec![entry(&[1], "500101000000Z", &[])]);
        b.this_update = utc("491231235959Z");
        b.next_update = Some(gen_time("20500101000000Z"));
        let crl = b.load().unwrap();
        assert_eq!(crl.this_update(), dt("2049-12-31T23:59:59Z"));
        assert_eq!(crl.next_update(), Some(dt("2050-01-01T00:00:00Z")));
        assert_eq!(
            crl.entries().next().unwrap().revocation_date,
            dt("1950-01-01T00:00:00Z")
        );
        // No nextUpdate.
        let mut b = Builder::new();
        b.next_update = None;
        assert_eq!(b.load().unwrap().next_update(), None);
        // Leap day and a bad date.
        let ok = Builder::new().entries(vec![entry(&[1], "240229000000Z", &[])]);
        assert!(ok.load().is_ok());
        for bad in [
            "230229000000Z",
            "231301000000Z",
            "2301010000Z0Z",
            "230101246000Z",
        ] {
            let b = Builder::new().entries(vec![entry(&[1], bad, &[])]);
            assert!(b.load().is_err(), "{bad}");
        }
    }

    #[test]
    fn fast_time_matches_chrono() {
        for s in [
            "19700101000000Z",
            "19691231235959Z",
            "20000229123456Z",
            "21000301000000Z",
            "16000229000000Z",
            "99991231235959Z",
        ] {
            let secs = time_secs(TAG_GENERALIZED_TIME, s.as_bytes()).unwrap();
            let expected = chrono::NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%SZ")
                .unwrap()
                .and_utc()
                .timestamp();
            assert_eq!(secs, expected, "{s}");
        }
    }

    #[test]
    fn unknown_reason_code_is_an_error() {
        for code in [7u8, 11, 0x80] {
            let b = Builder::new().entries(vec![entry(&[1], "210401000000Z", &[reason(code)])]);
            assert!(
                matches!(b.load(), Err(Error::MalformedDer { .. })),
                "{code}"
            );
        }
        let b = Builder::new().entries(vec![entry(
            &[1],
            "210401000000Z",
            &[ext(OID_REASON_CODE, false, &tlv(0x0a, &[0, 1]))],
        )]);
        assert!(b.load().is_err());
        let b = Builder::new().entries(vec![entry(&[1], "210401000000Z", &[reason(1), reason(1)])]);
        assert!(b.load().is_err(), "duplicate entry extension");
    }

    #[test]
    fn indirect_crl_switches_certificate_issuer() {
        let idp = ext(
            OID_ISSUING_DISTRIBUTION_POINT,
            true,
            &seq(&[&tlv(0x84, &[0xff])]),
        );
        let crl = Builder::new()
            .ext(idp)
            .entries(vec![
                entry(&[1], "210401000000Z", &[]),
                entry(&[2], "210401000000Z", &[cert_issuer("CA A")]),
                entry(&[3], "210401000000Z", &[]),
                entry(&[1], "210401000000Z", &[cert_issuer("CA B"), reason(1)]),
                entry(&[4], "210401000000Z", &[cert_issuer("CA A")]),
                entry(&[5], "210401000000Z", &[cert_issuer("Test CA")]),
            ])
            .load()
            .unwrap();
        assert!(crl.is_indirect());
        let (ca, a, b) = (key("Test CA"), key("CA A"), key("CA B"));
        assert_eq!(crl.lookup(&[1], &ca).len(), 1);
        assert_eq!(crl.lookup(&[1], &ca)[0].reason, None);
        assert_eq!(crl.lookup(&[1], &b).len(), 1);
        assert_eq!(
            crl.lookup(&[1], &b)[0].reason,
            Some(RevocationReason::KeyCompromise)
        );
        assert!(crl.lookup(&[1], &a).is_empty());
        assert_eq!(crl.lookup(&[2], &a).len(), 1);
        assert_eq!(crl.lookup(&[3], &a).len(), 1);
        assert!(crl.lookup(&[3], &ca).is_empty());
        assert_eq!(crl.lookup(&[4], &a).len(), 1);
        assert!(crl.lookup(&[4], &b).is_empty());
        assert_eq!(crl.lookup(&[5], &ca).len(), 1);
        assert_eq!(crl.lookup(&[5], &ca)[0].certificate_issuer, ca);
        let issuers: Vec<NameKey> = crl.entries().map(|e| e.certificate_issuer).collect();
        assert_eq!(issuers, vec![ca.clone(), a.clone(), a.clone(), b, a, ca]);
        assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
    }

    #[test]
    fn certificate_issuer_outside_an_indirect_crl_is_unprocessed() {
        let crl = Builder::new()
            .entries(vec![
                entry(&[1], "210401000000Z", &[]),
                entry(&[2], "210401000000Z", &[cert_issuer("CA A")]),
            ])
            .load()
            .unwrap();
        assert_eq!(
            crl.first_unprocessed_critical_entry_extension(),
            Some("2.5.29.29")
        );
        assert!(crl.lookup(&[2], &key("CA A")).is_empty());
        assert!(crl.lookup(&[2], &key("Test CA")).is_empty());
        assert_eq!(crl.lookup(&[1], &key("Test CA")).len(), 1);
        // Naming the CRL issuer itself is harmless.
        let crl = Builder::new()
            .entries(vec![entry(
                &[2],
                "210401000000Z",
                &[cert_issuer("Test CA")],
            )])
            .load()
            .unwrap();
        assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
        assert_eq!(crl.lookup(&[2], &key("Test CA")).len(), 1);
    }

    #[test]
    fn unknown_critical_entry_extension_is_recorded() {
        let unknown = [0x2a, 0x03, 0x04]; // 1.2.3.4
        let crl = Builder::new()
            .entries(vec![
                entry(
                    &[1],
                    "210401000000Z",
                    &[ext(&unknown, false, &[0x05, 0x00])],
                ),
                entry(&[2], "210401000000Z", &[]),
            ])
            .load()
            .unwrap();
        assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
        let crl = Builder::new()
            .entries(vec![
                entry(&[1], "210401000000Z", &[]),
                entry(&[2], "210401000000Z", &[ext(&unknown, true, &[0x05, 0x00])]),
            ])
            .load()
            .unwrap();
        assert_eq!(
            crl.first_unprocessed_critical_entry_extension(),
            Some("1.2.3.4")
        );
        assert_eq!(crl.len(), 2);
    }

    #[test]
    fn unknown_critical_crl_extension_is_recorded() {
        let crl = Builder::new()
            .ext(ext(&[0x2a, 0x03, 0x05], true, &[0x05, 0x00]))
            .ext(ext(&[0x2a, 0x03, 0x06], false, &[0x05, 0x00]))
            .load()
            .unwrap();
        assert_eq!(
            crl.unprocessed_critical_extensions(),
            &["1.2.3.5".to_string()]
        );
        // freshestCRL and issuerAltName are known.
        let crl = Builder::new()
            .ext(ext(OID_FRESHEST_CRL, true, &seq(&[])))
            .load()
            .unwrap();
        assert!(crl.unprocessed_critical_extensions().is_empty());
    }

    #[test]
    fn duplicate_crl_extension_is_an_error() {
        let b = Builder::new().ext(ext(OID_CRL_NUMBER, false, &tlv(0x02, &[10])));
        assert!(matches!(b.load(), Err(Error::MalformedDer { .. })));
    }

    #[test]
    fn delta_crl_indicator() {
        let crl = Builder::new()
            .ext(ext(
                OID_DELTA_CRL_INDICATOR,
                true,
                &tlv(0x02, &[0x00, 0x80]),
            ))
            .load()
            .unwrap();
        assert!(crl.is_delta());
        assert_eq!(crl.delta_base(), Some(&CrlNumber::from_u64(128)));
        assert!(crl.unprocessed_critical_extensions().is_empty());
        let bad = Builder::new().ext(ext(OID_DELTA_CRL_INDICATOR, true, &tlv(0x02, &[0xff])));
        assert!(bad.load().is_err(), "negative base");
    }

    #[test]
    fn crl_numbers_order_numerically() {
        let n = |b: &[u8]| CrlNumber::from_be_bytes(b).unwrap();
        assert!(n(&[0x01, 0x00]) > n(&[0xff]));
        assert!(n(&[0x00, 0x00, 0x05]) == n(&[0x05]));
        assert!(n(&[]) < n(&[1]));
        assert_eq!(n(&[0, 0]).as_bytes(), &[0]);
        assert_eq!(n(&[0x01, 0x00]).to_string(), "256");
        assert_eq!(n(&[]).to_string(), "0");
        let big = [0xffu8; 20];
        assert_eq!(
            n(&big).to_string(),
            "1461501637330902918203684832716283019655932542975"
        );
        assert!(CrlNumber::from_be_bytes(&[1; 21]).is_err());
        assert!(CrlNumber::from_integer_content(&[0x80]).is_err());
        assert_eq!(CrlNumber::from_u64(0).as_bytes(), &[0]);
        assert_eq!(CrlNumber::from_u64(0x1234).to_u128(), Some(0x1234));
        let b = Builder::new();
        let mut b2 = Builder::new();
        b2.extensions = vec![ext(OID_CRL_NUMBER, false, &tlv(0x02, &[0x01; 21]))];
        assert!(b2.load().is_err());
        assert!(b.load().is_ok());
    }

    #[test]
    fn issuing_distribution_point_flags() {
        let uri = b"http://crl.example/ca.crl";
        let dp = tlv(0xa0, &tlv(0xa0, &tlv(0x86, uri)));
        // onlyContainsUserCerts, onlySomeReasons keyCompromise + cACompromise (bits 1, 2).
        let idp = seq(&[&dp, &tlv(0x81, &[0xff]), &tlv(0x83, &[0x05, 0x60])]);
        let crl = Builder::new()
            .ext(ext(OID_ISSUING_DISTRIBUTION_POINT, true, &idp))
            .load()
            .unwrap();
        let i = crl.issuing_distribution_point().unwrap();
        assert_eq!(
            i.name,
            Some(DistributionPointName(vec![
                crate::name::GeneralNameKey::Uri("http://crl.example/ca.crl".into())
            ]))
        );
        assert!(i.only_user_certs && !i.only_ca_certs && !i.only_attribute_certs && !i.indirect);
        assert_eq!(i.only_some_reasons, Some(ReasonSet::from_flags(0b110)));
        assert!(crl.unprocessed_critical_extensions().is_empty());

        let idp = seq(&[&tlv(0x82, &[0xff]), &tlv(0x85, &[0xff])]);
        let crl = Builder::new()
            .ext(ext(OID_ISSUING_DISTRIBUTION_POINT, true, &idp))
            .load()
            .unwrap();
        let i = crl.issuing_distribution_point().unwrap();
        assert!(!i.only_user_certs && i.only_ca_certs && i.only_attribute_certs);
        assert_eq!(i.name, None);
        assert_eq!(i.only_some_reasons, None);
    }

    #[test]
    fn algorithm_identifiers_must_agree() {
        // Inner without NULL, outer with: accepted (NCA GOST CRLs).
        let mut b = Builder::new();
        b.inner_alg = alg(SHA256_RSA, false);
        assert!(b.load().is_ok());
        b.inner_alg = alg(SHA256_RSA, true);
        b.outer_alg = alg(SHA256_RSA, false);
        assert!(b.load().is_ok());
        // Different OID.
        let mut b = Builder::new();
        b.inner_alg = alg(
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05],
            true,
        );
        assert!(matches!(b.load(), Err(Error::MalformedDer { .. })));
        // Different parameters.
        let mut b = Builder::new();
        b.inner_alg = seq(&[&tlv(0x06, SHA256_RSA), &tlv(0x02, &[1])]);
        assert!(b.load().is_err());
    }

    #[test]
    fn version_must_be_v2_when_present() {
        let mut b = Builder::new();
        b.version = None;
        b.extensions.clear();
        assert!(b.load().is_ok());
        b.version = Some(tlv(0x02, &[2]));
        assert!(b.load().is_err());
        b.version = Some(tlv(0x02, &[0]));
        assert!(b.load().is_err());
    }

    fn sample() -> Vec<u8> {
        Builder::new()
            .ext(ext(
                OID_ISSUING_DISTRIBUTION_POINT,
                true,
                &seq(&[&tlv(0x84, &[0xff])]),
            ))
            .entries(vec![
                entry(&[1, 2, 3], "210401000000Z", &[reason(1)]),
                entry(&[0xff], "210401000000Z", &[]),
                entry(
                    &[4],
                    "210401000000Z",
                    &[
                        cert_issuer("CA A"),
                        ext(OID_INVALIDITY_DATE, false, &gen_time("20210315120000Z")),
                    ],
                ),
            ])
            .build()
    }

    #[test]
    fn every_truncation_is_an_error() {
        let der = sample();
        assert!(Crl::from_der(der.clone()).is_ok());
        for n in 0..der.len() {
            assert!(Crl::from_der(der[..n].to_vec()).is_err(), "prefix {n}");
            assert!(Crl::all_from_input(&der[..n]).is_err(), "input prefix {n}");
            assert!(
                Crl::all_from_owned_input(der[..n].to_vec()).is_err(),
                "owned prefix {n}"
            );
        }
    }

    #[test]
    fn corrupted_bytes_never_panic() {
        let der = sample();
        for i in 0..der.len() {
            for v in [0x00u8, 0x01, 0x7f, 0x80, 0x81, 0x84, 0xff, der[i] ^ 0x01] {
                let mut d = der.clone();
                d[i] = v;
                if let Ok(crl) = Crl::from_der(d) {
                    let _ = crl.entries().count();
                    let _ = crl.lookup(&[1, 2, 3], &key("Test CA"));
                }
            }
        }
    }

    #[test]
    fn trailing_data_is_an_error() {
        let mut der = sample();
        der.push(0);
        assert!(matches!(
            Crl::from_der(der.clone()),
            Err(Error::MalformedDer { .. })
        ));
        assert!(Crl::all_from_input(&der).is_err());
        assert!(Crl::all_from_owned_input(der.clone()).is_err());
        der.pop();
        der.extend_from_slice(b"\r\n");
        assert_eq!(
            Crl::all_from_owned_input(der.clone()).unwrap()[0].der(),
            sample()
        );
        assert_eq!(Crl::all_from_input(&der).unwrap()[0].der(), sample());
        // Inside the tbsCertList too.
        let mut b = Builder::new();
        b.extensions.clear();
        b.next_update = Some([utc("220925041829Z"), tlv(0x05, &[])].concat());
        assert!(b.load().is_err());
        assert!(Crl::from_der(Vec::new()).is_err());
    }

    #[test]
    fn pem_and_base64_input() {
        let der = sample();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| core::str::from_utf8(c).unwrap())
            .collect();
        let pem = format!(
            "-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\n-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\n",
            lines.join("\n"),
            lines.join("\n")
        );
        let crls = Crl::all_from_input(pem.as_bytes()).unwrap();
        assert_eq!(crls.len(), 2);
        assert_eq!(crls[0].der(), &der[..]);
        assert_eq!(crls[0].len(), 3);
        let owned = Crl::all_from_owned_input(pem.clone().into_bytes()).unwrap();
        assert_eq!(owned.len(), 2);
        assert_eq!(owned[1].der(), &der[..]);
        let crls = Crl::all_from_input(lines.join("\r\n").as_bytes()).unwrap();
        assert_eq!(crls.len(), 1);
        assert_eq!(crls[0].der(), &der[..]);
        assert_eq!(Crl::from_input(&der).unwrap().der(), &der[..]);
    }

    #[test]
    fn oid_strings() {
        assert_eq!(oid_string(&[0x55, 0x1d, 0x1d]), "2.5.29.29");
        assert_eq!(oid_string(&[0x2a, 0x86, 0x48]), "1.2.840");
        assert_eq!(oid_string(&[0x88, 0x37]), "2.999");
        assert!(oid_string(&[0x86]).starts_with("OID"));
        assert!(oid_string(&[]).starts_with("OID"));
    }

    // --- real CRLs -----------------------------------------------------------------------

    fn read_shared(path: &str) -> Option<Vec<u8>> {
        match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("skipping: {path} not available ({e})");
                None
            }
        }
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn nca_rsa_test_crl() {
        let Some(bytes) = read_shared("../shared/nca-test-pki/rsa/nca_rsa_test.crl") else {
            return;
        };
        let crl = Crl::from_input(&bytes).unwrap();
        assert_eq!(crl.len(), 126);
        assert_eq!(crl.entries().count(), 126);
        assert_eq!(crl.this_update(), dt("2022-03-29T04:18:29Z"));
        assert_eq!(crl.next_update(), Some(dt("2022-09-25T04:18:29Z")));
        assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(9)));
        assert_eq!(
            crl.authority_key_id().map(hex_upper).as_deref(),
            Some("A68C16337CB8E83567063E5E415755A2AF345068")
        );
        assert_eq!(
            crl.signature_algorithm(),
            &SignatureAlgorithm::RsaPkcs1(crate::signature::HashAlgorithm::Sha256)
        );
        assert_eq!(crl.signature().len(), 512);
        assert!(!crl.is_delta());
        assert!(crl.unprocessed_critical_extensions().is_empty());
        assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
        let issuer = crl.issuer().key().clone();
        let e = crl.lookup(&hex("474C38696D8677A2C8B6E40345A8B04168C0905C"), &issuer);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
        assert_eq!(e[0].revocation_date, dt("2021-04-01T06:56:52Z"));
        let e = crl.lookup(&hex("1F6DE34F4F4BB353DD57EF15E4E6DDB8363F6D00"), &issuer);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].reason, None);
        // Every entry is found through the index.
        for entry in crl.entries() {
            assert!(crl.lookup(&entry.serial, &issuer).contains(&entry));
        }
        // The signing certificate of 2022 is not listed.
        assert!(crl
            .lookup(&hex("41E45CC8A04C705963E5CD6769848A934D8EAEF5"), &issuer)
            .is_empty());
    }

    #[test]
    fn nca_gost2022_test_crl() {
        let Some(bytes) = read_shared("../shared/nca-test-pki/gost2015/nca_gost2022_test.crl")
        else {
            return;
        };
        let crl = Crl::from_input(&bytes).unwrap();
        assert_eq!(crl.len(), 195);
        assert_eq!(crl.this_update(), dt("2026-08-11T03:49:19Z"));
        assert_eq!(crl.next_update(), Some(dt("2027-02-07T03:49:19Z")));
        assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(166)));
        assert!(matches!(
            crl.signature_algorithm(),
            SignatureAlgorithm::Unsupported { oid, .. } if oid == "1.2.398.3.10.1.1.2.3.2"
        ));
        let issuer = crl.issuer().key().clone();
        let e = crl.lookup(&hex("3ACEA55CBCDF38C861FB3F341854C53EC9ED6ECD"), &issuer);
        assert_eq!(e.len(), 1, "individual_revoked");
        assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
        assert_eq!(
            e[0].revocation_date.date_naive(),
            dt("2026-05-08T00:00:00Z").date_naive()
        );
        let e = crl.lookup(&hex("5BFAB68530D2A5DAF87B65E29A105A7BEA75B411"), &issuer);
        assert_eq!(e.len(), 1, "head_revoked");
        assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
        for valid in [
            "6C425659BD2FC6DC587B871AEDE1857727CF8451",
            "303EEBDF17969F3EDEDE9BD9828FB1355AABBE4E",
        ] {
            assert!(crl.lookup(&hex(valid), &issuer).is_empty(), "{valid}");
        }
        for entry in crl.entries() {
            assert!(crl.lookup(&entry.serial, &issuer).contains(&entry));
        }
    }

    #[test]
    fn nca_gost_test_crl() {
        let Some(bytes) = read_shared("../shared/nca-test-pki/gost2004/nca_gost_test.crl") else {
            return;
        };
        let crl = Crl::from_input(&bytes).unwrap();
        assert_eq!(crl.len(), 31);
        assert_eq!(crl.this_update(), dt("2022-03-29T04:30:07Z"));
        assert_eq!(crl.next_update(), Some(dt("2022-09-25T04:30:07Z")));
        assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(7)));
        let issuer = crl.issuer().key().clone();
        assert!(crl
            .lookup(&hex("6CBD4560A33A58C0B07C3363C9AE0674A0838E58"), &issuer)
            .is_empty());
        let e = crl.lookup(&hex("5E5D1C4849CBF6F9EFB9BCCE9178BAF65C660D8F"), &issuer);
        assert_eq!(e[0].reason, Some(RevocationReason::AffiliationChanged));
    }

    /// Every PKITS CRL loads without panicking. All of them load successfully; the ones
    /// that PKITS means to be refused are refused later by status checking (signature,
    /// unknown critical extensions, scope):
    /// * UnknownCRLExtensionCACRL: unprocessed critical CRL extension.
    /// * UnknownCRLEntryExtensionCACRL: unprocessed critical entry extension.
    /// * BadCRLSignatureCACRL: its signatureValue BIT STRING declares 1 unused bit; it loads
    ///   with an empty signature, which never verifies.
    #[test]
    fn pkits_crls_load() {
        let dir = "../shared/pkits/crls";
        let Ok(read_dir) = std::fs::read_dir(dir) else {
            eprintln!("skipping: {dir} not available");
            return;
        };
        let mut paths: Vec<_> = read_dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        let mut failed = Vec::new();
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            match Crl::all_from_input(&bytes) {
                Ok(crls) => {
                    for crl in crls {
                        let n = crl.entries().count();
                        assert_eq!(n, crl.len(), "{}", path.display());
                        for e in crl.entries() {
                            assert!(
                                !crl.lookup(&e.serial, &e.certificate_issuer).is_empty()
                                    || crl.first_unprocessed_critical_entry_extension().is_some(),
                                "{}",
                                path.display()
                            );
                        }
                    }
                }
                Err(e) => failed.push(format!(
                    "{}: {e}",
                    path.file_name().unwrap().to_string_lossy()
                )),
            }
        }
        eprintln!("PKITS: {} CRLs, failures: {failed:#?}", paths.len());
        assert!(failed.is_empty(), "{failed:#?}");

        let load =
            |f: &str| Crl::from_input(&std::fs::read(format!("{dir}/{f}")).unwrap()).unwrap();
        assert_eq!(
            load("UnknownCRLExtensionCACRL.crl").unprocessed_critical_extensions(),
            &["2.16.840.1.101.2.1.12.2".to_string()][..]
        );
        assert_eq!(
            load("UnknownCRLEntryExtensionCACRL.crl").first_unprocessed_critical_entry_extension(),
            Some("2.16.840.1.101.2.1.12.2")
        );
        assert!(load("BadCRLSignatureCACRL.crl").signature().is_empty());
        assert!(!load("GoodCACRL.crl").signature().is_empty());
        assert!(load("deltaCRLCA1deltaCRL.crl").is_delta());
        assert!(load("indirectCRLCA5CRL.crl").is_indirect());
        let neg = load("NegativeSerialNumberCACRL.crl");
        assert!(neg.entries().any(|e| e.serial[0] & 0x80 != 0));
        let long = load("LongSerialNumberCACRL.crl");
        assert!(long.entries().any(|e| e.serial.len() >= 20));
    }

    // --- a 1M-entry CRL ------------------------------------------------------------------

    fn status_kib(field: &str) -> Option<u64> {
        let s = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = s.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Synthesise an N-entry CRL (serials of 16-20 octets, reasonCode on each entry)
    /// directly into one exactly-sized buffer.
    fn synthesise(n: usize) -> Vec<u8> {
        let serial_len = |i: usize| 16 + i % 5;
        // entry = 30 L | 02 len serial | 17 0d time | 30 0c (30 0a 06 03 551d15 04 03 0a 01 r)
        let entry_len = |i: usize| 2 + (2 + serial_len(i)) + 15 + 14;
        let revoked_len: usize = (0..n).map(entry_len).sum();
        let prefix = [
            tlv(0x02, &[1]),
            alg(SHA256_RSA, true),
            name_cn("Synthetic CA"),
            utc("260101000000Z"),
            utc("260701000000Z"),
        ]
        .concat();
        let suffix = tlv(0xa0, &seq(&[&ext(OID_CRL_NUMBER, false, &tlv(0x02, &[1]))]));
        let header_of = |tag: u8, len: usize| {
            let mut v = vec![tag];
            push_len(&mut v, len);
            v
        };
        let revoked_header = header_of(0x30, revoked_len);
        let tbs_len = prefix.len() + revoked_header.len() + revoked_len + suffix.len();
        let tbs_header = header_of(0x30, tbs_len);
        let tail = [alg(SHA256_RSA, true), tlv(0x03, &[0; 513])].concat();
        let outer_len = tbs_header.len() + tbs_len + tail.len();
        let outer_header = header_of(0x30, outer_len);
        let total = outer_header.len() + outer_len;
        let mut der = Vec::with_capacity(total);
        der.extend_from_slice(&outer_header);
        der.extend_from_slice(&tbs_header);
        der.extend_from_slice(&prefix);
        der.extend_from_slice(&revoked_header);
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let reasons = [0u8, 1, 3, 4, 5, 6];
        for i in 0..n {
            let len = serial_len(i);
            der.extend_from_slice(&[0x30, (entry_len(i) - 2) as u8, 0x02, len as u8]);
            for j in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let b = state as u8;
                der.push(if j == 0 { (b & 0x7f) | 0x01 } else { b });
            }
            der.extend_from_slice(b"\x17\x0d250315120000Z");
            der.extend_from_slice(&[
                0x30,
                0x0c,
                0x30,
                0x0a,
                0x06,
                0x03,
                0x55,
                0x1d,
                0x15,
                0x04,
                0x03,
                0x0a,
                0x01,
                reasons[i % reasons.len()],
            ]);
        }
        der.extend_from_slice(&suffix);
        der.extend_from_slice(&tail);
        assert_eq!(der.len(), total);
        der
    }

    #[test]
    fn synthetic_small_crl_loads() {
        let der = synthesise(1000);
        let crl = Crl::from_der(der).unwrap();
        assert_eq!(crl.len(), 1000);
        let issuer = crl.issuer().key().clone();
        for e in crl.entries() {
            assert_eq!(crl.lookup(&e.serial, &issuer), vec![e]);
        }
    }

    /// `cargo test --release --lib crl -- --ignored --nocapture`: synthesises a 1M-entry
    /// CRL, writes it to `$QOLTANBA_CRL_OUT` (default: the temp dir) for comparison with
    /// `openssl crl -inform DER -noout -in <file>`, then reads it back and loads it as an
    /// application would, printing the time and the memory.
    #[test]
    #[ignore]
    fn one_million_entries() {
        let n = 1_000_000;
        let path = std::env::var("QOLTANBA_CRL_OUT").unwrap_or_else(|_| {
            std::env::temp_dir()
                .join("qoltanba-crl-1m.der")
                .to_string_lossy()
                .into_owned()
        });
        let t = std::time::Instant::now();
        let der = synthesise(n);
        let der_len = der.len();
        std::fs::write(&path, &der).unwrap();
        drop(der);
        eprintln!(
            "synthesised {n} entries, {:.1} MB DER in {:?}, written to {path}",
            der_len as f64 / 1e6,
            t.elapsed()
        );

        // As an application does it: read the file, load it (the bytes are moved in).
        let rss_before = status_kib("VmRSS:");
        let t = std::time::Instant::now();
        let bytes = std::fs::read(&path).unwrap();
        let read = t.elapsed();
        let crl = Crl::all_from_owned_input(bytes).unwrap().remove(0);
        let total = t.elapsed();
        let rss_after = status_kib("VmRSS:");
        let hwm = status_kib("VmHWM:");
        assert_eq!(crl.len(), n);
        let index_bytes = crl.0.records.capacity() * std::mem::size_of::<Record>();
        eprintln!(
            "read file {read:?}; load + index {:?} ({:.0} ns/entry); total {total:?}",
            total - read,
            (total - read).as_nanos() as f64 / n as f64
        );
        eprintln!(
            "index: {} records x {} B = {:.1} MB; DER kept: {:.1} MB",
            crl.len(),
            std::mem::size_of::<Record>(),
            index_bytes as f64 / 1e6,
            der_len as f64 / 1e6,
        );
        eprintln!(
            "RSS before {:?} KiB, after {:?} KiB; process peak {:?} KiB",
            rss_before, rss_after, hwm
        );

        // Steady-state load time (best of several, the DER already in memory).
        let mut best = std::time::Duration::MAX;
        for _ in 0..5 {
            let der = crl.der().to_vec();
            let t = std::time::Instant::now();
            let again = Crl::from_der(der).unwrap();
            best = best.min(t.elapsed());
            drop(again);
        }
        eprintln!("from_der best of 5: {best:?}");

        let serials: Vec<Vec<u8>> = crl.entries().step_by(1000).map(|e| e.serial).collect();
        let issuer = crl.issuer().key().clone();
        let t = std::time::Instant::now();
        for s in &serials {
            assert_eq!(crl.lookup(s, &issuer).len(), 1);
        }
        eprintln!("lookup: {:?} per hit", t.elapsed() / serials.len() as u32);
        let t = std::time::Instant::now();
        let count = crl.entries().count();
        eprintln!("entries(): {count} in {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let _ = crl.fingerprint_sha256();
        eprintln!("fingerprint (lazy): {:?}", t.elapsed());
    }
}
