//! Review 69 (hostile, within the hour of the fixes): `Verifier::best_path` (54ca959,
//! src/condition/alternatives.rs: when the first path's revocation check does not pass,
//! up to 8 other paths are built and judged, the best outcome counts) and
//! `Verifier::key_lost_elsewhere` (8e71e1d, src/condition/revocation/key_lost.rs: a
//! compromise proven of another certificate of a path key counts on every path).
//!
//! Setting (`verifier`): the root and a bridge (`anchors::bridge`, legal_sign's key)
//! trusted; nca_rsa.cer offered by the verifier; XB, the bridge's cross-certificate of
//! nca_rsa (same name, same key), in the document; nca_rsa's current CRL (the target
//! good), the bridge's empty CRL, and the root's CRL #21 (`root_lists`). Control
//! (`held_control_...`): the root lists nca_rsa.cer superseded (a benign reason: the key
//! is not lost): the path through the root fails, the path through XB holds: VALID at the
//! given, stamped and claimed times, the verdict naming the bridge's path, XB's status
//! and the bridge's CRL; without XB: INVALID.
//!
//! Findings (each `defect_*` asserts the right verdict and FAILS now). One cause for 1-3:
//! the alternative search treats what it did NOT explore (a build cut short, the cap of
//! 8, the meter) as if explored, and a budget cut on one path as if it were evidence
//! against another:
//! 1. (fixed, as a decision) `superseded_reissues_before_the_cross_certificate_leave_it_undecided_never_invalid` (was
//!    `defect_superseded_reissues_before_the_cross_certificate_hide_the_valid_path`)
//!    (false INVALID; the order decides again): nine superseded re-issues of nca_rsa.cer
//!    (real certificates of the root, any relay can add them: a CMS's certificates are not
//!    signed) placed in the document before XB: INVALID; XB first: VALID. Each
//!    alternative leaves out one more re-issue and finds the next; the cap of 8
//!    (alternatives.rs:81) stops before XB and the first path's Failed stands.
//! 2. (fixed) `a_budget_cut_in_the_search_for_another_path_is_undecided` (was
//!    `defect_a_budget_cut_in_the_search_for_another_path_decides_invalid`) and
//!    (fixed) `junk_before_the_cross_certificate_never_makes_it_invalid` (was
//!    `defect_junk_before_the_cross_certificate_turns_valid_into_invalid`) (false INVALID
//!    a relay can cause): the control at document budgets 2-7 path steps (or 2
//!    signatures): INVALID; at the default limits with 300 junk CA certificates of
//!    nca_rsa's name before XB: INVALID, no word of a budget. The alternative build cut
//!    short (alternatives.rs:100-102: `let Ok(path) = built else { continue }` drops
//!    `exhausted`) or not begun (alternatives.rs:81, the meter spent) leaves the first
//!    path's Failed as the verdict: the budget decides, where the library's rule is "the
//!    budget refuses, it never decides".
//! 3. (fixed) `a_proven_ca_compromise_stays_invalid_at_any_budget` (was
//!    `defect_a_ca_compromise_proven_becomes_indeterminate_at_a_larger_budget`) (a proven
//!    INVALID downgraded to INDETERMINATE by more work): the root lists nca_rsa.cer for
//!    cACompromise, XB in the document: INVALID at document budgets 2-8 path steps and at
//!    the default limits, INDETERMINATE at 9-18. The first path proves the key lost
//!    (Failed); the alternative through XB (the SAME key) runs out of work in its own
//!    check (key_lost_elsewhere's search, or the target's CRL signer proof) and its
//!    Unknown outranks the proof (alternatives.rs:119, `rank(Unknown) > rank(Failed)`).
//!
//! Held (each `held_*` passes):
//! - `held_control_a_superseded_ca_is_routed_around_through_the_bridge`: the verdict's
//!   chain check, path, revocation statuses and CRL accounting are the chosen path's.
//! - `held_a_revoked_target_is_revoked_on_every_path`: the target listed superseded on
//!   nca_rsa's CRL: INVALID through either path, at every time, with 80 junk CAs of
//!   nca_rsa's and the bridge's names added too (no INDETERMINATE gained by junk).
//! - `held_a_revoked_target_gains_nothing_from_a_budget_cut_among_the_alternatives`: the
//!   revoked target at document budgets 0-399 (both): never VALID, and never anything
//!   but INVALID once INVALID at a smaller budget (its own listing is proven on every
//!   path before any budget cut can speak).
//! - `held_a_hold_of_a_ca_on_one_path_is_routed_around`: the root puts nca_rsa.cer on
//!   hold: VALID through XB. Decided so: a hold suspends one certificate and asserts no
//!   compromise (RFC 5280 §5.3.1, reversible; `may_be_compromise` is false for it); the
//!   bridge's certification of the key stands, and a path through it is a valid path
//!   (RFC 5280 §6). Treating a CA hold as key loss would let any issuer's suspension of
//!   one certification revoke the others it does not control.
//! - `held_a_ca_compromise_is_not_routed_around`: the root's cACompromise of nca_rsa.cer
//!   with XB in the document: never VALID at the given, stamped or claimed time.

mod common;

use common::anchors::{self, describe, nca, nca_serial};
use common::anchors::{judge, root_lists};
use common::evidence as ev;
use common::forge::{int, CrlSpec};
use qoltanba::{Certificate, Judged as _, Limits, Overall, Verifier};

const SUPERSEDED: u8 = 4;
const CA_COMPROMISE: u8 = 2;

/// A re-issue of nca_rsa.cer (same name, same key) by the root, serial `[0x69, tag]`.
fn reissue(tag: u8) -> Certificate {
    Certificate::from_der(&ev::root().reissue(nca().der(), |t| {
        t.serial = int(&[0x69, tag]);
    }))
    .unwrap()
}

fn bridge() -> common::forge::Ca {
    anchors::bridge("Review69 Bridge", 0x69)
}

fn xb() -> Certificate {
    anchors::cross(&bridge(), 0x69)
}

fn bridge_empty() -> Vec<u8> {
    bridge().crl(&CrlSpec::complete(1, "261120000000Z", "261220000000Z"))
}

/// The root and the bridge trusted, nca_rsa.cer and `inters` offered, nca_rsa's current
/// CRL, the bridge's empty CRL and `crls`, under `limits`.
fn verifier_with(inters: &[Certificate], crls: &[Vec<u8>], limits: Limits) -> Verifier {
    let mut all = vec![bridge_empty()];
    all.extend(crls.iter().cloned());
    let mut i = vec![nca()];
    i.extend(inters.iter().cloned());
    let b = Certificate::from_der(&bridge().cert).unwrap();
    anchors::with_nca_crl(&[b], &i, &all, &[])
        .limits(limits)
        .build()
}

fn verifier(inters: &[Certificate], crls: &[Vec<u8>]) -> Verifier {
    verifier_with(inters, crls, Limits::default())
}

fn nca_superseded() -> Vec<u8> {
    root_lists(&[(&nca_serial(), "261101000000Z", SUPERSEDED)])
}

#[test]
fn held_control_a_superseded_ca_is_routed_around_through_the_bridge() {
    let v = verifier(&[], &[nca_superseded()]);
    for (label, e) in anchors::times() {
        let verdict = judge(&v, &e, &[xb()]);
        assert!(verdict.is_valid(), "{label}: {}", describe(&verdict));
        assert!(
            verdict
                .checks()
                .iter()
                .any(|c| c.reason().contains("Review69 Bridge")),
            "{label}: the chain check names the bridge: {}",
            describe(&verdict)
        );
        // The verdict's path, statuses and CRL accounting are the chosen path's.
        assert!(
            verdict
                .path()
                .last()
                .is_some_and(|a| a.contains("Review69 Bridge")),
            "{label}: path {:?}",
            verdict.path()
        );
        let serials: Vec<&str> = verdict.revocation().iter().map(|r| r.serial()).collect();
        assert!(
            serials
                .iter()
                .any(|s| s.eq_ignore_ascii_case(&xb().serial_hex()))
                && !serials
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(&nca().serial_hex())),
            "{label}: statuses of {serials:?}"
        );
        assert!(
            verdict
                .crls()
                .iter()
                .any(|c| c.used() && c.crl().contains("Review69 Bridge")),
            "{label}: the bridge's CRL used: {:?}",
            verdict.crls()
        );
        let without = judge(&v, &e, &[]);
        assert_eq!(
            without.overall(),
            Overall::Invalid,
            "{label}: {}",
            describe(&without)
        );
    }
}

/// Finding 1 (a false INVALID; the order of the document's certificates decides).
///
/// Control: the root lists nca_rsa.cer and nine re-issues of it (same name and key, the
/// root's) superseded; the document carries XB then the nine: VALID (XB's path is the
/// first alternative). Since review 77 (the search's own order): INDETERMINATE, as the
/// attack.
/// Attack: the same document, the nine before XB: INVALID.
/// WRONG: src/condition/alternatives.rs:81 (`tries == MAX_OTHER_PATHS` then `break`):
/// each alternative leaves out one more re-issue and finds the next; after 8 the search
/// stops with XB's path never built, and the first path's Failed is returned as the
/// verdict, as if every path had been judged.
/// Should be: a search stopped by the cap (or by any budget) with paths left unexplored
/// must not return Failed: Unknown (INDETERMINATE), unless what failed is a proven key
/// loss or the certificate's own revocation (which holds on every path); better, leave
/// out every same-name sibling already found at once (all re-issues of a key that failed
/// for the same reason), so the cap is met by distinct issuers, not by copies.
///
/// Found by review 69 (was a defect). Fixed, as a decision: a search for other paths that
/// its cap (8) or a budget cut short, whose best is a failure that need not hold on every
/// path, answers unknown (INDETERMINATE: "other paths were not all tried"), never
/// INVALID; finding XB after nine would need a search as long as the document makes it.
#[test]
fn superseded_reissues_before_the_cross_certificate_leave_it_undecided_never_invalid() {
    let reissues: Vec<Certificate> = (0..9).map(|i| reissue(0x20 + i)).collect();
    let mut entries: Vec<(Vec<u8>, &str, u8)> = vec![(nca_serial(), "261101000000Z", SUPERSEDED)];
    entries.extend(
        reissues
            .iter()
            .map(|r| (r.serial().to_vec(), "261101000000Z", SUPERSEDED)),
    );
    let listed: Vec<(&[u8], &str, u8)> = entries.iter().map(|(s, d, r)| (&s[..], *d, *r)).collect();
    let v = verifier(&[], &[root_lists(&listed)]);
    let xb_first: Vec<Certificate> = std::iter::once(xb())
        .chain(reissues.iter().cloned())
        .collect();
    let xb_last: Vec<Certificate> = reissues
        .iter()
        .cloned()
        .chain(std::iter::once(xb()))
        .collect();
    let control = judge(&v, &ev::at_t(), &xb_first);
    let attack = judge(&v, &ev::at_t(), &xb_last);
    assert_eq!(
        attack.overall(),
        Overall::Indeterminate,
        "XB after nine superseded re-issues: {}",
        describe(&attack)
    );
    // Since review 77 the other paths are searched in an order of their own (the
    // fingerprints'), so XB first decides alike (it was VALID: the order decided).
    assert_eq!(
        control.overall(),
        attack.overall(),
        "XB first: {}",
        describe(&control)
    );
}

/// Finding 2 (a false INVALID: the budget decides).
///
/// Control: the setting (nca_rsa.cer superseded, XB in the document) at the default limits,
/// or at any document budget from 14 path steps / 3 signatures: VALID.
/// Attack: document budgets 2-7 path steps, or 2 signatures: INVALID ("CA ... is revoked
/// (superseded)"), the target's own status sometimes unknown for the budget, nothing
/// saying the other path was never judged.
/// WRONG: src/condition/alternatives.rs:81 (the meter spent: `break`) and :100-102 (a build
/// cut short: `continue`, its `exhausted` dropped): `best` stays the first path's Failed.
/// Should be: when the search for another path was cut short by a budget (the meter, a
/// build's own budget) and the best so far is Failed for a reason that does not hold on
/// every path (not the certificate's own revocation, not a proven key loss), the
/// revocation check is Unknown, `exhausted_by` the budget: INDETERMINATE, never INVALID.
///
/// Found by review 69 (was a defect). Fixed: a search for other paths a budget cut short,
/// whose best is a failure that need not hold on every path, is unknown (`best_path`,
/// `cut_short`).
#[test]
fn a_budget_cut_in_the_search_for_another_path_is_undecided() {
    type Setter = fn(&mut Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_path_steps", |l, n| l.document_path_steps = n),
        ("document_signatures", |l, n| l.document_signatures = n),
    ];
    let crls = [nca_superseded()];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        let make = |l: Limits| verifier_with(&[], &crls, l);
        let (n, w) = anchors::least_budget(10_000, &make, set, &[xb()]);
        eprintln!("least {budget}: {n}");
        wrong.extend(w.into_iter().map(|w| format!("{budget}: {w}")));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// nca_rsa's own CRL #105 (11-20..12-20) listing the target for `reason` since 11-01.
fn target_listed(reason: u8) -> Vec<u8> {
    anchors::listing(
        &common::forge::Ca::nca_rsa(),
        105,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        reason,
    )
}

/// The target revoked (superseded: no key lost), reachable through the root (nca_rsa.cer,
/// listed superseded too, so the first path fails twice) and through XB: INVALID at every
/// time, junk of nca_rsa's and the bridge's names added or not.
#[test]
fn held_a_revoked_target_is_revoked_on_every_path() {
    let b = bridge();
    let mut wrong = Vec::new();
    for (label, root_crl) in [
        ("root empty", root_lists(&[])),
        ("nca superseded", nca_superseded()),
    ] {
        let v = verifier(&[], &[root_crl, target_listed(SUPERSEDED)]);
        let mut junk = anchors::junk_cas(&b, nca().subject().der(), 40, (0x69, 1));
        junk.extend(anchors::junk_cas(
            &b,
            &ev::cn_name("Review69 Bridge"),
            40,
            (0x69, 2),
        ));
        for (docs, extra) in [
            ("XB", vec![xb()]),
            ("XB + junk", std::iter::once(xb()).chain(junk).collect()),
        ] {
            for (when, e) in anchors::times() {
                let verdict = judge(&v, &e, &extra);
                if verdict.overall() != Overall::Invalid {
                    wrong.push(format!("{label}, {docs}, {when}: {}", describe(&verdict)));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The revoked target at every document budget: never VALID, and once INVALID (the
/// revocation proven) never INDETERMINATE at a larger budget (more work must not undo a
/// proof: the alternative paths' checks cut short must not outrank a revocation).
#[test]
fn held_a_revoked_target_gains_nothing_from_a_budget_cut_among_the_alternatives() {
    type Setter = fn(&mut Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_path_steps", |l, n| l.document_path_steps = n),
        ("document_signatures", |l, n| l.document_signatures = n),
    ];
    let crls = [nca_superseded(), target_listed(SUPERSEDED)];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        let mut seen_invalid: Option<usize> = None;
        for n in 0..400 {
            let mut l = Limits::default();
            set(&mut l, n);
            let verdict = judge(&verifier_with(&[], &crls, l), &ev::at_t(), &[xb()]);
            match verdict.overall() {
                Overall::Valid => wrong.push(format!("{budget} {n}: {}", describe(&verdict))),
                Overall::Invalid => {
                    seen_invalid.get_or_insert(n);
                }
                _ => {
                    if let Some(first) = seen_invalid {
                        wrong.push(format!(
                            "{budget} {n} (INVALID at {first}): {}",
                            describe(&verdict)
                        ));
                    }
                }
            }
        }
        eprintln!("{budget}: INVALID from {seen_invalid:?}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The root puts nca_rsa.cer on hold (certificateHold): the path through XB holds.
/// Decided: a hold suspends one certificate, it does not say the key is lost (RFC 5280
/// §5.3.1: reversible, no compromise asserted; `may_be_compromise` is false for it): the
/// bridge's certification of the key stands, and a path through it is a valid path (RFC
/// 5280 §6). A hold whose CRL is the ONLY route, or a cACompromise of the held
/// certificate, are judged elsewhere (review 68; `held_a_ca_compromise_is_not_routed_around`).
#[test]
fn held_a_hold_of_a_ca_on_one_path_is_routed_around() {
    let hold = root_lists(&[(&nca_serial(), "261101000000Z", ev::HOLD)]);
    let v = verifier(&[], &[hold]);
    let without = judge(&v, &ev::at_t(), &[]);
    assert_ne!(without.overall(), Overall::Valid, "{}", describe(&without));
    let verdict = judge(&v, &ev::at_t(), &[xb()]);
    assert!(verdict.is_valid(), "{}", describe(&verdict));
}

/// The root lists nca_rsa.cer for cACompromise: no path through XB (same key) escapes it,
/// whatever the order and the time.
#[test]
fn held_a_ca_compromise_is_not_routed_around() {
    let v = verifier(
        &[],
        &[root_lists(&[(
            &nca_serial(),
            "261101000000Z",
            CA_COMPROMISE,
        )])],
    );
    let mut wrong = Vec::new();
    for (when, e) in anchors::times() {
        let verdict = judge(&v, &e, &[xb()]);
        if verdict.is_valid() {
            wrong.push(format!("{when}: {}", describe(&verdict)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 2, the relay's version (a false INVALID anyone can cause).
///
/// Control: the setting with 0, 20 or 100 junk CA certificates of nca_rsa's name before XB
/// in the document: VALID.
/// Attack: 300 junk before XB: INVALID, the verdict not mentioning any budget.
/// WRONG: src/condition/alternatives.rs:100-102: the alternative build without nca_rsa.cer
/// examines the junk first and exhausts its own budget (`path_build_calls` /
/// `path_signatures`); the `Err` (with `exhausted` set) is skipped like a path that does
/// not exist, and the first path's Failed (superseded) stands.
/// Should be: as finding 2: a cut-short alternative build leaves the verdict Unknown
/// (INDETERMINATE, saying the budget), never the first path's Failed.
///
/// Found by review 69 (was a defect). Fixed: a build of another path that ran out of its
/// budget marks the search cut short: unknown, never failed.
#[test]
fn junk_before_the_cross_certificate_never_makes_it_invalid() {
    let v = verifier(&[], &[nca_superseded()]);
    let b = bridge();
    let mut wrong = Vec::new();
    for n in [0usize, 20, 100, 300] {
        let mut extra = anchors::junk_cas(&b, nca().subject().der(), n, (0x69, 3));
        extra.push(xb());
        let verdict = judge(&v, &ev::at_t(), &extra);
        eprintln!("{n} junk: {:?}", verdict.overall());
        if verdict.overall() == Overall::Invalid {
            wrong.push(format!("{n} junk before XB: {}", describe(&verdict)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `overall()` of the target at each document budget below `upper` (both budgets), with
/// the document `extra`: where an INVALID at a smaller budget is followed by anything else
/// at a larger one.
fn not_monotone(crls: &[Vec<u8>], extra: &[Certificate], upper: usize) -> Vec<String> {
    type Setter = fn(&mut Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_path_steps", |l, n| l.document_path_steps = n),
        ("document_signatures", |l, n| l.document_signatures = n),
    ];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        let mut seen_invalid: Option<usize> = None;
        for n in 0..upper {
            let mut l = Limits::default();
            set(&mut l, n);
            let verdict = judge(&verifier_with(&[], crls, l), &ev::at_t(), extra);
            match verdict.overall() {
                Overall::Invalid => {
                    seen_invalid.get_or_insert(n);
                }
                other => {
                    if let Some(first) = seen_invalid {
                        wrong.push(format!(
                            "{budget} {n} {other:?} (INVALID at {first}): {}",
                            describe(&verdict)
                        ));
                    }
                }
            }
        }
    }
    wrong
}

/// Finding 3 (a proven INVALID downgraded to INDETERMINATE; not monotone in the budget).
///
/// Control: the root lists nca_rsa.cer for cACompromise, XB (same key) in the document: at
/// the default limits, and at document budgets 2-8 path steps: INVALID ("CA ... is revoked
/// (CA compromise)").
/// Attack: document budgets 9-18 path steps (more work than the control's 2-8):
/// INDETERMINATE ("work budget exhausted ..."). A signer of the lost key sharing a
/// document's meter with earlier signatures (or a verifier with a small budget) gets
/// "cannot decide" for a compromise the verifier HAS proven.
/// WRONG: src/condition/alternatives.rs:119 (`rank(outcome) > rank(best...)`): the
/// alternative through XB runs out of work in its own revocation check (the target's CRL
/// signer proof, `key_lost_elsewhere`'s search: src/condition/revocation.rs:155-172 turns
/// its `Err` into Unknown) and that Unknown outranks the first path's proven Failed,
/// although XB carries the very key proven lost.
/// Should be: the keys proven lost on a path already judged (a may-be-compromise
/// revocation of a path certificate or its key, and the certificate's own revocation)
/// are carried into the alternatives: a path through such a key is Failed without asking
/// (or not built); a budget-cut Unknown never outranks a proof that holds on every path.
///
/// Found by review 69 (was a defect). Fixed: a failure that holds on every path (the
/// certificate revoked, or its issuer key compromised) is final: no other path is sought,
/// nothing outranks it (`holds_on_every_path`).
#[test]
fn a_proven_ca_compromise_stays_invalid_at_any_budget() {
    let crls = [root_lists(&[(
        &nca_serial(),
        "261101000000Z",
        CA_COMPROMISE,
    )])];
    let wrong = not_monotone(&crls, &[xb()], 400);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
