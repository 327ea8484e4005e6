//! Review 94 (hostile): commit bbab345, which fixed review 93. Reviewed: in
//! src/revocation/status/standing.rs, `releases_base_hold`'s new `paired` predicate (a
//! delta's removeFromCRL is the release of its base's hold only when the delta is signed with
//! that base's proven key), `releases_a_listed_hold` (each base's `listing_signer` kept by
//! store index, the delta asked `signed_by_metered` with it), `base_lists_hold` (paired by
//! `deltas_for`) and `base_omits` (the exact base signed by the delta's own `crl_signer`); in
//! src/revocation/status/walk.rs, `Walk::stale_hold` now keeps the (thisUpdate, cRLNumber) of
//! the CRL listing a stale hold, and the stale-hold gate of `judge_complete` spares a CRL of
//! that instant and number. Read against the module docs of src/revocation/status/, the
//! README's revocation rules table, tests/review93.rs, tests/review91.rs and RFC 5280 §5.2.4.
//!
//! Material: the test PKI's `individual_sign.cer` under `nca_rsa.cer` (key K1,
//! `forge::Ca::nca_rsa`); the CA re-keyed as in review 93: `nca_rsa`'s name under a second
//! key K2 (individual_auth's), certified by the root, offered as an intermediate, once or as
//! two certificates of K2 (serials 0x7993 and 0x7994, either order); authorityKeyIdentifier
//! CRL extensions of keyIdentifier K1 (20 bytes 0x01) or none. Given (11-23), time-stamped
//! (11-23, checked 11-23) and claimed (11-10, checked 11-23) times, every order of the CRLs.
//!
//! Findings:
//!
//! 1. (fixed) `an_older_stale_hold_twin_exempts_no_twin_from_a_newer_hold` (was
//!    `defect_an_older_stale_hold_twin_exempts_its_twin_from_a_newer_hold`) (order-dependent, a
//!    false VALID in some orders; given and time-stamped). Input: B, K1's #11 (11-15 .. 11-16, AKI
//!    K1), lists the target on hold since 11-14; C, K1's #10 (11-09 .. 11-10T12, AKI K1), lists it
//!    on hold since 06-25; A, K1's #10 of C's instant (no AKI), omits it; the CA's delta #30 over
//!    #10 (11-22 .. 11-24, no AKI) lists nothing (it completes A only: `deltas_for` refuses it for
//!    B and C, whose AKI it lacks). At 11-23. Observed: VALID when C comes before A, INDETERMINATE
//!    when A comes before C. Expected: INDETERMINATE in every order, the verdict without C (held
//!    below: A, older than B, is set aside by B's stale hold): C adds a second hold listing and
//!    must not turn INDETERMINATE into VALID. Cause: src/revocation/status/walk.rs:494 overwrites
//!    `walk.stale_hold` with every StaleHold judged: the walk is newest first, so C (older than B)
//!    replaces B's key with its own, and the gate (walk.rs:443-447) then spares A as C's twin,
//!    though A is older than B. Fix: keep the newest stale hold's key (`get_or_insert`), or spare a
//!    CRL only when its key is that of every stale hold judged (a CRL older than any stale-hold CRL
//!    is set aside).
//!
//! Held:
//!
//! 1. `held_a_newer_stale_hold_sets_an_older_proof_aside`: finding 1 without C:
//!    INDETERMINATE, every order, given and time-stamped.
//! 2. `held_a_reissued_new_key_certificate_pairs_its_own_removal` (`paired` with a re-issued
//!    certificate of the same key): K2's #9 (on hold since 11-02), #10 (omits), delta #20 over
//!    #9 removing (dated 11-05), no AKI, two certificates of K2 offered in either order, claim
//!    11-10: VALID every order (the base's signer found is one certificate of K2, the delta
//!    verifies under its key).
//! 3. `held_an_honest_rekeyed_sequence_without_key_identifiers` (`base_omits` with the
//!    delta's signer): K1's old #9 omitting, K2's base #10 omitting, K2's daily deltas #20
//!    (hold since 11-19) and #21 (nothing), no AKI anywhere, two K2 certificates: INVALID at
//!    11-21, VALID at 11-23, every order.
//! 4. `held_two_keys_bases_of_one_number_pair_by_key` (signers kept by store index): K1's and
//!    K2's #9 both listing the hold (no AKI), K2's #10 and removal delta; with and without
//!    K1's #10 omitting: VALID at the claimed time, every order.
//! 5. `held_the_stale_twins_never_pass_a_claim`: finding 1's sequence at a claimed time (11-10,
//!    checked 11-23): never VALID, every order.
//!
//! Not reproduced: an honest delta of a CRL-signing certificate of another key cannot pair
//! with a base of the CA's key (RFC 5280 §5.2.4 asks the same key), and one of the same name
//! and key is the same key to `signed_by_metered`; `signers` is rebuilt per delta and its
//! entries for lift CRLs cannot be a base's index (a base lists the hold, a complete lift
//! does not).

mod common;

use common::crl_sequences::*;
use common::evidence::*;
use common::forge::{self, CrlSpec};
use qoltanba::{Expectation, Overall};

// --- material ----------------------------------------------------------------------------

/// Time-stamped at 11-23, checked 11-23.
fn stamped23() -> Expectation {
    ex(AT, Some(AT), false)
}

/// A complete CRL of the CA's key K1 with these extensions.
fn k1(n: u8, this: &str, next: &str, entries: &[(&str, u8)], ext: Vec<Vec<u8>>) -> Vec<u8> {
    let mut s = spec(n, this, next, entries);
    s.extensions = ext;
    forge::Ca::nca_rsa().crl(&s)
}

// --- stale hold: the newest stale hold's key, overwritten by an older one ----------------

/// The sequence of `defect_an_older_stale_hold_twin_exempts_its_twin_from_a_newer_hold`:
/// B #11 (11-15 .. 11-16, AKI K1) lists the hold since 11-14; C #10 (11-09 .. 11-10T12,
/// AKI K1) lists a hold since 06-25; A #10 of C's instant (no AKI) omits the target; the
/// CA's delta #30 over #10 (11-22 .. 11-24, no AKI) lists nothing: it completes A only.
fn stale_twins() -> Vec<Vec<u8>> {
    let b = k1(
        11,
        "261115000000Z",
        "261116000000Z",
        &[("261114000000Z", HOLD)],
        vec![aki(1)],
    );
    let c = k1(
        10,
        "261109000000Z",
        "261110120000Z",
        &[("260625000000Z", HOLD)],
        vec![aki(1)],
    );
    let a = k1(10, "261109000000Z", "261110120000Z", &[], vec![]);
    let d30 = delta(30, 10, "261122000000Z", "261124000000Z", vec![]);
    vec![b, c, a, d30]
}

/// DEFECT (order-dependent: VALID or INDETERMINATE; given and time-stamped). Input: B, K1's
/// complete #11 (11-15 .. 11-16, AKI K1), lists the target on hold since 11-14; C, K1's #10
/// (11-09 .. 11-10T12, AKI K1), lists it on hold since 06-25; A, #10 of C's instant and
/// number (no AKI), omits it; delta #30 over #10 (11-22 .. 11-24, no AKI) lists nothing and
/// completes A only. At 11-23, given and time-stamped (checked 11-23). Observed: VALID when C
/// is given before A (A with #30 proves the time), INDETERMINATE when A is given before C (A
/// is set aside: older than B's stale hold). Expected: INDETERMINATE in every order, as
/// without C (`held_a_newer_stale_hold_sets_an_older_proof_aside`): A is older than B, which
/// lists a hold from before the time judged, and C only lists another hold. Cause:
/// `judge_complete` (src/revocation/status/walk.rs:494) overwrites `walk.stale_hold` at each
/// StaleHold; newest first, C's key replaces B's, and the gate (walk.rs:443-447) spares A as
/// C's twin. Fix: keep the first (newest) stale hold's key (`get_or_insert`), so that only a
/// twin of the newest stale-hold CRL is spared.
///
/// Found by review 94 (was a defect). Fixed: `Walk::stale_hold` keeps the newest stale hold's CRL
/// (`get_or_insert`): only a twin of that CRL is judged as given
#[test]
fn an_older_stale_hold_twin_exempts_no_twin_from_a_newer_hold() {
    one_verdict_never_valid(&stale_twins());
}

/// Every order of `crls`, given and time-stamped at 11-23: one verdict, never VALID. Since
/// review 95 (a delta pairs with a base by its signer's signature, not by
/// authorityKeyIdentifier) #30 completes B as well, and B with #30, fresh, lists the hold:
/// INVALID where it was INDETERMINATE (A set aside, B's hold stale).
fn one_verdict_never_valid(crls: &[Vec<u8>]) {
    let mut bad = Vec::new();
    for (what, e) in [("given", given23()), ("time-stamped", stamped23())] {
        let seen = verdicts(crls, &e);
        for (o, why) in &seen {
            if *o == Overall::Valid || *o != seen[0].0 {
                bad.push(format!("{what}: {o:?}: {why}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// HELD. Finding 1 without C: A (older than B's stale hold) is set aside; INDETERMINATE in
/// every order, given and time-stamped (INVALID since review 95: B with #30 lists the hold).
#[test]
fn held_a_newer_stale_hold_sets_an_older_proof_aside() {
    let crls = stale_twins();
    one_verdict_never_valid(&[crls[0].clone(), crls[2].clone(), crls[3].clone()]);
}

// --- honest re-keyed CA, no authorityKeyIdentifier, two certificates of K2 ----------------

/// K2's complete #9 (11-03 .. 11-05) on hold since 11-02, #10 (11-06 ..) omitting, its
/// delta #20 over #9 (11-20) removing (dated 11-05); no AKI anywhere.
fn k2_release(k2: &forge::Ca) -> Vec<Vec<u8>> {
    let s9 = spec(
        9,
        "261103000000Z",
        "261105000000Z",
        &[("261102000000Z", HOLD)],
    );
    let s10 = spec(10, "261106000000Z", "270501000000Z", &[]);
    let d = CrlSpec::delta(20, 9, "261120000000Z", "270501000000Z")
        .entries(vec![removal("261105000000Z")]);
    vec![k2.crl(&s9), k2.crl(&s10), k2.crl(&d)]
}

/// HELD (no false refusal by `paired`). K2's #9 (11-03 .. 11-05) on hold since 11-02, #10
/// (11-06) omitting, delta #20 over #9 (11-20) removing it (dated 11-05), no AKI; two
/// certificates of K2 offered, in either order. Claim 11-10, checked 11-23: VALID, every
/// order (the delta verifies under whichever certificate of K2 proved the base).
#[test]
fn held_a_reissued_new_key_certificate_pairs_its_own_removal() {
    let (c1, k2) = nca2_serial(0x93);
    let (c2, _) = nca2_serial(0x94);
    let crls = k2_release(&k2);
    for extra in [vec![c1.clone(), c2.clone()], vec![c2.clone(), c1.clone()]] {
        all_with(
            &crls,
            &extra,
            &claimed_t(),
            Overall::Valid,
            "two K2 certificates",
        );
    }
}

/// HELD (no false refusal by `base_omits`). K1's #9 (07-01 .. 2027-01-01) omits the
/// target; K2's base #10 (11-01 .. 2027-05-01) omits it; K2's deltas over #10: #20 (11-20 ..
/// 11-24) lists the hold since 11-19, #21 (11-22 .. 11-24) lists nothing; no AKI anywhere,
/// two certificates of K2 offered in either order. Given at 11-21: INVALID; at 11-23: VALID.
#[test]
fn held_an_honest_rekeyed_sequence_without_key_identifiers() {
    let (c1, k2) = nca2_serial(0x93);
    let (c2, _) = nca2_serial(0x94);
    let old9 = k1(9, "260701000000Z", "270101000000Z", &[], vec![]);
    let k2_10 = k2.crl(&spec(10, "261101000000Z", "270501000000Z", &[]));
    let d = |n: u8, this: &str, entries: Vec<Vec<u8>>| {
        k2.crl(&CrlSpec::delta(n, 10, this, "261124000000Z").entries(entries))
    };
    let d20 = d(20, "261120000000Z", vec![entry("261119000000Z", HOLD)]);
    let d21 = d(21, "261122000000Z", vec![]);
    let at21 = ex("2026-11-21T00:00:00Z", None, false);
    for extra in [vec![c1.clone(), c2.clone()], vec![c2.clone(), c1.clone()]] {
        let three = [old9.clone(), k2_10.clone(), d20.clone()];
        all_with(&three, &extra, &at21, Overall::Invalid, "11-21");
        let four = [old9.clone(), k2_10.clone(), d20.clone(), d21.clone()];
        all_with(&four, &extra, &given23(), Overall::Valid, "11-23");
    }
}

/// HELD (signers kept by store index). K2's sequence of
/// `held_a_reissued_new_key_certificate_pairs_its_own_removal` beside K1's #9 of the same
/// number and instant listing the same hold (no AKI), then with K1's #10 (11-06) omitting
/// it too. Claim 11-10: VALID, every order (K2's removal pairs with K2's #9 only).
#[test]
fn held_two_keys_bases_of_one_number_pair_by_key() {
    let (c2, k2) = nca2();
    let hold = [("261102000000Z", HOLD)];
    let old9 = k1(9, "261103000000Z", "261105000000Z", &hold, vec![]);
    let old10 = k1(10, "261106000000Z", "270501000000Z", &[], vec![]);
    let mut crls = k2_release(&k2);
    crls.push(old9);
    all_with(
        &crls,
        std::slice::from_ref(&c2),
        &claimed_t(),
        Overall::Valid,
        "K1 #9 beside",
    );
    crls.push(old10);
    all_with(
        &crls,
        std::slice::from_ref(&c2),
        &claimed_t(),
        Overall::Valid,
        "K1 #9, #10",
    );
}

/// HELD. Finding 1's sequence at a claimed time (11-10, checked 11-23): never VALID, every
/// order (C's hold since 06-25 and B's since 11-14 are the CA's word on the claim).
#[test]
fn held_the_stale_twins_never_pass_a_claim() {
    for (o, why) in verdicts(&stale_twins(), &claimed_t()) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}
