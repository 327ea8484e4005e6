//! Review 16: CRL acceptance (delta CRLs, issuingDistributionPoint scopes, CRL signers,
//! cRLNumber and time edge cases) and the self-refreshing CRL fetcher (`fetch::CrlFetcher`:
//! refresh swapping, the disk cache, rollback).
//!
//! Each test not named `held_…` FAILS on the code reviewed: it asserts what a correct
//! library must answer. The `held_…` tests are attacks that were tried and held.
//!
//! The CRLs are the test CA's (`nca_rsa.cer`, whose key the tests hold: `common::forge`):
//! genuinely signed, so every attack here is one a network attacker (plain http, a
//! replayed or misdirected CRL) or a local one (the cache folder) can mount with material
//! the CA really published.

mod common;

use std::path::{Path, PathBuf};

use common::evidence::{self, judge, revocation, serial, target, KEY_COMPROMISE};
use common::forge::{self, tlv, Ca, CrlSpec};
use common::http_server::Server;
use common::{pki, time};
use qoltanba::fetch::{CrlFetcher, FetchConfig, Refreshed};
use qoltanba::Judged as _;
use qoltanba::{Certificate, Expectation, Outcome, Overall, Verifier};

const OID_IDP: &[u8] = &[0x55, 0x1d, 0x1c];
const REMOVE_FROM_CRL: u8 = 8;
/// ReasonFlags: every reason but certificateHold (bits 1-5, 7, 8), and certificateHold
/// alone (bit 6): BIT STRING contents.
const ALL_BUT_HOLD: &[u8] = &[0x07, 0x7D, 0x80];
const HOLD_ONLY: &[u8] = &[0x01, 0x02];

/// An entry listing the target (`individual_sign.cer`, valid 2026-01-01..2027-01-01).
fn listing(date: &str, reason: u8) -> Vec<u8> {
    forge::crl_entry(&serial(), date, &[forge::reason(reason)])
}

/// `spec` with a critical issuingDistributionPoint holding only onlySomeReasons.
fn reasons_partition(spec: CrlSpec, reasons: &[u8]) -> CrlSpec {
    let mut spec = spec;
    spec.extensions
        .push(forge::ext(OID_IDP, true, &tlv(0x30, &tlv(0x83, reasons))));
    spec
}

// --- fetch helpers ------------------------------------------------------------------------

/// Root trusted, the CA offered, the root's CRL: what the fetcher's CRLs are judged with.
fn base() -> Verifier {
    common::rsa_verifier_with_crls(&[], |b| b)
}

fn config(cache: Option<&Path>) -> FetchConfig {
    let c = FetchConfig::default()
        .timeout(std::time::Duration::from_secs(5))
        .max_crl_len(4 * 1024 * 1024);
    match cache {
        Some(dir) => c.cache_dir(dir),
        None => c,
    }
}

fn cache_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("qoltanba-crl-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The verdict of `cert` at `now` by the verifier the fetcher makes of what it holds.
fn verdict_of(fetcher: &CrlFetcher, cert: &Certificate, now: &str) -> Overall {
    fetcher
        .verifier(&base())
        .expect("a verifier")
        .check_certificate(cert, &Expectation::at(time(now)))
        .overall()
}

/// Overwrite every file of the cache folder with `der`.
fn plant(dir: &Path, der: &[u8]) {
    let mut n = 0;
    for file in std::fs::read_dir(dir).expect("the cache").flatten() {
        std::fs::write(file.path(), der).expect("write");
        n += 1;
    }
    assert_eq!(n, 1, "one cache file");
}

// =========================================================================================
// Findings: delta CRLs
// =========================================================================================

/// A delta CRL whose BaseCRLNumber is above every complete CRL held (the CA has published
/// complete CRL #11 and its delta; the verifier, or the fetcher, still holds #10, fresh
/// until May) lists the certificate revoked for keyCompromise on 11-10. `deltas_for`
/// (src/revocation/status.rs) sets it aside ("it completes a complete CRL numbered 11 or
/// later") and logs it, and the fresh complete CRL #10 alone proves the certificate Good:
/// Valid today, with a revocation the CA signed in hand.
///
/// RFC 5280 §5.2.4 forbids using such a delta to *complete* #10 (to prove "not revoked"),
/// not to believe what it lists. The library's own rule 2 (`status/rules.rs`: "an entry
/// revoking the certificate from a date at or before the time judged proves it revoked,
/// whatever the view's age"; README: a permanent revocation any CRL the CA signed lists
/// stands) is applied to deltas issued *before* their base (`older`), but not to deltas
/// over a newer base. The fetcher makes this the normal state: the FreshestCRL source is
/// refreshed to the new delta before (or without, when the complete CRL's fetch fails)
/// the new complete CRL. Expected: Invalid (revoked, keyCompromise).
#[test]
fn a_delta_over_a_base_not_held_still_revokes() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(10, "261101000000Z", "270501000000Z"));
    let delta = ca.crl(
        &CrlSpec::delta(20, 11, "261115000000Z", "261215000000Z")
            .entries(vec![listing("261110000000Z", KEY_COMPROMISE)]),
    );
    let (o, r, why) = judge(&target(), &[base, delta], &[], evidence::AT);
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "a delta the CA signed lists the certificate revoked for keyCompromise on \
         2026-11-10: {why}"
    );
}

/// The CA re-keyed under the same name (the NCA does: see ../shared/nca-test-pki,
/// `ҰҚО 3.0 (GOST TEST)`), and the verifier holds both CA certificates, both chaining to
/// the root and not revoked. The certificate was issued by key K1. K1's complete CRL #50
/// (11-01, fresh) omits it; K1's delta #60 over #50 (11-21, fresh) lists it revoked for
/// keyCompromise on 11-15. The other key K2 published its own complete CRL #120 on 11-20
/// (fresh; it lists the certificates K2 issued).
///
/// The walk takes the newest complete CRL of the issuer's *name*, K2's #120, whose signer
/// (K2, a proven CA certificate of that name, RFC 5280 §6.3.3 (f)) is accepted; K1's
/// delta cannot complete it (`deltas_for`: its signature does not verify with K2's key)
/// and is only logged; #120 proves "not revoked"; K1's #50 is then asked for an older
/// revocation (`older_revocation`) with no delta. The delta's revocation, signed by the
/// very key that issued the certificate, is never looked at: Valid. Expected: Invalid
/// (rule 2: a revocation a CA signed stands against a newer CRL that omits it). The locus
/// is the one of `a_delta_over_a_base_not_held_still_revokes`: a delta that does not
/// complete the newest base loses its revocations (RFC 5280 §5.2.1 notes an issuer with
/// several keys is told apart by authorityKeyIdentifier; nothing here asks which key's
/// CRLs cover which certificates).
#[test]
fn a_deltas_revocation_is_dropped_when_another_key_of_the_issuers_name_signed_the_newest_crl() {
    let k1 = Ca::nca_rsa();
    let k2 = rekeyed_ca();
    let base = k1.crl(&CrlSpec::complete(50, "261101000000Z", "270501000000Z"));
    let delta = k1.crl(
        &CrlSpec::delta(60, 50, "261121000000Z", "261221000000Z")
            .entries(vec![listing("261115000000Z", KEY_COMPROMISE)]),
    );
    let other_key = k2.crl(&CrlSpec::complete(120, "261120000000Z", "261220000000Z"));
    let k2_cert = Certificate::from_der(&k2.cert).unwrap();
    // Without K2's CRL: revoked.
    let v = common::rsa_verifier_with_crls(&[base.clone(), delta.clone()], |b| {
        b.intermediate(k2_cert.clone()).unwrap()
    })
    .check_certificate(&target(), &Expectation::at(time(evidence::AT)));
    assert_eq!(v.overall(), Overall::Invalid, "{}", revocation(&v).1);
    // With it.
    let v = common::rsa_verifier_with_crls(&[base, delta, other_key], |b| {
        b.intermediate(k2_cert).unwrap()
    })
    .check_certificate(&target(), &Expectation::at(time(evidence::AT)));
    let (o, why) = revocation(&v);
    assert_eq!(
        (v.overall(), o),
        (Overall::Invalid, Outcome::Failed),
        "the delta of the certificate's own issuing key lists it revoked: {why}"
    );
}

/// The CA's second key: a CA certificate with the CA's name, issued by the root (whose key
/// the tests hold), with the key of `forged_ca.key.pem`.
fn rekeyed_ca() -> Ca {
    let root = Ca {
        cert: std::fs::read(pki("root.cer")).unwrap(),
        key: evidence::key("root.key.pem"),
    };
    let template = Ca::nca_rsa().cert;
    let forged_spki = forge::Tbs::of(&std::fs::read(pki("forged_ca.cer")).unwrap()).spki;
    let cert = root.reissue(&template, |t| {
        t.spki = forged_spki;
        t.serial = forge::int(&[0x5E, 0xC0, 0x4D, 0x01]);
    });
    Ca {
        cert,
        key: evidence::key("forged_ca.key.pem"),
    }
}

// =========================================================================================
// Findings: issuingDistributionPoint reason partitions
// =========================================================================================

/// The CA partitions its CRLs by reason (issuingDistributionPoint onlySomeReasons): a
/// "permanent" partition (every reason but certificateHold) and a "holds" partition. Under
/// the certificate's one distribution point:
///
/// * A #6 (permanent partition, 11-20, fresh) omits the certificate;
/// * B #5 (permanent partition, 11-10, fresh) lists it revoked for keyCompromise on 11-05;
/// * C #4 (holds partition, 11-02, fresh) omits it.
///
/// The walk (src/revocation/status.rs, `status_inner`) takes A (reasons: all but hold),
/// then skips B as "not needed: the reasons it covers were already proven"
/// (`!dp_mask.adds_to(interim)`) without ever looking it up, then C completes the mask:
/// Good. Only once the mask holds every reason are older CRLs asked for revocations
/// (`older_revocation`); with C issued last (11-21) the same three CRLs give Invalid. The
/// README's rule (a permanent revocation listed by any complete CRL from before the time
/// judged stands against a newer CRL that omits it) must not depend on which partition the
/// CA happened to issue last. Expected: Invalid.
#[test]
fn an_older_crl_of_a_reason_partition_already_proven_is_never_asked_for_its_revocation() {
    let ca = Ca::nca_rsa();
    let a = ca.crl(&reasons_partition(
        CrlSpec::complete(6, "261120000000Z", "261220000000Z"),
        ALL_BUT_HOLD,
    ));
    let b = ca.crl(&reasons_partition(
        CrlSpec::complete(5, "261110000000Z", "261210000000Z")
            .entries(vec![listing("261105000000Z", KEY_COMPROMISE)]),
        ALL_BUT_HOLD,
    ));
    // With the holds partition issued last, the revocation is found.
    let c_last = ca.crl(&reasons_partition(
        CrlSpec::complete(7, "261121000000Z", "261230000000Z"),
        HOLD_ONLY,
    ));
    let (o, _, why) = judge(
        &target(),
        &[a.clone(), b.clone(), c_last],
        &[],
        evidence::AT,
    );
    assert_eq!(o, Overall::Invalid, "holds partition issued last: {why}");
    // Issued first: Valid.
    let c = ca.crl(&reasons_partition(
        CrlSpec::complete(4, "261102000000Z", "261230000000Z"),
        HOLD_ONLY,
    ));
    let (o, r, why) = judge(&target(), &[a, b, c], &[], evidence::AT);
    assert_eq!(
        (o, r),
        (Overall::Invalid, Outcome::Failed),
        "CRL #5 lists the certificate revoked for keyCompromise: {why}"
    );
}

// =========================================================================================
// Findings: the fetcher
// =========================================================================================

/// Plain http: one answer of a network attacker (or a misconfigured mirror) to the
/// fetcher's first request for the CA's CRL URL is the root's CRL, a CRL the root really
/// signed. It passes the gate (`readable_and_signed`: one CRL, signed by a configured
/// certificate of its issuer's name) and becomes the source's CRL. From then on every
/// genuine CRL of the CA that URL serves is refused ("a CRL of another issuer",
/// `acceptable` in src/fetch/crl.rs), on every refresh, and the choice is written to the
/// disk cache, so it survives restarts: the source is dead for good, and the CA's
/// certificates stay indeterminate. The issuer check protects nothing (the verifier
/// judges every CRL by its own issuer; rollback is a question between CRLs of one issuer),
/// but it turns one forged answer into a permanent outage. Expected: the CA's CRL, served
/// again, is taken, and the certificate judged valid.
#[test]
fn one_answer_with_another_issuers_crl_locks_a_fetch_source_for_good() {
    let server = Server::start();
    let url = server.serve_file("/nca_rsa.crl", &pki("root.crl"));
    let mut fetcher = CrlFetcher::new(config(None), &base());
    fetcher.add_url(&url).expect("url");
    let now = time(evidence::AT);
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    // The attacker goes away: the URL serves the CA's CRL again.
    server.serve_file("/nca_rsa.crl", &pki("nca_rsa_current.crl"));
    let later = now + chrono::Duration::hours(2);
    let outcome = fetcher.refresh_all(later);
    assert_eq!(
        outcome[0].1,
        Refreshed::Updated,
        "the CA's own CRL, fresh and newer than nothing the source held of it"
    );
    assert_eq!(
        verdict_of(&fetcher, &target(), "2026-11-23T02:00:00Z"),
        Overall::Valid
    );
}

/// The cache folder: a file planted there (a genuine delta CRL of the same CA, in the
/// file of the *complete* CRL's URL; or any CRL of a configured issuer) is read by
/// `load_cache`, which checks only that it is one CRL signed by a known CA: not that it is
/// the kind (or issuer) of CRL this URL serves. `acceptable` then refuses every complete
/// CRL the URL serves ("a complete CRL where a delta was held"), on every refresh, and
/// the verifier has no complete CRL: the CA's certificates are indeterminate until
/// someone deletes the file. Expected: the complete CRL the URL serves replaces it, and
/// the certificate is judged valid.
#[test]
fn a_planted_cache_file_locks_a_fetch_source_for_good() {
    let dir = cache_dir("planted");
    let server = Server::start();
    let url = server.serve_file("/nca_rsa.crl", &pki("nca_rsa_current.crl"));
    let now = time(evidence::AT);
    {
        let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
        fetcher.add_url(&url).expect("url");
        assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    }
    // The planted file: the CA's genuine delta CRL (thisUpdate 11-15, nextUpdate 12-15).
    plant(&dir, &std::fs::read(pki("nca_rsa_delta.crl")).unwrap());
    let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 1);
    let outcome = fetcher.refresh_all(now);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        outcome[0].1,
        Refreshed::Updated,
        "the complete CRL the URL serves"
    );
    assert_eq!(
        verdict_of(&fetcher, &target(), evidence::AT),
        Overall::Valid
    );
}

/// `load_cache` takes the cache file's modification time as the time the source was last
/// fetched (`last_attempt` and `last_success`), unchecked against anything. A file dated
/// in the future (a clock that was ahead when it was written: a VM or a board before NTP
/// synchronises; or a `touch -d`) puts the source's next refresh at that future time plus
/// the interval: `due()` gives `later(attempt, …)` even once the held CRL is past its
/// nextUpdate. Here: the CA's CRL #1 (11-01, nextUpdate 11-15) was cached with a
/// modification time of 2100; on 11-23 it is stale and the server serves the fresh #2, but
/// `refresh` fetches nothing (`next_refresh` is in 2100) and the certificate stays
/// indeterminate. Expected: a source is due no later than it would be had the file been
/// written now; on 11-23 the stale source is fetched and the certificate judged valid.
#[test]
fn a_cache_file_dated_in_the_future_stops_every_refresh() {
    let dir = cache_dir("mtime");
    let ca = Ca::nca_rsa();
    let first = ca.crl(&CrlSpec::complete(1, "261101000000Z", "261115000000Z"));
    let second = ca.crl(&CrlSpec::complete(2, "261120000000Z", "261220000000Z"));
    let server = Server::start();
    let url = server.serve("/nca_rsa.crl", Some(first));
    {
        let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
        fetcher.add_url(&url).expect("url");
        let outcome = fetcher.refresh_all(time("2026-11-02T00:00:00Z"));
        assert_eq!(outcome[0].1, Refreshed::Updated);
    }
    for file in std::fs::read_dir(&dir).expect("the cache").flatten() {
        let year_2100 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(4_102_444_800);
        std::fs::File::options()
            .write(true)
            .open(file.path())
            .and_then(|f| f.set_modified(year_2100))
            .expect("set the modification time");
    }
    server.serve("/nca_rsa.crl", Some(second));
    let now = time(evidence::AT);
    let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 1);
    let next = fetcher.next_refresh();
    let outcome = fetcher.refresh(now);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        next.is_some_and(|n| n <= now),
        "the held CRL is stale: the source is due now, not at {next:?}"
    );
    assert_eq!(
        outcome.first().map(|(_, r)| r.clone()),
        Some(Refreshed::Updated)
    );
    assert_eq!(
        verdict_of(&fetcher, &target(), evidence::AT),
        Overall::Valid
    );
}

// =========================================================================================
// Held
// =========================================================================================

/// A delta's removeFromCRL does not undo a permanent revocation its base lists.
#[test]
fn held_a_deltas_remove_from_crl_does_not_undo_a_permanent_revocation() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(
        &CrlSpec::complete(14, "261101000000Z", "270501000000Z")
            .entries(vec![listing("261020000000Z", KEY_COMPROMISE)]),
    );
    let delta = ca.crl(
        &CrlSpec::delta(10, 14, "261120000000Z", "261220000000Z")
            .entries(vec![listing("261020000000Z", REMOVE_FROM_CRL)]),
    );
    let (o, _, why) = judge(&target(), &[base, delta], &[], evidence::AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// A delta of another scope (issuingDistributionPoint) does not complete a base: it cannot
/// be the fresh view that proves "not revoked" over a stale base.
#[test]
fn held_a_delta_of_another_scope_does_not_freshen_a_stale_base() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(14, "261001000000Z", "261101000000Z"));
    let delta = ca.crl(&reasons_partition(
        CrlSpec::delta(10, 14, "261120000000Z", "261220000000Z"),
        ALL_BUT_HOLD,
    ));
    let (o, _, why) = judge(&target(), &[base, delta], &[], evidence::AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
}

/// A delta signed by another key of the issuer's name (not the key that signed its base)
/// is not applied: it cannot freshen a stale base.
#[test]
fn held_a_delta_signed_by_another_key_of_the_issuers_name_is_not_applied() {
    let ca = Ca::nca_rsa();
    let forged = Ca {
        cert: std::fs::read(pki("forged_ca.cer")).unwrap(),
        key: evidence::key("forged_ca.key.pem"),
    };
    let base = ca.crl(&CrlSpec::complete(14, "261001000000Z", "261101000000Z"));
    let delta = forged.crl(&CrlSpec::delta(10, 14, "261120000000Z", "261220000000Z"));
    let (o, _, why) = judge(&target(), &[base, delta], &[], evidence::AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
}

/// A complete CRL signed by another key of the issuer's name (a certificate of that name
/// the verifier was even given as an intermediate, not chaining to the anchor) proves
/// nothing.
#[test]
fn held_a_crl_signed_by_another_key_of_the_issuers_name_is_not_believed() {
    let forged = Ca {
        cert: std::fs::read(pki("forged_ca.cer")).unwrap(),
        key: evidence::key("forged_ca.key.pem"),
    };
    let crl = forged.crl(&CrlSpec::complete(100, "261120000000Z", "261220000000Z"));
    let v = common::rsa_verifier_with_crls(&[crl], |b| {
        b.intermediate(Certificate::from_der(&forged.cert).unwrap())
            .unwrap()
    })
    .check_certificate(&target(), &Expectation::at(time(evidence::AT)));
    let (o, why) = revocation(&v);
    assert_eq!(o, Outcome::Unknown, "{why}");
    assert_ne!(v.overall(), Overall::Valid);
}

/// nextUpdate before thisUpdate, or absent: never fresh, never proof of a current status.
#[test]
fn held_a_crl_with_next_update_before_this_update_or_none_proves_nothing_current() {
    let ca = Ca::nca_rsa();
    let backwards = ca.crl(&CrlSpec::complete(5, "261120000000Z", "261110000000Z"));
    let (o, _, why) = judge(&target(), &[backwards], &[], evidence::AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
    let mut spec = CrlSpec::complete(5, "261120000000Z", "261220000000Z");
    spec.next_update = None;
    let (o, _, why) = judge(&target(), &[ca.crl(&spec)], &[], evidence::AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
}

/// cRLNumber edge cases: none (the CRL is not used, even when it is the newest), negative
/// or longer than 20 octets (refused at load), 20 octets (read, ordered numerically above
/// any shorter number, so that a newer CRL with a huge number decides).
#[test]
fn held_crl_number_edge_cases() {
    let ca = Ca::nca_rsa();
    let mut none = CrlSpec::complete(0, "261120000000Z", "261220000000Z");
    none.entries = vec![];
    let mut der = ca.crl(&none);
    // Drop the cRLNumber: rebuild the CRL without extensions.
    {
        let tbs = forge::children(&der)[0].to_vec();
        let fields: Vec<Vec<u8>> = forge::children(&tbs)
            .into_iter()
            .filter(|f| f[0] != 0xA0)
            .map(|f| f.to_vec())
            .collect();
        der = ca.sign(&tlv(0x30, &fields.concat()));
    }
    let (o, _, why) = judge(&target(), &[der], &[], evidence::AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
    assert!(why.contains("no cRLNumber"), "{why}");

    let mut negative = CrlSpec::complete(0, "261120000000Z", "261220000000Z");
    negative.number = vec![0x80];
    assert!(qoltanba::revocation::Crl::from_der(ca.crl(&negative)).is_err());
    let mut long = CrlSpec::complete(0, "261120000000Z", "261220000000Z");
    long.number = vec![0x01; 21];
    assert!(qoltanba::revocation::Crl::from_der(ca.crl(&long)).is_err());

    // A 20-octet number on the newest CRL, which lists the certificate: it decides.
    let mut huge = CrlSpec::complete(0, "261120000000Z", "261220000000Z")
        .entries(vec![listing("261115000000Z", KEY_COMPROMISE)]);
    huge.number = vec![0x7F; 20];
    let older = ca.crl(&CrlSpec::complete(9, "261110000000Z", "261210000000Z"));
    let (o, _, why) = judge(&target(), &[older, ca.crl(&huge)], &[], evidence::AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// Two complete CRLs with the same cRLNumber and thisUpdate, one listing the certificate
/// (a CA's equivocation, or a re-signed CRL): the listing wins whatever the order given.
#[test]
fn held_a_duplicate_crl_number_does_not_hide_a_revocation() {
    let ca = Ca::nca_rsa();
    let clean = ca.crl(&CrlSpec::complete(7, "261120000000Z", "261220000000Z"));
    let listing_crl = ca.crl(
        &CrlSpec::complete(7, "261120000000Z", "261220000000Z")
            .entries(vec![listing("261115000000Z", KEY_COMPROMISE)]),
    );
    for crls in [
        [clean.clone(), listing_crl.clone()],
        [listing_crl.clone(), clean.clone()],
    ] {
        let (o, _, why) = judge(&target(), &crls, &[], evidence::AT);
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// A hold partition (onlySomeReasons certificateHold) alone proves only some reasons.
#[test]
fn held_a_partition_of_some_reasons_alone_proves_nothing() {
    let ca = Ca::nca_rsa();
    let holds = ca.crl(&reasons_partition(
        CrlSpec::complete(4, "261120000000Z", "261220000000Z"),
        HOLD_ONLY,
    ));
    let (o, _, why) = judge(&target(), &[holds], &[], evidence::AT);
    assert_eq!(o, Overall::Indeterminate, "{why}");
    assert!(why.contains("only some revocation reasons"), "{why}");
}

/// The fetcher refuses a rollback (an older genuine CRL, still fresh, that does not yet
/// list a revocation the held one lists) and a CRL of a lower number issued later.
#[test]
fn held_the_fetcher_refuses_a_rollback() {
    let ca = Ca::nca_rsa();
    let older = ca.crl(&CrlSpec::complete(5, "261105000000Z", "261205000000Z"));
    let newer = ca.crl(
        &CrlSpec::complete(6, "261115000000Z", "261215000000Z")
            .entries(vec![listing("261110000000Z", KEY_COMPROMISE)]),
    );
    let lower_number_later = ca.crl(&CrlSpec::complete(4, "261120000000Z", "261220000000Z"));
    let server = Server::start();
    let url = server.serve("/nca_rsa.crl", Some(newer));
    let mut fetcher = CrlFetcher::new(config(None), &base());
    fetcher.add_url(&url).expect("url");
    let now = time(evidence::AT);
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    for (what, body) in [("older", older), ("lower number", lower_number_later)] {
        server.serve("/nca_rsa.crl", Some(body));
        let outcome = fetcher.refresh_all(now);
        assert!(
            matches!(&outcome[0].1, Refreshed::Failed(e) if e.kind() == "refused"),
            "{what}: {outcome:?}"
        );
        assert_eq!(
            verdict_of(&fetcher, &target(), evidence::AT),
            Overall::Invalid,
            "{what}"
        );
    }
}

/// The cache folder: a truncated file, a CRL with a bad signature, or text that is not a
/// CRL is not read; an older genuine CRL planted there is read at start, but the first
/// refresh replaces it with the newer one the URL serves.
#[test]
fn held_the_cache_takes_no_truncated_or_forged_file_and_an_old_one_is_replaced() {
    let dir = cache_dir("held");
    let ca = Ca::nca_rsa();
    let current = ca.crl(
        &CrlSpec::complete(6, "261115000000Z", "261215000000Z")
            .entries(vec![listing("261110000000Z", KEY_COMPROMISE)]),
    );
    let old = ca.crl(&CrlSpec::complete(5, "261105000000Z", "261205000000Z"));
    let server = Server::start();
    let url = server.serve("/nca_rsa.crl", Some(current.clone()));
    let now = time(evidence::AT);
    {
        let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
        fetcher.add_url(&url).expect("url");
        assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    }
    let mut bad_signature = current.clone();
    let last = bad_signature.len() - 1;
    bad_signature[last] ^= 1;
    for (what, planted) in [
        ("truncated", current[..current.len() - 10].to_vec()),
        ("bad signature", bad_signature),
        (
            "not a CRL",
            b"-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n".to_vec(),
        ),
    ] {
        plant(&dir, &planted);
        let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
        fetcher.add_url(&url).expect("url");
        assert_eq!(fetcher.load_cache(), 0, "{what}");
    }
    plant(&dir, &old);
    let mut fetcher = CrlFetcher::new(config(Some(&dir)), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 1);
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        verdict_of(&fetcher, &target(), evidence::AT),
        Overall::Invalid
    );
}

/// issuingDistributionPoint scopes: a CRL of CA certificates only (onlyContainsCACerts),
/// or of attribute certificates only, proves nothing of an end-entity certificate; one of
/// user certificates only does.
#[test]
fn held_an_idp_scope_for_other_certificates_proves_nothing() {
    let ca = Ca::nca_rsa();
    let scoped = |field: u8| {
        let mut spec = CrlSpec::complete(5, "261120000000Z", "261220000000Z");
        spec.extensions
            .push(forge::ext(OID_IDP, true, &tlv(0x30, &tlv(field, &[0xFF]))));
        ca.crl(&spec)
    };
    for (what, field) in [("CA certificates", 0x82), ("attribute certificates", 0x85)] {
        let (o, _, why) = judge(&target(), &[scoped(field)], &[], evidence::AT);
        assert_eq!(o, Overall::Indeterminate, "{what}: {why}");
    }
    let (o, _, why) = judge(&target(), &[scoped(0x81)], &[], evidence::AT);
    assert_eq!(o, Overall::Valid, "user certificates: {why}");
}
