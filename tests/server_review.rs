//! Review 25 (hostile): every route's `valid` (and per-signer/per-certificate `valid`,
//! `revoked`, `revocations`) against the library's verdict, and the request fields that
//! should restrict the judgement. Each test asserts the correct, safe answer; the `held_`
//! ones are attacks that failed (regression tests), the others fail today by design
//! (defects).
//!
//! The service runs in process on loopback (`tests/common/service.rs`), with the RSA side
//! of the test PKI (root.cer trusted, nca_rsa.cer offered, its current CRL, in which
//! revoked.cer is revoked since 2026-06-01 for keyCompromise), judging at
//! 2026-11-23T00:00:00Z.
#![cfg(feature = "server")]

mod common;

use base64::Engine as _;
use common::service::Service;
use common::{pki, rsa_verifier, time};
use qoltanba::keys::SigningKey;
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).unwrap()
}

fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&file(name), None).unwrap()
}

fn service() -> Service {
    Service::start(rsa_verifier(), AT)
}

/// A CMS by `who` (`<who>.cer`, `<who>.key.pem`) over `content`, signingTime `AT`.
fn cms(who: &str, content: &[u8], detached: bool) -> Vec<u8> {
    let cert = qoltanba::Certificate::from_input(&file(&format!("{who}.cer"))).unwrap();
    let k = key(&format!("{who}.key.pem"));
    let request = qoltanba::cms::SignRequest::new(&cert, time(AT)).detached(detached);
    qoltanba::cms::sign(content, &request, &k).unwrap()
}

/// The library's word in a `/v1/verify` answer (`valid`, `invalid`, `indeterminate`).
fn v1_word(answer: &Value) -> &str {
    answer["verdict"]["verdict"].as_str().unwrap_or("<none>")
}

// --- defects ------------------------------------------------------------------------

/// DEFECT. `/v1/verify` (and `/v1/barcode/verify`, and `/v1/verify` under a profile, which
/// share `native::Identity::expectation`) takes the request's `at` as
/// `TimeSource::Given`: a time the caller vouches for. But the service's caller is an
/// HTTP client relaying a time it does not vouch for (typically the document's own
/// signingTime), and nothing in the request says it is proven. So anyone who can shape a
/// request backdates `at` to before a revocation and gets `valid`, even for a key revoked
/// for keyCompromise, which the library's own `TimeSource::Claimed` rule says is revoked at
/// any claimed time (the signature may have been made with the stolen key at any moment).
///
/// Input: a CMS by revoked.cer (revoked 2026-06-01, keyCompromise, in the configured CRL),
/// `"at": "2026-05-01T00:00:00Z"`; the server's clock is 2026-11-23. Answer today:
/// `verdict: "valid"`. Expected: not valid (the request's `at` judged as
/// `TimeSource::Claimed { checked_at: clock }`, or refused unless the caller is trusted to
/// vouch for it). Locus: `src/server/native.rs`, `Identity::expectation`.
#[test]
fn v1_verify_backdated_at_clears_a_key_compromise_revocation() {
    let s = service();
    let r = cms("revoked", b"contract", false);
    // Baseline: at the server's clock the revocation counts.
    let (st, a) = s.post("/v1/verify", &json!({"cms": b64(&r)}).to_string());
    assert_eq!(st, 200);
    assert_eq!(v1_word(&a), "invalid", "{a}");
    // The attack: the same signature, the request's `at` a month before the revocation.
    let (st, a) = s.post(
        "/v1/verify",
        &json!({"cms": b64(&r), "at": "2026-05-01T00:00:00Z"}).to_string(),
    );
    assert_eq!(st, 200);
    assert_ne!(
        v1_word(&a),
        "valid",
        "a key revoked for keyCompromise is valid at a backdated request time: {a}"
    );
}

// --- attacks that held ----------------------------------------------------------------

/// `/cms/verify` and `/v1/verify`: `data` restricts the judgement. An attached CMS with
/// other `data`, a detached CMS without `data` or with other `data`: never valid.
#[test]
fn held_cms_data_restricts_the_judgement() {
    let s = service();
    let attached = cms("individual_sign", b"A", false);
    let detached = cms("individual_sign", b"A", true);
    for route in ["/cms/verify", "/v1/verify"] {
        for body in [
            json!({"cms": b64(&attached), "data": b64(b"B")}),
            json!({"cms": b64(&detached)}),
            json!({"cms": b64(&detached), "data": b64(b"B")}),
        ] {
            let (st, a) = s.post(route, &body.to_string());
            assert_eq!(st, 200, "{route}: {a}");
            let valid = if route == "/cms/verify" {
                a["valid"] == json!(true)
            } else {
                v1_word(&a) == "valid"
            };
            assert!(!valid, "{route} {body}: {a}");
        }
        // Baseline: the right data is valid.
        let (_, a) = s.post(
            route,
            &json!({"cms": b64(&detached), "data": b64(b"A")}).to_string(),
        );
        let valid = if route == "/cms/verify" {
            a["valid"] == json!(true)
        } else {
            v1_word(&a) == "valid"
        };
        assert!(valid, "{route}: {a}");
    }
    // `/cms/extract` hands nothing out of a detached CMS.
    let (_, a) = s.post("/cms/extract", &json!({"cms": b64(&detached)}).to_string());
    assert_eq!(a["valid"], json!(false));
    assert!(a.get("data").is_none(), "{a}");
}

/// A revoked certificate: `valid: false` and `revocations[0].revoked: true` (its own
/// status, not a CA's) on `/x509/info`, `/x509/verify` (a good signature by its key) and
/// per signer on `/cms/verify`; `/cms/extract` hands no content out.
#[test]
fn held_revoked_certificate_is_reported_revoked_everywhere() {
    let s = service();
    let (_, a) = s.post(
        "/x509/info",
        &json!({"certs": [b64(&file("individual_sign.cer")), b64(&file("revoked.cer"))]})
            .to_string(),
    );
    assert_eq!(a["valid"], json!(false), "{a}");
    assert_eq!(a["signers"][0]["valid"], json!(true), "{a}");
    assert_eq!(a["signers"][1]["valid"], json!(false), "{a}");
    assert_eq!(a["signers"][1]["revocations"][0]["revoked"], json!(true));
    assert_eq!(a["signers"][0]["revocations"][0]["revoked"], json!(false));

    let sig = key("revoked.key.pem").sign(b"hello").unwrap();
    let (_, a) = s.post(
        "/x509/verify",
        &json!({"certificate": b64(&file("revoked.cer")), "signature": b64(&sig), "data": "hello"})
            .to_string(),
    );
    assert_eq!(a["valid"], json!(false), "{a}");
    assert_eq!(a["signers"][0]["revocations"][0]["revoked"], json!(true));

    let r = cms("revoked", b"A", false);
    let (_, a) = s.post("/cms/verify", &json!({"cms": b64(&r)}).to_string());
    assert_eq!(a["valid"], json!(false), "{a}");
    let cert = &a["signers"][0]["certificates"][0];
    assert_eq!(cert["valid"], json!(false), "{a}");
    assert_eq!(cert["revocations"][0]["revoked"], json!(true), "{a}");
    let (_, a) = s.post("/cms/extract", &json!({"cms": b64(&r)}).to_string());
    assert_eq!(a["valid"], json!(false));
    assert!(a.get("data").is_none(), "{a}");
    // A certificate on hold, an expired one: not valid either.
    for c in ["on_hold.cer", "expired.cer"] {
        let (_, a) = s.post("/x509/info", &json!({"certs": [b64(&file(c))]}).to_string());
        assert_eq!(a["valid"], json!(false), "{c}: {a}");
    }
}

/// A CMS whose SignerInfos are removed: no route calls it valid, `signers: "any"`
/// included (any of none is none).
#[test]
fn held_cms_without_signers_is_not_valid() {
    let s = service();
    let a = cms("individual_sign", b"A", false);
    let none = common::forge::replace_at(&a, &[1, 0, 4], &[0x31, 0]);
    let (_, x) = s.post("/cms/verify", &json!({"cms": b64(&none)}).to_string());
    assert_eq!(x["valid"], json!(false), "{x}");
    let (_, x) = s.post("/cms/extract", &json!({"cms": b64(&none)}).to_string());
    assert_eq!(x["valid"], json!(false), "{x}");
    assert!(x.get("data").is_none(), "{x}");
    for signers in ["all", "any"] {
        let (_, x) = s.post(
            "/v1/verify",
            &json!({"cms": b64(&none), "signers": signers}).to_string(),
        );
        assert_eq!(v1_word(&x), "invalid", "{x}");
    }
}

/// `/v1/verify`'s `iin` and `bin` restrict the judgement: another IIN, a BIN asked of an
/// individual's certificate: invalid, for CMS and XML alike.
#[test]
fn held_v1_verify_iin_and_bin_restrict_the_signer() {
    let s = service();
    let a = cms("individual_sign", b"A", false);
    let xml = String::from_utf8(file("xades/xades_b.xml")).unwrap();
    for (what, body) in [
        ("cms iin", json!({"cms": b64(&a), "iin": "000000000000"})),
        ("cms bin", json!({"cms": b64(&a), "bin": "000000000000"})),
        ("xml iin", json!({"xml": xml, "iin": "000000000000"})),
        ("xml bin", json!({"xml": xml, "bin": "000000000000"})),
    ] {
        let (st, x) = s.post("/v1/verify", &body.to_string());
        assert_eq!(st, 200, "{what}: {x}");
        assert_eq!(v1_word(&x), "invalid", "{what}: {x}");
    }
    // Baseline: without them both are valid.
    let (_, x) = s.post("/v1/verify", &json!({"cms": b64(&a)}).to_string());
    assert_eq!(v1_word(&x), "valid", "{x}");
    let (_, x) = s.post("/v1/verify", &json!({"xml": xml}).to_string());
    assert_eq!(v1_word(&x), "valid", "{x}");
}

/// Documents without any signature: `valid: false` on `/xml/verify`, `/wsse/verify`,
/// `/pdf/verify`; a signed XML that is not a SOAP envelope is not valid on `/wsse/verify`.
#[test]
fn held_unsigned_documents_are_not_valid() {
    let s = service();
    for route in ["/xml/verify", "/wsse/verify"] {
        let (st, a) = s.post(route, &json!({"xml": "<a/>"}).to_string());
        assert_eq!(st, 200);
        assert_eq!(a["valid"], json!(false), "{route}: {a}");
    }
    let xml = String::from_utf8(file("xades/xades_b.xml")).unwrap();
    let (_, a) = s.post("/wsse/verify", &json!({"xml": xml}).to_string());
    assert_eq!(a["valid"], json!(false), "{a}");
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF";
    let (st, a) = s.post("/pdf/verify", &json!({"pdf": b64(pdf)}).to_string());
    assert!(st == 200 || st == 400, "{st}: {a}");
    assert_ne!(a["valid"], json!(true), "{a}");
}

/// Hostile `at` values (year 1, year 9999 at -14:00, a leap second, a negative year,
/// sub-nanosecond digits): a 4xx or a judgement, never a 5xx; at the ends of time nothing
/// is valid.
#[test]
fn held_hostile_at_values_never_5xx() {
    let s = service();
    let a = cms("individual_sign", b"A", false);
    for at in [
        "0001-01-01T00:00:00Z",
        "0000-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-14:00",
        "-0001-01-01T00:00:00Z",
        "2026-06-30T23:59:60Z",
        "2026-11-23T00:00:00.9999999999999Z",
    ] {
        let (st, x) = s.post("/v1/verify", &json!({"cms": b64(&a), "at": at}).to_string());
        assert!(st == 200 || st == 400, "{at}: {st} {x}");
        if at.starts_with("0") || at.starts_with("9999") {
            assert_ne!(v1_word(&x), "valid", "{at}: {x}");
        }
    }
}
