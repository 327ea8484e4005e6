//! Review 68 (hostile, within the hour of the fix): `Verifier::key_lost_elsewhere`
//! (8e71e1d, src/condition/revocation/key_lost.rs): a compromise proven of ANOTHER
//! certificate carrying a path certificate's (or the trust anchor's) key counts against it.
//!
//! Setting (`b_verifier`): the root trusted; nca_rsa.cer offered; the target's CRL signed
//! by a separate signer S of nca_rsa's name (its own key, certified by the root), so that
//! nca_rsa's key K signs no CRL relied on for the target and the older rule "a key that
//! may have been compromised signs no CRL relied on" does not already make the verdict
//! undecided: whether K's loss counts is decided by `key_lost_elsewhere` alone. N2 is a
//! re-issue of nca_rsa.cer by the root (same name, same key K), listed by the root.
//! Control: the root's CRL lists N2 for keyCompromise: INVALID at the given, stamped and
//! claimed times.
//!
//! Findings (each `defect_*` asserts the right verdict and FAILS now; 1-3 are false VALIDs
//! of a document signed with a key the evidence held says is lost):
//! 1. (fixed) `an_ocsp_compromise_of_another_certificate_of_the_key_counts` (was
//!    `defect_an_ocsp_compromise_of_another_certificate_of_the_key_is_ignored`): the root's
//!    own OCSP response says N2 is revoked for keyCompromise (no CRL lists it): VALID,
//!    while the same response about nca_rsa.cer itself makes it INVALID.
//!    key_lost.rs:87 asks `ctx.status` (CRLs only), never the OCSP responses
//!    (`with_ocsp` / `ocsp_distrust`) the path certificates are judged with.
//! 2. (fixed) `a_seventeenth_certified_certificate_of_the_key_leaves_it_undecided` (was
//!    `defect_the_seventeenth_certificate_of_the_key_is_never_asked`): the verifier holds
//!    16 good re-issues of nca_rsa.cer and the compromised N2 after them: VALID; N2 first:
//!    INVALID. key_lost.rs:58 (`take(MAX_OTHER_HOLDERS)`) drops the rest silently and
//!    answers `Ok(None)` ("nothing counts"): the order the certificates were added decides
//!    again, the very dependence review 67's fix meant to remove.
//! 3. (fixed) `at_a_claimed_time_a_compromise_proven_under_a_newer_ca_counts` (was
//!    `defect_at_a_claimed_time_a_compromise_proven_under_a_newer_ca_is_ignored`): N2 is
//!    issued by a CA M (certified by the root) valid only from 11-15; M's CRL lists N2 for
//!    keyCompromise since 11-20. At the time given (11-23): INVALID. At a signingTime the
//!    signer CLAIMS (11-10, checked 11-23): VALID, although "at a claimed time a compromise
//!    counts whenever dated" (the library's own rule, which it applies when M is older).
//!    key_lost.rs:65 and :74 build the other certificate's path at the time judged
//!    (`path_options(at)`, validity enforced), so a holder of the stolen key escapes by
//!    claiming any time before the evidence's CA existed.
//! 4. (fixed) `a_document_only_certificate_of_the_key_cut_short_says_nothing` (was
//!    `defect_one_certificate_of_the_cas_public_key_with_junk_above_undecides_a_document`)
//!    (a false INDETERMINATE anyone can cause, the least severe): an honest document plus
//!    ONE certificate anyone can mint carrying nca_rsa's PUBLIC key (issuer "Z", signed by
//!    nobody trusted) and 250 junk CAs of Z (a CMS's certificates are unsigned: a relay
//!    can add them): INDETERMINATE; either alone: VALID. key_lost.rs:77 turns one
//!    search budget cut short on a certificate only the document offers into "undecided"
//!    for the CA (src/condition/revocation.rs:162-171).
//! 5. (fixed) `a_budget_refusal_on_one_certificate_of_the_key_hides_no_compromise` (was
//!    `defect_a_budget_refusal_on_one_certificate_of_the_key_hides_anothers_compromise`)
//!    (INVALID downgraded to INDETERMINATE by the holder of the lost key; the order
//!    decides): the verifier holds X (a certificate of K under an issuer nobody trusted
//!    certifies) and N2 (compromised); the document carries 250 junk CAs of X's issuer's
//!    name: X added first: INDETERMINATE, N2 first: INVALID. key_lost.rs:69, :77 and :92
//!    return the first refusal before a later proof is asked.
//!
//! Held (each `held_*` passes):
//! - `held_a_compromise_of_another_certificate_counts_at_every_time`: keyCompromise,
//!   cACompromise, aACompromise and unspecified of N2 (on a complete CRL, or on a delta
//!   over an empty base; N2 valid, valid only after the claimed time, or expired at the
//!   time judged; N2 offered by the verifier or only by the document) count: INVALID at
//!   all three times. (A CRL issued before N2's notBefore rightly says nothing of it.)
//! - `held_a_hold_or_a_benign_reason_of_another_certificate_is_not_the_keys_loss`:
//!   certificateHold, superseded, affiliationChanged, cessationOfOperation,
//!   privilegeWithdrawn of N2: VALID at all three times (a hold is no key loss).
//! - `held_a_compromise_dated_after_a_stamped_time_does_not_count`: a time-stamp proves
//!   11-10, N2's keyCompromise is dated 11-20: VALID (the stamp predates the loss); at a
//!   claimed 11-10 the same evidence makes it INVALID.
//! - `held_the_cas_own_crl_listing_a_certificate_of_its_key_counts`: nca_rsa's own CRL
//!   lists an end-entity certificate nca_rsa issued carrying nca_rsa's own key, for
//!   keyCompromise: INVALID (a key's holder declaring it lost is believed).
//! - `held_junk_carrying_the_key_never_decides`: anyone can mint certificates carrying K
//!   (a public key) under any name, signed by nobody trusted, with junk CAs above: added
//!   to the document (an unsigned field of a CMS: an outsider can add them to an honest
//!   document) they never make the verdict INVALID; with 250 junk CAs above them a
//!   budget refuses: INDETERMINATE (a refusal, never a verdict; but see finding 4: even
//!   ONE such certificate suffices), and with 60 junk CAs, 16 or 40 of them: VALID.
//!
//! Argued, not a finding: a trusted CA certifying a FOREIGN key (an end-entity certificate
//! of another subscriber carrying nca_rsa's public key, issued by the root without proof of
//! possession) and then revoking it for keyCompromise makes nca_rsa count as revoked
//! (`held_a_trusted_cas_compromise_of_a_foreign_certificate_of_the_key_counts`). This is
//! right: a CA the verifier trusts stated that the subject holds K and later that K is
//! compromised; the verifier cannot tell misissuance from a real loss, and the statement
//! can only err toward distrust (never a false VALID). The same holds for an entry
//! without reasonCode (unspecified), which the library already reads as a possible
//! compromise for a path certificate itself. An outsider can add such a (genuine)
//! certificate to an honest document's unsigned certificates and so turn it INVALID, but
//! only if a trusted CA really issued and revoked it: the evidence is genuine.
//! `holder_id` matches GOST and EC keys by their point whatever the curve: a certificate
//! of a different key with the same coordinates would need a trusted CA to certify and
//! revoke it, and can only err toward distrust.

mod common;

use common::anchors::{self, describe, nca, times};
use common::anchors::{judge, root_lists};
use common::evidence as ev;
use common::forge::{self, int, CrlSpec, Tbs};
use qoltanba::revocation::{Crl, OcspResponse};
use qoltanba::{Certificate, Expectation, Judged as _, Overall, Verifier};

const CA_COMPROMISE: u8 = 2;
const AFFILIATION_CHANGED: u8 = 3;
const SUPERSEDED: u8 = 4;
const CESSATION: u8 = 5;
const PRIVILEGE_WITHDRAWN: u8 = 9;
const AA_COMPROMISE: u8 = 10;
const UNSPECIFIED: u8 = 0;

fn root_cert() -> Certificate {
    ev::cert("root.cer")
}

/// A re-issue of nca_rsa.cer (same name, same key) by the root, serial `[0x68, tag]`,
/// valid `nb`..`na` (UTCTime).
fn reissue(tag: u8, nb: &str, na: &str) -> Certificate {
    Certificate::from_der(&ev::root().reissue(nca().der(), |t| {
        t.serial = int(&[0x68, tag]);
        t.validity(nb, na);
    }))
    .unwrap()
}

/// N2: the re-issue of nca_rsa.cer the tests list, valid 2024..2034.
fn n2() -> Certificate {
    reissue(0x10, "240101000000Z", "340101000000Z")
}

/// The root trusted; nca_rsa.cer, the separate CRL signer S of nca_rsa's name (the root's,
/// own key) and `others` offered; S's CRL #101 (11-20..12-20, the target not listed),
/// `crls` and `responses`.
fn b_verifier(others: &[Certificate], crls: &[Vec<u8>], responses: &[Vec<u8>]) -> Verifier {
    let (s_cert, s) = anchors::root_crl_signer(0x68);
    let target_crl = s.crl(&CrlSpec::complete(101, "261120000000Z", "261220000000Z"));
    let mut b = Verifier::builder()
        .trust_path(common::pki("root.cer"))
        .unwrap();
    for i in [nca(), s_cert].iter().chain(others) {
        b = b.intermediate(i.clone()).unwrap();
    }
    for c in std::iter::once(&target_crl).chain(crls) {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    for r in responses {
        b = b.ocsp(OcspResponse::from_der(r).unwrap()).unwrap();
    }
    b.build()
}

/// A time-stamped time `at`, checked at 11-30.
fn stamped_at(at: &str) -> Expectation {
    let mut e = Expectation::at(common::time(at));
    e.time_source = qoltanba::TimeSource::TimeStamp {
        checked_at: common::time(ev::CHECKED),
    };
    e
}

/// The root's own OCSP response (11-22..12-22) about `serial` of the root: revoked for
/// keyCompromise since 11-01.
fn root_ocsp_compromise(serial: &[u8]) -> Vec<u8> {
    ev::by_issuer(
        &root_cert(),
        "root.key.pem",
        serial,
        &ev::revoked("20261101000000Z", Some(ev::KEY_COMPROMISE)),
        "20261122000000Z",
        Some("20261222000000Z"),
    )
}

// --- findings ------------------------------------------------------------------------------

/// Finding 1 (a false VALID).
///
/// Control: the root's own OCSP response saying nca_rsa.cer is revoked for keyCompromise:
/// INVALID at every time (`with_ocsp` reads it); nothing said: VALID.
/// Attack: the same response about N2 (same key as nca_rsa.cer, also the root's): VALID
/// at every time.
/// WRONG: src/condition/revocation/key_lost.rs:87: the other certificate's status is
/// `ctx.status` (CRLs only); the OCSP responses the verifier holds, which decide a path
/// certificate's status (src/condition/revocation.rs:119-127, `with_ocsp`) and a CRL
/// signer's (`ocsp_distrust`), are never asked about the other certificate. A proven
/// compromise of the key, told by OCSP rather than a CRL, is lost.
/// Should be: the other certificate's status completed by the OCSP responses as a path
/// certificate's is (`with_ocsp`, or at least `ocsp_distrust(other, issuer, ..)`: a
/// revocation that may hide a compromise counts): INVALID.
///
/// Found by review 68 (was a defect). Fixed (`key_lost_elsewhere`): its OCSP responses are
/// asked too (compromises dated at or before the time judged, or whenever at a claimed time).
#[test]
fn an_ocsp_compromise_of_another_certificate_of_the_key_counts() {
    let n2 = n2();
    let quiet = b_verifier(std::slice::from_ref(&n2), &[root_lists(&[])], &[]);
    let control = judge(&quiet, &ev::at_t(), &[]);
    assert!(control.is_valid(), "control: {}", describe(&control));
    let mut wrong = Vec::new();
    for (who, serial) in [
        ("nca_rsa.cer", nca().serial().to_vec()),
        ("N2", n2.serial().to_vec()),
    ] {
        let v = b_verifier(
            std::slice::from_ref(&n2),
            &[root_lists(&[])],
            &[root_ocsp_compromise(&serial)],
        );
        for (label, e) in times() {
            let verdict = judge(&v, &e, &[]);
            if verdict.overall() != Overall::Invalid {
                wrong.push(format!("OCSP about {who}, {label}: {}", describe(&verdict)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 2 (a false VALID; the order decides).
///
/// Control: the verifier holds N2 (listed by the root for keyCompromise since 11-01) and
/// 16 good re-issues of nca_rsa.cer (same key, not listed), N2 added first: INVALID.
/// Attack: the same certificates, N2 added after the 16: VALID.
/// WRONG: src/condition/revocation/key_lost.rs:58: `others.into_iter().take(16)` asks the
/// first 16 certificates of the key (anchors, then intermediates in the order added, then
/// the document's) and answers `Ok(None)`, "nothing counts", for whatever it did not ask.
/// The certificates cut off are not even ones that failed: good ones (or ones without a
/// path at all) use up the 16.
/// Should be: certificates left unasked make the answer undecided (`Err`, a doubt:
/// INDETERMINATE at worst, never VALID); or the cap counts only certificates that have a
/// path, with the rest charged to the document's meter; the same verdict for both orders.
///
/// Found by review 68 (was a defect). Fixed (`key_lost_elsewhere`): only certificates with a
/// path count toward the cap, and more than the cap is undecided.
#[test]
fn a_seventeenth_certified_certificate_of_the_key_leaves_it_undecided() {
    let n2 = n2();
    let kc = root_lists(&[(n2.serial(), "261101000000Z", ev::KEY_COMPROMISE)]);
    let goods: Vec<Certificate> = (0..16)
        .map(|i| reissue(0x20 + i, "240101000000Z", "340101000000Z"))
        .collect();
    let first: Vec<Certificate> = std::iter::once(n2.clone())
        .chain(goods.iter().cloned())
        .collect();
    let last: Vec<Certificate> = goods
        .iter()
        .cloned()
        .chain(std::iter::once(n2.clone()))
        .collect();
    let control = judge(
        &b_verifier(&first, std::slice::from_ref(&kc), &[]),
        &ev::at_t(),
        &[],
    );
    assert_eq!(
        control.overall(),
        Overall::Invalid,
        "control: {}",
        describe(&control)
    );
    let attack = judge(&b_verifier(&last, &[kc], &[]), &ev::at_t(), &[]);
    assert!(
        !attack.is_valid(),
        "N2 after 16 good certificates of the key: {}",
        describe(&attack)
    );
}

/// Finding 3 (a false VALID at a claimed time).
///
/// Control: M (a CA of its own key, certified by the root, valid from 2024) issued N2
/// (nca_rsa's name and key); M's CRL (11-22) lists N2 for keyCompromise since 11-20:
/// INVALID at the time given (11-23) and at a claimed 11-10 ("a signer whose key may have
/// been compromised can claim any time").
/// Attack: M valid only from 11-15: still INVALID at the time given, VALID at the claimed
/// 11-10.
/// WRONG: src/condition/revocation/key_lost.rs:65 and :74 build the other certificate's
/// path with `self.path_options(at)` (validity enforced at the time judged): at a claimed
/// time before M existed N2 has no path and its compromise is skipped (`continue`, :71-79).
/// The time judged is the signer's claim; the holder of a stolen key picks it before the
/// evidence's CA was issued. The evidence is checked at `checked_at`, when M was valid.
/// Should be: the other certificate's path built at the time the evidence is checked
/// (`checked_at` for a claimed time; or validity ignored for this evidence path, as it is
/// for the other certificate itself): INVALID at the claimed time too.
///
/// Found by review 68 (was a defect). Fixed (`key_lost_elsewhere`): the other certificate's
/// path is built whatever the validity periods.
#[test]
fn at_a_claimed_time_a_compromise_proven_under_a_newer_ca_counts() {
    let claim = ev::claimed("2026-11-10T00:00:00Z", ev::AT);
    let mut wrong = Vec::new();
    for (label, nb) in [
        ("M from 2024", "240101000000Z"),
        ("M from 11-15", "261115000000Z"),
    ] {
        let (m_cert, m) = ev::ca_made(
            &ev::root(),
            &[0x68, 0x70],
            Some(ev::cn_name("Review68 M")),
            "legal_sign",
            |t| t.validity(nb, "340101000000Z"),
        );
        let n2 = Certificate::from_der(&m.reissue(nca().der(), |t| {
            t.serial = int(&[0x68, 0x71]);
        }))
        .unwrap();
        let m_crl =
            m.crl(
                &CrlSpec::complete(1, "261122000000Z", "261222000000Z").entries(vec![
                    ev::entry_for(n2.serial(), "261120000000Z", ev::KEY_COMPROMISE),
                ]),
            );
        let v = b_verifier(&[m_cert, n2], &[root_lists(&[]), m_crl], &[]);
        for (when, e) in [
            ("given 11-23", ev::at_t()),
            ("claimed 11-10", claim.clone()),
        ] {
            let verdict = judge(&v, &e, &[]);
            if verdict.overall() != Overall::Invalid {
                wrong.push(format!("{label}, {when}: {}", describe(&verdict)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// --- held ----------------------------------------------------------------------------------

/// keyCompromise, cACompromise, aACompromise and unspecified of N2 (complete CRL; a delta
/// over an empty base; N2 valid; valid from 11-15 only, after the claimed 11-10, listed
/// since 11-20; expired 06-01, listed since 05-01 on the current CRL; offered by the
/// verifier or only in the document): INVALID at the given, stamped and claimed times.
#[test]
fn held_a_compromise_of_another_certificate_counts_at_every_time() {
    let control = judge(
        &b_verifier(&[n2()], &[root_lists(&[])], &[]),
        &ev::at_t(),
        &[],
    );
    assert!(control.is_valid(), "control: {}", describe(&control));
    let mut wrong = Vec::new();
    let cases = [
        ("valid", "240101000000Z", "340101000000Z", "261101000000Z"),
        (
            "valid from 11-15",
            "261115000000Z",
            "340101000000Z",
            "261120000000Z",
        ),
        ("expired", "240101000000Z", "260601000000Z", "260501000000Z"),
    ];
    for (what, nb, na, since) in cases {
        let n2 = reissue(0x11, nb, na);
        for reason in [
            ev::KEY_COMPROMISE,
            CA_COMPROMISE,
            AA_COMPROMISE,
            UNSPECIFIED,
        ] {
            let complete = vec![root_lists(&[(n2.serial(), since, reason)])];
            let with_delta = vec![
                ev::root().crl(&CrlSpec::complete(21, "261101000000Z", "270101000000Z")),
                ev::root().crl(
                    &CrlSpec::delta(22, 21, "261122000000Z", "261201000000Z")
                        .entries(vec![ev::entry_for(n2.serial(), since, reason)]),
                ),
            ];
            for (how, crls) in [("complete", complete), ("delta", with_delta)] {
                let held = b_verifier(std::slice::from_ref(&n2), &crls, &[]);
                let bare = b_verifier(&[], &crls, &[]);
                for (label, e) in times() {
                    for (place, v, doc) in [
                        ("verifier", &held, &[][..]),
                        ("document", &bare, std::slice::from_ref(&n2)),
                    ] {
                        let verdict = judge(v, &e, doc);
                        if verdict.overall() != Overall::Invalid {
                            wrong.push(format!(
                                "N2 {what}, reason {reason}, {how}, in the {place}, {label}: {}",
                                describe(&verdict)
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// certificateHold, superseded, affiliationChanged, cessationOfOperation,
/// privilegeWithdrawn of N2: no loss of the key: VALID at every time.
#[test]
fn held_a_hold_or_a_benign_reason_of_another_certificate_is_not_the_keys_loss() {
    let n2 = n2();
    let mut wrong = Vec::new();
    for reason in [
        ev::HOLD,
        SUPERSEDED,
        AFFILIATION_CHANGED,
        CESSATION,
        PRIVILEGE_WITHDRAWN,
    ] {
        let v = b_verifier(
            std::slice::from_ref(&n2),
            &[root_lists(&[(n2.serial(), "261101000000Z", reason)])],
            &[],
        );
        for (label, e) in times() {
            let verdict = judge(&v, &e, &[]);
            if !verdict.is_valid() {
                wrong.push(format!("reason {reason}, {label}: {}", describe(&verdict)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A time-stamp proves 11-10; N2's keyCompromise is dated 11-20: the signature predates
/// the loss: VALID. Claimed 11-10 instead: INVALID.
#[test]
fn held_a_compromise_dated_after_a_stamped_time_does_not_count() {
    let n2 = n2();
    let v = b_verifier(
        std::slice::from_ref(&n2),
        &[root_lists(&[(
            n2.serial(),
            "261120000000Z",
            ev::KEY_COMPROMISE,
        )])],
        &[],
    );
    let stamped = judge(&v, &stamped_at("2026-11-10T00:00:00Z"), &[]);
    assert!(stamped.is_valid(), "stamped 11-10: {}", describe(&stamped));
    let claimed = judge(&v, &ev::claimed("2026-11-10T00:00:00Z", ev::AT), &[]);
    assert_eq!(
        claimed.overall(),
        Overall::Invalid,
        "claimed 11-10: {}",
        describe(&claimed)
    );
}

/// nca_rsa's own CRL lists an end-entity certificate it issued carrying its own key, for
/// keyCompromise: the key's holder says it is lost: INVALID.
#[test]
fn held_the_cas_own_crl_listing_a_certificate_of_its_key_counts() {
    let ee = Certificate::from_der(&forge::Ca::nca_rsa().reissue(ev::target().der(), |t| {
        t.serial = int(&[0x68, 0x60]);
        t.spki = Tbs::of(nca().der()).spki;
    }))
    .unwrap();
    let nca_crl = forge::Ca::nca_rsa().crl(
        &CrlSpec::complete(102, "261121000000Z", "261221000000Z").entries(vec![ev::entry_for(
            ee.serial(),
            "261101000000Z",
            ev::KEY_COMPROMISE,
        )]),
    );
    let v = b_verifier(&[], &[root_lists(&[]), nca_crl], &[]);
    for (label, e) in times() {
        let verdict = judge(&v, &e, std::slice::from_ref(&ee));
        assert_eq!(
            verdict.overall(),
            Overall::Invalid,
            "{label}: {}",
            describe(&verdict)
        );
    }
}

/// The root (trusted) certifies nca_rsa's public key for another subscriber (an
/// end-entity certificate, no proof of possession asked) and revokes it for
/// keyCompromise; the certificate is only in the document (an outsider may add it to an
/// honest document's certificates). INVALID: right, see the module's argument (a trusted
/// CA's word that the key is held elsewhere and lost; it can only err toward distrust).
#[test]
fn held_a_trusted_cas_compromise_of_a_foreign_certificate_of_the_key_counts() {
    let foreign = Certificate::from_der(&ev::root().reissue(ev::target().der(), |t| {
        t.serial = int(&[0x68, 0x61]);
        t.spki = Tbs::of(nca().der()).spki;
    }))
    .unwrap();
    for reason in [ev::KEY_COMPROMISE, UNSPECIFIED] {
        let v = b_verifier(
            &[],
            &[root_lists(&[(foreign.serial(), "261101000000Z", reason)])],
            &[],
        );
        let control = judge(&v, &ev::at_t(), &[]);
        assert!(control.is_valid(), "control: {}", describe(&control));
        let verdict = judge(&v, &ev::at_t(), std::slice::from_ref(&foreign));
        assert_eq!(
            verdict.overall(),
            Overall::Invalid,
            "reason {reason}: {}",
            describe(&verdict)
        );
    }
}

/// A document's certificates anyone can make: `k` certificates carrying nca_rsa's public
/// key (K) under names of their own ("Review68 K<i>"), issued by "Review68 Z" (signed by a
/// key nobody trusts), and `n` junk CA certificates of Z's name (their own keys, signed by
/// a key nobody trusts): none is on any path of the target.
fn junk_of_the_key(k: usize, n: usize) -> Vec<Certificate> {
    let z = ev::cn_name("Review68 Z");
    let forger = forge::Ca {
        cert: root_cert().der().to_vec(),
        key: ev::key("individual_auth.key.pem"),
    };
    let zca = forge::Ca {
        cert: root_cert().der().to_vec(),
        key: ev::key("legal_sign.key.pem"),
    };
    let mut doc: Vec<Certificate> = (0..k)
        .map(|i| {
            Certificate::from_der(&forger.reissue(nca().der(), |t| {
                t.serial = int(&[0x68, 0x40, i as u8]);
                t.subject = ev::cn_name(&format!("Review68 K{i}"));
                t.issuer = z.clone();
            }))
            .unwrap()
        })
        .collect();
    doc.extend(anchors::junk_cas(&zca, &z, n, (0x68, 0x50)));
    doc
}

/// Finding 4 (a false INDETERMINATE that anyone can cause; the least severe).
///
/// Control: an honest document (the target, nothing revoked) carrying 250 junk CA
/// certificates of a foreign name Z: VALID; carrying one certificate of nca_rsa's PUBLIC
/// key issued by "Z" (anyone can make it, signed by nobody trusted): VALID.
/// Attack: both (one certificate of the key, 250 junk CAs of its issuer's name above it):
/// INDETERMINATE ("path building budget exhausted (asking the other certificates carrying
/// the key ...)"). The certificates of a CMS are unsigned: anyone relaying an honest
/// document can add them. Before 8e71e1d nothing built a path for a certificate off the
/// target's paths whose name matches none of them.
/// WRONG: src/condition/revocation/key_lost.rs:77 (`Err(f) if f.exhausted.is_some()`):
/// a search budget cut short on a certificate only the DOCUMENT offers makes the CA's
/// status undecided (src/condition/revocation.rs:162-171). Such a certificate can only
/// add evidence the verifier would not have without the document; skipping it when its
/// path cannot be proven is never better for the signer than the document not carrying
/// it.
/// Should be: an other certificate offered only by the document whose path a budget cut
/// short says nothing (`continue`), as one without a path; verifier-held ones stay
/// undecided: VALID.
///
/// Found by review 68 (was a defect). Fixed (`key_lost_elsewhere`): a budget cutting short the
/// asking of a certificate only the document carries says nothing.
#[test]
fn a_document_only_certificate_of_the_key_cut_short_says_nothing() {
    let v = b_verifier(&[], &[root_lists(&[])], &[]);
    for (k, n) in [(0, 250), (1, 0)] {
        let control = judge(&v, &ev::at_t(), &junk_of_the_key(k, n));
        assert!(
            control.is_valid(),
            "control, {k} certificates of K, {n} junk: {}",
            describe(&control)
        );
    }
    let attack = judge(&v, &ev::at_t(), &junk_of_the_key(1, 250));
    assert!(
        attack.is_valid(),
        "one certificate of K, 250 junk CAs above it: {}",
        describe(&attack)
    );
}

/// Certificates of K anyone can make, with junk CAs above them, in an honest document:
/// never INVALID whatever their number; with fewer junk CAs than a path build's budget
/// (60), VALID for 16 and 40 of them.
#[test]
fn held_junk_carrying_the_key_never_decides() {
    let v = b_verifier(&[], &[root_lists(&[])], &[]);
    let mut wrong = Vec::new();
    for (k, n) in [(16usize, 0usize), (16, 60), (40, 60), (16, 250), (40, 250)] {
        let verdict = judge(&v, &ev::at_t(), &junk_of_the_key(k, n));
        let fine = verdict.is_valid() || (n >= 250 && verdict.overall() == Overall::Indeterminate);
        if !fine {
            wrong.push(format!(
                "{k} certificates of K, {n} junk CAs: {}",
                describe(&verdict)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 5 (a proven compromise downgraded to undecided by the signer's own junk; the
/// order of the verifier's certificates decides).
///
/// Control: the verifier holds N2 (listed by the root for keyCompromise since 11-01) and
/// X, a certificate of nca_rsa's key issued by "Review68 Y", a CA nobody trusted certifies
/// (say an old cross-certificate of a bridge the verifier does not trust), N2 added first;
/// the document (signed with nca_rsa's key, which N2's revocation says is lost) carries
/// 250 junk CAs of Y's name: INVALID. Without the junk, X added first: INVALID.
/// Attack: X added before N2, the junk in the document: INDETERMINATE.
/// WRONG: src/condition/revocation/key_lost.rs:69, :77 and :92 `return Err(..)` at the first
/// other certificate whose search a budget cut short, before N2's proven compromise is
/// asked: a refusal outweighs a proof, and the signer holding the lost key picks the
/// junk that makes the refusal.
/// Should be: go on past a certificate a budget refused (remember the refusal); a
/// compromise proven of any later one decides (Revoked); only if none is proven is the
/// answer the refusal (`Err`): INVALID for both orders.
///
/// Found by review 68 (was a defect). Fixed (`key_lost_elsewhere`): the asking goes on past a
/// refusal; a proven compromise decides, undecided only when none is.
#[test]
fn a_budget_refusal_on_one_certificate_of_the_key_hides_no_compromise() {
    let n2 = n2();
    let y = ev::cn_name("Review68 Y");
    let forger = forge::Ca {
        cert: root_cert().der().to_vec(),
        key: ev::key("individual_auth.key.pem"),
    };
    let x = Certificate::from_der(&forger.reissue(nca().der(), |t| {
        t.serial = int(&[0x68, 0x80]);
        t.issuer = y.clone();
    }))
    .unwrap();
    let yca = forge::Ca {
        cert: root_cert().der().to_vec(),
        key: ev::key("legal_sign.key.pem"),
    };
    let junk = anchors::junk_cas(&yca, &y, 250, (0x68, 0x81));
    let kc = root_lists(&[(n2.serial(), "261101000000Z", ev::KEY_COMPROMISE)]);
    let n2_first = b_verifier(&[n2.clone(), x.clone()], std::slice::from_ref(&kc), &[]);
    let x_first = b_verifier(&[x, n2], std::slice::from_ref(&kc), &[]);
    let mut wrong = Vec::new();
    for (label, v, doc) in [
        ("N2 first, junk", &n2_first, &junk[..]),
        ("X first, no junk", &x_first, &[][..]),
        ("X first, junk", &x_first, &junk[..]),
    ] {
        let verdict = judge(v, &ev::at_t(), doc);
        if verdict.overall() != Overall::Invalid {
            wrong.push(format!("{label}: {}", describe(&verdict)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
