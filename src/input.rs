//! Reading certificates and CRLs as they arrive: DER, PEM (one block or a bundle), or bare
//! base64 text (as NCA services and Kalkan hand them around), detected automatically.
//!
//! Every input is bounded in size and in object count before any decoding starts, so a
//! hostile file cannot make the library allocate without limit.
//!
//! # Example
//!
//! ```
//! use qoltanba::input::{decode_objects, sniff, ObjectKind};
//!
//! let pem = std::fs::read("test-vectors/pki/chain.pem")?;
//! let certs = decode_objects(&pem, ObjectKind::Certificate)?;
//! assert!(certs.len() >= 2);
//! // A file of the wrong kind is named by what it is.
//! let p12 = std::fs::read("test-vectors/pki/individual_sign.p12")?;
//! println!("{:?}", sniff(&p12));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use base64::Engine as _;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What kind of object an input is expected to hold. Selects the PEM labels accepted and the
/// size bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    /// X.509 certificates (`CERTIFICATE`, `X509 CERTIFICATE`).
    Certificate,
    /// Certificate revocation lists (`X509 CRL`).
    Crl,
}

impl ObjectKind {
    fn what(self) -> &'static str {
        match self {
            ObjectKind::Certificate => "certificate input",
            ObjectKind::Crl => "CRL input",
        }
    }

    fn pem_labels(self) -> &'static [&'static str] {
        match self {
            ObjectKind::Certificate => &["CERTIFICATE", "X509 CERTIFICATE"],
            ObjectKind::Crl => &["X509 CRL", "CRL"],
        }
    }

    /// Largest accepted input of this kind, in bytes.
    pub const fn max_input_len(self) -> usize {
        match self {
            ObjectKind::Certificate => MAX_CERT_INPUT_LEN,
            ObjectKind::Crl => MAX_CRL_INPUT_LEN,
        }
    }
}

/// Largest certificate input (a single certificate or a PEM bundle). NCA certificates are a
/// few kilobytes; bundles of a whole trust store stay far below this.
pub const MAX_CERT_INPUT_LEN: usize = 64 * 1024 * 1024;
/// Largest single certificate in DER.
pub const MAX_CERT_DER_LEN: usize = 1024 * 1024;
/// Largest CRL input. The national CA's CRLs are large (hundreds of thousands of entries,
/// tens of megabytes); 1 GiB leaves room for growth while still bounding allocation.
pub const MAX_CRL_INPUT_LEN: usize = 1024 * 1024 * 1024;
/// Most objects read from one input (PEM bundle).
pub const MAX_OBJECTS_PER_INPUT: usize = 100_000;

/// Decode one input into the DER encodings of the objects it holds.
///
/// * DER: the input starts with a SEQUENCE tag (0x30); it must be exactly one complete
///   DER element (definite length, nothing trailing but ASCII whitespace).
/// * PEM: text containing `-----BEGIN `; every block with a label of `kind` is returned, in
///   order; blocks of other labels (keys, parameters) are skipped. No matching block is an
///   error.
/// * Otherwise the text is taken as bare base64 (whitespace ignored) of one DER object.
pub fn decode_objects(input: &[u8], kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    let what = kind.what();
    if input.len() > kind.max_input_len() {
        return Err(Error::TooLarge {
            what,
            len: input.len(),
            limit: kind.max_input_len(),
        });
    }
    let input = strip_bom(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if input.first() == Some(&0x30) {
        let len = der_element_len(input, what)?;
        if input[len..].iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(Error::MalformedDer {
                what,
                reason: format!(
                    "{} bytes of trailing data after the DER element",
                    input.len() - len
                ),
            });
        }
        return Ok(vec![input[..len].to_vec()]);
    }
    let text = core::str::from_utf8(input).map_err(|_| Error::UnrecognisedFormat {
        what,
        reason: "neither DER (no SEQUENCE tag) nor text".into(),
    })?;
    if text.contains("-----BEGIN ") {
        return decode_pem(text, kind);
    }
    let der = decode_base64_text(text, what)?;
    if der.first() != Some(&0x30) {
        return Err(Error::UnrecognisedFormat {
            what,
            reason: "base64 text does not decode to a DER SEQUENCE".into(),
        });
    }
    let len = der_element_len(&der, what)?;
    if len != der.len() {
        return Err(Error::MalformedDer {
            what,
            reason: format!(
                "{} bytes of trailing data after the DER element",
                der.len() - len
            ),
        });
    }
    Ok(vec![der])
}

/// Decode an input that must hold exactly one object.
pub fn decode_one(input: &[u8], kind: ObjectKind) -> Result<Vec<u8>> {
    let mut objects = decode_objects(input, kind)?;
    match objects.len() {
        1 => Ok(objects.swap_remove(0)),
        n => Err(Error::UnrecognisedFormat {
            what: kind.what(),
            reason: format!("expected one object, found {n}"),
        }),
    }
}

fn strip_bom(input: &[u8]) -> &[u8] {
    input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input)
}

/// The PEM blocks of `text` (which holds `-----BEGIN `) whose label is one of `kind`'s.
///
/// The blocks are read by [`scan_pem`], which takes no copy but of the DER it returns. What
/// it does not settle on its own (any error, a block with header lines, non-ASCII text in
/// a body, more than [`MAX_OBJECTS_PER_INPUT`] blocks) is read again by the `pem` crate,
/// the reader this one replaces: so every input it accepted or refused is accepted or
/// refused as before, with the same error (`tests::scanner_agrees_with_the_pem_crate`).
fn decode_pem(text: &str, kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    match scan_pem(text.as_bytes(), kind) {
        Some((blocks, count)) => select_pem(blocks, count, kind),
        None => decode_pem_by_the_pem_crate(text, kind),
    }
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
/// without being written anywhere). Returns the blocks and how many there were; `None`
/// for anything it leaves to the `pem` crate (see [`decode_pem`]): it never accepts what
/// that crate refuses, nor reads a block differently.
fn scan_pem(text: &[u8], kind: ObjectKind) -> Option<(Vec<PemBlock>, usize)> {
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
    Some((blocks, count))
}

/// One PEM block as the framing finds it, every part a slice of the input.
struct PemFrame<'a> {
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
    let (input, _) = read_until(input, b"-----BEGIN ")?;
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

fn decode_base64_text(text: &str, what: &'static str) -> Result<Vec<u8>> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return Err(Error::Empty);
    }
    if let Some(pos) = compact
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')))
    {
        return Err(Error::UnrecognisedFormat {
            what,
            reason: format!(
                "not DER, PEM or base64 (byte 0x{:02x} at offset {pos})",
                compact[pos]
            ),
        });
    }
    let url_safe = compact.iter().any(|b| matches!(b, b'-' | b'_'));
    let engine = if url_safe {
        &base64::engine::general_purpose::URL_SAFE
    } else {
        &base64::engine::general_purpose::STANDARD
    };
    let padded;
    let data: &[u8] = if !compact.len().is_multiple_of(4) && !compact.contains(&b'=') {
        let mut p = compact.clone();
        p.resize(compact.len().div_ceil(4) * 4, b'=');
        padded = p;
        &padded
    } else {
        &compact
    };
    engine
        .decode(data)
        .map_err(|e| Error::BadBase64(e.to_string()))
}

/// Length of the complete DER element at the start of `der` (header + content), checking
/// that the declared length is present. Indefinite lengths are refused: certificates and
/// CRLs are DER.
pub(crate) fn der_element_len(der: &[u8], what: &'static str) -> Result<usize> {
    let malformed = |reason: &str| Error::MalformedDer {
        what,
        reason: reason.to_string(),
    };
    let (header_len, content_len) =
        der_header(der).ok_or_else(|| malformed("truncated or invalid DER header"))?;
    let total = header_len
        .checked_add(content_len)
        .ok_or_else(|| malformed("length overflow"))?;
    if total > der.len() {
        return Err(malformed(&format!(
            "truncated: element declares {total} bytes, input has {}",
            der.len()
        )));
    }
    Ok(total)
}

/// (header length, content length) of the DER element at the start of `der`: single-octet
/// tags, definite minimal lengths (see [`crate::der::header`]).
pub(crate) fn der_header(der: &[u8]) -> Option<(usize, usize)> {
    crate::der::header(der).map(|(_, h, len)| (h, len))
}

/// What an input holds, named for a message: `Some("a PKCS#12 key store")`, so that a
/// caller refusing an input can say "this is a PKCS#12 key store, not a certificate".
///
/// Only for reporting an input that did not read as what was expected: it decides
/// nothing, and proves nothing about the input (a structure that looks like a certificate
/// may still be malformed). The outer structure is peeked with the crate's BER reader
/// (a few levels deep, nesting bounded by it); DER, PEM (by its labels; mixed labels name
/// nothing) and bare base64 text are recognised, and a few other formats by their first
/// bytes. Work is linear in the input; decoded bytes are held in buffers zeroized on drop
/// (the input may be a key). Never panics; `None` when the kind is not recognised.
///
/// The names: a certificate, a CRL, a certificate request (PKCS#10), a CMS SignedData, a
/// time-stamp token, a time-stamp response, a time-stamp request, a CMS message (another
/// content type), an OCSP response, a PKCS#12 key store, a PKCS#8 private key, an
/// encrypted PKCS#8 private key, an RSA private key (PKCS#1), an EC private key, a public
/// key, an XML document, a JSON document, a PNG image, a JPEG image, a PDF document, a ZIP
/// archive.
pub fn sniff(input: &[u8]) -> Option<&'static str> {
    let input = strip_bom(input);
    let magic: [(&[u8], &'static str); 4] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
    ];
    if let Some((_, name)) = magic.iter().find(|(m, _)| input.starts_with(m)) {
        return Some(name);
    }
    if input.first() == Some(&0x30) {
        return sniff::der(input);
    }
    let text = core::str::from_utf8(input).ok()?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return Some("an XML document");
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Some("a JSON document");
    }
    if text.contains("-----BEGIN ") {
        return sniff::pem(text);
    }
    sniff::der(&sniff::base64(text)?)
}

mod sniff {
    use base64::Engine as _;
    use zeroize::Zeroizing;

    use crate::ber::{tag, Class, Tlv};
    use crate::oid::{ID_CT_TST_INFO, ID_DATA, ID_SIGNED_DATA};

    const W: &str = "input kind";
    /// PEM blocks looked at.
    const MAX_PEM_BLOCKS: usize = 64;
    /// Children of one element looked at.
    const MAX_CHILDREN: usize = 8;

    /// Up to [`MAX_CHILDREN`] children of a constructed element.
    fn children<'a>(t: &Tlv<'a>) -> Option<Vec<Tlv<'a>>> {
        t.children(W)
            .ok()?
            .take(MAX_CHILDREN)
            .collect::<crate::Result<Vec<_>>>()
            .ok()
    }

    fn is(t: Option<&Tlv<'_>>, number: u32) -> bool {
        t.is_some_and(|t| t.is_universal(number))
    }

    fn is_time(t: &Tlv<'_>) -> bool {
        t.is_universal(tag::UTC_TIME) || t.is_universal(tag::GENERALIZED_TIME)
    }

    fn oid(t: Option<&Tlv<'_>>) -> Option<String> {
        t.and_then(|t| t.oid(W).ok())
    }

    /// The first child's OID of a SEQUENCE (an AlgorithmIdentifier, a ContentInfo).
    fn first_oid(t: Option<&Tlv<'_>>) -> Option<String> {
        let t = t.filter(|t| t.is_universal(tag::SEQUENCE))?;
        oid(children(t)?.first())
    }

    fn small_int(t: Option<&Tlv<'_>>) -> Option<u32> {
        t.and_then(|t| t.small_uint(W).ok())
    }

    pub(super) fn der(input: &[u8]) -> Option<&'static str> {
        let (top, _) = Tlv::read(input, W).ok()?;
        if !top.is_universal(tag::SEQUENCE) || !top.constructed {
            return None;
        }
        let kids = children(&top)?;
        let first = kids.first()?;
        let second = kids.get(1);
        if first.is_universal(tag::OID) {
            return content_info(&kids);
        }
        if first.is_universal(10) {
            // ENUMERATED responseStatus.
            return Some("an OCSP response");
        }
        if first.is_universal(tag::INTEGER) {
            let version = small_int(Some(first));
            return match version {
                Some(3)
                    if matches!(first_oid(second).as_deref(), Some(ID_DATA | ID_SIGNED_DATA)) =>
                {
                    Some("a PKCS#12 key store")
                }
                Some(0 | 1)
                    if first_oid(second).is_some() && is(kids.get(2), tag::OCTET_STRING) =>
                {
                    Some("a PKCS#8 private key")
                }
                Some(0) if is(second, tag::INTEGER) => Some("an RSA private key (PKCS#1)"),
                Some(1) if is(second, tag::OCTET_STRING) => Some("an EC private key"),
                Some(1)
                    if second.is_some_and(|s| {
                        s.is_universal(tag::SEQUENCE)
                            && children(s).is_some_and(|c| is(c.get(1), tag::OCTET_STRING))
                    }) =>
                {
                    Some("a time-stamp request")
                }
                _ => None,
            };
        }
        if !first.is_universal(tag::SEQUENCE) {
            return None;
        }
        let inner = children(first)?;
        match kids.len() {
            2 if inner.first().is_some_and(|t| t.is_universal(tag::OID)) => {
                if is(second, tag::OCTET_STRING) {
                    Some("an encrypted PKCS#8 private key")
                } else if is(second, tag::BIT_STRING) {
                    Some("a public key")
                } else {
                    None
                }
            }
            1 | 2
                if is(inner.first(), tag::INTEGER)
                    && (kids.len() == 1
                        || first_oid(second).as_deref() == Some(ID_SIGNED_DATA)) =>
            {
                // PKIStatusInfo, then the token.
                Some("a time-stamp response")
            }
            3 if first_oid(second).is_some() && is(kids.get(2), tag::BIT_STRING) => signed(&inner),
            _ => None,
        }
    }

    /// The TBS part of a signed X.509 structure: a certificate has a validity (a SEQUENCE
    /// of two times), a CRL a thisUpdate (a time), a request its attributes `[0]`.
    fn signed(tbs: &[Tlv<'_>]) -> Option<&'static str> {
        if tbs.iter().any(is_time) {
            return Some("a CRL");
        }
        let validity = |t: &Tlv<'_>| {
            t.is_universal(tag::SEQUENCE)
                && children(t).is_some_and(|c| c.len() == 2 && c.iter().all(is_time))
        };
        if tbs.iter().any(validity) {
            return Some("a certificate");
        }
        let attributes = tbs
            .last()
            .is_some_and(|t| t.class == Class::Context && t.number == 0);
        if is(tbs.first(), tag::INTEGER) && attributes {
            return Some("a certificate request (PKCS#10)");
        }
        None
    }

    /// A ContentInfo: SignedData (a time-stamp token when it holds a TSTInfo), or another
    /// CMS content type.
    fn content_info(kids: &[Tlv<'_>]) -> Option<&'static str> {
        let content_type = oid(kids.first())?;
        if !content_type.starts_with("1.2.840.113549.1.7.") {
            return None;
        }
        if content_type != ID_SIGNED_DATA {
            return Some("a CMS message");
        }
        let signed = kids
            .get(1)
            .filter(|t| t.class == Class::Context && t.number == 0)
            .and_then(|t| t.explicit_inner(W).ok());
        let econtent_type = signed
            .as_ref()
            .and_then(children)
            .and_then(|c| first_oid(c.get(2)));
        Some(if econtent_type.as_deref() == Some(ID_CT_TST_INFO) {
            "a time-stamp token"
        } else {
            "a CMS SignedData"
        })
    }

    /// PEM text: its blocks' labels, all of one kind. Key blocks are named by their label
    /// only, never decoded; a CMS block is decoded to tell a time-stamp token.
    pub(super) fn pem(text: &str) -> Option<&'static str> {
        let mut found: Option<&'static str> = None;
        for (i, rest) in text.split("-----BEGIN ").skip(1).enumerate() {
            if i >= MAX_PEM_BLOCKS {
                break;
            }
            let label = rest.split("-----").next()?;
            let kind = match label {
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => "a certificate",
                "X509 CRL" | "CRL" => "a CRL",
                "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                    "a certificate request (PKCS#10)"
                }
                "PRIVATE KEY" => "a PKCS#8 private key",
                "ENCRYPTED PRIVATE KEY" => "an encrypted PKCS#8 private key",
                "RSA PRIVATE KEY" => "an RSA private key (PKCS#1)",
                "EC PRIVATE KEY" => "an EC private key",
                "PUBLIC KEY" | "RSA PUBLIC KEY" => "a public key",
                "PKCS12" => "a PKCS#12 key store",
                "CMS" | "PKCS7" | "PKCS #7 SIGNED DATA" => {
                    let body = rest.split("-----END ").next()?;
                    let body = body.get(body.find('\n').unwrap_or(body.len())..)?;
                    base64(body)
                        .and_then(|d| der(&d))
                        .unwrap_or("a CMS message")
                }
                _ => return None,
            };
            match found {
                Some(k) if k != kind => return None,
                _ => found = Some(kind),
            }
        }
        found
    }

    /// Bare base64 text (whitespace ignored; standard or URL-safe, padded or not), decoded
    /// into a buffer zeroized on drop.
    pub(super) fn base64(text: &str) -> Option<Zeroizing<Vec<u8>>> {
        let mut compact = Zeroizing::new(Vec::with_capacity(text.len()));
        compact.extend(text.bytes().filter(|b| !b.is_ascii_whitespace()));
        if compact.is_empty()
            || !compact
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='))
        {
            return None;
        }
        let unpadded = compact
            .iter()
            .rposition(|&b| b != b'=')
            .map_or(&compact[..0], |end| &compact[..=end]);
        let engine = if unpadded.iter().any(|b| matches!(b, b'-' | b'_')) {
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
        } else {
            &base64::engine::general_purpose::STANDARD_NO_PAD
        };
        let mut out = Zeroizing::new(vec![0u8; unpadded.len() / 4 * 3 + 3]);
        let n = engine.decode_slice(unpadded, &mut out[..]).ok()?;
        out.truncate(n);
        Some(out)
    }
}

/// Most files read from one folder.
pub const MAX_FILES_PER_FOLDER: usize = 100_000;

/// The regular files a path names: itself, or the files directly inside a folder, sorted.
pub fn files_of(path: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
    let path = path.as_ref();
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        if entry.file_type().map_err(io)?.is_file() {
            if files.len() >= MAX_FILES_PER_FOLDER {
                return Err(Error::TooMany {
                    what: "files in a folder",
                    limit: MAX_FILES_PER_FOLDER,
                });
            }
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// [`files_of`] for an input to judge or to use: a folder holding no regular file is
/// [`Error::NothingFound`] (`what` says what it should have held), so that a batch over a
/// wrong or empty folder cannot end having judged nothing.
pub fn input_files(path: impl AsRef<Path>, what: &'static str) -> Result<Vec<PathBuf>> {
    let path = path.as_ref();
    let files = files_of(path)?;
    if files.is_empty() {
        return Err(nothing_found(path, what));
    }
    Ok(files)
}

/// [`Error::NothingFound`] for `path`.
pub(crate) fn nothing_found(path: &Path, what: &'static str) -> Error {
    Error::NothingFound {
        what,
        path: path.display().to_string(),
    }
}

/// Read a whole file, refusing one larger than `limit` before reading it.
pub fn read_file(path: impl AsRef<Path>, limit: usize) -> Result<Vec<u8>> {
    let path = path.as_ref();
    use std::io::Read;
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > limit as u64 {
        return Err(Error::TooLarge {
            what: "file",
            len: usize::try_from(len).unwrap_or(usize::MAX),
            limit,
        });
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(io)?;
    if buf.len() > limit {
        return Err(Error::TooLarge {
            what: "file",
            len: buf.len(),
            limit,
        });
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &[u8] = &[0x30, 0x03, 0x02, 0x01, 0x05];

    #[test]
    fn der_is_detected() {
        assert_eq!(
            decode_objects(TINY, ObjectKind::Certificate).unwrap(),
            vec![TINY.to_vec()]
        );
    }

    #[test]
    fn truncated_der_is_an_error() {
        let err = decode_objects(&TINY[..4], ObjectKind::Certificate).unwrap_err();
        assert!(matches!(err, Error::MalformedDer { .. }), "{err}");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let mut v = TINY.to_vec();
        v.push(0);
        assert!(decode_objects(&v, ObjectKind::Crl).is_err());
        v.pop();
        v.extend_from_slice(b"\r\n");
        assert!(decode_objects(&v, ObjectKind::Crl).is_ok());
    }

    #[test]
    fn base64_text_is_detected() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
        let text = format!("  {}\n{}\n", &b64[..3], &b64[3..]);
        assert_eq!(
            decode_objects(text.as_bytes(), ObjectKind::Crl).unwrap(),
            vec![TINY.to_vec()]
        );
        let unpadded = b64.trim_end_matches('=');
        assert_eq!(
            decode_one(unpadded.as_bytes(), ObjectKind::Crl).unwrap(),
            TINY.to_vec()
        );
    }

    #[test]
    fn pem_bundle_yields_every_matching_block() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
        let text = format!(
            "junk\n-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n\
             -----BEGIN PRIVATE KEY-----\n{b64}\n-----END PRIVATE KEY-----\n\
             -----BEGIN CERTIFICATE-----\r\n{b64}\r\n-----END CERTIFICATE-----\r\n"
        );
        let objs = decode_objects(text.as_bytes(), ObjectKind::Certificate).unwrap();
        assert_eq!(objs.len(), 2);
        assert!(decode_objects(text.as_bytes(), ObjectKind::Crl).is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for input in [
            &b""[..],
            b"   ",
            b"hello world!",
            b"\xff\xfe",
            b"\x30",
            b"\x30\x84\xff\xff\xff\xff",
            b"-----BEGIN CERTIFICATE-----\nAAAA",
        ] {
            assert!(
                decode_objects(input, ObjectKind::Certificate).is_err(),
                "{input:?}"
            );
        }
    }

    #[test]
    fn non_minimal_length_is_refused() {
        assert!(decode_objects(&[0x30, 0x81, 0x03, 2, 1, 5], ObjectKind::Certificate).is_err());
    }

    /// `decode_pem` and the `pem` crate's reading agree on `text` (same blocks or the same
    /// error) for both kinds, and when the scanner settles a text by itself the crate
    /// accepts it too. Returns whether the scanner settled it for certificates.
    fn agrees_with_the_pem_crate(text: &str) -> bool {
        let mut settled = false;
        for kind in [ObjectKind::Certificate, ObjectKind::Crl] {
            let old = decode_pem_by_the_pem_crate(text, kind);
            let new = decode_pem(text, kind);
            assert_eq!(format!("{new:?}"), format!("{old:?}"), "{kind:?} {text:?}");
            if let Some((_, count)) = scan_pem(text.as_bytes(), kind) {
                let crate_count = pem::parse_many(text).map(|b| b.len());
                assert_eq!(crate_count.ok(), Some(count), "{text:?}");
                settled |= kind == ObjectKind::Certificate;
            }
        }
        settled
    }

    fn pem_text(label: &str, body: &str) -> String {
        format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
    }

    #[test]
    fn pem_edge_cases_read_as_before() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
        assert_eq!(b64, "MAMCAQU=");
        let ok = |text: &str| {
            agrees_with_the_pem_crate(text);
            assert_eq!(
                decode_objects(text.as_bytes(), ObjectKind::Certificate).unwrap(),
                vec![TINY.to_vec()],
                "{text:?}"
            );
        };
        let bad = |text: &str| {
            agrees_with_the_pem_crate(text);
            assert!(
                decode_objects(text.as_bytes(), ObjectKind::Certificate).is_err(),
                "{text:?}"
            );
        };
        ok(&pem_text("CERTIFICATE", &b64));
        ok(&pem_text("X509 CERTIFICATE", &b64));
        ok(&pem_text("CERTIFICATE", &b64).replace('\n', "\r\n"));
        ok(&format!("\u{feff}{}", pem_text("CERTIFICATE", &b64)));
        // Whitespace anywhere in the body, padding included; VT and FF are whitespace too,
        // and so is Unicode whitespace (the crate drops it).
        ok(&pem_text("CERTIFICATE", "MA MC\tAQ\x0bU\x0c="));
        ok(&pem_text("CERTIFICATE", "MAMC\nAQU\n="));
        // A blank line before the END line reads as the end of header lines (the crate's
        // framing): `MAMC` is then not `name: value`.
        bad(&pem_text("CERTIFICATE", "MAMC\nAQU\n=\n"));
        ok(&pem_text("CERTIFICATE", "MAMC\u{a0}AQU="));
        // Text before, between and after the blocks is skipped.
        ok(&format!(
            "junk\n{}trailing junk",
            pem_text("CERTIFICATE", &b64)
        ));
        // Header lines (RFC 1421) are ignored when each is `name: value` ...
        ok("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,01\n\nMAMCAQU=\n-----END CERTIFICATE-----\n");
        // ... and refused otherwise (a blank line inside the body reads as one).
        bad("-----BEGIN CERTIFICATE-----\nMAMC\n\nAQU=\n-----END CERTIFICATE-----\n");
        // A second block cut short is not a block (the crate stops there).
        let two = format!(
            "{}-----BEGIN CERTIFICATE-----\nMAMC",
            pem_text("CERTIFICATE", &b64)
        );
        ok(&two);
        // Labels: the end must match the begin, and neither may be empty.
        bad("-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END X509 CRL-----\n");
        bad("-----BEGIN -----\nMAMCAQU=\n-----END -----\n");
        bad("-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END -----\n");
        bad(&pem_text("PRIVATE KEY", &b64));
        // Six dashes hold no `-----BEGIN ` for the crate's search: nothing is found.
        bad(&pem_text("CERTIFICATE", &b64).replacen("-----BEGIN", "------BEGIN", 1));
        // Base64: the alphabet, padding required and canonical, nothing after it.
        for body in [
            "MAMCAQU",      // padding missing
            "MAMCAQV=",     // unused bits set
            "MAMCAQU==",    // too much padding
            "MAMCAQU=MAMC", // symbols after the padding
            "MA=MCAQU=",    // padding inside
            "MAMC_QU=",     // URL-safe alphabet
            "MAMC-QU=",
            "MAMCAQU=\u{e9}", // a non-ASCII letter
            "MAMCAQ",         // a quantum of 2 without padding
            "MAMCA===",       // a quantum of 1
            "MAMCAQU=\0",
        ] {
            bad(&pem_text("CERTIFICATE", body));
        }
        // An empty body decodes to nothing: not a certificate.
        bad(&pem_text("CERTIFICATE", ""));
        // Trailing data inside the block.
        bad(&pem_text(
            "CERTIFICATE",
            &base64::engine::general_purpose::STANDARD.encode([TINY, &[0]].concat()),
        ));
        // Blocks of other labels are decoded (and must decode) but not returned.
        let mixed = format!(
            "{}{}",
            pem_text("PRIVATE KEY", &b64),
            pem_text("CERTIFICATE", &b64)
        );
        ok(&mixed);
        bad(&format!(
            "{}{}",
            pem_text("PRIVATE KEY", "MAMCAQU"),
            pem_text("CERTIFICATE", &b64)
        ));
        // The longest partial matches of the markers.
        for text in [
            "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE----",
            "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END",
            "-----BEGIN CERTIFICATE----\nMAMCAQU=\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n------END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----EN-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nMAMCAQU=\r\n\r\r\n\r\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\r\n\r\nMAMCAQU=\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----",
            "-----BEGIN ",
        ] {
            agrees_with_the_pem_crate(text);
        }
    }

    /// Every file of the test material holding PEM text, the PEM texts inside x509-limbo's
    /// JSON, and (when `../shared` is there) the real NCA material.
    fn pem_texts() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("test-vectors"), root.join("fuzz/corpus")];
        let shared = root.join("../shared");
        if shared.is_dir() {
            dirs.push(shared);
        } else {
            eprintln!("note: ../shared is absent: its PEM files are not compared");
        }
        let mut out = Vec::new();
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                    continue;
                }
                let Ok(bytes) = std::fs::read(&p) else {
                    continue;
                };
                let Ok(text) = String::from_utf8(bytes) else {
                    continue;
                };
                if !text.contains("-----BEGIN ") {
                    continue;
                }
                if p.extension().is_some_and(|x| x == "json") {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                        let mut stack = vec![v];
                        while let Some(v) = stack.pop() {
                            match v {
                                serde_json::Value::String(s) if s.contains("-----BEGIN ") => {
                                    out.push((p.display().to_string(), s))
                                }
                                serde_json::Value::Array(a) => stack.extend(a),
                                serde_json::Value::Object(o) => {
                                    stack.extend(o.into_iter().map(|(_, v)| v))
                                }
                                _ => {}
                            }
                        }
                    }
                }
                out.push((p.display().to_string(), text));
            }
        }
        out
    }

    #[test]
    fn scanner_agrees_with_the_pem_crate() {
        let texts = pem_texts();
        let mut settled = 0;
        for (path, text) in &texts {
            let fast = agrees_with_the_pem_crate(text);
            // Every certificate or CRL file that reads is read by the scanner alone, unless
            // it has header lines.
            let headers = pem::parse_many(text)
                .is_ok_and(|b| b.iter().any(|b| b.headers().iter().next().is_some()));
            if decode_pem_by_the_pem_crate(text, ObjectKind::Certificate).is_ok() && !headers {
                assert!(fast, "{path}: left to the pem crate");
            }
            settled += usize::from(fast);
        }
        eprintln!(
            "{} PEM texts, {settled} read by the scanner alone",
            texts.len()
        );
        assert!(settled > 50, "{settled}");
    }

    #[test]
    fn scanner_agrees_with_the_pem_crate_on_damaged_text() {
        // Every truncation, and a set of bytes that matter to PEM put in, over, and
        // instead of each byte (a stride through the longer texts).
        let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
        let mut texts = vec![
            pem_text("CERTIFICATE", &b64),
            format!(
                "{}{}",
                pem_text("PRIVATE KEY", &b64),
                pem_text("X509 CRL", &b64)
            ),
        ];
        texts.extend(
            pem_texts()
                .into_iter()
                .filter(|(p, t)| t.len() < 5000 && !p.ends_with(".json") && !p.ends_with(".py"))
                .map(|(_, t)| t)
                .take(6),
        );
        let bytes: &[&str] = &[
            "-", "=", "\n", "\r", " ", "\x0b", ":", "A", "/", "_", "\u{a0}", "\n\n", "-----",
        ];
        for text in &texts {
            let stride = (text.len() / 150).max(1);
            let cuts = (0..=text.len())
                .step_by(stride)
                .filter(|&i| text.is_char_boundary(i));
            for i in cuts {
                agrees_with_the_pem_crate(&text[..i]);
                let (head, tail) = text.split_at(i);
                let next = tail.chars().next().map_or(0, char::len_utf8);
                for b in bytes {
                    agrees_with_the_pem_crate(&format!("{head}{b}{tail}"));
                    agrees_with_the_pem_crate(&format!("{head}{b}{}", &tail[next..]));
                }
                agrees_with_the_pem_crate(&format!("{head}{}", &tail[next..]));
            }
        }
    }

    fn vector(name: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(name);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn sniff_names_what_the_test_vectors_hold() {
        for (file, kind) in [
            ("root.cer", "a certificate"),
            ("root.pem", "a certificate"),
            ("chain.pem", "a certificate"),
            ("nca_rsa_current.crl", "a CRL"),
            ("nca_rsa_current.pem.crl", "a CRL"),
            ("nca_rsa_current.b64", "a CRL"),
            ("individual_sign.p12", "a PKCS#12 key store"),
            ("nca_rsa.key.pem", "a PKCS#8 private key"),
            ("ecdsa_ca.key.pem", "a PKCS#8 private key"),
            ("ocsp_good.der", "an OCSP response"),
            ("tsa/token_valid.tsr", "a time-stamp token"),
            ("tsa/response_valid.tsr", "a time-stamp response"),
            ("tsa/response_rejected.tsr", "a time-stamp response"),
            ("tsa/cades_plain.cms", "a CMS SignedData"),
            ("tsa/data.txt", ""),
        ] {
            let got = sniff(&vector(file)).unwrap_or("");
            assert_eq!(got, kind, "{file}");
        }
    }

    #[test]
    fn sniff_reads_pem_and_base64_forms_of_der() {
        let token = vector("tsa/token_valid.tsr");
        let b64 = base64::engine::general_purpose::STANDARD.encode(&token);
        assert_eq!(sniff(b64.as_bytes()), Some("a time-stamp token"));
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&token);
        assert_eq!(sniff(url.as_bytes()), Some("a time-stamp token"));
        let pem = pem::encode(&pem::Pem::new("CMS", token));
        assert_eq!(sniff(pem.as_bytes()), Some("a time-stamp token"));
        let cms = pem::encode(&pem::Pem::new("PKCS7", vector("tsa/cades_plain.cms")));
        assert_eq!(sniff(cms.as_bytes()), Some("a CMS SignedData"));
        // A key and a certificate in one PEM file: no one kind.
        let mixed = [vector("root.pem"), vector("nca_rsa.key.pem")].concat();
        assert_eq!(sniff(&mixed), None);
        let unknown = b"-----BEGIN SOMETHING-----\nAAAA\n-----END SOMETHING-----\n";
        assert_eq!(sniff(unknown), None);
    }

    #[test]
    fn sniff_names_keys_requests_and_other_formats() {
        // EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
        let encrypted = [
            0x30, 0x0a, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x04, 0x02, 0x01, 0x02,
        ];
        assert_eq!(sniff(&encrypted), Some("an encrypted PKCS#8 private key"));
        // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }.
        let spki = [
            0x30, 0x0a, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x03, 0x02, 0x00, 0x01,
        ];
        assert_eq!(sniff(&spki), Some("a public key"));
        // RSAPrivateKey: SEQUENCE { INTEGER 0, INTEGER n, ... }.
        let rsa = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x05];
        assert_eq!(sniff(&rsa), Some("an RSA private key (PKCS#1)"));
        // TimeStampReq: SEQUENCE { INTEGER 1, MessageImprint { AlgId, OCTET STRING } }.
        let req = [
            0x30, 0x0f, 0x02, 0x01, 0x01, 0x30, 0x0a, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x04,
            0x02, 0xaa, 0xbb,
        ];
        assert_eq!(sniff(&req), Some("a time-stamp request"));
        // An OCSP response that is only a status (e.g. unauthorized).
        assert_eq!(
            sniff(&[0x30, 0x03, 0x0a, 0x01, 0x06]),
            Some("an OCSP response")
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBF <?xml version=\"1.0\"?><a/>"),
            Some("an XML document")
        );
        assert_eq!(sniff(b" {\"favor_id\": 1}"), Some("a JSON document"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("a PNG image"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some("a JPEG image"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("a PDF document"));
        assert_eq!(sniff(b"PK\x03\x04...."), Some("a ZIP archive"));
        let req_pem =
            b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----";
        assert_eq!(sniff(req_pem), Some("a certificate request (PKCS#10)"));
    }

    #[test]
    fn sniff_never_panics_and_stays_bounded() {
        for input in [
            &b""[..],
            b"   ",
            b"hello world!",
            b"\xff\xfe",
            b"\x30",
            b"\x30\x80",
            b"\x30\x84\xff\xff\xff\xff",
            b"\x30\x80\x00\x00",
            b"-----BEGIN ",
            b"-----BEGIN CMS-----",
            b"-----BEGIN CMS-----\n%%%\n-----END CMS-----",
            b"====",
            b"MA",
        ] {
            let _ = sniff(input);
        }
        // Nesting far below the reader's depth bound: refused, not a stack overflow.
        let deep: Vec<u8> = [0x30, 0x80].repeat(100_000);
        assert_eq!(sniff(&deep), None);
        // Every truncation and every single-byte change of real inputs.
        for file in [
            "root.cer",
            "individual_sign.p12",
            "ocsp_good.der",
            "tsa/response_valid.tsr",
        ] {
            let v = vector(file);
            for n in 0..v.len() {
                let _ = sniff(&v[..n]);
            }
            for i in (0..v.len()).step_by(7) {
                let mut w = v.clone();
                w[i] ^= 0xA5;
                let _ = sniff(&w);
            }
        }
    }
}
