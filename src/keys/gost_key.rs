//! GOST private keys as their containers hold them (NCA's little-endian scalars, the
//! TC26 and CryptoPro keys), and whether one is a certificate's key.

use std::fmt;

use zeroize::Zeroizing;

use super::spki;
use crate::ber;
use crate::error::{Error, Result};
use crate::gost::{GostAlgorithm, GostCurve, GostSignError, GostSigningKey};
use crate::oid::{
    GOST_R3410_2001_KEY, GOST_R3410_2001_SIGNATURE, NCA_GOST2004_KEY, NCA_GOST2004_SIGNATURE,
    NCA_GOST2015_256_KEY, NCA_GOST2015_256_SIGNATURE, NCA_GOST2015_512_KEY,
    NCA_GOST2015_512_SIGNATURE, TC26_GOST3410_256_KEY, TC26_GOST3410_512_KEY, TC26_SIGNATURE_256,
    TC26_SIGNATURE_512,
};

/// A GOST private key as read from its container: the scalar (big-endian, zeroized on drop)
/// and the OIDs that say which curve and hash it goes with.
pub struct GostPrivateKey {
    pub(crate) algorithm_oid: String,
    pub(crate) params_oid: String,
    pub(crate) digest_oid: Option<String>,
    pub(crate) scalar: Zeroizing<Vec<u8>>,
    pub(crate) public_key: Option<Vec<u8>>,
}

impl GostPrivateKey {
    /// The key algorithm OID (e.g. `1.2.398.3.10.1.1.2.2`, NCA's GOST R 34.10-2015 512-bit).
    pub fn algorithm_oid(&self) -> &str {
        &self.algorithm_oid
    }

    /// The curve / parameter-set OID (e.g. `1.2.398.3.10.1.1.2.2.1`, TC26 512 paramSetA).
    pub fn params_oid(&self) -> &str {
        &self.params_oid
    }

    /// The digest parameter OID, when the key names one (e.g. `1.2.398.3.10.1.3.3`).
    pub fn digest_oid(&self) -> Option<&str> {
        self.digest_oid.as_deref()
    }

    /// The private scalar d, big-endian without leading zeros. Secret: do not log it.
    pub fn scalar(&self) -> &[u8] {
        &self.scalar
    }

    /// The public key octets when the container carried them (PKCS#8 v2), as found: a claim
    /// of the container's, never used to pair the key with a certificate (anyone can copy a
    /// certificate's public key there).
    pub fn public_key(&self) -> Option<&[u8]> {
        self.public_key.as_deref()
    }

    /// The GOST signature algorithm of [`GostPrivateKey::signature_oid`].
    pub fn gost_algorithm(&self) -> Option<GostAlgorithm> {
        GostAlgorithm::from_signature_oid(self.signature_oid())
    }

    /// The curve named by the parameter-set OID, when the library knows it.
    pub fn curve(&self) -> Option<GostCurve> {
        GostCurve::from_oid(&self.params_oid)
    }

    /// A bare GOST signer for this key (feature `hazmat`; documents are signed through
    /// [`SigningKey`](super::SigningKey)): its curve known, `0 < d < q`. The scalar is copied into the signer's
    /// own zeroized buffer.
    #[cfg(feature = "hazmat")]
    pub fn signing_key(&self) -> Result<GostSigningKey> {
        self.signer()
    }

    /// The signer behind [`SigningKey`](super::SigningKey)'s GOST keys.
    pub(crate) fn signer(&self) -> Result<GostSigningKey> {
        let curve = self.curve().ok_or_else(|| {
            Error::Unsupported(format!(
                "GOST parameter set {} (no curve known for it)",
                self.params_oid
            ))
        })?;
        GostSigningKey::from_be_bytes(curve, &self.scalar).map_err(gost_sign_error)
    }

    /// The SubjectPublicKeyInfo (DER) of `Q = d·G`, in the form the NCA's certificates
    /// carry: the key algorithm with `SEQUENCE { paramSet, digest }` (the digest OID only
    /// when the key names one), and the BIT STRING holding an OCTET STRING of `x ‖ y`, each
    /// little-endian.
    pub fn public_key_spki(&self) -> Result<Vec<u8>> {
        let key = self.signer()?;
        let mut params = ber::oid(&self.params_oid);
        if let Some(d) = &self.digest_oid {
            params.extend_from_slice(&ber::oid(d));
        }
        let mut alg = ber::oid(&self.algorithm_oid);
        alg.extend_from_slice(&ber::der(0x30, &params));
        Ok(spki(&alg, &key.public_key_bits()))
    }

    /// The signature algorithm OID that goes with this key.
    pub fn signature_oid(&self) -> &'static str {
        gost_signature_oid(&self.algorithm_oid).unwrap_or(GOST_R3410_2001_SIGNATURE)
    }
}

/// The signature algorithm OID that goes with a GOST key algorithm OID (NCA's keys sign
/// NCA's algorithms, TC26 keys TC26's), when it is one of them: private keys sign with it,
/// and a raw signature checked against a certificate's key is read as it.
pub(crate) fn gost_signature_oid(key_oid: &str) -> Option<&'static str> {
    Some(match key_oid {
        NCA_GOST2015_512_KEY => NCA_GOST2015_512_SIGNATURE,
        NCA_GOST2015_256_KEY => NCA_GOST2015_256_SIGNATURE,
        NCA_GOST2004_KEY => NCA_GOST2004_SIGNATURE,
        TC26_GOST3410_256_KEY => TC26_SIGNATURE_256,
        TC26_GOST3410_512_KEY => TC26_SIGNATURE_512,
        GOST_R3410_2001_KEY => GOST_R3410_2001_SIGNATURE,
        _ => return None,
    })
}

impl fmt::Debug for GostPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GostPrivateKey")
            .field("algorithm_oid", &self.algorithm_oid)
            .field("params_oid", &self.params_oid)
            .field("digest_oid", &self.digest_oid)
            .field(
                "scalar",
                &format_args!("<redacted {} bytes>", self.scalar.len()),
            )
            .finish()
    }
}

/// Is the certificate key `cert_bits` (on `cert_curve`, when known) the public key of `g`?
/// `d·G` is computed in constant time. A key whose `d·G` cannot be computed (a curve the
/// library does not know, a scalar out of range) matches nothing: the public key its
/// container may carry is not compared, since a copy of the certificate's would pass.
pub(super) fn gost_key_matches(
    g: &GostPrivateKey,
    cert_curve: Option<GostCurve>,
    cert_bits: &[u8],
) -> bool {
    let theirs = gost_public_bytes(cert_bits);
    g.signer().is_ok_and(|key| {
        // NCA and TC26 OIDs of one parameter set name the same curve.
        cert_curve.is_none_or(|c| c == key.curve()) && key.public_key_xy() == theirs
    })
}

pub(super) fn gost_sign_error(e: GostSignError) -> Error {
    match e {
        GostSignError::InvalidPrivateKey(reason) => Error::MalformedDer {
            what: "GOST private key",
            reason: reason.into(),
        },
        other => Error::Unsupported(format!("GOST signing: {other}")),
    }
}

/// A GOST subjectPublicKey is usually an OCTET STRING wrapping x||y; accept both forms.
pub(super) fn gost_public_bytes(b: &[u8]) -> &[u8] {
    match ber::Tlv::read_exact(b, "GOST public key") {
        Ok(t) if t.is_universal(ber::tag::OCTET_STRING) && !t.constructed => t.content,
        _ => b,
    }
}
