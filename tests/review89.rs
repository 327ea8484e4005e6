//! Review 89 (hostile): the two fixes of review 85 (dd11dde, c727937). Reviewed: at a
//! time-stamped time, a complete CRL's view fresh at the time judged, kept by rule 7 from
//! proving it (not current when checked), that lists nothing of the certificate shows an
//! older hold lifted (`stamped_lift`, src/revocation/status/rules.rs:200, used by
//! `judge_complete`, src/revocation/status/walk.rs:380-390, for `Unproven` and
//! `NotRevokedSince`); a fresh delta listing nothing of the certificate over its exact base
//! (held, proven, listing nothing of it either) is a release (`release`, `base_omits`,
//! src/revocation/status/standing.rs:440-505); and around them `releases_base_hold`,
//! `judge_with`'s `lifted_by` and `lifted_before`, the walk's hold search and its ties.
//! Material as in tests/review85.rs: the test PKI's `individual_sign.cer` (notBefore
//! 2026-01-01) under `nca_rsa.cer`, CRLs and OCSP responses made with the CA's and its
//! responder's real test keys (tests/common/evidence.rs); the time judged given,
//! time-stamped and claimed, every order of the CRLs and the first given twice
//! (`verdicts_in_any_order`, `every_order`).
//!
//! Findings:
//!
//! 1. (fixed)
//!    `a_complete_crl_of_the_lifts_instant_and_number_listing_the_hold_decides_in_any_order` (was
//!    `defect_a_complete_crl_of_the_lifts_instant_and_number_listing_the_hold_decides_in_any_order`)
//!    (false VALID, order-dependent; at a given time). Input: the CA's complete #9 (07-01 ..
//!    2027-01-01) lists the target on hold since 06-25; two complete CRLs #10 of one instant (11-09
//!    .. 11-10T12, fresh at 11-10): one omits the target, one still lists the hold; complete #11
//!    (11-22 .. 11-23T12) omits it. Observed at 11-10 given: INVALID ("on hold since 06-25, CRL
//!    #10") when the #10 that lists the hold is given first, VALID ("not revoked (CRL #11 ...,
//!    issued after the time judged") when the #10 that omits it is; time-stamped (checked 11-23):
//!    INVALID in every order, but with the two #10 current when checked (nextUpdate 11-24) the same
//!    split, INVALID or VALID by the order. (The CA signed two #10 of one instant, which RFC 5280
//!    §5.2.3 does not expect; the walk handles such ties on purpose, and whatever it concludes, the
//!    order must not decide.) Expected: INVALID in every order (rule 6: a view of the same instant
//!    and number that lists a hold is not older than one that omits it; the walk's own doc: a tie
//!    in the newest-first order must not let the order given decide). Cause: in the hold search
//!    after #11's "not revoked since", the #10 that omits ends the search
//!    (src/revocation/status/walk.rs:414-416) and is set aside (walk.rs:424) without recording
//!    itself as the point's `settled_by`; the other #10 is then no tie (walk.rs:215) and, its point
//!    proven and the search over, is read only for permanent revocations (walk.rs:216-220,
//!    `standing(.., false, false)`): its hold is never weighed. Given the other way round, the #10
//!    that lists the hold settles the point (walk.rs:459) and the omitting #10, tied, is judged
//!    too: the hold stands. Fix: when a CRL ends the hold search, record its (thisUpdate,
//!    cRLNumber) as `settled_by` (or keep the search on for CRLs of that instant and number), so
//!    its twin is judged in full in either order.
//!
//! Held: a complete CRL fresh at a time-stamped time that omits the certificate hides no
//! permanent revocation (rule 2; given, time-stamped, claimed); a hold re-placed after the
//! lift (a newer complete CRL listing a new hold, or the old one again; a delta over a newer
//! base listing a hold dated before the time) stays INVALID given and time-stamped and is
//! never VALID claimed; with no CRL current when checked the lift alone proves nothing
//! (INDETERMINATE time-stamped); a base that predates the certificate does not stop a lift
//! by omission or by removal (VALID given and time-stamped; claimed INDETERMINATE); an OCSP
//! hold placed after the lift, fresh at the time or reported later, stays INVALID, one
//! before the lift is lifted; the NCA pattern across a new base (a delta's hold, lifted by
//! omission, the new base and its delta current when checked) is VALID given and
//! time-stamped, and a hold re-placed before the time on the new base's delta is INVALID;
//! a delta of a partition that covers no holds is no release; a delta whose base of the
//! same number but another scope omits the target does not release the full base's hold.
//!
//! Not pursued: a second key of the CA's name (a base of the same number signed by another
//! key: `base_omits` proves the base's signer apart from the delta's and asks no matching
//! authorityKeyIdentifier, unlike `deltas_for`; not built); indirect CRLs; deltas whose
//! thisUpdate order disagrees with their numbers (a CA at odds with itself).

mod common;

use common::crl_sequences::*;
use common::evidence::*;
use common::forge::{self, CrlSpec};
use qoltanba::{Expectation, Overall};

// --- material ----------------------------------------------------------------------------

/// The distinct verdicts under `e` in any order, duplicated.
fn outcomes(crls: &[Vec<u8>], e: &Expectation) -> Vec<(Overall, String)> {
    let mut v = verdicts_in_any_order(crls, e);
    v.sort_by_key(|(o, why)| (format!("{o:?}"), why.clone()));
    v.dedup();
    v
}

/// Every verdict of `crls` under `e` is `want`; else the first that is not.
fn wrong(crls: &[Vec<u8>], e: &Expectation, want: Overall) -> Option<String> {
    outcomes(crls, e)
        .into_iter()
        .find(|(o, _)| *o != want)
        .map(|(o, why)| format!("{o:?}: {why}"))
}

/// No verdict of `crls` under `e` is VALID.
fn never_valid(crls: &[Vec<u8>], e: &Expectation) {
    for (o, why) in outcomes(crls, e) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// The CA's CRL of `spec`, with `ext` added when given.
fn signed(mut spec: CrlSpec, ext: Option<Vec<u8>>) -> Vec<u8> {
    spec.extensions.extend(ext);
    forge::Ca::nca_rsa().crl(&spec)
}

/// The CA's complete #9 (07-01 .. 2027-01-01) omitting the target.
fn clean9() -> Vec<u8> {
    signed(CrlSpec::complete(9, "260701000000Z", "270101000000Z"), None)
}

/// Delta #101 over #9 (11-05 .. 11-06) listing the target on hold since 11-04.
fn d101() -> Vec<u8> {
    delta(
        101,
        9,
        "261105000000Z",
        "261106000000Z",
        vec![entry("261104000000Z", HOLD)],
    )
}

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (false VALID, order-dependent; at a given time). Input: the CA's complete #9
/// (07-01 .. 2027-01-01) lists the target on hold since 06-25; two complete CRLs #10 of
/// one instant (11-09 .. 11-10T12, fresh at 11-10), one omitting the target, one still
/// listing the hold since 06-25; complete #11 (11-22 .. 11-23T12) omits it. All signed by
/// the CA (two CRLs of one number and scope, which RFC 5280 §5.2.3 does not expect of it,
/// and which the walk weighs on purpose as a tie); an attacker chooses the order.
///
/// Observed: 11-10 given: INVALID ("revoked since 2026-06-25 (reason: certificate hold;
/// CRL #10") when the #10 listing the hold comes first, VALID ("not revoked (CRL #11 ...,
/// issued after the time judged") when the #10 omitting it does. Time-stamped (checked
/// 11-23): INVALID in every order; but with both #10 current when checked (nextUpdate
/// 11-24), INVALID or VALID by the order, as given.
///
/// Expected: INVALID in every order. By rule 6 (README, `judge_with`) views of one instant
/// weigh together: one that does not list a hold the other lists does not show it lifted;
/// so the hold since 06-25 is proven at 11-10 by a CRL fresh then, and #11 (issued after
/// the time, "not revoked since") shows no hold lifted. The walk's own doc (`Point::
/// settled_by`): a tie in the newest-first order must not let the order given decide.
///
/// Cause: #11 proves "not revoked since" and starts the hold search; the #10 that omits
/// the target, judged NotRevoked, ends the search (src/revocation/status/walk.rs:414-416)
/// and is set aside (walk.rs:424) without being recorded as the point's `settled_by`; the
/// other #10 is then no tie (walk.rs:215) and, the point proven and the search over, is
/// read only for permanent revocations (walk.rs:216-220, `standing(.., false, false)`):
/// its hold is never weighed. The other way round the #10 listing the hold settles the
/// point (walk.rs:459), its twin is tied and judged, and the hold stands (`conclude`).
///
/// Fix: when a CRL ends the hold search, record its (thisUpdate, cRLNumber) as the point's
/// `settled_by` (or keep searching through the CRLs of that instant and number), so its
/// twin is judged in full whichever order they came in.
///
/// Found by review 89 (was a defect). Fixed: a CRL that ends the hold search with a fresh proof
/// settles its point (`settled_by`), so a CRL of its instant and number is its tie, judged in full,
/// whichever comes first
#[test]
fn a_complete_crl_of_the_lifts_instant_and_number_listing_the_hold_decides_in_any_order() {
    let long10 = |entries: Vec<Vec<u8>>| {
        signed(
            CrlSpec::complete(10, "261109000000Z", "261124000000Z").entries(entries),
            None,
        )
    };
    let hold = || vec![entry("260625000000Z", HOLD)];
    let short = vec![base9(), c10(vec![]), c10(hold()), c11(vec![])];
    assert_eq!(wrong(&short, &stamped_t(), Overall::Invalid), None);
    let long = vec![base9(), long10(vec![]), long10(hold()), c11(vec![])];
    let mut bad = Vec::new();
    for (what, crls, e) in [
        ("given", short, given()),
        ("time-stamped, #10 current when checked", long, stamped_t()),
    ] {
        let seen = outcomes(&crls, &e);
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

// --- held --------------------------------------------------------------------------------

/// HELD. A complete CRL fresh at the time (#10) that omits the target hides no permanent
/// revocation: #9 lists keyCompromise since 06-25, or #11 (current when checked) lists
/// keyCompromise since 11-21 with an invalidityDate of 11-08: INVALID given, time-stamped
/// and claimed, every order.
#[test]
fn held_a_stale_fresh_complete_crl_hides_no_revocation() {
    let kc9 = signed(
        CrlSpec::complete(9, "260701000000Z", "270101000000Z")
            .entries(vec![entry("260625000000Z", KEY_COMPROMISE)]),
        None,
    );
    let kc11 = c11(vec![forge::crl_entry(
        &serial(),
        "261121000000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261108000000Z"),
        ],
    )]);
    for crls in [
        vec![kc9, c10(vec![]), c11(vec![])],
        vec![base9(), c10(vec![]), kc11],
    ] {
        for e in [given(), stamped_t(), claimed_t()] {
            assert_eq!(wrong(&crls, &e, Overall::Invalid), None);
        }
    }
}

/// HELD. A hold re-placed after #10's lift and in force at 11-10: #11 (11-22) lists a hold
/// since 11-09T18, or the old hold since 06-25 again: INVALID given and time-stamped, never
/// VALID claimed, every order.
#[test]
fn held_a_hold_replaced_after_the_stamped_lift_stays() {
    for date in ["261109180000Z", "260625000000Z"] {
        let crls = vec![base9(), c10(vec![]), c11(vec![entry(date, HOLD)])];
        for e in [given(), stamped_t()] {
            assert_eq!(wrong(&crls, &e, Overall::Invalid), None);
        }
        never_valid(&crls, &claimed_t());
    }
}

/// HELD. With no CRL current when checked, #10's lift proves nothing at a time-stamped
/// time: #9 (hold) and #10 (omits): not VALID time-stamped or claimed (VALID given).
#[test]
fn held_a_stamped_lift_alone_proves_nothing() {
    let crls = vec![base9(), c10(vec![])];
    assert_eq!(wrong(&crls, &given(), Overall::Valid), None);
    never_valid(&crls, &stamped_t());
    never_valid(&crls, &claimed_t());
}

/// HELD. A base that predates the certificate (#9, 2025-12-15 .. 2026-06-15) does not stop
/// a lift: #101 lists a hold since 01-19, #102 (02-01 .. 02-02) and #110 (02-09 ..
/// 02-10T12) list nothing of the target, or remove it: VALID at 02-01T12 given and
/// time-stamped (checked 02-10); claimed, not VALID.
#[test]
fn held_a_base_that_predates_the_certificate_still_lifts() {
    let c9 = signed(CrlSpec::complete(9, "251215000000Z", "260615000000Z"), None);
    let hold = delta(
        101,
        9,
        "260120000000Z",
        "260121000000Z",
        vec![entry("260119000000Z", HOLD)],
    );
    let at = "2026-02-01T12:00:00Z";
    let checked = "2026-02-10T00:00:00Z";
    for ent in [vec![], vec![removal("260125000000Z")]] {
        let crls = vec![
            c9.clone(),
            hold.clone(),
            delta(102, 9, "260201000000Z", "260202000000Z", ent.clone()),
            delta(110, 9, "260209000000Z", "260210120000Z", ent),
        ];
        for e in [ex(at, None, false), ex(at, Some(checked), false)] {
            assert_eq!(wrong(&crls, &e, Overall::Valid), None);
        }
        never_valid(&crls, &ex(at, Some(checked), true));
    }
}

/// HELD. An OCSP hold beside #9's hold, #10's lift and #11: placed after the lift (since
/// 11-09T06), fresh at the time or reported on 11-22: INVALID given and time-stamped;
/// placed before the lift (since 11-08, produced 11-08T12): lifted, VALID.
#[test]
fn held_an_ocsp_hold_after_the_lift_stays() {
    let crls = [base9(), c10(vec![]), c11(vec![])];
    for (since, this, next, want) in [
        (
            "20261109060000Z",
            "20261109120000Z",
            "20261110120000Z",
            Overall::Invalid,
        ),
        (
            "20261109060000Z",
            "20261122000000Z",
            "20261123120000Z",
            Overall::Invalid,
        ),
        (
            "20261108000000Z",
            "20261108120000Z",
            "20261110120000Z",
            Overall::Valid,
        ),
    ] {
        let r = ocsp(&revoked(since, Some(HOLD)), this, Some(next));
        for e in [given(), stamped_t()] {
            for (o, why) in every_order(&target(), &crls, std::slice::from_ref(&r), &e) {
                assert_eq!(o, want, "{since}: {why}");
            }
        }
    }
}

/// HELD. The NCA pattern across a new base: clean #9; #101 holds since 11-04; #102 (11-09
/// .. 11-10T12) lists nothing; (with or without #107 over #9, 11-14 .. 11-15); a new base
/// #10 (11-15 .. 2027-05-15) omitting the target and #110 over it (11-22 .. 11-23T12):
/// VALID given and time-stamped. #110 listing a hold since 11-09T06: INVALID both.
#[test]
fn held_the_nca_pattern_across_a_new_base() {
    let n10 = signed(
        CrlSpec::complete(10, "261115000000Z", "270515000000Z"),
        None,
    );
    let d102 = delta(102, 9, "261109000000Z", "261110120000Z", vec![]);
    let d107 = delta(107, 9, "261114000000Z", "261115000000Z", vec![]);
    let d110 = |e: Vec<Vec<u8>>| delta(110, 10, "261122000000Z", "261123120000Z", e);
    let honest = [
        vec![clean9(), d101(), d102.clone(), n10.clone(), d110(vec![])],
        vec![
            clean9(),
            d101(),
            d102.clone(),
            d107,
            n10.clone(),
            d110(vec![]),
        ],
    ];
    for crls in honest {
        for e in [given(), stamped_t()] {
            assert_eq!(wrong(&crls, &e, Overall::Valid), None);
        }
    }
    let again = vec![
        clean9(),
        d101(),
        d102,
        n10,
        d110(vec![entry("261109060000Z", HOLD)]),
    ];
    for e in [given(), stamped_t()] {
        assert_eq!(wrong(&again, &e, Overall::Invalid), None);
    }
    never_valid(&again, &claimed_t());
}

/// HELD. `base_omits` of another scope: #101's hold over a clean #9 (stamped), with the
/// later deltas of a keyCompromise-only partition (#9 and its deltas with an IDP of
/// onlySomeReasons keyCompromise, listing nothing): no release, not VALID time-stamped.
/// And a full #9 listing the hold beside a #9 of another scope (IDP naming DP_B, not the
/// target's) omitting it, with deltas of that scope listing nothing: not VALID.
#[test]
fn held_a_release_needs_a_base_of_its_own_scope_covering_holds() {
    // ReasonFlags: keyCompromise (bit 1): 0x06 unused bits, 0x40.
    let kc_only = || {
        let mut idp = forge::tlv(0x83, &[0x06, 0x40]);
        idp = forge::tlv(0x30, &idp);
        Some(forge::ext(OID_IDP, true, &idp))
    };
    let p9 = signed(
        CrlSpec::complete(9, "260701000000Z", "270101000000Z"),
        kc_only(),
    );
    let p102 = signed(
        CrlSpec::delta(102, 9, "261109000000Z", "261110120000Z"),
        kc_only(),
    );
    let p104 = signed(
        CrlSpec::delta(104, 9, "261122000000Z", "261123120000Z"),
        kc_only(),
    );
    never_valid(&[clean9(), d101(), p9, p102, p104], &stamped_t());
    let other = || Some(forge::ext(OID_IDP, true, &forge::tlv(0x30, &dp_name(DP_B))));
    let b9 = signed(
        CrlSpec::complete(9, "260701000000Z", "270101000000Z"),
        other(),
    );
    let b102 = signed(
        CrlSpec::delta(102, 9, "261109000000Z", "261110120000Z"),
        other(),
    );
    let b104 = signed(
        CrlSpec::delta(104, 9, "261122000000Z", "261123120000Z"),
        other(),
    );
    for e in [given(), stamped_t()] {
        never_valid(&[base9(), b9.clone(), b102.clone(), b104.clone()], &e);
    }
}
