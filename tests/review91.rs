//! Review 91 (hostile): the fix of review 89's finding (b7de02b). Reviewed: in
//! `judge_complete` (src/revocation/status/walk.rs:413-421), a complete CRL that ends the
//! hold search with a fresh proof (`Judgement::NotRevoked`, covering certificateHold) now
//! records itself as its point's `settled_by`, so that a CRL of its instant and number is a
//! tie (walk.rs:215) and judged in full rather than for permanent revocations only. Read
//! against the module docs of src/revocation/status/ (walk.rs, rules.rs, standing.rs) and
//! the README's revocation rules table (rule 6: views of one instant weigh together; "two
//! CRLs of one issuer with the same thisUpdate and number are both judged"; a hold proven at
//! T is lifted only by a CRL fresh at T issued after every listing of it).
//!
//! Questions asked: can overwriting `settled_by` (which may hold the newer CRL that proved
//! "not revoked since", or a hold's CRL) lose a tie with that CRL; does setting it while the
//! point's mask lacks reasons (reason partitions) make the walk skip or misjudge other CRLs;
//! several distribution points; claimed time (rule 5) and time-stamped time (rule 7); deltas
//! of the tie's instant; is the verdict independent of the order of the CRLs.
//!
//! Material: the test PKI's `individual_sign.cer` (or its re-issue with distribution
//! points A, B) and CRLs signed by its CA (`nca_rsa`): complete #9 (07-01 .. 2027-01-01)
//! listing a hold since 06-25; complete CRLs #10 of one instant (11-09, fresh at the time
//! judged 11-10) that omit the target or list the hold, with nextUpdate 11-10T12, 11-24
//! (current when checked at 11-23) or 11-09T12 (stale at 11-10); complete CRLs #11 of one
//! instant (11-22, after the time) that omit or list the hold; reason partitions
//! (onlySomeReasons certificateHold, or keyCompromise) of the same numbers and instants;
//! deltas of #10's instant; an honest NCA-like sequence (a base, daily deltas with their own
//! numbering, a hold placed and released, the next base). Given at 11-10, time-stamped
//! (checked 11-23) and claimed (checked 11-23), each in every order of the CRLs (and with
//! the first given twice); and 60 pseudo-random sets of four CRLs of twenty, every order.
//!
//! Findings:
//!
//! 1. (fixed) `a_hold_partitions_twin_listing_the_hold_is_weighed_in_any_order` (was
//!    `defect_a_hold_partitions_twin_listing_the_hold_is_weighed_in_any_order`) (false VALID,
//!    order-dependent; given and time-stamped). Input: under distribution point A, complete #9
//!    (07-01 .. 2027-01-01) omits the target; two certificateHold-only partitions #10 of one
//!    instant (11-09), one omitting the target, one listing it on hold since 06-25. Observed at
//!    11-10 given (and time-stamped, checked 11-23, the omitting #10 current then): INVALID when
//!    the #10 listing the hold comes first, VALID when the omitting #10 does. Expected: INVALID in
//!    every order (README: two CRLs of one issuer with the same thisUpdate and number are both
//!    judged; rule 6; `Point::settled_by`'s doc). Cause: a NotRevoked proof records `settled_by`
//!    only once the point's mask holds every reason (src/revocation/status/walk.rs:465-470); a
//!    partition's proof does not, so its twin is no tie (walk.rs:215) and, its reason already
//!    proven, is read for permanent revocations only (walk.rs:289-292): the hold is never weighed.
//!    The fix of review 89 closed this for the CRL that ends the hold search only. Fix: record the
//!    (thisUpdate, cRLNumber) of every complete CRL judged that proves its reasons (or keep the
//!    keys of all CRLs judged in full), so a CRL of that instant and number is a tie.
//!
//! The fix of review 89 itself held: no sequence through it gave a false VALID, an
//! order-dependent verdict or an honest false INVALID or INDETERMINATE. Why the overwrite
//! is safe: the complete CRLs of a point are sorted by (thisUpdate, cRLNumber) before the
//! walk (walk.rs:141-143), so every CRL of one instant and number comes in one run; by the
//! time an older CRL ends the hold search and overwrites `settled_by`, every tie of the
//! newer CRL it held has been judged. A tie forces only a full judgement (walk.rs:215-222
//! and 289): with partitions it adds a partition's proof that `adds_to` would have admitted
//! anyway, and at a claimed time the rule-5 gate (walk.rs:227) still reads a CRL not of the
//! newest instant and number for its permanent revocations only. Each distribution point
//! has its own `Point`.
//!
//! Held:
//!
//! 1. `held_two_crls_11_of_one_instant_around_two_crls_10_keep_the_hold`: two #11 of one
//!    instant (one listing the hold) around two #10 (one listing it): INVALID given and
//!    time-stamped (the #10 current when checked or not), never VALID claimed, every order.
//! 2. `held_a_reason_partition_of_the_lifts_instant_and_number_keeps_the_hold`: a
//!    certificateHold-only partition #10 listing the hold beside a full #10 omitting it,
//!    after a full or a keyCompromise-only #11: INVALID given and time-stamped, every order.
//! 3. `held_a_stale_twin_of_the_lift_decides_the_same_in_any_order`: a #10 of the lift's
//!    instant listing the hold, no longer fresh at 11-10: INDETERMINATE in every order.
//! 4. `held_a_tie_under_one_distribution_point_is_not_lifted_by_another`: the twin #10 under
//!    point A beside a clean #10 of the same instant under point B: INVALID, either order
//!    of the points, every order of the CRLs.
//! 5. `held_a_delta_of_the_lifts_instant_keeps_the_hold`: a delta of #10's instant (over
//!    #10 or #9) listing the hold: INVALID given and time-stamped, every order.
//! 6. `held_an_honest_nca_sequence_with_daily_deltas`: a hold placed on 11-04 and released
//!    on 11-10 by daily deltas over a six-month base: INVALID at 11-10, VALID at 11-11
//!    (given and time-stamped), every order.
//! 7. `held_random_sets_of_four_crls_decide_in_any_order`: 60 sets of four CRLs drawn from
//!    twenty (twins, stale and long #10s, #11s, holds re-placed, deltas that list, release
//!    or omit), given, time-stamped and claimed: one verdict per set in every order.

mod common;

use common::crl_sequences::*;
use common::evidence::*;
use common::forge::CrlSpec;
use qoltanba::{Certificate, Expectation, Overall};

// --- material ----------------------------------------------------------------------------

/// The distinct overall verdicts of `cert` under `e` for every order of `crls` (and, for
/// the target, with the first given twice), each with one reason.
fn outcomes_of(cert: &Certificate, crls: &[Vec<u8>], e: &Expectation) -> Vec<(Overall, String)> {
    let mut v = every_order(cert, crls, &[], e);
    if cert.der() == target().der() {
        v.extend(verdicts_in_any_order(crls, e));
    }
    v.sort_by_key(|(o, why)| (format!("{o:?}"), why.clone()));
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

/// Every verdict of `cert` with `crls` under `e`, in every order, is `want`.
fn all_of(cert: &Certificate, crls: &[Vec<u8>], e: &Expectation, want: Overall) {
    let seen = outcomes_of(cert, crls, e);
    for (o, why) in &seen {
        assert_eq!(*o, want, "{why}\nall verdicts seen: {seen:?}");
    }
}

/// No verdict of `cert` with `crls` under `e` is VALID, and every order gives one verdict.
fn one_verdict_never_valid(cert: &Certificate, crls: &[Vec<u8>], e: &Expectation) {
    let seen = outcomes_of(cert, crls, e);
    assert_eq!(seen.len(), 1, "the order decided: {seen:?}");
    assert_ne!(seen[0].0, Overall::Valid, "{}", seen[0].1);
}

/// Complete #10 (11-09 .. 11-24: fresh at [`T`] and current at 11-23).
fn long10(e: Vec<Vec<u8>>) -> Vec<u8> {
    complete(10, "261109000000Z", "261124000000Z", e)
}

/// ReasonFlags certificateHold only (BIT STRING content).
const ONLY_HOLD: &[u8] = &[0x01, 0x02];
// --- held --------------------------------------------------------------------------------

/// HELD. Two complete CRLs #11 of one instant (11-22, after the time; one omits the target,
/// one lists the hold since 06-25) around two #10 of one instant (11-09, fresh at 11-10;
/// one omits, one lists the hold), beside #9 (hold): the #10 that ends the hold search
/// overwrites `settled_by` (#11) only after both #11 were judged (the walk sorts by
/// thisUpdate and cRLNumber), so no tie is lost. INVALID given and time-stamped (short and
/// long #10), never VALID claimed (unknown), every order. Also with one #11 only.
#[test]
fn held_two_crls_11_of_one_instant_around_two_crls_10_keep_the_hold() {
    let t = target();
    let short = vec![base9(), c10(vec![]), c10(hold()), c11(vec![]), c11(hold())];
    let long = vec![
        base9(),
        long10(vec![]),
        long10(hold()),
        c11(vec![]),
        c11(hold()),
    ];
    let one11 = vec![base9(), c10(vec![]), c11(vec![]), c11(hold())];
    for crls in [&short, &long, &one11] {
        all_of(&t, crls, &given(), Overall::Invalid);
        all_of(&t, crls, &stamped_t(), Overall::Invalid);
        one_verdict_never_valid(&t, crls, &claimed_t());
    }
}

/// HELD. Reason partitions of the tie's number and instant (a CA numbers each scope on its
/// own, so a partition and a full CRL may share both honestly): under point A, #9 (hold), a
/// full #10 omitting the target and a certificateHold-only #10 of its instant listing the
/// hold, after a full #11 or a keyCompromise-only #11 (which starts the hold search without
/// proving every reason: `settled_by` is then set with the point's mask incomplete).
/// INVALID given and time-stamped, never VALID claimed, every order. Also the
/// keyCompromise-only #11 before a full #10 that lists the hold beside one that omits it.
#[test]
fn held_a_reason_partition_of_the_lifts_instant_and_number_keeps_the_hold() {
    let cert = with_dps(&[DP_A]);
    let a9 = point_a(None, 9, "260701000000Z", "270101000000Z", hold());
    let a10 = point_a(None, 10, "261109000000Z", "261110120000Z", vec![]);
    let a10_full_hold = point_a(None, 10, "261109000000Z", "261110120000Z", hold());
    let a10_hold_part = point_a(
        Some(ONLY_HOLD),
        10,
        "261109000000Z",
        "261110120000Z",
        hold(),
    );
    let a11 = point_a(None, 11, "261122000000Z", "261123120000Z", vec![]);
    let a11_kc = point_a(Some(ONLY_KC), 11, "261122000000Z", "261123120000Z", vec![]);
    for crls in [
        vec![a9.clone(), a10.clone(), a10_hold_part.clone(), a11],
        vec![a9.clone(), a10.clone(), a10_hold_part, a11_kc.clone()],
        vec![a9, a10, a10_full_hold, a11_kc],
    ] {
        all_of(&cert, &crls, &given(), Overall::Invalid);
        all_of(&cert, &crls, &stamped_t(), Overall::Invalid);
        one_verdict_never_valid(&cert, &crls, &claimed_t());
    }
}

/// HELD. The tie judged in full may be a stale listing: #9 (hold), #10 omitting the target
/// (fresh at 11-10) and a #10 of its instant and number listing the hold whose nextUpdate
/// (11-09T12) passed before 11-10, #11 (omits): the hold search ends by either #10 first
/// (the stale one sets `unsettled_hold`, the fresh one `settled_by`), and the other is
/// judged as its tie: INDETERMINATE given and time-stamped, never VALID claimed, in every
/// order.
#[test]
fn held_a_stale_twin_of_the_lift_decides_the_same_in_any_order() {
    let t = target();
    let stale10 = complete(10, "261109000000Z", "261109120000Z", hold());
    let crls = vec![base9(), c10(vec![]), stale10, c11(vec![])];
    all_of(&t, &crls, &given(), Overall::Indeterminate);
    all_of(&t, &crls, &stamped_t(), Overall::Indeterminate);
    one_verdict_never_valid(&t, &crls, &claimed_t());
}

/// HELD. Several distribution points, each its own `Point` and `settled_by`: under A, #9
/// (hold), two #10 of one instant (one listing the hold) and #11 (omits); under B, a #10 of
/// the same instant omitting the target (no later than the hold's listing, so it lifts
/// nothing). INVALID given and time-stamped with the points in either order, every order
/// of the CRLs; never VALID claimed.
#[test]
fn held_a_tie_under_one_distribution_point_is_not_lifted_by_another() {
    let a9 = point_a(None, 9, "260701000000Z", "270101000000Z", hold());
    let a10 = point_a(None, 10, "261109000000Z", "261110120000Z", vec![]);
    let a10h = point_a(None, 10, "261109000000Z", "261110120000Z", hold());
    let a11 = point_a(None, 11, "261122000000Z", "261123120000Z", vec![]);
    let b10 = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(10, "261109000000Z", "261110120000Z"),
    );
    let crls = vec![a9, a10, a10h, a11, b10];
    for cert in [with_dps(&[DP_A, DP_B]), with_dps(&[DP_B, DP_A])] {
        all_of(&cert, &crls, &given(), Overall::Invalid);
        all_of(&cert, &crls, &stamped_t(), Overall::Invalid);
        one_verdict_never_valid(&cert, &crls, &claimed_t());
    }
}

/// HELD. A delta of the instant of the #10 that ends the hold search (11-09 .. 11-10T12),
/// over #10 or over #9, listing the hold: rule 6, the base alone does not show it lifted.
/// With #9 (hold), #10 (omits), #11 (omits), and with both #10 twins: INVALID given and
/// time-stamped, never VALID claimed, every order.
#[test]
fn held_a_delta_of_the_lifts_instant_keeps_the_hold() {
    let t = target();
    let over10 = delta(110, 10, "261109000000Z", "261110120000Z", hold());
    let over9 = delta(110, 9, "261109000000Z", "261110120000Z", hold());
    for crls in [
        vec![base9(), c10(vec![]), c11(vec![]), over10.clone()],
        vec![base9(), c10(vec![]), c11(vec![]), over9],
        vec![base9(), c10(vec![]), c10(hold()), c11(vec![]), over10],
    ] {
        all_of(&t, &crls, &given(), Overall::Invalid);
        all_of(&t, &crls, &stamped_t(), Overall::Invalid);
        one_verdict_never_valid(&t, &crls, &claimed_t());
    }
}

/// HELD. An honest NCA-like sequence: base #9 (07-01 .. 2027-01-01) omits the target;
/// daily deltas with their own numbering list a hold placed on 11-04 (#100, 11-04T12;
/// #105, 11-09T12 .. 11-10T12), #106 (11-10T12 .. 11-11T12) releases it (removeFromCRL);
/// the next base #10 (11-12 .. 2027-05-01) omits it. INVALID at 11-10 (the hold in force,
/// proven by #105 fresh then), VALID at 11-11 (released before it; #10, issued after,
/// proves "not revoked since"), given and time-stamped, every order.
#[test]
fn held_an_honest_nca_sequence_with_daily_deltas() {
    let t = target();
    let h = || vec![entry("261104000000Z", HOLD)];
    let crls = vec![
        complete(9, "260701000000Z", "270101000000Z", vec![]),
        delta(100, 9, "261104120000Z", "261105120000Z", h()),
        delta(105, 9, "261109120000Z", "261110120000Z", h()),
        delta(
            106,
            9,
            "261110120000Z",
            "261111120000Z",
            vec![removal("261110100000Z")],
        ),
        complete(10, "261112000000Z", "270501000000Z", vec![]),
    ];
    all_of(&t, &crls, &given(), Overall::Invalid);
    all_of(&t, &crls, &stamped_t(), Overall::Invalid);
    let day = "2026-11-11T00:00:00Z";
    all_of(&t, &crls, &ex(day, None, false), Overall::Valid);
    all_of(&t, &crls, &ex(day, Some(AT), false), Overall::Valid);
}

/// HELD. Sixty pseudo-random sets of four CRLs drawn from twenty (#9 with and without the
/// hold; #10 of 11-09 omitting or listing the hold, short, long or stale; a #10 listing a
/// new hold; #11 omitting, listing the hold, or a hold re-placed after the time; a #12 of
/// #10's instant; deltas of #10's instant and later listing, releasing or omitting), given,
/// time-stamped and claimed: one verdict per set, in every order of the CRLs.
#[test]
fn held_random_sets_of_four_crls_decide_in_any_order() {
    let pool: Vec<(&str, Vec<u8>)> = vec![
        ("9 hold", base9()),
        (
            "9 clean",
            complete(9, "260701000000Z", "270101000000Z", vec![]),
        ),
        ("10 omits", c10(vec![])),
        ("10 hold", c10(hold())),
        ("10 long omits", long10(vec![])),
        ("10 long hold", long10(hold())),
        (
            "10 stale hold",
            complete(10, "261109000000Z", "261109120000Z", hold()),
        ),
        (
            "10 stale omits",
            complete(10, "261109000000Z", "261109120000Z", vec![]),
        ),
        ("11 omits", c11(vec![])),
        ("11 hold", c11(hold())),
        ("11 hold again", c11(vec![entry("261109180000Z", HOLD)])),
        ("10 new hold", c10(vec![entry("261105000000Z", HOLD)])),
        (
            "d110/10 hold",
            delta(110, 10, "261109000000Z", "261110120000Z", hold()),
        ),
        (
            "d111/10 release",
            delta(
                111,
                10,
                "261109120000Z",
                "261110120000Z",
                vec![removal("260625000000Z")],
            ),
        ),
        (
            "d112/10 hold",
            delta(112, 10, "261109120000Z", "261110120000Z", hold()),
        ),
        (
            "d113/9 hold",
            delta(
                113,
                9,
                "261105000000Z",
                "261106000000Z",
                vec![entry("261104000000Z", HOLD)],
            ),
        ),
        (
            "d114/9 release",
            delta(
                114,
                9,
                "261109000000Z",
                "261110120000Z",
                vec![removal("260625000000Z")],
            ),
        ),
        (
            "d115/10 omits",
            delta(115, 10, "261109000000Z", "261110120000Z", vec![]),
        ),
        (
            "12 omits",
            complete(12, "261109000000Z", "261110120000Z", vec![]),
        ),
        (
            "11 long omits",
            complete(11, "261122000000Z", "261124000000Z", vec![]),
        ),
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let t = target();
    let mut split = Vec::new();
    for _ in 0..60 {
        let mut pick: Vec<usize> = Vec::new();
        while pick.len() < 4 {
            let i = (next() % pool.len() as u64) as usize;
            if !pick.contains(&i) {
                pick.push(i);
            }
        }
        let names: Vec<&str> = pick.iter().map(|&i| pool[i].0).collect();
        let crls: Vec<Vec<u8>> = pick.iter().map(|&i| pool[i].1.clone()).collect();
        for (w, e) in [
            ("given", given()),
            ("time-stamped", stamped_t()),
            ("claimed", claimed_t()),
        ] {
            let seen = outcomes_of(&t, &crls, &e);
            if seen.len() > 1 {
                split.push(format!("{names:?} {w}: {seen:?}"));
            }
        }
    }
    assert!(split.is_empty(), "the order decided:\n{}", split.join("\n"));
}

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (false VALID, order-dependent; given and time-stamped). Input: the target
/// re-issued with distribution point A; under A, the CA's complete #9 (07-01 .. 2027-01-01,
/// fresh at 11-10, current at 11-23) omits the target; two certificateHold-only partitions
/// #10 of one instant (11-09, onlySomeReasons certificateHold), one omitting the target
/// (nextUpdate 11-24, or 11-10T12), one listing it on hold since 06-25 (nextUpdate
/// 11-10T12). Given at 11-10 (and time-stamped, checked 11-23, with the long #10).
///
/// Observed: INVALID ("on hold since 06-25, CRL #10") when the #10 listing the hold comes
/// first; VALID ("not revoked (CRL #10 ...; CRL #9 ...)") when the #10 omitting it does.
///
/// Expected: INVALID in every order. README: "two CRLs of one issuer with the same
/// thisUpdate and number are both judged"; rule 6: a view of one instant that does not list
/// a hold the other lists does not show it lifted; and the walk's doc (`Point::settled_by`):
/// a tie in the newest-first order must not let the order given decide. The premise is
/// review 89's (the CA signed two CRLs of one number and scope, which RFC 5280 §5.2.3 does
/// not expect, and the walk weighs such ties on purpose).
///
/// Cause: the omitting partition, judged NotRevoked, adds certificateHold to the point's
/// mask but records itself as `settled_by` only when the mask then holds every reason
/// (src/revocation/status/walk.rs:465-470); the hold partition is then no tie
/// (walk.rs:215) and, its only reason already proven, is read for permanent revocations
/// only (walk.rs:289-292, `standing(.., false, false)`): its hold is never weighed. #9 then
/// proves the other reasons: VALID. The other way round the hold settles the point
/// (walk.rs:459-464). The fix of review 89 (b7de02b) closed the same gap for the CRL that
/// ends the hold search, not for a partition's proof.
///
/// Fix: record the (thisUpdate, cRLNumber) of every complete CRL judged that proves its
/// reasons (NotRevoked, NotRevokedSince), whether or not the point's mask is complete (or
/// keep the keys of all CRLs judged in full), so a CRL of that instant and number is a tie
/// judged in full in either order.
///
/// Found by review 91 (was a defect). Fixed: every complete CRL judged in full that proves some of
/// its point's reasons settles it (`settled_by`), whether or not all are proven, so its twin is
/// judged in full as a tie
#[test]
fn a_hold_partitions_twin_listing_the_hold_is_weighed_in_any_order() {
    let cert = with_dps(&[DP_A]);
    let a9 = point_a(None, 9, "260701000000Z", "270101000000Z", vec![]);
    let hold10 = point_a(
        Some(ONLY_HOLD),
        10,
        "261109000000Z",
        "261110120000Z",
        hold(),
    );
    let mut bad = Vec::new();
    for (what, next, e) in [
        ("given", "261110120000Z", given()),
        ("given, long #10", "261124000000Z", given()),
        ("time-stamped, long #10", "261124000000Z", stamped_t()),
    ] {
        let omits10 = point_a(Some(ONLY_HOLD), 10, "261109000000Z", next, vec![]);
        let crls = vec![a9.clone(), omits10, hold10.clone()];
        let seen = outcomes_of(&cert, &crls, &e);
        if seen.iter().any(|(o, _)| *o != Overall::Invalid) {
            for (o, why) in seen {
                bad.push(format!("{what}: {o:?}: {why}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "the order given decided the verdict:\n{}",
        bad.join("\n")
    );
}
