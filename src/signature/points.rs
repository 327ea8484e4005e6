//! Whether an EC or Ed25519 public key is a point of its curve at all (review 48).
//!
//! ring checks a key's point at each verification and refuses one that is not on its
//! curve: a certificate of such a key can verify nothing, and the certificate condition
//! calls it invalid ([`super::KeyStrength::Unusable`]) rather than judging a key that does
//! not exist. These checks are on public data: variable time.

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, Uint};

use super::Curve;

/// Why an EC public key `point` on `curve` is no key ring verifies with: not an
/// uncompressed point (`04 || x || y`, each coordinate the field's length: ring reads no
/// other form), a coordinate not below `p`, or `(x, y)` not on `y^2 = x^3 - 3x + b`.
/// `None` for a point of the curve.
pub(super) fn ec_point_fault(curve: Curve, point: &[u8]) -> Option<String> {
    match curve {
        Curve::P256 => on_curve::<4>(point, 32, P256_P, P256_B),
        Curve::P384 => on_curve::<6>(point, 48, P384_P, P384_B),
        Curve::P521 => on_curve::<9>(point, 66, P521_P, P521_B),
    }
}

/// Why the 32 octets of an Ed25519 key decode to no point (RFC 8032 §5.1.3): `y` not below
/// `p`, `(y^2 - 1) / (d y^2 + 1)` not a square, or `x = 0` with the sign bit set. `None`
/// for a point of the curve (its order is [`super::ed25519_small_order`]'s question).
pub(super) fn ed25519_point_fault(key: &[u8]) -> Option<String> {
    let Ok(octets) = <[u8; 32]>::try_from(key) else {
        return Some(format!(
            "an Ed25519 key is 32 octets, this one {}",
            key.len()
        ));
    };
    let sign = octets[31] >> 7;
    let mut y_le = octets;
    y_le[31] &= 0x7F;
    let y = Uint::<4>::from_le_slice(&y_le);
    let p = Uint::<4>::from_be_hex(ED25519_P);
    if y >= p {
        return Some("the Ed25519 key's y is not below p".into());
    }
    let params = params::<4>(&p)?;
    let f = |v: &Uint<4>| FixedMontyForm::new(v, &params);
    let one = f(&Uint::ONE);
    let y = f(&y);
    let yy = y.square();
    // d = -121665 / 121666.
    let d = f(&Uint::from_u32(121_665)).neg()
        * f(&Uint::from_u32(121_666)).invert_vartime().into_option()?;
    let u = yy - one;
    let v = d * yy + one;
    let Some(v_inv) = v.invert_vartime().into_option() else {
        return Some("the Ed25519 key decodes to no point (d y^2 + 1 = 0)".into());
    };
    let xx = u * v_inv;
    if xx.retrieve() == Uint::ZERO {
        return (sign == 1).then(|| "the Ed25519 key has x = 0 with its sign bit set".into());
    }
    // Euler's criterion: a square is 1 raised to (p - 1) / 2.
    let exponent = p.wrapping_sub(&Uint::ONE).shr_vartime(1);
    if xx.pow(&exponent).retrieve() != Uint::ONE {
        return Some("the Ed25519 key decodes to no point of the curve".into());
    }
    None
}

/// The Montgomery parameters of the odd modulus `p`.
fn params<const L: usize>(p: &Uint<L>) -> Option<FixedMontyParams<L>> {
    Odd::new(*p)
        .into_option()
        .map(FixedMontyParams::new_vartime)
}

/// [`ec_point_fault`] on a curve of `L` words whose coordinates are `len` octets.
fn on_curve<const L: usize>(point: &[u8], len: usize, p: &str, b: &str) -> Option<String> {
    if point.first() != Some(&0x04) || point.len() != 1 + 2 * len {
        return Some(format!(
            "the EC key is not an uncompressed point of {} octets (04 || x || y)",
            1 + 2 * len
        ));
    }
    let coordinate = |bytes: &[u8]| {
        let mut wide = vec![0u8; L * 8 - len];
        wide.extend_from_slice(bytes);
        Uint::<L>::from_be_slice(&wide)
    };
    let (x, y) = (coordinate(&point[1..=len]), coordinate(&point[1 + len..]));
    let p = Uint::<L>::from_be_hex(p);
    if x >= p || y >= p {
        return Some("an EC key coordinate is not below the field's p".into());
    }
    let params = params::<L>(&p)?;
    let f = |v: &Uint<L>| FixedMontyForm::new(v, &params);
    let (x, y, b) = (f(&x), f(&y), f(&Uint::<L>::from_be_hex(b)));
    let three = f(&Uint::from_u8(3));
    let rhs = x.square() * x - three * x + b;
    (y.square() != rhs).then(|| "the EC key is not a point of its curve".into())
}

const P256_P: &str = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
const P256_B: &str = "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";
const P384_P: &str = concat!(
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe",
    "ffffffff0000000000000000ffffffff"
);
const P384_B: &str = concat!(
    "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a",
    "c656398d8a2ed19d2a85c8edd3ec2aef"
);
/// `2^521 - 1` and `b`, in 576 bits (nine words).
const P521_P: &str = concat!(
    "00000000000001ffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "ffffffffffffffff"
);
const P521_B: &str = concat!(
    "0000000000000051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3",
    "b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1",
    "ef451fd46b503f00"
);
const ED25519_P: &str = "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed";

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Each curve's generator is a point of it; a coordinate changed, or the point
    /// compressed, is refused.
    #[test]
    fn generators_are_on_their_curves() {
        for (curve, gx, gy) in [
            (
                Curve::P256,
                "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
                "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
            ),
            (
                Curve::P384,
                "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
                "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
            ),
            (
                Curve::P521,
                "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
                "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
            ),
        ] {
            let mut point = vec![0x04];
            point.extend(hex(gx));
            point.extend(hex(gy));
            assert_eq!(ec_point_fault(curve, &point), None, "{curve:?}");
            let mut off = point.clone();
            *off.last_mut().unwrap() ^= 1;
            assert!(ec_point_fault(curve, &off).is_some(), "{curve:?}");
            let mut compressed = vec![0x02 | (point.last().unwrap() & 1)];
            compressed.extend(hex(gx));
            assert!(ec_point_fault(curve, &compressed).is_some(), "{curve:?}");
            // x = p: a coordinate not below p.
            let p_len = (point.len() - 1) / 2;
            let mut big = vec![0x04];
            big.extend(vec![0xFF; p_len]);
            big.extend(hex(gy));
            assert!(ec_point_fault(curve, &big).is_some(), "{curve:?}");
        }
    }

    /// RFC 8032 §7.1's public keys decode; `y = 2` has no `x`; `y >= p` and `x = 0` with
    /// the sign bit are refused.
    #[test]
    fn ed25519_keys_decode_as_rfc_8032_says() {
        for key in [
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        ] {
            assert_eq!(ed25519_point_fault(&hex(key)), None, "{key}");
        }
        let mut y2 = [0u8; 32];
        y2[0] = 2;
        assert!(ed25519_point_fault(&y2).is_some());
        let mut p = hex(ED25519_P);
        p.reverse();
        assert!(ed25519_point_fault(&p).is_some(), "y = p");
        // y = 1: x = 0, the identity; with the sign bit: no point.
        let mut one = [0u8; 32];
        one[0] = 1;
        assert_eq!(ed25519_point_fault(&one), None);
        one[31] |= 0x80;
        assert!(ed25519_point_fault(&one).is_some());
        assert!(ed25519_point_fault(&[0u8; 31]).is_some());
    }
}
