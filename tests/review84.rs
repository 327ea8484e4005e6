//! Review 84 (hostile): commits 6b51e03, 52848a9 and 7593455. Reviewed: at a claimed time
//! (`TimeSource::Claimed { checked_at }`), a delta's removeFromCRL read as the release of a
//! hold a base lists, not as the trace of a hold of unknown timing (`releases_base_hold`,
//! src/revocation/status/standing.rs; its callers `base_lists_hold`, walk.rs
//! `judge_complete`'s `releasing`, and `releases_a_listed_hold`, the stray-delta reading);
//! the base any complete CRL the delta completes, of its scope, not predating the
//! certificate; the lifts CRLs of the delta's scope covering holds; the latest removal
//! weighed; `judge_with`'s (src/revocation/status/rules.rs) `releasing` skip, its
//! earlier-views lift and rule 6's same-instant tie asked of the earlier views.
//! Material as in tests/review82.rs: the test PKI's `individual_sign.cer` (notBefore
//! 2026-01-01, cRLDistributionPoints `http://test.qoltanba.invalid/nca_rsa.crl`) under
//! `nca_rsa.cer`, CRLs forged with the CA's real test key (tests/common/evidence.rs), a
//! claim of 2026-11-10 checked 2026-11-23, every order of the CRLs and the first given
//! twice (`verdicts_in_any_order`); the same time given or time-stamped (`at_time`).
//!
//! Findings:
//!
//! 1. (fixed) `a_crl_in_scope_for_the_certificate_shows_the_hold_lifted_whatever_its_idp` (was
//!    `defect_a_crl_in_scope_for_the_certificate_shows_the_hold_lifted_whatever_its_idp`) (false
//!    VALID): review 81's finding 1 under one distribution point: the CA's #9 (11-03,
//!    issuingDistributionPoint the target's DP) lists a hold since 11-02, its #10 (11-06) omits the
//!    target, its delta #20 over #9 (11-20, same IDP) removes it dated 11-18: INDETERMINATE (a
//!    trace of a hold placed after #10's lift). With #10 a full CRL (no IDP), or the DP's CRL with
//!    onlyContainsUserCerts, or #9 and #20 without IDP and #10 the DP's partition: VALID, every
//!    order. Cause: the lift filter of `releases_base_hold` asks IDP equality with the delta
//!    (standing.rs:188), while the walk takes #10 as a lift of #9's hold (an omitter in scope,
//!    `scope_ok`, walk.rs:210, standing.rs:487), so the 11-18 removal is read as the release of a
//!    hold the walk sees lifted by 11-06. Fix: count as a lift every CRL in scope for the
//!    certificate (`scope_ok` through the point) that covers holds, as the walk does; keep equality
//!    for the base only.
//! 2. (fixed) `a_delta_of_the_bases_instant_lifts_no_hold_beside_a_later_release` (was
//!    `defect_a_delta_of_the_bases_instant_lifts_no_hold_beside_a_later_release`) (false VALID; a
//!    claim judged more leniently than the same time given): the CA's #9 (11-03 .. 2027-05) lists a
//!    hold since 11-02. With its delta #15 over #9 of the same instant (11-03) removing it:
//!    INDETERMINATE (review 82's finding 5, fixed); with its delta #20 over #9 (11-20) removing it:
//!    INDETERMINATE. With both: VALID, every order, where the same time given or time-stamped is
//!    INVALID (or INDETERMINATE with #9 stale). Cause: `judge_with`'s earlier-views lift
//!    (`lifted_before`, rules.rs:360-365) takes a delta of the base's own instant (`times(view).0
//!    <= times(w).0`) as showing the hold lifted, which rule 6 denies; #20, read as the release of
//!    #9's hold (no lift strictly after #9, standing.rs:186), is skipped as a trace. Fix: ask
//!    `lifted_before` for a view issued strictly after the hold's listing (or apply rule 6's tie
//!    there).
//! 3. (fixed) `a_time_stamped_time_is_proven_by_what_proves_a_claim` (was
//!    `defect_a_time_stamped_time_is_proven_by_what_proves_a_claim`) (false INDETERMINATE on honest
//!    input; a claim gets more than a time-stamp; pre-existing): the NCA's pattern (base #9 of
//!    07-01 listing a hold since 06-25, daily deltas dating the release 11-05, #102 of 11-09 fresh
//!    at 11-10, #104 of 11-22 current at 11-23), with or without IDP: 11-10 claimed: VALID; given:
//!    VALID; time-stamped (checked 11-23): INDETERMINATE. Cause: `judge_with` skips #102 by rule 7
//!    (rules.rs:522), returns the base's hold as OnHold (rules.rs:458) instead of #104's "not
//!    revoked since"; #102's `release` (standing.rs:460) lifts the hold, nothing proves the time
//!    (walk.rs:643). Fix: a fresh view skipped by rule 7 that no longer lists the hold shows it
//!    lifted; return the later current view's "not revoked since".
//!
//! Held: the NCA's pattern under one distribution point (IDP on the base and on every delta) is
//! VALID claimed, every order, and given; review 81's trace under one distribution point stays
//! INDETERMINATE (finding 1's control); junk (a full CRL of the CA's name forged under another key,
//! the CA's lift with a broken signature, a forged newer CRL listing the hold) neither makes nor
//! unmakes a lift; two complete CRLs of one instant (one listing the hold, one not; of equal or
//! different numbers, the holder's higher or lower) beside a later release leave the claim
//! INDETERMINATE; a delta over a base number held nowhere, and a release dated after a lift shown
//! by the CA's delta over another base, stay traces; a removal dated before its base is
//! INDETERMINATE with no lift issued by the claim, and VALID claimed, given and time-stamped beside
//! #10's lift (11-06).
//!
//! Not pursued: an honest CA's delta with an issuingDistributionPoint over a base without
//! one (`deltas_for` pairs neither, and RFC 5280 §5.2.4 asks one scope; not tested);
//! onlySomeReasons partitions of one DP beside each other (the cause of finding 1); a delta
//! without cRLNumber (the forge always writes one); removals dated after `checked_at` and
//! lifts issued after it (they only add lifts: more traces); complete CRLs listing the
//! certificate for another reason as lifts (they only add lifts); OCSP responses as lifts;
//! indirect CRLs; PAdES.

mod common;

use common::evidence::*;
use common::forge::{self, CrlSpec};
use qoltanba::{Expectation, Overall};

// --- material ----------------------------------------------------------------------------

/// The target's own distribution point (its cRLDistributionPoints).
const TDP: &str = "http://test.qoltanba.invalid/nca_rsa.crl";

/// The claimed instant given, and time-stamped.
fn given_and_stamped() -> [Expectation; 2] {
    [
        at_time("2026-11-10T00:00:00Z", false),
        at_time("2026-11-10T00:00:00Z", true),
    ]
}

/// The verdicts under `e` that are VALID, with their reasons.
fn valid_ones(crls: &[Vec<u8>], e: &Expectation) -> Vec<String> {
    verdicts_in_any_order(crls, e)
        .into_iter()
        .filter(|(o, _)| *o == Overall::Valid)
        .map(|(_, why)| why)
        .collect()
}

/// An issuingDistributionPoint naming `uri`, `extra` appended (flags, DER).
fn idp(uri: &str, extra: &[u8]) -> Vec<u8> {
    let mut v = dp_name(uri);
    v.extend_from_slice(extra);
    forge::ext(OID_IDP, true, &forge::tlv(0x30, &v))
}

/// The target's DP as an issuingDistributionPoint.
fn tdp() -> Option<Vec<u8>> {
    Some(idp(TDP, &[]))
}

/// The CA's CRL of `spec`, with `ext` added when given.
fn signed(mut spec: CrlSpec, ext: Option<Vec<u8>>) -> Vec<u8> {
    spec.extensions.extend(ext);
    forge::Ca::nca_rsa().crl(&spec)
}

/// The CA's delta #20 over #9 (11-20 .. 11-27) removing the target dated `date`.
fn d20(date: &str) -> Vec<u8> {
    delta(20, 9, "261120000000Z", "261127000000Z", vec![removal(date)])
}

/// Review 81's finding 1 with these issuingDistributionPoints: #9 (11-03, hold since
/// 11-02) and delta #20 over #9 (11-20, removal dated 11-18) of `scope`, #10 (11-06,
/// omitting the target) of `lift`.
fn trace_set(scope: Option<Vec<u8>>, lift: Option<Vec<u8>>) -> Vec<Vec<u8>> {
    let hold = vec![entry("261102000000Z", HOLD)];
    vec![
        signed(
            CrlSpec::complete(9, "261103000000Z", "261105000000Z").entries(hold),
            scope.clone(),
        ),
        signed(
            CrlSpec::complete(10, "261106000000Z", "270501000000Z"),
            lift,
        ),
        signed(
            CrlSpec::delta(20, 9, "261120000000Z", "261127000000Z")
                .entries(vec![removal("261118000000Z")]),
            scope,
        ),
    ]
}

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (false VALID). Input: review 81's finding 1 under the target's distribution
/// point: the CA's #9 (11-03 .. 11-05, IDP the target's DP) lists the target on hold since
/// 11-02; #10 (11-06) omits it; delta #20 over #9 (11-20, the same IDP) removes it dated
/// 11-18. All three of one IDP: INDETERMINATE (the 11-18 removal is the trace of a hold
/// placed after #10 showed #9's lifted; a back-dating signer may have signed under it).
/// Then #10, in scope for the target all along, with another IDP: none (a full CRL), the
/// DP with onlyContainsUserCerts; or #9 and #20 without IDP and #10 the DP's partition.
///
/// Observed: VALID, every order, duplicated ("not revoked (CRL #10 ...)").
///
/// Expected: INDETERMINATE, as with one IDP: #10 covers the target and holds either way,
/// and the walk itself takes it as showing #9's hold lifted by 11-06.
///
/// Cause: `releases_base_hold` counts as lifts only CRLs whose issuingDistributionPoint
/// equals the delta's (src/revocation/status/standing.rs:188), so no lift falls between #9
/// and 11-18 and #20 is read as the release of #9's hold (skipped as a trace in
/// `judge_with`, and read alone); the walk then sees #9's hold lifted by #10, an omitter
/// in scope (`scope_ok`; walk.rs:210, standing.rs:487).
///
/// Fix: a lift is any CRL in scope for the certificate through the distribution point
/// (`scope_ok`) that covers certificateHold; IDP equality is for the base only.
///
/// Found by review 84 (was a defect). Fixed: a lift of `releases_base_hold` is any CRL in scope for
/// the certificate through one of its distribution points (`scope_ok`) that covers certificateHold,
/// as the walk reads it.
#[test]
fn a_crl_in_scope_for_the_certificate_shows_the_hold_lifted_whatever_its_idp() {
    all_are(&trace_set(tdp(), tdp()), &claim(), Overall::Indeterminate);
    let mut wrong = Vec::new();
    for (what, crls) in [
        ("a full CRL (no IDP) as the lift", trace_set(tdp(), None)),
        (
            "the DP's CRL, onlyContainsUserCerts, as the lift",
            trace_set(tdp(), Some(idp(TDP, &[0x81, 0x01, 0xff]))),
        ),
        (
            "base and delta without IDP, the DP's partition as the lift",
            trace_set(None, tdp()),
        ),
    ] {
        if let Some(why) = valid_ones(&crls, &claim()).first() {
            wrong.push(format!("{what}: VALID: {why}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "a lift of another IDP turned a trace into a release:\n{}",
        wrong.join("\n")
    );
}

// --- finding 2 ---------------------------------------------------------------------------

/// DEFECT (false VALID; a claim judged more leniently than the same time given). Input: the
/// CA's #9 (11-03 .. 2027-05-01) lists the target on hold since 11-02. Its delta #15 over
/// #9 of the same instant (11-03) removes it (dated 11-02T12): INDETERMINATE at the claim
/// (rule 6: one view of 11-03 lists the hold). Its delta #20 over #9 (11-20) removes it
/// (dated 11-02T12, or 11-05): INDETERMINATE (no CRL issued by the claim shows it lifted).
///
/// Observed: #9, #15 and #20 together: VALID at the claim, every order, duplicated ("CRL #9
/// with delta CRL #20, issued after the time judged"); the same time given or time-stamped:
/// INVALID (on hold). With #9 stale at the claim (11-03 .. 11-05): VALID claimed,
/// INDETERMINATE given.
///
/// Expected: not VALID: #15 shows nothing lifted (rule 6, review 82's finding 5) and #20
/// alone leaves the claim unknown; a claim never gets more than a given time.
///
/// Cause: #20 is read as the release of #9's hold (the lift window of `releases_base_hold`
/// starts strictly after #9, standing.rs:186, so #15 is no lift there) and skipped as a
/// trace; `judge_with`'s earlier-views lift (`lifted_before`,
/// src/revocation/status/rules.rs:360-365) then takes #15, a view of the base's own instant
/// (`times(view).0 <= times(w).0`), as showing the base's hold lifted before the claim.
///
/// Fix: `lifted_before` asks a view issued strictly after the listing (or not tied with it
/// under rule 6), as the tie check and `releases_base_hold` do.
///
/// Found by review 84 (was a defect). Fixed: `judge_with`'s `lifted_before` asks a view issued
/// strictly after the hold's listing (rule 6).
#[test]
fn a_delta_of_the_bases_instant_lifts_no_hold_beside_a_later_release() {
    let d15 = delta(
        15,
        9,
        "261103000000Z",
        "261230000000Z",
        vec![removal("261102120000Z")],
    );
    all_are(
        &[crl9_on_hold_long(), d15.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    all_are(
        &[crl9_on_hold_long(), d20("261102120000Z")],
        &claim(),
        Overall::Indeterminate,
    );
    let mut wrong = Vec::new();
    for (what, crls) in [
        (
            "#9, #15, #20 (11-02T12)",
            vec![crl9_on_hold_long(), d15.clone(), d20("261102120000Z")],
        ),
        (
            "#9, #15, #20 (11-05)",
            vec![crl9_on_hold_long(), d15.clone(), d20("261105000000Z")],
        ),
        (
            "#9 stale, #15, #20 (11-05)",
            vec![crl9_on_hold(), d15, d20("261105000000Z")],
        ),
    ] {
        let given: Vec<Overall> = given_and_stamped()
            .iter()
            .map(|e| judge_with(&target(), &crls, &[], e.clone()).0)
            .collect();
        if let Some(why) = valid_ones(&crls, &claim()).first() {
            wrong.push(format!(
                "{what}: VALID claimed (given, stamped: {given:?}): {why}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "a delta of the base's instant lifted its hold beside a later release:\n{}",
        wrong.join("\n")
    );
}

/// The NCA's pattern: base #9 of 2026-07-01 (.. 2027-01-01, of `scope`) listing the
/// target on hold since 06-25, deltas over it (of `scope`) dating the removal alike
/// (11-05): #101 (11-06), #102 (11-09 .. 11-10T12), #103 (11-20), #104 (11-22 ..
/// 11-23T12, current when checked).
fn nca_pattern(scope: Option<Vec<u8>>) -> Vec<Vec<u8>> {
    let base = signed(
        CrlSpec::complete(9, "260701000000Z", "270101000000Z")
            .entries(vec![entry("260625000000Z", HOLD)]),
        scope.clone(),
    );
    let d = |n: u8, this: &str, next: &str| {
        signed(
            CrlSpec::delta(n, 9, this, next).entries(vec![removal("261105000000Z")]),
            scope.clone(),
        )
    };
    vec![
        base,
        d(101, "261106000000Z", "261107000000Z"),
        d(102, "261109000000Z", "261110120000Z"),
        d(103, "261120000000Z", "261121000000Z"),
        d(104, "261122000000Z", "261123120000Z"),
    ]
}

// --- finding 3 ---------------------------------------------------------------------------

/// DEFECT (false INDETERMINATE on honest input; a claim gets more than a time-stamped
/// time; pre-existing). Input: the NCA's pattern (`nca_pattern`): base #9 (07-01) listing
/// the hold since 06-25, daily deltas over it dating the release 11-05, #102 (11-09 ..
/// 11-10T12) fresh at 11-10, #104 (11-22 .. 11-23T12) current at 11-23; with and without an
/// issuingDistributionPoint.
///
/// Observed: 11-10 claimed (checked 11-23): VALID, every order; 11-10 given: VALID; 11-10
/// proven by a time-stamp checked 11-23: INDETERMINATE ("the CRLs ... supplied do not prove
/// the certificate's status at the time judged"). (The base with #104 alone, time-stamped:
/// INVALID, the base's hold; with #102 beside them: INDETERMINATE.)
///
/// Expected: VALID time-stamped: a time-stamp proves more than the signer's own word, and
/// the same CRLs prove the claim; #102 shows the hold lifted before 11-10 and #104, current
/// when checked, lists nothing new.
///
/// Cause: at a time-stamped time `judge_with` skips #102 (rule 7, not current when checked,
/// src/revocation/status/rules.rs:522), keeps #104's "not revoked since" aside, then
/// returns the base alone's hold as OnHold (rules.rs:458); the walk's `release` of #102
/// (src/revocation/status/standing.rs:460) then lifts that hold, but nothing is left to
/// prove the time (`Gathered::conclude`, walk.rs:643).
///
/// Fix: a fresh view skipped by rule 7 that no longer lists the hold shows it lifted;
/// return the later view's "not revoked since" (current when checked) rather than the
/// base's hold.
///
/// Found by review 84 (was a defect). Fixed: at a time-stamped time a view fresh at the time judged
/// that no longer lists the certificate, skipped by rule 7, still shows an older view's hold lifted
/// (`judge_with`'s `lifted_by`), so the later current view's proof stands.
#[test]
fn a_time_stamped_time_is_proven_by_what_proves_a_claim() {
    let mut wrong = Vec::new();
    for scope in [None, tdp()] {
        let crls = nca_pattern(scope.clone());
        all_are(&crls, &claim(), Overall::Valid);
        assert_eq!(
            judge_with(
                &target(),
                &crls,
                &[],
                at_time("2026-11-10T00:00:00Z", false)
            )
            .0,
            Overall::Valid
        );
        let (o, _, why) = judge_with(&target(), &crls, &[], at_time("2026-11-10T00:00:00Z", true));
        if o != Overall::Valid {
            wrong.push(format!(
                "IDP {}: time-stamped {o:?}: {why}",
                scope.is_some()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "a claim got more than a time-stamp:\n{}",
        wrong.join("\n")
    );
}

// --- held --------------------------------------------------------------------------------

/// HELD. The NCA's pattern under one distribution point (the base and every delta of the
/// target's DP): VALID claimed, every order, duplicated, and VALID given.
#[test]
fn held_the_ncas_pattern_under_one_distribution_point_is_valid() {
    let crls = nca_pattern(tdp());
    all_are(&crls, &claim(), Overall::Valid);
    assert_eq!(
        judge_with(
            &target(),
            &crls,
            &[],
            at_time("2026-11-10T00:00:00Z", false)
        )
        .0,
        Overall::Valid
    );
}

/// HELD. Junk does not make or unmake a lift: review 81's finding 1 with #10 a full CRL
/// forged under another key of the CA's name (no IDP, base and delta of the target's DP),
/// or the CA's #10 with a broken signature: INDETERMINATE (no lift proven, no release
/// before the claim); review 81's control (removal dated 11-05) beside a forged #11 (11-07)
/// listing the target on hold: VALID, every order.
#[test]
fn held_junk_lifts_decide_nothing() {
    let forged = forger().crl(&CrlSpec::complete(10, "261106000000Z", "270501000000Z"));
    let mut set = trace_set(tdp(), tdp());
    set[1] = forged;
    all_are(&set, &claim(), Overall::Indeterminate);
    let mut broken = crl10_omitting();
    let n = broken.len();
    broken[n - 5] ^= 0x01;
    all_are(
        &[crl9_on_hold(), broken, d20("261118000000Z")],
        &claim(),
        Overall::Indeterminate,
    );
    let forged_hold = forger().crl(
        &CrlSpec::complete(11, "261107000000Z", "270501000000Z")
            .entries(vec![entry("261102000000Z", HOLD)]),
    );
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            forged_hold,
            d20("261105000000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
}

/// HELD. Two complete CRLs of one instant (11-03), one listing the hold since 11-02, one
/// omitting it, beside delta #20 over #9 removing it (11-18, or 11-05): INDETERMINATE
/// claimed, every order, duplicated, whichever has the higher number (#9 holds and #10
/// omits; #12 holds and #10 omits; both numbered 9).
#[test]
fn held_complete_crls_of_one_instant_show_no_lift() {
    let omit = |n: u8| crl(n, "261103000000Z", "270501000000Z", &[]);
    let hold = |n: u8| {
        crl(
            n,
            "261103000000Z",
            "270501000000Z",
            &[("261102000000Z", HOLD)],
        )
    };
    for date in ["261118000000Z", "261105000000Z"] {
        for (h, o) in [(9, 10), (12, 10), (9, 9)] {
            all_are(
                &[hold(h), omit(o), d20(date)],
                &claim(),
                Overall::Indeterminate,
            );
        }
    }
}

/// HELD. A trace stays a trace: beside #9 (hold since 11-02) and #10 (11-06, omitting),
/// a removal dated 11-18 on a delta over base #12 (held nowhere); delta #20 over #9
/// removing it dated 11-18 beside the CA's delta #15 over another base (#5, 11-07, no #10)
/// removing it: not VALID, every order.
#[test]
fn held_traces_over_bases_not_held_stay_traces() {
    let over_12 = delta(
        20,
        12,
        "261120000000Z",
        "261127000000Z",
        vec![removal("261118000000Z")],
    );
    let over_5 = delta(
        15,
        5,
        "261107000000Z",
        "261230000000Z",
        vec![removal("261105000000Z")],
    );
    for crls in [
        vec![crl9_on_hold(), crl10_omitting(), over_12],
        vec![crl9_on_hold(), over_5, d20("261118000000Z")],
    ] {
        for (o, why) in verdicts_in_any_order(&crls, &claim()) {
            assert_ne!(o, Overall::Valid, "{why}");
        }
    }
}

/// HELD. A removal dated before its base (11-01, #9 of 11-03 listing the hold since
/// 11-02), with no lift issued by the claim: INDETERMINATE; with #10 (11-06) omitting:
/// VALID claimed, and VALID given and time-stamped.
#[test]
fn held_a_removal_dated_before_its_base() {
    all_are(
        &[crl9_on_hold_long(), d20("261101000000Z")],
        &claim(),
        Overall::Indeterminate,
    );
    let crls = [crl9_on_hold(), crl10_omitting(), d20("261101000000Z")];
    all_are(&crls, &claim(), Overall::Valid);
    for e in given_and_stamped() {
        assert_eq!(judge_with(&target(), &crls, &[], e).0, Overall::Valid);
    }
}

/// HELD (on finding 3's fix). The lift a view skipped by rule 7 shows needs a later proof:
/// the base (hold since 06-25) and #102 (11-09, fresh at 11-10, not current at 11-23)
/// alone, time-stamped 11-10 checked 11-23: not VALID (nothing current when checked proves
/// the time); #102 of the base's own instant (07-01) lifts nothing: not VALID either.
#[test]
fn held_a_lift_skipped_by_rule_7_needs_a_current_proof() {
    let crls = nca_pattern(None);
    let stamped = at_time("2026-11-10T00:00:00Z", true);
    let (o, _, why) = judge_with(&target(), &crls[..3], &[], stamped.clone());
    assert_ne!(o, Overall::Valid, "{why}");
    let same_instant = signed(
        CrlSpec::delta(102, 9, "260701000000Z", "261110120000Z")
            .entries(vec![removal("261105000000Z")]),
        None,
    );
    let crls = vec![crls[0].clone(), same_instant, crls[4].clone()];
    for (o, why) in every_order(&target(), &crls, &[], &stamped) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}
