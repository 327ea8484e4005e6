//! `/pkcs12/aliases` (and `keyAlias`), answered in process as `tests.rs` answers the other
//! routes: what must hold, and hostile input that must never be a 5xx.

use axum::http::StatusCode;
use serde_json::json;

use super::tests::{call, config, key, pki};
use super::*;

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
