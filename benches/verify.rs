//! Criterion benchmarks of the library alone: `check_certificate`, path building, parsing,
//! and CRL lookups in a 1,000,000-entry CRL.
//!
//! `cargo bench --features hazmat --bench verify` (material generated and cached by `support`, checked with
//! the library before anything is measured).
//!
//! "warm" repeats one certificate with one verifier: its signature is then cached
//! (`SignatureCache`), so the figure is everything but the RSA verification. "cold" gives
//! every iteration a certificate the verifier has not seen (10,000 distinct ones, the
//! verifier rebuilt untimed when they run out): the end-entity signature is verified each
//! time, as in a batch of distinct requests.

#[path = "support/mod.rs"]
mod support;

use qoltanba::Judged as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput};
use qoltanba::revocation::Crl;
use qoltanba::{Certificate, Overall, Verifier};
use support::BenchData;

struct Fixture {
    data: BenchData,
    certs: Vec<Certificate>,
    small: Verifier,
    big: Verifier,
    big_crl: Crl,
}

fn fixture() -> Fixture {
    let data = support::bench_data();
    support::validate_with_library(&data);
    let certs = (0..support::N_CERTS).map(|i| data.cert(i)).collect();
    let small = support::verifier_from_crl_file(&data, &data.small_crl);
    let big = support::verifier_from_crl_file(&data, &data.big_crl);
    let big_crl = big.crls().iter().next().expect("CRL").1.clone();
    Fixture {
        data,
        certs,
        small,
        big,
        big_crl,
    }
}

/// `iters` checks, each of a certificate `verifier` has not seen; building verifiers is
/// not timed.
fn cold<F>(f: &Fixture, crl: &std::path::Path, iters: u64, mut op: F) -> Duration
where
    F: FnMut(&Verifier, &Certificate),
{
    let mut total = Duration::ZERO;
    let mut left = iters as usize;
    while left > 0 {
        let v = support::verifier_from_crl_file(&f.data, crl);
        // Certificate 1 warms the cache for the CA certificate's own signature.
        op(&v, &f.certs[1]);
        let batch: Vec<&Certificate> = f
            .certs
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 1)
            .map(|(_, c)| c)
            .take(left)
            .collect();
        let t = Instant::now();
        for c in &batch {
            op(&v, c);
        }
        total += t.elapsed();
        left -= batch.len();
    }
    total
}

fn check_certificate(c: &mut Criterion, f: &Fixture) {
    let expect = support::expectation();
    let mut g = c.benchmark_group("check_certificate");
    g.throughput(Throughput::Elements(1));
    assert_eq!(
        f.small.check_certificate(&f.certs[0], &expect).overall(),
        Overall::Valid
    );
    g.bench_function("small_crl/valid/warm", |b| {
        b.iter(|| f.small.check_certificate(black_box(&f.certs[0]), &expect))
    });
    g.bench_function("small_crl/valid/cold", |b| {
        b.iter_custom(|iters| {
            cold(f, &f.data.small_crl, iters, |v, c| {
                let _ = black_box(v.check_certificate(c, &expect));
            })
        })
    });
    assert_eq!(
        f.small.check_certificate(&f.certs[7], &expect).overall(),
        Overall::Invalid
    );
    g.bench_function("small_crl/revoked/warm", |b| {
        b.iter(|| f.small.check_certificate(black_box(&f.certs[7]), &expect))
    });
    assert_eq!(
        f.big.check_certificate(&f.certs[0], &expect).overall(),
        Overall::Valid
    );
    g.bench_function("1m_crl/valid/warm", |b| {
        b.iter(|| f.big.check_certificate(black_box(&f.certs[0]), &expect))
    });
    g.bench_function("1m_crl/revoked/warm", |b| {
        b.iter(|| f.big.check_certificate(black_box(&f.certs[7]), &expect))
    });
    g.finish();
}

fn build_path(c: &mut Criterion, f: &Fixture) {
    let at = support::at();
    let mut g = c.benchmark_group("build_path");
    g.throughput(Throughput::Elements(1));
    assert!(f.small.build_path(&f.certs[0], at).is_ok());
    g.bench_function("warm", |b| {
        b.iter(|| f.small.build_path(black_box(&f.certs[0]), at))
    });
    g.bench_function("cold", |b| {
        b.iter_custom(|iters| {
            cold(f, &f.data.small_crl, iters, |v, c| {
                black_box(v.build_path(c, at).is_ok());
            })
        })
    });
    g.finish();
}

fn parse(c: &mut Criterion, f: &Fixture) {
    let pem = std::fs::read(f.data.cert_path(0)).expect("read");
    let der = f.certs[0].der().to_vec();
    let mut g = c.benchmark_group("certificate_parse");
    g.throughput(Throughput::Elements(1));
    g.bench_function("from_input_pem", |b| {
        b.iter(|| Certificate::from_input(black_box(&pem)))
    });
    g.bench_function("from_der", |b| {
        b.iter(|| Certificate::from_der(black_box(&der)))
    });
    g.finish();
}

fn crl_lookup(c: &mut Criterion, f: &Fixture) {
    let crl = &f.big_crl;
    let issuer = crl.issuer().key().clone();
    // 1,024 listed serials spread over the whole CRL, and 1,024 certificate serials that
    // are not listed: cycling through them keeps the 16 MB index out of the cache's favour.
    let hits: Vec<Vec<u8>> = crl
        .entries()
        .step_by(support::BIG_CRL_ENTRIES / 1024)
        .take(1024)
        .map(|e| e.serial)
        .collect();
    let misses: Vec<Vec<u8>> = (0..support::N_CERTS)
        .filter(|&i| !support::is_revoked(i))
        .take(1024)
        .map(support::ee_serial)
        .collect();
    for s in &hits {
        assert_eq!(crl.lookup(s, &issuer).len(), 1);
    }
    for s in &misses {
        assert!(crl.lookup(s, &issuer).is_empty());
    }
    let mut g = c.benchmark_group("crl_lookup_1m");
    g.throughput(Throughput::Elements(1));
    for (name, serials) in [("hit", &hits), ("miss", &misses)] {
        g.bench_function(name, |b| {
            let mut i = 0usize;
            b.iter(|| {
                i = (i + 1) & 1023;
                crl.lookup(black_box(&serials[i]), &issuer)
            })
        });
    }
    g.finish();
}

fn crl_load(c: &mut Criterion, f: &Fixture) {
    let der = std::fs::read(&f.data.big_crl).expect("read");
    let mut g = c.benchmark_group("crl_load_1m");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements(support::BIG_CRL_ENTRIES as u64));
    g.bench_function("from_der", |b| {
        b.iter_batched(
            || der.clone(),
            |d| Crl::from_der(d).expect("load"),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("verify: benchmark only; run `cargo bench --features hazmat --bench verify`");
        return;
    }
    let f = fixture();
    let mut c = Criterion::default().configure_from_args();
    check_certificate(&mut c, &f);
    build_path(&mut c, &f);
    parse(&mut c, &f);
    crl_lookup(&mut c, &f);
    crl_load(&mut c, &f);
    c.final_summary();
}
