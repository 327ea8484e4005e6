//! Review 101 (hostile), tests only: commits 8d3dcbd (src/revocation/status/walk.rs
//! `numbered_above` asks only CRLs not predating the certificate), eee58fd
//! (src/server/jwt/json.rs `same_value` / `decimal`, used by `numbers_as_written` from
//! src/server/jwt/mod.rs `Token::read` on `/jwt/decode`) and 191b15f's
//! `Certificate::extended_key_usage_allows` shared by `key_purposes`.
//!
//! Material: the test PKI's `individual_sign.cer` (notBefore 2026-01-01T00:00:00Z) under
//! `nca_rsa.cer`, complete CRLs of the CA (given, time-stamped and claimed times, every
//! order), the CA certificate re-issued by the root with the same key, RS256 tokens signed
//! with the test keys and the RSA service in process, every certificate of the test PKI and
//! of `../shared/nca-test-pki/`.
//!
//! Findings (`defect_` tests, failing against this code):
//!
//! 1. (fixed) `jwt_decode_takes_shortest_floats` (was
//!    `defect_jwt_decode_refuses_shortest_floats_serde_json_misreads`) (false refusal): serde_json
//!    without `float_roundtrip` reads some shortest round-trip floats (as Python, JavaScript and
//!    serde_json itself write them, e.g. `1.0715660391465826e-75`) one ULP off;
//!    `numbers_as_written` then sees other digits and `/jwt/decode` refuses the honest token (400).
//!    `same_value` itself conflates nothing (held below).
//!
//! Held (`held_` tests): a CRL numbered above a proof but issued one second before the
//! certificate voids nothing (VALID), and its keyCompromise entry of the serial gives no
//! INVALID (alone, no VALID either), one of the certificate's first instant does (not
//! VALID, any time source); the voiding works across a CA certificate re-issued with the
//! same key, and an honest sequence across the re-issue stays VALID; under a claimed time
//! the voided proof never gives VALID; `same_value` keeps signs, exponents near the i64
//! limits, 65-bit integers, underflows and 400-digit numbers apart (refused, never 5xx);
//! `key_purposes` is unchanged for every certificate of both PKIs (the old closure
//! re-implemented and compared).
#![cfg(feature = "server")]

mod common;

use common::evidence::*;
use common::forge::Ca;
use common::jwt::decode;
use common::service::Service;
use common::{pki, rsa_verifier};
use qoltanba::{Certificate, Expectation, Overall};
use serde_json::json;

// --- the service --------------------------------------------------------------------------

/// Finite f64s (a fixed xorshift over bit patterns) whose shortest text, as serde_json
/// (ryu), Python's `repr` and JavaScript's `String` write it, serde_json reads back as
/// another f64: at most `n` of them, with the explicit edge values that fail so.
fn misread_floats(n: usize) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let explicit = [
        5e-324,
        2.2250738585072014e-308,
        2.225073858507201e-308,
        1.7976931348623157e308,
        0.1 + 0.2,
        9007199254740993.0,
        1.2345678901234567e-300,
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut candidates: Vec<f64> = explicit.to_vec();
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        candidates.push(f64::from_bits(x));
    }
    for f in candidates {
        if !f.is_finite() || out.len() >= n {
            continue;
        }
        let text = serde_json::to_string(&f).unwrap();
        let back: f64 = serde_json::from_str(&text).unwrap();
        if back.to_bits() != f.to_bits() {
            out.push((f, text));
        }
    }
    out
}

// --- the CRL walk ---------------------------------------------------------------------------

/// Given at 11-23, time-stamped at 11-23, claimed at 11-10, 11-20 and a second after the
/// proof (each checked at 11-23).
fn times() -> Vec<(&'static str, Expectation)> {
    vec![
        ("given", judged_at(AT, None, false)),
        ("time-stamped", judged_at(AT, Some(AT), false)),
        (
            "claimed 11-10",
            judged_at("2026-11-10T00:00:00Z", Some(AT), true),
        ),
        (
            "claimed 11-20",
            judged_at("2026-11-20T00:00:00Z", Some(AT), true),
        ),
        (
            "claimed 11-15T00:00:02",
            judged_at("2026-11-15T00:00:02Z", Some(AT), true),
        ),
    ]
}

/// Every order of `crls` judged for the target with `extra` intermediates under each of
/// `times()` whose name starts with one of `which`: the verdicts that are not `ok`.
fn bad_verdicts(
    crls: &[Vec<u8>],
    extra: &[Certificate],
    which: &[&str],
    ok: impl Fn(Overall) -> bool,
) -> Vec<String> {
    let mut bad = Vec::new();
    for (what, e) in times() {
        if !which.iter().any(|w| what.starts_with(w)) {
            continue;
        }
        for c in permutations(crls) {
            let (o, why) = judge_extra(&target(), &c, &[], extra, &e);
            if !ok(o) {
                bad.push(format!("{what}: {o:?}: {why}"));
            }
        }
    }
    bad.dedup();
    bad
}

/// The CA certificate re-issued by the root (another serial, same name and key), and it
/// as a CA.
fn reissued_ca() -> (Certificate, Ca) {
    ca_made(&root(), &[0x7e, 0x10, 0x01], None, "nca_rsa", |_| {})
}

// --- defects --------------------------------------------------------------------------------

/// DEFECT (false refusal of honest input). Float claims written as their shortest
/// round-trip text (Python's `repr`, JavaScript's `String`, serde_json's own ryu output):
/// `1.2345678901234568e-300`, `1.0715660391465826e-75`, `-1.81996730402717e-179`,
/// `-1.603964615428183e+143` (found by a fixed search). serde_json, built without its
/// `float_roundtrip` feature (Cargo.toml), reads each as a neighbouring f64 (one ULP off),
/// so src/server/jwt/json.rs `numbers_as_written` (from src/server/jwt/mod.rs
/// `Token::read`) sees other digits come back and `/jwt/decode` answers 400 for a token
/// any exact reader (NCANode's Jackson, Python, JavaScript) decodes. Expected: 200 and
/// `valid: true`, the value handed out as signed (an exact float reader).
///
/// Found by review 101 (was a defect). Fixed: serde_json is built with `float_roundtrip`
/// (Cargo.toml): it reads every float exactly, so a shortest round-trip float writes back as
/// written, on `/jwt/decode` and `/jwt/encode` alike.
#[test]
fn jwt_decode_takes_shortest_floats() {
    let found = misread_floats(4);
    eprintln!("misread by serde_json: {found:?}");
    let svc = Service::start(rsa_verifier(), AT);
    let mut bad = Vec::new();
    for (f, text) in &found {
        let (status, answer, raw) = decode(&svc, &format!(r#"{{"sub":"x","v":{text}}}"#));
        if !(status == 200 && answer["valid"] == json!(true)) {
            bad.push(format!("{text} ({f:e}, read {}): {status} {raw}", {
                let back: f64 = serde_json::from_str(text).unwrap();
                format!("{back:e}")
            }));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// --- held -----------------------------------------------------------------------------------

/// HELD (the exemption's boundary). Complete #11 listing the target's serial on hold and
/// complete #9 (11-22 .. 11-24) omitting it. #11 issued 2025-12-31T23:59:59, a second
/// before the target's notBefore (its entry is another certificate's): #9's proof stands,
/// VALID at 11-23 given and time-stamped, every order. #11 issued at the notBefore instant
/// itself (hold since then): it is numbered above #9 and issued no later, #9 cannot show
/// the hold lifted: never VALID, any time source, every order.
#[test]
fn held_the_predating_exemption_ends_at_the_not_before_instant() {
    let p9 = || crl(9, "261122000000Z", "261124000000Z", &[]);
    let early = crl(
        11,
        "251231235959Z",
        "260201000000Z",
        &[("251230000000Z", HOLD)],
    );
    let bad = bad_verdicts(&[early, p9()], &[], &["given", "time"], |o| {
        o == Overall::Valid
    });
    assert!(bad.is_empty(), "predating #11: {}", bad.join("\n"));
    let first = crl(
        11,
        "260101000000Z",
        "260201000000Z",
        &[("260101000000Z", HOLD)],
    );
    let bad = bad_verdicts(&[first, p9()], &[], &[""], |o| o != Overall::Valid);
    assert!(bad.is_empty(), "#11 of the notBefore: {}", bad.join("\n"));
}

/// HELD (claimed time; `Walk::newest_key` may name the voided CRL). Complete #11
/// (11-15 .. 11-16) lists the target on hold since 11-14; complete #9 a second later
/// (11-15T00:00:01 .. 11-24) omits it. Claimed 11-10, 11-20 and 11-15T00:00:02 (checked
/// 11-23), given and time-stamped at 11-23: never VALID, every order.
#[test]
fn held_a_voided_proof_gives_no_valid_under_a_claimed_time() {
    let c11 = crl(
        11,
        "261115000000Z",
        "261116000000Z",
        &[("261114000000Z", HOLD)],
    );
    let p9 = crl(9, "261115000001Z", "261124000000Z", &[]);
    let bad = bad_verdicts(&[c11, p9], &[], &[""], |o| o != Overall::Valid);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// HELD (a CA certificate re-issued with the same key). The root re-issues `nca_rsa.cer`
/// (new serial, same name and key), offered as an intermediate. Honest: #9 (11-01 .. 11-16)
/// by the original and #10 (11-22 .. 11-24) by the re-issue, both omitting the target:
/// VALID given and time-stamped, every order. Attack: #11 (11-15, hold since 11-14) by the
/// original and #9 a second later by the re-issue: the same key signs both, so #9 is still
/// voided: never VALID, any time source.
#[test]
fn held_a_reissued_ca_certificate_neither_splits_nor_voids_a_sequence() {
    let (again, ca2) = reissued_ca();
    let honest = [
        crl(9, "261101000000Z", "261116000000Z", &[]),
        ca2.crl(&spec(10, "261122000000Z", "261124000000Z", &[])),
    ];
    let bad = bad_verdicts(
        &honest,
        std::slice::from_ref(&again),
        &["given", "time"],
        |o| o == Overall::Valid,
    );
    assert!(bad.is_empty(), "honest: {}", bad.join("\n"));
    let attack = [
        crl(
            11,
            "261115000000Z",
            "261116000000Z",
            &[("261114000000Z", HOLD)],
        ),
        ca2.crl(&spec(9, "261115000001Z", "261124000000Z", &[])),
    ];
    let bad = bad_verdicts(&attack, &[again], &[""], |o| o != Overall::Valid);
    assert!(bad.is_empty(), "attack: {}", bad.join("\n"));
}

/// HELD (`same_value` and `decimal`). Numbers whose value serde_json would change, or
/// which `decimal` could conflate: a sign on non-zero numbers (`-1e-400` reads as -0.0),
/// exponents at and past the i64 limits (`1e9223372036854775807`,
/// `1e-9223372036854775808`, `1000e-9223372036854775808`, `1.5e-9223372036854775808`,
/// `1e99999999999999999999`), u64::MAX+1, i64::MIN-1, 400-digit integers and fractions,
/// a 17-significant-digit decimal that is not its float's shortest text: refused (400),
/// never handed out under `valid: true`, never a 5xx. Honest spellings of one value
/// (`0e5`, `-0.0E+0`, `1e-05`, `1.5E7`, `5e-324`, `-9223372036854775808`) decode.
#[test]
fn held_same_value_conflates_no_two_values_and_never_panics() {
    let svc = Service::start(rsa_verifier(), AT);
    let big = format!("1{}", "0".repeat(400));
    let tiny = format!("0.{}1", "0".repeat(400));
    let refused = [
        "-1e-400",
        "1e-400",
        "1e9223372036854775807",
        "1e-9223372036854775808",
        "1000e-9223372036854775808",
        "1.5e-9223372036854775808",
        "1e99999999999999999999",
        "18446744073709551616",
        "-9223372036854775809",
        "0.10000000000000001",
        "2.22507385850720138e-308",
        big.as_str(),
        tiny.as_str(),
    ];
    let mut bad = Vec::new();
    for n in refused {
        let (status, answer, raw) = decode(&svc, &format!(r#"{{"sub":"x","v":{n}}}"#));
        if status >= 500 || status == 0 || (status == 200 && answer["valid"] == json!(true)) {
            bad.push(format!("{n}: {status} {raw}"));
        }
    }
    for n in [
        "0e5",
        "-0.0E+0",
        "1e-05",
        "1.5E7",
        "5e-324",
        "-9223372036854775808",
    ] {
        let (status, answer, raw) = decode(&svc, &format!(r#"{{"sub":"x","v":{n}}}"#));
        if !(status == 200 && answer["valid"] == json!(true)) {
            bad.push(format!("honest {n}: {status} {raw}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The certificates of the test PKI and of `../shared/nca-test-pki/` (DER or PEM, any
/// `.cer`, `.crt`, `.pem` that reads as one certificate), by path.
fn all_certificates() -> Vec<(String, Certificate)> {
    let mut dirs = vec![pki("")];
    if let Some(p) = common::shared("nca-test-pki") {
        dirs.push(p);
    }
    let mut out = Vec::new();
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or_default();
            if !["cer", "crt", "pem"].contains(&ext) {
                continue;
            }
            if let Ok(c) = Certificate::from_input(&std::fs::read(&p).unwrap()) {
                out.push((p.display().to_string(), c));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `key_purposes` as it was before 191b15f (its closure, re-implemented from the public
/// `key_usage` and `extended_key_usage`): (signing, authentication).
fn old_key_purposes(c: &Certificate) -> (bool, bool) {
    use qoltanba::KeyUsage;
    let ku = c.key_usage().unwrap_or_default();
    let allows = |purposes: &[&str]| match c.extended_key_usage() {
        None => true,
        Some(eku) => {
            eku.iter().all(|o| o.starts_with("1.2.398."))
                || eku
                    .iter()
                    .any(|o| o == "2.5.29.37.0" || purposes.contains(&o.as_str()))
        }
    };
    let sign =
        c.key_usage().is_some() && ku.has(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION);
    let auth = c.key_usage().is_some()
        && ku.has(KeyUsage::DIGITAL_SIGNATURE)
        && (ku.has(KeyUsage::KEY_ENCIPHERMENT) || ku.has(KeyUsage::KEY_AGREEMENT));
    (
        sign && allows(&["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36"]),
        auth && allows(&["1.3.6.1.5.5.7.3.2"]),
    )
}

/// HELD (no change by the refactoring). For every certificate of the test PKI and of
/// `../shared/nca-test-pki/`, `key_purposes` equals the closure it had before 191b15f;
/// and the named keys keep their purposes: the test PKI's and the NCA's 2022 signing
/// certificates sign, their authentication certificates authenticate.
#[test]
fn held_key_purposes_unchanged_for_both_pkis() {
    let certs = all_certificates();
    assert!(certs.len() > 10, "{} certificates", certs.len());
    let mut bad = Vec::new();
    for (path, c) in &certs {
        let now = c.key_purposes();
        let was = old_key_purposes(c);
        eprintln!("{path}: sign {} auth {}", now.signing, now.authentication);
        if (now.signing, now.authentication) != was {
            bad.push(format!("{path}: now {now:?}, was {was:?}"));
        }
    }
    let named = |end: &str| {
        certs
            .iter()
            .find(|(p, _)| p.ends_with(end))
            .map(|(_, c)| c.key_purposes())
    };
    if let Some(p) = named("pki/individual_sign.cer") {
        assert!(p.signing, "individual_sign: {p:?}");
    }
    if let Some(p) = named("pki/individual_auth.cer") {
        assert!(p.authentication, "individual_auth: {p:?}");
    }
    if let Some(p) = named("rsa/individual_sign_2022.cer") {
        assert!(p.signing, "NCA individual_sign_2022: {p:?}");
    }
    if let Some(p) = named("rsa/individual_auth_2022.cer") {
        assert!(p.authentication, "NCA individual_auth_2022: {p:?}");
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// HELD (a predating CRL's entry is another certificate's). Complete #11 issued
/// 2025-12-31T23:59:59, a second before the target's notBefore, lists the target's serial
/// as keyCompromise since 2025-12-01; complete #9 (11-22 .. 11-24) omits it. The entry
/// concerns an older certificate of the serial: never INVALID, any time source (given,
/// time-stamped, the claimed times), every order; and with #11 alone, never VALID (it
/// proves nothing of the target) nor INVALID.
#[test]
fn held_a_predating_crls_entry_is_another_certificates() {
    let c11 = || {
        crl(
            11,
            "251231235959Z",
            "270101000000Z",
            &[("251201000000Z", KEY_COMPROMISE)],
        )
    };
    let p9 = crl(9, "261122000000Z", "261124000000Z", &[]);
    let bad = bad_verdicts(&[c11(), p9], &[], &[""], |o| o != Overall::Invalid);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let bad = bad_verdicts(&[c11()], &[], &[""], |o| {
        o != Overall::Invalid && o != Overall::Valid
    });
    assert!(bad.is_empty(), "#11 alone: {}", bad.join("\n"));
}
