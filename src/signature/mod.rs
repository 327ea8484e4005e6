//! Signature algorithms as typed values, and signature verification through `ring`.
//!
//! An algorithm identifier is resolved into a [`SignatureAlgorithm`] once, when the object
//! carrying it is read; verification then dispatches on the enum. An algorithm the library
//! cannot verify is a value too ([`SignatureAlgorithm::Unsupported`]), and verifying with it
//! yields [`SignatureCheck::Unsupported`], which callers turn into an *indeterminate*
//! verdict: a signature that cannot be checked is never reported as valid.

mod algorithm;
mod key;
mod points;

pub use algorithm::*;
pub use key::*;

use ring::signature as rs;

/// Outcome of one signature verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The signature verifies.
    Valid,
    /// The signature does not verify with this key.
    Invalid,
    /// The library cannot verify this algorithm or key; the reason says which.
    Unsupported(String),
}

/// Verify `signature` over `message` with `key` under `algorithm`.
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn verify(
    key: &PublicKey,
    algorithm: &SignatureAlgorithm,
    message: &[u8],
    signature: &[u8],
) -> SignatureCheck {
    if let SignatureAlgorithm::Gost(alg) = algorithm {
        return verify_gost(key, *alg, message, signature);
    }
    match ring_algorithm(key, algorithm) {
        Ok(alg) => {
            let k = rs::UnparsedPublicKey::new(alg, key.key_bytes());
            match k.verify(message, signature) {
                Ok(()) => SignatureCheck::Valid,
                Err(_) => SignatureCheck::Invalid,
            }
        }
        Err(Mismatch::Unsupported(r)) => SignatureCheck::Unsupported(r),
        Err(Mismatch::Wrong) => SignatureCheck::Invalid,
    }
}

/// RSA PKCS#1 v1.5 with SHA-1, for the legacy switches that accept it explicitly (XML
/// signatures of old archives): the key rules of [`verify`] (2048 to 8192 bits, an odd
/// exponent up to 65537), SHA-1 itself reported by the caller as weak. [`verify`] never
/// accepts SHA-1.
pub(crate) fn verify_rsa_sha1_legacy(
    key: &PublicKey,
    message: &[u8],
    signature: &[u8],
) -> SignatureCheck {
    // The key rules, through the SHA-256 entry (same sizes and exponents).
    if let Err(Mismatch::Unsupported(r)) =
        ring_algorithm(key, &SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256))
    {
        return SignatureCheck::Unsupported(r);
    }
    match key.algorithm() {
        KeyAlgorithm::Rsa { bits } if (2048..=8192).contains(bits) => {
            let k = rs::UnparsedPublicKey::new(
                &rs::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
                key.key_bytes(),
            );
            match k.verify(message, signature) {
                Ok(()) => SignatureCheck::Valid,
                Err(_) => SignatureCheck::Invalid,
            }
        }
        KeyAlgorithm::Rsa { bits } => {
            SignatureCheck::Unsupported(format!("RSA-SHA1 with a {bits}-bit key"))
        }
        _ => SignatureCheck::Invalid,
    }
}

fn verify_gost(
    key: &PublicKey,
    alg: crate::gost::GostAlgorithm,
    message: &[u8],
    signature: &[u8],
) -> SignatureCheck {
    use crate::gost::GostError;
    let KeyAlgorithm::Gost(curve) = key.algorithm() else {
        return match key.algorithm() {
            KeyAlgorithm::Other { oid, parameters } => SignatureCheck::Unsupported(format!(
                "GOST public key {oid} with parameters {} is not supported",
                parameters.as_deref().unwrap_or("none")
            )),
            // Not a GOST key at all: it cannot have made a GOST signature.
            _ => SignatureCheck::Invalid,
        };
    };
    let verified = key
        .gost_key(*curve)
        .and_then(|k| k.verify(alg, message, signature));
    match verified {
        Ok(true) => SignatureCheck::Valid,
        Ok(false) => SignatureCheck::Invalid,
        // A key of the wrong size or off the curve cannot have made this signature.
        Err(
            GostError::CurveMismatch { .. }
            | GostError::MalformedPublicKey(_)
            | GostError::PublicKeyNotOnCurve(_)
            | GostError::PublicKeyOfSmallOrder(_),
        ) => SignatureCheck::Invalid,
        Err(e) => SignatureCheck::Unsupported(e.to_string()),
    }
}

/// The hash a signature algorithm applies to the message, when the library can verify that
/// algorithm from a digest computed beforehand (RSA PKCS#1 v1.5, GOST). A large signed
/// object (a CRL of tens of megabytes) is then hashed once, while other work proceeds.
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn prehash_algorithm(algorithm: &SignatureAlgorithm) -> Option<HashAlgorithm> {
    match algorithm {
        SignatureAlgorithm::RsaPkcs1(
            h @ (HashAlgorithm::Sha256 | HashAlgorithm::Sha384 | HashAlgorithm::Sha512),
        ) => Some(*h),
        SignatureAlgorithm::Gost(g) => Some(HashAlgorithm::Gost(g.hash())),
        _ => None,
    }
}

/// Digest `message` with `h` (SHA-2 through ring, GOST through the gost module). `None`
/// for SHA-1 and SHA-224, which no signature is verified with.
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn digest(h: HashAlgorithm, message: &[u8]) -> Option<Vec<u8>> {
    match h {
        HashAlgorithm::Sha1 | HashAlgorithm::Sha224 => None,
        HashAlgorithm::Sha256
        | HashAlgorithm::Sha384
        | HashAlgorithm::Sha512
        | HashAlgorithm::Gost(_) => Some(h.digest(message)),
    }
}

/// Verify a signature from the digest of the message (see [`prehash_algorithm`]). `None`
/// when the algorithm cannot be verified this way (the caller then verifies the message).
/// The same algorithm policy as [`verify`] applies (key sizes, SHA-1 refused).
#[cfg_attr(not(feature = "hazmat"), allow(unreachable_pub, dead_code))]
pub fn verify_prehashed(
    key: &PublicKey,
    algorithm: &SignatureAlgorithm,
    digest: &[u8],
    signature: &[u8],
) -> Option<SignatureCheck> {
    match algorithm {
        SignatureAlgorithm::RsaPkcs1(h) => {
            // Same acceptance rules as the ring path (key size, hash).
            match ring_algorithm(key, algorithm) {
                Ok(_) => {}
                Err(Mismatch::Unsupported(r)) => return Some(SignatureCheck::Unsupported(r)),
                Err(Mismatch::Wrong) => return Some(SignatureCheck::Invalid),
            }
            use rsa::pkcs1::DecodeRsaPublicKey as _;
            let Ok(public) = rsa::PublicKey::from_pkcs1_der(key.key_bytes()) else {
                return Some(SignatureCheck::Invalid);
            };
            let scheme = match h {
                HashAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                HashAlgorithm::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                HashAlgorithm::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
                _ => return None,
            };
            Some(match public.verify(scheme, digest, signature) {
                Ok(()) => SignatureCheck::Valid,
                Err(_) => SignatureCheck::Invalid,
            })
        }
        SignatureAlgorithm::Gost(alg) => {
            let KeyAlgorithm::Gost(curve) = key.algorithm() else {
                return None;
            };
            Some(
                match key
                    .gost_key(*curve)
                    .and_then(|k| k.verify_prehashed(*alg, digest, signature))
                {
                    Ok(true) => SignatureCheck::Valid,
                    Ok(false) => SignatureCheck::Invalid,
                    Err(
                        crate::gost::GostError::DigestTooLong(n)
                        | crate::gost::GostError::DigestLength { got: n, .. },
                    ) => SignatureCheck::Unsupported(format!("digest of {n} bytes")),
                    Err(_) => SignatureCheck::Invalid,
                },
            )
        }
        _ => None,
    }
}

enum Mismatch {
    /// Cannot be verified by this library.
    Unsupported(String),
    /// The key type cannot have produced this signature algorithm at all.
    Wrong,
}

fn ring_algorithm(
    key: &PublicKey,
    alg: &SignatureAlgorithm,
) -> Result<&'static dyn rs::VerificationAlgorithm, Mismatch> {
    use HashAlgorithm::*;
    let unsupported = |s: String| Err(Mismatch::Unsupported(s));
    match (alg, key.algorithm()) {
        (SignatureAlgorithm::Unsupported { oid, reason }, _) => {
            unsupported(format!("{reason} ({oid})"))
        }
        (_, KeyAlgorithm::Other { oid, .. }) => {
            unsupported(format!("public key algorithm {oid} is not supported"))
        }
        (SignatureAlgorithm::RsaPkcs1(Sha1) | SignatureAlgorithm::Ecdsa(Sha1), _) => {
            unsupported("SHA-1 signatures are not accepted".into())
        }
        (
            SignatureAlgorithm::RsaPkcs1(Sha224)
            | SignatureAlgorithm::Ecdsa(Sha224)
            | SignatureAlgorithm::RsaPss(Sha224),
            _,
        ) => unsupported("SHA-224 signatures are not supported".into()),
        (SignatureAlgorithm::RsaPkcs1(_) | SignatureAlgorithm::RsaPss(_), KeyAlgorithm::Rsa { .. })
            if !key
                .rsa_exponent
                .is_some_and(|e| e % 2 == 1 && (3..=MAX_RSA_EXPONENT).contains(&e)) =>
        {
            unsupported(format!(
                "RSA public exponent {} (only odd exponents from 3 to {MAX_RSA_EXPONENT} are verified)",
                key.rsa_exponent
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "of more than 64 bits".into())
            ))
        }
        (SignatureAlgorithm::RsaPkcs1(h), KeyAlgorithm::Rsa { bits }) => {
            if *bits > 8192 {
                return unsupported(format!("RSA key of {bits} bits (more than 8192)"));
            }
            if *bits < 1024 {
                return unsupported(format!("RSA key of {bits} bits is too short"));
            }
            let legacy = *bits < 2048;
            Ok(match (h, legacy) {
                (Sha256, false) => &rs::RSA_PKCS1_2048_8192_SHA256,
                (Sha384, false) => &rs::RSA_PKCS1_2048_8192_SHA384,
                (Sha512, false) => &rs::RSA_PKCS1_2048_8192_SHA512,
                (Sha256, true) => &rs::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
                (Sha512, true) => &rs::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
                (h, _) => {
                    return unsupported(format!("RSA PKCS#1 with {h:?} and a {bits}-bit key"))
                }
            })
        }
        (SignatureAlgorithm::RsaPss(h), KeyAlgorithm::Rsa { bits }) => {
            if !(2048..=8192).contains(bits) {
                return unsupported(format!("RSA-PSS with a {bits}-bit key"));
            }
            Ok(match h {
                Sha256 => &rs::RSA_PSS_2048_8192_SHA256,
                Sha384 => &rs::RSA_PSS_2048_8192_SHA384,
                Sha512 => &rs::RSA_PSS_2048_8192_SHA512,
                h => return unsupported(format!("RSA-PSS with {h:?}")),
            })
        }
        (SignatureAlgorithm::Ecdsa(h), KeyAlgorithm::Ec(curve)) => Ok(match (curve, h) {
            (Curve::P256, Sha256) => &rs::ECDSA_P256_SHA256_ASN1,
            (Curve::P256, Sha384) => &rs::ECDSA_P256_SHA384_ASN1,
            (Curve::P384, Sha256) => &rs::ECDSA_P384_SHA256_ASN1,
            (Curve::P384, Sha384) => &rs::ECDSA_P384_SHA384_ASN1,
            (c, h) => return unsupported(format!("ECDSA on {c:?} with {h:?}")),
        }),
        // No private key belongs to a point of small order, and the identity verifies
        // every message (ring does not refuse them): no signature by it is valid.
        (SignatureAlgorithm::Ed25519, KeyAlgorithm::Ed25519)
            if ed25519_small_order(key.key_bytes()) =>
        {
            Err(Mismatch::Wrong)
        }
        (SignatureAlgorithm::Ed25519, KeyAlgorithm::Ed25519) => Ok(&rs::ED25519),
        _ => Err(Mismatch::Wrong),
    }
}

/// Is `key` an Ed25519 encoding of a point of order 1, 2, 4 or 8 (canonical or with `y`
/// given as `y + p`; the sign bit either way)? The list of libsodium's `has_small_order`:
/// `y` = 0, 1, `p - 1`, the two of order 8, `p` and `p + 1`.
pub(super) fn ed25519_small_order(key: &[u8]) -> bool {
    const SMALL: [[u8; 32]; 7] = [
        low(0),
        low(1),
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef,
            0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88,
            0x6d, 0x53, 0xfc, 0x05,
        ],
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10,
            0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77,
            0x92, 0xac, 0x03, 0x7a,
        ],
        edge(0xec),
        edge(0xed),
        edge(0xee),
    ];
    /// `y` < 256: its octet, then zeros.
    const fn low(y: u8) -> [u8; 32] {
        let mut b = [0; 32];
        b[0] = y;
        b
    }
    /// `p - 1`, `p`, `p + 1`: the first octet, then 0xff ... 0x7f.
    const fn edge(first: u8) -> [u8; 32] {
        let mut b = [0xff; 32];
        b[0] = first;
        b[31] = 0x7f;
        b
    }
    let Ok(key) = <&[u8; 32]>::try_from(key) else {
        return false;
    };
    SMALL
        .iter()
        .any(|s| s[..31] == key[..31] && s[31] == key[31] & 0x7f)
}

#[cfg(test)]
mod tests {
    use super::key::rsa_modulus_bits;
    use super::*;
    use crate::gost::GostHash;

    #[test]
    fn the_hash_table_agrees_with_itself() {
        let all = [
            HashAlgorithm::Sha1,
            HashAlgorithm::Sha224,
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha384,
            HashAlgorithm::Sha512,
            HashAlgorithm::Gost(GostHash::Streebog256),
            HashAlgorithm::Gost(GostHash::Streebog512),
            HashAlgorithm::Gost(GostHash::Gost94Test),
            HashAlgorithm::Gost(GostHash::Gost94CryptoPro),
        ];
        for h in all {
            assert_eq!(HashAlgorithm::from_oid(h.oid()), Some(h), "{}", h.name());
            assert_eq!(h.digest(b"abc").len(), h.output_len(), "{}", h.name());
            let hazmat = digest(h, b"abc");
            assert!(hazmat.is_none() || hazmat == Some(h.digest(b"abc")));
        }
        // FIPS 180-2 appendix B.1.
        assert_eq!(
            crate::name::hex_upper(&HashAlgorithm::Sha224.digest(b"abc")),
            "23097D223405D8228642A477BDA255B32AADBCE4BDA0B3F7E36C9DA7"
        );
    }

    #[test]
    fn rsa_bits_are_counted_exactly() {
        // RSAPublicKey { modulus 0x00C1 (8 bits), exponent 3 }
        let key = [0x30, 0x07, 0x02, 0x02, 0x00, 0xC1, 0x02, 0x01, 0x03];
        assert_eq!(rsa_modulus_bits(&key), Some(8));
        assert_eq!(rsa_modulus_bits(&[0x30, 0x00]), None);
    }

    #[test]
    fn unsupported_never_verifies() {
        let key = PublicKey {
            algorithm: KeyAlgorithm::Other {
                oid: "1.2.398.3.10.1.1.2.2".into(),
                parameters: None,
            },
            spki: vec![],
            key: vec![],
            rsa_exponent: None,
            gost: Default::default(),
        };
        let alg = SignatureAlgorithm::Unsupported {
            oid: "1.2.398.3.10.1.1.2.3.2".into(),
            reason: "GOST".into(),
        };
        assert!(matches!(
            verify(&key, &alg, b"m", b"s"),
            SignatureCheck::Unsupported(_)
        ));
    }

    /// An RSA SubjectPublicKeyInfo with a 2048-bit modulus and exponent `e` (big-endian).
    fn rsa_spki(e: &[u8]) -> Vec<u8> {
        fn tlv(tag: u8, c: &[u8]) -> Vec<u8> {
            let mut v = vec![tag];
            if c.len() < 0x80 {
                v.push(c.len() as u8);
            } else {
                v.extend_from_slice(&[0x82, (c.len() >> 8) as u8, c.len() as u8]);
            }
            v.extend_from_slice(c);
            v
        }
        let mut n = vec![0x00, 0xC1];
        n.extend(std::iter::repeat_n(0x5A, 254));
        n.push(0x5B);
        let key = tlv(0x30, &[tlv(0x02, &n), tlv(0x02, e)].concat());
        let mut bits = vec![0u8];
        bits.extend_from_slice(&key);
        let alg = [
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
            0x00,
        ];
        tlv(0x30, &[&alg[..], &tlv(0x03, &bits)].concat())
    }

    #[test]
    fn rsa_exponents_are_bounded() {
        let alg = SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256);
        let sig = [0x11u8; 256];
        let check = |e: &[u8]| {
            let key = PublicKey::from_spki_der(&rsa_spki(e)).unwrap();
            assert_eq!(key.algorithm(), &KeyAlgorithm::Rsa { bits: 2048 });
            (
                verify(&key, &alg, b"m", &sig),
                verify_prehashed(&key, &alg, &[0u8; 32], &sig),
            )
        };
        // 2^33 - 1 (ring's own bound), 2^17 + 3, an even exponent, 1: never verified.
        for e in [
            &[0x01, 0xFF, 0xFF, 0xFF, 0xFF][..],
            &[0x02, 0x00, 0x03],
            &[0x01, 0x00, 0x00],
            &[0x01],
        ] {
            let (direct, prehashed) = check(e);
            assert!(
                matches!(direct, SignatureCheck::Unsupported(ref r) if r.contains("exponent")),
                "{e:02x?}: {direct:?}"
            );
            assert!(
                matches!(prehashed, Some(SignatureCheck::Unsupported(_))),
                "{e:02x?}"
            );
        }
        // 65537 and 3: verified (this signature is simply wrong).
        for e in [&[0x01, 0x00, 0x01][..], &[0x03]] {
            assert_eq!(check(e).0, SignatureCheck::Invalid, "{e:02x?}");
        }
    }

    #[test]
    fn key_policy_judges_rsa_sizes() {
        let key = PublicKey::from_spki_der(&rsa_spki(&[0x01, 0x00, 0x01])).unwrap();
        assert_eq!(KeyPolicy::Modern.judge(&key), KeyStrength::Adequate);
        let mut weak = key.clone();
        weak.algorithm = KeyAlgorithm::Rsa { bits: 1024 };
        assert!(matches!(
            KeyPolicy::Modern.judge(&weak),
            KeyStrength::TooWeak(_)
        ));
        assert!(matches!(
            KeyPolicy::LegacyRsa1024.judge(&weak),
            KeyStrength::Weak(_)
        ));
        weak.algorithm = KeyAlgorithm::Rsa { bits: 1023 };
        assert!(matches!(
            KeyPolicy::LegacyRsa1024.judge(&weak),
            KeyStrength::TooWeak(_)
        ));
    }

    #[test]
    fn key_type_mismatch_is_invalid() {
        let key = PublicKey {
            algorithm: KeyAlgorithm::Ec(Curve::P256),
            spki: vec![],
            key: vec![4; 65],
            rsa_exponent: None,
            gost: Default::default(),
        };
        assert_eq!(
            verify(
                &key,
                &SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
                b"m",
                b"s"
            ),
            SignatureCheck::Invalid
        );
    }
}
