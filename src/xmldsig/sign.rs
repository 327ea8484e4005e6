//! Signing XML the way Kalkan does: an enveloped `ds:Signature` over the whole document,
//! appended as the last child of the document element, so that NCALayer-era verifiers
//! (NCANode, Kalkan, eGov) and this library's [`super::verify`] accept it.
//!
//! The Reference is `URI=""` with the enveloped-signature transform and Canonical XML 1.0
//! with comments (Kalkan's pair; the `URI=""` node-set holds no comments either way);
//! SignedInfo is canonicalised with Canonical XML 1.0; the signer's certificate goes into
//! `ds:KeyInfo/ds:X509Data`. A document already signed keeps its signatures: the new one
//! covers them (as a later Kalkan signer does), and they keep verifying, since each is
//! judged over the document as it stood when it was made.
//!
//! The document's bytes are kept as they are: the signature is inserted before the end tag
//! of the document element, nothing else is rewritten.

use base64::Engine as _;

use super::c14n::{self, C14n};
use super::dom;
use super::{
    C14N, C14N_COMMENTS, DSIG_NS, ENVELOPED, GOST2004_DIGEST, GOST2004_SIGNATURE,
    GOST2015_256_DIGEST, GOST2015_256_SIGNATURE, GOST2015_512_DIGEST, GOST2015_512_SIGNATURE,
};
use crate::certificate::Certificate;
use crate::cms::Signer;
use crate::error::{Error, Result};
use crate::gost::GostAlgorithm;
use crate::signature::{self, HashAlgorithm, SignatureAlgorithm};

/// The SignatureMethod and DigestMethod URIs, and the digest, for what `signer` produces.
fn methods(algorithm: &SignatureAlgorithm) -> Result<(&'static str, &'static str, HashAlgorithm)> {
    use crate::gost::GostHash;
    Ok(match algorithm {
        SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256) => (
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2001/04/xmlenc#sha256",
            HashAlgorithm::Sha256,
        ),
        SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512) => (
            GOST2015_512_SIGNATURE,
            GOST2015_512_DIGEST,
            HashAlgorithm::Gost(GostHash::Streebog512),
        ),
        SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_256) => (
            GOST2015_256_SIGNATURE,
            GOST2015_256_DIGEST,
            HashAlgorithm::Gost(GostHash::Streebog256),
        ),
        SignatureAlgorithm::Gost(GostAlgorithm::Nca2004) => (
            GOST2004_SIGNATURE,
            GOST2004_DIGEST,
            HashAlgorithm::Gost(GostHash::Gost94Test),
        ),
        other => {
            return Err(Error::Unsupported(format!(
                "XML signatures with {other:?}: RSA with SHA-256 and the NCA's GOST keys are signed"
            )))
        }
    })
}

/// Base64 in lines of 76 characters, as Kalkan writes it.
fn base64_lines(bytes: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(text.len() + text.len() / 76 + 2);
    for (i, chunk) in text.as_bytes().chunks(76).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
    }
    out
}

/// The offset of the document element's end tag (`</name>`) in `xml`.
fn end_tag(xml: &[u8], root: &str) -> Option<usize> {
    let needle = format!("</{root}");
    let mut at = xml.len();
    while at > 0 {
        let found = xml[..at]
            .windows(needle.len())
            .rposition(|w| w == needle.as_bytes())?;
        // `</name` then optional whitespace and `>`: not `</name2>`.
        let rest = &xml[found + needle.len()..];
        let close = rest.iter().position(|b| !b.is_ascii_whitespace());
        if close.is_some_and(|c| rest[c] == b'>') {
            return Some(found);
        }
        at = found;
    }
    None
}

/// Sign `xml` (UTF-8, no DTD) with `signer`, whose certificate is `certificate`: the
/// document with an enveloped `ds:Signature` appended to its document element. RSA keys
/// sign with rsa-sha256; the NCA's GOST 2015 (512, 256) and GOST 34.310-2004 keys with
/// Kalkan's URIs and the NCA's signature convention. A document that cannot be read, a
/// document element without content (`<a/>`) and other algorithms are errors.
pub fn sign(xml: &[u8], certificate: &Certificate, signer: &dyn Signer) -> Result<Vec<u8>> {
    let algorithm = signer.signature_algorithm();
    let (signature_uri, digest_uri, hash) = methods(&algorithm)?;
    let doc = dom::parse(xml)?;
    let Some(insert_at) = end_tag(xml, &doc.root.name) else {
        return Err(Error::Unsupported(
            "the document element has no end tag (<a/>): nothing to sign into".into(),
        ));
    };
    // What the Reference covers: the document as it stands (its earlier signatures
    // included), without comments.
    let digest = signature::digest(
        hash,
        &c14n::document(
            &doc,
            C14n {
                with_comments: false,
                exclude: &[],
            },
        ),
    )
    .ok_or_else(|| Error::Unsupported(format!("digest {hash:?}")))?;
    let signed_info = format!(
        "<ds:SignedInfo>\n<ds:CanonicalizationMethod Algorithm=\"{C14N}\"/>\n<ds:SignatureMethod Algorithm=\"{signature_uri}\"/>\n<ds:Reference URI=\"\">\n<ds:Transforms>\n<ds:Transform Algorithm=\"{ENVELOPED}\"/>\n<ds:Transform Algorithm=\"{C14N_COMMENTS}\"/>\n</ds:Transforms>\n<ds:DigestMethod Algorithm=\"{digest_uri}\"/>\n<ds:DigestValue>{}</ds:DigestValue>\n</ds:Reference>\n</ds:SignedInfo>",
        base64::engine::general_purpose::STANDARD.encode(&digest)
    );
    // SignatureValue's text is not signed (it is outside SignedInfo): a marker stands in
    // for it while SignedInfo is canonicalised in place, then the value replaces it.
    const MARKER: &str = "SIGNATURE-VALUE";
    let signature_element = format!(
        "<ds:Signature xmlns:ds=\"{DSIG_NS}\">\n{signed_info}\n<ds:SignatureValue>\n{MARKER}\n</ds:SignatureValue>\n<ds:KeyInfo>\n<ds:X509Data>\n<ds:X509Certificate>\n{}\n</ds:X509Certificate>\n</ds:X509Data>\n</ds:KeyInfo>\n</ds:Signature>",
        base64_lines(certificate.der())
    );
    let marker_at = insert_at
        + signature_element
            .find(MARKER)
            .ok_or_else(|| Error::Unsupported("signature template".into()))?;
    let mut out = Vec::with_capacity(xml.len() + signature_element.len() + 1024);
    out.extend_from_slice(&xml[..insert_at]);
    out.extend_from_slice(signature_element.as_bytes());
    out.extend_from_slice(&xml[insert_at..]);
    // SignedInfo canonicalised in its place (the namespaces in scope there are rendered on
    // it): the signature is the document element's last child element.
    let placed = dom::parse(&out)?;
    let sig = placed
        .root
        .elements()
        .last()
        .filter(|e| e.name == "ds:Signature")
        .ok_or_else(|| Error::Unsupported("the signature inserted is not found again".into()))?;
    let si = sig
        .elements()
        .find(|e| e.name == "ds:SignedInfo")
        .ok_or_else(|| Error::Unsupported("SignedInfo not found again".into()))?;
    let canonical = c14n::subtree(
        si,
        &[&placed.root, sig],
        C14n {
            with_comments: false,
            exclude: &[],
        },
    );
    let value = base64_lines(&signer.sign(&canonical)?);
    let mut signed = Vec::with_capacity(out.len() + value.len());
    signed.extend_from_slice(&out[..marker_at]);
    signed.extend_from_slice(value.as_bytes());
    signed.extend_from_slice(&out[marker_at + MARKER.len()..]);
    Ok(signed)
}
