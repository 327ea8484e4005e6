//! Review 52 (hostile): the service's verdicts against the library's. Requests for which a
//! route answers `valid: true` (or a native verdict "valid") while the library (or
//! `qoltanba verify`) on the same input, trust, revocation material and time would not;
//! requests that make a route panic, answer 5xx or work without bound.
//!
//! # Method
//!
//! The service runs in process on loopback (`tests/common/service.rs`), with the RSA side
//! of the test PKI (root.cer trusted, nca_rsa.cer offered, its current CRL: revoked.cer
//! revoked 2026-06-01 for keyCompromise), judging at 2026-11-23T00:00:00Z; keys are given
//! as key stores (`ServerConfig::key_store`) built from the test PKI's PEM keys, so that
//! expired, not-yet-valid, revoked, authentication and foreign keys can be tried on every
//! signing route. Answers are compared with the library's own verdict on the same input
//! (`SignedData::verify` under each signer policy) and with what the routes' documentation
//! promises; raw HTTP is written by hand where the body framing is the attack.
//!
//! # Findings (all fixed)
//!
//! 1. (fixed) `a_key_store_with_a_foreign_key_is_not_vouched_for` (was `defect_pkcs12_info_vouches_for_a_key_store_with_a_foreign_key`): a key store whose key
//!    is not its certificate's (a `KeyBundle` built by the embedding program: its fields
//!    are public, `ServerConfig::key_store` checks nothing) is answered by `/pkcs12/info`
//!    `keyProven: true, valid: true`. Should be `keyProven: false, valid: false` (or the
//!    store refused when configured), as for the same pair sent as a container.
//!    Cause: `src/server/keys.rs`, `open_pairing` returns `Opened::Proven` for any store.
//! 2. (fixed) `no_route_signs_with_a_key_that_is_not_the_certificates` (was `defect_xml_wsse_jwt_sign_with_a_key_that_is_not_the_certificates`): with that key,
//!    `/cms/sign` and `/pdf/sign` refuse (400: `cms::sign` verifies what it produced), but
//!    `/xml/sign`, `/wsse/sign` and `/jwt/encode` answer 200 with a signature naming the
//!    certificate that their own verify routes then judge false; `qoltanba::xmldsig::sign`
//!    returns Ok with a foreign key too. Should be a 400 (the library's XML signer refusing
//!    as the CMS signer does).
//! 3. (fixed) `a_declared_length_over_the_bound_is_refused_at_once` (was `defect_declared_length_over_the_bound_is_not_refused_at_once`): a request declaring a
//!    `Content-Length` over `max_body` is not refused on it: the service waits for the body
//!    until `request_timeout` (30 s by default) and answers 408, where the module promises
//!    413 for a body over the bound; seven bytes hold a task and a socket for the whole
//!    bound. Should be 413 at once.
//!
//! # What held
//!
//! `revocationCheck` (absent, empty, OCSP, CRL, both) never turns an unknown status into
//! valid on `/x509/info`, `/x509/verify`, `/cms/verify`, `/xml/verify`; several signers with
//! one revoked or of an unknown CA are never valid, the signers array says which holds,
//! and `/v1/verify` gives the library's word under `all` and `any`; XML and PDF with a
//! second, revoked signer are not valid; detached CMS: absent `data` is not empty content,
//! `data: ""` on an attached CMS does not match; `/cms/sign/add` signs only the existing
//! content; every signing route refuses expired, not-yet-valid, revoked and
//! authentication keys (400); `/v1/verify`'s `at`: without a zone, in the future (also by
//! its offset), not RFC 3339: 400, and a backdated `at` within an expired certificate's
//! validity is not valid; JSON members named twice (also through an escape), unknown
//! members, nulls, wrong types, deep nesting, a 3 MB string: 4xx; base64 variants
//! (URL-safe, padding missing or extra, data after padding, non-ASCII whitespace): 400,
//! ASCII whitespace the same verdict; logs and `/metrics` carry no IIN, name or content;
//! a body over the bound (declared or chunked): 413; twelve requests over a concurrency
//! bound of one: each 200 or 503, the service answers afterwards.
#![cfg(feature = "server")]

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use common::service::Service;
use common::{pki, rsa_verifier, time};
use qoltanba::cms::{SignRequest, SignedData, SignerPolicy, VerifyOptions};
use qoltanba::keys::{KeyBundle, SigningKey};
use qoltanba::server::ServerConfig;
use qoltanba::Certificate;
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).unwrap()
}

fn cert(who: &str) -> Certificate {
    Certificate::from_input(&file(&format!("{who}.cer"))).unwrap()
}

fn key(who: &str) -> SigningKey {
    SigningKey::from_pkcs8(&file(&format!("{who}.key.pem")), None).unwrap()
}

fn bundle(cert_of: &str, key_of: &str) -> KeyBundle {
    KeyBundle {
        key: key(key_of),
        certificate: cert(cert_of),
        chain: vec![cert("nca_rsa")],
    }
}

fn config() -> ServerConfig {
    let at = time(AT);
    ServerConfig::new(Arc::new(rsa_verifier()), Arc::new(move || at))
}

fn service() -> Service {
    Service::with_config(config())
}

/// A CMS by `who` over `content`, signingTime `AT`.
fn cms(who: &str, content: &[u8], detached: bool) -> Vec<u8> {
    let c = cert(who);
    let request = SignRequest::new(&c, time(AT)).detached(detached);
    qoltanba::cms::sign(content, &request, &key(who)).unwrap()
}

/// `cms` with a signer `who` added.
fn add(cms: &[u8], who: &str) -> Vec<u8> {
    let c = cert(who);
    let request = SignRequest::new(&c, time(AT));
    SignedData::from_input(cms)
        .unwrap()
        .add_signer(None, &request, &key(who))
        .unwrap()
}

fn v1_word(answer: &Value) -> &str {
    answer["verdict"]["verdict"].as_str().unwrap_or("<none>")
}

/// The library's word on `cms` at `AT` under `policy` (what `qoltanba verify` says).
fn library_word(cms: &[u8], policy: SignerPolicy) -> String {
    let mut options = VerifyOptions::at(time(AT));
    options.signers = policy;
    let verdict = SignedData::from_input(cms)
        .unwrap()
        .verify(&rsa_verifier(), &options);
    serde_json::to_value(&verdict).unwrap()["verdict"]
        .as_str()
        .unwrap()
        .to_string()
}

/// One raw HTTP exchange: the status and the whole answer.
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A service with `stores` (name, bundle) as key stores.
fn service_with_stores(stores: Vec<(&str, KeyBundle)>) -> Service {
    let mut c = config();
    for (name, b) in stores {
        c = c.key_store(name, b);
    }
    Service::with_config(c)
}

fn classic_pdf() -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pdf/classic.pdf"),
    )
    .unwrap()
}

// --- defects ------------------------------------------------------------------------

/// A key store is taken as proven whatever it holds: `open_pairing` answers
/// `Opened::Proven` for any configured `KeyBundle` (its fields are public, and
/// `ServerConfig::key_store` checks nothing), so a store built by an embedding program from
/// a key file and a certificate file that do not belong together gets `/pkcs12/info`
/// answering `keyProven: true, valid: true`, where the same pair sent as a container is
/// refused (`Pkcs12Keys::pair` proves the key).
///
/// Found by review 52 (was a defect). Fixed: `ServerConfig::key_store` proves the key once, when configured (`KeyBundle::key.matches`); a store that is another key's is `Opened::Unproven`: described, never vouched for nor used.
#[test]
fn a_key_store_with_a_foreign_key_is_not_vouched_for() {
    let s = service_with_stores(vec![("k", bundle("individual_sign", "legal_sign"))]);
    assert!(!key("legal_sign").matches(&cert("individual_sign")));
    let (st, a) = s.post(
        "/pkcs12/info",
        &json!({"keys": [{"keyStore": "k"}]}).to_string(),
    );
    assert_eq!(st, 200, "{a}");
    let info = json!({"valid": a["valid"], "keyProven": a["signers"][0]["keyProven"]});
    assert!(
        a["valid"] == json!(false) && a["signers"][0]["keyProven"] == json!(false),
        "a key store whose key is not its certificate's: /pkcs12/info {info}"
    );
}

/// With a key that is not the certificate's (finding 1's key store), `/cms/sign`
/// and `/pdf/sign` refuse (400: `cms::sign` verifies the signature it produced with the
/// certificate's key), but `/xml/sign`, `/wsse/sign` and `/jwt/encode` answer 200 with a
/// signature naming the certificate that its own verify route then judges false
/// ("корректность электронной цифровой подписи (неверна)"). The library's
/// `xmldsig::sign` does the same (Ok with a foreign key) where `cms::sign` refuses.
///
/// Found by review 52 (was a defect). Fixed: `xmldsig::sign_with`, `sign_soap` and the JWT encoder check what they made with the certificate's key, as `cms::sign` did (`cms::refuse_foreign_key`, shared).
#[test]
fn no_route_signs_with_a_key_that_is_not_the_certificates() {
    let s = service_with_stores(vec![("k", bundle("individual_sign", "legal_sign"))]);
    let soap = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><a>1</a></soap:Body></soap:Envelope>"#;
    let mut signed = Vec::new();
    for (route, body) in [
        (
            "/cms/sign",
            json!({"data": b64(b"x"), "signers": [{"keyStore": "k"}]}),
        ),
        (
            "/pdf/sign",
            json!({"pdf": b64(&classic_pdf()), "signers": [{"signer": {"keyStore": "k"}}]}),
        ),
        (
            "/xml/sign",
            json!({"xml": "<doc><a>1</a></doc>", "signers": [{"keyStore": "k"}]}),
        ),
        ("/wsse/sign", json!({"xml": soap, "keyStore": "k"})),
        (
            "/jwt/encode",
            json!({"jwt": {"header": {"alg": "RS256", "typ": "JWT"}, "payload": {"sub": "x"}}, "keyStore": "k"}),
        ),
    ] {
        let (st, a) = s.post(route, &body.to_string());
        if st != 400 {
            let (vr, vb) = match route {
                "/xml/sign" => ("/xml/verify", json!({"xml": a["xml"]})),
                "/wsse/sign" => ("/wsse/verify", json!({"xml": a["xml"]})),
                "/pdf/sign" => ("/pdf/verify", json!({"pdf": a["pdf"]})),
                "/jwt/encode" => (
                    "/jwt/decode",
                    json!({"jwt": a["jwt"], "key": b64(&file("individual_sign.cer"))}),
                ),
                _ => ("/cms/verify", json!({"cms": a["cms"]})),
            };
            let (_, v) = s.post(vr, &vb.to_string());
            signed.push(format!("{route}: {st}, then {vr} valid={}", v["valid"]));
        }
    }
    let library = qoltanba::xmldsig::sign(
        b"<doc><a>1</a></doc>",
        &cert("individual_sign"),
        &key("legal_sign"),
    )
    .is_ok();
    if library {
        signed.push("qoltanba::xmldsig::sign: Ok".into());
    }
    assert!(
        signed.is_empty(),
        "signatures made with a key that is not the certificate's: {signed:?}"
    );
}

/// A request whose `Content-Length` is over `max_body` is not refused on that
/// length: the service waits for a body it will never accept, until the request's time
/// bound, and answers 408 (after `request_timeout`, 30 s by default) where the module
/// promises 413 for "a body over the bound". Each such connection costs the client seven
/// bytes and holds a task and a socket for the whole time bound.
///
/// Found by review 52 (was a defect). Fixed: `time_bound` answers 413 on a `Content-Length` over `max_body` before reading the body.
#[test]
fn a_declared_length_over_the_bound_is_refused_at_once() {
    let s = Service::with_config(
        config()
            .max_body(4096)
            .request_timeout(std::time::Duration::from_secs(2)),
    );
    let (st, text) = raw(
        &s.addr,
        b"POST /cms/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{\"cms\":",
    );
    assert_eq!(st, 413, "a declared length over the bound: {text}");
}

// --- attacks that held ----------------------------------------------------------------

/// Detached and empty content: a detached CMS over empty content without `data` is not
/// valid (its absence is not the empty content), with `data: ""` it is; an attached CMS
/// with `data: ""` is not; `/cms/extract` hands nothing out of the detached one.
#[test]
fn held_empty_and_absent_content_are_not_confused() {
    let s = service();
    let empty_det = cms("individual_sign", b"", true);
    let att = cms("individual_sign", b"A", false);
    for (label, body, valid) in [
        (
            "empty detached, no data",
            json!({"cms": b64(&empty_det)}),
            false,
        ),
        (
            "empty detached, data null",
            json!({"cms": b64(&empty_det), "data": null}),
            false,
        ),
        (
            "empty detached, data empty",
            json!({"cms": b64(&empty_det), "data": ""}),
            true,
        ),
        (
            "attached A, data empty",
            json!({"cms": b64(&att), "data": ""}),
            false,
        ),
        (
            "attached A, data A",
            json!({"cms": b64(&att), "data": b64(b"A")}),
            true,
        ),
    ] {
        let (st, a) = s.post("/cms/verify", &body.to_string());
        assert_eq!(st, 200, "{label}: {a}");
        assert_eq!(a["valid"], json!(valid), "{label}: {a}");
        let (_, a) = s.post("/v1/verify", &body.to_string());
        assert_eq!(v1_word(&a) == "valid", valid, "{label}: {a}");
    }
    let (_, a) = s.post("/cms/extract", &json!({"cms": b64(&empty_det)}).to_string());
    assert_eq!(a["valid"], json!(false));
    assert!(a.get("data").is_none(), "{a}");
}

/// `/cms/sign/add`: `data` other than the attached content, or other than what a
/// detached CMS's signers signed, is a 400; the same content gives a CMS whose every
/// signer holds, attached or detached as asked.
#[test]
fn held_sign_add_signs_the_existing_content_only() {
    let s = service_with_stores(vec![("legal", bundle("legal_sign", "legal_sign"))]);
    let signer = json!([{"keyStore": "legal"}]);
    let att = b64(&cms("individual_sign", b"A", false));
    let det = b64(&cms("individual_sign", b"A", true));
    for (label, body) in [
        (
            "attached, other data",
            json!({"cms": att, "data": b64(b"B"), "signers": signer}),
        ),
        (
            "detached, other data",
            json!({"cms": det, "data": b64(b"B"), "signers": signer}),
        ),
        ("detached, no data", json!({"cms": det, "signers": signer})),
    ] {
        let (st, a) = s.post("/cms/sign/add", &body.to_string());
        assert_eq!(st, 400, "{label}: {a}");
    }
    for (label, body, detached) in [
        ("attached", json!({"cms": att, "signers": signer}), false),
        (
            "detached",
            json!({"cms": det, "data": b64(b"A"), "signers": signer, "detached": true}),
            true,
        ),
    ] {
        let (st, a) = s.post("/cms/sign/add", &body.to_string());
        assert_eq!(st, 200, "{label}: {a}");
        let signed = SignedData::from_input(&unb64(a["cms"].as_str().unwrap())).unwrap();
        assert_eq!(signed.is_detached(), detached, "{label}");
        assert_eq!(signed.signers().len(), 2, "{label}");
        let mut req = json!({"cms": a["cms"]});
        if detached {
            req["data"] = json!(b64(b"A"));
        }
        let (_, v) = s.post("/cms/verify", &req.to_string());
        assert_eq!(v["valid"], json!(true), "{label}: {v}");
    }
}

/// More requests at once than `max_concurrent` (1), over loopback: each is answered 200
/// or 503 (never another 5xx), and the service answers afterwards.
#[test]
fn held_requests_over_the_concurrency_bound() {
    let s = Service::with_config(
        config()
            .max_concurrent(1)
            .request_timeout(std::time::Duration::from_secs(5)),
    );
    let body = json!({"cms": b64(&cms("individual_sign", b"A", false))}).to_string();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..12)
            .map(|_| scope.spawn(|| s.post("/cms/verify", &body).0))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        statuses
            .iter()
            .all(|st| *st == 200 || *st == 503 || *st == 408),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200), "{statuses:?}");
    let (st, a) = s.post("/cms/verify", &body);
    assert_eq!((st, &a["valid"]), (200, &json!(true)));
}

/// Signing routes with a key store whose (matching) key the service would judge invalid
/// at its clock: expired, not yet valid, revoked for keyCompromise, an authentication key:
/// every signing route refuses (400); nothing is signed.
#[test]
fn held_signing_routes_refuse_unfit_keys() {
    let names = ["expired", "not_yet_valid", "revoked", "individual_auth"];
    let s = service_with_stores(names.iter().map(|n| (*n, bundle(n, n))).collect());
    let xml = "<doc><a>1</a></doc>";
    let soap = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><a>1</a></soap:Body></soap:Envelope>"#;
    for n in names {
        let signer = json!({"keyStore": n});
        for (route, body) in [
            ("/cms/sign", json!({"data": b64(b"x"), "signers": [signer]})),
            (
                "/cms/sign/add",
                json!({"cms": b64(&cms("individual_sign", b"x", false)), "signers": [signer]}),
            ),
            ("/xml/sign", json!({"xml": xml, "signers": [signer]})),
            ("/wsse/sign", json!({"xml": soap, "keyStore": n})),
            (
                "/pdf/sign",
                json!({"pdf": b64(&classic_pdf()), "signers": [{"signer": signer}]}),
            ),
        ] {
            let (st, a) = s.post(route, &body.to_string());
            assert_eq!(st, 400, "{route} with {n}: {a}");
            assert!(a.get("cms").is_none() && a.get("xml").is_none() && a.get("pdf").is_none());
        }
    }
    // Baseline: a fit key signs on each.
    let s = service_with_stores(vec![("ok", bundle("individual_sign", "individual_sign"))]);
    let (st, a) = s.post(
        "/cms/sign",
        &json!({"data": b64(b"x"), "signers": [{"keyStore": "ok"}]}).to_string(),
    );
    assert_eq!(st, 200, "{a}");
    let (_, v) = s.post("/cms/verify", &json!({"cms": a["cms"]}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
}

/// JSON tricks: a member named twice (`cms` with two values, `revocationCheck` with two,
/// `at` with two, `data` with two, one of them written with an escape), unknown members,
/// `null` for a required member, numbers for strings, deep nesting, a very long string:
/// each a 4xx with a JSON message, never a verdict on one of the two values.
#[test]
fn held_json_tricks_are_4xx() {
    let s = service();
    let good = b64(&cms("individual_sign", b"A", false));
    let bad = b64(&cms("revoked", b"A", false));
    let det = b64(&cms("individual_sign", b"A", true));
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let long = "A".repeat(3_000_000);
    let bodies = [
        (
            "/cms/verify",
            format!(r#"{{"cms":"{good}","cms":"{bad}"}}"#),
        ),
        (
            "/cms/verify",
            format!(r#"{{"cms":"{bad}","c\u006ds":"{good}"}}"#),
        ),
        (
            "/cms/verify",
            format!(r#"{{"cms":"{good}","revocationCheck":["OCSP"],"revocationCheck":[]}}"#),
        ),
        (
            "/cms/verify",
            format!(
                r#"{{"cms":"{det}","data":"{}","data":"{}"}}"#,
                b64(b"B"),
                b64(b"A")
            ),
        ),
        (
            "/v1/verify",
            format!(r#"{{"cms":"{good}","at":"{AT}","at":"2026-01-01T00:00:00Z"}}"#),
        ),
        (
            "/v1/verify",
            format!(r#"{{"cms":"{good}","signers":"all","signers":"any"}}"#),
        ),
        ("/cms/verify", format!(r#"{{"cms":"{good}","unknown":1}}"#)),
        ("/cms/verify", r#"{"cms":null}"#.to_string()),
        ("/cms/verify", r#"{"cms":12345}"#.to_string()),
        (
            "/cms/verify",
            format!(r#"{{"cms":"{good}","revocationCheck":"OCSP"}}"#),
        ),
        (
            "/cms/verify",
            format!(r#"{{"cms":"{good}","revocationCheck":["NONE"]}}"#),
        ),
        ("/cms/verify", format!(r#"{{"cms":{deep}}}"#)),
        ("/x509/info", format!(r#"{{"certs":["{long}"]}}"#)),
        (
            "/v1/verify",
            format!(r#"{{"cms":"{good}","at":null,"at":"{AT}"}}"#),
        ),
    ];
    for (route, body) in &bodies {
        let (st, a) = s.post(route, body);
        assert!(
            (400..500).contains(&st) && a["message"].is_string(),
            "{route} {}: {st} {a}",
            &body[..body.len().min(120)]
        );
    }
}

/// Base64 variants on `/cms/verify` and `/x509/info`: the URL-safe alphabet, padding
/// missing or doubled, data after the padding, non-ASCII whitespace: 400; ASCII
/// whitespace and line breaks are dropped and give the same verdict as the plain text.
#[test]
fn held_base64_variants() {
    let s = service();
    let der = cms("individual_sign", b"\xfb\xff\xfe content ??>>", false);
    let plain = b64(&der);
    let url = base64::engine::general_purpose::URL_SAFE.encode(&der);
    let unpadded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&der);
    let mut variants = vec![
        format!("{plain}AAAA"),
        format!("{plain}="),
        format!("{plain}\u{a0}"),
        format!("{}\u{2028}{}", &plain[..8], &plain[8..]),
    ];
    if url != plain {
        variants.push(url);
    }
    if unpadded != plain {
        variants.push(unpadded);
    }
    for v in &variants {
        let (st, a) = s.post("/cms/verify", &json!({"cms": v}).to_string());
        assert_eq!(st, 400, "{a}");
    }
    let wrapped: String = plain
        .as_bytes()
        .chunks(64)
        .map(|c| format!("{}\r\n\t ", String::from_utf8_lossy(c)))
        .collect();
    let (st, a) = s.post("/cms/verify", &json!({"cms": wrapped}).to_string());
    let (st2, b) = s.post("/cms/verify", &json!({"cms": plain}).to_string());
    assert_eq!((st, st2), (200, 200), "{a} {b}");
    assert_eq!(a["valid"], json!(true));
    assert_eq!(a, b);
}

/// Several signers, one of them not valid (revoked; of an unknown CA): `/cms/verify` is
/// not valid and says which signer holds and which does not; `/v1/verify` gives the
/// library's word under each policy (`all`: invalid / indeterminate, `any`: what the
/// library says, `qoltanba verify --signers any` on the same input); `/cms/extract` hands
/// nothing out.
#[test]
fn held_mixed_signers_are_judged_as_the_library_judges() {
    let s = service();
    let both = add(&cms("individual_sign", b"A", false), "revoked");
    let unknown_ca = add(&cms("individual_sign", b"A", false), "forged_issuer");
    for (label, c) in [("revoked", &both), ("forged_issuer", &unknown_ca)] {
        let (st, a) = s.post("/cms/verify", &json!({"cms": b64(c)}).to_string());
        assert_eq!(st, 200);
        assert_eq!(a["valid"], json!(false), "{label}: {a}");
        let mut valid: Vec<bool> = a["signers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["certificates"][0]["valid"] == json!(true))
            .collect();
        valid.sort();
        assert_eq!(
            valid,
            [false, true],
            "{label}: one signer holds, one does not: {a}"
        );
        for (policy, name) in [(SignerPolicy::All, "all"), (SignerPolicy::Any, "any")] {
            let (_, v) = s.post(
                "/v1/verify",
                &json!({"cms": b64(c), "signers": name}).to_string(),
            );
            assert_eq!(v1_word(&v), library_word(c, policy), "{label} {name}: {v}");
        }
        let (_, v) = s.post("/v1/verify", &json!({"cms": b64(c)}).to_string());
        assert_ne!(v1_word(&v), "valid", "{label}: {v}");
        let (_, e) = s.post("/cms/extract", &json!({"cms": b64(c)}).to_string());
        assert_eq!(e["valid"], json!(false));
        assert!(e.get("data").is_none(), "{e}");
    }
}

/// XML with two enveloped signatures, the second by a revoked key: `/xml/verify` is not
/// valid; the signers array says the first holds, the second does not.
#[test]
fn held_xml_two_signers_one_revoked() {
    let s = service();
    let one = qoltanba::xmldsig::sign(
        b"<doc><a>1</a></doc>",
        &cert("individual_sign"),
        &key("individual_sign"),
    )
    .unwrap();
    let (_, a) = s.post(
        "/xml/verify",
        &json!({"xml": String::from_utf8(one.clone()).unwrap()}).to_string(),
    );
    assert_eq!(a["valid"], json!(true), "{a}");
    let two = qoltanba::xmldsig::sign(&one, &cert("revoked"), &key("revoked")).unwrap();
    let (_, a) = s.post(
        "/xml/verify",
        &json!({"xml": String::from_utf8(two).unwrap()}).to_string(),
    );
    assert_eq!(a["valid"], json!(false), "{a}");
    let valid: Vec<&Value> = a["signers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| &x["valid"])
        .collect();
    assert!(valid.contains(&&json!(false)), "{a}");
}

/// `/v1/verify`'s `at`: without a zone, or after the server's clock (also when written
/// with an offset that puts it there), 400; a backdated `at` inside an expired
/// certificate's validity does not make its signature valid (the CRLs issued after its
/// expiry do not speak for it); before a certificate's notBefore, not valid.
#[test]
fn held_v1_at_variants() {
    let s = service();
    let c = b64(&cms("individual_sign", b"A", false));
    for at in [
        "2026-11-22T00:00:00",
        "2026-11-23T00:30:00Z",
        "2026-11-22T23:30:00-05:00",
        "2026-11-22",
        "+002026-11-22T00:00:00Z",
    ] {
        let (st, a) = s.post("/v1/verify", &json!({"cms": c, "at": at}).to_string());
        assert_eq!(st, 400, "{at}: {a}");
    }
    // An offset that puts it in the past.
    let (st, a) = s.post(
        "/v1/verify",
        &json!({"cms": c, "at": "2026-11-23T04:00:00+05:00"}).to_string(),
    );
    assert_eq!(st, 200, "{a}");
    let e = b64(&cms("expired", b"A", false));
    let (_, a) = s.post(
        "/v1/verify",
        &json!({"cms": e, "at": "2025-06-01T00:00:00Z"}).to_string(),
    );
    assert_ne!(v1_word(&a), "valid", "{a}");
    let (_, a) = s.post(
        "/v1/verify",
        &json!({"cms": c, "at": "1999-01-01T00:00:00Z"}).to_string(),
    );
    assert_ne!(v1_word(&a), "valid", "{a}");
}

/// Without revocation material (the verifier has the anchors, no CRL), whatever
/// `revocationCheck` says (absent, empty, OCSP, CRL, both): `/x509/info`, `/x509/verify`,
/// `/cms/verify`, `/xml/verify` never answer valid.
#[test]
fn held_revocation_check_never_makes_unknown_valid() {
    let verifier = qoltanba::Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .build();
    let s = Service::start(verifier, AT);
    let c = b64(&cms("individual_sign", b"A", false));
    let cer = b64(&file("individual_sign.cer"));
    let sig = b64(&key("individual_sign").sign(b"challenge").unwrap());
    let xml = String::from_utf8(
        qoltanba::xmldsig::sign(
            b"<doc><a>1</a></doc>",
            &cert("individual_sign"),
            &key("individual_sign"),
        )
        .unwrap(),
    )
    .unwrap();
    for rc in [
        None,
        Some(json!([])),
        Some(json!(["OCSP"])),
        Some(json!(["CRL"])),
        Some(json!(["OCSP", "CRL"])),
    ] {
        let with = |mut v: Value| {
            if let Some(rc) = &rc {
                v["revocationCheck"] = rc.clone();
            }
            v.to_string()
        };
        for (route, body) in [
            ("/x509/info", with(json!({"certs": [cer]}))),
            (
                "/x509/verify",
                with(json!({"certificate": cer, "signature": sig, "data": "challenge"})),
            ),
            ("/cms/verify", with(json!({"cms": c}))),
            ("/xml/verify", with(json!({"xml": xml}))),
        ] {
            let (st, a) = s.post(route, &body);
            assert_eq!(st, 200, "{route} {rc:?}: {a}");
            assert_eq!(a["valid"], json!(false), "{route} {rc:?}: {a}");
        }
    }
}

/// A verify request's log line and `/metrics` carry no IIN, no name, no content.
#[test]
fn held_logs_and_metrics_carry_no_identity() {
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = lines.clone();
    let s = Service::with_config(config().log(Arc::new(move |l: &str| {
        sink.lock().unwrap().push(l.to_string())
    })));
    let (_, info) = s.post(
        "/x509/info",
        &json!({"certs": [b64(&file("individual_sign.cer"))]}).to_string(),
    );
    let iin = info["signers"][0]["subject"]["iin"]
        .as_str()
        .unwrap()
        .to_string();
    let cn = info["signers"][0]["subject"]["commonName"]
        .as_str()
        .unwrap()
        .to_string();
    let content = "SECRET-CONTENT-52";
    let c = b64(&cms("individual_sign", content.as_bytes(), false));
    let (_, a) = s.post("/cms/verify", &json!({"cms": c}).to_string());
    assert_eq!(a["valid"], json!(true), "{a}");
    s.post(
        "/x509/info",
        &json!({"certs": [b64(&file("individual_sign.cer"))]}).to_string(),
    );
    s.post("/cms/extract", &json!({"cms": c}).to_string());
    s.post("/v1/verify", &json!({"cms": c, "iin": iin}).to_string());
    let (_, metrics) = raw(
        &s.addr,
        b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let logged = lines.lock().unwrap().join("\n");
    assert!(!logged.is_empty());
    for secret in [iin.as_str(), cn.as_str(), content] {
        assert!(
            !logged.contains(secret),
            "the log carries {secret}: {logged}"
        );
        assert!(!metrics.contains(secret), "/metrics carries {secret}");
    }
}

/// The body bound over real loopback HTTP: a body over `max_body` with its length
/// declared, the same sent chunked: 413 with a JSON message, and the service answers the
/// next request.
#[test]
fn held_body_bound_over_loopback() {
    let s = Service::with_config(
        config()
            .max_body(4096)
            .request_timeout(std::time::Duration::from_secs(3)),
    );
    let body = json!({"cms": "A".repeat(8000)}).to_string();
    let (st, text) = raw(
        &s.addr,
        format!(
            "POST /cms/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert_eq!(st, 413, "{text}");
    let mut chunked = String::new();
    for c in body.as_bytes().chunks(1000) {
        chunked.push_str(&format!(
            "{:x}\r\n{}\r\n",
            c.len(),
            String::from_utf8_lossy(c)
        ));
    }
    chunked.push_str("0\r\n\r\n");
    let (st, text) = raw(
        &s.addr,
        format!(
            "POST /cms/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunked}"
        )
        .as_bytes(),
    );
    assert_eq!(st, 413, "{text}");
    let (st, _) = s.post("/actuator/health", "");
    assert!(st == 200 || st == 405, "{st}");
}

/// A PDF signed twice, the second signer revoked: `/pdf/verify` is not valid, its
/// per-signature verdicts say the first holds over its revision only and the second does
/// not.
#[test]
fn held_pdf_two_signers_one_revoked() {
    let s = service();
    let sign = |pdf: &[u8], who: &str| {
        let c = cert(who);
        let chain = [cert("nca_rsa")];
        let request = SignRequest::new(&c, time("2026-11-22T10:00:00Z")).with_chain(&chain);
        qoltanba::pades::sign(
            pdf,
            &request,
            &key(who),
            &qoltanba::pades::PdfSignOptions::new(),
        )
        .unwrap()
    };
    let one = sign(&classic_pdf(), "individual_sign");
    let (_, a) = s.post("/pdf/verify", &json!({"pdf": b64(&one)}).to_string());
    assert_eq!(a["valid"], json!(true), "{a}");
    let two = sign(&one, "revoked");
    let (_, a) = s.post("/pdf/verify", &json!({"pdf": b64(&two)}).to_string());
    assert_eq!(a["valid"], json!(false), "{a}");
    assert_eq!(a["signers"][0]["coversWholeDocument"], json!(false), "{a}");
    assert_eq!(a["signers"][1]["valid"], json!(false), "{a}");
}
