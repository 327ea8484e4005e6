//! Signature algorithms as typed values, and signature verification through `ring`.
//!
//! An algorithm identifier is resolved into a [`SignatureAlgorithm`] once, when the object
//! carrying it is read; verification then dispatches on the enum. An algorithm the library
//! cannot verify is a value too ([`SignatureAlgorithm::Unsupported`]), and verifying with it
//! yields [`SignatureCheck::Unsupported`], which callers turn into an *indeterminate*
//! verdict: a signature that cannot be checked is never reported as valid.

use std::fmt;

use ring::signature as rs;
#[cfg(test)]
use x509_parser::signature_algorithm::RsaSsaPssParams;
#[cfg(test)]
use x509_parser::x509::AlgorithmIdentifier;
#[cfg(test)]
use x509_parser::{prelude::FromDer, x509::SubjectPublicKeyInfo};

use crate::der::{Reader, Tlv, TAG_BIT_STRING, TAG_INTEGER, TAG_OID, TAG_SEQUENCE};
use crate::gost::GostHash;
use crate::oid::{
    DSA_SHA1, DSA_SHA224, DSA_SHA256, ECDSA_SHA1, ECDSA_SHA224, ECDSA_SHA256, ECDSA_SHA384,
    ECDSA_SHA512, EC_PUBLIC_KEY, ED25519, GOST_PREFIX, GOST_R3410_2001_KEY, GOST_R3411_94, MGF1,
    NCA_GOST2004_KEY, NCA_GOST2015_256_KEY, NCA_GOST2015_512_KEY, NCA_GOST34311, NCA_GOST_PREFIX,
    NCA_STREEBOG256, NCA_STREEBOG512, P256, P384, P521, RSASSA_PSS, RSA_ENCRYPTION, SHA1,
    SHA1_WITH_RSA, SHA224, SHA224_WITH_RSA, SHA256, SHA256_WITH_RSA, SHA384, SHA384_WITH_RSA,
    SHA512, SHA512_WITH_RSA, TC26_GOST3410_256_KEY, TC26_GOST3410_512_KEY,
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

fn der_malformed(what: &'static str, reason: &str) -> crate::Error {
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

/// Elliptic curves known by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521 (recognised, not verifiable through ring).
    P521,
}

/// The algorithm of a subject public key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    /// RSA with the modulus size in bits.
    Rsa {
        /// Modulus length in bits.
        bits: usize,
    },
    /// EC key on a named curve.
    Ec(Curve),
    /// Ed25519.
    Ed25519,
    /// A GOST R 34.10 key on a known curve (parameter set).
    Gost(crate::gost::GostCurve),
    /// Anything else (DSA, EC on an unnamed curve, GOST on an unknown parameter set ...).
    Other {
        /// Dotted OID of the key algorithm.
        oid: String,
        /// Dotted OID of the parameters when they are an OID (curve / parameter set).
        parameters: Option<String>,
    },
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa { bits } => write!(f, "RSA-{bits}"),
            KeyAlgorithm::Ec(c) => write!(f, "EC {c:?}"),
            KeyAlgorithm::Ed25519 => f.write_str("Ed25519"),
            KeyAlgorithm::Gost(c) => write!(f, "GOST {c:?}"),
            KeyAlgorithm::Other {
                oid,
                parameters: Some(p),
            } => write!(f, "{oid} ({p})"),
            KeyAlgorithm::Other {
                oid,
                parameters: None,
            } => f.write_str(oid),
        }
    }
}

/// Smallest RSA modulus relied on by default, in bits.
pub(crate) const MIN_RSA_BITS: usize = 2048;
/// Smallest RSA modulus relied on under [`KeyPolicy::LegacyRsa1024`], in bits.
pub(crate) const MIN_LEGACY_RSA_BITS: usize = 1024;
/// Largest RSA public exponent verified. Every NCA, PKITS and x509-limbo key uses 65537;
/// a larger exponent only multiplies the work of each verification (ring accepts up to
/// 2^33 - 1, four times the squarings), which a hostile document repeats by the thousand.
pub(crate) const MAX_RSA_EXPONENT: u64 = 65537;

/// Which public keys are strong enough to be relied on: the keys of a certificate path (the
/// signer's own included), of CRL signers and of OCSP responders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPolicy {
    /// RSA moduli of at least 2048 bits. The default.
    #[default]
    Modern,
    /// For archives of old signatures: RSA moduli from 1024 bits
    /// are relied on too, and every such key is reported as weak.
    LegacyRsa1024,
}

/// What a [`KeyPolicy`] makes of one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyStrength {
    /// Strong enough.
    Adequate,
    /// Below the modern minimum, accepted under the legacy policy: the reason says so.
    Weak(String),
    /// Not to be relied on under this policy.
    TooWeak(String),
    /// The library cannot tell (a key algorithm it does not know).
    Unknown(String),
}

impl KeyPolicy {
    /// Judge `key`.
    pub fn judge(self, key: &PublicKey) -> KeyStrength {
        match key.algorithm() {
            KeyAlgorithm::Rsa { bits } if *bits >= MIN_RSA_BITS => KeyStrength::Adequate,
            KeyAlgorithm::Rsa { bits }
                if *bits >= MIN_LEGACY_RSA_BITS && self == KeyPolicy::LegacyRsa1024 =>
            {
                KeyStrength::Weak(format!(
                    "RSA-{bits} key: below the {MIN_RSA_BITS}-bit minimum, accepted under the legacy RSA-1024 policy"
                ))
            }
            KeyAlgorithm::Rsa { bits } => KeyStrength::TooWeak(format!(
                "RSA-{bits} key: below the {}-bit minimum{}",
                match self {
                    KeyPolicy::Modern => MIN_RSA_BITS,
                    KeyPolicy::LegacyRsa1024 => MIN_LEGACY_RSA_BITS,
                },
                match self {
                    KeyPolicy::Modern if *bits >= MIN_LEGACY_RSA_BITS =>
                        " (an archive of old signatures may opt into the legacy RSA-1024 policy)",
                    _ => "",
                }
            )),
            KeyAlgorithm::Ec(_) | KeyAlgorithm::Ed25519 | KeyAlgorithm::Gost(_) => {
                KeyStrength::Adequate
            }
            KeyAlgorithm::Other { .. } => KeyStrength::Unknown(format!(
                "the strength of a {} key cannot be judged",
                key.algorithm()
            )),
        }
    }
}

/// A subject public key, owned.
#[derive(Clone, Debug)]
pub struct PublicKey {
    algorithm: KeyAlgorithm,
    /// The complete SubjectPublicKeyInfo DER.
    spki: Vec<u8>,
    /// The subjectPublicKey BIT STRING contents (RSAPublicKey DER, EC point, ...).
    key: Vec<u8>,
    /// An RSA key's public exponent, when it fits 64 bits.
    rsa_exponent: Option<u64>,
    /// A GOST key, parsed and checked on the curve at its first verification and kept
    /// with the key (shared by its clones): a key verified again (a CA's, an anchor's,
    /// held by a [`crate::Verifier`]) gets its comb table from its second use. The cache
    /// is the key's own: no process-wide state.
    gost: std::sync::Arc<
        std::sync::OnceLock<Result<crate::gost::GostPublicKey, crate::gost::GostError>>,
    >,
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.algorithm == other.algorithm && self.spki == other.spki
    }
}
impl Eq for PublicKey {}
impl std::hash::Hash for PublicKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.algorithm.hash(state);
        self.spki.hash(state);
    }
}

impl PublicKey {
    /// Read a SubjectPublicKeyInfo element with the strict DER reader:
    /// `SEQUENCE { AlgorithmIdentifier, BIT STRING }`, nothing after.
    pub(crate) fn from_spki_tlv(spki: Tlv<'_>, what: &'static str) -> crate::Result<PublicKey> {
        if spki.tag != TAG_SEQUENCE {
            return Err(der_malformed(
                what,
                "SubjectPublicKeyInfo is not a SEQUENCE",
            ));
        }
        let mut r = spki.inner();
        let (oid, params) = read_algorithm_identifier(r.read(what)?, what)?;
        let bits = r.expect(TAG_BIT_STRING, what)?;
        r.finish(what)?;
        let key = crate::der::bit_string_bytes(bits.content)
            .ok_or_else(|| der_malformed(what, "invalid BIT STRING"))?;
        // The parameters name a curve / parameter set: an OID (EC), or a SEQUENCE whose
        // first element is the parameter-set OID (GOST: { paramSet, digest [, cipher] }).
        let param_oid = params.and_then(|p| match p.tag {
            TAG_OID => crate::ber::oid_to_string(p.content),
            TAG_SEQUENCE => {
                let mut i = p.inner();
                i.expect(TAG_OID, what)
                    .ok()
                    .and_then(|o| crate::ber::oid_to_string(o.content))
            }
            _ => None,
        });
        Ok(PublicKey::from_parts(
            oid,
            param_oid,
            key.to_vec(),
            spki.raw.to_vec(),
        ))
    }

    /// The key from its algorithm OID, parameter OID, subjectPublicKey bits and whole SPKI.
    fn from_parts(
        oid: String,
        param_oid: Option<String>,
        key: Vec<u8>,
        spki: Vec<u8>,
    ) -> PublicKey {
        let mut rsa_exponent = None;
        let algorithm = match oid.as_str() {
            RSA_ENCRYPTION => {
                rsa_exponent = rsa_public_exponent(&key);
                KeyAlgorithm::Rsa {
                    bits: rsa_modulus_bits(&key).unwrap_or(0),
                }
            }
            EC_PUBLIC_KEY => match param_oid.as_deref() {
                Some(P256) => KeyAlgorithm::Ec(Curve::P256),
                Some(P384) => KeyAlgorithm::Ec(Curve::P384),
                Some(P521) => KeyAlgorithm::Ec(Curve::P521),
                _ => KeyAlgorithm::Other {
                    oid,
                    parameters: param_oid,
                },
            },
            ED25519 => KeyAlgorithm::Ed25519,
            // NCA GOST 2015 256/512, GOST 34.310-2004; TC26 2012 256/512; GOST R 34.10-2001.
            NCA_GOST2015_256_KEY
            | NCA_GOST2015_512_KEY
            | NCA_GOST2004_KEY
            | TC26_GOST3410_256_KEY
            | TC26_GOST3410_512_KEY
            | GOST_R3410_2001_KEY => match param_oid
                .as_deref()
                .and_then(crate::gost::GostCurve::from_oid)
            {
                Some(curve) => KeyAlgorithm::Gost(curve),
                None => KeyAlgorithm::Other {
                    oid,
                    parameters: param_oid,
                },
            },
            _ => KeyAlgorithm::Other {
                oid,
                parameters: param_oid,
            },
        };
        PublicKey {
            algorithm,
            spki,
            key,
            rsa_exponent,
            gost: Default::default(),
        }
    }

    /// The old x509-parser path, for the differential test's oracle.
    #[cfg(test)]
    pub(crate) fn from_x509(spki: &SubjectPublicKeyInfo<'_>) -> PublicKey {
        let oid = spki.algorithm.algorithm.to_id_string();
        // The parameters name a curve / parameter set: an OID (EC), or a SEQUENCE whose first
        // element is the parameter-set OID (GOST: { paramSet, digest [, cipher] }).
        let param_oid = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| match p.header.tag().0 {
                6 => p.as_oid().ok().map(|o| o.to_id_string()),
                // Finding of the differential test, fixed in the new reader and here: the
                // first element was read as an OID whatever its tag (a DSA key's INTEGER p
                // became a long dotted string).
                16 if p.data.first() == Some(&0x06) => {
                    x509_parser::der_parser::oid::Oid::from_der(p.data)
                        .ok()
                        .map(|(_, o)| o.to_id_string())
                }
                _ => None,
            });
        let key = spki.subject_public_key.data.to_vec();
        // What the key is, from the same table as the reader's: the oracle checks what was
        // read (the OIDs and bits), not the table.
        PublicKey::from_parts(oid, param_oid, key, spki.raw.to_vec())
    }

    /// Do `self` and `other` share one prepared GOST key (one is a clone of the other)?
    #[cfg(test)]
    pub(crate) fn shares_gost_state(&self, other: &PublicKey) -> bool {
        std::sync::Arc::ptr_eq(&self.gost, &other.gost)
    }

    /// The prepared GOST key on `curve` (parsed once per key).
    fn gost_key(
        &self,
        curve: crate::gost::GostCurve,
    ) -> Result<&crate::gost::GostPublicKey, crate::gost::GostError> {
        self.gost
            .get_or_init(|| crate::gost::GostPublicKey::new(curve, &self.key))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parse a DER SubjectPublicKeyInfo.
    pub fn from_spki_der(der: &[u8]) -> crate::Result<PublicKey> {
        const W: &str = "public key";
        let mut r = Reader::named(der, W);
        let spki = r.read(W)?;
        r.finish(W)?;
        PublicKey::from_spki_tlv(spki, W)
    }

    /// The key algorithm.
    pub fn algorithm(&self) -> &KeyAlgorithm {
        &self.algorithm
    }

    /// The whole SubjectPublicKeyInfo.
    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    /// The subjectPublicKey bits.
    pub fn key_bytes(&self) -> &[u8] {
        &self.key
    }
}

/// The modulus and public exponent contents of an RSAPublicKey (RFC 8017 §A.1.1):
/// `SEQUENCE { modulus INTEGER, publicExponent INTEGER }`, both DER INTEGERs (what follows
/// them is not looked at, as x509-parser did not).
/// `None` when the key is not one (the key is then unusable, never an error: verification
/// refuses it).
pub(crate) fn rsa_public_key(key: &[u8]) -> Option<(&[u8], &[u8])> {
    const W: &str = "RSA public key";
    let mut top = Reader::named(key, W);
    let seq = top.expect(TAG_SEQUENCE, W).ok()?;
    let mut r = seq.inner();
    let n = crate::der::expect_der_integer(&mut r, W).ok()?;
    let e = crate::der::expect_der_integer(&mut r, W).ok()?;
    Some((n.content, e.content))
}

/// Modulus size of an RSAPublicKey DER, in bits.
fn rsa_modulus_bits(key: &[u8]) -> Option<usize> {
    let (m, _) = rsa_public_key(key)?;
    let m = &m[m.iter().position(|&b| b != 0)?..];
    Some(m.len() * 8 - m.first()?.leading_zeros() as usize)
}

/// Public exponent of an RSAPublicKey DER, when it fits 64 bits.
fn rsa_public_exponent(key: &[u8]) -> Option<u64> {
    let (_, e) = rsa_public_key(key)?;
    let e = &e[e.iter().position(|&b| b != 0)?..];
    if e.len() > 8 {
        return None;
    }
    Some(e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

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
fn ed25519_small_order(key: &[u8]) -> bool {
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
    use super::*;

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
        n.extend(std::iter::repeat_n(0x5A, 255));
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
