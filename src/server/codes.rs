//! `POST /v1/barcode/verify` (feature `pdf`): the texts of a set of eGov BarcodeElement QR
//! codes (as a scanner reads them off a paper document), reassembled and judged as
//! `qoltanba barcode verify` judges them.
//!
//! Request: `{"codes": [string], "iin", "bin", "at", "signers"}` (the last four as for
//! `/v1/verify`). Answer: `{"schema": 1, "format": "cms" | "xmldsig", "verdict": ...}`,
//! the library's verdict of the signed document the codes carry. The codes' FavorID and
//! creationDate are not signed: for an output document of this library they are compared
//! with the ones it carries, and relabelled codes make the verdict `invalid` with the
//! reason in `content_problems`. A document the library cannot judge is `indeterminate`
//! with the reason; codes that do not reassemble (missing, repeated or foreign elements,
//! a broken archive) are a 400 naming what is wrong.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;

use super::{json_body, judged, Failure, ServerConfig, State};
use crate::cms::VerifyOptions;
use crate::verdict::Overall;

/// Most codes in one request: eGov splits a document into a few dozen at most.
const MAX_CODES: usize = 1000;

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new().route("/v1/barcode/verify", post(verify))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodesRequest {
    codes: Vec<String>,
    #[serde(default)]
    iin: Option<String>,
    #[serde(default)]
    bin: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    signers: Option<String>,
}

async fn verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, Failure> {
    let request: CodesRequest = json_body(body)?;
    if request.codes.len() > MAX_CODES {
        return Err(Failure::bad_request(format!(
            "codes: more than {MAX_CODES}"
        )));
    }
    let config = state.0.clone();
    judged(&state.0, move || {
        let identity = super::native::Identity {
            iin: request.iin.clone(),
            bin: request.bin.clone(),
            at: request.at.clone(),
            signers: request.signers.clone(),
        };
        let expect = identity.expectation(&config)?;
        let policy = identity.policy()?;
        let codes = crate::barcode::decode_texts(&request.codes)?;
        let verifier = config.verifier();
        if crate::xmldsig::is_xml(&codes.document) {
            let options = crate::xmldsig::XmlOptions::new().signers(policy);
            let verdict =
                crate::xmldsig::verify_with(&codes.document, &verifier, &expect, &options)?;
            let labels = crate::document::labels_check_xml(&codes, &verdict);
            return answer("xmldsig", &verdict, labels);
        }
        let signed = match codes.signed_data() {
            Ok(s) => s,
            Err(crate::Error::Unsupported(why)) => {
                return Ok(Json(serde_json::json!({
                    "schema": 1,
                    "format": "unknown",
                    "verdict": {"verdict": Overall::Indeterminate, "reason": why},
                })))
            }
            Err(e) => return Err(e.into()),
        };
        let mut options = VerifyOptions::new(expect);
        options.signers = policy;
        let verdict = signed.verify(&verifier, &options);
        let labels = verdict
            .verified_content()
            .and_then(|content| crate::document::labels_check(&codes, content));
        answer("cms", &verdict, labels)
    })
    .await
}

/// The verdict as the library writes it; a failed labels check makes it invalid, with
/// the reason in `content_problems` (as `qoltanba barcode verify --json` writes it).
fn answer<T: serde::Serialize>(
    format: &str,
    verdict: &T,
    labels: Option<crate::verdict::Check>,
) -> Result<Json<serde_json::Value>, Failure> {
    let mut value = serde_json::to_value(verdict).map_err(|e| Failure {
        status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("the verdict could not be serialised: {e}"),
    })?;
    if let Some(failed) = labels.filter(|c| c.outcome() == crate::verdict::Outcome::Failed) {
        if let Some(object) = value.as_object_mut() {
            object.insert("verdict".into(), serde_json::json!(Overall::Invalid));
            object.insert(
                "content_problems".into(),
                serde_json::json!([failed.reason().to_string()]),
            );
        }
    }
    Ok(Json(serde_json::json!({
        "schema": 1,
        "format": format,
        "verdict": value,
    })))
}
