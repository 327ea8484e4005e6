//! The comparison key of a name: each RDN's attributes checked and encoded (RFC 5280
//! §7.1: string values normalised and compared as text whatever their string type), and
//! the key decoded back into RDNs for display.

use super::*;

/// The tag of an attribute value as the comparison key records it: the whole identifier
/// octet, class and form with the number. A universal, primitive string type is its tag
/// number (UTF8String is 12), so it is compared as text; any other class or a constructed
/// form is not a string type, and is compared by its tag and octets: `[APPLICATION 12]`
/// or a constructed UTF8String never equals the UTF8String of the same octets. (The DER
/// reader refuses high tag numbers, so one octet is the whole tag.)
pub(super) fn value_tag(tag: u8) -> u32 {
    u32::from(tag)
}

/// One RDN (the contents of its SET): its attributes checked, and its part of the
/// comparison key (the attributes' encodings, sorted, then [`RDN_END`]) appended to `key`.
pub(super) fn read_rdn(set: &[u8], what: &'static str, key: &mut Vec<u8>) -> crate::Result<()> {
    let mut atvs = Reader::named(set, what);
    if atvs.is_empty() {
        return Err(malformed(what, "empty RelativeDistinguishedName"));
    }
    let start = key.len();
    // Where each attribute's encoding starts, once there is more than one (a multi-valued
    // RDN is rare: no list for the others).
    let mut starts: Vec<usize> = Vec::new();
    while !atvs.is_empty() {
        let atv = atvs.expect(TAG_SEQUENCE, what)?;
        let mut r = atv.inner();
        let oid = r.expect(TAG_OID, what)?;
        if !crate::ber::oid_is_valid(oid.content) {
            return Err(malformed(what, "invalid OBJECT IDENTIFIER"));
        }
        let value = r.read(what)?;
        r.finish(what)?;
        if key.len() > start {
            if starts.is_empty() {
                starts.push(start);
            }
            starts.push(key.len());
        }
        key.push(ATTRIBUTE);
        put_escaped(key, oid.content);
        put_value(key, value_tag(value.tag), value.content);
    }
    if !starts.is_empty() {
        // The set's order is not significant: sort the encodings (they order as the
        // (OID, value) pairs do), so that equal sets give equal keys.
        let region = key.split_off(start);
        let mut parts: Vec<&[u8]> = Vec::with_capacity(starts.len());
        for (i, &s) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(start + region.len());
            // The starts rise inside the region, so this always holds; were it not so, a
            // part dropped from the key could make two names equal: refuse instead.
            let part = region
                .get(s.wrapping_sub(start)..end.wrapping_sub(start))
                .ok_or_else(|| malformed(what, "attribute outside its RDN"))?;
            parts.push(part);
        }
        parts.sort_unstable();
        for p in parts {
            key.extend_from_slice(p);
        }
    }
    key.push(RDN_END);
    Ok(())
}

/// `bytes` escaped and terminated (see [`NameKey`]).
pub(super) fn put_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.contains(&0) {
        for &b in bytes {
            if b == 0 {
                out.extend_from_slice(&ESCAPED_ZERO);
            } else {
                out.push(b);
            }
        }
    } else {
        out.extend_from_slice(bytes);
    }
    out.extend_from_slice(&ESCAPED_END);
}

/// An attribute value's part of the key: its normalised text when it is a string of a
/// type [`decode_directory_string`] decodes, else its tag number and octets. The text is
/// decoded and normalised in one pass into the key, with no string of its own.
pub(super) fn put_value(out: &mut Vec<u8>, tag: u32, data: &[u8]) {
    let start = out.len();
    out.push(TEXT);
    let text = match tag {
        // UTF8String
        12 => match core::str::from_utf8(data) {
            Ok(s) if s.is_ascii() => {
                put_normalised_ascii(out, data);
                true
            }
            Ok(s) => {
                put_normalised(out, s.chars());
                true
            }
            Err(_) => false,
        },
        // NumericString, PrintableString, IA5String, VisibleString
        18 | 19 | 22 | 26 => {
            let ascii = data.is_ascii();
            if ascii {
                put_normalised_ascii(out, data);
            }
            ascii
        }
        // TeletexString: in practice Latin-1.
        20 => {
            put_normalised(out, data.iter().map(|&b| char::from(b)));
            true
        }
        // UniversalString: UCS-4 big-endian; every unit a character, or not a string.
        28 => {
            let chars = || {
                data.chunks_exact(4)
                    .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
            };
            let valid = data.len().is_multiple_of(4) && chars().all(|c| c.is_some());
            if valid {
                put_normalised(out, chars().flatten());
            }
            valid
        }
        // BMPString: UCS-2 big-endian (UTF-16: surrogates must pair).
        30 => {
            let chars = || {
                char::decode_utf16(
                    data.chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]])),
                )
            };
            let valid = data.len().is_multiple_of(2) && chars().all(|c| c.is_ok());
            if valid {
                put_normalised(out, chars().flatten());
            }
            valid
        }
        _ => false,
    };
    if !text {
        out.truncate(start);
        out.push(RAW);
        out.extend_from_slice(&tag.to_be_bytes());
        put_escaped(out, data);
    }
}

/// RFC 5280 §7.1 (simplified RFC 4518), escaped and terminated into the key: case-fold,
/// drop leading and trailing whitespace, collapse inner whitespace runs to one space
/// (whitespace as `char::is_whitespace` says, the words as `str::split_whitespace` gives
/// them).
pub(super) fn put_normalised(out: &mut Vec<u8>, chars: impl Iterator<Item = char>) {
    let mut pending_space = false;
    let mut any = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = any;
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        any = true;
        // ASCII (most names, and every PrintableString) without the Unicode tables.
        // ... and the Cyrillic capitals of NCA's names (А-Я, Ѐ-Џ), whose lowercase is
        // one code point away (as `char::to_lowercase` says: `cyrillic_case_folds`).
        match u32::from(c) {
            _ if c.is_ascii() => put_char(out, c.to_ascii_lowercase()),
            u @ 0x0410..=0x042F => char::from_u32(u + 0x20)
                .into_iter()
                .for_each(|l| put_char(out, l)),
            u @ 0x0400..=0x040F => char::from_u32(u + 0x50)
                .into_iter()
                .for_each(|l| put_char(out, l)),
            _ => c.to_lowercase().for_each(|l| put_char(out, l)),
        }
    }
    out.extend_from_slice(&ESCAPED_END);
}

/// [`put_normalised`] of ASCII text, byte by byte.
pub(super) fn put_normalised_ascii(out: &mut Vec<u8>, data: &[u8]) {
    let mut pending_space = false;
    let mut any = false;
    for &b in data {
        // `char::is_whitespace` of an ASCII character (U+000B included, which
        // `u8::is_ascii_whitespace` leaves out).
        if matches!(b, b' ' | 0x09..=0x0D) {
            pending_space = any;
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        any = true;
        if b == 0 {
            out.extend_from_slice(&ESCAPED_ZERO);
        } else {
            out.push(b.to_ascii_lowercase());
        }
    }
    out.extend_from_slice(&ESCAPED_END);
}

/// One character of a normalised text, UTF-8, escaped.
pub(super) fn put_char(out: &mut Vec<u8>, c: char) {
    if c == '\0' {
        out.extend_from_slice(&ESCAPED_ZERO);
    } else {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// The nested RDN sequence a key encodes; `None` if `bytes` is not such an encoding (it
/// always is: keys are only made by this module).
pub(super) fn decode_key(bytes: &[u8]) -> Option<Rdns> {
    fn escaped(bytes: &[u8], pos: &mut usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let b = *bytes.get(*pos)?;
            *pos += 1;
            if b != 0 {
                out.push(b);
                continue;
            }
            let next = *bytes.get(*pos)?;
            *pos += 1;
            match next {
                0xFF => out.push(0),
                0x01 => return Some(out),
                _ => return None,
            }
        }
    }
    let mut rdns = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let mut set = Vec::new();
        loop {
            let b = *bytes.get(pos)?;
            pos += 1;
            match b {
                RDN_END => break,
                ATTRIBUTE => {
                    let oid = escaped(bytes, &mut pos)?;
                    let kind = *bytes.get(pos)?;
                    pos += 1;
                    let value = match kind {
                        TEXT => ValueKey::Text(String::from_utf8(escaped(bytes, &mut pos)?).ok()?),
                        RAW => {
                            let tag = bytes.get(pos..pos + 4)?;
                            let tag = u32::from_be_bytes([tag[0], tag[1], tag[2], tag[3]]);
                            pos += 4;
                            ValueKey::Raw(tag, escaped(bytes, &mut pos)?)
                        }
                        _ => return None,
                    };
                    set.push((oid, value));
                }
                _ => return None,
            }
        }
        rdns.push(set);
    }
    Some(rdns)
}
