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
//! appended after it (proven on `../shared/nca-test-pki/xml/`). Only the signatures that
//! end the document element (its last children, whitespace and comments between them)
//! count as appended after it or made beside it: a signature anywhere else stands in the
//! content, and is left out of no digest but its own (the enveloped-signature transform).
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
//! genTime + accuracy at most the time checked, under [`TimePolicy::TimeStamp`]). Every
//! XAdES SignedProperties the References cover (a target or inside one, or in the document
//! a `URI=""` Reference digested) must be the signature's own, unless it is another
//! signature's, signed inside that signature (see `xades.rs`). Every `wsu:Timestamp` they
//! cover is judged (expired or ahead: refused; in a SOAP envelope it must be the
//! `wsse:Security` header's own). [`sign_with`] makes XAdES-B signatures and signs one
//! element by its Id.
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
mod carried;
pub(crate) mod dom;
mod judge;
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
use judge::{judge, Place};
pub use reference::SignedPart;
use reference::{referenced_ids, IdIndex};
pub use sign::{sign, sign_soap, sign_with, XmlSignOptions};
pub use verdict::{XmlOptions, XmlSignerVerdict, XmlVerdict};

use crate::certificate::Certificate;
use crate::cms::{SignerPolicy, TimeBasis, TimePolicy};
use crate::condition::{Expectation, Verifier};
use crate::error::Result;
use crate::signature::HashAlgorithm;
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

/// The signatures of `all` that end the document element: its last children, with only
/// whitespace and comments between and after them (where Kalkan appends each new
/// signer's signature). Only these may be left out of another signature's digest (as
/// appended after it, or made beside it); a signature anywhere else stands inside the
/// content another signature covered, and is part of what that signature digested.
fn trailing_signatures<'a>(doc: &'a Document, all: &[&'a Element]) -> Vec<&'a Element> {
    let mut scope = Scope::default();
    let _ = scope.enter(&doc.root);
    let mut run = Vec::new();
    for node in doc.root.children.iter().rev() {
        match node {
            dom::Node::Text(t) if t.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) => {}
            dom::Node::Comment(_) => {}
            dom::Node::Element(e)
                if e.expanded_in(&scope) == (DSIG_NS, "Signature")
                    && all.iter().any(|s| std::ptr::eq(*s, e)) =>
            {
                run.push(e)
            }
            _ => break,
        }
    }
    run
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
/// neither that nor the document less every signature fails its `reference` check. Only
/// the signatures ending the document element (its trailing `ds:Signature` children) are
/// "appended after" or "beside": another signer's signature put inside the content a
/// signature covered is part of that content, and the signature no longer holds.
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
        carried: None,
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
    let trailing = trailing_signatures(&doc, &all);
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
    // One meter for the document's signatures, as a CMS's signers share one: each KeyInfo
    // candidate tried and each signer's certificate condition (path building, CRL
    // signers) is charged to it, so 64 signatures of 16 candidates each get the work
    // `Limits` allows one document, not 64 documents' worth.
    let meter = crate::work::WorkMeter::new(crate::work::WorkLimits::of(
        &verifier.options().limits,
        false,
    ));
    let tokens_judged = std::cell::Cell::new(0usize);
    let cert_digests = crate::cms::CertDigests::default();
    // The digests of `bare` by hash: computed once however many signatures cover it.
    let bare_digests = std::cell::RefCell::new(Vec::new());
    let covered_stamps = std::cell::RefCell::new(Vec::new());
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
        // Left out of this signature's digest: itself and, of the others, only those of
        // the trailing run (appended after the content, where Kalkan puts them).
        let is_self_or_trailing =
            |j: usize, s: &&Element| j == i || trailing.iter().any(|t| std::ptr::eq(*t, *s));
        let from_here: Vec<&Element> = all
            .iter()
            .enumerate()
            .filter(|(j, s)| *j >= i && is_self_or_trailing(*j, s))
            .map(|(_, s)| *s)
            .collect();
        let beside: Vec<&Element> = all
            .iter()
            .enumerate()
            .filter(|(j, s)| is_self_or_trailing(*j, s))
            .map(|(_, s)| *s)
            .collect();
        if let Err(Stop(check, outcome, kind, reason, exhausted)) = judge(
            &doc,
            one,
            Place {
                index: i,
                from_here: &from_here,
                beside: &beside,
                all: &all,
                bare: &bare,
                bare_digests: &bare_digests,
                ids: &ids,
                legacy_sha1: options.legacy_sha1,
                time: options.time,
                budget: &budget,
                meter: &meter,
                tokens_judged: &tokens_judged,
                cert_digests: &cert_digests,
                soap_body,
                covered_stamps: &covered_stamps,
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
    // ahead of the time judged) the message is refused whatever its signatures say. The
    // Security header's Timestamp is judged, and so is every Timestamp a signature covered
    // (a Reference's target or inside it, or in the document a `URI=""` Reference
    // digested), wherever it stands (in an envelope it must be the Security header's own: a signed
    // Timestamp moved elsewhere, perhaps a fresh unsigned one in its place, is refused).
    let in_place = if verdict.soap {
        soap::timestamp_fault(&doc, expect.at)
    } else {
        None
    };
    let fault = in_place.or_else(|| {
        covered_stamps
            .borrow()
            .iter()
            .find_map(|(stamp, ancestors)| {
                soap::covered_timestamp_fault(stamp, ancestors, verdict.soap, expect.at)
            })
    });
    if let Some(fault) = fault {
        verdict.checks.push(fault);
        verdict.verdict = overall(&verdict.checks);
        verdict.refusal = Refusal::from_checks(&verdict.checks);
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
        // Each signature's known certificates: its signer's path and its time-stamps'.
        let known: Vec<carried::Known> = verdict
            .signers
            .iter()
            .map(|s| {
                let mut stamps = Vec::new();
                crate::verdict::CertificateVerdicts::certificate_verdicts(
                    &s.timestamps,
                    &mut stamps,
                );
                carried::Known {
                    path: s
                        .certificate
                        .as_ref()
                        .map(|v| v.path_certificates.clone())
                        .unwrap_or_default(),
                    stamps: stamps
                        .iter()
                        .flat_map(|v| v.path_certificates.iter().cloned())
                        .collect(),
                }
            })
            .collect();
        verdict.carried = carried::unsigned_content(&found, &ids, &known);
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

/// Is this input XML text (after a byte-order mark and whitespace, a `<`)?
pub fn is_xml(input: &[u8]) -> bool {
    input
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input)
        .trim_ascii_start()
        .starts_with(b"<")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signatures of `xml` (document order) and which of them end the document
    /// element.
    fn trailing_of(xml: &str) -> Vec<bool> {
        let doc = dom::parse(xml.as_bytes()).unwrap();
        let mut found = Vec::new();
        find_signatures(
            &doc.root,
            &mut Scope::default(),
            &mut Vec::new(),
            &mut found,
            &mut 0,
        );
        let all: Vec<&Element> = found.iter().map(|f| f.signature).collect();
        let trailing = trailing_signatures(&doc, &all);
        all.iter()
            .map(|s| trailing.iter().any(|t| std::ptr::eq(*t, *s)))
            .collect()
    }

    /// Only the `ds:Signature` children ending the document element (whitespace and
    /// comments between them) may be left out of another signature's digest: one inside
    /// the content, or followed by content, is part of it.
    #[test]
    fn only_the_signatures_ending_the_document_element_are_trailing() {
        let s = format!("<ds:Signature xmlns:ds=\"{DSIG_NS}\"/>");
        let d = format!("<Signature xmlns=\"{DSIG_NS}\"/>");
        // Kalkan's: appended one after the other, whitespace and comments between.
        assert_eq!(
            trailing_of(&format!("<a><b/>{s}\n<!-- c -->\n{d}\n</a>")),
            [true, true]
        );
        // At the top of the content, or inside an element of it: not trailing.
        assert_eq!(trailing_of(&format!("<a>{s}<b/>{d}</a>")), [false, true]);
        assert_eq!(trailing_of(&format!("<a><b>{s}</b>{d}</a>")), [false, true]);
        // Followed by text or an element: none is.
        assert_eq!(trailing_of(&format!("<a><b/>{s}{d}x</a>")), [false, false]);
        assert_eq!(
            trailing_of(&format!("<a><b/>{s}{d}<c/></a>")),
            [false, false]
        );
        // Another namespace's Signature is not one.
        assert_eq!(
            trailing_of(&format!("<a><b/>{s}<Signature xmlns=\"urn:x\"/></a>")),
            [false]
        );
    }
}
