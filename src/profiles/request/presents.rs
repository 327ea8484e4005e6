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

/// The members of a JSON request's head (compared ignoring ASCII case, as ASP.NET Core's
/// and Jackson's case-insensitive readers do: review 105).
const HEAD_MEMBERS: [&str; 3] = ["schema", "profile", "form"];

fn is_head(name: &str) -> bool {
    HEAD_MEMBERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Could `value` (a scalar's text, quotes removed) be the head member `name`'s? `form` is
/// the form's number: a whole number (a tax form's "270.00" is no request form: review
/// 106); `schema` and `profile` any string or number.
fn head_value(name: &str, value: &str) -> bool {
    !name.eq_ignore_ascii_case("form")
        || (!value.is_empty() && value.len() <= 9 && value.bytes().all(|b| b.is_ascii_digit()))
}

/// Does `bytes` present itself as a request document: text (UTF-8 with or without a byte
/// order mark, UTF-16 or UTF-32, else read octet by octet as a single-byte encoding such as
/// windows-1251 is) that names the request namespace (as written, or through XML character
/// references or JSON `\u` escapes), XML whose DOCTYPE names a `request` document element
/// (its entities may spell the namespace), or JSON-like text (`{` after comments) whose
/// first object has a head member (`schema`, `profile`, `form`, any case) with a string or
/// number value? Text that is not JSON counts when a head member stands where a lenient
/// reader takes a member name (after `{` or `,`, at the first level, outside strings).
/// Linear in the length.
pub(super) fn presents_as_request(bytes: &[u8]) -> bool {
    let namespace = REQUEST_NAMESPACE.as_bytes();
    if bytes.windows(namespace.len()).any(|w| w == namespace) {
        return true;
    }
    let text = as_text(bytes);
    let text = text.trim_start_matches('\u{FEFF}');
    if unescaped(text).contains(REQUEST_NAMESPACE) || xml_root_is_request(text) {
        return true;
    }
    let mut body = after_comments(text);
    // A form wrapped in an array (Jackson's UNWRAP_SINGLE_VALUE_ARRAYS): its first element.
    if let Some(rest) = body.strip_prefix('[') {
        body = after_comments(rest);
    }
    if !body.starts_with('{') {
        return false;
    }
    match first_object_members(body) {
        Some(heads) => heads,
        None => lenient_head_member(&unescaped(body)),
    }
}

/// The text of `bytes`: UTF-32 or UTF-16 told by a byte order mark or by a first character
/// in ASCII with zero octets beside it, else UTF-8 with what is not UTF-8 replaced (a
/// single-byte encoding such as windows-1251: the ASCII of a head reads the same).
fn as_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    fn decode(units: impl Iterator<Item = u32>) -> std::borrow::Cow<'static, str> {
        units
            .map(|u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .into()
    }
    let ascii = |b: u8| b != 0 && b.is_ascii();
    // UTF-32 before UTF-16 (FF FE 00 00 begins both), both before UTF-8: ASCII text in
    // either without a byte order mark is valid UTF-8 too.
    let be32 = |q: &[u8]| u32::from_be_bytes([q[0], q[1], q[2], q[3]]);
    let le32 = |q: &[u8]| u32::from_le_bytes([q[0], q[1], q[2], q[3]]);
    match bytes {
        [0, 0, 0xFE, 0xFF, ..] => return decode(bytes.chunks_exact(4).map(be32)),
        [0, 0, 0, b, ..] if ascii(*b) => return decode(bytes.chunks_exact(4).map(be32)),
        [0xFF, 0xFE, 0, 0, ..] => return decode(bytes.chunks_exact(4).map(le32)),
        [b, 0, 0, 0, ..] if ascii(*b) => return decode(bytes.chunks_exact(4).map(le32)),
        _ => {}
    }
    let big_endian = match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        [0, b, ..] if ascii(*b) => Some(true),
        [b, 0, ..] if ascii(*b) => Some(false),
        _ => None,
    };
    if let Some(big_endian) = big_endian {
        let units = bytes.chunks_exact(2).map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .into();
    }
    // Octets that are not UTF-8 (windows-1251, a stray octet) replaced, as lenient readers
    // (.NET's decoders, Python's errors="replace") do: the ASCII of a head reads the same.
    String::from_utf8_lossy(bytes)
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

/// Is `text` XML whose document element's local name is `request` (any case), with a
/// `schema`, `profile` or `form` attribute, a DOCTYPE (its entities may spell the namespace
/// in pieces, which XML readers other than ours expand), or an `iin` or `bin` element? A
/// reader that ignores namespaces (Jackson's XmlMapper) takes it for the form (review 106).
fn xml_root_is_request(text: &str) -> bool {
    let mut rest = text.trim_start();
    let mut doctype = false;
    // The prolog: declarations, processing instructions, comments, the DOCTYPE.
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.find("?>").map_or("", |e| &r[e + 2..]).trim_start();
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |e| &r[e + 3..]).trim_start();
        } else if let Some(r) = rest.strip_prefix("<!DOCTYPE") {
            doctype = true;
            // Past its internal subset, if any, to its closing `>`.
            let end = match (r.find('['), r.find('>')) {
                (Some(open), Some(gt)) if open < gt => r[open..]
                    .find(']')
                    .and_then(|close| r[open + close..].find('>').map(|g| open + close + g)),
                (_, gt) => gt,
            };
            rest = end.map_or("", |e| &r[e + 1..]).trim_start();
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let start_tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let name = start_tag
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    let local = name.rsplit(':').next().unwrap_or(name);
    if !local.eq_ignore_ascii_case("request") {
        return false;
    }
    let attribute = start_tag.split(char::is_whitespace).skip(1).any(|a| {
        let attr = a.split('=').next().unwrap_or("");
        is_head(attr.rsplit(':').next().unwrap_or(attr))
    });
    doctype || attribute || names_an_identity_element(tag)
}

/// Does `xml` hold an element whose local name is `iin` or `bin` (any case)?
fn names_an_identity_element(xml: &str) -> bool {
    xml.match_indices('<').any(|(i, _)| {
        let name: String = xml[i + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
            .take(64)
            .collect();
        let local = name.rsplit(':').next().unwrap_or("");
        local.eq_ignore_ascii_case("iin") || local.eq_ignore_ascii_case("bin")
    })
}

/// `text` past leading whitespace and comments (`/* .. */`, `// ..` and `# ..` to the
/// line's end), which lenient JSON readers (Jackson's ALLOW_COMMENTS and
/// ALLOW_YAML_COMMENTS, JSON5, Hjson, Newtonsoft) skip.
fn after_comments(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |e| &r[e + 2..]).trim_start();
        } else if let Some(r) = rest.strip_prefix("//").or(rest.strip_prefix('#')) {
            rest = r.find('\n').map_or("", |e| &r[e + 1..]).trim_start();
        } else {
            return rest;
        }
    }
}

/// Whether the first JSON value of `text`, an object, has a head member with a string or
/// number value (numbers skipped, not built; whatever follows the object ignored); `None`
/// when the text does not begin with a JSON object.
fn first_object_members(text: &str) -> Option<bool> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
    /// A member's value: a scalar's text (a string's, a number's), or `None` for anything
    /// else, its content skipped.
    struct Scalar(Option<String>);
    struct ScalarVisitor;
    impl<'de> Visitor<'de> for ScalarVisitor {
        type Value = Scalar;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
            Ok(Scalar(Some(v.chars().take(64).collect())))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
            Ok(Scalar(Some(v.to_string())))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
            Ok(Scalar(Some(v.to_string())))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
            Ok(Scalar(Some(v.to_string())))
        }
        fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
            Ok(Scalar(None))
        }
        fn visit_unit<E>(self) -> Result<Scalar, E> {
            Ok(Scalar(None))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Scalar(None))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Scalar(None))
        }
    }
    impl<'de> serde::Deserialize<'de> for Scalar {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
            // A head's number beyond f64 (1e400) fails here: the text is then scanned
            // leniently, as text that is not JSON (other members' values are skipped).
            d.deserialize_any(ScalarVisitor)
        }
    }
    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut head = false;
            while let Some(name) = map.next_key::<String>()? {
                if is_head(&name) {
                    let value = map.next_value::<Scalar>()?.0;
                    head |= value.is_some_and(|v| head_value(&name, &v));
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(head)
        }
    }
    let mut d = serde_json::Deserializer::from_str(text);
    d.deserialize_map(Members).ok()
}

/// For text that begins as a JSON object but is not JSON (comments, single quotes, bare
/// names, what lenient readers take): is a head member's name, quoted or bare, followed by
/// `:` and a value not opening an object or array, where such a reader takes a member name
/// (after `{` or `,` at the first level, outside strings)? A backslash outside a string
/// (RTF, `{\rtf1 ..}`) is no JSON-like text at all: nothing is a member there (JSON5's
/// `\u` escapes are read before: review 106).
fn lenient_head_member(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut depth = 0usize;
    let mut expect_name = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => return false,
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '{' | '[' => {
                depth += 1;
                expect_name = depth == 1 && c == '{';
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return false;
                }
                expect_name = false;
            }
            ',' => expect_name = depth == 1,
            '"' | '\'' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j] != c {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                let name: String = chars[start..j.min(chars.len())].iter().collect();
                let after = &chars[(j + 1).min(chars.len())..];
                if expect_name && is_head(&name) && scalar_follows(after, &name) {
                    return true;
                }
                expect_name = false;
                i = j + 1;
                continue;
            }
            c if c.is_whitespace() => {}
            c if expect_name && (c.is_alphabetic() || c == '_' || c == '$') => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '$'))
                {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                if is_head(&name) && scalar_follows(&chars[i..], &name) {
                    return true;
                }
                expect_name = false;
                continue;
            }
            _ => expect_name = false,
        }
        i += 1;
    }
    false
}

/// Do `rest`'s characters, past whitespace, hold `:` and then a value the head member
/// `name` could have ([`head_value`]: quoted or bare, no object or array)?
fn scalar_follows(rest: &[char], name: &str) -> bool {
    let mut it = rest.iter().copied().skip_while(|c| c.is_whitespace());
    if it.next() != Some(':') {
        return false;
    }
    let mut it = it.skip_while(|c| c.is_whitespace()).peekable();
    let value: String = match it.peek() {
        None | Some('{' | '[') => return false,
        Some(&q @ ('"' | '\'')) => it.skip(1).take_while(|&c| c != q).take(64).collect(),
        Some(_) => it
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']'))
            .take(64)
            .collect(),
    };
    head_value(name, &value)
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
                br#"<!DOCTYPE request [<!ENTITY a "urn:qoltanba:"><!ENTITY b "request:1">]><request xmlns="&a;&b;"/>"#
                    .to_vec(),
            ),
            ("windows-1251", cp1251),
            ("a comment first", format!("/* c */ // d\n{json}").into_bytes()),
            ("capitalised", json.replace("schema", "Schema").into_bytes()),
            ("capitalised, lenient", b"{ PROFILE: 'p', iin: '1' }".to_vec()),
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
            ("an iin element", b"<?xml version=\"1.0\"?><Request><IIN>1</IIN></Request>".to_vec()),
            ("JSON5 escaped name", b"{ \\u0073chema: 1, iin: '1' }".to_vec()),
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
}
