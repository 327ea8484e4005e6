//! `POST /x509/verify`: NCANode's raw signature check. A certificate, a signature and the
//! data it signs: `valid` when the signature verifies with the certificate's key *and* the
//! certificate holds by the whole certificate condition (as `/x509/info` judges it).
//!
//! NCANode (`CertificateService.verify`) takes `data` as text and verifies its UTF-8 bytes
//! (`data.getBytes(UTF_8)`), the signature as base64, with the JCA algorithm named by the
//! certificate's *own* signature algorithm (`getSigAlgName()`, what its issuer signed it
//! with). That name says what the CA used, not what the key signs with; here the algorithm
//! is derived from the certificate's key, which gives the same answer for NCA's
//! certificates (an RSA CA signs with sha256WithRSAEncryption, a GOST 2015 CA with GOST
//! 2015/Streebog-512, a GOST 2004 CA with GOST 34.310/34.311):
//!
//! | certificate key | signature read as |
//! |---|---|
//! | RSA | RSASSA-PKCS1-v1_5 with SHA-256 |
//! | NCA GOST 2015 512-bit (`1.2.398.3.10.1.1.2.2`) | GOST R 34.10-2015 with Streebog-512, `r ‖ s` each little-endian (NCA's byte order, as in its CMS) |
//! | NCA GOST 2015 256-bit, NCA GOST 34.310-2004 | the same, with Streebog-256 / GOST 34.311-95 |
//! | TC26 GOST 2012, GOST R 34.10-2001 | RFC 4491 (`s ‖ r` big-endian) |
//! | EC P-256 / P-384 | ECDSA with SHA-256 / SHA-384, the signature DER (as the JCA gives it) |
//!
//! The GOST byte order is that of the signatures Kalkan puts in NCA's CMS and XML
//! signatures (the library's NCA test files); that Kalkan's bare `Signature.sign()` gives
//! the same bytes is inferred, not checked against a signature Kalkan made for this route.
//!
//! Differences from NCANode: the certificate is judged for any purpose (as `/x509/info`:
//! NCA's authentication keys sign such raw challenges), but a certificate whose keyUsage
//! allows neither digitalSignature nor nonRepudiation is not valid; a missing `signature`
//! or `data` is a 400 (NCANode: a 500).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;

use super::ncanode::{certificates_info, RevocationCheck, VerificationResponse};
use super::{base64_field, json_body, judged, Failure, ServerConfig, State};
use crate::certificate::{Certificate, KeyUsage};
use crate::condition::{Expectation, Purpose};
use crate::signature::{Curve, HashAlgorithm, KeyAlgorithm, SignatureAlgorithm, SignatureCheck};

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new().route("/x509/verify", post(x509_verify))
}

/// NCANode's `SbaVerifyRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SbaVerifyRequest {
    certificate: String,
    #[serde(default)]
    signature: Option<String>,
    #[serde(default)]
    data: Option<String>,
    #[serde(default, deserialize_with = "super::null_as_default")]
    #[allow(dead_code)]
    revocation_check: Vec<RevocationCheck>,
}

/// Largest signature read: an RSA-8192 signature is 1024 octets, GOST 2015/512 128.
const MAX_SIGNATURE_LEN: usize = 1024;

async fn x509_verify(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<VerificationResponse>, Failure> {
    let request: SbaVerifyRequest = json_body(body)?;
    let (Some(signature), Some(data)) = (&request.signature, &request.data) else {
        return Err(Failure::bad_request(
            "signature (base64) and data (the signed text) are both required",
        ));
    };
    let (signature, data) = (signature.clone(), data.clone());
    let config = state.0.clone();
    judged(&state.0, move || {
        let cert = Certificate::from_input(&base64_field(&request.certificate, "certificate")?)?;
        let signature = base64_field(&signature, "signature")?;
        if signature.is_empty() || signature.len() > MAX_SIGNATURE_LEN {
            return Err(Failure::bad_request(format!(
                "signature: 1 to {MAX_SIGNATURE_LEN} octets"
            )));
        }
        let expect = Expectation::at((config.clock)()).purpose(Purpose::Any);
        let refusal = match check(&cert, data.as_bytes(), &signature) {
            Ok(()) => signs(&cert).err(),
            Err(reason) => Some(reason),
        };
        // A signature that does not hold settles the answer: no OCSP responder is asked
        // about its certificate (a client cannot make the service ask for nothing).
        let without;
        let judged_by: &ServerConfig = if refusal.is_some() {
            without = config.without_ocsp();
            &without
        } else {
            &config
        };
        let answer = certificates_info(judged_by, std::slice::from_ref(&cert), &expect);
        Ok(Json(match refusal {
            None => answer,
            Some(reason) => answer.refused(&reason),
        }))
    })
    .await
}

/// Does the certificate allow signatures over data: its keyUsage (when it has one) a
/// signature, and its extKeyUsage (when it has one) signing or authentication? A key bound
/// to time-stamps or OCSP responses alone (RFC 3161 §2.3, RFC 6960 §4.2.2.2) signs no
/// challenge or token (review 98: a TSA's and a responder's key passed `/x509/verify` and
/// `/jwt/decode`, which `/cms/verify` refused).
pub(super) fn signs(cert: &Certificate) -> Result<(), String> {
    match cert.key_usage() {
        Some(KeyUsage(bits))
            if bits & (KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION) == 0 =>
        {
            Err("Назначение ключа сертификата не допускает подпись (keyUsage).".into())
        }
        _ if !cert.extended_key_usage_allows(&[
            crate::oid::EKU_EMAIL_PROTECTION,
            crate::oid::EKU_DOCUMENT_SIGNING,
            crate::oid::EKU_CLIENT_AUTH,
        ]) =>
        {
            Err(
                "Расширенное назначение ключа сертификата не допускает подпись данных (extKeyUsage)."
                    .into(),
            )
        }
        _ => Ok(()),
    }
}

/// The signature over `data` checked with the certificate's key, under the algorithm
/// derived from that key (the module's table). `Err`: why it does not hold.
pub(super) fn check(cert: &Certificate, data: &[u8], signature: &[u8]) -> Result<(), String> {
    let algorithm = algorithm_for_key(cert)?;
    match crate::signature::verify(cert.public_key(), &algorithm, data, signature) {
        SignatureCheck::Valid => Ok(()),
        SignatureCheck::Invalid => {
            Err("Подпись не соответствует данным и ключу сертификата.".into())
        }
        SignatureCheck::Unsupported(reason) => {
            Err(format!("Подпись не может быть проверена: {reason}."))
        }
    }
}

/// The algorithm a raw signature by the certificate's key is read as (the module's table).
fn algorithm_for_key(cert: &Certificate) -> Result<SignatureAlgorithm, String> {
    let key = cert.public_key();
    match key.algorithm() {
        KeyAlgorithm::Rsa { .. } => Ok(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)),
        KeyAlgorithm::Ec(Curve::P256) => Ok(SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256)),
        KeyAlgorithm::Ec(Curve::P384) => Ok(SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha384)),
        KeyAlgorithm::Gost(_) => key_algorithm_oid(key.spki_der())
            .as_deref()
            .and_then(crate::keys::gost_signature_oid)
            .and_then(crate::gost::GostAlgorithm::from_signature_oid)
            .map(SignatureAlgorithm::Gost)
            .ok_or_else(|| "Подпись не может быть проверена: ключ ГОСТ неизвестного вида.".into()),
        other => Err(format!(
            "Подпись не может быть проверена: ключ {other} не поддерживается."
        )),
    }
}

/// The key algorithm OID of a SubjectPublicKeyInfo (DER, as the certificate carried it).
fn key_algorithm_oid(spki: &[u8]) -> Option<String> {
    const W: &str = "public key";
    let top = crate::ber::Tlv::read_exact(spki, W).ok()?;
    let mut seq = top.sequence(W).ok()?;
    let alg = seq.next("algorithm").ok()?;
    let mut alg = alg.sequence(W).ok()?;
    alg.next("algorithm").ok()?.oid(W).ok()
}
