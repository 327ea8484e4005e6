//! Unit tests of the profiles module.

use super::*;

#[test]
fn embedded_data_parses_and_validates() {
    let profiles = Profile::parse_toml(REGULATIONS_TOML).expect("regulations.toml is valid");
    assert_eq!(profiles.len(), 13);
    assert_eq!(Profile::all().len(), 13);
    for id in [
        "vko-archive-certificate",
        "astana-archive-certificate",
        "mangystau-foreign-media-registration",
        "kokpekti-unemployment-certificate",
        "kokpekti-home-schooling-support",
        "kokpekti-preschool-queue",
        "kokpekti-guardianship-certificate",
        "kokpekti-minors-property-transactions",
        "kokpekti-minors-deposits-vehicle-inheritance",
        "kokpekti-housing-queue",
        "akmola-targeted-social-assistance",
        "akmola-home-schooling-support",
        "akmola-unemployment-certificate",
    ] {
        assert!(Profile::by_id(id).is_some(), "{id}");
    }
    assert!(Profile::by_id("nope").is_none());
    for p in Profile::all() {
        if p.id.starts_with("kokpekti-") {
            assert_eq!(p.identity, IdentityRule::IinOnly, "{}", p.id);
        }
        assert_eq!(p.refusal.ru, "Подлинность ЭЦП не подтверждена");
    }
    let tsa = Profile::by_id("akmola-targeted-social-assistance").unwrap();
    assert!(!tsa.requires_eds());
    let a = Profile::by_id("akmola-unemployment-certificate").unwrap();
    assert_eq!(
        a.checks,
        [RegulationCheck::Validity, RegulationCheck::Authenticity]
    );
    assert!(a.requires(RegulationCheck::Revocation));
}

const MINIMAL: &str = r#"
schema = 2
[[profile]]
id = "x"
title_kk = "k"
title_ru = "r"
title_en = "e"
region = "r"
decree = "d"
provider = "p"
information_system = "i"
signing_subdivision = "s"
eds_required = true
channels.applicant_portal = ["applicant"]
identity = "iin_only"
checks = ["validity", "revocation", "identity", "authenticity"]
refusal = { kk = "k", ru = "r", en = "e" }
"#;

#[test]
fn minimal_profile_parses() {
    let p = Profile::parse_toml(MINIMAL).unwrap();
    assert_eq!(p[0].unstated_checks, UnstatedChecks::Required);
    assert_eq!(p[0].signer_roles, [SignerRole::ApplicantPortal]);
    // An official's channel with the roles that prove officials.
    let with_official = MINIMAL
        .replace(
            "channels.applicant_portal = [\"applicant\"]",
            "channels.applicant_portal = [\"applicant\"]\nchannels.service_center_operator = [\"service_center_operator\", \"applicant\"]",
        )
        .replace(
            "schema = 2\n",
            "schema = 2\n[defaults.officials]\nroles = [\"employee\", \"right_to_sign\"]\n",
        );
    let p = &Profile::parse_toml(&with_official).unwrap()[0];
    assert_eq!(
        p.signatures_for(SignerRole::ServiceCenterOperator),
        Some(
            &[
                SignatureRole::ServiceCenterOperator,
                SignatureRole::Applicant
            ][..]
        )
    );
    assert_eq!(p.official_roles, [NcaRole::Employee, NcaRole::RightToSign]);
    assert_eq!(p.signatures_for(SignerRole::ProviderEmployee), None);
}

#[test]
fn unknown_fields_rejected() {
    let bad = MINIMAL.replace("region = \"r\"", "region = \"r\"\ncolour = \"blue\"");
    assert!(matches!(
        Profile::parse_toml(&bad),
        Err(ProfileError::Toml(_))
    ));
    let bad_top = format!("extra = 1\n{MINIMAL}");
    assert!(matches!(
        Profile::parse_toml(&bad_top),
        Err(ProfileError::Toml(_))
    ));
    let bad_enum = MINIMAL.replace("\"iin_only\"", "\"iin_maybe\"");
    assert!(Profile::parse_toml(&bad_enum).is_err());
    let missing = MINIMAL.replace("provider = \"p\"\n", "");
    assert!(Profile::parse_toml(&missing).is_err());
}

#[test]
fn inconsistent_profiles_rejected() {
    let cases = [
        MINIMAL.replace(
            "checks = [\"validity\", \"revocation\", \"identity\", \"authenticity\"]",
            "checks = [\"validity\", \"authenticity\"]",
        ),
        // A channel must carry its own certifier's signature; the portal only the
        // applicant's; an official needs [defaults.officials].
        MINIMAL.replace(
            "channels.applicant_portal = [\"applicant\"]",
            "channels.applicant_portal = [\"applicant\"]\nchannels.provider_employee = [\"applicant\"]",
        ),
        MINIMAL.replace(
            "channels.applicant_portal = [\"applicant\"]",
            "channels.applicant_portal = [\"applicant\", \"provider_employee\"]",
        ),
        MINIMAL.replace(
            "channels.applicant_portal = [\"applicant\"]",
            "channels.applicant_portal = [\"applicant\"]\nchannels.provider_employee = [\"provider_employee\", \"provider_employee\"]",
        ),
        MINIMAL.replace(
            "channels.applicant_portal = [\"applicant\"]",
            "channels.applicant_portal = [\"applicant\"]\nchannels.provider_employee = [\"provider_employee\"]",
        ),
        MINIMAL.replace("schema = 2\n", "schema = 2\n[defaults.officials]\nroles = [\"janitor\"]\n"),
        MINIMAL.replace("id = \"x\"", "id = \"X y\""),
        MINIMAL.replace("channels.applicant_portal = [\"applicant\"]\n", ""),
        MINIMAL.replace("eds_required = true", "eds_required = false"),
        MINIMAL.replace("refusal = { kk = \"k\", ru = \"r\", en = \"e\" }", ""),
        MINIMAL.replace("refusal = {", "placeholders = [\"colour\"]\nrefusal = {"),
        format!(
            "{MINIMAL}{}",
            &MINIMAL[MINIMAL.find("[[profile]]").unwrap()..]
        ),
        MINIMAL.replace("schema = 2", "schema = 1"),
    ];
    for (i, c) in cases.iter().enumerate() {
        assert!(Profile::parse_toml(c).is_err(), "case {i} accepted:\n{c}");
    }
}

#[test]
fn refusal_uses_profile_wording() {
    let p = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
    let r = p
        .refusal_for(&[
            Check::new(
                CheckName::IinMatch,
                Outcome::Failed,
                crate::verdict::ReasonKind::Mismatch,
                "x",
            ),
            Check::new(
                CheckName::Revocation,
                Outcome::Unknown,
                crate::verdict::ReasonKind::StatusUnknown,
                "y",
            ),
        ])
        .unwrap();
    assert!(r
        .kk
        .starts_with("ЭЦҚ түпнұсқалығы расталмады. Тексеруден өтпеді:"));
    assert!(r.ru.contains("ИИН"));
    assert!(r.en.contains("Could not be confirmed: the absence"));
    assert_eq!(r.failed, [CheckName::IinMatch]);
    assert_eq!(r.unknown, [CheckName::Revocation]);
    assert!(p
        .refusal_for(&[Check::passed(CheckName::Validity, "")])
        .is_none());
}

#[test]
fn check_groups() {
    assert_eq!(
        RegulationCheck::of(CheckName::Chain),
        RegulationCheck::Authenticity
    );
    assert_eq!(
        RegulationCheck::of(CheckName::Signature),
        RegulationCheck::Authenticity
    );
    assert_eq!(
        RegulationCheck::of(CheckName::KeyUsage),
        RegulationCheck::Authenticity
    );
    assert_eq!(
        RegulationCheck::of(CheckName::BinMatch),
        RegulationCheck::Identity
    );
    assert_eq!(
        RegulationCheck::of(CheckName::Revocation),
        RegulationCheck::Revocation
    );
}
