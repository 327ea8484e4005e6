//! The real NCA RK test material in `../shared/nca-test-pki/`, judged exactly as its
//! MANIFEST.md states. Skipped with a notice when `../shared` is absent.

mod common;

use qoltanba::Judged as _;
use std::path::Path;

use qoltanba::identity::{Bin, ChecksumPolicy, Iin};
use qoltanba::revocation::Crl;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Purpose, Verdict, Verifier};

fn cert(p: &Path) -> Certificate {
    Certificate::from_input(&std::fs::read(p).unwrap()).unwrap()
}

fn rsa_verifier(dir: &Path) -> Verifier {
    Verifier::builder()
        .trust_path(dir.join("nca_rsa_test.crt"))
        .unwrap()
        .crl_path(dir.join("nca_rsa_test.crl"))
        .unwrap()
        .build()
}

fn outcome(v: &Verdict, c: CheckName) -> Outcome {
    v.check(c)
        .unwrap_or_else(|| panic!("check {c:?} missing: {v:#?}"))
        .outcome()
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_ca_and_crl() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let ca = cert(&dir.join("nca_rsa_test.crt"));
    assert_eq!(ca.subject().first("2.5.4.3"), Some("ҰКО 3.0 (RSA TEST)"));
    assert!(ca.is_ca());
    let crls = Crl::all_from_input(&std::fs::read(dir.join("nca_rsa_test.crl")).unwrap()).unwrap();
    assert_eq!(crls.len(), 1);
    let crl = &crls[0];
    assert_eq!(crl.len(), 126);
    assert!(crl.issuer().matches(ca.subject()));
    assert_eq!(
        crl.this_update(),
        common::time("2022-03-29T00:00:00Z")
            .date_naive()
            .and_time(crl.this_update().time())
            .and_utc()
    );
    assert_eq!(
        crl.next_update().map(|t| t.date_naive().to_string()),
        Some("2022-09-25".to_string())
    );
    // The CRL's signature verifies with the issuing CA's key.
    let v = rsa_verifier(&dir);
    assert_eq!(v.crls().signed_by(0, &ca), qoltanba::SignatureCheck::Valid);
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_individual_sign_2022() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let c = cert(&dir.join("individual_sign_2022.cer"));
    assert_eq!(c.serial_hex(), "41E45CC8A04C705963E5CD6769848A934D8EAEF5");
    let v = rsa_verifier(&dir);
    let mut e = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    e.iin = Some(Iin::parse("123456789011").unwrap());
    let verdict = v.check_certificate(&c, &e);
    assert_eq!(verdict.overall(), Overall::Valid, "{verdict:#?}");
    assert_eq!(
        verdict.subject().iin.map(|i| i.to_string()).as_deref(),
        Some("123456789011")
    );
    // NCA test IINs fail the official check digit: strict policy refuses and names the cause.
    e.checksum = ChecksumPolicy::Strict;
    let strict = v.check_certificate(&c, &e);
    assert_eq!(strict.overall(), Overall::Invalid);
    assert_eq!(outcome(&strict, CheckName::Checksum), Outcome::Failed);
    assert!(strict
        .check(CheckName::Checksum)
        .unwrap()
        .reason()
        .contains("check digit"));
    // Stale CRL at 2023-01-01: not provable (the certificate is still valid until 2023-01-18).
    let stale = v.check_certificate(&c, &Expectation::at(common::time("2023-01-01T00:00:00Z")));
    assert_eq!(stale.overall(), Overall::Indeterminate, "{stale:#?}");
    assert_eq!(outcome(&stale, CheckName::Revocation), Outcome::Unknown);
    // Expired at 2023-06-01.
    let expired = v.check_certificate(&c, &Expectation::at(common::time("2023-06-01T00:00:00Z")));
    assert_eq!(expired.overall(), Overall::Invalid);
    assert_eq!(outcome(&expired, CheckName::Validity), Outcome::Failed);
    // IIN mismatch.
    let mut other = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    other.iin = Some(Iin::parse("111111111111").unwrap());
    let mismatch = v.check_certificate(&c, &other);
    assert_eq!(mismatch.overall(), Overall::Invalid);
    assert_eq!(outcome(&mismatch, CheckName::IinMatch), Outcome::Failed);
    // An individual's certificate carries no BIN.
    let mut bin = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    bin.bin = Some(Bin::parse("123456789021").unwrap());
    assert_eq!(
        outcome(&v.check_certificate(&c, &bin), CheckName::BinMatch),
        Outcome::Failed
    );
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_individual_auth_2022_is_refused_for_signing() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let c = cert(&dir.join("individual_auth_2022.cer"));
    assert_eq!(c.serial_hex(), "247C3FDA89FA641EA226987393CDAF3F5BAF24B3");
    let v = rsa_verifier(&dir);
    let at = common::time("2022-06-01T00:00:00Z");
    let sign = v.check_certificate(&c, &Expectation::at(at));
    assert_eq!(
        outcome(&sign, CheckName::Chain),
        Outcome::Passed,
        "it chains"
    );
    assert_eq!(outcome(&sign, CheckName::KeyUsage), Outcome::Failed);
    assert_eq!(sign.overall(), Overall::Invalid);
    let mut auth = Expectation::at(at);
    auth.purpose = Purpose::Auth;
    let auth = v.check_certificate(&c, &auth);
    assert_eq!(
        outcome(&auth, CheckName::KeyUsage),
        Outcome::Passed,
        "{auth:#?}"
    );
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_person_sign_2020() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let c = cert(&dir.join("person_sign_2020.cer"));
    assert_eq!(c.serial_hex(), "1C1C4ADB45086B3529E004C96302AE974D4F09A4");
    assert_eq!(c.facts().locality.as_deref(), Some("НУР-СУЛТАН"));
    assert_eq!(c.facts().state.as_deref(), Some("НУР-СУЛТАН"));
    let v = rsa_verifier(&dir);
    let verdict = v.check_certificate(&c, &Expectation::at(common::time("2020-06-01T00:00:00Z")));
    // Valid at 2020-06-01: within its validity period, chains, signing key, right IIN.
    for check in [
        CheckName::Validity,
        CheckName::Chain,
        CheckName::KeyUsage,
        CheckName::CriticalExtensions,
    ] {
        assert_eq!(
            outcome(&verdict, check),
            Outcome::Passed,
            "{check:?}: {verdict:#?}"
        );
    }
    // The only CRL supplied was issued in 2022, after the certificate expired (and CAs prune
    // expired certificates): it cannot prove the status at 2020-06-01, and the verdict says so.
    assert_eq!(outcome(&verdict, CheckName::Revocation), Outcome::Unknown);
    assert_eq!(verdict.overall(), Overall::Indeterminate);
}

/// The EE certificate of an NCA PKCS#12 file (password `Qwerty12`).
fn p12_cert(p: &Path) -> Certificate {
    qoltanba::keys::open_pkcs12(&std::fs::read(p).unwrap(), b"Qwerty12")
        .unwrap()
        .certificate
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2015_chain_crl_and_end_entities() {
    use qoltanba::hazmat::verify;
    use qoltanba::revocation::CertStatus;
    use qoltanba::revocation::RevocationReason;
    use qoltanba::SignatureCheck;
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let root = cert(&dir.join("root_test_gost_2022.cer"));
    assert_eq!(
        root.subject().first("2.5.4.3"),
        Some("НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022")
    );
    // The root verifies itself.
    assert_eq!(
        verify(
            root.public_key(),
            root.signature_algorithm(),
            root.tbs(),
            root.signature()
        ),
        SignatureCheck::Valid
    );
    let ca = cert(&dir.join("nca_gost2022_test.cer"));
    let v = Verifier::builder()
        .trust(root.clone())
        .unwrap()
        .intermediate(ca.clone())
        .unwrap()
        .crl_path(dir.join("nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let at = common::time("2026-11-23T00:00:00Z");
    // The issuing CA chains to the root; the CRL's signature verifies with the CA.
    let path = v
        .build_path(&ca, at)
        .expect("issuing CA chains to the root");
    assert_eq!(path.anchor(), &root);
    assert_eq!(v.crls().signed_by(0, &ca), SignatureCheck::Valid);

    let cases = [
        (
            "individual_valid.p12",
            "6C425659BD2FC6DC587B871AEDE1857727CF8451",
            None,
            Overall::Valid,
        ),
        (
            "head_valid.p12",
            "303EEBDF17969F3EDEDE9BD9828FB1355AABBE4E",
            Some("123456789021"),
            Overall::Valid,
        ),
        (
            "individual_revoked.p12",
            "3ACEA55CBCDF38C861FB3F341854C53EC9ED6ECD",
            None,
            Overall::Invalid,
        ),
        (
            "head_revoked.p12",
            "5BFAB68530D2A5DAF87B65E29A105A7BEA75B411",
            Some("123456789021"),
            Overall::Invalid,
        ),
    ];
    for (file, serial, bin, want) in cases {
        let c = p12_cert(&dir.join(file));
        assert_eq!(c.serial_hex(), serial, "{file}");
        let mut e = Expectation::at(at);
        e.iin = Some(Iin::parse("123456789011").unwrap());
        e.bin = bin.map(|b| Bin::parse(b).unwrap());
        let verdict = v.check_certificate(&c, &e);
        assert_eq!(verdict.overall(), want, "{file}: {verdict:#?}");
        assert_eq!(
            outcome(&verdict, CheckName::Chain),
            Outcome::Passed,
            "{file}"
        );
        assert_eq!(
            outcome(&verdict, CheckName::IinMatch),
            Outcome::Passed,
            "{file}"
        );
        if bin.is_some() {
            assert_eq!(
                outcome(&verdict, CheckName::BinMatch),
                Outcome::Passed,
                "{file}"
            );
        }
        if want == Overall::Invalid {
            assert_eq!(
                outcome(&verdict, CheckName::Revocation),
                Outcome::Failed,
                "{file}"
            );
            match &verdict.revocation()[0].status() {
                CertStatus::Revoked { reason, .. } => {
                    assert_eq!(*reason, RevocationReason::CertificateHold, "{file}")
                }
                other => panic!("{file}: {other:?}"),
            }
        }
    }
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2004_chain_and_crl() {
    use qoltanba::SignatureCheck;
    let Some(dir) = common::shared("nca-test-pki/gost2004") else {
        return;
    };
    let ca = cert(&dir.join("nca_gost_test.crt"));
    let v = Verifier::builder()
        .trust(ca.clone())
        .unwrap()
        .crl_path(dir.join("nca_gost_test.crl"))
        .unwrap()
        .build();
    assert_eq!(v.crls().signed_by(0, &ca), SignatureCheck::Valid);
    let crl =
        &Crl::all_from_input(&std::fs::read(dir.join("nca_gost_test.crl")).unwrap()).unwrap()[0];
    assert_eq!(crl.len(), 31);
    let c = cert(&dir.join("ceo_sign_2022.cer"));
    assert_eq!(c.serial_hex(), "6CBD4560A33A58C0B07C3363C9AE0674A0838E58");
    let mut e = Expectation::at(common::time("2022-06-01T00:00:00Z"));
    e.iin = Some(Iin::parse("123456789011").unwrap());
    e.bin = Some(Bin::parse("123456789021").unwrap());
    let verdict = v.check_certificate(&c, &e);
    assert_eq!(verdict.overall(), Overall::Valid, "{verdict:#?}");
}

/// The GOST-2004 time-stamp token is a CMS SignedData with a GOST signer: it verifies
/// through the CMS code (GOST 34.311-95 messageDigest, NCA-format GOST signature).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2004_cms_time_stamp_token_verifies() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let v = Verifier::builder()
        .trust_path(dir.join("gost2004/nca_gost_test.crt"))
        .unwrap()
        .crl_path(dir.join("gost2004/nca_gost_test.crl"))
        .unwrap()
        .build();
    let token = qoltanba::cms::SignedData::from_input(
        &std::fs::read(dir.join("tsp/tsp_token.bin")).unwrap(),
    )
    .unwrap();
    let mut options = qoltanba::cms::VerifyOptions::at(common::time("2022-06-01T00:00:00Z"));
    options.expectation.purpose = Purpose::Any; // a time-stamping key
    let verdict = token.verify(&v, &options);
    assert!(verdict.is_valid(), "{verdict:#?}");
    let signer = &verdict.signers()[0];
    for check in [
        CheckName::MessageDigest,
        CheckName::Signature,
        CheckName::Chain,
        CheckName::Revocation,
    ] {
        assert_eq!(
            signer.check(check).map(|c| c.outcome()),
            Some(Outcome::Passed),
            "{check:?}"
        );
    }
    // One flipped bit of the content: refused.
    let mut der = std::fs::read(dir.join("tsp/tsp_token.bin")).unwrap();
    let content = token.unverified_content().unwrap().to_vec();
    let at = der
        .windows(content.len())
        .position(|w| w == content.as_slice())
        .unwrap();
    der[at + 10] ^= 1;
    let tampered = qoltanba::cms::SignedData::from_input(&der)
        .unwrap()
        .verify(&v, &options);
    assert!(!tampered.is_valid());
}

/// An output document signed with a real NCA GOST 2015 key (from its PKCS#12) verifies
/// through the whole condition: Streebog-512 messageDigest, NCA-format GOST signature, chain
/// to the GOST root, CRL, IIN and BIN.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2015_key_signs_an_output_document() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let bundle = qoltanba::keys::open_pkcs12(
        &std::fs::read(dir.join("head_valid.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap();
    let at = common::time("2026-11-23T00:00:00Z");
    let der = qoltanba::cms::sign(
        "анықтама / справка".as_bytes(),
        &qoltanba::cms::SignRequest::new(&bundle.certificate, at),
        &bundle.key,
    )
    .unwrap();
    let v = Verifier::builder()
        .trust_path(dir.join("root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(dir.join("nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let mut options = qoltanba::cms::VerifyOptions::at(at);
    options.expectation.iin = Some(Iin::parse("123456789011").unwrap());
    options.expectation.bin = Some(Bin::parse("123456789021").unwrap());
    let signed = qoltanba::cms::SignedData::from_input(&der).unwrap();
    let verdict = signed.verify(&v, &options);
    assert!(verdict.is_valid(), "{verdict:#?}");
    assert_eq!(
        verdict.verified_content().unwrap().as_bytes(),
        "анықтама / справка".as_bytes()
    );
    // The revoked key's signature is refused (certificateHold).
    let revoked = qoltanba::keys::open_pkcs12(
        &std::fs::read(dir.join("head_revoked.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap();
    let der = qoltanba::cms::sign(
        b"x",
        &qoltanba::cms::SignRequest::new(&revoked.certificate, at),
        &revoked.key,
    )
    .unwrap();
    let verdict = qoltanba::cms::SignedData::from_input(&der)
        .unwrap()
        .verify(&v, &options);
    assert_eq!(verdict.overall(), Overall::Invalid);
    assert_eq!(
        verdict.signers()[0]
            .check(CheckName::Revocation)
            .map(|c| c.outcome()),
        Some(Outcome::Failed)
    );
}

/// The NCA test responders' OCSP responses (MANIFEST "ocsp/"), each judged against the CA
/// whose name and key hashes its CertID carries, shortly after it was produced.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn ocsp_responses() {
    use qoltanba::revocation::RevocationReason;
    use qoltanba::revocation::{OcspPolicy, OcspResponse, OcspStatus, ResponseStatus};
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let gost2015 = cert(&dir.join("gost2015/nca_gost2022_test.cer"));
    let gost2004 = cert(&dir.join("gost2004/nca_gost_test.crt"));
    let rsa = cert(&dir.join("rsa/nca_rsa_test.crt"));
    let at = common::time("2022-09-02T17:00:00Z");
    let policy = OcspPolicy::default();
    let read = |name: &str| {
        OcspResponse::from_der(&std::fs::read(dir.join("ocsp").join(name)).unwrap()).unwrap()
    };
    let serial_of = |r: &OcspResponse| r.responses()[0].cert_id.serial.clone();
    type Expected = fn(&OcspStatus) -> bool;
    let cases: [(&str, &Certificate, Expected); 4] = [
        // A certificate the GOST 2022 CA never issued: the RFC 6960 "non-issued" idiom.
        ("ocsp_response_individual_2015.bin", &gost2015, |s| {
            matches!(
                s,
                OcspStatus::Revoked {
                    not_issued: true,
                    reason: Some(RevocationReason::CertificateHold),
                    ..
                }
            )
        }),
        // Suspended (certificateHold) on 2022-07-27.
        ("ocsp_response_ceo_2015_revoked.bin", &gost2015, |s| {
            matches!(s, OcspStatus::Revoked { not_issued: false, reason: Some(RevocationReason::CertificateHold), time }
                if *time == common::time("2022-07-27T10:25:30Z"))
        }),
        // Revoked (superseded) on 2022-01-18, GOST 34.310-2004 responder.
        ("ocsp_response_ceo_sign_2004_revoked.bin", &gost2004, |s| {
            matches!(s, OcspStatus::Revoked { not_issued: false, reason: Some(RevocationReason::Superseded), time }
                if *time == common::time("2022-01-18T06:30:55Z"))
        }),
        // Good, RSA responder of the RSA test CA.
        ("ocsp_response_individual_sign_2004.bin", &rsa, |s| {
            matches!(s, OcspStatus::Good { .. })
        }),
    ];
    for (name, issuer, expected) in cases {
        let r = read(name);
        assert_eq!(r.status(), ResponseStatus::Successful, "{name}");
        let serial = serial_of(&r);
        let check = r.check(issuer, &serial, at, &policy);
        assert!(expected(check.status()), "{name}: {check:?}");
        assert!(check.responder().is_some(), "{name}: {check:?}");
        // Another CA, another serial, a later time: nothing proven.
        let other = if std::ptr::eq(issuer, &rsa) {
            &gost2015
        } else {
            &rsa
        };
        let c = r.check(other, &serial, at, &policy);
        assert!(
            matches!(c.status(), OcspStatus::Indeterminate { .. }),
            "{name}: {c:?}"
        );
        let c = r.check(issuer, &[1, 2, 3], at, &policy);
        assert!(
            matches!(c.status(), OcspStatus::Indeterminate { .. }),
            "{name}: {c:?}"
        );
        let c = r.check(
            issuer,
            &serial,
            common::time("2022-09-05T00:00:00Z"),
            &policy,
        );
        // Days later the response is stale: "good" and holds prove nothing any more; a
        // revocation for good (superseded) stays proven, and so does the "non-issued"
        // answer (the CA never issued the certificate: nothing lifts that).
        if name.contains("ceo_sign_2004") || name == "ocsp_response_individual_2015.bin" {
            assert!(
                matches!(c.status(), OcspStatus::Revoked { .. }),
                "{name}: {c:?}"
            );
        } else {
            assert!(
                matches!(&c.status(), OcspStatus::Indeterminate { reason } if reason.contains("stale")),
                "{name}: {c:?}"
            );
        }
        // A flipped bit in the signed data: the signature no longer verifies.
        let mut der = std::fs::read(dir.join("ocsp").join(name)).unwrap();
        let produced = der
            .windows(15)
            .position(|w| w.starts_with(b"2022") && w.ends_with(b"Z"))
            .unwrap();
        der[produced + 13] ^= 1;
        let tampered = OcspResponse::from_der(&der).unwrap();
        let c = tampered.check(issuer, &serial, at, &policy);
        assert!(
            matches!(&c.status(), OcspStatus::Indeterminate { reason } if reason.contains("signature")),
            "{name}: {c:?}"
        );
    }
}

/// MANIFEST rsa/: person_sign_2020.xml "enveloped XMLDSig (C14N 1.0 #WithComments,
/// rsa-sha256, Reference URI=\"\"): signature valid"; person_sign_revoked_2020.xml:
/// "signature valid at 2020-06-01; revocation status not provable from this CRL, and a
/// verdict must say so".
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn rsa_person_sign_2020_xml() {
    use qoltanba::xmldsig;
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let v = rsa_verifier(&dir);
    let at = Expectation::at(common::time("2020-06-01T00:00:00Z"));
    for (file, serial) in [
        (
            "person_sign_2020.xml",
            "1C1C4ADB45086B3529E004C96302AE974D4F09A4",
        ),
        (
            "person_sign_revoked_2020.xml",
            "4BBAD346A4703C9FD00A8F146AE0C62A0A8E2A14",
        ),
    ] {
        let xml = std::fs::read(dir.join(file)).unwrap();
        let verdict = xmldsig::verify(&xml, &v, &at).unwrap();
        for check in [
            CheckName::Reference,
            CheckName::SignerCertificate,
            CheckName::Signature,
            CheckName::Validity,
            CheckName::Chain,
            CheckName::KeyUsage,
        ] {
            assert_eq!(
                verdict.check(check).map(|c| c.outcome()),
                Some(Outcome::Passed),
                "{file} {check:?}: {verdict:#?}"
            );
        }
        let cert = verdict.certificate().unwrap();
        assert_eq!(cert.serial(), serial, "{file}");
        // The 2022 CRL cannot prove the status in 2020: indeterminate, and it says so.
        assert_eq!(
            verdict.check(CheckName::Revocation).map(|c| c.outcome()),
            Some(Outcome::Unknown),
            "{file}"
        );
        assert_eq!(verdict.overall(), Overall::Indeterminate, "{file}");
        assert!(verdict.verified_octets().is_none());
        // One byte of the signed document changed: the reference no longer matches.
        let text = String::from_utf8(xml.clone()).unwrap();
        let tampered = text.replacen("<name>NCANode</name>", "<name>NCANodf</name>", 1);
        assert_ne!(tampered, text);
        let t = xmldsig::verify(tampered.as_bytes(), &v, &at).unwrap();
        assert_eq!(t.overall(), Overall::Invalid, "{file}: {t:#?}");
        assert_eq!(
            t.check(CheckName::Reference).unwrap().outcome(),
            Outcome::Failed
        );
        // Insignificant changes (attribute quotes, an empty-element tag, line ends) leave
        // the canonical form, and so the signature, intact.
        let reformatted = text
            .replace("<root>", "<root >")
            .replace("\n", "\r\n")
            .replace(
                "=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
                "='http://www.w3.org/2000/09/xmldsig#enveloped-signature'></ds:Transform>",
            );
        let r = xmldsig::verify(reformatted.as_bytes(), &v, &at).unwrap();
        assert_eq!(
            r.check(CheckName::Signature).unwrap().outcome(),
            Outcome::Passed,
            "{file}: {r:#?}"
        );
    }
}

/// The NCA's 2025 GOST 2015 kit (MANIFEST, gost2015-2025/): CRL #14 with its delta #10 (over
/// base 14: the NCA numbers deltas apart), certificates issued after both CRLs, judged at
/// three times with the CRLs of those times.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2015_2025_kit_judged_at_any_time() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let kit = dir.join("gost2015-2025");
    let verifier = |crls: &[&Path]| {
        let mut b = Verifier::builder()
            .trust_path(dir.join("gost2015/root_test_gost_2022.cer"))
            .unwrap()
            .intermediate_path(dir.join("gost2015/nca_gost2022_test.cer"))
            .unwrap();
        for c in crls {
            b = b.crl_path(c).unwrap();
        }
        b.build()
    };
    let crl14 = kit.join("nca_gost2022_test_crl14.crl");
    let delta10 = kit.join("nca_gost2022_test_delta10.crl");
    let crl166 = dir.join("gost2015/nca_gost2022_test.crl");
    let with_14 = verifier(&[&crl14, &delta10]);
    let with_166 = verifier(&[&crl166]);
    let judge = |v: &Verifier, name: &str, at: &str| {
        v.check_certificate(&cert(&kit.join(name)), &Expectation::at(common::time(at)))
    };
    for who in ["individual", "head"] {
        let valid = format!("{who}_valid.cer");
        let revoked = format!("{who}_revoked.cer");
        // 2025-10-20 with CRL #14 + delta: both predate the certificates: indeterminate.
        for name in [&valid, &revoked] {
            let v = judge(&with_14, name, "2025-10-20T00:00:00Z");
            assert_eq!(
                v.overall(),
                Overall::Indeterminate,
                "{name}: {:#?}",
                v.checks()
            );
            assert_eq!(outcome(&v, CheckName::Revocation), Outcome::Unknown);
            // Neither CRL is dropped silently: both named, with why.
            assert_eq!(v.crls().len(), 2, "{:#?}", v.crls());
            assert!(
                v.crls()
                    .iter()
                    .all(|u| !u.used() && u.note().contains("predates the certificate")),
                "{:#?}",
                v.crls()
            );
        }
        // 2026-03-01 with #166 (2026-08-11): the valid one was good then (revoked only from
        // 2026-05-06), the revoked one on hold since 2025-10-17.
        let v = judge(&with_166, &valid, "2026-03-01T00:00:00Z");
        assert_eq!(v.overall(), Overall::Valid, "{valid}: {:#?}", v.checks());
        let v = judge(&with_166, &revoked, "2026-03-01T00:00:00Z");
        assert_eq!(
            v.overall(),
            Overall::Invalid,
            "{revoked}: {:#?}",
            v.checks()
        );
        // 2026-09-01 with #166: both revoked.
        for name in [&valid, &revoked] {
            let v = judge(&with_166, name, "2026-09-01T00:00:00Z");
            assert_eq!(v.overall(), Overall::Invalid, "{name}: {:#?}", v.checks());
            assert_eq!(outcome(&v, CheckName::Revocation), Outcome::Failed);
        }
    }
}

/// The delta CRL #10 of the 2025 kit (BaseCRLNumber 14) is used over CRL #14 for a
/// certificate that both can speak of: the CAdES-T signer (2024-10-29..2025-10-29).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn gost2015_2025_delta_numbered_apart_is_used() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let kit = dir.join("gost2015-2025");
    let v = Verifier::builder()
        .trust_path(dir.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(kit.join("nca_gost2022_test_crl14.crl"))
        .unwrap()
        .crl_path(kit.join("nca_gost2022_test_delta10.crl"))
        .unwrap()
        .build();
    let cms = qoltanba::cms::SignedData::from_input(
        &std::fs::read(kit.join("cades_t_2025.cms")).unwrap(),
    )
    .unwrap();
    let verdict = cms.verify(
        &v,
        &qoltanba::cms::VerifyOptions::at(common::time("2025-05-01T00:00:00Z")),
    );
    assert!(verdict.is_valid(), "{verdict:#?}");
    let signer = verdict.signers()[0].certificate().unwrap();
    let delta = signer
        .crls()
        .iter()
        .find(|u| u.crl().starts_with("delta CRL #10"))
        .expect("the delta is reported");
    assert!(delta.used(), "{delta:?}");
    assert!(signer
        .crls()
        .iter()
        .any(|u| u.used() && u.crl().starts_with("CRL #14")));
}

/// Under CI the real material must be there (a missing `../shared` fails here rather than
/// letting every test above be ignored).
#[test]
fn shared_material_is_present_under_ci() {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        assert!(
            !cfg!(qoltanba_no_shared) && common::shared("nca-test-pki").is_some(),
            "CI=true but ../shared/nca-test-pki is absent (or was absent when the tests were built)"
        );
    }
}
