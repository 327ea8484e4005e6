//! Review 23 (hostile): the revocation decision after 62e49b1 (`facts.doubt` weighed in
//! `with_ocsp`; `hold_seen` covering a doubt; at a claimed time `newest`/`newest_key` the
//! newest proven, interpretable, hold-covering complete CRL, a CRL of its instant and
//! number judged in full), against the model the library states (README "Security rules";
//! the rule list of `judge_with` in src/revocation/status/rules.rs; `with_ocsp` in
//! src/condition/revocation.rs). Each test asserts the correct, safe behaviour; the
//! `held_` ones are attacks that failed (regression tests), the others fail today
//! (defects).
//!
//! Material: CRLs of `nca_rsa.cer` (some scoped to distribution points A and B), of the
//! root, and responses of the CA's delegated responder, about `individual_sign.cer` (valid
//! 2026-01-01..2027-01-01) or a re-issue of it with distribution points. The time judged is
//! 2026-11-23T00:00:00Z unless said; a claimed time is 2026-11-10, checked 2026-11-23.

mod common;

use common::evidence::*;

use common::forge::{self, CrlSpec};
use common::time;
use qoltanba::{Expectation, Overall};

/// ReasonFlags (BIT STRING content): keyCompromise and cACompromise only.
const COMPROMISES: &[u8] = &[0x05, 0x60];

/// A complete CRL of the CA scoped to `dp`, numbered `number`, listing the target for
/// keyCompromise since 11-21 unreadably.
fn unreadable_of(dp: &str, number: u8, this: &str) -> Vec<u8> {
    scoped_crl(
        dp,
        None,
        CrlSpec::complete(number, this, "261124000000Z")
            .entries(vec![unreadable_compromise(&serial(), "261121000000Z")]),
    )
}

// --- defects ------------------------------------------------------------------------------

/// The doubt of an unreadable listing is kept only from the first distribution point that
/// finds one: in `status_inner` the main walk notes a doubt (`facts.note_doubt`) only
/// `if weighed.doubt.is_none()`, so a newer unreadable listing under a later distribution
/// point leaves `facts.doubt` at the older one's thisUpdate. `with_ocsp` then lets a
/// "good" issued between the two settle the status - the rule 62e49b1 states ("only a
/// good fresh at the time judged and issued after that CRL does") is applied against the
/// wrong CRL.
///
/// Certificate with distribution points A, B. The CA's #11 of A (11-22T08:00) and #12 of
/// B (11-22T10:00) each list it for keyCompromise since 11-21, unreadably: Indeterminate.
/// Add the responder's "good" of 11-22T09:00 (nextUpdate 11-30: fresh at T, after #11,
/// before #12): Valid today, in every order of the CRLs. The same certificate re-issued
/// with its distribution points as B, A (the newer doubt found first): the same "good"
/// does not settle it (Indeterminate) - the certificate's own DP order decides. Expected:
/// not valid either way.
/// Locus: status.rs `status_inner`, the `uninterpretable` branch (`weighed.doubt.is_none()`
/// guards `facts.note_doubt`).
#[test]
fn a_doubt_found_first_under_one_distribution_point_hides_a_newer_doubt_under_another() {
    let c = with_dps(&[DP_A, DP_B]);
    let a11 = unreadable_of(DP_A, 11, "261122080000Z");
    let b12 = unreadable_of(DP_B, 12, "261122100000Z");
    let (o, _, why) = judge(&c, &[a11.clone(), b12.clone()], &[], AT);
    assert_eq!(o, Overall::Indeterminate, "the CRLs alone: {why}");
    let between = ocsp(&good(), "20261122090000Z", Some("20261130000000Z"));
    let reversed = with_dps(&[DP_B, DP_A]);
    let (o, _, why) = judge(
        &reversed,
        &[a11.clone(), b12.clone()],
        std::slice::from_ref(&between),
        AT,
    );
    assert_ne!(o, Overall::Valid, "distribution points B, A: {why}");
    let all = every_order(&c, &[a11, b12], &[between], &Expectation::at(time(AT)));
    for (o, why) in &all {
        assert_ne!(
            *o,
            Overall::Valid,
            "a good older than B's unreadable CRL: {why}"
        );
    }
}

/// At a claimed time a permanent revocation on a CRL no longer current when the claim is
/// checked is dropped, and an older CRL then proves the claim. `judge_with` (rule 5)
/// returns `Unproven` ("not current at ... when the claimed time is checked") before its
/// rule-2 loop over permanent revocations; the CRL is not read again (`standing` reads only
/// the CRLs after it). A partition CRL (not covering holds) never becomes `newest`, so the
/// older complete CRL is judged in full and proves the claim.
///
/// Certificate with distribution point A. The CA's #10 (11-01..2027-05-01, all reasons)
/// omits it; the CA's #12 of A for compromises only (11-05..11-20) lists keyCompromise
/// since 11-05 (before the claimed 11-10). Not claimed, at 11-23: Invalid (rule 2, whatever
/// the view's age). At the claimed 11-10, checked 11-23: Valid today. Expected: Invalid
/// (a compromise counts whenever it was dated at a claimed time; at worst unknown, never
/// valid). The same with #12 a complete CRL of all reasons gives Indeterminate today
/// (second assertion: Invalid is correct). Locus: rules.rs `judge_with` (the rule-5 early
/// return precedes rule 2), status.rs `status_inner` (a CRL left `Unproven` is not asked
/// for its permanent revocations).
#[test]
fn at_a_claimed_time_a_revocation_on_a_crl_not_current_at_the_check_is_dropped() {
    let c = with_dps(&[DP_A]);
    let partition = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(12, "261105000000Z", "261120000000Z")
            .entries(vec![entry("261105000000Z", KEY_COMPROMISE)]),
    );
    let (o, _, why) = judge(&c, &[base10(), partition.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "not claimed: {why}");
    let all = every_order(&c, &[base10(), partition], &[], &claim());
    let mut wrong = Vec::new();
    for (o, why) in &all {
        if *o != Overall::Invalid {
            wrong.push(format!("(a) partition, claimed: {o:?}: {why}"));
        }
    }
    let full = crl(
        12,
        "261105000000Z",
        "261120000000Z",
        &[("261105000000Z", KEY_COMPROMISE)],
    );
    let (o, _, why) = judge_with(&target(), &[base10(), full], &[], claim());
    if o != Overall::Invalid {
        wrong.push(format!("(b) complete CRL, claimed: {o:?}: {why}"));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A partition CRL issued after the time judged ends the proof of a complete CRL fresh
/// then (a wrong "unknown" on genuine, consistent material). The partition (compromises
/// only) is newest: `NotRevokedSince` sets `hold_search`. The CA's complete CRL, fresh at
/// the time judged, is then judged in the hold search: its `NotRevoked` goes to the
/// `other` arm, which sets it aside ("not needed: a newer CRL proves it not revoked") and
/// adds nothing to `dp_mask`/`mask`, though the newer CRL proved only its partition.
///
/// Certificate with distribution point A. The CA's #10 (11-01..2027-05-01, all reasons)
/// omits it: Valid. Add the CA's #12 of A for compromises only (11-25, after T, omits it):
/// Indeterminate today ("the CRLs supplied cover only some revocation reasons; no CRL ...
/// was supplied"), in every order. Expected: Valid. (At a claimed time the partition, not
/// current at the check, is not judged, and the verdict is Valid.) Locus: status.rs `status_inner`, the `hold_search` branch (a
/// `NotRevokedSince` of a partition starts a hold search that drops the full proof).
#[test]
fn a_later_partition_crl_ends_the_proof_of_a_complete_crl_fresh_at_the_time() {
    let c = with_dps(&[DP_A]);
    let (o, _, why) = judge(&c, &[base10()], &[], AT);
    assert_eq!(o, Overall::Valid, "#10 alone: {why}");
    let partition = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(12, "261125000000Z", "261225000000Z"),
    );
    let (o, _, why) = judge_with(&c, &[base10(), partition.clone()], &[], claim());
    assert_eq!(o, Overall::Valid, "claimed: {why}");
    for (o, why) in every_order(&c, &[base10(), partition], &[], &Expectation::at(time(AT))) {
        assert_eq!(o, Overall::Valid, "at T: {why}");
    }
}

/// An OCSP "good" issued after an unreadable listing settles it, where a newer CRL of the
/// CA that omits the certificate does not: the two sources weigh one listing differently.
/// In the CRL walk a doubt (`weighed.doubt`) holds against every proof ("no older CRL's
/// proof stands for it", and a newer one does not lift it either: the entry may be a
/// permanent revocation, which rule 2 says no later omission undoes); `with_ocsp` (62e49b1)
/// lets any "good" fresh at T and issued after the doubt settle it, as if the unreadable
/// entry were a hold. Had the entry been readable (keyCompromise), the verdict is Invalid
/// whatever the later "good" says.
///
/// base #10 + the CA's #11 (11-22T08:00, keyCompromise since 11-21, unreadable): with the
/// CA's #12 (11-22T10:00..11-24, omits it): Indeterminate; with instead the responder's
/// "good" of 11-22T10:00 (nextUpdate 11-30): Valid today. Expected: not valid (the same
/// weighing as the CRLs'). Locus: condition/revocation.rs `with_ocsp` (`facts.doubt`
/// compared with the "good"'s thisUpdate, as a hold would be).
#[test]
fn an_ocsp_good_settles_an_unreadable_listing_a_newer_crl_cannot() {
    let c11 = unreadable_of_unscoped(11, "261122080000Z");
    let c12 = crl(12, "261122100000Z", "261124000000Z", &[]);
    let (o, _, why) = judge(&target(), &[base10(), c11.clone(), c12], &[], AT);
    assert_eq!(o, Overall::Indeterminate, "a newer CRL omits it: {why}");
    let after = ocsp(&good(), "20261122100000Z", Some("20261130000000Z"));
    let (o, _, why) = judge(&target(), &[base10(), c11], &[after], AT);
    assert_ne!(o, Overall::Valid, "a newer OCSP good: {why}");
}

/// The CA's complete CRL numbered `number`, unscoped, listing the target for keyCompromise
/// since 11-21 unreadably.
fn unreadable_of_unscoped(number: u8, this: &str) -> Vec<u8> {
    forge::Ca::nca_rsa().crl(
        &CrlSpec::complete(number, this, "261124000000Z")
            .entries(vec![unreadable_compromise(&serial(), "261121000000Z")]),
    )
}

// --- held -----------------------------------------------------------------------------------

/// At a claimed time a newer proven, hold-covering CRL of another distribution point does
/// not demote the newest CRL of this one (`scope_ok` runs before `newest`): the hold dated
/// after the claim on A's CRL leaves the claim unknown, with or without B's newer CRL, in
/// every order.
#[test]
fn held_a_newer_crl_of_another_distribution_point_is_not_the_newest() {
    let c = with_dps(&[DP_A, DP_B]);
    let a11 = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(11, "261122080000Z", "261124000000Z")
            .entries(vec![entry("261120000000Z", HOLD)]),
    );
    let b12 = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(12, "261122120000Z", "261124000000Z"),
    );
    for (o, why) in every_order(&c, &[base10(), a11, b12], &[], &claim()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// At a claimed time two CRLs of one instant and number, one listing a hold dated after
/// the claim, give one verdict (not valid) in every order, also beside a forged CRL of the
/// same instant and a higher number.
#[test]
fn held_a_tie_at_the_newest_instant_decides_nothing_by_order() {
    let hold = crl(
        11,
        "261122080000Z",
        "261124000000Z",
        &[("261120000000Z", HOLD)],
    );
    let omits = crl(11, "261122080000Z", "261124000000Z", &[]);
    let forged = forger().crl(&CrlSpec::complete(12, "261122080000Z", "261124000000Z"));
    for (o, why) in every_order(&target(), &[hold, omits, forged], &[], &claim()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// The doubt of an unreadable listing is weighed in `with_ocsp` within one distribution
/// point in every order: a "good" between an older and a newer unreadable complete CRL of
/// the same scope settles nothing.
#[test]
fn held_a_good_between_two_unreadable_crls_of_one_scope_settles_nothing() {
    let c11 = unreadable_of_unscoped(11, "261122080000Z");
    let c12 = unreadable_of_unscoped(12, "261122100000Z");
    let between = ocsp(&good(), "20261122090000Z", Some("20261130000000Z"));
    for (o, why) in every_order(
        &target(),
        &[base10(), c11, c12],
        &[between],
        &Expectation::at(time(AT)),
    ) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// A CA listed unreadably on a delta CRL of the root (read alone) is unknown, not "not
/// checked", under the end-entity scope (`hold_seen` covers `facts.doubt` from
/// `Standing::Doubt`).
#[test]
fn held_a_ca_listed_unreadably_on_a_delta_is_not_unchecked() {
    let ca_serial = cert("nca_rsa.cer").serial().to_vec();
    let d = root().crl(
        &CrlSpec::delta(30, 1, "261122080000Z", "261124000000Z")
            .entries(vec![unreadable_compromise(&ca_serial, "261121000000Z")]),
    );
    let (o, _, why) = judge(&target(), &[base10(), d], &[], AT);
    assert_ne!(o, Overall::Valid, "{why}");
}

/// At a claimed time a hold on an unreadable delta newer than the newest complete CRL
/// leaves the claim unknown, and the same hold readable too: deltas, a claimed time and a
/// doubt together decide nothing "valid".
#[test]
fn held_a_claimed_time_with_an_unreadable_delta_hold_is_not_valid() {
    let d = delta(
        20,
        10,
        "261122090000Z",
        "261124000000Z",
        vec![forge::crl_entry(
            &serial(),
            "261120000000Z",
            &[forge::reason(HOLD), unknown_critical()],
        )],
    );
    for (o, why) in every_order(&target(), &[base10(), d], &[], &claim()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}
