//! Hostile inputs found in the review of the verdict paths (h-review): each test asserts the
//! safe behaviour (never "valid" for what the library cannot prove).

mod common;

use common::forge::{self, Ca, CrlSpec};
use common::{pki, time};
use qoltanba::revocation::Crl;
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verdict, Verifier};

fn template(name: &str) -> Vec<u8> {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap())
        .unwrap()
        .der()
        .to_vec()
}

/// `individual_sign.cer` (valid 2026-01-01..2027-01-01) re-issued by the test CA as it is.
fn cert() -> Certificate {
    Certificate::from_der(&Ca::nca_rsa().reissue(&template("individual_sign.cer"), |_| {})).unwrap()
}

fn verifier(crls: &[Vec<u8>]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("root.crl"))
        .unwrap();
    for c in crls {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    b.build()
}

fn revocation(v: &Verdict) -> (Outcome, String) {
    let c = v
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .unwrap();
    (c.outcome(), c.reason().to_string())
}

const HOLD: u8 = 6;
const REMOVE_FROM_CRL: u8 = 8;

/// A delta CRL that is OLDER than the complete CRL it is applied to (the NCA numbers its
/// deltas in their own sequence, so its BaseCRLNumber 14 is "at or below" base #15 and it
/// is taken) carries a removeFromCRL entry for a hold it lifted earlier. The newer complete
/// CRL #15, fresh at the time judged, lists the certificate on hold again. The stale
/// delta's removeFromCRL overrides the newer base's entry: the certificate is judged not
/// revoked.
#[test]
fn an_older_delta_does_not_lift_a_hold_of_a_newer_base() {
    let c = cert();
    let ca = Ca::nca_rsa();
    // Complete CRL #15 of 2026-11-20: on hold since 2026-11-18.
    let base =
        ca.crl(
            &CrlSpec::complete(15, "261120000000Z", "270501000000Z").entries(vec![
                forge::crl_entry(c.serial(), "261118000000Z", &[forge::reason(HOLD)]),
            ]),
        );
    // Delta #10 over base 14, of 2026-11-10 (older than #15), still within its nextUpdate:
    // it lifted an earlier hold (removeFromCRL).
    let delta = ca.crl(
        &CrlSpec::delta(10, 14, "261110000000Z", "261210000000Z").entries(vec![forge::crl_entry(
            c.serial(),
            "261105000000Z",
            &[forge::reason(REMOVE_FROM_CRL)],
        )]),
    );
    // The base alone: on hold.
    let v = verifier(std::slice::from_ref(&base))
        .check_certificate(&c, &Expectation::at(time("2026-11-23T00:00:00Z")));
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // With the older delta beside it: must not become valid.
    let v = verifier(&[base, delta])
        .check_certificate(&c, &Expectation::at(time("2026-11-23T00:00:00Z")));
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "an older delta's removeFromCRL lifted the newer base's hold: {:?}",
        revocation(&v)
    );
}

/// Two complete CRLs of the issuer: #20, fresh at the time judged (2026-11-15), lists the
/// certificate on hold since 2026-11-10; #21, issued after that time (2026-11-25), no longer
/// lists it (the hold was released in between). At 2026-11-15 the certificate WAS suspended:
/// #20 proves it, and #21 only proves it was not revoked by 2026-11-25. The newest CRL is
/// taken as proof of "not revoked then" and the older one, which decides the time judged,
/// is never consulted: a signature made (or time-stamped) while the certificate was on hold
/// is judged valid.
#[test]
fn a_later_crl_does_not_erase_a_hold_a_crl_fresh_at_the_time_proves() {
    let c = cert();
    let ca = Ca::nca_rsa();
    let on_hold =
        ca.crl(
            &CrlSpec::complete(20, "261111000000Z", "261118000000Z").entries(vec![
                forge::crl_entry(c.serial(), "261110000000Z", &[forge::reason(HOLD)]),
            ]),
        );
    let released = ca.crl(&CrlSpec::complete(21, "261125000000Z", "261202000000Z"));
    let at = Expectation::at(time("2026-11-15T00:00:00Z"));
    // #20 alone: on hold at the time.
    let v = verifier(std::slice::from_ref(&on_hold)).check_certificate(&c, &at);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
    // With the later #21 beside it: the hold at the time is still proven by #20.
    let v = verifier(&[on_hold, released]).check_certificate(&c, &at);
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a CRL issued after the time erased the hold a CRL fresh at the time proves: {:?}",
        revocation(&v)
    );
}

/// `individual_sign.cer` re-issued with its extKeyUsage replaced by `ekus` (DER OIDs),
/// marked critical when `critical`.
fn with_eku(ekus: &[&[u8]], critical: bool) -> Certificate {
    let oids: Vec<Vec<u8>> = ekus.iter().map(|o| forge::tlv(0x06, o)).collect();
    let refs: Vec<&[u8]> = oids.iter().map(|o| o.as_slice()).collect();
    let value = forge::seq(&refs);
    let eku = forge::ext(&[0x55, 0x1d, 0x25], critical, &value);
    Certificate::from_der(
        &Ca::nca_rsa().reissue(&template("individual_sign.cer"), |t| {
            // [3] { SEQUENCE { keyUsage, extKeyUsage, ... } }
            t.extensions = forge::replace_at(&t.extensions, &[0, 1], &eku);
        }),
    )
    .unwrap()
}

const EKU_TIME_STAMPING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08];
const EKU_OCSP_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09];
const EKU_CODE_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03];

/// A certificate whose extKeyUsage restricts its key to time-stamping (or OCSP signing,
/// or code signing) is judged usable for signing documents, as long as its keyUsage has
/// digitalSignature + nonRepudiation: `Certificate::key_purposes` treats an EKU that names
/// neither emailProtection nor clientAuth as no restriction at all. RFC 5280 §4.2.1.12: a
/// certificate with extKeyUsage "MUST only be used for one of the purposes indicated". (The
/// NCA's own test TSA certificate carries the IIN 123456789011 and BIN 123456789021 in its
/// subject, so such a key would also pass the identity match.)
#[test]
fn a_key_restricted_to_time_stamping_is_not_a_document_signing_key() {
    let v = common::rsa_verifier();
    let at = time("2026-11-23T00:00:00Z");
    // The genuine certificate (emailProtection): a signing key.
    let genuine = with_eku(
        &[
            EKU_TIME_STAMPING,
            &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04],
        ],
        false,
    );
    let ok = v.check_certificate(&genuine, &Expectation::at(at));
    assert_eq!(ok.overall(), Overall::Valid, "{:#?}", ok.checks());
    let mut wrong = Vec::new();
    for (name, eku, critical) in [
        ("timeStamping (critical)", EKU_TIME_STAMPING, true),
        ("OCSPSigning", EKU_OCSP_SIGNING, false),
        ("codeSigning", EKU_CODE_SIGNING, false),
    ] {
        let c = with_eku(&[eku], critical);
        let verdict = v.check_certificate(&c, &Expectation::at(at));
        let ku = verdict
            .check(CheckName::KeyUsage)
            .map(|k| (k.outcome(), k.reason().to_string()));
        if verdict.overall() == Overall::Valid {
            wrong.push(format!("extKeyUsage {name}: valid, key_usage {ku:?}"));
        }
    }
    assert!(wrong.is_empty(), "judged usable for signing: {wrong:#?}");
}
