//! Review 60 (hostile, within the hour of the fixes): aab06be attacked (review 59's fixes:
//! `anchor_key_distrust` asks OCSP of the anchor; a CRL signer proven for listings may chain
//! to any trust anchor; the roots decided at build, `SignatureCache::is_root`).
//!
//! Findings:
//! 1. (fixed) `a_newer_crl_signed_under_another_anchor_lists_as_an_older_one_does` (was
//!    `defect_a_newer_crl_signed_under_another_anchor_is_ignored_by_the_walk`): false VALID.
//!    A revocation listed by a complete CRL whose signer chains to another trusted root is
//!    dropped when that CRL is the newest (the walk reads a refused complete CRL's listings
//!    only when `listings_stand`, computed under the path's own anchor), yet counts when the
//!    same CRL is older than the one that proves "not revoked" (read by `standing`, through
//!    the widened `listing_signer`): an older CRL's revocation counts, a newer one's does not.
//! 2. (fixed after review 61) `an_indirect_crl_of_a_ca_another_root_certified_speaks_for_nothing_it_did_not_certify` (was
//!    `defect_an_indirect_crl_of_a_ca_another_root_certified_distrusts_a_ca_it_never_certified`):
//!    unjust refusal. An indirect CRL of a CA the bridge root certified (its certificate
//!    carried by the document), named by no distribution point, lists nca_rsa (a certificate
//!    of the root, not of the bridge) for keyCompromise: nca_rsa's key is distrusted and the
//!    signer Indeterminate; without the document's certificate, VALID. The widened listing
//!    proof lets any trusted hierarchy speak for certificates it never certified.
//!
//! Held:
//! - `held_a_complete_crl_signed_under_another_anchor_proves_nothing_good`: the boundary
//!   holds for "good": a CRL whose signer chains only to another anchor proves no "not
//!   revoked" on a path through the bridge (`crl_signer`, `Reliance::Everything`, still
//!   proves under `anchor_set`).
//! - `held_a_delta_signed_under_another_anchor_lists_against`: a delta CRL (its base signed
//!   by the path issuer's key) whose signer chains only to the other root still revokes.
//! - `held_a_documents_forged_listing_signer_changes_nothing`: a forged CA of the CRL
//!   issuer's name, self-made "bridge" above it, carried by the document: its CRL listing
//!   nothing of its own counts (no trusted anchor signs the forgery).
//! - `held_the_roots_survive_verifier_rebuilds`: `with_crls` and `with_ocsp_responses`
//!   rebuild through `VerifierBuilder::build`, so the roots are decided again; the verdict
//!   and the least budget are unchanged.

mod common;

use common::anchors::{self, describe, nca, nca_current, with_root_crl as builder};
use common::evidence as ev;
use common::forge::{self, int, CrlSpec, Tbs};
use qoltanba::revocation::Crl;
use qoltanba::{Certificate, Judged as _, Verifier};

/// A second root, "Review60 Bridge", self-signed with the key of `legal_sign`.
fn bridge() -> forge::Ca {
    anchors::bridge("Review60 Bridge", 0x60)
}

/// The bridge's cross-certificate of nca_rsa (same name and key).
fn cross(b: &forge::Ca) -> Certificate {
    anchors::cross(b, 0x60)
}

/// A separate CRL signer of nca_rsa's name issued by the root: it chains to the root only.
fn root_crl_signer() -> (Certificate, forge::Ca) {
    anchors::root_crl_signer(0x60)
}

/// A complete CRL of nca_rsa's name signed by `by`, listing the target for keyCompromise
/// since `since` (none when `since` is `None`).
fn target_crl(by: &forge::Ca, number: u8, this: &str, next: &str, since: Option<&str>) -> Vec<u8> {
    let entries = since
        .map(|d| vec![ev::entry_for(&ev::serial(), d, ev::KEY_COMPROMISE)])
        .unwrap_or_default();
    by.crl(&CrlSpec::complete(number, this, next).entries(entries))
}

// --- (a) a listing under another anchor, read by the walk --------------------------------

/// The root and a bridge root trusted; the signer's path goes through the bridge's
/// cross-certificate of nca_rsa (only the cross-certificate offered) or through nca_rsa
/// (control). nca_rsa's key signs CRL #100 (11-01, not listing the target). A separate
/// CRL signer of nca_rsa's name, certified by the root (so chaining to the root only), signs
/// a CRL listing the target for keyCompromise: newer than #100 (#101, 11-20, since 11-10),
/// or older (#99, 10-25, since 10-20).
/// Through the root: not valid either way. Through the bridge: the older CRL's revocation
/// counts (`standing` → `listing_signer`, any anchor, review 59), but the NEWER CRL's is
/// dropped and #100 proves the target "not revoked": VALID.
/// WRONG: src/revocation/status/walk.rs:302-335 (`complete_crl`: a refused complete CRL's
/// listings are read, `standing`, only `if why.listings_stand`) with
/// src/revocation/status/signer.rs:197-206 and :305-311 (`find_signer`,
/// `Reliance::Everything`: the signer's path is built under `anchor_set`, the path's own
/// anchor alone; a signer whose path ends at another trusted anchor is refused with
/// `listings_stand` false, as at :272 and :298, so the widened `listing_signer`,
/// signer.rs:243-258, is never asked for it). The verdict depends
/// on whether the listing CRL is newer or older than the CRL that proves "not revoked", and
/// on which path the intermediates give.
/// Should be: a complete CRL refused for "everything" is still read for its listings
/// (`standing`, which proves its signer for listings itself), or `listings_stand` is set
/// when `self.builder` (any anchor) proves the signer's path: not valid.
/// Found by review 60 (was a defect). Fixed: a refused complete CRL's listings are always
/// read through `standing`, which proves the signer for listings itself (under any trust
/// anchor), as an older CRL's are.
#[test]
fn a_newer_crl_signed_under_another_anchor_lists_as_an_older_one_does() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let target = ev::target();
    // Controls: nothing listed, valid through either path.
    for via in [nca(), x.clone()] {
        let v = builder(
            std::slice::from_ref(&bridge_cert),
            &[via, signer_cert.clone()],
            &[nca_current()],
        )
        .build();
        let control = v.check_certificate(&target, &ev::at_t());
        assert!(control.is_valid(), "control: {}", describe(&control));
    }
    let newer = target_crl(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        Some("261110000000Z"),
    );
    let older = target_crl(
        &signer,
        99,
        "261025000000Z",
        "261225000000Z",
        Some("261020000000Z"),
    );
    let mut found = Vec::new();
    for (what, crl) in [("newer", &newer), ("older", &older)] {
        for (path, via) in [("root", nca()), ("bridge", x.clone())] {
            for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
                let v = builder(
                    std::slice::from_ref(&bridge_cert),
                    &[via.clone(), nca(), signer_cert.clone()],
                    &[nca_current(), crl.clone()],
                )
                .build();
                let verdict = v.check_certificate(&target, &e);
                if verdict.is_valid() {
                    found.push(format!(
                        "the {what} CRL, through the {path}, {label}: {}",
                        describe(&verdict)
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a keyCompromise listing by a root-certified CRL signer is ignored:\n{}",
        found.join("\n\n")
    );
}

/// The boundary for "good": through the bridge, the root-certified CRL signer's complete
/// CRL (fresh, listing nothing) is the only CRL of nca_rsa's name: it proves no "not
/// revoked" (its signer does not chain to the path's anchor). Control: through the root,
/// it does (valid).
#[test]
fn held_a_complete_crl_signed_under_another_anchor_proves_nothing_good() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let target = ev::target();
    let clean = target_crl(&signer, 101, "261120000000Z", "261220000000Z", None);
    let v = builder(
        std::slice::from_ref(&bridge_cert),
        &[nca(), signer_cert.clone()],
        std::slice::from_ref(&clean),
    )
    .build();
    let control = v.check_certificate(&target, &ev::at_t());
    assert!(control.is_valid(), "control: {}", describe(&control));
    for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
        let v = builder(
            std::slice::from_ref(&bridge_cert),
            &[x.clone(), signer_cert.clone()],
            std::slice::from_ref(&clean),
        )
        .build();
        let verdict = v.check_certificate(&target, &e);
        assert!(
            !verdict.is_valid(),
            "{label}: a CRL signed under another anchor proves \"good\": {}",
            describe(&verdict)
        );
    }
}

/// A delta CRL over #100 signed by the root-certified CRL signer, listing the target for
/// keyCompromise since 11-10: through the bridge it is read alone (`delta_standings` →
/// `standing` → `listing_signer`, any anchor) and revokes.
#[test]
fn held_a_delta_signed_under_another_anchor_lists_against() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let target = ev::target();
    let delta =
        signer.crl(
            &CrlSpec::delta(101, 100, "261120000000Z", "261220000000Z").entries(vec![
                ev::entry_for(&ev::serial(), "261110000000Z", ev::KEY_COMPROMISE),
            ]),
        );
    for (path, via) in [("root", nca()), ("bridge", x.clone())] {
        for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
            let v = builder(
                std::slice::from_ref(&bridge_cert),
                &[via.clone(), nca(), signer_cert.clone()],
                &[nca_current(), delta.clone()],
            )
            .build();
            let verdict = v.check_certificate(&target, &e);
            assert!(
                !verdict.is_valid(),
                "through the {path}, {label}: {}",
                describe(&verdict)
            );
        }
    }
}

// --- (b) the document's certificates -----------------------------------------------------

/// An indirect CRL (issuingDistributionPoint indirectCRL) of "Review60 Foreign CA", a CA
/// the bridge certified (its certificate carried by the document only), listing nca_rsa
/// (certificateIssuer: the root's name) for keyCompromise since 11-05. No distribution
/// point of nca_rsa names that CA; the bridge never certified nca_rsa's key. The root and the
/// bridge trusted, nca_rsa offered, the signer's path through the root.
/// Without the document's certificate: VALID. With it: Indeterminate, nca_rsa's key
/// "may have been compromised" and its CRL #100 proves nothing. (The same CA certified by
/// the root itself is Indeterminate too, before and after aab06be: the root's own
/// hierarchy speaking for the root's certificates is the existing design; what is new is
/// any other trusted hierarchy, switched on by a certificate the document carries.)
/// Was WRONG: src/revocation/status/signer.rs:243-258 (`find_signer`, `Reliance::Listings`,
/// `self.builder.build_metered`: any anchor) reached from `distrust`
/// (src/revocation/status/key.rs:379, `listing_signer` over every indirect CRL of the store,
/// `that_may_list`, whatever its issuer): before aab06be, the foreign CA had to chain to
/// the path's anchor (the root's own hierarchy); now any trusted hierarchy, and a
/// certificate the document supplies decides whether its word counts, speaks against a
/// key it never certified. Review 59's rationale ("a trusted hierarchy's word against a key
/// it certified") does not cover this.
/// Should be: a listing signer proven only under another anchor counts only for a key that
/// hierarchy certified (the listed certificate verified by the CRL signer's key, i.e. its
/// issuer, or the CRL issuer named by the listed certificate's cRLIssuer): valid, as
/// without the document's certificate.
///
/// Found by review 60 (was a defect; first kept as a decision, then fixed after review 61):
/// a CRL signer proven only under another trust anchor lists only certificates certified
/// under that anchor too (`certified_under` in `find_signer`): the bridge never certified
/// nca_rsa, so its CA's indirect CRL says nothing of it.
#[test]
fn an_indirect_crl_of_a_ca_another_root_certified_speaks_for_nothing_it_did_not_certify() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (foreign_cert, foreign) = ev::ca_made(
        &b,
        &[0x60, 0x02],
        Some(ev::cn_name("Review60 Foreign CA")),
        "individual_auth",
        |_| {},
    );
    let idp = forge::ext(
        ev::OID_IDP,
        true,
        &forge::tlv(0x30, &forge::tlv(0x84, &[0xff])),
    );
    let root_name = Tbs::of(ev::cert("root.cer").der()).subject;
    let certificate_issuer = forge::ext(
        &[0x55, 0x1d, 0x1d],
        true,
        &forge::tlv(0x30, &forge::tlv(0xA4, &root_name)),
    );
    let entry = forge::crl_entry(
        nca().serial(),
        "261105000000Z",
        &[forge::reason(ev::KEY_COMPROMISE), certificate_issuer],
    );
    let mut spec = CrlSpec::complete(7, "261120000000Z", "261220000000Z").entries(vec![entry]);
    spec.extensions.push(idp);
    let indirect = foreign.crl(&spec);
    let target = ev::target();
    let v = builder(
        std::slice::from_ref(&bridge_cert),
        &[nca()],
        &[nca_current(), indirect],
    )
    .build();
    let mut found = Vec::new();
    for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
        let without = v.check_certificate_with(&target, &e, &[]);
        assert!(
            without.is_valid(),
            "{label}, control: {}",
            describe(&without)
        );
        let with = v.check_certificate_with(&target, &e, std::slice::from_ref(&foreign_cert));
        if !with.is_valid() {
            found.push(format!("{label}: {}", describe(&with)));
        }
    }
    assert!(
        found.is_empty(),
        "a CA of another root, named by no distribution point, refuses nca_rsa's key through the document's certificate:\n{}",
        found.join("\n\n")
    );
}

/// The document carries a forged "Review60 Bridge" (self-signed with the key of
/// `individual_auth`) and a forged CA of nca_rsa's name under it (key of `ocsp_responder`);
/// the verifier holds a CRL of that forged key listing the target for keyCompromise (as a
/// fetch of the document's distribution point might bring). Only the root is trusted: no
/// trusted anchor signed the forgery, so the listing is no CA's word: valid, as without.
#[test]
fn held_a_documents_forged_listing_signer_changes_nothing() {
    let name = ev::cn_name("Review60 Bridge");
    let fake_bridge = {
        let signer = forge::Ca {
            cert: ev::cert("root.cer").der().to_vec(),
            key: ev::key("individual_auth.key.pem"),
        };
        let der = signer.reissue(ev::cert("root.cer").der(), |t| {
            t.serial = int(&[0x60, 0x0e]);
            t.subject = name.clone();
            t.issuer = name.clone();
            t.spki = Tbs::of(ev::cert("individual_auth.cer").der()).spki;
        });
        forge::Ca {
            cert: der,
            key: ev::key("individual_auth.key.pem"),
        }
    };
    let (fake_ca_cert, fake_ca) =
        ev::ca_made(&fake_bridge, &[0x60, 0x0f], None, "ocsp_responder", |_| {});
    let fake_bridge_cert = Certificate::from_der(&fake_bridge.cert).unwrap();
    let listing = target_crl(
        &fake_ca,
        101,
        "261120000000Z",
        "261220000000Z",
        Some("261110000000Z"),
    );
    let v = builder(&[], &[nca()], &[nca_current(), listing]).build();
    let target = ev::target();
    for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
        let verdict = v.check_certificate_with(
            &target,
            &e,
            &[fake_bridge_cert.clone(), fake_ca_cert.clone()],
        );
        assert!(verdict.is_valid(), "{label}: {}", describe(&verdict));
    }
}

// --- (d) the roots decided at build ------------------------------------------------------

/// The fewest document signature checks that make the signer valid on `v`.
fn least_signatures(make: impl Fn(qoltanba::Limits) -> Verifier) -> usize {
    (0..=40)
        .find(|&n| {
            let mut l = qoltanba::Limits::default();
            l.document_signatures = n;
            make(l)
                .check_certificate(&ev::target(), &ev::at_t())
                .is_valid()
        })
        .expect("valid at some budget")
}

/// `with_crls` and `with_ocsp_responses` make new verifiers through
/// `VerifierBuilder::build`: the roots are decided again there, so a rebuilt verifier asks
/// no more of a document than the one it came from (the root, and nca_rsa pinned as well).
#[test]
fn held_the_roots_survive_verifier_rebuilds() {
    let fresh = |l: qoltanba::Limits| builder(&[nca()], &[], &[nca_current()]).limits(l).build();
    let via_crls = |l: qoltanba::Limits| {
        builder(&[nca()], &[], &[])
            .limits(l)
            .build()
            .with_crls([
                Crl::from_der(ev::root_crl(20, "261101000000Z", vec![])).unwrap(),
                Crl::from_der(nca_current()).unwrap(),
            ])
            .unwrap()
    };
    let via_ocsp = |l: qoltanba::Limits| fresh(l).with_ocsp_responses(std::iter::empty()).unwrap();
    let a = least_signatures(fresh);
    assert_eq!(least_signatures(via_crls), a);
    assert_eq!(least_signatures(via_ocsp), a);
}

// --- (c) cost: the listing signer's path over every anchor ---------------------------------

/// The older root-certified CRL (#99, listing the target for keyCompromise) held by the
/// verifier, the path through the bridge; the document carries 48 forged certificates of
/// nca_rsa's name with the CRL signer's own key (so each verifies the CRL and each is tried
/// for listings, `self.builder.build_metered` over every anchor and intermediate, issued by
/// a forged root of the root's name), then the genuine CRL signer last. Each try is charged
/// to the document's meter (`path_step`, the path build's own signatures): the verdict is
/// never valid (revoked, or unknown once the work runs out) and comes quickly.
#[test]
fn held_forged_listing_signers_cost_the_documents_budget_only() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let older = target_crl(
        &signer,
        99,
        "261025000000Z",
        "261225000000Z",
        Some("261020000000Z"),
    );
    let fake_root = forge::Ca {
        cert: ev::cert("root.cer").der().to_vec(),
        key: ev::key("individual_auth.key.pem"),
    };
    let mut extra: Vec<Certificate> = (0..48u8)
        .map(|i| ev::ca_made(&fake_root, &[0x60, 0x40, i], None, "ocsp_responder", |_| {}).0)
        .collect();
    extra.push(signer_cert);
    let v = builder(
        std::slice::from_ref(&bridge_cert),
        &[x.clone(), nca()],
        &[nca_current(), older],
    )
    .build();
    let target = ev::target();
    for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
        let started = std::time::Instant::now();
        let verdict = v.check_certificate_with(&target, &e, &extra);
        let took = started.elapsed();
        assert!(!verdict.is_valid(), "{label}: {}", describe(&verdict));
        assert!(
            took < std::time::Duration::from_secs(20),
            "{label}: {took:?}"
        );
        eprintln!("{label}: {:?} in {took:?}", verdict.overall());
    }
}
