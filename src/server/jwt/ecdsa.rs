//! ECDSA signatures between ring's DER and JOSE's fixed-length `r ‖ s` (RFC 7518 §3.4).

/// An ECDSA signature in DER (`SEQUENCE { r, s }`, as ring writes it) as JOSE's `r ‖ s`,
/// each `n` octets.
pub(in crate::server) fn ecdsa_der_to_fixed(der: &[u8], n: usize) -> Option<Vec<u8>> {
    const W: &str = "ECDSA signature";
    let top = crate::ber::Tlv::read_exact(der, W).ok()?;
    let mut seq = top.sequence(W).ok()?;
    let r = seq.next("r").ok()?.uint_bytes(W).ok()?;
    let s = seq.next("s").ok()?.uint_bytes(W).ok()?;
    seq.finish().ok()?;
    if r.len() > n || s.len() > n {
        return None;
    }
    let mut out = vec![0u8; 2 * n];
    out[n - r.len()..n].copy_from_slice(r);
    out[2 * n - s.len()..].copy_from_slice(s);
    Some(out)
}

/// JOSE's `r ‖ s` (each `n` octets) as the DER ring verifies; `None` when it is not `2n`
/// octets (such a signature does not verify).
pub(super) fn ecdsa_fixed_to_der(fixed: &[u8], n: usize) -> Option<Vec<u8>> {
    if fixed.len() != 2 * n {
        return None;
    }
    let integer = |x: &[u8]| {
        let start = x.iter().position(|&b| b != 0).unwrap_or(x.len() - 1);
        let mut content = Vec::with_capacity(x.len() + 1);
        if x[start] & 0x80 != 0 {
            content.push(0);
        }
        content.extend_from_slice(&x[start..]);
        crate::ber::der(0x02, &content)
    };
    Some(crate::ber::sequence(&[
        &integer(&fixed[..n]),
        &integer(&fixed[n..]),
    ]))
}
