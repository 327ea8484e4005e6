//! Reading CMS SignedData (RFC 5652 §5) from DER, BER, PEM or bare base64 text.
//!
//! This file holds the ContentInfo and SignedData structure; the submodules hold the
//! detection and unwrapping of the input forms (`input`), SignerInfo with its identifier
//! and attributes (`signer_info`), and signing times (`time`).

mod input;
mod signer_info;
mod time;

use std::sync::Arc;

use super::ber::{malformed, tag, Tlv};
use super::limits;
use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::oid::ID_SIGNED_DATA;
use input::decode_input;

pub use signer_info::{Attribute, SignedAttributes, SignerIdentifier, SignerInfo};
pub(super) use time::read_time;

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
    pub(super) fn read(tlv: &Tlv<'_>, what: &'static str) -> Result<AlgorithmId> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ber::{der, headers_read, octet_string, oid, sequence, small_integer};

    /// `levels` indefinite-length elements `tag` one inside the other around `leaves`
    /// OCTET STRINGs.
    fn nested(tag: u8, levels: usize, leaves: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for _ in 0..levels {
            out.extend_from_slice(&[tag, 0x80]);
        }
        for i in 0..leaves {
            out.extend(octet_string(&(i as u64).to_be_bytes()));
        }
        for _ in 0..levels {
            out.extend_from_slice(&[0, 0]);
        }
        out
    }

    #[test]
    fn nested_indefinite_parts_are_read_a_bounded_number_of_times() {
        // issue 9: the eContent a constructed OCTET STRING and an unsigned attribute value
        // a SEQUENCE, each nested 40 deep with indefinite lengths. The parser descends a
        // fixed number of levels of the CMS structure (each re-reads what is below it),
        // converts and reassembles in one pass: the headers read are a bounded multiple of
        // the elements, whatever the nesting below.
        const LEVELS: usize = 40;
        const LEAVES: usize = 10_000;
        let name = sequence(&[&der(
            0x31,
            &sequence(&[&oid("2.5.4.3"), &der(0x0C, b"bomb")]),
        )]);
        let unsigned = der(
            0xA1,
            &sequence(&[&oid("1.2.3.4"), &der(0x31, &nested(0x30, LEVELS, LEAVES))]),
        );
        let signer = sequence(&[
            &small_integer(1),
            &sequence(&[&name, &small_integer(1)]),
            &sequence(&[&oid("2.16.840.1.101.3.4.2.1")]),
            &sequence(&[&oid("1.2.840.113549.1.1.1")]),
            &octet_string(&[0x55; 64]),
            &unsigned,
        ]);
        let signed_data = sequence(&[
            &small_integer(1),
            &der(0x31, &sequence(&[&oid("2.16.840.1.101.3.4.2.1")])),
            &sequence(&[
                &oid("1.2.840.113549.1.7.1"),
                &der(0xA0, &nested(0x24, LEVELS, LEAVES)),
            ]),
            &der(0x31, &signer),
        ]);
        let cms = sequence(&[&oid(ID_SIGNED_DATA), &der(0xA0, &signed_data)]);
        let elements = 2 * (LEVELS + LEAVES) as u64;
        let before = headers_read();
        let parsed = SignedData::from_ber(&cms).unwrap();
        let reads = headers_read() - before;
        assert_eq!(
            parsed.unverified_content().map(<[u8]>::len),
            Some(8 * LEAVES)
        );
        assert!(
            reads <= 12 * elements,
            "{reads} element headers read to parse {elements} nested elements"
        );
    }
}
