//! Reading RFC 3161 structures: TSTInfo (strict DER: it is the signed content, and its
//! serial number and genTime are reported and compared), TimeStampToken (a CMS
//! SignedData, read by the CMS reader) and TimeStampResp with its PKIStatusInfo.
//!
//! Every field is bounded ([`super::limits`]); what does not follow the syntax, or is not
//! DER where RFC 3161 §2.4.2 requires DER, is an [`Error`], never a verdict.

mod response;
mod token;
mod tst_info;

pub use response::{PkiStatus, PkiStatusInfo, TimeStampResponse, TspMessage};
pub use token::TimeStampToken;
pub use tst_info::{Accuracy, MessageImprint, TsaName, TstExtension, TstInfo};

use crate::error::Error;

/// A reading error of `what`.
fn malformed(what: &'static str, reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ber::{der as tlv, octet_string, oid as oid_der, sequence, small_integer};
    use crate::signature::HashAlgorithm;

    fn imprint() -> Vec<u8> {
        sequence(&[
            &sequence(&[&oid_der("2.16.840.1.101.3.4.2.1"), &[0x05, 0x00]]),
            &octet_string(&[0xAB; 32]),
        ])
    }

    fn tst(extra: &[&[u8]], serial: &[u8], time: &str) -> Vec<u8> {
        let mut parts: Vec<&[u8]> = Vec::new();
        let v = small_integer(1);
        let p = oid_der("1.2.398.3.3.2.6.1");
        let i = imprint();
        let s = tlv(0x02, serial);
        let g = tlv(0x18, time.as_bytes());
        parts.extend([v.as_slice(), &p, &i, &s, &g]);
        parts.extend_from_slice(extra);
        sequence(&parts)
    }

    #[test]
    fn a_minimal_tst_info() {
        let t = TstInfo::from_der(&tst(&[], &[0x01, 0x02], "20261120100000Z")).unwrap();
        assert_eq!(t.policy(), "1.2.398.3.3.2.6.1");
        assert_eq!(t.serial_hex(), "0102");
        assert_eq!(t.gen_time().to_rfc3339(), "2026-11-20T10:00:00+00:00");
        assert_eq!(
            t.message_imprint().hash(),
            Ok(HashAlgorithm::Sha256),
            "{:?}",
            t.message_imprint()
        );
        assert!(t.accuracy().is_none() && !t.ordering() && t.nonce().is_none());
    }

    #[test]
    fn every_optional_field() {
        let accuracy = sequence(&[
            &small_integer(1),
            &tlv(0x80, &[0x01, 0xF4]),
            &tlv(0x81, &[7]),
        ]);
        let ordering = tlv(0x01, &[0xFF]);
        let nonce = tlv(0x02, &[0x00, 0x80, 0x01]);
        let name = sequence(&[&tlv(
            0x31,
            &sequence(&[&oid_der("2.5.4.3"), &tlv(0x0C, b"TSA")]),
        )]);
        let tsa = tlv(0xA0, &tlv(0xA4, &name));
        let ext = tlv(
            0xA1,
            &sequence(&[
                &oid_der("1.2.3.4"),
                &tlv(0x01, &[0xFF]),
                &octet_string(b"x"),
            ]),
        );
        let t = TstInfo::from_der(&tst(
            &[&accuracy, &ordering, &nonce, &tsa, &ext],
            &[0x7F],
            "20261120100000.25Z",
        ))
        .unwrap();
        assert_eq!(
            t.accuracy(),
            Some(Accuracy {
                seconds: 1,
                millis: 500,
                micros: 7
            })
        );
        assert!(t.ordering());
        assert_eq!(t.nonce(), Some(&[0x00, 0x80, 0x01][..]));
        assert_eq!(t.tsa().map(|n| n.to_string()).as_deref(), Some("CN=TSA"));
        assert_eq!(t.extensions().len(), 1);
        assert!(t.extensions()[0].critical);
        assert_eq!(t.gen_time().timestamp_subsec_millis(), 250);
    }

    #[test]
    fn what_is_not_der_is_refused() {
        let ok = |s: &[u8], time: &str, extra: &[&[u8]]| TstInfo::from_der(&tst(extra, s, time));
        // Serial numbers: one number, one encoding.
        assert!(ok(&[0x00, 0x70], "20261120100000Z", &[]).is_err());
        assert!(ok(&[], "20261120100000Z", &[]).is_err());
        assert!(ok(&[0x01; 65], "20261120100000Z", &[]).is_err());
        // genTime: seconds, Z, no trailing zero, no bare point, at most nanoseconds.
        for bad in [
            "202611201000Z",
            "20261120100000",
            "20261120100000+0000",
            "20261120100000.50Z",
            "20261120100000.Z",
            "20261120100000,5Z",
            "20261120100000.1234567891Z",
            "20261320100000Z",
            "20261120106000Z",
            "2026112010000aZ",
        ] {
            assert!(ok(&[1], bad, &[]).is_err(), "{bad}");
        }
        assert_eq!(
            ok(&[1], "20261120100000.123456789Z", &[])
                .unwrap()
                .gen_time()
                .timestamp_subsec_nanos(),
            123_456_789
        );
        // ordering FALSE written out, accuracy 0 or 1000 millis.
        assert!(ok(&[1], "20261120100000Z", &[&tlv(0x01, &[0x00])]).is_err());
        assert!(ok(&[1], "20261120100000Z", &[&sequence(&[&tlv(0x80, &[0])])]).is_err());
        assert!(ok(
            &[1],
            "20261120100000Z",
            &[&sequence(&[&tlv(0x80, &[3, 0xE8])])]
        )
        .is_err());
        // Order and trailing elements.
        let nonce = tlv(0x02, &[1]);
        let ordering = tlv(0x01, &[0xFF]);
        assert!(ok(&[1], "20261120100000Z", &[&nonce, &ordering]).is_err());
        assert!(ok(&[1], "20261120100000Z", &[&nonce, &nonce]).is_err());
        // Version 2.
        let mut v2 = tst(&[], &[1], "20261120100000Z");
        v2[4] = 2;
        assert!(TstInfo::from_der(&v2).is_err());
        // Trailing bytes after the TSTInfo.
        let mut trailing = tst(&[], &[1], "20261120100000Z");
        trailing.push(0);
        assert!(TstInfo::from_der(&trailing).is_err());
    }

    #[test]
    fn responses() {
        let status = |v: u32, extra: &[&[u8]]| {
            let mut p: Vec<&[u8]> = Vec::new();
            let s = small_integer(v);
            p.push(&s);
            p.extend_from_slice(extra);
            sequence(&p)
        };
        let text = sequence(&[&tlv(0x0C, b"policy not accepted")]);
        let fail = tlv(0x03, &[0x07, 0x80, 0x00, 0x80]);
        let rejected = sequence(&[&status(2, &[&text, &fail])]);
        let r = TimeStampResponse::from_ber(&rejected).unwrap();
        assert_eq!(r.status().status, PkiStatus::Rejection);
        assert_eq!(r.status().status_string, ["policy not accepted"]);
        assert_eq!(r.status().fail_info, ["badAlg", "unacceptedExtension"]);
        assert!(r.token().is_none());
        assert!(matches!(
            TspMessage::from_input(&rejected),
            Ok(TspMessage::Response(_))
        ));
        // Granted without a token; status out of range.
        assert!(TimeStampResponse::from_ber(&sequence(&[&status(0, &[])])).is_err());
        assert!(TimeStampResponse::from_ber(&sequence(&[&status(6, &[])])).is_err());
        // Rejected with something where the token would be.
        assert!(
            TimeStampResponse::from_ber(&sequence(&[&status(2, &[]), &status(0, &[])])).is_err()
        );
    }
}
