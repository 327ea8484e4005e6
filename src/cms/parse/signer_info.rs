//! SignerInfo (RFC 5652 §5.3) as carried: its signer identifier, algorithms, signature,
//! and signed and unsigned attributes.

use std::fmt;

use super::AlgorithmId;
use crate::ber::{malformed, tag, Tlv};
use crate::certificate::{serial_key, Certificate};
use crate::cms::{algorithms, limits};
use crate::error::Result;
use crate::name::{hex_upper, Name};
use crate::signature::{HashAlgorithm, SignatureAlgorithm};

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

impl SignerIdentifier {
    /// Does `cert` match this identifier?
    pub fn matches(&self, cert: &Certificate) -> bool {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                serial_key(serial) == serial_key(cert.serial()) && issuer.matches(cert.issuer())
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => cert.subject_key_id() == Some(ski),
        }
    }
}

impl fmt::Display for SignerIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignerIdentifier::IssuerAndSerialNumber { issuer, serial } => {
                let s = serial_key(serial);
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
            let issuer = Name::from_der(&issuer.to_minimal_lengths()?)?;
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
    /// The unsigned attributes (countersignatures, time-stamp tokens ...), as carried: not
    /// verified here (a verification judges the tokens and the countersignatures).
    pub fn unsigned_attributes(&self) -> &[Attribute] {
        &self.unsigned_attributes
    }
    /// The SignerInfo's encoding (definite lengths).
    pub fn encoding(&self) -> &[u8] {
        &self.encoding
    }
}
