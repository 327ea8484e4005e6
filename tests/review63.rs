//! Review 63 (hostile, within the hour of the fix): 5a1d60c and 78229c6 attacked
//! (`find_signer`, `Reliance::Listings`: a CRL signer under another trust anchor is sought
//! under every anchor `anchors_certifying` finds the listed certificate certified under,
//! whatever the validity periods, cached per listed certificate and own anchor).
//!
//! Findings:
//! 1. (fixed) `junk_above_the_cross_certificate_leaves_the_other_roots_listing_undecided` (was
//!    `defect_junk_certificates_above_the_cross_certificate_drop_the_other_roots_listing`):
//!    false VALID, switched on by the document: 150 junk CA certificates of the bridge's name
//!    (anyone can mint them) exhaust `anchors_certifying`'s OWN path-build budget
//!    (`Budget::default`, 100 signatures; not the document's meter) above the bridge's
//!    cross-certificate before the root's certificate of the target's issuer is reached: the
//!    search answers "certified under no other trust anchor", the meter is not exhausted, and
//!    the root CRL signer's keyCompromise listing is dropped (60 junk: not valid).
//! 2. (fixed) `junk_above_the_signers_other_certificate_leaves_the_listing_undecided` (was
//!    `defect_junk_above_the_signers_other_certificate_drops_the_listing`): the same through
//!    the signer's own path (review 62's X case): 450 junk CA certificates of the third
//!    root's name exhaust the builds of the signer's path (under the bridge, then under the
//!    anchors certifying the target) above X's third-root certificate: the listing is dropped,
//!    VALID.
//!    Both: a build's own budget running out is taken as a proof of absence, while only the
//!    meter's exhaustion keeps a refused listing undecided (walk.rs, standing.rs).
//!    Fixed: a refusal carries whether a budget cut a search short (`Refused::cut_short`,
//!    `anchors_certifying` answering whether it was complete), and such a refusal is
//!    undecided as the meter's is (`StatusContext::budget_refusal`); likewise a re-issue of
//!    a key whose path a budget cut short counts as a holder of it (`issued`, key.rs).
//!
//! Held:
//! - `held_the_other_roots_signer_proves_nothing_good`: a CRL of the root's separate signer
//!   not listing the target (the root certifying nca_rsa, validly or lapsed) proves nothing
//!   "good" for the bridge's path (indeterminate), also after `anchors_certifying` ran and
//!   cached for a listing of another serial: `ignore_validity` is used only to find the
//!   anchors, never for a path that proves anything.
//! - `held_a_meter_cut_anchor_search_never_drops_the_listing`: with 60 junk certificates
//!   (below the build's budget), every document budget (signatures, path steps, 0..240)
//!   gives a verdict that is never VALID: a search the meter cuts short leaves the listing
//!   undecided.

mod common;

use common::anchors::{
    self, describe, junk_cas, listing, nca_current, times, with_root_crl as builder,
};
use common::evidence as ev;
use common::forge::{self, CrlSpec};
use qoltanba::{Certificate, Judged as _, Overall};

fn bridge() -> forge::Ca {
    anchors::bridge("Review63 Bridge", 0x63)
}

// --- (a) the per-build budget of `anchors_certifying` --------------------------------------

/// Review 62's case (the target's path ends at the bridge, its cross-certificate offered
/// first; the root also certifies nca_rsa, nca_rsa.cer offered; the root's separate CRL
/// signer of nca_rsa's name lists the target for keyCompromise in #101).
///
/// Control: the document carries nothing: not valid (the root's word counts).
/// Attack: the document carries 150 junk CA certificates of the BRIDGE's name (distinct
/// keys, signed by nobody trusted). `anchors_certifying(target, bridge)` searches the
/// target's paths to the root with the bridge removed from the anchors: the first
/// candidate is the bridge's cross-certificate (the verifier's first), and above it every
/// junk "bridge" is tried (a signature check each: the bridge is no anchor of that search)
/// until the build's OWN budget (`PathOptions::at`: 100 signatures, `Budget::default`, not
/// the document's meter) runs out before nca_rsa.cer (the root's) is reached. The search
/// ends `Exhausted::PathBuild`, the set is empty, the root CRL signer is refused "certified
/// under no other trust anchor", and since the document's meter is NOT exhausted, walk.rs
/// and standing.rs drop the listing as if it were unproven: VALID.
/// WRONG: src/revocation/status/signer.rs:186 (`Err(f) => break f.exhausted.is_none()`)
/// and 312-318: an exhausted search (by the build's own budget, which the meter does not
/// see) is answered as "certified under no other anchor", a proof of absence; and
/// walk.rs:310 / standing.rs:162 only keep a refused listing undecided when the document's
/// METER is exhausted.
/// Should be: a search cut short by any budget (the build's own too) must refuse the
/// listing as undecided, not as unproven: carry the exhaustion in `Refused` (or exhaust
/// the meter) so the caller answers unknown (indeterminate), never drops the listing; or
/// build `anchors_certifying`'s paths with the verifier's limits charged only to the meter.
///
/// Found by review 63 (was a defect). Fixed: a budget cutting a search short leaves the
/// listing undecided (`Refused::cut_short`, `StatusContext::budget_refusal`).
#[test]
fn junk_above_the_cross_certificate_leaves_the_other_roots_listing_undecided() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x63);
    let newer = listing(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), newer];
    let inters = [anchors::cross(&b, 0x63), anchors::nca(), signer_cert];
    let junk = junk_cas(&bridge(), &b.name(), 150, (0x63, 0x01));
    let mut wrong = Vec::new();
    for (label, e) in times() {
        // A fresh verifier each time: its signature cache would remember the junk.
        let v = builder(std::slice::from_ref(&bridge_cert), &inters, &crls).build();
        let control = v.check_certificate_with(&ev::target(), &e, &[]);
        assert!(
            !control.is_valid(),
            "control {label}: {}",
            describe(&control)
        );
        // Fewer junk certificates than the build's 100 signatures: the root is found.
        let v = builder(std::slice::from_ref(&bridge_cert), &inters, &crls).build();
        let few = v.check_certificate_with(&ev::target(), &e, &junk[..60]);
        assert!(!few.is_valid(), "60 junk, {label}: {}", describe(&few));
        let v = builder(std::slice::from_ref(&bridge_cert), &inters, &crls).build();
        let r = v.check_certificate_with(&ev::target(), &e, &junk);
        if r.is_valid() {
            wrong.push(format!("{label}: {}", describe(&r)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (b) "good" is never taken from another hierarchy -------------------------------------

/// The target's path ends at the bridge (cross-certificate offered); the root certifies
/// nca_rsa too (valid, or lapsed: `ignore_validity` finds it either way), and the root's
/// separate CRL signer of nca_rsa's name signs a fresh CRL NOT listing the target. No CRL
/// of nca_rsa's key (the path's own hierarchy) is given. The root signer's CRL proves
/// nothing "good" (RFC 5280 §6.3.3 (f): the path's own anchor), whatever `anchors_certifying`
/// finds: the target is not valid (indeterminate), given, stamped, claimed; and it stays
/// so when a listing of ANOTHER serial by that signer makes `anchors_certifying` run (and
/// fill its cache) first. Since review 67's `best_path`: when the root's certificate of
/// nca_rsa is valid at the time judged, the target's other path (to the root) holds, on
/// which the root's signer is the path's own: VALID, as it should be; lapsed (on 11-15),
/// likewise at the claimed time (11-10), and otherwise the bridge's path alone remains:
/// indeterminate.
#[test]
fn held_the_other_roots_signer_proves_nothing_good() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x63);
    let empty = signer.crl(&CrlSpec::complete(101, "261120000000Z", "261220000000Z"));
    let other_serial = signer.crl(
        &CrlSpec::complete(102, "261121000000Z", "261221000000Z").entries(vec![ev::entry_for(
            &[0x63, 0x63, 0x63],
            "261101000000Z",
            ev::KEY_COMPROMISE,
        )]),
    );
    let lapsed = Certificate::from_der(&ev::root().reissue(anchors::nca().der(), |t| {
        t.serial = forge::int(&[0x63, 0x31]);
        t.validity("240101000000Z", "261115000000Z");
    }))
    .unwrap();
    let mut wrong = Vec::new();
    for (what, by_root) in [("valid", anchors::nca()), ("lapsed", lapsed)] {
        for crls in [
            vec![empty.clone()],
            vec![other_serial.clone(), empty.clone()],
        ] {
            let v = builder(
                std::slice::from_ref(&bridge_cert),
                &[
                    anchors::cross(&b, 0x63),
                    by_root.clone(),
                    signer_cert.clone(),
                ],
                &crls,
            )
            .build();
            for (label, e) in times() {
                let r = v.check_certificate(&ev::target(), &e);
                // The root's certificate of nca_rsa valid: the target has a path of its
                // own to the root, on which that signer is the path's own (review 67's
                // `best_path` finds it): VALID is right there.
                // Lapsed on 11-15: still valid at the claimed time (11-10).
                let through_root = what == "valid" || label == "claimed";
                if r.is_valid() != through_root || r.overall() == Overall::Invalid {
                    wrong.push(format!(
                        "{what}, {} CRLs, {label}: {}",
                        crls.len(),
                        describe(&r)
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (c) the document's meter cutting `anchors_certifying` short --------------------------

/// Finding 1's case with 60 junk certificates (below the build's own budget): the root's
/// listing counts. At every document budget (signatures, path steps) from 0 up, a fresh
/// verifier each time: never VALID (the meter refusing the search, or the signer's path
/// after a partial search, leaves the listing undecided: indeterminate).
#[test]
fn held_a_meter_cut_anchor_search_never_drops_the_listing() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x63);
    let newer = listing(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), newer];
    let inters = [anchors::cross(&b, 0x63), anchors::nca(), signer_cert];
    let junk = junk_cas(&bridge(), &b.name(), 60, (0x63, 0x02));
    type Setter = fn(&mut qoltanba::Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_signatures", |l, n| l.document_signatures = n),
        ("document_path_steps", |l, n| l.document_path_steps = n),
    ];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        for n in (0..=240).step_by(3) {
            let mut l = qoltanba::Limits::default();
            set(&mut l, n);
            let v = builder(std::slice::from_ref(&bridge_cert), &inters, &crls)
                .limits(l)
                .build();
            let r = v.check_certificate_with(&ev::target(), &ev::at_t(), &junk);
            if r.is_valid() {
                wrong.push(format!("{budget} {n}: {}", describe(&r)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (d) the signer's own path to another anchor, cut short by its build's budget --------

/// Review 62's X case: a CA "X" (the key of `legal_employee_auth`) certified by a third
/// trusted root (its certificate offered FIRST) and by the root; X's separate CRL signer of
/// nca_rsa's name lists the target for keyCompromise in #101. The target's path ends at the
/// bridge; the root certifies nca_rsa (nca_rsa.cer offered), so the signer's path to the
/// root makes the listing count (control: not valid).
/// Attack: the document carries 450 junk CA certificates of the THIRD root's name. The
/// signer's path is sought under the bridge (its own: none) and then under the anchors
/// certifying the target (`{root}`): both builds go up X's third-root certificate first and
/// try the junk above it until their own budgets (100 signatures each; the signature cache
/// makes each later build pay for new junk only: `crl_signer`'s build, then
/// `listing_signer`'s under the bridge, then under `{root}`: 300 junk and more) run out before X's root certificate is reached:
/// the signer is refused, the meter is not exhausted, the listing is dropped: VALID.
/// WRONG: src/revocation/status/signer.rs:319-332 (the signer's path under
/// `anchors_certifying`'s set, new in 5a1d60c; likewise the builds under the path's own
/// anchor, :308 for listings and :381 for `crl_signer`): an `Exhausted::PathBuild` refusal
/// is a plain refusal, with walk.rs:310 / standing.rs:162 (only the METER's exhaustion keeps a refused listing
/// undecided).
/// Should be: as finding 1: a signer refused because a build's own budget ran out leaves
/// the listing undecided (unknown), never dropped.
///
/// Found by review 63 (was a defect). Fixed as the first.
#[test]
fn junk_above_the_signers_other_certificate_leaves_the_listing_undecided() {
    let b = bridge();
    let t = anchors::bridge("Review63 Third", 0x64);
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let third_cert = Certificate::from_der(&t.cert).unwrap();
    let name = ev::cn_name("Review63 X");
    let (x_root, x) = ev::ca_made(
        &ev::root(),
        &[0x63, 0x21],
        Some(name.clone()),
        "legal_employee_auth",
        |_| {},
    );
    let (x_third, _) = ev::ca_made(&t, &[0x63, 0x22], Some(name), "legal_employee_auth", |_| {});
    let (signer_cert, signer) = ev::ca_made(&x, &[0x63, 0x23], None, "ocsp_responder", |_| {});
    let newer = listing(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), newer];
    let anchors_ = [bridge_cert, third_cert];
    let inters = [
        anchors::cross(&b, 0x63),
        anchors::nca(),
        signer_cert,
        x_third,
        x_root,
    ];
    let junk = junk_cas(&bridge(), &t.name(), 450, (0x63, 0x03));
    let mut wrong = Vec::new();
    for (label, e) in times() {
        let v = builder(&anchors_, &inters, &crls).build();
        let control = v.check_certificate_with(&ev::target(), &e, &[]);
        assert!(
            !control.is_valid(),
            "control {label}: {}",
            describe(&control)
        );
        let v = builder(&anchors_, &inters, &crls).build();
        let few = v.check_certificate_with(&ev::target(), &e, &junk[..60]);
        assert!(!few.is_valid(), "60 junk, {label}: {}", describe(&few));
        let v = builder(&anchors_, &inters, &crls).build();
        let r = v.check_certificate_with(&ev::target(), &e, &junk);
        if r.is_valid() {
            wrong.push(format!("{label}: {}", describe(&r)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}
