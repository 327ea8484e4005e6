//! The library's own routes: verdicts exactly as the library serialises them (the schema
//! of the CLI's `--json`, `"schema": 1`), at the time the request names.
//!
//! `POST /v1/verify` takes `{"cms": base64 | "xml": string, "data": base64 (a detached
//! CMS's content), "iin", "bin" (the request's identifiers: the signer's certificate must
//! carry them), "at": RFC 3339 (default: the server's clock), "signers": "all" | "any"}`
//! and answers `{"schema": 1, "format": "cms" | "xmldsig", "verdict": ...}` with the
//! library's verdict (its `verdict` field is `valid`, `invalid` or `indeterminate`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{base64_field, json_body, judged, Failure, ServerConfig, State};
use crate::cms::{SignedData, SignerPolicy, VerifyOptions};
use crate::condition::Expectation;
use crate::identity::{Bin, Iin};

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new().route("/v1/verify", post(verify))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyRequest {
    #[serde(default)]
    cms: Option<String>,
    #[serde(default)]
    xml: Option<String>,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    iin: Option<String>,
    #[serde(default)]
    bin: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    signers: Option<String>,
}

impl VerifyRequest {
    /// The expectation the request states, at its time or the server's.
    fn expectation(&self, config: &ServerConfig) -> Result<Expectation, Failure> {
        let at: DateTime<Utc> = match &self.at {
            Some(t) => crate::time::xsd_date_time(t)
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| Failure::bad_request(format!("at {t:?} is not RFC 3339")))?,
            None => (config.clock)(),
        };
        let mut expect = Expectation::at(at);
        if let Some(i) = &self.iin {
            expect =
                expect.iin(Iin::parse(i).map_err(|e| Failure::bad_request(format!("iin: {e}")))?);
        }
        if let Some(b) = &self.bin {
            expect =
                expect.bin(Bin::parse(b).map_err(|e| Failure::bad_request(format!("bin: {e}")))?);
        }
        Ok(expect)
    }

    fn policy(&self) -> Result<SignerPolicy, Failure> {
        match self.signers.as_deref() {
            None | Some("all") => Ok(SignerPolicy::All),
            Some("any") => Ok(SignerPolicy::Any),
            Some(other) => Err(Failure::bad_request(format!(
                "signers {other:?}: \"all\" or \"any\""
            ))),
        }
    }
}

async fn verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, Failure> {
    let request: VerifyRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let expect = request.expectation(&config)?;
        let policy = request.policy()?;
        let (format, verdict) = match (&request.cms, &request.xml) {
            (Some(cms), None) => {
                let signed = SignedData::from_input(&base64_field(cms, "cms")?)?;
                let mut options = VerifyOptions::new(expect);
                options.signers = policy;
                let verdict = match &request.data {
                    Some(d) => signed.verify_detached(
                        &base64_field(d, "data")?,
                        &config.verifier(),
                        &options,
                    ),
                    None => signed.verify(&config.verifier(), &options),
                };
                ("cms", serde_json::to_value(&verdict))
            }
            (None, Some(xml)) => {
                if request.data.is_some() {
                    return Err(Failure::bad_request("data is for a detached CMS, not XML"));
                }
                let options = crate::xmldsig::XmlOptions::new().signers(policy);
                let verdict = crate::xmldsig::verify_with(
                    xml.as_bytes(),
                    &config.verifier(),
                    &expect,
                    &options,
                )?;
                ("xmldsig", serde_json::to_value(&verdict))
            }
            _ => return Err(Failure::bad_request("give exactly one of cms and xml")),
        };
        let verdict = verdict.map_err(|e| Failure {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the verdict could not be serialised: {e}"),
        })?;
        Ok(Json(serde_json::json!({
            "schema": 1,
            "format": format,
            "verdict": verdict,
        })))
    })
    .await
}
