//! Output documents and their codes (feature `pdf`): `POST /v1/document/issue` makes one,
//! `POST /v1/barcode/verify` judges the codes of one.
//!
//! `/v1/document/issue` takes `{"profile": ID, "values": {name: text}, "request": text (the
//! applicant's request document, XML or JSON, read against the service's form: its fields
//! fill the output form), "refusal": bool, "output_form": N (1 by default), "favor_id",
//! "at": RFC 3339 with the local offset (default: the server's clock, UTC), "xml": bool
//! (sign the document as enveloped XML rather than CMS), "signer": {"key": base64
//! PKCS#12, "password", "keyAlias"}}` and answers `{"schema": 1, "kind": "result" |
//! "refusal", "favor_id", "signed": base64 (what the codes carry), "codes": [the
//! BarcodeElement XML of each code], "pdf": base64 (the printable document, itself
//! PAdES-signed)}`, as `qoltanba document issue` makes them. The key is the provider's
//! authorised person's, opened as the signing routes open keys (zeroized, never logged).
//!
//! `/v1/barcode/verify` takes the texts of a set of eGov BarcodeElement QR codes (as a
//! scanner reads them off a paper document), reassembled and judged as `qoltanba barcode
//! verify` judges them.
//!
//! Request: `{"codes": [string], "iin", "bin", "at", "signers"}` (the last four as for
//! `/v1/verify`). Answer: `{"schema": 1, "format": "codes", "verdict": ...}`, the
//! library's verdict on the codes (`document::verify_codes`): the signature of the
//! document they carry (`verdict.document`) and, for an output document of this library,
//! the `labels` check (the codes' FavorID and creationDate are not signed; relabelled
//! codes are `invalid`) and the `signer_role` check (an output document's signer must be
//! a legal entity's official whose BIN is `bin`, the provider's; without `bin`,
//! `indeterminate`). A document in a form the library does not judge is `indeterminate`
//! with the reason; codes that do not reassemble (missing, repeated or foreign elements, a
//! broken archive) or carry neither a CMS SignedData (DER or BER) nor an XML document are
//! a 400 naming what is wrong.

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
    Router::new()
        .route("/v1/barcode/verify", post(verify))
        .route("/v1/document/issue", post(issue))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueRequest {
    profile: String,
    values: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    request: Option<String>,
    #[serde(default)]
    refusal: bool,
    #[serde(default)]
    output_form: Option<usize>,
    #[serde(default)]
    favor_id: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    xml: bool,
    signer: KeyRequest,
}

/// A key as the signing routes take it: a PKCS#12 and its password, or a key store of
/// the service (the provider's key, configured once).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyRequest {
    #[serde(default)]
    key: Option<super::keys::Secret>,
    #[serde(default)]
    password: Option<super::keys::Secret>,
    #[serde(default)]
    key_alias: Option<String>,
    #[serde(default)]
    key_store: Option<String>,
}

async fn issue(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<serde_json::Value>, Failure> {
    let request: IssueRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        use crate::document::{DocumentKind, Fields, Font, OutputDocument};
        let profile = crate::profiles::Profile::by_id(&request.profile).ok_or_else(|| {
            Failure::bad_request(format!("profile {:?} is not known", request.profile))
        })?;
        let at = match &request.at {
            Some(t) => chrono::DateTime::parse_from_rfc3339(t)
                .map_err(|_| Failure::bad_request(format!("at {t:?} is not RFC 3339")))?,
            None => (config.clock)().fixed_offset(),
        };
        let form = profile
            .document_form(request.refusal, request.output_form.unwrap_or(1))
            .ok_or_else(|| {
                Failure::bad_request(format!(
                    "profile {} has no {} form of that number",
                    profile.id,
                    if request.refusal { "refusal" } else { "output" }
                ))
            })?;
        let applicant = request
            .request
            .as_deref()
            .map(|text| {
                crate::profiles::RequestDocument::read(profile, text.as_bytes())
                    .map_err(|e| Failure::bad_request(format!("request: {e}")))
            })
            .transpose()?;
        let fields = Fields::from_form(form, applicant.as_ref(), &request.values, request.refusal)?;
        let doc = OutputDocument::new(
            fields,
            profile,
            request.favor_id.as_deref(),
            request.refusal,
            at,
        )?;
        let bundle = super::keys::open_key(
            &config,
            super::keys::KeyRef::of(
                &request.signer.key,
                &request.signer.password,
                &request.signer.key_alias,
                &request.signer.key_store,
            ),
            "signer",
            &super::keys::request_kdf_budget(&config),
        )?;
        // The document says it was signed at `at`: the key must be fit then too.
        super::keys::fit_to_sign_at(
            &config,
            &bundle,
            crate::Purpose::Sign,
            "signer",
            Some(at.to_utc()),
        )?;
        let sign = crate::cms::SignRequest::new(&bundle.certificate, at.to_utc())
            .with_chain(&bundle.chain);
        let font = Font::bundled()?;
        let level = crate::barcode::EcLevel::M;
        let issued = if request.xml {
            crate::document::issue_xml(&doc, &sign, &bundle.key, level, &font)?
        } else {
            crate::document::issue(&doc, &sign, &bundle.key, level, &font)?
        };
        Ok(Json(serde_json::json!({
            "schema": 1,
            "kind": match doc.kind {
                DocumentKind::Result => "result",
                DocumentKind::Refusal => "refusal",
            },
            "favor_id": doc.favor_id,
            "signed": super::b64(&issued.signed),
            "codes": issued.set.xml(),
            "pdf": super::b64(&issued.pdf),
        })))
    })
    .await
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
        let mut options = VerifyOptions::new(expect);
        options.signers = policy;
        match config
            .judge_with_ocsp(|verifier| crate::document::verify_codes(&codes, verifier, &options))
        {
            Ok(verdict) => Ok(Json(serde_json::json!({
                "schema": 1,
                "format": "codes",
                "verdict": verdict,
            }))),
            // A document the library cannot judge: nothing is proven either way.
            Err(crate::Error::Unsupported(why)) => Ok(Json(serde_json::json!({
                "schema": 1,
                "format": "codes",
                "verdict": {"verdict": Overall::Indeterminate, "reason": why},
            }))),
            Err(e) => Err(e.into()),
        }
    })
    .await
}
