//! GOST R 34.10-2012 signing (`qoltanba::hazmat::gost::GostSigningKey`, `SigningKey::sign` for GOST
//! keys):
//!
//! - (the standard's signing examples with their published nonces are unit tests of
//!   `src/gost/sign_examples.rs`: nothing public takes a nonce);
//! - round trips on every curve and in both byte conventions, through the verifier;
//! - the NCA test PKI's four GOST 2015 PKCS#12 keys (`../shared/nca-test-pki/gost2015`, read
//!   in place; skipped with a notice when absent): sign, verify against the certificate's
//!   key, a changed message fails, many signatures of one message all differ and all verify,
//!   `matches` and `public_key_spki` agree with the certificate;
//! - the OpenSSL GOST engine verifies our RFC 4491 signatures (skipped with a notice when
//!   the engine is not installed: Debian `libengine-gost-openssl`).

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use qoltanba::hazmat::gost::{
    self, GostAlgorithm, GostCurve, GostError, GostSignError, GostSigningKey, SignatureFormat,
};
use qoltanba::keys::open_pkcs12;
use qoltanba::SignatureAlgorithm;
use qoltanba::SignatureCheck;

fn h(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Round trips on every curve
// ---------------------------------------------------------------------------------------

/// A deterministic private key below every curve's q (top byte 0x01..0x3F).
fn test_key(curve: GostCurve, seed: u8) -> GostSigningKey {
    let n = curve.coordinate_len();
    let mut x = u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut d: Vec<u8> = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    d[0] = (d[0] & 0x3F) | 0x01;
    GostSigningKey::from_be_bytes(curve, &d).expect("test key")
}

fn algorithms_for(curve: GostCurve) -> Vec<GostAlgorithm> {
    if curve.bits() == 512 {
        vec![GostAlgorithm::Nca2015_512, GostAlgorithm::Tc26_512]
    } else {
        vec![
            GostAlgorithm::Nca2015_256,
            GostAlgorithm::Tc26_256,
            GostAlgorithm::Nca2004,
            GostAlgorithm::Gost2001,
        ]
    }
}

#[test]
fn every_curve_and_convention_round_trips() {
    let message = b"qoltanba GOST signing round trip";
    for curve in GostCurve::ALL {
        let key = test_key(curve, curve.bits() as u8 ^ curve.oid().len() as u8);
        let bits = key.public_key_bits();
        let n = curve.coordinate_len();
        assert_eq!(bits.len(), 2 * n + if 2 * n < 0x80 { 2 } else { 3 });
        let public = key.public_key();
        for alg in algorithms_for(curve) {
            let sig = key.sign(alg, message).expect("sign");
            assert_eq!(sig.len(), 2 * n, "{curve:?} {alg:?}");
            assert_eq!(
                gost::verify(alg, curve, &bits, message, &sig),
                Ok(true),
                "{curve:?} {alg:?}"
            );
            assert_eq!(public.verify(alg, message, &sig), Ok(true));
            // (c) a changed message does not verify
            assert_eq!(
                gost::verify(
                    alg,
                    curve,
                    &bits,
                    b"qoltanba GOST signing round trip!",
                    &sig
                ),
                Ok(false),
                "{curve:?} {alg:?}: changed message"
            );
            // a changed signature does not verify
            let mut bad = sig.clone();
            bad[n / 2] ^= 0x10;
            assert_eq!(gost::verify(alg, curve, &bits, message, &bad), Ok(false));
            // the other convention's reading of the same bytes does not verify
            let other: Vec<u8> = sig.iter().rev().copied().collect();
            assert_eq!(gost::verify(alg, curve, &bits, message, &other), Ok(false));
            // prehashed path
            let digest = alg.hash().digest(message);
            let sig2 = key.sign_prehashed(alg, &digest).expect("sign prehashed");
            assert_eq!(
                gost::verify_prehashed(alg, curve, &bits, &digest, &sig2),
                Ok(true)
            );
            // the byte layout: NCA = r || s little-endian = reversal of RFC 4491 s || r
            match alg.signature_format() {
                SignatureFormat::Nca => {
                    let rfc_alg = if n == 64 {
                        GostAlgorithm::Tc26_512
                    } else if alg == GostAlgorithm::Nca2004 {
                        continue;
                    } else {
                        GostAlgorithm::Tc26_256
                    };
                    assert_eq!(
                        gost::verify(rfc_alg, curve, &bits, message, &other),
                        Ok(true),
                        "{curve:?}: reversed NCA signature is the RFC 4491 one"
                    );
                }
                SignatureFormat::Rfc4491 => {}
            }
        }
    }
}

#[test]
fn bad_keys_and_mismatches_are_errors() {
    let q512a = h("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275");
    let curve = GostCurve::Tc26_512A;
    for bad in [vec![0u8; 64], vec![], q512a.clone(), vec![0xFF; 64]] {
        assert!(
            matches!(
                GostSigningKey::from_be_bytes(curve, &bad),
                Err(GostSignError::InvalidPrivateKey(_))
            ),
            "{bad:02x?}"
        );
    }
    // q - 1 is the largest key
    let mut q_minus_1 = q512a.clone();
    *q_minus_1.last_mut().unwrap() -= 1;
    let key = GostSigningKey::from_be_bytes(curve, &q_minus_1).expect("q - 1");
    let sig = key.sign(GostAlgorithm::Nca2015_512, b"m").unwrap();
    assert_eq!(
        gost::verify(
            GostAlgorithm::Nca2015_512,
            curve,
            &key.public_key_bits(),
            b"m",
            &sig
        ),
        Ok(true)
    );
    // 65 bytes with a leading zero are fine, 65 significant bytes are not; a 256-bit curve
    // takes at most 32 significant bytes
    let mut long = vec![0u8];
    long.extend(&q_minus_1);
    assert!(GostSigningKey::from_be_bytes(curve, &long).is_ok());
    assert!(GostSigningKey::from_be_bytes(curve, &[1; 65]).is_err());
    assert!(GostSigningKey::from_be_bytes(GostCurve::Tc26_256A, &[1; 33]).is_err());
    assert!(GostSigningKey::from_le_bytes(GostCurve::Tc26_256A, &[1; 33]).is_err());
    // algorithm of the wrong size, digest not of the algorithm's hash length
    assert!(matches!(
        key.sign(GostAlgorithm::Nca2015_256, b"m"),
        Err(GostSignError::Gost(GostError::CurveMismatch { .. }))
    ));
    for len in [65, 63, 32] {
        assert_eq!(
            key.sign_prehashed(GostAlgorithm::Nca2015_512, &vec![0; len]),
            Err(GostSignError::Gost(GostError::DigestLength {
                algorithm: GostAlgorithm::Nca2015_512,
                expected: 64,
                got: len
            }))
        );
    }
    // no secret in Debug
    let text = format!("{key:?}");
    assert!(text.contains("redacted") && !text.contains("27e6") && !text.contains("39, 230"));
}

// ---------------------------------------------------------------------------------------
// NCA RK test PKI: the four GOST 2015 PKCS#12 keys
// ---------------------------------------------------------------------------------------

const NCA_FILES: [&str; 4] = [
    "individual_valid.p12",
    "individual_revoked.p12",
    "head_valid.p12",
    "head_revoked.p12",
];

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_gost2015_keys_sign_and_verify_against_their_certificates() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let message = "Қолтаңба: электрондық құжат / document".as_bytes();
    for (i, file) in NCA_FILES.iter().enumerate() {
        let bytes = std::fs::read(dir.join(file)).expect(file);
        let bundle = open_pkcs12(&bytes, b"Qwerty12").expect(file);
        let cert = &bundle.certificate;
        let gost_key = bundle.key.gost().expect("GOST key");
        assert_eq!(
            gost_key.gost_algorithm(),
            Some(GostAlgorithm::Nca2015_512),
            "{file}"
        );
        let curve = gost_key.curve().expect("curve");
        assert_eq!(curve, GostCurve::Tc26_512A);
        let cert_bits = cert.public_key().key_bytes();

        // matches / public_key_spki agree with the certificate
        assert!(bundle.key.can_sign(), "{file}");
        assert!(
            bundle.key.matches(cert),
            "{file}: d·G is the certificate's key"
        );
        assert_eq!(
            bundle.key.public_key_spki(),
            cert.public_key().spki_der(),
            "{file}: SPKI"
        );
        // ... and not another file's certificate
        let other = NCA_FILES[(i + 1) % NCA_FILES.len()];
        let other_bundle =
            open_pkcs12(&std::fs::read(dir.join(other)).unwrap(), b"Qwerty12").unwrap();
        assert!(
            !bundle.key.matches(&other_bundle.certificate),
            "{file} vs {other}"
        );

        // (b) SigningKey::sign: NCA format, Streebog-512, verifies with the certificate's key
        assert_eq!(
            bundle.key.algorithm(),
            SignatureAlgorithm::Gost(GostAlgorithm::Nca2015_512),
            "{file}"
        );
        let sig = bundle.key.sign(message).expect("GOST sign");
        assert_eq!(sig.len(), 128);
        assert_eq!(
            qoltanba::hazmat::verify(cert.public_key(), &bundle.key.algorithm(), message, &sig),
            SignatureCheck::Valid,
            "{file}: through the library's signature dispatch"
        );
        assert_eq!(
            gost::verify(GostAlgorithm::Nca2015_512, curve, cert_bits, message, &sig),
            Ok(true),
            "{file}"
        );
        // (c) a changed message fails
        let mut changed = message.to_vec();
        changed[0] ^= 1;
        assert_eq!(
            gost::verify(GostAlgorithm::Nca2015_512, curve, cert_bits, &changed, &sig),
            Ok(false),
            "{file}: changed message"
        );
        // RFC 4491 layout with the TC26 OID, same key
        let signer = gost_key.signing_key().expect("signer");
        let rfc = signer.sign(GostAlgorithm::Tc26_512, message).unwrap();
        assert_eq!(
            gost::verify(GostAlgorithm::Tc26_512, curve, cert_bits, message, &rfc),
            Ok(true)
        );

        // (d) many signatures of the same message all differ and all verify
        let count = if i == 0 { 64 } else { 8 };
        let mut seen = HashSet::new();
        for _ in 0..count {
            let sig = bundle.key.sign(message).expect("sign");
            assert_eq!(
                gost::verify(GostAlgorithm::Nca2015_512, curve, cert_bits, message, &sig),
                Ok(true)
            );
            // r alone differs too (fresh k each time)
            assert!(seen.insert(sig[..64].to_vec()), "{file}: repeated r");
        }
    }
}

// ---------------------------------------------------------------------------------------
// The OpenSSL GOST engine verifies our signatures
// ---------------------------------------------------------------------------------------

fn gost_engine_available() -> bool {
    Command::new("openssl")
        .args(["engine", "gost"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("qoltanba-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn der_oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = vec![(arcs[0] * 40 + arcs[1]) as u8];
    for &arc in &arcs[2..] {
        let mut chunk = vec![(arc & 0x7F) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.push(0x80 | (rest & 0x7F) as u8);
            rest >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    }
    der_tlv(0x06, &body)
}

/// An RFC 9215 SubjectPublicKeyInfo PEM for `key` (TC26 key OID, parameter set only).
fn rfc9215_spki_pem(key: &GostSigningKey) -> String {
    let key_oid = if key.curve().bits() == 512 {
        "1.2.643.7.1.1.1.2"
    } else {
        "1.2.643.7.1.1.1.1"
    };
    let params = der_tlv(0x30, &der_oid(key.curve().oid()));
    let alg = der_tlv(0x30, &[der_oid(key_oid), params].concat());
    let mut bits = vec![0u8];
    bits.extend(key.public_key_bits());
    let spki = der_tlv(0x30, &[alg, der_tlv(0x03, &bits)].concat());
    pem::encode(&pem::Pem::new("PUBLIC KEY", spki))
}

fn openssl_verifies(dir: &Path, md: &str, pub_pem: &Path, sig: &[u8], msg: &[u8]) -> bool {
    let sig_path = dir.join("sig.bin");
    let msg_path = dir.join("msg.bin");
    std::fs::write(&sig_path, sig).unwrap();
    std::fs::write(&msg_path, msg).unwrap();
    let out = Command::new("openssl")
        .args(["dgst", "-engine", "gost", md, "-verify"])
        .arg(pub_pem)
        .arg("-signature")
        .arg(&sig_path)
        .arg(&msg_path)
        .output()
        .expect("openssl");
    String::from_utf8_lossy(&out.stdout).contains("Verified OK")
}

#[test]
fn openssl_gost_engine_verifies_our_signatures() {
    if !gost_engine_available() {
        eprintln!(
            "NOTICE: the OpenSSL GOST engine is not installed (Debian libengine-gost-openssl); \
             skipping the interoperability check"
        );
        return;
    }
    let tmp = TempDir::new("gost-sign");
    let message = b"signed by qoltanba, verified by the OpenSSL GOST engine";
    for (curve, alg, md) in [
        (
            GostCurve::Tc26_512A,
            GostAlgorithm::Tc26_512,
            "-md_gost12_512",
        ),
        (
            GostCurve::Tc26_512C,
            GostAlgorithm::Tc26_512,
            "-md_gost12_512",
        ),
        (
            GostCurve::Tc26_256A,
            GostAlgorithm::Tc26_256,
            "-md_gost12_256",
        ),
        (
            GostCurve::CryptoProA,
            GostAlgorithm::Tc26_256,
            "-md_gost12_256",
        ),
    ] {
        let key = test_key(curve, 42);
        let pub_pem = tmp.path("pub.pem");
        std::fs::write(&pub_pem, rfc9215_spki_pem(&key)).unwrap();
        for _ in 0..3 {
            let sig = key.sign(alg, message).unwrap();
            assert!(
                openssl_verifies(&tmp.0, md, &pub_pem, &sig, message),
                "{curve:?}: OpenSSL rejects our signature"
            );
            assert!(
                !openssl_verifies(&tmp.0, md, &pub_pem, &sig, b"another message"),
                "{curve:?}: OpenSSL accepts it for another message"
            );
        }
    }
}

/// An OpenSSL-generated GOST 2012/512 key (PKCS#8 as the engine writes it) loads as a
/// `SigningKey`, `matches` its OpenSSL certificate, and signs what OpenSSL verifies.
#[test]
fn openssl_generated_gost_key_signs_through_signing_key() {
    if !gost_engine_available() {
        eprintln!("NOTICE: the OpenSSL GOST engine is not installed; skipping");
        return;
    }
    let tmp = TempDir::new("gost-sign-key");
    let (key_path, cert_path, pub_path) = (
        tmp.path("key.pem"),
        tmp.path("cert.pem"),
        tmp.path("pub.pem"),
    );
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let (k, c, p) = (
        key_path.to_str().unwrap(),
        cert_path.to_str().unwrap(),
        pub_path.to_str().unwrap(),
    );
    for (algorithm, paramset, md, alg) in [
        (
            "gost2012_512",
            "paramset:A",
            "-md_gost12_512",
            GostAlgorithm::Tc26_512,
        ),
        (
            "gost2012_256",
            "paramset:TCA",
            "-md_gost12_256",
            GostAlgorithm::Tc26_256,
        ),
    ] {
        run(&[
            "genpkey",
            "-engine",
            "gost",
            "-algorithm",
            algorithm,
            "-pkeyopt",
            paramset,
            "-out",
            k,
        ]);
        run(&[
            "req",
            "-engine",
            "gost",
            "-new",
            "-x509",
            "-key",
            k,
            md,
            "-subj",
            "/CN=qoltanba",
            "-days",
            "30",
            "-out",
            c,
        ]);
        run(&[
            "x509", "-engine", "gost", "-in", c, "-noout", "-pubkey", "-out", p,
        ]);
        let key = qoltanba::keys::SigningKey::from_pkcs8(&std::fs::read(&key_path).unwrap(), None)
            .expect("OpenSSL GOST key");
        assert_eq!(key.gost().unwrap().gost_algorithm(), Some(alg));
        let cert = qoltanba::Certificate::from_input(&std::fs::read(&cert_path).unwrap())
            .expect("OpenSSL certificate");
        assert!(
            key.matches(&cert),
            "{algorithm}: d·G is the certificate's key"
        );
        let message = b"OpenSSL key, qoltanba signature";
        let sig = key.sign(message).expect("sign");
        assert!(
            openssl_verifies(&tmp.0, md, &pub_path, &sig, message),
            "{algorithm}: OpenSSL rejects the signature"
        );
        assert!(!openssl_verifies(&tmp.0, md, &pub_path, &sig, b"other"));
    }
}
