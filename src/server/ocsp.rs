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
//! every request the judging threads it would hold. A certificate whose question was
//! answered but not settled (an answer the client or the verifier could not use: no
//! nonce, another certificate, a signer not proven, stale, `unknown`) is not asked about
//! again for [`REST`] either, when it was judged at the service's own time: clients cannot
//! make the service put the same useless question at their own rate, and a client that
//! judges at a time of its choosing (`at`) cannot keep a certificate from the others.

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

/// Most certificates remembered as unsettled (the oldest is forgotten first).
const MAX_UNSETTLED: usize = 1024;

/// The OCSP client of a service and its configured responder.
pub(super) struct OcspSource {
    pub(super) client: OcspClient,
    /// Asked for every certificate; `None`: each certificate's own (authorityInfoAccess).
    pub(super) responder: Option<String>,
    /// Responders that could not be reached, and until when they are not asked.
    pub(super) resting: std::sync::Mutex<Vec<(String, DateTime<Utc>)>>,
    /// Certificates (SHA-256 fingerprints) whose last answer did not settle their status,
    /// and until when they are not asked about.
    pub(super) unsettled: std::sync::Mutex<Vec<(String, DateTime<Utc>)>>,
}

/// Is `key` in `list` at `now` (entries whose time has passed are dropped)?
fn listed(
    list: &std::sync::Mutex<Vec<(String, DateTime<Utc>)>>,
    key: &str,
    now: DateTime<Utc>,
) -> bool {
    // A panic while the list was held leaves a list still fit to read (its entries are
    // whole): the rest goes on (a poisoned lock used to mean "never resting").
    let mut list = list
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    list.retain(|(_, until)| *until > now);
    list.iter().any(|(k, _)| k == key)
}

/// Puts `key` in `list` until [`REST`] after `now`, within `max` entries.
fn list(
    list: &std::sync::Mutex<Vec<(String, DateTime<Utc>)>>,
    key: &str,
    now: DateTime<Utc>,
    max: usize,
) {
    let mut list = list
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    list.retain(|(k, _)| k != key);
    if list.len() >= max {
        list.remove(0);
    }
    list.push((key.to_string(), now.checked_add_signed(REST).unwrap_or(now)));
}

impl OcspSource {
    /// Is `url` resting at `now`?
    fn resting(&self, url: &str, now: DateTime<Utc>) -> bool {
        listed(&self.resting, url, now)
    }

    /// Was the certificate of `fingerprint` asked about lately without being settled?
    fn unsettled(&self, fingerprint: &str, now: DateTime<Utc>) -> bool {
        listed(&self.unsettled, fingerprint, now)
    }

    /// The certificate of `fingerprint` was asked about at `now` and not settled.
    fn not_settled(&self, fingerprint: &str, now: DateTime<Utc>) {
        list(&self.unsettled, fingerprint, now, MAX_UNSETTLED);
    }

    /// `url` failed with `error` at `now`: rest it when it could not be reached.
    fn failed(&self, url: &str, error: &FetchError, now: DateTime<Utc>) {
        let unreachable = match error {
            FetchError::Timeout | FetchError::Connection(_) => true,
            FetchError::Status(code) => *code >= 500,
            _ => false,
        };
        if unreachable {
            list(&self.resting, url, now, MAX_RESTING);
        }
    }
}

/// Most distance between a verdict's time and the service's clock for its certificate to
/// be rested: a question judged at a time a client chose (`at`) says nothing of the
/// answer at the service's time, and must not keep it from other clients.
const JUDGED_NOW: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// Was `verdict` judged at (about) `now`, the service's clock?
fn judged_now(verdict: &Verdict, now: DateTime<Utc>) -> bool {
    (verdict.at() - now).abs() <= JUDGED_NOW
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
        let Some(source) = self.ocsp.as_ref() else {
            return Ok(verdict);
        };
        let now = (self.clock)();
        let (with, answered) = {
            let unknown: Vec<&Verdict> = verdict
                .all_certificate_verdicts()
                .into_iter()
                .filter(|v| status_unknown(v))
                .collect();
            if unknown.is_empty() {
                return Ok(verdict);
            }
            self.with_ocsp(source, now, &verifier, &unknown)
        };
        let Some(with) = with else {
            return Ok(verdict);
        };
        let verdict = judge(&with)?;
        // An answer that left its certificate's status unknown at the service's time
        // settles nothing: rest the certificate (once, however many verdicts name it).
        let mut rested: Vec<&str> = Vec::new();
        for v in verdict.all_certificate_verdicts() {
            let fingerprint = v.fingerprint_sha256();
            if status_unknown(v)
                && judged_now(v, now)
                && answered.iter().any(|f| f == fingerprint)
                && !rested.contains(&fingerprint)
            {
                rested.push(fingerprint);
                source.not_settled(fingerprint, now);
                self.write_log(|| {
                    serde_json::json!({
                        "ts": now.to_rfc3339(),
                        "event": "ocsp",
                        "outcome": "not-settled",
                        "serial": v.serial(),
                    })
                });
            }
        }
        Ok(verdict)
    }

    /// `verifier` with the OCSP answers about the certificates of `unknown` added, when at
    /// least one answer could be had (`None` otherwise), and the fingerprints of the
    /// certificates answered about.
    fn with_ocsp(
        &self,
        source: &OcspSource,
        now: DateTime<Utc>,
        verifier: &Verifier,
        unknown: &[&Verdict],
    ) -> (Option<Arc<Verifier>>, Vec<String>) {
        // A measurement, not a time anything is judged at: no question is put once half
        // the request's time bound has passed (each is bounded by its own time bound).
        let started = std::time::Instant::now();
        let budget = self.request_timeout / 2;
        let mut answers = Vec::new();
        let mut answered = Vec::new();
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
            let fingerprint = verdict.fingerprint_sha256();
            if source.unsettled(fingerprint, now) {
                self.metrics.ocsp("unsettled");
                continue;
            }
            // Only a question put counts against the certificates asked about.
            asked.push(fingerprint);
            match source.client.status(&url, cert, issuer, now) {
                Ok(answer) => {
                    self.metrics.ocsp("answered");
                    answers.push(answer);
                    answered.push(fingerprint.to_string());
                }
                Err(e) => {
                    self.metrics.ocsp(e.kind());
                    self.write_log(|| {
                        serde_json::json!({
                            "ts": now.to_rfc3339(),
                            "event": "ocsp",
                            "url": url,
                            "outcome": "failed",
                            "kind": e.kind(),
                            "reason": e.to_string(),
                        })
                    });
                    source.failed(&url, &e, now);
                    if !source.resting(&url, now) && judged_now(verdict, now) {
                        // Reached, and answered with nothing usable.
                        source.not_settled(fingerprint, now);
                    }
                }
            }
        }
        if answers.is_empty() {
            return (None, answered);
        }
        match verifier.with_ocsp_responses(answers) {
            Ok(with) => (Some(Arc::new(with)), answered),
            // The verifier could not take them (its own bounds): nothing is said of the
            // certificates, none is rested.
            Err(_) => (None, Vec::new()),
        }
    }
}
