//! Review 42 (hostile): CMS countersignatures (RFC 5652 §11.4, `cms/countersignatures.rs`
//! and the signer search it reuses, `cms/signer.rs`), and `SignedData::detach` /
//! `SignedData::attach` (`cms/sign.rs`) behind NCANode's `detached`.
//!
//! Attacked:
//! * the octets a countersignature's messageDigest covers when the parent's signature value
//!   is a BER constructed OCTET STRING (its content, not either TLV);
//! * time-stamp tokens moved between a signer and its countersignature (each must be over
//!   its own signature value), a countersignature's own token under `TimePolicy::TimeStamp`
//!   (judged at its time, the parent's time unchanged);
//! * a countersigner whose key is compromised backdating its claim under
//!   `ClaimedSigningTime`, also with the parent's own (revoked) key;
//! * work: tokens carried by 32 countersignatures share the document's token budget;
//! * a countersignature with two messageDigest attributes, or a SHA-1 one;
//! * the caller's expectation (the request's IIN) applied to countersigners;
//! * the answers: NCANode's `/cms/verify` and `/cms/extract` (valid only as the verdict,
//!   the countersigner's IIN never shown as a signer's), `/v1/verify` with `iin`;
//! * `attach` and `/cms/sign/add` (a detached CMS answered attached): a second signer whose
//!   other digest algorithm names other content, two messageDigest attributes, a SHA-1
//!   messageDigest, a BER indefinite-length detached CMS attached again (nothing signed
//!   changes).
//!
//! Findings (each failing then, fixed since: a countersigner's certificate is judged without
//! the request's IIN or BIN, which are the document's signer's, and a failed
//! `countersignature` check names what failed in the countersignature):
//! * `the_requests_iin_is_demanded_of_a_countersigner`: with an identity expectation
//!   (`Expectation::iin`, `/v1/verify`'s `iin`), the countersigner's certificate is judged
//!   against the request's IIN as if it were the document's signer: a document whose signer
//!   carries the IIN, with a genuine countersignature by another person (an approval), is
//!   INVALID (the countersignature's failed check: `iin_match: request IIN 900101300007,
//!   certificate IIN 123456789011`), its refusal saying "Failed: the countersignature of
//!   the signature (does not verify)", which it does; `SignerPolicy::Any` the same, and
//!   stating the countersigner's IIN fails the signer: no request identity verifies on a
//!   countersigned document. The same through `/v1/verify` with `iin`
//!   (`service::v1_verify_refuses_a_countersigned_document_for_its_signers_iin`)
//!   and `qoltanba verify --iin` (`cli_verify_iin_refuses_a_countersigned_document`:
//!   exit 1, "signer #0: INVALID — ... IIN 900101300007", its own `iin_match` passed).
//!   `cms/signer.rs` `verify_signer_info`, the certificate condition (`expect =
//!   options.expectation.clone()`, only `at`/`time_source` changed, also for
//!   `Signs::Signature`). A stated BIN likewise (a legal entity's document countersigned
//!   by an individual).
//!
//! Held: every other attack above (the `held_*` tests).

mod common;

use common::forge::{attr, children, content, int, oid, seq, set_of, sha256, tlv};
use common::{pki, time, who, Who};
use qoltanba::cms::{sign, SignRequest, SignedData, SignerPolicy, TimeBasis, TimePolicy};
use qoltanba::cms::{SignerVerdict, VerifyOptions};
use qoltanba::{Bin, Certificate, CheckName, Expectation, Iin, Judged as _, Outcome, Overall};

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const ATTR_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const ATTR_COUNTERSIGNATURE: &str = "1.2.840.113549.1.9.6";
const ATTR_TIME_STAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
const SHA1: &str = "1.3.14.3.2.26";
const SHA512: &str = "2.16.840.1.101.3.4.2.3";
const CONTENT: &[u8] = b"review 42: the request";

fn at() -> chrono::DateTime<chrono::Utc> {
    time("2026-11-23T00:00:00Z")
}

/// A document by `w` over CONTENT, signed by the library at `signed_at`.
fn signed_by(w: &Who, signed_at: &str, detached: bool) -> Vec<u8> {
    sign(
        CONTENT,
        &SignRequest::new(&w.cert, time(signed_at)).detached(detached),
        &w.key,
    )
    .unwrap()
}

/// A countersignature by `w` (SHA-256 with RSA: the RSA keys of the test PKI) whose
/// messageDigest is SHA-256 of `over`, with a signingTime `claimed` ("YYMMDDhhmmssZ") when
/// given, and the unsigned attributes `unsigned`.
fn countersignature(over: &[u8], w: &Who, claimed: Option<&str>, unsigned: &[Vec<u8>]) -> Vec<u8> {
    let mut attrs = vec![attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(over))])];
    if let Some(t) = claimed {
        attrs.push(attr(ATTR_SIGNING_TIME, &[&tlv(0x17, t.as_bytes())]));
    }
    let signed = set_of(attrs);
    let signature = w.key.sign(&signed).unwrap();
    let mut implicit = signed;
    implicit[0] = 0xA0;
    let mut parts = vec![
        int(&[1]),
        seq(&[w.cert.issuer().der(), &int(w.cert.serial())]),
        seq(&[&oid("2.16.840.1.101.3.4.2.1")]),
        implicit,
        common::forge::sha256_rsa(),
        tlv(0x04, &signature),
    ];
    if !unsigned.is_empty() {
        parts.push(tlv(0xA1, &unsigned.concat()));
    }
    tlv(0x30, &parts.concat())
}

/// The signature value (content octets) of a SignerInfo's DER.
fn signature_of(si: &[u8]) -> Vec<u8> {
    SignedData::from_ber(&document(CONTENT, &[si.to_vec()], &[]))
        .unwrap()
        .signers()[0]
        .signature()
        .to_vec()
}

/// `si` (DER) with the unsigned attributes `extra` added to those it carries.
fn with_unsigned(si: &[u8], extra: &[Vec<u8>]) -> Vec<u8> {
    let mut parts: Vec<Vec<u8>> = children(si).iter().map(|p| p.to_vec()).collect();
    let mut unsigned = match parts.last() {
        Some(p) if p[0] == 0xA1 => content(&parts.pop().unwrap()).to_vec(),
        _ => Vec::new(),
    };
    for e in extra {
        unsigned.extend_from_slice(e);
    }
    parts.push(tlv(0xA1, &unsigned));
    tlv(0x30, &parts.concat())
}

/// An attached SignedData over `data` with the SignerInfos `infos` and certificates `certs`.
fn document(data: &[u8], infos: &[Vec<u8>], certs: &[&Certificate]) -> Vec<u8> {
    let certs: Vec<u8> = certs.iter().flat_map(|c| c.der().to_vec()).collect();
    let sd = seq(&[
        &int(&[1]),
        &tlv(0x31, &seq(&[&oid("2.16.840.1.101.3.4.2.1")])),
        &seq(&[&oid(ID_DATA), &tlv(0xA0, &tlv(0x04, data))]),
        &tlv(0xA0, &certs),
        &tlv(0x31, &infos.concat()),
    ]);
    seq(&[&oid(ID_SIGNED_DATA), &tlv(0xA0, &sd)])
}

fn countersignature_attribute(values: &[Vec<u8>]) -> Vec<u8> {
    attr(
        ATTR_COUNTERSIGNATURE,
        &values.iter().map(|v| v.as_slice()).collect::<Vec<_>>(),
    )
}

fn token_attribute(tokens: &[&[u8]]) -> Vec<u8> {
    attr(ATTR_TIME_STAMP_TOKEN, tokens)
}

fn outcome(v: &SignerVerdict, name: CheckName) -> Option<Outcome> {
    v.check(name).map(|c| c.outcome())
}

fn options(policy: TimePolicy) -> VerifyOptions {
    let mut o = VerifyOptions::at(at());
    o.time = policy;
    o
}

// ---------------------------------------------------------------------------------------
// Findings

/// A document signed by a person who carries the request's IIN (900101300007), approved
/// by a countersignature of another person (IIN 123456789011), genuine and valid. Asked
/// whether the document is signed by 900101300007, the library judges the countersigner's
/// certificate against that IIN too, and answers INVALID: the signer, whose certificate
/// carries the IIN and whose signature holds, is refused for an IIN mismatch that is the
/// countersigner's. Under `SignerPolicy::Any` the same (the one signer fails); stating the
/// countersigner's IIN fails the signer instead: no request identity can be verified on a
/// countersigned document. A countersigner is not the document's signer: the request's
/// identity is the signer's to carry (the countersignature still proven for what it is).
///
/// Found by review 42 (was a defect).
#[test]
fn the_requests_iin_is_demanded_of_a_countersigner() {
    let v = common::rsa_verifier();
    let mut failures = Vec::new();
    // (signer, countersigner, what the request states of the signer: both carried by the
    // signer's certificate, neither by the countersigner's)
    let cases = [
        (
            "individual_sign_valid_iin",
            "legal_sign",
            Expectation::at(at()).iin(Iin::parse("900101300007").unwrap()),
        ),
        (
            "legal_sign_valid_bin",
            "individual_sign",
            Expectation::at(at()).bin(Bin::parse("050540000016").unwrap()),
        ),
    ];
    for (signer, approver, expect) in cases {
        let (signer, approver) = (who(signer), who(approver));
        let der = signed_by(&signer, "2026-11-22T09:30:00Z", false);
        let sd = SignedData::from_ber(&der).unwrap();
        let c = countersignature(sd.signers()[0].signature(), &approver, None, &[]);
        let si = with_unsigned(
            sd.signers()[0].encoding(),
            &[countersignature_attribute(&[c])],
        );
        let doc = SignedData::from_ber(&document(CONTENT, &[si], &[&signer.cert, &approver.cert]))
            .unwrap();

        // Without an identity expectation: valid, the countersignature with it.
        let plain = doc.verify(&v, &VerifyOptions::at(at()));
        assert!(plain.is_valid(), "{plain:#?}");
        // The signer alone (no countersignature) meets the expectation.
        let alone = SignedData::from_ber(&der)
            .unwrap()
            .verify(&v, &VerifyOptions::new(expect.clone()));
        assert!(alone.is_valid(), "{alone:#?}");

        for policy in [SignerPolicy::All, SignerPolicy::Any] {
            let mut o = VerifyOptions::new(expect.clone());
            o.signers = policy;
            let verdict = doc.verify(&v, &o);
            let s = &verdict.signers()[0];
            if !verdict.is_valid() {
                let c = &s.countersignatures()[0];
                let failed: Vec<String> = c
                    .checks()
                    .iter()
                    .filter(|x| x.outcome() == Outcome::Failed)
                    .map(|x| format!("{}: {}", x.name().as_str(), x.reason()))
                    .collect();
                failures.push(format!(
                    "{policy:?}: {} (signer {}, countersignature {}: {failed:?}); refusal: {:?}",
                    verdict.overall().as_str(),
                    s.overall().as_str(),
                    c.overall().as_str(),
                    verdict.refusal().map(|r| r.en().to_string())
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "a signer carrying the request's IIN/BIN, countersigned by another person, refused: {failures:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// Held: what a countersignature's messageDigest covers

/// The parent's signature value carried as a BER constructed OCTET STRING (two segments):
/// a countersignature over its content octets (what DER would carry) is valid; one over the
/// primitive TLV, or over the constructed TLV as carried, is proven bad.
#[test]
fn held_a_constructed_signature_value_is_countersigned_by_its_content() {
    let signer = who("individual_sign");
    let approver = who("legal_sign");
    let sd = SignedData::from_ber(&signed_by(&signer, "2026-11-22T09:30:00Z", false)).unwrap();
    let value = sd.signers()[0].signature().to_vec();
    let constructed = tlv(
        0x24,
        &[tlv(0x04, &value[..100]), tlv(0x04, &value[100..])].concat(),
    );
    let parts: Vec<Vec<u8>> = children(sd.signers()[0].encoding())
        .iter()
        .map(|p| {
            if p[0] == 0x04 {
                constructed.clone()
            } else {
                p.to_vec()
            }
        })
        .collect();
    let parent = tlv(0x30, &parts.concat());
    let judge = |over: &[u8]| {
        let c = countersignature(over, &approver, None, &[]);
        let si = with_unsigned(&parent, &[countersignature_attribute(&[c])]);
        let doc = SignedData::from_ber(&document(CONTENT, &[si], &[&signer.cert, &approver.cert]))
            .unwrap();
        assert_eq!(doc.signers()[0].signature(), value.as_slice());
        doc.verify(&common::rsa_verifier(), &VerifyOptions::at(at()))
    };
    let good = judge(&value);
    assert!(good.is_valid(), "{good:#?}");
    for over in [tlv(0x04, &value), constructed.clone()] {
        let bad = judge(&over);
        assert_eq!(bad.overall(), Overall::Invalid);
        let c = &bad.signers()[0].countersignatures()[0];
        assert_eq!(outcome(c, CheckName::MessageDigest), Some(Outcome::Failed));
    }
}

/// A countersignature by `w` over exactly the signed attributes `attrs`, with the
/// digestAlgorithm `digest` (its signature SHA-256 with RSA).
fn countersignature_over(attrs: Vec<Vec<u8>>, digest: &str, w: &Who) -> Vec<u8> {
    let signed = set_of(attrs);
    let signature = w.key.sign(&signed).unwrap();
    let mut implicit = signed;
    implicit[0] = 0xA0;
    seq(&[
        &int(&[1]),
        &seq(&[w.cert.issuer().der(), &int(w.cert.serial())]),
        &seq(&[&oid(digest)]),
        &implicit,
        &common::forge::sha256_rsa(),
        &tlv(0x04, &signature),
    ])
}

/// A countersignature carrying two messageDigest attributes (one over the parent's
/// signature value, one over other octets): malformed, proven bad. One whose
/// messageDigest is SHA-1 of the signature value (a digest the library does not accept):
/// not proven, the signer indeterminate, never valid.
#[test]
fn held_two_message_digests_or_a_weak_one_prove_no_countersignature() {
    let signer = who("individual_sign");
    let approver = who("legal_sign");
    let sd = SignedData::from_ber(&signed_by(&signer, "2026-11-22T09:30:00Z", false)).unwrap();
    let value = sd.signers()[0].signature().to_vec();
    let judge = |c: Vec<u8>| {
        let si = with_unsigned(
            sd.signers()[0].encoding(),
            &[countersignature_attribute(&[c])],
        );
        SignedData::from_ber(&document(CONTENT, &[si], &[&signer.cert, &approver.cert]))
            .unwrap()
            .verify(&common::rsa_verifier(), &VerifyOptions::at(at()))
    };
    let twice = countersignature_over(
        vec![
            attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(&value))]),
            attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(b"other"))]),
        ],
        "2.16.840.1.101.3.4.2.1",
        &approver,
    );
    let v = judge(twice);
    assert_eq!(v.overall(), Overall::Invalid);
    let c = &v.signers()[0].countersignatures()[0];
    assert_eq!(outcome(c, CheckName::MessageDigest), Some(Outcome::Failed));

    let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &value);
    let weak = countersignature_over(
        vec![attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, sha1.as_ref())])],
        SHA1,
        &approver,
    );
    let v = judge(weak);
    assert_ne!(v.overall(), Overall::Valid);
    let s = &v.signers()[0];
    assert_eq!(
        outcome(s, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );
    assert_eq!(
        outcome(&s.countersignatures()[0], CheckName::MessageDigest),
        Some(Outcome::Unknown)
    );
}

// ---------------------------------------------------------------------------------------
// Held: time-stamp tokens and times

/// The CAdES vector of the test PKI: a signer with a valid token (tsa/cades_token.tsr).
fn cades() -> (SignedData, Vec<u8>) {
    let plain =
        SignedData::from_input(&std::fs::read(pki("tsa/cades_plain.cms")).unwrap()).unwrap();
    let token = std::fs::read(pki("tsa/cades_token.tsr")).unwrap();
    let sd = SignedData::from_ber(&plain.add_timestamp_token(0, &token).unwrap()).unwrap();
    // The token as carried (a .tsr is a TimeStampResp: the attribute holds the token).
    let carried = sd.signers()[0]
        .unsigned_attributes()
        .iter()
        .find(|a| a.oid == ATTR_TIME_STAMP_TOKEN)
        .unwrap()
        .values[0]
        .clone();
    (sd, carried)
}

/// `sd` with its first SignerInfo replaced by `si`, the certificates `extra` added.
fn replaced(sd: &SignedData, si: Vec<u8>, extra: &[&Certificate]) -> SignedData {
    let mut certs: Vec<&Certificate> = sd.certificates().iter().collect();
    certs.extend_from_slice(extra);
    SignedData::from_ber(&document(sd.unverified_content().unwrap(), &[si], &certs)).unwrap()
}

/// The parent's valid token (over the parent's signature value) copied onto its
/// countersignature: it does not time-stamp the countersignature, whatever the policy;
/// under `TimeStamp` it gives the countersignature no time (the token fails: invalid).
#[test]
fn held_the_parents_token_copied_onto_a_countersignature_proves_nothing() {
    let approver = who("legal_sign");
    let (sd, token) = cades();
    let parent = sd.signers()[0].encoding().to_vec();
    let c = countersignature(
        sd.signers()[0].signature(),
        &approver,
        None,
        &[token_attribute(&[&token])],
    );
    let doc = replaced(
        &sd,
        with_unsigned(&parent, &[countersignature_attribute(&[c])]),
        &[&approver.cert],
    );
    for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
        let verdict = doc.verify(&common::rsa_verifier(), &options(policy));
        assert_eq!(verdict.overall(), Overall::Invalid, "{policy:?}");
        let s = &verdict.signers()[0];
        let c = &s.countersignatures()[0];
        assert_eq!(outcome(c, CheckName::Timestamp), Some(Outcome::Failed));
        assert_ne!(c.time_basis(), TimeBasis::TimeStamp);
        assert_eq!(
            outcome(s, CheckName::Countersignature),
            Some(Outcome::Failed)
        );
    }
}

/// A countersignature with a token of its own (over its own signature value, genTime an
/// hour after the parent's token) under `TimeStamp`: judged at its token's time, the
/// parent still at its own. The same token moved onto the parent fails there.
#[test]
fn held_a_countersignatures_own_token_times_it_and_only_it() {
    use common::tokens::{tsa_token, tst_info};
    let approver = who("legal_sign");
    let (sd, _) = cades();
    let parent = sd.signers()[0].encoding().to_vec();
    let bare = countersignature(sd.signers()[0].signature(), &approver, None, &[]);
    let own = tsa_token(&tst_info(
        &sha256(&signature_of(&bare)),
        "20261122120000Z",
        None,
    ));
    let c = countersignature(
        sd.signers()[0].signature(),
        &approver,
        None,
        &[token_attribute(&[&own])],
    );
    let doc = replaced(
        &sd,
        with_unsigned(&parent, &[countersignature_attribute(&[c])]),
        &[&approver.cert],
    );
    let verdict = doc.verify(&common::rsa_verifier(), &options(TimePolicy::TimeStamp));
    let s = &verdict.signers()[0];
    let c = &s.countersignatures()[0];
    assert!(c.is_valid(), "{c:#?}");
    assert_eq!(c.time_basis(), TimeBasis::TimeStamp);
    assert_eq!(c.at(), time("2026-11-22T12:00:00Z"));
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    assert_ne!(s.at(), c.at());
    assert!(verdict.is_valid(), "{verdict:#?}");

    // The countersignature's token moved onto the parent: it stamps another value.
    let moved = replaced(
        &sd,
        with_unsigned(&parent, &[token_attribute(&[&own])]),
        &[],
    );
    let v = moved.verify(&common::rsa_verifier(), &options(TimePolicy::TimeStamp));
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(&v.signers()[0], CheckName::Timestamp),
        Some(Outcome::Failed)
    );
}

/// A countersigner whose key was compromised (revoked.cer: keyCompromise, invalidity
/// 2026-05-28) backdates its claim to before the compromise, under `ClaimedSigningTime`:
/// refused. And the same with the parent itself by that key (its own claim backdated too):
/// no claim makes the compromised key pass.
#[test]
fn held_a_compromised_countersigner_backdating_its_claim_is_refused() {
    let revoked = who("revoked");
    for parent_by in ["individual_sign", "revoked"] {
        let p = who(parent_by);
        let sd = SignedData::from_ber(&signed_by(&p, "2026-03-01T00:00:00Z", false)).unwrap();
        let c = countersignature(
            sd.signers()[0].signature(),
            &revoked,
            Some("260302000000Z"),
            &[],
        );
        let doc = SignedData::from_ber(&document(
            CONTENT,
            &[with_unsigned(
                sd.signers()[0].encoding(),
                &[countersignature_attribute(&[c])],
            )],
            &[&p.cert, &revoked.cert],
        ))
        .unwrap();
        let verdict = doc.verify(
            &common::rsa_verifier(),
            &options(TimePolicy::ClaimedSigningTime),
        );
        assert_eq!(verdict.overall(), Overall::Invalid, "{parent_by}");
        let c = &verdict.signers()[0].countersignatures()[0];
        assert_eq!(c.time_basis(), TimeBasis::ClaimedSigningTime);
        assert_eq!(c.at(), time("2026-03-02T00:00:00Z"));
        assert_eq!(c.overall(), Overall::Invalid, "{c:#?}");
        assert_eq!(outcome(c, CheckName::Revocation), Some(Outcome::Failed));
    }
}

// ---------------------------------------------------------------------------------------
// Held: work

/// 32 countersignatures (the document's count) each carrying 8 tokens (a signer's most),
/// beside the signer's own 8: the tokens judged in the document stay within its token
/// budget (64), the rest not judged (unknown), never valid.
#[test]
fn held_countersignatures_tokens_share_the_documents_token_budget() {
    let approver = who("legal_sign");
    let max = qoltanba::cms::limits::MAX_COUNTERSIGNATURES;
    let per_signer = qoltanba::tsp::limits::MAX_TOKENS_PER_SIGNER;
    let per_document = qoltanba::tsp::limits::MAX_TOKENS_PER_DOCUMENT;
    let sd = SignedData::from_ber(&signed_by(
        &who("individual_sign"),
        "2026-11-22T09:30:00Z",
        false,
    ))
    .unwrap();
    // A token of the test TSA over other octets: read and verified, its imprint fails.
    let junk = common::tokens::tsa_token(&common::tokens::tst_info(
        &sha256(b"other"),
        "20261122120000Z",
        None,
    ));
    let tokens: Vec<&[u8]> = (0..per_signer).map(|_| junk.as_slice()).collect();
    let values: Vec<Vec<u8>> = (0..max)
        .map(|k| {
            countersignature(
                sd.signers()[0].signature(),
                &approver,
                Some(&format!("2611221{}{:02}00Z", k / 60, k % 60)),
                &[token_attribute(&tokens)],
            )
        })
        .collect();
    let si = with_unsigned(
        sd.signers()[0].encoding(),
        &[
            token_attribute(&tokens),
            countersignature_attribute(&values),
        ],
    );
    let doc = SignedData::from_ber(&document(CONTENT, &[si], &[&approver.cert])).unwrap();
    let verdict = doc.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    assert_ne!(verdict.overall(), Overall::Valid);
    let s = &verdict.signers()[0];
    assert_eq!(s.countersignatures().len(), max);
    let judged: usize = s.timestamps().len()
        + s.countersignatures()
            .iter()
            .map(|c| c.timestamps().len())
            .sum::<usize>();
    assert!(
        judged <= per_document,
        "{judged} tokens judged in one document (budget {per_document})"
    );
    // Those beyond the budget are said to be not judged.
    let unknown = s
        .countersignatures()
        .iter()
        .filter(|c| outcome(c, CheckName::Timestamp) == Some(Outcome::Unknown))
        .count();
    assert!(unknown > 0);
}

// ---------------------------------------------------------------------------------------
// Held: attach

/// A detached CMS by the library (SHA-256), and a SignerInfo over `attrs` by legal_sign
/// with the digestAlgorithm `digest` beside it.
fn detached_with(digest: &str, attrs: Vec<Vec<u8>>) -> SignedData {
    let first = SignedData::from_ber(&signed_by(
        &who("individual_sign"),
        "2026-11-22T09:30:00Z",
        true,
    ))
    .unwrap();
    let w = who("legal_sign");
    let signed = set_of(attrs);
    let sig = w.key.sign(&signed).unwrap();
    let mut implicit = signed;
    implicit[0] = 0xA0;
    let second = seq(&[
        &int(&[1]),
        &seq(&[w.cert.issuer().der(), &int(w.cert.serial())]),
        &seq(&[&oid(digest)]),
        &implicit,
        &common::forge::sha256_rsa(),
        &tlv(0x04, &sig),
    ]);
    let certs: Vec<u8> = [first.certificates()[0].der(), w.cert.der()].concat();
    let sdata = seq(&[
        &int(&[1]),
        &tlv(
            0x31,
            &[seq(&[&oid("2.16.840.1.101.3.4.2.1")]), seq(&[&oid(digest)])].concat(),
        ),
        &seq(&[&oid(ID_DATA)]),
        &tlv(0xA0, &certs),
        &tlv(
            0x31,
            &[first.signers()[0].encoding().to_vec(), second].concat(),
        ),
    ]);
    SignedData::from_ber(&seq(&[&oid(ID_SIGNED_DATA), &tlv(0xA0, &sdata)])).unwrap()
}

fn digest_attr(d: &[u8]) -> Vec<u8> {
    attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, d)])
}

/// `attach` refuses: a second signer whose SHA-512 messageDigest names other content (the
/// first's SHA-256 one matches); one with two messageDigest attributes (one of the
/// content); one whose messageDigest is SHA-1 of the content. A second signer whose SHA-512
/// digest does match is accepted, and the result verifies.
#[test]
fn held_attach_refuses_what_some_signer_did_not_sign() {
    let ct = attr(ATTR_CONTENT_TYPE, &[&oid(ID_DATA)]);
    let sha512 = |d: &[u8]| {
        ring::digest::digest(&ring::digest::SHA512, d)
            .as_ref()
            .to_vec()
    };
    let sha1 = |d: &[u8]| {
        ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, d)
            .as_ref()
            .to_vec()
    };
    let other = detached_with(SHA512, vec![ct.clone(), digest_attr(&sha512(b"other"))]);
    assert!(other.attach(CONTENT).is_err());
    assert!(other.attach(b"other").is_err());
    let twice = detached_with(
        "2.16.840.1.101.3.4.2.1",
        vec![
            ct.clone(),
            digest_attr(&sha256(CONTENT)),
            digest_attr(&sha256(b"other")),
        ],
    );
    assert!(twice.attach(CONTENT).is_err());
    assert!(twice.attach(b"other").is_err());
    let weak = detached_with(SHA1, vec![ct.clone(), digest_attr(&sha1(CONTENT))]);
    assert!(weak.attach(CONTENT).is_err());

    let good = detached_with(SHA512, vec![ct, digest_attr(&sha512(CONTENT))]);
    let attached = SignedData::from_ber(&good.attach(CONTENT).unwrap()).unwrap();
    assert_eq!(attached.unverified_content(), Some(CONTENT));
    // What the attached CMS says of its signers is what the detached one said over CONTENT.
    let v = common::rsa_verifier();
    let before = good.verify_detached(CONTENT, &v, &VerifyOptions::at(at()));
    let after = attached.verify(&v, &VerifyOptions::at(at()));
    assert_eq!(before.overall(), after.overall());
    for (b, a) in before.signers().iter().zip(after.signers()) {
        assert_eq!(b.overall(), a.overall());
    }
}

/// Indefinite lengths (BER) for an element's header.
fn indefinite(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    let mut v = vec![tag, 0x80];
    for p in parts {
        v.extend_from_slice(p);
    }
    v.extend_from_slice(&[0, 0]);
    v
}

/// A detached CMS re-encoded with indefinite lengths (the ContentInfo, its [0], the
/// SignedData, the SignerInfo set, the SignerInfo and its signed attributes): `attach`
/// makes a CMS whose signers' signed bytes and signature values are those signed, and
/// which verifies; detaching it again gives the DER detached CMS.
#[test]
fn held_a_ber_indefinite_detached_cms_attaches_without_changing_anything_signed() {
    let der = signed_by(&who("individual_sign"), "2026-11-22T09:30:00Z", true);
    let ci = children(&der);
    let sd_tlv = children(ci[1])[0];
    let sd_parts = children(sd_tlv);
    let set = sd_parts.last().unwrap();
    let si = children(set)[0];
    let si_parts: Vec<Vec<u8>> = children(si)
        .iter()
        .map(|p| {
            if p[0] == 0xA0 {
                let attrs = children(p);
                indefinite(0xA0, &attrs)
            } else {
                p.to_vec()
            }
        })
        .collect();
    let si_ber = indefinite(
        0x30,
        &si_parts.iter().map(|p| p.as_slice()).collect::<Vec<_>>(),
    );
    let set_ber = indefinite(0x31, &[&si_ber]);
    let mut parts: Vec<&[u8]> = sd_parts[..sd_parts.len() - 1].to_vec();
    parts.push(&set_ber);
    let sd_ber = indefinite(0x30, &parts);
    let ber = indefinite(0x30, &[ci[0], &indefinite(0xA0, &[&sd_ber])]);
    assert_ne!(ber, der);

    let original = SignedData::from_ber(&der).unwrap();
    let read = SignedData::from_ber(&ber).unwrap();
    assert!(read.is_detached());
    let v = common::rsa_verifier();
    assert!(read
        .verify_detached(CONTENT, &v, &VerifyOptions::at(at()))
        .is_valid());
    let attached = SignedData::from_ber(&read.attach(CONTENT).unwrap()).unwrap();
    for (a, o) in attached.signers().iter().zip(original.signers()) {
        assert_eq!(a.signature(), o.signature());
        assert_eq!(
            a.signed_attributes().unwrap().signed_bytes(),
            o.signed_attributes().unwrap().signed_bytes()
        );
    }
    let verdict = attached.verify(&v, &VerifyOptions::at(at()));
    assert!(verdict.is_valid(), "{verdict:#?}");
    assert_eq!(verdict.verified_content().unwrap().as_bytes(), CONTENT);
    assert_eq!(attached.detach(), der);
    // Other content is refused.
    assert!(read.attach(b"other").is_err());
}

// ---------------------------------------------------------------------------------------
// The service's answers (NCANode's `/cms/verify`, `/cms/sign/add`; the library's `/v1/verify`)

#[cfg(feature = "server")]
mod service {
    use super::*;
    use common::service::Service;

    fn b64(bytes: &[u8]) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    fn unb64(text: &str) -> Vec<u8> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap()
    }

    fn svc() -> Service {
        Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z")
    }

    /// individual_sign_valid_iin's document, countersigned by legal_sign (genuine, or over
    /// other octets when `forged`).
    fn countersigned(forged: bool) -> Vec<u8> {
        let signer = who("individual_sign_valid_iin");
        let approver = who("legal_sign");
        let sd = SignedData::from_ber(&signed_by(&signer, "2026-11-22T09:30:00Z", false)).unwrap();
        let over = if forged {
            b"another signature".to_vec()
        } else {
            sd.signers()[0].signature().to_vec()
        };
        let c = countersignature(&over, &approver, None, &[]);
        document(
            CONTENT,
            &[with_unsigned(
                sd.signers()[0].encoding(),
                &[countersignature_attribute(&[c])],
            )],
            &[&signer.cert, &approver.cert],
        )
    }

    /// `/v1/verify` with the signer's IIN, on a document it signed and another person
    /// countersigned: the library's own route answers invalid (the finding above, through
    /// the service).
    ///
    /// Found by review 42 (was a defect).
    #[test]
    fn v1_verify_refuses_a_countersigned_document_for_its_signers_iin() {
        let s = svc();
        let cms = countersigned(false);
        let (status, r) = s.post(
            "/v1/verify",
            &serde_json::json!({"cms": b64(&cms)}).to_string(),
        );
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["verdict"]["verdict"], "valid", "{r}");
        let (status, r) = s.post(
            "/v1/verify",
            &serde_json::json!({"cms": b64(&cms), "iin": "900101300007"}).to_string(),
        );
        assert_eq!(status, 200, "{r}");
        assert_eq!(
            r["verdict"]["verdict"], "valid",
            "the signer carries IIN 900101300007: {}",
            r["verdict"]["refusal"]
        );
    }

    /// NCANode's `/cms/verify`: valid only as the verdict is (a countersignature over other
    /// octets: false), and `signers` names the signer alone (the countersigner's IIN is not
    /// shown as a signer's).
    #[test]
    fn held_cms_verify_answers_as_the_verdict_and_shows_the_signer_only() {
        let s = svc();
        let (status, r) = s.post(
            "/cms/verify",
            &serde_json::json!({"cms": b64(&countersigned(false))}).to_string(),
        );
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["valid"], true, "{r}");
        let signers = r["signers"].as_array().unwrap();
        assert_eq!(signers.len(), 1, "{r}");
        let text = signers[0].to_string();
        assert!(text.contains("900101300007"), "{text}");
        assert!(!text.contains("123456789011"), "{text}");

        let (status, r) = s.post(
            "/cms/verify",
            &serde_json::json!({"cms": b64(&countersigned(true))}).to_string(),
        );
        assert_eq!(status, 200, "{r}");
        assert_eq!(r["valid"], false, "{r}");
        let (_, r) = s.post(
            "/cms/extract",
            &serde_json::json!({"cms": b64(&countersigned(true))}).to_string(),
        );
        assert_eq!(r["valid"], false, "{r}");
        assert!(r.get("data").is_none(), "{r}");
    }

    /// `/cms/sign/add` on a detached CMS whose second signer's SHA-512 messageDigest names
    /// other content: 400 (nothing attached); on the same with a matching digest: the answer
    /// carries the content, every signer's signed bytes unchanged.
    #[test]
    fn held_cms_sign_add_attaches_only_what_every_signer_signed() {
        let s = svc();
        let ct = attr(ATTR_CONTENT_TYPE, &[&oid(ID_DATA)]);
        let sha512 = |d: &[u8]| {
            ring::digest::digest(&ring::digest::SHA512, d)
                .as_ref()
                .to_vec()
        };
        let body = |cms: &[u8]| {
            serde_json::json!({
                "cms": b64(cms),
                "data": b64(CONTENT),
                "signers": [{
                    "key": b64(&std::fs::read(pki("legal_sign.p12")).unwrap()),
                    "password": "Qwerty12",
                }],
            })
            .to_string()
        };
        let other = detached_with(SHA512, vec![ct.clone(), digest_attr(&sha512(b"other"))]);
        let (status, r) = s.post("/cms/sign/add", &body(&other.detach()));
        assert_eq!(status, 400, "{r}");

        let good = detached_with(SHA512, vec![ct, digest_attr(&sha512(CONTENT))]);
        let (status, r) = s.post("/cms/sign/add", &body(&good.detach()));
        assert_eq!(status, 200, "{r}");
        let answer = SignedData::from_input(&unb64(r["cms"].as_str().unwrap())).unwrap();
        assert_eq!(answer.unverified_content(), Some(CONTENT));
        assert_eq!(answer.signers().len(), 3);
        // Every signer the client's CMS carried is in the answer as it was (a SET: in DER
        // order), beside the new one.
        for o in good.signers() {
            assert!(answer
                .signers()
                .iter()
                .any(|a| a.encoding() == o.encoding()));
        }
        let v = answer.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
        assert_eq!(v.signers().len(), 3);
    }
}

/// `qoltanba verify --iin`: the command line's answer on the countersigned document of
/// [`the_requests_iin_is_demanded_of_a_countersigner`].
#[cfg(feature = "cli")]
///
/// Found by review 42 (was a defect).
#[test]
fn cli_verify_iin_refuses_a_countersigned_document() {
    let signer = who("individual_sign_valid_iin");
    let approver = who("legal_sign");
    let sd = SignedData::from_ber(&signed_by(&signer, "2026-11-22T09:30:00Z", false)).unwrap();
    let c = countersignature(sd.signers()[0].signature(), &approver, None, &[]);
    let der = document(
        CONTENT,
        &[with_unsigned(
            sd.signers()[0].encoding(),
            &[countersignature_attribute(&[c])],
        )],
        &[&signer.cert, &approver.cert],
    );
    let dir = std::env::temp_dir().join(format!("qoltanba-review42-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("countersigned.cms");
    std::fs::write(&file, der).unwrap();
    let run = |iin: Option<&str>| {
        let (root, ca, crl) = (
            pki("root.cer"),
            pki("nca_rsa.cer"),
            pki("nca_rsa_current.crl"),
        );
        let mut args = vec![
            "verify".to_string(),
            file.to_str().unwrap().to_string(),
            "--trust".into(),
            root.to_str().unwrap().into(),
            "--intermediate".into(),
            ca.to_str().unwrap().into(),
            "--crl".into(),
            crl.to_str().unwrap().into(),
            "--at".into(),
            "2026-11-23T00:00:00Z".into(),
        ];
        if let Some(i) = iin {
            args.push("--iin".into());
            args.push(i.into());
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(&args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (code, text) = run(None);
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = run(Some("900101300007"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        code,
        Some(0),
        "the signer carries IIN 900101300007:\n{text}"
    );
}
