//! Attribute values as text: the DirectoryString types decoded, anything else in hex.

/// An attribute's value as text ([`Attribute::value`]): the string, or its octets in hex.
pub(crate) fn attribute_value(tag: u32, content: &[u8]) -> String {
    decode_directory_string(tag, content).unwrap_or_else(|| hex_upper(content))
}

/// Decode the string types a DirectoryString (and IA5String e-mail, DC) may use.
pub(super) fn decode_directory_string(tag: u32, data: &[u8]) -> Option<String> {
    let mut s = String::new();
    push_directory_string(&mut s, tag, data).then_some(s)
}

/// [`decode_directory_string`] appended to `out`; false (and `out` as it was) when the
/// value is not such a string.
pub(super) fn push_directory_string(out: &mut String, tag: u32, data: &[u8]) -> bool {
    match tag {
        // UTF8String
        12 => match core::str::from_utf8(data) {
            Ok(s) => {
                out.push_str(s);
                true
            }
            Err(_) => false,
        },
        // NumericString, PrintableString, IA5String, VisibleString
        18 | 19 | 22 | 26 => match core::str::from_utf8(data) {
            Ok(s) if data.is_ascii() => {
                out.push_str(s);
                true
            }
            _ => false,
        },
        // TeletexString: in practice Latin-1.
        20 => {
            out.extend(data.iter().map(|&b| char::from(b)));
            true
        }
        // UniversalString: UCS-4 big-endian.
        28 => {
            let start = out.len();
            if !data.len().is_multiple_of(4) {
                return false;
            }
            for c in data.chunks_exact(4) {
                match char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])) {
                    Some(c) => out.push(c),
                    None => {
                        out.truncate(start);
                        return false;
                    }
                }
            }
            true
        }
        // BMPString: UCS-2 big-endian.
        30 => {
            let start = out.len();
            if !data.len().is_multiple_of(2) {
                return false;
            }
            let units = data
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]));
            for c in char::decode_utf16(units) {
                match c {
                    Ok(c) => out.push(c),
                    Err(_) => {
                        out.truncate(start);
                        return false;
                    }
                }
            }
            true
        }
        _ => false,
    }
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    push_hex_upper(&mut s, bytes);
    s
}

/// [`hex_upper`] appended to `out`.
pub(super) fn push_hex_upper(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
}
