//! Review 81 (hostile): commits a19f5b5 and b63d2c5. Reviewed: `has_sibling`
//! (src/condition/alternatives.rs: a sibling is a certificate of the same name AND key,
//! used by `holds_on_every_path` and `OtherChains::best`); `EVIDENCE_MAX_PATH_LEN` = 128
//! (src/chain/mod.rs: builds for evidence, the chain above an anchor, followed until the
//! budget ends them); at a claimed time (`TimeSource::Claimed { checked_at }`) the release
//! traces (`rules::released_hold`) read on the complete CRL itself (`judge_with`'s
//! base-alone view) and beside a listing that decides nothing (`standing`), holds after
//! `checked_at` counting nowhere, and a delta's removeFromCRL of a hold its own base lists
//! (that base signed by the proven signer: `base_lists_hold`, walk.rs;
//! `releases_a_listed_hold`, standing.rs) read as that hold's release, not a trace.
//! Material as in tests/review80.rs (the test PKI's `individual_sign.cer` under
//! `nca_rsa.cer`, CRLs forged with the CA's key, a claim of 2026-11-10 checked 2026-11-23)
//! and review 79's attacker chain (RF: the root's name and public key signed by the
//! attacker, then E1..En, the attacker's own CAs, every signature genuine).
//!
//! Findings:
//!
//! 1. (fixed) `a_release_dated_after_the_listed_hold_was_lifted_is_no_release_of_it` (was
//!    `defect_a_release_dated_after_the_listed_hold_was_lifted_is_no_release_of_it`) (false
//!    VALID at a claimed time): complete CRL #9 (11-03) lists the target on hold since
//!    11-02; complete CRL #10 (11-06, before the claim of 11-10) omits it (that hold lifted
//!    by 11-06); the CA's delta #20 over base #9 (11-20) removes the target
//!    (removeFromCRL) DATED 11-18, after the claim. VALID in every order (also beside a
//!    newer complete CRL, the delta read alone): the removal is taken as the release of
//!    #9's hold because #9 lists one (`base_lists_hold`, src/revocation/status/
//!    standing.rs:95-114, used at walk.rs:367-379 and rules.rs:332-337;
//!    `releases_a_listed_hold`, standing.rs:121-138), though #10 shows that hold gone by
//!    11-06: a release on 11-18 is the release of another hold, placed after 11-06, which
//!    may have covered the claim.
//! 2. (fixed) `the_same_document_decides_alike_cold_and_warm` (was
//!    `defect_the_same_document_is_undecided_then_valid_as_the_signature_cache_warms`)
//!    (one input, two verdicts): nca_rsa trusted, a document carrying the attacker's
//!    chain of 110 certificates above it: the first check is INDETERMINATE ("who issued
//!    the trust anchor is not known: path building budget exhausted"), the same check on
//!    the same verifier again is VALID: the build's budget counts only signatures not in
//!    the verifier's shared cache (src/chain/mod.rs:154, src/limits.rs:38), so whether the
//!    chain above the anchor is followed to its end depends on the verifier's earlier
//!    calls (the xmldsig judge charges its budget "as if digested again",
//!    src/xmldsig/judge/references.rs:466; the path builds do not).
//! 3. (fixed) `a_newer_delta_keeps_a_lift_an_earlier_delta_showed_before_the_claim` (was
//!    `defect_a_newer_delta_undoes_a_lift_an_earlier_delta_showed_before_the_claim`)
//!    (false INDETERMINATE on honest input; pre-existing): complete CRL #9 (current)
//!    lists a hold since 11-02, delta #15 over #9 (11-06, before the claim) removes it:
//!    VALID; adding the CA's later delta #20 over #9 (11-20) that still removes it (as RFC
//!    5280 requires): INDETERMINATE. `judge_with`'s earlier-views loop
//!    (rules.rs:355-381) counts the base alone's hold whenever the newest view is after
//!    the claim; review 80's finding 4 (the lift shown by a complete CRL) is VALID.
//!
//! Found while fixing finding 1:
//! `a_release_after_an_earlier_deltas_lift_over_an_older_base_is_no_release` (false INDETERMINATE
//! on honest input, fixed): deltas over a base not held that complete the current CRL listing a
//! hold were traces even when their removal released that hold;
//! `held_only_the_cas_proven_word_shows_a_listed_hold_lifted`,
//! `held_a_lift_shown_at_the_removals_own_date_is_that_release` and
//! `held_a_release_after_an_earlier_deltas_lift_is_no_release_of_the_bases_hold` try the fix.
//!
//! Held (`held_` tests): a forged base (#9 of the CA's name signed by another key), or
//! the genuine base with a broken signature, listing a hold does not turn a genuine
//! trace into a release (`held_a_base_not_signed_by_the_proven_signer_hides_no_trace`);
//! a second hold in force at the claim (a delta over #10 since 11-08) beside the release
//! of #9's listed hold is kept
//! (`held_a_second_hold_at_the_claim_beside_the_listed_holds_release_is_kept`); the
//! boundaries at `checked_at` (a complete CRL of exactly `checked_at` removing the
//! target, a delta of exactly `checked_at` listing a hold from then: unknown,
//! `held_a_trace_and_a_hold_at_the_time_checked_count`); a budget or length cut above the
//! anchor never turns into VALID where the evidence proves the anchor compromised, nor
//! into INVALID, and names its limit
//! (`held_a_long_chain_above_the_anchor_hides_no_compromise_and_names_its_limit`).
//! By reading: `has_sibling`'s key is `key_id` (src/signature/key.rs:411-509), canonical
//! for RSA (modulus, exponent), GOST (curve, point) and uncompressed EC points; the one
//! key the canonical form misses that might verify a child in two encodings, an EC point
//! compressed, is refused by the verifier (src/signature/points.rs:136), so no certificate
//! of another `key_id` can stand where a path CA stood: no other path is lost, and a
//! final compromise is final.
//!
//! Not pursued (time): partitioned CRLs (a base of the same number and issuer but
//! another scope listing the hold: `base_lists_hold` matches issuer name and number only,
//! but only the CA's own signature counts); indirect CRLs; a warm cache turning a budget
//! cut the other way round (a cold second verifier) beyond finding 2.

mod common;

use std::sync::OnceLock;

use common::anchors::{describe, nca};
use common::evidence::*;
use common::forge::{self, int, CrlSpec};
use qoltanba::revocation::Crl;
use qoltanba::{Certificate, Expectation, Judged as _, Limits, Overall, Verifier};

/// The CA's delta #20 over base #9 (11-20 .. 11-27) removing the target, dated `date`.
fn d20_over_9(date: &str) -> Vec<u8> {
    delta(20, 9, "261120000000Z", "261127000000Z", vec![removal(date)])
}

// --- finding 1 ---------------------------------------------------------------------------

/// DEFECT (false VALID at a claimed time). Input: the CA's complete CRL #9 (11-03 ..
/// 11-05) lists the target on hold since 11-02; its complete CRL #10 (11-06 ..
/// 2027-05-01, before the claim of 11-10) omits it: #9's hold was lifted by 11-06. The
/// CA's delta CRL #20 over base #9 (11-20 .. 11-27) lists the target removeFromCRL dated
/// 11-18: the CA says it took the certificate off hold on 11-18, after the claim.
///
/// Observed: VALID, every order, duplicated ("CRL #10 with delta CRL #20, issued after the
/// time judged: not revoked then"); likewise with a newer complete CRL #11 (11-21) that
/// omits the target, the delta then read alone (`standing`): VALID, every order.
///
/// Expected: not VALID (INDETERMINATE, as the same delta over a base not held, or with
/// #9 listing nothing). #9's hold ended by 11-06 (#10 omits it), so a release dated 11-18
/// is not its release: the certificate was on hold again until 11-18, from some time
/// after 11-06 that may be before the claim (hold, release, hold again, release). The
/// control: the same delta with the removal dated 11-05 (within #9's hold, review 80's
/// finding 4) is VALID, and rightly.
///
/// Cause: `base_lists_hold` (src/revocation/status/standing.rs:95-114) and
/// `releases_a_listed_hold` (standing.rs:121-138) ask only whether the base the delta
/// refers to lists a hold, never whether the removal can be that hold's release: the
/// delta is put in `releasing` (walk.rs:367-379) and `judge_with` skips its trace
/// (rules.rs:332-337).
///
/// Fix: a removal is the release of the base's listed hold only when it is dated no later
/// than the thisUpdate of the first CRL of the issuer (signer proven) issued after that
/// base that no longer lists the certificate (or, simpler, no later than the claimed time
/// when such a CRL shows the hold lifted before the claim); otherwise it is a trace of
/// another hold, as before b63d2c5.
///
/// Found by review 81 (was a defect). Fixed: a delta's removeFromCRL is the release of its base's
/// listed hold only when no CRL of the issuer (signer proven) issued after that base and before the
/// removal's date shows the hold lifted (a complete CRL omitting the certificate, a delta removing
/// it): `releases_base_hold`, src/revocation/status/standing.rs.
#[test]
fn a_release_dated_after_the_listed_hold_was_lifted_is_no_release_of_it() {
    // The control: the removal dated within #9's hold is its release (review 80).
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9("261105000000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
    // The same read alone (a newer complete CRL #11 of 11-21 omits the target: the delta
    // is a stray, `releases_a_listed_hold`) and completing #10.
    let c11 = crl(11, "261121000000Z", "270501000000Z", &[]);
    let mut out = verdicts_in_any_order(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9("261118000000Z"),
        ],
        &claim(),
    );
    out.extend(verdicts_in_any_order(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9("261118000000Z"),
            c11,
        ],
        &claim(),
    ));
    for (o, why) in out {
        assert_ne!(
            o,
            Overall::Valid,
            "a release dated after the claim, of a hold the base listed but a CRL before the claim showed lifted, let the claim pass: {why}"
        );
    }
}

/// HELD (on finding 1's fix). Only the CA's proven word shows a listed hold lifted: beside
/// #9's hold (since 11-02), #10 (11-06) omitting the target and the CA's delta #20 over #9
/// (11-20) releasing it with a removal dated 11-05 (finding 1's control: VALID), a
/// complete CRL "#8" of 11-04 omitting the target signed by another key, or a delta
/// "#15" over #9 of 11-04 removing it signed by another key, is junk: the removal stays
/// the release of #9's hold: VALID, every order, duplicated. The same two from the CA
/// show that hold lifted by 11-04, so the removal dated 11-05 is the trace of another
/// hold (released after 11-04, seen on a CRL issued after the claim): unknown.
#[test]
fn held_only_the_cas_proven_word_shows_a_listed_hold_lifted() {
    let d20 = d20_over_9("261105000000Z");
    let spec8 = CrlSpec::complete(8, "261104000000Z", "270501000000Z");
    let spec15 = CrlSpec::delta(15, 9, "261104000000Z", "261230000000Z")
        .entries(vec![removal("261103000000Z")]);
    for junk in [forger().crl(&spec8), forger().crl(&spec15)] {
        all_are(
            &[crl9_on_hold(), crl10_omitting(), junk, d20.clone()],
            &claim(),
            Overall::Valid,
        );
    }
    let ca = forge::Ca::nca_rsa();
    for genuine in [ca.crl(&spec8), ca.crl(&spec15)] {
        all_are(
            &[crl9_on_hold(), crl10_omitting(), genuine, d20.clone()],
            &claim(),
            Overall::Indeterminate,
        );
    }
}

/// HELD (on finding 1's fix). The boundary of "before the removal's date": #10, omitting
/// the target, issued at 11-06; the delta's removal dated exactly then is #9's hold's
/// release (VALID, as finding 1's control), one second later the trace of another hold
/// (unknown).
#[test]
fn held_a_lift_shown_at_the_removals_own_date_is_that_release() {
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9("261106000000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9("261106000001Z"),
        ],
        &claim(),
        Overall::Indeterminate,
    );
}

// --- finding 2 ---------------------------------------------------------------------------

/// The attacker's chain above nca_rsa (review 79's `attacker_chain`): RF (the root's name
/// and public key, signed by the attacker as "Review81 E1"), E1 .. E`n` (the attacker's
/// CAs, one key, E`n` issued by a certificate of its own name). Bottom up.
fn attacker_chain(n: usize) -> Vec<Certificate> {
    let template = cert("root.cer");
    let key = || key("legal_sign.key.pem");
    let spki = forge::Tbs::of(cert("legal_sign.cer").der()).spki;
    let name = |k: usize| cn_name(&format!("Review81 E{k}"));
    let namer = root().reissue(template.der(), |t| {
        t.serial = int(&[0x81, 0x20]);
        t.subject = name(n);
    });
    let mut top = forge::Ca {
        cert: namer,
        key: key(),
    };
    let mut chain = Vec::new();
    for k in (1..=n).rev() {
        let der = top.reissue(template.der(), |t| {
            t.serial = int(&[0x81, 0x21, k as u8]);
            t.subject = name(k);
            t.spki = spki.clone();
        });
        chain.push(Certificate::from_der(&der).unwrap());
        top = forge::Ca {
            cert: der,
            key: key(),
        };
    }
    let rf = top.reissue(template.der(), |t| t.serial = int(&[0x81, 0x22]));
    chain.push(Certificate::from_der(&rf).unwrap());
    chain.reverse();
    chain
}

fn long_chain() -> &'static [Certificate] {
    static C: OnceLock<Vec<Certificate>> = OnceLock::new();
    C.get_or_init(|| attacker_chain(110))
}

fn verifier_of(anchors: &[Certificate], crls: &[Vec<u8>]) -> Verifier {
    let mut b = Verifier::builder().limits(Limits::default());
    for a in anchors {
        b = b.trust(a.clone()).unwrap();
    }
    for c in crls {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    b.build()
}

fn nca_empty() -> Vec<u8> {
    crl(1, "261120000000Z", "261220000000Z", &[])
}

/// DEFECT (one input, two verdicts; a false INDETERMINATE on honest input that the
/// verifier's history decides). Input: nca_rsa trusted (the root not), nca_rsa's empty CRL,
/// default limits; the target checked with a document carrying the attacker's chain of
/// 111 certificates (RF, E1 .. E110): genuine signatures reaching no trust anchor.
///
/// Observed: on a fresh verifier the first check is INDETERMINATE ("who issued the trust
/// anchor is not known: path building budget exhausted"); the very same check on the same
/// verifier again is VALID (its signature cache now holds the chain's signatures, which
/// the budget no longer charges). On a server that keeps its verifier, whether a
/// document is decided depends on the requests it served before (anyone can warm the
/// cache for the next request, or fill it until it is cleared, src/chain/mod.rs:186).
///
/// Expected: one verdict for one input, whatever the verifier checked before (VALID, the
/// chain reaches no anchor, or INDETERMINATE naming the budget both times).
///
/// Cause: a path build's budget charges only signatures not found in the verifier's
/// shared `SignatureCache` ("cached results are free", src/chain/mod.rs:154,
/// src/limits.rs:38); a build for evidence now follows a chain up to 128 certificates
/// (`EVIDENCE_MAX_PATH_LEN`, src/chain/mod.rs:35), far past the 100 signatures of the
/// default budget, so the cache decides where the budget ends it.
///
/// Fix: charge a cached verification to the budget as if made again (as the xmldsig judge
/// charges digests, src/xmldsig/judge/references.rs:466), keeping the cache a saving of
/// time only; or key the budget on candidates tried, not on verifications made.
///
/// Found by review 81 (was a defect). Fixed: a cached signature check counts against a build's own
/// budget as a verification would (`SignatureCache::check`; `Limits::path_signatures` says so).
#[test]
fn the_same_document_decides_alike_cold_and_warm() {
    let doc = long_chain();
    let v = verifier_of(&[nca()], &[nca_empty()]);
    let first = v.check_certificate_with(&target(), &at_t(), doc);
    let second = v.check_certificate_with(&target(), &at_t(), doc);
    assert_eq!(
        first.overall(),
        second.overall(),
        "the same check on the same verifier changed its verdict:\nfirst: {}\nsecond: {}",
        describe(&first),
        describe(&second)
    );
}

// --- held --------------------------------------------------------------------------------

/// HELD. A base CRL not signed by the proven signer does not turn a genuine trace into a
/// release. Beside the CA's delta #20 over base #9 (11-20, removeFromCRL 11-18, a genuine
/// trace of a hold after the claim: unknown) and complete CRL #10: a "#9" of the CA's name
/// listing the target on hold signed by another key, or the genuine #9 with its signature
/// broken: unknown, every order, duplicated.
#[test]
fn held_a_base_not_signed_by_the_proven_signer_hides_no_trace() {
    let d20 = d20_over_9("261118000000Z");
    all_are(&[base10(), d20.clone()], &claim(), Overall::Indeterminate);
    let forged9 = forger().crl(
        &CrlSpec::complete(9, "261103000000Z", "261105000000Z")
            .entries(vec![entry("261102000000Z", HOLD)]),
    );
    all_are(
        &[base10(), forged9.clone(), d20.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    all_are(
        &[crl10_omitting(), forged9, d20.clone()],
        &claim(),
        Overall::Indeterminate,
    );
    let mut broken = crl9_on_hold();
    let n = broken.len();
    broken[n - 1] ^= 1;
    all_are(
        &[crl10_omitting(), broken, d20],
        &claim(),
        Overall::Indeterminate,
    );
}

/// HELD. Hold, release, hold again: #9 lists a hold since 11-02, #10 (11-06) omits it, a
/// delta #11 over #10 (11-09) lists a new hold since 11-08 (in force at the claim), and
/// delta #20 over #9 (11-20) removes the target (the release of #9's listed hold, dated
/// 11-05): the second hold is kept: unknown, every order, duplicated.
#[test]
fn held_a_second_hold_at_the_claim_beside_the_listed_holds_release_is_kept() {
    let d11 = delta(
        11,
        10,
        "261109000000Z",
        "261112000000Z",
        vec![entry("261108000000Z", HOLD)],
    );
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d11,
            d20_over_9("261105000000Z"),
        ],
        &claim(),
        Overall::Indeterminate,
    );
}

/// HELD. Boundaries at the time checked (11-23): a complete CRL issued exactly then
/// removing the target (removeFromCRL) is a trace; a delta issued exactly then listing a
/// hold from then counts: unknown, every order, duplicated.
#[test]
fn held_a_trace_and_a_hold_at_the_time_checked_count() {
    let c11 = crl(
        11,
        "261123000000Z",
        "270501000000Z",
        &[("261122000000Z", 8)],
    );
    all_are(&[base10(), c11], &claim(), Overall::Indeterminate);
    let d12 = delta(
        12,
        10,
        "261123000000Z",
        "261130000000Z",
        vec![entry("261123000000Z", HOLD)],
    );
    all_are(&[base10(), d12], &claim(), Overall::Indeterminate);
}

/// HELD. The attacker's chain of 111 certificates (past the default budget of 100
/// signatures) and of 131 (past `EVIDENCE_MAX_PATH_LEN`) in a document, in either order,
/// each on a fresh verifier: with nca_rsa and the root trusted and the root's CRL listing
/// nca_rsa for keyCompromise, INVALID; with only the root trusted and nca_rsa in the
/// document, INVALID; with nca_rsa trusted alone, VALID or INDETERMINATE naming the
/// budget or the length, never INVALID; given, stamped and claimed times.
#[test]
fn held_a_long_chain_above_the_anchor_hides_no_compromise_and_names_its_limit() {
    let root_kc = root_crl(
        21,
        "261110000000Z",
        vec![entry_for(nca().serial(), "261101000000Z", KEY_COMPROMISE)],
    );
    let longer = attacker_chain(130);
    let times: [(&str, Expectation); 3] = [
        ("given", at_t()),
        ("stamped", stamped()),
        ("claimed", claim()),
    ];
    for chain in [long_chain().to_vec(), longer] {
        let mut reversed = chain.clone();
        reversed.reverse();
        for (t, e) in &times {
            for doc in [&chain, &reversed] {
                let v = verifier_of(&[nca(), cert("root.cer")], &[nca_empty(), root_kc.clone()]);
                let out = v.check_certificate_with(&target(), e, doc);
                assert_eq!(out.overall(), Overall::Invalid, "{t}: {}", describe(&out));
                let v = verifier_of(&[cert("root.cer")], &[nca_empty(), root_kc.clone()]);
                let with_ca = [&[nca()][..], &doc[..]].concat();
                let out = v.check_certificate_with(&target(), e, &with_ca);
                assert_eq!(out.overall(), Overall::Invalid, "{t}: {}", describe(&out));
                let v = verifier_of(&[nca()], &[nca_empty()]);
                let out = v.check_certificate_with(&target(), e, doc);
                let d = describe(&out);
                match out.overall() {
                    Overall::Valid => {}
                    Overall::Indeterminate => assert!(
                        d.contains("budget exhausted") || d.contains("max_path_len"),
                        "{t}: an undecided chain above the anchor names no limit: {d}"
                    ),
                    Overall::Invalid => panic!("{t}: junk above the anchor made it INVALID: {d}"),
                }
            }
        }
    }
}

// --- finding 3 ---------------------------------------------------------------------------

/// DEFECT (false INDETERMINATE on honest input: the CA's newer word turns VALID into
/// INDETERMINATE; pre-existing, not reached by b63d2c5). Input: the CA's complete CRL #9
/// (11-03 .. 2027-05-01) lists the target on hold since 11-02; its delta CRL #15 over #9
/// (11-06 .. 12-30, before the claim of 11-10) lists it removeFromCRL (11-05): the hold was
/// lifted before the claim. Then the CA's delta CRL #20 over #9 (11-20 .. 11-27), as RFC
/// 5280 §5.2.4 requires, still lists the target removeFromCRL (11-05).
///
/// Observed: #9 and #15: VALID. With #20, every order, duplicated: INDETERMINATE ("CRL #9
/// ... lists the certificate on hold since 2026-11-02, in force at the claimed time: a
/// newer view issued after the claim cannot show it lifted before the signature"). The
/// same with #20 listing nothing. Review 80's finding 4, the lift shown by a complete CRL
/// before the claim (#10 of 11-06) instead of a delta, is VALID with the same #20.
///
/// Expected: VALID, as without #20 and as review 80's finding 4: #20 says what #15 said
/// (not on hold; its removal is the release of the hold its own base lists, b63d2c5), and
/// a hold placed and released after #15 would leave no more trace without #20 than with
/// it.
///
/// Cause: `judge_with`'s loop over the earlier views (src/revocation/status/rules.rs:
/// 355-381) returns a claimed hold for the base alone's listing in force at the claim
/// whenever the newest view was issued after the claim, without asking whether an earlier
/// view issued at or before the claim (#9 with #15) no longer lists it; only a complete
/// CRL before the claim is read that way (the omitters rule, `standing`).
///
/// Fix: in that loop, skip a hold listed by an earlier view when a view issued after its
/// listing and at or before the claimed time (a delta over the same base, signer proven)
/// no longer lists it, and the views issued after the claim list no other hold (the
/// delta releases of b63d2c5's `releasing` are none).
///
/// Found by review 81 (was a defect). Fixed: `judge_with`'s earlier views at a claimed time skip a
/// hold from before the claim that an earlier delta view, issued after it and at or before the
/// claim, no longer lists.
#[test]
fn a_newer_delta_keeps_a_lift_an_earlier_delta_showed_before_the_claim() {
    let c9 = crl(
        9,
        "261103000000Z",
        "270501000000Z",
        &[("261102000000Z", HOLD)],
    );
    let d15 = delta(
        15,
        9,
        "261106000000Z",
        "261230000000Z",
        vec![removal("261105000000Z")],
    );
    // The controls: without #20, and review 80's finding 4 (the lift on a complete CRL).
    all_are(&[c9.clone(), d15.clone()], &claim(), Overall::Valid);
    all_are(
        &[
            crl9_on_hold(),
            crl10_omitting(),
            d20_over_9("261105000000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
    for (o, why) in verdicts_in_any_order(&[c9, d15, d20_over_9("261105000000Z")], &claim()) {
        assert_eq!(
            o,
            Overall::Valid,
            "the CA's newer delta, releasing the hold its base lists, undid a lift an earlier delta showed before the claim: {why}"
        );
    }
}

/// HELD (finding 1 over the judged complete CRL's own deltas, tried while fixing it): #9
/// (current, lists a hold since 11-02), the CA's delta #15 over #9 (11-06) removing the
/// target dated 11-05 (the hold lifted before the claim), its delta #20 over #9 (11-20)
/// removing it dated 11-18: a release after #15's lift is another hold's, which may have
/// covered the claim: not VALID, every order, duplicated. The control, #20's removal
/// dated 11-05 like #15's, is VALID (finding 3).
#[test]
fn held_a_release_after_an_earlier_deltas_lift_is_no_release_of_the_bases_hold() {
    let c9 = crl(
        9,
        "261103000000Z",
        "270501000000Z",
        &[("261102000000Z", HOLD)],
    );
    let d = |n: u8, this: &str, date: &str| delta(n, 9, this, "261230000000Z", vec![removal(date)]);
    all_are(
        &[
            c9.clone(),
            d(15, "261106000000Z", "261105000000Z"),
            d(20, "261120000000Z", "261105000000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
    for (o, why) in verdicts_in_any_order(
        &[
            c9,
            d(15, "261106000000Z", "261105000000Z"),
            d(20, "261120000000Z", "261118000000Z"),
        ],
        &claim(),
    ) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// The same over a base the verifier does not hold (found while fixing finding 1): #10
/// (current, lists a hold since 11-02), the CA's deltas #15 (11-06, removal dated 11-05)
/// and #20 (11-20, removal dated 11-18) over base #8 (not held; by RFC 5280 §5.2.4 they
/// complete #10): not VALID; with #20's removal dated 11-05 (the control): VALID, every
/// order, duplicated.
///
/// Was INDETERMINATE (the control, honest input): a removal was a hold's release only when
/// the base of exactly its BaseCRLNumber was held. Fixed: any complete CRL the delta
/// completes (numbered at or above its BaseCRLNumber, issued no later) that lists the hold
/// is its base (`releases_base_hold`); `judge_with` no longer skips every delta's removal
/// when the judged CRL lists a hold, only those `releases_base_hold` finds releasing it.
#[test]
fn a_release_after_an_earlier_deltas_lift_over_an_older_base_is_no_release() {
    let c10 = crl(
        10,
        "261103000000Z",
        "270501000000Z",
        &[("261102000000Z", HOLD)],
    );
    let d = |n: u8, this: &str, date: &str| delta(n, 8, this, "261230000000Z", vec![removal(date)]);
    all_are(
        &[
            c10.clone(),
            d(15, "261106000000Z", "261105000000Z"),
            d(20, "261120000000Z", "261105000000Z"),
        ],
        &claim(),
        Overall::Valid,
    );
    for (o, why) in verdicts_in_any_order(
        &[
            c10,
            d(15, "261106000000Z", "261105000000Z"),
            d(20, "261120000000Z", "261118000000Z"),
        ],
        &claim(),
    ) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}
