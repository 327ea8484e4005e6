//! `qoltanba serve`: the HTTP service (`qoltanba::server`), NCANode's routes and the
//! library's own, with the verifier the flags build (feature `server`).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

use crate::args::TrustArgs;
use crate::error::{self, Failure};
use crate::{exit, files};

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (e.g. 127.0.0.1:14579; port 0: any free port)
    /// [env QOLTANBA_LISTEN; default 127.0.0.1:14579].
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// A TOML file with any of: listen, trust, intermediate, crl, ocsp (lists of files or
    /// folders; crl also of http:// URLs), fetch, crl_cache, crl_refresh, tsa_url, ocsp_url,
    /// max_body, max_concurrent, timeout, and [key_stores.NAME] tables (file,
    /// password_file). Flags win over QOLTANBA_* variables (lists separated by ':'), which
    /// win over the file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// Largest request body, in bytes [env QOLTANBA_MAX_BODY; default 10 MB].
    #[arg(long, value_name = "BYTES")]
    pub max_body: Option<usize>,
    /// Most requests judged at once, more wait [env QOLTANBA_MAX_CONCURRENT; default 64].
    #[arg(long, value_name = "N")]
    pub max_concurrent: Option<usize>,
    /// Longest a request may take, in seconds, then 503 [env QOLTANBA_TIMEOUT; default 30].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// An OCSP responder (http://) asked when the CRLs leave a certificate's status
    /// unknown (with --fetch, without it: each certificate's own responder)
    /// [env QOLTANBA_OCSP_URL].
    #[arg(long, value_name = "URL")]
    pub ocsp_url: Option<String>,
    /// A time-stamp authority (RFC 3161, http://) for `withTsp` on the CMS signing routes
    /// [env QOLTANBA_TSA_URL].
    #[arg(long, value_name = "URL")]
    pub tsa_url: Option<String>,
    /// How often each fetched CRL is fetched again, besides before its nextUpdate, in
    /// minutes [env QOLTANBA_CRL_REFRESH; default 60].
    #[arg(long, value_name = "MINUTES")]
    pub crl_refresh: Option<u64>,
    /// A key of the service (a PKCS#12 file), named NAME: requests sign with it by
    /// `keyStore: NAME` instead of sending a key. Anyone who can reach the service can
    /// sign with it. Repeatable [env QOLTANBA_KEY_STORES: NAME=FILE entries separated by ':'].
    #[arg(long = "key-store", value_name = "NAME=FILE")]
    pub key_store: Vec<String>,
    /// The password of key store NAME: the first line of FILE. Repeatable [env
    /// QOLTANBA_KEY_STORE_PASSWORD_<NAME> (the password itself, NAME in capitals)].
    #[arg(long = "key-store-password", value_name = "NAME=FILE")]
    pub key_store_password: Vec<String>,
}

/// A key store in the TOML file: `[key_stores.NAME]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyStoreFile {
    file: PathBuf,
    password_file: Option<PathBuf>,
}

/// The TOML configuration file (`--config`).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    listen: Option<String>,
    #[serde(default)]
    trust: Vec<PathBuf>,
    #[serde(default)]
    intermediate: Vec<PathBuf>,
    #[serde(default)]
    crl: Vec<PathBuf>,
    #[serde(default)]
    ocsp: Vec<PathBuf>,
    #[serde(default)]
    fetch: bool,
    tsa_url: Option<String>,
    ocsp_url: Option<String>,
    crl_cache: Option<PathBuf>,
    crl_refresh: Option<u64>,
    max_body: Option<usize>,
    max_concurrent: Option<usize>,
    timeout: Option<u64>,
    #[serde(default)]
    key_stores: std::collections::BTreeMap<String, KeyStoreFile>,
}

/// A QOLTANBA_* variable, when set and not empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A number from a QOLTANBA_* variable (a usage error when it is not one).
fn env_number<T: std::str::FromStr>(name: &str) -> Result<Option<T>, Failure> {
    env(name)
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| Failure::usage(format!("{name}={v:?} is not a number")))
        })
        .transpose()
}

/// Flags, else the variable (paths separated by ':'), else the file's list.
fn paths(flags: &[PathBuf], name: &str, file: &[PathBuf]) -> Vec<PathBuf> {
    if !flags.is_empty() {
        return flags.to_vec();
    }
    if let Some(v) = env(name) {
        return v
            .split(':')
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect();
    }
    file.to_vec()
}

pub fn run(args: &ServeArgs) -> u8 {
    error::finish(false, serve(args))
}

fn serve(args: &ServeArgs) -> Result<u8, Failure> {
    let file: ConfigFile = match &args.config {
        Some(p) => {
            let text = files::read(p, 1024 * 1024)?;
            let text = String::from_utf8_lossy(&text);
            // The position only, never toml's words: they quote the line, which may be a
            // password written where a file name belongs (review 106).
            toml::from_str(&text).map_err(|e| {
                let at = e.span().map_or(0, |s| s.start).min(text.len());
                let before = text.get(..at).unwrap_or("");
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Failure::usage(format!(
                    "{}: not the configuration expected (not TOML, a key unknown, or a value of another type) at line {line}, column {column}",
                    p.display()
                ))
            })?
        }
        None => ConfigFile::default(),
    };
    let trust = TrustArgs {
        trust: paths(&args.trust.trust, "QOLTANBA_TRUST", &file.trust),
        intermediate: paths(
            &args.trust.intermediate,
            "QOLTANBA_INTERMEDIATE",
            &file.intermediate,
        ),
        crl: paths(&args.trust.crl, "QOLTANBA_CRL", &file.crl),
        ocsp: paths(&args.trust.ocsp, "QOLTANBA_OCSP", &file.ocsp),
        revocation_scope: args.trust.revocation_scope,
        legacy_rsa_1024: args.trust.legacy_rsa_1024,
        crl_max_age: args.trust.crl_max_age,
        fetch: args.trust.fetch
            || env("QOLTANBA_FETCH").is_some_and(|v| v == "1" || v == "true")
            || file.fetch,
        crl_cache: args
            .trust
            .crl_cache
            .clone()
            .or_else(|| env("QOLTANBA_CRL_CACHE").map(PathBuf::from))
            .or(file.crl_cache),
    };
    if trust.trust.is_empty() {
        return Err(Failure::usage(
            "no trust anchor: give --trust, QOLTANBA_TRUST or trust in --config (nothing could be valid)",
        ));
    }
    let listen = args
        .listen
        .clone()
        .or_else(|| env("QOLTANBA_LISTEN"))
        .or(file.listen)
        .unwrap_or_else(|| "127.0.0.1:14579".into());
    let max_body = args
        .max_body
        .or(env_number("QOLTANBA_MAX_BODY")?)
        .or(file.max_body)
        .unwrap_or(10 * 1024 * 1024);
    let max_concurrent = args
        .max_concurrent
        .or(env_number("QOLTANBA_MAX_CONCURRENT")?)
        .or(file.max_concurrent)
        .unwrap_or(64);
    let timeout = args
        .timeout
        .or(env_number("QOLTANBA_TIMEOUT")?)
        .or(file.timeout)
        .unwrap_or(30);
    let crl_refresh = args
        .crl_refresh
        .or(env_number("QOLTANBA_CRL_REFRESH")?)
        .or(file.crl_refresh)
        .unwrap_or(60)
        // A minute to a year.
        .clamp(1, 60 * 24 * 366);
    let verifier = trust.files_verifier()?;
    let log: qoltanba::server::LogSink = Arc::new(|line: &str| errln!("{line}"));
    // The service's clock is the system's: the library reads none itself.
    let mut config =
        qoltanba::server::ServerConfig::new(Arc::new(verifier), Arc::new(chrono::Utc::now))
            .max_body(max_body)
            .max_concurrent(max_concurrent)
            .request_timeout(Duration::from_secs(timeout))
            .log(log.clone());
    let fetch_config = qoltanba::fetch::FetchConfig::default().refresh_interval(
        chrono::Duration::minutes(i64::try_from(crl_refresh).unwrap_or(60)),
    );
    let tsa_url = args
        .tsa_url
        .clone()
        .or_else(|| env("QOLTANBA_TSA_URL"))
        .or(file.tsa_url);
    let ocsp_url = args
        .ocsp_url
        .clone()
        .or_else(|| env("QOLTANBA_OCSP_URL"))
        .or(file.ocsp_url);
    if ocsp_url.is_some() || trust.fetch {
        // A question to a responder is bounded more tightly than a CRL download: it is
        // asked while a request waits.
        let bound = qoltanba::fetch::FetchConfig::default().timeout(Duration::from_secs(10));
        config = config
            .ocsp(ocsp_url.as_deref(), &bound)
            .map_err(|e| Failure::usage(format!("--ocsp-url: {e}")))?;
    }
    if let Some(url) = tsa_url {
        config = config
            .tsa(&url, &fetch_config)
            .map_err(|e| Failure::usage(format!("--tsa-url {url}: {e}")))?;
    }
    for (name, bundle) in key_stores(args, &file.key_stores)? {
        config = config.key_store(name, bundle);
    }
    if let Some(fetcher) = trust.fetcher(&config.verifier(), &[], fetch_config)? {
        config = config.crl_fetcher(first_fetch(fetcher, &log))?;
        if trust.fetch {
            // --fetch: also the CRLs the requests' (verified) certificates name.
            config = config.discover_crls();
        }
    }
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Failure::usage(format!("cannot start the runtime: {e}")))?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .map_err(|e| Failure::usage(format!("cannot listen on {listen}: {e}")))?;
        let address = listener
            .local_addr()
            .map_err(|e| Failure::usage(format!("cannot listen on {listen}: {e}")))?;
        let shutdown =
            shutdown_signal().map_err(|e| Failure::usage(format!("cannot handle SIGTERM: {e}")))?;
        // The first line a supervisor (or a test) reads: where the service listens.
        outln!("listening on http://{address}");
        qoltanba::server::serve(listener, config, shutdown)
            .await
            .map_err(|e| Failure::usage(format!("the service stopped: {e}")))?;
        Ok(exit::VALID)
    });
    // A CRL fetch still running (its own time bound is a minute) is not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

/// Longest key store file read.
const MAX_KEY_STORE_FILE: usize = 16 * 1024 * 1024;

/// Is `name` a key store's name: letters, digits, '-' and '_', 1 to 64?
fn store_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `NAME=VALUE` of `option`. The entry is not repeated in the error: an operator who
/// gave a password where its file was asked for would see it printed.
fn named<'a>(entry: &'a str, option: &str) -> Result<(&'a str, &'a str), Failure> {
    entry
        .split_once('=')
        .filter(|(n, v)| store_name(n) && !v.is_empty())
        .ok_or_else(|| {
            Failure::usage(format!(
                "{option}: NAME=FILE, NAME of letters, digits, '-' and '_' (FILE: a path, never the password itself)"
            ))
        })
}

/// The variable that holds the password of key store `name`.
fn password_variable(name: &str) -> String {
    format!(
        "QOLTANBA_KEY_STORE_PASSWORD_{}",
        name.to_ascii_uppercase().replace('-', "_")
    )
}

/// The key stores: flags, else QOLTANBA_KEY_STORES, else the file's tables; each opened
/// now (a wrong password stops the service before it listens, naming the store, not the
/// password), its password from --key-store-password, QOLTANBA_KEY_STORE_PASSWORD_<NAME>
/// or the table's password_file.
fn key_stores(
    args: &ServeArgs,
    file: &std::collections::BTreeMap<String, KeyStoreFile>,
) -> Result<Vec<(String, qoltanba::keys::KeyBundle)>, Failure> {
    let mut stores: Vec<(String, PathBuf, Option<PathBuf>)> = Vec::new();
    let listed: Vec<String> = if !args.key_store.is_empty() {
        args.key_store.clone()
    } else if let Some(v) = env("QOLTANBA_KEY_STORES") {
        v.split(':')
            .filter(|e| !e.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        for (name, entry) in file {
            if !store_name(name) {
                return Err(Failure::usage(
                    "key_stores: a NAME of letters, digits, '-' and '_' (1 to 64)",
                ));
            }
            stores.push((
                name.clone(),
                entry.file.clone(),
                entry.password_file.clone(),
            ));
        }
        Vec::new()
    };
    for entry in &listed {
        let (name, path) = named(entry, "--key-store")?;
        stores.push((name.to_string(), PathBuf::from(path), None));
    }
    for entry in &args.key_store_password {
        let (name, path) = named(entry, "--key-store-password")?;
        let store = stores
            .iter_mut()
            .find(|(n, _, _)| n == name)
            .ok_or_else(|| {
                Failure::usage(format!(
                    "--key-store-password {name}: no key store of that name"
                ))
            })?;
        store.2 = Some(PathBuf::from(path));
    }
    let mut opened: Vec<(String, qoltanba::keys::KeyBundle)> = Vec::with_capacity(stores.len());
    for (name, path, password_file) in stores {
        // Two names that share a password variable (`a-b` and `A_B`) are one name twice.
        if opened
            .iter()
            .any(|(n, _)| password_variable(n) == password_variable(&name))
        {
            return Err(Failure::usage(format!(
                "key store {name}: named twice (names differ in more than case, '-' and '_')"
            )));
        }
        let password = match &password_file {
            Some(p) => files::password(p)?,
            None => {
                let var = password_variable(&name);
                qoltanba::keys::password_from_env(&var).ok_or_else(|| {
                    Failure::usage(format!(
                        "key store {name}: no password (--key-store-password {name}=FILE or {var})"
                    ))
                })?
            }
        };
        let bytes = files::secret(&path, MAX_KEY_STORE_FILE)?;
        let bundle = qoltanba::keys::open_pkcs12(&bytes, &password)
            .map_err(|e| Failure::usage(format!("key store {name} ({}): {e}", path.display())))?;
        opened.push((name, bundle));
    }
    Ok(opened)
}

/// The fetcher's CRLs read from its cache and fetched once, before the service listens
/// (the first requests are judged with them), each outcome logged.
fn first_fetch(
    mut fetcher: qoltanba::fetch::CrlFetcher,
    log: &qoltanba::server::LogSink,
) -> qoltanba::fetch::CrlFetcher {
    let cached = fetcher.load_cache();
    let now = chrono::Utc::now();
    let outcomes = fetcher.refresh(now);
    for (url, outcome) in outcomes {
        let (what, reason) = match outcome {
            qoltanba::fetch::Refreshed::Updated => ("updated", String::new()),
            qoltanba::fetch::Refreshed::Unchanged => ("unchanged", String::new()),
            qoltanba::fetch::Refreshed::Failed(e) => ("failed", e.to_string()),
            _ => ("other", String::new()),
        };
        log(&serde_json::json!({
            "ts": now.to_rfc3339(),
            "event": "crl_refresh",
            "url": url,
            "outcome": what,
            "reason": reason,
            "cached_at_start": cached,
        })
        .to_string());
    }
    fetcher
}

/// SIGTERM or Ctrl-C: stop accepting, finish the requests in flight.
///
/// The handlers are installed here, before the service says where it listens: a supervisor's
/// (or a test's) SIGTERM right after that line must find them. Installed lazily, at the
/// future's first poll on another task, a SIGTERM on a busy machine met the default action
/// and killed the process (exit by signal 15, requests in flight lost).
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = interrupt.recv() => {},
            }
        })
    }
    #[cfg(not(unix))]
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
