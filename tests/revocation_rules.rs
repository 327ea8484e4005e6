//! What a CRL proves, and when: one test per row of the rule table (README "Security
//! rules"; `revocation::status`), on CRLs issued by the project's test CA in the test
//! (`common::forge`), and the account of every supplied CRL in the verdict (none dropped
//! silently), one test per reason a CRL is not used.

mod common;

use common::forge::{self, Ca, CrlSpec};
use common::{pki, time};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verdict, Verifier};

/// `individual_sign.cer` (valid 2026-01-01..2027-01-01) re-issued as it is, or with
/// another validity.
fn cert(validity: Option<(&str, &str)>) -> Certificate {
    let template = Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap())
        .unwrap()
        .der()
        .to_vec();
    Certificate::from_der(&Ca::nca_rsa().reissue(&template, |t| {
        if let Some((nb, na)) = validity {
            t.validity(nb, na);
        }
    }))
    .unwrap()
}

fn verifier(crls: &[Vec<u8>]) -> Verifier {
    verifier_with(crls, |b| b)
}

fn verifier_with(
    crls: &[Vec<u8>],
    f: impl FnOnce(qoltanba::VerifierBuilder) -> qoltanba::VerifierBuilder,
) -> Verifier {
    common::rsa_verifier_with_crls(crls, f)
}

fn judge(v: &Verifier, cert: &Certificate, at: &str) -> Verdict {
    v.check_certificate(cert, &Expectation::at(time(at)))
}

fn revocation(v: &Verdict) -> (Outcome, &str) {
    let c = v
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .unwrap();
    (c.outcome(), c.reason())
}

fn entry(cert: &Certificate, date: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    forge::crl_entry(cert.serial(), date, exts)
}

const KEY_COMPROMISE: u8 = 1;
const AFFILIATION_CHANGED: u8 = 3;
const HOLD: u8 = 6;

// --- the rows --------------------------------------------------------------------------

#[test]
fn a_crl_issued_before_the_certificate_says_nothing_of_it() {
    let c = cert(None);
    let crl = Ca::nca_rsa().crl(&CrlSpec::complete(5, "251201000000Z", "261231000000Z"));
    let v = judge(&verifier(&[crl]), &c, "2026-06-01T00:00:00Z");
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Unknown, "{why}");
    assert!(why.contains("predates the certificate"), "{why}");
    assert_eq!(v.overall(), Overall::Indeterminate);
}

#[test]
fn a_permanent_revocation_before_the_time_is_proven_by_any_crl() {
    let c = cert(None);
    // Stale at the time judged, but it dates the revocation before it.
    let crl = Ca::nca_rsa().crl(
        &CrlSpec::complete(5, "260301000000Z", "260401000000Z").entries(vec![entry(
            &c,
            "260315000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let v = judge(&verifier(&[crl]), &c, "2026-06-01T00:00:00Z");
    assert_eq!(revocation(&v).0, Outcome::Failed, "{:?}", revocation(&v));
}

#[test]
fn a_hold_proves_suspension_only_while_the_crl_proves_the_time() {
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let on_hold = |this: &str, next: &str| {
        ca.crl(&CrlSpec::complete(5, this, next).entries(vec![entry(
            &c,
            "260301000000Z",
            &[forge::reason(HOLD)],
        )]))
    };
    // Fresh at the time: on hold.
    let v = judge(
        &verifier(&[on_hold("260401000000Z", "260501000000Z")]),
        &c,
        "2026-04-15T00:00:00Z",
    );
    assert_eq!(revocation(&v).0, Outcome::Failed);
    // Issued after the time and still listing it: on hold then.
    let v = judge(
        &verifier(&[on_hold("260401000000Z", "260501000000Z")]),
        &c,
        "2026-03-15T00:00:00Z",
    );
    assert_eq!(revocation(&v).0, Outcome::Failed);
    // Stale at the time: the hold may have been lifted.
    let v = judge(
        &verifier(&[on_hold("260401000000Z", "260501000000Z")]),
        &c,
        "2026-06-15T00:00:00Z",
    );
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Unknown, "{why}");
    assert!(why.contains("on hold"), "{why}");
}

#[test]
fn not_listed_by_a_fresh_crl_is_not_revoked() {
    let c = cert(None);
    let crl = Ca::nca_rsa().crl(&CrlSpec::complete(5, "260401000000Z", "260501000000Z"));
    let v = judge(&verifier(&[crl]), &c, "2026-04-15T00:00:00Z");
    assert_eq!(revocation(&v).0, Outcome::Passed);
}

#[test]
fn a_later_crl_proves_a_past_time() {
    let c = cert(None);
    let ca = Ca::nca_rsa();
    // Not listed at all.
    let crl = ca.crl(&CrlSpec::complete(5, "261101000000Z", "270501000000Z"));
    let v = judge(&verifier(&[crl]), &c, "2026-03-01T00:00:00Z");
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Passed, "{why}");
    assert!(why.contains("issued after the time judged"), "{why}");
    // Listed from a date after the time (not a compromise): good then.
    let crl = ca.crl(
        &CrlSpec::complete(5, "261101000000Z", "270501000000Z").entries(vec![entry(
            &c,
            "260801000000Z",
            &[forge::reason(AFFILIATION_CHANGED)],
        )]),
    );
    let v = judge(
        &verifier(std::slice::from_ref(&crl)),
        &c,
        "2026-03-01T00:00:00Z",
    );
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // ... and revoked after it.
    let v = judge(&verifier(&[crl]), &c, "2026-09-01T00:00:00Z");
    assert_eq!(v.overall(), Overall::Invalid);
}

#[test]
fn an_invalidity_date_before_the_time_revokes() {
    let c = cert(None);
    let crl = Ca::nca_rsa().crl(
        &CrlSpec::complete(5, "261101000000Z", "270501000000Z").entries(vec![entry(
            &c,
            "260801000000Z",
            &[
                forge::reason(KEY_COMPROMISE),
                forge::invalidity_date("20260201000000Z"),
            ],
        )]),
    );
    let v = judge(&verifier(&[crl]), &c, "2026-03-01T00:00:00Z");
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Failed, "{why}");
}

#[test]
fn a_later_crl_cannot_speak_of_a_certificate_expired_before_it_unless_it_keeps_them() {
    // Valid 2025-01-01..2026-01-01, judged at 2025-06-01 with a CRL of 2026-11-01.
    let c = cert(Some(("250101000000Z", "260101000000Z")));
    let ca = Ca::nca_rsa();
    let crl = ca.crl(&CrlSpec::complete(5, "261101000000Z", "270501000000Z"));
    let v = judge(&verifier(&[crl]), &c, "2025-06-01T00:00:00Z");
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Unknown, "{why}");
    assert!(why.contains("expired"), "{why}");
    // ExpiredCertsOnCRL (2.5.29.60) from 2024-01-01: it keeps them.
    let mut spec = CrlSpec::complete(5, "261101000000Z", "270501000000Z");
    spec.extensions.push(forge::ext(
        &[0x55, 0x1d, 0x3c],
        false,
        &forge::gen_time("20240101000000Z"),
    ));
    let v = judge(&verifier(&[ca.crl(&spec)]), &c, "2025-06-01T00:00:00Z");
    assert_eq!(revocation(&v).0, Outcome::Passed, "{:?}", revocation(&v));
}

#[test]
fn a_stale_crl_proves_nothing_of_the_time() {
    let c = cert(None);
    let crl = Ca::nca_rsa().crl(&CrlSpec::complete(5, "260301000000Z", "260401000000Z"));
    let v = judge(&verifier(&[crl]), &c, "2026-06-01T00:00:00Z");
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Unknown);
    assert!(why.contains("not fresh"), "{why}");
}

// --- delta CRLs numbered the NCA way ----------------------------------------------------

#[test]
fn a_delta_numbered_below_its_base_applies_and_revokes() {
    // The NCA's 2025 kit: base #14, delta #10 over base 14. A delta revoking the
    // certificate was dropped (the certificate judged valid).
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(14, "261101000000Z", "270501000000Z"));
    let delta = ca.crl(
        &CrlSpec::delta(10, 14, "261115000000Z", "261215000000Z").entries(vec![entry(
            &c,
            "261110000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let v = judge(
        &verifier(&[base.clone(), delta]),
        &c,
        "2026-11-23T00:00:00Z",
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    let (_, why) = revocation(&v);
    assert!(why.contains("delta CRL #10"), "{why}");
    // Without the delta the base alone says good.
    let v = judge(&verifier(&[base]), &c, "2026-11-23T00:00:00Z");
    assert_eq!(v.overall(), Overall::Valid);
}

#[test]
fn among_applicable_deltas_the_newest_decides() {
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(14, "261101000000Z", "270501000000Z"));
    // An older delta puts it on hold; the newest lifts it (removeFromCRL).
    let older = ca.crl(
        &CrlSpec::delta(10, 14, "261110000000Z", "261210000000Z").entries(vec![entry(
            &c,
            "261105000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let newer = ca.crl(
        &CrlSpec::delta(11, 14, "261120000000Z", "261220000000Z").entries(vec![entry(
            &c,
            "261105000000Z",
            &[forge::reason(8)],
        )]),
    );
    let v = judge(&verifier(&[base, older, newer]), &c, "2026-11-23T00:00:00Z");
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(revocation(&v).1.contains("delta CRL #11"));
}

// --- every CRL accounted for ------------------------------------------------------------

fn note_of<'a>(v: &'a Verdict, crl_starts: &str) -> &'a qoltanba::revocation::CrlUse {
    v.crls()
        .iter()
        .find(|u| u.crl().starts_with(crl_starts))
        .unwrap_or_else(|| panic!("{crl_starts} not reported: {:#?}", v.crls()))
}

#[test]
fn a_delta_without_its_base_is_said_to_have_no_complete_crl() {
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let delta = ca.crl(&CrlSpec::delta(10, 14, "261115000000Z", "261215000000Z"));
    let v = judge(&verifier(&[delta]), &c, "2026-11-23T00:00:00Z");
    assert_eq!(v.overall(), Overall::Indeterminate);
    let u = note_of(&v, "delta CRL #10");
    assert!(!u.used());
    assert!(u.note().contains("no complete CRL"), "{}", u.note());
    // A base numbered below the delta's BaseCRLNumber does not take it.
    let base = ca.crl(&CrlSpec::complete(13, "261101000000Z", "270501000000Z"));
    let delta = ca.crl(&CrlSpec::delta(10, 14, "261115000000Z", "261215000000Z"));
    let v = judge(&verifier(&[base, delta]), &c, "2026-11-23T00:00:00Z");
    let u = note_of(&v, "delta CRL #10");
    assert!(
        !u.used() && u.note().contains("numbered 14 or later"),
        "{}",
        u.note()
    );
    assert!(note_of(&v, "CRL #13").used());
}

#[test]
fn every_supplied_crl_is_used_or_named_with_its_reason() {
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let older = ca.crl(&CrlSpec::complete(7, "261001000000Z", "270401000000Z"));
    let newest = ca.crl(&CrlSpec::complete(8, "261101000000Z", "270501000000Z"));
    // Scope: CA certificates only (issuingDistributionPoint onlyContainsCACerts).
    let mut ca_only = CrlSpec::complete(9, "261110000000Z", "270501000000Z");
    ca_only.extensions.push(forge::ext(
        &[0x55, 0x1d, 0x1c],
        true,
        &forge::seq(&[&forge::tlv(0x82, &[0xff])]),
    ));
    let ca_only = ca.crl(&ca_only);
    let forged = std::fs::read(pki("nca_rsa_forged.crl")).unwrap();
    let other = std::fs::read(pki("ecdsa_ca.crl")).unwrap();
    let v = judge(
        &verifier(&[older, newest, ca_only, forged, other]),
        &c,
        "2026-11-23T00:00:00Z",
    );
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(note_of(&v, "CRL #8").used());
    let older = note_of(&v, "CRL #7");
    assert!(
        !older.used() && older.note().contains("older than CRL #8"),
        "{}",
        older.note()
    );
    let scope = note_of(&v, "CRL #9");
    assert!(
        !scope.used() && scope.note().contains("only CA certificates"),
        "{}",
        scope.note()
    );
    let forged = note_of(&v, "CRL #200");
    assert!(
        !forged.used() && forged.note().contains("cannot be trusted"),
        "{}",
        forged.note()
    );
    let other = v
        .crls()
        .iter()
        .find(|u| u.crl().contains("ECDSA"))
        .expect("the ECDSA CA's CRL");
    assert!(
        !other.used() && other.note().contains("other issuer"),
        "{}",
        other.note()
    );
    // The root's CRL proved the CA.
    assert!(v
        .crls()
        .iter()
        .any(|u| u.used() && u.crl().contains("НЕГІЗГІ")));
    // Every CRL the verifier holds is in the verdict.
    assert_eq!(v.crls().len(), 6);
}

// --- the caller's freshness policy ------------------------------------------------------

#[test]
fn a_maximum_age_makes_an_old_base_crl_stale_and_a_delta_timely() {
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(14, "261101000000Z", "270501000000Z"));
    let day = chrono::Duration::hours(24);
    let v = verifier_with(std::slice::from_ref(&base), |b| b.crl_max_age(day));
    let v = judge(&v, &c, "2026-11-23T00:00:00Z");
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Unknown, "{why}");
    assert!(why.contains("maximum age 1d"), "{why}");
    let delta = ca.crl(&CrlSpec::delta(3, 14, "261122120000Z", "261123120000Z"));
    let v = verifier_with(&[base, delta], |b| b.crl_max_age(day));
    let v = judge(&v, &c, "2026-11-23T00:00:00Z");
    assert_eq!(revocation(&v).0, Outcome::Passed, "{:?}", revocation(&v));
}

#[cfg(feature = "cli")]
#[test]
fn the_cli_reports_every_crl_and_takes_a_maximum_age() {
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(["cert", "verify"])
            .arg(pki("individual_sign.cer"))
            .arg("--trust")
            .arg(pki("root.cer"))
            .arg("--intermediate")
            .arg(pki("nca_rsa.cer"))
            .arg("--crl")
            .arg(pki("nca_rsa_current.crl"))
            .arg("--crl")
            .arg(pki("nca_rsa_stale.crl"))
            .args(["--at", "2026-11-23T00:00:00Z"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("CRL used:"), "{text}");
    assert!(
        text.contains("CRL not used:") && text.contains("older than CRL #100"),
        "{text}"
    );
    let out = run(&["--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let crls = json["crls"].as_array().expect("crls in JSON");
    assert_eq!(crls.len(), 2, "{json}");
    // CRL #100 is from 2026-11-01: older than a week at 2026-11-23.
    let out = run(&["--crl-max-age", "7d"]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("maximum age 7d"));
    for bad in ["0h", "7", "7w", "-1d"] {
        let out = run(&["--crl-max-age", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {out:?}");
    }
}

// --- review of 2026-12-06: holds over time ------------------------------------------------

const REMOVE_FROM_CRL: u8 = 8;

#[test]
fn an_older_delta_does_not_complete_a_newer_base() {
    // Complete CRL #15 lists the certificate on hold; delta #10 over base 14 is older than
    // #15 and carries the removeFromCRL of an earlier hold. Applied to #15 it lifted the
    // hold #15 lists: a delta must be issued no earlier than the base it completes (the
    // NCA numbers deltas apart, so the times are compared, not the numbers).
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let base = ca.crl(
        &CrlSpec::complete(15, "261120000000Z", "270501000000Z").entries(vec![entry(
            &c,
            "261118000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let older_delta = ca.crl(
        &CrlSpec::delta(10, 14, "261110000000Z", "261210000000Z").entries(vec![entry(
            &c,
            "261105000000Z",
            &[forge::reason(REMOVE_FROM_CRL)],
        )]),
    );
    let v = judge(
        &verifier(&[base.clone(), older_delta]),
        &c,
        "2026-11-23T00:00:00Z",
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
    let u = note_of(&v, "delta CRL #10");
    assert!(
        !u.used() && u.note().contains("issued before"),
        "{}",
        u.note()
    );
    // A delta issued after the base completes it. One issued with the base (the same
    // thisUpdate) completes it too, but its removeFromCRL does not lift the hold the base
    // lists at that same instant: neither is newer than the other (review 15,
    // `rereview5.rs`).
    for (this_update, lifted) in [("261120000000Z", false), ("261122000000Z", true)] {
        let delta = ca.crl(
            &CrlSpec::delta(11, 15, this_update, "261220000000Z").entries(vec![entry(
                &c,
                "261118000000Z",
                &[forge::reason(REMOVE_FROM_CRL)],
            )]),
        );
        let v = judge(
            &verifier(&[base.clone(), delta]),
            &c,
            "2026-11-23T00:00:00Z",
        );
        if lifted {
            assert_eq!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
            assert!(revocation(&v).1.contains("delta CRL #11"));
        } else {
            assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
        }
    }
}

#[test]
fn a_hold_proven_at_the_time_stands_against_a_later_crl_that_no_longer_lists_it() {
    // #20 is fresh at the time judged and lists the certificate on hold; #21, issued after
    // it, no longer lists it (the hold was lifted in between). A later CRL proves that no
    // revocation was made before it, not that no hold was in force then.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let crl20 =
        |entries| ca.crl(&CrlSpec::complete(20, "261111000000Z", "261118000000Z").entries(entries));
    let released = ca.crl(&CrlSpec::complete(21, "261125000000Z", "261202000000Z"));
    let at = "2026-11-15T00:00:00Z";
    let on_hold = crl20(vec![entry(&c, "261110000000Z", &[forge::reason(HOLD)])]);
    let v = judge(&verifier(&[on_hold, released.clone()]), &c, at);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
    assert!(revocation(&v).1.contains("CRL #20"), "{:?}", revocation(&v));
    // No entry at all: the later CRL proves the time, and #20 is accounted for as not
    // needed.
    let v = judge(&verifier(&[crl20(Vec::new()), released.clone()]), &c, at);
    assert_eq!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
    assert!(revocation(&v).1.contains("CRL #21"), "{:?}", revocation(&v));
    let u = note_of(&v, "CRL #20");
    assert!(!u.used() && u.note().contains("no hold"), "{}", u.note());
    // A hold #20 dates after the time judged (11-16) is dated after #20 itself was issued
    // (11-11): a CRL lists no hold yet to come, so it is on hold from #20's thisUpdate,
    // before the time judged (review 40; this case was valid before).
    let v = judge(
        &verifier(&[
            crl20(vec![entry(&c, "261116000000Z", &[forge::reason(HOLD)])]),
            released.clone(),
        ]),
        &c,
        at,
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
    assert!(
        revocation(&v).1.contains("taken from its thisUpdate"),
        "{:?}",
        revocation(&v)
    );
    // A permanent revocation a later CRL lists from before the time still revokes, with
    // #20 fresh and silent beside it.
    let revoked = ca.crl(
        &CrlSpec::complete(21, "261125000000Z", "261202000000Z").entries(vec![entry(
            &c,
            "261114000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let v = judge(&verifier(&[crl20(Vec::new()), revoked]), &c, at);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
}

#[test]
fn a_hold_proven_at_the_time_stands_against_a_later_delta_of_the_same_base() {
    // The same as above within one complete CRL: #20 is fresh at the time judged and lists
    // the certificate on hold; its delta, issued after that time, lifts the hold
    // (removeFromCRL) or turns it into a revocation dated after the time. The delta's view
    // proves no revocation before it, not the absence of the hold then.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let base = ca.crl(
        &CrlSpec::complete(20, "261111000000Z", "261118000000Z").entries(vec![entry(
            &c,
            "261110000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let at = "2026-11-15T00:00:00Z";
    for (what, reason, date) in [
        ("lifted", REMOVE_FROM_CRL, "261110000000Z"),
        ("revoked after the time", KEY_COMPROMISE, "261120000000Z"),
    ] {
        let delta = ca.crl(
            &CrlSpec::delta(5, 20, "261121000000Z", "261201000000Z").entries(vec![entry(
                &c,
                date,
                &[forge::reason(reason)],
            )]),
        );
        let v = judge(&verifier(&[base.clone(), delta]), &c, at);
        assert_eq!(
            v.overall(),
            Overall::Invalid,
            "{what}: {:?}",
            revocation(&v)
        );
    }
    // A hold that began after the time judged, listed by the delta issued after it (the
    // base, fresh at the time judged, omits it): not on hold then.
    let silent = ca.crl(&CrlSpec::complete(20, "261111000000Z", "261118000000Z"));
    let delta = ca.crl(
        &CrlSpec::delta(5, 20, "261121000000Z", "261201000000Z").entries(vec![entry(
            &c,
            "261116000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let v = judge(&verifier(&[silent, delta]), &c, at);
    assert_eq!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
    // The base dating the hold after the time judged (11-16), after its own thisUpdate
    // (11-11): on hold from that thisUpdate, proven at the time judged, and the later
    // delta's removeFromCRL does not lift it then (review 40; this case was valid before).
    let later_hold = ca.crl(
        &CrlSpec::complete(20, "261111000000Z", "261118000000Z").entries(vec![entry(
            &c,
            "261116000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let delta = ca.crl(
        &CrlSpec::delta(5, 20, "261121000000Z", "261201000000Z").entries(vec![entry(
            &c,
            "261116000000Z",
            &[forge::reason(REMOVE_FROM_CRL)],
        )]),
    );
    let v = judge(&verifier(&[later_hold, delta]), &c, at);
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", revocation(&v));
}

#[test]
fn an_older_crl_fresh_at_the_time_cannot_prove_lifted_a_hold_a_newer_one_lists() {
    // #31 (2026-11-05, stale on 11-15) lists the certificate on hold since 11-04; #30, an
    // older CRL of 11-01 that is still fresh on 11-15, does not list it: it was issued
    // before the hold and knows nothing of it. Whether the hold was lifted by 11-15 is not
    // proven. A CRL issued after that hold and fresh at the time does prove it.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let older_fresh = ca.crl(&CrlSpec::complete(30, "261101000000Z", "261130000000Z"));
    let newer_stale = ca.crl(
        &CrlSpec::complete(31, "261105000000Z", "261110000000Z").entries(vec![entry(
            &c,
            "261104000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let at = "2026-11-15T00:00:00Z";
    let v = judge(&verifier(&[older_fresh, newer_stale.clone()]), &c, at);
    assert_eq!(v.overall(), Overall::Indeterminate, "{:?}", revocation(&v));
    let u = note_of(&v, "CRL #30");
    assert!(
        !u.used() && u.note().contains("cannot prove the hold lifted"),
        "{}",
        u.note()
    );
    let lifted = ca.crl(&CrlSpec::complete(32, "261112000000Z", "261130000000Z"));
    let v = judge(&verifier(&[newer_stale, lifted]), &c, at);
    assert_eq!(v.overall(), Overall::Valid, "{:?}", revocation(&v));
    assert!(revocation(&v).1.contains("CRL #32"), "{:?}", revocation(&v));
}

#[test]
fn a_hold_in_force_before_the_time_is_not_proven_lifted_by_a_later_crl_or_delta() {
    // #20 (2026-11-01 .. 11-08, stale on 11-15) lists the certificate on hold since 10-25;
    // a CRL issued after the time (#21) no longer lists it, or #20's delta of 11-25 lifts
    // it. The hold was lifted at some time before 11-25: whether it was still in force on
    // 11-15 is not proven (#20 alone says as much). Found by the review of 2026-12-06.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let on_hold = ca.crl(
        &CrlSpec::complete(20, "261101000000Z", "261108000000Z").entries(vec![entry(
            &c,
            "261025000000Z",
            &[forge::reason(HOLD)],
        )]),
    );
    let at = "2026-11-15T00:00:00Z";
    let v = judge(&verifier(std::slice::from_ref(&on_hold)), &c, at);
    assert_eq!(v.overall(), Overall::Indeterminate, "{:?}", revocation(&v));
    let later_crl = ca.crl(&CrlSpec::complete(21, "261125000000Z", "261202000000Z"));
    let later_delta = ca.crl(
        &CrlSpec::delta(5, 20, "261125000000Z", "261202000000Z").entries(vec![entry(
            &c,
            "261025000000Z",
            &[forge::reason(REMOVE_FROM_CRL)],
        )]),
    );
    for later in [later_crl, later_delta] {
        let v = judge(&verifier(&[on_hold.clone(), later]), &c, at);
        assert_eq!(v.overall(), Overall::Indeterminate, "{:?}", revocation(&v));
        assert!(
            revocation(&v).1.contains("on hold since"),
            "{:?}",
            revocation(&v)
        );
    }
}

// --- review of 2026-12-06 (h-review4) ---------------------------------------------------

#[test]
fn a_stale_hold_is_not_proven_lifted_by_a_later_delta_of_an_older_base() {
    // #21 (2026-11-01 .. 11-08, stale on 11-15) lists the certificate on hold since 10-25;
    // it carries an issuingDistributionPoint (onlyContainsUserCerts), so the delta of
    // 11-25 over the older #20 (no issuingDistributionPoint) completes #20 only. #20 with
    // that delta, issued after the time judged, shows the hold lifted by 11-25, not when:
    // the same evidence as `a_hold_in_force_before_the_time_is_not_proven_lifted_by_a_later_crl_or_delta`,
    // where it is indeterminate. status_inner's `stale_hold` only turns away an older
    // CRL's Judgement::NotRevoked, not its Judgement::NotRevokedSince.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let mut spec = CrlSpec::complete(21, "261101000000Z", "261108000000Z").entries(vec![entry(
        &c,
        "261025000000Z",
        &[forge::reason(HOLD)],
    )]);
    spec.extensions.push(forge::ext(
        &[0x55, 0x1d, 0x1c],
        true,
        &forge::seq(&[&forge::tlv(0x81, &[0xff])]),
    ));
    let on_hold = ca.crl(&spec);
    let older = ca.crl(&CrlSpec::complete(20, "261020000000Z", "261027000000Z"));
    let later_delta = ca.crl(&CrlSpec::delta(5, 20, "261125000000Z", "261202000000Z"));
    let at = "2026-11-15T00:00:00Z";
    // #21 alone: indeterminate (the hold may still be in force).
    let v = judge(&verifier(std::slice::from_ref(&on_hold)), &c, at);
    assert_eq!(v.overall(), Overall::Indeterminate, "{:?}", revocation(&v));
    let v = judge(&verifier(&[on_hold, older, later_delta]), &c, at);
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{:?} {:#?}",
        revocation(&v),
        v.crls()
    );
}

#[test]
fn a_revocation_listed_by_a_delta_issued_before_a_newer_base_still_revokes() {
    // Delta #10 over base 14 (2026-11-10) lists the certificate revoked (keyCompromise,
    // 11-05); complete CRL #15 (11-20, fresh on 11-23) does not list it. Before d6f3986 the
    // delta applied to #15 and the certificate was revoked; now the delta, issued before
    // #15, is set aside ("issued before") and #15 alone proves it good. A permanent
    // revocation signed by the CA cannot be undone (README: "revoked, whatever the CRL's
    // age"): the delta's removeFromCRL entries may be stale, its revocations are not.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(15, "261120000000Z", "270501000000Z"));
    let older_delta = ca.crl(
        &CrlSpec::delta(10, 14, "261110000000Z", "261210000000Z").entries(vec![entry(
            &c,
            "261105000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let v = judge(&verifier(&[base, older_delta]), &c, "2026-11-23T00:00:00Z");
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "{:?} {:#?}",
        revocation(&v),
        v.crls()
    );
}

#[test]
fn a_revocation_an_older_complete_crl_lists_is_not_undone_by_a_newer_one() {
    // Complete CRL #5 (stale at the time judged) lists the certificate revoked
    // (keyCompromise, 2026-03-15); #6, fresh on 06-15, no longer lists it. A CA cannot undo
    // a permanent revocation (rule 2: "whatever the CRL's age"): revoked. Before, the newest
    // CRL alone decided and the certificate was valid.
    let c = cert(None);
    let ca = Ca::nca_rsa();
    let older = |reason: u8, date: &str| {
        ca.crl(
            &CrlSpec::complete(5, "260401000000Z", "260501000000Z").entries(vec![entry(
                &c,
                date,
                &[forge::reason(reason)],
            )]),
        )
    };
    let newer = ca.crl(&CrlSpec::complete(6, "260601000000Z", "260701000000Z"));
    let v = judge(
        &verifier(&[newer.clone(), older(KEY_COMPROMISE, "260315000000Z")]),
        &c,
        "2026-06-15T00:00:00Z",
    );
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Failed, "{why}");
    assert!(why.contains("#5") || why.contains("not undone"), "{why}");
    assert_ne!(v.overall(), Overall::Valid);
    assert!(note_of(&v, "CRL #5").used(), "{:#?}", v.crls());

    // A revocation dated after the time judged says nothing of it: the newer CRL proves it.
    let v = judge(
        &verifier(&[newer.clone(), older(KEY_COMPROMISE, "260315000000Z")]),
        &c,
        "2026-03-01T00:00:00Z",
    );
    assert_eq!(revocation(&v).0, Outcome::Passed, "{:?}", revocation(&v));

    // A hold the newer CRL no longer lists was lifted: not revoked.
    let v = judge(
        &verifier(&[newer.clone(), older(HOLD, "260315000000Z")]),
        &c,
        "2026-06-15T00:00:00Z",
    );
    assert_eq!(revocation(&v).0, Outcome::Passed, "{:?}", revocation(&v));

    // An older CRL whose signature does not verify proves nothing: the newer one stands.
    let mut forged = older(KEY_COMPROMISE, "260315000000Z");
    let last = forged.len() - 1;
    forged[last] ^= 1;
    let v = judge(&verifier(&[newer, forged]), &c, "2026-06-15T00:00:00Z");
    assert_eq!(revocation(&v).0, Outcome::Passed, "{:?}", revocation(&v));
}
