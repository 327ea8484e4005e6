//! Variable-time elliptic-curve arithmetic for signature verification (public data only).
//!
//! Points are Jacobian `(X, Y, Z)` ↔ affine `(X/Z^2, Y/Z^3)`, the point at infinity has
//! `Z = 0`. Formulas (Explicit-Formulas Database, Bernstein–Lange): `dbl-2001-b` when
//! `a = -3`, otherwise `dbl-2007-bl`; `add-2007-bl`; mixed `madd-2007-bl`.
//!
//! `u1*G + u2*Q` is computed in one of two ways:
//! - a one-off key: one double-and-add chain (Straus–Shamir: the doublings are shared)
//!   over `u2` in width-5 NAF (a per-call affine table of `Q, 3Q, ..., 15Q`) and `u1` in
//!   width-10 NAF over the base point's odd multiples (an affine table built once per
//!   curve); on the curves with a twisted Edwards form the same chain runs on that form
//!   ([`super::edwards`]);
//! - a prepared key (a [`Comb`](super::comb::Comb) of `Q`, built once and cached by the caller): `u2` through
//!   `Q`'s comb of 8 teeth and 2 blocks, `u1` through the base point's: its 12-tooth comb
//!   once a process has verified enough signatures on the curve to pay for building it
//!   (4,095 entries, [`WIDE_COMB_AFTER`](super::comb::WIDE_COMB_AFTER)), its 8-tooth comb before. `n/12` doublings
//!   (`n/8` with the narrow comb) and at most `n/8 + n/12` mixed additions (`2n/8`).

use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};
use crypto_bigint::{Limb, NonZero, Uint, U512};

use super::comb::{double_mul_comb, Comb};
use super::field::Field;

/// One curve: its field, the Montgomery parameters of its group order, its coefficients
/// and base point. `L` is the number of limbs of a coordinate.
pub(crate) trait CurveSpec<const L: usize>: Sized + 'static {
    /// The prime field `GF(p)`.
    type F: Field<U = Uint<L>>;
    /// The order `q` of the base point (prime).
    type Fq: ConstMontyParams<L>;
    /// Coefficient `a`.
    const A: Uint<L>;
    /// Coefficient `b`.
    const B: Uint<L>;
    /// Base point x.
    const GX: Uint<L>;
    /// Base point y.
    const GY: Uint<L>;

    /// `a == p - 3`: the cheaper doubling formula applies.
    const A_IS_MINUS_3: bool = Self::A
        .cmp_vartime(&Self::F::MODULUS.wrapping_sub(&Uint::from_u64(3)))
        .is_eq();

    /// The comb table of the base point, computed once per process (the signer's
    /// constant-time multiplication and the verification with a prepared key).
    fn g_comb() -> &'static Comb<Self::F>;

    /// The base point's [`WIDE_COMB_TEETH`](super::comb::WIDE_COMB_TEETH)-tooth comb, once
    /// it is built: the first [`WIDE_COMB_AFTER`](super::comb::WIDE_COMB_AFTER) calls on the curve give `None`, the next builds it. Verification
    /// with a prepared key only.
    fn g_comb_wide() -> Option<&'static Comb<Self::F>>;

    /// The base point's odd multiples, computed once per process (verification with a
    /// one-off key).
    fn g_odd() -> &'static OddTable<Self::F>;

    /// The base point's odd multiples in the curve's twisted Edwards form, for the curves
    /// that have one ([`super::edwards`]), computed once per process.
    fn g_odd_edwards() -> Option<&'static super::edwards::OddTable<Self::F>>;

    /// The constants of the prime-order subgroup test of the cofactor-4 curves
    /// ([`super::subgroup`]), computed once per process; `None` on the other curves.
    fn subgroup_test() -> Option<&'static super::subgroup::Constants<Self::F, L>>;

    /// `a` as a field element.
    fn a() -> Self::F {
        Self::F::from_uint(&Self::A)
    }

    /// `b` as a field element.
    fn b() -> Self::F {
        Self::F::from_uint(&Self::B)
    }

    /// `p`.
    fn p() -> Uint<L> {
        Self::F::MODULUS
    }

    /// `q`.
    fn q() -> Uint<L> {
        *Self::Fq::PARAMS.modulus().as_ref()
    }

    /// The base point.
    fn generator() -> Affine<Self::F> {
        Affine {
            x: Self::F::from_uint(&Self::GX),
            y: Self::F::from_uint(&Self::GY),
        }
    }
}

/// An affine point (never the point at infinity).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Affine<F> {
    pub(crate) x: F,
    pub(crate) y: F,
}

impl<F: Field> Affine<F> {
    fn neg(&self) -> Self {
        Affine {
            x: self.x,
            y: self.y.neg(),
        }
    }
}

/// A point in Jacobian coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Jacobian<F> {
    x: F,
    y: F,
    z: F,
}

impl<F: Field> Jacobian<F> {
    pub(crate) const INFINITY: Self = Jacobian {
        x: F::ONE,
        y: F::ONE,
        z: F::ZERO,
    };

    pub(crate) fn from_affine(p: &Affine<F>) -> Self {
        Jacobian {
            x: p.x,
            y: p.y,
            z: F::ONE,
        }
    }

    pub(crate) fn is_infinity(&self) -> bool {
        self.z.is_zero()
    }

    /// `(X, Y, Z)`.
    pub(crate) fn coordinates(&self) -> (&F, &F, &F) {
        (&self.x, &self.y, &self.z)
    }

    /// The affine form, or `None` for the point at infinity.
    #[cfg(test)]
    pub(crate) fn to_affine(self) -> Option<Affine<F>> {
        let zinv = self.z.invert()?;
        let zinv2 = zinv.square();
        Some(Affine {
            x: self.x.mul(&zinv2),
            y: self.y.mul(&zinv2.mul(&zinv)),
        })
    }

    /// `2 * self`.
    pub(crate) fn double<C: CurveSpec<L, F = F>, const L: usize>(&self) -> Self {
        if self.is_infinity() {
            return *self;
        }
        if C::A_IS_MINUS_3 {
            // dbl-2001-b: 3M + 5S.
            let delta = self.z.square();
            let gamma = self.y.square();
            let beta = self.x.mul(&gamma);
            let t = self.x.sub(&delta).mul(&self.x.add(&delta));
            let alpha = t.mul_small(3);
            let beta4 = beta.mul_small(4);
            let x3 = alpha.square().sub(&beta.mul_small(8));
            let z3 = self.y.add(&self.z).square().sub(&gamma).sub(&delta);
            let gamma2_8 = gamma.square().mul_small(8);
            let y3 = alpha.mul(&beta4.sub(&x3)).sub(&gamma2_8);
            Jacobian {
                x: x3,
                y: y3,
                z: z3,
            }
        } else {
            // dbl-2007-bl: 1M + 8S + 1*a.
            let xx = self.x.square();
            let yy = self.y.square();
            let yyyy = yy.square();
            let zz = self.z.square();
            let s = self.x.add(&yy).square().sub(&xx).sub(&yyyy).double();
            let m = xx.mul_small(3).add(&C::a().mul(&zz.square()));
            let t = m.square().sub(&s.double());
            let y3 = m.mul(&s.sub(&t)).sub(&yyyy.mul_small(8));
            let z3 = self.y.add(&self.z).square().sub(&yy).sub(&zz);
            Jacobian { x: t, y: y3, z: z3 }
        }
    }

    /// `self + other` (add-2007-bl: 11M + 5S).
    pub(crate) fn add<C: CurveSpec<L, F = F>, const L: usize>(&self, other: &Self) -> Self {
        if self.is_infinity() {
            return *other;
        }
        if other.is_infinity() {
            return *self;
        }
        let z1z1 = self.z.square();
        let z2z2 = other.z.square();
        let u1 = self.x.mul(&z2z2);
        let u2 = other.x.mul(&z1z1);
        let s1 = self.y.mul(&other.z).mul(&z2z2);
        let s2 = other.y.mul(&self.z).mul(&z1z1);
        let h = u2.sub(&u1);
        let r = s2.sub(&s1).double();
        if h.is_zero() {
            return if r.is_zero() {
                self.double::<C, L>()
            } else {
                Self::INFINITY
            };
        }
        let i = h.double().square();
        let j = h.mul(&i);
        let v = u1.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&s1.mul(&j).double());
        let z3 = self.z.add(&other.z).square().sub(&z1z1).sub(&z2z2).mul(&h);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// `self + other` with `other` affine (madd-2007-bl: 7M + 4S).
    pub(crate) fn add_affine<C: CurveSpec<L, F = F>, const L: usize>(
        &self,
        other: &Affine<F>,
    ) -> Self {
        if self.is_infinity() {
            return Self::from_affine(other);
        }
        let z1z1 = self.z.square();
        let u2 = other.x.mul(&z1z1);
        let s2 = other.y.mul(&self.z).mul(&z1z1);
        let h = u2.sub(&self.x);
        let r = s2.sub(&self.y).double();
        if h.is_zero() {
            return if r.is_zero() {
                self.double::<C, L>()
            } else {
                Self::INFINITY
            };
        }
        let hh = h.square();
        let i = hh.mul_small(4);
        let j = h.mul(&i);
        let v = self.x.mul(&i);
        let x3 = r.square().sub(&j).sub(&v.double());
        let y3 = r.mul(&v.sub(&x3)).sub(&self.y.mul(&j).double());
        let z3 = self.z.add(&h).square().sub(&z1z1).sub(&hh);
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// Whether the affine x-coordinate of this (finite) point equals `x` (an integer
    /// `< p`), without inverting `Z`: `x * Z^2 == X`.
    fn x_equals(&self, x: &F::U) -> bool {
        F::from_uint(x).mul(&self.z.square()).equals(&self.x)
    }
}

/// Affine forms of several points with one inversion (Montgomery's trick); `None` if one
/// of them is the point at infinity.
pub(crate) fn batch_to_affine<F: Field>(points: &[Jacobian<F>]) -> Option<Vec<Affine<F>>> {
    let mut prefix = Vec::with_capacity(points.len());
    let mut acc = F::ONE;
    for p in points {
        if p.is_infinity() {
            return None;
        }
        prefix.push(acc);
        acc = acc.mul(&p.z);
    }
    let mut inv = acc.invert()?;
    let mut out = vec![
        Affine {
            x: F::ZERO,
            y: F::ZERO,
        };
        points.len()
    ];
    for (i, p) in points.iter().enumerate().rev() {
        let zinv = inv.mul(&prefix[i]);
        inv = inv.mul(&p.z);
        let zinv2 = zinv.square();
        out[i] = Affine {
            x: p.x.mul(&zinv2),
            y: p.y.mul(&zinv2.mul(&zinv)),
        };
    }
    Some(out)
}

/// Whether the affine point `(x, y)` satisfies the curve equation.
pub(crate) fn is_on_curve<C: CurveSpec<L>, const L: usize>(p: &Affine<C::F>) -> bool {
    let lhs = p.y.square();
    let rhs = p.x.square().add(&C::a()).mul(&p.x).add(&C::b());
    lhs.equals(&rhs)
}

/// Width-w non-adjacent form of `k` (`2 <= w <= 15`), least significant digit first: every
/// non-zero digit is odd and in `(-2^(w-1), 2^(w-1))`. Variable time (public scalars only).
pub(crate) fn wnaf<const L: usize>(k: &Uint<L>, w: u32) -> Vec<i16> {
    let len = Uint::<L>::BITS + 1;
    let mut digits = vec![0i16; len as usize];
    let bit = |i: u32| -> u32 {
        if i < Uint::<L>::BITS {
            u32::from(k.bit_vartime(i))
        } else {
            0
        }
    };
    let mut carry = 0u32;
    let mut i = 0u32;
    let mut last = 0usize;
    while i < len {
        if bit(i) == carry {
            i += 1;
            continue;
        }
        let now = w.min(len - i);
        let mut word = 0u32;
        for j in 0..now {
            word |= bit(i + j) << j;
        }
        let mut value = word as i32 + carry as i32;
        carry = ((value >> (w - 1)) & 1) as u32;
        value -= (carry as i32) << w;
        digits[i as usize] = value as i16;
        last = i as usize;
        i += now;
    }
    digits.truncate(last + 1);
    digits
}

/// Window width of the per-call table of odd multiples of a one-off public key.
const Q_WINDOW: u32 = 5;

/// Window width of the base point's table of odd multiples (`2^(G_WINDOW - 2)` affine
/// points, built once per curve: 32 KiB for a 512-bit curve). In the doubling chain of a
/// one-off key, `u1` costs about `n / (G_WINDOW + 1)` additions this way, against `n/8`
/// through the 8-tooth comb.
pub(crate) const G_WINDOW: u32 = 10;

/// Odd multiples in Jacobian coordinates and, when none is at infinity, affine.
type OddMultiples<F> = (Vec<Jacobian<F>>, Option<Vec<Affine<F>>>);

/// `P, 3P, 5P, ..., (2^(w-1) - 1)P` in Jacobian coordinates.
fn odd_multiples_jacobian<C: CurveSpec<L>, const L: usize>(
    p: &Affine<C::F>,
    w: u32,
) -> Vec<Jacobian<C::F>> {
    let count = 1usize << (w - 2);
    let mut jac = Vec::with_capacity(count);
    let p_jac = Jacobian::from_affine(p);
    let p2 = p_jac.double::<C, L>();
    jac.push(p_jac);
    for i in 1..count {
        let next = jac[i - 1].add::<C, L>(&p2);
        jac.push(next);
    }
    jac
}

/// `jac` (odd multiples in Jacobian coordinates), and in affine coordinates when none is
/// the point at infinity (always, for a point of the prime-order subgroup).
fn with_affine<F: Field>(jac: Vec<Jacobian<F>>) -> OddMultiples<F> {
    let affine = batch_to_affine(&jac);
    (jac, affine)
}

/// The odd multiples `G, 3G, ..., (2^(G_WINDOW-1) - 1)G` of the base point, affine.
#[derive(Debug)]
pub(crate) struct OddTable<F> {
    table: Vec<Affine<F>>,
}

impl<F: Field> OddTable<F> {
    /// The table of a point of the prime-order subgroup (the base point).
    pub(crate) fn new<C: CurveSpec<L, F = F>, const L: usize>(p: &Affine<F>) -> Self {
        // The base point has prime order q > 2^254: no multiple below 2^G_WINDOW is at
        // infinity (checked for every curve by the unit tests).
        match with_affine(odd_multiples_jacobian::<C, L>(p, G_WINDOW)).1 {
            Some(table) => OddTable { table },
            None => unreachable!("base point multiple at infinity"),
        }
    }

    /// The points `G, 3G, ...`.
    pub(crate) fn points(&self) -> &[Affine<F>] {
        &self.table
    }

    /// `acc + d P` for an odd wNAF digit `d` with `|d| < 2^(G_WINDOW-1)`; `None` for a
    /// digit outside the table (never: the digits are below the window).
    fn add_digit<C: CurveSpec<L, F = F>, const L: usize>(
        &self,
        acc: Jacobian<F>,
        d: i16,
    ) -> Option<Jacobian<F>> {
        let t = self.table.get((d.unsigned_abs() as usize) >> 1)?;
        Some(if d > 0 {
            acc.add_affine::<C, L>(t)
        } else {
            acc.add_affine::<C, L>(&t.neg())
        })
    }
}

/// [`double_mul_odd`] on the Weierstrass form alone, from `Q` (the tests' reference for
/// the Edwards chain and the combs).
#[cfg(test)]
pub(crate) fn double_mul<C: CurveSpec<L>, const L: usize>(
    u1: &Uint<L>,
    q_point: &Affine<C::F>,
    u2: &Uint<L>,
) -> Option<Jacobian<C::F>> {
    double_mul_odd::<C, L>(u1, odd_multiples_jacobian::<C, L>(q_point, Q_WINDOW), u2)
}

/// `u1 * G + u2 * Q` for a one-off `Q` (variable time) on the Weierstrass form, from `Q`'s
/// odd multiples `Q, 3Q, ..., 15Q` (Jacobian): one doubling chain, `u1` in
/// width-`G_WINDOW` NAF over the base point's table, `u2` in width-5 NAF over those
/// multiples made affine with one inversion. `None` if a digit falls outside its table
/// (never).
fn double_mul_odd<C: CurveSpec<L>, const L: usize>(
    u1: &Uint<L>,
    q_odd: Vec<Jacobian<C::F>>,
    u2: &Uint<L>,
) -> Option<Jacobian<C::F>> {
    let g_table = C::g_odd();
    let (jac, q_affine) = with_affine(q_odd);

    let g_digits = wnaf(u1, G_WINDOW);
    let q_digits = wnaf(u2, Q_WINDOW);
    let top = g_digits.len().max(q_digits.len());
    let mut acc = Jacobian::<C::F>::INFINITY;
    for i in (0..top).rev() {
        acc = acc.double::<C, L>();
        if let Some(&d) = q_digits.get(i) {
            if d != 0 {
                let idx = (d.unsigned_abs() as usize) >> 1;
                let affine = q_affine.as_ref().and_then(|t| t.get(idx));
                acc = match (affine, jac.get(idx)) {
                    (Some(t), _) if d > 0 => acc.add_affine::<C, L>(t),
                    (Some(t), _) => acc.add_affine::<C, L>(&t.neg()),
                    // A point of small order on a cofactor-4 curve: stay Jacobian.
                    (None, Some(j)) if d > 0 => acc.add::<C, L>(j),
                    (None, Some(j)) => acc.add::<C, L>(&Jacobian {
                        x: j.x,
                        y: j.y.neg(),
                        z: j.z,
                    }),
                    (None, None) => return None, // never: digits are below the window
                };
            }
        }
        if let Some(&d) = g_digits.get(i) {
            if d != 0 {
                acc = g_table.add_digit::<C, L>(acc, d)?;
            }
        }
    }
    Some(acc)
}

/// `u1 * G + u2 * Q`, as the verification compares it.
pub(crate) enum Product<F> {
    /// Computed on the Weierstrass form.
    Weierstrass(Jacobian<F>),
    /// Computed on the twisted Edwards form.
    Edwards(super::edwards::Product<F>),
}

impl<F: Field> Product<F> {
    /// Whether it is the point at infinity.
    fn is_infinity(&self) -> bool {
        match self {
            Product::Weierstrass(p) => p.is_infinity(),
            Product::Edwards(p) => p.is_identity(),
        }
    }

    /// Whether its affine (Weierstrass) x-coordinate equals `x` (an integer `< p`); the
    /// point must be finite.
    fn x_equals(&self, x: &F::U) -> bool {
        match self {
            Product::Weierstrass(p) => p.x_equals(x),
            Product::Edwards(p) => p.x_equals(x),
        }
    }
}

/// [`Product::x_equals`] (tests).
#[cfg(test)]
pub(crate) fn product_x_equals<F: Field>(p: &Product<F>, x: &F::U) -> bool {
    p.x_equals(x)
}

/// `u1 * G + u2 * Q` for a one-off `Q`: on the curve's twisted Edwards form when it has
/// one and `Q`'s multiples map to it, else on its Weierstrass form. `None` only for a
/// defect (a digit outside its table).
pub(crate) fn double_mul_one_off<C: CurveSpec<L>, const L: usize>(
    u1: &Uint<L>,
    q_point: &Affine<C::F>,
    u2: &Uint<L>,
) -> Option<Product<C::F>> {
    let q_odd = odd_multiples_jacobian::<C, L>(q_point, Q_WINDOW);
    if let Some(g) = C::g_odd_edwards() {
        if let Some(p) = super::edwards::double_mul(g, u1, &q_odd, Q_WINDOW, u2) {
            return Some(Product::Edwards(p));
        }
    }
    double_mul_odd::<C, L>(u1, q_odd, u2).map(Product::Weierstrass)
}

/// Plain double-and-add `k * P` (tests and table checks only).
#[cfg(test)]
pub(crate) fn mul<C: CurveSpec<L>, const L: usize>(
    k: &Uint<L>,
    p: &Jacobian<C::F>,
) -> Jacobian<C::F> {
    let mut acc = Jacobian::<C::F>::INFINITY;
    for i in (0..Uint::<L>::BITS).rev() {
        acc = acc.double::<C, L>();
        if k.bit_vartime(i) {
            acc = acc.add::<C, L>(p);
        }
    }
    acc
}

/// Outcome of the core check, before any byte decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Core {
    /// The signature verifies.
    Valid,
    /// The signature does not verify (including `r` or `s` outside `1..q-1`).
    Invalid,
}

/// A validated public key of curve `C`.
pub(crate) fn public_point<C: CurveSpec<L>, const L: usize>(
    qx: &Uint<L>,
    qy: &Uint<L>,
) -> Option<Affine<C::F>> {
    let p = C::p();
    if !qx.cmp_vartime(&p).is_lt() || !qy.cmp_vartime(&p).is_lt() {
        return None;
    }
    let point = Affine {
        x: C::F::from_uint(qx),
        y: C::F::from_uint(qy),
    };
    is_on_curve::<C, L>(&point).then_some(point)
}

/// Is `point` in the subgroup of prime order `q` (`[q]point` is the point at infinity)?
/// Always on a curve of cofactor 1 (TC26-512-A/B, the CryptoPro sets); on the cofactor-4
/// curves (TC26-256-A, TC26-512-C) a point with a component of order 2 or 4 is not, and
/// no private key is its discrete logarithm: a key of order 2 verifies signatures anyone
/// can make (`r = x(kG)`, `s = k*e`, whenever `-r/e` is even), so such keys are refused
/// when read. There, one square root and one Legendre symbol ([`super::subgroup`]), once
/// per key (keys are cached by the caller).
pub(crate) fn in_prime_order_subgroup<C: CurveSpec<L>, const L: usize>(
    point: &Affine<C::F>,
) -> bool {
    // #E = h*q is within 2*sqrt(p) + 1 of p (Hasse): q > 3p/4 for h = 1, q < 3p/4 for
    // any h >= 2.
    let p = C::F::MODULUS;
    let three_quarters = p.shr_vartime(1).wrapping_add(&p.shr_vartime(2));
    if C::q().cmp_vartime(&three_quarters).is_gt() {
        return true;
    }
    match C::subgroup_test() {
        Some(test) => test.contains(point),
        // Never for the two cofactor-4 curves (unit tests): the multiplication by q.
        None => in_prime_order_subgroup_by_q::<C, L>(point),
    }
}

/// `[q]point` is the point at infinity: one multiplication by `q` (the fallback of
/// [`in_prime_order_subgroup`] and the tests' reference for it).
pub(crate) fn in_prime_order_subgroup_by_q<C: CurveSpec<L>, const L: usize>(
    point: &Affine<C::F>,
) -> bool {
    // The one-off chain, on the twisted Edwards form where the key maps to it (its
    // doublings are cheaper), with no base-point term.
    double_mul_one_off::<C, L>(&Uint::ZERO, point, &C::q()).is_some_and(|p| p.is_infinity())
}

/// The public key in the form the multiplication uses.
pub(crate) enum KeyForm<'a, F> {
    /// A one-off key.
    Point(&'a Affine<F>),
    /// A key with a comb.
    Comb(&'a Comb<F>),
}

/// GOST R 34.10-2012 section 6.2 on integers: `h` the digest as an integer (any size up
/// to 512 bits), `r, s` the signature; the key already validated.
pub(crate) fn verify<C: CurveSpec<L>, const L: usize>(
    key: KeyForm<'_, C::F>,
    h: &U512,
    r: &Uint<L>,
    s: &Uint<L>,
) -> Core {
    // Step 1: 0 < r < q and 0 < s < q.
    let q = C::q();
    if r.is_zero_vartime()
        || s.is_zero_vartime()
        || !r.cmp_vartime(&q).is_lt()
        || !s.cmp_vartime(&q).is_lt()
    {
        return Core::Invalid;
    }

    // Steps 2-3: e = alpha mod q, e = 1 if 0.
    let Some(q_nz) = NonZero::new(q).into_option() else {
        return Core::Invalid;
    };
    let mut e = h.rem_vartime(&q_nz);
    if e.is_zero_vartime() {
        e = Uint::ONE;
    }

    // Steps 4-5: v = e^-1, z1 = s*v, z2 = -r*v (mod q).
    let e_m = ConstMontyForm::<C::Fq, L>::new(&e);
    let Some(v) = Option::<ConstMontyForm<C::Fq, L>>::from(e_m.invert_vartime()) else {
        return Core::Invalid; // unreachable for prime q and 0 < e < q
    };
    let z1 = ConstMontyForm::<C::Fq, L>::new(s).mul(&v).retrieve();
    let z2 = ConstMontyForm::<C::Fq, L>::new(r).neg().mul(&v).retrieve();

    // Step 6: C = z1*P + z2*Q, R = x_C mod q.
    let c = match key {
        KeyForm::Point(q_point) => double_mul_one_off::<C, L>(&z1, q_point, &z2),
        KeyForm::Comb(comb) => double_mul_comb::<C, L>(&z1, comb, &z2).map(Product::Weierstrass),
    };
    // No product (a table lookup that cannot fail did) proves nothing: invalid.
    let Some(c) = c else {
        return Core::Invalid;
    };
    if c.is_infinity() {
        return Core::Invalid;
    }
    // x_C is in [0, p); R == r iff x_C == r + k*q for some k >= 0 with r + k*q < p.
    let p = C::p();
    let mut candidate = *r;
    loop {
        if !candidate.cmp_vartime(&p).is_lt() {
            return Core::Invalid;
        }
        if c.x_equals(&candidate) {
            return Core::Valid;
        }
        let (next, carry) = candidate.carrying_add(&q, Limb::ZERO);
        if carry != Limb::ZERO {
            return Core::Invalid;
        }
        candidate = next;
    }
}
