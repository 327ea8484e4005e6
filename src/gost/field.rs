//! Arithmetic in the prime field of a curve: the [`Field`] trait, implemented by
//! `crypto-bigint`'s Montgomery form for any odd `p` and by [`Special`] for the moduli
//! `p = 2^(64 L) - c` (the NCA's curves). It depends on nothing else in `gost`: the point
//! arithmetic (`ec.rs`, `ct.rs`) and the curve parameters (`curves.rs`) build on it.
//!
//! The special form is worked on words here rather than through crypto-bigint's generic
//! `*_mod_special` (measured on TC26-512-A, 64-bit words: a product 80 -> 45 ns, a square
//! 80 -> 27 ns, an addition about 20 -> 2 ns): a schoolbook product (the squaring with each
//! cross product once), then `2^n == c` folds the high half in with `L` word products. The
//! products and the constant-time reductions are shared with the signer (`ct.rs`); the
//! verifier's reductions branch on the (public) carries. `tests.rs` checks all of it against
//! crypto-bigint on random inputs.

use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};
use crypto_bigint::{Odd, Uint, WideWord, Word};

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
    /// `k * self` for a small constant `k` (the 3, 4 and 8 of the point formulas).
    fn mul_small(&self, k: u8) -> Self {
        match k {
            2 => self.double(),
            3 => self.double().add(self),
            4 => self.double().double(),
            8 => self.double().double().double(),
            _ => {
                let mut acc = Self::ZERO;
                for bit in (0..8).rev() {
                    acc = acc.double();
                    if (k >> bit) & 1 == 1 {
                        acc = acc.add(self);
                    }
                }
                acc
            }
        }
    }
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

// ---------------------------------------------------------------------------------------
// Word arithmetic for `p = 2^n - c`
// ---------------------------------------------------------------------------------------

/// `a * b + acc + carry` as (low word, high word); cannot overflow the double word.
#[inline(always)]
fn mac(a: Word, b: Word, acc: Word, carry: Word) -> (Word, Word) {
    let t = WideWord::from(a) * WideWord::from(b) + WideWord::from(acc) + WideWord::from(carry);
    (t as Word, (t >> Word::BITS) as Word)
}

/// `a + b + carry` as (sum word, carry word).
#[inline(always)]
fn adc(a: Word, b: Word, carry: Word) -> (Word, Word) {
    let t = WideWord::from(a) + WideWord::from(b) + WideWord::from(carry);
    (t as Word, (t >> Word::BITS) as Word)
}

/// `a - b - borrow` as (difference word, borrow 0 or 1).
#[inline(always)]
fn sbb(a: Word, b: Word, borrow: Word) -> (Word, Word) {
    let t = WideWord::from(a).wrapping_sub(WideWord::from(b) + WideWord::from(borrow));
    (t as Word, (t >> (2 * Word::BITS - 1)) as Word)
}

/// The full product `a * b` as `(low L words, high L words)`: schoolbook, operand
/// scanning, no branch and no data-dependent index (shared with the constant-time signer).
#[inline(always)]
pub(crate) fn mul_wide<const L: usize>(a: &[Word; L], b: &[Word; L]) -> ([Word; L], [Word; L]) {
    let mut lo = [0; L];
    let mut hi = [0; L];
    for (i, &ai) in a.iter().enumerate() {
        let mut carry = 0;
        for (j, &bj) in b.iter().enumerate() {
            let k = i + j;
            let slot = if k < L { &mut lo[k] } else { &mut hi[k - L] };
            (*slot, carry) = mac(ai, bj, *slot, carry);
        }
        hi[i] = carry;
    }
    (lo, hi)
}

/// The full square `a^2` as `(low, high)`: each cross product once, doubled, plus the
/// squares of the words (`L (L + 1) / 2` word products instead of `L^2`). Branch-free.
#[inline(always)]
pub(crate) fn square_wide<const L: usize>(a: &[Word; L]) -> ([Word; L], [Word; L]) {
    let mut lo = [0; L];
    let mut hi = [0; L];
    for i in 0..L {
        let mut carry = 0;
        for j in i + 1..L {
            let k = i + j;
            let slot = if k < L { &mut lo[k] } else { &mut hi[k - L] };
            (*slot, carry) = mac(a[i], a[j], *slot, carry);
        }
        if i + 1 < L {
            hi[i] = carry;
        }
    }
    let mut top = 0;
    for k in 0..2 * L {
        let slot = if k < L { &mut lo[k] } else { &mut hi[k - L] };
        let v = *slot;
        *slot = (v << 1) | top;
        top = v >> (Word::BITS - 1);
    }
    let mut carry = 0;
    for (i, &ai) in a.iter().enumerate() {
        let (sq_lo, sq_hi) = mac(ai, ai, 0, 0);
        for (k, w) in [(2 * i, sq_lo), (2 * i + 1, sq_hi)] {
            let slot = if k < L { &mut lo[k] } else { &mut hi[k - L] };
            (*slot, carry) = adc(*slot, w, carry);
        }
    }
    (lo, hi)
}

/// `lo + hi 2^n` folded once with `2^n == c (mod p)`: returns `(r, top)` with
/// `lo + hi 2^n == r + top 2^n (mod p)`, `top <= c`. Branch-free.
#[inline(always)]
fn fold<const L: usize>(lo: &[Word; L], hi: &[Word; L], c: Word) -> ([Word; L], Word) {
    let mut r = [0; L];
    let mut carry = 0;
    for i in 0..L {
        (r[i], carry) = mac(hi[i], c, lo[i], carry);
    }
    (r, carry)
}

/// `lo + hi 2^n mod p`, fully reduced; variable time (public data only).
#[inline(always)]
fn reduce_vartime<const L: usize>(lo: &[Word; L], hi: &[Word; L], c: Word) -> [Word; L] {
    let (r, top) = fold(lo, hi, c);
    // top <= c < 2^11 (the moduli here; `SpecialModulus::C` is checked below 2^16).
    finish_vartime(r, top, c)
}

/// `r + top 2^n mod p` for `top < 2^16`, fully reduced; variable time.
#[inline(always)]
fn finish_vartime<const L: usize>(mut r: [Word; L], top: Word, c: Word) -> [Word; L] {
    // top * c < 2^32 fits a word, also on 32-bit targets.
    let mut k = top * c;
    for x in r.iter_mut() {
        if k == 0 {
            break;
        }
        (*x, k) = adc(*x, 0, k);
    }
    if k != 0 {
        // The sum wrapped past 2^n (== c mod p); what is left is below top * c, so
        // adding c cannot carry.
        r[0] += c;
    }
    canonical_vartime(r, c)
}

/// `r mod p` for `r < 2^n`: subtracts `p` when `r >= p` (only `r` in `[p, 2^n)`, which
/// have every word but the lowest all ones).
#[inline(always)]
fn canonical_vartime<const L: usize>(mut r: [Word; L], c: Word) -> [Word; L] {
    if r[L - 1] == Word::MAX && r[0] >= c.wrapping_neg() && r[1..].iter().all(|&x| x == Word::MAX) {
        // r - p = r + c - 2^n
        r[0] = r[0].wrapping_add(c);
        for x in &mut r[1..] {
            *x = 0;
        }
    }
    r
}

/// `lo + hi 2^n mod p`, fully reduced, in constant time (the signer's).
#[inline(always)]
pub(crate) fn reduce_ct<const L: usize>(lo: &[Word; L], hi: &[Word; L], c: Word) -> [Word; L] {
    let (r, top) = fold(lo, hi, c);
    // r + top c: top c < 2^22, and a carry out of the top word leaves r < top c
    let mut k = top * c;
    let mut r = r;
    for x in r.iter_mut() {
        (*x, k) = adc(*x, 0, k);
    }
    // k is 0 or 1: on 1, add c (2^n == c); no further carry (r < top * c < 2^n - c)
    let mut add = k.wrapping_neg() & c;
    for x in r.iter_mut() {
        (*x, add) = adc(*x, 0, add);
    }
    canonical_ct(r, c)
}

/// `r mod p` for `r < 2^n` in constant time: computes `r + c`; a carry out of the top
/// word means `r >= p`, and then `r + c - 2^n` is the result.
#[inline(always)]
pub(crate) fn canonical_ct<const L: usize>(r: [Word; L], c: Word) -> [Word; L] {
    let mut t = [0; L];
    let mut k = c;
    for i in 0..L {
        (t[i], k) = adc(r[i], 0, k);
    }
    let mask = k.wrapping_neg(); // all ones iff r >= p
    let mut out = [0; L];
    for i in 0..L {
        out[i] = (t[i] & mask) | (r[i] & !mask);
    }
    out
}

/// `a + b mod p` (`a, b < p`), constant time.
#[inline(always)]
pub(crate) fn add_ct<const L: usize>(a: &[Word; L], b: &[Word; L], c: Word) -> [Word; L] {
    let mut r = [0; L];
    let mut carry = 0;
    for i in 0..L {
        (r[i], carry) = adc(a[i], b[i], carry);
    }
    // On a carry out, a + b - p = r + c (no further carry: a + b - p < p).
    let mut k = carry.wrapping_neg() & c;
    for x in r.iter_mut() {
        (*x, k) = adc(*x, 0, k);
    }
    canonical_ct(r, c)
}

/// `a - b mod p` (`a, b < p`), constant time.
#[inline(always)]
pub(crate) fn sub_ct<const L: usize>(a: &[Word; L], b: &[Word; L], c: Word) -> [Word; L] {
    let mut r = [0; L];
    let mut borrow = 0;
    for i in 0..L {
        (r[i], borrow) = sbb(a[i], b[i], borrow);
    }
    // On a borrow, r = a - b + 2^n, and a - b + p = r - c (r > c then: no borrow).
    let mut k = borrow.wrapping_neg() & c;
    for x in r.iter_mut() {
        (*x, k) = sbb(*x, 0, k);
    }
    r
}

/// `a + b mod p`, variable time.
#[inline(always)]
fn add_vartime<const L: usize>(a: &[Word; L], b: &[Word; L], c: Word) -> [Word; L] {
    let mut r = [0; L];
    let mut carry = 0;
    for i in 0..L {
        (r[i], carry) = adc(a[i], b[i], carry);
    }
    if carry != 0 {
        let mut k = c;
        for x in r.iter_mut() {
            if k == 0 {
                break;
            }
            (*x, k) = adc(*x, 0, k);
        }
        r
    } else {
        canonical_vartime(r, c)
    }
}

/// `a - b mod p`, variable time.
#[inline(always)]
fn sub_vartime<const L: usize>(a: &[Word; L], b: &[Word; L], c: Word) -> [Word; L] {
    let mut r = [0; L];
    let mut borrow = 0;
    for i in 0..L {
        (r[i], borrow) = sbb(a[i], b[i], borrow);
    }
    if borrow != 0 {
        let mut k = c;
        for x in r.iter_mut() {
            if k == 0 {
                break;
            }
            (*x, k) = sbb(*x, 0, k);
        }
    }
    r
}

/// An element of `GF(2^n - c)` (`n = 64 L` on 64-bit targets), as `L` words, fully
/// reduced. Multiplication is a schoolbook product (squaring with each cross product
/// once) folded with `2^n == c`: no Montgomery form, no division. Variable-time final
/// steps (verification only; the signer's `SpecialCt` shares the branch-free parts).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Special<S: SpecialModulus, const L: usize> {
    w: [Word; L],
    modulus: core::marker::PhantomData<S>,
}

impl<S: SpecialModulus, const L: usize> Special<S, L> {
    /// `c` as a word.
    pub(crate) const C: Word = S::C as Word;
    const fn wrap(w: [Word; L]) -> Self {
        Special {
            w,
            modulus: core::marker::PhantomData,
        }
    }
}

impl<S: SpecialModulus, const L: usize> Field for Special<S, L> {
    type U = Uint<L>;
    const MODULUS: Uint<L> = Uint::<L>::MAX.wrapping_sub(&Uint::from_u32(S::C - 1));
    const ZERO: Self = Self::wrap([0; L]);
    const ONE: Self = Self::wrap(*Uint::<L>::ONE.as_words());
    fn from_uint(x: &Uint<L>) -> Self {
        Self::wrap(*x.as_words())
    }
    fn to_uint(&self) -> Uint<L> {
        Uint::from_words(self.w)
    }
    #[inline(always)]
    fn add(&self, rhs: &Self) -> Self {
        Self::wrap(add_vartime(&self.w, &rhs.w, Self::C))
    }
    #[inline(always)]
    fn sub(&self, rhs: &Self) -> Self {
        Self::wrap(sub_vartime(&self.w, &rhs.w, Self::C))
    }
    fn neg(&self) -> Self {
        Self::ZERO.sub(self)
    }
    #[inline(always)]
    fn double(&self) -> Self {
        Self::wrap(add_vartime(&self.w, &self.w, Self::C))
    }
    #[inline(always)]
    fn mul_small(&self, k: u8) -> Self {
        let mut r = [0; L];
        let mut carry = 0;
        for (out, &x) in r.iter_mut().zip(&self.w) {
            (*out, carry) = mac(x, Word::from(k), 0, carry);
        }
        Self::wrap(finish_vartime(r, carry, Self::C))
    }
    #[inline(always)]
    fn mul(&self, rhs: &Self) -> Self {
        let (lo, hi) = mul_wide(&self.w, &rhs.w);
        Self::wrap(reduce_vartime(&lo, &hi, Self::C))
    }
    #[inline(always)]
    fn square(&self) -> Self {
        let (lo, hi) = square_wide(&self.w);
        Self::wrap(reduce_vartime(&lo, &hi, Self::C))
    }
    fn invert(&self) -> Option<Self> {
        let p = Odd::new(Self::MODULUS).into_option()?;
        Option::from(self.to_uint().invert_odd_mod_vartime(&p))
            .map(|v: Uint<L>| Self::wrap(v.to_words()))
    }
    fn is_zero(&self) -> bool {
        self.w.iter().all(|&x| x == 0)
    }
    fn equals(&self, rhs: &Self) -> bool {
        self.w == rhs.w
    }
}
