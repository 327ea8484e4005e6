//! Object identifiers of CMS, and the mapping between CMS algorithm identifiers and the
//! crate's typed [`SignatureAlgorithm`] / [`HashAlgorithm`].
//!
//! This is where a new algorithm family (GOST R 34.10-2015 / Streebog, being added to
//! [`crate::signature`]) plugs in: [`digest`] computes a [`HashAlgorithm`],
//! [`hash_from_oid`] / [`signature_from_signer_info`] read identifiers, and
//! [`identifiers_for_signing`] writes them. Every `match` here is exhaustive over the
//! crate's enums, so adding a variant there points the compiler at each place to extend.

use sha2::Digest as _;
use x509_parser::prelude::FromDer;
use x509_parser::x509::AlgorithmIdentifier;

use super::ber;
use crate::error::{Error, Result};
use crate::gost::{GostAlgorithm, GostHash};
use crate::signature::{HashAlgorithm, SignatureAlgorithm};

/// id-data.
pub(crate) const ID_DATA: &str = "1.2.840.113549.1.7.1";
/// id-signedData.
pub(crate) const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
/// id-contentType.
pub(crate) const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
/// id-messageDigest.
pub(crate) const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
/// id-signingTime.
pub(crate) const ATTR_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
/// id-countersignature.
pub(crate) const ATTR_COUNTERSIGNATURE: &str = "1.2.840.113549.1.9.6";
/// id-aa-signingCertificate (ESS, SHA-1 ESSCertID).
pub(crate) const ATTR_SIGNING_CERTIFICATE: &str = "1.2.840.113549.1.9.16.2.12";
/// id-aa-signingCertificateV2 (ESS, ESSCertIDv2).
pub(crate) const ATTR_SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
/// id-aa-timeStampToken.
pub(crate) const ATTR_TIME_STAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
/// id-ct-TSTInfo: the content type of an RFC 3161 time-stamp token.
pub(crate) const ID_TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";
/// S/MIME capabilities.
pub(crate) const ATTR_SMIME_CAPABILITIES: &str = "1.2.840.113549.1.9.15";
/// rsaEncryption (as a CMS signature algorithm: PKCS#1 v1.5 with the digest algorithm).
pub(crate) const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
/// id-ecPublicKey (some producers name it as the signature algorithm).
pub(crate) const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";

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
        "1.2.840.113549.1.9.16.2.11" => "encryptionKeyPreference".into(),
        "1.2.840.113549.1.9.52" => "cmsAlgorithmProtection".into(),
        other => other.to_string(),
    }
}

/// The hash named by a digest AlgorithmIdentifier OID, or why it cannot be used.
pub(crate) fn hash_from_oid(oid: &str) -> std::result::Result<HashAlgorithm, String> {
    Ok(match oid {
        "1.3.14.3.2.26" => HashAlgorithm::Sha1,
        "2.16.840.1.101.3.4.2.4" => HashAlgorithm::Sha224,
        "2.16.840.1.101.3.4.2.1" => HashAlgorithm::Sha256,
        "2.16.840.1.101.3.4.2.2" => HashAlgorithm::Sha384,
        "2.16.840.1.101.3.4.2.3" => HashAlgorithm::Sha512,
        o => match GostHash::from_oid(o) {
            Some(g) => HashAlgorithm::Gost(g),
            None => return Err(format!("unknown digest algorithm {o}")),
        },
    })
}

/// Dotted OID of a hash.
pub(crate) fn hash_oid(h: HashAlgorithm) -> &'static str {
    match h {
        HashAlgorithm::Sha1 => "1.3.14.3.2.26",
        HashAlgorithm::Sha224 => "2.16.840.1.101.3.4.2.4",
        HashAlgorithm::Sha256 => "2.16.840.1.101.3.4.2.1",
        HashAlgorithm::Sha384 => "2.16.840.1.101.3.4.2.2",
        HashAlgorithm::Sha512 => "2.16.840.1.101.3.4.2.3",
        // The NCA's identifiers (Kalkan, NCALayer).
        HashAlgorithm::Gost(GostHash::Streebog256) => "1.2.398.3.10.1.3.2",
        HashAlgorithm::Gost(GostHash::Streebog512) => "1.2.398.3.10.1.3.3",
        HashAlgorithm::Gost(GostHash::Gost94Test) => "1.2.398.3.10.1.3.1",
        HashAlgorithm::Gost(GostHash::Gost94CryptoPro) => "1.2.643.2.2.9",
    }
}

/// A short readable name of a hash.
pub(crate) fn hash_name(h: HashAlgorithm) -> &'static str {
    match h {
        HashAlgorithm::Sha1 => "sha1",
        HashAlgorithm::Sha224 => "sha224",
        HashAlgorithm::Sha256 => "sha256",
        HashAlgorithm::Sha384 => "sha384",
        HashAlgorithm::Sha512 => "sha512",
        HashAlgorithm::Gost(GostHash::Streebog256) => "streebog256",
        HashAlgorithm::Gost(GostHash::Streebog512) => "streebog512",
        HashAlgorithm::Gost(GostHash::Gost94Test) => "gost34311-95",
        HashAlgorithm::Gost(GostHash::Gost94CryptoPro) => "gostr3411-94",
    }
}

/// Digest `data`.
pub(crate) fn digest(h: HashAlgorithm, data: &[u8]) -> Vec<u8> {
    match h {
        HashAlgorithm::Sha1 => ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, data)
            .as_ref()
            .to_vec(),
        HashAlgorithm::Sha224 => sha2::Sha224::digest(data).to_vec(),
        HashAlgorithm::Sha256 => sha2::Sha256::digest(data).to_vec(),
        HashAlgorithm::Sha384 => sha2::Sha384::digest(data).to_vec(),
        HashAlgorithm::Sha512 => sha2::Sha512::digest(data).to_vec(),
        HashAlgorithm::Gost(g) => g.digest(data),
    }
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
        "1.2.398.3.10.1.1.2.1" | "1.2.398.3.10.1.1.2.2" | "1.2.398.3.10.1.1.1.1" => match digest {
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
        _ => match AlgorithmIdentifier::from_der(signature_alg_der) {
            Ok(([], alg)) => SignatureAlgorithm::from_x509(&alg),
            _ => unsupported("unreadable signature AlgorithmIdentifier".into()),
        },
    }
}

/// The identifiers a new SignerInfo carries for `alg`: the digest algorithm (used for
/// messageDigest), its AlgorithmIdentifier DER, and the signatureAlgorithm DER.
pub(crate) fn identifiers_for_signing(
    alg: &SignatureAlgorithm,
) -> Result<(HashAlgorithm, Vec<u8>, Vec<u8>)> {
    let digest_id = |h: HashAlgorithm| ber::sequence(&[&ber::oid(hash_oid(h))]);
    let unsupported = |what: String| Err(Error::Unsupported(format!("CMS signing with {what}")));
    match alg {
        SignatureAlgorithm::RsaPkcs1(h) => {
            let oid = match h {
                HashAlgorithm::Sha256 => "1.2.840.113549.1.1.11",
                HashAlgorithm::Sha384 => "1.2.840.113549.1.1.12",
                HashAlgorithm::Sha512 => "1.2.840.113549.1.1.13",
                HashAlgorithm::Sha1 | HashAlgorithm::Sha224 | HashAlgorithm::Gost(_) => {
                    return unsupported(format!("RSA PKCS#1 v1.5 and {}", hash_name(*h)))
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
                return unsupported(format!("RSASSA-PSS and {}", hash_name(*h)));
            }
            let hash_alg = digest_id(*h);
            let mgf = ber::sequence(&[&ber::oid("1.2.840.113549.1.1.8"), &hash_alg]);
            let salt = ber::small_integer(h.output_len() as u32);
            let params = ber::sequence(&[
                &ber::der(0xA0, &hash_alg),
                &ber::der(0xA1, &mgf),
                &ber::der(0xA2, &salt),
            ]);
            let sig = ber::sequence(&[&ber::oid("1.2.840.113549.1.1.10"), &params]);
            Ok((*h, digest_id(*h), sig))
        }
        SignatureAlgorithm::Ecdsa(h) => {
            let oid = match h {
                HashAlgorithm::Sha256 => "1.2.840.10045.4.3.2",
                HashAlgorithm::Sha384 => "1.2.840.10045.4.3.3",
                HashAlgorithm::Sha512 => "1.2.840.10045.4.3.4",
                HashAlgorithm::Sha1 | HashAlgorithm::Sha224 | HashAlgorithm::Gost(_) => {
                    return unsupported(format!("ECDSA and {}", hash_name(*h)))
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
