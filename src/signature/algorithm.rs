//! Signature and hash algorithms as typed values, read from their AlgorithmIdentifiers.

use std::fmt;

#[cfg(test)]
use x509_parser::signature_algorithm::RsaSsaPssParams;
#[cfg(test)]
use x509_parser::x509::AlgorithmIdentifier;

use crate::der::{Tlv, TAG_INTEGER, TAG_OID, TAG_SEQUENCE};
use crate::gost::GostHash;
use crate::oid::{
    DSA_SHA1, DSA_SHA224, DSA_SHA256, ECDSA_SHA1, ECDSA_SHA224, ECDSA_SHA256, ECDSA_SHA384,
    ECDSA_SHA512, ED25519, GOST_PREFIX, GOST_R3411_94, MGF1, NCA_GOST34311, NCA_GOST_PREFIX,
    NCA_STREEBOG256, NCA_STREEBOG512, RSASSA_PSS, SHA1, SHA1_WITH_RSA, SHA224, SHA224_WITH_RSA,
    SHA256, SHA256_WITH_RSA, SHA384, SHA384_WITH_RSA, SHA512, SHA512_WITH_RSA,
};

/// Hash functions used inside signature algorithms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-1 (recognised so it can be refused by name).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// A GOST hash: Streebog-256/512 (GOST R 34.11-2012) or GOST R 34.11-94 / 34.311-95.
    Gost(GostHash),
}

// The crate's one table of hashes: OID <-> algorithm <-> output length <-> computing the
// digest. CMS, time-stamps, OCSP, XML signatures and the key containers all read it;
// whether a hash is *acceptable* somewhere (SHA-1, SHA-224) is each caller's policy.
impl HashAlgorithm {
    /// From a hash OID (dotted): SHA-1, SHA-2 and the GOST hashes (every OID
    /// [`GostHash::from_oid`](crate::gost::GostHash::from_oid) knows).
    pub(crate) fn from_oid(oid: &str) -> Option<HashAlgorithm> {
        Some(match oid {
            SHA1 => HashAlgorithm::Sha1,
            SHA224 => HashAlgorithm::Sha224,
            SHA256 => HashAlgorithm::Sha256,
            SHA384 => HashAlgorithm::Sha384,
            SHA512 => HashAlgorithm::Sha512,
            o => HashAlgorithm::Gost(GostHash::from_oid(o)?),
        })
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            HashAlgorithm::Sha1 => 20,
            HashAlgorithm::Sha224 => 28,
            HashAlgorithm::Sha256 => 32,
            HashAlgorithm::Sha384 => 48,
            HashAlgorithm::Sha512 => 64,
            HashAlgorithm::Gost(g) => g.output_len(),
        }
    }

    /// The dotted OID a new AlgorithmIdentifier names this hash with; the GOST hashes by
    /// the NCA's identifiers, as Kalkan and NCALayer write them.
    pub(crate) fn oid(self) -> &'static str {
        match self {
            HashAlgorithm::Sha1 => SHA1,
            HashAlgorithm::Sha224 => SHA224,
            HashAlgorithm::Sha256 => SHA256,
            HashAlgorithm::Sha384 => SHA384,
            HashAlgorithm::Sha512 => SHA512,
            HashAlgorithm::Gost(GostHash::Streebog256) => NCA_STREEBOG256,
            HashAlgorithm::Gost(GostHash::Streebog512) => NCA_STREEBOG512,
            HashAlgorithm::Gost(GostHash::Gost94Test) => NCA_GOST34311,
            HashAlgorithm::Gost(GostHash::Gost94CryptoPro) => GOST_R3411_94,
        }
    }

    /// A short readable name, for reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
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

    /// Digest `data`, whatever the hash (SHA-1 and SHA-224 included: refusing them is the
    /// caller's policy). SHA-1 and SHA-2 through ring (SHA-224, which ring lacks, through
    /// `sha2`), GOST through the gost module.
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        use ring::digest as rd;
        let ring = |alg: &'static rd::Algorithm| rd::digest(alg, data).as_ref().to_vec();
        match self {
            HashAlgorithm::Sha1 => ring(&rd::SHA1_FOR_LEGACY_USE_ONLY),
            HashAlgorithm::Sha224 => {
                use sha2::Digest as _;
                sha2::Sha224::digest(data).to_vec()
            }
            HashAlgorithm::Sha256 => ring(&rd::SHA256),
            HashAlgorithm::Sha384 => ring(&rd::SHA384),
            HashAlgorithm::Sha512 => ring(&rd::SHA512),
            HashAlgorithm::Gost(g) => g.digest(data),
        }
    }
}

/// A signature algorithm as named by an AlgorithmIdentifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1(HashAlgorithm),
    /// RSASSA-PSS with MGF1 over the same hash and salt length equal to the hash length
    /// (the only parameterisation in use, and the one `ring` verifies).
    RsaPss(HashAlgorithm),
    /// ECDSA (DER-encoded signature).
    Ecdsa(HashAlgorithm),
    /// Ed25519.
    Ed25519,
    /// GOST R 34.10-2012 / GOST 34.310-2004, with its hash and byte conventions (NCA or
    /// RFC 4491).
    Gost(crate::gost::GostAlgorithm),
    /// Recognised or not, the library cannot verify it.
    Unsupported {
        /// Dotted OID.
        oid: String,
        /// Why (algorithm family or parameter problem).
        reason: String,
    },
}

/// An AlgorithmIdentifier read by the strict DER reader: `SEQUENCE { algorithm OID,
/// parameters ANY OPTIONAL }`, nothing after; the OID in dotted form.
pub(crate) fn read_algorithm_identifier<'a>(
    alg: Tlv<'a>,
    what: &'static str,
) -> crate::Result<(String, Option<Tlv<'a>>)> {
    if alg.tag != TAG_SEQUENCE {
        return Err(der_malformed(what, "AlgorithmIdentifier is not a SEQUENCE"));
    }
    let mut r = alg.inner();
    let oid = r.expect(TAG_OID, what)?;
    let dotted = crate::ber::oid_to_string(oid.content)
        .ok_or_else(|| der_malformed(what, "invalid OBJECT IDENTIFIER"))?;
    let params = if r.is_empty() {
        None
    } else {
        Some(r.read(what)?)
    };
    r.finish(what)?;
    Ok((dotted, params))
}

pub(super) fn der_malformed(what: &'static str, reason: &str) -> crate::Error {
    crate::Error::MalformedDer {
        what,
        reason: reason.to_string(),
    }
}

impl SignatureAlgorithm {
    /// Resolve an AlgorithmIdentifier read by [`read_algorithm_identifier`].
    pub(crate) fn from_parts(oid: &str, params: Option<Tlv<'_>>) -> SignatureAlgorithm {
        let params_null_or_absent = match params {
            None => true,
            Some(p) => p.tag & 0x1f == 0x05 && p.content.is_empty(),
        };
        SignatureAlgorithm::from_oid(oid, params_null_or_absent, || {
            match params.and_then(PssParams::read) {
                Some(p) => p.resolve(),
                None => Err("RSASSA-PSS without readable parameters".to_string()),
            }
        })
    }

    /// The algorithm an AlgorithmIdentifier names, from its OID, whether its parameters
    /// are NULL or absent, and (RSASSA-PSS only) its parameters resolved by `pss`: one
    /// table for every reader of AlgorithmIdentifiers.
    fn from_oid(
        oid: &str,
        params_null_or_absent: bool,
        pss: impl FnOnce() -> Result<SignatureAlgorithm, String>,
    ) -> SignatureAlgorithm {
        let unsupported = |reason: &str| SignatureAlgorithm::Unsupported {
            oid: oid.to_string(),
            reason: reason.to_string(),
        };
        let rsa = |h| {
            if params_null_or_absent {
                SignatureAlgorithm::RsaPkcs1(h)
            } else {
                unsupported("RSA PKCS#1 v1.5 algorithm identifier with non-NULL parameters")
            }
        };
        match oid {
            SHA1_WITH_RSA => rsa(HashAlgorithm::Sha1),
            SHA224_WITH_RSA => rsa(HashAlgorithm::Sha224),
            SHA256_WITH_RSA => rsa(HashAlgorithm::Sha256),
            SHA384_WITH_RSA => rsa(HashAlgorithm::Sha384),
            SHA512_WITH_RSA => rsa(HashAlgorithm::Sha512),
            RSASSA_PSS => pss().unwrap_or_else(|r| unsupported(&r)),
            ECDSA_SHA1 => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha1),
            ECDSA_SHA224 => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha224),
            ECDSA_SHA256 => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256),
            ECDSA_SHA384 => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha384),
            ECDSA_SHA512 => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha512),
            ED25519 => SignatureAlgorithm::Ed25519,
            DSA_SHA1 | DSA_SHA224 | DSA_SHA256 => unsupported("DSA signatures are not supported"),
            o => match crate::gost::GostAlgorithm::from_signature_oid(o) {
                // GOST AlgorithmIdentifiers carry no parameters (NCA's sometimes an
                // explicit NULL); the key's parameters name the curve.
                Some(g) if params_null_or_absent => SignatureAlgorithm::Gost(g),
                Some(_) => unsupported("GOST algorithm identifier with parameters"),
                None if o.starts_with(NCA_GOST_PREFIX) || o.starts_with(GOST_PREFIX) => {
                    unsupported("GOST signature algorithm not supported")
                }
                None => unsupported("unknown signature algorithm"),
            },
        }
    }

    /// Resolve a parsed AlgorithmIdentifier (the old path, for the differential test: what
    /// it reads, through the same table).
    #[cfg(test)]
    pub(crate) fn from_x509(alg: &AlgorithmIdentifier<'_>) -> SignatureAlgorithm {
        let oid = alg.algorithm.to_id_string();
        let params_null_or_absent = match &alg.parameters {
            None => true,
            Some(p) => p.header.tag().0 == 5 && p.data.is_empty(),
        };
        SignatureAlgorithm::from_oid(&oid, params_null_or_absent, || {
            match alg.parameters.as_ref().map(RsaSsaPssParams::try_from) {
                Some(Ok(p)) => pss_from_params(&p),
                _ => Err("RSASSA-PSS without readable parameters".to_string()),
            }
        })
    }

    /// A short human name.
    pub fn name(&self) -> String {
        match self {
            SignatureAlgorithm::RsaPkcs1(h) => format!("rsa-pkcs1-{h:?}").to_lowercase(),
            SignatureAlgorithm::RsaPss(h) => format!("rsa-pss-{h:?}").to_lowercase(),
            SignatureAlgorithm::Ecdsa(h) => format!("ecdsa-{h:?}").to_lowercase(),
            SignatureAlgorithm::Ed25519 => "ed25519".into(),
            SignatureAlgorithm::Gost(g) => format!("gost-{g:?}").to_lowercase(),
            SignatureAlgorithm::Unsupported { oid, .. } => oid.clone(),
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// RSASSA-PSS-params (RFC 4055 §3.1) as far as they are compared: every field explicitly
/// tagged and optional, with the RFC's defaults (SHA-1, MGF1 with SHA-1, salt 20,
/// trailer 1). The MGF's hash is `None` when its parameters are not an AlgorithmIdentifier.
struct PssParams {
    hash: String,
    mgf: Option<(String, String)>,
    salt_length: u64,
    trailer_field: u64,
}

impl PssParams {
    /// `None` when the parameters cannot be read.
    fn read(params: Tlv<'_>) -> Option<PssParams> {
        const W: &str = "RSASSA-PSS parameters";
        if params.tag != TAG_SEQUENCE {
            return None;
        }
        let mut r = params.inner();
        fn explicit(t: Tlv<'_>) -> Option<Tlv<'_>> {
            let mut i = t.inner();
            let inner = i.read(W).ok()?;
            i.finish(W).ok()?;
            Some(inner)
        }
        fn uint(t: Tlv<'_>) -> Option<u64> {
            if t.tag != TAG_INTEGER || !crate::der::is_der_integer(t.content) {
                return None;
            }
            let c = t.content;
            if c.first()? & 0x80 != 0 || c.len() > 5 {
                return None; // negative, or beyond u32 as x509-parser read it
            }
            let v = c.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
            (v <= u64::from(u32::MAX)).then_some(v)
        }
        let mut p = PssParams {
            hash: SHA1.to_string(),
            mgf: Some((MGF1.to_string(), SHA1.to_string())),
            salt_length: 20,
            trailer_field: 1,
        };
        if let Some(t) = r.read_optional(0xA0, W).ok()? {
            p.hash = read_algorithm_identifier(explicit(t)?, W).ok()?.0;
        }
        if let Some(t) = r.read_optional(0xA1, W).ok()? {
            let (mgf, mgf_params) = read_algorithm_identifier(explicit(t)?, W).ok()?;
            p.mgf = mgf_params
                .filter(|m| m.tag == TAG_SEQUENCE)
                .and_then(|m| read_algorithm_identifier(m, W).ok())
                .map(|(hash, _)| (mgf, hash));
        }
        if let Some(t) = r.read_optional(0xA2, W).ok()? {
            p.salt_length = uint(explicit(t)?)?;
        }
        if let Some(t) = r.read_optional(0xA3, W).ok()? {
            p.trailer_field = uint(explicit(t)?)?;
        }
        r.finish(W).ok()?;
        Some(p)
    }

    fn resolve(&self) -> Result<SignatureAlgorithm, String> {
        let hash = HashAlgorithm::from_oid(&self.hash)
            .ok_or_else(|| format!("RSASSA-PSS with unknown hash {}", self.hash))?;
        let (mgf, mgf_hash) = self
            .mgf
            .as_ref()
            .ok_or_else(|| "RSASSA-PSS with unreadable MGF".to_string())?;
        if mgf != MGF1 {
            return Err("RSASSA-PSS with a mask generation function other than MGF1".into());
        }
        if HashAlgorithm::from_oid(mgf_hash) != Some(hash) {
            return Err("RSASSA-PSS with MGF1 hash different from the message hash".into());
        }
        if self.salt_length != hash.output_len() as u64 {
            return Err(format!(
                "RSASSA-PSS with salt length {} (only the hash length is supported)",
                self.salt_length
            ));
        }
        if self.trailer_field != 1 {
            return Err("RSASSA-PSS with a trailer field other than 1".into());
        }
        Ok(SignatureAlgorithm::RsaPss(hash))
    }
}

#[cfg(test)]
fn pss_from_params(p: &RsaSsaPssParams<'_>) -> Result<SignatureAlgorithm, String> {
    let hash_oid = p.hash_algorithm_oid().to_id_string();
    let hash = HashAlgorithm::from_oid(&hash_oid)
        .ok_or_else(|| format!("RSASSA-PSS with unknown hash {hash_oid}"))?;
    let mgf = p
        .mask_gen_algorithm()
        .map_err(|_| "RSASSA-PSS with unreadable MGF".to_string())?;
    if mgf.mgf.to_id_string() != MGF1 {
        return Err("RSASSA-PSS with a mask generation function other than MGF1".into());
    }
    if HashAlgorithm::from_oid(&mgf.hash.to_id_string()) != Some(hash) {
        return Err("RSASSA-PSS with MGF1 hash different from the message hash".into());
    }
    if p.salt_length() as usize != hash.output_len() {
        return Err(format!(
            "RSASSA-PSS with salt length {} (only the hash length is supported)",
            p.salt_length()
        ));
    }
    if p.trailer_field() != 1 {
        return Err("RSASSA-PSS with a trailer field other than 1".into());
    }
    Ok(SignatureAlgorithm::RsaPss(hash))
}
