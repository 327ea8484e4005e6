//! CRL extensions on synthetic CRLs: unknown critical and duplicate extensions,
//! deltaCRLIndicator, cRLNumber, issuingDistributionPoint; and the dotted form of OIDs.

use super::*;
use crate::name::DistributionPointName;
use crate::revocation::reason::ReasonSet;

#[test]
fn unknown_critical_crl_extension_is_recorded() {
    let crl = Builder::new()
        .ext(ext(&[0x2a, 0x03, 0x05], true, &[0x05, 0x00]))
        .ext(ext(&[0x2a, 0x03, 0x06], false, &[0x05, 0x00]))
        .load()
        .unwrap();
    assert_eq!(
        crl.unprocessed_critical_extensions(),
        &["1.2.3.5".to_string()]
    );
    // freshestCRL is known, and RFC 5280 5.2.6 says it MUST NOT be critical.
    let crl = Builder::new()
        .ext(ext(OID_FRESHEST_CRL, false, &seq(&[])))
        .load()
        .unwrap();
    assert!(crl.unprocessed_critical_extensions().is_empty());
    let crl = Builder::new()
        .ext(ext(OID_FRESHEST_CRL, true, &seq(&[])))
        .load()
        .unwrap();
    assert_eq!(
        crl.unprocessed_critical_extensions(),
        &["2.5.29.46 (must not be critical)".to_string()]
    );
}

#[test]
fn duplicate_crl_extension_is_an_error() {
    let b = Builder::new().ext(ext(OID_CRL_NUMBER, false, &tlv(0x02, &[10])));
    assert!(matches!(b.load(), Err(Error::MalformedDer { .. })));
}

#[test]
fn delta_crl_indicator() {
    let crl = Builder::new()
        .ext(ext(
            OID_DELTA_CRL_INDICATOR,
            true,
            &tlv(0x02, &[0x00, 0x80]),
        ))
        .load()
        .unwrap();
    assert!(crl.is_delta());
    assert_eq!(crl.delta_base(), Some(&CrlNumber::from_u64(128)));
    assert!(crl.unprocessed_critical_extensions().is_empty());
    let bad = Builder::new().ext(ext(OID_DELTA_CRL_INDICATOR, true, &tlv(0x02, &[0xff])));
    assert!(bad.load().is_err(), "negative base");
}

#[test]
fn crl_numbers_order_numerically() {
    let n = |b: &[u8]| CrlNumber::from_be_bytes(b).unwrap();
    assert!(n(&[0x01, 0x00]) > n(&[0xff]));
    assert!(n(&[0x00, 0x00, 0x05]) == n(&[0x05]));
    assert!(n(&[]) < n(&[1]));
    assert_eq!(n(&[0, 0]).as_bytes(), &[0]);
    assert_eq!(n(&[0x01, 0x00]).to_string(), "256");
    assert_eq!(n(&[]).to_string(), "0");
    let big = [0xffu8; 20];
    assert_eq!(
        n(&big).to_string(),
        "1461501637330902918203684832716283019655932542975"
    );
    assert!(CrlNumber::from_be_bytes(&[1; 21]).is_err());
    assert!(CrlNumber::from_integer_content(&[0x80]).is_err());
    assert_eq!(CrlNumber::from_u64(0).as_bytes(), &[0]);
    assert_eq!(CrlNumber::from_u64(0x1234).to_u128(), Some(0x1234));
    let b = Builder::new();
    let mut b2 = Builder::new();
    b2.extensions = vec![ext(OID_CRL_NUMBER, false, &tlv(0x02, &[0x01; 21]))];
    assert!(b2.load().is_err());
    assert!(b.load().is_ok());
}

#[test]
fn issuing_distribution_point_flags() {
    let uri = b"http://crl.example/ca.crl";
    let dp = tlv(0xa0, &tlv(0xa0, &tlv(0x86, uri)));
    // onlyContainsUserCerts, onlySomeReasons keyCompromise + cACompromise (bits 1, 2).
    let idp = seq(&[&dp, &tlv(0x81, &[0xff]), &tlv(0x83, &[0x05, 0x60])]);
    let crl = Builder::new()
        .ext(ext(OID_ISSUING_DISTRIBUTION_POINT, true, &idp))
        .load()
        .unwrap();
    let i = crl.issuing_distribution_point().unwrap();
    assert_eq!(
        i.name,
        Some(DistributionPointName(vec![
            crate::name::GeneralNameKey::Uri("http://crl.example/ca.crl".into())
        ]))
    );
    assert!(i.only_user_certs && !i.only_ca_certs && !i.only_attribute_certs && !i.indirect);
    assert_eq!(i.only_some_reasons, Some(ReasonSet::from_flags(0b110)));
    assert!(crl.unprocessed_critical_extensions().is_empty());

    let idp = seq(&[&tlv(0x82, &[0xff]), &tlv(0x85, &[0xff])]);
    let crl = Builder::new()
        .ext(ext(OID_ISSUING_DISTRIBUTION_POINT, true, &idp))
        .load()
        .unwrap();
    let i = crl.issuing_distribution_point().unwrap();
    assert!(!i.only_user_certs && i.only_ca_certs && i.only_attribute_certs);
    assert_eq!(i.name, None);
    assert_eq!(i.only_some_reasons, None);
}

#[test]
fn oid_strings() {
    assert_eq!(oid_string(&[0x55, 0x1d, 0x1d]), "2.5.29.29");
    assert_eq!(oid_string(&[0x2a, 0x86, 0x48]), "1.2.840");
    assert_eq!(oid_string(&[0x88, 0x37]), "2.999");
    assert!(oid_string(&[0x86]).starts_with("OID"));
    assert!(oid_string(&[]).starts_with("OID"));
}
