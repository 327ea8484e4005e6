//! Review 83 (hostile): the service (`qoltanba serve`, src/server/) against its promise
//! that NCANode's routes answer `valid: true` only where the library proves what a client
//! of NCANode takes that answer to mean. Reviewed: src/server/ncanode.rs (`xml_answer`,
//! `cms_verify`, `pdf_verify`), src/server/signing.rs (`cms_extract`, the key routes),
//! src/xmldsig/soap.rs (`soap_body`), the XML verdict's coverage
//! (src/xmldsig/verdict.rs, `verified_octets`).
//!
//! Material: the RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered, its
//! current CRL: revoked.cer revoked), `individual_sign.p12` (password `Qwerty12`),
//! test-vectors/pdf/classic.pdf; the service in process on loopback
//! (tests/common/service.rs), judging at 2026-11-23T00:00:00Z. Documents are signed by the
//! library (`xmldsig::sign_soap`, `xmldsig::sign_with`, `cms::sign`) or by the service's
//! own `/pdf/sign`, then changed where no signature looks.
//!
//! Findings:
//!
//! 1. (fixed) `wsse_verify_refuses_a_second_body_nested_in_the_header` (was
//!    `defect_wsse_verify_refuses_a_second_body_nested_in_the_header`) (false VALID,
//!    signature wrapping): a SOAP 1.1 message signed by `sign_soap` (its Body by Id), then
//!    an unsigned header block `<w:Cache><s:Body><pay>1000000</pay></s:Body></w:Cache>`
//!    put first in its Header. `/wsse/verify` answers `valid: true`; the first
//!    `soap:Body` in document order, what a client reading the message by name
//!    (`getElementsByTagNameNS(SOAP, "Body").item(0)`, `//s:Body`) takes, is the unsigned
//!    one. Expected `valid: false`. Cause: `soap_body` (src/xmldsig/soap.rs:18-34) looks
//!    only at the Envelope's own children (one Body, an optional Header before it), though
//!    its doc names the client "reading the message by position or by local name";
//!    `xml_answer`'s `Covers::SoapBody` (src/server/ncanode.rs:639) trusts `verdict.soap`.
//!    Fix: a SOAP message with an element of the envelope's namespace named `Body` (or
//!    `Envelope`, `Header`) anywhere but in its place is not a SOAP message
//!    (`soap_body` answers `Err`), so `/wsse/verify` refuses it.
//! 2. (fixed) `xml_verify_refuses_unsigned_elements_carried_inside_a_signature` (was
//!    `defect_xml_verify_refuses_unsigned_elements_carried_inside_a_signature`) (false
//!    VALID): `<order><amount>1</amount></order>` signed whole (`URI=""`, enveloped) by
//!    `sign_with`, then the Signature moved to the front of `order` and a
//!    `<ds:Object><amount>1000000</amount></ds:Object>` added to it. `/xml/verify` (and
//!    the library) say valid; the library's `verified_octets` hands out only
//!    `<order><amount>1</amount></order>` (its contract holds), but NCANode's route hands
//!    out nothing, and its client reads the document it sent: the first `amount` there
//!    is 1000000, signed by no one. Expected `valid: false`: the route promises "valid
//!    only when the signatures cover the whole document ... a client takes the document
//!    it sent" (src/server/ncanode.rs:10, 604-610). Cause: `xml_answer`'s `Covers::Whole`
//!    (src/server/ncanode.rs:636) asks only whether `verified_octets` exists; what the
//!    library leaves out of it (every `ds:Signature` with its `ds:Object` and
//!    `ds:KeyInfo`, src/xmldsig/verdict.rs:186-210) may hold any element. Fix: on the
//!    NCANode routes, refuse a Signature holding content no Reference covers beyond
//!    XMLDSig's own structure and its XAdES QualifyingProperties (a `ds:Object` with
//!    other elements, foreign elements in `ds:KeyInfo`).
//! 3. (fixed) `v1_verify_hands_out_the_signed_parts_xml_verify_sends_a_client_to` (was
//!    `defect_v1_verify_hands_out_the_signed_parts_xml_verify_sends_a_client_to`) (one
//!    route contradicts another): a document signed by Id (`#it`) only. `/xml/verify`:
//!    `valid: false`, "only part of the document is signed (References by Id): /v1/verify
//!    hands out the signed parts"; `/v1/verify` on it: `"verdict": "valid"` and no signed
//!    part in its answer (only the words `"covers": "the element(s) #it (C14N 1.0)"`), so
//!    the client sent there gets "valid" and still reads the document it sent, whose
//!    unsigned rest (`<head>`) stands beside the signed element. Expected: the parts the
//!    message promises (each Reference's octets, as `XmlVerdict::signed_parts` gives them).
//!    Cause: `parts` is `#[serde(skip)]` in `XmlVerdict` and `XmlSignerVerdict`
//!    (src/xmldsig/verdict.rs:30-31, 65-66), `/v1/verify` serialises the verdict as is
//!    (src/server/native.rs:230-243); the message: src/server/ncanode.rs:636-638. Fix:
//!    `/v1/verify` adds the signed parts (base64, per signer) to an XML answer, or the
//!    message stops promising them.
//!
//! Held (`held_` tests): the honest SOAP 1.1 and 1.2 messages `sign_soap` makes are valid
//! and a Body changed after signing is not; an attached CMS is judged against the `data`
//! sent with it (the same: valid; other or empty: not), a detached CMS without `data` is
//! not valid; `/cms/extract` hands out no content for a revoked signer, for a CMS with
//! one revoked co-signer, or for a detached CMS (its `data` not read); a wrong PKCS#12
//! password is a 400 on `/pkcs12/info`, `/pkcs12/aliases`, `/cms/sign`, `/jwt/encode`,
//! and neither the password nor the container appears in an answer or the log; a PDF
//! signed twice by `/pdf/sign` is valid, and one byte appended after the last signature
//! makes it `valid: false` with the last signer's `coversWholeDocument` false; a second
//! `ds:Signature` element that is no signature (payload inside, empty, nested in a foreign
//! element) beside a valid one is a failed signature, `valid: false` (finding 2 needs the
//! payload inside the valid Signature).
//!
//! Not pursued (time): a key field that is not base64 is answered with the offending octet's value
//! and offset (`keys[0].key is not base64: Invalid symbol 45, offset 6`, src/server/mod.rs
//! `base64_field`): a client that swaps `key` and `password` gets one character of its password
//! echoed (fixed since: `base64_refusals_name_no_octet_of_the_field`, src/server/tests.rs);
//! comments and processing instructions inside signed XML (canonicalised without comments); SOAP
//! 1.2 with a Body nested in a ds:Object of the Security header's Signature (the same cause as
//! finding 1, refused by its fix: src/xmldsig/soap.rs's tests); `/x509/info` with an intermediate
//! sent beside the certificate; JWT claims of extreme magnitude.

mod common;

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use common::service::Service;
use qoltanba::cms::SignRequest;
use qoltanba::keys::SigningKey;
use qoltanba::server::ServerConfig;
use qoltanba::{xmldsig, Certificate, Expectation, Judged as _, Overall};
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";
const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const PASSWORD: &str = "Secret-Pass-77";

fn bundle() -> qoltanba::keys::KeyBundle {
    qoltanba::keys::open_pkcs12(&p12(), b"Qwerty12").unwrap()
}

fn p12() -> Vec<u8> {
    std::fs::read(common::pki("individual_sign.p12")).unwrap()
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn service() -> Service {
    Service::start(common::rsa_verifier(), AT)
}

/// The library's word on `xml` at `AT`.
fn library_xml(xml: &str) -> Overall {
    let expect = Expectation::at(common::time(AT));
    xmldsig::verify(xml.as_bytes(), &common::rsa_verifier(), &expect)
        .unwrap()
        .overall()
}

/// `POST route {"xml": xml}`: (status, `valid`, the whole answer).
fn ask_xml(s: &Service, route: &str, xml: &str) -> (u16, Value, Value) {
    let (st, a) = s.post(route, &json!({ "xml": xml }).to_string());
    (st, a["valid"].clone(), a)
}

/// A SOAP envelope in namespace `ns`, its Body `<pay>10</pay>`, signed by `sign_soap`.
fn signed_soap(ns: &str) -> String {
    let k = bundle();
    let env = format!(
        "<s:Envelope xmlns:s=\"{ns}\"><s:Header></s:Header>\
         <s:Body><pay>10</pay></s:Body></s:Envelope>"
    );
    String::from_utf8(xmldsig::sign_soap(env.as_bytes(), &k.certificate, &k.key).unwrap()).unwrap()
}

fn cert(who: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(common::pki(&format!("{who}.cer"))).unwrap()).unwrap()
}

fn key(who: &str) -> SigningKey {
    let pem = std::fs::read(common::pki(&format!("{who}.key.pem"))).unwrap();
    SigningKey::from_pkcs8(&pem, None).unwrap()
}

/// A CMS by `who` over `content`, signingTime `AT`.
fn cms(who: &str, content: &[u8], detached: bool) -> Vec<u8> {
    let c = cert(who);
    let request = SignRequest::new(&c, common::time(AT)).detached(detached);
    qoltanba::cms::sign(content, &request, &key(who)).unwrap()
}

// --- defects ---------------------------------------------------------------------------

/// DEFECT (false VALID, signature wrapping). Input: a SOAP 1.1 message signed by
/// `sign_soap` (Body by Id), an unsigned header block holding a second `s:Body` with
/// `<pay>1000000</pay>` put first in its Header. Observed: `/wsse/verify` `valid: true`
/// (the library valid too). Expected: `valid: false`: the first `s:Body` of the message,
/// the one a client reading by name takes, is not signed. Cause: `soap_body`
/// (src/xmldsig/soap.rs:18-34) checks only the Envelope's own children;
/// src/server/ncanode.rs:639 trusts `verdict.soap`. Fix: a SOAP-namespace `Body` anywhere
/// but under the Envelope makes `soap_body` an `Err` (not a SOAP message).
///
/// Found by review 83 (was a defect). Fixed: `soap_body` (src/xmldsig/soap.rs) answers
/// `Err` when a SOAP 1.1 or 1.2 `Envelope`, `Header` or `Body` stands anywhere below the
/// envelope's own children, so the signature by Id fails and `/wsse/verify` refuses.
#[test]
fn wsse_verify_refuses_a_second_body_nested_in_the_header() {
    let s = service();
    let signed = signed_soap(SOAP11);
    let (st, valid, a) = ask_xml(&s, "/wsse/verify", &signed);
    assert_eq!((st, valid), (200, json!(true)), "the honest message: {a}");

    let at = signed.find("<s:Header>").unwrap() + "<s:Header>".len();
    let mut forged = signed.clone();
    forged.insert_str(
        at,
        "<w:Cache xmlns:w=\"urn:w\"><s:Body><pay>1000000</pay></s:Body></w:Cache>",
    );
    // The Body a client finds first by name is the unsigned one.
    let first = forged.find("<s:Body").unwrap();
    assert!(forged[first..].starts_with("<s:Body><pay>1000000</pay>"));
    let library = library_xml(&forged);
    let (st, valid, a) = ask_xml(&s, "/wsse/verify", &forged);
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        valid,
        json!(false),
        "/wsse/verify: a second, unsigned s:Body before the signed one (library: {library:?}): \
         {}",
        a["message"]
    );
}

/// DEFECT (false VALID). Input: `<order><amount>1</amount></order>` signed whole by
/// `sign_with` (`URI=""`), the Signature moved to the front of `order` and given a
/// `<ds:Object><amount>1000000</amount></ds:Object>`. Observed: `/xml/verify`
/// `valid: true`, message "OK" (the library valid, handing out only the signed octets).
/// Expected: `valid: false`: the route hands out nothing, its client reads the document
/// sent, whose first `amount` no one signed. Cause: `Covers::Whole`
/// (src/server/ncanode.rs:636) asks only that `verified_octets` exist, which leaves every
/// Signature's content out (src/xmldsig/verdict.rs:186-210). Fix: the NCANode routes
/// refuse a Signature carrying elements no Reference covers beyond XMLDSig's structure and
/// its own XAdES properties.
///
/// Found by review 83 (was a defect). Fixed: the library records, for a valid document, an
/// element a Signature carries that no Reference of its own covers beyond XMLDSig's
/// structure, a WS-Security token reference and XAdES QualifyingProperties
/// (`XmlVerdict::carried`, src/xmldsig/carried.rs); `/xml/verify` refuses it.
#[test]
fn xml_verify_refuses_unsigned_elements_carried_inside_a_signature() {
    let s = service();
    let k = bundle();
    let doc = "<order><amount>1</amount></order>";
    let options = xmldsig::XmlSignOptions::new();
    let signed = String::from_utf8(
        xmldsig::sign_with(doc.as_bytes(), &k.certificate, &k.key, &options).unwrap(),
    )
    .unwrap();
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &signed);
    assert_eq!((st, valid), (200, json!(true)), "the honest document: {a}");

    let start = signed.find("<ds:Signature").unwrap();
    let end = signed.find("</ds:Signature>").unwrap();
    let signature = format!(
        "{}<ds:Object><amount>1000000</amount></ds:Object></ds:Signature>",
        &signed[start..end]
    );
    let rest = format!(
        "{}{}",
        &signed[..start],
        &signed[end + "</ds:Signature>".len()..]
    );
    let forged = rest.replacen("<order>", &format!("<order>{signature}"), 1);
    // What the library vouches for is the signed document only ...
    let expect = Expectation::at(common::time(AT));
    let v = xmldsig::verify(forged.as_bytes(), &common::rsa_verifier(), &expect).unwrap();
    if let Some(octets) = v.verified_octets() {
        assert_eq!(String::from_utf8_lossy(octets), doc);
    }
    // ... the first `amount` of the document sent is the unsigned one.
    let first = forged.find("<amount>").unwrap();
    assert!(forged[first..].starts_with("<amount>1000000"));
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &forged);
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        valid,
        json!(false),
        "/xml/verify: an unsigned <amount> inside the Signature, first in the document \
         (library: {:?}): {}",
        v.overall(),
        a["message"]
    );
}

/// Every string in `v`, at any depth.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// DEFECT (one route's answer contradicts another's). Input: `<order><head>h</head><item
/// Id="it"><amount>1</amount></item></order>` signed by Id (`#it`) by `sign_with`.
/// Observed: `/xml/verify` `valid: false`, message "only part of the document is signed
/// (References by Id): /v1/verify hands out the signed parts"; `/v1/verify` on the same
/// document: `"verdict": "valid"`, and no signed part anywhere in its answer (only the
/// words `"covers": "the element(s) #it (C14N 1.0)"`). Expected: the route the message
/// sends a client to hands out what was signed (each part's octets, as the library's
/// `signed_parts` gives them). Cause: `XmlVerdict::parts` and `XmlSignerVerdict::parts`
/// are `#[serde(skip)]` (src/xmldsig/verdict.rs:30-31, 65-66) and `/v1/verify` serialises
/// the verdict as is (src/server/native.rs:230-243); the message is
/// src/server/ncanode.rs:636-638. Fix: `/v1/verify` adds the signed parts (base64, per
/// signer) to its XML answer; or the message stops promising them.
///
/// Found by review 83 (was a defect). Fixed: `/v1/verify` adds `signedParts` (each part's
/// Reference URI and canonical octets in base64, `XmlVerdict::signed_parts`) to a valid
/// XML document's answer (src/server/native.rs `signed_parts`, in the OpenAPI document).
#[test]
fn v1_verify_hands_out_the_signed_parts_xml_verify_sends_a_client_to() {
    let s = service();
    let k = bundle();
    let doc = "<order><head>h</head><item Id=\"it\"><amount>1</amount></item></order>";
    let options = xmldsig::XmlSignOptions::new().reference_id("it");
    let signed = String::from_utf8(
        xmldsig::sign_with(doc.as_bytes(), &k.certificate, &k.key, &options).unwrap(),
    )
    .unwrap();
    let expect = Expectation::at(common::time(AT));
    let v = xmldsig::verify(signed.as_bytes(), &common::rsa_verifier(), &expect).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    let parts: Vec<Vec<u8>> = v
        .signed_parts()
        .unwrap()
        .get()
        .iter()
        .map(|p| p.octets().to_vec())
        .collect();
    assert!(String::from_utf8_lossy(&parts[0]).contains("<amount>1</amount>"));

    let (st, valid, a) = ask_xml(&s, "/xml/verify", &signed);
    assert_eq!((st, valid), (200, json!(false)), "{a}");
    let message = a["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("/v1/verify hands out the signed parts"),
        "{message}"
    );

    let (st, a) = s.post("/v1/verify", &json!({ "xml": signed }).to_string());
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["verdict"]["verdict"], json!("valid"), "{a}");
    let mut texts = Vec::new();
    strings(&a, &mut texts);
    let handed_out = |part: &[u8]| {
        let (raw, encoded) = (String::from_utf8_lossy(part), b64(part));
        texts
            .iter()
            .any(|t| t.contains(raw.as_ref()) || t.contains(&encoded))
    };
    assert!(
        parts.iter().all(|p| handed_out(p)),
        "/xml/verify says \"{message}\"; /v1/verify answers \"valid\" with no signed part: \
         the signed element {:?} is nowhere in it",
        String::from_utf8_lossy(&parts[0])
    );
}

// --- held ------------------------------------------------------------------------------

/// HELD: the SOAP 1.1 and 1.2 messages `sign_soap` makes are valid on `/wsse/verify`, as
/// the library says; a Body changed after signing is not, nor is either on
/// `/xml/verify` (signed by Id, not whole).
#[test]
fn held_honest_soap_messages_are_valid_and_a_changed_body_is_not() {
    let s = service();
    for ns in [SOAP11, SOAP12] {
        let signed = signed_soap(ns);
        assert_eq!(library_xml(&signed), Overall::Valid, "{ns}");
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &signed);
        assert_eq!((st, valid), (200, json!(true)), "{ns}: {a}");
        let (_, valid, a) = ask_xml(&s, "/xml/verify", &signed);
        assert_eq!(valid, json!(false), "{ns}: {a}");
        let changed = signed.replace("<pay>10</pay>", "<pay>1000000</pay>");
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &changed);
        assert_eq!((st, valid), (200, json!(false)), "{ns}: {a}");
    }
}

/// HELD: an attached CMS is judged against the `data` sent beside it (the same: valid;
/// other or empty: not), a detached CMS without `data` is not valid, with it valid.
#[test]
fn held_cms_verify_judges_the_data_sent() {
    let s = service();
    let attached = cms("individual_sign", b"A", false);
    let detached = cms("individual_sign", b"A", true);
    for (cms, data, want) in [
        (&attached, None, true),
        (&attached, Some("A"), true),
        (&attached, Some("B"), false),
        (&attached, Some(""), false),
        (&detached, None, false),
        (&detached, Some("A"), true),
        (&detached, Some("B"), false),
    ] {
        let mut body = json!({ "cms": b64(cms) });
        if let Some(d) = data {
            body["data"] = json!(b64(d.as_bytes()));
        }
        let (st, a) = s.post("/cms/verify", &body.to_string());
        assert_eq!(st, 200, "{a}");
        assert_eq!(a["valid"], json!(want), "data {data:?}: {a}");
    }
}

/// HELD: `/cms/extract` hands out content only for a valid CMS: none for a revoked
/// signer, a CMS with a revoked co-signer, or a detached CMS (its `data` not read); the
/// honest one's content is the signed octets.
#[test]
fn held_cms_extract_hands_out_nothing_unverified() {
    let s = service();
    let honest = cms("individual_sign", b"A", false);
    let (st, a) = s.post("/cms/extract", &json!({ "cms": b64(&honest) }).to_string());
    assert_eq!((st, &a["valid"]), (200, &json!(true)), "{a}");
    assert_eq!(unb64(a["data"].as_str().unwrap()), b"A");

    let revoked = cms("revoked", b"A", false);
    let cosigned = qoltanba::cms::SignedData::from_input(&honest)
        .unwrap()
        .add_signer(
            None,
            &SignRequest::new(&cert("revoked"), common::time(AT)),
            &key("revoked"),
        )
        .unwrap();
    let detached = cms("individual_sign", b"A", true);
    for body in [
        json!({ "cms": b64(&revoked) }),
        json!({ "cms": b64(&cosigned) }),
        json!({ "cms": b64(&detached) }),
        json!({ "cms": b64(&detached), "data": b64(b"A") }),
    ] {
        let (st, a) = s.post("/cms/extract", &body.to_string());
        assert_eq!(st, 200, "{a}");
        assert_eq!(a["valid"], json!(false), "{a}");
        assert!(
            a.get("data").is_none(),
            "content handed out unverified: {a}"
        );
    }
}

/// HELD: a wrong PKCS#12 password is a 400 on every route that opens a container, and
/// neither the password nor the container is in an answer or a log line.
#[test]
fn held_a_wrong_password_is_a_400_never_echoed_or_logged() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = lines.clone();
    let at = common::time(AT);
    let config = ServerConfig::new(Arc::new(common::rsa_verifier()), Arc::new(move || at)).log(
        Arc::new(move |l: &str| sink.lock().unwrap().push(l.to_string())),
    );
    let s = Service::with_config(config);
    let key = b64(&p12());
    let signer = json!({ "key": key, "password": PASSWORD });
    let header = json!({ "alg": "RS256", "typ": "JWT" });
    for (route, body) in [
        ("/pkcs12/info", json!({ "keys": [signer] })),
        ("/pkcs12/aliases", json!({ "keys": [signer] })),
        (
            "/cms/sign",
            json!({ "data": b64(b"A"), "signers": [signer] }),
        ),
        (
            "/jwt/encode",
            json!({
                "jwt": { "header": header, "payload": {} },
                "key": key,
                "password": PASSWORD,
            }),
        ),
    ] {
        let (st, a) = s.post(route, &body.to_string());
        assert_eq!(st, 400, "{route}: {a}");
        let text = a.to_string();
        assert!(
            !text.contains(PASSWORD) && !text.contains(&key[..40]),
            "{route}: {text}"
        );
    }
    let lines = lines.lock().unwrap();
    assert!(lines.len() >= 4, "{lines:?}");
    for l in lines.iter() {
        assert!(!l.contains(PASSWORD) && !l.contains(&key[..40]), "{l}");
    }
}

/// HELD: a PDF signed twice through `/pdf/sign` is valid on `/pdf/verify`; one byte
/// appended after the last signature makes it `valid: false`, its last signer no longer
/// covering the whole document.
#[test]
fn held_pdf_bytes_after_the_last_signature_void_it() {
    let s = service();
    let classic = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pdf/classic.pdf"),
    )
    .unwrap();
    let signer = json!({ "signer": { "key": b64(&p12()), "password": "Qwerty12" } });
    let mut pdf = classic;
    for _ in 0..2 {
        let (st, a) = s.post(
            "/pdf/sign",
            &json!({ "pdf": b64(&pdf), "signers": [signer] }).to_string(),
        );
        assert_eq!(st, 200, "{a}");
        pdf = unb64(a["pdf"].as_str().unwrap());
    }
    let (st, a) = s.post("/pdf/verify", &json!({ "pdf": b64(&pdf) }).to_string());
    assert_eq!((st, &a["valid"]), (200, &json!(true)), "{a}");
    assert_eq!(a["signers"].as_array().unwrap().len(), 2, "{a}");
    pdf.extend_from_slice(b"\n");
    let (st, a) = s.post("/pdf/verify", &json!({ "pdf": b64(&pdf) }).to_string());
    assert_eq!((st, &a["valid"]), (200, &json!(false)), "{a}");
    for signer in a["signers"].as_array().unwrap() {
        assert_eq!(signer["coversWholeDocument"], json!(false), "{a}");
    }
}

/// HELD: a second `ds:Signature` element that is no signature (payload inside, empty
/// under another prefix, nested in a foreign element) next to a valid whole-document
/// signature is judged a signature that fails: `/xml/verify` `valid: false`, and the
/// library hands out nothing.
#[test]
fn held_a_fake_signature_element_hides_no_payload() {
    let s = service();
    let k = bundle();
    let doc = "<order><amount>1</amount></order>";
    let options = xmldsig::XmlSignOptions::new();
    let signed = String::from_utf8(
        xmldsig::sign_with(doc.as_bytes(), &k.certificate, &k.key, &options).unwrap(),
    )
    .unwrap();
    let ds = "http://www.w3.org/2000/09/xmldsig#";
    for fake in [
        format!("<ds:Signature xmlns:ds=\"{ds}\"><amount>1000000</amount></ds:Signature>"),
        format!("<x:Signature xmlns:x=\"{ds}\"/><amount>1000000</amount>"),
        format!(
            "<w xmlns=\"urn:w\"><Signature xmlns=\"{ds}\">\
             <amount xmlns=\"\">1000000</amount></Signature></w>"
        ),
    ] {
        let forged = signed.replacen("<order>", &format!("<order>{fake}"), 1);
        let expect = Expectation::at(common::time(AT));
        let v = xmldsig::verify(forged.as_bytes(), &common::rsa_verifier(), &expect).unwrap();
        assert_ne!(v.overall(), Overall::Valid, "{fake}");
        assert!(v.verified_octets().is_none(), "{fake}");
        let (st, valid, a) = ask_xml(&s, "/xml/verify", &forged);
        assert_eq!((st, valid), (200, json!(false)), "{fake}: {a}");
    }
}
