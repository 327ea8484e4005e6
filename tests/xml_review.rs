//! Hostile inputs of the review of 2026-12-06 (XMLDSig, WS-Security, the NCANode routes).
//! Each test asserts the safe behaviour; the two `#[ignore]`d ones measure the work of
//! documents that were quadratic (exclusive C14N over deep rebindings, the own-parts check
//! over many Objects) and print it: run them with `--ignored --nocapture`.

mod common;

use base64::Engine as _;
use qoltanba::xmldsig;
use qoltanba::{Expectation, Judged as _, Overall};
use sha2::Digest as _;

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const EXC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

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

/// A ds:Signature made by hand: SignedInfo canonicalised with exclusive C14N (written here
/// in its canonical form), one Reference `URI=""` with the enveloped-signature transform
/// and exclusive C14N, over `canonical` (the exclusive canonical form of the document less
/// the signature, as the caller computed it).
fn exc_whole_signature(canonical: &str) -> String {
    let k = bundle();
    let si_inner = format!(
        "<ds:CanonicalizationMethod Algorithm=\"{EXC}\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"{RSA_SHA256}\"></ds:SignatureMethod><ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"{ENVELOPED}\"></ds:Transform><ds:Transform Algorithm=\"{EXC}\"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{}</ds:DigestValue></ds:Reference>",
        sha(canonical.as_bytes())
    );
    let si = format!("<ds:SignedInfo xmlns:ds=\"{DS}\">{si_inner}</ds:SignedInfo>");
    let value = b64(&k.key.sign(si.as_bytes()).unwrap());
    format!(
        "<ds:Signature xmlns:ds=\"{DS}\"><ds:SignedInfo>{si_inner}</ds:SignedInfo><ds:SignatureValue>{value}</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>",
        b64(k.certificate.der())
    )
}

/// A whole-document Reference canonicalised with exclusive C14N does not cover namespace
/// declarations the document does not visibly use (here `t`, used only inside the value of
/// `xsi:type`, a QName in content). `verified_octets` hands out the document less its
/// signatures in *inclusive* C14N, which renders every declaration: a binding the signer
/// never signed (`t` rebound to another namespace, changing the type `xsi:type` names)
/// comes out as verified content.
#[test]
fn exclusive_whole_reference_hands_out_an_unsigned_namespace_binding() {
    let doc = |t: &str, sig: &str| {
        format!("<a xmlns:t=\"{t}\" xmlns:xsi=\"{XSI}\"><v xsi:type=\"t:Money\">5</v>{sig}</a>")
    };
    // The exclusive canonical form of the document less the signature: `t` is not
    // visibly used, so it is not rendered.
    let canonical = format!("<a><v xmlns:xsi=\"{XSI}\" xsi:type=\"t:Money\">5</v></a>");
    let sig = exc_whole_signature(&canonical);
    let signed = doc("urn:good", &sig);
    let v = xmldsig::verify(signed.as_bytes(), &common::rsa_verifier(), &expect()).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "the signature as made: {v:#?}");

    // The binding of `t` changed after signing: still valid (exclusive C14N by design) ...
    let forged = doc("urn:evil", &sig);
    let v = xmldsig::verify(forged.as_bytes(), &common::rsa_verifier(), &expect()).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    // ... but what is handed out as verified must be what the Reference covered: never the
    // rebinding nobody signed.
    let out = v
        .verified_octets()
        .map(|o| String::from_utf8_lossy(o).into_owned());
    assert!(
        out.as_deref().is_none_or(|o| !o.contains("urn:evil")),
        "verified_octets hands out an unsigned namespace binding: {out:?}"
    );
    for p in v.signed_parts().unwrap().get() {
        let text = String::from_utf8_lossy(p.octets());
        assert!(
            !text.contains("urn:evil"),
            "signed_parts hands out an unsigned namespace binding: {text}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The NCANode-compatible routes, over HTTP.

#[cfg(feature = "server")]
mod routes {
    use super::*;
    use common::service::Service;

    /// `/wsse/verify` promises that "the envelope's own Body must be what the signature
    /// covers (signature wrapping is refused)". The library checks that only when the
    /// document element is a SOAP Envelope: a signed SOAP message put inside any other
    /// document element, its signed Body moved aside and an unsigned Body in its place,
    /// is answered `valid: true`, though the Body a client reads (the envelope's) was never
    /// signed. (`/xml/verify` answers false for the same document: only part is signed.)
    #[test]
    fn wsse_verify_refuses_a_wrapped_envelope_that_is_not_the_document_element() {
        let k = bundle();
        let soap = "http://schemas.xmlsoap.org/soap/envelope/";
        let env =
            format!("<s:Envelope xmlns:s=\"{soap}\"><s:Body><pay>10</pay></s:Body></s:Envelope>");
        let signed =
            String::from_utf8(xmldsig::sign_soap(env.as_bytes(), &k.certificate, &k.key).unwrap())
                .unwrap();
        let service = Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
        let ask = |route: &str, xml: &str| {
            service.post(route, &serde_json::json!({ "xml": xml }).to_string())
        };
        let (status, r) = ask("/wsse/verify", &signed);
        assert_eq!(
            (status, &r["valid"]),
            (200, &serde_json::json!(true)),
            "{r}"
        );

        // The signed Body moved into a hidden element, an unsigned one in its place, the
        // envelope wrapped in another document element.
        let start = signed.find("<s:Body").unwrap();
        let end = signed.find("</s:Body>").unwrap() + "</s:Body>".len();
        let body = signed[start..end].to_string();
        let mut forged = signed.clone();
        forged.replace_range(start..end, "<s:Body><pay>1000000</pay></s:Body>");
        let forged = format!(
            "<w:Wrapper xmlns:w=\"urn:w\" xmlns:s=\"{soap}\">{forged}<w:Archive>{body}</w:Archive></w:Wrapper>"
        );
        // The library itself hands out only the signed Body (its contract) ...
        let v = xmldsig::verify(forged.as_bytes(), &common::rsa_verifier(), &expect()).unwrap();
        if v.is_valid() {
            for p in v.signed_parts().unwrap().get() {
                assert!(!String::from_utf8_lossy(p.octets()).contains("1000000"));
            }
        }
        // ... but NCANode's route answers only `valid` about the document sent.
        let (status, r) = ask("/xml/verify", &forged);
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["valid"], false, "/xml/verify: {r}");
        let (status, r) = ask("/wsse/verify", &forged);
        assert_eq!(status, 200, "{r}");
        assert_eq!(
            r["valid"], false,
            "/wsse/verify accepted a wrapped envelope whose Body is unsigned: {r}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Work.

/// A document whose exclusive canonicalisation costs (depth x namespaces) per element:
/// 31 prefixes `b*` rendered once at the document element, then `depth` nested elements
/// each rebinding 32 prefixes `a*` (so each renders 32 declarations), then `leaves` leaf
/// elements that use every `b*` prefix, each of which the exclusive canonicaliser looks up
/// through the whole stack of rendered declarations. `signatures` signatures with one
/// exclusive whole-document Reference each (their digests do not match: each is
/// canonicalised once or twice, then refused). `flat`: the same bytes without the nesting.
fn exc_c14n_bomb(depth: usize, leaves: usize, signatures: usize, flat: bool) -> String {
    let mut s = String::from("<r");
    for i in 0..31 {
        s.push_str(&format!(" xmlns:b{i}=\"urn:b\""));
    }
    for i in 0..31 {
        s.push_str(&format!(" b{i}:x=\"\""));
    }
    s.push('>');
    let sig = format!(
        "<Signature xmlns=\"{DS}\"><SignedInfo><CanonicalizationMethod Algorithm=\"{EXC}\"/><SignatureMethod Algorithm=\"{RSA_SHA256}\"/><Reference URI=\"\"><Transforms><Transform Algorithm=\"{ENVELOPED}\"/><Transform Algorithm=\"{EXC}\"/></Transforms><DigestMethod Algorithm=\"{SHA256}\"/><DigestValue>AAAA</DigestValue></Reference></SignedInfo><SignatureValue>AAAA</SignatureValue></Signature>"
    );
    for _ in 0..signatures {
        s.push_str(&sig);
    }
    for level in 0..depth {
        s.push_str("<e");
        for i in 0..32 {
            if flat {
                s.push_str(&format!(" n{i}=\"{}\"", level % 2));
            } else {
                s.push_str(&format!(" xmlns:a{i}=\"{}\"", level % 2));
            }
        }
        for i in 0..32 {
            if flat {
                s.push_str(&format!(" m{i}:x=\"\"").replace(':', "_"));
            } else {
                s.push_str(&format!(" a{i}:x=\"\""));
            }
        }
        s.push('>');
    }
    let mut leaf = String::from("<l");
    for i in 0..31 {
        leaf.push_str(&format!(" b{i}:x=\"\""));
    }
    leaf.push_str("/>");
    for _ in 0..leaves {
        s.push_str(&leaf);
    }
    for _ in 0..depth {
        s.push_str("</e>");
    }
    s.push_str("</r>");
    s
}

/// Measurement, not an assertion on time: the exclusive canonicaliser's lookup of a
/// prefix's rendered value scans the stack of every declaration its output ancestors
/// rendered (`c14n::exc_element`, `rendered.iter().rev().find(..)`), so a document of
/// n bytes at depth d with k namespaces costs n x d x k, not n. The References' budget
/// (`Limits::document_rehashed_bytes`, 512 MiB) counts output bytes, not this work.
/// Run with `--ignored --nocapture` to print the two timings.
#[test]
#[ignore]
fn exclusive_c14n_work_grows_with_depth_times_namespaces() {
    let v = common::rsa_verifier();
    for flat in [true, false] {
        let doc = exc_c14n_bomb(250, 2_000, 1, flat);
        let t = std::time::Instant::now();
        let r = xmldsig::verify(doc.as_bytes(), &v, &expect());
        println!(
            "flat {flat}: {} bytes, {:?}, verdict {:?}",
            doc.len(),
            t.elapsed(),
            r.map(|r| r.overall())
        );
    }
}

/// A signature whose `refs` References all name one element `#x` nested `depth` deep
/// inside its own KeyInfo (their digests match: made here), and which has `objects` empty
/// ds:Object children. `inside`: false puts the element in the document's content instead.
fn own_parts_bomb(depth: usize, objects: usize, refs: usize, inside: bool) -> String {
    let target = if inside {
        format!("<k xmlns=\"{DS}\" Id=\"x\">v</k>")
    } else {
        "<k Id=\"x\">v</k>".to_string()
    };
    let reference = format!(
        "<Reference URI=\"#x\"><DigestMethod Algorithm=\"{SHA256}\"/><DigestValue>{}</DigestValue></Reference>",
        sha(target.as_bytes())
    );
    let mut s = String::from("<r>");
    if !inside {
        s.push_str("<k Id=\"x\">v</k>");
    }
    s.push_str(&format!(
        "<Signature xmlns=\"{DS}\"><SignedInfo><CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/><SignatureMethod Algorithm=\"{RSA_SHA256}\"/>{}</SignedInfo><SignatureValue>AAAA</SignatureValue><KeyInfo>",
        reference.repeat(refs)
    ));
    if inside {
        s.push_str(&"<k>".repeat(depth));
        s.push_str("<k Id=\"x\">v</k>");
        s.push_str(&"</k>".repeat(depth));
    }
    s.push_str("</KeyInfo>");
    s.push_str(&"<Object/>".repeat(objects));
    s.push_str("</Signature></r>");
    s
}

/// Measurement, not an assertion on time: for each Reference whose digest matched, whether
/// the element is "content" (`is_content` in `xmldsig::judge`) compares every element of
/// its ancestor chain with every ds:Object of the signature: References x depth x Objects
/// pointer comparisons, none of it charged to any budget (the digests are over a few
/// bytes). A document can make every digest match: they are checked before the signature.
/// Run with `--ignored --nocapture` to print the timings.
#[test]
#[ignore]
fn own_parts_check_work_grows_with_references_depth_and_objects() {
    let v = common::rsa_verifier();
    for (refs, inside) in [(4, false), (4, true), (8, true)] {
        let doc = own_parts_bomb(250, 450_000, refs, inside);
        let t = std::time::Instant::now();
        let r = xmldsig::verify(doc.as_bytes(), &v, &expect());
        println!(
            "refs {refs} inside {inside}: {} bytes, {:?}, verdict {:?}",
            doc.len(),
            t.elapsed(),
            r.as_ref().map(|r| r.overall())
        );
        if let Ok(r) = r {
            println!("  {:?}", r.refusal().map(|x| x.ru().to_string()));
        }
    }
}
