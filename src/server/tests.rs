//! The service answered in process (the router as a tower service): NCANode's shapes,
//! verdicts that must not be "valid", and the 4xx answers to what cannot be read.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine as _;
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

use super::*;

pub(super) fn pki(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/test-vectors/pki/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub(super) fn config() -> ServerConfig {
    let cert = |n: &str| crate::Certificate::from_input(&pki(n)).unwrap();
    let verifier = Verifier::builder()
        .trust(cert("root.cer"))
        .and_then(|b| b.intermediate(cert("nca_rsa.cer")))
        .and_then(|b| b.crl(crate::revocation::Crl::from_der(pki("nca_rsa_current.crl")).unwrap()))
        .unwrap()
        .build();
    let at: DateTime<Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
    ServerConfig::new(Arc::new(verifier), Arc::new(move || at))
}

/// One request to the service: (status, JSON body).
pub(super) async fn call(
    config: ServerConfig,
    method: &str,
    path: &str,
    body: &str,
) -> (StatusCode, serde_json::Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router(config).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, json)
}

fn signed_cms(content: &[u8]) -> Vec<u8> {
    let bundle = crate::keys::open_pkcs12(&pki("individual_sign.p12"), b"Qwerty12").unwrap();
    let at = "2026-11-22T10:00:00Z".parse().unwrap();
    crate::cms::sign(
        content,
        &crate::cms::SignRequest::new(&bundle.certificate, at),
        &bundle.key,
    )
    .unwrap()
}

#[tokio::test]
async fn health() {
    let (status, body) = call(config(), "GET", "/actuator/health", "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, serde_json::json!({"status": "UP"}));
}

#[tokio::test]
async fn x509_info_in_ncanode_shape() {
    let body = serde_json::json!({"certs": [b64(&pki("individual_sign.cer"))], "revocationCheck": ["OCSP", "CRL"]});
    let (status, r) = call(config(), "POST", "/x509/info", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["status"], 200);
    let info = &r["signers"][0];
    assert_eq!(info["subject"]["iin"], "123456789011");
    assert_eq!(info["keyUsage"], "SIGN");
    assert!(info["keyUser"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("INDIVIDUAL")));
    assert_eq!(info["revocations"][0]["revoked"], false);
    assert_eq!(info["revocations"][0]["by"], "CRL");
    let serial = info["serialNumber"].as_str().unwrap();
    assert_eq!(serial, serial.to_ascii_lowercase());
    assert!(info["publicKey"].is_string() && info["signature"].is_string());
    assert!(info["issuer"]["dn"]
        .as_str()
        .unwrap()
        .contains("QOLTANBA TEST"));
    // An authentication certificate is valid as information (any purpose), keyUsage AUTH.
    let body = serde_json::json!({"certs": [b64(&pki("individual_auth.cer"))]});
    let (_, r) = call(config(), "POST", "/x509/info", &body.to_string()).await;
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["signers"][0]["keyUsage"], "AUTH", "{r}");
}

/// What NCANode would call valid (one chain level, no CRL signature) must not be valid
/// here when the library does not prove it: expired, revoked, unchained.
#[tokio::test]
async fn x509_info_is_never_valid_on_less_than_proof() {
    for name in ["expired.cer", "forged_issuer.cer", "ecdsa_sign.cer"] {
        let body = serde_json::json!({"certs": [b64(&pki(name))]});
        let (status, r) = call(config(), "POST", "/x509/info", &body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{name}: {r}");
        assert_eq!(r["valid"], false, "{name}: {r}");
        assert_eq!(r["signers"][0]["valid"], false, "{name}");
        assert_ne!(r["message"], "OK", "{name}");
    }
}

#[tokio::test]
async fn cms_verify_valid_and_tampered() {
    let cms = signed_cms(b"request 42");
    let body = serde_json::json!({"cms": b64(&cms)});
    let (status, r) = call(config(), "POST", "/cms/verify", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(
        r["signers"][0]["certificates"][0]["subject"]["iin"],
        "123456789011"
    );
    // The content changed inside the signature: invalid.
    let mut tampered = cms.clone();
    let at = tampered
        .windows(10)
        .position(|w| w == b"request 42")
        .unwrap();
    tampered[at] = b'R';
    let body = serde_json::json!({"cms": b64(&tampered)});
    let (status, r) = call(config(), "POST", "/cms/verify", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(r["valid"], false, "{r}");
}

#[tokio::test]
async fn xml_verify() {
    let bundle = crate::keys::open_pkcs12(&pki("individual_sign.p12"), b"Qwerty12").unwrap();
    let xml = crate::xmldsig::sign(
        b"<r><iin>123456789011</iin></r>",
        &bundle.certificate,
        &bundle.key,
    )
    .unwrap();
    let body = serde_json::json!({"xml": String::from_utf8(xml.clone()).unwrap()});
    let (status, r) = call(config(), "POST", "/xml/verify", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    let changed = String::from_utf8(xml)
        .unwrap()
        .replace("123456789011", "123456789012");
    let body = serde_json::json!({"xml": changed});
    let (_, r) = call(config(), "POST", "/xml/verify", &body.to_string()).await;
    assert_eq!(r["valid"], false, "{r}");
}

#[tokio::test]
async fn native_verify_with_the_request_identity_and_time() {
    let cms = b64(&signed_cms(b"request 43"));
    let ok = serde_json::json!({"cms": cms, "iin": "123456789011", "at": "2026-11-23T00:00:00Z"});
    let (status, r) = call(config(), "POST", "/v1/verify", &ok.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["schema"], 1);
    assert_eq!(r["format"], "cms");
    assert_eq!(r["verdict"]["verdict"], "valid", "{r}");
    // Another IIN than the certificate's: invalid, the check named with its kind.
    let other = serde_json::json!({"cms": cms, "iin": "123456789012"});
    let (_, r) = call(config(), "POST", "/v1/verify", &other.to_string()).await;
    assert_eq!(r["verdict"]["verdict"], "invalid", "{r}");
    assert!(r.to_string().contains("\"kind\":\"mismatch\""), "{r}");
    // After the certificate expired: invalid.
    let late = serde_json::json!({"cms": cms, "at": "2027-06-01T00:00:00Z"});
    let (_, r) = call(config(), "POST", "/v1/verify", &late.to_string()).await;
    assert_ne!(r["verdict"]["verdict"], "valid", "{r}");
}

/// What cannot be read is a 4xx with a JSON message, never a 5xx.
#[tokio::test]
async fn unreadable_requests_are_4xx_with_json() {
    for (path, body) in [
        ("/x509/info", "{not json"),
        ("/x509/info", r#"{"certs": ["%%%"]}"#),
        ("/x509/info", r#"{"certs": []}"#),
        ("/x509/info", r#"{"certs": ["AAAA"]}"#),
        ("/cms/verify", r#"{"cms": "AAAA"}"#),
        ("/cms/verify", r#"{"cms": "AAAA", "unknown": 1}"#),
        ("/xml/verify", r#"{"xml": "<a>"}"#),
        ("/v1/verify", r#"{"cms": "AAAA", "xml": "<a/>"}"#),
        ("/v1/verify", r#"{"xml": "<a/>", "at": "yesterday"}"#),
        ("/v1/verify", r#"{"xml": "<a/>", "iin": "12"}"#),
    ] {
        let (status, r) = call(config(), "POST", path, body).await;
        assert!(status.is_client_error(), "{path} {body}: {status} {r}");
        assert_eq!(r["status"], status.as_u16(), "{path} {body}: {r}");
        assert!(r["message"].as_str().is_some_and(|m| !m.is_empty()), "{r}");
    }
    // Over the body bound: 413, JSON.
    let small = config().max_body(1024);
    let body = serde_json::json!({"xml": "x".repeat(4096)}).to_string();
    let (status, r) = call(small, "POST", "/xml/verify", &body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{r}");
    assert_eq!(r["status"], 413);
    // /pdf/sign is served now: an empty request is a 400, not a 404.
    let (status, _) = call(config(), "POST", "/pdf/sign", "{}").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// A judgement that outlives the request's time bound is answered 503, not awaited.
#[tokio::test]
async fn the_time_bound_answers_503() {
    let config = config().request_timeout(Duration::from_millis(10));
    let slow = judged(&config, || {
        std::thread::sleep(Duration::from_millis(300));
        Ok(())
    })
    .await;
    assert_eq!(slow.unwrap_err().status, StatusCode::SERVICE_UNAVAILABLE);
}

pub(super) fn key(name: &str) -> serde_json::Value {
    serde_json::json!({"key": b64(&pki(name)), "password": "Qwerty12"})
}

#[tokio::test]
async fn cms_sign_add_extract() {
    let body =
        serde_json::json!({"data": b64(b"request 44"), "signers": [key("individual_sign.p12")]});
    let (status, r) = call(config(), "POST", "/cms/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let cms = r["cms"].as_str().unwrap().to_string();
    // A second signer added: both hold.
    let body = serde_json::json!({"cms": cms, "signers": [key("legal_sign.p12")]});
    let (status, r) = call(config(), "POST", "/cms/sign/add", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let two = r["cms"].as_str().unwrap().to_string();
    let (_, r) = call(
        config(),
        "POST",
        "/cms/verify",
        &serde_json::json!({"cms": two}).to_string(),
    )
    .await;
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["signers"].as_array().unwrap().len(), 2);
    // Extract: the content of a valid CMS; none of a tampered one.
    let (_, r) = call(
        config(),
        "POST",
        "/cms/extract",
        &serde_json::json!({"cms": two}).to_string(),
    )
    .await;
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["data"], b64(b"request 44"));
    let mut der = base64::engine::general_purpose::STANDARD
        .decode(&two)
        .unwrap();
    let at = der.windows(10).position(|w| w == b"request 44").unwrap();
    der[at] = b'R';
    let (_, r) = call(
        config(),
        "POST",
        "/cms/extract",
        &serde_json::json!({"cms": b64(&der)}).to_string(),
    )
    .await;
    assert_eq!(r["valid"], false, "{r}");
    assert!(
        r.get("data").is_none(),
        "unverified content handed out: {r}"
    );
}

/// Keys in requests: a wrong password is a 400 that does not echo it; no answer carries
/// the password; what this version does not do is refused, not ignored.
#[tokio::test]
async fn keys_in_requests() {
    let wrong = serde_json::json!({"data": b64(b"x"), "signers": [{"key": b64(&pki("individual_sign.p12")), "password": "wrong-Secret-1"}]});
    let (status, r) = call(config(), "POST", "/cms/sign", &wrong.to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{r}");
    assert!(!r.to_string().contains("wrong-Secret-1"), "{r}");
    for body in [
        serde_json::json!({"data": b64(b"x"), "signers": [key("individual_sign.p12")], "withTsp": true}),
        serde_json::json!({"data": b64(b"x"), "signers": []}),
        serde_json::json!({"signers": [key("individual_sign.p12")]}),
    ] {
        let (status, r) = call(config(), "POST", "/cms/sign", &body.to_string()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {r}");
        assert!(!r.to_string().contains("Qwerty12"), "{r}");
    }
    let (status, r) = call(
        config(),
        "POST",
        "/pkcs12/info",
        &serde_json::json!({"keys": [key("individual_sign.p12")]}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["signers"][0]["subject"]["iin"], "123456789011");
    assert!(!r.to_string().contains("Qwerty12"));
    let body = serde_json::json!({"xml": "<a>x</a>", "signers": [key("individual_sign.p12")], "clearSignatures": true});
    let (status, _) = call(config(), "POST", "/xml/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn xml_and_wsse_sign_then_verify() {
    let body = serde_json::json!({"xml": "<r><d Id=\"d1\">signed</d><n>free</n></r>", "signers": [{"key": b64(&pki("individual_sign.p12")), "password": "Qwerty12", "referenceUri": "#d1"}]});
    let (status, r) = call(config(), "POST", "/xml/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let xml = r["xml"].as_str().unwrap().to_string();
    assert!(xml.contains("URI=\"#d1\""), "{xml}");
    // One element signed: NCANode's answer cannot say which, so not valid here; the
    // library's own route hands out the signed part.
    let (_, r) = call(
        config(),
        "POST",
        "/xml/verify",
        &serde_json::json!({"xml": xml}).to_string(),
    )
    .await;
    assert_eq!(r["valid"], false, "{r}");
    assert!(r["message"].as_str().unwrap().contains("only part"), "{r}");
    let (_, r) = call(
        config(),
        "POST",
        "/v1/verify",
        &serde_json::json!({"xml": xml}).to_string(),
    )
    .await;
    assert_eq!(r["verdict"]["verdict"], "valid", "{r}");
    let soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m>1</m></soap:Body></soap:Envelope>";
    let body = serde_json::json!({"xml": soap, "key": b64(&pki("individual_sign.p12")), "password": "Qwerty12"});
    let (status, r) = call(config(), "POST", "/wsse/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let signed = r["xml"].as_str().unwrap().to_string();
    let (_, r) = call(
        config(),
        "POST",
        "/wsse/verify",
        &serde_json::json!({"xml": signed}).to_string(),
    )
    .await;
    assert_eq!(r["valid"], true, "{r}");
    let changed = signed.replace("<m>1</m>", "<m>2</m>");
    let (_, r) = call(
        config(),
        "POST",
        "/wsse/verify",
        &serde_json::json!({"xml": changed}).to_string(),
    )
    .await;
    assert_eq!(r["valid"], false, "{r}");
}

/// `/metrics`: requests by route pattern and status, latency, and the CRLs' age.
#[tokio::test]
async fn metrics_count_requests_and_show_crl_age() {
    let config = config();
    let _ = call(config.clone(), "GET", "/actuator/health", "").await;
    let _ = call(config.clone(), "POST", "/x509/info", "{oops").await;
    let request = Request::builder()
        .uri("/metrics")
        .body(Body::empty())
        .unwrap();
    let response = router(config).oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(
        text.contains("qoltanba_requests_total{route=\"/actuator/health\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("qoltanba_requests_total{route=\"/x509/info\",status=\"400\"} 1"),
        "{text}"
    );
    assert!(text.contains("qoltanba_request_seconds_count{route=\"/x509/info\"} 1"));
    // nca_rsa_current.crl: thisUpdate 2026-11-01, the clock 2026-11-23: 22 days.
    assert!(text.contains("qoltanba_crl_age_seconds{"), "{text}");
    assert!(text.contains(&format!("}} {}", 22 * 86_400)), "{text}");
}

/// The log: one JSON line a request, with no body in it.
#[tokio::test]
async fn one_log_line_a_request_without_the_body() {
    let lines = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = lines.clone();
    let config = config().log(Arc::new(move |l: &str| {
        if let Ok(mut v) = sink.lock() {
            v.push(l.to_string());
        }
    }));
    let body = serde_json::json!({"certs": [b64(&pki("individual_sign.cer"))]});
    let _ = call(config, "POST", "/x509/info", &body.to_string()).await;
    let lines = lines.lock().unwrap();
    assert_eq!(lines.len(), 1);
    let v: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(v["route"], "/x509/info");
    assert_eq!(v["status"], 200);
    assert_eq!(v["ts"], "2026-11-23T00:00:00+00:00");
    assert!(!lines[0].contains("123456789011") && !lines[0].contains("MII"));
}

/// `/pdf/verify`: an output document's PDF, signed (PAdES) when issued; bytes appended
/// after its signature make it invalid.
#[cfg(feature = "pdf")]
#[tokio::test]
async fn pdf_verify() {
    let bundle = crate::keys::open_pkcs12(&pki("individual_sign.p12"), b"Qwerty12").unwrap();
    let ca = [crate::certificate::Certificate::from_der(&pki("nca_rsa.cer")).unwrap()];
    let profile = crate::profiles::Profile::by_id("vko-archive-certificate").unwrap();
    let issued_at = chrono::DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap();
    let fields = crate::document::Fields {
        favor_id: Some("SRV-1".into()),
        title_kk: None,
        title_ru: None,
        fields: vec![crate::document::Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let doc =
        crate::document::OutputDocument::new(fields, profile, None, false, issued_at).unwrap();
    let request =
        crate::cms::SignRequest::new(&bundle.certificate, issued_at.to_utc()).with_chain(&ca);
    let pdf = crate::document::issue(
        &doc,
        &request,
        &bundle.key,
        crate::barcode::EcLevel::M,
        &crate::document::Font::bundled().unwrap(),
    )
    .unwrap()
    .pdf;
    let body = serde_json::json!({"pdf": b64(&pdf)});
    let (status, r) = call(config(), "POST", "/pdf/verify", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(
        r["signers"][0]["certificate"]["subject"]["iin"],
        "123456789011"
    );
    assert_eq!(r["signers"][0]["signDate"], "2026-11-22T09:30:00+00:00");
    let mut appended = pdf.clone();
    appended.extend_from_slice(b"\n% later\n");
    let body = serde_json::json!({"pdf": b64(&appended)});
    let (_, r) = call(config(), "POST", "/pdf/verify", &body.to_string()).await;
    assert_eq!(r["valid"], false, "{r}");
    // Not a PDF: a 4xx naming no value.
    let body = serde_json::json!({"pdf": b64(b"not a pdf")});
    let (status, _) = call(config(), "POST", "/pdf/verify", &body.to_string()).await;
    assert!(status.is_client_error());
}

/// The background refresh: a source that fails at start leaves status unproven (never
/// valid); once it serves a good CRL the refreshed verifier is swapped in and requests
/// become valid; a later failure keeps that CRL and shows in `/metrics` and the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crls_refreshed_in_the_background() {
    use crate::fetch::test_server::{Answer, TestServer};
    use crate::fetch::{CrlFetcher, FetchConfig};
    use std::sync::Mutex;

    let cert = |n: &str| crate::Certificate::from_input(&pki(n)).unwrap();
    let base = Verifier::builder()
        .trust(cert("root.cer"))
        .and_then(|b| b.intermediate(cert("nca_rsa.cer")))
        .unwrap()
        .build();
    let server = TestServer::start();
    let url = server.set("/nca.crl", Answer::Status(404));
    let config = FetchConfig::default().timeout(Duration::from_secs(2));
    let mut fetcher = CrlFetcher::new(config, &base);
    fetcher.add_url(&url).unwrap();
    let now: Arc<Mutex<DateTime<Utc>>> =
        Arc::new(Mutex::new("2026-11-23T00:00:00Z".parse().unwrap()));
    let clock = now.clone();
    fetcher.refresh(*now.lock().unwrap());
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = lines.clone();
    let mut config = ServerConfig::new(Arc::new(base), Arc::new(move || *clock.lock().unwrap()))
        .log(Arc::new(move |l: &str| {
            sink.lock().unwrap().push(l.to_string())
        }))
        .crl_fetcher(fetcher)
        .unwrap();
    config.refresh_poll = Duration::from_millis(20);
    let task = refresh::spawn(&config).unwrap();

    let info = serde_json::json!({"certs": [b64(&pki("individual_sign.cer"))]}).to_string();
    let (_, r) = call(config.clone(), "POST", "/x509/info", &info).await;
    assert_eq!(r["valid"], false, "no CRL: status not proven: {r}");
    let (_, metrics) = text(config.clone(), "/metrics").await;
    assert!(
        metrics.contains(&format!("qoltanba_crl_source_up{{url=\"{url}\"}} 0")),
        "{metrics}"
    );
    assert!(
        metrics.contains(&format!(
            "qoltanba_crl_refresh_failure{{url=\"{url}\",kind=\"status\"}} 1"
        )),
        "{metrics}"
    );

    // The source recovers; past the retry delay the refresh takes its CRL.
    server.set("/nca.crl", Answer::Body(pki("nca_rsa_current.crl")));
    *now.lock().unwrap() = "2026-11-23T00:10:00Z".parse().unwrap();
    let mut valid = false;
    for _ in 0..500 {
        let (_, r) = call(config.clone(), "POST", "/x509/info", &info).await;
        if r["valid"] == true {
            valid = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(valid, "the refreshed CRL was swapped in");

    // It fails again: the CRL held stays, the failure is counted.
    server.set("/nca.crl", Answer::Status(500));
    *now.lock().unwrap() = "2026-11-23T02:00:00Z".parse().unwrap();
    let mut counted = false;
    for _ in 0..500 {
        let (_, metrics) = text(config.clone(), "/metrics").await;
        if metrics.contains(&format!(
            "qoltanba_crl_refresh_failures_total{{url=\"{url}\"}} 2"
        )) {
            counted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(counted, "the second failure shows in /metrics");
    let (_, r) = call(config.clone(), "POST", "/x509/info", &info).await;
    assert_eq!(r["valid"], true, "the CRL held stays in use: {r}");
    task.abort();
    let logged = lines.lock().unwrap().join("\n");
    assert!(logged.contains("\"event\":\"crl_refresh\""), "{logged}");
    assert!(logged.contains("\"kind\":\"status\""), "{logged}");
}

/// A GET answered as text: (status, body).
async fn text(config: ServerConfig, path: &str) -> (StatusCode, String) {
    let request = Request::builder().uri(path).body(Body::empty()).unwrap();
    let response = router(config).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// `withTsp` with a configured TSA: each new signer gets a token (openssl's TSA here); a
/// TSA whose answer is not this exchange is a 502, never a CMS without its token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_tsp_asks_the_configured_tsa() {
    use crate::fetch::test_server::{openssl_tsa, Answer, TestServer};
    let server = TestServer::start();
    let recorded = server.set("/replay", Answer::Body(pki("tsa/response_valid.tsr")));
    let replaying = config()
        .tsa(&recorded, &crate::fetch::FetchConfig::default())
        .unwrap();
    let body = serde_json::json!({"data": b64(b"x"), "signers": [key("individual_sign.p12")], "withTsp": true});
    let (status, r) = call(replaying, "POST", "/cms/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{r}");
    assert!(
        r["message"].as_str().unwrap_or_default().contains("nonce"),
        "{r}"
    );
    let Some(tsa) = openssl_tsa("server") else {
        eprintln!("NOTICE: openssl is absent; skipping the withTsp check");
        return;
    };
    let url = server.set("/tsa", tsa);
    let stamping = config()
        .tsa(&url, &crate::fetch::FetchConfig::default())
        .unwrap();
    let (status, r) = call(stamping, "POST", "/cms/sign", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let cms = base64::engine::general_purpose::STANDARD
        .decode(r["cms"].as_str().unwrap())
        .unwrap();
    let signed = crate::cms::SignedData::from_ber(&cms).unwrap();
    assert!(signed.signers()[0]
        .unsigned_attributes()
        .iter()
        .any(|a| a.oid == crate::oid::ATTR_TIME_STAMP_TOKEN));
    assert_eq!(server.hits("/tsa"), 1);
}

/// `/v1/verify` under a regulation profile and `/v1/profiles`: the request verdict, the
/// decree's refusal for another person's IIN, 400 for what is not a request under it.
#[tokio::test]
async fn native_verify_under_a_profile() {
    let (status, list) = call(config(), "GET", "/v1/profiles", "").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let profiles = list["profiles"].as_array().unwrap();
    assert!(profiles.len() >= 13, "{list}");
    let with_eds = crate::profiles::Profile::all()
        .iter()
        .find(|p| p.requires_eds())
        .unwrap();
    let without = crate::profiles::Profile::all()
        .iter()
        .find(|p| !p.requires_eds())
        .unwrap();
    let cms = b64(&signed_cms(b"{\"request\":1}"));
    let body = |profile: &str, iin: &str, extra: serde_json::Value| {
        let mut b = serde_json::json!({"cms": cms, "profile": profile, "iin": iin, "at": "2026-11-23T00:00:00Z"});
        if let (Some(b), Some(e)) = (b.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        b.to_string()
    };
    let (status, r) = call(
        config(),
        "POST",
        "/v1/verify",
        &body(&with_eds.id, "123456789011", serde_json::json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["format"], "request", "{r}");
    assert_eq!(r["verdict"]["verdict"], "valid", "{r}");
    let (status, r) = call(
        config(),
        "POST",
        "/v1/verify",
        &body(&with_eds.id, "111111111111", serde_json::json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(
        r["verdict"]["verdict"], "invalid",
        "another person's IIN: {r}"
    );
    // The applicant is not the provider's employee: that channel proves no role.
    let (_, r) = call(
        config(),
        "POST",
        "/v1/verify",
        &body(
            &with_eds.id,
            "123456789011",
            serde_json::json!({"channel": "provider", "provider_bin": "123456789021"}),
        ),
    )
    .await;
    assert_ne!(r["verdict"]["verdict"], "valid", "{r}");
    for (what, b) in [
        (
            "unknown profile",
            body("no-such-profile", "123456789011", serde_json::json!({})),
        ),
        (
            "no EDS step",
            body(&without.id, "123456789011", serde_json::json!({})),
        ),
        (
            "bad channel",
            body(
                &with_eds.id,
                "123456789011",
                serde_json::json!({"channel": "fax"}),
            ),
        ),
        (
            "signers under a profile",
            body(
                &with_eds.id,
                "123456789011",
                serde_json::json!({"signers": "any"}),
            ),
        ),
    ] {
        let (status, r) = call(config(), "POST", "/v1/verify", &b).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {r}");
    }
    let plain = serde_json::json!({"cms": cms, "channel": "portal"}).to_string();
    let (status, _) = call(config(), "POST", "/v1/verify", &plain).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a channel without a profile"
    );
}

/// `/v1/barcode/verify`: the codes of an issued output document are valid; relabelled
/// codes are invalid (their FavorID is not the signed one); a set with a code missing is
/// a 400.
#[cfg(feature = "pdf")]
#[tokio::test]
async fn barcode_codes_verified() {
    use crate::document::{Field, Fields, Font, OutputDocument};
    let issued_at = chrono::DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap();
    let profile = crate::profiles::Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some("CODES-1".into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let doc = OutputDocument::new(fields, profile, None, false, issued_at).unwrap();
    let bundle = crate::keys::open_pkcs12(&pki("legal_sign.p12"), b"Qwerty12").unwrap();
    let request = crate::cms::SignRequest::new(&bundle.certificate, issued_at.to_utc())
        .with_chain(&bundle.chain);
    let issued = crate::document::issue(
        &doc,
        &request,
        &bundle.key,
        crate::barcode::EcLevel::M,
        &Font::bundled().unwrap(),
    )
    .unwrap();
    let codes = issued.set.xml();
    assert!(codes.len() > 1, "several codes");
    let body = |codes: &[String]| serde_json::json!({"codes": codes}).to_string();
    let (status, r) = call(config(), "POST", "/v1/barcode/verify", &body(&codes)).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["format"], "codes", "{r}");
    assert_eq!(r["verdict"]["verdict"], "valid", "{r}");
    assert_eq!(r["verdict"]["document"]["format"], "cms", "{r}");
    // Relabelled: another FavorID on every code (not signed).
    let relabelled: Vec<String> = codes
        .iter()
        .map(|c| c.replace("CODES-1", "CODES-2"))
        .collect();
    let (status, r) = call(config(), "POST", "/v1/barcode/verify", &body(&relabelled)).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["verdict"]["verdict"], "invalid", "{r}");
    let labels = r["verdict"]["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["check"] == "labels"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(labels["outcome"], "failed", "{r}");
    // A code missing: the set does not reassemble.
    let (status, r) = call(config(), "POST", "/v1/barcode/verify", &body(&codes[1..])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{r}");
}

/// `/v1/document/issue`: the decree's output form filled from the values, signed with the
/// provider's key; its codes verify through `/v1/barcode/verify`; a profile, form or value
/// that does not fit is a 400.
#[cfg(feature = "pdf")]
#[tokio::test]
async fn document_issued_and_its_codes_verified() {
    let profile = crate::profiles::Profile::by_id("kokpekti-unemployment-certificate").unwrap();
    let form = &profile.output_forms[0];
    let mut values = serde_json::Map::new();
    for blank in form.blanks() {
        values.insert(
            blank.to_string(),
            format!("{blank}: мәні / значение").into(),
        );
    }
    for i in 1..=form.signatories.len() {
        values.insert(format!("signatory_{i}"), format!("Қол қоюшы {i}").into());
    }
    let signer = serde_json::json!({"key": b64(&pki("legal_sign.p12")), "password": "Qwerty12"});
    let body = serde_json::json!({
        "profile": profile.id, "values": values, "favor_id": "ISSUE-1",
        "at": "2026-11-22T15:30:00+06:00", "signer": signer,
    });
    let (status, r) = call(config(), "POST", "/v1/document/issue", &body.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["kind"], "result", "{r}");
    assert_eq!(r["favor_id"], "ISSUE-1", "{r}");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(r["pdf"].as_str().unwrap())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let codes = r["codes"].clone();
    let (status, v) = call(
        config(),
        "POST",
        "/v1/barcode/verify",
        &serde_json::json!({"codes": codes}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["verdict"]["verdict"], "valid", "{v}");
    let (status, p) = call(
        config(),
        "POST",
        "/pdf/verify",
        &serde_json::json!({"pdf": r["pdf"]}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{p}");
    assert_eq!(p["valid"], true, "{p}");
    for (what, change) in [
        ("unknown profile", serde_json::json!({"profile": "nope"})),
        ("no such output form", serde_json::json!({"output_form": 9})),
        ("a value missing", serde_json::json!({"values": {}})),
        (
            "wrong password",
            serde_json::json!({"signer": {"key": b64(&pki("legal_sign.p12")), "password": "nope"}}),
        ),
    ] {
        let mut b = body.clone();
        if let (Some(b), Some(c)) = (b.as_object_mut(), change.as_object()) {
            b.extend(c.clone());
        }
        let (status, r) = call(config(), "POST", "/v1/document/issue", &b.to_string()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {r}");
        assert!(!r.to_string().contains("Qwerty12"));
    }
}

/// Discovery: the CRL URLs of a certificate whose path verifies join the sources; those of
/// a certificate that does not chain to a configured anchor never do (the service does not
/// fetch what a client points it at).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crl_urls_discovered_from_verified_certificates_only() {
    let cert = |n: &str| crate::Certificate::from_input(&pki(n)).unwrap();
    let base = Verifier::builder()
        .trust(cert("root.cer"))
        .and_then(|b| b.intermediate(cert("nca_rsa.cer")))
        .unwrap()
        .build();
    let fetcher = crate::fetch::CrlFetcher::new(
        crate::fetch::FetchConfig::default().timeout(Duration::from_millis(200)),
        &base,
    );
    let at: DateTime<Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
    let mut config = ServerConfig::new(Arc::new(base), Arc::new(move || at))
        .crl_fetcher(fetcher)
        .unwrap()
        .discover_crls();
    config.refresh_poll = Duration::from_millis(20);
    let task = refresh::spawn(&config).unwrap();
    let sources = |config: &ServerConfig| -> Vec<String> {
        let f = config.fetcher.as_ref().unwrap().lock().unwrap();
        f.sources().iter().map(|s| s.url().to_string()).collect()
    };
    // Not chaining to the configured anchor (an ECDSA CA this service does not trust).
    let body = serde_json::json!({"certs": [b64(&pki("ecdsa_sign.cer"))]}).to_string();
    let (status, _) = call(config.clone(), "POST", "/x509/info", &body).await;
    assert_eq!(status, StatusCode::OK);
    // Chaining: its complete and delta CRL URLs.
    let body = serde_json::json!({"certs": [b64(&pki("individual_sign.cer"))]}).to_string();
    let (status, _) = call(config.clone(), "POST", "/x509/info", &body).await;
    assert_eq!(status, StatusCode::OK);
    let mut found = Vec::new();
    for _ in 0..500 {
        found = sources(&config);
        if found.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    task.abort();
    assert_eq!(
        found,
        [
            "http://test.qoltanba.invalid/nca_rsa.crl",
            "http://test.qoltanba.invalid/nca_d_rsa.crl"
        ],
        "{found:?}"
    );
}

/// OCSP when the CRLs leave the status unknown: a verifier without the CA's CRL, a
/// responder proving the signer good makes `/x509/info` and `/cms/verify` valid; a
/// responder that does not echo the nonce (a replay) proves nothing, and neither does a
/// responder asked about a certificate that does not chain.
#[tokio::test]
async fn ocsp_settles_what_the_crls_leave_unknown() {
    use crate::fetch::test_server::{ocsp_responder, TestServer};
    let cert = |n: &str| crate::Certificate::from_input(&pki(n)).unwrap();
    let base = || {
        Verifier::builder()
            .trust(cert("root.cer"))
            .and_then(|b| b.intermediate(cert("nca_rsa.cer")))
            .unwrap()
            .build()
    };
    let at: DateTime<Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
    let server = TestServer::start();
    let good = server.set("/ocsp", ocsp_responder(true));
    let replaying = server.set("/replay", ocsp_responder(false));
    let with = |url: &str| {
        ServerConfig::new(Arc::new(base()), Arc::new(move || at))
            .ocsp(Some(url), &crate::fetch::FetchConfig::default())
            .unwrap()
    };
    let info = serde_json::json!({"certs": [b64(&pki("individual_sign.cer"))]}).to_string();
    let without = ServerConfig::new(Arc::new(base()), Arc::new(move || at));
    let (_, r) = call(without, "POST", "/x509/info", &info).await;
    assert_eq!(r["valid"], false, "no CRL, no OCSP: {r}");
    let (_, r) = call(with(&good), "POST", "/x509/info", &info).await;
    assert_eq!(r["valid"], true, "OCSP proves it good: {r}");
    let cms = serde_json::json!({"cms": b64(&signed_cms(b"x"))}).to_string();
    let (_, r) = call(with(&good), "POST", "/cms/verify", &cms).await;
    assert_eq!(r["valid"], true, "OCSP proves the signer good: {r}");
    let (_, r) = call(with(&replaying), "POST", "/x509/info", &info).await;
    assert_eq!(r["valid"], false, "a replayed answer proves nothing: {r}");
    let before = server.hits("/ocsp");
    let foreign = serde_json::json!({"certs": [b64(&pki("ecdsa_sign.cer"))]}).to_string();
    let (_, r) = call(with(&good), "POST", "/x509/info", &foreign).await;
    assert_eq!(r["valid"], false, "{r}");
    assert_eq!(
        server.hits("/ocsp"),
        before,
        "not asked about what does not chain"
    );
}
