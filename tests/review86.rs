//! Review 86 (hostile): the last hour's answers to review 83. Reviewed: `b5ac1c1`
//! (src/xmldsig/soap.rs `soap_body`, `envelope_body`, `holds_envelope_part`: a SOAP
//! `Envelope`, `Header` or `Body` below the envelope's own children is no SOAP message),
//! `05c7f16` (src/xmldsig/carried.rs `unsigned_content`, `XmlVerdict::carried`, refused by
//! src/server/ncanode.rs `xml_answer` for `Covers::Whole`), `6eb89b6`
//! (src/server/native.rs `signed_parts`: `/v1/verify`'s `signedParts`).
//!
//! Material: the RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered, its CRL),
//! `individual_sign.p12` (password `Qwerty12`), the committed XAdES-B and XAdES-T samples
//! (test-vectors/pki/xades, made with lxml); the service in process on loopback
//! (tests/common/service.rs), judging at 2026-11-23T00:00:00Z (the XAdES samples at
//! 2026-12-01T00:00:00Z, as tests/xades.rs judges them). Documents are signed by the
//! library (`xmldsig::sign_with`, `xmldsig::sign_soap`), then changed inside a Signature
//! (which no whole-document Reference digests) or in the SOAP Header.
//!
//! Findings:
//!
//! 1. (fixed) `xml_verify_refuses_a_payload_carried_as_text_in_a_ds_object` (was
//!    `defect_xml_verify_refuses_a_payload_carried_as_text_in_a_ds_object`) (false VALID):
//!    `<order><amount>1</amount></order>` signed whole (`URI=""`) by `sign_with`, then a
//!    `<ds:Object Encoding="…xmldsig#base64" MimeType="text/xml">` whose text is the base64 of
//!    `<order><amount>1000000</amount></order>` (XMLDSig §4.5's own way to carry content in an
//!    Object) added to the Signature. `/xml/verify`: `valid: true`. Expected `valid: false`: the
//!    Object carries content no Reference covers, exactly what finding 2 of review 83 refused as an
//!    element. Cause: `foreign` (src/xmldsig/carried.rs:141-180) walks `el.elements()` only; an
//!    Object's (or any element's) text is never looked at. Fix: an Object (outside what a Reference
//!    covers) holding non-whitespace text is carried content; so is text in any XMLDSig element
//!    whose schema type has no text (KeyInfo, X509Data, Object, SignatureProperties ...).
//! 2. (fixed) `xml_verify_refuses_foreign_elements_in_a_xades_namespace` (was
//!    `defect_xml_verify_refuses_foreign_elements_in_a_xades_namespace`) (false VALID): the same
//!    signed order given `<ds:Object><x:QualifyingProperties
//!    xmlns:x="http://uri.etsi.org/01903/v1.1.1#"><x:amount>1000000</x:amount>…`; and the committed
//!    XAdES-T sample given `<xades:amount>1000000</xades:amount>` in its
//!    `xades:UnsignedSignatureProperties`. `/xml/verify`: `valid: true` for both. Expected `valid:
//!    false`: `xades:amount` is no XAdES element, as `ds:amount` is no XMLDSig one (which
//!    carried.rs refuses); the 1.1.1 QualifyingProperties is not even read by the verifier
//!    (src/xmldsig/xades.rs:45, 59-61 read 1.3.2 only). Cause: src/xmldsig/carried.rs:164-167 allow
//!    any element of the four XAdES namespaces under a QualifyingProperties of any of them. Fix: a
//!    list of XAdES's element names (as `DSIG_NAMES`), and QualifyingProperties allowed only in the
//!    namespace the verifier reads (1.3.2; 1.4.1 for its own unsigned elements).
//! 3. (fixed) `xml_verify_refuses_a_certificate_carried_outside_key_info` (was
//!    `defect_xml_verify_refuses_a_certificate_carried_outside_key_info`) (false VALID): the signed
//!    order given `<ds:Object><ds:X509Data><ds:X509Certificate>` (another person's certificate,
//!    revoked.cer) placed before the Signature's `ds:KeyInfo`. `/xml/verify`: `valid: true`; the
//!    first `ds:X509Certificate` of the document sent, what a client reading the signer from the
//!    document takes, is signed by no one and is not the signer's. Expected `valid: false`. Cause:
//!    src/xmldsig/carried.rs:151-157 accept an XMLDSig element name anywhere (`_ =>
//!    Some(Within::Dsig)`), so KeyInfo's structure inside a ds:Object is "structure", though
//!    XMLDSig gives an Object's content to the application. Fix: inside a `ds:Object` allow only
//!    Manifest, SignatureProperties (with their schema's children) and XAdES QualifyingProperties;
//!    X509Data, KeyName, KeyValue etc. only under a KeyInfo.
//! 4. (fixed) `a_soap_message_carried_inside_the_signed_body_stays_valid` (was
//!    `defect_a_soap_message_carried_inside_the_signed_body_stays_valid`) (false INVALID on honest
//!    input): a SOAP 1.1 message signed by Id in its Security header (exclusive C14N, RSA-SHA256,
//!    made by hand: `sign_soap` refuses it too), whose Body carries another SOAP message as payload
//!    (`<r:Forward><s:Envelope><s:Body>…`: a relay, a forwarded or archived message). The library:
//!    `Invalid` ("a SOAP envelope holds a SOAP Envelope, Header or Body below its place ...: what
//!    its signature covers is not its Body"); `/wsse/verify` `valid: false`; the same message with
//!    `<pay>10</pay>` as payload is valid. Expected: valid: the nested parts are inside the signed
//!    Body, covered by its digest and after the envelope's own Body in document order, so no client
//!    finding the Body by name takes them first. Cause: `soap_body` (src/xmldsig/soap.rs:25-54)
//!    searches the Body too (`holds_envelope_part` over every child of the envelope);
//!    src/xmldsig/judge/references.rs:545-558 then fail every signature by Id, in the library, the
//!    CLI and `/v1/verify`, not only `/wsse/verify`. Fix: look for nested SOAP parts in the Header
//!    (and the envelope's other children) only, not inside the Body the signature must cover.
//!
//! Held (`held_` tests): a SOAP 1.1/1.2 `Body`, `Header` or `Envelope` below the envelope's
//! children is refused on `/wsse/verify` under a default namespace redeclared to SOAP's, a
//! prefix bound to it inside a header block, of the other SOAP version, 250 levels deep (a
//! 200, no crash); a second Header, a Header after the Body, the Body before the Header
//! are refused, and so is the signed Body wrapped (the envelope without one); look-alikes
//! stay valid (a Body in a comment, in CDATA, in a processing instruction, an attribute
//! named `s:Body`, the SOAP namespace without its trailing slash or in capitals, an honest
//! header block 240 levels deep); the honest SOAP 1.1 and 1.2 messages of `sign_soap`
//! (BinarySecurityToken, wsu:Id Body), with a fresh Timestamp or without, stay valid. On
//! `/xml/verify` a whole-document Kalkan-shaped signature, two such signers, our XAdES-B,
//! the lxml XAdES-B and XAdES-T samples stay valid, and an unsigned element carried in a
//! ds:Object (plain, in a nested ds:SignedInfo, in a ds:SignatureProperty, in a 1.3.2
//! QualifyingProperties that is not the signature's), in KeyInfo or after it, or in the
//! second of two signatures is refused. `signedParts` is absent for a verdict that is not
//! valid and, under `"signers": "any"`, holds only the valid signer's part.
//!
//! Not pursued: any element of the WS-Security namespace is allowed under a KeyInfo's
//! SecurityTokenReference (src/xmldsig/carried.rs:163: e.g. a `wsse:UsernameToken`
//! there on `/xml/verify`), the same namespace-wide allowance as finding 2; attributes on
//! XMLDSig elements (`<ds:Object amount="1000000"/>`) are not looked at by carried.rs (a
//! client reading attributes of the Signature is far-fetched);
//! a SOAP `Body` look-alike in no namespace or another namespace (`<w:Body>`) in a header
//! block stays allowed (by design: only a client matching by local name, not by
//! namespace, takes it); XMLDSig 1.1 elements (`dsig11:ECKeyValue`) would be refused as
//! carried, but the verifier reads no ECDSA XML signature, so no honest document has them;
//! the real NCA XML documents (../shared/nca-test-pki/xml) cannot be judged valid (their
//! CRLs do not prove their times), so `carried` is never computed for them: their
//! Signatures hold only `ds:` elements of the list (checked by eye), which carried.rs
//! allows.

mod common;

use base64::Engine as _;
use common::service::Service;
use common::xml_routes::*;
use qoltanba::xmldsig;
use qoltanba::Judged as _;
use serde_json::json;

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const DS_BASE64: &str = "http://www.w3.org/2000/09/xmldsig#base64";

/// `doc` signed whole (`URI=""`, enveloped) by `sign_with`, Kalkan's shape.
fn signed_whole(doc: &str) -> String {
    let k = bundle();
    let options = xmldsig::XmlSignOptions::new();
    String::from_utf8(xmldsig::sign_with(doc.as_bytes(), &k.certificate, &k.key, &options).unwrap())
        .unwrap()
}

/// The signed order, `inner` added at the end of its (only) Signature.
fn order_carrying(inner: &str) -> String {
    signed_whole("<order><amount>1</amount></order>").replacen(
        "</ds:Signature>",
        &format!("{inner}</ds:Signature>"),
        1,
    )
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

/// `signed` with `block` put first in its Header.
fn with_header_block(signed: &str, block: &str) -> String {
    let at = signed.find("<s:Header>").unwrap() + "<s:Header>".len();
    let mut out = signed.to_string();
    out.insert_str(at, block);
    out
}

// --- defects ---------------------------------------------------------------------------

/// DEFECT (false VALID). Input: `<order><amount>1</amount></order>` signed whole by
/// `sign_with`, its Signature given `<ds:Object MimeType="text/xml" Encoding="…#base64">`
/// whose text is the base64 of `<order><amount>1000000</amount></order>`. Observed:
/// `/xml/verify` `valid: true`. Expected: `valid: false`, as for the same payload as an
/// element (review 83, finding 2): the Object's content is signed by no one and stands in
/// the document the route's client reads. Cause: `foreign` (src/xmldsig/carried.rs:141-180)
/// walks child elements only, never text. Fix: non-whitespace text in an Object (or in an
/// XMLDSig element whose type holds no text) that no Reference covers is carried content.
///
/// Found by review 86 (was a defect). Fixed: text in an uncovered ds:Object, Manifest,
/// SignatureProperties or SignatureProperty is carried content (`foreign`, src/xmldsig/carried.rs).
#[test]
fn xml_verify_refuses_a_payload_carried_as_text_in_a_ds_object() {
    let s = service();
    let honest = order_carrying("");
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &honest);
    assert_eq!((st, valid), (200, json!(true)), "the honest order: {a}");
    // The same payload as an element is refused (review 83, finding 2's fix) ...
    let element = order_carrying("<ds:Object><amount>1000000</amount></ds:Object>");
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &element);
    assert_eq!((st, valid), (200, json!(false)), "{a}");
    // ... as the Object's own content, the way XMLDSig carries it, it is not.
    let payload = b64(b"<order><amount>1000000</amount></order>");
    let carried = order_carrying(&format!(
        "<ds:Object MimeType=\"text/xml\" Encoding=\"{DS_BASE64}\">{payload}</ds:Object>"
    ));
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &carried);
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        valid,
        json!(false),
        "/xml/verify: a base64 payload in a ds:Object no Reference covers: {}",
        a["message"]
    );
}

/// DEFECT (false VALID). Input: (a) the signed order given `<ds:Object><x:QualifyingProperties
/// xmlns:x="http://uri.etsi.org/01903/v1.1.1#"><x:amount>1000000</x:amount>
/// </x:QualifyingProperties></ds:Object>`; (b) the committed XAdES-T sample given
/// `<xades:amount>1000000</xades:amount>` in its UnsignedSignatureProperties. Observed:
/// `/xml/verify` `valid: true` for both. Expected: `valid: false`: `amount` is no XAdES
/// element (as `ds:amount`, refused, is no XMLDSig one), signed by no one; in (a) the
/// verifier does not even read a 1.1.1 QualifyingProperties (src/xmldsig/xades.rs:45,
/// 59-61). Cause: src/xmldsig/carried.rs:164-167 allow every element of the four XAdES
/// namespaces under a QualifyingProperties of any of them. Fix: XAdES's element names
/// listed (as `DSIG_NAMES`); QualifyingProperties only of the namespace the verifier reads.
///
/// Found by review 86 (was a defect). Fixed: a QualifyingProperties is structure only in the
/// namespace the verifier reads (1.3.2), and holds only XAdES 1.3.2's (and 1.4.1's) element names
/// (`XADES_NAMES`).
#[test]
fn xml_verify_refuses_foreign_elements_in_a_xades_namespace() {
    let s = service();
    let old = order_carrying(
        "<ds:Object><x:QualifyingProperties xmlns:x=\"http://uri.etsi.org/01903/v1.1.1#\">\
         <x:amount>1000000</x:amount></x:QualifyingProperties></ds:Object>",
    );
    let (st, valid_old, a_old) = ask_xml(&s, "/xml/verify", &old);
    assert_eq!(st, 200, "{a_old}");

    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let sample = xades_sample("xades_t.xml");
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &sample);
    assert_eq!((st, valid), (200, json!(true)), "the XAdES-T sample: {a}");
    let open = "<xades:UnsignedSignatureProperties>";
    assert!(sample.contains(open));
    let forged = sample.replacen(
        open,
        &format!("{open}<xades:amount>1000000</xades:amount>"),
        1,
    );
    let (st, valid_t, a_t) = ask_xml(&x, "/xml/verify", &forged);
    assert_eq!(st, 200, "{a_t}");
    assert_eq!(
        (valid_old.clone(), valid_t.clone()),
        (json!(false), json!(false)),
        "/xml/verify: an x:amount in a XAdES 1.1.1 QualifyingProperties: {valid_old} ({}); \
         an xades:amount in the XAdES-T sample's unsigned properties: {valid_t} ({})",
        a_old["message"],
        a_t["message"]
    );
}

/// DEFECT (false VALID). Input: the signed order, its Signature given (before its
/// `ds:KeyInfo`) `<ds:Object><ds:X509Data><ds:X509Certificate>` holding another person's
/// certificate (revoked.cer). Observed: `/xml/verify` `valid: true`; the first
/// `ds:X509Certificate` of the document sent is the unsigned foreign one. Expected:
/// `valid: false`: an Object's content is the application's, here signed by no one.
/// Cause: src/xmldsig/carried.rs:151-157 take any XMLDSig name as structure wherever it
/// stands (`_ => Some(Within::Dsig)`). Fix: in a `ds:Object` allow Manifest and
/// SignatureProperties (their schema's children) and XAdES QualifyingProperties only;
/// KeyInfo's elements only under a KeyInfo.
///
/// Found by review 86 (was a defect). Fixed: a KeyInfo's elements are structure below a KeyInfo
/// only, and a ds:Object holds only a Manifest, SignatureProperties or QualifyingProperties of
/// XMLDSig's elements.
#[test]
fn xml_verify_refuses_a_certificate_carried_outside_key_info() {
    let s = service();
    let other = std::fs::read(common::pki("revoked.cer")).unwrap();
    let other = qoltanba::Certificate::from_input(&other).unwrap();
    let object = format!(
        "<ds:Object><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data>\
         </ds:Object>",
        b64(other.der())
    );
    let honest = order_carrying("");
    let at = honest.find("<ds:KeyInfo").unwrap();
    let mut forged = honest.clone();
    forged.insert_str(at, &object);
    let first = forged.find("<ds:X509Certificate>").unwrap();
    assert!(forged[first..first + 200].contains(&b64(other.der())[..40]));
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &forged);
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        valid,
        json!(false),
        "/xml/verify: an unsigned foreign certificate in a ds:Object, first in the \
         document: {}",
        a["message"]
    );
}

/// DEFECT (false INVALID on honest input). Input: a SOAP 1.1 message whose Body carries
/// another SOAP message as its payload (`<s:Body><r:Forward xmlns:r="urn:relay">
/// <s:Envelope><s:Body><pay>10</pay></s:Body></s:Envelope></r:Forward></s:Body>`: a
/// relay, an archived or forwarded message), signed by Id in its Security header as
/// WS-Security stacks sign (`ws_signed`, by hand: `sign_soap` refuses it). Observed:
/// the library `Invalid` ("a SOAP envelope holds a SOAP Envelope, Header or Body below its
/// place ..."), `/wsse/verify` `valid: false`. Expected: valid: what is nested lies inside
/// the signed Body, covered by its digest, after the envelope's own Body in document order,
/// so no client finding the Body by name takes it first (the wrapping the rule is for needs
/// an element before the Body, in the Header). Cause: `soap_body`
/// (src/xmldsig/soap.rs:25-54) walks every child of the envelope, the Body included
/// (`holds_envelope_part`), and `covered_content` (src/xmldsig/judge/references.rs:545-558)
/// then fails every signature by Id. Fix: look for nested SOAP parts in the Header only
/// (and anywhere outside the Body a signature covers), not inside the Body.
///
/// Found by review 86 (was a defect). Fixed: `soap_body` looks for nested SOAP parts outside the
/// Body only (after the Body in document order, covered by its digest).
#[test]
fn a_soap_message_carried_inside_the_signed_body_stays_valid() {
    let s = service();
    let expect = qoltanba::Expectation::at(common::time(AT));
    // The control, signed the same way: an ordinary payload is valid.
    let control = ws_signed("<pay>10</pay>");
    let v = xmldsig::verify(control.as_bytes(), &common::rsa_verifier(), &expect).unwrap();
    assert_eq!(v.overall(), qoltanba::Overall::Valid, "{v:#?}");
    let (st, valid, a) = ask_xml(&s, "/wsse/verify", &control);
    assert_eq!((st, valid), (200, json!(true)), "{a}");

    let relay = ws_signed(
        "<r:Forward xmlns:r=\"urn:relay\"><s:Envelope><s:Body><pay>10</pay></s:Body>\
         </s:Envelope></r:Forward>",
    );
    // The envelope's own Body is the first in document order, and it is the one signed.
    let first = relay.find("<s:Body").unwrap();
    assert!(relay[first..].starts_with("<s:Body xmlns:wsu="), "{relay}");
    let library = xmldsig::verify(relay.as_bytes(), &common::rsa_verifier(), &expect).unwrap();
    let (st, valid, a) = ask_xml(&s, "/wsse/verify", &relay);
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        (library.overall(), valid),
        (qoltanba::Overall::Valid, json!(true)),
        "an honest message relaying another in its signed Body: {}; the library: {:?}",
        a["message"],
        library
            .check(qoltanba::CheckName::Reference)
            .map(|c| c.reason().to_string())
    );
}

/// A SOAP 1.1 message whose Body (`wsu:Id="body"`) holds `payload`, signed by Id in its
/// Security header as WS-Security stacks sign it (exclusive C14N, RSA-SHA256, the
/// certificate in KeyInfo), made by hand: `sign_soap` refuses to sign a message with SOAP
/// elements nested in its Body. Written in canonical form, so that the octets digested
/// and signed are the text itself.
fn ws_signed(payload: &str) -> String {
    use sha2::Digest as _;
    const EXC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
    const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    const WSSE: &str =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    const WSU: &str =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    let k = bundle();
    let body_canonical = format!(
        "<s:Body xmlns:s=\"{SOAP11}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"body\">{payload}</s:Body>"
    );
    let body = format!("<s:Body xmlns:wsu=\"{WSU}\" wsu:Id=\"body\">{payload}</s:Body>");
    let digest = b64(&sha2::Sha256::digest(body_canonical.as_bytes()));
    let signed_info = format!(
        "<ds:SignedInfo xmlns:ds=\"{DS}\">\
         <ds:CanonicalizationMethod Algorithm=\"{EXC}\"></ds:CanonicalizationMethod>\
         <ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\">\
         </ds:SignatureMethod><ds:Reference URI=\"#body\"><ds:Transforms>\
         <ds:Transform Algorithm=\"{EXC}\"></ds:Transform></ds:Transforms>\
         <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\">\
         </ds:DigestMethod><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference>\
         </ds:SignedInfo>"
    );
    let value = b64(&k.key.sign(signed_info.as_bytes()).unwrap());
    format!(
        "<s:Envelope xmlns:s=\"{SOAP11}\"><s:Header><wsse:Security xmlns:wsse=\"{WSSE}\">\
         <ds:Signature xmlns:ds=\"{DS}\">{signed_info}<ds:SignatureValue>{value}\
         </ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}\
         </ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></wsse:Security>\
         </s:Header>{body}</s:Envelope>",
        b64(k.certificate.der())
    )
}

// --- held: SOAP ------------------------------------------------------------------------

/// HELD: a SOAP Body, Header or Envelope below the envelope's children is refused however
/// its namespace is bound (default namespace, a prefix in a header block, the other
/// version), nested 250 levels deep (200, no crash); so are a second Header, a Header
/// after the Body, the Body before the Header, and the signed Body wrapped in a foreign
/// element (the envelope without a Body of its own).
#[test]
fn held_nested_soap_parts_are_refused_however_bound() {
    let s = service();
    for ns in [SOAP11, SOAP12] {
        let other = if ns == SOAP11 { SOAP12 } else { SOAP11 };
        let signed = signed_soap(ns);
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &signed);
        assert_eq!((st, valid), (200, json!(true)), "honest: {a}");
        let deep = format!(
            "{}<s:Body><pay>1000000</pay></s:Body>{}",
            "<w:d xmlns:w=\"urn:w\">".repeat(250),
            "</w:d>".repeat(250)
        );
        let mut forged: Vec<String> = [
            format!("<h xmlns=\"{ns}\"><Body><pay>1000000</pay></Body></h>"),
            format!("<w:h xmlns:w=\"urn:w\" xmlns:q=\"{ns}\"><q:Body/></w:h>"),
            format!("<w:h xmlns:w=\"urn:w\"><q:Body xmlns:q=\"{other}\"/></w:h>"),
            format!("<w:h xmlns:w=\"urn:w\"><q:Header xmlns:q=\"{ns}\"/></w:h>"),
            "<w:h xmlns:w=\"urn:w\"><s:Envelope><s:Body/></s:Envelope></w:h>".to_string(),
            deep,
        ]
        .iter()
        .map(|b| with_header_block(&signed, b))
        .collect();
        forged.push(signed.replacen("<s:Header>", "<s:Header/><s:Header>", 1));
        forged.push(signed.replacen("</s:Envelope>", "<s:Header/></s:Envelope>", 1));
        let header_end = signed.find("</s:Header>").unwrap() + "</s:Header>".len();
        let header_start = signed.find("<s:Header>").unwrap();
        let body_end = signed.find("</s:Envelope>").unwrap();
        forged.push(format!(
            "{}{}{}{}",
            &signed[..header_start],
            &signed[header_end..body_end],
            &signed[header_start..header_end],
            &signed[body_end..]
        ));
        // The signed Body wrapped: the envelope has none of its own.
        forged.push(format!(
            "{}<w:x xmlns:w=\"urn:w\">{}</w:x>{}",
            &signed[..header_end],
            &signed[header_end..body_end],
            &signed[body_end..]
        ));
        for f in &forged {
            let (st, valid, a) = ask_xml(&s, "/wsse/verify", f);
            assert_eq!((st, valid), (200, json!(false)), "{ns}: {a}\n{f}");
        }
    }
}

/// HELD: what only looks like a nested SOAP Body does not spoil an honest message: a Body
/// in a comment, in CDATA, in a processing instruction, an attribute named `s:Body`, the
/// SOAP namespace without its trailing slash or in capitals, an honest header block 240
/// levels deep; the honest SOAP 1.1 and 1.2 messages, with a fresh `wsu:Timestamp` or
/// without.
#[test]
fn held_look_alikes_of_a_nested_body_keep_an_honest_message_valid() {
    let s = service();
    let signed = signed_soap(SOAP11);
    let deep = format!(
        "{}<pay>1</pay>{}",
        "<w:d xmlns:w=\"urn:w\">".repeat(240),
        "</w:d>".repeat(240)
    );
    for block in [
        "<!-- <s:Body><pay>1000000</pay></s:Body> -->".to_string(),
        "<w:h xmlns:w=\"urn:w\"><![CDATA[<s:Body><pay>1000000</pay></s:Body>]]></w:h>".to_string(),
        "<?note <s:Body><pay>1000000</pay></s:Body> ?>".to_string(),
        "<w:h xmlns:w=\"urn:w\" s:Body=\"1000000\"/>".to_string(),
        "<q:Body xmlns:q=\"http://schemas.xmlsoap.org/soap/envelope\"/>".to_string(),
        "<q:Body xmlns:q=\"HTTP://SCHEMAS.XMLSOAP.ORG/SOAP/ENVELOPE/\"/>".to_string(),
        deep,
    ] {
        let doc = with_header_block(&signed, &block);
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &doc);
        assert_eq!((st, valid), (200, json!(true)), "{block}: {a}");
    }
    // SmartBridge's shape: a BinarySecurityToken, the Body by wsu:Id, a wsu:Timestamp in
    // the Security header (here fresh at `AT`, not signed).
    let stamp = "<wsu:Timestamp><wsu:Created>2026-11-22T23:59:00Z</wsu:Created>\
                 <wsu:Expires>2026-11-23T00:05:00Z</wsu:Expires></wsu:Timestamp>";
    for doc in [signed.clone(), signed_soap(SOAP12)] {
        assert!(doc.contains("BinarySecurityToken") && doc.contains("wsu:Id"));
        let open = doc.find("<wsse:Security").unwrap();
        let at = open + doc[open..].find('>').unwrap() + 1;
        let mut stamped = doc.clone();
        stamped.insert_str(at, stamp);
        for d in [doc, stamped] {
            let (st, valid, a) = ask_xml(&s, "/wsse/verify", &d);
            assert_eq!((st, valid), (200, json!(true)), "{a}\n{d}");
        }
    }
}

// --- held: carried content -------------------------------------------------------------

/// HELD: honest whole-document signatures stay valid on `/xml/verify`: Kalkan's shape
/// (`sign_with`), our XAdES-B, the lxml XAdES-B and XAdES-T samples.
#[test]
fn held_honest_whole_signatures_and_xades_stay_valid() {
    let s = service();
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &order_carrying(""));
    assert_eq!((st, valid), (200, json!(true)), "{a}");
    let k = bundle();
    let options = xmldsig::XmlSignOptions::new().xades(common::time("2026-11-22T00:00:00Z"));
    let ours = xmldsig::sign_with(
        b"<order><amount>1</amount></order>",
        &k.certificate,
        &k.key,
        &options,
    )
    .unwrap();
    let ours = String::from_utf8(ours).unwrap();
    assert!(ours.contains("QualifyingProperties"));
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &ours);
    assert_eq!((st, valid), (200, json!(true)), "our XAdES-B: {a}");
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    for name in ["xades_b.xml", "xades_t.xml"] {
        let (st, valid, a) = ask_xml(&x, "/xml/verify", &xades_sample(name));
        assert_eq!((st, valid), (200, json!(true)), "{name}: {a}");
    }
}

/// HELD: unsigned elements carried in the Signature are refused wherever put: a plain
/// Object, a `ds:SignedInfo` nested in an Object, a SignatureProperty, a 1.3.2
/// QualifyingProperties not the signature's (its Target refused by the verifier), a foreign
/// element in KeyInfo or after it, the second of two signers' Signatures carrying it.
#[test]
fn held_unsigned_elements_in_a_signature_are_refused_wherever_put() {
    let s = service();
    let xades = "http://uri.etsi.org/01903/v1.3.2#";
    for inner in [
        "<ds:Object><w:amount xmlns:w=\"urn:w\">1000000</w:amount></ds:Object>".to_string(),
        "<ds:Object><ds:SignedInfo><amount>1000000</amount></ds:SignedInfo></ds:Object>"
            .to_string(),
        "<ds:Object><ds:SignatureProperties><ds:SignatureProperty Target=\"#s\">\
         <amount>1000000</amount></ds:SignatureProperty></ds:SignatureProperties></ds:Object>"
            .to_string(),
        format!(
            "<ds:Object><x:QualifyingProperties xmlns:x=\"{xades}\"><amount>1000000</amount>\
             </x:QualifyingProperties></ds:Object>"
        ),
        "<ds:KeyInfo><amount>1000000</amount></ds:KeyInfo>".to_string(),
        "<amount>1000000</amount>".to_string(),
    ] {
        let doc = order_carrying(&inner);
        let (st, valid, a) = ask_xml(&s, "/xml/verify", &doc);
        assert_eq!((st, valid), (200, json!(false)), "{inner}: {a}");
    }
    // A second signer appended, carrying the element: refused too.
    let k = bundle();
    let once = order_carrying("");
    let twice = xmldsig::sign_with(
        once.as_bytes(),
        &k.certificate,
        &k.key,
        &xmldsig::XmlSignOptions::new(),
    )
    .unwrap();
    let twice = String::from_utf8(twice).unwrap();
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &twice);
    assert_eq!((st, valid), (200, json!(true)), "two honest signers: {a}");
    let last = twice.rfind("</ds:Signature>").unwrap();
    let mut forged = twice.clone();
    forged.insert_str(last, "<ds:Object><amount>1000000</amount></ds:Object>");
    let (st, valid, a) = ask_xml(&s, "/xml/verify", &forged);
    assert_eq!((st, valid), (200, json!(false)), "{a}");
}

// --- held: signedParts -----------------------------------------------------------------

/// HELD: `signedParts` is absent for a verdict that is not valid, and under
/// `"signers": "any"` holds only the signature relied on: the first signer's `#it`, not
/// the failing second signer's whole document.
#[test]
fn held_signed_parts_only_of_a_valid_verdict_and_its_valid_signers() {
    let s = service();
    let k = bundle();
    let doc = "<order><head>h</head><item Id=\"it\"><amount>1</amount></item></order>";
    let first = xmldsig::sign_with(
        doc.as_bytes(),
        &k.certificate,
        &k.key,
        &xmldsig::XmlSignOptions::new().reference_id("it"),
    )
    .unwrap();
    let both = xmldsig::sign_with(
        &first,
        &k.certificate,
        &k.key,
        &xmldsig::XmlSignOptions::new(),
    )
    .unwrap();
    let both = String::from_utf8(both).unwrap();
    let ask = |xml: &str, signers: &str| {
        s.post(
            "/v1/verify",
            &json!({ "xml": xml, "signers": signers, "at": AT }).to_string(),
        )
    };
    let (st, a) = ask(&both, "all");
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["verdict"]["verdict"], json!("valid"), "{a}");
    let refs: Vec<&str> = a["signedParts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reference"].as_str().unwrap())
        .collect();
    assert!(refs.contains(&"#it") && refs.contains(&""), "{refs:?}");

    // The second (last) SignatureValue broken: no longer valid under "all" ...
    let at = both.rfind("<ds:SignatureValue>").unwrap() + "<ds:SignatureValue>".len();
    let mut broken = both.clone().into_bytes();
    let i = (at..broken.len())
        .find(|&i| broken[i].is_ascii_alphanumeric())
        .unwrap();
    broken[i] = if broken[i] == b'A' { b'B' } else { b'A' };
    let broken = String::from_utf8(broken).unwrap();
    let (st, a) = ask(&broken, "all");
    assert_eq!(st, 200, "{a}");
    assert_ne!(a["verdict"]["verdict"], json!("valid"), "{a}");
    assert!(a.get("signedParts").is_none(), "{a}");
    // ... valid under "any", handing out the first signer's part only.
    let (st, a) = ask(&broken, "any");
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["verdict"]["verdict"], json!("valid"), "{a}");
    let parts = a["signedParts"].as_array().unwrap();
    assert_eq!(parts.len(), 1, "{a}");
    assert_eq!(parts[0]["reference"], json!("#it"), "{a}");
    let octets = base64::engine::general_purpose::STANDARD
        .decode(parts[0]["octets"].as_str().unwrap())
        .unwrap();
    assert!(!String::from_utf8_lossy(&octets).contains("<head>"), "{a}");
}
