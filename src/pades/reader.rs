//! A bounded reader of a PDF's object graph: just enough to sign a PDF by an incremental
//! update ([`super::sign`]), which must find the newest cross-reference section, the
//! trailer, the catalog, the first page and the form, wherever the producer put them
//! (a classic `xref` table, a cross-reference stream, an object stream), and to find a
//! PDF's signatures as a reader does, through its form ([`super::form`], for
//! [`super::verify`]).
//!
//! Written here rather than borrowed: the signer needs a handful of objects, not a
//! renderer, and every step that input drives is bounded so that a hostile file is an
//! error, never a panic or an unbounded allocation: nesting depth, the number of objects,
//! of cross-reference sections (and a `/Prev` loop), of decoded stream bytes (each
//! stream's and, across all of them, a budget set by the file's length). Objects are
//! read lazily, by number, from the offsets the cross-reference sections give; an object
//! that is not where its entry says is an error (no repair by scanning: the signature must
//! extend the file as other readers see it).

// Parts only the signer uses (writing objects back, the update's numbering).
#![cfg_attr(not(feature = "pdf-sign"), allow(dead_code, unused_imports))]

use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};

mod stream;
mod syntax;
pub(crate) use syntax::{malformed, write, write_dict, Dict, Lexer, Object};

/// Bounds on what is read.
pub(crate) mod limits {
    /// Deepest nesting of arrays and dictionaries.
    pub(crate) const MAX_DEPTH: usize = 32;
    /// Most objects the cross-reference sections may name (and the largest `/Size`).
    pub(crate) const MAX_OBJECTS: usize = 1 << 20;
    /// Most cross-reference sections followed through `/Prev` (and `/XRefStm`).
    pub(crate) const MAX_SECTIONS: usize = 256;
    /// Most bytes a stream decodes to.
    pub(crate) const MAX_DECODED: usize = 32 * 1024 * 1024;
    /// Decoded bytes allowed per byte of the file, across every stream one document
    /// decodes (see [`decode_budget`]).
    pub(crate) const DECODED_PER_FILE_BYTE: usize = 8;

    /// The most bytes one document may decode in total: the per-stream cap, or
    /// [`DECODED_PER_FILE_BYTE`] times the file's length when that is more.
    ///
    /// Why: the per-stream cap alone let `MAX_SECTIONS` cross-reference streams and
    /// `MAX_OBJECT_STREAMS` object streams each inflate to `MAX_DECODED` (some 10 GiB from
    /// a file of ~10 MB). Only cross-reference and object streams are decoded, and in a
    /// real PDF their compressed bytes are a fraction of the file (images, fonts and
    /// content streams, never decoded here, are the bulk) compressed a few times over, so
    /// their decoded total stays below the file's length times a small factor; a small
    /// file gets, in total, what one stream could always decode to (the cross-reference
    /// stream of a file with the most objects allowed decodes to some 7 MB). The work is
    /// then linear in the input: at most 32 MiB, or 8 bytes inflated per byte received.
    pub(crate) fn decode_budget(file_len: usize) -> usize {
        MAX_DECODED.max(file_len.saturating_mul(DECODED_PER_FILE_BYTE))
    }
    /// Most references followed to reach one object (`1 0 R` naming `2 0 R` ...).
    pub(crate) const MAX_INDIRECTION: usize = 8;
    /// Most object streams decoded for one signing.
    pub(crate) const MAX_OBJECT_STREAMS: usize = 64;
}

/// Where the cross-reference sections say an object is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Entry {
    Free,
    InFile { offset: usize, generation: u16 },
    InStream { stream: u32, index: usize },
}

/// Where the newest cross-reference entry of an object puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// No entry, or a free one.
    Absent,
    /// Written in the file: its `N G obj` header at `start`, its value (and its `endobj`,
    /// when that follows) ending before `end`.
    InFile { start: usize, end: usize },
    /// Compressed in object stream `stream`.
    InStream { stream: u32 },
}

/// The newest cross-reference section's kind, which an update keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum XrefKind {
    Table,
    Stream,
}

/// A PDF opened for reading: its cross-reference entries (the newest section's for each
/// object), the newest trailer.
pub(crate) struct Document<'a> {
    buf: &'a [u8],
    entries: HashMap<u32, Entry>,
    /// The newest trailer (a cross-reference stream's dictionary, for such a section).
    pub(crate) trailer: Dict,
    /// The newest section's offset (the update's `/Prev`).
    pub(crate) startxref: usize,
    pub(crate) kind: XrefKind,
    /// Object streams decoded: each one's objects by number.
    object_streams: HashMap<u32, HashMap<u32, Object>>,
    /// Bytes every stream decoded so far may still decode to, together
    /// ([`limits::decode_budget`]): each stream's cap alone bounds one, not their sum.
    decode_left: usize,
    /// The budget `decode_left` started at, for the error that names it.
    decode_budget: usize,
}

impl<'a> Document<'a> {
    /// Read the cross-reference sections, from the last `startxref` back through `/Prev`.
    pub(crate) fn open(buf: &'a [u8]) -> Result<Document<'a>> {
        Document::open_within(buf, limits::decode_budget(buf.len()))
    }

    /// [`Document::open`] with `budget` decoded bytes in total (tests use small ones).
    fn open_within(buf: &'a [u8], budget: usize) -> Result<Document<'a>> {
        let tail_from = buf.len().saturating_sub(2048);
        let tail = buf.get(tail_from..).unwrap_or_default();
        let at = tail
            .windows(9)
            .rposition(|w| w == b"startxref")
            .ok_or_else(|| malformed("no startxref near the end of the file"))?;
        let mut lx = Lexer::new(buf, tail_from + at + 9);
        let startxref = lx
            .unsigned()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n < buf.len())
            .ok_or_else(|| malformed("startxref names no offset within the file"))?;
        let mut doc = Document {
            buf,
            entries: HashMap::new(),
            trailer: Dict::default(),
            startxref,
            kind: XrefKind::Table,
            object_streams: HashMap::new(),
            decode_left: budget,
            decode_budget: budget,
        };
        let mut seen = HashSet::new();
        let mut next = Some(startxref);
        let mut first = true;
        while let Some(offset) = next {
            if !seen.insert(offset) {
                return Err(malformed(format!(
                    "the cross-reference sections loop (/Prev {offset} again)"
                )));
            }
            if seen.len() > limits::MAX_SECTIONS {
                return Err(Error::TooMany {
                    what: "PDF cross-reference sections",
                    limit: limits::MAX_SECTIONS,
                });
            }
            let (trailer, kind) = doc.section(offset)?;
            // A hybrid file's table names the stream of its compressed objects.
            if kind == XrefKind::Table {
                if let Some(stm) = trailer.int(b"XRefStm") {
                    let stm = usize::try_from(stm)
                        .ok()
                        .filter(|s| *s < buf.len())
                        .ok_or_else(|| malformed("/XRefStm names no offset within the file"))?;
                    if seen.insert(stm) {
                        doc.section(stm)?;
                    }
                }
            }
            next = match trailer.get(b"Prev") {
                None => None,
                Some(Object::Int(p)) => Some(
                    usize::try_from(*p)
                        .ok()
                        .filter(|p| *p < buf.len())
                        .ok_or_else(|| malformed("/Prev names no offset within the file"))?,
                ),
                Some(_) => return Err(malformed("/Prev is not an integer")),
            };
            if first {
                doc.trailer = trailer;
                doc.kind = kind;
                first = false;
            }
        }
        Ok(doc)
    }

    /// The highest object number named, plus one.
    pub(crate) fn next_number(&self) -> u32 {
        self.entries.keys().max().map_or(1, |n| n.saturating_add(1))
    }

    fn record(&mut self, number: u32, entry: Entry) -> Result<()> {
        if !self.entries.contains_key(&number) {
            if self.entries.len() >= limits::MAX_OBJECTS {
                return Err(Error::TooMany {
                    what: "PDF objects",
                    limit: limits::MAX_OBJECTS,
                });
            }
            self.entries.insert(number, entry);
        }
        Ok(())
    }

    /// One section at `offset`: its entries recorded (unless a newer one named them),
    /// its trailer returned.
    fn section(&mut self, offset: usize) -> Result<(Dict, XrefKind)> {
        let mut lx = Lexer::new(self.buf, offset);
        if lx.keyword(b"xref") {
            loop {
                if lx.keyword(b"trailer") {
                    break;
                }
                let (Some(start), Some(count)) = (lx.unsigned(), lx.unsigned()) else {
                    return Err(malformed(format!(
                        "the xref table at {offset} is neither a subsection nor its trailer"
                    )));
                };
                if start.saturating_add(count) > limits::MAX_OBJECTS as u64 {
                    return Err(Error::TooMany {
                        what: "PDF objects",
                        limit: limits::MAX_OBJECTS,
                    });
                }
                for number in start..start + count {
                    let (Some(field), Some(generation)) = (lx.unsigned(), lx.unsigned()) else {
                        return Err(malformed(format!("a short xref subsection at {offset}")));
                    };
                    lx.skip();
                    let kind = lx.token();
                    let entry = match kind {
                        b"n" => Entry::InFile {
                            offset: usize::try_from(field)
                                .map_err(|_| malformed("an xref offset out of range"))?,
                            generation: u16::try_from(generation)
                                .map_err(|_| malformed("an xref generation out of range"))?,
                        },
                        b"f" => Entry::Free,
                        _ => return Err(malformed(format!("a bad xref entry at {offset}"))),
                    };
                    // start + count <= MAX_OBJECTS: fits.
                    self.record(number as u32, entry)?;
                }
            }
            match lx.object(0)? {
                Object::Dict(d) => Ok((d, XrefKind::Table)),
                _ => Err(malformed("the trailer is not a dictionary")),
            }
        } else {
            let (_, _, dict, data) = self.indirect_at(offset, None)?;
            let data = data.ok_or_else(|| {
                malformed(format!(
                    "startxref or /Prev {offset} names neither an xref table nor a stream"
                ))
            })?;
            if dict.name(b"Type") != Some(b"XRef") {
                return Err(malformed(format!(
                    "the stream at {offset} is not a cross-reference stream"
                )));
            }
            let data = self.decode(&dict, data)?;
            self.xref_stream_entries(&dict, &data)?;
            Ok((dict, XrefKind::Stream))
        }
    }

    fn xref_stream_entries(&mut self, dict: &Dict, data: &[u8]) -> Result<()> {
        let bad = |r: &str| malformed(format!("cross-reference stream: {r}"));
        let widths: Vec<usize> = match dict.get(b"W") {
            Some(Object::Array(w)) if w.len() == 3 => w
                .iter()
                .map(|x| match x {
                    Object::Int(n @ 0..=8) => Ok(*n as usize),
                    _ => Err(bad("/W holds a width other than 0 to 8")),
                })
                .collect::<Result<_>>()?,
            _ => return Err(bad("no /W of three widths")),
        };
        let row: usize = widths.iter().sum();
        if row == 0 {
            return Err(bad("/W widths are all zero"));
        }
        let size = dict
            .int(b"Size")
            .filter(|s| (0..=limits::MAX_OBJECTS as i64).contains(s))
            .ok_or_else(|| bad("/Size missing or out of range"))?;
        let index: Vec<(u64, u64)> = match dict.get(b"Index") {
            None => vec![(0, size as u64)],
            Some(Object::Array(a)) if a.len() % 2 == 0 => a
                .chunks(2)
                .map(|p| match p {
                    [Object::Int(s), Object::Int(c)] if *s >= 0 && *c >= 0 => {
                        Ok((*s as u64, *c as u64))
                    }
                    _ => Err(bad("/Index holds something other than pairs of integers")),
                })
                .collect::<Result<_>>()?,
            _ => return Err(bad("/Index is not an array of pairs")),
        };
        let field = |bytes: &[u8]| bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
        let mut rows = data.chunks_exact(row);
        for (start, count) in index {
            if start.saturating_add(count) > limits::MAX_OBJECTS as u64 {
                return Err(Error::TooMany {
                    what: "PDF objects",
                    limit: limits::MAX_OBJECTS,
                });
            }
            for number in start..start + count {
                let Some(r) = rows.next() else {
                    return Err(bad("fewer rows than /Index names"));
                };
                let (a, rest) = r.split_at(widths[0]);
                let (b, c) = rest.split_at(widths[1]);
                let kind = if widths[0] == 0 { 1 } else { field(a) };
                let (f2, f3) = (field(b), field(c));
                let entry = match kind {
                    0 => Entry::Free,
                    1 => Entry::InFile {
                        offset: usize::try_from(f2).map_err(|_| bad("an offset out of range"))?,
                        generation: u16::try_from(f3)
                            .map_err(|_| bad("a generation out of range"))?,
                    },
                    2 => Entry::InStream {
                        stream: u32::try_from(f2)
                            .map_err(|_| bad("a stream number out of range"))?,
                        index: usize::try_from(f3).map_err(|_| bad("an index out of range"))?,
                    },
                    // Unknown types are null references (ISO 32000-1, 7.5.8.3).
                    _ => Entry::Free,
                };
                self.record(number as u32, entry)?;
            }
        }
        Ok(())
    }

    /// The indirect object at `offset` (`N G obj ... endobj`): its number, generation,
    /// value and, for a stream, its raw data. `expect` checks the number.
    fn indirect_at(
        &self,
        offset: usize,
        expect: Option<(u32, u16)>,
    ) -> Result<(u32, u16, Dict, Option<&'a [u8]>)> {
        let (number, generation, object, data) = self.indirect_object_at(offset, expect)?;
        match object {
            Object::Dict(d) => Ok((number, generation, d, data)),
            _ => Err(malformed(format!(
                "object {number} at {offset} is not a dictionary"
            ))),
        }
    }

    fn indirect_object_at(
        &self,
        offset: usize,
        expect: Option<(u32, u16)>,
    ) -> Result<(u32, u16, Object, Option<&'a [u8]>)> {
        let buf = self.buf;
        let mut lx = Lexer::new(buf, offset);
        let header = (lx.unsigned(), lx.unsigned(), lx.keyword(b"obj"));
        let (Some(number), Some(generation), true) = header else {
            return Err(malformed(format!("no object at byte {offset}")));
        };
        let (Ok(number), Ok(generation)) = (u32::try_from(number), u16::try_from(generation))
        else {
            return Err(malformed(format!(
                "an object number out of range at {offset}"
            )));
        };
        if let Some((n, g)) = expect {
            if (n, g) != (number, generation) {
                return Err(malformed(format!(
                    "the cross-reference entry of object {n} {g} points at object {number} {generation} (byte {offset})"
                )));
            }
        }
        let object = lx.object(0)?;
        let mut data = None;
        if let Object::Dict(d) = &object {
            if lx.keyword(b"stream") {
                // The data starts after CRLF or LF.
                if lx.peek() == Some(b'\r') {
                    lx.pos += 1;
                }
                if lx.peek() == Some(b'\n') {
                    lx.pos += 1;
                }
                let start = lx.pos;
                let len = match d.get(b"Length") {
                    Some(Object::Int(n)) => usize::try_from(*n).ok(),
                    Some(Object::Ref(n, g)) if Some((*n, *g)) != expect => {
                        match self.direct_in_file(*n) {
                            Ok(Object::Int(n)) => usize::try_from(n).ok(),
                            _ => None,
                        }
                    }
                    _ => None,
                }
                .ok_or_else(|| malformed(format!("stream {number} has no usable /Length")))?;
                let end = start
                    .checked_add(len)
                    .filter(|e| *e <= buf.len())
                    .ok_or_else(|| malformed(format!("stream {number} runs past the file")))?;
                data = buf.get(start..end);
                let mut after = Lexer::new(buf, end);
                if !after.keyword(b"endstream") {
                    return Err(malformed(format!(
                        "stream {number}: no endstream after its /Length"
                    )));
                }
            }
        }
        Ok((number, generation, object, data))
    }

    /// An object written in the file (not in an object stream, not a stream), for a
    /// stream's indirect `/Length`.
    fn direct_in_file(&self, number: u32) -> Result<Object> {
        match self.entries.get(&number) {
            Some(Entry::InFile { offset, generation }) => self
                .indirect_object_at(*offset, Some((number, *generation)))
                .map(|(_, _, o, _)| o),
            _ => Err(malformed(format!("object {number} is not in the file"))),
        }
    }

    /// Where object `number` is (an object written in the file is read, and must be where
    /// its entry says and no stream).
    pub(crate) fn place(&self, number: u32) -> Result<Place> {
        match self.entries.get(&number).copied() {
            None | Some(Entry::Free) => Ok(Place::Absent),
            Some(Entry::InStream { stream, .. }) => Ok(Place::InStream { stream }),
            Some(Entry::InFile { offset, generation }) => {
                let (_, _, _, data) =
                    self.indirect_object_at(offset, Some((number, generation)))?;
                if data.is_some() {
                    return Err(malformed(format!(
                        "object {number} is a stream where a dictionary was expected"
                    )));
                }
                let mut lx = Lexer::new(self.buf, offset);
                let _ = (lx.unsigned(), lx.unsigned(), lx.keyword(b"obj"));
                lx.object(0)?;
                lx.keyword(b"endobj");
                Ok(Place::InFile {
                    start: offset,
                    end: lx.pos,
                })
            }
        }
    }

    /// The generation an update rewriting `number` must write.
    pub(crate) fn generation(&self, number: u32) -> u16 {
        match self.entries.get(&number) {
            Some(Entry::InFile { generation, .. }) => *generation,
            _ => 0,
        }
    }

    /// Object `number` (a stream: an error, none is wanted), read where its entry says.
    pub(crate) fn get(&mut self, number: u32) -> Result<Object> {
        match self.entries.get(&number).copied() {
            None | Some(Entry::Free) => Ok(Object::Null),
            Some(Entry::InFile { offset, generation }) => {
                let (_, _, object, data) =
                    self.indirect_object_at(offset, Some((number, generation)))?;
                if data.is_some() {
                    return Err(malformed(format!(
                        "object {number} is a stream where a dictionary was expected"
                    )));
                }
                Ok(object)
            }
            Some(Entry::InStream { stream, index: _ }) => {
                if !self.object_streams.contains_key(&stream) {
                    if self.object_streams.len() >= limits::MAX_OBJECT_STREAMS {
                        return Err(Error::TooMany {
                            what: "PDF object streams",
                            limit: limits::MAX_OBJECT_STREAMS,
                        });
                    }
                    let objects = self.object_stream(stream)?;
                    self.object_streams.insert(stream, objects);
                }
                Ok(self
                    .object_streams
                    .get(&stream)
                    .and_then(|o| o.get(&number))
                    .cloned()
                    .unwrap_or(Object::Null))
            }
        }
    }

    /// The objects of object stream `number`.
    fn object_stream(&mut self, number: u32) -> Result<HashMap<u32, Object>> {
        let Some(Entry::InFile { offset, generation }) = self.entries.get(&number).copied() else {
            return Err(malformed(format!(
                "object stream {number} is not an object written in the file"
            )));
        };
        let (_, _, dict, data) = self.indirect_at(offset, Some((number, generation)))?;
        let data = data.ok_or_else(|| malformed(format!("object {number} is not a stream")))?;
        if dict.name(b"Type") != Some(b"ObjStm") {
            return Err(malformed(format!(
                "object {number} is not an object stream"
            )));
        }
        let data = self.decode(&dict, data)?;
        let n = dict
            .int(b"N")
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| malformed(format!("object stream {number}: no /N")))?;
        let first = dict
            .int(b"First")
            .and_then(|n| usize::try_from(n).ok())
            .filter(|f| *f <= data.len())
            .ok_or_else(|| malformed(format!("object stream {number}: no usable /First")))?;
        // Each pair takes at least four bytes of the header.
        if n > first / 4 + 1 {
            return Err(malformed(format!(
                "object stream {number}: /N {n} pairs cannot fit before /First"
            )));
        }
        let mut header = Lexer::new(&data, 0);
        let mut pairs = Vec::with_capacity(n);
        for _ in 0..n {
            let (Some(obj), Some(off)) = (header.unsigned(), header.unsigned()) else {
                return Err(malformed(format!("object stream {number}: a short header")));
            };
            let obj = u32::try_from(obj).map_err(|_| malformed("an object number out of range"))?;
            let off = usize::try_from(off)
                .ok()
                .and_then(|o| o.checked_add(first))
                .filter(|o| *o <= data.len())
                .ok_or_else(|| {
                    malformed(format!("object stream {number}: an offset out of range"))
                })?;
            pairs.push((obj, off));
        }
        let mut objects = HashMap::new();
        for (obj, off) in pairs {
            // Only the objects the cross-reference sections place here count.
            if !matches!(self.entries.get(&obj), Some(Entry::InStream { stream, .. }) if *stream == number)
            {
                continue;
            }
            let mut lx = Lexer::new(&data, off);
            objects.insert(obj, lx.object(0)?);
        }
        Ok(objects)
    }

    /// `object`, references followed.
    pub(crate) fn resolve(&mut self, object: &Object) -> Result<Object> {
        let mut current = object.clone();
        for _ in 0..limits::MAX_INDIRECTION {
            match current {
                Object::Ref(n, _) => current = self.get(n)?,
                other => return Ok(other),
            }
        }
        Err(malformed(
            "references that lead to references too many times",
        ))
    }

    /// `object`, references followed, as a dictionary.
    pub(crate) fn dict(&mut self, object: &Object, what: &str) -> Result<Dict> {
        match self.resolve(object)? {
            Object::Dict(d) => Ok(d),
            _ => Err(malformed(format!("{what} is not a dictionary"))),
        }
    }
}

#[cfg(test)]
mod tests;
