//! The library's own routes: verdicts exactly as the library serialises them (the schema
//! of the CLI's `--json`, `"schema": 1`), at the time the request names: a claim, judged as
//! one checked at the server's clock (`TimeSource::Claimed`: a revocation that may hide a
//! compromise counts whenever dated, a hold leaves it unknown); a time after that clock is
//! a 400.
//!
//! `POST /v1/verify` takes `{"cms": base64 | "xml": string, "data": base64 (a detached
//! CMS's content), "iin", "bin" (the request's identifiers: the signer's certificate must
//! carry them), "at": RFC 3339 (default: the server's clock), "signers": "all" | "any"}`
//! and answers `{"schema": 1, "format": "cms" | "xmldsig", "verdict": ...}` with the
//! library's verdict (its `verdict` field is `valid`, `invalid` or `indeterminate`). A
//! valid XML document's answer adds `"signedParts": [{"reference": "" | "#id", "octets":
//! base64}]`: what its signatures cover, canonical, the only XML to take as signed (the
//! document sent also holds what no signature covers).
//!
//! With `"profile": ID` the same route judges a signed request under a regulation
//! (`qoltanba verify --profile`): `"channel"` (`"portal"`, the default, `"service-center"`
//! or `"provider"`: who certified the request, the caller's claim, each signature proven
//! from its certificate), `"service_center_bin"`, `"provider_bin"` (the organisations the
//! caller names). Without `iin`/`bin` the identity is read from the signed request itself
//! (the service's form); with them, a CMS request is compared with what they state. The
//! answer's `format` is `"request"` and its `verdict` the request verdict, the decree's
//! refusal in its words. A regulation without an EDS step is a 400.
//!
//! `GET /v1/profiles` lists the regulation profiles (`{"schema": 1, "profiles": [...]}`,
//! each as `qoltanba profiles list --json` prints it).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use super::{base64_field, json_body, judged, Failure, ServerConfig, State};
use crate::cms::{SignedData, SignerPolicy, VerifyOptions};
use crate::condition::Expectation;
use crate::identity::{Bin, Iin};
use crate::profiles::{
    check_request, check_signed_request, Profile, RequestError, RequestIdentity, RequestTime,
    SignedRequest, SignerRole,
};

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new()
        .route("/v1/verify", post(verify))
        .route("/v1/profiles", get(profiles))
}

/// `GET /v1/profiles`.
async fn profiles() -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "schema": 1,
        "profiles": crate::profiles::Profile::all(),
    }))
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
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    service_center_bin: Option<String>,
    #[serde(default)]
    provider_bin: Option<String>,
}

/// The identifiers, time and signer policy a verification request states (shared by
/// `/v1/verify` and `/v1/barcode/verify`).
pub(super) struct Identity {
    pub(super) iin: Option<String>,
    pub(super) bin: Option<String>,
    pub(super) at: Option<String>,
    pub(super) signers: Option<String>,
}

impl Identity {
    /// The expectation the request states, at its time or the server's.
    pub(super) fn expectation(&self, config: &ServerConfig) -> Result<Expectation, Failure> {
        let now = (config.clock)();
        let mut expect = match &self.at {
            // The time a request names is the caller's claim (typically the document's own
            // signing time, which neither the caller nor the service can vouch for): it is
            // judged as a claim checked at the server's clock (a revocation that may hide a
            // compromise counts whenever dated; holds leave it unknown; the newest CRL
            // only); a time to come is refused.
            Some(t) => {
                let at = crate::time::xsd_date_time(t)
                    .map(|t| t.with_timezone(&Utc))
                    .ok_or_else(|| Failure::bad_request(format!("at {t:?} is not RFC 3339")))?;
                if at > now {
                    return Err(Failure::bad_request(format!(
                        "at {t:?} is after the server's time: a document is judged at a time that has come"
                    )));
                }
                Expectation::at(at).time_source(crate::TimeSource::Claimed { checked_at: now })
            }
            None => Expectation::at(now),
        };
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

    pub(super) fn policy(&self) -> Result<SignerPolicy, Failure> {
        match self.signers.as_deref() {
            None | Some("all") => Ok(SignerPolicy::All),
            Some("any") => Ok(SignerPolicy::Any),
            Some(other) => Err(Failure::bad_request(format!(
                "signers {other:?}: \"all\" or \"any\""
            ))),
        }
    }
}

impl VerifyRequest {
    fn identity(&self) -> Identity {
        Identity {
            iin: self.iin.clone(),
            bin: self.bin.clone(),
            at: self.at.clone(),
            signers: self.signers.clone(),
        }
    }

    /// Who certified the request and the organisations named, under a profile.
    fn request_identity(&self, expect: &Expectation) -> Result<RequestIdentity, Failure> {
        let bin = |what: &str, value: &Option<String>| {
            value
                .as_deref()
                .map(Bin::parse)
                .transpose()
                .map_err(|e| Failure::bad_request(format!("{what}: {e}")))
        };
        Ok(RequestIdentity {
            iin: expect.iin,
            bin: expect.bin,
            certified_by: match self.channel.as_deref() {
                None | Some("portal") => SignerRole::ApplicantPortal,
                Some("service-center") => SignerRole::ServiceCenterOperator,
                Some("provider") => SignerRole::ProviderEmployee,
                Some(other) => {
                    return Err(Failure::bad_request(format!(
                        "channel {other:?}: \"portal\", \"service-center\" or \"provider\""
                    )))
                }
            },
            service_center_bin: bin("service_center_bin", &self.service_center_bin)?,
            provider_bin: bin("provider_bin", &self.provider_bin)?,
        })
    }
}

async fn verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, Failure> {
    let request: VerifyRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let expect = request.identity().expectation(&config)?;
        if let Some(id) = &request.profile {
            return under_profile(&config, &request, id, &expect);
        }
        if request.channel.is_some()
            || request.service_center_bin.is_some()
            || request.provider_bin.is_some()
        {
            return Err(Failure::bad_request(
                "channel, service_center_bin and provider_bin are for a request under a profile",
            ));
        }
        let policy = request.identity().policy()?;
        let (format, verdict, parts) = match (&request.cms, &request.xml) {
            (Some(cms), None) => {
                let signed = SignedData::from_input(&base64_field(cms, "cms")?)?;
                let mut options = VerifyOptions::new(expect);
                options.signers = policy;
                let data = request
                    .data
                    .as_deref()
                    .map(|d| base64_field(d, "data"))
                    .transpose()?;
                let Ok(verdict) = config.judge_with_ocsp(|verifier| {
                    Ok::<_, std::convert::Infallible>(match &data {
                        Some(d) => signed.verify_detached(d, verifier, &options),
                        None => signed.verify(verifier, &options),
                    })
                });
                ("cms", serde_json::to_value(&verdict), None)
            }
            (None, Some(xml)) => {
                if request.data.is_some() {
                    return Err(Failure::bad_request("data is for a detached CMS, not XML"));
                }
                let options = crate::xmldsig::XmlOptions::new().signers(policy);
                let verdict = config.judge_with_ocsp(|verifier| {
                    crate::xmldsig::verify_with(xml.as_bytes(), verifier, &expect, &options)
                })?;
                let parts = signed_parts(&verdict);
                ("xmldsig", serde_json::to_value(&verdict), parts)
            }
            _ => return Err(Failure::bad_request("give exactly one of cms and xml")),
        };
        let mut answered = answer(format, verdict)?;
        if let Some(parts) = parts {
            answered.0["signedParts"] = parts;
        }
        Ok(answered)
    })
    .await
}

/// What a valid XML document's signatures relied on cover, as the library hands it out
/// ([`crate::xmldsig::XmlVerdict::signed_parts`]): per part its Reference URI (`""` for
/// the document less every signature, `#id` for an element) and its canonical octets in
/// base64. The verdict's own JSON (the CLI's `--json`) leaves them out; `/xml/verify`
/// sends a client of a document signed by Id here for them, and a client must read what
/// was signed, not the document it sent. `None` when the verdict is not valid (nothing is
/// handed out). Bounded by the document: each part was digested within the verifier's
/// `document_rehashed_bytes`, and equal parts are handed out once.
fn signed_parts(verdict: &crate::xmldsig::XmlVerdict) -> Option<serde_json::Value> {
    use base64::Engine as _;
    let parts = verdict.signed_parts()?;
    Some(serde_json::Value::Array(
        parts
            .get()
            .iter()
            .map(|p| {
                serde_json::json!({
                    "reference": p.reference(),
                    "octets": base64::engine::general_purpose::STANDARD.encode(p.octets()),
                })
            })
            .collect(),
    ))
}

/// The library's answer: its verdict as the CLI's `--json` writes it.
fn answer(
    format: &str,
    verdict: serde_json::Result<serde_json::Value>,
) -> Result<Json<serde_json::Value>, Failure> {
    let verdict = verdict.map_err(|e| Failure {
        status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("the verdict could not be serialised: {e}"),
    })?;
    Ok(Json(serde_json::json!({
        "schema": 1,
        "format": format,
        "verdict": verdict,
    })))
}

/// `/v1/verify` with a profile: the request condition of the regulation `id`.
fn under_profile(
    config: &ServerConfig,
    request: &VerifyRequest,
    id: &str,
    expect: &Expectation,
) -> Result<Json<serde_json::Value>, Failure> {
    let profile = Profile::by_id(id)
        .ok_or_else(|| Failure::bad_request(format!("profile {id:?} is not known")))?;
    if request.signers.is_some() {
        return Err(Failure::bad_request(
            "signers: under a profile the regulation says who must sign",
        ));
    }
    let identity = request.request_identity(expect)?;
    // The time as the route judges it everywhere: a time the request names is a claim.
    let when = RequestTime {
        at: expect.at,
        source: expect.time_source,
    };
    let stated = expect.iin.is_some() || expect.bin.is_some();
    let refused = |e: RequestError| match e {
        RequestError::Unreadable(e) => Failure::from(e),
        e => Failure::bad_request(e.to_string()),
    };
    let verdict = match (&request.cms, &request.xml) {
        (Some(cms), None) => {
            let signed = SignedData::from_input(&base64_field(cms, "cms")?)?;
            let content = request
                .data
                .as_deref()
                .map(|d| base64_field(d, "data"))
                .transpose()?;
            if stated {
                config
                    .judge_with_ocsp(|verifier| {
                        check_request(
                            profile,
                            &signed,
                            content.as_deref(),
                            &identity,
                            verifier,
                            when,
                        )
                    })
                    .map_err(|e| Failure::bad_request(e.to_string()))?
            } else {
                config
                    .judge_with_ocsp(|verifier| {
                        check_signed_request(
                            profile,
                            SignedRequest::Cms {
                                signed: &signed,
                                content: content.as_deref(),
                            },
                            &identity,
                            verifier,
                            when,
                        )
                    })
                    .map_err(refused)?
            }
        }
        (None, Some(xml)) => {
            if request.data.is_some() {
                return Err(Failure::bad_request("data is for a detached CMS, not XML"));
            }
            config
                .judge_with_ocsp(|verifier| {
                    check_signed_request(
                        profile,
                        SignedRequest::Xml(xml.as_bytes()),
                        &identity,
                        verifier,
                        when,
                    )
                })
                .map_err(refused)?
        }
        _ => return Err(Failure::bad_request("give exactly one of cms and xml")),
    };
    answer("request", serde_json::to_value(&verdict))
}
