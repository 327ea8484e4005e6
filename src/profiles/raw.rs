//! The profile data as written (`regulations.toml`): its raw shape, deserialised with every
//! unknown key refused, and validated into [`Profile`]s (ids, duplicates, decree facts in
//! time order, officials' roles).

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecree {
    issuer: String,
    date: NaiveDate,
    number: String,
    citation_kk: String,
    registered: NaiveDate,
    registration_number: String,
    registered_by: String,
    registration_kk: String,
    repealed_by: Option<ActRef>,
}

impl RawDecree {
    /// Its facts present and in time order (adopted, then registered, then repealed).
    pub(super) fn validate(self, key: &str) -> Result<DecreeRef, ProfileError> {
        let invalid = |reason: String| ProfileError::Toml(format!("[decrees.{key}]: {reason}"));
        if !is_id(key) {
            return Err(invalid("the key must be lowercase a-z, 0-9 and '-'".into()));
        }
        for (name, value) in [
            ("issuer", &self.issuer),
            ("number", &self.number),
            ("citation_kk", &self.citation_kk),
            ("registration_number", &self.registration_number),
            ("registered_by", &self.registered_by),
            ("registration_kk", &self.registration_kk),
        ] {
            if value.trim().is_empty() {
                return Err(invalid(format!("{name} is empty")));
            }
        }
        if self.registered < self.date {
            return Err(invalid(format!(
                "registered {} before it was adopted {}",
                self.registered, self.date
            )));
        }
        if let Some(r) = &self.repealed_by {
            if r.number.trim().is_empty() {
                return Err(invalid("repealed_by.number is empty".into()));
            }
            if r.date < self.date {
                return Err(invalid(format!(
                    "repealed {} before it was adopted {}",
                    r.date, self.date
                )));
            }
        }
        Ok(DecreeRef {
            key: key.to_string(),
            issuer: self.issuer,
            date: self.date,
            number: self.number,
            citation_kk: self.citation_kk,
            registered: self.registered,
            registration_number: self.registration_number,
            registered_by: self.registered_by,
            registration_kk: self.registration_kk,
            repealed_by: self.repealed_by,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) schema: u32,
    #[serde(default)]
    pub(super) defaults: RawDefaults,
    #[serde(default)]
    pub(super) decrees: std::collections::BTreeMap<String, RawDecree>,
    #[serde(default)]
    pub(super) profile: Vec<RawProfile>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDefaults {
    pub(super) refusal: Option<RefusalText>,
    pub(super) officials: Option<RawOfficials>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOfficials {
    pub(super) roles: Vec<String>,
}

/// An official's role by its name in the data.
pub(super) fn official_role(name: &str) -> Option<NcaRole> {
    Some(match name {
        "first_head" => NcaRole::FirstHead,
        "right_to_sign" => NcaRole::RightToSign,
        "financial_signer" => NcaRole::FinancialSigner,
        "human_resources" => NcaRole::HumanResources,
        "employee" => NcaRole::Employee,
        _ => return None,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    id: String,
    title_kk: String,
    title_ru: String,
    title_en: String,
    region: String,
    decree: String,
    decree_ref: Option<String>,
    #[serde(default)]
    amended_by: Vec<ActRef>,
    provider: String,
    provider_kk: Option<String>,
    information_system: String,
    information_system_kk: Option<String>,
    signing_subdivision: String,
    signing_subdivision_kk: Option<String>,
    condition_kk: Option<String>,
    eds_required: bool,
    #[serde(default)]
    channels: std::collections::BTreeMap<SignerRole, Vec<SignatureRole>>,
    identity: IdentityRule,
    checks: Vec<RegulationCheck>,
    #[serde(default)]
    unstated_checks: UnstatedChecks,
    refusal: Option<RefusalText>,
    official_refusal: Option<RefusalText>,
    #[serde(default)]
    translated: Vec<String>,
    #[serde(default)]
    placeholders: Vec<String>,
    #[serde(default)]
    request: Option<RequestForm>,
}

/// Lowercase a-z, 0-9 and '-', not starting or ending with '-'.
pub(super) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

pub(super) fn has_duplicates<T: std::hash::Hash + Eq>(items: &[T]) -> bool {
    let mut seen = HashSet::new();
    items.iter().any(|i| !seen.insert(i))
}

impl RawProfile {
    pub(super) fn validate(
        self,
        default_refusal: Option<&RefusalText>,
        official_roles: &[NcaRole],
        decrees: &std::collections::BTreeMap<String, DecreeRef>,
    ) -> Result<Profile, ProfileError> {
        let invalid = |reason: &str| ProfileError::Invalid {
            id: self.id.clone(),
            reason: reason.to_string(),
        };
        if !is_id(&self.id) {
            return Err(invalid("the id must be lowercase a-z, 0-9 and '-'"));
        }
        for (name, value) in [
            ("title_kk", &self.title_kk),
            ("title_ru", &self.title_ru),
            ("title_en", &self.title_en),
            ("region", &self.region),
            ("decree", &self.decree),
            ("provider", &self.provider),
            ("information_system", &self.information_system),
            ("signing_subdivision", &self.signing_subdivision),
        ] {
            if value.trim().is_empty() {
                return Err(invalid(&format!("{name} is empty")));
            }
        }
        for (name, value) in [
            ("provider_kk", &self.provider_kk),
            ("information_system_kk", &self.information_system_kk),
            ("signing_subdivision_kk", &self.signing_subdivision_kk),
            ("condition_kk", &self.condition_kk),
        ] {
            if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
                return Err(invalid(&format!("{name} is empty (leave it out instead)")));
            }
        }
        let decree_ref = match &self.decree_ref {
            None => None,
            Some(key) => match decrees.get(key) {
                Some(d) => Some(d.clone()),
                None => return Err(invalid(&format!("decree_ref {key:?} is not in [decrees]"))),
            },
        };
        for a in &self.amended_by {
            if a.number.trim().is_empty() {
                return Err(invalid("amended_by: a number is empty"));
            }
            if let Some(d) = &decree_ref {
                let repealed = d.repealed_by.as_ref().map(|r| r.date);
                if a.date < d.date || repealed.is_some_and(|r| a.date > r) {
                    return Err(invalid(&format!(
                        "amended_by: {} is outside the decree's life ({} to {})",
                        a.date,
                        d.date,
                        repealed
                            .map(|r| r.to_string())
                            .unwrap_or_else(|| "now".into())
                    )));
                }
            }
        }
        for (channel, signatures) in &self.channels {
            let own = match channel {
                SignerRole::ApplicantPortal => SignatureRole::Applicant,
                SignerRole::ServiceCenterOperator => SignatureRole::ServiceCenterOperator,
                SignerRole::ProviderEmployee => SignatureRole::ProviderEmployee,
            };
            if has_duplicates(signatures) {
                return Err(invalid(&format!(
                    "channels.{} lists a signature twice",
                    channel.as_str()
                )));
            }
            if !signatures.contains(&own) {
                return Err(invalid(&format!(
                    "channels.{} must include the {} signature of whoever certifies through it",
                    channel.as_str(),
                    own.as_str()
                )));
            }
            if *channel == SignerRole::ApplicantPortal && signatures.len() != 1 {
                return Err(invalid(
                    "channels.applicant_portal carries the applicant's signature only",
                ));
            }
        }
        if has_duplicates(&self.checks) {
            return Err(invalid("checks lists a check twice"));
        }
        if has_duplicates(&self.placeholders) {
            return Err(invalid("placeholders lists a field twice"));
        }
        if has_duplicates(&self.translated) {
            return Err(invalid("translated lists a field twice"));
        }
        if let Some(t) = self
            .translated
            .iter()
            .find(|t| !TRANSLATABLE_FIELDS.contains(&t.as_str()))
        {
            return Err(invalid(&format!(
                "translated names {t:?}, which is not a Russian field ({})",
                TRANSLATABLE_FIELDS.join(", ")
            )));
        }
        // A placeholder is not the decree's wording, so it cannot be translated from it.
        if let Some(t) = self.translated.iter().find(|t| {
            let field = match t.as_str() {
                "refusal.ru" => "refusal",
                "official_refusal.ru" => "official_refusal",
                other => other,
            };
            self.placeholders.iter().any(|p| p == field)
        }) {
            return Err(invalid(&format!(
                "{t:?} is listed both as translated and as a placeholder"
            )));
        }
        if let Some(p) = self
            .placeholders
            .iter()
            .find(|p| !PLACEHOLDER_FIELDS.contains(&p.as_str()))
        {
            return Err(invalid(&format!(
                "placeholders names {p:?}, which is not a field that can be a placeholder"
            )));
        }
        let states_identity = self.checks.contains(&RegulationCheck::Identity);
        // A channel carrying a signature other than the applicant's: an official's.
        let has_officials = self
            .channels
            .values()
            .flatten()
            .any(|s| *s != SignatureRole::Applicant);
        if self.eds_required {
            if self.channels.is_empty() {
                return Err(invalid("eds_required = true needs at least one channel"));
            }
            if self.checks.is_empty() {
                return Err(invalid(
                    "eds_required = true needs the checks the regulation states",
                ));
            }
            if states_identity != (self.identity != IdentityRule::None) {
                return Err(invalid(
                    "checks lists \"identity\" exactly when identity is not \"none\"",
                ));
            }
            if has_officials && official_roles.is_empty() {
                return Err(invalid(
                    "an official's signature needs [defaults.officials] roles to prove it",
                ));
            }
        } else if !self.channels.is_empty()
            || !self.checks.is_empty()
            || self.identity != IdentityRule::None
            || self.unstated_checks != UnstatedChecks::Required
        {
            return Err(invalid(
                "eds_required = false: channels and checks must be empty, identity \"none\", unstated_checks \"required\"",
            ));
        }
        let refusal = match self.refusal.clone().or_else(|| default_refusal.cloned()) {
            Some(r) => r,
            None => return Err(invalid("no refusal text and no [defaults].refusal")),
        };
        if any_blank(&refusal) {
            return Err(invalid("a refusal text is empty"));
        }
        if let Some(r) = &self.official_refusal {
            if any_blank(r) {
                return Err(invalid("an official_refusal text is empty"));
            }
            if !has_officials {
                return Err(invalid(
                    "official_refusal without a channel that carries an official's signature",
                ));
            }
        }
        if self.translated.iter().any(|t| t == "official_refusal.ru")
            && self.official_refusal.is_none()
        {
            return Err(invalid(
                "translated names official_refusal.ru, but there is no official_refusal",
            ));
        }
        let request_form = match self.request {
            None => None,
            Some(form) => {
                form.validate(self.identity)
                    .map_err(|r| invalid(&format!("request form: {r}")))?;
                Some(form)
            }
        };
        Ok(Profile {
            id: self.id,
            title_kk: self.title_kk,
            title_ru: self.title_ru,
            title_en: self.title_en,
            region: self.region,
            decree: self.decree,
            decree_ref,
            amended_by: self.amended_by,
            provider: self.provider,
            provider_kk: self.provider_kk,
            information_system: self.information_system,
            information_system_kk: self.information_system_kk,
            signing_subdivision: self.signing_subdivision,
            signing_subdivision_kk: self.signing_subdivision_kk,
            condition_kk: self.condition_kk,
            eds_required: self.eds_required,
            signer_roles: self.channels.keys().copied().collect(),
            channels: self
                .channels
                .into_iter()
                .map(|(certified_by, signatures)| ChannelRule {
                    certified_by,
                    signatures,
                })
                .collect(),
            official_roles: official_roles.to_vec(),
            identity: self.identity,
            checks: self.checks,
            unstated_checks: self.unstated_checks,
            refusal,
            official_refusal: self.official_refusal,
            translated: self.translated,
            placeholders: self.placeholders,
            request_form,
            more_request_forms: Vec::new(),
            output_forms: Vec::new(),
            refusal_form: None,
        })
    }
}

/// Whether any of a refusal's three texts is blank.
fn any_blank(r: &RefusalText) -> bool {
    [&r.kk, &r.ru, &r.en].iter().any(|t| t.trim().is_empty())
}
