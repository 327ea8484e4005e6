//! The HTTP service (feature `server`): NCANode's routes, with its request and response
//! shapes, judged the way this library judges, and the library's own routes.
//!
//! Kazakh backends (PHP, Python, Java, Node) sign and verify through NCANode, a JSON HTTP
//! server; [`router`] answers the same requests with the same field names so that such a
//! backend can switch by changing a URL (the `ncanode` module has the routes and the
//! compatibility table). Where NCANode would answer "valid" but the library proves less
//! (revocation unknown, a chain it cannot build), the answer is `valid: false` with the
//! reason in `message`.
//!
//! What is served is bounded: the request body ([`ServerConfig::max_body`]), the requests
//! judged at once ([`ServerConfig::max_concurrent`]), the time one may take
//! ([`ServerConfig::request_timeout`]), and each verification's work (the
//! [`Verifier`]'s [`crate::Limits`]). Malformed JSON, bad base64 or a document that cannot
//! be read is a 4xx with a JSON message, never a 5xx.
//!
//! The library never reads the clock: the time a request is judged at is its own `at`
//! (the library's routes), else the [`ServerConfig::clock`] the caller gives (`qoltanba
//! serve` gives the system's).
//!
//! The allocator is the embedding program's. Under load, buffers made on a judging thread
//! are freed on an async worker and the reverse, which glibc's malloc handles slowly: the
//! `qoltanba` binary serves with mimalloc, a quarter more requests a second
//! (BENCHMARKS.md, "The service under load").
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! let verifier = qoltanba::Verifier::builder()
//!     .trust_path("nca-roots/")?
//!     .crl_path("nca-crls/")?
//!     .build();
//! let config = qoltanba::server::ServerConfig::new(Arc::new(verifier), Arc::new(chrono::Utc::now));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:14579").await?;
//! qoltanba::server::serve(listener, config, std::future::pending()).await?;
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "pdf")]
mod documents;
mod jwt;
mod keys;
mod metrics;
mod native;
mod ncanode;
mod ocsp;
mod openapi;
mod pool;
mod refresh;
mod signing;
mod stamping;
mod x509;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

use crate::condition::Verifier;

/// The time source of a server: called once per request that does not name its time.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Where a server writes its log: one JSON object a line (`qoltanba serve`: standard
/// error).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// What a server judges with, and its bounds.
#[derive(Clone)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The verifier requests are judged by now: the one given, or one the CRL refresh
    /// ([`ServerConfig::crl_fetcher`]) built from it with the CRLs it holds since. A
    /// request takes it once and is judged by it throughout.
    live: Arc<std::sync::RwLock<Arc<Verifier>>>,
    /// The verifier given (anchors, intermediates, its own CRLs, OCSP, limits): what
    /// every refreshed verifier is built from.
    base: Arc<Verifier>,
    /// The CRL sources refreshed in the background while [`serve`] runs.
    fetcher: Option<Arc<std::sync::Mutex<crate::fetch::CrlFetcher>>>,
    /// The CRL URLs requests' certificates name, waiting for the refresh; `None`: no
    /// discovery ([`ServerConfig::discover_crls`]).
    discovery: Option<Arc<std::sync::Mutex<refresh::Discovery>>>,
    /// Wakes the refresh when a URL is discovered.
    discovery_wake: Arc<tokio::sync::Notify>,
    /// The OCSP responder asked when the CRLs leave a status unknown ([`ServerConfig::ocsp`]).
    ocsp: Option<Arc<ocsp::OcspSource>>,
    /// The time-stamp authority `withTsp` asks (its URL and client).
    tsa: Option<Arc<(String, crate::fetch::TsaClient)>>,
    /// The keys requests name by `keyStore` ([`ServerConfig::key_store`]).
    key_stores: Arc<std::collections::HashMap<String, keys::Opened>>,
    /// The key-derivation budget of one request, in the units of
    /// [`crate::keys::MAX_KDF_WORK`]: `keys::MAX_REQUEST_KDF_WORK` (less in tests, whose
    /// containers are cheap).
    kdf_work_per_request: u64,
    /// The longest the refresh sleeps between two looks at the clock (a minute; less in
    /// tests, whose clocks jump).
    refresh_poll: Duration,
    /// The time of a request that does not name one.
    pub clock: Clock,
    /// Largest request body, in bytes (10 MB by default).
    pub max_body: usize,
    /// Most requests judged at once; more wait (64 by default).
    pub max_concurrent: usize,
    /// Longest one request may take before it is answered 503 (30 s by default).
    pub request_timeout: Duration,
    /// Where each request is logged, one JSON line: the time (the clock's), the route
    /// pattern, the status and the milliseconds taken. No body, no identifier of a person,
    /// no key or password is ever logged. None: no log.
    pub log: Option<LogSink>,
    /// The counters `/metrics` shows (shared by the clones of this configuration).
    metrics: Arc<metrics::Metrics>,
    /// Permits for judgements: one is held until the work is done, even past a 503 (a
    /// request that timed out still occupies its CPU until its judgement ends).
    work: Arc<tokio::sync::Semaphore>,
    /// The threads judgements run on, started with the first.
    pool: Arc<std::sync::OnceLock<pool::Pool>>,
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("max_body", &self.max_body)
            .field("max_concurrent", &self.max_concurrent)
            .field("request_timeout", &self.request_timeout)
            .finish_non_exhaustive()
    }
}

impl ServerConfig {
    /// The verifier and the clock, with the default bounds.
    pub fn new(verifier: Arc<Verifier>, clock: Clock) -> ServerConfig {
        ServerConfig {
            live: Arc::new(std::sync::RwLock::new(verifier.clone())),
            base: verifier,
            fetcher: None,
            discovery: None,
            discovery_wake: Arc::default(),
            ocsp: None,
            tsa: None,
            key_stores: Arc::default(),
            kdf_work_per_request: keys::MAX_REQUEST_KDF_WORK,
            refresh_poll: Duration::from_secs(60),
            clock,
            max_body: 10 * 1024 * 1024,
            max_concurrent: 64,
            request_timeout: Duration::from_secs(30),
            log: None,
            metrics: metrics::new(),
            work: Arc::new(tokio::sync::Semaphore::new(64)),
            pool: Arc::default(),
        }
    }
    /// With another body bound.
    pub fn max_body(mut self, bytes: usize) -> ServerConfig {
        self.max_body = bytes;
        self
    }
    /// With another concurrency bound (at least 1).
    pub fn max_concurrent(mut self, requests: usize) -> ServerConfig {
        self.max_concurrent = requests.max(1);
        self.work = Arc::new(tokio::sync::Semaphore::new(self.max_concurrent));
        self
    }
    /// The verifier a request is judged by now.
    pub fn verifier(&self) -> Arc<Verifier> {
        match self.live.read() {
            Ok(v) => v.clone(),
            // A writer panicked mid-swap (it cannot: it only assigns): the last value.
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
    /// With CRL sources [`serve`] refreshes in the background: each due source is fetched
    /// at the time [`CrlFetcher::next_refresh`](crate::fetch::CrlFetcher::next_refresh)
    /// names (the clock's time), and when one brings a new CRL the verifier given here is
    /// rebuilt with it ([`CrlFetcher::verifier`](crate::fetch::CrlFetcher::verifier)) and
    /// swapped in; requests in flight finish with the one they took. A failed refresh
    /// keeps the CRL held, and shows in `/metrics` and the log. The fetcher should have
    /// been refreshed once before (`qoltanba serve` does, before it listens), so the first
    /// requests are judged with its CRLs: its CRLs are applied now.
    pub fn crl_fetcher(mut self, fetcher: crate::fetch::CrlFetcher) -> crate::Result<ServerConfig> {
        let verifier = fetcher.verifier(&self.base)?;
        self.live = Arc::new(std::sync::RwLock::new(Arc::new(verifier)));
        self.metrics.sources(&fetcher);
        self.fetcher = Some(Arc::new(std::sync::Mutex::new(fetcher)));
        Ok(self)
    }
    /// With the CRL URLs of the certificates requests bring added to the fetcher's sources
    /// ([`ServerConfig::crl_fetcher`]; `qoltanba serve --fetch`), for certificates whose
    /// path to a configured anchor verifies only: a URL a CA signed into a certificate,
    /// never one a client made up. Each new URL is fetched at once by the background
    /// refresh; at most 256 are taken.
    pub fn discover_crls(mut self) -> ServerConfig {
        self.discovery = Some(Arc::default());
        self
    }
    /// Offer `certs` (a request's) for CRL discovery, judged at `at`.
    fn discover(&self, certs: &[crate::Certificate], at: DateTime<Utc>) {
        if let (Some(d), Some(_)) = (&self.discovery, &self.fetcher) {
            refresh::Discovery::offer(d, &self.discovery_wake, &self.verifier(), certs, at);
        }
    }
    /// With OCSP: when the CRLs leave a certificate's status unknown (on every route that
    /// judges a certificate or a signature), the `responder` (plain http), or else the one
    /// the certificate's authorityInfoAccess names, is asked, for certificates whose path
    /// to an anchor verifies, and the request is judged again with the answer (its signer
    /// proven by the verifier as for any response). `config` bounds each question (its
    /// `timeout`); a responder that cannot be reached is not asked again for a minute, nor a
    /// certificate whose answer did not settle its status.
    pub fn ocsp(
        mut self,
        responder: Option<&str>,
        config: &crate::fetch::FetchConfig,
    ) -> Result<ServerConfig, crate::fetch::FetchError> {
        if let Some(url) = responder {
            crate::fetch::http::check_url(url)?;
        }
        self.ocsp = Some(Arc::new(ocsp::OcspSource {
            client: crate::fetch::OcspClient::new(config),
            responder: responder.map(str::to_string),
            resting: std::sync::Mutex::new(Vec::new()),
            unsettled: std::sync::Mutex::new(Vec::new()),
        }));
        Ok(self)
    }
    /// With a key store: the signing routes sign with `bundle` for a signer that names
    /// `name` in `keyStore` (in place of `key` and `password`). The key stays in memory
    /// until the last configuration holding it is dropped, as the `keys` module holds keys
    /// (GOST scalars zeroized; `ring`'s RSA and ECDSA key pairs keep copies `ring` does not
    /// zeroize); it is never logged nor answered. Anyone who can reach the service can
    /// sign with it.
    pub fn key_store(
        mut self,
        name: impl Into<String>,
        bundle: crate::keys::KeyBundle,
    ) -> ServerConfig {
        // Proven here, once: a store's key that is not its certificate's (a `KeyBundle` is
        // built from public fields) is described, never vouched for nor used (review 52).
        let stored = if bundle.key.matches(&bundle.certificate) {
            keys::Opened::Proven(Arc::new(bundle))
        } else {
            keys::Opened::Unproven {
                reason: format!(
                    "the key store's key is not the key of its certificate \"{}\" (or cannot be shown to be): it signs nothing",
                    bundle.certificate.subject()
                ),
                certificate: bundle.certificate,
            }
        };
        Arc::make_mut(&mut self.key_stores).insert(name.into(), stored);
        self
    }
    /// With a time-stamp authority (RFC 3161, plain http): `withTsp: true` on the CMS
    /// signing routes adds its token to each new signer (CAdES-T). Without one such a
    /// request is refused.
    pub fn tsa(
        mut self,
        url: &str,
        config: &crate::fetch::FetchConfig,
    ) -> Result<ServerConfig, crate::fetch::FetchError> {
        crate::fetch::http::check_url(url)?;
        self.tsa = Some(Arc::new((
            url.to_string(),
            crate::fetch::TsaClient::new(config),
        )));
        Ok(self)
    }
    /// With a log (one JSON line a request).
    pub fn log(mut self, sink: LogSink) -> ServerConfig {
        self.log = Some(sink);
        self
    }
    /// Writes the JSON line `line` makes to the log, when there is one (the line is made
    /// only then).
    pub(super) fn write_log(&self, line: impl FnOnce() -> serde_json::Value) {
        if let Some(log) = &self.log {
            log(&line().to_string());
        }
    }
    /// With another per-request time bound.
    pub fn request_timeout(mut self, timeout: Duration) -> ServerConfig {
        self.request_timeout = timeout;
        self
    }
}

/// The service: NCANode's routes (`/x509/info`, `/x509/verify`, `/cms/verify`,
/// `/cms/extract`, `/cms/sign`, `/cms/sign/add`, `/xml/verify`, `/xml/sign`,
/// `/wsse/verify`, `/wsse/sign`, `/pdf/verify`, `/pkcs12/info`, `/pkcs12/aliases`,
/// `/jwt/encode`, `/jwt/decode`, `/actuator/health`), the library's own (`/v1/verify`,
/// also under a regulation profile, `/v1/profiles`, and `/v1/barcode/verify` and
/// `/v1/document/issue` with the feature `pdf`),
/// `/metrics` (Prometheus text) and `/openapi.json` (the OpenAPI 3 description of all of
/// them), bounded as `config` says.
pub fn router(mut config: ServerConfig) -> Router {
    let limit = config.max_body;
    if config.work.available_permits() != config.max_concurrent.max(1) {
        // The field was set directly: the permits follow it.
        config.work = Arc::new(tokio::sync::Semaphore::new(config.max_concurrent.max(1)));
    }
    let state = Arc::new(config);
    Router::new()
        .merge(ncanode::routes())
        .merge(signing::routes())
        .merge(native::routes())
        .merge(codes_routes())
        .merge(x509::routes())
        .merge(jwt::routes())
        .merge(openapi::routes())
        .route("/metrics", axum::routing::get(metrics::metrics))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count,
        ))
        .fallback(no_route)
        .method_not_allowed_fallback(no_method)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            time_bound,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// A path the service does not serve: NCANode's error shape, as every other answer (a
/// client reading `{status, message}` must not meet an empty body).
async fn no_route(uri: axum::http::Uri) -> Failure {
    let path: String = uri.path().chars().take(200).collect();
    Failure {
        status: StatusCode::NOT_FOUND,
        message: format!(
            "no route {path} (the routes this service serves are listed at /openapi.json; /v1/barcode/verify and /v1/document/issue need the feature pdf)"
        ),
    }
}

/// A path served, asked with another method.
async fn no_method(method: axum::http::Method, uri: axum::http::Uri) -> Failure {
    let path: String = uri.path().chars().take(200).collect();
    Failure {
        status: StatusCode::METHOD_NOT_ALLOWED,
        message: format!(
            "{path} is not served for {method} (see /openapi.json)",
            method = method.as_str().chars().take(16).collect::<String>()
        ),
    }
}

/// `/v1/barcode/verify` and `/v1/document/issue` when the codes and output documents are
/// built in (feature `pdf`).
fn codes_routes() -> Router<Arc<ServerConfig>> {
    #[cfg(feature = "pdf")]
    return documents::routes();
    #[cfg(not(feature = "pdf"))]
    Router::new()
}

/// Serve [`router`] on `listener` until `shutdown` completes, then finish the requests in
/// flight (graceful shutdown).
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let refresh = refresh::spawn(&config);
    let served = axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await;
    if let Some(task) = refresh {
        task.abort();
    }
    served
}

/// The whole request, its body's upload included, within [`ServerConfig::request_timeout`]:
/// a client that trickles its body is answered 408 and let go, it does not hold the
/// service. A body that declares a length over [`ServerConfig::max_body`] is answered 413
/// at once, before any of it is read: waiting for it would hold a task and a socket for
/// the whole timeout on the strength of a header (review 52).
async fn time_bound(
    state: State,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(len) = declared {
        if len > state.0.max_body as u64 {
            return Failure {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                message: format!(
                    "the request body declares {len} bytes, over the bound of {} bytes",
                    state.0.max_body
                ),
            }
            .into_response();
        }
    }
    let limit = state.0.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Failure {
            status: StatusCode::REQUEST_TIMEOUT,
            message: format!("not answered within {} s", limit.as_secs()),
        }
        .into_response(),
    }
}

/// The state every handler gets.
type State = axum::extract::State<Arc<ServerConfig>>;

/// An answer that is not a verdict: an HTTP status and a message, as JSON
/// (`{"status": 400, "message": "..."}`, NCANode's shape).
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    fn bad_request(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "status": self.status.as_u16(),
            "message": self.message,
        });
        (self.status, axum::Json(body)).into_response()
    }
}

impl From<crate::Error> for Failure {
    /// Input the library could not read: the client's fault, 400 (a body over the
    /// library's own size bounds: 413).
    fn from(e: crate::Error) -> Failure {
        let status = match e {
            crate::Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        };
        Failure {
            status,
            message: e.to_string(),
        }
    }
}

/// The request body as JSON of type `T`: a body over the bound is 413, one that is not
/// that JSON 400, each with a JSON message.
fn json_body<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, Failure> {
    let bytes = body.map_err(|r| Failure {
        status: r.status(),
        message: r.body_text(),
    })?;
    // The position only, never serde's words: they may quote a value (a password).
    serde_json::from_slice(&bytes).map_err(|e| {
        Failure::bad_request(format!(
            "the request is not the JSON expected ({:?} error at line {}, column {})",
            e.classify(),
            e.line(),
            e.column()
        ))
    })
}

/// A field given as `null` read as if it were absent (its default), for the optional fields
/// of NCANode's requests (`revocationCheck`, `withTsp`, `detached`, ...): Java and PHP
/// clients write `null` for what they leave unset, and NCANode (Jackson) takes it so.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(<Option<T> as serde::Deserialize>::deserialize(d)?.unwrap_or_default())
}

/// Base64 (standard alphabet; whitespace and line breaks ignored, as PEM bodies carry
/// them) of the field `what`.
fn base64_field(text: &str, what: &str) -> Result<Vec<u8>, Failure> {
    use base64::Engine as _;
    let engine = base64::engine::general_purpose::STANDARD;
    let bytes = text.as_bytes();
    // Line breaks are common in what clients send (MIME-wrapped base64); dropped as octets,
    // the rest decoded in place (any other octet outside the alphabet is refused either way).
    let decoded = if bytes.iter().any(u8::is_ascii_whitespace) {
        let compact: Vec<u8> = bytes
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        engine.decode(compact)
    } else {
        engine.decode(bytes)
    };
    decoded
        .map_err(|e| Failure::bad_request(format!("{what} is not base64: {}", why_not_base64(&e))))
}

/// Why a field is not base64, without the octet that broke it: a client that swapped two
/// fields (a key container and its password) must not read its password back, one
/// character per attempt, from the answer (review 83).
fn why_not_base64(e: &base64::DecodeError) -> &'static str {
    match e {
        base64::DecodeError::InvalidByte(..) => "an octet outside the base64 alphabet",
        base64::DecodeError::InvalidLength(_) => "its length is not that of base64",
        base64::DecodeError::InvalidLastSymbol { .. } => {
            "its last symbol carries bits past the data"
        }
        base64::DecodeError::InvalidPadding => "its padding is wrong",
    }
}

/// Base64 (standard alphabet) of what an answer carries.
fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Run the CPU-bound judgement `work` off the async workers, on the judging threads
/// (`pool`), within the request's time bound: 503 when it runs out, 500 only if the work
/// itself panicked (a defect).
async fn judged<T: Send + 'static>(
    config: &ServerConfig,
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let busy = || Failure {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: format!("not answered within {} s", config.request_timeout.as_secs()),
    };
    // A permit, waited for within the time bound, and held by the work itself.
    let permit =
        match tokio::time::timeout(config.request_timeout, config.work.clone().acquire_owned())
            .await
        {
            Ok(Ok(p)) => p,
            Ok(Err(_)) | Err(_) => return Err(busy()),
        };
    let task = config.pool.get_or_init(pool::Pool::new).run(move || {
        let result = work();
        drop(permit);
        result
    });
    match tokio::time::timeout(config.request_timeout, task).await {
        Ok(Ok(Ok(r))) => r,
        Ok(Ok(Err(_))) | Ok(Err(_)) => Err(Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the verification failed unexpectedly".into(),
        }),
        Err(_) => Err(busy()),
    }
}

#[cfg(test)]
mod route_tests;
#[cfg(test)]
mod tests;
