//! The crate's BER reader, and a small DER writer: bounded, borrowing, no dependency.
//!
//! Why BER and not DER: NCA tools (Kalkan, NCALayer) emit CMS in BER, and key containers as
//! NCA and Java tools write them (PKCS#12 in particular, and the PKCS#8 inside) are BER as
//! well: indefinite lengths and constructed OCTET STRINGs, which a DER-only parser refuses.
//! (Certificates and CRLs are read by the strict DER reader of `src/der.rs`, on purpose.)
//!
//! The reader accepts both length forms, borrows from the input, never allocates more than
//! the input holds, and bounds the nesting depth ([`MAX_DEPTH`]); every malformed input is
//! an [`Error`], never a panic. Elements are read two ways:
//!
//! * [`Tlv::children`] / [`Tlv::children_vec`] (an iterator, or at most `limit` elements
//!   collected), as CMS reads;
//! * the typed cursor [`Seq`] ([`Tlv::sequence`], [`Tlv::set`], [`Tlv::explicit_inner`]:
//!   `next`, `next_opt`, `next_if_context`, `next_if`, `finish`), for fixed field layouts,
//!   as the key containers read, with [`AlgId`] for AlgorithmIdentifiers.
//!
//! An OCTET STRING's value comes from [`Tlv::octets`] (borrowed, or reassembled from a
//! constructed encoding) or, for key material, [`Tlv::secret_octets`]: reassembled into a
//! [`Zeroizing`] buffer, with the segments' nesting and count bounded.
//!
//! Work is linear in the input: reading an element of indefinite length scans it once to
//! find its end-of-contents (a caller that descends k levels reads the bytes below k
//! times, k being fixed by the structure it reads), and [`Tlv::to_definite`],
//! [`Tlv::octets`] and [`Tlv::secret_octets`] each walk the element in one pass whatever
//! its nesting (issue 9: they used to re-read every level at every level above it).
//!
//! The writer produces DER (definite, minimal lengths).

use std::borrow::Cow;
use std::ops::Deref;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Deepest nesting accepted below the element being read (the nesting of indefinite
/// lengths, which the reader scans; and of [`Tlv::to_definite`] and [`Tlv::octets`]).
/// CMS with certificates nests about 12 levels. No looser than either reader this module
/// replaced: the CMS reader's bound was 64, and `asn1-rs` (MAX_RECURSION 50), which read
/// the key containers, refused an element 50 levels down.
pub(crate) const MAX_DEPTH: usize = 48;

/// Deepest nesting of segments in a constructed OCTET STRING read by
/// [`Tlv::secret_octets`].
pub(crate) const MAX_SECRET_SEGMENT_DEPTH: usize = 8;

/// Most segments of one constructed OCTET STRING read by [`Tlv::secret_octets`].
pub(crate) const MAX_SECRET_SEGMENTS: usize = 100_000;

/// Universal tag numbers used here.
pub(crate) mod tag {
    /// INTEGER.
    pub(crate) const INTEGER: u32 = 2;
    /// BIT STRING.
    pub(crate) const BIT_STRING: u32 = 3;
    /// OCTET STRING.
    pub(crate) const OCTET_STRING: u32 = 4;
    /// OBJECT IDENTIFIER.
    pub(crate) const OID: u32 = 6;
    /// SEQUENCE.
    pub(crate) const SEQUENCE: u32 = 16;
    /// SET.
    pub(crate) const SET: u32 = 17;
    /// UTCTime.
    pub(crate) const UTC_TIME: u32 = 23;
    /// GeneralizedTime.
    pub(crate) const GENERALIZED_TIME: u32 = 24;
    /// BMPString.
    pub(crate) const BMP_STRING: u32 = 30;
}

/// Tag classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
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
pub(crate) struct Tlv<'a> {
    /// Tag class.
    pub class: Class,
    /// Constructed?
    pub constructed: bool,
    /// Tag number.
    pub number: u32,
    /// Indefinite length (BER)? (No reader in the crate needs it since
    /// [`Tlv::to_definite`] walks the raw octets itself; the tests look.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub indefinite: bool,
    /// The whole encoding: identifier, length, contents (and end-of-contents).
    pub raw: &'a [u8],
    /// The contents octets (without the end-of-contents of an indefinite length).
    pub content: &'a [u8],
}

/// The error for malformed input.
pub(crate) fn malformed(what: &'static str, reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.into(),
    }
}

/// Bytes borrowed from the input, or reassembled from a constructed OCTET STRING into a
/// buffer zeroized on drop (they may be key material).
pub(crate) enum Octets<'a> {
    /// The contents of a primitive encoding, as found.
    Borrowed(&'a [u8]),
    /// The segments of a constructed encoding, concatenated.
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
    /// Read one element at the start of `input`; returns it and the bytes after it.
    pub(crate) fn read(input: &'a [u8], what: &'static str) -> Result<(Tlv<'a>, &'a [u8])> {
        read_at(input, 0, what)
    }

    /// Read exactly one element spanning all of `input`.
    pub(crate) fn read_exact(input: &'a [u8], what: &'static str) -> Result<Tlv<'a>> {
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
    pub(crate) fn is_universal(&self, number: u32) -> bool {
        self.class == Class::Universal && self.number == number
    }

    /// Is it the context-specific tag `[number]`?
    pub(crate) fn is_context(&self, number: u32) -> bool {
        self.class == Class::Context && self.number == number
    }

    /// Require the universal tag `number` (and constructed for SEQUENCE / SET).
    pub(crate) fn expect_universal(self, number: u32, what: &'static str) -> Result<Tlv<'a>> {
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

    /// Require the universal tag `number`, called `name` in the error.
    fn expect_named(&self, number: u32, name: &str, what: &'static str) -> Result<()> {
        if self.is_universal(number) {
            Ok(())
        } else {
            Err(malformed(
                what,
                format!("expected {name}, found {}", self.describe_tag()),
            ))
        }
    }

    /// Human-readable tag, for error messages.
    pub(crate) fn describe_tag(&self) -> String {
        describe_tag(self.class, self.number, self.constructed)
    }

    /// The children of a constructed element.
    pub(crate) fn children(&self, what: &'static str) -> Result<Children<'a>> {
        if !self.constructed {
            return Err(malformed(what, "expected a constructed element"));
        }
        Ok(Children {
            rest: self.content,
            what,
        })
    }

    /// The children, collected, at most `limit` of them.
    pub(crate) fn children_vec(&self, limit: usize, what: &'static str) -> Result<Vec<Tlv<'a>>> {
        let mut out = Vec::new();
        for child in self.children(what)? {
            if out.len() >= limit {
                return Err(Error::TooMany { what, limit });
            }
            out.push(child?);
        }
        Ok(out)
    }

    /// A cursor over the children of a constructed element, whatever its tag.
    pub(crate) fn cursor(&self, what: &'static str) -> Result<Seq<'a>> {
        Ok(Seq {
            rest: self.children(what)?.rest,
            what,
        })
    }

    /// A cursor over the children of a SEQUENCE.
    pub(crate) fn sequence(&self, what: &'static str) -> Result<Seq<'a>> {
        self.expect_named(tag::SEQUENCE, "SEQUENCE", what)?;
        self.cursor(what)
    }

    /// A cursor over the children of a SET.
    pub(crate) fn set(&self, what: &'static str) -> Result<Seq<'a>> {
        self.expect_named(tag::SET, "SET", what)?;
        self.cursor(what)
    }

    /// The single element inside an explicit tag.
    pub(crate) fn explicit_inner(&self, what: &'static str) -> Result<Tlv<'a>> {
        let mut seq = self.cursor(what)?;
        let inner = seq.next("explicitly tagged value")?;
        seq.finish()?;
        Ok(inner)
    }

    /// The value of an OCTET STRING (primitive, or constructed from segments as BER allows).
    /// The tag itself is not checked: callers use it on implicitly tagged strings too.
    /// A reassembled value is not zeroized: for key material, see [`Tlv::secret_octets`].
    pub(crate) fn octets(&self, what: &'static str) -> Result<Cow<'a, [u8]>> {
        if !self.constructed {
            return Ok(Cow::Borrowed(self.content));
        }
        // The value is never longer than the contents that hold it.
        let mut out = Vec::with_capacity(self.content.len());
        Segments {
            what,
            secret: false,
            count: 0,
            out: &mut out,
        }
        .walk(self.content, false, 0)?;
        Ok(Cow::Owned(out))
    }

    /// The value of an OCTET STRING that may be key material: borrowed when primitive;
    /// when constructed, reassembled into a buffer zeroized on drop (segments nested at
    /// most [`MAX_SECRET_SEGMENT_DEPTH`] deep, at most [`MAX_SECRET_SEGMENTS`] of them).
    pub(crate) fn secret_octets(&self, what: &'static str) -> Result<Octets<'a>> {
        self.expect_named(tag::OCTET_STRING, "OCTET STRING", what)?;
        self.secret_octets_any_tag(what)
    }

    /// [`Tlv::secret_octets`] of an implicitly tagged OCTET STRING: the tag itself is not
    /// checked (the segments of a constructed encoding must be OCTET STRINGs).
    pub(crate) fn secret_octets_any_tag(&self, what: &'static str) -> Result<Octets<'a>> {
        if !self.constructed {
            return Ok(Octets::Borrowed(self.content));
        }
        // The value is never longer than the contents that hold it: reserving that much up
        // front means the buffer is never reallocated, so no copy escapes the zeroizing.
        let mut out = Zeroizing::new(Vec::with_capacity(self.content.len()));
        Segments {
            what,
            secret: true,
            count: 0,
            out: &mut out,
        }
        .walk(self.content, false, 0)?;
        Ok(Octets::Owned(out))
    }

    /// An OBJECT IDENTIFIER in dotted form.
    pub(crate) fn oid(&self, what: &'static str) -> Result<String> {
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

    /// A small non-negative INTEGER (versions): at most 4 content octets.
    pub(crate) fn small_uint(&self, what: &'static str) -> Result<u32> {
        if !self.is_universal(tag::INTEGER) || self.constructed {
            return Err(malformed(what, "expected an INTEGER"));
        }
        let c = self.content;
        match c.first() {
            Some(first) if c.len() <= 4 && first & 0x80 == 0 => {
                Ok(c.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
            }
            _ => Err(malformed(what, "INTEGER out of range")),
        }
    }

    /// A non-negative INTEGER that fits in a u64 (leading zero octets allowed).
    pub(crate) fn uint_u64(&self, what: &'static str) -> Result<u64> {
        let bytes = self.uint_bytes(what)?;
        if bytes.len() > 8 {
            return Err(malformed(what, "INTEGER too large"));
        }
        Ok(bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// A non-negative INTEGER's magnitude, big-endian, without leading zero octets.
    pub(crate) fn uint_bytes(&self, what: &'static str) -> Result<&'a [u8]> {
        self.expect_named(tag::INTEGER, "INTEGER", what)?;
        let first = match self.content.first() {
            Some(first) if !self.constructed => *first,
            _ => return Err(malformed(what, "invalid INTEGER")),
        };
        if first & 0x80 != 0 {
            return Err(malformed(what, "negative INTEGER"));
        }
        let start = self
            .content
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(self.content.len());
        Ok(&self.content[start..])
    }

    /// A BIT STRING with no unused bits: its octets.
    pub(crate) fn bit_string_octets(&self, what: &'static str) -> Result<&'a [u8]> {
        self.expect_named(tag::BIT_STRING, "BIT STRING", what)?;
        match self.content.split_first() {
            Some((0, bits)) if !self.constructed => Ok(bits),
            _ => Err(malformed(
                what,
                "BIT STRING with unused bits or constructed",
            )),
        }
    }

    /// The element with definite lengths throughout (indefinite lengths re-encoded; every
    /// byte of definite-length elements kept as it was).
    ///
    /// Two passes over the element, whatever its nesting: the first reads every element
    /// once and records the new contents length of each element to re-encode (the
    /// indefinite ones and the definite ones around them), the second writes the output
    /// once, copying unchanged elements whole. Time and memory are linear in the input
    /// (issue 9: converting level by level re-read and copied each level's contents at
    /// every level above it).
    pub(crate) fn to_definite(self) -> Result<Cow<'a, [u8]>> {
        self.re_encode(false)
    }

    /// The element with definite lengths in their fewest octets throughout: the BER path in
    /// front of the strict DER reader. What BER writers vary in the lengths of a structure
    /// that is DER by definition (a Name, an AlgorithmIdentifier in a Kalkan SignerInfo:
    /// indefinite lengths, a long form for a short length) is normalised; everything else
    /// (tags, contents, constructed strings) is kept as it is for the DER reader to judge.
    /// Same two passes and bounds as [`Tlv::to_definite`].
    pub(crate) fn to_minimal_lengths(self) -> Result<Cow<'a, [u8]>> {
        self.re_encode(true)
    }

    fn re_encode(self, minimal: bool) -> Result<Cow<'a, [u8]>> {
        let mut walk = Definite {
            buf: self.raw,
            slots: Vec::new(),
            minimal,
        };
        let top = walk.measure(0, self.raw.len(), 0)?;
        if !top.changed {
            return Ok(Cow::Borrowed(self.raw));
        }
        let mut out = Vec::with_capacity(top.len);
        walk.emit(0, self.raw.len(), &mut 0, &mut out)?;
        Ok(Cow::Owned(out))
    }
}

/// Human-readable tag, for error messages.
fn describe_tag(class: Class, number: u32, constructed: bool) -> String {
    let class = match class {
        Class::Universal => "universal",
        Class::Application => "application",
        Class::Context => "context",
        Class::Private => "private",
    };
    format!(
        "{class} {number}{}",
        if constructed { " (constructed)" } else { "" }
    )
}

/// Iterator over the children of a constructed element.
pub(crate) struct Children<'a> {
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

/// A cursor over the children of a constructed element, for fixed field layouts: each
/// field is taken in order, required ([`Seq::next`]) or optional, and [`Seq::finish`]
/// refuses what is left.
pub(crate) struct Seq<'a> {
    rest: &'a [u8],
    what: &'static str,
}

impl<'a> Seq<'a> {
    /// The next element and what follows it, without taking it.
    fn peek(&self) -> Result<Option<(Tlv<'a>, &'a [u8])>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        read_at(self.rest, 1, self.what).map(Some)
    }

    /// The next element; `name` says what was expected when there is none.
    pub(crate) fn next(&mut self, name: &str) -> Result<Tlv<'a>> {
        self.next_opt()?
            .ok_or_else(|| malformed(self.what, format!("missing {name}")))
    }

    /// The next element, if any.
    pub(crate) fn next_opt(&mut self) -> Result<Option<Tlv<'a>>> {
        self.next_when(|_| true)
    }

    /// The next element if it is context-specific `[number]`.
    pub(crate) fn next_if_context(&mut self, number: u32) -> Result<Option<Tlv<'a>>> {
        self.next_when(|t| t.is_context(number))
    }

    /// The next element if it is universal `number`.
    pub(crate) fn next_if(&mut self, number: u32) -> Result<Option<Tlv<'a>>> {
        self.next_when(|t| t.is_universal(number))
    }

    fn next_when(&mut self, wanted: impl Fn(&Tlv<'a>) -> bool) -> Result<Option<Tlv<'a>>> {
        match self.peek()? {
            Some((tlv, rest)) if wanted(&tlv) => {
                self.rest = rest;
                Ok(Some(tlv))
            }
            _ => Ok(None),
        }
    }

    /// Nothing may remain.
    pub(crate) fn finish(&self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(malformed(self.what, "unexpected trailing elements"))
        }
    }
}

/// An AlgorithmIdentifier: the OID and the parameters element, if any.
pub(crate) struct AlgId<'a> {
    /// Dotted OID.
    pub oid: String,
    /// The parameters, as found.
    pub params: Option<Tlv<'a>>,
}

impl<'a> AlgId<'a> {
    /// Read `SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
    pub(crate) fn read(tlv: &Tlv<'a>, what: &'static str) -> Result<AlgId<'a>> {
        let mut seq = tlv.sequence(what)?;
        let oid = seq.next("algorithm OID")?.oid(what)?;
        let params = seq.next_opt()?;
        seq.finish()?;
        Ok(AlgId { oid, params })
    }
}

mod definite;
mod header;
mod oid;

use definite::*;
pub(crate) use header::*;
pub(crate) mod write;

pub(crate) use oid::{oid_content, oid_is_valid, oid_to_string, OidBytes};
pub(crate) use write::*;

#[cfg(test)]
mod tests;
