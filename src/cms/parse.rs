//! Reading CMS SignedData (RFC 5652 §5) from DER, BER, PEM or bare base64 text.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};

use super::algorithms::{self, ID_SIGNED_DATA};
use super::ber::{self, malformed, tag, Tlv};
use super::limits;
use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::name::{hex_upper, Name};
use crate::signature::{HashAlgorithm, SignatureAlgorithm};

const WHAT: &str = "CMS";

/// An AlgorithmIdentifier as carried: its OID and its (definite-length) encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlgorithmId {
    /// Dotted OID.
    pub oid: String,
    /// The whole AlgorithmIdentifier, DER.
    pub der: Vec<u8>,
}

impl AlgorithmId {
    fn read(tlv: &Tlv<'_>, what: &'static str) -> Result<AlgorithmId> {
        let tlv = tlv.expect_universal(tag::SEQUENCE, what)?;
        let parts = tlv.children_vec(2, what)?;
        let first = parts
            .first()
            .ok_or_else(|| malformed(what, "empty AlgorithmIdentifier"))?;
        Ok(AlgorithmId {
            oid: first.oid(what)?,
            der: tlv.to_definite()?.into_owned(),
        })
    }
}

/// An attribute: its type and the encodings of its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// Dotted OID of the attribute type.
    pub oid: String,
    /// Each AttributeValue, in the order carried (definite-length encoding).
    pub values: Vec<Vec<u8>>,
}

impl Attribute {
    /// A readable name of the attribute type (`contentType`, `signingTime` ...).
    pub fn name(&self) -> String {
        algorithms::attribute_name(&self.oid)
    }
}

fn read_attributes(set: &Tlv<'_>, what: &'static str) -> Result<Vec<Attribute>> {
    let mut out = Vec::new();
    for attr in set.children_vec(limits::MAX_ATTRIBUTES, what)? {
        let attr = attr.expect_universal(tag::SEQUENCE, what)?;
        let parts = attr.children_vec(2, what)?;
        let [oid, values] = parts.as_slice() else {
            return Err(malformed(what, "Attribute is not { type, values }"));
        };
        let oid = oid.oid(what)?;
        let values = values.expect_universal(tag::SET, what)?;
        let values = values
            .children_vec(limits::MAX_ATTRIBUTE_VALUES, what)?
            .iter()
            .map(|v| v.to_definite().map(|c| c.into_owned()))
            .collect::<Result<Vec<_>>>()?;
        out.push(Attribute { oid, values });
    }
    Ok(out)
}

/// The signed attributes of a SignerInfo, with the bytes the signature covers.
#[derive(Clone, Debug)]
pub struct SignedAttributes {
    attributes: Vec<Attribute>,
    /// The `[0] IMPLICIT` element re-tagged as an explicit SET OF (0x31), in the order and
    /// encoding carried (only indefinite lengths re-encoded definite).
    signed_bytes: Vec<u8>,
}

impl SignedAttributes {
    /// The attributes, in the order carried.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// The bytes the signature covers: the attributes as an explicit `SET OF` (tag 0x31).
    pub fn signed_bytes(&self) -> &[u8] {
        &self.signed_bytes
    }

    /// Every attribute of type `oid`.
    pub fn all(&self, oid: &str) -> impl Iterator<Item = &Attribute> + '_ {
        let oid = oid.to_string();
        self.attributes.iter().filter(move |a| a.oid == oid)
    }
}

/// How a SignerInfo names its certificate.
#[derive(Clone, Debug)]
pub enum SignerIdentifier {
    /// issuerAndSerialNumber.
    IssuerAndSerialNumber {
        /// The issuer's name.
        issuer: Name,
        /// The serial number's INTEGER content octets.
        serial: Vec<u8>,
    },
    /// `[0]` subjectKeyIdentifier.
    SubjectKeyIdentifier(Vec<u8>),
}

pub(crate) fn strip_zeros(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    &b[start..]
}

impl SignerIdentifier {
    /// Does `cert` match this identifier?
    pub fn matches(&self, cert: &Certificate) -> bool {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                strip_zeros(serial) == strip_zeros(cert.serial()) && issuer.matches(cert.issuer())
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => cert.subject_key_id() == Some(ski),
        }
    }
}

impl fmt::Display for SignerIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                let s = strip_zeros(serial);
                write!(
                    f,
                    "issuer \"{issuer}\", serial {}",
                    if s.is_empty() {
                        "00".into()
                    } else {
                        hex_upper(s)
                    }
                )
            }
            SignerIdentifier::SubjectKeyIdentifier(k) => {
                write!(f, "subjectKeyIdentifier {}", hex_upper(k))
            }
        }
    }
}

/// One SignerInfo, as carried.
#[derive(Clone, Debug)]
pub struct SignerInfo {
    version: u32,
    sid: SignerIdentifier,
    digest_algorithm: AlgorithmId,
    digest: std::result::Result<HashAlgorithm, String>,
    signed_attributes: Option<SignedAttributes>,
    signature_algorithm_id: AlgorithmId,
    signature_algorithm: SignatureAlgorithm,
    signature: Vec<u8>,
    unsigned_attributes: Vec<Attribute>,
    encoding: Vec<u8>,
}

impl SignerInfo {
    pub(crate) fn read(tlv: &Tlv<'_>) -> Result<SignerInfo> {
        const W: &str = "CMS SignerInfo";
        let tlv = tlv.expect_universal(tag::SEQUENCE, W)?;
        let parts = tlv.children_vec(7, W)?;
        let mut it = parts.iter().peekable();
        let mut next = |what: &str| {
            it.next()
                .copied()
                .ok_or_else(|| malformed(W, format!("{what} missing")))
        };
        let version = next("version")?.small_uint(W)?;
        let sid_tlv = next("sid")?;
        let sid = if sid_tlv.is_universal(tag::SEQUENCE) && sid_tlv.constructed {
            let p = sid_tlv.children_vec(2, W)?;
            let [issuer, serial] = p.as_slice() else {
                return Err(malformed(
                    W,
                    "issuerAndSerialNumber is not { issuer, serial }",
                ));
            };
            let issuer = Name::from_der(&issuer.to_definite()?)?;
            if !serial.is_universal(tag::INTEGER) || serial.constructed || serial.content.is_empty()
            {
                return Err(malformed(W, "serialNumber is not an INTEGER"));
            }
            if serial.content.len() > 64 {
                return Err(malformed(W, "serialNumber longer than 64 octets"));
            }
            SignerIdentifier::IssuerAndSerialNumber {
                issuer,
                serial: serial.content.to_vec(),
            }
        } else if sid_tlv.is_context(0) {
            let ski = sid_tlv.octets(W)?;
            if ski.len() > 1024 {
                return Err(malformed(W, "subjectKeyIdentifier too long"));
            }
            SignerIdentifier::SubjectKeyIdentifier(ski.into_owned())
        } else {
            return Err(malformed(
                W,
                format!("sid has tag {}", sid_tlv.describe_tag()),
            ));
        };
        let digest_algorithm = AlgorithmId::read(&next("digestAlgorithm")?, W)?;
        let mut signed_attributes = None;
        let mut t = next("signatureAlgorithm")?;
        if t.is_context(0) {
            if !t.constructed || t.raw.first() != Some(&0xA0) {
                return Err(malformed(W, "signedAttrs is not a constructed [0]"));
            }
            let attributes = read_attributes(&t, W)?;
            let mut signed_bytes = t.to_definite()?.into_owned();
            signed_bytes[0] = 0x31;
            signed_attributes = Some(SignedAttributes {
                attributes,
                signed_bytes,
            });
            t = next("signatureAlgorithm")?;
        }
        let signature_algorithm_id = AlgorithmId::read(&t, W)?;
        let sig = next("signature")?;
        if !sig.is_universal(tag::OCTET_STRING) {
            return Err(malformed(W, "signature is not an OCTET STRING"));
        }
        let signature = sig.octets(W)?.into_owned();
        let mut unsigned_attributes = Vec::new();
        if let Some(u) = it.next() {
            if !u.is_context(1) || !u.constructed {
                return Err(malformed(
                    W,
                    format!(
                        "unexpected element {} after the signature",
                        u.describe_tag()
                    ),
                ));
            }
            unsigned_attributes = read_attributes(u, W)?;
        }
        if it.next().is_some() {
            return Err(malformed(W, "trailing elements"));
        }
        let digest = algorithms::hash_from_oid(&digest_algorithm.oid);
        let signature_algorithm = algorithms::signature_from_signer_info(
            &signature_algorithm_id.der,
            &signature_algorithm_id.oid,
            &digest,
        );
        Ok(SignerInfo {
            version,
            sid,
            digest_algorithm,
            digest,
            signed_attributes,
            signature_algorithm_id,
            signature_algorithm,
            signature,
            unsigned_attributes,
            encoding: tlv.to_definite()?.into_owned(),
        })
    }

    /// CMSVersion of the SignerInfo (1 for issuerAndSerialNumber, 3 for subjectKeyIdentifier).
    pub fn version(&self) -> u32 {
        self.version
    }
    /// The signer identifier.
    pub fn sid(&self) -> &SignerIdentifier {
        &self.sid
    }
    /// The digestAlgorithm.
    pub fn digest_algorithm(&self) -> &AlgorithmId {
        &self.digest_algorithm
    }
    /// The digest algorithm resolved, or why it cannot be.
    pub fn digest_hash(&self) -> std::result::Result<HashAlgorithm, &str> {
        self.digest.as_ref().copied().map_err(String::as_str)
    }
    /// The signed attributes, when present.
    pub fn signed_attributes(&self) -> Option<&SignedAttributes> {
        self.signed_attributes.as_ref()
    }
    /// The signatureAlgorithm as carried.
    pub fn signature_algorithm_id(&self) -> &AlgorithmId {
        &self.signature_algorithm_id
    }
    /// The signature algorithm resolved (`rsaEncryption` combined with the digest algorithm).
    pub fn signature_algorithm(&self) -> &SignatureAlgorithm {
        &self.signature_algorithm
    }
    /// The signature value.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }
    /// The unsigned attributes (countersignatures, time-stamp tokens ...), not verified.
    pub fn unsigned_attributes(&self) -> &[Attribute] {
        &self.unsigned_attributes
    }
    /// The SignerInfo's encoding (definite lengths).
    pub fn encoding(&self) -> &[u8] {
        &self.encoding
    }
}

/// A parsed CMS SignedData.
///
/// The encapsulated content is only reachable through
/// [`SignedData::unverified_content`] (named so) until a verification returns it as
/// [`super::VerifiedContent`].
#[derive(Clone, Debug)]
pub struct SignedData {
    pub(crate) version: u32,
    pub(crate) digest_algorithms: Vec<AlgorithmId>,
    pub(crate) content_type: String,
    pub(crate) content: Option<Arc<[u8]>>,
    pub(crate) certificate_choices: Vec<Vec<u8>>,
    pub(crate) certificates: Vec<Certificate>,
    pub(crate) crls: Vec<Vec<u8>>,
    pub(crate) signers: Vec<SignerInfo>,
}

impl SignedData {
    /// Read a ContentInfo holding SignedData from DER/BER, PEM (`CMS`, `PKCS7`,
    /// `PKCS #7 SIGNED DATA`) or bare base64 text (as NCALayer returns it), detected
    /// automatically.
    pub fn from_input(input: &[u8]) -> Result<SignedData> {
        SignedData::from_ber(&decode_input(input)?)
    }

    /// Read a ContentInfo holding SignedData from DER or BER (trailing ASCII whitespace
    /// allowed).
    pub fn from_ber(input: &[u8]) -> Result<SignedData> {
        if input.len() > limits::MAX_CMS_INPUT_LEN {
            return Err(Error::TooLarge {
                what: WHAT,
                len: input.len(),
                limit: limits::MAX_CMS_INPUT_LEN,
            });
        }
        let (top, rest) = Tlv::read(input, WHAT)?;
        if rest.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(malformed(
                WHAT,
                format!("{} bytes of trailing data", rest.len()),
            ));
        }
        let top = top.expect_universal(tag::SEQUENCE, WHAT)?;
        let parts = top.children_vec(2, WHAT)?;
        let [ct, explicit] = parts.as_slice() else {
            return Err(malformed(
                WHAT,
                "ContentInfo is not { contentType, [0] content }",
            ));
        };
        let ct = ct.oid(WHAT)?;
        if ct != ID_SIGNED_DATA {
            return Err(Error::Unsupported(format!(
                "CMS content type {ct} (only SignedData {ID_SIGNED_DATA} is read)"
            )));
        }
        if !explicit.is_context(0) || !explicit.constructed {
            return Err(malformed(WHAT, "ContentInfo content is not [0] EXPLICIT"));
        }
        let inner = explicit.children_vec(1, WHAT)?;
        let sd = inner
            .first()
            .ok_or_else(|| malformed(WHAT, "empty [0] content"))?
            .expect_universal(tag::SEQUENCE, WHAT)?;
        SignedData::read_signed_data(&sd)
    }

    fn read_signed_data(sd: &Tlv<'_>) -> Result<SignedData> {
        let parts = sd.children_vec(6, WHAT)?;
        let mut it = parts.iter().copied().peekable();
        let mut next = |what: &str| {
            it.next()
                .ok_or_else(|| malformed(WHAT, format!("SignedData {what} missing")))
        };
        let version = next("version")?.small_uint(WHAT)?;
        let digest_set = next("digestAlgorithms")?.expect_universal(tag::SET, WHAT)?;
        let digest_algorithms = digest_set
            .children_vec(limits::MAX_DIGEST_ALGORITHMS, WHAT)?
            .iter()
            .map(|t| AlgorithmId::read(t, WHAT))
            .collect::<Result<Vec<_>>>()?;
        let eci = next("encapContentInfo")?.expect_universal(tag::SEQUENCE, WHAT)?;
        let eci_parts = eci.children_vec(2, WHAT)?;
        let content_type = eci_parts
            .first()
            .ok_or_else(|| malformed(WHAT, "eContentType missing"))?
            .oid(WHAT)?;
        let content = match eci_parts.get(1) {
            None => None,
            Some(e) => {
                if !e.is_context(0) || !e.constructed {
                    return Err(malformed(WHAT, "eContent is not [0] EXPLICIT"));
                }
                let inner = e.children_vec(1, WHAT)?;
                let os = inner
                    .first()
                    .ok_or_else(|| malformed(WHAT, "empty eContent"))?;
                if !os.is_universal(tag::OCTET_STRING) {
                    return Err(malformed(
                        WHAT,
                        format!(
                            "eContent is {} (an OCTET STRING is required)",
                            os.describe_tag()
                        ),
                    ));
                }
                Some(Arc::<[u8]>::from(os.octets(WHAT)?.as_ref()))
            }
        };
        let mut t = next("signerInfos")?;
        let mut certificate_choices = Vec::new();
        let mut certificates = Vec::new();
        if t.is_context(0) {
            if !t.constructed {
                return Err(malformed(WHAT, "certificates is not constructed"));
            }
            for c in t.children_vec(limits::MAX_CERTIFICATES, WHAT)? {
                let enc = c.to_definite()?.into_owned();
                if c.is_universal(tag::SEQUENCE) {
                    certificates.push(Certificate::from_der(&enc)?);
                }
                certificate_choices.push(enc);
            }
            t = next("signerInfos")?;
        }
        let mut crls = Vec::new();
        if t.is_context(1) {
            if !t.constructed {
                return Err(malformed(WHAT, "crls is not constructed"));
            }
            for c in t.children_vec(limits::MAX_CRLS, WHAT)? {
                crls.push(c.to_definite()?.into_owned());
            }
            t = next("signerInfos")?;
        }
        let si = t.expect_universal(tag::SET, WHAT)?;
        let signers = si
            .children_vec(limits::MAX_SIGNERS, WHAT)?
            .iter()
            .map(SignerInfo::read)
            .collect::<Result<Vec<_>>>()?;
        if it.next().is_some() {
            return Err(malformed(WHAT, "trailing elements in SignedData"));
        }
        Ok(SignedData {
            version,
            digest_algorithms,
            content_type,
            content,
            certificate_choices,
            certificates,
            crls,
            signers,
        })
    }

    /// CMSVersion of the SignedData.
    pub fn version(&self) -> u32 {
        self.version
    }
    /// The digestAlgorithms set.
    pub fn digest_algorithms(&self) -> &[AlgorithmId] {
        &self.digest_algorithms
    }
    /// eContentType (dotted OID; `1.2.840.113549.1.7.1` for data).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }
    /// Is the content detached (no eContent)?
    pub fn is_detached(&self) -> bool {
        self.content.is_none()
    }
    /// The encapsulated content **before any verification**: nothing proves these bytes
    /// were signed by anyone. Use a valid verdict's [`super::CmsVerdict::verified_content`]
    /// for content to act on.
    pub fn unverified_content(&self) -> Option<&[u8]> {
        self.content.as_deref()
    }
    /// The certificates carried (the `certificate` choice of CertificateSet).
    pub fn certificates(&self) -> &[Certificate] {
        &self.certificates
    }
    /// The RevocationInfoChoices carried, each as its DER (a CertificateList can be read
    /// with [`crate::revocation::crl::Crl::from_der`]). They are not used by verification:
    /// revocation evidence comes from the [`crate::Verifier`].
    pub fn crls(&self) -> &[Vec<u8>] {
        &self.crls
    }
    /// The SignerInfos, in the order carried.
    pub fn signers(&self) -> &[SignerInfo] {
        &self.signers
    }
}

/// Decode DER/BER, PEM or base64 text into the BER of one ContentInfo.
fn decode_input(input: &[u8]) -> Result<Vec<u8>> {
    if input.len() > limits::MAX_CMS_INPUT_LEN {
        return Err(Error::TooLarge {
            what: WHAT,
            len: input.len(),
            limit: limits::MAX_CMS_INPUT_LEN,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if input.first() == Some(&0x30) {
        return Ok(input.to_vec());
    }
    let text = std::str::from_utf8(input).map_err(|_| Error::UnrecognisedFormat {
        what: WHAT,
        reason: "neither DER/BER (no SEQUENCE tag) nor text".into(),
    })?;
    if text.contains("-----BEGIN ") {
        const LABELS: [&str; 3] = ["CMS", "PKCS7", "PKCS #7 SIGNED DATA"];
        let blocks = pem::parse_many(text).map_err(|e| Error::BadPem(e.to_string()))?;
        let mut found: Vec<Vec<u8>> = Vec::new();
        let mut other = Vec::new();
        for b in blocks {
            if LABELS.contains(&b.tag()) {
                found.push(b.into_contents());
            } else {
                other.push(b.tag().to_string());
            }
        }
        return match found.len() {
            1 => Ok(found.swap_remove(0)),
            0 => Err(Error::BadPem(format!(
                "expected a block labelled CMS or PKCS7, found {}",
                if other.is_empty() {
                    "no complete block".to_string()
                } else {
                    other.join(", ")
                }
            ))),
            n => Err(Error::UnrecognisedFormat {
                what: WHAT,
                reason: format!("expected one CMS PEM block, found {n}"),
            }),
        };
    }
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if let Some(pos) = compact
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')))
    {
        return Err(Error::UnrecognisedFormat {
            what: WHAT,
            reason: format!(
                "not DER, PEM or base64 (byte 0x{:02x} at offset {pos})",
                compact[pos]
            ),
        });
    }
    let engine = if compact.iter().any(|b| matches!(b, b'-' | b'_')) {
        &base64::engine::general_purpose::URL_SAFE
    } else {
        &base64::engine::general_purpose::STANDARD
    };
    let mut data = compact;
    if !data.len().is_multiple_of(4) && !data.contains(&b'=') {
        data.resize(data.len().div_ceil(4) * 4, b'=');
    }
    let der = engine
        .decode(&data)
        .map_err(|e| Error::BadBase64(e.to_string()))?;
    if der.first() != Some(&0x30) {
        return Err(Error::UnrecognisedFormat {
            what: WHAT,
            reason: "base64 text does not decode to a SEQUENCE".into(),
        });
    }
    Ok(der)
}

/// Read a signingTime value (UTCTime or GeneralizedTime).
pub(crate) fn read_time(value: &[u8]) -> std::result::Result<DateTime<Utc>, String> {
    let tlv = Tlv::read_exact(value, "signingTime").map_err(|e| e.to_string())?;
    if tlv.constructed {
        return Err("constructed time".into());
    }
    let text = std::str::from_utf8(tlv.content).map_err(|_| "time is not ASCII".to_string())?;
    if tlv.is_universal(tag::UTC_TIME) {
        parse_time(text, false)
    } else if tlv.is_universal(tag::GENERALIZED_TIME) {
        parse_time(text, true)
    } else {
        Err(format!("not a time ({})", tlv.describe_tag()))
    }
}

/// `YYMMDDhhmm[ss](Z|±hhmm)` (UTCTime) or `YYYYMMDDhhmm[ss][.f*](Z|±hhmm)` (GeneralizedTime).
fn parse_time(text: &str, generalized: bool) -> std::result::Result<DateTime<Utc>, String> {
    let bad = || format!("invalid time \"{}\"", text.escape_default());
    if !text.is_ascii() || text.len() > 40 {
        return Err(bad());
    }
    let digits = |s: &str| -> Option<u32> {
        if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            s.parse().ok()
        } else {
            None
        }
    };
    let (year, rest) = if generalized {
        (
            digits(text.get(0..4).ok_or_else(bad)?).ok_or_else(bad)? as i32,
            &text[4..],
        )
    } else {
        let yy = digits(text.get(0..2).ok_or_else(bad)?).ok_or_else(bad)? as i32;
        (if yy < 50 { 2000 + yy } else { 1900 + yy }, &text[2..])
    };
    let field = |i: usize| rest.get(i..i + 2).and_then(digits);
    let month = field(0).ok_or_else(bad)?;
    let day = field(2).ok_or_else(bad)?;
    let hour = field(4).ok_or_else(bad)?;
    let minute = field(6).ok_or_else(bad)?;
    let mut tail = rest.get(8..).ok_or_else(bad)?;
    let mut second = 0;
    if let Some(s) = tail.get(0..2).and_then(digits) {
        second = s;
        tail = &tail[2..];
    }
    if generalized && (tail.starts_with('.') || tail.starts_with(',')) {
        let frac = tail[1..].bytes().take_while(u8::is_ascii_digit).count();
        if frac == 0 {
            return Err(bad());
        }
        tail = &tail[1 + frac..];
    }
    let offset_secs: i64 = match tail {
        "Z" => 0,
        t if t.len() == 5 && (t.starts_with('+') || t.starts_with('-')) => {
            let h = digits(&t[1..3]).ok_or_else(bad)? as i64;
            let m = digits(&t[3..5]).ok_or_else(bad)? as i64;
            if h > 23 || m > 59 {
                return Err(bad());
            }
            let s = (h * 60 + m) * 60;
            if t.starts_with('+') {
                s
            } else {
                -s
            }
        }
        _ => return Err(bad()),
    };
    let naive = NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, second))
        .ok_or_else(bad)?;
    Ok(naive.and_utc() - chrono::Duration::seconds(offset_secs))
}

/// Encode a signing time: UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5652 §11.3).
pub(crate) fn encode_time(t: DateTime<Utc>) -> Vec<u8> {
    use chrono::Datelike as _;
    if (1950..2050).contains(&t.year()) {
        ber::der(0x17, t.format("%y%m%d%H%M%SZ").to_string().as_bytes())
    } else {
        ber::der(0x18, t.format("%Y%m%d%H%M%SZ").to_string().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let t = |s: &str, g| parse_time(s, g).map(|d| d.to_rfc3339());
        assert_eq!(
            t("200909200314Z", false).unwrap(),
            "2020-09-09T20:03:14+00:00"
        );
        assert_eq!(
            t("491231235959Z", false).unwrap(),
            "2049-12-31T23:59:59+00:00"
        );
        assert_eq!(
            t("500101000000Z", false).unwrap(),
            "1950-01-01T00:00:00+00:00"
        );
        assert_eq!(
            t("2001010000Z", false).unwrap(),
            "2020-01-01T00:00:00+00:00"
        );
        assert_eq!(
            t("20261123000000Z", true).unwrap(),
            "2026-11-23T00:00:00+00:00"
        );
        assert_eq!(
            t("20261123060000.5+0600", true).unwrap(),
            "2026-11-23T00:00:00+00:00"
        );
        for bad in [
            "",
            "Z",
            "2013",
            "201301010000",
            "20130101000000X",
            "201302300000Z",
            "2013010100000Z",
        ] {
            assert!(t(bad, false).is_err(), "{bad}");
        }
        assert!(t("20261123000000.Z", true).is_err());
        let enc = encode_time(DateTime::from_timestamp(1_795_392_000, 0).unwrap());
        assert_eq!(read_time(&enc).unwrap().timestamp(), 1_795_392_000);
        let far = DateTime::from_timestamp(4_102_444_800, 0).unwrap(); // 2100
        assert_eq!(encode_time(far)[0], 0x18);
        assert_eq!(read_time(&encode_time(far)).unwrap(), far);
    }
}
