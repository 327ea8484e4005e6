//! Review 93 (hostile): commits 67499e7 and d53bbbd. Reviewed: in `judge_complete`
//! (src/revocation/status/walk.rs:456-489), every complete CRL judged in full that proves some
//! of its point's reasons records `Point::settled_by`, so a CRL of its instant and number is a
//! tie (walk.rs:216) judged in full; and `bases_of` (src/revocation/status/standing.rs:473-495),
//! the one filter of a delta's bases used by `releases_base_hold` (claimed time: a delta's
//! removeFromCRL read as the release of its base's hold, standing.rs:162) and `base_omits` (a
//! fresh delta listing nothing over its exact base listing nothing is a release,
//! standing.rs:499-514), which now also asks the base's authorityKeyIdentifier to be absent or
//! the delta's. Read against the module docs of src/revocation/status/ (walk.rs, rules.rs,
//! standing.rs), the README's revocation rules table, tests/review89.rs, tests/review91.rs and
//! RFC 5280 §5.2.4 ("the CRL issuer MUST use the same private key to sign the delta CRL and any
//! complete CRL that it can be used to update"; `deltas_for`, src/revocation/status.rs:327-344,
//! pairs by the base's signer's key).
//!
//! Material: the test PKI's `individual_sign.cer` (or its re-issue with distribution point A)
//! under `nca_rsa.cer`; CRLs signed by the CA's key K1 (`forge::Ca::nca_rsa`) and by the CA
//! re-keyed: `nca_rsa`'s name under a second key K2 (individual_auth's), certified by the test
//! root and offered as an intermediate; authorityKeyIdentifier extensions of keyIdentifier K1
//! or K2 (20 bytes 0x01 or 0x02) or none (the test CRLs' default). Given, time-stamped
//! (checked 11-23) and claimed (checked 11-23) times, every order of the CRLs.
//!
//! Findings:
//!
//! 1. (fixed) `a_new_keys_removal_is_not_the_release_of_an_old_keys_base_hold` (was
//!    `defect_a_new_keys_removal_is_not_the_release_of_an_old_keys_base_hold`) (false VALID,
//!    claimed time). Input: K1's #9 (11-03 .. 11-05, no AKI) lists the target on hold since 11-02,
//!    K1's #10 (11-06) omits it, K2's delta #20 over #9 (11-20, AKI K2 or none) removes it (dated
//!    11-05); claim 11-10. Observed: VALID, every order. Expected: INDETERMINATE (as with K1's #9
//!    carrying AKI K1): a delta of K2 cannot complete a CRL of K1 (RFC 5280 §5.2.4; `deltas_for`
//!    refuses the pair), so read alone its removal, issued after the claim, is the trace of a hold
//!    of unknown extent (review 78). Cause: `bases_of`'s key test (standing.rs:490-491) lets a base
//!    without AKI pair with a delta of any key, so `releases_base_hold` (standing.rs:162) reads
//!    K2's removal as the release of K1's hold. Fix: the base must verify under the delta's
//!    signer's key (as `deltas_for`), whatever the AKIs say (or, with no signer at hand, refuse a
//!    base without AKI when the delta has one, and a delta without AKI when the base has one, and
//!    prove the base's signature with the delta's signer).
//! 2. (fixed) `a_new_keys_empty_delta_does_not_lift_a_hold_over_an_old_keys_base` (was
//!    `defect_a_new_keys_empty_delta_does_not_lift_a_hold_over_an_old_keys_base`) (false VALID,
//!    given time). Input: K1's #9 (11-01 .. 2027-05-01, no AKI) omits the target; K2's deltas over
//!    K2's #9 (not supplied): #20 (11-20 .. 11-24) lists the hold since 11-19, #21 (11-22 .. 11-24)
//!    lists nothing (AKI K2, or none); given at 11-23. Observed: VALID, every order. Expected:
//!    INVALID (as with K1's #9 carrying AKI K1): #21's base is K2's #9, not supplied, so #21 proves
//!    no release (review 85) and #20's hold, fresh at 11-23, stands. Cause: `base_omits`
//!    (standing.rs:499-514) takes K1's #9 from `bases_of` (standing.rs: 490-491). Fix: as finding
//!    1.
//!
//! 3. (fixed) `a_stale_hold_twin_and_a_proving_twin_decide_by_their_order` (was
//!    `defect_a_stale_hold_twin_and_a_proving_twin_decide_by_their_order`) (order-dependent, VALID
//!    or INDETERMINATE; given and time-stamped). Input: two CA CRLs #10 of one instant (11-09 ..
//!    11-10T12): A (no AKI) omits the target, B (AKI K1) lists its hold since 06-25; the CA's delta
//!    #30 over #10 (11-22 .. 11-24, no AKI) completes A only; at 11-23. Observed: VALID with A
//!    first, INDETERMINATE with B first. Expected: one verdict in every order (README: CRLs of one
//!    thisUpdate and number are both judged; rule 6). Cause: the stale-hold gate (walk.rs:441-455)
//!    sets aside a later tie's proof as "older" than B, while B judged after A as a tie
//!    (walk.rs:216, 489-493) does not undo A's proof. Fix: spare a CRL of the stale hold's instant
//!    and number from the gate (or judge a run of ties together). Not new in 67499e7: A proves
//!    every reason, so it settled the point before it too.
//!
//! Held:
//!
//! 1. `held_the_key_identifier_keeps_another_keys_removal_a_trace`: finding 1 with K1's #9
//!    carrying AKI K1: INDETERMINATE; K1's own delta (AKI K1 on both, or on neither): VALID.
//! 2. `held_the_key_identifier_keeps_another_keys_hold`: finding 2 with AKI K1 on K1's #9:
//!    INVALID.
//! 3. `held_an_honest_rekeyed_sequence_releases_a_hold` (no false refusal from the AKI test):
//!    K1's #9, K2's base #10 and daily K2 deltas placing and lifting a hold, every CRL with
//!    its key's AKI: INVALID during the hold, VALID after its release.
//! 4. `held_a_keycompromise_partitions_tie_proves_no_hold` (67499e7): a keyCompromise-only
//!    #10 of the same instant and number as a full #10 listing the hold is a tie judged in
//!    full, but proves only keyCompromise (`interim` is the point's reasons met with the
//!    CRL's): INVALID given and time-stamped, never VALID claimed, every order.
//!
//! Why 67499e7's overwrite of `settled_by` held: a point's complete CRLs are sorted by
//! (thisUpdate, cRLNumber) before the walk (walk.rs:142-144), so the ties of one key come in
//! one run and an older CRL overwrites `settled_by` only after all of them were judged; a tie
//! forces a full judgement only, whose proof adds the reasons the CRL covers (never a
//! partition's missing ones), and at a claimed time the rule-5 gate (walk.rs:228) still
//! reads a CRL not of the newest instant and number for permanent revocations only.

mod common;

use common::crl_sequences::*;
use common::evidence::*;
use common::forge::{self, CrlSpec};
use qoltanba::Overall;

// --- material ----------------------------------------------------------------------------

/// Complete #9 of the old key (11-03 .. 11-05) listing the hold since 11-02, with
/// these further extensions.
fn k1_9(ext: Vec<Vec<u8>>) -> Vec<u8> {
    let mut s = spec(
        9,
        "261103000000Z",
        "261105000000Z",
        &[("261102000000Z", HOLD)],
    );
    s.extensions = ext;
    forge::Ca::nca_rsa().crl(&s)
}

/// Complete #10 of the old key (11-06 .. 2027-05-01) omitting the target.
fn k1_10() -> Vec<u8> {
    crl(10, "261106000000Z", "270501000000Z", &[])
}

/// A delta #20 over base #9 (11-20 .. 2027-05-01) removing the target (dated 11-05),
/// signed by `signer` with these further extensions.
fn d20(signer: &forge::Ca, ext: Vec<Vec<u8>>) -> Vec<u8> {
    let mut s = CrlSpec::delta(20, 9, "261120000000Z", "270501000000Z")
        .entries(vec![removal("261105000000Z")]);
    s.extensions = ext;
    signer.crl(&s)
}

/// Complete #9 of the old key (11-01 .. 2027-05-01) omitting the target, with these
/// further extensions.
fn k1_9_clean(ext: Vec<Vec<u8>>) -> Vec<u8> {
    let mut s = spec(9, "261101000000Z", "270501000000Z", &[]);
    s.extensions = ext;
    forge::Ca::nca_rsa().crl(&s)
}

/// The new key's deltas over its base #9 (withheld): #20 (11-20 .. 11-24) lists the hold
/// since 11-19, #21 (11-22 .. 11-24) lists nothing; with these further extensions.
fn k2_deltas_over_9(ext: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let (_, k2) = nca2();
    let d = |n: u8, this: &str, entries: Vec<Vec<u8>>| {
        let mut s = CrlSpec::delta(n, 9, this, "261124000000Z").entries(entries);
        s.extensions = ext.clone();
        k2.crl(&s)
    };
    vec![
        d(20, "261120000000Z", vec![entry("261119000000Z", HOLD)]),
        d(21, "261122000000Z", vec![]),
    ]
}

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (false VALID, claimed time). Input: the CA re-keyed (`nca_rsa`'s name, a second
/// key K2, certified by the root, offered as an intermediate). The old key's complete #9
/// (11-03 .. 11-05, no authorityKeyIdentifier) lists the target on hold since 11-02; its #10
/// (11-06) omits it; the new key's delta #20 over base #9 (11-20, authorityKeyIdentifier
/// K2, or none) removes the target (removeFromCRL dated 11-05). Claim 11-10, checked 11-23.
/// Observed: VALID in every order. Expected: INDETERMINATE, as when the old #9 carries its
/// own key's authorityKeyIdentifier (held below): a delta signed by K2 cannot complete a
/// complete CRL signed by K1 (RFC 5280 §5.2.4: "the same private key"; `deltas_for` refuses
/// the pair by its signature), so its base #9 is the new key's, not supplied, and read alone
/// its removal, issued after the claim, is the trace of a hold of unknown extent (review
/// 78; `released_hold`). Cause: `bases_of` (src/revocation/status/standing.rs:486-491)
/// pairs a delta with a base by authorityKeyIdentifier, and one without it passes for any
/// key, so `releases_base_hold` (standing.rs:161) reads the K2 removal as the release of
/// K1's #9 hold. Fix: pair as `deltas_for` does: the base must verify under the delta's
/// signer's key (`signed_by_metered(base, delta's signer)`), whatever the AKIs say.
///
/// Found by review 93 (was a defect). Fixed: a delta's removal releases its base's hold only when
/// the delta is signed with that base's proven key (`releases_base_hold`'s `paired`)
#[test]
fn a_new_keys_removal_is_not_the_release_of_an_old_keys_base_hold() {
    let (_, k2) = nca2();
    for (what, dext) in [("delta AKI K2", vec![aki(2)]), ("no AKI", vec![])] {
        let crls = vec![k1_9(vec![]), k1_10(), d20(&k2, dext)];
        all_verdicts(&crls, &claimed_t(), Overall::Indeterminate, what);
    }
}

// --- finding 2 ---------------------------------------------------------------------------

/// DEFECT (false VALID, given time). Input: the CA re-keyed (as finding 1). The old key's
/// complete #9 (11-01 .. 2027-05-01, no authorityKeyIdentifier) omits the target; the new
/// key's deltas over its own base #9 (not supplied): #20 (11-20 .. 11-24) lists the target
/// on hold since 11-19, #21 (11-22 .. 11-24) lists nothing (authorityKeyIdentifier K2, or
/// none). Given at 11-23. Observed: VALID in every order. Expected: INVALID, as when the old
/// #9 carries its key's authorityKeyIdentifier (held below): #21 lists nothing over its
/// base, K2's #9, which was not supplied, so it proves no release (review 85: a delta
/// listing nothing is a release only over a base held that lists nothing); the hold #20
/// lists, fresh at 11-23, stands. Cause: `base_omits` (standing.rs:499-520) takes its base
/// from `bases_of` (standing.rs:473-495), whose key test lets a base without
/// authorityKeyIdentifier pair with a delta of any key; K1's #9 omitting the target makes
/// #21 a release after #20's listing. Fix: as finding 1 (the base verifies under the delta's
/// signer's key).
///
/// Found by review 93 (was a defect). Fixed: `base_omits` asks that the base be signed by the
/// delta's own proven signer
#[test]
fn a_new_keys_empty_delta_does_not_lift_a_hold_over_an_old_keys_base() {
    for (what, dext) in [("deltas AKI K2", vec![aki(2)]), ("no AKI", vec![])] {
        let mut crls = vec![k1_9_clean(vec![])];
        crls.extend(k2_deltas_over_9(dext));
        all_verdicts(&crls, &given23(), Overall::Invalid, what);
    }
}

// --- finding 3 ---------------------------------------------------------------------------

/// DEFECT (order-dependent: VALID or INDETERMINATE; given and time-stamped). Input: two
/// complete CRLs #10 of the CA of one instant (11-09 .. 11-10T12, stale at 11-23): A without
/// authorityKeyIdentifier omits the target, B with AKI K1 lists it on hold since 06-25; the
/// CA's delta #30 over #10 (11-22 .. 11-24, no AKI) lists nothing, so it completes A only
/// (`deltas_for` refuses it for B, whose AKI it lacks). At 11-23, given and time-stamped
/// (checked 11-23). Observed: VALID when A comes first (A with #30 proves the time, settles
/// the point; B, its tie, is judged in full: a stale hold of 11-09, older than #30's proof
/// of 11-22), INDETERMINATE when B does (its stale hold sets `walk.stale_hold`, and A with
/// #30 is then set aside as "older than a CRL that lists the certificate on hold": it is of
/// the same instant and number, not older). Expected: one verdict in every order (README:
/// two CRLs of one issuer with the same thisUpdate and number are both judged; rule 6;
/// `Point::settled_by`'s doc: a tie in the newest-first order must not let the order given
/// decide). The test asserts only that; by the stale-hold rule itself (an older CRL cannot
/// prove the hold lifted) A with #30, newer than B's listing, is not older, which reads
/// VALID. Cause: the stale-hold gate of `judge_complete` (src/revocation/status/walk.rs:
/// 441-455) sets aside every later proof, a tie of the stale hold's CRL included, while in
/// the other order the tie's StaleHold (walk.rs:489-493) does not undo the proof already
/// taken. Fix: record the stale hold's (thisUpdate, cRLNumber) and let the gate spare a CRL
/// of that instant and number (or judge a run of ties together before acting on any).
///
/// Found by review 93 (was a defect). Fixed: the stale-hold rule sets aside only CRLs older than
/// the hold's own (`Walk::stale_hold` keeps its thisUpdate and cRLNumber): one of its instant and
/// number is judged as given
#[test]
fn a_stale_hold_twin_and_a_proving_twin_decide_by_their_order() {
    let mk = |ext: Vec<Vec<u8>>, entries: &[(&str, u8)]| {
        let mut s = spec(10, "261109000000Z", "261110120000Z", entries);
        s.extensions = ext;
        forge::Ca::nca_rsa().crl(&s)
    };
    let a = mk(vec![], &[]);
    let b = mk(vec![aki(1)], &[("260625000000Z", HOLD)]);
    let d30 = delta(30, 10, "261122000000Z", "261124000000Z", vec![]);
    let mut bad = Vec::new();
    for (what, e) in [
        ("given", given23()),
        ("time-stamped", ex("2026-11-23T00:00:00Z", Some(AT), false)),
    ] {
        let seen = verdicts(&[a.clone(), b.clone(), d30.clone()], &e);
        if seen.len() > 1 {
            bad.push(format!("{what}: {seen:?}"));
        }
    }
    assert!(bad.is_empty(), "the order decided:\n{}", bad.join("\n"));
}

// --- held --------------------------------------------------------------------------------

/// HELD. Finding 1 with the old #9 carrying its key's authorityKeyIdentifier (K1): the
/// new key's removal is a trace (INDETERMINATE); the old key's own delta #20 over #9 (with
/// AKI K1, or neither with one) releases #9's hold before the claim (VALID), every order.
#[test]
fn held_the_key_identifier_keeps_another_keys_removal_a_trace() {
    let (_, k2) = nca2();
    let k1 = forge::Ca::nca_rsa();
    let crls = vec![k1_9(vec![aki(1)]), k1_10(), d20(&k2, vec![aki(2)])];
    all_verdicts(&crls, &claimed_t(), Overall::Indeterminate, "K2 delta");
    for (what, bext, dext) in [
        ("both AKI K1", vec![aki(1)], vec![aki(1)]),
        ("neither", vec![], vec![]),
    ] {
        let crls = vec![k1_9(bext), k1_10(), d20(&k1, dext)];
        all_verdicts(&crls, &claimed_t(), Overall::Valid, what);
    }
}

/// HELD. Finding 2 with the old #9 carrying AKI K1: the hold of the new key's #20 stands
/// (INVALID, every order).
#[test]
fn held_the_key_identifier_keeps_another_keys_hold() {
    let mut crls = vec![k1_9_clean(vec![aki(1)])];
    crls.extend(k2_deltas_over_9(vec![aki(2)]));
    all_verdicts(&crls, &given23(), Overall::Invalid, "AKI K1");
}

/// HELD (no false refusal). An honest re-keyed sequence, every CRL with its key's
/// authorityKeyIdentifier: the old key's #9 (07-01 .. 2027-01-01) omits the target; the
/// new key's base #10 (11-01 .. 2027-05-01) omits it, its delta #20 over #10 (11-20 ..
/// 11-24) lists the hold since 11-19, its delta #21 over #10 (11-22 .. 11-24) lists
/// nothing (released). Given at 11-21: INVALID; at 11-23: VALID, every order.
#[test]
fn held_an_honest_rekeyed_sequence_releases_a_hold() {
    let (_, k2) = nca2();
    let mut s = spec(9, "260701000000Z", "270101000000Z", &[]);
    s.extensions = vec![aki(1)];
    let k1_9 = forge::Ca::nca_rsa().crl(&s);
    let mut s = spec(10, "261101000000Z", "270501000000Z", &[]);
    s.extensions = vec![aki(2)];
    let k2_10 = k2.crl(&s);
    let d = |n: u8, this: &str, entries: Vec<Vec<u8>>| {
        let mut s = CrlSpec::delta(n, 10, this, "261124000000Z").entries(entries);
        s.extensions = vec![aki(2)];
        k2.crl(&s)
    };
    let d20 = d(20, "261120000000Z", vec![entry("261119000000Z", HOLD)]);
    let d21 = d(21, "261122000000Z", vec![]);
    let at21 = ex("2026-11-21T00:00:00Z", None, false);
    all_verdicts(
        &[k1_9.clone(), k2_10.clone(), d20.clone()],
        &at21,
        Overall::Invalid,
        "11-21",
    );
    all_verdicts(
        &[k1_9, k2_10, d20, d21],
        &given23(),
        Overall::Valid,
        "11-23",
    );
}

/// HELD (67499e7: a tie proves nothing it does not cover). Under point A: full #9 (07-01 ..
/// 2027-01-01) omits the target; a keyCompromise-only #10 of 11-09 (.. 11-24) omits it; a
/// full #10 of the same instant and number lists it on hold since 06-25. Given at 11-10
/// and time-stamped (checked 11-23): INVALID; claimed (11-10, checked 11-23): never VALID;
/// every order, either CRL #10 first.
#[test]
fn held_a_keycompromise_partitions_tie_proves_no_hold() {
    let cert = with_dps(&[DP_A]);
    let crls = vec![
        point_a(None, 9, "260701000000Z", "270101000000Z", vec![]),
        point_a(Some(ONLY_KC), 10, "261109000000Z", "261124000000Z", vec![]),
        point_a(
            None,
            10,
            "261109000000Z",
            "261124000000Z",
            vec![entry("260625000000Z", HOLD)],
        ),
    ];
    let t = "2026-11-10T00:00:00Z";
    for (what, e, want) in [
        ("given", ex(t, None, false), Some(Overall::Invalid)),
        (
            "time-stamped",
            ex(t, Some(AT), false),
            Some(Overall::Invalid),
        ),
        ("claimed", ex(t, Some(AT), true), None),
    ] {
        for (o, why) in every_order(&cert, &crls, &[], &e) {
            match want {
                Some(w) => assert_eq!(o, w, "{what}: {why}"),
                None => assert_ne!(o, Overall::Valid, "{what}: {why}"),
            }
        }
    }
}
