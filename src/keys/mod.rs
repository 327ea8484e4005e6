//! Private keys as NCA RK issues them, for signing output documents.
//!
//! * [`SigningKey::from_pkcs8`]: PKCS#8 DER or PEM (`PRIVATE KEY`), encrypted PKCS#8
//!   (`ENCRYPTED PRIVATE KEY`: PBES2 with PBKDF2 and AES-CBC or 3DES, or the PKCS#12 PBE
//!   algorithms), and OpenSSL's older `RSA PRIVATE KEY` / `EC PRIVATE KEY`.
//! * [`open_pkcs12`]: PKCS#12 files, NCA's legacy ones (SHA-1 MAC, 3DES key bag, RC2-40
//!   certificates, BER) and OpenSSL 3's (PBES2/AES-256, HMAC-SHA-256 MAC).
//!
//! RSA and ECDSA (P-256, P-384) keys sign through `ring`. GOST keys (NCA's GOST R
//! 34.10-2015 512-bit keys, and the other GOST families) are read into a
//! [`GostPrivateKey`] and sign through the library's GOST signer (constant-time in
//! the key and the nonce): NCA OIDs give NCA-format signatures (`r ‖ s` little-endian),
//! the TC26 / CryptoPro OIDs RFC 4491 ones (`s ‖ r` big-endian).
//!
//! ## How NCA encodes a GOST private key
//!
//! Inside NCA's PKCS#12 files (`gost2015/*.p12`), the decrypted pkcs8ShroudedKeyBag is a
//! PKCS#8 v1 PrivateKeyInfo whose algorithm is `1.2.398.3.10.1.1.2.2` with parameters
//! `SEQUENCE { 1.2.398.3.10.1.1.2.2.1, 1.2.398.3.10.1.3.3 }` (parameter set, Streebog-512),
//! and whose privateKey OCTET STRING wraps a second OCTET STRING of 64 octets: the private
//! scalar *little-endian* (the same byte order as NCA's public keys and signatures).
//! [`GostPrivateKey::scalar`] gives it big-endian. This was established on the NCA test
//! files: read little-endian, d·G on TC26 512 paramSetA is the certificate's public key;
//! read big-endian, it is not (`tests/keys.rs` checks d·G = Q for all four files through
//! `hazmat::gost::verify_integers`). NCA's GOST PKCS#8 carries no public key: a GOST
//! [`SigningKey`] computes it (`Q = d·G`, in constant time) to match a certificate. A key
//! is paired with a certificate only so: a GOST key on a curve the library knows must have
//! a scalar in range (`1 <= d < q`: else it is no key, and is refused), and a key on a curve
//! it does not know cannot be shown to be any certificate's, so [`open_pkcs12`] refuses it
//! (a public key its container carries beside it proves nothing: anyone can copy one; review
//! 27 was handed a stranger's certificate so).
//!
//! Secrets (decrypted containers, derived keys, GOST scalars) are held in
//! [`zeroize::Zeroizing`] buffers, and no `Debug` output shows them. The `ring` key pairs
//! keep their own copies, which `ring` does not zeroize. Key files and passwords are read
//! into such buffers from the start ([`read_secret_file`], [`read_password_file`],
//! [`password_from_env`]), and a PEM-armoured key is decoded by this module's own reader,
//! which decodes only the key's block and leaves no copy of its base64 text behind
//! (`tests/secrets.rs` inspects freed memory for copies).
//!
//! # Example
//!
//! ```
//! use qoltanba::keys::open_pkcs12;
//!
//! let p12 = std::fs::read("test-vectors/pki/individual_sign.p12")?;
//! let bundle = open_pkcs12(&p12, b"Qwerty12")?;
//! assert!(bundle.key.can_sign());
//! let iin = bundle.certificate.facts().iin.clone();
//! assert_eq!(iin.as_ref().map(|i| i.as_str()), Some("123456789011"));
//! let signature = bundle.key.sign(b"output document")?; // PKCS#1 v1.5 / GOST, per the key
//! assert!(!signature.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod armor;
mod bundle;
mod gost_key;
mod pbe;
pub mod pkcs12;
pub mod pkcs8;
mod secrets;

use std::fmt;

use ring::rand::SystemRandom;
use ring::signature::{self as rs, EcdsaKeyPair, KeyPair as _, RsaKeyPair};
use zeroize::Zeroizing;

use crate::ber;
use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::gost::GostCurve;
use crate::oid::{EC_PUBLIC_KEY, P256, P384, RSA_ENCRYPTION};
use crate::signature::{Curve, HashAlgorithm, KeyAlgorithm, SignatureAlgorithm};

pub use bundle::{open_pkcs12, KeyBundle};
#[cfg(feature = "server")]
pub(crate) use bundle::{Pairing, Pkcs12Keys};
#[cfg(feature = "server")]
pub(crate) use gost_key::gost_signature_oid;
pub use gost_key::GostPrivateKey;
use gost_key::{gost_key_matches, gost_sign_error};
pub(crate) use pbe::KdfBudget;
pub use pbe::{MAX_ITERATIONS, MAX_KDF_WORK};
pub use secrets::{password_from_env, read_password_file, read_secret_file, MAX_PASSWORD_FILE_LEN};

/// A private key that signs: RSA (PKCS#1 v1.5 with SHA-256) or ECDSA (P-256 with SHA-256,
/// P-384 with SHA-384) through `ring`, or a GOST key (GOST R 34.10-2012 / 34.310-2004 with
/// the hash its algorithm names, e.g. Streebog-512 for NCA's 2015 512-bit keys).
pub struct SigningKey {
    inner: Inner,
}

enum Inner {
    Rsa(Box<RsaKeyPair>),
    Ecdsa {
        pair: Box<EcdsaKeyPair>,
        curve: Curve,
    },
    Gost(GostPrivateKey),
}

impl SigningKey {
    /// Load a private key from PKCS#8 (DER or PEM `PRIVATE KEY`), encrypted PKCS#8
    /// (`ENCRYPTED PRIVATE KEY`, needs `password`), PKCS#1 `RSA PRIVATE KEY` or SEC1
    /// `EC PRIVATE KEY` PEM. A PEM file may hold other blocks (certificates) beside the key.
    ///
    /// A missing or wrong password for an encrypted key is [`Error::WrongPassword`]; a key
    /// type `ring` cannot sign with is [`Error::Unsupported`] (GOST keys load, see
    /// [`SigningKey::gost`]).
    pub fn from_pkcs8(der_or_pem: &[u8], password: Option<&[u8]>) -> Result<SigningKey> {
        pkcs8::signing_key_from_input(der_or_pem, password)
    }

    pub(crate) fn rsa_from_pkcs1(der: &[u8]) -> Result<SigningKey> {
        let pair = RsaKeyPair::from_der(der)
            .map_err(|e| Error::Unsupported(format!("RSA private key rejected by ring: {e}")))?;
        Ok(SigningKey {
            inner: Inner::Rsa(Box::new(pair)),
        })
    }

    pub(crate) fn ecdsa_from_parts(
        curve: Curve,
        scalar: &[u8],
        public: &[u8],
    ) -> Result<SigningKey> {
        let (alg, len): (&'static rs::EcdsaSigningAlgorithm, usize) = match curve {
            Curve::P256 => (&rs::ECDSA_P256_SHA256_ASN1_SIGNING, 32),
            Curve::P384 => (&rs::ECDSA_P384_SHA384_ASN1_SIGNING, 48),
            Curve::P521 => return Err(Error::Unsupported("ECDSA signing on P-521".into())),
        };
        // Some writers drop leading zero octets of the scalar, others add one: ring wants
        // exactly the field length.
        let start = scalar.iter().position(|&b| b != 0).unwrap_or(scalar.len());
        let trimmed = &scalar[start..];
        if trimmed.len() > len {
            return Err(Error::MalformedDer {
                what: "EC private key",
                reason: "private scalar longer than the curve order".into(),
            });
        }
        let mut padded = Zeroizing::new(vec![0u8; len]);
        padded[len - trimmed.len()..].copy_from_slice(trimmed);
        let pair = EcdsaKeyPair::from_private_key_and_public_key(
            alg,
            &padded,
            public,
            &SystemRandom::new(),
        )
        .map_err(|e| Error::Unsupported(format!("EC private key rejected by ring: {e}")))?;
        Ok(SigningKey {
            inner: Inner::Ecdsa {
                pair: Box::new(pair),
                curve,
            },
        })
    }

    pub(crate) fn from_gost(key: GostPrivateKey) -> SigningKey {
        SigningKey {
            inner: Inner::Gost(key),
        }
    }

    /// The signature algorithm this key signs with: `RsaPkcs1(Sha256)`, `Ecdsa(Sha256)`
    /// (P-256), `Ecdsa(Sha384)` (P-384); for GOST keys, what [`SignatureAlgorithm`] makes of
    /// the GOST signature OID ([`GostPrivateKey::gost_algorithm`] names it exactly).
    pub fn algorithm(&self) -> SignatureAlgorithm {
        match &self.inner {
            Inner::Rsa(_) => SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256),
            Inner::Ecdsa {
                curve: Curve::P384, ..
            } => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha384),
            Inner::Ecdsa { .. } => SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256),
            Inner::Gost(g) => signature_algorithm_from_oid(g.signature_oid()),
        }
    }

    /// The key's algorithm (RSA with its size, EC curve, or the GOST OIDs).
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        match &self.inner {
            Inner::Rsa(p) => KeyAlgorithm::Rsa {
                bits: p.public().modulus_len() * 8,
            },
            Inner::Ecdsa { curve, .. } => KeyAlgorithm::Ec(*curve),
            Inner::Gost(g) => match g.curve() {
                Some(curve) => KeyAlgorithm::Gost(curve),
                None => KeyAlgorithm::Other {
                    oid: g.algorithm_oid.clone(),
                    parameters: Some(g.params_oid.clone()),
                },
            },
        }
    }

    /// The public key as a DER SubjectPublicKeyInfo, to match against a certificate. For a
    /// GOST key it is computed (`Q = d·G`, see [`GostPrivateKey::public_key_spki`]); empty
    /// for a GOST key on a curve the library does not know.
    pub fn public_key_spki(&self) -> Vec<u8> {
        match &self.inner {
            Inner::Rsa(p) => {
                let mut alg = ber::oid(RSA_ENCRYPTION);
                alg.extend_from_slice(&[0x05, 0x00]);
                spki(&alg, p.public().as_ref())
            }
            Inner::Ecdsa { pair, curve } => {
                let mut alg = ber::oid(EC_PUBLIC_KEY);
                alg.extend_from_slice(&ber::oid(match curve {
                    Curve::P384 => P384,
                    _ => P256,
                }));
                spki(&alg, pair.public_key().as_ref())
            }
            Inner::Gost(g) => g.public_key_spki().unwrap_or_default(),
        }
    }

    /// Sign `message` (the hash is computed here). RSA and ECDSA through `ring` (ECDSA
    /// signatures are DER). GOST with the hash of the key's signature algorithm (Streebog-512
    /// for NCA's `1.2.398.3.10.1.1.2.3.2`) and a fresh random nonce: `r ‖ s` little-endian
    /// for the NCA OIDs, `s ‖ r` big-endian (RFC 4491) for the others; a key on a curve the
    /// library does not know is [`Error::Unsupported`].
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        let rng = SystemRandom::new();
        match &self.inner {
            Inner::Rsa(pair) => {
                let mut sig = vec![0u8; pair.public().modulus_len()];
                pair.sign(&rs::RSA_PKCS1_SHA256, &rng, message, &mut sig)
                    .map_err(|_| Error::Unsupported("RSA signing failed".into()))?;
                Ok(sig)
            }
            Inner::Ecdsa { pair, .. } => pair
                .sign(&rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| Error::Unsupported("ECDSA signing failed".into())),
            Inner::Gost(g) => {
                let algorithm = g.gost_algorithm().ok_or_else(|| {
                    Error::Unsupported(format!("GOST signature algorithm {}", g.signature_oid()))
                })?;
                g.signer()?
                    .sign(algorithm, message)
                    .map_err(gost_sign_error)
            }
        }
    }

    /// Is `cert`'s public key this key's public key? Compared by value (RSA modulus and
    /// exponent, EC point; for GOST, `d·G` computed in constant time against the
    /// certificate's point, same key algorithm and curve). `false` for a GOST key whose
    /// `d·G` cannot be computed (a curve the library does not know, a scalar out of range):
    /// a public key its container carried beside it is not compared, being no proof (it may
    /// be a copy of the certificate's).
    pub fn matches(&self, cert: &Certificate) -> bool {
        let pk = cert.public_key();
        match (&self.inner, pk.algorithm()) {
            (Inner::Rsa(pair), KeyAlgorithm::Rsa { .. }) => {
                use crate::signature::rsa_public_key;
                let (Some(ours), Some(theirs)) = (
                    rsa_public_key(pair.public().as_ref()),
                    rsa_public_key(pk.key_bytes()),
                ) else {
                    return false;
                };
                strip(ours.0) == strip(theirs.0) && strip(ours.1) == strip(theirs.1)
            }
            (Inner::Ecdsa { pair, curve }, KeyAlgorithm::Ec(c)) => {
                c == curve && pair.public_key().as_ref() == pk.key_bytes()
            }
            (Inner::Gost(g), KeyAlgorithm::Gost(curve)) => {
                gost_key_matches(g, Some(*curve), pk.key_bytes())
            }
            (Inner::Gost(g), KeyAlgorithm::Other { oid, parameters }) => {
                oid == &g.algorithm_oid
                    && match parameters.as_deref() {
                        None => gost_key_matches(g, None, pk.key_bytes()),
                        // A parameter set the library does not know: nothing to compute.
                        Some(p) => GostCurve::from_oid(p)
                            .is_some_and(|curve| gost_key_matches(g, Some(curve), pk.key_bytes())),
                    }
            }
            _ => false,
        }
    }

    /// The GOST key, when this is one.
    pub fn gost(&self) -> Option<&GostPrivateKey> {
        match &self.inner {
            Inner::Gost(g) => Some(g),
            _ => None,
        }
    }

    /// Can [`SigningKey::sign`] sign with this key? For GOST: its curve and signature
    /// algorithm are known and `0 < d < q`.
    pub fn can_sign(&self) -> bool {
        match &self.inner {
            Inner::Gost(g) => g.gost_algorithm().is_some() && g.signer().is_ok(),
            _ => true,
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("SigningKey");
        d.field("algorithm", &self.key_algorithm().to_string());
        if let Inner::Gost(g) = &self.inner {
            d.field("gost", g);
        }
        d.field("private", &"<redacted>").finish()
    }
}

fn strip(b: &[u8]) -> &[u8] {
    &b[b.iter().position(|&x| x != 0).unwrap_or(b.len())..]
}

fn spki(alg_content: &[u8], key: &[u8]) -> Vec<u8> {
    let mut bits = Vec::with_capacity(key.len() + 1);
    bits.push(0);
    bits.extend_from_slice(key);
    let mut body = ber::der(0x30, alg_content);
    body.extend_from_slice(&ber::der(0x03, &bits));
    ber::der(0x30, &body)
}

/// Resolve a signature OID through the same code that reads certificates, so GOST becomes
/// supported here when it is there.
fn signature_algorithm_from_oid(oid: &str) -> SignatureAlgorithm {
    SignatureAlgorithm::from_parts(oid, None)
}

impl crate::cms::Signer for SigningKey {
    fn signature_algorithm(&self) -> SignatureAlgorithm {
        self.algorithm()
    }
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>> {
        SigningKey::sign(self, msg)
    }
}

#[cfg(test)]
mod tests {
    use super::bundle::{Pairing, Pkcs12Keys, MAX_ALIAS_CHARS};
    use super::*;

    fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = std::env::temp_dir().join(format!("qoltanba-{name}-{}", std::process::id()));
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn secret_files_are_read_into_zeroizing_buffers() {
        // The type is the guarantee: these buffers are zeroized on drop.
        let p = temp("key", &[7u8; 1000]);
        let key: Zeroizing<Vec<u8>> = read_secret_file(&p, 1000).unwrap();
        assert_eq!(&key[..], [7u8; 1000]);
        assert_eq!(key.capacity(), 1001, "allocated once, at the file's size");
        assert!(matches!(
            read_secret_file(&p, 999),
            Err(Error::TooLarge { limit: 999, .. })
        ));
        let _ = std::fs::remove_file(&p);
        let p = temp("empty", b"");
        assert!(read_secret_file(&p, 10).unwrap().is_empty());
        let _ = std::fs::remove_file(&p);

        for (text, password) in [
            (&b"Qwerty12\nsecond line\n"[..], &b"Qwerty12"[..]),
            (b"Qwerty12\r\n", b"Qwerty12"),
            (b"no newline", b"no newline"),
            (b"\n", b""),
            ("пароль\n".as_bytes(), "пароль".as_bytes()),
        ] {
            let p = temp("pw", text);
            let read: Zeroizing<Vec<u8>> = read_password_file(&p).unwrap();
            assert_eq!(&read[..], password);
            let _ = std::fs::remove_file(&p);
        }
        let p = temp("pw-large", &vec![b'x'; MAX_PASSWORD_FILE_LEN + 1]);
        assert!(read_password_file(&p).is_err());
        let _ = std::fs::remove_file(&p);
        assert!(read_secret_file(std::path::Path::new("/nonexistent/key"), 10).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_file_that_grows_is_read_whole() {
        // A pipe reports size 0: the buffer grows, each step a zeroizing buffer.
        let mut child = std::process::Command::new("sh")
            .args(["-c", "printf 'a%.0s' $(seq 1 300) > \"$0\"", "/dev/stdout"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        use std::os::fd::AsRawFd as _;
        let path = std::path::PathBuf::from(format!("/proc/self/fd/{}", out.as_raw_fd()));
        if path.exists() {
            let read = read_secret_file(&path, 1000).unwrap();
            assert_eq!(&read[..], [b'a'; 300]);
        }
        drop(out);
        let _ = child.wait();
    }

    // --- aliases ---------------------------------------------------------------------

    fn pki(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/test-vectors/pki/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// The DER of a PEM file's one block.
    fn pem_der(name: &str) -> Vec<u8> {
        use base64::Engine as _;
        let text = String::from_utf8(pki(name)).unwrap();
        let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    }

    /// A bag attribute: `SEQUENCE { oid, SET { value } }`.
    fn attribute(oid: &str, value: Vec<u8>) -> Vec<u8> {
        ber::sequence(&[&ber::oid(oid), &ber::der(0x31, &value)])
    }

    /// A PKCS#12 with neither MAC nor encryption (the reader takes it with any password):
    /// each key a keyBag with `attrs` (raw attribute DER), each certificate a certBag.
    fn plain_pkcs12(keys: &[(Vec<u8>, Vec<Vec<u8>>)], certs: &[Vec<u8>]) -> Vec<u8> {
        use crate::oid::{BAG_CERT, BAG_KEY, CERT_TYPE_X509, ID_DATA};
        let mut bags = Vec::new();
        for (pkcs8, attrs) in keys {
            let mut parts = vec![ber::oid(BAG_KEY), ber::der(0xa0, pkcs8)];
            if !attrs.is_empty() {
                parts.push(ber::der(0x31, &attrs.concat()));
            }
            let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
            bags.push(ber::sequence(&refs));
        }
        for cert in certs {
            let value = ber::sequence(&[
                &ber::oid(CERT_TYPE_X509),
                &ber::der(0xa0, &ber::octet_string(cert)),
            ]);
            bags.push(ber::sequence(&[
                &ber::oid(BAG_CERT),
                &ber::der(0xa0, &value),
            ]));
        }
        let safe_contents = ber::der(0x30, &bags.concat());
        let content_info = |data: &[u8]| {
            ber::sequence(&[
                &ber::oid(ID_DATA),
                &ber::der(0xa0, &ber::octet_string(data)),
            ])
        };
        let auth_safe = ber::der(0x30, &content_info(&safe_contents));
        ber::sequence(&[&ber::der(0x02, &[3]), &content_info(&auth_safe)])
    }

    fn bmp(text: &str) -> Vec<u8> {
        let units: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        ber::der(0x1e, &units)
    }

    #[test]
    fn aliases_of_the_test_containers() {
        let keys = Pkcs12Keys::read(&pki("individual_sign.p12"), b"Qwerty12", None).unwrap();
        assert_eq!(keys.aliases(), ["individual_sign"]);
        assert!(keys.bundle(Some("legal_sign")).unwrap().is_none());
        let keys = Pkcs12Keys::read(&pki("individual_sign.p12"), b"Qwerty12", None).unwrap();
        let b = keys.bundle(Some("individual_sign")).unwrap().unwrap();
        assert!(b.key.matches(&b.certificate));
        assert!(matches!(
            Pkcs12Keys::read(&pki("individual_sign.p12"), b"wrong", None),
            Err(Error::WrongPassword(_))
        ));
    }

    /// NCA's containers (`../shared/nca-test-pki`, when present): the key's friendlyName is
    /// its localKeyId in lowercase hex.
    #[test]
    fn aliases_of_nca_containers() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/nca-test-pki");
        if !dir.is_dir() {
            eprintln!("skipped: {} is absent", dir.display());
            return;
        }
        for (file, alias) in [
            (
                "gost2015/individual_valid.p12",
                "ec425659bd2fc6dc587b871aede1857727cf8451",
            ),
            (
                "rsa/person_sign_2020.p12",
                "11c707bd54cbfcccb3815e39c4eb57b1dc7dfea9",
            ),
        ] {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let keys = Pkcs12Keys::read(&bytes, b"Qwerty12", None).unwrap();
            assert_eq!(keys.aliases(), [alias], "{file}");
            let b = keys.bundle(Some(alias)).unwrap().unwrap();
            assert!(b.key.matches(&b.certificate), "{file}");
        }
    }

    /// A GOST PKCS#8 in NCA's form (its 512-bit algorithm, Streebog-512) on the parameter
    /// set `params`, scalar `d_le`, and with `public` as a PKCS#8 v2 publicKey.
    fn gost_pkcs8(params: &str, d_le: &[u8], public: Option<&[u8]>) -> Vec<u8> {
        let alg = ber::sequence(&[
            &ber::oid(crate::oid::NCA_GOST2015_512_KEY),
            &ber::sequence(&[&ber::oid(params), &ber::oid("1.2.398.3.10.1.3.3")]),
        ]);
        let key = ber::octet_string(&ber::octet_string(d_le));
        match public {
            None => ber::sequence(&[&ber::der(0x02, &[0]), &alg, &key]),
            Some(p) => {
                let mut bits = vec![0u8];
                bits.extend_from_slice(p);
                ber::sequence(&[&ber::der(0x02, &[1]), &alg, &key, &ber::der(0x81, &bits)])
            }
        }
    }

    /// Review 27: a key is paired with a certificate only when proven to be its key. A GOST
    /// key on a known curve with its scalar out of range is no key (refused, whatever
    /// localKeyId it shares with the certificate); a key on an unknown parameter set is
    /// never the certificate's (`Unproven`, and refused by `open_pkcs12`), even when its
    /// container carries a copy of the certificate's public key.
    #[test]
    fn a_key_is_paired_only_with_a_certificate_it_is_proven_to_be() {
        let cert = pki("individual_sign.cer");
        let id = || attribute(crate::oid::ATTR_LOCAL_KEY_ID, ber::octet_string(b"victim"));
        let read = |pkcs8: Vec<u8>| {
            Pkcs12Keys::read(
                &plain_pkcs12(&[(pkcs8, vec![id()])], std::slice::from_ref(&cert)),
                b"",
                None,
            )
            .unwrap()
        };
        let out_of_range = gost_pkcs8("1.2.398.3.10.1.1.2.2.1", &[0xFF; 64], None);
        assert!(matches!(
            read(out_of_range.clone()).pair(None),
            Err(Error::MalformedDer {
                what: "GOST private key",
                ..
            })
        ));
        assert!(read(gost_pkcs8("1.2.398.3.10.1.1.2.2.1", &[0; 64], None))
            .bundle(None)
            .is_err());

        let public = Certificate::from_input(&cert)
            .unwrap()
            .public_key()
            .key_bytes()
            .to_vec();
        let unknown = gost_pkcs8("1.2.3.4.5", &[0x11; 64], Some(&public));
        match read(unknown.clone()).pair(None) {
            Ok(Some(Pairing::Unproven {
                certificate,
                reason,
            })) => {
                assert_eq!(certificate.der(), &cert[..]);
                assert!(reason.contains("1.2.3.4.5"), "{reason}");
            }
            _ => panic!("an unknown curve's key paired, or refused"),
        }
        assert!(matches!(
            read(unknown.clone()).bundle(None),
            Err(Error::Unsupported(_))
        ));
        let p12 = plain_pkcs12(&[(unknown.clone(), vec![])], std::slice::from_ref(&cert));
        assert!(matches!(open_pkcs12(&p12, b""), Err(Error::Unsupported(_))));

        // Against a GOST certificate (the NCA's, when at hand): a copy of its public key in
        // the container is no match.
        let nca = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/nca-test-pki/gost2015/individual_valid.p12");
        let Ok(bytes) = std::fs::read(&nca) else {
            eprintln!("skipped: {} is absent", nca.display());
            return;
        };
        let victim = open_pkcs12(&bytes, b"Qwerty12").unwrap().certificate;
        let unknown = gost_pkcs8(
            "1.2.3.4.5",
            &[0x11; 64],
            Some(victim.public_key().key_bytes()),
        );
        let key = SigningKey::from_pkcs8(&unknown, None).unwrap();
        assert!(!key.matches(&victim));
        let key = SigningKey::from_pkcs8(&out_of_range, None).unwrap();
        assert!(!key.matches(&victim));
    }

    #[test]
    fn aliases_without_names_and_of_hostile_names() {
        let key = pem_der("individual_sign.key.pem");
        let cert = pki("individual_sign.cer");
        let id = || {
            attribute(
                crate::oid::ATTR_LOCAL_KEY_ID,
                ber::octet_string(&[0xAB, 0x01]),
            )
        };
        let name = |n: &str| attribute(crate::oid::ATTR_FRIENDLY_NAME, bmp(n));
        let read = |keys: &[(Vec<u8>, Vec<Vec<u8>>)]| {
            Pkcs12Keys::read(&plain_pkcs12(keys, std::slice::from_ref(&cert)), b"", None)
        };
        // No friendlyName: the localKeyId in hex; neither: the position.
        assert_eq!(
            read(&[(key.clone(), vec![id()])]).unwrap().aliases(),
            ["ab01"]
        );
        assert_eq!(read(&[(key.clone(), vec![])]).unwrap().aliases(), ["1"]);
        // An empty friendlyName is no name.
        assert_eq!(
            read(&[(key.clone(), vec![name(""), id()])])
                .unwrap()
                .aliases(),
            ["ab01"]
        );
        // A huge name is cut; an odd-length BMPString is no name; neither stops the key.
        let huge = "я".repeat(100_000);
        let keys = read(&[(key.clone(), vec![name(&huge)])]).unwrap();
        assert_eq!(keys.aliases()[0].chars().count(), MAX_ALIAS_CHARS);
        assert!(keys.bundle(None).unwrap().is_some());
        let odd = attribute(
            crate::oid::ATTR_FRIENDLY_NAME,
            ber::der(0x1e, &[0, 0x41, 0]),
        );
        assert_eq!(read(&[(key.clone(), vec![odd])]).unwrap().aliases(), ["1"]);
        // Two keys: named, each opens by its alias; unnamed, which one is meant is unknown;
        // two under one alias, likewise.
        let two = read(&[
            (key.clone(), vec![name("a")]),
            (key.clone(), vec![name("b")]),
        ])
        .unwrap();
        assert_eq!(two.aliases(), ["a", "b"]);
        assert!(two.bundle(Some("b")).unwrap().is_some());
        let two = read(&[
            (key.clone(), vec![name("a")]),
            (key.clone(), vec![name("b")]),
        ])
        .unwrap();
        assert!(two.bundle(None).is_err());
        let same = read(&[
            (key.clone(), vec![name("a")]),
            (key.clone(), vec![name("a")]),
        ])
        .unwrap();
        assert!(same.bundle(Some("a")).is_err());
        // No key at all.
        assert!(read(&[]).unwrap().aliases().is_empty());
        assert!(read(&[]).unwrap().bundle(None).is_err());
        assert!(read(&[]).unwrap().bundle(Some("1")).unwrap().is_none());
    }
}
