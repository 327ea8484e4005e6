//! x509-limbo conformance (`../shared/x509-limbo/limbo.json`).
//!
//! Every case of the suite is run through a [`Verifier`]: nothing may panic and every case
//! must finish (the `pathological::*` ones are timed and their times printed; no timing is
//! asserted). The cases that apply to a signing-certificate library are then judged against
//! limbo's expected result:
//!
//! * no applicable case expected to FAIL may come out valid (asserted strictly);
//! * every applicable case expected to SUCCEED must come out valid, except those on
//!   [`KNOWN_SUCCESS_DISAGREEMENTS`] (each with its diagnosis); a listed case that agrees
//!   again fails the test until it is taken off the list.
//!
//! Which cases apply: [`APPLICABLE_FAMILIES`], minus [`EXCLUDED_FAMILIES`] and
//! [`EXCLUDED_CASES`], each exclusion with its reason. A case in no family fails the test, so
//! a new limbo family is classified deliberately, never dropped silently. Excluded cases are
//! still run (they must not panic), and those whose result differs from limbo's are printed.
//!
//! Judging: a case that supplies CRLs is judged on the whole verdict (revocation scope
//! `EndEntity`). A case that supplies none cannot prove the end entity's revocation status
//! (the library reports it `unknown`), so it is judged on every check but `revocation`:
//! "valid" means no check failed and no other check is unknown. Input the library refuses
//! to read (an `Error`: malformed certificate or CRL) is "not valid".
//!
//! Skipped with a notice when `../shared` is absent.

mod common;

use qoltanba::Judged as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use qoltanba::revocation::Crl;
use qoltanba::VerifierOptions;
use qoltanba::{
    Certificate, CheckName, Expectation, Outcome, Purpose, RevocationScope, Verdict, Verifier,
};
use serde_json::Value;

/// The time judged when a case has no `validation_time` (limbo then means "now"). Every
/// certificate of those cases is valid from 1970 to 2969, except the deliberately expired
/// (1988) intermediate of `pathological::multiple-chains-expired-intermediate`, so a fixed
/// time stands in for the clock and keeps the test deterministic.
const NOW: &str = "2025-06-01T00:00:00Z";

/// Families (id prefixes) judged against limbo's expected result, unless excluded below.
const APPLICABLE_FAMILIES: &[&str] = &[
    "rfc5280::",
    "pathlen::",
    "crl::",
    "pathological::",
    "cve::",
    "invalid::",
];

/// Families (id prefixes) run but not judged, with the reason.
const EXCLUDED_FAMILIES: &[(&str, &str)] = &[
    (
        "webpki::",
        "CA/Browser Forum rules for TLS server certificates (peer names, serverAuth EKU, SAN presence, key sizes)",
    ),
    (
        "online::",
        "live TLS server chains judged with a DNS peer name; not signing certificates",
    ),
    (
        "rfc5280::nc::",
        "name constraints (DNS/IP/email/DN/otherName) are not processed: a critical nameConstraints is refused as unsupported",
    ),
];

/// Single cases of applicable families run but not judged, with the reason.
const EXCLUDED_CASES: &[(&str, &str)] = &[
    (
        "cve::cve-2025-61727",
        "DNS name constraints against a wildcard dNSName and a peer name",
    ),
    (
        "cve::cve-2025-61727-nc-permits-variant",
        "DNS name constraints against a wildcard dNSName and a peer name",
    ),
    (
        "rfc5280::eku::ee-wrong-eku",
        "fails only on the TLS serverAuth EKU policy (the leaf is clientAuth)",
    ),
    (
        "rfc5280::san::underscore-dns",
        "dNSName syntax of the SAN, which only peer-name matching interprets",
    ),
    (
        "rfc5280::san::ip-in-dns",
        "dNSName syntax of the SAN, which only peer-name matching interprets",
    ),
    (
        "rfc5280::ca-as-leaf-wrong-san",
        "fails only on the peer name (the SAN is not the expected DNS name)",
    ),
    (
        "rfc5280::aki::cross-signed-root-missing-aki",
        "limbo marks it pedantic-rfc5280: the AKI of a certificate used as trust anchor",
    ),
    (
        "rfc5280::serial::too-long",
        "limbo marks it pedantic-serial-number (issuance rule; no bearing on path or CRL matching)",
    ),
    (
        "rfc5280::serial::zero",
        "limbo marks it pedantic-serial-number; RFC 5280 4.1.2.2 asks users to handle zero serials gracefully",
    ),
    // CA issuance-profile rules that RFC 5280 puts on the issuing CA, not on path validation
    // (§6.1 does not consult them); OpenSSL accepts them too unless -x509_strict. NCA
    // certificates carry AKI and SKI and critical basicConstraints; refusing otherwise would
    // be a profile choice, made here explicitly not to.
    ("rfc5280::aki::leaf-missing-aki", "issuance rule (4.2.1.1): AKI presence is not a path-validation input"),
    ("rfc5280::aki::intermediate-missing-aki", "issuance rule (4.2.1.1): AKI presence is not a path-validation input"),
    ("rfc5280::ski::root-missing-ski", "issuance rule (4.2.1.2): SKI presence is not a path-validation input"),
    ("rfc5280::ski::intermediate-missing-ski", "issuance rule (4.2.1.2): SKI presence is not a path-validation input"),
    (
        "rfc5280::root-non-critical-basic-constraints",
        "issuance rule (4.2.1.9): the anchor's cA is honoured whether or not the extension is critical",
    ),
    (
        "rfc5280::san::noncritical-with-empty-subject",
        "issuance rule (4.2.1.6); an empty subject carries no IIN/BIN, so any identity match fails anyway",
    ),
    (
        "rfc5280::serial::negative",
        "limbo marks it pedantic-serial-number; RFC 5280 4.1.2.2 asks users to handle negative serials gracefully",
    ),
];

/// Applicable expected-SUCCESS cases the library refuses, with the diagnosis. Keep as short
/// as the truth allows.
const KNOWN_SUCCESS_DISAGREEMENTS: &[(&str, &str)] = &[
    (
        "pathlen::max-chain-depth-1-self-issued",
        "max_path_len counts every certificate, self-issued ones included; limbo's depth \
         (like RFC 5280 6.1 max_path_length) does not count self-issued intermediates",
    ),
    (
        "rfc5280::validity::notafter-fractional",
        "times are compared as instants, so 5 ms after notAfter is expired; limbo calls the \
         case ambiguous and expects floor(time) (the stricter reading is the safe one)",
    ),
];

fn strings(case: &Value, key: &str) -> Vec<String> {
    case[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// What the library made of a case: its verdict, or the reason it refused the input
/// (malformed certificate or CRL), which counts as not valid.
type Run = Result<Verdict, String>;

fn run_case(case: &Value) -> Run {
    let load = || -> qoltanba::Result<(Verifier, Certificate)> {
        let mut options = VerifierOptions {
            revocation_scope: RevocationScope::EndEntity,
            ..VerifierOptions::default()
        };
        // limbo's depth counts intermediates; max_path_len counts every certificate of the
        // path, end entity and anchor included.
        if let Some(depth) = case["max_chain_depth"].as_u64() {
            options.limits.max_path_len = depth as usize + 2;
        }
        let mut b = Verifier::builder().options(options);
        for pem in strings(case, "trusted_certs") {
            b = b.trust(Certificate::from_input(pem.as_bytes())?)?;
        }
        for pem in strings(case, "untrusted_intermediates") {
            b = b.intermediate(Certificate::from_input(pem.as_bytes())?)?;
        }
        for pem in strings(case, "crls") {
            b = b.crl(Crl::from_input(pem.as_bytes())?)?;
        }
        let peer = Certificate::from_input(case["peer_certificate"].as_str().unwrap().as_bytes())?;
        Ok((b.build(), peer))
    };
    let (verifier, peer) = match load() {
        Ok(v) => v,
        Err(e) => return Err(e.to_string()),
    };
    let at = common::time(case["validation_time"].as_str().unwrap_or(NOW));
    // limbo's usage expectations are TLS ones; the only cases asking for a key usage
    // (webpki::cryptographydotio-chain*, excluded) want digitalSignature alone, which
    // neither Purpose::Sign (+nonRepudiation) nor Purpose::Auth expresses. Applicable cases
    // are asserted below to ask for none: path validation only.
    let expect = Expectation {
        purpose: Purpose::Any,
        ..Expectation::at(at)
    };
    Ok(verifier.check_certificate(&peer, &expect))
}

/// Valid as judged: the whole verdict with CRLs; without, every check but revocation.
fn judged_valid(run: &Run, has_crls: bool) -> bool {
    match run {
        Err(_) => false,
        Ok(v) => v.checks().iter().all(|c| {
            c.outcome() == Outcome::Passed
                || (!has_crls
                    && c.name() == CheckName::Revocation
                    && c.outcome() == Outcome::Unknown)
        }),
    }
}

/// The checks that did not pass (revocation left out when the case has no CRL).
fn describe(run: &Run, has_crls: bool) -> String {
    match run {
        Err(e) => format!("input refused: {e}"),
        Ok(v) => {
            let checks: Vec<String> = v
                .checks()
                .iter()
                .filter(|c| c.outcome() != Outcome::Passed)
                .filter(|c| has_crls || c.name() != CheckName::Revocation)
                .map(|c| format!("{}={:?}: {}", c.name().as_str(), c.outcome(), c.reason()))
                .collect();
            if checks.is_empty() {
                "all judged checks passed".into()
            } else {
                checks.join(" | ")
            }
        }
    }
}

fn exclusion(id: &str) -> Option<&'static str> {
    EXCLUDED_CASES
        .iter()
        .find(|(c, _)| *c == id)
        .or_else(|| EXCLUDED_FAMILIES.iter().find(|(f, _)| id.starts_with(f)))
        .map(|(_, why)| *why)
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn limbo_applicable_cases_agree_and_no_failure_case_is_accepted() {
    let Some(dir) = common::shared("x509-limbo") else {
        return;
    };
    let suite: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("limbo.json")).unwrap()).unwrap();
    let cases = suite["testcases"].as_array().expect("testcases");
    let find = |id: &str| cases.iter().find(|c| c["id"].as_str() == Some(id));
    for (id, _) in EXCLUDED_CASES {
        assert!(find(id).is_some(), "excluded case {id} is not in the suite");
    }
    for (id, _) in KNOWN_SUCCESS_DISAGREEMENTS {
        let case = find(id).unwrap_or_else(|| panic!("listed case {id} is not in the suite"));
        assert_eq!(
            case["expected_result"], "SUCCESS",
            "{id} is listed as a known SUCCESS disagreement"
        );
    }

    let mut panics = Vec::new();
    let mut unclassified = Vec::new();
    let (mut applicable, mut agree, mut excluded) = (0, 0, 0);
    let mut accepted_failures = Vec::new();
    let mut refused_successes = Vec::new();
    let mut known = Vec::new();
    let mut known_now_agree = Vec::new();
    let mut excluded_differ = Vec::new();
    let mut slowest = (Duration::ZERO, "");
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let expect_success = match case["expected_result"].as_str() {
            Some("SUCCESS") => true,
            Some("FAILURE") => false,
            other => panic!("{id}: unexpected expected_result {other:?}"),
        };
        let has_crls = !strings(case, "crls").is_empty();
        let start = Instant::now();
        let Ok(run) = catch_unwind(AssertUnwindSafe(|| run_case(case))) else {
            panics.push(id);
            continue;
        };
        let elapsed = start.elapsed();
        if elapsed > slowest.0 {
            slowest = (elapsed, id);
        }
        if id.starts_with("pathological::") {
            println!("limbo time: {id}: {elapsed:?}");
        }
        let valid = judged_valid(&run, has_crls);
        let line = format!(
            "{id}: expected {}, got {} [{}]",
            if expect_success { "SUCCESS" } else { "FAILURE" },
            if valid { "valid" } else { "not valid" },
            describe(&run, has_crls)
        );
        if let Some(why) = exclusion(id) {
            excluded += 1;
            if valid != expect_success {
                excluded_differ.push(format!("{line} (not judged: {why})"));
            }
            continue;
        }
        if !APPLICABLE_FAMILIES.iter().any(|f| id.starts_with(f)) {
            unclassified.push(id);
            continue;
        }
        applicable += 1;
        // The harness maps no TLS usage expectations: an applicable case must ask for none.
        assert!(
            strings(case, "key_usage").is_empty() && strings(case, "extended_key_usage").is_empty(),
            "{id} asks for a key usage or extended key usage: classify it"
        );
        println!("limbo case: {line}");
        let listed = KNOWN_SUCCESS_DISAGREEMENTS.iter().find(|(l, _)| *l == id);
        if valid == expect_success {
            agree += 1;
            if listed.is_some() {
                known_now_agree.push(id);
            }
        } else if !expect_success {
            accepted_failures.push(line);
        } else if let Some((_, why)) = listed {
            known.push(format!("{line} (known: {why})"));
        } else {
            refused_successes.push(line);
        }
    }

    println!(
        "x509-limbo: {agree} of {applicable} applicable cases agree; {excluded} excluded cases \
         ran without judgement; slowest case {} in {:?}",
        slowest.1, slowest.0
    );
    for l in accepted_failures
        .iter()
        .chain(&refused_successes)
        .chain(&known)
    {
        println!("limbo disagreement: {l}");
    }
    for l in &excluded_differ {
        println!("limbo excluded, differs: {l}");
    }
    assert!(panics.is_empty(), "cases panicked: {panics:?}");
    assert!(
        unclassified.is_empty(),
        "cases in no applicable or excluded family: {unclassified:?}"
    );
    assert!(
        accepted_failures.is_empty(),
        "{} applicable expected-FAILURE cases come out valid:\n{}",
        accepted_failures.len(),
        accepted_failures.join("\n")
    );
    assert!(
        refused_successes.is_empty(),
        "{} applicable expected-SUCCESS cases refused (not on the known list):\n{}",
        refused_successes.len(),
        refused_successes.join("\n")
    );
    assert!(
        known_now_agree.is_empty(),
        "known disagreements that now agree (take them off the list): {known_now_agree:?}"
    );
}
