//! One regulation end to end (issue 13): Kokpekti district's "Issue of a certificate to
//! unemployed citizens" (akimat resolution of 2012-12-24 No. 417).
//!
//! ```sh
//! cargo run --example regulation_flow --features pdf
//! ```
//!
//! 1. The applicant fills the decree's request form (appendix 3) and signs it on the
//!    portal (the project's test PKI stands in for NCALayer).
//! 2. The provider's backend judges the signed request under the regulation's profile:
//!    condition 2 (validity, revocation, the IIN of the request against the certificate's).
//!    The IIN compared is the one the signed request carries.
//! 3. The provider issues the decree's certificate (ЖҰМЫССЫЗДЫҚ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ
//!    АНЫҚТАМА) from its form, signed by its authorised person: the codes carry the signed
//!    document, the PDF is itself signed (PAdES).
//! 4. Whoever receives the PDF verifies its signature, and the codes it carries (here read
//!    from the barcode set as issued; `tests/regulations.rs` reads them back from the
//!    rasterised pages).
//!
//! Judged at 2026-11-23T00:00:00Z, when the test certificates are valid; a real backend
//! passes `chrono::Utc::now()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use qoltanba::barcode::{Assembler, EcLevel};
use qoltanba::cms::{sign, SignRequest, SignedData, VerifyOptions};
use qoltanba::document::{self, Fields, Font, OutputDocument};
use qoltanba::keys::{open_pkcs12, SigningKey};
use qoltanba::profiles::{
    check_signed_request, Profile, RequestDocument, RequestIdentity, SignedRequest,
};
use qoltanba::{pades, Certificate, Expectation, Judged as _, Verifier};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn main() -> Res<()> {
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")?.to_utc();
    let profile = Profile::by_id("kokpekti-unemployment-certificate").ok_or("no profile")?;
    let verifier = Verifier::builder()
        .trust_path(pki("root.cer"))?
        .intermediate_path(pki("nca_rsa.cer"))?
        .crl_path(pki("nca_rsa_current.crl"))?
        .build();

    // 1. The request on the decree's form, signed by the applicant.
    let request = RequestDocument::new(&profile.id)
        .with("iin", "123456789011")
        .with("full_name", "Сейтқали Аружан Болатқызы")
        .with("address", "Көкпекті ауылы, Абай көшесі 12")
        .with("phone", "+7 723 402 00 00")
        .with("period_from", "2026-01-10")
        .with("period_to", "2026-11-20");
    let applicant = Certificate::from_input(&std::fs::read(pki("individual_sign.cer"))?)?;
    let key = SigningKey::from_pkcs8(&std::fs::read(pki("individual_sign.key.pem"))?, None)?;
    let cms = sign(
        &request.to_xml()?,
        &SignRequest::new(&applicant, at - chrono::Duration::hours(1)),
        &key,
    )?;

    // 2. The backend: condition 2, the IIN read from the signed request.
    let signed = SignedData::from_input(&cms)?;
    let verdict = check_signed_request(
        profile,
        SignedRequest::Cms {
            signed: &signed,
            content: None,
        },
        &RequestIdentity::unnamed(),
        &verifier,
        at,
    )?;
    println!("request: {:?}", verdict.overall());
    for c in verdict.compared() {
        println!(
            "  compared the request's {} ({}) = {}",
            c.field(),
            c.label(),
            c.value()
        );
    }
    if let Some(r) = verdict.refusal() {
        println!("  refused: {}", r.kk());
        return Ok(());
    }
    let request = verdict.verified_request().ok_or("no verified request")?;

    // 3. The certificate, from the decree's form: the blanks the request does not fill are
    //    the provider's.
    let values: BTreeMap<String, String> = [
        ("registered_period", "2026-01-10 — 2026-11-20"),
        ("public_works", "жоқ / нет"),
        ("training", "жоқ / нет"),
        ("assistance_granted", "жоқ / нет"),
        ("presented_to", "банкке / в банк"),
        ("application_date", "2026-11-20"),
        ("signatory_1", "Ахметов А. А."),
        ("signatory_2", "Бекова Б. Б."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let fields = Fields::from_form(&profile.output_forms[0], Some(request), &values, false)?;
    let issued_at = DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00")?;
    let doc = OutputDocument::new(fields, profile, Some("KOK-2026-000417"), false, issued_at)?;
    let provider = open_pkcs12(&std::fs::read(pki("legal_sign.p12"))?, b"Qwerty12")?;
    let ca = [Certificate::from_input(&std::fs::read(pki(
        "nca_rsa.cer",
    ))?)?];
    let sign_request = SignRequest::new(&provider.certificate, issued_at.to_utc()).with_chain(&ca);
    let issued = document::issue(
        &doc,
        &sign_request,
        &provider.key,
        EcLevel::M,
        &Font::bundled()?,
    )?;
    let pdf = std::env::temp_dir().join("qoltanba-regulation-flow.pdf");
    std::fs::write(&pdf, &issued.pdf)?;
    println!(
        "certificate: {} code(s), PDF {} ({} bytes)",
        issued.set.len(),
        pdf.display(),
        issued.pdf.len()
    );

    // 4. The receiver: the PDF's signature, and the codes.
    let options = VerifyOptions::at(at);
    let pdf_verdict = pades::verify(&issued.pdf, &verifier, &options)?;
    println!("PDF signature: {:?}", pdf_verdict.overall());
    let mut codes = Assembler::new();
    for (i, text) in issued.set.xml().iter().enumerate() {
        codes.add_text(text.as_bytes(), format!("code {i}"))?;
    }
    // The codes' signer must be the provider's official: its BIN (legal_sign's) named.
    let mut provider_expected = Expectation::at(at);
    provider_expected.bin = Some(qoltanba::identity::Bin::parse("123456789021")?);
    let codes_verdict = document::verify_codes(
        &codes.finish()?,
        &verifier,
        &VerifyOptions::new(provider_expected),
    )?;
    println!("codes: {:?}", codes_verdict.overall());
    let back = codes_verdict.output_document().ok_or("no document")?;
    assert_eq!(back.get(), &doc);
    for f in &back.get().fields {
        println!("  {}: {}", f.label, f.value);
    }
    Ok(())
}
