//! Review 88 (hostile): the answer to review 87's findings 3 and 4. Reviewed: `d93650e`:
//! src/xmldsig/carried.rs `holds` (a schema of parents for XMLDSig 1.0 and XAdES 1.3.2/1.4.1),
//! `ONCE`, `holding`, `unsigned_content`; src/xmldsig/judge/signer.rs `stranger` (the signer's
//! certificate first in KeyInfo, every other of its path, `Verdict::path_fingerprints` set in
//! src/condition.rs); src/xmldsig/mod.rs (`verdict.carried`), as `/xml/verify` refuses it
//! (src/server/ncanode.rs `xml_answer`, `Covers::Whole`).
//!
//! Material: the RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered),
//! `individual_sign.p12` (password `Qwerty12`) and `legal_sign.p12` (the same), another
//! person's certificate (revoked.cer); two documents signed by xmlsec1 1.2.37 (OpenSSL) with
//! `individual_sign.key.pem` over the template `<order><amount>1</amount><Signature>…<KeyInfo>
//! <X509Data><X509IssuerSerial/><X509SubjectName/><X509Certificate/></X509Data></KeyInfo>`:
//! `xmlsec1 --sign --pkcs12 s.p12` (a PKCS#12 of the key, the signer's certificate, nca_rsa and
//! root, made by `openssl pkcs12 -export -certfile chain.pem`) and `xmlsec1 --sign
//! --privkey-pem key.pem,signer.pem,ca.pem`, pasted below as written (RSA PKCS#1 v1.5 is
//! deterministic); the service in process on loopback (tests/common/service.rs) judging at
//! 2026-11-23T00:00:00Z. The client the route is for reads the document it sent, by local
//! name, first in document order (`//X509Certificate`, `//X509SubjectName`), as reviews 86
//! and 87 took it.
//!
//! Findings:
//!
//! 1. (fixed) `xml_verify_accepts_xmlsec1_pkcs12_signature_with_its_chain` (was
//!    `defect_xml_verify_accepts_xmlsec1_pkcs12_signature_with_its_chain`) (false refusal):
//!    xmlsec1's own output for `--sign --pkcs12` of a PKCS#12 holding the signer's chain: its
//!    X509Data holds nca_rsa, root, then the signer's certificate (xmlsec1 writes the key's chain
//!    before the key's certificate). Observed: `/xml/verify` `valid: false`, "a signature carries a
//!    certificate first in <ds:KeyInfo>, not the signer's (serial 16EF…350C)"; the library
//!    (`xmldsig::verify`) and `/v1/verify` judge it valid. Expected: `valid: true`: every
//!    certificate of its KeyInfo is of the signer's path, and xmlsec1 is the reference XMLDSig tool
//!    (Kazakh integrators sign with it from a PKCS#12). Cause: src/xmldsig/judge/signer.rs:176
//!    (`path.contains` for all but the first): a path certificate is allowed anywhere but first.
//!    Fix: allow path certificates in any order (the signer's among them); what a client could take
//!    for the signer's is a certificate of another person, not one of the CAs that issued the
//!    signer's (a CA certificate names no signer: basicConstraints CA), so refuse only a
//!    certificate outside the path, wherever it stands.
//! 2. (fixed) `xml_verify_refuses_a_subject_name_or_issuer_serial_naming_another` (was
//!    `defect_xml_verify_refuses_a_subject_name_or_issuer_serial_naming_another`) (false VALID):
//!    the signed order (Kalkan's shape) given, first in its X509Data, a
//!    `<ds:X509SubjectName>CN=ИВАНОВ ИВАН,SERIALNUMBER=IIN999999999999,C=KZ` or a
//!    `<ds:X509IssuerSerial>` of another issuer and serial. Observed: `/xml/verify` `valid: true`
//!    for both; the document's first `X509SubjectName` (`X509IssuerName`, `X509SerialNumber`) names
//!    someone who did not sign, and no signature vouches for it. Expected: `valid: false` (an
//!    honest one, naming the signer's certificate, or empty as xmlsec1 leaves them, stays valid:
//!    `held_honest_key_info_shapes_stay_valid`). Cause: src/xmldsig/carried.rs:118-124 and :148-149
//!    take X509Data's value elements as structure whatever they say, and
//!    src/xmldsig/judge/signer.rs:25 reads only X509Certificate of an X509Data, so `stranger`
//!    (signer.rs:170) never sees them. Fix: on `Covers::Whole`, an X509SubjectName must equal the
//!    signer's subject (or a path certificate's), an X509IssuerSerial the issuer and serial, an
//!    X509SKI the subject key identifier of one of them, compared as names (RFC 4514 parsed) not
//!    text; else carried.
//! 3. (fixed) `xml_verify_refuses_a_stranger_in_xades_certificate_values` (was
//!    `defect_xml_verify_refuses_a_stranger_in_xades_certificate_values`) (false VALID): the
//!    XAdES-T sample (lxml) given `<xades:CertificateValues><xades:EncapsulatedX509Certificate>` of
//!    another person (revoked.cer, of neither the signer's path nor its time-stamp's) first in its
//!    UnsignedSignatureProperties (judged at 2026-12-01T00:00:00Z). Observed: `/xml/verify` `valid:
//!    true`. Expected: `valid: false`, as the same certificate in KeyInfo is refused (`stranger`):
//!    CertificateValues are the certificates the signature is validated with, a client building the
//!    signer's chain from them reads one nobody signed. Cause: src/xmldsig/carried.rs:200, 212 (any
//!    EncapsulatedX509Certificate is structure) and `stranger` (src/xmldsig/judge/signer.rs:170)
//!    looks at KeyInfo only. Fix: each EncapsulatedX509Certificate of CertificateValues (and of
//!    1.4.1's TimeStampValidationData) must be of the signer's path or of a judged time-stamp's.
//! 4. (fixed) `xml_verify_refuses_forged_complete_certificate_refs` (was
//!    `defect_xml_verify_refuses_forged_complete_certificate_refs`) (false VALID): the XAdES-T
//!    sample, its Object moved before its KeyInfo (still valid), its X509Data given the signer's
//!    own X509IssuerSerial (valid), its UnsignedSignatureProperties given a
//!    `xades:CompleteCertificateRefs/CertRefs/Cert` whose IssuerSerial names another certificate
//!    (`CN=Other CA,C=KZ`, serial 42, a CertDigest of no certificate). Observed: `/xml/verify`
//!    `valid: true`; the document's first `X509IssuerName` and `X509SerialNumber` are the forged
//!    ones, before the signer's. Expected: `valid: false`. Cause: src/xmldsig/carried.rs:183-190:
//!    CompleteCertificateRefs down to its ds:X509IssuerName and X509SerialNumber is structure
//!    whatever it names (nothing reads it); UnsignedProperties before SignedProperties is accepted
//!    too (XAdES's sequence). Fix: each Cert of CompleteCertificateRefs must name (digest, issuer,
//!    serial) a certificate of the signer's path or of a judged time-stamp's, else carried;
//!    UnsignedProperties only after SignedProperties.
//!
//! Held (`held_` tests): on `/xml/verify` honest KeyInfo shapes stay valid: Kalkan's (the signer's
//! certificate only), xmlsec1 `--privkey-pem key,signer,ca` (signer, nca_rsa, empty
//! X509IssuerSerial and X509SubjectName), the signer's certificate then nca_rsa and root, an
//! X509SubjectName and X509IssuerSerial that name the signer, the signer's ds:KeyValue, a SOAP envelope signed
//! whole whose KeyInfo names the signer's wsse:BinarySecurityToken by a SecurityTokenReference
//! (alone or after the X509Data), two signers (the second over the first), the signature moved to
//! the front of the document. `/v1/verify` judges the xmlsec1 PKCS#12 document and the signed order
//! valid; the library judges every document above valid (none is broken: KeyInfo is in no digest).
//! Refused: another person's certificate after the signer's, the second signer's KeyInfo with the
//! first signer's certificate first, CDATA text in an X509Data, a second SignatureValue, an element
//! in a foreign namespace named `X509Certificate` (default namespace redefined) in the X509Data.
//!
//! Not pursued: a `ds:KeyValue` with a key not the signer's (refused since review 90's finding 5;
//! a client reading a key from KeyInfo is rarer than one reading a name), `ds:KeyName`
//! (review 87 took it as harmless); non-XML whitespace (U+00A0, U+2003) as text of an
//! X509Data passes (`char::is_whitespace` in src/xmldsig/carried.rs:307), harmless; a CA
//! certificate re-issued with the same key (a KeyInfo carrying the other issue than the
//! trust store's would be refused by `stranger`: OpenSSL 3.0 here cannot back-date one, not
//! tried); a XAdES SignatureTimeStamp holding only an XMLTimeStamp, or an
//! EncapsulatedTimeStamp of no token, or nothing, is judged and fails (held, not asserted).

mod common;

use common::service::Service;
use common::xml_routes::*;
use serde_json::json;

const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

// --- defects ---------------------------------------------------------------------------

/// DEFECT (false refusal). Input: xmlsec1 1.2.37's output for `xmlsec1 --sign --pkcs12`
/// of a PKCS#12 holding the signer's key, its certificate, nca_rsa and root (pasted as
/// written): its X509Data holds nca_rsa, root, then the signer's certificate. Observed:
/// `/xml/verify` `valid: false`, "a certificate first in <ds:KeyInfo>, not the signer's"
/// (the library and `/v1/verify` judge it valid). Expected: `valid: true`: each certificate
/// of its KeyInfo is of the signer's path, none another person's. Cause:
/// src/xmldsig/judge/signer.rs:176: a path certificate is allowed anywhere but first. Fix:
/// path certificates (CA certificates, naming no signer) in any order; refuse only one
/// outside the path.
///
/// Found by review 88 (was a defect). Fixed: a certificate of the signer's path may stand anywhere
/// in KeyInfo; only one of no certificate the signature was judged with is refused
/// (`carried::mentions::stranger`)
#[test]
fn xml_verify_accepts_xmlsec1_pkcs12_signature_with_its_chain() {
    let s = service();
    let doc = XMLSEC1_PKCS12;
    assert!(library_valid(doc), "the library");
    let (st, a) = s.post("/v1/verify", &json!({ "xml": doc, "at": AT }).to_string());
    assert_eq!(
        (st, &a["verdict"]["verdict"]),
        (200, &json!("valid")),
        "{a}"
    );
    // The X509Data: nca_rsa, root, the signer's.
    let ca = cert_b64("nca_rsa.cer");
    let first: String = first_text(doc, "X509Certificate")
        .split_whitespace()
        .collect();
    assert_eq!(first, ca);
    let refused = not_valid(&s, &[("xmlsec1 --pkcs12", doc.to_string())]);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
}

/// DEFECT (false VALID). Input: the signed order given, first in its X509Data, a
/// `ds:X509SubjectName` naming another person, or a `ds:X509IssuerSerial` of another issuer
/// and serial. Observed: `/xml/verify` `valid: true`; the document's first X509SubjectName
/// (X509IssuerName, X509SerialNumber) names no signer, and no signature vouches for it.
/// Expected: `valid: false`. Cause: src/xmldsig/carried.rs:118-124, 148-149 (X509Data's
/// value elements are structure whatever they say); src/xmldsig/judge/signer.rs:25 reads
/// X509Certificate only, so `stranger` (signer.rs:170) never compares them. Fix: an
/// X509SubjectName, X509IssuerSerial, X509SKI must name the signer's certificate (or one of
/// its path), compared as names; empty ones (xmlsec1's template) stay.
///
/// Found by review 88 (was a defect). Fixed: an X509SubjectName, X509IssuerSerial or X509SKI must
/// name a certificate the signature was judged with (names compared as parsed RFC 4514 text,
/// `Name::matches_text`); empty ones stay
#[test]
fn xml_verify_refuses_a_subject_name_or_issuer_serial_naming_another() {
    let s = service();
    let honest = signed_order();
    let name = "CN=ИВАНОВ ИВАН,SERIALNUMBER=IIN999999999999,C=KZ";
    let subject = after(
        &honest,
        "<ds:X509Data>",
        &format!("<ds:X509SubjectName>{name}</ds:X509SubjectName>"),
    );
    assert_eq!(first_text(&subject, "X509SubjectName"), name);
    let issuer_serial = after(
        &honest,
        "<ds:X509Data>",
        "<ds:X509IssuerSerial><ds:X509IssuerName>CN=Other CA,C=KZ</ds:X509IssuerName>\
         <ds:X509SerialNumber>42</ds:X509SerialNumber></ds:X509IssuerSerial>",
    );
    assert_eq!(first_text(&issuer_serial, "X509SerialNumber"), "42");
    for d in [&subject, &issuer_serial] {
        assert!(library_valid(d), "the library: KeyInfo is in no digest");
    }
    let passed = not_refused(
        &s,
        &[
            ("an X509SubjectName of another person", subject),
            ("an X509IssuerSerial of another certificate", issuer_serial),
        ],
    );
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// The committed lxml XAdES-T sample (test-vectors/pki/xades).
fn xades_t() -> String {
    let path = common::pki("xades").join("xades_t.xml");
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

/// DEFECT (false VALID). Input: the XAdES-T sample given
/// `<xades:CertificateValues><xades:EncapsulatedX509Certificate>` of another person
/// (revoked.cer: neither of the signer's path nor of its time-stamp's) first in its
/// UnsignedSignatureProperties. Observed: `/xml/verify` `valid: true`. Expected: `valid:
/// false`, as for the same certificate in KeyInfo (`stranger`): XAdES-X-L's CertificateValues
/// are "the full set of certificates used to validate the signature", a client building
/// the signer's chain from them takes another person's certificate nobody signed. Cause:
/// src/xmldsig/carried.rs:200 (`CertificateValues` holds any EncapsulatedX509Certificate,
/// a value, line 212) and `stranger` (src/xmldsig/judge/signer.rs:170) looks at KeyInfo
/// only. Fix: each EncapsulatedX509Certificate of CertificateValues (and of 1.4.1's
/// TimeStampValidationData) must be of the signer's path or of a judged time-stamp's.
///
/// Found by review 88 (was a defect). Fixed: each EncapsulatedX509Certificate must be of the
/// signer's path or of a judged time-stamp's
#[test]
fn xml_verify_refuses_a_stranger_in_xades_certificate_values() {
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let sample = xades_t();
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &sample);
    assert_eq!((st, valid), (200, json!(true)), "the XAdES-T sample: {a}");
    let other = cert_b64("revoked.cer");
    let values = format!(
        "<xades:CertificateValues><xades:EncapsulatedX509Certificate>{other}\
         </xades:EncapsulatedX509Certificate></xades:CertificateValues>"
    );
    let forged = after(&sample, "<xades:UnsignedSignatureProperties>", &values);
    assert_eq!(first_text(&forged, "EncapsulatedX509Certificate"), other);
    let passed = not_refused(&x, &[("another person in CertificateValues", forged)]);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// The signer's (individual_sign.cer) RSA modulus, base64 (`openssl x509 -noout -modulus`):
/// a KeyValue must hold the signer's key since review 90.
const SIGNER_MODULUS: &str = "rw/ZzoPcT//mUX8Ye2mUjJRSmEtTCZAIrb0aWmqY97hv8sf9rR3pQ1KWvZkDLpKjUSX687APvosI7dhF4aMBHFIX4K9P7NnyldS2ST4oc2mI/msr+dE6ZLDc/P7Lpzr5X9YtIOsHXn2Ih3c7nCPDYaNYmnNmbRSXTsenCSlYGT4cAJhwE2+zC164dZ80Fkp1ugIhYDxWyJrm732/6ZAYR8oLwRrdeADbCkcObFMwgDDRvieyn8M6AleoHKfHrEyZ1VNwVF8rBbCebpZBYMZbx74KsGUoufZ4BIsScjue1KhurhyCrpyoZITw0JgPir5pe9dqPQfWpxP9ocT0SVHK4Q==";

/// The signer's (individual_sign.cer) serial number, in decimal.
const SIGNER_SERIAL: &str = "632925351594157048950889114702195979219553762831";

/// DEFECT (false VALID). Input: the XAdES-T sample, its Object moved before its KeyInfo
/// (still valid, review 87), its X509Data given the signer's own X509IssuerSerial (as
/// WSS4J and xmlsec1 write it), its UnsignedSignatureProperties given a
/// `xades:CompleteCertificateRefs/CertRefs/Cert` whose IssuerSerial names another
/// certificate (`CN=Other CA`, serial 42, a CertDigest of no certificate). Observed:
/// `/xml/verify` `valid: true`; the document's first `X509IssuerName` and
/// `X509SerialNumber` are the forged ones, before the signer's. Expected: `valid: false`.
/// Cause: src/xmldsig/carried.rs:183-190 (CompleteCertificateRefs, CertRefs, Cert,
/// IssuerSerial with ds:X509IssuerName and X509SerialNumber are structure whatever they
/// name; nothing reads them); the unsigned properties may also stand before the signed ones
/// (`UnsignedProperties` first in QualifyingProperties is valid too, against XAdES's
/// sequence). Fix: each Cert of CompleteCertificateRefs must name (digest, issuer and
/// serial) a certificate of the signer's path or of a judged time-stamp's, else carried;
/// UnsignedProperties after SignedProperties.
///
/// Found by review 88 (was a defect). Fixed: each Cert's CertDigest and IssuerSerial of
/// CompleteCertificateRefs must name a certificate the signature was judged with;
/// UnsignedProperties before SignedProperties is refused
#[test]
fn xml_verify_refuses_forged_complete_certificate_refs() {
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let k = bundle();
    let sample = xades_t();
    let open = sample.find("<ds:Object>").unwrap();
    let close = sample.find("</ds:Object>").unwrap() + "</ds:Object>".len();
    let object = sample[open..close].to_string();
    let mut moved = sample.clone();
    moved.replace_range(open..close, "");
    let moved = before(&moved, "<ds:KeyInfo", &object);
    let own = format!(
        "<ds:X509IssuerSerial><ds:X509IssuerName>{}</ds:X509IssuerName>\
         <ds:X509SerialNumber>{SIGNER_SERIAL}</ds:X509SerialNumber></ds:X509IssuerSerial>",
        k.certificate.issuer()
    );
    let honest = after(&moved, "<ds:X509Data>", &own);
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &honest);
    assert_eq!(
        (st, valid),
        (200, json!(true)),
        "Object first, own IssuerSerial: {a}"
    );
    let refs = "<xades:CompleteCertificateRefs><xades:CertRefs><xades:Cert><xades:CertDigest>\
                <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
                <ds:DigestValue>AA==</ds:DigestValue></xades:CertDigest><xades:IssuerSerial>\
                <ds:X509IssuerName>CN=Other CA,C=KZ</ds:X509IssuerName>\
                <ds:X509SerialNumber>42</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert>\
                </xades:CertRefs></xades:CompleteCertificateRefs>";
    let forged = after(&honest, "<xades:UnsignedSignatureProperties>", refs);
    assert_eq!(first_text(&forged, "X509SerialNumber"), "42");
    assert_eq!(first_text(&forged, "X509IssuerName"), "CN=Other CA,C=KZ");
    let passed = not_refused(&x, &[("a forged CompleteCertificateRefs", forged)]);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

// --- held ------------------------------------------------------------------------------

/// A SOAP 1.1 envelope holding the signer's certificate as a wsse:BinarySecurityToken
/// (`wsu:Id="tok"`) in its Security header, signed whole by `sign_with`.
fn envelope_signed_whole() -> String {
    let k = bundle();
    let env = format!(
        "<s:Envelope xmlns:s=\"{SOAP11}\"><s:Header><wsse:Security xmlns:wsse=\"{WSSE}\" \
         xmlns:wsu=\"{WSU}\"><wsse:BinarySecurityToken wsu:Id=\"tok\">{}\
         </wsse:BinarySecurityToken></wsse:Security></s:Header><s:Body><pay>1</pay></s:Body>\
         </s:Envelope>",
        b64(k.certificate.der())
    );
    signed_by(&k, env.as_bytes())
}

/// HELD: honest KeyInfo shapes stay valid on `/xml/verify` (and in the library): Kalkan's;
/// xmlsec1 `--privkey-pem key,signer,ca` (signer, nca_rsa, empty X509IssuerSerial and
/// X509SubjectName); the signer's certificate then nca_rsa and root; an X509SubjectName and
/// X509IssuerSerial naming the signer; the signer's ds:KeyValue; a SOAP envelope signed whole whose
/// KeyInfo names the signer's BinarySecurityToken (alone, or after the X509Data); two
/// signers; the signature moved to the front. `/v1/verify` judges the xmlsec1 PKCS#12
/// document and the signed order valid.
#[test]
fn held_honest_key_info_shapes_stay_valid() {
    let s = service();
    let k = bundle();
    let honest = signed_order();
    let ca = cert_b64("nca_rsa.cer");
    let root = cert_b64("root.cer");
    let token = format!(
        "<wsse:SecurityTokenReference xmlns:wsse=\"{WSSE}\"><wsse:Reference URI=\"#tok\"/>\
         </wsse:SecurityTokenReference>"
    );
    let env = envelope_signed_whole();
    let open = env.find("<ds:KeyInfo>").unwrap();
    let close = env.find("</ds:KeyInfo>").unwrap() + "</ds:KeyInfo>".len();
    let mut token_only = env.clone();
    token_only.replace_range(open..close, &format!("<ds:KeyInfo>{token}</ds:KeyInfo>"));
    let sig_open = honest.find("<ds:Signature").unwrap();
    let sig_close = honest.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let mut front = honest.clone();
    let signature = front[sig_open..sig_close].to_string();
    front.replace_range(sig_open..sig_close, "");
    let front = after(&front, "<order>", &signature);
    let own_names = format!(
        "<ds:X509SubjectName>{}</ds:X509SubjectName><ds:X509IssuerSerial>\
         <ds:X509IssuerName>{}</ds:X509IssuerName><ds:X509SerialNumber>\
         632925351594157048950889114702195979219553762831</ds:X509SerialNumber>\
         </ds:X509IssuerSerial>",
        k.certificate.subject(),
        k.certificate.issuer()
    );
    let docs = [
        ("Kalkan's shape", honest.clone()),
        (
            "xmlsec1 --privkey-pem key,signer,ca",
            XMLSEC1_PEM_CHAIN.to_string(),
        ),
        (
            "the signer's, nca_rsa, root",
            before(
                &honest,
                "</ds:X509Data>",
                &format!(
                    "<ds:X509Certificate>{ca}</ds:X509Certificate>\
                     <ds:X509Certificate>{root}</ds:X509Certificate>"
                ),
            ),
        ),
        (
            "the signer's own names",
            after(&honest, "<ds:X509Data>", &own_names),
        ),
        (
            "a KeyValue",
            after(
                &honest,
                "<ds:KeyInfo>",
                &format!(
                    "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{SIGNER_MODULUS}</ds:Modulus>\
                     <ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>"
                ),
            ),
        ),
        ("an envelope signed whole", env.clone()),
        ("a token reference alone", token_only),
        (
            "a token reference after the X509Data",
            after(&env, "</ds:X509Data>", &token),
        ),
        ("two signers", signed_by(&legal(), honest.as_bytes())),
        ("the signature first", front),
    ];
    for (label, doc) in &docs {
        assert!(library_valid(doc), "{label}: the library");
    }
    let refused = not_valid(&s, &docs);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
    for doc in [XMLSEC1_PKCS12, honest.as_str()] {
        let (st, a) = s.post("/v1/verify", &json!({ "xml": doc, "at": AT }).to_string());
        assert_eq!(
            (st, &a["verdict"]["verdict"]),
            (200, &json!("valid")),
            "{a}"
        );
    }
}

/// HELD: refused on `/xml/verify`: another person's certificate after the signer's; the second
/// signer's KeyInfo with the first signer's certificate first; CDATA text in an X509Data; a second
/// SignatureValue; an element of another namespace named X509Certificate (the default namespace
/// redefined) in the X509Data. (nca_rsa before the signer's certificate was held refused here; the
/// fix of finding 1 takes it, as xmlsec1 writes it: of the signer's path, it names no signer.)
#[test]
fn held_key_info_strangers_are_refused() {
    let s = service();
    let k = bundle();
    let honest = signed_order();
    let ca = cert_b64("nca_rsa.cer");
    let other = cert_b64("revoked.cer");
    let both = signed_by(&legal(), honest.as_bytes());
    let at = both.rfind("<ds:X509Data>").unwrap() + "<ds:X509Data>".len();
    let mut first_signers = both.clone();
    first_signers.insert_str(
        at,
        &format!(
            "<ds:X509Certificate>{}</ds:X509Certificate>",
            b64(k.certificate.der())
        ),
    );
    // nca_rsa first is of the signer's path: valid since finding 1 (xmlsec1 writes the
    // chain first; a CA's certificate names no signer).
    let ca_first = after(
        &honest,
        "<ds:X509Data>",
        &format!("<ds:X509Certificate>{ca}</ds:X509Certificate>"),
    );
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &ca_first);
    assert_eq!((st, valid), (200, json!(true)), "nca_rsa first: {a}");
    let docs = [
        (
            "another person's after the signer's",
            before(
                &honest,
                "</ds:X509Data>",
                &format!("<ds:X509Certificate>{other}</ds:X509Certificate>"),
            ),
        ),
        ("the first signer's in the second's KeyInfo", first_signers),
        (
            "CDATA in X509Data",
            after(&honest, "<ds:X509Data>", "<![CDATA[amount=1000000]]>"),
        ),
        (
            "a second SignatureValue",
            before(
                &honest,
                "<ds:KeyInfo",
                "<ds:SignatureValue>AA==</ds:SignatureValue>",
            ),
        ),
        (
            "X509Certificate of another namespace",
            after(
                &honest,
                "<ds:X509Data>",
                &format!("<X509Certificate xmlns=\"urn:x\">{other}</X509Certificate>"),
            ),
        ),
    ];
    let passed = not_refused(&s, &docs);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

// --- xmlsec1's documents ---------------------------------------------------------------

/// `xmlsec1 --sign --pkcs12 s.p12 --pwd x` (xmlsec1 1.2.37, OpenSSL 3.0) of the template in
/// the module doc; s.p12 holds individual_sign.key.pem, individual_sign.cer, nca_rsa, root.
const XMLSEC1_PKCS12: &str = r#"<?xml version="1.0"?>
<order><amount>1</amount><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>IomkjBZCYkHZPdX2bayIhV2fybHse6LKdyhXDOaHD88=</DigestValue></Reference></SignedInfo><SignatureValue>NQPGaKGjW63b8e4quYAAaoq/L0w4MYLZdsa21fDGdbJrjzBH5kQwZAlurVwXfCCn
VJyRsydkpV8oZIkQalZp9aJBzcdbrAAeuK8/dtoFAYVDitl1GptXztwAenxqzlDo
RQ8L7bt2QdZIzP55UXnHQs2JEcx+N9nWigVL4LPiH5OnPytlS17RAW3L0pzxd8np
l9l7je80TpeSmsOTRlU+Wz7r4NF+AefUHFq4+yzbFZUzGmeYiUCcY5FtoEPIy8hF
Sw9RAmK/4RC5BFnty4lXhd5j8hdUN8zJ+2HRCOGc5D7fDW5d7gtNhuCdUSsB9U0r
7SmQJJVExJFDqnwi2dJ5sA==</SignatureValue><KeyInfo><X509Data><X509IssuerSerial/><X509SubjectName/><X509Certificate>MIIEijCCAvKgAwIBAgIUFu9mu51Tp//RVoimO9DLYQqZNQwwDQYJKoZIhvcNAQEL
BQAwYjFTMFEGA1UEAwxK0J3QldCT0IbQl9CT0IYg0JrQo9OY0JvQkNCd0JTQq9Cg
0KPQqNCrINCe0KDQotCQ0JvQq9KaIChSU0EpIFFPTFRBTkJBIFRFU1QxCzAJBgNV
BAYTAktaMB4XDTI0MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFowYDFRME8GA1UE
AwxI0rDQm9Ci0KLQq9KaINCa0KPTmNCb0JDQndCU0KvQoNCj0KjQqyDQntCg0KLQ
kNCb0KvSmiAoUlNBKSBRT0xUQU5CQSBURVNUMQswCQYDVQQGEwJLWjCCASIwDQYJ
KoZIhvcNAQEBBQADggEPADCCAQoCggEBALjd56dLRHkaIWulnw+mTOFlWJ2mPMyi
CO4DzDn0VZsITseSOVnljEiQDPUDLsTGyDMJgF22KXi/EKJSqxC30KTQG1o2+d7m
nn5GAO7wkg8UjhrJkM9/xiJc/7OdQPLbXccS9fAd5aXxm0aXmBG37OvOO1X7thjv
1kSZ5pgSzV89eWJHWB9VxdpfH1dNZtUJkGQhDF3iQZHiR4+8ZRJZez9uyODAO5sF
9oannmwjgl7J2pR884heKZlRuNVd4l35ywb8W0EKfx/payrtKX58drFtTfCxEWZH
sA465qhRjFaB06TIgzw5tPtpNY9ibcSqSjA4z37Hx3o5i2qskoZA50cCAwEAAaOB
uTCBtjASBgNVHRMBAf8ECDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIBBjAdBgNVHQ4E
FgQUjL3YT1eYZ8sgQzHtO6ETW9ghWgcwHwYDVR0jBBgwFoAUc94tCkzVE8A2qg2y
FJ2sZQEyc70wFAYDVR0gBA0wCzAJBgcqgw4DAwIBMDoGA1UdHwQzMDEwL6AtoCuG
KWh0dHA6Ly90ZXN0LnFvbHRhbmJhLmludmFsaWQvcm9vdF9yc2EuY3JsMA0GCSqG
SIb3DQEBCwUAA4IBgQCuKK1BXnCjGrk6yCRVCz2oxgV+Bvd1QVQ8WYzGjBWr7LM2
WtddzEbYU0o7lN8c4UJ/ojQ8shSCyx4gXcIZidzsP3qqZTO8pN/cSBy+FKRndyxY
/fPXDi53XtAZJTJERz+d5naWaN3Fhp0ZbEM4AZUhdcxvv8eQ8vDbdCfF+31H0cw1
K9PEqEEcRlpDvppwEWEQvePXVJy3YXcKeX7COth72v6HoRglbOg6nyhSxV6gO0Ad
O1brESEoNR59clOzTo7PIVmZLxQCXZpiriUxMBIeImBLFnWi+88W8uhf+FgL+uh7
VBMV6sguYhujJT64KLf7uX9Cd/vaSUn5oNgjJxV7uDJTtVqWpB6X1f0fD9smyBlW
p/qESpIaVKmALl3qeUZa+FvbDg+NebL1sEZQ0/GoUJEm0uvr+ZQUWnWwIfbMH4yj
4U7PZAcsmMxqomYbc44yl7w+TMXk0fYU4DkzSAAVsfZBFttxTX18y40nuAH7KZPS
aX86XZ/I8Ceh2x56xPI=
</X509Certificate>
<X509Certificate>MIIElDCCAvygAwIBAgIUFCkKeD9lXYR/Lq9ccvaT5mkiYdowDQYJKoZIhvcNAQEL
BQAwYjFTMFEGA1UEAwxK0J3QldCT0IbQl9CT0IYg0JrQo9OY0JvQkNCd0JTQq9Cg
0KPQqNCrINCe0KDQotCQ0JvQq9KaIChSU0EpIFFPTFRBTkJBIFRFU1QxCzAJBgNV
BAYTAktaMB4XDTI0MDEwMTAwMDAwMFoXDTQ0MDEwMTAwMDAwMFowYjFTMFEGA1UE
AwxK0J3QldCT0IbQl9CT0IYg0JrQo9OY0JvQkNCd0JTQq9Cg0KPQqNCrINCe0KDQ
otCQ0JvQq9KaIChSU0EpIFFPTFRBTkJBIFRFU1QxCzAJBgNVBAYTAktaMIIBojAN
BgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEAyBYmI1MtkMT+Vdkd1iRtc1tc1zMR
ZU3AmfTpVbjAFo+GJFNDnvIr+kIglIYVXLOoBQNqE937aXRLbswxgEeCbUT2DUOo
bJIi8xkPxPIJKZLNX+1IQk7Lc373kVizuFyu4a1XTmsvpRHJXFyJyrCTQg4mhZ2h
+DDFFHEQtqrL8Fb0ANpMU4o0kstu2KPcpY1vbY46NnsqIAGX830+Ii/RTEiuMJmg
Cq2EgMbLbyZNH/4JUHAi83ZNQGysOwClHgILSkgJWIZDhWfyJ1VLVzHlc2E7+HDq
e0Wu6UD6SWL2E4yG1AEP0pviuTQ4jsjydJTb9Gi+/nCvJNct3krs5/bCdgZPyhL7
0WFDpjnyw7OGUjJaiIdrLCUbok6MpnLQGmle+lGLhTv/GepCZarXolWSFhHvnMbw
IRQ+rVra5gfG0HGevEyWvmJDO0ZnPi5329MRTTHW19Exdbg1eQL9IhVgUPq8u9Ox
m8eeGHRyjKOIZC6ogSRFXUQD4IMt65a+r1y3AgMBAAGjQjBAMA8GA1UdEwEB/wQF
MAMBAf8wDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBRz3i0KTNUTwDaqDbIUnaxl
ATJzvTANBgkqhkiG9w0BAQsFAAOCAYEArREMn5Z08F4W04afYxAd26+eQl2O36i+
oKyVK0/EQlWLVC0S/Gnl8+rPYoBWQTv0EZvyinxR+C0ki9TRbH4iUNPNqsuCkuZm
VgnnCaJtcGGhKIJRU7Zle31huuuoEDi1qBUd5f0eIIocOoJRYCiXrqB4kU40q84l
CSRFVLBJ3t86JK8/o2WP47vV/Y2O+LimLS9HMYWKU3Py6I6rV6zAAjqPbA58jioN
fd2+jaZHP36Y7K99GS+YSY1iWuTTxkd/r1JEHoSn5/vMzHpaVmmyX4as8vHO3v60
8+Ojfu8izYfV5pvztrpW2UPZskFUoRZfhAGKI26RcuL38kQTY3pz4QXG8QgDrVf4
wS2vEQh4etKpEyxAbMeEiqPy4gOy+3H+PIM4EUV+ZINoQY3LfVFPYj/Fv0EI3jec
gO4jwhWyojYh2Ps0XHGC23XSk+4FEVTiYQHpUbUAAPG4LJGMOmV2G3SFcP2vVBgR
NC2n8TjHmJURRSqK2MzxV0DoQ8nBEjvW
</X509Certificate>
<X509Certificate>MIIFBjCCA+6gAwIBAgIUbt1atjpUqI/oQ+71A1AduQVUPg8wDQYJKoZIhvcNAQEL
BQAwYDFRME8GA1UEAwxI0rDQm9Ci0KLQq9KaINCa0KPTmNCb0JDQndCU0KvQoNCj
0KjQqyDQntCg0KLQkNCb0KvSmiAoUlNBKSBRT0xUQU5CQSBURVNUMQswCQYDVQQG
EwJLWjAeFw0yNjAxMDEwMDAwMDBaFw0yNzAxMDEwMDAwMDBaMIGfMR4wHAYDVQQD
DBXQotCV0KHQotCe0JIg0KLQldCh0KIxFTATBgNVBAQMDNCi0JXQodCi0J7QkjEY
MBYGA1UEBRMPSUlOMTIzNDU2Nzg5MDExMQswCQYDVQQGEwJLWjEZMBcGA1UEKgwQ
0KLQldCh0KLQntCS0JjQpzEkMCIGCSqGSIb3DQEJARYVdGVzdEBxb2x0YW5iYS5p
bnZhbGlkMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArw/ZzoPcT//m
UX8Ye2mUjJRSmEtTCZAIrb0aWmqY97hv8sf9rR3pQ1KWvZkDLpKjUSX687APvosI
7dhF4aMBHFIX4K9P7NnyldS2ST4oc2mI/msr+dE6ZLDc/P7Lpzr5X9YtIOsHXn2I
h3c7nCPDYaNYmnNmbRSXTsenCSlYGT4cAJhwE2+zC164dZ80Fkp1ugIhYDxWyJrm
732/6ZAYR8oLwRrdeADbCkcObFMwgDDRvieyn8M6AleoHKfHrEyZ1VNwVF8rBbCe
bpZBYMZbx74KsGUoufZ4BIsScjue1KhurhyCrpyoZITw0JgPir5pe9dqPQfWpxP9
ocT0SVHK4QIDAQABo4IBdjCCAXIwDgYDVR0PAQH/BAQDAgbAMB0GA1UdJQQWMBQG
CCsGAQUFBwMEBggqgw4DAwQBATAUBgNVHSAEDTALMAkGByqDDgMDAgEwHQYDVR0O
BBYEFN6u1ucKzzuYqKh8TfAjJ9GV5HMFMB8GA1UdIwQYMBaAFIy92E9XmGfLIEMx
7TuhE1vYIVoHMDkGA1UdHwQyMDAwLqAsoCqGKGh0dHA6Ly90ZXN0LnFvbHRhbmJh
LmludmFsaWQvbmNhX3JzYS5jcmwwcwYIKwYBBQUHAQEEZzBlMC0GCCsGAQUFBzAB
hiFodHRwOi8vdGVzdC5xb2x0YW5iYS5pbnZhbGlkL29jc3AwNAYIKwYBBQUHMAKG
KGh0dHA6Ly90ZXN0LnFvbHRhbmJhLmludmFsaWQvbmNhX3JzYS5jZXIwOwYDVR0u
BDQwMjAwoC6gLIYqaHR0cDovL3Rlc3QucW9sdGFuYmEuaW52YWxpZC9uY2FfZF9y
c2EuY3JsMA0GCSqGSIb3DQEBCwUAA4IBAQCLZD04m0DLtHviq2vPG4420rCwZXVo
OVPOgfFC22fUv2je24YvsRxKVukGrSpb0Td6k4ue5zmaFCGJqd0VyEIXZJk0+3S7
wPmSXgm6lL2AqUkBqQa8LkKqxF+KKX9Q+4zKtDpXnQs17uSLDFSxRmTktkidYhec
qNfhzMDaruhbOL8Qvp7BEyD13h4Ju3rfsgYZqP02TtnOWe7N0oRk6pSeDnHqksPN
S6dsSEjsuhVRjZ3VFOF5iSvizleRIK6Ell342HXVyZEkq09JAzzIIC1kVBz7gLu2
IsQInfxCgnDq9C0E6bfqDxEkRgzM+VtMUEPDKyQqNE7QNomEHoJ+g+N9
</X509Certificate></X509Data></KeyInfo></Signature></order>"#;

/// `xmlsec1 --sign --privkey-pem individual_sign.key.pem,signer.pem,ca.pem` of the same
/// template.
const XMLSEC1_PEM_CHAIN: &str = r#"<?xml version="1.0"?>
<order><amount>1</amount><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue>IomkjBZCYkHZPdX2bayIhV2fybHse6LKdyhXDOaHD88=</DigestValue></Reference></SignedInfo><SignatureValue>NQPGaKGjW63b8e4quYAAaoq/L0w4MYLZdsa21fDGdbJrjzBH5kQwZAlurVwXfCCn
VJyRsydkpV8oZIkQalZp9aJBzcdbrAAeuK8/dtoFAYVDitl1GptXztwAenxqzlDo
RQ8L7bt2QdZIzP55UXnHQs2JEcx+N9nWigVL4LPiH5OnPytlS17RAW3L0pzxd8np
l9l7je80TpeSmsOTRlU+Wz7r4NF+AefUHFq4+yzbFZUzGmeYiUCcY5FtoEPIy8hF
Sw9RAmK/4RC5BFnty4lXhd5j8hdUN8zJ+2HRCOGc5D7fDW5d7gtNhuCdUSsB9U0r
7SmQJJVExJFDqnwi2dJ5sA==</SignatureValue><KeyInfo><X509Data><X509IssuerSerial/><X509SubjectName/><X509Certificate>MIIFBjCCA+6gAwIBAgIUbt1atjpUqI/oQ+71A1AduQVUPg8wDQYJKoZIhvcNAQEL
BQAwYDFRME8GA1UEAwxI0rDQm9Ci0KLQq9KaINCa0KPTmNCb0JDQndCU0KvQoNCj
0KjQqyDQntCg0KLQkNCb0KvSmiAoUlNBKSBRT0xUQU5CQSBURVNUMQswCQYDVQQG
EwJLWjAeFw0yNjAxMDEwMDAwMDBaFw0yNzAxMDEwMDAwMDBaMIGfMR4wHAYDVQQD
DBXQotCV0KHQotCe0JIg0KLQldCh0KIxFTATBgNVBAQMDNCi0JXQodCi0J7QkjEY
MBYGA1UEBRMPSUlOMTIzNDU2Nzg5MDExMQswCQYDVQQGEwJLWjEZMBcGA1UEKgwQ
0KLQldCh0KLQntCS0JjQpzEkMCIGCSqGSIb3DQEJARYVdGVzdEBxb2x0YW5iYS5p
bnZhbGlkMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArw/ZzoPcT//m
UX8Ye2mUjJRSmEtTCZAIrb0aWmqY97hv8sf9rR3pQ1KWvZkDLpKjUSX687APvosI
7dhF4aMBHFIX4K9P7NnyldS2ST4oc2mI/msr+dE6ZLDc/P7Lpzr5X9YtIOsHXn2I
h3c7nCPDYaNYmnNmbRSXTsenCSlYGT4cAJhwE2+zC164dZ80Fkp1ugIhYDxWyJrm
732/6ZAYR8oLwRrdeADbCkcObFMwgDDRvieyn8M6AleoHKfHrEyZ1VNwVF8rBbCe
bpZBYMZbx74KsGUoufZ4BIsScjue1KhurhyCrpyoZITw0JgPir5pe9dqPQfWpxP9
ocT0SVHK4QIDAQABo4IBdjCCAXIwDgYDVR0PAQH/BAQDAgbAMB0GA1UdJQQWMBQG
CCsGAQUFBwMEBggqgw4DAwQBATAUBgNVHSAEDTALMAkGByqDDgMDAgEwHQYDVR0O
BBYEFN6u1ucKzzuYqKh8TfAjJ9GV5HMFMB8GA1UdIwQYMBaAFIy92E9XmGfLIEMx
7TuhE1vYIVoHMDkGA1UdHwQyMDAwLqAsoCqGKGh0dHA6Ly90ZXN0LnFvbHRhbmJh
LmludmFsaWQvbmNhX3JzYS5jcmwwcwYIKwYBBQUHAQEEZzBlMC0GCCsGAQUFBzAB
hiFodHRwOi8vdGVzdC5xb2x0YW5iYS5pbnZhbGlkL29jc3AwNAYIKwYBBQUHMAKG
KGh0dHA6Ly90ZXN0LnFvbHRhbmJhLmludmFsaWQvbmNhX3JzYS5jZXIwOwYDVR0u
BDQwMjAwoC6gLIYqaHR0cDovL3Rlc3QucW9sdGFuYmEuaW52YWxpZC9uY2FfZF9y
c2EuY3JsMA0GCSqGSIb3DQEBCwUAA4IBAQCLZD04m0DLtHviq2vPG4420rCwZXVo
OVPOgfFC22fUv2je24YvsRxKVukGrSpb0Td6k4ue5zmaFCGJqd0VyEIXZJk0+3S7
wPmSXgm6lL2AqUkBqQa8LkKqxF+KKX9Q+4zKtDpXnQs17uSLDFSxRmTktkidYhec
qNfhzMDaruhbOL8Qvp7BEyD13h4Ju3rfsgYZqP02TtnOWe7N0oRk6pSeDnHqksPN
S6dsSEjsuhVRjZ3VFOF5iSvizleRIK6Ell342HXVyZEkq09JAzzIIC1kVBz7gLu2
IsQInfxCgnDq9C0E6bfqDxEkRgzM+VtMUEPDKyQqNE7QNomEHoJ+g+N9
</X509Certificate>
<X509Certificate>MIIEijCCAvKgAwIBAgIUFu9mu51Tp//RVoimO9DLYQqZNQwwDQYJKoZIhvcNAQEL
BQAwYjFTMFEGA1UEAwxK0J3QldCT0IbQl9CT0IYg0JrQo9OY0JvQkNCd0JTQq9Cg
0KPQqNCrINCe0KDQotCQ0JvQq9KaIChSU0EpIFFPTFRBTkJBIFRFU1QxCzAJBgNV
BAYTAktaMB4XDTI0MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFowYDFRME8GA1UE
AwxI0rDQm9Ci0KLQq9KaINCa0KPTmNCb0JDQndCU0KvQoNCj0KjQqyDQntCg0KLQ
kNCb0KvSmiAoUlNBKSBRT0xUQU5CQSBURVNUMQswCQYDVQQGEwJLWjCCASIwDQYJ
KoZIhvcNAQEBBQADggEPADCCAQoCggEBALjd56dLRHkaIWulnw+mTOFlWJ2mPMyi
CO4DzDn0VZsITseSOVnljEiQDPUDLsTGyDMJgF22KXi/EKJSqxC30KTQG1o2+d7m
nn5GAO7wkg8UjhrJkM9/xiJc/7OdQPLbXccS9fAd5aXxm0aXmBG37OvOO1X7thjv
1kSZ5pgSzV89eWJHWB9VxdpfH1dNZtUJkGQhDF3iQZHiR4+8ZRJZez9uyODAO5sF
9oannmwjgl7J2pR884heKZlRuNVd4l35ywb8W0EKfx/payrtKX58drFtTfCxEWZH
sA465qhRjFaB06TIgzw5tPtpNY9ibcSqSjA4z37Hx3o5i2qskoZA50cCAwEAAaOB
uTCBtjASBgNVHRMBAf8ECDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIBBjAdBgNVHQ4E
FgQUjL3YT1eYZ8sgQzHtO6ETW9ghWgcwHwYDVR0jBBgwFoAUc94tCkzVE8A2qg2y
FJ2sZQEyc70wFAYDVR0gBA0wCzAJBgcqgw4DAwIBMDoGA1UdHwQzMDEwL6AtoCuG
KWh0dHA6Ly90ZXN0LnFvbHRhbmJhLmludmFsaWQvcm9vdF9yc2EuY3JsMA0GCSqG
SIb3DQEBCwUAA4IBgQCuKK1BXnCjGrk6yCRVCz2oxgV+Bvd1QVQ8WYzGjBWr7LM2
WtddzEbYU0o7lN8c4UJ/ojQ8shSCyx4gXcIZidzsP3qqZTO8pN/cSBy+FKRndyxY
/fPXDi53XtAZJTJERz+d5naWaN3Fhp0ZbEM4AZUhdcxvv8eQ8vDbdCfF+31H0cw1
K9PEqEEcRlpDvppwEWEQvePXVJy3YXcKeX7COth72v6HoRglbOg6nyhSxV6gO0Ad
O1brESEoNR59clOzTo7PIVmZLxQCXZpiriUxMBIeImBLFnWi+88W8uhf+FgL+uh7
VBMV6sguYhujJT64KLf7uX9Cd/vaSUn5oNgjJxV7uDJTtVqWpB6X1f0fD9smyBlW
p/qESpIaVKmALl3qeUZa+FvbDg+NebL1sEZQ0/GoUJEm0uvr+ZQUWnWwIfbMH4yj
4U7PZAcsmMxqomYbc44yl7w+TMXk0fYU4DkzSAAVsfZBFttxTX18y40nuAH7KZPS
aX86XZ/I8Ceh2x56xPI=
</X509Certificate></X509Data></KeyInfo></Signature></order>"#;
