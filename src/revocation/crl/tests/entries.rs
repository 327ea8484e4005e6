//! revokedCertificates entries on synthetic CRLs: their extensions (reasonCode,
//! invalidityDate, holdInstructionCode, certificateIssuer, unknown critical ones) and the
//! lookup by serial and certificate issuer.

use super::*;

#[test]
fn entries_with_and_without_reason() {
    let crl = Builder::new()
        .entries(vec![
            entry(&[0x01, 0x02], "210401065652Z", &[reason(6)]),
            entry(&[0x03], "210330181021Z", &[]),
            entry(&[0x04], "210330181021Z", &[reason(1)]),
        ])
        .load()
        .unwrap();
    assert_eq!(crl.len(), 3);
    let ca = key("Test CA");
    let e = crl.lookup(&[0x01, 0x02], &ca);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
    assert_eq!(e[0].revocation_date, dt("2021-04-01T06:56:52Z"));
    assert_eq!(e[0].certificate_issuer, ca);
    assert_eq!(e[0].serial_hex(), "0102");
    let e = crl.lookup(&[0x03], &ca);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].reason, None);
    assert_eq!(
        crl.lookup(&[0x04], &ca)[0].reason,
        Some(RevocationReason::KeyCompromise)
    );
    assert!(crl.lookup(&[0x05], &ca).is_empty());
    assert!(crl.lookup(&[0x01], &ca).is_empty());
    // Another issuer never matches a CRL that is not indirect.
    assert!(crl.lookup(&[0x03], &key("Other CA")).is_empty());
    let all: Vec<_> = crl.entries().map(|e| e.serial).collect();
    assert_eq!(all, vec![vec![1, 2], vec![3], vec![4]]);
}

#[test]
fn serials_compare_exactly() {
    let long: Vec<u8> = (1..=25).collect();
    let crl = Builder::new()
        .entries(vec![
            entry(&[0xff], "210401065652Z", &[]),
            entry(&[0xff, 0x7f], "210401065652Z", &[]),
            entry(&[0x00, 0x80], "210401065652Z", &[]),
            entry(&long, "210401065652Z", &[]),
        ])
        .load()
        .unwrap();
    let ca = key("Test CA");
    assert_eq!(crl.lookup(&[0xff], &ca).len(), 1);
    assert_eq!(crl.lookup(&[0xff, 0x7f], &ca).len(), 1);
    assert_eq!(crl.lookup(&[0x00, 0x80], &ca).len(), 1);
    assert!(crl.lookup(&[0x80], &ca).is_empty());
    assert_eq!(crl.lookup(&long, &ca)[0].serial, long);
    assert!(crl.lookup(&long[..20], &ca).is_empty());
}

#[test]
fn duplicate_serials_are_all_returned_in_order() {
    let crl = Builder::new()
        .entries(vec![
            entry(&[7], "210401000000Z", &[reason(6)]),
            entry(&[8], "210401000000Z", &[]),
            entry(&[7], "210501000000Z", &[reason(1)]),
        ])
        .load()
        .unwrap();
    let e = crl.lookup(&[7], &key("Test CA"));
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].reason, Some(RevocationReason::CertificateHold));
    assert_eq!(e[1].reason, Some(RevocationReason::KeyCompromise));
}

#[test]
fn invalidity_date_and_hold_instruction() {
    let crl = Builder::new()
        .entries(vec![entry(
            &[1],
            "210401000000Z",
            &[
                ext(OID_INVALIDITY_DATE, false, &gen_time("20210315120000Z")),
                ext(
                    OID_HOLD_INSTRUCTION,
                    false,
                    &tlv(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x02, 0x02]),
                ),
            ],
        )])
        .load()
        .unwrap();
    let e = &crl.lookup(&[1], &key("Test CA"))[0];
    assert_eq!(e.invalidity_date, Some(dt("2021-03-15T12:00:00Z")));
    assert_eq!(e.reason, None);
    assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
}

#[test]
fn unknown_reason_code_is_an_error() {
    for code in [7u8, 11, 0x80] {
        let b = Builder::new().entries(vec![entry(&[1], "210401000000Z", &[reason(code)])]);
        assert!(
            matches!(b.load(), Err(Error::MalformedDer { .. })),
            "{code}"
        );
    }
    let b = Builder::new().entries(vec![entry(
        &[1],
        "210401000000Z",
        &[ext(OID_REASON_CODE, false, &tlv(0x0a, &[0, 1]))],
    )]);
    assert!(b.load().is_err());
    let b = Builder::new().entries(vec![entry(&[1], "210401000000Z", &[reason(1), reason(1)])]);
    assert!(b.load().is_err(), "duplicate entry extension");
}

#[test]
fn indirect_crl_switches_certificate_issuer() {
    let idp = ext(
        OID_ISSUING_DISTRIBUTION_POINT,
        true,
        &seq(&[&tlv(0x84, &[0xff])]),
    );
    let crl = Builder::new()
        .ext(idp)
        .entries(vec![
            entry(&[1], "210401000000Z", &[]),
            entry(&[2], "210401000000Z", &[cert_issuer("CA A")]),
            entry(&[3], "210401000000Z", &[]),
            entry(&[1], "210401000000Z", &[cert_issuer("CA B"), reason(1)]),
            entry(&[4], "210401000000Z", &[cert_issuer("CA A")]),
            entry(&[5], "210401000000Z", &[cert_issuer("Test CA")]),
        ])
        .load()
        .unwrap();
    assert!(crl.is_indirect());
    let (ca, a, b) = (key("Test CA"), key("CA A"), key("CA B"));
    assert_eq!(crl.lookup(&[1], &ca).len(), 1);
    assert_eq!(crl.lookup(&[1], &ca)[0].reason, None);
    assert_eq!(crl.lookup(&[1], &b).len(), 1);
    assert_eq!(
        crl.lookup(&[1], &b)[0].reason,
        Some(RevocationReason::KeyCompromise)
    );
    assert!(crl.lookup(&[1], &a).is_empty());
    assert_eq!(crl.lookup(&[2], &a).len(), 1);
    assert_eq!(crl.lookup(&[3], &a).len(), 1);
    assert!(crl.lookup(&[3], &ca).is_empty());
    assert_eq!(crl.lookup(&[4], &a).len(), 1);
    assert!(crl.lookup(&[4], &b).is_empty());
    assert_eq!(crl.lookup(&[5], &ca).len(), 1);
    assert_eq!(crl.lookup(&[5], &ca)[0].certificate_issuer, ca);
    let issuers: Vec<NameKey> = crl.entries().map(|e| e.certificate_issuer).collect();
    assert_eq!(issuers, vec![ca.clone(), a.clone(), a.clone(), b, a, ca]);
    assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
}

#[test]
fn certificate_issuer_outside_an_indirect_crl_is_unprocessed() {
    let crl = Builder::new()
        .entries(vec![
            entry(&[1], "210401000000Z", &[]),
            entry(&[2], "210401000000Z", &[cert_issuer("CA A")]),
        ])
        .load()
        .unwrap();
    assert_eq!(
        crl.first_unprocessed_critical_entry_extension(),
        Some("2.5.29.29")
    );
    assert!(crl.lookup(&[2], &key("CA A")).is_empty());
    assert!(crl.lookup(&[2], &key("Test CA")).is_empty());
    assert_eq!(crl.lookup(&[1], &key("Test CA")).len(), 1);
    // Naming the CRL issuer itself is harmless.
    let crl = Builder::new()
        .entries(vec![entry(
            &[2],
            "210401000000Z",
            &[cert_issuer("Test CA")],
        )])
        .load()
        .unwrap();
    assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
    assert_eq!(crl.lookup(&[2], &key("Test CA")).len(), 1);
}

#[test]
fn unknown_critical_entry_extension_is_recorded() {
    let unknown = [0x2a, 0x03, 0x04]; // 1.2.3.4
    let crl = Builder::new()
        .entries(vec![
            entry(
                &[1],
                "210401000000Z",
                &[ext(&unknown, false, &[0x05, 0x00])],
            ),
            entry(&[2], "210401000000Z", &[]),
        ])
        .load()
        .unwrap();
    assert_eq!(crl.first_unprocessed_critical_entry_extension(), None);
    let crl = Builder::new()
        .entries(vec![
            entry(&[1], "210401000000Z", &[]),
            entry(&[2], "210401000000Z", &[ext(&unknown, true, &[0x05, 0x00])]),
        ])
        .load()
        .unwrap();
    assert_eq!(
        crl.first_unprocessed_critical_entry_extension(),
        Some("1.2.3.4")
    );
    assert_eq!(crl.len(), 2);
}
