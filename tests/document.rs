//! Output documents: sign -> PDF -> rasterise the pages with `pdftoppm` (Debian
//! poppler-utils) -> read the codes from the images -> verify -> the same content. The
//! PDF embeds DejaVu Sans (Debian fonts-dejavu-core). Tests that need either skip with a
//! printed notice when it is absent.

mod common;

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, FixedOffset};
use qoltanba::barcode::{self, Assembler, EcLevel, EncodeOptions};
use qoltanba::cms::{SignRequest, VerifyOptions};
use qoltanba::document::{
    self, DocumentKind, Field, Fields, Font, OutputDocument, DEFAULT_FONT_PATH,
};
use qoltanba::keys::open_pkcs12;
use qoltanba::profiles::Profile;
use qoltanba::{Certificate, CheckName, Error, Outcome, Overall, Verifier};

use common::pki;

fn issued_at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

fn font() -> Option<Font> {
    match Font::bundled() {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("NOTICE: {e}; skipping (install fonts-dejavu-core)");
            None
        }
    }
}

fn pdftoppm_available() -> bool {
    let ok = Command::new("pdftoppm")
        .arg("-v")
        .output()
        .map(|o| o.status.success() || !o.stderr.is_empty())
        .unwrap_or(false);
    if !ok {
        eprintln!("NOTICE: pdftoppm is absent; skipping (install poppler-utils)");
    }
    ok
}

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("document-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Rasterise every page at 300 dpi, greyscale; the PNG files in page order.
fn rasterise(pdf: &Path, dir: &Path) -> Vec<PathBuf> {
    let prefix = dir.join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("page") && n.ends_with(".png"))
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    pages
}

/// `values` fields, each with `noise` characters of random base64 (a digest list, say):
/// content that compresses as little as a real signed document does.
fn fields(values: usize, noise: usize, refusal: bool) -> Fields {
    let mut fields = vec![Field {
        label: "Өтініш беруші / Заявитель".into(),
        value: "Құлжанова Әлия Ғалымқызы, ЖСН / ИИН 123456789011".into(),
    }];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..values {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        fields.push(Field {
            label: format!("Мұрағаттық мәлімет / Архивная запись {}", i + 1),
            value: format!(
                "Ұлытау ауданы, Үшарал ауылы, Һ-цех: приказ № {state} от 12.03.1987; іс / дело {i}, парақтар / листы 3-7. Ә Ғ Қ Ң Ө Ұ Ү Һ І {}",
                (0..noise)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        B64[(state % 64) as usize] as char
                    })
                    .collect::<String>()
            ),
        });
    }
    Fields {
        favor_id: Some("001234567890".into()),
        title_kk: None,
        title_ru: None,
        fields,
        refusal,
        refusal_reason: refusal.then(|| {
            "Ұсынылған құжаттар толық емес / Представлен неполный пакет документов".into()
        }),
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The signer of the output documents here: `legal_sign`, an official of BIN 123456789021.
const PROVIDER_BIN: &str = "123456789021";

/// Codes judged with the provider's BIN given: an output document's signer must be the
/// provider's official, and without the BIN that is not proven (review 51).
fn provider_options() -> VerifyOptions {
    let mut expectation = qoltanba::Expectation::at(common::time("2026-11-23T00:00:00Z"));
    expectation.bin = Some(qoltanba::identity::Bin::parse(PROVIDER_BIN).unwrap());
    VerifyOptions::new(expectation)
}

fn verifier() -> Verifier {
    common::rsa_verifier()
}

thread_local! {
    static PAGES_WITH_CODES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn round_trip_pages_with_codes() -> usize {
    PAGES_WITH_CODES.with(|p| p.get())
}

/// Issue, print to PDF, rasterise, scan, verify: the content read back.
fn round_trip(doc: &OutputDocument, font: &Font, name: &str) -> (document::Issued, OutputDocument) {
    let bundle = open_pkcs12(&std::fs::read(pki("legal_sign.p12")).unwrap(), b"Qwerty12").unwrap();
    let ca = Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).unwrap()).unwrap();
    let chain = vec![ca];
    let request = SignRequest::new(&bundle.certificate, doc.issued_at.to_utc()).with_chain(&chain);
    let issued = document::issue(doc, &request, &bundle.key, EcLevel::M, font).unwrap();
    assert!(issued.pdf.starts_with(b"%PDF-"));
    let dir = tmp(name);
    let pdf = dir.join("out.pdf");
    std::fs::write(&pdf, &issued.pdf).unwrap();
    let mut a = Assembler::new();
    let mut with_codes = 0;
    for page in rasterise(&pdf, &dir) {
        let scan = barcode::scan_image(&std::fs::read(&page).unwrap()).unwrap();
        assert!(
            scan.unreadable.is_empty(),
            "{}: {:?}",
            page.display(),
            scan.unreadable
        );
        with_codes += usize::from(!scan.texts.is_empty());
        for (i, t) in scan.texts.iter().enumerate() {
            a.add_text(t, format!("{} #{i}", page.display())).unwrap();
        }
    }
    PAGES_WITH_CODES.with(|p| p.set(with_codes));
    let r = a.finish().unwrap();
    assert_eq!(r.document, issued.signed);
    assert_eq!(r.favor_id, doc.favor_id);
    let verdict = r.signed_data().unwrap().verify(
        &verifier(),
        &VerifyOptions::at(common::time("2026-11-23T00:00:00Z")),
    );
    assert!(verdict.is_valid(), "{verdict:?}");
    let back =
        OutputDocument::from_content(verdict.verified_content().unwrap().as_bytes()).unwrap();
    (issued, back)
}

#[test]
fn output_document_pdf_round_trip() {
    let Some(font) = font() else { return };
    if !pdftoppm_available() {
        return;
    }
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    // Some 20 KB of content: more codes than one page holds.
    let doc =
        OutputDocument::new(fields(25, 700, false), profile, None, false, issued_at()).unwrap();
    assert!(
        doc.to_content().len() > 20_000,
        "{}",
        doc.to_content().len()
    );
    let (issued, back) = round_trip(&doc, &font, "result");
    assert_eq!(back, doc);
    assert_eq!(back.kind, DocumentKind::Result);
    assert!(issued.set.len() > 20, "{} codes", issued.set.len());
    assert!(
        round_trip_pages_with_codes() >= 2,
        "the {} codes should span pages",
        issued.set.len()
    );
    // The text is in the PDF, Kazakh letters and the notes included (pdftotext, when
    // there, reads it back through the ToUnicode map).
    if let Ok(o) = Command::new("pdftotext")
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("document-result/out.pdf"))
        .arg("-")
        .output()
    {
        if o.status.success() {
            let text = String::from_utf8_lossy(&o.stdout);
            for needle in [
                "Құлжанова Әлия Ғалымқызы",
                "№ 370-II",
                "равнозначен документу на бумажном носителе",
                "қағаз тасығыштағы құжатпен бірдей",
                &profile.information_system,
                "001234567890",
            ] {
                assert!(text.contains(needle), "{needle:?} not in the PDF text");
            }
        }
    }
}

#[test]
fn refusal_pdf_round_trip() {
    let Some(font) = font() else { return };
    if !pdftoppm_available() {
        return;
    }
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let mut f = fields(1, 0, false);
    f.refusal_reason =
        Some("Ұсынылған құжаттар толық емес / Представлен неполный пакет документов".into());
    let doc = OutputDocument::new(f, profile, Some("REF-7"), true, issued_at()).unwrap();
    assert_eq!(doc.kind, DocumentKind::Refusal);
    assert_eq!(doc.favor_id, "REF-7");
    let (_, back) = round_trip(&doc, &font, "refusal");
    assert_eq!(back, doc);
    assert_eq!(back.kind, DocumentKind::Refusal);
    assert!(back.refusal_reason.is_some());
}

#[test]
fn relabelled_codes_are_told_apart() {
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let doc = OutputDocument::new(fields(2, 0, false), profile, None, false, issued_at()).unwrap();
    let bundle = open_pkcs12(&std::fs::read(pki("legal_sign.p12")).unwrap(), b"Qwerty12").unwrap();
    let request = SignRequest::new(&bundle.certificate, doc.issued_at.to_utc());
    let signed = qoltanba::cms::sign(&doc.to_content(), &request, &bundle.key).unwrap();
    let read_back = |favor_id: &str, created: &str| {
        let created = DateTime::parse_from_rfc3339(created).unwrap();
        let set = barcode::encode(&signed, &EncodeOptions::new(favor_id, created)).unwrap();
        barcode::decode_texts(&set.xml()).unwrap()
    };
    let options = provider_options();
    let judge =
        |r: &barcode::Reassembled| document::verify_codes(r, &verifier(), &options).unwrap();
    let labels = |v: &document::CodesVerdict| v.check(CheckName::Labels).cloned();
    // As issued: the labels agree (the same instant in another offset too), and only
    // then is the output document handed out.
    for created in ["2026-11-22T15:30:00+06:00", "2026-11-22T09:30:00Z"] {
        let v = judge(&read_back("001234567890", created));
        assert!(v.is_valid(), "{:#?}", v.checks());
        assert_eq!(labels(&v).map(|c| c.outcome()), Some(Outcome::Passed));
        assert!(v.labels_proven());
        assert_eq!(v.output_document().map(|d| d.get()), Some(&doc));
        assert!(v.verified_content().is_some());
    }
    // Relabelled: the signature still verifies, the whole is invalid, nothing handed out.
    let v = judge(&read_back("001234567891", "2026-11-22T15:30:00+06:00"));
    assert!(v.document().is_valid());
    assert_eq!(v.overall(), Overall::Invalid);
    let l = labels(&v).unwrap();
    assert_eq!(l.outcome(), Outcome::Failed);
    assert!(l.reason().contains("FavorID \"001234567891\""), "{l:?}");
    assert!(!l.reason().contains("creationDate"), "{l:?}");
    assert!(v.output_document().is_none() && v.verified_content().is_none());
    let refusal = v.refusal().unwrap();
    assert_eq!(refusal.failed(), &[CheckName::Labels]);
    assert!(
        refusal.ru().contains("меток штрих-кодов"),
        "{}",
        refusal.ru()
    );
    let v = judge(&read_back("001234567890", "2026-11-23T15:30:00+06:00"));
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(labels(&v).unwrap().reason().contains("creationDate"));
    // Signed data that is not an output document has no labels to compare: no check, the
    // content is handed out, the labels are the codes' say-so.
    let other = qoltanba::cms::sign(b"<request/>", &request, &bundle.key).unwrap();
    let set = barcode::encode(
        &other,
        &EncodeOptions::new(
            "42",
            DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap(),
        ),
    )
    .unwrap();
    let v = judge(&barcode::decode_texts(&set.xml()).unwrap());
    assert!(v.is_valid(), "{:#?}", v.checks());
    assert!(labels(&v).is_none() && v.output_document().is_none());
    assert_eq!(
        v.verified_content().map(|c| c.as_bytes()),
        Some(&b"<request/>"[..])
    );
    // ... and the verdict says so beside them, in Rust and in the JSON.
    assert!(!v.labels_proven());
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["labels_proven"], false, "{json}");
    assert_eq!(json["favor_id"], "42", "{json}");
    // A set whose signature fails: the labels are not compared, unknown.
    let mut tampered = signed.clone();
    let at = tampered.len() - 10;
    tampered[at] ^= 1;
    let set = barcode::encode(
        &tampered,
        &EncodeOptions::new(
            "001234567890",
            DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap(),
        ),
    )
    .unwrap();
    let v = judge(&barcode::decode_texts(&set.xml()).unwrap());
    assert!(!v.is_valid());
    assert_eq!(labels(&v).map(|c| c.outcome()), Some(Outcome::Unknown));
    assert!(v.output_document().is_none());
}

#[test]
fn fields_and_font_errors() {
    let e = Fields::from_json(br#"{"fields": [], "colour": "red"}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field"), "{e}");
    let e = Fields::from_json(br#"{"fields": [{"label": "a"}]}"#).unwrap_err();
    assert!(e.to_string().contains("FIELDS.json"), "{e}");
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let no_id = Fields {
        fields: vec![],
        ..Fields::default()
    };
    let e = OutputDocument::new(no_id, profile, None, false, issued_at()).unwrap_err();
    assert!(e.to_string().contains("FavorID"), "{e}");
    let refusal_without_reason = Fields {
        favor_id: Some("1".into()),
        ..Fields::default()
    };
    let e =
        OutputDocument::new(refusal_without_reason, profile, None, true, issued_at()).unwrap_err();
    assert!(e.to_string().contains("refusal_reason"), "{e}");
    let reason_without_refusal = Fields {
        favor_id: Some("1".into()),
        refusal_reason: Some("why".into()),
        ..Fields::default()
    };
    let e =
        OutputDocument::new(reason_without_refusal, profile, None, false, issued_at()).unwrap_err();
    assert!(e.to_string().contains("not a refusal"), "{e}");
    if let Some(font) = font() {
        // A character the font lacks would print as '?': refused.
        let mut f = fields(1, 0, false);
        f.fields[0].value = "Ли 漢字".into();
        let doc = OutputDocument::new(f, profile, None, false, issued_at()).unwrap();
        let set = barcode::encode(b"signed", &EncodeOptions::new("1", issued_at())).unwrap();
        let e = document::render_pdf(&doc, &set, &font)
            .unwrap_err()
            .to_string();
        assert!(e.contains("no glyph for \"漢字\""), "{e}");
    }
    let e = Font::load(Path::new("/nonexistent/font.ttf")).unwrap_err();
    assert!(matches!(e, Error::Io { .. }));
    assert!(e.to_string().contains("fonts-dejavu-core"), "{e}");
    let e = Font::from_bytes(b"not a font".to_vec()).unwrap_err();
    assert!(e.to_string().contains("font"), "{e}");
    if Path::new(DEFAULT_FONT_PATH).exists() {
        // A Latin-only font is refused: DejaVu's own is fine, so check the message path
        // with the Math font, which lacks Kazakh letters.
        let math = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf");
        if math.exists() {
            let e = Font::load(math).unwrap_err().to_string();
            assert!(e.contains("Kazakh"), "{e}");
        }
    }
}

#[test]
fn cli_issue_then_verify_scanned_pages() {
    cli_round_trip(false);
}

/// The same with `document issue --xml`: the codes carry signed XML, `barcode verify`
/// checks their labels against it and writes the verified XML.
#[test]
fn cli_issue_xml_then_verify_scanned_pages() {
    cli_round_trip(true);
}

fn cli_round_trip(xml: bool) {
    if font().is_none() || !pdftoppm_available() {
        return;
    }
    let dir = tmp(if xml { "cli-xml" } else { "cli" });
    let fields_path = dir.join("fields.json");
    std::fs::write(
        &fields_path,
        serde_json::to_vec(&fields(10, 0, false)).unwrap(),
    )
    .unwrap();
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let pdf = dir.join("out.pdf");
    let signed = dir.join("signed.cms");
    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["document", "issue", "--fields"])
        .arg(&fields_path)
        .args(["--profile", "vko-archive-certificate", "--key"])
        .arg(pki("legal_sign.p12"))
        .arg("--password-file")
        .arg(&pw)
        .arg("--chain")
        .arg(pki("nca_rsa.cer"))
        .args(["--favor-id", "CLI-42", "--at", "2026-11-22T15:30:00+06:00"])
        .args(if xml { &["--xml"][..] } else { &[] })
        .arg("--signed-out")
        .arg(&signed)
        .arg("-o")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pages = rasterise(&pdf, &dir);
    let content = dir.join("content.json");
    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["barcode", "verify"])
        .args(&pages)
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .args([
            "--at",
            "2026-11-23T00:00:00Z",
            "--iin",
            "123456789011",
            "--bin",
            PROVIDER_BIN,
            "--out",
        ])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read(&content).unwrap();
    let doc = if xml {
        OutputDocument::from_xml(&written).unwrap()
    } else {
        OutputDocument::from_content(&written).unwrap()
    };
    assert_eq!(doc.favor_id, "CLI-42");
    assert_eq!(doc.profile_id, "vko-archive-certificate");
    assert_eq!(doc.fields.len(), 11);
    // The same signed document in codes relabelled with another request's number: the
    // signature still verifies, the labels do not match what it signs: invalid, exit 1,
    // and no content handed out.
    let relabelled = dir.join("relabelled");
    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["barcode", "encode"])
        .arg(&signed)
        .args([
            "--favor-id",
            "CLI-43",
            "--creation-date",
            "2026-11-22T15:30:00+06:00",
            "-o",
        ])
        .arg(&relabelled)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let leaked = dir.join("leaked.json");
    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["barcode", "verify"])
        .arg(&relabelled)
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .args([
            "--at",
            "2026-11-23T00:00:00Z",
            "--bin",
            PROVIDER_BIN,
            "--json",
            "--out",
        ])
        .arg(&leaked)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["verdict"], "invalid", "{report}");
    assert!(
        report["content_problems"][0]
            .as_str()
            .unwrap()
            .contains("FavorID \"CLI-43\", the signed document \"CLI-42\""),
        "{report}"
    );
    assert!(!leaked.exists());
    // An unknown profile is a usage error.
    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["document", "issue", "--fields"])
        .arg(&fields_path)
        .args(["--profile", "no-such-profile", "--key"])
        .arg(pki("legal_sign.p12"))
        .arg("-o")
        .arg(dir.join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no profile"));
}

/// Output documents as signed XML (the form eGov carries in its codes): issued, read back
/// from the codes, verified with the labels, the document handed out as signed; relabelled
/// or edited codes are refused.
#[test]
fn xml_output_documents() {
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let mut f = fields(2, 0, true);
    f.fields.push(Field {
        label: "Белгілер / Знаки".into(),
        value: "a & b < c > d \"e\" 'f'\r\nжаңа жол\tтаб".into(),
    });
    let doc = OutputDocument::new(f, profile, None, true, issued_at()).unwrap();
    // The XML form reads back to the same document.
    let xml = doc.to_xml().unwrap();
    assert_eq!(OutputDocument::from_xml(&xml).unwrap(), doc);
    let bundle = open_pkcs12(&std::fs::read(pki("legal_sign.p12")).unwrap(), b"Qwerty12").unwrap();
    let Some(font) = font() else { return };
    let request = SignRequest::new(&bundle.certificate, doc.issued_at.to_utc());
    let issued = document::issue_xml(&doc, &request, &bundle.key, EcLevel::M, &font).unwrap();
    assert!(qoltanba::xmldsig::is_xml(&issued.signed));
    let options = provider_options();
    let judge = |texts: &[String]| {
        document::verify_codes(
            &barcode::decode_texts(texts).unwrap(),
            &verifier(),
            &options,
        )
        .unwrap()
    };
    let texts = issued.set.xml();
    let v = judge(&texts);
    assert!(v.is_valid(), "{:#?}", v.checks());
    assert!(matches!(v.document(), document::CodesDocument::Xml(_)));
    assert_eq!(v.output_document().map(|d| d.get()), Some(&doc));
    assert_eq!(
        v.check(CheckName::Labels).map(|c| c.outcome()),
        Some(Outcome::Passed)
    );
    assert!(v.verified_xml().is_some() && v.verified_content().is_none());

    // Relabelled: every code's FavorID changed; the signature holds, the set does not.
    let relabelled: Vec<String> = texts
        .iter()
        .map(|t| t.replace("001234567890", "001234567891"))
        .collect();
    let v = judge(&relabelled);
    assert!(v.document().is_valid());
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(v.output_document().is_none() && v.verified_xml().is_none());

    // The signed XML edited (a value changed, re-encoded): the signature fails.
    let edited = String::from_utf8(issued.signed.clone())
        .unwrap()
        .replace("Құлжанова", "Кулжанова");
    let set = barcode::encode(
        edited.as_bytes(),
        &EncodeOptions::new("001234567890", issued_at()),
    )
    .unwrap();
    let v = judge(&set.xml());
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        v.check(CheckName::Labels).map(|c| c.outcome()),
        Some(Outcome::Unknown)
    );
    assert!(v.output_document().is_none());

    // The reader takes only the shape the writer makes.
    let text = String::from_utf8(xml).unwrap();
    for bad in [
        text.replace("<region>", "<extra/><region>"),
        text.replace("kind=\"refusal\"", "kind=\"refusal\" x=\"1\""),
        text.replace("<fields>", "<fields><!-- c -->"),
        text.replace("<favorId>001234567890</favorId>\n", ""),
        text.replace("schema=\"1\"", "schema=\"2\""),
        text.replace("urn:qoltanba:output-document:1", "urn:other"),
    ] {
        assert!(OutputDocument::from_xml(bad.as_bytes()).is_err(), "{bad}");
    }
    // A value XML cannot carry: refused when written.
    let mut control = doc.clone();
    control.fields[0].value.push('\u{1}');
    assert!(control.to_xml().is_err());
}
