//! qoltanba side by side with the OpenSSL command line, in the same run.
//!
//! `cargo bench --features hazmat --bench vs_openssl` prints a table (also written to
//! `target/bench-data/vs_openssl.md`):
//!
//! 1. loading a 1,000,000-entry CRL: read file + `Crl::from_der` + `Verifier::build()`
//!    (which checks the CRL signature) against `openssl crl -inform DER -in big.crl -noout`,
//!    time and peak RSS (goal: >= 10x faster, <= 1/5 of OpenSSL's peak memory);
//! 2. verifying 10,000 certificates in one process against that CRL (goal >= 100x) and
//!    against a 100-entry CRL (goal >= 10x), against one `openssl verify -crl_check`
//!    process given all certificates.
//!
//! Peak memory is each side's child process max RSS from `/usr/bin/time -f %M`: this
//! binary re-executes itself (environment `QOLTANBA_BENCH_CHILD`) for qoltanba's side.
//!
//! Environment:
//! * `QOLTANBA_BENCH_OPENSSL_SUBSET=N` (default 200): how many certificates `openssl
//!   verify` gets with the 1M-entry CRL; its time for 10,000 is extrapolated linearly from
//!   runs with 1 and N certificates. `N=10000` measures the whole batch (about an hour).
//! * `QOLTANBA_BENCH_RUNS=N` (default 5): repetitions of each in-process measurement.
//! * `QOLTANBA_BENCH_PHASES_ONLY=1`: only the per-certificate breakdown (small CRL, one
//!   thread), printed `QOLTANBA_BENCH_RUNS` times: a quick before/after check of one change,
//!   to interleave with another build's binary on a shared machine.

#[path = "support/mod.rs"]
mod support;

use support::figures::{env_num, median};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use qoltanba::revocation::Crl;
use qoltanba::SignatureCheck;
use qoltanba::Verifier;
use support::{BenchData, ChildRun};

const CHILD_ENV: &str = "QOLTANBA_BENCH_CHILD";
const CHILD_CRL_ENV: &str = "QOLTANBA_BENCH_CRL";
const CHILD_THREADS_ENV: &str = "QOLTANBA_BENCH_THREADS";

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        child(&mode);
        return;
    }
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!(
            "vs_openssl: benchmark only; run `cargo bench --features hazmat --bench vs_openssl`"
        );
        return;
    }
    let runs: usize = env_num("QOLTANBA_BENCH_RUNS", 5).max(1);
    let subset: usize = env_num("QOLTANBA_BENCH_OPENSSL_SUBSET", 200).clamp(2, support::N_CERTS);

    let data = support::bench_data();
    if std::env::var_os("QOLTANBA_BENCH_PHASES_ONLY").is_some() {
        support::validate_with_library(&data);
        for _ in 0..runs {
            println!("{}", per_cert_phases(&data, &data.small_crl));
        }
        return;
    }
    eprintln!("validating the generated material with qoltanba and openssl ...");
    support::validate_with_library(&data);
    support::validate_with_openssl(&data);
    if !support::have_gnu_time() {
        eprintln!("note: /usr/bin/time is missing (Debian package `time`): no peak memory figures");
    }

    let mut report = Report::default();
    report.machine();

    // --- 1. Load + signature check + index of the 1M-entry CRL -------------------------
    eprintln!("[1] loading the 1M-entry CRL ({} runs each side) ...", runs);
    let mut phases = Vec::new();
    for _ in 0..runs {
        phases.push(load_phases(&data, &data.big_crl));
    }
    let ours_load = median(phases.iter().map(|p| p.total));
    let ours_child = measure_child(&data, "load", &data.big_crl, 1);
    let mut ossl = Vec::new();
    for _ in 0..runs {
        let mut c = Command::new("openssl");
        c.args(["crl", "-inform", "DER", "-in"])
            .arg(&data.big_crl)
            .arg("-noout");
        let r = support::measure(&c);
        assert_eq!(r.code, Some(0), "openssl crl: {}", r.stderr);
        ossl.push(r);
    }
    let ossl_load = median(ossl.iter().map(|r| r.wall));
    let ossl_load_rss = max_rss(&ossl);
    let mut ossl_sig = Vec::new();
    for _ in 0..runs.min(3) {
        let mut c = Command::new("openssl");
        c.args(["crl", "-inform", "DER", "-in"])
            .arg(&data.big_crl)
            .arg("-noout")
            .arg("-CAfile")
            .arg(&data.ca_pem);
        let r = support::measure(&c);
        assert!(
            r.code == Some(0) && r.stderr.contains("verify OK"),
            "openssl crl -CAfile: {}",
            r.stderr
        );
        ossl_sig.push(r);
    }
    report.row(Row {
        op: format!(
            "1. load 1M-entry CRL ({:.0} MB DER): read + parse + signature + index; openssl: `crl -noout`",
            std::fs::metadata(&data.big_crl).map_or(0, |m| m.len()) as f64 / 1e6
        ),
        ours: ours_load,
        ours_cpu: ours_child.cpu,
        ours_rss: ours_child.max_rss_kib,
        openssl: ossl_load,
        openssl_cpu: median_cpu(&ossl),
        openssl_rss: ossl_load_rss,
        goal: Some(Goal { speed: 10.0, memory: Some(5.0) }),
    });
    report.row(Row {
        op: "   same, openssl with signature check (`crl -noout -CAfile nca_rsa.pem`)".into(),
        ours: ours_load,
        ours_cpu: ours_child.cpu,
        ours_rss: ours_child.max_rss_kib,
        openssl: median(ossl_sig.iter().map(|r| r.wall)),
        openssl_cpu: median_cpu(&ossl_sig),
        openssl_rss: max_rss(&ossl_sig),
        goal: None,
    });
    let p = median_phases(&phases);
    report.note(format!(
        "qoltanba load phases (median of {runs}): read file {}, `Crl::from_der` (walk + index) {}, \
         `build()` (CRL signature: SHA-256 of the tbsCertList + RSA-2048) {}; \
         child process wall time {} (process start included)",
        fmt_d(p.read),
        fmt_d(p.parse),
        fmt_d(p.build),
        fmt_d(ours_child.wall)
    ));

    // --- 2. Verify 10,000 certificates in one process -----------------------------------
    let n = support::N_CERTS;
    let (want_valid, want_invalid) = support::expected_counts(n);
    for (label, crl_der, crl_pem, goal) in [
        ("100-entry", &data.small_crl, &data.small_crl_pem, 10.0),
        ("1M-entry", &data.big_crl, &data.big_crl_pem, 100.0),
    ] {
        eprintln!("[2] verifying {n} certificates against the {label} CRL ...");
        let mut ours = [Vec::new(), Vec::new()];
        for (t, results) in ours.iter_mut().enumerate() {
            for _ in 0..runs.min(3) {
                let r = support::run_batch(&data, crl_der, n, t + 1);
                assert_eq!(
                    (r.valid, r.invalid, r.indeterminate),
                    (want_valid, want_invalid, 0),
                    "qoltanba verdicts"
                );
                results.push(r);
            }
        }
        let child = [
            measure_child(&data, "verify", crl_der, 1),
            measure_child(&data, "verify", crl_der, 2),
        ];

        let full = label == "100-entry" || subset >= n;
        let (ossl_time, ossl_cpu, ossl_rss, how) = if full {
            // The whole batch against the 1M-entry CRL takes about ten minutes: once.
            let reps = if label == "1M-entry" { 1 } else { runs.min(3) };
            let runs: Vec<ChildRun> = (0..reps)
                .map(|_| openssl_batch(&data, crl_pem, n))
                .collect();
            (
                median(runs.iter().map(|r| r.wall)),
                median_cpu(&runs),
                max_rss(&runs),
                String::new(),
            )
        } else {
            eprintln!("    openssl verify: 1 and {subset} certificates (extrapolated to {n}) ...");
            let one: Vec<ChildRun> = (0..2).map(|_| openssl_batch(&data, crl_pem, 1)).collect();
            let t1 = median(one.iter().map(|r| r.wall));
            let sub = openssl_batch(&data, crl_pem, subset);
            let per_cert = (sub.wall.saturating_sub(t1)).as_secs_f64() / (subset - 1) as f64;
            let est = t1.as_secs_f64() + per_cert * (n - 1) as f64;
            let cpu_est = match (median_cpu(&one), sub.cpu) {
                (Some(c1), Some(cs)) => Some(Duration::from_secs_f64(
                    c1.as_secs_f64()
                        + cs.saturating_sub(c1).as_secs_f64() / (subset - 1) as f64
                            * (n - 1) as f64,
                )),
                _ => None,
            };
            report.note(format!(
                "openssl verify, {label} CRL: 1 certificate {} (median of 2), {subset} certificates {} \
                 -> {:.1} ms per further certificate -> 10,000 certificates estimated as \
                 {} + 9,999 x {:.1} ms = {} (EXTRAPOLATED, not measured)",
                fmt_d(t1),
                fmt_d(sub.wall),
                per_cert * 1e3,
                fmt_d(t1),
                per_cert * 1e3,
                fmt_d(Duration::from_secs_f64(est))
            ));
            (
                Duration::from_secs_f64(est),
                cpu_est,
                sub.max_rss_kib.max(max_rss(&one)),
                format!(" (openssl extrapolated from {subset})"),
            )
        };
        for (t, results) in ours.iter().enumerate() {
            let threads = t + 1;
            report.row(Row {
                op: format!(
                    "2. verify {n} certs, {label} CRL, {threads} thread{}: build + read/parse/check{how}",
                    if threads > 1 { "s" } else { "" }
                ),
                ours: median(results.iter().map(|r| r.total)),
                ours_cpu: child[t].cpu,
                ours_rss: child[t].max_rss_kib,
                openssl: ossl_time,
                openssl_cpu: ossl_cpu,
                openssl_rss: ossl_rss,
                goal: Some(Goal { speed: goal, memory: None }),
            });
        }
        let b = median(ours.iter().flatten().map(|r| r.build));
        let c1 = median(ours[0].iter().map(|r| r.checks));
        let c2 = median(ours[1].iter().map(|r| r.checks));
        report.note(format!(
            "qoltanba, {label} CRL: verifier build {} (read + load + CRL signature), then {n} \
             certificates {} on 1 thread ({:.1} us each), {} on 2 threads; child process wall \
             time (1 / 2 threads, process start included) {} / {}",
            fmt_d(b),
            fmt_d(c1),
            c1.as_secs_f64() * 1e6 / n as f64,
            fmt_d(c2),
            fmt_d(child[0].wall),
            fmt_d(child[1].wall)
        ));
    }

    report.note(per_cert_phases(&data, &data.small_crl));
    report.note(format!("load average at the end: {}", support::loadavg()));
    let text = report.render();
    println!("{text}");
    let out = data.dir.parent().unwrap_or(&data.dir).join("vs_openssl.md");
    if std::fs::write(&out, &text).is_ok() {
        eprintln!("written to {}", out.display());
    }
}

// ---------------------------------------------------------------------------------------

/// Where one certificate's time goes, on one thread: read the PEM file, parse it, verify
/// its RSA signature alone, `check_certificate` with a fresh verifier (signature cache
/// cold: what the batch does), and again (cache warm: everything but the RSA verification).
fn per_cert_phases(data: &BenchData, crl_file: &Path) -> String {
    let n = support::N_CERTS;
    let t = Instant::now();
    let files: Vec<Vec<u8>> = (0..n)
        .map(|i| std::fs::read(data.cert_path(i)).expect("read"))
        .collect();
    let read = t.elapsed();
    let t = Instant::now();
    let certs: Vec<qoltanba::Certificate> = files
        .iter()
        .map(|b| qoltanba::Certificate::from_input(b).expect("parse"))
        .collect();
    let parse = t.elapsed();
    let ders: Vec<Vec<u8>> = certs.iter().map(|c| c.der().to_vec()).collect();
    let t = Instant::now();
    for b in &files {
        std::hint::black_box(
            qoltanba::input::decode_one(b, qoltanba::input::ObjectKind::Certificate)
                .expect("decode"),
        );
    }
    let pem = t.elapsed();
    let t = Instant::now();
    for d in &ders {
        std::hint::black_box(qoltanba::Certificate::from_der(d).expect("parse"));
    }
    let parse_der = t.elapsed();
    let (_, ca) = data.root_and_ca();
    let t = Instant::now();
    for c in &certs {
        let r = qoltanba::hazmat::verify(
            ca.public_key(),
            c.signature_algorithm(),
            c.tbs(),
            c.signature(),
        );
        assert_eq!(r, SignatureCheck::Valid);
    }
    let sig = t.elapsed();
    let verifier = support::verifier_from_crl_file(data, crl_file);
    let expect = support::expectation();
    let t = Instant::now();
    for c in &certs {
        let _ = std::hint::black_box(verifier.check_certificate(c, &expect));
    }
    let cold = t.elapsed();
    let t = Instant::now();
    for c in &certs {
        let _ = std::hint::black_box(verifier.check_certificate(c, &expect));
    }
    let warm = t.elapsed();
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    format!(
        "qoltanba per certificate, 1 thread, small CRL (us): read PEM file {:.1}, \
         `Certificate::from_input` (PEM) {:.1} (apart: PEM to DER {:.1}, `from_der` {:.1}), \
         `check_certificate` cold {:.1} = RSA-2048 signature verification {:.1} (ring, \
         alone) + the rest {:.1} (warm `check_certificate`, signature cached: {:.1})",
        us(read),
        us(parse),
        us(pem),
        us(parse_der),
        us(cold),
        us(sig),
        us(cold.saturating_sub(sig)),
        us(warm)
    )
}

#[derive(Clone, Copy, Default)]
struct LoadPhases {
    read: Duration,
    parse: Duration,
    build: Duration,
    total: Duration,
}

/// Read the file, `Crl::from_der`, build the verifier: as an application starts up.
fn load_phases(data: &BenchData, crl_file: &Path) -> LoadPhases {
    let (root, ca) = data.root_and_ca();
    let t0 = Instant::now();
    let bytes = std::fs::read(crl_file).expect("read CRL");
    let t1 = Instant::now();
    let crl = Crl::from_der(bytes).expect("load CRL");
    let t2 = Instant::now();
    let verifier = Verifier::builder()
        .trust(root)
        .expect("trust")
        .intermediate(ca.clone())
        .expect("intermediate")
        .crl(crl)
        .expect("crl")
        .build();
    let t3 = Instant::now();
    assert_eq!(verifier.crls().signed_by(0, &ca), SignatureCheck::Valid);
    let r = LoadPhases {
        read: t1 - t0,
        parse: t2 - t1,
        build: t3 - t2,
        total: t3 - t0,
    };
    // Freeing the verifier is not part of the load.
    drop(verifier);
    r
}

fn median_phases(p: &[LoadPhases]) -> LoadPhases {
    LoadPhases {
        read: median(p.iter().map(|x| x.read)),
        parse: median(p.iter().map(|x| x.parse)),
        build: median(p.iter().map(|x| x.build)),
        total: median(p.iter().map(|x| x.total)),
    }
}

/// qoltanba's side in a fresh process of this binary, for its peak RSS.
fn measure_child(data: &BenchData, mode: &str, crl: &Path, threads: usize) -> ChildRun {
    let exe = std::env::current_exe().expect("current exe");
    let mut c = Command::new(exe);
    c.env(CHILD_ENV, mode)
        .env(CHILD_CRL_ENV, crl)
        .env(CHILD_THREADS_ENV, threads.to_string());
    let r = support::measure(&c);
    assert_eq!(r.code, Some(0), "child {mode}: {}{}", r.stdout, r.stderr);
    let _ = data;
    r
}

/// Child mode: do one side's work once and exit.
fn child(mode: &str) {
    let data = support::bench_data();
    let crl = PathBuf::from(std::env::var_os(CHILD_CRL_ENV).expect("CRL path"));
    match mode {
        "load" => {
            let p = load_phases(&data, &crl);
            println!("loaded in {:?}", p.total);
        }
        "verify" => {
            let threads = env_num(CHILD_THREADS_ENV, 1);
            let r = support::run_batch(&data, &crl, support::N_CERTS, threads);
            let (v, i) = support::expected_counts(support::N_CERTS);
            assert_eq!((r.valid, r.invalid, r.indeterminate), (v, i, 0));
            println!("verified in {:?}", r.total);
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// One `openssl verify` process over certificates `0..n`; its verdicts must be the
/// expected ones.
fn openssl_batch(data: &BenchData, crl_pem: &Path, n: usize) -> ChildRun {
    let cmd = support::openssl_verify_command(data, crl_pem, &data.certs[..n]);
    let r = support::measure(&cmd);
    let (want_ok, want_revoked) = support::expected_counts(n);
    let got = support::tally_openssl_verify(&r.stdout, &r.stderr);
    assert_eq!(
        got,
        (want_ok, want_revoked, 0),
        "openssl verify verdicts for {n} certificates:\n{}",
        r.stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    r
}

fn median_cpu(runs: &[ChildRun]) -> Option<Duration> {
    let v: Vec<Duration> = runs.iter().filter_map(|r| r.cpu).collect();
    (!v.is_empty()).then(|| median(v.into_iter()))
}

fn max_rss(runs: &[ChildRun]) -> Option<u64> {
    runs.iter().filter_map(|r| r.max_rss_kib).max()
}

fn fmt_d(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 100.0 {
        format!("{s:.0} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.1} us", s * 1e6)
    }
}

fn fmt_rss(k: Option<u64>) -> String {
    match k {
        Some(k) => format!("{:.1} MiB", k as f64 / 1024.0),
        None => "n/a".into(),
    }
}

struct Goal {
    /// qoltanba at least this many times faster.
    speed: f64,
    /// qoltanba's peak memory at most 1/this of OpenSSL's.
    memory: Option<f64>,
}

struct Row {
    op: String,
    /// Median wall time, in process.
    ours: Duration,
    /// CPU time of the same work in a child process (user + system).
    ours_cpu: Option<Duration>,
    ours_rss: Option<u64>,
    /// Median wall time of the `openssl` process.
    openssl: Duration,
    openssl_cpu: Option<Duration>,
    openssl_rss: Option<u64>,
    goal: Option<Goal>,
}

#[derive(Default)]
struct Report {
    header: Vec<String>,
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Report {
    fn machine(&mut self) {
        self.header.push(support::machine_line());
    }

    fn row(&mut self, r: Row) {
        self.rows.push(r);
    }

    fn note(&mut self, s: String) {
        self.notes.push(s);
    }

    fn render(&self) -> String {
        let mut s = String::new();
        for h in &self.header {
            let _ = writeln!(s, "{h}\n");
        }
        let _ = writeln!(
            s,
            "| operation | qoltanba wall | openssl wall | speed-up (wall) | qoltanba CPU | openssl CPU | speed-up (CPU) | peak RSS qoltanba | peak RSS openssl | memory ratio | goal (on wall time) | met |"
        );
        let _ = writeln!(
            s,
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
        );
        for r in &self.rows {
            let ratio = r.openssl.as_secs_f64() / r.ours.as_secs_f64().max(1e-12);
            let mem_ratio = match (r.ours_rss, r.openssl_rss) {
                (Some(o), Some(x)) if o > 0 => Some(x as f64 / o as f64),
                _ => None,
            };
            let (goal, met) = match &r.goal {
                None => ("-".to_string(), "-".to_string()),
                Some(g) => {
                    let mut text = format!(">= {}x faster", g.speed);
                    let mut ok = ratio >= g.speed;
                    if let Some(m) = g.memory {
                        let _ = write!(text, ", <= 1/{m} memory");
                        ok &= mem_ratio.is_some_and(|x| x >= m);
                    }
                    (text, if ok { "yes" } else { "**NO**" }.to_string())
                }
            };
            let cpu_ratio = match (r.ours_cpu, r.openssl_cpu) {
                (Some(o), Some(x)) if !o.is_zero() => {
                    format!("{:.1}x", x.as_secs_f64() / o.as_secs_f64())
                }
                _ => "n/a".into(),
            };
            let fmt_o = |d: Option<Duration>| d.map_or("n/a".into(), fmt_d);
            let _ = writeln!(
                s,
                "| {} | {} | {} | {:.1}x | {} | {} | {cpu_ratio} | {} | {} | {} | {goal} | {met} |",
                r.op,
                fmt_d(r.ours),
                fmt_d(r.openssl),
                ratio,
                fmt_o(r.ours_cpu),
                fmt_o(r.openssl_cpu),
                fmt_rss(r.ours_rss),
                fmt_rss(r.openssl_rss),
                mem_ratio.map_or("n/a".into(), |m| format!("{m:.1}x less")),
            );
        }
        let _ = writeln!(s);
        for n in &self.notes {
            let _ = writeln!(s, "- {n}");
        }
        s
    }
}
