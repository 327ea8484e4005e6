//! A small, bounded BER reader and a DER writer, enough for CMS.
//!
//! NCA tools (Kalkan, NCALayer) emit CMS in BER: indefinite lengths and constructed OCTET
//! STRINGs. The reader accepts both, borrows from the input, never allocates more than the
//! input holds, and bounds the nesting depth; every malformed input is an [`Error`], never a
//! panic. The writer produces DER (definite, minimal lengths).

use std::borrow::Cow;

use crate::error::{Error, Result};

/// Deepest nesting accepted (CMS with certificates nests about 12 levels).
pub const MAX_DEPTH: usize = 64;

/// Universal tag numbers used here.
pub mod tag {
    /// INTEGER.
    pub const INTEGER: u32 = 2;
    /// OCTET STRING.
    pub const OCTET_STRING: u32 = 4;
    /// OBJECT IDENTIFIER.
    pub const OID: u32 = 6;
    /// SEQUENCE.
    pub const SEQUENCE: u32 = 16;
    /// SET.
    pub const SET: u32 = 17;
    /// UTCTime.
    pub const UTC_TIME: u32 = 23;
    /// GeneralizedTime.
    pub const GENERALIZED_TIME: u32 = 24;
}

/// Tag classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Universal.
    Universal,
    /// Application.
    Application,
    /// Context-specific.
    Context,
    /// Private.
    Private,
}

/// One element: its tag and where its bytes are.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    /// Tag class.
    pub class: Class,
    /// Constructed?
    pub constructed: bool,
    /// Tag number.
    pub number: u32,
    /// Indefinite length (BER)?
    pub indefinite: bool,
    /// The whole encoding: identifier, length, contents (and end-of-contents).
    pub raw: &'a [u8],
    /// The contents octets (without the end-of-contents of an indefinite length).
    pub content: &'a [u8],
}

pub(crate) fn malformed(what: &'static str, reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.into(),
    }
}

impl<'a> Tlv<'a> {
    /// Read one element at the start of `input`; returns it and the bytes after it.
    pub fn read(input: &'a [u8], what: &'static str) -> Result<(Tlv<'a>, &'a [u8])> {
        read_at(input, 0, what)
    }

    /// Read exactly one element spanning all of `input`.
    pub fn read_exact(input: &'a [u8], what: &'static str) -> Result<Tlv<'a>> {
        let (tlv, rest) = Tlv::read(input, what)?;
        if !rest.is_empty() {
            return Err(malformed(
                what,
                format!("{} bytes of trailing data", rest.len()),
            ));
        }
        Ok(tlv)
    }

    /// Is it the universal tag `number`?
    pub fn is_universal(&self, number: u32) -> bool {
        self.class == Class::Universal && self.number == number
    }

    /// Is it the context-specific tag `[number]`?
    pub fn is_context(&self, number: u32) -> bool {
        self.class == Class::Context && self.number == number
    }

    /// Require the universal tag `number` (and constructed for SEQUENCE / SET).
    pub fn expect_universal(self, number: u32, what: &'static str) -> Result<Tlv<'a>> {
        let must_construct = matches!(number, tag::SEQUENCE | tag::SET);
        if !self.is_universal(number) || (must_construct && !self.constructed) {
            return Err(malformed(
                what,
                format!(
                    "expected universal tag {number}, found {}",
                    self.describe_tag()
                ),
            ));
        }
        Ok(self)
    }

    /// Human-readable tag, for error messages.
    pub fn describe_tag(&self) -> String {
        let class = match self.class {
            Class::Universal => "universal",
            Class::Application => "application",
            Class::Context => "context",
            Class::Private => "private",
        };
        format!(
            "{class} {}{}",
            self.number,
            if self.constructed {
                " (constructed)"
            } else {
                ""
            }
        )
    }

    /// The children of a constructed element.
    pub fn children(&self, what: &'static str) -> Result<Children<'a>> {
        if !self.constructed {
            return Err(malformed(what, "expected a constructed element"));
        }
        Ok(Children {
            rest: self.content,
            what,
        })
    }

    /// The children, collected, at most `limit` of them.
    pub fn children_vec(&self, limit: usize, what: &'static str) -> Result<Vec<Tlv<'a>>> {
        let mut out = Vec::new();
        for child in self.children(what)? {
            if out.len() >= limit {
                return Err(Error::TooMany { what, limit });
            }
            out.push(child?);
        }
        Ok(out)
    }

    /// The value of an OCTET STRING (primitive, or constructed from segments as BER allows).
    /// The tag itself is not checked: callers use it on implicitly tagged strings too.
    pub fn octets(&self, what: &'static str) -> Result<Cow<'a, [u8]>> {
        if !self.constructed {
            return Ok(Cow::Borrowed(self.content));
        }
        let mut out = Vec::new();
        collect_segments(self, 0, &mut out, what)?;
        Ok(Cow::Owned(out))
    }

    /// An OBJECT IDENTIFIER in dotted form.
    pub fn oid(&self, what: &'static str) -> Result<String> {
        if !self.is_universal(tag::OID) || self.constructed {
            return Err(malformed(
                what,
                format!(
                    "expected an OBJECT IDENTIFIER, found {}",
                    self.describe_tag()
                ),
            ));
        }
        oid_to_string(self.content).ok_or_else(|| malformed(what, "invalid OBJECT IDENTIFIER"))
    }

    /// A small non-negative INTEGER (versions).
    pub fn small_uint(&self, what: &'static str) -> Result<u32> {
        if !self.is_universal(tag::INTEGER) || self.constructed {
            return Err(malformed(what, "expected an INTEGER"));
        }
        let c = self.content;
        if c.is_empty() || c.len() > 4 || c[0] & 0x80 != 0 {
            return Err(malformed(what, "INTEGER out of range"));
        }
        Ok(c.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
    }

    /// The element with definite lengths throughout (indefinite lengths re-encoded; every
    /// byte of definite-length elements kept as it was).
    pub fn to_definite(self) -> Result<Cow<'a, [u8]>> {
        to_definite_at(&self, 0)
    }
}

fn collect_segments(
    tlv: &Tlv<'_>,
    depth: usize,
    out: &mut Vec<u8>,
    what: &'static str,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(malformed(what, "constructed string nested too deeply"));
    }
    for child in tlv.children(what)? {
        let child = child?;
        if !child.is_universal(tag::OCTET_STRING) {
            return Err(malformed(
                what,
                format!(
                    "segment of a constructed OCTET STRING has tag {}",
                    child.describe_tag()
                ),
            ));
        }
        if child.constructed {
            collect_segments(&child, depth + 1, out, what)?;
        } else {
            out.extend_from_slice(child.content);
        }
    }
    Ok(())
}

fn to_definite_at<'a>(tlv: &Tlv<'a>, depth: usize) -> Result<Cow<'a, [u8]>> {
    if depth > MAX_DEPTH {
        return Err(malformed("BER element", "nested too deeply"));
    }
    if !tlv.constructed {
        return Ok(Cow::Borrowed(tlv.raw));
    }
    let mut changed = tlv.indefinite;
    let mut parts = Vec::new();
    for child in tlv.children("BER element")? {
        let c = to_definite_at(&child?, depth + 1)?;
        changed |= matches!(c, Cow::Owned(_));
        parts.push(c);
    }
    if !changed {
        return Ok(Cow::Borrowed(tlv.raw));
    }
    let id_len = identifier_len(tlv.raw);
    let mut content = Vec::new();
    for p in &parts {
        content.extend_from_slice(p);
    }
    let mut out = Vec::with_capacity(id_len + 6 + content.len());
    out.extend_from_slice(&tlv.raw[..id_len]);
    push_len(&mut out, content.len());
    out.extend_from_slice(&content);
    Ok(Cow::Owned(out))
}

/// Length of the identifier octets at the start of an element already read.
fn identifier_len(raw: &[u8]) -> usize {
    if raw.first().is_some_and(|b| b & 0x1f == 0x1f) {
        1 + raw[1..].iter().take_while(|b| *b & 0x80 != 0).count() + 1
    } else {
        1
    }
}

/// Iterator over the children of a constructed element.
pub struct Children<'a> {
    rest: &'a [u8],
    what: &'static str,
}

impl<'a> Iterator for Children<'a> {
    type Item = Result<Tlv<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        match read_at(self.rest, 1, self.what) {
            Ok((tlv, rest)) => {
                self.rest = rest;
                Some(Ok(tlv))
            }
            Err(e) => {
                self.rest = &[];
                Some(Err(e))
            }
        }
    }
}

/// Read one element at `input`, at nesting `depth`.
fn read_at<'a>(input: &'a [u8], depth: usize, what: &'static str) -> Result<(Tlv<'a>, &'a [u8])> {
    if depth > MAX_DEPTH {
        return Err(malformed(
            what,
            format!("nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    let first = *input
        .first()
        .ok_or_else(|| malformed(what, "truncated: element expected"))?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::Context,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let mut pos = 1usize;
    let number = if first & 0x1f == 0x1f {
        let mut n: u32 = 0;
        let mut count = 0;
        loop {
            let b = *input
                .get(pos)
                .ok_or_else(|| malformed(what, "truncated tag"))?;
            pos += 1;
            count += 1;
            if count > 4 || (count == 1 && b == 0x80) {
                return Err(malformed(what, "invalid high tag number"));
            }
            n = (n << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
        n
    } else {
        u32::from(first & 0x1f)
    };
    if class == Class::Universal && number == 0 {
        return Err(malformed(what, "unexpected end-of-contents"));
    }
    let len_byte = *input
        .get(pos)
        .ok_or_else(|| malformed(what, "truncated length"))?;
    pos += 1;
    if len_byte == 0x80 {
        if !constructed {
            return Err(malformed(what, "indefinite length on a primitive element"));
        }
        // Scan the children up to the end-of-contents octets.
        let start = pos;
        let mut cur = &input[pos..];
        loop {
            if cur.len() >= 2 && cur[0] == 0 && cur[1] == 0 {
                let content_end = input.len() - cur.len();
                let end = content_end + 2;
                let tlv = Tlv {
                    class,
                    constructed,
                    number,
                    indefinite: true,
                    raw: &input[..end],
                    content: &input[start..content_end],
                };
                return Ok((tlv, &input[end..]));
            }
            if cur.is_empty() {
                return Err(malformed(what, "truncated: end-of-contents missing"));
            }
            let (_, rest) = read_at(cur, depth + 1, what)?;
            cur = rest;
        }
    }
    let len = if len_byte < 0x80 {
        usize::from(len_byte)
    } else {
        let n = usize::from(len_byte & 0x7f);
        if n > 4 {
            return Err(malformed(what, "length field longer than 4 octets"));
        }
        let bytes = input
            .get(pos..pos + n)
            .ok_or_else(|| malformed(what, "truncated length"))?;
        pos += n;
        bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b))
    };
    let end = pos
        .checked_add(len)
        .ok_or_else(|| malformed(what, "length overflow"))?;
    if end > input.len() {
        return Err(malformed(
            what,
            format!(
                "truncated: element declares {len} content bytes, {} present",
                input.len() - pos
            ),
        ));
    }
    let tlv = Tlv {
        class,
        constructed,
        number,
        indefinite: false,
        raw: &input[..end],
        content: &input[pos..end],
    };
    Ok((tlv, &input[end..]))
}

/// Dotted form of OBJECT IDENTIFIER contents; `None` when malformed.
pub fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.len() > 256 {
        return None;
    }
    let mut arcs: Vec<u64> = Vec::new();
    let mut v: u64 = 0;
    let mut fresh = true;
    for &b in content {
        if fresh && b == 0x80 {
            return None; // non-minimal arc
        }
        fresh = false;
        v = v.checked_mul(128)? | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(v);
            v = 0;
            fresh = true;
        }
    }
    if !fresh {
        return None; // last arc unterminated
    }
    let first = arcs[0];
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut s = format!("{a}.{b}");
    for arc in &arcs[1..] {
        s.push('.');
        s.push_str(&arc.to_string());
    }
    Some(s)
}

/// DER contents of a dotted OID. Only for the library's own constants.
pub fn oid_content(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').filter_map(|a| a.parse().ok()).collect();
    let mut out = Vec::new();
    if arcs.len() < 2 {
        return out;
    }
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(((v & 0x7f) as u8) | 0x80);
            v >>= 7;
        }
        tmp.reverse();
        out.extend_from_slice(&tmp);
    };
    push(arcs[0] * 40 + arcs[1]);
    for a in &arcs[2..] {
        push(*a);
    }
    out
}

// ---------------------------------------------------------------------------------------
// DER writer

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// One DER element with a single-octet identifier.
pub fn der(identifier: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(identifier);
    push_len(&mut out, content.len());
    out.extend_from_slice(content);
    out
}

/// SEQUENCE of already-encoded elements, in order.
pub fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    der(0x30, &parts.concat())
}

/// SET OF already-encoded elements, sorted as DER requires.
pub fn set_of(parts: Vec<Vec<u8>>) -> Vec<u8> {
    der(0x31, &sorted_concat(parts))
}

/// Concatenation of encodings sorted in DER SET OF order (duplicates kept).
pub fn sorted_concat(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    parts.concat()
}

/// OBJECT IDENTIFIER from dotted form.
pub fn oid(dotted: &str) -> Vec<u8> {
    der(0x06, &oid_content(dotted))
}

/// INTEGER from its (already two's-complement) content octets.
pub fn integer_content(content: &[u8]) -> Vec<u8> {
    der(0x02, content)
}

/// Small non-negative INTEGER.
pub fn small_integer(v: u32) -> Vec<u8> {
    let bytes = v.to_be_bytes();
    let start = bytes.iter().take_while(|b| **b == 0).count().min(3);
    let mut content = Vec::with_capacity(5);
    if bytes[start] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(&bytes[start..]);
    der(0x02, &content)
}

/// OCTET STRING.
pub fn octet_string(content: &[u8]) -> Vec<u8> {
    der(0x04, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_roundtrip() {
        for s in [
            "1.2.840.113549.1.7.2",
            "2.16.840.1.101.3.4.2.1",
            "1.2.398.3.10.1.1.2.3.2",
            "2.999.1",
            "0.9.2342.19200300.100.1.25",
        ] {
            assert_eq!(oid_to_string(&oid_content(s)).as_deref(), Some(s));
        }
        assert!(oid_to_string(&[]).is_none());
        assert!(oid_to_string(&[0x2a, 0x86]).is_none());
        assert!(oid_to_string(&[0x80, 0x01]).is_none());
    }

    #[test]
    fn indefinite_and_constructed_strings() {
        // [0] indefinite { OCTET STRING constructed indefinite { "ab", "c" } }
        let ber = [
            0xA0, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x00,
            0x00,
        ];
        let t = Tlv::read_exact(&ber, "t").unwrap();
        assert!(t.indefinite && t.is_context(0));
        let inner = t.children_vec(10, "t").unwrap();
        assert_eq!(inner.len(), 1);
        assert_eq!(&*inner[0].octets("t").unwrap(), b"abc");
        let def = t.to_definite().unwrap();
        assert_eq!(
            &*def,
            &[0xA0, 0x09, 0x24, 0x07, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c'][..]
        );
        // Definite input is kept byte for byte.
        let again = Tlv::read_exact(&def, "t").unwrap();
        assert!(matches!(again.to_definite().unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn truncations_are_errors() {
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x00, 0x00, 0x00, 0x00,
        ];
        assert!(Tlv::read_exact(&ber, "t").is_ok());
        for n in 0..ber.len() {
            assert!(Tlv::read_exact(&ber[..n], "t").is_err(), "{n}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let mut v = Vec::new();
        for _ in 0..200 {
            v.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..200 {
            v.extend_from_slice(&[0, 0]);
        }
        assert!(Tlv::read_exact(&v, "t").is_err());
    }

    #[test]
    fn writer() {
        assert_eq!(small_integer(1), vec![2, 1, 1]);
        assert_eq!(small_integer(0), vec![2, 1, 0]);
        assert_eq!(small_integer(128), vec![2, 2, 0, 128]);
        assert_eq!(der(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(der(0x04, &[0; 300])[..4], [0x04, 0x82, 1, 44]);
        assert_eq!(
            set_of(vec![vec![2, 1, 5], vec![2, 1, 3]]),
            vec![0x31, 6, 2, 1, 3, 2, 1, 5]
        );
    }
}
