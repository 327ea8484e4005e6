//! XML signatures (W3C XMLDSig) as NCALayer and NCANode make them: one enveloped
//! `ds:Signature` over the whole document, the signer's certificate in `ds:KeyInfo`.
//!
//! [`verify`] proves, in order: the document is well-formed XML without a DTD; it holds
//! exactly one `ds:Signature`; every `ds:Reference` is to the whole document (`URI=""`)
//! with the enveloped-signature transform and Canonical XML 1.0, and its digest
//! matches; the canonical `ds:SignedInfo` verifies with a certificate of `ds:KeyInfo`; and
//! that certificate passes the certificate condition ([`crate::Verifier`]) at the time
//! judged. The verdict's checks are `reference`, `signer_certificate` and `signature`,
//! then the condition's.
//!
//! What this version does not read is *indeterminate*, never valid: references to a part
//! of the document (`URI="#id"`) or outside it, other transforms (XPath, XSLT, exclusive
//! canonicalisation), SHA-1, and signature methods other than RSA PKCS#1 v1.5 with
//! SHA-256/384/512 (the NCA's GOST XMLDSig URIs included: no sample to prove them with).
//! A document with a DTD is not read at all.
//!
//! A valid verdict hands out what the signature covers ([`XmlVerdict::verified_octets`]):
//! the canonical form of the document less the signature, the octets the digest was
//! checked over. Never the input as received, which also carries what nothing signed
//! (comments, `ds:Object` and `ds:KeyInfo` inside the signature).

mod c14n;
mod dom;

use std::sync::Arc;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use dom::limits;

use crate::certificate::Certificate;
use crate::condition::{Expectation, Verifier};
use crate::error::Result;
use crate::signature::{self, HashAlgorithm, SignatureAlgorithm, SignatureCheck};
use crate::verdict::Judged as _;
use crate::verdict::{overall, Check, CheckName, Outcome, Overall, Refusal, Verdict};
use c14n::C14n;
use dom::{Document, Element, Scope};

/// The XMLDSig namespace.
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const C14N_COMMENTS: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// Most References in one SignedInfo.
const MAX_REFERENCES: usize = 64;
/// Most certificates in one KeyInfo.
const MAX_KEYINFO_CERTS: usize = 16;

/// The verdict on a signed XML document.
#[derive(Clone, Debug, Serialize)]
pub struct XmlVerdict {
    /// Overall: valid only when every check passed.
    pub(crate) verdict: Overall,
    /// `reference`, `signer_certificate`, `signature`, then the certificate condition's.
    pub(crate) checks: Vec<Check>,
    /// The refusal text when the verdict is not valid.
    pub(crate) refusal: Option<Refusal>,
    /// The certificate condition's verdict on the signer, when a signer was found.
    pub(crate) certificate: Option<Verdict>,
    /// The SignatureMethod and DigestMethod URIs.
    pub(crate) signature_method: String,
    /// The time judged.
    pub(crate) at: DateTime<Utc>,
    /// What the signature covers (see [`XmlVerdict::verified_octets`]).
    #[serde(skip)]
    octets: Option<Arc<[u8]>>,
}

impl XmlVerdict {
    /// The certificate condition's verdict on the signer, when a signer was found.
    pub fn certificate(&self) -> Option<&Verdict> {
        self.certificate.as_ref()
    }

    /// The SignatureMethod and DigestMethod URIs.
    pub fn signature_method(&self) -> &str {
        &self.signature_method
    }

    /// The time judged.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }
}

impl crate::verdict::sealed_impl::Sealed for XmlVerdict {}

impl crate::verdict::Judged for XmlVerdict {
    fn overall(&self) -> crate::verdict::Overall {
        self.verdict
    }
    fn checks(&self) -> &[crate::verdict::Check] {
        &self.checks
    }
    fn refusal(&self) -> Option<&crate::verdict::Refusal> {
        self.refusal.as_ref()
    }
}

impl XmlVerdict {
    /// What the signature covers, only when the verdict is valid: exactly the octets whose
    /// digest every `ds:Reference` checked. For the `URI=""` reference with the
    /// enveloped-signature transform (the only one read), that is the document less the
    /// `ds:Signature`, in Canonical XML 1.0 (UTF-8, no XML declaration, no DTD), without
    /// comments: a `URI=""` node-set holds none, whichever canonicalisation the Reference
    /// names (XMLDSig §4.3.3.3).
    ///
    /// Not the input: the input also carries what no digest covers, and a consumer must
    /// not take it for signed. The Signature with its `ds:KeyInfo` and any `ds:Object`
    /// (no Reference covers them), comments, the XML declaration, and the form of tags,
    /// attributes and references (which canonicalisation erases) are not handed out.
    pub fn verified_octets(&self) -> Option<&[u8]> {
        self.octets.as_deref().filter(|_| self.is_valid())
    }
}

/// What could not be proven, as a check and the reason.
struct Stop(CheckName, Outcome, String);

fn unsupported(check: CheckName, why: impl Into<String>) -> Stop {
    Stop(check, Outcome::Unknown, why.into())
}

fn failed(check: CheckName, why: impl Into<String>) -> Stop {
    Stop(check, Outcome::Failed, why.into())
}

/// The one `ds:Signature` and where it is.
struct Found<'a> {
    signature: &'a Element,
    /// Its ancestors, the document element first (at most `limits::MAX_DEPTH`): their
    /// namespaces and `xml:` attributes are SignedInfo's context.
    ancestors: Vec<&'a Element>,
}

/// The `ds:Signature` elements (depth-first, not looking inside one): how many, and the
/// first with its ancestors. `path` holds the ancestors of `el`, `scope` is its parent's;
/// both are as they were on return. Nothing is copied per element; the path of the first
/// Signature only, once.
fn find_signatures<'a>(
    el: &'a Element,
    scope: &mut Scope<'a>,
    path: &mut Vec<&'a Element>,
    first: &mut Option<Found<'a>>,
    count: &mut usize,
) {
    let mark = scope.enter(el);
    if el.expanded(scope) == (DSIG_NS, "Signature") {
        *count += 1;
        if first.is_none() {
            *first = Some(Found {
                signature: el,
                ancestors: path.clone(),
            });
        }
    } else {
        path.push(el);
        for child in el.elements() {
            find_signatures(child, scope, path, first, count);
        }
        path.pop();
    }
    scope.leave(mark);
}

/// The DSIG children of `el` named `local`; `scope` is `el`'s own.
fn children<'a>(el: &'a Element, scope: &Scope<'a>, local: &str) -> Vec<&'a Element> {
    el.elements()
        .filter(|c| c.expanded_in(scope) == (DSIG_NS, local))
        .collect()
}

fn one<'a>(
    el: &'a Element,
    scope: &Scope<'a>,
    local: &str,
) -> std::result::Result<&'a Element, Stop> {
    match children(el, scope, local).as_slice() {
        [one] => Ok(one),
        [] => Err(failed(
            CheckName::Signature,
            format!("ds:{local} is missing"),
        )),
        _ => Err(failed(
            CheckName::Signature,
            format!("ds:{local} appears more than once"),
        )),
    }
}

fn algorithm<'a>(el: &'a Element, what: &str) -> std::result::Result<&'a str, Stop> {
    el.attr("Algorithm")
        .ok_or_else(|| failed(CheckName::Signature, format!("{what} has no Algorithm")))
}

fn base64(text: &str, what: &str) -> std::result::Result<Vec<u8>, Stop> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| failed(CheckName::Signature, format!("{what} is not base64: {e}")))
}

fn digest_method(uri: &str) -> std::result::Result<HashAlgorithm, Stop> {
    Ok(match uri {
        "http://www.w3.org/2001/04/xmlenc#sha256" => HashAlgorithm::Sha256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => HashAlgorithm::Sha384,
        "http://www.w3.org/2001/04/xmlenc#sha512" => HashAlgorithm::Sha512,
        "http://www.w3.org/2000/09/xmldsig#sha1" => {
            return Err(unsupported(
                CheckName::Reference,
                "DigestMethod SHA-1 is not accepted",
            ))
        }
        other => {
            return Err(unsupported(
                CheckName::Reference,
                format!("DigestMethod {other} is not supported"),
            ))
        }
    })
}

fn signature_method(uri: &str) -> std::result::Result<SignatureAlgorithm, Stop> {
    Ok(match uri {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => {
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)
        }
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => {
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha384)
        }
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => {
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha512)
        }
        other => {
            return Err(unsupported(
                CheckName::Signature,
                format!("SignatureMethod {other} is not supported by this version"),
            ))
        }
    })
}

/// Verify the one enveloped signature of `xml` and its signer's certificate at
/// `expect.at`. Input that is not well-formed XML (or has a DTD, or is too large) is an
/// error; everything else is a verdict. A valid verdict hands out what the signature
/// covers, not `xml` ([`XmlVerdict::verified_octets`]).
pub fn verify(xml: &[u8], verifier: &Verifier, expect: &Expectation) -> Result<XmlVerdict> {
    let doc = dom::parse(xml)?;
    let mut first = None;
    let mut count = 0usize;
    find_signatures(
        &doc.root,
        &mut Scope::default(),
        &mut Vec::new(),
        &mut first,
        &mut count,
    );
    let mut verdict = XmlVerdict {
        verdict: Overall::Indeterminate,
        checks: Vec::new(),
        refusal: None,
        certificate: None,
        signature_method: String::new(),
        at: expect.at,
        octets: None,
    };
    let result = match (first, count) {
        (None, _) => Err(failed(
            CheckName::Signature,
            "the document has no ds:Signature",
        )),
        (Some(one), 1) if std::ptr::eq(one.signature, &doc.root) => Err(unsupported(
            CheckName::Reference,
            "the signature is the document element (an enveloping signature): only enveloped signatures are read",
        )),
        (Some(one), 1) => judge(&doc, &one, verifier, expect, &mut verdict),
        (Some(_), many) => Err(unsupported(
            CheckName::Signature,
            format!("{many} ds:Signature elements: one enveloped signature is read"),
        )),
    };
    let octets = match result {
        Ok(octets) => Some(octets),
        Err(Stop(check, outcome, reason)) => {
            verdict.checks.push(Check::new(check, outcome, reason));
            None
        }
    };
    verdict.verdict = overall(&verdict.checks);
    if verdict.checks.is_empty() {
        verdict.verdict = Overall::Indeterminate;
    }
    verdict.refusal = Refusal::from_checks(&verdict.checks);
    if verdict.verdict == Overall::Valid {
        verdict.octets = octets.map(Arc::from);
    }
    Ok(verdict)
}

/// What one Reference asks for: the digest method and the expected value. `scope` is the
/// Reference's own. Only `URI=""` with the enveloped-signature transform (then, optionally,
/// Canonical XML 1.0) is read.
fn read_reference<'d>(
    reference: &'d Element,
    scope: &mut Scope<'d>,
    i: usize,
) -> std::result::Result<(HashAlgorithm, Vec<u8>), Stop> {
    match reference.attr("URI") {
        Some("") => {}
        Some(other) => {
            return Err(unsupported(
                CheckName::Reference,
                format!(
                    "Reference #{} to {other:?}: only URI=\"\" (the whole document) is read",
                    i + 1
                ),
            ))
        }
        None => {
            return Err(unsupported(
                CheckName::Reference,
                format!("Reference #{} has no URI (the application's choice)", i + 1),
            ))
        }
    }
    let mut enveloped = false;
    if let [transforms] = children(reference, scope, "Transforms").as_slice() {
        let list = scope.within(transforms, |s| children(transforms, s, "Transform"));
        for (k, t) in list.iter().enumerate() {
            match algorithm(t, "Transform")? {
                ENVELOPED if k == 0 => enveloped = true,
                // Applied to the URI="" node-set, which holds no comments either way
                // (XMLDSig §4.3.3.3): both give the same octets.
                C14N | C14N_COMMENTS if k + 1 == list.len() => {}
                other => {
                    return Err(unsupported(
                        CheckName::Reference,
                        format!("Transform {other} (at position {}) is not supported", k + 1),
                    ))
                }
            }
        }
    }
    if !enveloped {
        return Err(unsupported(
            CheckName::Reference,
            "a Reference to the whole document without the enveloped-signature transform",
        ));
    }
    let hash = digest_method(algorithm(
        one(reference, scope, "DigestMethod")?,
        "DigestMethod",
    )?)?;
    let expected = base64(&one(reference, scope, "DigestValue")?.text(), "DigestValue")?;
    Ok((hash, expected))
}

/// The checks of the one enveloped Signature; on success, the octets every Reference's
/// digest was checked over (the canonical document less the Signature).
fn judge<'d>(
    doc: &'d Document,
    found: &Found<'d>,
    verifier: &Verifier,
    expect: &Expectation,
    verdict: &mut XmlVerdict,
) -> std::result::Result<Vec<u8>, Stop> {
    let sig = found.signature;
    // The Signature's scope, kept for the rest (SignedInfo's is entered and left).
    let mut scope = Scope::inside(&found.ancestors);
    let _ = scope.enter(sig);
    let signed_info = one(sig, &scope, "SignedInfo")?;
    let si_mark = scope.enter(signed_info);
    let c14n_uri = algorithm(
        one(signed_info, &scope, "CanonicalizationMethod")?,
        "CanonicalizationMethod",
    )?;
    let si_comments = match c14n_uri {
        C14N => false,
        C14N_COMMENTS => true,
        other => {
            return Err(unsupported(
                CheckName::Signature,
                format!("CanonicalizationMethod {other} is not supported by this version"),
            ))
        }
    };
    let sig_uri = algorithm(
        one(signed_info, &scope, "SignatureMethod")?,
        "SignatureMethod",
    )?;
    verdict.signature_method = sig_uri.to_string();

    // References.
    let references = children(signed_info, &scope, "Reference");
    if references.is_empty() {
        return Err(failed(CheckName::Reference, "SignedInfo has no Reference"));
    }
    if references.len() > MAX_REFERENCES {
        return Err(unsupported(
            CheckName::Reference,
            format!("more than {MAX_REFERENCES} References"),
        ));
    }
    let mut whole: Option<Vec<u8>> = None;
    for (i, reference) in references.iter().enumerate() {
        let (hash, expected) = scope.within(reference, |s| read_reference(reference, s, i))?;
        // URI="": the document's node-set without comments, less the Signature (made once,
        // whatever the number of References).
        let bytes = whole.get_or_insert_with(|| {
            c14n::document(
                doc,
                C14n {
                    with_comments: false,
                    exclude: Some(sig),
                },
            )
        });
        let actual = hash.digest(bytes);
        if actual != expected {
            return Err(failed(
                CheckName::Reference,
                format!(
                    "Reference #{}: the document's digest does not match DigestValue",
                    i + 1
                ),
            ));
        }
    }
    let Some(octets) = whole else {
        return Err(failed(CheckName::Reference, "SignedInfo has no Reference"));
    };
    scope.leave(si_mark);
    verdict.checks.push(Check::new(
        CheckName::Reference,
        Outcome::Passed,
        format!(
            "{} reference(s) to the whole document match",
            references.len()
        ),
    ));

    // The signature value, the signer.
    let algorithm = signature_method(sig_uri)?;
    let value = base64(
        &one(sig, &scope, "SignatureValue")?.text(),
        "SignatureValue",
    )?;
    let mut cert_elements = Vec::new();
    for key_info in children(sig, &scope, "KeyInfo") {
        scope.within(key_info, |s| {
            for data in children(key_info, s, "X509Data") {
                let found = s.within(data, |s| children(data, s, "X509Certificate"));
                cert_elements.extend(found);
            }
        });
    }
    if cert_elements.len() > MAX_KEYINFO_CERTS {
        return Err(unsupported(
            CheckName::SignerCertificate,
            format!("more than {MAX_KEYINFO_CERTS} certificates in KeyInfo"),
        ));
    }
    let mut certs = Vec::new();
    for c in cert_elements {
        let der = base64(&c.text(), "X509Certificate")?;
        let cert = Certificate::from_der(&der).map_err(|e| {
            failed(
                CheckName::SignerCertificate,
                format!("an X509Certificate is unreadable: {e}"),
            )
        })?;
        certs.push(cert);
    }
    if certs.is_empty() {
        return Err(unsupported(
            CheckName::SignerCertificate,
            "KeyInfo carries no X509Certificate: the signer is unknown",
        ));
    }
    // SignedInfo's ancestors: the Signature's and the Signature.
    let mut si_ancestors = found.ancestors.clone();
    si_ancestors.push(sig);
    let canonical = c14n::subtree(
        signed_info,
        &si_ancestors,
        C14n {
            with_comments: si_comments,
            exclude: None,
        },
    );
    let mut signer = None;
    let mut unsupported_reason = None;
    for (i, cert) in certs.iter().enumerate() {
        match signature::verify(cert.public_key(), &algorithm, &canonical, &value) {
            SignatureCheck::Valid => {
                signer = Some(i);
                break;
            }
            SignatureCheck::Invalid => {}
            SignatureCheck::Unsupported(why) => unsupported_reason = Some(why),
        }
    }
    let Some(i) = signer else {
        return Err(match unsupported_reason {
            Some(why) => unsupported(
                CheckName::Signature,
                format!("the signature cannot be verified: {why}"),
            ),
            None => failed(
                CheckName::Signature,
                "the signature does not verify with any certificate of KeyInfo",
            ),
        });
    };
    let cert = &certs[i];
    verdict.checks.push(Check::new(
        CheckName::SignerCertificate,
        Outcome::Passed,
        format!("{} (serial {})", cert.subject(), cert.serial_hex()),
    ));
    verdict.checks.push(Check::new(
        CheckName::Signature,
        Outcome::Passed,
        format!("SignedInfo verifies ({sig_uri})"),
    ));
    let others: Vec<Certificate> = certs
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != i)
        .map(|(_, c)| c.clone())
        .collect();
    let condition = verifier.check_certificate_with(cert, expect, &others);
    verdict.checks.extend(condition.checks.iter().cloned());
    verdict.certificate = Some(condition);
    Ok(octets)
}

/// Is this input XML text (after a byte-order mark and whitespace, a `<`)?
pub fn is_xml(input: &[u8]) -> bool {
    input
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input)
        .trim_ascii_start()
        .starts_with(b"<")
}
