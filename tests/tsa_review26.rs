//! review26: hostile tests of time-stamps and of the time a signature is judged at.
//!
//! An attacker holding a revoked, on-hold, expired or not-yet-valid signing certificate
//! (or a forged signature) wants a "valid" by way of time: CAdES-T signature time-stamps
//! (RFC 3161 tokens in the unsigned attribute id-aa-signatureTimeStampToken), XAdES-T
//! `xades:SignatureTimeStamp`s, PDF document time-stamps, the claimed signing time
//! (CMS signingTime, XAdES SigningTime) and the time policies that judge at them.
//! `tests/cms_review.rs` (review5) already covered the token's accuracy, tokens from the
//! future, the ESS digest pool, a token over the SignerInfo, a token signed by the signer
//! and an unchained TSA; this file does not repeat them.
//!
//! Every input is built here: the signer is the test PKI's `individual_sign` (its key is
//! committed), the TSA `tsa/tsa.cer` (key committed), CRLs are made by the test CA
//! (`common::forge`). The time checked is 2026-11-23; tokens say 2026-11-20T10:00:00Z.
//!
//! Tests named `defect_*` assert the safe answer and FAIL today; tests named `held_*` are
//! attacks the library withstood, kept as regression tests.

mod common;

use common::forge::{self, attr, int, oid, seq, sha256, tlv, Ca, CrlSpec};
use common::time;
use common::tokens::*;
use qoltanba::cms::{SignRequest, SignedData, TimeBasis, TimePolicy, VerifyOptions};
use qoltanba::xmldsig::{self, XmlOptions, XmlSignOptions};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verifier};

// --- DER and CMS helpers -------------------------------------------------------------------

const EKU_TIME_STAMPING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08];
const OID_EKU: &[u8] = &[0x55, 0x1d, 0x25];

const CHECKED: &str = "2026-11-23T00:00:00Z";
const GEN: &str = "20261120100000Z";
const KEY_COMPROMISE: u8 = 1;
const SUPERSEDED: u8 = 4;
const HOLD: u8 = 6;

const CONTENT: &[u8] = b"review26: the document signed";

/// The library's own CMS signature by `name` (signingTime `claimed`).
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

/// `cms` with `token` added to signer `i`.
fn with_token(cms: &[u8], i: usize, token: &[u8]) -> Vec<u8> {
    SignedData::from_ber(cms)
        .unwrap()
        .add_timestamp_token(i, token)
        .unwrap()
}

/// `cms` with `token` as the (only) timeStampToken of signer `i`, spliced in without any
/// check (`SignedData::add_timestamp_token` refuses tokens it cannot read or whose imprint
/// does not match: the verifier must refuse them too).
fn splice(cms: &[u8], i: usize, token: &[u8]) -> Vec<u8> {
    const ATTR_TIME_STAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
    let unsigned = tlv(0xA1, &attr(ATTR_TIME_STAMP_TOKEN, &[token]));
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

/// `cms` with a test-TSA token over signer 0's signature value, genTime `gen`.
fn stamped(cms: &[u8], gen: &str) -> Vec<u8> {
    let sd = SignedData::from_ber(cms).unwrap();
    let token = tsa_token(&tst_info(&sha256(sd.signers()[0].signature()), gen, None));
    with_token(cms, 0, &token)
}

/// A CRL of the issuing CA (thisUpdate `this`, nextUpdate `next`, UTCTime) with `entries`.
fn crl(number: u8, this: &str, next: &str, entries: Vec<Vec<u8>>) -> Vec<u8> {
    Ca::nca_rsa().crl(&CrlSpec::complete(number, this, next).entries(entries))
}

/// A CRL fresh at the time checked, with `entries`.
fn current_crl(entries: Vec<Vec<u8>>) -> Vec<u8> {
    crl(101, "261122000000Z", "270501000000Z", entries)
}

fn entry(c: &Certificate, revoked: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    forge::crl_entry(c.serial(), revoked, exts)
}

fn verifier(crls: &[Vec<u8>]) -> Verifier {
    common::rsa_verifier_with_crls(crls, |b| b)
}

// --- the signer's revocation at the time-stamp's time ---------------------------------------

/// HELD. Attack: the signer's key was stolen; the thief signs at 10:00 and has the NCA
/// TSA stamp it at once. The owner reports the compromise at 12:00, and the CA lists the
/// key revoked (keyCompromise) at 12:00 with invalidityDate 09:00, when the key is known
/// to have been compromised. Judged at the time-stamp (10:00), the revocation date alone
/// would say "not yet revoked". Correct answer: revoked: RFC 5280 §5.3.2 (invalidityDate
/// is when the key became invalid) and ETSI EN 319 102-1 (a proof of existence before a
/// revocation helps only before the key was compromised).
#[test]
fn held_key_compromise_with_invalidity_date_before_gen_time_revokes_at_the_time_stamp() {
    let me = cert("individual_sign.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    // Control: revoked at 12:00 for a compromise with no invalidityDate: the time-stamp
    // proves the signature existed at 10:00, before it.
    let control = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[forge::reason(KEY_COMPROMISE)],
    )]);
    let s = judge(&der, &verifier(&[control]), CHECKED, TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);

    let compromised = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261120090000Z"),
        ],
    )]);
    // Beside an older CRL, fresh at genTime, that does not list it yet.
    let old = crl(100, "261120000000Z", "261127000000Z", vec![]);
    for crls in [vec![compromised.clone()], vec![old, compromised]] {
        let s = judge(&der, &verifier(&crls), CHECKED, TimePolicy::TimeStamp);
        assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");
        assert_eq!(outcome(&s, CheckName::Revocation), Some(Outcome::Failed));
    }
}

/// HELD. Attack: a signer on hold since 09:00 (still listed on the current CRL) has a
/// signature time-stamped at 10:00, inside the hold. Correct answer: not valid: a hold in
/// force at the time judged is a revocation then (RFC 5280 §5.3.1 certificateHold).
#[test]
fn held_signer_on_hold_at_gen_time() {
    let me = cert("individual_sign.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    let hold = current_crl(vec![entry(&me, "261120090000Z", &[forge::reason(HOLD)])]);
    let s = judge(&der, &verifier(&[hold]), CHECKED, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{s:#?}");
}

/// Attack: the signer's key was stolen and the thief had a signature time-stamped at
/// 10:00; the compromise is found out later (revoked with invalidityDate 09:00). The
/// verifier holds only a CRL issued at 09:00, before genTime, fresh then and stale when
/// the signature is checked (nextUpdate 2026-11-21). A CRL issued before genTime cannot
/// list a compromise reported after it: it proves nothing about the key at genTime
/// (RFC 5280 §5.3.2 invalidityDate may precede the revocation; ETSI EN 319 102-1 §5.6.2
/// past validation and the CAdES grace period, ETSI EN 319 122-1 / RFC 5126 §6.2.1: the
/// revocation data for a time-stamped time is to be issued after that time plus a grace
/// period). Judged at the time given the same CRL is not current: unknown. Correct answer
/// at the time-stamp: not valid (revocation unknown), as under the time given; the
/// library asks revocation data current at the caller's time of a TSA, and of a claimed
/// time, but not of a time-stamped one.
///
/// Today: valid, revocation "not revoked (CRL #100 ... thisUpdate 09:00)": rule 4 of
/// `revocation::status::rules` (`judge_with`) takes a view fresh at T as proof, whenever
/// issued, and `cms::signer` judges a time-stamped time as `TimeSource::TimeStamp`, which
/// asks nothing of the time checked.
#[test]
fn defect_time_stamped_signer_proven_good_by_a_crl_issued_before_gen_time() {
    // The TSA: the test TSA's certificate (and key) issued by the root, whose CRL (in
    // every verifier of `common`) is current when checked: the token is proven.
    let der = stamped_by_root_tsa();
    // The signer's CA: only a CRL issued at 09:00, before genTime, stale when checked.
    let old = crl(100, "261120090000Z", "261121000000Z", vec![]);
    let v = verifier(&[old]);
    let given = judge(&der, &v, CHECKED, TimePolicy::Given);
    assert_ne!(given.overall(), Overall::Valid, "{given:#?}");
    assert_eq!(
        given.timestamps()[0].overall(),
        Overall::Valid,
        "{given:#?}"
    );
    let s = judge(&der, &v, CHECKED, TimePolicy::TimeStamp);
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    assert_ne!(
        s.overall(),
        Overall::Valid,
        "a CRL issued before genTime proved the time-stamped signer good: {:?}",
        s.check(CheckName::Revocation)
    );

    // Control: the CRL that came out after the compromise was reported (invalidityDate
    // 09:00, before genTime) makes it revoked, when the verifier has it.
    let me = cert("individual_sign.cer");
    let compromised = current_crl(vec![entry(
        &me,
        "261121120000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261120090000Z"),
        ],
    )]);
    let old = crl(100, "261120090000Z", "261121000000Z", vec![]);
    let s = judge(
        &der,
        &verifier(&[old, compromised]),
        CHECKED,
        TimePolicy::TimeStamp,
    );
    assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");
}

/// The rule that closes the defect above must not refuse what proves the time-stamped time:
/// a CRL issued before genTime that is still current when the signature is checked (the
/// newest word there is), and a CRL issued after genTime that does not list the signer,
/// each prove it not revoked then: valid.
#[test]
fn time_stamped_signer_proven_good_by_current_or_later_evidence() {
    let der = stamped_by_root_tsa();
    // Issued at 09:00, before genTime, current until after the time checked.
    let current = crl(100, "261120090000Z", "261201000000Z", vec![]);
    let s = judge(&der, &verifier(&[current]), CHECKED, TimePolicy::TimeStamp);
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    // Issued after genTime (stale when checked: a later CRL proves the past time).
    let later = crl(101, "261121000000Z", "261122000000Z", vec![]);
    let s = judge(&der, &verifier(&[later]), CHECKED, TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
}

/// Attack: as [`defect_time_stamped_signer_proven_good_by_a_crl_issued_before_gen_time`],
/// the evidence about the signer an OCSP "good" produced at 09:00 (thisUpdate 09:00,
/// nextUpdate the next day), before genTime, and nothing newer. Correct answer: not
/// valid (revocation unknown): a response produced before genTime cannot speak of a
/// compromise reported after it with an invalidityDate before genTime (RFC 5280 §5.3.2,
/// RFC 6960 §4.4.2 invalidityDate in a SingleResponse; ETSI EN 319 102-1 past
/// validation).
///
/// Today: valid, "not revoked (OCSP response ... produced 2026-11-20T09:00:00: good)".
#[test]
fn defect_time_stamped_signer_proven_good_by_an_ocsp_response_produced_before_gen_time() {
    let der = stamped_by_root_tsa();
    let ocsp_good = common::evidence::ocsp(
        &common::evidence::good(),
        "20261120090000Z",
        Some("20261121000000Z"),
    );
    let v = common::evidence::verifier(&[], &[ocsp_good]);
    let given = judge(&der, &v, CHECKED, TimePolicy::Given);
    assert_ne!(given.overall(), Overall::Valid, "{given:#?}");
    let s = judge(&der, &v, CHECKED, TimePolicy::TimeStamp);
    assert_ne!(
        s.overall(),
        Overall::Valid,
        "an OCSP response produced before genTime proved the time-stamped signer good: {:?}",
        s.check(CheckName::Revocation)
    );
}

/// The library's signature by `individual_sign` with a token (genTime 10:00) of the test
/// TSA's key certified by the root ([`root_tsa`]), which the root's current CRL proves.
fn stamped_by_root_tsa() -> Vec<u8> {
    let tsa = root_tsa();
    let sd = SignedData::from_ber(&signed_by("individual_sign", "2026-11-20T09:59:00Z")).unwrap();
    let tst = tst_info(&sha256(sd.signers()[0].signature()), GEN, None);
    sd.add_timestamp_token(0, &token_by(&tst, &tsa, &key("tsa/tsa.key.pem")))
        .unwrap()
}

/// The test TSA's certificate (same key, same critical id-kp-timeStamping) issued by the
/// root instead of the issuing CA (its authorityKeyIdentifier dropped).
fn root_tsa() -> Certificate {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let der = root.reissue(cert("tsa/tsa.cer").der(), |t| {
        let inner = forge::children(&t.extensions)[0].to_vec();
        let exts: Vec<Vec<u8>> = forge::children(&inner)
            .into_iter()
            .filter(|e| forge::children(e)[0] != tlv(0x06, forge::OID_AKI).as_slice())
            .map(|e| e.to_vec())
            .collect();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    Certificate::from_der(&der).unwrap()
}

// --- the TSA's certificate --------------------------------------------------------------------

/// HELD. Attack: the TSA's key is compromised; the CA revokes the TSA certificate
/// (keyCompromise) the day after the genTime the attacker wrote. Correct answer: the
/// token proves nothing (RFC 3161 §4 "TSA shall... ": a TSA key compromise makes every
/// token it signed untrustworthy, whatever genTime says, genTime being written with the
/// compromised key): the signer is invalid, and never judged at the token's time.
#[test]
fn held_tsa_revoked_for_key_compromise_after_gen_time() {
    let tsa = cert("tsa/tsa.cer");
    let me = cert("individual_sign.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    // The signer itself was superseded at 12:00: only the token's time could save it.
    let crl = current_crl(vec![
        entry(&tsa, "261121000000Z", &[forge::reason(KEY_COMPROMISE)]),
        entry(&me, "261120120000Z", &[forge::reason(SUPERSEDED)]),
    ]);
    for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
        let s = judge(&der, &verifier(std::slice::from_ref(&crl)), CHECKED, policy);
        assert_eq!(s.overall(), Overall::Invalid, "{policy:?} {s:#?}");
        assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
        assert_ne!(s.timestamps()[0].overall(), Overall::Valid);
    }
}

/// HELD. Attack: the TSA certificate was superseded after genTime, but its
/// invalidityDate (RFC 5280 §5.3.2) lies before genTime: the TSA key was no longer to be
/// relied on when the token was signed. Correct answer: the token is not valid.
#[test]
fn held_tsa_revoked_with_invalidity_date_before_gen_time() {
    let tsa = cert("tsa/tsa.cer");
    let me = cert("individual_sign.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    let crl = current_crl(vec![
        entry(
            &tsa,
            "261121000000Z",
            &[
                forge::reason(SUPERSEDED),
                forge::invalidity_date("20261120090000Z"),
            ],
        ),
        entry(&me, "261120120000Z", &[forge::reason(SUPERSEDED)]),
    ]);
    let s = judge(&der, &verifier(&[crl]), CHECKED, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{s:#?}");
    assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
}

/// HELD. Attack: a "TSA" certificate (critical id-kp-timeStamping, the TSA's own key)
/// issued by an end entity, the signer `individual_sign`, whose key the attacker holds.
/// Correct answer: no path (RFC 5280 §6.1.4 (k): an issuer must be a CA), so the token
/// proves no time; the signer, superseded at 12:00, is not valid at the time-stamp.
#[test]
fn held_tsa_issued_by_an_end_entity() {
    let me = cert("individual_sign.cer");
    let ee_ca = Ca {
        cert: me.der().to_vec(),
        key: key("individual_sign.key.pem"),
    };
    let fake_tsa =
        Certificate::from_der(&ee_ca.reissue(cert("tsa/tsa.cer").der(), |_| {})).unwrap();
    let sd = SignedData::from_ber(&signed_by("individual_sign", "2026-11-20T09:59:00Z")).unwrap();
    let tst = tst_info(&sha256(sd.signers()[0].signature()), GEN, None);
    let token = token_by(&tst, &fake_tsa, &key("tsa/tsa.key.pem"));
    let der = sd.add_timestamp_token(0, &token).unwrap();
    let crl = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    let s = judge(&der, &verifier(&[crl]), CHECKED, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{s:#?}");
    assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
}

/// HELD. Attack: a TSA certificate with id-kp-timeStamping critical and another purpose
/// beside it (emailProtection: a signing certificate that is also a "TSA"). Correct
/// answer: RFC 3161 §2.3 requires id-kp-timeStamping alone: the token fails.
#[test]
fn held_tsa_with_a_second_extended_key_usage() {
    let tsa = cert("tsa/tsa.cer");
    let email = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04];
    let ekus = seq(&[&tlv(0x06, EKU_TIME_STAMPING), &tlv(0x06, &email)]);
    let new_ext = forge::ext(OID_EKU, true, &ekus);
    let two = Ca::nca_rsa().reissue(tsa.der(), |t| {
        // Replace the EKU extension inside [3] { SEQUENCE { ext... } }.
        let inner = forge::children(&t.extensions)[0].to_vec();
        let exts: Vec<Vec<u8>> = forge::children(&inner)
            .into_iter()
            .map(|e| {
                if forge::children(e)[0] == tlv(0x06, OID_EKU).as_slice() {
                    new_ext.clone()
                } else {
                    e.to_vec()
                }
            })
            .collect();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    let two = Certificate::from_der(&two).unwrap();
    let sd = SignedData::from_ber(&signed_by("individual_sign", "2026-11-20T09:59:00Z")).unwrap();
    let tst = tst_info(&sha256(sd.signers()[0].signature()), GEN, None);
    let der = sd
        .add_timestamp_token(0, &token_by(&tst, &two, &key("tsa/tsa.key.pem")))
        .unwrap();
    let s = judge(
        &der,
        &common::rsa_verifier(),
        CHECKED,
        TimePolicy::TimeStamp,
    );
    assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");
    assert_eq!(
        s.timestamps()[0]
            .check(CheckName::KeyUsage)
            .map(|c| c.outcome()),
        Some(Outcome::Failed)
    );
}

// --- the token's structure -------------------------------------------------------------------

/// HELD. Attack: tokens bent out of RFC 3161's shape, each over the right signature
/// value, the signer superseded at 12:00 so that only the token's time (10:00) could
/// make it valid: (a) a second SignerInfo in the token (the signer's own, beside the
/// TSA's; RFC 3161 §2.4.2: the TSA's signature only), (b) eContentType id-data instead of
/// id-ct-TSTInfo (RFC 3161 §2.4.2), (c) no ESS signingCertificate(V2) in the TSA's signed
/// attributes (RFC 3161 §2.4.1, RFC 5816), (d) an ESS signingCertificateV2 naming another
/// certificate (the signer's), (e) TSTInfo version 2, (f) a truncated imprint (16 of 32
/// octets), (g) an imprint declared SHA-512 holding the SHA-256 digest, (h) genTime
/// without `Z`. Correct answer for each: the token fails, the signer is invalid and not
/// judged at the token's time.
#[test]
fn held_tokens_out_of_shape() {
    let me = cert("individual_sign.cer");
    let tsa = cert("tsa/tsa.cer");
    let tsa_key = key("tsa/tsa.key.pem");
    let cms = signed_by("individual_sign", "2026-11-20T09:59:00Z");
    let sd = SignedData::from_ber(&cms).unwrap();
    let digest = sha256(sd.signers()[0].signature());
    let tst = tst_info(&digest, GEN, None);
    let mut tokens: Vec<(&str, Vec<u8>)> = Vec::new();

    let tsa_si = signer_info(standard_attrs(ID_CT_TST_INFO, &tst, &tsa), &tsa_key, &tsa);
    let my_si = signer_info(
        standard_attrs(ID_CT_TST_INFO, &tst, &me),
        &key("individual_sign.key.pem"),
        &me,
    );
    tokens.push((
        "two SignerInfos",
        signed_data(
            ID_CT_TST_INFO,
            &tst,
            &[tsa_si.clone(), my_si],
            &[tsa.der().to_vec(), me.der().to_vec()],
        ),
    ));
    tokens.push((
        "eContentType id-data",
        signed_data(
            ID_DATA,
            &tst,
            &[signer_info(
                standard_attrs(ID_DATA, &tst, &tsa),
                &tsa_key,
                &tsa,
            )],
            &[tsa.der().to_vec()],
        ),
    ));
    let mut no_ess = standard_attrs(ID_CT_TST_INFO, &tst, &tsa);
    no_ess.pop();
    tokens.push((
        "no ESS",
        signed_data(
            ID_CT_TST_INFO,
            &tst,
            &[signer_info(no_ess, &tsa_key, &tsa)],
            &[tsa.der().to_vec()],
        ),
    ));
    let mut other_ess = standard_attrs(ID_CT_TST_INFO, &tst, &tsa);
    other_ess.pop();
    other_ess.push(attr(ATTR_SIGNING_CERTIFICATE_V2, &[&ess_v2(me.der())]));
    tokens.push((
        "ESS naming the signer's certificate",
        signed_data(
            ID_CT_TST_INFO,
            &tst,
            &[signer_info(other_ess, &tsa_key, &tsa)],
            &[tsa.der().to_vec(), me.der().to_vec()],
        ),
    ));
    let v2 = forge::replace_at(&tst, &[0], &int(&[2]));
    tokens.push(("version 2", tsa_token(&v2)));
    let short = tst_info(&digest[..16], GEN, None);
    tokens.push(("truncated imprint", tsa_token(&short)));
    let sha512_named = forge::replace_at(&tst, &[2, 0], &seq(&[&oid("2.16.840.1.101.3.4.2.3")]));
    tokens.push(("SHA-512 named, SHA-256 held", tsa_token(&sha512_named)));
    let no_z = forge::replace_at(&tst, &[4], &tlv(0x18, b"20261120100000"));
    tokens.push(("genTime without Z", tsa_token(&no_z)));
    let offset = forge::replace_at(&tst, &[4], &tlv(0x18, b"20261120100000+0600"));
    tokens.push(("genTime with an offset", tsa_token(&offset)));

    let crl = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    let v = verifier(&[crl]);
    for (what, token) in &tokens {
        let der = splice(&cms, 0, token);
        for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
            let s = judge(&der, &v, CHECKED, policy);
            assert_eq!(s.overall(), Overall::Invalid, "{what} {policy:?} {s:#?}");
            assert_eq!(
                outcome(&s, CheckName::Timestamp),
                Some(Outcome::Failed),
                "{what}"
            );
            assert_ne!(s.time_basis(), TimeBasis::TimeStamp, "{what}");
        }
    }
}

/// HELD. Attack: two signers; a genuine token over the *second* signer's signature value
/// (made at 10:00) copied onto the first signer, whose certificate was superseded at
/// 12:00 and whose signature was made later. Correct answer: the imprint must equal the
/// hash of this SignerInfo's own signature (ETSI EN 319 122-1 §5.3, signature-time-stamp):
/// the first signer fails.
#[test]
fn held_token_over_another_signers_signature() {
    let me = cert("individual_sign.cer");
    let first =
        SignedData::from_ber(&signed_by("individual_sign", "2026-11-20T13:00:00Z")).unwrap();
    let other = cert("legal_sign.cer");
    let chain = [cert("nca_rsa.cer")];
    let two = first
        .add_signer(
            None,
            &SignRequest::new(&other, time("2026-11-20T09:59:00Z")).with_chain(&chain),
            &key("legal_sign.key.pem"),
        )
        .unwrap();
    let sd = SignedData::from_ber(&two).unwrap();
    assert_eq!(sd.signers().len(), 2);
    let token = tsa_token(&tst_info(&sha256(sd.signers()[1].signature()), GEN, None));
    let der = splice(&two, 0, &token);
    let crl = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    let s = verdicts(&der, &verifier(&[crl]), CHECKED, TimePolicy::TimeStamp);
    assert_eq!(s[0].overall(), Overall::Invalid, "{:#?}", s[0]);
    assert_eq!(outcome(&s[0], CheckName::Timestamp), Some(Outcome::Failed));
    assert_ne!(s[0].time_basis(), TimeBasis::TimeStamp);
}

/// HELD. Attack: a not-yet-valid signer (notBefore 2027-01-01) and a token whose genTime
/// (2027-02-01) lies ahead of the time checked, with an accuracy (a year) that lets it
/// pass the "not from the future" test; then the same with a genTime before the
/// certificate existed. Correct answer: never valid: a signature cannot be proven made
/// while its certificate was valid if that validity lies entirely after the time checked
/// (RFC 3161 §2.4.2: genTime ± accuracy; RFC 5280 §4.1.2.5).
#[test]
fn held_not_yet_valid_signer_with_a_token_from_its_validity() {
    let sd = SignedData::from_ber(&signed_by("not_yet_valid", "2027-02-01T00:00:00Z")).unwrap();
    let digest = sha256(sd.signers()[0].signature());
    let year = 366u32 * 86_400;
    for (gen, acc) in [
        ("20270201000000Z", Some(year.to_be_bytes().to_vec())),
        ("20270201000000Z", None),
        ("20261120100000Z", None),
    ] {
        let tst = tst_info(
            &digest,
            gen,
            acc.as_deref().map(|b| {
                let mut b = b;
                while b.len() > 1 && b[0] == 0 && b[1] & 0x80 == 0 {
                    b = &b[1..];
                }
                b
            }),
        );
        let der = sd.add_timestamp_token(0, &tsa_token(&tst)).unwrap();
        for policy in [
            TimePolicy::Given,
            TimePolicy::TimeStamp,
            TimePolicy::ClaimedSigningTime,
        ] {
            let s = judge(&der, &common::rsa_verifier(), CHECKED, policy);
            assert_ne!(s.overall(), Overall::Valid, "{gen} {policy:?} {s:#?}");
        }
    }
}

/// HELD. Resource and arithmetic edges of genTime and accuracy: genTime at the ends of
/// the four-digit years, accuracy u32::MAX seconds, 999 ms and 999 µs, and a fraction of
/// nine digits. Correct answer: no panic (no overflow in genTime ± accuracy), no token
/// proving a time, the signer not valid under the time-stamp policy (its certificate was
/// superseded, so only a proven time before 12:00 could save it).
#[test]
fn held_extreme_gen_time_and_accuracy() {
    let me = cert("individual_sign.cer");
    let cms = signed_by("individual_sign", "2026-11-20T09:59:00Z");
    let sd = SignedData::from_ber(&cms).unwrap();
    let digest = sha256(sd.signers()[0].signature());
    let crl = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    let v = verifier(&[crl]);
    let max_acc = seq(&[
        &int(&[0x00, 0xFF, 0xFF, 0xFF, 0xFF]),
        &tlv(0x80, &[0x03, 0xE7]),
        &tlv(0x81, &[0x03, 0xE7]),
    ]);
    for gen in [
        "99991231235959Z",
        "00000101000000Z",
        "00010101000000Z",
        "20261120100000.123456789Z",
        "20261120100000.1234567891Z",
    ] {
        let base = tst_info(&digest, "20261120100000Z", None);
        let mut kids: Vec<Vec<u8>> = forge::children(&base).iter().map(|k| k.to_vec()).collect();
        kids[4] = tlv(0x18, gen.as_bytes());
        kids.push(max_acc.clone());
        let tst = tlv(0x30, &kids.concat());
        let der = splice(&cms, 0, &tsa_token(&tst));
        for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
            let s = judge(&der, &v, CHECKED, policy);
            assert_ne!(s.overall(), Overall::Valid, "{gen} {policy:?} {s:#?}");
        }
    }
}

// --- XAdES: the claimed time ------------------------------------------------------------------

const REQUEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request xmlns=\"urn:example:request\"><data Id=\"data-1\"><iin>123456789011</iin></data></request>\n";

fn xades_signed(name: &str, claimed: &str) -> Vec<u8> {
    xmldsig::sign_with(
        REQUEST.as_bytes(),
        &cert(&format!("{name}.cer")),
        &key(&format!("{name}.key.pem")),
        &XmlSignOptions::new().xades(time(claimed)),
    )
    .unwrap()
}

/// Attack: a XAdES SigningTime later than the time checked, under the claimed-time
/// policy. README's security rule: judging at a claimed signingTime is "never later than
/// the time checked (a later claim is judged at the time checked)", as CMS does
/// (`cms::signer`: `t.min(options.expectation.at)`): a signature that exists when it is
/// checked was made by then. Correct answer: the signer is judged at most at the time
/// checked, so a not-yet-valid certificate (notBefore 2027-01-01) claiming 2027-03-01 is
/// invalid (RFC 5280 §4.1.2.5, its validity check failed), as the same claim in CMS is.
///
/// Today: the XAdES signer is judged at 2027-03-01 (`xmldsig::judge`'s time
/// choice sets `at_time.at = t` uncapped): its validity passes, and only the revocation
/// (the CRL predates the certificate: unknown) keeps it from valid: indeterminate, not
/// invalid.
#[test]
fn defect_xades_claimed_signing_time_after_the_time_checked_is_judged_at_the_claim() {
    let v = common::rsa_verifier();
    let expect = Expectation::at(time(CHECKED));
    let claimed = XmlOptions::new().time(TimePolicy::ClaimedSigningTime);

    // CMS: the claim is capped, the certificate not yet valid: invalid.
    let cms = signed_by("not_yet_valid", "2027-03-01T00:00:00Z");
    let s = judge(&cms, &v, CHECKED, TimePolicy::ClaimedSigningTime);
    assert_eq!(s.at(), time(CHECKED));
    assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");

    // XAdES: the same claim.
    let xml = xades_signed("not_yet_valid", "2027-03-01T00:00:00Z");
    let r = xmldsig::verify_with(&xml, &v, &expect, &claimed).unwrap();
    let signer = &r.signers()[0];
    assert_eq!(
        r.overall(),
        Overall::Invalid,
        "judged at {}: {:?}",
        signer.at(),
        r.refusal()
    );
    assert!(signer.at() <= time(CHECKED), "judged at {}", signer.at());
}

// --- PDF: document time-stamps -----------------------------------------------------------------

/// `prev` with an incremental update holding one signature dictionary (`/SubFilter
/// /{sub_filter}`), its `/Contents` the DER `make(signed bytes)` returns (hex, zero-padded),
/// the signature field naming it, the catalog's form and a cross-reference table.
fn pdf_signed(
    prev: &[u8],
    obj: u32,
    sub_filter: &str,
    make: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    const HEX: usize = 16 * 1024;
    let head = |b: usize, c: usize, d: usize| {
        let mut h = prev.to_vec();
        h.extend(
            format!(
                "\n{obj} 0 obj\n<< /Type /Sig /SubFilter /{sub_filter} /ByteRange [0 {b:>10} {c:>10} {d:>10}] /Contents "
            )
            .bytes(),
        );
        h
    };
    // The rest of the update, as a reader finds a signature (review 49: a signature is a
    // signature field's value): the field (object `obj` + 100), the catalog's form listing
    // every signature field so far, a cross-reference table (offsets ten digits wide, so
    // the length is known before the offsets are).
    let field = obj + 100;
    let mut fields: Vec<u32> = (0..obj)
        .map(|n| n + 100)
        .filter(|f| {
            let key = format!("\n{f} 0 obj\n<< /FT /Sig");
            prev.windows(key.len()).any(|w| w == key.as_bytes())
        })
        .collect();
    fields.push(field);
    let fields: String = fields.iter().map(|f| format!(" {f} 0 R")).collect();
    let previous = prev
        .windows(10)
        .rposition(|w| w == b"startxref\n")
        .map(|at| {
            let n: String = prev[at + 10..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .map(|b| char::from(*b))
                .collect();
            format!(" /Prev {n}")
        })
        .unwrap_or_default();
    let sig_at = prev.len() + 1;
    let tail = |c: usize| {
        let mut t = b" >>\nendobj\n".to_vec();
        let field_at = c + t.len();
        t.extend(
            format!("{field} 0 obj\n<< /FT /Sig /T (S{obj}) /V {obj} 0 R >>\nendobj\n").bytes(),
        );
        let catalog_at = c + t.len();
        t.extend(
            format!("1 0 obj\n<< /Type /Catalog /AcroForm << /Fields [{fields} ] >> >>\nendobj\n")
                .bytes(),
        );
        let xref_at = c + t.len();
        t.extend(
            format!(
                "xref\n0 2\n0000000000 65535 f \n{catalog_at:010} 00000 n \n{obj} 1\n{sig_at:010} 00000 n \n{field} 1\n{field_at:010} 00000 n \ntrailer\n<< /Size {} /Root 1 0 R{previous} >>\nstartxref\n{xref_at:010}\n%%EOF\n",
                field + 1
            )
            .bytes(),
        );
        t
    };
    let b = head(0, 0, 0).len();
    let c = b + HEX + 2;
    let tail = tail(c);
    let d = tail.len();
    let mut data = head(b, c, d);
    data.extend_from_slice(&tail);
    let der = make(&data);
    let mut hex: String = der.iter().map(|x| format!("{x:02X}")).collect();
    assert!(hex.len() <= HEX);
    hex.extend(std::iter::repeat_n('0', HEX - hex.len()));
    let mut out = head(b, c, d);
    out.push(b'<');
    out.extend(hex.bytes());
    out.push(b'>');
    out.extend_from_slice(&tail);
    assert_eq!(out.len(), c + d);
    out
}

/// HELD. Attack: a PDF signed (adbe.pkcs7.detached) by a signer superseded at 12:00,
/// then given a document time-stamp (`/SubFilter /ETSI.RFC3161`, ETSI EN 319 142-1
/// §5.4, PAdES-LTA's DocTimeStamp) whose genTime says 10:00; and the other order: a
/// document time-stamp over the first revision, the signature appended after it (the
/// time-stamp proves nothing of a signature made after the revision it covers). Correct
/// answer: a document time-stamp over a revision is no signature time-stamp of a
/// signature (ETSI EN 319 142-1: the signature time-stamp is the CAdES unsigned
/// attribute); neither file is valid, under any time policy, and no signature is judged
/// at 10:00.
#[test]
fn held_pdf_document_time_stamp_proves_no_time_of_a_signature() {
    let me = cert("individual_sign.cer");
    let chain = [cert("nca_rsa.cer")];
    let sign = |data: &[u8]| {
        qoltanba::cms::sign(
            data,
            &SignRequest::new(&me, time("2026-11-20T13:00:00Z"))
                .with_chain(&chain)
                .detached(true),
            &key("individual_sign.key.pem"),
        )
        .unwrap()
    };
    let stamp = |data: &[u8]| tsa_token(&tst_info(&sha256(data), GEN, None));
    let original: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    let signed_then_stamped = pdf_signed(
        &pdf_signed(original, 5, "adbe.pkcs7.detached", sign),
        6,
        "ETSI.RFC3161",
        stamp,
    );
    let stamped_then_signed = pdf_signed(
        &pdf_signed(original, 5, "ETSI.RFC3161", stamp),
        6,
        "adbe.pkcs7.detached",
        sign,
    );
    let crl = current_crl(vec![entry(
        &me,
        "261120120000Z",
        &[forge::reason(SUPERSEDED)],
    )]);
    let v = verifier(&[crl]);
    for pdf in [&signed_then_stamped, &stamped_then_signed] {
        for policy in [
            TimePolicy::Given,
            TimePolicy::TimeStamp,
            TimePolicy::ClaimedSigningTime,
        ] {
            let mut options = VerifyOptions::at(time(CHECKED));
            options.time = policy;
            let r = qoltanba::pades::verify(pdf, &v, &options).unwrap();
            assert_eq!(r.signatures().len(), 2);
            assert_ne!(r.overall(), Overall::Valid, "{policy:?} {r:#?}");
            for s in r.signatures() {
                if let Some(cms) = s.cms() {
                    for signer in cms.signers() {
                        assert_ne!(signer.time_basis(), TimeBasis::TimeStamp, "{policy:?}");
                        assert_ne!(signer.overall(), Overall::Valid, "{policy:?}");
                    }
                }
            }
        }
    }
    // Control: the signature alone, its signer not revoked, is valid: the refusals above
    // are the revocation's and the time-stamp's, not the builder's.
    let alone = pdf_signed(original, 5, "adbe.pkcs7.detached", sign);
    let r = qoltanba::pades::verify(
        &alone,
        &common::rsa_verifier(),
        &VerifyOptions::at(time(CHECKED)),
    )
    .unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
}

/// HELD. Attack: the signer was on hold from 09:00 (listed on a CRL issued at 09:30,
/// fresh at genTime) and released since (the current CRL no longer lists it); its
/// signature was time-stamped at 10:00, inside the hold. Correct answer: not valid: a
/// later CRL proves no revocation was made before it, not that no hold was in force at
/// 10:00 (RFC 5280 §5.3.1 certificateHold; README's CRL rules). And the TSA on hold in
/// the current CRL: genTime is the TSA's claim, a hold cannot be shown not to cover it:
/// the token proves no time.
#[test]
fn held_hold_at_gen_time_released_later_and_a_tsa_on_hold() {
    let me = cert("individual_sign.cer");
    let der = stamped(&signed_by("individual_sign", "2026-11-20T09:59:00Z"), GEN);
    let held = crl(
        100,
        "261120093000Z",
        "261127000000Z",
        vec![entry(&me, "261120090000Z", &[forge::reason(HOLD)])],
    );
    let released = current_crl(vec![]);
    let s = judge(
        &der,
        &verifier(&[held, released]),
        CHECKED,
        TimePolicy::TimeStamp,
    );
    assert_ne!(s.overall(), Overall::Valid, "{s:#?}");

    let tsa = cert("tsa/tsa.cer");
    let tsa_held = current_crl(vec![
        entry(&tsa, "261121000000Z", &[forge::reason(HOLD)]),
        entry(&me, "261120120000Z", &[forge::reason(SUPERSEDED)]),
    ]);
    let s = judge(&der, &verifier(&[tsa_held]), CHECKED, TimePolicy::TimeStamp);
    assert_ne!(s.overall(), Overall::Valid, "{s:#?}");
    assert_ne!(s.time_basis(), TimeBasis::TimeStamp);
}
