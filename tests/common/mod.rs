//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// Parse an RFC 3339 time.
pub fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

/// `../shared/<sub>` beside the project, or `None` (with a printed notice) when absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "NOTICE: {} is absent; skipping tests that need it",
            p.display()
        );
        None
    }
}
