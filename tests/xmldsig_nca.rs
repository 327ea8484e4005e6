//! XML signatures as Kalkan (NCALayer, NCANode) writes them: `../shared/nca-test-pki/xml/`,
//! judged as its MANIFEST says (read in place; ignored with the reason when `../shared` is
//! absent, a failure under `CI=true`).
//!
//! What these documents proved: Kalkan's GOST XML SignatureValue is in the NCA's convention
//! (as in its CMS), its DigestValue the hash output as computed; and when a second signer
//! is added, the first signature stays over the document as it was (without the second),
//! while the second covers the document with the first.

mod common;

use qoltanba::cms::SignerPolicy;
use qoltanba::xmldsig::{self, XmlOptions, XmlVerdict};
use qoltanba::{CheckName, Expectation, Judged as _, Outcome, Overall, Verifier};

fn outcome(v: &impl qoltanba::Judged, name: CheckName) -> Option<Outcome> {
    v.check(name).map(|c| c.outcome())
}

fn verifier(trust: &[&str], crls: &[&str]) -> Verifier {
    let pki = common::shared("nca-test-pki").expect("checked by the caller");
    let mut b = Verifier::builder();
    for t in trust {
        b = b.trust_path(pki.join(t)).unwrap();
    }
    for c in crls {
        b = b.crl_path(pki.join(c)).unwrap();
    }
    b.build()
}

fn read(name: &str) -> Option<Vec<u8>> {
    let dir = common::shared("nca-test-pki/xml")?;
    Some(std::fs::read(dir.join(name)).expect("a MANIFEST file"))
}

/// Every signature proven (reference, signer certificate, signature), whatever the
/// certificate condition then says.
fn signatures_hold(v: &XmlVerdict) {
    for s in v.signers() {
        for name in [
            CheckName::Reference,
            CheckName::SignerCertificate,
            CheckName::Signature,
        ] {
            assert_eq!(
                outcome(s, name),
                Some(Outcome::Passed),
                "signature #{}: {name:?}: {:#?}",
                s.index() + 1,
                s.checks()
            );
        }
    }
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_2021_single() {
    let Some(xml) = read("rsa_2021_single.xml") else {
        return;
    };
    let v = verifier(&["rsa/nca_rsa_test.crt"], &["rsa/nca_rsa_test.crl"]);
    let at = Expectation::at(common::time("2021-06-01T00:00:00Z"));
    let verdict = xmldsig::verify(&xml, &v, &at).unwrap();
    signatures_hold(&verdict);
    // The CRL is of 2022: it cannot prove 2021.
    assert_eq!(verdict.overall(), Overall::Indeterminate, "{verdict:#?}");
    assert_eq!(
        outcome(&verdict, CheckName::Validity),
        Some(Outcome::Passed)
    );
    assert_eq!(
        outcome(&verdict, CheckName::Revocation),
        Some(Outcome::Unknown)
    );
    assert!(verdict.verified_octets().is_none());
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_2021_gost2015_two_signers() {
    let Some(xml) = read("rsa_2021_gost2015_two_signers.xml") else {
        return;
    };
    // Both chains; no CRL, so that the verdict turns on the validity periods alone.
    let pki = common::shared("nca-test-pki").unwrap();
    let v2 = Verifier::builder()
        .trust_path(pki.join("rsa/nca_rsa_test.crt"))
        .unwrap()
        .trust_path(pki.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(pki.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .build();
    for at in ["2021-06-01T00:00:00Z", "2022-09-01T00:00:00Z"] {
        let expect = Expectation::at(common::time(at));
        let all = xmldsig::verify(&xml, &v2, &expect).unwrap();
        // Both signatures verify: the RSA one over the document as it was, the GOST 2015
        // one (Kalkan's URIs) over the document with the first signature.
        assert_eq!(all.signers().len(), 2);
        signatures_hold(&all);
        let [rsa, gost] = all.signers() else {
            unreachable!()
        };
        assert_eq!(
            rsa.signature_method(),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        );
        assert_eq!(
            gost.signature_method(),
            "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512"
        );
        assert_eq!(
            rsa.covers(),
            Some("the document less this signature and the 1 appended after it")
        );
        assert_eq!(
            gost.covers(),
            Some("the document less this signature, the earlier signatures included")
        );
        assert_eq!(
            rsa.certificate()
                .unwrap()
                .subject()
                .iin
                .as_ref()
                .unwrap()
                .as_str(),
            "123456789011"
        );
        assert_eq!(
            gost.certificate()
                .unwrap()
                .subject()
                .iin
                .as_ref()
                .unwrap()
                .as_str(),
            "123456789012"
        );
        // The two validity periods do not overlap: with every signer required, no time
        // makes the document valid, and the signer out of its period says so.
        assert_ne!(all.overall(), Overall::Valid, "{at}: {all:#?}");
        let (inside, outside) = if at.starts_with("2021") {
            (rsa, gost)
        } else {
            (gost, rsa)
        };
        assert_eq!(
            outcome(outside, CheckName::Validity),
            Some(Outcome::Failed),
            "{at}"
        );
        assert_eq!(outside.overall(), Overall::Invalid);
        assert_eq!(
            outcome(inside, CheckName::Validity),
            Some(Outcome::Passed),
            "{at}"
        );
        assert_eq!(all.overall(), Overall::Invalid);
        assert_eq!(outcome(&all, CheckName::Signers), Some(Outcome::Failed));
        let refusal = all.refusal().unwrap();
        assert!(
            refusal.failed().contains(&CheckName::Validity),
            "{refusal:?}"
        );
        assert!(all.verified_octets().is_none());
        // One signer is enough under `Any`: no revocation proof here, so indeterminate.
        let any = xmldsig::verify_with(
            &xml,
            &v2,
            &expect,
            &XmlOptions::new().signers(SignerPolicy::Any),
        )
        .unwrap();
        assert_eq!(any.overall(), Overall::Indeterminate, "{at}: {any:#?}");
    }
    // The second signer signed the first signature: change a letter of the first
    // SignatureValue and neither holds (the first's signature, the second's reference).
    let text = String::from_utf8(xml.clone()).unwrap();
    let at = text.find("<ds:SignatureValue>").unwrap() + "<ds:SignatureValue>".len() + 1;
    let mut bytes = xml.clone();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let expect = Expectation::at(common::time("2022-09-01T00:00:00Z"));
    let r = xmldsig::verify_with(
        &bytes,
        &v2,
        &expect,
        &XmlOptions::new().signers(SignerPolicy::Any),
    )
    .unwrap();
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    assert_eq!(
        outcome(&r.signers()[0], CheckName::Signature),
        Some(Outcome::Failed)
    );
    assert_eq!(
        outcome(&r.signers()[1], CheckName::Reference),
        Some(Outcome::Failed)
    );
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2004_org_2020() {
    let Some(xml) = read("gost2004_org_2020.xml") else {
        return;
    };
    let v = verifier(
        &["gost2004/nca_gost_test.crt"],
        &["gost2004/nca_gost_test.crl"],
    );
    let expect = Expectation::at(common::time("2020-06-01T00:00:00Z"))
        .bin(qoltanba::Bin::parse("123456789021").unwrap());
    let verdict = xmldsig::verify(&xml, &v, &expect).unwrap();
    signatures_hold(&verdict);
    assert_eq!(
        verdict.signature_method(),
        "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311"
    );
    assert_eq!(outcome(&verdict, CheckName::Chain), Some(Outcome::Passed));
    assert_eq!(
        outcome(&verdict, CheckName::BinMatch),
        Some(Outcome::Passed)
    );
    // The CRL is of 2022: revocation at 2020-06-01 is not provable.
    assert_eq!(
        outcome(&verdict, CheckName::Revocation),
        Some(Outcome::Unknown)
    );
    assert_eq!(verdict.overall(), Overall::Indeterminate, "{verdict:#?}");

    // A changed document no longer matches its GOST digest; a changed SignatureValue no
    // longer verifies.
    let text = String::from_utf8(xml.clone()).unwrap();
    let changed = text.replace("<name>NCANode</name>", "<name>NCANodf</name>");
    assert_ne!(changed, text);
    let r = xmldsig::verify(changed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);
    assert_eq!(outcome(&r, CheckName::Reference), Some(Outcome::Failed));
    let value_at = text.find("<ds:SignatureValue>").unwrap() + "<ds:SignatureValue>".len();
    let mut bytes = xml.clone();
    let pos = (value_at..)
        .find(|&i| bytes[i].is_ascii_alphanumeric())
        .unwrap();
    bytes[pos] = if bytes[pos] == b'A' { b'B' } else { b'A' };
    let r = xmldsig::verify(&bytes, &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    assert_eq!(outcome(&r, CheckName::Signature), Some(Outcome::Failed));
}

/// Our GOST 2015 XML signatures with a real NCA test key (`gost2015/individual_valid.p12`):
/// Kalkan's URIs, verified by us through the NCA's test chain, and beside Kalkan's own
/// signature in the same document (the two-signer sample, signed a third time).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn our_gost2015_xml_signatures_verify() {
    let Some(pki) = common::shared("nca-test-pki") else {
        return;
    };
    let bundle = qoltanba::keys::open_pkcs12(
        &std::fs::read(pki.join("gost2015/individual_valid.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap();
    let v = Verifier::builder()
        .trust_path(pki.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(pki.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(pki.join("gost2015/nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let nb = bundle.certificate.not_before();
    let at = Expectation::at(nb + chrono::Duration::days(30));
    let doc = b"<root><name>qoltanba</name></root>";
    let signed = xmldsig::sign(doc, &bundle.certificate, &bundle.key).unwrap();
    let text = String::from_utf8(signed.clone()).unwrap();
    assert!(text.contains(
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512"
    ));
    assert!(text.contains("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512"));
    let r = xmldsig::verify(&signed, &v, &at).unwrap();
    signatures_hold(&r);
    assert_eq!(
        outcome(&r, CheckName::Chain),
        Some(Outcome::Passed),
        "{r:#?}"
    );
    // A changed byte of the signed text: invalid.
    let changed = text.replace("qoltanba", "qoltanbA");
    let r = xmldsig::verify(changed.as_bytes(), &v, &at).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);

    // Added to Kalkan's two-signer document: Kalkan's two keep verifying, ours too.
    let Some(two) = read("rsa_2021_gost2015_two_signers.xml") else {
        return;
    };
    let three = xmldsig::sign(&two, &bundle.certificate, &bundle.key).unwrap();
    let v3 = Verifier::builder()
        .trust_path(pki.join("rsa/nca_rsa_test.crt"))
        .unwrap()
        .trust_path(pki.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(pki.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .build();
    let r = xmldsig::verify_with(
        &three,
        &v3,
        &at,
        &XmlOptions::new().signers(SignerPolicy::Any),
    )
    .unwrap();
    assert_eq!(r.signers().len(), 3);
    signatures_hold(&r);
}

/// A key signing through the library's GOST signer as the NCA's GOST 34.310-2004 keys do
/// (no 2004 private key is published: a test key on the NCA certificate's own curve). The
/// raw GOST key needs the `hazmat` feature (`cargo test --all-features`).
#[cfg(feature = "hazmat")]
struct Gost2004(qoltanba::hazmat::gost::GostSigningKey);

#[cfg(feature = "hazmat")]
impl qoltanba::cms::Signer for Gost2004 {
    fn signature_algorithm(&self) -> qoltanba::SignatureAlgorithm {
        qoltanba::SignatureAlgorithm::Gost(qoltanba::hazmat::gost::GostAlgorithm::Nca2004)
    }
    fn sign(&self, msg: &[u8]) -> qoltanba::Result<Vec<u8>> {
        self.0
            .sign(qoltanba::hazmat::gost::GostAlgorithm::Nca2004, msg)
            .map_err(|e| qoltanba::Error::Unsupported(e.to_string()))
    }
}

/// Signing XML with a GOST 34.310-2004 key: the NCA's 2004 certificate re-made around a
/// test key on its curve (self-signed, GOST 2004), the document signed in Kalkan's shape
/// (the same elements as Kalkan's `gost2004_org_2020.xml`, the same URIs), verified by us
/// with that certificate as the anchor; one changed byte of the text fails it.
#[test]
#[cfg(feature = "hazmat")]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn our_gost2004_xml_signatures_verify() {
    use common::forge::{children, seq, tlv, Tbs};
    use qoltanba::hazmat::gost::{GostAlgorithm, GostSigningKey};
    let Some(pki) = common::shared("nca-test-pki") else {
        return;
    };
    let real = qoltanba::Certificate::from_input(
        &std::fs::read(pki.join("gost2004/ceo_sign_2022.cer")).unwrap(),
    )
    .unwrap();
    let template = real.der().to_vec();
    let qoltanba::KeyAlgorithm::Gost(curve) = real.public_key().algorithm().clone() else {
        panic!("the 2004 certificate's key is GOST");
    };
    let mut d = vec![0x5Au8; curve.coordinate_len()];
    d[0] = 0x1F;
    let key = GostSigningKey::from_be_bytes(curve, &d).unwrap();
    // The certificate: the real one's fields, our key, self-issued, 2026-2027, signed with
    // GOST 2004 by our key.
    let mut tbs = Tbs::of(&template);
    let spki = children(&tbs.spki);
    let mut bits = vec![0u8];
    bits.extend_from_slice(&key.public_key_bits());
    tbs.spki = seq(&[spki[0], &tlv(0x03, &bits)]);
    tbs.issuer = tbs.subject.clone();
    tbs.validity("260101000000Z", "270101000000Z");
    let tbs_der = tbs.der();
    let mut sig = vec![0u8];
    sig.extend_from_slice(&key.sign(GostAlgorithm::Nca2004, &tbs_der).unwrap());
    let cert_der = seq(&[&tbs_der, &tbs.signature, &tlv(0x03, &sig)]);
    let cert = qoltanba::Certificate::from_der(&cert_der).unwrap();

    let doc = b"<root><name>qoltanba</name></root>";
    let signed = xmldsig::sign(doc, &cert, &Gost2004(key)).unwrap();
    let text = String::from_utf8(signed.clone()).unwrap();
    // Kalkan's shape: the same element names in the same order as its 2004 document.
    let names = |xml: &str| -> Vec<String> {
        let start = xml.find("<ds:Signature").unwrap();
        xml[start..]
            .split('<')
            .filter(|t| t.starts_with("ds:"))
            .map(|t| {
                t.split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    let kalkan = String::from_utf8(read("gost2004_org_2020.xml").unwrap()).unwrap();
    assert_eq!(names(&text), names(&kalkan));
    assert!(text.contains("http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311"));
    assert!(text.contains("http://www.w3.org/2001/04/xmldsig-more#gost34311"));

    let v = Verifier::builder().trust(cert).unwrap().build();
    let at = Expectation::at(common::time("2026-06-01T00:00:00Z"));
    let r = xmldsig::verify(&signed, &v, &at).unwrap();
    signatures_hold(&r);
    assert_eq!(
        r.signature_method(),
        "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311"
    );
    let changed = text.replace("qoltanba", "qoltanbA");
    let r = xmldsig::verify(changed.as_bytes(), &v, &at).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);
}
