//! A certificate read once, by the crate's strict DER reader ([`crate::der`]): one walk that
//! both checks the encoding and extracts every field [`Certificate`](super::Certificate)
//! keeps.
//!
//! It replaces a strict skeleton check (`der::check_certificate`) followed by a second parse
//! with x509-parser. Everything that pair refused is refused here, and every field and
//! extension problem it produced is produced the same way; `tests::differential` compares
//! the two over every certificate of the test material and the fuzz corpora (the old path
//! survives there, as the oracle). Where x509-parser was more lenient than DER inside an
//! extension it processes (bytes after the value in the OCTET STRING, a constructed
//! keyIdentifier, an OID with a non-minimal arc), the certificate is now refused: DER has
//! one encoding per value, and what this library reads must not depend on bytes a reader
//! skipped.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{
    parse_crl_distribution_points, timestamp, BasicConstraints, Inner, KeyUsage, MAY_BE_CRITICAL,
    MUST_NOT_BE_CRITICAL, UNENFORCED_CONSTRAINTS,
};
use crate::ber::OidBytes;
use crate::der::{
    bit_string_bytes, expect_der_integer, Reader, Tlv, TAG_BIT_STRING, TAG_BOOLEAN,
    TAG_GENERALIZED_TIME, TAG_INTEGER, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, TAG_UTC_TIME,
};
use crate::error::{Error, Result};
use crate::name::Name;
use crate::oid::{
    EKU_ANY, EKU_CLIENT_AUTH, EKU_CODE_SIGNING, EKU_EMAIL_PROTECTION, EKU_OCSP_SIGNING,
    EKU_SERVER_AUTH, EKU_TIME_STAMPING, EXT_AUTHORITY_INFO_ACCESS, EXT_AUTHORITY_KEY_ID,
    EXT_BASIC_CONSTRAINTS, EXT_CERTIFICATE_POLICIES, EXT_CRL_DISTRIBUTION_POINTS,
    EXT_EXT_KEY_USAGE, EXT_ISSUER_ALT_NAME, EXT_KEY_USAGE, EXT_SUBJECT_ALT_NAME,
    EXT_SUBJECT_INFO_ACCESS, EXT_SUBJECT_KEY_ID,
};
use crate::signature::{read_algorithm_identifier, PublicKey, SignatureAlgorithm};
use crate::time::Leniency;

const W: &str = "certificate";

// No count bound of its own: every list read here (extensions, policies, EKU purposes,
// general names, access descriptions) takes at least two octets an item, and a certificate
// is at most `input::MAX_CERT_DER_LEN` octets, checked before it is read. (x509-limbo has
// certificates of thousands of names, which were read and must still be.)

fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what: W,
        reason: reason.into(),
    }
}

/// The extensions read here, by OID contents: an extension's OID is compared as the octets
/// it is read as, and written as dotted text only for a problem or an error.
const BASIC_CONSTRAINTS: OidBytes = OidBytes::of(EXT_BASIC_CONSTRAINTS);
const KEY_USAGE: OidBytes = OidBytes::of(EXT_KEY_USAGE);
const EXT_KEY_USAGE_: OidBytes = OidBytes::of(EXT_EXT_KEY_USAGE);
const SUBJECT_KEY_ID: OidBytes = OidBytes::of(EXT_SUBJECT_KEY_ID);
const AUTHORITY_KEY_ID: OidBytes = OidBytes::of(EXT_AUTHORITY_KEY_ID);
const CERTIFICATE_POLICIES: OidBytes = OidBytes::of(EXT_CERTIFICATE_POLICIES);
const SUBJECT_ALT_NAME: OidBytes = OidBytes::of(EXT_SUBJECT_ALT_NAME);
const ISSUER_ALT_NAME: OidBytes = OidBytes::of(EXT_ISSUER_ALT_NAME);
const AUTHORITY_INFO_ACCESS: OidBytes = OidBytes::of(EXT_AUTHORITY_INFO_ACCESS);
const SUBJECT_INFO_ACCESS: OidBytes = OidBytes::of(EXT_SUBJECT_INFO_ACCESS);
const CRL_DISTRIBUTION_POINTS: OidBytes = OidBytes::of(EXT_CRL_DISTRIBUTION_POINTS);
const MAY_BE_CRITICAL_DER: [OidBytes; MAY_BE_CRITICAL.len()] = OidBytes::all(MAY_BE_CRITICAL);
const MUST_NOT_BE_CRITICAL_DER: [OidBytes; MUST_NOT_BE_CRITICAL.len()] =
    OidBytes::all(MUST_NOT_BE_CRITICAL);
const UNENFORCED_CONSTRAINTS_DER: [OidBytes; UNENFORCED_CONSTRAINTS.len()] =
    OidBytes::all(UNENFORCED_CONSTRAINTS);

/// Is `oid` (contents) one of `list`?
fn listed(list: &[OidBytes], oid: &[u8]) -> bool {
    list.iter().any(|o| o.is(oid))
}

/// Check an OBJECT IDENTIFIER element (tag, and a well-formed OID) and give its contents,
/// refusing as [`oid`] does.
fn oid_content(t: Tlv<'_>) -> Result<&[u8]> {
    if t.tag != TAG_OID {
        return Err(malformed(format!(
            "expected an OBJECT IDENTIFIER, found tag 0x{:02x} at offset {}",
            t.tag, t.start
        )));
    }
    if !crate::ber::oid_is_valid(t.content) {
        return Err(malformed("invalid OBJECT IDENTIFIER"));
    }
    Ok(t.content)
}

/// The dotted form of OID contents [`oid_content`] accepted.
fn dotted(content: &[u8]) -> String {
    crate::ber::oid_to_string(content).unwrap_or_default()
}

/// Read an OBJECT IDENTIFIER element's dotted form (a malformed one is refused).
fn oid(t: Tlv<'_>) -> Result<String> {
    if t.tag != TAG_OID {
        return Err(malformed(format!(
            "expected an OBJECT IDENTIFIER, found tag 0x{:02x} at offset {}",
            t.tag, t.start
        )));
    }
    crate::ber::oid_to_string(t.content).ok_or_else(|| malformed("invalid OBJECT IDENTIFIER"))
}

/// A validity time: the DER form, or what x509-parser's `ASN1Time` read (certificates have
/// always been read so: [`Leniency::X509Parser`]).
fn time(t: Tlv<'_>) -> Result<DateTime<Utc>> {
    if !matches!(t.tag, TAG_UTC_TIME | TAG_GENERALIZED_TIME) {
        return Err(malformed("time is neither UTCTime nor GeneralizedTime"));
    }
    let parsed = crate::time::parse(t.tag, t.content, Leniency::X509Parser)
        .ok_or_else(|| malformed(format!("invalid time at offset {}", t.start)))?;
    timestamp(parsed.secs)
}

/// Parse one certificate (RFC 5280 §4.1), checking the encoding as it goes. The DER is
/// kept as given (no copy of a certificate just decoded from PEM).
pub(super) fn parse(der: Vec<u8>) -> Result<Inner> {
    let mut top = Reader::named(&der, W);
    let cert = top.expect(TAG_SEQUENCE, W)?;
    top.finish(W)?;
    let mut c = cert.inner();
    let tbs = c.expect(TAG_SEQUENCE, W)?;
    let outer_alg = c.read(W)?;
    let (alg_oid, alg_params) = read_algorithm_identifier(outer_alg, W)?;
    let signature = c.expect(TAG_BIT_STRING, W)?;
    c.finish(W)?;
    let signature = bit_string_bytes(signature.content)
        .ok_or_else(|| malformed("invalid signature BIT STRING"))?;

    let mut t = tbs.inner();
    let version = match t.read_optional(0xA0, W)? {
        Some(v) => {
            let mut r = v.inner();
            let int = expect_der_integer(&mut r, W)?;
            r.finish(W)?;
            version(int.content)?
        }
        None => 1,
    };
    // The serial number is compared with CRL entries, OCSP CertIDs and SignerIdentifiers:
    // one number, one encoding.
    let serial = expect_der_integer(&mut t, W)?;
    let inner_alg = t.read(W)?;
    // The outer and inner signature algorithm identifiers must agree (RFC 5280 4.1.1.2);
    // both are DER, so they agree when their encodings do. (An inner one equal to the
    // outer one read above is well-formed as it is; a different one is checked first, so
    // that a malformed one is refused for that, as before.)
    if inner_alg.raw != outer_alg.raw {
        read_algorithm_identifier(inner_alg, W)?;
        return Err(malformed(
            "signatureAlgorithm differs from tbsCertificate.signature",
        ));
    }
    let issuer = Name::from_tlv(t.read(W)?, W)?;
    let validity = t.expect(TAG_SEQUENCE, W)?;
    let mut v = validity.inner();
    let not_before = time(v.read(W)?)?;
    let not_after = time(v.read(W)?)?;
    v.finish(W)?;
    let subject = Name::from_tlv(t.read(W)?, W)?;
    let public_key = PublicKey::from_spki_tlv(t.expect(TAG_SEQUENCE, W)?, W)?;
    for tag in [0x81, 0x82] {
        if let Some(uid) = t.read_optional(tag, W)? {
            bit_string_bytes(uid.content)
                .ok_or_else(|| malformed("invalid unique identifier BIT STRING"))?;
        }
    }
    let extensions = t.read_optional(0xA3, W)?;
    t.finish(W)?;

    let mut ext = Extensions::default();
    if let Some(exts) = extensions {
        ext.read(exts, &issuer)?;
    }
    // RFC 5280 §4.2.1.9: keyCertSign only with cA (and cA only with keyCertSign when
    // keyUsage is present, §4.2.1.3).
    let ca = ext.basic_constraints.is_some_and(|b| b.ca);
    if ext
        .key_usage
        .is_some_and(|k| k.has(KeyUsage::KEY_CERT_SIGN))
        && !ca
    {
        ext.problems
            .push("keyUsage keyCertSign without basicConstraints cA".to_string());
    }
    let fingerprint: [u8; 32] = Sha256::digest(&der).into();
    let tbs = tbs.start..tbs.end();
    let signature_algorithm = SignatureAlgorithm::from_parts(&alg_oid, alg_params);
    let signature = signature.to_vec();
    let serial = serial.content.to_vec();
    Ok(Inner {
        der,
        tbs,
        signature_algorithm,
        signature,
        version,
        serial,
        issuer,
        subject,
        not_before,
        not_after,
        public_key,
        basic_constraints: ext.basic_constraints,
        key_usage: ext.key_usage,
        extended_key_usage: ext.extended_key_usage,
        extended_key_usage_critical: ext.extended_key_usage_critical,
        subject_key_id: ext.subject_key_id,
        authority_key_id: ext.authority_key_id,
        crl_distribution_points: ext.crl_distribution_points,
        policies: ext.policies,
        problems: ext.problems,
        facts: std::sync::OnceLock::new(),
        fingerprint,
        key_id: std::sync::OnceLock::new(),
        holder_id: std::sync::OnceLock::new(),
    })
}

/// The value of extension `wanted` (dotted OID) of a certificate's tbsCertificate, for the
/// cold paths that need an extension `Certificate` does not keep (where to fetch
/// revocation evidence). Read again from bytes [`parse`] accepted; `None` when absent.
pub(crate) fn extension_value<'a>(tbs: &'a [u8], wanted: &str) -> Option<&'a [u8]> {
    let mut t = Reader::named(tbs, W).expect(TAG_SEQUENCE, W).ok()?.inner();
    while !t.is_empty() {
        let field = t.read(W).ok()?;
        if field.tag != 0xA3 {
            continue;
        }
        let list = field.inner().expect(TAG_SEQUENCE, W).ok()?;
        let mut l = list.inner();
        while !l.is_empty() {
            let mut e = l.expect(TAG_SEQUENCE, W).ok()?.inner();
            let id = oid(e.expect(TAG_OID, W).ok()?).ok()?;
            e.read_optional(TAG_BOOLEAN, W).ok()?;
            let value = e.expect(TAG_OCTET_STRING, W).ok()?.content;
            if id == wanted {
                return Some(value);
            }
        }
    }
    None
}

/// The version number (1, 2, 3 ...) from `Version ::= INTEGER` (v1 is 0): any value that
/// fits 32 bits, as x509-parser read it; the X.509 version is not judged here.
fn version(content: &[u8]) -> Result<u32> {
    match content.first() {
        Some(first) if first & 0x80 == 0 && content.len() <= 5 => {}
        _ => return Err(malformed("version out of range")),
    }
    let v = content
        .iter()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    u32::try_from(v)
        .ok()
        .and_then(|v| v.checked_add(1))
        .ok_or_else(|| malformed("version out of range"))
}

/// Extensions checked for duplicates by a linear search, before a hash set takes over.
const SEEN_AS_LIST: usize = 32;

/// The extensions a certificate keeps, and the problems found in them.
#[derive(Default)]
struct Extensions {
    basic_constraints: Option<BasicConstraints>,
    key_usage: Option<KeyUsage>,
    extended_key_usage: Option<Vec<String>>,
    extended_key_usage_critical: bool,
    subject_key_id: Option<Vec<u8>>,
    authority_key_id: Option<Vec<u8>>,
    crl_distribution_points: Vec<crate::certificate::DistributionPoint>,
    policies: Vec<String>,
    problems: Vec<String>,
}

impl Extensions {
    /// Read `[3] EXPLICIT Extensions` (SEQUENCE SIZE (1..MAX) OF Extension).
    fn read(&mut self, explicit: Tlv<'_>, issuer: &Name) -> Result<()> {
        let mut outer = explicit.inner();
        let list = outer.expect(TAG_SEQUENCE, W)?;
        outer.finish(W)?;
        let mut l = list.inner();
        if l.is_empty() {
            return Err(malformed("empty extensions"));
        }
        // The extensions seen, by OID contents: a list while short (a certificate has about
        // ten; no hashing, no table), a set beyond (a hostile one may have thousands).
        let mut seen: Vec<&[u8]> = Vec::with_capacity(16);
        let mut seen_set: HashSet<&[u8]> = HashSet::new();
        while !l.is_empty() {
            let ext = l.expect(TAG_SEQUENCE, W)?;
            let mut e = ext.inner();
            let oid_tlv = e.expect(TAG_OID, W)?;
            let oid = oid_content(oid_tlv)?;
            let critical = match e.read_optional(TAG_BOOLEAN, W)? {
                // DER: a FALSE default is omitted, TRUE is 0xFF.
                Some(b) if b.content != [0xFF] => {
                    return Err(malformed("extension critical flag is not DER TRUE"))
                }
                Some(_) => true,
                None => false,
            };
            let value = e.expect(TAG_OCTET_STRING, W)?.content;
            e.finish(W)?;
            // By contents: one valid OID, one encoding, one dotted form.
            let fresh = if seen.len() < SEEN_AS_LIST {
                let fresh = !seen.contains(&oid_tlv.content);
                seen.push(oid_tlv.content);
                fresh
            } else {
                if seen_set.is_empty() {
                    seen_set.extend(seen.iter().copied());
                }
                seen_set.insert(oid_tlv.content)
            };
            if !fresh {
                return Err(malformed(format!("duplicate extension {}", dotted(oid))));
            }
            self.one(oid, critical, value, issuer)?;
        }
        Ok(())
    }

    /// Process one extension, as the x509-parser path did: constraints this library does
    /// not enforce are problems whatever their criticality; a processed extension that
    /// does not decode refuses the certificate; an unknown critical one is a problem.
    fn one(&mut self, oid: &[u8], critical: bool, value: &[u8], issuer: &Name) -> Result<()> {
        let may_be_critical = listed(&MAY_BE_CRITICAL_DER, oid);
        let must_not_be_critical = listed(&MUST_NOT_BE_CRITICAL_DER, oid);
        let known = may_be_critical || must_not_be_critical;
        if listed(&UNENFORCED_CONSTRAINTS_DER, oid) {
            self.problems.push(format!(
                "{} (constraint extension not enforced by this library)",
                dotted(oid)
            ));
            return Ok(());
        }
        if critical && must_not_be_critical {
            self.problems
                .push(format!("{} (must not be critical)", dotted(oid)));
        }
        if CRL_DISTRIBUTION_POINTS.is(oid) {
            self.crl_distribution_points = parse_crl_distribution_points(value, issuer.key())?;
            return Ok(());
        }
        let read = if BASIC_CONSTRAINTS.is(oid) {
            basic_constraints(value).map(|b| {
                self.basic_constraints = Some(b);
            })
        } else if KEY_USAGE.is(oid) {
            key_usage(value).map(|k| self.key_usage = Some(k))
        } else if EXT_KEY_USAGE_.is(oid) {
            extended_key_usage(value).map(|v| {
                self.extended_key_usage = Some(v);
                self.extended_key_usage_critical = critical;
            })
        } else if SUBJECT_KEY_ID.is(oid) {
            single(value, TAG_OCTET_STRING).map(|k| self.subject_key_id = Some(k.to_vec()))
        } else if AUTHORITY_KEY_ID.is(oid) {
            authority_key_id(value).map(|k| self.authority_key_id = k.map(<[u8]>::to_vec))
        } else if CERTIFICATE_POLICIES.is(oid) {
            policies(value).map(|p| self.policies = p)
        } else if SUBJECT_ALT_NAME.is(oid) || ISSUER_ALT_NAME.is(oid) {
            general_names(value)
        } else if AUTHORITY_INFO_ACCESS.is(oid) || SUBJECT_INFO_ACCESS.is(oid) {
            access_descriptions(value)
        } else {
            Ok(())
        };
        if let Err(reason) = read {
            if known {
                return Err(malformed(format!("extension {}: {reason}", dotted(oid))));
            }
        }
        if critical && !known {
            self.problems
                .push(format!("{} (unsupported critical extension)", dotted(oid)));
        }
        // An empty extKeyUsage (SIZE (1..MAX)) would read as "no restriction".
        if EXT_KEY_USAGE_.is(oid) && self.extended_key_usage.as_ref().is_some_and(Vec::is_empty) {
            return Err(malformed("empty extKeyUsage"));
        }
        Ok(())
    }
}

/// A reason an extension value does not decode.
pub(crate) type Decoded<T> = std::result::Result<T, String>;

fn reason(e: Error) -> String {
    match e {
        Error::MalformedDer { reason, .. } => reason,
        e => e.to_string(),
    }
}

/// The one element of tag `tag` an extension value holds, its contents.
fn single(value: &[u8], tag: u8) -> Decoded<&[u8]> {
    let mut r = Reader::named(value, W);
    let t = r.expect(tag, W).map_err(reason)?;
    r.finish(W).map_err(reason)?;
    Ok(t.content)
}

/// The elements of a SEQUENCE OF that is an extension's whole value.
fn sequence_of(value: &[u8]) -> Decoded<Vec<Tlv<'_>>> {
    let mut r = Reader::named(value, W);
    let seq = r.expect(TAG_SEQUENCE, W).map_err(reason)?;
    r.finish(W).map_err(reason)?;
    let mut items = seq.inner();
    let mut out = Vec::new();
    while !items.is_empty() {
        out.push(items.read(W).map_err(reason)?);
    }
    Ok(out)
}

/// A DER BOOLEAN's value. (cA FALSE written out, against DER's DEFAULT rule, is met in
/// real certificates and was read; only 0x00 and 0xFF are values.)
fn boolean(t: Tlv<'_>) -> Decoded<bool> {
    match (t.tag, t.content) {
        (TAG_BOOLEAN, [0x00]) => Ok(false),
        (TAG_BOOLEAN, [0xFF]) => Ok(true),
        _ => Err("invalid BOOLEAN".into()),
    }
}

/// BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER
/// (0..MAX) OPTIONAL }; the path length must fit 32 bits.
fn basic_constraints(value: &[u8]) -> Decoded<BasicConstraints> {
    let items = sequence_of(value)?;
    let path_len = |t: Tlv<'_>| -> Decoded<u32> {
        if t.tag != TAG_INTEGER || !crate::der::is_der_integer(t.content) {
            return Err("pathLenConstraint is not a DER INTEGER".into());
        }
        match t.content {
            [first, ..] if first & 0x80 == 0 && t.content.len() <= 5 => {
                let v = t
                    .content
                    .iter()
                    .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
                u32::try_from(v).map_err(|_| "pathLenConstraint out of range".into())
            }
            _ => Err("pathLenConstraint out of range".into()),
        }
    };
    let (ca, path_len) = match items.as_slice() {
        [] => (false, None),
        [one] if one.tag == TAG_BOOLEAN => (boolean(*one)?, None),
        [one] => (false, Some(path_len(*one)?)),
        [ca, len] => (boolean(*ca)?, Some(path_len(*len)?)),
        _ => return Err("too many elements".into()),
    };
    Ok(BasicConstraints { ca, path_len })
}

/// KeyUsage ::= BIT STRING: named bit i is flag bit i (bits 0-15; later bits ignored).
fn key_usage(value: &[u8]) -> Decoded<KeyUsage> {
    let content = single(value, TAG_BIT_STRING)?;
    let bits = bit_string_bytes(content).ok_or("invalid BIT STRING")?;
    let byte = |i: usize| u16::from(bits.get(i).copied().unwrap_or(0).reverse_bits());
    Ok(KeyUsage(byte(0) | (byte(1) << 8)))
}

/// ExtKeyUsageSyntax ::= SEQUENCE OF KeyPurposeId: the well-known purposes first in a fixed
/// order, then the others in order, each once (as x509-parser listed them).
fn extended_key_usage(value: &[u8]) -> Decoded<Vec<String>> {
    let mut others = Vec::new();
    let mut flags = [false; 7];
    const WELL_KNOWN: [&str; 7] = [
        EKU_ANY,
        EKU_SERVER_AUTH,
        EKU_CLIENT_AUTH,
        EKU_CODE_SIGNING,
        EKU_EMAIL_PROTECTION,
        EKU_TIME_STAMPING,
        EKU_OCSP_SIGNING,
    ];
    const WELL_KNOWN_DER: [OidBytes; 7] = OidBytes::all(&WELL_KNOWN);
    for t in sequence_of(value)? {
        let o = oid_content(t).map_err(reason)?;
        match WELL_KNOWN_DER.iter().position(|k| k.is(o)) {
            Some(i) => flags[i] = true,
            None => {
                let o = dotted(o);
                if !others.contains(&o) {
                    others.push(o);
                }
            }
        }
    }
    let mut v: Vec<String> = WELL_KNOWN
        .iter()
        .zip(flags)
        .filter(|(_, set)| *set)
        .map(|(k, _)| (*k).to_string())
        .collect();
    v.extend(others);
    Ok(v)
}

/// AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL,
/// authorityCertIssuer [1] GeneralNames OPTIONAL, authorityCertSerialNumber [2] INTEGER
/// OPTIONAL }: the keyIdentifier.
pub(crate) fn authority_key_id(value: &[u8]) -> Decoded<Option<&[u8]>> {
    let mut r = Reader::named(value, W);
    let seq = r.expect(TAG_SEQUENCE, W).map_err(reason)?;
    r.finish(W).map_err(reason)?;
    let mut f = seq.inner();
    let key_id = f.read_optional(0x80, W).map_err(reason)?.map(|k| k.content);
    if let Some(names) = f.read_optional(0xA1, W).map_err(reason)? {
        general_name_list(names.content)?;
    }
    if let Some(serial) = f.read_optional(0x82, W).map_err(reason)? {
        if !crate::der::is_der_integer(serial.content) {
            return Err("authorityCertSerialNumber is not a DER INTEGER".into());
        }
    }
    f.finish(W).map_err(reason)?;
    Ok(key_id)
}

/// certificatePolicies ::= SEQUENCE OF PolicyInformation { policyIdentifier OID,
/// policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }: the
/// identifiers in order.
fn policies(value: &[u8]) -> Decoded<Vec<String>> {
    sequence_of(value)?
        .into_iter()
        .map(|info| {
            if info.tag != TAG_SEQUENCE {
                return Err("PolicyInformation is not a SEQUENCE".to_string());
            }
            let mut r = info.inner();
            let id = oid(r.read(W).map_err(reason)?).map_err(reason)?;
            if let Some(qualifiers) = r.read_optional(TAG_SEQUENCE, W).map_err(reason)? {
                let mut q = qualifiers.inner();
                if q.is_empty() {
                    return Err("empty policyQualifiers".into());
                }
                while !q.is_empty() {
                    // PolicyQualifierInfo ::= SEQUENCE { policyQualifierId OID, qualifier ANY }
                    let pq = q.expect(TAG_SEQUENCE, W).map_err(reason)?;
                    let mut p = pq.inner();
                    oid_content(p.read(W).map_err(reason)?).map_err(reason)?;
                }
            }
            r.finish(W).map_err(reason)?;
            Ok(id)
        })
        .collect()
}

/// GeneralNames contents: context-specific elements (their contents are not judged: the
/// library compares names only in distribution points).
fn general_name_list(content: &[u8]) -> Decoded<()> {
    let mut r = Reader::named(content, W);
    while !r.is_empty() {
        let g = r.read(W).map_err(reason)?;
        if g.tag & 0xC0 != 0x80 {
            return Err("GeneralName is not context-specific".into());
        }
    }
    Ok(())
}

/// subjectAltName / issuerAltName ::= GeneralNames.
fn general_names(value: &[u8]) -> Decoded<()> {
    let mut r = Reader::named(value, W);
    let seq = r.expect(TAG_SEQUENCE, W).map_err(reason)?;
    r.finish(W).map_err(reason)?;
    general_name_list(seq.content)
}

/// AuthorityInfoAccessSyntax / SubjectInfoAccessSyntax ::= SEQUENCE OF AccessDescription
/// { accessMethod OID, accessLocation GeneralName }.
fn access_descriptions(value: &[u8]) -> Decoded<()> {
    for d in sequence_of(value)? {
        if d.tag != TAG_SEQUENCE {
            return Err("AccessDescription is not a SEQUENCE".into());
        }
        let mut r = d.inner();
        oid_content(r.read(W).map_err(reason)?).map_err(reason)?;
        let location = r.read(W).map_err(reason)?;
        if location.tag & 0xC0 != 0x80 {
            return Err("GeneralName is not context-specific".into());
        }
        r.finish(W).map_err(reason)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `[3] EXPLICIT Extensions` of non-critical extensions 1.2.3.<arc> (unknown, so
    /// ignored), one per arc, each holding NULL.
    fn extensions(arcs: &[u8]) -> Vec<u8> {
        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            let len = content.len();
            if len < 0x80 {
                out.push(len as u8);
            } else {
                out.extend([0x82, (len >> 8) as u8, len as u8]);
            }
            out.extend_from_slice(content);
            out
        }
        let list: Vec<u8> = arcs
            .iter()
            .flat_map(|&a| {
                let oid = tlv(TAG_OID, &[0x2A, 0x03, a]);
                tlv(
                    TAG_SEQUENCE,
                    &[oid, tlv(TAG_OCTET_STRING, &[0x05, 0x00])].concat(),
                )
            })
            .collect();
        tlv(0xA3, &tlv(TAG_SEQUENCE, &list))
    }

    fn read(arcs: &[u8]) -> Result<()> {
        let der = extensions(arcs);
        let explicit = Reader::named(&der, W).read(W)?;
        let issuer = Name::from_der(&[0x30, 0x00])?;
        Extensions::default().read(explicit, &issuer)
    }

    #[test]
    fn extension_tables_are_the_dotted_lists() {
        for (der, dotted) in [
            (&MAY_BE_CRITICAL_DER[..], MAY_BE_CRITICAL),
            (&MUST_NOT_BE_CRITICAL_DER, MUST_NOT_BE_CRITICAL),
            (&UNENFORCED_CONSTRAINTS_DER, UNENFORCED_CONSTRAINTS),
        ] {
            let texts: Vec<String> = der.iter().map(|o| dotted_of(o.as_slice())).collect();
            assert_eq!(texts, dotted);
        }
    }

    fn dotted_of(content: &[u8]) -> String {
        crate::ber::oid_to_string(content).unwrap()
    }

    #[test]
    fn a_duplicate_extension_is_found_in_short_and_long_lists() {
        for n in [1u8, 5, SEEN_AS_LIST as u8 - 1, SEEN_AS_LIST as u8, 40, 100] {
            let arcs: Vec<u8> = (1..=n).collect();
            assert!(read(&arcs).is_ok(), "{n}");
            // The duplicate of the first, of one in the middle and of the last, met last.
            for dup in [1, n.div_ceil(2), n] {
                let mut with = arcs.clone();
                with.push(dup);
                let err = read(&with).unwrap_err().to_string();
                assert!(
                    err.contains(&format!("duplicate extension 1.2.3.{dup}")),
                    "{n} {dup}: {err}"
                );
            }
        }
    }
}
