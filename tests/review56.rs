//! Review 56 (hostile): the public API as a backend developer who links the crate uses it
//! (`src/lib.rs`'s re-exports, `tests/public-api.txt`, README.md, `examples/`), looking for
//! a "valid" verdict the library cannot prove. Method: the test PKI (`test-vectors/pki/`)
//! configured the ways the documentation shows (`trust_path` of "roots, or intermediates
//! as anchors", a folder of NCA certificates), judged at 2026-11-23T00:00:00Z.
//!
//! Findings:
//! 1. (fixed) `a_root_crl_revoking_an_issuing_ca_counts_when_the_ca_is_also_an_anchor` (was
//!    `defect_a_root_crl_revoking_an_issuing_ca_is_ignored_when_the_ca_is_also_an_anchor`):
//!    the root and the issuing CA both trusted (the README's "intermediates as anchors",
//!    or a trust folder holding the NCA's certificates), the root's CRL (signed by a trust
//!    anchor) revoking the issuing CA for cACompromise: VALID. With the root alone
//!    trusted the same verdict is INVALID (the CA is revoked, and its compromised key signs
//!    the CRL relied on). Trusting one more certificate hides a revocation the verifier
//!    holds proof of (src/chain/mod.rs:378/427: the path stops at the first anchor;
//!    src/condition/revocation.rs:72: "the anchor is trusted as given: never checked").
//! 2. (fixed) `a_revoked_signer_certificate_pinned_as_an_anchor_is_not_valid` (was
//!    `defect_a_revoked_signer_certificate_pinned_as_an_anchor_is_valid`): the signer's own
//!    certificate among the anchors (pinning it, or a trust folder holding it): VALID,
//!    revocation "passed: the certificate is itself a trust anchor", although the
//!    verifier's CRL of its issuer (whose signature the verifier proves) lists it revoked;
//!    without the pin the same call is INVALID (src/condition/revocation.rs:62-68,
//!    src/chain/mod.rs:378).
//! 3. (fixed) `a_cms_signed_under_a_revoked_ca_hands_out_no_content_when_the_ca_is_an_anchor`
//!    (was `defect_a_cms_signed_under_a_revoked_ca_hands_out_verified_content_when_the_ca_is_an_anchor`):
//!    finding 1 through `SignedData::verify` with the request's IIN: VALID, and the content
//!    is handed out as `Verified`.
//!
//! The fix (an anchor that is not a root is asked of the evidence held, through a path
//! from it to another anchor; only a proven revocation counts) attacked in turn: a pinned
//! signer's certificate whose issuing CA the root's CRL revokes is not valid
//! (`a_pinned_signer_under_a_revoked_ca_is_not_valid`); a CRL of an issuer that is not
//! trusted revokes no anchor (`held_a_crl_of_an_untrusted_root_does_not_revoke_an_anchor`).
//!
//! Held: the root trusted alone sees the CA revoked; a verifier without anchors or
//! without CRLs never says valid; an empty `Expectation` (no IIN/BIN) runs no identity
//! check and says so by its absence (no `iin_match` check is passed); a time claimed
//! (`TimeSource::Claimed`) or time-stamped (`TimeSource::TimeStamp`) after the time it is
//! checked at, on a certificate not yet valid when checked, is not valid; `verify_detached`
//! with content that differs from the encapsulated content is invalid and hands out no
//! content; a detached CMS verified without its content is not valid.

mod common;

use common::anchors::describe;
use common::evidence as ev;
use common::{pki, time};
use qoltanba::cms::{sign, SignRequest, SignedData, VerifyOptions};
use qoltanba::{
    Certificate, CheckName, Expectation, Iin, Judged as _, Outcome, Overall, TimeSource, Verifier,
};

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn at() -> Expectation {
    Expectation::at(time(ev::AT))
}

/// The test PKI as the README configures it: root trusted, the issuing CA offered, its CRL.
fn standard() -> Verifier {
    Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .build()
}

// --- 1. an anchor's revocation by another anchor's CRL -----------------------------------

/// The root alone trusted: the root's CRL revoking the issuing CA (cACompromise) makes
/// the signer invalid. The control of finding 1.
#[test]
fn held_the_root_trusted_alone_sees_the_issuing_ca_revoked() {
    let v = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("revoked_ca_root.crl"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(&cert("individual_sign.cer"), &at());
    assert_eq!(
        verdict.overall(),
        Overall::Invalid,
        "{}",
        describe(&verdict)
    );
    assert_eq!(
        verdict.check(CheckName::Revocation).map(|c| c.outcome()),
        Some(Outcome::Failed)
    );
}

/// Found by review 56 (was a defect). Fixed: an anchor that is not a root is asked of the
/// CRLs and OCSP responses held, through a path from it to another anchor
/// (`PathBuilder::build_beyond_anchor`, `Verifier::anchor_revoked`): a proven revocation
/// counts, an unknown status leaves it trusted as given.
/// Was WRONG: src/chain/mod.rs:378/427 (path building ends at the first anchor reached: the
/// issuing CA, also trusted) and src/condition/revocation.rs:72 ("The anchor is trusted as
/// given: never checked"). The verifier holds the root's CRL, signed by a trust anchor,
/// revoking the issuing CA for cACompromise since 2026-11-05; the signer's certificate is
/// judged "not revoked" by CRL #100, signed by that compromised CA key, and the verdict is
/// VALID. Trusting the root and its CA together (README: "roots, or intermediates as
/// anchors"; `trust_path("nca-roots/")` of the NCA's certificates) turns the invalid
/// verdict of the root alone into valid. Should be: not valid (an anchor that another
/// anchor's CRL, whose signature is proven, lists as revoked is no anchor, and its key
/// signs no CRL relied on).
#[test]
fn a_root_crl_revoking_an_issuing_ca_counts_when_the_ca_is_also_an_anchor() {
    let v = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .trust_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("revoked_ca_root.crl"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(&cert("individual_sign.cer"), &at());
    assert!(
        !verdict.is_valid(),
        "the issuing CA is revoked (cACompromise) on the root's CRL the verifier holds, yet: {}",
        describe(&verdict)
    );
}

/// Found by review 56 (was a defect). Fixed: an anchor that is not a root is asked of the
/// CRLs and OCSP responses held, through a path from it to another anchor
/// (`PathBuilder::build_beyond_anchor`, `Verifier::anchor_revoked`): a proven revocation
/// counts, an unknown status leaves it trusted as given.
/// The same through a CMS request: the content is handed out as `Verified` although the
/// CA that issued the signer's certificate is revoked for compromise.
#[test]
fn a_cms_signed_under_a_revoked_ca_hands_out_no_content_when_the_ca_is_an_anchor() {
    let who = common::who("individual_sign");
    let der = sign(
        b"request",
        &SignRequest::new(&who.cert, time("2026-11-22T09:00:00Z")),
        &who.key,
    )
    .unwrap();
    let cms = SignedData::from_input(&der).unwrap();
    let v = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .trust_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("revoked_ca_root.crl"))
        .unwrap()
        .build();
    let verdict = cms.verify(
        &v,
        &VerifyOptions::new(at().iin(Iin::parse("123456789011").unwrap())),
    );
    assert!(
        verdict.verified_content().is_none(),
        "content handed out as verified under a CA revoked for compromise: {}",
        describe(&verdict)
    );
}

// --- 2. the signer's certificate as an anchor ---------------------------------------------

/// Found by review 56 (was a defect). Fixed: an anchor that is not a root is asked of the
/// CRLs and OCSP responses held, through a path from it to another anchor
/// (`PathBuilder::build_beyond_anchor`, `Verifier::anchor_revoked`): a proven revocation
/// counts, an unknown status leaves it trusted as given.
/// Was WRONG: src/condition/revocation.rs:62-68 (a one-certificate path: revocation "passed:
/// the certificate is itself a trust anchor") after src/chain/mod.rs:378 (`anchors.contains
/// (ee)`: the path is the certificate alone). `revoked.cer` is listed on the issuing CA's
/// CRL the verifier holds and whose signature it proves (the control below: INVALID);
/// with the certificate also among the anchors (pinned, or in a trust folder) the verdict
/// is VALID. The regulations' condition is the signer's certificate's absence from the
/// revoked list: a pinned end-entity certificate is still an end-entity certificate.
/// Should be: not valid (an end-entity anchor's status is checked as any signer's: a CRL of
/// its issuer held and proven decides it, none leaves it unknown under the end-entity
/// scope).
#[test]
fn a_revoked_signer_certificate_pinned_as_an_anchor_is_not_valid() {
    let revoked = cert("revoked.cer");
    let control = standard().check_certificate(&revoked, &at());
    assert_eq!(
        control.overall(),
        Overall::Invalid,
        "{}",
        describe(&control)
    );
    let pinned = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .trust(revoked.clone())
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .build();
    let verdict = pinned.check_certificate(&revoked, &at());
    assert!(
        !verdict.is_valid(),
        "a certificate the verifier's CRL lists as revoked, valid once pinned: {}",
        describe(&verdict)
    );
}

// --- held ----------------------------------------------------------------------------------

/// No anchor: never valid (chain unknown).
#[test]
fn held_a_verifier_without_anchors_never_says_valid() {
    let v = Verifier::builder()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(&cert("individual_sign.cer"), &at());
    assert_eq!(
        verdict.overall(),
        Overall::Indeterminate,
        "{}",
        describe(&verdict)
    );
}

/// No CRL: never valid (revocation unknown).
#[test]
fn held_a_verifier_without_crls_never_says_valid() {
    let v = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(&cert("individual_sign.cer"), &at());
    assert_eq!(
        verdict.overall(),
        Overall::Indeterminate,
        "{}",
        describe(&verdict)
    );
}

/// An empty expectation runs no identity check: no passed `iin_match` a caller could
/// take for a matched identity.
#[test]
fn held_an_empty_expectation_passes_no_identity_check() {
    let verdict = standard().check_certificate(&cert("individual_sign.cer"), &at());
    assert!(verdict.is_valid(), "{}", describe(&verdict));
    assert!(verdict.check(CheckName::IinMatch).is_none());
    assert!(verdict.check(CheckName::BinMatch).is_none());
    let other = standard().check_certificate(
        &cert("individual_sign.cer"),
        &at().iin(Iin::parse("990101300123").unwrap()),
    );
    assert_eq!(other.overall(), Overall::Invalid);
}

/// A claimed or time-stamped time after the time it is checked at, on a certificate not
/// yet valid when checked: not valid.
#[test]
fn held_a_time_after_the_time_checked_is_not_valid() {
    let nyv = cert("not_yet_valid.cer");
    let later = nyv.not_before() + chrono::Duration::days(1);
    for source in [
        TimeSource::Claimed {
            checked_at: time(ev::AT),
        },
        TimeSource::TimeStamp {
            checked_at: time(ev::AT),
        },
    ] {
        let verdict =
            standard().check_certificate(&nyv, &Expectation::at(later).time_source(source));
        assert!(!verdict.is_valid(), "{source:?}: {}", describe(&verdict));
    }
}

/// An attached CMS verified with other detached content: invalid, no content handed out;
/// a detached CMS without content: not valid.
#[test]
fn held_content_given_twice_or_not_at_all() {
    let who = common::who("individual_sign");
    let req = SignRequest::new(&who.cert, time("2026-11-22T09:00:00Z"));
    let attached = SignedData::from_input(&sign(b"signed", &req, &who.key).unwrap()).unwrap();
    let opts = VerifyOptions::at(time(ev::AT));
    let v = standard();
    assert!(attached.verify(&v, &opts).is_valid());
    let twice = attached.verify_detached(b"other", &v, &opts);
    assert_eq!(twice.overall(), Overall::Invalid, "{}", describe(&twice));
    assert!(twice.verified_content().is_none());
    let detached =
        SignedData::from_input(&sign(b"signed", &req.detached(true), &who.key).unwrap()).unwrap();
    let none = detached.verify(&v, &opts);
    assert!(!none.is_valid(), "{}", describe(&none));
    assert!(none.verified_content().is_none());
    let with = detached.verify_detached(b"signed", &v, &opts);
    assert!(with.is_valid(), "{}", describe(&with));
    assert_eq!(
        with.verified_content().map(|c| c.as_bytes().to_vec()),
        Some(b"signed".to_vec())
    );
}

// --- the fix of findings 1-3, attacked -----------------------------------------------------

/// The signer's certificate pinned, its issuing CA revoked for compromise by the root's
/// CRL (the root trusted): the pinned certificate's issuer is proven revoked, so not valid
/// (the path beyond the anchor is asked at every level, as a path is).
#[test]
fn a_pinned_signer_under_a_revoked_ca_is_not_valid() {
    let signer = cert("individual_sign.cer");
    let v = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .trust(signer.clone())
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("revoked_ca_root.crl"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(&signer, &at());
    assert_eq!(
        verdict.overall(),
        Overall::Invalid,
        "{}",
        describe(&verdict)
    );
    // Without the root's CRL the pin stands: nothing proves a revocation.
    let without = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .trust(signer.clone())
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .build();
    let verdict = without.check_certificate(&signer, &at());
    assert!(verdict.is_valid(), "{}", describe(&verdict));
}

/// The issuing CA trusted, the root only offered (not trusted) with its CRL revoking the
/// CA: the CRL's signer is not proven, so it revokes nothing; the CA stays an anchor
/// trusted as given (a CRL anyone can make does not decide an anchor either way).
#[test]
fn held_a_crl_of_an_untrusted_root_does_not_revoke_an_anchor() {
    let v = Verifier::builder()
        .trust_path(pki("nca_rsa.cer"))
        .unwrap()
        .intermediate_path(pki("root.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("revoked_ca_root.crl"))
        .unwrap()
        .build();
    let verdict = v.check_certificate(&cert("individual_sign.cer"), &at());
    assert!(verdict.is_valid(), "{}", describe(&verdict));
}
