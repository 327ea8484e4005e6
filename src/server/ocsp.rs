//! OCSP in the service (`--ocsp-url`, [`ServerConfig::ocsp`]): when the CRLs leave a
//! certificate's status unknown, the responder is asked, and the request is judged again
//! with its answer. Every route that judges a signature or a certificate goes through
//! [`ServerConfig::judge_with_ocsp`], so none of them can forget it.
//!
//! Only certificates whose path to a configured anchor verifies are asked about, at the
//! responder configured or else the one their authorityInfoAccess names (a URL a CA signed
//! in, never one a client made up). At most four a request. The answer is judged by the
//! verifier as any OCSP response: its signer proven, its freshness checked; the client
//! checks the nonce and that it speaks of the certificate, and keeps fresh answers. A
//! responder that fails leaves the verdict as the CRLs made it (status unknown, never
//! valid). The questions are asked on the judging thread: none is put once half the
//! request's time bound has passed, and each is bounded by its own (`--ocsp-url`'s
//! client: 10 s).
//! A responder that cannot be reached (no connection, no answer in time, a 5xx) is not
//! asked again for [`REST`]: one slow responder costs one request its time bound, not
//! every request the judging threads it would hold.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::ServerConfig;
use crate::condition::Verifier;
use crate::fetch::{FetchError, Locations, OcspClient};
use crate::verdict::{CertificateVerdicts, CheckName, Judged as _, Outcome, Verdict};

/// Most certificates of one request asked about.
const MAX_ASKED: usize = 4;

/// How long a responder that could not be reached is left alone (by the service's clock).
pub(super) const REST: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// Most responders remembered as resting (the oldest rest is forgotten first).
const MAX_RESTING: usize = 64;

/// The OCSP client of a service and its configured responder.
pub(super) struct OcspSource {
    pub(super) client: OcspClient,
    /// Asked for every certificate; `None`: each certificate's own (authorityInfoAccess).
    pub(super) responder: Option<String>,
    /// Responders that could not be reached, and until when they are not asked.
    pub(super) resting: std::sync::Mutex<Vec<(String, DateTime<Utc>)>>,
}

impl OcspSource {
    /// Is `url` resting at `now`?
    fn resting(&self, url: &str, now: DateTime<Utc>) -> bool {
        let Ok(mut resting) = self.resting.lock() else {
            return false;
        };
        resting.retain(|(_, until)| *until > now);
        resting.iter().any(|(u, _)| u == url)
    }

    /// `url` failed with `error` at `now`: rest it when it could not be reached.
    fn failed(&self, url: &str, error: &FetchError, now: DateTime<Utc>) {
        let unreachable = match error {
            FetchError::Timeout | FetchError::Connection(_) => true,
            FetchError::Status(code) => *code >= 500,
            _ => false,
        };
        if !unreachable {
            return;
        }
        if let Ok(mut resting) = self.resting.lock() {
            resting.retain(|(u, _)| u != url);
            if resting.len() >= MAX_RESTING {
                resting.remove(0);
            }
            resting.push((url.to_string(), now.checked_add_signed(REST).unwrap_or(now)));
        }
    }
}

/// Is `verdict`'s revocation status unknown (the case OCSP may settle)?
fn status_unknown(verdict: &Verdict) -> bool {
    verdict
        .check(CheckName::Revocation)
        .is_some_and(|c| c.outcome() == Outcome::Unknown)
}

impl ServerConfig {
    /// This configuration without OCSP (for a request whose answer is settled otherwise).
    pub(super) fn without_ocsp(&self) -> ServerConfig {
        ServerConfig {
            ocsp: None,
            ..self.clone()
        }
    }

    /// `judge` with the service's verifier; then, when the service has OCSP and a
    /// certificate verdict in the result left its status unknown, `judge` once more with a
    /// verifier that also holds the responder's answers about those certificates. One
    /// verifier for the whole request, even if a refresh swaps another in meanwhile.
    pub(super) fn judge_with_ocsp<V, E>(
        &self,
        judge: impl Fn(&Verifier) -> Result<V, E>,
    ) -> Result<V, E>
    where
        V: CertificateVerdicts,
    {
        let verifier = self.verifier();
        let verdict = judge(&verifier)?;
        if self.ocsp.is_none() {
            return Ok(verdict);
        }
        let with = {
            let unknown: Vec<&Verdict> = verdict
                .all_certificate_verdicts()
                .into_iter()
                .filter(|v| status_unknown(v))
                .collect();
            if unknown.is_empty() {
                return Ok(verdict);
            }
            self.with_ocsp(&verifier, &unknown)
        };
        match with {
            Some(with) => judge(&with),
            None => Ok(verdict),
        }
    }

    /// `verifier` with the OCSP answers about the certificates of `unknown` added, when at
    /// least one answer could be had; `None` otherwise.
    fn with_ocsp(&self, verifier: &Verifier, unknown: &[&Verdict]) -> Option<Arc<Verifier>> {
        let source = self.ocsp.as_ref()?;
        let now = (self.clock)();
        // A measurement, not a time anything is judged at: no question is put once half
        // the request's time bound has passed (each is bounded by its own time bound).
        let started = std::time::Instant::now();
        let budget = self.request_timeout / 2;
        let mut answers = Vec::new();
        let mut asked: Vec<&str> = Vec::new();
        for verdict in unknown {
            if asked.len() == MAX_ASKED || started.elapsed() >= budget {
                break;
            }
            let cert = verdict.certificate();
            if cert.basic_constraints().is_some_and(|b| b.ca)
                || asked.contains(&verdict.fingerprint_sha256())
            {
                continue;
            }
            let Some(url) = source
                .responder
                .clone()
                .or_else(|| Locations::of(cert).ocsp.into_iter().next())
            else {
                continue;
            };
            let Ok(path) = verifier.build_path(cert, verdict.at()) else {
                continue;
            };
            let Some(issuer) = path.certificates().get(1) else {
                continue;
            };
            if source.resting(&url, now) {
                self.metrics.ocsp("resting");
                continue;
            }
            // Only a question put counts against the certificates asked about.
            asked.push(verdict.fingerprint_sha256());
            match source.client.status(&url, cert, issuer, now) {
                Ok(answer) => {
                    self.metrics.ocsp("answered");
                    answers.push(answer);
                }
                Err(e) => {
                    self.metrics.ocsp(e.kind());
                    if let Some(log) = &self.log {
                        let line = serde_json::json!({
                            "ts": now.to_rfc3339(),
                            "event": "ocsp",
                            "url": url,
                            "outcome": "failed",
                            "kind": e.kind(),
                            "reason": e.to_string(),
                        });
                        log(&line.to_string());
                    }
                    source.failed(&url, &e, now);
                }
            }
        }
        if answers.is_empty() {
            return None;
        }
        verifier.with_ocsp_responses(answers).ok().map(Arc::new)
    }
}
