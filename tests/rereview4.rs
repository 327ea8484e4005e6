//! Review 14 (hostile): the hold rules after 74bfe25, d2dcdf8 and 8e0af80 against the model
//! they state (README "Security rules", OCSP row; `with_ocsp` in src/condition.rs): a
//! permanent revocation from any source wins; a hold is weighed by its newest listing from
//! any source and lifted only by a "good" fresh at the time judged issued strictly after
//! it; a CRL signer revoked by an OCSP response held signs nothing. Each test asserts the
//! correct, safe behaviour; the `held_` ones are attacks that failed (regression tests),
//! the others fail today (defects).
//!
//! Material: CRLs of `nca_rsa.cer`, responses of its delegated responder, about
//! `individual_sign.cer` (valid 2026-01-01..2027-01-01); a separate CRL signer issued by the
//! root (as in `rereview3.rs`). The time judged is 2026-11-23T00:00:00Z unless said.

mod common;

use common::evidence::*;

use common::forge::{self, int, Ca, CrlSpec, Tbs};
use common::{pki, time};
use qoltanba::revocation::Crl;
use qoltanba::revocation::OcspResponse;
use qoltanba::Judged as _;
use qoltanba::{Certificate, Expectation, Overall, Verifier};

/// A separate CRL signer: the CA's name, serial 7e57, the end entity's key, issued by the
/// root; with the CRL #8 (2026-11-22T08:00..11-24, fresh, empty) it signs.
struct SeparateSigner {
    signer: Certificate,
    crl: Vec<u8>,
}

const SIGNER_SERIAL: &[u8] = &[0x7e, 0x57];

fn separate_signer() -> SeparateSigner {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let ee = target();
    let signer_der = root.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(SIGNER_SERIAL);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let signer = Certificate::from_der(&signer_der).unwrap();
    let signer_ca = Ca {
        cert: signer_der,
        key: key("individual_sign.key.pem"),
    };
    let crl = signer_ca.crl(&CrlSpec::complete(8, "261122080000Z", "261124000000Z"));
    SeparateSigner { signer, crl }
}

/// Root trusted (with root.crl: 2026-11-01..2027-11-01, empty), nca_rsa and the separate
/// signer offered, these CRLs and responses.
fn signer_verifier(s: &SeparateSigner, crls: &[&Vec<u8>], responses: &[&Vec<u8>]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .intermediate(s.signer.clone())
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
}

/// A root CRL #3 (2026-11-20..2027-01-01) listing the separate signer (reason, date).
fn root_crl_listing_signer(date: &str, reason: u8) -> Vec<u8> {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    root.crl(
        &CrlSpec::complete(3, "261120000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            SIGNER_SERIAL,
            date,
            &[forge::reason(reason)],
        )]),
    )
}

// --- defects ------------------------------------------------------------------------------

/// A CRL signer on hold by an OCSP response signs a "good". `crl_signer` (status.rs) takes
/// the signer's status from the CRLs and adds only `ocsp_permanent_revocation`
/// (condition.rs), which drops holds (`reason != CertificateHold`). The root's responder
/// says (2026-11-22, fresh at the time judged) the separate signer is on hold since 11-21;
/// the root's only CRL (11-01, fresh) omits it: under the model the hold's newest listing
/// (11-22) is after every "good" (11-01), so the signer is suspended at the time judged, as
/// it would be for a certificate of the path (`with_ocsp`), and as it is when a root CRL
/// lists the same hold (the CRL is refused). Today: Valid. Expected: not valid.
#[test]
fn a_crl_signer_on_an_ocsp_hold_still_signs_a_good() {
    let s = separate_signer();
    let ee = target();
    let at = Expectation::at(time(AT));
    let v = signer_verifier(&s, &[&s.crl], &[]).check_certificate(&ee, &at);
    assert_eq!(
        v.overall(),
        Overall::Valid,
        "baseline: {:?}",
        revocation(&v)
    );
    // The same hold on a root CRL: the CRL is refused.
    let root_hold = root_crl_listing_signer("261121000000Z", HOLD);
    let v = signer_verifier(&s, &[&s.crl, &root_hold], &[]).check_certificate(&ee, &at);
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "CRL hold: {:?}",
        revocation(&v)
    );
    // The hold by the root's responder.
    let ocsp_hold = by_issuer(
        &cert("root.cer"),
        "root.key.pem",
        SIGNER_SERIAL,
        &revoked("20261121000000Z", Some(HOLD)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let v = signer_verifier(&s, &[&s.crl], &[&ocsp_hold]).check_certificate(&ee, &at);
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "OCSP hold: {:?}",
        revocation(&v)
    );
}

/// At a claimed time a revocation that may hide a compromise counts whenever it was dated
/// (README, claimed signing time row), and the CRL walk applies it to CRL signers
/// (`judge_with`: `claimed && reason.may_be_compromise()`). `ocsp_permanent_revocation`
/// (condition.rs) does not: it takes `check.status` at the claimed time, where a
/// keyCompromise dated after it is a "good by a later response". Claimed 2026-10-01,
/// checked at the time judged; the separate signer revoked for keyCompromise since 11-01:
/// on a root CRL, the signer's CRL is refused (not valid); by the root's responder, the
/// compromised key's CRL proves the end entity good: Valid today. Expected: not valid.
#[test]
fn at_a_claimed_time_a_crl_signer_compromised_by_ocsp_after_the_claim_still_signs() {
    let s = separate_signer();
    let ee = target();
    let e = || claimed("2026-10-01T00:00:00Z", AT);
    let v = signer_verifier(&s, &[&s.crl], &[]).check_certificate(&ee, &e());
    assert_eq!(
        v.overall(),
        Overall::Valid,
        "baseline: {:?}",
        revocation(&v)
    );
    let root_kc = root_crl_listing_signer("261101000000Z", KEY_COMPROMISE);
    let v = signer_verifier(&s, &[&s.crl, &root_kc], &[]).check_certificate(&ee, &e());
    assert_ne!(v.overall(), Overall::Valid, "CRL: {:?}", revocation(&v));
    let ocsp_kc = by_issuer(
        &cert("root.cer"),
        "root.key.pem",
        SIGNER_SERIAL,
        &revoked("20261101000000Z", Some(KEY_COMPROMISE)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let v = signer_verifier(&s, &[&s.crl], &[&ocsp_kc]).check_certificate(&ee, &e());
    assert_ne!(v.overall(), Overall::Valid, "OCSP: {:?}", revocation(&v));
}

/// Two SingleResponses of one response about the certificate with the same status (on
/// hold since 06:00), the first no longer fresh (thisUpdate 09:00, nextUpdate 10:00), the
/// second fresh (12:00..11-24). `check_inner` (src/revocation/ocsp/mod.rs, `let mut single
/// = first`) judges the first only when they agree: a stale hold listed at 09:00, which a
/// fresh CRL of 10:30 lifts: Valid. The singles the other way round: the fresh hold of
/// 12:00 stands: Invalid. The order of the singles decides, and the responder's newest
/// listing (12:00, proving the time judged) is dropped. Expected: Invalid in both orders.
#[test]
fn two_agreeing_single_responses_decide_by_their_order() {
    let stale = single(
        &serial(),
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122090000Z",
        Some("20261122100000Z"),
    );
    let fresh = single(
        &serial(),
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let crl_good = crl(6, "261122103000Z", "261124000000Z", &[]);
    let fresh_first = by_responder("20261122120000Z", &[fresh.clone(), stale.clone()]);
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&crl_good),
        &[fresh_first],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "fresh, stale: {why}");
    let stale_first = by_responder("20261122120000Z", &[stale, fresh]);
    let (o, _, why) = judge(&target(), &[crl_good], &[stale_first], AT);
    assert_eq!(o, Overall::Invalid, "stale, fresh: {why}");
}

/// A response whose SingleResponses about the certificate are a hold (since 10:00) and a
/// "good" (both thisUpdate 12:00, fresh) is indeterminate (`disagree`, ocsp/mod.rs), and
/// its hold is then forgotten: no `stale_hold`, no listing reaches `with_ocsp`. With a fresh
/// CRL of 08:00 that omits the certificate: the response with the hold alone: Invalid; the
/// same response with a contradicting "good" added: Valid. The responder signed a listing
/// of the hold newer than every CRL "good": a contradiction must not lift it. Expected: not
/// valid.
#[test]
fn a_contradicting_good_in_the_same_response_erases_its_hold() {
    let hold = single(
        &serial(),
        &revoked("20261122100000Z", Some(HOLD)),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let g = single(
        &serial(),
        &good(),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let crl_good = crl(6, "261122080000Z", "261124000000Z", &[]);
    let hold_only = by_responder("20261122120000Z", std::slice::from_ref(&hold));
    let (o, _, why) = judge(&target(), std::slice::from_ref(&crl_good), &[hold_only], AT);
    assert_eq!(o, Overall::Invalid, "hold only: {why}");
    let both = by_responder("20261122120000Z", &[hold, g]);
    let (o, _, why) = judge(&target(), &[crl_good], &[both], AT);
    assert_ne!(o, Overall::Valid, "hold and good: {why}");
}

// --- held -----------------------------------------------------------------------------------

/// A revocation listed before the certificate existed (a CRL, or a response, of 2025-12-01,
/// before notBefore 2026-01-01, revoking the serial since 2025-11-01) does not revoke the
/// certificate a fresh CRL proves good. The response is the CA's own (valid then): the
/// delegated responder's certificate (notBefore 2026-01-01) was not, and a response of it
/// would be refused for that before the rule is reached.
#[test]
fn held_a_revocation_from_before_the_certificate_revokes_nothing() {
    let crl_good = crl(6, "261122080000Z", "261124000000Z", &[]);
    let old_crl = crl(
        1,
        "251201000000Z",
        "251231000000Z",
        &[("251101000000Z", KEY_COMPROMISE)],
    );
    let (o, _, why) = judge(&target(), &[crl_good.clone(), old_crl], &[], AT);
    assert_eq!(o, Overall::Valid, "old CRL: {why}");
    let old_response = by_issuer(
        &cert("nca_rsa.cer"),
        "nca_rsa.key.pem",
        &serial(),
        &revoked("20251101000000Z", Some(KEY_COMPROMISE)),
        "20251201000000Z",
        Some("20251231000000Z"),
    );
    let (o, _, why) = judge(&target(), &[crl_good], &[old_response], AT);
    assert_eq!(o, Overall::Valid, "old response: {why}");
}

/// A CRL hold proven at the time judged (DP A, 08:00, fresh), a "good" between (OCSP,
/// 12:00, fresh), a newer stale listing (OCSP, 14:00, nextUpdate 15:00): the newest listing
/// is after every "good", so the proven hold stands, in either order of the responses.
#[test]
fn held_a_proven_crl_hold_a_good_and_a_newer_stale_ocsp_hold() {
    let held = crl(
        6,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let g = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let stale = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122140000Z",
        Some("20261122150000Z"),
    );
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&held),
        &[g.clone(), stale.clone()],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "good, stale: {why}");
    let (o, _, why) = judge(&target(), &[held], &[stale, g], AT);
    assert_eq!(o, Overall::Invalid, "stale, good: {why}");
}

/// A fresh base listing the hold (08:00) and its delta issued after the time judged (11-23
/// 12:00) removing it (removeFromCRL): the delta shows the hold lifted by its own date, not
/// at the time judged; the hold stands, with or without a fresh OCSP "good" older than the
/// base (07:00).
#[test]
fn held_a_later_deltas_remove_from_crl_lifts_no_hold() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    let delta =
        ca.crl(
            &CrlSpec::delta(9, 5, "261123120000Z", "261124000000Z").entries(vec![
                forge::crl_entry(&serial(), "261123110000Z", &[forge::reason(8)]),
            ]),
        );
    let (o, _, why) = judge(&target(), &[base.clone(), delta.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
    let older_good = ocsp(&good(), "20261122070000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), &[base, delta], &[older_good], AT);
    assert_eq!(o, Overall::Invalid, "with an older good: {why}");
}
