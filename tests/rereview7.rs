//! Review 21 (hostile): the revocation decision after 1ddcb63 (`rules::strongest`/`listed`,
//! `Standing::Released`, `ClaimedStaleHold` and its omitters, `newest_word` in
//! `delta_standings`, the work meter of `check_certificate`) and b07e984 (`doubt`: an
//! uninterpretable CRL that lists the certificate), against the model the library states
//! (README "Security rules"; the rule list of `judge_with` in
//! src/revocation/status/rules.rs; the module doc of src/revocation/status/standing.rs;
//! `with_ocsp` in src/condition/revocation.rs). Each test asserts the correct, safe
//! behaviour; the `held_` ones are attacks that failed (regression tests), the others fail
//! today (defects).
//!
//! Material: CRLs of `nca_rsa.cer` (some scoped to distribution points A and B), responses
//! of its delegated responder, about `individual_sign.cer` (valid 2026-01-01..2027-01-01) or
//! a re-issue of it with distribution points. The time judged is 2026-11-23T00:00:00Z
//! unless said; a claimed time is 2026-11-10, checked 2026-11-23.

mod common;

use common::evidence::*;

use common::forge::{self, int, tlv, Ca, CrlSpec, Tbs};
use common::{pki, time};
use qoltanba::Judged as _;
use qoltanba::{Certificate, Crl, Expectation, Limits, Overall, Verifier};

/// removeFromCRL.
const REMOVE: u8 = 8;
/// superseded.
const SUPERSEDED: u8 = 4;
/// ReasonFlags (BIT STRING content): keyCompromise and cACompromise only.
const COMPROMISES: &[u8] = &[0x05, 0x60];

/// Delta #20 over #11 (not held), 11-22T08:00..11-24 (current when the claim is checked),
/// listing the target on hold since 11-20 (after the claimed time): the newest word on
/// the certificate (rereview6 `at_a_claimed_time_a_hold_on_a_delta_newer_than_every_
/// complete_crl_is_ignored` (a)); `idp`: scoped to that distribution point.
fn newest_hold(idp: Option<&str>) -> Vec<u8> {
    let spec = CrlSpec::delta(20, 11, "261122080000Z", "261124000000Z")
        .entries(vec![entry("261120000000Z", HOLD)]);
    match idp {
        Some(uri) => scoped_crl(uri, None, spec),
        None => Ca::nca_rsa().crl(&spec),
    }
}

// --- defects ------------------------------------------------------------------------------

/// At a claimed time, a forged delta CRL silences the hold on the newest word. The fix of
/// review 17 (`newest_word`, src/revocation/status/standing.rs `delta_standings`) makes a
/// hold listed by "the newest delta that speaks of the certificate, newer than every
/// complete CRL" leave the claim unknown whenever dated. But `newest_speaking` is chosen
/// among every delta in scope whose entries name the serial, before any signature is
/// checked: a delta nobody signed, newer than the CA's, that merely names the serial (a
/// removeFromCRL, or a hold of its own) becomes "the newest word", the CA's delta loses the
/// title, and its hold (dated after the claim, so not in force then) is dropped by
/// `standing` (`wanted = newest_word || start <= at`). The forged delta itself is refused
/// (its signer is not proven) and says nothing.
///
/// base #10 (fresh, omits the target) + the CA's delta #20 over #11 (hold since 11-20):
/// Indeterminate at the claimed 11-10 (the rereview6 fix). Add a forged delta #21 over #11
/// (11-22T12:00) naming the serial: Valid today. Expected: not valid (a CRL whose signer
/// is not proven must not change what the CA's CRLs say). Locus: standing.rs
/// `delta_standings` (`newest_speaking` over unproven deltas).
#[test]
fn at_a_claimed_time_a_forged_newer_delta_silences_the_newest_deltas_hold() {
    let (o, _, why) = judge_with(&target(), &[base10(), newest_hold(None)], &[], claim());
    assert_eq!(o, Overall::Indeterminate, "the CA's CRLs alone: {why}");
    for (what, reason_code) in [("a removeFromCRL", REMOVE), ("a hold", HOLD)] {
        let forged = forger().crl(
            &CrlSpec::delta(21, 11, "261122120000Z", "261124000000Z")
                .entries(vec![entry("261122110000Z", reason_code)]),
        );
        let (o, _, why) = judge_with(
            &target(),
            &[base10(), newest_hold(None), forged],
            &[],
            claim(),
        );
        assert_ne!(
            o,
            Overall::Valid,
            "a forged newer delta listing {what}: {why}"
        );
    }
}

/// At a claimed time, which of two deltas of one instant is "the newest word" is decided
/// by the order the CRLs were given: `delta_standings` sorts by thisUpdate only ("ties in
/// the order given (each is read alone)") and `newest_speaking` takes the first that names
/// the serial. Two deltas of the CA of one instant (11-22T08:00, both over #11): one lists
/// the target on hold since 11-20, the other removes it. Given hold first: Indeterminate
/// (the hold is the newest word). Given the release first: the release is the newest word,
/// the hold (after the claim) is dropped, Valid. The library's own rule (rule 6 of
/// `judge_with`): views of one instant are weighed together, one that does not list a hold
/// the other lists does not show it lifted. Expected: one verdict for every order, and not
/// valid. Locus: standing.rs `delta_standings` (tie in `newest_speaking`).
#[test]
fn at_a_claimed_time_two_deltas_of_one_instant_decide_the_newest_word_by_the_order_given() {
    let release = delta(
        20,
        11,
        "261122080000Z",
        "261124000000Z",
        vec![entry("261122070000Z", REMOVE)],
    );
    let crls = vec![base10(), newest_hold(None), release];
    let all = every_order(&target(), &crls, &[], &claim());
    for (o, why) in &all {
        assert_ne!(*o, Overall::Valid, "{why}");
    }
    for (o, why) in &all {
        assert_eq!(*o, all[0].0, "{why} vs {}", all[0].1);
    }
}

/// At a claimed time, a complete CRL that cannot speak of holds still ends the newest word.
/// `delta_standings` takes `newest_complete` (src/revocation/status.rs: the first complete
/// CRL in scope of the distribution point, newest first) before asking whether that CRL is
/// signed by the CA, interpretable, or covers certificateHold at all: a delta's hold is
/// "the newest word" only when newer than it. A certificate with two distribution points
/// A and B; the CA's unscoped CRL #10 (fresh) omits it; the CA's delta #20 scoped to A
/// lists it on hold since 11-20 (after the claimed 11-10): Indeterminate (the hold on the
/// newest word leaves the claim unknown, "whatever another distribution point proves").
/// Add, scoped to A and newer than the delta (11-22T12:00):
/// (a) a complete CRL nobody signed: Valid today (the forged CRL and every older one of A
/// are set aside at the claimed time, and B's view of #10 proves all reasons);
/// (b) the CA's own complete CRL of A covering only keyCompromise and cACompromise
/// (onlySomeReasons): Valid today - it says nothing of holds, yet ends the hold's claim to
/// be the newest word.
/// Expected: not valid in both. Locus: status.rs (`newest_complete.get_or_insert` right
/// after `scope_ok`) and standing.rs `delta_standings`.
#[test]
fn at_a_claimed_time_a_crl_that_cannot_speak_of_holds_ends_the_newest_word() {
    let c = with_dps(&[DP_A, DP_B]);
    let (o, _, why) = judge_with(&c, &[base10(), newest_hold(Some(DP_A))], &[], claim());
    assert_eq!(o, Overall::Indeterminate, "the CA's CRLs alone: {why}");
    let mut spec = CrlSpec::complete(11, "261122120000Z", "261124000000Z");
    spec.extensions
        .push(forge::ext(OID_IDP, true, &tlv(0x30, &dp_name(DP_A))));
    let forged = forger().crl(&spec);
    let (o, _, why) = judge_with(
        &c,
        &[base10(), newest_hold(Some(DP_A)), forged],
        &[],
        claim(),
    );
    assert_ne!(o, Overall::Valid, "(a) a forged complete CRL of A: {why}");
    let compromises_only = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(11, "261122120000Z", "261124000000Z"),
    );
    let (o, _, why) = judge_with(
        &c,
        &[base10(), newest_hold(Some(DP_A)), compromises_only],
        &[],
        claim(),
    );
    assert_ne!(
        o,
        Overall::Valid,
        "(b) the CA's complete CRL of A for compromises only: {why}"
    );
}

/// At a claimed time, a permanent revocation that cannot hide a compromise (superseded),
/// dated after the claim, hides a hold on the same CRL also dated after the claim.
/// `strongest` (src/revocation/status/rules.rs) ranks, at a claimed time, "a permanent
/// revocation from after `at`" (class 2) before "a hold from after it" (class 3), so
/// `listed` returns the superseded entry; `judge_with` reads it as "listed with a later
/// date: not revoked at `at`" and the view proves the claim. Rule 5 of `judge_with`: at a
/// claimed time "a hold it lists, whenever dated, leaves the status unknown" - the
/// signature may have been made during the hold and back-dated. The OCSP side honours it
/// since ff78947/1ddcb63 (`check_inner` reports the hold in `revocation` for claimed
/// times): the same two statuses in one response give Indeterminate.
///
/// Claimed 11-10, checked 11-30. The CA's newest CRL (11-26..12-26) lists the target on
/// hold since 11-20: Indeterminate. The same CRL listing also superseded since 11-25
/// (the hold turned into a permanent revocation, both entries kept): Valid today.
/// Expected: not valid. Locus: rules.rs `strongest` (class of a hold after a claimed
/// time).
#[test]
fn at_a_claimed_time_a_later_superseded_entry_hides_a_later_hold() {
    let e = || claimed("2026-11-10T00:00:00Z", "2026-11-30T00:00:00Z");
    let hold_only = crl(
        12,
        "261126000000Z",
        "261226000000Z",
        &[("261120000000Z", HOLD)],
    );
    let (o, _, why) = judge_with(&target(), &[hold_only], &[], e());
    assert_eq!(o, Overall::Indeterminate, "the hold alone: {why}");
    let r = by_responder(
        "20261126000000Z",
        &[
            single(
                &serial(),
                &revoked("20261120000000Z", Some(HOLD)),
                "20261126000000Z",
                Some("20261226000000Z"),
            ),
            single(
                &serial(),
                &revoked("20261125000000Z", Some(SUPERSEDED)),
                "20261126000000Z",
                Some("20261226000000Z"),
            ),
        ],
    );
    let (o, _, why) = judge_with(&target(), &[], &[r], e());
    assert_ne!(o, Overall::Valid, "the same statuses by OCSP: {why}");
    let both = crl(
        12,
        "261126000000Z",
        "261226000000Z",
        &[("261120000000Z", HOLD), ("261125000000Z", SUPERSEDED)],
    );
    let (o, _, why) = judge_with(&target(), &[both], &[], e());
    assert_ne!(o, Overall::Valid, "hold and superseded on one CRL: {why}");
}

/// A delta CRL that lists the certificate but cannot be interpreted (a critical entry
/// extension the library does not process), signed by the CA, is ignored, and the older
/// complete CRL proves the certificate good. b07e984's rule (`doubt` in status_inner):
/// "a CRL that lists the certificate but cannot be interpreted, its signer proven, leaves
/// the status unknown instead of letting an older CRL prove it good" - applied to complete
/// CRLs only. A delta is dropped by `deltas_for` ("it has an unsupported critical entry
/// extension") and by `standing`/`release` (`uninterpretable(..)` -> `None`), with no
/// trace in the verdict.
///
/// base #10 (11-01, fresh, omits the target) + the CA's delta #20 over #10 (11-22T08:00,
/// fresh) listing the target for keyCompromise since 11-21 with a critical entry
/// extension 1.2.3.4: Valid today. The same entry on a complete CRL: Indeterminate
/// (rereview5). The same delta over #11 (not held): Valid today. Expected: not valid
/// (unknown). Locus: status.rs (`doubt` is set only in the complete-CRL walk) and
/// standing.rs (`standing`/`release` return `None` for an uninterpretable delta).
#[test]
fn an_uninterpretable_delta_that_lists_the_certificate_is_ignored() {
    let unknown_critical = forge::ext(&[0x2a, 0x03, 0x04], true, &[0x05, 0x00]);
    let listing = forge::crl_entry(
        &serial(),
        "261121000000Z",
        &[forge::reason(KEY_COMPROMISE), unknown_critical],
    );
    let complete = Ca::nca_rsa().crl(
        &CrlSpec::complete(11, "261122080000Z", "261124000000Z").entries(vec![listing.clone()]),
    );
    let (o, _, why) = judge(&target(), &[base10(), complete], &[], AT);
    assert_eq!(o, Overall::Indeterminate, "on a complete CRL: {why}");
    for base in [10, 11] {
        let d = delta(
            20,
            base,
            "261122080000Z",
            "261124000000Z",
            vec![listing.clone()],
        );
        let (o, _, why) = judge(&target(), &[base10(), d], &[], AT);
        assert_ne!(o, Overall::Valid, "on a delta over #{base}: {why}");
    }
}

/// When the work budget runs out while proving the signer of an uninterpretable CRL that
/// lists the certificate, the `doubt` that CRL raises is dropped and an older CRL proves
/// the certificate good: the check passes with the budget exhausted. In `status_inner`
/// (src/revocation/status.rs) `doubt` is set only when `crl_signer(..).is_ok()`; a signer
/// search the meter refused is read as "not the CA's CRL", and the walk goes on to the
/// older CRL, whose signer (the path issuer) is checked without the meter. Everywhere
/// else a search refused by the budget leaves the status unknown ("the budget refuses, it
/// never decides"), and `revocation_check` guards only statuses the CRLs left unknown.
///
/// The CA's newest CRL #11 (11-22T08:00) lists the target for keyCompromise with a
/// critical entry extension the library does not process, and is signed by a second key
/// of the CA's name (certified by the root, as after a re-key); the older CRL #10 (fresh)
/// omits it. With the default budget: Indeterminate (b07e984). With every smaller
/// document budget of path steps: Valid for one of them today (the budget that the chain
/// and nothing more consumes; an attacker positions the exhaustion with look-alike
/// certificates or junk CRLs under the default budget). Expected: never valid. Locus:
/// status.rs (`doubt`: `crl_signer(..).is_ok()` without asking the meter).
#[test]
fn budget_exhaustion_at_an_uninterpretable_crls_signer_drops_its_doubt() {
    let ee = target();
    let second_der = root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(&[0x7e, 0x58]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let second = Ca {
        cert: second_der.clone(),
        key: key("individual_sign.key.pem"),
    };
    let unknown_critical = forge::ext(&[0x2a, 0x03, 0x04], true, &[0x05, 0x00]);
    let newest = second.crl(
        &CrlSpec::complete(11, "261122080000Z", "261124000000Z").entries(vec![forge::crl_entry(
            &serial(),
            "261121000000Z",
            &[forge::reason(KEY_COMPROMISE), unknown_critical],
        )]),
    );
    let verifier = |path_steps: Option<usize>| {
        let mut b = Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap()
            .intermediate(Certificate::from_der(&second_der).unwrap())
            .unwrap()
            .crl_path(pki("root.crl"))
            .unwrap();
        for c in [&base10(), &newest] {
            b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
        }
        if let Some(n) = path_steps {
            let mut limits = Limits::default();
            limits.document_path_steps = n;
            b = b.limits(limits);
        }
        b.build()
    };
    let e = Expectation::at(time(AT));
    let v = verifier(None).check_certificate(&ee, &e);
    let (o, why) = revocation(&v);
    assert_eq!(
        v.overall(),
        Overall::Indeterminate,
        "default budget: {o:?} {why}"
    );
    for n in 0..40 {
        let v = verifier(Some(n)).check_certificate(&ee, &e);
        let (o, why) = revocation(&v);
        assert_ne!(
            v.overall(),
            Overall::Valid,
            "{n} path steps: revocation {o:?}: {why}"
        );
    }
}

/// `individual_sign.cer` re-issued by the CA with two distribution points: A, limited to
/// the reasons `a_reasons` (ReasonFlags BIT STRING content), and B (every reason).
fn with_reasons_on_a(a_reasons: &[u8]) -> Certificate {
    let template = target().der().to_vec();
    let der = Ca::nca_rsa().reissue(&template, |t: &mut Tbs| {
        let list = forge::children(&t.extensions)[0].to_vec();
        let a = forge::seq(&[&dp_name(DP_A), &tlv(0x81, a_reasons)]);
        let b = forge::seq(&[&dp_name(DP_B)]);
        let cdp = forge::ext(OID_CDP, false, &tlv(0x30, &[a, b].concat()));
        let exts: Vec<Vec<u8>> = forge::children(&list)
            .into_iter()
            .map(|e| {
                if forge::content(forge::children(e)[0]) == OID_CDP {
                    cdp.clone()
                } else {
                    e.to_vec()
                }
            })
            .collect();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    let c = Certificate::from_der(&der).unwrap();
    assert_eq!(c.crl_distribution_points().len(), 2);
    c
}

/// A delta CRL released through a distribution point whose reasons exclude
/// certificateHold lifts a hold another point's CRL proves. `release`
/// (src/revocation/status/standing.rs) asks whether the delta's issuingDistributionPoint
/// covers holds (`only_some_reasons`), never whether the certificate's distribution point
/// it was found under does (`dp.reasons`); the complete-CRL walk asks both (`interim`, "a
/// CRL that does not cover holds cannot show a hold lifted"). The certificate says CRLs
/// of A speak for it of keyCompromise and cACompromise only.
///
/// A's complete CRL #10 (fresh) omits the certificate; B's CRL #11 (11-22T08:00..11-24)
/// lists it on hold since 06:00; B's CRL #12 (11-26, after T) omits it (so every reason
/// is proven, and #11 proves the hold at T): Invalid. Add A's complete CRL #13 (10:00,
/// fresh, omits it): still Invalid (it covers no holds for this certificate). Add instead
/// A's delta over #10 (10:00, fresh) removing it (removeFromCRL): Valid today. Expected:
/// Invalid (as with A's complete CRL). Locus: standing.rs `release` (and `absorb`'s
/// omitters, which ask the same) ignore `dp.reasons`.
#[test]
fn a_release_through_a_distribution_point_that_covers_no_holds_lifts_a_hold() {
    let c = with_reasons_on_a(COMPROMISES);
    let a10 = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(10, "261101000000Z", "270501000000Z"),
    );
    let b11 = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(11, "261122080000Z", "261124000000Z")
            .entries(vec![entry("261122060000Z", HOLD)]),
    );
    let b12 = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(12, "261126000000Z", "261226000000Z"),
    );
    let base = vec![a10, b11, b12];
    let (o, _, why) = judge(&c, &base, &[], AT);
    assert_eq!(o, Overall::Invalid, "the hold: {why}");
    let a13 = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(13, "261122100000Z", "261124000000Z"),
    );
    let (o, _, why) = judge(&c, &[base.clone(), vec![a13]].concat(), &[], AT);
    assert_eq!(o, Overall::Invalid, "A's newer complete CRL: {why}");
    let release = scoped_crl(
        DP_A,
        None,
        CrlSpec::delta(20, 10, "261122100000Z", "261124000000Z")
            .entries(vec![entry("261122060000Z", REMOVE)]),
    );
    let (o, _, why) = judge(&c, &[base, vec![release]].concat(), &[], AT);
    assert_eq!(o, Overall::Invalid, "A's delta release: {why}");
}

// --- held -----------------------------------------------------------------------------------

/// At a claimed time (11-10), a hold since 10-05 on CRL #4 (10-10..10-20), not fresh then,
/// is settled only by a complete CRL of the CA that covers holds for the certificate,
/// issued between the listing and the claim: not by a delta of that time that omits it,
/// not by a complete CRL of another distribution point, not by one covering compromises
/// only. (`absorb`'s omitters.)
#[test]
fn held_a_claimed_stale_hold_is_not_settled_by_a_delta_another_scope_or_a_partition() {
    let c = with_dps(&[DP_A]);
    let a = |spec: CrlSpec| scoped_crl(DP_A, None, spec);
    let held = a(CrlSpec::complete(4, "261010000000Z", "261020000000Z")
        .entries(vec![entry("261005000000Z", HOLD)]));
    let newest = a(CrlSpec::complete(6, "261120000000Z", "261220000000Z"));
    let signed = a(CrlSpec::complete(5, "261101000000Z", "261115000000Z"));
    let (o, _, why) = judge_with(&c, &[held.clone(), signed, newest.clone()], &[], claim());
    assert_eq!(o, Overall::Valid, "settled by A's #5: {why}");
    let omitting_delta = a(CrlSpec::delta(30, 4, "261101000000Z", "261115000000Z"));
    let other_scope = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(5, "261101000000Z", "261115000000Z"),
    );
    let partition = scoped_crl(
        DP_A,
        Some(COMPROMISES),
        CrlSpec::complete(5, "261101000000Z", "261115000000Z"),
    );
    for (what, y) in [
        ("a delta", omitting_delta),
        ("B's complete CRL", other_scope),
        ("A's CRL of compromises", partition),
    ] {
        let (o, _, why) = judge_with(&c, &[held.clone(), y, newest.clone()], &[], claim());
        assert_ne!(o, Overall::Valid, "{what}: {why}");
    }
}

/// A release (removeFromCRL on a fresh delta, 10:00) whose issuingDistributionPoint covers
/// only the compromises does not lift a hold a complete CRL proves (listed 08:00; a CRL
/// issued after T proves the other reasons); the same delta covering every reason does.
#[test]
fn held_a_release_on_a_delta_that_covers_no_holds_lifts_nothing() {
    let hold = crl(
        11,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let release = |reasons: Option<&[u8]>| {
        let mut spec = CrlSpec::delta(20, 12, "261122100000Z", "261124000000Z")
            .entries(vec![entry("261122060000Z", REMOVE)]);
        if let Some(r) = reasons {
            spec.extensions
                .push(forge::ext(OID_IDP, true, &tlv(0x30, &tlv(0x83, r))));
        }
        Ca::nca_rsa().crl(&spec)
    };
    // Issued after T, omits it: every reason proven, the hold at T still to weigh.
    let after = crl(12, "261126000000Z", "261226000000Z", &[]);
    let (o, _, why) = judge(&target(), &[hold.clone(), after.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "the hold: {why}");
    let (o, _, why) = judge(
        &target(),
        &[hold.clone(), after.clone(), release(None)],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Valid, "a release covering every reason: {why}");
    let (o, _, why) = judge(
        &target(),
        &[hold, after, release(Some(COMPROMISES))],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "a release of compromises only: {why}");
}

/// The work budget of `check_certificate`, swept from nothing to past what these checks
/// need, never turns a revocation or a hold into "valid" when the evidence is signed by a
/// second key of the CA's name (its signer search is charged to the meter): (a) an older
/// CRL of that key lists keyCompromise, the CA's newest omits it; (b) a fresh delta of that
/// key over a base not held lists a hold; (c) the newest complete CRL, of that key, lists a
/// hold and the CA's older one omits it.
#[test]
fn held_no_budget_turns_a_revocation_by_a_second_key_into_valid() {
    let ee = target();
    let second_der = root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(&[0x7e, 0x58]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let second = Ca {
        cert: second_der.clone(),
        key: key("individual_sign.key.pem"),
    };
    let newest_ca = crl(12, "261122000000Z", "261124000000Z", &[]);
    let scenarios: Vec<(&str, Vec<Vec<u8>>)> = vec![
        (
            "(a) an older keyCompromise",
            vec![
                newest_ca,
                second.crl(
                    &CrlSpec::complete(11, "261115000000Z", "261215000000Z")
                        .entries(vec![entry("261110000000Z", KEY_COMPROMISE)]),
                ),
            ],
        ),
        (
            "(b) a delta's hold",
            vec![
                base10(),
                second.crl(
                    &CrlSpec::delta(20, 11, "261122080000Z", "261124000000Z")
                        .entries(vec![entry("261122060000Z", HOLD)]),
                ),
            ],
        ),
        (
            "(c) the newest CRL's hold",
            vec![
                base10(),
                second.crl(
                    &CrlSpec::complete(11, "261122080000Z", "261124000000Z")
                        .entries(vec![entry("261122060000Z", HOLD)]),
                ),
            ],
        ),
    ];
    let verifier = |crls: &[Vec<u8>], path_steps: Option<usize>| {
        let mut b = Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap()
            .intermediate(Certificate::from_der(&second_der).unwrap())
            .unwrap()
            .crl_path(pki("root.crl"))
            .unwrap();
        for c in crls {
            b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
        }
        if let Some(n) = path_steps {
            let mut limits = Limits::default();
            limits.document_path_steps = n;
            b = b.limits(limits);
        }
        b.build()
    };
    let e = Expectation::at(time(AT));
    for (what, crls) in &scenarios {
        let v = verifier(crls, None).check_certificate(&ee, &e);
        assert_eq!(v.overall(), Overall::Invalid, "{what}, default budget");
        for n in 0..40 {
            let v = verifier(crls, Some(n)).check_certificate(&ee, &e);
            let (o, why) = revocation(&v);
            assert_ne!(
                v.overall(),
                Overall::Valid,
                "{what}, {n} steps: {o:?} {why}"
            );
        }
    }
}

/// The order the CRLs are given decides nothing over the new rules: a release lifting a
/// hold proven at T (with a CRL issued after T), and at a claimed time a stale hold
/// settled by an omitter, beside a newest CRL and an empty delta.
#[test]
fn held_the_order_given_decides_nothing_over_releases_and_omitters() {
    let scenarios: Vec<(Vec<Vec<u8>>, Expectation)> = vec![
        (
            vec![
                crl(
                    11,
                    "261122080000Z",
                    "261124000000Z",
                    &[("261122060000Z", HOLD)],
                ),
                delta(
                    20,
                    11,
                    "261122100000Z",
                    "261124000000Z",
                    vec![entry("261122060000Z", REMOVE)],
                ),
                crl(12, "261126000000Z", "261226000000Z", &[]),
                delta(21, 11, "261122090000Z", "261124000000Z", vec![]),
            ],
            Expectation::at(time(AT)),
        ),
        (
            vec![
                crl(
                    4,
                    "261010000000Z",
                    "261020000000Z",
                    &[("261005000000Z", HOLD)],
                ),
                crl(5, "261101000000Z", "261115000000Z", &[]),
                crl(6, "261120000000Z", "261220000000Z", &[]),
                delta(30, 6, "261121000000Z", "261221000000Z", vec![]),
            ],
            claim(),
        ),
    ];
    for (i, (crls, e)) in scenarios.iter().enumerate() {
        let all = every_order(&target(), crls, &[], e);
        for (o, why) in &all {
            assert_eq!(*o, all[0].0, "scenario {i}: {why} vs {}", all[0].1);
        }
    }
}
