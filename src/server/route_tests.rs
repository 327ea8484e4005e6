//! `/x509/verify`, `/pkcs12/aliases` (and `keyAlias`), answered in process as `tests.rs`
//! answers the other routes: what must hold for `valid`, and hostile input that must never
//! be valid nor a 5xx.

use std::sync::Arc;

use axum::http::StatusCode;
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
