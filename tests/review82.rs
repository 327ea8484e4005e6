//! Review 82 (hostile): commits 6b51e03 and 127a5ab. Reviewed: at a claimed time
//! (`TimeSource::Claimed { checked_at }`), a delta's removeFromCRL read as the release of
//! the hold its own base lists only when no CRL of the issuer, signer proven, issued after
//! that base and before the removal's date shows the hold lifted (`releases_base_hold`,
//! `base_lists_hold`, `releases_a_listed_hold`, src/revocation/status/standing.rs; their
//! callers in walk.rs, `judge_complete`, and rules.rs, `judge_with`); a cached signature
//! check charged to the path build's own budget (`SignatureCache::check`,
//! src/chain/mod.rs; `Limits::path_signatures`); and `judge_with`'s earlier-views loop
//! (an earlier delta view issued at or before the claim that no longer lists the base's
//! hold keeps it lifted). Material as in tests/review81.rs: the test PKI's
//! `individual_sign.cer` (notBefore 2026-01-01) under `nca_rsa.cer`, CRLs forged with the
//! CA's real test key (tests/common/evidence.rs), a claim of 2026-11-10 checked 2026-11-23,
//! every order of the CRLs and the first given twice; review 81's attacker chain above
//! nca_rsa for the path budget.
//!
//! Findings:
//!
//! 1. (fixed) `a_second_removal_of_one_serial_is_weighed_whatever_its_place` (was
//!    `defect_a_second_removal_of_one_serial_is_weighed_whatever_its_place`) (false VALID, decided
//!    by the order of a CRL's entries): CA's #9 (11-03) hold since 11-02, #10 (11-06) omits it,
//!    CA's delta #20 over #9 (11-20) lists the target twice removeFromCRL, dated 11-05 and 11-18.
//!    Entries [11-05, 11-18]: VALID; [11-18, 11-05]: INDETERMINATE. Expected: not VALID either way
//!    (the 11-18 removal is finding 1 of review 81: the trace of a hold placed after #10's lift).
//!    Cause: `releases_base_hold` weighs only the first removal entry (`removed`, `.find`,
//!    standing.rs:143-147). Fix: a release only when every removal entry of the serial passes the
//!    lift test.
//! 2. (fixed) `a_crl_predating_the_certificate_releases_no_hold_of_it` (was
//!    `defect_a_crl_predating_the_certificate_releases_no_hold_of_it`) (false VALID; junk added
//!    turns INDETERMINATE into VALID): #11 (11-19) omits the target, delta #20 over #9 (11-20)
//!    removes it dated 11-18: INDETERMINATE (a trace). Adding the CA's #9 of 2025-12-15, before the
//!    certificate existed, listing its serial on hold: VALID, every order. The walk reads that #9
//!    as another certificate's (rule 1, standing.rs:204), but `releases_base_hold` takes its hold
//!    as the one the removal releases. Cause: the base filter (standing.rs:151-160) asks issuer,
//!    number and a hold entry, never `covers` (nor the scope). Fix: a base predating the
//!    certificate (or out of scope, `scope_ok`) lists no hold of it.
//! 3. (fixed) `a_complete_crls_remove_from_crl_shows_the_listed_hold_lifted` (was
//!    `defect_a_complete_crls_remove_from_crl_shows_the_listed_hold_lifted`) (false VALID): as
//!    review 81's finding 1, but #10 (11-06) lists the target removeFromCRL (11-05) instead of
//!    omitting it: VALID (omitting: INDETERMINATE). `listed` (rules.rs:28-52) reads a complete
//!    CRL's removeFromCRL as listing nothing, yet the lift filter asks `lookup(c).is_empty()`
//!    (standing.rs:177). Fix: ask `listed(..) == No` there.
//! 4. (fixed) `a_crl_of_another_scope_shows_no_hold_lifted` (was
//!    `defect_a_crl_of_another_scope_shows_no_hold_lifted`) (false INDETERMINATE on honest input):
//!    review 81's control (#9 hold since 11-02, #10 of 11-06 omitting, delta #20 over #9 removing
//!    it dated 11-05): VALID. Adding the CA's CRL of 11-04 that could never list the target (an
//!    ARL, onlyContainsCACerts; the partition of another distribution point; a keyCompromise-only
//!    partition): INDETERMINATE. Cause: the lift filter (standing.rs:166-181) counts every complete
//!    CRL of the issuer that omits the certificate (and every delta that removes it), whatever its
//!    scope or reasons. Fix: count only CRLs in scope for the certificate (`scope_ok`) that cover
//!    certificateHold.
//! 5. (fixed) `a_delta_of_the_bases_own_instant_lifts_no_hold_at_a_claim` (was
//!    `defect_a_delta_of_the_bases_own_instant_lifts_no_hold_at_a_claim`) (false VALID; a claim
//!    judged more leniently than a given time; pre-existing): #9 (11-03 .. 2027-05) lists a hold
//!    since 11-02; the CA's delta #15 over #9 of the same instant (11-03) removes it. Given or
//!    time-stamped 11-10: INVALID (rule 6: a view of one instant does not show the other's hold
//!    lifted); claimed 11-10: VALID. Cause: at a claimed time `judge_with` keeps only the newest
//!    view (`views.split_off`, rules.rs:267), so the tie check (rules.rs:496) never meets the base
//!    alone, and the earlier-views loop runs only when the newest view is after the claim
//!    (rules.rs:323). Fix: apply rule 6 to the newest view against `earlier` too.
//! 6. (fixed) `a_document_decides_alike_cold_and_warm_under_its_work_budget` (was
//!    `defect_a_document_decides_alike_cold_and_warm_under_its_work_budget`) (one input,
//!    two verdicts, decided by the verifier's history): with `document_signatures` at the
//!    edge (1 for a certificate, 2 for a CMS or XML document), the first check on a fresh
//!    verifier is INDETERMINATE (work budget exhausted), the same check again, or after
//!    another document under the same CA, VALID. Cause: 127a5ab charges a cached answer
//!    to the build's budget only; the document's `WorkMeter` is still charged only for
//!    verifications made (src/chain/mod.rs:227-238, "not against the document's meter"),
//!    and CRL signatures answered by the store's cache cost nothing
//!    (src/revocation/store.rs:150-158). Fix: charge the meter (signatures, and the bytes
//!    re-hashed) for a cached answer as for a verification.
//!
//! Held: the honest NCA pattern (a base of 2026-07-01 listing a hold, daily deltas over
//! it dating the removal alike, some before the claim, some after): VALID, every order;
//! removal dates at the claim, at `checked_at`, after `checked_at`, or with an
//! invalidityDate before the lift, beside a lift shown before them: INDETERMINATE; junk
//! (a CRL of another issuer numbered 9 listing the serial on hold, a forged #9) does not
//! turn a trace into a release; a lift shown by another key of the CA's name (certified
//! by the root) counts, for the release and against it; the earlier-views lift of
//! 127a5ab does not hide a hold placed again before the claim (a delta over the same
//! base, over a base not held, a complete CRL, an OCSP response), a forged earlier delta
//! lifts nothing, and the CA's earlier delta over an older base number lifts it (RFC 5280
//! allows it); the path build's signature budget gives one verdict cold, warm and after
//! a longer chain warmed the cache, at every edge from 8 to 18 signatures.
//!
//! Not pursued: a removal dated before its base's thisUpdate (VALID: no CRL falls in the
//! lift window; the date contradicts the base, but a release dated before the claim
//! leaves no hold at it); a CA that dates each delta's removal with the delta's own date
//! (INDETERMINATE by design, 6b51e03's doc); the document meter's path steps and re-hashed
//! bytes (same cause as finding 6, not tested apart); PAdES; indirect CRLs; the evidence
//! builds' own meter for cached CRL signatures above an anchor.

mod common;

use common::anchors::{describe, nca};
use common::evidence::*;
use common::forge::{self, CrlSpec};
use qoltanba::revocation::Crl;
use qoltanba::{Certificate, Expectation, Judged as _, Limits, Overall, Verifier};

// --- material ----------------------------------------------------------------------------

fn none_valid(crls: &[Vec<u8>], e: &Expectation, what: &str) {
    for (o, why) in verdicts_in_any_order(crls, e) {
        assert_ne!(o, Overall::Valid, "{what}: {why}");
    }
}

/// The CA's delta #20 over base #9 (11-20 .. 11-27) with these entries.
fn d20_over_9(entries: Vec<Vec<u8>>) -> Vec<u8> {
    delta(20, 9, "261120000000Z", "261127000000Z", entries)
}

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (false VALID; the verdict depends on the order of a CRL's entries). Input: the
/// CA's complete CRL #9 (11-03 .. 11-05) lists the target on hold since 11-02; its #10
/// (11-06, before the claim of 11-10) omits it; its delta #20 over #9 (11-20 .. 11-27)
/// lists the target twice removeFromCRL, dated 11-05 and 11-18.
///
/// Observed: entries in the order [11-05, 11-18]: VALID, every CRL order, duplicated; in
/// the order [11-18, 11-05]: INDETERMINATE (the 11-18 removal read as a trace).
///
/// Expected: INDETERMINATE both ways. The 11-18 removal is review 81's finding 1: #10
/// shows #9's hold lifted by 11-06, so a release on 11-18 is that of another hold, placed
/// after 11-06, which may have covered the claim. A second entry beside it changes nothing.
///
/// Cause: `releases_base_hold` (src/revocation/status/standing.rs:143-147) tests only the
/// FIRST removeFromCRL entry of the serial (`removed`, `.find`) against the lift window.
///
/// Fix: the delta releases its base's hold only when every removeFromCRL entry of the
/// serial passes the test (or take the latest removal date); otherwise it is a trace.
///
/// Found by review 82 (was a defect). Fixed: `releases_base_hold` weighs the latest of the delta's
/// removals of the serial.
#[test]
fn a_second_removal_of_one_serial_is_weighed_whatever_its_place() {
    let (early, late) = (removal("261105000000Z"), removal("261118000000Z"));
    none_valid(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9(vec![late.clone(), early.clone()]),
        ],
        &claim(),
        "control, the later removal first",
    );
    none_valid(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9(vec![early, late]),
        ],
        &claim(),
        "a removal dated after the lift, second in the delta, let the claim pass",
    );
}

// --- finding 2 ---------------------------------------------------------------------------

/// DEFECT (false VALID; a CRL dated before the certificate, added, turns INDETERMINATE
/// into VALID). Input: the CA's complete CRL #11 (11-19 .. 2027-05-01) omits the target;
/// its delta #20 over #9 (11-20 .. 11-27) removes it (removeFromCRL) dated 11-18: a hold
/// released after the claim of 11-10 (a trace): INDETERMINATE. Added: the CA's complete
/// CRL #9 of 2025-12-15 (before the certificate's notBefore 2026-01-01) listing the
/// target's serial on hold since 2025-12-14.
///
/// Observed: VALID, every order, duplicated ("CRL #11 with delta CRL #20, issued after
/// the time judged: not revoked then").
///
/// Expected: INDETERMINATE, as without it. A CRL issued before the certificate cannot
/// list it (rule 1: the serial it lists is another certificate's; the walk reads #9 so,
/// standing.rs:204), so the removal cannot be the release of a hold of this certificate
/// that #9 lists.
///
/// Cause: `releases_base_hold` (src/revocation/status/standing.rs:151-160) takes any
/// complete CRL of the issuer with the delta's BaseCRLNumber that lists the serial on
/// hold, without asking `covers` (nor whether the base is in scope for the certificate).
///
/// Fix: filter the bases by `covers(cert, base.this_update()) != PredatesCertificate`
/// and `scope_ok`, as the walk does before reading a CRL's listing.
///
/// Found by review 82 (was a defect). Fixed: a base of `releases_base_hold` is of the delta's scope
/// and does not predate the certificate.
#[test]
fn a_crl_predating_the_certificate_releases_no_hold_of_it() {
    let c11 = crl(11, "261119000000Z", "270501000000Z", &[]);
    let d20 = d20_over_9(vec![removal("261118000000Z")]);
    all_are(
        &[c11.clone(), d20.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    let c9_before_cert = crl(
        9,
        "251215000000Z",
        "251220000000Z",
        &[("251214000000Z", HOLD)],
    );
    none_valid(
        &[c9_before_cert, c11, d20],
        &claim(),
        "a CRL issued before the certificate explained a hold's trace away",
    );
}

// --- finding 3 ---------------------------------------------------------------------------

/// DEFECT (false VALID). Input: review 81's finding 1 (the CA's #9, 11-03, hold since
/// 11-02; #10 of 11-06 shows it lifted; delta #20 over #9 of 11-20 removes the target
/// dated 11-18: INDETERMINATE), with #10 listing the target removeFromCRL (11-05) instead
/// of omitting it.
///
/// Observed: VALID, every order, duplicated.
///
/// Expected: INDETERMINATE, as with #10 omitting it. A complete CRL's removeFromCRL lists
/// nothing (`listed`, src/revocation/status/rules.rs:28-52; the walk counts #10 among the
/// omitters), so #10 shows #9's hold lifted by 11-06 all the same, and the 11-18 release
/// is another hold's.
///
/// Cause: the lift filter of `releases_base_hold` (src/revocation/status/standing.rs:177)
/// asks `lookup(c).is_empty()` of a complete CRL: any entry, a removal too, hides the
/// lift.
///
/// Fix: a complete CRL shows the lift when `listed(cert, c, None, ..)` is `No` (no entry
/// but removeFromCRL), as the walk reads it.
///
/// Found by review 82 (was a defect). Fixed: a complete CRL listing no hold of the certificate (a
/// removeFromCRL lists none) shows the base's hold lifted.
#[test]
fn a_complete_crls_remove_from_crl_shows_the_listed_hold_lifted() {
    let d20 = d20_over_9(vec![removal("261118000000Z")]);
    all_are(
        &[crl9_on_hold(), crl10_omitting(), d20.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    let c10_removal = crl(
        10,
        "261106000000Z",
        "270501000000Z",
        &[("261105000000Z", 8)],
    );
    none_valid(
        &[crl9_on_hold(), c10_removal, d20],
        &claim(),
        "a complete CRL listing removeFromCRL did not show the base's hold lifted",
    );
}

// --- finding 4 ---------------------------------------------------------------------------

/// DEFECT (false INDETERMINATE on honest input). Input: review 81's control: the CA's #9
/// (11-03) lists the target on hold since 11-02, #10 (11-06) omits it, delta #20 over #9
/// (11-20) removes it dated 11-05: VALID. Added, one at a time: the CA's complete CRL of
/// 11-04 that could never list the target: an ARL (issuingDistributionPoint
/// onlyContainsCACerts), the partition of another distribution point (DP_B; the target
/// names test.qoltanba.invalid), or a keyCompromise-only partition of the target's own.
///
/// Observed: INDETERMINATE, every order ("delta CRL #20 ... removes the certificate
/// (removeFromCRL, 2026-11-05): a hold released by 2026-11-20, after the claimed time").
///
/// Expected: VALID, as without it: a CRL that does not cover the certificate, or covers
/// no hold, says nothing of whether the hold was lifted.
///
/// Cause: the lift filter of `releases_base_hold` (src/revocation/status/standing.rs:
/// 166-181) counts every complete CRL of the issuer that omits the certificate (and every
/// delta that removes it), whatever its issuingDistributionPoint or onlySomeReasons.
///
/// Fix: count only CRLs in scope for the certificate (`scope_ok`) whose reasons cover
/// certificateHold.
///
/// Found by review 82 (was a defect). Fixed: only CRLs of the delta's scope
/// (issuingDistributionPoint) that cover certificateHold show a hold lifted.
#[test]
fn a_crl_of_another_scope_shows_no_hold_lifted() {
    let d20 = d20_over_9(vec![removal("261105000000Z")]);
    all_are(
        &[crl9_on_hold(), crl10_omitting(), d20.clone()],
        &claim(),
        Overall::Valid,
    );
    let idp_ca_only = forge::ext(OID_IDP, true, &forge::tlv(0x30, &forge::tlv(0x82, &[0xff])));
    let mut arl = CrlSpec::complete(8, "261104000000Z", "270501000000Z");
    arl.extensions.push(idp_ca_only);
    let arl = forge::Ca::nca_rsa().crl(&arl);
    let other_dp = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(8, "261104000000Z", "270501000000Z"),
    );
    let compromise_only = scoped_crl(
        "http://test.qoltanba.invalid/nca_rsa.crl",
        Some(&[0x06, 0x40]),
        CrlSpec::complete(8, "261104000000Z", "270501000000Z"),
    );
    let mut wrong = Vec::new();
    for (what, other) in [
        ("an ARL", arl),
        ("another distribution point's CRL", other_dp),
        ("a keyCompromise-only partition", compromise_only),
    ] {
        for (o, why) in verdicts_in_any_order(
            &[crl9_on_hold(), crl10_omitting(), other, d20.clone()],
            &claim(),
        ) {
            if o != Overall::Valid {
                wrong.push(format!("{what}: {o:?}: {why}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a CRL that cannot list the certificate showed its hold lifted:\n{}",
        wrong.join("\n")
    );
}

// --- finding 5 ---------------------------------------------------------------------------

/// DEFECT (false VALID: a claimed time judged more leniently than the same time given;
/// pre-existing). Input: the CA's complete CRL #9 (11-03 .. 2027-05-01) lists the target
/// on hold since 11-02; its delta #15 over #9 issued at the same instant (11-03 ..
/// 12-30) removes it (removeFromCRL, 11-02T12:00).
///
/// Observed: at 11-10 given or time-stamped: INVALID (on hold: rule 6, a view of one
/// instant does not show the other's hold lifted). At 11-10 claimed: VALID ("CRL #9 with
/// delta CRL #15"), every order, duplicated.
///
/// Expected: not VALID at the claim: the signer's own word on the time can never get
/// more than a given time does; the two views of 11-03 disagree on the hold, and that
/// hold was in force at 11-10 by the base.
///
/// Cause: at a claimed time `judge_with` keeps only the newest view (`views.split_off`,
/// src/revocation/status/rules.rs:267), so rule 6's tie check (rules.rs:496) never meets
/// the base alone, and the earlier-views loop runs only when the newest view was issued
/// after the claim (rules.rs:323).
///
/// Fix: at a claimed time, ask rule 6 of the newest view against the earlier views of its
/// instant (a hold one of them lists leaves the claim unknown).
///
/// Found by review 82 (was a defect). Fixed: at a claimed time rule 6's tie check also asks the
/// views left out (`judge_with`'s earlier views), so the base's hold of the same instant stands.
#[test]
fn a_delta_of_the_bases_own_instant_lifts_no_hold_at_a_claim() {
    let d15_same = delta(
        15,
        9,
        "261103000000Z",
        "261230000000Z",
        vec![removal("261102120000Z")],
    );
    let crls = [crl9_on_hold_long(), d15_same];
    for stamped in [false, true] {
        all_are(
            &crls,
            &at_time("2026-11-10T00:00:00Z", stamped),
            Overall::Invalid,
        );
    }
    none_valid(
        &crls,
        &claim(),
        "a delta of the base's instant lifted its hold at a claim, not at a given time",
    );
}

// --- finding 6 ---------------------------------------------------------------------------

fn limited(document_signatures: usize) -> Verifier {
    let mut l = Limits::default();
    l.document_signatures = document_signatures;
    common::rsa_verifier_with_crls(&[base10()], |b| b.limits(l))
}

/// The target's attached CMS signature (its CA carried).
fn cms_doc() -> qoltanba::cms::SignedData {
    use qoltanba::cms::{sign, SignRequest, SignedData};
    let c = target();
    let chain = [ca()];
    let mut req = SignRequest::new(&c, common::time("2026-11-22T09:30:00Z"));
    req.chain = &chain;
    let der = sign(b"review82", &req, &key("individual_sign.key.pem")).unwrap();
    SignedData::from_input(&der).unwrap()
}

/// DEFECT (one input, two verdicts, decided by the verifier's history). Input: the root
/// trusted, nca_rsa offered, its CRL #10 (empty), `Limits::document_signatures` at the
/// edge: 1 for the target's certificate (`check_certificate`), 2 for its CMS signature
/// and for its XML signature.
///
/// Observed: on a fresh verifier the first check is INDETERMINATE ("work budget
/// exhausted"); the same check on the same verifier again is VALID; the CMS signature on a
/// fresh verifier that first checked another certificate of the CA (legal_sign.cer) is
/// VALID too. A service that keeps its verifier decides a document by what it served
/// before (and anyone can warm it).
///
/// Expected: one verdict for one input, cold or warm (127a5ab's aim for the path budget).
///
/// Cause: 127a5ab charges a cached signature answer to the path build's budget only; the
/// document's `WorkMeter` is still charged only for verifications made
/// (`SignatureCache::check`, src/chain/mod.rs:227-238: "not against the document's
/// meter"), and a CRL signature answered by the store's cache costs nothing
/// (`CrlStore::signed_by_metered`, src/revocation/store.rs:150-158).
///
/// Fix: charge the document's meter for a cached answer as for a verification (the
/// signature, and the bytes it would re-hash), keeping the cache a saving of time only.
///
/// Found by review 82 (was a defect). Fixed: the document's `WorkMeter` is charged for a
/// certificate or CRL signature check the first time the document asks it, whether the
/// verifier's cache answers it or not, and keeps that answer for the document's later asks
/// (`WorkMeter::answered`), so cold and warm spend alike.
#[test]
fn a_document_decides_alike_cold_and_warm_under_its_work_budget() {
    use qoltanba::cms::VerifyOptions;
    let mut wrong = Vec::new();
    let v = limited(1);
    let cold = v.check_certificate(&target(), &at_t());
    let warm = v.check_certificate(&target(), &at_t());
    if cold.overall() != warm.overall() {
        wrong.push(format!(
            "certificate: cold {:?} ({}), warm {:?}",
            cold.overall(),
            describe(&cold),
            warm.overall()
        ));
    }
    let doc = cms_doc();
    let opts = VerifyOptions::at(common::time(AT));
    let v = limited(2);
    let cold = doc.verify(&v, &opts);
    let warm = doc.verify(&v, &opts);
    let other = limited(2);
    let _ = other.check_certificate(&cert("legal_sign.cer"), &at_t());
    let after_other = doc.verify(&other, &opts);
    if cold.overall() != warm.overall() || cold.overall() != after_other.overall() {
        wrong.push(format!(
            "CMS: cold {:?} ({}), warm {:?}, after another document {:?}",
            cold.overall(),
            describe(&cold),
            warm.overall(),
            after_other.overall()
        ));
    }
    let xml = qoltanba::xmldsig::sign(
        b"<doc><a>review82</a></doc>",
        &target(),
        &key("individual_sign.key.pem"),
    )
    .unwrap();
    let v = limited(2);
    let cold = qoltanba::xmldsig::verify(&xml, &v, &at_t()).unwrap();
    let warm = qoltanba::xmldsig::verify(&xml, &v, &at_t()).unwrap();
    if cold.overall() != warm.overall() {
        wrong.push(format!(
            "XML: cold {:?}, warm {:?}",
            cold.overall(),
            warm.overall()
        ));
    }
    assert!(
        wrong.is_empty(),
        "the verifier's cache decided the verdict:\n{}",
        wrong.join("\n")
    );
}

// --- held --------------------------------------------------------------------------------

/// HELD. The NCA's pattern: a base #9 of 2026-07-01 (.. 2027-01-01) listing the target on
/// hold since 06-25, daily deltas over it that date the removal alike (11-05): #101
/// (11-06), #102 (11-09), before the claim, #103 (11-20) and #104 (11-22 .. 11-23T12),
/// after it. VALID, every order, duplicated.
#[test]
fn held_the_ncas_base_and_daily_deltas_dating_a_release_alike_are_valid() {
    let base = crl(
        9,
        "260701000000Z",
        "270101000000Z",
        &[("260625000000Z", HOLD)],
    );
    let d = |n: u8, this: &str, next: &str| delta(n, 9, this, next, vec![removal("261105000000Z")]);
    all_are(
        &[
            base,
            d(101, "261106000000Z", "261107000000Z"),
            d(102, "261109000000Z", "261110120000Z"),
            d(103, "261120000000Z", "261121000000Z"),
            d(104, "261122000000Z", "261123120000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
}

/// HELD. Removal dates beside a lift shown before them (#9 hold since 11-02, #10 of 11-06
/// omitting the target, delta #20 over #9 of 11-20): dated at the claim (11-10), at the
/// time checked (11-23), after it (11-30), or 11-18 with an invalidityDate of 11-05 (the
/// window reads the revocationDate): INDETERMINATE, every order, duplicated.
#[test]
fn held_removal_dates_after_the_lift_are_traces_at_every_boundary() {
    for date in ["261110000000Z", "261123000000Z", "261130000000Z"] {
        all_are(
            &[
                crl9_on_hold(),
                crl10_omitting(),
                d20_over_9(vec![removal(date)]),
            ],
            &claim(),
            Overall::Indeterminate,
        );
    }
    let with_invalidity = forge::crl_entry(
        &serial(),
        "261118000000Z",
        &[forge::reason(8), forge::invalidity_date("20261105000000Z")],
    );
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9(vec![with_invalidity]),
        ],
        &claim(),
        Overall::Indeterminate,
    );
}

/// HELD. Junk does not turn a trace into a release: beside #11 (11-19, omitting the
/// target) and the CA's delta #20 over #9 (11-20, removal 11-18: a trace), a CRL #9 of
/// the root (another issuer) listing the target's serial on hold, or a "#9" of the CA's
/// name signed by another key: INDETERMINATE, every order, duplicated.
#[test]
fn held_junk_bases_release_no_trace() {
    let c11 = crl(11, "261119000000Z", "270501000000Z", &[]);
    let d20 = d20_over_9(vec![removal("261118000000Z")]);
    let of_root = root_crl(9, "261103000000Z", vec![entry("261102000000Z", HOLD)]);
    let forged = forger().crl(
        &CrlSpec::complete(9, "261103000000Z", "261105000000Z")
            .entries(vec![entry("261102000000Z", HOLD)]),
    );
    for junk in [of_root, forged] {
        all_are(
            &[junk, c11.clone(), d20.clone()],
            &claim(),
            Overall::Indeterminate,
        );
    }
}

/// HELD (127a5ab's earlier-views lift). #9 (11-03 .. 2027-05) lists a hold since 11-02,
/// delta #15 over #9 (11-06) removes it, delta #20 over #9 (11-20) still removes it
/// (VALID, review 81's finding 3). A hold placed again before the claim keeps the claim
/// unknown, every order: on a delta over #9 (11-09, since 11-08), on a delta over a base
/// not held (#12), on a complete CRL (#10, 11-09), in an OCSP response (11-09). A forged
/// #15 lifts nothing (unknown); the CA's #15 over the older base #8 lifts it (VALID).
#[test]
fn held_an_earlier_deltas_lift_hides_no_hold_placed_again() {
    let d15 = delta(
        15,
        9,
        "261106000000Z",
        "261230000000Z",
        vec![removal("261105000000Z")],
    );
    let d20 = d20_over_9(vec![removal("261105000000Z")]);
    let base = [crl9_on_hold_long(), d15.clone(), d20.clone()];
    all_are(&base, &claim(), Overall::Valid);
    let again = entry("261108000000Z", HOLD);
    for other in [
        delta(17, 9, "261109000000Z", "261230000000Z", vec![again.clone()]),
        delta(17, 12, "261109000000Z", "261230000000Z", vec![again]),
        crl(
            10,
            "261109000000Z",
            "270501000000Z",
            &[("261108000000Z", HOLD)],
        ),
    ] {
        let mut crls = base.to_vec();
        crls.push(other);
        all_are(&crls, &claim(), Overall::Indeterminate);
    }
    let resp = ocsp(
        &revoked("20261108000000Z", Some(HOLD)),
        "20261109000000Z",
        Some("20261130000000Z"),
    );
    for (o, why) in every_order(&target(), &base, &[resp], &claim()) {
        assert_eq!(o, Overall::Indeterminate, "{why}");
    }
    let forged15 = forger().crl(
        &CrlSpec::delta(15, 9, "261106000000Z", "261230000000Z")
            .entries(vec![removal("261105000000Z")]),
    );
    all_are(
        &[crl9_on_hold_long(), forged15, d20.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    let d15_over_8 = delta(
        15,
        8,
        "261106000000Z",
        "261230000000Z",
        vec![removal("261105000000Z")],
    );
    all_are(
        &[crl9_on_hold_long(), d15_over_8, d20],
        &claim(),
        Overall::Valid,
    );
}

/// Review 81's attacker chain above nca_rsa, `n` CAs (RF first, then E1 .. En), named
/// with `tag`.
fn attacker_chain(n: usize, tag: u8) -> Vec<Certificate> {
    let template = cert("root.cer");
    let key = || key("legal_sign.key.pem");
    let spki = forge::Tbs::of(cert("legal_sign.cer").der()).spki;
    let name = |k: usize| cn_name(&format!("Review82 T{tag} E{k}"));
    let namer = root().reissue(template.der(), |t| {
        t.serial = forge::int(&[0x82, 0x20, tag]);
        t.subject = name(n);
    });
    let mut top = forge::Ca {
        cert: namer,
        key: key(),
    };
    let mut chain = Vec::new();
    for k in (1..=n).rev() {
        let der = top.reissue(template.der(), |t| {
            t.serial = forge::int(&[0x82, 0x21, tag, k as u8]);
            t.subject = name(k);
            t.spki = spki.clone();
        });
        chain.push(Certificate::from_der(&der).unwrap());
        top = forge::Ca {
            cert: der,
            key: key(),
        };
    }
    let rf = top.reissue(template.der(), |t| {
        t.serial = forge::int(&[0x82, 0x22, tag])
    });
    chain.push(Certificate::from_der(&rf).unwrap());
    chain.reverse();
    chain
}

fn nca_trusted(path_signatures: usize) -> Verifier {
    let mut l = Limits::default();
    l.path_signatures = path_signatures;
    Verifier::builder()
        .limits(l)
        .trust(nca())
        .unwrap()
        .crl(Crl::from_der(crl(1, "261120000000Z", "261220000000Z", &[])).unwrap())
        .unwrap()
        .build()
}

/// HELD (127a5ab). The path build's signature budget at every edge: `path_signatures`
/// from 8 to 18, the attacker's chain above the trusted nca_rsa one short of, at and past
/// it, claimed: the same verdict on a fresh verifier, on it again, and on a verifier a
/// longer chain of the same certificates warmed first (the cut, INDETERMINATE, at the
/// same length in all three).
#[test]
fn held_the_path_budget_decides_alike_cold_warm_and_after_other_documents() {
    let long = attacker_chain(24, 1);
    for sigs in [8usize, 10, 12, 14, 16, 18] {
        for n in [sigs - 2, sigs - 1, sigs, sigs + 1] {
            let doc = &long[..n];
            let fresh = nca_trusted(sigs);
            let cold = fresh.check_certificate_with(&target(), &claim(), doc);
            let again = fresh.check_certificate_with(&target(), &claim(), doc);
            let warm = nca_trusted(sigs);
            let _ = warm.check_certificate_with(&target(), &claim(), &long);
            let after = warm.check_certificate_with(&target(), &claim(), doc);
            assert_eq!(
                cold.overall(),
                again.overall(),
                "{sigs}/{n}: {}",
                describe(&again)
            );
            assert_eq!(
                cold.overall(),
                after.overall(),
                "{sigs}/{n}: {}",
                describe(&after)
            );
            let want = if n > sigs {
                Overall::Indeterminate
            } else {
                Overall::Valid
            };
            assert_eq!(cold.overall(), want, "{sigs}/{n}: {}", describe(&cold));
        }
    }
}

/// The verdicts of the target under a claim for every order of `crls`, `k2` offered.
fn with_rekeyed(crls: &[Vec<u8>], k2: &Certificate) -> Vec<(Overall, String)> {
    permutations(crls)
        .iter()
        .map(|p| judge_extra(&target(), p, &[], std::slice::from_ref(k2), &claim()))
        .collect()
}

/// HELD. Another key of the CA's name, certified by the root (legal_sign's key): its
/// complete CRL #10 (11-06) omitting the target shows #9's hold lifted (with delta #20
/// over #9 removing the target dated 11-05: VALID, every order); with the removal dated
/// 11-18 the trace is kept (INDETERMINATE), with or without the CA's newer #11 (11-19,
/// omitting it) judged under the first key: the delta read alone asks any proven signer.
#[test]
fn held_a_lift_signed_by_another_key_of_the_ca_counts() {
    let (k2, k2ca) = ca_made(&root(), &[0x82, 0x77], None, "legal_sign", |_| {});
    let c10_k2 = k2ca.crl(&CrlSpec::complete(10, "261106000000Z", "270501000000Z"));
    let c11 = crl(11, "261119000000Z", "270501000000Z", &[]);
    let release = d20_over_9(vec![removal("261105000000Z")]);
    for (o, why) in with_rekeyed(&[crl9_on_hold(), c10_k2.clone(), release], &k2) {
        assert_eq!(o, Overall::Valid, "{why}");
    }
    let trace = d20_over_9(vec![removal("261118000000Z")]);
    for set in [
        vec![crl9_on_hold(), c10_k2.clone(), c11, trace.clone()],
        vec![crl9_on_hold(), c10_k2, trace],
    ] {
        for (o, why) in with_rekeyed(&set, &k2) {
            assert_eq!(o, Overall::Indeterminate, "{why}");
        }
    }
}
