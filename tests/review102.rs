//! Review 102 (hostile), tests only: condition 2's identity match and where the IIN/BIN it
//! compares come from.
//!
//! Reviewed: `certificate::Subject::from_name` (`iin_of`, `bin_of`: serialNumber "IIN" +
//! 12 digits, OU "BIN" + 12 digits), `condition::identity_match` and `identity_checks`
//! (src/condition.rs), `Expectation` (src/condition/expectation.rs), the request condition
//! (src/profiles/request/judge.rs `check_request`, `identity_checks`, `official_check`,
//! `request_shape`; signed.rs `check_signed_request`, `stated_against_form`,
//! `presents_as_request`; signers.rs `assign_roles`), the form reader
//! (src/profiles/form/request_document.rs `RequestDocument::read`, read.rs `read_json`,
//! `read_xml`), the CLI's `verify --profile --iin` and the service's `/v1/verify` with
//! `profile` and `iin` (src/server/native.rs `under_profile`). Reviews 33, 51, 54, 55 and
//! 57 read first; their attacks are not repeated.
//!
//! Material: the test PKI (`test-vectors/pki/`: `individual_sign`, IIN 123456789011, whose
//! check digit fails as NCA test IINs do; `individual_sign_valid_iin`; `legal_sign`, BIN
//! 123456789021), certificates re-issued by its issuing CA with an edited subject
//! (`common::requests::reissued_as`), the embedded profiles and forms
//! (kokpekti-unemployment-certificate: IIN only; vko-archive-certificate: IIN or BIN;
//! akmola-home-schooling-support: no identity match), requests signed attached with
//! `cms::sign`; the service in process, the CLI binary. Time judged:
//! 2026-11-23T00:00:00Z.
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_bom_json_form_naming_another_iin_is_refused_under_a_stated_iin` (was
//!    `defect_a_bom_json_form_hides_another_iin_under_a_stated_iin`) (false VALID): the applicant
//!    (IIN 123456789011) signs the service's JSON form naming another IIN (900101300007), with a
//!    UTF-8 byte order mark in front and one field the form does not have. Read from the form
//!    (`check_signed_request`): invalid. With the applicant's IIN stated (`check_request`): VALID,
//!    `request_form` absent, and the verified content handed out applies for someone else. Review
//!    55's fix refuses the same form without the BOM: `presents_as_request` parses the bytes with
//!    serde_json, which refuses a BOM, while `RequestDocument::read` itself strips one and reads
//!    the form. Right answer: not valid (`request_form` failed, as without the BOM).
//! 2. (fixed) `the_service_refuses_a_bom_json_form_naming_another_iin_under_a_stated_iin` (was
//!    `defect_the_service_passes_a_bom_json_form_naming_another_iin_under_a_stated_iin`) (false
//!    VALID): finding 1 through `/v1/verify` with `"profile"` and `"iin"`: "valid" (without
//!    `"iin"`: "invalid").
//! 3. (fixed) `a_json_form_with_a_huge_number_is_refused_under_a_stated_iin` (was
//!    `defect_a_json_form_with_a_huge_number_hides_another_iin_under_a_stated_iin`) (false VALID):
//!    the form (no BOM) with an extra member `"remark": 1e400`: valid JSON (RFC 8259 leaves the
//!    range to the reader; Jackson reads it as a double) that serde_json's `Value` refuses, so
//!    `presents_as_request` answers false and the stated IIN is compared with nothing: VALID.
//!    Right: not valid.
//! 4. (fixed) `an_xml_form_with_its_namespace_by_reference_is_refused_under_a_stated_iin` (was
//!    `defect_an_xml_form_with_its_namespace_by_reference_hides_another_iin`) (false VALID): the
//!    XML form whose `xmlns` is written `urn:qoltanba:request&#58;1`: the reader takes it (the form
//!    reads and names 900101300007), but `presents_as_request` looks for the namespace's bytes.
//!    With one unknown element added: read from the form invalid, stated VALID. Right: not valid.
//! 5. (fixed) `a_utf16_xml_form_is_refused_under_a_stated_iin` (was
//!    `defect_a_utf16_xml_form_hides_another_iin_under_a_stated_iin`) (false VALID): the XML form
//!    in UTF-16 (BOM, `encoding="UTF-16"`), which every XML 1.0 processor must read (§4.3.3): the
//!    reader refuses it ("not UTF-8", so read from the form: invalid), `presents_as_request` does
//!    not see the namespace in UTF-16, stated: VALID. Right: not valid (the library need not read
//!    UTF-16, but what it cannot read as a request that announces itself as one must not pass under
//!    a stated IIN).
//! 6. (fixed) `a_json_form_with_text_after_it_is_refused_under_a_stated_iin` (was
//!    `defect_a_json_form_with_text_after_it_hides_another_iin_under_a_stated_iin`) (false VALID):
//!    a complete, well-formed form (no unknown field) followed by a second JSON text on the next
//!    line (JSON Lines; a streaming reader such as Jackson's `readTree` reads the first and leaves
//!    the rest): both the reader and `presents_as_request` refuse the trailing text, so the stated
//!    IIN is compared with nothing: VALID. Right: not valid.
//! 7. (fixed) `the_cli_refuses_a_bom_json_form_naming_another_iin_under_a_stated_iin` (was
//!    `defect_the_cli_passes_a_bom_json_form_naming_another_iin_under_a_stated_iin`) (false VALID):
//!    finding 1 through `qoltanba verify --profile .. --iin`: "valid", exit 0 (without `--iin`:
//!    "invalid", exit 1).
//!
//!    Findings 1-7 share one cause: `check_request` (src/profiles/request/judge.rs) treats
//!    content the form reader refuses as opaque unless `presents_as_request`
//!    (src/profiles/request/signed.rs) says it is a request, and that test is not the
//!    reader's front end (BOM, encodings, character references, a JSON value serde_json's
//!    `Value` can hold, trailing text). Suggested fix: decide "presents as a request" with
//!    the reader's own front end and a permissive head scan (strip a BOM; recognise UTF-16/
//!    UTF-32 by BOM or declaration; for XML, the document element's namespace after
//!    parsing, or the namespace's text with references resolved; for JSON, the first
//!    object's top-level keys read by a tokenizer that neither builds numbers nor requires
//!    the end of input); or, stricter, refuse under a stated IIN/BIN any content that is
//!    not UTF-8 text without the head tokens, i.e. content a form reader could read.
//! 8. (fixed) `a_stated_iin_is_refused_under_a_regulation_without_identity` (was
//!    `defect_a_stated_iin_is_dropped_under_a_regulation_without_identity`) (false VALID, a check
//!    that cannot fail): under akmola-home-schooling-support (identity = "none") a request stating
//!    IIN 900101300007 signed by 123456789011 (plain content): VALID in the library and the
//!    service, no `iin_match` check at all. The route's documentation says of `"iin"` "the signer's
//!    certificate must carry them" and the CLI's `--iin` "the certificate's IIN must equal it"; and
//!    `request_shape` refuses (NotPermitted) a BIN stated under an IIN-only regulation rather than
//!    dropping it. Cause: `identity_checks` (judge.rs) filters the stated IIN/BIN by the rule, and
//!    `request_shape` has no arm for `IdentityRule::None` with a stated identifier. Right: not
//!    valid (a stated IIN or BIN under a regulation without identity match refused as
//!    `request_shape` refuses a BIN under IIN-only, or matched as stated). Fixed: matched
//!    as stated (`identity_checks`).
//!
//! Held (`held_` tests): a BOM JSON form and an XML form with its namespace by reference
//! that read are compared with the stated IIN (another IIN refused, the signer's valid,
//! either way); a certificate whose IIN is spelled "iin…" or "INN…", or whose
//! "IIN123456789011" value sits in a CN instead of a serialNumber, gives no IIN and fails
//! the stated IIN; a legal entity's "BIN…" value in O instead of OU gives no BIN and fails
//! the stated BIN under an IIN-or-BIN regulation (the genuine certificate valid); an
//! expectation of IIN and BIN matches both (either wrong: invalid), a BIN expected of a
//! private person's certificate is missing (invalid), the strict check digit refuses the
//! test IIN and takes a valid one, and lenient mode matches the test IIN. Read and not
//! re-tested (held by reading): role OIDs are matched exactly (`NcaRole::from_oid`:
//! 1.2.398.3.3.4.1.2.5.1 or .25 is `Other`, never `Employee`), an official must carry the
//! legal-entity role and the caller's BIN (`official_check`, `Subject.bin` None when
//! ambiguous), a duplicate extension (two extendedKeyUsage) is refused by the parser, and
//! the subject's IIN/BIN are never read from the issuer, the CN, subjectAltName or O.
//!
//! Remark (not a failing test): a JSON document with the form's fields but no head
//! (`{"iin": "900101300007", ...}`) is opaque to `check_request` by design (read, not
//! run: `presents_as_request` looks for the head), so it would pass under a stated IIN of
//! the signer; a caller binding it to the form's fields reads another IIN.
#![cfg(feature = "server")]

mod common;

use qoltanba::profiles::{
    check_request, check_signed_request, RequestDocument, RequestIdentity, RequestVerdict,
    SignedRequest,
};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall};

use common::requests::*;

// ---------------------------------------------------------------------------------------
// Fixtures

/// The applicant's (IIN 123456789011) signing certificate and key.
fn applicant() -> (Certificate, qoltanba::keys::SigningKey) {
    (cert("individual_sign"), key("individual_sign"))
}

/// `content` signed (attached) by the applicant.
fn by_applicant(content: &[u8]) -> qoltanba::cms::SignedData {
    let (c, k) = applicant();
    signed_by(content, &[(&c, &k)])
}

/// The request judged with the IIN read from the signed form (no IIN stated).
fn read_from_form(id: &str, s: &qoltanba::cms::SignedData) -> RequestVerdict {
    check_signed_request(
        profile(id),
        SignedRequest::Cms {
            signed: s,
            content: None,
        },
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap()
}

/// The request judged under the applicant's IIN stated beside it (`check_request`, what
/// `verify --profile --iin` and `/v1/verify` with `"iin"` call).
fn under_stated_iin(id: &str, s: &qoltanba::cms::SignedData) -> RequestVerdict {
    check_request(
        profile(id),
        s,
        None,
        &RequestIdentity::individual(iin(APPLICANT_IIN)),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap()
}

/// `IIN_ONLY`'s form naming `OTHER_IIN`, as JSON.
fn other_iin_json() -> String {
    filled(IIN_ONLY).with("iin", OTHER_IIN).to_json()
}

/// `IIN_ONLY`'s form naming `OTHER_IIN`, as XML (UTF-8).
fn other_iin_xml() -> String {
    String::from_utf8(filled(IIN_ONLY).with("iin", OTHER_IIN).to_xml().unwrap()).unwrap()
}

/// `json` with one member the form does not have, first.
fn with_remark(json: &str, value: &str) -> String {
    let out = json.replacen('{', &format!("{{\"remark\":{value},"), 1);
    assert_ne!(out, json);
    out
}

/// `xml` with one element the form does not have, first in the request.
fn xml_with_remark(xml: &str) -> String {
    let open = xml.find("<request").unwrap();
    let end = open + xml[open..].find('>').unwrap() + 1;
    format!("{}<remark>срочно</remark>{}", &xml[..end], &xml[end..])
}

/// Does the verdict refuse (anything but valid), saying so.
fn refuses(v: &RequestVerdict, what: &str) {
    eprintln!(
        "{what}: {:?}, request_form {:?}",
        v.overall(),
        outcome(v, CheckName::RequestForm)
    );
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{what}: the applicant ({APPLICANT_IIN}) signed a request naming {OTHER_IIN}, \
         judged VALID: {:#?}",
        v.checks()
    );
}

// ---------------------------------------------------------------------------------------
// Findings

/// Finding 1: a JSON form with a byte order mark and one unknown field.
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn a_bom_json_form_naming_another_iin_is_refused_under_a_stated_iin() {
    let form = format!("\u{FEFF}{}", with_remark(&other_iin_json(), "\"срочно\""));
    // The form reader takes a BOM (it strips it) and refuses the unknown field.
    assert!(RequestDocument::read(profile(IIN_ONLY), form.as_bytes()).is_err());
    let s = by_applicant(form.as_bytes());
    refuses(&read_from_form(IIN_ONLY, &s), "read from the form");
    // Review 55's fix without the BOM holds.
    let plain = with_remark(&other_iin_json(), "\"срочно\"");
    refuses(
        &under_stated_iin(IIN_ONLY, &by_applicant(plain.as_bytes())),
        "stated, no BOM",
    );
    refuses(&under_stated_iin(IIN_ONLY, &s), "stated, with a BOM");
}

/// Finding 2: finding 1 through `/v1/verify` with `"iin"`.
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn the_service_refuses_a_bom_json_form_naming_another_iin_under_a_stated_iin() {
    let form = format!("\u{FEFF}{}", with_remark(&other_iin_json(), "\"срочно\""));
    let (c, k) = applicant();
    let cms = b64(&signed_der(form.as_bytes(), &[(&c, &k)]));
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
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
        "the service granted a form naming {OTHER_IIN} under the stated {APPLICANT_IIN}: \
         {stated:#}"
    );
}

/// Finding 3: a JSON form with a member serde_json's `Value` cannot hold (1e400).
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn a_json_form_with_a_huge_number_is_refused_under_a_stated_iin() {
    let form = with_remark(&other_iin_json(), "1e400");
    assert!(RequestDocument::read(profile(IIN_ONLY), form.as_bytes()).is_err());
    let s = by_applicant(form.as_bytes());
    refuses(&read_from_form(IIN_ONLY, &s), "read from the form");
    refuses(&under_stated_iin(IIN_ONLY, &s), "stated");
}

/// Finding 4: an XML form whose namespace is written with a character reference.
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn an_xml_form_with_its_namespace_by_reference_is_refused_under_a_stated_iin() {
    let xml = other_iin_xml().replacen("urn:qoltanba:request:1", "urn:qoltanba:request&#58;1", 1);
    // The reader takes the namespace so written (the form reads and names OTHER_IIN).
    let doc = RequestDocument::read(profile(IIN_ONLY), xml.as_bytes()).unwrap();
    assert_eq!(doc.iin(), Some(iin(OTHER_IIN)));
    let form = xml_with_remark(&xml);
    assert!(RequestDocument::read(profile(IIN_ONLY), form.as_bytes()).is_err());
    let s = by_applicant(form.as_bytes());
    refuses(&read_from_form(IIN_ONLY, &s), "read from the form");
    refuses(&under_stated_iin(IIN_ONLY, &s), "stated");
}

/// Finding 5: the service's XML form in UTF-16 (with its BOM and declaration).
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn a_utf16_xml_form_is_refused_under_a_stated_iin() {
    let xml = other_iin_xml().replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let mut bytes = vec![0xFF, 0xFE];
    for u in xml.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let s = by_applicant(&bytes);
    refuses(&read_from_form(IIN_ONLY, &s), "read from the form");
    refuses(&under_stated_iin(IIN_ONLY, &s), "stated");
}

/// Finding 6: a complete JSON form followed by a second JSON text (JSON Lines, or text a
/// streaming reader leaves unread).
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn a_json_form_with_text_after_it_is_refused_under_a_stated_iin() {
    let form = format!("{}\n{{\"note\":\"копия\"}}\n", other_iin_json());
    assert!(RequestDocument::read(profile(IIN_ONLY), form.as_bytes()).is_err());
    let s = by_applicant(form.as_bytes());
    refuses(&read_from_form(IIN_ONLY, &s), "read from the form");
    refuses(&under_stated_iin(IIN_ONLY, &s), "stated");
}

/// Finding 7: finding 1 through `qoltanba verify --profile .. --iin`.
///
/// Found by review 102 (was a defect). Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads past a byte order mark, UTF-16, character references
/// and JSON escapes in the namespace, numbers no f64 holds and text after the first JSON value.
#[test]
fn the_cli_refuses_a_bom_json_form_naming_another_iin_under_a_stated_iin() {
    let form = format!("\u{FEFF}{}", with_remark(&other_iin_json(), "\"срочно\""));
    let (c, k) = applicant();
    let der = signed_der(form.as_bytes(), &[(&c, &k)]);
    let dir = std::env::temp_dir().join(format!("qoltanba-review102-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bom.cms");
    std::fs::write(&file, &der).unwrap();
    let run = |stated: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"));
        cmd.arg("verify")
            .arg(&file)
            .arg("--trust")
            .arg(common::pki("root.cer"))
            .arg("--intermediate")
            .arg(common::pki("nca_rsa.cer"))
            .arg("--crl")
            .arg(common::pki("nca_rsa_current.crl"))
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
        (answer["verdict"].clone(), out.status.code())
    };
    let (read, stated) = (run(false), run(true));
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("CLI: read from the form {read:?}, --iin stated {stated:?}");
    assert_ne!(read.0, "valid");
    assert_ne!(
        stated.0, "valid",
        "the CLI granted a form naming {OTHER_IIN} under --iin {APPLICANT_IIN} (exit {:?})",
        stated.1
    );
}

/// Akmola's home-schooling regulation: the identity match is not stated (identity none).
const NO_IDENTITY: &str = "akmola-home-schooling-support";

/// Finding 8: an IIN stated under a regulation that states no identity match is dropped:
/// the applicant's certificate of another IIN passes (library and service).
///
/// Found by review 102 (was a defect). Fixed: `identity_checks`
/// (src/profiles/request/judge.rs) matches an IIN or BIN stated under `IdentityRule::None`
/// with the applicant's certificate (the signer's own IIN stated: valid, checked).
#[test]
fn a_stated_iin_is_refused_under_a_regulation_without_identity() {
    let s = by_applicant(REQUEST);
    // The same signer, nothing stated: valid (the regulation's own answer).
    let v = check_request(
        profile(NO_IDENTITY),
        &s,
        None,
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // A BIN stated under an IIN-only regulation is refused, not dropped.
    let v = check_request(
        profile(IIN_ONLY),
        &s,
        None,
        &RequestIdentity {
            bin: Some(bin(CENTRE)),
            ..RequestIdentity::individual(iin(APPLICANT_IIN))
        },
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // Another person's IIN stated.
    let v = check_request(
        profile(NO_IDENTITY),
        &s,
        None,
        &RequestIdentity::individual(iin(OTHER_IIN)),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    eprintln!(
        "library, {OTHER_IIN} stated: {:?}, iin_match {:?}",
        v.overall(),
        outcome(&v, CheckName::IinMatch)
    );
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let (c, k) = applicant();
    let cms = b64(&signed_der(REQUEST, &[(&c, &k)]));
    let (status, answer) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "profile": NO_IDENTITY, "iin": OTHER_IIN}).to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    eprintln!(
        "service, {OTHER_IIN} stated: {}",
        answer["verdict"]["verdict"]
    );
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "IIN {OTHER_IIN} stated, certificate of {APPLICANT_IIN}: {:#?}",
        v.checks()
    );
    assert_ne!(answer["verdict"]["verdict"], "valid", "{answer:#}");
    assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Failed));
    // The signer's own IIN stated: compared, and valid.
    let v = check_request(
        profile(NO_IDENTITY),
        &s,
        None,
        &RequestIdentity::individual(iin(APPLICANT_IIN)),
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Passed));
}

// ---------------------------------------------------------------------------------------
// Held

/// A BOM JSON form and a by-reference namespace XML form that read are compared with the
/// stated IIN: naming another IIN refused, naming the signer's valid.
#[test]
fn held_forms_that_read_are_compared_with_the_stated_iin() {
    let json = format!("\u{FEFF}{}", other_iin_json());
    let xml = other_iin_xml().replacen("urn:qoltanba:request:1", "urn:qoltanba:request&#58;1", 1);
    for form in [json.as_bytes(), xml.as_bytes()] {
        let s = by_applicant(form);
        refuses(&under_stated_iin(IIN_ONLY, &s), "stated, form reads");
        refuses(&read_from_form(IIN_ONLY, &s), "read, form reads");
    }
    let own_json = format!(
        "\u{FEFF}{}",
        filled(IIN_ONLY).with("iin", APPLICANT_IIN).to_json()
    );
    let s = by_applicant(own_json.as_bytes());
    let v = under_stated_iin(IIN_ONLY, &s);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let v = read_from_form(IIN_ONLY, &s);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The certificate's IIN spelled otherwise ("iin", "INN"), or its serialNumber made a CN
/// (the value "IIN123456789011" kept): no IIN, the stated IIN not matched.
#[test]
fn held_an_iin_outside_a_serial_number_iin_value_proves_nothing() {
    let (_, k) = applicant();
    let variants: [(u8, &str, &str); 3] = [
        (1, "IIN123456789011", "iin123456789011"),
        (2, "IIN123456789011", "INN123456789011"),
        (3, "U\u{4}\u{5}", "U\u{4}\u{3}"),
    ];
    for (serial, from, to) in variants {
        let c = reissued_as(&[0x66, 0x02, serial], "individual_sign", from, to);
        assert_eq!(c.facts().iin, None, "{to:?}");
        let s = signed_by(REQUEST, &[(&c, &k)]);
        let v = judge(
            IIN_ONLY,
            &s,
            &RequestIdentity::individual(iin(APPLICANT_IIN)),
        );
        assert_ne!(v.overall(), Overall::Valid, "{to:?}: {:#?}", v.checks());
        assert_eq!(
            outcome(&v, CheckName::IinMatch),
            Some(Outcome::Failed),
            "{to:?}"
        );
    }
}

/// A legal entity's certificate whose "BIN…" value is in O, not OU: no BIN, the stated
/// BIN not matched (IIN-or-BIN regulation).
#[test]
fn held_a_bin_in_o_proves_nothing() {
    let c = reissued_as(&[0x66, 0x03, 1], "legal_sign", "U\u{4}\u{b}", "U\u{4}\u{a}");
    assert_eq!(c.facts().bin, None);
    let s = signed_by(REQUEST, &[(&c, &key("legal_sign"))]);
    let v = judge(
        "vko-archive-certificate",
        &s,
        &RequestIdentity::legal_entity(bin("123456789021")),
    );
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::BinMatch), Some(Outcome::Failed));
    // The genuine certificate is matched (no false refusal).
    let s = signed(REQUEST, &["legal_sign"]);
    let v = judge(
        "vko-archive-certificate",
        &s,
        &RequestIdentity::legal_entity(bin("123456789021")),
    );
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The core identity match (`identity_match`, `identity_checks`): an IIN and a BIN
/// expected are both matched; a BIN expected of a private person's certificate is missing;
/// the strict check digit refuses the test PKI's IIN and takes a valid one.
#[test]
fn held_an_expectation_of_iin_and_bin_matches_both_and_strict_check_digits() {
    use qoltanba::cms::VerifyOptions;
    use qoltanba::{ChecksumPolicy, Expectation};
    let judged = |who: &str, expect: Expectation| {
        signed(REQUEST, &[who])
            .verify(&common::rsa_verifier(), &VerifyOptions::new(expect))
            .overall()
    };
    let legal = |i: &str, b: &str| Expectation::at(at()).iin(iin(i)).bin(bin(b));
    assert_eq!(
        judged("legal_sign", legal(APPLICANT_IIN, "123456789021")),
        Overall::Valid
    );
    assert_eq!(
        judged("legal_sign", legal(OTHER_IIN, "123456789021")),
        Overall::Invalid
    );
    assert_eq!(
        judged("legal_sign", legal(APPLICANT_IIN, CENTRE)),
        Overall::Invalid
    );
    let private_bin = Expectation::at(at()).bin(bin("123456789021"));
    assert_eq!(judged("individual_sign", private_bin), Overall::Invalid);
    let strict = |i: &str| {
        Expectation::at(at())
            .iin(iin(i))
            .checksum(ChecksumPolicy::Strict)
    };
    assert_ne!(
        judged("individual_sign", strict(APPLICANT_IIN)),
        Overall::Valid
    );
    let good = cert("individual_sign_valid_iin").facts().iin.unwrap();
    assert!(good.checksum_valid());
    assert_eq!(
        judged("individual_sign_valid_iin", strict(good.as_str())),
        Overall::Valid
    );
    // Lenient: the test IIN is matched (no false refusal of NCA test certificates).
    let lenient = Expectation::at(at()).iin(iin(APPLICANT_IIN));
    assert_eq!(judged("individual_sign", lenient), Overall::Valid);
}
