//! OBJECT IDENTIFIER contents to and from their dotted text.

/// Dotted form of OBJECT IDENTIFIER contents; `None` when malformed.
pub(crate) fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.len() > 256 {
        return None;
    }
    let mut arcs: Vec<u64> = Vec::new();
    let mut v: u64 = 0;
    let mut fresh = true;
    for &b in content {
        if fresh && b == 0x80 {
            return None; // non-minimal arc
        }
        fresh = false;
        v = v.checked_mul(128)? | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(v);
            v = 0;
            fresh = true;
        }
    }
    if !fresh {
        return None; // last arc unterminated
    }
    let (&first, rest) = arcs.split_first()?;
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut s = format!("{a}.{b}");
    for arc in rest {
        s.push('.');
        s.push_str(&arc.to_string());
    }
    Some(s)
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
