//! Review 9 (hostile): today's revocation changes (an older complete CRL's permanent
//! revocation, `older_revocation`; OCSP several responses and holds weighed against the
//! CRLs, `StatusFacts`). Each test asserts the correct, safe behaviour; the `held_` ones
//! are attacks that failed (regression tests), the others fail today by design (defects).
//!
//! Material is made here with the test PKI's keys (`common::forge`): CRLs of
//! `nca_rsa.cer`, responses of its delegated responder `ocsp_responder.cer`, about
//! `individual_sign.cer` (valid 2026-01-01..2027-01-01) or a re-issue of it.

mod common;

use common::evidence::*;

use common::forge::{self, int, seq, tlv, Ca, CrlSpec, Tbs};
use common::{pki, time};
use qoltanba::cms::{limits, sign, SignRequest, SignedData, SignerPolicy, VerifyOptions};
use qoltanba::revocation::Crl;
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verifier};

// --- CMS (the document work budget) ---------------------------------------------------------

const CMS_AT: &str = "2026-11-23T00:00:00Z";
const CONTENT: &[u8] = b"hostile document";

/// `cert` with `n` other RSA moduli (same names, serial, size): each a candidate whose
/// signature checks are full RSA operations that fail (as in tests/cms_bombs.rs).
fn with_other_keys(cert: &Certificate, n: usize) -> Vec<Vec<u8>> {
    let der = cert.der();
    let spki = Tbs::of(der).spki;
    let at = der
        .windows(spki.len())
        .position(|w| w == spki.as_slice())
        .unwrap();
    let modulus_end = at + spki.len() - 5;
    assert_eq!(&der[modulus_end..modulus_end + 5], &[2, 3, 1, 0, 1]);
    (1..=n)
        .map(|i| {
            let mut d = der.to_vec();
            d[modulus_end - 40] ^= (i & 0xff) as u8;
            d[modulus_end - 41] ^= (i >> 8) as u8 + 1;
            d
        })
        .collect()
}

type Parts = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<Vec<u8>>, Vec<Vec<u8>>);

fn parts(cms: &[u8]) -> Parts {
    let signed_data = forge::children(forge::children(cms)[1])[0];
    let f = forge::children(signed_data);
    (
        f[0].to_vec(),
        f[1].to_vec(),
        f[2].to_vec(),
        forge::children(f[3]).iter().map(|c| c.to_vec()).collect(),
        forge::children(f[4]).iter().map(|s| s.to_vec()).collect(),
    )
}

fn assemble(template: &[u8], certificates: &[Vec<u8>], signers: &[Vec<u8>]) -> Vec<u8> {
    let (version, digests, content, _, _) = parts(template);
    let signed_data = seq(&[
        &version,
        &digests,
        &content,
        &tlv(0xa0, &certificates.concat()),
        &tlv(0x31, &signers.concat()),
    ]);
    let oid = forge::children(template)[0];
    seq(&[oid, &tlv(0xa0, &signed_data)])
}

// --- defects --------------------------------------------------------------------------------

/// `older_revocation` (src/revocation/status.rs): when the older CRL's signer cannot be
/// proven because the document's work budget ran out, the older CRL is dropped ("a newer
/// CRL proves it not revoked") and the certificate is Good. The README: "what the budget
/// refuses is an unknown check, never a decision".
///
/// The CA's newest CRL (#8, signed by the CA itself, fresh at the time judged) omits the
/// signer's certificate; an older CRL (#7) signed by a separate CRL signer (same name as
/// the CA, another key, issued by the root, carried by the document last) lists it as
/// revoked for keyCompromise before the time judged. Four honest signatures by
/// `legal_sign.cer` precede the revoked signer's. Without a pile the older CRL revokes
/// (rule 2): Invalid. With 997 certificates named like the CA ahead of the CRL signer, the
/// budget runs out while looking for #7's signer, the revoked signer's revocation check
/// is Passed ("not revoked (CRL #8 ...)", not marked exhausted) and the document Valid.
#[test]
fn budget_exhaustion_never_drops_an_older_crls_revocation() {
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let nca = Ca::nca_rsa();
    let ee = target();
    let crl_signer = root.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(&[0x7e, 0x57]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let crl_signer_ca = Ca {
        cert: crl_signer.clone(),
        key: key("individual_sign.key.pem"),
    };
    let newest = nca.crl(&CrlSpec::complete(8, "261115000000Z", "261215000000Z"));
    let older = crl_signer_ca.crl(
        &CrlSpec::complete(7, "261101000000Z", "261201000000Z").entries(vec![forge::crl_entry(
            ee.serial(),
            "261020000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let root_crl = root.crl(&CrlSpec::complete(3, "261101000000Z", "270101000000Z"));
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap();
    for c in [&newest, &older, &root_crl] {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    let verifier = b.build();
    let cms = sign(
        CONTENT,
        &SignRequest::new(&ee, time("2026-11-22T09:30:00Z")),
        &key("individual_sign.key.pem"),
    )
    .unwrap();
    let (_, _, _, certs, signers) = parts(&cms);
    // Four honest signatures by another signer of the CA (each one verification, proven
    // and not revoked), then the revoked signer's.
    let legal = cert("legal_sign.cer");
    let mut signer_infos: Vec<Vec<u8>> = Vec::new();
    let mut certificates_head = vec![certs[0].clone(), legal.der().to_vec()];
    for i in 0..4 {
        let other = sign(
            CONTENT,
            &SignRequest::new(&legal, time(&format!("2026-11-22T10:0{i}:00Z"))),
            &key("legal_sign.key.pem"),
        )
        .unwrap();
        signer_infos.push(parts(&other).4[0].clone());
    }
    certificates_head.dedup();
    signer_infos.push(signers[0].clone());
    let genuine = signer_infos.len() - 1;
    let with = |pile: usize| {
        let mut certificates = certificates_head.clone();
        certificates.extend(with_other_keys(&cert("nca_rsa.cer"), pile));
        certificates.push(crl_signer.clone());
        SignedData::from_input(&assemble(&cms, &certificates, &signer_infos)).unwrap()
    };
    let mut options = VerifyOptions::at(time(CMS_AT));
    options.signers = SignerPolicy::All;
    let rev = |v: &qoltanba::cms::CmsVerdict| {
        v.signers()[genuine]
            .check(CheckName::Revocation)
            .cloned()
            .unwrap()
    };

    // Without the pile, the older CRL's signer is proven and the revocation stands.
    let v = with(0).verify(&verifier, &options);
    assert_eq!(rev(&v).outcome(), Outcome::Failed, "{:?}", rev(&v));
    assert_eq!(v.overall(), Overall::Invalid);

    // With it, the budget runs out looking for that signer: never valid.
    let v = with(limits::MAX_CERTIFICATES - 3).verify(&verifier, &options);
    assert!(v.work().exhausted().is_some(), "{:?}", v.work());
    assert_ne!(rev(&v).outcome(), Outcome::Passed, "{:?}", rev(&v));
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{:#?}",
        v.signers()[genuine].checks()
    );
}

/// The DP loop (src/revocation/status.rs, `for dp in dps { if mask.contains_all(ALL)
/// { break } ...`) stops at the first distribution point whose CRLs prove all reasons, so
/// `older_revocation` never sees the complete CRLs of the other distribution points. The
/// certificate names two distribution points, A then B; the CA partitions its CRLs by
/// issuingDistributionPoint. CRL A #6 (fresh at the time judged) omits the certificate;
/// CRL B #5 (older, stale) lists it revoked for keyCompromise before the time judged: a
/// complete CRL for a scope the certificate is in, signed by the CA. README: "a permanent
/// revocation listed by any complete CRL from before T stands against a newer CRL that
/// omits it". Today: Valid; with the distribution points listed B, A: Invalid.
#[test]
fn a_revocation_on_another_distribution_points_crl_is_not_undone() {
    let crl_a = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(6, "260601000000Z", "260701000000Z"),
    );
    let crl_b = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(5, "260401000000Z", "260501000000Z").entries(vec![forge::crl_entry(
            &serial(),
            "260315000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let crls = [crl_a, crl_b];
    // The order of the distribution points decides today.
    let b_first = with_dps(&[DP_B, DP_A]);
    let (o, r, why) = judge(&b_first, &crls, &[], "2026-06-15T00:00:00Z");
    assert_eq!((o, r), (Overall::Invalid, Outcome::Failed), "{why}");
    let a_first = with_dps(&[DP_A, DP_B]);
    let (o, r, why) = judge(&a_first, &crls, &[], "2026-06-15T00:00:00Z");
    assert_eq!(r, Outcome::Failed, "{why}");
    assert_ne!(o, Overall::Valid, "{why}");
}

/// The same loop for a hold: CRL A #6 (issued 2026-06-10, no longer fresh at the time
/// judged 06-20) lists the certificate on hold since 06-05; CRL B #5 (issued 06-01, before
/// the hold, still fresh) omits it. Under one distribution point the rules say: "an older
/// CRL fresh then knew nothing of the hold and cannot prove it lifted" (unknown); across
/// two, B's older proof settles it Good, and `with_ocsp` looks at `StatusFacts::stale_hold`
/// only when the CRL status is unknown (src/condition.rs, `crl_stands`). Today: Valid.
#[test]
fn a_stale_hold_on_one_distribution_point_is_not_lifted_by_an_older_crl_of_another() {
    let crl_a = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(6, "260610000000Z", "260615000000Z").entries(vec![forge::crl_entry(
            &serial(),
            "260605000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let crl_b = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(5, "260601000000Z", "260701000000Z"),
    );
    let c = with_dps(&[DP_A, DP_B]);
    // The rule under one scope: the same two CRLs without issuingDistributionPoint.
    let ca = Ca::nca_rsa();
    let plain = [
        ca.crl(
            &CrlSpec::complete(6, "260610000000Z", "260615000000Z").entries(vec![
                forge::crl_entry(&serial(), "260605000000Z", &[forge::reason(HOLD)]),
            ]),
        ),
        ca.crl(&CrlSpec::complete(5, "260601000000Z", "260701000000Z")),
    ];
    let (o, _, why) = judge(&c, &plain, &[], "2026-06-20T00:00:00Z");
    assert_eq!(o, Overall::Indeterminate, "{why}");
    let (o, _, why) = judge(&c, &[crl_a, crl_b], &[], "2026-06-20T00:00:00Z");
    assert_ne!(o, Overall::Valid, "{why}");
}

/// `StatusFacts` (src/revocation/status.rs): once a CRL issued after the time judged has
/// proven "not revoked" (`later_proof`), the older CRL fresh at the time judged is judged
/// in `hold_search` and its proof is not recorded in `fresh_proof`; `with_ocsp` then
/// takes the CRLs' proof as unable to stand against a stale OCSP hold
/// (`crl_stands = !later_proof && ...`). A stale OCSP hold (thisUpdate 2026-11-22T21:00),
/// a CRL fresh at the time judged issued after it (#6, 22:00, omitting the certificate):
/// Valid (the commit's own positive test). Adding the CA's next CRL (#7, 11-25, also
/// omitting it) makes it Indeterminate: more evidence that the certificate was not
/// revoked loses the proof. Expected: Valid both ways.
#[test]
fn a_later_crl_does_not_void_the_proof_of_a_fresh_crl_against_a_stale_ocsp_hold() {
    let ocsp_hold = ocsp(
        &revoked("20261122180000Z", Some(HOLD)),
        "20261122210000Z",
        Some("20261122220000Z"),
    );
    let ca = Ca::nca_rsa();
    let fresh = ca.crl(&CrlSpec::complete(6, "261122220000Z", "261124000000Z"));
    let later = ca.crl(&CrlSpec::complete(7, "261125000000Z", "261201000000Z"));
    let at = "2026-11-23T00:00:00Z";
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&fresh),
        std::slice::from_ref(&ocsp_hold),
        at,
    );
    assert_eq!(o, Overall::Valid, "{why}");
    // Without OCSP, both CRLs: valid.
    let (o, _, why) = judge(&target(), &[fresh.clone(), later.clone()], &[], at);
    assert_eq!(o, Overall::Valid, "{why}");
    // All three.
    let (o, _, why) = judge(&target(), &[fresh, later], &[ocsp_hold], at);
    assert_eq!(o, Overall::Valid, "{why}");
}

/// `with_ocsp` (src/condition.rs): an OCSP hold *fresh* at the time judged returns
/// "revoked (certificateHold)" at once, whatever newer evidence says, while the same hold
/// in a response no longer fresh is lifted by a CRL fresh at the time judged and issued
/// after it. The response (thisUpdate 2026-11-22T12:00) lists a hold since 10:00; the
/// CA's CRL #6 of 20:00, fresh at 2026-11-23, no longer lists it: lifted at 20:00, as
/// between two CRLs ("a newer view that no longer lists it lifts it"). With nextUpdate
/// 22:00 the verdict is Valid; with nextUpdate 2026-11-23T12:00 (the same response,
/// fresher) it is Invalid. Likewise a newer fresh OCSP "good" (16:00) does not lift the
/// fresh hold. Expected: Valid in every case.
#[test]
fn a_fresh_ocsp_hold_is_lifted_by_newer_evidence_fresh_at_the_time() {
    let at = "2026-11-23T00:00:00Z";
    let hold = |next: &str| {
        ocsp(
            &revoked("20261122100000Z", Some(HOLD)),
            "20261122120000Z",
            Some(next),
        )
    };
    let crl = Ca::nca_rsa().crl(&CrlSpec::complete(6, "261122200000Z", "261124000000Z"));
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&crl),
        &[hold("20261122220000Z")],
        at,
    );
    assert_eq!(o, Overall::Valid, "stale hold, newer CRL: {why}");
    let (o, _, why) = judge(
        &target(),
        std::slice::from_ref(&crl),
        &[hold("20261123120000Z")],
        at,
    );
    assert_eq!(o, Overall::Valid, "fresh hold, newer CRL: {why}");
    let newer_good = ocsp(&good(), "20261122160000Z", Some("20261123160000Z"));
    let (o, _, why) = judge(&target(), &[], &[hold("20261123120000Z"), newer_good], at);
    assert_eq!(o, Overall::Valid, "fresh hold, newer fresh good: {why}");
}

/// `older_revocation` (and rule 2 in `judge_with`) never asks whether the CRL predates the
/// certificate. README row 1: a CRL "issued before the certificate's notBefore" proves
/// "nothing: it cannot list it". An old CRL of the CA (#4, 2025-12) lists the serial the
/// certificate (notBefore 2026-01-01) now carries, revoked on 2025-11-01, before the
/// certificate existed (another certificate of that serial, or a re-keyed CA's sequence);
/// the CA's current CRL #6, fresh at the time judged, omits it. Before 37bbf58 the current
/// CRL decided (valid); now any old CRL kept in the store revokes it.
#[test]
fn an_older_crl_that_predates_the_certificate_does_not_revoke_it() {
    let ca = Ca::nca_rsa();
    let ancient =
        ca.crl(
            &CrlSpec::complete(4, "251201000000Z", "251231000000Z").entries(vec![
                forge::crl_entry(&serial(), "251101000000Z", &[forge::reason(KEY_COMPROMISE)]),
            ]),
        );
    let current = ca.crl(&CrlSpec::complete(6, "260601000000Z", "260701000000Z"));
    let (o, _, why) = judge(&target(), &[current], &[], "2026-06-15T00:00:00Z");
    assert_eq!(o, Overall::Valid, "{why}");
    let c = target();
    let (o, r, why) = judge(
        &c,
        &[
            ca.crl(&CrlSpec::complete(6, "260601000000Z", "260701000000Z")),
            ancient,
        ],
        &[],
        "2026-06-15T00:00:00Z",
    );
    assert_eq!((o, r), (Overall::Valid, Outcome::Passed), "{why}");
}

// --- held -----------------------------------------------------------------------------------

/// Rule 2 across complete CRLs, with holds and the time judged: an older CRL's hold is
/// lifted by a newer fresh CRL; a revocation after the time judged does not count; a
/// permanent revocation from before it does, with invalidityDate too.
#[test]
fn held_older_revocation_basics() {
    let ca = Ca::nca_rsa();
    let older = |reason: u8, date: &str, exts: Vec<Vec<u8>>| {
        let mut e = vec![forge::reason(reason)];
        e.extend(exts);
        ca.crl(
            &CrlSpec::complete(5, "260401000000Z", "260501000000Z")
                .entries(vec![forge::crl_entry(&serial(), date, &e)]),
        )
    };
    let newer = ca.crl(&CrlSpec::complete(6, "260601000000Z", "260701000000Z"));
    let at = "2026-06-15T00:00:00Z";
    // invalidityDate before the time, revocationDate after it: revoked.
    let (o, ..) = judge(
        &target(),
        &[
            newer.clone(),
            older(
                KEY_COMPROMISE,
                "260620000000Z",
                vec![forge::invalidity_date("20260301000000Z")],
            ),
        ],
        &[],
        at,
    );
    assert_eq!(o, Overall::Invalid);
    // A hold from before the time, listed by an older CRL, not by the fresh one: lifted.
    let (o, ..) = judge(
        &target(),
        &[newer.clone(), older(HOLD, "260315000000Z", vec![])],
        &[],
        at,
    );
    assert_eq!(o, Overall::Valid);
    // An older CRL that is not the CA's (signed by another key of another name) proves
    // nothing.
    let other = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let foreign =
        other.crl(
            &CrlSpec::complete(5, "260401000000Z", "260501000000Z").entries(vec![
                forge::crl_entry(&serial(), "260315000000Z", &[forge::reason(KEY_COMPROMISE)]),
            ]),
        );
    let (o, ..) = judge(&target(), &[newer, foreign], &[], at);
    assert_eq!(o, Overall::Valid);
}

/// An older CRL signed by a key of the CA's name that the verifier cannot chain (a forged
/// CA certificate of the same name, not offered): nothing either way, the newer CRL
/// stands. The same CRL with the forged CA offered (self-issued, not under the anchor):
/// still nothing.
#[test]
fn held_an_older_crl_of_an_unproven_signer_neither_revokes_nor_blocks() {
    let forged = Ca {
        cert: cert("forged_ca.cer").der().to_vec(),
        key: key("forged_ca.key.pem"),
    };
    let ca = Ca::nca_rsa();
    // The forged CA's key, under the CA's name.
    let fake = Ca {
        cert: ca.cert.clone(),
        key: forged.key,
    };
    let older =
        fake.crl(
            &CrlSpec::complete(5, "260401000000Z", "260501000000Z").entries(vec![
                forge::crl_entry(&serial(), "260315000000Z", &[forge::reason(KEY_COMPROMISE)]),
            ]),
        );
    let newer = ca.crl(&CrlSpec::complete(6, "260601000000Z", "260701000000Z"));
    let (o, _, why) = judge(&target(), &[newer, older], &[], "2026-06-15T00:00:00Z");
    assert_eq!(o, Overall::Valid, "{why}");
}

/// A claimed signing time (`TimeSource::Claimed`, `--at-signing-time`) is meant to be
/// judged more strictly than a time the caller vouches for; here it is judged more
/// leniently. The newest CRL (#6, 2026-11-20, current when the claim is checked) omits the
/// certificate; the older #5 (2026-09-20..10-20) lists it revoked since 09-15. At the
/// time 2026-10-01 given by the caller: Invalid (#6 was issued after the time, so the
/// older CRLs are judged in `hold_search` and #5 revokes). At the same time claimed by
/// the signer: Valid. In status.rs the `older_revocation` branch is skipped while
/// `hold_search` is set, and the `claimed` branch then sets aside every older CRL ("a
/// claimed time is judged with the newest CRL only"); since the newest CRL must be current
/// when the claim is checked, it is nearly always issued after the claimed time, so
/// 37bbf58's rule never applies to claimed times. The same with keyCompromise dated after
/// the claim (11-05, #5 of 11-01..12-01): a compromise "revokes at any claimed time", yet
/// Valid.
#[test]
fn a_claimed_time_does_not_escape_an_older_crls_revocation() {
    use qoltanba::TimeSource;
    let ca = Ca::nca_rsa();
    let newer = ca.crl(&CrlSpec::complete(6, "261120000000Z", "261220000000Z"));
    let older = |this: &str, next: &str, date: &str, reason: u8| {
        ca.crl(
            &CrlSpec::complete(5, this, next).entries(vec![forge::crl_entry(
                &serial(),
                date,
                &[forge::reason(reason)],
            )]),
        )
    };
    let judged = |crls: &[Vec<u8>], claimed: bool| {
        let mut e = Expectation::at(time("2026-10-01T00:00:00Z"));
        if claimed {
            e.time_source = TimeSource::Claimed {
                checked_at: time("2026-11-23T00:00:00Z"),
            };
        }
        verifier(crls, &[]).check_certificate(&target(), &e)
    };
    // Revoked (affiliationChanged) on 09-15, before the time: given, invalid.
    let before = [
        newer.clone(),
        older("260920000000Z", "261020000000Z", "260915000000Z", 3),
    ];
    let v = judged(&before, false);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
    let v = judged(&before, true);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
    // keyCompromise on 11-05, after the claimed time: revoked at any claimed time.
    let compromise = [
        newer,
        older(
            "261101000000Z",
            "261201000000Z",
            "261105000000Z",
            KEY_COMPROMISE,
        ),
    ];
    let v = judged(&compromise, true);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
}

/// A stale CRL hold, then an OCSP revocation for keyCompromise dated after the time judged
/// in a response issued after it (`good_by_later_response`): it shows no revocation before
/// it, not that the hold was lifted then: not valid. Two OCSP responses, a stale hold and
/// an older fresh good: not valid. A stale OCSP hold, then the CRL fresh at the time
/// judged issued after it: valid.
#[test]
fn held_holds_across_crl_and_ocsp() {
    let at = "2026-11-23T00:00:00Z";
    let stale_hold_crl =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(5, "261122200000Z", "261122230000Z").entries(vec![
                forge::crl_entry(&serial(), "261122180000Z", &[forge::reason(HOLD)]),
            ]),
        );
    let later_revoked = ocsp(
        &revoked("20261124000000Z", Some(KEY_COMPROMISE)),
        "20261125000000Z",
        None,
    );
    let (o, _, why) = judge(&target(), &[stale_hold_crl], &[later_revoked], at);
    assert_ne!(o, Overall::Valid, "{why}");
    let stale_ocsp_hold = ocsp(
        &revoked("20261122180000Z", Some(HOLD)),
        "20261122200000Z",
        Some("20261122230000Z"),
    );
    let older_good = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), &[], &[older_good, stale_ocsp_hold], at);
    assert_ne!(o, Overall::Valid, "{why}");
}

/// `StatusFacts` are reset per certificate and recorded at depth 0 only: the end entity's
/// stale CRL hold is lifted by its own OCSP "good" issued after it, while the CA's status
/// (judged next, with the root's CRL issued after the time) does not inherit the hold.
#[test]
fn held_facts_are_per_certificate() {
    let at = "2026-11-23T00:00:00Z";
    let hold_crl =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(5, "261122200000Z", "261122230000Z").entries(vec![
                forge::crl_entry(&serial(), "261122180000Z", &[forge::reason(HOLD)]),
            ]),
        );
    let newer_good = ocsp(&good(), "20261122233000Z", None);
    let (o, _, why) = judge(&target(), &[hold_crl], &[newer_good], at);
    assert_eq!(o, Overall::Valid, "{why}");
}

/// Many CRLs of one issuer: every certificate asks each older complete CRL with one hashed
/// lookup (no signature unless it lists the certificate): 300 CRLs of 2,000 entries each
/// judge a certificate quickly.
#[test]
fn held_many_older_crls_cost_a_lookup_each() {
    let ca = Ca::nca_rsa();
    let entries: Vec<Vec<u8>> = (0..2000u32)
        .map(|i| {
            let mut s = vec![0x40];
            s.extend(i.to_be_bytes());
            forge::crl_entry(&s, "260101000000Z", &[forge::reason(KEY_COMPROMISE)])
        })
        .collect();
    let mut crls = Vec::new();
    for i in 0..300u32 {
        let day =
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i as i64);
        let this = format!("{}000000Z", day.format("%y%m%d"));
        let next = format!(
            "{}000000Z",
            (day + chrono::Duration::days(2)).format("%y%m%d")
        );
        let mut spec = CrlSpec::complete(0, &this, &next).entries(entries.clone());
        spec.number = (i + 1).to_be_bytes().to_vec();
        while spec.number.len() > 1 && spec.number[0] == 0 && spec.number[1] < 0x80 {
            spec.number.remove(0);
        }
        crls.push(ca.crl(&spec));
    }
    let v = verifier(&crls, &[]);
    let start = std::time::Instant::now();
    for _ in 0..20 {
        let verdict =
            v.check_certificate(&target(), &Expectation::at(time("2026-10-27T12:00:00Z")));
        assert_eq!(
            verdict.overall(),
            Overall::Valid,
            "{:?}",
            revocation(&verdict)
        );
    }
    let spent = start.elapsed();
    assert!(
        spent < std::time::Duration::from_secs(10),
        "20 checks over 300 CRLs took {spent:?}"
    );
}
