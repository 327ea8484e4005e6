//! Review 64 (hostile): binding of GOST algorithm identifiers to keys, digests and
//! encodings.
//!
//! The attacker chooses every identifier the library reads to decide which curve, which
//! hash, which byte order and which lengths apply: the signature algorithm OID or URI, the
//! digest algorithm, the key's parameter-set OID, the layout of the signature value and of
//! the public key. Each attack below starts from a genuine signature (made by the
//! library's own GOST signer on every curve, or a real NCA signature from
//! `../shared/nca-test-pki/`) and changes one of those choices; a verdict of VALID for any
//! of them would be a forgery or a mis-attribution.
//!
//! # Findings
//!
//! None: no wrong verdict, panic or unbounded work was found in this theme.
//!
//! # Held
//!
//! - `held_algorithm_and_curve_sizes_are_bound`: a 512-bit algorithm with a 256-bit key
//!   and the reverse are refused (hazmat and through a SubjectPublicKeyInfo), on every
//!   curve.
//! - `held_signature_layouts_are_bound_to_the_algorithm`: `s || r`, big-endian halves,
//!   the RFC 4491 layout under an NCA identifier (and the NCA layout under a TC26 one),
//!   one byte short or long, zero-padded, `r = 0`, `s = 0`, `r = q`, `s = q`: never valid.
//! - `held_scalars_plus_q_on_tc26_256a`: on TC26-256-A `q < 2^254`, so `r + q` and
//!   `s + q` fit the 32-byte halves: not valid (no reduction mod `q` before the range
//!   check).
//! - `held_hash_family_is_bound`: a GOST 34.310-2004 signature (GOST 34.311-95, test
//!   S-box) re-laid out as RFC 4491 and presented as GOST R 34.10-2001 (CryptoPro S-box),
//!   a Streebog-256 signature presented as 2004 and the reverse: never valid.
//! - `held_prehashed_digest_lengths_are_bound`: a Streebog-256 digest (or a 63/65-byte
//!   one, or a zero-extended one) handed to a 512-bit algorithm, and a 64-byte digest to a
//!   256-bit one: refused (hazmat `verify_prehashed` and `hazmat::verify_prehashed`).
//! - `held_public_key_encodings`: SEC1 `04 || x || y`, a doubly wrapped OCTET STRING, a
//!   long-form length, a truncated or extended key, big-endian coordinates, the negated
//!   point `(x, p - y)`, the point `(0, 0)`: refused or not valid.
//! - `held_key_parameter_set_is_bound`: a key made on one curve named in its SPKI as
//!   another curve of the same size (including CryptoPro-A vs TC26-256-A, which share
//!   `p = 2^256 - 617`): the signature never verifies.
//! - `held_real_certificate_signature_bindings`: the NCA GOST 2022 issuing CA's
//!   signature by the root: control valid; other 512-bit curves, the TC26 algorithm, the
//!   256-bit algorithm, swapped halves, big-endian halves: not valid; a certificate whose
//!   signature halves are swapped is not issued by the root.
//! - `held_real_cms_signature_mutations`: the Kalkan CAdES-T (`cades_t_2025.cms`):
//!   control signature passes; its signature value with swapped halves, byte-reversed
//!   (RFC 4491 layout under the NCA OID), and its signatureAlgorithm rewritten to GOST
//!   2015/256: the signature check never passes.
//! - `held_real_xml_gost_mutations`: the Kalkan GOST 2015/512 XML signature: control
//!   passes; SignatureMethod rewritten to the `-256` URI or to `gost34310-gost34311`,
//!   DigestMethod rewritten to `gostr34112015-256` or `#gost34311` (DigestValue kept),
//!   SignatureValue with swapped halves: the signature never holds.
//! - `held_exceptional_keys_through_point_and_comb`: keys `G`, `2G`, `3G` (and `-G` on
//!   TC26-256-A), where `u1 G + u2 Q` meets the exceptional cases of incomplete addition:
//!   genuine signatures verify, the hostile layouts and another message do not, on the
//!   key's first use (the point) and later ones (its comb table).
//! - `held_real_xml_digest_value_lengths`: the Kalkan GOST Reference's DigestValue cut to
//!   32 or 63 bytes, extended to 65, emptied: the Reference check never passes.
//! - `held_real_gost2004_bindings`: the NCA GOST 34.310-2004 certificate's signature is
//!   valid only as 2004 on CryptoPro-A; read as GOST R 34.10-2001 (CryptoPro S-box, RFC
//!   4491 layout), as 2015/256, or with the CA key on another 256-bit curve, or with its
//!   halves swapped or reversed: never.
//!
//! # Notes
//!
//! - The size check is the only binding of an algorithm to a curve: the GOST 34.310-2004
//!   identifiers verify with any 256-bit key (a GOST 2015/256 key on TC26-256-A
//!   included), not only CryptoPro-A. Not a finding: such a signature can only be made
//!   by the key's holder, and reading it as another algorithm needs a preimage.
//! - No differential peer: the OpenSSL GOST engine is not installed on this machine.

mod common;

use base64::Engine as _;
use qoltanba::hazmat::gost::{self, GostAlgorithm, GostCurve, GostError, GostHash, GostSigningKey};
use qoltanba::{CheckName, Judged as _, Outcome, PublicKey, SignatureAlgorithm, SignatureCheck};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// A deterministic private key below every curve's q (top byte 0x01..0x3F).
fn test_key(curve: GostCurve, seed: u8) -> GostSigningKey {
    let n = curve.coordinate_len();
    let mut x = u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut d: Vec<u8> = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    d[0] = (d[0] & 0x3F) | 0x01;
    GostSigningKey::from_be_bytes(curve, &d).expect("test key")
}

fn algorithms_for(curve: GostCurve) -> Vec<GostAlgorithm> {
    if curve.bits() == 512 {
        vec![GostAlgorithm::Nca2015_512, GostAlgorithm::Tc26_512]
    } else {
        vec![
            GostAlgorithm::Nca2015_256,
            GostAlgorithm::Tc26_256,
            GostAlgorithm::Nca2004,
            GostAlgorithm::Gost2001,
        ]
    }
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// A DER length.
fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else if n < 0x100 {
        vec![0x81, n as u8]
    } else {
        vec![0x82, (n >> 8) as u8, n as u8]
    }
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    v.extend(der_len(content.len()));
    v.extend_from_slice(content);
    v
}

/// A dotted OID, DER-encoded (with its tag).
fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &a in &arcs[2..] {
        let mut chunk = vec![(a & 0x7f) as u8];
        let mut v = a >> 7;
        while v > 0 {
            chunk.push(((v & 0x7f) as u8) | 0x80);
            v >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    }
    tlv(0x06, &body)
}

/// A GOST SubjectPublicKeyInfo: key OID, `{ paramSet }`, the key bits.
fn gost_spki(key_oid: &str, param_set: &str, bits: &[u8]) -> PublicKey {
    let params = tlv(0x30, &oid(param_set));
    let alg = tlv(0x30, &[oid(key_oid), params].concat());
    let mut bs = vec![0u8];
    bs.extend_from_slice(bits);
    let spki = tlv(0x30, &[alg, tlv(0x03, &bs)].concat());
    PublicKey::from_spki_der(&spki).expect("a readable SPKI")
}

/// The key OID the NCA (or TC26) writes for a key of `curve`.
fn key_oid_for(curve: GostCurve) -> &'static str {
    if curve.bits() == 512 {
        "1.2.643.7.1.1.1.2"
    } else {
        "1.2.643.7.1.1.1.1"
    }
}

/// The halves of a signature value swapped (`r || s` becomes `s || r`).
fn swap_halves(sig: &[u8]) -> Vec<u8> {
    let n = sig.len() / 2;
    [&sig[n..], &sig[..n]].concat()
}

/// Each half byte-reversed in place (little- <-> big-endian halves, order kept).
fn reverse_halves(sig: &[u8]) -> Vec<u8> {
    let n = sig.len() / 2;
    let mut a = sig[..n].to_vec();
    let mut b = sig[n..].to_vec();
    a.reverse();
    b.reverse();
    [a, b].concat()
}

fn reversed(b: &[u8]) -> Vec<u8> {
    b.iter().rev().copied().collect()
}

/// `a + b` of little-endian byte strings of one length, `None` on overflow.
fn add_le(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![0u8; a.len()];
    let mut carry = 0u16;
    for i in 0..a.len() {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    (carry == 0).then_some(out)
}

/// Signature value variants that must never verify for a genuine `sig` under an algorithm
/// whose layout is the NCA's (`nca == true`) or RFC 4491's.
fn hostile_layouts(sig: &[u8], n: usize) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("halves swapped", swap_halves(sig)),
        ("halves byte-reversed", reverse_halves(sig)),
        ("whole value reversed (the other convention)", reversed(sig)),
        ("one byte short", sig[..sig.len() - 1].to_vec()),
        ("one byte long (0 appended)", [sig, &[0][..]].concat()),
        ("one byte long (0 prepended)", [&[0][..], sig].concat()),
        ("empty", Vec::new()),
        ("both halves zero", vec![0; 2 * n]),
        ("first half zero", [vec![0; n], sig[n..].to_vec()].concat()),
        ("second half zero", [sig[..n].to_vec(), vec![0; n]].concat()),
        (
            "each half zero-padded to 2n",
            [sig[..n].to_vec(), vec![0; n], sig[n..].to_vec(), vec![0; n]].concat(),
        ),
        ("all 0xff", vec![0xff; 2 * n]),
    ];
    // A swapped signature equal to the original (r == s) is not an attack.
    out.retain(|(_, v)| v != sig);
    out
}

fn is_not_valid(r: &Result<bool, GostError>) -> bool {
    !matches!(r, Ok(true))
}

// ---------------------------------------------------------------------------------------
// Synthetic keys on every curve
// ---------------------------------------------------------------------------------------

#[test]
fn held_algorithm_and_curve_sizes_are_bound() {
    let msg = b"review 64: sizes";
    for curve in GostCurve::ALL {
        let key = test_key(curve, 11);
        let bits = key.public_key_bits();
        let spki = gost_spki(key_oid_for(curve), curve.oid(), &bits);
        for alg in algorithms_for(curve) {
            let sig = key.sign(alg, msg).unwrap();
            assert_eq!(gost::verify(alg, curve, &bits, msg, &sig), Ok(true));
            assert_eq!(
                qoltanba::hazmat::verify(&spki, &SignatureAlgorithm::Gost(alg), msg, &sig),
                SignatureCheck::Valid,
                "control {curve:?} {alg:?}"
            );
        }
        // Every algorithm of the other size: refused, whatever the signature.
        let other: Vec<GostAlgorithm> = GostCurve::ALL
            .iter()
            .filter(|c| c.bits() != curve.bits())
            .flat_map(|c| algorithms_for(*c))
            .collect();
        for alg in other {
            for sig in [
                vec![1u8; 2 * curve.coordinate_len()],
                vec![1u8; alg.key_bits() / 4],
            ] {
                assert!(
                    matches!(
                        gost::verify(alg, curve, &bits, msg, &sig),
                        Err(GostError::CurveMismatch { .. })
                    ),
                    "{curve:?} {alg:?}"
                );
                assert_ne!(
                    qoltanba::hazmat::verify(&spki, &SignatureAlgorithm::Gost(alg), msg, &sig),
                    SignatureCheck::Valid,
                    "{curve:?} {alg:?}"
                );
            }
        }
    }
}

#[test]
fn held_signature_layouts_are_bound_to_the_algorithm() {
    let msg = b"review 64: layouts";
    for curve in GostCurve::ALL {
        let n = curve.coordinate_len();
        let key = test_key(curve, 23);
        let bits = key.public_key_bits();
        for alg in algorithms_for(curve) {
            let sig = key.sign(alg, msg).unwrap();
            for (what, bad) in hostile_layouts(&sig, n) {
                let r = gost::verify(alg, curve, &bits, msg, &bad);
                assert!(is_not_valid(&r), "{curve:?} {alg:?}: {what} verified");
            }
            // The same genuine value under every other algorithm of this size: valid only
            // where the algorithm is the same hash in the other byte convention (the value
            // byte-reversed: one signature, two encodings), never as it is.
            for other in algorithms_for(curve).into_iter().filter(|o| *o != alg) {
                let r = gost::verify(other, curve, &bits, msg, &sig);
                assert!(
                    is_not_valid(&r),
                    "{curve:?}: a {alg:?} signature verified as {other:?} unchanged"
                );
                if other.hash() != alg.hash() {
                    let r = gost::verify(other, curve, &bits, msg, &reversed(&sig));
                    assert!(
                        is_not_valid(&r),
                        "{curve:?}: a {alg:?} signature, reversed, verified as {other:?}"
                    );
                }
            }
        }
    }
}

/// id-tc26-gost-3410-2012-256-paramSetA's q (RFC 7836), big-endian.
const TC26_256A_Q: &str = "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67";

#[test]
fn held_scalars_plus_q_on_tc26_256a() {
    let curve = GostCurve::Tc26_256A;
    let q_be = hex(TC26_256A_Q);
    // The constant is q: q itself is no private key, q - 1 is.
    assert!(GostSigningKey::from_be_bytes(curve, &q_be).is_err());
    let mut q_minus_1 = q_be.clone();
    *q_minus_1.last_mut().unwrap() -= 1;
    assert!(GostSigningKey::from_be_bytes(curve, &q_minus_1).is_ok());
    let q_le = reversed(&q_be);
    let msg = b"review 64: r + q";
    let mut tried = 0;
    for seed in 1..=6u8 {
        let key = test_key(curve, seed);
        let bits = key.public_key_bits();
        let sig = key.sign(GostAlgorithm::Nca2015_256, msg).unwrap();
        assert_eq!(
            gost::verify(GostAlgorithm::Nca2015_256, curve, &bits, msg, &sig),
            Ok(true)
        );
        let (r, s) = sig.split_at(32);
        for (what, bad) in [
            (
                "r + q",
                add_le(r, &q_le).map(|r2| [r2, s.to_vec()].concat()),
            ),
            (
                "s + q",
                add_le(s, &q_le).map(|s2| [r.to_vec(), s2].concat()),
            ),
            (
                "r + q, s + q",
                add_le(r, &q_le)
                    .zip(add_le(s, &q_le))
                    .map(|(r2, s2)| [r2, s2].concat()),
            ),
            ("r = q", Some([q_le.clone(), s.to_vec()].concat())),
            ("s = q", Some([r.to_vec(), q_le.clone()].concat())),
        ] {
            let Some(bad) = bad else { continue };
            tried += 1;
            let v = gost::verify(GostAlgorithm::Nca2015_256, curve, &bits, msg, &bad);
            assert!(is_not_valid(&v), "seed {seed}: {what} verified");
            // The same through the RFC 4491 convention.
            let rfc = key.sign(GostAlgorithm::Tc26_256, msg).unwrap();
            let (s_be, r_be) = rfc.split_at(32);
            let r_plus = add_le(&reversed(r_be), &q_le).map(|x| reversed(&x));
            if let Some(r_plus) = r_plus {
                let bad = [s_be.to_vec(), r_plus].concat();
                let v = gost::verify(GostAlgorithm::Tc26_256, curve, &bits, msg, &bad);
                assert!(is_not_valid(&v), "seed {seed}: RFC 4491 r + q verified");
            }
        }
    }
    assert!(tried >= 10, "only {tried} variants fitted 32 bytes");
}

#[test]
fn held_hash_family_is_bound() {
    let msg = b"review 64: which hash";
    for curve in GostCurve::ALL.into_iter().filter(|c| c.bits() == 256) {
        let key = test_key(curve, 37);
        let bits = key.public_key_bits();
        // 2004 (GOST 34.311-95, test S-box, NCA layout) presented as 2001 (CryptoPro
        // S-box, RFC 4491 layout): the layouts are each other's reversal, the hashes differ.
        let sig2004 = key.sign(GostAlgorithm::Nca2004, msg).unwrap();
        let as2001 = reversed(&sig2004);
        assert!(is_not_valid(&gost::verify(
            GostAlgorithm::Gost2001,
            curve,
            &bits,
            msg,
            &as2001
        )));
        let sig2001 = key.sign(GostAlgorithm::Gost2001, msg).unwrap();
        assert!(is_not_valid(&gost::verify(
            GostAlgorithm::Nca2004,
            curve,
            &bits,
            msg,
            &reversed(&sig2001)
        )));
        // Streebog-256 vs GOST 34.311-95, both 32 bytes, both the NCA layout.
        let sig2015 = key.sign(GostAlgorithm::Nca2015_256, msg).unwrap();
        assert!(is_not_valid(&gost::verify(
            GostAlgorithm::Nca2004,
            curve,
            &bits,
            msg,
            &sig2015
        )));
        assert!(is_not_valid(&gost::verify(
            GostAlgorithm::Nca2015_256,
            curve,
            &bits,
            msg,
            &sig2004
        )));
        // Prehashed: the digest of one hash given with the other's algorithm (same length:
        // the signature binds the digest, whichever hash the caller claims it is).
        let d94 = GostHash::Gost94Test.digest(msg);
        let dsb = GostHash::Streebog256.digest(msg);
        assert_ne!(d94, dsb);
        assert_eq!(
            gost::verify_prehashed(GostAlgorithm::Nca2004, curve, &bits, &d94, &sig2004),
            Ok(true)
        );
        assert!(is_not_valid(&gost::verify_prehashed(
            GostAlgorithm::Nca2004,
            curve,
            &bits,
            &dsb,
            &sig2004
        )));
        // The digest given reversed (big- vs little-endian reading of the hash).
        assert!(is_not_valid(&gost::verify_prehashed(
            GostAlgorithm::Nca2004,
            curve,
            &bits,
            &reversed(&d94),
            &sig2004
        )));
    }
    // GOST R 34.11-94: the two S-boxes give different digests (else the above is vacuous).
    assert_ne!(
        GostHash::Gost94Test.digest(b"abc"),
        GostHash::Gost94CryptoPro.digest(b"abc")
    );
}

#[test]
fn held_prehashed_digest_lengths_are_bound() {
    let msg = b"review 64: digest lengths";
    let curve = GostCurve::Tc26_512A;
    let key = test_key(curve, 41);
    let bits = key.public_key_bits();
    let sig = key.sign(GostAlgorithm::Nca2015_512, msg).unwrap();
    let d = GostHash::Streebog512.digest(msg);
    assert_eq!(
        gost::verify_prehashed(GostAlgorithm::Nca2015_512, curve, &bits, &d, &sig),
        Ok(true)
    );
    let s256 = GostHash::Streebog256.digest(msg);
    // The upper half of the little-endian integer zero: a 32-byte digest read as 64.
    let mut low = d.clone();
    low[32..].fill(0);
    for (what, digest) in [
        ("Streebog-256", s256.clone()),
        ("63 bytes", d[..63].to_vec()),
        ("65 bytes", [d.clone(), vec![0]].concat()),
        ("32 low bytes", d[..32].to_vec()),
        ("empty", Vec::new()),
    ] {
        let r = gost::verify_prehashed(GostAlgorithm::Nca2015_512, curve, &bits, &digest, &sig);
        assert!(
            matches!(
                r,
                Err(GostError::DigestLength { .. } | GostError::DigestTooLong(_))
            ),
            "{what}: {r:?}"
        );
    }
    // A signature made over a 64-byte integer with a zero upper half verifies only for
    // that integer, not for its 32-byte prefix presented as a shorter digest.
    let sig_low = key
        .sign_prehashed(GostAlgorithm::Nca2015_512, &low)
        .unwrap();
    assert!(matches!(
        gost::verify_prehashed(
            GostAlgorithm::Nca2015_512,
            curve,
            &bits,
            &low[..32],
            &sig_low
        ),
        Err(GostError::DigestLength { .. })
    ));
    // The 256-bit algorithms refuse a 64-byte digest.
    let c256 = GostCurve::Tc26_256A;
    let k256 = test_key(c256, 43);
    let sig256 = k256.sign(GostAlgorithm::Nca2015_256, msg).unwrap();
    let padded = [s256.clone(), vec![0; 32]].concat();
    assert!(matches!(
        gost::verify_prehashed(
            GostAlgorithm::Nca2015_256,
            c256,
            &k256.public_key_bits(),
            &padded,
            &sig256
        ),
        Err(GostError::DigestLength { .. })
    ));
    // Through the SPKI-level hazmat entry: never Valid.
    let spki = gost_spki(key_oid_for(curve), curve.oid(), &bits);
    for digest in [
        s256.clone(),
        d[..63].to_vec(),
        [d.clone(), vec![0]].concat(),
    ] {
        assert_ne!(
            qoltanba::hazmat::verify_prehashed(
                &spki,
                &SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512),
                &digest,
                &sig
            ),
            Some(SignatureCheck::Valid)
        );
    }
}

#[test]
fn held_public_key_encodings() {
    let msg = b"review 64: key encodings";
    for curve in GostCurve::ALL {
        let n = curve.coordinate_len();
        let key = test_key(curve, 53);
        let bits = key.public_key_bits();
        let xy = key.public_key_xy();
        assert_eq!(xy.len(), 2 * n);
        let alg = algorithms_for(curve)[0];
        let sig = key.sign(alg, msg).unwrap();
        assert_eq!(gost::verify(alg, curve, &bits, msg, &sig), Ok(true));
        // Bare x || y is an accepted encoding of the same key (documented).
        assert_eq!(gost::verify(alg, curve, &xy, msg, &sig), Ok(true));
        let (x, y) = xy.split_at(n);
        let mut variants: Vec<(&str, Vec<u8>)> = vec![
            ("SEC1 04 || x || y", [&[4u8][..], &xy].concat()),
            ("doubly wrapped", tlv(0x04, &bits)),
            ("x || y || 00", [xy.clone(), vec![0]].concat()),
            ("00 || x || y", [vec![0], xy.clone()].concat()),
            ("x || y less one byte", xy[..2 * n - 1].to_vec()),
            (
                "OCTET STRING, one byte short",
                bits[..bits.len() - 1].to_vec(),
            ),
            ("big-endian x, y", [reversed(x), reversed(y)].concat()),
            ("y || x", [y, x].concat()),
            ("0, 0", vec![0; 2 * n]),
            ("x only", x.to_vec()),
        ];
        // A long-form length where the short form is due (256-bit keys): 04 81 40.
        if 2 * n < 0x80 {
            variants.push((
                "long-form length",
                [&[4u8, 0x81, (2 * n) as u8][..], &xy].concat(),
            ));
        }
        for (what, b) in variants {
            if b == xy || b == bits {
                continue;
            }
            let r = gost::verify(alg, curve, &b, msg, &sig);
            assert!(is_not_valid(&r), "{curve:?}: {what} verified");
            let spki = gost_spki(key_oid_for(curve), curve.oid(), &b);
            assert_ne!(
                qoltanba::hazmat::verify(&spki, &SignatureAlgorithm::Gost(alg), msg, &sig),
                SignatureCheck::Valid,
                "{curve:?}: {what} verified through an SPKI"
            );
        }
    }
}

#[test]
fn held_key_parameter_set_is_bound() {
    let msg = b"review 64: parameter sets";
    for made_on in GostCurve::ALL {
        let key = test_key(made_on, 61);
        let bits = key.public_key_bits();
        for alg in algorithms_for(made_on) {
            let sig = key.sign(alg, msg).unwrap();
            for named in GostCurve::ALL
                .into_iter()
                .filter(|c| *c != made_on && c.bits() == made_on.bits())
            {
                let r = gost::verify(alg, named, &bits, msg, &sig);
                assert!(
                    is_not_valid(&r),
                    "a key of {made_on:?} named as {named:?} verified {alg:?}"
                );
                let spki = gost_spki(key_oid_for(named), named.oid(), &bits);
                assert_ne!(
                    qoltanba::hazmat::verify(&spki, &SignatureAlgorithm::Gost(alg), msg, &sig),
                    SignatureCheck::Valid,
                    "SPKI: a key of {made_on:?} named as {named:?} verified {alg:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Real NCA material
// ---------------------------------------------------------------------------------------

fn nca(p: &str) -> Option<std::path::PathBuf> {
    common::shared("nca-test-pki").map(|d| d.join(p))
}

/// `der` with the first occurrence of `from` replaced by `to` (same length).
fn replace_once(der: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at = der
        .windows(from.len())
        .position(|w| w == from)
        .expect("the bytes to replace are there");
    let mut out = der.to_vec();
    out[at..at + from.len()].copy_from_slice(to);
    out
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_real_certificate_signature_bindings() {
    let (Some(root), Some(ca)) = (
        nca("gost2015/root_test_gost_2022.cer"),
        nca("gost2015/nca_gost2022_test.cer"),
    ) else {
        return;
    };
    let root = qoltanba::Certificate::from_input(&std::fs::read(root).unwrap()).unwrap();
    let ca = qoltanba::Certificate::from_input(&std::fs::read(ca).unwrap()).unwrap();
    assert_eq!(ca.is_issued_by(&root), SignatureCheck::Valid, "control");
    let bits = root.public_key().key_bytes();
    let (tbs, sig) = (ca.tbs(), ca.signature());
    assert_eq!(sig.len(), 128);
    assert_eq!(
        gost::verify(
            GostAlgorithm::Nca2015_512,
            GostCurve::Tc26_512A,
            bits,
            tbs,
            sig
        ),
        Ok(true),
        "control (hazmat)"
    );
    for curve in [
        GostCurve::Tc26_512B,
        GostCurve::Tc26_512C,
        GostCurve::Tc26_512Test,
    ] {
        assert!(is_not_valid(&gost::verify(
            GostAlgorithm::Nca2015_512,
            curve,
            bits,
            tbs,
            sig
        )));
    }
    assert!(is_not_valid(&gost::verify(
        GostAlgorithm::Tc26_512,
        GostCurve::Tc26_512A,
        bits,
        tbs,
        sig
    )));
    assert!(matches!(
        gost::verify(
            GostAlgorithm::Nca2015_256,
            GostCurve::Tc26_512A,
            bits,
            tbs,
            sig
        ),
        Err(GostError::CurveMismatch { .. })
    ));
    for (what, bad) in hostile_layouts(sig, 64) {
        // The RFC 4491 layout is the NCA value reversed: under the NCA OID, not valid.
        let r = gost::verify(
            GostAlgorithm::Nca2015_512,
            GostCurve::Tc26_512A,
            bits,
            tbs,
            &bad,
        );
        assert!(is_not_valid(&r), "{what} verified");
    }
    // The certificate itself with its signature halves swapped.
    let swapped = replace_once(ca.der(), sig, &swap_halves(sig));
    let forged = qoltanba::Certificate::from_der(&swapped).unwrap();
    assert_eq!(forged.is_issued_by(&root), SignatureCheck::Invalid);
    let rev = replace_once(ca.der(), sig, &reversed(sig));
    let forged = qoltanba::Certificate::from_der(&rev).unwrap();
    assert_eq!(forged.is_issued_by(&root), SignatureCheck::Invalid);
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_real_cms_signature_mutations() {
    let Some(kit) = nca("gost2015-2025") else {
        return;
    };
    let pki = kit.parent().unwrap().to_path_buf();
    let v = qoltanba::Verifier::builder()
        .trust_path(pki.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(pki.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .build();
    let der = std::fs::read(kit.join("cades_t_2025.cms")).unwrap();
    let opts = qoltanba::cms::VerifyOptions::at(common::time("2025-05-01T00:00:00Z"));
    let judge = |bytes: &[u8]| -> Option<Outcome> {
        let cms = qoltanba::cms::SignedData::from_input(bytes).ok()?;
        let verdict = cms.verify(&v, &opts);
        verdict.signers()[0]
            .check(CheckName::Signature)
            .map(|c| c.outcome())
    };
    assert_eq!(judge(&der), Some(Outcome::Passed), "control");
    let cms = qoltanba::cms::SignedData::from_input(&der).unwrap();
    let sig = cms.signers()[0].signature().to_vec();
    assert_eq!(sig.len(), 128);
    for (what, bad) in [
        ("halves swapped", swap_halves(&sig)),
        ("byte-reversed (RFC 4491 layout)", reversed(&sig)),
        ("halves byte-reversed", reverse_halves(&sig)),
    ] {
        let mutated = replace_once(&der, &sig, &bad);
        let o = judge(&mutated);
        assert_ne!(o, Some(Outcome::Passed), "{what}");
    }
    // signatureAlgorithm 1.2.398.3.10.1.1.2.3.2 (2015/512) rewritten to .1 (2015/256): the
    // SignerInfo's is the last occurrence (the certificates' come first).
    let nca512 = oid("1.2.398.3.10.1.1.2.3.2");
    let nca256 = oid("1.2.398.3.10.1.1.2.3.1");
    let last = der
        .windows(nca512.len())
        .rposition(|w| w == nca512.as_slice())
        .unwrap();
    let mut m = der.clone();
    m[last..last + nca256.len()].copy_from_slice(&nca256);
    assert_ne!(judge(&m), Some(Outcome::Passed), "2015/256 identifier");
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_real_xml_gost_mutations() {
    let Some(pki) = common::shared("nca-test-pki") else {
        return;
    };
    let xml = std::fs::read(pki.join("xml/rsa_2021_gost2015_two_signers.xml")).unwrap();
    let v = qoltanba::Verifier::builder()
        .trust_path(pki.join("rsa/nca_rsa_test.crt"))
        .unwrap()
        .trust_path(pki.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(pki.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .build();
    let expect = qoltanba::Expectation::at(common::time("2022-09-01T00:00:00Z"));
    // The GOST signer's (the second signature's) checks: Reference and Signature.
    let judge = |bytes: &[u8]| -> (Option<Outcome>, Option<Outcome>) {
        match qoltanba::xmldsig::verify(bytes, &v, &expect) {
            Ok(all) => match all.signers().get(1) {
                Some(g) => (
                    g.check(CheckName::Reference).map(|c| c.outcome()),
                    g.check(CheckName::Signature).map(|c| c.outcome()),
                ),
                None => (None, None),
            },
            Err(_) => (None, None),
        }
    };
    let holds = |(r, s): (Option<Outcome>, Option<Outcome>)| {
        r == Some(Outcome::Passed) && s == Some(Outcome::Passed)
    };
    assert!(holds(judge(&xml)), "control: {:?}", judge(&xml));
    let text = String::from_utf8(xml.clone()).unwrap();
    let sm512 = "gostr34102015-gostr34112015-512\"";
    let dm512 = "algorithms:gostr34112015-512\"";
    for (what, from, to) in [
        (
            "SignatureMethod 2015/256",
            sm512,
            "gostr34102015-gostr34112015-256\"",
        ),
        (
            "DigestMethod Streebog-256",
            dm512,
            "algorithms:gostr34112015-256\"",
        ),
    ] {
        assert!(text.contains(from));
        let m = text.replacen(from, to, 1);
        assert!(
            !holds(judge(m.as_bytes())),
            "{what}: {:?}",
            judge(m.as_bytes())
        );
    }
    // The whole URI replaced by GOST 34.310-2004's (and its digest).
    let full_sm =
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512";
    let full_dm = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512";
    let m = text.replacen(
        full_sm,
        "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311",
        1,
    );
    assert!(!holds(judge(m.as_bytes())), "SignatureMethod 2004");
    let m = text.replacen(
        full_dm,
        "http://www.w3.org/2001/04/xmldsig-more#gost34311",
        1,
    );
    assert!(!holds(judge(m.as_bytes())), "DigestMethod 34.311-95");
    // The GOST SignatureValue with its halves swapped: the second SignatureValue element.
    // Opening tags: the last '<' before the name is not followed by '/'.
    let opens: Vec<usize> = text
        .match_indices("SignatureValue")
        .map(|(i, _)| i)
        .filter(|&i| {
            let lt = text[..i].rfind('<').unwrap();
            !text[lt..i].starts_with("</") && !text[lt..i].contains('>')
        })
        .map(|i| i + text[i..].find('>').unwrap() + 1)
        .collect();
    assert!(opens.len() >= 2, "two SignatureValue elements");
    let begin = opens[1];
    let end = begin + text[begin..].find("</").unwrap();
    let b64: String = text[begin..end]
        .replace("&#13;", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let sig = base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .unwrap();
    assert_eq!(sig.len(), 128);
    for (what, bad) in [
        ("halves swapped", swap_halves(&sig)),
        ("byte-reversed", reversed(&sig)),
        ("halves byte-reversed", reverse_halves(&sig)),
    ] {
        let enc = base64::engine::general_purpose::STANDARD.encode(&bad);
        let m = format!("{}{}{}", &text[..begin], enc, &text[end..]);
        let got = judge(m.as_bytes());
        assert_ne!(got.1, Some(Outcome::Passed), "{what}");
    }
}

/// Keys whose point is `G`, `2G`, `3G` (and `-G` on TC26-256-A, whose `q` is known here):
/// the joint `u1 G + u2 Q` then meets the exceptional cases of incomplete addition
/// formulas (`G + Q` a doubling or the identity). Genuine signatures verify and the
/// hostile layouts do not, through a key verified once (the point) and then many times
/// (its comb table).
#[test]
fn held_exceptional_keys_through_point_and_comb() {
    let msg = b"review 64: exceptional keys";
    let mut q_minus_1 = hex(TC26_256A_Q);
    *q_minus_1.last_mut().unwrap() -= 1;
    for curve in GostCurve::ALL {
        let n = curve.coordinate_len();
        let mut ds: Vec<Vec<u8>> = vec![vec![1], vec![2], vec![3]];
        if curve == GostCurve::Tc26_256A {
            ds.push(q_minus_1.clone());
        }
        for d in ds {
            let key = GostSigningKey::from_be_bytes(curve, &d).unwrap();
            let public = key.public_key();
            for alg in algorithms_for(curve) {
                for round in 0..4 {
                    let m = [&msg[..], &[round]].concat();
                    let sig = key.sign(alg, &m).unwrap();
                    assert_eq!(
                        public.verify(alg, &m, &sig),
                        Ok(true),
                        "{curve:?} d={d:?} {alg:?} round {round}"
                    );
                    for (what, bad) in hostile_layouts(&sig, n) {
                        let r = public.verify(alg, &m, &bad);
                        assert!(
                            is_not_valid(&r),
                            "{curve:?} d={d:?} {alg:?}: {what} verified"
                        );
                    }
                    let other = [&m[..], b"!"].concat();
                    assert_eq!(public.verify(alg, &other, &sig), Ok(false));
                }
            }
        }
    }
}

/// The GOST Reference's DigestValue truncated to 32 bytes (a Streebog-256 length) or
/// extended by one byte: the Reference check never passes (the comparison is of the whole
/// value, not a prefix).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_real_xml_digest_value_lengths() {
    let Some(pki) = common::shared("nca-test-pki") else {
        return;
    };
    let xml = std::fs::read(pki.join("xml/rsa_2021_gost2015_two_signers.xml")).unwrap();
    let v = qoltanba::Verifier::builder()
        .trust_path(pki.join("rsa/nca_rsa_test.crt"))
        .unwrap()
        .trust_path(pki.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(pki.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .build();
    let expect = qoltanba::Expectation::at(common::time("2022-09-01T00:00:00Z"));
    let reference = |bytes: &[u8]| -> Option<Outcome> {
        let all = qoltanba::xmldsig::verify(bytes, &v, &expect).ok()?;
        let g = all.signers().get(1)?;
        g.check(CheckName::Reference).map(|c| c.outcome())
    };
    assert_eq!(reference(&xml), Some(Outcome::Passed), "control");
    let text = String::from_utf8(xml).unwrap();
    // The GOST Reference's DigestValue: the first after its DigestMethod.
    let dm = text
        .find("algorithms:gostr34112015-512\"")
        .expect("the GOST DigestMethod");
    let open = dm + text[dm..].find("DigestValue").unwrap();
    let begin = open + text[open..].find('>').unwrap() + 1;
    let end = begin + text[begin..].find("</").unwrap();
    let b64: String = text[begin..end]
        .replace("&#13;", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let digest = base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .unwrap();
    assert_eq!(digest.len(), 64);
    for (what, bad) in [
        ("first 32 bytes", digest[..32].to_vec()),
        ("last 32 bytes", digest[32..].to_vec()),
        ("63 bytes", digest[..63].to_vec()),
        ("65 bytes", [digest.clone(), vec![0]].concat()),
        ("empty", Vec::new()),
    ] {
        let enc = base64::engine::general_purpose::STANDARD.encode(&bad);
        let m = format!("{}{}{}", &text[..begin], enc, &text[end..]);
        assert_ne!(reference(m.as_bytes()), Some(Outcome::Passed), "{what}");
    }
}

/// The NCA's GOST 34.310-2004 head-of-legal-entity certificate signed by `ҰКО 3.0 (GOST
/// TEST)`: valid only as GOST 34.310-2004 (GOST 34.311-95 with the test S-box, the NCA
/// layout, CryptoPro-A). The same value read as GOST R 34.10-2001 (CryptoPro S-box,
/// reversed into the RFC 4491 layout), as GOST 2015/256 (Streebog-256), or with the key
/// read on any other 256-bit curve: never valid.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_real_gost2004_bindings() {
    let (Some(ca), Some(ee)) = (
        nca("gost2004/nca_gost_test.crt"),
        nca("gost2004/ceo_sign_2022.cer"),
    ) else {
        return;
    };
    let ca = qoltanba::Certificate::from_input(&std::fs::read(ca).unwrap()).unwrap();
    let ee = qoltanba::Certificate::from_input(&std::fs::read(ee).unwrap()).unwrap();
    assert_eq!(ee.is_issued_by(&ca), SignatureCheck::Valid, "control");
    assert_eq!(
        ee.signature_algorithm(),
        &SignatureAlgorithm::Gost(GostAlgorithm::Nca2004)
    );
    let bits = ca.public_key().key_bytes();
    let (tbs, sig) = (ee.tbs(), ee.signature());
    assert_eq!(sig.len(), 64);
    assert_eq!(
        gost::verify(
            GostAlgorithm::Nca2004,
            GostCurve::CryptoProA,
            bits,
            tbs,
            sig
        ),
        Ok(true)
    );
    for (alg, value) in [
        (GostAlgorithm::Gost2001, reversed(sig)),
        (GostAlgorithm::Gost2001, sig.to_vec()),
        (GostAlgorithm::Tc26_256, reversed(sig)),
        (GostAlgorithm::Nca2015_256, sig.to_vec()),
    ] {
        assert!(
            is_not_valid(&gost::verify(alg, GostCurve::CryptoProA, bits, tbs, &value)),
            "{alg:?}"
        );
    }
    for curve in [
        GostCurve::CryptoProTest,
        GostCurve::CryptoProB,
        GostCurve::CryptoProC,
        GostCurve::Tc26_256A,
    ] {
        assert!(
            is_not_valid(&gost::verify(GostAlgorithm::Nca2004, curve, bits, tbs, sig)),
            "{curve:?}"
        );
    }
    for (what, bad) in hostile_layouts(sig, 32) {
        let r = gost::verify(
            GostAlgorithm::Nca2004,
            GostCurve::CryptoProA,
            bits,
            tbs,
            &bad,
        );
        assert!(is_not_valid(&r), "{what} verified");
    }
    // The certificate's signature rewritten into the other layouts.
    for bad in [swap_halves(sig), reversed(sig), reverse_halves(sig)] {
        let forged = qoltanba::Certificate::from_der(&replace_once(ee.der(), sig, &bad)).unwrap();
        assert_eq!(forged.is_issued_by(&ca), SignatureCheck::Invalid);
    }
}
