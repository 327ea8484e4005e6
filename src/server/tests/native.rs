//! The library's own routes: `/v1/verify` (with the request's identity and time, and
//! under a regulation profile), `/v1/profiles`, `/v1/barcode/verify`, `/v1/document/issue`.

use super::*;

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
    let issued = super::issued("legal_sign.p12", "CODES-1");
    let codes = issued.set.xml();
    assert!(codes.len() > 1, "several codes");
    // The provider's BIN (legal_sign's): without it who signed is not proven (review 51).
    let body =
        |codes: &[String]| serde_json::json!({"codes": codes, "bin": "123456789021"}).to_string();
    let (status, r) = call(config(), "POST", "/v1/barcode/verify", &body(&codes)).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["format"], "codes", "{r}");
    assert_eq!(r["verdict"]["verdict"], "valid", "{r}");
    let unnamed = serde_json::json!({"codes": codes}).to_string();
    let (status, r) = call(config(), "POST", "/v1/barcode/verify", &unnamed).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["verdict"]["verdict"], "indeterminate", "{r}");
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
        &serde_json::json!({"codes": codes, "bin": "123456789021"}).to_string(),
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
