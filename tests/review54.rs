//! Review 54 (hostile): the request condition ("condition 2") since review 33:
//! `profiles::check_request` and `check_signed_request` (src/profiles/request/judge.rs,
//! signers.rs, signed.rs), the request forms they read (src/profiles/form/), and the CLI's
//! (`verify --profile`) and the service's (`POST /v1/verify` with `profile`) answers on
//! the same requests.
//!
//! Method: each regulation's condition read as the decrees word it (seeds/README.md,
//! src/profiles/regulations.toml), then requests built as an applicant, an operator or a
//! provider's system could send them: the project's test PKI (`test-vectors/pki/`, with
//! `roles/`: centre BIN 160440000075, provider BIN 020240000041), certificates of the
//! test PKI re-issued by its issuing CA with another subject (a second certificate of one
//! person, as the NCA issues to every citizen and again to each employer's staff), and a
//! CRL of that CA made by the test. Time judged: 2026-11-23T00:00:00Z (the PKI's `AT`).
//! Review 33's attacks (an employee of another company, two portal signers, authentication
//! keys, an operator of another centre, the operator twice, detached content beside an
//! attached one, a claimed time against a compromise) are not repeated.
//!
//! Findings (all fixed):
//! 1. (fixed) `the_operators_own_personal_signature_does_not_stand_for_the_applicants` (was `defect_the_operators_own_personal_signature_stands_for_the_applicants`): Akmola's
//!    unemployment certificate at a service centre carries the operator's signature, then
//!    the applicant's (identity not stated). The operator signs with its employee
//!    certificate (IIN 920315400010, the centre's BIN) and again with its own private
//!    person's certificate (the same IIN): VALID, the second signature counted as the
//!    applicant's. The library can see that both certificates name one person: the
//!    applicant never signed. Should be: not valid (invalid: one person proven to be the
//!    operator is not the applicant; at least indeterminate).
//! 2. (fixed) `the_centres_own_head_does_not_stand_for_the_applicant` (was `defect_the_centres_own_head_stands_for_the_applicant`): the same channel, the
//!    operator and the head of the same centre (a legal entity's certificate of the
//!    centre's BIN with the first-head role, which is not the official role): VALID, the
//!    centre's head counted as the applicant. Should be: not valid (a certificate of the
//!    centre itself is not the applicant's).
//! 3. (fixed) `a_stated_iin_does_not_hide_the_iin_the_signed_form_carries` (was `defect_a_stated_iin_hides_the_iin_the_signed_form_carries`) (CLI) and
//!    4. (fixed) `the_service_with_a_stated_iin_does_not_hide_the_iin_the_signed_form_carries` (was `defect_the_service_with_a_stated_iin_hides_the_iin_the_signed_form_carries`)
//!    (service): the applicant (IIN 123456789011) signs the service's own request form
//!    naming another IIN (900101300007). `check_signed_request` with the applicant's IIN
//!    stated refuses it (the stated IIN is not the form's); `qoltanba verify --profile
//!    .. --iin 123456789011` and `/v1/verify` with `"iin"` call `check_request`, which
//!    reads no form: VALID, and the verified content handed out is a form applying for
//!    someone else. Should be: invalid, as the library answers (condition 2 matches "the
//!    IIN indicated in the request").
//! 5. (fixed) `an_expired_certificate_does_not_pass_condition_2_at_a_claimed_time` (was `defect_an_expired_certificate_passes_condition_2_at_a_claimed_time`): a
//!    certificate expired on 2026-01-01 signs with a back-dated signingTime
//!    (2025-06-01), and the request is judged at that time as a claim checked at
//!    2026-11-23 (`RequestTime::claimed`, what the service does with a request's `at`).
//!    With a CRL of the CA that keeps expired certificates (ExpiredCertsOnCRL), current at
//!    the time checked: VALID. `TimeSource::Claimed` says the signature "may have been
//!    made at any time up to checked_at", eleven months of which are after the
//!    certificate expired. Should be: not valid (invalid at the time checked, or
//!    indeterminate: its validity when it signed is not proven).
//! 6. (fixed) `a_certificate_revoked_for_affiliation_changed_does_not_pass_at_a_claimed_earlier_time` (was `defect_a_certificate_revoked_for_affiliation_changed_passes_at_a_claimed_earlier_time`):
//!    a company's employee whose certificate the CA revoked on 2026-06-01 for
//!    affiliationChanged (the current CRL says so) back-dates a request of the company to
//!    2026-05-01; judged at that claim, checked at 2026-11-23: VALID. The certificate
//!    condition counts only a compromise (or an invalidityDate before the claim) at a
//!    claimed time, a decision of the generic condition (tests/security.rs
//!    `an_invalidity_date_before_a_claimed_time_revokes`); condition 2, which checks the
//!    revoked list when the service is asked, is not that condition. Should be: invalid.
//!
//! Findings 5 and 6 share a cause and a fix: the request condition judges the whole
//! certificate condition at the claimed time only (`judge_cms`, `judge_xml` in
//! src/profiles/request/). Under `TimeSource::Claimed` it should also hold at
//! `checked_at` (validity and revocation), the worse outcome counting: a claim can never
//! make a request the regulation would refuse today valid. A time-stamp
//! (`TimeSource::TimeStamp`) is what places a signature in the past.
//!
//! Held (passing tests): a JSON form with the IIN twice (either order, the same IIN
//! twice too) is refused; an IIN written otherwise than 12 ASCII digits (full-width or
//! Arabic-Indic digits, "IIN" before it, text after, a space inside, 13 digits, a JSON
//! number) is refused; in XML a character reference or a CDATA section reads as the same
//! signed IIN, a character reference to another IIN as that IIN, and a comment inside it,
//! whitespace around it (as the form's XSD says) or the field twice are refused; a channel
//! the regulation does not provide, the provider's head for the provider's employee, the
//! portal claimed for an operator's signature, an employee of another organisation for the
//! centre's operator are refused; a profile without an EDS step is not applicable; an
//! expired certificate at a claimed time is not proven by a CRL issued after it expired
//! that keeps no expired certificates (indeterminate); an XML request at Akmola's centre
//! signed as Kalkan signs (the operator's signature, then the applicant's appended over
//! it) is valid and handed out, the operator's second signature in the applicant's place
//! and the operator alone are refused.

mod common;

use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::profiles::{
    check_request, check_signed_request, RequestIdentity, RequestTime, RequestVerdict,
    SignatureRole, SignedRequest, SignerRole,
};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall};

use common::forge::{self, Ca};
use common::pki;
use common::requests::*;

// ---------------------------------------------------------------------------------------
// Fixtures (beside those of tests/common/requests.rs, shared with tests/review55.rs)

fn judge_signed(id: &str, content: &[u8], who: &str, channel: &RequestIdentity) -> RequestVerdict {
    let s = signed(content, &[who]);
    check_signed_request(
        profile(id),
        SignedRequest::Cms {
            signed: &s,
            content: None,
        },
        channel,
        &common::rsa_verifier(),
        at(),
    )
    .unwrap()
}

/// `template` re-issued by the test PKI's issuing CA (its key kept) with a fresh serial
/// and `from` replaced by `to` (same length) in its subject.
fn reissued(template: &str, serial: u8, from: &str, to: &str) -> Certificate {
    reissued_as(&[0x54, 0x54, serial], template, from, to)
}

// ---------------------------------------------------------------------------------------
// Findings

/// Finding 1. Akmola's unemployment certificate at a centre: "the centre's employee signs
/// (process 8), the condition is checked, then the applicant signs (process 10)"; the
/// channel carries `service_center_operator`, then `applicant`, identity not stated.
///
/// What happens: `Step::assign_roles` (src/profiles/request/signers.rs) takes as the
/// applicant, under `IdentityRule::None`, any signer that is not proven an official; the
/// operator's own private person's certificate (same IIN as its employee certificate) is
/// "surely not an official" and becomes the applicant: VALID.
///
/// Should be: not valid. The IIN of a certificate names its holder whatever the rule
/// matches; a signer whose IIN is an assigned official's is that official, and cannot prove
/// another signature of the channel. Fix: in `assign_roles`, exclude from the applicant
/// every signer whose certificate IIN equals the IIN of a signer assigned an official role
/// (and, under any rule, require the signatures of one request to be of distinct persons).
///
/// Found by review 54 (was a defect). Fixed: `assign_roles` never takes as the applicant a signer whose IIN is an official signer's (`may_be_applicant`).
#[test]
fn the_operators_own_personal_signature_does_not_stand_for_the_applicants() {
    // The centre's operator (IIN 920315400010, employee of BIN 160440000075) also holds a
    // private person's signing certificate, as every citizen may: here `individual_sign`
    // re-issued with the operator's IIN.
    let personal = reissued(
        "individual_sign",
        1,
        &format!("IIN{APPLICANT_IIN}"),
        &format!("IIN{OPERATOR_IIN}"),
    );
    assert_eq!(personal.facts().iin, Some(iin(OPERATOR_IIN)));
    let operator = cert("roles/centre_operator");
    assert_eq!(operator.facts().iin, Some(iin(OPERATOR_IIN)));
    let (op_key, own_key) = (key("roles/centre_operator"), key("individual_sign"));
    let channel = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));

    // The control: the operator, then a real applicant (another person).
    let honest = signed_by(
        REQUEST,
        &[
            (&operator, &op_key),
            (&cert("individual_sign"), &key("individual_sign")),
        ],
    );
    let v = judge(TWO_AT_CENTRE, &honest, &channel);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());

    // The operator alone, with both of its certificates.
    let alone = signed_by(REQUEST, &[(&operator, &op_key), (&personal, &own_key)]);
    let v = judge(TWO_AT_CENTRE, &alone, &channel);
    let roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    eprintln!("roles: {roles:?}; verdict {:?}", v.overall());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "one person's two signatures passed as the operator's and the applicant's: {:#?}",
        v.checks()
    );
}

/// Finding 3. What happens: `verify --profile` (src/bin/qoltanba/verify.rs, `profile`)
/// calls `check_request` whenever `--iin`/`--bin` is given, and `check_request` never reads
/// the content; the signed form names another IIN than the one stated and matched: VALID.
/// The library's `check_signed_request` on the same request with the same identity refuses
/// it ("the IIN stated with the request is not the one the signed request carries").
///
/// Should be: invalid, as the library. Fix: when the content is available and reads as a
/// request document of the profile (its head names the profile), call
/// `check_signed_request` with the stated identity (which compares it with the form's);
/// keep `check_request` for a content that is not a request document. The same in
/// `under_profile` (src/server/native.rs), finding 4.
#[cfg(feature = "cli")]
///
/// Found by review 54 (was a defect). Fixed: `check_request` reads the signed content against the service's form and fails a stated IIN/BIN that is not the form's (`stated_against_form`, shared with `check_signed_request`).
#[test]
fn a_stated_iin_does_not_hide_the_iin_the_signed_form_carries() {
    // The applicant (IIN 123456789011) signs the service's form naming someone else.
    let form = filled(IIN_ONLY).with("iin", OTHER_IIN).to_xml().unwrap();
    let der = signed_der(
        &form,
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    let s = SignedData::from_input(&der).unwrap();
    let stated = RequestIdentity::individual(iin(APPLICANT_IIN));
    // The library, on the same request with the same identity: refused.
    let v = check_signed_request(
        profile(IIN_ONLY),
        SignedRequest::Cms {
            signed: &s,
            content: None,
        },
        &stated,
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // The library's other entry point, whose identity the caller states: the content is
    // the service's form, and the stated IIN is not the form's (the fix: refused too).
    assert_eq!(judge(IIN_ONLY, &s, &stated).overall(), Overall::Invalid);

    let dir = std::env::temp_dir().join(format!("qoltanba-review54-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("other.cms");
    std::fs::write(&file, &der).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .arg("verify")
        .arg(&file)
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .args(["--at", "2026-11-23T00:00:00Z", "--profile", IIN_ONLY])
        .args(["--iin", APPLICANT_IIN, "--json"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    eprintln!(
        "CLI: exit {:?}, verdict {}",
        out.status.code(),
        answer["verdict"]
    );
    assert_eq!(
        answer["verdict"], "invalid",
        "the CLI granted a request whose signed form names IIN {OTHER_IIN}, signed by {APPLICANT_IIN}: {answer:#}"
    );
}

/// An expired certificate at a claimed time in its validity, judged with the CA's current
/// CRL (issued after it expired, keeping no expired certificates): indeterminate, never
/// valid.
#[test]
fn held_an_expired_certificate_does_not_pass_condition_2_at_a_claimed_time() {
    // `expired.cer` (IIN 123456789011) was valid 2025-01-01 .. 2026-01-01; it signs a
    // request with a signingTime in 2025 and the time judged is that claim, checked at the
    // caller's clock 2026-11-23 (when the service is asked).
    let s = signed(REQUEST, &["expired"]);
    let request = RequestIdentity::individual(iin(APPLICANT_IIN));
    let claimed = RequestTime::claimed(common::time("2025-06-01T00:00:00Z"), at());
    let v = check_request(
        profile(IIN_ONLY),
        &s,
        None,
        &request,
        &common::rsa_verifier(),
        claimed,
    )
    .unwrap();
    // The control: at the caller's clock, expired.
    let now = judge(IIN_ONLY, &s, &request);
    assert_eq!(now.overall(), Overall::Invalid);
    eprintln!(
        "at the claimed time: {:?}, validity {:?}: {:#?}",
        v.overall(),
        outcome(&v, CheckName::Validity),
        v.checks()
    );
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a certificate expired at the time checked passed condition 2 at a claimed time: {:#?}",
        v.checks()
    );
}

/// Finding 5. The same claim where the CA's CRL keeps expired certificates
/// (ExpiredCertsOnCRL, as RFC 5280 §5.2.7 lets a CA do): the claimed time judges the
/// certificate in its validity period, although the time checked is eleven months after it
/// expired.
///
/// What happens: `RequestTime::claimed` reaches the certificate condition as
/// `TimeSource::Claimed`, which changes only how revocation is judged
/// (src/revocation/status/); the validity check judges `expect.at`, the claim: VALID.
///
/// Should be: not valid. Under `TimeSource::Claimed` "the signature may have been made at
/// any time up to checked_at": a certificate that expired before `checked_at` is not proven
/// valid when it signed. Fix (with finding 6): under a claimed time, the request
/// condition also judges the certificate at `checked_at` and counts the worse outcome;
/// condition 2 checks the period when the service is asked.
///
/// Found by review 54 (was a defect). Fixed: under a claimed time the request condition judges the certificates at the time checked too (`at_the_time_checked`), the worse counting.
#[test]
fn an_expired_certificate_does_not_pass_condition_2_at_a_claimed_time() {
    // CRL #101 of the issuing CA, current at the time checked, keeping every certificate
    // that expired since 2020 (ExpiredCertsOnCRL 2.5.29.60).
    let mut spec = forge::CrlSpec::complete(101, "261101000000Z", "270501000000Z");
    spec.extensions.push(forge::ext(
        &[0x55, 0x1d, 0x3c],
        false,
        &forge::gen_time("20200101000000Z"),
    ));
    let crl = Ca::nca_rsa().crl(&spec);
    let verifier = common::rsa_verifier_with_crls(&[crl], |b| b);
    // The holder of the expired key back-dates its signingTime; the provider's system
    // passes the request's own time as the time judged, a claim.
    let c = cert("expired");
    let req = SignRequest::new(&c, common::time("2025-06-01T00:00:00Z"));
    let s = SignedData::from_input(&sign(REQUEST, &req, &key("expired")).unwrap()).unwrap();
    let request = RequestIdentity::individual(iin(APPLICANT_IIN));
    let judge_at = |t: RequestTime| {
        check_request(profile(IIN_ONLY), &s, None, &request, &verifier, t).unwrap()
    };
    // The control: at the caller's clock, expired.
    let now = judge_at(RequestTime::given(at()));
    assert_eq!(now.overall(), Overall::Invalid, "{:#?}", now.checks());
    assert_eq!(outcome(&now, CheckName::Validity), Some(Outcome::Failed));
    // Judged at the signer's claim (its signingTime, 2025), checked now.
    let v = judge_at(RequestTime::claimed(
        common::time("2025-06-01T00:00:00Z"),
        at(),
    ));
    eprintln!("claimed: {:?}", v.overall());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a certificate expired 11 months before the time checked passed condition 2 at a claimed time: {:#?}",
        v.checks()
    );
}

/// Finding 4. The service with `"iin"` never reads the IIN the signed form carries either:
/// `under_profile` (src/server/native.rs) calls `check_request` when `iin`/`bin` is
/// stated. Should be: invalid, as without `"iin"` (the control) and as the library's
/// `check_signed_request` with the IIN stated.
///
/// Found by review 54 (was a defect). Fixed: as the CLI's (`check_request`).
#[test]
fn the_service_with_a_stated_iin_does_not_hide_the_iin_the_signed_form_carries() {
    let form = filled(IIN_ONLY).with("iin", OTHER_IIN).to_xml().unwrap();
    let der = signed_der(
        &form,
        &[(&cert("individual_sign"), &key("individual_sign"))],
    );
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let cms = b64(&der);
    // Without "iin": the form's IIN is read, and refused (the control).
    let (status, read) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "profile": IIN_ONLY}).to_string(),
    );
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["verdict"]["verdict"], "invalid", "{read:#}");
    // With the signer's IIN stated beside it.
    let (status, stated) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "profile": IIN_ONLY, "iin": APPLICANT_IIN}).to_string(),
    );
    assert_eq!(status, 200, "{stated}");
    eprintln!("service, iin stated: {}", stated["verdict"]["verdict"]);
    assert_eq!(
        stated["verdict"]["verdict"], "invalid",
        "the service granted a request whose signed form names IIN {OTHER_IIN}: {stated:#}"
    );
}

/// Finding 2. What happens: the head's certificate is not an official's (its role is the
/// first head's, not the profile's `employee`), so `official_check` fails and
/// `assign_roles` takes it as the applicant under `IdentityRule::None`: VALID.
///
/// Should be: not valid: a legal entity's certificate of the very centre whose operator
/// signs is the centre's, not the applicant's. Fix: under `IdentityRule::None`, a signer
/// carrying the BIN of the service centre or of the provider (given by the caller) is not
/// the applicant; with finding 1's fix, one signer per person.
///
/// Found by review 54 (was a defect). Fixed: `assign_roles` never takes as the applicant a certificate of the centre's or the provider's BIN the caller named.
#[test]
fn the_centres_own_head_does_not_stand_for_the_applicant() {
    // `roles/provider_head` (a legal entity's certificate, first-head role) re-issued with
    // the centre's BIN: the head of the very service centre whose operator signs.
    let head = reissued(
        "roles/provider_head",
        2,
        &format!("BIN{PROVIDER}"),
        &format!("BIN{CENTRE}"),
    );
    assert_eq!(head.facts().bin, Some(bin(CENTRE)));
    let operator = cert("roles/centre_operator");
    let channel = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let s = signed_by(
        REQUEST,
        &[
            (&operator, &key("roles/centre_operator")),
            (&head, &key("roles/provider_head")),
        ],
    );
    let v = judge(TWO_AT_CENTRE, &s, &channel);
    let roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    eprintln!("roles: {roles:?}; verdict {:?}", v.overall());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "the centre's operator and the centre's head passed as the operator and the applicant: {:#?}",
        v.checks()
    );
}

// ---------------------------------------------------------------------------------------
// Attacks that held

/// A JSON form naming the IIN twice (the applicant's, then another): refused whichever
/// comes first, never settled by keeping one.
#[test]
fn held_a_json_form_with_the_iin_twice_is_refused() {
    let base = filled(IIN_ONLY).with("iin", APPLICANT_IIN).to_json();
    for second in [OTHER_IIN, APPLICANT_IIN] {
        let twice = base.replacen('{', &format!("{{\"iin\":\"{second}\","), 1);
        assert_ne!(twice, base);
        let v = judge_signed(
            IIN_ONLY,
            twice.as_bytes(),
            "individual_sign",
            &RequestIdentity::unnamed(),
        );
        assert_eq!(v.overall(), Overall::Invalid, "{twice}: {:#?}", v.checks());
        assert_eq!(outcome(&v, CheckName::RequestForm), Some(Outcome::Failed));
        assert!(v.verified_content().is_none());
    }
    // The control.
    let v = judge_signed(
        IIN_ONLY,
        base.as_bytes(),
        "individual_sign",
        &RequestIdentity::unnamed(),
    );
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The form's IIN written otherwise than as 12 ASCII digits: Unicode digits (full-width,
/// Arabic-Indic), text around it, a JSON number, digits split by a space: refused as the
/// form's value, never read as the applicant's IIN.
#[test]
fn held_an_iin_written_otherwise_is_refused() {
    for written in [
        "１２３４５６７８９０１１",
        "١٢٣٤٥٦٧٨٩٠١١",
        "IIN123456789011",
        "123456789011 (ИИН)",
        "123456 789011",
        "1234567890110",
    ] {
        let json = filled(IIN_ONLY).with("iin", written).to_json();
        let v = judge_signed(
            IIN_ONLY,
            json.as_bytes(),
            "individual_sign",
            &RequestIdentity::unnamed(),
        );
        assert_eq!(
            v.overall(),
            Overall::Invalid,
            "{written}: {:#?}",
            v.checks()
        );
        assert_eq!(outcome(&v, CheckName::RequestForm), Some(Outcome::Failed));
    }
    let json = filled(IIN_ONLY)
        .with("iin", APPLICANT_IIN)
        .to_json()
        .replace(&format!("\"{APPLICANT_IIN}\""), APPLICANT_IIN);
    let v = judge_signed(
        IIN_ONLY,
        json.as_bytes(),
        "individual_sign",
        &RequestIdentity::unnamed(),
    );
    assert_eq!(v.overall(), Overall::Invalid, "{json}: {:#?}", v.checks());
}

/// A channel the regulation does not provide (Kokpekti guardianship: no provider channel)
/// is refused even with the provider's own employee; the provider's head is not the
/// employee the regulation names (the profile's official role); an operator of another
/// organisation is not the centre's.
#[test]
fn held_a_claimed_channel_or_official_the_signatures_do_not_prove_is_refused() {
    let by_employee = signed(REQUEST, &["roles/provider_employee"]);
    let v = judge(
        "kokpekti-guardianship-certificate",
        &by_employee,
        &RequestIdentity::individual(iin(APPLICANT_IIN))
            .certified_by(SignerRole::ProviderEmployee)
            .provider(bin(PROVIDER)),
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::Signers), Some(Outcome::Failed));

    let provider_channel = RequestIdentity::individual(iin(APPLICANT_IIN))
        .certified_by(SignerRole::ProviderEmployee)
        .provider(bin(PROVIDER));
    let v = judge(IIN_ONLY, &by_employee, &provider_channel);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let by_head = signed(REQUEST, &["roles/provider_head"]);
    let v = judge(IIN_ONLY, &by_head, &provider_channel);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::SignerRole), Some(Outcome::Failed));

    // The portal claimed for a request the centre's operator signed.
    let by_operator = signed(REQUEST, &["roles/centre_operator"]);
    let v = judge(
        IIN_ONLY,
        &by_operator,
        &RequestIdentity::individual(iin(APPLICANT_IIN)),
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // The centre channel with another organisation's employee.
    let by_other = signed(REQUEST, &["roles/other_employee"]);
    let v = judge(
        IIN_ONLY,
        &by_other,
        &RequestIdentity::individual(iin(APPLICANT_IIN))
            .certified_by(SignerRole::ServiceCenterOperator)
            .service_center(bin(CENTRE)),
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
}

/// A regulation without an EDS step answers "not applicable", never a verdict.
#[test]
fn held_a_profile_without_an_eds_step_is_not_applicable() {
    let s = signed(REQUEST, &["individual_sign"]);
    let p = profile("akmola-targeted-social-assistance");
    assert!(!p.requires_eds());
    assert!(check_request(
        p,
        &s,
        None,
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at()
    )
    .is_err());
    assert!(check_signed_request(
        p,
        SignedRequest::Cms {
            signed: &s,
            content: None
        },
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at()
    )
    .is_err());
}

/// The XML form's IIN written with XML's own equivalents (a character reference, a CDATA
/// section): read as the same IIN, judged on what the signature covers; a character
/// reference to another IIN is that other IIN; a comment splitting it, whitespace around
/// it (as the form's XSD has it) or the field twice is refused, never read as an IIN.
#[test]
fn held_an_xml_iin_in_xmls_own_spellings_is_read_as_signed() {
    let xml = String::from_utf8(
        filled(IIN_ONLY)
            .with("iin", APPLICANT_IIN)
            .to_xml()
            .unwrap(),
    )
    .unwrap();
    let plain = format!("<iin>{APPLICANT_IIN}</iin>");
    assert!(xml.contains(&plain), "{xml}");
    let run = |iin_element: &str| {
        let doc = xml.replace(&plain, iin_element);
        let signed = qoltanba::xmldsig::sign(
            doc.as_bytes(),
            &cert("individual_sign"),
            &key("individual_sign"),
        )
        .unwrap();
        check_signed_request(
            profile(IIN_ONLY),
            SignedRequest::Xml(&signed),
            &RequestIdentity::unnamed(),
            &common::rsa_verifier(),
            at(),
        )
        .unwrap()
    };
    for same in [
        format!("<iin>&#49;{}</iin>", &APPLICANT_IIN[1..]),
        format!("<iin><![CDATA[{APPLICANT_IIN}]]></iin>"),
    ] {
        let v = run(&same);
        eprintln!("{same}: {:?}", v.overall());
        assert_eq!(v.overall(), Overall::Valid, "{same}: {:#?}", v.checks());
        assert_eq!(v.compared()[0].value(), APPLICANT_IIN);
    }
    for other in [
        format!("<iin>&#x39;{}</iin>", &OTHER_IIN[1..]),
        "<iin>1234<!-- -->56789011</iin>".to_string(),
        // Whitespace around it: refused, as the published XSD (xs:string, pattern
        // [0-9]{12}, whitespace preserved) refuses it.
        format!("<iin> {APPLICANT_IIN}\n</iin>"),
        format!("<iin>{APPLICANT_IIN}</iin><iin>{APPLICANT_IIN}</iin>"),
    ] {
        let v = run(&other);
        eprintln!("{other}: {:?}", v.overall());
        assert_eq!(v.overall(), Overall::Invalid, "{other}: {:#?}", v.checks());
    }
}

/// Finding 6. A company's employee (its certificate `legal_sign` re-issued, BIN
/// 123456789021) leaves the company; the CA revokes the certificate on 2026-06-01 for
/// affiliationChanged, and the CA's current CRL says so. The former employee, who still
/// holds the key, signs a request of the company with a back-dated signingTime
/// (2026-05-01), and the request is judged at that time as a claim, checked at 2026-11-23.
///
/// What happens: under `TimeSource::Claimed` only a compromise reason (or an
/// invalidityDate at or before the claim) counts whenever dated
/// (src/condition/expectation.rs, src/revocation/status/); affiliationChanged after the
/// claim does not: VALID, the revoked certificate's signature granted the company's
/// service.
///
/// Should be: invalid. Condition 2 checks "the absence of the registration certificate
/// from the list of revoked certificates" when the service is asked; a claimed time proves
/// nothing ("the signature may have been made at any time up to checked_at"), and the holder
/// of a key revoked for any reason can back-date a request as easily as a thief. The
/// generic condition's decision (tests/security.rs
/// `an_invalidity_date_before_a_claimed_time_revokes`) may stand for a plain signature; the
/// request condition should, under `TimeSource::Claimed`, also judge the certificate at
/// `checked_at` (judge_cms / judge_xml in src/profiles/request/) and count the worse.
///
/// Found by review 54 (was a defect). Fixed: as finding 5's (`at_the_time_checked`).
#[test]
fn a_certificate_revoked_for_affiliation_changed_does_not_pass_at_a_claimed_earlier_time() {
    let serial = [0x54, 0x54, 3];
    let der = Ca::nca_rsa().reissue(&cert_der("legal_sign"), |tbs| {
        tbs.serial = forge::int(&serial);
    });
    let employee = Certificate::from_input(&der).unwrap();
    let spec = forge::CrlSpec::complete(101, "261101000000Z", "270501000000Z").entries(vec![
        forge::crl_entry(&serial, "260601000000Z", &[forge::reason(3)]),
    ]);
    let verifier = common::rsa_verifier_with_crls(&[Ca::nca_rsa().crl(&spec)], |b| b);
    let req = SignRequest::new(&employee, common::time("2026-05-01T00:00:00Z"));
    let s = SignedData::from_input(&sign(REQUEST, &req, &key("legal_sign")).unwrap()).unwrap();
    let request = RequestIdentity::legal_entity(bin("123456789021"));
    let judge_at = |t: RequestTime| {
        check_request(
            profile("vko-archive-certificate"),
            &s,
            None,
            &request,
            &verifier,
            t,
        )
        .unwrap()
    };
    // The control: at the caller's clock, revoked.
    let now = judge_at(RequestTime::given(at()));
    assert_eq!(now.overall(), Overall::Invalid, "{:#?}", now.checks());
    assert_eq!(outcome(&now, CheckName::Revocation), Some(Outcome::Failed));
    let v = judge_at(RequestTime::claimed(
        common::time("2026-05-01T00:00:00Z"),
        at(),
    ));
    eprintln!("claimed: {:?}", v.overall());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a certificate revoked (affiliationChanged) before the time checked passed condition 2 at a claimed earlier time: {:#?}",
        v.checks()
    );
}

/// An honest XML request at Akmola's centre, signed as Kalkan signs it: the operator's
/// enveloped signature, then the applicant's appended after it (covering it): valid, the
/// request read and handed out; the same two signatures with the applicant's replaced by
/// the operator's own second signature are refused.
#[test]
fn held_an_xml_request_with_the_operators_then_the_applicants_signature() {
    let xml = filled(TWO_AT_CENTRE).to_xml().unwrap();
    let by_operator = qoltanba::xmldsig::sign(
        &xml,
        &cert("roles/centre_operator"),
        &key("roles/centre_operator"),
    )
    .unwrap();
    let channel = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let run = |doc: &[u8]| {
        check_signed_request(
            profile(TWO_AT_CENTRE),
            SignedRequest::Xml(doc),
            &channel,
            &common::rsa_verifier(),
            at(),
        )
        .unwrap()
    };
    let both = qoltanba::xmldsig::sign(
        &by_operator,
        &cert("individual_sign"),
        &key("individual_sign"),
    )
    .unwrap();
    let v = run(&both);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(v.verified_request().is_some());
    assert!(v.verified_content().is_some());
    let twice = qoltanba::xmldsig::sign(
        &by_operator,
        &cert("roles/centre_operator"),
        &key("roles/centre_operator"),
    )
    .unwrap();
    let v = run(&twice);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // The operator alone.
    let v = run(&by_operator);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}
