//! Test material for the benchmarks, generated once and cached under
//! `target/bench-data/<stamp>/` (never committed):
//!
//! * `big.crl` / `big.crl.pem`: a CRL of [`BIG_CRL_ENTRIES`] entries in NCA's shape (issuer =
//!   the subject of `test-vectors/pki/nca_rsa.cer`, thisUpdate 2026-11-01, nextUpdate
//!   2027-05-01, cRLNumber, AKI, 16-20 octet serials, a reasonCode on every entry), signed
//!   sha256WithRSAEncryption by `nca_rsa.key.pem`;
//! * `small.crl` / `small.crl.pem`: the same issuer and shape with [`SMALL_CRL_ENTRIES`]
//!   entries;
//! * `certs/cNNNNN.pem`: [`N_CERTS`] end-entity certificates issued by `nca_rsa`, each a copy
//!   of `individual_sign.cer` (NCA's subject and extension profile, validity
//!   2026-01-01..2027-01-01, IIN123456789011) with its own serial number, re-signed. Every
//!   certificate `i` with [`is_revoked`]`(i)` (1 %) is listed on both CRLs.
//!
//! Signing uses `ring` only. The stamp is a hash of the generator version and of the
//! test-PKI files used, so regenerating `test-vectors/pki/` regenerates the cache.

#![allow(dead_code)]

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use qoltanba::identity::Iin;
use qoltanba::revocation::Crl;
use qoltanba::SignatureCheck;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verifier};
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use sha2::{Digest, Sha256};

/// The time judged by every benchmark: 2026-11-23T00:00:00Z.
pub const AT_RFC3339: &str = "2026-11-23T00:00:00Z";
/// The same, as seconds since the epoch (`openssl verify -attime`).
pub const AT_EPOCH: i64 = 1_795_392_000;
/// End-entity certificates generated.
pub const N_CERTS: usize = 10_000;
/// Entries of the big CRL.
pub const BIG_CRL_ENTRIES: usize = 1_000_000;
/// Entries of the small CRL: exactly the revoked end-entity certificates.
pub const SMALL_CRL_ENTRIES: usize = N_CERTS / REVOKED_EVERY;
/// One certificate in `REVOKED_EVERY` is revoked.
pub const REVOKED_EVERY: usize = 100;
/// The IIN every generated certificate carries (that of `individual_sign.cer`).
pub const IIN: &str = "123456789011";

/// Bump when the generated material changes shape.
const GENERATOR_VERSION: &str = "qoltanba-bench-data-1";

/// Is certificate `i` on the CRLs?
pub fn is_revoked(i: usize) -> bool {
    i % REVOKED_EVERY == 7
}

/// Expected (valid, invalid) counts among certificates `0..n`.
pub fn expected_counts(n: usize) -> (usize, usize) {
    let invalid = (0..n).filter(|&i| is_revoked(i)).count();
    (n - invalid, invalid)
}

/// The machine, OpenSSL's version, the time judged at and the load average: the first
/// line of a bench report.
pub fn machine_line() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "?".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let openssl = Command::new("openssl")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "?".into());
    format!(
        "machine: {cores} cores, {cpu}; {openssl}; judged at {AT_RFC3339}; load average at start: {}",
        loadavg()
    )
}

/// `/proc/loadavg`'s 1, 5 and 15 minute figures: other work on the machine inflates wall
/// times (CPU times much less).
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// The judging time.
pub fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(AT_RFC3339)
        .expect("AT")
        .to_utc()
}

/// What the benchmarks expect of every certificate: signing purpose and the IIN match.
pub fn expectation() -> Expectation {
    let mut e = Expectation::at(at());
    e.iin = Some(Iin::parse(IIN).expect("IIN"));
    e
}

/// The crate root.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `test-vectors/pki/`.
pub fn pki_dir() -> PathBuf {
    manifest_dir().join("test-vectors/pki")
}

/// The generated material.
#[derive(Clone, Debug)]
pub struct BenchData {
    /// The cache folder; certificate paths are relative to it.
    pub dir: PathBuf,
    /// Trust anchor (DER / PEM).
    pub root_cer: PathBuf,
    /// Trust anchor, PEM.
    pub root_pem: PathBuf,
    /// Issuing CA (DER).
    pub ca_cer: PathBuf,
    /// Issuing CA, PEM.
    pub ca_pem: PathBuf,
    /// The 1M-entry CRL, DER.
    pub big_crl: PathBuf,
    /// The 1M-entry CRL, PEM.
    pub big_crl_pem: PathBuf,
    /// The small CRL, DER.
    pub small_crl: PathBuf,
    /// The small CRL, PEM.
    pub small_crl_pem: PathBuf,
    /// Certificate `i` is `certs[i]` (relative to `dir`), PEM.
    pub certs: Vec<PathBuf>,
}

impl BenchData {
    /// Absolute path of certificate `i`.
    pub fn cert_path(&self, i: usize) -> PathBuf {
        self.dir.join(&self.certs[i])
    }

    /// Read and parse certificate `i`.
    pub fn cert(&self, i: usize) -> Certificate {
        Certificate::from_input(&std::fs::read(self.cert_path(i)).expect("read certificate"))
            .expect("parse certificate")
    }

    /// Read and parse the trust anchor and the issuing CA.
    pub fn root_and_ca(&self) -> (Certificate, Certificate) {
        let read = |p: &Path| {
            Certificate::from_input(&std::fs::read(p).expect("read CA certificate"))
                .expect("parse CA certificate")
        };
        (read(&self.root_cer), read(&self.ca_cer))
    }
}

/// A verifier as the benchmarks use it: read the CRL file, `Crl::from_der`, one trust
/// anchor, one intermediate, `build()` (which checks the CRL signature once).
pub fn verifier_from_crl_file(data: &BenchData, crl_file: &Path) -> Verifier {
    let (root, ca) = data.root_and_ca();
    let bytes = std::fs::read(crl_file).expect("read CRL");
    let crl = Crl::from_der(bytes).expect("load CRL");
    Verifier::builder()
        .trust(root)
        .expect("trust")
        .intermediate(ca)
        .expect("intermediate")
        .crl(crl)
        .expect("crl")
        .build()
}

/// Outcome of one batch: how long, and how many of each verdict.
#[derive(Clone, Copy, Debug, Default)]
pub struct BatchResult {
    /// Reading the CRL file, loading it, building the verifier (CRL signature included).
    pub build: Duration,
    /// Reading, parsing and checking every certificate.
    pub checks: Duration,
    /// `build + checks`.
    pub total: Duration,
    /// Valid verdicts.
    pub valid: usize,
    /// Invalid verdicts.
    pub invalid: usize,
    /// Indeterminate verdicts.
    pub indeterminate: usize,
}

/// "In one process": build one verifier from `crl_file`, then read, parse and check
/// `n` certificates (the PEM files OpenSSL reads too) on `threads` threads.
pub fn run_batch(data: &BenchData, crl_file: &Path, n: usize, threads: usize) -> BatchResult {
    let t0 = Instant::now();
    let verifier = verifier_from_crl_file(data, crl_file);
    let build = t0.elapsed();
    let expect = expectation();
    let t1 = Instant::now();
    let paths: Vec<PathBuf> = (0..n).map(|i| data.cert_path(i)).collect();
    let chunk = n.div_ceil(threads.max(1)).max(1);
    let tallies: Vec<[usize; 3]> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                let verifier = &verifier;
                let expect = &expect;
                s.spawn(move || {
                    let mut t = [0usize; 3];
                    for p in part {
                        let bytes = std::fs::read(p).expect("read certificate");
                        let cert = Certificate::from_input(&bytes).expect("parse certificate");
                        match verifier.check_certificate(&cert, expect).overall() {
                            Overall::Valid => t[0] += 1,
                            Overall::Invalid => t[1] += 1,
                            Overall::Indeterminate => t[2] += 1,
                        }
                    }
                    t
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    let checks = t1.elapsed();
    let mut r = BatchResult {
        build,
        checks,
        total: t0.elapsed(),
        ..BatchResult::default()
    };
    for t in tallies {
        r.valid += t[0];
        r.invalid += t[1];
        r.indeterminate += t[2];
    }
    r
}

// ---------------------------------------------------------------------------------------
// Validation: a broken generator must not produce meaningless numbers.
// ---------------------------------------------------------------------------------------

/// The library must judge certificate 0 valid and certificate 7 invalid (revocation only)
/// against both CRLs, and both CRLs must load with their expected size and a signature
/// that verifies with `nca_rsa`.
pub fn validate_with_library(data: &BenchData) {
    let (_, ca) = data.root_and_ca();
    for (file, entries) in [
        (&data.small_crl, SMALL_CRL_ENTRIES),
        (&data.big_crl, BIG_CRL_ENTRIES),
    ] {
        let verifier = verifier_from_crl_file(data, file);
        let (idx, crl) = verifier.crls().iter().next().expect("one CRL");
        assert_eq!(crl.len(), entries, "{}", file.display());
        assert_eq!(
            verifier.crls().signed_by(idx, &ca),
            SignatureCheck::Valid,
            "CRL signature of {}",
            file.display()
        );
        for i in [0, 1, 7, 107, N_CERTS - 1] {
            let v = verifier.check_certificate(&data.cert(i), &expectation());
            let failed: Vec<CheckName> = v
                .checks()
                .iter()
                .filter(|c| c.outcome() != Outcome::Passed)
                .map(|c| c.name())
                .collect();
            if is_revoked(i) {
                assert_eq!(v.overall(), Overall::Invalid, "cert {i}: {:?}", v.checks());
                assert_eq!(failed, vec![CheckName::Revocation], "cert {i}");
            } else {
                assert_eq!(v.overall(), Overall::Valid, "cert {i}: {:?}", v.checks());
            }
        }
    }
}

/// `openssl verify` output tallied: (certificates OK, certificates refused as revoked,
/// other errors).
pub fn tally_openssl_verify(stdout: &str, stderr: &str) -> (usize, usize, usize) {
    let ok = stdout.lines().filter(|l| l.ends_with(": OK")).count();
    let revoked = stderr
        .lines()
        .filter(|l| l.contains("certificate revoked"))
        .count();
    let failed = stderr
        .lines()
        .filter(|l| l.contains("verification failed"))
        .count();
    (ok, revoked, failed.saturating_sub(revoked))
}

/// `openssl verify -crl_check -attime AT -CAfile root -untrusted ca -CRLfile crl CERTS...`,
/// run in `data.dir` so that the certificate arguments stay short.
pub fn openssl_verify_command(data: &BenchData, crl_pem: &Path, certs: &[PathBuf]) -> Command {
    let mut c = Command::new("openssl");
    c.current_dir(&data.dir)
        .arg("verify")
        .arg("-attime")
        .arg(AT_EPOCH.to_string())
        .arg("-crl_check")
        .arg("-CAfile")
        .arg(&data.root_pem)
        .arg("-untrusted")
        .arg(&data.ca_pem)
        .arg("-CRLfile")
        .arg(crl_pem)
        .args(certs)
        .stdin(Stdio::null());
    c
}

/// OpenSSL must accept certificate 0 and refuse certificate 7 as revoked, with both CRLs.
pub fn validate_with_openssl(data: &BenchData) {
    for crl in [&data.small_crl_pem, &data.big_crl_pem] {
        let certs = [data.certs[0].clone(), data.certs[7].clone()];
        let out = openssl_verify_command(data, crl, &certs)
            .output()
            .expect("run openssl verify");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            tally_openssl_verify(&stdout, &stderr),
            (1, 1, 0),
            "openssl verify with {}:\n{stdout}\n{stderr}",
            crl.display()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------

/// The cached material, generated first if needed (a minute or so on 2 cores).
pub fn bench_data() -> BenchData {
    let pki = pki_dir();
    let inputs = [
        "root.cer",
        "root.pem",
        "nca_rsa.cer",
        "nca_rsa.pem",
        "nca_rsa.key.pem",
        "individual_sign.cer",
    ];
    let mut h = Sha256::new();
    h.update(GENERATOR_VERSION);
    for f in inputs {
        h.update(std::fs::read(pki.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")));
    }
    let stamp: String = h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target"));
    let root = target.join("bench-data");
    let dir = root.join(&stamp);
    let data = BenchData {
        root_cer: pki.join("root.cer"),
        root_pem: pki.join("root.pem"),
        ca_cer: pki.join("nca_rsa.cer"),
        ca_pem: pki.join("nca_rsa.pem"),
        big_crl: dir.join("big.crl"),
        big_crl_pem: dir.join("big.crl.pem"),
        small_crl: dir.join("small.crl"),
        small_crl_pem: dir.join("small.crl.pem"),
        certs: (0..N_CERTS)
            .map(|i| PathBuf::from(format!("certs/c{i:05}.pem")))
            .collect(),
        dir: dir.clone(),
    };
    materialise(&dir, "benchmark material", "certs", |tmp| {
        generate(&pki, tmp)
    });
    data
}

/// Make `dir` once: unless it is complete already, `generate` fills a fresh temporary
/// folder (with the subfolder `sub`), which is marked complete and renamed into place, so
/// a run interrupted half-way or a concurrent one never leaves a partial `dir`.
pub fn materialise(dir: &Path, what: &str, sub: &str, generate: impl FnOnce(&Path)) {
    if dir.join("COMPLETE").exists() {
        return;
    }
    let t = Instant::now();
    eprintln!("generating {what} in {} ...", dir.display());
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    let tmp = dir.with_file_name(format!("tmp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join(sub)).expect("create bench-data folder");
    generate(&tmp);
    std::fs::write(tmp.join("COMPLETE"), GENERATOR_VERSION).expect("write marker");
    if std::fs::rename(&tmp, dir).is_err() {
        // Another process finished first: keep its copy.
        let _ = std::fs::remove_dir_all(&tmp);
        assert!(
            dir.join("COMPLETE").exists(),
            "cannot create {}",
            dir.display()
        );
    }
    eprintln!("generated in {:.1?}", t.elapsed());
}

fn generate(pki: &Path, out: &Path) {
    let read = |f: &str| std::fs::read(pki.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let ca_der = read("nca_rsa.cer");
    let key_pem = pem::parse(read("nca_rsa.key.pem")).expect("nca_rsa.key.pem");
    let key = Arc::new(RsaKeyPair::from_pkcs8(key_pem.contents()).expect("PKCS#8 RSA key"));
    let template = read("individual_sign.cer");

    // The CA's subject (tbsCertificate field 5: version, serial, signature, issuer,
    // validity, subject) and subjectKeyIdentifier.
    let ca_tbs = der::children(der::content(der::children(der::content(&ca_der))[0]));
    let ca_subject = ca_tbs[5].to_vec();
    let ca_ski = Certificate::from_der(&ca_der)
        .expect("nca_rsa.cer")
        .subject_key_id()
        .expect("nca_rsa.cer has a subjectKeyIdentifier")
        .to_vec();

    // End-entity certificates: the template with a new serial, re-signed, on 2 threads.
    let tpl = der::children(der::content(&template));
    let (tpl_tbs, tpl_alg) = (tpl[0], tpl[1]);
    let tbs_fields = der::children(der::content(tpl_tbs));
    assert_eq!(tbs_fields[3], &ca_subject[..], "template issuer is nca_rsa");
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for w in 0..workers {
            let key = Arc::clone(&key);
            let tbs_fields = &tbs_fields;
            s.spawn(move || {
                let rng = ring::rand::SystemRandom::new();
                for i in (w..N_CERTS).step_by(workers) {
                    let serial = der::tlv(0x02, &ee_serial(i));
                    let mut fields: Vec<&[u8]> = tbs_fields.clone();
                    fields[1] = &serial;
                    let tbs = der::tlv(0x30, &fields.concat());
                    let sig = sign(&key, &rng, &tbs);
                    let cert = der::tlv(0x30, &[&tbs[..], tpl_alg, &bit_string(&sig)].concat());
                    std::fs::write(
                        out.join(format!("certs/c{i:05}.pem")),
                        pem_encode("CERTIFICATE", &cert),
                    )
                    .expect("write certificate");
                }
            });
        }
    });

    let rng = ring::rand::SystemRandom::new();
    let revoked: Vec<Vec<u8>> = (0..N_CERTS)
        .filter(|&i| is_revoked(i))
        .map(ee_serial)
        .collect();
    assert_eq!(revoked.len(), SMALL_CRL_ENTRIES);
    for (name, entries, number) in [
        ("small", SMALL_CRL_ENTRIES, 1000u16),
        ("big", BIG_CRL_ENTRIES, 1001u16),
    ] {
        let crl = build_crl(&ca_subject, &ca_ski, &revoked, entries, number, &key, &rng);
        std::fs::write(out.join(format!("{name}.crl")), &crl).expect("write CRL");
        std::fs::write(
            out.join(format!("{name}.crl.pem")),
            pem_encode("X509 CRL", &crl),
        )
        .expect("write CRL");
    }
}

/// Serial of end-entity certificate `i`: 20 octets, positive, minimal.
pub fn ee_serial(i: usize) -> Vec<u8> {
    let mut s = Sha256::digest(format!("qoltanba-bench-ee-{i}").as_bytes())[..20].to_vec();
    s[0] = (s[0] & 0x7f) | 0x40;
    s
}

const SHA256_WITH_RSA: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

/// Reason codes used, cycling: keyCompromise, affiliationChanged, superseded,
/// cessationOfOperation, privilegeWithdrawn, certificateHold.
const REASONS: [u8; 6] = [1, 3, 4, 5, 9, 6];

/// One revokedCertificates entry with a reasonCode extension.
fn push_entry(out: &mut Vec<u8>, serial: &[u8], date: &[u8; 13], reason: u8) {
    let serial = der::tlv(0x02, serial);
    // Extension { reasonCode, OCTET STRING { ENUMERATED reason } }
    let ext: [u8; 14] = [
        0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01, reason,
    ];
    let len = serial.len() + 15 + ext.len();
    der::push_header(out, 0x30, len);
    out.extend_from_slice(&serial);
    out.push(0x17);
    out.push(13);
    out.extend_from_slice(date);
    out.extend_from_slice(&ext);
}

fn utc_time(epoch: i64) -> [u8; 13] {
    let t = DateTime::from_timestamp(epoch, 0).expect("time");
    let s = t.format("%y%m%d%H%M%SZ").to_string();
    s.as_bytes().try_into().expect("13 characters")
}

/// A CRL of `entries` entries: the `revoked` serials spread evenly among random fillers.
fn build_crl(
    issuer: &[u8],
    aki: &[u8],
    revoked: &[Vec<u8>],
    entries: usize,
    number: u16,
    key: &RsaKeyPair,
    rng: &ring::rand::SystemRandom,
) -> Vec<u8> {
    assert!(entries >= revoked.len());
    let fillers = entries - revoked.len();
    let spacing = fillers / revoked.len().max(1) + 1;
    let mut list = Vec::with_capacity(entries * 52);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(number);
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Revoked end entities: 2026-06-01 onwards, one hour apart.
    let ee_base = 1_780_272_000; // 2026-06-01T00:00:00Z
                                 // Fillers: 2025-01-01 .. about 2026-10, 47 seconds apart (1M entries).
    let filler_base = 1_735_689_600; // 2025-01-01T00:00:00Z
    let (mut r, mut f) = (0usize, 0usize);
    for pos in 0..entries {
        let take_revoked = r < revoked.len()
            && (pos % spacing == spacing / 2 || entries - pos == revoked.len() - r);
        if take_revoked {
            let date = utc_time(ee_base + r as i64 * 3600);
            push_entry(&mut list, &revoked[r], &date, REASONS[r % 5]);
            r += 1;
        } else {
            let len = 16 + f % 5;
            let mut serial = Vec::with_capacity(len);
            while serial.len() < len {
                serial.extend_from_slice(&next().to_be_bytes());
            }
            serial.truncate(len);
            serial[0] = (serial[0] & 0x7f) | 0x01;
            let date = utc_time(filler_base + f as i64 * 47);
            push_entry(&mut list, &serial, &date, REASONS[f % REASONS.len()]);
            f += 1;
        }
    }
    assert_eq!((r, f), (revoked.len(), fillers));

    // Extensions: authorityKeyIdentifier { [0] keyIdentifier }, cRLNumber.
    let aki_ext = der::tlv(
        0x30,
        &[
            &der::tlv(0x06, &[0x55, 0x1d, 0x23])[..],
            &der::tlv(0x04, &der::tlv(0x30, &der::tlv(0x80, aki))),
        ]
        .concat(),
    );
    let number_ext = der::tlv(
        0x30,
        &[
            &der::tlv(0x06, &[0x55, 0x1d, 0x14])[..],
            &der::tlv(0x04, &der::tlv(0x02, &number.to_be_bytes())),
        ]
        .concat(),
    );
    let extensions = der::tlv(0xa0, &der::tlv(0x30, &[aki_ext, number_ext].concat()));

    let mut tbs_content = Vec::with_capacity(list.len() + 1024);
    tbs_content.extend_from_slice(&der::tlv(0x02, &[1]));
    tbs_content.extend_from_slice(SHA256_WITH_RSA);
    tbs_content.extend_from_slice(issuer);
    tbs_content.extend_from_slice(&der::tlv(0x17, b"261101000000Z"));
    tbs_content.extend_from_slice(&der::tlv(0x17, b"270501000000Z"));
    der::push_header(&mut tbs_content, 0x30, list.len());
    tbs_content.extend_from_slice(&list);
    drop(list);
    tbs_content.extend_from_slice(&extensions);
    let tbs = der::tlv(0x30, &tbs_content);
    drop(tbs_content);
    let sig = sign(key, rng, &tbs);
    der::tlv(
        0x30,
        &[&tbs[..], SHA256_WITH_RSA, &bit_string(&sig)].concat(),
    )
}

fn sign(key: &RsaKeyPair, rng: &ring::rand::SystemRandom, msg: &[u8]) -> Vec<u8> {
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, rng, msg, &mut sig)
        .expect("RSA sign");
    sig
}

fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(bytes.len() + 1);
    content.push(0);
    content.extend_from_slice(bytes);
    der::tlv(0x03, &content)
}

/// PEM with 64-character lines and LF line ends.
pub fn pem_encode(label: &str, der: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = Vec::with_capacity(b64.len() + b64.len() / 64 + 64);
    out.extend_from_slice(format!("-----BEGIN {label}-----\n").as_bytes());
    for line in b64.as_bytes().chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(format!("-----END {label}-----\n").as_bytes());
    out
}

/// A minimal DER writer and reader (definite lengths, single-octet tags).
pub mod figures;

pub mod der {
    /// Append a tag and a length.
    pub fn push_header(out: &mut Vec<u8>, tag: u8, len: usize) {
        out.push(tag);
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
    }

    /// One element.
    pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(content.len() + 6);
        push_header(&mut out, tag, content.len());
        out.extend_from_slice(content);
        out
    }

    /// (header length, content length) of the element at the start of `input`.
    fn header(input: &[u8]) -> (usize, usize) {
        let first = input[1];
        if first < 0x80 {
            return (2, first as usize);
        }
        let n = (first & 0x7f) as usize;
        assert!((1..=4).contains(&n), "unsupported DER length");
        let len = input[2..2 + n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | b as usize);
        (2 + n, len)
    }

    /// The content of the element at the start of `input`.
    pub fn content(input: &[u8]) -> &[u8] {
        let (h, len) = header(input);
        &input[h..h + len]
    }

    /// The elements (tag, length and content) of a constructed element's content.
    pub fn children(mut content: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        while !content.is_empty() {
            let (h, len) = header(content);
            let (el, rest) = content.split_at(h + len);
            out.push(el);
            content = rest;
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Measuring child processes
// ---------------------------------------------------------------------------------------

/// A child process run: wall time, peak resident set and CPU time (from `/usr/bin/time -f
/// "%M %U %S"`; `None` when that tool is missing), exit status and output.
#[derive(Debug)]
pub struct ChildRun {
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// Peak RSS in KiB.
    pub max_rss_kib: Option<u64>,
    /// User + system CPU time (10 ms resolution).
    pub cpu: Option<Duration>,
    /// Exit code.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Is `/usr/bin/time` (Debian package `time`) available?
pub fn have_gnu_time() -> bool {
    Path::new("/usr/bin/time").exists()
}

/// Run `cmd` under `/usr/bin/time` (when available) and measure it.
pub fn measure(cmd: &Command) -> ChildRun {
    let rss_file = std::env::temp_dir().join(format!(
        "qoltanba-bench-rss-{}-{}",
        std::process::id(),
        RSS_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let mut run = if have_gnu_time() {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M %U %S").arg("-o").arg(&rss_file);
        c.arg(cmd.get_program()).args(cmd.get_args());
        c
    } else {
        let mut c = Command::new(cmd.get_program());
        c.args(cmd.get_args());
        c
    };
    if let Some(d) = cmd.get_current_dir() {
        run.current_dir(d);
    }
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => run.env(k, v),
            None => run.env_remove(k),
        };
    }
    run.stdin(Stdio::null());
    let t = Instant::now();
    let out = run.output().expect("spawn child process");
    let wall = t.elapsed();
    // "Command exited with non-zero status N" may precede the figures.
    let figures: Vec<String> = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last().map(|l| l.to_string()))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let _ = std::fs::remove_file(&rss_file);
    let secs = |i: usize| figures.get(i).and_then(|f| f.parse::<f64>().ok());
    let cpu = match (secs(1), secs(2)) {
        (Some(u), Some(s)) => Some(Duration::from_secs_f64(u + s)),
        _ => None,
    };
    ChildRun {
        wall,
        max_rss_kib: figures.first().and_then(|f| f.parse().ok()),
        cpu,
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

static RSS_SEQ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

// ---------------------------------------------------------------------------------------
// Signed requests (CMS): material for `benches/cms.rs`
// ---------------------------------------------------------------------------------------

/// Material for the CMS benchmarks, generated once and cached under
/// `target/bench-data/cms-<stamp>/` (never committed):
///
/// * `requests/rNNNN.cms`: [`cms_data::N_REQUESTS`] signed requests, attached CMS DER, each
///   over a JSON request body of 1-2 KB naming IIN [`IIN`], signed with the library's
///   `cms::sign` by the key of `test-vectors/pki/individual_sign.p12` (RSA-2048, SHA-256),
///   signingTime [`AT_RFC3339`], chain `nca_rsa.cer` included;
/// * `revoked.cms`: one such request signed by `revoked.cer` (listed on
///   `nca_rsa_current.crl`), and `tampered.cms`: request 0 with one content byte changed;
///   both must be refused by both sides (controls that the CRL and the digest are checked);
/// * `nca_rsa_current.crl.pem`, `individual_sign.pem`: PEM copies for the `openssl` command
///   line, and `root+crl.pem`: `root.pem` followed by that CRL, the `-CAfile` of `openssl cms
///   -verify` (OpenSSL 3.0's `cms` has no `-CRLfile`; its store loads the CRLs of the CA
///   file); `content-1k.bin`: the 1,024-byte document the signing benchmarks sign.
///
/// The stamp is a hash of the generator version and of the test-PKI files used.
pub mod cms_data {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::Duration;

    use qoltanba::cms::{sign, CmsVerdict, SignRequest, SignedData, VerifyOptions};
    use qoltanba::keys::{open_pkcs12, SigningKey};
    use qoltanba::revocation::Crl;
    use qoltanba::{Certificate, Verifier};
    use sha2::{Digest, Sha256};

    /// Signed requests generated.
    pub const N_REQUESTS: usize = 1_000;
    /// The signer's PKCS#12 file (in `test-vectors/pki/`).
    pub const P12: &str = "individual_sign.p12";
    /// Its password.
    pub const P12_PASSWORD: &[u8] = b"Qwerty12";
    /// The CRL both sides check against (in `test-vectors/pki/`).
    pub const CRL: &str = "nca_rsa_current.crl";
    /// Size of the document the signing benchmarks sign.
    pub const SIGN_CONTENT_LEN: usize = 1024;

    /// Bump when the generated material changes shape.
    const GENERATOR_VERSION: &str = "qoltanba-bench-cms-2";

    /// The generated material and the test-PKI files it is judged with.
    #[derive(Clone, Debug)]
    pub struct CmsBenchData {
        /// The cache folder.
        pub dir: PathBuf,
        /// Request `i` is `requests[i]` (absolute), attached CMS, DER.
        pub requests: Vec<PathBuf>,
        /// A request signed by a revoked certificate.
        pub revoked: PathBuf,
        /// Request 0 with one content byte changed.
        pub tampered: PathBuf,
        /// Trust anchor, DER (qoltanba).
        pub root_cer: PathBuf,
        /// Trust anchor, PEM (`openssl -CAfile`).
        pub root_pem: PathBuf,
        /// The issuing CA, PEM (`openssl cms -sign -certfile`).
        pub ca_pem: PathBuf,
        /// The CRL, DER (qoltanba).
        pub crl_der: PathBuf,
        /// The same CRL, PEM.
        pub crl_pem: PathBuf,
        /// `root.pem` + the CRL in PEM: `openssl cms -verify -CAfile` (trust anchor and CRL).
        pub root_and_crl_pem: PathBuf,
        /// The PKCS#12 file of the signer.
        pub p12: PathBuf,
        /// The signer's certificate, PEM (`openssl cms -sign -signer`).
        pub signer_pem: PathBuf,
        /// The signer's private key as PKCS#8 PEM (the same key as the PKCS#12 file's:
        /// `openssl cms -sign -inkey`, and ring's raw signing).
        pub signer_key_pem: PathBuf,
        /// The document the signing benchmarks sign ([`SIGN_CONTENT_LEN`] bytes).
        pub sign_content: PathBuf,
    }

    /// The JSON body of request `i`: 1-2 KB, naming the signer's IIN.
    pub fn request_body(i: usize) -> Vec<u8> {
        let head = format!(
            concat!(
                "{{\"request_id\":\"REQ-2026-{i:06}\",",
                "\"service\":\"kokpekti-unemployment-certificate\",",
                "\"submitted_at\":\"2026-11-22T09:30:00Z\",",
                "\"applicant\":{{\"iin\":\"{iin}\",\"surname\":\"ТЕСТОВ\",\"name\":\"ТЕСТ\",",
                "\"patronymic\":\"ТЕСТОВИЧ\",\"phone\":\"+7 701 000 {a:02} {b:02}\",",
                "\"email\":\"test@qoltanba.invalid\",",
                "\"address\":\"Казахстан, Абайская область, г. Семей, ул. Тестовая, д. {house}, кв. {flat}\"}},",
                "\"certified_by\":\"applicant\",\"language\":\"ru\",",
                "\"attachments\":[{{\"name\":\"udostoverenie.pdf\",\"sha256\":\"{h1}\"}},",
                "{{\"name\":\"spravka.pdf\",\"sha256\":\"{h2}\"}}],",
                "\"comment\":\""
            ),
            i = i,
            iin = super::IIN,
            a = i % 100,
            b = (i / 100) % 100,
            house = 1 + i % 97,
            flat = 1 + i % 211,
            h1 = hex(&Sha256::digest(format!("attachment-1-{i}").as_bytes())),
            h2 = hex(&Sha256::digest(format!("attachment-2-{i}").as_bytes())),
        );
        let target = 1024 + (i * 389) % 1024;
        let mut body = head.into_bytes();
        let filler = b"Prosim vydat spravku o statuse bezrabotnogo. ";
        let tail = b"\"}\n";
        let mut k = 0;
        while body.len() + tail.len() < target {
            body.push(filler[k % filler.len()]);
            k += 1;
        }
        body.extend_from_slice(tail);
        body
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// The document the signing benchmarks sign: request 0's body cut to 1,024 bytes.
    pub fn sign_content() -> Vec<u8> {
        let mut c = request_body(0);
        c.truncate(SIGN_CONTENT_LEN);
        assert_eq!(c.len(), SIGN_CONTENT_LEN);
        c
    }

    /// Read a file of `test-vectors/pki/`.
    pub fn pki_file(name: &str) -> Vec<u8> {
        std::fs::read(super::pki_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Read and parse a certificate of `test-vectors/pki/`.
    pub fn pki_cert(name: &str) -> Certificate {
        Certificate::from_input(&pki_file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The cached material, generated first if needed (a few seconds).
    pub fn cms_bench_data() -> CmsBenchData {
        let pki = super::pki_dir();
        let inputs = [
            P12,
            "individual_sign.cer",
            "individual_sign.key.pem",
            "revoked.cer",
            "revoked.key.pem",
            "nca_rsa.cer",
            "nca_rsa.pem",
            "root.cer",
            "root.pem",
            CRL,
        ];
        let mut h = Sha256::new();
        h.update(GENERATOR_VERSION);
        for f in inputs {
            h.update(pki_file(f));
        }
        let stamp = hex(&h.finalize()[..8]);
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| super::manifest_dir().join("target"));
        let root = target.join("bench-data");
        let dir = root.join(format!("cms-{stamp}"));
        let data = CmsBenchData {
            requests: (0..N_REQUESTS)
                .map(|i| dir.join(format!("requests/r{i:04}.cms")))
                .collect(),
            revoked: dir.join("revoked.cms"),
            tampered: dir.join("tampered.cms"),
            root_cer: pki.join("root.cer"),
            root_pem: pki.join("root.pem"),
            ca_pem: pki.join("nca_rsa.pem"),
            crl_der: pki.join(CRL),
            crl_pem: dir.join("nca_rsa_current.crl.pem"),
            root_and_crl_pem: dir.join("root+crl.pem"),
            p12: pki.join(P12),
            signer_pem: dir.join("individual_sign.pem"),
            signer_key_pem: pki.join("individual_sign.key.pem"),
            sign_content: dir.join("content-1k.bin"),
            dir: dir.clone(),
        };
        super::materialise(&dir, "CMS benchmark material", "requests", generate);
        data
    }

    fn generate(out: &Path) {
        let bundle = open_pkcs12(&pki_file(P12), P12_PASSWORD).expect("open the PKCS#12 file");
        assert_eq!(
            bundle.certificate,
            pki_cert("individual_sign.cer"),
            "{P12} holds individual_sign.cer"
        );
        let chain = [pki_cert("nca_rsa.cer")];
        let at = super::at();
        let request = SignRequest::new(&bundle.certificate, at).with_chain(&chain);
        for i in 0..N_REQUESTS {
            let der = sign(&request_body(i), &request, &bundle.key).expect("cms::sign");
            std::fs::write(out.join(format!("requests/r{i:04}.cms")), der).expect("write request");
        }

        // Controls: a revoked signer, and a changed content byte.
        let revoked_cert = pki_cert("revoked.cer");
        let revoked_key =
            SigningKey::from_pkcs8(&pki_file("revoked.key.pem"), None).expect("revoked.key.pem");
        let der = sign(
            &request_body(0),
            &SignRequest::new(&revoked_cert, at).with_chain(&chain),
            &revoked_key,
        )
        .expect("cms::sign (revoked)");
        std::fs::write(out.join("revoked.cms"), der).expect("write revoked.cms");
        let mut der = std::fs::read(out.join("requests/r0000.cms")).expect("read request 0");
        let body = request_body(0);
        let pos = der
            .windows(body.len())
            .position(|w| w == &body[..])
            .expect("the content is in the CMS");
        der[pos + 20] ^= 0x01;
        std::fs::write(out.join("tampered.cms"), der).expect("write tampered.cms");

        std::fs::write(
            out.join("nca_rsa_current.crl.pem"),
            super::pem_encode("X509 CRL", &pki_file(CRL)),
        )
        .expect("write CRL PEM");
        let mut ca_file = pki_file("root.pem");
        if !ca_file.ends_with(b"\n") {
            ca_file.push(b'\n');
        }
        ca_file.extend_from_slice(&super::pem_encode("X509 CRL", &pki_file(CRL)));
        std::fs::write(out.join("root+crl.pem"), ca_file).expect("write root+crl.pem");
        std::fs::write(
            out.join("individual_sign.pem"),
            super::pem_encode("CERTIFICATE", bundle.certificate.der()),
        )
        .expect("write signer PEM");
        std::fs::write(out.join("content-1k.bin"), sign_content()).expect("write content");
    }

    /// The verifier of a service receiving signed requests: trust `root.cer`, the CRL
    /// `nca_rsa_current.crl`, both read from their files (the CMS carries the intermediate).
    pub fn cms_verifier(data: &CmsBenchData) -> Verifier {
        let root = Certificate::from_input(&std::fs::read(&data.root_cer).expect("read root"))
            .expect("parse root");
        let crl = Crl::from_der(std::fs::read(&data.crl_der).expect("read CRL")).expect("CRL");
        Verifier::builder()
            .trust(root)
            .expect("trust")
            .crl(crl)
            .expect("crl")
            .build()
    }

    /// What every request is verified against: the signing purpose, IIN [`super::IIN`], at
    /// [`super::AT_RFC3339`], every signer must hold.
    pub fn cms_verify_options() -> VerifyOptions {
        VerifyOptions::new(super::expectation())
    }

    /// Read, parse and verify one signed request.
    pub fn verify_file(path: &Path, verifier: &Verifier, options: &VerifyOptions) -> CmsVerdict {
        let bytes = std::fs::read(path).expect("read request");
        let cms = SignedData::from_input(&bytes).expect("parse request");
        cms.verify(verifier, options)
    }

    /// `openssl cms -verify` of one request: the chain to `root.pem` (the intermediate from
    /// the CMS), the leaf's CRL (`-crl_check`; the CRL comes with the trust anchor in
    /// `root+crl.pem`), the signature and the signed attributes, at [`super::AT_EPOCH`]; the
    /// content goes to `out`.
    pub fn openssl_cms_verify_command(data: &CmsBenchData, cms: &Path, out: &Path) -> Command {
        let mut c = Command::new("openssl");
        c.args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
            .arg(cms)
            .arg("-CAfile")
            .arg(&data.root_and_crl_pem)
            .args(["-purpose", "any", "-attime"])
            .arg(super::AT_EPOCH.to_string())
            .arg("-crl_check")
            .arg("-out")
            .arg(out)
            .stdin(Stdio::null());
        c
    }

    /// `openssl cms -sign` of the 1 KB document: attached (`-nodetach`), SHA-256, the
    /// signer's certificate and `nca_rsa` included, DER to `out`.
    pub fn openssl_cms_sign_command(data: &CmsBenchData, out: &Path) -> Command {
        let mut c = Command::new("openssl");
        c.args([
            "cms",
            "-sign",
            "-binary",
            "-nodetach",
            "-md",
            "sha256",
            "-in",
        ])
        .arg(&data.sign_content)
        .arg("-signer")
        .arg(&data.signer_pem)
        .arg("-inkey")
        .arg(&data.signer_key_pem)
        .arg("-certfile")
        .arg(&data.ca_pem)
        .args(["-outform", "DER", "-out"])
        .arg(out)
        .stdin(Stdio::null());
        c
    }

    /// CPU time the calling thread has run (`/proc/thread-self/schedstat`, nanoseconds;
    /// falls back to `/proc/thread-self/stat`, 10 ms ticks).
    pub fn thread_cpu_time() -> Option<Duration> {
        if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
            if let Some(ns) = s.split_whitespace().next().and_then(|f| f.parse().ok()) {
                return Some(Duration::from_nanos(ns));
            }
        }
        stat_ticks("/proc/thread-self/stat", 11, 12)
    }

    /// User + system CPU time of this process's waited-for children (`/proc/self/stat`
    /// cutime + cstime). The kernel sums them exactly; only the total is rounded to a tick.
    pub fn children_cpu_time() -> Option<Duration> {
        stat_ticks("/proc/self/stat", 13, 14)
    }

    /// Fields `a` + `b` (counted from the state field, 0-based) of a `stat` file, in
    /// clock ticks of 10 ms (USER_HZ on Linux).
    fn stat_ticks(file: &str, a: usize, b: usize) -> Option<Duration> {
        let s = std::fs::read_to_string(file).ok()?;
        let rest = &s[s.rfind(')')? + 1..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 = f.get(a)?.parse::<u64>().ok()? + f.get(b)?.parse::<u64>().ok()?;
        Some(Duration::from_millis(ticks * 10))
    }
}
