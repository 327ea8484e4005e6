//! Review 72 (hostile, within the hour of the fix): 8a2e77b's search of the chains above a
//! trust anchor that is not a root (src/condition/revocation/anchor.rs: `Verifier::above`
//! judges one chain, `other_chains_above` the others when the first is neither "nothing
//! against" nor `settled`; `has_sibling`/`leaving_out` shared with `best_path` in
//! src/condition/alternatives.rs; `holds_on_every_path` reading a path of one certificate's
//! own revocation as `report.anchor_revoked`).
//!
//! Settings (helpers as review 71's; the bridge, M, A, M', N, N', M2, M2', A2 and the
//! verifier live in `common::anchors::BridgeMid`, shared with review 74): the root and
//! "Review72 Bridge" trusted; M ("Review72 Mid", a CA of the root, ocsp_responder's key), A
//! (M's certificate of nca_rsa's name and key, trusted: the target's path is [target, A])
//! and M' (the bridge's certificate of M's name and key); nca_rsa.cer nowhere (A has no
//! sibling). For two levels above the anchor: N ("Review72 Upper", a CA of the root,
//! sub_ca's key, no pathLen), N' (the bridge's certificate of N's name and key), M2
//! ("Review72 Mid2", N's CA, ocsp_responder's key), A2 (M2's certificate of nca_rsa's name
//! and key, trusted) and M2' (the bridge's certificate of M2's name and key).
//!
//! Findings (both fixed the same session; each test asserts the right verdict):
//! 1. (fixed) `a_real_certificate_of_a_lost_key_above_the_anchor_keeps_it_invalid` (was
//!    `defect_a_real_certificate_of_a_lost_key_above_the_anchor_makes_invalid_indeterminate`)
//!    (a relay adding a real certificate changes the verdict; a lost key dodged above the
//!    anchor where the path rule says it cannot be). A2 trusted, M2 offered, the root
//!    lists N for keyCompromise (by its CRL or by an OCSP response), N in the document:
//!    INVALID at every time ("CA Review72 Upper, issuer of trust anchor ..., is revoked").
//!    A relay adds N' (the bridge's certificate of the SAME, compromised key) before or
//!    after N: INDETERMINATE at every time. Likewise M's key (the anchor's issuer's) lost:
//!    M listed keyCompromise: INVALID (`settled`), but the same key's compromise proven of
//!    another certificate of it ("Review72 Other", a CA of the root with M's key) offered
//!    beside M: INDETERMINATE, where the anchor's OWN key lost through another certificate
//!    is INVALID (`with_key_lost`, anchor.rs:52). Cause: `above` asks each CA above the
//!    anchor with `ask` alone (src/condition/revocation/anchor.rs:114), never
//!    `with_key_lost` as the path loop does (src/condition/revocation.rs:112): a CA of a
//!    lost key reached through its other certificate (N') is only a doubt
//!    (`anchor_key_distrust`, anchor.rs:133), so the chain through N' ranks 1 and beats the
//!    chain through N (rank 0) in `other_chains_above` (anchor.rs:222). alternatives.rs's
//!    own rule ("this cannot dodge a lost key: a compromise proven of any certificate
//!    carrying a path certificate's key counts on every path through that key") does not
//!    hold above the anchor. Right: INVALID whether N' is there or not, in either order.
//!    Fix: apply `with_key_lost` to every CA above the anchor in `above` (a compromise of
//!    its key proven of any of its certificates is its revocation, for that reason: at
//!    j == 1 `settled`), a budget cutting that asking short a doubt, as on a path.
//! 2. (fixed) `a_chain_build_budget_cut_above_the_anchor_is_marked_exhausted` (was
//!    `defect_a_chain_build_budget_cut_above_the_anchor_is_not_marked_exhausted`) (a limit
//!    decides a verdict the verdict does not name: review 70's finding 2 again, above the
//!    anchor). A trusted, the root lists M superseded, 300 junk CA certificates of M's name
//!    in the document with M and M': M, junk, M': INDETERMINATE "...; the other chains above
//!    the trust anchor were not all tried (path building budget exhausted): one may hold";
//!    junk, M, M': INDETERMINATE "who issued the trust anchor is not known: path building
//!    budget exhausted"; in both the revocation check's `exhausted()` is None (no
//!    `Exhausted::PathBuild`, the JSON and the translations say "status unknown"). Cause:
//!    `Beyond::Exhausted` carries only a text (src/chain/mod.rs:486-489; anchor.rs:63-66
//!    for the first chain, :199-201 for the search), and the revocation check marks only
//!    what the document's meter says (src/condition/revocation.rs:94 and :165), not a
//!    build's own budget. Right: INDETERMINATE, marked `Exhausted::PathBuild` (any
//!    `exhausted()`), as the chain check and `best_path` mark it. Fix: let `Beyond::Exhausted`
//!    carry the kind as `PathFailure::exhausted` does, `AgainstAnchor` keep the first, and
//!    mark `exhausted_by(meter kind or that)`.
//!
//! Held (each `held_*` passes):
//! - `held_a_compromise_of_the_anchors_issuer_proven_of_its_sibling_is_invalid_in_any_order`:
//!   the bridge lists M' for keyCompromise, M and M' offered or in the document in either
//!   order: INVALID at every time (the chain through M has a doubt, `anchor_key_distrust`;
//!   the search reaches M' and its compromise at j == 1 is `settled`).
//! - `held_the_anchors_own_hold_decides_alike_in_every_order`: M's CRL lists A on hold
//!   (j == 0, asked of the same key on every chain): INVALID given and stamped,
//!   INDETERMINATE claimed, in all four orders.
//! - `held_a_ca_above_the_anchor_on_hold_is_routed_around_in_any_order`: the root lists M
//!   on hold, M' stands: VALID in all four orders (a hold is not a lost key).
//! - `held_nine_superseded_reissues_never_make_the_anchor_invalid_in_either_order` (was
//!   `held_nine_superseded_reissues_leave_the_anchor_indeterminate`): M and 9 re-issues of
//!   it by the root, all superseded, before M' in the document: never INVALID, the same
//!   verdict with M' first (since review 77 the search's own order decides whether M' is
//!   met within the cap: here VALID; it was INDETERMINATE, "more than 8 other chains");
//!   3 re-issues: VALID.
//! - `held_budgets_never_decide_above_the_anchor_in_either_order`: the root lists M
//!   superseded, M and M' in the document in either order, document budgets 0-39 (path
//!   steps, signatures): never INVALID, every INDETERMINATE names the limit.
//! - `held_a_lost_key_two_above_the_anchor_is_routed_around_only_through_another_key`:
//!   the root lists N superseded, N' offered: VALID in either order; N keyCompromise with
//!   M2' (the bridge certifying M2's key itself, not N's) offered: VALID in either order
//!   (the chain [A2, M2', bridge] does not carry N's key); N alone: INVALID.
//!
//! Read or tried, nothing found (no test): `settled` for j == 0 (the anchor's own status
//! is asked of the one issuer key; a listing's separate signer is accepted under any
//! anchor certifying the listed certificate, signer.rs:263-300, so no chain sees it
//! differently); `seen`/queue bookkeeping mirrors `best_path`'s. Observed, not a defect:
//! the verdict's CRL accounting reports every CRL the search consulted, so with M first
//! the root's CRL #21 (listing M, on the chain not chosen) is "used", with M' first it is
//! not; the statuses are the chosen chain's. A compromise of N proven only by an OCSP
//! response while only N' is held (not N) is VALID: nothing held links the response's
//! serial to N's key.

mod common;

use common::anchors::{self, describe};
use common::anchors::{judge, marked, root_lists, BridgeMid};
use common::evidence as ev;
use common::forge::{self, int};
use qoltanba::{Certificate, Judged as _, Limits, Overall};

const KEY_COMPROMISE: u8 = 1;
const SUPERSEDED: u8 = 4;
const HOLD: u8 = 6;

/// Review 72's settings (the bridge, M, A, M', the verifier): `common::anchors::BridgeMid`.
const S: BridgeMid = BridgeMid(0x72);

type Order = (&'static str, Vec<Certificate>, Vec<Certificate>);

/// M and M' offered by the verifier or in the document, in either order.
fn orders() -> Vec<Order> {
    let (m, mb) = (S.mid().0, S.mid_by_bridge());
    vec![
        ("offered M, M'", vec![m.clone(), mb.clone()], vec![]),
        ("offered M', M", vec![mb.clone(), m.clone()], vec![]),
        ("document M, M'", vec![], vec![m.clone(), mb.clone()]),
        ("document M', M", vec![], vec![mb, m]),
    ]
}

/// The verdicts with A trusted in each of [`orders`] at each of the three times that are
/// not `want(time)`.
fn wrong_in_any_order(crls: &[Vec<u8>], want: &dyn Fn(&str) -> Overall) -> Vec<String> {
    let mut wrong = Vec::new();
    for (label, inters, doc) in orders() {
        let v = S.verifier(&[S.by_mid()], &inters, crls, &[], Limits::default());
        for (when, e) in anchors::times() {
            let r = judge(&v, &e, &doc);
            if r.overall() != want(when) {
                wrong.push(format!("{label}, {when}: {}", describe(&r)));
            }
        }
    }
    wrong
}

/// Finding 1 (a real certificate a relay adds turns INVALID into INDETERMINATE; a lost key
/// dodged above the anchor).
///
/// A2 trusted, M2 offered, N (listed keyCompromise by the root's CRL, or by the root's
/// OCSP response) in the document: INVALID. N' (the bridge's certificate of N's name and
/// its SAME, compromised key) added before or after N: INDETERMINATE. And M's key lost
/// through "Review72 Other" (the root's certificate of M's key under another name,
/// listed keyCompromise) beside M: INDETERMINATE, where M listed itself is INVALID.
/// WRONG: anchor.rs:114 asks the CAs above the anchor without `with_key_lost` (the path
/// loop applies it, revocation.rs:112); N' is only a doubt (`anchor_key_distrust`,
/// anchor.rs:133) and its chain (rank 1) beats N's (rank 0) (anchor.rs:222).
/// Should be: INVALID in every case and order (a compromise proven of any certificate of a
/// key counts on every chain through it).
/// Found by review 72 (was a defect). Fixed: `Verifier::above` asks `with_key_lost` of every
/// CA above the anchor, as the path loop does: a compromise proven of another certificate
/// of its key is its revocation for that reason.
#[test]
fn a_real_certificate_of_a_lost_key_above_the_anchor_keeps_it_invalid() {
    let (n, nb) = (S.upper_cert(), S.upper_by_bridge());
    let by_crl = S.upper_crls(&[(n.serial(), "261101000000Z", KEY_COMPROMISE)]);
    let by_ocsp = ev::by_issuer(
        &ev::cert("root.cer"),
        "root.key.pem",
        n.serial(),
        &ev::revoked("20261101000000Z", Some(KEY_COMPROMISE)),
        "20261122000000Z",
        Some("20261226000000Z"),
    );
    let mut wrong = Vec::new();
    for (how, crls, responses) in [
        ("CRL", by_crl, vec![]),
        ("OCSP", S.upper_crls(&[]), vec![by_ocsp]),
    ] {
        let v = S.verifier(
            &[S.by_mid2()],
            &[S.mid2().0],
            &crls,
            &responses,
            Limits::default(),
        );
        for (label, doc) in [
            ("N", vec![n.clone()]),
            ("N, N'", vec![n.clone(), nb.clone()]),
            ("N', N", vec![nb.clone(), n.clone()]),
        ] {
            for (when, e) in anchors::times() {
                let r = judge(&v, &e, &doc);
                if r.overall() != Overall::Invalid {
                    wrong.push(format!("{how}, document {label}, {when}: {}", describe(&r)));
                }
            }
        }
    }
    let m = S.mid().0;
    let (other, _) = ev::ca_made(
        &ev::root(),
        &[0x72, 0x50],
        Some(ev::cn_name("Review72 Other")),
        "ocsp_responder",
        |_| {},
    );
    for (label, listed) in [("M", m.serial()), ("Other", other.serial())] {
        let crls = [
            S.bridge_lists(&[]),
            root_lists(&[(listed, "261101000000Z", KEY_COMPROMISE)]),
            S.mid_lists(&[]),
        ];
        let v = S.verifier(
            &[S.by_mid()],
            &[m.clone(), other.clone()],
            &crls,
            &[],
            Limits::default(),
        );
        for (when, e) in anchors::times() {
            let r = judge(&v, &e, &[]);
            if r.overall() != Overall::Invalid {
                wrong.push(format!("{label} listed, {when}: {}", describe(&r)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 2 (a build's own budget cuts the verdict short, unnamed). A trusted, the root
/// lists M superseded, 300 junk CAs of M's name in the document with M and M': "M, junk,
/// M'" (the search's build, anchor.rs:199) and "junk, M, M'" (the first build,
/// anchor.rs:63): INDETERMINATE with `exhausted()` None on every check.
/// WRONG: `Beyond::Exhausted` carries a text only (src/chain/mod.rs:486); the revocation
/// check marks only the meter's kind (src/condition/revocation.rs:165).
/// Should be: never INVALID, and INDETERMINATE names the limit (`Exhausted::PathBuild`).
/// Found by review 72 (was a defect). Fixed: `Beyond::Exhausted` carries the limit, kept in
/// `AgainstAnchor::exhausted` and marked on the revocation check when the document's meter
/// names none.
#[test]
fn a_chain_build_budget_cut_above_the_anchor_is_marked_exhausted() {
    let (m, mb) = (S.mid().0, S.mid_by_bridge());
    let crls = [
        S.bridge_lists(&[]),
        root_lists(&[(m.serial(), "261101000000Z", SUPERSEDED)]),
        S.mid_lists(&[]),
    ];
    let junk = anchors::junk_cas(
        &S.mid().1,
        &forge::Tbs::of(m.der()).subject,
        300,
        (0x72, 0x20),
    );
    let v = S.verifier(&[S.by_mid()], &[], &crls, &[], Limits::default());
    let mut wrong = Vec::new();
    for (label, doc) in [
        (
            "M, junk, M'",
            [vec![m.clone()], junk.clone(), vec![mb.clone()]].concat(),
        ),
        (
            "junk, M, M'",
            [junk.clone(), vec![m.clone(), mb.clone()]].concat(),
        ),
        (
            "M', junk, M",
            [vec![mb.clone()], junk, vec![m.clone()]].concat(),
        ),
    ] {
        let r = judge(&v, &ev::at_t(), &doc);
        match r.overall() {
            Overall::Invalid => wrong.push(format!("{label}: {}", describe(&r))),
            Overall::Indeterminate if !marked(&r) => {
                wrong.push(format!("{label}, unmarked: {}", describe(&r)))
            }
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The bridge lists M' for keyCompromise: INVALID in every order and at every time.
#[test]
fn held_a_compromise_of_the_anchors_issuer_proven_of_its_sibling_is_invalid_in_any_order() {
    let crls = [
        S.bridge_lists(&[(S.mid_by_bridge().serial(), "261101000000Z", KEY_COMPROMISE)]),
        root_lists(&[]),
        S.mid_lists(&[]),
    ];
    let wrong = wrong_in_any_order(&crls, &|_| Overall::Invalid);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// M's CRL lists A itself on hold: INVALID given and stamped, INDETERMINATE claimed, the
/// same in every order.
#[test]
fn held_the_anchors_own_hold_decides_alike_in_every_order() {
    let crls = [
        S.bridge_lists(&[]),
        root_lists(&[]),
        S.mid_lists(&[(S.by_mid().serial(), "261101000000Z", HOLD)]),
    ];
    let wrong = wrong_in_any_order(&crls, &|when| match when {
        "claimed" => Overall::Indeterminate,
        _ => Overall::Invalid,
    });
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The root lists M on hold, M' stands: VALID in every order.
#[test]
fn held_a_ca_above_the_anchor_on_hold_is_routed_around_in_any_order() {
    let crls = [
        S.bridge_lists(&[]),
        root_lists(&[(S.mid().0.serial(), "261101000000Z", HOLD)]),
        S.mid_lists(&[]),
    ];
    let wrong = wrong_in_any_order(&crls, &|_| Overall::Valid);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// M and 9 superseded re-issues of it before M': never INVALID, and the same verdict with
/// M' first (the other chains are searched in an order of their own since review 77: the
/// fingerprints decide whether M' is met within the cap of 8, not the order offered; with
/// these certificates it is: VALID; it was INDETERMINATE, "more than 8 other chains", in
/// this order and VALID with M' first); 3 re-issues: VALID.
#[test]
fn held_nine_superseded_reissues_never_make_the_anchor_invalid_in_either_order() {
    let (m, mb) = (S.mid().0, S.mid_by_bridge());
    let reissues: Vec<Certificate> = (0..9u8)
        .map(|i| {
            Certificate::from_der(&ev::root().reissue(m.der(), |t| {
                t.serial = int(&[0x72, 0x40 + i]);
            }))
            .unwrap()
        })
        .collect();
    let serials: Vec<Vec<u8>> = std::iter::once(&m)
        .chain(&reissues)
        .map(|c| c.serial().to_vec())
        .collect();
    let entries: Vec<(&[u8], &str, u8)> = serials
        .iter()
        .map(|s| (&s[..], "261101000000Z", SUPERSEDED))
        .collect();
    let crls = [S.bridge_lists(&[]), root_lists(&entries), S.mid_lists(&[])];
    let v = S.verifier(&[S.by_mid()], &[], &crls, &[], Limits::default());
    let nine = judge(
        &v,
        &ev::at_t(),
        &[vec![m.clone()], reissues.clone(), vec![mb.clone()]].concat(),
    );
    let first = judge(
        &v,
        &ev::at_t(),
        &[vec![mb.clone(), m.clone()], reissues.clone()].concat(),
    );
    assert_ne!(nine.overall(), Overall::Invalid, "{}", describe(&nine));
    assert_eq!(
        nine.overall(),
        first.overall(),
        "M' last: {}\nM' first: {}",
        describe(&nine),
        describe(&first)
    );
    let three = judge(
        &v,
        &ev::at_t(),
        &[vec![m], reissues[..3].to_vec(), vec![mb]].concat(),
    );
    assert!(three.is_valid(), "{}", describe(&three));
}

/// The root lists M superseded, M and M' in the document in either order, document budgets
/// 0-39: never INVALID, every INDETERMINATE names the limit.
#[test]
fn held_budgets_never_decide_above_the_anchor_in_either_order() {
    type Setter = fn(&mut Limits, usize);
    let setters: [(&str, Setter); 2] = [
        ("document_path_steps", |l, n| l.document_path_steps = n),
        ("document_signatures", |l, n| l.document_signatures = n),
    ];
    let (m, mb) = (S.mid().0, S.mid_by_bridge());
    let crls = [
        S.bridge_lists(&[]),
        root_lists(&[(m.serial(), "261101000000Z", SUPERSEDED)]),
        S.mid_lists(&[]),
    ];
    let mut wrong = Vec::new();
    for (budget, set) in setters {
        for n in 0..40 {
            let mut l = Limits::default();
            set(&mut l, n);
            let v = S.verifier(&[S.by_mid()], &[], &crls, &[], l);
            for doc in [vec![m.clone(), mb.clone()], vec![mb.clone(), m.clone()]] {
                let r = judge(&v, &ev::at_t(), &doc);
                match r.overall() {
                    Overall::Invalid => wrong.push(format!("{budget} {n}: {}", describe(&r))),
                    Overall::Indeterminate if !marked(&r) => {
                        wrong.push(format!("{budget} {n}, unmarked: {}", describe(&r)))
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Two levels above A2: N superseded with N' offered: VALID in either order; N
/// keyCompromise with M2' (the bridge certifying M2's key, not N's): VALID in either
/// order; N alone: INVALID.
#[test]
fn held_a_lost_key_two_above_the_anchor_is_routed_around_only_through_another_key() {
    let (n, nb, m2, m2b) = (
        S.upper_cert(),
        S.upper_by_bridge(),
        S.mid2().0,
        S.mid2_by_bridge(),
    );
    let mut wrong = Vec::new();
    for (label, reason, inters, want) in [
        (
            "superseded, N, N'",
            SUPERSEDED,
            vec![m2.clone(), n.clone(), nb.clone()],
            Overall::Valid,
        ),
        (
            "superseded, N', N",
            SUPERSEDED,
            vec![m2.clone(), nb.clone(), n.clone()],
            Overall::Valid,
        ),
        (
            "keyCompromise, M2, N, M2'",
            KEY_COMPROMISE,
            vec![m2.clone(), n.clone(), m2b.clone()],
            Overall::Valid,
        ),
        (
            "keyCompromise, M2', M2, N",
            KEY_COMPROMISE,
            vec![m2b.clone(), m2.clone(), n.clone()],
            Overall::Valid,
        ),
        (
            "keyCompromise, N alone",
            KEY_COMPROMISE,
            vec![m2.clone(), n.clone()],
            Overall::Invalid,
        ),
    ] {
        let crls = S.upper_crls(&[(n.serial(), "261101000000Z", reason)]);
        let v = S.verifier(&[S.by_mid2()], &inters, &crls, &[], Limits::default());
        for (when, e) in anchors::times() {
            let r = judge(&v, &e, &[]);
            if r.overall() != want {
                wrong.push(format!("{label}, {when}: {}", describe(&r)));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
