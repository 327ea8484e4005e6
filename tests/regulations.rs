//! issue 13 §4: every seed regulation end to end, one test each. A request on the decree's
//! form, signed by every channel the decree allows in its signing order, is accepted (its
//! IIN read from the request itself); a channel the decree does not provide, another
//! person's IIN, a revoked and an expired signer are refused with the decree's refusal; the
//! output document and the refusal are issued from the decree's forms, their PDF signature
//! verified, their codes rasterised from the PDF, read back and verified, the content equal
//! to what was issued. Akmola's targeted social assistance has no EDS step, explicitly.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use qoltanba::barcode::{self, Assembler, EcLevel};
use qoltanba::cms::{sign, SignRequest, SignedData, VerifyOptions};
use qoltanba::document::{self, Fields, Font, OutputDocument};
use qoltanba::identity::Bin;
use qoltanba::keys::{open_pkcs12, SigningKey};
use qoltanba::profiles::{
    check_signed_request, FieldKind, FieldValue, Profile, RequestDocument, RequestError,
    RequestIdentity, RequestVerdict, SignatureRole, SignedRequest, SignerRole,
};
use qoltanba::{pades, Certificate, Judged as _, Overall};

use common::pki;

const APPLICANT_IIN: &str = "123456789011";
const OTHER_IIN: &str = "900101300007";

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn issued_at() -> DateTime<FixedOffset> {
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

/// Who signs for each role in the test PKI (the centre's operator and the provider's
/// employee: test-vectors/pki/roles/, their organisations' BINs in roles/bins.txt).
fn signer_for(role: SignatureRole) -> &'static str {
    match role {
        SignatureRole::Applicant => "individual_sign",
        SignatureRole::ServiceCenterOperator => "roles/centre_operator",
        SignatureRole::ProviderEmployee => "roles/provider_employee",
    }
}

/// `content` signed by each of `signers` in turn (the first makes the CMS, the next add
/// theirs).
fn signed(content: &[u8], signers: &[&str]) -> SignedData {
    let time = common::time("2026-11-22T09:30:00Z");
    let mut out: Option<SignedData> = None;
    for who in signers {
        let c = cert(who);
        let req = SignRequest::new(&c, time);
        let der = match &out {
            None => sign(content, &req, &key(who)).unwrap(),
            Some(s) => s.add_signer(None, &req, &key(who)).unwrap(),
        };
        out = Some(SignedData::from_input(&der).unwrap());
    }
    out.unwrap()
}

/// The request on the profile's main form, every required field filled, naming `iin`
/// where the form has an IIN field.
fn request(p: &Profile, iin: &str) -> RequestDocument {
    let form = p.request_form.as_ref().unwrap();
    let mut doc = RequestDocument::new(&p.id);
    for f in &form.fields {
        let value: FieldValue = match f.kind {
            FieldKind::Iin => iin.into(),
            FieldKind::Bin => continue,
            _ if !f.required => continue,
            FieldKind::Date => "2026-11-20".into(),
            FieldKind::Year => "2026".into(),
            FieldKind::Integer => "2".into(),
            FieldKind::Phone => "+7 723 402 00 00".into(),
            FieldKind::TextList => vec!["жеке куәлік / удостоверение личности".to_string()].into(),
            _ => "Сейтқали Аружан".into(),
        };
        doc = doc.with(&f.name, value);
    }
    doc
}

fn channel(role: SignerRole) -> RequestIdentity {
    RequestIdentity::unnamed()
        .certified_by(role)
        .service_center(Bin::parse("160440000075").unwrap())
        .provider(Bin::parse("020240000041").unwrap())
}

fn judge(p: &Profile, content: &[u8], signers: &[&str], role: SignerRole) -> RequestVerdict {
    let s = signed(content, signers);
    check_signed_request(
        p,
        SignedRequest::Cms {
            signed: &s,
            content: None,
        },
        &channel(role),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap()
}

fn refused_in_the_decrees_words(p: &Profile, v: &RequestVerdict, what: &str) {
    assert_ne!(v.overall(), Overall::Valid, "{}: {what}", p.id);
    let r = v
        .refusal()
        .unwrap_or_else(|| panic!("{}: {what}: no refusal", p.id));
    assert!(
        r.kk().contains(&p.refusal.kk),
        "{}: {what}: {}",
        p.id,
        r.kk()
    );
}

fn tmp(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("regulation-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The PDF's pages at 300 dpi, greyscale (`None` without pdftoppm, with a notice).
fn rasterise(pdf: &[u8], dir: &Path) -> Option<Vec<PathBuf>> {
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let status = match std::process::Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-png"])
        .arg(&file)
        .arg(dir.join("page"))
        .status()
    {
        Ok(s) => s,
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true and pdftoppm is absent"
            );
            eprintln!("NOTICE: pdftoppm not runnable ({e}); skipping the scan");
            return None;
        }
    };
    assert!(status.success());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    Some(pages)
}

/// Issue `fields` as the profile's output document (or refusal), check the PDF's
/// signature, scan its codes back from the pages and verify them: the document handed
/// back is the one issued.
fn issue_and_read_back(p: &Profile, fields: Fields, refusal: bool, name: &str) {
    let doc = OutputDocument::new(fields, p, Some("E2E-0001"), refusal, issued_at()).unwrap();
    let provider =
        open_pkcs12(&std::fs::read(pki("legal_sign.p12")).unwrap(), b"Qwerty12").unwrap();
    let ca = [cert("nca_rsa")];
    let request = SignRequest::new(&provider.certificate, issued_at().to_utc()).with_chain(&ca);
    let font = Font::bundled().unwrap();
    let issued = document::issue(&doc, &request, &provider.key, EcLevel::M, &font).unwrap();
    let options = VerifyOptions::at(at());
    let verifier = common::rsa_verifier();
    let v = pades::verify(&issued.pdf, &verifier, &options).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{}: {:#?}", p.id, v.checks());

    let dir = tmp(&format!("{}-{name}", p.id));
    let Some(pages) = rasterise(&issued.pdf, &dir) else {
        return;
    };
    let mut a = Assembler::new();
    for page in &pages {
        let scan = barcode::scan_image(&std::fs::read(page).unwrap()).unwrap();
        assert!(
            scan.unreadable.is_empty(),
            "{}: {:?}",
            p.id,
            scan.unreadable
        );
        for (i, t) in scan.texts.iter().enumerate() {
            a.add_text(t, format!("{} #{i}", page.display())).unwrap();
        }
    }
    let codes = a.finish().unwrap();
    // The codes name the provider by its BIN (legal_sign's): an output document's signer
    // must be the provider's official (review 51).
    let mut provider_expected = qoltanba::Expectation::at(at());
    provider_expected.bin = Some(Bin::parse("123456789021").unwrap());
    let verdict =
        document::verify_codes(&codes, &verifier, &VerifyOptions::new(provider_expected)).unwrap();
    assert!(verdict.is_valid(), "{}: {:#?}", p.id, verdict.checks());
    assert_eq!(verdict.output_document().unwrap().get(), &doc, "{}", p.id);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A value for every blank of `form` the request does not fill, the signatories, the
/// reason of a refusal.
fn provider_values(
    form: &qoltanba::profiles::DocumentForm,
    request: &RequestDocument,
) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for blank in form.blanks() {
        if request.get(blank).is_none() {
            values.insert(blank.to_string(), format!("{blank}: мәні / значение"));
        }
    }
    for i in 1..=form.signatories.len() {
        values.insert(
            format!("signatory_{i}"),
            format!("Қол қоюшы {i} / Подписант {i}"),
        );
    }
    values
}

fn end_to_end(id: &str) {
    let p = Profile::by_id(id).unwrap();
    let content = request(p, APPLICANT_IIN).to_xml().unwrap();
    if !p.requires_eds() {
        // No EDS step: nothing to judge, said so, never "valid".
        let s = signed(&content, &["individual_sign"]);
        let e = check_signed_request(
            p,
            SignedRequest::Cms {
                signed: &s,
                content: None,
            },
            &channel(SignerRole::ApplicantPortal),
            &common::rsa_verifier(),
            at(),
        )
        .unwrap_err();
        assert!(matches!(e, RequestError::NotApplicable(_)), "{id}: {e}");
        return;
    }

    // Every channel the decree provides, its signatures in the decree's order.
    for rule in &p.channels {
        let signers: Vec<&str> = rule.signatures.iter().map(|r| signer_for(*r)).collect();
        let v = judge(p, &content, &signers, rule.certified_by);
        assert_eq!(
            v.overall(),
            Overall::Valid,
            "{id} through {:?}: {:#?}",
            rule.certified_by,
            v.checks()
        );
        if p.identity != qoltanba::profiles::IdentityRule::None {
            assert_eq!(v.compared()[0].value(), APPLICANT_IIN, "{id}");
        }
        // Signed in the other order where there are two: the decree's order is not
        // required by the CMS, but each signature must still prove its role.
        if signers.len() > 1 {
            let reversed: Vec<&str> = signers.iter().rev().copied().collect();
            assert_eq!(
                judge(p, &content, &reversed, rule.certified_by).overall(),
                Overall::Valid,
                "{id}"
            );
        }
    }
    // A channel the decree does not provide.
    for role in [
        SignerRole::ApplicantPortal,
        SignerRole::ServiceCenterOperator,
        SignerRole::ProviderEmployee,
    ] {
        if p.allows(role) {
            continue;
        }
        let own = match role {
            SignerRole::ApplicantPortal => SignatureRole::Applicant,
            SignerRole::ServiceCenterOperator => SignatureRole::ServiceCenterOperator,
            _ => SignatureRole::ProviderEmployee,
        };
        let v = judge(p, &content, &[signer_for(own)], role);
        refused_in_the_decrees_words(p, &v, &format!("channel {role:?}"));
    }
    // The first channel with a bad signer in the applicant's place (or the first place).
    let rule = &p.channels[0];
    let slot = rule
        .signatures
        .iter()
        .position(|r| *r == SignatureRole::Applicant)
        .unwrap_or(0);
    for bad in ["revoked", "expired"] {
        let mut signers: Vec<&str> = rule.signatures.iter().map(|r| signer_for(*r)).collect();
        signers[slot] = bad;
        let v = judge(p, &content, &signers, rule.certified_by);
        refused_in_the_decrees_words(p, &v, bad);
    }
    // Another person's IIN in the request, where the decree compares it.
    if p.identity != qoltanba::profiles::IdentityRule::None
        && rule.signatures.contains(&SignatureRole::Applicant)
    {
        let other = request(p, OTHER_IIN).to_xml().unwrap();
        let signers: Vec<&str> = rule.signatures.iter().map(|r| signer_for(*r)).collect();
        let v = judge(p, &other, &signers, rule.certified_by);
        refused_in_the_decrees_words(p, &v, "another IIN");
    }

    // The output document and the refusal, from the decree's forms.
    let req = request(p, APPLICANT_IIN);
    let form = &p.output_forms[0];
    let fields = Fields::from_form(form, Some(&req), &provider_values(form, &req), false).unwrap();
    issue_and_read_back(p, fields, false, "result");
    let form = p.refusal_form.as_ref().unwrap();
    let mut values = provider_values(form, &req);
    values.insert(
        "reason".into(),
        "ұсынылған құжаттар толық емес / представлен неполный пакет документов".into(),
    );
    let fields = Fields::from_form(form, Some(&req), &values, true).unwrap();
    issue_and_read_back(p, fields, true, "refusal");
}

macro_rules! regulation {
    ($($name:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $name() {
                end_to_end($id);
            }
        )*

        /// Every embedded profile has its test above.
        #[test]
        fn every_regulation_has_its_test() {
            let tested = [$($id),*];
            for p in Profile::all() {
                assert!(tested.contains(&p.id.as_str()), "{} has no end-to-end test", p.id);
            }
        }
    };
}

regulation! {
    vko_archive_certificate => "vko-archive-certificate",
    astana_archive_certificate => "astana-archive-certificate",
    mangystau_foreign_media_registration => "mangystau-foreign-media-registration",
    kokpekti_unemployment_certificate => "kokpekti-unemployment-certificate",
    kokpekti_home_schooling_support => "kokpekti-home-schooling-support",
    kokpekti_preschool_queue => "kokpekti-preschool-queue",
    kokpekti_guardianship_certificate => "kokpekti-guardianship-certificate",
    kokpekti_minors_property_transactions => "kokpekti-minors-property-transactions",
    kokpekti_minors_deposits_vehicle_inheritance => "kokpekti-minors-deposits-vehicle-inheritance",
    kokpekti_housing_queue => "kokpekti-housing-queue",
    akmola_targeted_social_assistance => "akmola-targeted-social-assistance",
    akmola_home_schooling_support => "akmola-home-schooling-support",
    akmola_unemployment_certificate => "akmola-unemployment-certificate",
}
