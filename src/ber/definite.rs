//! Converting an element to DER lengths ([`Tlv::to_definite`]) and reassembling a constructed
//! OCTET STRING ([`Tlv::octets`], [`Tlv::secret_octets`]), each in one pass over the element.

use super::*;

pub(super) const BER_ELEMENT: &str = "BER element";

/// What [`Definite::measure`] learns of one element.
pub(super) struct Measured {
    /// Where the element ends in the buffer.
    pub(super) end: usize,
    /// Its length once converted.
    pub(super) len: usize,
    /// Is it re-encoded (indefinite, or holding an element that is)?
    pub(super) changed: bool,
}

/// The state of [`Tlv::to_definite`].
pub(super) struct Definite<'a> {
    /// The element converted.
    pub(super) buf: &'a [u8],
    /// For each element re-encoded, in the order they start: its offset in `buf` and its
    /// new contents length. Elements kept as they are have none (nor their children).
    pub(super) slots: Vec<(usize, usize)>,
    /// Re-encode definite lengths that are not in their fewest octets too.
    pub(super) minimal: bool,
}

impl Definite<'_> {
    /// The header of the element at `pos`, which must end by `bound`.
    pub(super) fn header(&self, pos: usize, bound: usize) -> Result<Header> {
        let input = self
            .buf
            .get(pos..bound)
            .ok_or_else(|| malformed(BER_ELEMENT, "truncated: element expected"))?;
        read_header(input, BER_ELEMENT)
    }

    /// The octets `from..to` of the element.
    pub(super) fn bytes(&self, from: usize, to: usize) -> Result<&[u8]> {
        self.buf
            .get(from..to)
            .ok_or_else(|| malformed(BER_ELEMENT, "truncated"))
    }

    /// First pass: read the element at `pos` (at nesting `depth`, ending by `bound`) and its
    /// children, recording a slot for each element re-encoded.
    pub(super) fn measure(&mut self, pos: usize, bound: usize, depth: usize) -> Result<Measured> {
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
    pub(super) fn emit(
        &self,
        pos: usize,
        bound: usize,
        next: &mut usize,
        out: &mut Vec<u8>,
    ) -> Result<usize> {
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
pub(super) fn len_len(len: usize) -> usize {
    if len < 0x80 {
        1
    } else {
        1 + (usize::BITS - len.leading_zeros()).div_ceil(8) as usize
    }
}

/// The segments of a constructed string, reassembled in one pass: a constructed segment is
/// walked as it is met (an indefinite one up to its end-of-contents), never scanned first.
pub(super) struct Segments<'o> {
    pub(super) what: &'static str,
    /// The bounds of [`Tlv::secret_octets`] ([`MAX_SECRET_SEGMENT_DEPTH`],
    /// [`MAX_SECRET_SEGMENTS`]) rather than those of [`Tlv::octets`] ([`MAX_DEPTH`]).
    pub(super) secret: bool,
    /// Segments met so far.
    pub(super) count: usize,
    pub(super) out: &'o mut Vec<u8>,
}

impl Segments<'_> {
    /// Walk the segments in `input` at nesting `depth`: all of it, or up to an
    /// end-of-contents when `until_eoc`. Returns the octets consumed (the end-of-contents
    /// included).
    pub(super) fn walk(&mut self, input: &[u8], until_eoc: bool, depth: usize) -> Result<usize> {
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
