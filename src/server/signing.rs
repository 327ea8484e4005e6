//! NCANode's routes that take keys: `/cms/sign`, `/cms/sign/add`, `/xml/sign`,
//! `/wsse/sign`, `/pdf/sign`, `/pkcs12/info`, `/pkcs12/aliases`; and `/cms/extract`, `/wsse/verify`
//! (the JWT routes, which take keys too, are the `jwt` module's).
//!
//! A key arrives per request, as NCANode takes it: a base64 PKCS#12 and its password. Both
//! live in buffers zeroized on drop once decoded (the request body itself, as received, is
//! the HTTP layer's), are never logged, and never appear in an answer; a wrong password is a
//! 400. `keyAlias`, when given and not empty, names the key to sign with: a container with
//! no key under that alias is a 400 (an NCA container holds one key, so it may be left
//! out). An alias is the key's friendlyName, else its localKeyId in lowercase hex, else its
//! position from 1; `/pkcs12/aliases` lists them, per container, in file order. NCA's
//! containers name their key by its localKeyId in hex (`ec4256…8451`).
//!
//! A container's key is used, or its certificate vouched for, only when the key is proven
//! to be the certificate's: its public key (for GOST, `d·G` from the private scalar) is
//! the certificate's. A key paired with no certificate so is a 400; a GOST key on a curve
//! the library does not know cannot be proven, so `/pkcs12/info` describes the certificate
//! the container names for it with `keyProven: false` and `valid: false`, and the signing
//! routes refuse it (400). The key derivations of all the containers of one request are
//! charged to one budget ([`MAX_REQUEST_KDF_WORK`], the bound of one container): a request
//! of several costly containers is refused (400) before the derivation that would exceed
//! it.
//!
//! Or a key is the service's own: `keyStore: NAME` in place of `key` and `password` names a
//! key store the service was configured with (`--key-store NAME=FILE`,
//! [`ServerConfig::key_store`]), opened once at start and held as the `keys` module holds
//! keys (a qoltanba extension: NCANode has no such field). Anyone who can reach the service can
//! sign with it: give the service only to the systems that may.
//!
//! Differences from NCANode: a key is judged before it signs (`keys::fit_to_sign`): one whose
//! certificate the service would itself judge invalid at its clock (expired, not yet
//! valid, revoked, an authentication key where a document is signed) is a 400, never a
//! signature that fails. `withTsp: true` asks the time-stamp authority the service
//! was configured with (`--tsa-url`, [`ServerConfig::tsa`]) for a token over each new
//! signer's signature value (never the signers of a CMS the client sends), its nonce and
//! imprint checked, and the token's own signature against the TSA certificate it carries
//! (the TSA is plain http; its trust is judged by the verifier); without a TSA configured
//! it is refused (400), and a TSA that fails (or a token that does not hold) is a 502. Without `tsaPolicy` no policy is asked for and the
//! TSA's default applies (the token names it; NCANode asks for `TSA_GOST2015_POLICY`), since
//! the configured TSA need not be the NCA's. `TSA_GOST2015_POLICY` asks for
//! 1.2.398.3.3.2.6.4 and `TSA_GOST_POLICY` for 1.2.398.3.3.2.6.1, and a token under another
//! policy is refused (502); `TSA_GOSTGT_POLICY` is a 400, its OID not being established.
//! On `/pdf/sign` the token is added to the PAdES CMS before it is embedded (PAdES B-T:
//! the signature's room, 24 KiB, holds it; a CMS that outgrows it is a 400). `/pdf/sign` signs any PDF by an incremental update per signer, in turn
//! (`crate::pades::sign`): an encrypted PDF, or one certified with no change allowed, is a
//! 400. `clearSignatures` and `trimXml` are refused when true (the document is signed
//! as given, its other signatures kept, as Kalkan does); `/cms/extract` hands out the content
//! only when the CMS is valid (`valid: false` and no `data` otherwise: unverified content is
//! never handed out); `detached` is NCANode's: `true` answers a CMS without the content,
//! the default answers one carrying it, also from `/cms/sign/add` given a detached CMS
//! (`SignedData::attach`); `/cms/sign/add` on a detached CMS refuses (400) `data` that every
//! existing signer's messageDigest does not show it signed, and a detached CMS with a
//! signer without signed attributes (a new signature over other content would be a
//! co-signature no verifier can accept whole: [`SignedData::add_signer`]); `/pkcs12/aliases` lists the aliases of the private keys only (a
//! Java key store lists a certificate-only entry too; NCA's containers have none).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::keys::*;
use super::stamping::{time_stamped, time_stamped_added, tokens_hold, tsa_failed, tsa_for};
use super::{b64, base64_field, json_body, judged, Failure, ServerConfig, State};
use crate::cms::{SignRequest, SignedData};
use crate::condition::{Expectation, Purpose};
use crate::verdict::Judged as _;

pub(super) fn routes() -> Router<Arc<ServerConfig>> {
    Router::new()
        .route("/cms/sign", post(cms_sign))
        .route("/cms/sign/add", post(cms_sign_add))
        .route("/cms/extract", post(cms_extract))
        .route("/xml/sign", post(xml_sign))
        .route("/wsse/sign", post(wsse_sign))
        .route("/wsse/verify", post(super::ncanode::wsse_verify))
        .route("/pkcs12/info", post(pkcs12_info))
        .route("/pkcs12/aliases", post(pkcs12_aliases))
        .route("/pdf/sign", post(pdf_sign))
}

/// NCANode's `CmsCreateRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CmsCreateRequest {
    #[serde(default)]
    cms: Option<String>,
    #[serde(default)]
    data: Option<String>,
    signers: Vec<SignerRequest>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    with_tsp: bool,
    #[serde(default)]
    tsa_policy: Option<String>,
    /// Whether the answer leaves the content out (NCANode's `detached`, false by default:
    /// the answer carries it, also when `/cms/sign/add` was given a detached CMS).
    #[serde(default, deserialize_with = "super::null_as_default")]
    detached: bool,
}

/// NCANode's `CmsResponse`.
#[derive(Serialize)]
struct CmsResponse {
    status: u16,
    message: &'static str,
    cms: String,
}

/// The answer of a CMS signing route.
fn cms_signed(cms: &[u8]) -> Json<CmsResponse> {
    Json(CmsResponse {
        status: 200,
        message: "OK",
        cms: b64(cms),
    })
}

/// Sign `data` (a new SignedData) or add signers to `existing`, every signer in turn: the
/// SignedData, carrying its content unless `detached` (as NCANode answers: a detached CMS
/// given to `/cms/sign/add` comes back attached unless `detached` is asked), and the
/// signature values `existing` carried (none for a new one), which are what this request
/// did not add.
fn sign_cms(
    config: &ServerConfig,
    existing: Option<Vec<u8>>,
    data: Option<Vec<u8>>,
    signers: &[SignerRequest],
    detached: bool,
) -> Result<(Vec<u8>, Vec<Vec<u8>>), Failure> {
    let bundles = open_signers(config, signers.iter(), Purpose::Sign)?;
    let at = (config.clock)();
    // The client's SignedData, read once (also when no signer is added: its signers are
    // then all the client's).
    let mut given = existing
        .as_deref()
        .map(SignedData::from_input)
        .transpose()?;
    let carried = given
        .as_ref()
        .map(|sd| {
            sd.signers()
                .iter()
                .map(|s| s.signature().to_vec())
                .collect()
        })
        .unwrap_or_default();
    let mut cms = existing;
    for b in &bundles {
        let request = SignRequest::new(&b.certificate, at)
            .with_chain(&b.chain)
            .detached(detached);
        cms = Some(match (given.take(), cms) {
            (Some(signed), _) => signed.add_signer(data.as_deref(), &request, &b.key)?,
            (None, Some(signed)) => {
                SignedData::from_input(&signed)?.add_signer(data.as_deref(), &request, &b.key)?
            }
            (None, None) => {
                let content = data
                    .as_deref()
                    .ok_or_else(|| Failure::bad_request("data: the content to sign"))?;
                crate::cms::sign(content, &request, &b.key)?
            }
        });
    }
    let cms = cms.ok_or_else(|| Failure::bad_request("signers: at least one key"))?;
    // Signers added to a client's CMS keep its form; the answer takes the one asked for.
    // Attaching needs the content every signer signed: a detached CMS took `data` only
    // once each existing signer's messageDigest showed it (`add_signer`), and the new
    // signers signed it.
    let signed = SignedData::from_input(&cms)?;
    let cms = match (detached, signed.is_detached(), data.as_deref()) {
        (true, false, _) => signed.detach(),
        (false, true, Some(content)) => signed.attach(content)?,
        _ => cms,
    };
    Ok((cms, carried))
}

async fn cms_sign(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CmsResponse>, Failure> {
    let request: CmsCreateRequest = json_body(body)?;
    let tsa = tsa_for(&state.0, request.with_tsp, request.tsa_policy.as_deref())?;
    if request.cms.is_some() {
        return Err(Failure::bad_request(
            "cms: adding signers to a CMS is /cms/sign/add",
        ));
    }
    let config = state.0.clone();
    judged(&state.0, move || {
        let data = request
            .data
            .as_deref()
            .map(|d| base64_field(d, "data"))
            .transpose()?;
        let (cms, _) = sign_cms(&config, None, data, &request.signers, request.detached)?;
        Ok(cms_signed(&time_stamped(&config, cms, tsa.as_ref())?))
    })
    .await
}

async fn cms_sign_add(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CmsResponse>, Failure> {
    let request: CmsCreateRequest = json_body(body)?;
    let tsa = tsa_for(&state.0, request.with_tsp, request.tsa_policy.as_deref())?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let existing = base64_field(
            request
                .cms
                .as_deref()
                .ok_or_else(|| Failure::bad_request("cms: the SignedData to add signers to"))?,
            "cms",
        )?;
        let data = request
            .data
            .as_deref()
            .map(|d| base64_field(d, "data"))
            .transpose()?;
        let (cms, carried) = sign_cms(
            &config,
            Some(existing),
            data,
            &request.signers,
            request.detached,
        )?;
        Ok(cms_signed(&time_stamped_added(
            &config,
            cms,
            &carried,
            tsa.as_ref(),
        )?))
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CmsExtractRequest {
    cms: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<super::ncanode::RevocationCheck>,
    /// NCANode reads this route's request as its `CmsVerifyRequest` and ignores `data`:
    /// accepted, not read (only an attached CMS has content to extract).
    #[serde(default)]
    #[allow(dead_code)]
    data: Option<String>,
}

/// NCANode's `CmsDataResponse`, with `valid` (the content is there only when true).
#[derive(Serialize)]
struct CmsDataResponse {
    status: u16,
    message: String,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<String>,
}

async fn cms_extract(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CmsDataResponse>, Failure> {
    let request: CmsExtractRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let signed = SignedData::from_input(&base64_field(&request.cms, "cms")?)?;
        let options = crate::cms::VerifyOptions::at((config.clock)());
        let Ok(verdict) = config.judge_with_ocsp(|verifier| {
            Ok::<_, std::convert::Infallible>(signed.verify(verifier, &options))
        });
        Ok(Json(CmsDataResponse {
            status: 200,
            message: super::ncanode::message(verdict.refusal()),
            valid: verdict.is_valid(),
            data: verdict.verified_content().map(|c| b64(c.as_bytes())),
        }))
    })
    .await
}

/// NCANode's `XmlSignRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct XmlSignRequest {
    xml: String,
    signers: Vec<SignerRequest>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    clear_signatures: bool,
    #[serde(default, deserialize_with = "super::null_as_default")]
    trim_xml: bool,
}

/// NCANode's `XmlSignResponse`.
#[derive(Serialize)]
struct XmlSignResponse {
    status: u16,
    message: &'static str,
    xml: String,
}

fn plain_xml(clear_signatures: bool, trim_xml: bool) -> Result<(), Failure> {
    if clear_signatures || trim_xml {
        return Err(Failure::bad_request(
            "clearSignatures and trimXml: the document is signed as given, its signatures kept",
        ));
    }
    Ok(())
}

/// The answer of an XML signing route.
fn xml_signed(signed: Vec<u8>) -> Result<Json<XmlSignResponse>, Failure> {
    Ok(Json(XmlSignResponse {
        status: 200,
        message: "OK",
        xml: String::from_utf8(signed)
            .map_err(|_| Failure::bad_request("the document is not UTF-8"))?,
    }))
}

async fn xml_sign(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<XmlSignResponse>, Failure> {
    let request: XmlSignRequest = json_body(body)?;
    plain_xml(request.clear_signatures, request.trim_xml)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let bundles = open_signers(&config, request.signers.iter(), Purpose::Sign)?;
        let mut xml = request.xml.into_bytes();
        for (b, s) in bundles.iter().zip(&request.signers) {
            let mut options = crate::xmldsig::XmlSignOptions::new();
            if let Some(uri) = s.reference_uri.as_deref().filter(|u| !u.is_empty()) {
                options = options.reference_id(uri.trim_start_matches('#'));
            }
            xml = crate::xmldsig::sign_with(&xml, &b.certificate, &b.key, &options)?;
        }
        xml_signed(xml)
    })
    .await
}

/// NCANode's `WsseSignRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct WsseSignRequest {
    xml: String,
    #[serde(default)]
    key: Option<Secret>,
    #[serde(default)]
    password: Option<Secret>,
    #[serde(default)]
    key_alias: Option<String>,
    #[serde(default)]
    key_store: Option<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    trim_xml: bool,
}

async fn wsse_sign(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<XmlSignResponse>, Failure> {
    let request: WsseSignRequest = json_body(body)?;
    plain_xml(false, request.trim_xml)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let b = open_key(
            &config,
            KeyRef::of(
                &request.key,
                &request.password,
                &request.key_alias,
                &request.key_store,
            ),
            "",
            &request_kdf_budget(&config),
        )?;
        fit_to_sign(&config, &b, Purpose::Sign, "")?;
        let signed = crate::xmldsig::sign_soap(request.xml.as_bytes(), &b.certificate, &b.key)?;
        xml_signed(signed)
    })
    .await
}

/// NCANode's `Pkcs12InfoRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Pkcs12InfoRequest {
    keys: Vec<SignerRequest>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<super::ncanode::RevocationCheck>,
}

async fn pkcs12_info(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<super::ncanode::VerificationResponse>, Failure> {
    let request: Pkcs12InfoRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let opened = open_each(&config, request.keys.iter(), "keys")?;
        let mut certs = Vec::with_capacity(opened.len());
        let mut unproven = Vec::with_capacity(opened.len());
        for o in opened {
            match o {
                Opened::Proven(b) => {
                    certs.push(b.certificate.clone());
                    unproven.push(None);
                }
                Opened::Unproven {
                    certificate,
                    reason,
                } => {
                    certs.push(certificate);
                    unproven.push(Some(reason));
                }
            }
        }
        let info =
            super::ncanode::certificates_info(&config, &certs, &Expectation::at((config.clock)()));
        Ok(Json(info.keys_proven(&unproven)))
    })
    .await
}

/// NCANode's `Pkcs12AliasesResponse`: per container, its keys' aliases.
#[derive(Serialize)]
struct Pkcs12AliasesResponse {
    status: u16,
    message: &'static str,
    aliases: Vec<Vec<String>>,
}

/// `/pkcs12/aliases`: each container opened with its password (a wrong one is a 400, as
/// for signing), its keys' aliases listed; `keyAlias` is not looked at.
async fn pkcs12_aliases(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Pkcs12AliasesResponse>, Failure> {
    let request: Pkcs12InfoRequest = json_body(body)?;
    if request.keys.is_empty() || request.keys.len() > MAX_SIGNERS {
        return Err(Failure::bad_request(format!(
            "keys: 1 to {MAX_SIGNERS} containers"
        )));
    }
    let config = state.0.clone();
    judged(&state.0, move || {
        let budget = request_kdf_budget(&config);
        let mut aliases = Vec::with_capacity(request.keys.len());
        for (i, k) in request.keys.iter().enumerate() {
            let (Some(key), Some(password), None) = (&k.key, &k.password, &k.key_store) else {
                return Err(Failure::bad_request(format!(
                    "keys[{i}]: key and password (a base64 PKCS#12)"
                )));
            };
            if password.0.len() > MAX_PASSWORD_LEN {
                return Err(Failure::bad_request(format!(
                    "keys[{i}].password: at most {MAX_PASSWORD_LEN} octets"
                )));
            }
            let der = Zeroizing::new(base64_field(&key.0, &format!("keys[{i}].key"))?);
            let keys = crate::keys::Pkcs12Keys::read(&der, password.0.as_bytes(), Some(&budget))?;
            aliases.push(keys.aliases());
        }
        Ok(Json(Pkcs12AliasesResponse {
            status: 200,
            message: "OK",
            aliases,
        }))
    })
    .await
}

/// NCANode's `PdfSigner`: a key and the claims of its signature dictionary.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PdfSigner {
    signer: SignerRequest,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    contact_info: Option<String>,
}

/// NCANode's `PdfSignRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PdfSignRequest {
    pdf: String,
    signers: Vec<PdfSigner>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    with_tsp: bool,
    #[serde(default)]
    tsa_policy: Option<String>,
}

/// NCANode's `PdfSignResponse`.
#[derive(Serialize)]
struct PdfSignResponse {
    status: u16,
    message: &'static str,
    pdf: String,
}

/// `/pdf/sign`: each signer's PAdES signature appended in turn (an incremental update
/// each, the earlier ones kept valid over their revisions), at the server's clock; with
/// `withTsp`, a token on each CMS before it is embedded.
async fn pdf_sign(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PdfSignResponse>, Failure> {
    let request: PdfSignRequest = json_body(body)?;
    let tsa = tsa_for(&state.0, request.with_tsp, request.tsa_policy.as_deref())?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let mut pdf = base64_field(&request.pdf, "pdf")?;
        let bundles = open_signers(
            &config,
            request.signers.iter().map(|s| &s.signer),
            Purpose::Sign,
        )?;
        let at = (config.clock)();
        let claim = |c: &Option<String>| c.clone().filter(|c| !c.is_empty());
        for (b, s) in bundles.iter().zip(&request.signers) {
            let sign_request = SignRequest::new(&b.certificate, at).with_chain(&b.chain);
            let options = crate::pades::PdfSignOptions {
                reason: claim(&s.reason),
                location: claim(&s.location),
                contact_info: claim(&s.contact_info),
            };
            // The TSA's failure is a 502, not the 400 of an unreadable PDF.
            let mut tsa_failure = None;
            let signed = crate::pades::sign_with(
                &pdf,
                &sign_request,
                &b.key,
                &options,
                &mut |cms| match &tsa {
                    None => Ok(cms),
                    Some(tsa) => tsa
                        .stamp(&cms)
                        .map_err(|e| e.to_string())
                        .and_then(|stamped| tokens_hold(&config, &stamped, None).map(|()| stamped))
                        .map_err(|e| {
                            tsa_failure = Some(e);
                            crate::Error::Unsupported("the time-stamp authority failed".into())
                        }),
                },
            );
            if let Some(message) = tsa_failure {
                return Err(tsa_failed(message));
            }
            pdf = signed?;
        }
        Ok(Json(PdfSignResponse {
            status: 200,
            message: "OK",
            pdf: b64(&pdf),
        }))
    })
    .await
}

#[cfg(test)]
#[path = "pdf_sign_tests.rs"]
mod pdf_sign_tests;
