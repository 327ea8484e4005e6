//! Review 29 (hostile): who may sign a CRL (RFC 5280 §6.3.3 (f)) as rewritten after review
//! 28 (`src/revocation/status/signer.rs`: `crl_signer` and `listing_signer`, `Reliance`,
//! `Refused { distrusted }`, `distrust`; `src/revocation/store.rs`: `that_may_list`;
//! `src/revocation/status/walk.rs`: `complete_crl`, a distrusted signer's CRL read for its
//! listings; `src/revocation/status/standing.rs`; `src/condition/revocation.rs`:
//! `ocsp_distrust`). Each test's comment gives the attack and the correct answer; the
//! `defect_` tests asserted the safe answer and failed then (all six are fixed, renamed
//! and marked "Found by review 29 (was a defect)"), the `held_` ones are attacks the
//! library withstood (regression tests).
//!
//! The new rules held where they apply: an OCSP compromise of a self-issued signer, a
//! signer listed only by another issuer's indirect CRL, a compromise listing predating the
//! signer, a signer that revokes itself (it cannot demote the CA's own CRL), and reasons
//! that hide no compromise. The defects: distrust is per certificate, not per key (a
//! second certificate of the compromised key, tried first, signs the thief's CRL: the
//! order offered decides; a compromised re-issue of the CA's own certificate leaves the
//! CA's key trusted); a distrusted signer's listings do not always stand (one revoked at
//! the time judged signs no listing, so an earlier compromise erases its holds, and a
//! compromise listing by a signer later put on hold is ignored, the stolen key trusted; at a
//! claimed time its newest CRL is not the newest word, so a hold after the claim is
//! dropped and an older CRL decides): evidence against a CRL key turns invalid or unknown
//! into valid.
//!
//! Material: CRLs of `nca_rsa.cer` and of the root, separate CRL signers with the CA's name
//! (issued by the root, or by the CA itself: self-issued), and responses of the CA's
//! delegated responder, about `individual_sign.cer` (valid 2026-01-01..2027-01-01). The
//! time judged is 2026-11-23T00:00:00Z; a claimed time is 2026-11-10, checked 2026-11-23.

mod common;

use common::evidence::*;

use common::forge::{self, int, seq, tlv, Ca, CrlSpec, Tbs};
use common::time;
use qoltanba::{Certificate, Overall};

/// The serial of the separate CRL signer made here (and of its twin, below).
const SIGNER_SERIAL: &[u8] = &[0x7e, 0x57];
const TWIN_SERIAL: &[u8] = &[0x7e, 0x58];
/// certificateIssuer (an entry extension of an indirect CRL).
const OID_CERTIFICATE_ISSUER: &[u8] = &[0x55, 0x1d, 0x1d];
/// cACompromise.
const CA_COMPROMISE: u8 = 2;
/// superseded.
const SUPERSEDED: u8 = 4;

/// A CRL signer of the CA's name, serial `serial`, with the key of the test PKI's `name`
/// (`name.cer`, `name.key.pem`), issued by `issuer`; and the CA as that signer (to sign
/// CRLs with its key).
fn signer_with_key(issuer: &Ca, serial: &[u8], name: &str) -> (Certificate, Ca) {
    let holder = cert(&format!("{name}.cer"));
    let der = issuer.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(serial);
        t.spki = Tbs::of(holder.der()).spki;
    });
    let signer = Certificate::from_der(&der).unwrap();
    let ca = Ca {
        cert: der,
        key: key(&format!("{name}.key.pem")),
    };
    (signer, ca)
}

/// A separate CRL signer: the CA's name, serial 7e57, the end entity's key, issued by
/// `issuer`.
fn separate_signer(issuer: &Ca) -> (Certificate, Ca) {
    signer_with_key(issuer, SIGNER_SERIAL, "individual_sign")
}

// --- a distrusted signer's CRL and the newest CRL at a claimed time ---------------------------

/// Attack (claimed time): the CA signs CRLs with two keys, its own and a separate CRL
/// signer S (the CA's name, issued by the root). The CA's complete CRL #10 (signed by the
/// CA, 11-05..2027-05-01) omits the target; its newest CRL #12 (signed by S, 11-22..11-29)
/// lists the target on hold since 11-21. The signer claims 11-10 (checked 11-23). With S
/// trusted, #12 is the newest word and its hold, whenever dated, leaves the claim unknown
/// (README, claimed signing time: a certificate on hold in the newest CRL cannot be proven
/// good; control below). Now the root revokes S for keyCompromise since 11-22T12 (root CRL
/// of 11-23), after it signed #12. `distrust` refuses S; `complete_crl` reads #12 only
/// through `standing` (holds on, `newest_word` false), which, at a claimed time, drops a
/// hold that starts after the claim (`wanted = newest_word || start <= at`); #12 never
/// becomes `walk.newest`, so #10 (older, proven, fresh at the claim) is judged in full and
/// proves the target good: valid. Evidence against the CA's CRL key turns unknown into
/// valid; a thief of S's key gains by getting S revoked.
///
/// Correct answer: indeterminate, as without the root's CRL. A distrusted signer's CRL
/// proves nothing, "but what it lists against a certificate still stands" (signer.rs): a
/// hold listing on the newest CRL is such a listing, and at a claimed time it counts
/// whenever dated. Nor can an older CRL be promoted to "the newest" because a newer one's
/// signer lost trust: it still knew nothing of the hold.
///
/// (The same with S distrusted by its own word, good at the claim: the next test.)
///
/// Locus: `complete_crl` (walk.rs: a distrusted signer's CRL is read with `standing(..,
/// holds: true, newest_word: false)`, and `walk.newest` is set only by a proven CRL),
/// `standing` (standing.rs: at a claimed time a hold after the claim is wanted only as
/// the newest word), and `find_signer` under `Reliance::Listings` (a signer revoked at the
/// claim, as a compromise always is then, signs no listing). Fix: at a claimed time, a
/// complete CRL of a distrusted signer newer than every proven one is the newest word for
/// its listings (`newest_word` true; its holds, whenever dated, leave the claim unknown),
/// and its signer is accepted for listings whatever its status then.
///
/// Found by review 29 (was a defect).
#[test]
fn at_a_claimed_time_a_distrusted_signers_newest_crl_is_the_newest_word_for_its_hold() {
    let (signer, s) = separate_signer(&root());
    let newest = s.crl(
        &CrlSpec::complete(12, "261122000000Z", "261129000000Z")
            .entries(vec![entry("261121000000Z", HOLD)]),
    );
    let older = crl(10, "261105000000Z", "270501000000Z", &[]);
    let root_revokes_s = root_crl(
        4,
        "261123000000Z",
        vec![entry_for(SIGNER_SERIAL, "261122120000Z", KEY_COMPROMISE)],
    );
    // Control: S trusted, the hold on its newest CRL leaves the claim unknown.
    for crls in permutations(&[newest.clone(), older.clone()]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &claim(),
        );
        assert_eq!(o, Overall::Indeterminate, "control, S trusted: {why}");
    }
    for crls in permutations(&[newest, older, root_revokes_s]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &claim(),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// Attack (claimed time, 11-10, checked 11-23): the CA retires its separate CRL signer S
/// (self-issued: the CA's name, issued by the CA, so the CA's CRLs may list it): S's last CRL #12 (11-22..11-29) lists S itself as superseded since 11-22,
/// and the target on hold since 11-21. The CA's own older CRL #10 (11-05..2027-05-01) omits
/// the target. Nothing revokes S at the claimed time (its supersession is dated after it).
/// `distrust` refuses S for "everything" (a CRL it signed lists it); `complete_crl` reads
/// #12 with `standing(holds: true, newest_word: false)`, `listing_signer` accepts S, but
/// `standing` drops a hold that starts after the claim unless it is the newest word; #10
/// becomes the newest CRL and proves the claim good: valid. Without S's self-listing #12 is
/// the newest word and the claim is unknown (control): the CA's routine retirement of its
/// CRL key turns unknown into valid.
///
/// Correct answer: indeterminate (README, claimed signing time: a certificate on hold in
/// the newest CRL cannot be proven good; signer.rs: a distrusted signer's listings stand).
///
/// Locus: `complete_crl` (walk.rs: `standing(idx, crl, ask, true, false)` for a distrusted
/// signer's CRL; `walk.newest` only for a proven CRL) and `standing` (standing.rs: the
/// `wanted` filter). Fix: pass `newest_word` true when the distrusted CRL is newer than
/// every proven complete CRL of the point (or take its holds whenever dated at a claimed
/// time).
///
/// Found by review 29 (was a defect).
#[test]
fn at_a_claimed_time_a_retired_signers_last_crl_is_the_newest_word_for_its_hold() {
    let (signer, s) = separate_signer(&Ca::nca_rsa());
    let older = crl(10, "261105000000Z", "270501000000Z", &[]);
    let plain = s.crl(
        &CrlSpec::complete(12, "261122000000Z", "261129000000Z")
            .entries(vec![entry("261121000000Z", HOLD)]),
    );
    for crls in permutations(&[plain, older.clone()]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &claim(),
        );
        assert_eq!(o, Overall::Indeterminate, "control, S not retired: {why}");
    }
    let last = s.crl(
        &CrlSpec::complete(12, "261122000000Z", "261129000000Z").entries(vec![
            entry("261121000000Z", HOLD),
            entry_for(SIGNER_SERIAL, "261122000000Z", SUPERSEDED),
        ]),
    );
    for crls in permutations(&[last, older]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &claim(),
        );
        assert_ne!(o, Overall::Valid, "S retired by its own last CRL: {why}");
    }
}

/// Attack (given time, 11-23): as above, the newest CRL #12 (11-22..11-29, fresh), signed
/// by the separate CRL signer S, lists the target on hold since 11-21; the CA's own older
/// CRL #10 (11-05..2027-05-01) omits it. The root revokes S for keyCompromise. Dated after
/// the time judged (11-25), S is distrusted, #12 is read for its listings
/// (`listing_signer`), and the hold stands: invalid (control). Dated before it (since
/// 11-22T12, after #12 was signed), S is revoked at the time judged: `listing_signer`
/// still requires the signer's status to be good then (`find_signer`: `status_inner`
/// Revoked is a refusal), so #12's hold is dropped and the older #10 proves the target not
/// revoked: valid. An earlier compromise of the CA's CRL key, a stronger statement against
/// it, turns invalid into valid; a thief who can get S's compromise dated earlier erases
/// every hold S ever listed.
///
/// Correct answer: invalid, whatever the compromise's date. The library's rule: a signer
/// revoked for a possible compromise at any date signs no CRL that proves "good", "while
/// what its CRLs list against a certificate still stands" (signer.rs; README, Security
/// rules); a listing can only make a certificate not valid, so nothing is gained by
/// refusing it (RFC 5280 §6.3.3 (f) asks the signer to be validated for what the CRL is
/// relied on for; a hold it lists is relied on for nothing but refusal).
///
/// Locus: `find_signer` under `Reliance::Listings` (src/revocation/status/signer.rs): a
/// signer revoked at the time judged is refused even for listings; fix: under
/// `Listings`, accept a signer whose status at the time judged is Revoked (or unknown) for
/// what its CRL lists, as a distrusted one is.
///
/// Found by review 29 (was a defect).
#[test]
fn a_hold_listed_by_a_signer_compromised_before_the_time_stands() {
    let (signer, s) = separate_signer(&root());
    let newest = s.crl(
        &CrlSpec::complete(12, "261122000000Z", "261129000000Z")
            .entries(vec![entry("261121000000Z", HOLD)]),
    );
    let older = crl(10, "261105000000Z", "270501000000Z", &[]);
    for (since, root_this) in [
        ("261125000000Z", "261126000000Z"),
        ("261122120000Z", "261123000000Z"),
    ] {
        let root_revokes_s = root_crl(
            4,
            root_this,
            vec![entry_for(SIGNER_SERIAL, since, KEY_COMPROMISE)],
        );
        for crls in permutations(&[newest.clone(), older.clone(), root_revokes_s]) {
            let (o, why) = judge_extra(
                &target(),
                &crls,
                &[],
                std::slice::from_ref(&signer),
                &at_t(),
            );
            assert_eq!(o, Overall::Invalid, "S compromised since {since}: {why}");
        }
    }
}

// --- a distrusted key in another certificate ----------------------------------------------

/// Attack: the CA's separate CRL signer has two certificates with the same key K (the
/// CA's name, both issued by the root: S, serial 7e57, and its re-issue S', serial 7e58,
/// e.g. a renewal that kept the key). K is stolen; the root revokes S for keyCompromise
/// since 11-15 (root CRL of 11-16), but not S'. The CA's CRL #10 lists the target on hold
/// since 11-19; the thief signs with K a CRL #11 (11-22..12-22) listing nothing.
/// `find_signer` records a key as distrusted (`distrusted_keys`) only once a certificate
/// carrying it was refused: offered S' before S, S' is tried first, is not listed, is
/// good, and signs #11: the hold is lifted, valid. Offered S before S', the same store
/// gives the right answer: the order the certificates are offered in decides.
///
/// Correct answer: not valid in every order. signer.rs states the rule itself: "the same
/// key in another certificate (a re-issue of the CA's certificate) is refused too, the key
/// being what is lost"; a revocation for keyCompromise says the key is lost (RFC 5280
/// §5.3.1), whichever certificate carries it.
///
/// Locus: `find_signer` (src/revocation/status/signer.rs): the distrust of a key is
/// learned from the candidates already tried; fix: ask `distrust` of every candidate
/// sharing the key (or index compromise listings by SPKI) before accepting any.
///
/// Found by review 29 (was a defect).
#[test]
fn a_compromised_key_is_distrusted_in_every_certificate_that_carries_it() {
    let (s, thief) = separate_signer(&root());
    let (twin, _) = signer_with_key(&root(), TWIN_SERIAL, "individual_sign");
    let root_revokes_s = root_crl(
        4,
        "261116000000Z",
        vec![entry_for(SIGNER_SERIAL, "261115000000Z", KEY_COMPROMISE)],
    );
    let forged = thief.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    // Control: S alone is refused, the hold stands.
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), forged.clone(), root_revokes_s.clone()],
        &[],
        std::slice::from_ref(&s),
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "control, S alone: {why}");
    for offered in permutations(&[s, twin]) {
        let (o, why) = judge_extra(
            &target(),
            &[ca_hold(), forged.clone(), root_revokes_s.clone()],
            &[],
            &offered,
            &at_t(),
        );
        assert_ne!(
            o,
            Overall::Valid,
            "offered {:?}: {why}",
            offered.iter().map(|c| c.serial_hex()).collect::<Vec<_>>()
        );
    }
}

/// Attack: as above with the CA's own key: the root re-issued the CA's certificate with
/// the same key (serial 7e58, offered as an intermediate) and revokes that re-issue for
/// cACompromise since 11-25 (after the time judged; root CRL of 11-26), not the original
/// the path goes through. The thief forges with the CA's key a CRL dated 11-22T12 (fresh,
/// listing nothing), newer than the CA's genuine CRL of 11-22 listing the target on hold
/// since 11-21. The path issuer (`nca_rsa.cer`) is not listed, so `distrust` finds nothing
/// against it and the forged CRL lifts the hold: valid. (Review 28's
/// `a_ca_compromised_after_the_time_signs_no_backdated_good` holds when the original is
/// listed.)
///
/// Correct answer: not valid. The key is what is lost (signer.rs: "the same key in another
/// certificate (a re-issue of the CA's certificate) is refused too"), and the forged CRL's
/// thisUpdate is written with it.
///
/// Locus: `find_signer` (the path issuer's `distrust` asks only of its own serial) and
/// `distrust` (per certificate, not per key).
///
/// Found by review 29 (was a defect).
#[test]
fn a_compromised_re_issue_of_the_cas_certificate_distrusts_the_cas_key() {
    let hold = crl(
        10,
        "261122000000Z",
        "261222000000Z",
        &[("261121000000Z", HOLD)],
    );
    let forged = crl(11, "261122120000Z", "261230000000Z", &[]);
    let reissue = Certificate::from_der(&root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(TWIN_SERIAL);
    }))
    .unwrap();
    let root_revokes_reissue = root_crl(
        4,
        "261126000000Z",
        vec![entry_for(TWIN_SERIAL, "261125000000Z", CA_COMPROMISE)],
    );
    // Control: the original listed the same way is refused (review 28).
    let root_revokes_ca = root_crl(
        4,
        "261126000000Z",
        vec![entry_for(
            cert("nca_rsa.cer").serial(),
            "261125000000Z",
            CA_COMPROMISE,
        )],
    );
    let (o, why) = judge_extra(
        &target(),
        &[hold.clone(), forged.clone(), root_revokes_ca],
        &[],
        &[],
        &at_t(),
    );
    assert_ne!(o, Overall::Valid, "control, the original listed: {why}");
    for crls in permutations(&[hold, forged, root_revokes_reissue]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&reissue),
            &at_t(),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

// --- where the compromise of a signer is shown ----------------------------------------------

/// HELD. Attack: a self-issued CRL signer S (the CA's name, issued by the CA, so its own
/// status comes from the CA's CRLs, which S may sign). S's key is stolen; no CRL lists S,
/// but the CA's delegated OCSP responder says S is revoked for keyCompromise since 11-25
/// (after the time judged). The thief signs with S's key a CRL (11-22..12-22) that lifts
/// the CA's hold on the target. `find_signer` may accept S through its own CRL (`in_use`,
/// nobody lists it); the OCSP compromise must still refuse it. Correct answer (README: an
/// OCSP compromise counts whenever dated; `ocsp_distrust`): not valid. Control: without
/// the response the thief's CRL is S's and lifts the hold (valid).
#[test]
fn held_an_ocsp_compromise_of_a_self_issued_signer_refuses_its_crl() {
    let (signer, s) = separate_signer(&Ca::nca_rsa());
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lifted.clone()],
        &[],
        std::slice::from_ref(&signer),
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, no response: {why}");
    let compromise = by_responder(
        "20261125000000Z",
        &[single(
            SIGNER_SERIAL,
            &revoked("20261125000000Z", Some(KEY_COMPROMISE)),
            "20261125000000Z",
            Some("20261202000000Z"),
        )],
    );
    for crls in permutations(&[ca_hold(), lifted]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            std::slice::from_ref(&compromise),
            std::slice::from_ref(&signer),
            &at_t(),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// HELD. Attack: the self-issued CRL signer S is listed for keyCompromise only by an
/// indirect CRL of the root (its entry names the CA as certificateIssuer), since 11-25.
/// The thief's CRL signed by S lifts the CA's hold. `that_may_list` must offer the root's
/// indirect CRL for a certificate of the CA, and `listed_anywhere` must see it before a
/// CRL vouches for its own signer. Correct answer: not valid.
#[test]
fn held_a_signer_listed_only_by_an_indirect_crl_is_refused() {
    let (signer, s) = separate_signer(&Ca::nca_rsa());
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let ca_name = Ca::nca_rsa().name();
    let cert_issuer = forge::ext(OID_CERTIFICATE_ISSUER, true, &seq(&[&tlv(0xA4, &ca_name)]));
    let mut spec =
        CrlSpec::complete(6, "261126000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            SIGNER_SERIAL,
            "261125000000Z",
            &[forge::reason(KEY_COMPROMISE), cert_issuer],
        )]);
    spec.extensions
        .push(forge::ext(OID_IDP, true, &tlv(0x30, &tlv(0x84, &[0xff]))));
    let indirect = root().crl(&spec);
    for crls in permutations(&[ca_hold(), lifted, indirect]) {
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

/// HELD. Attack (the reverse of a statement against interest): a forger who cannot sign
/// as the CA wants the CA's genuine "good" refused and an older CRL to decide. He holds a
/// separate root-issued CRL signer S of the CA's name (stolen key) and signs with it a CRL
/// that lists S itself for keyCompromise: S is distrusted by its own word. The CA's
/// genuine newest CRL #12 (its own key) omits the target; its older #10 lists it on hold,
/// lifted by #12. Refusing S cannot touch the CA's own key: correct answer valid (the
/// CA's #12 lifts the hold), and never a forged "good" from S.
#[test]
fn held_a_signer_that_revokes_itself_does_not_demote_the_cas_own_crl() {
    let (signer, s) = separate_signer(&root());
    let self_revoked = s.crl(
        &CrlSpec::complete(13, "261122060000Z", "261229000000Z").entries(vec![entry_for(
            SIGNER_SERIAL,
            "261101000000Z",
            KEY_COMPROMISE,
        )]),
    );
    let genuine = crl(12, "261122000000Z", "261222000000Z", &[]);
    for crls in permutations(&[ca_hold(), genuine, self_revoked]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&signer),
            &at_t(),
        );
        assert_eq!(o, Overall::Valid, "{why}");
    }
}

/// HELD. Attack: the root lists S (serial 7e57) for keyCompromise on a CRL issued before
/// S was (thisUpdate 2023-12-01, S valid from 2024-01-01): the serial was another
/// certificate's, and a forger who wants S's CRLs refused cannot use it; nor can the CA's
/// real listing of S be hidden by it. Here S's CRL lifts a hold and must still do so
/// (valid), while a root CRL after S's issue listing it refuses S (not valid).
#[test]
fn held_a_compromise_listing_predating_the_signer_is_another_certificates() {
    let (signer, s) = separate_signer(&root());
    let not_before = signer.not_before();
    assert!(
        not_before > time("2023-12-01T00:00:00Z"),
        "S is issued after the old CRL: {not_before}"
    );
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let old = root().crl(
        &CrlSpec::complete(2, "231201000000Z", "270101000000Z").entries(vec![entry_for(
            SIGNER_SERIAL,
            "231130000000Z",
            KEY_COMPROMISE,
        )]),
    );
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lifted.clone(), old],
        &[],
        std::slice::from_ref(&signer),
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "{why}");
    let now = root_crl(
        4,
        "261126000000Z",
        vec![entry_for(SIGNER_SERIAL, "261125000000Z", KEY_COMPROMISE)],
    );
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lifted, now],
        &[],
        std::slice::from_ref(&signer),
        &at_t(),
    );
    assert_ne!(o, Overall::Valid, "{why}");
}

/// HELD. Attack: the root lists S for a reason that hides no compromise (superseded,
/// since 11-25, after the time judged): S's key was not lost, its CRLs from before stand.
/// And for removeFromCRL (S "released"): no listing at all. S's CRL lifts the CA's hold:
/// valid in both (a superseded key signs no CRL after its revocation, but 11-22 is before
/// it). Guards against `distrust` over-reaching; the compromise case is review 28's.
#[test]
fn held_a_signer_superseded_after_the_time_or_removed_still_signs() {
    let (signer, s) = separate_signer(&root());
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    for reason in [SUPERSEDED, 8] {
        let listing = root_crl(
            4,
            "261126000000Z",
            vec![entry_for(SIGNER_SERIAL, "261125000000Z", reason)],
        );
        let (o, why) = judge_extra(
            &target(),
            &[ca_hold(), lifted.clone(), listing],
            &[],
            std::slice::from_ref(&signer),
            &at_t(),
        );
        assert_eq!(o, Overall::Valid, "reason {reason}: {why}");
    }
}

/// Attack: the CA's separate CRL signer S (root-issued) is stolen. The root's own CRL
/// signer R (a root-issued certificate of the root's name, another key) lists S for
/// keyCompromise since 11-17 on its CRL #7 (11-18..2027-01-01). The root then puts R on
/// hold since 11-20 (the root's CRL #8, signed with the root's key, fresh). The thief signs
/// with S's key a CRL (11-22..12-22) lifting the CA's hold on the target. `distrust` proves
/// #7's signer with `listing_signer`, which requires R's status to be good at the time
/// judged: R is on hold, #7 is ignored as if forged (`Err(_) => {}`), S is trusted, and
/// the thief's CRL lifts the hold: valid. Control: R not on hold, S is refused (invalid).
///
/// Correct answer: invalid. A compromise listing is a statement against the listed key
/// that no thief gains by forging ("what its CRLs list against a certificate still
/// stands", signer.rs); it was issued while R was trusted, and R's later suspension does
/// not make S's key safe again.
///
/// Locus: `distrust` -> `listing_signer` -> `find_signer` (src/revocation/status/
/// signer.rs): under `Reliance::Listings` a signer revoked or on hold at the time judged is
/// refused, and `distrust` then ignores the listing. Fix: as for the defect above, accept
/// for listings a signer whose key and path are proven, whatever its status then (or treat
/// such a listing as `Distrust::Unproven`: the key signs nothing).
///
/// Found by review 29 (was a defect).
#[test]
fn a_compromise_listing_by_a_signer_later_on_hold_still_distrusts() {
    let (signer, s) = separate_signer(&root());
    let lifted = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let root_name_signer = {
        let holder = cert("legal_sign.cer");
        let der = root().reissue(cert("root.cer").der(), |t| {
            t.serial = int(&[0x52, 0x52]);
            t.spki = Tbs::of(holder.der()).spki;
        });
        Ca {
            cert: der,
            key: key("legal_sign.key.pem"),
        }
    };
    let r = Certificate::from_der(&root_name_signer.cert).unwrap();
    let listing = root_name_signer.crl(
        &CrlSpec::complete(7, "261118000000Z", "270101000000Z").entries(vec![entry_for(
            SIGNER_SERIAL,
            "261117000000Z",
            KEY_COMPROMISE,
        )]),
    );
    let extra = [signer, r];
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lifted.clone(), listing.clone()],
        &[],
        &extra,
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "control, R not on hold: {why}");
    let r_on_hold = root_crl(
        8,
        "261121000000Z",
        vec![entry_for(&[0x52, 0x52], "261120000000Z", HOLD)],
    );
    for crls in permutations(&[ca_hold(), lifted, listing, r_on_hold]) {
        let (o, why) = judge_extra(&target(), &crls, &[], &extra, &at_t());
        assert_ne!(o, Overall::Valid, "{why}");
    }
}
