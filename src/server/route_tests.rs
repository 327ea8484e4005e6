//! `/x509/verify`, `/pkcs12/aliases` (and `keyAlias`), `/jwt/encode` and `/jwt/decode`,
//! answered in process as `tests.rs` answers the other routes: what must hold for `valid`,
//! and hostile input that must never be valid nor a 5xx.

use std::sync::Arc;

use axum::http::StatusCode;
use base64::Engine as _;
use serde_json::json;

use super::tests::{call, config, key, pki};
use super::*;
use crate::keys::SigningKey;

fn pem_key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&pki(name), None).unwrap()
}

fn p12_key(name: &str) -> SigningKey {
    crate::keys::open_pkcs12(&pki(name), b"Qwerty12")
        .unwrap()
        .key
}

/// `../shared/nca-test-pki/<path>`, or `None` (printed) when absent.
fn shared(path: &str) -> Option<Vec<u8>> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/nca-test-pki")
        .join(path);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipped: {} is absent", p.display());
            None
        }
    }
}

async fn post(
    config: ServerConfig,
    path: &str,
    body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    call(config, "POST", path, &body.to_string()).await
}

fn assert_400(status: StatusCode, r: &serde_json::Value, what: &str) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {r}");
    assert_eq!(r["status"], 400, "{what}: {r}");
    assert!(
        r["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {r}"
    );
}

// --- /pkcs12/aliases and keyAlias ----------------------------------------------------

#[tokio::test]
async fn pkcs12_aliases_and_key_alias() {
    let body = json!({"keys": [key("individual_sign.p12"), key("legal_sign.p12")]});
    let (status, r) = post(config(), "/pkcs12/aliases", body).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(
        r["aliases"],
        json!([["individual_sign"], ["legal_sign"]]),
        "{r}"
    );
    assert_eq!(r["message"], "OK");
    assert!(!r.to_string().contains("Qwerty12"));

    if let Some(p12) = shared("gost2015/head_valid.p12") {
        let body = json!({"keys": [{"key": b64(&p12), "password": "Qwerty12"}]});
        let (status, r) = post(config(), "/pkcs12/aliases", body).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        let alias = r["aliases"][0][0].as_str().unwrap();
        assert_eq!(alias.len(), 40, "{r}");
        assert!(alias
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    // A wrong password, no container, too many, bad base64: 400, the password not echoed.
    let wrong =
        json!({"keys": [{"key": b64(&pki("individual_sign.p12")), "password": "wrong-Secret-2"}]});
    for body in [
        wrong,
        json!({"keys": []}),
        json!({"keys": vec![key("individual_sign.p12"); 5]}),
        json!({"keys": [{"key": "%%%", "password": "x"}]}),
        json!({"keys": [{"key": b64(b"not a container"), "password": "x"}]}),
    ] {
        let (status, r) = post(config(), "/pkcs12/aliases", body.clone()).await;
        assert_400(status, &r, &body.to_string());
        assert!(!r.to_string().contains("wrong-Secret-2"), "{r}");
    }

    // keyAlias in signing: the container's alias, or none, signs; another is a 400.
    let signer = |alias: Option<&str>| {
        let mut k = key("individual_sign.p12");
        if let Some(a) = alias {
            k["keyAlias"] = json!(a);
        }
        json!({"data": b64(b"x"), "signers": [k]})
    };
    for alias in [None, Some(""), Some("individual_sign")] {
        let (status, r) = post(config(), "/cms/sign", signer(alias)).await;
        assert_eq!(status, StatusCode::OK, "{alias:?}: {r}");
    }
    let (status, r) = post(config(), "/cms/sign", signer(Some("legal_sign"))).await;
    assert_400(status, &r, "another alias");
    assert!(r["message"].as_str().unwrap().contains("keyAlias"), "{r}");
    let (status, r) = post(config(), "/cms/sign", signer(Some(&"a".repeat(5000)))).await;
    assert_400(status, &r, "a long alias");
    let soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m>1</m></soap:Body></soap:Envelope>";
    let body = json!({"xml": soap, "key": b64(&pki("individual_sign.p12")), "password": "Qwerty12", "keyAlias": "nope"});
    let (status, r) = post(config(), "/wsse/sign", body).await;
    assert_400(status, &r, "/wsse/sign keyAlias");
}

/// The containers one request opens share one key-derivation budget (review 27: four each
/// just under the per-file bound cost 6.7 s): at a budget of 1.5 times what one test
/// container costs, one container is opened, two are refused (400, naming the request's
/// bound) on each route that opens several, before the second one's derivation.
#[tokio::test]
async fn containers_of_one_request_share_one_kdf_budget() {
    let probe = crate::keys::KdfBudget::new(u64::MAX);
    crate::keys::Pkcs12Keys::read(&pki("individual_sign.p12"), b"Qwerty12", Some(&probe)).unwrap();
    let one = probe.spent();
    assert!(one > 0);
    let mut tight = config();
    tight.kdf_work_per_request = one * 3 / 2;
    let k = key("individual_sign.p12");
    let alone = [
        ("/cms/sign", json!({"data": b64(b"x"), "signers": [k]})),
        ("/pkcs12/info", json!({"keys": [k]})),
        ("/pkcs12/aliases", json!({"keys": [k]})),
    ];
    for (route, body) in alone {
        let (status, r) = post(tight.clone(), route, body).await;
        assert_eq!(status, StatusCode::OK, "{route}: {r}");
    }
    let two = [
        ("/cms/sign", json!({"data": b64(b"x"), "signers": [k, k]})),
        ("/pkcs12/info", json!({"keys": [k, k]})),
        ("/pkcs12/aliases", json!({"keys": [k, k]})),
    ];
    for (route, body) in two {
        let (status, r) = post(tight.clone(), route, body.clone()).await;
        assert_400(status, &r, route);
        let message = r["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("of this request") && message.contains(&(one * 3 / 2).to_string()),
            "{route}: {r}"
        );
        // At the service's own bound, the same request is answered.
        let (status, r) = post(config(), route, body).await;
        assert_eq!(status, StatusCode::OK, "{route}: {r}");
    }
}

// --- /x509/verify --------------------------------------------------------------------

fn sba(cert: &str, signature: &[u8], data: &str) -> serde_json::Value {
    json!({"certificate": b64(&pki(cert)), "signature": b64(signature), "data": data, "revocationCheck": ["OCSP", "CRL"]})
}

#[tokio::test]
async fn x509_verify_needs_the_signature_and_the_certificate() {
    let signer = p12_key("individual_sign.p12");
    let signature = signer.sign("вход 42".as_bytes()).unwrap();
    let (status, r) = post(
        config(),
        "/x509/verify",
        sba("individual_sign.cer", &signature, "вход 42"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["message"], "OK");
    assert_eq!(r["signers"][0]["subject"]["iin"], "123456789011");

    // Other data, another key's signature, a signature cut short: not valid, the
    // certificate itself still shown as valid.
    let other = p12_key("legal_sign.p12")
        .sign("вход 42".as_bytes())
        .unwrap();
    for (signature, data) in [
        (&signature[..], "вход 43"),
        (&other[..], "вход 42"),
        (&signature[..signature.len() - 1], "вход 42"),
    ] {
        let (status, r) = post(
            config(),
            "/x509/verify",
            sba("individual_sign.cer", signature, data),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["valid"], false, "{r}");
        assert_eq!(r["signers"][0]["valid"], true, "{r}");
        assert!(r["message"].as_str().unwrap().contains("Подпись"), "{r}");
    }

    // A good signature by a certificate that does not hold (expired, forged issuer): not
    // valid, the certificate's refusal in the message.
    for (cert, key) in [
        ("expired.cer", "expired.key.pem"),
        ("forged_issuer.cer", "forged_issuer.key.pem"),
    ] {
        let signature = pem_key(key).sign(b"x").unwrap();
        let (status, r) = post(config(), "/x509/verify", sba(cert, &signature, "x")).await;
        assert_eq!(status, StatusCode::OK, "{cert}: {r}");
        assert_eq!(r["valid"], false, "{cert}: {r}");
        assert_eq!(r["signers"][0]["valid"], false, "{cert}: {r}");
    }

    // An authentication certificate signs such challenges: valid (any purpose).
    let signature = pem_key("individual_auth.key.pem").sign(b"nonce").unwrap();
    let (_, r) = post(
        config(),
        "/x509/verify",
        sba("individual_auth.cer", &signature, "nonce"),
    )
    .await;
    assert_eq!(r["valid"], true, "{r}");

    // What cannot be read: 400.
    let cert = b64(&pki("individual_sign.cer"));
    for body in [
        json!({"certificate": cert, "data": "x"}),
        json!({"certificate": cert, "signature": b64(&signature)}),
        json!({"certificate": cert, "signature": "%%%", "data": "x"}),
        json!({"certificate": cert, "signature": "", "data": "x"}),
        json!({"certificate": cert, "signature": b64(&[1u8; 2048]), "data": "x"}),
        json!({"certificate": "AAAA", "signature": b64(&signature), "data": "x"}),
        json!({"certificate": cert, "signature": b64(&signature), "data": "x", "other": 1}),
    ] {
        let (status, r) = post(config(), "/x509/verify", body.clone()).await;
        assert_400(status, &r, &body.to_string());
    }
}

/// Java and PHP clients write `null` for an optional field they leave unset: taken as its
/// default on each route of the contract (as NCANode's Jackson takes it), never a 400.
#[tokio::test]
async fn null_optional_fields_read_as_absent() {
    let cert = b64(&pki("individual_sign.cer"));
    let signature = p12_key("individual_sign.p12").sign(b"x").unwrap();
    let k = json!({"key": b64(&pki("individual_sign.p12")), "password": "Qwerty12"});
    let soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m>1</m></soap:Body></soap:Envelope>";
    let signed = {
        let (status, r) = post(
            config(),
            "/cms/sign",
            json!({"data": b64(b"x"), "signers": [k]}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{r}");
        r["cms"].as_str().unwrap().to_string()
    };
    for (route, body) in [
        (
            "/x509/info",
            json!({"certs": [cert], "revocationCheck": null}),
        ),
        (
            "/x509/verify",
            json!({"certificate": cert, "signature": b64(&signature), "data": "x", "revocationCheck": null}),
        ),
        (
            "/cms/verify",
            json!({"cms": signed, "revocationCheck": null}),
        ),
        (
            "/cms/extract",
            json!({"cms": signed, "revocationCheck": null}),
        ),
        (
            "/cms/sign",
            json!({"data": b64(b"x"), "signers": [k], "withTsp": null, "detached": null}),
        ),
        (
            "/xml/sign",
            json!({"xml": "<a>1</a>", "signers": [k], "clearSignatures": null, "trimXml": null}),
        ),
        (
            "/wsse/sign",
            json!({"xml": soap, "key": k["key"], "password": "Qwerty12", "trimXml": null}),
        ),
    ] {
        let (status, r) = post(config(), route, body).await;
        assert_eq!(status, StatusCode::OK, "{route}: {r}");
    }
    let (_, r) = post(
        config(),
        "/x509/info",
        json!({"certs": [cert], "revocationCheck": null}),
    )
    .await;
    assert_eq!(r["valid"], true, "{r}");
    // A null where a value is required is still a 400.
    let (status, r) = post(config(), "/x509/info", json!({"certs": null})).await;
    assert_400(status, &r, "certs: null");
}

/// NCA's GOST 2015/512 key: the signature read as NCA writes it (r ‖ s little-endian).
#[tokio::test]
async fn x509_verify_gost_2015() {
    let (Some(p12), Some(root), Some(ca), Some(crl)) = (
        shared("gost2015/individual_valid.p12"),
        shared("gost2015/root_test_gost_2022.cer"),
        shared("gost2015/nca_gost2022_test.cer"),
        shared("gost2015/nca_gost2022_test.crl"),
    ) else {
        return;
    };
    let verifier = crate::condition::Verifier::builder()
        .trust(crate::Certificate::from_input(&root).unwrap())
        .and_then(|b| b.intermediate(crate::Certificate::from_input(&ca).unwrap()))
        .and_then(|b| b.crl(crate::revocation::Crl::from_der(crl).unwrap()))
        .unwrap()
        .build();
    let at: chrono::DateTime<chrono::Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
    let config = ServerConfig::new(Arc::new(verifier), Arc::new(move || at));
    let bundle = crate::keys::open_pkcs12(&p12, b"Qwerty12").unwrap();
    let signature = bundle.key.sign(b"challenge").unwrap();
    assert_eq!(signature.len(), 128);
    let body = |signature: &[u8], data: &str| json!({"certificate": b64(bundle.certificate.der()), "signature": b64(signature), "data": data});
    let (status, r) = post(
        config.clone(),
        "/x509/verify",
        body(&signature, "challenge"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    // Read big-endian (RFC 4491's order), the same signature does not verify.
    let mut swapped = signature.clone();
    swapped.reverse();
    let (_, r) = post(config.clone(), "/x509/verify", body(&swapped, "challenge")).await;
    assert_eq!(r["valid"], false, "{r}");
    let (_, r) = post(config, "/x509/verify", body(&signature, "challengE")).await;
    assert_eq!(r["valid"], false, "{r}");
}

// --- JWT -----------------------------------------------------------------------------

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS over `header` and `payload` (JSON text) signed by `key` (RSA: RS*'s
/// PKCS#1 v1.5 SHA-256; EC: r ‖ s).
fn token(header: &str, payload: &str, key: &SigningKey) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes())
    );
    let mut signature = key.sign(input.as_bytes()).unwrap();
    if matches!(key.key_algorithm(), crate::signature::KeyAlgorithm::Ec(_)) {
        signature = super::jwt::ecdsa_der_to_fixed(&signature, 32).unwrap();
    }
    format!("{input}.{}", b64url(&signature))
}

fn decode_body(jwt: &str, cert: &str) -> serde_json::Value {
    json!({"jwt": jwt, "key": b64(&pki(cert))})
}

fn encode_body(alg: &str, payload: serde_json::Value, p12: &str) -> serde_json::Value {
    json!({"jwt": {"header": {"alg": alg, "typ": "JWT"}, "payload": payload}, "key": b64(&pki(p12)), "password": "Qwerty12"})
}

#[tokio::test]
async fn jwt_encode_then_decode() {
    let at = 1_795_392_000i64; // the test clock, 2026-11-23
    let claims = json!({"sub": "int-test", "iin": "123456789011", "iat": at - 60, "exp": at + 600, "roles": ["a", {"b": 1}]});
    let (status, r) = post(
        config(),
        "/jwt/encode",
        encode_body("RS256", claims.clone(), "individual_sign.p12"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let jwt = r["jwt"].as_str().unwrap().to_string();
    assert_eq!(jwt.split('.').count(), 3);
    assert!(!jwt.contains('='), "{jwt}");
    let header: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(jwt.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header, json!({"alg": "RS256", "typ": "JWT"}));

    let (status, r) = post(
        config(),
        "/jwt/decode",
        decode_body(&jwt, "individual_sign.cer"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["message"], "OK");
    assert_eq!(r["jwt"]["payload"], claims, "{r}");
    assert_eq!(r["jwt"]["header"], json!({"alg": "RS256", "typ": "JWT"}));

    // Another key's certificate: the signature does not verify; nothing handed out.
    let (_, r) = post(config(), "/jwt/decode", decode_body(&jwt, "legal_sign.cer")).await;
    assert_eq!(r["valid"], false, "{r}");
    assert!(r.get("jwt").is_none(), "{r}");

    // The payload changed after signing.
    let parts: Vec<&str> = jwt.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64url(br#"{"sub":"admin"}"#),
        parts[2]
    );
    let (_, r) = post(
        config(),
        "/jwt/decode",
        decode_body(&forged, "individual_sign.cer"),
    )
    .await;
    assert_eq!(r["valid"], false, "{r}");
    assert!(r.get("jwt").is_none(), "{r}");

    // The key's container with its alias; encode refuses what the key does not sign.
    let mut body = encode_body("RS256", json!({}), "individual_sign.p12");
    body["keyAlias"] = json!("individual_sign");
    let (status, r) = post(config(), "/jwt/encode", body).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    for (alg, why) in [
        ("RS384", "this key signs RS256"),
        ("ES256", "this key signs RS256"),
        ("GG2015", "GOST"),
        ("GG2004", "GOST"),
        ("ES512", "P-521"),
        ("none", "none"),
        ("HS256", "HMAC"),
    ] {
        let (status, r) = post(
            config(),
            "/jwt/encode",
            encode_body(alg, json!({}), "individual_sign.p12"),
        )
        .await;
        assert_400(status, &r, alg);
        assert!(r["message"].as_str().unwrap().contains(why), "{alg}: {r}");
    }
    let mut wrong = encode_body("RS256", json!({}), "individual_sign.p12");
    wrong["password"] = json!("wrong-Secret-3");
    let (status, r) = post(config(), "/jwt/encode", wrong).await;
    assert_400(status, &r, "wrong password");
    assert!(!r.to_string().contains("wrong-Secret-3"));
    let mut typ = encode_body("RS256", json!({}), "individual_sign.p12");
    typ["jwt"]["header"]["typ"] = json!("JOSE");
    let (status, r) = post(config(), "/jwt/encode", typ).await;
    assert_400(status, &r, "typ");
    let mut alias = encode_body("RS256", json!({}), "individual_sign.p12");
    alias["keyAlias"] = json!("nope");
    let (status, r) = post(config(), "/jwt/encode", alias).await;
    assert_400(status, &r, "keyAlias");
}

/// Hostile tokens: never valid, and a 400 for what is not a token this route verifies.
#[tokio::test]
async fn jwt_decode_hostile_tokens() {
    let rsa = p12_key("individual_sign.p12");
    let good_payload = r#"{"sub":"x"}"#;
    let valid = token(r#"{"alg":"RS256","typ":"JWT"}"#, good_payload, &rsa);
    let (_, r) = post(
        config(),
        "/jwt/decode",
        decode_body(&valid, "individual_sign.cer"),
    )
    .await;
    assert_eq!(r["valid"], true, "{r}");
    let parts: Vec<&str> = valid.split('.').collect();
    let with_header = |h: &str| format!("{}.{}.{}", b64url(h.as_bytes()), parts[1], parts[2]);

    // alg none (with and without a signature), HMAC keyed with the certificate (the
    // classic confusion), GOST, unknown: 400.
    let cert_der = pki("individual_sign.cer");
    let hmac = {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &cert_der);
        let input = format!("{}.{}", b64url(br#"{"alg":"HS256","typ":"JWT"}"#), parts[1]);
        let tag = ring::hmac::sign(&key, input.as_bytes());
        format!("{input}.{}", b64url(tag.as_ref()))
    };
    for jwt in [
        format!("{}.{}.", b64url(br#"{"alg":"none"}"#), parts[1]),
        with_header(r#"{"alg":"none","typ":"JWT"}"#),
        with_header(r#"{"alg":"None"}"#),
        hmac,
        with_header(r#"{"alg":"GG2015","typ":"JWT"}"#),
        with_header(r#"{"alg":"PS256"}"#),
        with_header(r#"{"typ":"JWT"}"#),
        with_header(r#"{"alg":256}"#),
        // Two algs: read two ways by two readers.
        with_header(r#"{"alg":"RS256","alg":"none"}"#),
        with_header(r#"["RS256"]"#),
        with_header("not json"),
        // Not a compact JWS: parts, padding, alphabet, whitespace, size.
        format!("{}.{}", parts[0], parts[1]),
        format!("{valid}.{}", parts[2]),
        format!("{}.{}=.{}", parts[0], parts[1], parts[2]),
        format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            parts[2].replace('-', "+").replace('_', "/") + "+"
        ),
        format!("{} .{}.{}", parts[0], parts[1], parts[2]),
        format!("{}.{}.{}", parts[0], b64url(b"[1,2]"), parts[2]),
        format!("{}.{}.{}", parts[0], b64url(&vec![b' '; 70_000]), parts[2]),
        format!("{}.{}.{}", parts[0], parts[1], b64url(&[0u8; 2000])),
        String::new(),
    ] {
        let (status, r) = post(
            config(),
            "/jwt/decode",
            decode_body(&jwt, "individual_sign.cer"),
        )
        .await;
        assert_400(status, &r, &jwt.chars().take(120).collect::<String>());
    }

    // alg swapped to another that fits the key, or one that does not: not valid.
    for h in [
        r#"{"alg":"RS512","typ":"JWT"}"#,
        r#"{"alg":"ES256","typ":"JWT"}"#,
        r#"{"alg":"RS384"}"#,
    ] {
        let (status, r) = post(
            config(),
            "/jwt/decode",
            decode_body(&with_header(h), "individual_sign.cer"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{h}: {r}");
        assert_eq!(r["valid"], false, "{h}: {r}");
        assert!(r.get("jwt").is_none(), "{h}: {r}");
    }

    // Signed right, but: crit; expired, not yet valid, issued in the future; expired or
    // forged certificate; empty signature.
    let at = 1_795_392_000i64;
    let cases = [
        (
            r#"{"alg":"RS256","crit":["b64"],"b64":false}"#.to_string(),
            good_payload.to_string(),
            "individual_sign",
            "crit",
        ),
        (
            r#"{"alg":"RS256"}"#.into(),
            format!(r#"{{"exp":{at}}}"#),
            "individual_sign",
            "exp",
        ),
        (
            r#"{"alg":"RS256"}"#.into(),
            format!(r#"{{"nbf":{}}}"#, at + 1),
            "individual_sign",
            "nbf",
        ),
        (
            r#"{"alg":"RS256"}"#.into(),
            format!(r#"{{"iat":{}}}"#, at + 1),
            "individual_sign",
            "iat",
        ),
        (
            r#"{"alg":"RS256"}"#.into(),
            r#"{"exp":"never"}"#.into(),
            "individual_sign",
            "exp",
        ),
        (
            r#"{"alg":"RS256"}"#.into(),
            good_payload.into(),
            "expired",
            "",
        ),
        (
            r#"{"alg":"RS256"}"#.into(),
            good_payload.into(),
            "forged_issuer",
            "",
        ),
    ];
    for (header, payload, who, says) in cases {
        let signer = if who == "individual_sign" {
            rsa_clone()
        } else {
            pem_key(&format!("{who}.key.pem"))
        };
        let jwt = token(&header, &payload, &signer);
        let (status, r) = post(
            config(),
            "/jwt/decode",
            decode_body(&jwt, &format!("{who}.cer")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{header} {payload} {who}: {r}");
        assert_eq!(r["valid"], false, "{header} {payload} {who}: {r}");
        assert!(r["message"].as_str().unwrap().contains(says), "{says}: {r}");
        assert!(r.get("jwt").is_none(), "{r}");
    }
    let empty = format!("{}.{}.", parts[0], parts[1]);
    let (status, r) = post(
        config(),
        "/jwt/decode",
        decode_body(&empty, "individual_sign.cer"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], false, "{r}");

    // The certificate: not base64, not a certificate, missing: 400.
    for body in [
        json!({"jwt": valid, "key": "%%%"}),
        json!({"jwt": valid, "key": b64(b"no")}),
        json!({"jwt": valid}),
        json!({"jwt": valid, "key": b64(&cert_der), "other": 1}),
    ] {
        let (status, r) = post(config(), "/jwt/decode", body.clone()).await;
        assert_400(status, &r, &body.to_string());
    }
}

fn rsa_clone() -> SigningKey {
    p12_key("individual_sign.p12")
}

/// ES256 with a P-256 certificate chained to its CA: valid; RS256 over it: not.
#[tokio::test]
async fn jwt_decode_es256() {
    let cert = |n: &str| crate::Certificate::from_input(&pki(n)).unwrap();
    let verifier = crate::condition::Verifier::builder()
        .trust(cert("root.cer"))
        .and_then(|b| b.intermediate(cert("ecdsa_ca.cer")))
        .and_then(|b| b.crl(crate::revocation::Crl::from_der(pki("ecdsa_ca.crl")).unwrap()))
        .unwrap()
        .build();
    let at: chrono::DateTime<chrono::Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
    let config = ServerConfig::new(Arc::new(verifier), Arc::new(move || at));
    let ec = pem_key("ecdsa_sign.key.pem");
    let jwt = token(r#"{"alg":"ES256","typ":"JWT"}"#, r#"{"sub":"ec"}"#, &ec);
    let (status, r) = post(
        config.clone(),
        "/jwt/decode",
        decode_body(&jwt, "ecdsa_sign.cer"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["jwt"]["payload"]["sub"], "ec");
    // The signature in DER (as the JCA writes it), not r ‖ s: not valid.
    let parts: Vec<&str> = jwt.split('.').collect();
    let input = format!("{}.{}", parts[0], parts[1]);
    let der = ec.sign(input.as_bytes()).unwrap();
    let (_, r) = post(
        config.clone(),
        "/jwt/decode",
        decode_body(&format!("{input}.{}", b64url(&der)), "ecdsa_sign.cer"),
    )
    .await;
    assert_eq!(r["valid"], false, "{r}");
    // Claimed as RS256 with the EC certificate: the alg does not fit the key.
    let rs = format!(
        "{}.{}.{}",
        b64url(br#"{"alg":"RS256"}"#),
        parts[1],
        parts[2]
    );
    let (_, r) = post(config, "/jwt/decode", decode_body(&rs, "ecdsa_sign.cer")).await;
    assert_eq!(r["valid"], false, "{r}");
}
