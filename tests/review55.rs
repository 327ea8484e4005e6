//! Review 55 (hostile, within the hour of the fixes): the fixes of reviews 53 and 54
//! (`git diff 4cd50f9 a7ada31 -- src`) attacked: `assign_roles`' applicant exclusion
//! (src/profiles/request/signers.rs), `check_request`'s reading of the signed form
//! (`stated_against_form`, judge.rs / signed.rs), the certificates judged at the time
//! checked under a claimed time (`at_the_time_checked`, CMS and XML), the output document's
//! signer (`refuse_unfit_signer`, `codes::provider_signer`) and `cms::refuse_foreign_key`.
//!
//! Method: requests built as an applicant, an operator or a provider's system could send
//! them, with the test PKI (`test-vectors/pki/`, `roles/`: centre BIN 160440000075,
//! provider BIN 020240000041), certificates re-issued by its issuing CA (tests/common/forge)
//! and CRLs made by the test; each fix's entry points compared: the library
//! (`check_request`, `check_signed_request`), the CLI (`verify --profile`) and the service
//! (`/v1/verify`, `/v1/document/issue`). Time judged: 2026-11-23T00:00:00Z.
//!
//! Findings (all fixed):
//! 1. (fixed) `a_form_with_one_unknown_field_does_not_hide_another_iin_under_a_stated_iin` (was `defect_a_form_with_one_unknown_field_hides_another_iin_under_a_stated_iin`): the
//!    applicant (IIN 123456789011) signs the service's own request form naming another IIN
//!    (900101300007), with one field the form does not have (`"remark"`). Without a stated
//!    IIN the library refuses it (the form does not read: invalid); with the signer's IIN
//!    stated, `check_request` reads no form (`RequestDocument::read` fails, and the
//!    failure is dropped: `.ok()`), compares nothing: VALID, and the content handed out
//!    applies for someone else. Stating the IIN turns invalid into valid. Should be: not
//!    valid (request_form failed, as `check_signed_request`).
//! 2. (fixed) `the_service_with_a_stated_iin_refuses_a_form_with_one_unknown_field` (was `defect_the_service_with_a_stated_iin_passes_a_form_with_one_unknown_field`): the same
//!    through `/v1/verify` with `"iin"`: "valid" (without `"iin"`: "invalid").
//! 3. (fixed) `the_cli_with_a_stated_iin_refuses_a_form_with_one_unknown_field` (was `defect_the_cli_with_a_stated_iin_passes_a_form_with_one_unknown_field`): the same
//!    through `qoltanba verify --profile .. --iin`: "valid" (without `--iin`: "invalid").
//! 4. (fixed) `another_services_form_naming_another_iin_is_refused_under_a_stated_iin` (was `defect_another_services_form_naming_another_iin_passes_under_a_stated_iin`): another
//!    service's request form (vko-archive-certificate's, its head naming that profile)
//!    naming IIN 900101300007, signed by 123456789011 and judged under
//!    kokpekti-unemployment-certificate with 123456789011 stated: VALID (the form reader
//!    refuses the wrong profile, so nothing is compared). Should be: not valid.
//!    Findings 1-4 share a cause: `check_request` (src/profiles/request/judge.rs) checks
//!    the stated IIN/BIN only when the content reads as the profile's form, and treats any
//!    content the reader refuses as opaque. Fix: content that announces itself as a request
//!    document (the request schema/namespace in its head, any profile) but does not read
//!    under this profile fails `request_form` (the reader's error as the reason), as
//!    `check_signed_request` does; only content with no request-document head stays
//!    opaque.
//! 5. (fixed) `a_claimed_time_does_not_count_an_unknown_check_the_regulation_does_not_require` (was `defect_a_claimed_time_counts_an_unknown_check_the_regulation_does_not_require`): a
//!    regulation whose revocation check is unstated and may be unproven
//!    (`unstated_checks = "may_be_unproven"`, Akmola's unemployment entry with that line
//!    changed), no CRL: at the caller's time VALID (revocation unknown, not required); at a
//!    claim a day earlier, checked at the same time: INDETERMINATE, from the check
//!    `at_the_time_checked` adds at the request level ("signer #1: at the time checked ..:
//!    status unknown"), which escapes the profile's relaxation (`Step::signer`'s
//!    `relax`). A claim makes the request worse than the same request judged at the time
//!    checked. Should be: valid (the added checks relaxed as the signer's are: an unknown
//!    outcome of a check the profile does not require is not counted).
//! 6. (fixed) `the_operators_certificate_naming_two_iins_does_not_stand_for_the_applicant` (was `defect_the_operators_certificate_naming_two_iins_stands_for_the_applicant`): the
//!    centre's operator's private certificate naming its IIN and, in a second serialNumber,
//!    another: `Subject.iin` is None (ambiguous), so `may_be_applicant` sees no IIN and the
//!    certificate stands for the applicant beside the operator: VALID. Should be: not valid
//!    (a certificate whose IINs include an official's, or that names no one IIN, is not
//!    proven to be another person).
//! 7. (fixed) `the_centres_head_naming_two_bins_does_not_stand_for_the_applicant` (was `defect_the_centres_head_naming_two_bins_stands_for_the_applicant`): the centre's head
//!    (review 54's finding 2) with a second OU BIN: `Subject.bin` None, the centre's BIN
//!    only in `ambiguous_bins`: VALID as the applicant. Should be: not valid. Fix (6, 7):
//!    in `assign_roles`, compare the official IINs and the organisations' BINs with every
//!    IIN/BIN the certificate names (`ambiguous_iins`, `ambiguous_bins` too), and never take
//!    a certificate with ambiguous identities as the applicant.
//!
//! 8. (fixed) `the_check_at_the_time_checked_names_its_signer` (was `defect_the_check_at_the_time_checked_names_another_signer`): at Akmola's centre (the
//!    operator and the applicant), the applicant's certificate superseded between the
//!    claim and the time checked: not valid, as it should be, but the verdict's signers are
//!    "#0 the applicant, #1 the service-centre operator" and the added check says "signer
//!    #1: at the time checked ..: the certificate is revoked": the refusal names the
//!    operator's certificate. Cause: `at_the_time_checked` (src/profiles/request/judge.rs)
//!    writes `index + 1`, the request condition `#{index}` (signers.rs). Fix: `#{index}`,
//!    as the rest of the verdict (or attach the check to the signer it concerns).
//!
//! Held (passing tests): the form naming another IIN as JSON, as XML and as detached
//! content under a stated IIN is refused, and so is a BIN stated beside an IIN-only form;
//! under a claimed time a certificate not yet valid at the claim, one revoked (superseded)
//! or put on hold between the claim and the time checked are not valid, the added check
//! named once and as revocation; an expired certificate at a claim (CRL keeping expired
//! certificates) through the service (`at`, with and without `"iin"`) and in an XML request
//! (`check_signed_request`) is not valid; the operator's personal certificate beside its
//! employee certificate in either order, with the centre's BIN not given (the operator
//! unproven), is not valid, and with a third (the real applicant's) signature the applicant
//! role goes to the real applicant; the honest operator and applicant in either order are
//! valid; `document::issue`, `issue_xml` and `/v1/document/issue` refuse a legal entity's
//! certificate with no OU BIN or with two, and issue with the provider's head, and the CLI's
//! `document issue` refuses a private person's PKCS#12 and writes nothing; a foreign
//! key is refused by `cms::sign` (attached, detached), `add_signer` (attached, detached),
//! `xmldsig::sign` and `pades::sign`. The CLI refuses `--at-signing-time` under
//! `--profile` (no path judges at a claim alone).

mod common;

use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::profiles::{
    check_request, check_signed_request, FieldKind, Profile, RequestDocument, RequestIdentity,
    RequestTime, RequestVerdict, SignatureRole, SignedRequest, SignerRole,
};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall};

use common::forge::{self, Ca};
use common::pki;
use common::requests::*;

// ---------------------------------------------------------------------------------------
// Fixtures (beside those of tests/common/requests.rs, shared with tests/review54.rs)

/// `template` re-issued by the test PKI's issuing CA (its key kept) with a fresh serial
/// and `from` replaced by `to` (same length) in its subject.
fn reissued(template: &str, serial: u8, from: &str, to: &str) -> Certificate {
    reissued_as(&[0x55, 0x55, serial], template, from, to)
}

/// The applicant's form of `IIN_ONLY` naming `OTHER_IIN`, as JSON, with one field the form
/// does not have: the form reader refuses it (unknown field).
fn other_iin_form_with_an_extra_field() -> String {
    let json = filled(IIN_ONLY).with("iin", OTHER_IIN).to_json();
    let extra = json.replacen('{', "{\"remark\":\"срочно\",", 1);
    assert_ne!(extra, json);
    assert!(RequestDocument::read(profile(IIN_ONLY), extra.as_bytes()).is_err());
    extra
}

// ---------------------------------------------------------------------------------------
// Findings

/// Finding 1: `check_request` compares a stated IIN only with a form that reads; one
/// unknown field and the form naming another IIN passes under the signer's IIN.
///
/// Found by review 55 (was a defect). Fixed: `check_request` refuses content that presents itself as a request document but is not this service's form (`form_failure`; `presents_as_request` for what the reader calls malformed).
#[test]
fn a_form_with_one_unknown_field_does_not_hide_another_iin_under_a_stated_iin() {
    let form = other_iin_form_with_an_extra_field();
    let s = signed_by(
        form.as_bytes(),
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    // The library without a stated IIN: the form does not read, refused.
    let read = check_signed_request(
        profile(IIN_ONLY),
        SignedRequest::Cms {
            signed: &s,
            content: None,
        },
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    eprintln!("read from the form: {:?}", read.overall());
    assert_ne!(read.overall(), Overall::Valid, "{:#?}", read.checks());
    // With the signer's IIN stated beside it.
    let stated = judge(
        IIN_ONLY,
        &s,
        &RequestIdentity::individual(iin(APPLICANT_IIN)),
    );
    eprintln!(
        "stated: {:?}, request_form {:?}",
        stated.overall(),
        outcome(&stated, CheckName::RequestForm)
    );
    assert_ne!(
        stated.overall(),
        Overall::Valid,
        "the applicant's form naming IIN {OTHER_IIN} (one unknown field added) passed under the stated IIN {APPLICANT_IIN}: {:#?}",
        stated.checks()
    );
}

/// Finding 2: finding 1 through `/v1/verify` with `"iin"`.
///
/// Found by review 55 (was a defect). Fixed: `check_request` refuses content that presents itself as a request document but is not this service's form (`form_failure`; `presents_as_request` for what the reader calls malformed).
#[test]
fn the_service_with_a_stated_iin_refuses_a_form_with_one_unknown_field() {
    let form = other_iin_form_with_an_extra_field();
    let der = signed_der(
        form.as_bytes(),
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let cms = b64(&der);
    let (status, read) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "profile": IIN_ONLY}).to_string(),
    );
    assert_eq!(status, 200, "{read}");
    assert_ne!(read["verdict"]["verdict"], "valid", "{read:#}");
    let (status, stated) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "profile": IIN_ONLY, "iin": APPLICANT_IIN}).to_string(),
    );
    assert_eq!(status, 200, "{stated}");
    eprintln!("service, iin stated: {}", stated["verdict"]["verdict"]);
    assert_ne!(
        stated["verdict"]["verdict"], "valid",
        "the service granted a form naming IIN {OTHER_IIN} (one unknown field added) under the stated IIN: {stated:#}"
    );
}

/// Finding 3: finding 1 through `qoltanba verify --profile .. --iin`.
///
/// Found by review 55 (was a defect). Fixed: `check_request` refuses content that presents itself as a request document but is not this service's form (`form_failure`; `presents_as_request` for what the reader calls malformed).
#[test]
fn the_cli_with_a_stated_iin_refuses_a_form_with_one_unknown_field() {
    let form = other_iin_form_with_an_extra_field();
    let der = signed_der(
        form.as_bytes(),
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    let dir = std::env::temp_dir().join(format!("qoltanba-review55-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("extra.cms");
    std::fs::write(&file, &der).unwrap();
    let run = |stated: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"));
        cmd.arg("verify")
            .arg(&file)
            .arg("--trust")
            .arg(pki("root.cer"))
            .arg("--intermediate")
            .arg(pki("nca_rsa.cer"))
            .arg("--crl")
            .arg(pki("nca_rsa_current.crl"))
            .args([
                "--at",
                "2026-11-23T00:00:00Z",
                "--profile",
                IIN_ONLY,
                "--json",
            ]);
        if stated {
            cmd.args(["--iin", APPLICANT_IIN]);
        }
        let out = cmd.output().unwrap();
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        answer["verdict"].clone()
    };
    let (read, stated) = (run(false), run(true));
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("CLI: read from the form {read}, --iin stated {stated}");
    assert_ne!(read, "valid");
    assert_ne!(
        stated, "valid",
        "the CLI granted a form naming IIN {OTHER_IIN} (one unknown field added) under --iin {APPLICANT_IIN}"
    );
}

/// Another service's form with an IIN field, naming `OTHER_IIN`: `(profile id, JSON)`.
fn another_services_form() -> (&'static str, String) {
    for p in Profile::all() {
        let Some(form) = p.request_form.as_ref() else {
            continue;
        };
        if p.id == IIN_ONLY {
            continue;
        }
        let Some(field) = form.fields.iter().find(|f| f.kind == FieldKind::Iin) else {
            continue;
        };
        let json = filled(&p.id).with(&field.name, OTHER_IIN).to_json();
        if RequestDocument::read(p, json.as_bytes()).is_ok() {
            return (p.id.as_str(), json);
        }
    }
    panic!("no other service with an IIN field")
}

/// Finding 4: another service's form naming another IIN passes under a stated IIN.
///
/// Found by review 55 (was a defect). Fixed: `check_request` refuses content that presents itself as a request document but is not this service's form (`form_failure`; `presents_as_request` for what the reader calls malformed).
#[test]
fn another_services_form_naming_another_iin_is_refused_under_a_stated_iin() {
    let (other, json) = another_services_form();
    let s = signed_by(
        json.as_bytes(),
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    let read = check_signed_request(
        profile(IIN_ONLY),
        SignedRequest::Cms {
            signed: &s,
            content: None,
        },
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_ne!(read.overall(), Overall::Valid, "{:#?}", read.checks());
    let stated = judge(
        IIN_ONLY,
        &s,
        &RequestIdentity::individual(iin(APPLICANT_IIN)),
    );
    eprintln!("{other}'s form under {IIN_ONLY}: {:?}", stated.overall());
    assert_ne!(
        stated.overall(),
        Overall::Valid,
        "{other}'s form naming IIN {OTHER_IIN} passed {IIN_ONLY} under the stated IIN {APPLICANT_IIN}: {:#?}",
        stated.checks()
    );
}

// ---------------------------------------------------------------------------------------
// Attacks that held

/// Fix 2: the form as JSON, as XML, and as detached content, each naming another IIN than
/// the one stated: refused (request_form failed); a BIN stated with a form that has no BIN
/// field is refused too; the honest form passes.
#[test]
fn held_the_form_read_against_a_stated_iin_in_json_xml_and_detached() {
    let stated = RequestIdentity::individual(iin(APPLICANT_IIN));
    let doc = filled(IIN_ONLY).with("iin", OTHER_IIN);
    let (c, k) = (cert("individual_sign"), key("individual_sign"));
    for content in [doc.to_json().into_bytes(), doc.to_xml().unwrap()] {
        let s = signed_by(&content, &[(&c, &k)]);
        let v = judge(IIN_ONLY, &s, &stated);
        assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
        assert_eq!(outcome(&v, CheckName::RequestForm), Some(Outcome::Failed));
        // Detached.
        let detached = SignedData::from_input(&s.detach()).unwrap();
        let v = check_request(
            profile(IIN_ONLY),
            &detached,
            Some(&content),
            &stated,
            &common::rsa_verifier(),
            at(),
        )
        .unwrap();
        assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    }
    // A BIN stated beside an IIN-only form.
    let honest = filled(IIN_ONLY).with("iin", APPLICANT_IIN).to_json();
    let s = signed_by(honest.as_bytes(), &[(&c, &k)]);
    let with_bin = RequestIdentity {
        bin: Some(bin("123456789021")),
        ..stated
    };
    let v = judge(IIN_ONLY, &s, &with_bin);
    eprintln!("BIN stated with an IIN-only form: {:?}", v.overall());
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // The control.
    let v = judge(IIN_ONLY, &s, &stated);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// A CRL of the issuing CA current at the time checked, keeping expired certificates
/// (ExpiredCertsOnCRL), with `entries`.
fn crl_verifier(entries: Vec<Vec<u8>>) -> qoltanba::Verifier {
    let mut spec = forge::CrlSpec::complete(101, "261101000000Z", "270501000000Z").entries(entries);
    spec.extensions.push(forge::ext(
        &[0x55, 0x1d, 0x3c],
        false,
        &forge::gen_time("20200101000000Z"),
    ));
    common::rsa_verifier_with_crls(&[Ca::nca_rsa().crl(&spec)], |b| b)
}

/// `individual_sign` re-issued with `serial`, `not_before` .. `not_after`.
fn individual_valid(serial: u8, not_before: &str, not_after: &str) -> Certificate {
    let der = Ca::nca_rsa().reissue(&cert_der("individual_sign"), |tbs| {
        tbs.serial = forge::int(&[0x55, 0x55, serial]);
        tbs.validity(not_before, not_after);
    });
    Certificate::from_input(&der).unwrap()
}

fn claimed(c: &Certificate, claim: &str, verifier: &qoltanba::Verifier) -> RequestVerdict {
    let req = SignRequest::new(c, common::time(claim));
    let s = SignedData::from_input(&sign(REQUEST, &req, &key("individual_sign")).unwrap()).unwrap();
    check_request(
        profile(IIN_ONLY),
        &s,
        None,
        &RequestIdentity::individual(iin(APPLICANT_IIN)),
        verifier,
        RequestTime::claimed(common::time(claim), at()),
    )
    .unwrap()
}

/// Fix 3: under a claimed time, a certificate not yet valid at the claim (valid now), one
/// revoked (superseded) or put on hold between the claim and the time checked: none valid;
/// the check added at the time checked says so, once.
#[test]
fn held_a_claimed_time_with_a_certificate_not_yet_valid_revoked_or_on_hold_between() {
    // Not yet valid at the claim, valid at the time checked.
    let young = individual_valid(1, "260601000000Z", "280601000000Z");
    let v = claimed(&young, "2026-03-01T00:00:00Z", &crl_verifier(Vec::new()));
    eprintln!("not yet valid at the claim: {:?}", v.overall());
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // Valid at the claim, revoked (superseded) or on hold after it.
    for (serial, reason) in [(2u8, 4u8), (3, 6)] {
        let c = individual_valid(serial, "250101000000Z", "280101000000Z");
        let verifier = crl_verifier(vec![forge::crl_entry(
            &[0x55, 0x55, serial],
            "260901000000Z",
            &[forge::reason(reason)],
        )]);
        let v = claimed(&c, "2026-05-01T00:00:00Z", &verifier);
        eprintln!("reason {reason} between: {:?}", v.overall());
        assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
        let added: Vec<_> = v
            .checks()
            .iter()
            .filter(|c| c.reason().contains("at the time checked"))
            .collect();
        assert_eq!(added.len(), 1, "{:#?}", v.checks());
        assert_eq!(added[0].name(), CheckName::Revocation, "{:#?}", added);
        // The control: honest, not revoked.
        let v = claimed(&c, "2026-05-01T00:00:00Z", &crl_verifier(Vec::new()));
        assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    }
}

/// Fix 3 through the service (`at` a claim) and `check_signed_request` on XML: an expired
/// certificate at a claimed time in its validity, the CRL keeping expired certificates:
/// not valid.
#[test]
fn held_an_expired_certificate_at_a_claim_through_the_service_and_xml() {
    let c = cert("expired");
    let req = SignRequest::new(&c, common::time("2025-06-01T00:00:00Z"));
    let form = filled(IIN_ONLY).with("iin", APPLICANT_IIN).to_json();
    let der = sign(form.as_bytes(), &req, &key("expired")).unwrap();
    let service = common::service::Service::start(crl_verifier(Vec::new()), "2026-11-23T00:00:00Z");
    for body in [
        serde_json::json!({"cms": b64(&der), "profile": IIN_ONLY, "at": "2025-06-01T00:00:00Z"}),
        serde_json::json!({"cms": b64(&der), "profile": IIN_ONLY, "at": "2025-06-01T00:00:00Z", "iin": APPLICANT_IIN}),
    ] {
        let (status, r) = service.post("/v1/verify", &body.to_string());
        eprintln!("service: {status} {}", r["verdict"]["verdict"]);
        assert_eq!(status, 200, "{r}");
        assert_ne!(r["verdict"]["verdict"], "valid", "{r:#}");
    }
    // XML.
    let xml_form = filled(IIN_ONLY)
        .with("iin", APPLICANT_IIN)
        .to_xml()
        .unwrap();
    let xml = qoltanba::xmldsig::sign_with(
        &xml_form,
        &c,
        &key("expired"),
        &qoltanba::xmldsig::XmlSignOptions::new(),
    )
    .unwrap();
    let v = check_signed_request(
        profile(IIN_ONLY),
        SignedRequest::Xml(&xml),
        &RequestIdentity::unnamed(),
        &crl_verifier(Vec::new()),
        RequestTime::claimed(common::time("2025-06-01T00:00:00Z"), at()),
    )
    .unwrap();
    eprintln!("XML at the claim: {:?}", v.overall());
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// Fix 1: the operator's own private certificate beside its employee certificate, when the
/// centre's BIN is not given (the operator unproven), in either order, and with the real
/// applicant as a third signature; the honest operator and applicant in either order.
#[test]
fn held_the_operators_personal_certificate_in_any_order_or_unproven() {
    let personal = reissued(
        "individual_sign",
        10,
        &format!("IIN{APPLICANT_IIN}"),
        &format!("IIN{OPERATOR_IIN}"),
    );
    let operator = cert("roles/centre_operator");
    let (op_key, own_key) = (key("roles/centre_operator"), key("individual_sign"));
    let applicant = cert("individual_sign");
    let proven = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let unproven = RequestIdentity::unnamed().certified_by(SignerRole::ServiceCenterOperator);
    for channel in [&proven, &unproven] {
        for pair in [
            [(&operator, &op_key), (&personal, &own_key)],
            [(&personal, &own_key), (&operator, &op_key)],
        ] {
            let v = judge(TWO_AT_CENTRE, &signed_by(REQUEST, &pair), channel);
            let roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
            eprintln!("one person twice: {roles:?} {:?}", v.overall());
            assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
        }
    }
    // Three signatures: the operator twice (employee, personal) and the applicant.
    let three = signed_by(
        REQUEST,
        &[
            (&personal, &own_key),
            (&operator, &op_key),
            (&applicant, &own_key),
        ],
    );
    let v = judge(TWO_AT_CENTRE, &three, &proven);
    let roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    eprintln!("three: {roles:?} {:?}", v.overall());
    assert_eq!(roles[2], Some(SignatureRole::Applicant), "{roles:?}");
    assert_ne!(roles[0], Some(SignatureRole::Applicant), "{roles:?}");
    // The honest pair in either order.
    for pair in [
        [(&operator, &op_key), (&applicant, &own_key)],
        [(&applicant, &own_key), (&operator, &op_key)],
    ] {
        let v = judge(TWO_AT_CENTRE, &signed_by(REQUEST, &pair), &proven);
        assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    }
}

/// Fix 4: `document::issue` with a legal entity's certificate whose BIN is not an `OU`
/// "BIN…" (spelled "BXN"), or with two BINs: refused; the provider's head (a legal
/// entity's certificate with its BIN) issues.
#[test]
fn held_document_issue_refuses_a_legal_entity_without_one_bin() {
    use qoltanba::barcode::EcLevel;
    use qoltanba::document::{self, Field, Fields, OutputDocument};
    let font = document::Font::bundled().unwrap();
    let fields = Fields {
        favor_id: Some("REQ-55".into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let doc = OutputDocument::new(
        fields,
        profile("vko-archive-certificate"),
        None,
        false,
        at().into(),
    )
    .unwrap();
    let chain = vec![cert("nca_rsa")];
    let k = key("roles/provider_head");
    let no_bin = reissued(
        "roles/provider_head",
        20,
        &format!("BIN{PROVIDER}"),
        &format!("BXN{PROVIDER}"),
    );
    assert_eq!(no_bin.facts().bin, None);
    // Two BINs: a second OU "BIN…" (the centre's) beside the provider's.
    let two_bins = {
        use common::forge::{children, oid, seq, set_of, tlv};
        let der = Ca::nca_rsa().reissue(&cert_der("roles/provider_head"), |tbs| {
            tbs.serial = forge::int(&[0x55, 0x55, 21]);
            let mut parts: Vec<Vec<u8>> =
                children(&tbs.subject).iter().map(|p| p.to_vec()).collect();
            let bin = format!("BIN{CENTRE}");
            parts.push(set_of(vec![seq(&[
                &oid("2.5.4.11"),
                &tlv(0x0c, bin.as_bytes()),
            ])]));
            let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
            tbs.subject = seq(&refs);
        });
        Certificate::from_input(&der).unwrap()
    };
    assert_eq!(two_bins.facts().bin, None);
    assert_eq!(two_bins.facts().ambiguous_bins.len(), 2);
    let head = cert("roles/provider_head");
    let issue = |c: &Certificate| {
        let request = SignRequest::new(c, at()).with_chain(&chain);
        (
            document::issue(&doc, &request, &k, EcLevel::M, &font).is_ok(),
            document::issue_xml(&doc, &request, &k, EcLevel::M, &font).is_ok(),
        )
    };
    assert_eq!(issue(&no_bin), (false, false));
    assert_eq!(issue(&two_bins), (false, false));
    assert_eq!(issue(&head), (true, true));
    // The service's /v1/document/issue with those certificates in its key stores.
    let now = at();
    let mut config = qoltanba::server::ServerConfig::new(
        std::sync::Arc::new(common::rsa_verifier()),
        std::sync::Arc::new(move || now),
    );
    for (name, c) in [
        ("no_bin", &no_bin),
        ("two_bins", &two_bins),
        ("head", &head),
    ] {
        config = config.key_store(
            name,
            qoltanba::keys::KeyBundle {
                key: key("roles/provider_head"),
                certificate: c.clone(),
                chain: vec![cert("nca_rsa")],
            },
        );
    }
    let service = common::service::Service::with_config(config);
    let p = profile(IIN_ONLY);
    let form = &p.output_forms[0];
    let mut values = serde_json::Map::new();
    for blank in form.blanks() {
        values.insert(blank.to_string(), format!("{blank}: x").into());
    }
    for i in 1..=form.signatories.len() {
        values.insert(format!("signatory_{i}"), format!("S {i}").into());
    }
    for (store, ok) in [("no_bin", false), ("two_bins", false), ("head", true)] {
        let body = serde_json::json!({"profile": p.id, "values": values, "favor_id": "R55",
            "at": "2026-11-22T15:30:00+06:00", "signer": {"keyStore": store}});
        let (status, r) = service.post("/v1/document/issue", &body.to_string());
        eprintln!("/v1/document/issue with {store}: {status}");
        assert_eq!(status == 200, ok, "{store}: {status} {r}");
    }
}

/// A regulation whose revocation check is not stated and may be unproven
/// (`unstated_checks = "may_be_unproven"`): Akmola's unemployment certificate's entry with
/// that one line changed.
fn relaxed_profile() -> Profile {
    let toml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/profiles/regulations.toml"),
    )
    .unwrap();
    let start = toml
        .find("[[profile]]\nid = \"akmola-unemployment-certificate\"")
        .unwrap();
    let (head, block) = toml.split_at(start);
    let block = block.replacen(
        "unstated_checks = \"required\"",
        "unstated_checks = \"may_be_unproven\"",
        1,
    );
    let profiles = Profile::parse_toml(&format!("{head}{block}")).unwrap();
    let mut profiles: Vec<Profile> = profiles
        .into_iter()
        .filter(|p| p.id == "akmola-unemployment-certificate")
        .collect();
    assert_eq!(profiles.len(), 1);
    profiles.remove(0)
}

/// Finding 5: the check added at the time checked escapes the profile's relaxation.
///
/// Found by review 55 (was a defect). Fixed: `at_the_time_checked` applies the profile's relaxation (an unknown outcome of a check the regulation lets go unproven is not counted).
#[test]
fn a_claimed_time_does_not_count_an_unknown_check_the_regulation_does_not_require() {
    let p = relaxed_profile();
    assert!(!p.requires(qoltanba::profiles::RegulationCheck::Revocation));
    // The test PKI without any CRL: revocation is unknown, at any time.
    let verifier = qoltanba::Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .build();
    let s = signed_by(
        REQUEST,
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    let judge_at = |t: RequestTime| {
        check_request(&p, &s, None, &RequestIdentity::unnamed(), &verifier, t).unwrap()
    };
    // At the caller's time: the unknown revocation is not required, valid.
    let given = judge_at(RequestTime::given(at()));
    assert_eq!(given.overall(), Overall::Valid, "{:#?}", given.checks());
    // At the signer's claim (a minute before), checked at the same time.
    let claimed = judge_at(RequestTime::claimed(
        common::time("2026-11-22T09:30:00Z"),
        at(),
    ));
    eprintln!("claimed: {:?}", claimed.overall());
    assert_eq!(
        claimed.overall(),
        Overall::Valid,
        "the same request, valid at the time checked, is {:?} when judged at a claim a day earlier: {:#?}",
        claimed.overall(),
        claimed.checks()
    );
}

/// Fix 5: the certificate of one person with the key of another (`legal_sign`'s
/// certificate, `individual_sign`'s key) on every signing path of the library: CMS
/// (`cms::sign`, attached and detached), a signer added (`add_signer`), XML
/// (`xmldsig::sign`), PAdES (`pades::sign`): each refused; the right key signs.
#[test]
fn held_a_foreign_key_is_refused_on_every_signing_path() {
    let c = cert("legal_sign");
    let (right, wrong) = (key("legal_sign"), key("individual_sign"));
    let req = SignRequest::new(&c, at());
    assert!(sign(REQUEST, &req, &wrong).is_err());
    assert!(sign(REQUEST, &req.detached(true), &wrong).is_err());
    assert!(sign(REQUEST, &req, &right).is_ok());
    let base = signed_by(
        REQUEST,
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    assert!(base.add_signer(None, &req, &wrong).is_err());
    assert!(base.add_signer(None, &req, &right).is_ok());
    let detached = SignedData::from_input(&base.detach()).unwrap();
    assert!(detached.add_signer(Some(REQUEST), &req, &wrong).is_err());
    let xml = filled(IIN_ONLY)
        .with("iin", APPLICANT_IIN)
        .to_xml()
        .unwrap();
    assert!(qoltanba::xmldsig::sign(&xml, &c, &wrong).is_err());
    assert!(qoltanba::xmldsig::sign(&xml, &c, &right).is_ok());
    let pdf = common::pdf_updates::fixture("classic.pdf");
    let options = qoltanba::pades::PdfSignOptions::new();
    assert!(qoltanba::pades::sign(&pdf, &req, &wrong, &options).is_err());
    assert!(qoltanba::pades::sign(&pdf, &req, &right, &options).is_ok());
}

/// `individual_sign` re-issued with `serial` and its subject edited by `edit` (the
/// subject's RDNs, DER each).
fn individual_with_rdns(serial: u8, edit: impl FnOnce(&mut Vec<Vec<u8>>)) -> Certificate {
    let der = Ca::nca_rsa().reissue(&cert_der("individual_sign"), |tbs| {
        tbs.serial = forge::int(&[0x55, 0x55, serial]);
        let mut parts: Vec<Vec<u8>> = forge::children(&tbs.subject)
            .iter()
            .map(|p| p.to_vec())
            .collect();
        edit(&mut parts);
        let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
        tbs.subject = forge::seq(&refs);
    });
    Certificate::from_input(&der).unwrap()
}

fn serial_number_rdn(value: &str) -> Vec<u8> {
    forge::set_of(vec![forge::seq(&[
        &forge::oid("2.5.4.5"),
        &forge::tlv(0x13, value.as_bytes()),
    ])])
}

/// Finding 6: an ambiguous IIN hides the operator's person from `may_be_applicant`.
///
/// Found by review 55 (was a defect). Fixed: `assign_roles` compares every IIN and BIN a certificate names, and never takes a certificate naming two as the applicant.
#[test]
fn the_operators_certificate_naming_two_iins_does_not_stand_for_the_applicant() {
    // The operator's private certificate naming its own IIN and, in a second
    // serialNumber, another's: the library reads no one IIN (ambiguous), so the person
    // of the operator's signature is not recognised.
    let personal = individual_with_rdns(30, |rdns| {
        for r in rdns.iter_mut() {
            let from = format!("IIN{APPLICANT_IIN}");
            if let Some(at) = r.windows(from.len()).position(|w| w == from.as_bytes()) {
                r[at + 3..at + 15].copy_from_slice(OPERATOR_IIN.as_bytes());
            }
        }
        rdns.push(serial_number_rdn(&format!("IIN{OTHER_IIN}")));
    });
    assert_eq!(personal.facts().iin, None);
    assert!(personal.facts().ambiguous_iins.contains(&iin(OPERATOR_IIN)));
    let operator = cert("roles/centre_operator");
    let channel = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let s = signed_by(
        REQUEST,
        &[
            (&operator, &key("roles/centre_operator")),
            (&personal, &key("individual_sign")),
        ],
    );
    let v = judge(TWO_AT_CENTRE, &s, &channel);
    let roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    eprintln!("two IINs: {roles:?}; verdict {:?}", v.overall());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a certificate naming the operator's IIN (and another) passed as the applicant beside the operator: {:#?}",
        v.checks()
    );
}

/// Finding 7: an ambiguous BIN hides the centre from `may_be_applicant`.
///
/// Found by review 55 (was a defect). Fixed: as finding 6's.
#[test]
fn the_centres_head_naming_two_bins_does_not_stand_for_the_applicant() {
    // The head of the very centre whose operator signs (review 54's finding 2), its
    // certificate naming the centre's BIN and a second OU "BIN…": no one BIN read.
    let der = Ca::nca_rsa().reissue(&cert_der("roles/provider_head"), |tbs| {
        tbs.serial = forge::int(&[0x55, 0x55, 31]);
        let from = format!("BIN{PROVIDER}");
        let at = tbs
            .subject
            .windows(from.len())
            .position(|w| w == from.as_bytes())
            .unwrap();
        tbs.subject[at + 3..at + 15].copy_from_slice(CENTRE.as_bytes());
        let mut parts: Vec<Vec<u8>> = forge::children(&tbs.subject)
            .iter()
            .map(|p| p.to_vec())
            .collect();
        parts.push(forge::set_of(vec![forge::seq(&[
            &forge::oid("2.5.4.11"),
            &forge::tlv(0x0c, from.as_bytes()),
        ])]));
        let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
        tbs.subject = forge::seq(&refs);
    });
    let head = Certificate::from_input(&der).unwrap();
    assert_eq!(head.facts().bin, None);
    assert!(head.facts().ambiguous_bins.contains(&bin(CENTRE)));
    let channel = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let s = signed_by(
        REQUEST,
        &[
            (
                &cert("roles/centre_operator"),
                &key("roles/centre_operator"),
            ),
            (&head, &key("roles/provider_head")),
        ],
    );
    let v = judge(TWO_AT_CENTRE, &s, &channel);
    let roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    eprintln!("two BINs: {roles:?}; verdict {:?}", v.overall());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a certificate naming the centre's BIN (and another) passed as the applicant beside the centre's operator: {:#?}",
        v.checks()
    );
}

/// Finding 8: the check added at the time checked numbers the signers from 1, the request
/// condition's other checks from 0: in "#0 the applicant, #1 the service-centre operator"
/// the revoked applicant's certificate is reported as "signer #1", the operator's number.
///
/// Found by review 55 (was a defect). Fixed: `at_the_time_checked` numbers signers as the request verdict does.
#[test]
fn the_check_at_the_time_checked_names_its_signer() {
    let applicant = individual_valid(40, "250101000000Z", "280101000000Z");
    let verifier = crl_verifier(vec![forge::crl_entry(
        &[0x55, 0x55, 40],
        "260901000000Z",
        &[forge::reason(4)],
    )]);
    let s = signed_by(
        REQUEST,
        &[
            (
                &cert("roles/centre_operator"),
                &key("roles/centre_operator"),
            ),
            (&applicant, &key("individual_sign")),
        ],
    );
    let channel = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let v = check_request(
        profile(TWO_AT_CENTRE),
        &s,
        None,
        &channel,
        &verifier,
        RequestTime::claimed(common::time("2026-05-01T00:00:00Z"), at()),
    )
    .unwrap();
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let the_applicant = v
        .signers()
        .iter()
        .find(|s| s.role() == Some(SignatureRole::Applicant))
        .map(|s| s.index())
        .unwrap();
    let named: Vec<&str> = v
        .checks()
        .iter()
        .filter(|c| c.reason().contains("at the time checked"))
        .map(|c| c.reason())
        .collect();
    let signers = v.check(CheckName::Signers).map(|c| c.reason().to_string());
    eprintln!("signers: {signers:?}; applicant #{the_applicant}; added: {named:?}");
    assert_eq!(named.len(), 1, "{named:?}");
    assert!(
        named[0].starts_with(&format!("signer #{the_applicant}:")),
        "the revoked applicant is #{the_applicant} in the verdict ({signers:?}), the check at the time checked says: {}",
        named[0]
    );
}

/// Fix 4 through the CLI: `qoltanba document issue` with a private person's PKCS#12
/// refuses and writes nothing; with the legal entity's official's it issues.
#[test]
fn held_the_cli_document_issue_refuses_a_private_persons_key() {
    let dir = std::env::temp_dir().join(format!("qoltanba-review55-issue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let password = dir.join("password");
    std::fs::write(&password, "Qwerty12\n").unwrap();
    let fields = dir.join("fields.json");
    std::fs::write(
        &fields,
        serde_json::json!({"favor_id": "R55", "fields": [{"label": "A", "value": "B"}], "refusal": false})
            .to_string(),
    )
    .unwrap();
    let out = dir.join("out.pdf");
    let issue = |who: &str| {
        let _ = std::fs::remove_file(&out);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(["document", "issue", "--profile", "vko-archive-certificate"])
            .arg("--key")
            .arg(pki(&format!("{who}.p12")))
            .arg("--password-file")
            .arg(&password)
            .arg("--fields")
            .arg(&fields)
            .args(["--at", "2026-11-23T00:00:00+05:00"])
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
            .status;
        (status.success(), out.exists())
    };
    let (person, official) = (issue("individual_sign"), issue("legal_sign"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(person, (false, false));
    assert_eq!(official, (true, true));
}
