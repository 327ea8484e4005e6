//! Review 19 (2027-01): XML signature verification, second hostile pass. WS-Security
//! envelopes (their shape, their Timestamp), what the parser accepts as XML, and the
//! Reference, KeyInfo and Id forms not yet covered by `tests/xmldsig.rs`,
//! `tests/xml_review.rs`, `tests/xml_gost_review.rs`, `tests/xml_signer_hostile.rs`.
//!
//! Each test asserts the safe behaviour. Tests named `held_` are attacks the library
//! withstood when reviewed (kept as regressions); the others failed at review time, each
//! for the reason its comment gives.

mod common;

use base64::Engine as _;
use qoltanba::xmldsig;
use qoltanba::{Expectation, Judged as _, Overall};
use sha2::Digest as _;

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
#[cfg(feature = "server")]
const EXC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const HMAC_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const S12: &str = "http://www.w3.org/2003/05/soap-envelope";
#[cfg(feature = "server")]
const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

fn bundle() -> qoltanba::keys::KeyBundle {
    qoltanba::keys::open_pkcs12(
        &std::fs::read(common::pki("individual_sign.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
}

fn expect() -> Expectation {
    Expectation::at(common::time("2026-11-23T00:00:00Z"))
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn sha(b: &[u8]) -> String {
    b64(&sha2::Sha256::digest(b))
}

fn verify(xml: &str) -> qoltanba::xmldsig::XmlVerdict {
    xmldsig::verify(xml.as_bytes(), &common::rsa_verifier(), &expect()).unwrap()
}

/// A ds:Signature made by hand, placed where no namespace is inherited but its own (or
/// canonicalised with exclusive C14N): SignedInfo's canonical form is
/// `<ds:SignedInfo xmlns:ds="...">inner</ds:SignedInfo>`, `inner` written canonically.
fn hand_signature(inner: &str) -> String {
    let k = bundle();
    let si = format!("<ds:SignedInfo xmlns:ds=\"{DS}\">{inner}</ds:SignedInfo>");
    let value = b64(&k.key.sign(si.as_bytes()).unwrap());
    format!(
        "<ds:Signature xmlns:ds=\"{DS}\"><ds:SignedInfo>{inner}</ds:SignedInfo><ds:SignatureValue>{value}</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>",
        b64(k.certificate.der())
    )
}

/// SignedInfo's content: `c14n` and `method`, then `references` (canonical).
fn signed_info(c14n: &str, method: &str, references: &str) -> String {
    format!(
        "<ds:CanonicalizationMethod Algorithm=\"{c14n}\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"{method}\"></ds:SignatureMethod>{references}"
    )
}

/// One Reference (canonical form); `uri` `None` leaves the attribute out.
fn reference(uri: Option<&str>, transforms: &[&str], digest: &str) -> String {
    let t: String = transforms
        .iter()
        .map(|a| format!("<ds:Transform Algorithm=\"{a}\"></ds:Transform>"))
        .collect();
    let t = if t.is_empty() {
        t
    } else {
        format!("<ds:Transforms>{t}</ds:Transforms>")
    };
    let uri = uri.map(|u| format!(" URI=\"{u}\"")).unwrap_or_default();
    format!(
        "<ds:Reference{uri}>{t}<ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference>"
    )
}

/// A WS-Security signature (exclusive C14N throughout) over the elements `(Id, exclusive
/// canonical form)`.
#[cfg(feature = "server")]
fn wsse_signature(refs: &[(&str, &str)]) -> String {
    let r: String = refs
        .iter()
        .map(|(id, canonical)| {
            reference(Some(&format!("#{id}")), &[EXC], &sha(canonical.as_bytes()))
        })
        .collect();
    hand_signature(&signed_info(EXC, RSA_SHA256, &r))
}

/// A SOAP 1.1 request as `sign_soap` signs it (SmartBridge): the Body by wsu:Id.
fn signed_envelope() -> String {
    let k = bundle();
    let plain = format!(
        "<s:Envelope xmlns:s=\"{S11}\"><s:Header></s:Header><s:Body><pay>10</pay></s:Body></s:Envelope>"
    );
    String::from_utf8(xmldsig::sign_soap(plain.as_bytes(), &k.certificate, &k.key).unwrap())
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// WS-Security

/// A SOAP Envelope is `Header?` then `Body` (SOAP 1.2 Part 1 §5.1: "one or two element
/// information item children in order as follows: an optional Header, a mandatory Body";
/// SOAP 1.1 §4: the Body "MUST directly follow the SOAP Header element if present.
/// Otherwise it MUST be the first immediate child element of the SOAP Envelope"). The
/// library finds "the envelope's own Body" as the one child of the Envelope named Body in
/// its namespace (`soap_body`) and refuses several Bodies, but accepts any other child
/// anywhere: a second `s:Header` (an unsigned one, with the headers a client acts on:
/// WS-Addressing, the sender's ids), an unknown element, or a `Body` in another namespace,
/// put before the signed Body. A client that takes the Header, or the Body, by position or
/// by local name (SmartBridge clients often do) reads the unsigned one.
///
/// At review: `Valid` (library) and `valid: true` (`/wsse/verify`) for all three.
/// Expected: an envelope that is not `Header? Body` is no SOAP message the signature can
/// vouch for: not valid (as "several Bodies" already is).
#[test]
fn a_soap_envelope_that_is_not_header_then_body_is_refused() {
    let signed = signed_envelope();
    assert_eq!(verify(&signed).overall(), Overall::Valid, "control");
    let at = signed.find("<s:Body").unwrap();
    let forgeries = [
        (
            "a second Header",
            "<s:Header><to>attacker</to></s:Header>".to_string(),
        ),
        (
            "an element before the Body",
            "<pay>1000000</pay>".to_string(),
        ),
        (
            "a Body in another namespace first",
            "<x:Body xmlns:x=\"urn:x\"><pay>1000000</pay></x:Body>".to_string(),
        ),
    ];
    #[cfg(feature = "server")]
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let mut wrong = Vec::new();
    for (what, insert) in forgeries {
        let mut forged = signed.clone();
        forged.insert_str(at, &insert);
        let v = verify(&forged);
        if v.overall() == Overall::Valid {
            wrong.push(format!("library: {what}"));
        }
        #[cfg(feature = "server")]
        {
            let (status, r) = service.post(
                "/wsse/verify",
                &serde_json::json!({ "xml": forged }).to_string(),
            );
            assert_eq!(status, 200, "{r}");
            if r["valid"] == true {
                wrong.push(format!("/wsse/verify: {what}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "envelopes that are not Header? Body answered valid: {wrong:?}"
    );
}

/// WS-Security's Timestamp (SOAP Message Security 1.1 §10) bounds a message's life: a
/// message received after its `wsu:Expires` is expired and is to be refused (WSS4J, WSE,
/// WebLogic and the other stacks fault it; it is what stops a replay of a captured
/// request). Here the Timestamp is even signed (covered by a Reference next to the Body's),
/// and expired eleven months before the time judged: nothing in `xmldsig` or in
/// `/wsse/verify` reads `wsu:Timestamp`, so a captured SmartBridge request replayed a year
/// later is answered valid.
///
/// At review: `valid: true`. Expected: `valid: false` (expired), or the route says it
/// does not judge the Timestamp (it does not: nothing says so).
#[cfg(feature = "server")]
#[test]
fn an_expired_ws_security_timestamp_is_not_valid() {
    let ts = format!(
        "<wsu:Timestamp xmlns:wsu=\"{WSU}\" wsu:Id=\"TS\"><wsu:Created>2026-01-01T00:00:00Z</wsu:Created><wsu:Expires>2026-01-01T00:05:00Z</wsu:Expires></wsu:Timestamp>"
    );
    let body = format!(
        "<s:Body xmlns:s=\"{S11}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"B\"><pay>10</pay></s:Body>"
    );
    let sig = wsse_signature(&[("TS", &ts), ("B", &body)]);
    let envelope = format!(
        "<s:Envelope xmlns:s=\"{S11}\"><s:Header><wsse:Security xmlns:wsse=\"{WSSE}\" s:mustUnderstand=\"1\">{ts}{sig}</wsse:Security></s:Header>{body}</s:Envelope>"
    );
    // The signature itself holds: both References match; the message has expired (the
    // library refuses it, and says why).
    let v = verify(&envelope);
    assert_eq!(v.signers()[0].overall(), Overall::Valid, "{v:#?}");
    assert!(v.signers()[0].covers().unwrap().contains("#TS"));
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    assert!(
        v.checks()
            .iter()
            .any(|c| c.name() == qoltanba::CheckName::Timestamp && c.reason().contains("expired")),
        "{v:#?}"
    );
    // The same message judged before it expired holds.
    let before = common::rsa_verifier();
    let early = qoltanba::xmldsig::verify(
        envelope.as_bytes(),
        &before,
        &qoltanba::Expectation::at(common::time("2026-01-01T00:03:00Z")),
    )
    .unwrap();
    assert_eq!(early.overall(), Overall::Valid, "{early:#?}");

    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let (status, r) = service.post(
        "/wsse/verify",
        &serde_json::json!({ "xml": envelope }).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(
        r["valid"], false,
        "a message whose signed wsu:Timestamp expired 2026-01-01T00:05Z is valid on 2026-11-23: {r}"
    );
}

// ---------------------------------------------------------------------------------------
// What is XML

/// `verify` states: "Input that is not well-formed XML (or has a DTD, or is too large) is
/// an error; everything else is a verdict." The parser (quick-xml, with the library's own
/// checks) lets through input that XML 1.0 and Namespaces in XML say is not well-formed,
/// and `sign` signs it, and `verify` answers `Valid` over it: `<` in an attribute value
/// (XML 1.0 [10] AttValue), attributes with no white space between them ([40] STag),
/// control characters, raw or by reference (§2.2 Char, §4.1 WFC Legal Character), a
/// name that starts with a digit (§2.3 Name), a QName with two colons (Namespaces §3), two
/// attributes with one expanded name (Namespaces §6.3), `]]>` in content (§2.4), an XML
/// declaration of a version that is not 1.x ([26] VersionNum). Every other XMLDSig
/// implementation refuses these documents: a "valid" verdict on one is a verdict on a
/// document no relying party can read the same way (a parser that recovers reads what it
/// likes of it), and it is not what the function promises.
///
/// At review: `Ok(Valid)` for each. Expected: `Err` (not well-formed), from `sign` and
/// from `verify` alike.
#[test]
fn ill_formed_xml_is_an_error_not_a_verdict() {
    let k = bundle();
    let v = common::rsa_verifier();
    // Each ill-formed document is a well-formed one with some markup rewritten (the
    // rewrites are markup, never base64, so they do not touch a signature's text).
    let cases: [(&str, &[(&str, &str)]); 10] = [
        ("<a b=\"&lt;x>\">t</a>", &[("&lt;x>", "<x>")]),
        ("<a b=\"1\" c=\"2\">t</a>", &[("\" c=", "\"c=")]),
        ("<a>t</a>", &[(">t<", ">\u{1}<")]),
        ("<a>&#9;</a>", &[("&#9;", "&#1;")]),
        ("<a>&#9;</a>", &[("&#9;", "&#xFFFE;")]),
        ("<a1>t</a1>", &[("<a1>", "<1a>"), ("</a1>", "</1a>")]),
        (
            "<p:b xmlns:p=\"urn:p\">t</p:b>",
            &[("<p:b ", "<p:b:c "), ("</p:b>", "</p:b:c>")],
        ),
        (
            "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" p:x=\"1\" q:x=\"2\">t</a>",
            &[("\"urn:q\"", "\"urn:p\"")],
        ),
        ("<a>x ]]&gt; y</a>", &[("]]&gt;", "]]>")]),
        (
            "<?xml version=\"1.0\"?><a>t</a>",
            &[("version=\"1.0\"", "version=\"2.0\"")],
        ),
    ];
    let ill = |xml: &str, rewrites: &[(&str, &str)]| {
        rewrites
            .iter()
            .fold(xml.to_string(), |x, (from, to)| x.replace(from, to))
    };
    let mut accepted = Vec::new();
    for (good, rewrites) in cases {
        let doc = ill(good, rewrites);
        // Not signed as it is ...
        if let Ok(signed) = xmldsig::sign(doc.as_bytes(), &k.certificate, &k.key) {
            accepted.push(format!("{doc:?}: signed"));
            if let Ok(verdict) = xmldsig::verify(&signed, &v, &expect()) {
                accepted.push(format!("{doc:?}: {:?}", verdict.overall()));
            }
        }
        // ... nor answered when a signed document is made so.
        let signed = xmldsig::sign(good.as_bytes(), &k.certificate, &k.key).unwrap();
        let signed = String::from_utf8(signed).unwrap();
        let forged = ill(&signed, rewrites);
        assert_ne!(forged, signed, "{good:?}");
        if let Ok(verdict) = xmldsig::verify(forged.as_bytes(), &v, &expect()) {
            accepted.push(format!("{forged:?}: {:?}", verdict.overall()));
        }
    }
    assert!(
        accepted.is_empty(),
        "ill-formed XML signed or answered with a verdict: {accepted:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// Held

/// The Body's Id carried again by an element of the Header (an `Id`, `ID`, `id` or
/// `wsu:Id` of one value is one Id): the Reference is ambiguous and refused, whichever
/// element the Header copy is.
#[test]
fn held_a_body_id_duplicated_in_the_header_is_refused() {
    let signed = signed_envelope();
    for copy in [
        "<x Id=\"id-body\"><pay>1000000</pay></x>".to_string(),
        format!("<x xmlns:u=\"{WSU}\" u:Id=\"id-body\"><pay>1000000</pay></x>"),
        "<x id=\"id-body\"></x>".to_string(),
    ] {
        let forged = signed.replacen("<s:Header>", &format!("<s:Header>{copy}"), 1);
        assert_ne!(forged, signed);
        let v = verify(&forged);
        assert_ne!(v.overall(), Overall::Valid, "{copy}: {v:#?}");
    }
}

/// SOAP 1.1 and 1.2 do not mix: the signed Body rebound to the SOAP 1.2 namespace inside
/// a SOAP 1.1 Envelope is no Body of it, and a signature by Id over it is not valid.
#[test]
fn held_a_soap12_body_in_a_soap11_envelope_is_not_its_body() {
    let signed = signed_envelope();
    let forged = signed.replacen("<s:Body ", &format!("<s:Body xmlns:s=\"{S12}\" "), 1);
    assert_ne!(forged, signed);
    let v = verify(&forged);
    assert_ne!(v.overall(), Overall::Valid, "{v:#?}");
}

/// The BinarySecurityToken the SecurityTokenReference names swapped for another
/// certificate (the legal entity's): the signature does not verify with it, and no other
/// certificate is taken from the document.
#[test]
fn held_a_security_token_that_is_not_the_signer_is_invalid() {
    let signed = signed_envelope();
    let other = std::fs::read(common::pki("legal_sign.cer")).unwrap();
    let other = qoltanba::Certificate::from_input(&other).unwrap();
    let mine = b64(bundle().certificate.der());
    let forged = signed.replacen(&mine, &b64(other.der()), 1);
    assert_ne!(forged, signed);
    let v = verify(&forged);
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
}

/// A second ds:Signature in the Security header (a copy whose value was changed): every
/// signature is required, and the copy fails.
#[test]
fn held_a_second_signature_in_the_security_header_must_hold() {
    let signed = signed_envelope();
    let start = signed.find("<ds:Signature").unwrap();
    let end = signed.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let sig = &signed[start..end];
    let broken = sig.replacen("<ds:SignatureValue>", "<ds:SignatureValue>AAAA", 1);
    let forged = format!("{}{broken}{}", &signed[..end], &signed[end..]);
    let v = verify(&forged);
    assert_ne!(v.overall(), Overall::Valid, "{v:#?}");
}

/// Reference forms the library does not read and transform orders it does not apply are
/// never valid, with signatures that are otherwise sound: `URI` omitted, `#xpointer(/)`,
/// `#xpointer(id('d'))`, the enveloped-signature transform after C14N, and an HMAC
/// SignatureMethod over an RSA key (an HMAC keyed with the public key would verify
/// anything).
#[test]
fn held_unread_reference_forms_and_methods_are_not_valid() {
    let data = "<data Id=\"d\">pay 10</data>";
    let digest = sha(data.as_bytes());
    let doc = |si: &str| format!("<root>{data}{}</root>", hand_signature(si));
    let cases = [
        (
            "URI omitted",
            signed_info(C14N, RSA_SHA256, &reference(None, &[C14N], &digest)),
        ),
        (
            "#xpointer(/)",
            signed_info(
                C14N,
                RSA_SHA256,
                &reference(Some("#xpointer(/)"), &[ENVELOPED, C14N], &digest),
            ),
        ),
        (
            "#xpointer(id('d'))",
            signed_info(
                C14N,
                RSA_SHA256,
                &reference(Some("#xpointer(id('d'))"), &[C14N], &digest),
            ),
        ),
        (
            "enveloped after C14N",
            signed_info(
                C14N,
                RSA_SHA256,
                &reference(Some("#d"), &[C14N, ENVELOPED], &digest),
            ),
        ),
        (
            "HMAC",
            signed_info(C14N, HMAC_SHA256, &reference(Some("#d"), &[C14N], &digest)),
        ),
    ];
    // Control: the same signature with `#d` and C14N holds.
    let ok = doc(&signed_info(
        C14N,
        RSA_SHA256,
        &reference(Some("#d"), &[C14N], &digest),
    ));
    assert_eq!(verify(&ok).overall(), Overall::Valid, "control");
    for (what, si) in cases {
        let v = verify(&doc(&si));
        assert_ne!(v.overall(), Overall::Valid, "{what}: {v:#?}");
    }
}

/// `xml:id` is not one of the Id attributes read: a Reference to an element that carries
/// its value only as `xml:id` names nothing, and an `xml:id` copy of a signed element's Id
/// does not make the Reference ambiguous in the other direction either (the `Id` one is
/// what was signed and is what is handed out).
#[test]
fn held_xml_id_is_not_an_id() {
    let data = "<data xml:id=\"d\">pay 10</data>";
    let digest = sha(data.as_bytes());
    let si = signed_info(C14N, RSA_SHA256, &reference(Some("#d"), &[C14N], &digest));
    let v = verify(&format!("<root>{data}{}</root>", hand_signature(&si)));
    assert_ne!(v.overall(), Overall::Valid, "{v:#?}");

    let data = "<data Id=\"d\">pay 10</data>";
    let digest = sha(data.as_bytes());
    let si = signed_info(C14N, RSA_SHA256, &reference(Some("#d"), &[C14N], &digest));
    let doc = format!(
        "<root><fake xml:id=\"d\">pay 1000000</fake>{data}{}</root>",
        hand_signature(&si)
    );
    let v = verify(&doc);
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    for p in v.signed_parts().unwrap().get() {
        assert!(!String::from_utf8_lossy(p.octets()).contains("1000000"));
    }
}
