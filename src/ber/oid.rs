//! OBJECT IDENTIFIER contents to and from their dotted text.

/// Dotted form of OBJECT IDENTIFIER contents; `None` when malformed (empty, longer than 256
/// octets, an arc with a leading 0x80 octet or beyond 64 bits, the last arc unterminated).
/// Written straight into the string, arc by arc, digit by digit (not through `fmt`):
/// every certificate and CRL reads dozens.
pub(crate) fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.len() > 256 || content.last()? & 0x80 != 0 {
        return None;
    }
    let mut out = String::with_capacity(content.len() * 3 + 2);
    let mut v: u64 = 0;
    let mut fresh = true;
    let mut first = true;
    for &b in content {
        if fresh && b == 0x80 {
            return None; // non-minimal arc
        }
        fresh = false;
        if v > u64::MAX >> 7 {
            return None;
        }
        v = (v << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if first {
                let (a, b) = match v {
                    0..=39 => (0, v),
                    40..=79 => (1, v - 40),
                    _ => (2, v - 80),
                };
                push_decimal(&mut out, a);
                out.push('.');
                push_decimal(&mut out, b);
                first = false;
            } else {
                out.push('.');
                push_decimal(&mut out, v);
            }
            v = 0;
            fresh = true;
        }
    }
    Some(out)
}

/// `v` in decimal, appended to `out`.
fn push_decimal(out: &mut String, mut v: u64) {
    // Most arcs are below 100.
    if v < 10 {
        out.push(char::from(b'0' + v as u8));
        return;
    }
    if v < 100 {
        out.push(char::from(b'0' + (v / 10) as u8));
        out.push(char::from(b'0' + (v % 10) as u8));
        return;
    }
    let mut digits = [0u8; 20];
    let mut n = 0;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev().map(|&d| char::from(d)));
}

/// DER contents of a dotted OID. Only for the library's own constants and OIDs already read
/// by [`Tlv::oid`].
pub(crate) fn oid_content(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').filter_map(|a| a.parse().ok()).collect();
    let mut out = Vec::new();
    let [first, second, rest @ ..] = arcs.as_slice() else {
        return out;
    };
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(((v & 0x7f) as u8) | 0x80);
            v >>= 7;
        }
        tmp.reverse();
        out.extend_from_slice(&tmp);
    };
    push(first.saturating_mul(40).saturating_add(*second));
    for a in rest {
        push(*a);
    }
    out
}
