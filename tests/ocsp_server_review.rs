//! Review 7 (hostile): OCSP response verification, its combination with CRLs, and the
//! service's verdicts. Each test asserts the correct, safe behaviour; the `held_` ones are
//! attacks that failed (regression tests), the others fail today by design (defects).
//!
//! Every response is built here, signed with the test PKI's keys: the delegated responder
//! (`ocsp_responder.cer`, id-kp-OCSPSigning, ocsp-nocheck, issued by `nca_rsa.cer`) or the
//! CA itself, about `individual_sign.cer` (valid 2026-01-01..2027-01-01). The time judged
//! is 2026-11-23T00:00:00Z unless said.

mod common;

use common::evidence::{by_responder, good, response, revoked, single, OID_SHA256};

use chrono::{DateTime, Utc};
use common::forge::{self, ext, gen_time, int, seq, tlv, Ca, CrlSpec, Tbs};
use common::{pki, time};
use qoltanba::keys::SigningKey;
use qoltanba::revocation::{OcspPolicy, OcspResponse, OcspStatus};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Overall, Verifier};

// --- material ---------------------------------------------------------------------------

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn ca() -> Certificate {
    cert("nca_rsa.cer")
}

fn target() -> Certificate {
    cert("individual_sign.cer")
}

fn responder_key() -> SigningKey {
    SigningKey::from_pkcs8(&std::fs::read(pki("ocsp_responder.key.pem")).unwrap(), None).unwrap()
}

fn at() -> DateTime<Utc> {
    time("2026-11-23T00:00:00Z")
}

const OID_KU: &[u8] = &[0x55, 0x1d, 0x0f];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];
const OID_KP_OCSP_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09];

/// The responder certificate re-issued by the CA with `edit` applied (same key).
fn reissued_responder(edit: impl FnOnce(&mut Tbs)) -> Vec<u8> {
    Ca::nca_rsa().reissue(cert("ocsp_responder.cer").der(), edit)
}

/// A response signed with the responder key, carrying `responder` (DER).
fn by(responder: &[u8], produced_at: &str, singles: &[Vec<u8>]) -> Vec<u8> {
    let r = Certificate::from_der(responder).unwrap();
    response(
        r.subject().der(),
        &responder_key(),
        produced_at,
        singles,
        &[responder.to_vec()],
    )
}

fn parse(der: &[u8]) -> OcspResponse {
    OcspResponse::from_der(der).unwrap()
}

fn judge(der: &[u8], at: DateTime<Utc>) -> OcspStatus {
    parse(der)
        .check_certificate(&ca(), &target(), at, &OcspPolicy::default())
        .status()
        .clone()
}

/// Root trusted, nca_rsa offered, these CRLs (of nca_rsa, made by the test) and OCSP
/// responses: the overall verdict of `individual_sign.cer` at `at`, and the revocation
/// check's reason.
fn overall(crls: &[Vec<u8>], responses: &[Vec<u8>], at: DateTime<Utc>) -> (Overall, String) {
    let v = verifier(crls, responses);
    let verdict = v.check_certificate(&target(), &Expectation::at(at));
    let reason = verdict
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .map(|c| c.reason().to_string())
        .unwrap_or_default();
    (verdict.overall(), reason)
}

fn verifier(crls: &[Vec<u8>], responses: &[Vec<u8>]) -> Verifier {
    common::rsa_verifier_with_crls(crls, |mut b| {
        for r in responses {
            b = b.ocsp(parse(r)).unwrap();
        }
        b
    })
}

fn serial() -> Vec<u8> {
    target().serial().to_vec()
}

// --- defects ----------------------------------------------------------------------------

/// One response, signed by the authorised responder, carries two SingleResponses for the
/// same certificate: "good" first, then "revoked (keyCompromise) since 2026-06-01". The
/// library takes the first that names the certificate (`find`), so the certificate is
/// Good and the verdict Valid although the responder states, in the same signed data, that
/// it was revoked five months before. Contradictory statements prove nothing "good"; a
/// proven revocation must win (as it does across responses and over CRLs).
#[test]
fn two_single_responses_good_then_revoked_is_not_good() {
    let der = by_responder(
        "20261122120000Z",
        &[
            single(&serial(), &good(), "20261122120000Z", None),
            single(
                &serial(),
                &revoked("20260601000000Z", Some(1)),
                "20261122120000Z",
                None,
            ),
        ],
    );
    let status = judge(&der, at());
    assert!(
        !matches!(status, OcspStatus::Good { .. }),
        "a response that also says revoked is judged {status:?}"
    );
    let (o, reason) = overall(&[], &[der], at());
    assert_ne!(o, Overall::Valid, "{reason}");
}

/// The responder certificate expired on 2026-03-01 (its key is no longer protected, and,
/// carrying ocsp-nocheck, it is never checked for revocation). A response signed with that
/// key states producedAt 2026-02-01 (inside the certificate's validity: the signer writes
/// producedAt) and thisUpdate 2026-11-22 (after producedAt: impossible for a real
/// responder). The library checks the responder's validity at producedAt only, and the
/// freshness by thisUpdate only: the response is "good" at 2026-11-23, the verdict Valid.
/// Whoever holds an expired responder key can thus vouch for any certificate of the CA at
/// any later time. The responder must be valid at the time the status is relied on
/// (thisUpdate), and thisUpdate after producedAt must be refused.
#[test]
fn expired_responder_key_cannot_vouch_by_backdating_produced_at() {
    let expired = reissued_responder(|t| t.validity("250101000000Z", "260301000000Z"));
    let der = by(
        &expired,
        "20260201000000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    let status = judge(&der, at());
    assert!(
        !matches!(status, OcspStatus::Good { .. }),
        "an expired responder's response is judged {status:?}"
    );
    let (o, reason) = overall(&[], &[der], at());
    assert_ne!(o, Overall::Valid, "{reason}");
}

/// Two responses of the authorised responder: A "good" (thisUpdate 2026-11-22T12:00, no
/// nextUpdate: taken for a day), and the newer B: on hold (certificateHold) since 18:00,
/// thisUpdate 20:00, nextUpdate 23:00. At 2026-11-23T00:00 B no longer proves the hold
/// (stale), but nothing proves it lifted either: A predates the hold. The library judges
/// each response alone, B is indeterminate, A is good: Valid. The CRL rules refuse exactly
/// this (`StaleHold`: "the hold was in force, and no view can settle it"); an older "good"
/// must not override a newer hold.
#[test]
fn an_older_ocsp_good_does_not_lift_a_newer_ocsp_hold() {
    let a = by_responder(
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    let b = by_responder(
        "20261122200000Z",
        &[single(
            &serial(),
            &revoked("20261122180000Z", Some(6)),
            "20261122200000Z",
            Some("20261122230000Z"),
        )],
    );
    let (o, reason) = overall(&[], &[a, b], at());
    assert_ne!(o, Overall::Valid, "{reason}");
}

/// The same with the hold in a CRL: the CA's CRL (thisUpdate 2026-11-22T20:00, nextUpdate
/// 23:00) lists the certificate on hold since 18:00; stale at 2026-11-23T00:00, the CRL
/// rules leave the status unknown (a stale hold). An OCSP "good" from 12:00, before the
/// hold, then settles it as Good: Valid, although the only evidence after the hold says
/// the certificate was suspended.
#[test]
fn an_older_ocsp_good_does_not_lift_a_newer_crl_hold() {
    let crl =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(5, "261122200000Z", "261122230000Z").entries(vec![
                forge::crl_entry(&serial(), "261122180000Z", &[forge::reason(6)]),
            ]),
        );
    let ocsp = by_responder(
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    // Alone, the CRL leaves the status unknown (not revoked, not good).
    let (o, reason) = overall(std::slice::from_ref(&crl), &[], at());
    assert_eq!(o, Overall::Indeterminate, "{reason}");
    // The CRL rules: an older CRL, fresh at the time judged and not listing the
    // certificate, does not lift the newer hold either.
    let older_crl = Ca::nca_rsa().crl(&CrlSpec::complete(4, "261122120000Z", "261124000000Z"));
    let (o, reason) = overall(&[older_crl, crl.clone()], &[], at());
    assert_eq!(o, Overall::Indeterminate, "{reason}");
    let (o, reason) = overall(&[crl], &[ocsp], at());
    assert_ne!(o, Overall::Valid, "{reason}");
}

/// The positive side (after the fix): a "good" fresh at the time judged and issued after
/// the CRL that lists the hold proves it lifted; an older OCSP hold is lifted by a newer
/// fresh "good" likewise, and a CRL proof newer than an OCSP hold stands.
#[test]
fn a_fresh_ocsp_good_newer_than_a_hold_lifts_it() {
    let crl =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(5, "261122200000Z", "261122230000Z").entries(vec![
                forge::crl_entry(&serial(), "261122180000Z", &[forge::reason(6)]),
            ]),
        );
    let newer_good = by_responder(
        "20261122233000Z",
        &[single(&serial(), &good(), "20261122233000Z", None)],
    );
    let (o, reason) = overall(
        std::slice::from_ref(&crl),
        std::slice::from_ref(&newer_good),
        at(),
    );
    assert_eq!(o, Overall::Valid, "{reason}");
    // A stale OCSP hold from 21:00, then a fresh "good" at 23:30: valid.
    let ocsp_hold = by_responder(
        "20261122210000Z",
        &[single(
            &serial(),
            &revoked("20261122180000Z", Some(6)),
            "20261122210000Z",
            Some("20261122220000Z"),
        )],
    );
    let (o, reason) = overall(&[], &[ocsp_hold.clone(), newer_good], at());
    assert_eq!(o, Overall::Valid, "{reason}");
    // A CRL fresh at the time judged, issued at 22:00 after the OCSP hold (21:00): it no
    // longer lists the certificate, so the hold was lifted.
    let fresh_crl = Ca::nca_rsa().crl(&CrlSpec::complete(6, "261122220000Z", "261124000000Z"));
    let (o, reason) = overall(&[fresh_crl], std::slice::from_ref(&ocsp_hold), at());
    assert_eq!(o, Overall::Valid, "{reason}");
    // The same CRL issued at 20:00, before the OCSP hold: it cannot prove it lifted.
    let older_crl = Ca::nca_rsa().crl(&CrlSpec::complete(6, "261122200000Z", "261124000000Z"));
    let (o, reason) = overall(&[older_crl], &[ocsp_hold], at());
    assert_eq!(o, Overall::Indeterminate, "{reason}");
}

/// A CRL stale at the time judged lists the certificate on hold since before it; an OCSP
/// "good" from two days after the time judged (the responder says good *now*) is taken as
/// proof of the past (`proves_past`) and settles the status Good. The CRL rules say of the
/// same evidence from a later CRL: "shows the hold lifted by then, not when": unknown. A
/// later OCSP "good" says no more than a later CRL.
#[test]
fn a_later_ocsp_good_does_not_prove_a_stale_hold_lifted_at_the_time_judged() {
    let crl =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(5, "261122200000Z", "261122230000Z").entries(vec![
                forge::crl_entry(&serial(), "261122180000Z", &[forge::reason(6)]),
            ]),
        );
    // The CRL rules: a later CRL not listing the certificate leaves it unknown.
    let later_crl = Ca::nca_rsa().crl(&CrlSpec::complete(6, "261125000000Z", "261201000000Z"));
    let (o, reason) = overall(&[crl.clone(), later_crl], &[], at());
    assert_eq!(o, Overall::Indeterminate, "{reason}");
    let later = by_responder(
        "20261125000000Z",
        &[single(&serial(), &good(), "20261125000000Z", None)],
    );
    let (o, reason) = overall(&[crl], &[later], at());
    assert_ne!(o, Overall::Valid, "{reason}");
}

/// A delegated responder certificate *without* id-pkix-ocsp-nocheck, revoked for key
/// compromise (2026-10-01) on the CA's CRL. RFC 6960 §4.2.2.2.1: without nocheck, the
/// responder's own status must be checked. The library never checks it: a response signed
/// with the compromised key is good and the certificate Valid (the CRL is stale at the time
/// judged, so OCSP decides; a revocation it lists stays proven however old the CRL).
#[test]
fn a_revoked_responder_without_nocheck_is_not_trusted() {
    let no_nocheck = reissued_responder(|t| {
        t.serial = int(&[0x0C, 0x5B, 0x00, 0x77]);
        let exts = [
            ext(OID_KU, true, &[0x03, 0x02, 0x07, 0x80]),
            ext(OID_EKU, false, &seq(&[&tlv(0x06, OID_KP_OCSP_SIGNING)])),
        ]
        .concat();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts));
    });
    let crl = Ca::nca_rsa().crl(
        &CrlSpec::complete(5, "261101000000Z", "261110000000Z").entries(vec![forge::crl_entry(
            &[0x0C, 0x5B, 0x00, 0x77],
            "261001000000Z",
            &[forge::reason(1)],
        )]),
    );
    let der = by(
        &no_nocheck,
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    // The responder is not relied on: without nocheck its own status would need proving.
    let check = parse(&der).check_certificate(&ca(), &target(), at(), &OcspPolicy::default());
    assert!(check.responder().is_none());
    assert!(
        format!("{:?}", check.status()).contains("nocheck"),
        "{:?}",
        check.status()
    );
    let (o, reason) = overall(&[crl], &[der], at());
    assert_ne!(o, Overall::Valid, "{reason}");
}

/// A delegated responder certificate with an unknown *critical* extension (1.2.3.4, which
/// could restrict what it may sign). A certificate with such an extension is refused on a
/// path ("extension problems"); as an OCSP responder it is taken as is, and its "good"
/// makes the certificate Valid.
#[test]
fn a_responder_with_an_unknown_critical_extension_is_not_trusted() {
    let odd = reissued_responder(|t| {
        let exts = [
            ext(OID_KU, true, &[0x03, 0x02, 0x07, 0x80]),
            ext(OID_EKU, false, &seq(&[&tlv(0x06, OID_KP_OCSP_SIGNING)])),
            ext(&[0x2a, 0x03, 0x04], true, &[0x05, 0x00]),
        ]
        .concat();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts));
    });
    assert!(!Certificate::from_der(&odd)
        .unwrap()
        .extension_problems()
        .is_empty());
    let der = by(
        &odd,
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    let status = judge(&der, at());
    assert!(
        !matches!(status, OcspStatus::Good { .. }),
        "a responder with an unknown critical extension: {status:?}"
    );
}

// --- attacks that held ------------------------------------------------------------------

/// The baseline: the material built here is what the library accepts (so the refusals
/// below are for the reason each names).
#[test]
fn held_baseline_forged_material_is_accepted_when_sound() {
    let der = by_responder(
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    assert!(matches!(judge(&der, at()), OcspStatus::Good { .. }));
    let (o, reason) = overall(&[], &[der], at());
    assert_eq!(o, Overall::Valid, "{reason}");
}

/// Revoked first, good second: revoked (the first match).
#[test]
fn held_two_single_responses_revoked_then_good() {
    let der = by_responder(
        "20261122120000Z",
        &[
            single(
                &serial(),
                &revoked("20260601000000Z", Some(1)),
                "20261122120000Z",
                None,
            ),
            single(&serial(), &good(), "20261122120000Z", None),
        ],
    );
    assert!(matches!(judge(&der, at()), OcspStatus::Revoked { .. }));
}

/// A delegated responder issued by another CA (the project's `forged_ca`, a different
/// key) with a subject naming itself the responder: refused.
#[test]
fn held_responder_issued_by_another_ca() {
    // A responder certificate with the right subject, issued by the root (not the CA).
    let root_key =
        SigningKey::from_pkcs8(&std::fs::read(pki("root.key.pem")).unwrap(), None).unwrap();
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: root_key,
    };
    let other = root.reissue(cert("ocsp_responder.cer").der(), |_| {});
    let der = by(
        &other,
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    assert!(matches!(
        judge(&der, at()),
        OcspStatus::Indeterminate { .. }
    ));
    // The same certificate with its issuer name rewritten to the CA's but the root's
    // signature: refused (the signature does not verify with the CA's key).
    let spoof = root.reissue(cert("ocsp_responder.cer").der(), |t| {
        t.issuer = Ca::nca_rsa().name()
    });
    let der = by(
        &spoof,
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    assert!(matches!(
        judge(&der, at()),
        OcspStatus::Indeterminate { .. }
    ));
}

/// A responder certificate without id-kp-OCSPSigning, or with a keyUsage lacking
/// digitalSignature, or expired at producedAt: refused.
#[test]
fn held_responder_without_ocsp_signing_or_expired() {
    let no_eku = reissued_responder(|t| {
        let exts = [ext(OID_KU, true, &[0x03, 0x02, 0x07, 0x80])].concat();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts));
    });
    let bad_ku = reissued_responder(|t| {
        let exts = [
            ext(OID_KU, true, &[0x03, 0x02, 0x05, 0x20]),
            ext(OID_EKU, false, &seq(&[&tlv(0x06, OID_KP_OCSP_SIGNING)])),
        ]
        .concat();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts));
    });
    let expired = reissued_responder(|t| t.validity("250101000000Z", "260301000000Z"));
    for (what, r, produced) in [
        ("no EKU", &no_eku, "20261122120000Z"),
        ("keyUsage keyEncipherment", &bad_ku, "20261122120000Z"),
        ("expired at producedAt", &expired, "20261122120000Z"),
    ] {
        let der = by(
            r,
            produced,
            &[single(&serial(), &good(), "20261122120000Z", None)],
        );
        assert!(
            matches!(judge(&der, at()), OcspStatus::Indeterminate { .. }),
            "{what}"
        );
    }
}

/// The responder's certificate carried, but the response signed with the CA's key (and
/// the ResponderID naming the responder): refused (the signature is checked with the key
/// of the certificate the ResponderID names).
#[test]
fn held_responder_carried_but_signed_by_the_ca_key() {
    let r = cert("ocsp_responder.cer");
    let der = response(
        r.subject().der(),
        &Ca::nca_rsa().key,
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
        &[r.der().to_vec()],
    );
    assert!(matches!(
        judge(&der, at()),
        OcspStatus::Indeterminate { .. }
    ));
}

/// A CertID with the CA's name hash but another key hash (a same-name CA with another
/// key), or about the same serial of another issuer: no status for this certificate.
#[test]
fn held_cert_id_of_another_issuer_key() {
    use sha2::Digest as _;
    let issuer = ca();
    let other_key = cert("root.cer");
    let cert_id = seq(&[
        &seq(&[&tlv(0x06, OID_SHA256), &[0x05, 0x00]]),
        &tlv(0x04, &sha2::Sha256::digest(issuer.subject().der())),
        &tlv(
            0x04,
            &sha2::Sha256::digest(other_key.public_key().key_bytes()),
        ),
        &int(&serial()),
    ]);
    let s = tlv(
        0x30,
        &[cert_id, good(), gen_time("20261122120000Z")].concat(),
    );
    let der = by_responder("20261122120000Z", &[s]);
    assert!(matches!(
        judge(&der, at()),
        OcspStatus::Indeterminate { .. }
    ));
    // SHA-1 CertID with SHA-256-length hashes (a hash/OID mismatch): no match either.
    let cert_id = seq(&[
        &seq(&[&tlv(0x06, &[0x2b, 0x0e, 0x03, 0x02, 0x1a]), &[0x05, 0x00]]),
        &tlv(0x04, &sha2::Sha256::digest(issuer.subject().der())),
        &tlv(0x04, &sha2::Sha256::digest(issuer.public_key().key_bytes())),
        &int(&serial()),
    ]);
    let s = tlv(
        0x30,
        &[cert_id, good(), gen_time("20261122120000Z")].concat(),
    );
    let der = by_responder("20261122120000Z", &[s]);
    assert!(matches!(
        judge(&der, at()),
        OcspStatus::Indeterminate { .. }
    ));
}

/// Freshness: "good" with thisUpdate a day after the time judged for a certificate
/// already expired then; "good" stale (no nextUpdate, two days old); "good" from before
/// the certificate's notBefore; a revocation dated after the time judged, and after the
/// response's own thisUpdate, revoked from that thisUpdate (review 40); a responseStatus
/// tryLater with garbage after it. None is good.
#[test]
fn held_freshness_and_odd_statuses() {
    let stale = by_responder(
        "20261120000000Z",
        &[single(&serial(), &good(), "20261120000000Z", None)],
    );
    assert!(matches!(
        judge(&stale, at()),
        OcspStatus::Indeterminate { .. }
    ));
    let predates = by_responder(
        "20251201000000Z",
        &[single(
            &serial(),
            &good(),
            "20251201000000Z",
            Some("20271201000000Z"),
        )],
    );
    assert!(matches!(
        judge(&predates, at()),
        OcspStatus::Indeterminate { .. }
    ));
    let after_expiry = by_responder(
        "20270201000000Z",
        &[single(&serial(), &good(), "20270201000000Z", None)],
    );
    assert!(matches!(
        judge(&after_expiry, at()),
        OcspStatus::Indeterminate { .. }
    ));
    let unknown = by_responder(
        "20261122120000Z",
        &[single(&serial(), &[0x82, 0x00], "20261122120000Z", None)],
    );
    assert!(matches!(judge(&unknown, at()), OcspStatus::Unknown));
    let (o, _) = overall(&[], &[unknown], at());
    assert_eq!(o, Overall::Indeterminate);
    // Revoked (superseded) since after the time judged, by a fresh response: not good at
    // the time judged. The revocationTime (11-24) is after the response's own thisUpdate
    // (11-22): a response reports no revocation yet to come, so it counts from that
    // thisUpdate, and the certificate is revoked at the time judged (review 40; this was
    // indeterminate before, the status before the revocation taken as unsaid).
    let later = by_responder(
        "20261122120000Z",
        &[single(
            &serial(),
            &revoked("20261124000000Z", Some(4)),
            "20261122120000Z",
            None,
        )],
    );
    assert!(matches!(judge(&later, at()), OcspStatus::Revoked { .. }));
    // tryLater, with trailing junk: refused or indeterminate, never good.
    assert!(OcspResponse::from_der(&[0x30, 0x05, 0x0A, 0x01, 0x03, 0x04, 0x00]).is_err());
    let try_later = OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x03]).unwrap();
    assert!(matches!(
        try_later
            .check_certificate(&ca(), &target(), at(), &OcspPolicy::default())
            .status(),
        OcspStatus::Indeterminate { .. }
    ));
}

/// A CRL fresh at the time judged lists the certificate revoked; a fresh OCSP "good" does
/// not override it (and the reverse: a fresh CRL not listing it, an OCSP "revoked").
#[test]
fn held_revoked_wins_between_crl_and_ocsp() {
    let crl_revoked =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(5, "261122000000Z", "261201000000Z").entries(vec![
                forge::crl_entry(&serial(), "261101000000Z", &[forge::reason(1)]),
            ]),
        );
    let ocsp_good = by_responder(
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
    );
    let (o, reason) = overall(&[crl_revoked], &[ocsp_good], at());
    assert_eq!(o, Overall::Invalid, "{reason}");
    let crl_clean = Ca::nca_rsa().crl(&CrlSpec::complete(5, "261122000000Z", "261201000000Z"));
    let ocsp_revoked = by_responder(
        "20261122120000Z",
        &[single(
            &serial(),
            &revoked("20261101000000Z", Some(1)),
            "20261122120000Z",
            None,
        )],
    );
    let (o, reason) = overall(&[crl_clean], &[ocsp_revoked], at());
    assert_eq!(o, Overall::Invalid, "{reason}");
}

/// A response about the same serial number signed by *another* CA (its own key, as
/// issuer-signed responder) is not evidence for this CA's certificate.
#[test]
fn held_same_serial_other_issuer() {
    use sha2::Digest as _;
    let root = cert("root.cer");
    let root_key =
        SigningKey::from_pkcs8(&std::fs::read(pki("root.key.pem")).unwrap(), None).unwrap();
    let cert_id = seq(&[
        &seq(&[&tlv(0x06, OID_SHA256), &[0x05, 0x00]]),
        &tlv(0x04, &sha2::Sha256::digest(root.subject().der())),
        &tlv(0x04, &sha2::Sha256::digest(root.public_key().key_bytes())),
        &int(&serial()),
    ]);
    let s = tlv(
        0x30,
        &[cert_id, good(), gen_time("20261122120000Z")].concat(),
    );
    let der = response(
        root.subject().der(),
        &root_key,
        "20261122120000Z",
        &[s],
        &[],
    );
    assert!(matches!(
        judge(&der, at()),
        OcspStatus::Indeterminate { .. }
    ));
    let (o, _) = overall(&[], &[der], at());
    assert_eq!(o, Overall::Indeterminate);
}

/// A stale OCSP "good" and no CRL: indeterminate; a claimed time (CMS signingTime) is not
/// proven by a "good".
#[test]
fn held_stale_good_without_crl() {
    let der = by_responder(
        "20261121000000Z",
        &[single(
            &serial(),
            &good(),
            "20261121000000Z",
            Some("20261122000000Z"),
        )],
    );
    let (o, _) = overall(&[], &[der], at());
    assert_eq!(o, Overall::Indeterminate);
}

// --- the service ------------------------------------------------------------------------

#[cfg(feature = "server")]
mod service {
    use super::*;
    use common::service::Service;

    fn b64(bytes: &[u8]) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// The service's `/x509/info` answers `valid: true` on the contradictory response of
    /// `two_single_responses_good_then_revoked_is_not_good`: the library's verdict maps
    /// straight through, `revocations: [{revoked: false, by: "OCSP"}]`.
    #[test]
    fn x509_info_is_not_valid_on_a_response_that_also_says_revoked() {
        let der = by_responder(
            "20261122120000Z",
            &[
                single(&serial(), &good(), "20261122120000Z", None),
                single(
                    &serial(),
                    &revoked("20260601000000Z", Some(1)),
                    "20261122120000Z",
                    None,
                ),
            ],
        );
        let s = Service::start(verifier(&[], &[der]), "2026-11-23T00:00:00Z");
        let (status, answer) = s.post(
            "/x509/info",
            &format!(r#"{{"certs": ["{}"]}}"#, b64(target().der())),
        );
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["valid"], false, "{answer}");
    }

    /// Client mistakes are 4xx, never 5xx: wrong types, duplicate keys, a huge `at`, bad
    /// base64, an empty body, nested garbage.
    #[test]
    fn held_client_mistakes_are_4xx() {
        let s = Service::start(super::verifier(&[], &[]), "2026-11-23T00:00:00Z");
        let cert = b64(target().der());
        for (route, body) in [
            ("/x509/info", r#"{"certs": [1]}"#.to_string()),
            ("/x509/info", r#"{"certs": "x"}"#.to_string()),
            (
                "/x509/info",
                format!(r#"{{"certs": ["{cert}"], "certs": ["{cert}"]}}"#),
            ),
            ("/x509/info", r#"{"certs": ["%%%"]}"#.to_string()),
            ("/x509/info", r#"{"certs": [""]}"#.to_string()),
            ("/x509/info", String::new()),
            (
                "/x509/verify",
                format!(r#"{{"certificate": "{cert}", "signature": "AAAA", "data": 5}}"#),
            ),
            (
                "/v1/verify",
                r#"{"cms": "MAA=", "at": "99999-01-01T00:00:00Z"}"#.to_string(),
            ),
            (
                "/v1/verify",
                r#"{"cms": "MAA=", "at": "9999-12-31T23:59:59+23:59"}"#.to_string(),
            ),
            (
                "/v1/verify",
                r#"{"cms": "MAA=", "iin": "١٢٣٤٥٦٧٨٩٠١٢"}"#.to_string(),
            ),
            (
                "/cms/verify",
                r#"{"cms": "MAA=", "data": null}"#.to_string(),
            ),
            ("/xml/verify", r#"{"xml": "<a>"}"#.to_string()),
            ("/wsse/verify", r#"{"xml": ""}"#.to_string()),
        ] {
            let (status, answer) = s.post(route, &body);
            assert!(
                (400..500).contains(&status) || (status == 200 && answer["valid"] == false),
                "{route} {body}: {status} {answer}"
            );
        }
    }
}

// --- singleExtensions, evidence from before the certificate, contradicted holds ----------

/// A response signed by the CA itself (valid since 2024), produced at `produced_at`.
fn by_ca(produced_at: &str, singles: &[Vec<u8>]) -> Vec<u8> {
    let key =
        SigningKey::from_pkcs8(&std::fs::read(pki("nca_rsa.key.pem")).unwrap(), None).unwrap();
    response(ca().subject().der(), &key, produced_at, singles, &[])
}

/// A SingleResponse about the target with these singleExtensions.
fn single_with(status: &[u8], this_update: &str, next: Option<&str>, exts: &[Vec<u8>]) -> Vec<u8> {
    let s = single(&serial(), status, this_update, next);
    let mut content = forge::content(&s).to_vec();
    content.extend(tlv(0xA1, &tlv(0x30, &exts.concat())));
    tlv(0x30, &content)
}

/// A SingleResponse from before the certificate's notBefore (2026-01-01) is about another
/// certificate of that serial, whatever its status: alone the response proves nothing
/// (and reports no revocation, which a claimed time would weigh); beside a current "good"
/// the current one is judged.
#[test]
fn held_a_single_response_from_before_the_certificate_is_about_another() {
    let old = single(
        &serial(),
        &revoked("20251101000000Z", Some(1)),
        "20251201000000Z",
        Some("20251231000000Z"),
    );
    let current = single(
        &serial(),
        &good(),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let alone = by_ca("20251201000000Z", std::slice::from_ref(&old));
    let check = parse(&alone).check_certificate(&ca(), &target(), at(), &OcspPolicy::default());
    assert!(
        matches!(check.status(), OcspStatus::Indeterminate { reason } if reason.contains("predates")),
        "{check:?}"
    );
    assert_eq!(check.revocation(), None);
    // Known only by its serial, the response speaks of it.
    let by_serial = parse(&alone).check(&ca(), &serial(), at(), &OcspPolicy::default());
    assert!(matches!(by_serial.status(), OcspStatus::Revoked { .. }));
    let both = by_ca("20261122120000Z", &[old, current]);
    assert!(matches!(judge(&both, at()), OcspStatus::Good { .. }));
}

/// A hold counts from its invalidityDate when earlier than its revocationTime, as a CRL
/// entry's does: a response of 11-22T12:00 listing a hold since 11-22T10:00 proves 11-21
/// "good" (issued after it); with invalidityDate 11-20 it proves 11-21 on hold.
#[test]
fn held_an_ocsp_hold_counts_from_its_invalidity_date() {
    let at = time("2026-11-21T00:00:00Z");
    let hold = || revoked("20261122100000Z", Some(6));
    let plain = by_ca(
        "20261122120000Z",
        &[single(
            &serial(),
            &hold(),
            "20261122120000Z",
            Some("20261124000000Z"),
        )],
    );
    assert!(matches!(judge(&plain, at), OcspStatus::Good { .. }));
    let dated = by_ca(
        "20261122120000Z",
        &[single_with(
            &hold(),
            "20261122120000Z",
            Some("20261124000000Z"),
            &[forge::invalidity_date("20261120000000Z")],
        )],
    );
    assert!(matches!(
        judge(&dated, at),
        OcspStatus::Revoked {
            reason: Some(qoltanba::revocation::RevocationReason::CertificateHold),
            ..
        }
    ));
}

/// SingleResponses that disagree (a hold dated after the time judged and a "good") prove
/// nothing, and report the hold as the responder's revocation.
#[test]
fn held_a_contradicted_response_reports_its_hold() {
    let at = time("2026-11-22T00:00:00Z");
    let r = by_ca(
        "20261122120000Z",
        &[
            single(
                &serial(),
                &revoked("20261122100000Z", Some(6)),
                "20261122120000Z",
                Some("20261124000000Z"),
            ),
            single(
                &serial(),
                &good(),
                "20261122120000Z",
                Some("20261124000000Z"),
            ),
        ],
    );
    let check = parse(&r).check_certificate(&ca(), &target(), at, &OcspPolicy::default());
    assert!(matches!(check.status(), OcspStatus::Indeterminate { .. }));
    assert_eq!(
        check.revocation(),
        Some((
            time("2026-11-22T10:00:00Z"),
            Some(qoltanba::revocation::RevocationReason::CertificateHold)
        ))
    );
}
