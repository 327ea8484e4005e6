//! GOST verification against published vectors and real material:
//!
//! - Streebog (GOST R 34.11-2012 / RFC 6986 M1, M2) and GOST R 34.11-94 (RFC 5831 test
//!   parameters; CryptoPro parameters) digests, each cross-checked with the OpenSSL GOST
//!   engine (`openssl dgst -engine gost -md_gost12_256|-md_gost12_512|-md_gost94`);
//! - GOST R 34.10-2012 appendix A examples 1 and 2 (= RFC 7091 section 7);
//! - the RFC 9215 section 4 example certificates (self-signed, TC26 OIDs, RFC 4491 bytes);
//! - signatures made by the OpenSSL GOST engine (`openssl genpkey -engine gost -algorithm
//!   gost2012_512 -pkeyopt paramset:A`; `openssl dgst -engine gost -md_gost12_512 -sign`),
//!   embedded below: the engine writes `s || r` big-endian, the same as RFC 4491;
//! - the real NCA RK test PKI in `../shared/nca-test-pki/` (read in place; skipped with a
//!   notice when absent): GOST 2015/512 root, issuing CA, CRL and user certificates, and
//!   GOST 34.310-2004 CA, user certificate and CRL.
//!
//! Every positive case is also checked to fail after a one-bit change of the signed data
//! and of the signature.
//!
//! The throughput measurement is an ignored test:
//! `cargo test --release --test gost_vectors -- --ignored --nocapture`.

mod common;

use std::path::{Path, PathBuf};

use qoltanba::hazmat::gost::{self, GostAlgorithm, GostCurve, GostError, GostHash};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::revocation_list::CertificateRevocationList;

fn h(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn flip(b: &[u8], bit: usize) -> Vec<u8> {
    let mut v = b.to_vec();
    v[bit / 8] ^= 1 << (bit % 8);
    v
}

// ---------------------------------------------------------------------------------------
// Hashes
// ---------------------------------------------------------------------------------------

/// GOST R 34.11-2012 M1: the 63 ASCII digits "0123...012" (RFC 6986 section 10.1, the
/// message 0x3231..30 written most significant byte first).
const M1: &[u8] = b"012345678901234567890123456789012345678901234567890123456789012";

/// GOST R 34.11-2012 M2 (72 bytes): "Се ветри, Стрибожи внуци, веютъ с моря стрелами на
/// храбрыя плъкы Игоревы" in CP1251 (RFC 6986 section 10.2).
const M2_HEX: &str = "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb";

#[test]
fn streebog_vectors() {
    // Digests as byte strings in the order the hash emits them (= the standard's values
    // read least significant byte first); identical output from the OpenSSL GOST engine.
    let m2 = h(M2_HEX);
    let cases: [(&[u8], GostHash, &str); 6] = [
        (M1, GostHash::Streebog512, "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48"),
        (M1, GostHash::Streebog256, "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"),
        (&m2, GostHash::Streebog512, "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28"),
        (&m2, GostHash::Streebog256, "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50"),
        (b"", GostHash::Streebog512, "8e945da209aa869f0455928529bcae4679e9873ab707b55315f56ceb98bef0a7362f715528356ee83cda5f2aac4c6ad2ba3a715c1bcd81cb8e9f90bf4c1c1a8a"),
        (b"", GostHash::Streebog256, "3f539a213e97c802cc229d474c6aa32a825a360b2a933a949fd925208d9ce1bb"),
    ];
    for (msg, hash, want) in cases {
        assert_eq!(
            hex(&hash.digest(msg)),
            want,
            "{hash:?} of {} bytes",
            msg.len()
        );
        assert_eq!(hash.digest(msg).len(), hash.output_len());
    }
}

#[test]
fn gost94_vectors() {
    // RFC 5831 section 7.3.1 (test parameters), also in GOST R 34.11-94's own examples.
    let test: [(&str, &str); 7] = [
        (
            "",
            "ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d",
        ),
        (
            "a",
            "d42c539e367c66e9c88a801f6649349c21871b4344c6a573f849fdce62f314dd",
        ),
        (
            "abc",
            "f3134348c44fb1b2a277729e2285ebb5cb5e0f29c975bc753b70497c06a4d51d",
        ),
        (
            "message digest",
            "ad4434ecb18f2c99b60cbe59ec3d2469582b65273f48de72db2fde16a4889a4d",
        ),
        (
            "The quick brown fox jumps over the lazy dog",
            "77b7fa410c9ac58a25f49bca7d0468c9296529315eaca76bd1a10f376d1f4294",
        ),
        (
            "This is message, length=32 bytes",
            "b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa",
        ),
        (
            "Suppose the original message has length = 50 bytes",
            "471aba57a60a770d3a76130635c1fbea4ef14de51f78b4ae57dd893b62f55208",
        ),
    ];
    for (msg, want) in test {
        assert_eq!(
            hex(&GostHash::Gost94Test.digest(msg.as_bytes())),
            want,
            "test params: {msg:?}"
        );
    }
    // CryptoPro parameters: the published vectors (nettle, pygost, Bouncy Castle), equal to
    // the OpenSSL GOST engine's md_gost94 for every non-empty message. For the empty message
    // the engine (3.0.1) prints 3f25bc1f...e4c8, a known divergence of the engine; the
    // published value, which the gost94 crate returns, is 981e5f3c...56c0.
    let cryptopro: [(&str, &str); 7] = [
        (
            "",
            "981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0",
        ),
        (
            "a",
            "e74c52dd282183bf37af0079c9f78055715a103f17e3133ceff1aacf2f403011",
        ),
        (
            "abc",
            "b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c",
        ),
        (
            "message digest",
            "bc6041dd2aa401ebfa6e9886734174febdb4729aa972d60f549ac39b29721ba0",
        ),
        (
            "The quick brown fox jumps over the lazy dog",
            "9004294a361a508c586fe53d1f1b02746765e71b765472786e4770d565830a76",
        ),
        (
            "This is message, length=32 bytes",
            "2cefc2f7b7bdc514e18ea57fa74ff357e7fa17d652c75f69cb1be7893ede48eb",
        ),
        (
            "Suppose the original message has length = 50 bytes",
            "c3730c5cbccacf915ac292676f21e8bd4ef75331d9405e5f1a61dc3130a65011",
        ),
    ];
    for (msg, want) in cryptopro {
        assert_eq!(
            hex(&GostHash::Gost94CryptoPro.digest(msg.as_bytes())),
            want,
            "CryptoPro params: {msg:?}"
        );
    }
}

#[test]
fn oid_tables() {
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.398.3.10.1.1.2.3.2"),
        Some(GostAlgorithm::Nca2015_512)
    );
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.398.3.10.1.1.2.3.1"),
        Some(GostAlgorithm::Nca2015_256)
    );
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.398.3.10.1.1.1.2"),
        Some(GostAlgorithm::Nca2004)
    );
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.643.7.1.1.3.2"),
        Some(GostAlgorithm::Tc26_256)
    );
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.643.7.1.1.3.3"),
        Some(GostAlgorithm::Tc26_512)
    );
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.643.2.2.3"),
        Some(GostAlgorithm::Gost2001)
    );
    assert_eq!(
        GostAlgorithm::from_signature_oid("1.2.840.113549.1.1.11"),
        None
    );
    assert_eq!(
        GostCurve::from_oid("1.2.398.3.10.1.1.2.2.1"),
        Some(GostCurve::Tc26_512A)
    );
    assert_eq!(
        GostCurve::from_oid("1.2.398.3.10.1.1.2.1.1"),
        Some(GostCurve::Tc26_256A)
    );
    assert_eq!(
        GostCurve::from_oid("1.2.398.3.10.1.1.1.1.1"),
        Some(GostCurve::CryptoProA)
    );
    assert_eq!(
        GostCurve::from_oid("1.2.643.2.2.36.0"),
        Some(GostCurve::CryptoProA)
    );
    assert_eq!(
        GostCurve::from_oid("1.2.643.2.2.36.1"),
        Some(GostCurve::CryptoProC)
    );
    assert_eq!(GostCurve::from_oid("1.2.3"), None);
    for c in GostCurve::ALL {
        assert_eq!(GostCurve::from_oid(c.oid()), Some(c));
    }
    for a in [
        GostAlgorithm::Nca2015_256,
        GostAlgorithm::Nca2015_512,
        GostAlgorithm::Nca2004,
        GostAlgorithm::Tc26_256,
        GostAlgorithm::Tc26_512,
        GostAlgorithm::Gost2001,
    ] {
        assert_eq!(GostAlgorithm::from_signature_oid(a.oid()), Some(a));
    }
    assert_eq!(
        GostHash::from_oid("1.2.398.3.10.1.3.3"),
        Some(GostHash::Streebog512)
    );
    assert_eq!(
        GostHash::from_oid("1.2.398.3.10.1.3.2"),
        Some(GostHash::Streebog256)
    );
    assert_eq!(
        GostHash::from_oid("1.2.398.3.10.1.3.1"),
        Some(GostHash::Gost94Test)
    );
    assert_eq!(
        GostHash::from_oid("1.2.643.2.2.9"),
        Some(GostHash::Gost94CryptoPro)
    );
    assert_eq!(GostAlgorithm::Nca2004.hash(), GostHash::Gost94Test);
}

// ---------------------------------------------------------------------------------------
// GOST R 34.10-2012 appendix A / RFC 7091 section 7
// ---------------------------------------------------------------------------------------

struct Example {
    curve: GostCurve,
    qx: &'static str,
    qy: &'static str,
    alpha: &'static str,
    r: &'static str,
    s: &'static str,
}

const EXAMPLE_1: Example = Example {
    curve: GostCurve::CryptoProTest,
    qx: "7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B",
    qy: "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
    alpha: "2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5",
    r: "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493",
    s: "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40",
};

const EXAMPLE_2: Example = Example {
    curve: GostCurve::Tc26_512Test,
    qx: "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
    qy: "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
    alpha: "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    r: "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
    s: "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A",
};

fn check_standard_example(ex: &Example) {
    let (qx, qy, alpha, r, s) = (h(ex.qx), h(ex.qy), h(ex.alpha), h(ex.r), h(ex.s));
    assert_eq!(
        gost::verify_integers(ex.curve, &qx, &qy, &alpha, &r, &s),
        Ok(true)
    );
    let bits = r.len() * 8;
    for bit in [0, 1, 7, bits / 2, bits - 1] {
        assert_eq!(
            gost::verify_integers(ex.curve, &qx, &qy, &flip(&alpha, bit), &r, &s),
            Ok(false)
        );
        assert_eq!(
            gost::verify_integers(ex.curve, &qx, &qy, &alpha, &flip(&r, bit), &s),
            Ok(false)
        );
        assert_eq!(
            gost::verify_integers(ex.curve, &qx, &qy, &alpha, &r, &flip(&s, bit)),
            Ok(false)
        );
    }
    // r and s swapped
    assert_eq!(
        gost::verify_integers(ex.curve, &qx, &qy, &alpha, &s, &r),
        Ok(false)
    );

    // The same values through the byte-level API, in both conventions.
    let n = ex.curve.coordinate_len();
    let le = |v: &[u8]| {
        let mut x = vec![0u8; n - v.len()];
        x.extend_from_slice(v);
        x.reverse();
        x
    };
    let mut key = vec![0x04, 2 * n as u8];
    if 2 * n >= 0x80 {
        key = vec![0x04, 0x81, 2 * n as u8];
    }
    key.extend(le(&qx));
    key.extend(le(&qy));
    let digest_le = le(&alpha); // the digest bytes are the little-endian form of alpha
    let mut rfc = s.clone();
    rfc.extend(&r); // s || r, big-endian
    let mut nca = le(&r);
    nca.extend(le(&s)); // r || s, little-endian
    let rev: Vec<u8> = rfc.iter().rev().copied().collect();
    assert_eq!(nca, rev, "NCA form = byte reversal of the RFC 4491 form");
    let (alg_rfc, alg_nca) = if n == 32 {
        (GostAlgorithm::Tc26_256, GostAlgorithm::Nca2015_256)
    } else {
        (GostAlgorithm::Tc26_512, GostAlgorithm::Nca2015_512)
    };
    assert_eq!(
        gost::verify_prehashed(alg_rfc, ex.curve, &key, &digest_le, &rfc),
        Ok(true)
    );
    assert_eq!(
        gost::verify_prehashed(alg_nca, ex.curve, &key, &digest_le, &nca),
        Ok(true)
    );
    assert_eq!(
        gost::verify_prehashed(alg_rfc, ex.curve, &key, &digest_le, &nca),
        Ok(false)
    );
    assert_eq!(
        gost::verify_prehashed(alg_nca, ex.curve, &key, &digest_le, &rfc),
        Ok(false)
    );
    // the bare x || y (no OCTET STRING) is accepted too
    assert_eq!(
        gost::verify_prehashed(
            alg_rfc,
            ex.curve,
            &key[key.len() - 2 * n..],
            &digest_le,
            &rfc
        ),
        Ok(true)
    );
}

#[test]
fn gost_r_34_10_2012_example_1_256() {
    check_standard_example(&EXAMPLE_1);
}

#[test]
fn gost_r_34_10_2012_example_2_512() {
    check_standard_example(&EXAMPLE_2);
}

// ---------------------------------------------------------------------------------------
// RFC 9215 section 4: example certificates (self-signed by the keys of the examples above)
// ---------------------------------------------------------------------------------------

const RFC9215_CERTS: [&str; 3] = [
    // 4.1: GOST R 34.10-2012 256-bit, id-GostR3410-2001-TestParamSet
    "3082012d3081dba00302010202010a300a06082a8503070101030230123110300e060355040313074578616d706c653020170d3031303130313030303030305a180f32303530313233313030303030305a30123110300e060355040313074578616d706c653066301f06082a85030701010101301306072a85030202230006082a8503070101020203430004400bd86fe5d8db89668f789b4e1dba8585c5508b45ec5b59d8906ddb70e2492b7fda77ff871a10fbdf2766d293c5d164afbb3c7b973a41c885d11d70d689b4f126a3133011300f0603551d130101ff040530030101ff300a06082a850307010103020341004d53f012fe081776507d4d9bb81f00efdb4eefd4ab83bac4bacf735173cfa81c41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493",
    // 4.2: GOST R 34.10-2012 256-bit, id-tc26-gost-3410-2012-256-paramSetA
    "308201253081d3a00302010202010a300a06082a8503070101030230123110300e060355040313074578616d706c653020170d3031303130313030303030305a180f32303530313233313030303030305a30123110300e060355040313074578616d706c65305e301706082a85030701010101300b06092a85030701020101010343000440742795d4bee884ddf2850fec03ea3faf1844e01d9da60b645093a55e26dfc39978f596cf4d4d0c6cf1d18943d94493d16b9ec0a16d512d2e127cc4691a6318e2a3133011300f0603551d130101ff040530030101ff300a06082a85030701010302034100140b4da9124b09cb0d5ce928ee874273a310129492ec0e29369e3b791248578c1d0e1da5be347c6f1b5256c7aeac200ad64ac77a6f5b3a0e097318e7ae6ee769",
    // 4.3: GOST R 34.10-2012 512-bit, id-tc26-gost-3410-2012-512-paramSetTest
    "308201aa30820116a00302010202010b300a06082a8503070101030330123110300e060355040313074578616d706c653020170d3031303130313030303030305a180f32303530313233313030303030305a30123110300e060355040313074578616d706c653081a0301706082a85030701010102300b06092a850307010201020003818400048180e1ef30d52c6133ddd99d1d5c41455cf7df4d8b4c925bbc69af1433d15658515add2146850c325c5b81c133be655aa8c4d440e7b98a8d59487b0c7696bcc55d11ecbe7736a9ec357ff2fd39931f4e114cb8cda359270ac7f0e7ff43d9419419ea61fd2ab77f5d9f63523d3b50a04f63e2a0cf51b7c13adc21560f0bd40cc9c737a3133011300f0603551d130101ff040530030101ff300a06082a8503070101030303818100415703d892f1a5f3f68c4353189a7ee207b80b5631ef9d49529a4d6b542c2cfa15aa2eacf11f470fde7d954856903c35fd8f955ef300d95c77534a724a0eee702f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd35492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36",
];

/// The parameter-set OID: the first OID of the SPKI AlgorithmIdentifier's parameters
/// SEQUENCE { paramSet, [digest] }.
fn param_set_oid(cert: &X509Certificate<'_>) -> String {
    let params = cert
        .public_key()
        .algorithm
        .parameters
        .as_ref()
        .expect("GOST key parameters");
    let data = params.data;
    assert_eq!(data[0], 0x06, "parameters start with an OID");
    let len = data[1] as usize;
    x509_parser::der_parser::oid::Oid::new(std::borrow::Cow::Borrowed(&data[2..2 + len]))
        .to_id_string()
}

/// What a certificate or CRL signature check needs.
struct Signed {
    what: String,
    algorithm: GostAlgorithm,
    tbs: Vec<u8>,
    signature: Vec<u8>,
}

fn signed_cert(what: &str, der: &[u8]) -> Signed {
    let (_, cert) = X509Certificate::from_der(der).expect("certificate");
    let oid = cert.signature_algorithm.algorithm.to_id_string();
    assert_eq!(oid, cert.tbs_certificate.signature.algorithm.to_id_string());
    Signed {
        what: what.to_string(),
        algorithm: GostAlgorithm::from_signature_oid(&oid).expect("GOST signature OID"),
        tbs: cert.tbs_certificate.as_ref().to_vec(),
        signature: cert.signature_value.data.to_vec(),
    }
}

fn signed_crl(what: &str, der: &[u8]) -> Signed {
    let (_, crl) = CertificateRevocationList::from_der(der).expect("CRL");
    let oid = crl.signature_algorithm.algorithm.to_id_string();
    // the inner AlgorithmIdentifier may omit the NULL: compare OIDs only
    assert_eq!(oid, crl.tbs_cert_list.signature.algorithm.to_id_string());
    Signed {
        what: what.to_string(),
        algorithm: GostAlgorithm::from_signature_oid(&oid).expect("GOST signature OID"),
        tbs: crl.tbs_cert_list.as_ref().to_vec(),
        signature: crl.signature_value.data.to_vec(),
    }
}

/// The signer's key: (curve, SPKI BIT STRING content).
fn key_of(der: &[u8]) -> (GostCurve, Vec<u8>) {
    let (_, cert) = X509Certificate::from_der(der).expect("certificate");
    let oid = param_set_oid(&cert);
    let curve = GostCurve::from_oid(&oid).unwrap_or_else(|| panic!("unknown curve {oid}"));
    (curve, cert.public_key().subject_public_key.data.to_vec())
}

/// Verifies, and checks that one-bit changes of the tbs and of the signature fail.
fn assert_verifies(signed: &Signed, key: &(GostCurve, Vec<u8>)) {
    let (curve, bits) = key;
    let ok = gost::verify(
        signed.algorithm,
        *curve,
        bits,
        &signed.tbs,
        &signed.signature,
    );
    assert_eq!(
        ok,
        Ok(true),
        "{} must verify ({:?}, {curve:?})",
        signed.what,
        signed.algorithm
    );
    let tbs_bits = signed.tbs.len() * 8;
    let sig_bits = signed.signature.len() * 8;
    for bit in [0, 9, tbs_bits / 2, tbs_bits - 1] {
        let bad = flip(&signed.tbs, bit);
        assert_eq!(
            gost::verify(signed.algorithm, *curve, bits, &bad, &signed.signature),
            Ok(false),
            "{}: tbs bit {bit} flipped",
            signed.what
        );
    }
    for bit in [0, 7, sig_bits / 2 - 1, sig_bits / 2, sig_bits - 1] {
        let bad = flip(&signed.signature, bit);
        assert_eq!(
            gost::verify(signed.algorithm, *curve, bits, &signed.tbs, &bad),
            Ok(false),
            "{}: signature bit {bit} flipped",
            signed.what
        );
    }
}

#[test]
fn rfc9215_example_certificates() {
    let expect = [
        (GostAlgorithm::Tc26_256, GostCurve::CryptoProTest),
        (GostAlgorithm::Tc26_256, GostCurve::Tc26_256A),
        (GostAlgorithm::Tc26_512, GostCurve::Tc26_512Test),
    ];
    for (i, (cert_hex, (alg, curve))) in RFC9215_CERTS.iter().zip(expect).enumerate() {
        let der = h(cert_hex);
        let signed = signed_cert(&format!("RFC 9215 example {}", i + 1), &der);
        let key = key_of(&der);
        assert_eq!(signed.algorithm, alg);
        assert_eq!(key.0, curve);
        assert_verifies(&signed, &key);
        // Read with the NCA convention (r || s little-endian) instead, it fails ...
        let nca_alg = if curve.bits() == 256 {
            GostAlgorithm::Nca2015_256
        } else {
            GostAlgorithm::Nca2015_512
        };
        assert_eq!(
            gost::verify(nca_alg, curve, &key.1, &signed.tbs, &signed.signature),
            Ok(false)
        );
        // ... and succeeds once the whole value is byte-reversed.
        let reversed: Vec<u8> = signed.signature.iter().rev().copied().collect();
        assert_eq!(
            gost::verify(nca_alg, curve, &key.1, &signed.tbs, &reversed),
            Ok(true)
        );
    }
    // The example keys are the appendix A keys: x of example 1, little-endian.
    let key1 = key_of(&h(RFC9215_CERTS[0])).1;
    let mut qx = h(EXAMPLE_1.qx);
    qx.reverse();
    assert_eq!(&key1[2..34], &qx[..]);
}

// ---------------------------------------------------------------------------------------
// OpenSSL GOST engine interop (libengine-gost-openssl 3.0.1): one key per parameter set,
// signing the message below. Columns: name, algorithm, key OID, parameter-set OID,
// SPKI BIT STRING content, signature (as `openssl dgst -sign` writes it: s || r big-endian).
// ---------------------------------------------------------------------------------------

const OPENSSL_MESSAGE: &[u8] = b"qoltanba GOST interop message";

const OPENSSL_SIGNATURES: &[(&str, GostAlgorithm, &str, &str, &str, &str)] = &[
    ("gost2001_A", GostAlgorithm::Gost2001, "1.2.643.2.2.19", "1.2.643.2.2.35.1",
     "04401afc5dd5f8ae2955714454dc89bc283e91bfff746c51eb596cb0fbcbe54e94598bb63dd8fac290691191493eba286e4e761cba15644329e6548e04b972fdfea9",
     "af22672a4a9ed6482c3f8663e78c5446df1062cfe53903a4f2eae6e37031ae98e89e01b76956af9e4e2e2a37ca3e2fcf6a379d17978a72362db512601e8b8932"),
    ("gost2001_B", GostAlgorithm::Gost2001, "1.2.643.2.2.19", "1.2.643.2.2.35.2",
     "044077b57c419c969050394c9d394fe6c99febfbaedf3c6ba920face3058dce84c7655e284777f9befd265ad7a27284be4627aa5403516af1f44ab436ec596ab5e18",
     "1dac703dda3f48a5502e8a12d7344e4e955fba40792f51130ffa4b3f8a039e5b3e269327a445d13d623c00f193a2eeb86dacb0b9c15e2bd99b82587696414270"),
    ("gost2001_C", GostAlgorithm::Gost2001, "1.2.643.2.2.19", "1.2.643.2.2.35.3",
     "0440c6aa87bffd095d85229d05b79a46da7a595a96c8f90684e894ff663abc8440789b7b05903b66e82a8c7ddd57b6ac25b27eadd5505c0d743efa89e792cd5e7e77",
     "48d9f704139e9cc908c26ed9a932e5563a315d93dbb6847c28ff77555eba78b021c17f20a1eedbf910ae285e1d2923f2a7308d87b5aade73be9313d704ed2cf0"),
    ("gost2001_XA", GostAlgorithm::Gost2001, "1.2.643.2.2.19", "1.2.643.2.2.36.0",
     "0440af727fce34230c2b0785ea03eb0bc02e178ed2c7881a6b67aa797783566fbb36dad274a2dde2ebe8d417ddd87b7faa78e5efefa4938dde309dbe391dca58a187",
     "5ad56c485fb130a531bb5ee6bdc82341aff8c279b618a0fb22459316ec6b224bc66b8b6a42fd1172c2ada531313aad1e731031da9fe20e9c40d3d5db8da57d05"),
    ("gost2001_XB", GostAlgorithm::Gost2001, "1.2.643.2.2.19", "1.2.643.2.2.36.1",
     "04400caeb17feb4a40224564e67466eeb940e6a283a494e098196f80ebcb36fb6658edffd8a359f2e32c2cd8f719dd0b7c86fa60331881bdd514dc73651e4d924c6f",
     "4d6da05d58a2b05f402ef8f6f00cc7fd25ef8b19c4867d2948f00d973fe525f400221162042371c49478bb97db2c4f05453a7a9cefce20550f628cffc9ad0559"),
    ("gost2012_256_A", GostAlgorithm::Tc26_256, "1.2.643.7.1.1.1.1", "1.2.643.2.2.35.1",
     "0440676062b5ae099740a36af419c8c4c40f0517f6413e6cfca379e151e211223f65a4786bf43f538e562ac1f23e3491d16d39320e19406d72163e28796f3aa89d1d",
     "61f47ed361bff76bd213da2e32559bd522e838d6df5ccb38c9f994b5ebe4d2e985e9acca8d194b82a2f4bc4284ac4297c6d415a04c79f1ab9e9bb865a506a472"),
    ("gost2012_256_B", GostAlgorithm::Tc26_256, "1.2.643.7.1.1.1.1", "1.2.643.2.2.35.2",
     "0440968778be3804ae0ff6754dfa966047da0482eb71be5b8717a2665b99723ab66b9fb7fa92d8ab997350b475b140268974c039e36f8f1ebfe60fbd15c18dc35b7e",
     "517b5130b1b30466a6e990500c254417171cf433ea551d07b30811c97dedacab6497a51f9cba5f4b0741ef0481d770f43277246fe1a5f7e806ebcaf9c3369b9d"),
    ("gost2012_256_C", GostAlgorithm::Tc26_256, "1.2.643.7.1.1.1.1", "1.2.643.2.2.35.3",
     "04407b698707e12399d8f036ce3c8d1a34d40ad615fb00c5885605d464dc0e9df378e6f797df4998271469e530e115a51470b4d47db1422f606912423305040d900a",
     "0013c0ebee3f8fe25f4949f6b01996960d9c9faee0caf6433c74dba7daeb3d7a093f418f09883143b22d7803d496170e9af45c0e1fe8d462d9ae0626e57f3b5b"),
    ("gost2012_256_TCA", GostAlgorithm::Tc26_256, "1.2.643.7.1.1.1.1", "1.2.643.7.1.2.1.1.1",
     "0440386e1d21a58bac5aad65277c54d427637336aaa4a45f990208c920ab4a28cc79e8ffdc3700606386f7a1df2f46e96ec6cc577793b759d4f16f59ebd3c59b4052",
     "30977ef1912061bef069fa0c6007a0a1aba14bb407c812230590be57d0348fd30aa6600658b62e698df9b55cde103a3c7adae663d99c4953c17595c51136ccd0"),
    ("gost2012_256_XA", GostAlgorithm::Tc26_256, "1.2.643.7.1.1.1.1", "1.2.643.2.2.36.0",
     "0440ef765a659de485ed27fe70632bb198c34709d6a02021193e618a25eb4d5beed2e32d36609b018daca658e9933e84158e8ecd511b60e6f17eabb533ac43ddd9ce",
     "b48ad2e2a665a9c51677ea26b5546b68363d5412db410e044c32a06eb6d8ca7d8b615573b698b5cb34e706efe8c261b78adc7556a24b8f636a8a3e8e2858527a"),
    ("gost2012_256_XB", GostAlgorithm::Tc26_256, "1.2.643.7.1.1.1.1", "1.2.643.2.2.36.1",
     "0440c802ec8347a6dd365a09455bae748436c232ecde3748e4f4512bdfd0b49cf8868c4de13d0d80a8f9767ca73c6adb930cd39798c7d3ef0e59fee776d284620f94",
     "4f4d58931400611e5a84022648363c3b85e278a9b968146d2c02383e7484066556847c4851e35bca0e1a0a12b83128b6bd28bda6a7ebc36d3e98a66cea392fa2"),
    ("gost2012_512_A", GostAlgorithm::Tc26_512, "1.2.643.7.1.1.1.2", "1.2.643.7.1.2.1.2.1",
     "0481803f5ed05ad791c0b9e050a2f9ed179bfd0bd92a72aa94b4431da47ba418f8c8c88adfa09d17a81887826f6933d6ea32f7afabcab58fa7e4293fe2025dfc703c090aacb948b622f1bda0cba16ce49ffccfe26f2072b1b1793b519e8484aa0920e2b55d4d075f608a5d2f3ac615d709f3a6dc8079d6e3a768b46002bd8a43445f5b",
     "692355e2606eee56cc0d52ceb5c3e235ab9177f1a4d142c060aadb98d1c1edf983b9471dc68dd0cf1258ce53ea80b1f4d040f11f797f76f701ae5e7254b008694c7768ce01f62707a3d0f9f0ef3856ccb29747a57bd3c197572d8f0169e9995f55a31b7cf8d161b11d7fd4f18ecf1dc3c21b489fe38bcf1384bab28ae973c54b"),
    ("gost2012_512_B", GostAlgorithm::Tc26_512, "1.2.643.7.1.1.1.2", "1.2.643.7.1.2.1.2.2",
     "0481803325c39d3126840d058576969ae7b4b5c5f2cf3340246f7cff8ecdf3254de3c2606ce64d11de9068c8977302f9cae31d61ec14b98dd242c3b3b9474b2be7531739cbdb92093f1aef9951f010f11e8874191de6fae043025863a805af26ef50e606fe13b1327a410712eca51f23f9db80736ddd4c7c87cef051c11bb478407d1b",
     "2bf93b58d9c1d8e0ea30536b4725fc13bd939e22b1cd7dcf6e8385a854e32be87375b511d3d820b6b80a57cb973c280b9aa0de06927f58b3620fc11ed19b361265cf655f6714974a38939a08c341e6ad1ec784866f4b9fc93bd2c059f154f0609a9c3af267e5e5b1b5ddc40c2a682340e418ced2117887ba9c6866686c78c4f1"),
    ("gost2012_512_C", GostAlgorithm::Tc26_512, "1.2.643.7.1.1.1.2", "1.2.643.7.1.2.1.2.3",
     "04818014426ac01a02df0fc6ede00cbf3b676f1d6f6e16eeddb533eb720de1932e1bd726f6edd3e919a86f8c167d06a019c7069998a81896add45fd8a65b7efad05b5c77110fc380a50c56cbad84e7cbe447f1241fa4ff2c58bdbd7a52462ec1858dbb02fad7cc01822d3eb5c05d04fc6ad32f7597bdb72f79c5892b81e592b0ef0413",
     "0bc9ef9fa488616b95973c30049f25b69061d0fb29a300408a42e1d14359ea82b8dbb123d4ae4d64fd46ac0c94dd41ddc8ba6eb839f427b382fef2eac2a69dd138231fee1fb9ba7f4cfa7fa7eceb48f73bde4f973c8f438b7e8f964b72a910f088cd4baac864a279b83ce34b6f0ed06ed28449d29c39b8ae2852b339b7cb4bb9"),
];

#[test]
fn openssl_gost_engine_signatures() {
    let mut curves_seen = std::collections::HashSet::new();
    for (name, alg, _key_oid, param_oid, bits, sig) in OPENSSL_SIGNATURES {
        let curve = GostCurve::from_oid(param_oid).unwrap_or_else(|| panic!("{name}: {param_oid}"));
        curves_seen.insert(curve);
        let signed = Signed {
            what: format!("OpenSSL {name}"),
            algorithm: *alg,
            tbs: OPENSSL_MESSAGE.to_vec(),
            signature: h(sig),
        };
        assert_verifies(&signed, &(curve, h(bits)));
        // prehashed path
        let digest = alg.hash().digest(OPENSSL_MESSAGE);
        assert_eq!(
            gost::verify_prehashed(*alg, curve, &h(bits), &digest, &h(sig)),
            Ok(true)
        );
    }
    // every curve the engine can generate keys on: CryptoPro A/B/C (and Xch aliases),
    // TC26 256 A, TC26 512 A/B/C
    assert_eq!(curves_seen.len(), 7);
}

// ---------------------------------------------------------------------------------------
// Errors and malformed input
// ---------------------------------------------------------------------------------------

#[test]
fn malformed_input() {
    let (_, alg, _, param, bits, sig) = OPENSSL_SIGNATURES
        .iter()
        .find(|f| f.0 == "gost2012_512_A")
        .unwrap();
    let curve = GostCurve::from_oid(param).unwrap();
    let (bits, sig) = (h(bits), h(sig));
    let m = OPENSSL_MESSAGE;
    // curve of the wrong size for the algorithm
    assert!(matches!(
        gost::verify(GostAlgorithm::Tc26_256, curve, &bits, m, &sig),
        Err(GostError::CurveMismatch { .. })
    ));
    // key: truncated, extended, wrong tag, wrong length octet
    for bad in [
        bits[..bits.len() - 1].to_vec(),
        [bits.clone(), vec![0]].concat(),
        [vec![0x03], bits[1..].to_vec()].concat(),
        [vec![0x04, 0x81, 0x7f], bits[3..].to_vec()].concat(),
        vec![],
    ] {
        assert!(
            matches!(
                gost::verify(*alg, curve, &bad, m, &sig),
                Err(GostError::MalformedPublicKey(_))
            ),
            "key {}",
            hex(&bad)
        );
    }
    // key not on the curve
    let off_curve = flip(&bits, 8 * 3);
    assert_eq!(
        gost::verify(*alg, curve, &off_curve, m, &sig),
        Err(GostError::PublicKeyNotOnCurve(curve))
    );
    // a coordinate >= p (all 0xff)
    let mut big = bits.clone();
    for b in &mut big[3..3 + 64] {
        *b = 0xff;
    }
    assert_eq!(
        gost::verify(*alg, curve, &big, m, &sig),
        Err(GostError::PublicKeyNotOnCurve(curve))
    );
    // signature: wrong lengths, zero, all ones
    for bad in [
        vec![],
        sig[..127].to_vec(),
        [sig.clone(), vec![0]].concat(),
        vec![0; 128],
        vec![0xff; 128],
    ] {
        assert_eq!(gost::verify(*alg, curve, &bits, m, &bad), Ok(false));
    }
    // a digest not of the algorithm's hash length
    for len in [65, 63, 32] {
        assert_eq!(
            gost::verify_prehashed(*alg, curve, &bits, &vec![0u8; len], &sig),
            Err(GostError::DigestLength {
                algorithm: *alg,
                expected: 64,
                got: len
            })
        );
    }
    // pseudo-random garbage never panics
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for _ in 0..200 {
        let len = (next() % 140) as usize;
        let junk: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        for c in GostCurve::ALL {
            let a = if c.bits() == 512 {
                GostAlgorithm::Nca2015_512
            } else {
                GostAlgorithm::Nca2004
            };
            let _ = gost::verify(a, c, &junk, &junk, &junk);
            let _ = gost::verify(a, c, &bits, &junk, &junk);
            let _ = gost::verify_prehashed(a, c, &junk, &junk, &junk);
            let _ = gost::verify_integers(c, &junk, &junk, &junk, &junk, &junk);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The real NCA RK test PKI
// ---------------------------------------------------------------------------------------

fn nca_dir(sub: &str) -> Option<PathBuf> {
    common::shared(&format!("nca-test-pki/{sub}"))
}

fn read_der(p: &Path) -> Vec<u8> {
    let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    if bytes.starts_with(b"-----BEGIN") {
        ::pem::parse(&bytes).expect("PEM").contents().to_vec()
    } else {
        bytes
    }
}

/// The certificates of a PKCS#12 file, through `openssl pkcs12 -legacy -nokeys` (no key
/// leaves the file). `None` with a notice when openssl is not usable.
fn p12_certificates(p: &Path) -> Option<Vec<Vec<u8>>> {
    let out = std::process::Command::new("openssl")
        .args([
            "pkcs12",
            "-legacy",
            "-nokeys",
            "-passin",
            "pass:Qwerty12",
            "-in",
        ])
        .arg(p)
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let pems = ::pem::parse_many(&o.stdout).expect("PEM output");
            Some(
                pems.into_iter()
                    .filter(|p| p.tag() == "CERTIFICATE")
                    .map(|p| p.contents().to_vec())
                    .collect(),
            )
        }
        Ok(o) => {
            eprintln!(
                "NOTICE: openssl pkcs12 failed on {} ({}); skipping it",
                p.display(),
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
            None
        }
        Err(e) => {
            eprintln!(
                "NOTICE: openssl not runnable ({e}); skipping {}",
                p.display()
            );
            None
        }
    }
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_gost2015_root_ca_crl_and_users() {
    let Some(dir) = nca_dir("gost2015") else {
        return;
    };
    let root = read_der(&dir.join("root_test_gost_2022.cer"));
    let ca = read_der(&dir.join("nca_gost2022_test.cer"));
    let root_key = key_of(&root);
    let ca_key = key_of(&ca);
    assert_eq!(root_key.0, GostCurve::Tc26_512A);
    assert_eq!(ca_key.0, GostCurve::Tc26_512A);
    // the NCA key is wrapped in a DER OCTET STRING inside the BIT STRING: 04 81 80 || x || y
    assert_eq!(&root_key.1[..3], &[0x04, 0x81, 0x80]);
    assert_eq!(root_key.1.len(), 131);

    let root_signed = signed_cert("NCA GOST 2022 root (self-signed)", &root);
    assert_eq!(root_signed.algorithm, GostAlgorithm::Nca2015_512);
    assert_verifies(&root_signed, &root_key);
    assert_verifies(&signed_cert("NCA GOST 2022 issuing CA", &ca), &root_key);
    // ... and not with the wrong key
    assert_eq!(
        gost::verify(
            root_signed.algorithm,
            ca_key.0,
            &ca_key.1,
            &root_signed.tbs,
            &root_signed.signature
        ),
        Ok(false)
    );
    // NCA signatures are the byte reversal of RFC 4491's: read as RFC 4491 after reversal.
    let reversed: Vec<u8> = root_signed.signature.iter().rev().copied().collect();
    assert_eq!(
        gost::verify(
            GostAlgorithm::Tc26_512,
            root_key.0,
            &root_key.1,
            &root_signed.tbs,
            &reversed
        ),
        Ok(true)
    );
    assert_eq!(
        gost::verify(
            GostAlgorithm::Tc26_512,
            root_key.0,
            &root_key.1,
            &root_signed.tbs,
            &root_signed.signature
        ),
        Ok(false)
    );

    let crl = std::fs::read(dir.join("nca_gost2022_test.crl")).unwrap();
    assert_verifies(&signed_crl("NCA GOST 2022 CRL", &crl), &ca_key);

    let mut users = 0;
    for name in [
        "individual_valid.p12",
        "individual_revoked.p12",
        "head_valid.p12",
        "head_revoked.p12",
    ] {
        let Some(certs) = p12_certificates(&dir.join(name)) else {
            continue;
        };
        for der in certs {
            let (_, c) = X509Certificate::from_der(&der).unwrap();
            if c.is_ca() {
                continue;
            }
            assert_verifies(
                &signed_cert(&format!("{name} user certificate"), &der),
                &ca_key,
            );
            users += 1;
        }
    }
    eprintln!("verified {users} NCA GOST 2015 user certificates from the .p12 files");
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_gost2004_ca_user_and_crl() {
    let Some(dir) = nca_dir("gost2004") else {
        return;
    };
    let ca = read_der(&dir.join("nca_gost_test.crt"));
    let ca_key = key_of(&ca);
    assert_eq!(ca_key.0, GostCurve::CryptoProA);
    // 04 40 || x || y, little-endian coordinates
    assert_eq!(&ca_key.1[..2], &[0x04, 0x40]);
    let user = read_der(&dir.join("ceo_sign_2022.cer"));
    let signed = signed_cert("NCA GOST 2004 CEO certificate", &user);
    assert_eq!(signed.algorithm, GostAlgorithm::Nca2004);
    assert_verifies(&signed, &ca_key);
    let crl = std::fs::read(dir.join("nca_gost_test.crl")).unwrap();
    assert_verifies(&signed_crl("NCA GOST 2004 CRL", &crl), &ca_key);

    // The hash is GOST R 34.11-94 with the *test* parameters: with the CryptoPro S-box, or
    // with the RFC 4491 byte order, the signature does not verify.
    let cp = GostHash::Gost94CryptoPro.digest(&signed.tbs);
    assert_eq!(
        gost::verify_prehashed(
            GostAlgorithm::Nca2004,
            ca_key.0,
            &ca_key.1,
            &cp,
            &signed.signature
        ),
        Ok(false)
    );
    let test = GostHash::Gost94Test.digest(&signed.tbs);
    assert_eq!(
        gost::verify_prehashed(
            GostAlgorithm::Nca2004,
            ca_key.0,
            &ca_key.1,
            &test,
            &signed.signature
        ),
        Ok(true)
    );
    assert_eq!(
        gost::verify_prehashed(
            GostAlgorithm::Gost2001,
            ca_key.0,
            &ca_key.1,
            &test,
            &signed.signature
        ),
        Ok(false)
    );
    // Of the 256-bit curves only CryptoPro-A has this key on it.
    for c in GostCurve::ALL
        .into_iter()
        .filter(|c| c.bits() == 256 && *c != GostCurve::CryptoProA)
    {
        assert_eq!(
            gost::verify(
                GostAlgorithm::Nca2004,
                c,
                &ca_key.1,
                &signed.tbs,
                &signed.signature
            ),
            Err(GostError::PublicKeyNotOnCurve(c))
        );
    }
}

/// One DER TLV at the start of `b`: (tag, whole TLV, content).
fn der_tlv(b: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = b[0];
    let (len, hl) = match b[1] {
        l if l < 0x80 => (l as usize, 2),
        0x81 => (b[2] as usize, 3),
        0x82 => (((b[2] as usize) << 8) | b[3] as usize, 4),
        l => panic!("unexpected DER length octet {l:#x}"),
    };
    (tag, &b[..hl + len], &b[hl..hl + len])
}

/// The elements of a constructed DER value's content.
fn der_children(mut content: &[u8]) -> Vec<(u8, &[u8], &[u8])> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let t = der_tlv(content);
        content = &content[t.1.len()..];
        out.push(t);
    }
    out
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_ocsp_responses() {
    let Some(dir) = nca_dir("ocsp") else { return };
    let ca2015 = nca_dir("gost2015").map(|d| key_of(&read_der(&d.join("nca_gost2022_test.cer"))));
    let ca2004 = nca_dir("gost2004").map(|d| key_of(&read_der(&d.join("nca_gost_test.crt"))));
    let mut checked = 0;
    for name in [
        "ocsp_response_individual_2015.bin",
        "ocsp_response_ceo_2015_revoked.bin",
        "ocsp_response_ceo_sign_2004_revoked.bin",
    ] {
        let der = std::fs::read(dir.join(name)).unwrap();
        // OCSPResponse { status, [0] { responseType, OCTET STRING BasicOCSPResponse } }
        let top = der_children(der_tlv(&der).2);
        let bytes = der_children(der_tlv(top[1].2).2);
        let basic = der_children(der_tlv(bytes[1].2).2);
        let tbs = basic[0].1;
        let alg_oid = der_children(basic[1].2)[0].2;
        let sig = &basic[2].2[1..]; // BIT STRING without the unused-bits octet
        let certs = der_children(der_tlv(basic[3].2).2);
        let responder = certs[0].1;
        let oid = x509_parser::der_parser::oid::Oid::new(std::borrow::Cow::Borrowed(alg_oid))
            .to_id_string();
        let algorithm = GostAlgorithm::from_signature_oid(&oid).expect("GOST OCSP signature");
        let signed = Signed {
            what: format!("{name} response"),
            algorithm,
            tbs: tbs.to_vec(),
            signature: sig.to_vec(),
        };
        assert_verifies(&signed, &key_of(responder));
        // the responder certificate chains to the issuing CA
        let ca = if algorithm == GostAlgorithm::Nca2004 {
            &ca2004
        } else {
            &ca2015
        };
        if let Some(ca) = ca {
            assert_verifies(
                &signed_cert(&format!("{name} responder certificate"), responder),
                ca,
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_gost2004_timestamp_token_cms() {
    let Some(dir) = nca_dir("tsp") else { return };
    let der = std::fs::read(dir.join("tsp_token.bin")).unwrap();
    // ContentInfo { signedData, [0] SignedData }
    let ci = der_children(der_tlv(&der).2);
    let sd = der_children(der_tlv(ci[1].2).2);
    // SignedData { version, digestAlgorithms, encapContentInfo, [0] certificates, signerInfos }
    let econtent = der_children(sd[2].2);
    let tst_info = der_tlv(econtent[1].2).2; // [0] { OCTET STRING { TSTInfo } }
    let signer_cert = der_children(sd[3].2)[0].1;
    let signer_info = der_children(der_children(sd[4].2)[0].2);
    // SignerInfo { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature }
    let attrs = signer_info[3];
    assert_eq!(attrs.0, 0xa0);
    let sig_oid = der_children(signer_info[4].2)[0].2;
    let sig_oid =
        x509_parser::der_parser::oid::Oid::new(std::borrow::Cow::Borrowed(sig_oid)).to_id_string();
    let algorithm = GostAlgorithm::from_signature_oid(&sig_oid).unwrap();
    assert_eq!(algorithm, GostAlgorithm::Nca2004);
    let signature = signer_info[5].2;
    assert_eq!(signer_info[5].0, 0x04, "CMS signature is an OCTET STRING");

    // messageDigest = GOST 34.311-95 (test parameters) of the TSTInfo
    let digest_alg = der_children(signer_info[2].2)[0].2;
    let digest_oid = x509_parser::der_parser::oid::Oid::new(std::borrow::Cow::Borrowed(digest_alg))
        .to_id_string();
    let hash = GostHash::from_oid(&digest_oid).unwrap();
    assert_eq!(hash, GostHash::Gost94Test);
    let message_digest = der_children(attrs.2)
        .into_iter()
        .map(|a| der_children(a.2))
        .find(|a| a[0].2 == [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04])
        .map(|a| der_tlv(der_tlv(a[1].2).1).2.to_vec())
        .expect("messageDigest attribute");
    assert_eq!(hash.digest(tst_info), message_digest);

    // The signature covers the DER of the attributes as a SET (tag 0x31).
    let mut signed_attrs = attrs.1.to_vec();
    signed_attrs[0] = 0x31;
    let key = key_of(signer_cert);
    assert_eq!(key.0, GostCurve::CryptoProA);
    assert_verifies(
        &Signed {
            what: "NCA GOST 2004 time-stamp token".into(),
            algorithm,
            tbs: signed_attrs.clone(),
            signature: signature.to_vec(),
        },
        &key,
    );
    let digest = hash.digest(&signed_attrs);
    assert_eq!(
        gost::verify_prehashed(algorithm, key.0, &key.1, &digest, signature),
        Ok(true)
    );
    // the TSA certificate chains to the 2004 CA
    if let Some(ca_dir) = nca_dir("gost2004") {
        let ca = key_of(&read_der(&ca_dir.join("nca_gost_test.crt")));
        assert_verifies(&signed_cert("NCA TSA certificate", signer_cert), &ca);
    }
}

// ---------------------------------------------------------------------------------------
// Throughput (release mode): cargo test --release --test gost_vectors -- --ignored --nocapture
// ---------------------------------------------------------------------------------------

/// CPU time of this thread (Linux `schedstat`, so that a busy machine does not skew the
/// rate), or `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn rate(label: &str, f: impl Fn() -> bool) -> f64 {
    assert!(f());
    let start = std::time::Instant::now();
    let cpu0 = thread_cpu_ns();
    let mut n = 0u32;
    while start.elapsed().as_secs_f64() < 2.0 {
        for _ in 0..20 {
            assert!(f());
        }
        n += 20;
    }
    let wall = start.elapsed().as_secs_f64();
    let secs = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
        _ => wall,
    };
    let per_s = f64::from(n) / secs;
    println!(
        "{label}: {per_s:.0} verifications/s per core ({:.1} µs each; {:.0}% of the wall time on CPU)",
        1e6 / per_s,
        100.0 * secs / wall
    );
    per_s
}

// Always ignored, so not also under `qoltanba_no_shared` (two `ignore`s are an unused
// attribute, an error under `-D warnings` when ../shared is absent).
#[test]
#[ignore = "timing; run in release mode with --ignored --nocapture"]
fn throughput() {
    for (name, alg, _, param, bits, sig) in OPENSSL_SIGNATURES {
        if !matches!(
            *name,
            "gost2012_256_A" | "gost2012_256_TCA" | "gost2012_512_A" | "gost2012_512_C"
        ) {
            continue;
        }
        let curve = GostCurve::from_oid(param).unwrap();
        let (bits, sig) = (h(bits), h(sig));
        let digest = alg.hash().digest(OPENSSL_MESSAGE);
        rate(
            &format!("{name} ({curve:?}) one-off key, prehashed"),
            || {
                let key = gost::GostPublicKey::new(curve, &bits).unwrap();
                key.verify_prehashed(*alg, &digest, &sig) == Ok(true)
            },
        );
        rate(
            &format!("{name} ({curve:?}) fresh key verified twice (pairs; builds the comb)"),
            || {
                let key = gost::GostPublicKey::new(curve, &bits).unwrap();
                key.verify_prehashed(*alg, &digest, &sig) == Ok(true)
                    && key.verify_prehashed(*alg, &digest, &sig) == Ok(true)
            },
        );
        rate(
            &format!("{name} ({curve:?}) repeated key (comb), prehashed"),
            || gost::verify_prehashed(*alg, curve, &bits, &digest, &sig) == Ok(true),
        );
    }
    if let Some(dir) = nca_dir("gost2015") {
        let root = read_der(&dir.join("root_test_gost_2022.cer"));
        let key = key_of(&root);
        let s = signed_cert("root", &root);
        rate(
            "NCA GOST 2015/512 root certificate (Streebog-512 of the tbs + verify)",
            || gost::verify(s.algorithm, key.0, &key.1, &s.tbs, &s.signature) == Ok(true),
        );
    }
}
