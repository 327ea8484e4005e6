//! The CRL fetcher: sources, the rules a fetched CRL must pass before it is held, the disk
//! cache, and when each source is due again.
//!
//! The rule for what a source holds (one CRL of each line: issuer, kind, scope) is in the
//! [module](super) documentation.

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

/// Most lines (issuer, kind, scope) one source holds a CRL of: see the [module](super).
/// Only genuine CRLs of configured CAs count, so only this many distinct lines served before
/// the rightful one ever is could keep it out.
const MAX_LINES: usize = 8;

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

/// One URL and what it served well: the newest CRL of each line (see the
/// [module](super)).
#[derive(Clone, Debug)]
pub struct CrlSource {
    url: String,
    /// One CRL a line, at most `MAX_LINES`; the one the URL served last is last.
    held: Vec<Crl>,
    last_attempt: Option<DateTime<Utc>>,
    last_success: Option<DateTime<Utc>>,
    /// `last_attempt` and `last_success` are a cache file's modification time, not yet
    /// confirmed by a fetch: a time no clock vouches for (see [`CrlFetcher::load_cache`]).
    times_from_disk: bool,
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
        self.held.last()
    }
    /// Every CRL it holds, all in use: the newest of each line it served, the one served
    /// last at the end.
    pub fn crls(&self) -> &[Crl] {
        &self.held
    }
    /// When it was last fetched from, well or not (for a source read from the disk cache
    /// and not fetched since: the cache file's time, at most the `now` of the last
    /// refresh).
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
    /// A new CRL is held: newer than the one held of its line, or of a line the source did
    /// not hold.
    Updated,
    /// The source served a CRL already held.
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
            held: Vec::new(),
            last_attempt: None,
            last_success: None,
            times_from_disk: false,
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
        self.sources.iter().flat_map(|s| s.held.iter())
    }

    /// `base` with its own CRLs and the ones held now ([`Verifier::with_crls`]).
    pub fn verifier(&self, base: &Verifier) -> crate::Result<Verifier> {
        let own = base.crls().iter().map(|(_, c)| c.clone());
        base.with_crls(own.chain(self.crls().cloned()))
    }

    /// Read each empty source's CRLs from the disk cache: the number of sources read. Each
    /// CRL of a cached file must still be one signed by a known CA, no larger than the
    /// bound; the newest of each line is held, at most eight lines (a file holding
    /// something else, even a genuine CRL of another issuer or kind than the URL serves,
    /// is held as one more line: it cannot keep the URL's own CRLs out). A stale CRL is
    /// read too (it still proves what it lists as revoked, and the verifier will not take
    /// it as proof of good status).
    ///
    /// A source read from the cache is due again as if it had been fetched when the file
    /// was written (a command run twice within the refresh interval fetches once). That
    /// time is the file's, which no clock vouches for: it is brought back to `now` by the
    /// next [`CrlFetcher::refresh`] (a file dated in the future is dated `now`), and until
    /// a fetch confirms it the source is due no later than its CRL's nextUpdate-based
    /// refresh (at once for a CRL without nextUpdate).
    pub fn load_cache(&mut self) -> usize {
        let Some(dir) = self.config.cache_dir.clone() else {
            return 0;
        };
        // A bundle of one CRL a line, in PEM: room for each at the bound, base64 and all.
        let limit = usize::try_from(self.config.max_crl_len)
            .unwrap_or(usize::MAX)
            .saturating_mul(2 * MAX_LINES);
        let mut read = 0;
        for i in 0..self.sources.len() {
            if !self.sources[i].held.is_empty() {
                continue;
            }
            let path = cache_path(&dir, &self.sources[i].url);
            let Ok(bytes) = crate::input::read_file(&path, limit) else {
                continue;
            };
            let Ok(crls) = Crl::all_from_owned_input(bytes) else {
                continue;
            };
            let mut held: Vec<Crl> = Vec::new();
            for crl in crls {
                if self.within_bound(&crl).is_err() || self.signed(&crl).is_err() {
                    continue;
                }
                // The newest of each line; past the bound on lines, the rest are left out.
                match held.iter().position(|h| same_line(h, &crl)) {
                    Some(j) if not_newer(&held[j], &crl).is_none() => held[j] = crl,
                    Some(_) => {}
                    None if held.len() < MAX_LINES => held.push(crl),
                    None => {}
                }
            }
            if held.is_empty() {
                continue;
            }
            // Fetched when the file was written: not due again before the interval.
            let written = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .and_then(|d| i64::try_from(d.as_secs()).ok())
                .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0));
            let source = &mut self.sources[i];
            source.held = held;
            source.last_attempt = written;
            source.last_success = written;
            source.times_from_disk = written.is_some();
            read += 1;
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
        self.clamp_times(now);
        let due: Vec<usize> = (0..self.sources.len())
            .filter(|&i| self.due(&self.sources[i]) <= now)
            .collect();
        due.into_iter().map(|i| self.refresh_one(i, now)).collect()
    }

    /// Fetch every source now, due or not.
    pub fn refresh_all(&mut self, now: DateTime<Utc>) -> Vec<(String, Refreshed)> {
        self.clamp_times(now);
        (0..self.sources.len())
            .map(|i| self.refresh_one(i, now))
            .collect()
    }

    /// No source was tried, or succeeded, after `now`: a time read from the disk (a cache
    /// file's modification time) or left by a caller's clock that was ahead is brought back
    /// to `now`, so that it cannot put the next refresh off.
    fn clamp_times(&mut self, now: DateTime<Utc>) {
        for source in &mut self.sources {
            for t in [&mut source.last_attempt, &mut source.last_success] {
                if let Some(time) = t.as_mut() {
                    *time = (*time).min(now);
                }
            }
        }
    }

    /// When `source` is due: at once when never tried; `retry_after` after a failure;
    /// after a success at the refresh interval, or earlier, a tenth of the lifetime of the
    /// CRL it served last (at most an hour) before its nextUpdate. Never later than that
    /// nextUpdate-based point, but for the retry pace after an attempt made past it (so a
    /// CRL near its end is not fetched in a loop). For times read from the disk cache, not
    /// yet confirmed by a fetch, no retry pace: the point itself (or, for a CRL without
    /// nextUpdate, its thisUpdate: at once), whatever the file's date.
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
        if let Some(held) = source.held.last() {
            let point = held.next_update().map(|next| {
                let lifetime = next.signed_duration_since(held.this_update());
                let margin =
                    (lifetime / 10).clamp(chrono::Duration::zero(), chrono::Duration::hours(1));
                next.checked_sub_signed(margin).unwrap_or(next)
            });
            if source.times_from_disk {
                due = due.min(point.unwrap_or_else(|| held.this_update()));
            } else if let Some(before) = point {
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
            .and_then(|bytes| self.acceptable(bytes, &self.sources[i].held, now));
        let source = &mut self.sources[i];
        source.last_attempt = Some(now);
        source.times_from_disk = false;
        let (outcome, rewrite) = match result {
            Ok(Taken::Held(j)) => {
                // Served last: the one in use, at the end (the cache keeps the order).
                let last = source.held.len().saturating_sub(1);
                if j < last {
                    let crl = source.held.remove(j);
                    source.held.push(crl);
                }
                (Refreshed::Unchanged, j < last)
            }
            Ok(Taken::New { crl, replaces }) => {
                if let Some(j) = replaces.filter(|&j| j < source.held.len()) {
                    source.held.remove(j);
                }
                source.held.push(crl);
                (Refreshed::Updated, true)
            }
            Err(e) => (Refreshed::Failed(e), false),
        };
        if rewrite {
            source.cache_error = self
                .config
                .cache_dir
                .as_deref()
                .and_then(|dir| write_cache(dir, &url, &source.held).err());
        }
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
        self.signed(&crl)?;
        Ok(crl)
    }

    /// A CRL of the cache no larger than a fetched one may be.
    fn within_bound(&self, crl: &Crl) -> Result<(), FetchError> {
        let len = u64::try_from(crl.der().len()).unwrap_or(u64::MAX);
        if len > self.config.max_crl_len {
            return Err(FetchError::TooLarge {
                limit: self.config.max_crl_len,
            });
        }
        Ok(())
    }

    /// Signed by a configured certificate of its issuer's name.
    fn signed(&self, crl: &Crl) -> Result<(), FetchError> {
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
        Ok(())
    }

    /// What the fetched `bytes` are to a source holding `held`: a CRL it holds already, or
    /// one to hold (the newest of its line, or the first of a new line). See the
    /// [module](super) for the rule.
    fn acceptable(
        &self,
        bytes: Vec<u8>,
        held: &[Crl],
        now: DateTime<Utc>,
    ) -> Result<Taken, FetchError> {
        let crl = self.readable_and_signed(bytes)?;
        if crl.this_update() > now.checked_add_signed(CLOCK_SKEW).unwrap_or(now) {
            return Err(FetchError::Refused(format!(
                "issued in the future (thisUpdate {})",
                crl.this_update()
            )));
        }
        // Before the CRL held is recognised: the same CRL served again past its nextUpdate
        // is a source that has not been updated, a failure to count and show, not a
        // success (review 99: it cleared the last error and kept the source "up").
        if let Some(next) = crl.next_update().filter(|next| *next < now) {
            return Err(FetchError::Refused(format!("stale (nextUpdate {next})")));
        }
        if let Some(j) = held.iter().position(|h| h.der() == crl.der()) {
            return Ok(Taken::Held(j));
        }
        match held.iter().position(|h| same_line(h, &crl)) {
            Some(j) => match not_newer(&held[j], &crl) {
                Some(why) => Err(FetchError::Refused(why)),
                None => Ok(Taken::New {
                    crl,
                    replaces: Some(j),
                }),
            },
            None if held.len() >= MAX_LINES => Err(FetchError::Refused(format!(
                "a CRL of {} ({}), where the source holds CRLs of {MAX_LINES} other issuers, \
                 kinds or scopes already",
                crl.issuer(),
                if crl.is_delta() { "delta" } else { "complete" },
            ))),
            None => Ok(Taken::New {
                crl,
                replaces: None,
            }),
        }
    }
}

/// What a fetched CRL is to its source.
enum Taken {
    /// The CRL the source holds at this index.
    Held(usize),
    /// One to hold, in place of the CRL at `replaces` (an older one of its line).
    New { crl: Crl, replaces: Option<usize> },
}

/// Are `a` and `b` of one line: the same issuer, kind (complete or delta) and scope
/// (issuingDistributionPoint)? Rollback is a question within a line only.
fn same_line(a: &Crl, b: &Crl) -> bool {
    a.issuer().matches(b.issuer())
        && a.is_delta() == b.is_delta()
        && a.issuing_distribution_point() == b.issuing_distribution_point()
}

/// Why `crl` (of `held`'s line, another CRL) does not replace `held`: issued before it, or
/// numbered no higher (None: it is newer).
fn not_newer(held: &Crl, crl: &Crl) -> Option<String> {
    let older_number = match (crl.crl_number(), held.crl_number()) {
        (Some(new), Some(old)) => number_order(new, old) != std::cmp::Ordering::Greater,
        _ => false,
    };
    (crl.this_update() < held.this_update() || older_number).then(|| {
        format!(
            "older than the CRL held of its issuer and kind (thisUpdate {}, where {} was held)",
            crl.this_update(),
            held.this_update()
        )
    })
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

/// Write `crls` as `url`'s cache file (one CRL: its DER; several: a PEM bundle, in the
/// order held): to a temporary file first, then renamed over the old one, so a reader
/// never sees half a CRL.
fn write_cache(dir: &Path, url: &str, crls: &[Crl]) -> Result<(), String> {
    let path = cache_path(dir, url);
    let tmp = path.with_extension("crl.tmp");
    let bundle;
    let bytes = match crls {
        [one] => one.der(),
        _ => {
            bundle = crls
                .iter()
                .map(|c| pem::encode(&pem::Pem::new("X509 CRL", c.der().to_vec())))
                .collect::<String>();
            bundle.as_bytes()
        }
    };
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, bytes))
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests;
