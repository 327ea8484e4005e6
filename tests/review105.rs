//! Review 105 (hostile, within the hour of the fixes), tests only: the fixes of reviews 102
//! and 103 attacked.
//!
//! Reviewed: `0ee1bd1` (src/profiles/request/presents.rs `presents_as_request`,
//! `as_text`, `unescaped`, `first_object_members`, `names_a_head_member`; judge.rs
//! `check_request`, `identity_checks`, `request_shape`; signers.rs `judge_signers`,
//! `assign_roles`' `identity_holds` under identity "none"), `0bf7a73`
//! (src/cms/timestamps.rs `fails_only_on_tsa_standing`, `failed_at_proven_time`; its callers
//! in src/cms/signer.rs and src/xmldsig/judge/mod.rs; the condition cache
//! `Document::condition` in src/cms/verify.rs and its `ConditionKey`) and `b6c1b8a`
//! (`null_as_default`, src/server/mod.rs; read only).
//!
//! Material: the test PKI (`individual_sign`, IIN 123456789011, the applicant;
//! `individual_sign_valid_iin`, 900101300007; `roles/centre_operator` of the centre
//! 160440000075), the embedded profiles (kokpekti-unemployment-certificate: IIN only,
//! akmola-home-schooling-support and akmola-unemployment-certificate: identity "none"),
//! requests signed attached with `cms::sign`, the service in process; tokens of the test
//! TSA built byte by byte (`common::tokens`), CRLs of the issuing CA forged with its key.
//! Time judged: 2026-11-23T00:00:00Z.
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_utf32_xml_form_naming_another_iin_is_refused_under_a_stated_iin` (was
//!    `defect_a_utf32_xml_form_naming_another_iin_passes_under_a_stated_iin`) (false VALID): the
//!    service's XML form naming 900101300007, in UTF-32 LE (BOM FF FE 00 00, `encoding="UTF-32"`;
//!    XML 1.0 Appendix F, Xerces reads it), signed by the applicant, under the applicant's IIN
//!    stated: VALID. `as_text` takes FF FE for UTF-16 LE, so the decoded text is NUL-interleaved
//!    and the namespace is never seen. Right: not valid (`request_form` failed), as for UTF-16.
//! 2. (fixed) `an_xml_form_with_its_namespace_in_entities_is_refused_under_a_stated_iin` (was
//!    `defect_an_xml_form_with_its_namespace_in_entities_passes_under_a_stated_iin`) (false VALID):
//!    the XML form whose `xmlns` is `&a;&b;`, two internal entities of its DOCTYPE ("urn:qoltanba:"
//!    and "request:1"), which libxml2, expat, .NET and Xerces expand: the namespace's text appears
//!    nowhere, our reader refuses the DOCTYPE: VALID under the stated IIN. Right: not valid (a
//!    DOCTYPE declaring entities in content that is XML naming `request` presents as a request).
//! 3. (fixed) `a_cp1251_json_form_naming_another_iin_is_refused_under_a_stated_iin` (was
//!    `defect_a_cp1251_json_form_naming_another_iin_passes_under_a_stated_iin`) (false VALID): the
//!    JSON form in windows-1251 (not UTF-8: `as_text` answers `None` and nothing else is looked
//!    at), which a reader decoding windows-1251, or .NET's `Encoding.UTF8.GetString` (invalid
//!    octets replaced, no error), reads with its IIN: VALID. Right: not valid.
//! 4. (fixed) `a_json_form_after_a_comment_is_refused_under_a_stated_iin` (was
//!    `defect_a_json_form_after_a_comment_passes_under_a_stated_iin`) (false VALID): `/* .. */` or
//!    `// ..` before the form (Jackson ALLOW_COMMENTS, JSON5, Newtonsoft.Json read it): the body
//!    does not begin with `{`, so no head scan is run: VALID. Right: not valid.
//! 5. (fixed) `a_json_form_with_capitalised_head_is_refused_under_a_stated_iin` (was
//!    `defect_a_json_form_with_capitalised_head_passes_under_a_stated_iin`) (false VALID):
//!    `"Schema"`, `"Profile"` (ASP.NET Core's web JSON defaults and Jackson's
//!    ACCEPT_CASE_INSENSITIVE_PROPERTIES match names case-insensitively): `first_object_members`
//!    compares exactly: VALID. Right: not valid.
//!
//!    Findings 1-5: `presents_as_request` (src/profiles/request/presents.rs) still
//!    enumerates spellings. Suggested fix: invert it under a stated IIN/BIN: content is
//!    plain only when it is UTF-8 (a BOM allowed) that is neither XML (first non-space
//!    character `<`, after comments) nor JSON-like (`{` after comments), or when it is
//!    proven not to be the form; anything else our reader refuses (other encodings,
//!    DOCTYPEs, comments before `{`, names differing only by case) is refused; at least
//!    recognise UTF-32 by BOM and by `00 00 00 3C`/`3C 00 00 00`, skip comments before `{`,
//!    compare head names ASCII-case-insensitively and treat non-UTF-8 text as refused.
//! 6. (fixed) `a_portal_json_with_a_profile_object_is_plain_under_a_stated_iin` (was
//!    `defect_a_portal_json_with_a_profile_object_is_refused_under_a_stated_iin`) (false refusal;
//!    review 55's rule, kept by the fix): a portal's consent JSON whose top-level `profile` is an
//!    object (the user's profile) is refused under the signer's own IIN ("request_form failed:
//!    invalid type: map"); no reader takes an object for the form's profile id. Right: VALID (plain
//!    content). Fix: a head member counts only with a value of the head's type (a string or
//!    number).
//! 7. (fixed) `an_rtf_letter_saying_form_is_plain_under_a_stated_iin` (was
//!    `defect_an_rtf_letter_saying_form_is_refused_under_a_stated_iin`) (false refusal, introduced
//!    by 0ee1bd1): an RTF letter (RTF begins with `{`) saying "Applicant data enclosed, form:
//!    3-NDS" is refused under its signer's own IIN: `names_a_head_member` takes ", form:" in prose
//!    for a member name. Before the fix: VALID (plain). Right: VALID. Fix: for non-JSON text
//!    beginning with `{`, look for a head name only where a lenient JSON reader would take a member
//!    name (after `{` or `,` at nesting depth 1, outside strings), and not in text that is not
//!    JSON-like at all (`{\rtf`).
//! 8. (fixed) `a_late_stamp_inside_a_hold_leaves_an_honest_signer_valid` (was
//!    `defect_a_late_stamp_inside_a_hold_makes_an_honest_signer_invalid`) (false refusal,
//!    introduced by 0bf7a73): the signature made (claimed) at 08:30, the certificate put on hold at
//!    09:00 and released since, the document time-stamped late at 10:00. Under `TimePolicy::Given`
//!    (the default) the signer is now INVALID ("revocation failed at 2026-11-20T10:00, the time a
//!    signature time-stamp proves the signature existed by"). A token is an upper bound only (RFC
//!    3161: the datum existed before genTime); it proves the signature was made before a time (so
//!    "not yet valid" at genTime + accuracy is proof against it), never after one: an expiry, a
//!    revocation or a hold in force at the bound proves nothing against a signature that may
//!    predate it. Right: not INVALID (VALID at the time given, as before the fix, or INDETERMINATE
//!    as ETSI EN 319 102-1 gives "REVOKED_NO_POE"). At fault: `failed_at_proven_time`
//!    (src/cms/timestamps.rs), which counts every check failed at the proven time. Fix: count only
//!    a failed `validity` whose cause is notBefore after the proven bound (and a revocation whose
//!    time, or invalidityDate, precedes the earliest possible signing time, which a token cannot
//!    give); report the rest as unknown.
//! 9. (fixed) `a_stamp_after_expiry_leaves_a_signer_claimed_in_validity_as_claimed` (was
//!    `defect_a_stamp_after_expiry_makes_a_signer_claimed_in_validity_invalid`) (false refusal,
//!    introduced by 0bf7a73; finding 8's cause): `expired` (valid 2025) signs at 2025-12-31T23:00
//!    (claimed), the document is stamped 2026-01-02. Under `ClaimedSigningTime` the verdict was the
//!    claim's (INDETERMINATE here, revocation unknown); now INVALID, with `validity` both passed
//!    (at the claim) and failed ("at 2026-01-02, the time a signature time-stamp proves the
//!    signature existed by: expired"), though the token is consistent with the claim and proves
//!    nothing after the expiry. Right: not INVALID (the claim's verdict). Same fix as 8.
//!
//! Held (`held_` tests): a JSON form with a duplicate `schema` member, with escaped head
//! names (our reader reads and compares them), in UTF-16 BE with a BOM, the XML form in
//! UTF-16 LE without a BOM and its namespace by a hex reference, and the namespace with a
//! trailing space are not valid under another stated IIN; plain content (a nested
//! `profile`, prose saying "форма:", XML in another namespace) stays valid. Under identity
//! "none" the centre's channel with the applicant's IIN stated is valid in either order of
//! the operator's and the applicant's signatures (the same as with nothing stated), another
//! IIN or the operator's IIN is not valid, a BIN stated of the applicant's private
//! certificate is not valid; two co-signers on the portal with one of them holding the
//! stated IIN are not valid in either order (the library and `/v1/verify`; CMS sorts the
//! SignerInfos anyway). A token of a TSA revoked before genTime whose imprint is not this
//! signature's still fails the signer (not excused as "only the TSA's standing"), while
//! with the right imprint it proves no time (not VALID under `TimeStamp`, VALID under
//! `Given`). Read, not tested: `ConditionKey` holds every field of `Expectation` that
//! differs between calls in one document (purpose and checksum are the caller's, the same
//! for every signer and countersigner); the XML and PDF paths keep no condition cache;
//! the at-proven-time check of XAdES-T mirrors CMS's (iin/bin cleared, time source
//! TimeStamp); NCANode's `revocationCheck` read as `null` is ignored as it is when absent
//! (the field is unused), and the signing routes' `null` options fall to their defaults.
#![cfg(feature = "server")]

mod common;

use common::forge::{self, Ca, CrlSpec};
use common::requests as rq;
use common::tokens as tk;
use qoltanba::cms::{SignRequest, SignedData, SignerVerdict, TimePolicy};
use qoltanba::profiles::{
    check_signed_request, RequestDocument, RequestIdentity, RequestVerdict, SignedRequest,
    SignerRole,
};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall, Verifier};

use rq::{APPLICANT_IIN, CENTRE, IIN_ONLY, OTHER_IIN, REQUEST, TWO_AT_CENTRE};

// ---------------------------------------------------------------------------------------
// Fixtures: signed requests

/// Akmola's home-schooling regulation: no identity match stated (identity none).
const NO_IDENTITY: &str = "akmola-home-schooling-support";

/// `content` signed (attached) by the applicant (IIN 123456789011).
fn by_applicant(content: &[u8]) -> SignedData {
    rq::signed(content, &["individual_sign"])
}

/// The request judged with the IIN read from the signed form (no IIN stated).
fn read_from_form(id: &str, s: &SignedData) -> RequestVerdict {
    check_signed_request(
        rq::profile(id),
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
fn under_stated_iin(id: &str, s: &SignedData) -> RequestVerdict {
    rq::judge(id, s, &RequestIdentity::individual(rq::iin(APPLICANT_IIN)))
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

fn show_request(v: &RequestVerdict) -> String {
    let mut out = format!("{:?}", v.overall());
    for c in v.checks() {
        out += &format!("\n  {:?} {:?}: {}", c.name(), c.outcome(), c.reason());
    }
    out
}

/// The form the lenient reader takes names `OTHER_IIN`; ours refuses it; the applicant
/// signed it; under the applicant's IIN stated it must not be VALID.
fn refused_under_stated_iin(form: &[u8], what: &str) {
    assert!(
        RequestDocument::read(rq::profile(IIN_ONLY), form).is_err(),
        "{what}: our reader reads it"
    );
    let s = by_applicant(form);
    let read = read_from_form(IIN_ONLY, &s);
    assert_ne!(read.overall(), Overall::Valid, "{what}: read from the form");
    let v = under_stated_iin(IIN_ONLY, &s);
    eprintln!("{what}: stated {}", show_request(&v));
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{what}: the applicant ({APPLICANT_IIN}) signed the form naming {OTHER_IIN}, \
         VALID under the stated {APPLICANT_IIN}"
    );
}

/// `text` in windows-1251 (Cyrillic letters; others as `?`).
fn cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'А'..='я' => (c as u32 - 0x410 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            _ => b'?',
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Findings: presents_as_request

/// The service's XML form, in UTF-32 (byte order mark, `encoding="UTF-32"`), naming
/// another IIN: XML 1.0 Appendix F lists UCS-4 detection, Xerces (Java) reads it.
///
/// Found by review 105 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads UTF-32, octets of a single-byte encoding, a DOCTYPE
/// naming a request element, comments before `{`, head names in any case.
#[test]
fn a_utf32_xml_form_naming_another_iin_is_refused_under_a_stated_iin() {
    let xml = other_iin_xml().replacen("encoding=\"UTF-8\"", "encoding=\"UTF-32\"", 1);
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    for c in xml.chars() {
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
    }
    refused_under_stated_iin(&bytes, "UTF-32 LE");
}

/// The XML form whose namespace is split over two internal entities declared in its
/// DOCTYPE (`xmlns="&a;&b;"`): libxml2, expat (Python), .NET and Xerces expand internal
/// entities in attribute values; the namespace's text appears nowhere as written.
///
/// Found by review 105 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads UTF-32, octets of a single-byte encoding, a DOCTYPE
/// naming a request element, comments before `{`, head names in any case.
#[test]
fn an_xml_form_with_its_namespace_in_entities_is_refused_under_a_stated_iin() {
    let xml = other_iin_xml();
    let ns = "xmlns=\"urn:qoltanba:request:1\"";
    assert!(xml.contains(ns));
    let xml = xml.replacen(ns, "xmlns=\"&a;&b;\"", 1).replacen(
        "?>\n",
        "?>\n<!DOCTYPE request [<!ENTITY a \"urn:qoltanba:\"><!ENTITY b \"request:1\">]>\n",
        1,
    );
    assert!(xml.contains("<!DOCTYPE"));
    refused_under_stated_iin(xml.as_bytes(), "entities");
}

/// The JSON form in windows-1251 (what Kazakh systems still write): not UTF-8, so
/// `presents_as_request` does not look at it at all (`as_text` is `None`), while a reader
/// decoding it as windows-1251 (or .NET's `Encoding.UTF8.GetString`, which replaces
/// invalid octets) reads the form and its IIN.
///
/// Found by review 105 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads UTF-32, octets of a single-byte encoding, a DOCTYPE
/// naming a request element, comments before `{`, head names in any case.
#[test]
fn a_cp1251_json_form_naming_another_iin_is_refused_under_a_stated_iin() {
    let json = other_iin_json();
    assert!(!json.is_ascii(), "{json}");
    refused_under_stated_iin(&cp1251(&json), "windows-1251");
}

/// The JSON form after a comment (`/* ... */` or `// ...`): Jackson with ALLOW_COMMENTS,
/// JSON5 and Newtonsoft.Json (comments on by default) read the form; the text does not
/// begin with `{`, so the head scan is never run.
///
/// Found by review 105 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads UTF-32, octets of a single-byte encoding, a DOCTYPE
/// naming a request element, comments before `{`, head names in any case.
#[test]
fn a_json_form_after_a_comment_is_refused_under_a_stated_iin() {
    let json = other_iin_json();
    refused_under_stated_iin(
        format!("/* заявление */ {json}").as_bytes(),
        "block comment",
    );
    refused_under_stated_iin(format!("// заявление\n{json}").as_bytes(), "line comment");
}

/// The JSON form with its head members capitalised (`"Schema"`, `"Profile"`): ASP.NET
/// Core's JSON (web defaults: case-insensitive names) and Jackson with
/// ACCEPT_CASE_INSENSITIVE_PROPERTIES read it as the form; `first_object_members` compares
/// the names exactly.
///
/// Found by review 105 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads UTF-32, octets of a single-byte encoding, a DOCTYPE
/// naming a request element, comments before `{`, head names in any case.
#[test]
fn a_json_form_with_capitalised_head_is_refused_under_a_stated_iin() {
    let json = other_iin_json()
        .replacen("\"schema\"", "\"Schema\"", 1)
        .replacen("\"profile\"", "\"Profile\"", 1);
    assert!(!json.contains("\"schema\"") && !json.contains("\"profile\""));
    refused_under_stated_iin(json.as_bytes(), "capitalised head");
}

/// A portal's JSON consent whose top-level `profile` is an object (the user's profile):
/// no reader, however lenient, takes an object for the form's profile id, yet it
/// "presents as a request" and is refused under the signer's own IIN stated.
///
/// Found by review 105 (was a defect). Fixed: Fixed: a head member counts only with a string or
/// number value (`first_object_members`, `lenient_head_member`).
#[test]
fn a_portal_json_with_a_profile_object_is_plain_under_a_stated_iin() {
    let json = r#"{"profile":{"name":"Аружан","city":"Көкпекті"},"consent":true}"#;
    let s = by_applicant(json.as_bytes());
    let v = under_stated_iin(IIN_ONLY, &s);
    assert_eq!(v.overall(), Overall::Valid, "{}", show_request(&v));
}

/// An RTF letter (RTF begins with `{`) whose text says "..., form: 3-NDS": not JSON, not a
/// form in any reader, yet `names_a_head_member` (new in 0ee1bd1) takes ", form:" for a
/// member name and the letter is refused under its signer's own IIN (before the fix it was
/// plain content: VALID).
///
/// Found by review 105 (was a defect). Fixed: Fixed: the lenient scan takes a name only after `{`
/// or `,` at the first level, outside strings, and no text with a backslash outside a string
/// (`lenient_head_member`).
#[test]
fn an_rtf_letter_saying_form_is_plain_under_a_stated_iin() {
    let rtf = "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0\\fs24 \
               Applicant data enclosed, form: 3-NDS, IIN 123456789011.\\par}";
    assert!(rtf.starts_with("{\\rtf1"));
    let v = under_stated_iin(IIN_ONLY, &by_applicant(rtf.as_bytes()));
    assert_eq!(v.overall(), Overall::Valid, "{}", show_request(&v));
}

// ---------------------------------------------------------------------------------------
// Held: presents_as_request

/// Attacks on the head scan that held: duplicate `schema` members, a UTF-16 JSON form
/// with a BOM, JSON with escapes in the head names, NUL-interleaved UTF-16 without a BOM,
/// and the namespace by a hex reference in UTF-16.
#[test]
fn held_spellings_of_the_form_that_are_refused() {
    let json = other_iin_json();
    let dup = json.replacen('{', "{\"schema\": \"x\", ", 1);
    refused_under_stated_iin(dup.as_bytes(), "duplicate schema");
    // Escaped head names: our reader reads them, and compares.
    let escaped = json
        .replacen("\"profile\"", "\"\\u0070rofile\"", 1)
        .replacen("\"schema\"", "\"sch\\u0065ma\"", 1);
    let v = under_stated_iin(IIN_ONLY, &by_applicant(escaped.as_bytes()));
    assert_ne!(v.overall(), Overall::Valid, "escaped: {}", show_request(&v));
    let mut utf16 = vec![0xFE, 0xFF];
    for u in json.encode_utf16() {
        utf16.extend_from_slice(&u.to_be_bytes());
    }
    refused_under_stated_iin(&utf16, "UTF-16 BE JSON");
    let xml = other_iin_xml()
        .replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1)
        .replacen("urn:qoltanba", "urn&#x3A;qoltanba", 1);
    let mut le = Vec::new();
    for u in xml.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    refused_under_stated_iin(&le, "UTF-16 LE no BOM, by reference");
    // The namespace with other spellings a reader might normalise is still its text.
    let spaced = other_iin_xml().replacen("request:1\"", "request:1 \"", 1);
    refused_under_stated_iin(spaced.as_bytes(), "namespace with a trailing space");
}

/// Plain content that is not a form stays plain under the signer's IIN: a nested
/// `profile`, a text mentioning "form:" not in JSON, an XML in another namespace.
#[test]
fn held_plain_content_is_not_refused() {
    let cases: [&[u8]; 3] = [
        br#"{"user":{"profile":"x","form":2},"iin":"123456789011"}"#,
        "Заявление. Прошу выдать справку, форма: 3".as_bytes(),
        b"<note xmlns=\"urn:example\"><profile>x</profile></note>",
    ];
    for content in cases {
        let v = under_stated_iin(IIN_ONLY, &by_applicant(content));
        assert_eq!(
            v.overall(),
            Overall::Valid,
            "{:?}: {}",
            String::from_utf8_lossy(content),
            show_request(&v)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Held: an IIN stated under identity "none"

/// The centre's channel (operator, then applicant) under identity "none" with the
/// applicant's IIN stated: valid in either order; another IIN stated, or the operator's,
/// not valid in either order; a BIN stated of a private person's signature not valid.
#[test]
fn held_an_iin_stated_under_none_at_the_centre_whatever_the_order() {
    let channel = |iin: Option<&str>| {
        let mut r = RequestIdentity::unnamed()
            .certified_by(SignerRole::ServiceCenterOperator)
            .service_center(rq::bin(CENTRE));
        r.iin = iin.map(rq::iin);
        r
    };
    let orders = [
        rq::signed(REQUEST, &["roles/centre_operator", "individual_sign"]),
        rq::signed(REQUEST, &["individual_sign", "roles/centre_operator"]),
    ];
    let mut seen = Vec::new();
    for (k, s) in orders.iter().enumerate() {
        let v = rq::judge(TWO_AT_CENTRE, s, &channel(Some(APPLICANT_IIN)));
        eprintln!("order {k}, applicant's IIN: {}", show_request(&v));
        seen.push(v.overall());
        for other in [OTHER_IIN, rq::OPERATOR_IIN] {
            let v = rq::judge(TWO_AT_CENTRE, s, &channel(Some(other)));
            assert_ne!(v.overall(), Overall::Valid, "order {k}, {other}");
        }
        let nothing = rq::judge(TWO_AT_CENTRE, s, &channel(None));
        assert_eq!(
            nothing.overall(),
            seen[k],
            "order {k}: stated vs not stated"
        );
        let mut with_bin = channel(None);
        with_bin.bin = Some(rq::bin(CENTRE));
        let v = rq::judge(TWO_AT_CENTRE, s, &with_bin);
        assert_ne!(
            v.overall(),
            Overall::Valid,
            "order {k}, BIN of the centre stated"
        );
    }
    assert_eq!(seen[0], Overall::Valid);
    assert_eq!(
        seen[0], seen[1],
        "the verdict depends on the order of the signers"
    );
}

/// The applicant's portal under identity "none", two signers (someone else, then the
/// applicant, and the reverse) with the applicant's IIN stated: the same verdict either
/// way, never VALID with a stray signer; and through the service.
#[test]
fn held_a_stray_signer_under_none_with_an_iin_stated_whatever_the_order() {
    let a = rq::signed(REQUEST, &["individual_sign_valid_iin", "individual_sign"]);
    let b = rq::signed(REQUEST, &["individual_sign", "individual_sign_valid_iin"]);
    let va = under_stated_iin(NO_IDENTITY, &a);
    let vb = under_stated_iin(NO_IDENTITY, &b);
    eprintln!(
        "other first: {}\napplicant first: {}",
        show_request(&va),
        show_request(&vb)
    );
    assert_eq!(
        va.overall(),
        vb.overall(),
        "the verdict depends on the order"
    );
    let na = rq::judge(NO_IDENTITY, &a, &RequestIdentity::unnamed());
    let nb = rq::judge(NO_IDENTITY, &b, &RequestIdentity::unnamed());
    assert_eq!(
        na.overall(),
        nb.overall(),
        "unstated: the verdict depends on the order"
    );
    assert_ne!(va.overall(), Overall::Valid, "{}", show_request(&va));

    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let c = [
        rq::cert("individual_sign_valid_iin"),
        rq::cert("individual_sign"),
    ];
    let k = [
        rq::key("individual_sign_valid_iin"),
        rq::key("individual_sign"),
    ];
    let cms = rq::b64(&rq::signed_der(REQUEST, &[(&c[0], &k[0]), (&c[1], &k[1])]));
    let (status, answer) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "profile": NO_IDENTITY, "iin": APPLICANT_IIN}).to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    assert_ne!(answer["verdict"]["verdict"], "valid", "{answer:#}");
}

// ---------------------------------------------------------------------------------------
// Fixtures: time-stamps (as review 103's)

const CHECKED: &str = "2026-11-23T00:00:00Z";
const HOLD: u8 = 6;
const CONTENT: &[u8] = b"review105: the document signed";

fn signed_at(name: &str, claimed: &str) -> Vec<u8> {
    let c = tk::cert(&format!("{name}.cer"));
    let chain = [tk::cert("nca_rsa.cer")];
    qoltanba::cms::sign(
        CONTENT,
        &SignRequest::new(&c, common::time(claimed)).with_chain(&chain),
        &tk::key(&format!("{name}.key.pem")),
    )
    .unwrap()
}

fn stamped(cms: &[u8], gen: &str) -> Vec<u8> {
    let sd = SignedData::from_ber(cms).unwrap();
    let digest = forge::sha256(sd.signers()[0].signature());
    let token = tk::tsa_token(&tk::tst_info(&digest, gen, None));
    SignedData::from_ber(cms)
        .unwrap()
        .add_timestamp_token(0, &token)
        .unwrap()
}

/// `cms` with signer `i`'s unsigned attributes replaced by one signatureTimeStampToken
/// attribute holding `tokens` (as review 103's).
fn splice(cms: &[u8], i: usize, tokens: &[&[u8]]) -> Vec<u8> {
    use forge::{attr, seq, tlv};
    const ATTR_TIME_STAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
    let unsigned = tlv(0xA1, &attr(ATTR_TIME_STAMP_TOKEN, tokens));
    let content = forge::children(cms)[1];
    let sd = forge::children(content)[0];
    let fields = forge::children(sd);
    let infos = fields.last().unwrap();
    let mut sis: Vec<Vec<u8>> = forge::children(infos).iter().map(|s| s.to_vec()).collect();
    let mut parts: Vec<Vec<u8>> = forge::children(&sis[i])
        .iter()
        .filter(|p| p[0] != 0xA1)
        .map(|p| p.to_vec())
        .collect();
    parts.push(unsigned);
    sis[i] = tlv(0x30, &parts.concat());
    let mut new_fields: Vec<Vec<u8>> = fields.iter().map(|f| f.to_vec()).collect();
    *new_fields.last_mut().unwrap() = tlv(0x31, &sis.concat());
    let sd = tlv(0x30, &new_fields.concat());
    seq(&[forge::children(cms)[0], &tlv(0xA0, &sd)])
}

fn crl(number: u8, this: &str, next: &str, entries: Vec<Vec<u8>>) -> Vec<u8> {
    Ca::nca_rsa().crl(&CrlSpec::complete(number, this, next).entries(entries))
}

fn current_crl(entries: Vec<Vec<u8>>) -> Vec<u8> {
    crl(101, "261122000000Z", "270501000000Z", entries)
}

fn entry(c: &Certificate, revoked: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    forge::crl_entry(c.serial(), revoked, exts)
}

fn verifier(crls: &[Vec<u8>]) -> Verifier {
    common::rsa_verifier_with_crls(crls, |b| b)
}

fn show(s: &SignerVerdict) -> String {
    let mut out = format!("{:?} ({:?} at {})", s.overall(), s.time_basis(), s.at());
    for c in s.checks() {
        out += &format!("\n  {:?} {:?}: {}", c.name(), c.outcome(), c.reason());
    }
    out
}

// ---------------------------------------------------------------------------------------
// Findings: what a valid token proves

/// The signature made (claimed) at 08:30; the certificate put on hold at 09:00 (a CRL of
/// 09:30), released since (the current CRL omits it); the document time-stamped late, at
/// 10:00 (an archive or a receiving system stamping what it got). A token proves only
/// that the signature existed BY 10:00 (RFC 3161 §1: an upper bound), not that it was
/// made during the hold; it is no proof against a signature made at 08:30.
///
/// Found by review 105 (was a defect). Fixed: Fixed: a token counts against the signer only when it
/// proves the signature made before the certificate's notBefore
/// (`timestamps::predates_certificate`, replacing `failed_at_proven_time`).
#[test]
fn a_late_stamp_inside_a_hold_leaves_an_honest_signer_valid() {
    let me = tk::cert("individual_sign.cer");
    let cms = signed_at("individual_sign", "2026-11-20T08:30:00Z");
    let der = stamped(&cms, "20261120100000Z");
    let held = crl(
        100,
        "261120093000Z",
        "261127000000Z",
        vec![entry(&me, "261120090000Z", &[forge::reason(HOLD)])],
    );
    let v = verifier(&[held, current_crl(vec![])]);
    // Unstamped: VALID at the time given and at the claim.
    for policy in [TimePolicy::Given, TimePolicy::ClaimedSigningTime] {
        let s = tk::judge(&cms, &v, CHECKED, policy);
        eprintln!("unstamped {policy:?}: {}", show(&s));
    }
    let s = tk::judge(&cms, &v, CHECKED, TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
    for policy in [TimePolicy::Given, TimePolicy::ClaimedSigningTime] {
        let s = tk::judge(&der, &v, CHECKED, policy);
        eprintln!("stamped {policy:?}: {}", show(&s));
        assert_eq!(tk::outcome(&s, CheckName::Timestamp), Some(Outcome::Passed));
        assert_ne!(
            s.overall(),
            Overall::Invalid,
            "{policy:?}: a stamp taken during a hold begun after the signature (claimed \
             08:30) is no proof the signature was made on hold: {}",
            show(&s)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Held: tokens failing on their TSA's standing

/// A token whose TSA certificate is revoked before genTime AND whose imprint is not this
/// signature's: the imprint still fails the signer (under the time given and the
/// time-stamp), it is not excused as "only the TSA's standing"; the same token with the
/// right imprint proves no time (not VALID under `TimeStamp`) and spoils nothing under
/// `Given`.
#[test]
fn held_a_revoked_tsas_token_with_a_wrong_imprint_still_fails() {
    let tsa = tk::cert("tsa/tsa.cer");
    let cms = signed_at("individual_sign", "2026-11-20T09:59:00Z");
    let gen = "20261120100000Z";
    let crl = current_crl(vec![entry(&tsa, "261119000000Z", &[])]);
    let v = verifier(&[crl]);
    let wrong = tk::tsa_token(&tk::tst_info(&forge::sha256(b"another value"), gen, None));
    let der = splice(&cms, 0, &[&wrong]);
    for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
        let s = tk::judge(&der, &v, CHECKED, policy);
        eprintln!("wrong imprint {policy:?}: {}", show(&s));
        assert_eq!(s.overall(), Overall::Invalid, "{policy:?}: {}", show(&s));
        assert_eq!(tk::outcome(&s, CheckName::Timestamp), Some(Outcome::Failed));
    }
    let right = stamped(&cms, gen);
    let s = tk::judge(&right, &v, CHECKED, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{}", show(&s));
    let s = tk::judge(&right, &v, CHECKED, TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
}

/// Finding 8's kind with an expiry: `expired` (valid 2025) signs at 2025-12-31T23:00
/// (claimed), an hour before its certificate expires; the document is time-stamped the
/// next day (a receiving system stamping what it got). Under `ClaimedSigningTime` the
/// claim is consistent with the token (made before genTime), and the certificate was
/// valid at the claim; the token proves the signature existed by 2026-01-02, not that it
/// was made after the expiry. Unstamped, the verdict is the claim's; stamped, it must not
/// turn INVALID.
///
/// Found by review 105 (was a defect). Fixed: Fixed: a token counts against the signer only when it
/// proves the signature made before the certificate's notBefore
/// (`timestamps::predates_certificate`, replacing `failed_at_proven_time`).
#[test]
fn a_stamp_after_expiry_leaves_a_signer_claimed_in_validity_as_claimed() {
    let cms = signed_at("expired", "2025-12-31T23:00:00Z");
    let der = stamped(&cms, "20260102100000Z");
    let v = verifier(&[current_crl(vec![])]);
    let unstamped = tk::judge(&cms, &v, CHECKED, TimePolicy::ClaimedSigningTime);
    eprintln!("unstamped: {}", show(&unstamped));
    assert_ne!(
        unstamped.overall(),
        Overall::Invalid,
        "{}",
        show(&unstamped)
    );
    let s = tk::judge(&der, &v, CHECKED, TimePolicy::ClaimedSigningTime);
    eprintln!("stamped: {}", show(&s));
    assert_eq!(tk::outcome(&s, CheckName::Timestamp), Some(Outcome::Passed));
    assert_ne!(
        s.overall(),
        Overall::Invalid,
        "a token after the expiry is no proof the signature was made after it: {}",
        show(&s)
    );
}
