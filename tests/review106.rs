//! Review 106 (hostile, within the hour of the fixes), tests only: the fixes of reviews 104
//! and 105 attacked.
//!
//! Reviewed: `7494e75` (src/profiles/request/presents.rs `presents_as_request`, `as_text`,
//! `unescaped`, `doctype_names_request`, `after_comments`, `first_object_members`,
//! `lenient_head_member`, `scalar_follows`; src/cms/timestamps.rs `predates_certificate`
//! and its callers in src/cms/signer.rs and src/xmldsig/judge/mod.rs), `2b93831`
//! (src/bin/qoltanba/files.rs `refuse_out_over`, `same_file`; read), `d5d8995`
//! (src/revocation/status/rules.rs; read), the condition cache `Document::condition`
//! (src/cms/verify.rs; read), and, for review 104's rule that an error quotes no byte of an
//! input that may be a secret, the other readers of the command line's files
//! (src/bin/qoltanba/serve.rs `serve`, src/bin/qoltanba/document.rs `from_form`).
//!
//! Material: the test PKI (`individual_sign`, IIN 123456789011, the applicant; its
//! container `individual_sign.p12` and `legal_sign.p12` for the command line), the
//! embedded profile kokpekti-unemployment-certificate (IIN only), its form filled naming
//! another IIN (900101300007), signed attached by the applicant with `cms::sign` and judged
//! with `check_request` under the applicant's IIN stated (the threat: the applicant signs
//! the service's form naming another person, the caller states the applicant's IIN, a
//! lenient downstream reader reads the other IIN out of the signed content). Time judged:
//! 2026-11-23T00:00:00Z.
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_json5_form_with_an_escaped_name_is_refused_under_a_stated_iin` (was
//!    `defect_a_json5_form_with_an_escaped_name_passes_under_a_stated_iin`) (false VALID): the form
//!    with its first member name bare and spelled with a JSON5 identifier escape (`{ \u0073chema:
//!    1, "profile": ..., "iin": "900101300007", ...}`; JSON5 (ES5 IdentifierName) reads it as
//!    `schema`) is not JSON, so `lenient_head_member` scans it, meets the backslash outside a
//!    string and gives up ("RTF"): VALID under the applicant's IIN. Right: not valid
//!    (`request_form` failed). Fault: `lenient_head_member` (a `\u` escape where a member name
//!    stands is a name, not RTF; decode it, give up only on a backslash not followed by `u` and
//!    four hex digits).
//! 2. (fixed) `a_json_form_after_a_hash_comment_is_refused_under_a_stated_iin` (was
//!    `defect_a_json_form_after_a_hash_comment_passes_under_a_stated_iin`) (false VALID): `# ...`
//!    line before the form (Jackson's ALLOW_YAML_COMMENTS, Hjson, YAML readers that take JSON):
//!    `after_comments` skips only `/* */` and `//`, the body does not begin with `{`: VALID. Right:
//!    not valid. Fault: `after_comments` (skip `#` to the line's end too).
//! 3. (fixed) `a_bom_json_form_with_one_stray_octet_is_refused_under_a_stated_iin` (was
//!    `defect_a_bom_json_form_with_one_stray_octet_passes_under_a_stated_iin`) (false VALID): the
//!    form in UTF-8 with a byte order mark, one octet of a free-text value not UTF-8 (0xFF):
//!    `as_text` falls back to one character per octet, so the BOM becomes `ï»¿` (not U+FEFF, not
//!    whitespace) and the body does not begin with `{`. .NET's `StreamReader` (what Newtonsoft.Json
//!    reads through) and Python's `errors="replace"` replace the octet with U+FFFD and read the
//!    form with its IIN: VALID. Right: not valid. Fault: `as_text` (strip the octets EF BB BF
//!    before the single-byte fallback).
//! 4. (fixed) `an_xml_form_with_entities_under_another_doctype_name_is_refused` (was
//!    `defect_an_xml_form_with_entities_under_another_doctype_name_passes_under_a_stated_iin`)
//!    (false VALID): the XML form whose `xmlns` is `&a;&b;` (entities spelling the namespace) under
//!    `<!DOCTYPE x [...]>`: the DOCTYPE's name is no well-formedness constraint (only a validity
//!    one), expat (Python's ElementTree), libxml2 and .NET's XmlReader with DTDs parsed expand the
//!    entities and read `request` in the request namespace with its IIN; `doctype_names_request`
//!    looks only at the DOCTYPE's name: VALID. Right: not valid. Fault: `doctype_names_request`
//!    (look at the document element's local name after the DOCTYPE, or refuse any internal subset
//!    declaring entities in XML whose root is `request`).
//! 5. (fixed) `a_json_form_wrapped_in_an_array_is_refused_under_a_stated_iin` (was
//!    `defect_a_json_form_wrapped_in_an_array_passes_under_a_stated_iin`) (false VALID):
//!    `[{"schema": 1, "profile": ..., "iin": "900101300007", ...}]`, which Jackson with
//!    UNWRAP_SINGLE_VALUE_ARRAYS binds to the request type as the object itself:
//!    `presents_as_request` looks only at a body beginning with `{`: VALID. Right: not valid.
//!    Fault: `presents_as_request` (look into the first element of a top-level array).
//! 6. (fixed) `a_tax_declaration_naming_its_form_code_is_plain_under_the_signers_iin` (was
//!    `defect_a_tax_declaration_naming_its_form_code_is_refused_under_the_signers_iin`) (false
//!    refusal): a tax declaration as JSON (`{"form": "270.00", "period": "2026", "iin":
//!    "123456789011", ...}`: no `schema`, no `profile`) signed by the applicant, under the
//!    applicant's own IIN stated, is refused (`request_form` failed: "schema"):
//!    `first_object_members` counts `form` alone with any string. "270.00" is no form number
//!    (Jackson's and System.Text.Json's integer readers refuse the string, and no service has a
//!    form 270), and nothing in it names the service or the request format: it presents itself as
//!    no request (review 55's rule). Right: VALID (plain content). Fault: `first_object_members` /
//!    `lenient_head_member` (count `form` only with an integer value, or only beside `schema` or
//!    `profile`).
//! 7. (fixed) `an_xml_form_without_its_namespace_is_refused_under_a_stated_iin` (was
//!    `defect_an_xml_form_without_its_namespace_passes_under_a_stated_iin`) (false VALID): the XML
//!    form with its `xmlns` left out (`<request schema="1" profile="kokpekti-..."><iin>
//!    900101300007</iin>...`): its head (the document element `request`, `schema`, `profile` naming
//!    this service) is all there, and Jackson's XmlMapper, which binds by local name and ignores
//!    namespaces by default, reads it with its IIN; our reader refuses it (no namespace) and
//!    `presents_as_request` finds no namespace text, no DOCTYPE, no JSON: VALID. Right: not valid
//!    (review 55: the request schema in its head, any profile). Fault: `presents_as_request` (XML
//!    whose document element's local name is `request` with a `schema` or `profile` attribute
//!    presents as a request).
//! 8. (fixed) `serve_quotes_no_password_from_its_config_file` (was
//!    `defect_serve_quotes_a_password_from_its_config_file`) (secret leaked): `serve --config`
//!    given the key's password file (review 104's finding 6, on another input), or a configuration
//!    whose key store has `password = "Qwerty12"` where `password_file` belongs: the start-up error
//!    (stderr, the service's journal) carries the TOML reader's message, which quotes the offending
//!    line: the password. Right: refused, the file named, the line and column at most, no text of
//!    it. Fault: `serve` in src/bin/qoltanba/serve.rs (`toml::from_str`'s error put in the message
//!    as is; give its `message()` and line/column, never its snippet, and no value of an unknown
//!    key).
//! 9. (fixed) `document_issue_quotes_no_digit_password_given_as_its_fields` (was
//!    `defect_document_issue_quotes_a_digit_password_given_as_its_fields`) (secret leaked):
//!    `document issue --fields pin.txt` (or `--values`), the file a password of digits (a PIN): "a
//!    JSON object of strings is expected (invalid type: integer `20261123`, expected a map ...)".
//!    Right: refused without the value. Fault: `from_form` in src/bin/qoltanba/document.rs
//!    (serde_json's `invalid type` quotes the scalar; say the JSON type and position only, from
//!    `e.classify()`, `e.line()`, `e.column()`, as the service's `json_body` already does for the
//!    same reason).
//!
//! Held (`held_` tests): `sign -o` through a symbolic or a hard link to the password file
//! or the key container is refused, nothing written (`same_file` compares device and
//! inode); the spellings review 105's fix added are refused (a `/* */` comment, `SCHEMA`,
//! bare names, entities under a DOCTYPE named `request`); plain content stays plain under
//! the signer's own IIN (a JSON5 note whose escapes stand in string values, a Markdown
//! text, a CSV line, a JavaScript snippet, a JSON array of objects without a head). Read,
//! not tested: `predates_certificate` takes genTime + accuracy (an upper bound, capped at
//! the time checked), so a token whose accuracy carries the bound past notBefore proves
//! nothing against the signer; a signature whose CMS names a certificate issued after the
//! token's time (a renewal with the same key) is rightly refused (it names a certificate
//! the CA had not yet vouched for, and ESS signing-certificate binds that one); XAdES-T
//! calls the same function with the same bound. A CRL issued after the certificate expired
//! proving nothing even for a time judged before the expiry follows RFC 5280 §3.3 (an
//! entry may be dropped after the first CRL issued beyond the validity period), and
//! ExpiredCertsOnCRL equal to notAfter keeps it (`Crl::covers`: "at or after"). The
//! condition cache key holds every `Expectation` field that differs between the signers,
//! countersigners and tokens of one document (purpose and checksum are the caller's); the
//! at-proven-time condition is no longer asked, so no second key is in play.
#![cfg(feature = "server")]

mod common;

use std::path::Path;
use std::process::Output;

use common::cli::{qoltanba, tmp};
use common::pki;
use common::requests as rq;
use qoltanba::cms::SignedData;
use qoltanba::profiles::{
    check_signed_request, RequestDocument, RequestIdentity, RequestVerdict, SignedRequest,
};
use qoltanba::Judged as _;
use qoltanba::Overall;

use rq::{APPLICANT_IIN, IIN_ONLY, OTHER_IIN};

// ---------------------------------------------------------------------------------------
// Fixtures

/// `content` signed (attached) by the applicant (IIN 123456789011).
fn by_applicant(content: &[u8]) -> SignedData {
    rq::signed(content, &["individual_sign"])
}

/// The request judged with the IIN read from the signed form (no IIN stated).
fn read_from_form(s: &SignedData) -> RequestVerdict {
    check_signed_request(
        rq::profile(IIN_ONLY),
        SignedRequest::Cms {
            signed: s,
            content: None,
        },
        &RequestIdentity::unnamed(),
        &common::rsa_verifier(),
        rq::at(),
    )
    .unwrap()
}

/// The request judged under the applicant's IIN stated beside it.
fn under_stated_iin(s: &SignedData) -> RequestVerdict {
    rq::judge(
        IIN_ONLY,
        s,
        &RequestIdentity::individual(rq::iin(APPLICANT_IIN)),
    )
}

/// `IIN_ONLY`'s form naming `OTHER_IIN`, as JSON.
fn other_iin_json() -> String {
    rq::filled(IIN_ONLY).with("iin", OTHER_IIN).to_json()
}

/// `IIN_ONLY`'s form naming `OTHER_IIN`, as XML (UTF-8).
fn other_iin_xml() -> String {
    let xml = rq::filled(IIN_ONLY)
        .with("iin", OTHER_IIN)
        .to_xml()
        .unwrap();
    String::from_utf8(xml).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn show_request(v: &RequestVerdict) -> String {
    let mut out = format!("{:?}", v.overall());
    for c in v.checks() {
        out += &format!("\n  {:?} {:?}: {}", c.name(), c.outcome(), c.reason());
    }
    out
}

/// The form a lenient reader takes names `OTHER_IIN`; ours refuses it; the applicant
/// signed it; under the applicant's IIN stated it must not be VALID.
fn refused_under_stated_iin(form: &[u8], what: &str) {
    assert!(
        RequestDocument::read(rq::profile(IIN_ONLY), form).is_err(),
        "{what}: our reader reads it"
    );
    let s = by_applicant(form);
    let read = read_from_form(&s);
    assert_ne!(read.overall(), Overall::Valid, "{what}: read from the form");
    let v = under_stated_iin(&s);
    eprintln!("{what}: stated {}", show_request(&v));
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{what}: the applicant ({APPLICANT_IIN}) signed the form naming {OTHER_IIN}, \
         VALID under the stated {APPLICANT_IIN}"
    );
}

/// Content that is not the service's form, signed by the applicant: VALID under the
/// applicant's own IIN stated.
fn plain_under_stated_iin(content: &[u8], what: &str) {
    let v = under_stated_iin(&by_applicant(content));
    assert_eq!(
        v.overall(),
        Overall::Valid,
        "{what}: {:?}: {}",
        String::from_utf8_lossy(content),
        show_request(&v)
    );
}

// ---------------------------------------------------------------------------------------
// Findings: presents_as_request

/// JSON5 reads an IdentifierName with `\uXXXX` escapes as the name it spells (JSON5 spec
/// §3, ES5.1 §7.6): `\u0073chema` is `schema`.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn a_json5_form_with_an_escaped_name_is_refused_under_a_stated_iin() {
    let json = other_iin_json();
    assert!(json.contains("\"schema\""), "{json}");
    let json5 = json.replacen("\"schema\"", "\\u0073chema", 1);
    refused_under_stated_iin(json5.as_bytes(), "JSON5 escaped bare name");
}

/// Jackson's `JsonReadFeature.ALLOW_YAML_COMMENTS` (and Hjson) skip `#` to the line's
/// end, as they skip `//`.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn a_json_form_after_a_hash_comment_is_refused_under_a_stated_iin() {
    let form = format!("# заявление\n{}", other_iin_json());
    refused_under_stated_iin(form.as_bytes(), "a # comment first");
}

/// A UTF-8 form with a byte order mark and one octet not UTF-8 in a free-text value:
/// readers that replace invalid octets (.NET's StreamReader, Python's `errors="replace"`)
/// read the form with its IIN.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn a_bom_json_form_with_one_stray_octet_is_refused_under_a_stated_iin() {
    let json = other_iin_json();
    let at = json.find("Аружан").expect("a free-text value") + "Аружан".len();
    let mut form = vec![0xEF, 0xBB, 0xBF];
    form.extend_from_slice(&json.as_bytes()[..at]);
    form.push(0xFF);
    form.extend_from_slice(&json.as_bytes()[at..]);
    assert!(std::str::from_utf8(&form).is_err());
    refused_under_stated_iin(&form, "BOM and one stray octet");
}

/// The DOCTYPE's name need not match the document element for a non-validating parser
/// (XML 1.0 §2.8, "Root Element Type" is a validity constraint): the entities are
/// expanded all the same.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn an_xml_form_with_entities_under_another_doctype_name_is_refused() {
    let xml = other_iin_xml();
    let body = xml
        .split_once("?>")
        .map_or(xml.as_str(), |(_, b)| b)
        .replacen("urn:qoltanba:request:1", "&a;&b;", 1);
    let form = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE x [<!ENTITY a \"urn:qoltanba:\"><!ENTITY b \"request:1\">]>{body}"
    );
    assert!(!form.contains("urn:qoltanba:request:1"));
    refused_under_stated_iin(form.as_bytes(), "entities under DOCTYPE x");
}

/// Jackson's `DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS` binds `[{...}]` to the
/// request type as the object it holds.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn a_json_form_wrapped_in_an_array_is_refused_under_a_stated_iin() {
    let form = format!("[{}]", other_iin_json().trim_end());
    refused_under_stated_iin(form.as_bytes(), "wrapped in an array");
}

/// Jackson's XmlMapper (jackson-dataformat-xml) binds elements and attributes by local
/// name, namespaces ignored: the form with its `xmlns` left out is read with its IIN.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn an_xml_form_without_its_namespace_is_refused_under_a_stated_iin() {
    let xml = other_iin_xml();
    let ns = "xmlns=\"urn:qoltanba:request:1\" ";
    assert!(xml.contains(ns), "{xml}");
    let form = xml.replacen(ns, "", 1);
    assert!(form.contains("<request schema=\"1\" profile=\""), "{form}");
    refused_under_stated_iin(form.as_bytes(), "no namespace");
}

/// A tax declaration (form 270.00 of the State Revenue Committee) as JSON, naming the
/// signer's own IIN, signed by the signer: no schema, no profile, and a `form` no reader
/// can bind to a form number (not an integer). It presents itself as no request.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads JSON5 `\u` escapes and `#` comments, replaces octets
/// that are not UTF-8, looks into a top-level array, and takes XML whose root is `request` with a
/// head attribute, a DOCTYPE or an `iin`/`bin` element; `form` counts only with a whole number.
#[test]
fn a_tax_declaration_naming_its_form_code_is_plain_under_the_signers_iin() {
    let declaration = br#"{"form": "270.00", "period": "2026", "iin": "123456789011",
        "income": "1200000"}"#;
    plain_under_stated_iin(declaration, "tax declaration 270.00");
}

// ---------------------------------------------------------------------------------------
// Findings: secrets quoted by error messages

const PASSWORD: &str = "Qwerty12";

fn all_output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `serve --config` given the key's password file, or a configuration with the password
/// written inline in a key store's table (`password = ..` where `password_file` belongs):
/// the TOML reader's error quotes the line, and the line is the password.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `serve` (src/bin/qoltanba/serve.rs) reports a
/// configuration error by line and column only.
#[test]
fn serve_quotes_no_password_from_its_config_file() {
    let d = tmp("serve-config");
    let pw = d.join("pw");
    std::fs::write(&pw, format!("{PASSWORD}\n")).unwrap();
    let config = d.join("qoltanba.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\n[key_stores.main]\nfile = \"{}\"\n\
             password = \"{PASSWORD}\"\n",
            pki("individual_sign.p12").display()
        ),
    )
    .unwrap();
    for file in [&pw, &config] {
        let o = qoltanba(&["serve", "--config", s(file)]);
        let all = all_output(&o);
        assert!(!o.status.success(), "{}: {all}", file.display());
        assert!(
            !all.contains(PASSWORD),
            "{}: the password is quoted: {all}",
            file.display()
        );
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// `document issue --fields` given a password file whose password is digits (a PIN): the
/// JSON reader's error ("invalid type: integer `20261123`, expected a map") quotes it.
///
/// Found by review 106 (was a defect). Fixed: Fixed: `from_form` (src/bin/qoltanba/document.rs)
/// reports serde's error kind, line and column only.
#[test]
fn document_issue_quotes_no_digit_password_given_as_its_fields() {
    let d = tmp("issue-fields-pin");
    let pin = "20261123";
    let (pw, key_pw) = (d.join("pin.txt"), d.join("pw"));
    std::fs::write(&pw, format!("{pin}\n")).unwrap();
    std::fs::write(&key_pw, format!("{PASSWORD}\n")).unwrap();
    let out = d.join("out.pdf");
    let p12 = pki("legal_sign.p12");
    let nca = pki("nca_rsa.cer");
    for option in ["--fields", "--values"] {
        let o = qoltanba(&[
            "document",
            "issue",
            option,
            s(&pw),
            "--profile",
            "vko-archive-certificate",
            "--key",
            s(&p12),
            "--password-file",
            s(&key_pw),
            "--chain",
            s(&nca),
            "--at",
            "2026-11-23T00:00:00Z",
            "-o",
            s(&out),
        ]);
        let all = all_output(&o);
        assert!(!o.status.success(), "{option}: {all}");
        assert!(!all.contains(pin), "{option}: the PIN is quoted: {all}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

// ---------------------------------------------------------------------------------------
// Held

/// The spellings review 105's fix added are refused.
#[test]
fn held_the_spellings_the_fix_added_are_refused() {
    let json = other_iin_json();
    refused_under_stated_iin(format!("/* c */\n{json}").as_bytes(), "a block comment");
    refused_under_stated_iin(
        json.replacen("\"schema\"", "\"SCHEMA\"", 1).as_bytes(),
        "upper case",
    );
    let bare = json
        .replacen("\"schema\"", "schema", 1)
        .replacen("\"profile\"", "Profile", 1);
    refused_under_stated_iin(bare.as_bytes(), "bare names");
    let xml = other_iin_xml();
    let body = xml
        .split_once("?>")
        .map_or(xml.as_str(), |(_, b)| b)
        .replacen("urn:qoltanba:request:1", "&a;&b;", 1);
    let form = format!(
        "<!DOCTYPE request [<!ENTITY a \"urn:qoltanba:\"><!ENTITY b \"request:1\">]>{body}"
    );
    refused_under_stated_iin(form.as_bytes(), "entities under DOCTYPE request");
}

/// Ordinary content that is no form stays plain under the signer's own IIN.
#[test]
fn held_ordinary_content_stays_plain() {
    let cases: [(&str, &[u8]); 5] = [
        (
            "JSON5 note, escapes in strings",
            br"{ note: 'form\u003a 3', author: 'x', }",
        ),
        (
            "Markdown",
            b"# Application\n\nPlease issue form 3 {as agreed}, `schema: 1`.\n",
        ),
        ("CSV", b"iin,form,schema\n123456789011,3,1\n"),
        (
            "JavaScript",
            b"function f() { return { a: 1 }; }\nconst form = 'x';",
        ),
        (
            "a JSON array of objects without a head",
            br#"[{"name":"x","iin":"123456789011"}]"#,
        ),
    ];
    for (what, content) in cases {
        plain_under_stated_iin(content, what);
    }
}

/// `sign -o` naming the password file or the key container through a symbolic link or a
/// hard link: refused, nothing written (`same_file` compares device and inode).
#[cfg(unix)]
#[test]
fn held_sign_out_through_links_to_the_key_files_is_refused() {
    let d = tmp("out-links");
    let doc = d.join("doc.txt");
    std::fs::write(&doc, b"review 106\n").unwrap();
    let pw = d.join("pw");
    std::fs::write(&pw, format!("{PASSWORD}\n")).unwrap();
    let original = std::fs::read(pki("individual_sign.p12")).unwrap();
    let p12 = d.join("key.p12");
    std::fs::write(&p12, &original).unwrap();
    let (soft_pw, hard_pw, soft_key, hard_key) = (
        d.join("soft-pw"),
        d.join("hard-pw"),
        d.join("soft-key"),
        d.join("hard-key"),
    );
    std::os::unix::fs::symlink(&pw, &soft_pw).unwrap();
    std::fs::hard_link(&pw, &hard_pw).unwrap();
    std::os::unix::fs::symlink(&p12, &soft_key).unwrap();
    std::fs::hard_link(&p12, &hard_key).unwrap();
    for out in [&soft_pw, &hard_pw, &soft_key, &hard_key] {
        let o = qoltanba(&[
            "sign",
            s(&doc),
            "--key",
            s(&p12),
            "--password-file",
            s(&pw),
            "-o",
            s(out),
        ]);
        assert!(!o.status.success(), "{}: {}", out.display(), all_output(&o));
        assert_eq!(std::fs::read(&p12).unwrap(), original, "{}", out.display());
        assert_eq!(
            std::fs::read_to_string(&pw).unwrap(),
            format!("{PASSWORD}\n"),
            "{}",
            out.display()
        );
    }
    let _ = std::fs::remove_dir_all(&d);
}
