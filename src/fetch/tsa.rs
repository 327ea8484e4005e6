//! The time-stamp client (RFC 3161): a request with the digest, a fresh nonce, certReq
//! and, when asked for, a policy (reqPolicy), POSTed to the TSA; the token taken only when
//! it is granted, time-stamps that digest with that hash, echoes the nonce, and is issued
//! under the policy asked for. [`TsaClient::timestamp_cms`] makes a CMS
//! CAdES-T by adding the token of each signer's signature value.
//!
//! The token must also hold by itself: its CMS signature over its signed attributes and
//! TSTInfo verifies with the key of the certificate it carries (certReq is sent), which
//! its ESS signingCertificate(V2) attribute binds. The TSA is reached over plain http:
//! an answer altered on the way keeps the nonce and the imprint but not the signature,
//! and such a token embedded would make the signer invalid. Whether the TSA's
//! certificate is to be trusted (its path, validity, revocation) is judged where the CMS
//! is verified ([`TimeStampToken::verify`](crate::tsp::TimeStampToken::verify)), like any
//! token: the client's checks are about this exchange and the token's integrity, not
//! about trust in the TSA.

use ring::rand::SecureRandom as _;

use super::http::{Bounds, Http};
use super::{FetchConfig, FetchError};
use crate::ber::write;
use crate::cms::{SignedData, SignerInfo};
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
    /// `policy` when given. Signers already time-stamped are left as they are. An error
    /// when any token is refused: nothing half-stamped is returned.
    pub fn timestamp_cms(
        &self,
        url: &str,
        cms: &[u8],
        policy: Option<&str>,
    ) -> Result<Vec<u8>, FetchError> {
        self.stamp(url, cms, policy, None)
    }

    /// As [`TsaClient::timestamp_cms`], only the SignerInfos whose signature value is one
    /// of `signatures` (those without a token): the signers a caller has just added to a
    /// CMS it was given, the others left as they came (a service stamping a client's CMS
    /// would otherwise lend its TSA access to signatures it never made, one question per
    /// signer the client brings). A value that no SignerInfo of `cms` carries is an error
    /// (the signer asked for would otherwise silently stay without a token).
    pub fn timestamp_signers(
        &self,
        url: &str,
        cms: &[u8],
        policy: Option<&str>,
        signatures: &[&[u8]],
    ) -> Result<Vec<u8>, FetchError> {
        self.stamp(url, cms, policy, Some(signatures))
    }

    /// The signers of `cms` without a token (those whose signature value is in `only`,
    /// when given) time-stamped: one question per distinct signature value, the token
    /// added to every such signer. Signers are found by their signature value, never by
    /// position: each token re-encodes the SignedData, whose SignerInfos DER sorts (SET
    /// OF), so a stamped signer moves among the others.
    fn stamp(
        &self,
        url: &str,
        cms: &[u8],
        policy: Option<&str>,
        only: Option<&[&[u8]]>,
    ) -> Result<Vec<u8>, FetchError> {
        let unreadable = |e: crate::Error| FetchError::Unreadable(e.to_string());
        let signed = SignedData::from_ber(cms).map_err(unreadable)?;
        let asked = |s: &SignerInfo| only.is_none_or(|o| o.contains(&s.signature()));
        if let Some(only) = only {
            if let Some(k) = only
                .iter()
                .position(|v| !signed.signers().iter().any(|s| s.signature() == *v))
            {
                return Err(FetchError::Url(format!(
                    "signature value #{k} asked to be time-stamped is no SignerInfo's of the CMS"
                )));
            }
        }
        // Each signature value to stamp, once, with its signer's hash.
        let mut wanted: Vec<(Vec<u8>, HashAlgorithm)> = Vec::new();
        for s in signed.signers() {
            if asked(s)
                && !time_stamped(s)
                && !wanted.iter().any(|(v, _)| v.as_slice() == s.signature())
            {
                let hash = HashAlgorithm::from_oid(&s.digest_algorithm().oid)
                    .filter(|h| *h != HashAlgorithm::Sha1)
                    .unwrap_or(HashAlgorithm::Sha256);
                wanted.push((s.signature().to_vec(), hash));
            }
        }
        let signers = signed.signers().len();
        let mut out = cms.to_vec();
        for (value, hash) in &wanted {
            let token = self.timestamp(url, *hash, &hash.digest(value), policy)?;
            // Every signer with this value and no token yet, wherever the last
            // re-encoding put it (at most one per signer).
            for _ in 0..signers {
                let signed = SignedData::from_ber(&out).map_err(unreadable)?;
                let Some(index) = signed
                    .signers()
                    .iter()
                    .position(|s| s.signature() == value.as_slice() && !time_stamped(s))
                else {
                    break;
                };
                out = signed
                    .add_timestamp_token(index, token.der())
                    .map_err(unreadable)?;
            }
        }
        // What was asked for is done: no signer asked for is left without a token.
        let signed = SignedData::from_ber(&out).map_err(unreadable)?;
        let left = signed
            .signers()
            .iter()
            .filter(|s| asked(s) && !time_stamped(s))
            .count();
        if left > 0 {
            return Err(FetchError::Unreadable(format!(
                "{left} SignerInfo(s) asked to be time-stamped were left without a token"
            )));
        }
        Ok(out)
    }
}

/// Does the SignerInfo carry a signature time-stamp token attribute already?
fn time_stamped(s: &SignerInfo) -> bool {
    s.unsigned_attributes()
        .iter()
        .any(|a| a.oid == crate::oid::ATTR_TIME_STAMP_TOKEN)
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
    // The exchange is this one; the token must also hold by itself: an answer altered on
    // the way (plain http) keeps the nonce and the imprint and breaks the signature, and
    // a broken token embedded makes its signer invalid. Trust in the TSA is not judged
    // here (see the module).
    token.check_integrity().map_err(|why| {
        FetchError::Refused(format!(
            "the token's signature does not hold with the TSA certificate it carries: {why}"
        ))
    })?;
    Ok(token)
}

#[cfg(test)]
mod tests;
