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

const BER_ELEMENT: &str = "BER element";

/// What [`Definite::measure`] learns of one element.
struct Measured {
    /// Where the element ends in the buffer.
    end: usize,
    /// Its length once converted.
    len: usize,
    /// Is it re-encoded (indefinite, or holding an element that is)?
    changed: bool,
}

/// The state of [`Tlv::to_definite`].
struct Definite<'a> {
    /// The element converted.
    buf: &'a [u8],
    /// For each element re-encoded, in the order they start: its offset in `buf` and its
    /// new contents length. Elements kept as they are have none (nor their children).
    slots: Vec<(usize, usize)>,
    /// Re-encode definite lengths that are not in their fewest octets too.
    minimal: bool,
}

impl Definite<'_> {
    /// The header of the element at `pos`, which must end by `bound`.
    fn header(&self, pos: usize, bound: usize) -> Result<Header> {
        let input = self
            .buf
            .get(pos..bound)
            .ok_or_else(|| malformed(BER_ELEMENT, "truncated: element expected"))?;
        read_header(input, BER_ELEMENT)
    }

    /// The octets `from..to` of the element.
    fn bytes(&self, from: usize, to: usize) -> Result<&[u8]> {
        self.buf
            .get(from..to)
            .ok_or_else(|| malformed(BER_ELEMENT, "truncated"))
    }

    /// First pass: read the element at `pos` (at nesting `depth`, ending by `bound`) and its
    /// children, recording a slot for each element re-encoded.
    fn measure(&mut self, pos: usize, bound: usize, depth: usize) -> Result<Measured> {
        if depth > MAX_DEPTH {
            return Err(malformed(BER_ELEMENT, "nested too deeply"));
        }
        let h = self.header(pos, bound)?;
        let start = pos + h.header_len;
        // A definite length whose field is longer than the minimal one.
        let long_length = self.minimal
            && h.len
                .is_some_and(|len| h.header_len - h.ident_len != len_len(len));
        if !h.constructed {
            let len = h.len.unwrap_or_default();
            let end = start + len;
            if long_length {
                self.slots.push((pos, len));
                return Ok(Measured {
                    end,
                    len: h.ident_len + len_len(len) + len,
                    changed: true,
                });
            }
            return Ok(Measured {
                end,
                len: end - pos,
                changed: false,
            });
        }
        let slot = self.slots.len();
        self.slots.push((pos, 0));
        let (children_bound, mut end) = match h.len {
            Some(len) => (start + len, start + len),
            None => (bound, bound),
        };
        let mut content_len = 0usize;
        let mut changed = h.len.is_none() || long_length;
        let mut p = start;
        loop {
            if h.len.is_none() {
                if self
                    .buf
                    .get(p..bound)
                    .is_some_and(|r| r.starts_with(&[0, 0]))
                {
                    end = p + 2;
                    break;
                }
                if p >= bound {
                    return Err(malformed(BER_ELEMENT, "truncated: end-of-contents missing"));
                }
            } else if p >= children_bound {
                break;
            }
            let child = self.measure(p, children_bound, depth + 1)?;
            content_len = content_len
                .checked_add(child.len)
                .ok_or_else(|| malformed(BER_ELEMENT, "length overflow"))?;
            changed |= child.changed;
            p = child.end;
        }
        if !changed {
            // Kept as it is: so are its children, whose slots go too.
            self.slots.truncate(slot);
            return Ok(Measured {
                end,
                len: end - pos,
                changed: false,
            });
        }
        if let Some(s) = self.slots.get_mut(slot) {
            s.1 = content_len;
        }
        let len = h
            .ident_len
            .checked_add(len_len(content_len))
            .and_then(|l| l.checked_add(content_len))
            .ok_or_else(|| malformed(BER_ELEMENT, "length overflow"))?;
        Ok(Measured {
            end,
            len,
            changed: true,
        })
    }

    /// Second pass: write the element at `pos` (ending by `bound`); `next` is the first
    /// slot not yet used. Returns where the element ends.
    fn emit(&self, pos: usize, bound: usize, next: &mut usize, out: &mut Vec<u8>) -> Result<usize> {
        let h = self.header(pos, bound)?;
        let start = pos + h.header_len;
        let content_len = match self.slots.get(*next) {
            Some(&(at, len)) if at == pos => len,
            _ => {
                // Not re-encoded: a definite-length element, copied whole.
                let end = h
                    .len
                    .map(|len| start + len)
                    .ok_or_else(|| malformed(BER_ELEMENT, "indefinite length not measured"))?;
                out.extend_from_slice(self.bytes(pos, end)?);
                return Ok(end);
            }
        };
        *next += 1;
        out.extend_from_slice(self.bytes(pos, pos + h.ident_len)?);
        push_len(out, content_len);
        if !h.constructed {
            // A primitive element re-encoded for its length only: its contents as they are.
            let end = start + content_len;
            out.extend_from_slice(self.bytes(start, end)?);
            return Ok(end);
        }
        let children_bound = h.len.map_or(bound, |len| start + len);
        let mut p = start;
        loop {
            match h.len {
                None if self
                    .buf
                    .get(p..bound)
                    .is_some_and(|r| r.starts_with(&[0, 0])) =>
                {
                    return Ok(p + 2)
                }
                Some(_) if p >= children_bound => return Ok(p),
                _ => p = self.emit(p, children_bound, next, out)?,
            }
        }
    }
}

/// Octets of a definite length field for `len` (as [`push_len`] writes it).
fn len_len(len: usize) -> usize {
    if len < 0x80 {
        1
    } else {
        1 + (usize::BITS - len.leading_zeros()).div_ceil(8) as usize
    }
}

/// The segments of a constructed string, reassembled in one pass: a constructed segment is
/// walked as it is met (an indefinite one up to its end-of-contents), never scanned first.
struct Segments<'o> {
    what: &'static str,
    /// The bounds of [`Tlv::secret_octets`] ([`MAX_SECRET_SEGMENT_DEPTH`],
    /// [`MAX_SECRET_SEGMENTS`]) rather than those of [`Tlv::octets`] ([`MAX_DEPTH`]).
    secret: bool,
    /// Segments met so far.
    count: usize,
    out: &'o mut Vec<u8>,
}

impl Segments<'_> {
    /// Walk the segments in `input` at nesting `depth`: all of it, or up to an
    /// end-of-contents when `until_eoc`. Returns the octets consumed (the end-of-contents
    /// included).
    fn walk(&mut self, input: &[u8], until_eoc: bool, depth: usize) -> Result<usize> {
        let what = self.what;
        if self.secret && depth >= MAX_SECRET_SEGMENT_DEPTH {
            return Err(malformed(
                what,
                "constructed OCTET STRING nested too deeply",
            ));
        }
        if !self.secret && depth > MAX_DEPTH {
            return Err(malformed(what, "constructed string nested too deeply"));
        }
        let mut pos = 0;
        loop {
            let rest = input.get(pos..).unwrap_or_default();
            if until_eoc {
                if rest.starts_with(&[0, 0]) {
                    return Ok(pos + 2);
                }
                if rest.is_empty() {
                    return Err(malformed(what, "truncated: end-of-contents missing"));
                }
            } else if rest.is_empty() {
                return Ok(pos);
            }
            let h = read_header(rest, what)?;
            if self.secret {
                self.count += 1;
                if self.count > MAX_SECRET_SEGMENTS {
                    return Err(Error::TooMany {
                        what: "OCTET STRING chunks",
                        limit: MAX_SECRET_SEGMENTS,
                    });
                }
            }
            if !(h.class == Class::Universal && h.number == tag::OCTET_STRING) {
                let found = describe_tag(h.class, h.number, h.constructed);
                return Err(malformed(
                    what,
                    if self.secret {
                        format!("expected OCTET STRING chunk, found {found}")
                    } else {
                        format!("segment of a constructed OCTET STRING has tag {found}")
                    },
                ));
            }
            let contents = rest.get(h.header_len..).unwrap_or_default();
            let definite = |len: usize| {
                contents
                    .get(..len)
                    .ok_or_else(|| malformed(what, "truncated segment"))
            };
            pos += h.header_len
                + match (h.constructed, h.len) {
                    (false, Some(len)) => {
                        self.out.extend_from_slice(definite(len)?);
                        len
                    }
                    (true, Some(len)) => self.walk(definite(len)?, false, depth + 1)?,
                    (_, None) => self.walk(contents, true, depth + 1)?,
                };
        }
    }
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

/// Elements whose identifier and length were read on this thread: the unit of work the
/// tests bound.
#[cfg(test)]
pub(crate) fn headers_read() -> u64 {
    HEADERS_READ.with(std::cell::Cell::get)
}

#[cfg(test)]
thread_local! {
    static HEADERS_READ: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The identifier and length octets of one element.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Header {
    pub(crate) class: Class,
    pub(crate) constructed: bool,
    pub(crate) number: u32,
    /// Octets of the identifier.
    pub(crate) ident_len: usize,
    /// Octets of the identifier and the length.
    pub(crate) header_len: usize,
    /// The contents length (they are within the input read); `None` for an indefinite
    /// length.
    pub(crate) len: Option<usize>,
}

/// Which encoding rules a header is read under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rules {
    /// BER: both length forms, any length encoding that fits 4 octets.
    Ber,
    /// DER (X.690 §10.1): definite lengths only, in the fewest octets (a long form only
    /// for 128 and above, no leading zero octet); a high tag number only for numbers of 31
    /// and above.
    Der,
}

/// Why a header could not be read: a small value, so that a caller that only needs to
/// know (the CRL walk, `der::header`) pays for no message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderFault {
    /// No octet where an element was expected.
    Empty,
    /// The identifier or length octets are cut short.
    Truncated,
    /// A high tag number longer than 4 octets, or with a leading 0x80 octet.
    BadTagNumber,
    /// Universal tag 0 (end-of-contents) where an element was expected.
    EndOfContents,
    /// An indefinite length on a primitive element.
    IndefinitePrimitive,
    /// A length field longer than 4 octets.
    LengthTooLong,
    /// The contents run past the input.
    ContentsTruncated,
    /// DER only: an indefinite length.
    Indefinite,
    /// DER only: a length or tag number not in its fewest octets.
    NonMinimal,
}

impl HeaderFault {
    fn describe(self) -> &'static str {
        match self {
            HeaderFault::Empty => "truncated: element expected",
            HeaderFault::Truncated => "truncated tag or length",
            HeaderFault::BadTagNumber => "invalid high tag number",
            HeaderFault::EndOfContents => "unexpected end-of-contents",
            HeaderFault::IndefinitePrimitive => "indefinite length on a primitive element",
            HeaderFault::LengthTooLong => "length field longer than 4 octets",
            HeaderFault::ContentsTruncated => "truncated: contents run past the data",
            HeaderFault::Indefinite => "indefinite length (not DER)",
            HeaderFault::NonMinimal => "length or tag not minimally encoded (not DER)",
        }
    }
}

/// Read the identifier and length octets at the start of `input`; a definite length must
/// fit in `input`.
fn read_header(input: &[u8], what: &'static str) -> Result<Header> {
    decode_header(input, Rules::Ber)
        .and_then(|h| contents_fit(input, h))
        .map_err(|f| match f {
            HeaderFault::ContentsTruncated => {
                // Re-read for the numbers in the message (error path only).
                let (declared, present) = declared_and_present(input);
                malformed(
                    what,
                    format!(
                        "truncated: element declares {declared} content bytes, {present} present"
                    ),
                )
            }
            f => malformed(what, f.describe()),
        })
}

/// The declared contents length and the octets present after the header, for a header
/// whose contents run past the input.
#[cold]
fn declared_and_present(input: &[u8]) -> (usize, usize) {
    let ident = match input.first() {
        Some(b) if b & 0x1f == 0x1f => {
            1 + input
                .iter()
                .skip(1)
                .position(|b| b & 0x80 == 0)
                .map_or(0, |p| p + 1)
        }
        _ => 1,
    };
    let Some(&len_byte) = input.get(ident) else {
        return (0, 0);
    };
    let (len, header_len) = if len_byte < 0x80 {
        (usize::from(len_byte), ident + 1)
    } else {
        let n = usize::from(len_byte & 0x7f);
        let bytes = input.get(ident + 1..ident + 1 + n).unwrap_or_default();
        (
            bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b)),
            ident + 1 + n,
        )
    };
    (len, input.len().saturating_sub(header_len))
}

/// Does the definite-length contents of `h` fit in `input`?
#[inline]
pub(crate) fn contents_fit(input: &[u8], h: Header) -> std::result::Result<Header, HeaderFault> {
    match h.len {
        Some(len)
            if h.header_len
                .checked_add(len)
                .is_none_or(|end| end > input.len()) =>
        {
            Err(HeaderFault::ContentsTruncated)
        }
        _ => Ok(h),
    }
}

/// The one decoder of identifier and length octets, under BER or DER `rules`: the BER reader
/// of this module and the strict DER reader of `crate::der` both read headers here. The
/// contents are not looked at ([`contents_fit`] checks that they are there).
#[inline]
pub(crate) fn decode_header(
    input: &[u8],
    rules: Rules,
) -> std::result::Result<Header, HeaderFault> {
    #[cfg(test)]
    HEADERS_READ.with(|c| c.set(c.get() + 1));
    let class_of = |first: u8| match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::Context,
        _ => Class::Private,
    };
    // Most elements: a single-octet tag (not end-of-contents) and a short length, valid
    // under both rule sets. (The CRL walk reads millions.)
    if let [first, len, ..] = *input {
        if first & 0x1f != 0x1f && first & 0xDF != 0 && len < 0x80 {
            return Ok(Header {
                class: class_of(first),
                constructed: first & 0x20 != 0,
                number: u32::from(first & 0x1f),
                ident_len: 1,
                header_len: 2,
                len: Some(usize::from(len)),
            });
        }
    }
    let first = *input.first().ok_or(HeaderFault::Empty)?;
    let class = class_of(first);
    let constructed = first & 0x20 != 0;
    let mut pos = 1usize;
    let number = if first & 0x1f == 0x1f {
        let mut n: u32 = 0;
        let mut count = 0;
        loop {
            let b = *input.get(pos).ok_or(HeaderFault::Truncated)?;
            pos += 1;
            count += 1;
            if count > 4 || (count == 1 && b == 0x80) {
                return Err(HeaderFault::BadTagNumber);
            }
            n = (n << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
        if rules == Rules::Der && n < 31 {
            return Err(HeaderFault::NonMinimal);
        }
        n
    } else {
        u32::from(first & 0x1f)
    };
    if class == Class::Universal && number == 0 {
        return Err(HeaderFault::EndOfContents);
    }
    let ident_len = pos;
    let len_byte = *input.get(pos).ok_or(HeaderFault::Truncated)?;
    pos += 1;
    if len_byte == 0x80 {
        if rules == Rules::Der {
            return Err(HeaderFault::Indefinite);
        }
        if !constructed {
            return Err(HeaderFault::IndefinitePrimitive);
        }
        return Ok(Header {
            class,
            constructed,
            number,
            ident_len,
            header_len: pos,
            len: None,
        });
    }
    let len = if len_byte < 0x80 {
        usize::from(len_byte)
    } else {
        let n = usize::from(len_byte & 0x7f);
        if n > 4 {
            return Err(HeaderFault::LengthTooLong);
        }
        let bytes = input.get(pos..pos + n).ok_or(HeaderFault::Truncated)?;
        pos += n;
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        if rules == Rules::Der && (bytes.first() == Some(&0) || len < 0x80) {
            return Err(HeaderFault::NonMinimal);
        }
        len
    };
    Ok(Header {
        class,
        constructed,
        number,
        ident_len,
        header_len: pos,
        len: Some(len),
    })
}

/// Read one element at `input`, at nesting `depth`.
fn read_at<'a>(input: &'a [u8], depth: usize, what: &'static str) -> Result<(Tlv<'a>, &'a [u8])> {
    if depth > MAX_DEPTH {
        return Err(malformed(
            what,
            format!("nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    let h = read_header(input, what)?;
    let start = h.header_len;
    let (content_end, end) = match h.len {
        Some(len) => (start + len, start + len),
        None => {
            // Scan the children up to the end-of-contents octets.
            let mut cur = input.get(start..).unwrap_or_default();
            loop {
                if cur.starts_with(&[0, 0]) {
                    let content_end = input.len() - cur.len();
                    break (content_end, content_end + 2);
                }
                if cur.is_empty() {
                    return Err(malformed(what, "truncated: end-of-contents missing"));
                }
                let (_, rest) = read_at(cur, depth + 1, what)?;
                cur = rest;
            }
        }
    };
    let (Some(raw), Some(content), Some(rest)) = (
        input.get(..end),
        input.get(start..content_end),
        input.get(end..),
    ) else {
        return Err(malformed(what, "truncated"));
    };
    let tlv = Tlv {
        class: h.class,
        constructed: h.constructed,
        number: h.number,
        indefinite: h.len.is_none(),
        raw,
        content,
    };
    Ok((tlv, rest))
}

mod oid;
pub(crate) mod write;

pub(crate) use oid::{oid_content, oid_is_valid, oid_to_string, OidBytes};
pub(crate) use write::*;

#[cfg(test)]
mod tests;
