//! `presents_as_request` on each spelling the reviews tried (102, 105-107): forms that
//! announce themselves however written, and plain content that does not.
use super::*;

fn json_form(head: &str) -> String {
    format!(r#"{{{head},"iin":"900101300007"}}"#)
}

#[test]
fn a_request_announces_itself_however_it_is_written() {
    let ns = REQUEST_NAMESPACE;
    let xml = format!(r#"<request xmlns="{ns}" schema="1" profile="p"><x/></request>"#);
    let by_reference = xml.replace("request:1", "request&#58;1");
    let by_hex = xml.replace("urn:", "urn&#x3a;");
    let json = json_form(r#""schema":"1","profile":"p""#);
    let utf16 = |s: &str, be: bool| -> Vec<u8> {
        let mut out = if be {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in s.encode_utf16() {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("XML", xml.clone().into_bytes()),
        ("by reference", by_reference.clone().into_bytes()),
        ("by hex reference", by_hex.into_bytes()),
        ("UTF-16 BE", utf16(&xml, true)),
        ("UTF-16 LE by reference", utf16(&by_reference, false)),
        ("UTF-16 LE no BOM", utf16(&xml, false)[2..].to_vec()),
        ("JSON", json.clone().into_bytes()),
        ("JSON with a BOM", format!("\u{FEFF}{json}").into_bytes()),
        ("JSON in UTF-16", utf16(&json, true)),
        (
            "a huge number",
            json.replace("}", r#","r":1e400}"#).into_bytes(),
        ),
        ("text after it", format!("{json}\n{{\"x\":1}}").into_bytes()),
        (
            "an escaped name",
            json.replace("schema", "sch\\u0065ma").into_bytes(),
        ),
        ("comments", b"{/* c */ \"schema\": \"1\"}".to_vec()),
        (
            "single quotes",
            b"{'form': '1', profile: 'x', 'iin': '900101300007'}".to_vec(),
        ),
        ("unquoted", b"{ schema : 1, iin: '900101300007'}".to_vec()),
        (
            "JSON escapes in the namespace",
            br#"{"ns":"urn:qoltanba\u003arequest:1"}"#.to_vec(),
        ),
    ];
    let utf32 = |s: &str, be: bool| -> Vec<u8> {
        let mut out = if be {
            vec![0, 0, 0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE, 0, 0]
        };
        for c in s.chars() {
            let u = c as u32;
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    };
    let mut cp1251 = br#"{"schema":"1","profile":"p","name":""#.to_vec();
    cp1251.extend([0xC0, 0xE9, 0xE3, 0xE5, 0xF0, b'"', b'}']);
    let cases = cases.into_iter().chain([
        ("UTF-32 LE", utf32(&xml, false)),
        ("UTF-32 BE", utf32(&json, true)),
        ("UTF-32 LE no BOM", utf32(&xml, false)[4..].to_vec()),
        (
            "DTD entities",
            concat!(
                r#"<!DOCTYPE request [<!ENTITY a "urn:qoltanba:">"#,
                r#"<!ENTITY b "request:1">]><request xmlns="&a;&b;"/>"#
            )
            .as_bytes()
            .to_vec(),
        ),
        ("windows-1251", cp1251),
        (
            "a comment first",
            format!("/* c */ // d\n{json}").into_bytes(),
        ),
        ("capitalised", json.replace("schema", "Schema").into_bytes()),
        (
            "capitalised, lenient",
            b"{ PROFILE: 'Kokpekti-Unemployment-Certificate', iin: '1' }".to_vec(),
        ),
        ("a hash comment first", format!("# c\n{json}").into_bytes()),
        ("in an array", format!("[{json}]").into_bytes()),
        ("a BOM and a stray octet", {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend(json.replace("}", r#","note":"x"}"#).into_bytes());
            let at = b.len() - 3;
            b[at] = 0xFF;
            b
        }),
        (
            "no namespace",
            br#"<request schema="1" profile="p"><iin>1</iin></request>"#.to_vec(),
        ),
        (
            "a DOCTYPE of another name",
            br#"<!DOCTYPE x [<!ENTITY a "u">]><request xmlns="&a;"/>"#.to_vec(),
        ),
        (
            "an iin element",
            b"<?xml version=\"1.0\"?><Request><IIN>1</IIN></Request>".to_vec(),
        ),
        (
            "single-value arrays",
            br#"{"schema":[1],"iin":"1"}"#.to_vec(),
        ),
        (
            "under a root name",
            br#"{"Request": {"schema": "1", "iin": "1"}}"#.to_vec(),
        ),
        (
            "an escaped quote, a trailing comma",
            b"{ note: \"a \\u0022b\", schema: 1, }".to_vec(),
        ),
        ("Hjson", b"{\n  note: x\n  schema: 1\n  iin: 1\n}".to_vec()),
        (
            "head elements",
            b"<request iin=\"1\"><schema>1</schema></request>".to_vec(),
        ),
        (
            "a > in a value",
            b"<request title=\"a>b\" schema=\"1\"/>".to_vec(),
        ),
        (
            "]> in an entity",
            b"<!DOCTYPE r [<!ENTITY q \"]>\">]><request/>".to_vec(),
        ),
        ("YAML", b"schema: 1\nprofile: x\niin: '1'\n".to_vec()),
        ("EBCDIC", vec![0x4C, 0x6F, 0xA7, 0x94, 0x93]),
        (
            "UTF-7",
            b"<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-request".to_vec(),
        ),
        (
            "JSON5 escaped name",
            b"{ \\u0073chema: 1, iin: '1' }".to_vec(),
        ),
    ]);
    for (what, bytes) in cases {
        assert!(presents_as_request(&bytes), "{what}");
    }
}

#[test]
fn other_content_is_plain() {
    let cases: Vec<&[u8]> = vec![
        b"",
        b"plain text",
        b"%PDF-1.7 \x00\xff\xfe",
        b"\xff\xd8\xff\xe0 binary",
        br#"{"user":{"profile":"x","form":2},"schema_version":3}"#,
        br#"{"performance": 1, "transform": "x"}"#,
        b"<other xmlns=\"urn:example\"><profile>1</profile></other>",
        b"{ not json, a reform: 1 }",
        b"&#99999999999; \\uZZZZ &#x;",
        // A portal's JSON whose `profile` is the user's (an object, or null).
        br#"{"profile":{"name":"x"},"form":["a"],"schema":null,"iin":"1"}"#,
        // RTF begins with `{`: prose saying "form:" is no member.
        br"{\rtf1\ansi Applicant data enclosed, form: 3-NDS}",
        // Not JSON, the head name only in a nested object or a string.
        b"{ user: { profile: 'x' }, note: 'form: 2' }",
        b"<?xml version=\"1.0\"?><!DOCTYPE html><html/>",
        // A tax declaration's form code is no request form's number.
        br#"{"form": "270.00", "period": "2026", "iin": "1"}"#,
        br#"{"Form": "A-1"}"#,
        // A profile that is none of the library's, alone: a user's profile kind.
        br#"{"profile": "individual", "consent": true, "iin": "1"}"#,
        br#"{"form": 2}"#,
        br#"{"schema_version": 2, "profiles": ["a"]}"#,
        b"<request><reason>x</reason></request>",
    ];
    for bytes in cases {
        assert!(
            !presents_as_request(bytes),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}
