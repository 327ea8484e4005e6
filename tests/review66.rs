//! Review 66 (hostile, within the hour of the fixes): 6d15e14 and 810628e attacked
//! (`Refused::cut_short`, `StatusContext::budget_refusal`: a CRL signer refused because a
//! path build's OWN budget cut a search short leaves what its CRL lists undecided;
//! `StatusFacts::budget_cut` / the `StatusContext::budget_cut` cell mark the status asked,
//! and its consumers (an OCSP "good" of a path certificate or of an anchor, a CA's unknown
//! under the end-entity scope, a nocheck responder's unknown status, `issued`) read the
//! mark as they read the document's meter).
//!
//! Every consumer of an unknown status that could let "the budget decide" now reads the
//! mark: no false VALID was found. But the fix made every budget refusal (junk the
//! document carries is enough) END the CRL walk: an older CRL is no longer read, not even
//! for a permanent revocation it proves.
//!
//! Findings:
//! 1. (fixed) `junk_masks_no_proven_revocation_behind_a_newer_crl` (was
//!    `defect_junk_masks_a_proven_revocation_behind_a_newer_crl`): wrong verdict
//!    (INVALID -> INDETERMINATE), switched on by the document: nca_rsa's own CRL (#102,
//!    proven) lists the target for keyCompromise; a newer CRL of nca_rsa's name (#103) by
//!    the root's separate signer lists another serial. On the bridge's path the signer of
//!    #103 is sought under the bridge; 150 junk CA certificates of the ROOT's name cut that
//!    build short (its own budget): #103 is a budget refusal (walk.rs:306-318, since
//!    6d15e14 for a build's own budget too), the walk breaks with "unknown", and #102's
//!    proven compromise is never read. Before 6d15e14 (meter only) the refusal was an
//!    unproven CRL, skipped, and #102 decided: INVALID. Nothing #103 could say undoes a
//!    permanent revocation, so the budget decides here: a revoked signer becomes
//!    "indeterminate" (retry / ask for more evidence) at the holder's choice. Fixed: the
//!    refusal is a doubt (`Weighed::doubt`, `Standing::Doubt`: no "good" stands) and the
//!    walk reads on.
//!
//! Held:
//! - `held_an_ocsp_good_of_a_ca_settles_no_listing_a_builds_budget_left_undecided`: review
//!   65's case (c) (the path's CA listed by the bridge's separate signer, 150 junk of a
//!   third root's name cut `anchors_certifying`) with a fresh OCSP "good" of the CA signed
//!   by its issuer: the mark keeps the CA unknown (not valid), given, stamped, claimed.
//! - `held_a_cas_key_compromise_a_builds_budget_left_undecided_refuses_its_crls`: case (c)
//!   with the CA listed for keyCompromise (before, and after, the time judged), with and
//!   without an OCSP "good" of the target: never valid (the listing is proven here despite
//!   the junk: INVALID).
//! - `held_a_responders_key_compromise_a_builds_budget_left_undecided_refuses_its_good`:
//!   the delegated responder listed for keyCompromise (key.rs:406, `distrust` through
//!   `ocsp_signer_distrust` step 1, rather than review 65's step 3) by the root's separate
//!   signer, 150 junk of the bridge's name: its "good" is refused (not valid).
//! - `held_an_ocsp_good_after_a_hold_settles_no_listing_a_builds_budget_left_undecided`:
//!   nca_rsa's CRL lists the target on hold, the root signer's CRL (older or newer than the
//!   hold's) lists it for keyCompromise, a fresh OCSP "good" issued after the hold: with
//!   150 junk the hold-lifting branch of `with_ocsp` returns the "good", and the mark's
//!   guard keeps the CRLs' unknown: not valid.
//! - `held_the_meter_never_lets_an_ocsp_good_settle_a_cas_listing`: (a) with 60 and 150
//!   junk at every document budget (signatures, path steps, 0..240): never valid.
//! - `held_junk_never_turns_a_good_status_into_a_revocation`: a target good by its CA's
//!   CRL with junk of the bridge's, the root's, or both names: valid or indeterminate,
//!   never invalid (junk of the root's name makes it indeterminate: the document's own
//!   doing, see finding 1 for why that is not harmless when the truth is "revoked").

mod common;

use common::anchors::{
    self, describe, junk_attack, junk_cas, listing_of, nca_current, ocsp_good, through_bridge,
    times, with_root_crl as builder,
};
use common::evidence as ev;
use common::forge;
use qoltanba::revocation::OcspResponse;
use qoltanba::{Certificate, Judged as _, Overall};

fn bridge() -> forge::Ca {
    anchors::bridge("Review66 Bridge", 0x66)
}

/// Review 65's case (c): anchors B and T; intermediates (B's cross-certificate of nca_rsa
/// first, nca_rsa.cer, B's certificates by T then by the root, B's separate CRL signer
/// certified by the root); nca_rsa's current CRL and B's signer's #101 listing the
/// cross-certificate for `reason` since `since`; 150 junk CAs of T's name.
struct CaseC {
    anchors: Vec<Certificate>,
    inters: Vec<Certificate>,
    crls: Vec<Vec<u8>>,
    junk: Vec<Certificate>,
}

fn case_c(since: &str, reason: u8, tag: u8) -> CaseC {
    let b = bridge();
    let t = anchors::bridge("Review66 Third", 0x67);
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let third_cert = Certificate::from_der(&t.cert).unwrap();
    let b_by_t = Certificate::from_der(&t.reissue(&b.cert, |tbs| {
        tbs.serial = forge::int(&[0x66, 0x31]);
    }))
    .unwrap();
    let b_by_root = Certificate::from_der(&ev::root().reissue(&b.cert, |tbs| {
        tbs.serial = forge::int(&[0x66, 0x32]);
    }))
    .unwrap();
    let (signer_cert, signer) = ev::ca_made(
        &ev::root(),
        &[0x66, 0x33],
        Some(b.name()),
        "legal_employee_auth",
        |_| {},
    );
    let cross = anchors::cross(&b, 0x66);
    let newer = listing_of(
        &signer,
        101,
        ("261120000000Z", "261220000000Z"),
        cross.serial(),
        since,
        reason,
    );
    CaseC {
        anchors: vec![bridge_cert, third_cert],
        // Not nca_rsa.cer: its path to the root would hold, the cross-certificate's
        // revocation (superseded) not on it (review 67's `best_path` takes it).
        inters: vec![cross, b_by_t, b_by_root, signer_cert],
        crls: vec![nca_current(), newer],
        junk: junk_cas(&bridge(), &t.name(), 150, (0x66, tag)),
    }
}

/// A fresh OCSP "good" of the cross-certificate, signed by the bridge (its issuer).
fn cross_good(cross: &Certificate) -> OcspResponse {
    let bridge_cert = Certificate::from_der(&bridge().cert).unwrap();
    OcspResponse::from_der(&ev::by_issuer(
        &bridge_cert,
        "legal_sign.key.pem",
        cross.serial(),
        &ev::good(),
        "20261122160000Z",
        Some("20261130000000Z"),
    ))
    .unwrap()
}

// --- (a) a CA's listing undecided, with an OCSP "good" of the CA ---------------------------

/// Review 65's case (c) (B's cross-certificate of nca_rsa, the path's CA, listed as
/// superseded by B's separate CRL signer certified by the root; 150 junk CAs of T's name
/// cut `anchors_certifying(cross, B)` short) with a fresh OCSP "good" of the
/// cross-certificate signed by B, its issuer.
/// Control: not valid (no junk, 60 junk). Attack: 150 junk: the CA's status is unknown by
/// a budget, marked (`budget_cut`), and the "good" does not settle it
/// (revocation.rs:140-149): not valid, given, stamped, claimed.
#[test]
fn held_an_ocsp_good_of_a_ca_settles_no_listing_a_builds_budget_left_undecided() {
    let c = case_c("261101000000Z", 4, 0x01);
    let make = || {
        builder(&c.anchors, &c.inters, &c.crls)
            .ocsp(cross_good(&c.inters[0]))
            .unwrap()
            .build()
    };
    let wrong = junk_attack(&make, &c.junk, &|r| r.is_valid());
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (b) a CA's key listed for a compromise after the time judged -------------------------

/// Case (c) with B's signer listing the cross-certificate for keyCompromise, since 11-01
/// (before the time judged) and since 12-01 (after it: a compromise counts whenever
/// dated), with and without a fresh OCSP "good" of the target by nca_rsa's delegated
/// responder (whose issuer's key is the one listed: `ocsp_signer_distrust` 1b).
/// Never valid with 0, 60 or 150 junk (here the listing is proven in spite of the junk:
/// INVALID).
#[test]
fn held_a_cas_key_compromise_a_builds_budget_left_undecided_refuses_its_crls() {
    let mut wrong = Vec::new();
    for since in ["261101000000Z", "261201000000Z"] {
        let c = case_c(since, ev::KEY_COMPROMISE, 0x02);
        for with_good in [false, true] {
            let make = || {
                let mut b = builder(&c.anchors, &c.inters, &c.crls);
                if with_good {
                    b = b.ocsp(ocsp_good()).unwrap();
                }
                b.build()
            };
            for w in junk_attack(&make, &c.junk, &|r| r.is_valid()) {
                wrong.push(format!("since {since}, OCSP good {with_good}: {w}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (c) a delegated responder's key listed for a compromise ------------------------------

/// Review 65's case (b) (no CRL of the target proven for the bridge's path; a fresh OCSP
/// "good" of nca_rsa's delegated responder) with the RESPONDER listed for keyCompromise
/// (since 11-01, and since 12-01) by the root's separate signer of nca_rsa's name: the
/// listing's proof (`distrust`, key.rs:398-413, `ocsp_signer_distrust` step 1) needs
/// `anchors_certifying(responder, bridge)`, which 150 junk of the bridge's name cut short:
/// Unproven, the "good" refused: not valid.
#[test]
fn held_a_responders_key_compromise_a_builds_budget_left_undecided_refuses_its_good() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = ev::ca_made(
        &ev::root(),
        &[0x66, 0x02],
        None,
        "legal_employee_auth",
        |_| {},
    );
    let responder = ev::cert("ocsp_responder.cer");
    let mut wrong = Vec::new();
    for since in ["261101000000Z", "261201000000Z"] {
        let newer = listing_of(
            &signer,
            101,
            ("261120000000Z", "261220000000Z"),
            responder.serial(),
            since,
            ev::KEY_COMPROMISE,
        );
        let crls = [newer];
        let inters = [
            anchors::cross(&b, 0x66),
            anchors::nca(),
            signer_cert.clone(),
        ];
        let junk = junk_cas(&bridge(), &b.name(), 150, (0x66, 0x03));
        let make = || {
            builder(std::slice::from_ref(&bridge_cert), &inters, &crls)
                .ocsp(ocsp_good())
                .unwrap()
                .build()
        };
        for w in junk_attack(&make, &junk, &through_bridge) {
            wrong.push(format!("since {since}: {w}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (d) a hold, an OCSP "good" after it, and a listing a budget left undecided ------------

/// Review 63's case (the root's separate signer lists the target for keyCompromise in
/// #101, proven only through `anchors_certifying(target, bridge)`), plus nca_rsa's own
/// #102 listing the target on hold since 11-19, and a fresh OCSP "good" (11-22T16:00)
/// issued after the hold. With 150 junk the compromise is undecided; `with_ocsp` returns
/// the "good" from its hold-lifting branch (revocation.rs:518-527), and the mark's guard
/// after it (revocation.rs:140-149) restores the CRLs' unknown: not valid, whichever of
/// #101 and #102 is newer.
#[test]
fn held_an_ocsp_good_after_a_hold_settles_no_listing_a_builds_budget_left_undecided() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x66);
    let mut wrong = Vec::new();
    // The compromise listed in a CRL older, then newer, than the hold's.
    for (this, hold_this) in [
        ("261120000000Z", "261121000000Z"),
        ("261121000000Z", "261120000000Z"),
    ] {
        let newer = listing_of(
            &signer,
            101,
            (this, "261220000000Z"),
            &ev::serial(),
            "261101000000Z",
            ev::KEY_COMPROMISE,
        );
        let hold = ev::crl(
            102,
            hold_this,
            "261220000000Z",
            &[("261119000000Z", ev::HOLD)],
        );
        let crls = [nca_current(), newer, hold];
        let inters = [
            anchors::cross(&b, 0x66),
            anchors::nca(),
            signer_cert.clone(),
        ];
        let junk = junk_cas(&bridge(), &b.name(), 150, (0x66, 0x04));
        let make = || {
            builder(std::slice::from_ref(&bridge_cert), &inters, &crls)
                .ocsp(ocsp_good())
                .unwrap()
                .build()
        };
        for w in junk_attack(&make, &junk, &|r| r.is_valid()) {
            wrong.push(format!("listing {this}, hold {hold_this}: {w}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (e) the meter on (a) ------------------------------------------------------------------

/// Case (a) (a CA's listing, an OCSP "good" of the CA) with 60 and 150 junk, at every
/// document budget (signatures, path steps) 0..240: never valid (the meter's refusal and a
/// build's own are both marked).
#[test]
fn held_the_meter_never_lets_an_ocsp_good_settle_a_cas_listing_of() {
    let c = case_c("261101000000Z", 4, 0x05);
    type Setter = fn(&mut qoltanba::Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_signatures", |l, n| l.document_signatures = n),
        ("document_path_steps", |l, n| l.document_path_steps = n),
    ];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        for n in (0..=240).step_by(4) {
            let mut l = qoltanba::Limits::default();
            set(&mut l, n);
            let v = builder(&c.anchors, &c.inters, &c.crls)
                .ocsp(cross_good(&c.inters[0]))
                .unwrap()
                .limits(l)
                .build();
            for k in [60, 150] {
                let r = v.check_certificate_with(&ev::target(), &ev::at_t(), &c.junk[..k]);
                if r.is_valid() {
                    wrong.push(format!("{budget} {n}, {k} junk: {}", describe(&r)));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (f) a budget never turns a good into a revocation -------------------------------------

/// The target good on the bridge's path (nca_rsa's current CRL); a newer CRL of nca_rsa's
/// name by the root's separate signer lists another serial. Junk of the bridge's name
/// (never reached), of the root's name (cuts the search for #101's signer under the
/// bridge: indeterminate), or both: valid or indeterminate, never invalid.
#[test]
fn held_junk_never_turns_a_good_status_into_a_revocation() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x66);
    let other = listing_of(
        &signer,
        101,
        ("261120000000Z", "261220000000Z"),
        &[0x66, 0x99],
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), other];
    let inters = [anchors::cross(&b, 0x66), anchors::nca(), signer_cert];
    let make = || builder(std::slice::from_ref(&bridge_cert), &inters, &crls).build();
    let root_name = ev::root().name();
    let mut junk = junk_cas(&bridge(), &b.name(), 150, (0x66, 0x06));
    junk.extend(junk_cas(&bridge(), &root_name, 150, (0x66, 0x07)));
    let sane = make().check_certificate_with(&ev::target(), &ev::at_t(), &[]);
    assert!(sane.is_valid(), "no junk: {}", describe(&sane));
    let mut wrong = Vec::new();
    for (label, e) in times() {
        for (what, j) in [
            ("bridge", &junk[..150]),
            ("root", &junk[150..]),
            ("both", &junk[..]),
        ] {
            let v = make().check_certificate_with(&ev::target(), &e, j);
            if v.overall() == Overall::Invalid {
                wrong.push(format!("{what} junk, {label}: {}", describe(&v)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (g) a proven revocation behind a newer CRL a budget left undecided --------------------

/// The target on the bridge's path (B's cross-certificate of nca_rsa); nca_rsa's OWN CRL
/// #102 (11-10..12-10, signed by nca_rsa, proven) lists the target for keyCompromise since
/// 11-05; a newer CRL #103 of nca_rsa's name (11-20) by the root's separate CRL signer
/// (certified by the root only) lists another serial.
///
/// Control: no junk: INVALID (#103's signer has no path under the bridge: refused,
/// skipped; #102's proven compromise decides), given, stamped, claimed.
/// Attack: the document carries 150 junk CA certificates of the ROOT's name: the search
/// for #103's signer's path under the bridge tries each junk "root" above the signer until
/// the build's own budget runs out: `Refused::cut_short`, `budget_refusal` answers, and
/// the walk BREAKS with "unknown" at #103, before #102 is read: INDETERMINATE ("path
/// building budget exhausted while proving the CRL's signer"), for all three times.
/// WRONG: src/revocation/status/walk.rs:306-318 (`ControlFlow::Break(CertStatus::Unknown)`
/// on a budget refusal; likewise walk.rs:268 and standing.rs:162 for a listing): the
/// refusal ends the whole walk, so a permanent revocation proven by an older CRL is never
/// read. 6d15e14 extended this from the meter to a build's own budget, which junk the
/// document carries reaches without touching the meter: before it, #103 was skipped and
/// #102 decided (INVALID). An undecided newer CRL can add a revocation or lift a hold,
/// never undo a permanent revocation, so the budget decides here.
/// Should be: on a budget refusal, mark the status (`budget_cut`), note the undecided CRL
/// and go on reading the remaining CRLs for their listings only (as rule 2 does for CRLs
/// whose reasons were proven): a proven permanent revocation (any reason but
/// certificateHold; at a claimed time a compromise whenever dated) decides Revoked;
/// otherwise answer the undecided unknown, never good.
///
/// Found by review 66 (was a defect). Fixed: a budget's refusal is a doubt (no "good"
/// stands, `Weighed::doubt`), and the walk goes on: an older CRL's proven revocation
/// decides.
#[test]
fn junk_masks_no_proven_revocation_behind_a_newer_crl() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x66);
    // nca_rsa's own CRL (#102, 11-10) lists the target for keyCompromise since 11-05.
    let revoking = ev::crl(
        102,
        "261110000000Z",
        "261210000000Z",
        &[("261105000000Z", ev::KEY_COMPROMISE)],
    );
    // A newer CRL of nca_rsa's name (#103, 11-20) by the root's separate signer, listing
    // another serial.
    let newer = listing_of(
        &signer,
        103,
        ("261120000000Z", "261220000000Z"),
        &[0x66, 0x99],
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [revoking, newer];
    let inters = [anchors::cross(&b, 0x66), anchors::nca(), signer_cert];
    let make = || builder(std::slice::from_ref(&bridge_cert), &inters, &crls).build();
    let junk = junk_cas(&bridge(), &ev::root().name(), 150, (0x66, 0x08));
    let mut wrong = Vec::new();
    for (label, e) in times() {
        let control = make().check_certificate_with(&ev::target(), &e, &[]);
        assert_eq!(
            control.overall(),
            Overall::Invalid,
            "control {label}: {}",
            describe(&control)
        );
        let v = make().check_certificate_with(&ev::target(), &e, &junk);
        if v.overall() != Overall::Invalid {
            wrong.push(format!("{label}: {}", describe(&v)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}
