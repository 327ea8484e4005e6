//! Input forms and malformed input: truncated, corrupted and trailing bytes, PEM and
//! base64 text.

use super::*;
use base64::Engine as _;

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
