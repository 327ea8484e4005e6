//! issue 13 §3: the output document's PDF signed (PAdES B-B) with the provider's key, and
//! PDF signatures verified: the ranges around exactly the `/Contents` hex string, the CMS
//! over them judged by the certificate condition, the whole file covered. Interop: poppler's
//! `pdfsig` reports our signature valid (skipped with a notice when it is absent).

mod common;

use chrono::{DateTime, FixedOffset};
use qoltanba::barcode::EcLevel;
use qoltanba::cms::{SignRequest, VerifyOptions};
use qoltanba::document::{self, Field, Fields, Font, OutputDocument};
use qoltanba::keys::{open_pkcs12, SigningKey};
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
    let Some(pdf) = issued("individual_sign") else {
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
    let Some(pdf) = issued("individual_sign") else {
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
    // The test PKI's revoked signer signs; the PDF is intact but the signer is not valid.
    let Some(pdf) = issued("revoked") else { return };
    let v = verify(&pdf);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert!(failed(&v, CheckName::Revocation));
    // Without a CRL the status is unknown: indeterminate, never valid.
    let Some(pdf) = issued("individual_sign") else {
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
    let Some(pdf) = issued("individual_sign") else {
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
    let Some(pdf) = issued("individual_sign") else {
        return;
    };
    let python = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new("python3")
            .arg(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("test-vectors/pades_interop.py"),
            )
            .args(args)
            .output()
    };
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
        return;
    }
    let dir = std::env::temp_dir().join(format!("qoltanba-pyhanko-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pem = |name: &str| {
        use base64::Engine as _;
        let der = std::fs::read(pki(name)).unwrap();
        let cert = Certificate::from_input(&der).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(cert.der());
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let path = dir.join(format!("{name}.pem"));
        std::fs::write(
            &path,
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                lines.join("\n")
            ),
        )
        .unwrap();
        path
    };
    let (root, ca, legal) = (pem("root.cer"), pem("nca_rsa.cer"), pem("legal_sign.cer"));
    let ours = dir.join("ours.pdf");
    std::fs::write(&ours, &pdf).unwrap();
    let o = python(&[
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
    let o = python(&[
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

/// A GOST 2015/512 PAdES signature with a real NCA test key (`gost2015/individual_valid.p12`),
/// verified through the NCA's GOST test chain; a changed byte fails it.
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
        &std::fs::read(nca.join("gost2015/individual_valid.p12")).unwrap(),
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
