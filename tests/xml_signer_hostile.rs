//! Hostile inputs found by review of the XML signer and the XML verifier's wrapping
//! defences, each refused: an Id that would write markup into SignedInfo (by
//! `reference_id` and by a SOAP Body's own Id), a WS-Security Body signed and moved aside
//! with another in its place, and signatures whose only Reference covers their own
//! SignatureMethod or an empty ds:Object (no content signed).

mod common;

use base64::Engine as _;
use qoltanba::xmldsig::{self, XmlSignOptions};
use qoltanba::{Expectation, Judged as _, Overall};
use sha2::Digest as _;

fn bundle() -> qoltanba::keys::KeyBundle {
    qoltanba::keys::open_pkcs12(
        &std::fs::read(common::pki("individual_sign.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn sha(b: &[u8]) -> String {
    b64(&sha2::Sha256::digest(b))
}

fn expect() -> Expectation {
    Expectation::at(common::time("2026-11-23T00:00:00Z"))
}

/// An Id carrying `">` and a second Reference: the signer must refuse it, or it would
/// sign a Reference (and a digest) the document chose, over content it never saw.
fn injected_id(digest_of: &str, c14n: &str) -> String {
    format!(
        "x\"><ds:Transforms><ds:Transform Algorithm=\"{c14n}\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>{}</ds:DigestValue></ds:Reference><ds:Reference URI=\"#z",
        sha(digest_of.as_bytes())
    )
}

#[test]
fn an_id_that_writes_markup_is_refused_by_the_signer() {
    let k = bundle();
    let evil = "<evil Id=\"x\">PAY 1000000 TO MALLORY</evil>";
    let id = injected_id(evil, "http://www.w3.org/TR/2001/REC-xml-c14n-20010315");
    let doc = format!(
        "<a><b Id='{}' id=\"z\">harmless</b></a>",
        id.replace('<', "&lt;")
    );
    let r = xmldsig::sign_with(
        doc.as_bytes(),
        &k.certificate,
        &k.key,
        &XmlSignOptions::new().reference_id(id),
    );
    assert!(r.is_err(), "signed an Id that writes markup");

    let evil = "<evil xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\" wsu:Id=\"x\">PAY 1000000</evil>";
    let id = injected_id(evil, "http://www.w3.org/2001/10/xml-exc-c14n#");
    let env = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body Id='{}' id=\"z\"><pay>10</pay></s:Body></s:Envelope>",
        id.replace('<', "&lt;")
    );
    assert!(
        xmldsig::sign_soap(env.as_bytes(), &k.certificate, &k.key).is_err(),
        "signed a Body Id that writes markup"
    );
}

#[test]
fn a_soap_body_signed_and_moved_aside_is_refused() {
    let k = bundle();
    let env = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><pay>10</pay></s:Body></s:Envelope>";
    let signed =
        String::from_utf8(xmldsig::sign_soap(env.as_bytes(), &k.certificate, &k.key).unwrap())
            .unwrap();
    let v = xmldsig::verify(signed.as_bytes(), &common::rsa_verifier(), &expect()).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    let start = signed.find("<s:Body").unwrap();
    let end = signed.find("</s:Body>").unwrap() + "</s:Body>".len();
    let body = signed[start..end].to_string();
    let mut forged = signed.clone();
    forged.replace_range(start..end, "<s:Body><pay>1000000</pay></s:Body>");
    let forged = forged.replacen(
        "</wsse:Security>",
        &format!("</wsse:Security><w>{body}</w>"),
        1,
    );
    let v = xmldsig::verify(forged.as_bytes(), &common::rsa_verifier(), &expect()).unwrap();
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    assert!(v.signed_parts().is_none());
}

/// A signature, made by hand, whose one Reference is `#o`: an empty ds:Object of its own,
/// or its own SignatureMethod.
fn covering_its_own(object: bool) -> String {
    let k = bundle();
    let ds = "http://www.w3.org/2000/09/xmldsig#";
    let rsa = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    let (sm_attr, target, object_el) = if object {
        (
            String::new(),
            format!("<ds:Object xmlns:ds=\"{ds}\" Id=\"o\"></ds:Object>"),
            "<ds:Object Id=\"o\"></ds:Object>".to_string(),
        )
    } else {
        (
            " Id=\"o\"".to_string(),
            format!("<ds:SignatureMethod xmlns:ds=\"{ds}\" Algorithm=\"{rsa}\" Id=\"o\"></ds:SignatureMethod>"),
            String::new(),
        )
    };
    let si_inner = format!(
        "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"{rsa}\"{sm_attr}></ds:SignatureMethod><ds:Reference URI=\"#o\"><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"></ds:DigestMethod><ds:DigestValue>{}</ds:DigestValue></ds:Reference>",
        sha(target.as_bytes())
    );
    let si = format!("<ds:SignedInfo xmlns:ds=\"{ds}\">{si_inner}</ds:SignedInfo>");
    let value = b64(&k.key.sign(si.as_bytes()).unwrap());
    format!(
        "<a><p>UNSIGNED: PAY 1000000</p><ds:Signature xmlns:ds=\"{ds}\"><ds:SignedInfo>{si_inner}</ds:SignedInfo><ds:SignatureValue>{value}</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>{object_el}</ds:Signature></a>",
        b64(k.certificate.der())
    )
}

#[test]
fn a_signature_over_its_own_parts_signs_nothing() {
    for object in [true, false] {
        let xml = covering_its_own(object);
        let v = xmldsig::verify(xml.as_bytes(), &common::rsa_verifier(), &expect()).unwrap();
        assert_eq!(v.overall(), Overall::Invalid, "object {object}: {v:#?}");
        assert!(v.signed_parts().is_none() && v.verified_octets().is_none());
    }
}
