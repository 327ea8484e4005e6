//! `GET /metrics`: the service's counters in the Prometheus text format (0.0.4).
//!
//! * `qoltanba_requests_total{route, status}`: requests answered, by route (the route's
//!   pattern, never the raw path: unknown paths count as `unmatched`) and HTTP status;
//! * `qoltanba_request_seconds{route}`: a histogram of the time to answer (monotonic clock:
//!   a measurement, never a time anything is judged at);
//! * `qoltanba_crl_age_seconds{issuer, number, kind}`: each CRL the verifier holds, its age
//!   at the server's clock (thisUpdate to now), so a stale CRL shows before it makes
//!   verdicts indeterminate.
//!
//! * `qoltanba_crl_source_up{url}`: 1 when the last fetch of a CRL source gave a CRL that
//!   passed (new or the one held), else 0; `qoltanba_crl_refresh_failures_total{url}`:
//!   its failed fetches; `qoltanba_crl_refresh_failure{url, kind}`: 1 for the kind of its
//!   last failure (`timeout`, `status`, `refused`, ...) while it lasts;
//!   `qoltanba_crl_source_last_success_age_seconds{url}`: since its last success (absent
//!   before the first).
//!
//! * `qoltanba_ocsp_questions_total{outcome}`: the questions the service put (or did not
//!   put) to OCSP responders when the CRLs left a status unknown: `answered` (an answer
//!   the client accepted), `resting` (not asked: the responder could not be reached lately),
//!   `unsettled` (not asked: the certificate's last answer did not settle its status;
//!   an answer the client accepted but the verifier could not use writes an `ocsp` log
//!   line `not-settled`), or the kind of failure (`timeout`, `connection`, `status`,
//!   `refused`, ...).
//!
//! Labels carry no personal data: routes, statuses, CRL issuers (CAs) and CRL URLs only. The same
//! middleware writes the request log ([`super::ServerConfig::log`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

use super::{ServerConfig, State};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Most distinct (route, status) series kept: routes are patterns, statuses a few codes,
/// so this is never reached in practice; beyond it new series are not added.
const MAX_SERIES: usize = 1024;

/// Latencies of one route.
#[derive(Default)]
struct Histogram {
    /// Counts per bucket (not cumulative), then the `+Inf` bucket.
    buckets: [u64; BUCKETS.len() + 1],
    sum: f64,
    count: u64,
}

/// The counters a server keeps.
#[derive(Default)]
pub(crate) struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    /// The CRL sources as the last refresh left them.
    sources: Vec<Source>,
    /// OCSP questions by outcome (a fixed, small set of labels).
    ocsp: BTreeMap<&'static str, u64>,
}

/// What `/metrics` shows of one CRL source.
struct Source {
    url: String,
    failures: u64,
    last_success: Option<chrono::DateTime<chrono::Utc>>,
    last_error: Option<&'static str>,
}

impl Metrics {
    /// Keep what `fetcher`'s sources say now.
    pub(super) fn sources(&self, fetcher: &crate::fetch::CrlFetcher) {
        let sources = fetcher
            .sources()
            .iter()
            .map(|s| Source {
                url: s.url().to_string(),
                failures: s.failures(),
                last_success: s.last_success(),
                last_error: s.last_error().map(crate::fetch::FetchError::kind),
            })
            .collect();
        if let Ok(mut m) = self.inner.lock() {
            m.sources = sources;
        }
    }

    /// One OCSP question's `outcome` (`answered`, `resting`, or a failure's kind).
    pub(super) fn ocsp(&self, outcome: &'static str) {
        if let Ok(mut m) = self.inner.lock() {
            *m.ocsp.entry(outcome).or_insert(0) += 1;
        }
    }

    fn record(&self, route: &str, status: u16, seconds: f64) {
        let Ok(mut m) = self.inner.lock() else {
            return;
        };
        let key = (route.to_string(), status);
        if m.requests.len() < MAX_SERIES || m.requests.contains_key(&key) {
            *m.requests.entry(key).or_insert(0) += 1;
        }
        if m.latency.len() < MAX_SERIES || m.latency.contains_key(route) {
            let h = m.latency.entry(route.to_string()).or_default();
            let i = BUCKETS
                .iter()
                .position(|b| seconds <= *b)
                .unwrap_or(BUCKETS.len());
            h.buckets[i] += 1;
            h.sum += seconds;
            h.count += 1;
        }
    }

    /// The text exposition.
    fn render(&self, config: &ServerConfig) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP qoltanba_requests_total Requests answered, by route and HTTP status.\n",
        );
        out.push_str("# TYPE qoltanba_requests_total counter\n");
        if let Ok(m) = self.inner.lock() {
            for ((route, status), n) in &m.requests {
                let _ = writeln!(
                    out,
                    "qoltanba_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
            out.push_str("# HELP qoltanba_request_seconds Time to answer a request.\n");
            out.push_str("# TYPE qoltanba_request_seconds histogram\n");
            for (route, h) in &m.latency {
                let route = escape(route);
                let mut cumulative = 0;
                for (i, bound) in BUCKETS.iter().enumerate() {
                    cumulative += h.buckets[i];
                    let _ = writeln!(
                        out,
                        "qoltanba_request_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                    );
                }
                cumulative += h.buckets[BUCKETS.len()];
                let _ = writeln!(
                    out,
                    "qoltanba_request_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {cumulative}"
                );
                let _ = writeln!(
                    out,
                    "qoltanba_request_seconds_sum{{route=\"{route}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "qoltanba_request_seconds_count{{route=\"{route}\"}} {}",
                    h.count
                );
            }
        }
        let now = (config.clock)();
        if let Ok(m) = self.inner.lock() {
            render_sources(&mut out, &m.sources, now);
            if !m.ocsp.is_empty() {
                out.push_str("# HELP qoltanba_ocsp_questions_total OCSP questions by outcome.\n");
                out.push_str("# TYPE qoltanba_ocsp_questions_total counter\n");
                for (outcome, n) in &m.ocsp {
                    let _ = writeln!(
                        out,
                        "qoltanba_ocsp_questions_total{{outcome=\"{outcome}\"}} {n}"
                    );
                }
            }
        }
        out.push_str("# HELP qoltanba_crl_age_seconds Age of each CRL held (thisUpdate to the server's clock).\n");
        out.push_str("# TYPE qoltanba_crl_age_seconds gauge\n");
        for (_, crl) in config.verifier().crls().iter() {
            let age = (now - crl.this_update()).num_seconds();
            let number = crl.crl_number().map(|n| n.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "qoltanba_crl_age_seconds{{issuer=\"{}\",number=\"{}\",kind=\"{}\"}} {age}",
                escape(&crl.issuer().to_string()),
                escape(&number),
                if crl.is_delta() { "delta" } else { "base" }
            );
        }
        out
    }
}

/// The CRL sources' series.
fn render_sources(out: &mut String, sources: &[Source], now: chrono::DateTime<chrono::Utc>) {
    if sources.is_empty() {
        return;
    }
    out.push_str("# HELP qoltanba_crl_source_up 1 when the last fetch of a CRL source gave a CRL that passed.\n");
    out.push_str("# TYPE qoltanba_crl_source_up gauge\n");
    for s in sources {
        let up = u8::from(s.last_error.is_none() && s.last_success.is_some());
        let _ = writeln!(
            out,
            "qoltanba_crl_source_up{{url=\"{}\"}} {up}",
            escape(&s.url)
        );
    }
    out.push_str("# HELP qoltanba_crl_refresh_failures_total Failed fetches of a CRL source.\n");
    out.push_str("# TYPE qoltanba_crl_refresh_failures_total counter\n");
    for s in sources {
        let _ = writeln!(
            out,
            "qoltanba_crl_refresh_failures_total{{url=\"{}\"}} {}",
            escape(&s.url),
            s.failures
        );
    }
    out.push_str("# HELP qoltanba_crl_refresh_failure The kind of a CRL source's last failure, while it lasts.\n");
    out.push_str("# TYPE qoltanba_crl_refresh_failure gauge\n");
    for s in sources {
        if let Some(kind) = s.last_error {
            let _ = writeln!(
                out,
                "qoltanba_crl_refresh_failure{{url=\"{}\",kind=\"{kind}\"}} 1",
                escape(&s.url)
            );
        }
    }
    out.push_str("# HELP qoltanba_crl_source_last_success_age_seconds Time since a CRL source last gave a CRL that passed.\n");
    out.push_str("# TYPE qoltanba_crl_source_last_success_age_seconds gauge\n");
    for s in sources {
        if let Some(t) = s.last_success {
            let _ = writeln!(
                out,
                "qoltanba_crl_source_last_success_age_seconds{{url=\"{}\"}} {}",
                escape(&s.url),
                (now - t).num_seconds()
            );
        }
    }
}

/// A label value as the text format wants it (`\`, `"` and line feeds escaped).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The middleware that counts every request.
pub(super) async fn count(state: State, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    state.0.metrics.record(&route, status, seconds);
    state.0.write_log(|| {
        serde_json::json!({
            "ts": (state.0.clock)().to_rfc3339(),
            "route": route,
            "status": status,
            "ms": (seconds * 1000.0 * 10.0).round() / 10.0,
        })
    });
    response
}

/// `GET /metrics`.
pub(super) async fn metrics(
    state: State,
) -> ([(axum::http::header::HeaderName, &'static str); 1], String) {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.0.metrics.render(&state.0),
    )
}

/// A server's metrics, shared by its handlers.
pub(super) fn new() -> Arc<Metrics> {
    Arc::new(Metrics::default())
}
