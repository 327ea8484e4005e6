//! GOST R 34.10-2012 signature generation (section 6.1), for every curve of [`GostCurve`]
//! (the NCA's 2015 keys on TC26 512 paramSetA above all), in both byte conventions.
//!
//! # The algorithm
//!
//! With the private key `d` (`0 < d < q`) and the digest read as a little-endian integer
//! `alpha`: `e = alpha mod q` (1 if 0); a random `k` in `1..q-1`; `C = k P`;
//! `r = x_C mod q` (a new `k` if 0); `s = (r d + k e) mod q` (a new `k` if 0). No inverse of
//! a secret appears: `s` needs only multiplications and an addition modulo `q`.
//!
//! `k` comes from `ring`'s [`SystemRandom`] (the operating system's CSPRNG): `n/8 + 64`
//! random bytes reduced modulo `q - 1`, plus one. The bias of that reduction is below
//! `2^-500`.
//!
//! # Constant time
//!
//! Everything that touches `d` or `k` runs in time independent of their values, with no
//! secret-dependent branch or memory index:
//!
//! * `k P` and `d P` (the public key) use the base point's 8-tooth comb (the table the
//!   verifier builds once per curve, 255 affine points): for each of the `n/8` columns, one
//!   doubling, then *every* table entry is read and the wanted one kept with constant-time
//!   selection (`crypto-bigint`'s `CtAssign`/`CtSelect`), then one mixed addition whose
//!   result is kept or dropped with a constant-time select (column index 0 adds nothing).
//!   The comb index is assembled with shifts and masks, not branches.
//! * The point formulas are the complete ones of Renes, Costello and Batina (EUROCRYPT
//!   2016, algorithms 2, 3, 5 and 6) in homogeneous projective coordinates: the same
//!   operations for every input, the point at infinity (the start of the chain) and equal or
//!   opposite summands included. They are complete on the curves of odd order and, on the
//!   cofactor-4 curves (TC26-256-A, TC26-512-C), for every pair of points of the prime-order
//!   subgroup, which is all a comb of the base point ever adds.
//! * Field arithmetic is `crypto-bigint`'s constant-time arithmetic: `*_mod_special` for
//!   `p = 2^n - c` (with a constant-time squaring written here: the verifier's squaring
//!   has a carry branch, harmless on public data), `ConstMontyForm` otherwise. The one
//!   inversion (`Z^-1` for the affine `x`) is `crypto-bigint`'s constant-time safegcd, and
//!   `x mod q` its constant-time division.
//! * Arithmetic modulo `q` (`r d + k e`, the reduction of the random bytes) is
//!   `ConstMontyForm` / `Uint::rem`, both constant-time.
//! * The key's range check `0 < d < q` is a constant-time comparison; only its verdict is
//!   branched on.
//!
//! Branches remain on public values only: the curve, the digest, and `r == 0` / `s == 0`
//! (published, or discarded with the `k` that produced them).
//!
//! `d` and `k`, their Montgomery forms, the products `r d` and `k e`, the random bytes, the
//! accumulated point and the selected table entry are overwritten with zeros after use
//! (`zeroize`). Temporaries of the field formulas left in registers or stack slots are not
//! (safe Rust has no portable way to scrub them).

use std::fmt;
use std::marker::PhantomData;

use crypto_bigint::modular::{ConstMontyForm, ConstMontyParams};
use crypto_bigint::{
    Choice, CtAssign, CtEq, CtLt, CtSelect, Limb, NonZero, Odd, Uint, Word, U1024, U512,
};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::{Zeroize, Zeroizing};

use super::curves::{self, CurveSpec, Field, Special, SpecialModulus, L256, L512};
use super::ec::COMB_TEETH;
use super::{le_to_u512, GostAlgorithm, GostCurve, GostError, GostPublicKey, SignatureFormat};

/// Calls `$f::<Curve, L>($args)` for the curve's concrete types.
macro_rules! dispatch {
    ($curve:expr, $f:ident($($arg:expr),*)) => {
        match $curve {
            GostCurve::CryptoProTest => $f::<curves::CryptoProTest, L256>($($arg),*),
            GostCurve::CryptoProA => $f::<curves::CryptoProA, L256>($($arg),*),
            GostCurve::CryptoProB => $f::<curves::CryptoProB, L256>($($arg),*),
            GostCurve::CryptoProC => $f::<curves::CryptoProC, L256>($($arg),*),
            GostCurve::Tc26_256A => $f::<curves::Tc26_256A, L256>($($arg),*),
            GostCurve::Tc26_512Test => $f::<curves::Tc26_512Test, L512>($($arg),*),
            GostCurve::Tc26_512A => $f::<curves::Tc26_512A, L512>($($arg),*),
            GostCurve::Tc26_512B => $f::<curves::Tc26_512B, L512>($($arg),*),
            GostCurve::Tc26_512C => $f::<curves::Tc26_512C, L512>($($arg),*),
        }
    };
}

/// Why a GOST signature could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GostSignError {
    /// The algorithm does not fit the key's curve, or the digest is too long.
    #[error(transparent)]
    Gost(#[from] GostError),
    /// The private key is not an integer in `1..q-1` of its curve.
    #[error("invalid GOST private key: {0}")]
    InvalidPrivateKey(&'static str),
    /// The nonce `k` given to [`sign_with_k`] is not in `1..q-1`.
    #[error("invalid GOST nonce: not in 1..q-1")]
    InvalidNonce,
    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    RandomUnavailable,
}

/// A GOST R 34.10 private key `d` on its curve, ready to sign.
///
/// The scalar is kept little-endian in a zeroized buffer; `Debug` does not show it.
///
/// ```no_run
/// use qoltanba::gost::{self, GostAlgorithm, GostCurve, GostSigningKey};
/// # fn demo(d_le: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
/// let key = GostSigningKey::from_le_bytes(GostCurve::Tc26_512A, d_le)?;
/// let alg = GostAlgorithm::Nca2015_512;
/// let sig = key.sign(alg, b"document")?; // r || s, each little-endian (NCA)
/// let ok = gost::verify(alg, key.curve(), &key.public_key_bits(), b"document", &sig)?;
/// assert!(ok);
/// # Ok(()) }
/// ```
pub struct GostSigningKey {
    curve: GostCurve,
    d_le: Zeroizing<[u8; 64]>,
}

impl fmt::Debug for GostSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GostSigningKey")
            .field("curve", &self.curve)
            .field("d", &"<redacted>")
            .finish()
    }
}

impl GostSigningKey {
    /// The key `d` given little-endian (the NCA's PKCS#8 form): at most the coordinate
    /// length in bytes, `0 < d < q`.
    pub fn from_le_bytes(curve: GostCurve, d_le: &[u8]) -> Result<GostSigningKey, GostSignError> {
        if d_le.len() > curve.coordinate_len() {
            return Err(GostSignError::InvalidPrivateKey(
                "longer than the curve's coordinates",
            ));
        }
        let mut buf = Zeroizing::new([0u8; 64]);
        buf[..d_le.len()].copy_from_slice(d_le);
        let in_range = dispatch!(curve, scalar_in_range(&buf[..]));
        if !in_range {
            return Err(GostSignError::InvalidPrivateKey("not in 1..q-1"));
        }
        Ok(GostSigningKey { curve, d_le: buf })
    }

    /// The key `d` given big-endian (leading zeros allowed).
    pub fn from_be_bytes(curve: GostCurve, d_be: &[u8]) -> Result<GostSigningKey, GostSignError> {
        let start = d_be.len().saturating_sub(curve.coordinate_len());
        if d_be[..start].iter().any(|&b| b != 0) {
            return Err(GostSignError::InvalidPrivateKey(
                "longer than the curve's coordinates",
            ));
        }
        let mut le = Zeroizing::new([0u8; 64]);
        let tail = &d_be[start..];
        for (dst, src) in le.iter_mut().zip(tail.iter().rev()) {
            *dst = *src;
        }
        GostSigningKey::from_le_bytes(curve, &le[..curve.coordinate_len()])
    }

    /// The key's curve.
    pub fn curve(&self) -> GostCurve {
        self.curve
    }

    /// The public key `Q = d P` as `x ‖ y`, each little-endian (the content of the NCA /
    /// RFC 4491 inner OCTET STRING). Computed in constant time on every call.
    pub fn public_key_xy(&self) -> Vec<u8> {
        dispatch!(self.curve, public_xy(&self.d_le[..]))
    }

    /// The public key as the SubjectPublicKeyInfo BIT STRING content: a DER OCTET STRING
    /// of `x ‖ y`, each little-endian (what [`super::verify`] takes).
    pub fn public_key_bits(&self) -> Vec<u8> {
        let xy = self.public_key_xy();
        let mut out = if xy.len() < 0x80 {
            vec![0x04, xy.len() as u8]
        } else {
            vec![0x04, 0x81, xy.len() as u8]
        };
        out.extend_from_slice(&xy);
        out
    }

    /// The public key, for verification.
    pub fn public_key(&self) -> GostPublicKey {
        let xy = self.public_key_xy();
        match GostPublicKey::new(self.curve, &xy) {
            Ok(key) => key,
            // d P with 0 < d < q is a point of the curve.
            Err(e) => unreachable!("d P is not on the curve: {e}"),
        }
    }

    /// Signs `message` (hashed here with the algorithm's hash). The value is in the
    /// algorithm's [`SignatureFormat`]: `r ‖ s` little-endian for the NCA OIDs, `s ‖ r`
    /// big-endian for the RFC 4491 / RFC 9215 ones; `2 n/8` bytes either way.
    pub fn sign(&self, algorithm: GostAlgorithm, message: &[u8]) -> Result<Vec<u8>, GostSignError> {
        super::check_sizes(algorithm, self.curve)?;
        let digest = algorithm.hash().digest(message);
        self.sign_prehashed(algorithm, &digest)
    }

    /// Like [`GostSigningKey::sign`], with the message already hashed: `digest` is the hash
    /// output as the hash function produced it.
    pub fn sign_prehashed(
        &self,
        algorithm: GostAlgorithm,
        digest: &[u8],
    ) -> Result<Vec<u8>, GostSignError> {
        self.sign_prehashed_with_rng(algorithm, digest, &SystemRandom::new())
    }

    /// [`GostSigningKey::sign_prehashed`] with the nonce drawn from `rng` (which must be a
    /// cryptographically secure generator).
    pub fn sign_prehashed_with_rng(
        &self,
        algorithm: GostAlgorithm,
        digest: &[u8],
        rng: &dyn SecureRandom,
    ) -> Result<Vec<u8>, GostSignError> {
        super::check_sizes(algorithm, self.curve)?;
        if digest.len() > 64 {
            return Err(GostError::DigestTooLong(digest.len()).into());
        }
        let h = le_to_u512(digest);
        let (r_le, s_le) = dispatch!(self.curve, sign_random(&self.d_le[..], &h, rng))?;
        Ok(encode(algorithm.signature_format(), &r_le, &s_le))
    }
}

/// GOST R 34.10-2012 section 6.1 with a **given** nonce `k`, on integers in the form of
/// the standard's examples (GOST R 34.10-2012 appendix A, RFC 7091 section 7): `d`, `k`
/// and `alpha` (the digest as an integer) big-endian. Returns `(r, s)` big-endian, each the
/// coordinate length.
///
/// Only for checking against published examples: a signature whose `k` is known, or
/// repeated, gives the private key away. Use [`GostSigningKey::sign`].
#[doc(hidden)]
pub fn sign_with_k(
    curve: GostCurve,
    d_be: &[u8],
    k_be: &[u8],
    alpha_be: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), GostSignError> {
    let key = GostSigningKey::from_be_bytes(curve, d_be)?;
    let n = curve.coordinate_len();
    if k_be.len() > n {
        return Err(GostSignError::InvalidNonce);
    }
    if alpha_be.len() > 64 {
        return Err(GostError::DigestTooLong(alpha_be.len()).into());
    }
    let k_le: Zeroizing<Vec<u8>> = Zeroizing::new(k_be.iter().rev().copied().collect());
    let alpha_le: Vec<u8> = alpha_be.iter().rev().copied().collect();
    let h = le_to_u512(&alpha_le);
    let (r_le, s_le) = dispatch!(curve, sign_given_k(&key.d_le[..], &k_le, &h))?;
    let be = |le: &[u8]| le.iter().rev().copied().collect::<Vec<u8>>();
    Ok((be(&r_le), be(&s_le)))
}

/// The signature value from `r` and `s` (little-endian, coordinate length each).
fn encode(format: SignatureFormat, r_le: &[u8], s_le: &[u8]) -> Vec<u8> {
    match format {
        SignatureFormat::Nca => [r_le, s_le].concat(),
        SignatureFormat::Rfc4491 => s_le
            .iter()
            .rev()
            .chain(r_le.iter().rev())
            .copied()
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------

/// An integer that is zeroized when dropped.
struct Secret<const L: usize>(Uint<L>);

impl<const L: usize> Secret<L> {
    /// From little-endian bytes (at most `Uint::<L>::BYTES` of them are read).
    fn from_le(le: &[u8]) -> Self {
        let mut buf = Zeroizing::new([0u8; 128]);
        let n = Uint::<L>::BYTES.min(le.len());
        buf[..n].copy_from_slice(&le[..n]);
        Secret(Uint::<L>::from_le_slice(&buf[..Uint::<L>::BYTES]))
    }
}

impl<const L: usize> Drop for Secret<L> {
    fn drop(&mut self) {
        self.0.as_mut_words().zeroize();
    }
}

/// `0 < d < q`, compared in constant time.
fn scalar_in_range<C: CurveSpec<L>, const L: usize>(d_le: &[u8]) -> bool
where
    C::F: CtField<L>,
{
    // d_le is 64 bytes; the bytes past the coordinate length must be zero (public: the
    // length of the key).
    if d_le[Uint::<L>::BYTES..].iter().any(|&b| b != 0) {
        return false;
    }
    let d = Secret::<L>::from_le(d_le);
    let ok = d.0.is_nonzero().and(d.0.ct_lt(&C::q()));
    ok.to_bool()
}

/// Little-endian bytes of an integer (`Uint::<L>::BYTES` of them).
fn to_le_bytes<const L: usize>(x: &Uint<L>) -> Vec<u8> {
    x.as_words().iter().flat_map(|w| w.to_le_bytes()).collect()
}

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
    fn add(&self, rhs: &Self) -> Self {
        Self::wrap(self.v.add_mod_special(&rhs.v, Self::C))
    }
    fn sub(&self, rhs: &Self) -> Self {
        Self::wrap(self.v.sub_mod_special(&rhs.v, Self::C))
    }
    fn mul(&self, rhs: &Self) -> Self {
        Self::wrap(self.v.mul_mod_special(&rhs.v, Self::C))
    }
    fn square(&self) -> Self {
        // The reduction of `mul_mod_special` (HAC 14.47) after a widening squaring, its
        // final correction by mask instead of a branch.
        let (lo, hi) = self.v.widening_square();
        let mut folded = lo;
        let mut carry = Limb::ZERO;
        for (out, h) in folded.as_mut_limbs().iter_mut().zip(hi.as_limbs()) {
            (*out, carry) = h.carrying_mul_add(Self::C, *out, carry);
        }
        // lo + hi c = carry 2^n + folded; add (carry + 1) c (< 2^64 as carry <= c) and undo
        // the extra c unless the addition wrapped (2^n == c absorbs it).
        let extra = (u128::from(carry.0) + 1) * u128::from(S::C);
        let (sum, overflow) = folded.carrying_add(&Uint::<L>::from_u128(extra), Limb::ZERO);
        let undo = overflow.0.wrapping_sub(1) & Self::C.0;
        Self::wrap(sum.wrapping_sub(&Uint::from_word(undo)))
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
struct Proj<E> {
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

    fn wipe<const L: usize>(&mut self)
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

/// `k P` for the base point `P`, in constant time (see the module documentation); `k`
/// must be below `2^n` (any `k < q` is).
fn mul_base<C: CurveSpec<L>, const L: usize>(k: &Uint<L>) -> Proj<<C::F as CtField<L>>::E>
where
    C::F: CtField<L>,
{
    type E<C, const L: usize> = <<C as CurveSpec<L>>::F as CtField<L>>::E;
    let comb = C::g_comb();
    let table = comb.entries();
    let spacing = comb.spacing();
    debug_assert_eq!(table.len(), (1usize << COMB_TEETH) - 1);
    debug_assert_eq!(spacing * COMB_TEETH, Uint::<L>::BITS);
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
fn to_affine<E: CtElem<L>, const L: usize>(p: &Proj<E>) -> (Uint<L>, Uint<L>) {
    let mut zinv = p.z.invert();
    let mut x = p.x.mul(&zinv);
    let mut y = p.y.mul(&zinv);
    let out = (x.canonical(), y.canonical());
    zinv.wipe();
    x.wipe();
    y.wipe();
    out
}

/// `x ‖ y` (little-endian each) of `d P`.
fn public_xy<C: CurveSpec<L>, const L: usize>(d_le: &[u8]) -> Vec<u8>
where
    C::F: CtField<L>,
{
    let d = Secret::<L>::from_le(d_le);
    let mut point = mul_base::<C, L>(&d.0);
    let (x, y) = to_affine(&point);
    point.wipe();
    let mut out = to_le_bytes(&x);
    out.extend(to_le_bytes(&y));
    out
}

// ---------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------

/// Draws of `k` before giving up: each fails with probability about `2/q`.
const MAX_NONCES: usize = 16;

/// `e = alpha mod q`, 1 if 0 (public).
fn reduce_digest<C: CurveSpec<L>, const L: usize>(h: &U512) -> Uint<L> {
    let q = NonZero::new(C::q())
        .into_option()
        .unwrap_or_else(|| unreachable!("q is not zero"));
    let e = h.rem_vartime(&q);
    if e.is_zero_vartime() {
        Uint::ONE
    } else {
        e
    }
}

/// A uniformly random `k` in `1..q-1`: `n/8 + 64` random bytes modulo `q - 1`, plus one.
fn random_nonce<C: CurveSpec<L>, const L: usize>(
    rng: &dyn SecureRandom,
) -> Result<Secret<L>, GostSignError> {
    let mut bytes = Zeroizing::new([0u8; U1024::BYTES]);
    let len = Uint::<L>::BYTES + 64;
    rng.fill(&mut bytes[..len])
        .map_err(|_| GostSignError::RandomUnavailable)?;
    let mut wide = Secret::<{ U1024::LIMBS }>::from_le(&bytes[..]);
    let q_minus_1 = NonZero::new(C::q().wrapping_sub(&Uint::ONE))
        .into_option()
        .unwrap_or_else(|| unreachable!("q > 1"));
    let k = Secret(wide.0.rem(&q_minus_1).wrapping_add(&Uint::ONE));
    wide.0.as_mut_words().zeroize();
    Ok(k)
}

/// The core of section 6.1 once `k` is chosen: `(r, s)`, or `None` when `r` or `s` is 0.
fn sign_core<C: CurveSpec<L>, const L: usize>(
    d: &Uint<L>,
    k: &Uint<L>,
    e: &Uint<L>,
) -> Option<(Uint<L>, Uint<L>)>
where
    C::F: CtField<L>,
{
    let q = NonZero::new(C::q()).into_option()?;
    // C = k P, r = x_C mod q.
    let mut point = mul_base::<C, L>(k);
    let (mut x, mut y) = to_affine(&point);
    point.wipe();
    y.as_mut_words().zeroize();
    let r = x.rem(&q);
    x.as_mut_words().zeroize();
    if r.is_zero_vartime() {
        return None; // public: this k is discarded
    }
    // s = (r d + k e) mod q.
    type M<C, const L: usize> = ConstMontyForm<<C as CurveSpec<L>>::Fq, L>;
    let mut d_m = M::<C, L>::new(d);
    let mut k_m = M::<C, L>::new(k);
    let mut rd = M::<C, L>::new(&r).mul(&d_m);
    let mut ke = k_m.mul(&M::<C, L>::new(e));
    let mut sum = rd.add(&ke);
    let s = sum.retrieve();
    for v in [&mut d_m, &mut k_m, &mut rd, &mut ke, &mut sum] {
        CtElem::wipe(v);
    }
    if s.is_zero_vartime() {
        return None; // public: s is published, or discarded with its k
    }
    Some((r, s))
}

type Pair = (Vec<u8>, Vec<u8>);

/// `(r, s)` little-endian with a fresh random `k`.
fn sign_random<C: CurveSpec<L>, const L: usize>(
    d_le: &[u8],
    h: &U512,
    rng: &dyn SecureRandom,
) -> Result<Pair, GostSignError>
where
    C::F: CtField<L>,
{
    let d = Secret::<L>::from_le(d_le);
    let e = reduce_digest::<C, L>(h);
    for _ in 0..MAX_NONCES {
        let k = random_nonce::<C, L>(rng)?;
        if let Some((r, s)) = sign_core::<C, L>(&d.0, &k.0, &e) {
            return Ok((to_le_bytes(&r), to_le_bytes(&s)));
        }
    }
    Err(GostSignError::RandomUnavailable)
}

/// `(r, s)` little-endian with the given `k` (little-endian).
fn sign_given_k<C: CurveSpec<L>, const L: usize>(
    d_le: &[u8],
    k_le: &[u8],
    h: &U512,
) -> Result<Pair, GostSignError>
where
    C::F: CtField<L>,
{
    let d = Secret::<L>::from_le(d_le);
    let k = Secret::<L>::from_le(k_le);
    if !(k.0.is_nonzero().and(k.0.ct_lt(&C::q()))).to_bool() {
        return Err(GostSignError::InvalidNonce);
    }
    let e = reduce_digest::<C, L>(h);
    let (r, s) = sign_core::<C, L>(&d.0, &k.0, &e).ok_or(GostSignError::InvalidNonce)?;
    Ok((to_le_bytes(&r), to_le_bytes(&s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gost::ec;

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
