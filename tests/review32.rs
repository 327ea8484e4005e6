//! Review 32 (hostile): OCSP as evidence of revocation status, and how it combines with
//! CRLs and time: `src/revocation/ocsp/{mod,check,parse}.rs` (reading, the responder's
//! authority, CertID matching, freshness), `src/condition/revocation.rs` (`with_ocsp`,
//! `ocsp_distrust`, `too_old_for_a_stamp`) and the CRL rules OCSP is weighed against
//! (`src/revocation/status`). Each test's comment gives the attack and the correct
//! answer; the `defect_` tests asserted the safe answer and failed then (all four are
//! fixed, renamed and marked "Found by review 32 (was a defect)"), the `held_` ones are
//! attacks the library withstood (regression tests).
//!
//! Material: CRLs of `nca_rsa.cer` and of the root, and OCSP responses made here, signed
//! by the CA's delegated responder (`ocsp_responder.cer`: id-kp-OCSPSigning,
//! id-pkix-ocsp-nocheck, issued by the CA), by the CA itself, or by responders of a sub-CA,
//! about `individual_sign.cer` (valid 2026-01-01..2027-01-01). The time judged is
//! 2026-11-23T00:00:00Z (given, or proven by a time-stamp and checked at 2026-11-30); a
//! claimed time is 2026-11-10, checked 2026-11-23.
//!
//! Findings. The signer of a response is never status-checked, whatever evidence against
//! it the verifier holds: (1) the CA's own key, revoked for compromise by the root after
//! the time judged, signs an OCSP "good" back-dated into the time it was trusted, and it
//! lifts the CA's hold (the same forgery as a CRL is refused since review 28); (2) the
//! same key signs, after its certificate was revoked for compromise, a "good" that
//! "proves the past"; (3) a delegated nocheck responder that the CA's current CRL revokes
//! for keyCompromise (or puts on hold, or retires) lifts a hold the same CRL lists; (4) a
//! delegated responder the CA's own signed OCSP answer declares compromised settles an
//! unknown status. In each case the verdict is VALID for a certificate on hold or of
//! unproven status. Held: responders of a sub-CA, CertIDs by hash and of other issuers,
//! removeFromCRL/unknown/hold answers, freshness edges (nextUpdate inclusive, as RFC 6960
//! §4.2.2.1 reads; the maximum age without nextUpdate; thisUpdate after producedAt; a
//! response after the certificate expired), claimed times, a time-stamp checked before
//! its time, the caps on certificates and SingleResponses in a response, and (for a fix) a
//! responder superseded after it signed still speaking.
//!
//! Not a finding, noted: `crl_max_age` bounds CRLs only, and `OcspPolicy::max_age` only
//! responses without nextUpdate, so a response with a distant nextUpdate (not the NCA's,
//! which give none) stays "current" until then whatever bound the caller put on CRLs.
//! Nor is it OCSP's alone: a CA whose certificate expired (a re-issue of `nca_rsa.cer`
//! ending 11-24) still signs, after its expiry, a "good" (or a CRL) that proves the past
//! (thisUpdate 11-28), whereas a delegated responder must be valid at producedAt; CRLs
//! and OCSP agree, so it is left to a review of the CA's own validity as a signer.

mod common;

use common::evidence::*;

use common::forge::{self, int, seq, tlv, Ca, CrlSpec};
use common::time;
use qoltanba::revocation::{OcspPolicy, OcspResponse, OcspStatus};
use qoltanba::{Certificate, Expectation, Overall, TimeSource};

/// The delegated responder's serial (`ocsp_responder.cer`: id-kp-OCSPSigning,
/// id-pkix-ocsp-nocheck, issued by the CA, valid 2026-01-01..2027-01-01).
fn responder_serial() -> Vec<u8> {
    cert("ocsp_responder.cer").serial().to_vec()
}

/// The CA's CRL #10 (11-22..12-22, fresh at the time judged and when a stamp is checked):
/// the target on hold since 11-21, and `more` entries.
fn hold_crl(more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut entries = vec![entry("261121000000Z", HOLD)];
    entries.extend(more);
    Ca::nca_rsa().crl(&CrlSpec::complete(10, "261122000000Z", "261222000000Z").entries(entries))
}

/// The delegated responder's "good" for the target, thisUpdate 11-22T12:00 (after the hold
/// was listed), nextUpdate 12-15: fresh at the time judged and when a stamp is checked.
fn responder_good() -> Vec<u8> {
    ocsp(&good(), "20261122120000Z", Some("20261215000000Z"))
}

/// The same "good", signed by the CA itself (ResponderID byName: the CA).
fn ca_good() -> Vec<u8> {
    by_issuer(
        &ca(),
        "nca_rsa.key.pem",
        &serial(),
        &good(),
        "20261122120000Z",
        Some("20261215000000Z"),
    )
}

fn overall(crls: &[Vec<u8>], responses: &[Vec<u8>], e: &Expectation) -> (Overall, String) {
    judge_extra(&target(), crls, responses, &[], e)
}

// --- the signer of the response: its own status ---------------------------------------------

/// Attack: the CA's key is stolen; the root's CRL (11-26) revokes the CA for cACompromise
/// since 11-25, after the time judged (11-23). The CA's genuine CRL (11-22) lists the target
/// on hold since 11-21. The thief signs, with the CA's key, an OCSP response (the CA itself
/// is an authorised responder, RFC 6960 §4.2.2.2) back-dated to 11-22T12:00: "good".
///
/// The library refuses the same forgery as a CRL (tests/rereview11.rs
/// `a_ca_compromised_after_the_time_signs_no_backdated_good`: a key compromised whenever
/// signs no CRL relied on, since thisUpdate is written with that key). As an OCSP response
/// it is accepted: `authorised_signer` (src/revocation/ocsp/check.rs) returns the issuer
/// with no status check of it, and `with_ocsp` (src/condition/revocation.rs) lets the
/// "good", newer than the hold's listing and fresh, lift the hold: valid, under a
/// time-stamp and at a given time.
///
/// Correct answer: not valid (the genuine hold: invalid). producedAt and thisUpdate are
/// written with the compromised key; nothing proves the response existed before the
/// compromise (the library's own rule for CRLs; RFC 5280 §6.3.3 (f), RFC 6960 §4.2.2.2.1:
/// "a compromise of the responder's key is as serious as the compromise of a CA key used
/// to sign CRLs").
///
/// Found by review 32 (was a defect).
#[test]
fn a_ca_compromised_after_the_time_signs_no_backdated_ocsp_good() {
    let crls = [hold_crl(vec![]), root_revokes_ca()];
    // Control: the genuine evidence alone proves the hold.
    for e in [stamped(), at_t()] {
        let (o, why) = overall(&crls, &[], &e);
        assert_eq!(o, Overall::Invalid, "control {:?}: {why}", e.time_source);
    }
    for e in [stamped(), at_t()] {
        let (o, why) = overall(&crls, &[ca_good()], &e);
        assert_ne!(o, Overall::Valid, "{:?}: {why}", e.time_source);
    }
}

/// The root's CRL (11-26) revoking the CA for cACompromise since 11-25.
fn root_revokes_ca() -> Vec<u8> {
    root().crl(
        &CrlSpec::complete(4, "261126000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            ca().serial(),
            "261125000000Z",
            &[forge::reason(2)],
        )]),
    )
}

/// Attack: as above, not even back-dated. The verifier holds no CRL of the CA (the CRLs
/// leave the target unknown) and the root's CRL revoking the CA for cACompromise since
/// 11-25. The thief signs with the CA's key, on 11-29 (after the revocation, before the
/// stamp is checked), a "good" for the target: issued after the time judged, it "proves
/// the past" (`proves_past`, src/revocation/ocsp/check.rs) and settles the unknown status
/// (`with_ocsp`): valid, at a time-stamped and at a given time.
///
/// Correct answer: not valid (unknown). A response signed after its signer's certificate
/// was revoked for key compromise proves nothing (RFC 5280 §6.3.3 (f) for CRL signers, RFC
/// 6960 §4.2.2.2: the key that signs must be the CA's, and that key is known compromised
/// when it signed).
///
/// Found by review 32 (was a defect).
#[test]
fn a_ca_revoked_for_compromise_signs_no_later_ocsp_good() {
    let after_compromise = by_issuer(
        &ca(),
        "nca_rsa.key.pem",
        &serial(),
        &good(),
        "20261129000000Z",
        Some("20261215000000Z"),
    );
    let crls = [root_revokes_ca()];
    for e in [stamped(), at_t()] {
        let (o, why) = overall(&crls, &[], &e);
        assert_ne!(o, Overall::Valid, "control {:?}: {why}", e.time_source);
        let (o, why) = overall(&crls, std::slice::from_ref(&after_compromise), &e);
        assert_ne!(o, Overall::Valid, "{:?}: {why}", e.time_source);
    }
}

/// Attack: the delegated responder's key (`ocsp_responder.cer`, id-pkix-ocsp-nocheck) is
/// stolen. The CA's current CRL (11-22..12-22, fresh) revokes the responder certificate
/// for keyCompromise since 11-15 (or puts it on hold since 11-20, or retires it,
/// cessationOfOperation, since 11-15) and lists the target on hold since 11-21. The thief signs
/// "good" for the target with the responder's key (thisUpdate 11-22T12:00, after the CRL).
///
/// The library never looks at the responder certificate's status (`authorised_signer`,
/// src/revocation/ocsp/check.rs: id-pkix-ocsp-nocheck means "not checked"), although the
/// verifier holds the CA's own signed statement that the key is compromised: the forged
/// "good", newer than the hold's listing, lifts it (`with_ocsp`,
/// src/condition/revocation.rs): valid, at a given and at a time-stamped time.
///
/// Correct answer: not valid (the hold: invalid). RFC 6960 §4.2.2.2.1 lets a client skip
/// fetching the status of a nocheck responder; it does not make a certificate the CA has
/// revoked for key compromise an authorised responder (RFC 5280 §6.3: revoked
/// certificates are not relied on; §4.2.2.2.1 itself: "a compromise of the responder's key
/// is as serious as the compromise of a CA key used to sign CRLs" — and a CRL signer the
/// CA revokes for compromise signs nothing the library relies on,
/// `ocsp_distrust`/src/revocation/status/signer.rs). Evidence the verifier holds against
/// the responder must be weighed as it is against a CRL signer.
///
/// Found by review 32 (was a defect).
#[test]
fn a_nocheck_responder_the_ca_revoked_for_key_compromise_lifts_no_hold() {
    // Control: the same "good" by an unrevoked responder lifts the hold (it is newer and
    // fresh).
    for e in [stamped(), at_t()] {
        let (o, why) = overall(&[hold_crl(vec![])], &[responder_good()], &e);
        assert_eq!(o, Overall::Valid, "control {:?}: {why}", e.time_source);
    }
    // keyCompromise since 11-15; on hold (suspended) since 11-20; retired
    // (cessationOfOperation) since 11-15: each before the response was produced.
    for (reason, since) in [
        (KEY_COMPROMISE, "261115000000Z"),
        (HOLD, "261120000000Z"),
        (5, "261115000000Z"),
    ] {
        let responder_revoked =
            forge::crl_entry(&responder_serial(), since, &[forge::reason(reason)]);
        let crl = hold_crl(vec![responder_revoked]);
        for e in [stamped(), at_t()] {
            // Control: the hold alone is proven.
            let (o, why) = overall(std::slice::from_ref(&crl), &[], &e);
            assert_eq!(o, Overall::Invalid, "control {:?}: {why}", e.time_source);
            let (o, why) = overall(std::slice::from_ref(&crl), &[responder_good()], &e);
            assert_ne!(
                o,
                Overall::Valid,
                "responder revoked ({reason}) {:?}: {why}",
                e.time_source
            );
        }
    }
}

/// Attack: as above, with no CRL at all (the CRLs leave the target unknown): the CA
/// itself answers, in a response it signs, that the responder certificate is revoked for
/// keyCompromise since 11-15 (or since 11-25, after the time judged: the thief back-dates
/// into the time the key was trusted, as in the CA's case above); the thief's response signed with the responder's key says
/// the target is "good". The library judges each response alone: the responder's
/// revocation is never asked about, and the forged "good" settles the unknown status:
/// valid.
///
/// Correct answer: not valid (unknown: nothing trustworthy proves the target's status).
/// Same rule as above: a responder whose certificate the CA has revoked for compromise,
/// in evidence the verifier holds, is not an authorised responder.
///
/// Found by review 32 (was a defect).
#[test]
fn a_nocheck_responder_the_ca_says_is_compromised_settles_nothing() {
    // Control: the forged "good" alone is taken (an unknown status settled).
    let (o, why) = overall(&[], &[responder_good()], &at_t());
    assert_eq!(o, Overall::Valid, "control: {why}");
    // Compromised since 11-15 (answered 11-22), or since 11-25, after the time judged
    // (answered 11-26: the "good" is back-dated into the time the key was trusted).
    for (since, answered) in [
        ("20261115000000Z", "20261122000000Z"),
        ("20261125000000Z", "20261126000000Z"),
    ] {
        let ca_revokes_responder = by_issuer(
            &ca(),
            "nca_rsa.key.pem",
            &responder_serial(),
            &revoked(since, Some(KEY_COMPROMISE)),
            answered,
            Some("20261215000000Z"),
        );
        // The CA's answer is proven: the responder certificate is revoked for keyCompromise.
        let check = OcspResponse::from_der(&ca_revokes_responder)
            .unwrap()
            .check_certificate(
                &ca(),
                &cert("ocsp_responder.cer"),
                time("2026-11-27T00:00:00Z"),
                &OcspPolicy::default(),
            );
        assert!(
            matches!(check.status(), OcspStatus::Revoked { .. }),
            "{check:?}"
        );
        for responses in [
            [ca_revokes_responder.clone(), responder_good()],
            [responder_good(), ca_revokes_responder.clone()],
        ] {
            for e in [stamped(), at_t()] {
                let (o, why) = overall(&[], &responses, &e);
                assert_ne!(
                    o,
                    Overall::Valid,
                    "compromised since {since} {:?}: {why}",
                    e.time_source
                );
            }
        }
    }
}

// --- held ------------------------------------------------------------------------------------

/// A SingleResponse about the target of the CA with a CertID made with `hash` (its OID's
/// content octets, and the hash function).
fn single_hashed(
    hash_oid: &[u8],
    hash: impl Fn(&[u8]) -> Vec<u8>,
    status: &[u8],
    this_update: &str,
    next_update: Option<&str>,
) -> Vec<u8> {
    let issuer = ca();
    let cert_id = seq(&[
        &seq(&[&tlv(0x06, hash_oid), &[0x05, 0x00]]),
        &tlv(0x04, &hash(issuer.subject().der())),
        &tlv(0x04, &hash(issuer.public_key().key_bytes())),
        &int(&serial()),
    ]);
    let mut parts = vec![cert_id, status.to_vec(), forge::gen_time(this_update)];
    if let Some(n) = next_update {
        parts.push(tlv(0xA0, &forge::gen_time(n)));
    }
    tlv(0x30, &parts.concat())
}

fn status_of(der: &[u8], at: &str) -> OcspStatus {
    OcspResponse::from_der(der)
        .unwrap()
        .check_certificate(&ca(), &target(), time(at), &OcspPolicy::default())
        .status()
        .clone()
}

/// HELD. A delegated responder certificate issued by a sub-CA of the CA (`sub_ca.cer`,
/// another name, another key) with id-kp-OCSPSigning and nocheck, and the same certificate
/// with its issuer name rewritten to the CA's (the sub-CA's signature): neither speaks for
/// the CA's certificates (RFC 6960 §4.2.2.2: issued directly by the CA that issued the
/// certificate in question). Indeterminate; the CRLs' hold stands.
#[test]
fn held_a_responder_issued_by_a_sub_ca_is_not_the_cas() {
    let sub = Ca {
        cert: cert("sub_ca.cer").der().to_vec(),
        key: key("sub_ca.key.pem"),
    };
    let by_sub = sub.reissue(cert("ocsp_responder.cer").der(), |_| {});
    let renamed = sub.reissue(cert("ocsp_responder.cer").der(), |t| {
        t.issuer = Ca::nca_rsa().name()
    });
    for responder in [by_sub, renamed] {
        let r = Certificate::from_der(&responder).unwrap();
        let der = response(
            r.subject().der(),
            &key("ocsp_responder.key.pem"),
            "20261122120000Z",
            &[single(
                &serial(),
                &good(),
                "20261122120000Z",
                Some("20261215000000Z"),
            )],
            std::slice::from_ref(&responder),
        );
        assert!(
            matches!(status_of(&der, AT), OcspStatus::Indeterminate { .. }),
            "{:?}",
            status_of(&der, AT)
        );
        let (o, why) = overall(&[hold_crl(vec![])], &[der], &at_t());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// HELD. CertIDs by hash: SHA-1 (what most responders use) and SHA-256 name the target;
/// SHA-224 never matches (documented); a SHA-256 CertID whose name hash is of the root
/// (the same serial "of another CA") names nothing. A response whose only good is for
/// another serial, beside a revocation of the target: revoked.
#[test]
fn held_cert_ids_by_hash_and_of_other_certificates() {
    use sha1::Digest as _;
    let sha1 = |d: &[u8]| sha1::Sha1::digest(d).to_vec();
    let sha224 = |d: &[u8]| sha2::Sha224::digest(d).to_vec();
    let next = Some("20261215000000Z");
    let oid_sha1 = [0x2b, 0x0e, 0x03, 0x02, 0x1a];
    let oid_sha224 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04];
    let der = by_responder(
        "20261122120000Z",
        &[single_hashed(
            &oid_sha1,
            sha1,
            &good(),
            "20261122120000Z",
            next,
        )],
    );
    assert!(matches!(status_of(&der, AT), OcspStatus::Good { .. }));
    let der = by_responder(
        "20261122120000Z",
        &[single_hashed(
            &oid_sha224,
            sha224,
            &good(),
            "20261122120000Z",
            next,
        )],
    );
    assert!(matches!(
        status_of(&der, AT),
        OcspStatus::Indeterminate { .. }
    ));
    let der = by_responder(
        "20261122120000Z",
        &[single_of(
            &cert("root.cer"),
            &serial(),
            &good(),
            "20261122120000Z",
            next,
        )],
    );
    assert!(matches!(
        status_of(&der, AT),
        OcspStatus::Indeterminate { .. }
    ));
    // A good for another serial first, the target revoked (superseded) since 11-01.
    let der = by_responder(
        "20261122120000Z",
        &[
            single(&[0x01], &good(), "20261122120000Z", next),
            single(
                &serial(),
                &revoked("20261101000000Z", Some(4)),
                "20261122120000Z",
                next,
            ),
        ],
    );
    assert!(matches!(status_of(&der, AT), OcspStatus::Revoked { .. }));
    let (o, why) = overall(&[], &[der], &at_t());
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// HELD. Odd revocation reasons in OCSP: removeFromCRL (a delta CRL's word, meaningless
/// in OCSP) since 11-01 is taken as a revocation, never as a release; unknown proves
/// nothing (the CRLs leave the target unknown: not valid); a fresh hold is a hold.
#[test]
fn held_remove_from_crl_unknown_and_hold_in_ocsp() {
    let next = Some("20261215000000Z");
    let remove = ocsp(
        &revoked("20261101000000Z", Some(8)),
        "20261122120000Z",
        next,
    );
    assert!(matches!(status_of(&remove, AT), OcspStatus::Revoked { .. }));
    let (o, why) = overall(&[base10()], &[remove], &at_t());
    assert_eq!(o, Overall::Invalid, "{why}");
    let unknown = ocsp(&[0x82, 0x00], "20261122120000Z", next);
    assert_eq!(status_of(&unknown, AT), OcspStatus::Unknown);
    let (o, why) = overall(&[], &[unknown], &at_t());
    assert_ne!(o, Overall::Valid, "{why}");
    let hold = ocsp(
        &revoked("20261121000000Z", Some(HOLD)),
        "20261122120000Z",
        next,
    );
    let (o, why) = overall(&[base10()], &[hold], &at_t());
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// HELD. Freshness edges, with the CRLs leaving the target unknown: a "good" whose
/// nextUpdate is the time judged is current (RFC 6960 §4.2.2.1: a response whose
/// nextUpdate is *earlier* than the local time is unreliable), one second later it is
/// not; without nextUpdate, the policy's maximum age (a day) bounds it; a thisUpdate more
/// than the clock skew after producedAt is refused; a response issued after the time
/// judged about a certificate expired by then proves nothing.
#[test]
fn held_freshness_edges() {
    let edge = ocsp(&good(), "20261122000000Z", Some("20261123000000Z"));
    assert!(matches!(status_of(&edge, AT), OcspStatus::Good { .. }));
    assert!(matches!(
        status_of(&edge, "2026-11-23T00:00:01Z"),
        OcspStatus::Indeterminate { .. }
    ));
    let (o, why) = judge_extra(
        &target(),
        &[],
        &[edge],
        &[],
        &Expectation::at(time("2026-11-23T00:00:01Z")),
    );
    assert_ne!(o, Overall::Valid, "{why}");
    let no_next = ocsp(&good(), "20261122000001Z", None);
    assert!(matches!(status_of(&no_next, AT), OcspStatus::Good { .. }));
    let old = ocsp(&good(), "20261121235959Z", None);
    assert!(matches!(
        status_of(&old, AT),
        OcspStatus::Indeterminate { .. }
    ));
    let (o, why) = overall(&[], &[old], &at_t());
    assert_ne!(o, Overall::Valid, "{why}");
    // thisUpdate 10 minutes after producedAt.
    let ahead = by_responder(
        "20261122115000Z",
        &[single(
            &serial(),
            &good(),
            "20261122120000Z",
            Some("20261215000000Z"),
        )],
    );
    assert!(matches!(
        status_of(&ahead, AT),
        OcspStatus::Indeterminate { .. }
    ));
    // Issued 2027-01-02, after the target expired (2027-01-01): says nothing of 11-23.
    let after_expiry = ocsp(&good(), "20270102000000Z", Some("20270201000000Z"));
    assert!(matches!(
        status_of(&after_expiry, AT),
        OcspStatus::Indeterminate { .. }
    ));
}

/// HELD. At a claimed time (11-10, checked 11-23), a fresh OCSP "good" proves nothing
/// (the CRLs leave the target unknown: not valid); a revocation for keyCompromise dated
/// after the claim (11-15) revokes at any claimed time.
#[test]
fn held_claimed_times_take_no_ocsp_good() {
    let good_then = ocsp(&good(), "20261109000000Z", Some("20261215000000Z"));
    let good_now = ocsp(&good(), "20261122120000Z", Some("20261215000000Z"));
    let (o, why) = overall(&[], &[good_then, good_now], &claim());
    assert_ne!(o, Overall::Valid, "{why}");
    let compromise = ocsp(
        &revoked("20261115000000Z", Some(KEY_COMPROMISE)),
        "20261122120000Z",
        Some("20261215000000Z"),
    );
    let (o, why) = overall(&[base10()], &[compromise], &claim());
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// HELD. Work caps on what a response carries: 17 certificates (over
/// `limits::MAX_CERTS`) and 1001 SingleResponses (over `limits::MAX_SINGLE_RESPONSES`)
/// are refused when read, before any signature is checked.
#[test]
fn held_response_work_caps() {
    use qoltanba::revocation::ocsp_limits as limits;
    let r = cert("ocsp_responder.cer");
    let certs = vec![r.der().to_vec(); limits::MAX_CERTS + 1];
    let der = response(
        r.subject().der(),
        &key("ocsp_responder.key.pem"),
        "20261122120000Z",
        &[single(&serial(), &good(), "20261122120000Z", None)],
        &certs,
    );
    assert!(OcspResponse::from_der(&der).is_err());
    let singles =
        vec![single(&serial(), &good(), "20261122120000Z", None); limits::MAX_SINGLE_RESPONSES + 1];
    let der = by_responder("20261122120000Z", &singles);
    assert!(OcspResponse::from_der(&der).is_err());
    // At the caps: read.
    let singles =
        vec![single(&serial(), &good(), "20261122120000Z", None); limits::MAX_SINGLE_RESPONSES];
    let der = by_responder("20261122120000Z", &singles);
    assert!(OcspResponse::from_der(&der).is_ok());
}

/// HELD. A time-stamped time later than the time it is checked at (a caller's
/// `TimeSource::TimeStamp { checked_at }` before `at`, through the public API) widens
/// nothing: a "good" fresh at the time judged but issued after `checked_at` is not current
/// when checked and proves nothing (the same "good" at a given time does); the rule only
/// ever removes evidence.
#[test]
fn held_a_time_stamp_checked_before_its_time_widens_nothing() {
    let mut e = at_t();
    e.time_source = TimeSource::TimeStamp {
        checked_at: time("2026-11-20T00:00:00Z"),
    };
    let (o, why) = overall(&[], &[responder_good()], &at_t());
    assert_eq!(o, Overall::Valid, "control: {why}");
    let (o, why) = overall(&[], &[responder_good()], &e);
    assert_ne!(o, Overall::Valid, "{why}");
    // A hold on the CRL, fresh at the time judged: invalid either way.
    let (o, why) = overall(&[hold_crl(vec![])], &[], &e);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// HELD (the regression a fix of the responder defects must keep). The CA retires its
/// delegated responder (superseded, since 11-25, after it signed), and says so in an OCSP
/// answer it signs (11-26). The responder's "good" of 11-22T12:00, signed while it was
/// in good standing and newer than the hold the CA's CRL lists, lifts the hold: valid. A
/// revocation for a reason that hides no compromise, dated after the response, takes
/// nothing back (RFC 5280 §5.3.1: superseded, not compromised).
#[test]
fn held_a_responder_superseded_after_it_signed_still_speaks() {
    let ca_retires_responder = by_issuer(
        &ca(),
        "nca_rsa.key.pem",
        &responder_serial(),
        &revoked("20261125000000Z", Some(4)),
        "20261126000000Z",
        Some("20261215000000Z"),
    );
    for e in [stamped(), at_t()] {
        let (o, why) = overall(
            &[hold_crl(vec![])],
            &[responder_good(), ca_retires_responder.clone()],
            &e,
        );
        assert_eq!(o, Overall::Valid, "{:?}: {why}", e.time_source);
    }
}
