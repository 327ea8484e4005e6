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

/// What a JSON-like head holds: the members lenient readers (Jackson's case-insensitive
/// and single-value-array options, .NET, JSON5, Hjson) would take for the form's head.
#[derive(Default)]
struct Head {
    /// `schema` with a scalar value.
    schema: bool,
    /// `profile` with a scalar value, and whether it names a profile of this library.
    profile: bool,
    known_profile: bool,
    /// `form` with a whole number.
    form: bool,
}

impl Head {
    /// Record member `name` with the scalar `value` (`None`: not a scalar).
    fn note(&mut self, name: &str, value: Option<&str>) {
        let Some(value) = value else {
            return;
        };
        if name.eq_ignore_ascii_case("schema") {
            self.schema = true;
        } else if name.eq_ignore_ascii_case("profile") {
            self.profile = true;
            self.known_profile |= crate::profiles::Profile::all()
                .iter()
                .any(|p| p.id.eq_ignore_ascii_case(value.trim()));
        } else if name.eq_ignore_ascii_case("form") {
            self.form |=
                !value.is_empty() && value.len() <= 9 && value.bytes().all(|b| b.is_ascii_digit());
        }
    }

    /// A request's head: `schema`, or a `profile` naming one of the library's profiles, or
    /// a form number beside a `profile` (a `profile` or `form` alone of another meaning, a
    /// user's profile or a tax form's code, is no head: reviews 106, 107).
    fn is_request(&self) -> bool {
        self.schema || self.known_profile || (self.form && self.profile)
    }
}

/// Does `bytes` present itself as a request document? Text (UTF-8, UTF-16 or UTF-32, else
/// UTF-8 with what is not UTF-8 replaced) that names the request namespace (as written, or
/// through XML character references or JSON `\u` escapes); XML in an encoding that is not
/// ASCII-compatible (EBCDIC, UTF-7); XML whose document element's local name is `request`
/// with a head attribute or element, a DOCTYPE, or an `iin`/`bin` element or attribute;
/// JSON-like text (`{` or `[` after comments) whose first object, or the object its single
/// `request` member holds, has a head ([`Head::is_request`]) read by JSON or leniently
/// (comments, quotes of either kind, bare or escaped names, new lines between members,
/// single-value arrays); YAML-like text with `schema:` and `profile:` keys. Linear in the
/// length.
pub(super) fn presents_as_request(bytes: &[u8]) -> bool {
    let namespace = REQUEST_NAMESPACE.as_bytes();
    if bytes.windows(namespace.len()).any(|w| w == namespace) || not_ascii_compatible_xml(bytes) {
        return true;
    }
    let text = as_text(bytes);
    let text = text.trim_start_matches('\u{FEFF}');
    if unescaped(text).contains(REQUEST_NAMESPACE) || xml_root_is_request(text) {
        return true;
    }
    if yaml_head(text) {
        return true;
    }
    let mut body = after_comments(text);
    // A form wrapped in an array (Jackson's UNWRAP_SINGLE_VALUE_ARRAYS): its first element.
    if let Some(rest) = body.strip_prefix('[') {
        body = after_comments(rest);
    }
    // Or under a root name (Jackson's UNWRAP_ROOT_VALUE): `{"request": {..}}`.
    if let Some(inner) = under_root_name(body) {
        if json_head(inner).is_request() {
            return true;
        }
    }
    body.starts_with('{') && json_head(body).is_request()
}

/// The head of the JSON-like object `text` begins with: read as JSON, else leniently.
fn json_head(text: &str) -> Head {
    first_object_head(text).unwrap_or_else(|| lenient_head(text))
}

/// The object `{"request": {..}}`'s single member holds (any case, quoted or bare).
fn under_root_name(text: &str) -> Option<&str> {
    let rest = after_comments(text.strip_prefix('{')?);
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let name = rest.get(..7)?;
    if !name.eq_ignore_ascii_case("request") {
        return None;
    }
    let rest = rest[7..].strip_prefix(['"', '\'']).unwrap_or(&rest[7..]);
    let rest = after_comments(rest).strip_prefix(':')?;
    let rest = after_comments(rest);
    rest.starts_with('{').then_some(rest)
}

/// An XML declaration in an encoding whose `<` is not ASCII's: EBCDIC (`<?xm` as
/// `4C 6F A7 94`) or one naming UTF-7 or an EBCDIC code page (the JDK's parser reads them;
/// review 107): never the service's form to us, possibly to a reader downstream.
fn not_ascii_compatible_xml(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0x4C, 0x6F, 0xA7, 0x94]) {
        return true;
    }
    let head: String = bytes
        .iter()
        .take(256)
        .map(|&b| char::from(b).to_ascii_lowercase())
        .collect();
    head.starts_with("<?xml")
        && [
            "utf-7", "utf7", "ebcdic", "ibm0", "ibm1", "ibm2", "ibm5", "cp037", "cp500", "cp1026",
        ]
        .iter()
        .any(|e| head.contains(e))
}

/// YAML (Jackson's YAML reader, PyYAML): keys `schema:` and `profile:` each at the start of
/// a line (any indentation).
fn yaml_head(text: &str) -> bool {
    let key = |k: &str| {
        text.lines().any(|l| {
            let l = l.trim_start();
            l.get(..k.len()).is_some_and(|p| p.eq_ignore_ascii_case(k))
                && l[k.len()..].trim_start().starts_with(':')
        })
    };
    key("schema") && key("profile")
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
/// `schema`, `profile`, `form`, `iin` or `bin` attribute or element, or a DOCTYPE (its
/// entities may spell the namespace in pieces, which XML readers other than ours expand)?
/// A reader that ignores namespaces (Jackson's XmlMapper) takes it for the form (reviews
/// 106, 107). Quoted text is skipped where a `>` or `]` in it would end a scan early.
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
            rest = r.get(doctype_end(r)..).unwrap_or("").trim_start();
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let start_tag = &tag[..start_tag_end(tag)];
    let name = start_tag
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    let local = name.rsplit(':').next().unwrap_or(name);
    if !local.eq_ignore_ascii_case("request") {
        return false;
    }
    const NAMES: [&str; 5] = ["schema", "profile", "form", "iin", "bin"];
    let named = |n: &str| {
        let local = n.rsplit(':').next().unwrap_or(n);
        NAMES.iter().any(|k| k.eq_ignore_ascii_case(local))
    };
    let attribute = start_tag.match_indices('=').any(|(i, _)| {
        let before = start_tag[..i].trim_end();
        let n = before
            .rsplit(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .next()
            .unwrap_or("");
        named(n)
    });
    let element = tag.match_indices('<').any(|(i, _)| {
        let n: String = tag[i + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
            .take(64)
            .collect();
        named(&n)
    });
    doctype || attribute || element
}

/// Where the DOCTYPE that `r` continues ends (past its `>`), its internal subset skipped
/// with quoted entity values and comments in it.
fn doctype_end(r: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut chars = r.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.saturating_sub(1),
            (None, '<') if r[i..].starts_with("<!--") => {
                let end = r[i..].find("-->").map_or(r.len(), |e| i + e + 3);
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            (None, '>') if depth == 0 => return i + 1,
            _ => {}
        }
    }
    r.len()
}

/// The length of the start tag `tag` begins (up to its `>`, quoted values skipped).
fn start_tag_end(tag: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i,
            _ => {}
        }
    }
    tag.len()
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

/// The head of the first JSON value of `text`, an object (numbers skipped, not built;
/// whatever follows the object ignored; a single-value array taken as its value); `None`
/// when the text does not begin with a JSON object.
fn first_object_head(text: &str) -> Option<Head> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
    /// A member's value: a scalar's text (a string's, a number's; of an array holding one
    /// scalar only), or `None` for anything else, its content skipped.
    struct Scalar(Option<String>);
    struct ScalarVisitor;
    impl<'de> Visitor<'de> for ScalarVisitor {
        type Value = Scalar;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
            Ok(Scalar(Some(v.chars().take(128).collect())))
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
            // One element, itself a scalar: the value (UNWRAP_SINGLE_VALUE_ARRAYS).
            let first = seq.next_element::<Scalar>()?.and_then(|s| s.0);
            let mut more = false;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                more = true;
            }
            Ok(Scalar(first.filter(|_| !more)))
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
        type Value = Head;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
            let mut head = Head::default();
            while let Some(name) = map.next_key::<String>()? {
                if ["schema", "profile", "form"]
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(&name))
                {
                    let value = map.next_value::<Scalar>()?.0;
                    head.note(&name, value.as_deref());
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

/// The head of text that begins as a JSON object but is not JSON (comments of three
/// kinds, quotes of either kind, bare names with JSON5's `\u` escapes, members separated
/// by new lines as Hjson's are, trailing commas): member names are taken where such a
/// reader takes one (after `{`, `,` or a new line at the first level, outside strings),
/// with the scalar after their `:`. A backslash outside a string other than a name's `\u`
/// (RTF, `{\rtf1 ..}`) is no JSON-like text at all: no head.
fn lenient_head(text: &str) -> Head {
    let mut head = Head::default();
    let chars: Vec<char> = text.chars().collect();
    let mut depth = 0usize;
    let mut expect_name = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let escape = c == '\\' && chars.get(i + 1) == Some(&'u');
        match c {
            '\\' if !(escape && expect_name) => return Head::default(),
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
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
                    return head;
                }
                expect_name = false;
            }
            ',' => expect_name = depth == 1,
            '\n' if depth == 1 => expect_name = true,
            '"' | '\'' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j] != c {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                if expect_name {
                    let name: String = chars[start..j.min(chars.len())].iter().collect();
                    let name = unescaped(&name);
                    let after = &chars[(j + 1).min(chars.len())..];
                    head.note(&name, scalar_after_colon(after).as_deref());
                }
                expect_name = false;
                i = j + 1;
                continue;
            }
            c if c.is_whitespace() => {}
            c if expect_name && (c.is_alphabetic() || matches!(c, '_' | '$') || escape) => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric()
                        || matches!(chars[i], '_' | '$')
                        || (chars[i] == '\\' && chars.get(i + 1) == Some(&'u')))
                {
                    i += if chars[i] == '\\' { 6 } else { 1 };
                }
                let i_end = i.min(chars.len());
                let name = unescaped(&chars[start..i_end].iter().collect::<String>());
                head.note(&name, scalar_after_colon(&chars[i_end..]).as_deref());
                i = i_end;
                expect_name = false;
                continue;
            }
            _ => expect_name = false,
        }
        i += 1;
    }
    head
}

/// The scalar after `:` in `rest` (past whitespace): a quoted or bare value, or the one
/// scalar of a single-value array; `None` when no `:` follows or the value is an object or
/// an array of more.
fn scalar_after_colon(rest: &[char]) -> Option<String> {
    let mut it = rest.iter().copied().skip_while(|c| c.is_whitespace());
    if it.next() != Some(':') {
        return None;
    }
    let mut it = it.skip_while(|c| c.is_whitespace()).peekable();
    let wrapped = it.peek() == Some(&'[');
    if wrapped {
        it.next();
        while it.peek().is_some_and(|c| c.is_whitespace()) {
            it.next();
        }
    }
    let value: String = match it.peek() {
        None | Some('{' | '[') => return None,
        Some(&q @ ('"' | '\'')) => {
            it.next();
            let v: String = it.by_ref().take_while(|&c| c != q).take(128).collect();
            v
        }
        Some(_) => {
            let mut v = String::new();
            while let Some(&c) = it.peek() {
                if c.is_whitespace() || matches!(c, ',' | '}' | ']') || v.len() > 128 {
                    break;
                }
                v.push(c);
                it.next();
            }
            v
        }
    };
    // A single-value array closes after its value; one of more is no scalar.
    if wrapped && it.find(|c| !c.is_whitespace()) != Some(']') {
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests;
