//! The PEM reader: a scanner that takes no copy but of the DER it returns, and the `pem`
//! crate as the reference reader for what the scanner does not settle on its own.

use crate::error::{Error, Result};

use super::{der_element_len, ObjectKind, MAX_OBJECTS_PER_INPUT};

/// The PEM blocks of `text` (which holds `-----BEGIN `) whose label is one of `kind`'s.
///
/// A block cut off (a `-----BEGIN ` after the last complete block: a BEGIN line with no
/// END line) is an error ([`refuse_cut_off_block`]), and the reason whatever the complete
/// blocks hold: the `pem` crate's reading stops there and would return the complete blocks
/// alone, silently dropping the rest of the input (a delta CRL cut short after its base,
/// review 46). Otherwise the blocks are read by [`scan_pem`], or the `pem` crate for what
/// the scanner leaves to it (as `read_pem_blocks` reads them). Text before, between and
/// after complete blocks is still skipped.
pub(super) fn decode_pem(text: &str, kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    // The scanner's own pass over the blocks ends where `refuse_cut_off_block`'s would:
    // what it leaves is looked at for a BEGIN line, not the whole text framed again.
    if let Some((blocks, count, rest)) = scan_pem(text.as_bytes(), kind) {
        after_the_blocks(rest)?;
        return select_pem(blocks, count, kind);
    }
    refuse_cut_off_block(text)?;
    decode_pem_by_the_pem_crate(text, kind)
}

/// The blocks of `text` whose label is one of `kind`'s, as the `pem` crate reads them.
///
/// The blocks are read by [`scan_pem`], which takes no copy but of the DER it returns. What
/// it does not settle on its own (any error, a block with header lines, non-ASCII text in
/// a body, more than [`MAX_OBJECTS_PER_INPUT`] blocks) is read again by the `pem` crate,
/// the reader this one replaces: so every input it accepted or refused is accepted or
/// refused as by that crate, with the same error
/// (`tests::scanner_agrees_with_the_pem_crate`). [`decode_pem`] reads so, and refuses a
/// block cut off besides; this is the reading alone, which the tests compare.
#[cfg(test)]
fn read_pem_blocks(text: &str, kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    match scan_pem(text.as_bytes(), kind) {
        Some((blocks, count, _)) => select_pem(blocks, count, kind),
        None => decode_pem_by_the_pem_crate(text, kind),
    }
}

/// An error when `text` holds a PEM block cut off: after its complete blocks (framed as
/// the `pem` crate frames them, where that crate's `parse_many` stops), a `-----BEGIN `
/// remains (a BEGIN line whose END line is missing or damaged); or, outside every complete
/// block, a `-----END ` (an END line whose BEGIN line is missing or damaged: review 48).
/// Text around and between complete blocks that holds neither is not refused.
///
/// Used for every PEM input the crate reads through the `pem` crate's framing
/// (certificates, CRLs, CMS), so that no input is read partly without a word.
pub(crate) fn refuse_cut_off_block(text: &str) -> Result<()> {
    let mut rest = text.as_bytes();
    while let Some(block) = pem_frame(rest) {
        stray_end(block.skipped)?;
        rest = block.rest;
    }
    after_the_blocks(rest)
}

/// An error when `skipped` (text outside every complete block) holds a `-----END `.
fn stray_end(skipped: &[u8]) -> Result<()> {
    match memchr::memmem::find(skipped, b"-----END ") {
        Some(at) => Err(cut_off_at_start(skipped.get(at..).unwrap_or_default())),
        None => Ok(()),
    }
}

/// An error when `rest` (what follows the last complete block) holds a `-----BEGIN ` or
/// a `-----END `.
fn after_the_blocks(rest: &[u8]) -> Result<()> {
    match memchr::memmem::find(rest, b"-----BEGIN ") {
        Some(at) => Err(cut_off_block(rest.get(at..).unwrap_or_default())),
        None => stray_end(rest),
    }
}

/// The error for a PEM block cut off at its start, `end` starting at its `-----END `:
/// names the label only (as [`cut_off_block`]).
pub(crate) fn cut_off_at_start(end: &[u8]) -> Error {
    let label = printable_label(end.get(b"-----END ".len()..).unwrap_or_default());
    Error::BadPem(format!(
        "a PEM block is cut off: `-----END {label}-----` has no BEGIN line before it (the \
         input is damaged; it is refused rather than read partly)"
    ))
}

/// A PEM label as found after BEGIN or END: its printable ASCII, at most 40 characters.
fn printable_label(after: &[u8]) -> String {
    let label: String = after
        .iter()
        .take_while(|&&b| b != b'-' && b != b'\n' && b != b'\r')
        .take(40)
        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'#' | b'_' | b'.'))
        .map(|&b| char::from(b))
        .collect();
    label.trim().to_string()
}

/// The error for a PEM block cut off, `begin` starting at its `-----BEGIN `: names the
/// label (its printable ASCII, at most 40 characters: never the body, which may be a key).
pub(crate) fn cut_off_block(begin: &[u8]) -> Error {
    let label = printable_label(begin.get(b"-----BEGIN ".len()..).unwrap_or_default());
    Error::BadPem(format!(
        "a PEM block is cut off: `-----BEGIN {label}-----` has no END line (the input is \
         incomplete; it is refused rather than read partly)"
    ))
}

/// One PEM block: the DER of a block of the kind wanted, or the label of another.
enum PemBlock {
    Wanted(Vec<u8>),
    Other(String),
}

/// [`decode_pem`] through the `pem` crate: the reference reader, for what [`scan_pem`]
/// leaves to it.
fn decode_pem_by_the_pem_crate(text: &str, kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    let blocks = pem::parse_many(text).map_err(|e| Error::BadPem(e.to_string()))?;
    let count = blocks.len();
    let labels = kind.pem_labels();
    let blocks = blocks.into_iter().map(|block| {
        if labels.contains(&block.tag()) {
            PemBlock::Wanted(block.into_contents())
        } else {
            PemBlock::Other(block.tag().to_string())
        }
    });
    select_pem(blocks, count, kind)
}

/// The DER of the wanted blocks, each one complete DER element; `count` blocks were read in
/// all. None wanted is an error naming the labels found.
fn select_pem(
    blocks: impl IntoIterator<Item = PemBlock>,
    count: usize,
    kind: ObjectKind,
) -> Result<Vec<Vec<u8>>> {
    if count > MAX_OBJECTS_PER_INPUT {
        return Err(Error::TooMany {
            what: "PEM blocks",
            limit: MAX_OBJECTS_PER_INPUT,
        });
    }
    let labels = kind.pem_labels();
    let mut out = Vec::new();
    let mut other = Vec::new();
    for block in blocks {
        match block {
            PemBlock::Wanted(der) => {
                der_element_len(&der, kind.what()).and_then(|len| {
                    if len == der.len() {
                        Ok(())
                    } else {
                        Err(Error::MalformedDer {
                            what: kind.what(),
                            reason: "trailing data inside a PEM block".into(),
                        })
                    }
                })?;
                out.push(der);
            }
            PemBlock::Other(label) => other.push(label),
        }
    }
    if out.is_empty() {
        let found = if other.is_empty() {
            "no complete PEM block".to_string()
        } else {
            format!("only PEM blocks labelled {}", other.join(", "))
        };
        return Err(Error::BadPem(format!(
            "expected a block labelled {}, found {found}",
            labels[0]
        )));
    }
    Ok(out)
}

/// The PEM blocks of `text` read without copies: each block is found as the `pem` crate
/// finds it, and its base64 body decoded straight into a vector, skipping whitespace. The
/// blocks of `kind` are decoded (bodies of other labels, which may be keys, are checked
/// without being written anywhere). Returns the blocks, how many there were and what
/// follows the last complete one; `None` for anything it leaves to the `pem` crate (see
/// [`decode_pem`]): it never accepts what that crate refuses, nor reads a block
/// differently.
fn scan_pem(text: &[u8], kind: ObjectKind) -> Option<(Vec<PemBlock>, usize, &[u8])> {
    let labels = kind.pem_labels();
    let mut blocks = Vec::new();
    let mut count = 0;
    let mut input = text;
    // As `pem::parse_many`: blocks one after the other until no complete one follows;
    // anything before, between and after them is skipped.
    while !input.is_empty() {
        let Some(block) = pem_frame(input) else {
            break;
        };
        // An END line outside a block (its BEGIN damaged): as the framing of
        // `refuse_cut_off_block` would refuse it.
        if memchr::memmem::find(block.skipped, b"-----END ").is_some() {
            return None;
        }
        input = block.rest;
        count += 1;
        // The crate's checks, in its order: a label, the same label at the end, a body
        // that decodes, header lines of `name: value` (left to it: rare, and refused or
        // ignored there).
        if block.label.is_empty()
            || block.end_label != block.label
            || count > MAX_OBJECTS_PER_INPUT
            || !block.headers.is_empty()
        {
            return None;
        }
        let label = core::str::from_utf8(block.label).ok()?;
        if labels.contains(&label) {
            let mut der = Vec::with_capacity(block.data.len() / 4 * 3 + 3);
            decode_pem_body(block.data, Some(&mut der))?;
            der.shrink_to_fit();
            blocks.push(PemBlock::Wanted(der));
        } else {
            decode_pem_body(block.data, None)?;
            blocks.push(PemBlock::Other(label.to_string()));
        }
    }
    Some((blocks, count, input))
}

/// One PEM block as the framing finds it, every part a slice of the input.
struct PemFrame<'a> {
    /// The text before the block's BEGIN line (skipped).
    skipped: &'a [u8],
    label: &'a [u8],
    headers: &'a [u8],
    data: &'a [u8],
    end_label: &'a [u8],
    /// The input after the block and the whitespace that follows it.
    rest: &'a [u8],
}

/// The framing of `pem` 4's parser (`parser_inner`), step by step: `-----BEGIN `, the
/// label up to `-----`, whitespace, the payload up to `-----END `, the end label up to
/// `-----`, whitespace. The payload is split into header lines and body at its first
/// blank line (`\n\n`, else `\r\n\r\n`). `None` when no complete block follows.
fn pem_frame(input: &[u8]) -> Option<PemFrame<'_>> {
    let (input, skipped) = read_until(input, b"-----BEGIN ")?;
    let (input, label) = read_until(input, b"-----")?;
    let input = skip_pem_whitespace(input);
    let (input, payload) = read_until(input, b"-----END ")?;
    let (headers, data) = if let Some((rest, headers)) = read_until(payload, b"\n\n") {
        (headers, rest)
    } else if let Some((rest, headers)) = read_until(payload, b"\r\n\r\n") {
        (headers, rest)
    } else {
        (&payload[..0], payload)
    };
    let (rest, end_label) = read_until(input, b"-----")?;
    Some(PemFrame {
        skipped,
        label,
        headers,
        data,
        end_label,
        rest: skip_pem_whitespace(rest),
    })
}

/// The whitespace the PEM framing skips after a BEGIN line and after a block.
fn skip_pem_whitespace(input: &[u8]) -> &[u8] {
    let n = input
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(input.len());
    input.get(n..).unwrap_or_default()
}

/// `(after, before)` the first `marker` in `input`, found as `pem` 4's `read_until` finds it.
///
/// That search does not back up: after a partial match fails on a byte, it starts again at
/// the next byte without comparing the failed one with the marker's first (so
/// `------BEGIN ` holds no `-----BEGIN ` for it). This is the same search, byte for byte,
/// except that where no partial match is under way it jumps to the next occurrence of the
/// marker's first byte (`memchr`), which is where the byte-wise search would start one.
fn read_until<'a>(input: &'a [u8], marker: &[u8]) -> Option<(&'a [u8], &'a [u8])> {
    let (&first, _) = marker.split_first()?;
    let mut index = 0;
    let mut found = 0;
    while input.len().checked_sub(index)? >= marker.len() - found {
        if found == 0 {
            index += memchr::memchr(first, input.get(index..)?)?;
            if input.len() - index < marker.len() {
                return None;
            }
        }
        if input.get(index) == marker.get(found) {
            found += 1;
        } else {
            found = 0;
        }
        index += 1;
        if found == marker.len() {
            return Some((input.get(index..)?, input.get(..index - found)?));
        }
    }
    None
}

/// Values of the base64 symbols; [`B64_SPACE`] for the whitespace a PEM body may hold
/// (what `char::is_whitespace` says of ASCII: space, tab, LF, VT, FF, CR), [`B64_PAD`]
/// for `=`, [`B64_BAD`] for every other byte.
const B64: [u8; 256] = {
    let mut t = [B64_BAD; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t[b' ' as usize] = B64_SPACE;
    t[b'\t' as usize] = B64_SPACE;
    t[b'\n' as usize] = B64_SPACE;
    t[0x0b] = B64_SPACE;
    t[0x0c] = B64_SPACE;
    t[b'\r' as usize] = B64_SPACE;
    t[b'=' as usize] = B64_PAD;
    t
};
const B64_SPACE: u8 = 0xFD;
const B64_PAD: u8 = 0xFE;
const B64_BAD: u8 = 0xFF;

/// Decode a PEM body as the `pem` crate does (whitespace dropped, then base64's `STANDARD`
/// engine: the standard alphabet, padding required and canonical, the unused bits of the
/// last symbol zero), appending to `out` (or only checking, without `out`). `None` when it
/// does not decode so, or holds a non-ASCII byte (Unicode whitespace is the crate's to
/// drop).
fn decode_pem_body(body: &[u8], out: Option<&mut Vec<u8>>) -> Option<()> {
    // A body only checked (a block of another label) is decoded into a scratch vector:
    // one loop for both, and such blocks are rare.
    let mut scratch = Vec::new();
    let out = match out {
        Some(out) => out,
        None => &mut scratch,
    };
    let start = out.len();
    let decoded = decode_pem_body_at(body, out, start);
    if decoded.is_none() {
        out.truncate(start);
    }
    decoded
}

/// [`decode_pem_body`]'s loop, appending to `out` (of length `start`); on `None` what it
/// left after `start` is to be dropped.
fn decode_pem_body_at(body: &[u8], out: &mut Vec<u8>, start: usize) -> Option<()> {
    // Room for every symbol decoded (4 symbols, 3 octets), written by index and cut to
    // what was written at the end: no capacity check per quantum.
    out.resize(start + body.len() / 4 * 3 + 3, 0);
    let buf = out.get_mut(start..)?;
    let mut o = 0;
    let mut acc: u32 = 0;
    let mut symbols = 0usize;
    let mut i = 0;
    loop {
        // At a quantum's start, eight symbols (a line of 64 holds 8 such) in one step, then
        // four; whitespace, padding and the rest one byte at a time.
        if symbols.is_multiple_of(4) {
            if let Some(eight) = body.get(i..i + 8) {
                // The symbols' values, and their union (64 or more: not all symbols).
                let (n, any) = eight.iter().fold((0u64, 0u8), |(n, any), &x| {
                    let v = B64[usize::from(x)];
                    (n << 6 | u64::from(v), any | v)
                });
                if any < 64 {
                    buf.get_mut(o..o + 6)?
                        .copy_from_slice(n.to_be_bytes().get(2..)?);
                    o += 6;
                    symbols += 8;
                    i += 8;
                    continue;
                }
            }
            if let Some(four) = body.get(i..i + 4) {
                let (n, any) = four.iter().fold((0u32, 0u8), |(n, any), &x| {
                    let v = B64[usize::from(x)];
                    (n << 6 | u32::from(v), any | v)
                });
                if any < 64 {
                    buf.get_mut(o..o + 3)?
                        .copy_from_slice(n.to_be_bytes().get(1..)?);
                    o += 3;
                    symbols += 4;
                    i += 4;
                    continue;
                }
            }
        }
        let Some(&b) = body.get(i) else {
            break;
        };
        let v = B64[usize::from(b)];
        if v < 64 {
            acc = (acc << 6) | u32::from(v);
            symbols += 1;
            if symbols.is_multiple_of(4) {
                buf.get_mut(o..o + 3)?
                    .copy_from_slice(acc.to_be_bytes().get(1..)?);
                o += 3;
                acc = 0;
            }
        } else if v == B64_PAD {
            break;
        } else if v != B64_SPACE {
            return None;
        }
        i += 1;
    }
    // Padding, then whitespace only: `=` completes the last quantum of 2 or 3 symbols,
    // whose unused bits are zero.
    let pad = body
        .get(i..)
        .unwrap_or_default()
        .iter()
        .try_fold(0usize, |pad, &b| match B64[usize::from(b)] {
            B64_PAD => Some(pad + 1),
            B64_SPACE => Some(pad),
            _ => None,
        })?;
    match (symbols % 4, pad) {
        (0, 0) => {}
        (2, 2) if acc & 0xF == 0 => {
            *buf.get_mut(o)? = (acc >> 4) as u8;
            o += 1;
        }
        (3, 1) if acc & 0x3 == 0 => {
            buf.get_mut(o..o + 2)?
                .copy_from_slice((acc >> 2).to_be_bytes().get(2..)?);
            o += 2;
        }
        _ => return None,
    }
    out.truncate(start + o);
    Some(())
}

#[cfg(test)]
mod tests;
