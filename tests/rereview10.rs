//! Review 24 (hostile): the revocation decision after e6290b7 (at a claimed time a CRL not
//! current at the check still proves its permanent revocations in `judge_with`; in the hold
//! search a CRL proving reasons a newer partition CRL did not falls through as a proof; no
//! "good", of a CRL or a response, settles a doubt), against the model the library states
//! (README "Security rules"; the rule list of `judge_with` in
//! src/revocation/status/rules.rs; `with_ocsp` in src/condition/revocation.rs). Each test
//! asserts the correct, safe behaviour; the `held_` ones are attacks that failed
//! (regression tests), the others fail today (defects).
//!
//! Material: CRLs of `nca_rsa.cer` (some scoped to distribution points A and B), and
//! responses of the CA's delegated responder, about `individual_sign.cer` (valid
//! 2026-01-01..2027-01-01) or a re-issue of it with distribution points. The time judged is
//! 2026-11-23T00:00:00Z unless said; a claimed time is 2026-11-10, checked 2026-11-23.

mod common;

use common::evidence::*;

use common::forge::{self, CrlSpec};
use qoltanba::Overall;

/// ReasonFlags (BIT STRING content): keyCompromise and cACompromise only.
const COMPROMISES: &[u8] = &[0x05, 0x60];
/// removeFromCRL.
const REMOVE: u8 = 8;
/// superseded.
const SUPERSEDED: u8 = 4;

/// The CA's complete CRL of distribution point `dp` (all reasons), 11-01..2027-05-01
/// (current at the claimed time and at the check), omitting the target.
fn long_of(dp: &str, number: u8) -> Vec<u8> {
    scoped_crl(
        dp,
        None,
        CrlSpec::complete(number, "261101000000Z", "270501000000Z"),
    )
}

/// The CA's complete CRL of distribution point `dp` (all reasons), 11-15..11-20 (not
/// current when the claim is checked, 11-23), listing the target with `entries`.
fn expired_of(dp: &str, number: u8, entries: Vec<Vec<u8>>) -> Vec<u8> {
    scoped_crl(
        dp,
        None,
        CrlSpec::complete(number, "261115000000Z", "261120000000Z").entries(entries),
    )
}

// --- defects ------------------------------------------------------------------------------

/// At a claimed time a hold on the newest CRL of a distribution point is dropped when that
/// CRL is no longer current at the check, and another distribution point's proof then
/// decides "valid". e6290b7 made `judge_with` read the permanent revocations of a CRL not
/// current at the check (rule 2) before returning `Unproven`; its holds are never read
/// (the `not_current` return precedes the hold loop that gives `ClaimedHold`), and the
/// older CRLs and deltas read alone (`standing`) do not read it either (it is `newest`).
/// The README: "at a claimed time a hold listed by the newest CRL, or proven at the
/// claimed time by an older one, leaves the status unknown whatever another distribution
/// point proves"; the same hold on a delta of that instant (`delta_standings`,
/// `newest_word`, no freshness asked) does leave it unknown.
///
/// Certificate with distribution points A, B. The CA's #10 of A and #20 of B (11-01..
/// 2027-05-01) omit it; the CA's #12 of A (11-15..11-20) lists it on hold since 11-05
/// (in force at the claimed 11-10, and a CRL #10 of 11-01 knew nothing of it) - (a); or
/// since 11-14 (after the claim: a hold whenever dated leaves a claim unknown) - (b). At
/// the claimed 11-10, checked 11-23: Valid today for both. With #12 current at the check
/// (nextUpdate 11-24): Indeterminate (the control). Expected: not valid (unknown).
/// Locus: rules.rs `judge_with` (the `not_current` early return skips the holds of the
/// newest view: it should give `ClaimedHold` for a hold it lists), status.rs
/// `status_inner` (the newest CRL, unproven, is read by no one for its holds).
#[test]
fn at_a_claimed_time_a_hold_on_the_newest_crl_not_current_at_the_check_is_dropped() {
    let c = with_dps(&[DP_A, DP_B]);
    // The control: the same hold on a CRL current at the check leaves the claim unknown.
    let current = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(12, "261115000000Z", "261124000000Z")
            .entries(vec![entry("261105000000Z", HOLD)]),
    );
    let (o, _, why) = judge_with(
        &c,
        &[long_of(DP_A, 10), long_of(DP_B, 20), current],
        &[],
        claim(),
    );
    assert_eq!(o, Overall::Indeterminate, "control, current: {why}");
    let mut wrong = Vec::new();
    for (label, since) in [
        ("(a) on hold since 11-05", "261105000000Z"),
        ("(b) on hold since 11-14", "261114000000Z"),
    ] {
        let expired = expired_of(DP_A, 12, vec![entry(since, HOLD)]);
        let (o, _, why) = judge_with(
            &c,
            &[long_of(DP_A, 10), long_of(DP_B, 20), expired],
            &[],
            claim(),
        );
        if o == Overall::Valid {
            wrong.push(format!("{label}: {o:?}: {why}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

// --- held -----------------------------------------------------------------------------------

/// The hold-search fall-through (e6290b7) does not let an older CRL outweigh a hold: a
/// newer partition CRL (compromises only, issued after T) starts the hold search, and the
/// CA's complete CRL fresh at T that lists the certificate on hold since 11-20 still
/// decides (on hold), in every order.
#[test]
fn held_a_partition_after_the_time_does_not_lift_a_hold_a_fresh_complete_crl_proves() {
    let c = with_dps(&[DP_A]);
    let partition = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(12, "261125000000Z", "261225000000Z"),
    );
    let hold = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(11, "261122000000Z", "261124000000Z")
            .entries(vec![entry("261120000000Z", HOLD)]),
    );
    for (o, why) in every_order(&c, &[long_of(DP_A, 10), hold, partition], &[], &at_t()) {
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// The fall-through does not let a complete CRL issued after T settle an older stale hold:
/// partition #13 (11-25) and the CA's complete #12 (11-24, after T, omits) both prove "not
/// revoked since"; #11 (11-10..11-20, not fresh at T) lists a hold since 11-05: the hold
/// was in force, and the CRLs issued after T show it lifted by then, not when. Not valid,
/// in every order.
#[test]
fn held_a_complete_crl_after_the_time_taken_as_a_proof_settles_no_stale_hold() {
    let c = with_dps(&[DP_A]);
    let partition = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(13, "261125000000Z", "261225000000Z"),
    );
    let later = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(12, "261124000000Z", "261224000000Z"),
    );
    let stale = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(11, "261110000000Z", "261120000000Z")
            .entries(vec![entry("261105000000Z", HOLD)]),
    );
    for (o, why) in every_order(&c, &[partition, later, stale], &[], &at_t()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// The fall-through does not let a partition CRL stand for the reasons it does not cover:
/// a partition (compromises, after T) and an older partition (compromises, fresh at T) do
/// not together prove the certificate "not revoked" for every reason.
#[test]
fn held_two_partitions_of_one_reason_set_prove_no_other_reason() {
    let c = with_dps(&[DP_A]);
    let newer = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(12, "261125000000Z", "261225000000Z"),
    );
    let older = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(11, "261120000000Z", "261220000000Z"),
    );
    for (o, why) in every_order(&c, &[newer, older], &[], &at_t()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// A doubt is settled by no release: the CA's fresh delta removing the certificate
/// (removeFromCRL, after the unreadable listing) leaves it unknown, in every order.
#[test]
fn held_a_release_settles_no_doubt() {
    let release = delta(
        20,
        10,
        "261122100000Z",
        "261124000000Z",
        vec![entry("261122100000Z", REMOVE)],
    );
    for (o, why) in every_order(
        &target(),
        &[base10(), unreadable11(), release],
        &[],
        &at_t(),
    ) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// A doubt beside an OCSP hold: a "good" fresh at T and issued after both settles neither
/// (the hold-lift branch of `with_ocsp` asks `facts.doubt`), in every order.
#[test]
fn held_an_ocsp_good_after_a_hold_and_a_doubt_settles_nothing() {
    let hold = ocsp(
        &revoked("20261121000000Z", Some(HOLD)),
        "20261122090000Z",
        Some("20261130000000Z"),
    );
    let after = ocsp(&good(), "20261122110000Z", Some("20261130000000Z"));
    for (o, why) in every_order(
        &target(),
        &[base10(), unreadable11()],
        &[hold, after],
        &at_t(),
    ) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// A doubt beside a CRL hold proven at T and a newer fresh CRL omitting both: neither the
/// CRLs' nor a response's "good" settles it.
#[test]
fn held_a_doubt_beside_a_hold_lifted_by_a_newer_crl_is_unknown() {
    let hold = crl(
        11,
        "261122000000Z",
        "261124000000Z",
        &[("261121000000Z", HOLD)],
    );
    let doubt = forge::Ca::nca_rsa().crl(
        &CrlSpec::complete(12, "261122080000Z", "261124000000Z").entries(vec![forge::crl_entry(
            &serial(),
            "261121000000Z",
            &[forge::reason(KEY_COMPROMISE), unknown_critical()],
        )]),
    );
    let omits = crl(13, "261122100000Z", "261124000000Z", &[]);
    let after = ocsp(&good(), "20261122110000Z", Some("20261130000000Z"));
    for (o, why) in every_order(&target(), &[hold, doubt, omits], &[after], &at_t()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// At a claimed time the newest CRL not current at the check still proves its permanent
/// revocations: a superseded entry since 11-05 (before the claim) on it, or on its newest
/// delta, is a revocation (Invalid), whatever another distribution point proves.
#[test]
fn held_a_crl_not_current_at_the_check_proves_its_revocations_also_on_a_delta() {
    let c = with_dps(&[DP_A, DP_B]);
    let expired = expired_of(DP_A, 12, vec![entry("261105000000Z", SUPERSEDED)]);
    for (o, why) in every_order(
        &c,
        &[long_of(DP_A, 10), long_of(DP_B, 20), expired],
        &[],
        &claim(),
    ) {
        assert_eq!(o, Overall::Invalid, "complete: {why}");
    }
    let base = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(12, "261115000000Z", "261120000000Z"),
    );
    let d = scoped_crl(
        DP_A,
        None,
        CrlSpec::delta(30, 12, "261116000000Z", "261120000000Z")
            .entries(vec![entry("261105000000Z", SUPERSEDED)]),
    );
    let (o, _, why) = judge_with(&c, &[base, d, long_of(DP_B, 20)], &[], claim());
    assert_eq!(o, Overall::Invalid, "delta: {why}");
}
