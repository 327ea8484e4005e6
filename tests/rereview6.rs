//! Review 17 (hostile): the revocation decision as rewritten by c20efcf and ff78947 (delta
//! CRLs read on their own, `src/revocation/status/standing.rs`; claimed-time holds; the
//! same-instant rule of `judge_with`; OCSP singleExtensions), against the model the library
//! states (README "Security rules": the OCSP row, the "A delta CRL is also read on its own"
//! row, the CRL table; `with_ocsp` in src/condition.rs; `judge_with` in
//! src/revocation/status/rules.rs; the module doc of status/standing.rs). Each test asserts
//! the correct, safe behaviour; the `held_` ones are attacks that failed (regression
//! tests), the others fail today (defects).
//!
//! Material: CRLs of `nca_rsa.cer` (some scoped to distribution points A and B), responses
//! of its delegated responder, about `individual_sign.cer` (valid 2026-01-01..2027-01-01) or
//! a re-issue of it with distribution points. The time judged is 2026-11-23T00:00:00Z
//! unless said.

mod common;

use common::evidence::*;

use common::forge::{self, int, Ca, CrlSpec, Tbs};
use common::time;
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Overall};

/// removeFromCRL.
const REMOVE: u8 = 8;

// --- defects ------------------------------------------------------------------------------

/// At a claimed time, the hold of a delta CRL newer than every complete CRL is ignored
/// when the delta completes no CRL held (over a base not held, or signed by another key of
/// the issuer's name). Rule 5 of `judge_with` and the README ("at a claimed time a hold
/// listed by the newest CRL ... leaves the status unknown") make a hold on the newest CRL,
/// whenever dated, leave the status unknown, and the library reads such a delta "on its
/// own ... a hold it lists is weighed by its thisUpdate like any listing". But
/// `standing()` (src/revocation/status/standing.rs) treats every CRL at a claimed time as
/// an older one: a hold counts only when it `proves` the claimed time (`start <= at` and
/// fresh then or issued after it), so a hold dated after the claim, or one listed from
/// before the claim by a delta that went stale before it, is dropped, and the complete
/// CRL #10 (older than the delta, so not "the newest CRL") decides alone.
///
/// (a) Delta #20 over #11 (not held), 11-22..11-24 (current when the claim is checked),
/// lists the certificate on hold since 11-20; #10 omits it. Claimed 11-10, checked 11-23:
/// Valid today. The same delta over #10 (so applied as #10's newest view): Indeterminate.
/// Withholding the base the delta names turns "unknown" into "valid".
/// (b) Delta #20 over #11, 11-05..11-06, lists it on hold since 11-01; nothing newer
/// than it speaks of the certificate. At a proven 11-10: Indeterminate (an unsettled
/// hold). At a claimed 11-10: Valid today - a claim earns more than a proof.
/// Expected: not valid in both. Defect: src/revocation/status/standing.rs (`if hold { ..
/// if start > at || !(claimed && proves || ..) { return None } }`): at a claimed time a
/// delta's hold is not weighed by its thisUpdate against the newest view.
#[test]
fn at_a_claimed_time_a_hold_on_a_delta_newer_than_every_complete_crl_is_ignored() {
    let e = || claimed("2026-11-10T00:00:00Z", AT);
    // (a) A hold dated after the claim, on the newest CRL.
    let after = |b: u8| {
        delta(
            20,
            b,
            "261122000000Z",
            "261124000000Z",
            vec![entry("261120000000Z", HOLD)],
        )
    };
    let (o, _, why) = judge_with(&target(), &[base10(), after(10)], &[], e());
    assert_ne!(o, Overall::Valid, "(a) the delta applied to #10: {why}");
    let (o, _, why) = judge_with(&target(), &[base10(), after(11)], &[], e());
    assert_ne!(o, Overall::Valid, "(a) the delta over #11, not held: {why}");
    // (b) A hold from before the claim, never shown lifted.
    let stale = delta(
        20,
        11,
        "261105000000Z",
        "261106000000Z",
        vec![entry("261101000000Z", HOLD)],
    );
    let crls = [base10(), stale];
    let (o, _, why) = judge(&target(), &crls, &[], "2026-11-10T00:00:00Z");
    assert_eq!(o, Overall::Indeterminate, "(b) proven 11-10: {why}");
    let (o, _, why) = judge_with(&target(), &crls, &[], e());
    assert_ne!(o, Overall::Valid, "(b) claimed 11-10: {why}");
}

/// At a claimed time, an older CRL that lists the certificate on hold from before the
/// claimed time, no longer fresh then, is ignored: the newest CRL (issued after the claim)
/// omits the certificate and decides. The CRL table: a hold that "no longer proves T" is
/// "nothing, and no older CRL and no CRL issued after T can prove the hold lifted by T (a
/// later one shows it lifted by its own date only)" - a proven time gets Indeterminate on
/// this evidence. The claimed-time path asks an older CRL only whether it proves the hold
/// at the claimed time (review 16's fix for a hold proven then); an unsettled one leaves
/// no trace. The OCSP side already refuses it: the same hold shown by a stale response
/// gives Indeterminate at the claimed time ("any hold a response shows").
///
/// CRL #4 (10-10..10-20) lists the certificate on hold since 10-05; CRL #6 (11-20..12-20)
/// omits it. Proven 11-10: Indeterminate. Claimed 11-10, checked 11-23: Valid today. The
/// hold may have been in force at 11-10 (it was lifted some time between 10-20 and 11-20);
/// the signer chose the time. Expected: not valid.
/// Defect: src/revocation/status.rs (the `if claimed { if let Some(n) = &newest { ..
/// standing(..) } }` branch) and standing.rs (`claimed && proves`).
#[test]
fn at_a_claimed_time_an_older_crls_unsettled_hold_is_ignored() {
    let held = crl(
        4,
        "261010000000Z",
        "261020000000Z",
        &[("261005000000Z", HOLD)],
    );
    let newest = crl(6, "261120000000Z", "261220000000Z", &[]);
    let crls = [held, newest.clone()];
    let (o, _, why) = judge(&target(), &crls, &[], "2026-11-10T00:00:00Z");
    assert_eq!(o, Overall::Indeterminate, "proven 11-10: {why}");
    let e = || claimed("2026-11-10T00:00:00Z", AT);
    let stale_response = ocsp(
        &revoked("20261005000000Z", Some(HOLD)),
        "20261010000000Z",
        Some("20261020000000Z"),
    );
    let (o, _, why) = judge_with(&target(), &[newest], &[stale_response], e());
    assert_ne!(o, Overall::Valid, "the same hold by a response: {why}");
    let (o, _, why) = judge_with(&target(), &crls, &[], e());
    assert_ne!(o, Overall::Valid, "claimed 11-10: {why}");
}

/// A removeFromCRL entry beside a hold for the same serial hides the hold. `strongest`
/// (src/revocation/status/rules.rs) picks, of several entries for one serial, "a permanent
/// revocation over a hold, then the earliest date", and ranks removeFromCRL with holds:
/// an earlier-dated removeFromCRL wins, and `listed` then reads "not listed".
///
/// (a) A complete CRL (fresh) lists the certificate on hold since 06:00 and has a
/// removeFromCRL entry dated 05:00 for it. The library's own rule: "removeFromCRL only has
/// meaning in a delta CRL; in a complete CRL it lists nothing" (RFC 5280 §5.3.1: the value
/// is only found in delta CRLs) - so the CRL lists the hold: Invalid (as with the hold
/// alone). Valid today.
/// (b) Base #5 lists the hold; its delta #9 (10:00) lists both the hold and a
/// removeFromCRL (05:00): the CA's delta contradicts itself and proves nothing (the rule
/// the library applies to a response whose SingleResponses disagree), so the base's hold
/// stands. Valid today. Expected: not valid in both.
#[test]
fn a_remove_from_crl_entry_beside_a_hold_hides_the_hold() {
    let ca = Ca::nca_rsa();
    let hold_only = crl(
        6,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let (o, _, why) = judge(&target(), &[hold_only], &[], AT);
    assert_eq!(o, Overall::Invalid, "the hold alone: {why}");
    let both = ca.crl(
        &CrlSpec::complete(6, "261122080000Z", "261124000000Z").entries(vec![
            entry("261122060000Z", HOLD),
            entry("261122050000Z", REMOVE),
        ]),
    );
    let (o, _, why) = judge(&target(), &[both], &[], AT);
    assert_eq!(o, Overall::Invalid, "(a) complete CRL: {why}");
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    let d = delta(
        9,
        5,
        "261122100000Z",
        "261124000000Z",
        vec![entry("261122060000Z", HOLD), entry("261122050000Z", REMOVE)],
    );
    let (o, _, why) = judge(&target(), &[base, d], &[], AT);
    assert_ne!(o, Overall::Valid, "(b) delta: {why}");
}

/// A permanent revocation dated after the time judged, beside a hold from before it for
/// the same serial, hides the hold. `strongest` (rules.rs) prefers the permanent entry
/// whatever its date; dated after T it is "listed with a later date: not revoked at T",
/// and the hold in force at T is never looked at (in `judge_with` and in `standing`, which
/// reads a delta or an older CRL through the same `listed`).
///
/// The CA put the certificate on hold on 11-20 and revoked it for keyCompromise on 11-25,
/// keeping both entries. A CRL of 11-26 (after T) with both: Valid today; with the hold
/// entry alone: Invalid (the hold from before T, listed after T, proves T). The same two
/// entries on a CRL fresh at T (11-22T08:00, the keyCompromise post-dated): Valid today.
/// Expected: Invalid (on hold at T; RFC 5280 §5.3.1: the revocation date is when the
/// revocation occurred - the hold was in force at T).
#[test]
fn a_permanent_revocation_after_the_time_beside_a_hold_before_it_hides_the_hold() {
    let ca = Ca::nca_rsa();
    let (o, _, why) = judge(
        &target(),
        &[crl(
            6,
            "261126000000Z",
            "261127000000Z",
            &[("261120000000Z", HOLD)],
        )],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "the hold alone: {why}");
    for (this, next) in [
        ("261126000000Z", "261127000000Z"),
        ("261122080000Z", "261124000000Z"),
    ] {
        let both = ca.crl(&CrlSpec::complete(6, this, next).entries(vec![
            entry("261120000000Z", HOLD),
            entry("261125000000Z", KEY_COMPROMISE),
        ]));
        let (o, _, why) = judge(&target(), &[both], &[], AT);
        assert_eq!(o, Overall::Invalid, "CRL of {this}: {why}");
    }
}

/// The same for OCSP: a response (11-26, after T) with two SingleResponses about the
/// certificate, a hold since 11-20 and a keyCompromise since 11-25. `check_inner`
/// (src/revocation/ocsp/mod.rs) takes the permanent one as `single` ("a permanent
/// revocation among them is what the responder signed, whatever else it says"), does not
/// count the disagreement (`contradicted = disagree && single.permanent_since().is_none()`),
/// and, dated after T, it is a "good" for T by a later response (`proves_past`): the hold
/// at T vanishes. With the hold alone: Invalid. With both: Valid today. Expected: Invalid.
#[test]
fn an_ocsp_permanent_revocation_after_the_time_beside_a_hold_before_it_hides_the_hold() {
    let hold = single(
        &serial(),
        &revoked("20261120000000Z", Some(HOLD)),
        "20261126000000Z",
        Some("20261127000000Z"),
    );
    let kc = single(
        &serial(),
        &revoked("20261125000000Z", Some(KEY_COMPROMISE)),
        "20261126000000Z",
        Some("20261127000000Z"),
    );
    let r = by_responder("20261126000000Z", std::slice::from_ref(&hold));
    let (o, _, why) = judge(&target(), &[], &[r], AT);
    assert_eq!(o, Overall::Invalid, "the hold alone: {why}");
    let r = by_responder("20261126000000Z", &[hold, kc]);
    let (o, _, why) = judge(&target(), &[], &[r], AT);
    assert_eq!(o, Overall::Invalid, "hold and keyCompromise: {why}");
}

/// Wrong "revoked" (second rank): the delta pass reads a delta over a base not held for
/// the hold it lists, but not for the release a newer delta of the same base signs. Delta
/// #20 over #11 (not held; 08:00..11-24) lists the certificate on hold since 06:00; delta
/// #21 over #11 (10:00..11-24) removes it (removeFromCRL); #10 (11-01, fresh) omits it.
/// Invalid today ("revoked since 06:00, certificate hold", by #20). The CA's newer word,
/// fresh at T, is that the hold was lifted at 10:00: "on hold at T" is false. With #11 held
/// the same deltas give Valid. Without it, "not revoked" is not proven either (#11 may list
/// a revocation made after 11-01), so the sound answer is unknown - never "on hold".
/// `standing` (src/revocation/status/standing.rs) reads each delta alone through `listed`,
/// where a removeFromCRL lists nothing, and `held` keeps #20's hold.
#[test]
fn a_hold_released_by_a_newer_delta_over_a_base_not_held_is_still_revoked() {
    let d20 = delta(
        20,
        11,
        "261122080000Z",
        "261124000000Z",
        vec![entry("261122060000Z", HOLD)],
    );
    let d21 = delta(
        21,
        11,
        "261122100000Z",
        "261124000000Z",
        vec![entry("261122060000Z", REMOVE)],
    );
    let base11 = crl(11, "261122000000Z", "261124000000Z", &[]);
    let (o, _, why) = judge(
        &target(),
        &[base10(), base11, d20.clone(), d21.clone()],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Valid, "#11 held: {why}");
    let (o, _, why) = judge(&target(), &[base10(), d20, d21], &[], AT);
    assert_ne!(o, Overall::Invalid, "#11 not held: {why}");
}

/// Unbounded work (third rank): every delta that lists a certificate now has its signer
/// proven (`standing` -> `crl_signer`), whose status is judged again for each such delta
/// (nothing is remembered between the calls), and a delta's hold does not end the delta
/// pass (`delta_standings` breaks only on a decision). A second key of the root's name
/// (certified by the root) signs n deltas of the root's name, each listing the issuing CA
/// (keyCompromise) and that signer itself on hold: judging the CA proves the signer for
/// each delta, which judges the signer by every other delta, each of which proves the
/// signer again, down to `MAX_SIGNER_DEPTH`: about n^4 signer proofs for one certificate
/// (measured in a debug build: n=10 0.12 s, n=16 0.7 s, n=24 4.3 s; n=40 is about a minute,
/// n=64 several). Before c20efcf a hold on such a CRL was never asked for, and a
/// revocation decided at once. No work budget applied outside documents
/// (`check_certificate`); one does now. Expected: 40 deltas judged within a budget.
#[test]
fn deltas_listing_their_own_signer_on_hold_make_the_signer_search_quartic() {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let ee = target();
    let signer_der = root.reissue(cert("root.cer").der(), |t| {
        t.serial = int(&[0x7e, 0x59]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let signer = Certificate::from_der(&signer_der).unwrap();
    let signer_ca = Ca {
        cert: signer_der,
        key: key("individual_sign.key.pem"),
    };
    let nca_serial = cert("nca_rsa.cer").serial().to_vec();
    let mut crls = vec![base10()];
    crls.extend((0..40u8).map(|i| {
        signer_ca.crl(
            &CrlSpec::delta(20 + i, 50, "261122000000Z", "261124000000Z").entries(vec![
                forge::crl_entry(
                    &nca_serial,
                    "261110000000Z",
                    &[forge::reason(KEY_COMPROMISE)],
                ),
                forge::crl_entry(&[0x7e, 0x59], "261110000000Z", &[forge::reason(HOLD)]),
            ]),
        )
    }));
    let v = common::rsa_verifier_with_crls(&crls, |b| b.intermediate(signer).unwrap());
    // Bounded by the work meter a certificate judged on its own now gets (no clock in the
    // test: unbounded work would hang it). The CA is listed keyCompromise by deltas whose
    // signer cannot be proven: never valid.
    let verdict = v.check_certificate(&ee, &Expectation::at(time(AT)));
    let revocation = verdict
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .unwrap();
    assert_ne!(
        qoltanba::Judged::overall(&verdict),
        Overall::Valid,
        "{}",
        revocation.reason()
    );
}

// --- held -----------------------------------------------------------------------------------

/// A delta over a base not held is read for the distribution point it covers only: scoped
/// to B, its keyCompromise says nothing of a certificate of A; scoped to A, or unscoped,
/// it revokes.
#[test]
fn held_a_delta_of_another_distribution_point_revokes_nothing() {
    let c = with_dps(&[DP_A]);
    let base = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(10, "261101000000Z", "270501000000Z"),
    );
    let kc = || {
        CrlSpec::delta(20, 11, "261122000000Z", "261124000000Z")
            .entries(vec![entry("261110000000Z", KEY_COMPROMISE)])
    };
    let (o, _, why) = judge(&c, &[base.clone(), scoped_crl(DP_B, None, kc())], &[], AT);
    assert_eq!(o, Overall::Valid, "scoped to B: {why}");
    let (o, _, why) = judge(&c, &[base.clone(), scoped_crl(DP_A, None, kc())], &[], AT);
    assert_eq!(o, Overall::Invalid, "scoped to A: {why}");
    let (o, _, why) = judge(&c, &[base, Ca::nca_rsa().crl(&kc())], &[], AT);
    assert_eq!(o, Overall::Invalid, "unscoped: {why}");
}

/// A delta issued before the certificate existed revokes nothing (its serial was another
/// certificate's).
#[test]
fn held_a_delta_predating_the_certificate_revokes_nothing() {
    let pre = delta(
        20,
        11,
        "251201000000Z",
        "251231000000Z",
        vec![entry("251101000000Z", KEY_COMPROMISE)],
    );
    let (o, _, why) = judge(&target(), &[base10(), pre], &[], AT);
    assert_eq!(o, Overall::Valid, "{why}");
}

/// A delta read alone honours an entry's invalidityDate: issued after T, revoking from
/// 11-25 with invalidityDate 11-01: revoked at T. An OCSP hold dated after T with an
/// invalidityDate before it, by a response issued after T: on hold at T.
#[test]
fn held_invalidity_dates_on_deltas_and_responses_count() {
    let e = forge::crl_entry(
        &serial(),
        "261125000000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261101000000Z"),
        ],
    );
    let d = delta(21, 11, "261126000000Z", "261127000000Z", vec![e]);
    let (o, _, why) = judge(&target(), &[base10(), d], &[], AT);
    assert_eq!(o, Overall::Invalid, "delta: {why}");
    let s = single_with_extensions(
        &revoked("20261125000000Z", Some(HOLD)),
        "20261126000000Z",
        Some("20261127000000Z"),
        &[forge::invalidity_date("20261120000000Z")],
    );
    let r = by_responder("20261126000000Z", &[s]);
    let (o, _, why) = judge(&target(), &[base10()], &[r], AT);
    assert_eq!(o, Overall::Invalid, "OCSP: {why}");
}

/// A delta over a base not held, of the newest complete CRL's instant, listing a hold:
/// the complete CRL (which omits it) does not show it lifted.
#[test]
fn held_a_delta_of_the_newest_crls_instant_keeps_its_hold() {
    let newest = crl(12, "261122080000Z", "261124000000Z", &[]);
    let tie = delta(
        20,
        13,
        "261122080000Z",
        "261124000000Z",
        vec![entry("261122060000Z", HOLD)],
    );
    let (o, _, why) = judge(&target(), &[newest, tie], &[], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// The order the CRLs are given never changes the verdict over deltas read alone: deltas
/// over a base not held (hold, release, two of one instant), a delta applied to the base,
/// at a proven and at a claimed time.
#[test]
fn held_the_order_given_decides_nothing_with_deltas_read_alone() {
    let at = Expectation::at(time(AT));
    let e = claimed("2026-11-10T00:00:00Z", AT);
    let scenarios: Vec<(Vec<Vec<u8>>, Expectation)> = vec![
        (
            vec![
                base10(),
                delta(
                    20,
                    11,
                    "261122080000Z",
                    "261124000000Z",
                    vec![entry("261122060000Z", HOLD)],
                ),
                delta(
                    21,
                    11,
                    "261122100000Z",
                    "261124000000Z",
                    vec![entry("261122060000Z", REMOVE)],
                ),
                delta(30, 10, "261122090000Z", "261124000000Z", vec![]),
            ],
            at.clone(),
        ),
        (
            vec![
                base10(),
                delta(
                    20,
                    11,
                    "261122080000Z",
                    "261124000000Z",
                    vec![entry("261122060000Z", HOLD)],
                ),
                delta(
                    20,
                    11,
                    "261122080000Z",
                    "261124000000Z",
                    vec![entry("261122060000Z", REMOVE)],
                ),
            ],
            at.clone(),
        ),
        (
            vec![
                base10(),
                delta(
                    20,
                    11,
                    "261122080000Z",
                    "261124000000Z",
                    vec![entry("261101000000Z", HOLD)],
                ),
                delta(30, 10, "261122090000Z", "261124000000Z", vec![]),
            ],
            e,
        ),
    ];
    for (i, (crls, e)) in scenarios.iter().enumerate() {
        let all = every_order(&target(), crls, &[], e);
        for (o, why) in &all {
            assert_eq!(*o, all[0].0, "scenario {i}: {why} vs {}", all[0].1);
        }
    }
}

// --- follow-ups written with the fixes: both ways -----------------------------------------

/// A delta over a base not held lists a hold (08:00); a newer fresh delta removes it
/// (10:00): the release counts only when the CA signed it, and only when fresh at the
/// time judged.
#[test]
fn a_delta_release_counts_only_signed_and_fresh() {
    let hold = delta(
        20,
        11,
        "261122080000Z",
        "261124000000Z",
        vec![entry("261122060000Z", HOLD)],
    );
    let (o, _, why) = judge(&target(), &[base10(), hold.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "the hold alone: {why}");
    let forged = forger().crl(
        &CrlSpec::delta(21, 11, "261122100000Z", "261124000000Z")
            .entries(vec![entry("261122060000Z", REMOVE)]),
    );
    let (o, _, why) = judge(&target(), &[base10(), hold.clone(), forged], &[], AT);
    assert_eq!(o, Overall::Invalid, "a forged release: {why}");
    let stale = delta(
        21,
        11,
        "261122100000Z",
        "261122120000Z",
        vec![entry("261122060000Z", REMOVE)],
    );
    let (o, _, why) = judge(&target(), &[base10(), hold.clone(), stale], &[], AT);
    assert_ne!(o, Overall::Valid, "a release no longer fresh: {why}");
    let older = delta(
        21,
        11,
        "261122070000Z",
        "261124000000Z",
        vec![entry("261122060000Z", REMOVE)],
    );
    let (o, _, why) = judge(&target(), &[base10(), hold, older], &[], AT);
    assert_eq!(o, Overall::Invalid, "a release older than the hold: {why}");
}

/// At a claimed time (11-10), a hold since 10-05 on CRL #4 (10-10..10-20) is settled by a
/// CRL the CA signed between it and the claim that omits the certificate (#5, 11-01), not
/// by a forged one, and not by one issued after the claim.
#[test]
fn at_a_claimed_time_a_stale_hold_is_settled_only_by_a_signed_crl_before_the_claim() {
    let held = crl(
        4,
        "261010000000Z",
        "261020000000Z",
        &[("261005000000Z", HOLD)],
    );
    let newest = crl(6, "261120000000Z", "261220000000Z", &[]);
    let e = || claimed("2026-11-10T00:00:00Z", AT);
    let signed = crl(5, "261101000000Z", "261115000000Z", &[]);
    let (o, _, why) = judge_with(&target(), &[held.clone(), signed, newest.clone()], &[], e());
    assert_eq!(o, Overall::Valid, "settled by #5: {why}");
    let forged = forger().crl(&CrlSpec::complete(5, "261101000000Z", "261115000000Z"));
    let (o, _, why) = judge_with(&target(), &[held.clone(), forged, newest.clone()], &[], e());
    assert_ne!(o, Overall::Valid, "a forged #5: {why}");
    let after = crl(5, "261112000000Z", "261115000000Z", &[]);
    let (o, _, why) = judge_with(&target(), &[held, after, newest], &[], e());
    assert_ne!(o, Overall::Valid, "#5 issued after the claim: {why}");
}
