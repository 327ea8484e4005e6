//! Review 10 (hostile): the revocation decision after c6a722e and bbbe017 (`StatusFacts`,
//! `with_ocsp`'s holds proven at the time judged, the walk over every distribution point).
//! Each test asserts the correct, safe behaviour; the `held_` ones are attacks that failed
//! (regression tests), the others fail today by design (defects).
//!
//! Material is made here with the test PKI's keys (`common::forge`): CRLs of
//! `nca_rsa.cer`, responses of its delegated responder `ocsp_responder.cer`, about
//! `individual_sign.cer` (valid 2026-01-01..2027-01-01) or a re-issue of it. The time
//! judged is 2026-11-23T00:00:00Z unless said.

mod common;

use common::evidence::*;

use common::forge::{self, Ca, CrlSpec};
use common::time;
use qoltanba::Judged as _;
use qoltanba::{Expectation, Overall, TimeSource};

// --- defects ------------------------------------------------------------------------------

/// `with_ocsp` (src/condition.rs, `if let Some(h) = crl_hold`) weighs a hold the CRLs
/// prove at the time judged by `StatusFacts::hold_proof` alone: the thisUpdate of the
/// (older) CRL that proved it. A newer CRL that lists the same hold without proving the
/// time judged (`StatusFacts::stale_hold`, recorded by the walk) is ignored there.
///
/// CRL #5 (2026-11-22T08:00, fresh until 11-24) and CRL #6 (20:00, nextUpdate 22:00: no
/// longer fresh at the time judged) both list the certificate on hold since 11-22T06:00;
/// an OCSP "good" of 12:00, fresh at the time judged, lies between them. #6 shows the hold
/// still in force at 20:00, after the "good" (README: a hold shown by a CRL no longer
/// fresh "is lifted only by a good fresh at T issued no earlier than that evidence").
/// With #6 and the "good" only: Indeterminate (right). Adding #5, an older CRL that proves
/// the same hold: Valid today. Expected: not valid.
#[test]
fn an_older_crl_proving_the_hold_hides_a_newer_stale_listing_from_an_ocsp_good() {
    let newer_stale = crl(
        6,
        "261122200000Z",
        "261122220000Z",
        &[("261122060000Z", HOLD)],
    );
    let older_fresh = crl(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let good_between = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&newer_stale),
        std::slice::from_ref(&good_between),
        AT,
    );
    assert_ne!(o, Overall::Valid, "stale hold, older good: {why}");
    let (o, _, why) = judge(&target(), &[newer_stale, older_fresh], &[good_between], AT);
    assert_ne!(o, Overall::Valid, "+ an older CRL proving the hold: {why}");
}

/// The same with a delta: the base #5 (08:00, fresh) lists the hold, its delta (20:00,
/// nextUpdate 22:00, no longer fresh) adds nothing, so the view base+delta shows the hold
/// still in force at 20:00. `judge_with` (src/revocation/status/rules.rs) passes over the
/// stale delta view (its local `stale_hold` is dropped when the base alone then proves the
/// hold) and the hold's evidence becomes the base's 08:00: an OCSP "good" of 12:00 lifts
/// it. Expected: not valid.
#[test]
fn a_stale_delta_still_listing_the_hold_is_forgotten_when_its_base_proves_it() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    let delta = ca.crl(&CrlSpec::delta(7, 5, "261122200000Z", "261122220000Z"));
    let good_between = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    // Without the "good": on hold.
    let (o, _, why) = judge(&target(), &[base.clone(), delta.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
    let (o, _, why) = judge(&target(), &[base, delta], &[good_between], AT);
    assert_ne!(o, Overall::Valid, "{why}");
}

/// `with_ocsp`'s `proven_hold` branch returns Good as soon as a fresh "good" is newer than
/// the newest hold a response proves at the time judged, without looking at the holds no
/// longer fresh (`ocsp_hold`, `facts.stale_hold`) that may be newer than that "good".
///
/// Two OCSP holds and one "good" between them: hold H1 (thisUpdate 08:00, fresh), good G
/// (12:00, fresh), hold H2 (20:00, nextUpdate 22:00, no longer fresh), all on hold since
/// 06:00. {G, H2}: Indeterminate (right: G is older than H2). {H1, G, H2}: Valid today:
/// adding a valid response that shows the hold turns the answer to "valid". Expected: not
/// valid.
#[test]
fn a_fresh_ocsp_hold_hides_a_newer_stale_hold_from_a_good_between_them() {
    let h1 = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122080000Z",
        Some("20261124000000Z"),
    );
    let g = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let h2 = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122200000Z",
        Some("20261122220000Z"),
    );
    let (o, _, why) = judge(&target(), &[], &[g.clone(), h2.clone()], AT);
    assert_ne!(o, Overall::Valid, "G, H2: {why}");
    let (o, _, why) = judge(&target(), &[], &[h1.clone(), g.clone(), h2], AT);
    assert_ne!(o, Overall::Valid, "H1, G, H2: {why}");
}

/// The same with the newer hold shown by a CRL no longer fresh (20:00, nextUpdate 22:00)
/// instead of H2: {G, CRL}: not valid (right); {H1, G, CRL}: Valid today.
#[test]
fn a_fresh_ocsp_hold_hides_a_newer_stale_crl_hold_from_a_good_between_them() {
    let h1 = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122080000Z",
        Some("20261124000000Z"),
    );
    let g = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let stale_crl = crl(
        6,
        "261122200000Z",
        "261122220000Z",
        &[("261122060000Z", HOLD)],
    );
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&stale_crl),
        std::slice::from_ref(&g),
        AT,
    );
    assert_ne!(o, Overall::Valid, "G, CRL hold: {why}");
    let (o, _, why) = judge(&target(), &[stale_crl], &[h1, g], AT);
    assert_ne!(o, Overall::Valid, "H1, G, CRL hold: {why}");
}

/// The walk over distribution points (src/revocation/status.rs, `if mask.contains_all(ALL)
/// && !hold_search { older_revocation(..) }`): once one distribution point's CRLs prove
/// every reason, the CRLs of the others are asked only for permanent revocations
/// (`older_revocation` returns None for a hold), never for holds, however new.
///
/// The CA partitions its CRLs: CRL B (2026-06-01, fresh) omits the certificate; CRL A
/// (06-10, fresh until 07-01, newer) lists it on hold since 06-05. The certificate names
/// A then B: on hold (Invalid). The same certificate naming B then A: Valid today.
/// Expected: the order of the distribution points decides nothing (Invalid).
#[test]
fn a_hold_under_a_later_distribution_point_is_ignored_once_another_proves_all_reasons() {
    let b = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(5, "260601000000Z", "260701000000Z"),
    );
    let a_fresh = scoped_crl(
        DP_A,
        None,
        spec(
            6,
            "260610000000Z",
            "260701000000Z",
            &[("260605000000Z", HOLD)],
        ),
    );
    let at = "2026-06-20T00:00:00Z";
    let crls = [a_fresh, b.clone()];
    let (o, _, why) = judge(&with_dps(&[DP_A, DP_B]), &crls, &[], at);
    assert_eq!(o, Overall::Invalid, "A, B: {why}");
    let (o, _, why) = judge(&with_dps(&[DP_B, DP_A]), &crls, &[], at);
    assert_eq!(o, Overall::Invalid, "B, A: {why}");
}

/// The same walk with the hold under A no longer fresh (CRL A's nextUpdate 06-15, judged
/// 06-20): with A first Indeterminate (rereview.rs: "a stale hold under one distribution
/// point is not undone by another's proof older than it"), with B first Valid today: the
/// stale hold is never seen, so the cross-distribution-point check has nothing to weigh.
#[test]
fn a_stale_hold_under_a_later_distribution_point_is_ignored_once_another_proves_all_reasons() {
    let b = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(5, "260601000000Z", "260701000000Z"),
    );
    let at = "2026-06-20T00:00:00Z";
    let a_stale = scoped_crl(
        DP_A,
        None,
        spec(
            6,
            "260610000000Z",
            "260615000000Z",
            &[("260605000000Z", HOLD)],
        ),
    );
    let crls = [a_stale, b];
    let (o, _, why) = judge(&with_dps(&[DP_A, DP_B]), &crls, &[], at);
    assert_ne!(o, Overall::Valid, "stale, A, B: {why}");
    let (o, _, why) = judge(&with_dps(&[DP_B, DP_A]), &crls, &[], at);
    assert_ne!(o, Overall::Valid, "stale, B, A: {why}");
}

/// At a claimed time (`TimeSource::Claimed`) a CRL that lists the certificate on hold at
/// all proves nothing (rules.rs, rule 5: "a signature claiming an earlier time cannot be
/// shown to predate it"), whenever the hold began. The same hold in an OCSP response is
/// not weighed: a hold dated after the claimed time makes `check_inner` answer "good" by a
/// response issued after the time (`proves_past`, src/revocation/ocsp/mod.rs), a "good"
/// `with_ocsp` ignores at a claimed time, and the CRL's proof stands.
///
/// Claimed 2026-10-01, checked 11-23. The CA's CRL #6 (11-20..12-20) omits the
/// certificate; a response of 11-22 (current when the claim is checked) lists it on hold
/// since 10-15. The same hold on CRL #6: Indeterminate. As an OCSP response: Valid today.
/// Expected: not valid.
#[test]
fn a_claimed_time_ignores_an_ocsp_hold_a_crl_would_refuse() {
    let claimed = || {
        let mut e = Expectation::at(time("2026-10-01T00:00:00Z"));
        e.time_source = TimeSource::Claimed {
            checked_at: time(AT),
        };
        e
    };
    let listed = crl(
        6,
        "261120000000Z",
        "261220000000Z",
        &[("261015000000Z", HOLD)],
    );
    let (o, _, why) = judge_with(&target(), &[listed], &[], claimed());
    assert_ne!(o, Overall::Valid, "CRL hold: {why}");
    let omits = crl(6, "261120000000Z", "261220000000Z", &[]);
    let hold = ocsp(
        &revoked("20261015000000Z", Some(HOLD)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let (o, _, why) = judge_with(&target(), &[omits], &[hold], claimed());
    assert_ne!(o, Overall::Valid, "OCSP hold: {why}");
}

/// `check_inner` (src/revocation/ocsp/mod.rs: `fresh = this_update <= at + clock_skew`)
/// takes a "good" dated up to 5 minutes after the time judged as fresh at it, not as
/// issued after it (`good_by_later_response` stays false); `with_ocsp` then lets it lift a
/// hold proven at the time judged. README: evidence "issued after T does not stand"
/// against a hold; a CRL issued 3 minutes after T that omits the certificate does not
/// lift it (the older CRL's hold still proves T).
///
/// CRL #5 (2026-11-22T08:00, fresh) lists the certificate on hold since 06:00. A CRL #6 of
/// 2026-11-23T00:03 omitting it: Invalid (right). An OCSP "good" of 00:03 instead:
/// Valid today. Expected: not valid (the hold may have been lifted in those 3 minutes).
#[test]
fn an_ocsp_good_issued_after_the_time_within_the_clock_skew_lifts_a_hold() {
    let hold = crl(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let later_crl = crl(6, "261123000300Z", "261124000000Z", &[]);
    let (o, _, why) = judge(&target(), &[hold.clone(), later_crl], &[], AT);
    assert_eq!(o, Overall::Invalid, "later CRL: {why}");
    let later_good = ocsp(&good(), "20261123000300Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), &[hold], &[later_good], AT);
    assert_ne!(o, Overall::Valid, "later OCSP good: {why}");
}

/// RFC 6960 §2.2's "non-issued" (revoked, certificateHold, revocationTime 1970-01-01):
/// the CA never issued a certificate of this serial. A response saying so while fresh is
/// "revoked" for good (`with_ocsp` returns it however new the rest). The same response no
/// longer fresh at the time judged is taken for a stale *hold* (`check_inner`'s hold
/// branch sets `stale_hold`), which a CRL fresh at the time judged and issued after it
/// undoes: the certificate the CA disowned is valid.
///
/// Non-issued at 2026-11-22T08:00 (nextUpdate 12:00); the CA's CRL of 20:00, fresh,
/// omits the serial (a CRL never lists what was not issued). Valid today. Expected:
/// Invalid, as with the response fresh.
#[test]
fn a_non_issued_answer_no_longer_fresh_is_lifted_like_a_hold() {
    let fresh_crl = crl(6, "261122200000Z", "261124000000Z", &[]);
    let fresh = ocsp(&non_issued(), "20261122080000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), std::slice::from_ref(&fresh_crl), &[fresh], AT);
    assert_eq!(o, Overall::Invalid, "fresh non-issued: {why}");
    let stale = ocsp(&non_issued(), "20261122080000Z", Some("20261122120000Z"));
    let (o, _, why) = judge(&target(), &[fresh_crl], &[stale], AT);
    assert_eq!(o, Overall::Invalid, "stale non-issued: {why}");
}

/// c6a722e: several SingleResponses about one certificate "decide only by a permanent
/// revocation among them". The non-issued idiom is not counted as one (its reason is
/// certificateHold), so a response saying "good" and "non-issued" for one serial is
/// indeterminate and the CRL's "good" stands; with "good" and keyCompromise it is
/// revoked. Expected: Invalid both ways.
#[test]
fn good_and_non_issued_in_one_response_is_not_good() {
    let fresh_crl = crl(6, "261122200000Z", "261124000000Z", &[]);
    let both = |second: Vec<u8>| {
        by_responder(
            "20261122210000Z",
            &[
                single(
                    &serial(),
                    &good(),
                    "20261122210000Z",
                    Some("20261124000000Z"),
                ),
                single(
                    &serial(),
                    &second,
                    "20261122210000Z",
                    Some("20261124000000Z"),
                ),
            ],
        )
    };
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&fresh_crl),
        &[both(revoked("20261101000000Z", Some(KEY_COMPROMISE)))],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "good + keyCompromise: {why}");
    let (o, _, why) = judge(&target(), &[fresh_crl], &[both(non_issued())], AT);
    assert_eq!(o, Overall::Invalid, "good + non-issued: {why}");
}

/// `StatusFacts::fresh_proof` is the newest thisUpdate of any CRL fresh at the time judged
/// under any distribution point, whatever reasons it covers; `with_ocsp` takes it as a CRL
/// that proves a hold lifted (`crl_stands`, `crl_lifts`). The CA partitions its CRLs by
/// reason: CRL A (onlySomeReasons: every reason but certificateHold, 2026-11-22T20:00)
/// and CRL B (onlySomeReasons: certificateHold, 11-22T04:00), both fresh, omit the
/// certificate. An OCSP response of 08:00 (nextUpdate 10:00, no longer fresh) lists it on
/// hold since 06:00. The only CRL that speaks of holds is older than the hold, yet A's
/// 20:00 "lifts" it: Valid today. With B alone issued at 20:00 and A at 04:00 that would
/// be right; as it is, expected: not valid.
#[test]
fn a_crl_that_covers_no_holds_lifts_an_ocsp_hold() {
    // ReasonFlags: bits 1-5, 7, 8 (all but certificateHold, bit 6); bit 6 alone.
    let all_but_hold: &[u8] = &[0x07, 0x7D, 0x80];
    let hold_only: &[u8] = &[0x01, 0x02];
    let a = scoped_crl(
        DP_A,
        Some(all_but_hold),
        CrlSpec::complete(6, "261122200000Z", "261124000000Z"),
    );
    let b = scoped_crl(
        DP_B,
        Some(hold_only),
        CrlSpec::complete(5, "261122040000Z", "261124000000Z"),
    );
    let c = with_dps(&[DP_A, DP_B]);
    // The CRLs alone: valid.
    let (o, _, why) = judge(&c, &[a.clone(), b.clone()], &[], AT);
    assert_eq!(o, Overall::Valid, "{why}");
    let stale_hold = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122080000Z",
        Some("20261122100000Z"),
    );
    let (o, _, why) = judge(&c, &[a, b], &[stale_hold], AT);
    assert_ne!(o, Overall::Valid, "{why}");
}

// --- held -----------------------------------------------------------------------------------

/// A hold a CRL proves at the time judged is not lifted by an OCSP "good" issued after the
/// time (`good_by_later_response`), nor by one issued before the CRL; a "good" fresh at
/// the time and issued after the CRL lifts it.
#[test]
fn held_a_crl_hold_and_ocsp_goods() {
    let hold = crl(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let later = ocsp(&good(), "20261123120000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), std::slice::from_ref(&hold), &[later], AT);
    assert_eq!(o, Overall::Invalid, "later good: {why}");
    let older = ocsp(&good(), "20261122070000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), std::slice::from_ref(&hold), &[older], AT);
    assert_eq!(o, Overall::Invalid, "older good: {why}");
    let newer = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), &[hold], &[newer], AT);
    assert_eq!(o, Overall::Valid, "newer fresh good: {why}");
}

/// A CRL issued after the time judged that lists a hold from before it proves the hold at
/// the time judged (T before its thisUpdate); an OCSP "good" fresh at the time judged
/// (issued before that CRL) does not lift it.
#[test]
fn held_a_hold_proven_by_a_crl_issued_after_the_time() {
    let after = crl(
        6,
        "261123120000Z",
        "261201000000Z",
        &[("261122060000Z", HOLD)],
    );
    let g = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), &[after], &[g], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// Two OCSP holds and a "good" between them, the newer hold issued after the time judged
/// (it proves the hold at the time): on hold, in either order of the responses.
#[test]
fn held_two_ocsp_holds_and_a_good_between_them() {
    let h1 = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122080000Z",
        Some("20261124000000Z"),
    );
    let g = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let h2 = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261123120000Z",
        Some("20261124000000Z"),
    );
    let (o, _, why) = judge(&target(), &[], &[h1.clone(), g.clone(), h2.clone()], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
    let (o, _, why) = judge(&target(), &[], &[h2, g, h1], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// A delta issued before its base (it completes nothing) whose removeFromCRL would lift
/// the base's hold does not lift it; nor does an OCSP "good" older than the base.
#[test]
fn held_an_older_deltas_remove_from_crl() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    const REMOVE_FROM_CRL: u8 = 8;
    let delta = ca.crl(
        &CrlSpec::delta(7, 4, "261122070000Z", "261124000000Z").entries(vec![forge::crl_entry(
            &serial(),
            "261122060000Z",
            &[forge::reason(REMOVE_FROM_CRL)],
        )]),
    );
    let g = ocsp(&good(), "20261122073000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), &[base, delta], &[g], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// Each path certificate gets its own facts: a stale hold on the end entity's CRL does not
/// follow the CA, whose status comes from the root's CRL; and the CA's own OCSP-free
/// status does not lift the end entity's hold.
#[test]
fn held_a_stale_hold_stays_with_its_certificate() {
    let stale = crl(
        5,
        "261122200000Z",
        "261122220000Z",
        &[("261122180000Z", HOLD)],
    );
    let v = verifier(&[stale], &[]).check_certificate(&target(), &Expectation::at(time(AT)));
    assert_ne!(v.overall(), Overall::Valid);
    let statuses = serde_json::to_value(v.revocation()).unwrap();
    let text = statuses.to_string();
    assert!(text.contains("\"good\""), "the CA is good: {text}");
}
