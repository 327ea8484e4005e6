//! The OCSP client against a local responder that signs fresh answers with the test
//! PKI's delegated responder key, and against responders that misbehave.

use std::path::Path;

use super::*;
use crate::fetch::test_server::{
    good_ocsp_response as good_response, ocsp_responder as responder, read_pki as pki,
    request_nonce, Answer, TestServer,
};
use crate::revocation::{OcspPolicy, OcspStatus};

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&pki(name)).expect("a certificate")
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("a time")
}

#[test]
fn a_fresh_answer_is_taken_and_proves_good_status() {
    let server = TestServer::start();
    let url = server.set("/ocsp", responder(true));
    let client = OcspClient::new(&FetchConfig::default());
    let (c, i) = (cert("individual_sign.cer"), cert("nca_rsa.cer"));
    let now = at("2026-11-23T00:00:00Z");
    let response = client.status(&url, &c, &i, now).expect("an answer");
    let check = response.check_certificate(&i, &c, now, &OcspPolicy::default());
    assert!(
        matches!(check.status(), OcspStatus::Good { .. }),
        "{check:?}"
    );
    // Given to a verifier without CRLs, it proves what no CRL did.
    let base = crate::Verifier::builder()
        .trust(cert("root.cer"))
        .and_then(|b| b.intermediate(cert("nca_rsa.cer")))
        .expect("the test PKI")
        .build();
    let expect = crate::Expectation::at(now);
    use crate::verdict::Judged as _;
    assert_eq!(
        base.check_certificate(&c, &expect).overall(),
        crate::Overall::Indeterminate
    );
    let with = base
        .with_ocsp_responses([response.clone()])
        .expect("a verifier");
    assert_eq!(
        with.check_certificate(&c, &expect).overall(),
        crate::Overall::Valid
    );
    // Kept while fresh: the responder is not asked again.
    client.status(&url, &c, &i, now).expect("kept");
    assert_eq!(server.hits("/ocsp"), 1);
    // Past its nextUpdate, asked again.
    client
        .status(&url, &c, &i, at("2026-11-30T00:00:00Z"))
        .expect("asked again");
    assert_eq!(server.hits("/ocsp"), 2);
}

#[test]
fn the_request_is_one_sha256_cert_id_with_a_nonce() {
    let (c, i) = (cert("individual_sign.cer"), cert("nca_rsa.cer"));
    let a = request(&c, &i, &[1; 16]);
    let b = request(&c, &i, &[2; 16]);
    assert_ne!(a, b);
    assert_eq!(request_nonce(&a), Some(write::octet_string(&[1; 16])));
    // openssl reads it as an OCSP request.
    let dir = std::env::temp_dir().join(format!("qoltanba-ocsp-req-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("req.der");
    std::fs::write(&path, &a).expect("write");
    match std::process::Command::new("openssl")
        .args(["ocsp", "-reqin"])
        .arg(&path)
        .arg("-req_text")
        .output()
    {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{text}");
            assert!(text.contains("Hash Algorithm: sha256"), "{text}");
            assert!(text.contains("OCSP Nonce"), "{text}");
        }
        Err(_) => eprintln!("skipped: no openssl to read the request"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn answers_that_are_not_this_exchange_are_refused() {
    let server = TestServer::start();
    let client = OcspClient::new(&FetchConfig::default());
    let (c, i) = (cert("individual_sign.cer"), cert("nca_rsa.cer"));
    let now = at("2026-11-23T00:00:00Z");
    // No nonce echoed.
    let url = server.set("/no-nonce", responder(false));
    let e = client.status(&url, &c, &i, now).expect_err("refused");
    assert_eq!(e.kind(), "refused", "{e}");
    // A response recorded earlier (a replay: its nonce is not this request's).
    let recorded = good_response(&c, &i, Some(&write::octet_string(&[7; 16])));
    let url = server.set("/replay", Answer::Body(recorded));
    assert_eq!(
        client
            .status(&url, &c, &i, now)
            .map(|_| ())
            .unwrap_err()
            .kind(),
        "refused"
    );
    // An answer about another certificate.
    let other = cert("revoked.cer");
    let url = server.set("/ocsp", responder(true));
    let e = client.status(&url, &other, &i, now).expect_err("refused");
    assert!(e.to_string().contains("does not speak of"), "{e}");
    // tryLater, garbage, 500.
    let url = server.set("/later", Answer::Body(vec![0x30, 0x03, 0x0A, 0x01, 0x03]));
    assert_eq!(
        client.status(&url, &c, &i, now).unwrap_err().kind(),
        "refused"
    );
    let url = server.set("/garbage", Answer::Body(b"<html>".to_vec()));
    assert_eq!(
        client.status(&url, &c, &i, now).unwrap_err().kind(),
        "unreadable"
    );
    let url = server.set("/down", Answer::Status(500));
    assert_eq!(
        client.status(&url, &c, &i, now).unwrap_err(),
        FetchError::Status(500)
    );
    // A real NCA response, replayed: its nonce is not ours.
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/nca-test-pki/ocsp/ocsp_response_individual_2015.bin");
    match std::fs::read(&real) {
        Ok(bytes) => {
            let url = server.set("/nca", Answer::Body(bytes));
            assert_eq!(
                client.status(&url, &c, &i, now).unwrap_err().kind(),
                "refused"
            );
        }
        Err(_) => eprintln!("skipped: {} is absent", real.display()),
    }
}
