//! `POST /jwt/encode` and `POST /jwt/decode`: NCANode's JWT routes (JWS compact form,
//! RFC 7515 / 7519).
//!
//! Encode takes `{jwt: {header: {alg, typ}, payload: {...}}, key, password, keyAlias}`
//! (the key a base64 PKCS#12, as the signing routes take it) and answers `{status,
//! message, jwt}`: the header `{"alg": ..., "typ": "JWT"}` and the payload as given, each
//! JSON in base64url without padding, signed over `header.payload`. Decode takes `{jwt,
//! key}` (`key`: the signer's certificate, base64 DER, as NCANode reads it) and answers
//! `{status, message, valid, jwt: {header: {alg, typ}, payload}}`.
//!
//! `valid` is true only when all of these hold: the signature verifies with the
//! certificate's key under the header's `alg`, that `alg` fits the key (RS* an RSA key,
//! ES256 a P-256 key, ES384 a P-384 key: no algorithm confusion), the header names no
//! `crit` extension (none is understood), `exp`, `nbf` and `iat` (when present) hold at the
//! server's clock, as NCANode's verifier (auth0 java-jwt) checks them, with no leeway (the
//! clock's fraction of a second counts: `claim_times`), and the certificate holds by the
//! whole certificate condition (any purpose, as `/x509/verify`; a keyUsage without
//! digitalSignature or nonRepudiation fails). Otherwise `valid: false` with the reasons in
//! `message`. When the token itself does not hold, its certificate is judged without
//! asking an OCSP responder: the answer is settled, and a client must not be able to make
//! the service ask for nothing.
//!
//! What is not a token is a 400 with a message, never a 5xx: not three dot-separated
//! parts, a part that is not base64url without padding (padding, whitespace, the standard
//! alphabet and non-canonical trailing bits are refused), a header or payload that is not
//! a JSON object (a member named twice included: two `alg`s could be read two ways), a
//! header without a string `alg`, a token over [`MAX_JWT_LEN`], a signature over
//! [`MAX_SIGNATURE_LEN`]. An `alg` outside NCANode's list (`none`, `HS256`, anything
//! else) is a 400, as NCANode answers it.
//!
//! Differences from NCANode:
//! * GOST (`GG2015`, `GG2004`) is refused, 400, in both routes: NCANode signs them through
//!   the NCA's fork of java-jwt (`kz.gov.pki:java-jwt`), whose signature byte layout is
//!   not published and could not be established here (no token it made, no source); a
//!   guess would make tokens NCANode's clients cannot verify, or call theirs invalid.
//! * Encode signs `RS256` with an RSA key, `ES256` / `ES384` with a P-256 / P-384 key, the
//!   `alg` asked for having to be that one (`RS384`, `RS512`, `ES512` are refused: the
//!   library's keys sign SHA-256 with RSA); decode verifies `RS256`, `RS384`, `RS512`,
//!   `ES256`, `ES384` (`ES512`, P-521, is refused).
//! * Encode writes the payload's JSON values as given (NCANode turns a value that is not
//!   a string, number or boolean into its Java `toString()`); `typ`, when given, must be
//!   `JWT`. A payload that could be signed as something other than what was sent is a
//!   400: a member named twice (at any depth), and a number that would not be written
//!   back as the same text (an integer beyond 64 bits, `1.50`, `1e3`: send such values as
//!   strings).
//! * Decode hands out `jwt` (the header and payload) only when `valid` is true: claims
//!   whose signature or certificate does not hold are not handed out (as `/cms/extract`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod ecdsa;
mod json;

pub(super) use ecdsa::ecdsa_der_to_fixed;
use ecdsa::ecdsa_fixed_to_der;
use json::{numbers_as_written, object, signable_payload, Same};

use super::keys::{open_key, KeyRef, Secret};
use super::ncanode::certificates_info;
use super::{base64_field, json_body, judged, Failure, ServerConfig, State};
use crate::certificate::Certificate;
use crate::condition::{Expectation, Purpose};
use crate::signature::{Curve, HashAlgorithm, KeyAlgorithm, SignatureAlgorithm, SignatureCheck};

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new()
        .route("/jwt/encode", post(encode))
        .route("/jwt/decode", post(decode))
}

/// Longest token read or written, in characters.
pub(super) const MAX_JWT_LEN: usize = 64 * 1024;
/// Longest header, decoded.
const MAX_HEADER_LEN: usize = 4 * 1024;
/// Largest signature read: an RSA-8192 signature is 1024 octets.
pub(super) const MAX_SIGNATURE_LEN: usize = 1024;

/// The algorithms of NCANode's `JwtHeader.alg`, and what this service does with each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Alg {
    Rs256,
    Rs384,
    Rs512,
    Es256,
    Es384,
}

impl Alg {
    /// The `alg` named: one this service verifies, or a 400 saying why not.
    fn parse(alg: &str) -> Result<Alg, Failure> {
        match alg {
            "RS256" => Ok(Alg::Rs256),
            "RS384" => Ok(Alg::Rs384),
            "RS512" => Ok(Alg::Rs512),
            "ES256" => Ok(Alg::Es256),
            "ES384" => Ok(Alg::Es384),
            "GG2015" | "GG2004" => Err(Failure::bad_request(format!(
                "alg {alg}: GOST JWT signatures are not supported (the byte layout of NCANode's GOST JWT signatures is not established)"
            ))),
            "ES512" => Err(Failure::bad_request(
                "alg ES512: P-521 signatures are not supported",
            )),
            _ => Err(Failure::bad_request(
                "alg: not one of RS256, RS384, RS512, ES256, ES384 (none and HMAC are never accepted)",
            )),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Alg::Rs256 => "RS256",
            Alg::Rs384 => "RS384",
            Alg::Rs512 => "RS512",
            Alg::Es256 => "ES256",
            Alg::Es384 => "ES384",
        }
    }

    /// The signature algorithm, if `key` is of the kind this `alg` needs (RSA for RS*, the
    /// named curve for ES*): `None` otherwise.
    fn for_key(self, key: &KeyAlgorithm) -> Option<SignatureAlgorithm> {
        use HashAlgorithm::*;
        match (self, key) {
            (Alg::Rs256, KeyAlgorithm::Rsa { .. }) => Some(SignatureAlgorithm::RsaPkcs1(Sha256)),
            (Alg::Rs384, KeyAlgorithm::Rsa { .. }) => Some(SignatureAlgorithm::RsaPkcs1(Sha384)),
            (Alg::Rs512, KeyAlgorithm::Rsa { .. }) => Some(SignatureAlgorithm::RsaPkcs1(Sha512)),
            (Alg::Es256, KeyAlgorithm::Ec(Curve::P256)) => Some(SignatureAlgorithm::Ecdsa(Sha256)),
            (Alg::Es384, KeyAlgorithm::Ec(Curve::P384)) => Some(SignatureAlgorithm::Ecdsa(Sha384)),
            _ => None,
        }
    }

    /// The length of each of `r` and `s` in an ES* signature (RFC 7518 §3.4).
    fn ec_len(self) -> Option<usize> {
        match self {
            Alg::Es256 => Some(32),
            Alg::Es384 => Some(48),
            _ => None,
        }
    }
}

/// NCANode's `JwtEncodeRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JwtEncodeRequest {
    jwt: JwtRequest,
    #[serde(default)]
    key: Option<Secret>,
    #[serde(default)]
    password: Option<Secret>,
    #[serde(default)]
    key_alias: Option<String>,
    #[serde(default)]
    key_store: Option<String>,
}

/// NCANode's `JwtRequest`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtRequest {
    header: JwtHeader,
    /// The payload's text, read by [`signable_payload`]: serde_json's `Map` would keep the
    /// last of two members of one name and round a number it cannot hold, and the service
    /// would sign what the client did not send.
    payload: Box<serde_json::value::RawValue>,
}

/// NCANode's `JwtHeader`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtHeader {
    alg: String,
    #[serde(default)]
    typ: Option<String>,
}

/// NCANode's `JwtEncodeResponse`.
#[derive(Serialize)]
struct JwtEncodeResponse {
    status: u16,
    message: &'static str,
    jwt: String,
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn encode(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<JwtEncodeResponse>, Failure> {
    let request: JwtEncodeRequest = json_body(body)?;
    let alg = Alg::parse(&request.jwt.header.alg)?;
    let payload = signable_payload(request.jwt.payload.get())?;
    if request
        .jwt
        .header
        .typ
        .as_deref()
        .is_some_and(|t| t != "JWT")
    {
        return Err(Failure::bad_request("jwt.header.typ: JWT"));
    }
    let config = state.0.clone();
    judged(&state.0, move || {
        let bundle = open_key(
            &config,
            KeyRef::of(
                &request.key,
                &request.password,
                &request.key_alias,
                &request.key_store,
            ),
            "",
            &super::keys::request_kdf_budget(&config),
        )?;
        // As `/jwt/decode` judges the key: any purpose.
        super::keys::fit_to_sign(&config, &bundle, Purpose::Any, "")?;
        let signs = match (bundle.key.algorithm(), bundle.key.key_algorithm()) {
            (SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256), KeyAlgorithm::Rsa { .. }) => {
                Some(Alg::Rs256)
            }
            (SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256), KeyAlgorithm::Ec(Curve::P256)) => {
                Some(Alg::Es256)
            }
            (SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha384), KeyAlgorithm::Ec(Curve::P384)) => {
                Some(Alg::Es384)
            }
            _ => None,
        };
        match signs {
            Some(a) if a == alg => {}
            Some(a) => {
                return Err(Failure::bad_request(format!(
                    "jwt.header.alg {}: this key signs {}",
                    alg.name(),
                    a.name()
                )))
            }
            None => {
                return Err(Failure::bad_request(format!(
                    "jwt.header.alg {}: this key ({}) signs no JWT algorithm this service writes",
                    alg.name(),
                    bundle.key.key_algorithm()
                )))
            }
        }
        let header = serde_json::json!({ "alg": alg.name(), "typ": "JWT" });
        let input = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(&payload)
        );
        if input.len() > MAX_JWT_LEN {
            return Err(Failure::bad_request(format!(
                "jwt.payload: the token would exceed {MAX_JWT_LEN} characters"
            )));
        }
        let signature = bundle.key.sign(input.as_bytes())?;
        crate::cms::refuse_foreign_key(
            &bundle.certificate,
            &crate::cms::Signer::signature_algorithm(&bundle.key),
            input.as_bytes(),
            &signature,
        )?;
        let signature = match alg.ec_len() {
            Some(n) => ecdsa_der_to_fixed(&signature, n).ok_or_else(|| Failure {
                status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                message: "the ECDSA signature could not be converted".into(),
            })?,
            None => signature,
        };
        Ok(Json(JwtEncodeResponse {
            status: 200,
            message: "OK",
            jwt: format!("{input}.{}", b64url(&signature)),
        }))
    })
    .await
}

/// NCANode's `JwtDecodeRequest`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JwtDecodeRequest {
    jwt: String,
    key: String,
}

/// NCANode's `JwtDecodeResponse.jwt`.
#[derive(Serialize)]
struct DecodedJwt {
    header: Map<String, Value>,
    payload: Map<String, Value>,
}

/// NCANode's `JwtDecodeResponse` (with `valid`, as NCANode's current code answers).
#[derive(Serialize)]
struct JwtDecodeResponse {
    status: u16,
    message: String,
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    jwt: Option<DecodedJwt>,
}

/// A token read (not yet verified): its parts.
struct Token<'a> {
    /// `header.payload`, the octets signed.
    signed: &'a str,
    alg: Alg,
    header: Map<String, Value>,
    payload: Map<String, Value>,
    signature: Vec<u8>,
}

/// One part of a token: base64url without padding, canonical.
fn part(text: &str, what: &str) -> Result<Vec<u8>, Failure> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| {
            Failure::bad_request(format!("jwt: the {what} is not base64url without padding"))
        })
}

impl<'a> Token<'a> {
    /// Read a compact JWS, or a 400 naming what is wrong.
    fn read(jwt: &'a str) -> Result<Token<'a>, Failure> {
        if jwt.len() > MAX_JWT_LEN {
            return Err(Failure::bad_request(format!(
                "jwt: longer than {MAX_JWT_LEN} characters"
            )));
        }
        let mut parts = jwt.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(Failure::bad_request(
                "jwt: not a compact JWS (three base64url parts separated by dots)",
            ));
        };
        let header_bytes = part(h, "header")?;
        if header_bytes.len() > MAX_HEADER_LEN {
            return Err(Failure::bad_request(format!(
                "jwt: the header is longer than {MAX_HEADER_LEN} octets"
            )));
        }
        let header = object(&header_bytes, "jwt: the header")?;
        let alg = match header.get("alg") {
            Some(Value::String(a)) => Alg::parse(a)?,
            _ => return Err(Failure::bad_request("jwt: the header has no string alg")),
        };
        let payload_bytes = part(p, "payload")?;
        let payload = object(&payload_bytes, "jwt: the payload")?;
        // Handed out as serde_json holds it: a number it would write back as another value
        // (an integer beyond 64 bits as a rounded float) is not the number signed (review
        // 98); one it respells (`1e-05` as `1e-5`) is (review 100).
        let text = std::str::from_utf8(&payload_bytes)
            .map_err(|_| Failure::bad_request("jwt: the payload is not UTF-8"))?;
        numbers_as_written(text, "jwt: the payload", "handed out", Same::Value)?;
        let signature = part(s, "signature")?;
        if signature.len() > MAX_SIGNATURE_LEN {
            return Err(Failure::bad_request(format!(
                "jwt: the signature is longer than {MAX_SIGNATURE_LEN} octets"
            )));
        }
        Ok(Token {
            signed: &jwt[..h.len() + 1 + p.len()],
            alg,
            header,
            payload,
            signature,
        })
    }

    /// Why the token does not hold for `cert` at `now` (empty: it holds), certificate
    /// condition apart.
    fn refusals(&self, cert: &Certificate, now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
        let mut out = Vec::new();
        if self.header.contains_key("crit") {
            out.push("Заголовок JWT содержит crit: расширения не поддерживаются.".to_string());
        }
        let key = cert.public_key();
        match self.alg.for_key(key.algorithm()) {
            None => out.push(format!(
                "Алгоритм {} не соответствует ключу сертификата ({}).",
                self.alg.name(),
                key.algorithm()
            )),
            Some(algorithm) => {
                let signature = match self.alg.ec_len() {
                    Some(n) => ecdsa_fixed_to_der(&self.signature, n),
                    None => Some(self.signature.clone()),
                };
                let check = signature.map_or(SignatureCheck::Invalid, |s| {
                    crate::signature::verify(key, &algorithm, self.signed.as_bytes(), &s)
                });
                match check {
                    SignatureCheck::Valid => {}
                    SignatureCheck::Invalid => out.push(
                        "Подпись JWT не соответствует его содержимому и ключу сертификата."
                            .to_string(),
                    ),
                    SignatureCheck::Unsupported(r) => {
                        out.push(format!("Подпись JWT не может быть проверена: {r}."))
                    }
                }
            }
        }
        out.extend(claim_times(&self.payload, now));
        if let Err(r) = super::x509::signs(cert) {
            out.push(r);
        }
        out
    }
}

/// `exp`, `nbf` and `iat` at `now`, as auth0 java-jwt checks them (no leeway): expired at
/// `exp` itself, not yet valid before `nbf`, not issued after `now`. A claim that is not a
/// number (a NumericDate) does not hold.
///
/// The clock is taken with its fraction of a second, as a NumericDate may have one: cut to
/// whole seconds, at 00:00:00.900 an `exp` of 00:00:00.5, passed 0.4 s ago, would still
/// hold. (java-jwt cuts both the claim and the clock, and so also calls that token
/// expired; a fraction the claim has is kept here, as it is what the issuer wrote.)
fn claim_times(payload: &Map<String, Value>, now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let now = now.timestamp() as f64 + f64::from(now.timestamp_subsec_nanos()) / 1e9;
    let mut out = Vec::new();
    for (claim, fails, says) in [
        (
            "exp",
            (|t, now| now >= t) as fn(f64, f64) -> bool,
            "срок действия JWT истёк (exp)",
        ),
        ("nbf", |t, now| now < t, "JWT ещё не действует (nbf)"),
        ("iat", |t, now| now < t, "JWT выпущен в будущем (iat)"),
    ] {
        match payload.get(claim) {
            None => {}
            Some(Value::Number(n)) => match n.as_f64() {
                Some(t) if !fails(t, now) => {}
                _ => out.push(format!("{}.", capitalised(says))),
            },
            Some(_) => out.push(format!(
                "Поле {claim} JWT не является числом (NumericDate)."
            )),
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

async fn decode(
    state: State,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<JwtDecodeResponse>, Failure> {
    let request: JwtDecodeRequest = json_body(body)?;
    let config = state.0.clone();
    judged(&state.0, move || {
        let token = Token::read(&request.jwt)?;
        let cert = Certificate::from_input(&base64_field(&request.key, "key")?)?;
        let now = (config.clock)();
        let expect = Expectation::at(now).purpose(Purpose::Any);
        // A token that does not hold settles the answer: no OCSP responder is asked about
        // its certificate (a client cannot make the service ask for nothing), as on
        // `/x509/verify`.
        let refusals = token.refusals(&cert, now);
        let without;
        let judged_by: &ServerConfig = if refusals.is_empty() {
            &config
        } else {
            without = config.without_ocsp();
            &without
        };
        let info = certificates_info(judged_by, std::slice::from_ref(&cert), &expect);
        let info = if refusals.is_empty() {
            info
        } else {
            info.refused(&refusals.join(" "))
        };
        let (valid, message) = info.verdict();
        let jwt = valid.then(|| {
            let mut header = Map::new();
            header.insert("alg".into(), Value::String(token.alg.name().into()));
            // NCANode's header is `alg` and `typ`, strings.
            if let Some(typ @ Value::String(_)) = token.header.get("typ") {
                header.insert("typ".into(), typ.clone());
            }
            DecodedJwt {
                header,
                payload: token.payload,
            }
        });
        Ok(Json(JwtDecodeResponse {
            status: 200,
            message,
            valid,
            jwt,
        }))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecdsa_conversions_round_trip_and_refuse_the_wrong_size() {
        let mut fixed = vec![0u8; 64];
        fixed[31] = 1; // r = 1
        fixed[32] = 0x80; // s with its high bit set
        let der = ecdsa_fixed_to_der(&fixed, 32).unwrap();
        assert_eq!(ecdsa_der_to_fixed(&der, 32).unwrap(), fixed);
        assert!(ecdsa_fixed_to_der(&fixed[..63], 32).is_none());
        assert!(ecdsa_fixed_to_der(&[], 32).is_none());
        assert!(ecdsa_der_to_fixed(&der, 16).is_none());
        assert!(ecdsa_der_to_fixed(b"\x30\x00", 32).is_none());
    }

    #[test]
    fn strict_json_refuses_repeated_members_at_any_depth() {
        assert!(object(br#"{"alg":"RS256","typ":"JWT"}"#, "header").is_ok());
        for bad in [
            &br#"{"alg":"RS256","alg":"none"}"#[..],
            br#"{"a":{"b":1,"b":2}}"#,
            br#"[1]"#,
            br#"{"a":1} x"#,
            br#"{"a":1e400}"#,
            b"",
        ] {
            assert!(
                object(bad, "header").is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn the_payload_signed_is_the_one_sent_or_refused() {
        for (sent, signed) in [
            (r#"{"b": 1, "a": "x"}"#, r#"{"a":"x","b":1}"#),
            (
                r#"{"n": [-5, 0, 18446744073709551615, -9223372036854775808]}"#,
                r#"{"n":[-5,0,18446744073709551615,-9223372036854775808]}"#,
            ),
            (
                r#"{"f": [1.5, 0.1, 1.0, -0.0, 1e+30, 2.5e-10]}"#,
                r#"{"f":[1.5,0.1,1.0,-0.0,1e+30,2.5e-10]}"#,
            ),
            // Digits, `e` and `-` inside strings are not numbers; escaped quotes do not
            // end a string.
            (
                r#"{"s": "1.50 \" 1e3 -0", "t": "\\", "u": 7}"#,
                r#"{"s":"1.50 \" 1e3 -0","t":"\\","u":7}"#,
            ),
        ] {
            let out = signable_payload(sent).unwrap_or_else(|e| panic!("{sent}: {}", e.message));
            assert_eq!(String::from_utf8(out).unwrap(), signed, "{sent}");
        }
        for sent in [
            r#"{"sub": "alice", "sub": "mallory"}"#,
            r#"{"a": {"b": 1, "b": 2}}"#,
            r#"{"doc": 123456789012345678901234567890}"#,
            r#"{"doc": 18446744073709551616}"#,
            r#"{"doc": -9223372036854775809}"#,
            r#"{"f": 1.50}"#,
            r#"{"f": 1e3}"#,
            r#"{"f": 1E30}"#,
            r#"{"f": 1e30}"#,
            // serde_json reads this as 9.999999999999999e+29 (its default float reading is
            // not correctly rounded): the text, not the value, is compared.
            r#"{"f": 1.0e30}"#,
            r#"{"f": -0}"#,
            r#"{"f": 0.1000000000000000000001}"#,
            r#"{"a": [1, {"f": 2.50}]}"#,
            r#"[1]"#,
        ] {
            let e = signable_payload(sent)
                .err()
                .unwrap_or_else(|| panic!("{sent}"));
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST, "{sent}");
            assert!(e.message.starts_with("jwt.payload"), "{}", e.message);
        }
    }

    #[test]
    fn claim_times_count_the_fraction_of_a_second() {
        let now: chrono::DateTime<chrono::Utc> = "2026-11-23T00:00:00.900Z".parse().unwrap();
        let t = now.timestamp() as f64;
        let claims = |v: Value| v.as_object().unwrap().clone();
        assert_eq!(
            claim_times(&claims(serde_json::json!({"exp": t + 0.5})), now).len(),
            1
        );
        assert!(claim_times(&claims(serde_json::json!({"exp": t + 0.95})), now).is_empty());
        assert_eq!(
            claim_times(&claims(serde_json::json!({"nbf": t + 0.95})), now).len(),
            1
        );
        assert!(claim_times(
            &claims(serde_json::json!({"nbf": t + 0.5, "iat": t + 0.5})),
            now
        )
        .is_empty());
    }

    #[test]
    fn claim_times_as_java_jwt() {
        let now: chrono::DateTime<chrono::Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
        let t = now.timestamp();
        let claims = |v: Value| v.as_object().unwrap().clone();
        assert!(claim_times(
            &claims(serde_json::json!({"exp": t + 1, "nbf": t, "iat": t})),
            now
        )
        .is_empty());
        assert_eq!(
            claim_times(&claims(serde_json::json!({"exp": t})), now).len(),
            1
        );
        assert_eq!(
            claim_times(&claims(serde_json::json!({"nbf": t + 1})), now).len(),
            1
        );
        assert_eq!(
            claim_times(&claims(serde_json::json!({"iat": t + 1})), now).len(),
            1
        );
        assert_eq!(
            claim_times(&claims(serde_json::json!({"exp": "tomorrow"})), now).len(),
            1
        );
    }
}
