//! The background CRL refresh of a server with a [`CrlFetcher`](crate::fetch::CrlFetcher)
//! ([`ServerConfig::crl_fetcher`]): it sleeps until the next source is due by the
//! server's clock, fetches on a blocking thread (the fetch is blocking I/O and a large
//! CRL's signature check is CPU work), and when a CRL changed swaps in a verifier built
//! with it. Every fetch is logged (one JSON line: the URL, the outcome and, on failure,
//! its kind and reason) and shows in `/metrics`.
//!
//! With discovery on ([`ServerConfig::discover_crls`]) the CRL URLs a request's
//! certificates name join the sources, but only those of certificates whose path to a
//! configured anchor verifies: a URL a CA signed into a certificate, never one a client
//! made up (the service must not fetch what a request points it at). They are queued by
//! the request ([`Discovery`]) and added, and fetched, by this task.

use std::collections::HashSet;
use std::sync::Mutex;

use std::sync::Arc;
use std::time::Duration;

use crate::fetch::Refreshed;

use super::ServerConfig;

/// Most URLs discovery takes (the fetcher's own bound on sources applies too).
const MAX_DISCOVERED: usize = 256;

/// The URLs requests discovered, waiting for the refresh task.
#[derive(Default)]
pub(super) struct Discovery {
    /// Every URL taken so far (a URL is queued once).
    seen: HashSet<String>,
    pending: Vec<String>,
}

impl Discovery {
    /// Queue the complete and delta CRL URLs of each of `certs` (at most 8 are looked at)
    /// whose path to an anchor of `verifier` verifies at `at`, and `wake` the refresh.
    pub(super) fn offer(
        discovery: &Mutex<Discovery>,
        wake: &tokio::sync::Notify,
        verifier: &crate::Verifier,
        certs: &[crate::Certificate],
        at: chrono::DateTime<chrono::Utc>,
    ) {
        for cert in certs.iter().take(8) {
            let l = crate::fetch::Locations::of(cert);
            let urls: Vec<String> = l.crls.into_iter().chain(l.delta_crls).collect();
            let new = |d: &Discovery| urls.iter().any(|u| !d.seen.contains(u));
            if !discovery
                .lock()
                .is_ok_and(|d| new(&d) && d.seen.len() < MAX_DISCOVERED)
            {
                continue;
            }
            if verifier.build_path(cert, at).is_err() {
                continue;
            }
            if let Ok(mut d) = discovery.lock() {
                for url in urls {
                    if d.seen.len() < MAX_DISCOVERED && d.seen.insert(url.clone()) {
                        d.pending.push(url);
                    }
                }
                wake.notify_one();
            }
        }
    }
}

/// Start the refresh task of `config`, when it has a fetcher.
pub(super) fn spawn(config: &ServerConfig) -> Option<tokio::task::JoinHandle<()>> {
    let fetcher = config.fetcher.clone()?;
    let config = config.clone();
    // The longest sleep between two looks at the clock: a clock that jumps is noticed
    // within it.
    let poll = config.refresh_poll;
    Some(tokio::spawn(async move {
        loop {
            let pending = config
                .discovery
                .as_ref()
                .and_then(|d| d.lock().ok().map(|mut d| std::mem::take(&mut d.pending)))
                .unwrap_or_default();
            if !pending.is_empty() {
                if let Ok(mut f) = fetcher.lock() {
                    for url in pending {
                        let _ = f.add_url(&url);
                    }
                }
            }
            let now = (config.clock)();
            let next = fetcher.lock().ok().and_then(|f| f.next_refresh());
            let wait = next
                .map(|t| (t - now).to_std().unwrap_or(Duration::ZERO))
                .unwrap_or(poll)
                .min(poll);
            if !wait.is_zero() {
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    () = config.discovery_wake.notified() => {}
                }
                continue;
            }
            let (fetcher, config) = (fetcher.clone(), config.clone());
            let done = tokio::task::spawn_blocking(move || refresh_now(&fetcher, &config)).await;
            if done.is_err() {
                // The refresh panicked (a defect): keep what is held, try again later.
                tokio::time::sleep(poll).await;
            }
        }
    }))
}

/// Refresh the sources due now; swap in a new verifier when a CRL changed.
fn refresh_now(fetcher: &std::sync::Mutex<crate::fetch::CrlFetcher>, config: &ServerConfig) {
    let Ok(mut fetcher) = fetcher.lock() else {
        return;
    };
    let now = (config.clock)();
    let outcomes = fetcher.refresh(now);
    for (url, outcome) in &outcomes {
        config.write_log(|| {
            let mut line = serde_json::json!({
                "ts": now.to_rfc3339(),
                "event": "crl_refresh",
                "url": url,
            });
            match outcome {
                Refreshed::Updated => line["outcome"] = "updated".into(),
                Refreshed::Unchanged => line["outcome"] = "unchanged".into(),
                Refreshed::Failed(e) => {
                    line["outcome"] = "failed".into();
                    line["kind"] = e.kind().into();
                    line["reason"] = e.to_string().into();
                }
            }
            line
        });
    }
    config.metrics.sources(&fetcher);
    if outcomes.iter().any(|(_, o)| *o == Refreshed::Updated) {
        match fetcher.verifier(&config.base) {
            Ok(verifier) => {
                if let Ok(mut live) = config.live.write() {
                    *live = Arc::new(verifier);
                }
            }
            Err(e) => config.write_log(|| {
                serde_json::json!({
                    "ts": now.to_rfc3339(),
                    "event": "crl_refresh",
                    "outcome": "not_applied",
                    "reason": e.to_string(),
                })
            }),
        }
    }
}
