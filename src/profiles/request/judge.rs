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
/// for what the rule matches: the IIN under both rules, the BIN under IIN-or-BIN.
pub(super) fn identity_checks(
    rule: IdentityRule,
    request: &RequestIdentity,
    subject: Option<&Subject>,
) -> Vec<Check> {
    let iin = request
        .iin
        .filter(|_| matches!(rule, IdentityRule::IinOnly | IdentityRule::IinOrBin));
    let bin = request.bin.filter(|_| rule == IdentityRule::IinOrBin);
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
/// `content`) at `at` (the caller's time, or a [`RequestTime::claimed`] one), with the identity match, signer roles and check selection the
/// profile states. The IIN/BIN compared are the ones `request` states; to take them from
/// the signed request itself, read against the service's form, use
/// [`check_signed_request`]. See the module documentation for every decision taken.
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
    Ok(judge_cms(
        profile,
        signed,
        content,
        request,
        verifier,
        at.into(),
        Vec::new(),
    ))
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
        } = self;
        checks.extend(signer_checks);
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

/// Each signature judged under the profile: its role among the channel's, its checks, the
/// identity match when it is the applicant's.
pub(super) fn judge_signers(
    profile: &Profile,
    request: &RequestIdentity,
    cms_signers: Vec<SignerIn<'_>>,
) -> Judgement {
    let channel = request.certified_by;
    let wanted: &[SignatureRole] = profile.signatures_for(channel).unwrap_or_default();
    let rule = profile.identity;
    let portal = wanted == [SignatureRole::Applicant];
    let mut notes = Vec::new();

    // What each signer's certificate proves: the applicant's identity match, and each
    // official role the channel carries.
    struct Proofs {
        identity: Vec<Check>,
        officials: Vec<(SignatureRole, Check)>,
    }
    let proofs: Vec<Proofs> = cms_signers
        .iter()
        .map(|sv| Proofs {
            identity: identity_checks(rule, request, sv.certificate.map(|v| v.subject())),
            officials: wanted
                .iter()
                .filter(|r| **r != SignatureRole::Applicant)
                .map(|r| (*r, official_check(*r, profile, request, sv.certificate)))
                .collect(),
        })
        .collect();
    let identity_holds = |p: &Proofs| {
        rule == IdentityRule::None || p.identity.iter().all(|c| c.outcome == Outcome::Passed)
    };

    // Assign the channel's signatures to the signers that prove them: officials first
    // (their proof names one organisation), then the applicant. Through the portal every
    // signature is the applicant's.
    let mut roles: Vec<Option<SignatureRole>> = vec![None; cms_signers.len()];
    if portal {
        roles.fill(Some(SignatureRole::Applicant));
    } else {
        for kind in wanted.iter().filter(|r| **r != SignatureRole::Applicant) {
            let found = proofs.iter().enumerate().position(|(i, p)| {
                roles.get(i) == Some(&None)
                    && p.officials
                        .iter()
                        .any(|(k, c)| k == kind && c.outcome == Outcome::Passed)
            });
            if let Some(slot) = found.and_then(|i| roles.get_mut(i)) {
                *slot = Some(*kind);
            }
        }
        if wanted.contains(&SignatureRole::Applicant) {
            // A signer proven not to be one of the channel's officials is the applicant
            // before one whose official proof is only unknown (the organisation's BIN not
            // given): under IdentityRule::None, where any signer "holds" the identity, the
            // first free signer could be the very operator not yet proven, and the real
            // applicant's signature would then be judged a stray (invalid) instead of the
            // operator unproven (indeterminate).
            let free: Vec<usize> = proofs
                .iter()
                .enumerate()
                .filter(|(i, p)| roles.get(*i) == Some(&None) && identity_holds(p))
                .map(|(i, _)| i)
                .collect();
            let surely_not_official = |i: &usize| {
                proofs.get(*i).is_some_and(|p| {
                    p.officials
                        .iter()
                        .all(|(_, c)| c.outcome == Outcome::Failed)
                })
            };
            // One proven an official (a second signature of the operator, another
            // employee of the centre) is never the applicant: that would let an official
            // stand for the applicant whose signature the regulation requires.
            let proven_official = |i: &usize| {
                proofs.get(*i).is_some_and(|p| {
                    p.officials
                        .iter()
                        .any(|(_, c)| c.outcome == Outcome::Passed)
                })
            };
            let found = free
                .iter()
                .copied()
                .find(surely_not_official)
                .or(free.iter().copied().find(|i| !proven_official(i)));
            if let Some(slot) = found.and_then(|i| roles.get_mut(i)) {
                *slot = Some(SignatureRole::Applicant);
            }
        }
    }

    // Per signer: its checks, the proof of its role, the relaxation.
    let relax = |c: &Check| {
        c.outcome == Outcome::Unknown && !profile.requires(RegulationCheck::of(c.check))
    };
    let mut signers: Vec<RequestSigner> = Vec::with_capacity(cms_signers.len());
    for ((sv, p), role) in cms_signers.into_iter().zip(&proofs).zip(&roles) {
        let subject = sv.certificate.map(|v| v.subject());
        let mut all: Vec<Check> = sv.checks.to_vec();
        match role {
            Some(SignatureRole::Applicant) => all.extend(p.identity.iter().cloned()),
            Some(kind) => all.extend(
                p.officials
                    .iter()
                    .filter(|(k, _)| k == kind)
                    .map(|(_, c)| c.clone()),
            ),
            // Proves no role the channel carries: say why, for each role still missing.
            None => {
                for kind in wanted {
                    if roles.contains(&Some(*kind)) {
                        continue;
                    }
                    if *kind == SignatureRole::Applicant {
                        all.extend(
                            p.identity
                                .iter()
                                .filter(|c| c.outcome != Outcome::Passed)
                                .cloned(),
                        );
                    } else {
                        all.extend(
                            p.officials
                                .iter()
                                .filter(|(k, c)| k == kind && c.outcome != Outcome::Passed)
                                .map(|(_, c)| c.clone()),
                        );
                    }
                }
            }
        }
        let (not_required, counted): (Vec<Check>, Vec<Check>) = all.into_iter().partition(relax);
        signers.push(RequestSigner {
            index: sv.index,
            role: *role,
            verdict: overall(&counted),
            checks: counted,
            not_required,
            iin: subject.and_then(|s| s.iin),
            bin: subject.and_then(|s| s.bin),
            signer: sv.signature,
        });
    }

    // The request-level checks.
    let mut checks: Vec<Check> = Vec::new();
    checks.push(signers_check(profile, channel, wanted, &signers));
    let shape = request_shape(rule, request);
    let shape_ok = shape.is_empty();
    checks.extend(shape);

    // Each signer check combined over the signers it applies to (the worst outcome).
    let mut names: Vec<CheckName> = Vec::new();
    for s in &signers {
        for c in &s.checks {
            if !names.contains(&c.check) {
                names.push(c.check);
            }
        }
    }
    let many = signers.len() > 1;
    for name in names {
        let mut outcomes = Vec::new();
        let mut reasons = Vec::new();
        let mut kinds = Vec::new();
        for s in &signers {
            if let Some(c) = s.checks.iter().find(|c| c.check == name) {
                outcomes.push(c.outcome);
                kinds.push((c.outcome, c.kind));
                reasons.push(if many {
                    format!("#{}: {}", s.index, c.reason)
                } else {
                    c.reason.clone()
                });
            }
        }
        let outcome = worst(outcomes.into_iter());
        // What the worst of them found.
        let kind = kinds
            .iter()
            .find(|(o, _)| *o == outcome)
            .map_or(ReasonKind::combined(outcome), |(_, k)| *k);
        checks.push(Check::new(name, outcome, kind, reasons.join("; ")));
    }

    // The applicant's signature is missing (or proves no match): the identity the
    // regulation states is then not proven, and is said so by name.
    let applicant_missing = !portal
        && wanted.contains(&SignatureRole::Applicant)
        && !roles.contains(&Some(SignatureRole::Applicant));
    if applicant_missing && shape_ok && rule != IdentityRule::None {
        for kind in identity_checks(rule, request, None).iter().map(|c| c.check) {
            if checks.iter().any(|c| c.check == kind) {
                continue;
            }
            let mine: Vec<(usize, Check)> = proofs
                .iter()
                .zip(&signers)
                .filter_map(|(p, s)| {
                    p.identity
                        .iter()
                        .find(|c| c.check == kind)
                        .map(|c| (s.index, c.clone()))
                })
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
            checks.push(Check::new(
                kind,
                outcome,
                if outcome == Outcome::Unknown {
                    ReasonKind::NotAvailable
                } else {
                    ReasonKind::Mismatch
                },
                format!(
                    "no signature's certificate carries the request's identity (the applicant's signature is missing or does not match): {}",
                    if reasons.is_empty() { "no signature".to_string() } else { reasons.join("; ") }
                ),
            ));
        }
    }

    // Notes.
    if rule != IdentityRule::None
        && !wanted.is_empty()
        && !wanted.contains(&SignatureRole::Applicant)
        && !signers.is_empty()
    {
        notes.push(format!(
            "identity: the request was certified by {} alone; the match between the request's IIN/BIN and a certificate applies to the applicant's signature and was not applied to the official's certificate (the official identified the applicant by an identity document); the official's own role and organisation were proven instead",
            channel.describe()
        ));
    }
    if rule == IdentityRule::None && wanted.contains(&SignatureRole::Applicant) && !portal {
        notes.push(
            "identity: not stated by the regulation, so the applicant's signature is the one that is not an official's"
                .to_string(),
        );
    }
    for c in &profile.not_stated() {
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
    Judgement {
        signers,
        checks,
        notes,
    }
}

/// Who signed, against the channel's signatures: each proven by one signer, and no
/// signature that proves none.
pub(super) fn signers_check(
    profile: &Profile,
    channel: SignerRole,
    wanted: &[SignatureRole],
    signers: &[RequestSigner],
) -> Check {
    let fail = |k, r: String| Check::new(CheckName::Signers, Outcome::Failed, k, r);
    if wanted.is_empty() {
        let allowed: Vec<&str> = profile.signer_roles.iter().map(|r| r.as_str()).collect();
        return fail(
            ReasonKind::NotPermitted,
            format!(
                "the regulation does not provide for a request certified by {} (channels: {})",
                channel.describe(),
                allowed.join(", ")
            ),
        );
    }
    if signers.is_empty() {
        return fail(
            ReasonKind::Missing,
            "the request carries no signature".into(),
        );
    }
    let unproven = |s: &RequestSigner| {
        s.checks
            .iter()
            .any(|c| c.outcome == Outcome::Unknown && is_role_proof(c.check))
    };
    let missing: Vec<SignatureRole> = wanted
        .iter()
        .copied()
        .filter(|r| !signers.iter().any(|s| s.role == Some(*r)))
        .collect();
    let strays: Vec<&RequestSigner> = signers.iter().filter(|s| s.role.is_none()).collect();
    if !missing.is_empty() || !strays.is_empty() {
        let mut reason = Vec::new();
        if !missing.is_empty() {
            reason.push(format!(
                "a request certified by {} carries the signatures of {}: no signature proves {}",
                channel.describe(),
                wanted
                    .iter()
                    .map(|r| r.describe())
                    .collect::<Vec<_>>()
                    .join(", then "),
                missing
                    .iter()
                    .map(|r| r.describe())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        if !strays.is_empty() {
            reason.push(format!(
                "signature(s) {} prove no role the channel carries",
                strays
                    .iter()
                    .map(|s| format!("#{}", s.index))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        // Unknown only when a stray signer could not be judged (its certificate missing,
        // an organisation's BIN not given); a role proven absent fails.
        let outcome = if strays.iter().all(|s| unproven(s)) && !strays.is_empty() {
            Outcome::Unknown
        } else {
            Outcome::Failed
        };
        return Check::new(
            CheckName::Signers,
            outcome,
            ReasonKind::NotProven,
            reason.join("; "),
        );
    }
    Check::passed(
        CheckName::Signers,
        signers
            .iter()
            .map(|s| {
                format!(
                    "#{} {}",
                    s.index,
                    s.role.map(SignatureRole::describe).unwrap_or("?")
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Checks that prove a signer's role: the identity match (the applicant) or the official's
/// role and organisation.
pub(super) fn is_role_proof(name: CheckName) -> bool {
    is_identity(name) || name == CheckName::SignerRole
}
