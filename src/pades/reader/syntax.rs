//! PDF syntax: objects as read by a bounded lexer (nesting at most
//! [`limits::MAX_DEPTH`](super::limits::MAX_DEPTH)), and written back (strings as hex, names
//! escaped) for the incremental update.

use crate::error::{Error, Result};

use super::limits;

/// A PDF object, as read (strings and names as their bytes, escapes undone; a real number
/// as written, since it is only ever written back).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(String),
    String(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Ref(u32, u16),
}

/// A dictionary, keys in file order (a key written twice keeps its last value).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Dict(pub(crate) Vec<(Vec<u8>, Object)>);

impl Dict {
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Set `key` (replacing every earlier value).
    pub(crate) fn set(&mut self, key: &[u8], value: Object) {
        self.0.retain(|(k, _)| k != key);
        self.0.push((key.to_vec(), value));
    }
    pub(crate) fn int(&self, key: &[u8]) -> Option<i64> {
        match self.get(key) {
            Some(Object::Int(n)) => Some(*n),
            _ => None,
        }
    }
    pub(crate) fn name(&self, key: &[u8]) -> Option<&[u8]> {
        match self.get(key) {
            Some(Object::Name(n)) => Some(n),
            _ => None,
        }
    }
}

pub(crate) fn malformed(reason: impl Into<String>) -> Error {
    Error::UnrecognisedFormat {
        what: "PDF",
        reason: reason.into(),
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    b"()<>[]{}/%".contains(&b)
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// A cursor over the file's bytes.
pub(crate) struct Lexer<'a> {
    buf: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(buf: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { buf, pos }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    /// Skip white space and comments.
    pub(super) fn skip(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The regular characters from here (a number, a keyword).
    pub(super) fn token(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        self.buf.get(start..self.pos).unwrap_or_default()
    }

    /// The keyword `word` next (after white space)?
    pub(super) fn keyword(&mut self, word: &[u8]) -> bool {
        self.skip();
        let save = self.pos;
        if self.token() == word {
            true
        } else {
            self.pos = save;
            false
        }
    }

    /// A non-negative integer next (after white space).
    pub(super) fn unsigned(&mut self) -> Option<u64> {
        self.skip();
        let save = self.pos;
        let t = self.token();
        if t.is_empty() || t.len() > 18 || !t.iter().all(u8::is_ascii_digit) {
            self.pos = save;
            return None;
        }
        Some(t.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')))
    }

    /// One object (an indirect reference `N G R` included).
    pub(crate) fn object(&mut self, depth: usize) -> Result<Object> {
        if depth > limits::MAX_DEPTH {
            return Err(malformed(format!(
                "objects nested deeper than {}",
                limits::MAX_DEPTH
            )));
        }
        self.skip();
        let Some(b) = self.peek() else {
            return Err(malformed("the file ends inside an object"));
        };
        match b {
            b'/' => {
                self.pos += 1;
                Ok(Object::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                self.literal().map(Object::String)
            }
            b'<' if self.rest().starts_with(b"<<") => {
                self.pos += 2;
                self.dict(depth).map(Object::Dict)
            }
            b'<' => {
                self.pos += 1;
                self.hex().map(Object::String)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        return Ok(Object::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            _ => {
                let start = self.pos;
                let t = self.token();
                match t {
                    b"true" => Ok(Object::Bool(true)),
                    b"false" => Ok(Object::Bool(false)),
                    b"null" => Ok(Object::Null),
                    _ => self.number(t, start),
                }
            }
        }
    }

    fn number(&mut self, t: &[u8], start: usize) -> Result<Object> {
        let bad = || {
            malformed(format!(
                "unexpected {:?} at byte {start}",
                String::from_utf8_lossy(t.get(..t.len().min(16)).unwrap_or_default())
            ))
        };
        let digits = t
            .strip_prefix(b"+")
            .or_else(|| t.strip_prefix(b"-"))
            .unwrap_or(t);
        if digits.is_empty() || digits.len() > 64 {
            return Err(bad());
        }
        if digits.iter().all(u8::is_ascii_digit) {
            if digits.len() > 18 {
                return Err(bad());
            }
            let n = digits
                .iter()
                .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
            let n = if t.first() == Some(&b'-') { -n } else { n };
            // `N G R`?
            if t.iter().all(u8::is_ascii_digit) {
                let save = self.pos;
                if let Some(g) = self.unsigned() {
                    if self.keyword(b"R") {
                        if let (Ok(n), Ok(g)) = (u32::try_from(n), u16::try_from(g)) {
                            return Ok(Object::Ref(n, g));
                        }
                        return Err(malformed("a reference out of range"));
                    }
                }
                self.pos = save;
            }
            return Ok(Object::Int(n));
        }
        if digits.iter().filter(|d| **d == b'.').count() == 1
            && digits.iter().all(|d| d.is_ascii_digit() || *d == b'.')
        {
            return Ok(Object::Real(String::from_utf8_lossy(t).into_owned()));
        }
        Err(bad())
    }

    /// A name's bytes after its `/`, `#xx` escapes undone.
    fn name(&mut self) -> Vec<u8> {
        let raw = self.token();
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while let Some(&b) = raw.get(i) {
            if b == b'#' {
                if let Some(v) = raw
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(b);
            i += 1;
        }
        out
    }

    /// A literal string's bytes after its `(`, escapes undone (`text::literal`, bounded
    /// by the object's file only).
    fn literal(&mut self) -> Result<Vec<u8>> {
        let (out, used) = crate::pades::text::literal(self.rest(), usize::MAX)
            .ok_or_else(|| malformed("a string runs to the end of the file"))?;
        self.pos += used;
        Ok(out)
    }

    /// A hex string's bytes after its `<` (`text::hex`).
    fn hex(&mut self) -> Result<Vec<u8>> {
        let (out, used) = crate::pades::text::hex(self.rest(), usize::MAX).ok_or_else(|| {
            malformed("a hex string holds a non-hex character or runs to the end of the file")
        })?;
        self.pos += used;
        Ok(out)
    }

    /// A dictionary's entries after its `<<`.
    fn dict(&mut self, depth: usize) -> Result<Dict> {
        let mut d = Dict::default();
        loop {
            self.skip();
            if self.rest().starts_with(b">>") {
                self.pos += 2;
                return Ok(d);
            }
            if self.peek() != Some(b'/') {
                return Err(malformed(format!(
                    "a dictionary key is not a name (byte {})",
                    self.pos
                )));
            }
            self.pos += 1;
            let key = self.name();
            let value = self.object(depth + 1)?;
            d.0.push((key, value));
        }
    }
}

/// Write `object` as PDF syntax (strings as hex, names escaped).
pub(crate) fn write(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(r.as_bytes()),
        Object::String(s) => {
            out.push(b'<');
            for b in s {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Name(n) => write_name(out, n),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write(out, item);
            }
            out.push(b']');
        }
        Object::Dict(d) => write_dict(out, d),
        Object::Ref(n, g) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

pub(crate) fn write_dict(out: &mut Vec<u8>, d: &Dict) {
    out.extend_from_slice(b"<<");
    for (k, v) in &d.0 {
        out.push(b' ');
        write_name(out, k);
        out.push(b' ');
        write(out, v);
    }
    out.extend_from_slice(b" >>");
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if (b'!'..=b'~').contains(&b) && b != b'#' && !is_delimiter(b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}
