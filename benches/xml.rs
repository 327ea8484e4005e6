//! Signed XML requests in: qoltanba's XML signature verification beside `xmlsec1 --verify`,
//! in one run, for RSA and GOST 2015 (512) signatures.
//!
//! `cargo bench --bench xml` prints a table (also written to `target/bench-data/xml.md`):
//!
//! * **RSA**: N (default 1,000) XML requests of 1-2 KB (a `<request>` with the applicant's
//!   IIN, name, address, attachment hashes and a free text, each different), signed with the
//!   library's `xmldsig::sign` by the key of `test-vectors/pki/individual_sign.p12`
//!   (rsa-sha256, enveloped, the certificate in KeyInfo). qoltanba in one process (one
//!   `Verifier` built once from `root.cer`, `nca_rsa.cer` and `nca_rsa_current.crl`; for each
//!   document read the file and `xmldsig::verify` at 2026-11-23T00:00:00Z; 1 and 2 threads)
//!   against `xmlsec1 --verify --trusted-der root.cer --untrusted-der nca_rsa.cer
//!   --verification-time "2026-11-23 00:00:00"`, which handles one document per process, run
//!   once per document in sequence. Goal: at least 10x xmlsec1's documents per second, same
//!   verdicts.
//! * **GOST 2015/512**: the same requests signed by
//!   `../shared/nca-test-pki/gost2015/individual_valid.p12` (Kalkan's URIs
//!   `urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512`),
//!   judged at the certificate's notBefore + 30 days against `root_test_gost_2022.cer`,
//!   `nca_gost2022_test.cer` and `nca_gost2022_test.crl`. xmlsec1 is tried on one document:
//!   if it cannot verify Kalkan's GOST URIs, the row is qoltanba's alone and the report says
//!   why. Skipped with a notice when `../shared` is absent.
//!
//! Before timing, both sides must accept the first and the last document and refuse a
//! tampered one (one character of the signed text changed). The timed runs count the
//! verdicts of both sides; the report gives the counts.
//!
//! Wall time and CPU time are both reported: the machine is shared. In-process CPU time is
//! the worker threads' own (`/proc/thread-self/schedstat`); xmlsec1's is the sum over its
//! processes (`/proc/self/stat` cutime + cstime after each is waited for).
//!
//! Environment:
//! * `QOLTANBA_BENCH_XML_N=N` (default 1000): documents generated per algorithm;
//! * `QOLTANBA_BENCH_RUNS=N` (default 5): repetitions of each in-process batch;
//! * `QOLTANBA_BENCH_XML_XMLSEC1_N=N` (default N): `xmlsec1 --verify` processes; below N the
//!   rate is measured on that many and the N time extrapolated (the report says so).

#[path = "support/mod.rs"]
mod support;

use support::figures::{diff, env_num, fmt_d, fmt_rate, median, median_opt, shorten};

use qoltanba::Judged as _;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use qoltanba::keys::{open_pkcs12, SigningKey};
use qoltanba::{xmldsig, Certificate, Expectation, Overall, SignatureCheck, Verifier};
use sha2::{Digest, Sha256};
use support::cms_data::{children_cpu_time, thread_cpu_time};

/// Bump when the generated material changes shape.
const GENERATOR_VERSION: &str = "qoltanba-bench-xml-1";
const P12_PASSWORD: &[u8] = b"Qwerty12";

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("xml: benchmark only; run `cargo bench --bench xml`");
        return;
    }
    let n = env_num("QOLTANBA_BENCH_XML_N", 1000).clamp(10, 100_000);
    let runs = env_num("QOLTANBA_BENCH_RUNS", 5).max(1);
    let xmlsec_n = env_num("QOLTANBA_BENCH_XML_XMLSEC1_N", n).clamp(10, n);

    let mut report = Report::default();
    report.header.push(support::machine_line());
    report.header.push(format!(
        "xmlsec1: {}",
        Command::new("xmlsec1")
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|e| format!("not runnable ({e})"))
    ));
    let sets = material(n);
    if sets.len() < 2 {
        let msg = "GOST 2015: ../shared/nca-test-pki/gost2015/ is absent, the GOST row is skipped";
        eprintln!("NOTICE: {msg}");
        report.note(msg.to_string());
    }

    for set in &sets {
        let name = set.name;
        eprintln!("[{name}] validating the material with qoltanba and xmlsec1 ...");
        let xmlsec_ok = validate(set, &mut report);

        eprintln!("[{name}] qoltanba: verifying {n} documents in process ({runs} runs, 1 and 2 threads) ...");
        let mut ours: [Vec<BatchRun>; 2] = [Vec::new(), Vec::new()];
        for _ in 0..runs {
            for (t, v) in ours.iter_mut().enumerate() {
                v.push(verify_batch(set, t + 1));
            }
        }
        eprintln!("[{name}] qoltanba: from scratch per document (3 runs) ...");
        let scratch: Vec<BatchRun> = (0..3).map(|_| verify_from_scratch(set)).collect();
        let phases = verify_phases(set);

        let (other, how) = if xmlsec_ok {
            eprintln!("[{name}] xmlsec1 --verify: {xmlsec_n} processes in sequence ...");
            let p = xmlsec_verify(set, xmlsec_n);
            let scale = n as f64 / xmlsec_n as f64;
            let how = if xmlsec_n == n {
                String::new()
            } else {
                format!(" (xmlsec1: {xmlsec_n} processes measured, EXTRAPOLATED x{scale:.1})")
            };
            report.note(format!(
                "{name}, xmlsec1 --verify: {xmlsec_n} processes took {} wall, {} CPU (user + system of the children): \
                 {:.2} ms wall, {} CPU per document; verdicts: {} OK, {} failed",
                fmt_d(p.wall),
                p.cpu.map_or("n/a".into(), fmt_d),
                p.wall.as_secs_f64() * 1e3 / xmlsec_n as f64,
                p.cpu.map_or("n/a".into(), |c| format!(
                    "{:.2} ms",
                    c.as_secs_f64() * 1e3 / xmlsec_n as f64
                )),
                p.ok,
                xmlsec_n - p.ok,
            ));
            (
                Some(Rate::new(
                    n,
                    p.wall.mul_f64(scale),
                    p.cpu.map(|c| c.mul_f64(scale)),
                )),
                how,
            )
        } else {
            (None, " (xmlsec1: none, see the notes)".to_string())
        };

        for (t, results) in ours.iter().enumerate() {
            let threads = t + 1;
            report.rows.push(Row {
                op: format!(
                    "{name}: verify {} signed XML requests, one process, {threads} thread{}: build verifier + read/verify each{how}",
                    fmt_rate(n as f64),
                    if threads > 1 { "s" } else { "" }
                ),
                ours: Rate::new(
                    n,
                    median(results.iter().map(|r| r.wall)),
                    median_opt(results.iter().map(|r| r.cpu)),
                ),
                other,
                goal: other.map(|_| 10.0),
            });
        }
        report.rows.push(Row {
            op: format!(
                "   {name}: qoltanba from scratch per document, 1 thread: re-read + parse root, intermediate and CRL, new verifier (CRL signature, no signature cache) per document{how}"
            ),
            ours: Rate::new(
                n,
                median(scratch.iter().map(|r| r.wall)),
                median_opt(scratch.iter().map(|r| r.cpu)),
            ),
            other,
            goal: None,
        });
        let valid: Vec<usize> = ours.iter().flatten().map(|r| r.valid).collect();
        report.note(format!(
            "{name}, qoltanba (median of {runs}): verifier build {}; {n} documents {} on 1 thread ({:.1} us each), {} on 2 threads; \
             valid verdicts per batch: {} of {n} (every batch: {:?})",
            fmt_d(median(ours.iter().flatten().map(|r| r.build))),
            fmt_d(median(ours[0].iter().map(|r| r.wall))),
            median(ours[0].iter().map(|r| r.wall)).as_secs_f64() * 1e6 / n as f64,
            fmt_d(median(ours[1].iter().map(|r| r.wall))),
            valid.iter().min().copied().unwrap_or(0),
            valid,
        ));
        report.note(phases);
    }

    report.note(format!("load average at the end: {}", support::loadavg()));
    let text = report.render();
    println!("{text}");
    let out = bench_root().join("xml.md");
    if std::fs::write(&out, &text).is_ok() {
        eprintln!("written to {}", out.display());
    }
}

// ---------------------------------------------------------------------------------------
// Material
// ---------------------------------------------------------------------------------------

/// One algorithm's documents and what they are judged with.
struct Set {
    name: &'static str,
    docs: Vec<PathBuf>,
    /// Document 0 with one character of the signed text changed.
    tampered: PathBuf,
    trust: PathBuf,
    intermediate: PathBuf,
    crl: PathBuf,
    at: DateTime<Utc>,
    /// The signer's certificate and key (for the phase split).
    cert: Certificate,
    key: SigningKey,
}

impl Set {
    fn verifier(&self) -> Verifier {
        Verifier::builder()
            .trust_path(&self.trust)
            .expect("trust")
            .intermediate_path(&self.intermediate)
            .expect("intermediate")
            .crl_path(&self.crl)
            .expect("crl")
            .build()
    }

    fn expectation(&self) -> Expectation {
        Expectation::at(self.at)
    }

    /// `xmlsec1 --verify` of one document: trust anchor and intermediate given as DER, the
    /// time judged as local time (`--verification-time`; the machine runs in UTC).
    fn xmlsec1(&self, doc: &Path) -> Command {
        let mut c = Command::new("xmlsec1");
        c.arg("--verify")
            .arg("--trusted-der")
            .arg(&self.trust)
            .arg("--untrusted-der")
            .arg(&self.intermediate)
            .arg("--verification-time")
            .arg(self.at.format("%Y-%m-%d %H:%M:%S").to_string())
            .arg(doc)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    }
}

fn bench_root() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::manifest_dir().join("target"))
        .join("bench-data")
}

fn gost_dir() -> PathBuf {
    support::manifest_dir().join("../shared/nca-test-pki/gost2015")
}

/// The unsigned request `i`: 1-2 KB, each different.
fn request(i: usize) -> Vec<u8> {
    let h = |k: u8| hex(&Sha256::digest(format!("attachment-{k}-{i}").as_bytes()));
    let head = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<request xmlns=\"urn:qoltanba:bench:request\" id=\"REQ-2026-{i:06}\">\n",
            "  <service>kokpekti-unemployment-certificate</service>\n",
            "  <submitted>2026-11-22T09:30:00Z</submitted>\n",
            "  <applicant>\n",
            "    <iin>{iin}</iin>\n",
            "    <surname>ТЕСТОВ</surname><name>ТЕСТ</name><patronymic>ТЕСТОВИЧ</patronymic>\n",
            "    <phone>+7 701 000 {a:02} {b:02}</phone>\n",
            "    <address>Казахстан, Абайская область, г. Семей, ул. Тестовая, д. {house}, кв. {flat}</address>\n",
            "  </applicant>\n",
            "  <attachments>\n",
            "    <attachment name=\"udostoverenie.pdf\" sha256=\"{h1}\"/>\n",
            "    <attachment name=\"spravka.pdf\" sha256=\"{h2}\"/>\n",
            "  </attachments>\n",
            "  <text>"
        ),
        i = i,
        iin = support::IIN,
        a = i % 100,
        b = (i / 100) % 100,
        house = 1 + i % 97,
        flat = 1 + i % 211,
        h1 = h(1),
        h2 = h(2),
    );
    let target = 1024 + (i * 389) % 1024;
    let mut body = head.into_bytes();
    let filler = b"Prosim vydat spravku o statuse bezrabotnogo &amp; uchest' zayavlenie. ";
    let tail = b"</text>\n</request>\n";
    let mut k = 0;
    while body.len() + tail.len() < target {
        // Whole words only, so that no entity reference is cut.
        let w = filler[k % filler.len()..]
            .iter()
            .position(|&c| c == b' ')
            .map_or(filler.len() - k % filler.len(), |p| p + 1);
        body.extend_from_slice(&filler[k % filler.len()..k % filler.len() + w]);
        k += w;
    }
    body.extend_from_slice(tail);
    body
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The RSA set, and the GOST set when `../shared` is present; generated once under
/// `target/bench-data/xml-<stamp>/`.
fn material(n: usize) -> Vec<Set> {
    let pki = support::pki_dir();
    let gost = gost_dir();
    let have_gost = gost.join("individual_valid.p12").exists();
    let mut h = Sha256::new();
    h.update(GENERATOR_VERSION);
    h.update(n.to_le_bytes());
    let mut inputs = vec![pki.join("individual_sign.p12")];
    if have_gost {
        inputs.push(gost.join("individual_valid.p12"));
    }
    for f in &inputs {
        h.update(std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display())));
    }
    let dir = bench_root().join(format!("xml-{}", hex(&h.finalize()[..8])));

    let open = |p: &Path| {
        open_pkcs12(
            &std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            P12_PASSWORD,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let rsa = open(&pki.join("individual_sign.p12"));
    let mut sets = vec![Set {
        name: "RSA",
        docs: (0..n)
            .map(|i| dir.join(format!("rsa/d{i:05}.xml")))
            .collect(),
        tampered: dir.join("rsa-tampered.xml"),
        trust: pki.join("root.cer"),
        intermediate: pki.join("nca_rsa.cer"),
        crl: pki.join("nca_rsa_current.crl"),
        at: support::at(),
        cert: rsa.certificate,
        key: rsa.key,
    }];
    if have_gost {
        let g = open(&gost.join("individual_valid.p12"));
        let at = g.certificate.not_before() + chrono::Duration::days(30);
        sets.push(Set {
            name: "GOST 2015/512",
            docs: (0..n)
                .map(|i| dir.join(format!("gost/d{i:05}.xml")))
                .collect(),
            tampered: dir.join("gost-tampered.xml"),
            trust: gost.join("root_test_gost_2022.cer"),
            intermediate: gost.join("nca_gost2022_test.cer"),
            crl: gost.join("nca_gost2022_test.crl"),
            at,
            cert: g.certificate,
            key: g.key,
        });
    }
    support::materialise(&dir, "XML benchmark material", "rsa", |out| {
        for (set, sub) in sets.iter().zip(["rsa", "gost"]) {
            std::fs::create_dir_all(out.join(sub)).expect("mkdir");
            for i in 0..n {
                let signed =
                    xmldsig::sign(&request(i), &set.cert, &set.key).expect("xmldsig::sign");
                std::fs::write(out.join(format!("{sub}/d{i:05}.xml")), signed).expect("write");
            }
            let text = std::fs::read_to_string(out.join(format!("{sub}/d00000.xml")))
                .expect("read document 0");
            let changed = text.replacen("Prosim vydat", "Prosim vydaT", 1);
            assert_ne!(changed, text);
            std::fs::write(out.join(format!("{sub}-tampered.xml")), changed).expect("write");
        }
    });
    sets
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

/// Before anything is timed: qoltanba accepts the first and last documents and refuses the
/// tampered one; so does xmlsec1, if it can verify this algorithm at all. Returns whether
/// xmlsec1 can (and then it must agree).
fn validate(set: &Set, report: &mut Report) -> bool {
    let verifier = set.verifier();
    let expect = set.expectation();
    let last = set.docs.len() - 1;
    for i in [0, last] {
        let xml = std::fs::read(&set.docs[i]).expect("read");
        let v = xmldsig::verify(&xml, &verifier, &expect).expect("verify");
        assert_eq!(
            v.overall(),
            Overall::Valid,
            "{} document {i}: {v:#?}",
            set.name
        );
        assert_eq!(v.signers().len(), 1);
    }
    let t = std::fs::read(&set.tampered).expect("read");
    let v = xmldsig::verify(&t, &verifier, &expect).expect("verify");
    assert_eq!(
        v.overall(),
        Overall::Invalid,
        "{} tampered: {v:#?}",
        set.name
    );
    let ours = v
        .refusal()
        .map(|r| format!("{r:?}"))
        .unwrap_or_else(|| format!("{:?}", v.overall()));

    let run = |p: &Path| {
        let o = set.xmlsec1(p).output().expect("run xmlsec1");
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (ok0, err0) = run(&set.docs[0]);
    if !ok0 {
        let why = err0
            .lines()
            .filter(|l| l.contains("error") || l.contains("FAIL"))
            .take(3)
            .collect::<Vec<_>>()
            .join(" | ");
        report.note(format!(
            "{}: xmlsec1 --verify cannot verify qoltanba's signature of document 0, so the row is qoltanba's alone \
             (xmlsec1 exit failure; stderr: \"{}\")",
            set.name,
            shorten(&why, 400)
        ));
        eprintln!("[{}] xmlsec1 cannot verify: {err0}", set.name);
        return false;
    }
    let (ok_last, err_last) = run(&set.docs[last]);
    assert!(ok_last, "xmlsec1 document {last}: {err_last}");
    let (ok_t, err_t) = run(&set.tampered);
    assert!(!ok_t, "xmlsec1 accepted the tampered document: {err_t}");
    let theirs = err_t
        .lines()
        .find(|l| l.contains("error") || l.contains("FAIL"))
        .unwrap_or("")
        .trim()
        .to_string();
    report.note(format!(
        "{}: checked before timing: both sides accept documents 0 and {last} and refuse document 0 with one character of \
         the signed text changed (qoltanba: {}; xmlsec1: \"{}\")",
        set.name,
        shorten(&ours, 160),
        shorten(&theirs, 160),
    ));
    true
}

// ---------------------------------------------------------------------------------------
// Verify
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, Default)]
struct BatchRun {
    build: Duration,
    wall: Duration,
    cpu: Option<Duration>,
    valid: usize,
}

fn verify_file(p: &Path, verifier: &Verifier, expect: &Expectation) -> bool {
    let xml = std::fs::read(p).expect("read document");
    xmldsig::verify(&xml, verifier, expect)
        .map(|v| v.is_valid())
        .unwrap_or(false)
}

/// One verifier built once, then each document read and verified, on `threads`.
fn verify_batch(set: &Set, threads: usize) -> BatchRun {
    let c0 = thread_cpu_time();
    let t0 = Instant::now();
    let verifier = set.verifier();
    let expect = set.expectation();
    let build = t0.elapsed();
    let build_cpu = diff(c0, thread_cpu_time());
    let chunk = set.docs.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<(usize, Option<Duration>)> = std::thread::scope(|s| {
        let handles: Vec<_> = set
            .docs
            .chunks(chunk)
            .map(|part| {
                let (verifier, expect) = (&verifier, &expect);
                s.spawn(move || {
                    let c = thread_cpu_time();
                    let valid = part
                        .iter()
                        .filter(|p| verify_file(p, verifier, expect))
                        .count();
                    (valid, diff(c, thread_cpu_time()))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    let wall = t0.elapsed();
    BatchRun {
        build,
        wall,
        cpu: parts
            .iter()
            .fold(build_cpu, |acc, (_, c)| Some(acc? + (*c)?)),
        valid: parts.iter().map(|p| p.0).sum(),
    }
}

/// What one xmlsec1 process redoes, minus the process: a new verifier from the files for
/// every document (CRL signature, empty signature cache), then the document.
fn verify_from_scratch(set: &Set) -> BatchRun {
    let c0 = thread_cpu_time();
    let t0 = Instant::now();
    let expect = set.expectation();
    let valid = set
        .docs
        .iter()
        .filter(|p| verify_file(p, &set.verifier(), &expect))
        .count();
    BatchRun {
        build: Duration::ZERO,
        wall: t0.elapsed(),
        cpu: diff(c0, thread_cpu_time()),
        valid,
    }
}

/// Where one document's time goes on one thread (wall / thread CPU): reading the file,
/// `xmldsig::verify`, and inside it (measured alone) parsing the KeyInfo certificate, the
/// certificate condition (warm), and one signature verification over a SignedInfo-sized
/// message; the remainder is the XML parse, C14N, digests, base64 and the verdict.
fn verify_phases(set: &Set) -> String {
    let n = set.docs.len();
    let (files, read) = timed(|| {
        set.docs
            .iter()
            .map(|p| std::fs::read(p).expect("read"))
            .collect::<Vec<Vec<u8>>>()
    });
    let verifier = set.verifier();
    let expect = set.expectation();
    // Warm the signature cache first (as in the batch, after the first document).
    assert!(xmldsig::verify(&files[0], &verifier, &expect)
        .expect("verify")
        .is_valid());
    let ((), verify) = timed(|| {
        for f in &files {
            assert!(xmldsig::verify(f, &verifier, &expect)
                .expect("verify")
                .is_valid());
        }
    });
    let der = set.cert.der().to_vec();
    let ((), cert) = timed(|| {
        for _ in 0..n {
            black_box(Certificate::from_der(&der).expect("certificate"));
        }
    });
    let ((), condition) = timed(|| {
        for _ in 0..n {
            let v = verifier.check_certificate_with(&set.cert, &expect, &[]);
            assert_eq!(v.overall(), Overall::Valid);
        }
    });
    // SignedInfo is about 600-900 bytes; sign 100 such messages and verify each n/100 times.
    let alg = set.key.algorithm();
    let msgs: Vec<Vec<u8>> = (0..100)
        .map(|i| {
            let mut m = request(i);
            m.truncate(700);
            m
        })
        .collect();
    let sigs: Vec<Vec<u8>> = msgs
        .iter()
        .map(|m| set.key.sign(m).expect("sign"))
        .collect();
    let reps = (n / msgs.len()).max(1);
    let ((), sig) = timed(|| {
        for _ in 0..reps {
            for (m, s) in msgs.iter().zip(&sigs) {
                assert_eq!(
                    qoltanba::hazmat::verify(set.cert.public_key(), &alg, m, s),
                    SignatureCheck::Valid
                );
            }
        }
    });
    let sig_n = reps * msgs.len();
    // The same with the key of a certificate parsed just before, as `xmldsig::verify` has
    // it (KeyInfo is parsed per document): a GOST key is prepared on its first use.
    let ((), fresh) = timed(|| {
        for _ in 0..reps {
            for (m, s) in msgs.iter().zip(&sigs) {
                let c = Certificate::from_der(&der).expect("certificate");
                assert_eq!(
                    qoltanba::hazmat::verify(c.public_key(), &alg, m, s),
                    SignatureCheck::Valid
                );
            }
        }
    });
    // The Reference's digest: the same hash over each unsigned request (about the size of
    // the canonical document it digests).
    let hash = match alg {
        qoltanba::SignatureAlgorithm::RsaPkcs1(h) => h,
        qoltanba::SignatureAlgorithm::Gost(_) => {
            qoltanba::HashAlgorithm::Gost(qoltanba::GostHash::Streebog512)
        }
        ref other => panic!("no digest for {other:?}"),
    };
    let unsigned: Vec<Vec<u8>> = (0..n).map(request).collect();
    let ((), dig) = timed(|| {
        for u in &unsigned {
            black_box(qoltanba::hazmat::digest(hash, u).expect("digest"));
        }
    });
    let us = |t: Timed, k: usize| {
        (
            t.wall.as_secs_f64() * 1e6 / k as f64,
            t.cpu.map(|c| c.as_secs_f64() * 1e6 / k as f64),
        )
    };
    let show = |(w, c): (f64, Option<f64>)| match c {
        Some(c) => format!("{w:.1} / {c:.1}"),
        None => format!("{w:.1} / n/a"),
    };
    let (v, cd, co, sg, fr, dg) = (
        us(verify, n),
        us(cert, n),
        us(condition, n),
        us(sig, sig_n),
        us(fresh, sig_n),
        us(dig, n),
    );
    // verify - certificate parse - signature with a prepared key (the Verifier's key cache
    // holds the signer's prepared key from its second document on) - condition - digest.
    let rest = (
        v.0 - cd.0 - sg.0 - co.0 - dg.0,
        match (v.1, cd.1, sg.1, co.1, dg.1) {
            (Some(a), Some(b), Some(c), Some(d), Some(e)) => Some(a - b - c - d - e),
            _ => None,
        },
    );
    let sizes: Vec<usize> = files.iter().map(Vec::len).collect();
    format!(
        "{}, qoltanba per document, 1 thread (us, wall / thread CPU): read file {}; `xmldsig::verify` {}, of which \
         (each measured alone) parsing the KeyInfo certificate (`Certificate::from_der`) {}, the certificate condition \
         (`check_certificate_with`, warm) {}, one signature verification of a 700-byte message (`hazmat::verify`, {:?}, its hash included) {} with a key \
         already prepared (as the Verifier's key cache gives it from a signer's second document on) and {} with the \
         certificate parsed just before and no cache (parse included: a GOST key is prepared on first use per \
         certificate object), the Reference's digest ({:?} of the 1-2 KB unsigned request, `hazmat::digest`) {}, \
         and the remainder (XML parse, C14N of the document and of SignedInfo, base64, KeyInfo, verdict) {}; \
         signed documents are {}-{} bytes",
        set.name,
        show(us(read, n)),
        show(v),
        show(cd),
        show(co),
        alg,
        show(sg),
        show(fr),
        hash,
        show(dg),
        show(rest),
        sizes.iter().min().copied().unwrap_or(0),
        sizes.iter().max().copied().unwrap_or(0),
    )
}

#[derive(Clone, Copy)]
struct Timed {
    wall: Duration,
    cpu: Option<Duration>,
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Timed) {
    let c = thread_cpu_time();
    let t = Instant::now();
    let r = f();
    let wall = t.elapsed();
    (
        r,
        Timed {
            wall,
            cpu: diff(c, thread_cpu_time()),
        },
    )
}

struct Procs {
    wall: Duration,
    cpu: Option<Duration>,
    ok: usize,
}

/// `xmlsec1 --verify` once per document, in sequence, for the first `n` documents;
/// successes counted (exit status 0).
fn xmlsec_verify(set: &Set, n: usize) -> Procs {
    let c0 = children_cpu_time();
    let t0 = Instant::now();
    let mut ok = 0;
    for p in &set.docs[..n] {
        let o = set
            .xmlsec1(p)
            .stderr(Stdio::piped())
            .output()
            .expect("run xmlsec1");
        ok += usize::from(o.status.success());
    }
    Procs {
        wall: t0.elapsed(),
        cpu: diff(c0, children_cpu_time()),
        ok,
    }
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Rate {
    count: usize,
    wall: Duration,
    cpu: Option<Duration>,
}

impl Rate {
    fn new(count: usize, wall: Duration, cpu: Option<Duration>) -> Rate {
        Rate { count, wall, cpu }
    }
    fn per_sec(&self, d: Duration) -> f64 {
        self.count as f64 / d.as_secs_f64().max(1e-12)
    }
    fn text(&self, d: Option<Duration>) -> String {
        d.map_or("n/a".into(), |d| {
            format!("{} doc/s ({})", fmt_rate(self.per_sec(d)), fmt_d(d))
        })
    }
}

struct Row {
    op: String,
    ours: Rate,
    other: Option<Rate>,
    /// qoltanba's wall rate at least this many times xmlsec1's.
    goal: Option<f64>,
}

#[derive(Default)]
struct Report {
    header: Vec<String>,
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Report {
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
            "| operation | qoltanba (wall) | xmlsec1 --verify, 1 process per document (wall) | ratio (wall) | qoltanba (CPU) | xmlsec1 (CPU) | ratio (CPU) | goal (on wall) | met? |"
        );
        let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---|---|");
        for r in &self.rows {
            let dash = || "-".to_string();
            let (other_wall, other_cpu, ratio, cpu_ratio) = match r.other {
                None => (dash(), dash(), None, dash()),
                Some(o) => {
                    let ratio = r.ours.per_sec(r.ours.wall) / o.per_sec(o.wall);
                    let cpu_ratio = match (r.ours.cpu, o.cpu) {
                        (Some(a), Some(b)) if !a.is_zero() && !b.is_zero() => {
                            format!("{:.2}x", r.ours.per_sec(a) / o.per_sec(b))
                        }
                        _ => "n/a".into(),
                    };
                    (o.text(Some(o.wall)), o.text(o.cpu), Some(ratio), cpu_ratio)
                }
            };
            let (goal, met) = match (r.goal, ratio) {
                (Some(x), Some(ratio)) => (
                    format!(">= {x}x"),
                    if ratio >= x { "yes" } else { "**NO**" }.to_string(),
                ),
                _ => (dash(), dash()),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {other_wall} | {} | {} | {other_cpu} | {cpu_ratio} | {goal} | {met} |",
                r.op,
                r.ours.text(Some(r.ours.wall)),
                ratio.map_or(dash(), |x| format!("{x:.2}x")),
                r.ours.text(r.ours.cpu),
            );
        }
        let _ = writeln!(s);
        for n in &self.notes {
            let _ = writeln!(s, "- {n}");
        }
        s
    }
}
