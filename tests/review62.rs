//! Review 62 (hostile, within the hour of the fix): 627a557 attacked (`find_signer`, a
//! CRL signer proven for listings under another trust anchor counts only when the listed
//! certificate is `certified_under` that anchor too).
//!
//! Findings:
//! 1. (fixed) `every_anchor_certifying_the_listed_certificate_is_tried_for_its_signer` (was
//!    `defect_the_first_path_of_the_signer_decides_its_listing`): false VALID, switched on by
//!    the document: only the FIRST path found for the signer to any anchor is asked whether the
//!    listed certificate is certified under its anchor; a document carrying a third root's
//!    (genuine) certificate of the signer's CA first drops the root's keyCompromise listing.
//! 2. (fixed) `a_lapsed_certification_under_the_signers_anchor_keeps_its_listing` (was
//!    `defect_an_expired_certification_under_the_signers_anchor_drops_its_listing`): false
//!    VALID: `certified_under` asks for a path valid AT THE TIME JUDGED, so the root's
//!    certification of the issuer's key expired before it (or, at a CLAIMED time the signer
//!    picks, not yet begun) drops the root CRL signer's keyCompromise listing.
//!
//! Held:
//! - `held_a_forged_cross_certificate_in_the_document_certifies_nothing`: a forged
//!   cross-certificate (the bridge's name, nca_rsa's key, another key's signature) carried by
//!   the document switches on no other hierarchy's listing (valid, given/stamped/claimed).
//! - `held_a_genuine_cross_certificate_in_the_document_counts_as_the_verifiers`: the genuine
//!   cross-certificate carried only by the document gives the verdict the verifier offering
//!   it gives (not valid): a trusted anchor's own signature, which the document cannot make.
//! - `held_certified_under_is_charged_to_the_documents_meter`: every path `certified_under`
//!   builds is charged to the document's meter (below the least budget indeterminate, never
//!   invalid); least document path steps for 1, 4, 8, 16 candidate signers × 10 CRLs: 73,
//!   343, 983, 3223 when found (quadratic: `certified_under` was asked again for every
//!   candidate and CRL); 45, 108, 192, 360 since the anchors certifying the listed
//!   certificate are found once per certificate judged (`anchors_certifying`, cached in
//!   the status context): linear.

mod common;

use common::anchors::{
    self, describe, least_budget, listing, nca_current, times, with_root_crl as builder,
};
use common::evidence as ev;
use common::forge;
use qoltanba::{Certificate, Judged as _};

fn bridge() -> forge::Ca {
    anchors::bridge("Review62 Bridge", 0x62)
}

/// A third self-signed root (the key of `legal_sign` too, another name).
fn third() -> forge::Ca {
    anchors::bridge("Review62 Third", 0x63)
}

/// nca_rsa (its name and key) certified by the root with another validity.
fn nca_by_root(serial: u8, from: &str, to: &str) -> Certificate {
    let root = ev::root();
    Certificate::from_der(&root.reissue(anchors::nca().der(), |t| {
        t.serial = forge::int(&[0x62, serial]);
        t.validity(from, to);
    }))
    .unwrap()
}

// --- (a) a document's certificates and the other hierarchy's listing ----------------------

/// Review 61's case: the bridge certifies its own CA of nca_rsa's NAME (another key); its
/// CRL #101 lists the target's serial. The document carries that CA's certificate and a
/// FORGED cross-certificate of nca_rsa's key in the bridge's name (signed by a key the
/// bridge does not hold): `certified_under` must check its signature, and the target stays
/// valid.
#[test]
fn held_a_forged_cross_certificate_in_the_document_certifies_nothing() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (foreign_cert, foreign) = ev::ca_made(&b, &[0x62, 0x02], None, "ocsp_responder", |_| {});
    let forger = forge::Ca {
        cert: b.cert.clone(),
        key: ev::key("individual_auth.key.pem"),
    };
    let forged_cross = Certificate::from_der(&forger.reissue(anchors::nca().der(), |t| {
        t.serial = forge::int(&[0x62, 0x0c]);
    }))
    .unwrap();
    let newer = listing(
        &foreign,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let v = builder(
        std::slice::from_ref(&bridge_cert),
        &[anchors::nca()],
        &[nca_current(), newer],
    )
    .build();
    let mut wrong = Vec::new();
    for (label, e) in times() {
        for doc in [
            vec![foreign_cert.clone(), forged_cross.clone()],
            vec![forged_cross.clone(), foreign_cert.clone()],
        ] {
            let r = v.check_certificate_with(&ev::target(), &e, &doc);
            if !r.is_valid() {
                wrong.push(format!("{label}: {}", describe(&r)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The same with the GENUINE cross-certificate carried by the document only: the bridge did
/// certify nca_rsa's key, so its CA of that name speaks for the target as it would were the
/// verifier to offer the cross-certificate (RFC 5280 §6.3.3 (f): a path of the target ends
/// at the bridge too). The document cannot create this; it can only show what a trusted
/// anchor signed. Same verdict as the verifier offering it: not valid.
#[test]
fn held_a_genuine_cross_certificate_in_the_document_counts_as_the_verifiers() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (foreign_cert, foreign) = ev::ca_made(&b, &[0x62, 0x02], None, "ocsp_responder", |_| {});
    let x = anchors::cross(&b, 0x62);
    let newer = listing(
        &foreign,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), newer];
    let by_doc = builder(std::slice::from_ref(&bridge_cert), &[anchors::nca()], &crls).build();
    let by_verifier = builder(
        std::slice::from_ref(&bridge_cert),
        &[anchors::nca(), x.clone()],
        &crls,
    )
    .build();
    for (label, e) in times() {
        let d =
            by_doc.check_certificate_with(&ev::target(), &e, &[foreign_cert.clone(), x.clone()]);
        let o = by_verifier.check_certificate_with(
            &ev::target(),
            &e,
            std::slice::from_ref(&foreign_cert),
        );
        assert_eq!(
            d.overall(),
            o.overall(),
            "{label}: {}\n{}",
            describe(&d),
            describe(&o)
        );
        assert!(!d.is_valid(), "{label}: {}", describe(&d));
    }
}

// --- (b) false VALID: a listing that should count refused -------------------------------

/// A CA "X" (the key of `legal_employee_auth`) certified by the root AND by a third trusted
/// root (same name, same key); X issues a separate CRL signer of nca_rsa's name (the key of
/// `ocsp_responder`), whose CRL #101 (newer than #100) lists the target for keyCompromise.
/// The target's path is the bridge's (its cross-certificate offered first); the root also
/// certifies nca_rsa (nca_rsa.cer offered), so the root's hierarchy speaks for the target
/// (review 61's second case: not valid).
struct XCase {
    anchors: [Certificate; 2],
    x_root: Certificate,
    x_third: Certificate,
    /// The cross-certificate, nca_rsa.cer and the signer, offered by the verifier.
    base: Vec<Certificate>,
    crls: Vec<Vec<u8>>,
}

fn x_case() -> XCase {
    let b = bridge();
    let t = third();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let third_cert = Certificate::from_der(&t.cert).unwrap();
    let name = ev::cn_name("Review62 X");
    let (x_root, x) = ev::ca_made(
        &ev::root(),
        &[0x62, 0x21],
        Some(name.clone()),
        "legal_employee_auth",
        |_| {},
    );
    let (x_third, _) = ev::ca_made(&t, &[0x62, 0x22], Some(name), "legal_employee_auth", |_| {});
    let (signer_cert, signer) = ev::ca_made(&x, &[0x62, 0x23], None, "ocsp_responder", |_| {});
    let newer = listing(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let base = vec![anchors::cross(&b, 0x62), anchors::nca(), signer_cert];
    XCase {
        anchors: [bridge_cert, third_cert],
        x_root,
        x_third,
        base,
        crls: vec![nca_current(), newer],
    }
}

/// Control: the verifier offers X's root certificate only: not valid.
/// Attack: X's third-root certificate offered FIRST, by the verifier or by the document (which
/// carries X's two genuine, public certificates in its own order): VALID.
/// WRONG: src/revocation/status/signer.rs:263-274 (`find_signer`, `Reliance::Listings`): the
/// signer's path under any anchor is built ONCE (`self.builder.build_metered`, line 266) and
/// only that path's anchor is asked `certified_under` (line 268); the signer's other path, to
/// the root under which the target's issuer IS certified, is never tried, so which path the
/// builder finds first (the document's order) decides whether the root's word counts:
/// exactly what review 59 ruled out.
/// Should be: the listing counts when the signer has a path to ANY trust anchor under which
/// the listed certificate is certified: e.g. build the signer's path with the anchor set
/// restricted to the anchors `a` (other than the path's own) for which
/// `certified_under(listed, a)` holds, or try each such anchor alone.
///
/// Found by review 62 (was a defect). Fixed: the signer's path is sought under every trust
/// anchor the listed certificate is certified under, all at once (`anchors_certifying`).
#[test]
fn every_anchor_certifying_the_listed_certificate_is_tried_for_its_signer() {
    let XCase {
        anchors: anchors_,
        x_root,
        x_third,
        base,
        crls,
    } = x_case();
    let mut wrong = Vec::new();
    let mut control = base.clone();
    control.push(x_root.clone());
    let v = builder(&anchors_, &control, &crls).build();
    for (label, e) in times() {
        let r = v.check_certificate(&ev::target(), &e);
        assert!(!r.is_valid(), "control, {label}: {}", describe(&r));
    }
    for order in 0..2 {
        let mut by_verifier = base.clone();
        if order == 0 {
            by_verifier.extend([x_third.clone(), x_root.clone()]);
        } else {
            by_verifier.extend([x_root.clone(), x_third.clone()]);
        }
        let v = builder(&anchors_, &by_verifier, &crls).build();
        for (label, e) in times() {
            let r = v.check_certificate(&ev::target(), &e);
            if r.is_valid() {
                wrong.push(format!("verifier order {order}, {label}: {}", describe(&r)));
            }
        }
    }
    // The document carrying the third root's (genuine, public) certificate of X, the
    // verifier offering the root's.
    let v = builder(&anchors_, &control, &crls).build();
    for (label, e) in times() {
        let r = v.check_certificate_with(&ev::target(), &e, std::slice::from_ref(&x_third));
        if r.is_valid() {
            wrong.push(format!(
                "document adds X (third), {label}: {}",
                describe(&r)
            ));
        }
    }
    // The document carrying both of X's certificates (the verifier neither), in its order.
    let v = builder(&anchors_, &base, &crls).build();
    for (label, e) in times() {
        let r = v.check_certificate_with(&ev::target(), &e, std::slice::from_ref(&x_root));
        assert!(!r.is_valid(), "document control, {label}: {}", describe(&r));
        for (order, doc) in [
            ("third first", [x_third.clone(), x_root.clone()]),
            ("root first", [x_root.clone(), x_third.clone()]),
        ] {
            let r = v.check_certificate_with(&ev::target(), &e, &doc);
            if r.is_valid() {
                wrong.push(format!(
                    "document carries X ({order}), {label}: {}",
                    describe(&r)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The root's certification of nca_rsa's key (same name, same key) expired on 11-15,
/// before the time judged (11-23); the bridge's cross-certificate is valid. The root's
/// separate CRL signer of nca_rsa's name lists the target (issued in January, while the
/// root certified its issuer) for keyCompromise since 11-01 in #101 (11-20). Likewise the
/// root's certification beginning 11-15, at a CLAIMED time 11-10 (the signer's choice).
/// Control: nca_rsa.cer (valid 2024-2034) offered instead: not valid.
/// Attack: VALID (given, stamped, claimed).
/// WRONG: src/revocation/status/signer.rs:138-149 (`certified_under`): the path from the listed
/// certificate to the other anchor is built with `PathOptions::at(self.at)`, so it asks
/// whether that hierarchy certifies the issuer's key AT THE TIME JUDGED, not whether it
/// certified it: a listing, which only counts against the certificate, is refused because
/// the certification lapsed, and at a claimed time the signer chooses a time outside it.
/// Should be: `certified_under` asks only whether the anchor's hierarchy certified the
/// listed certificate's issuer's key (signatures, names and CA constraints, whatever the
/// validity periods: nothing forged passes), or at the latest judged at the listed
/// certificate's issuance and never at a claimed time.
///
/// Found by review 62 (was a defect). Fixed: whether another hierarchy certified the listed
/// certificate is asked whatever the validity periods (`PathOptions::ignore_validity`):
/// signatures, names and CA constraints only.
#[test]
fn a_lapsed_certification_under_the_signers_anchor_keeps_its_listing() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x62);
    let newer = listing(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), newer];
    let mut wrong = Vec::new();
    for (what, nca_root, e) in [
        (
            "expired 11-15, given 11-23",
            nca_by_root(0x31, "240101000000Z", "261115000000Z"),
            ev::at_t(),
        ),
        (
            "expired 11-15, stamped 11-23",
            nca_by_root(0x31, "240101000000Z", "261115000000Z"),
            ev::stamped(),
        ),
        (
            "from 11-15, claimed 11-10",
            nca_by_root(0x32, "261115000000Z", "340101000000Z"),
            ev::claim(),
        ),
    ] {
        let control = builder(
            std::slice::from_ref(&bridge_cert),
            &[
                anchors::cross(&b, 0x62),
                anchors::nca(),
                signer_cert.clone(),
            ],
            &crls,
        )
        .build()
        .check_certificate(&ev::target(), &e);
        assert!(
            !control.is_valid(),
            "control {what}: {}",
            describe(&control)
        );
        let r = builder(
            std::slice::from_ref(&bridge_cert),
            &[anchors::cross(&b, 0x62), nca_root, signer_cert.clone()],
            &crls,
        )
        .build()
        .check_certificate(&ev::target(), &e);
        if r.is_valid() {
            wrong.push(format!("{what}: {}", describe(&r)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (c) cost: `certified_under` per candidate signer ------------------------------------

/// Review 61's first case multiplied: the document carries `n` certificates of the bridge's
/// CA of nca_rsa's name (its key, distinct serials: each verifies the bridge CA's CRLs and
/// chains to the bridge, so each is a candidate whose second path and `certified_under`
/// are built); 10 CRLs of that CA list the target. Every build is charged to the document's
/// meter: below the least budget the verdict is indeterminate, never invalid; the least
/// budget grows with the candidates (linearly), bounded by the document's limits.
#[test]
fn held_certified_under_is_charged_to_the_documents_meter() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (_, foreign) = ev::ca_made(&b, &[0x62, 0x02], None, "ocsp_responder", |_| {});
    let mut crls = vec![nca_current()];
    crls.extend((0..10u8).map(|i| {
        listing(
            &foreign,
            101 + i,
            "261120000000Z",
            "261220000000Z",
            "261101000000Z",
            ev::KEY_COMPROMISE,
        )
    }));
    let copies = |n: u8| -> Vec<Certificate> {
        (0..n)
            .map(|i| ev::ca_made(&b, &[0x62, 0x40, i], None, "ocsp_responder", |_| {}).0)
            .collect()
    };
    let make = |l: qoltanba::Limits| {
        builder(std::slice::from_ref(&bridge_cert), &[anchors::nca()], &crls)
            .limits(l)
            .build()
    };
    type Setter = fn(&mut qoltanba::Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_signatures", |l, n| l.document_signatures = n),
        ("document_path_steps", |l, n| l.document_path_steps = n),
    ];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        let mut seen = Vec::new();
        for n in [1u8, 4, 8, 16] {
            let (least_n, w) = least_budget(20_000, &make, set, &copies(n));
            wrong.extend(w.into_iter().map(|w| format!("{budget}, {n} copies: {w}")));
            seen.push(least_n);
        }
        eprintln!("least {budget} (1, 4, 8, 16 copies): {seen:?}");
        assert!(seen.windows(2).all(|w| w[1] >= w[0]), "{budget}: {seen:?}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
