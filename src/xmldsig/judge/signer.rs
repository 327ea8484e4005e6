//! Step 2 of judging a Signature: the certificates its `ds:KeyInfo` (or a WS-Security
//! token) offers, and the one whose key verifies the canonical SignedInfo.

use crate::certificate::Certificate;
use crate::condition::Verifier;
use crate::signature::{self, SignatureAlgorithm, SignatureCheck};
use crate::verdict::{CheckName, Outcome, ReasonKind};
use crate::work::WorkMeter;
use crate::xmldsig::dom::{Element, Scope};
use crate::xmldsig::reference::IdIndex;
use crate::xmldsig::{base64, children, failed, unsupported, Stop, MAX_KEYINFO_CERTS, WSSE_NS};

/// Step 2, the candidates: the certificates of the signature's `ds:KeyInfo` (`X509Data`),
/// and the WS-Security BinarySecurityTokens its SecurityTokenReferences name (SmartBridge).
pub(super) fn key_info_certificates<'d>(
    sig: &'d Element,
    scope: &mut Scope<'d>,
    ids: &IdIndex<'d>,
) -> std::result::Result<Vec<Certificate>, Stop> {
    let mut cert_elements = Vec::new();
    let mut token_refs: Vec<&str> = Vec::new();
    for key_info in children(sig, scope, "KeyInfo") {
        scope.within(key_info, |s| {
            for data in children(key_info, s, "X509Data") {
                let found = s.within(data, |s| children(data, s, "X509Certificate"));
                cert_elements.extend(found);
            }
            // WS-Security (SmartBridge): the certificate is a BinarySecurityToken of the
            // Security header, named by a SecurityTokenReference.
            let strs: Vec<&Element> = key_info
                .elements()
                .filter(|e| e.expanded_in(s) == (WSSE_NS, "SecurityTokenReference"))
                .take(MAX_KEYINFO_CERTS)
                .collect();
            for str_el in strs {
                s.within(str_el, |s| {
                    for r in str_el
                        .elements()
                        .filter(|e| e.expanded_in(s) == (WSSE_NS, "Reference"))
                    {
                        if let Some(id) = r.attr("URI").and_then(|u| u.strip_prefix('#')) {
                            token_refs.push(id);
                        }
                    }
                });
            }
        });
    }
    for id in token_refs {
        match ids.found.get(id) {
            Some((1, el, _)) => cert_elements.push(el),
            Some((n, _, _)) => {
                return Err(failed(
                    CheckName::SignerCertificate,
                    ReasonKind::Malformed,
                    format!(
                        "the security token #{id} is named by {n} elements (an Id must be unique)"
                    ),
                ))
            }
            None => {
                return Err(failed(
                    CheckName::SignerCertificate,
                    ReasonKind::Missing,
                    format!("the SecurityTokenReference names #{id}, which no element carries"),
                ))
            }
        }
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
                ReasonKind::Malformed,
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
    Ok(certs)
}

/// Step 2, the signer: the index of the first of `certs` whose key verifies `value` over
/// the `canonical` SignedInfo. Each trial is a public-key operation the document chose
/// (up to 16 candidates for each of 64 signatures), so each is charged to the document's
/// `meter` (a candidate whose key was tried already for this signature is skipped: the
/// answer would be the same); what it refuses stops the signature as unknown, the limit
/// named, never as failed or valid.
pub(super) fn signed_info_signer(
    certs: &[Certificate],
    verifier: &Verifier,
    meter: &WorkMeter,
    (algorithm, sha1): (&SignatureAlgorithm, bool),
    canonical: &[u8],
    value: &[u8],
) -> std::result::Result<usize, Stop> {
    let mut unsupported_reason = None;
    let mut tried: Vec<[u8; 32]> = Vec::with_capacity(certs.len());
    for (i, cert) in certs.iter().enumerate() {
        let key_id = cert.key_id();
        if tried.contains(&key_id) {
            continue;
        }
        // The first trial hashes SignedInfo as part of reading the signature; each
        // further one hashes it again.
        let charged = if tried.is_empty() {
            meter.signature()
        } else {
            meter.signature_rehashing(canonical.len())
        };
        if !charged {
            return Err(Stop(
                CheckName::Signature,
                Outcome::Unknown,
                ReasonKind::Exhausted,
                meter
                    .exhausted()
                    .unwrap_or_else(|| "work budget exhausted".into()),
                meter.exhausted_kind(),
            ));
        }
        tried.push(key_id);
        // The verifier's prepared copy of a key it has seen (a GOST key's comb table).
        let key = verifier.keys().share(cert.public_key(), key_id);
        let check = if sha1 {
            signature::verify_rsa_sha1_legacy(&key, canonical, value)
        } else {
            signature::verify(&key, algorithm, canonical, value)
        };
        match check {
            SignatureCheck::Valid => return Ok(i),
            SignatureCheck::Invalid => {}
            SignatureCheck::Unsupported(why) => unsupported_reason = Some(why),
        }
    }
    Err(match unsupported_reason {
        Some(why) => unsupported(
            CheckName::Signature,
            format!("the signature cannot be verified: {why}"),
        ),
        None => failed(
            CheckName::Signature,
            ReasonKind::Invalid,
            "the signature does not verify with any certificate of KeyInfo",
        ),
    })
}
