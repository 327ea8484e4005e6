//! Constant-time field and point arithmetic for GOST R 34.10 signing.
//!
//! Signing ([`super::sign`]) computes `k P` and `d P` with a secret scalar, so its
//! arithmetic must take the same time and touch the same memory whatever the secret is.
//! This module holds that arithmetic: field elements with constant-time operations only
//! ([`CtElem`], [`CtField`]: `crypto-bigint`'s `ConstMontyForm`, and [`SpecialCt`] for
//! `p = 2^n - c`: the word products of `field.rs` with its mask-based reductions), the
//! complete projective formulas of Renes,
//! Costello and Batina, and the fixed-base comb multiplication [`mul_base`] that reads
//! every table entry and keeps the wanted one by constant-time selection. The reasons and
//! the guarantees are in the documentation of `sign.rs`.
//!
//! Verification works on public inputs only and uses the faster variable-time arithmetic
//! of `ec.rs` (Jacobian coordinates, NAF, branches on the data); that code must never see
//! a private key or a nonce. The tables are shared: [`mul_base`] reads the base point's
//! comb built by `ec.rs`.

use std::marker::PhantomData;

use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};
use crypto_bigint::{Choice, CtAssign, CtEq, CtSelect, Limb, Odd, Uint, Word};
use zeroize::Zeroize;

use super::comb::COMB_TEETH;
use super::ec::CurveSpec;
use super::field::{self, Field, Special, SpecialModulus};

// ---------------------------------------------------------------------------------------
// Constant-time field arithmetic
// ---------------------------------------------------------------------------------------

/// A field element with constant-time operations only.
pub(crate) trait CtElem<const L: usize>: Copy {
    fn add(&self, rhs: &Self) -> Self;
    fn sub(&self, rhs: &Self) -> Self;
    fn mul(&self, rhs: &Self) -> Self;
    fn square(&self) -> Self;
    fn double(&self) -> Self {
        self.add(self)
    }
    fn triple(&self) -> Self {
        self.double().add(self)
    }
    /// `b` if `choice`, else `a`.
    fn select(a: &Self, b: &Self, choice: Choice) -> Self;
    /// `1/self`; 0 for 0.
    fn invert(&self) -> Self;
    /// The integer in `[0, p)`.
    fn canonical(&self) -> Uint<L>;
    /// Overwrites with zeros.
    fn wipe(&mut self);
}

/// A curve field with a constant-time counterpart.
pub(crate) trait CtField<const L: usize>: Field<U = Uint<L>> {
    type E: CtElem<L>;
    fn to_ct(&self) -> Self::E;
}

impl<P: ConstMontyParams<L>, const L: usize> CtElem<L> for ConstMontyForm<P, L> {
    fn add(&self, rhs: &Self) -> Self {
        ConstMontyForm::add(self, rhs)
    }
    fn sub(&self, rhs: &Self) -> Self {
        ConstMontyForm::sub(self, rhs)
    }
    fn mul(&self, rhs: &Self) -> Self {
        ConstMontyForm::mul(self, rhs)
    }
    fn square(&self) -> Self {
        // As in the verifier: for 8 limbs the multiplication is the faster one.
        if L > 4 {
            ConstMontyForm::mul(self, self)
        } else {
            ConstMontyForm::square(self)
        }
    }
    fn select(a: &Self, b: &Self, choice: Choice) -> Self {
        let mut out = *a;
        out.ct_assign(b, choice);
        out
    }
    fn invert(&self) -> Self {
        ConstMontyForm::invert(self).unwrap_or(ConstMontyForm::ZERO)
    }
    fn canonical(&self) -> Uint<L> {
        self.retrieve()
    }
    fn wipe(&mut self) {
        self.as_montgomery_mut().as_mut_words().zeroize();
    }
}

impl<P: ConstMontyParams<L>, const L: usize> CtField<L> for ConstMontyForm<P, L> {
    type E = Self;
    fn to_ct(&self) -> Self {
        *self
    }
}

/// An element of `GF(2^(64 L) - c)` with constant-time operations (the verifier's
/// [`Special`] holds the same integer).
#[derive(Clone, Copy)]
pub(crate) struct SpecialCt<S, const L: usize> {
    v: Uint<L>,
    modulus: PhantomData<S>,
}

impl<S: SpecialModulus, const L: usize> SpecialCt<S, L> {
    const C: Limb = Limb::from_u32(S::C);
    fn wrap(v: Uint<L>) -> Self {
        SpecialCt {
            v,
            modulus: PhantomData,
        }
    }
}

impl<S: SpecialModulus, const L: usize> CtElem<L> for SpecialCt<S, L> {
    // The word arithmetic of `field.rs` (products without branches or data-dependent
    // indices, reductions by masks): every result is fully reduced.
    fn add(&self, rhs: &Self) -> Self {
        Self::wrap(Uint::from_words(field::add_ct(
            self.v.as_words(),
            rhs.v.as_words(),
            Self::C.0,
        )))
    }
    fn sub(&self, rhs: &Self) -> Self {
        Self::wrap(Uint::from_words(field::sub_ct(
            self.v.as_words(),
            rhs.v.as_words(),
            Self::C.0,
        )))
    }
    fn mul(&self, rhs: &Self) -> Self {
        let (lo, hi) = field::mul_wide(self.v.as_words(), rhs.v.as_words());
        Self::wrap(Uint::from_words(field::reduce_ct(&lo, &hi, Self::C.0)))
    }
    fn square(&self) -> Self {
        let (lo, hi) = field::square_wide(self.v.as_words());
        Self::wrap(Uint::from_words(field::reduce_ct(&lo, &hi, Self::C.0)))
    }
    fn select(a: &Self, b: &Self, choice: Choice) -> Self {
        Self::wrap(a.v.ct_select(&b.v, choice))
    }
    fn invert(&self) -> Self {
        let p = Odd::new(<Special<S, L> as Field>::MODULUS)
            .into_option()
            .unwrap_or_else(|| unreachable!("2^n - c is odd"));
        Self::wrap(self.canonical().invert_odd_mod(&p).unwrap_or(Uint::ZERO))
    }
    fn canonical(&self) -> Uint<L> {
        // v < 2^n; v >= p iff v + c carries out of n bits, and then v - p = v + c - 2^n.
        let (plus_c, carry) = self.v.carrying_add(&Uint::from_word(Self::C.0), Limb::ZERO);
        self.v.ct_select(&plus_c, carry.ct_ne(&Limb::ZERO))
    }
    fn wipe(&mut self) {
        self.v.as_mut_words().zeroize();
    }
}

impl<S: SpecialModulus, const L: usize> CtField<L> for Special<S, L> {
    type E = SpecialCt<S, L>;
    fn to_ct(&self) -> SpecialCt<S, L> {
        SpecialCt::wrap(self.to_uint())
    }
}

// ---------------------------------------------------------------------------------------
// Constant-time point arithmetic (Renes–Costello–Batina complete formulas)
// ---------------------------------------------------------------------------------------

/// A point `(X : Y : Z)` in homogeneous projective coordinates, `x = X/Z`, `y = Y/Z`; the
/// point at infinity is `(0 : 1 : 0)`.
#[derive(Clone, Copy)]
pub(crate) struct Proj<E> {
    x: E,
    y: E,
    z: E,
}

/// An affine point (never the point at infinity).
#[derive(Clone, Copy)]
struct AffineCt<E> {
    x: E,
    y: E,
}

/// The curve constants the formulas need.
struct Consts<E> {
    a: E,
    b: E,
    b3: E,
    a_is_minus_3: bool,
}

impl<E: Copy> Proj<E> {
    fn select<const L: usize>(a: &Self, b: &Self, choice: Choice) -> Self
    where
        E: CtElem<L>,
    {
        Proj {
            x: E::select(&a.x, &b.x, choice),
            y: E::select(&a.y, &b.y, choice),
            z: E::select(&a.z, &b.z, choice),
        }
    }

    /// Overwrites with zeros.
    pub(crate) fn wipe<const L: usize>(&mut self)
    where
        E: CtElem<L>,
    {
        self.x.wipe();
        self.y.wipe();
        self.z.wipe();
    }
}

fn consts<C: CurveSpec<L>, const L: usize>() -> Consts<<C::F as CtField<L>>::E>
where
    C::F: CtField<L>,
{
    let b = C::b().to_ct();
    Consts {
        a: C::a().to_ct(),
        b,
        b3: b.triple(),
        a_is_minus_3: C::A_IS_MINUS_3,
    }
}

/// `2 P`: RCB algorithm 6 (`a = -3`) or 3 (any `a`). Complete.
fn double<E: CtElem<L>, const L: usize>(p: &Proj<E>, k: &Consts<E>) -> Proj<E> {
    if k.a_is_minus_3 {
        let xx = p.x.square();
        let yy = p.y.square();
        let zz = p.z.square();
        let xy2 = p.x.mul(&p.y).double();
        let xz2 = p.x.mul(&p.z).double();
        let u3 = k.b.mul(&zz).sub(&xz2).triple();
        let minus = yy.sub(&u3);
        let plus = yy.add(&u3);
        let zz3 = zz.triple();
        let v3 = k.b.mul(&xz2).sub(&zz3).sub(&xx).triple();
        let w = xx.triple().sub(&zz3);
        let yz2 = p.y.mul(&p.z).double();
        Proj {
            x: minus.mul(&xy2).sub(&v3.mul(&yz2)),
            y: plus.mul(&minus).add(&w.mul(&v3)),
            z: yz2.mul(&yy).double().double(),
        }
    } else {
        let t0 = p.x.square();
        let t1 = p.y.square();
        let t2 = p.z.square();
        let t3 = p.x.mul(&p.y).double();
        let z3 = p.x.mul(&p.z).double();
        let y3 = k.a.mul(&z3).add(&k.b3.mul(&t2));
        let x3 = t1.sub(&y3);
        let y3 = x3.mul(&t1.add(&y3));
        let x3 = t3.mul(&x3);
        let z3 = k.b3.mul(&z3);
        let t2 = k.a.mul(&t2);
        let t3 = k.a.mul(&t0.sub(&t2)).add(&z3);
        let t0 = t0.triple().add(&t2).mul(&t3);
        let y3 = y3.add(&t0);
        let t2 = p.y.mul(&p.z).double();
        let x3 = x3.sub(&t2.mul(&t3));
        let z3 = t2.mul(&t1).double().double();
        Proj {
            x: x3,
            y: y3,
            z: z3,
        }
    }
}

/// `P + Q` with `Q` affine: RCB algorithm 5 (`a = -3`) or 2 (any `a`). Complete for every
/// `P` (the point at infinity included) and every finite `Q`.
fn add_mixed<E: CtElem<L>, const L: usize>(p: &Proj<E>, q: &AffineCt<E>, k: &Consts<E>) -> Proj<E> {
    let xx = p.x.mul(&q.x);
    let yy = p.y.mul(&q.y);
    let xy = p.x.add(&p.y).mul(&q.x.add(&q.y)).sub(&xx.add(&yy));
    let yz = q.y.mul(&p.z).add(&p.y);
    let xz = q.x.mul(&p.z).add(&p.x);
    if k.a_is_minus_3 {
        let u3 = xz.sub(&k.b.mul(&p.z)).triple();
        let minus = yy.sub(&u3);
        let plus = yy.add(&u3);
        let z3 = p.z.triple();
        let v3 = k.b.mul(&xz).sub(&z3).sub(&xx).triple();
        let w = xx.triple().sub(&z3);
        Proj {
            x: plus.mul(&xy).sub(&yz.mul(&v3)),
            y: plus.mul(&minus).add(&w.mul(&v3)),
            z: minus.mul(&yz).add(&xy.mul(&w)),
        }
    } else {
        let z3 = k.a.mul(&xz).add(&k.b3.mul(&p.z));
        let x3 = yy.sub(&z3);
        let z3 = yy.add(&z3);
        let y3 = x3.mul(&z3);
        let t2 = k.a.mul(&p.z);
        let t1 = xx.triple().add(&t2);
        let t4 = k.b3.mul(&xz).add(&k.a.mul(&xx.sub(&t2)));
        Proj {
            x: xy.mul(&x3).sub(&yz.mul(&t4)),
            y: y3.add(&t1.mul(&t4)),
            z: yz.mul(&z3).add(&xy.mul(&t1)),
        }
    }
}

/// The comb index of column `i`: bits `i, i + d, ..., i + 7d` of `k`, by shifts and masks.
fn comb_index<const L: usize>(k: &Uint<L>, i: u32, spacing: u32) -> u32 {
    let words = k.as_words();
    let mut m = 0u32;
    for j in 0..COMB_TEETH {
        let bit = i + j * spacing;
        let word = words[(bit / Word::BITS) as usize];
        m |= (((word >> (bit % Word::BITS)) & 1) as u32) << j;
    }
    m
}

/// `k P` for the base point `P`, in constant time (see the documentation of `sign.rs`);
/// `k` must be below `2^n` (any `k < q` is).
pub(crate) fn mul_base<C: CurveSpec<L>, const L: usize>(
    k: &Uint<L>,
) -> Proj<<C::F as CtField<L>>::E>
where
    C::F: CtField<L>,
{
    type E<C, const L: usize> = <<C as CurveSpec<L>>::F as CtField<L>>::E;
    let comb = C::g_comb();
    let table = comb.entries();
    let spacing = comb.spacing();
    debug_assert_eq!(table.len(), (1usize << COMB_TEETH) - 1);
    debug_assert_eq!(spacing * COMB_TEETH, Uint::<L>::BITS);
    debug_assert_eq!(comb.columns(), spacing, "the signer's comb has one block");
    let k_consts = consts::<C, L>();
    let zero = C::F::ZERO.to_ct();
    let one = C::F::ONE.to_ct();
    let mut acc = Proj {
        x: zero,
        y: one,
        z: zero,
    };
    for i in (0..spacing).rev() {
        acc = double(&acc, &k_consts);
        let m = comb_index(k, i, spacing);
        // Read every entry; keep entry m - 1 (entry 0 stands in when m == 0, and the sum
        // is then dropped).
        let mut sel = AffineCt::<E<C, L>> {
            x: table[0].x.to_ct(),
            y: table[0].y.to_ct(),
        };
        for (j, entry) in table.iter().enumerate().skip(1) {
            let hit = Choice::from_u32_eq(j as u32 + 1, m);
            sel.x = CtElem::select(&sel.x, &entry.x.to_ct(), hit);
            sel.y = CtElem::select(&sel.y, &entry.y.to_ct(), hit);
        }
        let sum = add_mixed(&acc, &sel, &k_consts);
        acc = Proj::select(&acc, &sum, Choice::from_u32_nz(m));
        sel.x.wipe();
        sel.y.wipe();
    }
    acc
}

/// The affine coordinates of a finite point, canonical, in constant time.
pub(crate) fn to_affine<E: CtElem<L>, const L: usize>(p: &Proj<E>) -> (Uint<L>, Uint<L>) {
    let mut zinv = p.z.invert();
    let mut x = p.x.mul(&zinv);
    let mut y = p.y.mul(&zinv);
    let out = (x.canonical(), y.canonical());
    zinv.wipe();
    x.wipe();
    y.wipe();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gost::curves::{self, L256, L512};
    use crate::gost::ec;
    use crypto_bigint::{NonZero, U512};

    /// A deterministic "random" scalar below q (tests only).
    fn scalar<C: CurveSpec<L>, const L: usize>(seed: u64) -> Uint<L> {
        let mut words = [0 as Word; L];
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for w in words.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *w = x as Word;
        }
        let q = NonZero::new(C::q()).unwrap();
        Uint::from_words(words).rem_vartime(&q)
    }

    /// The constant-time comb agrees with the verifier's plain double-and-add.
    fn check_mul_base<C: CurveSpec<L>, const L: usize>()
    where
        C::F: CtField<L>,
    {
        let q = C::q();
        let mut ks = vec![
            Uint::ONE,
            Uint::from_u64(2),
            Uint::from_u64(3),
            Uint::from_u64(255),
            q.wrapping_sub(&Uint::ONE),
            q.wrapping_sub(&Uint::from_u64(2)),
        ];
        ks.extend((1..6).map(scalar::<C, L>));
        for k in ks {
            let ours = to_affine(&mul_base::<C, L>(&k));
            let theirs = ec::mul::<C, L>(&k, &ec::Jacobian::from_affine(&C::generator()))
                .to_affine()
                .expect("finite");
            assert_eq!(ours.0, theirs.x.to_uint(), "x of {k:?} P");
            assert_eq!(ours.1, theirs.y.to_uint(), "y of {k:?} P");
        }
    }

    #[test]
    fn constant_time_comb_matches_double_and_add_on_every_curve() {
        check_mul_base::<curves::CryptoProTest, L256>();
        check_mul_base::<curves::CryptoProA, L256>();
        check_mul_base::<curves::CryptoProB, L256>();
        check_mul_base::<curves::CryptoProC, L256>();
        check_mul_base::<curves::Tc26_256A, L256>();
        check_mul_base::<curves::Tc26_512Test, L512>();
        check_mul_base::<curves::Tc26_512A, L512>();
        check_mul_base::<curves::Tc26_512B, L512>();
        check_mul_base::<curves::Tc26_512C, L512>();
    }

    /// The complete formulas handle P + P, P + (-P) and infinity + P, which the comb's
    /// double-and-add never feeds them on random scalars.
    fn check_exceptional_cases<C: CurveSpec<L>, const L: usize>()
    where
        C::F: CtField<L>,
    {
        let k = consts::<C, L>();
        let g = C::generator();
        let g_ct = AffineCt {
            x: g.x.to_ct(),
            y: g.y.to_ct(),
        };
        let one = C::F::ONE.to_ct();
        let zero = C::F::ZERO.to_ct();
        let g_proj = Proj {
            x: g_ct.x,
            y: g_ct.y,
            z: one,
        };
        let inf = Proj {
            x: zero,
            y: one,
            z: zero,
        };
        // infinity + G = G
        let s = to_affine(&add_mixed(&inf, &g_ct, &k));
        assert_eq!(s, (g.x.to_uint(), g.y.to_uint()));
        // G + G = 2G
        let two = to_affine(&add_mixed(&g_proj, &g_ct, &k));
        assert_eq!(two, to_affine(&double(&g_proj, &k)));
        assert_eq!(two, to_affine(&mul_base::<C, L>(&Uint::from_u64(2))));
        // -G + G = infinity (Z = 0)
        let neg = Proj {
            x: g_ct.x,
            y: zero.sub(&g_ct.y),
            z: one,
        };
        let o = add_mixed(&neg, &g_ct, &k);
        assert_eq!(o.z.canonical(), Uint::ZERO);
        // 2 * infinity = infinity
        assert_eq!(double(&inf, &k).z.canonical(), Uint::ZERO);
    }

    #[test]
    fn complete_formulas_exceptional_cases() {
        check_exceptional_cases::<curves::CryptoProTest, L256>();
        check_exceptional_cases::<curves::CryptoProA, L256>();
        check_exceptional_cases::<curves::Tc26_256A, L256>();
        check_exceptional_cases::<curves::Tc26_512A, L512>();
        check_exceptional_cases::<curves::Tc26_512C, L512>();
    }

    #[test]
    fn special_square_equals_mul() {
        type E = SpecialCt<curves::tc26_512a::SpecialP, L512>;
        let p = <Special<curves::tc26_512a::SpecialP, L512> as Field>::MODULUS;
        let cases = [
            Uint::ZERO,
            Uint::ONE,
            p.wrapping_sub(&Uint::ONE),
            p.wrapping_sub(&Uint::from_u64(2)),
            scalar::<curves::Tc26_512A, L512>(7),
            scalar::<curves::Tc26_512A, L512>(8),
        ];
        for v in cases {
            let e = E::wrap(v);
            assert_eq!(e.square().canonical(), e.mul(&e).canonical());
        }
        // canonical() of the redundant form p + 1 is 1
        let redundant = E::wrap(p.wrapping_add(&Uint::ONE));
        assert_eq!(redundant.canonical(), Uint::ONE);
        // inversion
        let x = E::wrap(scalar::<curves::Tc26_512A, L512>(9));
        assert_eq!(x.mul(&x.invert()).canonical(), Uint::ONE);
    }

    #[test]
    fn comb_index_reads_the_teeth() {
        let spacing = 64;
        let mut k = U512::ZERO;
        // bits 5, 5 + 64 * 3, 5 + 64 * 7 → index 0b1000_1001
        for bit in [5u32, 5 + 64 * 3, 5 + 64 * 7] {
            k = k.bitor(&U512::ONE.shl_vartime(bit));
        }
        assert_eq!(comb_index(&k, 5, spacing), 0b1000_1001);
        assert_eq!(comb_index(&k, 4, spacing), 0);
    }
}
