//! Whether content the form reader refused still presents itself as a request document.
//!
//! Under a stated IIN/BIN ([`super::check_request`]) the signed content is compared with
//! the service's form when it is one; content the reader refuses is the caller's to vouch
//! for, unless it announces itself as a request (review 55): then it is refused, since a
//! reader less strict than ours (Jackson, an XML parser that reads UTF-16) may still read
//! another person's IIN out of it. The test is therefore wider than the reader's front end
//! (review 102): a byte order mark, UTF-16, character references and JSON escapes in the
//! namespace, numbers no `f64` holds and text after the first JSON value do not hide a
//! request's head.

use crate::profiles::REQUEST_NAMESPACE;

/// The members of a JSON request's head.
const HEAD_MEMBERS: [&str; 3] = ["schema", "profile", "form"];

/// Does `bytes` present itself as a request document: text (UTF-8 with or without a byte
/// order mark, or UTF-16) that names the request namespace (as written, or through XML
/// character references or JSON `\u` escapes), or whose first JSON value is an object
/// with a head member (`schema`, `profile`, `form`)? Text that begins as a JSON object but
/// is not JSON (comments, single quotes, unquoted names: what lenient readers take) counts
/// when a head member's name stands anywhere as a member name. Linear in the length.
pub(super) fn presents_as_request(bytes: &[u8]) -> bool {
    let namespace = REQUEST_NAMESPACE.as_bytes();
    if bytes.windows(namespace.len()).any(|w| w == namespace) {
        return true;
    }
    let Some(text) = as_text(bytes) else {
        return false;
    };
    let text = text.trim_start_matches('\u{FEFF}');
    if unescaped(text).contains(REQUEST_NAMESPACE) {
        return true;
    }
    let body = text.trim_start();
    if !body.starts_with('{') {
        return false;
    }
    match first_object_members(body) {
        Some(members) => members.iter().any(|m| HEAD_MEMBERS.contains(&m.as_str())),
        None => names_a_head_member(body),
    }
}

/// The text of `bytes`: UTF-16 told by its byte order mark or by a first character in
/// ASCII (a zero octet beside it), else UTF-8; `None` for anything else.
fn as_text(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    // UTF-16 first: ASCII text in UTF-16 without a byte order mark is valid UTF-8 too.
    let big_endian = match bytes {
        [0xFE, 0xFF, ..] => true,
        [0xFF, 0xFE, ..] => false,
        [0, b, ..] if *b != 0 && b.is_ascii() => true,
        [b, 0, ..] if *b != 0 && b.is_ascii() => false,
        _ => return std::str::from_utf8(bytes).ok().map(Into::into),
    };
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .into(),
    )
}

/// `text` with XML character references (`&#58;`, `&#x3A;`) and JSON escapes (`\u003a`)
/// replaced by their characters; anything else kept as written.
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['&', '\\']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `s` stands for, and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let (digits, radix, skip) = if let Some(r) = s.strip_prefix("&#x").or(s.strip_prefix("&#X")) {
        (r, 16, 3)
    } else if let Some(r) = s.strip_prefix("&#") {
        (r, 10, 2)
    } else if let Some(r) = s.strip_prefix("\\u") {
        let hex = r.get(..4)?;
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
        return Some((c, 6));
    } else {
        return None;
    };
    // At most eight digits: U+10FFFF is 1114111, and longer runs are not references.
    let end = digits.find(';').filter(|&e| (1..=8).contains(&e))?;
    let c = char::from_u32(u32::from_str_radix(&digits[..end], radix).ok()?)?;
    Some((c, skip + end + 1))
}

/// The member names of the first JSON value of `text` when it is an object, whatever its
/// values hold (numbers are skipped, not built) and whatever follows it; `None` when the
/// text does not begin with a JSON object.
fn first_object_members(text: &str) -> Option<Vec<String>> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};
    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while let Some(name) = map.next_key::<String>()? {
                map.next_value::<IgnoredAny>()?;
                if HEAD_MEMBERS.contains(&name.as_str()) {
                    out.push(name);
                }
            }
            Ok(out)
        }
    }
    let mut d = serde_json::Deserializer::from_str(text);
    d.deserialize_map(Members).ok()
}

/// Does a head member's name stand as a member name (quoted or not, then `:`) anywhere in
/// `text`? For text that begins as a JSON object but is not JSON.
fn names_a_head_member(text: &str) -> bool {
    HEAD_MEMBERS.iter().any(|name| {
        text.match_indices(name).any(|(i, _)| {
            let before = text[..i].trim_end_matches(['"', '\'']).trim_end();
            let after = text[i + name.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start();
            let starts =
                before.ends_with(['{', ',']) || before.ends_with("*/") || before.is_empty();
            let is_name = !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            starts && is_name && after.starts_with(':')
        })
    })
}

#[cfg(test)]
mod tests {
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
            ("comments", b"{/* c */ \"profile\": \"p\"}".to_vec()),
            (
                "single quotes",
                b"{'form': '1', 'iin': '900101300007'}".to_vec(),
            ),
            ("unquoted", b"{ schema : 1, iin: '900101300007'}".to_vec()),
            (
                "JSON escapes in the namespace",
                br#"{"ns":"urn:qoltanba\u003arequest:1"}"#.to_vec(),
            ),
        ];
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
        ];
        for bytes in cases {
            assert!(
                !presents_as_request(bytes),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
