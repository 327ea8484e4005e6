//! Output-document barcodes: encode and decode + verify a 20 KB signed document.
//!
//! `cargo bench --features pdf --bench barcode`. The document is some 18 KB of Kazakh/Russian text lines
//! with random numbers, signed (CMS, attached, chain included) with `legal_sign.p12` (a
//! legal entity's key: output documents are the provider's): about 21.8 KB of CMS, which
//! deflates to some 5.3 KB: 9 codes of 650 bytes. A signed document that does not
//! compress (a scan, an archive) is the worst case: 20 KB of random bytes, some 33 codes.
//!
//! * `encode/xml`: archive, cut, BarcodeElement texts;
//! * `encode/qr`: the same and every QR code (what a document's barcodes cost);
//!   `encode/qr_incompressible`: the worst case;
//! * `issue/sign+qr`: sign the content too: one signed output document with barcodes
//!   (goal: 100 per second per core, i.e. under 10 ms);
//! * `issue/pdf`: lay out the PDF of the encoded document, codes made (DejaVu Sans; skipped
//!   when absent);
//! * `issue/document`: all of it, as `qoltanba document issue` does: an output document
//!   whose content is some 20 KB (fields with the same text), signed, its codes made and
//!   its PDF laid out (`document::issue`);
//! * `decode/verify_xml`: reassemble the texts (shuffled), unzip, verify the CMS with the
//!   certificate condition (one `Verifier` built once);
//! * `decode/scan_png`: read every code back from its PNG (3 px per module).

use qoltanba::Judged as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use qoltanba::barcode::{self, decode_texts, encode, EcLevel, EncodeOptions};
use qoltanba::cms::{sign, SignRequest, VerifyOptions};
use qoltanba::document::{self, Field, Fields, Font, OutputDocument};
use qoltanba::keys::{open_pkcs12, KeyBundle};
use qoltanba::profiles::Profile;
use qoltanba::{Certificate, Verifier};

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").expect("time")
}

fn content(size: usize) -> Vec<u8> {
    let mut s = String::new();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut i = 0;
    while s.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        s.push_str(&format!(
            "{i:05} {state:020} Анықтама / Справка: Әлия Ғалымқызы Құлжанова\n"
        ));
        i += 1;
    }
    s.into_bytes()
}

/// `n` bytes that do not compress (xorshift).
fn random_bytes(n: usize) -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

struct Fixture {
    bundle: KeyBundle,
    chain: Vec<Certificate>,
    content: Vec<u8>,
    signed: Vec<u8>,
    verifier: Verifier,
    at: DateTime<Utc>,
}

fn fixture() -> Fixture {
    let bundle = open_pkcs12(
        &std::fs::read(pki("legal_sign.p12")).expect("p12"),
        b"Qwerty12",
    )
    .expect("open p12");
    let ca = Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).expect("ca")).expect("ca");
    let chain = vec![ca];
    let content = content(18 * 1024);
    let signing_time = DateTime::parse_from_rfc3339("2026-11-22T09:30:00Z")
        .expect("time")
        .to_utc();
    let signed = sign(
        &content,
        &SignRequest::new(&bundle.certificate, signing_time).with_chain(&chain),
        &bundle.key,
    )
    .expect("sign");
    let verifier = Verifier::builder()
        .trust_path(pki("root.cer"))
        .expect("root")
        .intermediate_path(pki("nca_rsa.cer"))
        .expect("ca")
        .crl_path(pki("nca_rsa_current.crl"))
        .expect("crl")
        .build();
    Fixture {
        bundle,
        chain,
        content,
        signed,
        verifier,
        at: DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
            .expect("time")
            .to_utc(),
    }
}

fn bench(c: &mut Criterion) {
    let f = fixture();
    let options = EncodeOptions::new("001234567890", created());
    let set = encode(&f.signed, &options).expect("encode");
    eprintln!(
        "barcode bench: {} bytes of content, {} bytes signed, {} bytes archived, {} codes",
        f.content.len(),
        f.signed.len(),
        set.archive_len,
        set.len()
    );
    // Checked once before anything is measured.
    let r = decode_texts(&set.xml()).expect("decode");
    let verdict = r
        .signed_data()
        .expect("cms")
        .verify(&f.verifier, &VerifyOptions::at(f.at));
    assert!(verdict.is_valid(), "the fixture does not verify");

    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("xml", |b| {
        b.iter(|| {
            black_box(
                encode(black_box(&f.signed), &options)
                    .expect("encode")
                    .xml(),
            )
        })
    });
    g.bench_function("qr", |b| {
        b.iter(|| {
            let set = encode(black_box(&f.signed), &options).expect("encode");
            black_box(set.symbols().expect("qr"))
        })
    });
    let noise = sign(
        &random_bytes(20 * 1024),
        &SignRequest::new(&f.bundle.certificate, f.at).with_chain(&f.chain),
        &f.bundle.key,
    )
    .expect("sign");
    eprintln!(
        "barcode bench: incompressible: {} bytes signed, {} codes",
        noise.len(),
        encode(&noise, &options).expect("encode").len()
    );
    g.bench_function("qr_incompressible", |b| {
        b.iter(|| {
            let set = encode(black_box(&noise), &options).expect("encode");
            black_box(set.symbols().expect("qr"))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("issue");
    g.throughput(Throughput::Elements(1));
    g.bench_function("sign+qr", |b| {
        b.iter(|| {
            let signed = sign(
                black_box(&f.content),
                &SignRequest::new(&f.bundle.certificate, f.at).with_chain(&f.chain),
                &f.bundle.key,
            )
            .expect("sign");
            let set = encode(&signed, &options).expect("encode");
            black_box(set.symbols().expect("qr"))
        })
    });
    match Font::bundled() {
        Ok(font) => {
            let profile = Profile::by_id("vko-archive-certificate").expect("profile");
            let fields = Fields {
                favor_id: Some("001234567890".into()),
                fields: vec![Field {
                    label: "Анықтама / Справка".into(),
                    value: String::from_utf8_lossy(&f.content[..2000]).into_owned(),
                }],
                ..Fields::default()
            };
            let doc = OutputDocument::new(fields, profile, None, false, created()).expect("doc");
            let symbols = set.symbols().expect("qr");
            g.bench_function("pdf", |b| {
                b.iter(|| {
                    black_box(
                        document::render_pdf_with_symbols(&doc, &symbols, &font).expect("pdf"),
                    )
                })
            });
            let text = String::from_utf8_lossy(&f.content).into_owned();
            let fields = Fields {
                favor_id: Some("001234567890".into()),
                fields: text
                    .lines()
                    .collect::<Vec<_>>()
                    .chunks(20)
                    .enumerate()
                    .map(|(i, lines)| Field {
                        label: format!("Мұрағаттық мәлімет / Архивная запись {}", i + 1),
                        value: lines.join("\n"),
                    })
                    .collect(),
                ..Fields::default()
            };
            let full = OutputDocument::new(fields, profile, None, false, created()).expect("doc");
            let request = SignRequest::new(&f.bundle.certificate, f.at).with_chain(&f.chain);
            let issued =
                document::issue(&full, &request, &f.bundle.key, EcLevel::M, &font).expect("issue");
            eprintln!(
                "barcode bench: issue/document: {} bytes of content, {} bytes signed, {} codes, {} bytes of PDF",
                full.to_content().len(),
                issued.signed.len(),
                issued.set.len(),
                issued.pdf.len()
            );
            g.bench_function("document", |b| {
                b.iter(|| {
                    black_box(
                        document::issue(
                            black_box(&full),
                            &request,
                            &f.bundle.key,
                            EcLevel::M,
                            &font,
                        )
                        .expect("issue"),
                    )
                })
            });
        }
        Err(e) => eprintln!("NOTICE: {e}; issue/pdf skipped"),
    }
    g.finish();

    let mut xml = set.xml();
    xml.reverse();
    let pngs: Vec<Vec<u8>> = set
        .symbols()
        .expect("qr")
        .iter()
        .map(|s| s.to_png(3).expect("png"))
        .collect();
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("verify_xml", |b| {
        b.iter(|| {
            let r = decode_texts(black_box(&xml)).expect("decode");
            let v = r
                .signed_data()
                .expect("cms")
                .verify(&f.verifier, &VerifyOptions::at(f.at));
            assert!(v.is_valid());
            black_box(v)
        })
    });
    g.sample_size(10);
    g.bench_function("scan_png", |b| {
        b.iter(|| {
            for png in &pngs {
                black_box(barcode::scan_image(png).expect("scan"));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
