//! A provider issuing an output document with barcodes, and a citizen's printout checked
//! back from its codes.
//!
//! ```sh
//! cargo run --example issue_output_document
//! ```
//!
//! 1. The provider's system gives the document's fields; the regulation profile gives the
//!    provider, region, information system and signing subdivision printed in the
//!    barcode note.
//! 2. [`document::issue`] signs the document (CMS, attached) with the authorised person's
//!    key (`test-vectors/pki/legal_sign.p12`, a test key of a legal entity, BIN
//!    123456789021), cuts the signed bytes into BarcodeElement QR codes and lays out the
//!    PDF (DejaVu Sans, Debian's `fonts-dejavu-core`; without it only the codes are made).
//! 3. Whoever holds the printout scans the codes (here: the codes' PNG images, in reverse
//!    order), reassembles the signed document and verifies it with the provider's BIN
//!    expected, then reads the document's content from what was verified.

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use qoltanba::barcode::{self, Assembler, EcLevel, EncodeOptions};
use qoltanba::cms::{SignRequest, VerifyOptions};
use qoltanba::document::{self, Field, Fields, Font, OutputDocument};
use qoltanba::identity::Bin;
use qoltanba::keys::open_pkcs12;
use qoltanba::profiles::Profile;
use qoltanba::{Certificate, Expectation, Verifier};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn main() -> Res<()> {
    // 1. The document.
    let profile = Profile::by_id("vko-archive-certificate").ok_or("no such profile")?;
    let fields = Fields {
        favor_id: Some("001234567890".into()),
        fields: vec![
            Field {
                label: "Өтініш беруші / Заявитель".into(),
                value: "Құлжанова Әлия Ғалымқызы, ЖСН / ИИН 123456789011".into(),
            },
            Field {
                label: "Мұрағаттық мәлімет / Архивная справка".into(),
                value:
                    "Үшарал ауылы, 1987 ж. 12 наурыздағы № 45 бұйрық / приказ № 45 от 12.03.1987"
                        .into(),
            },
        ],
        ..Fields::default()
    };
    let issued_at = DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00")?;
    let doc = OutputDocument::new(fields, profile, None, false, issued_at)?;

    // 2. Sign, encode, lay out.
    // Key files are read into buffers zeroized on drop (as is a password read from a file:
    // `keys::read_password_file`).
    let p12 = qoltanba::keys::read_secret_file(&pki("legal_sign.p12"), 1 << 20)?;
    let bundle = open_pkcs12(&p12, b"Qwerty12")?;
    let chain = [Certificate::from_input(&std::fs::read(pki(
        "nca_rsa.cer",
    ))?)?];
    let request = SignRequest::new(&bundle.certificate, issued_at.to_utc()).with_chain(&chain);
    let (signed, set) = match Font::bundled() {
        Ok(font) => {
            let issued = document::issue(&doc, &request, &bundle.key, EcLevel::M, &font)?;
            let pdf = std::env::temp_dir().join("qoltanba-output-document.pdf");
            std::fs::write(&pdf, &issued.pdf)?;
            println!("PDF ({} bytes): {}", issued.pdf.len(), pdf.display());
            (issued.signed, issued.set)
        }
        Err(e) => {
            println!("no PDF ({e}); the codes only");
            let signed = qoltanba::cms::sign(&doc.to_content(), &request, &bundle.key)?;
            let set = barcode::encode(&signed, &EncodeOptions::new(&doc.favor_id, issued_at))?;
            (signed, set)
        }
    };
    println!(
        "{} bytes signed, {} QR codes of FavorID {}",
        signed.len(),
        set.len(),
        doc.favor_id
    );

    // 3. Scan the codes back (any order), reassemble, verify, read.
    let mut assembler = Assembler::new();
    for (i, symbol) in set.symbols()?.iter().enumerate().rev() {
        let scanned = barcode::scan_image(&symbol.to_png(3)?)?;
        for text in &scanned.texts {
            assembler.add_text(text, format!("code image {}", i + 1))?;
        }
    }
    let reassembled = assembler.finish()?;
    let verifier = Verifier::builder()
        .trust_path(pki("root.cer"))?
        .crl_path(pki("nca_rsa_current.crl"))?
        .build();
    let expect = Expectation::at(DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")?.to_utc())
        .bin(Bin::parse("123456789021")?);
    // The signature of the document inside, and the codes' own FavorID and creationDate
    // (not signed) against it: relabelled codes are invalid.
    let verdict = document::verify_codes(&reassembled, &verifier, &VerifyOptions::new(expect))?;
    println!("verdict: {}", verdict.overall().as_str());
    let Some(back) = verdict.output_document() else {
        let why = verdict.refusal().map(|r| r.en()).unwrap_or("");
        return Err(format!("the codes do not verify: {why}").into());
    };
    let back = back.get();
    assert_eq!(back, &doc);
    println!("{} / {} № {}", back.title_kk, back.title_ru, back.favor_id);
    for f in &back.fields {
        println!("  {}: {}", f.label, f.value);
    }
    Ok(())
}
