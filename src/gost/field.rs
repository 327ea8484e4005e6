//! Arithmetic in the prime field of a curve: the [`Field`] trait, implemented by
//! `crypto-bigint`'s Montgomery form for any odd `p` and by [`Special`] for the moduli
//! `p = 2^(64 L) - c`. It depends on nothing else in `gost`: the point arithmetic
//! (`ec.rs`, `ct.rs`) and the curve parameters (`curves.rs`) build on it.

use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};
use crypto_bigint::{Limb, Odd, Uint};

/// Arithmetic in the prime field `GF(p)` of a curve. Elements are always fully reduced.
pub(crate) trait Field: Copy + core::fmt::Debug + Send + Sync + 'static {
    /// The integer type of the coordinates.
    type U: Copy;
    /// `p`.
    const MODULUS: Self::U;
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// The element `x`; `x` must be `< p`.
    fn from_uint(x: &Self::U) -> Self;
    /// The canonical integer in `[0, p)`.
    #[cfg_attr(not(test), allow(dead_code))]
    fn to_uint(&self) -> Self::U;
    fn add(&self, rhs: &Self) -> Self;
    fn sub(&self, rhs: &Self) -> Self;
    fn neg(&self) -> Self;
    fn double(&self) -> Self;
    fn mul(&self, rhs: &Self) -> Self;
    fn square(&self) -> Self;
    /// `1/self`, `None` for 0 (variable time).
    fn invert(&self) -> Option<Self>;
    fn is_zero(&self) -> bool;
    fn equals(&self, rhs: &Self) -> bool;
}

/// Montgomery arithmetic (`crypto-bigint`'s `ConstMontyForm`) for any odd `p`.
impl<P: ConstMontyParams<L>, const L: usize> Field for ConstMontyForm<P, L> {
    type U = Uint<L>;
    const MODULUS: Uint<L> = *P::PARAMS.modulus().as_ref();
    const ZERO: Self = ConstMontyForm::ZERO;
    const ONE: Self = ConstMontyForm::ONE;
    fn from_uint(x: &Uint<L>) -> Self {
        ConstMontyForm::new(x)
    }
    fn to_uint(&self) -> Uint<L> {
        self.retrieve()
    }
    fn add(&self, rhs: &Self) -> Self {
        ConstMontyForm::add(self, rhs)
    }
    fn sub(&self, rhs: &Self) -> Self {
        ConstMontyForm::sub(self, rhs)
    }
    fn neg(&self) -> Self {
        ConstMontyForm::neg(self)
    }
    fn double(&self) -> Self {
        ConstMontyForm::double(self)
    }
    fn mul(&self, rhs: &Self) -> Self {
        ConstMontyForm::mul(self, rhs)
    }
    fn square(&self) -> Self {
        // For 8 limbs crypto-bigint's multiplication is faster than its squaring.
        if L > 4 {
            ConstMontyForm::mul(self, self)
        } else {
            ConstMontyForm::square(self)
        }
    }
    fn invert(&self) -> Option<Self> {
        Option::from(self.invert_vartime())
    }
    fn is_zero(&self) -> bool {
        self.as_montgomery().is_zero_vartime()
    }
    fn equals(&self, rhs: &Self) -> bool {
        self.as_montgomery()
            .cmp_vartime(rhs.as_montgomery())
            .is_eq()
    }
}

/// A modulus of the special form `p = 2^(64 L) - c` with `c` one limb (the field of the
/// CryptoPro-A / TC26-256-A curves, `2^256 - 617`, and of TC26-512-A / C, `2^512 - 569`).
pub(crate) trait SpecialModulus: Copy + core::fmt::Debug + Send + Sync + 'static {
    /// `c`.
    const C: u32;
}

/// An element of `GF(2^(64 L) - c)`, reduced with `crypto-bigint`'s `*_mod_special`
/// operations (HAC algorithm 14.47); about 1.6 (512-bit) to 4 (256-bit) times faster
/// than the generic Montgomery form here.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Special<S: SpecialModulus, const L: usize> {
    value: Uint<L>,
    modulus: core::marker::PhantomData<S>,
}

impl<S: SpecialModulus, const L: usize> Special<S, L> {
    const C: Limb = Limb::from_u32(S::C);
    const fn wrap(value: Uint<L>) -> Self {
        Special {
            value,
            modulus: core::marker::PhantomData,
        }
    }
}

impl<S: SpecialModulus, const L: usize> Field for Special<S, L> {
    type U = Uint<L>;
    const MODULUS: Uint<L> = Uint::<L>::MAX.wrapping_sub(&Uint::from_u32(S::C - 1));
    const ZERO: Self = Self::wrap(Uint::ZERO);
    const ONE: Self = Self::wrap(Uint::ONE);
    fn from_uint(x: &Uint<L>) -> Self {
        Self::wrap(*x)
    }
    fn to_uint(&self) -> Uint<L> {
        self.value
    }
    fn add(&self, rhs: &Self) -> Self {
        Self::wrap(self.value.add_mod_special(&rhs.value, Self::C))
    }
    fn sub(&self, rhs: &Self) -> Self {
        Self::wrap(self.value.sub_mod_special(&rhs.value, Self::C))
    }
    fn neg(&self) -> Self {
        Self::wrap(self.value.neg_mod_special(Self::C))
    }
    fn double(&self) -> Self {
        Self::wrap(self.value.add_mod_special(&self.value, Self::C))
    }
    fn mul(&self, rhs: &Self) -> Self {
        Self::wrap(self.value.mul_mod_special(&rhs.value, Self::C))
    }
    fn square(&self) -> Self {
        // crypto-bigint's widening (Karatsuba) squaring, then the same reduction as its
        // `mul_mod_special` (HAC 14.47), which has no squaring counterpart: about 20%
        // faster than `mul_mod_special(x, x)`.
        let (lo, hi) = self.value.widening_square();
        // lo + hi * c = carry * 2^n + folded, and 2^n == c (mod p)
        let mut folded = lo;
        let mut carry = Limb::ZERO;
        for (out, h) in folded.as_mut_limbs().iter_mut().zip(hi.as_limbs()) {
            (*out, carry) = h.carrying_mul_add(Self::C, *out, carry);
        }
        // carry <= c (as lo, hi < 2^n), so (carry + 1) * c < 2^64.
        let extra = (u128::from(carry.0) + 1) * u128::from(S::C);
        let extra = Uint::<L>::from_u128(extra);
        let (sum, overflow) = folded.carrying_add(&extra, Limb::ZERO);
        // No overflow: undo the extra c (the true sum is < p). Overflow: the wrap removed
        // 2^n, and 2^n == c accounts for the extra c.
        let undo = if overflow == Limb::ZERO {
            Uint::from_u32(S::C)
        } else {
            Uint::ZERO
        };
        Self::wrap(sum.wrapping_sub(&undo))
    }
    fn invert(&self) -> Option<Self> {
        let p = Odd::new(Self::MODULUS).into_option()?;
        Option::from(self.value.invert_odd_mod_vartime(&p)).map(Self::wrap)
    }
    fn is_zero(&self) -> bool {
        self.value.is_zero_vartime()
    }
    fn equals(&self, rhs: &Self) -> bool {
        self.value.cmp_vartime(&rhs.value).is_eq()
    }
}
