//! The CertificateList header on synthetic CRLs: its fields, thisUpdate / nextUpdate and
//! entry times, the algorithm identifiers and the version.

use super::*;

#[test]
fn header_fields_are_read() {
    let b = Builder::new().ext(ext(
        OID_AUTHORITY_KEY_ID,
        false,
        &seq(&[&tlv(0x80, &[1, 2, 3, 4])]),
    ));
    let der = b.build();
    let crl = Crl::from_der(der.clone()).unwrap();
    assert_eq!(crl.der(), &der[..]);
    assert_eq!(crl.tbs(), &b.tbs()[..]);
    assert_eq!(crl.signature(), &[0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(
        crl.signature_algorithm(),
        &SignatureAlgorithm::RsaPkcs1(crate::signature::HashAlgorithm::Sha256)
    );
    assert_eq!(crl.issuer().key(), &key("test ca"));
    assert_eq!(crl.this_update(), dt("2022-03-29T04:18:29Z"));
    assert_eq!(crl.next_update(), Some(dt("2022-09-25T04:18:29Z")));
    assert_eq!(crl.crl_number(), Some(&CrlNumber::from_u64(9)));
    assert_eq!(crl.authority_key_id(), Some(&[1u8, 2, 3, 4][..]));
    assert!(!crl.is_delta());
    assert!(crl.is_empty());
    assert_eq!(crl.len(), 0);
    assert_eq!(crl.entries().count(), 0);
    assert!(crl.unprocessed_critical_extensions().is_empty());
    assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
    let fp: [u8; 32] = Sha256::digest(&der).into();
    assert_eq!(crl.fingerprint_sha256(), fp);
    let clone = crl.clone();
    assert_eq!(clone, crl);
    assert!(format!("{crl:?}").contains("Test CA"));
}

#[test]
fn times_utc_and_generalized() {
    let mut b = Builder::new().entries(vec![entry(&[1], "500101000000Z", &[])]);
    b.this_update = utc("491231235959Z");
    b.next_update = Some(gen_time("20500101000000Z"));
    let crl = b.load().unwrap();
    assert_eq!(crl.this_update(), dt("2049-12-31T23:59:59Z"));
    assert_eq!(crl.next_update(), Some(dt("2050-01-01T00:00:00Z")));
    assert_eq!(
        crl.entries().next().unwrap().revocation_date,
        dt("1950-01-01T00:00:00Z")
    );
    // No nextUpdate.
    let mut b = Builder::new();
    b.next_update = None;
    assert_eq!(b.load().unwrap().next_update(), None);
    // Leap day and a bad date.
    let ok = Builder::new().entries(vec![entry(&[1], "240229000000Z", &[])]);
    assert!(ok.load().is_ok());
    for bad in [
        "230229000000Z",
        "231301000000Z",
        "2301010000Z0Z",
        "230101246000Z",
    ] {
        let b = Builder::new().entries(vec![entry(&[1], bad, &[])]);
        assert!(b.load().is_err(), "{bad}");
    }
}

#[test]
fn algorithm_identifiers_must_agree() {
    // Inner without NULL, outer with: accepted (NCA GOST CRLs).
    let mut b = Builder::new();
    b.inner_alg = alg(SHA256_RSA, false);
    assert!(b.load().is_ok());
    b.inner_alg = alg(SHA256_RSA, true);
    b.outer_alg = alg(SHA256_RSA, false);
    assert!(b.load().is_ok());
    // Different OID.
    let mut b = Builder::new();
    b.inner_alg = alg(
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05],
        true,
    );
    assert!(matches!(b.load(), Err(Error::MalformedDer { .. })));
    // Different parameters.
    let mut b = Builder::new();
    b.inner_alg = seq(&[&tlv(0x06, SHA256_RSA), &tlv(0x02, &[1])]);
    assert!(b.load().is_err());
}

#[test]
fn version_must_be_v2_when_present() {
    let mut b = Builder::new();
    b.version = None;
    b.extensions.clear();
    assert!(b.load().is_ok());
    b.version = Some(tlv(0x02, &[2]));
    assert!(b.load().is_err());
    b.version = Some(tlv(0x02, &[0]));
    assert!(b.load().is_err());
}
