//! Signature profiles of e-service regulations, end to end on the project's PKI
//! (`test-vectors/pki/`, judged at 2026-11-23T00:00:00Z): every embedded profile accepts a
//! valid request and refuses, in its own wording, a wrong identity and a revoked signer;
//! IIN-or-BIN profiles accept a legal entity's BIN request; a centre's operator certifies
//! alone, except Akmola's unemployment certificate (the centre's employee, then the
//! applicant); the Akmola validity-and-authenticity profiles
//! still require a provable revocation status; a profile with no EDS step is "not
//! applicable".

mod common;

use chrono::{DateTime, Utc};
use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::identity::{Bin, Iin};
use qoltanba::keys::SigningKey;
use qoltanba::profiles::{
    check_request, IdentityRule, NotApplicable, Profile, RegulationCheck, RequestIdentity,
    RequestTime, RequestVerdict, SignatureRole, SignerRole,
};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall, Verifier};

const REQUEST: &[u8] = "Өтініш / Заявление: прошу выдать справку\n".as_bytes();

// ---------------------------------------------------------------------------------------
// Fixtures

use common::pki;

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn signing_time() -> DateTime<Utc> {
    common::time("2026-11-22T09:30:00Z")
}

/// A PKCS#8 PEM test key (RSA, signs PKCS#1 v1.5 SHA-256 through ring).
fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&std::fs::read(pki(name)).unwrap(), None).unwrap()
}

/// root.cer trusted, nca_rsa.cer offered, the current CRL.
fn verifier() -> Verifier {
    common::rsa_verifier()
}

/// The same trust, but no CRL: the revocation status of every signer is unknown.
fn verifier_without_crl() -> Verifier {
    Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .build()
}

/// Sign `content` with `<who>.cer` / `<who>.key.pem`.
fn signed_by(who: &str, content: &[u8], detached: bool) -> SignedData {
    let c = cert(&format!("{who}.cer"));
    let req = SignRequest::new(&c, signing_time()).detached(detached);
    let der = sign(content, &req, &key(&format!("{who}.key.pem"))).unwrap();
    SignedData::from_input(&der).unwrap()
}

/// Add `<who>`'s signature to `signed` (attached).
fn countersigned(signed: &SignedData, who: &str) -> SignedData {
    let c = cert(&format!("{who}.cer"));
    let req = SignRequest::new(&c, signing_time());
    let der = signed
        .add_signer(None, &req, &key(&format!("{who}.key.pem")))
        .unwrap();
    SignedData::from_input(&der).unwrap()
}

/// IIN of `individual_sign`, `legal_sign`, `revoked`, `expired` (NCA-style test number).
fn applicant_iin() -> Iin {
    Iin::parse("123456789011").unwrap()
}

/// BIN of `legal_sign`.
fn applicant_bin() -> Bin {
    Bin::parse("123456789021").unwrap()
}

/// IIN of `individual_sign_valid_iin`: someone else.
fn other_iin() -> Iin {
    Iin::parse("900101300007").unwrap()
}

/// A service centre's operator: an employee (role 1.2.398.3.3.4.1.2.5) of the centre
/// (test-vectors/pki/roles/, made by generate_supplements.py; BINs in roles/bins.txt).
const OPERATOR: &str = "roles/centre_operator";
/// The provider's employee.
const EMPLOYEE: &str = "roles/provider_employee";

fn centre_bin() -> Bin {
    Bin::parse("160440000075").unwrap()
}

fn provider_bin() -> Bin {
    Bin::parse("020240000041").unwrap()
}

/// The request identity a valid applicant request names under `profile`.
fn applicant_request(profile: &Profile) -> RequestIdentity {
    match profile.identity {
        IdentityRule::None => RequestIdentity::unnamed(),
        _ => RequestIdentity::individual(applicant_iin()),
    }
}

fn run(
    profile: &Profile,
    signed: &SignedData,
    request: &RequestIdentity,
    verifier: &Verifier,
) -> RequestVerdict {
    check_request(profile, signed, None, request, verifier, at())
        .unwrap_or_else(|e| panic!("{}: {e}", profile.id))
}

fn eds_profiles() -> impl Iterator<Item = &'static Profile> {
    Profile::all().iter().filter(|p| p.requires_eds())
}

fn outcome(v: &RequestVerdict, name: CheckName) -> Option<Outcome> {
    v.check(name).map(|c| c.outcome())
}

fn assert_refused_with(v: &RequestVerdict, profile: &Profile, failed: CheckName) {
    assert_eq!(v.overall(), Overall::Invalid, "{}: {v:#?}", profile.id);
    assert!(v.verified_content().is_none(), "{}", profile.id);
    let r = v.refusal().expect("a refusal");
    assert!(
        r.failed().contains(&failed),
        "{}: {:?}",
        profile.id,
        r.failed()
    );
    assert!(r.kk().starts_with(&profile.refusal.kk), "{}", r.kk());
    assert!(r.ru().starts_with(&profile.refusal.ru), "{}", r.ru());
    assert!(r.en().starts_with(&profile.refusal.en), "{}", r.en());
    let (kk, ru, en) = failed.describe();
    assert!(r.kk().contains(kk), "{}", r.kk());
    assert!(r.ru().contains(ru), "{}", r.ru());
    assert!(r.en().contains(en), "{}", r.en());
}

// ---------------------------------------------------------------------------------------
// Every profile

#[test]
fn every_profile_accepts_a_valid_request() {
    let verifier = verifier();
    let signed = signed_by("individual_sign", REQUEST, false);
    let mut n = 0;
    for profile in eds_profiles() {
        let v = run(profile, &signed, &applicant_request(profile), &verifier);
        assert_eq!(v.overall(), Overall::Valid, "{}: {v:#?}", profile.id);
        assert!(v.refusal().is_none());
        assert_eq!(v.profile_id(), profile.id);
        assert_eq!(v.verified_content().unwrap().as_bytes(), REQUEST);
        assert_eq!(v.signers().len(), 1);
        assert_eq!(v.signers()[0].role(), Some(SignatureRole::Applicant));
        assert!(v.not_required().is_empty());
        for name in [
            CheckName::Content,
            CheckName::Signers,
            CheckName::Validity,
            CheckName::Chain,
            CheckName::Revocation,
            CheckName::KeyUsage,
            CheckName::Signature,
            CheckName::MessageDigest,
        ] {
            assert_eq!(
                outcome(&v, name),
                Some(Outcome::Passed),
                "{}",
                name.as_str()
            );
        }
        match profile.identity {
            IdentityRule::None => {
                assert_eq!(outcome(&v, CheckName::IinMatch), None);
                assert!(v.not_stated().contains(&RegulationCheck::Identity));
            }
            _ => assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Passed)),
        }
        n += 1;
    }
    assert_eq!(n, 12);
}

#[test]
fn every_profile_refuses_a_wrong_iin_in_its_wording() {
    let verifier = verifier();
    let signed = signed_by("individual_sign", REQUEST, false);
    for profile in eds_profiles() {
        let v = run(
            profile,
            &signed,
            &RequestIdentity::individual(other_iin()),
            &verifier,
        );
        if profile.identity == IdentityRule::None {
            // The regulation states no identity match, but the caller named an IIN: it is
            // compared, never passed unchecked (review 102).
            assert!(v
                .notes()
                .iter()
                .any(|n| n.starts_with("identity: not stated")));
        }
        assert_refused_with(&v, profile, CheckName::IinMatch);
        assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Failed));
        let reason = &v.check(CheckName::IinMatch).unwrap().reason();
        assert!(reason.contains("900101300007") && reason.contains("123456789011"));
        assert_eq!(v.refusal().unwrap().failed(), [CheckName::IinMatch]);
    }
}

#[test]
fn every_profile_refuses_a_revoked_signer() {
    let verifier = verifier();
    let signed = signed_by("revoked", REQUEST, false);
    for profile in eds_profiles() {
        let v = run(profile, &signed, &applicant_request(profile), &verifier);
        assert_refused_with(&v, profile, CheckName::Revocation);
        assert_eq!(v.refusal().unwrap().failed(), [CheckName::Revocation]);
    }
}

/// A time the request names is a claim: `revoked.cer` (keyCompromise on 2026-06-01) at a
/// claimed 2026-05-01 is refused (a revoked key can back-date a request); the same instant
/// as the caller's own time is before the revocation (review 33).
#[test]
fn a_claimed_time_is_judged_as_a_claim() {
    let verifier = verifier();
    let signed = signed_by("revoked", REQUEST, false);
    let before = common::time("2026-05-01T00:00:00Z");
    for profile in eds_profiles() {
        let request = applicant_request(profile);
        let given = check_request(profile, &signed, None, &request, &verifier, before).unwrap();
        assert_eq!(given.overall(), Overall::Valid, "{}", profile.id);
        let claimed = RequestTime::claimed(before, at());
        let v = check_request(profile, &signed, None, &request, &verifier, claimed).unwrap();
        assert_refused_with(&v, profile, CheckName::Revocation);
    }
}

#[test]
fn every_profile_refuses_an_expired_or_authentication_key() {
    let verifier = verifier();
    for (who, failed) in [
        ("expired", CheckName::Validity),
        ("individual_auth", CheckName::KeyUsage),
    ] {
        let signed = signed_by(who, REQUEST, false);
        for profile in eds_profiles() {
            let v = run(profile, &signed, &applicant_request(profile), &verifier);
            assert_refused_with(&v, profile, failed);
        }
    }
}

#[test]
fn targeted_social_assistance_has_no_eds_step() {
    let profile = Profile::by_id("akmola-targeted-social-assistance").unwrap();
    assert!(!profile.requires_eds());
    let signed = signed_by("individual_sign", REQUEST, false);
    let err = check_request(
        profile,
        &signed,
        None,
        &RequestIdentity::individual(applicant_iin()),
        &verifier(),
        at(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        NotApplicable {
            profile_id: "akmola-targeted-social-assistance".into()
        }
    );
    assert!(err.to_string().contains("no EDS step"));
}

// ---------------------------------------------------------------------------------------
// Identity rules

#[test]
fn iin_or_bin_profiles_accept_a_legal_entity_bin_request() {
    let verifier = verifier();
    let signed = signed_by("legal_sign", REQUEST, false);
    let ids: Vec<&str> = eds_profiles()
        .filter(|p| p.identity == IdentityRule::IinOrBin)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "vko-archive-certificate",
            "astana-archive-certificate",
            "mangystau-foreign-media-registration"
        ]
    );
    for id in ids {
        let profile = Profile::by_id(id).unwrap();
        let v = run(
            profile,
            &signed,
            &RequestIdentity::legal_entity(applicant_bin()),
            &verifier,
        );
        assert_eq!(v.overall(), Overall::Valid, "{id}: {v:#?}");
        assert_eq!(outcome(&v, CheckName::BinMatch), Some(Outcome::Passed));
        // A BIN request does not constrain the employee's IIN.
        assert_eq!(outcome(&v, CheckName::IinMatch), None);

        // Another organisation's BIN.
        let v = run(
            profile,
            &signed,
            &RequestIdentity::legal_entity(Bin::parse("050540000016").unwrap()),
            &verifier,
        );
        assert_refused_with(&v, profile, CheckName::BinMatch);

        // An individual's certificate carries no BIN.
        let v = run(
            profile,
            &signed_by("individual_sign", REQUEST, false),
            &RequestIdentity::legal_entity(applicant_bin()),
            &verifier,
        );
        assert_refused_with(&v, profile, CheckName::BinMatch);
        assert!(v
            .check(CheckName::BinMatch)
            .unwrap()
            .reason()
            .contains("has no BIN"));

        // Both named: both must match.
        let both = RequestIdentity {
            iin: Some(other_iin()),
            bin: Some(applicant_bin()),
            ..RequestIdentity::unnamed()
        };
        let v = run(profile, &signed, &both, &verifier);
        assert_refused_with(&v, profile, CheckName::IinMatch);

        // Neither named.
        let v = run(profile, &signed, &RequestIdentity::unnamed(), &verifier);
        assert_refused_with(&v, profile, CheckName::IinMatch);
        assert!(v
            .check(CheckName::IinMatch)
            .unwrap()
            .reason()
            .contains("neither an IIN nor a BIN"));
    }
}

#[test]
fn iin_only_profiles_want_an_iin_and_no_bin() {
    let verifier = verifier();
    let signed = signed_by("legal_sign", REQUEST, false);
    let profile = Profile::by_id("kokpekti-housing-queue").unwrap();
    let v = run(
        profile,
        &signed,
        &RequestIdentity::legal_entity(applicant_bin()),
        &verifier,
    );
    assert_eq!(v.overall(), Overall::Invalid);
    let failed = &v.refusal().unwrap().failed();
    assert!(failed.contains(&CheckName::IinMatch) && failed.contains(&CheckName::BinMatch));
    let v = run(profile, &signed, &RequestIdentity::unnamed(), &verifier);
    assert_refused_with(&v, profile, CheckName::IinMatch);
}

// ---------------------------------------------------------------------------------------
// Who signs

/// A profile whose service-centre channel carries the operator's signature, then the
/// applicant's, under the IIN-or-BIN match: no decree at hand words a profile so (Akmola's
/// two-signature channel states no identity match), but the format allows it, and the
/// request condition must hold for it.
fn centre_then_applicant() -> Profile {
    let text = r#"
schema = 2
[defaults.officials]
roles = ["employee"]
[[profile]]
id = "centre-then-applicant"
title_kk = "k"
title_ru = "r"
title_en = "e"
region = "test"
decree = "test"
provider = "test"
information_system = "test"
signing_subdivision = "test"
eds_required = true
channels.applicant_portal = ["applicant"]
channels.service_center_operator = ["service_center_operator", "applicant"]
identity = "iin_or_bin"
checks = ["validity", "revocation", "identity", "authenticity"]
refusal = { kk = "ЭЦҚ расталмады", ru = "ЭЦП не подтверждена", en = "EDS not confirmed" }
"#;
    Profile::parse_toml(text).unwrap().remove(0)
}

#[test]
fn two_signature_centre_channels_need_a_proven_operator_and_the_applicant() {
    let verifier = verifier();
    let by_operator = signed_by(OPERATOR, REQUEST, false);
    let both = countersigned(&by_operator, "individual_sign");
    let applicant_only = signed_by("individual_sign", REQUEST, false);
    let applicant_twice = countersigned(&applicant_only, "individual_sign");
    let at_centre = RequestIdentity::individual(applicant_iin())
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre_bin());

    let profile = &centre_then_applicant();
    // The operator's signature, then the applicant's: accepted.
    let v = run(profile, &both, &at_centre, &verifier);
    assert_eq!(v.overall(), Overall::Valid, "{}: {v:#?}", profile.id);
    assert_eq!(v.signers().len(), 2);
    let mut roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    roles.sort_by_key(|r| *r != Some(SignatureRole::Applicant));
    assert_eq!(
        roles,
        [
            Some(SignatureRole::Applicant),
            Some(SignatureRole::ServiceCenterOperator)
        ]
    );
    assert!(v.signers().iter().all(|s| s.is_valid()));
    assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Passed));
    assert_eq!(outcome(&v, CheckName::SignerRole), Some(Outcome::Passed));
    assert_eq!(v.verified_content().unwrap().as_bytes(), REQUEST);

    // A legal entity applying at a service centre.
    let legal = countersigned(&by_operator, "legal_sign");
    let req = RequestIdentity::legal_entity(applicant_bin())
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre_bin());
    let v = run(profile, &legal, &req, &verifier);
    assert_eq!(v.overall(), Overall::Valid, "{}: {v:#?}", profile.id);

    // The operator alone: the applicant's signature is missing.
    let v = run(profile, &by_operator, &at_centre, &verifier);
    assert_refused_with(&v, profile, CheckName::Signers);
    assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Failed));

    // The applicant alone, or twice: the operator's signature is missing.
    for signed in [&applicant_only, &applicant_twice] {
        let v = run(profile, signed, &at_centre, &verifier);
        assert_refused_with(&v, profile, CheckName::Signers);
        assert!(v
            .check(CheckName::Signers)
            .unwrap()
            .reason()
            .contains("no signature proves the service-centre operator"));
    }

    // Issue 9: any valid second signer counted as the operator. A stranger (an
    // individual), another organisation's employee, and the centre's operator when the
    // caller did not say which organisation is the centre: none is proven.
    for (second, refusal) in [
        ("individual_sign_valid_iin", Some(CheckName::SignerRole)),
        ("roles/other_employee", Some(CheckName::SignerRole)),
        ("legal_sign_valid_bin", Some(CheckName::SignerRole)),
    ] {
        let signed = countersigned(&signed_by(second, REQUEST, false), "individual_sign");
        let v = run(profile, &signed, &at_centre, &verifier);
        if let Some(check) = refusal {
            assert_refused_with(&v, profile, check);
            assert_refused_with(&v, profile, CheckName::Signers);
        }
    }
    let no_bin = RequestIdentity::individual(applicant_iin())
        .certified_by(SignerRole::ServiceCenterOperator);
    let v = run(profile, &both, &no_bin, &verifier);
    assert_eq!(
        v.overall(),
        Overall::Indeterminate,
        "{}: {v:#?}",
        profile.id
    );
    assert!(v
        .check(CheckName::SignerRole)
        .unwrap()
        .reason()
        .contains("BIN was not given"));

    // Operator and applicant, but the request names someone else.
    let wrong = RequestIdentity::individual(other_iin())
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre_bin());
    let v = run(profile, &both, &wrong, &verifier);
    assert_refused_with(&v, profile, CheckName::IinMatch);

    // A revoked second signer spoils the request.
    let revoked_second = countersigned(&signed_by("revoked", REQUEST, false), "legal_sign");
    let req = RequestIdentity::legal_entity(applicant_bin())
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre_bin());
    let v = run(profile, &revoked_second, &req, &verifier);
    assert_refused_with(&v, profile, CheckName::Revocation);

    // The same two signatures presented as a portal request: every portal signer is
    // the applicant, and the operator is not.
    let v = run(
        profile,
        &both,
        &RequestIdentity::individual(applicant_iin()),
        &verifier,
    );
    assert_refused_with(&v, profile, CheckName::IinMatch);
}

/// Akmola's unemployment certificate at a service centre: the centre's employee signs
/// first, then the applicant (regulation item 20); the regulation states no identity
/// match, so the applicant's signature is the one that is not an official's.
#[test]
fn akmola_unemployment_at_a_centre_takes_the_employee_then_the_applicant() {
    let verifier = verifier();
    let two: Vec<&str> = eds_profiles()
        .filter(|p| {
            p.signatures_for(SignerRole::ServiceCenterOperator)
                .is_some_and(|s| s.len() == 2)
        })
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(two, ["akmola-unemployment-certificate"]);
    let profile = Profile::by_id("akmola-unemployment-certificate").unwrap();
    assert_eq!(
        profile.signatures_for(SignerRole::ServiceCenterOperator),
        Some(
            &[
                SignatureRole::ServiceCenterOperator,
                SignatureRole::Applicant
            ][..]
        )
    );
    let by_operator = signed_by(OPERATOR, REQUEST, false);
    let both = countersigned(&by_operator, "individual_sign");
    let at_centre = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre_bin());
    let v = run(profile, &both, &at_centre, &verifier);
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    let mut roles: Vec<Option<SignatureRole>> = v.signers().iter().map(|s| s.role()).collect();
    roles.sort_by_key(|r| *r != Some(SignatureRole::Applicant));
    assert_eq!(
        roles,
        [
            Some(SignatureRole::Applicant),
            Some(SignatureRole::ServiceCenterOperator)
        ]
    );
    assert_eq!(outcome(&v, CheckName::IinMatch), None);
    assert!(v
        .notes()
        .iter()
        .any(|n| n.contains("the applicant's signature is the one that is not an official's")));

    // The employee alone, or the applicant alone: a signature is missing.
    for signed in [&by_operator, &signed_by("individual_sign", REQUEST, false)] {
        let v = run(profile, signed, &at_centre, &verifier);
        assert_refused_with(&v, profile, CheckName::Signers);
    }
    // Someone else's employee in the centre's place.
    let stranger = countersigned(
        &signed_by("roles/other_employee", REQUEST, false),
        "individual_sign",
    );
    let v = run(profile, &stranger, &at_centre, &verifier);
    assert_refused_with(&v, profile, CheckName::SignerRole);
    // The centre's BIN not given: the employee is not proven.
    let no_bin = RequestIdentity::unnamed().certified_by(SignerRole::ServiceCenterOperator);
    let v = run(profile, &both, &no_bin, &verifier);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
}

/// Everywhere else a centre's operator certifies the request alone, with his own EDS
/// (the decrees' centre step lists): the operator is proven by role and the centre's BIN,
/// the request still names the applicant's identity, and a signature the channel does not
/// carry (the applicant's beside the operator's) refuses the request.
#[test]
fn an_operator_alone_certifies_at_a_centre() {
    let verifier = verifier();
    let by_operator = signed_by(OPERATOR, REQUEST, false);
    let alone: Vec<&Profile> = eds_profiles()
        .filter(|p| {
            p.signatures_for(SignerRole::ServiceCenterOperator)
                == Some(&[SignatureRole::ServiceCenterOperator][..])
        })
        .collect();
    assert_eq!(alone.len(), 9);
    for profile in alone {
        let request = if profile.identity == IdentityRule::IinOrBin {
            RequestIdentity::legal_entity(applicant_bin())
        } else {
            RequestIdentity::individual(applicant_iin())
        };
        let at_centre = request
            .certified_by(SignerRole::ServiceCenterOperator)
            .service_center(centre_bin());
        let v = run(profile, &by_operator, &at_centre, &verifier);
        assert_eq!(v.overall(), Overall::Valid, "{}: {v:#?}", profile.id);
        assert_eq!(
            v.signers()[0].role(),
            Some(SignatureRole::ServiceCenterOperator)
        );
        assert!(v
            .notes()
            .iter()
            .any(|n| n.contains("was not applied to the official's certificate")));

        // The applicant's signature beside the operator's: not a signature the channel
        // carries.
        let both = countersigned(&by_operator, "individual_sign");
        let v = run(profile, &both, &at_centre, &verifier);
        assert_refused_with(&v, profile, CheckName::Signers);

        // The applicant's signature alone, claimed as the centre's.
        let v = run(
            profile,
            &signed_by("individual_sign", REQUEST, false),
            &at_centre,
            &verifier,
        );
        assert_refused_with(&v, profile, CheckName::SignerRole);

        // The request must still name the applicant's identity.
        let unnamed = RequestIdentity::unnamed()
            .certified_by(SignerRole::ServiceCenterOperator)
            .service_center(centre_bin());
        let v = run(profile, &by_operator, &unnamed, &verifier);
        assert_refused_with(&v, profile, CheckName::IinMatch);
    }
}

#[test]
fn a_provider_employee_is_proven_by_role_and_bin_not_matched_to_the_applicant() {
    let verifier = verifier();
    let by_employee = signed_by(EMPLOYEE, REQUEST, false);
    // The provider's employee and the portal; no service centre (regulation items 6-7).
    let profile = Profile::by_id("kokpekti-home-schooling-support").unwrap();
    assert!(profile.allows(SignerRole::ProviderEmployee));
    assert!(!profile.allows(SignerRole::ServiceCenterOperator));
    let req = RequestIdentity::individual(applicant_iin())
        .certified_by(SignerRole::ProviderEmployee)
        .provider(provider_bin());
    let v = run(profile, &by_employee, &req, &verifier);
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    assert_eq!(v.signers()[0].role(), Some(SignatureRole::ProviderEmployee));
    assert_eq!(outcome(&v, CheckName::IinMatch), None);
    assert_eq!(outcome(&v, CheckName::SignerRole), Some(Outcome::Passed));
    assert!(v
        .notes()
        .iter()
        .any(|n| n.contains("was not applied to the official's certificate")));

    // Issue 9: a request signed only by a stranger whose IIN is not the request's was
    // accepted under the provider channel. Neither a stranger, nor another organisation's
    // employee, nor the provider's head (not the employee role) proves the provider's
    // employee.
    for stranger in [
        "individual_sign_valid_iin",
        "individual_sign",
        "roles/other_employee",
        "roles/provider_head",
        "legal_sign_valid_bin",
    ] {
        let v = run(
            profile,
            &signed_by(stranger, REQUEST, false),
            &req,
            &verifier,
        );
        assert_refused_with(&v, profile, CheckName::SignerRole);
        assert_refused_with(&v, profile, CheckName::Signers);
    }
    // Without the provider's BIN the employee cannot be told from another's.
    let no_bin =
        RequestIdentity::individual(applicant_iin()).certified_by(SignerRole::ProviderEmployee);
    let v = run(profile, &by_employee, &no_bin, &verifier);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");

    // The request must still name the applicant's IIN.
    let unnamed = RequestIdentity::unnamed()
        .certified_by(SignerRole::ProviderEmployee)
        .provider(provider_bin());
    let v = run(profile, &by_employee, &unnamed, &verifier);
    assert_refused_with(&v, profile, CheckName::IinMatch);

    // A channel the regulation does not provide for.
    let req = RequestIdentity::individual(applicant_iin())
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(provider_bin());
    let v = run(profile, &by_employee, &req, &verifier);
    assert_refused_with(&v, profile, CheckName::Signers);
    assert!(v
        .check(CheckName::Signers)
        .unwrap()
        .reason()
        .contains("does not provide for"));
}

// ---------------------------------------------------------------------------------------
// Unstated checks

#[test]
fn akmola_validity_and_authenticity_profiles_still_require_revocation() {
    let no_crl = verifier_without_crl();
    let signed = signed_by("individual_sign", REQUEST, false);
    for id in [
        "akmola-home-schooling-support",
        "akmola-unemployment-certificate",
    ] {
        let profile = Profile::by_id(id).unwrap();
        assert_eq!(
            profile.checks,
            [RegulationCheck::Validity, RegulationCheck::Authenticity]
        );
        assert!(profile.requires(RegulationCheck::Revocation));
        let v = run(profile, &signed, &RequestIdentity::unnamed(), &no_crl);
        assert_eq!(v.overall(), Overall::Indeterminate, "{id}: {v:#?}");
        assert!(v.verified_content().is_none());
        let r = v.refusal().unwrap();
        assert!(r.failed().is_empty());
        assert_eq!(r.unknown(), [CheckName::Revocation]);
        assert!(r
            .ru()
            .starts_with(&format!("{}. Не удалось проверить:", profile.refusal.ru)));
        assert!(v.not_stated().contains(&RegulationCheck::Revocation));
        assert!(v
            .notes()
            .iter()
            .any(|n| n.starts_with("revocation: not stated by the regulation, required anyway")));
        assert!(v.not_required().is_empty());
    }
}

#[test]
fn a_profile_may_let_an_unstated_check_be_unproven_but_never_failed() {
    let text = Profile::parse_toml(include_str!("../src/profiles/regulations.toml")).unwrap();
    assert_eq!(text.len(), 13);
    let custom = r#"
schema = 2
[[profile]]
id = "relaxed-example"
title_kk = "k"
title_ru = "r"
title_en = "e"
region = "test"
decree = "test"
provider = "test"
information_system = "test"
signing_subdivision = "test"
eds_required = true
channels.applicant_portal = ["applicant"]
identity = "none"
checks = ["validity", "authenticity"]
unstated_checks = "may_be_unproven"
refusal = { kk = "ЭЦҚ расталмады", ru = "ЭЦП не подтверждена", en = "EDS not confirmed" }
"#;
    let profile = &Profile::parse_toml(custom).unwrap()[0];
    assert!(!profile.requires(RegulationCheck::Revocation));
    assert!(profile.requires(RegulationCheck::Authenticity));

    // Revocation unknown: not counted, and said so.
    let signed = signed_by("individual_sign", REQUEST, false);
    let v = run(
        profile,
        &signed,
        &RequestIdentity::unnamed(),
        &verifier_without_crl(),
    );
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    assert_eq!(v.not_required().len(), 1);
    assert_eq!(v.not_required()[0].check().name(), CheckName::Revocation);
    assert_eq!(v.not_required()[0].check().outcome(), Outcome::Unknown);
    assert_eq!(outcome(&v, CheckName::Revocation), None);
    assert_eq!(v.verified_content().unwrap().as_bytes(), REQUEST);

    // Revoked: proven, so counted.
    let v = run(
        profile,
        &signed_by("revoked", REQUEST, false),
        &RequestIdentity::unnamed(),
        &verifier(),
    );
    assert_eq!(v.overall(), Overall::Invalid);
    let r = v.refusal().unwrap();
    assert_eq!(r.failed(), [CheckName::Revocation]);
    assert!(r
        .ru()
        .starts_with("ЭЦП не подтверждена. Не пройдена проверка:"));

    // Authenticity is never relaxed: no path to a trust anchor stays indeterminate.
    let no_trust = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .build();
    let v = run(profile, &signed, &RequestIdentity::unnamed(), &no_trust);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
    assert!(v.refusal().unwrap().unknown().contains(&CheckName::Chain));
}

#[test]
fn an_unknown_revocation_status_is_indeterminate_for_every_profile() {
    let no_crl = verifier_without_crl();
    let signed = signed_by("individual_sign", REQUEST, false);
    for profile in eds_profiles() {
        let v = run(profile, &signed, &applicant_request(profile), &no_crl);
        assert_eq!(v.overall(), Overall::Indeterminate, "{}", profile.id);
        assert!(v.verified_content().is_none());
        assert_eq!(v.refusal().unwrap().unknown(), [CheckName::Revocation]);
    }
}

// ---------------------------------------------------------------------------------------
// Content

#[test]
fn detached_requests() {
    let verifier = verifier();
    let profile = Profile::by_id("kokpekti-preschool-queue").unwrap();
    let signed = signed_by("individual_sign", REQUEST, true);
    let req = RequestIdentity::individual(applicant_iin());
    let v = check_request(profile, &signed, Some(REQUEST), &req, &verifier, at()).unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    assert!(v.detached());
    assert_eq!(v.verified_content().unwrap().as_bytes(), REQUEST);

    // Other content: the digest does not match.
    let v = check_request(profile, &signed, Some(b"tampered"), &req, &verifier, at()).unwrap();
    assert_refused_with(&v, profile, CheckName::MessageDigest);

    // No content: cannot be confirmed.
    let v = check_request(profile, &signed, None, &req, &verifier, at()).unwrap();
    assert_eq!(v.overall(), Overall::Indeterminate);
    assert!(v.refusal().unwrap().unknown().contains(&CheckName::Content));
}

#[test]
fn verdicts_serialize() {
    let verifier = verifier();
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let signed = signed_by("individual_sign", REQUEST, false);
    let v = run(
        profile,
        &signed,
        &RequestIdentity::individual(other_iin()),
        &verifier,
    );
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["profile_id"], "vko-archive-certificate");
    assert_eq!(json["verdict"], "invalid");
    assert_eq!(json["refusal"]["failed"][0], "iin_match");
    assert_eq!(json["certified_by"], "applicant_portal");
    let p = serde_json::to_value(profile).unwrap();
    assert_eq!(p["identity"], "iin_or_bin");
    assert_eq!(p["signer_roles"][1], "service_center_operator");
}

// ---------------------------------------------------------------------------------------
// The decree texts

/// Text as compared with a seed: no whitespace (the seeds are PDF extractions, their words
/// broken across lines and letter-spaced), and the Latin look-alikes the published text
/// uses for Kazakh and Russian letters (`i` for `і`, ...) read as the Cyrillic ones.
fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'i' => 'і',
            'I' => 'І',
            'a' => 'а',
            'c' => 'с',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'x' => 'х',
            'A' => 'А',
            'B' => 'В',
            'C' => 'С',
            'E' => 'Е',
            'H' => 'Н',
            'K' => 'К',
            'M' => 'М',
            'O' => 'О',
            'P' => 'Р',
            'T' => 'Т',
            'X' => 'Х',
            c => c,
        })
        .collect()
}

/// Kazakh month names, the stems dates are written with ("20 шілдедегі", "17 тамызда").
const MONTHS_KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// Does the folded `text` write `date` the Kazakh way ("2012 жылғы 20 шілде...", the day
/// with or without a leading zero)?
fn writes_date_kk(text: &str, date: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let month = MONTHS_KK[date.month0() as usize];
    [format!("{:02}", date.day()), date.day().to_string()]
        .iter()
        .any(|day| text.contains(&format!("{}жылғы{day}{month}", date.year())))
}

/// Does the folded `text` write `date` as "20.07.2012" or "2012.07.20"?
fn writes_date_dotted(text: &str, date: chrono::NaiveDate) -> bool {
    text.contains(&date.format("%d.%m.%Y").to_string())
        || text.contains(&date.format("%Y.%m.%d").to_string())
}

/// Does the folded `text` write act number `number` ("N 170", "№ А-11/491")?
fn writes_number(text: &str, number: &str) -> bool {
    let n = folded(number);
    text.contains(&format!("N{n}")) || text.contains(&format!("№{n}"))
}

/// Is `value` in the folded `seed`: each part (parts separated by "; "), whole, or (a
/// part naming organisations, which the extraction may break apart) each «quoted» name?
fn in_seed(seed: &str, value: &str) -> bool {
    value.split("; ").all(|part| {
        if seed.contains(&folded(part)) {
            return true;
        }
        let names: Vec<&str> = part
            .split('«')
            .skip(1)
            .filter_map(|rest| rest.split_once('»').map(|(name, _)| name))
            .collect();
        !names.is_empty()
            && names
                .iter()
                .all(|n| seed.contains(&folded(&format!("«{n}»"))))
    })
}

/// Words by which a condition states each check: the validity period ("мерзімін"), the
/// list of revoked certificates ("тізімінде"), the IIN ("ЖСН"), and the authenticity of
/// the EDS ("түпнұсқалығын", "шынайылығы") or its not being confirmed ("расталмауына").
fn stated_by(check: RegulationCheck) -> &'static [&'static str] {
    match check {
        RegulationCheck::Validity => &["мерзім"],
        RegulationCheck::Revocation => &["тізім"],
        RegulationCheck::Identity => &["ЖСН"],
        RegulationCheck::Authenticity => &[
            "түпнұсқалығ",
            "шынайылығ",
            "расталма",
            "растама",
            "расталынба",
        ],
    }
}

/// Issue 13: every profile's facts are in the decree it cites (`../shared/seeds/`, the
/// decrees' Kazakh texts): the act found by its heading and registration, in exactly one
/// seed; its date, number, registration date and number as the heading writes them; its
/// repeal and the regulation's amendments; the service title, the provider, the
/// information system, who signs, the condition and the refusal in the decree's words;
/// the Russian values not marked as translated; and the checks the profile states are
/// those its condition (and, for authenticity, its refusal) names, and no others.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (the decree texts in ../shared/seeds): absent"
)]
fn profiles_match_the_decree_texts() {
    let Some(dir) = common::shared("seeds") else {
        return;
    };
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, folded(&std::fs::read_to_string(&p).unwrap()))
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no decree text in {}", dir.display());

    let mut problems: Vec<String> = Vec::new();
    let mut cited: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for profile in Profile::all() {
        let id = &profile.id;
        let mut problem = |p: String| problems.push(format!("{id}: {p}"));
        let Some(d) = &profile.decree_ref else {
            problem("no decree_ref".into());
            continue;
        };
        let (citation, registration) = (folded(&d.citation_kk), folded(&d.registration_kk));
        let found: Vec<&(String, String)> = seeds
            .iter()
            .filter(|(_, text)| text.contains(&citation) && text.contains(&registration))
            .collect();
        let [(name, seed)] = found.as_slice() else {
            problem(format!(
                "the heading of decree {:?} is in {} seeds, not one",
                d.key,
                found.len()
            ));
            continue;
        };
        cited.insert(name.as_str());

        // The act: its date and number, its registration, its repeal.
        if !writes_date_kk(&citation, d.date) || !writes_number(&citation, &d.number) {
            problem(format!(
                "the heading does not write {} N {}",
                d.date, d.number
            ));
        }
        if !writes_date_kk(&registration, d.registered)
            || !writes_number(&registration, &d.registration_number)
        {
            problem(format!(
                "the registration does not write {} N {}",
                d.registered, d.registration_number
            ));
        }
        let related = d.repealed_by.iter().chain(&profile.amended_by);
        for act in related {
            if !writes_date_dotted(seed, act.date) || !writes_number(seed, &act.number) {
                problem(format!(
                    "{name} does not cite the act of {} N {}",
                    act.date, act.number
                ));
            }
        }

        // The decree's words.
        let mut words: Vec<(&str, &str)> = vec![("title_kk", &profile.title_kk)];
        for (field, value) in [
            ("provider_kk", &profile.provider_kk),
            ("information_system_kk", &profile.information_system_kk),
            ("signing_subdivision_kk", &profile.signing_subdivision_kk),
            ("condition_kk", &profile.condition_kk),
        ] {
            match value {
                Some(v) => words.push((field, v)),
                None if field == "condition_kk" && !profile.requires_eds() => {}
                None => problem(format!("{field} is not given")),
            }
        }
        if profile.requires_eds() {
            words.push(("refusal.kk", &profile.refusal.kk));
        }
        for (field, value) in [
            ("title_ru", &profile.title_ru),
            ("provider", &profile.provider),
            ("information_system", &profile.information_system),
            ("signing_subdivision", &profile.signing_subdivision),
            ("refusal.ru", &profile.refusal.ru),
        ] {
            // A profile without an EDS step has the default refusal, never printed.
            let unused = field == "refusal.ru" && !profile.requires_eds();
            if !profile.is_translated(field) && !unused {
                words.push((field, value));
            }
        }
        for (field, value) in words {
            if !in_seed(seed, value) {
                problem(format!("{field} {value:?} is not in {name}"));
            }
        }

        // The checks stated are those the condition names.
        if let Some(condition) = &profile.condition_kk {
            let condition = folded(condition);
            let with_refusal = format!("{condition}{}", folded(&profile.refusal.kk));
            for check in RegulationCheck::ALL {
                let text = if check == RegulationCheck::Authenticity {
                    &with_refusal
                } else {
                    &condition
                };
                let named = stated_by(check).iter().any(|w| text.contains(&folded(w)));
                if named != profile.states(check) {
                    problem(format!(
                        "the condition {} {}, the profile {}",
                        if named { "names" } else { "does not name" },
                        check.as_str(),
                        if profile.states(check) {
                            "states it"
                        } else {
                            "does not"
                        }
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let uncited: Vec<&str> = seeds
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| !cited.contains(n))
        .collect();
    assert!(uncited.is_empty(), "decrees no profile cites: {uncited:?}");
}
