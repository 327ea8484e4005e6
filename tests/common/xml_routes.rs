//! The XML routes of the service in process (`/xml/verify`, `/wsse/verify`) and the
//! documents the XML reviews (86-90) build their hostile inputs from: the test PKI's
//! signers' PKCS#12 bundles, documents signed whole in Kalkan's shape, insertions by text,
//! the library's own verdict beside the route's.
#![cfg(feature = "server")]

use base64::Engine as _;
use qoltanba::xmldsig;
use qoltanba::Judged as _;
use serde_json::{json, Value};

use super::service::Service;

/// The time the XML reviews judge at (the RSA test PKI's CRL current).
pub const AT: &str = "2026-11-23T00:00:00Z";
/// The time the committed XAdES samples are judged at (as tests/xades.rs).
pub const XADES_AT: &str = "2026-12-01T00:00:00Z";

/// `individual_sign.p12` (password `Qwerty12`): the person who signs.
pub fn bundle() -> qoltanba::keys::KeyBundle {
    p12("individual_sign.p12")
}

/// `legal_sign.p12`: a second signer (a legal entity's employee).
pub fn legal() -> qoltanba::keys::KeyBundle {
    p12("legal_sign.p12")
}

fn p12(name: &str) -> qoltanba::keys::KeyBundle {
    let p12 = std::fs::read(super::pki(name)).unwrap();
    qoltanba::keys::open_pkcs12(&p12, b"Qwerty12").unwrap()
}

pub fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// The service with the RSA verifier, judging at [`AT`].
pub fn service() -> Service {
    Service::start(super::rsa_verifier(), AT)
}

/// `POST route {"xml": xml}`: (status, `valid`, the whole answer).
pub fn ask_xml(s: &Service, route: &str, xml: &str) -> (u16, Value, Value) {
    let (st, a) = s.post(route, &json!({ "xml": xml }).to_string());
    (st, a["valid"].clone(), a)
}

/// `doc` signed whole (`URI=""`) by `k` with `sign_with` (Kalkan's shape).
pub fn signed_by(k: &qoltanba::keys::KeyBundle, doc: &[u8]) -> String {
    let options = xmldsig::XmlSignOptions::new();
    String::from_utf8(xmldsig::sign_with(doc, &k.certificate, &k.key, &options).unwrap()).unwrap()
}

/// `<order><amount>1</amount></order>` signed whole (`URI=""`) by `sign_with`.
pub fn signed_order() -> String {
    signed_by(&bundle(), b"<order><amount>1</amount></order>")
}

/// `signed` with `inner` inserted right before the first `at`.
pub fn before(signed: &str, at: &str, inner: &str) -> String {
    let i = signed.find(at).unwrap();
    let mut out = signed.to_string();
    out.insert_str(i, inner);
    out
}

/// `signed` with `inner` inserted right after the first `at`.
pub fn after(signed: &str, at: &str, inner: &str) -> String {
    let i = signed.find(at).unwrap() + at.len();
    let mut out = signed.to_string();
    out.insert_str(i, inner);
    out
}

/// The test PKI's certificate `name`.
pub fn cert(name: &str) -> qoltanba::Certificate {
    let der = std::fs::read(super::pki(name)).unwrap();
    qoltanba::Certificate::from_input(&der).unwrap()
}

/// The test PKI's certificate `name`, base64 of its DER.
pub fn cert_b64(name: &str) -> String {
    b64(cert(name).der())
}

/// The text of the first element of `doc` whose local name is `local` (any prefix).
pub fn first_text<'a>(doc: &'a str, local: &str) -> &'a str {
    let mut from = 0;
    loop {
        let i = from + doc[from..].find(&format!("{local}>")).unwrap();
        let start = doc[..i].rfind('<').unwrap();
        if !doc[start..].starts_with("</") {
            let open = i + local.len() + 1;
            let close = doc[open..].find('<').unwrap();
            return &doc[open..open + close];
        }
        from = i + 1;
    }
}

/// Whether the library itself judges `doc` valid (the RSA verifier, at `at`).
pub fn library_valid_at(doc: &str, at: &str) -> bool {
    let v = super::rsa_verifier();
    let e = qoltanba::Expectation::at(super::time(at));
    xmldsig::verify(doc.as_bytes(), &v, &e).unwrap().is_valid()
}

/// [`library_valid_at`] [`AT`].
pub fn library_valid(doc: &str) -> bool {
    library_valid_at(doc, AT)
}

/// Each of `docs` judged on `/xml/verify` of `s`: the (label, `valid`, message) of those
/// not answered `valid: false`.
pub fn not_refused(s: &Service, docs: &[(&str, String)]) -> Vec<(String, Value, Value)> {
    answered_other_than(s, docs, false)
}

/// Each of `docs` judged on `/xml/verify` of `s`: the (label, `valid`, message) of those
/// not answered `valid: true`.
pub fn not_valid(s: &Service, docs: &[(&str, String)]) -> Vec<(String, Value, Value)> {
    answered_other_than(s, docs, true)
}

fn answered_other_than(
    s: &Service,
    docs: &[(&str, String)],
    expected: bool,
) -> Vec<(String, Value, Value)> {
    docs.iter()
        .filter_map(|(label, doc)| {
            let (st, valid, a) = ask_xml(s, "/xml/verify", doc);
            assert_eq!(st, 200, "{label}: {a}");
            (valid != json!(expected)).then(|| (label.to_string(), valid, a["message"].clone()))
        })
        .collect()
}

/// A committed XAdES sample (test-vectors/pki/xades: `xades_b.xml`, `xades_t.xml`).
pub fn xades_sample(name: &str) -> String {
    let path = super::pki("xades").join(name);
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

/// A big-endian unsigned integer in decimal.
pub fn decimal(serial: &[u8]) -> String {
    let mut digits = vec![0u8];
    for &b in serial {
        let mut carry = u32::from(b);
        for d in digits.iter_mut() {
            let v = u32::from(*d) * 256 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
}

/// The XAdES-T sample (judged at [`XADES_AT`]) given `inner` first in its
/// UnsignedSignatureProperties.
pub fn in_unsigned(inner: &str) -> String {
    after(
        &xades_sample("xades_t.xml"),
        "<xades:UnsignedSignatureProperties>",
        inner,
    )
}
