//! Identifier and length octets: read under BER or DER rules, checked against the input.

use super::*;

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
    pub(super) fn describe(self) -> &'static str {
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
pub(super) fn read_header(input: &[u8], what: &'static str) -> Result<Header> {
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
pub(super) fn declared_and_present(input: &[u8]) -> (usize, usize) {
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
pub(super) fn read_at<'a>(
    input: &'a [u8],
    depth: usize,
    what: &'static str,
) -> Result<(Tlv<'a>, &'a [u8])> {
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
