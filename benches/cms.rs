//! Signed requests in, signed output documents out: qoltanba's CMS verify and sign
//! throughput beside the OpenSSL command line (and ring's raw RSA signing), in one run.
//!
//! `cargo bench --features hazmat --bench cms` prints a table (also written to `target/bench-data/cms.md`):
//!
//! 1. **verify** 1,000 signed requests (attached CMS DER, 1-2 KB JSON bodies, signed by
//!    `individual_sign.p12` with the library's `cms::sign`): qoltanba in one process (one
//!    `Verifier` built once; for each request read the file, `SignedData::from_input`,
//!    `verify` with the IIN expected; 1 and 2 threads) against `openssl cms -verify
//!    -crl_check`, which handles one message per process, run once per request in sequence.
//!    Goal: at least 10x OpenSSL's requests per second.
//! 2. **sign** a 1 KB document: `cms::sign` with the PKCS#12 key against ring's raw
//!    `RsaKeyPair::sign(RSA_PKCS1_SHA256)` on the same key in the same thread, interleaved
//!    (goal: within 10 %), and `openssl cms -sign` per process (for reference).
//!
//! Wall time and CPU time are both reported: the machine is shared. In-process CPU time is
//! the worker threads' own (`/proc/thread-self/schedstat`); OpenSSL's is the sum over its
//! processes (`/proc/self/stat` cutime + cstime after each is waited for); the child
//! process row uses `/usr/bin/time`.
//!
//! Environment:
//! * `QOLTANBA_BENCH_RUNS=N` (default 5): repetitions of each in-process verify batch;
//! * `QOLTANBA_BENCH_CMS_OPENSSL_N=N` (default 1000): `openssl cms -verify` processes; below
//!   1,000 the rate is measured on N and the 1,000 time extrapolated (the report says so);
//! * `QOLTANBA_BENCH_CMS_OPENSSL_SIGN_N=N` (default 100): `openssl cms -sign` processes;
//! * `QOLTANBA_BENCH_CMS_SIGN_SINGLES=N` (default 600): single signatures per side,
//!   interleaved one by one and timed each (the signing rates are their medians);
//! * `QOLTANBA_BENCH_CMS_SIGN_ROUNDS=R` (default 9) and `QOLTANBA_BENCH_CMS_SIGN_PER_ROUND=M`
//!   (default 100): interleaved blocks of signatures, for thread CPU time per side.

#[path = "support/mod.rs"]
mod support;

use support::figures::{diff, env_num, fmt_d, fmt_rate, median, median_opt, shorten};

use qoltanba::Judged as _;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::keys::{open_pkcs12, SigningKey};
use qoltanba::SignatureCheck;
use qoltanba::{Certificate, CheckName, Outcome, Overall};
use qoltanba::{HashAlgorithm, SignatureAlgorithm};
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use support::cms_data::{self as cd, CmsBenchData};

const CHILD_ENV: &str = "QOLTANBA_BENCH_CMS_CHILD";

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        child(&mode);
        return;
    }
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("cms: benchmark only; run `cargo bench --features hazmat --bench cms`");
        return;
    }
    let runs = env_num("QOLTANBA_BENCH_RUNS", 5).max(1);
    let ossl_n = env_num("QOLTANBA_BENCH_CMS_OPENSSL_N", cd::N_REQUESTS).clamp(10, cd::N_REQUESTS);
    let ossl_sign_n = env_num("QOLTANBA_BENCH_CMS_OPENSSL_SIGN_N", 100).clamp(5, 10_000);
    let singles = env_num("QOLTANBA_BENCH_CMS_SIGN_SINGLES", 600).max(4);
    let rounds = env_num("QOLTANBA_BENCH_CMS_SIGN_ROUNDS", 9).max(1);
    let per_round = env_num("QOLTANBA_BENCH_CMS_SIGN_PER_ROUND", 100).max(1);
    let n = cd::N_REQUESTS;

    let data = cd::cms_bench_data();
    let mut report = Report::default();
    report.machine();
    eprintln!("validating the material with qoltanba and openssl ...");
    validate(&data, &mut report);

    // --- 1. Verify ----------------------------------------------------------------------
    eprintln!("[1] qoltanba: verifying {n} requests in process ({runs} runs, 1 and 2 threads) ...");
    let mut ours: [Vec<BatchRun>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (t, v) in ours.iter_mut().enumerate() {
            let r = verify_batch(&data, t + 1);
            assert_eq!(r.valid, n, "every request must be valid");
            v.push(r);
        }
    }
    eprintln!("    qoltanba: from scratch per request (3 runs) ...");
    let scratch: Vec<BatchRun> = (0..3).map(|_| verify_from_scratch(&data)).collect();
    eprintln!("    qoltanba: the batch in a child process (3 runs) ...");
    let child_runs: Vec<support::ChildRun> = (0..3).map(|_| measure_child("verify")).collect();
    let phases = verify_phases(&data);

    eprintln!("[1] openssl cms -verify: {ossl_n} processes in sequence ...");
    let ossl = openssl_verify(&data, ossl_n);
    // Per request, scaled to the 1,000 of the batch (exact when ossl_n == 1,000).
    let scale = n as f64 / ossl_n as f64;
    let ossl_wall = ossl.wall.mul_f64(scale);
    let ossl_cpu = ossl.cpu.map(|c| c.mul_f64(scale));
    let how = if ossl_n == n {
        String::new()
    } else {
        format!(" (openssl: {ossl_n} processes measured, EXTRAPOLATED x{scale:.1})")
    };
    let startup = openssl_startup(50);

    for (t, results) in ours.iter().enumerate() {
        let threads = t + 1;
        let wall = median(results.iter().map(|r| r.wall));
        let cpu = median_opt(results.iter().map(|r| r.cpu));
        report.row(Row {
            op: format!(
                "1. verify {} signed requests, one process, {threads} thread{}: build verifier + read/parse/verify each{how}",
                fmt_rate(n as f64),
                if threads > 1 { "s" } else { "" }
            ),
            ours: Rate::new(n, wall, cpu, "req"),
            other: Rate::new(n, ossl_wall, ossl_cpu, "req"),
            other_name: "openssl cms -verify, 1 process per request".into(),
            goal: Some(Goal::AtLeast(10.0)),
        });
    }
    let cw = median(child_runs.iter().map(|r| r.wall));
    let cc = median_opt(child_runs.iter().map(|r| r.cpu));
    report.row(Row {
        op: format!(
            "   same, 1 thread, as a whole process (process start + verifier from files + 1,000 requests; /usr/bin/time){how}"
        ),
        ours: Rate::new(n, cw, cc, "req"),
        other: Rate::new(n, ossl_wall, ossl_cpu, "req"),
        other_name: "openssl cms -verify, 1 process per request".into(),
        goal: Some(Goal::AtLeast(10.0)),
    });
    report.row(Row {
        op: format!(
            "   qoltanba from scratch per request, 1 thread: re-read + parse root and CRL, new verifier (CRL signature, no signature cache) per request{how}"
        ),
        ours: Rate::new(
            n,
            median(scratch.iter().map(|r| r.wall)),
            median_opt(scratch.iter().map(|r| r.cpu)),
            "req",
        ),
        other: Rate::new(n, ossl_wall, ossl_cpu, "req"),
        other_name: "openssl cms -verify, 1 process per request".into(),
        goal: None,
    });
    let b = median(ours.iter().flatten().map(|r| r.build));
    report.note(format!(
        "qoltanba verify, in process (median of {runs}): verifier build (read + parse root.cer and the CRL, CRL signature) {}; \
         {n} requests {} on 1 thread ({:.1} us each), {} on 2 threads; child process (median of 3, process start included): \
         wall {}, CPU {}, peak RSS {}",
        fmt_d(b),
        fmt_d(median(ours[0].iter().map(|r| r.wall))),
        median(ours[0].iter().map(|r| r.wall)).as_secs_f64() * 1e6 / n as f64,
        fmt_d(median(ours[1].iter().map(|r| r.wall))),
        fmt_d(cw),
        cc.map_or("n/a".into(), fmt_d),
        fmt_rss(child_runs.iter().filter_map(|r| r.max_rss_kib).max()),
    ));
    report.note(phases);
    report.note(format!(
        "openssl cms -verify: {ossl_n} processes took {} wall, {} CPU (user + system of the children): {:.2} ms wall, {} CPU per request; \
         `openssl version` alone (process start + library init, median of 50 in sequence) takes {} wall",
        fmt_d(ossl.wall),
        ossl.cpu.map_or("n/a".into(), fmt_d),
        ossl.wall.as_secs_f64() * 1e3 / ossl_n as f64,
        ossl.cpu
            .map_or("n/a".into(), |c| format!("{:.2} ms", c.as_secs_f64() * 1e3 / ossl_n as f64)),
        fmt_d(startup),
    ));

    // --- 2. Sign ------------------------------------------------------------------------
    eprintln!(
        "[2] signing: {singles} single signatures interleaved, then {rounds} interleaved rounds of {per_round} \
         (ring raw, SigningKey::sign, cms::sign) ..."
    );
    let s = sign_rounds(&data, singles, rounds, per_round);
    // Wall: the median single signature; CPU: the blocks' thread CPU time per signature.
    let per_sig = |median: Duration, side: &Side| {
        Rate::new(1, median, side.cpu.map(|c| c / s.count as u32), "sig")
    };
    report.row(Row {
        op: format!(
            "2. sign 1 KB: `cms::sign` (attached, chain included) with the PKCS#12 key vs ring `RsaKeyPair::sign(RSA_PKCS1_SHA256)`, \
             same key, same thread (wall: median of {singles} interleaved single signatures; CPU: {rounds} interleaved blocks of {per_round})"
        ),
        ours: per_sig(s.median[2], &s.cms),
        other: per_sig(s.median[0], &s.ring),
        other_name: "ring raw".into(),
        goal: Some(Goal::WithinOf(0.10)),
    });
    report.row(Row {
        op: "   `SigningKey::sign` (the library's key, no CMS) vs ring raw".into(),
        ours: per_sig(s.median[1], &s.key),
        other: per_sig(s.median[0], &s.ring),
        other_name: "ring raw".into(),
        goal: None,
    });
    eprintln!("[2] openssl cms -sign: {ossl_sign_n} processes in sequence ...");
    let os = openssl_sign(&data, ossl_sign_n, &mut report);
    report.row(Row {
        op: "   `cms::sign` vs `openssl cms -sign -nodetach` (1 process per document; reference)"
            .into(),
        ours: per_sig(s.median[2], &s.cms),
        other: Rate::new(
            1,
            os.wall / ossl_sign_n as u32,
            os.cpu.map(|c| c / ossl_sign_n as u32),
            "sig",
        ),
        other_name: "openssl cms -sign".into(),
        goal: None,
    });
    report.note(s.note);

    report.note(format!("load average at the end: {}", support::loadavg()));
    let text = report.render();
    println!("{text}");
    let out = data.dir.parent().unwrap_or(&data.dir).join("cms.md");
    if std::fs::write(&out, &text).is_ok() {
        eprintln!("written to {}", out.display());
    }
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

/// Before anything is timed: both sides accept requests 0 and 999 (with the right content)
/// and refuse the revoked-signer and tampered controls.
fn validate(data: &CmsBenchData, report: &mut Report) {
    let verifier = cd::cms_verifier(data);
    let options = cd::cms_verify_options();
    for i in [0, cd::N_REQUESTS - 1] {
        let v = cd::verify_file(&data.requests[i], &verifier, &options);
        assert_eq!(
            v.overall(),
            Overall::Valid,
            "request {i}: {:?}",
            v.signers()
        );
        assert_eq!(v.signers().len(), 1);
        let iin = v.signers()[0]
            .check(CheckName::IinMatch)
            .expect("IIN checked");
        assert_eq!(iin.outcome(), Outcome::Passed);
        assert_eq!(
            v.verified_content().expect("content").as_bytes(),
            &cd::request_body(i)[..]
        );
    }
    let failed = |path: &Path, check: CheckName| {
        let v = cd::verify_file(path, &verifier, &options);
        assert_eq!(v.overall(), Overall::Invalid, "{}", path.display());
        let c = v.signers()[0].check(check).expect("check run");
        assert_eq!(c.outcome(), Outcome::Failed, "{}: {:?}", path.display(), c);
        c.reason().to_string()
    };
    let r_revoked = failed(&data.revoked, CheckName::Revocation);
    let r_tampered = failed(&data.tampered, CheckName::MessageDigest);

    let tmp = data
        .dir
        .join(format!("validate-{}.out", std::process::id()));
    for i in [0, cd::N_REQUESTS - 1] {
        let o = cd::openssl_cms_verify_command(data, &data.requests[i], &tmp)
            .output()
            .expect("run openssl cms -verify");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() && stderr.contains("Verification successful"),
            "openssl cms -verify request {i}: {stderr}"
        );
        assert_eq!(
            std::fs::read(&tmp).expect("openssl output"),
            cd::request_body(i),
            "openssl's content of request {i}"
        );
    }
    let refused = |path: &Path, expect: &str| {
        let o = cd::openssl_cms_verify_command(data, path, &tmp)
            .output()
            .expect("run openssl cms -verify");
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(
            !o.status.success() && stderr.contains(expect),
            "openssl cms -verify {} should fail with {expect:?}: {stderr}",
            path.display()
        );
        stderr
            .lines()
            .find(|l| l.contains(expect))
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let o_revoked = refused(&data.revoked, "certificate revoked");
    let o_tampered = refused(&data.tampered, "content verify error");
    let _ = std::fs::remove_file(&tmp);
    report.note(format!(
        "checked before timing: both sides accept requests 0 and 999 (same content out), and refuse the controls: \
         revoked signer (qoltanba revocation: \"{r_revoked}\"; openssl: \"{o_revoked}\"), one content byte changed \
         (qoltanba messageDigest: \"{}\"; openssl: \"{o_tampered}\")",
        shorten(&r_tampered, 60)
    ));
}

// ---------------------------------------------------------------------------------------
// Verify
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, Default)]
struct BatchRun {
    /// Building the verifier (files read, CRL signature).
    build: Duration,
    /// Build + every request.
    wall: Duration,
    /// CPU time of the threads doing it.
    cpu: Option<Duration>,
    valid: usize,
}

/// One verifier built once, then each request read, parsed and verified, on `threads`.
fn verify_batch(data: &CmsBenchData, threads: usize) -> BatchRun {
    let c0 = cd::thread_cpu_time();
    let t0 = Instant::now();
    let verifier = cd::cms_verifier(data);
    let options = cd::cms_verify_options();
    let build = t0.elapsed();
    let build_cpu = diff(c0, cd::thread_cpu_time());
    let chunk = data.requests.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<(usize, Option<Duration>)> = std::thread::scope(|s| {
        let handles: Vec<_> = data
            .requests
            .chunks(chunk)
            .map(|part| {
                let (verifier, options) = (&verifier, &options);
                s.spawn(move || {
                    let c = cd::thread_cpu_time();
                    let valid = part
                        .iter()
                        .filter(|p| cd::verify_file(p, verifier, options).is_valid())
                        .count();
                    (valid, diff(c, cd::thread_cpu_time()))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    let wall = t0.elapsed();
    let cpu = parts
        .iter()
        .fold(build_cpu, |acc, (_, c)| Some(acc? + (*c)?));
    BatchRun {
        build,
        wall,
        cpu,
        valid: parts.iter().map(|p| p.0).sum(),
    }
}

/// What one `openssl cms -verify` process does, minus the process: for every request read
/// and parse the trust anchor and the CRL, build a new verifier (CRL signature checked, an
/// empty signature cache), then read, parse and verify the request.
fn verify_from_scratch(data: &CmsBenchData) -> BatchRun {
    let c0 = cd::thread_cpu_time();
    let t0 = Instant::now();
    let options = cd::cms_verify_options();
    let mut valid = 0;
    for p in &data.requests {
        let verifier = cd::cms_verifier(data);
        valid += usize::from(cd::verify_file(p, &verifier, &options).is_valid());
    }
    assert_eq!(valid, data.requests.len());
    BatchRun {
        build: Duration::ZERO,
        wall: t0.elapsed(),
        cpu: diff(c0, cd::thread_cpu_time()),
        valid,
    }
}

/// Where one request's time goes on one thread (wall and thread CPU): reading the file,
/// parsing the CMS (and, for comparison, parsing its 2 certificates alone), verifying it
/// (the first request fills the signature cache with the certificates' two signatures),
/// and inside that the RSA-2048 verification of the SignerInfo signature and the
/// certificate condition alone.
fn verify_phases(data: &CmsBenchData) -> String {
    let n = data.requests.len();
    let (files, read) = timed(|| {
        data.requests
            .iter()
            .map(|p| std::fs::read(p).expect("read"))
            .collect::<Vec<Vec<u8>>>()
    });
    let (parsed, parse) = timed(|| {
        files
            .iter()
            .map(|b| SignedData::from_input(b).expect("parse"))
            .collect::<Vec<SignedData>>()
    });
    let ders: Vec<Vec<u8>> = parsed[0]
        .certificates()
        .iter()
        .map(|c| c.der().to_vec())
        .collect();
    let ((), certs) = timed(|| {
        for _ in 0..n {
            for d in &ders {
                black_box(Certificate::from_der(d).expect("certificate"));
            }
        }
    });
    let verifier = cd::cms_verifier(data);
    let options = cd::cms_verify_options();
    let ((), verify) = timed(|| {
        for c in &parsed {
            assert!(c.verify(&verifier, &options).is_valid());
        }
    });
    // The certificate condition alone, warm (what `verify` runs on the signer's certificate).
    let signer = cd::pki_cert("individual_sign.cer");
    let pool = parsed[0].certificates().to_vec();
    let expect = support::expectation();
    let ((), condition) = timed(|| {
        for _ in 0..n {
            let v = verifier.check_certificate_with(&signer, &expect, &pool);
            assert_eq!(v.overall(), Overall::Valid);
        }
    });
    // The RSA verification of a SignerInfo signature alone (ring through the library).
    let key = open_pkcs12(&std::fs::read(&data.p12).expect("p12"), cd::P12_PASSWORD)
        .expect("p12")
        .key;
    let alg = SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256);
    let msgs: Vec<Vec<u8>> = (0..200).map(cd::request_body).collect();
    let sigs: Vec<Vec<u8>> = msgs.iter().map(|m| key.sign(m).expect("sign")).collect();
    let ((), rsa) = timed(|| {
        for _ in 0..n / msgs.len() {
            for (m, s) in msgs.iter().zip(&sigs) {
                assert_eq!(
                    qoltanba::hazmat::verify(signer.public_key(), &alg, m, s),
                    SignatureCheck::Valid
                );
            }
        }
    });
    let rsa_n = n / msgs.len() * msgs.len();
    let per = |t: Timed, k: usize| {
        let w = t.wall.as_secs_f64() * 1e6 / k as f64;
        match t.cpu {
            Some(c) => format!("{w:.1} / {:.1}", c.as_secs_f64() * 1e6 / k as f64),
            None => format!("{w:.1} / n/a"),
        }
    };
    format!(
        "qoltanba per request, 1 thread (us, wall / thread CPU): read file {}; `SignedData::from_input` {} \
         (parsing its 2 certificates alone with `Certificate::from_der`: {}); `verify` {}, of which the certificate \
         condition (`check_certificate_with`, warm) {} and one RSA-2048 verification of the SignerInfo signature {}; \
         the certificates' own signatures are verified for the first request only and then come from the verifier's \
         signature cache, as every request has the same signer",
        per(read, n),
        per(parse, n),
        per(certs, n),
        per(verify, n),
        per(condition, n),
        per(rsa, rsa_n),
    )
}

#[derive(Clone, Copy)]
struct Timed {
    wall: Duration,
    cpu: Option<Duration>,
}

/// Run `f` once: its result, wall time and the calling thread's CPU time.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Timed) {
    let c = cd::thread_cpu_time();
    let t = Instant::now();
    let r = f();
    let wall = t.elapsed();
    (
        r,
        Timed {
            wall,
            cpu: diff(c, cd::thread_cpu_time()),
        },
    )
}

/// Sequential processes, wall and CPU.
struct Procs {
    wall: Duration,
    cpu: Option<Duration>,
}

/// `openssl cms -verify` once per request, in sequence, for the first `n` requests; every
/// one must succeed.
fn openssl_verify(data: &CmsBenchData, n: usize) -> Procs {
    let c0 = cd::children_cpu_time();
    let t0 = Instant::now();
    for p in &data.requests[..n] {
        let o = cd::openssl_cms_verify_command(data, p, Path::new("/dev/null"))
            .stdout(Stdio::null())
            .output()
            .expect("run openssl cms -verify");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() && stderr.contains("Verification successful"),
            "openssl cms -verify {}: {stderr}",
            p.display()
        );
    }
    Procs {
        wall: t0.elapsed(),
        cpu: diff(c0, cd::children_cpu_time()),
    }
}

/// Median wall time of `openssl version`: the floor of any one-shot `openssl` process.
fn openssl_startup(n: usize) -> Duration {
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let o = Command::new("openssl")
            .arg("version")
            .stdin(Stdio::null())
            .output()
            .expect("openssl version");
        assert!(o.status.success());
        v.push(t.elapsed());
    }
    median(v.into_iter())
}

/// This bench in a child process: the 1-thread batch once, under `/usr/bin/time`.
fn measure_child(mode: &str) -> support::ChildRun {
    let exe = std::env::current_exe().expect("current exe");
    let mut c = Command::new(exe);
    c.env(CHILD_ENV, mode);
    let r = support::measure(&c);
    assert_eq!(r.code, Some(0), "child {mode}: {}{}", r.stdout, r.stderr);
    r
}

fn child(mode: &str) {
    let data = cd::cms_bench_data();
    match mode {
        "verify" => {
            let r = verify_batch(&data, 1);
            assert_eq!(r.valid, cd::N_REQUESTS);
            println!("verified {} requests in {:?}", r.valid, r.wall);
        }
        other => panic!("unknown child mode {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// Sign
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Default)]
struct Side {
    wall: Duration,
    cpu: Option<Duration>,
}

impl Side {
    fn add(&mut self, wall: Duration, cpu: Option<Duration>, first: bool) {
        self.wall += wall;
        self.cpu = match (first, self.cpu, cpu) {
            (true, _, c) => c,
            (false, Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }
}

struct SignResult {
    /// Signatures per side in the blocks.
    count: usize,
    /// Median wall time of one signature: ring raw, `SigningKey::sign`, `cms::sign`.
    median: [Duration; 3],
    ring: Side,
    key: Side,
    cms: Side,
    note: String,
}

/// Ring raw, `SigningKey::sign` and `cms::sign` on the same key and the same 1 KB document,
/// in the same thread. First `singles` signatures each, interleaved one by one (the order
/// rotating), each timed: the median per side is robust against other work on the machine.
/// Then `rounds` rounds of `per_round` signatures each (the order rotating every round) for
/// the thread CPU time of each side.
fn sign_rounds(data: &CmsBenchData, singles: usize, rounds: usize, per_round: usize) -> SignResult {
    let t = Instant::now();
    let bundle = open_pkcs12(
        &std::fs::read(&data.p12).expect("read p12"),
        cd::P12_PASSWORD,
    )
    .expect("open p12");
    let open_time = t.elapsed();
    let key_pem = std::fs::read(&data.signer_key_pem).expect("read key");
    // The raw ring key is the PKCS#12 file's key: the same public key as its certificate.
    let same = SigningKey::from_pkcs8(&key_pem, None).expect("key PEM");
    assert!(same.matches(&bundle.certificate) && bundle.key.matches(&bundle.certificate));
    assert_eq!(same.public_key_spki(), bundle.key.public_key_spki());
    let pair =
        RsaKeyPair::from_pkcs8(pem::parse(&key_pem).expect("PEM").contents()).expect("ring PKCS#8");
    assert_eq!(pair.public().modulus_len(), 256, "RSA-2048");
    let rng = SystemRandom::new();
    let content = std::fs::read(&data.sign_content).expect("content");
    let chain = [cd::pki_cert("nca_rsa.cer")];
    let request = SignRequest::new(&bundle.certificate, support::at()).with_chain(&chain);

    let ring_one = || {
        let mut sig = vec![0u8; pair.public().modulus_len()];
        pair.sign(&RSA_PKCS1_SHA256, &rng, &content, &mut sig)
            .expect("ring sign");
        black_box(sig);
    };
    let key_one = || {
        black_box(bundle.key.sign(&content).expect("SigningKey::sign"));
    };
    let cms_one = || {
        black_box(sign(&content, &request, &bundle.key).expect("cms::sign"));
    };
    // The library's output must verify (with the IIN) before it is timed.
    let der = sign(&content, &request, &bundle.key).expect("cms::sign");
    let v = SignedData::from_input(&der)
        .expect("parse")
        .verify(&cd::cms_verifier(data), &cd::cms_verify_options());
    assert!(v.is_valid(), "cms::sign output: {:?}", v.signers());

    let sides: [&dyn Fn(); 3] = [&ring_one, &key_one, &cms_one];
    // Warm-up.
    for f in sides {
        for _ in 0..per_round.min(20) {
            f();
        }
    }
    let mut times: [Vec<Duration>; 3] = std::array::from_fn(|_| Vec::with_capacity(singles));
    for i in 0..singles {
        for k in 0..3 {
            let j = (i + k) % 3;
            let t = Instant::now();
            sides[j]();
            times[j].push(t.elapsed());
        }
    }
    let mut q = [[Duration::ZERO; 3]; 3];
    for (j, v) in times.iter_mut().enumerate() {
        v.sort();
        q[j] = [v[v.len() / 4], v[v.len() / 2], v[v.len() * 3 / 4]];
    }
    let mut acc = [Side::default(); 3];
    let mut per_round_ratio = Vec::with_capacity(rounds);
    for r in 0..rounds {
        let mut walls = [Duration::ZERO; 3];
        for k in 0..3 {
            let i = (r + k) % 3;
            let c = cd::thread_cpu_time();
            let t = Instant::now();
            for _ in 0..per_round {
                sides[i]();
            }
            walls[i] = t.elapsed();
            acc[i].add(walls[i], diff(c, cd::thread_cpu_time()), r == 0);
        }
        per_round_ratio.push(walls[0].as_secs_f64() / walls[2].as_secs_f64());
    }
    per_round_ratio.sort_by(f64::total_cmp);

    // What `cms::sign` adds beyond the RSA signature: its self-check (one RSA
    // verification of the signature it produced) and the rest (hashes, DER encoding).
    let alg = SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256);
    let sig = bundle.key.sign(&content).expect("sign");
    let m = 200;
    let t = Instant::now();
    for _ in 0..m {
        black_box(qoltanba::hazmat::verify(
            bundle.certificate.public_key(),
            &alg,
            &content,
            &sig,
        ));
    }
    let check = t.elapsed() / m;
    let count = rounds * per_round;
    let us = |d: Duration| d.as_secs_f64() * 1e6 / count as f64;
    let cpu_us = |s: &Side| s.cpu.map_or("n/a".into(), |c| format!("{:.1}", us(c)));
    let diff_us = |a: &Side, b: &Side| match (a.cpu, b.cpu) {
        (Some(x), Some(y)) => format!("{:.1}", us(x) - us(y)),
        _ => "n/a".into(),
    };
    let qs = |j: usize| {
        format!(
            "{:.1} / {:.1} / {:.1}",
            q[j][0].as_secs_f64() * 1e6,
            q[j][1].as_secs_f64() * 1e6,
            q[j][2].as_secs_f64() * 1e6
        )
    };
    let note = format!(
        "signing, {singles} single signatures per side interleaved one by one, wall per signature (us, quartiles): \
         ring raw {}, `SigningKey::sign` {}, `cms::sign` {}; `cms::sign` minus ring raw (medians) = {:.1} us, of which \
         its self-check (an RSA-2048 verification of the signature it made) is {:.1} us. In {rounds} interleaved blocks \
         of {per_round}, per signature (us, wall / thread CPU): ring raw {:.1} / {}, `SigningKey::sign` {:.1} / {}, \
         `cms::sign` {:.1} / {}; `cms::sign` minus ring raw = {:.1} us wall, {} us CPU; per-block ratio cms/ring \
         rate (wall): quartiles {:.3} / {:.3} / {:.3}. Opening the PKCS#12 file (once, not in the rate) {}",
        qs(0),
        qs(1),
        qs(2),
        (q[2][1].as_secs_f64() - q[0][1].as_secs_f64()) * 1e6,
        check.as_secs_f64() * 1e6,
        us(acc[0].wall),
        cpu_us(&acc[0]),
        us(acc[1].wall),
        cpu_us(&acc[1]),
        us(acc[2].wall),
        cpu_us(&acc[2]),
        us(acc[2].wall) - us(acc[0].wall),
        diff_us(&acc[2], &acc[0]),
        per_round_ratio[per_round_ratio.len() / 4],
        per_round_ratio[per_round_ratio.len() / 2],
        per_round_ratio[per_round_ratio.len() * 3 / 4],
        fmt_d(open_time),
    );
    SignResult {
        count,
        median: [q[0][1], q[1][1], q[2][1]],
        ring: acc[0],
        key: acc[1],
        cms: acc[2],
        note,
    }
}

/// `openssl cms -sign` `n` times in sequence; its last output must verify with qoltanba
/// and with `openssl cms -verify`.
fn openssl_sign(data: &CmsBenchData, n: usize, report: &mut Report) -> Procs {
    let out: PathBuf = data
        .dir
        .join(format!("openssl-sign-{}.cms", std::process::id()));
    let c0 = cd::children_cpu_time();
    let t0 = Instant::now();
    for _ in 0..n {
        let o = cd::openssl_cms_sign_command(data, &out)
            .stdout(Stdio::null())
            .output()
            .expect("run openssl cms -sign");
        assert!(
            o.status.success(),
            "openssl cms -sign: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let p = Procs {
        wall: t0.elapsed(),
        cpu: diff(c0, cd::children_cpu_time()),
    };
    let der = std::fs::read(&out).expect("openssl output");
    let v = SignedData::from_input(&der)
        .expect("parse openssl output")
        .verify(&cd::cms_verifier(data), &cd::cms_verify_options());
    let o = cd::openssl_cms_verify_command(data, &out, Path::new("/dev/null"))
        .output()
        .expect("openssl cms -verify");
    report.note(format!(
        "openssl cms -sign: {n} processes took {} wall, {} CPU; its output ({} bytes; ours {} bytes) is {} for qoltanba \
         and {} for openssl cms -verify",
        fmt_d(p.wall),
        p.cpu.map_or("n/a".into(), fmt_d),
        der.len(),
        std::fs::metadata(&data.requests[0]).map_or(0, |m| m.len()),
        v.overall().as_str(),
        if o.status.success() { "accepted" } else { "REFUSED" },
    ));
    let _ = std::fs::remove_file(&out);
    p
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------

/// `count` operations in `wall` (and `cpu`).
#[derive(Clone, Copy)]
struct Rate {
    count: usize,
    wall: Duration,
    cpu: Option<Duration>,
    unit: &'static str,
}

impl Rate {
    fn new(count: usize, wall: Duration, cpu: Option<Duration>, unit: &'static str) -> Rate {
        Rate {
            count,
            wall,
            cpu,
            unit,
        }
    }
    fn per_sec(&self, d: Duration) -> f64 {
        self.count as f64 / d.as_secs_f64().max(1e-12)
    }
    fn wall_text(&self) -> String {
        format!(
            "{} {}/s ({})",
            fmt_rate(self.per_sec(self.wall)),
            self.unit,
            fmt_d(self.wall)
        )
    }
    fn cpu_text(&self) -> String {
        self.cpu.map_or("n/a".into(), |c| {
            format!(
                "{} {}/s ({})",
                fmt_rate(self.per_sec(c)),
                self.unit,
                fmt_d(c)
            )
        })
    }
}

enum Goal {
    /// qoltanba's rate at least this many times the other's.
    AtLeast(f64),
    /// qoltanba's rate at most this fraction below the other's.
    WithinOf(f64),
}

struct Row {
    op: String,
    ours: Rate,
    other: Rate,
    other_name: String,
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
            "| operation | qoltanba (wall) | openssl / ring (wall) | ratio (wall) | qoltanba (CPU) | openssl / ring (CPU) | ratio (CPU) | goal (on wall) | met? |"
        );
        let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---|---|");
        for r in &self.rows {
            let ratio = r.ours.per_sec(r.ours.wall) / r.other.per_sec(r.other.wall);
            let cpu_ratio = match (r.ours.cpu, r.other.cpu) {
                (Some(a), Some(b)) if !a.is_zero() && !b.is_zero() => {
                    format!("{:.2}x", r.ours.per_sec(a) / r.other.per_sec(b))
                }
                _ => "n/a".into(),
            };
            let (goal, met) = match &r.goal {
                None => ("-".to_string(), "-".to_string()),
                Some(Goal::AtLeast(x)) => (format!(">= {x}x"), yes_no(ratio >= *x)),
                Some(Goal::WithinOf(f)) => (
                    format!(">= {:.2}x (within {:.0} %)", 1.0 - f, f * 100.0),
                    yes_no(ratio >= 1.0 - f),
                ),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {}: {} | {:.2}x | {} | {} | {cpu_ratio} | {goal} | {met} |",
                r.op,
                r.ours.wall_text(),
                r.other_name,
                r.other.wall_text(),
                ratio,
                r.ours.cpu_text(),
                r.other.cpu_text(),
            );
        }
        let _ = writeln!(s);
        for n in &self.notes {
            let _ = writeln!(s, "- {n}");
        }
        s
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "**NO**" }.to_string()
}

// ---------------------------------------------------------------------------------------

fn fmt_rss(k: Option<u64>) -> String {
    match k {
        Some(k) => format!("{:.1} MiB", k as f64 / 1024.0),
        None => "n/a".into(),
    }
}
