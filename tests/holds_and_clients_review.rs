//! Review of 2026-12-06: strict check digits of an ambiguous name, the OCSP client's cache
//! (its hold cases are in `revocation_rules.rs`). Each asserts the correct behaviour.

mod common;

use common::forge::{seq, tlv, Ca, Tbs};
use common::{pki, time};
use qoltanba::Judged as _;
use qoltanba::{
    Certificate, CheckName, ChecksumPolicy, Expectation, Iin, Outcome, Verdict, Verifier,
};

/// `individual_sign.cer` (valid 2026-01-01..2027-01-01) re-issued by the test CA, its
/// subject edited by `subject` when given.
fn cert_with(subject: Option<Vec<u8>>) -> Certificate {
    let template = Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap())
        .unwrap()
        .der()
        .to_vec();
    Certificate::from_der(&Ca::nca_rsa().reissue(&template, |t: &mut Tbs| {
        if let Some(s) = subject {
            t.subject = s;
        }
    }))
    .unwrap()
}

fn verifier(crls: &[Vec<u8>]) -> Verifier {
    common::rsa_verifier_with_crls(crls, |b| b)
}

fn check(v: &Verdict, name: CheckName) -> Option<(Outcome, String)> {
    v.checks()
        .iter()
        .find(|c| c.name() == name)
        .map(|c| (c.outcome(), c.reason().to_string()))
}

// --- A(1): strict check digits and a name that gives two IINs ----------------------------

/// A subject Name: CN, then each (serialNumber | OU) value, one RDN each (PrintableString).
fn subject(serials: &[&str], ous: &[&str]) -> Vec<u8> {
    let atv = |arc: u8, v: &str| {
        tlv(
            0x31,
            &seq(&[&tlv(0x06, &[0x55, 0x04, arc]), &tlv(0x13, v.as_bytes())]),
        )
    };
    let mut rdns = atv(3, "TEST");
    for s in serials {
        rdns.extend(atv(5, s));
    }
    for o in ous {
        rdns.extend(atv(11, o));
    }
    tlv(0x30, &rdns)
}

/// Under `ChecksumPolicy::Strict` an IIN in the certificate whose check digit fails is a
/// failed check. Before the change the first serialNumber's IIN was checked; now a name
/// giving two IINs has `iin == None` and the strict check looks at neither: a name giving
/// a bad IIN first and a good one after (and a valid BIN) passes "check digits hold".
#[test]
fn strict_check_digits_still_see_the_iins_of_an_ambiguous_name() {
    let bad = "123456789011";
    let good = "123456789013";
    assert!(!Iin::parse(bad).unwrap().checksum_valid());
    assert!(Iin::parse(good).unwrap().checksum_valid());
    let bin = "230140001236";
    assert!(qoltanba::Bin::parse(bin).unwrap().checksum_valid());
    let strict = |c: &Certificate| {
        let mut e = Expectation::at(time("2026-06-01T00:00:00Z"));
        e.checksum = ChecksumPolicy::Strict;
        verifier(&[]).check_certificate(c, &e)
    };
    // One bad IIN: failed (as before).
    let one = cert_with(Some(subject(
        &[&format!("IIN{bad}")],
        &[&format!("BIN{bin}")],
    )));
    let (o, why) = check(&strict(&one), CheckName::Checksum).unwrap();
    assert_eq!(o, Outcome::Failed, "{why}");
    // The same bad IIN, then a good one: the certificate still carries an IIN whose check
    // digit fails.
    let two = cert_with(Some(subject(
        &[&format!("IIN{bad}"), &format!("IIN{good}")],
        &[&format!("BIN{bin}")],
    )));
    let (o, why) = check(&strict(&two), CheckName::Checksum).unwrap();
    assert_ne!(o, Outcome::Passed, "{why}");
}

// --- B: the OCSP client keeps an answer it never verified --------------------------------

#[cfg(feature = "fetch")]
mod ocsp_client {
    use super::*;
    use common::forge;

    /// A one-shot responder on 127.0.0.1: each request is read whole (headers and
    /// Content-Length body) and answered with `respond(body)`; requests are counted.
    struct Responder {
        url: String,
        hits: std::sync::Arc<std::sync::atomic::AtomicU64>,
    }

    impl Responder {
        fn start(respond: impl Fn(&[u8]) -> Vec<u8> + Send + 'static) -> Responder {
            use std::io::{Read, Write};
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let url = format!("http://{}/ocsp", listener.local_addr().unwrap());
            let hits: std::sync::Arc<std::sync::atomic::AtomicU64> = Default::default();
            let h = hits.clone();
            std::thread::spawn(move || {
                for mut stream in listener.incoming().flatten() {
                    let mut request = Vec::new();
                    let mut buf = [0u8; 4096];
                    let body = loop {
                        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&request[..end]).to_lowercase();
                            let len: usize = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:"))
                                .and_then(|v| v.trim().parse().ok())
                                .unwrap_or(0);
                            if request.len() >= end + 4 + len {
                                break request[end + 4..end + 4 + len].to_vec();
                            }
                        }
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => break Vec::new(),
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    };
                    h.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let answer = respond(&body);
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        answer.len()
                    )
                    .and_then(|()| stream.write_all(&answer));
                }
            });
            Responder { url, hits }
        }

        fn hits(&self) -> u64 {
            self.hits.load(std::sync::atomic::Ordering::SeqCst)
        }
    }

    /// The nonce extnValue of an OCSP request (OCTET STRING { OCTET STRING nonce }'s inner).
    fn request_nonce(request: &[u8]) -> Vec<u8> {
        let oid = [
            0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02,
        ];
        let i = request.windows(oid.len()).position(|w| w == oid).unwrap() + oid.len();
        let len = request[i + 1] as usize;
        request[i + 2..i + 2 + len].to_vec()
    }

    /// An OCSPResponse saying `serial` is good until `next_update`, echoing `nonce`, "signed"
    /// by the test PKI's delegated responder: its signature is the right one with `forged`
    /// false, else garbage (what anyone on the path of a plain-http exchange can send).
    fn ocsp_answer(serial: &[u8], nonce: &[u8], next_update: &str, forged: bool) -> Vec<u8> {
        use forge::{gen_time, int};
        let responder =
            Certificate::from_input(&std::fs::read(pki("ocsp_responder.cer")).unwrap()).unwrap();
        let key = qoltanba::keys::SigningKey::from_pkcs8(
            &std::fs::read(pki("ocsp_responder.key.pem")).unwrap(),
            None,
        )
        .unwrap();
        let issuer = Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).unwrap()).unwrap();
        use sha2::Digest as _;
        let cert_id = seq(&[
            &seq(&[
                &tlv(
                    0x06,
                    &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01],
                ),
                &[0x05, 0x00],
            ]),
            &tlv(0x04, &sha2::Sha256::digest(issuer.subject().der())),
            &tlv(0x04, &sha2::Sha256::digest(issuer.public_key().key_bytes())),
            &int(serial),
        ]);
        let single = seq(&[
            &cert_id,
            &[0x80, 0x00],
            &gen_time("20261122000000Z"),
            &tlv(0xA0, &gen_time(next_update)),
        ]);
        let nonce_ext = seq(&[
            &[
                0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02,
            ][..],
            &tlv(0x04, nonce),
        ]);
        let tbs = seq(&[
            &tlv(0xA1, responder.subject().der()),
            &gen_time("20261122000000Z"),
            &seq(&[&single]),
            &tlv(0xA1, &seq(&[&nonce_ext])),
        ]);
        let mut signature = key.sign(&tbs).unwrap();
        if forged {
            for b in signature.iter_mut() {
                *b ^= 0x5a;
            }
        }
        let mut bits = vec![0u8];
        bits.extend_from_slice(&signature);
        let basic = seq(&[
            &tbs,
            &forge::sha256_rsa(),
            &tlv(0x03, &bits),
            &tlv(0xA0, &seq(&[responder.der()])),
        ]);
        seq(&[
            &[0x0A, 0x01, 0x00],
            &tlv(
                0xA0,
                &seq(&[
                    &tlv(
                        0x06,
                        &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01],
                    ),
                    &tlv(0x04, &basic),
                ]),
            ),
        ])
    }

    /// `OcspClient::status` checks an answer for this exchange (nonce, serial) but not its
    /// signature, and keeps it until the earliest nextUpdate it states. One answer forged on
    /// the plain-http path (a garbage signature, any nextUpdate) is then what the client gives
    /// for that certificate, without asking the responder again, until a time the forger
    /// chose: the verifier refuses it each time (indeterminate), so one forged exchange
    /// suppresses OCSP for the certificate for as long as the forger likes. An answer whose
    /// signature does not verify must not be kept (nor should a kept answer outlive a bound
    /// of the client's own).
    #[test]
    fn an_ocsp_answer_whose_signature_does_not_verify_is_not_kept() {
        use qoltanba::fetch::{FetchConfig, OcspClient};
        let cert =
            Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap()).unwrap();
        let issuer = Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).unwrap()).unwrap();
        let serial = cert.serial().to_vec();
        // The first answer is forged (nextUpdate in 9999); the responder's later ones are
        // genuine.
        let count = std::sync::atomic::AtomicU64::new(0);
        let s = serial.clone();
        let server = Responder::start(move |request| {
            let first = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
            ocsp_answer(
                &s,
                &request_nonce(request),
                if first {
                    "99991231000000Z"
                } else {
                    "20261129000000Z"
                },
                first,
            )
        });
        let client = OcspClient::new(&FetchConfig::default());
        let now = time("2026-11-23T00:00:00Z");
        let policy = qoltanba::revocation::OcspPolicy::default();
        // The genuine answer verifies (the helper is right).
        let genuine = qoltanba::revocation::OcspResponse::from_der(&ocsp_answer(
            &serial,
            &[4, 1, 0],
            "20261129000000Z",
            false,
        ))
        .unwrap();
        assert!(
            matches!(
                genuine
                    .check_certificate(&issuer, &cert, now, &policy)
                    .status(),
                qoltanba::revocation::OcspStatus::Good { .. }
            ),
            "{:?}",
            genuine.check_certificate(&issuer, &cert, now, &policy)
        );
        // The forged one is taken by the client, and refused by the verifier.
        let first = client.status(&server.url, &cert, &issuer, now);
        if let Ok(r) = &first {
            assert!(!matches!(
                r.check_certificate(&issuer, &cert, now, &policy).status(),
                qoltanba::revocation::OcspStatus::Good { .. }
            ));
        }
        // Asked again a day later: the responder must be asked, and its genuine answer given.
        let later = time("2026-11-24T00:00:00Z");
        let second = client
            .status(&server.url, &cert, &issuer, later)
            .expect("an answer");
        assert_eq!(
            server.hits(),
            2,
            "the forged answer was kept and given again"
        );
        assert!(matches!(
            second
                .check_certificate(&issuer, &cert, later, &policy)
                .status(),
            qoltanba::revocation::OcspStatus::Good { .. }
        ));
    }
}
