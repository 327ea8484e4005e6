//! OCSP responses of the project's test PKI (made by `test-vectors/generate_ocsp.py`):
//! judged alone, and as a revocation source of the certificate condition.

mod common;

use chrono::{DateTime, Utc};
use common::pki;
use qoltanba::revocation::RevocationReason;
use qoltanba::revocation::{OcspPolicy, OcspResponse, OcspStatus};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verifier};

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn response(name: &str) -> OcspResponse {
    OcspResponse::from_der(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn check(name: &str, serial: &[u8]) -> OcspStatus {
    response(name)
        .check(&cert("nca_rsa.cer"), serial, at(), &OcspPolicy::default())
        .status()
        .clone()
}

#[test]
fn responses_judged_alone() {
    let good = cert("individual_sign.cer");
    let revoked = cert("revoked.cer");
    assert!(matches!(
        check("ocsp_good.der", good.serial()),
        OcspStatus::Good { .. }
    ));
    assert!(matches!(
        check("ocsp_revoked.der", revoked.serial()),
        OcspStatus::Revoked { reason: Some(RevocationReason::KeyCompromise), not_issued: false, time }
            if time == common::time("2026-06-01T00:00:00Z")
    ));
    assert!(matches!(
        check("ocsp_not_issued.der", &[0x0B, 0xAD]),
        OcspStatus::Revoked {
            not_issued: true,
            ..
        }
    ));
    // Signed by the CA itself, ResponderID byKey.
    let by_ca = response("ocsp_by_ca.der").check(
        &cert("nca_rsa.cer"),
        good.serial(),
        at(),
        &OcspPolicy::default(),
    );
    assert!(
        matches!(by_ca.status(), OcspStatus::Good { .. }),
        "{by_ca:?}"
    );
    // Signed by a certificate of the CA that is not an OCSP responder.
    assert!(matches!(
        check("ocsp_unauthorised.der", good.serial()),
        OcspStatus::Indeterminate { reason } if reason.contains("id-kp-OCSPSigning")
    ));
    // A response about another certificate proves nothing about this one.
    assert!(matches!(
        check("ocsp_good.der", revoked.serial()),
        OcspStatus::Indeterminate { .. }
    ));
    // After nextUpdate: stale.
    let late = response("ocsp_good.der").check(
        &cert("nca_rsa.cer"),
        good.serial(),
        common::time("2026-11-30T00:00:00Z"),
        &OcspPolicy::default(),
    );
    assert!(
        matches!(&late.status(), OcspStatus::Indeterminate { reason } if reason.contains("stale")),
        "{late:?}"
    );
    // Revoked for good (keyCompromise) on 2026-06-01: proven before thisUpdate and long
    // after nextUpdate alike; before the revocation, nothing is proven.
    let ca = cert("nca_rsa.cer");
    let p = OcspPolicy::default();
    let judge = |file: &str, c: &Certificate, t: &str| {
        response(file)
            .check(&ca, c.serial(), common::time(t), &p)
            .status()
            .clone()
    };
    for t in ["2026-11-21T00:00:00Z", "2027-06-01T00:00:00Z"] {
        assert!(
            matches!(
                judge("ocsp_revoked.der", &revoked, t),
                OcspStatus::Revoked { .. }
            ),
            "{t}"
        );
    }
    assert!(matches!(
        judge("ocsp_revoked.der", &revoked, "2026-05-01T00:00:00Z"),
        OcspStatus::Indeterminate { .. }
    ));
    // On hold since 2026-11-20 (thisUpdate 11-22, nextUpdate 11-29): proven from the hold
    // to nextUpdate; after that the hold may have been released.
    for (t, held) in [
        ("2026-11-19T00:00:00Z", false),
        ("2026-11-21T00:00:00Z", true),
        ("2026-11-28T00:00:00Z", true),
        ("2026-12-01T00:00:00Z", false),
    ] {
        let s = judge("ocsp_hold_after_crl.der", &good, t);
        assert_eq!(matches!(s, OcspStatus::Revoked { .. }), held, "{t}: {s:?}");
    }
    // Knowing the certificate, a response from after the time proves the past, as a CRL
    // does: "good" on 2026-11-22, or revoked only from 2026-06-01, means not revoked on
    // 2026-05-01 (the certificates are valid 2026-01-01..2027-01-01).
    let past = |file: &str, c: &Certificate, t: &str| {
        response(file)
            .check_certificate(&ca, c, common::time(t), &p)
            .status()
            .clone()
    };
    for (file, c) in [("ocsp_good.der", &good), ("ocsp_revoked.der", &revoked)] {
        assert!(
            matches!(
                past(file, c, "2026-05-01T00:00:00Z"),
                OcspStatus::Good { .. }
            ),
            "{file}"
        );
    }
    assert!(matches!(
        past("ocsp_revoked.der", &revoked, "2026-07-01T00:00:00Z"),
        OcspStatus::Revoked { .. }
    ));
    // A hold placed before the time and still in force at thisUpdate: on hold then.
    assert!(matches!(
        past("ocsp_hold_after_crl.der", &good, "2026-11-21T00:00:00Z"),
        OcspStatus::Revoked { .. }
    ));
    // Every truncation is an error, never a panic.
    let der = std::fs::read(pki("ocsp_good.der")).unwrap();
    for n in 0..der.len() {
        assert!(OcspResponse::from_der(&der[..n]).is_err());
    }
}

/// Root trusted, nca_rsa offered, no CRL: the OCSP responses given decide.
fn verifier(ocsp: &[&str]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap();
    for name in ocsp {
        b = b.ocsp(response(name)).unwrap();
    }
    b.build()
}

fn revocation(v: &Verifier, cert_name: &str, at: DateTime<Utc>) -> (Overall, Outcome, String) {
    let verdict = v.check_certificate(&cert(cert_name), &Expectation::at(at));
    let check = verdict
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .unwrap()
        .clone();
    (
        verdict.overall(),
        check.outcome(),
        check.reason().to_string(),
    )
}

#[test]
fn ocsp_decides_the_revocation_check() {
    // Without any revocation source: indeterminate.
    let (overall, outcome, _) = revocation(&verifier(&[]), "individual_sign.cer", at());
    assert_eq!(
        (overall, outcome),
        (Overall::Indeterminate, Outcome::Unknown)
    );
    // A good response of an authorised responder: valid.
    let v = verifier(&["ocsp_good.der", "ocsp_revoked.der", "ocsp_unauthorised.der"]);
    let (overall, outcome, reason) = revocation(&v, "individual_sign.cer", at());
    assert_eq!(
        (overall, outcome),
        (Overall::Valid, Outcome::Passed),
        "{reason}"
    );
    assert!(reason.contains("OCSP response of"), "{reason}");
    // A revoked one: invalid.
    let (overall, outcome, reason) = revocation(&v, "revoked.cer", at());
    assert_eq!(
        (overall, outcome),
        (Overall::Invalid, Outcome::Failed),
        "{reason}"
    );
    assert!(reason.contains("key compromise"), "{reason}");
    // Only the unauthorised responder's: nothing proven.
    let (overall, _, _) = revocation(
        &verifier(&["ocsp_unauthorised.der"]),
        "individual_sign.cer",
        at(),
    );
    assert_eq!(overall, Overall::Indeterminate);
    // Stale at the time judged: nothing proven.
    let (overall, _, _) = revocation(
        &v,
        "individual_sign.cer",
        common::time("2026-12-01T00:00:00Z"),
    );
    assert_eq!(overall, Overall::Indeterminate);
    // The CRL and a response both say good: valid, on both.
    let with_crl = |ocsp: &str| {
        Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap()
            .crl_path(pki("nca_rsa_current.crl"))
            .unwrap()
            .ocsp(response(ocsp))
            .unwrap()
            .build()
    };
    let (overall, _, reason) = revocation(&with_crl("ocsp_good.der"), "individual_sign.cer", at());
    assert_eq!(overall, Overall::Valid, "{reason}");
    assert!(
        reason.contains("CRL") && reason.contains("OCSP"),
        "{reason}"
    );
    // The CRL does not list it, a newer response puts it on hold: revoked.
    let (overall, _, reason) = revocation(
        &with_crl("ocsp_hold_after_crl.der"),
        "individual_sign.cer",
        at(),
    );
    assert_eq!(overall, Overall::Invalid, "{reason}");
    assert!(reason.contains("certificate hold"), "{reason}");
}

#[cfg(feature = "cli")]
#[test]
fn cli_takes_ocsp_responses() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["cert", "verify"])
        .arg(pki("revoked.cer"))
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--ocsp")
        .arg(pki("ocsp_revoked.der"))
        .args(["--at", "2026-11-23T00:00:00Z"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("OCSP response of"));
}

/// `openssl ocsp` judges the same responses the same way (it verifies the responder and
/// the signature, and reads the status).
#[test]
fn openssl_agrees() {
    if std::process::Command::new("openssl")
        .arg("version")
        .output()
        .is_err()
    {
        eprintln!("NOTICE: no openssl; skipping");
        return;
    }
    let dir = std::env::temp_dir().join("qoltanba-ocsp-openssl");
    std::fs::create_dir_all(&dir).unwrap();
    let chain = dir.join("chain.pem");
    let mut pem = std::fs::read(pki("root.pem")).unwrap();
    pem.extend(std::fs::read(pki("nca_rsa.pem")).unwrap());
    std::fs::write(&chain, pem).unwrap();
    for (file, cert, ours, theirs) in [
        ("ocsp_good.der", "individual_sign.cer", "good", "good"),
        ("ocsp_revoked.der", "revoked.cer", "revoked", "revoked"),
        ("ocsp_by_ca.der", "individual_sign.cer", "good", "good"),
        (
            "ocsp_hold_after_crl.der",
            "individual_sign.cer",
            "revoked",
            "revoked",
        ),
        (
            "ocsp_unauthorised.der",
            "individual_sign.cer",
            "indeterminate",
            "Response Verify Failure",
        ),
    ] {
        let o = std::process::Command::new("openssl")
            .args(["ocsp", "-respin"])
            .arg(pki(file))
            .arg("-issuer")
            .arg(pki("nca_rsa.pem"))
            .arg("-sha256")
            .arg("-cert")
            .arg(pki(cert))
            .arg("-CAfile")
            .arg(&chain)
            .args(["-no_nonce", "-attime", "1795392000"])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(text.contains(theirs), "{file}: openssl said {text}");
        let status = check(file, cert_serial(cert).as_slice());
        let name = match status {
            OcspStatus::Good { .. } => "good",
            OcspStatus::Revoked { .. } => "revoked",
            OcspStatus::Unknown => "unknown",
            OcspStatus::Indeterminate { .. } => "indeterminate",
        };
        assert_eq!(name, ours, "{file}: {status:?}");
    }
}

fn cert_serial(name: &str) -> Vec<u8> {
    cert(name).serial().to_vec()
}

#[cfg(feature = "cli")]
#[test]
fn cli_ocsp_check() {
    let run = |file: &str, target: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(["ocsp", "check"])
            .arg(pki(file))
            .arg("--issuer")
            .arg(pki("nca_rsa.cer"))
            .args(target)
            .args(["--at", "2026-11-23T00:00:00Z", "--json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
        (
            o.status.code(),
            json["status"].as_str().unwrap_or("").to_string(),
        )
    };
    let good = pki("individual_sign.cer").display().to_string();
    let revoked = pki("revoked.cer").display().to_string();
    assert_eq!(
        run("ocsp_good.der", &["--cert", &good]),
        (Some(0), "good".into())
    );
    assert_eq!(
        run("ocsp_revoked.der", &["--cert", &revoked]),
        (Some(1), "revoked".into())
    );
    assert_eq!(
        run("ocsp_not_issued.der", &["--serial", "0B:AD"]),
        (Some(1), "revoked".into())
    );
    assert_eq!(
        run("ocsp_unauthorised.der", &["--cert", &good]),
        (Some(3), "indeterminate".into())
    );
    assert_eq!(run("ocsp_good.der", &["--serial", "zz"]).0, Some(2));
}
