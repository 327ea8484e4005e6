//! Review 11 (hostile): the service's JWT routes (`/jwt/encode`, `/jwt/decode`), its
//! signing routes (`/cms/sign/add`, `/pkcs12/info`) and key handling. Each test asserts the
//! correct, safe behaviour; the `held_` ones are attacks that failed (regression tests),
//! the others fail today by design (defects).
//!
//! The service runs in process on loopback (`tests/common/service.rs`), with the RSA side
//! of the test PKI (root.cer trusted, nca_rsa.cer offered, its current CRL), judging at
//! 2026-11-23T00:00:00Z unless said.
#![cfg(feature = "server")]

mod common;

use std::sync::Arc;

use base64::Engine as _;
use common::jwt::{b64url, decode_body, rs256};
use common::service::Service;
use common::{pki, rsa_verifier, time};
use qoltanba::keys::SigningKey;
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64url(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .unwrap()
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).unwrap()
}

fn service() -> Service {
    Service::start(rsa_verifier(), AT)
}

/// The individual's signing key (RSA), from its PKCS#12.
fn individual_key() -> SigningKey {
    qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12")
        .unwrap()
        .key
}

fn pem_key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&file(name), None).unwrap()
}

/// The seconds since the epoch of `AT`.
fn at_seconds() -> i64 {
    time(AT).timestamp()
}

// --- /cms/sign/add ----------------------------------------------------------------------

/// A detached CMS over `content` by the individual (made with the library, as a client's
/// own signer would make it).
fn detached_cms(content: &[u8]) -> Vec<u8> {
    let cert = qoltanba::Certificate::from_input(&file("individual_sign.cer")).unwrap();
    let key = pem_key("individual_sign.key.pem");
    let request = qoltanba::cms::SignRequest::new(&cert, time(AT)).detached(true);
    qoltanba::cms::sign(content, &request, &key).unwrap()
}

fn add_body(cms: &[u8], data: &[u8], p12: &str) -> String {
    json!({
        "cms": b64(cms),
        "data": b64(data),
        "signers": [{"key": b64(&file(p12)), "password": "Qwerty12"}],
    })
    .to_string()
}

/// DEFECT. `/cms/sign/add` on a detached CMS signs whatever `data` the request brings, not
/// what the existing signers signed: the answer is a CMS in which the new signer's
/// signature covers content B while the first signer's covers A: a "co-signature" that is
/// not one, and which no verifier can accept whole. The service has what it needs to
/// refuse it (each existing SignerInfo's messageDigest, or its verification over `data`).
///
/// Input: a detached CMS by the individual over "contract A", `data` = "contract B", the
/// legal entity's PKCS#12. Answer today: 200 with the mixed CMS. Expected: 400 (the data
/// is not the content the existing signers signed).
#[test]
fn cms_sign_add_refuses_detached_content_the_existing_signers_did_not_sign() {
    let svc = service();
    let cms = detached_cms(b"contract A");
    // The content the signer signed: added.
    let (status, r) = svc.post(
        "/cms/sign/add",
        &add_body(&cms, b"contract A", "legal_sign.p12"),
    );
    assert_eq!(status, 200, "{r}");
    // Another content: the new signature would not be over what the existing one signed.
    let (status, r) = svc.post(
        "/cms/sign/add",
        &add_body(&cms, b"contract B", "legal_sign.p12"),
    );
    assert_eq!(
        status, 400,
        "a signer added over content the existing signer did not sign: {}",
        r["message"]
    );
}

/// HELD. An attached CMS with `data` other than its content: 400.
#[test]
fn held_cms_sign_add_refuses_data_other_than_the_encapsulated_content() {
    let svc = service();
    let (status, r) = svc.post(
        "/cms/sign",
        &json!({"data": b64(b"contract A"), "signers": [{"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"}]}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let cms = base64::engine::general_purpose::STANDARD
        .decode(r["cms"].as_str().unwrap())
        .unwrap();
    let (status, r) = svc.post(
        "/cms/sign/add",
        &add_body(&cms, b"contract B", "legal_sign.p12"),
    );
    assert_eq!(status, 400, "{r}");
}

// --- /jwt/encode ------------------------------------------------------------------------

fn encode_text(payload: &str) -> String {
    format!(
        r#"{{"jwt": {{"header": {{"alg": "RS256", "typ": "JWT"}}, "payload": {payload}}}, "key": "{}", "password": "Qwerty12"}}"#,
        b64(&file("individual_sign.p12"))
    )
}

/// The payload of a token, as JSON text.
fn payload_text(jwt: &str) -> String {
    String::from_utf8(unb64url(jwt.split('.').nth(1).unwrap())).unwrap()
}

/// DEFECT. `/jwt/encode` reads the payload with serde_json's `Map`, which keeps the last
/// of two members of one name: `{"sub": "alice", "sub": "mallory"}` is signed as
/// `{"sub":"mallory"}`, while a gateway or audit log before the service that reads the
/// first member believes "alice" was signed. `/jwt/decode` refuses the same payload (a
/// member named twice: read two ways by two readers), and so should the route that signs.
///
/// Answer today: 200, the token's payload `{"sub":"mallory"}`. Expected: 400.
#[test]
fn jwt_encode_refuses_a_payload_member_named_twice() {
    let svc = service();
    let (status, r) = svc.post(
        "/jwt/encode",
        &encode_text(r#"{"sub": "alice", "sub": "mallory"}"#),
    );
    let signed = r["jwt"].as_str().map(payload_text);
    assert_eq!(
        status, 400,
        "a payload read two ways was signed as {signed:?}: {r}"
    );
}

/// DEFECT. `/jwt/encode` signs a number other than the one asked for: a JSON integer
/// beyond 64 bits (a document or account number sent as a number) is read by serde_json
/// as an f64 and signed rounded, in exponent form: asked to sign
/// `{"doc": 123456789012345678901234567890}`, the service signs
/// `{"doc":1.2345678901234568e29}`. It should sign the value as given or refuse it (400),
/// never sign another.
#[test]
fn jwt_encode_signs_numbers_as_given_or_refuses_them() {
    let svc = service();
    let (status, r) = svc.post(
        "/jwt/encode",
        &encode_text(r#"{"doc": 123456789012345678901234567890}"#),
    );
    if status == 200 {
        let signed = payload_text(r["jwt"].as_str().unwrap());
        assert!(
            signed.contains("123456789012345678901234567890"),
            "asked to sign doc 123456789012345678901234567890, signed {signed}"
        );
    } else {
        assert_eq!(status, 400, "{r}");
    }
}

/// HELD. A header field beyond `alg` and `typ` (kid, x5c, jku, crit), or a `typ` other
/// than JWT, cannot be put into a token the service signs: 400.
#[test]
fn held_jwt_encode_takes_no_header_field_but_alg_and_typ() {
    let svc = service();
    let p12 = b64(&file("individual_sign.p12"));
    for header in [
        json!({"alg": "RS256", "typ": "JWT", "kid": "other"}),
        json!({"alg": "RS256", "typ": "JWT", "x5c": ["AAAA"]}),
        json!({"alg": "RS256", "typ": "JWT", "jku": "http://evil.invalid/"}),
        json!({"alg": "RS256", "typ": "JWT", "crit": ["exp"]}),
        json!({"alg": "none", "typ": "JWT"}),
        json!({"alg": "HS256", "typ": "JWT"}),
        json!({"alg": "RS256", "typ": "JWE"}),
    ] {
        let body = json!({"jwt": {"header": header, "payload": {"sub": "x"}}, "key": p12, "password": "Qwerty12"});
        let (status, r) = svc.post("/jwt/encode", &body.to_string());
        assert_eq!(status, 400, "{header}: {r}");
    }
}

// --- /jwt/decode ------------------------------------------------------------------------

/// DEFECT (minor). `exp` is compared with the clock cut to whole seconds, the claim not:
/// at 00:00:00.900 a token whose `exp` is 00:00:00.5 (RFC 7519 NumericDates may have
/// fractions) expired 0.4 s ago, and is answered valid. auth0 java-jwt, whose behaviour the
/// route follows, cuts both to seconds (`exp` 00:00:00, expired). Either way the service
/// answers valid for a token whose expiry it has passed.
///
/// File: src/server/jwt.rs, `claim_times` (`now.timestamp() as f64`).
#[test]
fn jwt_decode_judges_a_fractional_exp_at_the_clock_as_it_is() {
    let svc = Service::start(rsa_verifier(), "2026-11-23T00:00:00.900Z");
    let exp = at_seconds() as f64 + 0.5;
    let jwt = rs256(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        &format!(r#"{{"sub":"x","exp":{exp}}}"#),
        &individual_key(),
    );
    let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        r["valid"], false,
        "exp {exp} is before the clock (…00.900): {r}"
    );
}

/// HELD (control for the test above): a whole-second `exp` one second on is valid, one at
/// the clock's second is not.
#[test]
fn held_jwt_decode_exp_at_whole_seconds() {
    let svc = service();
    for (exp, valid) in [(at_seconds() + 1, true), (at_seconds(), false)] {
        let jwt = rs256(
            r#"{"alg":"RS256"}"#,
            &format!(r#"{{"exp":{exp}}}"#),
            &individual_key(),
        );
        let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["valid"], valid, "exp {exp}: {r}");
    }
}

/// HELD. The key used is the certificate the caller gave, whatever the header points to:
/// a token signed by another valid certificate's key (the legal entity's), naming that
/// certificate in x5c / jwk / kid / jku / x5u, is not valid under the individual's
/// certificate; and is valid only under the signer's own.
#[test]
fn held_jwt_decode_uses_the_key_given_not_the_one_the_header_names() {
    let svc = service();
    let legal = pem_key("legal_sign.key.pem");
    let legal_cert = b64(&file("legal_sign.cer"));
    let header = json!({
        "alg": "RS256",
        "typ": "JWT",
        "x5c": [legal_cert],
        "kid": "individual",
        "jku": "http://127.0.0.1:1/jwks.json",
        "x5u": "http://127.0.0.1:1/cert.pem",
        "jwk": {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
    })
    .to_string();
    let jwt = rs256(&header, r#"{"sub":"123456789011"}"#, &legal);
    let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["valid"], false, "{r}");
    assert!(r.get("jwt").is_none(), "{r}");
    let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "legal_sign.cer"));
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    // Only alg and typ are handed back as the header.
    assert_eq!(
        r["jwt"]["header"],
        json!({"alg": "RS256", "typ": "JWT"}),
        "{r}"
    );
}

/// HELD. Algorithm confusion beyond HS256 keyed by the DER: HMAC keyed by the `key`
/// field's own base64 text and by a PEM, under HS256/HS384/HS512 (400), and an HMAC tag
/// under `alg: RS256` (not valid).
#[test]
fn held_jwt_decode_hmac_keyed_with_the_certificate_text() {
    let svc = service();
    let der = file("individual_sign.cer");
    let text = b64(&der);
    let pem = format!("-----BEGIN CERTIFICATE-----\n{text}\n-----END CERTIFICATE-----\n");
    let payload = b64url(br#"{"sub":"123456789011"}"#);
    let tag = |alg: ring::hmac::Algorithm, key: &[u8], header: &str| {
        let input = format!("{}.{payload}", b64url(header.as_bytes()));
        let k = ring::hmac::Key::new(alg, key);
        format!(
            "{input}.{}",
            b64url(ring::hmac::sign(&k, input.as_bytes()).as_ref())
        )
    };
    for key in [text.as_bytes(), pem.as_bytes(), &der[..]] {
        for (alg, name) in [
            (ring::hmac::HMAC_SHA256, "HS256"),
            (ring::hmac::HMAC_SHA384, "HS384"),
            (ring::hmac::HMAC_SHA512, "HS512"),
        ] {
            let jwt = tag(alg, key, &format!(r#"{{"alg":"{name}","typ":"JWT"}}"#));
            let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
            assert_eq!(status, 400, "{name}: {r}");
        }
        let jwt = tag(
            ring::hmac::HMAC_SHA256,
            key,
            r#"{"alg":"RS256","typ":"JWT"}"#,
        );
        let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["valid"], false, "{r}");
    }
}

/// HELD. A CA's key (no digitalSignature in its keyUsage) signing a token, its own
/// certificate given: not valid; nor is a certificate that is revoked, not yet valid, or
/// of another chain.
#[test]
fn held_jwt_decode_judges_the_certificate() {
    let svc = service();
    for who in [
        "nca_rsa",
        "root",
        "revoked",
        "not_yet_valid",
        "forged_issuer",
        "wrong_key_usage",
    ] {
        let key = pem_key(&format!("{who}.key.pem"));
        let jwt = rs256(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"sub":"x"}"#, &key);
        let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, &format!("{who}.cer")));
        assert_eq!(status, 200, "{who}: {r}");
        assert_eq!(r["valid"], false, "{who}: {r}");
        assert!(r.get("jwt").is_none(), "{who}: {r}");
    }
}

/// HELD. Odd ES256 `r ‖ s` signatures (all zero, r = 0, r and s at or over the curve
/// order, 63, 65 and 96 octets): a verdict (not valid), never a 4xx/5xx. (The certificate
/// is not under this verifier's anchors either: the point is the conversion to DER.)
#[test]
fn held_jwt_decode_odd_ecdsa_signatures() {
    let svc = service();
    let header = b64url(br#"{"alg":"ES256","typ":"JWT"}"#);
    let payload = b64url(br#"{"sub":"x"}"#);
    let mut zero_r = vec![0u8; 64];
    zero_r[63] = 1;
    for sig in [
        vec![0u8; 64],
        zero_r,
        vec![0xFFu8; 64],
        vec![1u8; 63],
        vec![1u8; 65],
        vec![1u8; 96],
    ] {
        let jwt = format!("{header}.{payload}.{}", b64url(&sig));
        let (status, r) = svc.post("/jwt/decode", &decode_body(&jwt, "ecdsa_sign.cer"));
        assert_eq!(status, 200, "{}: {r}", sig.len());
        assert_eq!(r["valid"], false, "{r}");
    }
}

/// DEFECT (minor). `/jwt/decode` judges the certificate, asking the OCSP responder when
/// the CRLs leave its status unknown, before and whatever the token's signature says:
/// a token with a forged signature still makes the service ask the responder.
/// `/x509/verify` refuses to (`x509.rs`: "a signature that does not hold settles the
/// answer: no OCSP responder is asked about its certificate (a client cannot make the
/// service ask for nothing)"); the JWT route should settle the same way.
///
/// Input: a token whose signature is flipped, the individual's certificate, a service
/// with a responder and no CRL for the issuing CA. Answer today: the responder is asked
/// once. Expected: not asked (valid: false either way).
#[test]
fn jwt_decode_asks_no_responder_for_a_token_that_does_not_hold() {
    let responder = common::http_server::Server::start();
    let url = responder.serve("/ocsp", None);
    let verifier = qoltanba::Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("root.crl"))
        .unwrap()
        .build();
    let at = time(AT);
    let config = qoltanba::server::ServerConfig::new(Arc::new(verifier), Arc::new(move || at))
        .ocsp(Some(&url), &qoltanba::fetch::FetchConfig::default())
        .unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    runtime.spawn(qoltanba::server::serve(
        listener,
        config,
        std::future::pending(),
    ));
    let jwt = rs256(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        r#"{"sub":"x"}"#,
        &individual_key(),
    );
    let mut forged = jwt.into_bytes();
    let last = forged.len() - 3;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    let (status, r) = post(
        &addr,
        "/jwt/decode",
        &decode_body(&forged, "individual_sign.cer"),
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["valid"], false, "{r}");
    assert_eq!(
        responder.hits(),
        0,
        "the responder was asked about a certificate whose token does not hold"
    );
    drop(runtime);
}

fn post(addr: &str, route: &str, body: &str) -> (u16, Value) {
    use std::io::{Read as _, Write as _};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response);
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let answer = response
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, answer)
}

// --- keys -------------------------------------------------------------------------------

/// HELD. A password, a keyAlias and a key are never echoed: wrong password, an alias the
/// container lacks, a password over the bound, a body whose JSON fails after the password,
/// a password given where a keyStore is named; every answer a 4xx.
#[test]
fn held_no_secret_in_an_answer() {
    let svc = service();
    let p12 = b64(&file("individual_sign.p12"));
    const PW: &str = "Hunter2-SECRET-pw";
    const ALIAS: &str = "ALIAS-SECRET-xyz";
    let long = format!("{PW}{}", "x".repeat(5000));
    let jwt = json!({"header": {"alg": "RS256", "typ": "JWT"}, "payload": {"sub": "x"}});
    let bodies = [
        (
            "/jwt/encode",
            json!({"jwt": jwt, "key": p12, "password": PW}).to_string(),
        ),
        (
            "/jwt/encode",
            json!({"jwt": jwt, "key": p12, "password": "Qwerty12", "keyAlias": ALIAS})
                .to_string(),
        ),
        (
            "/jwt/encode",
            json!({"jwt": jwt, "key": p12, "password": long}).to_string(),
        ),
        (
            "/jwt/encode",
            format!(r#"{{"password": "{PW}", "keyAlias": "{ALIAS}", "key": 5}}"#),
        ),
        (
            "/jwt/encode",
            json!({"jwt": jwt, "keyStore": ALIAS, "password": PW}).to_string(),
        ),
        (
            "/cms/sign",
            json!({"data": "AA==", "signers": [{"key": p12, "password": PW}]}).to_string(),
        ),
        (
            "/pkcs12/aliases",
            json!({"keys": [{"key": p12, "password": PW}]}).to_string(),
        ),
        (
            "/pkcs12/info",
            json!({"keys": [{"key": p12, "password": "Qwerty12", "keyAlias": ALIAS}]})
                .to_string(),
        ),
        (
            "/cms/sign",
            json!({"data": "AA==", "signers": [{"key": format!("{}!", &p12[..40]), "password": PW}]})
                .to_string(),
        ),
    ];
    for (route, body) in bodies {
        let (status, r) = svc.post(route, &body);
        assert!((400..500).contains(&status), "{route}: {status} {r}");
        let text = r.to_string();
        assert!(!text.contains("SECRET"), "{route}: {text}");
        assert!(
            !text.contains(&p12[..40]),
            "{route}: the key echoed: {text}"
        );
    }
}

/// HELD. `/pkcs12/info` judges the container's certificate at the service's clock: after
/// its notAfter it is not valid; an authentication key is not valid for signing.
#[test]
fn held_pkcs12_info_judges_the_certificate() {
    let body =
        json!({"keys": [{"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"}]})
            .to_string();
    let (status, r) = service().post("/pkcs12/info", &body);
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    let (status, r) =
        Service::start(rsa_verifier(), "2027-06-01T00:00:00Z").post("/pkcs12/info", &body);
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["valid"], false, "{r}");
}

/// HELD. A request naming the service's key store and carrying a key of its own, or
/// naming a store that does not exist, is refused; more than four signers is refused
/// before any key is opened.
#[test]
fn held_key_counts_and_sources() {
    let svc = service();
    let p12 = b64(&file("individual_sign.p12"));
    let signer = json!({"key": p12, "password": "Qwerty12"});
    let five = json!({"data": "AA==", "signers": [signer, signer, signer, signer, signer]});
    let (status, r) = svc.post("/cms/sign", &five.to_string());
    assert_eq!(status, 400, "{r}");
    let none = json!({"data": "AA==", "signers": []});
    let (status, r) = svc.post("/cms/sign", &none.to_string());
    assert_eq!(status, 400, "{r}");
    let both =
        json!({"data": "AA==", "signers": [{"key": p12, "password": "Qwerty12", "keyStore": "x"}]});
    let (status, r) = svc.post("/cms/sign", &both.to_string());
    assert_eq!(status, 400, "{r}");
    let missing = json!({"data": "AA==", "signers": [{"keyStore": "provider"}]});
    let (status, r) = svc.post("/cms/sign", &missing.to_string());
    assert_eq!(status, 400, "{r}");
}
