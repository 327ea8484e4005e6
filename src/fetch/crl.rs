//! The CRL fetcher: sources, the rules a fetched CRL must pass before it replaces the one
//! held, the disk cache, and when each source is due again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::http::{check_url, Bounds, Http};
use super::{FetchError, Locations};
use crate::certificate::Certificate;
use crate::condition::Verifier;
use crate::revocation::crl::{Crl, CrlNumber};
use crate::revocation::store::CrlStore;
use crate::signature::SignatureCheck;

/// Most sources one fetcher holds: each is a request per refresh and a CRL in memory.
const MAX_SOURCES: usize = 256;

/// How far in the future a CRL's thisUpdate may lie (clocks differ).
const CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// How a fetcher fetches, and how often.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FetchConfig {
    /// The whole of one request, connection to last byte (60 s by default: an NCA CRL is
    /// tens of megabytes).
    pub timeout: Duration,
    /// Largest CRL taken, in bytes (256 MiB by default).
    pub max_crl_len: u64,
    /// Redirects followed (3 by default).
    pub max_redirects: u32,
    /// A source is fetched again this long after its last success even when its CRL is
    /// still fresh (1 hour by default: the NCA publishes deltas daily, and a new complete
    /// CRL may come before the old one's nextUpdate).
    pub refresh_interval: chrono::Duration,
    /// After a failure, the source is tried again this long after (5 minutes by default,
    /// never later than the refresh interval).
    pub retry_after: chrono::Duration,
    /// A folder each source's last good CRL is written to, and read from at start
    /// ([`CrlFetcher::load_cache`]); none by default.
    pub cache_dir: Option<PathBuf>,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            timeout: Duration::from_secs(60),
            max_crl_len: 256 * 1024 * 1024,
            max_redirects: 3,
            refresh_interval: chrono::Duration::hours(1),
            retry_after: chrono::Duration::minutes(5),
            cache_dir: None,
        }
    }
}

impl FetchConfig {
    /// With a disk cache in `dir` (created when first written).
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> FetchConfig {
        self.cache_dir = Some(dir.into());
        self
    }
    /// With another time bound per request.
    pub fn timeout(mut self, timeout: Duration) -> FetchConfig {
        self.timeout = timeout;
        self
    }
    /// With another CRL size bound.
    pub fn max_crl_len(mut self, bytes: u64) -> FetchConfig {
        self.max_crl_len = bytes;
        self
    }
    /// With another refresh interval.
    pub fn refresh_interval(mut self, interval: chrono::Duration) -> FetchConfig {
        self.refresh_interval = interval;
        self
    }
    /// With another delay before retrying a failed source.
    pub fn retry_after(mut self, delay: chrono::Duration) -> FetchConfig {
        self.retry_after = delay;
        self
    }
}

/// One URL and what it last served well.
#[derive(Clone, Debug)]
pub struct CrlSource {
    url: String,
    held: Option<Crl>,
    last_attempt: Option<DateTime<Utc>>,
    last_success: Option<DateTime<Utc>>,
    failures: u64,
    last_error: Option<FetchError>,
    cache_error: Option<String>,
}

impl CrlSource {
    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }
    /// The last good CRL it served (or the disk cache held), in use.
    pub fn crl(&self) -> Option<&Crl> {
        self.held.as_ref()
    }
    /// When it was last fetched from, well or not.
    pub fn last_attempt(&self) -> Option<DateTime<Utc>> {
        self.last_attempt
    }
    /// When it last served a CRL that passed (a new one or the one held again).
    pub fn last_success(&self) -> Option<DateTime<Utc>> {
        self.last_success
    }
    /// Failed fetches since the fetcher was made.
    pub fn failures(&self) -> u64 {
        self.failures
    }
    /// Why the last fetch failed, when it did (cleared by a success).
    pub fn last_error(&self) -> Option<&FetchError> {
        self.last_error.as_ref()
    }
    /// Why the last good CRL could not be written to the disk cache, when it could not.
    pub fn cache_error(&self) -> Option<&str> {
        self.cache_error.as_deref()
    }
}

/// What one refresh of one source did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refreshed {
    /// A new CRL replaced the one held (or filled an empty source).
    Updated,
    /// The source served the CRL already held.
    Unchanged,
    /// The fetch failed or its CRL was refused; the CRL held before stays.
    Failed(FetchError),
}

/// CRL sources, refreshed on demand: see the [module](super).
pub struct CrlFetcher {
    http: Http,
    config: FetchConfig,
    /// The certificates that may sign a CRL: the verifier's anchors and intermediates.
    /// A gate only: the verifier judges every CRL's signer again, by a path to an anchor.
    signers: Vec<Certificate>,
    sources: Vec<CrlSource>,
}

impl std::fmt::Debug for CrlFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrlFetcher")
            .field("config", &self.config)
            .field("sources", &self.sources)
            .finish_non_exhaustive()
    }
}

impl CrlFetcher {
    /// A fetcher with no source, taking CRLs signed by `verifier`'s anchors and
    /// intermediates.
    pub fn new(config: FetchConfig, verifier: &Verifier) -> CrlFetcher {
        let http = Http::new(Bounds {
            timeout: config.timeout,
            max_redirects: config.max_redirects,
            max_body: config.max_crl_len,
        });
        let signers = verifier
            .anchors()
            .iter()
            .chain(verifier.intermediates().iter())
            .cloned()
            .collect();
        CrlFetcher {
            http,
            config,
            signers,
            sources: Vec::new(),
        }
    }

    /// Add a source (a URL already held is not added twice): `Ok(true)` when added.
    pub fn add_url(&mut self, url: &str) -> Result<bool, FetchError> {
        check_url(url)?;
        if self.sources.iter().any(|s| s.url == url) {
            return Ok(false);
        }
        if self.sources.len() >= MAX_SOURCES {
            return Err(FetchError::TooManySources { limit: MAX_SOURCES });
        }
        self.sources.push(CrlSource {
            url: url.to_string(),
            held: None,
            last_attempt: None,
            last_success: None,
            failures: 0,
            last_error: None,
            cache_error: None,
        });
        Ok(true)
    }

    /// Add the complete and delta CRL URLs `certs` name (cRLDistributionPoints and
    /// FreshestCRL, http only): the number added. Past the bound on sources the rest are
    /// left out.
    pub fn discover<'a>(&mut self, certs: impl IntoIterator<Item = &'a Certificate>) -> usize {
        let mut added = 0;
        for cert in certs {
            let l = Locations::of(cert);
            for url in l.crls.iter().chain(&l.delta_crls) {
                if let Ok(true) = self.add_url(url) {
                    added += 1;
                }
            }
        }
        added
    }

    /// The sources, in the order they were added.
    pub fn sources(&self) -> &[CrlSource] {
        &self.sources
    }

    /// The CRLs held now.
    pub fn crls(&self) -> impl Iterator<Item = &Crl> {
        self.sources.iter().filter_map(|s| s.held.as_ref())
    }

    /// `base` with its own CRLs and the ones held now ([`Verifier::with_crls`]).
    pub fn verifier(&self, base: &Verifier) -> crate::Result<Verifier> {
        let own = base.crls().iter().map(|(_, c)| c.clone());
        base.with_crls(own.chain(self.crls().cloned()))
    }

    /// Read each empty source's CRL from the disk cache: the number read. A cached file
    /// must still be one CRL signed by a known CA; a stale one is read too (it still
    /// proves what it lists as revoked, and the verifier will not take it as proof of
    /// good status). A source read from the cache is due again as if it had been fetched
    /// when the file was written (a command run twice within the refresh interval fetches
    /// once).
    pub fn load_cache(&mut self) -> usize {
        let Some(dir) = self.config.cache_dir.clone() else {
            return 0;
        };
        let mut read = 0;
        for i in 0..self.sources.len() {
            if self.sources[i].held.is_some() {
                continue;
            }
            let path = cache_path(&dir, &self.sources[i].url);
            let Ok(bytes) = crate::input::read_file(&path, self.config.max_crl_len as usize) else {
                continue;
            };
            if let Ok(crl) = self.readable_and_signed(bytes) {
                // Fetched when the file was written: not due again before the interval.
                let written = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .and_then(|d| i64::try_from(d.as_secs()).ok())
                    .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0));
                let source = &mut self.sources[i];
                source.held = Some(crl);
                source.last_attempt = written;
                source.last_success = written;
                read += 1;
            }
        }
        read
    }

    /// When the next source is due (None: no source). Fetch nothing before; call
    /// [`CrlFetcher::refresh`] then.
    pub fn next_refresh(&self) -> Option<DateTime<Utc>> {
        self.sources.iter().map(|s| self.due(s)).min()
    }

    /// Fetch every source that is due at `now`, in turn: what each did.
    pub fn refresh(&mut self, now: DateTime<Utc>) -> Vec<(String, Refreshed)> {
        let due: Vec<usize> = (0..self.sources.len())
            .filter(|&i| self.due(&self.sources[i]) <= now)
            .collect();
        due.into_iter().map(|i| self.refresh_one(i, now)).collect()
    }

    /// Fetch every source now, due or not.
    pub fn refresh_all(&mut self, now: DateTime<Utc>) -> Vec<(String, Refreshed)> {
        (0..self.sources.len())
            .map(|i| self.refresh_one(i, now))
            .collect()
    }

    /// When `source` is due: at once when never tried; `retry_after` after a failure;
    /// after a success at the refresh interval, or earlier, a tenth of its CRL's lifetime
    /// (at most an hour) before its nextUpdate.
    fn due(&self, source: &CrlSource) -> DateTime<Utc> {
        // Saturating: a time near the end of chrono's range (a file's mtime, a caller's
        // clock, a huge interval) is due at that end, never a panic.
        let later = |t: DateTime<Utc>, d: chrono::Duration| {
            t.checked_add_signed(d).unwrap_or(DateTime::<Utc>::MAX_UTC)
        };
        let interval = self.config.refresh_interval;
        let retry = self.config.retry_after.min(interval);
        let Some(attempt) = source.last_attempt else {
            return DateTime::<Utc>::MIN_UTC;
        };
        if source.last_error.is_some() || source.last_success.is_none() {
            return later(attempt, retry);
        }
        let mut due = later(source.last_success.unwrap_or(attempt), interval);
        if let Some(held) = &source.held {
            if let Some(next) = held.next_update() {
                let lifetime = next.signed_duration_since(held.this_update());
                let margin =
                    (lifetime / 10).clamp(chrono::Duration::zero(), chrono::Duration::hours(1));
                let before = next.checked_sub_signed(margin).unwrap_or(next);
                // A CRL already past that point is tried again at the retry pace, not at
                // once in a loop.
                due = due.min(before.max(later(attempt, retry)));
            }
        }
        due
    }

    fn refresh_one(&mut self, i: usize, now: DateTime<Utc>) -> (String, Refreshed) {
        let url = self.sources[i].url.clone();
        let result = self
            .http
            .get(&url)
            .and_then(|bytes| self.acceptable(bytes, self.sources[i].held.as_ref(), now));
        let source = &mut self.sources[i];
        source.last_attempt = Some(now);
        let outcome = match result {
            Ok(None) => Refreshed::Unchanged,
            Ok(Some(crl)) => {
                source.cache_error = self
                    .config
                    .cache_dir
                    .as_deref()
                    .and_then(|dir| write_cache(dir, &url, crl.der()).err());
                source.held = Some(crl);
                Refreshed::Updated
            }
            Err(e) => Refreshed::Failed(e),
        };
        match &outcome {
            Refreshed::Failed(e) => {
                source.failures += 1;
                source.last_error = Some(e.clone());
            }
            _ => {
                source.last_success = Some(now);
                source.last_error = None;
            }
        }
        (url, outcome)
    }

    /// One CRL, signed by a CA this fetcher knows.
    fn readable_and_signed(&self, bytes: Vec<u8>) -> Result<Crl, FetchError> {
        let mut crls =
            Crl::all_from_owned_input(bytes).map_err(|e| FetchError::Unreadable(e.to_string()))?;
        let crl = match (crls.pop(), crls.is_empty()) {
            (Some(crl), true) => crl,
            _ => return Err(FetchError::Unreadable("not one CRL".into())),
        };
        let named: Vec<&Certificate> = self
            .signers
            .iter()
            .filter(|c| c.subject().matches(crl.issuer()))
            .collect();
        if named.is_empty() {
            return Err(FetchError::Refused(format!(
                "no configured CA is its issuer ({})",
                crl.issuer()
            )));
        }
        let mut store = CrlStore::new();
        store
            .add(crl.clone())
            .map_err(|e| FetchError::Unreadable(e.to_string()))?;
        if !named
            .iter()
            .any(|c| store.signed_by(0, c) == SignatureCheck::Valid)
        {
            return Err(FetchError::Refused(
                "its signature does not verify with its issuer's key".into(),
            ));
        }
        Ok(crl)
    }

    /// The fetched `bytes` as the CRL to hold instead of `held` (None: it is `held`).
    fn acceptable(
        &self,
        bytes: Vec<u8>,
        held: Option<&Crl>,
        now: DateTime<Utc>,
    ) -> Result<Option<Crl>, FetchError> {
        let crl = self.readable_and_signed(bytes)?;
        if let Some(held) = held {
            if held.der() == crl.der() {
                return Ok(None);
            }
            if !held.issuer().matches(crl.issuer()) {
                return Err(FetchError::Refused(format!(
                    "a CRL of another issuer ({}, where {} was held)",
                    crl.issuer(),
                    held.issuer()
                )));
            }
            if held.is_delta() != crl.is_delta() {
                return Err(FetchError::Refused(
                    "a complete CRL where a delta was held, or a delta where a complete CRL was"
                        .into(),
                ));
            }
        }
        if crl.this_update() > now.checked_add_signed(CLOCK_SKEW).unwrap_or(now) {
            return Err(FetchError::Refused(format!(
                "issued in the future (thisUpdate {})",
                crl.this_update()
            )));
        }
        if let Some(next) = crl.next_update().filter(|next| *next < now) {
            return Err(FetchError::Refused(format!("stale (nextUpdate {next})")));
        }
        if let Some(held) = held {
            let older_number = match (crl.crl_number(), held.crl_number()) {
                (Some(new), Some(old)) => number_order(new, old) != std::cmp::Ordering::Greater,
                _ => false,
            };
            if crl.this_update() < held.this_update() || older_number {
                return Err(FetchError::Refused(format!(
                    "older than the CRL held (thisUpdate {}, where {} was held)",
                    crl.this_update(),
                    held.this_update()
                )));
            }
        }
        Ok(Some(crl))
    }
}

/// The order of two CRL numbers (non-negative INTEGER contents, compared as numbers).
fn number_order(a: &CrlNumber, b: &CrlNumber) -> std::cmp::Ordering {
    let strip = |n: &CrlNumber| {
        let bytes = n.as_bytes();
        let zeros = bytes.iter().take_while(|&&b| b == 0).count();
        bytes[zeros..].to_vec()
    };
    let (a, b) = (strip(a), strip(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(&b))
}

/// The cache file of `url`: named by its SHA-256, so no URL becomes a path.
fn cache_path(dir: &Path, url: &str) -> PathBuf {
    let digest = Sha256::digest(url.as_bytes());
    let name: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{name}.crl"))
}

/// Write `der` as `url`'s cache file: to a temporary file first, then renamed over the old
/// one, so a reader never sees half a CRL.
fn write_cache(dir: &Path, url: &str, der: &[u8]) -> Result<(), String> {
    let path = cache_path(dir, url);
    let tmp = path.with_extension("crl.tmp");
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, der))
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests;
