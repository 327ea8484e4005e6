//! Review 34 (hostile): today's fixes of who may sign revocation evidence, reviews 31 and
//! 32 (`src/revocation/status/signer.rs`: `path_fault`, `own_fault`, `key_holders` by key
//! through `CertSet::by_key`, the depth limit in `find_signer`, `InUse` and
//! `cycle_listed`; `src/revocation/status/responder.rs`: `ocsp_signer_distrust`;
//! `with_ocsp` in `src/condition/revocation.rs`). Each test's comment gives the attack,
//! what the library answers and the correct answer; the three tests marked "Found by
//! review 34" asserted the safe answer and failed against the code reviewed (fixed since),
//! `held_` ones are attacks withstood.
//!
//! Material: CRLs of `nca_rsa.cer` and of the root, OCSP responses of the CA's delegated
//! responder (`ocsp_responder.cer`) or of responders made here, CAs and CRL signers made
//! here from `nca_rsa.cer` with other names, serials and keys of the test PKI; about
//! `individual_sign.cer` (valid 2026-01-01..2027-01-01). The time judged is
//! 2026-11-23T00:00:00Z, given or proven by a time-stamp checked at 2026-11-30.
//!
//! Findings (3, fixed: `ocsp_signer_distrust` asks the distrust of the key that certified a
//! delegated responder; a CRL refused on re-entry keeps its listings when its signer's
//! path builds; `key_holders` counts an intermediate only when its path builds at its own
//! notBefore):
//!
//! - `ocsp_signer_distrust` asks what is held against a delegated responder's own key,
//!   never against the key that certified it: a responder certified by the CA's key,
//!   revoked for cACompromise (after the time judged), lifts a hold with a "good" (valid),
//!   although a CRL signer certified by that key, and a "good" signed by it, are refused.
//! - The `in_use` re-entry refusal (`cycle_listed`) leaves `listings_stand` false: a CRL
//!   met again in a cycle that lists a certificate of the cycle on hold is dropped as if
//!   forged there, an older CRL proves that certificate good, and the same CRL is then
//!   trusted for everything further up: its own listing turned into a proof for it (valid
//!   for a certificate on hold).
//! - `key_holders` takes every anchor and intermediate carrying a key as evidence about that
//!   key without asking whether any issuer signed it: a fabricated certificate binding the
//!   CA's public key to a serial the root revoked for keyCompromise distrusts the CA's key,
//!   so every honest CRL of the CA proves nothing (denial: indeterminate for a valid
//!   certificate, by anyone who can add a certificate to what is verified).
//!
//! Held: a separate CRL signer whose keyUsage lacks cRLSign (refused by
//! `CrlStore::signed_by_metered`); a delegated responder carrying the CA's lost key (found
//! by key); a nocheck responder whose status is unknown but which a stale CRL lists on
//! hold. Looked at, no finding: the responder check's fresh `InUse` and `usize::MAX` CRL
//! index (the CRL machinery never weighs an OCSP "good", so no proof can go round through
//! a response; `distrust` at `usize::MAX` skips no listing); `facts` saved and restored
//! around the nested status (the caller has copied them before). Not a finding, decided: a
//! CA whose certificate expired still signs CRLs relied on (no `own_fault` for the path
//! issuer). RFC 5280 §6.3.3 asks no CRL to be issued within its issuer's validity; NCA CA
//! certificates outlive every certificate they issue (10 years here, a year for an end
//! entity) and base CRLs are not issued past them; and a thief of an expired CA key gains
//! nothing from dating after the expiry that back-dating inside the validity does not
//! give him (only a compromise listing, which `distrust` reads whenever dated, stops
//! either).

mod common;

use common::evidence::*;

use common::forge::{self, int, seq, tlv, Ca, CrlSpec, Tbs};
use qoltanba::{Certificate, Overall};

const CA_COMPROMISE: u8 = 2;

/// The CA's CRL #10 (11-22..12-22, fresh at the time judged and when a stamp is checked):
/// the target on hold since 11-21, and `more` entries.
fn hold_crl(more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut entries = vec![entry("261121000000Z", HOLD)];
    entries.extend(more);
    Ca::nca_rsa().crl(&CrlSpec::complete(10, "261122000000Z", "261222000000Z").entries(entries))
}

/// The root's CRL #4 (11-26) revoking the CA (`nca_rsa.cer`) for cACompromise since 11-25,
/// after the time judged.
fn root_revokes_ca() -> Vec<u8> {
    root().crl(
        &CrlSpec::complete(4, "261126000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            ca().serial(),
            "261125000000Z",
            &[forge::reason(CA_COMPROMISE)],
        )]),
    )
}

/// A delegated responder certificate made from `ocsp_responder.cer` (id-kp-OCSPSigning,
/// id-pkix-ocsp-nocheck) signed with the CA's key, with this serial and the key of the
/// test PKI's `key_of`; and that key.
fn minted_responder(serial: &[u8], key_of: &str) -> (Certificate, qoltanba::keys::SigningKey) {
    let holder = cert(&format!("{key_of}.cer"));
    let der = Ca::nca_rsa().reissue(cert("ocsp_responder.cer").der(), |t| {
        t.serial = int(serial);
        t.spki = Tbs::of(holder.der()).spki;
    });
    (
        Certificate::from_der(&der).unwrap(),
        key(&format!("{key_of}.key.pem")),
    )
}

/// A response of `responder` (carried, ResponderID byName), signed with `k`: "good" for the
/// target, thisUpdate and producedAt `this_update`, nextUpdate 12-15.
fn good_by(responder: &Certificate, k: &qoltanba::keys::SigningKey, this_update: &str) -> Vec<u8> {
    response(
        responder.subject().der(),
        k,
        this_update,
        &[single(
            &serial(),
            &good(),
            this_update,
            Some("20261215000000Z"),
        )],
        &[responder.der().to_vec()],
    )
}

/// Attack: the CA's key K is stolen; the root's CRL #4 (11-26) revokes the CA for
/// cACompromise since 11-25, after the time judged (11-23). The CA's genuine CRL #10
/// (11-22..12-22) lists the target on hold since 11-21. With K the thief certifies a
/// delegated responder (id-kp-OCSPSigning, id-pkix-ocsp-nocheck, serial 0c5b, a key of his;
/// or uses the CA's genuine responder `ocsp_responder.cer`, which K certified too) and
/// signs with the responder's key a "good" for the target (thisUpdate 11-22T12:00, newer
/// than the hold's listing, fresh).
///
/// The library: `ocsp_signer_distrust` (src/revocation/status/responder.rs) asks what is
/// held against the responder's own key (step 1, `key_holders(signer, ..)`), the OCSP
/// responses about it (step 2) and its CRL status (step 3), never against the key of its
/// issuer, the CA that certified it. Step 3 finds the CA's CRLs refused for everything (K
/// distrusted): the responder's status is unknown, nothing lists it, and an unknown status
/// is accepted for a nocheck responder. The "good" lifts the hold: valid, at a given and at
/// a time-stamped time, with the minted responder as with the genuine one.
///
/// Correct answer: not valid (invalid: the hold stands). The rule the library applies to a
/// CRL signer certified by K (`path_fault` asks the key of every CA of a separate signer's
/// path, the CRL's path issuer included: tests/review31.rs
/// `a_signer_certified_by_the_cas_lost_key_lifts_no_hold`) and to a "good" K signs itself
/// (review 32): a key lost, whenever, may have certified anything back-dated, so a
/// responder it certified proves nothing (RFC 6960 §4.2.2.2: the delegation is K's
/// signature; §4.2.2.2.1: a CA key compromise is as serious for its responders). Control:
/// without the root's listing the "good" lifts the hold (valid); without the response the
/// hold stands (invalid).
///
/// Fix: in `ocsp_signer_distrust`, for a delegated responder also ask the distrust of
/// the issuer's key (`key_holders(issuer, Some(issuer))`, own issuer `None`, as `path_fault`
/// asks `key_verdict` of the path issuer), refusing the "good" when it is distrusted or
/// unproven.
///
/// Found by review 34 (was a defect).
#[test]
fn a_responder_certified_by_the_cas_lost_key_lifts_no_hold() {
    let (minted, minted_key) = minted_responder(&[0x0c, 0x5b], "legal_sign");
    let honest = good_by(
        &cert("ocsp_responder.cer"),
        &key("ocsp_responder.key.pem"),
        "20261122120000Z",
    );
    let forged = good_by(&minted, &minted_key, "20261122120000Z");
    let mut failures = Vec::new();
    for e in [at_t(), stamped()] {
        for (what, r) in [("honest", &honest), ("minted", &forged)] {
            let (o, why) = judge_extra(
                &target(),
                &[hold_crl(vec![])],
                std::slice::from_ref(r),
                &[],
                &e,
            );
            assert_eq!(
                o,
                Overall::Valid,
                "control {what} {:?}: {why}",
                e.time_source
            );
            let (o, why) = judge_extra(
                &target(),
                &[hold_crl(vec![]), root_revokes_ca()],
                &[],
                &[],
                &e,
            );
            assert_eq!(
                o,
                Overall::Invalid,
                "control no OCSP {:?}: {why}",
                e.time_source
            );
            let (o, why) = judge_extra(
                &target(),
                &[hold_crl(vec![]), root_revokes_ca()],
                std::slice::from_ref(r),
                &[],
                &e,
            );
            if o == Overall::Valid {
                failures.push(format!("{what} {:?}: {why}", e.time_source));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// --- CRL signers ------------------------------------------------------------------------

fn ca_cert(
    issuer: &Ca,
    serial: &[u8],
    subject: Option<Vec<u8>>,
    key_of: &str,
) -> (Certificate, Ca) {
    ca_made(issuer, serial, subject, key_of, |_| {})
}

/// Replace `from` by `to` (same length) once in `bytes`.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("pattern present");
    bytes[at..at + to.len()].copy_from_slice(to);
}

/// The keyUsage extension of `nca_rsa.cer`: critical, keyCertSign and cRLSign.
const KU_CERT_AND_CRL_SIGN: &[u8] = &[
    0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01, 0x01, 0xff, 0x04, 0x04, 0x03, 0x02, 0x01, 0x06,
];

/// A CRL #11 of the CA's name (11-22..12-22) listing nothing, signed by `by`: newer than
/// `ca_hold`, it lifts the hold when its signer is proven.
fn lift(by: &Ca) -> Vec<u8> {
    by.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"))
}

/// HELD. Attack: a certificate of the CA's name whose keyUsage is keyCertSign only (a CA
/// certificate of another key, restricted to certifying: it may not sign CRLs), issued by
/// the root (serial 7e59). Its key signs a CRL #11 of the CA's name (11-22..12-22, listing
/// nothing), newer than the CA's CRL #10 listing the target on hold since 11-19.
///
/// Withstood: `find_signer` (src/revocation/status/signer.rs) checks cRLSign explicitly
/// only of the issuer in the verified path, but every candidate's signature is asked of
/// `CrlStore::signed_by_metered` (src/revocation/store.rs), which refuses a signer whose
/// keyUsage lacks cRLSign: the restricted key proves nothing and the hold stands (RFC 5280
/// §6.3.3 (f): "If a key usage extension is present in the CRL issuer's certificate,
/// verify that the cRLSign bit is set"). Control: the same certificate with cRLSign lifts
/// the hold (valid).
#[test]
fn held_a_separate_signer_without_crl_sign_lifts_no_hold() {
    let (with, with_ca) = ca_cert(&root(), &[0x7e, 0x59], None, "individual_sign");
    let (without, without_ca) = ca_made(&root(), &[0x7e, 0x59], None, "individual_sign", |t| {
        // keyCertSign only: BIT STRING, 2 unused bits, 0x04.
        patch(
            &mut t.extensions,
            KU_CERT_AND_CRL_SIGN,
            &[
                0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01, 0x01, 0xff, 0x04, 0x04, 0x03, 0x02, 0x02, 0x04,
            ],
        );
    });
    assert!(!without
        .key_usage()
        .unwrap()
        .has(qoltanba::KeyUsage::CRL_SIGN));
    let (o, why) = judge_extra(&target(), &[ca_hold()], &[], &[], &at_t());
    assert_eq!(o, Overall::Invalid, "control, the hold alone: {why}");
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lift(&with_ca)],
        &[],
        &[with],
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, with cRLSign: {why}");
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lift(&without_ca)],
        &[],
        &[without],
        &at_t(),
    );
    assert_ne!(o, Overall::Valid, "{why}");
}

/// An issuingDistributionPoint extension (critical) with this content.
fn idp(content: &[u8]) -> Vec<u8> {
    forge::ext(OID_IDP, true, &tlv(0x30, content))
}

const C2_SERIAL: &[u8] = &[0x0c, 0x02];

/// The material of the cycle below: the offered certificates, the CRLs but X's, and the
/// signer T of X.
struct Cycle {
    extra: Vec<Certificate>,
    crls: Vec<Vec<u8>>,
    t: Ca,
}

fn cycle() -> Cycle {
    let n_name = cn_name("Issuer N QOLTANBA TEST");
    // N: pathLenConstraint 1 (C2 below it).
    let (n, n_ca) = ca_made(
        &root(),
        &[0x0a, 0x0a],
        Some(n_name.clone()),
        "legal_sign",
        |t| {
            patch(
                &mut t.extensions,
                &[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00],
                &[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x01],
            );
        },
    );
    let (c2, c2_ca) = ca_cert(
        &n_ca,
        C2_SERIAL,
        Some(cn_name("Middle C2 QOLTANBA TEST")),
        "legal_employee_auth",
    );
    let (t, t_ca) = ca_cert(&c2_ca, &[0x7e, 0x0b], Some(n_name), "individual_auth");
    // S1: an end-entity CRL signer of the CA's name (keyUsage digitalSignature and
    // cRLSign, no basicConstraints), issued by N.
    let (s1, s1_ca) = ca_made(&n_ca, &[0x7e, 0x0a], None, "individual_sign", |t| {
        t.extensions = tlv(
            0xa3,
            &seq(&[&forge::ext(
                &[0x55, 0x1d, 0x0f],
                true,
                &[0x03, 0x02, 0x01, 0x82],
            )]),
        );
    });
    assert!(!s1.is_ca());
    let mut ca_only = CrlSpec::complete(1, "261101000000Z", "270101000000Z");
    ca_only.extensions.push(idp(&tlv(0x82, &[0xff])));
    Cycle {
        extra: vec![n, c2, t, s1],
        crls: vec![
            ca_hold(),
            lift(&s1_ca),
            // X0: N's own CRL of CA certificates (C2's status, not S1's).
            n_ca.crl(&ca_only),
            // C2's CRL (T's status), signed by C2.
            c2_ca.crl(&CrlSpec::complete(1, "261120000000Z", "261220000000Z")),
        ],
        t: t_ca,
    }
}

/// Attack (a cycle whose CRL lists a certificate of the cycle). N ("Issuer N", root-issued)
/// certifies S1 (an end-entity CRL signer of the CA's name) and C2 ("Middle C2", a CA); C2
/// certifies T, a CRL signer of N's name. S1 signs the CA's CRL #11 (11-22..12-22, listing
/// nothing), newer than the CA's #10 listing the target on hold since 11-19. N's own CRL
/// X0 (#1, 11-01..2027-01-01, onlyContainsCACerts, listing nothing) covers C2, not S1;
/// S1's status can only come from X, N's CRL #2 signed by T (11-21..12-21). T's status comes
/// from C2's CRL (listing nothing). X lists C2 on hold since 11-20 (T's certifier
/// suspended: the thief holds T's key and signs X).
///
/// The library: S1's status asks X; X's signer T has the path T <- C2 <- N <- root, and
/// `path_fault` asks C2's status, whose newest CRL is X again. Met again (`in_use`),
/// `cycle_listed` finds C2 listed (by X itself) and refuses T there with `listings_stand`
/// false, so `complete_crl` drops X from C2's walk as if forged, and the older X0 proves C2
/// good. T is then proven (C2 good, T good by C2's CRL), X proves S1 not revoked, and #11
/// lifts the hold: valid. Control: with X listing nothing, the same ladder lifts the hold
/// (valid, the cycle vouches for unlisted certificates, PKITS 4.5.6); with no X at all,
/// S1's status is unknown and the hold stands (invalid).
///
/// Correct answer: not valid. T's key verifies X and its path is built: what X lists
/// stands (the library's rule, `listing_signer` and review 31's fix at the depth limit: a
/// newer CRL whose signer cannot be proven for everything is not an absent CRL that lets
/// an older one decide). So C2 is on hold at the time judged, T's path is not valid (RFC
/// 5280 §6.3.3 (f) with §6.1.3 (a)(3)), X proves nothing, S1's status is unknown and the
/// hold stands. The re-entry refusal turns a listing against the cycle into a proof for it.
///
/// Locus: `find_signer`, the `in_use` branch (src/revocation/status/signer.rs): on
/// `cycle_listed` Some it `continue`s without `listings_stand`. Fix: as for `own_fault`,
/// set `listings_stand` when the candidate's path builds, so the re-entered CRL's listings
/// stand (and an older CRL cannot prove past them).
///
/// Found by review 34 (was a defect).
#[test]
fn a_crl_met_again_in_a_cycle_keeps_its_listings() {
    let c = cycle();
    let x = |entries: Vec<Vec<u8>>| {
        c.t.crl(&CrlSpec::complete(2, "261121000000Z", "261221000000Z").entries(entries))
    };
    let (o, why) = judge_extra(&target(), &c.crls, &[], &c.extra, &at_t());
    assert_eq!(o, Overall::Invalid, "control, no X: {why}");
    let mut crls = c.crls.clone();
    crls.push(x(vec![]));
    let (o, why) = judge_extra(&target(), &crls, &[], &c.extra, &at_t());
    assert_eq!(o, Overall::Valid, "control, X lists nothing: {why}");
    let mut crls = c.crls.clone();
    crls.push(x(vec![entry_for(C2_SERIAL, "261120000000Z", HOLD)]));
    let (o, why) = judge_extra(&target(), &crls, &[], &c.extra, &at_t());
    assert_ne!(o, Overall::Valid, "{why}");
}

// --- a key's holders --------------------------------------------------------------------------

/// Attack (denial): the root's CRL #4 (11-16..2027-01-01) lists one of its certificates,
/// serial 0dea, for keyCompromise since 06-01 (an ordinary, honest listing). The attacker,
/// who holds no key, offers with the target a fabricated "certificate": the root's name as
/// issuer, serial 0dea, any subject, and the CA's own public key (`nca_rsa.cer`'s SPKI),
/// its signature made with a key of his (it verifies under nothing). The CA's genuine CRL
/// (#10, 11-01..2027-05-01) lists nothing: the target is good.
///
/// The library: `key_holders` (src/revocation/status/signer.rs) gathers every anchor and
/// intermediate carrying the CA's key through `CertSet::by_key`, without asking whether
/// any issuer signed it; `distrust` finds serial 0dea of the root listed for keyCompromise
/// by a proven root CRL and distrusts the CA's key. Every CRL of the CA proves nothing: the
/// target's status is unknown (indeterminate), and an OCSP "good" of the CA is refused too.
///
/// Correct answer: valid. A listing names a certificate by issuer and serial: it speaks of
/// the key only in a certificate that issuer actually issued (its signature verifies under
/// the issuer's key). A fabricated binding of the CA's key to a revoked serial is not
/// evidence (the rule for listings: "a listing whose signer is not proven ... is ignored"
/// applies to the certificate it is read against too). Honest CRLs are discarded by
/// anyone who can append a certificate to what is verified (the certificates of a CMS, a
/// co-signer of the same document).
///
/// Fix: in `key_holders`, keep a certificate other than `key_cert` and the path issuer
/// only when its signature verifies under a certificate of its issuer's name among the
/// anchors and intermediates (metered), or when its path to the anchor builds.
///
/// Found by review 34 (was a defect).
#[test]
fn a_fabricated_certificate_of_the_cas_key_discards_no_crl() {
    let forged = Ca {
        cert: root().cert,
        key: key("individual_sign.key.pem"),
    }
    .reissue(ca().der(), |t| {
        t.serial = int(&[0x0d, 0xea]);
        t.subject = cn_name("Retired CA QOLTANBA TEST");
    });
    let forged = Certificate::from_der(&forged).unwrap();
    assert_eq!(
        forged.public_key().key_bytes(),
        ca().public_key().key_bytes()
    );
    let root_lists = root().crl(
        &CrlSpec::complete(4, "261116000000Z", "270101000000Z").entries(vec![entry_for(
            &[0x0d, 0xea],
            "260601000000Z",
            KEY_COMPROMISE,
        )]),
    );
    let crls = [base10(), root_lists];
    let (o, why) = judge_extra(&target(), &crls, &[], &[], &at_t());
    assert_eq!(o, Overall::Valid, "control, nothing fabricated: {why}");
    let (o, why) = judge_extra(&target(), &crls, &[], &[forged], &at_t());
    assert_eq!(o, Overall::Valid, "{why}");
}

// --- held: OCSP signers ---------------------------------------------------------------------

/// HELD. Attack: the CA's key is stolen (the root revokes the CA for cACompromise since
/// 11-25, after the time judged). The thief makes a delegated responder certificate
/// (id-kp-OCSPSigning, nocheck, the responder's name) carrying the CA's own key, signed
/// with it, and with the same key signs a "good" (11-22T12:00) newer than the CA's CRL
/// listing the target on hold. The response's signer is "delegated" (another
/// certificate), but `ocsp_signer_distrust` asks the key of every certificate carrying it
/// (`key_holders` by key finds `nca_rsa.cer`) and the root's listing distrusts it: not
/// valid. Control: without the root's listing the "good" lifts the hold (valid).
#[test]
fn held_a_responder_carrying_the_cas_lost_key_speaks_no_good() {
    let der = Ca::nca_rsa().reissue(cert("ocsp_responder.cer").der(), |t| {
        t.serial = int(&[0x0c, 0x5c]);
        t.spki = Tbs::of(ca().der()).spki;
    });
    let twin = Certificate::from_der(&der).unwrap();
    let r = good_by(&twin, &key("nca_rsa.key.pem"), "20261122120000Z");
    for e in [at_t(), stamped()] {
        let (o, why) = judge_extra(
            &target(),
            &[hold_crl(vec![])],
            std::slice::from_ref(&r),
            &[],
            &e,
        );
        assert_eq!(o, Overall::Valid, "control {:?}: {why}", e.time_source);
        let (o, why) = judge_extra(
            &target(),
            &[hold_crl(vec![]), root_revokes_ca()],
            std::slice::from_ref(&r),
            &[],
            &e,
        );
        assert_eq!(o, Overall::Invalid, "{:?}: {why}", e.time_source);
    }
}

/// HELD. Attack: the target's status is unknown (the CA's only CRL, #9 of 11-01..11-15,
/// is stale at the time judged). That stale CRL lists the delegated nocheck responder on
/// hold since 11-10; the responder's key signs a "good" (11-22T12:00). The responder's
/// status by the CRLs is unknown, which `ocsp_signer_distrust` accepts for a nocheck
/// responder only when nothing lists it: here `facts.stale_hold` is set, the "good" is
/// refused, and the status stays unknown (indeterminate). Control: the same stale CRL
/// without the responder's entry leaves the responder unlisted, and the "good" settles
/// the status (valid).
#[test]
fn held_a_nocheck_responder_on_a_stale_hold_settles_nothing() {
    let stale = |entries| {
        Ca::nca_rsa().crl(&CrlSpec::complete(9, "261101000000Z", "261115000000Z").entries(entries))
    };
    let r = good_by(
        &cert("ocsp_responder.cer"),
        &key("ocsp_responder.key.pem"),
        "20261122120000Z",
    );
    let responder = cert("ocsp_responder.cer").serial().to_vec();
    let (o, why) = judge_extra(
        &target(),
        &[stale(vec![])],
        std::slice::from_ref(&r),
        &[],
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, responder unlisted: {why}");
    let (o, why) = judge_extra(
        &target(),
        &[stale(vec![entry_for(&responder, "261110000000Z", HOLD)])],
        std::slice::from_ref(&r),
        &[],
        &at_t(),
    );
    assert_eq!(o, Overall::Indeterminate, "{why}");
}
