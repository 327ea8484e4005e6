//! GOST R 34.10-2012 512-bit (TC26 512 paramSetA, the NCA's GOST 2015 curve) throughput,
//! side by side in one run with RSA-2048 verification (`ring`) and the OpenSSL GOST engine.
//!
//! `cargo bench --features hazmat --bench gost` prints a table (also written to
//! `target/bench-data/gost/gost.md`). Every rate is per core: operations per second of CPU
//! time of the measuring thread (ours) or of the `openssl` child processes (OpenSSL), so a
//! busy machine does not skew it.
//!
//! # One key, one message
//!
//! With the OpenSSL GOST engine installed (Debian `libengine-gost-openssl`), the material is
//! OpenSSL's: `openssl genpkey -engine gost -algorithm gost2012_512 -pkeyopt paramset:A` for a
//! CA key, a self-signed CA certificate and an end-entity certificate it signs
//! (`-md_gost12_512`, the TC26 OIDs). The measured verification is that of the end-entity
//! certificate's signature (Streebog-512 of its TBSCertificate, then GOST R 34.10-2012 with
//! the CA's key):
//!
//! * OpenSSL: `openssl speed` has no GOST signature algorithms, and a C program is not
//!   wanted, so OpenSSL is timed in whole processes doing N operations, the cost of one
//!   being `(T(N) - T(1)) / (N - 1)` of the children's CPU time (user + system): that
//!   removes process start-up and engine loading. Main figure: a CMS SignedData of the TBS
//!   with N SignerInfos by the CA key (`openssl cms -sign -engine gost -md md_gost12_512
//!   -nocerts`, the key given N times), verified with `openssl cms -verify -noverify`, which
//!   checks every SignerInfo (one corrupted signature fails it); the per-signer extra work
//!   is small (Streebog-512 of the content and of ~100 bytes of signed attributes). The
//!   same N signatures give OpenSSL's signing rate. Cross-check: `openssl verify -engine
//!   gost -CAfile ca.pem ee.pem ee.pem ...` with the certificate given N times (each
//!   argument is read, parsed and verified again), which adds PEM/X.509 parsing and chain
//!   building to every verification.
//! * qoltanba: the same TBS and signature, converted to the NCA format (`r ‖ s`
//!   little-endian: the RFC 4491 value byte-reversed) and verified with
//!   `GostAlgorithm::Nca2015_512` and the CA's key: once-only (`GostPublicKey::new` for
//!   every verification) and kept (one `GostPublicKey` verifying again and again, which
//!   gets a comb table from its second use, as a verifier's CA keys do); and, kept, in the
//!   RFC 4491 form as OpenSSL wrote it.
//! * Signing: the CA's private key as OpenSSL wrote it, loaded with
//!   `SigningKey::from_pkcs8`, signing the same TBS (RFC 4491 format, TC26 OID), and
//!   `GostSigningKey` in the NCA format.
//!
//! Without the engine the bench says so and measures our side on a key of its own.
//!
//! RSA-2048: `test-vectors/pki/nca_rsa.key.pem`, PKCS#1 v1.5 with SHA-256 over the same
//! message, verified with `ring` (`RSA_PKCS1_2048_8192_SHA256`).
//!
//! # The 256-bit curves and the hashes
//!
//! The same comparison, verification and signing, for GOST R 34.10-2012 256-bit on
//! TC26-256-A (`gost2012_256` paramset TCA, Streebog-256; the NCA's GOST 2015/256) and
//! GOST R 34.10-2001 on CryptoPro-A (`gost2001` paramset A, GOST R 34.11-94; the NCA's
//! GOST 34.310-2004, whose NCA form is also measured with a signature of ours under the
//! test-parameter hash), each with OpenSSL material of its own. Then Streebog-512 and
//! GOST R 34.11-94 over 1 MB: `GostHash::digest`, the `streebog` and `gost94` crates, and
//! `openssl dgst -engine gost` over 64 MB.
//!
//! Environment: `QOLTANBA_BENCH_SECONDS` (default 2) per in-process row,
//! `QOLTANBA_BENCH_OPENSSL_N` (default 1000) signatures per OpenSSL run (the children's CPU
//! time is counted in 10 ms ticks: 4000 for stable 256-bit rows),
//! `QOLTANBA_BENCH_PROFILE=once-only|cached` for only that 512-bit verification (`perf`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use qoltanba::hazmat::gost::{self, GostAlgorithm, GostCurve, GostPublicKey, GostSigningKey};
use qoltanba::keys::SigningKey;
use qoltanba::Certificate;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("gost: benchmark only; run `cargo bench --features hazmat --bench gost`");
        return;
    }
    let seconds: f64 = env_num("QOLTANBA_BENCH_SECONDS", 2.0).max(0.2);
    let openssl_n: usize = env_num("QOLTANBA_BENCH_OPENSSL_N", 1000.0).max(10.0) as usize;
    let dir = manifest_dir().join("target/bench-data/gost");
    std::fs::create_dir_all(&dir).expect("bench-data directory");

    let engine = gost_engine_available();
    let material = if engine {
        openssl_material(&dir)
    } else {
        eprintln!(
            "NOTICE: the OpenSSL GOST engine is not installed (`apt-get install -y \
             libengine-gost-openssl`): measuring qoltanba only, on a key of its own"
        );
        own_material()
    };
    let m = &material;
    let curve = GostCurve::Tc26_512A;
    let nca = GostAlgorithm::Nca2015_512;
    let rfc = GostAlgorithm::Tc26_512;

    // Correctness first: every path must accept the signature and reject a changed one.
    assert_eq!(
        gost::verify(nca, curve, &m.key_bits, &m.message, &m.sig_nca),
        Ok(true)
    );
    assert_eq!(
        gost::verify(rfc, curve, &m.key_bits, &m.message, &m.sig_rfc),
        Ok(true)
    );
    let mut changed = m.message.clone();
    changed[10] ^= 1;
    assert_eq!(
        gost::verify(nca, curve, &m.key_bits, &changed, &m.sig_nca),
        Ok(false)
    );

    // `QOLTANBA_BENCH_PROFILE=once-only` (or `cached`): only that verification, for
    // `seconds`, to be sampled by `perf record`.
    if let Ok(which) = std::env::var("QOLTANBA_BENCH_PROFILE") {
        let kept = GostPublicKey::new(curve, &m.key_bits).unwrap();
        let r = rate(seconds, || {
            if which == "cached" {
                kept.verify(nca, &m.message, &m.sig_nca) == Ok(true)
            } else {
                let key = GostPublicKey::new(curve, &m.key_bits).unwrap();
                key.verify(nca, &m.message, &m.sig_nca) == Ok(true)
            }
        });
        eprintln!("profile {which}: {r:.0}/s");
        return;
    }

    let mut rows: Vec<Row> = Vec::new();

    let once = rate(seconds, || {
        let key = GostPublicKey::new(curve, &m.key_bits).unwrap();
        key.verify(nca, &m.message, &m.sig_nca) == Ok(true)
    });
    add(
        &mut rows,
        "qoltanba GOST-512 verify, once-only key (NCA format)",
        once,
        "key parsed and checked on the curve every time; Streebog-512 of the message included",
    );
    let prepare = rate(seconds, || {
        GostPublicKey::new(curve, std::hint::black_box(&m.key_bits)).is_ok()
    });
    add(
        &mut rows,
        "qoltanba GOST-512 key preparation alone (GostPublicKey::new)",
        prepare,
        "parse x || y, check the point is on the curve; what a key seen once pays besides the verification",
    );
    let kept = GostPublicKey::new(curve, &m.key_bits).unwrap();
    let cached = rate(seconds, || {
        kept.verify(nca, &m.message, &m.sig_nca) == Ok(true)
    });
    add(
        &mut rows,
        "qoltanba GOST-512 verify, cached key (NCA format)",
        cached,
        "one GostPublicKey kept, with its comb table",
    );
    let cached_rfc = rate(seconds, || {
        kept.verify(rfc, &m.message, &m.sig_rfc) == Ok(true)
    });
    add(
        &mut rows,
        "qoltanba GOST-512 verify, cached key (RFC 4491 value as OpenSSL wrote it)",
        cached_rfc,
        "",
    );

    // RSA-2048 through ring, same message.
    let (rsa_public, rsa_sig) = rsa_material(&m.message);
    let rsa_key = ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        rsa_public.as_slice(),
    );
    let rsa = rate(seconds, || rsa_key.verify(&m.message, &rsa_sig).is_ok());
    add(
        &mut rows,
        "ring RSA-2048 verify (PKCS#1 v1.5, SHA-256)",
        rsa,
        "test-vectors/pki/nca_rsa.key.pem",
    );

    // OpenSSL
    let mut openssl_gost = None;
    let mut openssl_sign = None;
    if engine {
        std::fs::write(dir.join("tbs.bin"), &m.message).expect("tbs.bin");
        match openssl_cms_rates(&dir, openssl_n) {
            Some((verify, sign)) => {
                openssl_gost = Some(verify);
                openssl_sign = Some(sign);
                add(
                    &mut rows,
                    "OpenSSL GOST engine GOST-512 verify (CMS, N signers, one process)",
                    verify,
                    "openssl cms -verify; (T(N) - T(1)) / (N - 1) of the children's CPU time",
                );
            }
            None => eprintln!("NOTICE: timing `openssl cms` failed"),
        }
        if let Some(r) = openssl_verify_rate(&dir, "ca.pem", "ee.pem", openssl_n) {
            add(
                &mut rows,
                "OpenSSL GOST engine GOST-512 verify (openssl verify, N certificates)",
                r,
                "cross-check; also reads and parses each PEM certificate",
            );
        }
    }

    // Signing
    let signer = GostSigningKey::from_le_bytes(curve, &m.signing_scalar_le).unwrap();
    let sign_nca = rate(seconds, || signer.sign(nca, &m.message).is_ok());
    add(
        &mut rows,
        "qoltanba GOST-512 sign (NCA format, GostSigningKey)",
        sign_nca,
        "constant-time; random k from the OS; Streebog-512 included",
    );
    if let Some(pkcs8) = &m.signing_pkcs8 {
        let key = SigningKey::from_pkcs8(pkcs8, None).expect("OpenSSL's GOST key");
        let sig = key.sign(&m.message).unwrap();
        assert_eq!(
            gost::verify(rfc, curve, &m.key_bits, &m.message, &sig),
            Ok(true)
        );
        let r = rate(seconds, || key.sign(&m.message).is_ok());
        add(
            &mut rows,
            "qoltanba GOST-512 sign via SigningKey (OpenSSL's key, RFC 4491 format)",
            r,
            "includes loading d into a GostSigningKey per call",
        );
    }
    if let Some(r) = openssl_sign {
        add(
            &mut rows,
            "OpenSSL GOST engine GOST-512 sign (CMS, N signers, one process)",
            r,
            "openssl cms -sign; (T(N) - T(1)) / (N - 1)",
        );
    }
    let public = rate(seconds, || signer.public_key_xy().len() == 128);
    add(
        &mut rows,
        "qoltanba GOST-512 public key d·G (matches / public_key_spki)",
        public,
        "constant-time",
    );

    // Constant-time sanity check: d·G for scalars of very different shapes must cost the
    // same (a leak of the bits into the time would show here first).
    let q_minus_1 = {
        let mut q = hex_be(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
             27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
        );
        q[63] -= 1;
        q
    };
    let mut shapes: Vec<(&str, Vec<u8>)> = vec![
        ("d = 1", vec![1]),
        ("d = 2^511 (one bit)", {
            let mut v = vec![0u8; 64];
            v[0] = 0x80;
            v
        }),
        ("d = q - 1 (mostly ones)", q_minus_1),
    ];
    shapes.push((
        "d = OpenSSL's CA key",
        m.signing_scalar_le.iter().rev().copied().collect(),
    ));
    let mut ct = String::new();
    for (label, d_be) in &shapes {
        let key = GostSigningKey::from_be_bytes(curve, d_be).expect("scalar");
        let r = rate(seconds / 2.0, || key.public_key_xy().len() == 128);
        eprintln!("d·G, {label}: {:.1} µs", 1e6 / r);
        let _ = write!(ct, "{label}: {:.1} µs; ", 1e6 / r);
    }

    // The 256-bit curves: GOST R 34.10-2012 256-bit on TC26 256 paramSetA (the NCA's
    // GOST 2015/256) and GOST R 34.10-2001 on CryptoPro-A (the NCA's GOST 34.310-2004).
    let mut goals_256 = String::new();
    if engine {
        for suite in &SUITES_256 {
            run_suite(&dir, suite, seconds, openssl_n, &mut rows, &mut goals_256);
        }
    }

    let hashes = hash_rates(&dir, seconds, engine);

    let mut report = render(&rows, once, cached, openssl_gost, openssl_sign, &m.origin);
    report.push_str(&goals_256);
    report.push_str(&hashes);
    let _ = writeln!(
        report,
        "\nConstant-time sanity check, d·G by scalar shape (should agree within noise): {}",
        ct.trim_end_matches("; ")
    );
    println!("{report}");
    let out = dir.join("gost.md");
    if std::fs::write(&out, &report).is_ok() {
        eprintln!("written to {}", out.display());
    }
}

struct Row {
    name: String,
    per_s: f64,
    note: String,
    /// Compared with OpenSSL's rate of the same operation.
    op: Op,
    /// OpenSSL's rate for this row when it is not the 512-bit one (the 256-bit suites).
    peer: Option<f64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Verify,
    Sign,
    Other,
}

fn add(rows: &mut Vec<Row>, name: &str, per_s: f64, note: &str) {
    eprintln!("{name}: {per_s:.0}/s");
    let op = if name.contains(" verify") {
        Op::Verify
    } else if name.contains(" sign") {
        Op::Sign
    } else {
        Op::Other
    };
    rows.push(Row {
        name: name.to_string(),
        per_s,
        note: note.to_string(),
        op,
        peer: None,
    });
}

/// A row compared with `peer` (OpenSSL's rate of the same operation on the same curve).
fn add_vs(rows: &mut Vec<Row>, name: &str, per_s: f64, note: &str, peer: Option<f64>) {
    add(rows, name, per_s, note);
    if let Some(r) = rows.last_mut() {
        r.peer = peer;
        if peer.is_none() {
            r.op = Op::Other;
        }
    }
}

fn render(
    rows: &[Row],
    once: f64,
    cached: f64,
    openssl: Option<f64>,
    openssl_sign: Option<f64>,
    origin: &str,
) -> String {
    let mut s = String::new();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let openssl_version = Command::new("openssl")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "## GOST R 34.10-2012 512-bit (TC26-512-A), one key and one message\n"
    );
    let _ = writeln!(
        s,
        "{cpu}; {} cores; {openssl_version}; material: {origin}\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let _ = writeln!(
        s,
        "| operation | per second per core | µs each | vs OpenSSL GOST (same operation) | note |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---|");
    for r in rows {
        let base = match r.op {
            _ if r.peer.is_some() => r.peer,
            Op::Verify => openssl,
            Op::Sign => openssl_sign,
            Op::Other => None,
        };
        let vs = base.map_or("-".to_string(), |o| format!("{:.2}x", r.per_s / o));
        let _ = writeln!(
            s,
            "| {} | {:.0} | {:.1} | {vs} | {} |",
            r.name,
            r.per_s,
            1e6 / r.per_s,
            r.note
        );
    }
    let _ = writeln!(s);
    let goal = |ok: bool| if ok { "met" } else { "NOT met" };
    let _ = writeln!(
        s,
        "Goal >= 1,000 GOST-512 verifications/s per core: once-only {:.0} ({}), cached {:.0} ({}).",
        once,
        goal(once >= 1000.0),
        cached,
        goal(cached >= 1000.0)
    );
    match openssl {
        Some(o) => {
            let _ = writeln!(
                s,
                "Goal >= 3x the OpenSSL GOST engine ({o:.0}/s): once-only {:.2}x ({}), cached {:.2}x ({}).",
                once / o,
                goal(once >= 3.0 * o),
                cached / o,
                goal(cached >= 3.0 * o)
            );
        }
        None => {
            let _ = writeln!(s, "OpenSSL GOST engine not installed: no comparison.");
        }
    }
    s
}

// ---------------------------------------------------------------------------------------
// Material
// ---------------------------------------------------------------------------------------

struct Material {
    origin: String,
    /// The CA's SubjectPublicKeyInfo BIT STRING content (OCTET STRING of x || y).
    key_bits: Vec<u8>,
    message: Vec<u8>,
    /// RFC 4491: s || r big-endian.
    sig_rfc: Vec<u8>,
    /// NCA: r || s little-endian.
    sig_nca: Vec<u8>,
    /// A private key of the curve, little-endian (OpenSSL's CA key when available).
    signing_scalar_le: Vec<u8>,
    /// The same key as OpenSSL wrote it (PKCS#8 PEM).
    signing_pkcs8: Option<Vec<u8>>,
}

fn own_material() -> Material {
    let d_le: Vec<u8> = (1..=64u8).map(|b| b.wrapping_mul(37)).collect();
    let key = GostSigningKey::from_le_bytes(GostCurve::Tc26_512A, &d_le).unwrap();
    let message = vec![0x5Au8; 700]; // about a TBSCertificate's size
    let sig_nca = key.sign(GostAlgorithm::Nca2015_512, &message).unwrap();
    let sig_rfc: Vec<u8> = sig_nca.iter().rev().copied().collect();
    Material {
        origin: "qoltanba's own key (no OpenSSL GOST engine)".into(),
        key_bits: key.public_key_bits(),
        message,
        sig_rfc,
        sig_nca,
        signing_scalar_le: d_le,
        signing_pkcs8: None,
    }
}

fn openssl_material(dir: &Path) -> Material {
    let need = ["ca.key", "ca.pem", "ee.pem"];
    if !need.iter().all(|f| dir.join(f).exists()) {
        eprintln!("generating the OpenSSL material in {} ...", dir.display());
        let run = |args: &[&str]| {
            let out = Command::new("openssl")
                .args(args)
                .current_dir(dir)
                .output()
                .expect("openssl");
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let gost_key = |out: &str| {
            run(&[
                "genpkey",
                "-engine",
                "gost",
                "-algorithm",
                "gost2012_512",
                "-pkeyopt",
                "paramset:A",
                "-out",
                out,
            ])
        };
        gost_key("ca.key");
        gost_key("ee.key");
        run(&[
            "req",
            "-engine",
            "gost",
            "-new",
            "-x509",
            "-key",
            "ca.key",
            "-md_gost12_512",
            "-subj",
            "/CN=qoltanba GOST bench CA",
            "-days",
            "3650",
            "-out",
            "ca.pem",
        ]);
        run(&[
            "req",
            "-engine",
            "gost",
            "-new",
            "-key",
            "ee.key",
            "-md_gost12_512",
            "-subj",
            "/CN=qoltanba GOST bench EE",
            "-out",
            "ee.csr",
        ]);
        run(&[
            "x509",
            "-engine",
            "gost",
            "-req",
            "-in",
            "ee.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-md_gost12_512",
            "-set_serial",
            "2",
            "-days",
            "3650",
            "-out",
            "ee.pem",
        ]);
    }
    let ca = Certificate::from_input(&read(&dir.join("ca.pem"))).expect("CA certificate");
    let ee = Certificate::from_input(&read(&dir.join("ee.pem"))).expect("EE certificate");
    let sig_rfc = ee.signature().to_vec();
    let sig_nca: Vec<u8> = sig_rfc.iter().rev().copied().collect();
    let pkcs8 = read(&dir.join("ca.key"));
    let key = SigningKey::from_pkcs8(&pkcs8, None).expect("OpenSSL's GOST key");
    let gost_key = key.gost().expect("a GOST key");
    let scalar_le: Vec<u8> = gost_key.scalar().iter().rev().copied().collect();
    Material {
        origin: "OpenSSL GOST engine: CA key (gost2012_512, paramset A), EE certificate it signed"
            .into(),
        key_bits: ca.public_key().key_bytes().to_vec(),
        message: ee.tbs().to_vec(),
        sig_rfc,
        sig_nca,
        signing_scalar_le: scalar_le,
        signing_pkcs8: Some(pkcs8),
    }
}

/// The RSA-2048 public key (PKCS#1 RSAPublicKey DER) and a signature of `message`.
fn rsa_material(message: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let pem = read(&manifest_dir().join("test-vectors/pki/nca_rsa.key.pem"));
    let key = SigningKey::from_pkcs8(&pem, None).expect("RSA key");
    let sig = key.sign(message).expect("RSA signature");
    let spki = key.public_key_spki();
    let public = qoltanba::PublicKey::from_spki_der(&spki).expect("RSA SPKI");
    (public.key_bytes().to_vec(), sig)
}

// ---------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------

/// CPU time of this thread in nanoseconds (Linux `schedstat`), or `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Operations per second of CPU time (wall time where CPU time is not available), over
/// about `seconds` of wall time; the best of three slices, to shed interference.
fn rate(seconds: f64, f: impl Fn() -> bool) -> f64 {
    assert!(f(), "the operation failed before timing");
    for _ in 0..20 {
        assert!(f());
    }
    let mut best = 0f64;
    for _ in 0..3 {
        let start = Instant::now();
        let cpu0 = thread_cpu_ns();
        let mut n = 0u64;
        while start.elapsed().as_secs_f64() < seconds / 3.0 {
            for _ in 0..10 {
                assert!(f());
            }
            n += 10;
        }
        let wall = start.elapsed().as_secs_f64();
        let secs = match (cpu0, thread_cpu_ns()) {
            (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
            _ => wall,
        };
        best = best.max(n as f64 / secs);
    }
    best
}

/// CPU seconds (user + system) of this process's waited-for children, from
/// `/proc/self/stat` (clock ticks).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name: state is field 3; cutime and cstime
    // are fields 16 and 17.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let cutime: f64 = fields.get(13)?.parse().ok()?;
    let cstime: f64 = fields.get(14)?.parse().ok()?;
    Some((cutime + cstime) / clock_ticks())
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// CPU seconds of one `openssl verify` run with `ee` given `n` times; checks that all `n`
/// verified.
fn openssl_verify_once(dir: &Path, ca: &str, ee: &str, n: usize) -> Option<f64> {
    let before = children_cpu_seconds()?;
    let mut cmd = Command::new("openssl");
    cmd.args(["verify", "-engine", "gost", "-CAfile", ca])
        .current_dir(dir);
    for _ in 0..n {
        cmd.arg(ee);
    }
    let out = cmd.output().ok()?;
    let after = children_cpu_seconds()?;
    let ok = String::from_utf8_lossy(&out.stdout).matches(": OK").count();
    if !out.status.success() || ok != n {
        eprintln!(
            "openssl verify: {ok} of {n} OK: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    Some(after - before)
}

/// Verifications per second of CPU time: `(N - 1) / (T(N) - T(1))`, the smallest of three
/// runs of each.
fn openssl_verify_rate(dir: &Path, ca: &str, ee: &str, n: usize) -> Option<f64> {
    let mut t1 = f64::INFINITY;
    let mut tn = f64::INFINITY;
    for _ in 0..3 {
        t1 = t1.min(openssl_verify_once(dir, ca, ee, 1)?);
        tn = tn.min(openssl_verify_once(dir, ca, ee, n)?);
    }
    per_second(n, t1, tn)
}

/// `(N - 1) / (T(N) - T(1))`.
fn per_second(n: usize, t1: f64, tn: f64) -> Option<f64> {
    let per = (tn - t1) / (n - 1) as f64;
    (per > 0.0).then(|| 1.0 / per)
}

/// Runs `openssl` with `args` in `dir`; its CPU seconds, or `None` if it failed (or its
/// standard error lacks `expect`).
fn timed_openssl(dir: &Path, args: &[String], expect: &str) -> Option<f64> {
    let before = children_cpu_seconds()?;
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let after = children_cpu_seconds()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || !stderr.contains(expect) {
        eprintln!(
            "openssl {}: {stderr}",
            args.first().map_or("", |a| a.as_str())
        );
        return None;
    }
    Some(after - before)
}

/// OpenSSL's GOST-512 (verifications, signatures) per second of CPU time, from CMS
/// SignedData with `n` SignerInfos by the CA key over `tbs.bin`: `openssl cms -sign` with
/// the key given `n` times (`-nocerts`, so the one certificate is not added `n` times),
/// then `openssl cms -verify -noverify -certfile ca.pem`, which verifies every SignerInfo
/// (a corrupted one fails the whole). Each costs `(T(n) - T(1)) / (n - 1)`, the smallest
/// times of three runs.
fn openssl_cms_rates(dir: &Path, n: usize) -> Option<(f64, f64)> {
    openssl_cms_rates_md(dir, n, "md_gost12_512")
}

/// [`openssl_cms_rates`] with the digest `md`.
fn openssl_cms_rates_md(dir: &Path, n: usize, md: &str) -> Option<(f64, f64)> {
    let sign_args = |count: usize, out: &str| -> Vec<String> {
        let mut a: Vec<String> = [
            "cms",
            "-sign",
            "-engine",
            "gost",
            "-md",
            md,
            "-nocerts",
            "-nodetach",
            "-binary",
            "-in",
            "tbs.bin",
            "-outform",
            "DER",
            "-out",
            out,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..count {
            a.extend(["-signer", "ca.pem", "-inkey", "ca.key"].map(String::from));
        }
        a
    };
    let verify_args = |file: &str| -> Vec<String> {
        [
            "cms",
            "-verify",
            "-engine",
            "gost",
            "-noverify",
            "-certfile",
            "ca.pem",
            "-binary",
            "-inform",
            "DER",
            "-in",
            file,
            "-out",
            "/dev/null",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let (mut s1, mut sn, mut v1, mut vn) =
        (f64::INFINITY, f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for _ in 0..3 {
        s1 = s1.min(timed_openssl(dir, &sign_args(1, "cms1.der"), "")?);
        sn = sn.min(timed_openssl(dir, &sign_args(n, "cmsn.der"), "")?);
        v1 = v1.min(timed_openssl(
            dir,
            &verify_args("cms1.der"),
            "Verification successful",
        )?);
        vn = vn.min(timed_openssl(
            dir,
            &verify_args("cmsn.der"),
            "Verification successful",
        )?);
    }
    Some((per_second(n, v1, vn)?, per_second(n, s1, sn)?))
}

// ---------------------------------------------------------------------------------------
// The 256-bit curves
// ---------------------------------------------------------------------------------------

/// One 256-bit comparison: an OpenSSL key and certificate pair of one curve, verified the
/// same ways as the 512-bit one.
struct Suite {
    /// Row label.
    label: &'static str,
    /// Subdirectory of the bench data.
    dir: &'static str,
    /// `openssl genpkey -algorithm`.
    algorithm: &'static str,
    /// `-pkeyopt paramset:`.
    paramset: &'static str,
    /// OpenSSL's digest name (`-md`, and `-<md>` for `req`/`x509`).
    md: &'static str,
    curve: GostCurve,
    /// The algorithm OpenSSL's signatures are in (RFC 4491 layout).
    rfc: GostAlgorithm,
    /// The NCA algorithm of the same curve (NCA layout; for 2004 another hash).
    nca: GostAlgorithm,
}

const SUITES_256: [Suite; 2] = [
    Suite {
        label: "GOST-256 (TC26-256-A, NCA GOST 2015/256)",
        dir: "256",
        algorithm: "gost2012_256",
        paramset: "TCA",
        md: "md_gost12_256",
        curve: GostCurve::Tc26_256A,
        rfc: GostAlgorithm::Tc26_256,
        nca: GostAlgorithm::Nca2015_256,
    },
    Suite {
        label: "GOST 34.310-2004 (CryptoPro-A, GOST R 34.10-2001)",
        dir: "2001",
        algorithm: "gost2001",
        paramset: "A",
        md: "md_gost94",
        curve: GostCurve::CryptoProA,
        rfc: GostAlgorithm::Gost2001,
        nca: GostAlgorithm::Nca2004,
    },
];

fn run_suite(
    base: &Path,
    suite: &Suite,
    seconds: f64,
    openssl_n: usize,
    rows: &mut Vec<Row>,
    goals: &mut String,
) {
    let dir = base.join(suite.dir);
    std::fs::create_dir_all(&dir).expect("bench-data directory");
    make_openssl_pair(&dir, suite.algorithm, suite.paramset, suite.md);
    let ca = Certificate::from_input(&read(&dir.join("ca.pem"))).expect("CA certificate");
    let ee = Certificate::from_input(&read(&dir.join("ee.pem"))).expect("EE certificate");
    let key_bits = ca.public_key().key_bytes().to_vec();
    let message = ee.tbs().to_vec();
    let sig_rfc = ee.signature().to_vec();
    let curve = suite.curve;
    assert_eq!(
        gost::verify(suite.rfc, curve, &key_bits, &message, &sig_rfc),
        Ok(true),
        "{}: OpenSSL's signature",
        suite.label
    );
    // The NCA form: for 2015/256 the same signature reversed; for 2004 (GOST R 34.11-94
    // with the test parameters, which OpenSSL does not offer) one of ours by the same key.
    let sig_nca: Vec<u8> = if suite.nca.hash() == suite.rfc.hash() {
        sig_rfc.iter().rev().copied().collect()
    } else {
        let pkcs8 = read(&dir.join("ca.key"));
        let key = SigningKey::from_pkcs8(&pkcs8, None).expect("OpenSSL's GOST key");
        let scalar_le: Vec<u8> = key
            .gost()
            .expect("GOST")
            .scalar()
            .iter()
            .rev()
            .copied()
            .collect();
        let signer = GostSigningKey::from_le_bytes(curve, &scalar_le).expect("scalar");
        signer.sign(suite.nca, &message).expect("signature")
    };
    assert_eq!(
        gost::verify(suite.nca, curve, &key_bits, &message, &sig_nca),
        Ok(true)
    );
    let mut changed = message.clone();
    changed[10] ^= 1;
    assert_eq!(
        gost::verify(suite.nca, curve, &key_bits, &changed, &sig_nca),
        Ok(false)
    );

    std::fs::write(dir.join("tbs.bin"), &message).expect("tbs.bin");
    let peer = openssl_cms_rates_md(&dir, openssl_n, suite.md);
    let (peer_verify, peer_sign) = match peer {
        Some((v, s)) => (Some(v), Some(s)),
        None => {
            eprintln!("NOTICE: timing `openssl cms` ({}) failed", suite.label);
            (None, None)
        }
    };
    let once_rfc = rate(seconds, || {
        let key = GostPublicKey::new(curve, &key_bits).unwrap();
        key.verify(suite.rfc, &message, &sig_rfc) == Ok(true)
    });
    add_vs(
        rows,
        &format!(
            "qoltanba {} verify, once-only key ({:?}, OpenSSL's signature)",
            suite.label, suite.rfc
        ),
        once_rfc,
        "GostPublicKey::new every time; the hash of the message included",
        peer_verify,
    );
    let once_nca = rate(seconds, || {
        let key = GostPublicKey::new(curve, &key_bits).unwrap();
        key.verify(suite.nca, &message, &sig_nca) == Ok(true)
    });
    add_vs(
        rows,
        &format!(
            "qoltanba {} verify, once-only key ({:?})",
            suite.label, suite.nca
        ),
        once_nca,
        "NCA layout",
        peer_verify,
    );
    let kept = GostPublicKey::new(curve, &key_bits).unwrap();
    let cached = rate(seconds, || {
        kept.verify(suite.nca, &message, &sig_nca) == Ok(true)
    });
    add_vs(
        rows,
        &format!(
            "qoltanba {} verify, cached key ({:?})",
            suite.label, suite.nca
        ),
        cached,
        "one GostPublicKey kept, with its comb table",
        peer_verify,
    );
    if let Some(v) = peer_verify {
        add_vs(
            rows,
            &format!(
                "OpenSSL GOST engine {} verify (CMS, N signers, one process)",
                suite.label
            ),
            v,
            &format!("openssl cms -verify, -md {}", suite.md),
            Some(v),
        );
    }
    let pkcs8 = read(&dir.join("ca.key"));
    let key = SigningKey::from_pkcs8(&pkcs8, None).expect("OpenSSL's GOST key");
    let scalar_le: Vec<u8> = key
        .gost()
        .expect("GOST")
        .scalar()
        .iter()
        .rev()
        .copied()
        .collect();
    let signer = GostSigningKey::from_le_bytes(curve, &scalar_le).expect("scalar");
    let sign = rate(seconds, || signer.sign(suite.nca, &message).is_ok());
    add_vs(
        rows,
        &format!(
            "qoltanba {} sign ({:?}, GostSigningKey)",
            suite.label, suite.nca
        ),
        sign,
        "constant-time",
        peer_sign,
    );
    if let Some(s) = peer_sign {
        add_vs(
            rows,
            &format!(
                "OpenSSL GOST engine {} sign (CMS, N signers, one process)",
                suite.label
            ),
            s,
            "openssl cms -sign",
            Some(s),
        );
    }
    if let Some(v) = peer_verify {
        let goal = |ok: bool| if ok { "met" } else { "NOT met" };
        let _ = writeln!(
            goals,
            "Goal >= 3x the OpenSSL GOST engine, {} ({v:.0}/s): once-only {:.2}x ({}; NCA layout {:.2}x), cached {:.2}x.",
            suite.label,
            once_rfc / v,
            goal(once_rfc >= 3.0 * v),
            once_nca / v,
            cached / v
        );
    }
}

/// An OpenSSL CA key, a self-signed CA certificate and an end-entity certificate it
/// signed, in `dir` (kept between runs).
fn make_openssl_pair(dir: &Path, algorithm: &str, paramset: &str, md: &str) {
    let need = ["ca.key", "ca.pem", "ee.pem"];
    if need.iter().all(|f| dir.join(f).exists()) {
        return;
    }
    eprintln!("generating the OpenSSL material in {} ...", dir.display());
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let paramset = format!("paramset:{paramset}");
    let md = format!("-{md}");
    for key in ["ca.key", "ee.key"] {
        run(&[
            "genpkey",
            "-engine",
            "gost",
            "-algorithm",
            algorithm,
            "-pkeyopt",
            &paramset,
            "-out",
            key,
        ]);
    }
    run(&[
        "req",
        "-engine",
        "gost",
        "-new",
        "-x509",
        "-key",
        "ca.key",
        &md,
        "-subj",
        "/CN=qoltanba GOST bench CA",
        "-days",
        "3650",
        "-out",
        "ca.pem",
    ]);
    run(&[
        "req",
        "-engine",
        "gost",
        "-new",
        "-key",
        "ee.key",
        &md,
        "-subj",
        "/CN=qoltanba GOST bench EE",
        "-out",
        "ee.csr",
    ]);
    run(&[
        "x509",
        "-engine",
        "gost",
        "-req",
        "-in",
        "ee.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        &md,
        "-set_serial",
        "2",
        "-days",
        "3650",
        "-out",
        "ee.pem",
    ]);
}

// ---------------------------------------------------------------------------------------
// Hashes over 1 MB
// ---------------------------------------------------------------------------------------

/// MB/s of `f` over `data` (CPU time of this thread, best of three slices).
fn mb_per_s(seconds: f64, data: &[u8], f: impl Fn(&[u8]) -> usize) -> f64 {
    let per = rate(seconds, || f(data) > 0);
    per * data.len() as f64 / 1e6
}

/// Streebog-512 and GOST R 34.11-94 over 1 MB: `GostHash::digest` (what every verification
/// and signature uses), the crates it is measured against, and `openssl dgst -engine gost`
/// ((T(64 MB) - T(0)) of the child's CPU time).
fn hash_rates(dir: &Path, seconds: f64, engine: bool) -> String {
    use gost::GostHash;
    use streebog::Digest as _;
    let mut data = vec![0u8; 1 << 20];
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for b in &mut data {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let mut out = String::from("\n| hash over 1 MB | MB/s per core | note |\n|---|---:|---|\n");
    let mut row = |name: &str, v: f64, note: &str| {
        eprintln!("{name}: {v:.0} MB/s");
        let _ = writeln!(out, "| {name} | {v:.0} | {note} |");
    };
    let s = seconds.min(2.0);
    row(
        "qoltanba Streebog-512 (GostHash::digest)",
        mb_per_s(s, &data, |d| GostHash::Streebog512.digest(d).len()),
        "the streebog crate's Streebog512, called once over the whole buffer",
    );
    row(
        "streebog crate Streebog512::digest",
        mb_per_s(s, &data, |d| streebog::Streebog512::digest(d).len()),
        "the crate directly (no SIMD backend; the same code)",
    );
    row(
        "qoltanba GOST R 34.11-94, test parameters (GostHash::digest)",
        mb_per_s(s, &data, |d| GostHash::Gost94Test.digest(d).len()),
        "src/gost/gost94.rs (the NCA's GOST 34.311-95)",
    );
    row(
        "gost94 crate Gost94Test::digest",
        mb_per_s(s, &data, |d| gost94::Gost94Test::digest(d).len()),
        "the crate qoltanba used before",
    );
    if engine {
        let big = dir.join("hash-64mb.bin");
        if std::fs::metadata(&big).map(|m| m.len()).ok() != Some(64 << 20) {
            let mut all = Vec::with_capacity(64 << 20);
            for _ in 0..64 {
                all.extend_from_slice(&data);
            }
            std::fs::write(&big, &all).expect("hash-64mb.bin");
        }
        let empty = dir.join("hash-empty.bin");
        std::fs::write(&empty, b"").expect("hash-empty.bin");
        for (md, label) in [
            (
                "-md_gost12_512",
                "OpenSSL GOST engine Streebog-512 (openssl dgst)",
            ),
            (
                "-md_gost94",
                "OpenSSL GOST engine GOST R 34.11-94 (openssl dgst)",
            ),
        ] {
            let time = |file: &Path| -> Option<f64> {
                let args: Vec<String> = ["dgst", "-engine", "gost", md]
                    .iter()
                    .map(|a| a.to_string())
                    .chain([file.display().to_string()])
                    .collect();
                timed_openssl(dir, &args, "")
            };
            let mut t0 = f64::INFINITY;
            let mut t64 = f64::INFINITY;
            for _ in 0..3 {
                if let (Some(a), Some(b)) = (time(&empty), time(&big)) {
                    t0 = t0.min(a);
                    t64 = t64.min(b);
                }
            }
            if t64.is_finite() && t64 > t0 {
                row(
                    label,
                    64.0 * 1.048_576 / (t64 - t0),
                    "(T(64 MB) - T(0)) of the child's CPU time",
                );
            }
        }
    }
    out
}

fn gost_engine_available() -> bool {
    Command::new("openssl")
        .args(["engine", "gost"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn hex_be(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn env_num(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
