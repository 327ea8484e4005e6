//! The request condition: running a regulation profile on a signed request.

use super::*;

// ---------------------------------------------------------------------------------------
// The request condition

/// What the request says about its applicant, and through which channel it came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RequestIdentity {
    /// The IIN written in the request (an individual's request, or a legal entity's
    /// representative under [`IdentityRule::IinOrBin`] when a BIN is also given).
    pub iin: Option<Iin>,
    /// The BIN written in the request (a legal entity's request).
    pub bin: Option<Bin>,
    /// Who certified the request with EDS (the channel it came through).
    pub certified_by: SignerRole,
}

impl RequestIdentity {
    /// An individual's request, certified by the applicant on the portal.
    pub fn individual(iin: Iin) -> RequestIdentity {
        RequestIdentity {
            iin: Some(iin),
            bin: None,
            certified_by: SignerRole::ApplicantPortal,
        }
    }

    /// A legal entity's request, certified by the applicant on the portal.
    pub fn legal_entity(bin: Bin) -> RequestIdentity {
        RequestIdentity {
            iin: None,
            bin: Some(bin),
            certified_by: SignerRole::ApplicantPortal,
        }
    }

    /// A request naming no identity (for [`IdentityRule::None`] profiles), certified by the
    /// applicant on the portal.
    pub fn unnamed() -> RequestIdentity {
        RequestIdentity {
            iin: None,
            bin: None,
            certified_by: SignerRole::ApplicantPortal,
        }
    }

    /// The same request, certified by `role`.
    pub fn certified_by(mut self, role: SignerRole) -> RequestIdentity {
        self.certified_by = role;
        self
    }
}

/// [`check_request`] was called on a profile whose regulation has no EDS step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("profile {profile_id}: the regulation has no EDS step (eds_required = false), so there is no signature to check")]
pub struct NotApplicable {
    /// The profile.
    pub profile_id: String,
}

/// In which capacity a SignerInfo signed the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerCapacity {
    /// The applicant (the person or entity the request names).
    Applicant,
    /// The official who certified the request (service-centre operator or provider
    /// employee); the identity match does not apply to this signature.
    Official,
}

/// One SignerInfo of the request, judged under the profile.
#[derive(Clone, Debug, Serialize)]
pub struct RequestSigner {
    /// Position of the SignerInfo.
    pub index: usize,
    /// The capacity it signed in.
    pub capacity: SignerCapacity,
    /// Its result under the profile (the checks counted).
    pub verdict: Overall,
    /// The checks counted: the CMS checks, the certificate condition, and the identity
    /// match when it applies to this signer.
    pub checks: Vec<Check>,
    /// Checks run but not counted (unknown, unstated, and relaxed by the profile).
    pub not_required: Vec<Check>,
    /// The certificate's IIN, when the certificate was found.
    pub iin: Option<Iin>,
    /// The certificate's BIN, when the certificate was found.
    pub bin: Option<Bin>,
    /// The CMS verdict on this SignerInfo (certificate facts, path, revocation details).
    pub signer: SignerVerdict,
}

impl RequestSigner {
    /// Is this signer valid under the profile?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
}

/// A check that was run but did not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotRequired {
    /// Which SignerInfo.
    pub signer: usize,
    /// The check, with its (unknown) outcome and reason.
    pub check: Check,
}

/// The refusal: the profile's wording followed by the checks that failed or could not be
/// confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestRefusal {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
    /// The checks that failed.
    pub failed: Vec<CheckName>,
    /// The checks that could not be confirmed.
    pub unknown: Vec<CheckName>,
}

/// The content of a request whose verdict under a profile is valid; nothing else
/// constructs it. A type of its own, apart from [`VerifiedContent`], so that code which
/// takes a `RequestContent` knows the regulation's condition held, not only the CMS
/// signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContent(VerifiedContent);

impl RequestContent {
    /// The verified bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
    /// The eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        self.0.content_type()
    }
    /// The verified bytes, owned.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

impl AsRef<[u8]> for RequestContent {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The verdict on a signed request under a profile.
#[derive(Clone, Debug, Serialize)]
pub struct RequestVerdict {
    /// The profile applied.
    pub profile_id: String,
    /// Overall: valid only when every counted check passed.
    pub verdict: Overall,
    /// The request's checks: `content`, `signers` (who signed, against the profile's
    /// roles), then each check of the signers combined (the worst outcome over the signers
    /// it applies to; identity under a second-signer policy: some signer must match).
    pub checks: Vec<Check>,
    /// Each SignerInfo.
    pub signers: Vec<RequestSigner>,
    /// The refusal, when the verdict is not valid.
    pub refusal: Option<RequestRefusal>,
    /// The checks the regulation does not state.
    pub not_stated: Vec<RegulationCheck>,
    /// Checks run but not counted (the profile allows them to be unproven).
    pub not_required: Vec<NotRequired>,
    /// Explanations (identity not applied to an official, unstated checks enforced ...).
    pub notes: Vec<String>,
    /// The channel the request came through.
    pub certified_by: SignerRole,
    /// The time judged.
    pub at: DateTime<Utc>,
    /// eContentType (dotted OID).
    pub content_type: String,
    /// Was the signature detached?
    pub detached: bool,
    #[serde(skip)]
    content: Option<RequestContent>,
}

impl RequestVerdict {
    /// Is the request accepted?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// The request's content, only when the verdict is valid.
    pub fn verified_content(&self) -> Option<&RequestContent> {
        self.content.as_ref()
    }
    /// The request's content, only when the verdict is valid.
    pub fn into_verified_content(self) -> Option<RequestContent> {
        self.content
    }
    /// A request-level check by name.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
    }
}

/// Is the request shaped as the identity rule requires? Failed checks when not.
fn request_shape(rule: IdentityRule, request: &RequestIdentity) -> Vec<Check> {
    let mut out = Vec::new();
    match rule {
        IdentityRule::None => {}
        IdentityRule::IinOnly => {
            if request.iin.is_none() {
                out.push(Check::new(
                    CheckName::IinMatch,
                    Outcome::Failed,
                    "the request names no IIN, and the regulation matches the applicant's IIN",
                ));
            }
            if let Some(bin) = request.bin {
                out.push(Check::new(
                    CheckName::BinMatch,
                    Outcome::Failed,
                    format!("the request names BIN {bin}, but the regulation serves individuals and matches the IIN only"),
                ));
            }
        }
        IdentityRule::IinOrBin => {
            if request.iin.is_none() && request.bin.is_none() {
                out.push(Check::new(
                    CheckName::IinMatch,
                    Outcome::Failed,
                    "the request names neither an IIN nor a BIN, and the regulation matches one of them",
                ));
            }
        }
    }
    out
}

/// The identity match of one signer's certificate (`None`: the certificate is missing).
fn identity_checks(
    rule: IdentityRule,
    request: &RequestIdentity,
    subject: Option<&Subject>,
) -> Vec<Check> {
    let mut wants: Vec<(CheckName, String, Option<String>, &str)> = Vec::new();
    let iin_wanted = matches!(rule, IdentityRule::IinOnly | IdentityRule::IinOrBin);
    if iin_wanted {
        if let Some(want) = request.iin {
            wants.push((
                CheckName::IinMatch,
                want.to_string(),
                subject.and_then(|s| s.iin).map(|i| i.to_string()),
                "IIN",
            ));
        }
    }
    if rule == IdentityRule::IinOrBin {
        if let Some(want) = request.bin {
            wants.push((
                CheckName::BinMatch,
                want.to_string(),
                subject.and_then(|s| s.bin).map(|b| b.to_string()),
                "BIN",
            ));
        }
    }
    wants
        .into_iter()
        .map(|(name, want, have, label)| match (subject, have) {
            (None, _) => Check::new(
                name,
                Outcome::Unknown,
                format!("request {label} {want}: not matched, the signer's certificate is not available"),
            ),
            (Some(_), Some(have)) if have == want => {
                Check::new(name, Outcome::Passed, format!("{label} {have}"))
            }
            (Some(_), Some(have)) => Check::new(
                name,
                Outcome::Failed,
                format!("request {label} {want}, certificate {label} {have}"),
            ),
            (Some(_), None) => Check::new(
                name,
                Outcome::Failed,
                format!("request {label} {want}, the certificate has no {label}"),
            ),
        })
        .collect()
}

fn worst(outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    let mut w = Outcome::Passed;
    for o in outcomes {
        w = match (w, o) {
            (Outcome::Failed, _) | (_, Outcome::Failed) => Outcome::Failed,
            (Outcome::Unknown, _) | (_, Outcome::Unknown) => Outcome::Unknown,
            _ => Outcome::Passed,
        };
    }
    w
}

fn is_identity(name: CheckName) -> bool {
    RegulationCheck::of(name) == RegulationCheck::Identity
}

/// The request condition of `profile`: verify `signed` (attached, or detached over
/// `content`) at `at`, with the identity match, signer roles and check selection the
/// profile states. See the module documentation for every decision taken.
///
/// [`NotApplicable`] when the profile's regulation has no EDS step.
pub fn check_request(
    profile: &Profile,
    signed: &SignedData,
    content: Option<&[u8]>,
    request: &RequestIdentity,
    verifier: &Verifier,
    at: DateTime<Utc>,
) -> Result<RequestVerdict, NotApplicable> {
    if !profile.requires_eds() {
        return Err(NotApplicable {
            profile_id: profile.id.clone(),
        });
    }
    // Identity is matched here, per signer: the operator's certificate must not be held to
    // the applicant's IIN. Everything else is the CMS verification with the full
    // certificate condition at the time given.
    let options = VerifyOptions::at(at);
    let cms = match content {
        Some(c) => signed.verify_detached(c, verifier, &options),
        None => signed.verify(verifier, &options),
    };

    let role = request.certified_by;
    let second = profile.needs_second_signer(role);
    let rule = profile.identity;
    let mut notes = Vec::new();

    // Per signer: its checks, the identity match (when it applies), the relaxation.
    let relax = |c: &Check| {
        c.outcome == Outcome::Unknown && !profile.requires(RegulationCheck::of(c.check))
    };
    let mut signers: Vec<RequestSigner> = Vec::with_capacity(cms.signers.len());
    // Under the second-signer policy: each signer's identity match, which tells the
    // applicant (matches) from the operator (does not).
    let mut matches: Vec<(usize, Vec<Check>)> = Vec::new();
    for sv in &cms.signers {
        let subject = sv.certificate.as_ref().map(|v| &v.subject);
        let identity = identity_checks(rule, request, subject);
        let is_match =
            !identity.is_empty() && identity.iter().all(|c| c.outcome == Outcome::Passed);
        let capacity = match role {
            SignerRole::ApplicantPortal => SignerCapacity::Applicant,
            _ if second && is_match => SignerCapacity::Applicant,
            _ => SignerCapacity::Official,
        };
        let mut all: Vec<Check> = sv.checks.clone();
        if second {
            matches.push((sv.index, identity.clone()));
        }
        if capacity == SignerCapacity::Applicant {
            all.extend(identity);
        }
        let (not_required, counted): (Vec<Check>, Vec<Check>) = all.into_iter().partition(relax);
        signers.push(RequestSigner {
            index: sv.index,
            capacity,
            verdict: overall(&counted),
            checks: counted,
            not_required,
            iin: subject.and_then(|s| s.iin),
            bin: subject.and_then(|s| s.bin),
            signer: sv.clone(),
        });
    }
    // Could a signer not be classified (its certificate is missing)?
    let unclassified = matches
        .iter()
        .any(|(_, cs)| cs.iter().any(|c| c.outcome == Outcome::Unknown));

    // The request-level checks.
    let mut checks: Vec<Check> = Vec::new();
    if let Some(c) = cms.check(CheckName::Content) {
        checks.push(c.clone());
    }
    checks.push(signers_check(profile, role, second, unclassified, &signers));
    let shape = request_shape(rule, request);
    let shape_ok = shape.is_empty();
    checks.extend(shape);

    // Each signer check combined over the signers it applies to (identity under the
    // second-signer policy is combined apart, below).
    let mut names: Vec<CheckName> = Vec::new();
    for s in &signers {
        for c in &s.checks {
            let apart = second && is_identity(c.check);
            if !apart && !names.contains(&c.check) {
                names.push(c.check);
            }
        }
    }
    let many = signers.len() > 1;
    for name in names {
        let mut outcomes = Vec::new();
        let mut reasons = Vec::new();
        for s in &signers {
            if let Some(c) = s.checks.iter().find(|c| c.check == name) {
                outcomes.push(c.outcome);
                reasons.push(if many {
                    format!("#{}: {}", s.index, c.reason)
                } else {
                    c.reason.clone()
                });
            }
        }
        checks.push(Check::new(
            name,
            worst(outcomes.into_iter()),
            reasons.join("; "),
        ));
    }

    // Identity under the second-signer policy: some signer (the applicant) must match.
    if second && shape_ok {
        let applicant = signers
            .iter()
            .find(|s| s.capacity == SignerCapacity::Applicant);
        for kind in identity_checks(rule, request, None).iter().map(|c| c.check) {
            let of_kind = |cs: &[Check]| cs.iter().find(|c| c.check == kind).cloned();
            checks.push(match applicant {
                Some(a) => {
                    let reason = matches
                        .iter()
                        .find(|(i, _)| *i == a.index)
                        .and_then(|(_, cs)| of_kind(cs))
                        .map(|c| c.reason)
                        .unwrap_or_default();
                    Check::new(
                        kind,
                        Outcome::Passed,
                        format!("the applicant's signature #{}: {reason}", a.index),
                    )
                }
                None => {
                    let mine: Vec<(usize, Check)> = matches
                        .iter()
                        .filter_map(|(i, cs)| of_kind(cs).map(|c| (*i, c)))
                        .collect();
                    // Unknown when a certificate was missing (it may be the applicant's);
                    // otherwise no signer carries the request's identity.
                    let outcome = if mine.iter().any(|(_, c)| c.outcome == Outcome::Unknown) {
                        Outcome::Unknown
                    } else {
                        Outcome::Failed
                    };
                    let reasons: Vec<String> = mine
                        .iter()
                        .map(|(i, c)| format!("#{i}: {}", c.reason))
                        .collect();
                    Check::new(
                        kind,
                        outcome,
                        format!(
                            "no signature's certificate carries the request's identity (the applicant's signature is missing or does not match): {}",
                            if reasons.is_empty() { "no signature".to_string() } else { reasons.join("; ") }
                        ),
                    )
                }
            });
        }
    }

    // Notes.
    if rule != IdentityRule::None
        && !second
        && role != SignerRole::ApplicantPortal
        && !signers.is_empty()
    {
        notes.push(format!(
            "identity: the request was certified by {} alone; the match between the request's IIN/BIN and a certificate applies to the applicant's signature and was not applied to the official's certificate (the official identified the applicant by an identity document)",
            role.describe()
        ));
    }
    let not_stated = profile.not_stated();
    for c in &not_stated {
        match c {
            RegulationCheck::Identity => {
                notes.push("identity: not stated by the regulation, not checked".to_string())
            }
            RegulationCheck::Authenticity => notes.push(
                "authenticity: not named by the regulation, required anyway (the other checks prove nothing without it)"
                    .to_string(),
            ),
            other if profile.unstated_checks == UnstatedChecks::Required => notes.push(format!(
                "{}: not stated by the regulation, required anyway (the profile's unstated_checks = \"required\")",
                other.as_str()
            )),
            other => notes.push(format!(
                "{}: not stated by the regulation; an unknown outcome is not counted, a failure is",
                other.as_str()
            )),
        }
    }
    let not_required: Vec<NotRequired> = signers
        .iter()
        .flat_map(|s| {
            s.not_required.iter().map(move |c| NotRequired {
                signer: s.index,
                check: c.clone(),
            })
        })
        .collect();

    // The content handed out with a valid verdict: the encapsulated content, or the
    // detached content the signatures were verified over.
    let source = signed.unverified_content().or(content);
    let content_passed = cms
        .check(CheckName::Content)
        .is_some_and(|c| c.outcome == Outcome::Passed);
    if !content_passed && !checks.iter().any(|c| c.check == CheckName::Content)
        || content_passed && source.is_none()
    {
        // Not expected (a passed content check means content), but never valid without it.
        checks.push(Check::new(
            CheckName::Content,
            Outcome::Unknown,
            "no signed content to hand out",
        ));
    }
    let verdict = overall(&checks);
    let refusal = if verdict == Overall::Valid {
        None
    } else {
        profile.refusal_for(&checks)
    };
    let content_out = match (verdict, source) {
        (Overall::Valid, Some(bytes)) => Some(RequestContent(VerifiedContent::new(
            Arc::from(bytes),
            signed.content_type().to_string(),
        ))),
        _ => None,
    };
    Ok(RequestVerdict {
        profile_id: profile.id.clone(),
        verdict,
        checks,
        signers,
        refusal,
        not_stated,
        not_required,
        notes,
        certified_by: role,
        at,
        content_type: cms.content_type.clone(),
        detached: cms.detached,
        content: content_out,
    })
}

/// Who signed, against the profile's roles and the second-signer policy.
fn signers_check(
    profile: &Profile,
    role: SignerRole,
    second: bool,
    unclassified: bool,
    signers: &[RequestSigner],
) -> Check {
    let fail = |r: String| Check::new(CheckName::Signers, Outcome::Failed, r);
    if !profile.allows(role) {
        let allowed: Vec<&str> = profile.signer_roles.iter().map(|r| r.as_str()).collect();
        return fail(format!(
            "the regulation does not provide for a request certified by {} (roles: {})",
            role.describe(),
            allowed.join(", ")
        ));
    }
    if signers.is_empty() {
        return fail("the request carries no signature".into());
    }
    let applicants = signers
        .iter()
        .filter(|s| s.capacity == SignerCapacity::Applicant)
        .count();
    let officials = signers.len() - applicants;
    if second {
        if applicants == 0 && unclassified {
            return Check::new(
                CheckName::Signers,
                Outcome::Unknown,
                "no signature is the applicant's among those whose certificate is available; a signer's certificate is missing, so whose it is cannot be told",
            );
        }
        if applicants == 0 {
            return fail(format!(
                "a request certified at a service centre needs the applicant's signature after the operator's: none of the {} signature(s) is the applicant's",
                signers.len()
            ));
        }
        if officials == 0 {
            return fail(format!(
                "a request certified at a service centre needs the operator's signature and the applicant's: the {} signature(s) are all the applicant's",
                signers.len()
            ));
        }
        return Check::new(
            CheckName::Signers,
            Outcome::Passed,
            format!(
                "{officials} operator signature(s) and {applicants} applicant signature(s), as the regulation requires for a service-centre request"
            ),
        );
    }
    Check::new(
        CheckName::Signers,
        Outcome::Passed,
        format!("{} signature(s) by {}", signers.len(), role.describe()),
    )
}
