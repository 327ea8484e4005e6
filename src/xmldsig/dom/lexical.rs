//! The XML 1.0 (5th edition) productions the DOM reader checks itself, each in one pass
//! over its text: characters (`Char`), names (`Name`, `NCName`, `QName`), references, a
//! start tag's attributes, and the XML declaration.

use super::{limits, malformed};
use crate::error::{Error, Result};

/// XML line ends: `\r\n` and a lone `\r` become `\n`.
pub(super) fn line_ends(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// XML 1.0 `S` (§2.3): one whitespace byte.
pub(super) fn is_s(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// XML 1.0 `Char` (§2.2). (A `char` is never a surrogate.)
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// XML 1.0 `NameStartChar` (§2.3, 5th edition).
pub(super) fn is_name_start_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 `NameChar` (§2.3, 5th edition).
pub(super) fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}'
            | '\u{300}'..='\u{36F}'
            | '\u{203F}'..='\u{2040}')
}

/// XML 1.0 `Name`.
pub(super) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

/// Namespaces in XML 1.0 `NCName`: a `Name` without a colon.
pub(super) fn is_ncname(s: &str) -> bool {
    !s.contains(':') && is_name(s)
}

/// Namespaces in XML 1.0 `QName` (§3): `NCName` or `NCName ':' NCName`.
pub(super) fn is_qname(s: &str) -> bool {
    match s.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(s),
    }
}

/// At most the first 64 characters of `s`, for an error message.
pub(super) fn shown(s: &str) -> String {
    match s.char_indices().nth(64) {
        Some((at, _)) => format!("{}...", s.get(..at).unwrap_or_default()),
        None => s.to_string(),
    }
}

/// [`shown`], quoted and escaped.
pub(super) fn quoted(s: &str) -> String {
    format!("{:?}", shown(s))
}

/// `s[from..to]`, or an error (never a panic) were the bounds not on characters.
pub(super) fn slice(s: &str, from: usize, to: usize) -> Result<&str> {
    s.get(from..to)
        .ok_or_else(|| malformed("a markup boundary inside a character"))
}

/// The character `&body;` stands for: a character reference (`&#N;`, `&#xH;`) to an XML
/// `Char`, or one of the five predefined entities (no DTD is read, so no other entity is
/// declared).
pub(super) fn reference(body: &str) -> Result<char> {
    let number = |digits: &str, radix: u32| -> Option<u32> {
        if digits.is_empty() {
            return None;
        }
        digits.chars().try_fold(0u32, |n, c| {
            n.checked_mul(radix)?.checked_add(c.to_digit(radix)?)
        })
    };
    let code = if let Some(hex) = body.strip_prefix("#x") {
        number(hex, 16)
    } else if let Some(dec) = body.strip_prefix('#') {
        number(dec, 10)
    } else {
        return match body {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            _ if is_name(body) => Err(malformed(format!(
                "the entity &{}; is not declared (no DTD is read)",
                shown(body)
            ))),
            _ => Err(malformed(format!("&{}; is not a reference", shown(body)))),
        };
    };
    code.and_then(char::from_u32)
        .filter(|c| is_xml_char(*c))
        .ok_or_else(|| {
            malformed(format!(
                "&{}; does not refer to an XML character",
                shown(body)
            ))
        })
}

/// Resolve the predefined entities and character references of `raw` (after line ends
/// and, for attributes, whitespace were normalised). An `&` that begins no reference is
/// an error.
pub(super) fn unescape(raw: &str) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(slice(rest, 0, amp)?);
        let after = slice(rest, amp + 1, rest.len())?;
        let Some(semi) = after.find(';') else {
            return Err(malformed("an '&' that begins no reference"));
        };
        out.push(reference(slice(after, 0, semi)?)?);
        rest = slice(after, semi + 1, after.len())?;
    }
    out.push_str(rest);
    Ok(out)
}

pub(super) fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))
}

/// The attributes of a start tag (or the pseudo-attributes of an XML declaration) after
/// its name, as written: XML 1.0 §3.1 `(S Attribute)* S?`, `Attribute ::= Name Eq
/// AttValue`, `Eq ::= S? '=' S?`, `AttValue ::= '"' ([^<&"] | Reference)* '"' | "'"
/// ([^<&'] | Reference)* "'"` (the references are checked when resolved). The names are
/// the caller's to check. At most [`limits::MAX_ATTRIBUTES`].
pub(super) fn attributes(s: &str) -> Result<Vec<(&str, &str)>> {
    let b = s.as_bytes();
    let skip_s = |mut i: usize| {
        while b.get(i).is_some_and(|c| is_s(*c)) {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let before = i;
        i = skip_s(i);
        if i >= b.len() {
            return Ok(out);
        }
        if i == before {
            return Err(malformed(format!(
                "attributes not separated by whitespace (at {})",
                quoted(slice(s, i, b.len())?)
            )));
        }
        if out.len() >= limits::MAX_ATTRIBUTES {
            return Err(Error::TooMany {
                what: "attributes of one XML element",
                limit: limits::MAX_ATTRIBUTES,
            });
        }
        let from = i;
        while b.get(i).is_some_and(|c| *c != b'=' && !is_s(*c)) {
            i += 1;
        }
        let key = slice(s, from, i)?;
        i = skip_s(i);
        if b.get(i) != Some(&b'=') {
            return Err(malformed(format!(
                "the attribute {} has no '=' and value",
                quoted(key)
            )));
        }
        i = skip_s(i + 1);
        let quote = match b.get(i) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => {
                return Err(malformed(format!(
                    "the value of the attribute {} is not quoted",
                    quoted(key)
                )))
            }
        };
        let from = i + 1;
        let Some(len) = b
            .get(from..)
            .and_then(|v| v.iter().position(|c| *c == quote))
        else {
            return Err(malformed(format!(
                "the value of the attribute {} does not end",
                quoted(key)
            )));
        };
        let value = slice(s, from, from + len)?;
        if value.contains('<') {
            return Err(malformed(format!(
                "a '<' in the value of the attribute {}",
                quoted(key)
            )));
        }
        out.push((key, value));
        i = from + len + 1;
    }
}

/// Check an XML declaration (`content` is what stands between `<?` and `?>`): XML 1.0
/// §2.8 `XMLDecl ::= '<?xml' VersionInfo EncodingDecl? SDDecl? S? '?>'`, version `1.x`
/// (read as 1.0, as §2.8 says a 1.0 processor does), encoding UTF-8 if named.
pub(super) fn declaration(content: &str) -> Result<()> {
    let Some(rest) = content.strip_prefix("xml") else {
        return Err(malformed("an XML declaration that does not begin <?xml"));
    };
    let pseudo = attributes(rest).map_err(|e| match e {
        Error::MalformedDer { reason, .. } => malformed(format!("XML declaration: {reason}")),
        e => e,
    })?;
    let mut pseudo = pseudo.into_iter().peekable();
    match pseudo.next() {
        Some(("version", v))
            if v.strip_prefix("1.")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())) => {}
        Some(("version", v)) => {
            return Err(malformed(format!(
                "XML version {}: only XML 1.0 is read",
                quoted(v)
            )))
        }
        _ => return Err(malformed("an XML declaration without its version first")),
    }
    if let Some(&("encoding", enc)) = pseudo.peek() {
        let mut chars = enc.chars();
        let enc_name = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !enc_name {
            return Err(malformed(format!(
                "XML declaration: {} is not an encoding name",
                quoted(enc)
            )));
        }
        if !enc.eq_ignore_ascii_case("utf-8") {
            return Err(Error::Unsupported(format!(
                "XML in encoding {enc:?}: only UTF-8 is read"
            )));
        }
        pseudo.next();
    }
    if let Some(&("standalone", sd)) = pseudo.peek() {
        if sd != "yes" && sd != "no" {
            return Err(malformed(format!(
                "XML declaration: standalone={} (yes or no)",
                quoted(sd)
            )));
        }
        pseudo.next();
    }
    match pseudo.next() {
        Some((k, _)) => Err(malformed(format!(
            "XML declaration: {} out of place (version, encoding, standalone)",
            quoted(k)
        ))),
        None => Ok(()),
    }
}
