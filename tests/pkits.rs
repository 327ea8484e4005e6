//! NIST PKITS conformance (`../shared/pkits/`): every case of sections 4.1-4.7 and
//! 4.14-4.16 (123 cases, all delta-CRL cases among them) with the default revocation scope
//! must agree with `pkits.json` (an expected error means "not valid"; no error means
//! "valid"; the two valid DSA cases may instead report an unsupported algorithm). Policy and
//! name-constraint sections 4.8-4.13 are run too: they must not crash.
//! Skipped with a notice when `../shared` is absent.

mod common;

use qoltanba::Judged as _;
use std::path::Path;

use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Purpose, Verdict, Verifier};
use serde_json::Value;

/// Inside every PKITS certificate's validity period (2010..2030).
const AT: &str = "2020-01-01T00:00:00Z";

fn run_case(dir: &Path, case: &Value) -> Verdict {
    let strings = |k: &str| -> Vec<String> {
        case[k]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut b = Verifier::builder()
        .trust_path(dir.join("certs/TrustAnchorRootCertificate.crt"))
        .unwrap();
    for c in strings("other_certs") {
        b = b.intermediate_path(dir.join("certs").join(c)).unwrap();
    }
    // The trust anchor's own CRL is part of every PKITS setting.
    let mut crls = strings("crls");
    crls.push("TrustAnchorRootCRL.crl".into());
    for c in crls {
        b = b.crl_path(dir.join("crls").join(c)).unwrap();
    }
    let verifier = b.build();
    let cert = Certificate::from_input(
        &std::fs::read(dir.join("certs").join(case["cert"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    // PKITS end-entity certificates carry arbitrary key usages: path validation only.
    let expect = Expectation {
        purpose: Purpose::Any,
        ..Expectation::at(common::time(AT))
    };
    verifier.check_certificate(&cert, &expect)
}

fn in_required_sections(id: &str) -> bool {
    matches!(
        &id[..3],
        "401" | "402" | "403" | "404" | "405" | "406" | "407" | "414" | "415" | "416"
    )
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn pkits_sections_4_1_to_4_7_and_4_14_to_4_16_agree() {
    let Some(dir) = common::shared("pkits") else {
        return;
    };
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("pkits.json")).unwrap()).unwrap();
    let mut required = 0;
    let mut agree = 0;
    let mut disagreements = Vec::new();
    let mut others = 0;
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let verdict = run_case(&dir, case);
        if !in_required_sections(id) {
            others += 1; // must merely not crash
            continue;
        }
        required += 1;
        let expect_valid = case.get("error").is_none();
        let ok = if expect_valid {
            verdict.overall() == Overall::Valid
                || (matches!(id, "40104" | "40105")
                    && verdict.overall() == Overall::Indeterminate
                    && verdict.check(CheckName::Chain).is_some_and(|c| {
                        c.outcome() == Outcome::Unknown
                            && c.reason().contains("unsupported algorithm")
                    }))
        } else {
            verdict.overall() != Overall::Valid
        };
        if ok {
            agree += 1;
        } else {
            let checks: Vec<String> = verdict
                .checks()
                .iter()
                .filter(|c| c.outcome() != Outcome::Passed)
                .map(|c| format!("{}={:?}: {}", c.name().as_str(), c.outcome(), c.reason()))
                .collect();
            disagreements.push(format!(
                "{id} {}: expected {}, got {} [{}]",
                case["name"].as_str().unwrap_or(""),
                if expect_valid { "valid" } else { "not valid" },
                verdict.overall().as_str(),
                checks.join(" | ")
            ));
        }
    }
    println!("PKITS: {agree} of {required} required cases agree; {others} other cases ran without crashing");
    assert_eq!(required, 123, "the required sections hold 123 cases");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
