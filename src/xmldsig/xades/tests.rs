use super::*;

/// The properties of the first signature of `xml`.
fn first_properties(doc: &dom::Document) -> std::result::Result<Option<Properties<'_>>, Stop> {
    let mut found = Vec::new();
    find_signatures(
        &doc.root,
        &mut Scope::default(),
        &mut Vec::new(),
        &mut found,
        &mut 0,
    );
    read(&found[0])
}

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/test-vectors/pki/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The signing certificate property names the signer's certificate, by digest and by
/// IssuerSerialV2; another certificate, or a wrong IssuerSerialV2, fails.
#[test]
fn signing_certificate_binding() {
    let signer = crate::keys::open_pkcs12(&pki("individual_sign.p12"), b"Qwerty12").unwrap();
    let other = Certificate::from_der(&pki("legal_sign.cer")).unwrap();
    let at = "2026-11-20T09:59:00Z".parse().unwrap();
    let signed = super::super::sign_with(
        b"<a>text</a>",
        &signer.certificate,
        &signer.key,
        &super::super::XmlSignOptions::new().xades(at),
    )
    .unwrap();
    let judge = |xml: &[u8], cert: &Certificate| -> Check {
        let doc = dom::parse(xml).unwrap();
        let props = first_properties(&doc).unwrap().unwrap();
        props.signing_certificate_check(cert).unwrap()
    };
    assert_eq!(judge(&signed, &signer.certificate).outcome, Outcome::Passed);
    assert_eq!(judge(&signed, &other).outcome, Outcome::Failed);
    // The right digest with another certificate's IssuerSerialV2.
    let text = String::from_utf8(signed.clone()).unwrap();
    let b64 = |c: &Certificate| {
        base64::engine::general_purpose::STANDARD.encode(crate::cms::issuer_serial(c))
    };
    let swapped = text.replace(&b64(&signer.certificate), &b64(&other));
    assert_ne!(swapped, text);
    let c = judge(swapped.as_bytes(), &signer.certificate);
    assert_eq!(c.outcome, Outcome::Failed, "{}", c.reason);
    // An unknown digest method: not checked, unknown (never passed).
    // (the CertDigest's DigestMethod is the document's last)
    let last = text.rfind("<ds:DigestMethod").unwrap();
    let edited = format!(
        "{}{}",
        &text[..last],
        text[last..].replacen("http://www.w3.org/2001/04/xmlenc#sha256", "urn:unknown", 1)
    );
    assert_eq!(
        judge(edited.as_bytes(), &signer.certificate).outcome,
        Outcome::Unknown
    );
}

/// SignedProperties count only when a Reference covered them; a Reference typed
/// SignedProperties must point at them.
#[test]
fn signed_properties_must_be_covered() {
    let xml = br##"<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="s"><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#s"><xades:SignedProperties Id="p"/></xades:QualifyingProperties></ds:Object></ds:Signature><b Id="x"/></a>"##;
    let doc = dom::parse(xml).unwrap();
    let props = first_properties(&doc).unwrap().unwrap();
    let sp = props.signed.unwrap();
    let b = doc.root.elements().nth(1).unwrap();
    assert!(check_covered(Some(&props), &[], &[]).is_err());
    assert!(check_covered(Some(&props), &[(b, None)], &[]).is_err());
    assert!(check_covered(Some(&props), &[(b, Some(SIGNED_PROPERTIES_TYPE))], &[]).is_err());
    assert!(check_covered(None, &[(b, Some(SIGNED_PROPERTIES_TYPE))], &[]).is_err());
    assert!(check_covered(Some(&props), &[(sp, Some(SIGNED_PROPERTIES_TYPE))], &[sp]).is_ok());
    assert!(check_covered(Some(&props), &[(sp, None), (b, None)], &[sp]).is_ok());
    // A covered xades:SignedProperties that is not the one read as this signature's
    // (its QualifyingProperties wrapped, so none read; or another element): refused.
    assert!(check_covered(None, &[(sp, None), (b, None)], &[sp]).is_err());
    assert!(check_covered(Some(&props), &[(sp, None), (b, None)], &[sp, b]).is_err());
    // Wrapped in the Object, the QualifyingProperties are not read at all.
    let wrapped = br##"<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="s"><ds:Object><x><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#s"><xades:SignedProperties Id="p"/></xades:QualifyingProperties></x></ds:Object></ds:Signature></a>"##;
    let doc = dom::parse(wrapped).unwrap();
    assert!(first_properties(&doc).unwrap().is_none());
    // QualifyingProperties of another signature, or two of them: refused.
    for bad in [
        r##"<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="s"><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#t"/></ds:Object></ds:Signature></a>"##,
        r##"<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#s"/></ds:Object></ds:Signature></a>"##,
        r##"<a><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="s"><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#s"/></ds:Object><ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#s"/></ds:Object></ds:Signature></a>"##,
    ] {
        let doc = dom::parse(bad.as_bytes()).unwrap();
        assert!(first_properties(&doc).is_err(), "{bad}");
    }
}

#[test]
fn which_covered_signed_properties_a_signature_answers_for() {
    let doc = dom::parse(br#"<a><s Id="S"/><t/></a>"#).unwrap();
    let mut els = doc.root.elements();
    let (s, t) = (els.next().unwrap(), els.next().unwrap());
    // Not inside another signature of the covered node-set: always its business.
    assert!(answers_for(s, false, false, None));
    assert!(answers_for(t, false, false, Some("#S")));
    // Inside another signature (a later signer covering an earlier one): not its own.
    assert!(!answers_for(s, false, true, None));
    assert!(!answers_for(s, false, true, Some("#T")));
    assert!(!answers_for(t, false, true, Some("#S")));
    // ... unless inside this signature, or naming it.
    assert!(answers_for(s, true, true, None));
    assert!(answers_for(s, false, true, Some("#S")));
    assert!(!answers_for(s, false, true, Some("S")));
}

#[test]
fn decimal_serials() {
    // A DER INTEGER's content: a 00 before a first octet of 0x80 or more (review 92).
    assert_eq!(decimal_to_bytes("0"), Some(vec![0]));
    assert_eq!(decimal_to_bytes("127"), Some(vec![0x7F]));
    assert_eq!(decimal_to_bytes("255"), Some(vec![0, 0xFF]));
    assert_eq!(decimal_to_bytes("256"), Some(vec![1, 0]));
    let mut max = vec![0];
    max.extend([0xFF; 16]);
    assert_eq!(
        decimal_to_bytes("340282366920938463463374607431768211455"),
        Some(max)
    );
    assert_eq!(decimal_to_bytes("0042"), Some(vec![42]));
    assert_eq!(decimal_to_bytes(""), None);
    assert_eq!(decimal_to_bytes("12a"), None);
    // Negative serials as Java's BigInteger writes them: two's complement, minimal.
    assert_eq!(decimal_to_bytes("-1"), Some(vec![0xFF]));
    assert_eq!(decimal_to_bytes("-128"), Some(vec![0x80]));
    assert_eq!(decimal_to_bytes("-129"), Some(vec![0xFF, 0x7F]));
    assert_eq!(decimal_to_bytes("-32767"), Some(vec![0x80, 0x01]));
    assert_eq!(decimal_to_bytes("-32768"), Some(vec![0x80, 0x00]));
    assert_eq!(decimal_to_bytes("-0"), Some(vec![0]));
    assert_eq!(decimal_to_bytes("-"), None);
    assert_eq!(decimal_to_bytes("--1"), None);
    assert_eq!(decimal_to_bytes("+1"), None);
    assert_eq!(decimal_to_bytes(&"9".repeat(65)), None);
}
