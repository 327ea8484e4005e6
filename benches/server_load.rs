//! The service under load, beside the library's own rate in the same run: NCANode's
//! `POST /cms/verify` on loopback, a Rust load generator with keep-alive connections.
//!
//! `cargo bench --features server --bench server_load` prints a table (also written to
//! `target/bench-data/server_load.md`):
//!
//! * material: an NCA-shaped RSA CMS (the test PKI's `individual_sign.p12` signs a 1 KB
//!   JSON request, attached; verified against root, intermediate and CRL) and a GOST 2015
//!   CMS (the real NCA test key `../shared/nca-test-pki/gost2015/individual_valid.p12`, its
//!   CA and CRL; skipped with a notice when `../shared` is absent);
//! * for 1 and 64 concurrent clients: requests/s, p50/p99/max latency, and the library's
//!   own rate (base64 decode, `SignedData::from_input`, `verify`) on 1 thread (for 1
//!   client) or on as many threads as cores (for 64), in the same run; the ratio is the
//!   server's share of the library's rate (goal for RSA: at least 70 %; p99 at 64 clients
//!   at most 10 ms);
//! * memory: the process's resident set after warm-up and after
//!   `QOLTANBA_LOAD_MEMORY_REQUESTS` (default 1,000,000) RSA requests at 64 clients (goal:
//!   flat).
//!
//! The server, its clients and the library run in this one process, on the same cores:
//! the generator's own work (a few µs a request) is part of the server's gap.
//!
//! Environment: `QOLTANBA_LOAD_SECONDS` (default 10) per measurement,
//! `QOLTANBA_LOAD_MEMORY_REQUESTS` (default 1,000,000; 0 skips the memory run).
//! `QOLTANBA_LOAD_PROFILE=1` (or `gost`) serves only the RSA (GOST) request at 64 clients,
//! with no library measurement and no memory run, for `perf record`; `gost-library` runs
//! only the library on the GOST request, on every core.

#[path = "support/mod.rs"]
mod support;

/// The allocator the `qoltanba` binary serves with (for the service and the library's
/// rate alike: they share this process).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use qoltanba::cms::{SignRequest, SignedData, VerifyOptions};
use qoltanba::{Judged as _, Verifier};
use support::figures::{env_num, fmt_rate};

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn shared(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/nca-test-pki")
        .join(name)
}

/// A verifier, a CMS it finds valid at `at`, and a label.
struct Material {
    label: &'static str,
    verifier: Arc<Verifier>,
    cms: Vec<u8>,
    at: chrono::DateTime<chrono::Utc>,
}

fn request_body() -> Vec<u8> {
    let mut body = String::from(
        "{\"service\":\"unemployment-certificate\",\"iin\":\"123456789011\",\"fields\":{",
    );
    for i in 0..20 {
        let _ = write!(
            body,
            "\"field_{i}\":\"value {i} of the applicant's request\","
        );
    }
    body.push_str("\"end\":true}}");
    body.into_bytes()
}

fn material(
    label: &'static str,
    trust: &Path,
    intermediate: &Path,
    crl: &Path,
    p12: &Path,
    at: &str,
) -> Option<Material> {
    let verifier = Verifier::builder()
        .trust_path(trust)
        .ok()?
        .intermediate_path(intermediate)
        .ok()?
        .crl_path(crl)
        .ok()?
        .build();
    let bundle = qoltanba::keys::open_pkcs12(&std::fs::read(p12).ok()?, b"Qwerty12").ok()?;
    let at: chrono::DateTime<chrono::Utc> = at.parse().ok()?;
    let signed_at = at - chrono::Duration::hours(1);
    let cms = qoltanba::cms::sign(
        &request_body(),
        &SignRequest::new(&bundle.certificate, signed_at).with_chain(&bundle.chain),
        &bundle.key,
    )
    .ok()?;
    let verdict = SignedData::from_ber(&cms)
        .ok()?
        .verify(&verifier, &VerifyOptions::at(at));
    if !verdict.is_valid() {
        eprintln!(
            "NOTICE: the {label} CMS is not valid here: {:?}",
            verdict.refusal()
        );
        return None;
    }
    Some(Material {
        label,
        verifier: Arc::new(verifier),
        cms,
        at,
    })
}

/// What the server does with a request body, without HTTP: the library's rate.
fn library_rate(m: &Material, threads: usize, seconds: u64) -> f64 {
    let text = base64::engine::general_purpose::STANDARD.encode(&m.cms);
    let stop = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let options = VerifyOptions::at(m.at);
                while !stop.load(Ordering::Relaxed) {
                    let der = base64::engine::general_purpose::STANDARD
                        .decode(&text)
                        .unwrap_or_default();
                    let valid = SignedData::from_input(&der)
                        .map(|sd| sd.verify(&m.verifier, &options).is_valid())
                        .unwrap_or(false);
                    assert!(valid);
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::Relaxed);
    });
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// The service for `m`, on a runtime of its own (as many workers as cores).
fn start_server(m: &Material) -> (SocketAddr, tokio::runtime::Runtime) {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    let workers = env_num("QOLTANBA_LOAD_WORKERS", 0);
    if workers > 0 {
        builder.worker_threads(workers);
    }
    let runtime = builder.enable_all().build().expect("a runtime");
    let at = m.at;
    let config = qoltanba::server::ServerConfig::new(m.verifier.clone(), Arc::new(move || at))
        .max_concurrent(env_num("QOLTANBA_LOAD_CONCURRENT", 64));
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let addr = listener.local_addr().expect("its address");
    runtime.spawn(qoltanba::server::serve(
        listener,
        config,
        std::future::pending(),
    ));
    (addr, runtime)
}

/// One keep-alive connection of the generator: non-blocking, on the generator's own
/// single-threaded runtime (64 connections on one thread, so the generator takes as
/// little of the cores the server needs as it can).
struct Client {
    stream: tokio::net::TcpStream,
    request: Arc<Vec<u8>>,
    expected: &'static [u8],
    buf: Vec<u8>,
}

impl Client {
    async fn new(
        addr: SocketAddr,
        request: Arc<Vec<u8>>,
        expected: &'static [u8],
    ) -> Option<Client> {
        let stream = tokio::net::TcpStream::connect(addr).await.ok()?;
        stream.set_nodelay(true).ok()?;
        Some(Client {
            stream,
            request,
            expected,
            buf: Vec::with_capacity(8192),
        })
    }

    /// One request; is the answer 200 with what is expected?
    async fn call(&mut self) -> bool {
        let mut sent = 0;
        while sent < self.request.len() {
            if self.stream.writable().await.is_err() {
                return false;
            }
            match self.stream.try_write(&self.request[sent..]) {
                Ok(n) => sent += n,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => return false,
            }
        }
        self.buf.clear();
        let mut chunk = [0u8; 8192];
        let mut answer = None;
        loop {
            if let Some((head_end, length)) = answer {
                if self.buf.len() >= head_end + length {
                    let body: &[u8] = &self.buf[head_end..];
                    return self.buf.starts_with(b"HTTP/1.1 200")
                        && body
                            .windows(self.expected.len())
                            .any(|w| w == self.expected);
                }
            }
            if self.stream.readable().await.is_err() {
                return false;
            }
            match self.stream.try_read(&mut chunk) {
                Ok(0) => return false,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                Err(_) => return false,
            }
            if answer.is_none() {
                if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&self.buf[..i]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    answer = Some((i + 4, length));
                }
            }
        }
    }
}

struct Load {
    rate: f64,
    p50: Duration,
    p99: Duration,
    max: Duration,
    failed: u64,
}

/// `clients` connections for `seconds` (or until `requests` when given).
fn load(addr: SocketAddr, body: &str, clients: usize, seconds: u64, requests: Option<u64>) -> Load {
    let request = format!(
        "POST /cms/verify HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    load_request(
        addr,
        request.into_bytes(),
        b"\"valid\":true",
        clients,
        seconds,
        requests,
    )
}

/// `clients` connections sending `request` for `seconds` (or until `requests`); an answer
/// counts when it is a 200 holding `expected`.
fn load_request(
    addr: SocketAddr,
    request: Vec<u8>,
    expected: &'static [u8],
    clients: usize,
    seconds: u64,
    requests: Option<u64>,
) -> Load {
    let request = Arc::new(request);
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let generator = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the generator's runtime");
    let started = Instant::now();
    let mut latencies: Vec<u32> = generator.block_on(async {
        let tasks: Vec<_> = (0..clients)
            .map(|_| {
                let (request, stop, sent, failed) =
                    (request.clone(), stop.clone(), sent.clone(), failed.clone());
                tokio::spawn(async move {
                    let mut mine = Vec::new();
                    let Some(mut client) = Client::new(addr, request.clone(), expected).await
                    else {
                        failed.fetch_add(1, Ordering::Relaxed);
                        return mine;
                    };
                    while !stop.load(Ordering::Relaxed) {
                        if let Some(n) = requests {
                            if sent.fetch_add(1, Ordering::Relaxed) >= n {
                                break;
                            }
                        }
                        let t = Instant::now();
                        if !client.call().await {
                            failed.fetch_add(1, Ordering::Relaxed);
                            match Client::new(addr, request.clone(), expected).await {
                                Some(c) => client = c,
                                None => break,
                            }
                            continue;
                        }
                        if requests.is_none() {
                            mine.push(u32::try_from(t.elapsed().as_micros()).unwrap_or(u32::MAX));
                        }
                    }
                    mine
                })
            })
            .collect();
        if requests.is_none() {
            tokio::time::sleep(Duration::from_secs(seconds)).await;
            stop.store(true, Ordering::Relaxed);
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap_or_default());
        }
        all
    });
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pick = |q: f64| {
        let i = ((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1));
        Duration::from_micros(latencies.get(i).copied().unwrap_or(0).into())
    };
    let count = requests.unwrap_or(latencies.len() as u64);
    Load {
        rate: count as f64 / elapsed,
        p50: pick(0.5),
        p99: pick(0.99),
        max: pick(1.0),
        failed: failed.load(Ordering::Relaxed),
    }
}

/// The resident set of this process, in MiB.
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seconds = env_num("QOLTANBA_LOAD_SECONDS", 10) as u64;
    let memory_requests = env_num("QOLTANBA_LOAD_MEMORY_REQUESTS", 1_000_000) as u64;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // "1" (or "rsa"): the served RSA request at 64 clients; "gost": the served GOST one;
    // "gost-library": the library alone on the GOST request (2 threads).
    let profile = std::env::var("QOLTANBA_LOAD_PROFILE").ok();
    let mut materials = Vec::new();
    materials.extend(material(
        "RSA-2048 (test PKI)",
        &pki("root.cer"),
        &pki("nca_rsa.cer"),
        &pki("nca_rsa_current.crl"),
        &pki("individual_sign.p12"),
        "2026-11-23T00:00:00Z",
    ));
    match material(
        "GOST 2015/512 (NCA test key)",
        &shared("gost2015/root_test_gost_2022.cer"),
        &shared("gost2015/nca_gost2022_test.cer"),
        &shared("gost2015/nca_gost2022_test.crl"),
        &shared("gost2015/individual_valid.p12"),
        "2026-11-23T00:00:00Z",
    ) {
        Some(m) => materials.push(m),
        None => {
            eprintln!("NOTICE: ../shared/nca-test-pki/gost2015 is absent or unusable: GOST skipped")
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "| CMS | clients | server req/s | p50 | p99 | max | failed | library req/s (threads) | server / library |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    let mut rss = None;
    if let Some(which) = profile {
        let m = match which.as_str() {
            "gost" | "gost-library" => materials.get(1),
            _ => materials.first(),
        };
        let Some(m) = m else { return };
        if which == "gost-library" {
            let rate = library_rate(m, cores, seconds);
            println!(
                "{} (library, {cores} threads): {} req/s",
                m.label,
                fmt_rate(rate)
            );
            return;
        }
        let (addr, runtime) = start_server(m);
        let body = format!(
            "{{\"cms\":\"{}\"}}",
            base64::engine::general_purpose::STANDARD.encode(&m.cms)
        );
        let served = load(addr, &body, 64, seconds, None);
        println!(
            "{}: {} req/s, p50 {}, p99 {}",
            m.label,
            fmt_rate(served.rate),
            ms(served.p50),
            ms(served.p99)
        );
        runtime.shutdown_timeout(Duration::from_secs(1));
        return;
    }
    for m in &materials {
        let (addr, runtime) = start_server(m);
        let body = format!(
            "{{\"cms\":\"{}\"}}",
            base64::engine::general_purpose::STANDARD.encode(&m.cms)
        );
        // Warm-up: connections, caches, the allocator.
        load(addr, &body, 64, 2, None);
        if std::ptr::eq(m, &materials[0]) {
            // The ceiling of this setup: HTTP round trips with no judgement at all (the
            // generator, the kernel's loopback and the HTTP layer, on the same cores).
            let health = format!("GET /actuator/health HTTP/1.1\r\nHost: {addr}\r\n\r\n");
            let bare = load_request(addr, health.into_bytes(), b"UP", 64, seconds, None);
            let line = format!(
                "| (no judgement: GET /actuator/health) | 64 | {} | {} | {} | {} | {} | | |",
                fmt_rate(bare.rate),
                ms(bare.p50),
                ms(bare.p99),
                ms(bare.max),
                bare.failed
            );
            eprintln!("{line}");
            let _ = writeln!(out, "{line}");
        }
        for clients in [1usize, 64] {
            let threads = if clients == 1 { 1 } else { cores };
            let served = load(addr, &body, clients, seconds, None);
            let library = library_rate(m, threads, seconds);
            let line = format!(
                "| {} | {clients} | {} | {} | {} | {} | {} | {} ({threads}) | {:.0} % |",
                m.label,
                fmt_rate(served.rate),
                ms(served.p50),
                ms(served.p99),
                ms(served.max),
                served.failed,
                fmt_rate(library),
                100.0 * served.rate / library
            );
            eprintln!("{line}");
            let _ = writeln!(out, "{line}");
        }
        if rss.is_none() && memory_requests > 0 {
            let before = rss_mib();
            let started = Instant::now();
            let run = load(addr, &body, 64, 0, Some(memory_requests));
            let after = rss_mib();
            rss = Some(format!(
                "Memory ({}, 64 clients): resident {before:.1} MiB after warm-up, {after:.1} MiB after {memory_requests} more requests ({:.0} s, {} req/s, {} failed).",
                m.label,
                started.elapsed().as_secs_f64(),
                fmt_rate(run.rate),
                run.failed
            ));
        }
        runtime.shutdown_timeout(Duration::from_secs(1));
    }
    if let Some(r) = &rss {
        let _ = writeln!(out, "\n{r}");
    }
    println!("{out}");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("server_load.md"), &out);
}
