//! Review 80 (hostile): the fix of review 78's three false VALIDs (commit 7a02f1d). At a
//! claimed time (`TimeSource::Claimed { checked_at }`), a hold placed after the claim and
//! released since is now kept: `rules::released_hold` (a removeFromCRL entry on a CRL
//! issued after the claim and by `checked_at` is the trace of a hold), `judge_with`'s
//! newest and earlier views asked for such a trace and for a hold dated up to
//! `checked_at`, and `standing` weighing a hold from after the claim and a release trace
//! on a CRL read alone once its signer is proven. Reviewed: src/revocation/status/rules.rs
//! (`released_hold`, `judge_with`), standing.rs (`standing`, `delta_standings`,
//! `release`, `absorb`), walk.rs (the newest complete CRL at a claimed time, the older
//! ones read alone, the omitters), status.rs (`deltas_for`, `scope_ok`). Material as in
//! tests/review78.rs: the test PKI's `individual_sign.cer` under `nca_rsa.cer`, CRLs and
//! delta CRLs forged with the CA's key (tests/common/evidence.rs), a claim of 2026-11-10
//! checked 2026-11-23 unless a test says otherwise.
//!
//! Findings (each fixed the same session; the tests renamed, "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_complete_crls_remove_from_crl_counts_with_or_without_a_newer_crl` (was
//!    `defect_a_complete_crls_remove_from_crl_counts_only_once_a_newer_crl_is_held`)
//!    (order of evidence; a false VALID or a false INDETERMINATE): a complete CRL issued
//!    after the claim listing the certificate with reason removeFromCRL is read as the
//!    trace of a hold when a newer complete CRL is held beside it (`standing`,
//!    standing.rs:121-128: INDETERMINATE), and ignored when it is the newest
//!    (`judge_with` asks only delta views for a trace, rules.rs:318-322: VALID). Adding a
//!    newer CRL of the CA that omits the certificate turns VALID into INDETERMINATE.
//! 2. (fixed) `a_release_beside_a_later_revocation_is_a_trace_over_any_base` (was
//!    `defect_a_release_beside_a_later_revocation_is_a_trace_only_over_the_base_held`)
//!    (false VALID, form-dependent): a delta listing the certificate with removeFromCRL and
//!    a superseded revocation dated after the claim is a hold's trace when it completes the
//!    complete CRL held (`judge_with`: INDETERMINATE), but not when read alone (a delta over
//!    a base not held): `standing` looks for a trace only when `listed` says `No`
//!    (standing.rs:121-128), and the later superseded listing is `Yes`, "not needed": VALID.
//! 3. (fixed) `a_hold_after_the_time_checked_does_not_count_at_a_claim` (was
//!    `defect_a_hold_after_the_time_checked_leaves_the_claim_unknown`) (false
//!    INDETERMINATE): a delta of the CA issued after `checked_at` over a base not held,
//!    listing a hold dated after `checked_at`: the claim is INDETERMINATE ("newest word",
//!    standing.rs:154-156 and :230 have no `start <= checked_at` bound), though the fix
//!    bounds every other hold (`after_claim`) and every release trace (`released_hold`) by
//!    `checked_at`, and the same delta's removeFromCRL is ignored (VALID).
//! 4. (fixed) `the_release_of_a_hold_the_deltas_base_lists_is_no_trace_of_another` (was
//!    `defect_the_release_of_a_hold_the_deltas_base_lists_is_no_trace_of_another`)
//!    (false INDETERMINATE on honest input, new with 7a02f1d): complete CRL #9 lists a hold
//!    since 11-02 (before the claim), complete CRL #10 of 11-06 (before the claim) shows it
//!    lifted: VALID. Adding the CA's delta over base #9 of 11-20 that, as RFC 5280 §5.2.4
//!    requires, lists the certificate removeFromCRL (it was on #9): INDETERMINATE. The
//!    removal is the release of the hold #9 lists, already shown lifted before the claim,
//!    not the trace of an unknown hold after it (`released_hold`, rules.rs:68-79, used at
//!    rules.rs:318-333 and standing.rs:123). Before 7a02f1d it was VALID (by reading:
//!    `listed` dropped the removal, and `release` counts nothing at a claimed time).
//!
//! Held (passing `held_` tests, kept as regression guards):
//! `held_release_traces_need_the_cas_proven_word` (a forged delta, a CRL of another
//! issuer, a delta of another distribution point, a delta issued after the time checked:
//! valid, every order, duplicated); `held_release_trace_boundaries` (a release issued at
//! the claim: valid; at the time checked: unknown); `held_a_cas_hold_after_the_claim_released_since_leaves_it_unknown`
//! (the CA on hold on a root CRL after the claim, released by a newer one: unknown at the
//! claim, valid at that instant given); `held_given_and_stamped_times_ignore_holds_and_releases_after_them`;
//! `held_an_ocsp_good_does_not_lift_a_release_trace`; `held_an_unreadable_release_is_unknown`
//! (the CA's signed word, unreadable: unknown, by design);
//! `held_holds_after_the_claim_outside_the_newest_view` (a hold or a release on a delta
//! issued before the newest complete CRL, a hold on an older complete CRL turned into a
//! superseded revocation: unknown); `held_a_cms_claim_under_a_released_hold_is_not_valid`
//! (end to end: a CMS signature judged at its signingTime).
//!
//! Not pursued / judged by design: a CRL issued after `checked_at` completing the newest
//! complete CRL makes the claim unknown whatever it lists (documented: the newest CRL must
//! be current at the caller's own time); a complete CRL with a long nextUpdate listing a
//! hold from before the claim, shown lifted before the claim by a newer complete CRL, is
//! unknown ("proves" the hold at the claim by its nextUpdate; pre-existing); indirect CRLs
//! (cRLIssuer) and reason-partitioned distribution points were not probed for traces;
//! findings 1-4 were not rebuilt as CMS documents (the CMS path hands the same
//! `Expectation` to the same walk, `held_a_cms_claim_under_a_released_hold_is_not_valid`).

mod common;

use common::evidence::*;
use common::forge::{self, CrlSpec};
use qoltanba::Judged as _;
use qoltanba::{Expectation, Overall};

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (order of evidence: a false VALID or a false INDETERMINATE at a claimed time).
/// Input: the CA's complete CRL #10 (11-20 .. 2027-05-01, issued after the claim of 11-10,
/// current when it is checked on 11-23) listing the target with reason removeFromCRL
/// (11-18); beside it, or not, the CA's newer complete CRL #11 (11-21 .. 2027-05-01) that
/// omits the target.
///
/// Observed: #10 alone: VALID ("CRL #10, issued after the time judged: not revoked then");
/// #10 and #11, in either order: INDETERMINATE ("CRL #10 ... older than a CRL that no
/// longer lists it: it removes the certificate (removeFromCRL), a hold released after the
/// claimed time"). A newer CRL that adds nothing against the certificate turns VALID into
/// INDETERMINATE.
///
/// Expected: one verdict. The same removal on the same CRL is either a trace of a hold
/// (then #10 alone is not valid either: the CA says it took the certificate off its CRL
/// after the claim) or nothing (RFC 5280 puts removeFromCRL on delta CRLs only, and
/// `rules::listed` reads it as listing nothing on a complete CRL: then both are valid).
///
/// Cause: `standing` (src/revocation/status/standing.rs:121-128) asks any CRL read alone,
/// complete CRLs included, for `released_hold` (the walk reads an older complete CRL
/// alone, walk.rs:229); `judge_with` asks only the delta views (`view.and_then(..)`,
/// src/revocation/status/rules.rs:318-322), never the base alone, so the newest complete
/// CRL's removal is never a trace.
///
/// Fix: decide what a complete CRL's removeFromCRL is and apply it in both places: either
/// `released_hold` returns `None` for a CRL that is not a delta, or `judge_with` asks the
/// base alone (the `None` view) too.
///
/// Found by review 80 (was a defect). Fixed: `judge_with` reads the base-alone view's removeFromCRL
/// as a trace too, as `standing` reads an older complete CRL's: INDETERMINATE either way.
#[test]
fn a_complete_crls_remove_from_crl_counts_with_or_without_a_newer_crl() {
    let c10 = crl(
        10,
        "261120000000Z",
        "270501000000Z",
        &[("261118000000Z", 8)],
    );
    let c11 = crl(11, "261121000000Z", "270501000000Z", &[]);
    let alone = verdicts_in_any_order(std::slice::from_ref(&c10), &claim());
    let with_newer = verdicts_in_any_order(&[c10, c11], &claim());
    for (o, why) in alone.iter().chain(&with_newer) {
        assert_eq!(
            *o, alone[0].0,
            "a complete CRL's removeFromCRL decided differently once a newer CRL that omits the certificate was held: {why}"
        );
    }
}

// --- finding 2 ---------------------------------------------------------------------------

/// DEFECT (false VALID at a claimed time, depending on the delta's BaseCRLNumber). Input:
/// the CA's complete CRL #10 (11-01 .. 2027-05-01, omits the target) and a delta CRL of the
/// CA (11-16 .. 11-27) listing the target twice: removeFromCRL (11-14: a hold placed after
/// the base, released) and superseded (11-15, after the claim: not a compromise, so no
/// revocation at the claim). The delta is over base #10 (it completes the CRL held) or over
/// base #20 (a newer complete CRL not held: it is read on its own).
///
/// Observed: over #10: INDETERMINATE ("removes the certificate from the CRL
/// (removeFromCRL, 11-14): a hold released by 11-16, after the claimed time"); over #20:
/// VALID ("CRL #10: not revoked"), in every order and duplicated.
///
/// Expected: not valid in both: the CA's delta shows a hold released after the claim
/// whichever base it refers to (review 78's finding 1, now kept when the delta completes
/// the CRL held).
///
/// Cause: `standing` (src/revocation/status/standing.rs:121-128) looks for a release trace
/// only when `listed` says `Listed::No`; the superseded entry is `Listed::Yes`, dated after
/// the claim and no compromise, so it returns "not needed" (standing.rs:160-167) before the
/// removal is read. `judge_with` asks `released_hold` whatever else the view lists
/// (rules.rs:318-333).
///
/// Fix: in `standing`, at a claimed time, ask `released_hold` also when the listing found
/// does not decide (a permanent revocation after the claim that is no compromise), and
/// weigh the trace as a hold.
///
/// Found by review 80 (was a defect). Fixed: `standing` reads a release beside a listing that
/// decides nothing at a claimed time (a permanent revocation after the claim for a reason that
/// hides no compromise).
#[test]
fn a_release_beside_a_later_revocation_is_a_trace_over_any_base() {
    let entries = vec![removal("261114000000Z"), entry("261115000000Z", 4)];
    let over_held = delta(12, 10, "261116000000Z", "261127000000Z", entries.clone());
    let over_other = delta(12, 20, "261116000000Z", "261127000000Z", entries);
    // The control: completing the CRL held, the trace counts.
    all_are(&[base10(), over_held], &claim(), Overall::Indeterminate);
    for (o, why) in verdicts_in_any_order(&[base10(), over_other], &claim()) {
        assert_ne!(
            o,
            Overall::Valid,
            "a delta over a base not held showed a hold released after the claim (removeFromCRL) beside a later superseded entry, and the claim passed: {why}"
        );
    }
}

// --- finding 3 ---------------------------------------------------------------------------

/// DEFECT (false INDETERMINATE at a claimed time). Input: the CA's complete CRL #10 (11-01 ..
/// 2027-05-01, omits the target, current when checked) and a delta CRL of the CA over base
/// #20 (not held; 11-25 .. 12-02, issued after the time checked 11-23) listing the target on
/// hold since 11-24, after the time checked. The claim 11-10 is checked on 11-23: the
/// signature existed by then.
///
/// Observed: INDETERMINATE ("delta CRL #12 ..., a delta CRL that completes no CRL that
/// decided: on hold since 2026-11-24, and a signature claiming 2026-11-10 cannot be shown
/// to fall outside the hold"). The same delta listing removeFromCRL instead: VALID
/// (`released_hold` ignores a CRL issued after the time checked).
///
/// Expected: valid, as the same CRLs with the hold dated before the claim checked on 11-30
/// are not (the control): a hold placed after the claim was checked cannot cover a
/// signature that existed when it was checked. 7a02f1d bounds a hold from after the claim by
/// the time checked (`after_claim`, standing.rs:151) and a release trace likewise, but not
/// the newest word's hold.
///
/// Cause: `standing` wants, and weighs as a claimed hold, any hold of the newest word
/// whenever dated (`newest_word ||`, src/revocation/status/standing.rs:154-156 and :230).
///
/// Fix: at a claimed time, a hold whose start (`effective_start`) is after `checked_at`
/// is not wanted, whatever CRL lists it (the newest word included).
///
/// Found by review 80 (was a defect). Fixed: at a claimed time a hold from after the time checked
/// counts nowhere (`standing`, `judge_with`).
#[test]
fn a_hold_after_the_time_checked_does_not_count_at_a_claim() {
    let hold_after_checked = delta(
        12,
        20,
        "261125000000Z",
        "261202000000Z",
        vec![entry("261124000000Z", HOLD)],
    );
    let release_after_checked = delta(
        12,
        20,
        "261125000000Z",
        "261202000000Z",
        vec![removal("261124000000Z")],
    );
    // The controls: the release after the time checked is ignored; the same hold checked
    // after it (11-30) counts.
    all_are(&[base10(), release_after_checked], &claim(), Overall::Valid);
    all_are(
        &[base10(), hold_after_checked.clone()],
        &claimed("2026-11-10T00:00:00Z", "2026-11-30T00:00:00Z"),
        Overall::Indeterminate,
    );
    for (o, why) in verdicts_in_any_order(&[base10(), hold_after_checked], &claim()) {
        assert_eq!(
            o,
            Overall::Valid,
            "a hold placed after the claim was checked left it unknown: {why}"
        );
    }
}

// --- finding 4 ---------------------------------------------------------------------------

/// DEFECT (false INDETERMINATE on honest input; VALID before 7a02f1d). Input: the CA's
/// complete CRL #9 (11-03 .. 11-05) lists the target on hold since 11-02; its complete CRL
/// #10 (11-06 .. 2027-05-01, before the claim of 11-10) omits it: the hold was lifted before
/// the claim. The CA's delta CRL #20 over base #9 (11-20 .. 11-27) lists the target
/// removeFromCRL (11-05): RFC 5280 §5.2.4 makes a delta list the certificates its base
/// lists and that were since removed, so an honest CA issues exactly this.
///
/// Observed: #9 and #10: VALID (the hold from before the claim shown lifted by #10, a CRL
/// the CA signed after it and before the claim: the omitters rule). With the delta, in
/// every order: INDETERMINATE ("CRL #10 with delta CRL #20 removes the certificate from the
/// CRL (removeFromCRL, 2026-11-05): a hold released by 2026-11-20, after the claimed time").
/// Before 7a02f1d this was VALID too (by reading the code then: `listed` dropped the
/// removal, and `release` counts nothing at a claimed time).
///
/// Expected: valid. The removal is the release of the hold base #9 lists, which the
/// evidence already shows lifted before the claim; it is no trace of another hold (a hold
/// placed and released between #10 and the delta would leave no more trace without it).
///
/// Cause: `released_hold` (src/revocation/status/rules.rs:68-79) reads every removeFromCRL
/// on a CRL issued after the claim as a hold of unknown dates, without asking whether the
/// delta's own base lists the hold it releases (`judge_with`, rules.rs:318-333, and
/// `standing`, standing.rs:123).
///
/// Fix: when the delta's referenced base (BaseCRLNumber) is held, proven, and lists the
/// certificate on hold, the removal releases that listing: weigh that hold as it is (it is
/// already weighed where it is listed) and read no trace; read a trace only when the base
/// it refers to does not list the certificate or is not held.
///
/// Found by review 80 (was a defect). Fixed: a delta's removeFromCRL of a certificate its
/// own base (BaseCRLNumber) lists on hold, that base signed by the proven signer, is that
/// hold's release, not a trace: `judge_with` (the deltas of the complete CRL judged,
/// `base_lists_hold`) and `standing` (a stray delta, `releases_a_listed_hold`).
#[test]
fn the_release_of_a_hold_the_deltas_base_lists_is_no_trace_of_another() {
    let c9 = crl(
        9,
        "261103000000Z",
        "261105000000Z",
        &[("261102000000Z", HOLD)],
    );
    let c10 = crl(10, "261106000000Z", "270501000000Z", &[]);
    let d20 = delta(
        20,
        9,
        "261120000000Z",
        "261127000000Z",
        vec![removal("261105000000Z")],
    );
    // The control: without the delta, valid.
    all_are(&[c9.clone(), c10.clone()], &claim(), Overall::Valid);
    for (o, why) in verdicts_in_any_order(&[c9, c10, d20], &claim()) {
        assert_eq!(
            o,
            Overall::Valid,
            "the delta's release of the hold its own base lists, lifted before the claim, left the claim unknown: {why}"
        );
    }
}

// --- held --------------------------------------------------------------------------------

/// HELD. A release trace needs the CA's proven word. Beside the CA's complete CRL #10, each
/// of these removing the target (removeFromCRL) after the claim leaves the claim valid, in
/// every order and duplicated: a delta signed by another key under the CA's name; a CRL of
/// another issuer (the root) listing the target's serial; a delta of the CA issued after
/// the time checked over a base not held; and, for a certificate naming distribution point
/// A, a delta of the CA scoped to distribution point B.
#[test]
fn held_release_traces_need_the_cas_proven_word() {
    let forged = forger().crl(
        &CrlSpec::delta(12, 10, "261120000000Z", "261127000000Z")
            .entries(vec![removal("261118000000Z")]),
    );
    all_are(&[base10(), forged], &claim(), Overall::Valid);
    let of_root = root_crl(2, "261120000000Z", vec![removal("261118000000Z")]);
    all_are(&[base10(), of_root], &claim(), Overall::Valid);
    let after_checked = delta(
        12,
        20,
        "261125000000Z",
        "261202000000Z",
        vec![removal("261124000000Z")],
    );
    all_are(&[base10(), after_checked], &claim(), Overall::Valid);
    let cert = with_dps(&[DP_A]);
    let base_a = scoped_crl(DP_A, None, spec(10, "261101000000Z", "270501000000Z", &[]));
    let delta_b = scoped_crl(
        DP_B,
        None,
        CrlSpec::delta(12, 10, "261120000000Z", "261127000000Z")
            .entries(vec![removal("261118000000Z")]),
    );
    for crls in permutations(&[base_a.clone(), delta_b.clone(), delta_b]) {
        let (o, _, why) = judge_with(&cert, &crls, &[], claim());
        assert_eq!(o, Overall::Valid, "{why}");
    }
    // The control: the same delta scoped to A is the CA's word: unknown.
    let delta_a = scoped_crl(
        DP_A,
        None,
        CrlSpec::delta(12, 10, "261120000000Z", "261127000000Z")
            .entries(vec![removal("261118000000Z")]),
    );
    for crls in permutations(&[base_a, delta_a]) {
        let (o, _, why) = judge_with(&cert, &crls, &[], claim());
        assert_eq!(o, Overall::Indeterminate, "{why}");
    }
}

/// HELD. Boundaries of `released_hold`: a delta issued exactly at the claim (11-10) that
/// releases a hold shows it lifted by the claim (valid); one issued exactly at the time
/// checked (11-23) is a trace (unknown). Every order, duplicated.
#[test]
fn held_release_trace_boundaries() {
    let at_claim = delta(
        12,
        10,
        "261110000000Z",
        "261127000000Z",
        vec![removal("261109000000Z")],
    );
    all_are(&[base10(), at_claim], &claim(), Overall::Valid);
    let at_checked = delta(
        12,
        10,
        "261123000000Z",
        "261130000000Z",
        vec![removal("261122000000Z")],
    );
    all_are(&[base10(), at_checked], &claim(), Overall::Indeterminate);
}

/// HELD. The CA (not the end entity) put on hold after the claim by a root CRL (#2 of
/// 11-12, since 11-11) and released by the next (#3 of 11-16): the claim is unknown in
/// every order; at the claim's instant given, valid.
#[test]
fn held_a_cas_hold_after_the_claim_released_since_leaves_it_unknown() {
    let r2 = root_crl(
        2,
        "261112000000Z",
        vec![entry_for(ca().serial(), "261111000000Z", HOLD)],
    );
    let r3 = root_crl(3, "261116000000Z", vec![]);
    all_are(
        &[base10(), r2.clone(), r3.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    all_are(
        &[base10(), r2, r3],
        &Expectation::at(common::time("2026-11-10T00:00:00Z")),
        Overall::Valid,
    );
}

/// HELD. The fix left given and time-stamped times alone: a hold placed after the time
/// (11-24, delta #11) and released (delta #12 of 11-26), or the release alone, do not touch
/// a time of 11-23 (valid), every order, duplicated.
#[test]
fn held_given_and_stamped_times_ignore_holds_and_releases_after_them() {
    let d11 = delta(
        11,
        10,
        "261124000000Z",
        "261125000000Z",
        vec![entry("261124000000Z", HOLD)],
    );
    let d12 = delta(
        12,
        10,
        "261126000000Z",
        "261203000000Z",
        vec![removal("261126000000Z")],
    );
    for e in [at_t(), stamped()] {
        all_are(&[base10(), d11.clone(), d12.clone()], &e, Overall::Valid);
        all_are(&[base10(), d12.clone()], &e, Overall::Valid);
    }
}

/// HELD. An OCSP "good" of 11-22 does not lift a release trace at a claimed time (OCSP can
/// only prove a revocation then): unknown.
#[test]
fn held_an_ocsp_good_does_not_lift_a_release_trace() {
    let d12 = delta(
        12,
        10,
        "261120000000Z",
        "261127000000Z",
        vec![removal("261118000000Z")],
    );
    let good = ocsp(&good(), "20261122000000Z", Some("20261129000000Z"));
    for crls in permutations(&[base10(), d12]) {
        let (o, _, why) = judge_with(&target(), &crls, std::slice::from_ref(&good), claim());
        assert_eq!(o, Overall::Indeterminate, "{why}");
    }
}

/// HELD (by design). A delta the CA signed that removes the target after the claim but
/// carries an unprocessed critical entry extension: the CA's word on the certificate,
/// unreadable: unknown, every order.
#[test]
fn held_an_unreadable_release_is_unknown() {
    let unreadable = forge::Ca::nca_rsa().crl(
        &CrlSpec::delta(12, 10, "261120000000Z", "261127000000Z").entries(vec![forge::crl_entry(
            &serial(),
            "261118000000Z",
            &[forge::reason(8), unknown_critical()],
        )]),
    );
    all_are(&[base10(), unreadable], &claim(), Overall::Indeterminate);
}

/// HELD. Holds after the claim the walk reads outside the newest view: a delta issued
/// before the newest complete CRL (#10 of 11-20) and after the claim, over an older base,
/// listing a hold since 11-11, or releasing one (removeFromCRL); and a hold after the claim
/// on an older complete CRL (#9 of 11-12) turned into a superseded revocation after the
/// claim by the newest (#10 of 11-16). Each leaves the claim unknown, every order,
/// duplicated; the superseded revocation alone does not (valid, the documented rule).
#[test]
fn held_holds_after_the_claim_outside_the_newest_view() {
    let c10 = crl(10, "261120000000Z", "270501000000Z", &[]);
    let older_hold = delta(
        11,
        9,
        "261112000000Z",
        "261119000000Z",
        vec![entry("261111000000Z", HOLD)],
    );
    all_are(&[c10.clone(), older_hold], &claim(), Overall::Indeterminate);
    let older_release = delta(
        11,
        9,
        "261115000000Z",
        "261119000000Z",
        vec![removal("261114000000Z")],
    );
    all_are(&[c10, older_release], &claim(), Overall::Indeterminate);
    let c9 = crl(
        9,
        "261112000000Z",
        "261119000000Z",
        &[("261111000000Z", HOLD)],
    );
    let superseded = crl(
        10,
        "261116000000Z",
        "270501000000Z",
        &[("261115000000Z", 4)],
    );
    all_are(&[c9, superseded.clone()], &claim(), Overall::Indeterminate);
    all_are(&[superseded], &claim(), Overall::Valid);
}

/// HELD (end to end). A CMS signature of the target, signingTime 2026-11-10, verified on
/// 11-23 at its claimed signing time (`TimePolicy::ClaimedSigningTime`): with the CA's
/// complete CRL #10 alone, valid; with a delta over it (11-20) that releases a hold
/// (removeFromCRL, 11-18), not valid, in either order.
#[test]
fn held_a_cms_claim_under_a_released_hold_is_not_valid() {
    use qoltanba::cms::{sign, SignRequest, SignedData, TimePolicy, VerifyOptions};
    let c = target();
    let chain = [ca()];
    let req = SignRequest::new(&c, common::time("2026-11-10T00:00:00Z")).with_chain(&chain);
    let der = sign(b"review 80", &req, &key("individual_sign.key.pem")).unwrap();
    let cms = SignedData::from_input(&der).unwrap();
    let mut options = VerifyOptions::at(common::time(AT));
    options.time = TimePolicy::ClaimedSigningTime;
    let v = cms.verify(&verifier(&[base10()], &[]), &options);
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    let d12 = delta(
        12,
        10,
        "261120000000Z",
        "261127000000Z",
        vec![removal("261118000000Z")],
    );
    for crls in permutations(&[base10(), d12]) {
        let v = cms.verify(&verifier(&crls, &[]), &options);
        assert_ne!(v.overall(), Overall::Valid, "{v:#?}");
    }
}
