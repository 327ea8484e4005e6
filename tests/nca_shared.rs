//! The real NCA RK test material in `../shared/nca-test-pki/`, judged exactly as its
//! MANIFEST.md states. Skipped with a notice when `../shared` is absent.

mod common;

use std::path::Path;

use qoltanba::identity::{Bin, ChecksumPolicy, Iin};
use qoltanba::revocation::crl::Crl;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Purpose, Verdict, Verifier};

fn cert(p: &Path) -> Certificate {
    Certificate::from_input(&std::fs::read(p).unwrap()).unwrap()
}

fn rsa_verifier(dir: &Path) -> Verifier {
    Verifier::builder()
        .trust_path(&dir.join("nca_rsa_test.crt"))
        .unwrap()
        .crl_path(&dir.join("nca_rsa_test.crl"))
        .unwrap()
        .build()
}

fn outcome(v: &Verdict, c: CheckName) -> Outcome {
    v.check(c)
        .unwrap_or_else(|| panic!("check {c:?} missing: {v:#?}"))
        .outcome
}

#[test]
fn rsa_ca_and_crl() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let ca = cert(&dir.join("nca_rsa_test.crt"));
    assert_eq!(ca.subject().first("2.5.4.3"), Some("ҰКО 3.0 (RSA TEST)"));
    assert!(ca.is_ca());
    let crls = Crl::all_from_input(&std::fs::read(dir.join("nca_rsa_test.crl")).unwrap()).unwrap();
    assert_eq!(crls.len(), 1);
    let crl = &crls[0];
    assert_eq!(crl.len(), 126);
    assert!(crl.issuer().matches(ca.subject()));
    assert_eq!(
        crl.this_update(),
        common::time("2022-03-29T00:00:00Z")
            .date_naive()
            .and_time(crl.this_update().time())
            .and_utc()
    );
    assert_eq!(
        crl.next_update().map(|t| t.date_naive().to_string()),
        Some("2022-09-25".to_string())
    );
    // The CRL's signature verifies with the issuing CA's key.
    let v = rsa_verifier(&dir);
    assert_eq!(
        v.crls().signed_by(0, &ca),
        qoltanba::signature::SignatureCheck::Valid
    );
}

#[test]
fn rsa_individual_sign_2022() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let c = cert(&dir.join("individual_sign_2022.cer"));
    assert_eq!(c.serial_hex(), "41E45CC8A04C705963E5CD6769848A934D8EAEF5");
    let v = rsa_verifier(&dir);
    let mut e = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    e.iin = Some(Iin::parse("123456789011").unwrap());
    let verdict = v.check_certificate(&c, &e);
    assert_eq!(verdict.verdict, Overall::Valid, "{verdict:#?}");
    assert_eq!(
        verdict.subject.iin.map(|i| i.to_string()).as_deref(),
        Some("123456789011")
    );
    // NCA test IINs fail the official check digit: strict policy refuses and names the cause.
    e.checksum = ChecksumPolicy::Strict;
    let strict = v.check_certificate(&c, &e);
    assert_eq!(strict.verdict, Overall::Invalid);
    assert_eq!(outcome(&strict, CheckName::Checksum), Outcome::Failed);
    assert!(strict
        .check(CheckName::Checksum)
        .unwrap()
        .reason
        .contains("check digit"));
    // Stale CRL at 2023-01-01: not provable (the certificate is still valid until 2023-01-18).
    let stale = v.check_certificate(&c, &Expectation::at(common::time("2023-01-01T00:00:00Z")));
    assert_eq!(stale.verdict, Overall::Indeterminate, "{stale:#?}");
    assert_eq!(outcome(&stale, CheckName::Revocation), Outcome::Unknown);
    // Expired at 2023-06-01.
    let expired = v.check_certificate(&c, &Expectation::at(common::time("2023-06-01T00:00:00Z")));
    assert_eq!(expired.verdict, Overall::Invalid);
    assert_eq!(outcome(&expired, CheckName::Validity), Outcome::Failed);
    // IIN mismatch.
    let mut other = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    other.iin = Some(Iin::parse("111111111111").unwrap());
    let mismatch = v.check_certificate(&c, &other);
    assert_eq!(mismatch.verdict, Overall::Invalid);
    assert_eq!(outcome(&mismatch, CheckName::IinMatch), Outcome::Failed);
    // An individual's certificate carries no BIN.
    let mut bin = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    bin.bin = Some(Bin::parse("123456789021").unwrap());
    assert_eq!(
        outcome(&v.check_certificate(&c, &bin), CheckName::BinMatch),
        Outcome::Failed
    );
}

#[test]
fn rsa_individual_auth_2022_is_refused_for_signing() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let c = cert(&dir.join("individual_auth_2022.cer"));
    assert_eq!(c.serial_hex(), "247C3FDA89FA641EA226987393CDAF3F5BAF24B3");
    let v = rsa_verifier(&dir);
    let at = common::time("2022-06-01T00:00:00Z");
    let sign = v.check_certificate(&c, &Expectation::at(at));
    assert_eq!(
        outcome(&sign, CheckName::Chain),
        Outcome::Passed,
        "it chains"
    );
    assert_eq!(outcome(&sign, CheckName::KeyUsage), Outcome::Failed);
    assert_eq!(sign.verdict, Overall::Invalid);
    let mut auth = Expectation::at(at);
    auth.purpose = Purpose::Auth;
    let auth = v.check_certificate(&c, &auth);
    assert_eq!(
        outcome(&auth, CheckName::KeyUsage),
        Outcome::Passed,
        "{auth:#?}"
    );
}

#[test]
fn rsa_person_sign_2020() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let c = cert(&dir.join("person_sign_2020.cer"));
    assert_eq!(c.serial_hex(), "1C1C4ADB45086B3529E004C96302AE974D4F09A4");
    assert_eq!(c.facts().locality.as_deref(), Some("НУР-СУЛТАН"));
    assert_eq!(c.facts().state.as_deref(), Some("НУР-СУЛТАН"));
    let v = rsa_verifier(&dir);
    let verdict = v.check_certificate(&c, &Expectation::at(common::time("2020-06-01T00:00:00Z")));
    // Valid at 2020-06-01: within its validity period, chains, signing key, right IIN.
    for check in [
        CheckName::Validity,
        CheckName::Chain,
        CheckName::KeyUsage,
        CheckName::CriticalExtensions,
    ] {
        assert_eq!(
            outcome(&verdict, check),
            Outcome::Passed,
            "{check:?}: {verdict:#?}"
        );
    }
    // The only CRL supplied was issued in 2022, after the certificate expired (and CAs prune
    // expired certificates): it cannot prove the status at 2020-06-01, and the verdict says so.
    assert_eq!(outcome(&verdict, CheckName::Revocation), Outcome::Unknown);
    assert_eq!(verdict.verdict, Overall::Indeterminate);
}

#[test]
fn gost_chains_are_never_valid_without_gost_support() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let g2004 = dir.join("gost2004");
    let v = Verifier::builder()
        .trust_path(&g2004.join("nca_gost_test.crt"))
        .unwrap()
        .crl_path(&g2004.join("nca_gost_test.crl"))
        .unwrap()
        .build();
    let c = cert(&g2004.join("ceo_sign_2022.cer"));
    assert_eq!(c.serial_hex(), "6CBD4560A33A58C0B07C3363C9AE0674A0838E58");
    assert_eq!(
        c.facts().bin.map(|b| b.to_string()).as_deref(),
        Some("123456789021")
    );
    let verdict = v.check_certificate(&c, &Expectation::at(common::time("2022-06-01T00:00:00Z")));
    assert_ne!(verdict.verdict, Overall::Valid);
    if verdict.check(CheckName::Chain).map(|c| c.outcome) == Some(Outcome::Unknown) {
        assert!(
            verdict
                .check(CheckName::Chain)
                .unwrap()
                .reason
                .contains("unsupported algorithm"),
            "{verdict:#?}"
        );
    }

    let g2015 = dir.join("gost2015");
    let root = cert(&g2015.join("root_test_gost_2022.cer"));
    assert!(root.is_self_issued());
    let ca = cert(&g2015.join("nca_gost2022_test.cer"));
    let v = Verifier::builder()
        .trust(root)
        .unwrap()
        .crl_path(&g2015.join("nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(
        &ca,
        &Expectation {
            purpose: Purpose::Any,
            ..Expectation::at(common::time("2026-11-23T00:00:00Z"))
        },
    );
    assert_eq!(verdict.verdict, Overall::Indeterminate, "{verdict:#?}");
    // The GOST CRL loads (its inner algorithm identifier omits the NULL of the outer one).
    let crl =
        Crl::all_from_input(&std::fs::read(g2015.join("nca_gost2022_test.crl")).unwrap()).unwrap();
    assert_eq!(crl[0].len(), 195);
}
