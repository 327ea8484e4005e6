//! Every row of `test-vectors/expected.json` (the project's own PKI) gets the verdict, the
//! failed checks and the unknown checks the table states; and where `openssl verify` can
//! express a row, OpenSSL agrees with the table too.

mod common;

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use qoltanba::identity::{Bin, ChecksumPolicy, Iin};
use qoltanba::{Certificate, Expectation, Outcome, Purpose, RevocationScope, Verifier};
use serde_json::Value;

fn pki() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki")
}

fn rows() -> Vec<Value> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/expected.json"),
    )
    .expect("expected.json");
    serde_json::from_str::<Vec<Value>>(&text).expect("expected.json is JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn verifier_for(row: &Value) -> Verifier {
    let mut b = Verifier::builder();
    for f in strings(&row["trust"]) {
        b = b.trust_path(pki().join(f)).unwrap();
    }
    for f in strings(&row["intermediates"]) {
        b = b.intermediate_path(pki().join(f)).unwrap();
    }
    for f in strings(&row["crls"]) {
        b = b.crl_path(pki().join(f)).unwrap();
    }
    b.revocation_scope(match row["revocation_scope"].as_str() {
        Some("chain") => RevocationScope::Chain,
        _ => RevocationScope::EndEntity,
    })
    .build()
}

fn expectation_for(row: &Value) -> Expectation {
    Expectation {
        at: common::time(row["at"].as_str().unwrap()),
        time_source: qoltanba::TimeSource::Given,
        iin: row["iin"].as_str().map(|s| Iin::parse(s).unwrap()),
        bin: row["bin"].as_str().map(|s| Bin::parse(s).unwrap()),
        purpose: match row["purpose"].as_str() {
            Some("auth") => Purpose::Auth,
            Some("any") => Purpose::Any,
            _ => Purpose::Sign,
        },
        checksum: if row["strict_checksum"].as_bool() == Some(true) {
            ChecksumPolicy::Strict
        } else {
            ChecksumPolicy::Lenient
        },
    }
}

#[test]
fn every_row_gets_its_expected_verdict() {
    let mut failures = Vec::new();
    let rows = rows();
    for row in &rows {
        let name = row["name"].as_str().unwrap();
        let cert = Certificate::from_input(
            &std::fs::read(pki().join(row["cert"].as_str().unwrap())).unwrap(),
        )
        .unwrap();
        let verdict = verifier_for(row).check_certificate(&cert, &expectation_for(row));
        let names = |o: Outcome| -> Vec<String> {
            let mut v: Vec<String> = verdict
                .checks()
                .iter()
                .filter(|c| c.outcome() == o)
                .map(|c| c.name().as_str().to_string())
                .collect();
            v.sort();
            v
        };
        let mut want_failed = strings(&row["failed_checks"]);
        let mut want_unknown = strings(&row["unknown_checks"]);
        want_failed.sort();
        want_unknown.sort();
        let got = (
            verdict.overall().as_str().to_string(),
            names(Outcome::Failed),
            names(Outcome::Unknown),
        );
        let want = (
            row["verdict"].as_str().unwrap().to_string(),
            want_failed,
            want_unknown,
        );
        if got != want {
            failures.push(format!(
                "{name}: got {got:?}, want {want:?}\n  checks: {:#?}",
                verdict.checks()
            ));
        }
        // A refusal exactly when not valid.
        assert_eq!(verdict.refusal().is_some(), !verdict.is_valid(), "{name}");
    }
    println!(
        "test-vectors: {} of {} rows agree",
        rows.len() - failures.len(),
        rows.len()
    );
    assert!(
        failures.is_empty(),
        "{} rows disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `openssl verify` agrees with the table (and so with the library) on every row it can
/// express. Skipped with a notice when openssl is not installed.
#[test]
fn openssl_verify_agrees_on_every_expressible_row() {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("NOTICE: openssl not found; skipping the openssl agreement test");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/check_openssl.sh");
    let out = Command::new("bash")
        .arg(&script)
        .output()
        .expect("run check_openssl.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "openssl disagrees with expected.json:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
