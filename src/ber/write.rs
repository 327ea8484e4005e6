//! The DER writer: definite, minimal lengths, for the few structures the crate encodes
//! (CMS signed attributes and SignerInfos, SubjectPublicKeyInfo).

use super::oid_content;

pub(super) fn push_len(out: &mut Vec<u8>, len: usize) {
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
pub(crate) fn der(identifier: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(identifier);
    push_len(&mut out, content.len());
    out.extend_from_slice(content);
    out
}

/// SEQUENCE of already-encoded elements, in order.
pub(crate) fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    der(0x30, &parts.concat())
}

/// SET OF already-encoded elements, sorted as DER requires.
pub(crate) fn set_of(parts: Vec<Vec<u8>>) -> Vec<u8> {
    der(0x31, &sorted_concat(parts))
}

/// Concatenation of encodings sorted in DER SET OF order (duplicates kept).
pub(crate) fn sorted_concat(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    parts.concat()
}

/// OBJECT IDENTIFIER from dotted form.
pub(crate) fn oid(dotted: &str) -> Vec<u8> {
    der(0x06, &oid_content(dotted))
}

/// INTEGER from its (already two's-complement) content octets.
pub(crate) fn integer_content(content: &[u8]) -> Vec<u8> {
    der(0x02, content)
}

/// Small non-negative INTEGER.
pub(crate) fn small_integer(v: u32) -> Vec<u8> {
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
pub(crate) fn octet_string(content: &[u8]) -> Vec<u8> {
    der(0x04, content)
}
