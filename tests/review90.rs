//! Review 90 (hostile): the answer to review 88's findings. Reviewed: `cee6fcf` (and
//! `d93650e` before it): src/xmldsig/carried/schema.rs `holds`, `ONCE`;
//! src/xmldsig/carried/mod.rs `unsigned_content`, `holding`; src/xmldsig/carried/mentions.rs
//! `stranger` (every certificate, subject name, issuer serial, SKI and CertDigest a Signature's
//! structure carries must be of `known`: the signer's path or its time-stamps' TSA paths, built
//! in src/xmldsig/mod.rs:523-535); src/name/written.rs `Name::matches_text` (a DN as RFC 4514
//! text), as `/xml/verify` refuses what they find (src/server/ncanode.rs `xml_answer`,
//! `Covers::Whole`).
//!
//! Material: the RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered),
//! `individual_sign.p12` and `legal_sign.p12` (password `Qwerty12`; the legal signer's
//! `O=АО "ТЕСТ"`), the TSA's certificate (tsa/tsa.cer, `CN=УАҚЫТ БЕЛГІСІ ҚЫЗМЕТІ QOLTANBA TEST`),
//! another person's key (revoked.cer); the committed lxml XAdES-T sample (its SignatureTimeStamp
//! by tsa.cer, judged at 2026-12-01T00:00:00Z); a document signed by the JDK's own XMLDSig
//! (OpenJDK 17.0.15, JSR 105 `javax.xml.crypto.dsig`, the Oracle example: enveloped `URI=""`,
//! `KeyInfoFactory.newX509Data([cert.getSubjectX500Principal().getName(),
//! newX509IssuerSerial(cert.getIssuerX500Principal().getName(), serial), cert])`) with
//! `individual_sign.p12`, pasted below as written; the service in process on loopback
//! (tests/common/service.rs) judging at 2026-11-23T00:00:00Z. The client the route is for reads
//! the document it sent by local name, first in document order, as reviews 86-88 took it; a
//! JAXB-bound client (Java's usual XMLDSig binding) keeps the last of a repeated element.
//!
//! Findings:
//!
//! 1. (fixed) `xml_verify_accepts_java_jsr105_subject_name` (was
//!    `defect_xml_verify_accepts_java_jsr105_subject_name`) (false refusal): the JDK's own XMLDSig
//!    output of the Oracle JSR 105 example: its X509SubjectName is `X500Principal.getName()`, RFC
//!    2253 as Java writes it: the attributes RFC 2253 has no keyword for (emailAddress, givenName,
//!    serialNumber, surname: every NCA personal certificate has them) as `OID=#hex` of their DER
//!    (`2.5.4.5=#130f49494e…`). Observed: `/xml/verify` `valid: false`, "a subject name in
//!    <X509SubjectName> of no certificate the signature was judged with"; the library judges it
//!    valid. Expected: `valid: true` (it names the signer exactly). Cause: src/name/written.rs:126
//!    (`Some('#') => return None`: RFC 4514's `#` form refused). Fix: decode `#hex` as a DER value
//!    (a string type's TLV: UTF8String, PrintableString, IA5String, BMPString ...) and compare it,
//!    or compare the DER octets with the certificate's attribute.
//! 2. (fixed) `xml_verify_accepts_dotnet_quoted_subject_name` (was
//!    `defect_xml_verify_accepts_dotnet_quoted_subject_name`) (false refusal): the legal signer's
//!    (`O=АО "ТЕСТ"`, as nearly every Kazakh legal entity's name is quoted) order given the
//!    X509SubjectName .NET writes (`X500DistinguishedName.Name`, CryptoAPI `CertNameToStr`: `, `
//!    between RDNs, labels E, G, S, SN, SERIALNUMBER, a value with `"` quoted and the inner quote
//!    doubled: `O="АО ""ТЕСТ"""`). Observed: `valid: false` ("a subject name … of no certificate").
//!    Expected: `valid: true`; the same name with RFC 2253's `\"` and .NET's labels passes
//!    (`held_honest_name_writings_stay_valid`). Cause: src/name/written.rs:131-135 (a `"` always
//!    ends a quoted value; the next `"` is then no separator, line 167). Fix: inside a quoted value
//!    read `""` as one `"` (CryptoAPI's escape).
//! 3. (fixed) `xml_verify_refuses_the_tsa_certificate_in_key_info` (was
//!    `defect_xml_verify_refuses_the_tsa_certificate_in_key_info`) (false VALID): the XAdES-T
//!    sample given, first in its KeyInfo's X509Data, the TSA's certificate (or its
//!    X509SubjectName). Observed: `/xml/verify` `valid: true`; the document's first
//!    `X509Certificate` (`X509SubjectName`) is the time-stamp service's, an end-entity certificate
//!    naming its holder, which a client takes for the signer's. Expected: `valid: false`: KeyInfo
//!    identifies the signer; the TSA's certificate belongs in XAdES's validation data
//!    (CertificateValues, TimeStampValidationData, CompleteCertificateRefs). Cause:
//!    src/xmldsig/mod.rs:523-535 folds the time-stamps' TSA paths into the one `known` list, and
//!    src/xmldsig/carried/mentions.rs:22 judges KeyInfo's mentions by it as XAdES's. Fix: two
//!    lists: KeyInfo's certificates and names of the signer's path only; the TSA paths admitted in
//!    the XAdES unsigned properties only.
//! 4. (fixed) `xml_verify_refuses_a_second_serial_or_issuer_in_an_issuer_serial` (was
//!    `defect_xml_verify_refuses_a_second_serial_or_issuer_in_an_issuer_serial`) (false VALID): the
//!    signed order given an X509IssuerSerial naming the signer (issuer, serial) followed by a
//!    second `X509SerialNumber` 42 (or a second `X509IssuerName` `CN=Other CA,C=KZ` after the
//!    first). Observed: `valid: true`. Expected: `valid: false`: XMLDSig's X509IssuerSerialType is
//!    a sequence of one X509IssuerName and one X509SerialNumber; the second, signed by no one, is
//!    what a JAXB client (the last of a repeated element wins) or one reading the issuer-serial
//!    pair by position reads. Cause: src/xmldsig/carried/mentions.rs:53 (`find`: the first of each
//!    only is compared) and schema.rs:48 (`ONCE` lacks both). Fix: add X509IssuerName and
//!    X509SerialNumber (under ds:X509IssuerSerial and xades:IssuerSerial) to `ONCE`, and require
//!    the sequence's order.
//! 5. (fixed) `xml_verify_refuses_a_key_value_of_another_key` (was
//!    `defect_xml_verify_refuses_a_key_value_of_another_key`) (false VALID): the signed order
//!    given, first in its KeyInfo, a `ds:KeyValue/RSAKeyValue` of another person's key
//!    (revoked.cer's modulus). Observed: `valid: true`. Expected: `valid: false`: the document's
//!    first (only) key value is no key the signature was made with; a client that identifies the
//!    signer by key (a registry of public keys, or one that verifies with KeyValue and so reports
//!    failure for a signature the route called valid) reads another person's key. Cause:
//!    src/xmldsig/carried/schema.rs:93 and :137 (KeyValue, RSAKeyValue, Modulus, Exponent are
//!    structure whatever they hold) and mentions.rs:99 (no arm for KeyValue). Fix: a KeyValue must
//!    be the signer's public key (modulus and exponent, or DSA/EC values), else carried.
//!
//! Held (`held_` tests): names of another person refused, however written (surname and
//! serialNumber values swapped, `SN=` for the IIN, the IIN in another case, an attribute moved
//! into a multi-valued RDN with another's value, `#hex` of another value, the signer's serial
//! under the root's or an unknown issuer name, nca_rsa's serial under the signer's issuer); the
//! second signer's X509SubjectName naming the first signer; honest writings stay valid
//! (OpenSSL's RFC 2253 with `\"`, RFC 1779 with `OID.2.5.4.5=` and `SURNAME=`, .NET's labels
//! with `\"`, the library's own Display, the name lower-cased, the issuer serial with Java's
//! RFC 2253 issuer, the JSR 105 document less its X509SubjectName); 20 000 X509SubjectName
//! and X509IssuerSerial elements naming the signer and a 1 MiB X509SubjectName are judged
//! quickly, without panic; the library judges every forged document above valid (KeyInfo and
//! unsigned properties are in no digest) and a document whose amount is changed invalid.
//!
//! Not pursued: `ds:KeyName` with another person's name passes (`valid: true`): xmlsec1 fills
//! KeyName with the key's file name, so refusing free text would refuse honest documents;
//! values compared case-folded (`ТЕСТОВ` and `тестов` are one name: the same letters);
//! `xades:IssuerSerialV2` whose GeneralNames are empty passes on the serial alone
//! (mentions.rs:78), base64 DER no client reads as a name; .NET's `AddIssuerSerial` writes a
//! serial whose first octet is 0x80 or more as a negative decimal (`BigInteger` of the hex),
//! refused by `decimal_to_bytes`: the test PKI's signers' serials start below 0x80, not tried.

mod common;

use common::service::Service;
use common::xml_routes::*;
use serde_json::json;
use std::time::Instant;

/// The signer's (individual_sign.cer) serial number, in decimal.
const SIGNER_SERIAL: &str = "632925351594157048950889114702195979219553762831";

/// The signer's issuer as OpenSSL and Java write it (RFC 2253).
const SIGNER_ISSUER: &str = "C=KZ,CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) QOLTANBA TEST";

/// The signed order given `inner` first in its X509Data.
fn in_x509_data(inner: &str) -> String {
    after(&signed_order(), "<ds:X509Data>", inner)
}

/// An X509IssuerSerial of `issuer` and `serial`.
fn issuer_serial(issuer: &str, serial: &str) -> String {
    format!(
        "<ds:X509IssuerSerial><ds:X509IssuerName>{issuer}</ds:X509IssuerName>\
         <ds:X509SerialNumber>{serial}</ds:X509SerialNumber></ds:X509IssuerSerial>"
    )
}

/// The committed lxml XAdES-T sample (test-vectors/pki/xades).
fn xades_t() -> String {
    let path = common::pki("xades").join("xades_t.xml");
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

// --- defects ---------------------------------------------------------------------------

/// DEFECT (false refusal). Input: the JDK's own XMLDSig output (OpenJDK 17, JSR 105, the
/// Oracle example) signed with `individual_sign.p12`: its X509SubjectName is
/// `X500Principal.getName()`, Java's RFC 2253, with `2.5.4.5=#130f49494e…` (and surname,
/// givenName, emailAddress) as `#hex` of DER. Observed: `/xml/verify` `valid: false`, "a
/// subject name in <X509SubjectName> of no certificate the signature was judged with"; the
/// library judges it valid. Expected: `valid: true`: it names the signer. Cause:
/// src/name/written.rs:126 refuses RFC 4514's `#` form. Fix: decode `#hex` as the DER of a
/// string and compare its value (or compare the DER octets).
///
/// Found by review 90 (was a defect). Fixed: a `#hex` value is read as the DER of a string and
/// compared as the name's own value (`name::written::ber_string`)
#[test]
fn xml_verify_accepts_java_jsr105_subject_name() {
    let s = service();
    let doc = JAVA_JSR105;
    assert!(library_valid(doc), "the library");
    assert!(first_text(doc, "X509SubjectName").contains("2.5.4.5=#130f49494e"));
    assert_eq!(first_text(doc, "X509SerialNumber"), SIGNER_SERIAL);
    let refused = not_valid(&s, &[("JSR 105 (JDK 17)", doc.to_string())]);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
}

/// The legal signer's (`O=АО "ТЕСТ"`) order, `name` as the X509SubjectName first in its
/// X509Data.
fn legal_with_subject_name(name: &str) -> String {
    let signed = signed_by(&legal(), b"<order><amount>1</amount></order>");
    after(
        &signed,
        "<ds:X509Data>",
        &format!("<ds:X509SubjectName>{name}</ds:X509SubjectName>"),
    )
}

/// The legal signer's name as .NET's `X500DistinguishedName.Name` writes it (CryptoAPI
/// `CertNameToStr`: reversed, `, `, a value with a quote quoted, the quote doubled).
const DOTNET_LEGAL: &str = "E=head@qoltanba.invalid, G=ТЕСТОВИЧ, OU=BIN123456789021, \
                            O=\"АО \"\"ТЕСТ\"\"\", S=АЛМАТЫ, L=АЛМАТЫ, C=KZ, \
                            SERIALNUMBER=IIN123456789011, SN=ТЕСТОВ, CN=ТЕСТОВ ТЕСТ";

/// DEFECT (false refusal). Input: the legal signer's order (its `O=АО "ТЕСТ"`) given the
/// X509SubjectName .NET writes for it, `O="АО ""ТЕСТ"""` (CryptoAPI's doubled quote).
/// Observed: `/xml/verify` `valid: false`, "a subject name … of no certificate". Expected:
/// `valid: true` (the same name with `\"` passes). Cause: src/name/written.rs:131-135: a `"`
/// ends a quoted value, the next `"` is no separator (line 167). Fix: read `""` in a quoted
/// value as one `"`.
///
/// Found by review 90 (was a defect). Fixed: a doubled quote inside a quoted value is one quote
#[test]
fn xml_verify_accepts_dotnet_quoted_subject_name() {
    let s = service();
    let doc = legal_with_subject_name(DOTNET_LEGAL);
    assert!(library_valid(&doc), "the library");
    let refused = not_valid(&s, &[(".NET's X500DistinguishedName.Name", doc)]);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
}

/// DEFECT (false VALID). Input: the XAdES-T sample given, first in its KeyInfo's X509Data,
/// the TSA's certificate (tsa/tsa.cer, which time-stamped it), or its X509SubjectName.
/// Observed: `/xml/verify` `valid: true`: the document's first X509Certificate
/// (X509SubjectName) is the time-stamp service's, an end-entity certificate a client takes
/// for the signer's. Expected: `valid: false`: KeyInfo names the signer; a TSA certificate
/// belongs in XAdES's validation data. Cause: src/xmldsig/mod.rs:523-535 (one `known` list,
/// TSA paths included) used for KeyInfo by src/xmldsig/carried/mentions.rs:22. Fix: KeyInfo
/// against the signer's path only; TSA paths in the XAdES unsigned properties only.
///
/// Found by review 90 (was a defect). Fixed: KeyInfo may name the signer's path only
/// (`carried::Known::path`); the time-stamps' TSA paths only XAdES's unsigned properties
/// (`Known::all`)
#[test]
fn xml_verify_refuses_the_tsa_certificate_in_key_info() {
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let sample = xades_t();
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &sample);
    assert_eq!((st, valid), (200, json!(true)), "the XAdES-T sample: {a}");
    let tsa = cert("tsa/tsa.cer");
    let tsa_b64 = b64(tsa.der());
    let with_cert = after(
        &sample,
        "<ds:X509Data>",
        &format!("<ds:X509Certificate>{tsa_b64}</ds:X509Certificate>"),
    );
    let first: String = first_text(&with_cert, "X509Certificate")
        .split_whitespace()
        .collect();
    assert_eq!(first, tsa_b64);
    let with_name = after(
        &sample,
        "<ds:X509Data>",
        &format!("<ds:X509SubjectName>{}</ds:X509SubjectName>", tsa.subject()),
    );
    for d in [&with_cert, &with_name] {
        assert!(
            library_valid_at(d, XADES_AT),
            "the library: KeyInfo is in no digest"
        );
    }
    let passed = not_refused(
        &x,
        &[
            ("the TSA's certificate first in KeyInfo", with_cert),
            ("the TSA's subject name in KeyInfo", with_name),
        ],
    );
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// DEFECT (false VALID). Input: the signed order given an X509IssuerSerial naming the
/// signer followed by a second X509SerialNumber (42), or a second X509IssuerName (`CN=Other
/// CA,C=KZ`). Observed: `/xml/verify` `valid: true`. Expected: `valid: false`: the
/// X509IssuerSerial sequence holds one of each; the second, signed by no one, is what a JAXB
/// client (the last wins) reads. Cause: src/xmldsig/carried/mentions.rs:53 (`find`: only
/// the first of each is compared), schema.rs:48 (`ONCE` lacks both). Fix: both in `ONCE`
/// (ds:X509IssuerSerial, xades:IssuerSerial), in their order.
///
/// Found by review 90 (was a defect). Fixed: X509IssuerName, X509SerialNumber (and a digest's
/// parts, a Cert's CertDigest and IssuerSerial, an RSA key's parts, KeyValue) stand once under
/// their parent (`schema::ONCE`)
#[test]
fn xml_verify_refuses_a_second_serial_or_issuer_in_an_issuer_serial() {
    let s = service();
    let two_serials = in_x509_data(&format!(
        "<ds:X509IssuerSerial><ds:X509IssuerName>{SIGNER_ISSUER}</ds:X509IssuerName>\
         <ds:X509SerialNumber>{SIGNER_SERIAL}</ds:X509SerialNumber>\
         <ds:X509SerialNumber>42</ds:X509SerialNumber></ds:X509IssuerSerial>"
    ));
    let two_issuers = in_x509_data(&format!(
        "<ds:X509IssuerSerial><ds:X509IssuerName>{SIGNER_ISSUER}</ds:X509IssuerName>\
         <ds:X509IssuerName>CN=Other CA,C=KZ</ds:X509IssuerName>\
         <ds:X509SerialNumber>{SIGNER_SERIAL}</ds:X509SerialNumber></ds:X509IssuerSerial>"
    ));
    for d in [&two_serials, &two_issuers] {
        assert!(library_valid(d), "the library: KeyInfo is in no digest");
    }
    let passed = not_refused(
        &s,
        &[
            ("a second X509SerialNumber", two_serials),
            ("a second X509IssuerName", two_issuers),
        ],
    );
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// DEFECT (false VALID). Input: the signed order given, first in its KeyInfo, a
/// `ds:KeyValue/RSAKeyValue` of another person's key (revoked.cer's modulus). Observed:
/// `/xml/verify` `valid: true`. Expected: `valid: false`: the document's key value is no key
/// the signature was made with; a client identifying the signer by key reads another
/// person's. Cause: src/xmldsig/carried/schema.rs:93, :137 (KeyValue down to Modulus is
/// structure whatever it holds), mentions.rs:99 (no arm for it). Fix: a KeyValue must be the
/// signer's public key, else carried.
///
/// Found by review 90 (was a defect). Fixed: an RSAKeyValue must be the signer's key (modulus and
/// exponent); a DSAKeyValue is no NCA signer's
#[test]
fn xml_verify_refuses_a_key_value_of_another_key() {
    let s = service();
    let doc = after(
        &signed_order(),
        "<ds:KeyInfo>",
        &format!(
            "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{OTHER_MODULUS}</ds:Modulus>\
             <ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>"
        ),
    );
    assert!(library_valid(&doc), "the library: KeyInfo is in no digest");
    let passed = not_refused(&s, &[("another person's KeyValue", doc)]);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

// --- held ------------------------------------------------------------------------------

/// HELD: a name or issuer serial of another person is refused however written: the
/// signer's surname and serialNumber values swapped, `SN=` (surname) holding the IIN, the IIN
/// changed, an attribute moved into a multi-valued RDN with another value, `#hex` of another
/// IIN, the signer's serial under the root's name or an unknown one, nca_rsa's serial under
/// the signer's issuer; the second signer's X509SubjectName naming the first signer.
#[test]
fn held_names_of_another_are_refused() {
    let s = service();
    let k = bundle();
    let ca = cert("nca_rsa.cer");
    let root = cert("root.cer");
    let name = |n: &str| in_x509_data(&format!("<ds:X509SubjectName>{n}</ds:X509SubjectName>"));
    let rest = "C=KZ,GN=ТЕСТОВИЧ,emailAddress=test@qoltanba.invalid";
    let ca_serial = decimal(ca.serial());
    let docs = [
        (
            "surname and serialNumber swapped",
            name(&format!(
                "CN=ТЕСТОВ ТЕСТ,SN=IIN123456789011,serialNumber=ТЕСТОВ,{rest}"
            )),
        ),
        (
            "SN= holding the IIN, no surname",
            name(&format!("CN=ТЕСТОВ ТЕСТ,SN=IIN123456789011,{rest}")),
        ),
        (
            "another IIN",
            name(&format!(
                "CN=ТЕСТОВ ТЕСТ,SN=ТЕСТОВ,serialNumber=IIN123456789012,{rest}"
            )),
        ),
        (
            "multi-valued RDN with another value",
            name(&format!(
                "CN=ТЕСТОВ ТЕСТ+serialNumber=IIN999999999999,SN=ТЕСТОВ,{rest}"
            )),
        ),
        (
            "#hex of another IIN",
            name(&format!(
                "CN=ТЕСТОВ ТЕСТ,SN=ТЕСТОВ,2.5.4.5=#130f49494e393939393939393939393939,{rest}"
            )),
        ),
        (
            "the signer's serial under the root's name",
            in_x509_data(&issuer_serial(&root.subject().to_string(), SIGNER_SERIAL)),
        ),
        (
            "the signer's serial under an unknown issuer",
            in_x509_data(&issuer_serial(
                "C=KZ,CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)",
                SIGNER_SERIAL,
            )),
        ),
        (
            "nca_rsa's serial under the signer's issuer",
            in_x509_data(&issuer_serial(SIGNER_ISSUER, &ca_serial)),
        ),
        ("the second signer naming the first", {
            let first = signed_order();
            let both = signed_by(&legal(), first.as_bytes());
            let i = both.rfind("<ds:X509Data>").unwrap() + "<ds:X509Data>".len();
            let mut out = both.clone();
            out.insert_str(
                i,
                &format!(
                    "<ds:X509SubjectName>{}</ds:X509SubjectName>",
                    k.certificate.subject()
                ),
            );
            out
        }),
    ];
    let passed = not_refused(&s, &docs);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// HELD: honest writings of the signer's names stay valid: OpenSSL's RFC 2253 (`\"`),
/// RFC 1779 (`OID.2.5.4.5=`, `SURNAME=`, quoted with `\"`), .NET's labels and order with
/// `\"` for the quote, the library's own Display, the name lower-cased; the individual
/// signer's issuer serial with Java's RFC 2253 issuer; the JSR 105 document less its
/// X509SubjectName (its X509IssuerSerial and certificate pass).
#[test]
fn held_honest_name_writings_stay_valid() {
    let s = service();
    let l = legal();
    let openssl = "emailAddress=head@qoltanba.invalid,GN=ТЕСТОВИЧ,OU=BIN123456789021,\
                   O=АО \\\"ТЕСТ\\\",ST=АЛМАТЫ,L=АЛМАТЫ,C=KZ,serialNumber=IIN123456789011,\
                   SN=ТЕСТОВ,CN=ТЕСТОВ ТЕСТ";
    let rfc1779 = "CN=ТЕСТОВ ТЕСТ, SURNAME=ТЕСТОВ, OID.2.5.4.5=IIN123456789011, C=KZ, \
                   L=АЛМАТЫ, ST=АЛМАТЫ, O=\"АО \\\"ТЕСТ\\\"\", OU=BIN123456789021, \
                   GIVENNAME=ТЕСТОВИЧ, EMAILADDRESS=head@qoltanba.invalid";
    let dotnet_escaped = DOTNET_LEGAL.replace("\"АО \"\"ТЕСТ\"\"\"", "АО \\\"ТЕСТ\\\"");
    let own = l.certificate.subject().to_string();
    let docs = [
        ("OpenSSL RFC 2253", legal_with_subject_name(openssl)),
        ("RFC 1779", legal_with_subject_name(rfc1779)),
        (
            ".NET labels, \\\" quote",
            legal_with_subject_name(&dotnet_escaped),
        ),
        ("the library's Display", legal_with_subject_name(&own)),
        ("lower case", legal_with_subject_name(&own.to_lowercase())),
        ("JSR 105 (JDK 17) without its X509SubjectName", {
            let open = JAVA_JSR105.find("<X509SubjectName>").unwrap();
            let close = JAVA_JSR105.find("</X509SubjectName>").unwrap();
            let mut out = JAVA_JSR105.to_string();
            out.replace_range(open..close + "</X509SubjectName>".len(), "");
            out
        }),
        (
            "Java's issuer serial",
            in_x509_data(&issuer_serial(SIGNER_ISSUER, SIGNER_SERIAL)),
        ),
    ];
    let refused = not_valid(&s, &docs);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
}

/// HELD: 20 000 X509SubjectName and X509IssuerSerial elements naming the signer, and a 1 MiB
/// X509SubjectName, are judged without panic and quickly (a debug build); the first valid,
/// the second refused (no name read).
#[test]
fn held_many_and_huge_names_are_bounded() {
    let s = service();
    let one = format!(
        "<ds:X509SubjectName>{}</ds:X509SubjectName>{}",
        bundle().certificate.subject(),
        issuer_serial(SIGNER_ISSUER, SIGNER_SERIAL)
    );
    let many = in_x509_data(&one.repeat(20_000));
    let huge = in_x509_data(&format!(
        "<ds:X509SubjectName>CN={}</ds:X509SubjectName>",
        "А,".repeat(1 << 19)
    ));
    let started = Instant::now();
    let refused = not_valid(&s, &[("20 000 names", many)]);
    let passed = not_refused(&s, &[("a 1 MiB name", huge)]);
    let took = started.elapsed();
    assert!(
        refused.is_empty() && passed.is_empty(),
        "{refused:?} {passed:?}"
    );
    assert!(took.as_secs() < 60, "took {took:?}");
}

/// HELD: the library judges a document whose signed amount is changed invalid, with or
/// without the forged KeyInfo content above.
#[test]
fn held_library_never_valid_for_a_changed_document() {
    let changed = signed_order().replace("<amount>1</amount>", "<amount>2</amount>");
    assert!(!library_valid(&changed));
    let forged = after(
        &changed,
        "<ds:X509Data>",
        &issuer_serial(SIGNER_ISSUER, SIGNER_SERIAL),
    );
    assert!(!library_valid(&forged));
    let java = JAVA_JSR105.replace("<amount>1</amount>", "<amount>2</amount>");
    assert!(!library_valid(&java));
}

/// The public modulus of another person's key (revoked.cer), base64.
const OTHER_MODULUS: &str = "yCr7a5pQYgHUKrXjZacFPRdmtfj+WlDqDX7ZiIYEJDY5M6denezmi2XD87bkRODEKbl8gQwTq3GsQPCQjBryNCzKm55AcFye3pKCUWf3wBP3TY9DZizJUC52Z8rrcGp38VJ0qnP8iHlV/3XHaJ/F4+z83WD69J4eTMbPTDdwJMi1Fmf39yXXVCrcPWnGYG/IxRiuS5/nsVLqxQv5oNDZfrw1QHRfFn/JFI5jaeTrWQAyNWFeBMQTHEwxmO6jekhNGoTi9bdrCdODCIHYFYWk77ogYjRGdiwJbWzzstjON45/s3BdR2taBr6VtUSpdMYRTOhsZWjN1i6ABLn1sCvaPQ==";

/// The JDK's XMLDSig (OpenJDK 17.0.15, JSR 105: `XMLSignatureFactory.getInstance("DOM")`,
/// enveloped `URI=""`, SHA-256, RSA-SHA256, inclusive C14N; KeyInfo
/// `newX509Data([subject.getName(), newX509IssuerSerial(issuer.getName(), serial), cert])`)
/// of `<order><amount>1</amount></order>` with `individual_sign.p12`, as written.
const JAVA_JSR105: &str = r##"<order><amount>1</amount><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>IomkjBZCYkHZPdX2bayIhV2fybHse6LKdyhXDOaHD88=</DigestValue></Reference></SignedInfo><SignatureValue>NQPGaKGjW63b8e4quYAAaoq/L0w4MYLZdsa21fDGdbJrjzBH5kQwZAlurVwXfCCnVJyRsydkpV8o&#13;
ZIkQalZp9aJBzcdbrAAeuK8/dtoFAYVDitl1GptXztwAenxqzlDoRQ8L7bt2QdZIzP55UXnHQs2J&#13;
Ecx+N9nWigVL4LPiH5OnPytlS17RAW3L0pzxd8npl9l7je80TpeSmsOTRlU+Wz7r4NF+AefUHFq4&#13;
+yzbFZUzGmeYiUCcY5FtoEPIy8hFSw9RAmK/4RC5BFnty4lXhd5j8hdUN8zJ+2HRCOGc5D7fDW5d&#13;
7gtNhuCdUSsB9U0r7SmQJJVExJFDqnwi2dJ5sA==</SignatureValue><KeyInfo><X509Data><X509SubjectName>1.2.840.113549.1.9.1=#16157465737440716f6c74616e62612e696e76616c6964,2.5.4.42=#0c10d0a2d095d0a1d0a2d09ed092d098d0a7,C=KZ,2.5.4.5=#130f49494e313233343536373839303131,2.5.4.4=#0c0cd0a2d095d0a1d0a2d09ed092,CN=ТЕСТОВ ТЕСТ</X509SubjectName><X509IssuerSerial><X509IssuerName>C=KZ,CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) QOLTANBA TEST</X509IssuerName><X509SerialNumber>632925351594157048950889114702195979219553762831</X509SerialNumber></X509IssuerSerial><X509Certificate>MIIFBjCCA+6gAwIBAgIUbt1atjpUqI/oQ+71A1AduQVUPg8wDQYJKoZIhvcNAQELBQAwYDFRME8G&#13;
A1UEAwxI0rDQm9Ci0KLQq9KaINCa0KPTmNCb0JDQndCU0KvQoNCj0KjQqyDQntCg0KLQkNCb0KvS&#13;
miAoUlNBKSBRT0xUQU5CQSBURVNUMQswCQYDVQQGEwJLWjAeFw0yNjAxMDEwMDAwMDBaFw0yNzAx&#13;
MDEwMDAwMDBaMIGfMR4wHAYDVQQDDBXQotCV0KHQotCe0JIg0KLQldCh0KIxFTATBgNVBAQMDNCi&#13;
0JXQodCi0J7QkjEYMBYGA1UEBRMPSUlOMTIzNDU2Nzg5MDExMQswCQYDVQQGEwJLWjEZMBcGA1UE&#13;
KgwQ0KLQldCh0KLQntCS0JjQpzEkMCIGCSqGSIb3DQEJARYVdGVzdEBxb2x0YW5iYS5pbnZhbGlk&#13;
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArw/ZzoPcT//mUX8Ye2mUjJRSmEtTCZAI&#13;
rb0aWmqY97hv8sf9rR3pQ1KWvZkDLpKjUSX687APvosI7dhF4aMBHFIX4K9P7NnyldS2ST4oc2mI&#13;
/msr+dE6ZLDc/P7Lpzr5X9YtIOsHXn2Ih3c7nCPDYaNYmnNmbRSXTsenCSlYGT4cAJhwE2+zC164&#13;
dZ80Fkp1ugIhYDxWyJrm732/6ZAYR8oLwRrdeADbCkcObFMwgDDRvieyn8M6AleoHKfHrEyZ1VNw&#13;
VF8rBbCebpZBYMZbx74KsGUoufZ4BIsScjue1KhurhyCrpyoZITw0JgPir5pe9dqPQfWpxP9ocT0&#13;
SVHK4QIDAQABo4IBdjCCAXIwDgYDVR0PAQH/BAQDAgbAMB0GA1UdJQQWMBQGCCsGAQUFBwMEBggq&#13;
gw4DAwQBATAUBgNVHSAEDTALMAkGByqDDgMDAgEwHQYDVR0OBBYEFN6u1ucKzzuYqKh8TfAjJ9GV&#13;
5HMFMB8GA1UdIwQYMBaAFIy92E9XmGfLIEMx7TuhE1vYIVoHMDkGA1UdHwQyMDAwLqAsoCqGKGh0&#13;
dHA6Ly90ZXN0LnFvbHRhbmJhLmludmFsaWQvbmNhX3JzYS5jcmwwcwYIKwYBBQUHAQEEZzBlMC0G&#13;
CCsGAQUFBzABhiFodHRwOi8vdGVzdC5xb2x0YW5iYS5pbnZhbGlkL29jc3AwNAYIKwYBBQUHMAKG&#13;
KGh0dHA6Ly90ZXN0LnFvbHRhbmJhLmludmFsaWQvbmNhX3JzYS5jZXIwOwYDVR0uBDQwMjAwoC6g&#13;
LIYqaHR0cDovL3Rlc3QucW9sdGFuYmEuaW52YWxpZC9uY2FfZF9yc2EuY3JsMA0GCSqGSIb3DQEB&#13;
CwUAA4IBAQCLZD04m0DLtHviq2vPG4420rCwZXVoOVPOgfFC22fUv2je24YvsRxKVukGrSpb0Td6&#13;
k4ue5zmaFCGJqd0VyEIXZJk0+3S7wPmSXgm6lL2AqUkBqQa8LkKqxF+KKX9Q+4zKtDpXnQs17uSL&#13;
DFSxRmTktkidYhecqNfhzMDaruhbOL8Qvp7BEyD13h4Ju3rfsgYZqP02TtnOWe7N0oRk6pSeDnHq&#13;
ksPNS6dsSEjsuhVRjZ3VFOF5iSvizleRIK6Ell342HXVyZEkq09JAzzIIC1kVBz7gLu2IsQInfxC&#13;
gnDq9C0E6bfqDxEkRgzM+VtMUEPDKyQqNE7QNomEHoJ+g+N9</X509Certificate></X509Data></KeyInfo></Signature></order>"##;
