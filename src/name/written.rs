//! A distinguished name written as text, matched against a name of DER. XMLDSig's
//! `X509SubjectName` and `X509IssuerName` carry one in the form of RFC 4514 (or of its
//! forerunners RFC 2253 and RFC 1779): xmlsec1 writes OpenSSL's RFC 2253 form (most
//! significant RDN last), Java's `X500Principal` likewise, others the certificate's own
//! order with `, ` between RDNs. A signature's KeyInfo that names someone must name a
//! certificate it was judged with (review 88: another person's name stood there, read by
//! a client as the signer's).

use super::Name;

/// Longest name text read (a certificate's name is a few hundred characters).
const MAX_TEXT: usize = 4096;
/// Most attributes read from one text.
const MAX_ATTRIBUTES: usize = 64;

impl Name {
    /// Whether `text` writes this name: the same attributes, each type with its value
    /// (compared without regard to case, runs of white space as one space), in any order
    /// of RDNs (RFC 4514 writes the most significant last, others first). A text that
    /// cannot be read, or that holds a value this reader does not decode (RFC 4514's `#`
    /// form of BER, a type it has no label for), writes no name: the caller refuses
    /// rather than accept what it cannot compare.
    pub(crate) fn matches_text(&self, text: &str) -> bool {
        let Some(mut written) = parse(text) else {
            return false;
        };
        let mut own: Vec<(String, String)> = self
            .attributes()
            .iter()
            .map(|a| (a.oid.clone(), fold(&a.value)))
            .collect();
        if written.is_empty() || written.len() != own.len() {
            return false;
        }
        written.sort();
        own.sort();
        written == own
    }
}

/// A value as compared: trimmed, lower case, each run of white space one space.
fn fold(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The OID of a type as written: a label (case-insensitive), a dotted OID, or one after
/// `OID.` (RFC 1779).
fn type_oid(label: &str) -> Option<String> {
    let upper = label.trim().to_ascii_uppercase();
    let dotted = upper.strip_prefix("OID.").unwrap_or(&upper);
    if !dotted.is_empty()
        && dotted.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && dotted.split('.').count() >= 2
        && dotted.split('.').all(|arc| !arc.is_empty())
    {
        return Some(dotted.to_string());
    }
    super::LABELS
        .iter()
        .find(|(_, l)| *l == dotted)
        .map(|(oid, _)| oid.to_string())
}

/// The attributes (type OID, folded value) of a name's text, `None` when it cannot be
/// read: RDNs separated by `,` or `;`, an RDN's attributes by `+`, `type=value` each; a
/// value plain (its specials escaped by `\`, or written `\XX` as UTF-8 octets in hex) or
/// quoted (RFC 1779).
fn parse(text: &str) -> Option<Vec<(String, String)>> {
    if text.len() > MAX_TEXT {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if i >= chars.len() {
            // Nothing after a separator (or nothing at all) is no name.
            return (!out.is_empty()).then_some(out).filter(|_| {
                chars
                    .iter()
                    .rev()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| !matches!(c, ',' | ';' | '+'))
            });
        }
        let start = i;
        while chars.get(i).is_some_and(|c| *c != '=') {
            i += 1;
        }
        let label: String = chars.get(start..i)?.iter().collect();
        let oid = type_oid(&label)?;
        i += 1; // '='
        while chars.get(i).is_some_and(|c| *c == ' ') {
            i += 1;
        }
        let mut value: Vec<u8> = Vec::new();
        match chars.get(i) {
            // RFC 4514's BER form (Java writes every attribute it has no label for so):
            // the DER of a string, decoded as the name's own value is.
            Some('#') => {
                i += 1;
                let start = i;
                while chars.get(i).is_some_and(char::is_ascii_hexdigit) {
                    i += 1;
                }
                let hex: String = chars.get(start..i)?.iter().collect();
                value = ber_string(&hex)?.into_bytes();
                while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
            }
            Some('"') => {
                i += 1;
                loop {
                    match chars.get(i)? {
                        // .NET doubles a quote inside a quoted value (review 90).
                        '"' if chars.get(i + 1) == Some(&'"') => {
                            value.push(b'"');
                            i += 2;
                        }
                        '"' => {
                            i += 1;
                            break;
                        }
                        '\\' => {
                            i = escaped(&chars, i, &mut value)?;
                        }
                        c => {
                            push_char(&mut value, *c);
                            i += 1;
                        }
                    }
                }
                while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
            }
            _ => loop {
                match chars.get(i) {
                    None | Some(',' | ';' | '+') => break,
                    Some('\\') => i = escaped(&chars, i, &mut value)?,
                    Some(c) => {
                        push_char(&mut value, *c);
                        i += 1;
                    }
                }
            },
        }
        let value = String::from_utf8(value).ok()?;
        out.push((oid, fold(&value)));
        if out.len() > MAX_ATTRIBUTES {
            return None;
        }
        match chars.get(i) {
            None => {}
            Some(',' | ';' | '+') => i += 1,
            Some(_) => return None,
        }
    }
}

/// The string a `#hex` value encodes: one DER TLV of a string type, read whole.
fn ber_string(hex: &str) -> Option<String> {
    if !hex.len().is_multiple_of(2) || hex.is_empty() {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|k| u8::from_str_radix(hex.get(k..k + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let tlv = crate::ber::Tlv::read_exact(&bytes, "an attribute value").ok()?;
    if tlv.class != crate::ber::Class::Universal || tlv.constructed || tlv.indefinite {
        return None;
    }
    super::text::decode_directory_string(tlv.number, tlv.content)
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// The escape at `chars[i]` (a backslash) read into `out`: two hex digits are an octet,
/// any other character itself. The index after it.
fn escaped(chars: &[char], i: usize, out: &mut Vec<u8>) -> Option<usize> {
    let first = *chars.get(i + 1)?;
    if let (Some(h), Some(l)) = (
        first.to_digit(16),
        chars.get(i + 2).and_then(|c| c.to_digit(16)),
    ) {
        out.push(u8::try_from(h * 16 + l).ok()?);
        return Some(i + 3);
    }
    push_char(out, first);
    Some(i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(file: &str) -> Name {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(file);
        let der = std::fs::read(path).unwrap();
        crate::certificate::Certificate::from_input(&der)
            .unwrap()
            .subject()
            .clone()
    }

    /// The name as the library shows it, in RFC 2253's reversed order, with other
    /// separators, labels, case and spacing, escaped and quoted: each names it.
    #[test]
    fn a_name_is_matched_in_every_usual_writing() {
        let name = subject("individual_sign.cer");
        let attrs = name.attributes();
        assert!(attrs.len() >= 3, "{attrs:?}");
        let label = |oid: &str| super::super::short_name(oid).to_string();
        let forward: Vec<String> = attrs
            .iter()
            .map(|a| format!("{}={}", label(&a.oid), a.value))
            .collect();
        let reversed: Vec<String> = forward.iter().rev().cloned().collect();
        let dotted: Vec<String> = attrs
            .iter()
            .map(|a| format!("OID.{}={}", a.oid, a.value.to_uppercase()))
            .collect();
        let hex: Vec<String> = attrs
            .iter()
            .map(|a| {
                let v: String = a.value.bytes().map(|b| format!("\\{b:02X}")).collect();
                format!("{}={v}", label(&a.oid).to_lowercase())
            })
            .collect();
        let quoted: Vec<String> = attrs
            .iter()
            .map(|a| format!("{} = \"{}\"", label(&a.oid), a.value))
            .collect();
        // RFC 4514's `#` form, as Java writes what it has no label for (review 90).
        let ber: Vec<String> = attrs
            .iter()
            .map(|a| {
                let v = a.value.as_bytes();
                let hex: String = v.iter().map(|b| format!("{b:02x}")).collect();
                format!("{}=#0c{:02x}{hex}", a.oid, v.len())
            })
            .collect();
        assert!(name.matches_text(&name.to_string()));
        for text in [
            ber.join(","),
            forward.join(","),
            reversed.join(","),
            reversed.join(", "),
            forward.join(";"),
            dotted.join(","),
            hex.join(","),
            quoted.join(", "),
        ] {
            assert!(name.matches_text(&text), "{text}");
        }
    }

    /// .NET's quoting: a quote inside a quoted value doubled (review 90), or escaped.
    #[test]
    fn a_quote_inside_a_quoted_value_is_read_doubled_or_escaped() {
        let name = subject("legal_sign.cer");
        assert!(name.attributes().iter().any(|a| a.value.contains('"')));
        let quoted = |escape: &str| -> String {
            name.attributes()
                .iter()
                .map(|a| {
                    let label = super::super::short_name(&a.oid);
                    format!("{label}=\"{}\"", a.value.replace('"', escape))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert!(name.matches_text(&quoted("\"\"")), "{}", quoted("\"\""));
        assert!(name.matches_text(&quoted("\\\"")), "{}", quoted("\\\""));
        // A lone quote inside ends the value: what follows is no separator.
        assert!(!name.matches_text(&quoted("\"")));
    }

    /// Another name, an attribute more or less, a changed value, what cannot be read: no
    /// match.
    #[test]
    fn another_name_or_unreadable_text_matches_nothing() {
        let name = subject("individual_sign.cer");
        let other = subject("revoked.cer");
        assert!(!name.matches_text(&other.to_string()));
        let text = name.to_string();
        for bad in [
            String::new(),
            " ".to_string(),
            format!("{text}, C=KZ"),
            format!("{text},"),
            text.replacen('=', "=X", 1),
            format!("CN=#0C0141, {text}"),
            // A `#` value not a string's DER, odd, trailing bytes, constructed.
            text.replacen('=', "=#", 1),
            "CN=#0C02".to_string(),
            "CN=#0c0141ff".to_string(),
            "CN=#0c014".to_string(),
            "CN=#300300".to_string(),
            format!("XX=1, {text}"),
            text.replace('=', ""),
            "CN=\"unterminated".to_string(),
            "CN=a\\".to_string(),
            "=a".to_string(),
            "x".repeat(MAX_TEXT + 1),
        ] {
            assert!(!name.matches_text(&bad), "{bad}");
        }
        let many = vec!["CN=a"; MAX_ATTRIBUTES + 1].join(",");
        assert!(!name.matches_text(&many));
    }
}
