//! GOST signature verification: GOST R 34.10-2012 (= GOST R 34.10-2015, = ST RK
//! GOST 34.10-2015 as used by the NCA RK since 2024), GOST R 34.10-2001 and the NCA's
//! legacy ST RK GOST 34.310-2004, with the hashes GOST R 34.11-2012 (Streebog) and
//! GOST R 34.11-94 (= ST RK GOST 34.311-95).
//!
//! Verification: every input is public, so its arithmetic (module `ec.rs`) is
//! variable-time. Signing ([`GostSigningKey`], module `sign.rs`) has its own constant-time
//! arithmetic (module `ct.rs`) for everything that touches the private key or the nonce.
//!
//! # Byte conventions
//!
//! | | public key (SPKI BIT STRING) | signature value | digest → integer |
//! |---|---|---|---|
//! | RFC 4491 / RFC 9215 (OIDs `1.2.643.*`) | DER OCTET STRING of `x ‖ y`, each little-endian | `s ‖ r`, each big-endian | little-endian |
//! | NCA RK (OIDs `1.2.398.3.10.1.*`, 2004 and 2015) | same: DER OCTET STRING of `x ‖ y`, each little-endian | `r ‖ s`, each little-endian (the whole RFC 4491 value byte-reversed) | little-endian |
//!
//! Both were established on real material: the RFC 9215 example certificates and OpenSSL
//! GOST engine signatures for the first row, the NCA RK test CAs' certificates and CRLs for
//! the second (see `tests/gost_vectors.rs`). NCA 2015 keys are `04 81 80 ‖ x ‖ y`, NCA 2004
//! keys `04 40 ‖ x ‖ y`: the inner OCTET STRING is there in both.
//!
//! # Algorithms as the NCA uses them
//!
//! | signature OID | curve (key parameters) | hash |
//! |---|---|---|
//! | `1.2.398.3.10.1.1.2.3.2` GOST 2015 512 | TC26 512 paramSetA (`1.2.398.3.10.1.1.2.2.1`) | Streebog-512 |
//! | `1.2.398.3.10.1.1.2.3.1` GOST 2015 256 | TC26 256 paramSetA (`1.2.398.3.10.1.1.2.1.1`) | Streebog-256 |
//! | `1.2.398.3.10.1.1.1.2` GOST 34.310-2004 | CryptoPro-A (`1.2.398.3.10.1.1.1.1.1`) | GOST R 34.11-94, **test** parameters |
//!
//! The 2004 row was determined on the NCA's own certificates and CRL: of every 256-bit
//! curve, both GOST R 34.11-94 S-boxes, both signature layouts and both digest byte orders,
//! only this combination verifies (the key is on no other curve). The 2015/256 row is
//! Kalkan's mapping; no real 256-bit NCA material was at hand.
//!
//! # Speed
//!
//! Field arithmetic for `p = 2^n - c` (the NCA curves: CryptoPro-A and TC26-256-A have
//! `p = 2^256 - 617`, TC26-512-A/C `p = 2^512 - 569`) is our own on machine words (a
//! schoolbook product folded with `2^n == c`, checked against `crypto-bigint`), the other
//! curves use `crypto-bigint`'s Montgomery form. `u1 G + u2 Q` shares one doubling chain
//! (Straus–Shamir): for a one-off `Q`, `u2` in width-5 NAF over `Q, 3Q, ..., 15Q` and `u1`
//! in width-10 NAF over a table of `G`'s odd multiples (built once per curve), on the
//! twisted Edwards form for TC26-256-A and TC26-512-C (cheaper doublings there); for a key
//! used more than once, a comb of the key (8 teeth, two blocks; see [`GostPublicKey`]:
//! the library keeps one with each certificate's key, so a verifier's CA keys get theirs)
//! and of `G` (8 teeth, or 12 once the process has made 512 such verifications on the
//! curve: a 4,095-point table built once, 512 KiB for a 512-bit curve).
//! GOST R 34.11-94 is our own too (`gost94.rs`, about twice the `gost94` crate's speed,
//! checked against it); Streebog is the `streebog` crate's.
//!
//! # Example
//!
//! ```no_run
//! # #[cfg(feature = "hazmat")] mod demo {
//! use qoltanba::hazmat::gost::{self, GostAlgorithm, GostCurve};
//! # fn demo(spki_bits: &[u8], tbs: &[u8], sig: &[u8]) -> Result<(), gost::GostError> {
//! let alg = GostAlgorithm::from_signature_oid("1.2.398.3.10.1.1.2.3.2").unwrap();
//! let curve = GostCurve::from_oid("1.2.398.3.10.1.1.2.2.1").unwrap();
//! let valid = gost::verify(alg, curve, spki_bits, tbs, sig)?;
//! # let _ = valid; Ok(()) } }
//! ```

// Public for `hazmat` users only; the library itself reaches these through `keys`,
// `signature` and the verifiers.
#![cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]

mod comb;
mod ct;
mod curves;
mod ec;
mod edwards;
mod field;
mod gost94;
mod sign;
mod subgroup;

#[cfg(test)]
use sign::sign_with_k;
#[cfg(test)]
mod sign_examples;
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub))]
pub use sign::{GostSignError, GostSigningKey};

use std::any::Any;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use crypto_bigint::{Uint, U512};
use streebog::Digest as _;

use curves::{L256, L512};
use ec::CurveSpec;

use crate::oid::{
    CRYPTOPRO_A_PARAMS, CRYPTOPRO_B_PARAMS, CRYPTOPRO_C_PARAMS, CRYPTOPRO_TEST_PARAMS,
    CRYPTOPRO_XCHA_PARAMS, CRYPTOPRO_XCHB_PARAMS, GOST_R3410_2001_SIGNATURE, GOST_R3411_94,
    NCA_GOST2004_A_PARAMS, NCA_GOST2004_SIGNATURE, NCA_GOST2015_256_A_PARAMS,
    NCA_GOST2015_256_SIGNATURE, NCA_GOST2015_512_A_PARAMS, NCA_GOST2015_512_SIGNATURE,
    NCA_GOST34311, NCA_GOST34311_PARAMS, NCA_STREEBOG256, NCA_STREEBOG512, TC26_256_A_PARAMS,
    TC26_256_B_PARAMS, TC26_256_C_PARAMS, TC26_256_D_PARAMS, TC26_512_A_PARAMS, TC26_512_B_PARAMS,
    TC26_512_C_PARAMS, TC26_512_TEST_PARAMS, TC26_SIGNATURE_256, TC26_SIGNATURE_512,
    TC26_STREEBOG256, TC26_STREEBOG512,
};

/// A GOST R 34.10 elliptic curve (parameter set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GostCurve {
    /// id-GostR3410-2001-TestParamSet `1.2.643.2.2.35.0` (the 256-bit example curve of
    /// GOST R 34.10-2012 appendix A and RFC 7091).
    CryptoProTest,
    /// id-GostR3410-2001-CryptoPro-A-ParamSet `1.2.643.2.2.35.1`; also XchA
    /// `1.2.643.2.2.36.0`, TC26 256 paramSetB `1.2.643.7.1.2.1.1.2`, and the NCA's
    /// GOST 34.310-2004 parameter set `1.2.398.3.10.1.1.1.1.1`.
    CryptoProA,
    /// id-GostR3410-2001-CryptoPro-B-ParamSet `1.2.643.2.2.35.2`; also TC26 256 paramSetC
    /// `1.2.643.7.1.2.1.1.3`.
    CryptoProB,
    /// id-GostR3410-2001-CryptoPro-C-ParamSet `1.2.643.2.2.35.3`; also XchB
    /// `1.2.643.2.2.36.1`, TC26 256 paramSetD `1.2.643.7.1.2.1.1.4`.
    CryptoProC,
    /// id-tc26-gost-3410-2012-256-paramSetA `1.2.643.7.1.2.1.1.1`; also the NCA's GOST 2015
    /// 256-bit parameter set `1.2.398.3.10.1.1.2.1.1`.
    Tc26_256A,
    /// id-tc26-gost-3410-2012-512-paramSetTest `1.2.643.7.1.2.1.2.0` (the 512-bit example
    /// curve of GOST R 34.10-2012 appendix A and RFC 7091).
    Tc26_512Test,
    /// id-tc26-gost-3410-12-512-paramSetA `1.2.643.7.1.2.1.2.1`; also the NCA's GOST 2015
    /// 512-bit parameter set `1.2.398.3.10.1.1.2.2.1`.
    Tc26_512A,
    /// id-tc26-gost-3410-12-512-paramSetB `1.2.643.7.1.2.1.2.2`.
    Tc26_512B,
    /// id-tc26-gost-3410-2012-512-paramSetC `1.2.643.7.1.2.1.2.3`.
    Tc26_512C,
}

impl GostCurve {
    /// All supported curves.
    pub const ALL: [GostCurve; 9] = [
        GostCurve::CryptoProTest,
        GostCurve::CryptoProA,
        GostCurve::CryptoProB,
        GostCurve::CryptoProC,
        GostCurve::Tc26_256A,
        GostCurve::Tc26_512Test,
        GostCurve::Tc26_512A,
        GostCurve::Tc26_512B,
        GostCurve::Tc26_512C,
    ];

    /// The curve named by a parameter-set OID (dotted decimal), including the NCA RK's own
    /// OIDs for the sets it uses.
    pub fn from_oid(oid: &str) -> Option<GostCurve> {
        Some(match oid {
            CRYPTOPRO_TEST_PARAMS => GostCurve::CryptoProTest,
            CRYPTOPRO_A_PARAMS | CRYPTOPRO_XCHA_PARAMS | TC26_256_B_PARAMS => GostCurve::CryptoProA,
            CRYPTOPRO_B_PARAMS | TC26_256_C_PARAMS => GostCurve::CryptoProB,
            CRYPTOPRO_C_PARAMS | CRYPTOPRO_XCHB_PARAMS | TC26_256_D_PARAMS => GostCurve::CryptoProC,
            TC26_256_A_PARAMS => GostCurve::Tc26_256A,
            TC26_512_TEST_PARAMS => GostCurve::Tc26_512Test,
            TC26_512_A_PARAMS => GostCurve::Tc26_512A,
            TC26_512_B_PARAMS => GostCurve::Tc26_512B,
            TC26_512_C_PARAMS => GostCurve::Tc26_512C,
            // NCA RK (pki.gov.kz). 2004: verified on the NCA test CA's certificates and CRL.
            // 2015/512: verified on the NCA GOST 2022 test root, CA, CRL and user
            // certificates. 2015/256: mapped as the NCA's Kalkan library maps it (no real
            // 256-bit material to check against).
            NCA_GOST2004_A_PARAMS => GostCurve::CryptoProA,
            NCA_GOST2015_256_A_PARAMS => GostCurve::Tc26_256A,
            NCA_GOST2015_512_A_PARAMS => GostCurve::Tc26_512A,
            _ => return None,
        })
    }

    /// The curve's canonical (Russian TC26/CryptoPro) parameter-set OID.
    pub fn oid(self) -> &'static str {
        match self {
            GostCurve::CryptoProTest => CRYPTOPRO_TEST_PARAMS,
            GostCurve::CryptoProA => CRYPTOPRO_A_PARAMS,
            GostCurve::CryptoProB => CRYPTOPRO_B_PARAMS,
            GostCurve::CryptoProC => CRYPTOPRO_C_PARAMS,
            GostCurve::Tc26_256A => TC26_256_A_PARAMS,
            GostCurve::Tc26_512Test => TC26_512_TEST_PARAMS,
            GostCurve::Tc26_512A => TC26_512_A_PARAMS,
            GostCurve::Tc26_512B => TC26_512_B_PARAMS,
            GostCurve::Tc26_512C => TC26_512_C_PARAMS,
        }
    }

    /// Size of the field (and of the keys): 256 or 512 bits.
    pub fn bits(self) -> usize {
        match self {
            GostCurve::CryptoProTest
            | GostCurve::CryptoProA
            | GostCurve::CryptoProB
            | GostCurve::CryptoProC
            | GostCurve::Tc26_256A => 256,
            GostCurve::Tc26_512Test
            | GostCurve::Tc26_512A
            | GostCurve::Tc26_512B
            | GostCurve::Tc26_512C => 512,
        }
    }

    /// Length in bytes of one coordinate, of `r` and of `s` (32 or 64).
    pub fn coordinate_len(self) -> usize {
        self.bits() / 8
    }
}

/// A GOST hash function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GostHash {
    /// GOST R 34.11-2012 (Streebog), 256-bit output.
    Streebog256,
    /// GOST R 34.11-2012 (Streebog), 512-bit output.
    Streebog512,
    /// GOST R 34.11-94 with the CryptoPro parameters (id-GostR3411-94-CryptoProParamSet,
    /// `1.2.643.2.2.30.1`): RFC 4491's GOST R 34.10-2001 signatures.
    Gost94CryptoPro,
    /// GOST R 34.11-94 with the test parameters of the standard (id-GostR3411-94-TestParamSet,
    /// `1.2.643.2.2.30.0`; the S-box and vectors of RFC 5831 section 7.3). This is the
    /// NCA's ST RK GOST 34.311-95: the NCA test CA's GOST 34.310-2004 certificates and CRL
    /// verify with it and not with the CryptoPro parameters (the NCA key parameters name it
    /// `1.2.398.3.10.1.3.1.1.0`, the `.0` matching `1.2.643.2.2.30.0`).
    Gost94Test,
}

impl GostHash {
    /// The hash named by a digest-algorithm OID.
    pub fn from_oid(oid: &str) -> Option<GostHash> {
        Some(match oid {
            TC26_STREEBOG256 | NCA_STREEBOG256 => GostHash::Streebog256,
            TC26_STREEBOG512 | NCA_STREEBOG512 => GostHash::Streebog512,
            // GOST R 34.11-94 (RFC 4490: the CryptoPro parameters).
            GOST_R3411_94 => GostHash::Gost94CryptoPro,
            // NCA GOST 34.311-95, and the parameter-set OID its keys carry: the test
            // parameters (checked on the NCA's own certificates and CRL).
            NCA_GOST34311 | NCA_GOST34311_PARAMS => GostHash::Gost94Test,
            _ => return None,
        })
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            GostHash::Streebog512 => 64,
            _ => 32,
        }
    }

    /// Hashes `message`.
    pub fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            GostHash::Streebog256 => streebog::Streebog256::digest(message).to_vec(),
            GostHash::Streebog512 => streebog::Streebog512::digest(message).to_vec(),
            GostHash::Gost94CryptoPro => {
                gost94::digest::<::gost94::params::CryptoProParam>(message).to_vec()
            }
            GostHash::Gost94Test => gost94::digest::<::gost94::params::TestParam>(message).to_vec(),
        }
    }
}

/// How `r` and `s` are laid out in a signature value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureFormat {
    /// RFC 4491 / RFC 9215 / OpenSSL: `s ‖ r`, each big-endian, each `coordinate_len` bytes.
    Rfc4491,
    /// NCA RK (Kalkan): `r ‖ s`, each little-endian (the byte reversal of the RFC 4491 value).
    Nca,
}

/// A GOST signature algorithm: fixes the hash, the key size and the byte convention. The
/// curve comes from the signer's public key parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(non_camel_case_types)]
pub enum GostAlgorithm {
    /// NCA RK GOST 34.10-2015 256-bit with Streebog-256, `1.2.398.3.10.1.1.2.3.1`.
    Nca2015_256,
    /// NCA RK GOST 34.10-2015 512-bit with Streebog-512, `1.2.398.3.10.1.1.2.3.2`.
    Nca2015_512,
    /// NCA RK GOST 34.310-2004 with GOST 34.311-95, `1.2.398.3.10.1.1.1.2`: the CryptoPro-A
    /// curve, GOST R 34.11-94 with the *test* parameters, the NCA byte convention.
    Nca2004,
    /// id-tc26-signwithdigest-gost3410-12-256, `1.2.643.7.1.1.3.2` (RFC 9215).
    Tc26_256,
    /// id-tc26-signwithdigest-gost3410-12-512, `1.2.643.7.1.1.3.3` (RFC 9215).
    Tc26_512,
    /// id-GostR3411-94-with-GostR3410-2001, `1.2.643.2.2.3` (RFC 4491).
    Gost2001,
}

impl GostAlgorithm {
    /// The algorithm named by a signature-algorithm OID.
    pub fn from_signature_oid(oid: &str) -> Option<GostAlgorithm> {
        Some(match oid {
            NCA_GOST2015_256_SIGNATURE => GostAlgorithm::Nca2015_256,
            NCA_GOST2015_512_SIGNATURE => GostAlgorithm::Nca2015_512,
            NCA_GOST2004_SIGNATURE => GostAlgorithm::Nca2004,
            TC26_SIGNATURE_256 => GostAlgorithm::Tc26_256,
            TC26_SIGNATURE_512 => GostAlgorithm::Tc26_512,
            GOST_R3410_2001_SIGNATURE => GostAlgorithm::Gost2001,
            _ => return None,
        })
    }

    /// The signature-algorithm OID.
    pub fn oid(self) -> &'static str {
        match self {
            GostAlgorithm::Nca2015_256 => NCA_GOST2015_256_SIGNATURE,
            GostAlgorithm::Nca2015_512 => NCA_GOST2015_512_SIGNATURE,
            GostAlgorithm::Nca2004 => NCA_GOST2004_SIGNATURE,
            GostAlgorithm::Tc26_256 => TC26_SIGNATURE_256,
            GostAlgorithm::Tc26_512 => TC26_SIGNATURE_512,
            GostAlgorithm::Gost2001 => GOST_R3410_2001_SIGNATURE,
        }
    }

    /// The hash this algorithm signs.
    pub fn hash(self) -> GostHash {
        match self {
            GostAlgorithm::Nca2015_256 | GostAlgorithm::Tc26_256 => GostHash::Streebog256,
            GostAlgorithm::Nca2015_512 | GostAlgorithm::Tc26_512 => GostHash::Streebog512,
            GostAlgorithm::Nca2004 => GostHash::Gost94Test,
            GostAlgorithm::Gost2001 => GostHash::Gost94CryptoPro,
        }
    }

    /// The layout of its signature values.
    pub fn signature_format(self) -> SignatureFormat {
        match self {
            GostAlgorithm::Nca2015_256 | GostAlgorithm::Nca2015_512 | GostAlgorithm::Nca2004 => {
                SignatureFormat::Nca
            }
            GostAlgorithm::Tc26_256 | GostAlgorithm::Tc26_512 | GostAlgorithm::Gost2001 => {
                SignatureFormat::Rfc4491
            }
        }
    }

    /// The key (curve) size the algorithm is defined for: 256 or 512 bits.
    pub fn key_bits(self) -> usize {
        match self {
            GostAlgorithm::Nca2015_512 | GostAlgorithm::Tc26_512 => 512,
            _ => 256,
        }
    }
}

/// Why a GOST signature could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GostError {
    /// The algorithm is for one key size and the curve is of another.
    #[error("GOST algorithm {algorithm:?} needs a {expected}-bit curve, the key is on {curve:?}")]
    CurveMismatch {
        /// The signature algorithm.
        algorithm: GostAlgorithm,
        /// The curve of the key.
        curve: GostCurve,
        /// The key size the algorithm needs.
        expected: usize,
    },
    /// The public key is not `x ‖ y` of the curve's size (optionally in a DER OCTET STRING).
    #[error("malformed GOST public key: {0}")]
    MalformedPublicKey(&'static str),
    /// The public key is not a point of the curve.
    #[error("GOST public key is not a point of curve {0:?}")]
    PublicKeyNotOnCurve(GostCurve),
    /// The public key is a point of the curve outside its subgroup of prime order (on the
    /// cofactor-4 curves TC26-256-A and TC26-512-C): no private key belongs to it, and a
    /// point of small order verifies signatures anyone can make.
    #[error("GOST public key is not in the prime-order subgroup of curve {0:?}")]
    PublicKeyOfSmallOrder(GostCurve),
    /// The digest is longer than 64 bytes.
    #[error("digest of {0} bytes is too long for GOST R 34.10")]
    DigestTooLong(usize),
    /// The digest given with an algorithm is not of its hash's length (a 32-byte digest is
    /// not a Streebog-512 value, whatever its zero-padded integer).
    #[error("GOST algorithm {algorithm:?} takes a digest of {expected} bytes, not {got}")]
    DigestLength {
        /// The signature algorithm.
        algorithm: GostAlgorithm,
        /// Its hash's output length.
        expected: usize,
        /// The length given.
        got: usize,
    },
}

/// Verifies `signature` over `message` (hashed with the algorithm's hash).
///
/// `public_key_bits` is the content of the SubjectPublicKeyInfo BIT STRING (without the
/// unused-bits octet): a DER OCTET STRING holding `x ‖ y`, each little-endian (raw `x ‖ y`
/// of exactly twice the coordinate length is accepted too). `signature` is the signature
/// value in the algorithm's [`SignatureFormat`].
///
/// Returns `Ok(true)` if the signature verifies, `Ok(false)` if it does not (including a
/// signature value of the wrong length and `r` or `s` outside `1..q-1`), and an error when
/// the key cannot be used (malformed, not on the curve, curve of the wrong size).
///
/// The key is parsed and checked on the curve for this one call: a [`GostPublicKey`] kept
/// by the caller gets a precomputed comb table from its second use, which makes
/// verification 3-4 times faster (the library keeps one with each certificate's key; there
/// is no process-wide cache).
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn verify(
    algorithm: GostAlgorithm,
    curve: GostCurve,
    public_key_bits: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<bool, GostError> {
    check_sizes(algorithm, curve)?;
    // Judge the key before hashing: a bad key is an error whatever the message.
    let key = GostPublicKey::new(curve, public_key_bits)?;
    let digest = algorithm.hash().digest(message);
    key.verify_digest(&digest, algorithm.signature_format(), signature)
}

/// Like [`verify`], with the message already hashed (CMS signed attributes, XMLDSig
/// SignedInfo ...): `digest` is the hash output as the hash function produced it.
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn verify_prehashed(
    algorithm: GostAlgorithm,
    curve: GostCurve,
    public_key_bits: &[u8],
    digest: &[u8],
    signature: &[u8],
) -> Result<bool, GostError> {
    check_sizes(algorithm, curve)?;
    check_digest(algorithm, digest)?;
    let key = GostPublicKey::new(curve, public_key_bits)?;
    key.verify_digest(digest, algorithm.signature_format(), signature)
}

/// Verifies a signature given as the integers `r` and `s` (big-endian bytes of any length
/// up to the coordinate length) over a digest, with the public key as big-endian `x` and
/// `y`. This is the form of the standard's examples (GOST R 34.10-2012 appendix A,
/// RFC 7091 section 7), where the digest is already the integer `alpha` (big-endian bytes).
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn verify_integers(
    curve: GostCurve,
    qx_be: &[u8],
    qy_be: &[u8],
    alpha_be: &[u8],
    r_be: &[u8],
    s_be: &[u8],
) -> Result<bool, GostError> {
    let n = curve.coordinate_len();
    if qx_be.len() > n || qy_be.len() > n {
        return Err(GostError::MalformedPublicKey("coordinate too long"));
    }
    if alpha_be.len() > 64 {
        return Err(GostError::DigestTooLong(alpha_be.len()));
    }
    if r_be.len() > n || s_be.len() > n {
        return Ok(false);
    }
    let rev = |b: &[u8]| b.iter().rev().copied().collect::<Vec<u8>>();
    let key = GostPublicKey::from_le(curve, &rev(qx_be), &rev(qy_be))?;
    let h = le_to_u512(&rev(alpha_be));
    Ok(key.verify_integers(&h, &rev(r_be), &rev(s_be)))
}

/// A digest given with `algorithm` must be its hash's output.
fn check_digest(algorithm: GostAlgorithm, digest: &[u8]) -> Result<(), GostError> {
    let expected = algorithm.hash().output_len();
    if digest.len() == expected {
        Ok(())
    } else {
        Err(GostError::DigestLength {
            algorithm,
            expected,
            got: digest.len(),
        })
    }
}

fn check_sizes(algorithm: GostAlgorithm, curve: GostCurve) -> Result<(), GostError> {
    if algorithm.key_bits() != curve.bits() {
        return Err(GostError::CurveMismatch {
            algorithm,
            curve,
            expected: algorithm.key_bits(),
        });
    }
    Ok(())
}

/// A parsed and validated GOST public key: a point of its curve.
///
/// From its second verification on, a key computes (once) and keeps a comb table of the
/// point (32 KiB for 256-bit curves, 64 KiB for 512-bit ones), after which each
/// verification needs only `n/12` to `n/8` doublings. Cloning is cheap (shared).
#[derive(Clone)]
pub struct GostPublicKey {
    curve: GostCurve,
    data: Arc<dyn Any + Send + Sync>,
}

impl std::fmt::Debug for GostPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GostPublicKey")
            .field("curve", &self.curve)
            .finish_non_exhaustive()
    }
}

/// The curve-specific part of a [`GostPublicKey`].
struct KeyData<F> {
    point: ec::Affine<F>,
    uses: AtomicU32,
    comb: OnceLock<Option<comb::Comb<F>>>,
}

impl GostPublicKey {
    /// Parses a public key from the SubjectPublicKeyInfo BIT STRING content (see
    /// [`verify`]) and checks that it is a point of `curve`.
    pub fn new(curve: GostCurve, public_key_bits: &[u8]) -> Result<GostPublicKey, GostError> {
        let (x_le, y_le) = parse_public_key(curve, public_key_bits)?;
        GostPublicKey::from_le(curve, x_le, y_le)
    }

    /// The key's curve.
    pub fn curve(&self) -> GostCurve {
        self.curve
    }

    /// [`verify`] with this key.
    pub fn verify(
        &self,
        algorithm: GostAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<bool, GostError> {
        check_sizes(algorithm, self.curve)?;
        let digest = algorithm.hash().digest(message);
        self.verify_digest(&digest, algorithm.signature_format(), signature)
    }

    /// [`verify_prehashed`] with this key.
    pub fn verify_prehashed(
        &self,
        algorithm: GostAlgorithm,
        digest: &[u8],
        signature: &[u8],
    ) -> Result<bool, GostError> {
        check_sizes(algorithm, self.curve)?;
        check_digest(algorithm, digest)?;
        self.verify_digest(digest, algorithm.signature_format(), signature)
    }

    fn from_le(curve: GostCurve, x_le: &[u8], y_le: &[u8]) -> Result<GostPublicKey, GostError> {
        fn make<C: CurveSpec<L>, const L: usize>(
            curve: GostCurve,
            x_le: &[u8],
            y_le: &[u8],
        ) -> Result<Arc<dyn Any + Send + Sync>, GostError> {
            let qx = le_to_uint::<L>(x_le);
            let qy = le_to_uint::<L>(y_le);
            let point =
                ec::public_point::<C, L>(&qx, &qy).ok_or(GostError::PublicKeyNotOnCurve(curve))?;
            if !ec::in_prime_order_subgroup::<C, L>(&point) {
                return Err(GostError::PublicKeyOfSmallOrder(curve));
            }
            Ok(Arc::new(KeyData::<C::F> {
                point,
                uses: AtomicU32::new(0),
                comb: OnceLock::new(),
            }))
        }
        let data = match curve {
            GostCurve::CryptoProTest => make::<curves::CryptoProTest, L256>(curve, x_le, y_le),
            GostCurve::CryptoProA => make::<curves::CryptoProA, L256>(curve, x_le, y_le),
            GostCurve::CryptoProB => make::<curves::CryptoProB, L256>(curve, x_le, y_le),
            GostCurve::CryptoProC => make::<curves::CryptoProC, L256>(curve, x_le, y_le),
            GostCurve::Tc26_256A => make::<curves::Tc26_256A, L256>(curve, x_le, y_le),
            GostCurve::Tc26_512Test => make::<curves::Tc26_512Test, L512>(curve, x_le, y_le),
            GostCurve::Tc26_512A => make::<curves::Tc26_512A, L512>(curve, x_le, y_le),
            GostCurve::Tc26_512B => make::<curves::Tc26_512B, L512>(curve, x_le, y_le),
            GostCurve::Tc26_512C => make::<curves::Tc26_512C, L512>(curve, x_le, y_le),
        }?;
        Ok(GostPublicKey { curve, data })
    }

    fn verify_digest(
        &self,
        digest: &[u8],
        format: SignatureFormat,
        signature: &[u8],
    ) -> Result<bool, GostError> {
        if digest.len() > 64 {
            return Err(GostError::DigestTooLong(digest.len()));
        }
        let n = self.curve.coordinate_len();
        if signature.len() != 2 * n {
            return Ok(false);
        }
        // r and s as little-endian byte strings.
        let (r_le, s_le): (Vec<u8>, Vec<u8>) = match format {
            SignatureFormat::Rfc4491 => (
                signature[n..].iter().rev().copied().collect(),
                signature[..n].iter().rev().copied().collect(),
            ),
            SignatureFormat::Nca => (signature[..n].to_vec(), signature[n..].to_vec()),
        };
        Ok(self.verify_integers(&le_to_u512(digest), &r_le, &s_le))
    }

    /// The core check; `r_le`, `s_le` at most the coordinate length.
    fn verify_integers(&self, h: &U512, r_le: &[u8], s_le: &[u8]) -> bool {
        fn run<C: CurveSpec<L>, const L: usize>(
            data: &(dyn Any + Send + Sync),
            h: &U512,
            r_le: &[u8],
            s_le: &[u8],
        ) -> bool {
            let Some(key) = data.downcast_ref::<KeyData<C::F>>() else {
                return false; // unreachable: the data was made for this curve
            };
            let r = le_to_uint::<L>(r_le);
            let s = le_to_uint::<L>(s_le);
            let form = if key.uses.fetch_add(1, Ordering::Relaxed) == 0 {
                ec::KeyForm::Point(&key.point)
            } else {
                match key
                    .comb
                    .get_or_init(|| comb::Comb::try_new::<C, L>(&key.point))
                {
                    Some(comb) => ec::KeyForm::Comb(comb),
                    None => ec::KeyForm::Point(&key.point),
                }
            };
            ec::verify::<C, L>(form, h, &r, &s) == ec::Core::Valid
        }
        let d = &*self.data;
        match self.curve {
            GostCurve::CryptoProTest => run::<curves::CryptoProTest, L256>(d, h, r_le, s_le),
            GostCurve::CryptoProA => run::<curves::CryptoProA, L256>(d, h, r_le, s_le),
            GostCurve::CryptoProB => run::<curves::CryptoProB, L256>(d, h, r_le, s_le),
            GostCurve::CryptoProC => run::<curves::CryptoProC, L256>(d, h, r_le, s_le),
            GostCurve::Tc26_256A => run::<curves::Tc26_256A, L256>(d, h, r_le, s_le),
            GostCurve::Tc26_512Test => run::<curves::Tc26_512Test, L512>(d, h, r_le, s_le),
            GostCurve::Tc26_512A => run::<curves::Tc26_512A, L512>(d, h, r_le, s_le),
            GostCurve::Tc26_512B => run::<curves::Tc26_512B, L512>(d, h, r_le, s_le),
            GostCurve::Tc26_512C => run::<curves::Tc26_512C, L512>(d, h, r_le, s_le),
        }
    }
}

/// Splits `x ‖ y` (little-endian each) out of the SPKI BIT STRING content: a DER OCTET
/// STRING (`04 40 ...` for 256-bit, `04 81 80 ...` for 512-bit keys) or the bare `2n`
/// bytes.
pub(crate) fn parse_public_key(curve: GostCurve, bits: &[u8]) -> Result<(&[u8], &[u8]), GostError> {
    let n = curve.coordinate_len();
    let body: &[u8] = if bits.len() == 2 * n {
        bits
    } else {
        let header: &[u8] = if 2 * n < 0x80 {
            &[0x04, (2 * n) as u8]
        } else {
            &[0x04, 0x81, (2 * n) as u8]
        };
        match bits.strip_prefix(header) {
            Some(rest) if rest.len() == 2 * n => rest,
            _ if bits.first() == Some(&0x04) => {
                return Err(GostError::MalformedPublicKey(
                    "OCTET STRING is not x || y of the curve's size",
                ));
            }
            _ => {
                return Err(GostError::MalformedPublicKey(
                    "neither an OCTET STRING nor x || y of the curve's size",
                ));
            }
        }
    };
    Ok(body.split_at(n))
}

/// Little-endian bytes (at most 64) to an integer.
fn le_to_u512(le: &[u8]) -> U512 {
    let mut buf = [0u8; 64];
    buf[..le.len()].copy_from_slice(le);
    U512::from_le_slice(&buf)
}

/// Little-endian bytes (at most `Uint::<L>::BYTES`) to an integer.
fn le_to_uint<const L: usize>(le: &[u8]) -> Uint<L> {
    let mut buf = vec![0u8; Uint::<L>::BYTES];
    buf[..le.len()].copy_from_slice(le);
    Uint::<L>::from_le_slice(&buf)
}

#[cfg(test)]
mod tests;
