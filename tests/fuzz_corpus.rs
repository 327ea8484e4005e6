//! Replays the fuzz corpora on stable Rust, so CI exercises the fuzz targets without
//! cargo-fuzz or nightly.
//!
//! For every target of `fuzz/src/lib.rs` (included below as a module, the very code the
//! cargo-fuzz binaries run):
//!
//! * every file of `fuzz/corpus/<target>/` (the seeds, see `fuzz/make_seeds.py`) and of
//!   `fuzz/regressions/<target>/` (crash reproducers saved from fuzzing runs) is run once;
//! * each seed is then mutated deterministically ([`MUTATIONS_PER_SEED`] times: a sweep of
//!   truncations at multiples of 7, then stacked bit flips, byte insertions, interesting
//!   byte overwrites, deletions and chunk copies from a fixed-seed PRNG), and every
//!   mutant is run too.
//!
//! A test fails when any input panics; the failures are listed with the panic message and
//! location, and every failing mutant is written to
//! `target/fuzz-replay-failures/<target>/` so it can be minimised and saved as a
//! regression.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_logic;

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::Instant;

/// Mutants replayed per seed.
const MUTATIONS_PER_SEED: usize = 200;
/// Of those, how many are the systematic truncation sweep.
const TRUNCATIONS_PER_SEED: usize = 40;
/// Failures shown in full in the assertion message.
const FAILURES_SHOWN: usize = 10;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

// ---------------------------------------------------------------------------------------
// Panic capture: panics inside a replay are recorded (message, location) instead of
// printed, so a broken build does not flood the log with thousands of backtraces.
// ---------------------------------------------------------------------------------------

thread_local! {
    /// `Some` while this thread is replaying: the last panic's description goes here.
    static CAPTURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let captured = CAPTURE.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(slot) => {
                        let location = info
                            .location()
                            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                            .unwrap_or_else(|| "unknown location".into());
                        let payload = info.payload();
                        let message = payload
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| payload.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "non-string panic payload".into());
                        let backtrace = std::backtrace::Backtrace::capture();
                        *slot = match backtrace.status() {
                            std::backtrace::BacktraceStatus::Captured => {
                                format!("panicked at {location}: {message}\n{backtrace}")
                            }
                            _ => format!("panicked at {location}: {message}"),
                        };
                        true
                    }
                    None => false,
                }
            });
            if !captured {
                default(info);
            }
        }));
    });
}

/// Runs `f` on `data`; `Some(description)` when it panicked.
fn run_one(f: fuzz_logic::Target, data: &[u8]) -> Option<String> {
    CAPTURE.with(|c| *c.borrow_mut() = Some(String::new()));
    let result = panic::catch_unwind(AssertUnwindSafe(|| f(data)));
    let description = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    result.err().map(|_| description)
}

// ---------------------------------------------------------------------------------------
// Deterministic mutations.
// ---------------------------------------------------------------------------------------

/// SplitMix64: tiny, good enough, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-enough in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// FNV-1a of the file name: each seed gets its own, stable, mutation stream.
fn stream_seed(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Bytes that matter to DER, PEM and digit parsers.
const INTERESTING: &[u8] = &[
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0a, 0x0c, 0x13, 0x17, 0x18, 0x1e, 0x1f, 0x30, 0x31,
    0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x88, 0xa0, 0xa3, 0xff, b'0', b'9', b' ', b'\n',
    b'\r', b'-', b'=', b'+', b'/', b'A',
];

/// The `index`-th mutant of `seed`.
fn mutate(seed: &[u8], index: usize, rng: &mut Rng) -> Vec<u8> {
    let mut v = seed.to_vec();
    if index < TRUNCATIONS_PER_SEED {
        // Truncation sweep at multiples of 7 spread over the whole seed.
        // Cuts 7·k for k in 0..=max_k, always strictly shorter than the seed.
        let max_k = v.len().saturating_sub(1) / 7;
        let cut = 7 * (index * (max_k + 1) / TRUNCATIONS_PER_SEED);
        v.truncate(cut);
        return v;
    }
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        match rng.below(6) {
            // Bit flip.
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            // Truncation at a multiple of 7.
            1 if v.len() > 7 => {
                let cut = 7 * rng.below(v.len() / 7);
                v.truncate(cut);
            }
            // Insertion of 1..=4 random bytes.
            2 => {
                let at = rng.below(v.len() + 1);
                let n = 1 + rng.below(4);
                for _ in 0..n {
                    v.insert(at, rng.next() as u8);
                }
            }
            // Overwrite with an interesting byte.
            3 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            // Deletion of 1..=16 bytes.
            4 if !v.is_empty() => {
                let at = rng.below(v.len());
                let n = (1 + rng.below(16)).min(v.len() - at);
                v.drain(at..at + n);
            }
            // Copy a chunk of up to 64 bytes to another place.
            5 if !v.is_empty() => {
                let from = rng.below(v.len());
                let n = (1 + rng.below(64)).min(v.len() - from);
                let chunk = v[from..from + n].to_vec();
                let at = rng.below(v.len() + 1);
                v.splice(at..at, chunk);
            }
            // Empty input: insert one interesting byte.
            _ => v.push(INTERESTING[rng.below(INTERESTING.len())]),
        }
    }
    v
}

// ---------------------------------------------------------------------------------------
// The replay.
// ---------------------------------------------------------------------------------------

/// The files of a directory, sorted by name (hidden files and README skipped); an absent
/// directory is empty.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
                return None;
            }
            let data = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            Some((name, data))
        })
        .collect();
    out.sort();
    out
}

fn target_fn(target: &str) -> fuzz_logic::Target {
    fuzz_logic::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no fuzz target named {target} in fuzz/src/lib.rs"))
}

fn replay(target: &str) {
    install_panic_hook();
    let f = target_fn(target);
    let started = Instant::now();
    let seeds = files(&fuzz_dir().join("corpus").join(target));
    let regressions = files(&fuzz_dir().join("regressions").join(target));
    assert!(!seeds.is_empty(), "fuzz/corpus/{target}/ has no seeds");

    let mut failures: Vec<(String, String)> = Vec::new();
    for (kind, set) in [("corpus", &seeds), ("regressions", &regressions)] {
        for (name, data) in set {
            if let Some(d) = run_one(f, data) {
                failures.push((format!("fuzz/{kind}/{target}/{name}"), d));
            }
        }
    }

    let failure_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("fuzz-replay-failures")
        .join(target);
    let mut mutants = 0usize;
    for (name, data) in &seeds {
        let mut rng = Rng::new(stream_seed(name));
        for i in 0..MUTATIONS_PER_SEED {
            let m = mutate(data, i, &mut rng);
            mutants += 1;
            if let Some(d) = run_one(f, &m) {
                let file = failure_dir.join(format!("{name}.mutant{i}"));
                let saved = std::fs::create_dir_all(&failure_dir)
                    .and_then(|()| std::fs::write(&file, &m))
                    .map(|()| format!("saved as {}", file.display()))
                    .unwrap_or_else(|e| format!("not saved: {e}"));
                failures.push((
                    format!("mutant {i} of fuzz/corpus/{target}/{name} ({saved})"),
                    d,
                ));
            }
        }
    }

    println!(
        "fuzz target {target}: replayed {} inputs ({} seeds, {} regressions, {mutants} mutants) \
         in {:.1?}, {} panicked",
        seeds.len() + regressions.len() + mutants,
        seeds.len(),
        regressions.len(),
        started.elapsed(),
        failures.len(),
    );
    if !failures.is_empty() {
        let shown: Vec<String> = failures
            .iter()
            .take(FAILURES_SHOWN)
            .map(|(what, why)| format!("  {what}\n    {why}"))
            .collect();
        panic!(
            "fuzz target {target}: {} of {} inputs panicked:\n{}{}",
            failures.len(),
            seeds.len() + regressions.len() + mutants,
            shown.join("\n"),
            if failures.len() > FAILURES_SHOWN {
                "\n  ..."
            } else {
                ""
            },
        );
    }
}

#[test]
fn certificate_corpus() {
    replay("certificate");
}

#[test]
fn crl_corpus() {
    replay("crl");
}

#[test]
fn identity_corpus() {
    replay("identity");
}

#[test]
fn input_corpus() {
    replay("input");
}

#[test]
fn cms_corpus() {
    replay("cms");
}

#[test]
fn pkcs12_corpus() {
    replay("pkcs12");
}

#[test]
fn barcode_corpus() {
    replay("barcode");
}

#[test]
fn barcode_scan_corpus() {
    replay("barcode_scan");
}

#[test]
fn ocsp_corpus() {
    replay("ocsp");
}

#[test]
fn xmldsig_corpus() {
    replay("xmldsig");
}

#[test]
fn xml_sign_corpus() {
    replay("xml_sign");
}

#[test]
fn tsp_corpus() {
    replay("tsp");
}

#[test]
fn pades_corpus() {
    replay("pades");
}

#[test]
fn pades_sign_corpus() {
    replay("pades_sign");
}

#[test]
fn request_form_corpus() {
    replay("request_form");
}

#[test]
fn server_corpus() {
    replay("server");
}

/// Every target has a corpus directory and every corpus or regression directory a target,
/// so a new target cannot be added without being replayed here.
#[test]
fn corpus_directories_match_targets() {
    let names: Vec<&str> = fuzz_logic::TARGETS.iter().map(|(n, _)| *n).collect();
    for n in &names {
        assert!(
            fuzz_dir().join("corpus").join(n).is_dir(),
            "fuzz target {n} has no fuzz/corpus/{n}/"
        );
        let bin = fuzz_dir().join("fuzz_targets").join(format!("{n}.rs"));
        assert!(bin.is_file(), "fuzz target {n} has no {}", bin.display());
    }
    for sub in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(sub)) else {
            continue;
        };
        for e in entries {
            let path = e.expect("directory entry").path();
            if path.is_dir() {
                let dir = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                assert!(
                    names.contains(&dir),
                    "fuzz/{sub}/{dir}/ belongs to no target of fuzz/src/lib.rs"
                );
            }
        }
    }
}

/// The mutator itself is deterministic and stays near the seed's size.
#[test]
fn mutations_are_deterministic() {
    let seed: Vec<u8> = (0..=255u8).collect();
    let run = || {
        let mut rng = Rng::new(stream_seed("x"));
        (0..MUTATIONS_PER_SEED)
            .map(|i| mutate(&seed, i, &mut rng))
            .collect::<Vec<_>>()
    };
    let a = run();
    assert_eq!(a, run());
    assert!(a.iter().all(|m| m.len() <= seed.len() + 4 * 68));
    assert!(
        a.iter().filter(|m| m.as_slice() != seed.as_slice()).count() > MUTATIONS_PER_SEED * 9 / 10
    );
    assert!(a[..TRUNCATIONS_PER_SEED]
        .iter()
        .all(|m| m.len() % 7 == 0 && m.len() < seed.len()));
}
