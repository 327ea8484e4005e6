//! issue 13 §2: requests as the regulations define them. The IIN/BIN the condition
//! compares is read from the signed request itself (`check_signed_request`), CMS- or
//! XML-signed, against the service's form; a request that is not the form, carries no
//! IIN or two, or whose IIN sits outside what the signatures cover, is refused.

mod common;

use chrono::{DateTime, Utc};
use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::identity::Iin;
use qoltanba::keys::SigningKey;
use qoltanba::profiles::{
    check_signed_request, Profile, RequestDocument, RequestIdentity, RequestVerdict, SignedRequest,
    REQUEST_NAMESPACE,
};
use qoltanba::xmldsig::{self, XmlSignOptions};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall, ReasonKind};

use common::pki;
use common::requests::{filled, profile};

const IIN_ONLY: &str = "kokpekti-unemployment-certificate";
const IIN_OR_BIN: &str = "vko-archive-certificate";
/// The IIN of `individual_sign` (and `legal_sign`); `legal_sign`'s BIN.
const APPLICANT_IIN: &str = "123456789011";
const APPLICANT_BIN: &str = "123456789021";
/// `individual_sign_valid_iin`: someone else.
const OTHER_IIN: &str = "900101300007";

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
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

/// A request for `id` naming `iin`.
fn request(id: &str, iin: &str) -> RequestDocument {
    filled(id).with("iin", iin)
}

fn cms(who: &str, content: &[u8]) -> SignedData {
    let c = cert(who);
    let req = SignRequest::new(&c, common::time("2026-11-22T09:30:00Z"));
    SignedData::from_input(&sign(content, &req, &key(who)).unwrap()).unwrap()
}

fn xml_signed(who: &str, xml: &[u8]) -> Vec<u8> {
    xmldsig::sign(xml, &cert(who), &key(who)).unwrap()
}

fn judge(id: &str, signed: SignedRequest<'_>) -> RequestVerdict {
    check_signed_request(
        profile(id),
        signed,
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap()
}

fn judge_cms(id: &str, who: &str, content: &[u8]) -> RequestVerdict {
    let signed = cms(who, content);
    judge(
        id,
        SignedRequest::Cms {
            signed: &signed,
            content: None,
        },
    )
}

fn form_check(v: &RequestVerdict) -> Vec<(Outcome, ReasonKind, String)> {
    v.checks()
        .iter()
        .filter(|c| c.name() == CheckName::RequestForm)
        .map(|c| (c.outcome(), c.kind(), c.reason().to_string()))
        .collect()
}

#[test]
fn every_profile_takes_its_identity_from_a_cms_signed_request() {
    for p in Profile::all().iter().filter(|p| p.requires_eds()) {
        let form = p.request_form.as_ref().unwrap();
        let mut doc = filled(&p.id);
        if form.field("iin").is_some() {
            doc = doc.with("iin", APPLICANT_IIN);
        }
        // The Akmola unemployment certificate is certified at the centre, where the
        // portal channel does not exist: judged through its own channel elsewhere.
        if !p.allows(qoltanba::profiles::SignerRole::ApplicantPortal) {
            continue;
        }
        for content in [doc.to_xml().unwrap(), doc.to_json().into_bytes()] {
            let v = judge_cms(&p.id, "individual_sign", &content);
            assert_eq!(v.overall(), Overall::Valid, "{}: {:#?}", p.id, v.checks());
            let compared: Vec<&str> = v.compared().iter().map(|c| c.field()).collect();
            if p.identity == qoltanba::profiles::IdentityRule::None {
                assert!(compared.is_empty(), "{}", p.id);
            } else {
                assert_eq!(compared, ["iin"], "{}", p.id);
                assert_eq!(v.compared()[0].value(), APPLICANT_IIN);
            }
            let read = v.verified_request().unwrap();
            let expected = form.field("iin").map(|_| APPLICANT_IIN);
            assert_eq!(read.iin().map(|i| i.to_string()).as_deref(), expected);
            assert_eq!(v.verified_content().unwrap().as_bytes(), &content[..]);
        }
    }
}

#[test]
fn the_request_iin_decides_the_identity_match() {
    // Someone else's IIN in the form, signed by the applicant: refused, with the decree's
    // refusal.
    let v = judge_cms(
        IIN_ONLY,
        "individual_sign",
        &request(IIN_ONLY, OTHER_IIN).to_xml().unwrap(),
    );
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(v
        .checks()
        .iter()
        .any(|c| c.name() == CheckName::IinMatch && c.outcome() == Outcome::Failed));
    assert!(v.refusal().unwrap().kk().contains("бас тарту"));
    assert!(v.verified_request().is_none() && v.verified_content().is_none());
    // A legal entity's request names its BIN.
    let bin = filled(IIN_OR_BIN).with("bin", APPLICANT_BIN);
    let v = judge_cms(IIN_OR_BIN, "legal_sign", &bin.to_json().into_bytes());
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert_eq!(v.compared()[0].field(), "bin");
}

#[test]
fn a_request_without_its_iin_or_with_two_is_refused() {
    let ok = request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap();
    let text = String::from_utf8(ok.clone()).unwrap();
    let no_iin = text.replace(&format!("<iin>{APPLICANT_IIN}</iin>\n"), "");
    let two = text.replace("</request>", &format!("<iin>{OTHER_IIN}</iin>\n</request>"));
    // JSON: the applicant's IIN last, where a lenient reader would keep it.
    let json_two = filled(IIN_ONLY)
        .with("iin", OTHER_IIN)
        .to_json()
        .replace("}\n", &format!(", \"iin\": \"{APPLICANT_IIN}\"}}"));
    let other_service = text.replace(IIN_ONLY, "kokpekti-housing-queue");
    let free_text = "Өтініш: прошу выдать справку. ИИН 123456789011".to_string();
    for (what, content, kind) in [
        ("no iin", no_iin, ReasonKind::Missing),
        ("two iins", two, ReasonKind::NotPermitted),
        ("two iins (JSON)", json_two, ReasonKind::NotPermitted),
        ("another service", other_service, ReasonKind::NotPermitted),
        ("free text", free_text, ReasonKind::Malformed),
    ] {
        let v = judge_cms(IIN_ONLY, "individual_sign", content.as_bytes());
        assert_eq!(v.overall(), Overall::Invalid, "{what}");
        let form = form_check(&v);
        assert_eq!(form.len(), 1, "{what}: {form:?}");
        assert_eq!(
            (form[0].0, form[0].1),
            (Outcome::Failed, kind),
            "{what}: {form:?}"
        );
        assert!(
            !form[0].2.contains(OTHER_IIN),
            "{what}: a value is not quoted"
        );
        assert!(v.refusal().is_some(), "{what}");
    }
    assert_eq!(
        judge_cms(IIN_ONLY, "individual_sign", &ok).overall(),
        Overall::Valid
    );
}

#[test]
fn a_stated_iin_must_be_the_requests() {
    let signed = cms(
        "individual_sign",
        &request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap(),
    );
    let run = |iin: &str| {
        check_signed_request(
            profile(IIN_ONLY),
            SignedRequest::Cms {
                signed: &signed,
                content: None,
            },
            &RequestIdentity::individual(Iin::parse(iin).unwrap()),
            &common::rsa_verifier(),
            at(),
        )
        .unwrap()
    };
    assert_eq!(run(APPLICANT_IIN).overall(), Overall::Valid);
    let v = run(OTHER_IIN);
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(form_check(&v)
        .iter()
        .any(|(o, k, _)| *o == Outcome::Failed && *k == ReasonKind::Mismatch));
}

#[test]
fn a_detached_request_without_its_content_proves_nothing() {
    let content = request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap();
    let c = cert("individual_sign");
    let req = SignRequest::new(&c, common::time("2026-11-22T09:30:00Z")).detached(true);
    let der = sign(&content, &req, &key("individual_sign")).unwrap();
    let signed = SignedData::from_input(&der).unwrap();
    let without = judge(
        IIN_ONLY,
        SignedRequest::Cms {
            signed: &signed,
            content: None,
        },
    );
    assert_ne!(without.overall(), Overall::Valid);
    let with = judge(
        IIN_ONLY,
        SignedRequest::Cms {
            signed: &signed,
            content: Some(&content),
        },
    );
    assert_eq!(with.overall(), Overall::Valid, "{:#?}", with.checks());
}

#[test]
fn an_xml_request_signed_enveloped_carries_its_own_identity() {
    let xml = xml_signed(
        "individual_sign",
        &request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap(),
    );
    let v = judge(IIN_ONLY, SignedRequest::Xml(&xml));
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert_eq!(v.compared()[0].value(), APPLICANT_IIN);
    assert_eq!(v.content_type(), "application/xml");
    assert!(v.signers()[0].signer().xml().is_some());
    // What is handed out is what the signature covers: the request less its signature.
    let out = v.verified_content().unwrap().as_bytes();
    assert!(!String::from_utf8_lossy(out).contains("Signature"));
    let again = RequestDocument::read(profile(IIN_ONLY), out).unwrap();
    assert_eq!(again.iin().unwrap().as_str(), APPLICANT_IIN);

    // The IIN changed after signing: the Reference fails.
    let text = String::from_utf8(xml.clone()).unwrap();
    let edited = text.replace(APPLICANT_IIN, OTHER_IIN);
    let v = judge(IIN_ONLY, SignedRequest::Xml(edited.as_bytes()));
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(v.verified_request().is_none());

    // Someone else's signature on the applicant's request.
    let stranger = xml_signed(
        "individual_sign_valid_iin",
        &request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap(),
    );
    let v = judge(IIN_ONLY, SignedRequest::Xml(&stranger));
    assert_eq!(v.overall(), Overall::Invalid);

    // No signature at all.
    let bare = request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap();
    assert_eq!(
        judge(IIN_ONLY, SignedRequest::Xml(&bare)).overall(),
        Overall::Invalid
    );

    // Not XML: an error, not a verdict.
    assert!(check_signed_request(
        profile(IIN_ONLY),
        SignedRequest::Xml(b"<request"),
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at(),
    )
    .is_err());
}

#[test]
fn an_xml_signature_over_part_of_the_request_does_not_vouch_for_its_iin() {
    // The signer signs one element by Id; the IIN outside it is someone else's choice.
    let xml = format!(
        "<request xmlns=\"{REQUEST_NAMESPACE}\" schema=\"1\" profile=\"{IIN_ONLY}\"><iin>{APPLICANT_IIN}</iin><full_name Id=\"n\">A</full_name><address>K</address><phone>87010000000</phone><period_from>2026-01-01</period_from><period_to>2026-02-01</period_to></request>"
    );
    let signed = xmldsig::sign_with(
        xml.as_bytes(),
        &cert("individual_sign"),
        &key("individual_sign"),
        &XmlSignOptions::new().reference_id("n"),
    )
    .unwrap();
    let v = judge(IIN_ONLY, SignedRequest::Xml(&signed));
    assert_eq!(v.overall(), Overall::Invalid);
    assert!(v
        .checks()
        .iter()
        .any(|c| c.name() == CheckName::Content && c.outcome() == Outcome::Failed));
    // A second signature, whole, by someone else does not make the first one whole.
    let both = xml_signed("individual_sign_valid_iin", &signed);
    assert_eq!(
        judge(IIN_ONLY, SignedRequest::Xml(&both)).overall(),
        Overall::Invalid
    );
}

#[test]
fn an_xml_request_may_not_hide_fields_in_a_fake_signature() {
    // A ds:Signature-looking element in another namespace with an IIN inside: not skipped.
    let doc = request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap();
    let text = String::from_utf8(doc).unwrap().replace(
        "</request>",
        &format!("<Signature xmlns=\"urn:not-dsig\"><iin>{OTHER_IIN}</iin></Signature></request>"),
    );
    let signed = xml_signed("individual_sign", text.as_bytes());
    let v = judge(IIN_ONLY, SignedRequest::Xml(&signed));
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(form_check(&v)[0].0, Outcome::Failed);
}

/// `qoltanba verify REQUEST --profile ID` without --iin: the identity is the request's,
/// and the report names the field compared; for CMS and XML requests alike.
#[cfg(feature = "cli")]
#[test]
fn the_cli_reads_the_identity_from_the_request() {
    let dir = std::env::temp_dir().join(format!("qoltanba-request-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap();
    let other = request(IIN_ONLY, OTHER_IIN).to_xml().unwrap();
    let cms_file = |name: &str, content: &[u8]| {
        let signed = sign(
            content,
            &SignRequest::new(
                &cert("individual_sign"),
                common::time("2026-11-22T09:30:00Z"),
            ),
            &key("individual_sign"),
        )
        .unwrap();
        let path = dir.join(name);
        std::fs::write(&path, signed).unwrap();
        path
    };
    let xml_file = |name: &str, content: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, xml_signed("individual_sign", content)).unwrap();
        path
    };
    let run = |file: &std::path::Path, json: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"));
        cmd.arg("verify")
            .arg(file)
            .arg("--trust")
            .arg(pki("root.cer"))
            .arg("--intermediate")
            .arg(pki("nca_rsa.cer"))
            .arg("--crl")
            .arg(pki("nca_rsa_current.crl"))
            .args(["--at", "2026-11-23T00:00:00Z", "--profile", IIN_ONLY]);
        if json {
            cmd.arg("--json");
        }
        cmd.output().unwrap()
    };
    for (good, other) in [
        (cms_file("good.cms", &good), cms_file("other.cms", &other)),
        (xml_file("good.xml", &good), xml_file("other.xml", &other)),
    ] {
        let ok = run(&good, true);
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&ok.stdout)
        );
        let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
        assert_eq!(v["compared"][0]["field"], "iin");
        assert_eq!(v["compared"][0]["value"], APPLICANT_IIN);
        let words = String::from_utf8(run(&good, false).stdout).unwrap();
        assert!(
            words.contains("identity: the request's field iin"),
            "{words}"
        );
        let refused = run(&other, true);
        assert_eq!(refused.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
        assert_eq!(v["verdict"], "invalid");
        assert!(v["refusal"]["kk"].as_str().unwrap().contains("бас тарту"));
    }
    // The schema of the form, as JSON Schema and XSD.
    for args in [vec![], vec!["--xsd"]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(["profiles", "schema", IIN_ONLY])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&out.stdout).contains("period_from"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_xades_signed_xml_request_counts_as_whole() {
    // XAdES-B adds a Reference to its SignedProperties by Id: the signature's own part,
    // not a part of the request.
    let xml = xmldsig::sign_with(
        &request(IIN_ONLY, APPLICANT_IIN).to_xml().unwrap(),
        &cert("individual_sign"),
        &key("individual_sign"),
        &XmlSignOptions::new().xades(common::time("2026-11-22T09:30:00Z")),
    )
    .unwrap();
    let v = judge(IIN_ONLY, SignedRequest::Xml(&xml));
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The flow of one regulation on the command line: the applicant's signed request verified
/// under its profile (the IIN read from it) and written out; the output document issued
/// from the decree's form, filled from that request and the provider's values, its PDF
/// signed; the PDF verified. The refusal likewise, from its own form.
#[cfg(feature = "cli")]
#[test]
fn the_cli_issues_the_decrees_output_document_from_a_verified_request() {
    let dir = std::env::temp_dir().join(format!("qoltanba-flow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_qoltanba");
    let trust = |cmd: &mut std::process::Command| {
        cmd.arg("--trust")
            .arg(pki("root.cer"))
            .arg("--intermediate")
            .arg(pki("nca_rsa.cer"))
            .arg("--crl")
            .arg(pki("nca_rsa_current.crl"))
            .args(["--at", "2026-11-23T00:00:00Z"]);
    };
    // The request, signed by the applicant.
    let content = request(IIN_ONLY, APPLICANT_IIN)
        .with("full_name", "Сейтқали Аружан")
        .to_xml()
        .unwrap();
    let signed = sign(
        &content,
        &SignRequest::new(
            &cert("individual_sign"),
            common::time("2026-11-22T09:30:00Z"),
        ),
        &key("individual_sign"),
    )
    .unwrap();
    let request_cms = dir.join("request.cms");
    std::fs::write(&request_cms, signed).unwrap();
    let verified = dir.join("request.xml");
    let mut cmd = std::process::Command::new(bin);
    cmd.arg("verify")
        .arg(&request_cms)
        .args(["--profile", IIN_ONLY, "--out"])
        .arg(&verified);
    trust(&mut cmd);
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // The provider's values for the decree's certificate.
    let values = dir.join("values.json");
    std::fs::write(
        &values,
        r#"{"registered_period": "2026-01-10", "public_works": "жоқ / нет", "training": "жоқ / нет",
            "assistance_granted": "жоқ / нет", "presented_to": "банк", "application_date": "2026-11-20",
            "signatory_1": "Ахметов А.", "signatory_2": "Бекова Б."}"#,
    )
    .unwrap();
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let issue = |extra: &[&str], values: &std::path::Path, out: &std::path::Path| {
        std::process::Command::new(bin)
            .args(["document", "issue", "--profile", IIN_ONLY, "--request"])
            .arg(&verified)
            .arg("--fields")
            .arg(values)
            .arg("--key")
            .arg(pki("legal_sign.p12"))
            .arg("--password-file")
            .arg(&pw)
            .args(["--favor-id", "FLOW-1", "--at", "2026-11-22T15:30:00+06:00"])
            .args(extra)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap()
    };
    let pdf = dir.join("certificate.pdf");
    let o = issue(&[], &values, &pdf);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut cmd = std::process::Command::new(bin);
    cmd.arg("verify").arg(&pdf).arg("--json");
    trust(&mut cmd);
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "pdf");
    assert_eq!(v["verdict"], "valid");

    // The refusal, from the refusal form: the reason is its one blank.
    let reason = dir.join("reason.json");
    std::fs::write(
        &reason,
        r#"{"reason": "құжаттар толық емес / документы неполные"}"#,
    )
    .unwrap();
    let refusal = dir.join("refusal.pdf");
    let o = issue(&["--refusal"], &reason, &refusal);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A value the form does not have: a usage error naming it.
    let typo = dir.join("typo.json");
    std::fs::write(&typo, r#"{"reasn": "x"}"#).unwrap();
    let o = issue(&["--refusal"], &typo, &dir.join("x.pdf"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("reasn"));
    let _ = std::fs::remove_dir_all(&dir);
}
