//! Step 1 of judging a Signature: its References, what each covers, and whether that is
//! content (not only the signature's own parts), within the document's digest budget.

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::Arc;

use crate::condition::Verifier;
use crate::signature::HashAlgorithm;
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};
use crate::xmldsig::algorithms::SHA1_WEAK;
use crate::xmldsig::c14n::C14n;
use crate::xmldsig::dom::{Document, Element, Scope};
use crate::xmldsig::reference::{read_reference, Canon, RefSpec, SignedPart, Target};
use crate::xmldsig::verdict::XmlSignerVerdict;
use crate::xmldsig::xades::{self, Properties};
use crate::xmldsig::{children, failed, unsupported, Stop, DSIG_NS, MAX_REFERENCES, WSU_NS};

use super::{passed_kind, Place};

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
pub(super) struct OwnParts<'d> {
    pub(super) sig: &'d Element,
    /// As a set: each Id Reference asks of every element of its chain of ancestors whether
    /// it is one of them (a list of them was scanned for each: References x depth x
    /// Objects).
    pub(super) objects: HashSet<*const Element>,
    pub(super) qualifying: Option<&'d Element>,
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
pub(super) struct Covered<'d> {
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
    /// The `xades:SignedProperties` in what the References covered (their targets and the
    /// targets' descendants, the document's node-set for `URI=""`) that this signature
    /// answers for (`xades::answers_for`): each must be this signature's own. Distinct, and
    /// at most `MAX_COVERED_PROPERTIES` kept: with two, one is not its own already.
    signed_properties: Vec<&'d Element>,
    /// Whether the document's node-set was walked for a whole-document Reference (every
    /// one of the signature's digests the same node-set: walked once).
    walked_whole: bool,
    /// A Reference digested with SHA-1 (under the legacy switch).
    weak: bool,
    /// `verdict.parts` with each whole-document Reference's octets exactly as digested.
    digested: Vec<SignedPart>,
}

/// Step 1: every Reference of `signed_info` (whose scope is `scope`) matches, and what each
/// covers is recorded in `verdict.parts` (content only: not the signature's own parts).
pub(super) fn references<'d>(
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
                whole_reference(doc, place, own, &budget, &spec, i, &mut covered, verdict)?;
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
                // The Timestamps and XAdES properties in what it covered, the target's
                // descendants included.
                collect(el, ancestors, exclude, place, own, i, &mut covered)?;
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

/// Most distinct `wsu:Timestamp`s the document's References may cover (a WS-Security
/// message has one): more are not judged, the signature indeterminate.
const MAX_COVERED_STAMPS: usize = 16;
/// Most covered `xades:SignedProperties` kept per signature: two distinct already make the
/// signature fail (only one is its own), so any bound of two or more keeps the verdict.
const MAX_COVERED_PROPERTIES: usize = 8;

/// Records what Reference `i` covered under `top` (whose ancestors are `ancestors`, the
/// document element first): `top` and its descendants, less the subtrees of `exclude`
/// (the node-set its canonical form was made of). Every `wsu:Timestamp` in it goes to
/// `place.covered_stamps` (judged for the document: `soap::covered_timestamp_fault`),
/// every ETSI `SignedProperties` this signature answers for (`xades::answers_for`) to
/// `covered.signed_properties` (judged by `xades::check_covered`); one of another XAdES
/// version than 1.3.2 is not read: indeterminate.
///
/// Work: it visits exactly the elements the canonicalisation just rendered (and charged to
/// the document's digest budget, at least an element's start and end tags each), entering
/// their namespace declarations as that did: at most as much again as the digest, never a
/// walk the budget did not pay for.
fn collect<'d>(
    top: &'d Element,
    ancestors: &[&'d Element],
    exclude: &[&Element],
    place: &Place<'d, '_>,
    own: &OwnParts<'d>,
    i: usize,
    covered: &mut Covered<'d>,
) -> std::result::Result<(), Stop> {
    let mut walk = Walk {
        top,
        exclude,
        place,
        own,
        i,
        path: ancestors.to_vec(),
        scope: Scope::inside(ancestors),
        in_own: ancestors.iter().any(|a| std::ptr::eq(*a, own.sig)),
        in_signatures: 0,
    };
    walk.visit(top, covered)
}

/// The state of [`collect`]'s walk at one element.
struct Walk<'d, 'p, 'b> {
    top: &'d Element,
    exclude: &'p [&'p Element],
    place: &'p Place<'d, 'b>,
    own: &'p OwnParts<'d>,
    i: usize,
    /// The ancestors of the element visited, the document element first.
    path: Vec<&'d Element>,
    /// Its parent's scope.
    scope: Scope<'d>,
    /// Whether it is inside this signature's own ds:Signature element.
    in_own: bool,
    /// How many ds:Signature elements other than this one enclose it strictly below `top`:
    /// inside the covered node-set, where the signer signed them as signatures (an element
    /// above `top`, a wrapper, was never signed).
    in_signatures: usize,
}

impl<'d> Walk<'d, '_, '_> {
    fn visit(
        &mut self,
        el: &'d Element,
        covered: &mut Covered<'d>,
    ) -> std::result::Result<(), Stop> {
        if self.exclude.iter().any(|x| std::ptr::eq(*x, el)) {
            return Ok(());
        }
        let (ns, local) = el.expanded_in(&self.scope);
        match local {
            // A signed wsu:Timestamp bounds the message's life wherever it stands.
            "Timestamp" if ns == WSU_NS => {
                let mut stamps = self.place.covered_stamps.borrow_mut();
                if !stamps.iter().any(|(e, _)| std::ptr::eq(*e, el)) {
                    if stamps.len() >= MAX_COVERED_STAMPS {
                        return Err(unsupported(
                            CheckName::Reference,
                            format!(
                                "Reference #{} covers more than {MAX_COVERED_STAMPS} wsu:Timestamps in the document: not judged",
                                self.i + 1
                            ),
                        ));
                    }
                    stamps.push((el, self.path.clone()));
                }
            }
            // Signed XAdES properties are judged, never skipped nor handed out as content,
            // wherever an unsigned wrapper puts them or whatever covered element holds them.
            "SignedProperties" if ns.starts_with(xades::ETSI_XADES_PREFIX) => {
                let target = self.path.last().and_then(|parent| {
                    let (pns, plocal) = parent.expanded(&self.scope);
                    (pns.starts_with(xades::ETSI_XADES_PREFIX) && plocal == "QualifyingProperties")
                        .then(|| parent.attr("Target"))
                        .flatten()
                });
                if xades::answers_for(self.own.sig, self.in_own, self.in_signatures > 0, target) {
                    if ns != xades::XADES_NS {
                        return Err(unsupported(
                            CheckName::Reference,
                            format!(
                                "Reference #{} covers a SignedProperties of XAdES {ns}: only XAdES 1.3.2 is read",
                                self.i + 1
                            ),
                        ));
                    }
                    let kept = &mut covered.signed_properties;
                    if kept.len() < MAX_COVERED_PROPERTIES
                        && !kept.iter().any(|e| std::ptr::eq(*e, el))
                    {
                        kept.push(el);
                    }
                }
            }
            _ => {}
        }
        let own = std::ptr::eq(el, self.own.sig);
        let other_signature =
            !own && !std::ptr::eq(el, self.top) && (ns, local) == (DSIG_NS, "Signature");
        let was_own = self.in_own;
        self.in_own |= own;
        self.in_signatures += usize::from(other_signature);
        let mark = self.scope.enter(el);
        self.path.push(el);
        let mut out = Ok(());
        for child in el.elements() {
            out = self.visit(child, covered);
            if out.is_err() {
                break;
            }
        }
        self.path.pop();
        self.scope.leave(mark);
        self.in_signatures -= usize::from(other_signature);
        self.in_own = was_own;
        out
    }
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
/// by side with the earlier ones, the document less every signature. "Appended after" and
/// "beside" are only the signatures ending the document element (`Place::from_here`,
/// `Place::beside`): one inside the content is digested with it. Which reading is fixed by
/// the first whole-document Reference. The first signature's is the document less every
/// signature (`bare`, in C14N 1.0: made once) when every signature ends the document.
#[allow(clippy::too_many_arguments)]
fn whole_reference<'d>(
    doc: &'d Document,
    place: &Place<'d, '_>,
    own: &OwnParts<'d>,
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
    // The two readings leave out the same signatures for the first signature, and for one
    // not among the trailing run (nothing beside it may be left out): then one is tried.
    let tries: Vec<bool> = match covered.alone {
        Some(a) => vec![a],
        None if place.index > 0 && place.from_here.len() != place.beside.len() => {
            vec![false, true]
        }
        None if place.index > 0 => vec![false],
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
        let exclude = if a { place.beside } else { place.from_here };
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
        Some(a) => {
            covered.alone = Some(a);
            // The Timestamps and XAdES properties of the node-set digested: every element of
            // the document but the signatures left out.
            if !covered.walked_whole {
                covered.walked_whole = true;
                let exclude = if a { place.beside } else { place.from_here };
                collect(&doc.root, &[], exclude, place, own, i, covered)?;
            }
        }
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
pub(super) fn covered_content(
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
    let qualifying =
        xades::check_covered(properties, &covered.elements, &covered.signed_properties)?;
    let later = place.from_here.len().saturating_sub(1);
    let mut text = Vec::new();
    if covered.whole > 0 {
        text.push(match (place.index, later, covered.alone == Some(true)) {
            (0, 0, _) => "the document less this signature".to_string(),
            (0, n, _) => format!("the document less this signature and the {n} appended after it"),
            (_, _, true) if place.beside.len() == place.all.len() => {
                "the document less every signature (made beside the others)".to_string()
            }
            (_, _, true) => "the document less this signature and those ending the document element (made beside them)".to_string(),
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
