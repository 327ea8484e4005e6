//! Review 96 (hostile): the output documents' 2D codes (`src/barcode/`: the
//! `BarcodeElement` reader, the `Assembler`'s set bookkeeping, the ZIP archive and its
//! caps) and how a set is judged (`document::verify_codes`, the service's
//! `/v1/barcode/verify`), and PDF signatures (`pades::verify`) against incremental
//! updates, a `/Contents` string carrying more than the CMS, bytes after the last `%%EOF`
//! and a cross-reference section naming billions of objects.
//!
//! Method. Read `src/barcode/mod.rs` (`Assembler::problems`, `finish`), `archive.rs`
//! (`unzip_document`, `check_layout`), `element.rs` (`check`), `src/document/codes.rs`
//! (`verify_codes`, `labels_of`, `provider_check`) and the earlier reviews of this code
//! (tests/barcode.rs, documents_review.rs, review33, 37, 49, 51, 53) so as not to repeat
//! them. Output documents signed with the test PKI (`roles/provider_head`, the provider's
//! official, BIN 020240000041), cut into codes by `barcode::encode`, the codes' XML texts
//! edited as a forger edits them; archives built by hand (`common::zip`); PDFs signed by
//! the library (`common::pdf_updates`) and changed after. Memory is counted by a per-thread
//! counting allocator (bytes, never time).
//!
//! Finding (the `defect_` test):
//! 1. (fixed) `a_relabelled_duplicate_behind_the_honest_code_is_refused` (was
//!    `defect_a_relabelled_duplicate_behind_the_honest_code_is_valid`): a set of an output
//!    document's codes plus a second copy of one code carrying another `creationDate` (same data,
//!    so not "conflicting") is VALID with `labels_proven` when the honest copy comes first, INVALID
//!    when the relabelled copy comes first: the verdict depends on the order the codes are given,
//!    and a relabelled code rides unexamined in a valid set. `Assembler::problems`
//!    (src/barcode/mod.rs) compares duplicates by `data` only, while the module promises "a
//!    duplicate only when identical"; `Assembler::finish` keeps the first copy's creationDate, so
//!    `labels_of` (src/document/codes.rs) never sees the other. The service's `/v1/barcode/verify`
//!    answers `valid` the same. Should: a duplicate whose labels differ is a conflict (or every
//!    copy's labels compared), whatever the order.
//!
//! What held (`held_` tests): codes of two documents of the same request and size mixed
//! (refused or never valid); an element numbered past its count, a count of 2^31 and
//! counts that disagree (refused or foreign); a ZIP of two entries; a lying deflate bomb
//! of 64 MiB (refused, 26 MB peak); a signed CMS or signed XML output document
//! followed by unsigned bytes inside the archive's entry (never valid); a PDF signed then
//! updated (not valid, the signature says it does not cover the file); a `/Contents` hex
//! string whose zero padding is replaced by other hex digits (not valid); a second
//! `%%EOF` appended (not valid); a cross-reference subsection naming 2^31 objects (70 KB
//! peak, invalid). No panic was found.

mod common;
#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::peak_of;

use common::pdf_updates::{self as pu, p12, rfind};
use common::pki;
use common::zip::{crc32, deflate, one_entry};

use chrono::{DateTime, FixedOffset, Utc};
use qoltanba::barcode::{self, Assembler, BarcodeElement, EncodeOptions};
use qoltanba::cms::{sign, SignRequest, VerifyOptions};
use qoltanba::document::{self, Field, Fields, OutputDocument};
use qoltanba::keys::SigningKey;
use qoltanba::profiles::Profile;
use qoltanba::Judged as _;
use qoltanba::{Certificate, Overall};

// ---------------------------------------------------------------------------------------
// Fixtures

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

fn cert(who: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(&format!("{who}.cer"))).unwrap()).unwrap()
}

fn key(who: &str) -> SigningKey {
    SigningKey::from_pkcs8(
        &std::fs::read(pki(&format!("{who}.key.pem"))).unwrap(),
        None,
    )
    .unwrap()
}

/// `content` signed (CMS, attached) by `who`.
fn cms_by(who: &str, content: &[u8]) -> Vec<u8> {
    let c = cert(who);
    let req = SignRequest::new(&c, common::time("2026-11-22T09:30:00Z"));
    sign(content, &req, &key(who)).unwrap()
}

/// An output document of the archives' profile for request `favor`, naming `who`.
fn output_doc(favor: &str, who: &str) -> OutputDocument {
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some(favor.into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: who.into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    OutputDocument::new(fields, profile, None, false, created()).unwrap()
}

fn options(favor: &str) -> EncodeOptions {
    let mut o = EncodeOptions::new(favor, created());
    o.chunk_size = 300;
    o
}

/// The provider's BIN (`test-vectors/pki/roles/bins.txt`).
const PROVIDER_BIN: &str = "020240000041";

fn verify(r: &barcode::Reassembled) -> qoltanba::Result<document::CodesVerdict> {
    let mut expectation = qoltanba::Expectation::at(at());
    expectation.bin = Some(qoltanba::identity::Bin::parse(PROVIDER_BIN).unwrap());
    document::verify_codes(r, &common::rsa_verifier(), &VerifyOptions::new(expectation))
}

/// The verdict on `texts`, or `None` when they do not reassemble or are not judged.
fn verdict_of(texts: &[String]) -> Option<Overall> {
    let r = barcode::decode_texts(texts).ok()?;
    verify(&r).ok().map(|v| v.overall())
}

/// `archive` cut into elements of at most `chunk` bytes, labelled REQ-96.
fn elements_of(archive: &[u8], chunk: usize) -> Vec<BarcodeElement> {
    let chunks: Vec<&[u8]> = archive.chunks(chunk).collect();
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| BarcodeElement {
            creation_date: barcode::format_creation_date(created()),
            data: c.to_vec(),
            number: i as u32 + 1,
            amount: chunks.len() as u32,
            favor_id: "REQ-96".into(),
        })
        .collect()
}

fn assemble(archive: &[u8]) -> qoltanba::Result<barcode::Reassembled> {
    let mut asm = Assembler::new();
    for e in elements_of(archive, 3000) {
        asm.add(e, format!("code {}", asm.len() + 1))?;
    }
    asm.finish()
}

/// The document `archive` carries, judged; `None` when refused before a verdict.
fn archive_verdict(archive: &[u8]) -> Option<Overall> {
    let r = assemble(archive).ok()?;
    verify(&r).ok().map(|v| v.overall())
}

// ---------------------------------------------------------------------------------------
// Finding

/// A genuine output document's codes, and beside code 2 a second copy of code 2 whose
/// `creationDate` is rewritten (its data untouched, so the set does not call it
/// conflicting). The `labels` check is how the library says "relabelled codes are
/// invalid"; but `Assembler::finish` keeps only the first copy's creationDate. Given
/// relabelled-first the set is INVALID; given honest-first it is VALID with the labels
/// "proven", the relabelled code never looked at. The set is the same set of codes in both
/// orders: one verdict is wrong. Correct: a duplicate that is not identical (its labels
/// differ) is a conflict, or every copy's labels are compared; never valid.
/// Fault: src/barcode/mod.rs `Assembler::problems` (duplicates compared by `data` only)
/// and `Assembler::finish` (the first copy's creationDate kept).
///
/// Found by review 96 (was a defect). Fixed: `Assembler::problems` takes a copy of a number for a
/// duplicate only when its data and creationDate are both the first copy's; another creationDate is
/// another version of the code, named as conflicting, in either order.
#[test]
fn a_relabelled_duplicate_behind_the_honest_code_is_refused() {
    let doc = output_doc("REQ-96", "Құлжанова Әлия");
    let signed = cms_by("roles/provider_head", &doc.to_content());
    let set = barcode::encode(&signed, &options("REQ-96")).unwrap();
    assert!(set.len() >= 2, "{} codes", set.len());
    let honest = set.xml();
    let date = barcode::format_creation_date(created());
    let relabelled = honest[1].replace(&date, "2027-01-05T09:00:00+06:00");
    assert_ne!(relabelled, honest[1]);
    // The control: the honest set is valid.
    assert_eq!(verdict_of(&honest), Some(Overall::Valid));
    // The relabelled copy given first: invalid (the labels check names it).
    let mut first = honest.clone();
    first.insert(1, relabelled.clone());
    let v_first = verdict_of(&first);
    // The same codes, the honest copy first.
    let mut after = honest.clone();
    after.insert(2, relabelled.clone());
    // Refused as two versions of code 2, or judged and never valid with its labels proven.
    match barcode::decode_texts(&after) {
        Err(e) => assert!(
            e.to_string()
                .contains("BarcodeElement 2 is given with different content"),
            "{e}"
        ),
        Ok(r) => {
            let v = verify(&r).unwrap();
            assert_ne!(
                v.overall(),
                Overall::Valid,
                "a code relabelled {:?} rides in a valid set behind its honest copy",
                "2027-01-05T09:00:00+06:00"
            );
            assert!(!v.labels_proven());
        }
    }
    // And the service, given the same codes in the same order.
    let svc = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let (status, answer) = svc.post(
        "/v1/barcode/verify",
        &serde_json::json!({"codes": after, "bin": PROVIDER_BIN}).to_string(),
    );
    eprintln!("relabelled first: {v_first:?}; service: {status} {answer}");
    assert_ne!(v_first, Some(Overall::Valid));
    assert_ne!(answer["verdict"]["verdict"], "valid", "{answer:#}");
}

// ---------------------------------------------------------------------------------------
// Barcodes: attacks that held

/// Two genuine output documents of the same request (FavorID) and the same number of
/// codes, the first code of one put with the other codes of the other: no number repeats,
/// no label differs. The archive's local header (first code) and central directory (last
/// code) then describe different entries: refused, never a verdict on a spliced document.
#[test]
fn held_codes_of_two_documents_mixed_are_never_valid() {
    let a = barcode::encode(
        &cms_by(
            "roles/provider_head",
            &output_doc("REQ-96", "Құлжанова Әлия").to_content(),
        ),
        &options("REQ-96"),
    )
    .unwrap()
    .xml();
    let b = barcode::encode(
        &cms_by(
            "roles/provider_head",
            &output_doc("REQ-96", "Сейтқали Асқар").to_content(),
        ),
        &options("REQ-96"),
    )
    .unwrap()
    .xml();
    assert_eq!(a.len(), b.len(), "the same number of codes");
    assert_eq!(verdict_of(&a), Some(Overall::Valid));
    assert_eq!(verdict_of(&b), Some(Overall::Valid));
    for cut in 1..a.len() {
        let mixed: Vec<String> = a[..cut].iter().chain(&b[cut..]).cloned().collect();
        let v = verdict_of(&mixed);
        assert_ne!(
            v,
            Some(Overall::Valid),
            "A's first {cut} codes with B's rest"
        );
    }
    // Both sets given at once: conflicts.
    let both: Vec<String> = a.iter().chain(&b).cloned().collect();
    assert!(barcode::decode_texts(&both).is_err());
}

/// An element numbered past its count, a count of 2^31 (and 2^32 - 1), a number of 0, and
/// two codes of one document whose counts disagree: refused by the reader or named as
/// foreign, never reassembled (an index past the chunks would panic in `finish`).
#[test]
fn held_numbers_and_counts_out_of_line_are_refused() {
    let doc = output_doc("REQ-96", "Құлжанова Әлия");
    let signed = cms_by("roles/provider_head", &doc.to_content());
    let texts = barcode::encode(&signed, &options("REQ-96")).unwrap().xml();
    let n = texts.len();
    let amount = format!("<elementsAmount>{n}</elementsAmount>");
    for bad in ["2147483648", "4294967295", "1001", "0"] {
        let t = texts[0].replace(&amount, &format!("<elementsAmount>{bad}</elementsAmount>"));
        assert!(BarcodeElement::parse(t.as_bytes()).is_err(), "amount {bad}");
    }
    let past = texts[0].replace(
        "<elementNumber>1</elementNumber>",
        &format!("<elementNumber>{}</elementNumber>", n + 1),
    );
    assert!(BarcodeElement::parse(past.as_bytes()).is_err());
    let zero = texts[0].replace(
        "<elementNumber>1</elementNumber>",
        "<elementNumber>0</elementNumber>",
    );
    assert!(BarcodeElement::parse(zero.as_bytes()).is_err());
    // Built directly, past `parse`: `add` checks too.
    let mut e = BarcodeElement::parse(texts[0].as_bytes()).unwrap();
    e.number = e.amount + 1;
    assert!(Assembler::new().add(e.clone(), "past").is_err());
    e.amount = 1 << 31;
    e.number = 1 << 31;
    assert!(Assembler::new().add(e, "2^31").is_err());
    // The last code says the set has one more: foreign, and the set does not reassemble.
    let mut disagree = texts.clone();
    disagree[n - 1] = texts[n - 1].replace(
        &amount,
        &format!("<elementsAmount>{}</elementsAmount>", n + 1),
    );
    let e = barcode::decode_texts(&disagree).unwrap_err().to_string();
    assert!(e.contains("elementsAmount"), "{e}");
}

/// A ZIP of two entries (the signed document and a second "document"), each laid out in
/// order: refused (an output document's archive holds exactly one entry).
#[test]
fn held_a_zip_of_two_entries_is_refused() {
    use std::io::Write as _;
    let signed = cms_by(
        "roles/provider_head",
        &output_doc("REQ-96", "Құлжанова Әлия").to_content(),
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("one", opts).unwrap();
    w.write_all(&signed).unwrap();
    w.start_file("two", opts).unwrap();
    w.write_all(b"Pay 1,000,000 KZT to the bearer").unwrap();
    let archive = w.finish().unwrap().into_inner();
    assert!(assemble(&archive).is_err());
}

/// A deflate bomb: 64 MiB of zeros deflated (64 KiB of archive) in an entry whose headers
/// say 100 bytes. Refused, and the memory spent reading it stays within the 16 MiB
/// document cap (never the 64 MiB the stream inflates to).
#[test]
fn held_a_lying_deflate_bomb_is_bounded() {
    let zeros = vec![0u8; 64 << 20];
    let stream = deflate(&zeros);
    let crc = crc32(&zeros);
    drop(zeros);
    let archive = one_entry(8, crc, &stream, 100);
    let (result, peak) = peak_of(|| assemble(&archive).map(|r| r.document.len()));
    eprintln!("bomb: {result:?}, peak {peak} bytes");
    assert!(result.is_err());
    assert!(peak < 48 << 20, "{peak} bytes to refuse a bomb");
}

/// The archive's entry is a genuine signed CMS output document followed by unsigned bytes
/// ("Pay ..."): the codes reassemble (the archive is honest), but what they carry is not
/// the signed document alone. Never valid: `Reassembled::signed_data` reads DER/BER and
/// must not read over a tail.
#[test]
fn held_a_signed_document_with_an_unsigned_tail_is_never_valid() {
    let signed = cms_by(
        "roles/provider_head",
        &output_doc("REQ-96", "Құлжанова Әлия").to_content(),
    );
    // The control.
    let control = one_entry(8, crc32(&signed), &deflate(&signed), signed.len() as u32);
    assert_eq!(archive_verdict(&control), Some(Overall::Valid));
    let tail = [&signed[..], b"\nPay 1,000,000 KZT to the bearer"].concat();
    let archive = one_entry(8, crc32(&tail), &deflate(&tail), tail.len() as u32);
    let r = assemble(&archive).unwrap();
    assert_eq!(r.document, tail);
    assert_ne!(archive_verdict(&archive), Some(Overall::Valid));
    // Two zero bytes after the DER (an end-of-contents, as a BER reader might skip).
    let padded = [&signed[..], &[0, 0]].concat();
    let archive = one_entry(8, crc32(&padded), &deflate(&padded), padded.len() as u32);
    assert_ne!(archive_verdict(&archive), Some(Overall::Valid));
}

/// The same with a signed XML output document (enveloped signature by the provider's
/// official): text after the root, an element after the root, a processing instruction
/// after the root. Never valid (the last two are not well-formed; a PI is outside the
/// `URI=""` node-set's content and not handed out either).
#[test]
fn held_a_signed_xml_document_with_a_tail_is_never_valid() {
    let doc = output_doc("REQ-96", "Құлжанова Әлия");
    let xml = qoltanba::xmldsig::sign(
        &doc.to_xml().unwrap(),
        &cert("roles/provider_head"),
        &key("roles/provider_head"),
    )
    .unwrap();
    let control = one_entry(8, crc32(&xml), &deflate(&xml), xml.len() as u32);
    let control_verdict = archive_verdict(&control);
    assert_eq!(control_verdict, Some(Overall::Valid));
    for tail in [
        &b"Pay 1,000,000 KZT to the bearer"[..],
        b"<amount>1000000</amount>",
        b"<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>",
    ] {
        let doc = [&xml[..], tail].concat();
        let archive = one_entry(8, crc32(&doc), &deflate(&doc), doc.len() as u32);
        let v = archive_verdict(&archive);
        assert_ne!(v, Some(Overall::Valid), "{}", String::from_utf8_lossy(tail));
    }
}

// ---------------------------------------------------------------------------------------
// PDF: attacks that held

fn signed_pdf() -> Vec<u8> {
    pu::sign_any(&pu::fixture("classic.pdf"), &p12("individual_sign"))
}

/// A PDF signed by the library, then an incremental update (a new object and a new
/// cross-reference section, as any editor appends): not valid, and the signature says it
/// does not cover the whole file.
#[test]
fn held_an_update_after_the_signature_is_not_valid() {
    let signed = signed_pdf();
    let v = pu::verify(&signed);
    assert!(v.is_valid(), "{:#?}", v.checks());
    let size = pu::last_number(&signed, b"/Size");
    let updated = pu::update(&signed, &[(size as u32, pu::page_text(pu::FORGED_TEXT))]);
    let v = pu::verify(&updated);
    assert!(!v.is_valid());
    assert!(v.signatures().iter().all(|s| !s.covers_whole_file()));
}

/// The `/Contents` hex string of a library-signed PDF: its zero padding after the DER
/// (outside the signed ranges) replaced by other hex digits. The CMS still parses and its
/// digest still matches: what rides after the DER is unsigned. Not valid.
#[test]
fn held_contents_with_bytes_after_the_der_is_not_valid() {
    let signed = signed_pdf();
    let at = rfind(&signed, b"/Contents <").unwrap() + b"/Contents <".len();
    let end = at + signed[at..].iter().position(|&b| b == b'>').unwrap();
    assert!(signed[end - 8..end].iter().all(|&b| b == b'0'), "padding");
    let mut tail = signed.clone();
    tail[end - 8..end].copy_from_slice(b"DEADBEEF");
    let v = pu::verify(&tail);
    assert!(!v.is_valid(), "{:#?}", v.checks());
}

/// A second `%%EOF` (and a comment) appended to a signed PDF, no new revision: bytes no
/// signature covers. Not valid.
#[test]
fn held_a_second_eof_is_not_valid() {
    let mut pdf = signed_pdf();
    pdf.extend_from_slice(b"% Pay 1,000,000 KZT\n%%EOF\n");
    let v = pu::verify(&pdf);
    assert!(!v.is_valid());
}

/// An update whose cross-reference subsection says it lists 2^31 objects (and a trailer
/// `/Size` to match): the reader must not allocate or walk by the count it is told.
/// Bounded memory, an answer (not valid), no panic.
#[test]
fn held_a_huge_xref_subsection_is_bounded() {
    let signed = signed_pdf();
    let prev = pu::last_number(&signed, b"startxref");
    let mut pdf = signed.clone();
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n0 2147483648\n0000000000 65535 f \ntrailer\n<< /Size 2147483648 /Root 1 0 R \
             /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    let (v, peak) = peak_of(|| {
        qoltanba::pades::verify(&pdf, &common::rsa_verifier(), &pu::options()).map(|v| v.overall())
    });
    eprintln!("2^31 objects: {v:?}, peak {peak} bytes");
    assert_ne!(v.ok(), Some(Overall::Valid));
    assert!(peak < 256 << 20, "{peak} bytes");
}
