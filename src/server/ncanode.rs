//! NCANode's routes (`../shared/ncanode/openapi.yml`, NCANode v3), with its request and
//! response shapes.
//!
//! | route | request | response | differences from NCANode |
//! |---|---|---|---|
//! | `GET /actuator/health` | | `{"status": "UP"}` | |
//! | `POST /x509/info` | `{certs: [base64 DER], revocationCheck}` | `VerificationResponse`: `valid`, a `CertificateInfo` per certificate | each certificate judged by the whole certificate condition (chain to a configured anchor, every level; revocation from the configured CRLs and OCSP responses, their signatures checked): `valid` is false, with the reason in `message`, whenever that is not proven |
//! | `POST /x509/verify` | `{certificate: base64 DER, signature: base64, data: text, revocationCheck}` | `VerificationResponse`: `valid`, the certificate's `CertificateInfo` | `valid` only when the signature over `data`'s UTF-8 octets verifies with the certificate's key *and* the certificate holds as `/x509/info` judges it (any purpose; a keyUsage allowing no signature, or an extKeyUsage allowing neither signing nor authentication, fails); the algorithm is derived from the key (RSA: PKCS#1 v1.5 SHA-256; NCA GOST: its own, `r ‖ s` little-endian), not from the certificate's own signature algorithm as NCANode takes it (the same for NCA's certificates); a missing `signature` or `data` is a 400 (the `x509` module) |
//! | `POST /cms/verify` | `{cms: base64, data: base64 (detached)}` | `CmsVerificationResponse`: `valid`, per signer its `certificates` and its `tsp` (the time-stamp token's serial, genTime, policy, TSA, hash) | every signer required, and each countersignature on it (NCANode does not read them: an unproven one leaves `valid` false); the signer's certificate condition at the request's time; `tsp` only for a token proven (its signature, its imprint over the signer's signature, its TSA's certificate), where NCANode describes any token it can read |
//! | `POST /xml/verify` | `{xml: string}` | `VerificationResponse` | every signature required; XAdES, several signers as the library reads them; `valid` only when the signatures cover the whole document (a signature over one element by Id says nothing of the rest, and the answer does not say what was covered) and carry nothing but their own structure (an element inside a Signature, in a `ds:Object` or its KeyInfo, that no Reference covers is signed by no one: XMLDSig's elements, a WS-Security token reference, XAdES QualifyingProperties and what a Reference names are allowed) |
//! | `POST /wsse/verify` | `{xml: string}` | `VerificationResponse` | the envelope's own Body must be what the signature covers (signature wrapping is refused), and no SOAP `Envelope`, `Header` or `Body` may stand below the envelope's own children (a second Body a client finding it by name would take) |
//! | `POST /pkcs12/info` | `{keys: [SignerRequest]}` | `VerificationResponse`: `valid`, a `CertificateInfo` per container | each container's certificate judged for signing by the whole certificate condition; `keyProven` per certificate (a qoltanba extension): whether the container's key is proven to be the certificate's (its public key computed from the private key); a GOST key on a curve the library does not know cannot be, and its certificate (the one the container names for it) is described, `keyProven: false`, `valid: false` with the reason; a key proven to be no certificate's (a foreign certificate, a GOST scalar out of range) is a 400 (the `signing` module) |
//! | `POST /pkcs12/aliases` | `{keys: [SignerRequest]}` | `Pkcs12AliasesResponse`: per container, its keys' aliases | the private keys' aliases only (friendlyName, else the localKeyId in lowercase hex, else the position from 1); a wrong password is a 400 (the `signing` module) |
//! | `POST /jwt/encode` | `{jwt: {header: {alg, typ}, payload}, key, password, keyAlias}` | `JwtEncodeResponse`: `jwt` | `RS256` (RSA keys), `ES256` / `ES384` (P-256 / P-384 keys) only, the `alg` asked having to be the key's; GOST (`GG2015`, `GG2004`) refused, 400: the layout of NCANode's GOST JWT signatures is not established; a payload member named twice, or a number that would not be signed as written (an integer beyond 64 bits, `1.50`, `1e3`), is a 400 (the `jwt` module) |
//! | `POST /jwt/decode` | `{jwt, key: base64 DER certificate}` | `JwtDecodeResponse`: `valid`, `jwt: {header, payload}` | `valid` only when the signature verifies under an `alg` that fits the key, `exp`/`nbf`/`iat` hold at the server's clock (with its fraction of a second), no `crit`, and the certificate holds by the certificate condition; `jwt` only when valid; `none`, HMAC, GOST, `ES512`, malformed tokens (padding, repeated JSON members, ...): 400 |
//! | `POST /pdf/verify` | `{pdf: base64}` | `PdfVerificationResponse`: `valid`, per signature its `certificate`, `signDate` (the dictionary's `/M`, a claim), `coversWholeDocument` (false: it signed an earlier revision only, and vouches for nothing changed after it) | every signature required, and one must cover the whole file (bytes appended after the last signature make it invalid); `reason`, `location`, `contactInfo` as the signature dictionary states them (the signer's claims) |
//! | `POST /pdf/sign` | `{pdf: base64, signers: [{signer: SignerRequest, reason, location, contactInfo}], withTsp}` | `PdfSignResponse`: `pdf` | any PDF, signed by an incremental update per signer (PAdES B-B, `/SubFilter /ETSI.CAdES.detached`, an invisible field on the first page), the original bytes kept and earlier signatures valid over their revisions; `/M` is the server's clock; `withTsp`: a token on each CMS before it is embedded (B-T), from the configured TSA only; encrypted PDFs and PDFs certified with no change allowed are refused (400) (the `signing` module) |
//!
//! `revocationCheck` is accepted and not obeyed: the service always applies the
//! revocation sources it was configured with, and a request cannot turn them off. With
//! OCSP configured (`--ocsp-url`, [`ServerConfig::ocsp`]), `/x509/info` and `/cms/verify`
//! ask the responder when the CRLs leave a status unknown (the `ocsp` module).
//! An optional field given as `null` (`revocationCheck`, `withTsp`, `detached`,
//! `clearSignatures`, `trimXml`) is read as absent, as NCANode's Jackson reads it.
//! `CertificateInfo.serialNumber` is lowercase hex without leading zeros (as Java's
//! `BigInteger.toString(16)` writes it); `signAlg` is the library's name of the
//! certificate's key algorithm; `publicKey` and `signature` are given where the certificate
//! itself was sent (`/x509/info`). `/x509/info` judges a certificate for any purpose (an
//! authentication certificate is valid there), `/cms/verify` and `/xml/verify` their signers
//! for signing. The routes that take keys, `/cms/extract` and `/wsse/verify` are the
//! `signing` module's (`/pdf/sign` among them), `/x509/verify` the `x509` module's, the JWT
//! routes the `jwt` module's. `GET /openapi.json` describes every route served (the
//! `openapi` module). Not served (404): NCANode's Spring `/actuator` index.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::{b64, base64_field, json_body, judged, Failure, ServerConfig, State};
use crate::certificate::{Certificate, NcaRole, Subject};
use crate::cms::SignedData;
use crate::condition::{Expectation, Purpose};
use crate::revocation::CertStatus;
use crate::verdict::{Judged as _, Verdict};

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new()
        .route("/actuator/health", get(health))
        .route("/x509/info", post(x509_info))
        .route("/cms/verify", post(cms_verify))
        .route("/xml/verify", post(xml_verify))
        .route("/pdf/verify", post(pdf_verify))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "UP" }))
}

/// The revocation sources a request names (accepted, not obeyed: see the module).
#[derive(Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub(super) enum RevocationCheck {
    Ocsp,
    Crl,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct X509InfoRequest {
    certs: Vec<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<RevocationCheck>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CmsVerifyRequest {
    cms: String,
    #[serde(default)]
    data: Option<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<RevocationCheck>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PdfVerifyRequest {
    pdf: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<RevocationCheck>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct XmlVerifyRequest {
    xml: String,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<RevocationCheck>,
}

/// NCANode's `CertificateSubject`.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct CertificateSubject {
    common_name: Option<String>,
    last_name: Option<String>,
    sur_name: Option<String>,
    email: Option<String>,
    organization: Option<String>,
    gender: &'static str,
    iin: Option<String>,
    bin: Option<String>,
    country: Option<String>,
    locality: Option<String>,
    state: Option<String>,
    dn: String,
}

impl CertificateSubject {
    fn of(subject: &Subject, dn: &str) -> CertificateSubject {
        let gender = match subject.iin.as_ref().and_then(|i| i.sex()) {
            Some(crate::identity::Sex::Male) => "MALE",
            Some(crate::identity::Sex::Female) => "FEMALE",
            None => "NONE",
        };
        CertificateSubject {
            common_name: subject.common_name.clone(),
            last_name: subject.surname.clone(),
            sur_name: subject.patronymic.clone(),
            email: subject.email.clone(),
            organization: subject.organization.clone(),
            gender,
            iin: subject.iin.as_ref().map(ToString::to_string),
            bin: subject.bin.as_ref().map(ToString::to_string),
            country: subject.country.clone(),
            locality: subject.locality.clone(),
            state: subject.state.clone(),
            dn: dn.to_string(),
        }
    }
}

/// NCANode's `CertificateRevocationStatus`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RevocationStatus {
    revoked: bool,
    by: &'static str,
    revocation_time: Option<String>,
    reason: Option<String>,
}

/// NCANode's `CertificateInfo`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CertificateInfo {
    valid: bool,
    revocations: Vec<RevocationStatus>,
    not_before: String,
    not_after: String,
    key_usage: &'static str,
    serial_number: String,
    sign_alg: Option<String>,
    key_user: Vec<&'static str>,
    public_key: Option<String>,
    signature: Option<String>,
    subject: CertificateSubject,
    issuer: CertificateSubject,
    /// `/pkcs12/info` only: whether the container's key is proven to be this
    /// certificate's (its public key, computed from the private one, is the certificate's).
    /// A key on a GOST curve the library does not know cannot be: `false`, and the
    /// certificate, a claim of the container's, is not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    key_proven: Option<bool>,
}

/// A serial as Java's `BigInteger.toString(16)` writes it.
fn java_hex(serial_hex: &str) -> String {
    let lower = serial_hex.to_ascii_lowercase();
    let trimmed = lower.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".into()
    } else {
        trimmed.into()
    }
}

impl CertificateInfo {
    /// From the certificate condition's verdict (and the certificate, when at hand).
    fn of(verdict: &Verdict, cert: Option<&Certificate>) -> CertificateInfo {
        let purposes = verdict.key_purposes();
        let key_usage = if purposes.signing {
            "SIGN"
        } else if purposes.authentication {
            "AUTH"
        } else {
            "UNKNOWN"
        };
        let key_user = verdict
            .roles()
            .iter()
            .filter_map(|r| match r {
                NcaRole::Individual => Some("INDIVIDUAL"),
                NcaRole::LegalEntity => Some("ORGANIZATION"),
                NcaRole::FirstHead => Some("CEO"),
                NcaRole::RightToSign => Some("CAN_SIGN"),
                NcaRole::FinancialSigner => Some("CAN_SIGN_FINANCIAL"),
                NcaRole::HumanResources => Some("HR"),
                NcaRole::Employee => Some("EMPLOYEE"),
                _ => None,
            })
            .collect();
        // The end entity's own status (the first the condition lists).
        let revocations = verdict
            .revocation()
            .first()
            .and_then(|r| match r.status() {
                CertStatus::Revoked {
                    reason,
                    revocation_date,
                    evidence,
                } => Some(RevocationStatus {
                    revoked: true,
                    by: if evidence.contains("OCSP") {
                        "OCSP"
                    } else {
                        "CRL"
                    },
                    revocation_time: Some(revocation_date.to_rfc3339()),
                    reason: Some(reason.describe().to_string()),
                }),
                CertStatus::Good { evidence } => Some(RevocationStatus {
                    revoked: false,
                    by: if evidence.contains("OCSP") {
                        "OCSP"
                    } else {
                        "CRL"
                    },
                    revocation_time: None,
                    reason: None,
                }),
                CertStatus::Unknown { .. } => None,
            })
            .into_iter()
            .collect();
        let issuer_subject = cert
            .map(|c| Subject::from_name(c.issuer()))
            .unwrap_or_default();
        CertificateInfo {
            valid: verdict.is_valid(),
            revocations,
            not_before: verdict.not_before().to_rfc3339(),
            not_after: verdict.not_after().to_rfc3339(),
            key_usage,
            serial_number: java_hex(verdict.serial()),
            sign_alg: cert.map(|c| c.public_key().algorithm().to_string()),
            key_user,
            public_key: cert.map(|c| b64(c.public_key().spki_der())),
            signature: cert.map(|c| b64(c.signature())),
            subject: CertificateSubject::of(verdict.subject(), verdict.subject_dn()),
            issuer: CertificateSubject::of(&issuer_subject, verdict.issuer()),
            key_proven: None,
        }
    }
}

/// NCANode's `VerificationResponse`.
#[derive(Serialize)]
pub(super) struct VerificationResponse {
    status: u16,
    message: String,
    valid: bool,
    signers: Vec<CertificateInfo>,
}

impl VerificationResponse {
    /// Whether it is valid, and its message.
    pub(super) fn verdict(&self) -> (bool, String) {
        (self.valid, self.message.clone())
    }

    /// The answer of `/pkcs12/info`, whose `i`th certificate is the one of the `i`th
    /// container's key: each says whether the key is proven to be its (`keyProven`). One
    /// that is not (`unproven[i]`, its reason) is not valid, whatever the certificate's
    /// own state, and neither is the answer: the service does not vouch for a certificate
    /// on the word of a container that may hold a stranger's.
    pub(super) fn keys_proven(mut self, unproven: &[Option<String>]) -> VerificationResponse {
        let mut reasons = Vec::new();
        for (i, (signer, reason)) in self.signers.iter_mut().zip(unproven).enumerate() {
            signer.key_proven = Some(reason.is_none());
            if let Some(reason) = reason {
                signer.valid = false;
                reasons.push(format!(
                    "#{}: the container's key is not proven to be this certificate's ({reason})",
                    i + 1
                ));
            }
        }
        if reasons.is_empty() {
            self
        } else {
            self.refused(&reasons.join(" "))
        }
    }

    /// Not valid, whatever its certificates are, for `reason` (put before what the
    /// certificates' own refusals say).
    pub(super) fn refused(mut self, reason: &str) -> VerificationResponse {
        self.message = if self.valid {
            reason.to_string()
        } else {
            format!("{reason} {}", self.message)
        };
        self.valid = false;
        self
    }
}

/// NCANode's `CmsSignerInfo`.
#[derive(Serialize)]
struct CmsSignerInfo {
    certificates: Vec<CertificateInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tsp: Option<TspInfo>,
}

/// NCANode's `TspInfo`: the signer's time-stamp token, given only when the token is
/// proven (its verdict valid: its signature, its imprint over this signer's signature, its
/// TSA's certificate); an unproven genTime is not handed out as a time. The first such
/// token when a signer carries several (NCANode refuses more than one).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TspInfo {
    /// As NCANode writes it: the INTEGER's octets in lowercase hex.
    serial_number: String,
    gen_time: String,
    policy: String,
    /// The TSTInfo's `tsa` field, when present.
    tsa: Option<String>,
    /// NCANode's name of the imprint's hash (`SHA256`, `GOST34311`, ...); `None` for the
    /// hashes NCANode has no name for (Streebog among them).
    tsp_hash_algorithm: Option<&'static str>,
    /// hashedMessage in lowercase hex.
    hash: String,
}

impl TspInfo {
    /// The first proven token of `tokens`.
    fn of(tokens: &[crate::tsp::TimeStampVerdict]) -> Option<TspInfo> {
        let token = tokens.iter().find(|t| t.is_valid())?;
        Some(TspInfo {
            serial_number: token.serial().to_ascii_lowercase(),
            gen_time: token.gen_time().to_rfc3339(),
            policy: token.policy().to_string(),
            tsa: token.tsa_field().map(str::to_string),
            tsp_hash_algorithm: match token.hash_algorithm() {
                "sha1" => Some("SHA1"),
                "sha224" => Some("SHA224"),
                "sha256" => Some("SHA256"),
                "sha384" => Some("SHA384"),
                "sha512" => Some("SHA512"),
                "gost34311-95" => Some("GOST34311"),
                _ => None,
            },
            hash: token.hashed_message().to_ascii_lowercase(),
        })
    }
}

/// NCANode's `CmsVerificationResponse`.
#[derive(Serialize)]
struct CmsVerificationResponse {
    status: u16,
    message: String,
    valid: bool,
    signers: Vec<CmsSignerInfo>,
}

/// NCANode's `PdfSignerInfo`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PdfSignerInfo {
    valid: bool,
    /// Whether the signature covers the file as it stands (its ByteRange ends at the end
    /// of the file): a signature over an earlier revision vouches for that revision only,
    /// not for what was changed after it (even when a later signer covers the change).
    covers_whole_document: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<CertificateInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature_algorithm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest_algorithm: Option<String>,
}

/// NCANode's `PdfVerificationResponse`.
#[derive(Serialize)]
struct PdfVerificationResponse {
    status: u16,
    message: String,
    valid: bool,
    signers: Vec<PdfSignerInfo>,
}

/// A PDF date (`D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'`) as RFC 3339, when it reads so.
fn pdf_date(raw: &str) -> Option<String> {
    let d = raw.strip_prefix("D:")?;
    let digits = d.get(..14)?;
    let naive = chrono::NaiveDateTime::parse_from_str(digits, "%Y%m%d%H%M%S").ok()?;
    let zone = d.get(14..).unwrap_or("");
    let offset_secs = match zone.as_bytes().first() {
        None | Some(b'Z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let h: i32 = zone.get(1..3)?.parse().ok()?;
            let m: i32 = zone.get(4..6).and_then(|m| m.parse().ok()).unwrap_or(0);
            let secs = h * 3600 + m * 60;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    let offset = chrono::FixedOffset::east_opt(offset_secs)?;
    Some(naive.and_local_timezone(offset).single()?.to_rfc3339())
}

async fn pdf_verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PdfVerificationResponse>, Failure> {
    let request: PdfVerifyRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let pdf = base64_field(&request.pdf, "pdf")?;
        let options = crate::cms::VerifyOptions::at((config.clock)());
        let verdict =
            config.judge_with_ocsp(|verifier| crate::pades::verify(&pdf, verifier, &options))?;
        let signers = verdict
            .signatures()
            .iter()
            .map(|s| {
                let signer = s.cms().and_then(|c| c.signers().first());
                PdfSignerInfo {
                    valid: s.overall() == crate::verdict::Overall::Valid,
                    covers_whole_document: s.covers_whole_file(),
                    reason: s.reason().map(str::to_string),
                    location: s.location().map(str::to_string),
                    contact_info: s.contact_info().map(str::to_string),
                    sign_date: s.claimed_time().and_then(pdf_date),
                    certificate: signer
                        .and_then(|x| x.certificate())
                        .map(|v| CertificateInfo::of(v, None)),
                    signature_algorithm: signer.map(|x| x.signature_algorithm().to_string()),
                    digest_algorithm: signer.map(|x| x.digest_algorithm().to_string()),
                }
            })
            .collect();
        Ok(Json(PdfVerificationResponse {
            status: 200,
            message: message(verdict.refusal()),
            valid: verdict.is_valid(),
            signers,
        }))
    })
    .await
}

/// `message` of a verdict: "OK", or the refusal (Russian, as NCANode answers).
pub(super) fn message(refusal: Option<&crate::verdict::Refusal>) -> String {
    refusal.map_or_else(|| "OK".to_string(), |r| r.ru().to_string())
}

async fn x509_info(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<VerificationResponse>, Failure> {
    let request: X509InfoRequest = json_body(body)?;
    if request.certs.is_empty() || request.certs.len() > 64 {
        return Err(Failure::bad_request("certs: 1 to 64 certificates"));
    }
    let config = state.0.clone();
    judged(&state.0, move || {
        let mut certs = Vec::new();
        for (i, text) in request.certs.iter().enumerate() {
            let der = base64_field(text, &format!("certs[{i}]"))?;
            certs.push(Certificate::from_input(&der)?);
        }
        let expect = Expectation::at((config.clock)()).purpose(Purpose::Any);
        config.discover(&certs, expect.at);
        Ok(Json(certificates_info(&config, &certs, &expect)))
    })
    .await
}

/// Each certificate judged by the certificate condition under `expect`, in NCANode's
/// shape: valid when every one is.
pub(super) fn certificates_info(
    config: &ServerConfig,
    certs: &[Certificate],
    expect: &Expectation,
) -> VerificationResponse {
    let mut signers = Vec::new();
    let mut refusals = Vec::new();
    let Ok(verdicts) = config.judge_with_ocsp(|verifier| {
        Ok::<_, std::convert::Infallible>(
            certs
                .iter()
                .map(|c| verifier.check_certificate(c, expect))
                .collect::<Vec<Verdict>>(),
        )
    });
    for (i, (cert, verdict)) in certs.iter().zip(verdicts).enumerate() {
        if let Some(r) = verdict.refusal() {
            refusals.push(format!("#{}: {}", i + 1, r.ru()));
        }
        signers.push(CertificateInfo::of(&verdict, Some(cert)));
    }
    VerificationResponse {
        status: 200,
        message: if refusals.is_empty() {
            "OK".into()
        } else {
            refusals.join(" ")
        },
        valid: signers.iter().all(|s| s.valid),
        signers,
    }
}

async fn cms_verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CmsVerificationResponse>, Failure> {
    let request: CmsVerifyRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let cms = base64_field(&request.cms, "cms")?;
        let data = request
            .data
            .as_deref()
            .map(|d| base64_field(d, "data"))
            .transpose()?;
        let signed = SignedData::from_input(&cms)?;
        let options = crate::cms::VerifyOptions::at((config.clock)());
        config.discover(signed.certificates(), options.expectation.at);
        let Ok(verdict) = config.judge_with_ocsp(|verifier| {
            Ok::<_, std::convert::Infallible>(match &data {
                Some(d) => signed.verify_detached(d, verifier, &options),
                None => signed.verify(verifier, &options),
            })
        });
        let signers = verdict
            .signers()
            .iter()
            .map(|s| CmsSignerInfo {
                certificates: s
                    .certificate()
                    .map(|v| CertificateInfo::of(v, None))
                    .into_iter()
                    .collect(),
                tsp: TspInfo::of(s.timestamps()),
            })
            .collect();
        Ok(Json(CmsVerificationResponse {
            status: 200,
            message: message(verdict.refusal()),
            valid: verdict.is_valid(),
            signers,
        }))
    })
    .await
}

pub(super) async fn xml_verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<VerificationResponse>, Failure> {
    xml_answer(state, body, Covers::Whole).await
}

/// `/wsse/verify`: a SOAP message signed by Id, its Body covered (the library refuses a
/// signature over any other element of an envelope).
pub(super) async fn wsse_verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<VerificationResponse>, Failure> {
    xml_answer(state, body, Covers::SoapBody).await
}

/// What an XML route's `valid` requires the signatures to cover: NCANode's answer says
/// nothing of what was covered, and a client takes the document it sent, so a signature
/// over one element must not make the rest look signed.
#[derive(Clone, Copy, PartialEq)]
enum Covers {
    /// `/xml/verify`: the whole document (less the signatures), and the signatures
    /// carrying nothing but their own structure (an element inside a Signature is left
    /// out of what a whole-document signature digests, yet in the document the client
    /// reads).
    Whole,
    /// `/wsse/verify`: the Body of the SOAP Envelope that is the document element (the
    /// library refuses a signature by Id that does not cover it); any other document
    /// element is not a SOAP message, whatever is signed inside it.
    SoapBody,
}

/// An XML document judged; `valid` only when the signatures cover what `covers` says.
async fn xml_answer(
    state: State,
    body: Result<Bytes, BytesRejection>,
    covers: Covers,
) -> Result<Json<VerificationResponse>, Failure> {
    let request: XmlVerifyRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let expect = Expectation::at((config.clock)());
        let verdict = config.judge_with_ocsp(|verifier| {
            crate::xmldsig::verify(request.xml.as_bytes(), verifier, &expect)
        })?;
        let signers = verdict
            .signers()
            .iter()
            .filter_map(|s| s.certificate().map(|v| CertificateInfo::of(v, None)))
            .collect();
        let refused = match covers {
            Covers::Whole if verdict.is_valid() && verdict.verified_octets().is_none() => Some(
                "only part of the document is signed (References by Id): /v1/verify hands out the signed parts".to_string(),
            ),
            Covers::Whole if verdict.is_valid() => verdict.carried.as_deref().map(|what| {
                format!(
                    "a signature carries {what}, which no Reference covers: the document sent holds content no one signed (/v1/verify hands out what is signed)"
                )
            }),
            Covers::SoapBody if verdict.is_valid() && !verdict.soap => Some(
                "the document element is not a SOAP Envelope with one Body: a signed message inside another document is not what a client of this route reads".to_string(),
            ),
            _ => None,
        };
        Ok(Json(VerificationResponse {
            status: 200,
            message: match &refused {
                Some(why) => why.clone(),
                None => message(verdict.refusal()),
            },
            valid: verdict.is_valid() && refused.is_none(),
            signers,
        }))
    })
    .await
}
