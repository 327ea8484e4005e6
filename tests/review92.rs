//! Review 92 (hostile): the answer to review 90's findings. Reviewed: `b8ce164`:
//! src/xmldsig/carried/mod.rs `Known { path, all }` (KeyInfo may name the signer's path only,
//! XAdES's unsigned properties also the time-stamps' TSA paths, built in src/xmldsig/mod.rs
//! from each signer's `path_certificates`); src/xmldsig/carried/mentions.rs `stranger` (now
//! `ds:RSAKeyValue` must be the signer's modulus and exponent, `ds:DSAKeyValue` refused);
//! src/xmldsig/carried/schema.rs `ONCE`; src/name/written.rs `Name::matches_text` (`#hex` read as
//! a string's DER, `""` inside a quoted value as one quote), as `/xml/verify` refuses what they
//! find (src/server/ncanode.rs `xml_answer`, `Covers::Whole`).
//!
//! Material: the RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered),
//! `individual_sign.p12` and `legal_sign.p12` (password `Qwerty12`), another person's key
//! (revoked.cer); documents written by real tools, committed under tests/data/review92: the JDK's
//! own XMLDSig (OpenJDK 17, JSR 105, `Sign.java.txt`: enveloped `URI=""`, KeyInfo
//! `KeyValue(cert.getPublicKey())` followed by the Oracle example's X509Data of subject name,
//! issuer serial and certificate; the KeyValue alone names no certificate, the library judges
//! it unknown), xmlsec1 1.2.37 `--sign --pkcs12` over a template
//! with `<KeyValue/>`, `<X509Data>` of an empty X509Certificate, X509SubjectName and
//! X509IssuerSerial; and `jdk_high_serial.xml`: the JDK's document signed with the individual
//! signer's key and a certificate nca_rsa issued it again (same subject, key and extensions,
//! `openssl ca` with `copy_extensions = copyall`, valid 2026-01-01 to 2027-01-01) whose
//! serial is `8EDD5AB6…` (the first octet 0x80 or more: its DER INTEGER starts with 0x00, as
//! about half of the 20-octet random serials CAs issue do); signxml 4 `XAdESSigner` (its legacy
//! SigningCertificate, the issuer written by `rfc4514_string()` as its own C,O,OU,CN format
//! fails on a name without O) by both signers, and the same with its Cert's SHA-1 made
//! SHA-256 and no SigningCertificateV2 (`signxml_legacy.py.txt`); `reissued_0x8e.pem`.
//! The service in process on loopback (tests/common/service.rs) judging at
//! 2026-11-23T00:00:00Z (signxml's documents at 2026-12-08T00:00:00Z, after their SigningTime).
//!
//! Findings:
//!
//! 1. (fixed) `xml_verify_accepts_the_jdk_issuer_serial_of_a_high_serial` (was
//!    `defect_xml_verify_refuses_the_jdk_issuer_serial_of_a_high_serial`) (false refusal): the
//!    JDK's JSR 105 document (KeyValue, X509Data of X509SubjectName, X509IssuerSerial and the
//!    certificate) by a signer whose certificate serial's first octet is 0x80 or more; the JDK
//!    writes its `X509SerialNumber` as `BigInteger.toString()`, the positive decimal
//!    `815613056260519913726349718791731356676545330703`. Observed: `/xml/verify` `valid: false`,
//!    "an issuer and serial in <X509IssuerSerial> of no certificate the signature was judged with";
//!    the library judges it valid, and the same document less its X509IssuerSerial passes.
//!    Expected: `valid: true`: it names the signer's issuer and serial exactly. Cause:
//!    src/xmldsig/carried/mentions.rs:66 compares `serial_key(c.serial())` (the DER content, `00 8E
//!    DD …`, whose leading zero `serial_key` keeps, src/certificate/mod.rs:489) with
//!    `serial_key(&decimal_to_bytes(..))` (`8E DD …`, an unsigned magnitude that `serial_key` reads
//!    as two's complement). Fix: compare magnitudes: strip the certificate serial's leading 0x00
//!    octets (or prefix 0x00 to the decimal's bytes when their first has its high bit set) before
//!    `serial_key` (mentions.rs:56 serves `xades:IssuerSerial` too).
//! 2. (fixed) `library_accepts_a_signing_certificate_of_a_high_serial` (was
//!    `defect_library_refuses_a_signing_certificate_of_a_high_serial`) (library false INVALID, the
//!    same cause in the library's own check): an XAdES 1.3.2 document whose signing certificate
//!    property is `xades:SigningCertificate` alone (SHA-256 CertDigest, decimal `X509SerialNumber`,
//!    as DSS and xades4j write it; made with signxml's legacy property, its SHA-1 swapped for
//!    SHA-256, no V2) by the 0x8E signer. Observed: `xmldsig::verify` INVALID,
//!    "xades:SigningCertificate: IssuerSerial's serial … is not the signer's certificate's"; the
//!    same document by the 0x6E signer is valid. Expected: valid. Cause:
//!    src/xmldsig/xades.rs:414-415 (`serial_key(&decimal_to_bytes(text))` against
//!    `serial_key(cert.serial())`). Fix: one magnitude comparison of a decimal serial with a
//!    certificate's, used by both.
//!
//! Held (`held_` tests): the JDK's KeyValue documents (with the Oracle X509Data, the
//! legal signer's with its `#hex` subject and `\"`), xmlsec1's filled `<KeyValue/>`, the modulus
//! with leading zero octets and the exponent as `AAEAAQ==` stay valid; refused: a second
//! RSAKeyValue of another key after the signer's in one KeyValue, the exponent 3, a DSAKeyValue,
//! a second KeyValue, another signer's key in the second signature, the TSA's key in the XAdES-T
//! sample's KeyInfo, another person's name as `#hex` of a BMPString, UniversalString or
//! TeletexString, a `#hex` of a constructed or non-string value; `#hex` of the signer's own
//! values in BMPString and UniversalString and `""` quoting stay valid (same text); 4 KiB of
//! `#hex`, 2 000 `""` and 5 000 RSAKeyValue elements are judged quickly, without panic; the
//! library judges every forged document valid and a changed amount invalid; signxml's XAdES with
//! the legacy `xades:SigningCertificate` (decimal serial) by the 0x8E signer is valid in the
//! library and on `/xml/verify` (its SHA-1 Cert is not compared, the V2's DER serial matches).
//!
//! Not pursued: case folding (`to_lowercase`) equates compatibility letters with their
//! ordinary ones (KELVIN SIGN and `k`), the same text as a reader shows it; multi-valued RDNs
//! are flattened (`CN=a+SN=b` matches `CN=a, SN=b`): the same attribute values, no other
//! person's; `#hex` of a TeletexString is read as Latin-1, not T.61, no NCA name is Teletex.

mod common;

use base64::Engine as _;
use common::service::Service;
use common::xml_routes::*;
use qoltanba::xmldsig;
use qoltanba::Judged as _;
use std::time::Instant;

/// When the reissued certificate is judged: as the others.
const HIGH_AT: &str = AT;

const JDK_KEY_VALUE_X509: &str = include_str!("data/review92/jdk_key_value_x509.xml");
const JDK_LEGAL: &str = include_str!("data/review92/jdk_legal_key_value_x509.xml");
const XMLSEC1_KEY_VALUE: &str = include_str!("data/review92/xmlsec1_key_value.xml");
const JDK_HIGH_SERIAL: &str = include_str!("data/review92/jdk_high_serial.xml");
const SIGNXML_LEGACY: &str = include_str!("data/review92/signxml_legacy.xml");
const SIGNXML_LEGACY_HIGH: &str = include_str!("data/review92/signxml_legacy_high_serial.xml");
const SIGNXML_256: &str = include_str!("data/review92/signxml_sha256_legacy.xml");
const SIGNXML_256_HIGH: &str = include_str!("data/review92/signxml_sha256_legacy_high_serial.xml");
/// After signxml's SigningTime (2026-12-07T16:59Z).
const SIGNXML_AT: &str = "2026-12-08T00:00:00Z";

/// The individual signer's modulus as the JDK writes it (`&#13;` line ends and all).
fn jdk_modulus() -> &'static str {
    first_text(JDK_KEY_VALUE_X509, "Modulus")
}

fn b64d(s: &str) -> Vec<u8> {
    let clean: String = s
        .replace("&#13;", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean)
        .unwrap()
}

/// `doc` less its first element named `local` (no prefix, as the JDK writes).
fn without(doc: &str, local: &str) -> String {
    let open = doc.find(&format!("<{local}>")).unwrap();
    let close_tag = format!("</{local}>");
    let close = doc.find(&close_tag).unwrap() + close_tag.len();
    format!("{}{}", &doc[..open], &doc[close..])
}

/// `#hex` of the DER TLV of `tag` holding `content` (short form length).
fn hex_tlv(tag: u8, content: &[u8]) -> String {
    assert!(content.len() < 128);
    let mut der = vec![tag, content.len() as u8];
    der.extend_from_slice(content);
    let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
    format!("#{hex}")
}

fn bmp(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn ucs4(s: &str) -> Vec<u8> {
    s.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect()
}

/// The JDK's Oracle document (KeyValue and X509Data) with its X509SubjectName `name`.
fn jdk_with_subject(name: &str) -> String {
    let old = first_text(JDK_KEY_VALUE_X509, "X509SubjectName");
    JDK_KEY_VALUE_X509.replacen(old, name, 1)
}

/// The JDK's KeyValue document with its RSAKeyValue's inner `modulus` and `exponent`.
fn jdk_key(modulus: &str, exponent: &str) -> String {
    let m = jdk_modulus();
    JDK_KEY_VALUE_X509.replacen(m, modulus, 1).replacen(
        "<Exponent>AQAB</Exponent>",
        &format!("<Exponent>{exponent}</Exponent>"),
        1,
    )
}

// --- defects ---------------------------------------------------------------------------

/// DEFECT (false refusal). Input: the JDK's JSR 105 document (KeyValue; X509Data of
/// X509SubjectName, X509IssuerSerial, certificate) by a signer whose certificate serial's
/// first octet is 0x80 or more (`8EDD5AB6…`, DER `00 8E DD …`), the serial written as the JDK
/// writes it, positive decimal. Observed: `/xml/verify` `valid: false` ("an issuer and serial in
/// <X509IssuerSerial> of no certificate the signature was judged with"); the library judges it
/// valid; the document less its X509IssuerSerial passes. Expected: `valid: true`. Cause:
/// src/xmldsig/carried/mentions.rs:66 `serial_key(c.serial()) == serial_key(&serial)`: the
/// certificate's DER content keeps its 0x00 (src/certificate/mod.rs:489), the decimal's
/// magnitude `8E DD …` has none. Fix: compare magnitudes (strip leading 0x00 of both, or
/// prefix 0x00 to a decimal whose first octet has its high bit set).
///
/// Found by review 92 (was a defect). Fixed: a decimal serial is read as a DER INTEGER's content (a
/// 00 before a first octet of 0x80 or more, `xades::decimal_to_bytes`) and compared with the
/// certificate's by `serial_key`
#[test]
fn xml_verify_accepts_the_jdk_issuer_serial_of_a_high_serial() {
    let s = Service::start(common::rsa_verifier(), HIGH_AT);
    let serial = first_text(JDK_HIGH_SERIAL, "X509SerialNumber");
    assert_eq!(serial, "815613056260519913726349718791731356676545330703");
    assert!(
        library_valid_at(JDK_HIGH_SERIAL, HIGH_AT),
        "the library: valid"
    );
    let less = without(JDK_HIGH_SERIAL, "X509IssuerSerial");
    assert!(
        not_valid(&s, &[("less its X509IssuerSerial", less)]).is_empty(),
        "control: the same document less its X509IssuerSerial passes"
    );
    let failed = not_valid(&s, &[("the JDK's document", JDK_HIGH_SERIAL.to_string())]);
    assert!(failed.is_empty(), "/xml/verify: {failed:?}");
}

/// DEFECT (library false INVALID). Input: an XAdES 1.3.2 document whose only signing
/// certificate property is `xades:SigningCertificate` (Cert: SHA-256 CertDigest, IssuerSerial
/// with `X509SerialNumber` in decimal), as DSS and xades4j write it: made by signxml's
/// `XAdESSigner` with its legacy SigningCertificate (SHA-1 swapped for its SHA-256, no
/// SigningCertificateV2; `signxml_sha256_legacy*.xml`), by the reissued signer whose serial
/// starts 0x8E. Observed: `xmldsig::verify` INVALID: "xades:SigningCertificate: IssuerSerial's
/// serial \"8156…0703\" is not the signer's certificate's"; the same document by the 0x6E signer
/// is valid. Expected: valid (the serial is the signer's). Cause: src/xmldsig/xades.rs:414-415
/// `serial_key(&decimal_to_bytes(text)) == serial_key(cert.serial())` (`8E …` against
/// `00 8E …`). Fix: compare magnitudes, as for
/// `defect_xml_verify_refuses_the_jdk_issuer_serial_of_a_high_serial`.
///
/// Found by review 92 (was a defect). Fixed: the same reading of the decimal serial in the
/// SigningCertificate check
#[test]
fn library_accepts_a_signing_certificate_of_a_high_serial() {
    let serial = first_text(SIGNXML_256_HIGH, "X509SerialNumber");
    assert_eq!(serial, "815613056260519913726349718791731356676545330703");
    assert!(
        library_valid_at(SIGNXML_256, SIGNXML_AT),
        "control: the same tool's document by the 0x6E serial"
    );
    let v = common::rsa_verifier();
    let e = qoltanba::Expectation::at(common::time(SIGNXML_AT));
    let verdict = xmldsig::verify(SIGNXML_256_HIGH.as_bytes(), &v, &e).unwrap();
    let text = format!("{verdict:?}");
    let i = text.find("SigningCertificate").unwrap_or(0);
    let shown: String = text[i..].chars().take(400).collect();
    assert!(verdict.is_valid(), "the library: {shown}");
}

// --- held ------------------------------------------------------------------------------

/// HELD: signxml's XAdES (`XAdESSigner`, `use_deprecated_legacy_signing_certificate`: a
/// `xades:SigningCertificate` whose `X509SerialNumber` is `str(cert.serial_number)`, beside
/// SigningCertificateV2) by the reissued signer whose serial starts 0x8E, and by the 0x6E one:
/// the library and `/xml/verify` judge both valid (the legacy Cert's SHA-1 digest is not
/// compared, so its decimal serial is never read; the V2's DER serial matches).
#[test]
fn held_signxml_legacy_signing_certificate_of_a_high_serial() {
    let serial = first_text(SIGNXML_LEGACY_HIGH, "X509SerialNumber");
    assert_eq!(serial, "815613056260519913726349718791731356676545330703");
    assert!(
        library_valid_at(SIGNXML_LEGACY, SIGNXML_AT),
        "control: the same tool's document by the 0x6E serial"
    );
    let v = common::rsa_verifier();
    let e = qoltanba::Expectation::at(common::time(SIGNXML_AT));
    let verdict = xmldsig::verify(SIGNXML_LEGACY_HIGH.as_bytes(), &v, &e).unwrap();
    let text = format!("{verdict:?}");
    let i = text.find("SigningCertificate").unwrap_or(0);
    let shown: String = text[i..].chars().take(400).collect();
    assert!(verdict.is_valid(), "the library: {shown}");
    let s = Service::start(common::rsa_verifier(), SIGNXML_AT);
    let docs = [
        ("signxml 0x6E", SIGNXML_LEGACY.to_string()),
        ("signxml 0x8E", SIGNXML_LEGACY_HIGH.to_string()),
    ];
    let failed = not_valid(&s, &docs);
    assert!(failed.is_empty(), "/xml/verify: {failed:?}");
}

/// HELD: honest documents with a KeyValue stay valid: the JDK's (KeyValue with the Oracle
/// example's X509Data; the legal signer's, `#hex` subject and `\"`), xmlsec1's filled
/// `<KeyValue/>` template; the signer's modulus with leading zero octets, the exponent as
/// `AAEAAQ==`.
#[test]
fn held_honest_key_values_stay_valid() {
    let s = service();
    let m = b64d(jdk_modulus());
    let mut padded = vec![0u8, 0];
    padded.extend_from_slice(&m);
    let docs = [
        ("JDK KeyValue + X509Data", JDK_KEY_VALUE_X509.to_string()),
        ("JDK legal KeyValue + X509Data", JDK_LEGAL.to_string()),
        ("xmlsec1 <KeyValue/>", XMLSEC1_KEY_VALUE.to_string()),
        ("modulus zero-padded", jdk_key(&b64(&padded), "AQAB")),
        ("exponent AAEAAQ==", jdk_key(jdk_modulus(), "AAEAAQ==")),
    ];
    for (label, doc) in &docs {
        assert!(library_valid(doc), "{label}: the library");
    }
    let failed = not_valid(&s, &docs);
    assert!(failed.is_empty(), "/xml/verify: {failed:?}");
}

/// HELD: a key value not the signer's is refused: a second RSAKeyValue of another key after
/// the signer's in one KeyValue, the exponent 3, a DSAKeyValue after the RSA one, a second
/// KeyValue of another key, an empty Modulus, a second Modulus; the second signature of a
/// document carrying the first signer's key; the TSA's key in the XAdES-T sample's KeyInfo.
#[test]
fn held_key_values_not_the_signers_are_refused() {
    let s = service();
    let other = cert("revoked.cer");
    let other_n = other_modulus(&other);
    let other_rsa =
        format!("<RSAKeyValue><Modulus>{other_n}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>");
    let second_rsa = before(JDK_KEY_VALUE_X509, "</KeyValue>", &other_rsa);
    let second_kv = before(
        JDK_KEY_VALUE_X509,
        "</KeyInfo>",
        &format!("<KeyValue>{other_rsa}</KeyValue>"),
    );
    let dsa = before(
        JDK_KEY_VALUE_X509,
        "</KeyValue>",
        "<DSAKeyValue><P>AQ==</P><Q>AQ==</Q><G>AQ==</G><Y>AQ==</Y></DSAKeyValue>",
    );
    let second_modulus = before(
        JDK_KEY_VALUE_X509,
        "<Exponent>",
        &format!("<Modulus>{other_n}</Modulus>"),
    );
    // Two signatures: the second (legal signer) given the first signer's key.
    let first = signed_by(&bundle(), b"<order><amount>1</amount></order>");
    let both = signed_by(&legal(), first.as_bytes());
    let ind_key = format!(
        "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{}</ds:Modulus><ds:Exponent>AQAB\
         </ds:Exponent></ds:RSAKeyValue></ds:KeyValue>",
        b64(&b64d(jdk_modulus()))
    );
    let last_key_info = both.rfind("<ds:KeyInfo>").unwrap() + "<ds:KeyInfo>".len();
    let mut second_sig = both.clone();
    second_sig.insert_str(last_key_info, &ind_key);
    // The second signature covers the first: the control is the one-signature order.
    let first_sig = after(&signed_order(), "<ds:KeyInfo>", &ind_key);
    // The XAdES-T sample given the TSA's key.
    let tsa = cert("tsa/tsa.cer");
    let tsa_key = format!(
        "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{}</ds:Modulus><ds:Exponent>AQAB\
         </ds:Exponent></ds:RSAKeyValue></ds:KeyValue>",
        other_modulus(&tsa)
    );
    let xades = xades_sample("xades_t.xml");
    let xades_key = xades_key_info_insert(&xades, &tsa_key);
    let docs = [
        ("a second RSAKeyValue of another key", second_rsa),
        ("a second KeyValue of another key", second_kv),
        ("a DSAKeyValue", dsa),
        ("a second Modulus", second_modulus),
        ("exponent 3", jdk_key(jdk_modulus(), "Aw==")),
        ("empty modulus", jdk_key("", "AQAB")),
        ("the first signer's key in the second signature", second_sig),
    ];
    for (label, doc) in &docs {
        assert!(
            library_valid(doc),
            "{label}: the library: KeyInfo is in no digest"
        );
    }
    let passed = not_refused(&s, &docs);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
    // Control: the signer's key in its own KeyInfo (`sign_with`'s order) passes.
    assert!(not_valid(&s, &[("own key", first_sig)]).is_empty());
    // The XAdES-T sample.
    let sx = Service::start(common::rsa_verifier(), XADES_AT);
    assert!(library_valid_at(&xades_key, XADES_AT));
    assert!(not_valid(&sx, &[("XAdES-T sample", xades.clone())]).is_empty());
    let passed = not_refused(&sx, &[("the TSA's key in KeyInfo", xades_key)]);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// The base64 modulus of an RSA certificate (read from its DER with openssl-free parsing: the
/// SubjectPublicKeyInfo's BIT STRING holds `SEQUENCE { INTEGER n, INTEGER e }`).
fn other_modulus(c: &qoltanba::Certificate) -> String {
    let der = c.der();
    // rsaEncryption OID, then NULL, then BIT STRING.
    let oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
    ];
    let i = der.windows(oid.len()).position(|w| w == oid).unwrap() + oid.len();
    let rest = &der[i..];
    let rest = if rest[0] == 0x05 { &rest[2..] } else { rest };
    assert_eq!(rest[0], 0x03);
    let (_, body) = read_len(&rest[1..]);
    let body = &body[1..]; // unused bits
    assert_eq!(body[0], 0x30);
    let (_, seq) = read_len(&body[1..]);
    assert_eq!(seq[0], 0x02);
    let (n_len, n) = read_len(&seq[1..]);
    b64(&n[..n_len])
}

/// (length, the bytes after the length octets) of a DER length at `b`.
fn read_len(b: &[u8]) -> (usize, &[u8]) {
    if b[0] < 0x80 {
        (usize::from(b[0]), &b[1..])
    } else {
        let k = usize::from(b[0] & 0x7f);
        let n = b[1..=k]
            .iter()
            .fold(0usize, |a, x| a * 256 + usize::from(*x));
        (n, &b[1 + k..])
    }
}

/// `doc` with `inner` first in its first KeyInfo (any prefix).
fn xades_key_info_insert(doc: &str, inner: &str) -> String {
    let i = doc.find("KeyInfo").unwrap();
    let close = i + doc[i..].find('>').unwrap() + 1;
    let mut out = doc.to_string();
    out.insert_str(close, inner);
    out
}

/// HELD: `#hex` and `""` in names: the signer's CN as `#hex` of a BMPString, UniversalString
/// or UTF8String stays valid (the same text); another person's CN so written, a TeletexString
/// of another Latin-1 text, a constructed or INTEGER value, and the signer's CN with a
/// doubled quote inserted are refused.
#[test]
fn held_hex_and_quoted_names() {
    let s = service();
    let jdk = first_text(JDK_KEY_VALUE_X509, "X509SubjectName").to_string();
    assert!(jdk.ends_with(",CN=ТЕСТОВ ТЕСТ"), "{jdk}");
    let with_cn = |cn: &str| jdk.replace("CN=ТЕСТОВ ТЕСТ", &format!("CN={cn}"));
    let own = "ТЕСТОВ ТЕСТ";
    let other = "ДРУГОВ ДРУГ";
    let honest = [
        (
            "BMPString",
            jdk_with_subject(&with_cn(&hex_tlv(0x1e, &bmp(own)))),
        ),
        (
            "UniversalString",
            jdk_with_subject(&with_cn(&hex_tlv(0x1c, &ucs4(own)))),
        ),
        (
            "UTF8String",
            jdk_with_subject(&with_cn(&hex_tlv(0x0c, own.as_bytes()))),
        ),
        ("quoted", jdk_with_subject(&with_cn("\"ТЕСТОВ ТЕСТ\""))),
    ];
    let failed = not_valid(&s, &honest);
    assert!(failed.is_empty(), "/xml/verify: {failed:?}");
    let forged = [
        (
            "BMPString other",
            jdk_with_subject(&with_cn(&hex_tlv(0x1e, &bmp(other)))),
        ),
        (
            "UniversalString other",
            jdk_with_subject(&with_cn(&hex_tlv(0x1c, &ucs4(other)))),
        ),
        (
            "Teletex",
            jdk_with_subject(&with_cn(&hex_tlv(0x14, b"TESTOV TEST"))),
        ),
        (
            "constructed",
            jdk_with_subject(&with_cn(&hex_tlv(0x30, &[0x0c, 0x01, 0x41]))),
        ),
        (
            "INTEGER",
            jdk_with_subject(&with_cn(&hex_tlv(0x02, &[0x01]))),
        ),
        (
            "doubled quote",
            jdk_with_subject(&with_cn("\"ТЕСТОВ\"\" ТЕСТ\"")),
        ),
        (
            "quote then text",
            jdk_with_subject(&with_cn("\"ТЕСТОВ\"\"\" ТЕСТ")),
        ),
    ];
    for (label, doc) in &forged {
        assert!(library_valid(doc), "{label}: the library");
    }
    let passed = not_refused(&s, &forged);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// HELD: bounded work: a 4 KiB `#hex` name, a quoted value of 2 000 `""`, 5 000 RSAKeyValue
/// elements of the signer's key in one KeyValue: answered quickly, without panic.
#[test]
fn held_big_inputs_are_bounded() {
    let s = service();
    let hex = format!("CN=#0c{}", "41".repeat(2100));
    let quotes = format!("CN=\"{}\"", "\"\"".repeat(2000));
    let rsa = format!(
        "<RSAKeyValue><Modulus>{}</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>",
        jdk_modulus()
    );
    let many = before(JDK_KEY_VALUE_X509, "</KeyValue>", &rsa.repeat(5000));
    let docs = [
        ("4 KiB #hex", jdk_with_subject(&hex)),
        ("2000 doubled quotes", jdk_with_subject(&quotes)),
    ];
    let start = Instant::now();
    let passed = not_refused(&s, &docs);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &many);
    assert_eq!(st, 200, "{a}");
    assert!(valid.is_boolean(), "{a}");
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

/// HELD: the library never judges a changed document valid: the JDK's KeyValue document and
/// the reissued signer's with the amount changed.
#[test]
fn held_library_never_valid_for_a_changed_document() {
    for (doc, at) in [
        (JDK_KEY_VALUE_X509, AT),
        (JDK_LEGAL, AT),
        (XMLSEC1_KEY_VALUE, AT),
        (JDK_HIGH_SERIAL, HIGH_AT),
    ] {
        assert!(library_valid_at(doc, at));
        let changed = doc.replacen("<amount>1</amount>", "<amount>9</amount>", 1);
        assert!(!library_valid_at(&changed, at));
    }
}
