//! Review 58 (hostile, within the hour of the fix): e808c1f (an anchor that is not a root
//! is asked of the evidence held, `PathBuilder::build_beyond_anchor`,
//! `Verifier::anchor_revoked`) attacked. Method: the same evidence judged twice, the
//! root alone trusted (the issuing CA offered) and the root and the issuing CA both
//! trusted; trusting one more certificate must never turn a verdict that is not valid
//! into valid.
//!
//! Findings (all fixed; the tests renamed, each marked "Found by review 58"):
//! 1. (fixed) `an_anchor_ca_compromised_after_the_time_judged_signs_no_crl_relied_on` (was
//!    `defect_an_anchor_ca_compromised_after_the_time_judged_still_signs_the_crl_relied_on`):
//!    the root's CRL revokes nca_rsa for cACompromise dated after the time judged; root
//!    alone: Indeterminate (a key lost whenever signs no CRL relied on); nca_rsa trusted
//!    too: VALID, the anchor's key trusted as given (src/revocation/status/key.rs:174).
//! 2. (fixed) `an_ocsp_good_signed_by_an_anchor_ca_compromised_later_is_not_relied_on` (was
//!    `defect_an_ocsp_good_signed_by_an_anchor_ca_compromised_later_is_relied_on`): the same
//!    for an OCSP "good" the anchor signs (src/revocation/status/responder.rs:54).
//! 3. (fixed) `a_hold_of_an_anchor_ca_not_proven_lifted_leaves_it_unknown` (was
//!    `defect_a_hold_of_an_anchor_ca_not_proven_lifted_is_trusted_as_given`): a hold of
//!    the anchor CA by the root (stale CRL; at a claimed time by CRL or OCSP): root alone
//!    Indeterminate, nca_rsa trusted too VALID (src/condition/revocation.rs:238/244).
//! 4. (fixed) `a_revoked_link_certificate_of_a_rekeyed_root_counts` (was
//!    `defect_a_revoked_link_certificate_of_a_rekeyed_root_is_trusted_as_given`): a
//!    re-keyed root's link certificate (self-issued by name, signed by the old root key)
//!    trusted and revoked by the old root for keyCompromise: what the new key issued is
//!    VALID; "a root" is told by name (src/chain/mod.rs:421).
//! 5. (fixed) `a_budget_refusing_the_path_beyond_an_anchor_leaves_it_unknown` (was
//!    `defect_a_budget_refusing_the_path_beyond_an_anchor_leaves_it_valid`): a revoked
//!    signer certificate pinned as an anchor is VALID when the document's work budget
//!    refuses the path beyond it or the CRL's signature (src/chain/mod.rs:435,
//!    src/condition/revocation.rs:244): the budget decides, where it must only refuse.
//!
//! Held: an anchor CA revoked only by the root's OCSP response, by a root-delegated
//! responder, by a root delta CRL; a hold by a fresh root CRL, lifted by a delta
//! (removeFromCRL); given, time-stamped and claimed times before and after a revocation
//! dated before the time (cACompromise) or for superseded; a document's certificates (a
//! forged "root" of the root's name) neither revoke an anchor nor lift its revocation.

mod common;

use common::anchors::{describe, nca, nca_serial, with_nca_crl as builder};
use common::evidence as ev;
use common::forge::{self, int, CrlSpec, Tbs};
use common::pki;
use qoltanba::revocation::{Crl, OcspResponse};
use qoltanba::{Certificate, Expectation, Judged as _, Limits, Overall, Verifier};

const CA_COMPROMISE: u8 = 2;
const SUPERSEDED: u8 = 4;
const REMOVE_FROM_CRL: u8 = 8;

/// `individual_sign.cer` judged under `e` with this evidence: (the root alone trusted,
/// nca_rsa offered), (the root and nca_rsa both trusted).
fn twice(crls: &[Vec<u8>], responses: &[Vec<u8>], e: &Expectation) -> (String, String, bool, bool) {
    let target = ev::target();
    let alone = builder(&[], &[nca()], crls, responses)
        .build()
        .check_certificate(&target, e);
    let both = builder(&[nca()], &[], crls, responses)
        .build()
        .check_certificate(&target, e);
    (
        describe(&alone),
        describe(&both),
        alone.is_valid(),
        both.is_valid(),
    )
}

/// Trusting nca_rsa beside the root must not make valid what the root alone does not:
/// what it did, described, when it did.
fn gain(what: &str, crls: &[Vec<u8>], responses: &[Vec<u8>], e: &Expectation) -> Option<String> {
    let (alone, both, a, b) = twice(crls, responses, e);
    (b && !a).then(|| {
        format!(
            "{what}: the root alone trusted gives\n{alone}\nbut with nca_rsa trusted too:\n{both}"
        )
    })
}

/// A root CRL numbered `number`, `this`..`next`, these entries about nca_rsa.
fn root_crl(number: u8, this: &str, next: &str, entries: &[(&str, u8)]) -> Vec<u8> {
    ev::root().crl(
        &CrlSpec::complete(number, this, next).entries(
            entries
                .iter()
                .map(|(d, r)| ev::entry_for(&nca_serial(), d, *r))
                .collect(),
        ),
    )
}

/// A root OCSP response (signed by the root itself) about nca_rsa.
fn root_ocsp(status: &[u8], this: &str, next: Option<&str>) -> Vec<u8> {
    ev::by_issuer(
        &ev::cert("root.cer"),
        "root.key.pem",
        &nca_serial(),
        status,
        this,
        next,
    )
}

// --- OCSP, delta CRLs, holds --------------------------------------------------------------

/// nca_rsa revoked (cACompromise) only by an OCSP response the root signed.
#[test]
fn held_an_anchor_ca_revoked_only_by_the_roots_ocsp_response() {
    let r = root_ocsp(
        &ev::revoked("20261105000000Z", Some(CA_COMPROMISE)),
        "20261120000000Z",
        Some("20261220000000Z"),
    );
    let (alone, both, a, b) = twice(&[], &[r], &ev::at_t());
    assert!(!a, "{alone}");
    assert!(!b, "revoked by the root's OCSP response, yet: {both}");
}

/// nca_rsa revoked (cACompromise) only by an OCSP response of a responder the root
/// delegated (a re-issue of `ocsp_responder.cer` by the root).
#[test]
fn held_an_anchor_ca_revoked_by_a_root_delegated_responder() {
    let responder = ev::root().reissue(ev::cert("ocsp_responder.cer").der(), |t| {
        t.serial = int(&[0x58, 0x01]);
    });
    let rc = Certificate::from_der(&responder).unwrap();
    let single = ev::single_of(
        &ev::cert("root.cer"),
        &nca_serial(),
        &ev::revoked("20261105000000Z", Some(CA_COMPROMISE)),
        "20261120000000Z",
        Some("20261220000000Z"),
    );
    let r = ev::response(
        rc.subject().der(),
        &ev::key("ocsp_responder.key.pem"),
        "20261120000000Z",
        &[single],
        std::slice::from_ref(&responder),
    );
    let (alone, both, a, b) = twice(&[], &[r], &ev::at_t());
    assert!(!a, "{alone}");
    assert!(!b, "revoked by the root's delegated responder, yet: {both}");
}

/// nca_rsa revoked only by a delta CRL of the root over a complete CRL that omits it.
#[test]
fn held_an_anchor_ca_revoked_by_a_delta_crl_of_the_root() {
    let base = root_crl(20, "261101000000Z", "270101000000Z", &[]);
    let delta = ev::root().crl(
        &CrlSpec::delta(21, 20, "261120000000Z", "261220000000Z").entries(vec![ev::entry_for(
            &nca_serial(),
            "261105000000Z",
            CA_COMPROMISE,
        )]),
    );
    let (alone, both, a, b) = twice(&[base, delta], &[], &ev::at_t());
    assert!(!a, "{alone}");
    assert!(!b, "revoked by the root's delta CRL, yet: {both}");
}

/// nca_rsa on hold by the root's fresh CRL at the time judged; and a hold the root's
/// delta CRL lifts (removeFromCRL): valid again.
#[test]
fn held_an_anchor_ca_on_hold_and_the_hold_lifted_by_a_delta() {
    let hold = root_crl(
        20,
        "261120000000Z",
        "261220000000Z",
        &[("261119000000Z", ev::HOLD)],
    );
    let (_, both, _, b) = twice(std::slice::from_ref(&hold), &[], &ev::at_t());
    assert!(!b, "on hold by a fresh root CRL, yet: {both}");
    let lifted = ev::root().crl(
        &CrlSpec::delta(21, 20, "261121000000Z", "261220000000Z").entries(vec![ev::entry_for(
            &nca_serial(),
            "261119000000Z",
            REMOVE_FROM_CRL,
        )]),
    );
    let (alone, both, a, b) = twice(&[hold, lifted], &[], &ev::at_t());
    assert_eq!(a, b, "alone: {alone}\nboth: {both}");
}

/// nca_rsa (trusted beside the root) listed on hold by the root, the hold not proven
/// lifted at the time judged: a stale root CRL listing the hold (given time); a root OCSP
/// response listing it on hold at a claimed time; a fresh root CRL listing it on hold since
/// before a claimed time. The root alone trusted: the CA's status is unknown and, a hold
/// seen, not a CA "not checked": Indeterminate. nca_rsa trusted too: VALID, the
/// suspension held against the CA dropped as "unknown, trusted as given".
/// Was WRONG: src/condition/revocation.rs:244 (`anchor_revoked` counts `CertStatus::Revoked`
/// only; the `hold_seen` the path loop weighs at :96-100/:159-166 is thrown away at :238,
/// `&mut false`). Should be: a hold listed by a trusted issuer's proven evidence and not
/// proven lifted leaves the anchor's status unknown (Indeterminate), as for the same CA
/// under the root alone; only an anchor no evidence speaks of is trusted as given.
/// Found by review 58 (was a defect). Fixed: a status of the anchor left unknown by a hold
/// seen (or by the work budget) leaves the revocation check unknown
/// (`Verifier::against_anchor`).
#[test]
fn a_hold_of_an_anchor_ca_not_proven_lifted_leaves_it_unknown() {
    let mut gained = Vec::new();
    // The root's CRL #20 (11-20..11-21, stale at 11-23) lists nca_rsa on hold since 11-19.
    let stale = root_crl(
        20,
        "261120000000Z",
        "261121000000Z",
        &[("261119000000Z", ev::HOLD)],
    );
    gained.extend(gain(
        "a stale CRL hold, given time",
        &[stale],
        &[],
        &ev::at_t(),
    ));
    // At a claimed time (11-10, checked 11-23), a root OCSP response: on hold since 11-09.
    let r = root_ocsp(
        &ev::revoked("20261109000000Z", Some(ev::HOLD)),
        "20261122000000Z",
        Some("20261220000000Z"),
    );
    gained.extend(gain("an OCSP hold, claimed time", &[], &[r], &ev::claim()));
    // At a claimed time (11-23, checked 11-30), a fresh root CRL: on hold since 11-05.
    let hold = root_crl(
        20,
        "261126000000Z",
        "261226000000Z",
        &[("261105000000Z", ev::HOLD)],
    );
    gained.extend(gain(
        "a CRL hold, claimed time",
        &[hold],
        &[],
        &ev::claimed(ev::AT, ev::CHECKED),
    ));
    assert!(gained.is_empty(), "{}", gained.join("\n\n"));
}

/// The same evidence at a time-stamped and at a claimed time, before and after the
/// revocation date, for compromise and for superseded: the anchor is judged as the root
/// alone judges the CA (a compromise dated after the time judged aside: the defect
/// below).
#[test]
fn held_times_stamped_and_claimed_around_the_anchors_revocation() {
    let mut gained = Vec::new();
    for (date, reason) in [
        ("261105000000Z", CA_COMPROMISE),
        ("261105000000Z", SUPERSEDED),
        ("261125000000Z", SUPERSEDED),
    ] {
        let crl = root_crl(20, "261126000000Z", "261226000000Z", &[(date, reason)]);
        for (label, e) in [
            ("given", ev::at_t()),
            ("stamped", ev::stamped()),
            ("claimed", ev::claimed(ev::AT, ev::CHECKED)),
        ] {
            let (alone, both, a, b) = twice(std::slice::from_ref(&crl), &[], &e);
            if b && !a {
                gained.push(format!("{label} {date} reason {reason}:\n{alone}\n{both}"));
            }
        }
    }
    assert!(gained.is_empty(), "{}", gained.join("\n\n"));
}

/// The root's CRL #20 (issued 11-26) revokes nca_rsa for cACompromise since 11-25, after
/// the time judged (11-23; given, and time-stamped). The root alone trusted: the CA's key
/// "may have been compromised, whenever, signs no CRL relied on", so its CRL #100 proves
/// nothing and the signer's status is unknown (Indeterminate). With nca_rsa trusted too,
/// the same CRL #100 is relied on and the verdict is VALID: `anchor_revoked` asks the
/// anchor's status at the time judged only (not revoked then), and every signer proof
/// trusts the anchor's key as given, proven compromise or not.
/// Was WRONG: src/revocation/status/key.rs:174 (`key_verdict`: `key_cert.key_id() ==
/// anchor.key_id()` returns `None`, no distrust asked), reached from
/// src/revocation/status/signer.rs:171 (the path issuer, the anchor, as CRL signer); the
/// same for an OCSP response the anchor signs, src/revocation/status/responder.rs:54.
/// Should be: the anchor's key is trusted as given only while nothing proven (the CRLs and
/// responses of the issuer `build_beyond_anchor` proves) lists it for a possible
/// compromise: not valid, as with the root alone.
/// Found by review 58 (was a defect). Fixed: the key of an anchor that is not a root is
/// asked of its trusted issuer's evidence (`StatusContext::anchor_key_distrust`): a
/// revocation that may hide a compromise, whenever dated, leaves the revocation check
/// unknown.
#[test]
fn an_anchor_ca_compromised_after_the_time_judged_signs_no_crl_relied_on() {
    let crl = root_crl(
        20,
        "261126000000Z",
        "261226000000Z",
        &[("261125000000Z", CA_COMPROMISE)],
    );
    let mut gained = Vec::new();
    for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
        let (alone, both, a, b) = twice(std::slice::from_ref(&crl), &[], &e);
        assert!(!a, "{alone}");
        if b {
            gained.push(format!("{label}: {both}"));
        }
    }
    assert!(
        gained.is_empty(),
        "the anchor's key is revoked for cACompromise by the root's CRL, yet its CRL #100 decides:\n{}",
        gained.join("\n")
    );
}

/// The same through OCSP: the only evidence on the signer is a "good" nca_rsa itself
/// signed; the root's CRL revokes nca_rsa for cACompromise after the time judged. The
/// root alone: the "good" is refused (its signer's key may be lost), Indeterminate; with
/// nca_rsa trusted too: VALID.
/// Was WRONG: src/revocation/status/responder.rs:54 (`ocsp_signer_distrust`: the anchor's key
/// returns `None`). Should be: not valid.
/// Found by review 58 (was a defect). Fixed: the same distrust of the anchor's key
/// (`Verifier::against_anchor`): nothing it signs, an OCSP "good" included, proves the
/// status.
#[test]
fn an_ocsp_good_signed_by_an_anchor_ca_compromised_later_is_not_relied_on() {
    let crl = root_crl(
        20,
        "261126000000Z",
        "261226000000Z",
        &[("261125000000Z", CA_COMPROMISE)],
    );
    let good = ev::by_issuer(
        &nca(),
        "nca_rsa.key.pem",
        &ev::serial(),
        &ev::good(),
        "20261122000000Z",
        Some("20261130000000Z"),
    );
    let judge = |anchors: &[Certificate], inter: &[Certificate]| {
        let mut b = Verifier::builder().trust_path(pki("root.cer")).unwrap();
        for a in anchors {
            b = b.trust(a.clone()).unwrap();
        }
        for i in inter {
            b = b.intermediate(i.clone()).unwrap();
        }
        b.crl(Crl::from_der(crl.clone()).unwrap())
            .unwrap()
            .ocsp(OcspResponse::from_der(&good).unwrap())
            .unwrap()
            .build()
            .check_certificate(&ev::target(), &ev::at_t())
    };
    let alone = judge(&[], &[nca()]);
    assert!(!alone.is_valid(), "{}", describe(&alone));
    let both = judge(&[nca()], &[]);
    assert!(
        !both.is_valid(),
        "an OCSP good signed with a key revoked for cACompromise decides once the key is an anchor: {}",
        describe(&both)
    );
}

// --- a re-keyed root: the link certificate ------------------------------------------------

/// A root re-keyed: the link certificate NewWithOld (subject and issuer the root's name,
/// the new key, signed by the old root key), trusted beside the old root (a trust folder
/// holding the NCA's certificates), a signer's certificate issued under the new key. The
/// old root's CRL revokes the link for keyCompromise since 11-05: the new key is lost, and
/// what it issued is not to be relied on. VALID: the link is self-issued by name, so no
/// path beyond it is sought and its revocation, proven by a trusted root's CRL, is never
/// asked.
/// Was WRONG: src/chain/mod.rs:421 (`build_beyond_anchor`: `anchor.issuer().key() ==
/// anchor.subject().key()` returns `None`: "a root" is told by name, not by its signature).
/// Should be: an anchor is a root only when self-signed (its own key verifies it); a
/// self-issued anchor signed by another anchor's key is asked of that anchor's evidence
/// (the path beyond it built as for any other anchor): not valid.
/// Found by review 58 (was a defect). Fixed: a root is an anchor that is self-issued AND
/// self-signed (its own signature checked once when the verifier is built,
/// `SignatureCache::check_self_issued`); a link certificate's issuer is sought like any
/// anchor's.
#[test]
fn a_revoked_link_certificate_of_a_rekeyed_root_counts() {
    // The new key: the test PKI's nca_rsa key (any key the tests hold).
    let link_der = ev::root().reissue(ev::cert("root.cer").der(), |t| {
        t.serial = int(&[0x58, 0x4c]);
        t.spki = Tbs::of(nca().der()).spki;
    });
    let link = Certificate::from_der(&link_der).unwrap();
    assert_eq!(
        link.issuer().key(),
        link.subject().key(),
        "self-issued by name"
    );
    let new_root = forge::Ca {
        cert: link_der.clone(),
        key: ev::key("nca_rsa.key.pem"),
    };
    let signer = Certificate::from_der(
        &new_root.reissue(ev::target().der(), |t| t.serial = int(&[0x58, 0x01])),
    )
    .unwrap();
    // The new key's CRL (complete, empty): the signer not revoked.
    let new_crl = new_root.crl(&CrlSpec::complete(21, "261120000000Z", "261220000000Z"));
    // The old root's CRL: the link revoked for keyCompromise.
    let old_crl = ev::root().crl(
        &CrlSpec::complete(20, "261120000000Z", "261220000000Z").entries(vec![ev::entry_for(
            link.serial(),
            "261105000000Z",
            ev::KEY_COMPROMISE,
        )]),
    );
    let judge = |crls: &[Vec<u8>]| {
        builder(std::slice::from_ref(&link), &[], crls, &[])
            .build()
            .check_certificate(&signer, &ev::at_t())
    };
    // Control: with the new key's CRL alone, the signer is valid (the path is the signer
    // and the link).
    let control = judge(std::slice::from_ref(&new_crl));
    assert!(control.is_valid(), "{}", describe(&control));
    let verdict = judge(&[new_crl, old_crl]);
    assert!(
        !verdict.is_valid(),
        "the old root's CRL revokes the link certificate (keyCompromise), yet: {}",
        describe(&verdict)
    );
}

// --- the work budget ------------------------------------------------------------------------

/// `revoked.cer` pinned as an anchor (its issuer's CRL, held and proven, lists it): not
/// valid at any document budget. Work refused must leave the revocation unknown, never
/// decide it "trusted as given" (src/work.rs: "a document that runs out is
/// indeterminate, never valid"). Now: with `document_path_steps` 0-2 or
/// `document_signatures` 0-1, VALID ("trusted as given (no revocation of it proven)"); in
/// a CMS the meter is shared by every signer and token of the document, so what a document
/// spends before decides whether the pinned signer's revocation counts.
/// Was WRONG: src/chain/mod.rs:435 (`build_beyond_anchor`: `Step::Exhausted` is `None`, as if
/// no path existed) and src/condition/revocation.rs:244 (`anchor_revoked`: a status left
/// unknown because the meter refused is dropped; the path loop keeps it unknown, :132 and
/// :164). Should be: an anchor whose path beyond, or whose status on it, the budget refused
/// leaves the revocation check unknown, `exhausted_by` the meter (Indeterminate).
/// Found by review 58 (was a defect). Fixed: `build_beyond_anchor` tells a refusal of the
/// budget (`Beyond::Exhausted`) from no path, and a refusal leaves the revocation check
/// unknown, `exhausted_by` the meter.
#[test]
fn a_budget_refusing_the_path_beyond_an_anchor_leaves_it_unknown() {
    let revoked = ev::cert("revoked.cer");
    let pinned = |limits: Limits| {
        builder(std::slice::from_ref(&revoked), &[nca()], &[], &[])
            .limits(limits)
            .build()
            .check_certificate(&revoked, &ev::at_t())
    };
    let full = pinned(Limits::default());
    assert_eq!(full.overall(), Overall::Invalid, "{}", describe(&full));
    let mut found = Vec::new();
    for n in 0..=12 {
        let mut l = Limits::default();
        l.document_path_steps = n;
        let v = pinned(l);
        if v.is_valid() {
            found.push(format!("document_path_steps {n}: {}", describe(&v)));
        }
        let mut l = Limits::default();
        l.document_signatures = n;
        let v = pinned(l);
        if v.is_valid() {
            found.push(format!("document_signatures {n}: {}", describe(&v)));
        }
    }
    assert!(
        found.is_empty(),
        "a revoked pinned certificate is VALID once the work runs out:\n{}",
        found.join("\n")
    );
}

// --- the document's certificates -----------------------------------------------------------

/// A document's certificates neither revoke an anchor nor lift its revocation: a forged
/// "root" (the root's name, another key) with a CRL of that key revoking nca_rsa revokes
/// nothing; offered beside the genuine revocation, it does not lift it.
#[test]
fn held_the_documents_certificates_neither_revoke_nor_lift_an_anchor() {
    let fake_root = ev::forger().reissue(ev::cert("root.cer").der(), |t| {
        t.serial = int(&[0x58, 0x0f]);
        t.issuer = Tbs::of(ev::cert("root.cer").der()).subject;
        t.spki = Tbs::of(ev::cert("individual_sign.cer").der()).spki;
    });
    let fake_root = Certificate::from_der(&fake_root).unwrap();
    let fake = forge::Ca {
        cert: fake_root.der().to_vec(),
        key: ev::key("individual_sign.key.pem"),
    };
    let fake_crl = fake.crl(
        &CrlSpec::complete(30, "261120000000Z", "261220000000Z").entries(vec![ev::entry_for(
            &nca_serial(),
            "261105000000Z",
            CA_COMPROMISE,
        )]),
    );
    let target = ev::target();
    let v = builder(&[nca()], &[], &[fake_crl], &[]).build();
    let verdict = v.check_certificate_with(&target, &ev::at_t(), std::slice::from_ref(&fake_root));
    assert!(
        verdict.is_valid(),
        "a forged root's CRL revoked an anchor: {}",
        describe(&verdict)
    );
    let genuine = root_crl(
        20,
        "261120000000Z",
        "261220000000Z",
        &[("261105000000Z", CA_COMPROMISE)],
    );
    let v = builder(&[nca()], &[], &[genuine], &[]).build();
    let verdict = v.check_certificate_with(&target, &ev::at_t(), &[fake_root]);
    assert!(
        !verdict.is_valid(),
        "lifted by a forged root: {}",
        describe(&verdict)
    );
}
