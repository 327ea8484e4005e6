//! Review 61 (hostile, within the hour of the fix): 378c897 attacked (a complete CRL
//! refused for "everything" now ALWAYS has its listings read through `standing`, which
//! proves the signer for listings itself, `listing_signer`, under ANY trust anchor).
//!
//! Findings:
//! 1. (fixed) `a_same_named_ca_of_another_root_revokes_nothing_it_did_not_certify` (was
//!    `defect_a_same_named_ca_of_another_root_revokes_the_target_through_a_newer_crl`):
//!    false REVOKED (unjust refusal by a document's certificate). Another trusted root
//!    certifies a CA of nca_rsa's NAME with its own key; its CRL (newer than nca_rsa's)
//!    lists the target's serial. Only when the document carries that CA's (genuine, public)
//!    certificate, the walk reads the CRL's listing (`standing` → `listing_signer`, any
//!    anchor) and the target, of the root's nca_rsa, is REVOKED; valid without it, and valid
//!    before 378c897 (`listings_stand` false: no path under the target's anchor).
//! 2. (fixed) `a_refused_newest_crls_revocation_says_its_signer_is_proven_for_listings_only` (was
//!    `defect_a_refused_newest_crls_revocation_is_reported_as_older_than_a_crl_that_omits_it`):
//!    wrong evidence. The revocation read from the refused NEWEST complete CRL (the review 60
//!    case, rightly not valid) is reported as "older than a CRL that no longer lists it"
//!    (`standing`'s wording for the CRLs after a proof), which the CRL is not.
//!
//! Held:
//! - `held_a_forged_newer_crl_changes_nothing`: forged CRLs (nca_rsa's name, a key no
//!   trusted certificate carries) newer than the CA's or tied with it (same thisUpdate and
//!   number, either order), listing the target for keyCompromise or on hold: the verdict is
//!   the control's (valid), given, stamped and at a claimed time.
//! - `held_a_refused_newer_crl_lifts_no_hold`: a refused newer CRL (signer proven for
//!   listings only) that omits the target neither lifts the CA's hold nor becomes the
//!   newest word at a claimed time (`omitters` are proven by `crl_signer`).
//! - `held_a_refused_newer_crls_late_listing_drops_no_older_revocation`: a refused newer
//!   CRL listing a revocation after the time judged (or superseded after the claim) does
//!   not make the older CRL's revocation drop.
//! - `held_many_forged_crls_cost_the_documents_budget_never_valid_wrongly`: 40 forged CRLs
//!   newer than the CA's, the document carrying 8 forged certificates of nca_rsa's name
//!   that verify them: the listing-signer searches 378c897 adds (CRLs listing the target
//!   against CRLs omitting it) are charged to the document's meter (least document path
//!   steps 683 → 1363, signatures 50 → 50, cached); below the least budget the verdict is
//!   indeterminate, never invalid, and valid at it.

mod common;

use common::anchors::{
    self, describe, least_budget, listing, nca, nca_current, times, with_root_crl as builder,
};
use common::evidence as ev;
use common::forge::{self, CrlSpec};
use qoltanba::{Certificate, Judged as _, Overall};

/// A second root, "Review61 Bridge", self-signed with the key of `legal_sign`.
fn bridge() -> forge::Ca {
    anchors::bridge("Review61 Bridge", 0x61)
}

/// The bridge's cross-certificate of nca_rsa (same name and key).
fn cross(b: &forge::Ca) -> Certificate {
    anchors::cross(b, 0x61)
}

/// A separate CRL signer of nca_rsa's name issued by the root: it chains to the root only.
fn root_crl_signer() -> (Certificate, forge::Ca) {
    anchors::root_crl_signer(0x61)
}

// --- (b) unjust refusal: a document's certificate of another root's same-named CA --------

/// The root and the bridge root trusted (two hierarchies, as a verifier trusting more
/// than one national root does). The bridge certifies its own CA whose NAME is nca_rsa's
/// (a different key: `ocsp_responder`'s); that CA's complete CRL #101 (11-20, newer than
/// nca_rsa's #100) lists, for keyCompromise since 11-10, the serial of the target: in the
/// bridge CA's own numbering, one of ITS certificates. The target is nca_rsa's (the
/// root's), its path through nca_rsa; the verifier holds both CRLs under the one issuer
/// name (as fetching both hierarchies' distribution points does).
/// Control: without the bridge CA's certificate, VALID (no certificate verifies #101).
/// Attack: the document carries the bridge CA's certificate (genuine, public): the target
/// becomes REVOKED.
/// Was WRONG: src/revocation/status/walk.rs:329-335 (`complete_crl`: every refused complete
/// CRL is now read by `standing`, 378c897) → src/revocation/status/standing.rs:153-154
/// (`listing_signer`) → src/revocation/status/signer.rs:230-246 (`find_signer`,
/// `Reliance::Listings`: the candidate's path is built with `self.builder`, ANY trust
/// anchor): the bridge CA's certificate, of the CRL issuer's name and verifying #101, is
/// taken as the target's CRL signer although it chains to an anchor the target's path
/// does not, and its key is not the target's issuer's key. RFC 5280 §6.3.3 (f) requires
/// the CRL issuer's path to end at the target's own trust anchor precisely so that two
/// hierarchies' CAs of one name cannot speak for each other's serials. Before 378c897 this
/// newer CRL was refused with `listings_stand` false (no path under the target's anchor)
/// and not read: valid. (The same CRL OLDER than #100, #99, asserted too, was already read
/// since aab06be, `standing` from walk.rs:218; 378c897 extended the reach to the newest
/// CRL, so no ordering of the hierarchies' CRLs keeps the target valid any more.)
/// Should be: a listing signer whose path ends at another anchor than the target's is
/// accepted only when it carries the key of the target's issuer (a cross-certificate, as
/// review 59/60's bridge), or when the target's issuer's key is itself certified under
/// that anchor; otherwise refused for listings too (valid, as without the certificate).
/// Found by review 61 (was a defect). Fixed: a CRL signer proven only under another trust
/// anchor lists only certificates certified under that anchor too (`certified_under` in
/// `find_signer`, RFC 5280 §6.3.3 (f)'s reason): the second root never certified the
/// target's issuer's key.
#[test]
fn a_same_named_ca_of_another_root_revokes_nothing_it_did_not_certify() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let (foreign_cert, foreign) = ev::ca_made(&b, &[0x61, 0x02], None, "ocsp_responder", |_| {});
    let newer = listing(
        &foreign,
        101,
        "261120000000Z",
        "261220000000Z",
        "261110000000Z",
        ev::KEY_COMPROMISE,
    );
    let older = listing(
        &foreign,
        99,
        "261025000000Z",
        "261225000000Z",
        "261020000000Z",
        ev::KEY_COMPROMISE,
    );
    let target = ev::target();
    let mut found = Vec::new();
    for (what, theirs) in [("newer", newer), ("older", older)] {
        let v = builder(
            std::slice::from_ref(&bridge_cert),
            &[nca()],
            &[nca_current(), theirs],
        )
        .build();
        for (label, e) in [("given", ev::at_t()), ("stamped", ev::stamped())] {
            let without = v.check_certificate_with(&target, &e, &[]);
            assert!(
                without.is_valid(),
                "{what}, {label}, control: {}",
                describe(&without)
            );
            let with = v.check_certificate_with(&target, &e, std::slice::from_ref(&foreign_cert));
            if !with.is_valid() {
                found.push(format!("{what} CRL, {label}: {}", describe(&with)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "another root's CA of nca_rsa's name revokes the root's certificate through the document's certificate:\n{}",
        found.join("\n\n")
    );
}

/// The review 60 case (through the bridge's cross-certificate, a root-certified CRL signer
/// of nca_rsa's name signs CRL #101, 11-20, NEWER than nca_rsa's #100, 11-01, listing the
/// target for keyCompromise since 11-10): rightly not valid since 378c897, but the
/// revocation is reported as "CRL #101 ..., older than a CRL that no longer lists it": it
/// is the newest CRL, and no CRL that omits the target was proven before it.
/// Was WRONG: src/revocation/status/standing.rs:122-126 (`what`: every complete CRL read by
/// `standing` is described as older than a CRL that no longer lists it) since
/// src/revocation/status/walk.rs:333 now reads the refused newest complete CRL there too.
/// Should be: `standing` told why it is asked (after a proof; refused for everything,
/// proven for listings only), e.g. "a complete CRL whose signer is proven for its listings
/// only", and the evidence says so.
/// Found by review 61 (was a defect). Fixed: `standing` words a refused complete CRL's
/// revocation as "a CRL whose signer is proven for what it lists only".
#[test]
fn a_refused_newest_crls_revocation_says_its_signer_is_proven_for_listings_only() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let newer = listing(
        &signer,
        101,
        "261120000000Z",
        "261220000000Z",
        "261110000000Z",
        ev::KEY_COMPROMISE,
    );
    // nca_rsa's own certificate offered too (after the cross-certificate, so the path is
    // the bridge's): the root certifies the target's issuer, so the root's CRL signer may
    // list the target (review 61's first finding: only then).
    let v = builder(
        std::slice::from_ref(&bridge_cert),
        &[x, ev::cert("nca_rsa.cer"), signer_cert],
        &[nca_current(), newer],
    )
    .build()
    .check_certificate(&ev::target(), &ev::at_t());
    assert_eq!(v.overall(), Overall::Invalid, "{}", describe(&v));
    let (_, why) = ev::revocation(&v);
    assert!(
        !why.contains("older than a CRL that no longer lists it"),
        "the newest CRL's revocation is described as older than a CRL that omits it: {why}"
    );
}

// --- (a) false valid: forged and refused newer CRLs ---------------------------------------

/// Forged CRLs of nca_rsa's name (`ev::forger`: the key of `individual_sign`, which no
/// trusted CA certified for CRLs), newer than nca_rsa's #100 (#101, 11-20) or tied with it
/// (#100, 11-01: `tied`, judged in full at a claimed time), given before or after #100,
/// listing the target for keyCompromise or on hold: each is refused and its listing signer
/// unproven (`standing` logs it and returns nothing, no `newest_key` is set): the verdict
/// is the control's at every time source.
#[test]
fn held_a_forged_newer_crl_changes_nothing() {
    for (label, e) in times() {
        let control = builder(&[], &[nca()], &[nca_current()])
            .build()
            .check_certificate(&ev::target(), &e);
        assert!(
            control.is_valid(),
            "{label}, control: {}",
            describe(&control)
        );
        for (what, reason) in [("compromise", ev::KEY_COMPROMISE), ("hold", ev::HOLD)] {
            for (when, number, this) in [
                ("newer", 101, "261120000000Z"),
                ("tied", 100, "261101000000Z"),
            ] {
                let forged = listing(
                    &ev::forger(),
                    number,
                    this,
                    "261220000000Z",
                    "261020000000Z",
                    reason,
                );
                for (order, crls) in [
                    ("after", vec![nca_current(), forged.clone()]),
                    ("before", vec![forged.clone(), nca_current()]),
                ] {
                    let v = builder(&[], &[nca()], &crls)
                        .build()
                        .check_certificate(&ev::target(), &e);
                    assert_eq!(
                        v.overall(),
                        control.overall(),
                        "{label}, {what}, {when}, {order}: {}\ncontrol: {}",
                        describe(&v),
                        describe(&control)
                    );
                }
            }
        }
    }
}

/// Through the bridge (the cross-certificate), nca_rsa's own CRL lists the target on hold;
/// the root-certified CRL signer's complete CRL, NEWER, omits it (refused for everything
/// on this path, proven for listings only). Given, stamped: the hold of #10 (11-20, since
/// 11-19) stands. Claimed (11-10): nca_rsa's #9 (11-06..11-08, hold since 11-05) and the
/// refused omitter #12 (11-09): the omitter is not proven (`absorb` asks `crl_signer`), so
/// it cannot show the hold lifted; it is not the newest word either. Never valid, and as
/// without the refused CRL.
#[test]
fn held_a_refused_newer_crl_lifts_no_hold() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let target = ev::target();
    let nca_key = forge::Ca::nca_rsa();
    let cases = [
        (
            "given",
            ev::at_t(),
            ev::ca_hold(),
            signer.crl(&CrlSpec::complete(102, "261122000000Z", "261222000000Z")),
        ),
        (
            "stamped",
            ev::stamped(),
            ev::ca_hold(),
            signer.crl(&CrlSpec::complete(102, "261122000000Z", "261222000000Z")),
        ),
        (
            "claimed",
            ev::claim(),
            listing(
                &nca_key,
                9,
                "261106000000Z",
                "261108000000Z",
                "261105000000Z",
                ev::HOLD,
            ),
            signer.crl(&CrlSpec::complete(12, "261109000000Z", "261209000000Z")),
        ),
    ];
    for (label, e, hold, omitter) in cases {
        let without = builder(
            std::slice::from_ref(&bridge_cert),
            &[x.clone(), signer_cert.clone()],
            std::slice::from_ref(&hold),
        )
        .build()
        .check_certificate(&target, &e);
        let with = builder(
            std::slice::from_ref(&bridge_cert),
            &[x.clone(), signer_cert.clone()],
            &[hold, omitter],
        )
        .build()
        .check_certificate(&target, &e);
        assert!(!with.is_valid(), "{label}: {}", describe(&with));
        assert_eq!(
            with.overall(),
            without.overall(),
            "{label}: {}\nwithout: {}",
            describe(&with),
            describe(&without)
        );
    }
}

/// Through the bridge, nca_rsa's own older CRL #99 (10-25) lists the target for
/// keyCompromise since 10-20; the root-certified signer's refused NEWER CRL #101 (11-20)
/// lists it superseded since 11-25 (after the time judged, 11-23) or, at the claimed time
/// (11-10), superseded since 11-15 (after the claim, no compromise): `standing` returns
/// nothing for it, it sets no `newest_key`, and the older revocation stands.
#[test]
fn held_a_refused_newer_crls_late_listing_drops_no_older_revocation() {
    let b = bridge();
    let bridge_cert = Certificate::from_der(&b.cert).unwrap();
    let x = cross(&b);
    let (signer_cert, signer) = root_crl_signer();
    let target = ev::target();
    let older = listing(
        &forge::Ca::nca_rsa(),
        99,
        "261025000000Z",
        "261225000000Z",
        "261020000000Z",
        ev::KEY_COMPROMISE,
    );
    for (label, e, since) in [
        ("given", ev::at_t(), "261125000000Z"),
        ("stamped", ev::stamped(), "261125000000Z"),
        ("claimed", ev::claim(), "261115000000Z"),
    ] {
        let newer = listing(&signer, 101, "261120000000Z", "261220000000Z", since, 4);
        let v = builder(
            std::slice::from_ref(&bridge_cert),
            &[x.clone(), signer_cert.clone()],
            &[older.clone(), newer],
        )
        .build()
        .check_certificate(&target, &e);
        assert!(!v.is_valid(), "{label}: {}", describe(&v));
        assert_eq!(v.overall(), Overall::Invalid, "{label}: {}", describe(&v));
    }
}

// --- (c) cost: every refused CRL now asks for a listing signer ----------------------------

/// 40 forged CRLs of nca_rsa's name (the forger's key), newer than #100; the document
/// carries 8 forged CA certificates of nca_rsa's name (issued by a forged root, the key of
/// `individual_sign`, so each verifies every forged CRL and is tried, its path build
/// failing). When the forged CRLs list the target, `standing` asks a listing signer for
/// each (378c897); when they do not, it returns before (the cost before 378c897). At every
/// budget (document signatures, document path steps) the verdict is valid or indeterminate
/// (the budget refuses), never invalid; valid at some budget; and what the listings add is
/// charged to the document's meter (the least budget grows, the answer below it is
/// indeterminate).
#[test]
fn held_many_forged_crls_cost_the_documents_budget_never_valid_wrongly() {
    let fake_root = forge::Ca {
        cert: ev::cert("root.cer").der().to_vec(),
        key: ev::key("individual_auth.key.pem"),
    };
    let extra: Vec<Certificate> = (0..8u8)
        .map(|i| {
            ev::ca_made(
                &fake_root,
                &[0x61, 0x40, i],
                None,
                "individual_sign",
                |_| {},
            )
            .0
        })
        .collect();
    let forged = |lists: bool| -> Vec<Vec<u8>> {
        let mut crls = vec![nca_current()];
        crls.extend((0..40u8).map(|i| {
            let entries = if lists {
                vec![ev::entry_for(
                    &ev::serial(),
                    "261110000000Z",
                    ev::KEY_COMPROMISE,
                )]
            } else {
                vec![]
            };
            ev::forger()
                .crl(&CrlSpec::complete(1 + i, "261120000000Z", "261220000000Z").entries(entries))
        }));
        crls
    };
    type Setter = fn(&mut qoltanba::Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_signatures", |l, n| l.document_signatures = n),
        ("document_path_steps", |l, n| l.document_path_steps = n),
    ];
    let started = std::time::Instant::now();
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        let mut least_of = Vec::new();
        for (label, crls, extra) in [
            ("none", vec![nca_current()], &[][..]),
            ("omitting", forged(false), &extra[..]),
            ("listing", forged(true), &extra[..]),
        ] {
            let make = |l: qoltanba::Limits| builder(&[], &[nca()], &crls).limits(l).build();
            let (n, w) = least_budget(10_000, &make, set, extra);
            wrong.extend(w.into_iter().map(|w| format!("{budget}, {label}: {w}")));
            least_of.push(format!("{label} {n}"));
        }
        eprintln!("least {budget}: {}", least_of.join(", "));
    }
    eprintln!("took {:?}", started.elapsed());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
