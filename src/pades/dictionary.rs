//! A signature dictionary read from the file's bytes: its `/ByteRange`, the `/Contents`
//! hex string exactly in the gap, the DER inside it, and the dictionary's claims
//! (`/SubFilter`, `/M`). Which dictionaries are signatures, and what they lock, the
//! object reader says ([`super::form`]).

use super::{limits, text};

/// A signature dictionary read: the ranges, the CMS, the dictionary's claims.
pub(super) struct Found<'a> {
    pub(super) byte_range: [u64; 4],
    pub(super) first: &'a [u8],
    pub(super) second: &'a [u8],
    pub(super) cms: Vec<u8>,
    pub(super) sub_filter: String,
    pub(super) claimed_time: Option<String>,
    /// The signature dictionary's object, `obj` to `endobj` or to the end of the second
    /// range if that comes first: the part this signature covers.
    pub(super) dictionary: &'a [u8],
}

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// The first position of `needle` in `hay` at or after `from`.
pub(super) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The last position of `needle` in `hay` before `to`.
pub(super) fn rfind(hay: &[u8], needle: &[u8], to: usize) -> Option<usize> {
    hay.get(..to)?
        .windows(needle.len())
        .rposition(|w| w == needle)
}

/// The signature whose `/ByteRange` key starts at `at`, checked: its ranges, its gap
/// exactly the `/Contents` hex string of the same indirect object, the DER inside it.
pub(super) fn read_signature(pdf: &[u8], at: usize) -> std::result::Result<Found<'_>, String> {
    let mut p = at + b"/ByteRange".len();
    let skip = |p: &mut usize| {
        while pdf.get(*p).is_some_and(|b| is_white(*b)) {
            *p += 1;
        }
    };
    skip(&mut p);
    if pdf.get(p) != Some(&b'[') {
        return Err("/ByteRange is not an array".into());
    }
    p += 1;
    let mut range = [0u64; 4];
    for slot in &mut range {
        skip(&mut p);
        let start = p;
        while pdf.get(p).is_some_and(u8::is_ascii_digit) {
            p += 1;
        }
        let digits = pdf.get(start..p).unwrap_or_default();
        if digits.is_empty() || digits.len() > 12 {
            return Err("/ByteRange holds something other than four non-negative integers".into());
        }
        *slot = digits
            .iter()
            .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    }
    skip(&mut p);
    if pdf.get(p) != Some(&b']') {
        return Err("/ByteRange holds more than four numbers".into());
    }
    let len = pdf.len() as u64;
    let [a, b, c, d] = range;
    if a != 0 || b == 0 || c <= b + 1 || c.checked_add(d).is_none_or(|e| e > len) {
        return Err(format!(
            "/ByteRange [{a} {b} {c} {d}] is not two ranges from the file's first byte around a gap, within its {len} bytes"
        ));
    }
    let (b, c, d) = (b as usize, c as usize, d as usize);
    // The gap: exactly the /Contents hex string.
    let gap = pdf.get(b..c).unwrap_or_default();
    let hex = match (gap.first(), gap.last()) {
        (Some(b'<'), Some(b'>')) => gap.get(1..gap.len() - 1).unwrap_or_default(),
        _ => return Err("the gap /ByteRange leaves is not a hex string".into()),
    };
    if hex.len() % 2 != 0 || !hex.iter().all(u8::is_ascii_hexdigit) {
        return Err("the gap /ByteRange leaves is not a hex string of whole bytes".into());
    }
    let mut before = b;
    while before > 0 && pdf.get(before - 1).is_some_and(|x| is_white(*x)) {
        before -= 1;
    }
    if !pdf.get(..before).is_some_and(|s| s.ends_with(b"/Contents")) {
        return Err("the gap /ByteRange leaves is not the value of /Contents".into());
    }
    // The indirect object holding both.
    let first = at.min(before);
    let obj = rfind(pdf, b"obj", first)
        .filter(|o| first - o <= limits::MAX_DICTIONARY_SPAN)
        .ok_or("the signature dictionary is not in an indirect object written in the file")?;
    if rfind(pdf, b"endobj", first).is_some_and(|e| e + 3 >= obj) {
        return Err(
            "the signature dictionary is not in an indirect object written in the file".into(),
        );
    }
    let last = c.max(p);
    let end = find(pdf, b"endobj", last)
        .filter(|e| e - last <= limits::MAX_DICTIONARY_SPAN)
        .ok_or("the signature dictionary's object has no endobj")?;
    let dict = pdf.get(obj..end).unwrap_or_default();
    if count(dict, b"/ByteRange") != 1 || count(dict, b"/Contents") != 1 {
        return Err("the signature dictionary names /ByteRange or /Contents more than once".into());
    }
    let sub_filter = name_after(dict, b"/SubFilter").unwrap_or_default();
    // The signer's claims are read only where this signature covers them: the second range
    // may end before `endobj`, and what follows it is anyone's.
    let covered = pdf
        .get(obj..end.min(c.saturating_add(d)))
        .unwrap_or_default();
    let claimed_time = text::text_after(covered, b"/M");
    // The DER inside the hex, then zero padding only.
    let mut bytes: Vec<u8> = hex
        .chunks(2)
        .map(|h| (nibble(h[0]) << 4) | nibble(h[1]))
        .collect();
    let rest = crate::ber::Tlv::read(&bytes, "PDF /Contents")
        .map(|(_, rest)| rest.len())
        .map_err(|e| format!("/Contents does not hold a CMS: {e}"))?;
    let cms_len = bytes.len() - rest;
    if bytes
        .get(cms_len..)
        .is_some_and(|r| r.iter().any(|x| *x != 0))
    {
        return Err("/Contents holds more than its CMS and zero padding".into());
    }
    bytes.truncate(cms_len);
    let cms = bytes;
    Ok(Found {
        byte_range: range,
        first: pdf.get(..b).unwrap_or_default(),
        second: pdf.get(c..c + d).unwrap_or_default(),
        cms,
        sub_filter,
        claimed_time,
        dictionary: covered,
    })
}

pub(super) fn nibble(h: u8) -> u8 {
    match h {
        b'0'..=b'9' => h - b'0',
        b'a'..=b'f' => h - b'a' + 10,
        b'A'..=b'F' => h - b'A' + 10,
        _ => 0,
    }
}

pub(super) fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The name after `key` (`/SubFilter /ETSI.CAdES.detached` -> `ETSI.CAdES.detached`).
pub(super) fn name_after(dict: &[u8], key: &[u8]) -> Option<String> {
    let at = find(dict, key, 0)? + key.len();
    let rest = dict.get(at..)?;
    let rest = rest.get(rest.iter().position(|b| !is_white(*b))?..)?;
    let rest = rest.strip_prefix(b"/")?;
    let end = rest
        .iter()
        .position(|b| is_white(*b) || b"/<>[]()".contains(b))
        .unwrap_or(rest.len());
    let name = rest.get(..end.min(128))?;
    Some(String::from_utf8_lossy(name).into_owned())
}
