//! Review 27 (hostile): key material and the signing side, taken as untrusted input.
//!
//! Three attacker models:
//!
//! 1. a remote client of the service sending hostile PKCS#12 containers with its signing
//!    requests (`/pkcs12/info`, `/cms/sign`, ...): key-derivation CPU bombs, absurd
//!    structures, unknown algorithms, keys that do not belong to the certificate beside
//!    them, certificates the service itself would call unusable;
//! 2. a hostile or man-in-the-middle time-stamp authority or OCSP responder answering the
//!    library's clients (`withTsp`, `sign --tsa-url`, `OcspClient`; plain http, so anyone
//!    on the path);
//! 3. interoperability: what the signing routes produce must be judged valid by the library
//!    and, for RSA, by `openssl cms -verify` (the GOST engine is not installed here, and it
//!    would not know the NCA's own GOST OIDs anyway).
//!
//! Earlier reviews not repeated: `tests/jwt_signing_review.rs` (review 11: no secret in an
//! answer, key counts and sources, `/pkcs12/info` at another clock), `tests/secrets.rs`
//! (freed memory), `tests/keys.rs` (openssl's containers, one iteration count over the
//! bound), `tests/fetch_cli.rs` (a replayed TSA answer to `sign --tsa-url`).
//!
//! Measured, not asserted (no timing in tests): the per-file key-derivation bound holds
//! (a container at the bound opens in 0.9 to 1.9 s in a release build, by hash), but a
//! `/cms/sign` of four such containers with their right password (16 KB of request) costs
//! 6.7 s of one core and answers 200: see the review's report.
//!
//! Tests named `defect_*` assert the safe answer and fail today (each a defect shown);
//! defects since fixed keep their test under a descriptive name, its comment saying so;
//! tests named `held_*` are attacks the library withstood, kept as regression tests. The
//! service runs in process on loopback with the RSA side of the test PKI (root.cer trusted,
//! nca_rsa.cer offered, its current CRL), judging at 2026-11-23T00:00:00Z unless said.
#![cfg(feature = "server")]

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use base64::Engine as _;
use common::forge::{children, int, oid, seq, tlv};
use common::{pki, rsa_verifier, time};
use qoltanba::cms::{SignedData, VerifyOptions};
use qoltanba::Certificate;
use qoltanba::Judged as _;
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";

// --- helpers ------------------------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).unwrap()
}

/// The DER of a PEM file's one block.
fn pem_der(name: &str) -> Vec<u8> {
    let text = String::from_utf8(file(name)).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    unb64(&body)
}

/// A certificate's DER (the file may be PEM or DER).
fn cert_der(path: &Path) -> Vec<u8> {
    Certificate::from_input(&std::fs::read(path).unwrap())
        .unwrap()
        .der()
        .to_vec()
}

/// The service on loopback (`common::service`).
type Svc = common::service::Service;

fn config(verifier: qoltanba::Verifier, at: &str) -> qoltanba::server::ServerConfig {
    let at = time(at);
    qoltanba::server::ServerConfig::new(Arc::new(verifier), Arc::new(move || at))
}

fn service() -> Svc {
    Svc::with_config(config(rsa_verifier(), AT))
}

fn info_body(p12: &[u8], password: &str) -> String {
    json!({"keys": [{"key": b64(p12), "password": password}]}).to_string()
}

fn sign_body(p12: &[u8], password: &str, data: &[u8]) -> String {
    json!({"data": b64(data), "signers": [{"key": b64(p12), "password": password}]}).to_string()
}

// --- PKCS#12 built by hand ----------------------------------------------------------------

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const BAG_KEY: &str = "1.2.840.113549.1.12.10.1.1";
const BAG_SHROUDED_KEY: &str = "1.2.840.113549.1.12.10.1.2";
const BAG_CERT: &str = "1.2.840.113549.1.12.10.1.3";
const BAG_SAFE_CONTENTS: &str = "1.2.840.113549.1.12.10.1.6";
const CERT_X509: &str = "1.2.840.113549.1.9.22.1";
const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
const PBES2: &str = "1.2.840.113549.1.5.13";
const PBKDF2: &str = "1.2.840.113549.1.5.12";
const HMAC_SHA512: &str = "1.2.840.113549.2.11";
const AES256_CBC: &str = "2.16.840.1.101.3.4.1.42";
const PBE_SHA_3DES: &str = "1.2.840.113549.1.12.1.3";
const SHA1: &str = "1.3.14.3.2.26";

fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

fn explicit0(b: &[u8]) -> Vec<u8> {
    tlv(0xA0, b)
}

/// An INTEGER of the unsigned value `n`, minimal.
fn uint(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    let mut content = bytes[skip..].to_vec();
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    int(&content)
}

fn attribute(id: &str, value: &[u8]) -> Vec<u8> {
    seq(&[&oid(id), &tlv(0x31, value)])
}

fn bag(id: &str, value: &[u8], attrs: &[Vec<u8>]) -> Vec<u8> {
    let attrs = if attrs.is_empty() {
        Vec::new()
    } else {
        tlv(0x31, &attrs.concat())
    };
    seq(&[&oid(id), &explicit0(value), &attrs])
}

fn key_bag(pkcs8: &[u8], attrs: &[Vec<u8>]) -> Vec<u8> {
    bag(BAG_KEY, pkcs8, attrs)
}

fn cert_bag(der: &[u8], attrs: &[Vec<u8>]) -> Vec<u8> {
    bag(
        BAG_CERT,
        &seq(&[&oid(CERT_X509), &explicit0(&octets(der))]),
        attrs,
    )
}

/// ContentInfo { id-data, [0] OCTET STRING { SafeContents } }.
fn data_content(bags: &[Vec<u8>]) -> Vec<u8> {
    seq(&[
        &oid(ID_DATA),
        &explicit0(&octets(&tlv(0x30, &bags.concat()))),
    ])
}

/// ContentInfo { id-encryptedData, [0] EncryptedData under `alg` (AlgorithmIdentifier DER) }.
fn encrypted_content(alg: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let eci = seq(&[&oid(ID_DATA), alg, &tlv(0x80, ciphertext)]);
    seq(&[
        &oid(ID_ENCRYPTED_DATA),
        &explicit0(&seq(&[&int(&[0]), &eci])),
    ])
}

/// PFX { 3, authSafe (data) of `contents`, macData }.
fn pfx(contents: &[Vec<u8>], mac: Option<Vec<u8>>) -> Vec<u8> {
    let auth_safe = tlv(0x30, &contents.concat());
    seq(&[
        &int(&[3]),
        &seq(&[&oid(ID_DATA), &explicit0(&octets(&auth_safe))]),
        &mac.unwrap_or_default(),
    ])
}

/// MacData { DigestInfo { digest alg, digest }, salt, iterations (raw INTEGER) }.
fn mac_data(digest_oid: &str, digest_len: usize, salt: &[u8], iterations: &[u8]) -> Vec<u8> {
    seq(&[
        &seq(&[
            &seq(&[&oid(digest_oid), &[0x05, 0x00]]),
            &octets(&vec![0x5A; digest_len]),
        ]),
        &octets(salt),
        iterations,
    ])
}

/// PBES2 { PBKDF2 { salt, iterations, prf }, `cipher` with a 16-octet IV }.
fn pbes2(iterations: &[u8], prf: &str, cipher: &str) -> Vec<u8> {
    seq(&[
        &oid(PBES2),
        &seq(&[
            &seq(&[
                &oid(PBKDF2),
                &seq(&[
                    &octets(&[7; 8]),
                    iterations,
                    &seq(&[&oid(prf), &[0x05, 0x00]]),
                ]),
            ]),
            &seq(&[&oid(cipher), &octets(&[1; 16])]),
        ]),
    ])
}

/// The individual's RSA key (PKCS#8 DER) and certificate, unencrypted, without a MAC: the
/// reader takes it with any password.
fn plain(key: &str, cert: &str) -> Vec<u8> {
    pfx(
        &[data_content(&[
            key_bag(&pem_der(key), &[]),
            cert_bag(&file(cert), &[]),
        ])],
        None,
    )
}

/// `status` is a client error, and the answer a JSON message (not a 5xx, not a dropped
/// connection).
fn assert_4xx(case: &str, (status, answer): (u16, Value)) {
    assert!((400..500).contains(&status), "{case}: {status} {answer}");
    assert!(answer["message"].is_string(), "{case}: {answer}");
}

// --- 1. PKCS#12 as a CPU bomb -------------------------------------------------------------

/// HELD. Key-derivation bombs in a container sent to `/pkcs12/info`: a MAC at 2^31 and at
/// 2^64 - 1 iterations, a shrouded key bag under pbeWithSHAAnd3-KeyTripleDES-CBC at 2^31,
/// an encrypted content under PBKDF2-HMAC-SHA-512 at 10,000,000 iterations (within the
/// per-derivation bound, ten times the per-file work bound), and a 3DES shrouded key at
/// 10,000,000 whose key and IV derivations each fit the bound but not together. Each must be
/// refused before the derivation is done, as a 4xx naming the bound. The caps are
/// observable: `MAX_ITERATIONS` = 10^7 and `MAX_KDF_WORK` = 2·10^7 units, about two
/// seconds (measured by their author; the refusals here come back at once).
#[test]
fn held_kdf_bombs_are_refused_before_the_work() {
    assert_eq!(qoltanba::keys::MAX_ITERATIONS, 10_000_000);
    assert_eq!(qoltanba::keys::MAX_KDF_WORK, 20_000_000);
    let svc = service();
    let body = data_content(&[cert_bag(&file("individual_sign.cer"), &[])]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "MAC at 2^31 iterations",
            pfx(
                std::slice::from_ref(&body),
                Some(mac_data(SHA1, 20, &[1; 8], &uint(1 << 31))),
            ),
            "iteration",
        ),
        (
            "MAC at 2^64 - 1 iterations",
            pfx(
                std::slice::from_ref(&body),
                Some(mac_data(SHA1, 20, &[1; 8], &uint(u64::MAX))),
            ),
            "",
        ),
        (
            "shrouded key, 3DES PBE at 2^31",
            pfx(
                &[data_content(&[bag(
                    BAG_SHROUDED_KEY,
                    &seq(&[
                        &seq(&[
                            &oid(PBE_SHA_3DES),
                            &seq(&[&octets(&[1; 8]), &uint(1 << 31)]),
                        ]),
                        &octets(&[0; 64]),
                    ]),
                    &[],
                )])],
                None,
            ),
            "iteration",
        ),
        (
            "PBKDF2-HMAC-SHA-512 at 10^7",
            pfx(
                &[encrypted_content(
                    &pbes2(&uint(10_000_000), HMAC_SHA512, AES256_CBC),
                    &[0; 64],
                )],
                None,
            ),
            "units of work",
        ),
    ];
    for (case, p12, words) in cases {
        let answer = svc.post("/pkcs12/info", &info_body(&p12, "x"));
        let message = answer.1["message"].as_str().unwrap_or("").to_string();
        assert_4xx(case, answer);
        assert!(message.contains(words), "{case}: {message}");
    }
    // The work is summed over a file's derivations, and charged before any is done: a
    // shrouded key under pbeWithSHAAnd3-KeyTripleDES-CBC at 10^7 iterations (the
    // per-derivation bound) needs a key of two SHA-1 blocks (2·10^7 units, within the
    // per-file bound alone) and an IV of one more (10^7): refused with nothing derived.
    let summed = pfx(
        &[data_content(&[bag(
            BAG_SHROUDED_KEY,
            &seq(&[
                &seq(&[
                    &oid(PBE_SHA_3DES),
                    &seq(&[&octets(&[1; 8]), &uint(10_000_000)]),
                ]),
                &octets(&[0; 64]),
            ]),
            &[],
        )])],
        None,
    );
    let answer = svc.post("/pkcs12/info", &info_body(&summed, "x"));
    let message = answer.1["message"].as_str().unwrap_or("").to_string();
    assert_4xx("3DES at 10^7, summed", answer);
    assert!(message.contains("units of work"), "{message}");
}

/// The individual's RSA key and certificate in a container as `openssl pkcs12 -export`
/// writes it, its key under PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC) at `iterations`, no
/// MAC and the certificate in the clear, password `x`: its one derivation costs
/// 2·`iterations` units of `keys::MAX_KDF_WORK`. `None` without openssl.
fn openssl_p12_at(iterations: u64) -> Option<Vec<u8>> {
    let dir = scratch(&format!("p12-at-{iterations}"));
    let out = dir.join("key.p12");
    // `-nomac` after `-iter`: OpenSSL 3.0 sets the MAC's count with `-iter` otherwise.
    let status = Command::new("openssl")
        .args([
            "pkcs12",
            "-export",
            "-iter",
            &iterations.to_string(),
            "-nomac",
        ])
        .args([
            "-certpbe",
            "NONE",
            "-keypbe",
            "AES-256-CBC",
            "-passout",
            "pass:x",
        ])
        .arg("-inkey")
        .arg(pki("individual_sign.key.pem"))
        .arg("-in")
        .arg(pki("individual_sign.cer"))
        .arg("-out")
        .arg(&out)
        .status()
        .ok()?;
    status.success().then(|| std::fs::read(&out).ok()).flatten()
}

/// Found by review 27 (measured, no test then): a `/cms/sign` of four containers each just
/// under the per-file key-derivation bound (`keys::MAX_KDF_WORK`, about two seconds) cost
/// 6.7 s of one core and answered 200. Now the containers of one request are charged to
/// one budget, the per-file bound: a container at 60% of it signs alone, and is listed
/// alone by `/pkcs12/aliases`; two in one request (`/cms/sign`, `/pkcs12/info`,
/// `/pkcs12/aliases`) are a 4xx naming the request's bound, refused at the second
/// container's derivation, before it is done. No timing is asserted.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "a container at 60% of the bound takes about a second to open in a release build, \
              over 30 s (the service's time bound) in a debug one: cargo test --release; \
              server::route_tests::containers_of_one_request_share_one_kdf_budget runs the \
              same at a smaller bound"
)]
fn kdf_work_of_one_request_is_bounded_across_its_containers() {
    let iterations = qoltanba::keys::MAX_KDF_WORK * 6 / 10 / 2;
    let Some(p12) = openssl_p12_at(iterations) else {
        eprintln!("skipped: no openssl");
        return;
    };
    let svc = service();
    let signer = json!({"key": b64(&p12), "password": "x"});
    let (status, r) = svc.post(
        "/cms/sign",
        &json!({"data": b64(b"d"), "signers": [signer]}).to_string(),
    );
    assert_eq!(status, 200, "alone: {r}");
    let over = [
        (
            "/cms/sign",
            json!({"data": b64(b"d"), "signers": [signer, signer]}),
        ),
        ("/pkcs12/info", json!({"keys": [signer, signer]})),
        ("/pkcs12/aliases", json!({"keys": [signer, signer]})),
    ];
    for (route, body) in over {
        let answer = svc.post(route, &body.to_string());
        let message = answer.1["message"].as_str().unwrap_or("").to_string();
        assert_4xx(route, answer);
        assert!(
            message.contains("of this request")
                && message.contains(&qoltanba::keys::MAX_KDF_WORK.to_string()),
            "{route}: {message}"
        );
    }
    let (status, r) = svc.post("/pkcs12/aliases", &json!({"keys": [signer]}).to_string());
    assert_eq!(status, 200, "aliases, alone: {r}");
}

/// HELD. Structures that cost without bound if read as they come: safe contents nested 6
/// deep, 1,100 bags, 65 contents, a MAC salt of 2,000 octets, a MAC of another length than
/// its digest, a MAC under MD5 and under Streebog, PBES1 (MD5-DES), an unknown encryption
/// OID, PBES2 with the GOST 28147 cipher, PBKDF2 with an HMAC-Streebog PRF, a zero
/// iteration count, an empty salt on a MAC that then does not match. Every one a 4xx (no
/// 5xx, no panic) on `/pkcs12/info`, and on `/pkcs12/aliases` for the first.
#[test]
fn held_hostile_container_structures_are_4xx() {
    let svc = service();
    let cert = cert_bag(&file("individual_sign.cer"), &[]);
    let mut nested = tlv(0x30, &cert);
    for _ in 0..6 {
        nested = tlv(0x30, &bag(BAG_SAFE_CONTENTS, &nested, &[]));
    }
    let nested = seq(&[&oid(ID_DATA), &explicit0(&octets(&nested))]);
    let many_bags = data_content(&vec![bag("1.2.3.4", &[0x05, 0x00], &[]); 1100]);
    let many_contents = vec![data_content(&[]); 65];
    let body = data_content(std::slice::from_ref(&cert));
    let with_mac = |mac: Vec<u8>| pfx(std::slice::from_ref(&body), Some(mac));
    let enc = |alg: Vec<u8>| pfx(&[encrypted_content(&alg, &[0; 64])], None);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("nested safe contents", pfx(&[nested], None)),
        ("1,100 bags", pfx(&[many_bags], None)),
        ("65 contents", pfx(&many_contents, None)),
        (
            "2,000-octet MAC salt",
            with_mac(mac_data(SHA1, 20, &[1; 2000], &uint(1))),
        ),
        (
            "MAC of the wrong length",
            with_mac(mac_data("2.16.840.1.101.3.4.2.1", 20, &[1; 8], &uint(1))),
        ),
        (
            "MD5 MAC",
            with_mac(mac_data("1.2.840.113549.2.5", 16, &[1; 8], &uint(1))),
        ),
        (
            "Streebog MAC",
            with_mac(mac_data("1.2.643.7.1.1.2.3", 64, &[1; 8], &uint(1))),
        ),
        (
            "empty MAC salt",
            with_mac(mac_data(SHA1, 20, &[], &uint(1))),
        ),
        (
            "MAC at 0 iterations",
            with_mac(mac_data(SHA1, 20, &[1; 8], &uint(0))),
        ),
        (
            "PBES1",
            enc(seq(&[
                &oid("1.2.840.113549.1.5.3"),
                &seq(&[&octets(&[1; 8]), &uint(2048)]),
            ])),
        ),
        (
            "unknown cipher",
            enc(seq(&[&oid("1.2.3.4.5"), &[0x05, 0x00]])),
        ),
        (
            "PBES2 with GOST 28147",
            enc(pbes2(&uint(2048), "1.2.840.113549.2.9", "1.2.643.2.2.21")),
        ),
        (
            "PBKDF2 with HMAC-Streebog-512",
            enc(pbes2(&uint(2048), "1.2.643.7.1.1.4.2", AES256_CBC)),
        ),
    ];
    for (case, p12) in &cases {
        assert_4xx(case, svc.post("/pkcs12/info", &info_body(p12, "x")));
    }
    let aliases = json!({"keys": [{"key": b64(&cases[0].1), "password": "x"}]}).to_string();
    assert_4xx("aliases, nested", svc.post("/pkcs12/aliases", &aliases));
}

// --- 2. Which key, which certificate -------------------------------------------------------

/// HELD. A container whose key is not the key of the certificate beside it (the legal
/// entity's RSA key with the individual's certificate: a client claiming someone else's
/// certificate) is refused on `/pkcs12/info` and on `/cms/sign`, rather than described or
/// used; two keys without `keyAlias` are refused (which one was meant is not known).
#[test]
fn held_a_key_beside_another_persons_certificate_is_refused() {
    let svc = service();
    let foreign = plain("legal_sign.key.pem", "individual_sign.cer");
    assert_4xx(
        "info, foreign cert",
        svc.post("/pkcs12/info", &info_body(&foreign, "x")),
    );
    assert_4xx(
        "sign, foreign cert",
        svc.post("/cms/sign", &sign_body(&foreign, "x", b"data")),
    );
    let two = pfx(
        &[data_content(&[
            key_bag(&pem_der("individual_sign.key.pem"), &[]),
            key_bag(&pem_der("legal_sign.key.pem"), &[]),
            cert_bag(&file("individual_sign.cer"), &[]),
            cert_bag(&file("legal_sign.cer"), &[]),
        ])],
        None,
    );
    assert_4xx(
        "sign, two keys",
        svc.post("/cms/sign", &sign_body(&two, "x", b"data")),
    );
}

/// The verifier of the NCA's GOST 2015 test PKI (root, issuing CA, its CRL).
fn gost_verifier(dir: &Path) -> qoltanba::Verifier {
    qoltanba::Verifier::builder()
        .trust_path(dir.join("root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(dir.join("nca_gost2022_test.crl"))
        .unwrap()
        .build()
}

/// A GOST R 34.10-2015 512-bit PKCS#8 in the NCA's form (parameter set A, Streebog-512)
/// with the private scalar `d_le` (64 octets, little-endian).
fn nca_gost_pkcs8(d_le: &[u8]) -> Vec<u8> {
    seq(&[
        &int(&[0]),
        &seq(&[
            &oid("1.2.398.3.10.1.1.2.2"),
            &seq(&[&oid("1.2.398.3.10.1.1.2.2.1"), &oid("1.2.398.3.10.1.3.3")]),
        ]),
        &octets(&octets(d_le)),
    ])
}

/// Found by review 27 (was `defect_pkcs12_info_vouches_for_a_certificate_beside_a_key_that_is_no_key`,
/// fixed): containers that hold no key of a certificate, paired with someone else's
/// certificate (the NCA's test individual, valid), which `/pkcs12/info` described as
/// theirs, `valid: true`, with the other person's IIN:
///
/// * a GOST key on a curve the library knows whose scalar is out of range (d = 2^512 - 1 >
///   q: no key at all), under the certificate's localKeyId: `open_pkcs12` is documented
///   to fall back to the localKeyId only for a key on a curve the library does not know,
///   and does so for any key that cannot sign;
/// * a GOST key on a parameter set the library does not know (1.2.3.4.5), whose PKCS#8 v2
///   publicKey is a copy of the certificate's: the documented fallback compares the copy
///   with the certificate, which proves nothing (anyone can copy a public key).
///
/// `/cms/sign` refuses both (the key cannot sign), so nothing is signed; but a backend that
/// asks `/pkcs12/info` whose container this is (NCANode's use: show the user's certificate
/// before signing, register a user by their key) is told a stranger's container is the
/// victim's, valid. The safe answer: the container refused (4xx: no key of the
/// certificate's in it), or at least not `valid`. Now: the out-of-range scalar is refused
/// (400: no key), and the unknown curve's certificate is described `keyProven: false`,
/// `valid: false` (the NCA may issue curves the library does not know: reading the
/// container is fine, vouching is not); `open_pkcs12` refuses both.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn pkcs12_info_does_not_vouch_for_a_certificate_beside_a_key_that_is_no_key() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let victim = qoltanba::keys::open_pkcs12(
        &std::fs::read(dir.join("individual_valid.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
    .certificate;
    let id = attribute(LOCAL_KEY_ID, &octets(b"victim"));
    let out_of_range = pfx(
        &[data_content(&[
            key_bag(&nca_gost_pkcs8(&[0xFF; 64]), std::slice::from_ref(&id)),
            cert_bag(victim.der(), std::slice::from_ref(&id)),
        ])],
        None,
    );
    let mut copied = vec![0u8];
    copied.extend_from_slice(victim.public_key().key_bytes());
    let unknown_curve = seq(&[
        &int(&[1]),
        &seq(&[
            &oid("1.2.398.3.10.1.1.2.2"),
            &seq(&[&oid("1.2.3.4.5"), &oid("1.2.398.3.10.1.3.3")]),
        ]),
        &octets(&octets(&[0x11; 64])),
        &tlv(0x81, &copied),
    ]);
    let unknown_curve = pfx(
        &[data_content(&[
            key_bag(&unknown_curve, &[]),
            cert_bag(victim.der(), &[]),
        ])],
        None,
    );
    let svc = Svc::with_config(config(gost_verifier(&dir), AT));
    // The genuine container is valid: the service can say valid for this certificate.
    let genuine = std::fs::read(dir.join("individual_valid.p12")).unwrap();
    let (status, r) = svc.post("/pkcs12/info", &info_body(&genuine, "Qwerty12"));
    assert_eq!((status, &r["valid"]), (200, &json!(true)), "{r}");
    let mut vouched = Vec::new();
    for (case, p12) in [
        ("scalar out of range", &out_of_range),
        ("unknown curve, copied public key", &unknown_curve),
    ] {
        // Nothing is signed with it.
        let (status, _) = svc.post("/cms/sign", &sign_body(p12, "x", b"d"));
        assert!((400..500).contains(&status), "{case}: signed");
        let (status, r) = svc.post("/pkcs12/info", &info_body(p12, "x"));
        if status == 200 {
            assert_eq!(r["signers"][0]["keyProven"], json!(false), "{case}: {r}");
            assert_eq!(r["signers"][0]["valid"], json!(false), "{case}: {r}");
        }
        if status == 200 && r["valid"] == json!(true) {
            vouched.push(format!(
                "{case}: valid, IIN {}",
                r["signers"][0]["subject"]["iin"]
            ));
        }
        let opened = qoltanba::keys::open_pkcs12(p12, b"x");
        if let Ok(b) = opened {
            assert!(!b.key.can_sign());
            vouched.push(format!(
                "{case}: open_pkcs12 paired it with the certificate"
            ));
        }
    }
    assert!(vouched.is_empty(), "{vouched:#?}");
    // The genuine container's key is proven.
    let (_, r) = svc.post("/pkcs12/info", &info_body(&genuine, "Qwerty12"));
    assert_eq!(r["signers"][0]["keyProven"], json!(true), "{r}");
}

/// HELD. `/pkcs12/info` of an authentication container (`individual_auth`) is not
/// `valid`: its keyUsage allows no document signature (review 11 stated it, not tested).
#[test]
fn held_pkcs12_info_of_an_authentication_key_is_not_valid() {
    let p12 = plain("individual_auth.key.pem", "individual_auth.cer");
    let (status, r) = service().post("/pkcs12/info", &info_body(&p12, "x"));
    assert_eq!((status, &r["valid"]), (200, &json!(false)), "{r}");
}

// --- 2b. Signing with a certificate the service itself calls unusable ----------------------

/// `/cms/sign` with `p12`: (status, the CMS when 200); the CMS, if any, judged by the
/// service's own `/cms/verify` at its clock.
fn sign_and_judge(svc: &Svc, p12: &[u8]) -> (u16, Option<Value>) {
    let (status, r) = svc.post("/cms/sign", &sign_body(p12, "x", b"the document"));
    let verdict = (status == 200).then(|| {
        let cms = r["cms"].as_str().unwrap().to_string();
        svc.post("/cms/verify", &json!({"cms": cms}).to_string()).1
    });
    (status, verdict)
}

/// Found by review 27 (was a defect: 200 and a failing signature). `/cms/sign` with a key whose certificate has expired (`expired.cer`), is not yet
/// valid (`not_yet_valid.cer`) or is revoked on the service's own CRL (`revoked.cer`)
/// answers 200 "OK" with a CMS that the same service's `/cms/verify` judges invalid at
/// the same clock: the client is handed a signature that fails, and is not told. The same
/// holds on `/xml/sign`, `/wsse/sign`, `/pdf/sign` and `/jwt/encode` (one `open_key`
/// path, no judgment of the certificate). The safe answer:
/// a 4xx naming the certificate's state; the control (`individual_sign.cer`) signs and
/// verifies.
#[test]
fn signing_refuses_a_key_whose_certificate_is_expired_not_yet_valid_or_revoked() {
    let svc = service();
    let (status, verdict) = sign_and_judge(
        &svc,
        &plain("individual_sign.key.pem", "individual_sign.cer"),
    );
    assert_eq!(status, 200);
    assert_eq!(verdict.unwrap()["valid"], json!(true));
    let mut silent = Vec::new();
    for name in ["expired", "not_yet_valid", "revoked"] {
        let p12 = plain(&format!("{name}.key.pem"), &format!("{name}.cer"));
        let (status, verdict) = sign_and_judge(&svc, &p12);
        if status == 200 {
            let verdict = verdict.unwrap();
            assert_eq!(verdict["valid"], json!(false), "{name}: {verdict}");
            silent.push(format!(
                "{name}: 200, then /cms/verify: {}",
                verdict["message"]
            ));
        }
    }
    assert!(silent.is_empty(), "signed without a word: {silent:#?}");
}

/// Found by review 27 (was a defect: 200 and a failing signature). `/cms/sign` (and `/xml/sign`) with an authentication key (`individual_auth.cer`:
/// digitalSignature + keyEncipherment, extKeyUsage clientAuth, which the library refuses
/// as a document signer) answers 200 with a signature its own `/cms/verify` judges
/// invalid. The safe answer: a 4xx (not a signing certificate).
#[test]
fn signing_routes_refuse_an_authentication_key() {
    let svc = service();
    let p12 = plain("individual_auth.key.pem", "individual_auth.cer");
    let (status, verdict) = sign_and_judge(&svc, &p12);
    let xml = json!({"xml": "<a>x</a>", "signers": [{"key": b64(&p12), "password": "x"}]});
    let (xml_status, _) = svc.post("/xml/sign", &xml.to_string());
    assert!(
        (400..500).contains(&status) && (400..500).contains(&xml_status),
        "cms/sign {status} (then /cms/verify: {verdict:?}), xml/sign {xml_status}"
    );
}

// --- 3. A hostile time-stamp authority ----------------------------------------------------

/// A local HTTP server answering each POST with what `answer` makes of its body; counts
/// requests.
struct Responder {
    url: String,
    hits: Arc<AtomicU64>,
}

type Answer = Arc<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>;

impl Responder {
    fn start(answer: Answer) -> Responder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/tsa", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicU64::new(0));
        let h = hits.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                h.fetch_add(1, Ordering::SeqCst);
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                let header_end = loop {
                    if let Some(i) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break request.len(),
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&request[..header_end]).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                while request.len() < header_end + length {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let body = answer(&request[header_end..]);
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .and_then(|()| stream.write_all(&body));
            }
        });
        Responder { url, hits }
    }
}

/// A scratch directory of this test file.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qoltanba-r27-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `openssl ts -reply` as the TSA (the test PKI's tsa.cer and its key), or `None` without
/// openssl.
fn openssl_tsa(name: &str) -> Option<Answer> {
    Command::new("openssl").arg("version").output().ok()?;
    let dir = scratch(name);
    std::fs::write(dir.join("serial"), "01\n").ok()?;
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        b64(&cert_der(&pki("tsa/tsa.cer")))
    );
    std::fs::write(dir.join("tsa.pem"), pem).ok()?;
    let cnf = format!(
        "[ tsa ]\ndefault_tsa = c\n[ c ]\nserial = {}\nsigner_cert = {}\nsigner_key = {}\n\
         signer_digest = sha256\ndefault_policy = 1.2.398.3.3.2.6.1\n\
         digests = sha256, sha384, sha512\naccuracy = secs:1\ness_cert_id_alg = sha256\n",
        dir.join("serial").display(),
        dir.join("tsa.pem").display(),
        pki("tsa/tsa.key.pem").display()
    );
    std::fs::write(dir.join("ts.cnf"), cnf).ok()?;
    let count = Arc::new(AtomicU64::new(0));
    Some(Arc::new(move |query: &[u8]| {
        let q = dir.join(format!("q{}.tsq", count.fetch_add(1, Ordering::SeqCst)));
        std::fs::write(&q, query).unwrap();
        Command::new("openssl")
            .args(["ts", "-reply", "-config"])
            .arg(dir.join("ts.cnf"))
            .arg("-queryfile")
            .arg(&q)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    }))
}

/// The genuine TSA's answer with its token's signature value broken (its last octet,
/// which in openssl's tokens, which carry no unsigned attributes, is the signature's):
/// the nonce and the imprint are the ones asked for, the signature does not verify.
fn broken_signature(genuine: Answer) -> Answer {
    Arc::new(move |query: &[u8]| {
        let mut answer = genuine(query);
        if let Some(last) = answer.last_mut() {
            *last ^= 0x01;
        }
        answer
    })
}

/// The service with `tsa_url` as its TSA.
fn service_with_tsa(tsa_url: &str) -> Svc {
    Svc::with_config(
        config(rsa_verifier(), AT)
            .tsa(tsa_url, &qoltanba::fetch::FetchConfig::default())
            .unwrap(),
    )
}

/// The first signer of `cms` judged by the test PKI's verifier at its time-stamp token's
/// genTime plus a minute (the token's own time, never the wall clock; openssl's genTime is
/// its clock's): (valid?, the refusal). `None` when no token is there.
fn judge_at_gen_time(cms: &[u8]) -> Option<(bool, String)> {
    let signed = SignedData::from_input(cms).unwrap();
    let token = signed.signers()[0]
        .unsigned_attributes()
        .iter()
        .find(|a| a.oid == "1.2.840.113549.1.9.16.2.14")?
        .values
        .first()?
        .clone();
    let token = qoltanba::tsp::TimeStampToken::from_ber(&token).ok()?;
    let at = token.tst_info().gen_time() + chrono::Duration::minutes(1);
    let verdict = signed.verify(&rsa_verifier(), &VerifyOptions::at(at));
    Some((
        verdict.is_valid(),
        format!("{:?}", verdict.refusal().map(|r| r.en().to_string())),
    ))
}

/// FIXED, a defect found by review 27: the TSA client checks the token's own CMS signature
/// and ESS binding against the certificate it carries before taking it: 502 now.
///
/// DEFECT (as found). A man-in-the-middle TSA (the TSA is plain http) answers `withTsp` with a token
/// that echoes the nonce and the imprint asked for but whose signature does not verify.
/// The client checks only the exchange (nonce, imprint, policy), not the token's own
/// signature, so `/cms/sign` answers 200 and embeds it; the library then judges the
/// signer invalid (a broken token makes the signer invalid), so the service hands out a
/// CMS that fails. The control, the genuine TSA's token, gives a CMS whose token is not
/// the fault. The safe answer: 502 (the TSA's answer is not a token), as for a token
/// with another nonce.
#[test]
fn cms_sign_with_tsp_refuses_a_token_whose_signature_is_broken() {
    let Some(genuine) = openssl_tsa("server") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let p12 = file("individual_sign.p12");
    let body = json!({"data": b64(b"the document"), "withTsp": true,
        "signers": [{"key": b64(&p12), "password": "Qwerty12"}]})
    .to_string();
    // The genuine TSA: 200, a token embedded, and the CMS not invalid because of it.
    let tsa = Responder::start(genuine.clone());
    let (status, r) = service_with_tsa(&tsa.url).post("/cms/sign", &body);
    assert_eq!(status, 200, "{r}");
    let good = judge_at_gen_time(&unb64(r["cms"].as_str().unwrap())).expect("a token");
    // The forger's.
    let forger = Responder::start(broken_signature(genuine));
    let (status, r) = service_with_tsa(&forger.url).post("/cms/sign", &body);
    assert_eq!(forger.hits.load(Ordering::SeqCst), 1);
    if status == 200 {
        let bad = judge_at_gen_time(&unb64(r["cms"].as_str().unwrap())).expect("a token");
        assert!(!bad.0, "the broken token was judged");
        panic!(
            "200 with a CMS the library judges invalid: {} (with the genuine token: valid {}, {})",
            bad.1, good.0, good.1
        );
    }
    assert_eq!(status, 502, "{r}");
}

/// FIXED, a defect found by review 27: `TsaClient::timestamp` refuses a token whose own
/// signature does not hold (`FetchError::Refused`).
///
/// DEFECT (as found). The same forger against the library's `TsaClient::timestamp_cms` (what
/// `qoltanba sign --tsa-url` uses): the token with the broken signature is taken and
/// embedded. The safe answer: an error (the token's signature does not verify).
#[test]
fn tsa_client_refuses_a_token_whose_signature_does_not_verify() {
    let Some(genuine) = openssl_tsa("client") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let forger = Responder::start(broken_signature(genuine));
    let key = qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12").unwrap();
    let cms = qoltanba::cms::sign(
        b"the document",
        &qoltanba::cms::SignRequest::new(&key.certificate, time(AT)),
        &key.key,
    )
    .unwrap();
    let client = qoltanba::fetch::TsaClient::new(&qoltanba::fetch::FetchConfig::default());
    let stamped = client.timestamp_cms(&forger.url, &cms, None);
    if let Ok(stamped) = &stamped {
        let (valid, refusal) = judge_at_gen_time(stamped).expect("a token");
        assert!(!valid);
        panic!("a token whose signature fails was embedded; the CMS is then invalid: {refusal}");
    }
}

/// FIXED, a defect found by review 27: through the same client check: a failure, no file.
///
/// DEFECT (as found). `qoltanba sign --tsa-url` against the forger: exit 0 and a CMS written, with
/// the broken token in it. The safe answer: a failure, no file written (as for a token
/// with another nonce, `tests/fetch_cli.rs`).
#[test]
fn cli_sign_tsa_url_refuses_a_broken_token_and_writes_nothing() {
    let Some(genuine) = openssl_tsa("cli") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let forger = Responder::start(broken_signature(genuine));
    let dir = scratch("cli-out");
    let out_file = dir.join("signed.cms");
    let _ = std::fs::remove_file(&out_file);
    let out = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .arg("sign")
        .arg(pki("tsa/data.txt"))
        .arg("--key")
        .arg(pki("individual_sign.p12"))
        .args(["--signing-time", "2026-11-23T00:00:00Z"])
        .args(["--tsa-url", &forger.url, "-o"])
        .arg(&out_file)
        .env("QOLTANBA_PASSWORD", "Qwerty12")
        .output()
        .unwrap();
    let written = out_file.exists();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.code() != Some(0) && !written,
        "exit {:?}, CMS written: {written}; stderr {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Rewrite a TimeStampReq: `f` gets its elements (version, imprint, [policy], nonce,
/// certReq) and returns the ones to send.
fn rewrite_query(query: &[u8], f: impl Fn(Vec<Vec<u8>>) -> Vec<Vec<u8>>) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = children(query).into_iter().map(<[u8]>::to_vec).collect();
    tlv(0x30, &f(parts).concat())
}

/// HELD. TSAs answering what is not this exchange, on `withTsp`: the token of a query whose
/// imprint was changed on the way (another document), of a query without the nonce (a
/// token without one), of a query whose nonce was changed (another nonce), a recorded
/// genuine response (a replay), `granted` with no token, a rejection, garbage. Each a 502;
/// nothing embedded.
#[test]
fn held_with_tsp_refuses_tokens_that_are_not_this_exchange() {
    let Some(genuine) = openssl_tsa("held") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let g = genuine.clone();
    let other_imprint: Answer = Arc::new(move |q: &[u8]| {
        g(&rewrite_query(q, |mut p| {
            let mut imprint = p[1].clone();
            let n = imprint.len();
            imprint[n - 1] ^= 0xFF;
            p[1] = imprint;
            p
        }))
    });
    let g = genuine.clone();
    let no_nonce: Answer = Arc::new(move |q: &[u8]| {
        g(&rewrite_query(q, |p| {
            p.into_iter()
                .filter(|e| e[0] != 0x02 || e.len() <= 3)
                .collect()
        }))
    });
    let g = genuine.clone();
    let other_nonce: Answer = Arc::new(move |q: &[u8]| {
        g(&rewrite_query(q, |p| {
            p.into_iter()
                .map(|mut e| {
                    if e[0] == 0x02 && e.len() > 3 {
                        let n = e.len();
                        e[n - 1] ^= 0x01;
                    }
                    e
                })
                .collect()
        }))
    });
    let fixed = |b: Vec<u8>| -> Answer { Arc::new(move |_: &[u8]| b.clone()) };
    let cases: Vec<(&str, Answer)> = vec![
        ("another imprint", other_imprint),
        ("no nonce", no_nonce),
        ("another nonce", other_nonce),
        ("replay", fixed(file("tsa/response_valid.tsr"))),
        ("granted, no token", fixed(seq(&[&seq(&[&int(&[0])])]))),
        ("rejection", fixed(file("tsa/response_rejected.tsr"))),
        ("garbage", fixed(b"<html>".to_vec())),
    ];
    let body = json!({"data": b64(b"the document"), "withTsp": true,
        "signers": [{"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"}]})
    .to_string();
    for (case, answer) in cases {
        let tsa = Responder::start(answer);
        let (status, r) = service_with_tsa(&tsa.url).post("/cms/sign", &body);
        assert_eq!(status, 502, "{case}: {r}");
        assert!(r["cms"].is_null(), "{case}: {r}");
        assert_eq!(tsa.hits.load(Ordering::SeqCst), 1, "{case}");
    }
}

// --- 4. What the routes produce verifies --------------------------------------------------

fn openssl_available() -> bool {
    Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `openssl cms -verify` of the DER `cms` (attached) with `ca_files` trusted at `at`
/// (seconds since the epoch): its exit status and the content it printed.
fn openssl_verify(cms: &[u8], ca_files: &[PathBuf], at: i64, name: &str) -> (bool, Vec<u8>) {
    let dir = scratch(name);
    let input = dir.join("in.cms");
    std::fs::write(&input, cms).unwrap();
    let bundle = dir.join("ca.pem");
    let pems: String = ca_files
        .iter()
        .map(|p| {
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                b64(&cert_der(p))
            )
        })
        .collect();
    std::fs::write(&bundle, pems).unwrap();
    let out = Command::new("openssl")
        .args([
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-partial_chain",
            "-purpose",
            "any",
            "-in",
        ])
        .arg(&input)
        .arg("-CAfile")
        .arg(&bundle)
        .args(["-attime", &at.to_string()])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.success(), out.stdout)
}

/// HELD. Every signing route, with the test PKI's RSA container, makes what the service's
/// own verifying routes judge valid: `/cms/sign` then `/cms/verify`; `/cms/sign/add` (a
/// second signer) then `/cms/verify` (both signers); `/xml/sign` then `/xml/verify`;
/// `/wsse/sign` then `/wsse/verify`; `/jwt/encode` then `/jwt/decode`. The CMSs also pass
/// `openssl cms -verify` (chain to root.cer at the service's clock).
#[test]
fn held_rsa_signatures_of_every_route_verify() {
    let svc = service();
    let individual = file("individual_sign.p12");
    let legal = file("legal_sign.p12");
    let signer = |p12: &[u8]| json!({"key": b64(p12), "password": "Qwerty12"});
    let (status, r) = svc.post(
        "/cms/sign",
        &json!({"data": b64(b"the document"), "signers": [signer(&individual)]}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let cms = r["cms"].as_str().unwrap().to_string();
    let (_, v) = svc.post("/cms/verify", &json!({"cms": cms}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
    let (status, r) = svc.post(
        "/cms/sign/add",
        &json!({"cms": cms, "signers": [signer(&legal)]}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let both = r["cms"].as_str().unwrap().to_string();
    let (_, v) = svc.post("/cms/verify", &json!({"cms": both}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
    assert_eq!(v["signers"].as_array().map(Vec::len), Some(2), "{v}");
    let (status, r) = svc.post(
        "/xml/sign",
        &json!({"xml": "<doc><a>1</a></doc>", "signers": [signer(&individual)]}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let (_, v) = svc.post("/xml/verify", &json!({"xml": r["xml"]}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
    let soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><a>1</a></soap:Body></soap:Envelope>";
    let (status, r) = svc.post(
        "/wsse/sign",
        &json!({"xml": soap, "key": b64(&individual), "password": "Qwerty12"}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let (_, v) = svc.post("/wsse/verify", &json!({"xml": r["xml"]}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
    let (status, r) = svc.post(
        "/jwt/encode",
        &json!({"jwt": {"header": {"alg": "RS256", "typ": "JWT"}, "payload": {"sub": "x"}},
            "key": b64(&individual), "password": "Qwerty12"})
        .to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let (_, v) = svc.post(
        "/jwt/decode",
        &json!({"jwt": r["jwt"], "key": b64(&file("individual_sign.cer"))}).to_string(),
    );
    assert_eq!(v["valid"], json!(true), "{v}");
    if openssl_available() {
        let cas = [pki("root.cer"), pki("nca_rsa.cer")];
        for (name, c) in [("one", &cms), ("two", &both)] {
            let (ok, content) = openssl_verify(&unb64(c), &cas, time(AT).timestamp(), name);
            assert!(ok, "openssl cms -verify refused the {name}-signer CMS");
            assert_eq!(content, b"the document");
        }
    }
}

/// HELD. The NCA's own containers (Kalkan's PKCS#12: RSA 2020, GOST R 34.10-2015 512-bit)
/// sign through `/cms/sign`, and the CMS verifies: the GOST one judged valid by the service
/// (the NCA's GOST 2015 test PKI, at 2026-11-23), the RSA one by `openssl cms -verify`
/// (its issuing CA as anchor, at 2020-06-01) and by the library's signature check. The
/// NCA's GOST 2004 material holds no PKCS#12 (a certificate only), so nothing signs with
/// it here; openssl's GOST engine is not installed (and does not know the NCA's OIDs).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_nca_containers_sign_verifiably() {
    let Some(gost) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let svc = Svc::with_config(config(gost_verifier(&gost), AT));
    let p12 = std::fs::read(gost.join("individual_valid.p12")).unwrap();
    let (status, r) = svc.post("/cms/sign", &sign_body(&p12, "Qwerty12", b"the document"));
    assert_eq!(status, 200, "{r}");
    let (_, v) = svc.post("/cms/verify", &json!({"cms": r["cms"]}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
    let xml =
        json!({"xml": "<doc>1</doc>", "signers": [{"key": b64(&p12), "password": "Qwerty12"}]});
    let (status, r) = svc.post("/xml/sign", &xml.to_string());
    assert_eq!(status, 200, "{r}");
    let (_, v) = svc.post("/xml/verify", &json!({"xml": r["xml"]}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");

    let Some(rsa) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let p12 = std::fs::read(rsa.join("person_sign_2020.p12")).unwrap();
    let verifier = qoltanba::Verifier::builder()
        .trust_path(rsa.join("nca_rsa_test.crt"))
        .unwrap()
        .build();
    let svc = Svc::with_config(config(verifier, "2020-06-01T00:00:00Z"));
    let (status, r) = svc.post("/cms/sign", &sign_body(&p12, "Qwerty12", b"the document"));
    assert_eq!(status, 200, "{r}");
    let cms = unb64(r["cms"].as_str().unwrap());
    let signed = SignedData::from_input(&cms).unwrap();
    let bundle = qoltanba::keys::open_pkcs12(&p12, b"Qwerty12").unwrap();
    assert!(bundle.key.matches(&bundle.certificate));
    assert_eq!(signed.signers().len(), 1);
    if openssl_available() {
        let (ok, content) = openssl_verify(
            &cms,
            &[rsa.join("nca_rsa_test.crt")],
            time("2020-06-01T00:00:00Z").timestamp(),
            "nca-rsa",
        );
        assert!(ok, "openssl cms -verify refused the NCA RSA CMS");
        assert_eq!(content, b"the document");
    }
}

// --- 5. A hostile OCSP responder ---------------------------------------------------------

/// The extnValue content of the nonce in an OCSP `request` (the OCTET STRING holding the
/// nonce), as a responder would echo it.
fn request_nonce(request: &[u8]) -> Option<Vec<u8>> {
    let id = oid("1.3.6.1.5.5.7.48.1.2");
    let i = request.windows(id.len()).position(|w| w == id)? + id.len();
    // extnValue OCTET STRING { OCTET STRING nonce }: short lengths.
    let len = *request.get(i + 1)? as usize;
    request.get(i + 2..i + 2 + len).map(<[u8]>::to_vec)
}

/// A response of the test PKI's delegated responder (its certificate carried) about
/// `serial` of nca_rsa.cer, good, with the nonce extension `nonce` (an extnValue's
/// content) when given.
fn ocsp_answer(serial: &[u8], nonce: Option<&[u8]>) -> Vec<u8> {
    use common::evidence::{cert, good, key, single};
    let responder = cert("ocsp_responder.cer");
    let singles = single(serial, &good(), "20261122000000Z", Some("20261129000000Z"));
    let extensions = nonce
        .map(|n| {
            tlv(
                0xA1,
                &seq(&[&seq(&[&oid("1.3.6.1.5.5.7.48.1.2"), &octets(n)])]),
            )
        })
        .unwrap_or_default();
    let tbs = seq(&[
        &tlv(0xA1, responder.subject().der()),
        &common::forge::gen_time("20261122000000Z"),
        &tlv(0x30, &singles),
        &extensions,
    ]);
    let mut bits = vec![0u8];
    bits.extend(key("ocsp_responder.key.pem").sign(&tbs).unwrap());
    let basic = seq(&[
        &tbs,
        &common::forge::sha256_rsa(),
        &tlv(0x03, &bits),
        &tlv(0xA0, &seq(&[responder.der()])),
    ]);
    seq(&[
        &[0x0A, 0x01, 0x00],
        &tlv(0xA0, &seq(&[&oid("1.3.6.1.5.5.7.48.1.1"), &octets(&basic)])),
    ])
}

/// HELD. The OCSP client (`OcspClient::status`) against a responder that answers with the
/// genuine responder's signature but not this exchange: without the nonce (a replayed or
/// pre-produced answer), with another nonce, about another certificate (another serial)
/// echoing the nonce, a recorded genuine response. Each refused; the genuine exchange is
/// taken, and then kept (a second question is answered from the cache, the responder not
/// asked), while the refused ones leave nothing cached (asked again each time).
#[test]
fn held_ocsp_client_refuses_answers_that_are_not_this_exchange() {
    use common::evidence::{cert, serial};
    let (target, issuer) = (cert("individual_sign.cer"), cert("nca_rsa.cer"));
    let now = time(AT);
    let mut other = serial();
    let last = other.len() - 1;
    other[last] ^= 0x01;
    let cases: Vec<(&str, Answer)> = vec![
        (
            "no nonce",
            Arc::new(|_: &[u8]| ocsp_answer(&serial(), None)),
        ),
        (
            "another nonce",
            Arc::new(|r: &[u8]| {
                let mut n = request_nonce(r).unwrap();
                let last = n.len() - 1;
                n[last] ^= 0x01;
                ocsp_answer(&serial(), Some(&n))
            }),
        ),
        (
            "another certificate",
            Arc::new(move |r: &[u8]| ocsp_answer(&other, request_nonce(r).as_deref())),
        ),
        ("recorded", Arc::new(|_: &[u8]| file("ocsp_good.der"))),
    ];
    for (case, answer) in cases {
        let responder = Responder::start(answer);
        let client = qoltanba::fetch::OcspClient::new(&qoltanba::fetch::FetchConfig::default());
        for _ in 0..2 {
            let e = client
                .status(&responder.url, &target, &issuer, now)
                .expect_err(case);
            assert_eq!(e.kind(), "refused", "{case}: {e}");
        }
        assert_eq!(responder.hits.load(Ordering::SeqCst), 2, "{case}: cached");
    }
    let responder = Responder::start(Arc::new(|r: &[u8]| {
        ocsp_answer(&serial(), request_nonce(r).as_deref())
    }));
    let client = qoltanba::fetch::OcspClient::new(&qoltanba::fetch::FetchConfig::default());
    for _ in 0..2 {
        client
            .status(&responder.url, &target, &issuer, now)
            .expect("the genuine exchange");
    }
    assert_eq!(responder.hits.load(Ordering::SeqCst), 1, "kept while fresh");
}

/// FIXED, a defect found by review 27: `/cms/sign/add` stamps only the SignerInfos it added
/// (`TsaClient::timestamp_signers`, by signature value).
///
/// DEFECT (as found). `/cms/sign/add` with `withTsp` is documented to ask the TSA for a token over
/// each *new* signer's signature value; `TsaClient::timestamp_cms` stamps every SignerInfo
/// that carries no token, so the existing signers of the client's CMS (up to the 256 a CMS
/// may hold, none of them verified before: with attached content `add_signer` does not
/// look at them) are stamped too. One request makes the service ask its TSA once per
/// signer the client brought, over signature values of the client's choosing: the
/// service's TSA access (the NCA's TSA serves registered clients) is a time-stamping
/// oracle, and an amplifier against it. Here a CMS of 8 signers plus one new signer: 5
/// questions and 5 tokens today (not 9 only because the walk skips signers, the next
/// defect). The safe answer: one question, the existing signers left as they came.
#[test]
fn cms_sign_add_with_tsp_stamps_only_the_signers_it_added() {
    let Some(genuine) = openssl_tsa("add") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let key = qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12").unwrap();
    let request = qoltanba::cms::SignRequest::new(&key.certificate, time(AT));
    let mut cms = qoltanba::cms::sign(b"the document", &request, &key.key).unwrap();
    for i in 1..8 {
        let at = time(AT) + chrono::Duration::seconds(i);
        let request = qoltanba::cms::SignRequest::new(&key.certificate, at);
        cms = SignedData::from_input(&cms)
            .unwrap()
            .add_signer(None, &request, &key.key)
            .unwrap();
    }
    assert_eq!(SignedData::from_input(&cms).unwrap().signers().len(), 8);
    let tsa = Responder::start(genuine);
    let svc = service_with_tsa(&tsa.url);
    let body = json!({"cms": b64(&cms), "withTsp": true,
        "signers": [{"key": b64(&file("legal_sign.p12")), "password": "Qwerty12"}]})
    .to_string();
    let (status, r) = svc.post("/cms/sign/add", &body);
    assert_eq!(status, 200, "{r}");
    let out = SignedData::from_input(&unb64(r["cms"].as_str().unwrap())).unwrap();
    let stamped = out
        .signers()
        .iter()
        .filter(|s| {
            s.unsigned_attributes()
                .iter()
                .any(|a| a.oid == "1.2.840.113549.1.9.16.2.14")
        })
        .count();
    assert_eq!(
        (tsa.hits.load(Ordering::SeqCst), stamped),
        (1, 1),
        "TSA questions and signers stamped for one new signer"
    );
}

/// FIXED, a defect found by review 27: the TSA client finds the signers to stamp by their
/// signature value, not their position, and checks that each asked for has a token.
///
/// DEFECT (as found). `/cms/sign` with `withTsp` and several signers (NCANode's `signers`, up to 4)
/// leaves some of them without a token and answers 200. `TsaClient::timestamp_cms` walks
/// the signers by index over a CMS it re-encodes after each token, and the re-encoding
/// sorts the SignerInfos (DER SET OF): the stamped, longer SignerInfo moves to the end, the
/// next one takes its index and is skipped. The client asked for CAdES-T for every signer
/// and gets CAdES-BES for some, silently. The safe answer: every new signer stamped (or
/// a 502).
#[test]
fn cms_sign_with_tsp_stamps_every_signer() {
    let Some(genuine) = openssl_tsa("four") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let tsa = Responder::start(genuine);
    let svc = service_with_tsa(&tsa.url);
    let signer = |p12: Vec<u8>, password: &str| json!({"key": b64(&p12), "password": password});
    let body = json!({"data": b64(b"the document"), "withTsp": true, "signers": [
        signer(file("individual_sign.p12"), "Qwerty12"),
        signer(file("legal_sign.p12"), "Qwerty12"),
        signer(plain("individual_sign_valid_iin.key.pem", "individual_sign_valid_iin.cer"), "x"),
        signer(plain("legal_sign_valid_bin.key.pem", "legal_sign_valid_bin.cer"), "x"),
    ]})
    .to_string();
    let (status, r) = svc.post("/cms/sign", &body);
    assert_eq!(status, 200, "{r}");
    let out = SignedData::from_input(&unb64(r["cms"].as_str().unwrap())).unwrap();
    let stamped = out
        .signers()
        .iter()
        .filter(|s| {
            s.unsigned_attributes()
                .iter()
                .any(|a| a.oid == "1.2.840.113549.1.9.16.2.14")
        })
        .count();
    assert_eq!(
        (out.signers().len(), stamped),
        (4, 4),
        "signers, and signers with a token ({} TSA questions)",
        tsa.hits.load(Ordering::SeqCst)
    );
}

/// `qoltanba sign --add-signer --tsa-url` stamps the signer it adds and leaves the CMS's
/// own signers as they came (the CLI side of the `/cms/sign/add` fix above): a CMS of two
/// signers plus one added, one TSA question, one token, on a signature value the input
/// did not carry.
#[test]
fn cli_sign_add_signer_tsa_url_stamps_only_the_added_signer() {
    let Some(genuine) = openssl_tsa("cli-add") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let key = qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12").unwrap();
    let request = qoltanba::cms::SignRequest::new(&key.certificate, time(AT));
    let mut cms = qoltanba::cms::sign(b"the document", &request, &key.key).unwrap();
    let request =
        qoltanba::cms::SignRequest::new(&key.certificate, time(AT) + chrono::Duration::seconds(1));
    cms = SignedData::from_input(&cms)
        .unwrap()
        .add_signer(None, &request, &key.key)
        .unwrap();
    let carried: Vec<Vec<u8>> = SignedData::from_input(&cms)
        .unwrap()
        .signers()
        .iter()
        .map(|s| s.signature().to_vec())
        .collect();
    let tsa = Responder::start(genuine);
    let dir = scratch("cli-add");
    let (input, out_file) = (dir.join("two.cms"), dir.join("three.cms"));
    std::fs::write(&input, &cms).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .arg("sign")
        .arg(&input)
        .arg("--add-signer")
        .arg("--key")
        .arg(pki("legal_sign.p12"))
        .args(["--signing-time", "2026-11-23T00:00:00Z"])
        .args(["--tsa-url", &tsa.url, "-o"])
        .arg(&out_file)
        .env("QOLTANBA_PASSWORD", "Qwerty12")
        .output()
        .unwrap();
    let written = std::fs::read(&out_file);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let signed = SignedData::from_input(&written.unwrap()).unwrap();
    let stamped: Vec<&[u8]> = signed
        .signers()
        .iter()
        .filter(|s| {
            s.unsigned_attributes()
                .iter()
                .any(|a| a.oid == "1.2.840.113549.1.9.16.2.14")
        })
        .map(|s| s.signature())
        .collect();
    assert_eq!((signed.signers().len(), stamped.len()), (3, 1));
    assert!(!carried.iter().any(|c| c.as_slice() == stamped[0]));
    assert_eq!(tsa.hits.load(Ordering::SeqCst), 1);
}
