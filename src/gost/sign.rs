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
//! secret-dependent branch or memory index. The field and point arithmetic that does so is
//! in `ct.rs`; this module draws the nonce and computes `r` and `s`:
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
//! * Field arithmetic is constant-time: for `p = 2^n - c` the word arithmetic of
//!   `field.rs` (schoolbook products without branches or data-dependent indices, the
//!   reductions and the final subtraction of `p` by masks; the verifier's reductions branch
//!   on carries, harmless on public data), `crypto-bigint`'s `ConstMontyForm` otherwise.
//!   The one inversion (`Z^-1` for the affine `x`) is `crypto-bigint`'s constant-time
//!   safegcd, and `x mod q` its constant-time division. `benches/gost_dudect.rs` is a
//!   dudect-style statistical timing test of `d·G` (run by `cargo bench`, not `cargo test`).
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

use crypto_bigint::modular::ConstMontyForm;
use crypto_bigint::{CtLt, NonZero, Uint, U1024, U512};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::{Zeroize, Zeroizing};

use super::ct::{mul_base, to_affine, CtElem, CtField};
use super::curves::{self, L256, L512};
use super::ec::CurveSpec;
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
    /// The nonce `k` given to the test-only `sign_with_k` is not in `1..q-1`.
    #[cfg(test)]
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
/// # #[cfg(feature = "hazmat")] mod demo {
/// use qoltanba::hazmat::gost::{self, GostAlgorithm, GostCurve, GostSigningKey};
/// # fn demo(d_le: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
/// let key = GostSigningKey::from_le_bytes(GostCurve::Tc26_512A, d_le)?;
/// let alg = GostAlgorithm::Nca2015_512;
/// let sig = key.sign(alg, b"document")?; // r || s, each little-endian (NCA)
/// let ok = gost::verify(alg, key.curve(), &key.public_key_bits(), b"document", &sig)?;
/// assert!(ok);
/// # Ok(()) } }
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

    /// [`GostSigningKey::sign_prehashed`] with the nonce drawn from `rng`. Not public: a
    /// caller's generator is a caller's nonce, and a weak one gives the key away.
    fn sign_prehashed_with_rng(
        &self,
        algorithm: GostAlgorithm,
        digest: &[u8],
        rng: &dyn SecureRandom,
    ) -> Result<Vec<u8>, GostSignError> {
        super::check_sizes(algorithm, self.curve)?;
        super::check_digest(algorithm, digest)?;
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
#[cfg(test)]
pub(crate) fn sign_with_k(
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
// The public key
// ---------------------------------------------------------------------------------------

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
#[cfg(test)]
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
