//! A thin BER reader over `asn1-rs`: key containers (PKCS#12 in particular, as NCA and Java
//! tools write them) use BER with indefinite lengths and constructed OCTET STRINGs, which a
//! DER-only parser refuses.
//!
//! `asn1-rs` reads each element (header, definite or indefinite length, nesting bounded by
//! its recursion limit); this module adds typed accessors, the reassembly of constructed
//! OCTET STRINGs (bounded in depth and chunk count), and a minimal DER writer for the few
//! structures re-encoded here (SubjectPublicKeyInfo).

use std::ops::Deref;

use asn1_rs::{Any, Class, FromBer};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Universal tags used here.
pub(crate) mod tag {
    pub const INTEGER: u32 = 2;
    pub const BIT_STRING: u32 = 3;
    pub const OCTET_STRING: u32 = 4;
    pub const OID: u32 = 6;
    pub const SEQUENCE: u32 = 16;
    pub const SET: u32 = 17;
    pub const BMP_STRING: u32 = 30;
}

/// Deepest nesting of constructed OCTET STRING chunks accepted.
const MAX_OCTET_STRING_DEPTH: usize = 8;
/// Most chunks of one constructed OCTET STRING.
const MAX_OCTET_STRING_CHUNKS: usize = 100_000;

/// One element: its header facts, its content (without the end-of-contents octets of an
/// indefinite length) and its whole encoding.
#[derive(Clone, Copy)]
pub(crate) struct Tlv<'a> {
    pub class: Class,
    pub constructed: bool,
    pub tag: u32,
    pub data: &'a [u8],
    pub raw: &'a [u8],
    pub what: &'static str,
}

pub(crate) fn malformed(what: &'static str, reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.into(),
    }
}

/// Read the element at the start of `input`; returns it and what follows.
pub(crate) fn read<'a>(input: &'a [u8], what: &'static str) -> Result<(Tlv<'a>, &'a [u8])> {
    if input.is_empty() {
        return Err(malformed(what, "truncated: missing element"));
    }
    let (rest, any) = Any::from_ber(input).map_err(|e| {
        let reason = match e {
            asn1_rs::Err::Incomplete(_) => "truncated".to_string(),
            asn1_rs::Err::Error(e) | asn1_rs::Err::Failure(e) => e.to_string(),
        };
        malformed(what, reason)
    })?;
    let consumed = input.len() - rest.len();
    let tlv = Tlv {
        class: any.header.class(),
        constructed: any.header.is_constructed(),
        tag: any.header.tag().0,
        data: any.data,
        raw: &input[..consumed],
        what,
    };
    Ok((tlv, rest))
}

/// Read `input` as exactly one element (nothing may follow).
pub(crate) fn read_one<'a>(input: &'a [u8], what: &'static str) -> Result<Tlv<'a>> {
    let (tlv, rest) = read(input, what)?;
    if !rest.is_empty() {
        return Err(malformed(
            what,
            format!("{} bytes of trailing data", rest.len()),
        ));
    }
    Ok(tlv)
}

/// Bytes that are either borrowed from the input or reassembled (and then zeroized on drop,
/// since they may be key material).
pub(crate) enum Octets<'a> {
    Borrowed(&'a [u8]),
    Owned(Zeroizing<Vec<u8>>),
}

impl Deref for Octets<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Octets::Borrowed(b) => b,
            Octets::Owned(v) => v,
        }
    }
}

impl<'a> Tlv<'a> {
    fn describe(&self) -> String {
        let class = match self.class {
            Class::Universal => "",
            Class::Application => "APPLICATION ",
            Class::ContextSpecific => "context ",
            Class::Private => "PRIVATE ",
        };
        format!("{class}[{}]", self.tag)
    }

    /// Is this a universal element with `tag`?
    pub fn is(&self, tag: u32) -> bool {
        self.class == Class::Universal && self.tag == tag
    }

    /// Is this a context-specific element `[n]`?
    pub fn is_context(&self, n: u32) -> bool {
        self.class == Class::ContextSpecific && self.tag == n
    }

    /// Fail unless this is a universal element with `tag`.
    pub fn expect(&self, tag: u32, name: &str) -> Result<()> {
        if self.is(tag) {
            Ok(())
        } else {
            Err(malformed(
                self.what,
                format!("expected {name}, found {}", self.describe()),
            ))
        }
    }

    /// The children of a constructed element (SEQUENCE, SET, explicit tag ...).
    pub fn children(&self) -> Result<Seq<'a>> {
        if !self.constructed {
            return Err(malformed(
                self.what,
                format!("{} is not constructed", self.describe()),
            ));
        }
        Ok(Seq {
            rest: self.data,
            what: self.what,
        })
    }

    /// The children of a SEQUENCE.
    pub fn sequence(&self) -> Result<Seq<'a>> {
        self.expect(tag::SEQUENCE, "SEQUENCE")?;
        self.children()
    }

    /// The children of a SET.
    pub fn set(&self) -> Result<Seq<'a>> {
        self.expect(tag::SET, "SET")?;
        self.children()
    }

    /// The single element inside an explicit tag.
    pub fn explicit_inner(&self) -> Result<Tlv<'a>> {
        let mut seq = self.children()?;
        let inner = seq.next("explicitly tagged value")?;
        seq.finish()?;
        Ok(inner)
    }

    /// An OBJECT IDENTIFIER as a dotted string.
    pub fn oid(&self) -> Result<String> {
        self.expect(tag::OID, "OBJECT IDENTIFIER")?;
        if self.constructed
            || self.data.is_empty()
            || self.data.last().is_some_and(|b| b & 0x80 != 0)
        {
            return Err(malformed(self.what, "invalid OBJECT IDENTIFIER"));
        }
        Ok(asn1_rs::Oid::new(std::borrow::Cow::Borrowed(self.data)).to_id_string())
    }

    /// An OCTET STRING's value, reassembling a constructed (chunked) encoding.
    pub fn octets(&self) -> Result<Octets<'a>> {
        self.expect(tag::OCTET_STRING, "OCTET STRING")?;
        self.octets_any_tag()
    }

    /// The value of an (implicitly tagged) OCTET STRING, whatever its tag: primitive, or
    /// constructed from OCTET STRING chunks.
    pub fn octets_any_tag(&self) -> Result<Octets<'a>> {
        if !self.constructed {
            return Ok(Octets::Borrowed(self.data));
        }
        let mut out = Zeroizing::new(Vec::new());
        let mut chunks = 0usize;
        collect_chunks(self.data, self.what, 0, &mut chunks, &mut out)?;
        Ok(Octets::Owned(out))
    }

    /// A non-negative INTEGER that fits in a u64.
    pub fn small_uint(&self) -> Result<u64> {
        let bytes = self.uint_bytes()?;
        if bytes.len() > 8 {
            return Err(malformed(self.what, "INTEGER too large"));
        }
        Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// A non-negative INTEGER's magnitude, big-endian, without leading zero octets.
    pub fn uint_bytes(&self) -> Result<&'a [u8]> {
        self.expect(tag::INTEGER, "INTEGER")?;
        if self.constructed || self.data.is_empty() {
            return Err(malformed(self.what, "invalid INTEGER"));
        }
        if self.data[0] & 0x80 != 0 {
            return Err(malformed(self.what, "negative INTEGER"));
        }
        let start = self
            .data
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(self.data.len());
        Ok(&self.data[start..])
    }

    /// A BIT STRING with no unused bits: its octets.
    pub fn bit_string_octets(&self) -> Result<&'a [u8]> {
        self.expect(tag::BIT_STRING, "BIT STRING")?;
        match self.data.split_first() {
            Some((0, bits)) if !self.constructed => Ok(bits),
            _ => Err(malformed(
                self.what,
                "BIT STRING with unused bits or constructed",
            )),
        }
    }
}

fn collect_chunks(
    mut data: &[u8],
    what: &'static str,
    depth: usize,
    chunks: &mut usize,
    out: &mut Vec<u8>,
) -> Result<()> {
    if depth >= MAX_OCTET_STRING_DEPTH {
        return Err(malformed(
            what,
            "constructed OCTET STRING nested too deeply",
        ));
    }
    while !data.is_empty() {
        let (chunk, rest) = read(data, what)?;
        data = rest;
        *chunks += 1;
        if *chunks > MAX_OCTET_STRING_CHUNKS {
            return Err(Error::TooMany {
                what: "OCTET STRING chunks",
                limit: MAX_OCTET_STRING_CHUNKS,
            });
        }
        chunk.expect(tag::OCTET_STRING, "OCTET STRING chunk")?;
        if chunk.constructed {
            collect_chunks(chunk.data, what, depth + 1, chunks, out)?;
        } else {
            out.extend_from_slice(chunk.data);
        }
    }
    Ok(())
}

/// The elements inside a constructed element, read one by one.
pub(crate) struct Seq<'a> {
    rest: &'a [u8],
    what: &'static str,
}

impl<'a> Seq<'a> {
    /// The next element; `name` says what was expected when there is none.
    pub fn next(&mut self, name: &str) -> Result<Tlv<'a>> {
        self.next_opt()?
            .ok_or_else(|| malformed(self.what, format!("missing {name}")))
    }

    /// The next element, if any.
    pub fn next_opt(&mut self) -> Result<Option<Tlv<'a>>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, rest) = read(self.rest, self.what)?;
        self.rest = rest;
        Ok(Some(tlv))
    }

    /// The next element if it is context-specific `[n]`.
    pub fn next_if_context(&mut self, n: u32) -> Result<Option<Tlv<'a>>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, rest) = read(self.rest, self.what)?;
        if tlv.is_context(n) {
            self.rest = rest;
            Ok(Some(tlv))
        } else {
            Ok(None)
        }
    }

    /// The next element if it is universal `tag`.
    pub fn next_if(&mut self, tag: u32) -> Result<Option<Tlv<'a>>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (tlv, rest) = read(self.rest, self.what)?;
        if tlv.is(tag) {
            self.rest = rest;
            Ok(Some(tlv))
        } else {
            Ok(None)
        }
    }

    /// Nothing may remain.
    pub fn finish(&self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(malformed(self.what, "unexpected trailing elements"))
        }
    }
}

/// An AlgorithmIdentifier: the OID and the parameters element, if any.
pub(crate) struct AlgId<'a> {
    pub oid: String,
    pub params: Option<Tlv<'a>>,
}

impl<'a> AlgId<'a> {
    pub fn read(tlv: &Tlv<'a>) -> Result<AlgId<'a>> {
        let mut seq = tlv.sequence()?;
        let oid = seq.next("algorithm OID")?.oid()?;
        let params = seq.next_opt()?;
        seq.finish()?;
        Ok(AlgId { oid, params })
    }
}

/// DER encoding of one element with a single-octet tag.
pub(crate) fn der_tlv(tag_octet: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag_octet);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// DER encoding of an OBJECT IDENTIFIER given in dotted form (known-good constants only).
pub(crate) fn der_oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap_or(0)).collect();
    let mut body = Vec::new();
    let first = arcs.first().copied().unwrap_or(0) * 40 + arcs.get(1).copied().unwrap_or(0);
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        tmp.reverse();
        body.extend_from_slice(&tmp);
    };
    push(first);
    for &a in arcs.iter().skip(2) {
        push(a);
    }
    der_tlv(0x06, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_and_chunked_octet_strings() {
        // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" } }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x00,
            0x00,
        ];
        let tlv = read_one(&ber, "test").unwrap();
        let mut seq = tlv.sequence().unwrap();
        let os = seq.next("os").unwrap();
        assert_eq!(&*os.octets().unwrap(), b"abc");
        seq.finish().unwrap();
        for cut in 0..ber.len() {
            assert!(read_one(&ber[..cut], "test").is_err());
        }
    }

    #[test]
    fn oid_round_trip() {
        let der = der_oid("1.2.840.113549.1.1.1");
        assert_eq!(
            der,
            [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
        );
        assert_eq!(
            read_one(&der, "t").unwrap().oid().unwrap(),
            "1.2.840.113549.1.1.1"
        );
    }

    #[test]
    fn der_lengths() {
        assert_eq!(der_tlv(4, &[0; 3])[..2], [4, 3]);
        assert_eq!(der_tlv(4, &[0; 200])[..3], [4, 0x81, 200]);
        assert_eq!(der_tlv(4, &[0; 300])[..4], [4, 0x82, 1, 44]);
    }
}
