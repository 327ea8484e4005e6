//! The CRL sequences of the hold reviews (89, 91, 93, 94) about the target
//! (`individual_sign.cer` of `nca_rsa.cer`): the time judged given, time-stamped or
//! claimed; the CA's complete CRLs #9, #10 and #11 around a hold since 06-25; CRLs of
//! distribution point A; the CA re-keyed (K2) and the CRLs' authorityKeyIdentifier.

use qoltanba::{Certificate, Expectation, Overall, TimeSource};

use super::evidence::{
    ca, cert, entry, judge_extra, key, permutations, root, scoped_crl, target, AT, DP_A, HOLD,
};
use super::forge::{self, tlv, CrlSpec};
use super::time;

// --- times ----------------------------------------------------------------------------------

/// The time judged (11-10).
pub const T: &str = "2026-11-10T00:00:00Z";

/// `at`, given, time-stamped (checked at `checked`) or claimed (checked at `checked`).
pub fn ex(at: &str, checked: Option<&str>, claim: bool) -> Expectation {
    let mut e = Expectation::at(time(at));
    if let Some(c) = checked {
        let checked_at = time(c);
        e.time_source = if claim {
            TimeSource::Claimed { checked_at }
        } else {
            TimeSource::TimeStamp { checked_at }
        };
    }
    e
}

/// [`T`] given.
pub fn given() -> Expectation {
    ex(T, None, false)
}

/// [`T`] time-stamped, checked at [`AT`] (11-23).
pub fn stamped_t() -> Expectation {
    ex(T, Some(AT), false)
}

/// [`T`] claimed, checked at [`AT`] (11-23).
pub fn claimed_t() -> Expectation {
    ex(T, Some(AT), true)
}

/// [`AT`] (11-23) given.
pub fn given23() -> Expectation {
    ex(AT, None, false)
}

// --- the CA's complete CRLs around a hold since 06-25 ---------------------------------------

/// A complete CRL of the CA with these entries.
pub fn complete(n: u8, this: &str, next: &str, entries: Vec<Vec<u8>>) -> Vec<u8> {
    forge::Ca::nca_rsa().crl(&CrlSpec::complete(n, this, next).entries(entries))
}

/// The target on hold since 06-25.
pub fn hold() -> Vec<Vec<u8>> {
    vec![entry("260625000000Z", HOLD)]
}

/// Complete #9 (07-01 .. 2027-01-01) listing the hold since 06-25.
pub fn base9() -> Vec<u8> {
    complete(9, "260701000000Z", "270101000000Z", hold())
}

/// Complete #10 (11-09 .. 11-10T12: fresh at [`T`], not current at 11-23) with these
/// entries.
pub fn c10(entries: Vec<Vec<u8>>) -> Vec<u8> {
    complete(10, "261109000000Z", "261110120000Z", entries)
}

/// Complete #11 (11-22 .. 11-23T12: issued after [`T`], current at 11-23) with these
/// entries.
pub fn c11(entries: Vec<Vec<u8>>) -> Vec<u8> {
    complete(11, "261122000000Z", "261123120000Z", entries)
}

/// ReasonFlags keyCompromise only (BIT STRING content).
pub const ONLY_KC: &[u8] = &[0x06, 0x40];

/// A complete CRL of point A (onlySomeReasons `reasons` when given).
pub fn point_a(reasons: Option<&[u8]>, n: u8, this: &str, next: &str, e: Vec<Vec<u8>>) -> Vec<u8> {
    scoped_crl(DP_A, reasons, CrlSpec::complete(n, this, next).entries(e))
}

// --- the CA re-keyed --------------------------------------------------------------------------

/// The authorityKeyIdentifier CRL extension of keyIdentifier `id`.
pub fn aki(id: u8) -> Vec<u8> {
    forge::ext(
        &[0x55, 0x1d, 0x23],
        false,
        &tlv(0x30, &tlv(0x80, &[id; 20])),
    )
}

/// The CA re-keyed: `nca_rsa`'s name under a second key K2 (individual_auth's), certified
/// by the root with serial `0x79 serial`, and that CA.
pub fn nca2_serial(serial: u8) -> (Certificate, forge::Ca) {
    let spki2 = forge::Tbs::of(cert("individual_auth.cer").der()).spki;
    let der = root().reissue(ca().der(), |t| {
        t.serial = forge::int(&[0x79, serial]);
        t.spki = spki2.clone();
    });
    let c = Certificate::from_der(&der).unwrap();
    let k = forge::Ca {
        cert: der,
        key: key("individual_auth.key.pem"),
    };
    (c, k)
}

/// The CA re-keyed (review 93's K2 certificate, serial `79 93`).
pub fn nca2() -> (Certificate, forge::Ca) {
    nca2_serial(0x93)
}

/// The distinct verdicts (by overall) of the target with `crls` (`extra` offered) under
/// `e`, every order.
pub fn verdicts_with(
    crls: &[Vec<u8>],
    extra: &[Certificate],
    e: &Expectation,
) -> Vec<(Overall, String)> {
    let mut v = Vec::new();
    for c in permutations(crls) {
        v.push(judge_extra(&target(), &c, &[], extra, e));
    }
    v.sort_by_key(|(o, why)| (format!("{o:?}"), why.clone()));
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

/// [`verdicts_with`], K2's certificate ([`nca2`]) offered.
pub fn verdicts(crls: &[Vec<u8>], e: &Expectation) -> Vec<(Overall, String)> {
    verdicts_with(crls, &[nca2().0], e)
}

/// Every verdict of the target with `crls` (`extra` offered) under `e`, every order, is
/// `want`.
pub fn all_with(
    crls: &[Vec<u8>],
    extra: &[Certificate],
    e: &Expectation,
    want: Overall,
    what: &str,
) {
    let seen = verdicts_with(crls, extra, e);
    for (o, why) in &seen {
        assert_eq!(*o, want, "{what}: {why}\nall verdicts seen: {seen:?}");
    }
}

/// [`all_with`], K2's certificate ([`nca2`]) offered.
pub fn all_verdicts(crls: &[Vec<u8>], e: &Expectation, want: Overall, what: &str) {
    all_with(crls, &[nca2().0], e, want, what)
}
