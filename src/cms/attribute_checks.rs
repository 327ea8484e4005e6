//! The checks on a SignerInfo's signed attributes: contentType, messageDigest, signingTime,
//! and the ESS signingCertificateV2 / signingCertificate binding of the signer's
//! certificate.

use chrono::{DateTime, Utc};

use super::algorithms;
use super::ber::{tag, Tlv};
use super::options::{TimePolicy, VerifyOptions};
use super::parse::{read_time, SignedAttributes, SignerInfo};
use super::verify::{ContentDigest, Digests, Document};
use crate::certificate::Certificate;
use crate::name::{hex_upper, Name};
use crate::oid::{
    ATTR_CMS_ALGORITHM_PROTECTION, ATTR_CONTENT_TYPE, ATTR_MESSAGE_DIGEST,
    ATTR_SIGNING_CERTIFICATE, ATTR_SIGNING_CERTIFICATE_V2, ATTR_SIGNING_TIME,
};
use crate::signature::HashAlgorithm;
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};

/// The single value of a single-valued attribute that must appear at most once.
fn single<'a>(
    attrs: &'a SignedAttributes,
    oid: &str,
    name: &str,
) -> Result<Option<&'a [u8]>, String> {
    let mut all = attrs.all(oid);
    let Some(first) = all.next() else {
        return Ok(None);
    };
    if all.next().is_some() {
        return Err(format!("the {name} attribute appears more than once"));
    }
    match first.values.as_slice() {
        [v] => Ok(Some(v)),
        vs => Err(format!(
            "the {name} attribute has {} values (exactly one is required)",
            vs.len()
        )),
    }
}

pub(super) fn content_type_check(attrs: &SignedAttributes, e_content_type: &str) -> Check {
    let fail = |k, r: String| Check::new(CheckName::ContentType, Outcome::Failed, k, r);
    match single(attrs, ATTR_CONTENT_TYPE, "contentType") {
        Err(r) => fail(ReasonKind::Malformed, r),
        Ok(None) => fail(ReasonKind::Missing, "the contentType signed attribute is missing (mandatory when signed attributes are present)".into()),
        Ok(Some(v)) => match Tlv::read_exact(v, "contentType").and_then(|t| t.oid("contentType")) {
            Err(e) => fail(
                ReasonKind::Malformed,
                format!("the contentType attribute is malformed: {e}"),
            ),
            Ok(oid) if oid == e_content_type => Check::passed(CheckName::ContentType, format!("contentType {oid} equals eContentType"),
            ),
            Ok(oid) => fail(ReasonKind::Mismatch, format!(
                "contentType attribute {oid} differs from eContentType {e_content_type}"
            )),
        },
    }
}

/// RFC 6211 §3: a signed cmsAlgorithmProtection attribute names the digest and signature
/// algorithms the signer used; when they differ from the SignerInfo's own fields,
/// validation fails (the attribute exists to stop an algorithm substitution). `None` when
/// the attribute is absent or matches. The algorithms are compared by OID, and by their parameters
/// too for RSASSA-PSS (whose parameters choose the hash). A match adds no check (the
/// signature check speaks for the signature).
pub(super) fn algorithm_protection_check(
    attrs: &SignedAttributes,
    si: &SignerInfo,
) -> Option<Check> {
    const W: &str = "cmsAlgorithmProtection";
    let fail = |k, r: String| Check::new(CheckName::Signature, Outcome::Failed, k, r);
    let value = match single(attrs, ATTR_CMS_ALGORITHM_PROTECTION, W) {
        Ok(None) => return None,
        Ok(Some(v)) => v,
        Err(r) => return Some(fail(ReasonKind::Malformed, r)),
    };
    // CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1]
    // IMPLICIT OPTIONAL, macAlgorithm [2] IMPLICIT OPTIONAL } (a signature names [1]).
    // (digest OID, signature (OID, parameters), a MAC algorithm named)
    type Named = (String, Option<(String, Vec<u8>)>, bool);
    let read = || -> crate::Result<Named> {
        let seq = Tlv::read_exact(value, W)?.expect_universal(tag::SEQUENCE, W)?;
        let parts = seq.children_vec(3, W)?;
        let digest = match parts.first() {
            Some(t) => super::parse::AlgorithmId::read(t, W)?.oid,
            None => return Err(crate::ber::malformed(W, "no digestAlgorithm")),
        };
        let mut signature = None;
        let mut mac = false;
        for t in parts.iter().skip(1) {
            if t.is_context(1) && t.constructed {
                let inner = t.children_vec(2, W)?;
                let oid = match inner.first() {
                    Some(o) => o.oid(W)?,
                    None => return Err(crate::ber::malformed(W, "an empty signatureAlgorithm")),
                };
                let params = inner.get(1).map(|p| p.raw.to_vec()).unwrap_or_default();
                signature = Some((oid, params));
            } else if t.is_context(2) {
                mac = true;
            } else {
                return Err(crate::ber::malformed(W, "an unexpected field"));
            }
        }
        Ok((digest, signature, mac))
    };
    let (digest, signature, mac) = match read() {
        Ok(r) => r,
        Err(e) => {
            return Some(fail(
                ReasonKind::Malformed,
                format!("{W} is malformed: {e}"),
            ))
        }
    };
    let own_digest = &si.digest_algorithm().oid;
    let own_signature = si.signature_algorithm_id();
    let own_params = Tlv::read_exact(&own_signature.der, W)
        .and_then(|t| t.children_vec(2, W))
        .ok()
        .and_then(|c| c.get(1).map(|p| p.raw.to_vec()))
        .unwrap_or_default();
    let why = if mac {
        Some("it names a MAC algorithm for a signature".to_string())
    } else if &digest != own_digest {
        Some(format!(
            "it names the digest algorithm {digest}, the SignerInfo {own_digest}"
        ))
    } else {
        match &signature {
            None => Some("it names no signature algorithm".to_string()),
            Some((oid, _)) if oid != &own_signature.oid => Some(format!(
                "it names the signature algorithm {oid}, the SignerInfo {}",
                own_signature.oid
            )),
            Some((oid, params)) if oid == crate::oid::RSASSA_PSS && params != &own_params => {
                Some("its RSASSA-PSS parameters differ from the SignerInfo's".to_string())
            }
            Some(_) => None,
        }
    };
    why.map(|why| {
        fail(
            ReasonKind::Mismatch,
            format!("the signed {W} attribute does not match the SignerInfo: {why} (RFC 6211: an algorithm substituted)"),
        )
    })
}

/// The digest a SignerInfo's messageDigest attribute carries, or why there is none to
/// read (missing, repeated, not an OCTET STRING). Shared by the verifier and by
/// [`super::SignedData::add_signer`], which must know what the existing signers signed.
pub(super) fn carried_message_digest(
    attrs: &SignedAttributes,
) -> Result<Vec<u8>, (ReasonKind, String)> {
    match single(attrs, ATTR_MESSAGE_DIGEST, "messageDigest") {
        Err(r) => Err((ReasonKind::Malformed, r)),
        Ok(None) => Err((
            ReasonKind::Missing,
            "the messageDigest signed attribute is missing (mandatory when signed attributes are present)"
                .into(),
        )),
        Ok(Some(v)) => match Tlv::read_exact(v, "messageDigest") {
            Ok(t) if t.is_universal(tag::OCTET_STRING) && !t.constructed => Ok(t.content.to_vec()),
            _ => Err((
                ReasonKind::Malformed,
                "the messageDigest attribute is not an OCTET STRING".into(),
            )),
        },
    }
}

/// The messageDigest `si` carries and the hash its digestAlgorithm names, when both can be
/// used; otherwise the `message_digest` check to report: failed for a malformed or
/// missing attribute, unknown for a hash that is unknown or not accepted (a signer's over
/// its content and a countersignature's over a signature value alike).
pub(super) fn carried_digest_and_hash(
    attrs: &SignedAttributes,
    si: &SignerInfo,
) -> Result<(Vec<u8>, HashAlgorithm), Check> {
    let unknown = |r: String| {
        Check::new(
            CheckName::MessageDigest,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            format!("not checked: {r}"),
        )
    };
    let carried = carried_message_digest(attrs)
        .map_err(|(kind, r)| Check::new(CheckName::MessageDigest, Outcome::Failed, kind, r))?;
    let h = si.digest_hash().map_err(|r| unknown(r.to_string()))?;
    algorithms::hash_acceptable(h).map_err(unknown)?;
    Ok((carried, h))
}

pub(super) fn message_digest_check(
    attrs: &SignedAttributes,
    si: &SignerInfo,
    digests: &mut Digests<'_>,
    doc: &mut Document<'_>,
) -> Check {
    let fail = |k, r: String| Check::new(CheckName::MessageDigest, Outcome::Failed, k, r);
    let unknown = |k, r: String| Check::new(CheckName::MessageDigest, Outcome::Unknown, k, r);
    let (carried, h) = match carried_digest_and_hash(attrs, si) {
        Ok(v) => v,
        Err(check) => return check,
    };
    let actual = match digests.get(h, doc) {
        ContentDigest::Computed(d) => d,
        ContentDigest::NotAvailable => {
            return unknown(
                ReasonKind::NotAvailable,
                "not checked: the signed content is not available".into(),
            )
        }
        // Another pass over the content, refused: unknown, the limit named (a spent
        // budget proves nothing either way).
        ContentDigest::Refused => {
            return unknown(
                ReasonKind::Exhausted,
                format!(
                    "not checked: {} of the content not computed: {}",
                    h.name(),
                    doc.meter
                        .exhausted()
                        .unwrap_or_else(|| "work budget exhausted".into())
                ),
            )
            .exhausted_by(doc.meter.exhausted_kind())
        }
    };
    if actual == carried.as_slice() {
        Check::passed(
            CheckName::MessageDigest,
            format!(
                "{} of the content equals messageDigest {}",
                h.name(),
                hex_upper(&carried)
            ),
        )
    } else {
        fail(
            ReasonKind::Mismatch,
            format!(
            "{} of the content is {}, messageDigest says {}: the content is not what was signed",
            h.name(),
            hex_upper(actual),
            hex_upper(&carried)
        ),
        )
    }
}

pub(super) fn signing_time_check(
    attrs: &SignedAttributes,
    options: &VerifyOptions,
) -> Option<(Option<DateTime<Utc>>, Check)> {
    let value = match single(attrs, ATTR_SIGNING_TIME, "signingTime") {
        Ok(None) => return None,
        Ok(Some(v)) => v,
        Err(r) => {
            return Some((
                None,
                Check::new(
                    CheckName::SigningTime,
                    Outcome::Failed,
                    ReasonKind::Malformed,
                    r,
                ),
            ))
        }
    };
    Some(match read_time(value) {
        Err(r) => (
            None,
            Check::new(
                CheckName::SigningTime,
                Outcome::Failed,
                ReasonKind::Malformed,
                format!("the signingTime attribute is malformed: {r}"),
            ),
        ),
        Ok(t) => (
            Some(t),
            claimed_time_check(t, options.time, options.expectation.at),
        ),
    })
}

/// The check on a signing time the signer states (CMS signingTime, XAdES SigningTime):
/// passed, the claim reported, and how the time policy `time` uses it (`at`: the time
/// given).
pub(crate) fn claimed_time_check(t: DateTime<Utc>, time: TimePolicy, at: DateTime<Utc>) -> Check {
    let mut reason = format!("signed at {} (the signer's claim)", t.to_rfc3339());
    match time {
        TimePolicy::ClaimedSigningTime => {
            reason += "; the certificate is judged at this CLAIMED time (newest CRL only; a compromised key is revoked at any claimed time)";
        }
        TimePolicy::Given | TimePolicy::TimeStamp => {
            if t > at {
                reason += &format!("; later than the time judged, {}", at.to_rfc3339());
            }
        }
    }
    Check::passed(CheckName::SigningTime, reason)
}

/// One ESSCertID / ESSCertIDv2.
struct EssCertId {
    hash: Result<HashAlgorithm, String>,
    cert_hash: Vec<u8>,
    issuer_serial: Option<(Vec<Name>, Vec<u8>)>,
}

fn read_ess(value: &[u8], v2: bool) -> crate::Result<EssCertId> {
    const W: &str = "ESS signing certificate";
    let outer = Tlv::read_exact(value, W)?.expect_universal(tag::SEQUENCE, W)?;
    let certs = outer
        .children(W)?
        .next()
        .ok_or_else(|| super::ber::malformed(W, "empty"))??
        .expect_universal(tag::SEQUENCE, W)?;
    let first = certs
        .children(W)?
        .next()
        .ok_or_else(|| super::ber::malformed(W, "no ESSCertID"))??
        .expect_universal(tag::SEQUENCE, W)?;
    let parts = first.children_vec(3, W)?;
    let mut i = 0;
    let mut hash = Ok(if v2 {
        HashAlgorithm::Sha256
    } else {
        HashAlgorithm::Sha1
    });
    if v2 {
        if let Some(p) = parts.first().filter(|p| p.is_universal(tag::SEQUENCE)) {
            let oid = p
                .children(W)?
                .next()
                .ok_or_else(|| super::ber::malformed(W, "empty hashAlgorithm"))??
                .oid(W)?;
            hash = algorithms::hash_from_oid(&oid);
            i = 1;
        }
    }
    let h = parts
        .get(i)
        .filter(|p| p.is_universal(tag::OCTET_STRING) && !p.constructed)
        .ok_or_else(|| super::ber::malformed(W, "certHash is not an OCTET STRING"))?;
    let issuer_serial = match parts.get(i + 1) {
        None => None,
        Some(is) => Some(read_issuer_serial(is, W)?),
    };
    Ok(EssCertId {
        hash,
        cert_hash: h.content.to_vec(),
        issuer_serial,
    })
}

/// An IssuerSerial (RFC 5035: `{ issuer GeneralNames, serialNumber }`): the directory names
/// among the GeneralNames and the serial's INTEGER content. Shared by ESS (CMS) and XAdES's
/// IssuerSerialV2.
pub(crate) fn read_issuer_serial(
    is: &Tlv<'_>,
    what: &'static str,
) -> crate::Result<(Vec<Name>, Vec<u8>)> {
    let is = is.expect_universal(tag::SEQUENCE, what)?;
    let p = is.children_vec(3, what)?;
    let (Some(gns), Some(serial)) = (p.first(), p.get(1)) else {
        return Err(super::ber::malformed(
            what,
            "issuerSerial is not { issuer, serial }",
        ));
    };
    let mut names = Vec::new();
    for gn in gns
        .expect_universal(tag::SEQUENCE, what)?
        .children_vec(16, what)?
    {
        if gn.is_context(4) {
            if let Some(n) = gn.children(what)?.next() {
                names.push(Name::from_der(&n?.to_minimal_lengths()?)?);
            }
        }
    }
    if !serial.is_universal(tag::INTEGER) {
        return Err(super::ber::malformed(
            what,
            "serialNumber is not an INTEGER",
        ));
    }
    Ok((names, serial.content.to_vec()))
}

/// One ESS attribute as read: signingCertificateV2 or signingCertificate (v1).
struct EssAttribute {
    name: &'static str,
    v2: bool,
    id: EssCertId,
}

/// The signer's ESS binding: signingCertificateV2 and signingCertificate (v1, SHA-1),
/// whichever are present, read once per signer and then checked against each candidate
/// certificate. When both are present BOTH must name the certificate (RFC 5035 and
/// EN 319 122-1 have each name the signing certificate, and OpenSSL `cms -verify -cades`
/// checks both): a v1 naming another certificate beside a v2 naming the signer's is a
/// contradiction, never a binding. v1's SHA-1 is enough to compare identities here (it
/// names which certificate, it proves nothing by itself).
pub(super) struct EssBinding {
    /// signingCertificateV2 first when present, then signingCertificate.
    attributes: Vec<EssAttribute>,
}

/// The signer's ESS binding: `None` without either attribute; a failed check when either
/// is malformed or repeated (the same whatever the certificate).
pub(super) fn ess_binding(attrs: &SignedAttributes) -> Option<Result<EssBinding, Check>> {
    let fail = |r: String| {
        Check::new(
            CheckName::SigningCertificate,
            Outcome::Failed,
            ReasonKind::Malformed,
            r,
        )
    };
    let mut attributes = Vec::with_capacity(2);
    for (oid, v2, name) in [
        (ATTR_SIGNING_CERTIFICATE_V2, true, "signingCertificateV2"),
        (ATTR_SIGNING_CERTIFICATE, false, "signingCertificate"),
    ] {
        let value = match single(attrs, oid, name) {
            Ok(Some(v)) => v,
            Ok(None) => continue,
            Err(r) => return Some(Err(fail(r))),
        };
        match read_ess(value, v2) {
            Ok(id) => attributes.push(EssAttribute { name, v2, id }),
            Err(e) => return Some(Err(fail(format!("the {name} attribute is malformed: {e}")))),
        }
    }
    if attributes.is_empty() {
        return None;
    }
    Some(Ok(EssBinding { attributes }))
}

impl EssBinding {
    /// The hash algorithms the attributes name the certificate by, when known: what
    /// [`EssBinding::check`] hashes a candidate with (each charged to the document first).
    pub(super) fn hashes(&self) -> impl Iterator<Item = HashAlgorithm> + '_ {
        self.attributes
            .iter()
            .filter_map(|a| a.id.hash.as_ref().ok().copied())
    }

    /// Do the attributes name `cert`? Each present attribute is checked; one naming
    /// another certificate fails the check (Mismatch), one that cannot be checked (an
    /// unsupported hash) leaves it unknown, and only all naming `cert` pass it. `digest`
    /// hashes a certificate's DER (a document hashes each of its certificates once per
    /// algorithm, however many signers ask).
    pub(super) fn check(
        &self,
        cert: Option<&Certificate>,
        mut digest: impl FnMut(HashAlgorithm) -> Vec<u8>,
    ) -> Check {
        let mut unknown = None;
        let mut passed = Vec::with_capacity(self.attributes.len());
        for a in &self.attributes {
            let c = a.check(cert, &mut digest);
            match c.outcome {
                Outcome::Passed => passed.push(c),
                Outcome::Unknown => {
                    unknown.get_or_insert(c);
                }
                _ => return c,
            }
        }
        if let Some(u) = unknown {
            return u;
        }
        Check::passed(
            CheckName::SigningCertificate,
            passed
                .into_iter()
                .map(|c| c.reason)
                .collect::<Vec<_>>()
                .join("; "),
        )
    }
}

impl EssAttribute {
    /// Does this attribute name `cert`?
    fn check(
        &self,
        cert: Option<&Certificate>,
        digest: &mut impl FnMut(HashAlgorithm) -> Vec<u8>,
    ) -> Check {
        let (name, v2, ess) = (self.name, self.v2, &self.id);
        let fail = |r: String| {
            Check::new(
                CheckName::SigningCertificate,
                Outcome::Failed,
                ReasonKind::Mismatch,
                r,
            )
        };
        let Some(cert) = cert else {
            return Check::new(
                CheckName::SigningCertificate,
                Outcome::Unknown,
                ReasonKind::NotAvailable,
                format!("{name} not checked: the signer's certificate is not available"),
            );
        };
        let h = match &ess.hash {
            Ok(h) => *h,
            Err(r) => {
                return Check::new(
                    CheckName::SigningCertificate,
                    Outcome::Unknown,
                    ReasonKind::Unsupported,
                    format!("{name} not checked: {r}"),
                )
            }
        };
        let actual = digest(h);
        if actual != ess.cert_hash {
            return fail(format!(
                "{name}: the {} hash of the signer's certificate is {}, the signed attribute names {}: the certificate is not the one the signer signed for",
                h.name(),
                hex_upper(&actual),
                hex_upper(&ess.cert_hash)
            ));
        }
        if let Some((names, serial)) = &ess.issuer_serial {
            let serial_ok = crate::certificate::serial_key(serial)
                == crate::certificate::serial_key(cert.serial());
            let issuer_ok = names.is_empty() || names.iter().any(|n| n.matches(cert.issuer()));
            if !serial_ok || !issuer_ok {
                return fail(format!(
                    "{name}: issuerSerial does not name the signer's certificate"
                ));
            }
        }
        Check::passed(
            CheckName::SigningCertificate,
            if v2 {
                format!(
                    "signingCertificateV2 ({}) matches the signer's certificate",
                    h.name()
                )
            } else {
                "signingCertificate (SHA-1 ESSCertID, informational) matches the signer's certificate"
                    .to_string()
            },
        )
    }
}
