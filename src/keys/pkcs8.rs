//! PKCS#8 private keys (RFC 5208 / RFC 5958): plain and encrypted, DER or PEM, and the
//! older single-algorithm forms OpenSSL writes (PKCS#1 `RSA PRIVATE KEY`, SEC1
//! `EC PRIVATE KEY`).
//!
//! Keys are read with a tolerant BER reader and handed to `ring` in the form it accepts
//! (RSAPrivateKey DER; EC private scalar and public point), so a PKCS#8 v2 (with a public
//! key), a key with attributes, or an EC key whose parameters sit inside the ECPrivateKey
//! all load. GOST keys are parsed into a [`GostPrivateKey`].

use zeroize::Zeroizing;

use super::armor;
use super::pbe::{self, Password};
use super::{GostPrivateKey, SigningKey};
use crate::ber::{self, tag, AlgId, Tlv};
use crate::error::{Error, Result};
use crate::oid::{
    EC_PUBLIC_KEY, ED25519, GOST_R3410_2001_KEY, NCA_GOST2004_KEY, NCA_GOST2015_256_KEY,
    NCA_GOST2015_512_KEY, P256, P384, P521, RSASSA_PSS, RSA_ENCRYPTION, TC26_GOST3410_256_KEY,
    TC26_GOST3410_512_KEY,
};
use crate::signature::Curve;

/// Largest private-key input (PEM or DER) accepted.
pub const MAX_KEY_INPUT_LEN: usize = 1024 * 1024;

/// A PrivateKeyInfo / OneAsymmetricKey read into owned parts.
pub(crate) struct KeyInfo {
    pub algorithm: String,
    /// The parameters element (DER/BER as found), if any.
    pub params: Option<Vec<u8>>,
    pub private_key: Zeroizing<Vec<u8>>,
    /// The v2 publicKey BIT STRING octets, if any.
    pub public_key: Option<Vec<u8>>,
}

/// The forms an input can hold.
pub(crate) enum Container {
    /// PrivateKeyInfo DER.
    Plain(Zeroizing<Vec<u8>>),
    /// EncryptedPrivateKeyInfo DER.
    Encrypted(Zeroizing<Vec<u8>>),
    /// PKCS#1 RSAPrivateKey DER.
    Pkcs1(Zeroizing<Vec<u8>>),
    /// SEC1 ECPrivateKey DER.
    Sec1(Zeroizing<Vec<u8>>),
}

/// Decode PEM or take DER as it is, and tell the form.
pub(crate) fn decode_input(input: &[u8]) -> Result<Container> {
    const WHAT: &str = "private key";
    if input.len() > MAX_KEY_INPUT_LEN {
        return Err(Error::TooLarge {
            what: "private key input",
            len: input.len(),
            limit: MAX_KEY_INPUT_LEN,
        });
    }
    let trimmed = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if trimmed.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if trimmed.first() == Some(&0x30) {
        let der = Zeroizing::new(trimmed.to_vec());
        let top = Tlv::read(&der, WHAT)?.0;
        let mut seq = top.sequence(WHAT)?;
        let first = seq.next("version or algorithm")?;
        if first.is_universal(tag::SEQUENCE) {
            return Ok(Container::Encrypted(der));
        }
        // PrivateKeyInfo { INTEGER, SEQUENCE, ... }; PKCS#1 RSAPrivateKey { INTEGER,
        // INTEGER, ... }; SEC1 ECPrivateKey { INTEGER 1, OCTET STRING, ... }.
        let second = seq.next("private key")?;
        return Ok(if second.is_universal(tag::INTEGER) {
            Container::Pkcs1(der)
        } else if second.is_universal(tag::OCTET_STRING) {
            Container::Sec1(der)
        } else {
            Container::Plain(der)
        });
    }
    let text = std::str::from_utf8(trimmed).map_err(|_| Error::UnrecognisedFormat {
        what: WHAT,
        reason: "neither DER (no SEQUENCE tag) nor PEM text".into(),
    })?;
    if !text.contains("-----BEGIN ") {
        return Err(Error::UnrecognisedFormat {
            what: WHAT,
            reason: "neither DER nor PEM".into(),
        });
    }
    // Located, not decoded: only the key's block is, into zeroizing buffers (the `pem`
    // crate would leave copies of its base64 text in freed memory).
    let mut labels = Vec::new();
    for block in armor::blocks(text)? {
        let encrypted_header = block
            .header("Proc-Type")
            .is_some_and(|v| v.contains("ENCRYPTED"));
        let label = block.label;
        match label {
            "PRIVATE KEY" => return Ok(Container::Plain(block.decode()?)),
            "ENCRYPTED PRIVATE KEY" => return Ok(Container::Encrypted(block.decode()?)),
            "RSA PRIVATE KEY" | "EC PRIVATE KEY" if encrypted_header => {
                return Err(Error::Unsupported(format!(
                    "{label} with legacy PEM encryption (Proc-Type: 4,ENCRYPTED); \
                     convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`"
                )))
            }
            "RSA PRIVATE KEY" => return Ok(Container::Pkcs1(block.decode()?)),
            "EC PRIVATE KEY" => return Ok(Container::Sec1(block.decode()?)),
            // Certificates and parameters beside the key are skipped, undecoded.
            _ => labels.push(label),
        }
    }
    Err(Error::BadPem(if labels.is_empty() {
        "no private key PEM block".into()
    } else {
        format!(
            "no private key PEM block (found only {})",
            labels.join(", ")
        )
    }))
}

/// Decrypt an EncryptedPrivateKeyInfo into PrivateKeyInfo DER.
pub(crate) fn decrypt_epki(
    der: &[u8],
    password: &Password,
    what: &'static str,
) -> Result<Zeroizing<Vec<u8>>> {
    let top = Tlv::read_exact(der, what)?;
    let mut seq = top.sequence(what)?;
    let alg = AlgId::read(&seq.next("encryptionAlgorithm")?, what)?;
    let data = seq.next("encryptedData")?.secret_octets(what)?;
    seq.finish()?;
    pbe::decrypt(&alg, password, &data, what)
}

/// Read a PrivateKeyInfo / OneAsymmetricKey.
pub(crate) fn parse_key_info(der: &[u8]) -> Result<KeyInfo> {
    const WHAT: &str = "PKCS#8 private key";
    let top = Tlv::read_exact(der, WHAT)?;
    let mut seq = top.sequence(WHAT)?;
    let version = seq.next("version")?.uint_u64(WHAT)?;
    if version > 1 {
        return Err(Error::Unsupported(format!("PKCS#8 version {version}")));
    }
    let alg = AlgId::read(&seq.next("privateKeyAlgorithm")?, WHAT)?;
    let private_key = Zeroizing::new(seq.next("privateKey")?.secret_octets(WHAT)?.to_vec());
    let _attributes = seq.next_if_context(0)?;
    let public_key = match seq.next_if_context(1)? {
        // [1] IMPLICIT BIT STRING: first octet is the unused-bit count.
        Some(t) if !t.constructed => match t.content.split_first() {
            Some((0, bits)) => Some(bits.to_vec()),
            _ => return Err(ber::malformed(WHAT, "publicKey with unused bits")),
        },
        Some(_) => return Err(ber::malformed(WHAT, "constructed publicKey")),
        None => None,
    };
    seq.finish()?;
    Ok(KeyInfo {
        algorithm: alg.oid,
        params: alg.params.map(|p| p.raw.to_vec()),
        private_key,
        public_key,
    })
}

/// Build a signing key from a PrivateKeyInfo.
pub(crate) fn signing_key_from_info(info: KeyInfo) -> Result<SigningKey> {
    match info.algorithm.as_str() {
        RSA_ENCRYPTION => SigningKey::rsa_from_pkcs1(&info.private_key),
        RSASSA_PSS => Err(Error::Unsupported(
            "RSASSA-PSS-restricted RSA keys (id-RSASSA-PSS)".into(),
        )),
        EC_PUBLIC_KEY => {
            let curve_oid = match &info.params {
                Some(p) => Some(Tlv::read_exact(p, "EC key parameters")?.oid("EC key parameters")?),
                None => None,
            };
            ec_from_sec1(&info.private_key, curve_oid, info.public_key)
        }
        ED25519 => Err(Error::Unsupported("Ed25519 signing keys".into())),
        oid if is_gost_key_oid(oid) => Ok(SigningKey::from_gost(parse_gost(&info)?)),
        oid => Err(Error::Unsupported(format!("private key algorithm {oid}"))),
    }
}

/// Read a SEC1 ECPrivateKey { version 1, privateKey, [0] parameters, [1] publicKey }.
pub(crate) fn ec_from_sec1(
    der: &[u8],
    outer_curve: Option<String>,
    outer_public: Option<Vec<u8>>,
) -> Result<SigningKey> {
    const WHAT: &str = "EC private key";
    let top = Tlv::read_exact(der, WHAT)?;
    let mut seq = top.sequence(WHAT)?;
    if seq.next("version")?.uint_u64(WHAT)? != 1 {
        return Err(ber::malformed(WHAT, "ECPrivateKey version is not 1"));
    }
    let scalar = Zeroizing::new(seq.next("privateKey")?.secret_octets(WHAT)?.to_vec());
    let inner_curve = match seq.next_if_context(0)? {
        Some(t) => Some(t.explicit_inner(WHAT)?.oid(WHAT)?),
        None => None,
    };
    let inner_public = match seq.next_if_context(1)? {
        Some(t) => Some(t.explicit_inner(WHAT)?.bit_string_octets(WHAT)?.to_vec()),
        None => None,
    };
    seq.finish()?;
    let curve_oid = match (outer_curve, inner_curve) {
        (Some(a), Some(b)) if a != b => {
            return Err(ber::malformed(
                WHAT,
                "curve in the algorithm and in the key differ",
            ))
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => return Err(ber::malformed(WHAT, "no curve named")),
    };
    let curve = match curve_oid.as_str() {
        P256 => Curve::P256,
        P384 => Curve::P384,
        P521 => return Err(Error::Unsupported("ECDSA signing on P-521".into())),
        o => return Err(Error::Unsupported(format!("EC curve {o}"))),
    };
    let public = inner_public.or(outer_public).ok_or_else(|| {
        Error::Unsupported(
            "EC private key without its public key (re-export it with OpenSSL, which \
             includes it)"
                .into(),
        )
    })?;
    SigningKey::ecdsa_from_parts(curve, &scalar, &public)
}

/// Key algorithm OIDs of the GOST families: Kazakhstan's (1.2.398.3.10.1.1.*), GOST R
/// 34.10-2001 and TC26 GOST R 34.10-2012.
pub(crate) fn is_gost_key_oid(oid: &str) -> bool {
    matches!(
        oid,
        NCA_GOST2004_KEY
            | NCA_GOST2015_256_KEY
            | NCA_GOST2015_512_KEY
            | GOST_R3410_2001_KEY
            | TC26_GOST3410_256_KEY
            | TC26_GOST3410_512_KEY
    )
}

/// Read a GOST private key. Its parameters are `SEQUENCE { publicKeyParamSet OID,
/// digestParamSet OID OPTIONAL, ... }` (RFC 4491 / RFC 9215; some writers put a bare OID),
/// and its privateKey OCTET STRING holds the scalar in one of the forms in use:
///
/// * an OCTET STRING wrapping the little-endian scalar: the NCA RK's own files (see the
///   module documentation of [`crate::keys`], checked by d·G against the certificates);
/// * an INTEGER (big-endian), as some other writers use;
/// * the bare little-endian octets (32 or 64 of them).
pub(crate) fn parse_gost(info: &KeyInfo) -> Result<GostPrivateKey> {
    const WHAT: &str = "GOST private key";
    let (params_oid, digest_oid) = match &info.params {
        None => return Err(ber::malformed(WHAT, "no parameter set")),
        Some(p) => {
            let t = Tlv::read_exact(p, WHAT)?;
            if t.is_universal(tag::OID) {
                (t.oid(WHAT)?, None)
            } else {
                let mut seq = t.sequence(WHAT)?;
                let params = seq.next("publicKeyParamSet")?.oid(WHAT)?;
                let digest = match seq.next_if(tag::OID)? {
                    Some(d) => Some(d.oid(WHAT)?),
                    None => None,
                };
                (params, digest)
            }
        }
    };
    let raw = &info.private_key[..];
    let scalar_be: Zeroizing<Vec<u8>> = match Tlv::read_exact(raw, WHAT) {
        Ok(t) if t.is_universal(tag::OCTET_STRING) => reverse(&t.secret_octets(WHAT)?),
        Ok(t) if t.is_universal(tag::INTEGER) => Zeroizing::new(t.uint_bytes(WHAT)?.to_vec()),
        _ if matches!(raw.len(), 32 | 64) => reverse(raw),
        _ => {
            return Err(ber::malformed(
                WHAT,
                format!("unrecognised private key encoding ({} octets)", raw.len()),
            ))
        }
    };
    // Minimal big-endian: strip leading zeros.
    let start = scalar_be
        .iter()
        .position(|&b| b != 0)
        .ok_or_else(|| ber::malformed(WHAT, "zero private key"))?;
    let scalar = Zeroizing::new(scalar_be[start..].to_vec());
    let max = if info.algorithm.ends_with(".2.2") || info.algorithm == TC26_GOST3410_512_KEY {
        64
    } else {
        32
    };
    if scalar.len() > max {
        return Err(ber::malformed(
            WHAT,
            format!(
                "private scalar of {} octets for a {max}-octet curve",
                scalar.len()
            ),
        ));
    }
    Ok(GostPrivateKey {
        algorithm_oid: info.algorithm.clone(),
        params_oid,
        digest_oid,
        scalar,
        public_key: info.public_key.clone(),
    })
}

fn reverse(bytes: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(bytes.iter().rev().copied().collect())
}

/// Open an input (DER or PEM; encrypted or not) into a signing key.
pub(crate) fn signing_key_from_input(input: &[u8], password: Option<&[u8]>) -> Result<SigningKey> {
    match decode_input(input)? {
        Container::Plain(der) => signing_key_from_info(parse_key_info(&der)?),
        Container::Encrypted(der) => {
            let password = password.ok_or(Error::WrongPassword(
                "encrypted PKCS#8 private key (no password given)",
            ))?;
            let password = Password::new(password);
            let plain = decrypt_epki(&der, &password, "encrypted PKCS#8 private key")?;
            // A wrong password that happens to leave valid padding yields garbage: report it
            // as a wrong password too.
            let info = parse_key_info(&plain)
                .map_err(|_| Error::WrongPassword("encrypted PKCS#8 private key"))?;
            signing_key_from_info(info)
        }
        Container::Pkcs1(der) => SigningKey::rsa_from_pkcs1(&der),
        Container::Sec1(der) => ec_from_sec1(&der, None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GOST PKCS#8 as NCA writes it, with `private_key` as the privateKey OCTET STRING's
    /// contents.
    fn gost_pkcs8(private_key: &[u8]) -> Vec<u8> {
        let mut params = ber::oid("1.2.398.3.10.1.1.2.2.1");
        params.extend(ber::oid("1.2.398.3.10.1.3.3"));
        let mut alg = ber::oid("1.2.398.3.10.1.1.2.2");
        alg.extend(ber::der(0x30, &params));
        let mut body = vec![0x02, 0x01, 0x00];
        body.extend(ber::der(0x30, &alg));
        body.extend(ber::der(0x04, private_key));
        ber::der(0x30, &body)
    }

    fn gost(private_key: &[u8]) -> Result<GostPrivateKey> {
        parse_gost(&parse_key_info(&gost_pkcs8(private_key))?)
    }

    #[test]
    fn gost_scalar_forms() {
        let le: Vec<u8> = (1..=64).collect();
        let be: Vec<u8> = (1..=64).rev().collect();
        // NCA: OCTET STRING wrapping the little-endian scalar.
        let k = gost(&ber::der(0x04, &le)).unwrap();
        assert_eq!(k.scalar(), &be[..]);
        assert_eq!(k.params_oid(), "1.2.398.3.10.1.1.2.2.1");
        assert_eq!(k.digest_oid(), Some("1.2.398.3.10.1.3.3"));
        assert_eq!(k.algorithm_oid(), "1.2.398.3.10.1.1.2.2");
        // INTEGER, big-endian (with the sign octet).
        let mut int = vec![0];
        int.extend_from_slice(&be);
        int[1] |= 0x80;
        let k = gost(&ber::der(0x02, &int)).unwrap();
        assert_eq!(k.scalar().len(), 64);
        assert_eq!(k.scalar()[0], 0xC0);
        // Bare little-endian octets.
        assert_eq!(gost(&le).unwrap().scalar(), &be[..]);
        // Leading zeros of the big-endian form are dropped.
        let mut short = le.clone();
        short[63] = 0;
        assert_eq!(gost(&ber::der(0x04, &short)).unwrap().scalar().len(), 63);
        // Refused: zero, too long, unknown encodings.
        assert!(gost(&ber::der(0x04, &[0; 64])).is_err());
        assert!(gost(&ber::der(0x04, &[1; 65])).is_err());
        assert!(gost(&[1; 17]).is_err());
        assert!(gost(&ber::der(0x05, &[])).is_err());
    }

    #[test]
    fn gost_key_loads_as_a_signing_key() {
        let le: Vec<u8> = (1..=64).collect();
        let key = SigningKey::from_pkcs8(&gost_pkcs8(&ber::der(0x04, &le)), None).unwrap();
        assert!(key.can_sign());
        assert!(key.gost().is_some());
        assert_eq!(
            key.algorithm(),
            crate::signature::SignatureAlgorithm::Gost(crate::gost::GostAlgorithm::Nca2015_512)
        );
        assert_eq!(key.sign(b"x").unwrap().len(), 128);
        let debug = format!("{key:?}");
        assert!(debug.contains("redacted"), "{debug}");
        assert!(!debug.contains("0102030405"), "{debug}");
        assert!(!key.public_key_spki().is_empty());
    }

    #[test]
    fn truncated_pkcs8_is_an_error() {
        let le: Vec<u8> = (1..=64).collect();
        let der = gost_pkcs8(&ber::der(0x04, &le));
        for cut in 0..der.len() {
            assert!(SigningKey::from_pkcs8(&der[..cut], None).is_err(), "{cut}");
        }
    }

    #[test]
    fn unknown_algorithms_are_unsupported() {
        let mut alg = ber::oid("1.2.3.4");
        alg.extend([0x05, 0x00]);
        let mut body = vec![0x02, 0x01, 0x00];
        body.extend(ber::der(0x30, &alg));
        body.extend(ber::der(0x04, &[1, 2, 3]));
        let der = ber::der(0x30, &body);
        assert!(matches!(
            SigningKey::from_pkcs8(&der, None),
            Err(Error::Unsupported(_))
        ));
    }
}
