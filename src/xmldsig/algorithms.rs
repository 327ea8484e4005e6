//! The algorithms an XML signature names, by URI: canonicalisations, transforms, digests
//! and signature methods, as the W3C recommendations and Kalkan (for GOST) write them, and
//! what each URI is read as. A URI not listed here is not read: the check it belongs to is
//! unknown, never passed.

use super::{unsupported, Stop};
use crate::gost::{GostAlgorithm, GostHash};
use crate::signature::{HashAlgorithm, SignatureAlgorithm};
use crate::verdict::CheckName;

pub(super) const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
pub(super) const C14N_COMMENTS: &str =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
pub(super) const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// Kalkan's GOST 34.10-2015 512-bit signature with Streebog-512.
pub(super) const GOST2015_512_SIGNATURE: &str =
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512";
/// Kalkan's GOST 34.10-2015 256-bit signature with Streebog-256.
pub(super) const GOST2015_256_SIGNATURE: &str =
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256";
/// Streebog-512 as Kalkan names it.
pub(super) const GOST2015_512_DIGEST: &str =
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512";
/// Streebog-256 as Kalkan names it.
pub(super) const GOST2015_256_DIGEST: &str =
    "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256";
/// GOST 34.310-2004 with GOST 34.311-95 (RFC 4051's URI, as eGov output documents carry it).
pub(super) const GOST2004_SIGNATURE: &str =
    "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311";
/// GOST 34.311-95 (RFC 4051's URI).
pub(super) const GOST2004_DIGEST: &str = "http://www.w3.org/2001/04/xmldsig-more#gost34311";

/// Exclusive XML Canonicalization 1.0, and its namespace (InclusiveNamespaces).
pub(super) const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub(super) const EXC_C14N_COMMENTS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
pub(super) const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
pub(super) const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
/// What a check says of SHA-1 accepted under the legacy switch.
pub(super) const SHA1_WEAK: &str = "SHA-1: weak, accepted under the legacy SHA-1 switch";

pub(super) fn digest_method(
    uri: &str,
    legacy_sha1: bool,
) -> std::result::Result<HashAlgorithm, Stop> {
    Ok(match uri {
        "http://www.w3.org/2001/04/xmlenc#sha256" => HashAlgorithm::Sha256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => HashAlgorithm::Sha384,
        "http://www.w3.org/2001/04/xmlenc#sha512" => HashAlgorithm::Sha512,
        // Kalkan's GOST digests: Streebog (GOST R 34.11-2012 = ST RK GOST 34.11-2015) and
        // GOST 34.311-95 (GOST R 34.11-94 with the test parameters, as in the NCA's
        // GOST 34.310-2004 CMS). DigestValue is the hash output as computed.
        GOST2015_512_DIGEST => HashAlgorithm::Gost(GostHash::Streebog512),
        GOST2015_256_DIGEST => HashAlgorithm::Gost(GostHash::Streebog256),
        GOST2004_DIGEST => HashAlgorithm::Gost(GostHash::Gost94Test),
        SHA1 if legacy_sha1 => HashAlgorithm::Sha1,
        SHA1 => {
            return Err(unsupported(
                CheckName::Reference,
                "DigestMethod SHA-1 is not accepted (only under the legacy SHA-1 switch)",
            ))
        }
        other => {
            return Err(unsupported(
                CheckName::Reference,
                format!("DigestMethod {other} is not supported"),
            ))
        }
    })
}

pub(super) fn signature_method(uri: &str) -> std::result::Result<SignatureAlgorithm, Stop> {
    Ok(match uri {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => {
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)
        }
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => {
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha384)
        }
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => {
            SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha512)
        }
        // Kalkan's GOST signatures carry SignatureValue in the NCA's convention, as in its
        // CMS (`r || s`, each little-endian over the hash read little-endian): proven on
        // the NCA test documents (`../shared/nca-test-pki/xml/`, tests/xmldsig_nca.rs).
        GOST2015_512_SIGNATURE => SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512),
        GOST2015_256_SIGNATURE => SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_256),
        GOST2004_SIGNATURE => SignatureAlgorithm::Gost(GostAlgorithm::Nca2004),
        RSA_SHA1 => SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha1),
        other => {
            return Err(unsupported(
                CheckName::Signature,
                format!("SignatureMethod {other} is not supported by this version"),
            ))
        }
    })
}
