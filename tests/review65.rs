//! Review 65 (hostile, within the hour of the fix): 6d15e14 attacked (`Refused::cut_short`,
//! `StatusContext::budget_refusal`: a CRL signer refused because a path build's OWN budget
//! cut a search short leaves what its CRL lists undecided, as the document's meter's
//! exhaustion does; `issued` undecided when a budget cut its builds short).
//!
//! Findings: (filled in below)
//!
//! Held: (filled in below)

mod common;

use common::anchors::{self, describe, nca_current, with_root_crl as builder};
use common::evidence as ev;
use common::forge::{self, CrlSpec, Tbs};
use qoltanba::revocation::OcspResponse;
use qoltanba::{Certificate, Judged as _, Overall};

fn bridge() -> forge::Ca {
    anchors::bridge("Review65 Bridge", 0x65)
}

fn times() -> [(&'static str, qoltanba::Expectation); 3] {
    [
        ("given", ev::at_t()),
        ("stamped", ev::stamped()),
        ("claimed", ev::claim()),
    ]
}

/// A complete CRL of `by`'s name listing `serial` for `reason` since `since`.
fn listing(
    by: &forge::Ca,
    number: u8,
    (this, next): (&str, &str),
    serial: &[u8],
    since: &str,
    reason: u8,
) -> Vec<u8> {
    by.crl(
        &CrlSpec::complete(number, this, next).entries(vec![ev::entry_for(serial, since, reason)]),
    )
}

/// Review 63's `junk_cas`: `n` CA certificates of `name` (cA, keyCertSign, no pathLen),
/// each with a public key of its own, signed by a key nobody trusts. Anyone can make them;
/// none verifies anything.
fn junk_cas(name: &[u8], n: usize, tag: u8) -> Vec<Certificate> {
    let b = bridge();
    let forger = forge::Ca {
        cert: b.cert.clone(),
        key: ev::key("individual_auth.key.pem"),
    };
    let spki = Tbs::of(ev::cert("legal_sign.cer").der()).spki;
    assert_eq!(&spki[spki.len() - 5..], &[0x02, 0x03, 0x01, 0x00, 0x01]);
    (0..n)
        .map(|i| {
            let mut key = spki.clone();
            let at = key.len() - 8;
            key[at] ^= (i >> 8) as u8 ^ tag;
            key[at + 1] ^= (i & 0xff) as u8;
            let der = forger.reissue(&b.cert, |t| {
                t.serial = forge::int(&[0x65, tag, (i >> 8) as u8, i as u8]);
                t.subject = name.to_vec();
                t.spki = key;
            });
            Certificate::from_der(&der).unwrap()
        })
        .collect()
}

/// A "good" for the target by the test PKI's delegated responder (nocheck, issued by
/// nca_rsa), fresh at the time judged.
fn ocsp_good() -> OcspResponse {
    OcspResponse::from_der(&ev::ocsp(
        &ev::good(),
        "20261122160000Z",
        Some("20261130000000Z"),
    ))
    .unwrap()
}

// --- (a) an OCSP "good" settles what a budget left undecided -----------------------------

/// Review 63's first case (the target's path ends at the bridge, its cross-certificate of
/// nca_rsa offered first; the root also certifies nca_rsa; the root's separate CRL signer of
/// nca_rsa's name lists the target for keyCompromise in #101), with a fresh OCSP "good" of
/// the target by nca_rsa's delegated responder held too.
///
/// Control: no junk (or 60): not valid: the root signer's listing counts, a revocation no
/// "good" outweighs.
/// Attack: the document carries 150 junk CA certificates of the bridge's name: the search
/// for the anchors certifying the target is cut short by its build's own budget, the
/// listing is left undecided (6d15e14: unknown), and then the OCSP "good" settles the
/// unknown: VALID.
#[test]
fn defect_an_ocsp_good_settles_a_listing_a_builds_budget_left_undecided() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = anchors::root_crl_signer(0x65);
    let newer = listing(
        &signer,
        101,
        ("261120000000Z", "261220000000Z"),
        &ev::serial(),
        "261101000000Z",
        ev::KEY_COMPROMISE,
    );
    let crls = [nca_current(), newer];
    let inters = [anchors::cross(&b, 0x65), anchors::nca(), signer_cert];
    let junk = junk_cas(&b.name(), 150, 0x01);
    let make = || {
        builder(std::slice::from_ref(&bridge_cert), &inters, &crls)
            .ocsp(ocsp_good())
            .unwrap()
            .build()
    };
    let mut wrong = Vec::new();
    for (label, e) in times() {
        let control = make().check_certificate_with(&ev::target(), &e, &[]);
        assert!(
            !control.is_valid(),
            "control {label}: {}",
            describe(&control)
        );
        let few = make().check_certificate_with(&ev::target(), &e, &junk[..60]);
        assert!(!few.is_valid(), "60 junk, {label}: {}", describe(&few));
        let r = make().check_certificate_with(&ev::target(), &e, &junk);
        if r.is_valid() {
            wrong.push(format!("{label}: {}", describe(&r)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (b) a delegated responder whose revocation a budget left undecided -------------------

/// The target's path ends at the bridge (cross-certificate offered first); the root
/// certifies nca_rsa too (nca_rsa.cer offered). No CRL of nca_rsa's key is held: the
/// target's status rests on a fresh OCSP "good" of nca_rsa's delegated responder
/// (nocheck). A separate CRL signer of nca_rsa's name certified by the root (its own key)
/// lists the RESPONDER as revoked (superseded, not a compromise) since 2026-11-01 in #101.
///
/// Control: no junk (or 60): not valid: the responder is revoked at the time judged (the
/// root signer's listing counts for the bridge's path, `anchors_certifying` finding the
/// root certifying the responder): not an authorised responder, its "good" is dropped.
/// Attack: 150 junk CA certificates of the bridge's name cut `anchors_certifying(responder,
/// bridge)` short: the responder's status is unknown (6d15e14), and `ocsp_signer_distrust`
/// takes an unknown status of a nocheck responder as "no CRL covers it" unless a hold, a
/// doubt, or the METER's exhaustion says otherwise: its "good" is taken.
#[test]
fn defect_a_responder_revocation_a_builds_budget_left_undecided_is_ignored() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (signer_cert, signer) = ev::ca_made(
        &ev::root(),
        &[0x65, 0x02],
        None,
        "legal_employee_auth",
        |_| {},
    );
    let responder = ev::cert("ocsp_responder.cer");
    let newer = listing(
        &signer,
        101,
        ("261120000000Z", "261220000000Z"),
        responder.serial(),
        "261101000000Z",
        4,
    );
    let crls = [newer];
    let inters = [anchors::cross(&b, 0x65), anchors::nca(), signer_cert];
    let junk = junk_cas(&b.name(), 150, 0x02);
    let make = || {
        builder(std::slice::from_ref(&bridge_cert), &inters, &crls)
            .ocsp(ocsp_good())
            .unwrap()
            .build()
    };
    let mut wrong = Vec::new();
    for (label, e) in times() {
        let control = make().check_certificate_with(&ev::target(), &e, &[]);
        assert!(
            !control.is_valid(),
            "control {label}: {}",
            describe(&control)
        );
        let few = make().check_certificate_with(&ev::target(), &e, &junk[..60]);
        assert!(!few.is_valid(), "60 junk, {label}: {}", describe(&few));
        let r = make().check_certificate_with(&ev::target(), &e, &junk);
        if r.is_valid() {
            wrong.push(format!("{label}: {}", describe(&r)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    let _ = Overall::Valid;
}

// --- (c) a CA of the path whose revocation a budget left undecided: "not checked" --------

/// The target's path ends at the bridge B (B's cross-certificate of nca_rsa offered first;
/// nca_rsa's current CRL proves the target good). A third root T is trusted too, and the
/// verifier holds B's certificate (B's name and key) issued by T, then one issued by the
/// root. B's separate CRL signer (B's name, its own key) is certified by the root; its #101
/// lists B's cross-certificate of nca_rsa as revoked (superseded) since 2026-11-01.
///
/// Control: no junk (or 60): not valid: `anchors_certifying(cross, B)` finds T, then the
/// root; B's signer's path under the root proves the listing: the path's CA is revoked.
/// Attack: 150 junk CA certificates of T's name: the second search (T removed) goes up B's
/// T-issued certificate and tries every junk "T" above it until its build's budget runs
/// out, before B's root-issued certificate: the listing is undecided (6d15e14), and an
/// unknown CA status under the end-entity scope is "not checked" unless the METER ran out
/// or a hold was seen: VALID.
/// Case (c)'s material: anchors B and T; intermediates (B's cross-certificate of nca_rsa
/// first, nca_rsa.cer, B's certificates by T then by the root, B's separate CRL signer
/// certified by the root); nca_rsa's current CRL and B's signer's #101 listing the
/// cross-certificate (superseded) since 2026-11-01; and 150 junk CAs of T's name.
struct CaseC {
    anchors: Vec<Certificate>,
    inters: Vec<Certificate>,
    crls: Vec<Vec<u8>>,
    junk: Vec<Certificate>,
}

fn case_c() -> CaseC {
    let b = bridge();
    let t = anchors::bridge("Review65 Third", 0x66);
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let third_cert = Certificate::from_der(&t.cert).unwrap();
    let b_by_t = Certificate::from_der(&t.reissue(&b.cert, |tbs| {
        tbs.serial = forge::int(&[0x65, 0x31]);
    }))
    .unwrap();
    let b_by_root = Certificate::from_der(&ev::root().reissue(&b.cert, |tbs| {
        tbs.serial = forge::int(&[0x65, 0x32]);
    }))
    .unwrap();
    let (signer_cert, signer) = ev::ca_made(
        &ev::root(),
        &[0x65, 0x33],
        Some(b.name()),
        "legal_employee_auth",
        |_| {},
    );
    let cross = anchors::cross(&b, 0x65);
    let newer = listing(
        &signer,
        101,
        ("261120000000Z", "261220000000Z"),
        cross.serial(),
        "261101000000Z",
        4,
    );
    CaseC {
        anchors: vec![bridge_cert, third_cert],
        inters: vec![cross, anchors::nca(), b_by_t, b_by_root, signer_cert],
        crls: vec![nca_current(), newer],
        junk: junk_cas(&t.name(), 150, 0x03),
    }
}

/// Control, 60 junk, then 150 junk for each time source: the verdicts with 150 junk that
/// are VALID (control and 60 junk asserted not valid).
fn attack(make: &dyn Fn() -> qoltanba::Verifier, junk: &[Certificate]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (label, e) in times() {
        let control = make().check_certificate_with(&ev::target(), &e, &[]);
        assert!(
            !control.is_valid(),
            "control {label}: {}",
            describe(&control)
        );
        let few = make().check_certificate_with(&ev::target(), &e, &junk[..60]);
        assert!(!few.is_valid(), "60 junk, {label}: {}", describe(&few));
        let r = make().check_certificate_with(&ev::target(), &e, junk);
        if r.is_valid() {
            wrong.push(format!("{label}: {}", describe(&r)));
        }
    }
    wrong
}

#[test]
fn defect_a_cas_revocation_a_builds_budget_left_undecided_is_not_checked() {
    let c = case_c();
    let wrong = attack(&|| builder(&c.anchors, &c.inters, &c.crls).build(), &c.junk);
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

// --- (d) a trust anchor that is not a root, its revocation left undecided -----------------

/// Case (c) with B's cross-certificate of nca_rsa trusted itself (an anchor that is not a
/// root: the path beyond it, to B, is found, and what B's evidence says counts against it:
/// review 56). B's signer's #101 lists it as revoked (superseded).
///
/// Control: no junk (or 60): not valid (a trusted issuer's evidence: trusting it does not
/// outweigh its revocation).
/// Attack: 150 junk CAs of T's name cut `anchors_certifying(cross, B)` short: the anchor's
/// status is unknown (6d15e14), and `against_anchor` counts an unknown status only with a
/// hold seen or the METER exhausted: the anchor is trusted as given: VALID.
#[test]
fn defect_an_anchors_revocation_a_builds_budget_left_undecided_is_trusted_as_given() {
    let c = case_c();
    let mut anchors_ = c.anchors.clone();
    anchors_.push(c.inters[0].clone());
    let wrong = attack(&|| builder(&anchors_, &c.inters, &c.crls).build(), &c.junk);
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}
