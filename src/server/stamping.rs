//! The time-stamp tokens a signing route's `withTsp` asks for: the TSA the service was
//! configured with, the policy `tsaPolicy` names, a token on each signer this request
//! added (never the client's own), and each token held against the service's own verifier
//! before the answer carries it (see the `signing` module's differences from NCANode).

use std::sync::Arc;

use super::{Failure, ServerConfig};
use crate::cms::SignedData;
use crate::tsp::{Imprinted, TimeStampToken};
use crate::verdict::{Judged as _, Overall};

/// A time-stamp authority that failed or answered what is not this exchange: a 502.
pub(super) fn tsa_failed(reason: impl std::fmt::Display) -> Failure {
    Failure {
        status: axum::http::StatusCode::BAD_GATEWAY,
        message: format!("the time-stamp authority: {reason}"),
    }
}

/// The TSA a request with `withTsp` asks, and the policy it asks for.
pub(super) struct Tsa {
    source: Arc<(String, crate::fetch::TsaClient)>,
    policy: Option<&'static str>,
}

impl Tsa {
    /// `cms` with a token on each signer that has none.
    pub(super) fn stamp(&self, cms: &[u8]) -> Result<Vec<u8>, crate::fetch::FetchError> {
        let (url, client) = &*self.source;
        client.timestamp_cms(url, cms, self.policy)
    }

    /// `cms` with a token on the signers whose signature value is one of `signatures`.
    fn stamp_signers(
        &self,
        cms: &[u8],
        signatures: &[&[u8]],
    ) -> Result<Vec<u8>, crate::fetch::FetchError> {
        let (url, client) = &*self.source;
        client.timestamp_signers(url, cms, self.policy, signatures)
    }
}

/// The TSA a request with `withTsp` uses, asked for the policy `tsaPolicy` names (the
/// TSA's default without one): 400 when none is configured, or for a policy whose OID is
/// not established. Without `withTsp`, `tsaPolicy` is ignored, as NCANode ignores it.
pub(super) fn tsa_for(
    config: &ServerConfig,
    with_tsp: bool,
    tsa_policy: Option<&str>,
) -> Result<Option<Tsa>, Failure> {
    // Without withTsp the policy is not used, and not looked at (NCANode's clients may
    // send one always).
    if !with_tsp {
        return Ok(None);
    }
    let policy = match tsa_policy {
        None => None,
        Some("TSA_GOST2015_POLICY") => Some(crate::fetch::NCA_TSA_POLICY_GOST2015),
        Some("TSA_GOST_POLICY") => Some(crate::fetch::NCA_TSA_POLICY_GOST2004),
        Some("TSA_GOSTGT_POLICY") => {
            return Err(Failure::bad_request(
                "tsaPolicy TSA_GOSTGT_POLICY: its OID is not established; leave tsaPolicy out for the TSA's default policy",
            ))
        }
        // The client's own text is not repeated.
        Some(_) => {
            return Err(Failure::bad_request(
                "tsaPolicy: one of TSA_GOST2015_POLICY, TSA_GOST_POLICY (or none: the TSA's default)",
            ))
        }
    };
    let source = config.tsa.clone().ok_or_else(|| {
        Failure::bad_request("withTsp: no time-stamp authority is configured (--tsa-url)")
    })?;
    Ok(Some(Tsa { source, policy }))
}

/// `cms` with a token on each signer that has none, when `tsa` is given.
pub(super) fn time_stamped(
    config: &ServerConfig,
    cms: Vec<u8>,
    tsa: Option<&Tsa>,
) -> Result<Vec<u8>, Failure> {
    match tsa {
        Some(tsa) => {
            let stamped = tsa.stamp(&cms).map_err(tsa_failed)?;
            tokens_hold(config, &stamped, None).map_err(tsa_failed)?;
            Ok(stamped)
        }
        None => Ok(cms),
    }
}

/// Whether the time-stamp tokens on the signers of `cms` (those whose signature value is
/// one of `only`, when given: the signers this request added) hold for the service itself:
/// a token whose own signature holds (the TSA client checks that) but whose TSA the
/// service's verifier refuses (an expired or revoked TSA certificate, one not for
/// time-stamping) would make the signer invalid on the service's own `/cms/verify`, a
/// failing signature handed out without a word (review 30). What the service cannot prove
/// (a TSA of a PKI it does not hold) does not stop it, as for keys (`keys::fit_to_sign`).
/// Why not, when not.
pub(super) fn tokens_hold(
    config: &ServerConfig,
    cms: &[u8],
    only: Option<&[&[u8]]>,
) -> Result<(), String> {
    let signed = SignedData::from_input(cms).map_err(|e| e.to_string())?;
    let verifier = config.verifier();
    let now = (config.clock)();
    for s in signed.signers() {
        if only.is_some_and(|o| !o.contains(&s.signature())) {
            continue;
        }
        let tokens = s
            .unsigned_attributes()
            .iter()
            .filter(|a| a.oid == crate::oid::ATTR_TIME_STAMP_TOKEN)
            .flat_map(|a| a.values.iter());
        for value in tokens {
            let token = TimeStampToken::from_ber(value).map_err(|e| e.to_string())?;
            let verdict = token.verify_with(
                Imprinted::Data(s.signature()),
                &verifier,
                now,
                signed.certificates(),
            );
            if verdict.overall() == Overall::Invalid {
                return Err(format!(
                    "the TSA's token does not hold: {}",
                    verdict.refusal().map(|r| r.ru()).unwrap_or_default()
                ));
            }
        }
    }
    Ok(())
}

/// `cms` with a token on each signer this request added, when `tsa` is given: the
/// SignerInfos whose signature values `carried` (those of the client's CMS) does not
/// account for. The client's own signers are left as they came: stamping them would ask
/// the service's TSA (the NCA's serves registered clients) once per signer the client
/// brings, over signature values of its choosing.
pub(super) fn time_stamped_added(
    config: &ServerConfig,
    cms: Vec<u8>,
    carried: &[Vec<u8>],
    tsa: Option<&Tsa>,
) -> Result<Vec<u8>, Failure> {
    let Some(tsa) = tsa else {
        return Ok(cms);
    };
    let signed = SignedData::from_input(&cms)?;
    // Counted: a value the client's CMS carries once and the result twice (a deterministic
    // signature made again over the same attributes) is one added signer.
    let mut unaccounted: Vec<&[u8]> = carried.iter().map(Vec::as_slice).collect();
    let mut added: Vec<&[u8]> = Vec::new();
    for s in signed.signers() {
        match unaccounted.iter().position(|v| *v == s.signature()) {
            Some(k) => {
                unaccounted.swap_remove(k);
            }
            None => added.push(s.signature()),
        }
    }
    let stamped = tsa.stamp_signers(&cms, &added).map_err(tsa_failed)?;
    tokens_hold(config, &stamped, Some(&added)).map_err(tsa_failed)?;
    Ok(stamped)
}
