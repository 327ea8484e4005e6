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
        // Every value from the decree: no placeholder, the act as data, the Kazakh
        // wording of every text the decree gives.
        assert!(p.placeholders.is_empty(), "{}", p.id);
        let d = p.decree_ref.as_ref().unwrap_or_else(|| panic!("{}", p.id));
        assert!(p.decree.contains(&d.number), "{}", p.id);
        assert!(p.decree.contains(&d.registration_number), "{}", p.id);
        for f in [
            &p.provider_kk,
            &p.information_system_kk,
            &p.signing_subdivision_kk,
        ] {
            assert!(f.is_some(), "{}", p.id);
        }
        assert_eq!(p.condition_kk.is_some(), p.requires_eds(), "{}", p.id);
        assert!(p.is_translated("title_ru"), "{}", p.id);
        if p.requires_eds() {
            // The decree's refusal of the service, not the default.
            assert!(p.refusal.kk.ends_with("бас тарту"), "{}", p.id);
            assert!(p.is_translated("refusal.ru"), "{}", p.id);
        }
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

/// Who certifies a request, as the decrees' step lists say (see "Decisions recorded here"
/// in regulations.toml).
#[test]
fn channels_follow_the_decrees() {
    use SignatureRole as S;
    use SignerRole as C;
    let channels = |id: &str| -> Vec<(SignerRole, Vec<SignatureRole>)> {
        let p = Profile::by_id(id).unwrap();
        p.channels
            .iter()
            .map(|c| (c.certified_by, c.signatures.clone()))
            .collect()
    };
    // Portal, the centre's operator alone, the provider's employee alone.
    let three = vec![
        (C::ApplicantPortal, vec![S::Applicant]),
        (C::ServiceCenterOperator, vec![S::ServiceCenterOperator]),
        (C::ProviderEmployee, vec![S::ProviderEmployee]),
    ];
    for id in [
        "vko-archive-certificate",
        "astana-archive-certificate",
        "mangystau-foreign-media-registration",
        "kokpekti-unemployment-certificate",
        "kokpekti-preschool-queue",
        "kokpekti-housing-queue",
    ] {
        assert_eq!(channels(id), three, "{id}");
    }
    for id in [
        "kokpekti-guardianship-certificate",
        "kokpekti-minors-property-transactions",
        "kokpekti-minors-deposits-vehicle-inheritance",
    ] {
        assert_eq!(channels(id), three[..2], "{id}");
    }
    for id in [
        "kokpekti-home-schooling-support",
        "akmola-home-schooling-support",
    ] {
        assert_eq!(channels(id), [three[0].clone(), three[2].clone()], "{id}");
    }
    // The centre's employee first, then the applicant.
    assert_eq!(
        channels("akmola-unemployment-certificate"),
        [
            three[0].clone(),
            (
                C::ServiceCenterOperator,
                vec![S::ServiceCenterOperator, S::Applicant]
            ),
            three[2].clone(),
        ]
    );
    assert!(channels("akmola-targeted-social-assistance").is_empty());
}

#[test]
fn decree_references_are_data() {
    let p = Profile::by_id("vko-archive-certificate").unwrap();
    let d = p.decree_ref.as_ref().unwrap();
    assert_eq!(d.key, "vko-2012-170");
    assert_eq!(d.date, NaiveDate::from_ymd_opt(2012, 7, 20).unwrap());
    assert_eq!(d.number, "170");
    assert_eq!(d.registered, NaiveDate::from_ymd_opt(2012, 8, 17).unwrap());
    assert_eq!(d.registration_number, "2639");
    assert_eq!(
        d.repealed_by.as_ref().map(|r| r.number.as_str()),
        Some("212")
    );
    assert_eq!(p.amended_by.len(), 1);
    assert_eq!(p.amended_by[0].number, "310");
    // Seven Kokpekti regulations, one resolution.
    let kokpekti: Vec<&Profile> = Profile::all()
        .iter()
        .filter(|p| p.id.starts_with("kokpekti-"))
        .collect();
    assert_eq!(kokpekti.len(), 7);
    assert!(kokpekti
        .iter()
        .all(|p| p.decree_ref.as_ref().map(|d| d.number.as_str()) == Some("417")));
    let json = serde_json::to_value(p).unwrap();
    assert_eq!(json["decree_ref"]["date"], "2012-07-20");
    assert_eq!(json["decree_ref"]["registration_number"], "2639");
}

const WITH_DECREE: &str = r#"
schema = 2
[decrees.d-1]
issuer = "akimat"
date = "2012-07-20"
number = "170"
citation_kk = "c"
registered = "2012-08-17"
registration_number = "2639"
registered_by = "justice"
registration_kk = "r"
repealed_by = { date = "2013-08-12", number = "212" }
[[profile]]
id = "x"
title_kk = "k"
title_ru = "r"
title_en = "e"
region = "r"
decree = "d"
decree_ref = "d-1"
amended_by = [{ date = "2012-12-13", number = "310", what = "new wording" }]
provider = "p"
provider_kk = "pk"
information_system = "i"
signing_subdivision = "s"
eds_required = true
channels.applicant_portal = ["applicant"]
identity = "iin_only"
checks = ["validity", "revocation", "identity", "authenticity"]
refusal = { kk = "k", ru = "r", en = "e" }
translated = ["title_ru", "refusal.ru"]
"#;

#[test]
fn decrees_are_checked() {
    let p = &Profile::parse_toml(WITH_DECREE).unwrap()[0];
    assert_eq!(p.decree_ref.as_ref().unwrap().key, "d-1");
    assert!(p.is_translated("refusal.ru") && !p.is_translated("provider"));
    assert_eq!(p.provider_kk.as_deref(), Some("pk"));
    assert_eq!(p.information_system_kk, None);
    let cases = [
        // An act the file does not define.
        WITH_DECREE.replace("decree_ref = \"d-1\"", "decree_ref = \"d-2\""),
        // Registered before adopted; repealed before adopted.
        WITH_DECREE.replace("registered = \"2012-08-17\"", "registered = \"2011-08-17\""),
        WITH_DECREE.replace("date = \"2013-08-12\"", "date = \"2011-08-12\""),
        // Amended after the repeal.
        WITH_DECREE.replace("date = \"2012-12-13\"", "date = \"2014-12-13\""),
        // Not a date; an unknown key; a bad key; an empty fact.
        WITH_DECREE.replace("date = \"2012-07-20\"", "date = \"20.07.2012\""),
        WITH_DECREE.replace("number = \"170\"", "number = \"170\"\nsigned = \"x\""),
        WITH_DECREE.replace("[decrees.d-1]", "[decrees.D1]"),
        WITH_DECREE.replace("citation_kk = \"c\"", "citation_kk = \" \""),
        // Only Russian fields are translated; not a placeholder at the same time.
        WITH_DECREE.replace("\"title_ru\", \"refusal.ru\"", "\"title_kk\""),
        WITH_DECREE.replace("\"title_ru\", \"refusal.ru\"", "\"title_ru\", \"title_ru\""),
        WITH_DECREE.replace(
            "translated = [",
            "placeholders = [\"refusal\"]\ntranslated = [",
        ),
        // An empty Kazakh value.
        WITH_DECREE.replace("provider_kk = \"pk\"", "provider_kk = \"\""),
    ];
    for (i, c) in cases.iter().enumerate() {
        assert_ne!(c, WITH_DECREE, "case {i} changed nothing");
        assert!(Profile::parse_toml(c).is_err(), "case {i} accepted:\n{c}");
    }
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
    assert!(r.kk.starts_with(&format!(
        "{}. Тексеруден өтпеді:",
        "ЭСҚ түпнұсқалығының расталмауына байланысты сұрау салынатын электрондық мемлекеттік қызметтен бас тарту"
    )));
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
