//! The checks of one enveloped `ds:Signature`, in the order a verifier must make them:
//!
//! 1. its References ([`references`]: each to the whole document as it stood when the
//!    signature was made, or to one element by Id), what they cover, and whether that is
//!    content (a SOAP message's Body; not only the signature's own parts);
//! 2. the signer ([`key_info_certificates`], [`signed_info_signer`]): the certificate of
//!    `ds:KeyInfo` (or a WS-Security token) whose key verifies the canonical SignedInfo;
//! 3. its time and the certificate condition ([`condition`]): XAdES signed properties and
//!    signature time-stamps, then the signer's certificate at the time the policy picks.
//!
//! A step that cannot prove what it must stops the signature's checks with a [`Stop`].

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::Arc;

use super::algorithms::{signature_method, SHA1_WEAK};
use super::c14n::C14n;
use super::dom::{Document, Element, Scope};
use super::reference::{read_reference, Canon, IdIndex, RefSpec, SignedPart, Target};
use super::verdict::XmlSignerVerdict;
use super::xades::{self, Properties};
use super::{
    algorithm, base64, children, failed, one, unsupported, Found, Stop, MAX_KEYINFO_CERTS,
    MAX_REFERENCES, WSSE_NS,
};
use crate::certificate::Certificate;
use crate::cms::{TimeBasis, TimePolicy};
use crate::condition::{Expectation, Verifier};
use crate::signature::{self, HashAlgorithm, SignatureAlgorithm, SignatureCheck};
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};
use crate::work::WorkMeter;

/// Where a Signature stands among the document's: its `index`, itself and the Signatures
/// after it in document order (`from_here`, itself first), and the canonical document less
/// every Signature (`bare`).
#[derive(Clone, Copy)]
pub(super) struct Place<'d, 'b> {
    pub index: usize,
    pub from_here: &'b [&'d Element],
    pub all: &'b [&'d Element],
    pub bare: &'b [u8],
    /// The digests of `bare` made so far, by hash.
    pub bare_digests: &'b std::cell::RefCell<Vec<(HashAlgorithm, Vec<u8>)>>,
    pub ids: &'b IdIndex<'d>,
    pub legacy_sha1: bool,
    pub time: TimePolicy,
    /// Bytes the document's References may still canonicalise and digest.
    pub budget: &'b Cell<usize>,
    /// The document's work meter, shared by its signatures: KeyInfo candidates tried
    /// and every signer's certificate condition.
    pub meter: &'b WorkMeter,
    /// Time-stamp tokens the signatures before this one had judged.
    pub tokens_judged: &'b Cell<usize>,
    /// The certificate digests (ESS bindings) the signatures' time-stamp tokens share:
    /// each token is offered the document's certificates.
    pub cert_digests: &'b crate::cms::CertDigests,
    /// In a SOAP envelope, its one Body (or why there is not one): what a signature by Id
    /// must cover there.
    pub soap_body: Option<std::result::Result<&'d Element, &'static str>>,
}

/// The bytes the document's References may still canonicalise and digest. Every digest is
/// charged first: a document chooses how many signatures, References and candidate
/// node-sets it makes the verifier canonicalise and hash. Once refused, the budget is spent
/// for the rest of the document: nothing more is canonicalised, even to be refused.
struct Budget<'b> {
    left: &'b Cell<usize>,
    limit: usize,
}

impl Budget<'_> {
    fn spent(&self) -> Stop {
        Stop::exhausted(format!(
            "work budget exhausted: the document's References would digest more than {} bytes",
            self.limit
        ))
    }

    fn charge(&self, len: usize) -> std::result::Result<(), Stop> {
        match self.left.get().checked_sub(len) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.left.set(0);
                Err(self.spent())
            }
        }
    }

    fn can_spend(&self) -> std::result::Result<(), Stop> {
        if self.left.get() == 0 {
            Err(self.spent())
        } else {
            Ok(())
        }
    }
}

/// What of a signature may count as signed content: only the payload of its own
/// ds:Objects (enveloping-style), never its SignedInfo, KeyInfo, SignatureValue or XAdES
/// properties, nor an empty Object.
struct OwnParts<'d> {
    sig: &'d Element,
    /// As a set: each Id Reference asks of every element of its chain of ancestors whether
    /// it is one of them (a list of them was scanned for each: References x depth x
    /// Objects).
    objects: HashSet<*const Element>,
    qualifying: Option<&'d Element>,
}

impl OwnParts<'_> {
    fn is_content(&self, el: &Element, ancestors: &[&Element]) -> bool {
        let chain: Vec<&Element> = std::iter::once(el)
            .chain(ancestors.iter().copied())
            .collect();
        if !chain.iter().any(|e| std::ptr::eq(*e, self.sig)) {
            return true;
        }
        let in_object = chain
            .iter()
            .any(|e| self.objects.contains(&(*e as *const Element)));
        let in_properties = self
            .qualifying
            .is_some_and(|q| chain.iter().any(|e| std::ptr::eq(q, *e)));
        let has_content = el.elements().next().is_some() || !el.text().trim().is_empty();
        in_object && !in_properties && has_content
    }
}

/// What a signature's References covered.
#[derive(Default)]
struct Covered<'d> {
    /// How many References there are.
    count: usize,
    /// How many are to the whole document.
    whole: usize,
    /// Whether the whole-document References matched the document less every signature
    /// (made beside the others) rather than as it stood when this one was made.
    alone: Option<bool>,
    /// The Id References, described.
    ids: Vec<String>,
    /// The elements the Id References covered, with each Reference's Type.
    elements: Vec<(&'d Element, Option<&'d str>)>,
    /// A Reference digested with SHA-1 (under the legacy switch).
    weak: bool,
    /// `verdict.parts` with each whole-document Reference's octets exactly as digested.
    digested: Vec<SignedPart>,
}

fn passed_kind(weak: bool) -> ReasonKind {
    if weak {
        ReasonKind::Weak
    } else {
        ReasonKind::Holds
    }
}

/// The checks of one enveloped Signature, at `place`, into `verdict`.
pub(super) fn judge<'d>(
    doc: &'d Document,
    found: &Found<'d>,
    place: Place<'d, '_>,
    verifier: &Verifier,
    expect: &Expectation,
    verdict: &mut XmlSignerVerdict,
) -> std::result::Result<(), Stop> {
    let sig = found.signature;
    // XAdES qualifying properties, when the signature carries them (xades.rs).
    let properties = xades::read(found)?;
    // The Signature's scope, kept for the rest (SignedInfo's is entered and left).
    let mut scope = Scope::inside(&found.ancestors);
    let _ = scope.enter(sig);
    let signed_info = one(sig, &scope, "SignedInfo")?;
    let own = OwnParts {
        sig,
        objects: children(sig, &scope, "Object")
            .into_iter()
            .map(|o| o as *const Element)
            .collect(),
        qualifying: properties.as_ref().map(|p| p.qualifying),
    };
    let si_mark = scope.enter(signed_info);
    let c14n_el = one(signed_info, &scope, "CanonicalizationMethod")?;
    let c14n_uri = algorithm(c14n_el, "CanonicalizationMethod")?;
    let Some((si_canon, si_comments)) = scope.within(c14n_el, |s| Canon::of(c14n_uri, c14n_el, s))
    else {
        return Err(unsupported(
            CheckName::Signature,
            format!("CanonicalizationMethod {c14n_uri} is not supported by this version"),
        ));
    };
    let sig_uri = algorithm(
        one(signed_info, &scope, "SignatureMethod")?,
        "SignatureMethod",
    )?;
    verdict.signature_method = sig_uri.to_string();
    let covered = references(
        doc,
        &place,
        signed_info,
        &mut scope,
        &own,
        verifier,
        verdict,
    )?;
    scope.leave(si_mark);
    covered_content(&place, &covered, properties.as_ref(), verdict)?;

    // The signature value, the signer.
    let algorithm = signature_method(sig_uri)?;
    let sha1 = algorithm == SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha1);
    if sha1 && !place.legacy_sha1 {
        return Err(unsupported(
            CheckName::Signature,
            format!(
                "SignatureMethod {sig_uri} (SHA-1) is accepted only under the legacy SHA-1 switch"
            ),
        ));
    }
    let value = base64(
        &one(sig, &scope, "SignatureValue")?.text(),
        "SignatureValue",
    )?;
    let certs = key_info_certificates(sig, &mut scope, place.ids)?;
    // SignedInfo's ancestors: the Signature's and the Signature.
    let mut si_ancestors = found.ancestors.clone();
    si_ancestors.push(sig);
    let canonical = si_canon.subtree(
        signed_info,
        &si_ancestors,
        C14n {
            with_comments: si_comments,
            exclude: &[],
        },
    );
    let i = signed_info_signer(
        &certs,
        verifier,
        place.meter,
        (&algorithm, sha1),
        &canonical,
        &value,
    )?;
    let cert = &certs[i];
    verdict.checks.push(Check::passed(
        CheckName::SignerCertificate,
        format!("{} (serial {})", cert.subject(), cert.serial_hex()),
    ));
    verdict.checks.push(Check::new(
        CheckName::Signature,
        Outcome::Passed,
        passed_kind(sha1),
        if sha1 {
            format!("SignedInfo verifies ({sig_uri}; {SHA1_WEAK})")
        } else {
            format!("SignedInfo verifies ({sig_uri})")
        },
    ));
    condition(
        found,
        &place,
        properties.as_ref(),
        (&certs, i),
        verifier,
        expect,
        verdict,
    );
    Ok(())
}

/// Step 1: every Reference of `signed_info` (whose scope is `scope`) matches, and what each
/// covers is recorded in `verdict.parts` (content only: not the signature's own parts).
fn references<'d>(
    doc: &'d Document,
    place: &Place<'d, '_>,
    signed_info: &'d Element,
    scope: &mut Scope<'d>,
    own: &OwnParts<'d>,
    verifier: &Verifier,
    verdict: &mut XmlSignerVerdict,
) -> std::result::Result<Covered<'d>, Stop> {
    let budget = Budget {
        left: place.budget,
        limit: verifier.options().limits.document_rehashed_bytes,
    };
    let references = children(signed_info, scope, "Reference");
    if references.is_empty() {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::Missing,
            "SignedInfo has no Reference",
        ));
    }
    if references.len() > MAX_REFERENCES {
        return Err(unsupported(
            CheckName::Reference,
            format!("more than {MAX_REFERENCES} References"),
        ));
    }
    let mut covered = Covered {
        count: references.len(),
        ..Covered::default()
    };
    for (i, reference) in references.iter().enumerate() {
        let spec = scope.within(reference, |s| {
            read_reference(reference, s, i, place.legacy_sha1)
        })?;
        covered.weak |= spec.hash == HashAlgorithm::Sha1;
        match &spec.target {
            Target::Whole => {
                whole_reference(doc, place, &budget, &spec, i, &mut covered, verdict)?;
            }
            Target::Id(id) => {
                let (el, ancestors) = id_target(place, own.sig, id, i)?;
                let exclude: &[&Element] = if spec.enveloped { place.from_here } else { &[] };
                budget.can_spend()?;
                let octets = spec.canon.subtree(
                    el,
                    ancestors,
                    C14n {
                        with_comments: false,
                        exclude,
                    },
                );
                budget.charge(octets.len())?;
                if spec.hash.digest(&octets) != spec.expected {
                    return Err(mismatch(i, &format!("#{id}")));
                }
                covered.elements.push((el, reference.attr("Type")));
                // This signature's own metadata (its KeyInfo, its XAdES properties ...) is
                // signed, but is not content: not handed out. (A ds:Object's payload is.)
                if !own.is_content(el, ancestors) {
                    covered.ids.push(format!(
                        "this signature's own #{id} ({})",
                        spec.canon.name()
                    ));
                } else {
                    covered.ids.push(format!("#{id} ({})", spec.canon.name()));
                    let part = SignedPart {
                        reference: format!("#{id}"),
                        octets: Arc::from(octets),
                    };
                    covered.digested.push(part.clone());
                    verdict.parts.push(part);
                }
            }
        }
    }
    Ok(covered)
}

/// The failure of Reference `i` (from 0) whose digest of `what` does not match.
fn mismatch(i: usize, what: &str) -> Stop {
    failed(
        CheckName::Reference,
        ReasonKind::Mismatch,
        format!(
            "Reference #{}: the digest of {what} does not match DigestValue",
            i + 1
        ),
    )
}

/// The element Reference `i` names by `id`, and its ancestors: carried by exactly one
/// element, never inside another signature (or a signature itself): what a Reference covers
/// is the document's content or this signature's own objects.
fn id_target<'d, 'b>(
    place: &Place<'d, 'b>,
    sig: &Element,
    id: &str,
    i: usize,
) -> std::result::Result<(&'d Element, &'b [&'d Element]), Stop> {
    let Some((count, el, ancestors)) = place.ids.found.get(id) else {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::Missing,
            format!("Reference #{} to #{id}: no element carries that Id", i + 1),
        ));
    };
    if *count != 1 {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::Malformed,
            format!(
                "Reference #{} to #{id}: {count} elements carry that Id (an Id must be unique: a wrapped or duplicated element)",
                i + 1
            ),
        ));
    }
    let into_other = std::iter::once(*el)
        .chain(ancestors.iter().copied())
        .any(|e| {
            place
                .all
                .iter()
                .any(|s| std::ptr::eq(*s, e) && !std::ptr::eq(*s, sig))
        });
    if into_other {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::NotPermitted,
            format!(
                "Reference #{} to #{id}: the element is (inside) another signature",
                i + 1
            ),
        ));
    }
    Ok((el, ancestors.as_slice()))
}

/// A Reference to the whole document (`URI=""`): the document's node-set without comments,
/// as it stood when this signature was made: less this Signature and those appended after
/// it, with the earlier ones (which a later signer signs too); or, for a signature made side
/// by side with the earlier ones, the document less every signature. Which one is fixed by
/// the first whole-document Reference. The first signature's is the document less every
/// signature (`bare`, in C14N 1.0: made once).
fn whole_reference<'d>(
    doc: &'d Document,
    place: &Place<'d, '_>,
    budget: &Budget<'_>,
    spec: &RefSpec,
    i: usize,
    covered: &mut Covered<'d>,
    verdict: &mut XmlSignerVerdict,
) -> std::result::Result<(), Stop> {
    covered.whole += 1;
    let all = place.all;
    // Whether these octets are `bare`, whose digest is made once per hash.
    let is_bare =
        |exclude: &[&Element]| spec.canon == Canon::Inclusive && exclude.len() == all.len();
    let octets = |exclude: &[&Element]| -> Vec<u8> {
        spec.canon.document(
            doc,
            C14n {
                with_comments: false,
                exclude,
            },
        )
    };
    let bare_matches = || -> bool {
        let mut cache = place.bare_digests.borrow_mut();
        if let Some((_, d)) = cache.iter().find(|(h, _)| *h == spec.hash) {
            return *d == spec.expected;
        }
        let d = spec.hash.digest(place.bare);
        let ok = d == spec.expected;
        cache.push((spec.hash, d));
        ok
    };
    let tries: Vec<bool> = match covered.alone {
        Some(a) => vec![a],
        None if place.index > 0 => vec![false, true],
        None => vec![true],
    };
    let mut matched = None;
    // The document less every signature in this Reference's canonical form, when it was
    // what was digested.
    let mut less_all: Option<Vec<u8>> = None;
    // The octets digested when they were not the document less every signature (the
    // earlier signatures in them).
    let mut with_earlier: Option<Vec<u8>> = None;
    for a in tries {
        budget.can_spend()?;
        let exclude = if a { all } else { place.from_here };
        let hit = if is_bare(exclude) {
            // Charged as if digested again: the budget does not depend on the cache.
            budget.charge(place.bare.len())?;
            bare_matches()
        } else {
            let bytes = octets(exclude);
            budget.charge(bytes.len())?;
            let hit = spec.hash.digest(&bytes) == spec.expected;
            if hit {
                if exclude.len() == all.len() {
                    less_all = Some(bytes);
                } else {
                    with_earlier = Some(bytes);
                }
            }
            hit
        };
        if hit {
            matched = Some(a);
            break;
        }
    }
    match matched {
        Some(a) => covered.alone = Some(a),
        None => return Err(mismatch(i, "the document")),
    }
    // What is handed out is the document less every signature in the form this Reference
    // digested: `bare` (inclusive C14N) renders every namespace declaration in scope,
    // exclusive C14N only those visibly used, and a binding it left out (a prefix used only
    // inside content, `xsi:type`'s QName) was never signed.
    let octets: Arc<[u8]> = if spec.canon == Canon::Inclusive {
        Arc::from(place.bare)
    } else if let Some(bytes) = less_all {
        Arc::from(bytes)
    } else {
        budget.can_spend()?;
        let bytes = octets(all);
        budget.charge(bytes.len())?;
        Arc::from(bytes)
    };
    covered.digested.push(SignedPart {
        reference: String::new(),
        octets: match with_earlier {
            Some(bytes) => Arc::from(bytes),
            None => octets.clone(),
        },
    });
    verdict.parts.push(SignedPart {
        reference: String::new(),
        octets,
    });
    Ok(())
}

/// What the References covered must be content: a SOAP message's own Body when signed by
/// Id, something besides the signature's own parts, and the XAdES signed properties when
/// the signature carries them. Records the `reference` check and `verdict.covers`.
fn covered_content(
    place: &Place<'_, '_>,
    covered: &Covered<'_>,
    properties: Option<&Properties<'_>>,
    verdict: &mut XmlSignerVerdict,
) -> std::result::Result<(), Stop> {
    // What it digested, kept only when it differs from `parts` (see
    // `XmlSignerVerdict::as_digested`).
    if covered.digested != verdict.parts {
        verdict.as_digested = Some(covered.digested.clone());
    }
    // A SOAP message signed by Id (WS-Security) is about its Body: the signature must cover
    // the envelope's own Body, else the Body signed was moved away and another put in its
    // place (signature wrapping).
    if covered.whole == 0 {
        if let Some(body) = place.soap_body {
            let covered =
                body.is_ok_and(|b| covered.elements.iter().any(|(e, _)| std::ptr::eq(*e, b)));
            if !covered {
                return Err(failed(
                    CheckName::Reference,
                    ReasonKind::NotProven,
                    match body {
                        Err(why) => format!("a SOAP envelope {why}: what its signature covers is not its Body"),
                        Ok(_) => "the signature does not cover the envelope's Body (a Body signed elsewhere and another in its place: a wrapped message)".to_string(),
                    },
                ));
            }
        }
    }
    if verdict.parts.is_empty() {
        return Err(failed(
            CheckName::Reference, ReasonKind::Missing,
            "the References cover only the signature's own parts (KeyInfo, XAdES properties, SignedInfo, an empty Object): no content is signed",
        ));
    }
    let qualifying = xades::check_covered(properties, &covered.elements)?;
    let later = place.from_here.len().saturating_sub(1);
    let mut text = Vec::new();
    if covered.whole > 0 {
        text.push(match (place.index, later, covered.alone == Some(true)) {
            (0, 0, _) => "the document less this signature".to_string(),
            (0, n, _) => format!("the document less this signature and the {n} appended after it"),
            (_, _, true) => "the document less every signature (made beside the others)".to_string(),
            (_, 0, false) => "the document less this signature, the earlier signatures included".to_string(),
            (_, n, false) => format!(
                "the document less this signature and the {n} appended after it, the earlier signatures included"
            ),
        });
    }
    if !covered.ids.is_empty() {
        text.push(format!("the element(s) {}", covered.ids.join(", ")));
    }
    if let Some(q) = qualifying {
        text.push(q.to_string());
    }
    let covers = text.join("; ");
    verdict.checks.push(Check::new(
        CheckName::Reference,
        Outcome::Passed,
        passed_kind(covered.weak),
        format!(
            "{} reference(s) match: {covers}{}",
            covered.count,
            if covered.weak {
                format!(" ({SHA1_WEAK})")
            } else {
                String::new()
            }
        ),
    ));
    verdict.covers = Some(covers);
    Ok(())
}

/// Step 2, the candidates: the certificates of the signature's `ds:KeyInfo` (`X509Data`),
/// and the WS-Security BinarySecurityTokens its SecurityTokenReferences name (SmartBridge).
fn key_info_certificates<'d>(
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
fn signed_info_signer(
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
        let spki = cert.spki_sha256();
        if tried.contains(&spki) {
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
        tried.push(spki);
        // The verifier's prepared copy of a key it has seen (a GOST key's comb table).
        let key = verifier.keys().share(cert.public_key(), spki);
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

/// Step 3: XAdES (the signed properties: signing certificate, signing time; the signature
/// time-stamps), then the certificate condition of `certs[signer]` at the time the policy
/// picks, the other certificates of KeyInfo offered for its path.
fn condition(
    found: &Found<'_>,
    place: &Place<'_, '_>,
    properties: Option<&Properties<'_>>,
    (certs, signer): (&[Certificate], usize),
    verifier: &Verifier,
    expect: &Expectation,
    verdict: &mut XmlSignerVerdict,
) {
    let cert = &certs[signer];
    let time = place.time;
    let others: Vec<Certificate> = certs
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != signer)
        .map(|(_, c)| c.clone())
        .collect();
    let mut claimed = None;
    let mut proven = None;
    if let Some(p) = properties {
        verdict.checks.extend(p.signing_certificate_check(cert));
        if let Some((t, check)) = p.signing_time_check(time, expect.at) {
            claimed = t;
            verdict.checks.push(check);
        }
        let stamps = p.time_stamps(
            found,
            place.tokens_judged.get(),
            verifier,
            time,
            expect.at,
            certs,
            place.cert_digests,
        );
        place
            .tokens_judged
            .set(place.tokens_judged.get() + p.token_count());
        verdict.checks.extend(stamps.check);
        proven = stamps.proven;
        verdict.timestamps = stamps.verdicts;
    } else if time == TimePolicy::TimeStamp {
        verdict.checks.push(Check::new(
            CheckName::Timestamp,
            Outcome::Unknown,
            ReasonKind::NotProven,
            "no signature time-stamp (XAdES-T): the time of the signature is not proven",
        ));
    }
    verdict.signing_time = claimed;
    let mut at_time = expect.clone();
    match (time, claimed, proven) {
        // A claim later than the time checked is no time the signature could have been made
        // at: it is judged no later than the time checked (as in CMS).
        (TimePolicy::ClaimedSigningTime, Some(t), _) => {
            at_time.at = t.min(expect.at);
            at_time.time_source = crate::TimeSource::Claimed {
                checked_at: expect.at,
            };
            verdict.time_basis = TimeBasis::ClaimedSigningTime;
        }
        (TimePolicy::TimeStamp, _, Some(t)) => {
            at_time.at = t;
            at_time.time_source = crate::TimeSource::TimeStamp {
                checked_at: expect.at,
            };
            verdict.time_basis = TimeBasis::TimeStamp;
        }
        _ => {}
    }
    verdict.at = at_time.at;
    // The document's meter, not a fresh one per signer: 64 signers must not get 64
    // documents' budgets.
    let condition = verifier.check_certificate_in(
        cert,
        &at_time,
        &verifier.intermediates_with(&others),
        Some(place.meter),
    );
    verdict.checks.extend(condition.checks.iter().cloned());
    verdict.certificate = Some(condition);
}
