//! Review 103 (hostile), tests only: how an RFC 3161 time-stamp proves the time of a CMS
//! signature (CAdES-T). Reviewed: `src/cms/timestamps.rs` (`judge`, `judge_tokens`: which
//! tokens count, how a failed or unproven token counts under each time policy, the
//! earliest proven time), `src/tsp/verify.rs` (`verify_sharing`, `tsa_signature`,
//! `imprint_check`, `statements_check`, `eku_check`), `src/tsp/mod.rs`
//! (`existed_by`), `src/cms/signer.rs` (the time chosen per policy),
//! `src/condition/expectation.rs` (`TimeSource::{TimeStamp, Claimed}`), the TSA client
//! `src/fetch/tsa.rs` (read, not attacked: nonce, imprint, policy and integrity are
//! checked) and the ncanode `TspInfo` (first valid token only).
//!
//! Material: the library's CMS signatures by the test PKI's `individual_sign` (RSA,
//! valid 2026), tokens of the test TSA `tsa/tsa.cer` built byte by byte
//! (`common::tokens`, genTime 2026-11-20T10:00:00Z, checked 2026-11-23), CRLs of the
//! issuing CA forged with its committed key; and the real Kalkan CAdES-T
//! `../shared/nca-test-pki/gost2015-2025/cades_t_2025.cms` (GOST 2015/512 signer, GOST
//! 34.310-2004 token of the NCA test TSA, SHA-1 ESSCertID, GOST 34.311-95 imprint), its TSA
//! made a trust anchor so that the token can prove its time.
//!
//! Not repeated (earlier reviews): the token's shape, accuracy and future genTime, genTime
//! forms, tokens over the content, over another signer's or a countersignature's value,
//! among the signed attributes, copied between co-signers (reviews 5, 26, 39, 47); a TSA
//! expired, not yet valid, with another extKeyUsage, revoked after genTime for each reason
//! (review 47); revocation rules at a time-stamped time (reviews 78, 84, 85).
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_tsa_compromised_after_gen_time_spoils_no_signer_judged_at_the_time_given` (was
//!    `defect_tsa_compromised_after_gen_time_refuses_an_honest_signer_judged_at_the_time_given`)
//!    (false refusal): a genuine NCA-TSA token over an honest signature, the TSA's certificate
//!    revoked the next day (keyCompromise, or without a reason, as NCA CRL entries often are).
//!    Judged at the time given (`TimePolicy::Given`, the default), the signer's own signature,
//!    certificate, path and revocation all pass, yet the verdict is INVALID: `judge_tokens`
//!    (src/cms/timestamps.rs) counts every token whose verdict is invalid as a failed `timestamp`
//!    check on the signer "whatever the time policy", and a TSA revoked for a compromise is
//!    "revoked at any claimed time". The token proves nothing any more (RFC 3161 §4: a compromised
//!    TSA key voids its tokens), but it does not prove the signature bad: under `Given` the token
//!    is only extra evidence, and the same module lets an unproven token (a TSA of no anchor, which
//!    anyone can mint) add nothing. So a forged token from an unknown TSA leaves the signer VALID
//!    while a genuine token of the NCA TSA, compromised later, makes it INVALID: every CAdES-T
//!    document that TSA ever stamped turns INVALID the day its key is revoked. ETSI EN 319 102-1
//!    treats a time-stamp that fails validation as no proof of existence (the signature is
//!    validated without it), not as a failure of the signature. Right answer: under `Given` such a
//!    token is reported in `timestamps()` and adds no failed check (VALID here); under `TimeStamp`
//!    the time is not proven (not VALID; held here). Suggested fix: in `judge_tokens`, fail the
//!    signer only for tokens that fail on what binds them to this signature (unreadable, imprint
//!    mismatch, the TSA's CMS signature or ESS binding), and treat a token failing only on its
//!    TSA's certificate condition (revocation, validity) as unproven.
//!
//! 2. (fixed) `a_token_proving_the_signature_predates_its_certificate_counts_at_the_time_given`
//!    (was
//!    `defect_a_token_proving_the_signature_predates_its_certificate_is_ignored_at_the_time_given`)
//!    (false VALID): `not_yet_valid` (valid 2027-01-01 .. 2028) signs, the genuine TSA stamps the
//!    signature at 2026-11-20. Judged at 2027-02-01 under `TimePolicy::Given` (the default) with a
//!    CRL current then, the verdict is VALID while its own passed `timestamp` check says the token
//!    "proves the signature existed by 2026-11-20", before the certificate's validity began (RFC
//!    5280 §4.1.2.5: the CA vouches for the binding of key and subject only within the validity;
//!    EN 319 102-1's X.509 validation refuses a signing time before notBefore). The same document
//!    is INVALID under `TimeStamp` and `ClaimedSigningTime` ("not yet valid"): a caller using the
//!    default accepts a signature the library has proof was made with a key not yet certified (a
//!    back-dated claim of priority by a key certified later). Right answer: not VALID whatever the
//!    policy, once a valid token proves a time before notBefore. At fault: `SignerVerdict` assembly
//!    in src/cms/signer.rs (the time chosen: `_ => (options.expectation.at, TimeBasis::Given)`, the
//!    proven time `stamps.proven` dropped); `judge_tokens` reports the token as passed evidence
//!    only. Suggested fix: when a valid token's `existed_by` is before the signer's notBefore, fail
//!    `validity` (the signature predates the certificate) under every policy.
//!
//! 3. (reversed by review 105, kept as the rule)
//!    `a_token_inside_a_hold_is_no_proof_of_a_signature_made_on_hold` (was
//!    `defect_a_token_proving_the_signature_was_made_on_hold_is_ignored_at_the_time_given`,
//!    claimed a false VALID): the signer on hold from 09:00 (CRL of 09:30), released since;
//!    the NCA TSA stamps the signature at 10:00. Under `TimeStamp` not VALID (review 26),
//!    under `Given` VALID. Claimed here: the token proves the signature was made while the
//!    certificate was suspended. It does not: a token proves the signature existed by its
//!    time (an upper bound), and the signature may predate the hold. The first fix (every
//!    check failed at the token's time failing the signer) refused honest signatures stamped
//!    late (review 105, findings 8 and 9); only finding 2's case (a signature proven made
//!    before the certificate's notBefore) is proof against the signature, and is kept.
//!
//! Held (`held_` tests): a token whose imprint covers the signed attributes, the whole
//! SignerInfo or the signature's OCTET STRING TLV instead of the signature value is a
//! failed `timestamp` and proves no time; a Streebog-256 imprint over an RSA signer's
//! value and ESSCertIDv2 with a Streebog-256 or -512 certHash are honest and prove the
//! time, while a Streebog-512 label over a 32-octet digest, an ESSCertIDv2 naming the
//! signer's certificate instead of the TSA's, or one whose Streebog-512 label carries a
//! Streebog-256 hash bind nothing; of two valid tokens the earliest proves the time (a
//! signer superseded between them is VALID at the earlier, INVALID with the later only);
//! a signer revoked after the stamped time (keyCompromise without invalidityDate,
//! superseded, no reason) is VALID at the stamp and INVALID at the time given (honest
//! input not refused); a TSA superseded before genTime proves no time; the real Kalkan
//! CAdES-T is VALID at its token's genTime 2025-02-24T19:23:14Z once its TSA is trusted,
//! its signature value altered after stamping is INVALID with the token's imprint failed,
//! and its token moved onto another signature is a failed `timestamp`.
mod common;

use common::forge::{self, attr, int, oid, seq, sha256, tlv, Ca, CrlSpec};
use common::time;
use common::tokens::*;
use qoltanba::cms::{SignRequest, SignedData, SignerVerdict, TimeBasis, TimePolicy};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall, Verifier};

const CHECKED: &str = "2026-11-23T00:00:00Z";
const GEN: &str = "20261120100000Z";
const KEY_COMPROMISE: u8 = 1;
const SUPERSEDED: u8 = 4;
const HOLD: u8 = 6;
const CONTENT: &[u8] = b"review103: the document signed";

fn signed_by(name: &str, claimed: &str) -> Vec<u8> {
    let c = cert(&format!("{name}.cer"));
    let chain = [cert("nca_rsa.cer")];
    qoltanba::cms::sign(
        CONTENT,
        &SignRequest::new(&c, time(claimed)).with_chain(&chain),
        &key(&format!("{name}.key.pem")),
    )
    .unwrap()
}

fn with_token(cms: &[u8], i: usize, token: &[u8]) -> Vec<u8> {
    SignedData::from_ber(cms)
        .unwrap()
        .add_timestamp_token(i, token)
        .unwrap()
}

fn splice(cms: &[u8], i: usize, tokens: &[&[u8]]) -> Vec<u8> {
    const ATTR_TIME_STAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
    let unsigned = tlv(0xA1, &attr(ATTR_TIME_STAMP_TOKEN, tokens));
    let content = forge::children(cms)[1];
    let sd = forge::children(content)[0];
    let fields = forge::children(sd);
    let infos = fields.last().unwrap();
    let mut sis: Vec<Vec<u8>> = forge::children(infos).iter().map(|s| s.to_vec()).collect();
    let mut parts: Vec<Vec<u8>> = forge::children(&sis[i])
        .iter()
        .filter(|p| p[0] != 0xA1)
        .map(|p| p.to_vec())
        .collect();
    parts.push(unsigned);
    sis[i] = tlv(0x30, &parts.concat());
    let mut new_fields: Vec<Vec<u8>> = fields.iter().map(|f| f.to_vec()).collect();
    *new_fields.last_mut().unwrap() = tlv(0x31, &sis.concat());
    let sd = tlv(0x30, &new_fields.concat());
    seq(&[forge::children(cms)[0], &tlv(0xA0, &sd)])
}

fn stamped(cms: &[u8], gen: &str) -> Vec<u8> {
    let sd = SignedData::from_ber(cms).unwrap();
    let token = tsa_token(&tst_info(&sha256(sd.signers()[0].signature()), gen, None));
    with_token(cms, 0, &token)
}

fn crl(number: u8, this: &str, next: &str, entries: Vec<Vec<u8>>) -> Vec<u8> {
    Ca::nca_rsa().crl(&CrlSpec::complete(number, this, next).entries(entries))
}

fn current_crl(entries: Vec<Vec<u8>>) -> Vec<u8> {
    crl(101, "261122000000Z", "270501000000Z", entries)
}

fn entry(c: &Certificate, revoked: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    forge::crl_entry(c.serial(), revoked, exts)
}

fn verifier(crls: &[Vec<u8>]) -> Verifier {
    common::rsa_verifier_with_crls(crls, |b| b)
}

/// The verdict of a signer, in lines (for assertion messages).
fn show(s: &SignerVerdict) -> String {
    let mut out = format!("{:?} ({:?} at {})", s.overall(), s.time_basis(), s.at());
    for c in s.checks() {
        out += &format!("\n  {:?} {:?}: {}", c.name(), c.outcome(), c.reason());
    }
    out
}

fn real_kit() -> Option<std::path::PathBuf> {
    common::shared("nca-test-pki")
}

/// The real sample's token, and its TSA's certificate (carried in the token).
fn real_token(cms: &[u8]) -> (Vec<u8>, Certificate) {
    let sd = SignedData::from_ber(cms).unwrap();
    let a = sd.signers()[0]
        .unsigned_attributes()
        .iter()
        .find(|a| a.oid == "1.2.840.113549.1.9.16.2.14")
        .unwrap();
    let t = qoltanba::tsp::TimeStampToken::from_ber(&a.values[0]).unwrap();
    let c = t.signed_data().certificates()[0].clone();
    (a.values[0].clone(), c)
}

fn real_verifier(dir: &std::path::Path, tsa: Option<&Certificate>) -> Verifier {
    let kit = dir.join("gost2015-2025");
    let mut b = Verifier::builder()
        .trust_path(dir.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(kit.join("nca_gost2022_test_crl14.crl"))
        .unwrap()
        .crl_path(kit.join("nca_gost2022_test_delta10.crl"))
        .unwrap();
    if let Some(t) = tsa {
        b = b.trust(t.clone()).unwrap();
    }
    b.build()
}

/// A TSTInfo whose imprint is `digest` under the hash `hash_oid` (parameters absent).
fn tst_info_with(hash_oid: &str, digest: &[u8], gen: &str) -> Vec<u8> {
    let imprint = seq(&[&seq(&[&oid(hash_oid)]), &tlv(0x04, digest)]);
    seq(&[
        &int(&[1]),
        &oid(TSA_POLICY),
        &imprint,
        &int(&[0x01, 0x23, 0x46]),
        &forge::gen_time(gen),
    ])
}

/// A signer judged under `policy` at [`CHECKED`] by a verifier holding `crl`.
fn judged(der: &[u8], crl: &[u8], policy: TimePolicy) -> SignerVerdict {
    judge(der, &verifier(&[crl.to_vec()]), CHECKED, policy)
}

// --- finding 1 -------------------------------------------------------------------------

/// DEFECT (false refusal). An honest signature, stamped by the genuine TSA at 10:00; the
/// TSA's certificate is revoked the next day (keyCompromise, or with no reason). At the
/// time given the signer is sound, and the worthless token must not make it INVALID (an
/// unproven token from an unknown TSA adds nothing either). At the time-stamp the time is
/// not proven.
///
/// Found by review 103 (was a defect). Fixed: a token failing only on its TSA certificate's
/// validity or revocation proves no time and adds no failed check (`fails_only_on_tsa_standing`,
/// src/cms/timestamps.rs).
#[test]
fn a_tsa_compromised_after_gen_time_spoils_no_signer_judged_at_the_time_given() {
    let tsa = cert("tsa/tsa.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    // The same document with no revocation of the TSA: VALID both ways.
    let clean = current_crl(vec![]);
    for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
        let s = judged(&der, &clean, policy);
        assert_eq!(s.overall(), Overall::Valid, "{policy:?} {}", show(&s));
    }
    let reasons: [&[Vec<u8>]; 2] = [&[forge::reason(KEY_COMPROMISE)], &[]];
    for exts in reasons {
        let crl = current_crl(vec![entry(&tsa, "261121000000Z", exts)]);
        // Held: the token proves no time.
        let s = judged(&der, &crl, TimePolicy::TimeStamp);
        assert_ne!(s.overall(), Overall::Valid, "{}", show(&s));
        assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
        assert_ne!(s.timestamps()[0].overall(), Overall::Valid);
        // The defect: judged at the time given, the signer's own checks all pass.
        let s = judged(&der, &crl, TimePolicy::Given);
        for name in [
            CheckName::Signature,
            CheckName::Revocation,
            CheckName::Chain,
        ] {
            assert_eq!(outcome(&s, name), Some(Outcome::Passed), "{}", show(&s));
        }
        assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
    }
}

// --- finding 2 -------------------------------------------------------------------------

/// DEFECT (false VALID). `not_yet_valid` (valid 2027) signs; the genuine TSA stamps the
/// signature at 2026-11-20, before the certificate existed. Judged at 2027-02-01 (the time
/// given, a CRL current then) the library verifies the token ("proves the signature
/// existed by 2026-11-20") and still answers VALID: it holds proof that the signature was
/// made before the certificate's validity began. At the time-stamp and at the claim it is
/// INVALID (not yet valid), as it must be at the time given too.
///
/// Found by review 103 (was a defect). Fixed: under every policy, a signature a valid token
/// proves made before its certificate's notBefore fails `validity`
/// (`timestamps::predates_certificate`, from src/cms/signer.rs and
/// src/xmldsig/judge/mod.rs; first every check failed at the token's time, narrowed by
/// review 105).
#[test]
fn a_token_proving_the_signature_predates_its_certificate_counts_at_the_time_given() {
    let cms = signed_by("not_yet_valid", "2026-11-20T09:59:00Z");
    let der = stamped(&cms, GEN);
    let v = verifier(&[crl(102, "270131000000Z", "270301000000Z", vec![])]);
    let at = "2027-02-01T00:00:00Z";
    // Unstamped, nothing is known of its time: VALID at the time given (right).
    let s = judge(&cms, &v, at, TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
    // Held: judged at the proven time or at the claim, not yet valid.
    for policy in [TimePolicy::TimeStamp, TimePolicy::ClaimedSigningTime] {
        let s = judge(&der, &v, at, policy);
        assert_eq!(s.overall(), Overall::Invalid, "{policy:?} {}", show(&s));
        assert_eq!(outcome(&s, CheckName::Validity), Some(Outcome::Failed));
    }
    // The defect: the token is verified (a passed `timestamp`), its time ignored.
    let s = judge(&der, &v, at, TimePolicy::Given);
    assert_eq!(outcome(&s, CheckName::Timestamp), Some(Outcome::Passed));
    assert!(s.timestamps()[0].existed_by() < cert("not_yet_valid.cer").not_before());
    assert_ne!(s.overall(), Overall::Valid, "{}", show(&s));
}

/// Finding 3, reversed by review 105 (kept as the rule). The signer on hold from 09:00 (a
/// CRL of 09:30 lists it), released since (the current CRL omits it); the NCA TSA stamps
/// its signature at 10:00, inside the hold. At the time-stamp: not VALID (held by review
/// 26). At the time given: VALID. The token proves the signature existed by 10:00, not
/// that it was made during the hold (it may predate 09:00): a token bounds the time of
/// the signature from above only, and the certificate holds at the time given. Review
/// 103 took it for a defect; its fix (every check failed at the token's time failing the
/// signer) refused honest signatures stamped late (review 105), and was narrowed to a
/// signature proven made before its certificate's notBefore.
#[test]
fn a_token_inside_a_hold_is_no_proof_of_a_signature_made_on_hold() {
    let me = cert("individual_sign.cer");
    let cms = signed_by("individual_sign", "2026-11-20T09:59:00Z");
    let der = stamped(&cms, GEN);
    let held = crl(
        100,
        "261120093000Z",
        "261127000000Z",
        vec![entry(&me, "261120090000Z", &[forge::reason(HOLD)])],
    );
    let v = verifier(&[held, current_crl(vec![])]);
    // Unstamped: nothing is known of its time, VALID at the time given (right).
    let s = judge(&cms, &v, CHECKED, TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
    // Held: at the proven time, not valid.
    let s = judge(&der, &v, CHECKED, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{}", show(&s));
    // At the time given: the token proves no signature on hold.
    let s = judge(&der, &v, CHECKED, TimePolicy::Given);
    assert_eq!(outcome(&s, CheckName::Timestamp), Some(Outcome::Passed));
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
}

// --- held --------------------------------------------------------------------------------

/// HELD. Tokens whose imprint covers what the signer signed or wraps the signature value
/// (the signed attributes, the whole SignerInfo, the signature's OCTET STRING TLV): RFC
/// 3161 / RFC 5126 §6.1.1 stamp the signature value's octets only.
#[test]
fn held_token_over_signed_attributes_signer_info_or_signature_tlv_proves_nothing() {
    let cms = signed_by("individual_sign", "2026-11-20T09:59:00Z");
    let sd = SignedData::from_ber(&cms).unwrap();
    let si = &sd.signers()[0];
    let crl = current_crl(vec![]);
    let attrs = si.signed_attributes().unwrap().signed_bytes().to_vec();
    for (what, data) in [
        ("signed attributes", attrs),
        ("SignerInfo", si.encoding().to_vec()),
        ("signature TLV", tlv(0x04, si.signature())),
    ] {
        let t = tsa_token(&tst_info(&sha256(&data), GEN, None));
        for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
            let s = judged(&splice(&cms, 0, &[&t]), &crl, policy);
            assert_eq!(
                s.overall(),
                Overall::Invalid,
                "{what} {policy:?} {}",
                show(&s)
            );
            assert_eq!(outcome(&s, CheckName::Timestamp), Some(Outcome::Failed));
            assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
        }
    }
}

/// HELD. GOST hashes where an RSA signer's token may use them: a Streebog-256 imprint over
/// the signature value, ESSCertIDv2 certHash in Streebog-256 and -512 (honest, the time
/// proven); a Streebog-512 label over a 32-octet digest, an ESSCertIDv2 of the signer's
/// certificate, a Streebog-512 ESS label over a Streebog-256 hash (no time proven).
#[test]
fn held_gost_imprints_and_ess_hashes() {
    let cms = signed_by("individual_sign", "2026-11-20T09:59:00Z");
    let sd = SignedData::from_ber(&cms).unwrap();
    let value = sd.signers()[0].signature().to_vec();
    let crl = current_crl(vec![]);
    let g256 = qoltanba::HashAlgorithm::Gost(qoltanba::GostHash::Streebog256);
    let g512 = qoltanba::HashAlgorithm::Gost(qoltanba::GostHash::Streebog512);
    let digest = |h, d: &[u8]| qoltanba::hazmat::digest(h, d).unwrap();
    const S256: &str = "1.2.643.7.1.1.2.2";
    const S512: &str = "1.2.643.7.1.1.2.3";

    let honest = tsa_token(&tst_info_with(S256, &digest(g256, &value), GEN));
    let s = judged(&splice(&cms, 0, &[&honest]), &crl, TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    assert_eq!(s.at(), time("2026-11-20T10:00:00Z"));
    let relabelled = tsa_token(&tst_info_with(S512, &digest(g256, &value), GEN));
    let s = judged(
        &splice(&cms, 0, &[&relabelled]),
        &crl,
        TimePolicy::TimeStamp,
    );
    assert_eq!(s.overall(), Overall::Invalid, "{}", show(&s));

    let tsa = cert("tsa/tsa.cer");
    let me = cert("individual_sign.cer");
    let tst = tst_info(&sha256(&value), GEN, None);
    let token_with_ess = |label: &str, hashed: Vec<u8>| {
        let ess = seq(&[&seq(&[&seq(&[&seq(&[&oid(label)]), &tlv(0x04, &hashed)])])]);
        let attrs = vec![
            attr(ATTR_CONTENT_TYPE, &[&oid(ID_CT_TST_INFO)]),
            attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(&tst))]),
            attr(ATTR_SIGNING_CERTIFICATE_V2, &[&ess]),
        ];
        let certs = [tsa.der().to_vec(), me.der().to_vec()];
        let tsa_key = key("tsa/tsa.key.pem");
        signed_data_by(ID_CT_TST_INFO, &tst, attrs, &tsa_key, &tsa, &certs)
    };
    for (label, hashed, proves) in [
        (S256, digest(g256, tsa.der()), true),
        (S512, digest(g512, tsa.der()), true),
        (S512, digest(g256, tsa.der()), false),
        (S256, digest(g256, me.der()), false),
    ] {
        let t = token_with_ess(label, hashed);
        let s = judged(&splice(&cms, 0, &[&t]), &crl, TimePolicy::TimeStamp);
        assert_eq!(
            s.time_basis() == TimeBasis::TimeStamp,
            proves,
            "{label} {}",
            show(&s)
        );
        assert_eq!(
            s.overall() == Overall::Valid,
            proves,
            "{label} {}",
            show(&s)
        );
    }
}

/// HELD. Two valid tokens of the same TSA, 09:00 and 10:00; the signer superseded at
/// 09:30. The signature existed by 09:00: VALID at 09:00. With the 10:00 token alone:
/// INVALID (superseded by then).
#[test]
fn held_the_earliest_of_two_valid_tokens_proves_the_time() {
    let me = cert("individual_sign.cer");
    let cms = signed_by("individual_sign", "2026-11-20T08:59:00Z");
    let value = SignedData::from_ber(&cms).unwrap().signers()[0]
        .signature()
        .to_vec();
    let early = tsa_token(&tst_info(&sha256(&value), "20261120090000Z", None));
    let late = tsa_token(&tst_info(&sha256(&value), GEN, None));
    let crl = current_crl(vec![entry(
        &me,
        "261120093000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    for tokens in [[&late[..], &early[..]], [&early[..], &late[..]]] {
        let s = judged(&splice(&cms, 0, &tokens), &crl, TimePolicy::TimeStamp);
        assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
        assert_eq!(s.at(), time("2026-11-20T09:00:00Z"));
    }
    let s = judged(&splice(&cms, 0, &[&late]), &crl, TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Invalid, "{}", show(&s));
    assert_eq!(outcome(&s, CheckName::Revocation), Some(Outcome::Failed));
}

/// HELD (honest input not refused). The signer's certificate revoked the day after the
/// stamp (keyCompromise without invalidityDate, superseded, no reason): VALID at the
/// stamped time (RFC 5280 §5.3.2: the key is known bad from the revocation, or from an
/// invalidityDate when one is stated); INVALID at the time given.
#[test]
fn held_signer_revoked_after_the_stamp_is_valid_at_the_stamp() {
    let me = cert("individual_sign.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    let reasons: [&[Vec<u8>]; 3] = [
        &[forge::reason(KEY_COMPROMISE)],
        &[forge::reason(SUPERSEDED)],
        &[],
    ];
    for exts in reasons {
        let crl = current_crl(vec![entry(&me, "261121000000Z", exts)]);
        let s = judged(&der, &crl, TimePolicy::TimeStamp);
        assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
        assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
        let s = judged(&der, &crl, TimePolicy::Given);
        assert_eq!(s.overall(), Overall::Invalid, "{}", show(&s));
    }
}

/// HELD. The TSA's certificate superseded the day before genTime: it was no longer the
/// TSA's when the token was signed; the token proves no time.
#[test]
fn held_tsa_superseded_before_gen_time_proves_no_time() {
    let tsa = cert("tsa/tsa.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    let crl = current_crl(vec![entry(
        &tsa,
        "261119000000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    let s = judged(&der, &crl, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{}", show(&s));
    assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
    assert_ne!(s.timestamps()[0].overall(), Overall::Valid);
}

/// HELD. The real Kalkan CAdES-T (GOST 2015 signer, GOST 2004 NCA test TSA), its TSA's
/// certificate made a trust anchor: VALID at genTime under `TimeStamp` (honest input not
/// refused); its signature value altered after stamping: INVALID, the token's imprint
/// failed; its token moved onto another signature: a failed `timestamp`.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material): absent"
)]
fn held_real_cades_t_proves_its_time_and_only_for_its_signature() {
    let Some(dir) = real_kit() else {
        return;
    };
    let cms = std::fs::read(dir.join("gost2015-2025/cades_t_2025.cms")).unwrap();
    let (token, tsa) = real_token(&cms);
    let v = real_verifier(&dir, Some(&tsa));
    let at = "2025-05-01T00:00:00Z";
    let s = judge(&cms, &v, at, TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{}", show(&s));
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    assert_eq!(s.at(), time("2025-02-24T19:23:14Z"));

    // One octet of the signature value changed after the stamp.
    let value = SignedData::from_ber(&cms).unwrap().signers()[0]
        .signature()
        .to_vec();
    let mut altered = cms.clone();
    let pos = altered
        .windows(value.len())
        .position(|w| w == value.as_slice())
        .unwrap();
    altered[pos + value.len() / 2] ^= 0x01;
    for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
        let s = judge(&altered, &v, at, policy);
        assert_eq!(s.overall(), Overall::Invalid, "{}", show(&s));
        assert_eq!(outcome(&s, CheckName::Timestamp), Some(Outcome::Failed));
        assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
        let t = &s.timestamps()[0];
        let content = t.checks().iter().find(|c| c.name() == CheckName::Content);
        assert_eq!(content.map(|c| c.outcome()), Some(Outcome::Failed));
    }

    // The genuine token on another signature (the test PKI's, its TSA trusted too).
    let other = signed_by("individual_sign", "2025-02-24T19:23:00Z");
    let v =
        common::rsa_verifier_with_crls(&[current_crl(vec![])], |b| b.trust(tsa.clone()).unwrap());
    let s = judge(
        &splice(&other, 0, &[&token]),
        &v,
        CHECKED,
        TimePolicy::TimeStamp,
    );
    assert_eq!(s.overall(), Overall::Invalid, "{}", show(&s));
    assert_eq!(outcome(&s, CheckName::Timestamp), Some(Outcome::Failed));
    assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
}
