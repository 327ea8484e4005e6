//! The background CRL refresh of a server with a [`CrlFetcher`](crate::fetch::CrlFetcher)
//! ([`ServerConfig::crl_fetcher`]): it sleeps until the next source is due by the
//! server's clock, fetches on a blocking thread (the fetch is blocking I/O and a large
//! CRL's signature check is CPU work), and when a CRL changed swaps in a verifier built
//! with it. Every fetch is logged (one JSON line: the URL, the outcome and, on failure,
//! its kind and reason) and shows in `/metrics`.

use std::sync::Arc;
use std::time::Duration;

use crate::fetch::Refreshed;

use super::ServerConfig;

/// Start the refresh task of `config`, when it has a fetcher.
pub(super) fn spawn(config: &ServerConfig) -> Option<tokio::task::JoinHandle<()>> {
    let fetcher = config.fetcher.clone()?;
    let config = config.clone();
    // The longest sleep between two looks at the clock: a clock that jumps is noticed
    // within it.
    let poll = config.refresh_poll;
    Some(tokio::spawn(async move {
        loop {
            let now = (config.clock)();
            let next = fetcher.lock().ok().and_then(|f| f.next_refresh());
            let wait = next
                .map(|t| (t - now).to_std().unwrap_or(Duration::ZERO))
                .unwrap_or(poll)
                .min(poll);
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
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
        if let Some(log) = &config.log {
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
            log(&line.to_string());
        }
    }
    config.metrics.sources(&fetcher);
    if outcomes.iter().any(|(_, o)| *o == Refreshed::Updated) {
        match fetcher.verifier(&config.base) {
            Ok(verifier) => {
                if let Ok(mut live) = config.live.write() {
                    *live = Arc::new(verifier);
                }
            }
            Err(e) => {
                if let Some(log) = &config.log {
                    let line = serde_json::json!({
                        "ts": now.to_rfc3339(),
                        "event": "crl_refresh",
                        "outcome": "not_applied",
                        "reason": e.to_string(),
                    });
                    log(&line.to_string());
                }
            }
        }
    }
}
