//! XML signatures (W3C XMLDSig) as NCALayer, NCANode and Kalkan make them: enveloped
//! `ds:Signature`s over the whole document, one per signer, the signer's certificate in
//! `ds:KeyInfo`; RSA or GOST.
//!
//! [`verify`] proves, for every signature: every `ds:Reference` is to the whole document
//! (`URI=""`, with the enveloped-signature transform) or to one element by Id (`URI="#id"`:
//! an `Id`, `ID`, `id` or `wsu:Id` attribute that exactly one element of the document
//! carries, not inside another signature), canonicalised with Canonical XML 1.0 or
//! Exclusive C14N (with an InclusiveNamespaces PrefixList), and its digest matches; the canonical `ds:SignedInfo` verifies with a certificate of `ds:KeyInfo`; and
//! that certificate passes the certificate condition ([`crate::Verifier`]) at the time
//! judged. The document holds when every signature does ([`SignerPolicy::All`], the
//! default) or one ([`verify_with`], [`SignerPolicy::Any`]); each has its own verdict
//! ([`XmlVerdict::signers`]). A document with one signature has that signature's checks
//! (`reference`, `signer_certificate`, `signature`, then the condition's); with several, a
//! `signers` check.
//!
//! Each signature is judged over the document as it stood when it was made: Kalkan appends
//! a new signer's signature after the others and the new signer signs the earlier
//! signatures too, so a signature covers the document less itself and the signatures
//! appended after it (proven on `../shared/nca-test-pki/xml/`).
//!
//! Algorithms: RSA PKCS#1 v1.5 with SHA-256/384/512; GOST 34.10-2015 512 and 256 with
//! Streebog as Kalkan names them
//! (`urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512`,
//! digest `...:gostr34112015-512`, and the `-256` pair) and GOST 34.310-2004 with GOST
//! 34.311-95 (`http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311`, digest
//! `...#gost34311`), SignatureValue in the NCA's convention as in its CMS.
//!
//! XAdES (B and T, ETSI EN 319 132-1) is read when a signature carries it: its
//! SignedProperties must be covered by one of its References, its SigningCertificate(V2)
//! must name the signer's certificate, its SigningTime is the signer's claim (reported,
//! judged at under [`TimePolicy::ClaimedSigningTime`]), and each SignatureTimeStamp is
//! verified as a CMS signature time-stamp is (the signer judged at the time it proves,
//! genTime + accuracy at most the time checked, under [`TimePolicy::TimeStamp`]). [`sign_with`] makes XAdES-B signatures and signs one element
//! by its Id.
//!
//! What this version does not read is *indeterminate*, never valid: XPointer references
//! and references outside the document, other transforms (XPath, XSLT), SHA-1 (unless
//! [`XmlOptions::legacy_sha1`] accepts RSA-SHA1, reported as weak) and other signature
//! methods. A document with a DTD is not read at all.
//!
//! A valid verdict hands out what the signatures cover, never the input as received (which
//! also carries what nothing signed: comments, `ds:Object` and `ds:KeyInfo` inside a
//! signature, elements beside a signed one): [`XmlVerdict::verified_octets`] the canonical
//! document less every signature when the signatures cover the whole document, and
//! [`XmlVerdict::signed_parts`] what each Reference covered (the signed element of a
//! `URI="#id"`, wherever it was moved, as its digest was checked). Signature wrapping
//! therefore gains nothing: a duplicated Id is refused, a moved element is handed out as
//! signed, and the unsigned rest is never handed out.
//!
//! # Example
//!
//! ```no_run
//! use qoltanba::{Expectation, Judged as _, Verifier};
//!
//! let verifier = Verifier::builder()
//!     .trust_path("nca-roots/")?
//!     .crl_path("nca-crls/")?
//!     .build();
//! let xml = std::fs::read("request.xml")?;
//! let at = "2026-11-23T00:00:00Z".parse()?;
//! let verdict = qoltanba::xmldsig::verify(&xml, &verifier, &Expectation::at(at))?;
//! match verdict.verified_octets() {
//!     Some(signed) => println!("accepted: {} signed octets", signed.len()),
//!     None => println!("refused: {:?}", verdict.refusal().map(|r| r.ru())),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod algorithms;
mod c14n;
pub(crate) mod dom;
mod reference;
mod sign;
mod soap;
mod verdict;
mod xades;

use std::sync::Arc;

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use dom::limits;
pub use reference::SignedPart;
use reference::{read_reference, referenced_ids, Canon, IdIndex, Target};
pub use sign::{sign, sign_soap, sign_with, XmlSignOptions};
pub use verdict::{XmlOptions, XmlSignerVerdict, XmlVerdict};

use crate::certificate::Certificate;
use crate::cms::{SignerPolicy, TimeBasis, TimePolicy};
use crate::condition::{Expectation, Verifier};
use crate::error::Result;
use crate::signature::{self, HashAlgorithm, SignatureAlgorithm, SignatureCheck};
use crate::verdict::Judged as _;
use crate::verdict::{
    overall, Check, CheckName, Outcome, Overall, ReasonKind, Refusal, Verdict, Verified,
};
use algorithms::*;
use c14n::C14n;
use dom::{Document, Element, Scope};

/// The XMLDSig namespace.
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// WS-Security (SOAP Message Security 1.0): `wsse:Security`, `BinarySecurityToken`,
/// `SecurityTokenReference`.
const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// WS-Security utility (`wsu:Id`).
const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// SOAP 1.1 and 1.2 envelopes.
const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// Most InclusiveNamespaces prefixes read.
const MAX_INCLUSIVE_PREFIXES: usize = 64;

/// Most ds:Signature elements judged in one document.
const MAX_SIGNATURES: usize = 64;
/// Most References in one SignedInfo.
const MAX_REFERENCES: usize = 64;
/// Most certificates in one KeyInfo.
const MAX_KEYINFO_CERTS: usize = 16;

/// What could not be proven, as a check and the reason (and the limit that cut it short).
#[derive(Debug)]
struct Stop(
    CheckName,
    Outcome,
    ReasonKind,
    String,
    Option<crate::Exhausted>,
);

impl Stop {
    /// The References' work budget is spent: unknown, the limit named.
    fn exhausted(why: String) -> Stop {
        Stop(
            CheckName::Reference,
            Outcome::Unknown,
            ReasonKind::Exhausted,
            why,
            Some(crate::Exhausted::DocumentRehashedBytes),
        )
    }
}

fn unsupported(check: CheckName, why: impl Into<String>) -> Stop {
    Stop(
        check,
        Outcome::Unknown,
        ReasonKind::Unsupported,
        why.into(),
        None,
    )
}

fn failed(check: CheckName, kind: ReasonKind, why: impl Into<String>) -> Stop {
    Stop(check, Outcome::Failed, kind, why.into(), None)
}

/// A `ds:Signature` and where it is.
struct Found<'a> {
    signature: &'a Element,
    /// Its ancestors, the document element first (at most `limits::MAX_DEPTH`): their
    /// namespaces and `xml:` attributes are SignedInfo's context.
    ancestors: Vec<&'a Element>,
}

/// The `ds:Signature` elements (depth-first, document order, not looking inside one): the
/// first [`MAX_SIGNATURES`] with their ancestors, and how many there are. `path` holds the
/// ancestors of `el`, `scope` is its parent's; both are as they were on return.
fn find_signatures<'a>(
    el: &'a Element,
    scope: &mut Scope<'a>,
    path: &mut Vec<&'a Element>,
    found: &mut Vec<Found<'a>>,
    count: &mut usize,
) {
    let mark = scope.enter(el);
    if el.expanded(scope) == (DSIG_NS, "Signature") {
        *count += 1;
        if found.len() < MAX_SIGNATURES {
            found.push(Found {
                signature: el,
                ancestors: path.clone(),
            });
        }
    } else {
        path.push(el);
        for child in el.elements() {
            find_signatures(child, scope, path, found, count);
        }
        path.pop();
    }
    scope.leave(mark);
}

/// The DSIG children of `el` named `local`; `scope` is `el`'s own.
fn children<'a>(el: &'a Element, scope: &Scope<'a>, local: &str) -> Vec<&'a Element> {
    children_in(el, scope, DSIG_NS, local)
}

/// The children of `el` named `local` in the namespace `ns`; `scope` is `el`'s own.
fn children_in<'a>(el: &'a Element, scope: &Scope<'a>, ns: &str, local: &str) -> Vec<&'a Element> {
    el.elements()
        .filter(|c| c.expanded_in(scope) == (ns, local))
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
            ReasonKind::Missing,
            format!("ds:{local} is missing"),
        )),
        _ => Err(failed(
            CheckName::Signature,
            ReasonKind::Malformed,
            format!("ds:{local} appears more than once"),
        )),
    }
}

fn algorithm<'a>(el: &'a Element, what: &str) -> std::result::Result<&'a str, Stop> {
    el.attr("Algorithm").ok_or_else(|| {
        failed(
            CheckName::Signature,
            ReasonKind::Missing,
            format!("{what} has no Algorithm"),
        )
    })
}

fn base64(text: &str, what: &str) -> std::result::Result<Vec<u8>, Stop> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| {
            failed(
                CheckName::Signature,
                ReasonKind::Malformed,
                format!("{what} is not base64: {e}"),
            )
        })
}

/// Verify every enveloped signature of `xml` and its signer's certificate at `expect.at`,
/// all of them required ([`SignerPolicy::All`]). Input that is not well-formed XML (or has a
/// DTD, or is too large) is an error; everything else is a verdict. A valid verdict hands
/// out what the signatures cover, not `xml` ([`XmlVerdict::verified_octets`]).
pub fn verify(xml: &[u8], verifier: &Verifier, expect: &Expectation) -> Result<XmlVerdict> {
    verify_with(xml, verifier, expect, &XmlOptions::default())
}

/// [`verify`] with options: the signer policy (NCANode and Kalkan add one enveloped
/// signature per signer, the applicant, then an operator ...; [`SignerPolicy::All`]
/// requires each, [`SignerPolicy::Any`] one) and the legacy RSA-SHA1 switch.
///
/// Each signature is judged over the document as it stood when it was made: less itself
/// (the enveloped-signature transform) and less the signatures appended after it, which
/// did not exist yet (Kalkan appends each new signature after the others, and a later
/// signer's References cover the earlier signatures). A signature whose References match
/// neither that nor the document less every signature fails its `reference` check.
pub fn verify_with(
    xml: &[u8],
    verifier: &Verifier,
    expect: &Expectation,
    options: &XmlOptions,
) -> Result<XmlVerdict> {
    let policy = options.signers;
    let doc = dom::parse(xml)?;
    let mut found = Vec::new();
    let mut count = 0usize;
    find_signatures(
        &doc.root,
        &mut Scope::default(),
        &mut Vec::new(),
        &mut found,
        &mut count,
    );
    let mut verdict = XmlVerdict {
        verdict: Overall::Indeterminate,
        checks: Vec::new(),
        refusal: None,
        signer_policy: policy,
        signers: Vec::new(),
        at: expect.at,
        octets: None,
        parts: None,
        bare: None,
        soap: false,
    };
    let stop = if found.is_empty() {
        Some(failed(
            CheckName::Signature,
            ReasonKind::Missing,
            "the document has no ds:Signature",
        ))
    } else if count > MAX_SIGNATURES {
        Some(unsupported(
            CheckName::Signers,
            format!("{count} ds:Signature elements: at most {MAX_SIGNATURES} are judged"),
        ))
    } else if found.iter().any(|f| std::ptr::eq(f.signature, &doc.root)) {
        Some(unsupported(
            CheckName::Reference,
            "the signature is the document element (an enveloping signature): only enveloped signatures are read",
        ))
    } else {
        None
    };
    if let Some(Stop(check, outcome, kind, reason, _)) = stop {
        verdict
            .checks
            .push(Check::new(check, outcome, kind, reason));
        verdict.verdict = overall(&verdict.checks);
        verdict.refusal = Refusal::from_checks(&verdict.checks);
        return Ok(verdict);
    }
    let all: Vec<&Element> = found.iter().map(|f| f.signature).collect();
    // The document less every signature: what is handed out, and what the first signer
    // of a Kalkan document signed (made once, whatever the number of signatures).
    let bare = c14n::document(
        &doc,
        C14n {
            with_comments: false,
            exclude: &all,
        },
    );
    let ids = IdIndex::build(&doc, &referenced_ids(&found));
    let soap_body = soap::soap_body(&doc);
    verdict.soap = matches!(soap_body, Some(Ok(_)));
    let budget = std::cell::Cell::new(verifier.options().limits.document_rehashed_bytes);
    let tokens_judged = std::cell::Cell::new(0usize);
    let cert_digests = crate::cms::CertDigests::default();
    // The digests of `bare` by hash: computed once however many signatures cover it.
    let bare_digests = std::cell::RefCell::new(Vec::new());
    for (i, one) in found.iter().enumerate() {
        let mut signer = XmlSignerVerdict {
            index: i,
            verdict: Overall::Indeterminate,
            checks: Vec::new(),
            refusal: None,
            signature_method: String::new(),
            covers: None,
            certificate: None,
            parts: Vec::new(),
            as_digested: None,
            at: expect.at,
            time_basis: TimeBasis::Given,
            signing_time: None,
            timestamps: Vec::new(),
        };
        if let Err(Stop(check, outcome, kind, reason, exhausted)) = judge(
            &doc,
            one,
            Place {
                index: i,
                from_here: &all[i..],
                all: &all,
                bare: &bare,
                bare_digests: &bare_digests,
                ids: &ids,
                legacy_sha1: options.legacy_sha1,
                time: options.time,
                budget: &budget,
                tokens_judged: &tokens_judged,
                cert_digests: &cert_digests,
                soap_body,
            },
            verifier,
            expect,
            &mut signer,
        ) {
            signer
                .checks
                .push(Check::new(check, outcome, kind, reason).exhausted_by(exhausted));
        }
        signer.verdict = overall(&signer.checks);
        signer.refusal = Refusal::from_checks(&signer.checks);
        verdict.signers.push(signer);
    }
    combine(&mut verdict);
    // A WS-Security message carries its life in its wsu:Timestamp: once expired (or made
    // ahead of the time judged) the message is refused whatever its signatures say.
    if verdict.soap {
        if let Some(fault) = soap::timestamp_fault(&doc, expect.at) {
            verdict.checks.push(fault);
            verdict.verdict = overall(&verdict.checks);
            verdict.refusal = Refusal::from_checks(&verdict.checks);
        }
    }
    let bare: Arc<[u8]> = Arc::from(bare);
    verdict.bare = Some(bare.clone());
    if verdict.verdict == Overall::Valid {
        // The signatures relied on: all of them, or (under `Any`) the valid ones. A
        // signature's whole-document parts are the document less every signature only when
        // the earlier signatures it signed hold too (always under `All`): else (under `Any`)
        // they are what it digested, the earlier signatures in it.
        let mut parts: Vec<SignedPart> = Vec::new();
        for s in verdict
            .signers
            .iter()
            .filter(|s| s.verdict == Overall::Valid)
        {
            let earlier_hold = verdict
                .signers
                .iter()
                .take(s.index)
                .all(|e| e.verdict == Overall::Valid);
            let own = match &s.as_digested {
                Some(digested) if !earlier_hold => digested,
                _ => &s.parts,
            };
            for p in own {
                if !parts.contains(p) {
                    parts.push(p.clone());
                }
            }
        }
        // The document is handed out when every signature relied on covers it whole, in
        // one canonical form (signatures made with inclusive and exclusive C14N each
        // signed a form of their own: then only their parts are).
        if let [one] = parts.as_slice() {
            if one.reference.is_empty() {
                verdict.octets = Some(one.octets.clone());
            }
        }
        verdict.parts = Some(Verified::new(parts));
    }
    Ok(verdict)
}

/// The document's verdict from its signers' under the policy.
fn combine(verdict: &mut XmlVerdict) {
    let signers = &verdict.signers;
    if let [one] = signers.as_slice() {
        verdict.checks = one.checks.clone();
        verdict.verdict = one.verdict;
        verdict.refusal = one.refusal.clone();
        return;
    }
    let valid = signers
        .iter()
        .filter(|s| s.verdict == Overall::Valid)
        .count();
    let (combined, decisive): (Overall, Vec<&XmlSignerVerdict>) = match verdict.signer_policy {
        SignerPolicy::All => {
            let worst = signers
                .iter()
                .map(|s| s.verdict)
                .max()
                .unwrap_or(Overall::Indeterminate);
            (
                worst,
                signers
                    .iter()
                    .filter(|s| s.verdict != Overall::Valid)
                    .collect(),
            )
        }
        SignerPolicy::Any => {
            let best = signers
                .iter()
                .map(|s| s.verdict)
                .min()
                .unwrap_or(Overall::Indeterminate);
            (best, signers.iter().filter(|s| s.verdict == best).collect())
        }
    };
    let outcome = match combined {
        Overall::Valid => Outcome::Passed,
        Overall::Indeterminate => Outcome::Unknown,
        Overall::Invalid => Outcome::Failed,
    };
    let policy = match verdict.signer_policy {
        SignerPolicy::All => "every signature required",
        SignerPolicy::Any => "one signature required",
    };
    let mut reason = format!("{valid} of {} signatures valid ({policy})", signers.len());
    if combined != Overall::Valid {
        let which: Vec<String> = decisive
            .iter()
            .map(|s| format!("#{} {}", s.index + 1, s.verdict.as_str()))
            .collect();
        reason.push_str(&format!(": {}", which.join(", ")));
    }
    verdict.checks = vec![Check::new(
        CheckName::Signers,
        outcome,
        ReasonKind::combined(outcome),
        reason,
    )];
    verdict.verdict = combined;
    verdict.refusal = if combined == Overall::Valid {
        None
    } else {
        let deciding = crate::verdict::deciding_checks(
            verdict.checks.clone(),
            decisive.iter().map(|s| s.checks.as_slice()),
        );
        Refusal::from_checks(&deciding)
    };
}

/// Where a Signature stands among the document's: its `index`, itself and the Signatures
/// after it in document order (`from_here`, itself first), and the canonical document less
/// every Signature (`bare`).
#[derive(Clone, Copy)]
struct Place<'d, 'b> {
    index: usize,
    from_here: &'b [&'d Element],
    all: &'b [&'d Element],
    bare: &'b [u8],
    /// The digests of `bare` made so far, by hash.
    bare_digests: &'b std::cell::RefCell<Vec<(HashAlgorithm, Vec<u8>)>>,
    ids: &'b IdIndex<'d>,
    legacy_sha1: bool,
    time: TimePolicy,
    /// Bytes the document's References may still canonicalise and digest.
    budget: &'b std::cell::Cell<usize>,
    /// Time-stamp tokens the signatures before this one had judged.
    tokens_judged: &'b std::cell::Cell<usize>,
    /// The certificate digests (ESS bindings) the signatures' time-stamp tokens share:
    /// each token is offered the document's certificates.
    cert_digests: &'b crate::cms::CertDigests,
    /// In a SOAP envelope, its one Body (or why there is not one): what a signature by Id
    /// must cover there.
    soap_body: Option<std::result::Result<&'d Element, &'static str>>,
}

/// The checks of one enveloped Signature, at `place`, into `verdict`.
fn judge<'d>(
    doc: &'d Document,
    found: &Found<'d>,
    place: Place<'d, '_>,
    verifier: &Verifier,
    expect: &Expectation,
    verdict: &mut XmlSignerVerdict,
) -> std::result::Result<(), Stop> {
    let Place {
        index,
        from_here,
        all,
        bare,
        bare_digests,
        ids,
        legacy_sha1,
        time,
        budget,
        tokens_judged,
        cert_digests,
        soap_body,
    } = place;
    // Every digest is charged first: a document chooses how many signatures, References
    // and candidate node-sets it makes the verifier canonicalise and hash.
    // Once refused, the budget is spent for the rest of the document: nothing more is
    // canonicalised, even to be refused.
    let spent = || {
        Stop::exhausted(format!(
            "work budget exhausted: the document's References would digest more than {} bytes",
            verifier.options().limits.document_rehashed_bytes
        ))
    };
    let charge = |len: usize| -> std::result::Result<(), Stop> {
        match budget.get().checked_sub(len) {
            Some(left) => {
                budget.set(left);
                Ok(())
            }
            None => {
                budget.set(0);
                Err(spent())
            }
        }
    };
    let can_spend = || -> std::result::Result<(), Stop> {
        if budget.get() == 0 {
            Err(spent())
        } else {
            Ok(())
        }
    };
    let sig = found.signature;
    // XAdES qualifying properties, when the signature carries them (xades.rs).
    let properties = xades::read(found)?;
    // The Signature's scope, kept for the rest (SignedInfo's is entered and left).
    let mut scope = Scope::inside(&found.ancestors);
    let _ = scope.enter(sig);
    let signed_info = one(sig, &scope, "SignedInfo")?;
    // What of this signature may count as signed content: only the payload of its own
    // ds:Objects (enveloping-style), never its SignedInfo, KeyInfo, SignatureValue or XAdES
    // properties, nor an empty Object.
    // As a set: each Id Reference asks of every element of its chain of ancestors whether
    // it is one of them (a list of them was scanned for each: References x depth x Objects).
    let objects: std::collections::HashSet<*const Element> = children(sig, &scope, "Object")
        .into_iter()
        .map(|o| o as *const Element)
        .collect();
    let qualifying = properties.as_ref().map(|p| p.qualifying);
    let is_content = |el: &Element, ancestors: &[&Element]| -> bool {
        let chain: Vec<&Element> = std::iter::once(el)
            .chain(ancestors.iter().copied())
            .collect();
        if !chain.iter().any(|e| std::ptr::eq(*e, sig)) {
            return true;
        }
        let in_object = chain
            .iter()
            .any(|e| objects.contains(&(*e as *const Element)));
        let in_properties = qualifying.is_some_and(|q| chain.iter().any(|e| std::ptr::eq(q, *e)));
        let has_content = el.elements().next().is_some() || !el.text().trim().is_empty();
        in_object && !in_properties && has_content
    };
    let si_mark = scope.enter(signed_info);
    let c14n_uri = algorithm(
        one(signed_info, &scope, "CanonicalizationMethod")?,
        "CanonicalizationMethod",
    )?;
    let c14n_el = one(signed_info, &scope, "CanonicalizationMethod")?;
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

    // References.
    let references = children(signed_info, &scope, "Reference");
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
    // URI="": the document's node-set without comments, as it stood when this signature
    // was made: less this Signature and those appended after it, with the earlier ones
    // (which a later signer signs too); or, for a signature made side by side with the
    // earlier ones, the document less every signature. Which one is fixed by the first
    // whole-document Reference. The first signature's is the document less every
    // signature (`bare`, in C14N 1.0: made once).
    let later = from_here.len().saturating_sub(1);
    let mut alone: Option<bool> = None;
    let mut whole_refs = 0usize;
    let mut id_refs: Vec<String> = Vec::new();
    let mut weak = false;
    // The elements the Id References covered, with each Reference's Type.
    let mut covered_ids: Vec<(&Element, Option<&str>)> = Vec::new();
    // `verdict.parts` with each whole-document Reference's octets exactly as digested.
    let mut digested: Vec<SignedPart> = Vec::new();
    for (i, reference) in references.iter().enumerate() {
        let spec = scope.within(reference, |s| read_reference(reference, s, i, legacy_sha1))?;
        weak |= spec.hash == HashAlgorithm::Sha1;
        // The one hash table (SHA-1 only reaches here under the legacy switch).
        let matches = |bytes: &[u8]| spec.hash.digest(bytes) == spec.expected;
        let mismatch = |what: &str| {
            failed(
                CheckName::Reference,
                ReasonKind::Mismatch,
                format!(
                    "Reference #{}: the digest of {what} does not match DigestValue",
                    i + 1
                ),
            )
        };
        match &spec.target {
            Target::Whole => {
                whole_refs += 1;
                // Whether these octets are `bare`, whose digest is made once per hash.
                let is_bare = |exclude: &[&Element]| {
                    spec.canon == Canon::Inclusive && exclude.len() == all.len()
                };
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
                    let mut cache = bare_digests.borrow_mut();
                    if let Some((_, d)) = cache.iter().find(|(h, _)| *h == spec.hash) {
                        return *d == spec.expected;
                    }
                    let d = spec.hash.digest(bare);
                    let ok = d == spec.expected;
                    cache.push((spec.hash, d));
                    ok
                };
                let tries: Vec<bool> = match alone {
                    Some(a) => vec![a],
                    None if index > 0 => vec![false, true],
                    None => vec![true],
                };
                let mut matched = None;
                // The document less every signature in this Reference's canonical form,
                // when it was what was digested.
                let mut less_all: Option<Vec<u8>> = None;
                // The octets digested when they were not the document less every
                // signature (the earlier signatures in them).
                let mut with_earlier: Option<Vec<u8>> = None;
                for a in tries {
                    can_spend()?;
                    let exclude = if a { all } else { from_here };
                    let hit = if is_bare(exclude) {
                        // Charged as if digested again: the budget does not depend on
                        // the cache.
                        charge(bare.len())?;
                        bare_matches()
                    } else {
                        let bytes = octets(exclude);
                        charge(bytes.len())?;
                        let hit = matches(&bytes);
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
                    Some(a) => alone = Some(a),
                    None => return Err(mismatch("the document")),
                }
                // What is handed out is the document less every signature in the form
                // this Reference digested: `bare` (inclusive C14N) renders every namespace
                // declaration in scope, exclusive C14N only those visibly used, and a
                // binding it left out (a prefix used only inside content, `xsi:type`'s
                // QName) was never signed.
                let octets: Arc<[u8]> = if spec.canon == Canon::Inclusive {
                    Arc::from(bare)
                } else if let Some(bytes) = less_all {
                    Arc::from(bytes)
                } else {
                    can_spend()?;
                    let bytes = octets(all);
                    charge(bytes.len())?;
                    Arc::from(bytes)
                };
                digested.push(SignedPart {
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
            }
            Target::Id(id) => {
                let Some((count, el, ancestors)) = ids.found.get(id) else {
                    return Err(failed(
                        CheckName::Reference,
                        ReasonKind::Missing,
                        format!("Reference #{} to #{id}: no element carries that Id", i + 1),
                    ));
                };
                if *count != 1 {
                    return Err(failed(
                        CheckName::Reference, ReasonKind::Malformed,
                        format!(
                            "Reference #{} to #{id}: {count} elements carry that Id (an Id must be unique: a wrapped or duplicated element)",
                            i + 1
                        ),
                    ));
                }
                // Never into another signature (or a signature itself): what a Reference
                // covers is the document's content or this signature's own objects.
                let into_other = std::iter::once(*el)
                    .chain(ancestors.iter().copied())
                    .any(|e| {
                        all.iter()
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
                let exclude: &[&Element] = if spec.enveloped { from_here } else { &[] };
                can_spend()?;
                let octets = spec.canon.subtree(
                    el,
                    ancestors,
                    C14n {
                        with_comments: false,
                        exclude,
                    },
                );
                charge(octets.len())?;
                if !matches(&octets) {
                    return Err(mismatch(&format!("#{id}")));
                }
                covered_ids.push((el, reference.attr("Type")));
                // This signature's own metadata (its KeyInfo, its XAdES properties ...) is
                // signed, but is not content: not handed out. (A ds:Object's payload is.)
                if !is_content(el, ancestors) {
                    id_refs.push(format!(
                        "this signature's own #{id} ({})",
                        spec.canon.name()
                    ));
                } else {
                    id_refs.push(format!("#{id} ({})", spec.canon.name()));
                    let part = SignedPart {
                        reference: format!("#{id}"),
                        octets: Arc::from(octets),
                    };
                    digested.push(part.clone());
                    verdict.parts.push(part);
                }
            }
        }
    }
    scope.leave(si_mark);
    // What it digested, kept only when it differs from `parts` (see
    // `XmlSignerVerdict::as_digested`).
    if digested != verdict.parts {
        verdict.as_digested = Some(digested);
    }
    // A SOAP message signed by Id (WS-Security) is about its Body: the signature must cover
    // the envelope's own Body, else the Body signed was moved away and another put in its
    // place (signature wrapping).
    if whole_refs == 0 {
        if let Some(body) = soap_body {
            let covered = body.is_ok_and(|b| covered_ids.iter().any(|(e, _)| std::ptr::eq(*e, b)));
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
    let qualifying = xades::check_covered(properties.as_ref(), &covered_ids)?;
    let mut covered = Vec::new();
    if whole_refs > 0 {
        covered.push(match (index, later, alone == Some(true)) {
            (0, 0, _) => "the document less this signature".to_string(),
            (0, n, _) => format!("the document less this signature and the {n} appended after it"),
            (_, _, true) => "the document less every signature (made beside the others)".to_string(),
            (_, 0, false) => "the document less this signature, the earlier signatures included".to_string(),
            (_, n, false) => format!(
                "the document less this signature and the {n} appended after it, the earlier signatures included"
            ),
        });
    }
    if !id_refs.is_empty() {
        covered.push(format!("the element(s) {}", id_refs.join(", ")));
    }
    if let Some(q) = qualifying {
        covered.push(q.to_string());
    }
    let covers = covered.join("; ");
    let passed_kind = |weak: bool| {
        if weak {
            ReasonKind::Weak
        } else {
            ReasonKind::Holds
        }
    };
    verdict.checks.push(Check::new(
        CheckName::Reference,
        Outcome::Passed,
        passed_kind(weak),
        format!(
            "{} reference(s) match: {covers}{}",
            references.len(),
            if weak {
                format!(" ({SHA1_WEAK})")
            } else {
                String::new()
            }
        ),
    ));
    verdict.covers = Some(covers);

    // The signature value, the signer.
    let algorithm = signature_method(sig_uri)?;
    let sha1 = algorithm == SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha1);
    if sha1 && !legacy_sha1 {
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
    let mut cert_elements = Vec::new();
    let mut token_refs: Vec<&str> = Vec::new();
    for key_info in children(sig, &scope, "KeyInfo") {
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
    let mut signer = None;
    let mut unsupported_reason = None;
    for (i, cert) in certs.iter().enumerate() {
        // The verifier's prepared copy of a key it has seen (a GOST key's comb table).
        let spki = cert.spki_sha256();
        let key = verifier.keys().share(cert.public_key(), spki);
        let check = if sha1 {
            signature::verify_rsa_sha1_legacy(&key, &canonical, &value)
        } else {
            signature::verify(&key, &algorithm, &canonical, &value)
        };
        match check {
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
                ReasonKind::Invalid,
                "the signature does not verify with any certificate of KeyInfo",
            ),
        });
    };
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
    let others: Vec<Certificate> = certs
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != i)
        .map(|(_, c)| c.clone())
        .collect();
    // XAdES: the signed properties (signing certificate, signing time), the signature
    // time-stamps; then the certificate condition at the time the policy picks.
    let mut claimed = None;
    let mut proven = None;
    if let Some(p) = &properties {
        verdict.checks.extend(p.signing_certificate_check(cert));
        if let Some((t, check)) = p.signing_time_check(time, expect.at) {
            claimed = t;
            verdict.checks.push(check);
        }
        let stamps = p.time_stamps(
            found,
            tokens_judged.get(),
            verifier,
            time,
            expect.at,
            &certs,
            cert_digests,
        );
        tokens_judged.set(tokens_judged.get() + p.token_count());
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
        (TimePolicy::ClaimedSigningTime, Some(t), _) => {
            at_time.at = t;
            at_time.time_source = crate::TimeSource::Claimed {
                checked_at: expect.at,
            };
            verdict.time_basis = TimeBasis::ClaimedSigningTime;
        }
        (TimePolicy::TimeStamp, _, Some(t)) => {
            at_time.at = t;
            at_time.time_source = crate::TimeSource::TimeStamp;
            verdict.time_basis = TimeBasis::TimeStamp;
        }
        _ => {}
    }
    verdict.at = at_time.at;
    let condition = verifier.check_certificate_with(cert, &at_time, &others);
    verdict.checks.extend(condition.checks.iter().cloned());
    verdict.certificate = Some(condition);
    Ok(())
}

/// Is this input XML text (after a byte-order mark and whitespace, a `<`)?
pub fn is_xml(input: &[u8]) -> bool {
    input
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input)
        .trim_ascii_start()
        .starts_with(b"<")
}
