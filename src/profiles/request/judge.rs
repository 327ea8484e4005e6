//! Judging a signed request under a profile: its shape, each signer's certificate and role
//! (the applicant by the identity match, an official by role and organisation), and the
//! signers together as the profile's signature step requires.

use super::*;

/// Is the request shaped as the identity rule requires? Failed checks when not.
pub(super) fn request_shape(rule: IdentityRule, request: &RequestIdentity) -> Vec<Check> {
    let mut out = Vec::new();
    match rule {
        IdentityRule::None => {}
        IdentityRule::IinOnly => {
            if request.iin.is_none() {
                out.push(Check::new(
                    CheckName::IinMatch,
                    Outcome::Failed,
                    ReasonKind::Missing,
                    "the request names no IIN, and the regulation matches the applicant's IIN",
                ));
            }
            if let Some(bin) = request.bin {
                out.push(Check::new(
                    CheckName::BinMatch,
                    Outcome::Failed,
                    ReasonKind::NotPermitted,
                    format!("the request names BIN {bin}, but the regulation serves individuals and matches the IIN only"),
                ));
            }
        }
        IdentityRule::IinOrBin => {
            if request.iin.is_none() && request.bin.is_none() {
                out.push(Check::new(
                    CheckName::IinMatch,
                    Outcome::Failed,
                    ReasonKind::Missing,
                    "the request names neither an IIN nor a BIN, and the regulation matches one of them",
                ));
            }
        }
    }
    out
}

/// The identity match of one signer's certificate (`None`: the certificate is missing),
/// for what the rule matches: the IIN under both rules, the BIN under IIN-or-BIN; under
/// [`IdentityRule::None`], whatever the caller states (the regulation asks no match, but
/// a caller who names an IIN or BIN is answered about it, never "valid" unchecked: review
/// 102).
pub(super) fn identity_checks(
    rule: IdentityRule,
    request: &RequestIdentity,
    subject: Option<&Subject>,
) -> Vec<Check> {
    let iin = request.iin;
    let bin = request
        .bin
        .filter(|_| matches!(rule, IdentityRule::IinOrBin | IdentityRule::None));
    crate::condition::identity_match(iin, bin, subject)
}

pub(super) fn worst(outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    outcomes.max().unwrap_or(Outcome::Passed)
}

pub(super) fn is_identity(name: CheckName) -> bool {
    RegulationCheck::of(name) == RegulationCheck::Identity
}

/// The proof that a signer's certificate is an official's of the organisation whose BIN
/// the caller gave: a legal entity's certificate with one of the profile's officials' roles
/// and that BIN.
pub(super) fn official_check(
    kind: SignatureRole,
    profile: &Profile,
    request: &RequestIdentity,
    certificate: Option<&crate::verdict::Verdict>,
) -> Check {
    let (expected, whose, option) = match kind {
        SignatureRole::ServiceCenterOperator => (
            request.service_center_bin,
            "the service centre's",
            "service_center_bin",
        ),
        _ => (request.provider_bin, "the provider's", "provider_bin"),
    };
    let unknown = |r: String| {
        Check::new(
            CheckName::SignerRole,
            Outcome::Unknown,
            ReasonKind::NotAvailable,
            r,
        )
    };
    let failed = |k, r: String| Check::new(CheckName::SignerRole, Outcome::Failed, k, r);
    let Some(cert) = certificate else {
        return unknown(format!(
            "{}: not proven, the signer's certificate is not available",
            kind.describe()
        ));
    };
    let wanted: Vec<String> = profile
        .official_roles
        .iter()
        .map(|r| format!("{r:?}"))
        .collect();
    let legal = cert.roles().contains(&NcaRole::LegalEntity);
    let official = cert
        .roles()
        .iter()
        .any(|r| profile.official_roles.contains(r));
    if !legal || !official {
        return failed(ReasonKind::NotProven, format!(
            "{}: the certificate is not an official's (a legal entity's certificate with the role {}); its roles: {}",
            kind.describe(),
            wanted.join(" or "),
            if cert.roles().is_empty() {
                "none".to_string()
            } else {
                cert.roles()
                    .iter()
                    .map(|r| format!("{r:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
    }
    let Some(expected) = expected else {
        return unknown(format!(
            "{}: not proven, {whose} BIN was not given ({option}): an official's certificate is told from another organisation's by it",
            kind.describe()
        ));
    };
    match cert.subject().bin {
        Some(bin) if bin == expected => Check::passed(
            CheckName::SignerRole,
            format!("{}: an official of BIN {bin}", kind.describe()),
        ),
        Some(bin) => failed(
            ReasonKind::Mismatch,
            format!(
                "{}: the certificate's BIN {bin} is not {whose} {expected}",
                kind.describe()
            ),
        ),
        None => failed(
            ReasonKind::Missing,
            format!(
                "{}: the certificate carries no BIN ({whose} is {expected})",
                kind.describe()
            ),
        ),
    }
}

/// The request condition of `profile`: verify `signed` (attached, or detached over
/// `content`) at `at` (the caller's time, or a [`RequestTime::claimed`] one), with the
/// identity match, signer roles and check selection the profile states. The IIN/BIN
/// compared are the ones `request` states; to take them from the signed request itself,
/// read against the service's form, use [`check_signed_request`]. When the signed content
/// is the service's form, a stated IIN/BIN that is not the form's fails the
/// `request_form` check. See the module documentation for every decision taken.
///
/// [`NotApplicable`] when the profile's regulation has no EDS step.
pub fn check_request(
    profile: &Profile,
    signed: &SignedData,
    content: Option<&[u8]>,
    request: &RequestIdentity,
    verifier: &Verifier,
    at: impl Into<RequestTime>,
) -> Result<RequestVerdict, NotApplicable> {
    if !profile.requires_eds() {
        return Err(NotApplicable {
            profile_id: profile.id.clone(),
        });
    }
    // The signed content may be the service's own request form: an IIN or BIN stated
    // here must then be the one it carries, else the signer signed another person's
    // request under the caller's word (review 54). Content that presents itself as a
    // request document but is not this service's form (another service's, a field too
    // many) is refused as `check_signed_request` refuses it: otherwise a stated IIN would
    // be compared with nothing (review 55). Other content is the caller's to vouch for.
    let extra = match signed.unverified_content().or(content) {
        Some(bytes) => match RequestDocument::read(profile, bytes) {
            Ok(doc) => super::signed::stated_against_form(request, &doc),
            Err(FormError::NoForm(_)) => Vec::new(),
            Err(e) if super::presents::presents_as_request(bytes) => {
                vec![super::signed::form_failure(&e)]
            }
            Err(_) => Vec::new(),
        },
        None => Vec::new(),
    };
    Ok(judge_cms(
        profile,
        signed,
        content,
        request,
        verifier,
        at.into(),
        extra,
    ))
}

/// Under a claimed time ([`RequestTime::claimed`]) the signers' certificates are judged at
/// the time checked too (review 54): a signer's claim proves nothing (the signature may
/// have been made at any time up to the check), and condition 2 checks the certificate's
/// validity and the revoked list when the service is asked. Only a time-stamp places a
/// signature in the past. For each signer (`index`, its certificate's verdict at
/// `checked_at`) whose certificate is not valid then: a check of its first check that
/// failed (else was unknown and the regulation requires it proven), its outcome, said of
/// the time checked.
pub(super) fn at_the_time_checked<'a>(
    profile: &Profile,
    checked_at: DateTime<Utc>,
    certificates: impl Iterator<Item = (usize, Option<&'a crate::Verdict>)>,
) -> Vec<Check> {
    let mut out = Vec::new();
    for (index, verdict) in certificates {
        let Some(verdict) = verdict else {
            continue;
        };
        // The profile's relaxation, as for the signer's own checks: an unknown outcome of
        // a check the regulation lets go unproven counts no more here (review 55).
        let counted = |c: &&Check| {
            c.outcome == Outcome::Failed
                || c.outcome == Outcome::Unknown && profile.requires(RegulationCheck::of(c.check))
        };
        let checks = crate::verdict::Judged::checks(verdict);
        let first = checks
            .iter()
            .filter(counted)
            .find(|c| c.outcome == Outcome::Failed)
            .or_else(|| checks.iter().find(counted));
        if let Some(c) = first {
            out.push(Check::new(
                c.check,
                c.outcome,
                c.kind,
                format!(
                    "signer #{}: at the time checked ({}), not only the time the signer claims: {} (a claimed signing time proves nothing; only a time-stamp places a signature in the past)",
                    index,
                    checked_at.to_rfc3339(),
                    c.reason
                ),
            ));
        }
    }
    out
}

/// The CMS request judged, with `extra` request-level checks (the form's).
pub(super) fn judge_cms(
    profile: &Profile,
    signed: &SignedData,
    content: Option<&[u8]>,
    request: &RequestIdentity,
    verifier: &Verifier,
    at: RequestTime,
    extra: Vec<Check>,
) -> RequestVerdict {
    // Identity is matched here, per signer: an official's certificate must not be held to
    // the applicant's IIN. Everything else is the CMS verification with the full
    // certificate condition at the time given.
    let options = VerifyOptions::new(at.expectation());
    let cms = match content {
        Some(c) => signed.verify_detached(c, verifier, &options),
        None => signed.verify(verifier, &options),
    };
    let inputs: Vec<SignerIn<'_>> = cms
        .signers
        .iter()
        .map(|sv| SignerIn {
            index: sv.index,
            checks: &sv.checks,
            certificate: sv.certificate.as_ref(),
            signature: RequestSignature::Cms(sv.clone()),
        })
        .collect();
    let mut judged = judge_signers(profile, request, inputs);
    let mut checks: Vec<Check> = Vec::new();
    if let Some(c) = cms.check(CheckName::Content) {
        checks.push(c.clone());
    }
    checks.extend(extra);
    if let crate::TimeSource::Claimed { checked_at } = at.source {
        let options = VerifyOptions::new(crate::condition::Expectation::at(checked_at));
        let now = match content {
            Some(c) => signed.verify_detached(c, verifier, &options),
            None => signed.verify(verifier, &options),
        };
        checks.extend(at_the_time_checked(
            profile,
            checked_at,
            now.signers
                .iter()
                .map(|s| (s.index, s.certificate.as_ref())),
        ));
    }
    judged.officials_only &= checks.iter().all(|c| c.outcome == Outcome::Passed);
    checks.append(&mut judged.checks);

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
            ReasonKind::NotAvailable,
            "no signed content to hand out",
        ));
    }
    let content = source.map(|bytes| (Arc::from(bytes), signed.content_type().to_string()));
    judged.finish(
        profile,
        request,
        at.at,
        checks,
        cms.content_type.clone(),
        cms.detached,
        content,
    )
}

/// One signature of a request, as the CMS or XML verification judged it.
pub(super) struct SignerIn<'a> {
    pub(super) index: usize,
    pub(super) checks: &'a [Check],
    pub(super) certificate: Option<&'a crate::verdict::Verdict>,
    pub(super) signature: RequestSignature,
}

/// The signers judged under the profile, and the request-level checks they give.
pub(super) struct Judgement {
    pub(super) signers: Vec<RequestSigner>,
    /// `signers`, then the identity shape, then each signer check combined.
    pub(super) checks: Vec<Check>,
    pub(super) notes: Vec<String>,
    /// Every signature that failed is an official's (a centre operator's, a provider
    /// employee's), the roles and the request's shape hold, and so do the request-level
    /// checks made before the signers' (the callers clear it otherwise): the refusal is
    /// the decree's refusal to sign ([`Profile::official_refusal_for`]), review 57.
    pub(super) officials_only: bool,
}

impl Judgement {
    /// The verdict: `checks` (the request-level checks before the signers') with the
    /// signers' judgement, the refusal, and the content handed out when valid.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn finish(
        self,
        profile: &Profile,
        request: &RequestIdentity,
        at: DateTime<Utc>,
        mut checks: Vec<Check>,
        content_type: String,
        detached: bool,
        content: Option<(Arc<[u8]>, String)>,
    ) -> RequestVerdict {
        let Judgement {
            signers,
            checks: signer_checks,
            notes,
            officials_only,
        } = self;
        checks.extend(signer_checks);
        // Only officials' signatures failed, the content held: the decree's refusal to
        // sign, where it words one.
        let officials_only = officials_only
            && checks
                .iter()
                .filter(|c| c.check == CheckName::Content)
                .all(|c| c.outcome == Outcome::Passed);
        let not_stated = profile.not_stated();
        let not_required: Vec<NotRequired> = signers
            .iter()
            .flat_map(|s| {
                s.not_required.iter().map(move |c| NotRequired {
                    signer: s.index,
                    check: c.clone(),
                })
            })
            .collect();
        let verdict = overall(&checks);
        let refusal = if verdict == Overall::Valid {
            None
        } else if officials_only {
            profile.official_refusal_for(&checks)
        } else {
            profile.refusal_for(&checks)
        };
        let content_out = match (verdict, content) {
            (Overall::Valid, Some((bytes, ty))) => {
                Some(RequestContent(crate::cms::Content::verified(bytes, ty)))
            }
            _ => None,
        };
        RequestVerdict {
            profile_id: profile.id.clone(),
            verdict,
            checks,
            signers,
            refusal,
            not_stated,
            not_required,
            notes,
            certified_by: request.certified_by,
            at,
            content_type,
            detached,
            compared: Vec::new(),
            content: content_out,
            form: None,
        }
    }
}
