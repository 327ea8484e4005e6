//! The text strings of a signature dictionary (`/M`, `/Reason`, `/Location`,
//! `/ContactInfo`), read where the verification finds the dictionary: a literal string
//! `( ... )` with its escapes and balanced parentheses, or a hex string `< ... >`, then
//! decoded as a PDF text string (UTF-16BE after `FE FF`, UTF-8 after `EF BB BF`, else
//! PDFDocEncoding).
//!
//! They are the signer's claims: covered by the signature (the dictionary lies inside the
//! `/ByteRange`), proven by nothing else. Bounded: at most [`MAX_STRING_BYTES`] octets of a
//! string are read and a longer one is not taken.

/// Longest string read (octets of the string, before decoding).
pub(crate) const MAX_STRING_BYTES: usize = 4096;

fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// The text string that is the value of `key` in `dict`, when `key` stands alone (`/M`
/// and not the start of `/MDP`) and its value is a string; `None` otherwise.
pub(crate) fn text_after(dict: &[u8], key: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(at) = dict
        .get(from..)
        .and_then(|h| h.windows(key.len()).position(|w| w == key))
        .map(|p| p + from)
    {
        from = at + 1;
        let rest = dict.get(at + key.len()..)?;
        if rest
            .first()
            .is_some_and(|b| !is_white(*b) && *b != b'(' && *b != b'<')
        {
            continue;
        }
        let rest = rest.get(rest.iter().position(|b| !is_white(*b))?..)?;
        let octets = match rest {
            [b'<', b'<', ..] => return None,
            [b'(', body @ ..] => literal(body, MAX_STRING_BYTES)?.0,
            [b'<', body @ ..] => hex(body, MAX_STRING_BYTES)?.0,
            _ => return None,
        };
        return Some(decode(&octets));
    }
    None
}

/// A literal string's octets after its `(`: escapes undone, nested parentheses kept; and
/// the octets of `body` it took, its `)` included. `None`: unterminated, or longer than
/// `max` octets.
pub(crate) fn literal(body: &[u8], max: usize) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut level = 0usize;
    let mut i = 0;
    while out.len() <= max {
        let b = *body.get(i)?;
        i += 1;
        match b {
            b'(' => {
                level += 1;
                out.push(b);
            }
            b')' if level == 0 => return Some((out, i)),
            b')' => {
                level -= 1;
                out.push(b);
            }
            b'\\' => {
                let e = *body.get(i)?;
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'\r' => {
                        if body.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match body.get(i) {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xFF) as u8);
                    }
                    other => out.push(other),
                }
            }
            other => out.push(other),
        }
    }
    None
}

/// A hex string's octets after its `<` (white space skipped; an odd last digit is
/// followed by 0, as PDF says), and the octets of `body` it took, its `>` included.
/// `None`: unterminated, a character that is not hex, or longer than `max` octets.
pub(crate) fn hex(body: &[u8], max: usize) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut high: Option<u8> = None;
    for (i, &b) in body.iter().enumerate() {
        let v = match b {
            b'>' => {
                if let Some(h) = high {
                    out.push(h << 4);
                }
                return Some((out, i + 1));
            }
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            w if is_white(w) => continue,
            _ => return None,
        };
        match high.take() {
            None => high = Some(v),
            Some(h) => out.push((h << 4) | v),
        }
        if out.len() > max {
            return None;
        }
    }
    None
}

/// A PDF text string's octets as text (an invalid UTF-16 or UTF-8 sequence becomes U+FFFD).
fn decode(octets: &[u8]) -> String {
    if let Some(utf16) = octets.strip_prefix(&[0xFE, 0xFF]) {
        let units = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
    }
    if let Some(utf8) = octets.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    octets.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// A PDFDocEncoding octet (ISO 32000-1, Annex D): Latin-1 but for 0x18-0x1F (spacing
/// accents) and 0x7F-0xA0 (typographic marks, ligatures, letters of Central Europe, the
/// euro); an undefined code is U+FFFD.
fn pdf_doc_char(b: u8) -> char {
    const X18: [char; 8] = [
        '\u{02D8}', '\u{02C7}', '\u{02C6}', '\u{02D9}', '\u{02DD}', '\u{02DB}', '\u{02DA}',
        '\u{02DC}',
    ];
    const X80: [char; 33] = [
        '\u{2022}', '\u{2020}', '\u{2021}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{0192}',
        '\u{2044}', '\u{2039}', '\u{203A}', '\u{2212}', '\u{2030}', '\u{201E}', '\u{201C}',
        '\u{201D}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{2122}', '\u{FB01}', '\u{FB02}',
        '\u{0141}', '\u{0152}', '\u{0160}', '\u{0178}', '\u{017D}', '\u{0131}', '\u{0142}',
        '\u{0153}', '\u{0161}', '\u{017E}', '\u{FFFD}', '\u{20AC}',
    ];
    match b {
        0x18..=0x1F => X18[usize::from(b - 0x18)],
        0x7F => char::REPLACEMENT_CHARACTER,
        0x80..=0xA0 => X80[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_hex_strings_decoded() {
        let d = b"<< /Type /Sig /M (D:20261122153000+06'00') /Reason (a \\(b\\) (c) \\101\\n\\\r\nd) /Location <FEFF04100441> /ContactInfo <EFBBBF6F6B> /MDP (x) >>";
        assert_eq!(
            text_after(d, b"/M").as_deref(),
            Some("D:20261122153000+06'00'")
        );
        assert_eq!(text_after(d, b"/Reason").as_deref(), Some("a (b) (c) A\nd"));
        assert_eq!(text_after(d, b"/Location").as_deref(), Some("Ас"));
        assert_eq!(text_after(d, b"/ContactInfo").as_deref(), Some("ok"));
        assert_eq!(text_after(d, b"/Name"), None);
        // PDFDocEncoding read as Latin-1; an odd hex digit count ends in 0.
        assert_eq!(
            text_after(b"/Reason <e9 4>", b"/Reason").as_deref(),
            Some("\u{e9}@")
        );
    }

    #[test]
    fn what_is_not_a_string_is_not_taken() {
        for d in [
            &b"/Reason /Name"[..],
            b"/Reason << /A (x) >>",
            b"/Reason (unterminated",
            b"/Reason <12 zz>",
            b"/Reason <1234",
            b"/Reason",
            b"/Reasons (x)",
        ] {
            assert_eq!(
                text_after(d, b"/Reason"),
                None,
                "{}",
                String::from_utf8_lossy(d)
            );
        }
        // Odd UTF-16 and lone surrogates become U+FFFD, never a panic.
        assert_eq!(
            text_after(b"/R <FEFFD800 00>", b"/R").as_deref(),
            Some("\u{FFFD}\u{0}")
        );
        assert_eq!(
            text_after(b"/R <FEFF41>", b"/R").as_deref(),
            Some("\u{4100}")
        );
    }

    #[test]
    fn long_strings_are_bounded() {
        let mut d = b"/Reason (".to_vec();
        d.extend(std::iter::repeat_n(b'a', MAX_STRING_BYTES + 10));
        d.push(b')');
        assert_eq!(text_after(&d, b"/Reason"), None);
        let mut d = b"/Reason <".to_vec();
        d.extend(std::iter::repeat_n(b'a', 2 * MAX_STRING_BYTES + 10));
        d.push(b'>');
        assert_eq!(text_after(&d, b"/Reason"), None);
        let mut d = b"/Reason (".to_vec();
        d.extend(std::iter::repeat_n(b'a', MAX_STRING_BYTES));
        d.push(b')');
        assert_eq!(
            text_after(&d, b"/Reason").map(|s| s.len()),
            Some(MAX_STRING_BYTES)
        );
    }
}
