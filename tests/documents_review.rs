//! Review 8 (hostile): eGov barcodes, PDF signatures (PAdES) and the regulation profiles'
//! identity match. Each `held_*` test is an attack that the library withstood, kept as a
//! regression test; every other test asserts the safe behaviour and failed when written
//! (see the comment above it for where the fault lay and how it was fixed).

mod common;

use std::io::Write as _;

use chrono::{DateTime, FixedOffset};
use qoltanba::barcode::{self, Assembler, BarcodeElement, EncodeOptions};
use qoltanba::cms::{SignRequest, SignedData, VerifyOptions};
use qoltanba::keys::{open_pkcs12, KeyBundle};
use qoltanba::pades;
use qoltanba::profiles::{check_request, Profile, RequestIdentity};
use qoltanba::{CheckName, Judged as _, Outcome, Overall};

use common::pki;

fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

fn at() -> chrono::DateTime<chrono::Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn p12(name: &str) -> KeyBundle {
    open_pkcs12(
        &std::fs::read(pki(&format!("{name}.p12"))).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
}

/// `individual_sign_valid_iin` (someone else, IIN 900101300007) with the RSA CA.
fn other_bundle() -> KeyBundle {
    let read = |n: &str| std::fs::read(pki(n)).unwrap();
    KeyBundle {
        key: qoltanba::SigningKey::from_pkcs8(&read("individual_sign_valid_iin.key.pem"), None)
            .unwrap(),
        certificate: qoltanba::Certificate::from_input(&read("individual_sign_valid_iin.cer"))
            .unwrap(),
        chain: vec![qoltanba::Certificate::from_input(&read("nca_rsa.cer")).unwrap()],
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pdf")
            .join(name),
    )
    .unwrap()
}

fn sign_pdf(pdf: &[u8], who: &KeyBundle) -> qoltanba::Result<Vec<u8>> {
    let request = SignRequest::new(&who.certificate, common::time("2026-11-22T10:00:00Z"))
        .with_chain(&who.chain);
    pades::sign(pdf, &request, &who.key, &pades::PdfSignOptions::new())
}

fn verify_pdf(pdf: &[u8]) -> pades::PdfVerdict {
    pades::verify(pdf, &common::rsa_verifier(), &VerifyOptions::at(at())).unwrap()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

// ---------------------------------------------------------------------------------------
// PDF signing: the work a hostile PDF drives

/// `pdf` with `sections` older cross-reference sections spliced into its `/Prev` chain:
/// each a cross-reference stream naming no object (`/Size 0`) whose FlateDecode data
/// inflates to exactly 32 MiB (the per-stream cap, `reader::limits::MAX_DECODED`) from
/// some 32 KiB; then a newest, empty classic `xref` section whose trailer is the
/// original's plus `/Prev` to the last of them. The objects are the original's.
fn with_inflating_sections(pdf: &[u8], sections: usize, extra: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf).into_owned();
    let sx = text.rfind("startxref").unwrap();
    let original_xref: usize = text[sx + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let t = text.rfind("trailer").unwrap();
    let trailer = &text[t + "trailer".len()..sx];
    let inner = trailer
        .trim()
        .trim_start_matches("<<")
        .trim_end_matches(">>");
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..32 {
        zeros.write_all(&chunk).unwrap();
    }
    zeros.write_all(&vec![0u8; extra]).unwrap();
    let bomb = zeros.finish().unwrap();
    let mut out = pdf.to_vec();
    let mut prev = original_xref;
    for i in 0..sections {
        let offset = out.len() + 1;
        out.extend_from_slice(
            format!(
                "\n{} 0 obj\n<< /Type /XRef /W [1 1 1] /Size 0 /Filter /FlateDecode /Length {} /Prev {prev} >>\nstream\n",
                900 + i,
                bomb.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&bomb);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        prev = offset;
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\ntrailer\n<< {inner} /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// FAILED WHEN WRITTEN (fixed: `Document` now charges every `decode` to one budget,
/// `reader::limits::decode_budget`: 32 MiB, or 8 bytes a byte of the file if more).
/// `pades::sign` (the service's PDF signing route too) reads a PDF supplied
/// by whoever asks for a signature. Each stream it decodes is capped at 32 MiB, but
/// nothing caps the total: up to `MAX_SECTIONS` (256) cross-reference streams along
/// `/Prev` and `MAX_OBJECT_STREAMS` (64) object streams are each inflated to the cap,
/// some 10 GiB of inflation from a file of ~10 MB. Here four sections of 32 KiB each
/// (128 MiB inflated, 4 times the per-stream cap, from 130 KiB) are signed without a word.
///
/// Fault: src/pades/reader.rs `decode` (the per-stream cap at `limits::MAX_DECODED`)
/// called from `Document::section` and `Document::object_stream` with no budget across
/// them. Fix: a decoded-bytes budget on `Document` (e.g. `MAX_DECODED` in total, or a
/// multiple of the file's length), charged by every `decode`, refused with
/// `Error::TooLarge` when spent.
#[test]
fn pdf_signing_bounds_the_total_it_inflates() {
    // The sections are inflated: one byte more than the per-stream cap is refused.
    let over = with_inflating_sections(&fixture("classic.pdf"), 1, 1);
    assert!(matches!(
        sign_pdf(&over, &p12("individual_sign")),
        Err(qoltanba::Error::TooLarge { .. })
    ));
    let pdf = with_inflating_sections(&fixture("classic.pdf"), 4, 0);
    assert!(pdf.len() < 200 * 1024, "{}", pdf.len());
    let signed = sign_pdf(&pdf, &p12("individual_sign"));
    assert!(
        signed.is_err(),
        "a {} byte PDF was signed after inflating 128 MiB of cross-reference streams",
        pdf.len()
    );
}

// ---------------------------------------------------------------------------------------
// PDF signatures: attacks that held

/// An attacker appends an update whose own signature dictionary names the victim's
/// `/Contents` as its gap and covers the whole (longer) file: the victim's CMS does not
/// verify over other bytes, and the dictionary spans two `/ByteRange`s: invalid.
#[test]
fn held_an_update_reusing_the_victims_contents_is_invalid() {
    let victim = sign_pdf(&fixture("classic.pdf"), &p12("individual_sign")).unwrap();
    let v = verify_pdf(&victim);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let [_, b, c, _] = v.signatures()[0].byte_range();
    // The visible text changed by an update (a new content stream for the page) ...
    let mut attacked = victim.clone();
    attacked.extend_from_slice(
        b"\n5 0 obj\n<< /Length 44 >>\nstream\nBT /F1 18 Tf 72 720 Td (PAY 1000000) Tj ET\nendstream\nendobj\n",
    );
    // ... and a signature dictionary whose gap is the victim's /Contents, padded so that
    // its second range ends at the file's last byte.
    let template = |d: u64| {
        format!("\n99 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 {b} {c} {d:010}] >>\nendobj\n")
    };
    let tail_len = template(0).len() as u64;
    let d = attacked.len() as u64 + tail_len - c;
    attacked.extend_from_slice(template(d).as_bytes());
    let v = verify_pdf(&attacked);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // The victim's signature still holds over its revision; the forged one does not.
    assert_eq!(v.signatures().len(), 2);
    assert_eq!(v.signatures()[1].overall(), Overall::Invalid);
}

/// The victim's signature over the original, then an update changing the page and
/// signed by someone else (any holder of a trusted certificate): the file is valid only
/// under the later signer, the earlier one is reported as covering an earlier revision,
/// and a verifier that expects the victim's IIN refuses it.
#[test]
fn held_a_later_signer_does_not_lend_the_earlier_ones_name() {
    let victim = sign_pdf(&fixture("classic.pdf"), &p12("individual_sign")).unwrap();
    // Unsigned bytes after the victim's signature (a new content stream): invalid.
    let mut updated = victim.clone();
    updated.extend_from_slice(
        b"\n5 0 obj\n<< /Length 44 >>\nstream\nBT /F1 18 Tf 72 720 Td (PAY 1000000) Tj ET\nendstream\nendobj\n",
    );
    assert_eq!(verify_pdf(&updated).overall(), Overall::Invalid);
    // The same update signed by someone else (any holder of a trusted certificate).
    let attacker = sign_pdf(&updated, &other_bundle()).unwrap();
    let v = verify_pdf(&attacker);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let content = v.check(CheckName::Content).unwrap();
    assert!(
        content.reason().contains("covers an earlier revision"),
        "{content:?}"
    );
    assert!(!v.signatures()[0].covers_whole_file() && v.signatures()[1].covers_whole_file());
    // Expecting the victim: the later signature is someone else's.
    let victim_iin = p12("individual_sign").certificate.facts().iin.unwrap();
    assert_ne!(Some(victim_iin), other_bundle().certificate.facts().iin);
    let expect = qoltanba::Expectation::at(at()).iin(victim_iin);
    let v = pades::verify(
        &attacker,
        &common::rsa_verifier(),
        &VerifyOptions::new(expect),
    )
    .unwrap();
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

// ---------------------------------------------------------------------------------------
// Barcodes: attacks that held

fn cms_signed(content: &[u8]) -> Vec<u8> {
    let who = p12("individual_sign");
    let request = SignRequest::new(&who.certificate, common::time("2026-11-22T09:30:00Z"));
    qoltanba::cms::sign(content, &request, &who.key).unwrap()
}

fn options(favor: &str) -> EncodeOptions {
    let mut o = EncodeOptions::new(favor, created());
    o.chunk_size = 200;
    o
}

/// Two documents of the same request and the same number of codes, their codes mixed
/// (element 2 of the other): refused as conflicting or unreadable, never reassembled.
#[test]
fn held_codes_of_two_documents_mixed_are_refused() {
    let a = barcode::encode(&cms_signed(&vec![b'a'; 3000]), &options("REQ-1")).unwrap();
    let b = barcode::encode(&cms_signed(&vec![b'b'; 3000]), &options("REQ-1")).unwrap();
    assert_eq!(a.len(), b.len());
    assert!(a.len() >= 3);
    // Element 2 swapped: the archive does not unzip (CRC, or not a ZIP at all).
    let mut mixed = a.elements.clone();
    mixed[1] = b.elements[1].clone();
    let mut asm = Assembler::new();
    for (i, e) in mixed.into_iter().enumerate() {
        asm.add(e, format!("code {i}")).unwrap();
    }
    assert!(asm.finish().is_err());
    // Both versions of element 2 given: conflicting, named.
    let mut asm = Assembler::new();
    for e in a.elements.iter().chain(std::iter::once(&b.elements[1])) {
        asm.add(e.clone(), format!("code {}", e.number)).unwrap();
    }
    let e = asm.finish().unwrap_err().to_string();
    assert!(e.contains("different content"), "{e}");
    // One element from a set with another elementsAmount: foreign.
    let mut asm = Assembler::new();
    for e in &a.elements {
        asm.add(e.clone(), "a").unwrap();
    }
    let mut other = a.elements[0].clone();
    other.amount += 1;
    other.number = other.amount;
    asm.add(other, "forged").unwrap();
    let e = asm.finish().unwrap_err().to_string();
    assert!(e.contains("elementsAmount"), "{e}");
}

/// Chunks of `archive`, as a set's elements.
fn elements_of(archive: &[u8]) -> Vec<BarcodeElement> {
    let chunks: Vec<&[u8]> = archive.chunks(3000).collect();
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| BarcodeElement {
            creation_date: "2026-11-22T15:30:00+06:00".into(),
            data: c.to_vec(),
            number: i as u32 + 1,
            amount: chunks.len() as u32,
            favor_id: "REQ-1".into(),
        })
        .collect()
}

fn assemble(archive: &[u8]) -> qoltanba::Result<barcode::Reassembled> {
    let mut asm = Assembler::new();
    for e in elements_of(archive) {
        asm.add(e, "crafted")?;
    }
    asm.finish()
}

/// The archive's shapes other than one entry of a document: two entries (a second
/// document beside the signed one), a folder, a deflate bomb whose headers say 100 bytes:
/// refused, each.
#[test]
fn held_crafted_archives_are_refused() {
    let signed = cms_signed(b"the signed document");
    let opts = || {
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
    };
    // Two entries.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("one", opts()).unwrap();
    w.write_all(&signed).unwrap();
    w.start_file("../two", opts()).unwrap();
    w.write_all(b"<shown>PAY 1000000</shown>").unwrap();
    let two = w.finish().unwrap().into_inner();
    assert!(assemble(&two).is_err());
    // A deflate bomb: 20 MiB of zeros, both headers patched to say 100 bytes.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("one", opts()).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..20 {
        w.write_all(&chunk).unwrap();
    }
    let mut bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < 64 * 1024);
    let local = find(&bomb, b"PK\x03\x04").unwrap();
    bomb[local + 22..local + 26].copy_from_slice(&100u32.to_le_bytes());
    let central = rfind(&bomb, b"PK\x01\x02").unwrap();
    bomb[central + 24..central + 28].copy_from_slice(&100u32.to_le_bytes());
    match assemble(&bomb) {
        Ok(r) => panic!("a bomb reassembled to {} bytes", r.document.len()),
        Err(e) => eprintln!("bomb refused: {e}"),
    }
    // The same archive unpatched: refused by its declared size.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("one", opts()).unwrap();
    for _ in 0..20 {
        w.write_all(&chunk).unwrap();
    }
    let honest = w.finish().unwrap().into_inner();
    assert!(matches!(
        assemble(&honest),
        Err(qoltanba::Error::TooLarge { .. })
    ));
}

/// Relabelled codes of an output document: FavorID of another request on some codes
/// only (a minority): foreign; on all: the `labels` check fails (tests/document.rs).
/// Here: the labels of the majority are the signed ones and one code carries another
/// creationDate only (not signed, not compared by the set): the labels check names it.
#[test]
fn held_one_code_with_another_creation_date_fails_the_labels() {
    use qoltanba::document::{self, Field, Fields, OutputDocument};
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some("001234567890".into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let doc = OutputDocument::new(fields, profile, None, false, created()).unwrap();
    let signed = cms_signed(&doc.to_content());
    let mut o = EncodeOptions::new("001234567890", created());
    o.chunk_size = 300;
    let set = barcode::encode(&signed, &o).unwrap();
    assert!(set.len() > 2);
    let mut texts = set.xml();
    let last = texts.len() - 1;
    texts[last] = texts[last].replace("2026-11-22T15:30:00+06:00", "2026-12-22T15:30:00+06:00");
    let r = barcode::decode_texts(&texts).unwrap();
    let v = document::verify_codes(&r, &common::rsa_verifier(), &VerifyOptions::at(at())).unwrap();
    assert!(v.document().is_valid());
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(
        v.check(CheckName::Labels).map(|c| c.outcome()),
        Some(Outcome::Failed)
    );
}

// ---------------------------------------------------------------------------------------
// Profiles: attacks that held

/// The applicant's certificate travels in the CMS's certificates, but someone else's key
/// signs: the IIN is matched against the signer's certificate, not any certificate of
/// the CMS.
#[test]
fn held_the_applicants_certificate_beside_another_signer_proves_nothing() {
    let applicant = p12("individual_sign");
    let other = other_bundle();
    assert_ne!(
        applicant.certificate.facts().iin,
        other.certificate.facts().iin
    );
    let mut chain = other.chain.clone();
    chain.insert(0, applicant.certificate.clone());
    let request = SignRequest::new(&other.certificate, common::time("2026-11-22T09:30:00Z"))
        .with_chain(&chain);
    let cms = qoltanba::cms::sign(b"request", &request, &other.key).unwrap();
    let signed = SignedData::from_input(&cms).unwrap();
    let profile = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
    let v = check_request(
        profile,
        &signed,
        None,
        &RequestIdentity::individual(applicant.certificate.facts().iin.unwrap()),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert!(v
        .checks()
        .iter()
        .any(|c| c.name() == CheckName::IinMatch && c.outcome() == Outcome::Failed));
    assert!(v.verified_content().is_none());
}
