//! review5: hostile tests of CMS SignedData verification and its signature time-stamps
//! (CAdES-T, RFC 3161). Every input is built here: the signer is the test PKI's
//! `individual_sign`, the TSA its `tsa/tsa.cer` (both keys are committed), CRLs are made
//! by the test CA (`common::forge`).
//!
//! Tests named `defect_*` assert the safe answer and FAIL today; tests named `held_*` are
//! attacks the library withstood, kept as regression tests.

mod common;

use common::forge::{self, attr, int, oid, seq, set_of, sha256, tlv, Ca, CrlSpec};
use common::tokens::*;
use common::{pki, time};
use qoltanba::cms::{SignRequest, SignedData, TimeBasis, TimePolicy, VerifyOptions};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall, Verifier};

// --- DER helpers --------------------------------------------------------------------------

const CONTENT: &[u8] = b"review5: the document signed";

/// The library's own signature by `individual_sign` (signingTime 2026-11-20T09:59:00Z).
fn signed_by_individual() -> Vec<u8> {
    let c = cert("individual_sign.cer");
    let chain = [cert("nca_rsa.cer")];
    qoltanba::cms::sign(
        CONTENT,
        &SignRequest::new(&c, time("2026-11-20T09:59:00Z")).with_chain(&chain),
        &key("individual_sign.key.pem"),
    )
    .unwrap()
}

/// `cms` with a time-stamp token from the test TSA over its first signature, genTime
/// `gen`, the accuracy given.
fn stamped(cms: &[u8], gen: &str, accuracy_seconds: Option<u32>) -> Vec<u8> {
    let sd = SignedData::from_ber(cms).unwrap();
    let digest = sha256(sd.signers()[0].signature());
    let token = tsa_token(&tst_info(
        &digest,
        gen,
        accuracy_seconds.map(seconds).as_deref(),
    ));
    sd.add_timestamp_token(0, &token).unwrap()
}

/// The issuing CA's CRL, fresh on 2026-11-23, listing `individual_sign` revoked on
/// `revoked` (UTCTime) for `reason`.
fn crl_revoking_individual(revoked: &str, reason: u8) -> Vec<u8> {
    let serial = cert("individual_sign.cer").serial().to_vec();
    Ca::nca_rsa().crl(
        &CrlSpec::complete(101, "261122000000Z", "270501000000Z").entries(vec![forge::crl_entry(
            &serial,
            revoked,
            &[forge::reason(reason)],
        )]),
    )
}

// --- time-stamp accuracy ------------------------------------------------------------------

/// RFC 3161 §2.4.2: genTime is only known to ± accuracy, so a token proves the signature
/// existed at genTime + accuracy, no earlier. The signer's certificate is revoked
/// (superseded) two hours after genTime; the TSA states an accuracy of one day. The
/// signature may have been made after the revocation: under `TimePolicy::TimeStamp` it
/// cannot be proven valid.
///
/// Today: valid, judged at genTime itself (src/cms/timestamps.rs:186-187 takes
/// `v.gen_time()` as the proven time, accuracy ignored; src/cms/signer.rs:168).
#[test]
fn defect_timestamp_accuracy_is_ignored_when_judging_at_the_time_stamp() {
    let crl = crl_revoking_individual("261120120000Z", 4);
    let v = common::rsa_verifier_with_crls(&[crl], |b| b);
    let checked = "2026-11-23T00:00:00Z";

    // Control: an exact token (no accuracy) proves the signature existed at 10:00, before
    // the revocation at 12:00: valid at the time-stamp, as CAdES-T intends.
    let exact = stamped(&signed_by_individual(), "20261120100000Z", None);
    let s = judge(&exact, &v, checked, TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    // ... and judged now, the revocation is seen.
    let s = judge(&exact, &v, checked, TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");

    // The same with "genTime 10:00 ± 1 day": the signature is proven to exist only by
    // 2026-11-21T10:00, a day after the revocation.
    let vague = stamped(&signed_by_individual(), "20261120100000Z", Some(86_400));
    let s = judge(&vague, &v, checked, TimePolicy::TimeStamp);
    assert!(s.timestamps()[0].is_valid(), "{:#?}", s.timestamps());
    assert!(
        s.at() >= time("2026-11-21T10:00:00Z") || s.overall() != Overall::Valid,
        "judged at {} (genTime, accuracy ±1 day ignored): {:?}; the certificate was revoked at 2026-11-20T12:00Z, within the accuracy",
        s.at(),
        s.overall()
    );
}

/// A token whose genTime is later than the time it is checked at is refused ("a token
/// from the future"), but only beyond the accuracy: with "± 1 day" a genTime 12 hours
/// ahead of the caller passes, and under `TimePolicy::TimeStamp` the signer is then judged
/// at a time that has not come yet. Nothing proves more than that the signature existed
/// when it is checked: the time judged should be at most the caller's.
///
/// Today: judged at 2026-11-23T12:00Z while checked at 2026-11-23T00:00Z
/// (src/tsp/verify.rs:189 subtracts the accuracy in the signer's favour; timestamps.rs:187).
#[test]
fn defect_timestamp_from_the_future_within_its_accuracy_sets_the_time_judged() {
    let v = common::rsa_verifier();
    let checked = "2026-11-23T00:00:00Z";
    let future = stamped(&signed_by_individual(), "20261123120000Z", Some(86_400));
    let s = judge(&future, &v, checked, TimePolicy::TimeStamp);
    assert!(
        s.at() <= time(checked) || s.overall() != Overall::Valid,
        "judged at {} ({:?}), later than the time checked {checked}",
        s.at(),
        s.overall()
    );
}

// --- resource: ESS hashing per token over the whole document pool ---------------------------

/// A certificate that parses (its signature is junk: never verified, it only has to be
/// matched by issuer and serial), padded to about `size` bytes by a non-critical extension,
/// `n` making each distinct.
fn padded_cert(template: &[u8], serial: &[u8], n: u32, size: usize) -> Vec<u8> {
    let mut tbs = forge::Tbs::of(template);
    tbs.serial = int(serial);
    let mut pad = n.to_be_bytes().to_vec();
    pad.resize(size, 0x5A);
    let padding = forge::ext(&[0x2A, 0x03, 0x04, 0x05], false, &tlv(0x04, &pad));
    // Keep the template's extensions, add the padding one.
    let exts = forge::children(&tbs.extensions)[0].to_vec();
    let mut inner: Vec<u8> = forge::content(&exts).to_vec();
    inner.extend(padding);
    tbs.extensions = tlv(0xA3, &tlv(0x30, &inner));
    seq(&[&tbs.der(), &forge::sha256_rsa(), &tlv(0x03, &[0, 1, 2, 3])])
}

/// A time-stamp token that parses, whose SignerInfo names (issuer, serial) and carries an
/// ESS signingCertificateV2 attribute; its signature is junk.
fn junk_token(issuer: &[u8], serial: &[u8], k: u32) -> Vec<u8> {
    let tst = tst_info(&sha256(&k.to_be_bytes()), "20261120100000Z", None);
    let attrs = set_of(vec![
        attr(ATTR_CONTENT_TYPE, &[&oid(ID_CT_TST_INFO)]),
        attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(&tst))]),
        attr(ATTR_SIGNING_CERTIFICATE_V2, &[&ess_v2(b"none of them")]),
    ]);
    let mut implicit = attrs;
    implicit[0] = 0xA0;
    let si = seq(&[
        &int(&[1]),
        &seq(&[issuer, &int(serial)]),
        &sha256_id(),
        &implicit,
        &forge::sha256_rsa(),
        &tlv(0x04, &[0x55; 256]),
    ]);
    let eci = seq(&[&oid(ID_CT_TST_INFO), &tlv(0xA0, &tlv(0x04, &tst))]);
    let sd = seq(&[&int(&[3]), &tlv(0x31, &sha256_id()), &eci, &tlv(0x31, &si)]);
    seq(&[&oid(ID_SIGNED_DATA), &tlv(0xA0, &sd)])
}

/// Each time-stamp token is verified as a document of its own with the whole CMS pool of
/// certificates offered (src/cms/signer.rs:165 and src/cms/timestamps.rs:166 pass `pool`; src/tsp/verify.rs:46),
/// and the token's signer search hashes every pool certificate matching the token's
/// signer identifier for the ESS binding *before* any budget is consulted
/// (src/cms/signer.rs:68-71, `ess_of` on every candidate, src/cms/verify.rs:124; the digests are cached per
/// Document, and each token is a new Document). So the certificate bytes are hashed once
/// per token: 64 tokens (8 on each of 8 signers) times the pool. The hash is the token's
/// choice (ESSCertIDv2 hashAlgorithm: GOST R 34.11-94 hashes about 23 MB/s, see
/// tsp::limits), and the pool may be 256 MiB: hours of work for one request.
///
/// Measured by counts, from the verdicts: tokens judged × certificates matching each
/// token's identifier (its `signer_certificate` check says how many) × their size.
/// The bound asserted: each token hashes at most `MAX_TOKEN_REHASHED_BYTES` (1 MiB, the
/// budget the library states for the bytes one token may hash again), and the document
/// as a whole at most a small multiple (8, one per hash algorithm) of its certificates.
#[test]
fn defect_every_time_stamp_token_hashes_the_whole_certificate_pool() {
    const CERTS: usize = 48;
    const SIZE: usize = 48 * 1024;
    let template = std::fs::read(pki("individual_sign.cer")).unwrap();
    let template = Certificate::from_input(&template).unwrap().der().to_vec();
    let serial = [0x42u8; 8];
    let issuer = forge::Tbs::of(&template).issuer;
    let pool: Vec<Vec<u8>> = (0..CERTS as u32)
        .map(|n| padded_cert(&template, &serial, n, SIZE))
        .collect();
    let pool_bytes: usize = pool.iter().map(Vec::len).sum();

    // Eight signers (junk signatures; they need only parse), eight tokens each.
    let per_signer = qoltanba::tsp::limits::MAX_TOKENS_PER_SIGNER;
    let signers = qoltanba::tsp::limits::MAX_TOKENS_PER_DOCUMENT / per_signer;
    let mut signer_infos = Vec::new();
    for s in 0..signers {
        let tokens: Vec<Vec<u8>> = (0..per_signer)
            .map(|k| junk_token(&issuer, &serial, (s * per_signer + k) as u32))
            .collect();
        let refs: Vec<&[u8]> = tokens.iter().map(|t| t.as_slice()).collect();
        let unsigned = tlv(0xA1, &attr("1.2.840.113549.1.9.16.2.14", &refs));
        signer_infos.push(seq(&[
            &int(&[1]),
            &seq(&[&issuer, &int(&[0x77, s as u8])]),
            &sha256_id(),
            &forge::sha256_rsa(),
            &tlv(0x04, &[s as u8; 256]),
            &unsigned,
        ]));
    }
    let eci = seq(&[&oid(ID_DATA), &tlv(0xA0, &tlv(0x04, CONTENT))]);
    let sd = seq(&[
        &int(&[1]),
        &tlv(0x31, &sha256_id()),
        &eci,
        &tlv(0xA0, &pool.concat()),
        &tlv(0x31, &signer_infos.concat()),
    ]);
    let cms = seq(&[&oid(ID_SIGNED_DATA), &tlv(0xA0, &sd)]);

    let verdict = SignedData::from_ber(&cms).unwrap().verify(
        &common::rsa_verifier(),
        &VerifyOptions::at(time("2026-11-23T00:00:00Z")),
    );
    assert_ne!(verdict.overall(), Overall::Valid);
    // Each token's search is charged to its meter before a certificate is hashed; the
    // digests are shared by the document and its tokens (each certificate hashed once per
    // algorithm: `cms::verify`'s unit test counts it), so a token examines at most its
    // budget's worth of certificates and says how many it examined.
    let mut tokens = 0usize;
    let mut worst_token = 0usize;
    for s in verdict.signers() {
        for t in s.timestamps() {
            tokens += 1;
            let c = t
                .check(CheckName::SignerCertificate)
                .expect("signer_certificate");
            // Before the fix every matching certificate was hashed: "(N certificates match
            // the identifier)" / "... of the N certificates matching ...". Now: "of the N
            // examined", the rest refused by the budget.
            let examined = if let Some(rest) = c.reason().split("of the ").nth(1) {
                rest.split(' ')
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(CERTS)
            } else {
                CERTS
            };
            assert!(
                c.reason().contains("work budget exhausted") && examined < CERTS,
                "token {tokens}: {:?}: {}",
                c.outcome(),
                c.reason()
            );
            assert_ne!(c.outcome(), qoltanba::Outcome::Passed);
            worst_token = worst_token.max(examined * SIZE);
        }
    }
    assert_eq!(tokens, qoltanba::tsp::limits::MAX_TOKENS_PER_DOCUMENT);
    eprintln!(
        "{tokens} tokens; the most certificate bytes one token examined for its ESS binding: {worst_token} (pool {pool_bytes})"
    );
    assert!(
        worst_token <= qoltanba::cms::limits::MAX_TOKEN_REHASHED_BYTES,
        "one token examined {worst_token} certificate bytes (budget {})",
        qoltanba::cms::limits::MAX_TOKEN_REHASHED_BYTES,
    );
}

// --- attacks that held ----------------------------------------------------------------------

/// `haystack` with every `needle` replaced by `with` (same length); how many.
fn replace_all(haystack: &mut [u8], needle: &[u8], with: &[u8]) -> usize {
    assert_eq!(needle.len(), with.len());
    let mut n = 0;
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            haystack[i..i + needle.len()].copy_from_slice(with);
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

/// HELD: a token whose messageImprint is over the whole SignerInfo (its DER) rather than
/// the signature value is a failed `timestamp` check: invalid under every policy, never
/// the time judged.
#[test]
fn held_token_over_the_signer_info_instead_of_the_signature_value() {
    let cms = signed_by_individual();
    let sd = SignedData::from_ber(&cms).unwrap();
    let si = &sd.signers()[0];
    let good = tsa_token(&tst_info(&sha256(si.signature()), "20261120100000Z", None));
    let wrong = tsa_token(&tst_info(&sha256(si.encoding()), "20261120100000Z", None));
    assert_eq!(good.len(), wrong.len());
    let mut der = sd.add_timestamp_token(0, &good).unwrap();
    assert_eq!(replace_all(&mut der, &good, &wrong), 1);
    let v = common::rsa_verifier();
    for policy in [
        TimePolicy::Given,
        TimePolicy::ClaimedSigningTime,
        TimePolicy::TimeStamp,
    ] {
        let s = judge(&der, &v, "2026-11-23T00:00:00Z", policy);
        assert_eq!(s.overall(), Overall::Invalid, "{policy:?}");
        assert_eq!(outcome(&s, CheckName::Timestamp), Some(Outcome::Failed));
        assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
    }
}

/// HELD: a "time-stamp token" the signer signed with its own key (a certificate of the
/// NCA, but without id-kp-timeStamping): the token fails `key_usage`, the signer is
/// invalid, the claimed genTime is never the time judged.
#[test]
fn held_token_signed_by_the_signer_itself() {
    let cms = signed_by_individual();
    let sd = SignedData::from_ber(&cms).unwrap();
    let me = cert("individual_sign.cer");
    let tst = tst_info(
        &sha256(sd.signers()[0].signature()),
        "20261120100000Z",
        None,
    );
    let token = signed_data_by(
        ID_CT_TST_INFO,
        &tst,
        standard_attrs(ID_CT_TST_INFO, &tst, &me),
        &key("individual_sign.key.pem"),
        &me,
        &[me.der().to_vec()],
    );
    let der = sd.add_timestamp_token(0, &token).unwrap();
    let v = common::rsa_verifier();
    for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
        let s = judge(&der, &v, "2026-11-23T00:00:00Z", policy);
        assert_eq!(s.overall(), Overall::Invalid, "{policy:?} {s:#?}");
        assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
        assert_eq!(
            s.timestamps()[0]
                .check(CheckName::KeyUsage)
                .map(|c| c.outcome()),
            Some(Outcome::Failed)
        );
    }
}

/// HELD: a signingTime attribute with two values (or two signingTime attributes) is
/// malformed: failed, and `--at-signing-time` does not pick either.
#[test]
fn held_signing_time_with_two_values() {
    let me = cert("individual_sign.cer");
    let t1 = forge::utc_time("261120095900Z");
    let t2 = forge::utc_time("250101000000Z");
    let signing_time = "1.2.840.113549.1.9.5";
    for extra in [
        vec![attr(signing_time, &[&t1, &t2])],
        vec![attr(signing_time, &[&t1]), attr(signing_time, &[&t2])],
    ] {
        let mut attrs = standard_attrs(ID_DATA, CONTENT, &me);
        attrs.extend(extra);
        let der = signed_data_by(
            ID_DATA,
            CONTENT,
            attrs,
            &key("individual_sign.key.pem"),
            &me,
            &[me.der().to_vec(), cert("nca_rsa.cer").der().to_vec()],
        );
        let s = judge(
            &der,
            &common::rsa_verifier(),
            "2026-11-23T00:00:00Z",
            TimePolicy::ClaimedSigningTime,
        );
        assert_eq!(outcome(&s, CheckName::Signature), Some(Outcome::Passed));
        assert_eq!(outcome(&s, CheckName::SigningTime), Some(Outcome::Failed));
        assert_eq!(s.overall(), Overall::Invalid);
        assert_eq!(s.time_basis(), TimeBasis::Given);
    }
}

/// HELD: a token whose TSA certificate does not chain (a copy of the TSA's certificate
/// signed by a key that is not its CA's, the TSA's real key inside) proves no time: under
/// `TimePolicy::TimeStamp` the signer is not valid, never judged at the genTime claimed
/// (after its own certificate expired).
#[test]
fn held_unproven_tsa_proves_no_time() {
    let v = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .build();
    // The TSA token's certificate replaced by a copy re-signed with a key that is not the
    // CA's: it parses, but does not chain.
    let tsa = cert("tsa/tsa.cer");
    let forged_ca = Ca {
        cert: Ca::nca_rsa().cert,
        key: key("forged_ca.key.pem"),
    };
    let forged_tsa = forged_ca.reissue(tsa.der(), |_| {});
    let forged_tsa = Certificate::from_der(&forged_tsa).unwrap();
    let sd = SignedData::from_ber(&signed_by_individual()).unwrap();
    let tst = tst_info(
        &sha256(sd.signers()[0].signature()),
        "20261120100000Z",
        None,
    );
    let token = signed_data_by(
        ID_CT_TST_INFO,
        &tst,
        standard_attrs(ID_CT_TST_INFO, &tst, &forged_tsa),
        &key("tsa/tsa.key.pem"),
        &forged_tsa,
        &[forged_tsa.der().to_vec()],
    );
    let der = sd.add_timestamp_token(0, &token).unwrap();
    let s = judge(&der, &v, "2027-02-01T00:00:00Z", TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{s:#?}");
    assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
    assert_ne!(s.timestamps()[0].overall(), Overall::Valid);
}
