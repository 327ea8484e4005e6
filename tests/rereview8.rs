//! Review 22 (hostile): the revocation decision after 6fa8b6b (`newest_complete` set only
//! for a proven, interpretable, hold-covering complete CRL; `weighed.doubt` and
//! `Standing::Doubt`; releases and omitters only through a distribution point covering
//! holds; `strongest` ranking a hold before a later non-compromise revocation at a claimed
//! time), against the model the library states (README "Security rules"; the rule list of
//! `judge_with` in src/revocation/status/rules.rs; `with_ocsp` in
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

use common::forge::{self, tlv, Ca, CrlSpec};
use common::time;
use qoltanba::{Expectation, Overall};

/// removeFromCRL.
const REMOVE: u8 = 8;
/// ReasonFlags (BIT STRING content): keyCompromise and cACompromise only.
const COMPROMISES: &[u8] = &[0x05, 0x60];

// --- defects ------------------------------------------------------------------------------

/// An OCSP "good" older than the CA's unreadable CRL that lists the certificate settles
/// the doubt. `doubt` (b07e984, 6fa8b6b) makes the CRLs' status Unknown ("no older CRL's
/// proof stands for it"); `with_ocsp` (src/condition/revocation.rs) then lets any proven
/// "good" fresh at T settle a status the CRLs left unknown ("No hold stands: a good
/// settles ..."), without asking whether that "good" was issued after the unreadable
/// listing: the doubt is not in `StatusFacts`. An attacker replays a genuine response of
/// the CA's responder from before the revocation (still within its nextUpdate).
///
/// (a) base #10 (fresh, omits the target) + the CA's #11 (11-22T08:00) listing
/// keyCompromise since 11-21, unreadable: Indeterminate. Add the responder's "good" of
/// 11-20 (nextUpdate 11-30, fresh at T, issued before #11 and before the compromise):
/// Valid today. (b) the same through a hold: the CA's #11 proves a hold since 06:00
/// (fresh at T), its #12 (10:00) lists keyCompromise unreadably; a "good" of 09:00 (after
/// the hold, before #12) lifts the hold and the doubt is never weighed (`weighed.held`
/// breaks the walk before `weighed.doubt`): Valid today. Expected: not valid in both - an
/// older "good" knew nothing of what the CA listed since (as for a hold, where a "good"
/// counts only when issued after every listing). Locus: status.rs (the doubt not carried
/// to `StatusFacts`; `held` decided before `doubt`) and revocation.rs `with_ocsp`.
#[test]
fn an_ocsp_good_older_than_an_unreadable_listing_settles_its_doubt() {
    let (o, _, why) = judge(&target(), &[base10(), unreadable11()], &[], AT);
    assert_eq!(o, Overall::Indeterminate, "(a) the CRLs alone: {why}");
    let mut wrong = Vec::new();
    let older_good = ocsp(&good(), "20261120000000Z", Some("20261130000000Z"));
    let (o, _, why) = judge(&target(), &[base10(), unreadable11()], &[older_good], AT);
    if o == Overall::Valid {
        wrong.push(format!("(a) with an older OCSP good: {why}"));
    }

    let hold = crl(
        11,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let unreadable12 = Ca::nca_rsa().crl(
        &CrlSpec::complete(12, "261122100000Z", "261124000000Z")
            .entries(vec![unreadable_compromise(&serial(), "261121000000Z")]),
    );
    let (o, _, why) = judge(&target(), &[hold.clone(), unreadable12.clone()], &[], AT);
    assert_ne!(o, Overall::Valid, "(b) the CRLs alone: {why}");
    let between = ocsp(&good(), "20261122090000Z", Some("20261130000000Z"));
    let (o, _, why) = judge(&target(), &[hold, unreadable12], &[between], AT);
    if o == Overall::Valid {
        wrong.push(format!(
            "(b) a good between the hold and the unreadable CRL: {why}"
        ));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// At a claimed time, a complete CRL newer than the CA's complete CRL that lists a hold
/// makes that hold "older" and drops it. Review 21 (rereview7
/// `at_a_claimed_time_a_crl_that_cannot_speak_of_holds_ends_the_newest_word`) was fixed
/// for a hold on a delta only (`newest_complete`): in the complete-CRL walk of
/// `status_inner` the first complete CRL in scope becomes `newest` before its signer,
/// interpretation or reasons are asked, and every later one is read by `standing(..,
/// holds=false, newest_word=false)`, which wants a hold only when dated at or before the
/// claimed time. A hold dated after the claimed time on the CA's own newest complete CRL
/// is thereby silenced by a CRL nobody signed, or by the CA's CRL of compromises only.
///
/// Certificate with distribution points A and B; the CA's unscoped #10 (fresh) omits it;
/// the CA's complete CRL #11 of A (11-22T08:00..11-24) lists it on hold since 11-20 (after
/// the claimed 11-10): Indeterminate (rule 5: the newest CRL's hold, whenever dated). Add,
/// of A and newer (11-22T12:00): (a) a forged complete CRL: Valid today; (b) the CA's
/// complete CRL of A for compromises only: Valid today. Expected: not valid. Locus:
/// status.rs `status_inner` (`newest = Some(..)` before `crl_signer`/`uninterpretable`/
/// `interim`), the claimed-time branch that sends the CA's CRL to `standing`.
#[test]
fn at_a_claimed_time_a_newer_forged_or_partition_crl_silences_a_complete_crls_hold() {
    let c = with_dps(&[DP_A, DP_B]);
    let a11 = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(11, "261122080000Z", "261124000000Z")
            .entries(vec![entry("261120000000Z", HOLD)]),
    );
    let (o, _, why) = judge_with(&c, &[base10(), a11.clone()], &[], claim());
    assert_eq!(o, Overall::Indeterminate, "the CA's CRLs alone: {why}");
    let mut spec = CrlSpec::complete(12, "261122120000Z", "261124000000Z");
    spec.extensions
        .push(forge::ext(OID_IDP, true, &tlv(0x30, &dp_name(DP_A))));
    let forged = forger().crl(&spec);
    let mut wrong = Vec::new();
    let (o, _, why) = judge_with(&c, &[base10(), a11.clone(), forged], &[], claim());
    if o == Overall::Valid {
        wrong.push(format!("(a) a forged newer complete CRL of A: {why}"));
    }
    let compromises_only = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(12, "261122120000Z", "261124000000Z"),
    );
    let (o, _, why) = judge_with(&c, &[base10(), a11, compromises_only], &[], claim());
    if o == Overall::Valid {
        wrong.push(format!(
            "(b) the CA's newer CRL of A for compromises only: {why}"
        ));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// At a claimed time, of two complete CRLs of one instant and number (one lists a hold
/// dated after the claim, the other omits it), the order given decides. The README: "two
/// CRLs of one issuer with the same thisUpdate and number are both judged"; rule 6 of
/// `judge_with`: views of one instant are weighed together. But at a claimed time the
/// first in the (stable) newest-first sort becomes `newest`; the other, though `tied`, is
/// sent to `standing(.., false, false)`, which drops a hold dated after the claim. Given
/// the hold first: Indeterminate; given the omitter first: Valid today. Expected: one
/// verdict for every order, and not valid. Locus: status.rs `status_inner` (the claimed
/// branch does not exempt a `tied` CRL from "older than newest").
#[test]
fn at_a_claimed_time_two_complete_crls_of_one_instant_decide_by_the_order_given() {
    let hold = crl(
        11,
        "261122080000Z",
        "261124000000Z",
        &[("261120000000Z", HOLD)],
    );
    let omits = crl(11, "261122080000Z", "261124000000Z", &[]);
    let all = every_order(&target(), &[hold, omits], &[], &claim());
    for (o, why) in &all {
        assert_ne!(*o, Overall::Valid, "{why}");
    }
    for (o, why) in &all {
        assert_eq!(*o, all[0].0, "{why} vs {}", all[0].1);
    }
}

/// A CA certificate that the root's CRL lists (keyCompromise) unreadably passes as "not
/// checked" under the end-entity revocation scope. `revocation_check` notes an Unknown CA
/// status as "not checked" unless `hold_seen` (a hold shown) or the budget ran out; the
/// doubt of an unreadable listing (`weighed.doubt`) is neither, though it is the CA's
/// word that it lists the certificate - as a hold is (README: "a CA listed on hold is
/// unknown, not 'not checked', under the end-entity scope"). The same listing readable:
/// Invalid.
///
/// root.crl #1 (fresh, omits nca_rsa) + the root's #2 (11-22T08:00..11-24) listing
/// nca_rsa for keyCompromise since 11-21: Invalid; the same entry with an unprocessed
/// critical entry extension: Valid today. Expected: not valid (unknown). Locus:
/// condition/revocation.rs `revocation_check` (`hold_seen` does not cover a doubt).
#[test]
fn a_ca_listed_unreadably_passes_as_not_checked_under_the_end_entity_scope() {
    let ca_serial = cert("nca_rsa.cer").serial().to_vec();
    let readable = root().crl(
        &CrlSpec::complete(2, "261122080000Z", "261124000000Z").entries(vec![forge::crl_entry(
            &ca_serial,
            "261121000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let (o, _, why) = judge(&target(), &[base10(), readable], &[], AT);
    assert_eq!(o, Overall::Invalid, "readable: {why}");
    let unreadable = root().crl(
        &CrlSpec::complete(2, "261122080000Z", "261124000000Z")
            .entries(vec![unreadable_compromise(&ca_serial, "261121000000Z")]),
    );
    let (o, _, why) = judge(&target(), &[base10(), unreadable], &[], AT);
    assert_ne!(o, Overall::Valid, "unreadable: {why}");
}

/// At a claimed time, a complete CRL nobody signed, newer than the CA's, makes a claim the
/// CA's CRL proves unknown (a wrong "unknown" any holder of the document can cause). In
/// `status_inner` the first complete CRL in scope becomes `newest` before its signer is
/// asked; when its signer is then not proven it is skipped, and the CA's CRL is "older
/// than newest: a claimed time is judged with the newest CRL only". The forged CRL is
/// refused, yet it decides: the distribution point is left unproven.
///
/// The CA's #10 (11-01..2027-05-01, fresh at the claimed 11-10 and at 11-23, omits the
/// target): Valid. Add a complete CRL of the CA's name signed by another key (11-22T12:00):
/// Indeterminate today. Expected: Valid (unchanged). Locus: status.rs `status_inner`
/// (`newest = Some(..)` before `crl_signer`).
#[test]
fn at_a_claimed_time_a_forged_newer_complete_crl_makes_a_proven_claim_unknown() {
    let (o, _, why) = judge_with(&target(), &[base10()], &[], claim());
    assert_eq!(o, Overall::Valid, "the CA's CRL alone: {why}");
    let forged = forger().crl(&CrlSpec::complete(12, "261122120000Z", "261124000000Z"));
    let (o, _, why) = judge_with(&target(), &[base10(), forged], &[], claim());
    assert_eq!(o, Overall::Valid, "with a forged newer CRL: {why}");
}

// --- held -----------------------------------------------------------------------------------

/// A doubt never hides a permanent revocation elsewhere: the CA's unreadable #11 beside
/// an older CRL listing keyCompromise (rule 2), and beside a delta listing it.
#[test]
fn held_a_doubt_does_not_hide_a_permanent_revocation() {
    let older = crl(
        9,
        "261115000000Z",
        "261215000000Z",
        &[("261110000000Z", KEY_COMPROMISE)],
    );
    let (o, _, why) = judge(&target(), &[base10(), unreadable11(), older], &[], AT);
    assert_eq!(o, Overall::Invalid, "older CRL: {why}");
    let d = delta(
        20,
        11,
        "261122090000Z",
        "261124000000Z",
        vec![entry("261110000000Z", KEY_COMPROMISE)],
    );
    let all = every_order(&target(), &[base10(), unreadable11(), d], &[], &claim());
    for (o, why) in &all {
        assert_eq!(*o, Overall::Invalid, "delta, claimed: {why}");
    }
}

/// A release (removeFromCRL on a fresh delta) of the same instant as the complete CRL
/// that proves the hold does not lift it, in either order; one an hour later does.
#[test]
fn held_a_release_of_the_holds_instant_lifts_nothing() {
    let hold = crl(
        11,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let after = crl(12, "261126000000Z", "261226000000Z", &[]);
    let release = |this: &str| {
        delta(
            20,
            12,
            this,
            "261124000000Z",
            vec![entry("261122060000Z", REMOVE)],
        )
    };
    let all = every_order(
        &target(),
        &[hold.clone(), after.clone(), release("261122080000Z")],
        &[],
        &Expectation::at(time(AT)),
    );
    for (o, why) in &all {
        assert_eq!(*o, Overall::Invalid, "{why}");
    }
    let (o, _, why) = judge(&target(), &[hold, after, release("261122090000Z")], &[], AT);
    assert_eq!(o, Overall::Valid, "a later release: {why}");
}

/// An OCSP "good" does not settle a doubt at a claimed time (goods are not read then).
#[test]
fn held_no_ocsp_good_settles_a_doubt_at_a_claimed_time() {
    let g = ocsp(&good(), "20261122090000Z", Some("20261130000000Z"));
    let (o, _, why) = judge_with(&target(), &[base10(), unreadable11()], &[g], claim());
    assert_ne!(o, Overall::Valid, "{why}");
}
