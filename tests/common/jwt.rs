//! Compact JWS tokens for the tests of the `/jwt/*` routes: base64url, RS256 tokens signed
//! with the test PKI's keys, and `/jwt/decode` of a payload signed so.
#![cfg(feature = "server")]

use base64::Engine as _;
use qoltanba::keys::SigningKey;
use serde_json::{json, Value};

use super::service::Service;

/// Base64url without padding, as JWS writes its parts.
pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A compact JWS over the JSON texts `header` and `payload`, signed by `key` (RSA PKCS#1
/// v1.5 SHA-256 with the test PKI's RSA keys: RS256).
pub fn rs256(header: &str, payload: &str, key: &SigningKey) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes())
    );
    let signature = key.sign(input.as_bytes()).expect("a signature");
    format!("{input}.{}", b64url(&signature))
}

/// The body of `/jwt/decode` for `jwt` and the certificate file `cert` of the test PKI.
pub fn decode_body(jwt: &str, cert: &str) -> String {
    let der = std::fs::read(super::pki(cert)).expect("a test PKI certificate");
    json!({"jwt": jwt, "key": base64::engine::general_purpose::STANDARD.encode(der)}).to_string()
}

/// `/jwt/decode` of `payload` signed (RS256, header `{"alg":"RS256","typ":"JWT"}`) by the
/// individual's signing key: (status, answer, the answer's text as sent).
pub fn decode(svc: &Service, payload: &str) -> (u16, Value, String) {
    let key = std::fs::read(super::pki("individual_sign.key.pem")).expect("the test key");
    let key = SigningKey::from_pkcs8(&key, None).expect("a key");
    let jwt = rs256(r#"{"alg":"RS256","typ":"JWT"}"#, payload, &key);
    let (status, raw) = svc.post_text("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
    let answer = serde_json::from_str(&raw).unwrap_or(Value::Null);
    (status, answer, raw)
}
