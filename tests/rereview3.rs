//! Review 12 (hostile): the hold rules of 74bfe25 (`with_ocsp`, `StatusFacts`, the CRL
//! walk over distribution points) against the model its commit states: permanent
//! revocations from any source win; a hold is weighed by its newest listing and lifted only
//! by a "good" fresh at the time judged issued after it; every distribution point is
//! judged. Each test asserts the correct, safe behaviour; the `held_` ones are attacks that
//! failed (regression tests), the others fail today by design (defects).
//!
//! Material is made here with the test PKI's keys (`common::forge`): CRLs of
//! `nca_rsa.cer`, responses of its delegated responder `ocsp_responder.cer`, about
//! `individual_sign.cer` (valid 2026-01-01..2027-01-01) or a re-issue of it. The time
//! judged is 2026-11-23T00:00:00Z unless said.

mod common;

use common::evidence::*;

use common::forge::{self, int, Ca, CrlSpec, Tbs};
use common::{pki, time};
use qoltanba::revocation::Crl;
use qoltanba::revocation::OcspResponse;
use qoltanba::Judged as _;
use qoltanba::{Certificate, Expectation, Outcome, Overall, Verifier};

/// The CA's CRL #5 (2026-10-01..10-31, no longer fresh) listing the target revoked for
/// keyCompromise since 09-15.
fn old_key_compromise() -> Vec<u8> {
    crl(
        5,
        "261001000000Z",
        "261031000000Z",
        &[("260915000000Z", KEY_COMPROMISE)],
    )
}

/// An OCSP "good" of 2026-11-22T12:00, fresh at the time judged.
fn fresh_good() -> Vec<u8> {
    ocsp(&good(), "20261122120000Z", Some("20261124000000Z"))
}

// --- defects ------------------------------------------------------------------------------

/// The CRL walk (src/revocation/status.rs, `Judgement::OnHold(..) => break 'status`)
/// returns as soon as the newest CRL proves a hold: the older CRLs of the same
/// distribution point are never asked for a permanent revocation (`older_revocation` runs
/// only once `dp_mask` is full). `with_ocsp` then lifts the hold with a fresh OCSP "good"
/// issued after it, and the keyCompromise an older CRL lists is lost.
///
/// CRL #5 (10-01, stale) revokes the certificate for keyCompromise since 09-15; CRL #6
/// (11-22T08:00, fresh) omits it; an OCSP "good" of 12:00. {#5, #6, good}: Invalid (rule 2:
/// a CA cannot undo a revocation; a permanent revocation wins over an OCSP good). CRL #6
/// listing it on hold since 06:00 instead: Valid today. Adding a hold listing turns a
/// revoked certificate valid. Expected: Invalid (keyCompromise).
#[test]
fn a_hold_on_the_newest_crl_hides_an_older_crls_key_compromise_from_an_ocsp_good() {
    let omits = crl(6, "261122080000Z", "261124000000Z", &[]);
    let (o, r, why) = judge(
        &target(),
        &[old_key_compromise(), omits],
        &[fresh_good()],
        AT,
    );
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "omits: {why}");
    let hold = crl(
        6,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let (o, r, why) = judge(
        &target(),
        &[old_key_compromise(), hold],
        &[fresh_good()],
        AT,
    );
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "hold: {why}");
    assert!(
        why.contains("key compromise") || why.contains("keyCompromise"),
        "{why}"
    );
}

/// The same `break 'status` across distribution points: once DP A's CRL proves a hold,
/// DP B is never judged ("every distribution point is judged" no longer holds), so a
/// keyCompromise under B is not seen, and a fresh OCSP "good" issued after A's hold lifts
/// it. Certificate naming A then B: Valid today; B then A: Invalid. Expected: Invalid in
/// both orders.
#[test]
fn a_hold_under_one_distribution_point_hides_another_points_key_compromise() {
    let a = scoped_crl(
        DP_A,
        None,
        spec(
            6,
            "261122080000Z",
            "261124000000Z",
            &[("261122060000Z", HOLD)],
        ),
    );
    let b = scoped_crl(
        DP_B,
        None,
        spec(
            5,
            "261122080000Z",
            "261124000000Z",
            &[("260915000000Z", KEY_COMPROMISE)],
        ),
    );
    let crls = [a, b];
    let (o, r, why) = judge(&with_dps(&[DP_B, DP_A]), &crls, &[fresh_good()], AT);
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "B, A: {why}");
    let (o, r, why) = judge(&with_dps(&[DP_A, DP_B]), &crls, &[fresh_good()], AT);
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "A, B: {why}");
}

/// The same with CRLs only, no OCSP: three distribution points C, A, B. C's CRL (fresh,
/// 11-22T20:00) omits the certificate, A's (fresh, 08:00) lists it on hold since 06:00,
/// B's lists it revoked for keyCompromise since 09-15. C's newer fresh proof lifts A's
/// hold (the model), A's `break 'status` keeps B unjudged, and `with_ocsp` turns the
/// Revoked(hold) into Good ("a CRL fresh at the time judged ... no longer lists it"):
/// Valid today. Order B, C, A: Invalid. Expected: Invalid in every order.
#[test]
fn a_lifted_hold_under_one_distribution_point_hides_another_points_key_compromise() {
    const DP_C: &str = "http://c.qoltanba.invalid/nca_rsa.crl";
    let c = scoped_crl(
        DP_C,
        None,
        CrlSpec::complete(7, "261122200000Z", "261124000000Z"),
    );
    let a = scoped_crl(
        DP_A,
        None,
        spec(
            6,
            "261122080000Z",
            "261124000000Z",
            &[("261122060000Z", HOLD)],
        ),
    );
    let b = scoped_crl(
        DP_B,
        None,
        spec(
            5,
            "261001000000Z",
            "261031000000Z",
            &[("260915000000Z", KEY_COMPROMISE)],
        ),
    );
    let crls = [c, a, b];
    let (o, r, why) = judge(&with_dps(&[DP_B, DP_C, DP_A]), &crls, &[], AT);
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "B, C, A: {why}"
    );
    let (o, r, why) = judge(&with_dps(&[DP_C, DP_A, DP_B]), &crls, &[], AT);
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "C, A, B: {why}"
    );
}

/// The hold search's own early return (status.rs, `if hold_search { ..
/// Judgement::StaleHold(..) => break 'status Unknown }`): a CRL issued after the time
/// judged (#7, 11-23T12:00) omits the certificate, so the older ones are asked for holds
/// only; #6 (11-22T08:00, nextUpdate 10:00, no longer fresh) lists a hold since 06:00 and
/// the walk stops there, before #5 (10-01, stale), which revokes it for keyCompromise since
/// 09-15. A fresh OCSP "good" of 12:00 then lifts the stale hold.
///
/// {#7, #5}: Invalid (rule 2). {#7, #6, #5}: Indeterminate (the keyCompromise is lost
/// already). {#7, #6, #5, good}: Valid today. Expected: Invalid each time.
#[test]
fn a_stale_hold_found_in_the_hold_search_hides_an_older_key_compromise() {
    let later = crl(7, "261123120000Z", "261223000000Z", &[]);
    let stale_hold = crl(
        6,
        "261122080000Z",
        "261122100000Z",
        &[("261122060000Z", HOLD)],
    );
    let (o, r, why) = judge(&target(), &[later.clone(), old_key_compromise()], &[], AT);
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "#7, #5: {why}");
    let crls = [later, stale_hold, old_key_compromise()];
    let (o, r, why) = judge(&target(), &crls, &[], AT);
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "#7, #6, #5: {why}"
    );
    let (o, r, why) = judge(&target(), &crls, &[fresh_good()], AT);
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "#7, #6, #5, good: {why}"
    );
}

/// A CRL signer's own status (status.rs `crl_signer`, `status_inner(cand, .., depth + 1)`)
/// is taken from the CRLs alone: `with_ocsp` is applied to the certificates of the path
/// only. A separate CRL signer (same name as the CA, another key, issued by the root) whose
/// certificate the root's responder says is revoked for keyCompromise since 11-01 signs a
/// fresh CRL #8 that omits the end entity: Valid today. The same revocation on the root's
/// CRL: the CRL is refused (Indeterminate). Expected: not valid (a permanent revocation
/// from any source wins, for the keys relied on to prove a status too).
#[test]
fn a_crl_signer_revoked_by_ocsp_still_signs_a_good() {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let ee = target();
    let signer_der = root.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(&[0x7e, 0x57]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let signer = Certificate::from_der(&signer_der).unwrap();
    let signer_ca = Ca {
        cert: signer_der.clone(),
        key: key("individual_sign.key.pem"),
    };
    let newest = signer_ca.crl(&CrlSpec::complete(8, "261122080000Z", "261124000000Z"));
    let root_crl_revoking = root.crl(
        &CrlSpec::complete(3, "261120000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            &[0x7e, 0x57],
            "261101000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let ocsp_revoking = by_issuer(
        &cert("root.cer"),
        "root.key.pem",
        &[0x7e, 0x57],
        &revoked("20261101000000Z", Some(KEY_COMPROMISE)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let build = |crls: &[&Vec<u8>], responses: &[&Vec<u8>]| {
        let mut b = Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap()
            .intermediate(signer.clone())
            .unwrap()
            .crl_path(pki("root.crl"))
            .unwrap();
        for c in crls {
            b = b.crl(Crl::from_der((*c).clone()).unwrap()).unwrap();
        }
        for r in responses {
            b = b.ocsp(OcspResponse::from_der(r).unwrap()).unwrap();
        }
        b.build()
    };
    let at = Expectation::at(time(AT));
    // The signer proven: valid.
    let v = build(&[&newest], &[]).check_certificate(&ee, &at);
    assert_eq!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
    // Revoked on the root's CRL: the CRL is refused.
    let v = build(&[&newest, &root_crl_revoking], &[]).check_certificate(&ee, &at);
    assert_ne!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
    // Revoked by the root's own OCSP answer.
    let v = build(&[&newest], &[&ocsp_revoking]).check_certificate(&ee, &at);
    assert_ne!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
}

/// At a claimed time `with_ocsp` returns Unknown at the first response showing a hold
/// (`if reason == CertificateHold .. return CertStatus::Unknown`), before the responses
/// that follow are read: a keyCompromise in a later response is not seen. Responses
/// [keyCompromise, hold]: Invalid; [hold, keyCompromise]: Indeterminate today. Expected:
/// Invalid in both orders (a permanent revocation from any source wins; the order of the
/// responses decides nothing).
#[test]
fn at_a_claimed_time_an_ocsp_hold_hides_a_later_responses_key_compromise() {
    let omits = crl(6, "261120000000Z", "261220000000Z", &[]);
    let hold = ocsp(
        &revoked("20261015000000Z", Some(HOLD)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let compromise = ocsp(
        &revoked("20261020000000Z", Some(KEY_COMPROMISE)),
        "20261122010000Z",
        Some("20261124000000Z"),
    );
    let e = || claimed("2026-10-01T00:00:00Z", AT);
    let (o, r, why) = judge_with(
        &target(),
        std::slice::from_ref(&omits),
        &[compromise.clone(), hold.clone()],
        e(),
    );
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "kc, hold: {why}"
    );
    let (o, r, why) = judge_with(&target(), &[omits], &[hold, compromise], e());
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "hold, kc: {why}"
    );
}

/// An intermediate CA on hold: the root's CRL #2 (2026-11-20, nextUpdate 11-21, no longer
/// fresh) lists `nca_rsa.cer` on hold since 11-19; the root's older CRL #1 (11-01, fresh)
/// cannot prove it lifted, so its status is unknown; under the default revocation scope
/// (end entity) an unknown CA is taken as "not checked" (condition.rs, `i == 0 || scope ==
/// Chain`) and the certificate it issued is Valid today. The same hold on a fresh root
/// CRL: Invalid; a keyCompromise on the stale one: Invalid. `RevocationScope::EndEntity`
/// says only "no CRL is not checked": here a CRL covering the CA lists it suspended and
/// nothing shows the suspension lifted. Expected: not valid.
#[test]
fn an_intermediate_ca_on_a_stale_hold_passes_under_the_end_entity_scope() {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let ca_serial = cert("nca_rsa.cer").serial().to_vec();
    let root_crl = |next: &str, reason: u8| {
        root.crl(
            &CrlSpec::complete(2, "261120000000Z", next).entries(vec![forge::crl_entry(
                &ca_serial,
                "261119000000Z",
                &[forge::reason(reason)],
            )]),
        )
    };
    let ee_crl = crl(6, "261122200000Z", "261124000000Z", &[]);
    let (o, _, why) = judge(
        &target(),
        &[ee_crl.clone(), root_crl("270101000000Z", HOLD)],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "fresh hold: {why}");
    let (o, _, why) = judge(
        &target(),
        &[ee_crl.clone(), root_crl("261121000000Z", KEY_COMPROMISE)],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "stale keyCompromise: {why}");
    let (o, _, why) = judge(
        &target(),
        &[ee_crl, root_crl("261121000000Z", HOLD)],
        &[],
        AT,
    );
    assert_ne!(o, Overall::Valid, "stale hold: {why}");
}

/// Two complete CRLs of one instant (same thisUpdate, same cRLNumber: the CA signed two
/// versions, or a re-signed copy was fetched): one lists the certificate on hold since
/// 06:00, the other omits it. The walk sorts newest first by (thisUpdate, cRLNumber), a
/// stable sort, so the order the CRLs were given breaks the tie: hold first, it proves the
/// hold (Invalid); the other first, its proof fills `dp_mask` and the hold CRL is asked
/// only for permanent revocations (`older_revocation`): Valid today. The model: the
/// newest listing of the hold (08:00) is lifted only by a "good" issued strictly after it.
/// Expected: Invalid in both orders.
#[test]
fn two_crls_of_one_instant_decide_by_the_order_given() {
    let hold = crl(
        6,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let omits = crl(6, "261122080000Z", "261124000000Z", &[]);
    let (o, _, why) = judge(&target(), &[hold.clone(), omits.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "hold, omits: {why}");
    let (o, _, why) = judge(&target(), &[omits, hold], &[], AT);
    assert_eq!(o, Overall::Invalid, "omits, hold: {why}");
}

/// `OcspResponse::check` (public) at the last instant chrono can hold: `check_inner` adds
/// the clock skew to the time judged (`at + policy.clock_skew`, src/revocation/ocsp/mod.rs),
/// which overflows: a panic (`DateTime + TimeDelta` overflowed, mod.rs:559) for a legal
/// input of a public function. (The verifier never gets there: every certificate has
/// expired then, and the CLI's RFC 3339 times stop at year 9999.) Expected: an answer.
#[test]
fn ocsp_check_at_the_end_of_time_does_not_panic() {
    use qoltanba::revocation::OcspPolicy;
    let at = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let r = OcspResponse::from_der(&fresh_good()).unwrap();
    let c = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        r.check(&cert("nca_rsa.cer"), &serial(), at, &OcspPolicy::default())
            .status()
            .clone()
    }));
    assert!(c.is_ok(), "panicked");
}

// --- held -----------------------------------------------------------------------------------

/// Several responses with equal thisUpdates: a hold and a "good" of the same instant
/// (neither issued after the other): the good does not lift the hold, in either order; a
/// CRL fresh proof of the same instant does not lift an OCSP hold either.
#[test]
fn held_equal_this_updates_lift_nothing() {
    let hold = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let g = fresh_good();
    let (o, _, why) = judge(&target(), &[], &[hold.clone(), g.clone()], AT);
    assert_eq!(o, Overall::Invalid, "hold, good: {why}");
    let (o, _, why) = judge(&target(), &[], &[g.clone(), hold.clone()], AT);
    assert_eq!(o, Overall::Invalid, "good, hold: {why}");
    let same_instant = crl(6, "261122120000Z", "261124000000Z", &[]);
    let (o, _, why) = judge(&target(), &[same_instant], &[hold], AT);
    assert_eq!(o, Overall::Invalid, "CRL at the same instant: {why}");
}

/// A CRL "good" proven only by a view issued after the time judged does not lift an OCSP
/// hold that proves the time judged, nor a stale one (no fresh "good" after it).
#[test]
fn held_a_later_crl_proof_lifts_no_ocsp_hold() {
    let later = crl(7, "261123120000Z", "261223000000Z", &[]);
    let fresh_hold = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122080000Z",
        Some("20261124000000Z"),
    );
    let (o, _, why) = judge(&target(), std::slice::from_ref(&later), &[fresh_hold], AT);
    assert_eq!(o, Overall::Invalid, "fresh hold: {why}");
    let stale_hold = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122080000Z",
        Some("20261122100000Z"),
    );
    let (o, _, why) = judge(&target(), &[later], &[stale_hold], AT);
    assert_ne!(o, Overall::Valid, "stale hold: {why}");
}

/// A fresh OCSP "good" issued after a CRL's hold lifts it only for the hold: a permanent
/// revocation on the same (newest) CRL's delta, or the fresh CRL itself, still wins.
#[test]
fn held_a_permanent_revocation_beside_a_hold_in_one_crl_view() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    let delta =
        ca.crl(
            &CrlSpec::delta(7, 5, "261122090000Z", "261124000000Z").entries(vec![
                forge::crl_entry(&serial(), "261122083000Z", &[forge::reason(KEY_COMPROMISE)]),
            ]),
        );
    let (o, r, why) = judge(&target(), &[base, delta], &[fresh_good()], AT);
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "{why}");
}

/// At a claimed time, an OCSP "good" never lifts a CRL's hold, and a non-issued answer
/// (stale too) revokes.
#[test]
fn held_claimed_time_goods_and_non_issued() {
    let hold = crl(
        6,
        "261120000000Z",
        "261220000000Z",
        &[("261015000000Z", HOLD)],
    );
    let g = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let e = || claimed("2026-10-01T00:00:00Z", AT);
    let (o, _, why) = judge_with(&target(), &[hold], &[g], e());
    assert_ne!(o, Overall::Valid, "claimed, CRL hold, good: {why}");
    let omits = crl(6, "261120000000Z", "261220000000Z", &[]);
    let stale_non_issued = ocsp(&non_issued(), "20261122080000Z", Some("20261122100000Z"));
    let (o, _, why) = judge_with(&target(), &[omits], &[stale_non_issued], e());
    assert_eq!(o, Overall::Invalid, "claimed, non-issued: {why}");
}

/// Found while reading the fix of this review: a CRL hold (distribution point A, 08:00,
/// fresh) that a newer CRL fresh at the time judged shows lifted (B, 10:00, no listing)
/// must not be handed back as "the proven hold" when a still newer OCSP response lists a
/// hold again (20:00, stale at the time judged): the status it handed back was the CRLs'
/// "good". Expected: unknown (a hold in force before the time judged, not proven lifted).
#[test]
fn a_crl_hold_lifted_by_a_newer_crl_is_not_the_proof_of_a_newer_ocsp_hold() {
    let c = with_dps(&[DP_A, DP_B]);
    let held = scoped_crl(
        DP_A,
        None,
        spec(
            5,
            "261122080000Z",
            "261124000000Z",
            &[("261122060000Z", HOLD)],
        ),
    );
    let lifted = scoped_crl(DP_B, None, spec(6, "261122100000Z", "261124000000Z", &[]));
    let ocsp_hold = ocsp(
        &revoked("20261122190000Z", Some(HOLD)),
        "20261122200000Z",
        Some("20261122220000Z"),
    );
    // The CRLs alone: lifted, valid.
    let (o, _, why) = judge(&c, &[held.clone(), lifted.clone()], &[], AT);
    assert_eq!(o, Overall::Valid, "{why}");
    // With the newer OCSP hold: not valid.
    let (o, _, why) = judge(&c, &[held, lifted], &[ocsp_hold], AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
}
