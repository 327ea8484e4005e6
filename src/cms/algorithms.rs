//! The mapping between CMS algorithm identifiers and the crate's typed
//! [`SignatureAlgorithm`] / [`HashAlgorithm`] (the OIDs themselves are in `crate::oid`).
//!
//! This is where a new algorithm family (GOST R 34.10-2015 / Streebog, being added to
//! [`crate::signature`]) plugs in: [`hash_from_oid`] / [`signature_from_signer_info`] read
//! identifiers, and [`identifiers_for_signing`] writes them; the hashes themselves (OID,
//! length, digest) are [`HashAlgorithm`]'s table. Every `match` here is exhaustive over the
//! crate's enums, so adding a variant there points the compiler at each place to extend.

use super::ber;
use crate::error::{Error, Result};
use crate::gost::{GostAlgorithm, GostHash};
use crate::oid::{
    ATTR_CMS_ALGORITHM_PROTECTION, ATTR_CONTENT_TYPE, ATTR_COUNTERSIGNATURE,
    ATTR_ENCRYPTION_KEY_PREFERENCE, ATTR_MESSAGE_DIGEST, ATTR_SIGNING_CERTIFICATE,
    ATTR_SIGNING_CERTIFICATE_V2, ATTR_SIGNING_TIME, ATTR_SMIME_CAPABILITIES, ATTR_TIME_STAMP_TOKEN,
    ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512, EC_PUBLIC_KEY, MGF1, NCA_GOST2004_KEY,
    NCA_GOST2015_256_KEY, NCA_GOST2015_512_KEY, RSASSA_PSS, RSA_ENCRYPTION, SHA256_WITH_RSA,
    SHA384_WITH_RSA, SHA512_WITH_RSA,
};
use crate::signature::{HashAlgorithm, SignatureAlgorithm};

/// A readable name of an attribute OID.
pub(crate) fn attribute_name(oid: &str) -> String {
    match oid {
        ATTR_CONTENT_TYPE => "contentType".into(),
        ATTR_MESSAGE_DIGEST => "messageDigest".into(),
        ATTR_SIGNING_TIME => "signingTime".into(),
        ATTR_COUNTERSIGNATURE => "countersignature".into(),
        ATTR_SIGNING_CERTIFICATE => "signingCertificate".into(),
        ATTR_SIGNING_CERTIFICATE_V2 => "signingCertificateV2".into(),
        ATTR_TIME_STAMP_TOKEN => "timeStampToken".into(),
        ATTR_SMIME_CAPABILITIES => "smimeCapabilities".into(),
        ATTR_ENCRYPTION_KEY_PREFERENCE => "encryptionKeyPreference".into(),
        ATTR_CMS_ALGORITHM_PROTECTION => "cmsAlgorithmProtection".into(),
        other => other.to_string(),
    }
}

/// The hash named by a digest AlgorithmIdentifier OID, or why it cannot be used.
pub(crate) fn hash_from_oid(oid: &str) -> std::result::Result<HashAlgorithm, String> {
    HashAlgorithm::from_oid(oid).ok_or_else(|| format!("unknown digest algorithm {oid}"))
}

/// May this hash prove the integrity of signed content? (SHA-1 is refused, as for
/// signatures.)
pub(crate) fn hash_acceptable(h: HashAlgorithm) -> std::result::Result<(), String> {
    match h {
        HashAlgorithm::Sha1 => Err("SHA-1 digests are not accepted".into()),
        HashAlgorithm::Sha224
        | HashAlgorithm::Sha256
        | HashAlgorithm::Sha384
        | HashAlgorithm::Sha512
        | HashAlgorithm::Gost(_) => Ok(()),
    }
}

/// Resolve a SignerInfo's signatureAlgorithm. `rsaEncryption` (and `id-ecPublicKey`) name
/// only the key type: the hash is the SignerInfo's digestAlgorithm.
pub(crate) fn signature_from_signer_info(
    signature_alg_der: &[u8],
    signature_oid: &str,
    digest: &std::result::Result<HashAlgorithm, String>,
) -> SignatureAlgorithm {
    let unsupported = |reason: String| SignatureAlgorithm::Unsupported {
        oid: signature_oid.to_string(),
        reason,
    };
    match signature_oid {
        RSA_ENCRYPTION => match digest {
            Ok(h) => SignatureAlgorithm::RsaPkcs1(*h),
            Err(r) => unsupported(format!("rsaEncryption with {r}")),
        },
        EC_PUBLIC_KEY => match digest {
            Ok(h) => SignatureAlgorithm::Ecdsa(*h),
            Err(r) => unsupported(format!("id-ecPublicKey with {r}")),
        },
        // A GOST key OID as the signature algorithm: the digest algorithm says which.
        NCA_GOST2015_256_KEY | NCA_GOST2015_512_KEY | NCA_GOST2004_KEY => match digest {
            Ok(HashAlgorithm::Gost(GostHash::Streebog256)) => {
                SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_256)
            }
            Ok(HashAlgorithm::Gost(GostHash::Streebog512)) => {
                SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512)
            }
            Ok(HashAlgorithm::Gost(GostHash::Gost94Test)) => {
                SignatureAlgorithm::Gost(GostAlgorithm::Nca2004)
            }
            _ => unsupported("GOST key OID as signature algorithm with a non-GOST digest".into()),
        },
        _ => match read_signature_algorithm(signature_alg_der) {
            Some(alg) => alg,
            None => unsupported("unreadable signature AlgorithmIdentifier".into()),
        },
    }
}

/// A SignerInfo's signatureAlgorithm, BER as Kalkan writes it: its lengths normalised
/// ([`ber::Tlv::to_minimal_lengths`]), then read by the strict DER reader. `None` when it is
/// not an AlgorithmIdentifier.
fn read_signature_algorithm(ber_alg: &[u8]) -> Option<SignatureAlgorithm> {
    const W: &str = "signatureAlgorithm";
    let der = ber::Tlv::read_exact(ber_alg, W)
        .ok()?
        .to_minimal_lengths()
        .ok()?;
    let mut r = crate::der::Reader::named(&der, W);
    let alg = r.read(W).ok()?;
    r.finish(W).ok()?;
    let (oid, params) = crate::signature::read_algorithm_identifier(alg, W).ok()?;
    Some(SignatureAlgorithm::from_parts(&oid, params))
}

/// The identifiers a new SignerInfo carries for `alg`: the digest algorithm (used for
/// messageDigest), its AlgorithmIdentifier DER, and the signatureAlgorithm DER.
pub(crate) fn identifiers_for_signing(
    alg: &SignatureAlgorithm,
) -> Result<(HashAlgorithm, Vec<u8>, Vec<u8>)> {
    let digest_id = |h: HashAlgorithm| ber::sequence(&[&ber::oid(h.oid())]);
    let unsupported = |what: String| Err(Error::Unsupported(format!("CMS signing with {what}")));
    match alg {
        SignatureAlgorithm::RsaPkcs1(h) => {
            let oid = match h {
                HashAlgorithm::Sha256 => SHA256_WITH_RSA,
                HashAlgorithm::Sha384 => SHA384_WITH_RSA,
                HashAlgorithm::Sha512 => SHA512_WITH_RSA,
                HashAlgorithm::Sha1 | HashAlgorithm::Sha224 | HashAlgorithm::Gost(_) => {
                    return unsupported(format!("RSA PKCS#1 v1.5 and {}", h.name()))
                }
            };
            let sig = ber::sequence(&[&ber::oid(oid), &[0x05, 0x00]]);
            Ok((*h, digest_id(*h), sig))
        }
        SignatureAlgorithm::RsaPss(h) => {
            if !matches!(
                h,
                HashAlgorithm::Sha256 | HashAlgorithm::Sha384 | HashAlgorithm::Sha512
            ) {
                return unsupported(format!("RSASSA-PSS and {}", h.name()));
            }
            let hash_alg = digest_id(*h);
            let mgf = ber::sequence(&[&ber::oid(MGF1), &hash_alg]);
            let salt = ber::small_integer(h.output_len() as u32);
            let params = ber::sequence(&[
                &ber::der(0xA0, &hash_alg),
                &ber::der(0xA1, &mgf),
                &ber::der(0xA2, &salt),
            ]);
            let sig = ber::sequence(&[&ber::oid(RSASSA_PSS), &params]);
            Ok((*h, digest_id(*h), sig))
        }
        SignatureAlgorithm::Ecdsa(h) => {
            let oid = match h {
                HashAlgorithm::Sha256 => ECDSA_SHA256,
                HashAlgorithm::Sha384 => ECDSA_SHA384,
                HashAlgorithm::Sha512 => ECDSA_SHA512,
                HashAlgorithm::Sha1 | HashAlgorithm::Sha224 | HashAlgorithm::Gost(_) => {
                    return unsupported(format!("ECDSA and {}", h.name()))
                }
            };
            Ok((*h, digest_id(*h), ber::sequence(&[&ber::oid(oid)])))
        }
        SignatureAlgorithm::Ed25519 => unsupported("Ed25519".into()),
        SignatureAlgorithm::Gost(g) => {
            let h = HashAlgorithm::Gost(g.hash());
            Ok((h, digest_id(h), ber::sequence(&[&ber::oid(g.oid())])))
        }
        SignatureAlgorithm::Unsupported { oid, reason } => unsupported(format!("{oid} ({reason})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_resolve_back() {
        for alg in [
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
            SignatureAlgorithm::RsaPss(HashAlgorithm::Sha256),
            SignatureAlgorithm::RsaPss(HashAlgorithm::Sha512),
            SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256),
            SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha384),
        ] {
            let (h, d, s) = identifiers_for_signing(&alg).unwrap();
            let dt = ber::Tlv::read_exact(&d, "t").unwrap();
            let doid = dt.children_vec(2, "t").unwrap()[0].oid("t").unwrap();
            assert_eq!(hash_from_oid(&doid), Ok(h));
            let st = ber::Tlv::read_exact(&s, "t").unwrap();
            let soid = st.children_vec(2, "t").unwrap()[0].oid("t").unwrap();
            assert_eq!(signature_from_signer_info(&s, &soid, &Ok(h)), alg);
        }
        assert!(
            identifiers_for_signing(&SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha1)).is_err()
        );
    }

    #[test]
    fn rsa_encryption_takes_the_digest() {
        let s = ber::sequence(&[&ber::oid(RSA_ENCRYPTION), &[5, 0]]);
        assert_eq!(
            signature_from_signer_info(&s, RSA_ENCRYPTION, &Ok(HashAlgorithm::Sha384)),
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha384)
        );
        assert!(matches!(
            signature_from_signer_info(&s, RSA_ENCRYPTION, &Err("x".into())),
            SignatureAlgorithm::Unsupported { .. }
        ));
        let gost = ber::sequence(&[&ber::oid("1.2.398.3.10.1.1.2.3.2")]);
        assert_eq!(
            signature_from_signer_info(&gost, "1.2.398.3.10.1.1.2.3.2", &Ok(HashAlgorithm::Sha256)),
            SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512)
        );
        // A GOST key OID as signatureAlgorithm: the digest decides.
        let key = ber::sequence(&[&ber::oid("1.2.398.3.10.1.1.2.2")]);
        assert_eq!(
            signature_from_signer_info(
                &key,
                "1.2.398.3.10.1.1.2.2",
                &Ok(HashAlgorithm::Gost(GostHash::Streebog512))
            ),
            SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512)
        );
        assert_eq!(
            hash_from_oid("1.2.398.3.10.1.3.3"),
            Ok(HashAlgorithm::Gost(GostHash::Streebog512))
        );
    }
}
