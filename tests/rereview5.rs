//! Review 15 (hostile): the certificateHold rules and their interplay with permanent
//! revocations, across CRLs (complete, delta, several distribution points, scoped by
//! reason), OCSP responses, the time judged and a claimed signing time, against the model
//! the library states (README "Security rules": the OCSP row, the claimed-signing-time row,
//! the CRL table; `with_ocsp` in src/condition.rs; `judge_with` in
//! src/revocation/status/rules.rs). Each test asserts the correct, safe behaviour; the
//! `held_` ones are attacks that failed (regression tests), the others fail today
//! (defects).
//!
//! Material: CRLs of `nca_rsa.cer` (some scoped to distribution points A and B), responses
//! of its delegated responder (or of the CA itself), about `individual_sign.cer` (valid
//! 2026-01-01..2027-01-01) or a re-issue of it with distribution points. The time judged is
//! 2026-11-23T00:00:00Z unless said.

mod common;

use common::evidence::*;

use common::forge::{self, int, seq, tlv, Ca, CrlSpec, Tbs};
use common::{pki, time};
use qoltanba::cms::{limits, sign, SignRequest, SignedData, SignerPolicy, VerifyOptions};
use qoltanba::revocation::{Crl, OcspResponse};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verifier};

/// ReasonFlags (BIT STRING content): every reason but certificateHold (bits 1-5, 7, 8).
const ALL_BUT_HOLD: &[u8] = &[0x07, 0x7D, 0x80];

/// A root CRL #2 (2026-11-20, nextUpdate 2027-01-01: fresh until then) listing the issuing
/// CA `nca_rsa.cer` since `date` for `reason`.
fn root_crl_listing_the_ca(date: &str, reason: u8) -> Vec<u8> {
    let ca_serial = cert("nca_rsa.cer").serial().to_vec();
    root().crl(
        &CrlSpec::complete(2, "261120000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            &ca_serial,
            date,
            &[forge::reason(reason)],
        )]),
    )
}

/// A separate CRL signer (as in `rereview4.rs`): the CA's name, serial 7e57, the end
/// entity's key, issued by the root; its CRL #8 (2026-11-22T08:00..11-24, empty).
struct SeparateSigner {
    signer: Certificate,
    crl: Vec<u8>,
}

const SIGNER_SERIAL: &[u8] = &[0x7e, 0x57];

fn separate_signer() -> SeparateSigner {
    let ee = target();
    let signer_der = root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(SIGNER_SERIAL);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let signer = Certificate::from_der(&signer_der).unwrap();
    let signer_ca = Ca {
        cert: signer_der,
        key: key("individual_sign.key.pem"),
    };
    let crl = signer_ca.crl(&CrlSpec::complete(8, "261122080000Z", "261124000000Z"));
    SeparateSigner { signer, crl }
}

/// Root trusted (with root.crl), nca_rsa and the separate signer offered, these CRLs and
/// responses.
fn signer_verifier(s: &SeparateSigner, crls: &[&Vec<u8>], responses: &[&Vec<u8>]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .intermediate(s.signer.clone())
        .unwrap()
        .crl_path(pki("root.crl"))
        .unwrap();
    for c in crls {
        b = b.crl(Crl::from_der((*c).clone()).unwrap()).unwrap();
    }
    for r in responses {
        b = b.ocsp(OcspResponse::from_der(r).unwrap()).unwrap();
    }
    b.build()
}

// --- CMS (the document work budget), as in `rereview.rs` -------------------------------------

const CONTENT: &[u8] = b"hostile document";

/// `cert` with `n` other RSA moduli (same names, serial, size): each a candidate whose
/// signature checks are full RSA operations that fail.
fn with_other_keys(cert: &Certificate, n: usize) -> Vec<Vec<u8>> {
    let der = cert.der();
    let spki = Tbs::of(der).spki;
    let at = der
        .windows(spki.len())
        .position(|w| w == spki.as_slice())
        .unwrap();
    let modulus_end = at + spki.len() - 5;
    assert_eq!(&der[modulus_end..modulus_end + 5], &[2, 3, 1, 0, 1]);
    (1..=n)
        .map(|i| {
            let mut d = der.to_vec();
            d[modulus_end - 40] ^= (i & 0xff) as u8;
            d[modulus_end - 41] ^= (i >> 8) as u8 + 1;
            d
        })
        .collect()
}

type Parts = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<Vec<u8>>, Vec<Vec<u8>>);

fn parts(cms: &[u8]) -> Parts {
    let signed_data = forge::children(forge::children(cms)[1])[0];
    let f = forge::children(signed_data);
    (
        f[0].to_vec(),
        f[1].to_vec(),
        f[2].to_vec(),
        forge::children(f[3]).iter().map(|c| c.to_vec()).collect(),
        forge::children(f[4]).iter().map(|s| s.to_vec()).collect(),
    )
}

fn assemble(template: &[u8], certificates: &[Vec<u8>], signers: &[Vec<u8>]) -> Vec<u8> {
    let (version, digests, content, _, _) = parts(template);
    let signed_data = seq(&[
        &version,
        &digests,
        &content,
        &tlv(0xa0, &certificates.concat()),
        &tlv(0x31, &signers.concat()),
    ]);
    let oid = forge::children(template)[0];
    seq(&[oid, &tlv(0xa0, &signed_data)])
}

// --- defects ------------------------------------------------------------------------------

/// At a claimed time a CRL that lists the certificate on hold proves nothing
/// (`judge_with`, rules.rs: `if claimed { return Judgement::Unproven(..) }`), and nothing
/// of that hold reaches `StatusFacts` (neither `hold_proof` nor `stale_hold`). With two
/// distribution points the other point's CRL then proves every reason, and the walk ends on
/// `mask.contains_all(ALL)` with "good": the hold is simply dropped.
///
/// Certificate with distribution points A and B. CRL of A (2026-11-22T08:00..11-24,
/// current when the claim is checked) lists it on hold since 11-01; CRL of B (11-22T07:00,
/// older) omits it. Claimed 11-10, checked 11-23. One distribution point (A only):
/// Indeterminate, as the README says ("a hold cannot be proven good"); the same evidence at
/// a proven 11-23: Invalid. With B's older CRL added: Valid today. A claim, which is
/// weaker than a proven time, must not turn "on hold" into "valid", and B's CRL, older
/// than A's listing, cannot show the hold lifted under any rule of the library. Expected:
/// not valid. Defect: src/revocation/status.rs (`status_inner`: a claimed-time hold
/// `Judgement::Unproven` records no fact and is forgotten once another distribution point
/// fills `mask`).
#[test]
fn at_a_claimed_time_a_hold_under_one_distribution_point_is_dropped_for_another_points_good() {
    let c = with_dps(&[DP_A, DP_B]);
    let a_hold = scoped_crl(
        DP_A,
        None,
        spec(
            5,
            "261122080000Z",
            "261124000000Z",
            &[("261101000000Z", HOLD)],
        ),
    );
    let b_omits = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(6, "261122070000Z", "261124000000Z"),
    );
    let e = || claimed("2026-11-10T00:00:00Z", AT);
    // A alone (the certificate names A only): not valid.
    let (o, _, why) = judge_with(&with_dps(&[DP_A]), std::slice::from_ref(&a_hold), &[], e());
    assert_ne!(o, Overall::Valid, "A alone: {why}");
    // At a proven time: on hold.
    let (o, _, why) = judge(&c, &[a_hold.clone(), b_omits.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "proven time: {why}");
    // At the claimed time, with B's older "good".
    let (o, _, why) = judge_with(&c, &[a_hold, b_omits], &[], e());
    assert_ne!(o, Overall::Valid, "claimed, A hold + B: {why}");
}

/// At a claimed time an intermediate CA listed on hold passes under the default (end
/// entity) revocation scope. The claimed-time CRL hold is `Judgement::Unproven` and sets
/// no fact, so `hold_seen` (condition.rs, `revocation_check`) stays false and the CA's
/// unknown status is taken as "not checked" (`i == 0 || scope == Chain || .. || hold_seen`):
/// the very bypass review 12 closed for a stale hold (`rereview3.rs`,
/// `an_intermediate_ca_on_a_stale_hold_passes_under_the_end_entity_scope`).
///
/// The root's CRL #2 (11-20..2027-01-01, current) lists `nca_rsa.cer` on hold since 11-19;
/// the end entity's CRL (11-22T20:00..11-24) omits the end entity. At a proven 11-21:
/// Invalid. Claimed 11-21, checked 11-23: Valid today. Expected: not valid (a CRL covering
/// the CA lists it suspended before the claimed time; nothing shows the claim predates it).
/// Defect: src/condition.rs `revocation_check` (`hold_seen`) fed by
/// src/revocation/status/rules.rs (claimed hold leaves no trace in `StatusFacts`).
#[test]
fn at_a_claimed_time_an_intermediate_ca_on_hold_passes_under_the_end_entity_scope() {
    let ee_crl = crl(6, "261122200000Z", "261124000000Z", &[]);
    let ca_hold = root_crl_listing_the_ca("261119000000Z", HOLD);
    let crls = [ee_crl, ca_hold];
    let (o, _, why) = judge(&target(), &crls, &[], "2026-11-21T00:00:00Z");
    assert_eq!(o, Overall::Invalid, "proven 11-21: {why}");
    let (o, _, why) = judge_with(&target(), &crls, &[], claimed("2026-11-21T00:00:00Z", AT));
    assert_ne!(o, Overall::Valid, "claimed 11-21: {why}");
}

/// The hold search (status.rs: once a CRL issued after the time judged proved "not revoked"
/// the older CRLs are asked whether they prove a hold at the time judged) ends at the first
/// CRL fresh at the time judged that proves "not revoked" (`hold_search = false`), whether
/// or not that CRL covers certificateHold: only `note_fresh_proof` looks at the reasons.
/// A CRL that covers no holds cannot show one lifted (the library's own rule: "a CRL view
/// counts only when it covers certificateHold"), yet it ends the search and the older CRL
/// that proves the hold is then asked only for permanent revocations (`older_revocation`,
/// which skips holds).
///
/// Distribution point A, three CRLs of it: X (11-22T00:00..11-24, all reasons) lists the
/// certificate on hold since 11-21; Y (11-22T08:00..11-24, onlySomeReasons: every reason
/// but certificateHold) omits it; Z (11-23T12:00, after the time judged, all reasons) omits
/// it. {X, Z}: Invalid (the hold X proves at the time judged stands against a later CRL).
/// {X, Y, Z}: Valid today. Y says nothing of holds. Expected: Invalid.
/// Defect: src/revocation/status.rs, the `hold_search` branch (`if let
/// Judgement::NotRevoked(..) = other { hold_search = false; .. }`).
#[test]
fn a_fresh_crl_that_covers_no_holds_ends_the_hold_search() {
    let c = with_dps(&[DP_A]);
    let x = scoped_crl(
        DP_A,
        None,
        spec(
            5,
            "261122000000Z",
            "261124000000Z",
            &[("261121000000Z", HOLD)],
        ),
    );
    let y = scoped_crl(
        DP_A,
        Some(ALL_BUT_HOLD),
        CrlSpec::complete(6, "261122080000Z", "261124000000Z"),
    );
    let z = scoped_crl(
        DP_A,
        None,
        CrlSpec::complete(7, "261123120000Z", "261125000000Z"),
    );
    let (o, _, why) = judge(&c, &[x.clone(), z.clone()], &[], AT);
    assert_eq!(o, Overall::Invalid, "X, Z: {why}");
    let (o, _, why) = judge(&c, &[x, y, z], &[], AT);
    assert_eq!(o, Overall::Invalid, "X, Y, Z: {why}");
}

/// OCSP ignores the invalidityDate a response gives (RFC 6960 §4.4: the CRL entry
/// extensions, invalidityDate among them, may be carried in singleExtensions; RFC 5280
/// §5.3.2: the date from which the certificate is known or suspected invalid). The
/// library's CRL rule: "lists it from a date (invalidityDate, else revocationDate) at or
/// before T ... revoked"; "OCSP responses follow the same rows". `read_single`
/// (src/revocation/ocsp/parse.rs) skips singleExtensions unread, so a response issued after
/// the time judged that revokes for keyCompromise since 11-25 with invalidityDate 11-01 is
/// a "good" for 11-23 (`proves_past`, src/revocation/ocsp/mod.rs).
///
/// The CRL (11-26, after the time judged) with that entry: Invalid. The response (11-26)
/// with it and no CRL: Valid today. Expected: Invalid (compromised since 11-01).
#[test]
fn an_ocsp_invalidity_date_before_the_time_is_ignored() {
    let entry = forge::crl_entry(
        &serial(),
        "261125000000Z",
        &[
            forge::reason(KEY_COMPROMISE),
            forge::invalidity_date("20261101000000Z"),
        ],
    );
    let crl_kc = Ca::nca_rsa()
        .crl(&CrlSpec::complete(7, "261126000000Z", "261127000000Z").entries(vec![entry]));
    let (o, _, why) = judge(&target(), &[crl_kc], &[], AT);
    assert_eq!(o, Overall::Invalid, "CRL: {why}");
    let s = single_with_extensions(
        &revoked("20261125000000Z", Some(KEY_COMPROMISE)),
        "20261126000000Z",
        Some("20261127000000Z"),
        &[forge::invalidity_date("20261101000000Z")],
    );
    let r = by_responder("20261126000000Z", &[s]);
    let (o, _, why) = judge(&target(), &[], &[r], AT);
    assert_eq!(o, Overall::Invalid, "OCSP: {why}");
}

/// At a claimed time "any hold a response shows leaves the status unknown" (README, OCSP
/// row). A response whose SingleResponses about the certificate disagree (a hold and a
/// "good") is indeterminate, and `check_inner` (src/revocation/ocsp/mod.rs) keeps of its
/// hold only `hold_listed`, which counts holds dated at or before the time judged; it
/// leaves `revocation` unset (the `contradicted` early return). A hold dated after the
/// claimed time, which alone makes the status unknown (`claimed_hold` in `with_ocsp`),
/// vanishes once the responder adds a contradicting "good".
///
/// Claimed 11-10, checked 11-23. CRL (11-22T08:00..11-24) omits the certificate. A
/// response of 11-22T12:00 listing a hold since 11-20: Indeterminate. The same response
/// with a "good" SingleResponse beside the hold: Valid today. Expected: not valid.
#[test]
fn at_a_claimed_time_a_hold_in_a_contradicted_response_is_forgotten() {
    let omits = crl(6, "261122080000Z", "261124000000Z", &[]);
    let hold = single(
        &serial(),
        &revoked("20261120000000Z", Some(HOLD)),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let g = single(
        &serial(),
        &good(),
        "20261122120000Z",
        Some("20261124000000Z"),
    );
    let e = || claimed("2026-11-10T00:00:00Z", AT);
    let hold_only = by_responder("20261122120000Z", std::slice::from_ref(&hold));
    let (o, _, why) = judge_with(&target(), std::slice::from_ref(&omits), &[hold_only], e());
    assert_ne!(o, Overall::Valid, "hold only: {why}");
    let both = by_responder("20261122120000Z", &[hold, g]);
    let (o, _, why) = judge_with(&target(), &[omits], &[both], e());
    assert_ne!(o, Overall::Valid, "hold and good: {why}");
}

/// At a claimed time only the newest CRL is judged for holds: an older CRL that proves the
/// certificate on hold at the claimed time itself is asked only for permanent revocations
/// (`older_revocation` skips holds). A proven time gives Invalid on the same evidence: a
/// claim, the weaker statement, earns a better verdict than a proof. The README's reason
/// for "newest only" is that an older CRL may predate a revocation (an older "good" must
/// not decide); an older CRL's hold at the claimed time is evidence against the claim, like
/// the permanent revocations it is already asked for.
///
/// CRL #5 (11-05..11-15) lists the certificate on hold since 11-01; CRL #6 (11-20..12-20,
/// current at 11-23) omits it (the hold was lifted between). At a proven 11-10: Invalid. At
/// a claimed 11-10, checked 11-23: Valid today. Expected: not valid (a signature dated
/// while the certificate was suspended).
/// Defect: src/revocation/status.rs (`if claimed { if let Some(n) = &newest { .. } }`) and
/// `older_revocation` (holds are never asked for).
#[test]
fn at_a_claimed_time_an_older_crls_hold_at_the_claimed_time_is_ignored() {
    let held = crl(
        5,
        "261105000000Z",
        "261115000000Z",
        &[("261101000000Z", HOLD)],
    );
    let lifted = crl(6, "261120000000Z", "261220000000Z", &[]);
    let crls = [held, lifted];
    let (o, _, why) = judge(&target(), &crls, &[], "2026-11-10T00:00:00Z");
    assert_eq!(o, Overall::Invalid, "proven 11-10: {why}");
    let (o, _, why) = judge_with(&target(), &crls, &[], claimed("2026-11-10T00:00:00Z", AT));
    assert_ne!(o, Overall::Valid, "claimed 11-10: {why}");
}

/// Two delta CRLs of one base, with the same thisUpdate and the same cRLNumber (the CA
/// signed two versions, or a re-signed copy was fetched), disagree: one removes the hold
/// the base lists (removeFromCRL), the other still lists it. `deltas_for` sorts the
/// applicable deltas newest first by (thisUpdate, cRLNumber), a stable sort, and
/// `judge_with` returns on the first view: the order the CRLs were given decides - the bug
/// review 12 fixed for two complete CRLs (`two_crls_of_one_instant_decide_by_the_order_given`)
/// survives for deltas. Base #5 (11-22T08:00..11-24) lists the certificate on hold since
/// 06:00; deltas #9 over #5 (10:00..11-24). Expected: Invalid in every order (neither delta
/// is newer than the other's listing of the hold).
/// Defect: src/revocation/status.rs `deltas_for` (tie order) and rules.rs `judge_with`.
#[test]
fn two_deltas_of_one_instant_decide_by_the_order_given() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    let delta = |reason: u8| {
        ca.crl(
            &CrlSpec::delta(9, 5, "261122100000Z", "261124000000Z").entries(vec![
                forge::crl_entry(&serial(), "261122060000Z", &[forge::reason(reason)]),
            ]),
        )
    };
    let removes = delta(8);
    let keeps = delta(HOLD);
    let (o, _, why) = judge(
        &target(),
        &[base.clone(), keeps.clone(), removes.clone()],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Invalid, "keeps, removes: {why}");
    let (o, _, why) = judge(&target(), &[base, removes, keeps], &[], AT);
    assert_eq!(o, Overall::Invalid, "removes, keeps: {why}");
}

/// A delta CRL issued at the same instant as its base lifts the hold the base lists. The
/// model: a hold "is lifted only by a 'good' fresh at T issued after every listing of the
/// hold" (README, OCSP row; `held_equal_this_updates_lift_nothing` for responses; two
/// complete CRLs of one instant lift nothing either). `deltas_for` applies a delta "issued
/// no earlier than the base" (`d.this_update() < base.this_update()` is the only refusal),
/// and the base + delta view, whose thisUpdate equals the base's listing, proves "not
/// revoked" first.
///
/// Base #5 (11-22T08:00..11-24) lists the certificate on hold since 06:00; delta #9 over #5
/// of the same instant (08:00..11-24) removes it (removeFromCRL). Valid today. The delta at
/// 10:00: Valid (right: issued after the listing). Expected at 08:00: Invalid (RFC 5280
/// §5.2.4 would require the delta's cRLNumber above the base's; the library compares issue
/// times instead, and then equal times show nothing newer).
/// Defect: src/revocation/status.rs `deltas_for` (`<` where the model needs `<=` for the
/// view to count as newer evidence) / rules.rs `judge_with`.
#[test]
fn a_delta_of_the_same_instant_lifts_its_bases_hold() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&spec(
        5,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    ));
    let removes_at = |this: &str| {
        ca.crl(
            &CrlSpec::delta(9, 5, this, "261124000000Z").entries(vec![forge::crl_entry(
                &serial(),
                "261122060000Z",
                &[forge::reason(8)],
            )]),
        )
    };
    let (o, _, why) = judge(
        &target(),
        &[base.clone(), removes_at("261122100000Z")],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Valid, "later delta: {why}");
    let (o, _, why) = judge(&target(), &[base, removes_at("261122080000Z")], &[], AT);
    assert_eq!(o, Overall::Invalid, "delta of the same instant: {why}");
}

/// Wrong "revoked" (second rank): a response issued before the certificate existed revokes
/// it. `check_certificate` promises that "a response from before the certificate's
/// notBefore says nothing of it", as CRL rule 1 ("a CRL issued before the certificate says
/// nothing of it: a serial it lists is another certificate's"), but `check_inner`
/// (src/revocation/ocsp/mod.rs) applies `predates` to a "good" only: a revocation dated at
/// or before the time judged is `OcspStatus::Revoked` however old the response, and
/// `with_ocsp` returns it. (`held_a_revocation_from_before_the_certificate_revokes_nothing`
/// in rereview4.rs holds only because its responder certificate, notBefore 2026-01-01, was
/// not valid when its response was produced: it never reaches this rule.)
///
/// A response signed by the CA itself (valid since 2024) of 2025-12-01 revokes the serial
/// for keyCompromise since 2025-11-01; the certificate's notBefore is 2026-01-01; a fresh
/// CRL omits it. The same listing on a CRL of 2025-12-01: Valid. By the response: Invalid
/// today. Expected: Valid.
#[test]
fn a_response_from_before_the_certificate_revokes_it() {
    let fresh = crl(6, "261122080000Z", "261124000000Z", &[]);
    let old_crl = crl(
        1,
        "251201000000Z",
        "251231000000Z",
        &[("251101000000Z", KEY_COMPROMISE)],
    );
    let (o, _, why) = judge(&target(), &[fresh.clone(), old_crl], &[], AT);
    assert_eq!(o, Overall::Valid, "old CRL: {why}");
    let old_response = by_issuer(
        &cert("nca_rsa.cer"),
        "nca_rsa.key.pem",
        &serial(),
        &revoked("20251101000000Z", Some(KEY_COMPROMISE)),
        "20251201000000Z",
        Some("20251231000000Z"),
    );
    let (o, _, why) = judge(&target(), &[fresh], &[old_response], AT);
    assert_eq!(o, Overall::Valid, "old response: {why}");
}

/// At a claimed time a CRL signer that the root's responder lists on hold (dated after the
/// claimed time, the response current) still signs. For a path certificate, any hold a
/// response shows at a claimed time leaves the status unknown (`claimed_hold`,
/// `with_ocsp`); for a CRL signer the same hold on a root CRL makes its status unknown
/// (the claimed-time CRL hold is `Unproven`) and its CRL is refused. `ocsp_distrust`
/// (src/condition.rs) weighs, at a claimed time, only `check.status` (a hold dated after
/// the claim is a "good by a later response" there), `stale_hold` (holds dated at or before
/// the claim) and compromises: a hold dated after the claim is nothing. Review 14 closed
/// the same gap for a non-claimed hold and for a claimed-time compromise only.
///
/// Claimed 10-01, checked 11-23. The separate signer's CRL #8 proves the end entity good.
/// Root CRL #3 (11-20..2027-01-01) listing the signer on hold since 11-21: not valid. The
/// root's own response (11-22..11-24) listing the same hold instead: Valid today.
/// Expected: not valid.
#[test]
fn at_a_claimed_time_a_crl_signer_on_an_ocsp_hold_still_signs() {
    let s = separate_signer();
    let ee = target();
    let e = || claimed("2026-10-01T00:00:00Z", AT);
    let v = signer_verifier(&s, &[&s.crl], &[]).check_certificate(&ee, &e());
    assert_eq!(
        v.overall(),
        Overall::Valid,
        "baseline: {:?}",
        revocation(&v)
    );
    let root_hold =
        root().crl(
            &CrlSpec::complete(3, "261120000000Z", "270101000000Z").entries(vec![
                forge::crl_entry(SIGNER_SERIAL, "261121000000Z", &[forge::reason(HOLD)]),
            ]),
        );
    let v = signer_verifier(&s, &[&s.crl, &root_hold], &[]).check_certificate(&ee, &e());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "CRL hold: {:?}",
        revocation(&v)
    );
    let ocsp_hold = by_issuer(
        &cert("root.cer"),
        "root.key.pem",
        SIGNER_SERIAL,
        &revoked("20261121000000Z", Some(HOLD)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let v = signer_verifier(&s, &[&s.crl], &[&ocsp_hold]).check_certificate(&ee, &e());
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "OCSP hold: {:?}",
        revocation(&v)
    );
}

/// "What the budget refuses is an unknown check, never a decision" (README, CMS row). The
/// fix of review 9 (`older_revocation` returns Unknown when the work ran out proving an
/// older CRL that lists a revocation) is undone by any OCSP "good": `with_ocsp`
/// (src/condition.rs, "No hold stands: a good settles a status the CRLs left unknown")
/// turns that Unknown into Good, although with the budget to prove the CRL the same
/// response loses to the keyCompromise it lists (a permanent revocation returns before any
/// response is read). The budget decides.
///
/// The material of `rereview.rs` `budget_exhaustion_never_drops_an_older_crls_revocation`
/// (the CA's newest CRL #8 omits the signer's certificate; an older CRL #7 signed by a
/// separate CRL signer carried last in the document lists it for keyCompromise since
/// 10-20; 997 look-alike certificates ahead of that signer exhaust the budget), plus a
/// fresh OCSP "good" of the CA's responder (11-22T12:00..11-24). Without the pile:
/// Invalid. With it: Valid today, the revocation check Passed. Expected: not valid.
#[test]
fn budget_exhaustion_then_an_ocsp_good_drops_an_older_crls_revocation() {
    let nca = Ca::nca_rsa();
    let ee = target();
    let crl_signer = root().reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(&[0x7e, 0x57]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let crl_signer_ca = Ca {
        cert: crl_signer.clone(),
        key: key("individual_sign.key.pem"),
    };
    let newest = nca.crl(&CrlSpec::complete(8, "261115000000Z", "261215000000Z"));
    let older = crl_signer_ca.crl(
        &CrlSpec::complete(7, "261101000000Z", "261201000000Z").entries(vec![forge::crl_entry(
            ee.serial(),
            "261020000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    );
    let root_crl = root().crl(&CrlSpec::complete(3, "261101000000Z", "270101000000Z"));
    let good_response = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .ocsp(OcspResponse::from_der(&good_response).unwrap())
        .unwrap();
    for c in [&newest, &older, &root_crl] {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    let verifier = b.build();
    let cms = sign(
        CONTENT,
        &SignRequest::new(&ee, time("2026-11-22T09:30:00Z")),
        &key("individual_sign.key.pem"),
    )
    .unwrap();
    let (_, _, _, certs, signers) = parts(&cms);
    let legal = cert("legal_sign.cer");
    let mut signer_infos: Vec<Vec<u8>> = Vec::new();
    let mut certificates_head = vec![certs[0].clone(), legal.der().to_vec()];
    for i in 0..4 {
        let other = sign(
            CONTENT,
            &SignRequest::new(&legal, time(&format!("2026-11-22T10:0{i}:00Z"))),
            &key("legal_sign.key.pem"),
        )
        .unwrap();
        signer_infos.push(parts(&other).4[0].clone());
    }
    certificates_head.dedup();
    signer_infos.push(signers[0].clone());
    let genuine = signer_infos.len() - 1;
    let with = |pile: usize| {
        let mut certificates = certificates_head.clone();
        certificates.extend(with_other_keys(&cert("nca_rsa.cer"), pile));
        certificates.push(crl_signer.clone());
        SignedData::from_input(&assemble(&cms, &certificates, &signer_infos)).unwrap()
    };
    let mut options = VerifyOptions::at(time(AT));
    options.signers = SignerPolicy::All;
    let rev = |v: &qoltanba::cms::CmsVerdict| {
        v.signers()[genuine]
            .check(CheckName::Revocation)
            .cloned()
            .unwrap()
    };
    // With the budget to prove #7's signer: the keyCompromise wins over the "good".
    let v = with(0).verify(&verifier, &options);
    assert_eq!(rev(&v).outcome(), Outcome::Failed, "{:?}", rev(&v));
    assert_eq!(v.overall(), Overall::Invalid);
    // Without it: never valid.
    let v = with(limits::MAX_CERTIFICATES - 3).verify(&verifier, &options);
    assert!(v.work().exhausted().is_some(), "{:?}", v.work());
    assert_ne!(rev(&v).outcome(), Outcome::Passed, "{:?}", rev(&v));
    assert_ne!(v.overall(), Overall::Valid);
}

/// A response whose SingleResponse carries a critical extension the library does not
/// process is relied on: `read_single` (src/revocation/ocsp/parse.rs) skips
/// singleExtensions unread (and responseExtensions are read for the nonce only, their
/// critical flag ignored). RFC 6960 §4.4 leaves extension support optional but an
/// extension marked critical that is not understood cannot be ignored (RFC 5280's rule for
/// critical extensions; the library applies it to CRLs, CRL entries and responder
/// certificates); Chromium and the JDK refuse such responses. A "good" with a critical
/// 1.2.3.4 singleExtension (12:00, fresh) lifts the hold a CRL proves at the time judged
/// (08:00): Valid today; without the extension Valid is right. Expected with it: Invalid
/// (the hold stands; the response proves nothing).
#[test]
fn an_ocsp_good_with_an_unknown_critical_extension_lifts_a_hold() {
    let hold = crl(
        6,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let plain = ocsp(&good(), "20261122120000Z", Some("20261124000000Z"));
    let (o, _, why) = judge(&target(), std::slice::from_ref(&hold), &[plain], AT);
    assert_eq!(o, Overall::Valid, "plain good: {why}");
    let critical = forge::ext(&[0x2a, 0x03, 0x04], true, &[0x05, 0x00]);
    let s = single_with_extensions(
        &good(),
        "20261122120000Z",
        Some("20261124000000Z"),
        &[critical],
    );
    let r = by_responder("20261122120000Z", &[s]);
    let (o, _, why) = judge(&target(), &[hold], &[r], AT);
    assert_eq!(o, Overall::Invalid, "good with a critical extension: {why}");
}

// --- held -----------------------------------------------------------------------------------

/// The baseline the tests above build on: a fresh CRL omitting the certificate is valid;
/// one listing it on hold since before the time judged is not.
#[test]
fn held_baseline() {
    let omits = crl(6, "261122080000Z", "261124000000Z", &[]);
    let (o, _, why) = judge(&target(), &[omits], &[], AT);
    assert_eq!(o, Overall::Valid, "{why}");
    let hold = crl(
        6,
        "261122080000Z",
        "261124000000Z",
        &[("261122060000Z", HOLD)],
    );
    let (o, _, why) = judge(&target(), &[hold], &[], AT);
    assert_eq!(o, Overall::Invalid, "{why}");
}

/// The known open question: a hold proven at the time judged under distribution point A
/// (08:00, fresh), a fresher "good" under B (10:00, fresh, newer than A's listing), and a
/// newer stale listing of the hold (here an OCSP response, 12:00, nextUpdate
/// 13:00)). The answer is not "valid" (indeterminate today). The `with_ocsp` doc comment
/// says "on hold when some of that evidence proves the time judged", which A's CRL does;
/// but A's proof is older than B's "good", which shows the hold lifted at 10:00, and the
/// re-listing at 12:00 no longer proves the time judged: neither "on hold" nor "good" is
/// proven, and unknown is the sound answer (the doc comment overstates).
#[test]
fn held_a_proven_hold_a_newer_good_and_a_newer_stale_hold() {
    let c = with_dps(&[DP_A, DP_B]);
    let a = scoped_crl(
        DP_A,
        None,
        spec(
            5,
            "261122080000Z",
            "261124000000Z",
            &[("261122060000Z", HOLD)],
        ),
    );
    let b = scoped_crl(
        DP_B,
        None,
        CrlSpec::complete(6, "261122100000Z", "261124000000Z"),
    );
    let (o, _, why) = judge(&c, &[a.clone(), b.clone()], &[], AT);
    assert_eq!(o, Overall::Valid, "A lifted by B: {why}");
    let stale = ocsp(
        &revoked("20261122060000Z", Some(HOLD)),
        "20261122120000Z",
        Some("20261122130000Z"),
    );
    for (o, why) in every_order(&c, &[a, b], &[stale], &Expectation::at(time(AT))) {
        assert_ne!(o, Overall::Valid, "{why}");
    }
}

/// The order CRLs and responses are given never changes the verdict, over mixes of holds,
/// permanent revocations, goods, deltas, distribution points and stale evidence (every
/// permutation of the CRLs and of the responses).
#[test]
fn held_the_order_given_decides_nothing() {
    let c2 = with_dps(&[DP_A, DP_B]);
    let at = Expectation::at(time(AT));
    let ca = Ca::nca_rsa();
    type Scenario = (Certificate, Vec<Vec<u8>>, Vec<Vec<u8>>, Expectation);
    let scenarios: Vec<Scenario> = vec![
        // Stale keyCompromise, fresh hold, OCSP good newer.
        (
            target(),
            vec![
                crl(
                    5,
                    "261001000000Z",
                    "261031000000Z",
                    &[("260915000000Z", KEY_COMPROMISE)],
                ),
                crl(
                    6,
                    "261122080000Z",
                    "261124000000Z",
                    &[("261122060000Z", HOLD)],
                ),
            ],
            vec![ocsp(&good(), "20261122120000Z", Some("20261124000000Z"))],
            at.clone(),
        ),
        // Hold under A, good under B older, OCSP good newer and OCSP stale hold newest.
        (
            c2.clone(),
            vec![
                scoped_crl(
                    DP_A,
                    None,
                    spec(
                        5,
                        "261122080000Z",
                        "261124000000Z",
                        &[("261122060000Z", HOLD)],
                    ),
                ),
                scoped_crl(
                    DP_B,
                    None,
                    CrlSpec::complete(6, "261122070000Z", "261124000000Z"),
                ),
            ],
            vec![
                ocsp(&good(), "20261122120000Z", Some("20261124000000Z")),
                ocsp(
                    &revoked("20261122060000Z", Some(HOLD)),
                    "20261122140000Z",
                    Some("20261122150000Z"),
                ),
            ],
            at.clone(),
        ),
        // Base with a hold, a later delta removing it, an older complete CRL fresh.
        (
            target(),
            vec![
                ca.crl(&spec(
                    5,
                    "261122080000Z",
                    "261124000000Z",
                    &[("261122060000Z", HOLD)],
                )),
                ca.crl(
                    &CrlSpec::delta(9, 5, "261122100000Z", "261124000000Z").entries(vec![
                        forge::crl_entry(&serial(), "261122060000Z", &[forge::reason(8)]),
                    ]),
                ),
                crl(4, "261122000000Z", "261124000000Z", &[]),
            ],
            vec![ocsp(&good(), "20261122090000Z", Some("20261124000000Z"))],
            at.clone(),
        ),
        // CRLs issued after T omitting, one older stale hold, one OCSP hold after T.
        (
            target(),
            vec![
                crl(7, "261123120000Z", "261125000000Z", &[]),
                crl(
                    5,
                    "261122000000Z",
                    "261122100000Z",
                    &[("261121000000Z", HOLD)],
                ),
                crl(6, "261123060000Z", "261125000000Z", &[]),
            ],
            vec![
                ocsp(&good(), "20261123100000Z", Some("20261125000000Z")),
                ocsp(
                    &revoked("20261122060000Z", Some(HOLD)),
                    "20261122110000Z",
                    Some("20261122120000Z"),
                ),
            ],
            at.clone(),
        ),
        // Claimed time: fresh CRL omits; one response holds (after the claim), one good.
        (
            target(),
            vec![crl(6, "261122080000Z", "261124000000Z", &[])],
            vec![
                ocsp(
                    &revoked("20261120000000Z", Some(HOLD)),
                    "20261122120000Z",
                    Some("20261124000000Z"),
                ),
                ocsp(&good(), "20261122130000Z", Some("20261124000000Z")),
                ocsp(
                    &revoked("20261121000000Z", Some(4)),
                    "20261122140000Z",
                    Some("20261124000000Z"),
                ),
            ],
            claimed("2026-11-10T00:00:00Z", AT),
        ),
    ];
    for (i, (cert, crls, responses, e)) in scenarios.iter().enumerate() {
        let all = every_order(cert, crls, responses, e);
        let first = all[0].0;
        for (o, why) in &all {
            assert_eq!(*o, first, "scenario {i}: {why} vs {}", all[0].1);
        }
    }
}

/// A CRL entry or a CertID whose serial carries a redundant leading zero is refused at
/// load time (one number, one encoding), never read as another certificate's.
#[test]
fn held_a_serial_with_a_leading_zero_is_refused() {
    let mut padded = vec![0u8];
    padded.extend(serial());
    let c =
        Ca::nca_rsa().crl(
            &CrlSpec::complete(6, "261122080000Z", "261124000000Z").entries(vec![
                forge::crl_entry(&padded, "261122060000Z", &[forge::reason(HOLD)]),
            ]),
        );
    assert!(Crl::from_der(c).is_err());
    let r = by_responder(
        "20261122120000Z",
        &[single(
            &padded,
            &good(),
            "20261122120000Z",
            Some("20261124000000Z"),
        )],
    );
    assert!(OcspResponse::from_der(&r).is_err());
}

// =========================================================================================
// Follow-ups written with the fixes: the delta CRLs read alone (`status/standing.rs`), both
// ways.
// =========================================================================================

/// A delta over a complete CRL the verifier does not hold (#11) lists the certificate on
/// hold since 11-20, fresh at the time judged; the held complete CRL #10 (fresh, older)
/// omits it. The hold is the newer word: on hold. The same delta lifting nothing
/// (removeFromCRL, or no entry) leaves #10's proof: valid.
#[test]
fn a_hold_on_a_delta_over_a_base_not_held_is_weighed() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(10, "261101000000Z", "270501000000Z"));
    let delta = |reason: Option<u8>| {
        let spec = CrlSpec::delta(20, 11, "261121000000Z", "261124000000Z");
        ca.crl(&match reason {
            Some(r) => spec.entries(vec![forge::crl_entry(
                &serial(),
                "261120000000Z",
                &[forge::reason(r)],
            )]),
            None => spec,
        })
    };
    let (o, _, why) = judge(&target(), &[base.clone(), delta(Some(HOLD))], &[], AT);
    assert_eq!(o, Overall::Invalid, "a fresh hold on the delta: {why}");
    // Issued after the time judged, the hold from before it is in force then too.
    let later =
        ca.crl(
            &CrlSpec::delta(21, 11, "261123120000Z", "261130000000Z").entries(vec![
                forge::crl_entry(&serial(), "261120000000Z", &[forge::reason(HOLD)]),
            ]),
        );
    let (o, _, why) = judge(&target(), &[base.clone(), later], &[], AT);
    assert_eq!(o, Overall::Invalid, "a later delta's hold: {why}");
    for reason in [Some(8), None] {
        let (o, _, why) = judge(&target(), &[base.clone(), delta(reason)], &[], AT);
        assert_eq!(o, Overall::Valid, "{reason:?}: {why}");
    }
    // A hold from after the time judged: not in force then.
    let after =
        ca.crl(
            &CrlSpec::delta(22, 11, "261123120000Z", "261130000000Z").entries(vec![
                forge::crl_entry(&serial(), "261123060000Z", &[forge::reason(HOLD)]),
            ]),
        );
    let (o, _, why) = judge(&target(), &[base, after], &[], AT);
    assert_eq!(
        o,
        Overall::Valid,
        "a hold from after the time judged: {why}"
    );
}

/// A stale delta listed the hold; a newer delta of the base, fresh, lifts it
/// (removeFromCRL): the newer word wins, read alone or in the base's views. A delta not
/// signed by the CA (the end entity's key) lists a keyCompromise: it proves nothing.
#[test]
fn a_delta_read_alone_is_weighed_by_its_date_and_proven_by_its_signer() {
    let ca = Ca::nca_rsa();
    let base = ca.crl(&CrlSpec::complete(10, "261101000000Z", "270501000000Z"));
    let listing = |number: u8, this: &str, next: &str, reason: u8| {
        ca.crl(
            &CrlSpec::delta(number, 10, this, next).entries(vec![forge::crl_entry(
                &serial(),
                "261110000000Z",
                &[forge::reason(reason)],
            )]),
        )
    };
    let stale = listing(20, "261111000000Z", "261112000000Z", HOLD);
    let lifts = listing(21, "261122000000Z", "261124000000Z", 8);
    let (o, _, why) = judge(&target(), &[base.clone(), stale.clone()], &[], AT);
    assert_ne!(o, Overall::Valid, "the stale hold alone: {why}");
    let (o, _, why) = judge(&target(), &[base.clone(), stale, lifts], &[], AT);
    assert_eq!(o, Overall::Valid, "lifted by a newer delta: {why}");
    let forged =
        Ca {
            cert: cert("nca_rsa.cer").der().to_vec(),
            key: key("individual_sign.key.pem"),
        }
        .crl(
            &CrlSpec::delta(30, 10, "261122000000Z", "261124000000Z").entries(vec![
                forge::crl_entry(&serial(), "261110000000Z", &[forge::reason(KEY_COMPROMISE)]),
            ]),
        );
    let (o, _, why) = judge(&target(), &[base, forged], &[], AT);
    assert_eq!(o, Overall::Valid, "a delta the CA did not sign: {why}");
}

/// At a claimed time, an older CRL's hold that was lifted before the claimed time (the
/// CRL fresh at the claimed time omits it) does not make the claim doubtful; one the
/// newest CRL still lists does.
#[test]
fn at_a_claimed_time_a_hold_lifted_before_the_claim_is_not_held_against_it() {
    let held = crl(
        4,
        "261010000000Z",
        "261020000000Z",
        &[("261005000000Z", HOLD)],
    );
    let lifted = crl(5, "261101000000Z", "261115000000Z", &[]);
    let newest = crl(6, "261120000000Z", "261220000000Z", &[]);
    let e = || claimed("2026-11-10T00:00:00Z", AT);
    let (o, _, why) = judge_with(&target(), &[held, lifted, newest], &[], e());
    assert_eq!(o, Overall::Valid, "{why}");
    let still = crl(
        6,
        "261120000000Z",
        "261220000000Z",
        &[("261005000000Z", HOLD)],
    );
    let (o, _, why) = judge_with(&target(), &[still], &[], e());
    assert_ne!(o, Overall::Valid, "{why}");
}

/// The newest CRL lists the certificate on hold but carries a critical entry extension the
/// library does not process: it cannot be used (RFC 5280 §5.3), yet it is the CA's word on
/// the certificate, so an older CRL's proof does not stand for it: unknown, never valid.
/// The same CRL not listing the certificate, or listing it but not signed by the CA, leaves
/// the older CRL's proof.
#[test]
fn an_uninterpretable_newer_crl_that_lists_the_certificate_leaves_it_unknown() {
    let older = crl(5, "261120000000Z", "261220000000Z", &[]);
    let unknown_critical = forge::ext(&[0x2a, 0x03, 0x04], true, &[0x05, 0x00]);
    let newest = |serial: &[u8], ca: &Ca| {
        ca.crl(
            &CrlSpec::complete(6, "261122000000Z", "261222000000Z").entries(vec![
                forge::crl_entry(
                    serial,
                    "261121000000Z",
                    &[forge::reason(HOLD), unknown_critical.clone()],
                ),
            ]),
        )
    };
    let ca = Ca::nca_rsa();
    let (o, r, why) = judge(&target(), &[older.clone(), newest(&serial(), &ca)], &[], AT);
    assert_eq!((o, r), (Overall::Indeterminate, Outcome::Unknown), "{why}");
    let (o, _, why) = judge(
        &target(),
        &[older.clone(), newest(&[0x7f, 0x01], &ca)],
        &[],
        AT,
    );
    assert_eq!(o, Overall::Valid, "another serial: {why}");
    let forged = Ca {
        cert: cert("nca_rsa.cer").der().to_vec(),
        key: key("individual_sign.key.pem"),
    };
    let (o, _, why) = judge(&target(), &[older, newest(&serial(), &forged)], &[], AT);
    assert_eq!(o, Overall::Valid, "not the CA's: {why}");
}
