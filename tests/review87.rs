//! Review 87 (hostile): the last hour's answers to review 86. Reviewed: `007ff3e` (and its
//! predecessors `05c7f16`, `b5ac1c1`): src/xmldsig/carried.rs `unsigned_content`, `foreign`,
//! `Within`, `DSIG_NAMES`, `KEY_INFO_NAMES`, `XADES_NAMES`, `XADES141_NAMES` (what a
//! ds:Signature carries that no Reference of its own covers, refused by `/xml/verify`,
//! src/server/ncanode.rs `xml_answer`, `Covers::Whole`); src/xmldsig/soap.rs `soap_body`
//! (nested SOAP parts looked for outside the Body only).
//!
//! Material: the RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered, its CRL),
//! `individual_sign.p12` (password `Qwerty12`), another person's certificate (revoked.cer),
//! the committed XAdES-B and XAdES-T samples (test-vectors/pki/xades, made with lxml); the
//! service in process on loopback (tests/common/service.rs) judging at 2026-11-23T00:00:00Z
//! (the XAdES samples at 2026-12-01T00:00:00Z, as tests/xades.rs). Documents are signed by
//! the library (`xmldsig::sign_with`) or by hand (WS-Security, exclusive C14N), then changed
//! inside a Signature, which no whole-document (`URI=""`, enveloped) Reference digests. The
//! client the route is for reads the document it sent, by local name (`//X509Certificate`,
//! `//SigningTime`), as review 86's finding 3 took it.
//!
//! Findings:
//!
//! 1. (fixed) `xml_verify_refuses_a_certificate_carried_in_xades_properties` (was
//!    `defect_xml_verify_refuses_a_certificate_carried_in_xades_properties`) (false VALID): the
//!    XAdES-T sample, its ds:Object moved before its KeyInfo (still valid), given
//!    `<ds:X509Data><ds:X509Certificate>` (revoked.cer) first in its
//!    `xades:UnsignedSignatureProperties`, or the same in `xades:CounterSignature/ds:KeyInfo`.
//!    `/xml/verify`: `valid: true`; the document's first `X509Certificate` is the unsigned foreign
//!    one. Expected `valid: false`, as review 86 finding 3 for the same in a bare ds:Object. Cause:
//!    src/xmldsig/carried.rs:299 (`(Within::Xades, _) => Some(Within::Xades)`): any XMLDSig name
//!    under a QualifyingProperties is structure, the KeyInfo rule (line 303) never reached. Fix:
//!    under XAdES allow only the ds: elements XAdES uses (DigestMethod, DigestValue,
//!    X509IssuerName, X509SerialNumber, Transforms/Transform/ XPath of a policy); a
//!    CounterSignature's ds:Signature walked as a Signature (`Within::Dsig`, its own References
//!    covering).
//! 2. (fixed) `xml_verify_refuses_a_certificate_nested_below_other_xmldsig_elements` (was
//!    `defect_xml_verify_refuses_a_certificate_nested_below_other_xmldsig_elements`) (false VALID):
//!    the signed order given, before its KeyInfo, `<ds:Object><ds:Manifest><ds:KeyInfo>
//!    <ds:X509Data><ds:X509Certificate>` (revoked.cer), or the same KeyInfo in a
//!    `ds:SignatureProperty`; or, first in its KeyInfo, `<ds:Object><ds:X509Data>…` or
//!    `<wsse:SecurityTokenReference><ds:Manifest><ds:KeyInfo>…`. `/xml/verify`: `valid: true` for
//!    all four (the verifier reads none of those certificates). Expected `valid: false`: finding 3
//!    of review 86 again, one level down. Cause: src/xmldsig/carried.rs:297 takes a ds:KeyInfo as
//!    KeyInfo at any depth (a Manifest, a SignatureProperty switch to `Within::Dsig`, line 307),
//!    and line 302 takes any XMLDSig name below a KeyInfo as KeyInfo (a ds:Object, a Manifest in
//!    it). Fix: a KeyInfo only as a child of the Signature itself; below a KeyInfo only KeyInfo's
//!    names; in a Manifest only Reference and its children; in a SignatureProperty, a
//!    SecurityTokenReference, no ds: element at all.
//! 3. (fixed) `xml_verify_refuses_a_foreign_certificate_before_the_signers_in_key_info` (was
//!    `defect_xml_verify_refuses_a_foreign_certificate_before_the_signers_in_key_info`) (false
//!    VALID): the signed order given `<ds:X509Data><ds:X509Certificate>` (revoked.cer, another
//!    person, not of the signer's chain) first in its KeyInfo, or a whole second `<ds:KeyInfo>` of
//!    it before its own. `/xml/verify`: `valid: true` (the signer is found as the certificate whose
//!    key verifies, src/xmldsig/judge/signer.rs:22-27, 103-), the first `X509Certificate` of the
//!    document is another person's. Expected `valid: false`: a client reading the signer from the
//!    document takes the wrong person, as in review 86 finding 3. Cause:
//!    src/xmldsig/carried.rs:297, 302: every X509Data of every KeyInfo is structure, whatever it
//!    holds. Fix: on `Covers::Whole` refuse a second KeyInfo, and a certificate in KeyInfo that is
//!    neither the signer's nor of its chain (or the signer's not the first).
//! 4. (fixed) `xml_verify_refuses_a_forged_signing_time_in_unsigned_xades` (was
//!    `defect_xml_verify_refuses_a_forged_signing_time_in_unsigned_xades`) (false VALID): the
//!    XAdES-T sample, its Object first and its UnsignedProperties before its SignedProperties
//!    (still valid), given `<xades:SignedProperties><xades:SignedSignatureProperties>
//!    <xades:SigningTime>2020-01-01T00:00:00Z…` first in its UnsignedSignatureProperties.
//!    `/xml/verify`: `valid: true`; the document's first `SigningTime` is the forged one. Expected
//!    `valid: false`. Cause: src/xmldsig/carried.rs:317-322 allow every XAdES name anywhere under a
//!    QualifyingProperties (no parent checked), and the verifier accepts UnsignedProperties before
//!    SignedProperties (XAdES's sequence). Fix: XAdES names only under their schema parents (at
//!    least SignedProperties and its content only under QualifyingProperties, outside the unsigned
//!    properties); UnsignedProperties after SignedProperties.
//! 5. (fixed) `xml_verify_refuses_text_carried_where_no_schema_holds_text` (was
//!    `defect_xml_verify_refuses_text_carried_where_no_schema_holds_text`) (false VALID): the
//!    XAdES-T sample given `amount=1000000` as text directly in
//!    `xades:UnsignedSignatureProperties`, `xades:UnsignedProperties`, `xades:SignatureTimeStamp`,
//!    `ds:Signature` (after SignedInfo) or `ds:X509Data`. `/xml/verify`: `valid: true` for all
//!    five. Expected `valid: false`: none of those types holds text (review 86 finding 1's fix idea
//!    named X509Data); a client reading the document's text reads it. Cause:
//!    src/xmldsig/carried.rs:334-343 look at the text of Object, Manifest, SignatureProperties,
//!    SignatureProperty only. Fix: non-whitespace text in any element of the walk whose type is
//!    element-only (all but KeyInfo (mixed), the leaf value elements, and XAdES's leaf elements) is
//!    carried content.
//!
//! Held (`held_` tests): honest documents stay valid on `/xml/verify`: Kalkan's shape, our
//! XAdES-B, the lxml XAdES-B and XAdES-T samples, the XAdES-T sample with its Object before
//! KeyInfo or with a XAdES 1.4.1 `TimeStampValidationData` in its unsigned properties, a
//! comment and a processing instruction in a ds:Object, a `ds:KeyName`. Refused: a
//! ds:Signature nested in a Manifest carrying a KeyInfo element in its Object, text in
//! `ds:SignatureValue` (the signature fails), a second QualifyingProperties before the
//! signature's (the verifier), a foreign element in a SecurityTokenReference. On
//! `/wsse/verify` a signature by Id over an element inside the Body (not the Body) is refused,
//! with a SOAP message nested in the Body before it or without; the Body signed whole stays
//! valid with a nested SOAP message before its own content, and one nested in the Header is
//! refused.
//!
//! Not pursued: any WS-Security element in a SecurityTokenReference (e.g. a
//! `wsse:BinarySecurityToken` of another person's certificate is allowed, `valid: true`; a
//! namespace-unaware client reading the first BinarySecurityToken of an `/xml/verify` document
//! is far-fetched); text in a Manifest's `ds:XPath`, `ds:DigestValue`, a `ds:SignedInfo`
//! inside a Manifest (all allowed: XMLDSig structure a client has no reason to read);
//! `ds:KeyName` and `ds:MgmtData` text (string types, KeyInfo's own); two signatures where
//! the second's Object is covered only by the first's Reference by Id, and an Object covered
//! through an Id on an element inside it (need signing by Id, not done in the time); an
//! XAdES-BES with SigningCertificateV2, SignaturePolicyIdentifier, DataObjectFormat,
//! CommitmentTypeIndication (no signer for those properties at hand; their names are in
//! `XADES_NAMES`); the real NCA XML documents were not re-run (tests/xmldsig_nca.rs; review 86
//! notes they cannot be judged valid, so `carried` is never computed for them).

mod common;

use common::service::Service;
use common::xml_routes::*;
use qoltanba::xmldsig;
use serde_json::json;

const XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";
const XADES141: &str = "http://uri.etsi.org/01903/v1.4.1#";
const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// Another person's certificate (revoked.cer), base64.
fn other_certificate() -> String {
    let other = std::fs::read(common::pki("revoked.cer")).unwrap();
    b64(qoltanba::Certificate::from_input(&other).unwrap().der())
}

/// The base64 text of the first `X509Certificate` element of `doc`, by local name.
fn first_certificate(doc: &str) -> String {
    let open = doc.find("X509Certificate>").unwrap() + "X509Certificate>".len();
    let close = doc[open..].find('<').unwrap();
    doc[open..open + close].split_whitespace().collect()
}

// --- defects ---------------------------------------------------------------------------

/// The XAdES-T sample with its `ds:Object` (QualifyingProperties) moved before its
/// `ds:KeyInfo`: no digest changes (the Object is left out of the whole-document digest,
/// its SignedProperties keep their ancestors), so it stays valid.
fn xades_object_first() -> String {
    let sample = xades_sample("xades_t.xml");
    let open = sample.find("<ds:Object>").unwrap();
    let close = sample.find("</ds:Object>").unwrap() + "</ds:Object>".len();
    let object = sample[open..close].to_string();
    let mut out = sample.clone();
    out.replace_range(open..close, "");
    before(&out, "<ds:KeyInfo", &object)
}

/// DEFECT (false VALID). Input: the XAdES-T sample, its Object moved before its KeyInfo,
/// given `<ds:X509Data><ds:X509Certificate>` (revoked.cer) first in its
/// UnsignedSignatureProperties, or in a `xades:CounterSignature/ds:KeyInfo`. Observed:
/// `/xml/verify` `valid: true`, the first `X509Certificate` of the document another
/// person's, signed by no one. Expected: `valid: false` (review 86 finding 3). Cause:
/// src/xmldsig/carried.rs:299: every XMLDSig name under XAdES is structure. Fix: under XAdES
/// only the ds: elements XAdES uses; a CounterSignature's Signature walked as a Signature.
///
/// Found by review 87 (was a defect). Fixed: under XAdES properties only the XMLDSig elements XAdES
/// uses stand (`XADES_DSIG_NAMES`); a counter-signature's ds:Signature is content too.
#[test]
fn xml_verify_refuses_a_certificate_carried_in_xades_properties() {
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let other = other_certificate();
    let moved = xades_object_first();
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &moved);
    assert_eq!(
        (st, valid),
        (200, json!(true)),
        "the XAdES-T sample, Object first: {a}"
    );
    let open = "<xades:UnsignedSignatureProperties>";
    let data =
        format!("<ds:X509Data><ds:X509Certificate>{other}</ds:X509Certificate></ds:X509Data>");
    let forged = after(&moved, open, &data);
    assert_eq!(first_certificate(&forged), other);
    let counter = after(
        &moved,
        open,
        &format!(
            "<xades:CounterSignature><ds:KeyInfo>{data}</ds:KeyInfo></xades:CounterSignature>"
        ),
    );
    assert_eq!(first_certificate(&counter), other);
    let passed = not_refused(
        &x,
        &[
            ("X509Data in UnsignedSignatureProperties", forged),
            ("KeyInfo in a CounterSignature", counter),
        ],
    );
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// DEFECT (false VALID). Input: the signed order given a foreign certificate (revoked.cer)
/// first in the document in `ds:Object/ds:Manifest/ds:KeyInfo/ds:X509Data`, in a
/// `ds:SignatureProperty/ds:KeyInfo`, in `ds:KeyInfo/ds:Object/ds:X509Data`, in
/// `ds:KeyInfo/wsse:SecurityTokenReference/ds:Manifest/ds:KeyInfo`. Observed: `/xml/verify`
/// `valid: true` for all four. Expected: `valid: false`. Cause: src/xmldsig/carried.rs:297
/// (a KeyInfo at any depth), 302 (any ds: name below a KeyInfo), 307 (Manifest,
/// SignatureProperty, a ds: element in a SecurityTokenReference walked as `Within::Dsig`).
/// Fix: a KeyInfo only as the Signature's child, KeyInfo's names only below it, Manifest
/// and SignatureProperty with their schema's children only.
///
/// Found by review 87 (was a defect). Fixed: a KeyInfo is structure only as the Signature's own
/// child (`Within::Signature`), holding only KeyInfo's elements; a KeyInfo's elements, an Object or
/// a Signature elsewhere are content.
#[test]
fn xml_verify_refuses_a_certificate_nested_below_other_xmldsig_elements() {
    let s = service();
    let other = other_certificate();
    let honest = signed_order();
    let key_info = format!(
        "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{other}</ds:X509Certificate>\
         </ds:X509Data></ds:KeyInfo>"
    );
    let manifest = before(
        &honest,
        "<ds:KeyInfo",
        &format!("<ds:Object><ds:Manifest>{key_info}</ds:Manifest></ds:Object>"),
    );
    assert_eq!(first_certificate(&manifest), other);
    let property = before(
        &honest,
        "<ds:KeyInfo",
        &format!(
            "<ds:Object><ds:SignatureProperties><ds:SignatureProperty Target=\"#s\">\
             {key_info}</ds:SignatureProperty></ds:SignatureProperties></ds:Object>"
        ),
    );
    assert_eq!(first_certificate(&property), other);
    let data =
        format!("<ds:X509Data><ds:X509Certificate>{other}</ds:X509Certificate></ds:X509Data>");
    let in_key_info = after(
        &honest,
        "<ds:KeyInfo>",
        &format!("<ds:Object>{data}</ds:Object>"),
    );
    assert_eq!(first_certificate(&in_key_info), other);
    let in_token = after(
        &honest,
        "<ds:KeyInfo>",
        &format!(
            "<wsse:SecurityTokenReference xmlns:wsse=\"{WSSE}\"><ds:Manifest>{key_info}\
             </ds:Manifest></wsse:SecurityTokenReference>"
        ),
    );
    assert_eq!(first_certificate(&in_token), other);
    let passed = not_refused(
        &s,
        &[
            ("KeyInfo in a Manifest", manifest),
            ("KeyInfo in a SignatureProperty", property),
            ("X509Data in an Object in KeyInfo", in_key_info),
            (
                "KeyInfo in a Manifest in a SecurityTokenReference",
                in_token,
            ),
        ],
    );
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// DEFECT (false VALID). Input: the signed order given another person's certificate
/// (revoked.cer, not of the signer's chain) in an X509Data first in its KeyInfo, or in a
/// second KeyInfo before its own. Observed: `/xml/verify` `valid: true`; the first
/// `X509Certificate` of the document is not the signer's. Expected: `valid: false`. Cause:
/// src/xmldsig/carried.rs:297, 302 take every X509Data of every KeyInfo as structure; the
/// signer is whichever certificate's key verifies (src/xmldsig/judge/signer.rs:103-). Fix:
/// refuse a second KeyInfo, and a certificate neither the signer's nor of its chain.
///
/// Found by review 87 (was a defect). Fixed: the signer's certificate must come first in its
/// KeyInfo and every other be of its path (`judge::signer::stranger`); a second KeyInfo is refused
#[test]
fn xml_verify_refuses_a_foreign_certificate_before_the_signers_in_key_info() {
    let s = service();
    let other = other_certificate();
    let honest = signed_order();
    let data =
        format!("<ds:X509Data><ds:X509Certificate>{other}</ds:X509Certificate></ds:X509Data>");
    let second_data = after(&honest, "<ds:KeyInfo>", &data);
    assert_eq!(first_certificate(&second_data), other);
    let second_key_info = before(
        &honest,
        "<ds:KeyInfo",
        &format!("<ds:KeyInfo>{data}</ds:KeyInfo>"),
    );
    assert_eq!(first_certificate(&second_key_info), other);
    let passed = not_refused(
        &s,
        &[
            ("an X509Data first in KeyInfo", second_data),
            ("a KeyInfo first", second_key_info),
        ],
    );
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// DEFECT (false VALID). Input: the XAdES-T sample, its Object first and its
/// UnsignedProperties before its SignedProperties (still valid), given a
/// `xades:SignedProperties/SignedSignatureProperties/SigningTime` of 2020 first in its
/// UnsignedSignatureProperties. Observed: `/xml/verify` `valid: true`, the first
/// `SigningTime` of the document the forged one. Expected: `valid: false` (a second
/// QualifyingProperties is refused). Cause: src/xmldsig/carried.rs:317-322 allow any XAdES
/// name at any place under QualifyingProperties. Fix: XAdES names only under their schema
/// parents; UnsignedProperties after SignedProperties.
///
/// Found by review 87 (was a defect). Fixed: a schema of parents (`carried::holds`) puts each
/// XMLDSig and XAdES element under its parent only; what it holds once (UnsignedProperties,
/// SignedProperties, KeyInfo, QualifyingProperties) once; a SignedProperties no Reference covers is
/// content
#[test]
fn xml_verify_refuses_a_forged_signing_time_in_unsigned_xades() {
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let sample = xades_sample("xades_t.xml");
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &sample);
    assert_eq!((st, valid), (200, json!(true)), "the XAdES-T sample: {a}");
    let forged_time = "<xades:SignedProperties><xades:SignedSignatureProperties>\
                       <xades:SigningTime>2020-01-01T00:00:00Z</xades:SigningTime>\
                       </xades:SignedSignatureProperties></xades:SignedProperties>";
    // In the unsigned properties, before the signature time stamp.
    // The sample's Object moved first, its unsigned properties before its signed ones.
    let moved = xades_object_first();
    let signed = moved.find("<xades:SignedProperties").unwrap();
    let unsigned = moved.find("<xades:UnsignedProperties>").unwrap();
    let end =
        moved.find("</xades:UnsignedProperties>").unwrap() + "</xades:UnsignedProperties>".len();
    let mut in_unsigned = moved.clone();
    let block = moved[unsigned..end].to_string();
    in_unsigned.replace_range(unsigned..end, "");
    in_unsigned.insert_str(signed, &block);
    let open = "<xades:UnsignedSignatureProperties>";
    let in_unsigned = after(&in_unsigned, open, forged_time);
    // A second QualifyingProperties, in an Object before the signature's.
    let second = before(
        &sample,
        "<ds:Object>",
        &format!(
            "<ds:Object><xades:QualifyingProperties xmlns:xades=\"{XADES}\">{forged_time}\
             </xades:QualifyingProperties></ds:Object>"
        ),
    );
    for d in [&in_unsigned, &second] {
        let first = d.find("SigningTime>").unwrap();
        assert!(d[first..].starts_with("SigningTime>2020"));
    }
    // A second QualifyingProperties is refused (by the verifier) ...
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &second);
    assert_eq!(
        (st, valid),
        (200, json!(false)),
        "a second QualifyingProperties: {a}"
    );
    // ... a SignedProperties in the unsigned ones is not.
    let (st, valid, a) = ask_xml(&x, "/xml/verify", &in_unsigned);
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        valid,
        json!(false),
        "/xml/verify: a forged SignedProperties/SigningTime in UnsignedSignatureProperties, \
         first in the document: {}",
        a["message"]
    );
}

/// DEFECT (false VALID). Input: the XAdES-T sample given `amount=1000000` as text directly
/// in `xades:UnsignedSignatureProperties`, `xades:UnsignedProperties`,
/// `xades:SignatureTimeStamp`, `ds:Signature` or `ds:X509Data`. Observed: `/xml/verify`
/// `valid: true` for all five. Expected: `valid: false`: no such type holds text. Cause:
/// src/xmldsig/carried.rs:334-343 check the text of Object, Manifest, SignatureProperties and
/// SignatureProperty only. Fix: text in any element-only element of the walk is content.
///
/// Found by review 87 (was a defect). Fixed: text is content in any element of a Signature but the
/// XMLDSig and XAdES value elements (`DSIG_LEAVES`, `XADES_LEAVES`) and WS-Security's.
#[test]
fn xml_verify_refuses_text_carried_where_no_schema_holds_text() {
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let sample = xades_sample("xades_t.xml");
    let payload = "amount=1000000";
    let docs = [
        (
            "text in UnsignedSignatureProperties",
            after(&sample, "<xades:UnsignedSignatureProperties>", payload),
        ),
        (
            "text in UnsignedProperties",
            after(&sample, "<xades:UnsignedProperties>", payload),
        ),
        (
            "text in SignatureTimeStamp",
            after(&sample, "<xades:SignatureTimeStamp>", payload),
        ),
        (
            "text in ds:Signature",
            after(&sample, "</ds:SignedInfo>", payload),
        ),
        (
            "text in ds:X509Data",
            after(&sample, "<ds:X509Data>", payload),
        ),
    ];
    let passed = not_refused(&x, &docs);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

// --- held: XML ------------------------------------------------------------------------

/// HELD: honest documents stay valid on `/xml/verify`: Kalkan's shape (`sign_with`), our
/// XAdES-B, the lxml XAdES-B and XAdES-T samples, the XAdES-T sample with its Object moved
/// before KeyInfo, with a XAdES 1.4.1 `TimeStampValidationData` (CertificateValues) in its
/// UnsignedSignatureProperties; a comment and a processing instruction in a ds:Object and a
/// `ds:KeyName` in KeyInfo are harmless.
#[test]
fn held_honest_xml_signatures_stay_valid() {
    let s = service();
    let honest = signed_order();
    let k = bundle();
    let options = xmldsig::XmlSignOptions::new().xades(common::time("2026-11-22T00:00:00Z"));
    let doc = b"<order><amount>1</amount></order>";
    let ours = xmldsig::sign_with(doc, &k.certificate, &k.key, &options).unwrap();
    let ours = String::from_utf8(ours).unwrap();
    for (label, doc) in [
        ("Kalkan's shape", honest.clone()),
        ("our XAdES-B", ours),
        (
            "a comment and a PI in an Object",
            before(
                &honest,
                "<ds:KeyInfo",
                "<ds:Object><!-- amount 1000000 --><?pi amount?></ds:Object>",
            ),
        ),
        (
            "a KeyName",
            after(
                &honest,
                "<ds:KeyInfo>",
                "<ds:KeyName>individual</ds:KeyName>",
            ),
        ),
    ] {
        let (st, valid, a) = ask_xml(&s, "/xml/verify", &doc);
        assert_eq!((st, valid), (200, json!(true)), "{label}: {a}");
    }
    let x = Service::start(common::rsa_verifier(), XADES_AT);
    let tsvd = format!(
        "<x141:TimeStampValidationData xmlns:x141=\"{XADES141}\"><xades:CertificateValues>\
         <xades:EncapsulatedX509Certificate>{}</xades:EncapsulatedX509Certificate>\
         </xades:CertificateValues></x141:TimeStampValidationData>",
        b64(k.certificate.der())
    );
    let sample = xades_sample("xades_t.xml");
    for (label, doc) in [
        ("xades_b.xml", xades_sample("xades_b.xml")),
        ("xades_t.xml", sample.clone()),
        ("xades_t.xml, Object first", xades_object_first()),
        (
            "xades_t.xml with TimeStampValidationData",
            before(&sample, "</xades:UnsignedSignatureProperties>", &tsvd),
        ),
    ] {
        let (st, valid, a) = ask_xml(&x, "/xml/verify", &doc);
        assert_eq!((st, valid), (200, json!(true)), "{label}: {a}");
    }
}

/// HELD: refused on `/xml/verify`: a ds:Signature nested in a Manifest carrying a KeyInfo
/// element in its Object; text beyond base64 in `ds:SignatureValue` (the signature fails);
/// a second XAdES QualifyingProperties before the signature's (the verifier); a foreign
/// element in a SecurityTokenReference.
#[test]
fn held_other_carried_content_is_refused() {
    let s = service();
    let honest = signed_order();
    let docs = [
        (
            "a Signature in a Manifest",
            before(
                &honest,
                "<ds:KeyInfo",
                "<ds:Object><ds:Manifest><ds:Signature><ds:Object><ds:X509Data/></ds:Object>\
                 </ds:Signature></ds:Manifest></ds:Object>",
            ),
        ),
        (
            "text in SignatureValue",
            after(&honest, "<ds:SignatureValue>", "amount=1000000"),
        ),
        (
            "an element in a SecurityTokenReference",
            after(
                &honest,
                "<ds:KeyInfo>",
                &format!(
                    "<wsse:SecurityTokenReference xmlns:wsse=\"{WSSE}\">\
                     <amount>1000000</amount></wsse:SecurityTokenReference>"
                ),
            ),
        ),
    ];
    let passed = not_refused(&s, &docs);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

// --- SOAP ------------------------------------------------------------------------------

const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

/// A SOAP 1.1 message whose Body is `body` (as written), signed in its Security header by
/// one Reference `#id` to the element whose exclusive canonical form is `target` (exclusive
/// C14N, RSA-SHA256, the certificate in KeyInfo), as WS-Security stacks sign.
fn ws_signed(body: &str, target: &str, id: &str) -> String {
    use sha2::Digest as _;
    const EXC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
    const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    let k = bundle();
    let digest = b64(&sha2::Sha256::digest(target.as_bytes()));
    let signed_info = format!(
        "<ds:SignedInfo xmlns:ds=\"{DS}\">\
         <ds:CanonicalizationMethod Algorithm=\"{EXC}\"></ds:CanonicalizationMethod>\
         <ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\">\
         </ds:SignatureMethod><ds:Reference URI=\"#{id}\"><ds:Transforms>\
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

/// HELD: on `/wsse/verify` a signature must cover the Body itself: one by Id over an
/// element inside the Body (`<pay wsu:Id="p">10</pay>`) is refused, with or without a
/// SOAP message nested in the Body before it (`<s:Envelope><s:Body><pay>1000000`); the
/// Body signed whole stays valid with that nested message before its own content, and
/// without it.
#[test]
fn held_wsse_verify_needs_the_whole_body_signed_whatever_it_nests() {
    let s = service();
    let nested = "<s:Envelope><s:Body><pay>1000000</pay></s:Body></s:Envelope>";
    let pay = format!("<pay xmlns:wsu=\"{WSU}\" wsu:Id=\"p\">10</pay>");
    for inner in ["", nested] {
        let body = format!("<s:Body>{inner}{pay}</s:Body>");
        let doc = ws_signed(&body, &pay, "p");
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &doc);
        assert_eq!(
            (st, valid),
            (200, json!(false)),
            "part of the Body, {inner:?}: {a}"
        );
    }
    for inner in ["", nested] {
        let payload = format!("{inner}<pay>10</pay>");
        let body = format!("<s:Body xmlns:wsu=\"{WSU}\" wsu:Id=\"body\">{payload}</s:Body>");
        let canonical = format!(
            "<s:Body xmlns:s=\"{SOAP11}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"body\">{payload}</s:Body>"
        );
        let doc = ws_signed(&body, &canonical, "body");
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &doc);
        assert_eq!(
            (st, valid),
            (200, json!(true)),
            "the whole Body, {inner:?}: {a}"
        );
        // A SOAP message nested in the Header beside it is refused.
        let forged = after(&doc, "<s:Header>", nested);
        let (st, valid, a) = ask_xml(&s, "/wsse/verify", &forged);
        assert_eq!(
            (st, valid),
            (200, json!(false)),
            "nested in the Header: {a}"
        );
    }
}
