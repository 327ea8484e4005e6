//! Review 107 (hostile, within the hour of the fixes), tests only: presents_as_request
//! (src/profiles/request/presents.rs) attacked once more, after reviews 102, 105 and 106.
//!
//! Attacked: `presents_as_request` and its helpers `as_text`, `unescaped`,
//! `xml_root_is_request`, `names_an_identity_element`, `after_comments`,
//! `first_object_members`, `lenient_head_member` and `scalar_follows`, through
//! `check_request` (src/profiles/request/judge.rs). Material: the test PKI's
//! `individual_sign` (IIN 123456789011, the applicant), the embedded profile
//! kokpekti-unemployment-certificate (IIN only), its form filled naming another IIN
//! (900101300007), signed attached by the applicant and judged under the applicant's IIN
//! stated (the threat: a lenient downstream reader reads the other IIN out of a spelling
//! our strict reader refuses), and ordinary content signed by the applicant (it must stay
//! VALID under the applicant's own IIN). Time judged: the test PKI's `AT`.
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_json_form_with_its_head_in_single_element_arrays_is_refused` (was
//!    `defect_a_json_form_with_its_head_in_single_element_arrays_passes`) (false VALID):
//!    `{"schema": [1], "profile": ["kokpekti-..."], ..., "iin": "900101300007"}`. Jackson's
//!    `UNWRAP_SINGLE_VALUE_ARRAYS` (the very feature `presents_as_request` already honours for a
//!    top-level array) binds `[1]` to an `int` and `["p"]` to a `String`, so the form is read with
//!    the other IIN; `first_object_members` takes an array value for "no head": VALID. Right: not
//!    valid. Fix: in `first_object_members` (and `scalar_follows`) take an array of exactly one
//!    scalar as that scalar.
//! 2. (fixed) `a_json_form_under_a_root_name_is_refused` (was
//!    `defect_a_json_form_under_a_root_name_passes`) (false VALID): `{"request": {form}}`.
//!    Jackson's `UNWRAP_ROOT_VALUE` (with `@JsonRootName("request")`, the form's own XML root name)
//!    and .NET's wrapped bodies read the inner object as the form; only the first level is looked
//!    at: VALID. Right: not valid. Fix: an object of one member whose value is an object is looked
//!    into (at least when the member's name is `request`, any case).
//! 3. (fixed) `a_json_form_with_an_escaped_quote_and_a_trailing_comma_is_refused` (was
//!    `defect_a_json_form_with_an_escaped_quote_and_a_trailing_comma_passes`) (false VALID): the
//!    form with a first member `"note": "a\u0022b"` and a trailing comma (`...,}`), which
//!    Newtonsoft.Json reads by default (trailing commas allowed, unknown members ignored, names
//!    matched ignoring case). serde_json refuses the comma, so the text goes to
//!    `lenient_head_member`, but through `unescaped` first: `\u0022` becomes a real `"`, every
//!    later string boundary is off by one, the `,` that open member names fall inside strings and
//!    no head is found: VALID. Right: not valid. Fix: do not unescape before `lenient_head_member`;
//!    decode `\u` escapes only in names (inside a quoted name, or a bare JSON5 identifier), never
//!    in string values.
//! 4. (fixed) `an_hjson_form_without_commas_is_refused` (was
//!    `defect_an_hjson_form_without_commas_passes`) (false VALID): Hjson (which the module names as
//!    a lenient reader) separates members by new lines, commas optional: `{\n "iin":
//!    "900101300007"\n "schema": 1\n "profile": ...}`. `lenient_head_member` expects a member name
//!    only after `{` or `,`, so a head not first is missed: VALID. Right: not valid. Fix: a new
//!    line at the first level also opens a member name.
//! 5. (fixed) `an_xml_form_with_its_head_as_elements_is_refused` (was
//!    `defect_an_xml_form_with_its_head_as_elements_passes`) (false VALID): `<request
//!    iin="900101300007"><schema>1</schema><profile>kokpekti-...</profile>...`. Jackson's XmlMapper
//!    binds attributes and child elements alike, by local name, namespaces ignored: it reads the
//!    form with the other IIN. `xml_root_is_request` counts head attributes and `iin`/`bin`
//!    elements only: VALID. Right: not valid. Fix: under a `request` root count
//!    `schema`/`profile`/`form` child elements and `iin`/`bin` attributes too.
//! 6. (fixed) `an_xml_form_whose_root_tag_has_a_gt_in_a_value_is_refused` (was
//!    `defect_an_xml_form_whose_root_tag_has_a_gt_in_a_value_passes`) (false VALID): `<request
//!    title="a>b" schema="1" profile="..." iin="900101300007">...` (no namespace). `>` is allowed
//!    in an attribute value (only `<` is not), but `xml_root_is_request` ends the start tag at the
//!    first `>`, so the head attributes after it are never seen: VALID. Right: not valid. Fix: scan
//!    the start tag honouring quoted attribute values.
//! 7. (fixed) `an_xml_form_whose_doctype_holds_a_bracket_gt_in_an_entity_is_refused` (was
//!    `defect_an_xml_form_whose_doctype_holds_a_bracket_gt_in_an_entity_passes`) (false VALID):
//!    `<!DOCTYPE request [<!ENTITY q "]>"><!ENTITY a "urn:qoltanba:"><!ENTITY b
//!    "request:1">]><request xmlns="&a;&b;" ...>`: the prolog scan ends the internal subset at the
//!    first `]` followed by `>`, which here stands inside a quoted entity value; the rest does not
//!    begin with `<`, so no root is found and the namespace is spelled by entities (expat, libxml2,
//!    .NET with DTDs parsed expand them): VALID. Right: not valid (ElementTree and lxml were seen
//!    to read `request` in the request namespace). The same cut happens at a `>` in a quoted system
//!    literal before `[`. Fix: skip the internal subset honouring quoted literals and comments, or
//!    take any DOCTYPE declaring an entity before a `request` root as presenting (a form never
//!    needs one).
//! 8. (fixed) `a_yaml_form_is_refused` (was `defect_a_yaml_form_passes`) (false VALID): the form as
//!    a YAML block mapping (`schema: 1` / `profile: kokpekti-...` / `iin: "900101300007"` ...):
//!    YAML readers used to read JSON (Python's `yaml.safe_load`, Jackson's YAMLMapper; the module
//!    already skips `#` comments for them; `safe_load` was seen to) read it as the form; it does
//!    not begin with `{`: VALID. Right: not valid. Fix: text whose lines at column 0 (after
//!    comments and a `---`) are `name: value` with `schema` and `profile` among the names presents
//!    as a request.
//! 9. (fixed) `an_ebcdic_xml_form_is_refused` (was `defect_an_ebcdic_xml_form_passes`) (false
//!    VALID): the XML form, namespace and all, encoded in EBCDIC code page 037 with
//!    `encoding="IBM037"` declared (the Cyrillic as character references). Xerces (the JDK's
//!    built-in DOM, SAX and JAXB parsers: the JDK's namespace-aware `DocumentBuilder` was seen to
//!    read it, IIN and Cyrillic name right) and libxml2 built with iconv recognise EBCDIC by the
//!    octets `4C 6F A7 94` (`<?xm`) and read the declared encoding, so a namespace-aware reader
//!    reads the form with the other IIN; `as_text` knows only UTF-8/16/32 and ASCII-compatible
//!    text, so neither the namespace nor `<request` is seen: VALID. Right: not valid. Fix: decode
//!    EBCDIC (or take text beginning `4C 6F A7 94` as presenting), and take XML whose declaration
//!    names an encoding that is not ASCII-compatible (EBCDIC code pages, UTF-7, whose `+ADw-`
//!    spells `<` for libxml2 and .NET Framework) as presenting.
//! 10. (fixed) `a_json_naming_an_unknown_profile_is_plain_under_the_signers_iin` (was
//!     `defect_a_json_naming_an_unknown_profile_is_refused_under_the_signers_iin`) (false refusal):
//!     `{"profile": "individual", "consent": "personal-data", "iin": "123456789011", ...}` (a
//!     portal's consent naming the user's account profile) signed by the applicant is refused under
//!     the applicant's own IIN: a `profile` with any string value counts as a head. A reader that
//!     takes content for this service's form goes by its profile; "individual" names no profile, no
//!     `schema` stands beside it: it presents itself as no request (as "form": "270.00" did not,
//!     review 106). Right: VALID. Fix: count `profile` alone only when its value is a known
//!     profile's id (`Profile::all`), or beside `schema`.
//!
//! Held (`held_` tests): a JSON form whose `schema` is `true` or `null` is still refused
//! (its `profile` is a string); comments and processing instructions holding `<!DOCTYPE`
//! or `>` before the root do not hide an XML form without its namespace; a form wrapped in
//! an array after a comment and with whitespace is refused. Content that no JSON or XML
//! reader reads as the form stays plain under the signer's own IIN, which is judged right:
//! the form in base64, behind a gzip header (a reader must be told to decode it), as
//! `application/x-www-form-urlencoded` or a Java properties file (a downstream must be
//! configured for that format on purpose; ASP.NET's `[FromForm]` takes a request body, not
//! a signed document's content), in UTF-16 without a byte order mark beginning with a
//! character beyond ASCII (no JSON reader detects it: Jackson and Python look for zero
//! octets in the first four; XML demands the mark), a JSON document carrying the form as a
//! string value, and a JSON array of portal records without a head.
#![cfg(feature = "server")]

mod common;

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

/// The members of `other_iin_json()`, each `"name": value`, in order (split at the commas
/// outside strings and arrays).
fn members() -> Vec<String> {
    let json = other_iin_json();
    let inner = json
        .trim()
        .strip_prefix('{')
        .unwrap()
        .strip_suffix('}')
        .unwrap();
    let (mut out, mut cur) = (Vec::new(), String::new());
    let (mut in_string, mut escaped, mut depth) = (false, false, 0usize);
    for c in inner.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '[' if !in_string => depth += 1,
            ']' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur.trim().to_string());
    assert_eq!(
        format!("{{{}}}", out.join(", ")),
        json.trim(),
        "members() of {json}"
    );
    out
}

/// The member named `name` and the others.
fn take(name: &str) -> (String, Vec<String>) {
    let mut rest = members();
    let i = rest
        .iter()
        .position(|m| m.starts_with(&format!("\"{name}\":")))
        .unwrap_or_else(|| panic!("no member {name}"));
    let m = rest.remove(i);
    (m, rest)
}

/// `IIN_ONLY`'s form naming `OTHER_IIN`, as XML (UTF-8).
fn other_iin_xml() -> String {
    let xml = rq::filled(IIN_ONLY)
        .with("iin", OTHER_IIN)
        .to_xml()
        .unwrap();
    String::from_utf8(xml).unwrap()
}

/// `other_iin_xml()` without its declaration, namespace, head attributes and `iin`
/// element: the root's content (the other fields) only.
fn xml_fields() -> String {
    let xml = other_iin_xml();
    let open =
        format!("<request xmlns=\"urn:qoltanba:request:1\" schema=\"1\" profile=\"{IIN_ONLY}\">");
    let iin = format!("<iin>{OTHER_IIN}</iin>");
    assert!(xml.contains(&open), "{xml}");
    assert!(xml.contains(&iin), "{xml}");
    let body = xml.split_once(&open).unwrap().1;
    let body = body.trim().strip_suffix("</request>").unwrap();
    body.replacen(&iin, "", 1)
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
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{what}: the applicant ({APPLICANT_IIN}) signed the form naming {OTHER_IIN}, \
         VALID under the stated {APPLICANT_IIN}: {:?}",
        String::from_utf8_lossy(form)
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
// Findings: JSON and its relatives

/// Jackson's `DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS` binds `[1]` to an `int`
/// and `["p"]` to a `String`: the head is read as if written bare.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn a_json_form_with_its_head_in_single_element_arrays_is_refused() {
    let json = other_iin_json();
    let profile = format!("\"profile\": \"{IIN_ONLY}\"");
    assert!(
        json.contains("\"schema\": 1,") && json.contains(&profile),
        "{json}"
    );
    let form = json
        .replacen("\"schema\": 1,", "\"schema\": [1],", 1)
        .replacen(&profile, &format!("\"profile\": [\"{IIN_ONLY}\"]"), 1);
    refused_under_stated_iin(form.as_bytes(), "head in single-element arrays");
}

/// Jackson's `DeserializationFeature.UNWRAP_ROOT_VALUE` with `@JsonRootName("request")`
/// reads `{"request": {...}}` as the object inside.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn a_json_form_under_a_root_name_is_refused() {
    let form = format!("{{\"request\": {}}}", other_iin_json().trim());
    refused_under_stated_iin(form.as_bytes(), "under a root name");
}

/// Newtonsoft.Json's defaults: a trailing comma is read, an unknown member ignored. The
/// `\u0022` in the note is a quote inside a string value, nothing more.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn a_json_form_with_an_escaped_quote_and_a_trailing_comma_is_refused() {
    let form = format!(
        "{{\"note\": \"ТОО \\u0022Алем\", {},}}",
        members().join(", ")
    );
    assert!(serde_json::from_str::<serde_json::Value>(&form).is_err());
    let fixed = form.replace(",}", "}");
    let v: serde_json::Value = serde_json::from_str(&fixed).expect("JSON but the comma");
    assert_eq!(v["note"], "ТОО \"Алем");
    assert_eq!(v["iin"], OTHER_IIN);
    refused_under_stated_iin(form.as_bytes(), "escaped quote, trailing comma");
}

/// Hjson: members separated by new lines, no commas.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn an_hjson_form_without_commas_is_refused() {
    let (iin, rest) = take("iin");
    let form = format!("{{\n  {iin}\n  {}\n}}\n", rest.join("\n  "));
    assert!(!form.contains("\",\n"), "{form}");
    refused_under_stated_iin(form.as_bytes(), "Hjson without commas");
}

/// A YAML block mapping: what a YAML reader used for JSON reads as the form.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn a_yaml_form_is_refused() {
    let yaml: String = members()
        .iter()
        .map(|m| {
            let (name, value) = m.split_once(": ").unwrap();
            format!("{}: {value}\n", name.trim_matches('"'))
        })
        .collect();
    let form = format!("# заявление\n{yaml}");
    assert!(form.contains("\nschema: 1\n"), "{form}");
    assert!(form.contains(&format!("\niin: \"{OTHER_IIN}\"")), "{form}");
    refused_under_stated_iin(form.as_bytes(), "YAML block mapping");
}

/// A portal's consent naming the user's account profile: no form of any service.
///
/// Found by review 107 (was a defect). Fixed: Fixed: a `profile` alone counts only when it names
/// one of the library's profiles, a `form` number only beside a `profile` (`Head::is_request`).
#[test]
fn a_json_naming_an_unknown_profile_is_plain_under_the_signers_iin() {
    let consent = br#"{"profile": "individual", "consent": "personal-data",
        "iin": "123456789011", "date": "2026-11-20"}"#;
    plain_under_stated_iin(consent, "a consent with the account's profile");
}

// ---------------------------------------------------------------------------------------
// Findings: XML

/// Jackson's XmlMapper binds attributes and elements alike, by local name.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn an_xml_form_with_its_head_as_elements_is_refused() {
    let form = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request iin=\"{OTHER_IIN}\">\
         <schema>1</schema><profile>{IIN_ONLY}</profile>{}</request>\n",
        xml_fields()
    );
    refused_under_stated_iin(form.as_bytes(), "head as elements, iin as attribute");
}

/// `>` is allowed in an attribute value (XML 1.0 §2.3 AttValue forbids only `<` and `&`).
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn an_xml_form_whose_root_tag_has_a_gt_in_a_value_is_refused() {
    let form = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request title=\"a>b\" schema=\"1\" \
         profile=\"{IIN_ONLY}\" iin=\"{OTHER_IIN}\">{}</request>\n",
        xml_fields()
    );
    refused_under_stated_iin(form.as_bytes(), "a > in an attribute value");
}

/// `]>` inside a quoted entity value does not end the internal subset.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn an_xml_form_whose_doctype_holds_a_bracket_gt_in_an_entity_is_refused() {
    let form = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE request [<!ENTITY q \"]>\">\
         <!ENTITY a \"urn:qoltanba:\"><!ENTITY b \"request:1\">]>\n\
         <request xmlns=\"&a;&b;\" schema=\"1\" profile=\"{IIN_ONLY}\">\
         <iin>{OTHER_IIN}</iin>{}</request>\n",
        xml_fields()
    );
    assert!(!form.contains("urn:qoltanba:request:1"));
    refused_under_stated_iin(form.as_bytes(), "]> in an entity value");
}

/// `text` (ASCII) in EBCDIC code page 037 (IBM037), as a mainframe writes it.
fn ibm037(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'a'..='i' => 0x81 + (c as u8 - b'a'),
            'j'..='r' => 0x91 + (c as u8 - b'j'),
            's'..='z' => 0xA2 + (c as u8 - b's'),
            'A'..='I' => 0xC1 + (c as u8 - b'A'),
            'J'..='R' => 0xD1 + (c as u8 - b'J'),
            'S'..='Z' => 0xE2 + (c as u8 - b'S'),
            '0'..='9' => 0xF0 + (c as u8 - b'0'),
            ' ' => 0x40,
            '\n' => 0x25,
            '.' => 0x4B,
            '<' => 0x4C,
            '+' => 0x4E,
            '&' => 0x50,
            ';' => 0x5E,
            '-' => 0x60,
            '/' => 0x61,
            '_' => 0x6D,
            '>' => 0x6E,
            '?' => 0x6F,
            ':' => 0x7A,
            '#' => 0x7B,
            '=' => 0x7E,
            '"' => 0x7F,
            _ => panic!("{c:?} has no IBM037 octet here"),
        })
        .collect()
}

/// An XML form in EBCDIC: Xerces (the JDK's own XML parsers) and libxml2 built with iconv
/// tell EBCDIC from the first four octets (`4C 6F A7 94`, `<?xm`), then read the
/// declaration's encoding and the document, namespace and all.
///
/// Found by review 107 (was a defect). Fixed: Fixed: `presents_as_request`
/// (src/profiles/request/presents.rs) reads a head as a `Head` (single-value arrays, a `request`
/// root name, Hjson new lines, JSON5 names, quote-aware XML start tags and DOCTYPE subsets, head
/// elements and attributes under a `request` root, YAML keys, XML in EBCDIC or UTF-7).
#[test]
fn an_ebcdic_xml_form_is_refused() {
    let xml = other_iin_xml().replacen("encoding=\"UTF-8\"", "encoding=\"IBM037\"", 1);
    assert!(xml.contains("encoding=\"IBM037\""), "{xml}");
    // What IBM037 lacks (the Cyrillic of a name) as character references.
    let xml: String = xml
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("&#{};", c as u32)
            }
        })
        .collect();
    let form = ibm037(&xml);
    assert_eq!(form[..4], [0x4C, 0x6F, 0xA7, 0x94]);
    refused_under_stated_iin(&form, "EBCDIC (IBM037)");
}

// ---------------------------------------------------------------------------------------
// Held

/// Spellings near the findings that are refused.
#[test]
fn held_spellings_near_the_findings_are_refused() {
    let json = other_iin_json();
    refused_under_stated_iin(
        json.replacen("\"schema\": 1", "\"schema\": true", 1)
            .as_bytes(),
        "schema true",
    );
    refused_under_stated_iin(
        json.replacen("\"schema\": 1", "\"schema\": null", 1)
            .as_bytes(),
        "schema null",
    );
    refused_under_stated_iin(
        format!("/* c */ [ \n {} ]", json.trim()).as_bytes(),
        "an array after a comment",
    );
    let bare = |prolog: &str| {
        format!(
            "{prolog}<request schema=\"1\" profile=\"{IIN_ONLY}\">\
             <iin>{OTHER_IIN}</iin>{}</request>\n",
            xml_fields()
        )
    };
    refused_under_stated_iin(
        bare("<!-- <!DOCTYPE x [ ]> -->\n").as_bytes(),
        "DOCTYPE in a comment",
    );
    refused_under_stated_iin(
        bare("<?xml version=\"1.0\"?><?pi a > b <!DOCTYPE ?>\n").as_bytes(),
        "a processing instruction",
    );
}

/// Content no JSON or XML reader takes for the form stays plain (judged right).
#[test]
fn held_content_no_json_or_xml_reader_takes_for_the_form_stays_plain() {
    let json = other_iin_json();
    let urlencoded: String = members()
        .iter()
        .map(|m| {
            let (name, value) = m.split_once(": ").unwrap();
            format!("{}={}", name.trim_matches('"'), value.trim_matches('"'))
        })
        .collect::<Vec<_>>()
        .join("&");
    assert!(urlencoded.starts_with("schema=1&profile="), "{urlencoded}");
    let properties = urlencoded.replace('&', "\n");
    let gzipped = {
        // A stored (uncompressed) deflate block in a gzip member: the form's octets
        // readable as they are, only the magic before them.
        let mut g = vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF];
        let b = json.as_bytes();
        g.push(1);
        g.extend((b.len() as u16).to_le_bytes());
        g.extend((!(b.len() as u16)).to_le_bytes());
        g.extend(b);
        g
    };
    let mut utf16_no_bom = Vec::new();
    for u in format!("з{json}").encode_utf16() {
        utf16_no_bom.extend(u.to_le_bytes());
    }
    let as_string = serde_json::json!({ "attachment": json.trim() }).to_string();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("base64", rq::b64(json.as_bytes()).into_bytes()),
        ("gzip", gzipped),
        ("urlencoded", urlencoded.into_bytes()),
        ("properties", properties.into_bytes()),
        ("UTF-16 LE, no BOM, non-ASCII first", utf16_no_bom),
        ("the form as a string value", as_string.into_bytes()),
        (
            "portal records",
            br#"[{"name":"x","iin":"123456789011"},{"name":"y","kind":"form"}]"#.to_vec(),
        ),
    ];
    for (what, content) in cases {
        plain_under_stated_iin(&content, what);
    }
}
