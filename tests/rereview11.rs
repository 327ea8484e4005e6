//! Review 28 (hostile): condition 2 (revocation) after the walk over distribution points
//! and CRLs was cut into steps (`src/revocation/status/walk.rs`: `Point` state per
//! distribution point, `Walk` state per CRL issuer) and the time-stamp rule of
//! `TimeSource::TimeStamp { checked_at }` was added (`judge_with` in
//! src/revocation/status/rules.rs, `too_old_for_a_stamp` in src/condition/revocation.rs),
//! against the model the library states (README "Security rules", the table "Revocation
//! from CRLs"). Each test's comment gives the attack and the correct answer; the
//! `defect_` tests assert the safe answer and fail today, the `held_` ones are attacks the
//! library withstood (regression tests).
//!
//! The refactor kept every decision (the state per point and per issuer is what the one
//! function kept), and the time-stamp rule held where it applies. The defects: a CRL
//! signer's key judged only at the time judged (compromised after it, its back-dated CRL
//! proves "good"), a CRL that vouches for its own signer (lifting the hold the CA placed
//! on that signer, or outliving the signer's own revocation), the reasons a distribution
//! point's first CRL issuer proved silencing the holds of its second, and, at a claimed
//! time, a delta's removeFromCRL erasing what its base lists.
//!
//! Material: CRLs of `nca_rsa.cer` and of the root, separate CRL signers with the CA's
//! name, and responses of the CA's delegated responder, about `individual_sign.cer` (valid
//! 2026-01-01..2027-01-01) or a re-issue of it with other distribution points. The time
//! judged is 2026-11-23T00:00:00Z; a time-stamped time is checked at 2026-11-30; a claimed
//! time is 2026-11-10, checked 2026-11-23.

mod common;

use common::evidence::*;

use common::forge::{self, int, seq, tlv, Ca, CrlSpec, Tbs};
use qoltanba::{Certificate, Overall};

/// keyUsage.
const OID_KU: &[u8] = &[0x55, 0x1d, 0x0f];
/// The serial of the separate CRL signers made here.
const SIGNER_SERIAL: &[u8] = &[0x7e, 0x57];

/// An edit of a TBSCertificate: the extension `oid` replaced by `new` (appended when
/// absent).
fn with_extension(oid: &[u8], new: Vec<u8>) -> impl FnOnce(&mut Tbs) {
    let oid = oid.to_vec();
    move |t: &mut Tbs| {
        let list = forge::children(&t.extensions)[0].to_vec();
        let mut found = false;
        let mut exts: Vec<Vec<u8>> = forge::children(&list)
            .into_iter()
            .map(|e| {
                if forge::content(forge::children(e)[0]) == oid.as_slice() {
                    found = true;
                    new.clone()
                } else {
                    e.to_vec()
                }
            })
            .collect();
        if !found {
            exts.push(new.clone());
        }
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    }
}

/// A separate CRL signer: the CA's name, serial 7e57, the end entity's key, issued by
/// `issuer` (the CA itself: a self-issued certificate, whose own CRLs are the CA's; or the
/// root), `edit` applied; and the CA as that signer (to sign CRLs with its key).
fn separate_signer(issuer: &Ca, edit: impl FnOnce(&mut Tbs)) -> (Certificate, Ca) {
    signer_with_key(issuer, SIGNER_SERIAL, "individual_sign", edit)
}

/// A CRL signer of the CA's name, serial `serial`, with the key of the test PKI's `name`
/// (`name.cer`, `name.key.pem`), issued by `issuer`, `edit` applied.
fn signer_with_key(
    issuer: &Ca,
    serial: &[u8],
    name: &str,
    edit: impl FnOnce(&mut Tbs),
) -> (Certificate, Ca) {
    let holder = cert(&format!("{name}.cer"));
    let der = issuer.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(serial);
        t.spki = Tbs::of(holder.der()).spki;
        edit(t);
    });
    let signer = Certificate::from_der(&der).unwrap();
    let ca = Ca {
        cert: der,
        key: key(&format!("{name}.key.pem")),
    };
    (signer, ca)
}

/// An entry for the separate CRL signer (serial 7e57).
fn signer_entry(date: &str, reason: u8) -> Vec<u8> {
    forge::crl_entry(SIGNER_SERIAL, date, &[forge::reason(reason)])
}

// --- the CRL signer's own status --------------------------------------------------------------

/// Attack: the CA signs its CRLs with a separate key S (a self-issued certificate
/// of the CA's name, so S's own status comes from the CA's CRLs, which S signs). S's key
/// is stolen; the CA's newest CRL G (11-22, signed by S, the CA's only CRL key) lists S for
/// keyCompromise since 11-15 and the target on hold since 11-21. The thief forges F with
/// S's key (thisUpdate 11-20, fresh at the time judged, listing nothing).
///
/// `crl_signer` (src/revocation/status/signer.rs) lets a CRL "in use" vouch for its own
/// signer: proving G's signer, S's status is judged with G in use, G lists S revoked, so G
/// is untrusted; proving F's signer, S's status is judged with F in use, F proves S good
/// and G (its signer now judged with both in use: revoked by G) is dropped. G, the CA's
/// word on its own key, is thrown away because of what it says, and F proves the target
/// not revoked: valid. (G alone leaves the target unknown: adding the thief's CRL turns
/// unknown into valid.)
///
/// Correct answer: not valid. A key that a CRL it signed declares compromised (a statement
/// against interest no thief gains by forging) signs nothing relied on (RFC 5280 §6.3.3
/// (f): the CRL issuer's certificate must itself be validated, revocation included; the
/// library's own TSA rule: a key compromise makes everything the key signed
/// untrustworthy): the status is unknown at best, the hold at worst, never good.
///
/// Found by review 28 (was a defect).
#[test]
fn a_crl_signer_revoked_by_its_own_newest_crl_signs_no_older_forged_good() {
    let (signer, s) = separate_signer(&Ca::nca_rsa(), |_| {});
    let genuine = s.crl(
        &CrlSpec::complete(12, "261122000000Z", "261129000000Z").entries(vec![
            signer_entry("261115000000Z", KEY_COMPROMISE),
            entry("261121000000Z", HOLD),
        ]),
    );
    let forged = s.crl(&CrlSpec::complete(11, "261120000000Z", "261130000000Z"));
    // Control: G alone leaves the target unknown (its signer is judged revoked by G).
    let (o, why) = judge_extra(
        &target(),
        std::slice::from_ref(&genuine),
        &[],
        std::slice::from_ref(&signer),
        &at_t(),
    );
    assert_ne!(o, Overall::Valid, "control, G alone: {why}");
    for crls in permutations(&[genuine, forged]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &at_t(),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// Attack: the CA signs its routine CRLs with a separate key S (self-issued, the
/// CA's name). Suspecting S's key, the CA puts S on hold with its own key: CRL #10 signed
/// by the CA (11-20..11-27, fresh) lists S on hold since 11-19, and the target on hold
/// too. The holder of S's key signs CRL #11 (11-22..11-29) listing nothing. Proving #11's
/// signer, S's status is judged with #11 "in use" (`crl_signer`: a CRL in use vouches for
/// its own signer): #11 is newer than the CA's hold listing and fresh, so it shows S's hold
/// lifted, S is good, and #11 lifts the target's hold too: valid. Only S says S is
/// released.
///
/// Correct answer: not valid. The hold on S was placed by a key S's validity depends on
/// (its issuer's); a CRL that can be trusted only if S is trustworthy cannot be what
/// shows S's suspension lifted (RFC 5280 §6.3.3 (f): the CRL issuer's certificate is
/// validated, its revocation status included, before its CRL is used; circular
/// evidence proves nothing). The hold on S stands, #11 is unproven, and the CA's hold on
/// the target stands (invalid) or the status is unknown.
///
/// Found by review 28 (was a defect).
#[test]
fn a_crl_signer_on_hold_cannot_lift_its_own_hold_or_the_certificates() {
    let (signer, s) = separate_signer(&Ca::nca_rsa(), |_| {});
    let suspension = Ca::nca_rsa().crl(
        &CrlSpec::complete(10, "261120000000Z", "261127000000Z").entries(vec![
            signer_entry("261119000000Z", HOLD),
            entry("261119000000Z", HOLD),
        ]),
    );
    let own = s.crl(&CrlSpec::complete(11, "261122000000Z", "261129000000Z"));
    let (o, why) = judge_extra(
        &target(),
        std::slice::from_ref(&suspension),
        &[],
        std::slice::from_ref(&signer),
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "control, the CA's CRL alone: {why}");
    for crls in permutations(&[suspension, own]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &at_t(),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// Attack: the CA's separate CRL signer S (the CA's name, issued by the root) is
/// compromised; the root revokes it for keyCompromise on 11-25 (root CRL of 11-26). The
/// thief forges with S's key a CRL dated 11-22T12 (before the time judged 11-23, nextUpdate
/// 12-30: current when checked), listing nothing; the CA's genuine CRL of 11-22 lists the
/// target on hold since 11-21. Under a time proven by a time-stamp, checked 11-30, and
/// under a past time the caller gives, `crl_signer` judges S's status at the time judged
/// (11-23, before its revocation): S is good there, the forged CRL is newer than the hold
/// and fresh (and current at the check): it proves the hold lifted: valid.
///
/// Correct answer: not valid. A CRL signer revoked for keyCompromise, whenever dated,
/// signs no CRL relied on: its thisUpdate is written with the compromised key (the
/// library's own rule for a TSA revoked for keyCompromise after genTime, tests/
/// tsa_review26.rs; for a CRL signer under an OCSP compromise at a claimed time,
/// `ocsp_distrust`); RFC 5280 §6.3.3 (f) validates the CRL issuer's certificate now, and
/// EN 319 102-1 past validation needs proof the CRL existed before the compromise.
///
/// Found by review 28 (was a defect).
#[test]
fn a_crl_signer_compromised_after_the_time_signs_no_backdated_good() {
    let (signer, s) = separate_signer(&root(), |_| {});
    let hold = crl(
        10,
        "261122000000Z",
        "261222000000Z",
        &[("261121000000Z", HOLD)],
    );
    let forged = s.crl(&CrlSpec::complete(11, "261122120000Z", "261230000000Z"));
    let root_revokes_signer = root().crl(
        &CrlSpec::complete(4, "261126000000Z", "270101000000Z")
            .entries(vec![signer_entry("261125000000Z", KEY_COMPROMISE)]),
    );
    // Control: without the forged CRL the hold stands.
    let (o, why) = judge_extra(
        &target(),
        &[hold.clone(), root_revokes_signer.clone()],
        &[],
        std::slice::from_ref(&signer),
        &stamped(),
    );
    assert_eq!(o, Overall::Invalid, "control: {why}");
    for e in [stamped(), at_t()] {
        let (o, why) = judge_extra(
            &target(),
            &[hold.clone(), forged.clone(), root_revokes_signer.clone()],
            &[],
            std::slice::from_ref(&signer),
            &e,
        );
        assert_ne!(o, Overall::Valid, "{:?}: {why}", e.time_source);
    }
}

/// Attack: as above with the CA's own key: the root revokes the issuing CA for
/// cACompromise on 11-25 (root CRL of 11-26); the thief forges with the CA's key a CRL
/// dated 11-22T12 (nextUpdate 12-30), listing nothing, newer than the CA's genuine CRL of
/// 11-22 that lists the target on hold since 11-21. `crl_signer` accepts the path issuer's
/// key at once (its status is judged by the chain check, at the time judged, where the
/// CA is not yet revoked): the forged CRL lifts the hold: valid, under a time-stamp and
/// under a given past time.
///
/// Correct answer: not valid. The time-stamp proves the signature (and the certificate it
/// names) existed before the compromise, not the CRL: its thisUpdate is written with the
/// compromised key, and nothing proves it existed before 11-25 (EN 319 102-1 past
/// validation relies on proofs of existence of the validation data; the library's TSA
/// rule, tests/tsa_review26.rs). The genuine CRL's hold, or unknown.
///
/// Found by review 28 (was a defect).
#[test]
fn a_ca_compromised_after_the_time_signs_no_backdated_good() {
    let hold = crl(
        10,
        "261122000000Z",
        "261222000000Z",
        &[("261121000000Z", HOLD)],
    );
    let forged = crl(11, "261122120000Z", "261230000000Z", &[]);
    let ca = cert("nca_rsa.cer");
    let root_revokes_ca =
        root().crl(
            &CrlSpec::complete(4, "261126000000Z", "270101000000Z").entries(vec![
                forge::crl_entry(ca.serial(), "261125000000Z", &[forge::reason(2)]),
            ]),
        );
    let (o, why) = judge_extra(
        &target(),
        &[hold.clone(), root_revokes_ca.clone()],
        &[],
        &[],
        &stamped(),
    );
    assert_eq!(o, Overall::Invalid, "control: {why}");
    for e in [stamped(), at_t()] {
        let (o, why) = judge_extra(
            &target(),
            &[hold.clone(), forged.clone(), root_revokes_ca.clone()],
            &[],
            &[],
            &e,
        );
        assert_ne!(o, Overall::Valid, "{:?}: {why}", e.time_source);
    }
}

/// HELD. Attack: as in the first defect, but the CA revokes its stolen CRL key S with its
/// successor S2 (another self-issued certificate of the CA's name, another key): S2's CRL
/// (11-20..11-27) lists S for keyCompromise since 11-15 and the target on hold since
/// 11-19; the thief's CRL signed by S (11-22..11-29) lists nothing. Correct answer (RFC
/// 5280 §6.3.3 (f): S is revoked, its CRL proves nothing; S2's hold stands): invalid, in
/// every order. (The regression a fix of the first defect must keep.)
#[test]
fn held_a_crl_signer_revoked_by_its_successor_signs_nothing() {
    let (stolen, s) = separate_signer(&Ca::nca_rsa(), |_| {});
    let (successor, s2) = signer_with_key(&Ca::nca_rsa(), &[0x7e, 0x58], "legal_sign", |_| {});
    let genuine = s2.crl(
        &CrlSpec::complete(12, "261120000000Z", "261127000000Z").entries(vec![
            signer_entry("261115000000Z", KEY_COMPROMISE),
            entry("261119000000Z", HOLD),
        ]),
    );
    let forged = s.crl(&CrlSpec::complete(13, "261122000000Z", "261129000000Z"));
    for crls in permutations(&[genuine, forged]) {
        for extra in permutations(&[stolen.clone(), successor.clone()]) {
            let (o, why) = judge_extra(&target(), &crls, &[], &extra, &at_t());
            assert_eq!(o, Overall::Invalid, "{why}");
        }
    }
}

/// HELD. Attack: a certificate with the CA's name and a key the attacker holds, but whose
/// keyUsage lacks cRLSign (digitalSignature only), signs a CRL newer than the CA's hold
/// listing, to lift it. Correct answer (RFC 5280 §4.2.1.3, §6.3.3 (f)): it may not sign
/// CRLs, its CRL proves nothing, the hold stands (invalid). Control: the same signer with
/// cRLSign is the CA's CRL signer, and lifts the hold (valid).
#[test]
fn held_a_certificate_of_the_cas_name_without_crl_sign_signs_no_crl() {
    let hold = crl(
        10,
        "261120000000Z",
        "261220000000Z",
        &[("261119000000Z", HOLD)],
    );
    let ku = forge::ext(OID_KU, true, &tlv(0x03, &[0x07, 0x80]));
    let (no_crl_sign, s) = separate_signer(&root(), with_extension(OID_KU, ku));
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let (o, why) = judge_extra(
        &target(),
        &[hold.clone(), lifted],
        &[],
        &[no_crl_sign],
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "{why}");
    let (signer, s) = separate_signer(&root(), |_| {});
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let (o, why) = judge_extra(&target(), &[hold, lifted], &[], &[signer], &at_t());
    assert_eq!(o, Overall::Valid, "control, cRLSign: {why}");
}

// --- one distribution point, several CRL issuers ------------------------------------------

/// `individual_sign.cer` re-issued by the CA with one distribution point naming only the
/// CRL issuers `issuers` (raw Names, in this order: cRLIssuer, no distributionPoint).
fn with_crl_issuers(issuers: &[Vec<u8>]) -> Certificate {
    let names: Vec<Vec<u8>> = issuers.iter().map(|n| tlv(0xA4, n)).collect();
    let dp = seq(&[&tlv(0xA2, &names.concat())]);
    let cdp = forge::ext(OID_CDP, false, &tlv(0x30, &dp));
    let template = target().der().to_vec();
    let der = Ca::nca_rsa().reissue(&template, with_extension(OID_CDP, cdp));
    let c = Certificate::from_der(&der).unwrap();
    assert_eq!(c.crl_distribution_points().len(), 1);
    c
}

/// An issuingDistributionPoint with indirectCRL only (critical).
fn indirect_idp() -> Vec<u8> {
    forge::ext(OID_IDP, true, &tlv(0x30, &tlv(0x84, &[0xff])))
}

/// The root's indirect CRL #5 (`this`..11-27), empty, and the CA's indirect CRL #12
/// (`ca_this`..`ca_next`) listing the target on hold since `hold`.
fn two_issuers(this: &str, ca_this: &str, ca_next: &str, hold: &str) -> [Vec<u8>; 2] {
    let mut spec = CrlSpec::complete(5, this, "261127000000Z");
    spec.extensions.push(indirect_idp());
    let root_crl = root().crl(&spec);
    let mut spec = CrlSpec::complete(12, ca_this, ca_next).entries(vec![entry(hold, HOLD)]);
    spec.extensions.push(indirect_idp());
    [root_crl, Ca::nca_rsa().crl(&spec)]
}

/// The target re-issued with one distribution point naming the root's name and the CA's,
/// in both orders.
fn both_orders() -> [Certificate; 2] {
    let root_name = Tbs::of(cert("root.cer").der()).subject;
    let ca_name = Ca::nca_rsa().name();
    [
        with_crl_issuers(&[ca_name.clone(), root_name.clone()]),
        with_crl_issuers(&[root_name, ca_name]),
    ]
}

/// Found by review 28 (was a defect). Attack: the certificate's one distribution point names two CRL issuers (the
/// root's name, then the CA's: cRLIssuer is one issuer's names, RFC 5280 §4.2.1.13), each
/// publishing an indirect CRL. The CA's CRL lists the certificate on hold; the root's
/// indirect CRL, fresh at the time judged but older than that listing, lists nothing.
/// `walk` keeps the reasons proven per distribution point (`Point::mask`) across its CRL
/// issuers: the root's older CRL proves every reason first, and the CA's CRLs, their
/// point already proven, are asked only for permanent revocations (`standing` with holds
/// off): the hold is never weighed: valid. With the issuers named the other way round the
/// same CRLs give the right answer: the order of names in the certificate decides.
///
/// Correct answer (README: a hold proven at the time judged stands unless a CRL fresh
/// then, covering holds, issued after its newest listing, no longer lists it; a hold in
/// force before the time, not proven lifted by such a CRL, leaves the status unknown):
/// (a) the CA's CRL (11-22..11-29) fresh at the time, hold since 11-21, the root's CRL of
/// 11-20: on hold, invalid; (b) the CA's CRL (11-15..11-20) no longer fresh, hold since
/// 11-14, the root's CRL of 11-10: unknown, indeterminate. In both orders, whatever the
/// order the CRLs are given in.
#[test]
fn a_hold_of_the_second_crl_issuer_of_a_distribution_point_is_weighed() {
    let cases = [
        (
            two_issuers(
                "261120000000Z",
                "261122000000Z",
                "261129000000Z",
                "261121000000Z",
            ),
            Overall::Invalid,
        ),
        (
            two_issuers(
                "261110000000Z",
                "261115000000Z",
                "261120000000Z",
                "261114000000Z",
            ),
            Overall::Indeterminate,
        ),
    ];
    for (crls, want) in cases {
        for cert in both_orders() {
            for crls in permutations(&crls) {
                let (o, why) = judge_extra(&cert, &crls, &[], &[], &at_t());
                assert_eq!(o, want, "{why}");
            }
        }
    }
}

/// Found by review 28 (was a defect). Attack: as above, at a time the signer claims (11-10, checked 11-23): the CA's
/// newest CRL (11-22..11-29, current at the check) lists the certificate on hold since
/// 11-21 (after the claim); the root's indirect CRL (11-20, current) lists nothing. Named
/// CA first, the hold on the newest CRL leaves the claim unknown (README, claimed signing
/// time: one on hold in the newest CRL cannot be proven good); named root first, the CA's
/// CRL is asked only for permanent revocations and for holds from before the claim
/// (`standing`: `newest_word` is false for a complete CRL): valid.
///
/// Correct answer: indeterminate in both orders (a signature claiming a time cannot be
/// shown to fall outside the hold).
#[test]
fn at_a_claimed_time_a_hold_of_the_second_crl_issuer_leaves_the_claim_unknown() {
    let crls = two_issuers(
        "261120000000Z",
        "261122000000Z",
        "261129000000Z",
        "261121000000Z",
    );
    for cert in both_orders() {
        for crls in permutations(&crls) {
            let (o, why) = judge_extra(&cert, &crls, &[], &[], &claim());
            assert_eq!(o, Overall::Indeterminate, "{why}");
        }
    }
}

// --- removeFromCRL at a claimed time ---------------------------------------------------------

/// Found by review 28 (was a defect). Attack: the CA's complete CRL #14 (11-01..2027-05-01, current at the claimed
/// time 11-10 and at the check 11-23) lists the target (a) on hold since 10-20, or (b) for
/// keyCompromise since 10-20; a delta #10 over it (11-20..12-20, current at the check)
/// removes it (removeFromCRL: the hold lifted on 11-20; in (b) an entry a CA cannot lift).
/// The signer claims 11-10, inside the hold. `judge_with` (rule 5) truncates the views to
/// the newest (the base with the delta) before the permanent revocations are looked for,
/// and in that view the delta's removeFromCRL speaks for the base: the base alone, which
/// lists the certificate, is never read: valid in both cases.
///
/// Correct answer, by the library's own rules: the same facts as two complete CRLs (#14
/// listing the hold or the compromise, a newer #15 no longer listing it) give unknown for
/// the hold (a hold in force at the claimed time leaves the claim unknown: README,
/// claimed signing time) and invalid for the compromise (rule 2: a revocation cannot be
/// undone; RFC 5280 §5.3.1: removeFromCRL is for a certificate released from hold or
/// expired, and tests/crl_review.rs holds this at a given time). So (a) indeterminate,
/// (b) invalid.
#[test]
fn at_a_claimed_time_a_deltas_remove_from_crl_does_not_erase_its_bases_listing() {
    for (reason, want) in [
        (HOLD, Overall::Indeterminate),
        (KEY_COMPROMISE, Overall::Invalid),
    ] {
        let base = crl(
            14,
            "261101000000Z",
            "270501000000Z",
            &[("261020000000Z", reason)],
        );
        // Control: the newer word as a complete CRL.
        let newer = crl(15, "261120000000Z", "261220000000Z", &[]);
        let (o, _, why) = judge_with(&target(), &[base.clone(), newer], &[], claim());
        assert_eq!(o, want, "control, two complete CRLs: {why}");
        let removal = delta(
            10,
            14,
            "261120000000Z",
            "261220000000Z",
            vec![entry("261020000000Z", 8)],
        );
        for crls in permutations(&[base, removal]) {
            let (o, _, why) = judge_with(&target(), &crls, &[], claim());
            assert_eq!(o, want, "reason {reason}: {why}");
        }
    }
}

// --- the time-stamp rule --------------------------------------------------------------------

/// HELD. Attack (time-stamp rule): the CA's complete CRL #10 (11-01..2027-05-01, current
/// at the check, omitting the target) and a delta over it issued after the time judged
/// (11-24) that lists the target for keyCompromise since 11-24, invalidityDate 11-20 (the
/// compromise reported after the time, dated before it). The base alone, issued before the
/// time and current when checked, would prove "not revoked". Correct answer (RFC 5280
/// §5.3.2: the invalidityDate is when the key was compromised; the delta's revocation
/// stands in any view): invalid.
#[test]
fn held_a_delta_after_a_time_stamp_revokes_from_an_invalidity_date_before_it() {
    let compromise = forge::crl_entry(
        &serial(),
        "261124000000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261120000000Z"),
        ],
    );
    let d = delta(11, 10, "261124000000Z", "261201000000Z", vec![compromise]);
    for crls in permutations(&[base10(), d]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], stamped());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// HELD. Attack (time-stamp rule): the target is on hold since 11-20 on the CA's CRL #10
/// (11-21..11-28, fresh at the time judged, not current at the check); a delta over it
/// issued after the time (11-24, current at the check) removes it (removeFromCRL). The
/// view with the delta, issued after the time, shows no revocation; it does not show the
/// hold lifted at the time. Correct answer (README: a CRL issued after the time shows a
/// hold lifted by then, not when; the base proves the hold at the time): invalid.
#[test]
fn held_a_delta_after_a_time_stamp_does_not_lift_a_hold_proven_at_it() {
    let base = crl(
        10,
        "261121000000Z",
        "261128000000Z",
        &[("261120000000Z", HOLD)],
    );
    let d = delta(
        11,
        10,
        "261124000000Z",
        "261201000000Z",
        vec![entry("261124000000Z", 8)],
    );
    for crls in permutations(&[base, d]) {
        let (o, _, why) = judge_with(&target(), &crls, &[], stamped());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// HELD. Attack (time-stamp rule): no CRL proves the time; an OCSP "good" with thisUpdate
/// 11-22 (before the time judged 11-23, fresh then) but produced after it (11-25), its
/// nextUpdate 11-26 before the check (11-30). Produced after the time, it still states the
/// status as of its thisUpdate: a compromise reported after that and dated before the
/// time (invalidityDate) would not be in it. Correct answer (TimeSource::TimeStamp: evidence
/// issued at or before the time proves "not revoked" only while current at the check; RFC
/// 6960 §2.4: thisUpdate is when the status was known correct): not valid. Control: the
/// same response with nextUpdate after the check is current then, and proves it (valid).
#[test]
fn held_an_ocsp_good_produced_after_a_time_stamp_speaks_as_of_its_this_update() {
    let stale_crl = crl(10, "261101000000Z", "261110000000Z", &[]);
    let r = by_responder(
        "20261125000000Z",
        &[single(
            &serial(),
            &good(),
            "20261122000000Z",
            Some("20261126000000Z"),
        )],
    );
    let (o, _, why) = judge_with(&target(), std::slice::from_ref(&stale_crl), &[r], stamped());
    assert_ne!(o, Overall::Valid, "{why}");
    let current = by_responder(
        "20261125000000Z",
        &[single(
            &serial(),
            &good(),
            "20261122000000Z",
            Some("20261201000000Z"),
        )],
    );
    let (o, _, why) = judge_with(&target(), &[stale_crl], &[current], stamped());
    assert_eq!(o, Overall::Valid, "control, current at the check: {why}");
}

/// HELD. Attack (time-stamp rule and the caller's maximum age): the CA's CRL #10
/// (11-20..12-20, current at the check by its nextUpdate) omits the target; the caller's
/// maximum CRL age is 5 days, so it is fresh at the time judged (11-23) but too old at the
/// check (11-30). Correct answer: the maximum age bounds "current when checked" as it
/// bounds "fresh": evidence from before the time older than the caller accepts at the
/// check proves nothing (not valid).
#[test]
fn held_a_time_stamp_checked_past_the_maximum_age_proves_nothing() {
    let c = crl(10, "261120000000Z", "261220000000Z", &[]);
    let v = common::rsa_verifier_with_crls(&[c], |b| b.crl_max_age(chrono::Duration::days(5)));
    use qoltanba::Judged as _;
    let verdict = v.check_certificate(&target(), &stamped());
    let (_, why) = revocation(&verdict);
    assert_ne!(verdict.overall(), Overall::Valid, "{why}");
    let verdict = v.check_certificate(&target(), &at_t());
    let (_, why) = revocation(&verdict);
    assert_eq!(
        verdict.overall(),
        Overall::Valid,
        "control, given time: {why}"
    );
}

/// HELD. Attack (time-stamp rule and the responder's clock skew): the CA's CRL #10
/// (11-22..12-22) lists the target on hold since 11-21, proven at the time judged; an
/// OCSP "good" whose thisUpdate is 3 minutes after the time judged (within the 5-minute
/// clock skew, so "fresh" at it) and current at the check. Issued after the time, it shows
/// the hold lifted by then, not at the time. Correct answer (README: a hold is lifted only
/// by evidence fresh at the time judged and issued after its listing; one issued after the
/// time shows it lifted by its own date only): invalid, under a time-stamp and a given
/// time.
#[test]
fn held_an_ocsp_good_within_the_clock_skew_after_the_time_lifts_no_hold() {
    let hold = crl(
        10,
        "261122000000Z",
        "261222000000Z",
        &[("261121000000Z", HOLD)],
    );
    let r = ocsp(&good(), "20261123000300Z", Some("20261201000000Z"));
    for e in [stamped(), at_t()] {
        let (o, why) = judge_extra(
            &target(),
            std::slice::from_ref(&hold),
            std::slice::from_ref(&r),
            &[],
            &e,
        );
        assert_eq!(o, Overall::Invalid, "{:?}: {why}", e.time_source);
    }
}
