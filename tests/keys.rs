//! Private keys: PKCS#8 (plain, encrypted, PEM, DER, OpenSSL's and Python cryptography's),
//! PKCS#12 (the project's legacy files, OpenSSL 3 defaults made at test time, and the real
//! NCA RK files in `../shared/nca-test-pki/`), signing through ring and verifying with the
//! library's own verifier.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use qoltanba::hazmat::verify;
use qoltanba::keys::{open_pkcs12, KeyBundle, SigningKey};
use qoltanba::SignatureCheck;
use qoltanba::{Certificate, Error};

const PASSWORD: &[u8] = b"Qwerty12";

use common::pki;

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&read(&pki(name))).expect("certificate")
}

/// Sign with the key and verify with the certificate through the library's verifier.
fn assert_signs_for(key: &SigningKey, cert: &Certificate) {
    assert!(
        key.matches(cert),
        "key does not match {}",
        cert.serial_hex()
    );
    let msg = b"qoltanba: signed output document";
    let sig = key.sign(msg).expect("sign");
    assert_eq!(
        verify(cert.public_key(), &key.algorithm(), msg, &sig),
        SignatureCheck::Valid,
        "signature by {:?} does not verify",
        key.algorithm()
    );
    assert_eq!(
        verify(
            cert.public_key(),
            &key.algorithm(),
            b"another document",
            &sig
        ),
        SignatureCheck::Invalid
    );
    // The SPKI the key reports is the certificate's key.
    let spki = qoltanba::PublicKey::from_spki_der(&key.public_key_spki()).unwrap();
    assert_eq!(spki.key_bytes(), cert.public_key().key_bytes());
    assert_eq!(spki.algorithm(), cert.public_key().algorithm());
}

fn openssl_available() -> bool {
    let ok = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("NOTICE: the openssl command is absent; skipping the tests that need it");
    }
    ok
}

fn openssl(args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!(
            "qoltanba-keys-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------
// The project's own PKCS#12 files (legacy algorithms, made by `openssl pkcs12 -legacy`).

#[test]
fn project_pkcs12_files_open_and_sign() {
    for (p12, cer) in [
        ("individual_sign.p12", "individual_sign.cer"),
        ("legal_sign.p12", "legal_sign.cer"),
    ] {
        let bundle = open_pkcs12(&read(&pki(p12)), PASSWORD).expect(p12);
        let expected = cert(cer);
        assert_eq!(bundle.certificate, expected, "{p12}");
        assert_signs_for(&bundle.key, &bundle.certificate);
        // The chain is the rest of the file (the issuing CA), never the key's certificate.
        assert!(bundle.chain.iter().all(|c| c != &bundle.certificate));
    }
}

#[test]
fn wrong_password_is_wrong_password() {
    let bytes = read(&pki("individual_sign.p12"));
    for pw in [&b"qwerty12"[..], b"", b"Qwerty12 ", "Қwerty12".as_bytes()] {
        assert_eq!(
            open_pkcs12(&bytes, pw).unwrap_err(),
            Error::WrongPassword("PKCS#12"),
            "{pw:?}"
        );
    }
}

#[test]
fn truncated_and_corrupted_pkcs12_is_an_error_not_a_panic() {
    let bytes = read(&pki("legal_sign.p12"));
    for cut in 0..bytes.len() {
        assert!(
            open_pkcs12(&bytes[..cut], PASSWORD).is_err(),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"\0\0");
    assert!(open_pkcs12(&longer, PASSWORD).is_err());
    // Flipped bits anywhere: the MAC or the parser refuses, nothing panics.
    for pos in (0..bytes.len()).step_by(7) {
        let mut b = bytes.clone();
        b[pos] ^= 0x41;
        let _ = open_pkcs12(&b, PASSWORD);
    }
    for junk in [
        &b""[..],
        b"\x30",
        b"\x30\x80",
        b"\x30\x80\x00\x00",
        b"not a p12",
    ] {
        assert!(open_pkcs12(junk, PASSWORD).is_err());
    }
}

#[test]
fn debug_output_redacts_the_key() {
    let bundle = open_pkcs12(&read(&pki("individual_sign.p12")), PASSWORD).unwrap();
    let text = format!("{bundle:?}");
    assert!(text.contains("<redacted>"), "{text}");
    // No private-key material: the PKCS#8 key's private exponent does not appear in any form.
    let pem = String::from_utf8(read(&pki("individual_sign.key.pem"))).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(!text.contains(&body[40..80]));
}

// ---------------------------------------------------------------------------------------
// PKCS#8 as written by Python cryptography (the test PKI's keys) and by OpenSSL.

#[test]
fn python_cryptography_pkcs8_keys_load_and_sign() {
    let mut n = 0;
    for entry in std::fs::read_dir(pki("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".key.pem") else {
            continue;
        };
        let key = SigningKey::from_pkcs8(&read(&path), None).expect(&name);
        let cer = pki(&format!("{stem}.cer"));
        if cer.exists() {
            assert_signs_for(&key, &Certificate::from_input(&read(&cer)).unwrap());
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} key/certificate pairs");
}

#[test]
fn ecdsa_p256_key_signs() {
    let key = SigningKey::from_pkcs8(&read(&pki("ecdsa_sign.key.pem")), None).unwrap();
    assert_eq!(
        key.algorithm(),
        qoltanba::SignatureAlgorithm::Ecdsa(qoltanba::HashAlgorithm::Sha256)
    );
    assert_signs_for(&key, &cert("ecdsa_sign.cer"));
    assert!(!key.matches(&cert("individual_sign.cer")));
}

#[test]
fn openssl_key_forms_load() {
    if !openssl_available() {
        return;
    }
    let dir = TempDir::new("pkcs8");
    let rsa_in = pki("individual_sign.key.pem")
        .to_string_lossy()
        .into_owned();
    let ec_in = pki("ecdsa_sign.key.pem").to_string_lossy().into_owned();
    let rsa_cert = cert("individual_sign.cer");
    let ec_cert = cert("ecdsa_sign.cer");
    let pw = "pass:Құпия сөз";
    let password = "Құпия сөз".as_bytes();

    // (file, is RSA, encrypted, openssl arguments)
    let forms: Vec<(&str, bool, bool, Vec<String>)> = vec![
        (
            "rsa_aes256.pem",
            true,
            true,
            vec!["pkcs8", "-topk8", "-v2", "aes-256-cbc"],
        ),
        (
            "rsa_aes128_sha1.pem",
            true,
            true,
            vec![
                "pkcs8",
                "-topk8",
                "-v2",
                "aes-128-cbc",
                "-v2prf",
                "hmacWithSHA1",
            ],
        ),
        (
            "rsa_des3.pem",
            true,
            true,
            vec!["pkcs8", "-topk8", "-v2", "des3"],
        ),
        (
            "rsa_pkcs12_3des.pem",
            true,
            true,
            vec!["pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES"],
        ),
        (
            "rsa_aes256.der",
            true,
            true,
            vec!["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-outform", "DER"],
        ),
        (
            "rsa_plain.der",
            true,
            false,
            vec!["pkcs8", "-topk8", "-nocrypt", "-outform", "DER"],
        ),
        ("rsa_pkcs1.pem", true, false, vec!["rsa", "-traditional"]),
        (
            "rsa_pkcs1.der",
            true,
            false,
            vec!["rsa", "-traditional", "-outform", "DER"],
        ),
        ("ec_sec1.der", false, false, vec!["ec", "-outform", "DER"]),
        (
            "ec_aes256.pem",
            false,
            true,
            vec![
                "pkcs8",
                "-topk8",
                "-v2",
                "aes-256-cbc",
                "-v2prf",
                "hmacWithSHA512",
            ],
        ),
        ("ec_sec1.pem", false, false, vec!["ec"]),
        (
            "ec_plain.der",
            false,
            false,
            vec!["pkcs8", "-topk8", "-nocrypt", "-outform", "DER"],
        ),
    ]
    .into_iter()
    .map(|(f, r, e, a)| (f, r, e, a.into_iter().map(String::from).collect()))
    .collect();

    for (file, rsa, encrypted, args) in &forms {
        let out = dir.path(file);
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(["-in", if *rsa { &rsa_in } else { &ec_in }, "-out", &out]);
        if *encrypted {
            all.extend(["-passout", pw]);
        }
        openssl(&all);
        let bytes = read(Path::new(&out));
        let key = if *encrypted {
            assert!(
                matches!(
                    SigningKey::from_pkcs8(&bytes, None),
                    Err(Error::WrongPassword(_))
                ),
                "{file} without password"
            );
            assert!(
                matches!(
                    SigningKey::from_pkcs8(&bytes, Some(b"wrong")),
                    Err(Error::WrongPassword(_))
                ),
                "{file} with a wrong password"
            );
            SigningKey::from_pkcs8(&bytes, Some(password)).expect(file)
        } else {
            SigningKey::from_pkcs8(&bytes, None).expect(file)
        };
        assert_signs_for(&key, if *rsa { &rsa_cert } else { &ec_cert });
    }

    // An EC key written without its public key: a clear error, not a panic.
    let nopub = dir.path("ec_nopub.pem");
    openssl(&["ec", "-no_public", "-in", &ec_in, "-out", &nopub]);
    let err = SigningKey::from_pkcs8(&read(Path::new(&nopub)), None).unwrap_err();
    assert!(matches!(err, Error::Unsupported(_)), "{err}");

    // Truncated encrypted key: errors at every length.
    let enc = read(Path::new(&dir.path("rsa_aes256.der")));
    for cut in 0..enc.len() {
        assert!(SigningKey::from_pkcs8(&enc[..cut], Some(password)).is_err());
    }
}

#[test]
fn python_cryptography_encrypted_pkcs8_loads() {
    let script = r#"
import sys
from cryptography.hazmat.primitives import serialization
key = serialization.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)
sys.stdout.buffer.write(key.private_bytes(serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8,
    serialization.BestAvailableEncryption(b'Qwerty12')))
"#;
    for (key_file, cer) in [
        ("individual_sign.key.pem", "individual_sign.cer"),
        ("ecdsa_sign.key.pem", "ecdsa_sign.cer"),
    ] {
        let out = Command::new("python3")
            .args(["-c", script])
            .arg(pki(key_file))
            .output();
        let Some(out) = out.ok().filter(|o| o.status.success()) else {
            eprintln!("NOTICE: python3 with cryptography is absent; skipping");
            return;
        };
        let key = SigningKey::from_pkcs8(&out.stdout, Some(PASSWORD)).expect(key_file);
        assert_signs_for(&key, &cert(cer));
    }
}

#[test]
fn garbage_keys_are_errors() {
    for input in [
        &b""[..],
        b"\x30",
        b"\x30\x03\x02\x01\x00",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        b"-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n",
        b"hello",
    ] {
        assert!(SigningKey::from_pkcs8(input, None).is_err(), "{input:?}");
    }
    let der = {
        let pem = String::from_utf8(read(&pki("ecdsa_sign.key.pem"))).unwrap();
        let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap()
    };
    for cut in 0..der.len() {
        assert!(
            SigningKey::from_pkcs8(&der[..cut], None).is_err(),
            "cut {cut}"
        );
    }
    assert!(SigningKey::from_pkcs8(&der, None).is_ok());
}

// ---------------------------------------------------------------------------------------
// PKCS#12 made by OpenSSL 3 with its modern defaults (PBES2/PBKDF2-SHA256/AES-256-CBC,
// HMAC-SHA-256 MAC), at test time.

#[test]
fn openssl_modern_pkcs12_opens() {
    if !openssl_available() {
        return;
    }
    let dir = TempDir::new("p12");
    let cases = [
        ("individual_sign", "nca_rsa.cer", "Qwerty12"),
        ("ecdsa_sign", "ecdsa_ca.cer", "Құпия сөз"),
    ];
    for (name, ca, pw) in cases {
        let out = dir.path(&format!("{name}.p12"));
        let key = pki(&format!("{name}.key.pem"));
        let cer = pki(&format!("{name}.cer"));
        let ca = pki(ca);
        openssl(&[
            "pkcs12",
            "-export",
            "-inkey",
            &key.to_string_lossy(),
            "-in",
            &cer.to_string_lossy(),
            "-certfile",
            &ca.to_string_lossy(),
            "-passout",
            &format!("pass:{pw}"),
            "-out",
            &out,
        ]);
        let bytes = read(Path::new(&out));
        let bundle: KeyBundle = open_pkcs12(&bytes, pw.as_bytes()).expect(name);
        assert_eq!(bundle.certificate, cert(&format!("{name}.cer")));
        assert_eq!(bundle.chain.len(), 1);
        assert_eq!(
            bundle.chain[0],
            Certificate::from_input(&read(&ca)).unwrap()
        );
        assert_signs_for(&bundle.key, &bundle.certificate);
        assert_eq!(
            open_pkcs12(&bytes, b"wrong").unwrap_err(),
            Error::WrongPassword("PKCS#12")
        );
    }

    // Without a MAC, a wrong password is still reported as such (padding or structure),
    // and corrupted bytes never panic.
    let out = dir.path("nomac.p12");
    openssl(&[
        "pkcs12",
        "-export",
        "-nomac",
        "-inkey",
        &pki("individual_sign.key.pem").to_string_lossy(),
        "-in",
        &pki("individual_sign.cer").to_string_lossy(),
        "-passout",
        "pass:Qwerty12",
        "-out",
        &out,
    ]);
    let bytes = read(Path::new(&out));
    let bundle = open_pkcs12(&bytes, PASSWORD).expect("no MAC");
    assert_signs_for(&bundle.key, &bundle.certificate);
    for pw in [&b"wrong"[..], b"", b"Qwerty1"] {
        assert_eq!(
            open_pkcs12(&bytes, pw).unwrap_err(),
            Error::WrongPassword("PKCS#12")
        );
    }
    for pos in (0..bytes.len()).step_by(11) {
        let mut b = bytes.clone();
        b[pos] ^= 0x10;
        let _ = open_pkcs12(&b, PASSWORD);
    }
}

#[test]
fn legacy_pkcs12_with_openssl_options_opens() {
    if !openssl_available() {
        return;
    }
    let dir = TempDir::new("p12legacy");
    // NCA-like: 3DES key bag, RC2-40 certificates, SHA-1 MAC, and a non-ASCII password
    // (BMPString in the KDF).
    let out = dir.path("legacy.p12");
    openssl(&[
        "pkcs12",
        "-export",
        "-legacy",
        "-inkey",
        &pki("legal_sign.key.pem").to_string_lossy(),
        "-in",
        &pki("legal_sign.cer").to_string_lossy(),
        "-passout",
        "pass:Әлем",
        "-out",
        &out,
    ]);
    let bundle = open_pkcs12(&read(Path::new(&out)), "Әлем".as_bytes()).expect("legacy");
    assert_signs_for(&bundle.key, &bundle.certificate);
    // Unencrypted certificates and an empty password.
    let out = dir.path("empty.p12");
    openssl(&[
        "pkcs12",
        "-export",
        "-certpbe",
        "NONE",
        "-inkey",
        &pki("legal_sign.key.pem").to_string_lossy(),
        "-in",
        &pki("legal_sign.cer").to_string_lossy(),
        "-passout",
        "pass:",
        "-out",
        &out,
    ]);
    let bundle = open_pkcs12(&read(Path::new(&out)), b"").expect("empty password");
    assert_signs_for(&bundle.key, &bundle.certificate);
}

#[test]
fn hostile_iteration_count_is_refused_quickly() {
    if !openssl_available() {
        return;
    }
    let dir = TempDir::new("iter");
    let out = dir.path("iter.p12");
    openssl(&[
        "pkcs12",
        "-export",
        "-iter",
        "10000001",
        "-nomac",
        "-inkey",
        &pki("legal_sign.key.pem").to_string_lossy(),
        "-in",
        &pki("legal_sign.cer").to_string_lossy(),
        "-passout",
        "pass:x",
        "-out",
        &out,
    ]);
    let start = std::time::Instant::now();
    let err = open_pkcs12(&read(Path::new(&out)), b"x").unwrap_err();
    assert!(
        matches!(err, Error::Unsupported(ref m) if m.contains("iteration")),
        "{err}"
    );
    assert!(start.elapsed().as_secs() < 5);
}

// ---------------------------------------------------------------------------------------
// The real NCA RK files.

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_rsa_pkcs12_open_match_and_sign() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    for (file, serial) in [
        (
            "person_sign_2020.p12",
            Some("1C1C4ADB45086B3529E004C96302AE974D4F09A4"),
        ),
        ("person_sign_revoked_2020.p12", None),
    ] {
        let bundle = open_pkcs12(&read(&dir.join(file)), PASSWORD).expect(file);
        if let Some(serial) = serial {
            assert_eq!(bundle.certificate.serial_hex(), serial);
            let cer = Certificate::from_input(&read(&dir.join("person_sign_2020.cer"))).unwrap();
            assert_eq!(bundle.certificate, cer);
        }
        assert_eq!(
            bundle.key.algorithm(),
            qoltanba::SignatureAlgorithm::RsaPkcs1(qoltanba::HashAlgorithm::Sha256)
        );
        assert_signs_for(&bundle.key, &bundle.certificate);
        assert_eq!(
            open_pkcs12(&read(&dir.join(file)), b"Qwerty13").unwrap_err(),
            Error::WrongPassword("PKCS#12")
        );
    }
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_gost2015_pkcs12_open_with_gost_keys() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    for (file, serial) in [
        (
            "individual_valid.p12",
            "6C425659BD2FC6DC587B871AEDE1857727CF8451",
        ),
        (
            "individual_revoked.p12",
            "3ACEA55CBCDF38C861FB3F341854C53EC9ED6ECD",
        ),
        ("head_valid.p12", "303EEBDF17969F3EDEDE9BD9828FB1355AABBE4E"),
        (
            "head_revoked.p12",
            "5BFAB68530D2A5DAF87B65E29A105A7BEA75B411",
        ),
    ] {
        let bytes = read(&dir.join(file));
        let bundle = open_pkcs12(&bytes, PASSWORD).expect(file);
        assert_eq!(bundle.certificate.serial_hex(), serial, "{file}");
        let facts = bundle.certificate.facts();
        assert_eq!(
            facts.iin.as_ref().map(|i| i.as_str()),
            Some("123456789011"),
            "{file}"
        );
        let gost = bundle.key.gost().expect("a GOST key");
        assert_eq!(gost.algorithm_oid(), "1.2.398.3.10.1.1.2.2");
        assert_eq!(gost.params_oid(), "1.2.398.3.10.1.1.2.2.1");
        assert_eq!(gost.digest_oid(), Some("1.2.398.3.10.1.3.3"));
        assert_eq!(gost.signature_oid(), "1.2.398.3.10.1.1.2.3.2");
        // A 512-bit scalar: 64 octets, or a few fewer when it has leading zeros.
        assert!((56..=64).contains(&gost.scalar().len()), "{file}");
        assert_ne!(gost.scalar()[0], 0);
        // The certificate's key is a GOST 2015 key with the same parameter set.
        assert_eq!(
            bundle.certificate.public_key().algorithm(),
            &qoltanba::KeyAlgorithm::Gost(qoltanba::GostCurve::Tc26_512A),
            "{file}"
        );
        assert_eq!(
            &bundle.key.key_algorithm(),
            bundle.certificate.public_key().algorithm()
        );
        assert!(bundle.key.matches(&bundle.certificate), "{file}");
        let sig = bundle.key.sign(b"document").unwrap();
        assert_eq!(
            qoltanba::hazmat::verify(
                bundle.certificate.public_key(),
                &bundle.key.algorithm(),
                b"document",
                &sig
            ),
            qoltanba::SignatureCheck::Valid,
            "{file}"
        );
        let text = format!("{:?}", bundle.key);
        assert!(text.contains("redacted") && !text.contains(&hex(gost.scalar())[..16]));
        assert_eq!(
            open_pkcs12(&bytes, b"Qwerty123").unwrap_err(),
            Error::WrongPassword("PKCS#12")
        );
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// d·G == Q, checked through the library's GOST verifier without point multiplication here:
/// with digest e = 1, r = x(G) and s = r·d + 1 (mod q), verification computes
/// C = s·G − r·Q = (s − r·d)·G, which is G exactly when Q = d·G, and then r = x(C) holds.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_gost2015_scalar_is_the_certificates_private_key() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    use qoltanba::hazmat::gost::{verify_integers, GostCurve};
    // TC26 512 paramSetA (= NCA 1.2.398.3.10.1.1.2.2.1): order q, base point x = 3.
    let q = hex_decode(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\
         27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
    );
    let r = [3u8];
    for file in [
        "individual_valid.p12",
        "individual_revoked.p12",
        "head_valid.p12",
        "head_revoked.p12",
    ] {
        let bundle = open_pkcs12(&read(&dir.join(file)), PASSWORD).expect(file);
        let gost = bundle.key.gost().expect("GOST key");
        let curve = GostCurve::from_oid(gost.params_oid()).expect("known curve");
        assert_eq!(curve, GostCurve::Tc26_512A);
        let bits = bundle.certificate.public_key().key_bytes();
        let xy = bits
            .strip_prefix(&[0x04, 0x81, 0x80][..])
            .expect("OCTET STRING x||y");
        let x: Vec<u8> = xy[..64].iter().rev().copied().collect();
        let y: Vec<u8> = xy[64..].iter().rev().copied().collect();
        let s = mod_add(&mod_mul_small(gost.scalar(), 3, &q), &[1], &q);
        assert_eq!(
            verify_integers(curve, &x, &y, &[1], &r, &s),
            Ok(true),
            "{file}: d·G is not the certificate's key"
        );
        // And a wrong scalar does not pass.
        let wrong = mod_add(&s, &[1], &q);
        assert_eq!(verify_integers(curve, &x, &y, &[1], &r, &wrong), Ok(false));
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Big-endian a + b, unreduced (one octet longer).
fn add_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let n = a.len().max(b.len()) + 1;
    let mut out = vec![0u8; n];
    let mut carry = 0u16;
    for i in 0..n {
        let x = if i < a.len() { a[a.len() - 1 - i] } else { 0 } as u16;
        let y = if i < b.len() { b[b.len() - 1 - i] } else { 0 } as u16;
        let t = x + y + carry;
        out[n - 1 - i] = t as u8;
        carry = t >> 8;
    }
    out
}

/// Big-endian a − b for a ≥ b (same length as a).
fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = a.to_vec();
    let mut borrow = 0i16;
    for i in 0..a.len() {
        let y = if i < b.len() { b[b.len() - 1 - i] } else { 0 } as i16;
        let mut t = a[a.len() - 1 - i] as i16 - y - borrow;
        borrow = 0;
        if t < 0 {
            t += 256;
            borrow = 1;
        }
        out[a.len() - 1 - i] = t as u8;
    }
    out
}

fn ge_be(a: &[u8], b: &[u8]) -> bool {
    let strip = |v: &[u8]| v[v.iter().position(|&x| x != 0).unwrap_or(v.len())..].to_vec();
    let (a, b) = (strip(a), strip(b));
    a.len() > b.len() || (a.len() == b.len() && a >= b)
}

/// (a + b) mod q for a, b < 4q.
fn mod_add(a: &[u8], b: &[u8], q: &[u8]) -> Vec<u8> {
    let mut v = add_be(a, b);
    while ge_be(&v, q) {
        v = sub_be(&v, q);
    }
    v[v.iter().position(|&x| x != 0).unwrap_or(v.len())..].to_vec()
}

/// (a · k) mod q for a small k.
fn mod_mul_small(a: &[u8], k: u32, q: &[u8]) -> Vec<u8> {
    let mut acc = vec![0u8];
    for _ in 0..k {
        acc = mod_add(&acc, a, q);
    }
    acc
}
