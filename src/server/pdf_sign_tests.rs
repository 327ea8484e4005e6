//! `POST /pdf/sign` answered in process: another producer's PDF signed by two keys in
//! turn, then judged by `/pdf/verify`; `withTsp` puts the token inside the signature; what
//! cannot be signed is a 4xx.

use axum::http::StatusCode;
use base64::Engine as _;

use super::super::tests::{call, config, key, pki};
use crate::server::b64;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/test-vectors/pdf/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn decoded(r: &serde_json::Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(r["pdf"].as_str().unwrap())
        .unwrap()
}

/// The CMS of the last signature of `pdf` (its `/Contents`, zero padding dropped).
fn last_cms(pdf: &[u8]) -> crate::cms::SignedData {
    let text = String::from_utf8_lossy(pdf);
    let at = text.rfind("/Contents <").unwrap() + "/Contents <".len();
    let hex: String = text[at..].chars().take_while(|c| *c != '>').collect();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    let (tlv, _) = crate::ber::Tlv::read(&bytes, "test").unwrap();
    crate::cms::SignedData::from_ber(tlv.raw).unwrap()
}

#[tokio::test]
async fn pdf_sign_two_signers_then_verify() {
    for name in ["classic.pdf", "xref-stream.pdf"] {
        let original = fixture(name);
        let body = serde_json::json!({
            "pdf": b64(&original),
            "signers": [
                {"signer": key("individual_sign.p12"), "reason": "Келісемін", "location": "Astana", "contactInfo": ""},
                {"signer": key("legal_sign.p12")},
            ],
        });
        let (status, r) = call(config(), "POST", "/pdf/sign", &body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{name}: {r}");
        assert_eq!(r["status"], 200);
        assert!(!r.to_string().contains("Qwerty12"));
        let signed = decoded(&r);
        assert!(signed.starts_with(&original), "{name}");
        // /M is the server's clock.
        assert!(String::from_utf8_lossy(&signed).contains("/M (D:20261123000000+00'00')"));
        let body = serde_json::json!({"pdf": b64(&signed)});
        let (status, r) = call(config(), "POST", "/pdf/verify", &body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{r}");
        assert_eq!(r["valid"], true, "{name}: {r}");
        assert_eq!(r["signers"].as_array().unwrap().len(), 2, "{r}");
        // The claims each signer wrote, read back (UTF-16 for the Kazakh text).
        assert_eq!(r["signers"][0]["reason"], "Келісемін", "{r}");
        assert_eq!(r["signers"][0]["location"], "Astana", "{r}");
        assert!(r["signers"][1].get("reason").is_none(), "{r}");
    }
}

#[tokio::test]
async fn pdf_sign_refuses_what_it_cannot_sign() {
    for (body, what) in [
        (
            serde_json::json!({"pdf": b64(&fixture("encrypted.pdf")), "signers": [{"signer": key("individual_sign.p12")}]}),
            "encrypted",
        ),
        (
            serde_json::json!({"pdf": b64(b"not a pdf"), "signers": [{"signer": key("individual_sign.p12")}]}),
            "not a PDF",
        ),
        (
            serde_json::json!({"pdf": b64(&fixture("classic.pdf")), "signers": []}),
            "no signer",
        ),
        (
            serde_json::json!({"pdf": b64(&fixture("classic.pdf")), "signers": [{"signer": key("individual_sign.p12")}], "withTsp": true}),
            "withTsp without a TSA",
        ),
        (
            serde_json::json!({"pdf": b64(&fixture("classic.pdf")), "signers": [{"signer": {"key": b64(&pki("individual_sign.p12")), "password": "wrong"}}]}),
            "wrong password",
        ),
        (
            serde_json::json!({"pdf": b64(&fixture("classic.pdf")), "signers": [{"signer": key("individual_sign.p12"), "page": 2}]}),
            "unknown field",
        ),
    ] {
        let (status, r) = call(config(), "POST", "/pdf/sign", &body.to_string()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {r}");
        assert!(!r.to_string().contains("Qwerty12"), "{r}");
    }
}

/// `withTsp` with a configured TSA (openssl's): the token is inside the embedded CMS, so
/// the signed file carries it and still verifies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pdf_sign_with_tsp_embeds_the_token() {
    let server = crate::fetch::test_server::TestServer::start();
    let Some(stamping) = super::super::tests::stamping(&server) else {
        eprintln!("NOTICE: openssl is absent; skipping the withTsp check");
        return;
    };
    let body = serde_json::json!({"pdf": b64(&fixture("classic.pdf")), "signers": [{"signer": key("individual_sign.p12")}], "withTsp": true});
    let (status, r) = call(stamping, "POST", "/pdf/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let signed = decoded(&r);
    assert!(last_cms(&signed).signers()[0]
        .unsigned_attributes()
        .iter()
        .any(|a| a.oid == crate::oid::ATTR_TIME_STAMP_TOKEN));
    assert_eq!(server.hits("/tsa"), 1);
    let body = serde_json::json!({"pdf": b64(&signed)});
    let (_, r) = call(config(), "POST", "/pdf/verify", &body.to_string()).await;
    assert_eq!(r["signers"].as_array().unwrap().len(), 1, "{r}");
}
