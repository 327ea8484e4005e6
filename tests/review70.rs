//! Review 70 (hostile, within the hour of the fixes): `Verifier::best_path` as 5c521e3 left
//! it (src/condition/alternatives.rs: review 69's fixes: a failure that "holds on every
//! path" (`holds_on_every_path`: `report.statuses[0]` revoked for any reason, or
//! `statuses[1]` revoked for a reason that may hide a compromise) is final; a search its
//! cap or a budget cut short, whose best is a failure, is unknown).
//!
//! Settings:
//! - "Mid" (`mid_verifier`): the root trusted; M ("Review70 Mid", a CA of the root,
//!   ocsp_responder's key) and nca_rsa.cer offered; A (M's certificate of nca_rsa's name
//!   and key) trusted too, or not; nca_rsa's current CRL (the target good) and the root's
//!   CRL #21 listing M (or not). The target has two paths: [target, A] (A an anchor that is
//!   not a root: its issuer's evidence counts against it, `against_anchor`, reviews 56-61)
//!   and [target, nca_rsa.cer, root].
//! - "Bridge" (`bridge_verifier`, as review 69's): the root and a bridge trusted, XB (the
//!   bridge's cross-certificate of nca_rsa: same name and key) in the document.
//!
//! Findings (all four fixed the same session; each test asserts the right verdict):
//! 1. (fixed) `a_compromise_of_the_anchors_issuer_is_not_taken_for_the_issuers` (was
//!    `defect_a_compromise_of_the_anchors_issuer_is_taken_for_the_issuers`) (false INVALID;
//!    trusting one more anchor turns VALID into INVALID). Mid setting, the root lists M for
//!    keyCompromise, cACompromise or unspecified. Root only trusted: VALID (through
//!    nca_rsa.cer). A trusted too: INVALID at the given, stamped and claimed times: "CA
//!    Review70 Mid, issuer of trust anchor ..., is revoked", the verdict's statuses
//!    [target, M]. The first path is [target, A]; its revocation check pushes the target's
//!    status, then `against_anchor` pushes the statuses of the path BEYOND the anchor, but
//!    only those revoked or in doubt (src/condition/revocation/anchor.rs:117-127: a good
//!    anchor `continue`s without a status), so `statuses[1]` is M's, the issuer of the
//!    anchor, not the target's issuer's. `holds_on_every_path`
//!    (src/condition/alternatives.rs:57-67, `.take(2)`, "i == 1 is the issuer") reads M's
//!    compromise as a compromise of the target's issuer key and returns the first path as
//!    final (alternatives.rs:84): the path [target, nca_rsa.cer, root], which M is not on
//!    and which holds (nca_rsa's key is not lost: `key_lost_elsewhere` asks A's own status,
//!    not M's), is never built. With M superseded instead (not a compromise) the search
//!    runs and finds it: VALID (`held_a_superseded_issuer_of_the_anchor_is_routed_around`).
//!    Fix: judge "every path" by identity, not by position: the issuer's status is the one
//!    whose certificate is `path.certificates()[1]` (or the key `certificates()[0]`'s
//!    issuer carries), e.g. record in `RevocationReport` how many statuses the path's own
//!    loop pushed (revocation.rs:101-213) before `against_anchor`'s, and look at the
//!    target's and its issuer's only; for a path [target, anchor] the anchor's own
//!    status (anchor.rs, `j == 0`), never one of the path beyond it.
//! 2. (fixed) `a_path_build_budget_cut_in_the_search_is_marked_exhausted` (was
//!    `defect_a_path_build_budget_cut_in_the_search_is_not_marked_exhausted`) (the verdict
//!    does not say a limit cut it short). Bridge setting, nca_rsa.cer superseded, 300 junk
//!    CAs of nca_rsa's name before XB: INDETERMINATE (right, review 69), its revocation
//!    check reading "(path building budget exhausted)", yet `kind()` StatusUnknown and
//!    `exhausted()` None (the Kazakh and Russian texts say "status unknown", the JSON no
//!    limit). The chain check marks the very same failure `exhausted_by(f.exhausted)`
//!    (src/condition.rs:294). Cause: alternatives.rs:133-135 keeps only the failed
//!    build's `f.reason` and drops `f.exhausted` (`Exhausted::PathBuild`), and :172 takes
//!    the kind from the document's meter alone (not spent here). Fix: keep the first
//!    `f.exhausted` with `cut_short` and mark `exhausted_by(meter kind or that)`; the cap
//!    of 8 (not a `Limits` budget) stays unmarked.
//! 3. (fixed) `a_weak_key_path_met_first_among_the_alternatives_is_routed_around` (was
//!    `defect_a_weak_key_path_met_first_among_the_alternatives_decides_invalid`) (false
//!    INVALID; the order of the document's certificates decides, what review 67 set out
//!    to end). Bridge setting, nca_rsa.cer superseded, W ("Review70 Weak CA", a CA of the
//!    root with the RSA-1024 key of `weak/rsa1024_ca`) offered, XW (W's certificate of
//!    nca_rsa's name and key, signed by `openssl`: the library's signing keys refuse
//!    RSA-1024; the test needs `openssl` on PATH) and XB in the document, the default
//!    (modern) key policy. XB before XW: VALID; XW before XB: INVALID ("CA Review70 Weak
//!    CA: RSA-1024 key: below the 2048-bit minimum") at every time. Cause:
//!    alternatives.rs:163-167 ranks a path by its revocation check alone and returns the
//!    first that passes; the key strength of the chosen path is judged after
//!    (src/condition.rs, `key_strength_check` on the chosen path), so XW's path, met
//!    first, is chosen and fails the verdict while XB's path, which holds, is never built.
//!    Fix: a path the key policy refuses is not a passing alternative: judge each
//!    alternative's key strength (the other path-dependent checks) before accepting it,
//!    or skip such keys in the builder under the policy, so the search goes on to XB.
//!
//! 4. (fixed) `a_weak_key_certificate_placed_first_in_the_document_is_routed_around` (was
//!    `defect_a_weak_key_certificate_placed_first_in_the_document_decides_invalid`) (false
//!    INVALID a relay can cause by ordering, no revocation involved): the root and the
//!    bridge trusted, W offered, nothing revoked, nca_rsa.cer and XW in the document:
//!    nca_rsa.cer first: VALID; XW first: INVALID (the path through W's RSA-1024 key).
//!    Cause: alternatives.rs:84 returns the first path as soon as its revocation check
//!    passes, and the path builder (src/chain, no key policy) may have found first a path
//!    the key policy refuses; no other is sought. Fix: as 3 (a first path the key policy
//!    refuses does not "pass": search the others), or let the builder skip keys the
//!    policy refuses. (When the verifier offers nca_rsa.cer itself, its certificates come
//!    first and the order of the document cannot do this.)
//!
//! Held (each `held_*` passes):
//! - `held_a_superseded_issuer_of_the_anchor_is_routed_around`: Mid setting, M superseded,
//!   A trusted: VALID at every time, through the root.
//! - `held_the_anchors_own_key_compromise_counts_on_every_path`: M lists A for
//!   keyCompromise: INVALID at every time, A trusted (its own status is `statuses[1]`) or
//!   only in the document (nca_rsa's key lost through A: `key_lost_elsewhere`).
//! - `held_an_unspecified_revocation_of_the_issuer_is_final_in_either_order`: attack idea
//!   2. The root lists nca_rsa.cer "unspecified", XB and nca_rsa.cer in the document in
//!   either order: INVALID at every time, through the bridge or the root. Decided: RFC 5280
//!   does not make "unspecified" a compromise, but the library reads a revocation with no
//!   stated cause as one that may hide a compromise everywhere (`may_be_compromise`,
//!   `key_lost_elsewhere` too), so the verdict does not depend on which path is met first,
//!   and never turns VALID; INDETERMINATE would arguably be the more exact answer for
//!   "unspecified" (nothing proves the key lost), but that is the library's one policy for
//!   unstated causes (CRL signers, anchors), not `best_path`'s to change.
//! - `held_a_listing_by_a_crl_signer_of_one_root_revokes_on_every_path`: the target listed
//!   (superseded) on a CRL of a separate CRL signer the root certified (it chains to the
//!   root only); document XB first (the first path through the bridge) or nca_rsa.cer
//!   first: INVALID at every time (a listing counts under any anchor the listed
//!   certificate is certified under, review 60): the bridge's path cannot make a target
//!   revoked only "under the root" VALID by being met first.
//! - `held_a_duplicated_or_reordered_document_changes_nothing`: XB twice, nca_rsa.cer and
//!   XB repeated, the bridge's own certificate in the document: VALID (`seen` and the
//!   equal-certificate sets hold).
//! - `held_budgets_never_decide_a_routed_around_failure`: document budgets 0-59 (path
//!   steps, signatures): M superseded (Mid) and nca_rsa superseded (Bridge) are never
//!   INVALID, each INDETERMINATE names the limit (`exhausted()`); A's own compromise, once
//!   INVALID at a budget, is INVALID at every larger one.
//! - `held_junk_makes_a_failure_with_no_other_path_at_most_indeterminate`: nca_rsa
//!   superseded, no XB, 0 or 300 junk CAs of its name: never VALID (INVALID without junk;
//!   with 300, INDETERMINATE: a relay can make a proven INVALID undecided, which the rule
//!   allows: a budget refuses, here it does not decide).
//!
//! - `held_a_cross_certificate_the_builder_refuses_is_never_chosen`: a bridge
//!   cross-certificate of nca_rsa with an unknown critical extension before XB: VALID
//!   (the path builder refuses it; finding 3's kind of check is not left to after the
//!   search for critical extensions).
//!
//! Not attacked further (time): a `seen` path skipped without its children being queued
//! (alternatives.rs:140-142) loses the sets `without ∪ {c}` of a duplicate; the cap of 8
//! bounds it and a cut answers unknown, so at worst INDETERMINATE, but a queue emptied
//! early after such a skip would leave the first path's Failed: not constructed here.

mod common;

use common::anchors::{self, describe, nca, nca_serial};
use common::anchors::{judge, lists, root_lists};
use common::evidence as ev;
use common::forge::{self, int, CrlSpec};
use qoltanba::{
    Certificate, CheckName, Exhausted, Judged as _, Limits, Overall, ReasonKind, Verifier,
};

const UNSPECIFIED: u8 = 0;
const KEY_COMPROMISE: u8 = 1;
const CA_COMPROMISE: u8 = 2;
const SUPERSEDED: u8 = 4;

/// M: a CA of the root ("Review70 Mid", ocsp_responder's key), serial `[0x70, 0x01]`.
fn mid() -> (Certificate, forge::Ca) {
    ev::ca_made(
        &ev::root(),
        &[0x70, 0x01],
        Some(ev::cn_name("Review70 Mid")),
        "ocsp_responder",
        |_| {},
    )
}

/// A: M's certificate of nca_rsa's name and key, serial `[0x70, 0x02]`.
fn by_mid() -> Certificate {
    Certificate::from_der(&mid().1.reissue(nca().der(), |t| {
        t.serial = int(&[0x70, 0x02]);
    }))
    .unwrap()
}

/// M's own CRL #1 (11-20..12-20) listing these.
fn mid_lists(entries: &[(&[u8], &str, u8)]) -> Vec<u8> {
    lists(&mid().1, 1, ("261120000000Z", "261220000000Z"), entries)
}

/// The root and `anchors` trusted; M and nca_rsa.cer offered; nca_rsa's current CRL and
/// `crls`, under `limits`.
fn mid_verifier(anchors: &[Certificate], crls: &[Vec<u8>], limits: Limits) -> Verifier {
    anchors::with_nca_crl(anchors, &[mid().0, nca()], crls, &[])
        .limits(limits)
        .build()
}

fn bridge() -> forge::Ca {
    anchors::bridge("Review70 Bridge", 0x70)
}

fn bridge_cert() -> Certificate {
    Certificate::from_der(&bridge().cert).unwrap()
}

fn xb() -> Certificate {
    anchors::cross(&bridge(), 0x70)
}

fn bridge_empty() -> Vec<u8> {
    bridge().crl(&CrlSpec::complete(1, "261120000000Z", "261220000000Z"))
}

/// The root and the bridge trusted, `inters` offered, nca_rsa's current CRL, the bridge's
/// empty CRL and `crls`, under `limits`.
fn bridge_verifier(inters: &[Certificate], crls: &[Vec<u8>], limits: Limits) -> Verifier {
    let mut all = vec![bridge_empty()];
    all.extend(crls.iter().cloned());
    anchors::with_nca_crl(&[bridge_cert()], inters, &all, &[])
        .limits(limits)
        .build()
}

/// Finding 1 (a false INVALID; trusting one more anchor turns VALID into INVALID).
///
/// Control: Mid setting, the root lists M (keyCompromise, cACompromise or unspecified),
/// only the root trusted: VALID (target, nca_rsa.cer, root).
/// Attack: A (M's certificate of nca_rsa's key) trusted too: INVALID at every time, the
/// verdict's statuses [target, M].
/// WRONG: src/condition/alternatives.rs:57-67 (`holds_on_every_path` takes `statuses[1]`
/// for the target's issuer's status) and :84 (final): for the path [target, A],
/// `statuses[1]` is M's, pushed by `against_anchor` (src/condition/revocation/anchor.rs:
/// 117-133; A's own good status is not pushed, :120-126); M is not on the other path.
/// Should be: the other path (target, nca_rsa.cer, root) is sought and holds: VALID.
/// Found by review 70 (was a defect). Fixed: `holds_on_every_path` takes the issuer's status by
/// position only when the issuer is not the anchor, else the anchor's own revocation
/// (`RevocationReport::anchor_revoked`).
#[test]
fn a_compromise_of_the_anchors_issuer_is_not_taken_for_the_issuers() {
    let m = mid().0;
    let mut wrong = Vec::new();
    for reason in [KEY_COMPROMISE, CA_COMPROMISE, UNSPECIFIED] {
        let crls = [root_lists(&[(m.serial(), "261101000000Z", reason)])];
        for (when, e) in anchors::times() {
            let control = judge(&mid_verifier(&[], &crls, Limits::default()), &e, &[]);
            assert!(
                control.is_valid(),
                "control, reason {reason}, {when}: {}",
                describe(&control)
            );
            let verdict = judge(
                &mid_verifier(&[by_mid()], &crls, Limits::default()),
                &e,
                &[],
            );
            if !verdict.is_valid() {
                wrong.push(format!(
                    "reason {reason}, {when}: {} (statuses {:?})",
                    describe(&verdict),
                    verdict
                        .revocation()
                        .iter()
                        .map(|r| r.serial())
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Mid setting, the root lists M superseded (no compromise), A trusted: the first path
/// fails, the search finds the root's path: VALID at every time.
#[test]
fn held_a_superseded_issuer_of_the_anchor_is_routed_around() {
    let m = mid().0;
    let crls = [root_lists(&[(m.serial(), "261101000000Z", SUPERSEDED)])];
    let v = mid_verifier(&[by_mid()], &crls, Limits::default());
    let mut wrong = Vec::new();
    for (when, e) in anchors::times() {
        let verdict = judge(&v, &e, &[]);
        if !verdict.is_valid() {
            wrong.push(format!("{when}: {}", describe(&verdict)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// M lists A for keyCompromise: nca_rsa's key is lost, INVALID at every time, whether A is
/// trusted (its own status is `statuses[1]`) or only in the document (`key_lost_elsewhere`).
#[test]
fn held_the_anchors_own_key_compromise_counts_on_every_path() {
    let a = by_mid();
    let crls = [
        root_lists(&[]),
        mid_lists(&[(a.serial(), "261101000000Z", KEY_COMPROMISE)]),
    ];
    let mut wrong = Vec::new();
    for (label, anchors) in [("A trusted", vec![a.clone()]), ("root only", vec![])] {
        let v = mid_verifier(&anchors, &crls, Limits::default());
        for (when, e) in anchors::times() {
            let verdict = judge(&v, &e, std::slice::from_ref(&a));
            if verdict.overall() != Overall::Invalid {
                wrong.push(format!("{label}, {when}: {}", describe(&verdict)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Attack idea 2: the root lists nca_rsa.cer "unspecified", XB in the document: INVALID
/// whichever path is met first (the library's one reading of an unstated cause, see the
/// module's doc).
#[test]
fn held_an_unspecified_revocation_of_the_issuer_is_final_in_either_order() {
    let crls = [root_lists(&[(&nca_serial(), "261101000000Z", UNSPECIFIED)])];
    let v = bridge_verifier(&[], &crls, Limits::default());
    let mut wrong = Vec::new();
    for (order, doc) in [
        ("XB first", vec![xb(), nca()]),
        ("nca first", vec![nca(), xb()]),
    ] {
        for (when, e) in anchors::times() {
            let verdict = judge(&v, &e, &doc);
            if verdict.overall() != Overall::Invalid {
                wrong.push(format!("{order}, {when}: {}", describe(&verdict)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The target listed on a CRL of a CRL signer only the root certified: INVALID whichever
/// path (the bridge's or the root's) is met first; the bridge's path makes nothing VALID.
#[test]
fn held_a_listing_by_a_crl_signer_of_one_root_revokes_on_every_path() {
    let (signer_cert, signer) = anchors::root_crl_signer(0x70);
    let listing = anchors::listing(
        &signer,
        106,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        SUPERSEDED,
    );
    let v = bridge_verifier(
        &[signer_cert],
        &[root_lists(&[]), listing],
        Limits::default(),
    );
    let mut wrong = Vec::new();
    for (order, doc) in [
        ("XB first", vec![xb(), nca()]),
        ("nca first", vec![nca(), xb()]),
    ] {
        for (when, e) in anchors::times() {
            let verdict = judge(&v, &e, &doc);
            if verdict.is_valid() {
                wrong.push(format!("{order}, {when}: {}", describe(&verdict)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Bridge setting, nca_rsa.cer superseded: the same certificates repeated or reordered in
/// the document, or the bridge's own certificate added: VALID.
#[test]
fn held_a_duplicated_or_reordered_document_changes_nothing() {
    let crls = [root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])];
    let v = bridge_verifier(&[nca()], &crls, Limits::default());
    let mut wrong = Vec::new();
    for (label, doc) in [
        ("XB twice", vec![xb(), xb()]),
        ("nca, XB, nca, XB", vec![nca(), xb(), nca(), xb()]),
        ("bridge, XB", vec![bridge_cert(), xb()]),
    ] {
        let verdict = judge(&v, &ev::at_t(), &doc);
        if !verdict.is_valid() {
            wrong.push(format!("{label}: {}", describe(&verdict)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Document budgets 0-59: a failure another path routes around (M superseded with A
/// trusted; nca_rsa superseded with XB) is never INVALID, and each INDETERMINATE names the
/// limit; A's own compromise (proven, final), once INVALID, stays INVALID with more work.
#[test]
fn held_budgets_never_decide_a_routed_around_failure() {
    type Setter = fn(&mut Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_path_steps", |l, n| l.document_path_steps = n),
        ("document_signatures", |l, n| l.document_signatures = n),
    ];
    let m = mid().0;
    let a = by_mid();
    let mid_crls = [root_lists(&[(m.serial(), "261101000000Z", SUPERSEDED)])];
    let nca_crls = [root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])];
    let lost = [
        root_lists(&[]),
        mid_lists(&[(a.serial(), "261101000000Z", KEY_COMPROMISE)]),
    ];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        let mut invalid_from: Option<usize> = None;
        for n in 0..60 {
            let mut l = Limits::default();
            set(&mut l, n);
            for (label, verdict) in [
                (
                    "M superseded",
                    judge(
                        &mid_verifier(std::slice::from_ref(&a), &mid_crls, l),
                        &ev::at_t(),
                        &[],
                    ),
                ),
                (
                    "nca superseded",
                    judge(
                        &bridge_verifier(&[nca()], &nca_crls, l),
                        &ev::at_t(),
                        &[xb()],
                    ),
                ),
            ] {
                let marked = verdict.checks().iter().any(|c| c.exhausted().is_some());
                match verdict.overall() {
                    Overall::Invalid => {
                        wrong.push(format!("{label}, {budget} {n}: {}", describe(&verdict)))
                    }
                    Overall::Indeterminate if !marked => wrong.push(format!(
                        "{label}, {budget} {n}, no limit named: {}",
                        describe(&verdict)
                    )),
                    _ => {}
                }
            }
            let verdict = judge(
                &mid_verifier(std::slice::from_ref(&a), &lost, l),
                &ev::at_t(),
                &[],
            );
            match (verdict.overall(), invalid_from) {
                (Overall::Invalid, _) => {
                    invalid_from.get_or_insert(n);
                }
                (Overall::Valid, _) => {
                    wrong.push(format!("A lost, {budget} {n}: {}", describe(&verdict)))
                }
                (other, Some(first)) => wrong.push(format!(
                    "A lost, {budget} {n} {other:?} (INVALID at {first}): {}",
                    describe(&verdict)
                )),
                _ => {}
            }
        }
        assert!(invalid_from.is_some(), "A lost: never INVALID ({budget})");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 2 (the verdict does not name the limit that cut it short).
///
/// Bridge setting, nca_rsa.cer superseded, 300 junk CAs of its name before XB:
/// INDETERMINATE, "path building budget exhausted" in the reason, but `kind()`
/// StatusUnknown and `exhausted()` None.
/// WRONG: src/condition/alternatives.rs:133-135 keeps `f.reason` and drops `f.exhausted`
/// (`Exhausted::PathBuild`); :172 asks the document's meter alone.
/// Should be: `exhausted_by(Some(PathBuild))`, kind Exhausted, as the chain check marks the
/// same failure (src/condition.rs:294).
/// Found by review 70 (was a defect). Fixed: the search keeps the limit that cut a path build
/// short and marks the verdict with it when the document's meter names none.
#[test]
fn a_path_build_budget_cut_in_the_search_is_marked_exhausted() {
    let crls = [root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])];
    let v = bridge_verifier(&[nca()], &crls, Limits::default());
    let mut doc = anchors::junk_cas(&bridge(), nca().subject().der(), 300, (0x70, 3));
    doc.push(xb());
    let verdict = judge(&v, &ev::at_t(), &doc);
    assert_eq!(
        verdict.overall(),
        Overall::Indeterminate,
        "{}",
        describe(&verdict)
    );
    let rev = verdict
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .expect("a revocation check");
    assert!(
        rev.reason().contains("path building budget exhausted"),
        "{}",
        rev.reason()
    );
    assert_eq!(
        (rev.kind(), rev.exhausted()),
        (ReasonKind::Exhausted, Some(Exhausted::PathBuild)),
        "{}",
        rev.reason()
    );
}

/// nca_rsa.cer superseded, no other path: INVALID; 300 junk CAs of its name: never VALID
/// (INDETERMINATE, the budget refusing).
#[test]
fn held_junk_makes_a_failure_with_no_other_path_at_most_indeterminate() {
    let crls = [root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])];
    let v = bridge_verifier(&[nca()], &crls, Limits::default());
    let plain = judge(&v, &ev::at_t(), &[]);
    assert_eq!(plain.overall(), Overall::Invalid, "{}", describe(&plain));
    let junk = anchors::junk_cas(&bridge(), nca().subject().der(), 300, (0x70, 4));
    let verdict = judge(&v, &ev::at_t(), &junk);
    assert_eq!(
        verdict.overall(),
        Overall::Indeterminate,
        "{}",
        describe(&verdict)
    );
}

/// The bridge's cross-certificate of nca_rsa with an unknown critical extension, serial
/// `[0x70, 0x0d]`.
fn xb_critical() -> Certificate {
    Certificate::from_der(&bridge().reissue(nca().der(), |t| {
        t.serial = int(&[0x70, 0x0d]);
        let exts = forge::children(&t.extensions)[0].to_vec();
        let mut inner: Vec<u8> = forge::content(&exts).to_vec();
        inner.extend(forge::ext(
            &[0x2A, 0x03, 0x04, 0x70],
            true,
            &forge::tlv(0x04, &[0]),
        ));
        t.extensions = forge::tlv(0xA3, &forge::tlv(0x30, &inner));
    }))
    .unwrap()
}

/// W: "Review70 Weak CA", a CA of the root (the root's own certificate as template: cA,
/// no path length limit) with the RSA-1024 key of `weak/rsa1024_ca`, serial `[0x70, 0x10]`.
fn weak_ca() -> Certificate {
    let weak = Certificate::from_input(
        &std::fs::read(common::pki("weak").join("rsa1024_ca.cer")).unwrap(),
    )
    .unwrap();
    Certificate::from_der(&ev::root().reissue(ev::cert("root.cer").der(), |t| {
        t.serial = int(&[0x70, 0x10]);
        t.subject = ev::cn_name("Review70 Weak CA");
        t.spki = forge::Tbs::of(weak.der()).spki;
    }))
    .unwrap()
}

/// XW: the RSA-1024 CA's certificate of nca_rsa's name and key, serial `[0x70, 0x0f]`,
/// signed with its key by `openssl` (the library's signing keys refuse RSA-1024).
fn xw() -> Certificate {
    let mut tbs = forge::Tbs::of(nca().der());
    tbs.serial = int(&[0x70, 0x0f]);
    tbs.issuer = forge::Tbs::of(weak_ca().der()).subject;
    tbs.signature = forge::sha256_rsa();
    let tbs = tbs.der();
    // A folder of its own per call: tests of this file run at once in one process.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("review70-xw-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("tbs"), &tbs).unwrap();
    let status = std::process::Command::new("openssl")
        .args(["dgst", "-sha256", "-sign"])
        .arg(common::pki("weak").join("rsa1024_ca.key.pem"))
        .arg("-out")
        .arg(dir.join("sig"))
        .arg(dir.join("tbs"))
        .status()
        .expect("openssl");
    assert!(status.success());
    let mut bits = vec![0u8];
    bits.extend(std::fs::read(dir.join("sig")).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    Certificate::from_der(&forge::seq(&[
        &tbs,
        &forge::sha256_rsa(),
        &forge::tlv(0x03, &bits),
    ]))
    .unwrap()
}

/// Finding 3 (a false INVALID; the order of the document's certificates decides again).
///
/// Bridge setting, nca_rsa.cer superseded, W (a CA of the root with an RSA-1024 key) offered
/// by the verifier, XW (W's certificate of nca_rsa's name and key) and XB in the document,
/// the default (modern) key policy.
/// Control: XB before XW: VALID through the bridge; XW alone: INVALID (its path's only
/// passing revocation check is through a key too weak).
/// Attack: XW before XB: INVALID ("CA Review70 Weak CA: RSA-1024 key: below the 2048-bit
/// minimum") at every time.
/// WRONG: src/condition/alternatives.rs:163-167: alternatives are ranked by the revocation
/// check alone, the first whose check passes is returned, and the key strength of the
/// chosen path is judged after (src/condition.rs, `key_strength_check` on `best.path`):
/// XW's path is met first, passes revocation, and its weak CA fails the verdict, while
/// XB's path, which holds entirely, is never built.
/// Should be: VALID: a path that fails another path-dependent check (key strength) is not
/// "passed": judge it with those checks before accepting it (or keep searching), or refuse
/// keys the policy rejects while building paths.
/// Found by review 70 (was a defect). Fixed: `best_path` judges each path's key strength with
/// its revocation check (`Judged::strength`, ranked together): a path the key policy
/// refuses is no passing alternative.
#[test]
fn a_weak_key_path_met_first_among_the_alternatives_is_routed_around() {
    let crls = [root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])];
    let v = bridge_verifier(&[nca(), weak_ca()], &crls, Limits::default());
    let xw = xw();
    let mut wrong = Vec::new();
    for (when, e) in anchors::times() {
        let alone = judge(&v, &e, std::slice::from_ref(&xw));
        assert_eq!(
            alone.overall(),
            Overall::Invalid,
            "control, XW alone, {when}: {}",
            describe(&alone)
        );
        let control = judge(&v, &e, &[xb(), xw.clone()]);
        assert!(
            control.is_valid(),
            "control, XB first, {when}: {}",
            describe(&control)
        );
        let attack = judge(&v, &e, &[xw.clone(), xb()]);
        if !attack.is_valid() {
            wrong.push(format!("XW first, {when}: {}", describe(&attack)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A cross-certificate of nca_rsa by the bridge with an unknown critical extension (XBc),
/// before XB or alone: the path builder refuses it, so the search never chooses it: VALID
/// with XB, INVALID (the root's path, superseded) without.
#[test]
fn held_a_cross_certificate_the_builder_refuses_is_never_chosen() {
    let crls = [root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])];
    let v = bridge_verifier(&[nca()], &crls, Limits::default());
    let alone = judge(&v, &ev::at_t(), &[xb_critical()]);
    assert_eq!(alone.overall(), Overall::Invalid, "{}", describe(&alone));
    let first = judge(&v, &ev::at_t(), &[xb_critical(), xb()]);
    assert!(first.is_valid(), "{}", describe(&first));
}

/// Finding 4 (a false INVALID; the order of the document's certificates decides, with no
/// revocation at all).
///
/// The root and the bridge trusted, W offered by the verifier, nothing revoked; the
/// document carries nca_rsa.cer and XW (finding 3's).
/// Control: nca_rsa.cer before XW: VALID (target, nca_rsa.cer, root).
/// Attack: XW before nca_rsa.cer: INVALID (the path through W, "RSA-1024 key: below the
/// 2048-bit minimum") at every time.
/// WRONG: src/condition/alternatives.rs:84: the first path found is returned as soon as
/// its revocation check passes; the path builder (src/chain) knows no key policy, so the
/// first path may be one the policy refuses, and no other is sought.
/// Should be: VALID: as finding 3, a path the key policy refuses is not a passing path;
/// seek the others (or build under the key policy).
/// Found by review 70 (was a defect). Fixed: a first path whose key strength fails does not
/// pass: the other paths are sought (as finding 3).
#[test]
fn a_weak_key_certificate_placed_first_in_the_document_is_routed_around() {
    let v = bridge_verifier(&[weak_ca()], &[root_lists(&[])], Limits::default());
    let xw = xw();
    let mut wrong = Vec::new();
    for (when, e) in anchors::times() {
        let control = judge(&v, &e, &[nca(), xw.clone()]);
        assert!(
            control.is_valid(),
            "control, nca_rsa.cer first, {when}: {}",
            describe(&control)
        );
        let attack = judge(&v, &e, &[xw.clone(), nca()]);
        if !attack.is_valid() {
            wrong.push(format!("XW first, {when}: {}", describe(&attack)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
