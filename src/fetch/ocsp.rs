//! The OCSP client (RFC 6960): a request with a SHA-256 CertID and a fresh nonce, POSTed
//! to the responder; the answer taken only when it is a successful response that speaks
//! of that certificate and echoes the nonce; answers whose signer is proven kept while
//! they are fresh.
//!
//! What comes back is an [`OcspResponse`] to give the verifier
//! ([`VerifierBuilder::ocsp`](crate::VerifierBuilder::ocsp)), which proves its signer and
//! judges its freshness as for any response: the client's checks are about this exchange
//! (the right certificate, not a replay), not about trust.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use ring::rand::SecureRandom as _;

use super::http::{Bounds, Http};
use super::{FetchConfig, FetchError};
use crate::ber::write;
use crate::certificate::{serial_key, Certificate};
use crate::revocation::ocsp::{limits, OcspPolicy, OcspResponse, ResponseStatus};
use crate::signature::HashAlgorithm;

/// Most responses kept.
const MAX_CACHED: usize = 10_000;

/// How long a response without nextUpdate is kept.
const KEPT_WITHOUT_NEXT_UPDATE: Duration = Duration::minutes(5);

/// Responses kept: (SHA-256 of the issuer's key, serial) -> (response, kept until).
type Kept = HashMap<(Vec<u8>, Vec<u8>), (OcspResponse, DateTime<Utc>)>;

/// An OCSP client with a cache of fresh answers.
pub struct OcspClient {
    http: Http,
    cache: Mutex<Kept>,
}

impl std::fmt::Debug for OcspClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcspClient").finish_non_exhaustive()
    }
}

impl OcspClient {
    /// A client with `config`'s time and redirect bounds (and the OCSP size bound).
    pub fn new(config: &FetchConfig) -> OcspClient {
        OcspClient {
            http: Http::new(Bounds {
                timeout: config.timeout,
                max_redirects: config.max_redirects,
                max_body: limits::MAX_RESPONSE_LEN as u64,
            }),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The status of `cert` (issued by `issuer`) from the responder at `url`, or the
    /// answer kept from earlier while it is fresh at `now`.
    pub fn status(
        &self,
        url: &str,
        cert: &Certificate,
        issuer: &Certificate,
        now: DateTime<Utc>,
    ) -> Result<OcspResponse, FetchError> {
        let key = (
            HashAlgorithm::Sha256.digest(issuer.public_key().key_bytes()),
            serial_key(cert.serial()).to_vec(),
        );
        if let Some((response, _)) = self
            .cache
            .lock()
            .ok()
            .and_then(|m| m.get(&key).filter(|(_, until)| now < *until).cloned())
        {
            return Ok(response);
        }
        let nonce = fresh_nonce()?;
        let request = request(cert, issuer, &nonce);
        let bytes = self.http.post(url, "application/ocsp-request", &request)?;
        let response = answer(&bytes, cert, &nonce)?;
        // Kept until the earliest nextUpdate of what the response says of this certificate
        // (a few minutes for a status without one): another serial's later nextUpdate
        // does not keep this one's answer (review 99: kept a year, past the verifier's
        // acceptance, and the responder never asked again).
        let briefly = now
            .checked_add_signed(KEPT_WITHOUT_NEXT_UPDATE)
            .unwrap_or(now);
        let serial = serial_key(cert.serial());
        let until = response
            .responses()
            .iter()
            .filter(|s| serial_key(&s.cert_id.serial) == serial)
            .map(|s| s.next_update.unwrap_or(briefly))
            .min()
            .unwrap_or(briefly);
        // Kept only when its signer is proven (the issuer, or a responder it delegated):
        // an answer forged on the way, echoing the nonce, would otherwise stand for
        // every later question until a nextUpdate of the forger's choosing.
        let proven = response
            .check_certificate(issuer, cert, now, &OcspPolicy::default())
            .responder
            .is_some();
        if proven {
            if let Ok(mut m) = self.cache.lock() {
                m.retain(|_, (_, u)| now < *u);
                if m.len() < MAX_CACHED {
                    m.insert(key, (response.clone(), until));
                }
            }
        }
        Ok(response)
    }
}

/// 16 random octets.
fn fresh_nonce() -> Result<[u8; 16], FetchError> {
    let mut nonce = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut nonce)
        .map_err(|_| FetchError::Connection("no randomness for the nonce".into()))?;
    Ok(nonce)
}

/// The nonce extension's extnValue: an OCTET STRING holding the nonce (RFC 8954).
fn nonce_value(nonce: &[u8]) -> Vec<u8> {
    write::octet_string(nonce)
}

/// A DER OCSPRequest for `cert`: one Request with a SHA-256 CertID, and the nonce as a
/// requestExtension; unsigned.
pub(crate) fn request(cert: &Certificate, issuer: &Certificate, nonce: &[u8]) -> Vec<u8> {
    let h = HashAlgorithm::Sha256;
    let cert_id = write::sequence(&[
        &write::sequence(&[&write::oid(h.oid()), &[0x05, 0x00]]),
        &write::octet_string(&h.digest(issuer.subject().der())),
        &write::octet_string(&h.digest(issuer.public_key().key_bytes())),
        &write::der(0x02, cert.serial()),
    ]);
    let one_request = write::sequence(&[&cert_id]);
    let extension = write::sequence(&[
        &write::oid(crate::revocation::ocsp::OID_NONCE),
        &write::octet_string(&nonce_value(nonce)),
    ]);
    let tbs = write::sequence(&[
        &write::sequence(&[&one_request]),
        // requestExtensions [2] EXPLICIT Extensions.
        &write::der(0xA2, &write::sequence(&[&extension])),
    ]);
    write::sequence(&[&tbs])
}

/// The responder's `bytes` as the answer to the request about `cert` with `nonce`.
fn answer(bytes: &[u8], cert: &Certificate, nonce: &[u8]) -> Result<OcspResponse, FetchError> {
    let response =
        OcspResponse::from_der(bytes).map_err(|e| FetchError::Unreadable(e.to_string()))?;
    if response.status() != ResponseStatus::Successful {
        return Err(FetchError::Refused(format!(
            "the responder answered {:?}",
            response.status()
        )));
    }
    if response.nonce() != Some(nonce_value(nonce).as_slice()) {
        return Err(FetchError::Refused(
            "the response does not echo the request's nonce (a replayed or cached answer)".into(),
        ));
    }
    let serial = serial_key(cert.serial());
    if !response
        .responses()
        .iter()
        .any(|s| serial_key(&s.cert_id.serial) == serial)
    {
        return Err(FetchError::Refused(
            "the response does not speak of this certificate".into(),
        ));
    }
    Ok(response)
}

#[cfg(test)]
mod tests;
