//! issue 13 §3: the output document's PDF signed (PAdES B-B) with the provider's key, and
//! PDF signatures verified: the ranges around exactly the `/Contents` hex string, the CMS
//! over them judged by the certificate condition, the whole file covered. Interop: poppler's
//! `pdfsig` reports our signature valid (skipped with a notice when it is absent).

mod common;

use chrono::{DateTime, FixedOffset};
use qoltanba::barcode::EcLevel;
use qoltanba::cms::{SignRequest, VerifyOptions};
use qoltanba::document::{self, Field, Fields, Font, OutputDocument};
use qoltanba::keys::{open_pkcs12, KeyBundle, SigningKey};
use qoltanba::pades;
use qoltanba::profiles::Profile;
use qoltanba::{Certificate, CheckName, Judged as _, Outcome, Overall};

use common::pki;

fn issued_at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

fn options() -> VerifyOptions {
    VerifyOptions::at(common::time("2026-11-23T00:00:00Z"))
}

/// The PDF of an output document issued with `<who>.cer` and `<who>.key.pem` (none
/// without a font).
fn issued(who: &str) -> Option<Vec<u8>> {
    let font = match Font::bundled() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("NOTICE: {e}; skipping");
            return None;
        }
    };
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some("PADES-1".into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let doc = OutputDocument::new(fields, profile, None, false, issued_at()).unwrap();
    let cert =
        Certificate::from_input(&std::fs::read(pki(&format!("{who}.cer"))).unwrap()).unwrap();
    let key = SigningKey::from_pkcs8(
        &std::fs::read(pki(&format!("{who}.key.pem"))).unwrap(),
        None,
    )
    .unwrap();
    let ca = Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).unwrap()).unwrap();
    let chain = vec![ca];
    let request = SignRequest::new(&cert, issued_at().to_utc()).with_chain(&chain);
    Some(
        document::issue(&doc, &request, &key, EcLevel::M, &font)
            .unwrap()
            .pdf,
    )
}

fn verify(pdf: &[u8]) -> pades::PdfVerdict {
    pades::verify(pdf, &common::rsa_verifier(), &options()).unwrap()
}

fn failed(v: &pades::PdfVerdict, name: CheckName) -> bool {
    v.checks()
        .iter()
        .any(|c| c.name() == name && c.outcome() == Outcome::Failed)
}

#[test]
fn an_issued_pdf_carries_a_valid_pades_signature() {
    let Some(pdf) = issued("legal_sign") else {
        return;
    };
    let v = verify(&pdf);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let [sig] = v.signatures() else {
        panic!("one signature")
    };
    assert!(sig.covers_whole_file());
    assert_eq!(sig.sub_filter(), pades::PADES_SUBFILTER);
    assert!(sig.claimed_time().unwrap().starts_with("D:20261122093000"));
    // PAdES B-B: no signingTime in the CMS; the certificate condition was applied.
    let cms = sig.cms().unwrap();
    assert!(!cms.signers()[0]
        .signed_attributes()
        .iter()
        .any(|a| a == "1.2.840.113549.1.9.5"));
    assert!(cms.signers()[0].certificate().is_some());
}

#[test]
fn what_the_signature_does_not_cover_is_not_valid() {
    let Some(pdf) = issued("legal_sign") else {
        return;
    };
    let [_, b, c, _] = verify(&pdf).signatures()[0]
        .byte_range()
        .map(|n| n as usize);

    // An incremental update appended after signing (a new page, an annotation ...).
    let mut appended = pdf.clone();
    appended.extend_from_slice(b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    let v = verify(&appended);
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(failed(&v, CheckName::Content), "{:#?}", v.checks());

    // One byte changed inside the signed ranges.
    let mut edited = pdf.clone();
    let i = c + 100;
    edited[i] ^= 1;
    assert_eq!(verify(&edited).overall(), Overall::Invalid);

    // The zero padding after the CMS changed: the gap holds more than the signature.
    let mut padded = pdf.clone();
    let last_hex = c - 2;
    assert_eq!(padded[last_hex], b'0');
    padded[last_hex] = b'1';
    let v = verify(&padded);
    assert_eq!(v.overall(), Overall::Invalid);

    // A /ByteRange whose gap is not the /Contents string: shifted by one byte.
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let start = text.find("/ByteRange [").unwrap();
    let end = start + text[start..].find(']').unwrap();
    let old = &text[start..=end];
    let new = format!("/ByteRange [0 {} {} {}", b + 1, c, pdf.len() - c);
    let new = format!("{new:<width$}]", width = old.len() - 1);
    assert_eq!(new.len(), old.len());
    let shifted = text.replacen(old, &new, 1).into_bytes();
    let v = verify(&shifted);
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(failed(&v, CheckName::Signature));

    // A PDF without a signature; not a PDF at all.
    let v = verify(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(pades::verify(b"plain text", &common::rsa_verifier(), &options()).is_err());
}

#[test]
fn the_signer_is_judged_by_the_certificate_condition() {
    // The test PKI's revoked signer (a private person: no output document is issued with
    // its key) signs a PDF; the PDF is intact but the signer is not valid.
    let revoked = KeyBundle {
        certificate: Certificate::from_input(&std::fs::read(pki("revoked.cer")).unwrap()).unwrap(),
        key: SigningKey::from_pkcs8(&std::fs::read(pki("revoked.key.pem")).unwrap(), None).unwrap(),
        chain: vec![Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).unwrap()).unwrap()],
    };
    let pdf = sign_any(&fixture("classic.pdf"), &revoked);
    let v = verify(&pdf);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert!(failed(&v, CheckName::Revocation));
    // Without a CRL the status is unknown: indeterminate, never valid.
    let Some(pdf) = issued("legal_sign") else {
        return;
    };
    let no_crl = qoltanba::Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .build();
    let v = pades::verify(&pdf, &no_crl, &options()).unwrap();
    assert_eq!(v.overall(), Overall::Indeterminate);
}

#[test]
fn poppler_pdfsig_reports_our_signature_valid() {
    let Some(pdf) = issued("legal_sign") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("qoltanba-pades-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("signed.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let out = match std::process::Command::new("pdfsig").arg(&file).output() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("NOTICE: pdfsig (poppler-utils) not runnable ({e}); skipping");
            return;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Signature is Valid"), "{text}");
    assert!(text.contains("Total document signed"), "{text}");
    assert!(text.contains("ETSI.CAdES.detached"), "{text}");
    // And a byte changed: pdfsig says so too.
    let mut edited = pdf.clone();
    let at = edited.len() - 200;
    edited[at] ^= 1;
    std::fs::write(&file, &edited).unwrap();
    let out = std::process::Command::new("pdfsig")
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("Signature is Valid"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// pyHanko (`test-vectors/pades_interop.py`): it validates our signature, and a signature
/// it adds as an incremental update verifies here, ours then covering an earlier
/// revision. Skipped with a notice when pyHanko is not installed (CI installs it).
#[test]
fn pyhanko_both_ways() {
    let Some(pdf) = issued("legal_sign") else {
        return;
    };
    if !has_pyhanko() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("qoltanba-pyhanko-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pem = |name: &str| pem_file(&dir, name);
    let (root, ca, legal) = (pem("root.cer"), pem("nca_rsa.cer"), pem("legal_sign.cer"));
    let ours = dir.join("ours.pdf");
    std::fs::write(&ours, &pdf).unwrap();
    let o = pyhanko(&[
        "verify".as_ref(),
        ours.as_os_str(),
        root.as_os_str(),
        ca.as_os_str(),
    ])
    .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.contains("coverage=ENTIRE_FILE"), "{text}");

    let theirs = dir.join("theirs.pdf");
    let key = pki("legal_sign.key.pem");
    let o = pyhanko(&[
        "sign".as_ref(),
        ours.as_os_str(),
        theirs.as_os_str(),
        key.as_os_str(),
        legal.as_os_str(),
        ca.as_os_str(),
    ])
    .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let two = std::fs::read(&theirs).unwrap();
    let v = verify(&two);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let [first, second] = v.signatures() else {
        panic!("two signatures")
    };
    assert!(!first.covers_whole_file() && second.covers_whole_file());
    assert_eq!(second.sub_filter(), pades::PADES_SUBFILTER);
    // Bytes after pyHanko's signature: no signature covers them.
    let mut appended = two.clone();
    appended.extend_from_slice(b"\n% appended\n");
    assert_eq!(verify(&appended).overall(), Overall::Invalid);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A GOST 2015/512 PAdES signature with a real NCA test key (`gost2015/head_valid.p12`, a
/// legal entity's head: output documents are the provider's), verified through the NCA's
/// GOST test chain; a changed byte fails it.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn a_gost_pades_signature_with_an_nca_key() {
    let Some(nca) = common::shared("nca-test-pki") else {
        return;
    };
    let Ok(font) = Font::bundled() else {
        eprintln!("NOTICE: no font; skipping");
        return;
    };
    let bundle = open_pkcs12(
        &std::fs::read(nca.join("gost2015/head_valid.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap();
    let profile = Profile::by_id("kokpekti-housing-queue").unwrap();
    let fields = Fields {
        favor_id: Some("GOST-1".into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let at = bundle.certificate.not_before() + chrono::Duration::days(30);
    let doc = OutputDocument::new(fields, profile, None, false, at.fixed_offset()).unwrap();
    let request = SignRequest::new(&bundle.certificate, at);
    let pdf = document::issue(&doc, &request, &bundle.key, EcLevel::M, &font)
        .unwrap()
        .pdf;
    let verifier = qoltanba::Verifier::builder()
        .trust_path(nca.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(nca.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(nca.join("gost2015/nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let options = VerifyOptions::at(at);
    let v = pades::verify(&pdf, &verifier, &options).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let mut edited = pdf.clone();
    let last = edited.len() - 100;
    edited[last] ^= 1;
    assert_eq!(
        pades::verify(&edited, &verifier, &options)
            .unwrap()
            .overall(),
        Overall::Invalid
    );
}

// ---------------------------------------------------------------------------------------
// Signing any PDF (`pades::sign`): an incremental update over PDFs this library made,
// PDFs of another producer (`test-vectors/generate_pdfs.py`: a classic xref table, a
// cross-reference stream with the catalog and the first page in an object stream) and
// PDFs already signed; judged here, by poppler's `pdfsig` and by pyHanko.
// ---------------------------------------------------------------------------------------

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pdf")
            .join(name),
    )
    .unwrap()
}

/// The key of `test-vectors/pki/<name>.p12` (password `Qwerty12`).
fn p12(name: &str) -> qoltanba::keys::KeyBundle {
    open_pkcs12(
        &std::fs::read(pki(&format!("{name}.p12"))).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
}

/// `pdf` signed by `key` at the verification time, with every claim written.
fn sign_any(pdf: &[u8], key: &qoltanba::keys::KeyBundle) -> Vec<u8> {
    let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"))
        .with_chain(&key.chain);
    let options = pades::PdfSignOptions::new()
        .reason("Келісемін (согласен)")
        .location("Astana")
        .contact_info("info@example.kz (desk) \\ 1");
    let signed = pades::sign(pdf, &request, &key.key, &options).unwrap();
    // An incremental update: the original's bytes untouched.
    assert!(signed.starts_with(pdf));
    signed
}

/// Every signature valid, the last over the whole file; `n` of them.
fn all_valid(pdf: &[u8], n: usize) {
    let v = verify(pdf);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert_eq!(v.signatures().len(), n);
    let last = v.signatures().last().unwrap();
    assert!(last.covers_whole_file());
    assert!(v.signatures()[..n - 1]
        .iter()
        .all(|s| !s.covers_whole_file() && s.overall() == Overall::Valid));
}

/// The PDFs to sign: ours (when the font is there), and the two of another producer.
fn unsigned_pdfs() -> Vec<(&'static str, Vec<u8>)> {
    let mut pdfs = vec![
        ("classic", fixture("classic.pdf")),
        ("xref-stream", fixture("xref-stream.pdf")),
    ];
    if let Some(ours) = issued("legal_sign") {
        pdfs.push(("ours (signed)", ours));
    }
    pdfs
}

#[test]
fn any_pdf_is_signed_by_an_incremental_update_and_verifies() {
    let (first, second) = (p12("individual_sign"), p12("legal_sign"));
    for (what, pdf) in unsigned_pdfs() {
        let before = if what.starts_with("ours") { 1 } else { 0 };
        let once = sign_any(&pdf, &first);
        all_valid(&once, before + 1);
        // Signed again: the earlier signature now covers an earlier revision.
        let twice = sign_any(&once, &second);
        all_valid(&twice, before + 2);
        // The update's cross-reference section is of the original's kind.
        let tail = String::from_utf8_lossy(&twice[once.len()..]);
        if what == "xref-stream" {
            assert!(
                tail.contains("/Type /XRef") && !tail.contains("\nxref\n"),
                "{what}"
            );
        } else {
            assert!(
                tail.contains("\nxref\n") && tail.contains("/Prev "),
                "{what}"
            );
        }
        // The claims as written: ASCII as is (hex), the Kazakh one UTF-16BE.
        assert!(tail.contains("/Reason <FEFF"), "{what}");
        assert!(tail.contains("/Location <417374616E61>"), "{what}");
        // A byte of the last revision changed: invalid.
        let mut edited = twice.clone();
        let at = edited.len() - 30;
        edited[at] ^= 1;
        assert_ne!(verify(&edited).overall(), Overall::Valid, "{what}");
    }
}

/// pdfsig's verdict on each signature of `pdf`, or `None` when pdfsig is absent.
fn pdfsig(pdf: &[u8], name: &str) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("qoltanba-pdfsig-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let out = match std::process::Command::new("pdfsig").arg(&file).output() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("NOTICE: pdfsig (poppler-utils) not runnable ({e}); skipping");
            return None;
        }
    };
    let _ = std::fs::remove_file(&file);
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn poppler_pdfsig_reports_every_signature_of_an_updated_pdf_valid() {
    let (first, second) = (p12("individual_sign"), p12("legal_sign"));
    for (what, pdf) in unsigned_pdfs() {
        let twice = sign_any(&sign_any(&pdf, &first), &second);
        let Some(text) = pdfsig(&twice, "twice") else {
            return;
        };
        let n = if what.starts_with("ours") { 3 } else { 2 };
        assert_eq!(
            text.matches("Signature is Valid").count(),
            n,
            "{what}: {text}"
        );
        // The last covers the whole file; the earlier ones do not.
        assert_eq!(
            text.matches("Total document signed").count(),
            1,
            "{what}: {text}"
        );
        assert!(text.contains("ETSI.CAdES.detached"), "{what}: {text}");
    }
}

/// Is pyHanko installed? (Under CI=true it must be.)
fn has_pyhanko() -> bool {
    let has = std::process::Command::new("python3")
        .args(["-c", "import pyhanko.sign"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and pyHanko is not installed"
        );
        eprintln!("NOTICE: pyHanko is not installed; skipping");
    }
    has
}

/// `test-vectors/pades_interop.py` with `args`, or `None` when pyHanko is absent.
fn pyhanko(args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    if !has_pyhanko() {
        return None;
    }
    Some(
        std::process::Command::new("python3")
            .arg(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("test-vectors/pades_interop.py"),
            )
            .args(args)
            .output()
            .unwrap(),
    )
}

/// `name` as a PEM certificate file in `dir`.
fn pem_file(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let cert = Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap();
    let path = dir.join(format!("{name}.pem"));
    std::fs::write(
        &path,
        pem::encode(&pem::Pem::new("CERTIFICATE", cert.der().to_vec())),
    )
    .unwrap();
    path
}

#[test]
fn pyhanko_validates_our_update_and_we_sign_after_it() {
    let dir = std::env::temp_dir().join(format!("qoltanba-pyhanko-any-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (root, ca) = (pem_file(&dir, "root.cer"), pem_file(&dir, "nca_rsa.cer"));
    let legal = pem_file(&dir, "legal_sign.cer");
    let first = p12("individual_sign");
    for (what, pdf) in unsigned_pdfs() {
        // Ours over the producer's file: pyHanko validates every signature.
        let ours = dir.join("ours.pdf");
        std::fs::write(&ours, sign_any(&pdf, &first)).unwrap();
        let Some(o) = pyhanko(&[
            "verify".as_ref(),
            ours.as_os_str(),
            root.as_os_str(),
            ca.as_os_str(),
        ]) else {
            return;
        };
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{what}: {text}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            text.trim_end().ends_with("coverage=ENTIRE_FILE"),
            "{what}: {text}"
        );
        // pyHanko signs the producer's file first, then we sign after it.
        let theirs = dir.join("theirs.pdf");
        let key = pki("legal_sign.key.pem");
        std::fs::write(dir.join("in.pdf"), &pdf).unwrap();
        let o = pyhanko(&[
            "sign".as_ref(),
            dir.join("in.pdf").as_os_str(),
            theirs.as_os_str(),
            key.as_os_str(),
            legal.as_os_str(),
            ca.as_os_str(),
        ])
        .unwrap();
        assert!(
            o.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let signed_by_them = std::fs::read(&theirs).unwrap();
        let n = if what.starts_with("ours") { 2 } else { 1 };
        all_valid(&signed_by_them, n);
        let both = sign_any(&signed_by_them, &first);
        all_valid(&both, n + 1);
        let last = dir.join("both.pdf");
        std::fs::write(&last, &both).unwrap();
        let o = pyhanko(&[
            "verify".as_ref(),
            last.as_os_str(),
            root.as_os_str(),
            ca.as_os_str(),
        ])
        .unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{what}: {text}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(text.lines().count(), n + 1, "{what}: {text}");
        if let Some(text) = pdfsig(&both, "both") {
            assert_eq!(
                text.matches("Signature is Valid").count(),
                n + 1,
                "{what}: {text}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A GOST 2015 signature with a real NCA test key (`gost2015-2025/individual_valid.p12`)
/// over PDFs of another producer; then an RSA one after it.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn any_pdf_is_signed_with_a_gost_nca_key() {
    let Some(nca) = common::shared("nca-test-pki") else {
        return;
    };
    let bundle = open_pkcs12(
        &std::fs::read(nca.join("gost2015-2025/individual_valid.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap();
    // Valid then, proven by the later CRL #166 (MANIFEST.md).
    let at = common::time("2026-03-01T00:00:00Z");
    let verifier = qoltanba::Verifier::builder()
        .trust_path(nca.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(nca.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(nca.join("gost2015/nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let options = VerifyOptions::at(at);
    for name in ["classic.pdf", "xref-stream.pdf"] {
        let pdf = fixture(name);
        let request = SignRequest::new(&bundle.certificate, at).with_chain(&bundle.chain);
        let signed =
            pades::sign(&pdf, &request, &bundle.key, &pades::PdfSignOptions::new()).unwrap();
        assert!(signed.starts_with(&pdf));
        let v = pades::verify(&signed, &verifier, &options).unwrap();
        assert_eq!(v.overall(), Overall::Valid, "{name}: {:#?}", v.checks());
        let sig = &v.signatures()[0];
        assert!(sig.covers_whole_file());
        // pdfsig (NSS) knows no GOST: it reads the structure, the whole file covered.
        if let Some(text) = pdfsig(&signed, "gost") {
            assert!(text.contains("Total document signed"), "{name}: {text}");
            eprintln!("pdfsig on the GOST signature of {name}:\n{text}");
        }
        let mut edited = signed.clone();
        let last = edited.len() - 40;
        edited[last] ^= 1;
        assert_eq!(
            pades::verify(&edited, &verifier, &options)
                .unwrap()
                .overall(),
            Overall::Invalid
        );
    }
}

#[test]
fn hostile_or_unsupported_pdfs_are_errors_never_panics() {
    let key = p12("individual_sign");
    let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"));
    let sign = |pdf: &[u8]| pades::sign(pdf, &request, &key.key, &pades::PdfSignOptions::new());
    let classic = fixture("classic.pdf");
    let text = String::from_utf8_lossy(&classic).into_owned();
    let startxref: usize = text[text.rfind("startxref").unwrap() + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Truncated at every 50th byte: never a panic, and no signature over a cut file.
    for cut in (0..classic.len()).step_by(50) {
        assert!(sign(&classic[..cut]).is_err(), "cut at {cut}");
    }
    // No startxref.
    assert!(sign(text.replace("startxref", "startxreF").as_bytes()).is_err());
    // startxref pointing elsewhere.
    let elsewhere = text.replace(
        &format!("startxref\n{startxref}"),
        &format!("startxref\n{}", startxref - 7),
    );
    assert!(sign(elsewhere.as_bytes()).is_err());
    // The xref entries shifted: each object is not where its entry says.
    let shifted = {
        let xref = &text[startxref..];
        let moved: String = xref
            .lines()
            .map(|l| match l.trim_end().strip_suffix(" 00000 n") {
                Some(o) if o.len() == 10 => {
                    format!("{:010} 00000 n", o.parse::<usize>().unwrap() + 3)
                }
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        format!("{}{}", &text[..startxref], moved)
    };
    assert!(sign(shifted.as_bytes()).is_err());
    // A /Prev loop: an update whose /Prev names itself.
    let mut looped = classic.clone();
    let at = looped.len();
    looped.extend_from_slice(
        format!(
            "xref\n0 0\ntrailer\n<< /Size 9 /Root 1 0 R /Prev {at} >>\nstartxref\n{at}\n%%EOF\n"
        )
        .as_bytes(),
    );
    let e = sign(&looped).unwrap_err();
    assert!(e.to_string().contains("loop"), "{e}");
    // Encrypted: refused as unsupported.
    assert!(matches!(
        sign(&fixture("encrypted.pdf")),
        Err(qoltanba::Error::Unsupported(_))
    ));
    // A huge /Size.
    let huge = text.replace("/Size ", "/Size 99999999999 /Old ");
    assert!(sign(huge.as_bytes()).is_err());
    // A catalog nested beyond any reason.
    let deep = format!(
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages {}1{} >>\nendobj\nxref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
        "[".repeat(100_000),
        "]".repeat(100_000),
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages ".len() + 200_000 + 1 + " >>\nendobj\n".len()
    );
    assert!(sign(deep.as_bytes()).is_err());
    // Not a PDF at all, and an empty one.
    assert!(sign(b"plain text").is_err());
    assert!(sign(b"").is_err());
    // A claim larger than its bound.
    let long = pades::PdfSignOptions::new().reason("x".repeat(pades::MAX_TEXT_LEN + 1));
    assert!(pades::sign(&classic, &request, &key.key, &long).is_err());
}

/// The signer stops where the verifier stops: a PDF signed again and again verifies with
/// every signature judged up to `pades::limits::MAX_SIGNATURES`, and a signature more is
/// refused (it would be left unjudged, the file's verdict indeterminate).
#[test]
fn the_signer_refuses_a_signature_the_verifier_would_not_judge() {
    let key = p12("individual_sign");
    let mut pdf = fixture("classic.pdf");
    for n in 1..=pades::limits::MAX_SIGNATURES + 1 {
        let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"))
            .with_chain(&key.chain);
        match pades::sign(&pdf, &request, &key.key, &pades::PdfSignOptions::new()) {
            Ok(signed) => pdf = signed,
            Err(e) => {
                assert_eq!(n, pades::limits::MAX_SIGNATURES + 1, "refused at {n}: {e}");
                assert!(e.to_string().contains("signatures"), "{e}");
                all_valid(&pdf, n - 1);
                return;
            }
        }
    }
    panic!("signed {} times", pades::limits::MAX_SIGNATURES + 1);
}
