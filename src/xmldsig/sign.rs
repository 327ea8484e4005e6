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
use chrono::{DateTime, Utc};

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
use crate::signature::{HashAlgorithm, SignatureAlgorithm};

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
///
/// [`sign_with`] signs one element by its Id, or makes a XAdES-B signature.
pub fn sign(xml: &[u8], certificate: &Certificate, signer: &dyn Signer) -> Result<Vec<u8>> {
    sign_with(xml, certificate, signer, &XmlSignOptions::default())
}

/// How [`sign_with`] signs beyond Kalkan's default (the whole document, plain XMLDSig).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmlSignOptions {
    /// Sign the one element whose `Id` (`ID`, `id`, `wsu:Id`) is this, not the whole
    /// document: a Reference `URI="#id"`. The signature is still appended to the document
    /// element, and the element is signed as it is (an element that holds the signature
    /// is signed less it: the enveloped-signature transform).
    pub reference_id: Option<String>,
    /// Make a XAdES-B signature claiming this signing time (the caller's clock: the
    /// library reads none): `xades:SignedProperties` with SigningTime and
    /// SigningCertificateV2 (the certificate's digest, in the signature's digest
    /// algorithm, and its IssuerSerialV2), covered by a Reference typed SignedProperties.
    pub xades: Option<DateTime<Utc>>,
    /// Further certificates for `ds:KeyInfo`, after the signer's (the issuing CA ...), for
    /// verifiers that are not given them. Kalkan writes the signer's alone.
    pub chain: Vec<Certificate>,
}

impl XmlSignOptions {
    /// The whole document, plain XMLDSig.
    pub fn new() -> XmlSignOptions {
        XmlSignOptions::default()
    }
    /// Sign the element with this Id.
    pub fn reference_id(mut self, id: impl Into<String>) -> XmlSignOptions {
        self.reference_id = Some(id.into());
        self
    }
    /// With further certificates in `ds:KeyInfo`.
    pub fn chain(mut self, chain: &[Certificate]) -> XmlSignOptions {
        self.chain = chain.to_vec();
        self
    }
    /// Make a XAdES-B signature claiming `signing_time`.
    pub fn xades(mut self, signing_time: DateTime<Utc>) -> XmlSignOptions {
        self.xades = Some(signing_time);
        self
    }
}

/// A name `prefix-N` that no attribute of `doc` carries (so an Id made with it is unique,
/// however the document wrote its values: character references are read): N one more than
/// the largest number after `prefix-` in an attribute value, found in one walk.
fn fresh_id(doc: &dom::Document, prefix: &str) -> String {
    fn walk(el: &dom::Element, needle: &str, largest: &mut u64) {
        for (_, value) in &el.attrs {
            if let Some(rest) = value.strip_prefix(needle) {
                let n = rest
                    .bytes()
                    .take(19)
                    .take_while(u8::is_ascii_digit)
                    .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
                *largest = (*largest).max(n);
            }
        }
        for child in el.elements() {
            walk(child, needle, largest);
        }
    }
    let mut largest = 0;
    walk(&doc.root, &format!("{prefix}-"), &mut largest);
    format!("{prefix}-{}", largest.saturating_add(1))
}

/// [`sign`] with options: one element by Id ([`XmlSignOptions::reference_id`]), XAdES-B
/// ([`XmlSignOptions::xades`]). An Id that no element or several carry is an error.
pub fn sign_with(
    xml: &[u8],
    certificate: &Certificate,
    signer: &dyn Signer,
    options: &XmlSignOptions,
) -> Result<Vec<u8>> {
    use super::xades::{SIGNED_PROPERTIES_TYPE, XADES_NS};
    let algorithm = signer.signature_algorithm();
    let (signature_uri, digest_uri, hash) = methods(&algorithm)?;
    let doc = dom::parse(xml)?;
    let Some(insert_at) = end_tag(xml, &doc.root.name) else {
        return Err(Error::Unsupported(
            "the document element has no end tag (<a/>): nothing to sign into".into(),
        ));
    };
    let no_comments = C14n {
        with_comments: false,
        exclude: &[],
    };
    // What the first Reference covers: the document as it stands (its earlier signatures
    // included), or the element with the Id; without comments.
    let (uri, covered) = match &options.reference_id {
        None => (String::new(), c14n::document(&doc, no_comments)),
        Some(id) if !super::reference::is_ncname(id) => {
            return Err(Error::Unsupported(format!(
                "the Id {id:?} is not an XML name (letters, digits, '.', '-', '_'): it cannot be referenced safely"
            )))
        }
        Some(id) => {
            let wanted = std::iter::once(id.clone()).collect();
            let index = super::reference::IdIndex::build(&doc, &wanted);
            match index.found.get(id) {
                Some((1, el, ancestors)) => {
                    (format!("#{id}"), c14n::subtree(el, ancestors, no_comments))
                }
                Some((n, _, _)) => {
                    return Err(Error::Unsupported(format!(
                        "{n} elements carry the Id {id:?}: an Id signed must be unique"
                    )))
                }
                None => {
                    return Err(Error::Unsupported(format!(
                        "no element carries the Id {id:?}"
                    )))
                }
            }
        }
    };
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let digest = hash.digest(&covered);
    // XAdES: the Signature's Id, the SignedProperties' Id and its Reference, the Object.
    const PROPS_MARK: &str = "qoltanba-signed-properties-digest-to-come";
    let (sig_attr, props_reference, object) = match options.xades {
        None => (String::new(), String::new(), String::new()),
        Some(at) => {
            let sig_id = fresh_id(&doc, "qoltanba-signature");
            let props_id = format!("{sig_id}-signed-properties");
            let time = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let cert_digest = b64(&hash.digest(certificate.der()));
            let issuer_serial = b64(&crate::cms::issuer_serial(certificate));
            (
                format!(" Id=\"{sig_id}\""),
                format!("\n<ds:Reference URI=\"#{props_id}\" Type=\"{SIGNED_PROPERTIES_TYPE}\">\n<ds:Transforms>\n<ds:Transform Algorithm=\"{C14N}\"/>\n</ds:Transforms>\n<ds:DigestMethod Algorithm=\"{digest_uri}\"/>\n<ds:DigestValue>{PROPS_MARK}</ds:DigestValue>\n</ds:Reference>"),
                format!("\n<ds:Object>\n<xades:QualifyingProperties xmlns:xades=\"{XADES_NS}\" Target=\"#{sig_id}\">\n<xades:SignedProperties Id=\"{props_id}\">\n<xades:SignedSignatureProperties>\n<xades:SigningTime>{time}</xades:SigningTime>\n<xades:SigningCertificateV2>\n<xades:Cert>\n<xades:CertDigest>\n<ds:DigestMethod Algorithm=\"{digest_uri}\"/>\n<ds:DigestValue>{cert_digest}</ds:DigestValue>\n</xades:CertDigest>\n<xades:IssuerSerialV2>{issuer_serial}</xades:IssuerSerialV2>\n</xades:Cert>\n</xades:SigningCertificateV2>\n</xades:SignedSignatureProperties>\n</xades:SignedProperties>\n</xades:QualifyingProperties>\n</ds:Object>"),
            )
        }
    };
    let signed_info = format!(
        "<ds:SignedInfo>\n<ds:CanonicalizationMethod Algorithm=\"{C14N}\"/>\n<ds:SignatureMethod Algorithm=\"{signature_uri}\"/>\n<ds:Reference URI=\"{uri}\">\n<ds:Transforms>\n<ds:Transform Algorithm=\"{ENVELOPED}\"/>\n<ds:Transform Algorithm=\"{C14N_COMMENTS}\"/>\n</ds:Transforms>\n<ds:DigestMethod Algorithm=\"{digest_uri}\"/>\n<ds:DigestValue>{}</ds:DigestValue>\n</ds:Reference>{props_reference}\n</ds:SignedInfo>",
        b64(&digest)
    );
    let chain: String = options
        .chain
        .iter()
        .map(|c| {
            format!(
                "\n<ds:X509Certificate>\n{}\n</ds:X509Certificate>",
                base64_lines(c.der())
            )
        })
        .collect();
    // SignatureValue's text is not signed (it is outside SignedInfo): a marker stands in
    // for it while SignedInfo is canonicalised in place, then the value replaces it.
    const MARKER: &str = "SIGNATURE-VALUE";
    let mut signature_element = format!(
        "<ds:Signature xmlns:ds=\"{DSIG_NS}\"{sig_attr}>\n{signed_info}\n<ds:SignatureValue>\n{MARKER}\n</ds:SignatureValue>\n<ds:KeyInfo>\n<ds:X509Data>\n<ds:X509Certificate>\n{}\n</ds:X509Certificate>{chain}\n</ds:X509Data>\n</ds:KeyInfo>{object}\n</ds:Signature>",
        base64_lines(certificate.der())
    );
    // The document with the signature inserted (the document's own bytes never edited).
    let assemble = |signature_element: &str| {
        let mut out = Vec::with_capacity(xml.len() + signature_element.len() + 1024);
        out.extend_from_slice(&xml[..insert_at]);
        out.extend_from_slice(signature_element.as_bytes());
        out.extend_from_slice(&xml[insert_at..]);
        out
    };
    // The signature is the document element's last child element; SignedProperties and
    // SignedInfo are canonicalised in their places (the namespaces in scope there are
    // rendered on them).
    fn placed_signature(doc: &dom::Document) -> Result<&dom::Element> {
        doc.root
            .elements()
            .last()
            .filter(|e| e.name == "ds:Signature")
            .ok_or_else(|| Error::Unsupported("the signature inserted is not found again".into()))
    }
    if options.xades.is_some() {
        let placed = dom::parse(&assemble(&signature_element))?;
        let sig = placed_signature(&placed)?;
        let object = sig
            .elements()
            .find(|e| e.name == "ds:Object")
            .ok_or_else(|| Error::Unsupported("ds:Object not found again".into()))?;
        let q = object
            .elements()
            .next()
            .ok_or_else(|| Error::Unsupported("QualifyingProperties not found again".into()))?;
        let props = q
            .elements()
            .next()
            .ok_or_else(|| Error::Unsupported("SignedProperties not found again".into()))?;
        let canonical = c14n::subtree(props, &[&placed.root, sig, object, q], no_comments);
        signature_element =
            signature_element.replacen(PROPS_MARK, &b64(&hash.digest(&canonical)), 1);
    }
    let out = assemble(&signature_element);
    let marker_at = insert_at
        + signature_element
            .find(MARKER)
            .ok_or_else(|| Error::Unsupported("signature template".into()))?;
    let placed = dom::parse(&out)?;
    let sig = placed_signature(&placed)?;
    let si = sig
        .elements()
        .find(|e| e.name == "ds:SignedInfo")
        .ok_or_else(|| Error::Unsupported("SignedInfo not found again".into()))?;
    let canonical = c14n::subtree(si, &[&placed.root, sig], no_comments);
    let value = signer.sign(&canonical)?;
    crate::cms::refuse_foreign_key(certificate, &algorithm, &canonical, &value)?;
    let value = base64_lines(&value);
    let mut signed = Vec::with_capacity(out.len() + value.len());
    signed.extend_from_slice(&out[..marker_at]);
    signed.extend_from_slice(value.as_bytes());
    signed.extend_from_slice(&out[marker_at + MARKER.len()..]);
    Ok(signed)
}

// ---------------------------------------------------------------------------------------
// WS-Security (SmartBridge / ШЭП)

const X509V3: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
const BASE64_BINARY: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// The offset of the start tag `<name` (followed by whitespace, `>` or `/`) of an element,
/// the first at or after `from`.
fn start_tag(xml: &[u8], name: &str, from: usize) -> Option<usize> {
    let needle = format!("<{name}");
    let mut at = from;
    while at < xml.len() {
        let found = at
            + xml
                .get(at..)?
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())?;
        let next = xml.get(found + needle.len()).copied();
        if matches!(next, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
            return Some(found);
        }
        at = found + needle.len();
    }
    None
}

/// The offset just after the `>` of the start tag at `at`, and whether it was `/>`.
fn start_tag_end(xml: &[u8], at: usize) -> Option<(usize, bool)> {
    let mut quote: Option<u8> = None;
    for (i, &b) in xml.get(at..)?.iter().enumerate() {
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                let empty = i > 0 && xml[at + i - 1] == b'/';
                return Some((at + i + 1, empty));
            }
            _ => {}
        }
    }
    None
}

/// Sign a SOAP 1.1 or 1.2 envelope as SmartBridge (ШЭП) expects: a `wsse:Security` header
/// (created, with the Header when there is none) holding the signer's certificate as a
/// `wsse:BinarySecurityToken` and a `ds:Signature` over the Body by its `wsu:Id` (added
/// when the Body has none), Exclusive C14N for the Reference and SignedInfo, the
/// certificate named by a `wsse:SecurityTokenReference`. The envelope's other bytes are
/// kept. [`super::verify`] verifies it; what it hands out is the Body.
pub fn sign_soap(
    envelope: &[u8],
    certificate: &Certificate,
    signer: &dyn Signer,
) -> Result<Vec<u8>> {
    use super::{EXC_C14N, WSSE_NS, WSU_NS};
    let algorithm = signer.signature_algorithm();
    let (signature_uri, digest_uri, hash) = methods(&algorithm)?;
    let doc = dom::parse(envelope)?;
    // The envelope and its one Body, recognised as the verifier recognises them.
    let body = match super::soap::soap_body(&doc) {
        None => return Err(Error::Unsupported("not a SOAP 1.1 or 1.2 Envelope".into())),
        Some(Err(why)) => return Err(Error::Unsupported(format!("the envelope {why}"))),
        Some(Ok(body)) => body,
    };
    // The Header and the Body are found again by text, under the document element's prefix.
    let (root_prefix, _) = dom::Element::split(&doc.root.name);
    let qualified = |local: &str| {
        if root_prefix.is_empty() {
            local.to_string()
        } else {
            format!("{root_prefix}:{local}")
        }
    };
    let (header_name, body_name) = (qualified("Header"), qualified("Body"));
    if body.name != body_name {
        return Err(Error::Unsupported(
            "the Body is not written under the Envelope's own prefix".into(),
        ));
    }
    let header = doc.root.elements().find(|e| e.name == header_name);
    // The Body's Id: its own wsu:Id (or Id), else one added.
    // (`Id`, or `Id` in the WS-Security utility namespace under whatever prefix: the
    // verifier reads only those.)
    let wsu_bound = |prefix: &str| {
        body.ns_decls
            .iter()
            .chain(doc.root.ns_decls.iter())
            .find(|(p, _)| p == prefix)
            .is_some_and(|(_, uri)| uri == WSU_NS)
    };
    let existing_id = body.attrs.iter().find_map(|(k, v)| {
        let (p, l) = dom::Element::split(k);
        (l == "Id" && (p.is_empty() || wsu_bound(p))).then(|| v.clone())
    });
    if existing_id
        .as_deref()
        .is_some_and(|id| !super::reference::is_ncname(id))
    {
        return Err(Error::Unsupported(
            "the Body's Id is not an XML name (letters, digits, '.', '-', '_'): it cannot be referenced safely"
                .into(),
        ));
    }
    let body_id = existing_id.clone().unwrap_or_else(|| "id-body".to_string());
    let token_id = "X509-qoltanba";
    let mut out: Vec<u8> = envelope.to_vec();
    // Edits from the end backwards, so that earlier offsets stay valid: first the Body's
    // Id, then the Security header.
    let root_end = start_tag_end(&out, 0).map_or(0, |(e, _)| e);
    let body_at = start_tag(&out, &body_name, root_end)
        .ok_or_else(|| Error::Unsupported("the Body's start tag is not found".into()))?;
    if existing_id.is_none() {
        let insert = body_at + 1 + body_name.len();
        let attr = format!(" xmlns:wsu=\"{WSU_NS}\" wsu:Id=\"{body_id}\"");
        out.splice(insert..insert, attr.into_bytes());
    }
    const DIGEST_MARK: &str = "qoltanba-digest-value-to-come";
    const VALUE_MARK: &str = "qoltanba-signature-value-to-come";
    let security = format!(
        "<wsse:Security xmlns:wsse=\"{WSSE_NS}\" xmlns:wsu=\"{WSU_NS}\"><wsse:BinarySecurityToken EncodingType=\"{BASE64_BINARY}\" ValueType=\"{X509V3}\" wsu:Id=\"{token_id}\">{}</wsse:BinarySecurityToken><ds:Signature xmlns:ds=\"{DSIG_NS}\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"{EXC_C14N}\"/><ds:SignatureMethod Algorithm=\"{signature_uri}\"/><ds:Reference URI=\"#{body_id}\"><ds:Transforms><ds:Transform Algorithm=\"{EXC_C14N}\"/></ds:Transforms><ds:DigestMethod Algorithm=\"{digest_uri}\"/><ds:DigestValue>{DIGEST_MARK}</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>{VALUE_MARK}</ds:SignatureValue><ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI=\"#{token_id}\" ValueType=\"{X509V3}\"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature></wsse:Security>",
        base64::engine::general_purpose::STANDARD.encode(certificate.der())
    );
    // Where the Security header starts: the marks are filled from there on, never in the
    // envelope's own text before it (a comment holding a mark: the xml_sign fuzz target).
    let security_at = match header {
        Some(_) => {
            let at = start_tag(&out, &header_name, root_end)
                .ok_or_else(|| Error::Unsupported("the Header's start tag is not found".into()))?;
            let (end, empty) = start_tag_end(&out, at)
                .ok_or_else(|| Error::Unsupported("the Header's start tag is not closed".into()))?;
            if empty {
                // <Header/>: opened, the Security header, closed.
                let replacement = format!("<{header_name}>{security}</{header_name}>");
                out.splice(at..end, replacement.into_bytes());
                at + header_name.len() + 2
            } else {
                out.splice(end..end, security.into_bytes());
                end
            }
        }
        None => {
            let at = start_tag(&out, &body_name, root_end)
                .ok_or_else(|| Error::Unsupported("the Body's start tag is not found".into()))?;
            let h = format!("<{header_name}>{security}</{header_name}>");
            out.splice(at..at, h.into_bytes());
            at + header_name.len() + 2
        }
    };
    // The Body's digest, in exclusive C14N in its place.
    let placed = dom::parse(&out)?;
    let body = placed
        .root
        .elements()
        .find(|e| e.name == body_name)
        .ok_or_else(|| Error::Unsupported("the Body is not found again".into()))?;
    // The Id the Reference names must be the Body's own (the start tag was found by text).
    if !body.attrs.iter().any(|(k, v)| {
        let (_, local) = dom::Element::split(k);
        local == "Id" && *v == body_id
    }) {
        return Err(Error::Unsupported(
            "the Body's start tag could not be given its Id".into(),
        ));
    }
    let digest = hash.digest(&c14n::exclusive_subtree(
        body,
        &[&placed.root],
        C14n {
            with_comments: false,
            exclude: &[],
        },
        &[],
    ));
    let out = replace_once(
        &out,
        security_at,
        DIGEST_MARK,
        &base64::engine::general_purpose::STANDARD.encode(&digest),
    )?;
    // SignedInfo, in exclusive C14N in its place.
    let placed = dom::parse(&out)?;
    let header = placed
        .root
        .elements()
        .find(|e| e.name == header_name)
        .ok_or_else(|| Error::Unsupported("the Header is not found again".into()))?;
    let security = header
        .elements()
        .find(|e| e.name == "wsse:Security" && e.ns_decls.iter().any(|(_, u)| u == WSSE_NS))
        .ok_or_else(|| Error::Unsupported("the Security header is not found again".into()))?;
    let sig = security
        .elements()
        .find(|e| e.name == "ds:Signature")
        .ok_or_else(|| Error::Unsupported("the signature is not found again".into()))?;
    let si = sig
        .elements()
        .find(|e| e.name == "ds:SignedInfo")
        .ok_or_else(|| Error::Unsupported("SignedInfo is not found again".into()))?;
    let canonical = c14n::exclusive_subtree(
        si,
        &[&placed.root, header, security, sig],
        C14n {
            with_comments: false,
            exclude: &[],
        },
        &[],
    );
    let value = signer.sign(&canonical)?;
    crate::cms::refuse_foreign_key(certificate, &algorithm, &canonical, &value)?;
    let value = base64::engine::general_purpose::STANDARD.encode(value);
    replace_once(&out, security_at, VALUE_MARK, &value)
}

/// `xml` with the first occurrence of `mark` (a marker this module wrote) at or after
/// `from` (where the template it wrote starts) replaced.
fn replace_once(xml: &[u8], from: usize, mark: &str, with: &str) -> Result<Vec<u8>> {
    let at = xml
        .get(from..)
        .and_then(|rest| rest.windows(mark.len()).position(|w| w == mark.as_bytes()))
        .map(|i| from + i)
        .ok_or_else(|| Error::Unsupported("signature template".into()))?;
    let mut out = Vec::with_capacity(xml.len() + with.len());
    out.extend_from_slice(&xml[..at]);
    out.extend_from_slice(with.as_bytes());
    out.extend_from_slice(&xml[at + mark.len()..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::fresh_id;

    #[test]
    fn fresh_ids_are_new_in_one_pass() {
        let id = |xml: &[u8]| fresh_id(&super::dom::parse(xml).unwrap(), "s");
        assert_eq!(id(b"<a/>"), "s-1");
        assert_eq!(id(b"<a Id=\"s-1\"><b Id=\"s-7\"/>s-30</a>"), "s-8");
        // Written with a character reference: read as the parser reads it.
        assert_eq!(id(b"<a Id=\"s&#45;4\"/>"), "s-5");
        // A number too long to be one of ours still gives a name not in the document.
        assert_eq!(
            id(b"<a Id=\"s-99999999999999999999999\"/>"),
            "s-10000000000000000000"
        );
    }
}
