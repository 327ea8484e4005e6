//! Real CRLs: the NCA test PKI's RSA and GOST CRLs, and every PKITS CRL (skipped when
//! `../shared` is not available).

use super::*;

fn read_shared(path: &str) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!("skipping: {path} not available ({e})");
            None
        }
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn nca_rsa_test_crl() {
    let Some(bytes) = read_shared("../shared/nca-test-pki/rsa/nca_rsa_test.crl") else {
        return;
    };
    let crl = Crl::from_input(&bytes).unwrap();
    assert_eq!(crl.len(), 126);
    assert_eq!(crl.entries().count(), 126);
    assert_eq!(crl.this_update(), dt("2022-03-29T04:18:29Z"));
    assert_eq!(crl.next_update(), Some(dt("2022-09-25T04:18:29Z")));
    assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(9)));
    assert_eq!(
        crl.authority_key_id().map(hex_upper).as_deref(),
        Some("A68C16337CB8E83567063E5E415755A2AF345068")
    );
    assert_eq!(
        crl.signature_algorithm(),
        &SignatureAlgorithm::RsaPkcs1(crate::signature::HashAlgorithm::Sha256)
    );
    assert_eq!(crl.signature().len(), 512);
    assert!(!crl.is_delta());
    assert!(crl.unprocessed_critical_extensions().is_empty());
    assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
    let issuer = crl.issuer().key().clone();
    let e = crl.lookup(&hex("474C38696D8677A2C8B6E40345A8B04168C0905C"), &issuer);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
    assert_eq!(e[0].revocation_date, dt("2021-04-01T06:56:52Z"));
    let e = crl.lookup(&hex("1F6DE34F4F4BB353DD57EF15E4E6DDB8363F6D00"), &issuer);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].reason, None);
    // Every entry is found through the index.
    for entry in crl.entries() {
        assert!(crl.lookup(&entry.serial, &issuer).contains(&entry));
    }
    // The signing certificate of 2022 is not listed.
    assert!(crl
        .lookup(&hex("41E45CC8A04C705963E5CD6769848A934D8EAEF5"), &issuer)
        .is_empty());
}

#[test]
fn nca_gost2022_test_crl() {
    let Some(bytes) = read_shared("../shared/nca-test-pki/gost2015/nca_gost2022_test.crl") else {
        return;
    };
    let crl = Crl::from_input(&bytes).unwrap();
    assert_eq!(crl.len(), 195);
    assert_eq!(crl.this_update(), dt("2026-08-11T03:49:19Z"));
    assert_eq!(crl.next_update(), Some(dt("2027-02-07T03:49:19Z")));
    assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(166)));
    assert_eq!(
        crl.signature_algorithm(),
        &SignatureAlgorithm::Gost(crate::gost::GostAlgorithm::Nca2015_512)
    );
    let issuer = crl.issuer().key().clone();
    let e = crl.lookup(&hex("3ACEA55CBCDF38C861FB3F341854C53EC9ED6ECD"), &issuer);
    assert_eq!(e.len(), 1, "individual_revoked");
    assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
    assert_eq!(
        e[0].revocation_date.date_naive(),
        dt("2026-05-08T00:00:00Z").date_naive()
    );
    let e = crl.lookup(&hex("5BFAB68530D2A5DAF87B65E29A105A7BEA75B411"), &issuer);
    assert_eq!(e.len(), 1, "head_revoked");
    assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
    for valid in [
        "6C425659BD2FC6DC587B871AEDE1857727CF8451",
        "303EEBDF17969F3EDEDE9BD9828FB1355AABBE4E",
    ] {
        assert!(crl.lookup(&hex(valid), &issuer).is_empty(), "{valid}");
    }
    for entry in crl.entries() {
        assert!(crl.lookup(&entry.serial, &issuer).contains(&entry));
    }
}

#[test]
fn nca_gost_test_crl() {
    let Some(bytes) = read_shared("../shared/nca-test-pki/gost2004/nca_gost_test.crl") else {
        return;
    };
    let crl = Crl::from_input(&bytes).unwrap();
    assert_eq!(crl.len(), 31);
    assert_eq!(crl.this_update(), dt("2022-03-29T04:30:07Z"));
    assert_eq!(crl.next_update(), Some(dt("2022-09-25T04:30:07Z")));
    assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(7)));
    let issuer = crl.issuer().key().clone();
    assert!(crl
        .lookup(&hex("6CBD4560A33A58C0B07C3363C9AE0674A0838E58"), &issuer)
        .is_empty());
    let e = crl.lookup(&hex("5E5D1C4849CBF6F9EFB9BCCE9178BAF65C660D8F"), &issuer);
    assert_eq!(e[0].reason, Some(RevocationReason::AffiliationChanged));
}

/// Every PKITS CRL loads without panicking. All of them load successfully; the ones
/// that PKITS means to be refused are refused later by status checking (signature,
/// unknown critical extensions, scope):
/// * UnknownCRLExtensionCACRL: unprocessed critical CRL extension.
/// * UnknownCRLEntryExtensionCACRL: unprocessed critical entry extension.
/// * BadCRLSignatureCACRL: its signatureValue BIT STRING declares 1 unused bit; it loads
///   with an empty signature, which never verifies.
#[test]
fn pkits_crls_load() {
    let dir = "../shared/pkits/crls";
    let Ok(read_dir) = std::fs::read_dir(dir) else {
        eprintln!("skipping: {dir} not available");
        return;
    };
    let mut paths: Vec<_> = read_dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    let mut failed = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        match Crl::all_from_input(&bytes) {
            Ok(crls) => {
                for crl in crls {
                    let n = crl.entries().count();
                    assert_eq!(n, crl.len(), "{}", path.display());
                    for e in crl.entries() {
                        assert!(
                            !crl.lookup(&e.serial, &e.certificate_issuer).is_empty()
                                || crl.first_unprocessed_critical_entry_extension().is_some(),
                            "{}",
                            path.display()
                        );
                    }
                }
            }
            Err(e) => failed.push(format!(
                "{}: {e}",
                path.file_name().unwrap().to_string_lossy()
            )),
        }
    }
    eprintln!("PKITS: {} CRLs, failures: {failed:#?}", paths.len());
    assert!(failed.is_empty(), "{failed:#?}");

    let load = |f: &str| Crl::from_input(&std::fs::read(format!("{dir}/{f}")).unwrap()).unwrap();
    assert_eq!(
        load("UnknownCRLExtensionCACRL.crl").unprocessed_critical_extensions(),
        &["2.16.840.1.101.2.1.12.2".to_string()][..]
    );
    assert_eq!(
        load("UnknownCRLEntryExtensionCACRL.crl").first_unprocessed_critical_entry_extension(),
        Some("2.16.840.1.101.2.1.12.2")
    );
    assert!(load("BadCRLSignatureCACRL.crl").signature().is_empty());
    assert!(!load("GoodCACRL.crl").signature().is_empty());
    assert!(load("deltaCRLCA1deltaCRL.crl").is_delta());
    assert!(load("indirectCRLCA5CRL.crl").is_indirect());
    let neg = load("NegativeSerialNumberCACRL.crl");
    assert!(neg.entries().any(|e| e.serial[0] & 0x80 != 0));
    let long = load("LongSerialNumberCACRL.crl");
    assert!(long.entries().any(|e| e.serial.len() >= 20));
}
