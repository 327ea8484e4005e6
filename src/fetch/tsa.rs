//! The time-stamp client (RFC 3161): a request with the digest, a fresh nonce, certReq
//! and, when asked for, a policy (reqPolicy), POSTed to the TSA; the token taken only when
//! it is granted, time-stamps that digest with that hash, echoes the nonce, and is issued
//! under the policy asked for. [`TsaClient::timestamp_cms`] makes a CMS
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

    /// A token from the TSA at `url` time-stamping `digest`, made with `hash`, under
    /// `policy` (a dotted OID, such as [`NCA_TSA_POLICY_GOST2015`]) when given, else the
    /// TSA's default policy.
    pub fn timestamp(
        &self,
        url: &str,
        hash: HashAlgorithm,
        digest: &[u8],
        policy: Option<&str>,
    ) -> Result<TimeStampToken, FetchError> {
        if let Some(policy) = policy.filter(|p| !is_dotted_oid(p)) {
            return Err(FetchError::Url(format!(
                "the TSA policy {policy:?} is not a dotted OID"
            )));
        }
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
        let request = request(hash, digest, policy, &nonce);
        let bytes = self
            .http
            .post(url, "application/timestamp-query", &request)?;
        answer(&bytes, hash, digest, policy, &nonce)
    }

    /// `cms` (DER or BER) with a token from the TSA at `url` added to every SignerInfo
    /// that carries none (CAdES-T), each time-stamping that signer's signature value with
    /// the signer's own digest algorithm (SHA-256 when that is SHA-1 or unknown), under
    /// `policy` when given. Signers already time-stamped are left as they are.
    pub fn timestamp_cms(
        &self,
        url: &str,
        cms: &[u8],
        policy: Option<&str>,
    ) -> Result<Vec<u8>, FetchError> {
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
            let token = self.timestamp(url, hash, &digest, policy)?;
            out = signed
                .add_timestamp_token(index, token.der())
                .map_err(unreadable)?;
        }
        Ok(out)
    }
}

/// The NCA TSA's policy for GOST R 34.10-2015 signers (NCANode's `TSA_GOST2015_POLICY`,
/// its default), as found in the NCA's tokens and the clients that ask for it.
pub const NCA_TSA_POLICY_GOST2015: &str = "1.2.398.3.3.2.6.4";
/// The NCA TSA's policy of GOST 34.310-2004 tokens (NCANode's `TSA_GOST_POLICY`): the
/// policy of the NCA's GOST R 34.11-94 tokens.
pub const NCA_TSA_POLICY_GOST2004: &str = "1.2.398.3.3.2.6.1";

/// Is `s` a dotted OID as written canonically: at least two arcs of decimal digits (no
/// sign, no empty arc, no leading zero), the first 0, 1 or 2, the second under 40 below 2,
/// each arc and the first two combined within 64 bits? (A token's policy is compared as
/// text: `...6.04` would be sent as `...6.4` and the answer refused.)
fn is_dotted_oid(s: &str) -> bool {
    let arcs: Vec<Option<u64>> = s
        .split('.')
        .map(|a| {
            let canonical = a == "0" || !a.starts_with('0');
            (canonical && a.bytes().all(|b| b.is_ascii_digit()))
                .then(|| a.parse().ok())
                .flatten()
        })
        .collect();
    match arcs.as_slice() {
        [Some(first), Some(second), rest @ ..] => {
            *first <= 2
                && (*first == 2 || *second < 40)
                && first
                    .checked_mul(40)
                    .and_then(|f| f.checked_add(*second))
                    .is_some()
                && rest.iter().all(Option::is_some)
        }
        _ => false,
    }
}

/// A DER TimeStampReq: v1, the imprint, the policy when given, the nonce, certReq TRUE.
pub(crate) fn request(
    hash: HashAlgorithm,
    digest: &[u8],
    policy: Option<&str>,
    nonce: &[u8],
) -> Vec<u8> {
    let policy = policy.map(write::oid).unwrap_or_default();
    write::sequence(&[
        &write::small_integer(1),
        &write::sequence(&[
            &write::sequence(&[&write::oid(hash.oid()), &[0x05, 0x00]]),
            &write::octet_string(digest),
        ]),
        &policy,
        &write::der(0x02, nonce),
        &[0x01, 0x01, 0xFF],
    ])
}

/// The TSA's `bytes` as the answer to the request for `digest` with `nonce`.
fn answer(
    bytes: &[u8],
    hash: HashAlgorithm,
    digest: &[u8],
    policy: Option<&str>,
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
    if let Some(policy) = policy.filter(|p| *p != info.policy()) {
        return Err(FetchError::Refused(format!(
            "the token is issued under the policy {}, not {policy} as asked",
            info.policy()
        )));
    }
    Ok(token)
}

#[cfg(test)]
mod tests;
