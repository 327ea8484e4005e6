//! A dudect-style statistical timing test of the constant-time GOST path (Reparaz, Balasch,
//! Verbauwhede, "Dude, is my code constant time?", 2017): the public key `d·G` of a
//! signing key (`GostSigningKey::public_key_xy`, the same constant-time comb
//! multiplication as a signature's `k·G`) timed for two classes of secret scalar, drawn in
//! random order:
//!
//! * class 0: one fixed scalar of an extreme shape (`d = 1`, `d = 2^(n-1)`, `d = q - 1`);
//! * class 1: random scalars (a pool of 256 keys, made before timing).
//!
//! Welch's t statistic of the two classes' times, on all samples and on the samples below
//! a few percentiles (dudect's cropping, which sheds the long tail of interruptions). A
//! |t| above 4.5 is dudect's threshold for "probably not constant time"; below it, no
//! leak was detected at this number of samples (which proves nothing more).
//!
//! `cargo bench --features hazmat --bench gost_dudect` (not run by `cargo test`; a timing
//! verdict would be flaky on a shared machine). Environment: `QOLTANBA_DUDECT_SAMPLES`
//! (default 20,000 per curve and shape). Exits with status 1 if a |t| exceeds 4.5.

use std::time::Instant;

use qoltanba::hazmat::gost::{GostCurve, GostSigningKey};

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!(
            "gost_dudect: benchmark only; run `cargo bench --features hazmat --bench gost_dudect`"
        );
        return;
    }
    let samples: usize = std::env::var("QOLTANBA_DUDECT_SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
        .max(1_000);
    let mut rng = XorShift(0x853c_49e6_748f_ea9b);
    let mut worst = 0f64;
    println!("| curve | class 0 (fixed d) | samples | mean ns (fixed / random) | |t|: all samples, max over crops | verdict |");
    println!("|---|---|---:|---:|---:|---|");
    for (curve, q_be) in [
        (
            GostCurve::Tc26_512A,
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
             27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
        ),
        (
            GostCurve::CryptoProA,
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
        ),
    ] {
        let n = curve.coordinate_len();
        let mut q_minus_1 = hex(q_be);
        q_minus_1[n - 1] -= 1;
        let mut one = vec![0u8; n];
        one[n - 1] = 1;
        let mut top = vec![0u8; n];
        top[0] = 0x80;
        let pool: Vec<GostSigningKey> = (0..256)
            .map(|_| {
                let mut d: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                d[0] &= 0x7f; // below q for both curves
                d[n - 1] |= 1; // not 0
                GostSigningKey::from_be_bytes(curve, &d).expect("random scalar")
            })
            .collect();
        for (label, d) in [
            ("d = 1", one),
            ("d = 2^(n-1)", top),
            ("d = q - 1", q_minus_1),
        ] {
            let fixed = GostSigningKey::from_be_bytes(curve, &d).expect("scalar");
            let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
            // Warm-up.
            for key in pool.iter().take(20) {
                std::hint::black_box(key.public_key_xy());
                std::hint::black_box(fixed.public_key_xy());
            }
            for i in 0..2 * samples {
                let class = (rng.next() & 1) as usize;
                let key = if class == 0 {
                    &fixed
                } else {
                    &pool[i % pool.len()]
                };
                let t = Instant::now();
                std::hint::black_box(key.public_key_xy());
                times[class].push(t.elapsed().as_nanos() as f64);
            }
            let mut t_max = 0f64;
            let mut t_all = 0f64;
            let all: Vec<f64> = times.iter().flatten().copied().collect();
            for (i, pct) in [100.0, 90.0, 75.0, 50.0].iter().enumerate() {
                let cut = percentile(&all, *pct);
                let a: Vec<f64> = times[0].iter().copied().filter(|&x| x <= cut).collect();
                let b: Vec<f64> = times[1].iter().copied().filter(|&x| x <= cut).collect();
                let t = welch_t(&a, &b).abs();
                if i == 0 {
                    t_all = t;
                }
                t_max = t_max.max(t);
            }
            worst = worst.max(t_max);
            let verdict = if t_max > 4.5 {
                "LEAK SUSPECTED (|t| > 4.5)"
            } else {
                "no leak detected"
            };
            println!(
                "| {curve:?} | {label} | {} + {} | {:.0} / {:.0} | {t_all:.2}, {t_max:.2} | {verdict} |",
                times[0].len(),
                times[1].len(),
                mean(&times[0]),
                mean(&times[1]),
            );
        }
    }
    if worst > 4.5 {
        std::process::exit(1);
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len().max(1) as f64
}

fn variance(x: &[f64]) -> f64 {
    let m = mean(x);
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len().max(2) - 1) as f64
}

/// Welch's t statistic of two samples.
fn welch_t(a: &[f64], b: &[f64]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let se = (variance(a) / a.len() as f64 + variance(b) / b.len() as f64).sqrt();
    if se == 0.0 {
        0.0
    } else {
        (mean(a) - mean(b)) / se
    }
}

fn percentile(x: &[f64], pct: f64) -> f64 {
    let mut v = x.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((pct / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}
