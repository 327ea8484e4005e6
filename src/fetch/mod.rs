//! Revocation that keeps itself current (feature `fetch`): CRLs fetched over HTTP,
//! checked before they replace what is held, cached on disk, refreshed before they go
//! stale; the URLs certificates name for them.
//!
//! A [`CrlFetcher`] holds one [`CrlSource`] a URL, each with the good CRLs it served. A
//! fetched CRL is taken only when it is one CRL, signed by a CA the verifier was given, not
//! issued in the future and not past its nextUpdate. Anything else (a 404, a 0-byte or
//! truncated body, a server that never answers, a redirect loop, a body past the size cap,
//! a CRL no configured CA issued, a bad signature, a stale CRL) is a [`FetchError`]
//! recorded on the source, and the CRLs held before stay in use.
//!
//! Fetching is plain http: which CRL a URL serves proves nothing, any answer may be an
//! attacker's. So a source is not tied to the first issuer or kind it served. It holds the
//! newest CRL of each *line* it served: a line is an issuer (the CRL's issuer name), a kind
//! (complete or delta) and a scope (the issuingDistributionPoint, or none). A CRL that
//! passes the gate
//!
//! * of a line the source holds, replaces that line's CRL only when it is newer (thisUpdate
//!   no earlier, cRLNumber greater): an older one, or another with the same number, is
//!   refused as a rollback;
//! * of a line the source does not hold, is held beside the others (at most eight lines a
//!   source; past that it is refused).
//!
//! Nothing an answer brings removes a CRL a source holds but a newer CRL of the same line.
//! One wrong answer (another issuer's CRL, a delta where complete CRLs are served, a file
//! planted in the cache) adds a genuine CRL that the verifier judges like any other: it
//! cannot lock the source against its rightful CRLs, hide the rightful issuer's newest CRL,
//! or open the way to an older one of its line. The disk cache holds every CRL of a source,
//! so this survives a restart. When no CRL can prove a certificate's status any more (the
//! held one went stale), the verifier's verdict is indeterminate, never valid: the fetcher
//! never relaxes what the [`Verifier`](crate::Verifier) requires.
//!
//! The library does not read the clock and runs no timer: the caller passes `now` to
//! [`CrlFetcher::refresh`] and schedules the next call at [`CrlFetcher::next_refresh`]
//! (`qoltanba serve` does, on a background task; `qoltanba verify --fetch` once).
//! [`CrlFetcher::verifier`] builds the verifier that uses what is held.
//!
//! ```no_run
//! use qoltanba::fetch::{CrlFetcher, FetchConfig};
//!
//! let base = qoltanba::Verifier::builder()
//!     .trust_path("nca-roots/")?
//!     .intermediate_path("nca-intermediates/")?
//!     .build();
//! let mut fetcher = CrlFetcher::new(FetchConfig::default().cache_dir("crl-cache"), &base);
//! fetcher.add_url("http://crl.pki.gov.kz/nca_gost2022.crl")?;
//! fetcher.add_url("http://crl.pki.gov.kz/nca_d_gost2022.crl")?;
//! let now = chrono::Utc::now();
//! fetcher.load_cache();
//! for (url, outcome) in fetcher.refresh(now) {
//!     println!("{url}: {outcome:?}");
//! }
//! let verifier = fetcher.verifier(&base)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod crl;
pub(crate) mod http;
mod locations;
mod ocsp;
#[cfg(test)]
pub(crate) mod test_server;
mod tsa;

pub use crl::{CrlFetcher, CrlSource, FetchConfig, Refreshed};
pub use locations::Locations;
pub use ocsp::OcspClient;
pub use tsa::{TsaClient, NCA_TSA_POLICY_GOST2004, NCA_TSA_POLICY_GOST2015};

/// Longest URL taken.
pub(crate) const MAX_URL_LEN: usize = 2048;

/// Why a fetch did not give a usable answer. The source keeps what it held.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// A URL this client does not fetch (only `http://`).
    #[error("URL not fetched: {0}")]
    Url(String),
    /// An answer other than 200.
    #[error("HTTP status {0}")]
    Status(u16),
    /// A body larger than the bound.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The bound, in bytes.
        limit: u64,
    },
    /// No whole answer within the time bound.
    #[error("no answer within the time bound")]
    Timeout,
    /// More redirects than the bound (a loop ends here).
    #[error("too many redirects")]
    Redirects,
    /// The connection failed (refused, reset, no such host).
    #[error("connection failed: {0}")]
    Connection(String),
    /// A 200 answer with no body.
    #[error("an empty body")]
    Empty,
    /// A body that is not what was asked for (not one DER CRL, say).
    #[error("unreadable: {0}")]
    Unreadable(String),
    /// A readable object refused: no configured issuer, a signature that does not verify, a
    /// stale CRL or one older than the CRL held of its line.
    #[error("refused: {0}")]
    Refused(String),
    /// More sources than the bound.
    #[error("more than {limit} sources")]
    TooManySources {
        /// The bound.
        limit: usize,
    },
}

impl FetchError {
    /// A short fixed label of the kind of failure, for metrics and logs: `url`, `status`,
    /// `too_large`, `timeout`, `redirects`, `connection`, `empty`, `unreadable`, `refused`,
    /// `too_many_sources`.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::Url(_) => "url",
            FetchError::Status(_) => "status",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::Timeout => "timeout",
            FetchError::Redirects => "redirects",
            FetchError::Connection(_) => "connection",
            FetchError::Empty => "empty",
            FetchError::Unreadable(_) => "unreadable",
            FetchError::Refused(_) => "refused",
            FetchError::TooManySources { .. } => "too_many_sources",
        }
    }
}
