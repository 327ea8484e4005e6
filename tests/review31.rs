//! Review 31 (hostile): who may sign a CRL after its second rewrite
//! (`src/revocation/status/signer.rs`: `crl_signer`, `listing_signer`, `find_signer`,
//! `key_verdict`, `key_holders`, the `in_use` re-entry rule, `Refused { listings_stand }`;
//! `src/revocation/status/walk.rs`: `complete_crl`; `src/revocation/status/standing.rs`;
//! `src/revocation/store.rs`: `that_may_list`). Each test's comment gives the attack and the
//! correct answer; the `defect_` tests asserted the safe answer and failed then (all seven
//! are fixed, renamed and marked "Found by review 31 (was a defect)"), the `held_` ones are
//! attacks the library withstood (regression tests).
//!
//! The rules review 29 asked for held: a compromise listing counts whenever dated and
//! through `listing_signer`, which nests nothing (so the depth limit does not shield a
//! compromised key), a key compromised in a certificate of the CA's name is distrusted
//! whichever issuer certified it and in every order offered, and a release (removeFromCRL)
//! in a delta of a distrusted signer lifts nothing.
//!
//! The defects, all in what `find_signer` proves of a separate signer: only the candidate's status is asked, never that of the CAs in its
//! own path (a sibling CA revoked for keyCompromise before the time judged, or ceased,
//! certifies a CRL signer for the CA's name); the candidate's own validity period and
//! critical extensions are never checked (the path builder leaves them to "the caller"),
//! so an expired signer's key, whose later theft no CRL need ever show, lifts a hold (and,
//! at a claimed time, its CRL issued after its expiry is the newest word); `key_holders`
//! looks for the certificates carrying a key only under the CRL issuer's name (the CA's
//! key revoked for cACompromise under another name stays trusted); at exactly the depth
//! limit a newer CRL whose signer would nest too deeply is dropped with `listings_stand`
//! false, so its hold on a signer is lost and an older CRL proves that signer good; and the
//! `in_use` re-entry rule asks "listed anywhere" of the re-entered CRL's signer only, so
//! two signers that prove each other lift a hold on one of them.
//!
//! Material: CRLs of `nca_rsa.cer` and of the root; separate CRL signers and CAs made here
//! from `nca_rsa.cer` (cA, pathLen 0, keyCertSign and cRLSign) with other names, serials,
//! keys of the test PKI and validity; about `individual_sign.cer` (valid
//! 2026-01-01..2027-01-01). The time judged is 2026-11-23T00:00:00Z; a claimed time is
//! 2026-11-10, checked 2026-11-23. Not tried here: work caps (`Limits`) on the signer
//! search, which only a signed document's meter charges.

mod common;

use common::evidence::*;

use common::forge::{self, int, tlv, Ca, CrlSpec, Tbs};
use common::time;
use qoltanba::{Certificate, Overall};

const CA_COMPROMISE: u8 = 2;
const SUPERSEDED: u8 = 4;
const CESSATION: u8 = 5;
/// Serials of the certificates made here.
const SIBLING_SERIAL: &[u8] = &[0x51, 0xb1];
const DETOUR_SERIAL: &[u8] = &[0x51, 0xb2];
const SIGNER_SERIAL: &[u8] = &[0x7e, 0x57];
const TWIN_SERIAL: &[u8] = &[0x7e, 0x58];

// --- the CAs in a CRL signer's own path ---------------------------------------------------

/// The name of a sibling CA under the same root (another NCA issuing CA).
fn sibling_name() -> Vec<u8> {
    cn_name("Sibling CA QOLTANBA TEST")
}

/// The sibling CA (root-issued, serial 51b1, the key of `legal_sign`).
fn sibling() -> (Certificate, Ca) {
    ca_made(
        &root(),
        SIBLING_SERIAL,
        Some(sibling_name()),
        "legal_sign",
        |_| {},
    )
}

/// A CRL signer of the CA's name issued by `issuer` (serial 7e57, the key of
/// `individual_sign`), and the CRL it signs lifting the CA's hold: CRL #11
/// (11-22..12-22), listing nothing.
fn signer_and_lift(issuer: &Ca) -> (Certificate, Vec<u8>) {
    let (signer, s) = ca_made(issuer, SIGNER_SERIAL, None, "individual_sign", |_| {});
    let lift = s.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    (signer, lift)
}

/// The root's CRL #4 (11-16) listing the sibling CA since 11-15 for `reason`.
fn root_revokes_sibling(reason: u8) -> Vec<u8> {
    root_crl(
        4,
        "261116000000Z",
        vec![entry_for(SIBLING_SERIAL, "261115000000Z", reason)],
    )
}

/// Attack: a sibling CA G under the same root (another issuing CA, name "Sibling CA") is
/// stolen; the root revokes G for keyCompromise since 11-15 (root CRL #4 of 11-16, before
/// the time judged 11-23). With G's key the thief issues (1) D, a self-issued certificate
/// of G's name with a key of his (serial 51b2), and (2) S, a CRL signer with the CA's name
/// and a key of his (serial 7e57). He signs with D's key a CRL of G's name (#1,
/// 11-20..12-20, listing nothing), and with S's key a CRL of the CA's name (#11,
/// 11-22..12-22, listing nothing), newer than the CA's CRL #10 listing the target on hold
/// since 11-19. `find_signer` accepts S for the CA's CRL #11: its path S <- G <- root is
/// built (signatures and validity only), `key_verdict` asks what the store says of S's key,
/// and `status_inner` asks S's own status from G's CRLs. D's CRL #1 proves it: D's path D <-
/// G <- root is built, D's key is not listed, and #1 vouches for its own signer (`in_use`,
/// nobody lists D). Nothing ever asks the status of G, the CA in the middle of both paths,
/// so G's compromise (listed, before the time judged, by the root itself) is never read:
/// the hold is lifted, valid. The control shows the rule works one step closer: when G
/// signs its CRL #1 itself, `key_verdict` of G sees the root's listing and the hold stands.
///
/// The same with a G revoked for cessationOfOperation since 11-15 (no compromise: its key
/// is not distrusted, but G is revoked at the time judged) signing its CRL #1 itself: the
/// path issuer's status "is the path's to judge" (`find_signer`), and no path judges it.
///
/// Correct answer: not valid (invalid: the CA's hold stands). RFC 5280 §6.3.3 (f): the CRL
/// issuer's certification path is obtained and validated, and validation (§6.1.3 (a)(3))
/// includes the revocation status of every certificate in it: G is revoked at the time
/// judged, so neither S's nor D's path is valid, and CRL #11 has no proven signer.
///
/// Locus: `find_signer` (src/revocation/status/signer.rs): `builder.build_metered(cand,
/// ..)` gives a path whose CAs (between the candidate and the anchor) are never asked their
/// status nor `key_verdict`; only `cand` is (`status_inner(cand, path.issuer_of(0), ..)`).
/// The same for the path issuer branch, whose status is left to "the path" even when the
/// path is a nested signer's. Fix: for a separate signer, judge every CA of its path as
/// the depth-0 loop of `revocation_check` does (status at the time judged, plus
/// `key_verdict`, nested under the same depth and work limits; unknown refuses, never
/// accepts); and when the CRL's path issuer is a nested signer's issuer, ask its status
/// too.
///
/// Found by review 31 (was a defect).
#[test]
fn a_revoked_ca_in_a_crl_signers_path_refuses_the_signer() {
    let (g, g_ca) = sibling();
    let (detour, d) = ca_made(
        &g_ca,
        DETOUR_SERIAL,
        Some(sibling_name()),
        "individual_auth",
        |_| {},
    );
    let (signer, lift) = signer_and_lift(&g_ca);
    let by_detour = d.crl(&CrlSpec::complete(1, "261120000000Z", "261220000000Z"));
    let by_g = g_ca.crl(&CrlSpec::complete(1, "261120000000Z", "261220000000Z"));
    let extra = [g, detour, signer];
    // Control: G not revoked, S is a signer of the CA's name chaining to the same root
    // (§6.3.3 (f) allows it): the CA's hold is lifted.
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lift.clone(), by_detour.clone()],
        &[],
        &extra,
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, G not revoked: {why}");
    // Control: G compromised and signing its CRL itself: refused, the hold stands.
    let (o, why) = judge_extra(
        &target(),
        &[
            ca_hold(),
            lift.clone(),
            by_g.clone(),
            root_revokes_sibling(KEY_COMPROMISE),
        ],
        &[],
        &extra,
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "control, G compromised, direct: {why}");
    let mut failures = Vec::new();
    for (case, crls) in [
        (
            "G compromised, through a self-issued detour",
            vec![
                ca_hold(),
                lift.clone(),
                by_detour,
                root_revokes_sibling(KEY_COMPROMISE),
            ],
        ),
        (
            "G ceased operation, signing itself",
            vec![ca_hold(), lift, by_g, root_revokes_sibling(CESSATION)],
        ),
    ] {
        let (o, why) = judge_extra(&target(), &crls, &[], &extra, &at_t());
        if o == Overall::Valid {
            failures.push(format!("{case}: {o:?}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// --- the key in a certificate of another name ---------------------------------------------

/// Attack: the root certified the CA's key K a second time under another name ("Renamed
/// CA", serial 7e58: a renaming, or a cross-certificate of the same key), offered as an
/// intermediate. K is stolen; the root revokes the renamed certificate for cACompromise
/// since 11-25 (root CRL #4 of 11-26), not the original `nca_rsa.cer` the path goes
/// through. The thief signs with K a CRL of the CA's name (#11, 11-22T12..12-30, listing
/// nothing), newer than the CA's genuine CRL #10 (11-22) listing the target on hold since
/// 11-21. `key_verdict` asks the store of every certificate carrying K, but
/// `key_holders` looks for them only among the certificates named as the CRL issuer:
/// the renamed one is not found, K is trusted, and the forged CRL lifts the hold: valid.
/// Review 29's `a_compromised_re_issue_of_the_cas_certificate_distrusts_the_cas_key` holds
/// only because its re-issue kept the CA's name.
///
/// Correct answer: not valid. A revocation for cACompromise or keyCompromise says the
/// private key is lost (RFC 5280 §5.3.1), whatever name certifies it; the library's own
/// rule (signer.rs): "a key is distrusted when any certificate offered that carries it
/// ... is".
///
/// Locus: `key_holders` (src/revocation/status/signer.rs): `offered` is the path issuer,
/// then `anchors.by_subject(name)` and `intermediates.by_subject(name)` of the CRL
/// issuer's name. Fix: look the key up among every anchor and intermediate offered (an
/// index of `CertSet` by SPKI hash), whatever their subject, each holder's listings then
/// found under its own issuer's name as now.
///
/// Found by review 31 (was a defect).
#[test]
fn a_compromise_of_the_cas_key_under_another_name_distrusts_it() {
    let renamed = Certificate::from_der(&root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(TWIN_SERIAL);
        t.subject = cn_name("Renamed CA QOLTANBA TEST");
    }))
    .unwrap();
    assert_eq!(
        renamed.public_key().key_bytes(),
        cert("nca_rsa.cer").public_key().key_bytes()
    );
    let hold = crl(
        10,
        "261122000000Z",
        "261222000000Z",
        &[("261121000000Z", HOLD)],
    );
    let forged = crl(11, "261122120000Z", "261230000000Z", &[]);
    let revoke_renamed = root_crl(
        4,
        "261126000000Z",
        vec![entry_for(TWIN_SERIAL, "261125000000Z", CA_COMPROMISE)],
    );
    // Control: without the root's listing, the newer CRL is the CA's word (valid).
    let (o, why) = judge_extra(
        &target(),
        &[hold.clone(), forged.clone()],
        &[],
        std::slice::from_ref(&renamed),
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control: {why}");
    for crls in permutations(&[hold, forged, revoke_renamed]) {
        let (o, why) = judge_extra(
            &target(),
            &crls,
            &[],
            std::slice::from_ref(&renamed),
            &at_t(),
        );
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

// --- the depth limit ----------------------------------------------------------------------

/// A ladder of CRL signers, each proven by the next one's CRL: the target's CRL #11
/// (lifting the CA's hold) is signed by S1 (the CA's name, issued by "Level one"); the CRL
/// of "Level one" proving S1 is signed by S2 (that name, issued by "Level two"); the CRL of
/// "Level two" proving S2 by S3 (issued by "Level three"); S3's status comes from the CRLs
/// of "Level three": P, signed by "Level three" itself (11-01..2027-01-01, listing
/// nothing), and whatever `level_three` adds (signed by S4, of that name, root-issued).
/// The three levels are root-issued CAs. Every CRL but the `level_three` ones lists
/// nothing and is fresh at the time judged; S3's status is asked at depth 3, the limit.
struct Ladder {
    extra: Vec<Certificate>,
    crls: Vec<Vec<u8>>,
    /// Signs CRLs of "Level three".
    s4: Ca,
    /// S1 issued by "Level two" instead (another key of the CA's name, serial 5e11) and
    /// its CRL #11 lifting the hold: the same ladder one rung shorter (S3 asked at depth
    /// 2).
    short: (Certificate, Vec<u8>),
}

const S3_SERIAL: &[u8] = &[0x5e, 0x03];

fn ladder() -> Ladder {
    let (one, one_ca) = ca_made(
        &root(),
        &[0x0a, 0x01],
        Some(cn_name("Level one")),
        "legal_sign",
        |_| {},
    );
    let (two, two_ca) = ca_made(
        &root(),
        &[0x0b, 0x01],
        Some(cn_name("Level two")),
        "legal_employee_auth",
        |_| {},
    );
    let (three, three_ca) = ca_made(
        &root(),
        &[0x0c, 0x01],
        Some(cn_name("Level three")),
        "legal_sign_valid_bin",
        |_| {},
    );
    let (s1, s1_ca) = ca_made(&one_ca, &[0x5e, 0x01], None, "individual_sign", |_| {});
    let (s2, s2_ca) = ca_made(
        &two_ca,
        &[0x5e, 0x02],
        Some(cn_name("Level one")),
        "individual_auth",
        |_| {},
    );
    let (s3, s3_ca) = ca_made(
        &three_ca,
        S3_SERIAL,
        Some(cn_name("Level two")),
        "individual_sign_valid_iin",
        |_| {},
    );
    let (s4, s4_ca) = ca_made(
        &root(),
        &[0x5e, 0x04],
        Some(cn_name("Level three")),
        "on_hold",
        |_| {},
    );
    let (s1_short, s1_short_ca) = ca_made(&two_ca, &[0x5e, 0x11], None, "hold_by_delta", |_| {});
    let lift = |ca: &Ca| ca.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let fresh = |ca: &Ca| ca.crl(&CrlSpec::complete(1, "261120000000Z", "261220000000Z"));
    Ladder {
        extra: vec![one, two, three, s1, s2, s3, s4, s1_short],
        crls: vec![
            ca_hold(),
            lift(&s1_ca),
            fresh(&s2_ca),
            fresh(&s3_ca),
            three_ca.crl(&CrlSpec::complete(1, "261101000000Z", "270101000000Z")),
        ],
        s4: s4_ca,
        short: (
            Certificate::from_der(&s1_short_ca.cert).unwrap(),
            lift(&s1_short_ca),
        ),
    }
}

/// Attack: the ladder above; S3 (the signer of the only CRL of "Level two") is put on
/// hold since 11-10 (its key suspected stolen) by S4's CRL #2 of "Level three"
/// (11-21..12-21, fresh), newer than P. S3's own CRL of "Level two" (11-20) was signed
/// after its suspension. S3's status is asked at depth 3 = `MAX_SIGNER_DEPTH`: #2 is the
/// newest CRL, but `find_signer` refuses S4 there ("CRL signer paths nest too deeply") with
/// `listings_stand` false, so `complete_crl` drops #2 entirely, as if it were forged; the
/// older P, signed by the path issuer (no nesting), then proves S3 not revoked. S3 is good,
/// its CRL proves S2, S2's proves S1, and S1's CRL #11 lifts the CA's hold: valid. The same
/// with S3 revoked (superseded since 11-10). One rung shorter (S3 asked at depth 2), #2 is
/// proven, S3 is on hold, and the hold stands (control: invalid). With no #2 the ladder is
/// valid (control).
///
/// Correct answer: not valid. S3 is on hold at the time judged: its CRL proves nothing
/// (RFC 5280 §6.3.3 (f)), so S2's, S1's and the target's statuses cannot be proven, and
/// the CA's hold stands (invalid), or at least the status is unknown. The library's own
/// rules: `listing_signer` needs "no status ... so neither the depth nor another CRL can
/// refuse it", and what cannot be proven for lack of depth is "refused ... (what cannot be
/// proven is unknown, never good)" (`Distrust::Unproven`); a newer CRL whose signer's proof
/// would nest too deeply is not an absent CRL that lets an older one decide.
///
/// Locus: `find_signer` (src/revocation/status/signer.rs): the `depth >= MAX_SIGNER_DEPTH`
/// refusal comes before the path is built and leaves `listings_stand` false; and
/// `complete_crl` (walk.rs) then skips the CRL outright (only the exhausted meter makes a
/// refused CRL decide "unknown"). Fix: at the depth limit, still build the candidate's path
/// and set `listings_stand` (its listings stand, as `listing_signer` would say); and treat
/// a complete CRL refused for depth as the exhausted meter is (unknown), so no older CRL
/// proves "good" past it.
///
/// Found by review 31 (was a defect).
#[test]
fn at_the_depth_limit_a_newer_crls_hold_on_the_signer_stands() {
    let l = ladder();
    let (o, why) = judge_extra(&target(), &l.crls, &[], &l.extra, &at_t());
    assert_eq!(o, Overall::Valid, "control, S3 not listed: {why}");
    let listing = |reason| {
        l.s4.crl(
            &CrlSpec::complete(2, "261121000000Z", "261221000000Z").entries(vec![entry_for(
                S3_SERIAL,
                "261110000000Z",
                reason,
            )]),
        )
    };
    // Control, one rung shorter: the hold on S3 is proven, the CA's hold stands.
    let mut short = vec![
        ca_hold(),
        l.short.1.clone(),
        l.crls[3].clone(),
        l.crls[4].clone(),
    ];
    short.push(listing(HOLD));
    let (o, why) = judge_extra(&target(), &short, &[], &l.extra, &at_t());
    assert_eq!(o, Overall::Invalid, "control, S3 at depth 2: {why}");
    let mut failures = Vec::new();
    for reason in [HOLD, SUPERSEDED] {
        let mut crls = l.crls.clone();
        crls.push(listing(reason));
        let (o, why) = judge_extra(&target(), &crls, &[], &l.extra, &at_t());
        if o == Overall::Valid {
            failures.push(format!("S3 listed for reason {reason}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// HELD. Attack: the ladder above; S4's CRL #2 lists S3 for keyCompromise since 11-10 (at
/// depth 3, where S4 could not be proven for "everything"). `distrust` proves a
/// compromise listing with `listing_signer` (its key and path; nothing nested), so the
/// depth does not shield S3's key: S3's CRL is refused, the ladder breaks, and the CA's
/// hold stands (not valid). Also with the listing on an older CRL than P (issued 10-25):
/// a compromise counts whenever listed.
#[test]
fn held_at_the_depth_limit_a_compromise_of_the_signer_still_distrusts() {
    let l = ladder();
    for (this, next) in [
        ("261121000000Z", "261221000000Z"),
        ("261025000000Z", "270101000000Z"),
    ] {
        let mut crls = l.crls.clone();
        crls.push(
            l.s4.crl(&CrlSpec::complete(2, this, next).entries(vec![entry_for(
                S3_SERIAL,
                "261010000000Z",
                KEY_COMPROMISE,
            )])),
        );
        let (o, why) = judge_extra(&target(), &crls, &[], &l.extra, &at_t());
        assert_ne!(o, Overall::Valid, "listed on a CRL of {this}: {why}");
    }
}

// --- the CRL signer's own validity ---------------------------------------------------------

/// A separate CRL signer S of the CA's name (root-issued, serial 7e57, the key of
/// `individual_sign`) valid 2026-01-01..2026-11-15, and S as a CA whose key the tests hold.
fn expired_signer() -> (Certificate, Ca) {
    let der = root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(SIGNER_SERIAL);
        t.spki = Tbs::of(cert("individual_sign.cer").der()).spki;
        t.validity("260101000000Z", "261115000000Z");
    });
    let s = Certificate::from_der(&der).unwrap();
    (
        s,
        Ca {
            cert: der,
            key: key("individual_sign.key.pem"),
        },
    )
}

/// The CA's genuine CRLs: #10 (11-05..2027-05-01) omitting the target, and its newest #12
/// (11-20..12-20) listing it on hold since 11-15.
fn genuine_hold() -> [Vec<u8>; 2] {
    [
        crl(10, "261105000000Z", "270501000000Z", &[]),
        crl(
            12,
            "261120000000Z",
            "261220000000Z",
            &[("261115000000Z", HOLD)],
        ),
    ]
}

/// Attack: the CA's separate CRL signer S expired on 11-15 (a retired key: once S has
/// expired the CA need never list it, RFC 5280 §3.3, so its later theft can never be
/// shown). The thief signs with S's key a CRL of the CA's name #13 (11-22..12-22, listing
/// nothing), newer than the CA's genuine #12 listing the target on hold since 11-15. At the
/// time judged 11-23 S has expired, yet `find_signer` accepts it: `build_metered` checks
/// the validity of the CAs above the candidate, not of the candidate itself ("the
/// end-entity's own validity ... are the caller's checks"), and `find_signer` never checks
/// it; `status_inner` finds S unlisted (good). #13 lifts the hold: valid. Control: without
/// #13 the hold stands (invalid).
///
/// Correct answer: invalid. RFC 5280 §6.3.3 (f) validates the CRL issuer's certification
/// path, and §6.1.3 (a)(2) requires every certificate of it, the CRL issuer's own
/// included, to be within its validity period at the time: S is not, so #13 has no proven
/// signer and the CA's hold stands.
///
/// Locus: `find_signer` (src/revocation/status/signer.rs), candidates loop: the path is
/// built with `PathOptions::at(self.at)` but `cand.not_before() <= at <= cand.not_after()`
/// is never asked (for `Reliance::Everything`, and for the OCSP-free `Listings` too, where
/// it only refuses). Fix: refuse a separate signer outside its validity period at the time
/// judged for "everything" (its listings may still stand, its key and path proven).
///
/// Found by review 31 (was a defect).
#[test]
fn an_expired_crl_signer_lifts_no_hold() {
    let (s, s_ca) = expired_signer();
    assert!(s.not_after() < time(AT), "S has expired: {}", s.not_after());
    let forged = s_ca.crl(&CrlSpec::complete(13, "261122000000Z", "261222000000Z"));
    let (o, why) = judge_extra(
        &target(),
        &genuine_hold(),
        &[],
        std::slice::from_ref(&s),
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "control, no forged CRL: {why}");
    let [older, newest] = genuine_hold();
    for crls in permutations(&[older, newest, forged]) {
        let (o, why) = judge_extra(&target(), &crls, &[], std::slice::from_ref(&s), &at_t());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// Attack (claimed time 11-10, checked 11-23): as above; S was valid at the claimed time
/// (it expired 11-15), so its certificate is valid "at the time judged" and it is not
/// listed. The thief's #13 (11-22, signed with S's key a week after S expired) becomes the
/// newest CRL, and the CA's genuine #12, whose hold (since 11-15, after the claim) was the
/// newest word and left the claim unknown (control: indeterminate), is read only for
/// holds in force at the claim: valid. A claimed time, which the signer chooses, moves
/// the CRL signer's validity back to before its expiry.
///
/// Correct answer: indeterminate, as without #13. A CRL whose thisUpdate falls after its
/// signer's notAfter was signed by an expired key, whose compromise no CRL need ever show
/// (RFC 5280 §3.3; §6.3.3 (f): the CRL issuer's path must be valid, and nothing here
/// proves #13 was signed while S was). The library's own rule for a claimed time (README):
/// it is judged with the newest CRL only because the signer chooses the claim; the newest
/// must then be one whose signer was valid when it was issued.
///
/// Locus: `find_signer` (signer.rs: the signer's validity is never asked; at a claimed
/// time `self.at` is the claim) and `complete_crl` (walk.rs: #13 becomes `walk.newest`).
/// Fix: refuse for "everything" a CRL whose thisUpdate is outside its signer's validity
/// period (and the signer outside it at the time judged, previous test).
///
/// Found by review 31 (was a defect).
#[test]
fn at_a_claimed_time_a_crl_signed_after_its_signer_expired_is_not_the_newest() {
    let (s, s_ca) = expired_signer();
    let forged = s_ca.crl(&CrlSpec::complete(13, "261122000000Z", "261222000000Z"));
    let (o, why) = judge_extra(
        &target(),
        &genuine_hold(),
        &[],
        std::slice::from_ref(&s),
        &claim(),
    );
    assert_eq!(o, Overall::Indeterminate, "control, no forged CRL: {why}");
    let [older, newest] = genuine_hold();
    for crls in permutations(&[older, newest, forged]) {
        let (o, why) = judge_extra(&target(), &crls, &[], std::slice::from_ref(&s), &claim());
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// Attack: as in the test above, a CRL signer S of the CA's name (root-issued, valid at the
/// time judged) whose certificate carries a critical extension the library does not
/// process (OID 1.2.3.4: e.g. one that restricts what S may sign). S signs a CRL #13
/// (11-22..12-22) lifting the CA's hold: valid. The path builder rejects an issuer with
/// such an extension, but not the certificate the path is built for, and `find_signer`
/// does not ask.
///
/// Correct answer: invalid (the CA's hold stands). RFC 5280 §4.2: "A certificate-using
/// system MUST reject the certificate if it encounters a critical extension it does not
/// recognize"; §6.3.3 (f) validates the CRL issuer's path, S included.
///
/// Locus and fix: as above (`find_signer`, the candidate's own checks): refuse a separate
/// signer with an unprocessed critical extension, as `build_metered` refuses an issuer.
///
/// Found by review 31 (was a defect).
#[test]
fn a_crl_signer_with_an_unprocessed_critical_extension_is_refused() {
    let der = root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(SIGNER_SERIAL);
        t.spki = Tbs::of(cert("individual_sign.cer").der()).spki;
        let list = forge::children(&t.extensions)[0].to_vec();
        let mut exts: Vec<Vec<u8>> = forge::children(&list)
            .into_iter()
            .map(|e| e.to_vec())
            .collect();
        exts.push(unknown_critical());
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    let s = Certificate::from_der(&der).unwrap();
    let s_ca = Ca {
        cert: der,
        key: key("individual_sign.key.pem"),
    };
    let forged = s_ca.crl(&CrlSpec::complete(13, "261122000000Z", "261222000000Z"));
    let [older, newest] = genuine_hold();
    for crls in permutations(&[older, newest, forged]) {
        let (o, why) = judge_extra(&target(), &crls, &[], std::slice::from_ref(&s), &at_t());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

// --- a cycle of two CRL signers -----------------------------------------------------------------

/// An issuingDistributionPoint extension (critical) with this content.
fn idp(content: &[u8]) -> Vec<u8> {
    forge::ext(OID_IDP, true, &tlv(0x30, content))
}

/// Attack (a cycle): two CRL signers prove each other. A (the CA's name, serial 5ea1, the
/// key of `individual_sign`) is issued by X ("Cross X", root-issued); B (X's name, serial
/// 5eb1, the key of `individual_auth`) is issued by the CA. A signs the CA's CRLs, B signs
/// X's. The CA's own CRL #10 (11-20..12-20, onlyContainsUserCerts) lists the target on
/// hold since 11-19. A is put on hold since 11-15 (its key suspected stolen) by X's CRL #1
/// (signed by X itself, 11-16..2027-01-01). The thief holds A's and B's keys and signs:
/// with A, the CA's CRL #11 (11-22..12-22, listing nothing: lifts the target's hold) and
/// #12 (11-22T12..12-22, onlyContainsCACerts, listing nothing: B's status); with B, X's
/// CRL #2 (11-22..12-22, listing nothing: A's hold lifted). B's status can only come from
/// A's CRLs (the CA's own CRL covers user certificates only), and A's hold can only be
/// lifted by B's CRL.
///
/// The library: #11 needs A (depth 1: X's #2, newest, needs B; depth 2: the CA's #12,
/// newest for B, needs A; depth 3: X's #2 again, already relied on further up, `in_use`).
/// The `in_use` rule lets #2 vouch for its signer B because no CRL lists B, although #2 is
/// relied on to prove A, whom X's #1 lists on hold: #2 proves A not on hold, A's #12 proves
/// B, B's #2 proves A, and #11 lifts the hold: valid. Control: without X's #1 (nothing
/// listed) the cycle is accepted (valid, as a CRL vouching for its own unlisted signer is,
/// PKITS 4.5.6); without B's #2, A is on hold and the target's hold stands (invalid).
///
/// Correct answer: invalid (A's hold stands, so #11 proves nothing). The library's own
/// rule (`find_signer`): "A listing anywhere, whoever signed it, leaves the signer's status
/// to the other CRLs: a CRL that can be trusted only if its signer is cannot show that
/// signer's revocation or hold lifted". #2 can be trusted only if A is (through B and #12),
/// and it shows A's hold lifted. RFC 5280 §6.3.3 (f): A's status must be validated, and a
/// circular proof validates nothing.
///
/// Locus: `find_signer`, the `in_use` branch (src/revocation/status/signer.rs): it asks
/// `key_listed_anywhere` of the candidate signing the re-entered CRL only, not of the
/// certificates whose statuses that CRL is relied on for along the cycle. Fix: keep, with
/// each CRL in `in_use`, the signer it is proving; on re-entry, accept only when no signer
/// of the cycle (every entry from the re-entered CRL up) is listed anywhere.
///
/// Found by review 31 (was a defect).
#[test]
fn two_crl_signers_that_prove_each_other_lift_no_hold() {
    let x_name = cn_name("Cross X QOLTANBA TEST");
    let (x, x_ca) = ca_made(
        &root(),
        &[0x0c, 0x0c],
        Some(x_name.clone()),
        "legal_sign",
        |_| {},
    );
    let (a, a_ca) = ca_made(&x_ca, &[0x5e, 0xa1], None, "individual_sign", |_| {});
    let (b, b_ca) = ca_made(
        &Ca::nca_rsa(),
        &[0x5e, 0xb1],
        Some(x_name),
        "individual_auth",
        |_| {},
    );
    let mut user_only = spec(
        10,
        "261120000000Z",
        "261220000000Z",
        &[("261119000000Z", HOLD)],
    );
    user_only.extensions.push(idp(&tlv(0x81, &[0xff])));
    let ca_hold = Ca::nca_rsa().crl(&user_only);
    let lift = a_ca.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let mut for_cas = CrlSpec::complete(12, "261122120000Z", "261222000000Z");
    for_cas.extensions.push(idp(&tlv(0x82, &[0xff])));
    let b_status = a_ca.crl(&for_cas);
    let a_on_hold = x_ca.crl(
        &CrlSpec::complete(1, "261116000000Z", "270101000000Z").entries(vec![entry_for(
            &[0x5e, 0xa1],
            "261115000000Z",
            HOLD,
        )]),
    );
    let a_lifted = b_ca.crl(&CrlSpec::complete(2, "261122000000Z", "261222000000Z"));
    let extra = [x, a, b];
    let (o, why) = judge_extra(
        &target(),
        &[
            ca_hold.clone(),
            lift.clone(),
            b_status.clone(),
            a_lifted.clone(),
        ],
        &[],
        &extra,
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, nothing listed: {why}");
    let (o, why) = judge_extra(
        &target(),
        &[
            ca_hold.clone(),
            lift.clone(),
            b_status.clone(),
            a_on_hold.clone(),
        ],
        &[],
        &extra,
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "control, A on hold, no B's CRL: {why}");
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold, lift, b_status, a_on_hold, a_lifted],
        &[],
        &extra,
        &at_t(),
    );
    assert_eq!(o, Overall::Invalid, "{why}");
}

// --- held -------------------------------------------------------------------------------------

/// HELD. Attack: a separate CRL signer S of the CA's name (root-issued) is stolen and the
/// root lists it for keyCompromise since 11-25 (after the time judged; root CRL #4 of
/// 11-26). The CA's complete CRL #10 (11-20..12-20) lists the target on hold since 11-19;
/// the thief signs with S's key a delta CRL over #10 (#20, 11-22..11-29, fresh) whose only
/// entry is the target with removeFromCRL. A delta of another key completes nothing, and
/// its release (`release`) asks `crl_signer` for everything: S is distrusted, the release
/// counts for nothing and the hold stands (invalid, in every order). Control: with S
/// trusted, its release is newer than the hold, which then no longer stands, though
/// nothing proves the target not revoked (indeterminate).
#[test]
fn held_a_release_in_a_delta_of_a_distrusted_signer_lifts_nothing() {
    let (s, s_ca) = ca_made(&root(), SIGNER_SERIAL, None, "individual_sign", |_| {});
    let release =
        s_ca.crl(
            &CrlSpec::delta(20, 10, "261122000000Z", "261129000000Z").entries(vec![
                forge::crl_entry(&serial(), "261119000000Z", &[forge::reason(8)]),
            ]),
        );
    let compromise = root_crl(
        4,
        "261126000000Z",
        vec![entry_for(SIGNER_SERIAL, "261125000000Z", KEY_COMPROMISE)],
    );
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), release.clone()],
        &[],
        std::slice::from_ref(&s),
        &at_t(),
    );
    assert_eq!(o, Overall::Indeterminate, "control, S trusted: {why}");
    // CRLs were supplied: the reason does not say none was (it did, noted by review 31).
    assert!(!why.contains("was supplied"), "{why}");
    for crls in permutations(&[ca_hold(), release, compromise]) {
        let (o, why) = judge_extra(&target(), &crls, &[], std::slice::from_ref(&s), &at_t());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// HELD. Attack: one key K of a CRL signer of the CA's name in two certificates of
/// different issuers: S (issued by the root, serial 7e57) and S' (self-issued by the CA,
/// serial 7e58). The CA lists S' for keyCompromise since 11-25 (its CRL #12 of 11-26,
/// after the time judged; the root lists nothing). The thief signs with K a CRL #11
/// (11-22..12-22) lifting the CA's hold. Whichever certificate is tried, and in every
/// order they are offered, K is refused: `key_holders` finds both under the CA's name and
/// asks each under its own issuer's CRLs. Not valid. Control: without the CA's listing,
/// K's CRL lifts the hold (valid).
#[test]
fn held_a_key_compromised_under_one_issuer_is_refused_under_another() {
    let (s, thief) = ca_made(&root(), SIGNER_SERIAL, None, "individual_sign", |_| {});
    let (twin, _) = ca_made(&Ca::nca_rsa(), TWIN_SERIAL, None, "individual_sign", |_| {});
    let lift = thief.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let ca_lists_twin = Ca::nca_rsa().crl(
        &CrlSpec::complete(12, "261126000000Z", "270101000000Z").entries(vec![entry_for(
            TWIN_SERIAL,
            "261125000000Z",
            KEY_COMPROMISE,
        )]),
    );
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lift.clone()],
        &[],
        &[s.clone(), twin.clone()],
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, K not listed: {why}");
    for offered in permutations(&[s, twin]) {
        for crls in permutations(&[ca_hold(), lift.clone(), ca_lists_twin.clone()]) {
            let (o, why) = judge_extra(&target(), &crls, &[], &offered, &at_t());
            assert_ne!(o, Overall::Valid, "{why}");
        }
    }
}

// --- found while fixing review 31 ------------------------------------------------------------

/// Attack: the CA's key K is lost; the root revokes a re-issue of the CA's certificate
/// carrying K (serial 7e58, the CA's name) for cACompromise since 11-25 (root CRL #4 of
/// 11-26, after the time judged), not `nca_rsa.cer` the path goes through. With K the
/// thief certifies S, a CRL signer of the CA's name (serial 7e57, a key of his), back-dated
/// as he likes, and signs with S's key a CRL #11 (11-22..12-22, listing nothing) newer
/// than the CA's CRL #10 listing the target on hold since 11-19. The CA's own CRLs are
/// refused for everything (K is distrusted), but S is a separate signer: its path S <- CA
/// <- root is valid, the CA (the CRL's path issuer) is the verified path's to judge, and
/// the CA's status at the time judged is good.
///
/// Correct answer: not valid. A key lost, whenever, may have certified anything
/// back-dated: a signer it certified proves nothing (the rule `key_verdict` applies to a
/// CRL signed by K itself). `path_fault` asks the key of every CA in a separate signer's
/// path, the CRL's path issuer included (its status being the verified path's). Control:
/// without the root's listing, S's CRL lifts the hold (valid).
#[test]
fn a_signer_certified_by_the_cas_lost_key_lifts_no_hold() {
    let (s, thief) = ca_made(
        &Ca::nca_rsa(),
        SIGNER_SERIAL,
        None,
        "individual_sign",
        |_| {},
    );
    let reissue = Certificate::from_der(&root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(TWIN_SERIAL);
    }))
    .unwrap();
    let lift = thief.crl(&CrlSpec::complete(11, "261122000000Z", "261222000000Z"));
    let revoke_reissue = root_crl(
        4,
        "261126000000Z",
        vec![entry_for(TWIN_SERIAL, "261125000000Z", CA_COMPROMISE)],
    );
    let offered = [s, reissue];
    let (o, why) = judge_extra(
        &target(),
        &[ca_hold(), lift.clone()],
        &[],
        &offered,
        &at_t(),
    );
    assert_eq!(o, Overall::Valid, "control, K not listed: {why}");
    for crls in permutations(&[ca_hold(), lift, revoke_reissue]) {
        let (o, why) = judge_extra(&target(), &crls, &[], &offered, &at_t());
        assert_ne!(o, Overall::Valid, "{why}");
    }
}
