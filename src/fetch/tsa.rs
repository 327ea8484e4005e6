//! The time-stamp client (RFC 3161): a request with the digest, a fresh nonce and
//! certReq, POSTed to the TSA; the token taken only when it is granted, time-stamps that
//! digest with that hash, and echoes the nonce. [`TsaClient::timestamp_cms`] makes a CMS
//! CAdES-T by adding the token of each signer's signature value.
//!
//! The token's own signature and its TSA's certificate are judged where the CMS is
//! verified ([`TimeStampToken::verify`](crate::tsp::TimeStampToken::verify)), like any
//! token: the client's checks are about this exchange, not about trust in the TSA.

use ring::rand::SecureRandom as _;

use super::http::{Bounds, Http};
use super::{FetchConfig, FetchError};
use crate::ber::write;
use crate::cms::SignedData;
use crate::signature::HashAlgorithm;
use crate::tsp::{limits, TimeStampResponse, TimeStampToken};

/// A TSA client.
pub struct TsaClient {
    http: Http,
}

impl std::fmt::Debug for TsaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TsaClient").finish_non_exhaustive()
    }
}

impl TsaClient {
    /// A client with `config`'s time and redirect bounds (and the token size bound).
    pub fn new(config: &FetchConfig) -> TsaClient {
        TsaClient {
            http: Http::new(Bounds {
                timeout: config.timeout,
                max_redirects: config.max_redirects,
                max_body: limits::MAX_TOKEN_LEN as u64,
            }),
        }
    }

    /// A token from the TSA at `url` time-stamping `digest`, made with `hash`.
    pub fn timestamp(
        &self,
        url: &str,
        hash: HashAlgorithm,
        digest: &[u8],
    ) -> Result<TimeStampToken, FetchError> {
        if digest.len() != hash.output_len() {
            return Err(FetchError::Url(format!(
                "a {} digest is {} octets, not {}",
                hash.name(),
                hash.output_len(),
                digest.len()
            )));
        }
        let mut nonce = [0u8; 16];
        ring::rand::SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| FetchError::Connection("no randomness for the nonce".into()))?;
        // A positive INTEGER: the high bit clear, and no leading zero octet.
        nonce[0] = (nonce[0] & 0x7F) | 0x01;
        let request = request(hash, digest, &nonce);
        let bytes = self
            .http
            .post(url, "application/timestamp-query", &request)?;
        answer(&bytes, hash, digest, &nonce)
    }

    /// `cms` (DER or BER) with a token from the TSA at `url` added to every SignerInfo
    /// that carries none (CAdES-T), each time-stamping that signer's signature value with
    /// the signer's own digest algorithm (SHA-256 when that is SHA-1 or unknown). Signers
    /// already time-stamped are left as they are.
    pub fn timestamp_cms(&self, url: &str, cms: &[u8]) -> Result<Vec<u8>, FetchError> {
        let unreadable = |e: crate::Error| FetchError::Unreadable(e.to_string());
        let mut out = cms.to_vec();
        let count = SignedData::from_ber(cms)
            .map_err(unreadable)?
            .signers()
            .len();
        for index in 0..count {
            let signed = SignedData::from_ber(&out).map_err(unreadable)?;
            let Some(signer) = signed.signers().get(index) else {
                break;
            };
            if signer
                .unsigned_attributes()
                .iter()
                .any(|a| a.oid == crate::oid::ATTR_TIME_STAMP_TOKEN)
            {
                continue;
            }
            let hash = HashAlgorithm::from_oid(&signer.digest_algorithm().oid)
                .filter(|h| *h != HashAlgorithm::Sha1)
                .unwrap_or(HashAlgorithm::Sha256);
            let digest = hash.digest(signer.signature());
            let token = self.timestamp(url, hash, &digest)?;
            out = signed
                .add_timestamp_token(index, token.der())
                .map_err(unreadable)?;
        }
        Ok(out)
    }
}

/// A DER TimeStampReq: v1, the imprint, the nonce, certReq TRUE.
pub(crate) fn request(hash: HashAlgorithm, digest: &[u8], nonce: &[u8]) -> Vec<u8> {
    write::sequence(&[
        &write::small_integer(1),
        &write::sequence(&[
            &write::sequence(&[&write::oid(hash.oid()), &[0x05, 0x00]]),
            &write::octet_string(digest),
        ]),
        &write::der(0x02, nonce),
        &[0x01, 0x01, 0xFF],
    ])
}

/// The TSA's `bytes` as the answer to the request for `digest` with `nonce`.
fn answer(
    bytes: &[u8],
    hash: HashAlgorithm,
    digest: &[u8],
    nonce: &[u8],
) -> Result<TimeStampToken, FetchError> {
    let response =
        TimeStampResponse::from_ber(bytes).map_err(|e| FetchError::Unreadable(e.to_string()))?;
    let status = response.status().clone();
    let Some(token) = response.into_token().filter(|_| status.status.is_granted()) else {
        return Err(FetchError::Refused(format!(
            "the TSA answered {} {:?} {:?}",
            status.status.as_str(),
            status.status_string,
            status.fail_info
        )));
    };
    let info = token.tst_info();
    if info.nonce() != Some(nonce) {
        return Err(FetchError::Refused(
            "the token does not echo the request's nonce (a replayed token)".into(),
        ));
    }
    let imprint = info.message_imprint();
    if imprint.hash() != Ok(hash) || imprint.hashed_message() != digest {
        return Err(FetchError::Refused(
            "the token time-stamps another digest than the one asked for".into(),
        ));
    }
    Ok(token)
}

#[cfg(test)]
mod tests;
