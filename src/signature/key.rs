//! Public keys, their algorithms, and the policy that says which are strong enough.

use std::fmt;

#[cfg(test)]
use x509_parser::{prelude::FromDer, x509::SubjectPublicKeyInfo};

use super::algorithm::{der_malformed, read_algorithm_identifier};
use crate::der::{Reader, Tlv, TAG_BIT_STRING, TAG_NULL, TAG_OID, TAG_SEQUENCE};
use crate::oid::{
    EC_PUBLIC_KEY, ED25519, GOST_R3410_2001_KEY, NCA_GOST2004_KEY, NCA_GOST2015_256_KEY,
    NCA_GOST2015_512_KEY, P256, P384, P521, RSA_ENCRYPTION, TC26_GOST3410_256_KEY,
    TC26_GOST3410_512_KEY,
};

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
    /// No signature by this key can verify, whatever its size: the key is not one of its
    /// algorithm (see [`PublicKey::unusable`]).
    Unusable(String),
}

impl KeyPolicy {
    /// Judge `key`: first whether it is a key of its algorithm at all, then its size.
    pub fn judge(self, key: &PublicKey) -> KeyStrength {
        if let Some(why) = key.unusable() {
            return KeyStrength::Unusable(why);
        }
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
    pub(super) algorithm: KeyAlgorithm,
    /// The complete SubjectPublicKeyInfo DER.
    pub(super) spki: Vec<u8>,
    /// The subjectPublicKey BIT STRING contents (RSAPublicKey DER, EC point, ...).
    pub(super) key: Vec<u8>,
    /// An RSA key's public exponent, when it fits 64 bits.
    pub(super) rsa_exponent: Option<u64>,
    /// A GOST key, parsed and checked on the curve at its first verification and kept
    /// with the key (shared by its clones): a key verified again (a CA's, an anchor's,
    /// held by a [`crate::Verifier`]) gets its comb table from its second use. The cache
    /// is the key's own: no process-wide state.
    pub(super) gost: std::sync::Arc<
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
    /// An RSA key's modulus and public exponent (big-endian, as its DER INTEGERs hold
    /// them); `None` for another key.
    pub(crate) fn rsa_components(&self) -> Option<(&[u8], &[u8])> {
        match self.algorithm {
            KeyAlgorithm::Rsa { .. } => rsa_public_key(&self.key),
            _ => None,
        }
    }

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
        // RFC 3279 §2.3.1: rsaEncryption's parameters are NULL (absent is read as NULL,
        // as other verifiers do); anything else there is no RSA key the RFC defines.
        let null_or_absent = params
            .as_ref()
            .is_none_or(|p| p.tag == TAG_NULL && p.content.is_empty());
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
            (param_oid, null_or_absent),
            key.to_vec(),
            spki.raw.to_vec(),
        ))
    }

    /// The key from its algorithm OID, parameters (their OID, and whether they are NULL or
    /// absent), subjectPublicKey bits and whole SPKI.
    fn from_parts(
        oid: String,
        (param_oid, null_or_absent): (Option<String>, bool),
        key: Vec<u8>,
        spki: Vec<u8>,
    ) -> PublicKey {
        let mut rsa_exponent = None;
        let algorithm = match oid.as_str() {
            // An rsaEncryption key with other parameters (an INTEGER, an OID, a
            // SEQUENCE ...) is not read as RSA: each such encoding would be one more
            // "key" to every comparison of keys while verifying the same signatures, and
            // no conforming issuer writes one. Unsupported: nothing it signs is valid.
            RSA_ENCRYPTION if !null_or_absent => KeyAlgorithm::Other {
                oid,
                parameters: param_oid,
            },
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
        let null_or_absent = spki
            .algorithm
            .parameters
            .as_ref()
            .is_none_or(|p| p.header.tag().0 == 5 && p.data.is_empty());
        let key = spki.subject_public_key.data.to_vec();
        // What the key is, from the same table as the reader's: the oracle checks what was
        // read (the OIDs and bits), not the table.
        PublicKey::from_parts(oid, (param_oid, null_or_absent), key, spki.raw.to_vec())
    }

    /// Do `self` and `other` share one prepared GOST key (one is a clone of the other)?
    #[cfg(test)]
    pub(crate) fn shares_gost_state(&self, other: &PublicKey) -> bool {
        std::sync::Arc::ptr_eq(&self.gost, &other.gost)
    }

    /// Why no signature by this key can ever verify, when its own value says so: an RSA
    /// key that is not a strict RSAPublicKey (octets after it, a negative or non-DER
    /// integer), or whose modulus is even or exponent even or 1 (RFC 8017 §3.1; ring refuses
    /// them at each verification); a GOST point off its curve or, on a curve of cofactor 4,
    /// outside the prime-order subgroup; an EC key that is not an uncompressed point of its
    /// curve, or an Ed25519 key that decodes to no point or to one of small order (review
    /// 48). `None` for keys the library does not know ([`KeyStrength::Unknown`] says so). A certificate whose key
    /// this refuses proves nothing: no signature by it can be valid, and a key strength
    /// report naming its size would be a report on a key that does not exist.
    pub(crate) fn unusable(&self) -> Option<String> {
        match self.algorithm {
            KeyAlgorithm::Rsa { .. } => {
                let Some((n, e)) = rsa_public_key_strict(&self.key) else {
                    return Some(
                        "the RSA key is not a DER RSAPublicKey of a positive modulus and exponent with nothing after it"
                            .into(),
                    );
                };
                if n.last().is_none_or(|b| b & 1 == 0) {
                    Some("the RSA modulus is even".into())
                } else if e.last().is_none_or(|b| b & 1 == 0) || e == [1] {
                    Some("the RSA public exponent is even or 1".into())
                } else {
                    None
                }
            }
            KeyAlgorithm::Gost(curve) => self
                .gost_key(curve)
                .err()
                .map(|e| format!("the GOST key is not a point of its curve's group: {e}")),
            KeyAlgorithm::Ed25519 => super::points::ed25519_point_fault(&self.key).or_else(|| {
                super::ed25519_small_order(&self.key)
                    .then(|| "the Ed25519 key is a point of small order".into())
            }),
            KeyAlgorithm::Ec(curve) => super::points::ec_point_fault(curve, &self.key),
            KeyAlgorithm::Other { .. } => None,
        }
    }

    /// The prepared GOST key on `curve` (parsed once per key).
    pub(super) fn gost_key(
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

    /// The key's canonical identity: the SHA-256 of what verifies with it, not of how its
    /// SubjectPublicKeyInfo is encoded. One key has many encodings the reader accepts
    /// (rsaEncryption with NULL or absent parameters; a GOST point under the NCA's, TC26's
    /// or the 2001 key OID, with or without a digest parameter set, as an OCTET STRING or
    /// bare): the comparisons of "the same key" that must verify alike (which anchor,
    /// which responder, which signature already verified, which KeyInfo candidate was
    /// tried) use this identity; which certificates carry a key lost for a compromise is
    /// asked by the wider [`PublicKey::holder_id`].
    ///
    /// Two keys of equal identity verify the same signatures the same way: the identity is
    /// the algorithm family and its value (RSA: modulus and exponent, minimal unsigned
    /// octets; GOST: the curve, not the key OID, and the point; EC: the curve and the
    /// uncompressed point; Ed25519: the key). A key not read as one of these (an
    /// unsupported algorithm, an encoding the verifier refuses) is identified by its
    /// SubjectPublicKeyInfo DER, under a label of its own: no two families share an
    /// identity, whatever their bytes.
    pub(crate) fn key_id(&self) -> [u8; 32] {
        match self.canonical() {
            Some((family, parts)) => identity(family, &parts),
            None => identity("spki", &[&self.spki]),
        }
    }

    /// The identity of the key's value, for distrust: wider than [`PublicKey::key_id`].
    /// A revocation for a compromise says a private key is lost, and that key is lost in
    /// every certificate carrying its value, however the certificate wraps it, also in an
    /// encoding this verifier refuses to verify with (RSA under id-RSASSA-PSS or with
    /// parameters other than NULL, a GOST point under a parameter set it does not map, an
    /// EC point under explicit parameters: review 43). So: RSA-family keys by modulus and
    /// exponent read leniently, whatever the algorithm identifier and however the
    /// RSAPublicKey is written; GOST keys by the point (as the verifier reads it on its
    /// curve; under a parameter set it does not map, read at a point's sizes), whatever
    /// the key OID; EC keys by x and y's parity, uncompressed, compressed or hybrid,
    /// whatever the curve parameters; others as [`PublicKey::key_id`]. Two keys of one
    /// `key_id` are always one holder (review 44).
    ///
    /// Only where a wider match errs toward distrust (which certificates carry a key a CA
    /// revoked, which key was refused already): never for caching what verified, where two
    /// keys must verify alike ([`PublicKey::key_id`]).
    pub(crate) fn holder_id(&self) -> [u8; 32] {
        use crate::oid::RSASSA_PSS;
        let oid = match &self.algorithm {
            KeyAlgorithm::Other { oid, .. } => Some(oid.as_str()),
            _ => None,
        };
        // Equal `key_id` must give equal `holder_id` (review 44): the verifying reading of
        // each family first, a wider one only where it refuses.
        let parity;
        let wide: Option<(&'static str, Vec<&[u8]>)> = match (&self.algorithm, oid) {
            (KeyAlgorithm::Rsa { .. }, _) | (_, Some(RSA_ENCRYPTION | RSASSA_PSS)) => {
                rsa_public_key_lax(&self.key).map(|(n, e)| ("rsa", vec![n, e]))
            }
            (KeyAlgorithm::Gost(curve), _) => {
                match crate::gost::parse_public_key(*curve, &self.key) {
                    Ok((x, y)) => Some(("gost point", vec![x, y])),
                    Err(_) => Some(("gost point", gost_point(&self.key))),
                }
            }
            (
                _,
                Some(
                    NCA_GOST2015_256_KEY
                    | NCA_GOST2015_512_KEY
                    | NCA_GOST2004_KEY
                    | TC26_GOST3410_256_KEY
                    | TC26_GOST3410_512_KEY
                    | GOST_R3410_2001_KEY,
                ),
            ) => Some(("gost point", gost_point(&self.key))),
            (KeyAlgorithm::Ec(_), _) | (_, Some(EC_PUBLIC_KEY)) => match ec_point_x(&self.key) {
                Some((x, odd)) => {
                    parity = [u8::from(odd)];
                    Some(("ec point", vec![x, &parity]))
                }
                None => Some(("ec point bytes", vec![self.key.as_slice()])),
            },
            _ => None,
        };
        match wide {
            Some((family, parts)) => identity(family, &parts),
            None => self.key_id(),
        }
    }

    /// The family and value parts of [`PublicKey::key_id`]; `None` when the key is
    /// identified by its encoding (see there).
    fn canonical(&self) -> Option<(&'static str, Vec<&[u8]>)> {
        match &self.algorithm {
            KeyAlgorithm::Rsa { .. } => {
                let (n, e) = rsa_public_key_strict(&self.key)?;
                Some(("rsa", vec![n, e]))
            }
            KeyAlgorithm::Gost(curve) => {
                let (x, y) = crate::gost::parse_public_key(*curve, &self.key).ok()?;
                Some(("gost", vec![curve.oid().as_bytes(), x, y]))
            }
            KeyAlgorithm::Ec(curve) => {
                let coordinate = match curve {
                    Curve::P256 => 32,
                    Curve::P384 => 48,
                    Curve::P521 => 66,
                };
                let uncompressed =
                    self.key.first() == Some(&0x04) && self.key.len() == 1 + 2 * coordinate;
                let name: &'static [u8] = match curve {
                    Curve::P256 => P256.as_bytes(),
                    Curve::P384 => P384.as_bytes(),
                    Curve::P521 => P521.as_bytes(),
                };
                uncompressed.then(|| ("ec", vec![name, self.key.as_slice()]))
            }
            KeyAlgorithm::Ed25519 => Some(("ed25519", vec![self.key.as_slice()])),
            KeyAlgorithm::Other { .. } => None,
        }
    }
}

/// The SHA-256 of a key identity: a label, the family and its parts, each prefixed by its
/// length (no two sequences of parts hash alike).
fn identity(family: &str, parts: &[&[u8]]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(b"qoltanba key identity 1");
    field(family.as_bytes());
    for p in parts {
        field(p);
    }
    h.finalize().into()
}

/// The coordinates of a GOST point whose curve is not known, read as
/// `gost::parse_public_key` reads a known curve's: bits of a point's size (64 or 128
/// octets) are a bare `x || y`; else an OCTET STRING of such a size is unwrapped; else the
/// bits as they are. `[x, y]` (or `[bits]`), so that a point the verifier reads on its
/// curve and the same octets under a parameter set it does not map are one holder.
fn gost_point(bits: &[u8]) -> Vec<&[u8]> {
    let body = match bits.len() {
        64 | 128 => Some(bits),
        _ => match bits {
            [0x04, 0x40, rest @ ..] if rest.len() == 64 => Some(rest),
            [0x04, 0x81, 0x80, rest @ ..] if rest.len() == 128 => Some(rest),
            _ => None,
        },
    };
    match body {
        Some(b) => {
            let (x, y) = b.split_at(b.len() / 2);
            vec![x, y]
        }
        None => vec![bits],
    }
}

/// An EC point's x coordinate and whether its y is odd, however the point is written
/// (SEC 1 §2.3.3: uncompressed `04 x y`, compressed `02|03 x`, hybrid `06|07 x y`): one
/// point is one holder whichever form a certificate writes it in (RFC 5480 allows the
/// compressed one). `None` for what is no point encoding.
fn ec_point_x(point: &[u8]) -> Option<(&[u8], bool)> {
    match point.split_first()? {
        (0x04, xy) if !xy.is_empty() && xy.len() % 2 == 0 => {
            let (x, y) = xy.split_at(xy.len() / 2);
            Some((x, y.last()? & 1 == 1))
        }
        (p @ (0x02 | 0x03), x) if !x.is_empty() => Some((x, p & 1 == 1)),
        (p @ (0x06 | 0x07), xy) if !xy.is_empty() && xy.len() % 2 == 0 => {
            Some((&xy[..xy.len() / 2], p & 1 == 1))
        }
        _ => None,
    }
}

/// The modulus and exponent of an RSAPublicKey read leniently, for distrust only: the first
/// two INTEGERs of the outer SEQUENCE (definite lengths), their leading zero octets
/// stripped, whatever follows them. A key the verifiers refuse (a trailing octet, a
/// non-minimal INTEGER) still carries the modulus a compromise lost (review 44).
fn rsa_public_key_lax(key: &[u8]) -> Option<(&[u8], &[u8])> {
    fn tlv(b: &[u8]) -> Option<(u8, &[u8], &[u8])> {
        let (&tag, rest) = b.split_first()?;
        let (&first, rest) = rest.split_first()?;
        let (len, rest) = if first < 0x80 {
            (usize::from(first), rest)
        } else {
            let n = usize::from(first & 0x7F);
            if n == 0 || n > 4 || rest.len() < n {
                return None;
            }
            let len = rest[..n]
                .iter()
                .fold(0usize, |a, b| (a << 8) | usize::from(*b));
            (len, &rest[n..])
        };
        (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
    }
    fn strip(v: &[u8]) -> &[u8] {
        let zeros = v.iter().take_while(|b| **b == 0).count();
        &v[zeros..]
    }
    let (0x30, body, _) = tlv(key)? else {
        return None;
    };
    let (0x02, n, rest) = tlv(body)? else {
        return None;
    };
    let (0x02, e, _) = tlv(rest)? else {
        return None;
    };
    let (n, e) = (strip(n), strip(e));
    (!n.is_empty() && !e.is_empty()).then_some((n, e))
}

/// The modulus and public exponent of an RSAPublicKey read as the verifiers read it (a
/// DER `SEQUENCE { modulus, publicExponent }`, both positive, nothing after either), their
/// sign octets stripped; `None` otherwise (such a key verifies nothing, and is identified
/// by its encoding: two keys of one [`PublicKey::key_id`] must verify alike).
fn rsa_public_key_strict(key: &[u8]) -> Option<(&[u8], &[u8])> {
    const W: &str = "RSA public key";
    let mut top = Reader::named(key, W);
    let seq = top.expect(TAG_SEQUENCE, W).ok()?;
    top.finish(W).ok()?;
    let mut r = seq.inner();
    let n = crate::der::expect_der_integer(&mut r, W).ok()?;
    let e = crate::der::expect_der_integer(&mut r, W).ok()?;
    r.finish(W).ok()?;
    let positive = |i: &'_ [u8]| -> Option<()> { (i.first()? & 0x80 == 0).then_some(()) };
    positive(n.content)?;
    positive(e.content)?;
    let minimal = |i: &[u8]| -> usize { i.iter().position(|&b| b != 0).unwrap_or(i.len()) };
    Some((
        &n.content[minimal(n.content)..],
        &e.content[minimal(e.content)..],
    ))
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
pub(super) fn rsa_modulus_bits(key: &[u8]) -> Option<usize> {
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

#[cfg(test)]
mod key_id_tests;
