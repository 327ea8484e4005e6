//! Review 78 (hostile): judging over time. Reviewed: the time sources
//! (`TimeSource::{Given, TimeStamp, Claimed}`, src/condition/expectation.rs), the CRL rules
//! per view (src/revocation/status/rules.rs `judge_with`, `strongest`, `effective_start`),
//! the per-CRL standings and walk at a claimed time (standing.rs, walk.rs), the OCSP weighing
//! (src/condition/revocation.rs `with_ocsp`, `too_old_for_a_stamp`,
//! src/revocation/ocsp/check.rs), how a CMS signature time-stamp proves the time
//! (src/cms/timestamps.rs, src/tsp/verify.rs: genTime + accuracy, capped at the time
//! checked; the TSA judged at genTime as a claim). Material: the test PKI's
//! `individual_sign.cer` (valid 2026) under `nca_rsa.cer`, CRLs and delta CRLs of the CA
//! forged with its key (tests/common/evidence.rs), responses of its delegated responder.
//! Given time 2026-11-23; a time-stamped time 11-23 checked 11-30; a claimed time 11-10
//! checked 11-23 unless a test says otherwise.
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `a_deltas_remove_from_crl_keeps_a_hold_from_a_claimed_time` (was
//!    `defect_a_deltas_remove_from_crl_hides_a_hold_from_a_claimed_time`) (false VALID):
//!    a delta CRL's removeFromCRL for a certificate its base does not list (a hold placed
//!    after the base, released since) is read as "not listed": a claim is VALID, while the
//!    same hold seen on the delta that listed it leaves the claim INDETERMINATE (no release
//!    counts at a claimed time). Cause: `rules::listed` (rules.rs:33-47) drops removals and
//!    nothing reads them as the trace of a hold. Fix: at a claimed time such a removal on a
//!    delta at or after the newest complete CRL is the newest word on a hold (ClaimedHold).
//! 2. (fixed) `a_hold_after_the_claim_released_by_a_complete_crl_leaves_it_unknown` (was
//!    `defect_a_hold_after_the_claim_released_by_a_complete_crl_is_ignored`) (false VALID):
//!    a hold dated after the claim (before the time checked) on an older complete CRL,
//!    released by the newest complete CRL: VALID; the same hold and release as deltas:
//!    INDETERMINATE. Cause: `standing` wants a complete CRL's hold at a claim only when
//!    `start <= at` (standing.rs:135-136), the walk sets the older CRL aside
//!    (walk.rs:227). Fix: a hold between the claim and `checked_at`, its signer proven,
//!    leaves the claim unknown whatever CRL form released it.
//! 3. (fixed)
//!    `the_newest_complete_crls_hold_after_the_claim_released_by_a_delta_leaves_it_unknown`
//!    (was `defect_the_newest_complete_crls_hold_after_the_claim_released_by_a_delta_is_ignored`)
//!    (false VALID): the newest complete CRL lists a hold since after the claim, a delta
//!    over it releases it: VALID (the base alone says INDETERMINATE). Cause: `judge_with`'s
//!    earlier views are asked only for a hold in force at the claim (rules.rs:291-300).
//!    Fix: as 1 and 2, a hold on the newest complete CRL is the newest word whenever dated.
//!
//! Findings 1-3 share one shape: at a claimed time a hold the evidence shows between the
//! claim and the time checked leaves the claim unknown only when it is seen on a delta
//! issued after the newest complete CRL; seen otherwise (a removal trace, an older complete
//! CRL, the newest complete CRL released by a delta) it is dropped, and the suspended
//! signer's back-dated claim is VALID.
//!
//! Fixes (the same session): at a claimed time a hold the evidence shows from after the
//! claim (by the time checked), on any view or complete CRL, and a release of a hold on a
//! CRL issued after the claim (`rules::released_hold`), leave the claim unknown
//! (`judge_with`'s earlier views, `standing`), as a hold on a later delta did.
//!
//! Held (passing `held_` tests, kept as regression guards):
//! `held_random_crl_and_ocsp_mixes_decide_alike_in_every_order` (randomised mixes of base
//! and numbered delta CRLs, some over a base not held, with compromise, superseded, hold,
//! removeFromCRL entries and invalidityDates, and OCSP good / revoked / hold: the same
//! verdict in every order and with duplicates; no permanent revocation in force is valid;
//! valid at a stamped time implies valid at that time given; valid at a claim implies
//! valid at its instant given; 1,060 mixes over three seeds clean);
//! `held_a_release_after_the_time_does_not_lift_a_hold_in_force_then` (given and stamped);
//! `held_hold_release_hold_across_deltas`; `held_revocations_dated_around_a_proven_and_a_claimed_time`
//! (a compromise with an invalidityDate before the time-stamp on a later delta revokes; a
//! superseded revocation after the time-stamp does not; a keyCompromise after a claim does).
//!
//! Not pursued / judged by design: a removeFromCRL trace at a given or time-stamped time
//! (whether the hold covered T depends on what a removal entry's revocationDate means,
//! which RFC 5280 leaves open); the base alone (a six-month nextUpdate) proving a
//! time-stamped time when the delta over it is stale when checked (the rule "issued before
//! the time and current when checked" is met by the base as stated); superseded or
//! affiliationChanged after a claim being valid (documented; request profiles add a check
//! at the time checked); an OCSP "revoked" with reason removeFromCRL counting as a permanent
//! revocation (a complete CRL's removeFromCRL lists nothing: inconsistent, but the
//! response says "revoked"); OCSP currency at `checked_at` inclusive of nextUpdate where a
//! CRL's is exclusive (a one-instant boundary). Time-stamp tokens (TSA compromise, tokens
//! over another signature, genTime and accuracy extremes) are covered by
//! tests/tsa_review26.rs and were not re-probed.

mod common;

use common::evidence::*;
use common::forge::{self, Ca, CrlSpec};
use qoltanba::{Expectation, Overall};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn day(d: u32) -> String {
    // d: days from 2026-11-01 (0-based), may exceed November.
    let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + chrono::Days::new(d as u64);
    t.format("%y%m%d000000Z").to_string()
}

/// A response in the random pool: what it is, its DER, its revocation (day, reason).
type OcspItem = (String, Vec<u8>, Option<(u32, u8)>);

#[derive(Clone, Debug)]
struct Spec {
    delta_base: Option<u8>,
    number: u8,
    this: u32,
    next: u32,
    entries: Vec<(u32, u8, Option<u32>)>,
}

fn build(s: &Spec) -> Vec<u8> {
    let entries = s
        .entries
        .iter()
        .map(|&(d, r, inv)| {
            let mut exts = vec![forge::reason(r)];
            if let Some(i) = inv {
                let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
                    + chrono::Days::new(i as u64);
                exts.push(forge::invalidity_date(
                    &t.format("%Y%m%d000000Z").to_string(),
                ));
            }
            forge::crl_entry(&serial(), &day(d), &exts)
        })
        .collect();
    let spec = match s.delta_base {
        Some(b) => CrlSpec::delta(s.number, b, &day(s.this), &day(s.next)),
        None => CrlSpec::complete(s.number, &day(s.this), &day(s.next)),
    }
    .entries(entries);
    Ca::nca_rsa().crl(&spec)
}

fn expectations() -> Vec<(&'static str, Expectation, u32)> {
    vec![
        ("given", at_t(), 22),
        (
            "given_claim",
            Expectation::at(common::time("2026-11-10T00:00:00Z")),
            9,
        ),
        ("stamped", stamped(), 22),
        ("claimed", claim(), 9),
    ]
}

/// HELD (regression guard). Random mixes of the CA's complete and delta CRLs (numbered
/// deltas over bases #10 and #20, some over a base not held; entries for keyCompromise,
/// cACompromise, unspecified, superseded, affiliationChanged, cessationOfOperation,
/// certificateHold, removeFromCRL, some with an invalidityDate) and OCSP responses of the
/// delegated responder (good, revoked, on hold), judged at a given time, a time-stamped
/// time, a claimed time and the claim's instant given. In every mix: the same verdict in
/// every order of the CRLs and of the responses, and with the first of each given twice; a
/// permanent revocation from at or before the time judged (a possible compromise whenever
/// dated, at a claimed time) is never valid; valid at a time-stamped time implies valid at
/// that time given, and valid at a claim implies valid at the claim's instant given.
/// `R78_N` and `R78_SEED` widen the search (1,060 mixes over three seeds ran clean).
#[test]
fn held_random_crl_and_ocsp_mixes_decide_alike_in_every_order() {
    let mut rng = Rng(std::env::var("R78_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E3779B97F4A7C15));
    let mut pool: Vec<(Spec, Vec<u8>)> = Vec::new();
    for i in 0..60u32 {
        let delta = i % 3 != 0;
        let this = rng.pick(&[3u32, 8, 14, 19, 21, 22, 23, 24, 26]);
        let next = this + rng.pick(&[2u32, 5, 9, 40, 180]);
        let n = [0u64, 0, 0, 0, 1, 1, 2][(rng.next() % 7) as usize];
        let mut entries = Vec::new();
        for _ in 0..n {
            let r = rng.pick(&[1u8, 4, 6, 6, 8, 8, 5, 2, 0, 3]);
            let d = rng.pick(&[2u32, 7, 12, 20, 21, 22, 23, 24, 25]);
            let inv = if r == 1 && rng.next().is_multiple_of(2) {
                Some(rng.pick(&[1u32, 9, 20, 21]))
            } else {
                None
            };
            entries.push((d, r, inv));
        }
        let spec = Spec {
            delta_base: if delta {
                Some(rng.pick(&[10u8, 10, 20]))
            } else {
                None
            },
            number: if delta {
                30 + i as u8
            } else {
                rng.pick(&[10u8, 20, 21])
            },
            this,
            next,
            entries,
        };
        let der = build(&spec);
        pool.push((spec, der));
    }
    let gday = |d: u32| {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + chrono::Days::new(d as u64);
        t.format("%Y%m%d000000Z").to_string()
    };
    let mut ocsp_pool: Vec<OcspItem> = Vec::new();
    for _ in 0..24 {
        let this = rng.pick(&[3u32, 8, 14, 19, 21, 22, 23, 24, 26]);
        let next = rng.pick(&[Some(2u32), Some(9), None]).map(|n| this + n);
        let kind = rng.next() % 4;
        let (status, rv) = match kind {
            0 | 1 => (good(), None),
            _ => {
                let d = rng.pick(&[2u32, 7, 12, 20, 21, 22, 23, 24, 25]).min(this);
                let r = rng.pick(&[1u8, 4, 6, 3]);
                (revoked(&gday(d), Some(r)), Some((d, r)))
            }
        };
        let produced = this + (rng.next() % 2) as u32;
        let der = by_responder(
            &gday(produced),
            &[single(
                &serial(),
                &status,
                &gday(this),
                next.map(gday).as_deref(),
            )],
        );
        ocsp_pool.push((
            format!("ocsp this {this} next {next:?} status {rv:?} produced {produced}"),
            der,
            rv,
        ));
    }
    let mut problems = 0;
    let mut stats = std::collections::BTreeMap::new();
    let scenarios: usize = std::env::var("R78_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    for k in 0..scenarios {
        let n = 2 + (rng.next() % 3) as usize;
        let mut idx: Vec<usize> = Vec::new();
        // at least one complete
        let completes: Vec<usize> = (0..pool.len())
            .filter(|i| pool[*i].0.delta_base.is_none())
            .collect();
        idx.push(rng.pick(&completes));
        while idx.len() < n {
            let j = (rng.next() % pool.len() as u64) as usize;
            if !idx.contains(&j) {
                idx.push(j);
            }
        }
        let crls: Vec<Vec<u8>> = idx.iter().map(|&i| pool[i].1.clone()).collect();
        let nr = (rng.next() % 3) as usize;
        let mut ridx: Vec<usize> = Vec::new();
        while ridx.len() < nr {
            let j = (rng.next() % ocsp_pool.len() as u64) as usize;
            if !ridx.contains(&j) {
                ridx.push(j);
            }
        }
        let responses: Vec<Vec<u8>> = ridx.iter().map(|&i| ocsp_pool[i].1.clone()).collect();
        let mut verdicts = std::collections::BTreeMap::new();
        for (name, e, _) in expectations() {
            let results = every_order(&target(), &crls, &responses, &e);
            let first = results[0].0;
            *stats.entry(format!("{name} {first:?}")).or_insert(0usize) += 1;
            let mut dup = crls.clone();
            dup.push(crls[0].clone());
            let mut rdup = responses.clone();
            if let Some(r) = responses.first() {
                rdup.push(r.clone());
            }
            let (od, _, _) = judge_with(&target(), &dup, &rdup, e.clone());
            if results.iter().any(|(o, _)| *o != first) || od != first {
                problems += 1;
                eprintln!("== ORDER/DUP {name} scenario {k}: dup {od:?}");
                for &i in &idx {
                    eprintln!("  {:?}", pool[i].0);
                }
                for &i in &ridx {
                    eprintln!("  {}", ocsp_pool[i].0);
                }
                for (o, why) in &results {
                    eprintln!("   -> {o:?}: {why}");
                }
            }
            // Oracle: a keyCompromise effective at or before T (any date at a claim) in a
            // CRL issued after the cert's notBefore: never valid.
            let t = match name {
                "claimed" | "given_claim" => 9,
                _ => 22,
            };
            verdicts.insert(name, first);
            let compromised = idx.iter().any(|&i| {
                let s = &pool[i].0;
                s.entries.iter().any(|&(d, r, inv)| {
                    // a delta that lists it removeFromCRL too: skip (removal counts only
                    // when listed no other way, but keep the oracle simple)
                    let start = d.min(s.this).min(inv.unwrap_or(999));
                    (matches!(r, 0..=2) && (name == "claimed" || start <= t))
                        || (!matches!(r, 6 | 8) && start <= t)
                })
            });
            let compromised = compromised || ridx.iter().any(|&i| matches!(ocsp_pool[i].2, Some((d, r)) if (r == 1 && name == "claimed") || (r != 6 && d <= t)));
            if compromised && first == Overall::Valid {
                problems += 1;
                eprintln!("== COMPROMISE VALID {name} scenario {k}");
                for &i in &idx {
                    eprintln!("  {:?}", pool[i].0);
                }
                for &i in &ridx {
                    eprintln!("  {}", ocsp_pool[i].0);
                }
                eprintln!("   -> {}", results[0].1);
            }
        }
        let cross = [("stamped", "given"), ("claimed", "given_claim")];
        for (a, b) in cross {
            if verdicts[a] == Overall::Valid && verdicts[b] != Overall::Valid {
                problems += 1;
                eprintln!("== CROSS {a} valid, {b} {:?}, scenario {k}", verdicts[b]);
                for &i in &idx {
                    eprintln!("  {:?}", pool[i].0);
                }
                for &i in &ridx {
                    eprintln!("  {}", ocsp_pool[i].0);
                }
                for (n, e, _) in expectations() {
                    if n == a || n == b {
                        let (o, _, why) = judge_with(&target(), &crls, &responses, e);
                        eprintln!("   {n} -> {o:?}: {why}");
                    }
                }
            }
        }
    }
    eprintln!("problems: {problems} {stats:?}");
    assert_eq!(problems, 0, "see the mixes printed above");
}

// --- finding 1: a delta's removeFromCRL, the trace of a hold, at a claimed time -------------

/// DEFECT (false VALID at a claimed time). Input: the CA's complete CRL #10 (2026-11-01 ..
/// 2027-05-01, current when checked, omitting the target) and a delta CRL #12 over it
/// (11-20 .. 11-27, current when checked) that lists the target with reason removeFromCRL
/// (dated 11-18): the CA released a hold it had placed after CRL #10 was issued (the base
/// does not list it, and the target had not expired: RFC 5280 §5.3.1's other use of
/// removeFromCRL). The signer claims 11-10; the claim is checked on 11-23.
///
/// Observed: VALID ("CRL #10 with delta CRL #12, issued after the time judged: not
/// revoked then"). The same hold seen on the delta that listed it (delta #11, 11-12,
/// "on hold since 11-11", beside #12 that releases it) makes the claim INDETERMINATE,
/// by the library's rule: at a claimed time a hold on any delta issued at or after the
/// newest complete CRL leaves the claim unknown whenever dated, and no release counts
/// then (README; `delta_standings`, src/revocation/status/standing.rs:223-233). So
/// holding less evidence (dropping #11) turns INDETERMINATE into VALID, though #12 itself
/// proves the hold: the suspended signer signs during the hold and back-dates the claim.
///
/// Expected: not valid (indeterminate: the claim cannot be shown to fall outside a hold
/// the CA's own delta proves it placed and released after its newest complete CRL).
///
/// Cause: `rules::listed` (src/revocation/status/rules.rs:31-47) drops removeFromCRL entries
/// and returns `Listed::No`, so `judge_with` and `standing` (standing.rs:114) see a delta
/// that does not list the certificate; `release` reads it as a release, which does not
/// count at a claimed time, and nothing reads it as the trace of a hold.
///
/// Fix: at a claimed time, a removeFromCRL entry on a delta issued at or after the newest
/// complete CRL, for a certificate that complete CRL does not list on hold, is the newest
/// word on a hold (whenever dated): `Standing::ClaimedHold` / `Judgement::ClaimedHold`, as a
/// hold listed there is.
///
/// Found by review 78 (was a defect). Fixed: at a claimed time, a CRL issued after the claim (by
/// the time checked) that removes the certificate (removeFromCRL) is the trace of a hold
/// (`rules::released_hold`), weighed in `judge_with`'s views and in `standing`: unknown.
#[test]
fn a_deltas_remove_from_crl_keeps_a_hold_from_a_claimed_time() {
    let d11 = delta(
        11,
        10,
        "261112000000Z",
        "261119000000Z",
        vec![entry("261111000000Z", HOLD)],
    );
    let d12 = delta(
        12,
        10,
        "261120000000Z",
        "261127000000Z",
        vec![entry("261118000000Z", 8)],
    );
    // The control: the hold seen on the delta that listed it, released by #12: unknown,
    // in every order.
    for crls in permutations(&[base10(), d11, d12.clone()]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim());
        assert_eq!(o, Overall::Indeterminate, "{why}");
    }
    // Without the control, without the base (untouched: valid), with the release only.
    let (o, _, why) = judge_with(&target(), &[base10()], &[], claim());
    assert_eq!(o, Overall::Valid, "{why}");
    for crls in permutations(&[base10(), d12]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim());
        assert_ne!(
            o,
            Overall::Valid,
            "a delta's removeFromCRL proves a hold placed after the base and released since; a claim cannot be shown to fall outside it: {why}"
        );
    }
}

// --- finding 2: a hold after the claim on an older complete CRL -----------------------------

/// DEFECT (false VALID at a claimed time). Input: the CA's complete CRL #9 (11-12 ..
/// 11-19) lists the target on hold since 11-11; its complete CRL #10 (11-16 .. 2027-05-01,
/// current when checked) no longer lists it (released). The signer claims 11-10, checked
/// 11-23: the signature may have been made at any time up to 11-23, the hold
/// (11-11 .. before 11-16) included.
///
/// Observed: VALID ("CRL #10, issued after the time judged: not revoked then"). The same
/// facts published as deltas (complete CRL #8 of 11-01, delta #11 of 11-12 listing the
/// hold since 11-11, delta #12 of 11-16 releasing it with removeFromCRL, or simply no
/// longer listing it) give INDETERMINATE ("a signature claiming 2026-11-10 cannot be shown
/// to fall outside the hold"). Whether a hold between the claim and the time checked
/// counts depends on whether the CA released it on a complete CRL or on a delta.
///
/// Expected: not valid (indeterminate), as with deltas: a claimed time proves nothing, and
/// a hold the evidence shows between the claim and the time checked leaves the claim in
/// doubt whatever CRL form released it (the library's own reason for "a hold, whenever
/// dated", `rules::strongest` and `TimeSource::Claimed`).
///
/// Cause: `standing` (src/revocation/status/standing.rs:133-141) wants a hold of a complete
/// CRL that is not the newest word only when `start <= at` (in force at the claim); the walk
/// (walk.rs:227-240) sets the older complete CRL aside otherwise. A hold dated after the
/// claim and before the time checked is dropped.
///
/// Fix: at a claimed time, a hold dated after the claim (and at or before `checked_at`) on
/// any CRL whose signer is proven leaves the claim unknown (`Standing::ClaimedHold`), as a
/// hold on the newest word does; or, if releases by complete CRLs are to count, count
/// releases by deltas alike (the verdict must not depend on the CRL form).
///
/// Found by review 78 (was a defect). Fixed: `standing` weighs, at a claimed time, a hold from
/// after the claim (by the time checked) as a claimed hold: unknown.
#[test]
fn a_hold_after_the_claim_released_by_a_complete_crl_leaves_it_unknown() {
    // The control: the same hold and release as deltas: unknown.
    let b8 = crl(8, "261101000000Z", "270501000000Z", &[]);
    let d11 = delta(
        11,
        8,
        "261112000000Z",
        "261119000000Z",
        vec![entry("261111000000Z", HOLD)],
    );
    let d12 = delta(
        12,
        8,
        "261116000000Z",
        "261127000000Z",
        vec![entry("261115000000Z", 8)],
    );
    for crls in permutations(&[b8, d11, d12]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim());
        assert_eq!(o, Overall::Indeterminate, "{why}");
    }
    let c9 = crl(
        9,
        "261112000000Z",
        "261119000000Z",
        &[("261111000000Z", HOLD)],
    );
    let c10 = crl(10, "261116000000Z", "270501000000Z", &[]);
    for crls in permutations(&[c9, c10]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim());
        assert_ne!(
            o,
            Overall::Valid,
            "a hold between the claim and the time checked, released by a complete CRL, let the claim pass: {why}"
        );
    }
}

// --- held -------------------------------------------------------------------------------------

/// HELD. At a given and a time-stamped time (11-23), a base CRL that lists a hold from
/// before the time and a delta issued after it that releases the hold (removeFromCRL): the
/// base proves the hold at the time, the later delta shows it lifted by its own date only
/// (invalid), in every order and with a duplicate; the same release issued before the time
/// (fresh then, current when checked) lifts it (valid).
#[test]
fn held_a_release_after_the_time_does_not_lift_a_hold_in_force_then() {
    let base = crl(
        10,
        "261101000000Z",
        "270501000000Z",
        &[("261105000000Z", HOLD)],
    );
    let late = delta(
        12,
        10,
        "261125000000Z",
        "261202000000Z",
        vec![entry("261124000000Z", 8)],
    );
    let early = delta(
        12,
        10,
        "261120000000Z",
        "261201000000Z",
        vec![entry("261119000000Z", 8)],
    );
    for e in [at_t(), stamped()] {
        for crls in permutations(&[base.clone(), late.clone(), late.clone()]) {
            let (o, _, why) = judge_with(&target(), &crls, &[], e.clone());
            assert_eq!(o, Overall::Invalid, "{why}");
        }
        for crls in permutations(&[base.clone(), early.clone()]) {
            let (o, _, why) = judge_with(&target(), &crls, &[], e.clone());
            assert_eq!(o, Overall::Valid, "{why}");
        }
    }
}

/// HELD. Hold, release, hold again across numbered deltas over one base (#11 hold since
/// 11-15, #12 removeFromCRL on 11-20, #13 hold again since 11-24, issued 11-25): at 11-23
/// given, valid (released then, the second hold later); at 11-26 given, invalid; at a claim
/// (11-10, checked 11-23 with #13 absent, or 11-30 with it), not valid; every order.
#[test]
fn held_hold_release_hold_across_deltas() {
    let d11 = delta(
        11,
        10,
        "261116000000Z",
        "261123000000Z",
        vec![entry("261115000000Z", HOLD)],
    );
    let d12 = delta(
        12,
        10,
        "261120000000Z",
        "261127000000Z",
        vec![entry("261120000000Z", 8)],
    );
    let d13 = delta(
        13,
        10,
        "261125000000Z",
        "261202000000Z",
        vec![entry("261124000000Z", HOLD)],
    );
    let all = [base10(), d11.clone(), d12.clone(), d13];
    for crls in permutations(&all) {
        let (o, _, why) = judge_with(&target(), &crls, &[], at_t());
        assert_eq!(o, Overall::Valid, "{why}");
        let (o, _, why) = judge(&target(), &crls, &[], "2026-11-26T00:00:00Z");
        assert_eq!(o, Overall::Invalid, "{why}");
        let (o, _, why) = judge_with(
            &target(),
            &crls,
            &[],
            claimed("2026-11-10T00:00:00Z", "2026-11-30T00:00:00Z"),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
    for crls in permutations(&[base10(), d11, d12]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim());
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// HELD. At a time-stamped time (11-23, checked 11-30): a keyCompromise listed only by a
/// delta issued after the time (11-26) with an invalidityDate before it (11-21) revokes;
/// a superseded revocation dated after the time (11-25) on a CRL issued after it does not
/// (valid: the signature is proven to predate it); the same superseded entry at a claim
/// of 11-10 (checked 11-30) is not a compromise (valid, the documented rule), a
/// keyCompromise dated after the claim is (invalid). Every order.
#[test]
fn held_revocations_dated_around_a_proven_and_a_claimed_time() {
    let compromise = forge::crl_entry(
        &serial(),
        "261126000000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261121000000Z"),
        ],
    );
    let late_compromise = delta(12, 10, "261126000000Z", "261203000000Z", vec![compromise]);
    for crls in permutations(&[base10(), late_compromise]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], stamped());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
    let superseded = delta(
        12,
        10,
        "261126000000Z",
        "261203000000Z",
        vec![entry("261125000000Z", 4)],
    );
    let kc_after_claim = delta(
        12,
        10,
        "261126000000Z",
        "261203000000Z",
        vec![entry("261125000000Z", KEY_COMPROMISE)],
    );
    let claim30 = claimed("2026-11-10T00:00:00Z", "2026-11-30T00:00:00Z");
    for crls in permutations(&[base10(), superseded]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], stamped());
        assert_eq!(o, Overall::Valid, "{why}");
        let (o, _, why) = judge_with(&target(), &crls, &[], claim30.clone());
        assert_eq!(o, Overall::Valid, "{why}");
    }
    for crls in permutations(&[base10(), kc_after_claim]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim30.clone());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

// --- finding 3: the newest complete CRL's hold after the claim, released by a delta ----------

/// DEFECT (false VALID at a claimed time). Input: the CA's complete CRL #10 (11-13 ..
/// 2027-05-01, the newest complete CRL) lists the target on hold since 11-12; delta CRL #12
/// over it (11-20 .. 11-27, current when checked) releases it (removeFromCRL). The signer
/// claims 11-10, checked 11-23: the signature may have been made during the hold.
///
/// Observed: VALID, in both orders ("CRL #10 with delta CRL #12, issued after the time
/// judged: not revoked then"). The same hold listed on a delta instead (base #8 of 11-01,
/// delta #11 listing it since 11-11, delta #12 releasing it: the control of
/// `defect_a_hold_after_the_claim_released_by_a_complete_crl_is_ignored`) is
/// INDETERMINATE: "no release counts at a claimed time" (`delta_standings`) holds for a
/// hold a delta lists, not for one the base lists.
///
/// Expected: not valid (indeterminate): the newest complete CRL lists a hold the claim
/// cannot be shown to fall outside; a delta's release does not count at a claimed time.
///
/// Cause: `judge_with` (src/revocation/status/rules.rs:291-300) asks the earlier views (the
/// base alone) only for a hold in force at the claimed time (`effective_start(..) <= at`);
/// the newest view (base + #12) reads the release (`listed`, rules.rs:33-47) and lists
/// nothing. The walk's `standing` (standing.rs:135-136) has the same `start <= at` for a
/// complete CRL that is not the newest word.
///
/// Fix: at a claimed time, a hold on the newest complete CRL (or any view at or after it)
/// is the newest word whenever dated, as a delta's is; the earlier-views loop of
/// `judge_with` then drops `<= at` for the base alone of the newest complete CRL.
///
/// Found by review 78 (was a defect). Fixed: `judge_with` asks the earlier views (the base alone,
/// older deltas) for a hold from after the claim too, not only one in force at it.
#[test]
fn the_newest_complete_crls_hold_after_the_claim_released_by_a_delta_leaves_it_unknown() {
    let base = crl(
        10,
        "261113000000Z",
        "270501000000Z",
        &[("261112000000Z", HOLD)],
    );
    // The control: the base alone, its hold the newest word: unknown.
    let (o, _, why) = judge_with(&target(), std::slice::from_ref(&base), &[], claim());
    assert_eq!(o, Overall::Indeterminate, "{why}");
    let d12 = delta(
        12,
        10,
        "261120000000Z",
        "261127000000Z",
        vec![entry("261118000000Z", 8)],
    );
    for crls in permutations(&[base, d12]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], claim());
        assert_ne!(
            o,
            Overall::Valid,
            "the newest complete CRL's hold after the claim, released by a delta, let the claim pass: {why}"
        );
    }
}
