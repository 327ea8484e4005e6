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
        .timestamp(&url, HashAlgorithm::Sha256, &digest, None)
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
    let stamped = client.timestamp_cms(&url, &plain, None).expect("CAdES-T");
    let signed = SignedData::from_ber(&stamped).expect("a CMS");
    let signer = &signed.signers()[0];
    assert_eq!(
        signer.signature(),
        SignedData::from_ber(&plain).expect("cms").signers()[0].signature()
    );
    // A signer already time-stamped is left as it is: the TSA is not asked again.
    assert_eq!(
        client
            .timestamp_cms(&url, &stamped, None)
            .expect("unchanged"),
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
        .timestamp(&url, HashAlgorithm::Sha256, &digest, None)
        .expect_err("refused");
    assert_eq!(e.kind(), "refused", "{e}");
    let url = server.set("/rejected", Answer::Body(read("tsa/response_rejected.tsr")));
    let e = client
        .timestamp(&url, HashAlgorithm::Sha256, &digest, None)
        .expect_err("refused");
    assert!(e.to_string().contains("rejection"), "{e}");
    let url = server.set("/garbage", Answer::Body(b"<html>".to_vec()));
    assert_eq!(
        client
            .timestamp(&url, HashAlgorithm::Sha256, &digest, None)
            .expect_err("unreadable")
            .kind(),
        "unreadable"
    );
    // A digest of the wrong length is not sent.
    assert!(client
        .timestamp(&url, HashAlgorithm::Sha256, &digest[..20], None)
        .is_err());
    assert_eq!(server.hits("/garbage"), 1);
    // openssl's TSA, asked for the wrong digest, answers a token the client refuses
    // only if the imprint differs: the right one is taken (the check can pass and fail).
    if let Some(tsa) = openssl_tsa("imprint") {
        let url = server.set("/tsa", tsa);
        let token = client
            .timestamp(&url, HashAlgorithm::Sha256, &digest, None)
            .expect("a token");
        let other = HashAlgorithm::Sha256.digest(b"other data");
        assert!(answer(
            &wrap_granted(token.der()),
            HashAlgorithm::Sha256,
            &other,
            None,
            token.tst_info().nonce().unwrap_or_default()
        )
        .is_err());
        assert!(answer(
            &wrap_granted(token.der()),
            HashAlgorithm::Sha256,
            &digest,
            None,
            token.tst_info().nonce().unwrap_or_default()
        )
        .is_ok());
        assert!(answer(
            &wrap_granted(token.der()),
            HashAlgorithm::Sha256,
            &digest,
            None,
            &[1, 2, 3]
        )
        .is_err());
        // The exchange right, the token's own signature altered on the way: refused.
        let signature = token.signed_data().signers()[0].signature().to_vec();
        let mut altered = token.der().to_vec();
        let at = altered
            .windows(signature.len())
            .position(|w| w == signature.as_slice())
            .expect("the signature in the token");
        altered[at] ^= 0x01;
        let e = answer(
            &wrap_granted(&altered),
            HashAlgorithm::Sha256,
            &digest,
            None,
            token.tst_info().nonce().unwrap_or_default(),
        )
        .expect_err("a token whose signature fails");
        assert_eq!(e.kind(), "refused", "{e}");
        assert!(e.to_string().contains("signature"), "{e}");
    }
}

/// A CMS of several signers: every one is stamped, wherever each re-encoding puts it
/// (DER sorts the SignerInfos); restricted to some signature values, only those signers
/// are, one question each; a value no signer carries is refused before any question.
#[test]
fn every_signer_asked_for_is_stamped_and_only_those() {
    let Some(tsa) = openssl_tsa("signers") else {
        eprintln!("NOTICE: openssl is absent; skipping the multi-signer check");
        return;
    };
    let server = TestServer::start();
    let url = server.set("/tsa", tsa);
    let client = TsaClient::new(&FetchConfig::default());
    let key = |p12: &str| {
        crate::keys::open_pkcs12(&read(p12), b"Qwerty12").expect("the test PKI's container")
    };
    let at = "2026-11-23T00:00:00Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .expect("a time");
    let individual = key("individual_sign.p12");
    let legal = key("legal_sign.p12");
    let signed_at = |s: i64| at + chrono::Duration::seconds(s);
    let mut cms = crate::cms::sign(
        b"the data",
        &crate::cms::SignRequest::new(&individual.certificate, signed_at(0)),
        &individual.key,
    )
    .expect("a CMS");
    for (k, s) in [(&legal, 1), (&individual, 2), (&legal, 3)] {
        let request = crate::cms::SignRequest::new(&k.certificate, signed_at(s));
        cms = SignedData::from_ber(&cms)
            .and_then(|sd| sd.add_signer(None, &request, &k.key))
            .expect("a signer added");
    }
    let signatures: Vec<Vec<u8>> = SignedData::from_ber(&cms)
        .expect("a CMS")
        .signers()
        .iter()
        .map(|s| s.signature().to_vec())
        .collect();
    let stamped = |cms: &[u8]| -> Vec<Vec<u8>> {
        SignedData::from_ber(cms)
            .expect("a CMS")
            .signers()
            .iter()
            .filter(|s| time_stamped(s))
            .map(|s| s.signature().to_vec())
            .collect()
    };
    // All four.
    let all = client.timestamp_cms(&url, &cms, None).expect("CAdES-T");
    assert_eq!(stamped(&all).len(), 4);
    assert_eq!(server.hits("/tsa"), 4);
    // Two of them.
    let asked: Vec<&[u8]> = vec![&signatures[3], &signatures[0]];
    let two = client
        .timestamp_signers(&url, &cms, None, &asked)
        .expect("two stamped");
    let mut got = stamped(&two);
    got.sort();
    let mut want: Vec<Vec<u8>> = asked.iter().map(|v| v.to_vec()).collect();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(server.hits("/tsa"), 6);
    // None asked: nothing asked of the TSA, the CMS as it came.
    assert_eq!(
        client
            .timestamp_signers(&url, &cms, None, &[])
            .expect("none"),
        cms
    );
    // A value no signer carries.
    let e = client
        .timestamp_signers(&url, &cms, None, &[b"not a signature".as_slice()])
        .expect_err("no such signer");
    assert!(e.to_string().contains("no SignerInfo"), "{e}");
    assert_eq!(server.hits("/tsa"), 6);
}

/// A granted TimeStampResp around `token`.
fn wrap_granted(token: &[u8]) -> Vec<u8> {
    write::sequence(&[&write::sequence(&[&write::small_integer(0)]), token])
}

/// A policy asked for: openssl's TSA grants a policy it accepts, under that policy; it
/// rejects one it does not; a TSA that answers under another policy than the one asked
/// for (here: the query rewritten on the way) is refused; a policy that is not a dotted OID
/// is not sent.
#[test]
fn the_policy_asked_for_is_the_policy_granted() {
    let Some(Answer::Respond(openssl)) = openssl_tsa("policy") else {
        eprintln!("NOTICE: openssl is absent; skipping the TSA policy check");
        return;
    };
    let server = TestServer::start();
    let url = server.set("/tsa", Answer::Respond(openssl.clone()));
    let client = TsaClient::new(&FetchConfig::default());
    let digest = HashAlgorithm::Sha256.digest(b"the data");
    for policy in [NCA_TSA_POLICY_GOST2015, NCA_TSA_POLICY_GOST2004] {
        let token = client
            .timestamp(&url, HashAlgorithm::Sha256, &digest, Some(policy))
            .expect("a token");
        assert_eq!(token.tst_info().policy(), policy);
    }
    let e = client
        .timestamp(&url, HashAlgorithm::Sha256, &digest, Some("1.2.3.4.99"))
        .expect_err("a policy openssl does not accept");
    assert_eq!(e.kind(), "refused", "{e}");
    // The query's reqPolicy 1.2.398.3.3.2.6.4 made ...6.1 (one octet): a granted token
    // under the TSA's default, with the nonce echoed and the imprint right.
    let asked = crate::ber::write::oid(NCA_TSA_POLICY_GOST2015);
    let rewriting = server.set(
        "/rewriting",
        Answer::Respond(std::sync::Arc::new(move |query: &[u8]| {
            let mut query = query.to_vec();
            if let Some(i) = query.windows(asked.len()).position(|w| w == asked) {
                query[i + asked.len() - 1] = 1;
            }
            openssl(&query)
        })),
    );
    let e = client
        .timestamp(
            &rewriting,
            HashAlgorithm::Sha256,
            &digest,
            Some(NCA_TSA_POLICY_GOST2015),
        )
        .expect_err("another policy");
    assert!(e.to_string().contains("policy 1.2.398.3.3.2.6.1"), "{e}");
    let hits = server.hits("/tsa");
    for bad in [
        "",
        "1",
        "1.",
        "3.1",
        "1.40",
        "1.2.-3",
        "1.2.x",
        "1..2",
        "1.2.99999999999999999999",
        "1.2.398.3.3.2.6.04",
        "01.2",
        "2.18446744073709551615",
    ] {
        assert!(
            client
                .timestamp(&url, HashAlgorithm::Sha256, &digest, Some(bad))
                .is_err(),
            "{bad:?}"
        );
    }
    assert_eq!(server.hits("/tsa"), hits, "not sent");
    assert!(is_dotted_oid("2.999.1") && is_dotted_oid("1.39") && is_dotted_oid("0.0"));
    assert!(is_dotted_oid("1.2.0.10") && is_dotted_oid(NCA_TSA_POLICY_GOST2015));
}
