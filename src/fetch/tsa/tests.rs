//! The TSA client against `openssl ts -reply` (a TSA this library did not write) behind
//! the local HTTP server, and against TSAs that misbehave.

use std::path::{Path, PathBuf};

use super::*;
use crate::fetch::test_server::{openssl_tsa, Answer, TestServer};
use crate::tsp::Imprinted;
use crate::verdict::Judged as _;

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).expect("the test PKI")
}

fn verifier() -> crate::Verifier {
    crate::Verifier::builder()
        .trust_path(pki("root.cer"))
        .and_then(|b| b.intermediate_path(pki("nca_rsa.cer")))
        .and_then(|b| b.crl_path(pki("nca_rsa_current.crl")))
        .expect("the test PKI")
        .build()
}

#[test]
fn openssl_time_stamps_what_was_asked_and_the_token_verifies() {
    let Some(tsa) = openssl_tsa("token") else {
        eprintln!("NOTICE: openssl is absent; skipping the TSA client check");
        return;
    };
    let server = TestServer::start();
    let url = server.set("/tsa", tsa);
    let client = TsaClient::new(&FetchConfig::default());
    let digest = HashAlgorithm::Sha256.digest(b"the data");
    let token = client
        .timestamp(&url, HashAlgorithm::Sha256, &digest)
        .expect("a token");
    assert_eq!(token.tst_info().message_imprint().hashed_message(), digest);
    // openssl's genTime is the clock's: judged at it, within the test PKI's CRL window.
    let at = token.tst_info().gen_time();
    if at
        < "2026-11-01T00:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap_or(at)
        || at > "2027-05-01T00:00:00Z".parse().unwrap_or(at)
    {
        eprintln!("NOTICE: the clock is outside the test PKI's CRL window; token not judged");
        return;
    }
    let verdict = token.verify(Imprinted::Data(b"the data"), &verifier(), at);
    assert!(verdict.is_valid(), "{:?}", verdict.refusal());
}

#[test]
fn a_cms_becomes_cades_t() {
    let Some(tsa) = openssl_tsa("cms") else {
        eprintln!("NOTICE: openssl is absent; skipping the CAdES-T check");
        return;
    };
    let server = TestServer::start();
    let url = server.set("/tsa", tsa);
    let client = TsaClient::new(&FetchConfig::default());
    let plain = read("tsa/cades_plain.cms");
    let stamped = client.timestamp_cms(&url, &plain).expect("CAdES-T");
    let signed = SignedData::from_ber(&stamped).expect("a CMS");
    let signer = &signed.signers()[0];
    assert_eq!(
        signer.signature(),
        SignedData::from_ber(&plain).expect("cms").signers()[0].signature()
    );
    // A signer already time-stamped is left as it is: the TSA is not asked again.
    assert_eq!(
        client.timestamp_cms(&url, &stamped).expect("unchanged"),
        stamped
    );
    assert_eq!(server.hits("/tsa"), 1);
    assert!(
        signer.encoding().len()
            > SignedData::from_ber(&plain).expect("cms").signers()[0]
                .encoding()
                .len()
    );
}

#[test]
fn tokens_that_are_not_this_exchange_are_refused() {
    let server = TestServer::start();
    let client = TsaClient::new(&FetchConfig::default());
    let digest = HashAlgorithm::Sha256.digest(b"the data");
    // A genuine token recorded earlier: another digest, another nonce.
    let url = server.set("/replay", Answer::Body(read("tsa/response_valid.tsr")));
    let e = client
        .timestamp(&url, HashAlgorithm::Sha256, &digest)
        .expect_err("refused");
    assert_eq!(e.kind(), "refused", "{e}");
    let url = server.set("/rejected", Answer::Body(read("tsa/response_rejected.tsr")));
    let e = client
        .timestamp(&url, HashAlgorithm::Sha256, &digest)
        .expect_err("refused");
    assert!(e.to_string().contains("rejection"), "{e}");
    let url = server.set("/garbage", Answer::Body(b"<html>".to_vec()));
    assert_eq!(
        client
            .timestamp(&url, HashAlgorithm::Sha256, &digest)
            .expect_err("unreadable")
            .kind(),
        "unreadable"
    );
    // A digest of the wrong length is not sent.
    assert!(client
        .timestamp(&url, HashAlgorithm::Sha256, &digest[..20])
        .is_err());
    assert_eq!(server.hits("/garbage"), 1);
    // openssl's TSA, asked for the wrong digest, answers a token the client refuses
    // only if the imprint differs: the right one is taken (the check can pass and fail).
    if let Some(tsa) = openssl_tsa("imprint") {
        let url = server.set("/tsa", tsa);
        let token = client
            .timestamp(&url, HashAlgorithm::Sha256, &digest)
            .expect("a token");
        let other = HashAlgorithm::Sha256.digest(b"other data");
        assert!(answer(
            &wrap_granted(token.der()),
            HashAlgorithm::Sha256,
            &other,
            token.tst_info().nonce().unwrap_or_default()
        )
        .is_err());
        assert!(answer(
            &wrap_granted(token.der()),
            HashAlgorithm::Sha256,
            &digest,
            token.tst_info().nonce().unwrap_or_default()
        )
        .is_ok());
        assert!(answer(
            &wrap_granted(token.der()),
            HashAlgorithm::Sha256,
            &digest,
            &[1, 2, 3]
        )
        .is_err());
    }
}

/// A granted TimeStampResp around `token`.
fn wrap_granted(token: &[u8]) -> Vec<u8> {
    write::sequence(&[&write::sequence(&[&write::small_integer(0)]), token])
}
