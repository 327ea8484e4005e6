//! Membership of the prime-order subgroup on the cofactor-4 curves (TC26-256-A,
//! TC26-512-C) without a multiplication by `q`: one square root (an exponentiation, `p ≡ 3
//! mod 4`) and one Legendre symbol (a second exponentiation). Variable time: public keys
//! only.
//!
//! # Why it is exact
//!
//! Write the curve `y^2 = (x - e1)(x^2 + e1 x + c)` with `X = x - e1`: `Y^2 = X (X^2 + A X +
//! B)`, `A = 3 e1`, `B = 3 e1^2 + a`, where `T = (e1, 0)` (the Edwards `(0, -1)`, `e1` the
//! map's `t`) is the only rational point of order 2 (the quadratic has a non-square
//! discriminant) and `P4 = (s + t, s)` (the Edwards `(1, 0)`) has order 4. With `#E = 4q`
//! (`4q` lies in the Hasse interval), `E(F_p) ≅ Z/4 × Z/q` and the subgroup of order `q`
//! is `4E(F_p)`, the points of odd order.
//!
//! 1. `δ(P) = χ(X_P)` (Legendre symbol) is a homomorphism `E(F_p) → {±1}` (the Kummer map of
//!    the 2-isogeny with kernel `⟨T⟩`, Silverman X.4.9). `δ(P4) = χ(s) = -1`, so its kernel
//!    has index 2: it is `2E(F_p)`, the only subgroup of index 2.
//! 2. Let `E': Y^2 = X (X^2 - 2A X + A^2 - 4B)` and `ψ: E' → E`, `X(ψ(X', Y')) = (Y'/X')^2 /
//!    4`, the 2-isogeny with kernel `T' = (0, 0)` (so `δ`'s kernel is `ψ(E'(F_p))`). `B` is a
//!    square, so `E'` has all its 2-torsion, `e, e'' = A ± 2 sqrt(B)`, and `E'(F_p) ≅ (Z/2)^2
//!    × Z/q`. For `Q ∈ 2E(F_p)`, a preimage `Q' = (X', m X')` with `m = 2 sqrt(X_Q)` has `X'` a
//!    root of `X'^2 - (2A + m^2) X' + A^2 - 4B`; `Q` has odd order iff `Q'` lies in `H = ⟨T',
//!    E'(F_p)[q]⟩`. With `e` the root for which `-e` is a square, `δ'(P') = χ(X'_P' - e)`
//!    (the Kummer map of the 2-isogeny of `E'` with kernel `⟨(e, 0)⟩`) is a homomorphism with
//!    `δ'(T') = χ(-e) = 1` and `δ'((e'', 0)) = χ(e'' - e) = χ(2β) = -1` (`β = A - e`, checked):
//!    its kernel is `H`.
//! 3. `χ(X' - e)` without solving the quadratic: with `u = 2A + m^2 - 2e`, `D` its
//!    discriminant, `2 (X' - e) = u ± sqrt(D)` and `u^2 - D = -4 m^2 e = n^2`, `n = 4 r
//!    sqrt(-e)`, `r = sqrt(X_Q)`. For `w = u + sqrt(D)`: if `z^2 = w`, `z'^2 = u - sqrt(D)`,
//!    `z z' = n`, then `(z + z')^2 = 2 (u + n)`, and `z + z'` is in `F_p` when `z` is, and in
//!    `i F_p` when it is not (`z^p = -z`, `z'^p = -z'`); `u + n ≠ 0` as `(u + n)(u - n) = D ≠
//!    0` (`D = 0` would make `2 Q' = T'`, a point of order 4 on `E'(F_p)`). With `χ(2) = 1`
//!    (`p ≡ 7 mod 8`): `δ'(Q') = χ(β + 2 X_Q + 2 r sqrt(-e))`.
//!
//! So `Q ∈ 4E(F_p)` iff `Q ≠ T`, `X_Q` is a square, and `β + 2 X_Q + 2 r sqrt(-e)` is a
//! square. Every premise (`p ≡ 7 mod 8`, `T` and `P4` and their orders, the discriminant,
//! `4q` in the Hasse interval, the squares and non-squares) is checked when the constants
//! are built; if one fails there are none and the caller multiplies by `q`. That `q` is
//! the base point's prime order (so that `#E = 4q`) is the curve's published parameter,
//! not re-proven here: the unit tests check `[q]G = O` (review 73: the window alone would
//! accept `q + 2`; the test itself never reads `q`). The unit tests
//! (`tests/subgroup.rs` beside `tests.rs`) compare the test with `[q] Q == O` on both curves.

use crypto_bigint::{Odd, Uint};

use super::ec::{is_on_curve, Affine, CurveSpec, Jacobian};
use super::field::Field;

/// The constants of the test for one curve.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Constants<F, const L: usize> {
    /// `e1`: `T = (e1, 0)`.
    e1: F,
    /// `β = A - e`.
    beta: F,
    /// `sqrt(-e)`.
    sqrt_minus_e: F,
    /// `(p + 1) / 4`: `x^((p+1)/4)` is a square root of a square `x`.
    sqrt_exp: Uint<L>,
    /// `(p - 1) / 2`: `x^((p-1)/2)` is the Legendre symbol of `x`.
    legendre_exp: Uint<L>,
}

/// `base^exp`, variable time (public data only): left to right, fixed 4-bit windows.
pub(crate) fn pow_vartime<F: Field<U = Uint<L>>, const L: usize>(base: &F, exp: &Uint<L>) -> F {
    let mut table = [F::ONE; 16];
    for i in 1..16 {
        table[i] = table[i - 1].mul(base);
    }
    let mut acc = F::ONE;
    let mut started = false;
    let mut i = Uint::<L>::BITS;
    while i > 0 {
        i -= 4;
        if started {
            acc = acc.square().square().square().square();
        }
        let mut nibble = 0usize;
        for j in (0..4).rev() {
            nibble = (nibble << 1) | usize::from(exp.bit_vartime(i + j));
        }
        if nibble != 0 {
            // `table` has 16 entries and nibble < 16.
            if let Some(t) = table.get(nibble) {
                acc = if started { acc.mul(t) } else { *t };
            }
            started = true;
        }
    }
    acc
}

/// The Legendre symbol of `x` modulo `p`: `1`, `-1`, or `0` for `x = 0` (the constants'
/// checks).
fn legendre<F: Field<U = Uint<L>>, const L: usize>(x: &F, p: &Odd<Uint<L>>) -> i8 {
    x.to_uint().jacobi_symbol_vartime(p) as i8
}

impl<F: Field<U = Uint<L>>, const L: usize> Constants<F, L> {
    /// The constants of curve `C` with Edwards `d` (`e1 = (1 + d)/6`, `s = (1 - d)/4`); `None`
    /// if a premise of the test does not hold (never for TC26-256-A and TC26-512-C: checked
    /// by the unit tests).
    pub(crate) fn new<C: CurveSpec<L, F = F>>(d: &Uint<L>) -> Option<Self> {
        let p_uint = F::MODULUS;
        // p ≡ 7 mod 8: square roots by one exponentiation, and 2 is a square.
        if p_uint.as_words()[0] & 7 != 7 {
            return None;
        }
        let p = Odd::new(p_uint).into_option()?;
        // #E = 4q: q divides #E (the base point's order), and 4q lies within 2^(bits(p)/2 + 1)
        // (> 2 sqrt(p)) of p + 1, where #E lies (Hasse); any other multiple of q is q > 2^(bits(p)/2 + 3)
        // away from 4q, outside that window.
        // |4q - (p + 1)| = 4 |q - (p + 1)/4| (p + 1 ≡ 0 mod 8), without overflowing 4q.
        let q = C::q();
        let half_bits = p_uint.bit_width_vartime().div_ceil(2) + 1;
        if q.bit_width_vartime() <= half_bits + 2 {
            return None;
        }
        let quarter = p_uint.shr_vartime(2).wrapping_add(&Uint::ONE);
        let gap = if q.cmp_vartime(&quarter).is_gt() {
            q.wrapping_sub(&quarter)
        } else {
            quarter.wrapping_sub(&q)
        };
        if gap.bit_width_vartime() + 2 > half_bits {
            return None;
        }

        let d = F::from_uint(d);
        let e1 = F::ONE.add(&d).mul(&F::ONE.mul_small(6).invert()?);
        let s = F::ONE.sub(&d).mul(&F::ONE.mul_small(4).invert()?);
        let a = C::a();
        // T = (e1, 0) on the curve, the only rational 2-torsion point: x^2 + e1 x + (e1^2 +
        // a) has the non-square discriminant -3 e1^2 - 4 a.
        if !is_on_curve::<C, L>(&Affine { x: e1, y: F::ZERO }) {
            return None;
        }
        let disc = e1.square().mul_small(3).add(&a.mul_small(4)).neg();
        if legendre(&disc, &p) != -1 {
            return None;
        }
        // P4 = (s + t, s) on the curve with 2 P4 = T, and δ(P4) = χ(s) = -1.
        let p4 = Affine {
            x: s.add(&e1),
            y: s,
        };
        if !is_on_curve::<C, L>(&p4) || legendre(&s, &p) != -1 {
            return None;
        }
        let (x2, y2, z2) = {
            let dbl = Jacobian::from_affine(&p4).double::<C, L>();
            let (x, y, z) = dbl.coordinates();
            (*x, *y, *z)
        };
        if z2.is_zero() || !y2.is_zero() || !x2.equals(&e1.mul(&z2.square())) {
            return None;
        }
        // E': B a square, e = A - β with β = ±2 sqrt(B) and -e a square, χ(β) = -1.
        let sqrt_exp = p_uint.shr_vartime(2).wrapping_add(&Uint::ONE);
        let sqrt = |x: &F| -> Option<F> {
            let r = pow_vartime(x, &sqrt_exp);
            r.square().equals(x).then_some(r)
        };
        let big_a = e1.mul_small(3);
        let big_b = e1.square().mul_small(3).add(&a);
        let two_sqrt_b = sqrt(&big_b)?.double();
        for beta in [two_sqrt_b, two_sqrt_b.neg()] {
            let minus_e = beta.sub(&big_a);
            if minus_e.is_zero() || legendre(&beta, &p) != -1 {
                continue;
            }
            if let Some(sqrt_minus_e) = sqrt(&minus_e) {
                return Some(Constants {
                    e1,
                    beta,
                    sqrt_minus_e,
                    sqrt_exp,
                    legendre_exp: p_uint.shr_vartime(1),
                });
            }
        }
        None
    }

    /// Whether the curve point `point` (on the curve: the caller checked) has odd order,
    /// i.e. lies in the subgroup of order `q`.
    pub(crate) fn contains(&self, point: &Affine<F>) -> bool {
        let x = point.x.sub(&self.e1);
        if x.is_zero() {
            return false; // T, of order 2
        }
        // Q ∈ 2E iff X_Q is a square; r its square root.
        let r = pow_vartime(&x, &self.sqrt_exp);
        if !r.square().equals(&x) {
            return false;
        }
        let w = self
            .beta
            .add(&x.double())
            .add(&r.mul(&self.sqrt_minus_e).double());
        // χ(w) = w^((p-1)/2), 1 iff w is a non-zero square (one exponentiation: measured
        // faster than crypto-bigint's binary Jacobi symbol here).
        pow_vartime(&w, &self.legendre_exp).equals(&F::ONE)
    }
}
