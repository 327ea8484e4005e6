//! Unit tests of the parent module.

use super::*;
use crate::name::DistributionPointName;
use crate::revocation::reason::ReasonSet;
use base64::Engine as _;

// --- a tiny DER builder --------------------------------------------------------------

fn push_len(v: &mut Vec<u8>, n: usize) {
    if n < 0x80 {
        v.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        v.push(0x80 | (bytes.len() - skip) as u8);
        v.extend_from_slice(&bytes[skip..]);
    }
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    push_len(&mut v, content.len());
    v.extend_from_slice(content);
    v
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn name_cn(cn: &str) -> Vec<u8> {
    let atv = seq(&[&tlv(0x06, &[0x55, 0x04, 0x03]), &tlv(0x0c, cn.as_bytes())]);
    seq(&[&tlv(0x31, &atv)])
}

fn key(cn: &str) -> NameKey {
    Name::from_der(&name_cn(cn)).unwrap().key().clone()
}

fn utc(s: &str) -> Vec<u8> {
    tlv(0x17, s.as_bytes())
}

fn gen_time(s: &str) -> Vec<u8> {
    tlv(0x18, s.as_bytes())
}

fn ext(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    let crit = if critical {
        tlv(0x01, &[0xff])
    } else {
        Vec::new()
    };
    seq(&[&tlv(0x06, oid), &crit, &tlv(0x04, value)])
}

fn reason(code: u8) -> Vec<u8> {
    ext(OID_REASON_CODE, false, &tlv(0x0a, &[code]))
}

fn cert_issuer(cn: &str) -> Vec<u8> {
    ext(
        OID_CERTIFICATE_ISSUER,
        true,
        &seq(&[&tlv(0xa4, &name_cn(cn))]),
    )
}

fn entry(serial: &[u8], date: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    let mut parts = vec![tlv(0x02, serial), utc(date)];
    if !exts.is_empty() {
        parts.push(tlv(0x30, &exts.concat()));
    }
    tlv(0x30, &parts.concat())
}

const SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];

fn alg(oid: &[u8], null: bool) -> Vec<u8> {
    if null {
        seq(&[&tlv(0x06, oid), &[0x05, 0x00]])
    } else {
        seq(&[&tlv(0x06, oid)])
    }
}

struct Builder {
    version: Option<Vec<u8>>,
    inner_alg: Vec<u8>,
    outer_alg: Vec<u8>,
    issuer: Vec<u8>,
    this_update: Vec<u8>,
    next_update: Option<Vec<u8>>,
    entries: Option<Vec<Vec<u8>>>,
    extensions: Vec<Vec<u8>>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            version: Some(tlv(0x02, &[1])),
            inner_alg: alg(SHA256_RSA, true),
            outer_alg: alg(SHA256_RSA, true),
            issuer: name_cn("Test CA"),
            this_update: utc("220329041829Z"),
            next_update: Some(utc("220925041829Z")),
            entries: None,
            extensions: vec![ext(OID_CRL_NUMBER, false, &tlv(0x02, &[9]))],
        }
    }

    fn entries(mut self, e: Vec<Vec<u8>>) -> Builder {
        self.entries = Some(e);
        self
    }

    fn ext(mut self, e: Vec<u8>) -> Builder {
        self.extensions.push(e);
        self
    }

    fn tbs(&self) -> Vec<u8> {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        parts.extend(self.version.clone());
        parts.push(self.inner_alg.clone());
        parts.push(self.issuer.clone());
        parts.push(self.this_update.clone());
        parts.extend(self.next_update.clone());
        if let Some(e) = &self.entries {
            parts.push(tlv(0x30, &e.concat()));
        }
        if !self.extensions.is_empty() {
            parts.push(tlv(0xa0, &tlv(0x30, &self.extensions.concat())));
        }
        tlv(0x30, &parts.concat())
    }

    fn build(&self) -> Vec<u8> {
        seq(&[
            &self.tbs(),
            &self.outer_alg,
            &tlv(0x03, &[0, 0xde, 0xad, 0xbe, 0xef]),
        ])
    }

    fn load(&self) -> Result<Crl> {
        Crl::from_der(self.build())
    }
}

fn dt(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

// --- synthetic CRLs ------------------------------------------------------------------

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
fn fast_time_matches_chrono() {
    for s in [
        "19700101000000Z",
        "19691231235959Z",
        "20000229123456Z",
        "21000301000000Z",
        "16000229000000Z",
        "99991231235959Z",
    ] {
        let secs = time_secs(TAG_GENERALIZED_TIME, s.as_bytes()).unwrap();
        let expected = chrono::NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%SZ")
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(secs, expected, "{s}");
    }
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

fn sample() -> Vec<u8> {
    Builder::new()
        .ext(ext(
            OID_ISSUING_DISTRIBUTION_POINT,
            true,
            &seq(&[&tlv(0x84, &[0xff])]),
        ))
        .entries(vec![
            entry(&[1, 2, 3], "210401000000Z", &[reason(1)]),
            entry(&[0xff], "210401000000Z", &[]),
            entry(
                &[4],
                "210401000000Z",
                &[
                    cert_issuer("CA A"),
                    ext(OID_INVALIDITY_DATE, false, &gen_time("20210315120000Z")),
                ],
            ),
        ])
        .build()
}

#[test]
fn every_truncation_is_an_error() {
    let der = sample();
    assert!(Crl::from_der(der.clone()).is_ok());
    for n in 0..der.len() {
        assert!(Crl::from_der(der[..n].to_vec()).is_err(), "prefix {n}");
        assert!(Crl::all_from_input(&der[..n]).is_err(), "input prefix {n}");
        assert!(
            Crl::all_from_owned_input(der[..n].to_vec()).is_err(),
            "owned prefix {n}"
        );
    }
}

#[test]
fn corrupted_bytes_never_panic() {
    let der = sample();
    for i in 0..der.len() {
        for v in [0x00u8, 0x01, 0x7f, 0x80, 0x81, 0x84, 0xff, der[i] ^ 0x01] {
            let mut d = der.clone();
            d[i] = v;
            if let Ok(crl) = Crl::from_der(d) {
                let _ = crl.entries().count();
                let _ = crl.lookup(&[1, 2, 3], &key("Test CA"));
            }
        }
    }
}

#[test]
fn trailing_data_is_an_error() {
    let mut der = sample();
    der.push(0);
    assert!(matches!(
        Crl::from_der(der.clone()),
        Err(Error::MalformedDer { .. })
    ));
    assert!(Crl::all_from_input(&der).is_err());
    assert!(Crl::all_from_owned_input(der.clone()).is_err());
    der.pop();
    der.extend_from_slice(b"\r\n");
    assert_eq!(
        Crl::all_from_owned_input(der.clone()).unwrap()[0].der(),
        sample()
    );
    assert_eq!(Crl::all_from_input(&der).unwrap()[0].der(), sample());
    // Inside the tbsCertList too.
    let mut b = Builder::new();
    b.extensions.clear();
    b.next_update = Some([utc("220925041829Z"), tlv(0x05, &[])].concat());
    assert!(b.load().is_err());
    assert!(Crl::from_der(Vec::new()).is_err());
}

#[test]
fn pem_and_base64_input() {
    let der = sample();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| core::str::from_utf8(c).unwrap())
        .collect();
    let pem = format!(
        "-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\n-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\n",
        lines.join("\n"),
        lines.join("\n")
    );
    let crls = Crl::all_from_input(pem.as_bytes()).unwrap();
    assert_eq!(crls.len(), 2);
    assert_eq!(crls[0].der(), &der[..]);
    assert_eq!(crls[0].len(), 3);
    let owned = Crl::all_from_owned_input(pem.clone().into_bytes()).unwrap();
    assert_eq!(owned.len(), 2);
    assert_eq!(owned[1].der(), &der[..]);
    let crls = Crl::all_from_input(lines.join("\r\n").as_bytes()).unwrap();
    assert_eq!(crls.len(), 1);
    assert_eq!(crls[0].der(), &der[..]);
    assert_eq!(Crl::from_input(&der).unwrap().der(), &der[..]);
}

#[test]
fn oid_strings() {
    assert_eq!(oid_string(&[0x55, 0x1d, 0x1d]), "2.5.29.29");
    assert_eq!(oid_string(&[0x2a, 0x86, 0x48]), "1.2.840");
    assert_eq!(oid_string(&[0x88, 0x37]), "2.999");
    assert!(oid_string(&[0x86]).starts_with("OID"));
    assert!(oid_string(&[]).starts_with("OID"));
}

// --- real CRLs -----------------------------------------------------------------------

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

// --- a 1M-entry CRL ------------------------------------------------------------------

fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Synthesise an N-entry CRL (serials of 16-20 octets, reasonCode on each entry)
/// directly into one exactly-sized buffer.
fn synthesise(n: usize) -> Vec<u8> {
    let serial_len = |i: usize| 16 + i % 5;
    // entry = 30 L | 02 len serial | 17 0d time | 30 0c (30 0a 06 03 551d15 04 03 0a 01 r)
    let entry_len = |i: usize| 2 + (2 + serial_len(i)) + 15 + 14;
    let revoked_len: usize = (0..n).map(entry_len).sum();
    let prefix = [
        tlv(0x02, &[1]),
        alg(SHA256_RSA, true),
        name_cn("Synthetic CA"),
        utc("260101000000Z"),
        utc("260701000000Z"),
    ]
    .concat();
    let suffix = tlv(0xa0, &seq(&[&ext(OID_CRL_NUMBER, false, &tlv(0x02, &[1]))]));
    let header_of = |tag: u8, len: usize| {
        let mut v = vec![tag];
        push_len(&mut v, len);
        v
    };
    let revoked_header = header_of(0x30, revoked_len);
    let tbs_len = prefix.len() + revoked_header.len() + revoked_len + suffix.len();
    let tbs_header = header_of(0x30, tbs_len);
    let tail = [alg(SHA256_RSA, true), tlv(0x03, &[0; 513])].concat();
    let outer_len = tbs_header.len() + tbs_len + tail.len();
    let outer_header = header_of(0x30, outer_len);
    let total = outer_header.len() + outer_len;
    let mut der = Vec::with_capacity(total);
    der.extend_from_slice(&outer_header);
    der.extend_from_slice(&tbs_header);
    der.extend_from_slice(&prefix);
    der.extend_from_slice(&revoked_header);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let reasons = [0u8, 1, 3, 4, 5, 6];
    for i in 0..n {
        let len = serial_len(i);
        der.extend_from_slice(&[0x30, (entry_len(i) - 2) as u8, 0x02, len as u8]);
        for j in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let b = state as u8;
            der.push(if j == 0 { (b & 0x7f) | 0x01 } else { b });
        }
        der.extend_from_slice(b"\x17\x0d250315120000Z");
        der.extend_from_slice(&[
            0x30,
            0x0c,
            0x30,
            0x0a,
            0x06,
            0x03,
            0x55,
            0x1d,
            0x15,
            0x04,
            0x03,
            0x0a,
            0x01,
            reasons[i % reasons.len()],
        ]);
    }
    der.extend_from_slice(&suffix);
    der.extend_from_slice(&tail);
    assert_eq!(der.len(), total);
    der
}

#[test]
fn synthetic_small_crl_loads() {
    let der = synthesise(1000);
    let crl = Crl::from_der(der).unwrap();
    assert_eq!(crl.len(), 1000);
    let issuer = crl.issuer().key().clone();
    for e in crl.entries() {
        assert_eq!(crl.lookup(&e.serial, &issuer), vec![e]);
    }
}

/// `cargo test --release --lib crl -- --ignored --nocapture`: synthesises a 1M-entry
/// CRL, writes it to `$QOLTANBA_CRL_OUT` (default: the temp dir) for comparison with
/// `openssl crl -inform DER -noout -in <file>`, then reads it back and loads it as an
/// application would, printing the time and the memory.
#[test]
#[ignore]
fn one_million_entries() {
    let n = 1_000_000;
    let path = std::env::var("QOLTANBA_CRL_OUT").unwrap_or_else(|_| {
        std::env::temp_dir()
            .join("qoltanba-crl-1m.der")
            .to_string_lossy()
            .into_owned()
    });
    let t = std::time::Instant::now();
    let der = synthesise(n);
    let der_len = der.len();
    std::fs::write(&path, &der).unwrap();
    drop(der);
    eprintln!(
        "synthesised {n} entries, {:.1} MB DER in {:?}, written to {path}",
        der_len as f64 / 1e6,
        t.elapsed()
    );

    // As an application does it: read the file, load it (the bytes are moved in).
    let rss_before = status_kib("VmRSS:");
    let t = std::time::Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let read = t.elapsed();
    let crl = Crl::all_from_owned_input(bytes).unwrap().remove(0);
    let total = t.elapsed();
    let rss_after = status_kib("VmRSS:");
    let hwm = status_kib("VmHWM:");
    assert_eq!(crl.len(), n);
    let index_bytes = crl.0.records.capacity() * std::mem::size_of::<Record>();
    eprintln!(
        "read file {read:?}; load + index {:?} ({:.0} ns/entry); total {total:?}",
        total - read,
        (total - read).as_nanos() as f64 / n as f64
    );
    eprintln!(
        "index: {} records x {} B = {:.1} MB; DER kept: {:.1} MB",
        crl.len(),
        std::mem::size_of::<Record>(),
        index_bytes as f64 / 1e6,
        der_len as f64 / 1e6,
    );
    eprintln!(
        "RSS before {:?} KiB, after {:?} KiB; process peak {:?} KiB",
        rss_before, rss_after, hwm
    );

    // Steady-state load time (best of several, the DER already in memory).
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let der = crl.der().to_vec();
        let t = std::time::Instant::now();
        let again = Crl::from_der(der).unwrap();
        best = best.min(t.elapsed());
        drop(again);
    }
    eprintln!("from_der best of 5: {best:?}");

    let serials: Vec<Vec<u8>> = crl.entries().step_by(1000).map(|e| e.serial).collect();
    let issuer = crl.issuer().key().clone();
    let t = std::time::Instant::now();
    for s in &serials {
        assert_eq!(crl.lookup(s, &issuer).len(), 1);
    }
    eprintln!("lookup: {:?} per hit", t.elapsed() / serials.len() as u32);
    let t = std::time::Instant::now();
    let count = crl.entries().count();
    eprintln!("entries(): {count} in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = crl.fingerprint_sha256();
    eprintln!("fingerprint (lazy): {:?}", t.elapsed());
}

/// A CRL large enough to be hashed at load: its signature checks from that digest, and a
/// one-bit change of the signed part (or of the signature) is refused.
#[test]
fn large_crl_is_prehashed_and_its_signature_still_binds() {
    use crate::certificate::Certificate;
    use crate::revocation::store::CrlStore;
    use crate::signature::SignatureCheck;
    let pki = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki");
    let ca = Certificate::from_input(&std::fs::read(pki.join("nca_rsa.cer")).unwrap()).unwrap();
    let key_pem = std::fs::read_to_string(pki.join("nca_rsa.key.pem")).unwrap();
    let key_der = crate::input::decode_one(
        key_pem.replace("PRIVATE KEY", "CERTIFICATE").as_bytes(),
        crate::input::ObjectKind::Certificate,
    )
    .unwrap();
    let key = ring::signature::RsaKeyPair::from_pkcs8(&key_der).unwrap();
    let mut b = Builder::new();
    b.issuer = ca.subject().der().to_vec();
    let entries: Vec<Vec<u8>> = (0..50_000u32)
        .map(|i| entry(&i.to_be_bytes(), "210401000000Z", &[]))
        .collect();
    let b = b.entries(entries);
    let tbs = b.tbs();
    let mut sig = vec![0u8; key.public().modulus_len()];
    key.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        &tbs,
        &mut sig,
    )
    .unwrap();
    let mut bits = vec![0u8];
    bits.extend_from_slice(&sig);
    let der = seq(&[&tbs, &b.outer_alg, &tlv(0x03, &bits)]);
    assert!(der.len() > PREHASH_MIN_LEN, "{} bytes", der.len());

    let check = |der: Vec<u8>| {
        let crl = Crl::from_der(der).unwrap();
        assert!(crl.tbs_digest().is_some(), "hashed at load");
        let mut store = CrlStore::new();
        store.add(crl).unwrap();
        store.signed_by(0, &ca)
    };
    assert_eq!(check(der.clone()), SignatureCheck::Valid);
    // Flip a bit inside an entry's serial (the signed part).
    let mut tampered = der.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    if let Ok(crl) = Crl::from_der(tampered.clone()) {
        let mut store = CrlStore::new();
        store.add(crl).unwrap();
        assert_eq!(store.signed_by(0, &ca), SignatureCheck::Invalid);
    }
    // Flip a bit of the signature.
    let mut bad_sig = der;
    let last = bad_sig.len() - 1;
    bad_sig[last] ^= 0x01;
    assert_eq!(check(bad_sig), SignatureCheck::Invalid);
}
