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

/// Is `content` a well-formed OBJECT IDENTIFIER, as [`oid_to_string`] judges it (`Some`
/// exactly when this is true)? Without writing the text: a name's attribute types are
/// checked when it is read, and written out only when the name is shown.
pub(crate) fn oid_is_valid(content: &[u8]) -> bool {
    let Some(&last) = content.last() else {
        return false;
    };
    if content.len() > 256 || last & 0x80 != 0 {
        return false;
    }
    // Each arc: no leading 0x80 octet, at most 64 bits (as `oid_to_string` accumulates it).
    let mut bits: u64 = 0;
    let mut fresh = true;
    for &b in content {
        if fresh && b == 0x80 {
            return false;
        }
        fresh = false;
        if bits > u64::MAX >> 7 {
            return false;
        }
        bits = (bits << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            bits = 0;
            fresh = true;
        }
    }
    true
}

/// The DER contents of a dotted OID constant, computed when the crate is compiled, so that
/// OIDs read from input can be compared as bytes (no dotted text made for each one). At
/// most [`OidBytes::CAPACITY`] octets; a constant that is not a dotted OID, or is longer,
/// fails the build.
#[derive(Clone, Copy)]
pub(crate) struct OidBytes {
    buf: [u8; OidBytes::CAPACITY],
    len: usize,
}

impl OidBytes {
    /// Enough for every OID the crate names (the longest are about 12 octets).
    pub(crate) const CAPACITY: usize = 32;

    /// Encode `dotted` (two or more decimal arcs). Evaluated in constants only.
    pub(crate) const fn of(dotted: &str) -> OidBytes {
        let s = dotted.as_bytes();
        let mut arcs = [0u64; OidBytes::CAPACITY];
        let mut n = 0;
        let mut i = 0;
        let mut v: u64 = 0;
        let mut digits = 0;
        while i <= s.len() {
            if i == s.len() || s[i] == b'.' {
                assert!(digits > 0, "empty arc");
                assert!(n < OidBytes::CAPACITY, "too many arcs");
                arcs[n] = v;
                n += 1;
                v = 0;
                digits = 0;
            } else {
                assert!(s[i].is_ascii_digit(), "not a dotted OID");
                v = v * 10 + (s[i] - b'0') as u64;
                digits += 1;
            }
            i += 1;
        }
        assert!(n >= 2 && arcs[0] <= 2, "not a dotted OID");
        let mut out = OidBytes {
            buf: [0; OidBytes::CAPACITY],
            len: 0,
        };
        let mut k = 1;
        while k < n {
            let arc = if k == 1 {
                arcs[0] * 40 + arcs[1]
            } else {
                arcs[k]
            };
            // Base 128, most significant group first.
            let mut groups = 1;
            while groups < 10 && arc >> (7 * groups) != 0 {
                groups += 1;
            }
            let mut g = groups;
            while g > 0 {
                g -= 1;
                let more = if g > 0 { 0x80 } else { 0 };
                assert!(out.len < OidBytes::CAPACITY, "OID too long");
                out.buf[out.len] = ((arc >> (7 * g)) & 0x7f) as u8 | more;
                out.len += 1;
            }
            k += 1;
        }
        out
    }

    /// [`OidBytes::of`] of each of `list` (`N` its length).
    pub(crate) const fn all<const N: usize>(list: &[&str]) -> [OidBytes; N] {
        let mut out = [OidBytes {
            buf: [0; OidBytes::CAPACITY],
            len: 0,
        }; N];
        assert!(list.len() == N, "length mismatch");
        let mut i = 0;
        while i < N {
            out[i] = OidBytes::of(list[i]);
            i += 1;
        }
        out
    }

    /// Is `content` this OID?
    pub(crate) fn is(&self, content: &[u8]) -> bool {
        self.as_slice() == content
    }

    /// The contents octets.
    pub(crate) fn as_slice(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_is_valid_agrees_with_oid_to_string() {
        // Every contents of one and two octets, and a pseudo-random sample of longer ones
        // (with 0x80 and high octets often, where the rules bite).
        let mut cases: Vec<Vec<u8>> = vec![vec![], vec![0x80; 300], vec![0x01; 257]];
        for a in 0..=255u8 {
            cases.push(vec![a]);
            for b in 0..=255u8 {
                cases.push(vec![a, b]);
            }
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 14) as usize + 1;
            let c: Vec<u8> = (0..len)
                .map(|i| match (x >> (i * 4)) & 3 {
                    0 => 0x80,
                    1 => 0xFF,
                    _ => (x >> (i * 3)) as u8,
                })
                .collect();
            cases.push(c);
        }
        // Arcs at the 64-bit limit.
        cases.push([vec![0x81; 9], vec![0x7f]].concat());
        cases.push([vec![0x81], vec![0xFF; 8], vec![0x7f]].concat());
        cases.push([vec![0x82], vec![0xFF; 8], vec![0x7f]].concat());
        for c in cases {
            assert_eq!(oid_is_valid(&c), oid_to_string(&c).is_some(), "{c:02x?}");
        }
    }

    #[test]
    fn oid_bytes_are_oid_content() {
        for dotted in [
            "2.5.4.3",
            "0.9.2342.19200300.100.1.25",
            "1.2.840.113549.1.9.1",
            "1.2.398.3.3.2.1",
            "2.5.29.31",
            "0.0",
            "2.999.18446744073709551615",
            "1.3.6.1.5.5.7.3.2",
        ] {
            assert_eq!(
                OidBytes::of(dotted).as_slice(),
                oid_content(dotted),
                "{dotted}"
            );
            assert_eq!(
                oid_to_string(OidBytes::of(dotted).as_slice()).as_deref(),
                Some(dotted)
            );
        }
    }
}
