//! The checks of one enveloped `ds:Signature`, in the order a verifier must make them:
//!
//! 1. its References ([`references()`]: each to the whole document as it stood when the
//!    signature was made, or to one element by Id), what they cover, and whether that is
//!    content (a SOAP message's Body; not only the signature's own parts);
//! 2. the signer ([`key_info_certificates`], [`signed_info_signer`]): the certificate of
//!    `ds:KeyInfo` (or a WS-Security token) whose key verifies the canonical SignedInfo;
//! 3. its time and the certificate condition ([`condition`]): XAdES signed properties and
//!    signature time-stamps, then the signer's certificate at the time the policy picks.
//!
//! A step that cannot prove what it must stops the signature's checks with a [`Stop`].

use std::cell::Cell;

use super::algorithms::{signature_method, SHA1_WEAK};
use super::c14n::C14n;
use super::dom::{Document, Element, Scope};
use super::reference::{Canon, IdIndex};
use super::verdict::XmlSignerVerdict;
use super::xades::{self, Properties};
use super::{algorithm, base64, children, one, unsupported, Found, Stop};
use crate::certificate::Certificate;
use crate::cms::{TimeBasis, TimePolicy};
use crate::condition::{Expectation, Verifier};
use crate::signature::{HashAlgorithm, SignatureAlgorithm};
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};
use crate::work::WorkMeter;

mod references;
mod signer;

use references::{covered_content, references, OwnParts};
use signer::{key_info_certificates, signed_info_signer};

/// Where a Signature stands among the document's: its `index`, itself and the Signatures
/// appended after it (`from_here`, itself first: the signatures after it in document
/// order among the trailing run that ends the document element), itself and every
/// signature of that trailing run (`beside`), and the canonical document less every
/// Signature (`bare`). A signature that is not in the trailing run (one inside the
/// content) is never left out of another's digest: it is part of what that one covered.
#[derive(Clone, Copy)]
pub(super) struct Place<'d, 'b> {
    pub index: usize,
    pub from_here: &'b [&'d Element],
    pub beside: &'b [&'d Element],
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
    /// The `wsu:Timestamp`s the document's References covered so far (a target, any of its
    /// descendants, any element of a whole-document Reference's node-set), each with its
    /// ancestors (the document element first): their freshness and place are judged for
    /// the document (`soap::covered_timestamp_fault`).
    pub covered_stamps: &'b std::cell::RefCell<Vec<(&'d Element, Vec<&'d Element>)>>,
    /// In a SOAP envelope, its one Body (or why there is not one): what a signature by Id
    /// must cover there.
    pub soap_body: Option<std::result::Result<&'d Element, &'static str>>,
}

pub(super) fn passed_kind(weak: bool) -> ReasonKind {
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
    // What a valid token proves counts under every policy (as in CMS, reviews 103, 105).
    if let (Some(t), false) = (proven, verdict.time_basis == TimeBasis::TimeStamp) {
        let fails = crate::cms::predates_certificate(cert.not_before(), t);
        verdict.checks.extend(fails);
    }
}
