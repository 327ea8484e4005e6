//! The signers of a request judged together under a profile: which of the channel's
//! signatures each one proves (an official by role and organisation, the applicant by the
//! identity match), each signer's checks with the profile's relaxations, and the
//! request-level checks they give.

use super::*;

/// What a signer's certificate proves: the applicant's identity match, and each official
/// role the channel carries.
struct Proofs {
    identity: Vec<Check>,
    officials: Vec<(SignatureRole, Check)>,
    /// Every person and organisation the certificate names, its one IIN and BIN or the
    /// values that make them ambiguous (who may not stand for the applicant: reviews 54,
    /// 55).
    iins: Vec<crate::identity::Iin>,
    bins: Vec<crate::identity::Bin>,
    /// Does the certificate name more than one IIN or BIN?
    ambiguous: bool,
}

impl Proofs {
    /// Is the signer proven to hold the official role `kind`?
    fn proves(&self, kind: SignatureRole) -> bool {
        self.officials
            .iter()
            .any(|(k, c)| *k == kind && c.outcome == Outcome::Passed)
    }

    /// Is the signer proven to be one of the channel's officials?
    fn proven_official(&self) -> bool {
        self.officials
            .iter()
            .any(|(_, c)| c.outcome == Outcome::Passed)
    }

    /// Is the signer proven to be none of the channel's officials?
    fn surely_not_official(&self) -> bool {
        self.officials
            .iter()
            .all(|(_, c)| c.outcome == Outcome::Failed)
    }
}

/// The channel's signatures and how the request's identity is matched.
struct Step<'p> {
    profile: &'p Profile,
    request: &'p RequestIdentity,
    wanted: &'p [SignatureRole],
    rule: IdentityRule,
    /// Through the portal every signature is the applicant's.
    portal: bool,
}

/// Each signature judged under the profile: its role among the channel's, its checks, the
/// identity match when it is the applicant's.
pub(super) fn judge_signers(
    profile: &Profile,
    request: &RequestIdentity,
    cms_signers: Vec<SignerIn<'_>>,
) -> Judgement {
    let wanted: &[SignatureRole] = profile
        .signatures_for(request.certified_by)
        .unwrap_or_default();
    let step = Step {
        profile,
        request,
        wanted,
        rule: profile.identity,
        portal: wanted == [SignatureRole::Applicant],
    };
    let proofs: Vec<Proofs> = cms_signers
        .iter()
        .map(|sv| Proofs {
            identity: identity_checks(step.rule, request, sv.certificate.map(|v| v.subject())),
            officials: wanted
                .iter()
                .filter(|r| **r != SignatureRole::Applicant)
                .map(|r| (*r, official_check(*r, profile, request, sv.certificate)))
                .collect(),
            iins: sv.certificate.map_or_else(Vec::new, |v| {
                let s = v.subject();
                s.iin
                    .into_iter()
                    .chain(s.ambiguous_iins.iter().copied())
                    .collect()
            }),
            bins: sv.certificate.map_or_else(Vec::new, |v| {
                let s = v.subject();
                s.bin
                    .into_iter()
                    .chain(s.ambiguous_bins.iter().copied())
                    .collect()
            }),
            ambiguous: sv.certificate.is_some_and(|v| {
                !v.subject().ambiguous_iins.is_empty() || !v.subject().ambiguous_bins.is_empty()
            }),
        })
        .collect();
    let roles = step.assign_roles(&proofs);
    let signers: Vec<RequestSigner> = cms_signers
        .into_iter()
        .zip(&proofs)
        .zip(&roles)
        .map(|((sv, p), role)| step.signer(sv, p, *role, &roles))
        .collect();

    let mut checks: Vec<Check> = vec![signers_check(
        profile,
        request.certified_by,
        wanted,
        &signers,
    )];
    let shape = request_shape(step.rule, request);
    let shape_ok = shape.is_empty();
    checks.extend(shape);
    checks.extend(combined(&signers));
    let applicant_missing = !step.portal
        && wanted.contains(&SignatureRole::Applicant)
        && !roles.contains(&Some(SignatureRole::Applicant));
    let stated = request.iin.is_some() || request.bin.is_some();
    if applicant_missing && shape_ok && (step.rule != IdentityRule::None || stated) {
        step.identity_unproven(&proofs, &signers, &mut checks);
    }
    let notes = step.notes(!signers.is_empty());
    let officials_only = {
        let mut failing = signers
            .iter()
            .filter(|s| s.verdict != Overall::Valid)
            .peekable();
        failing.peek().is_some()
            && failing.all(|s| {
                matches!(
                    s.role,
                    Some(SignatureRole::ServiceCenterOperator | SignatureRole::ProviderEmployee)
                )
            })
    } && checks.first().is_some_and(|c| c.outcome == Outcome::Passed)
        && shape_ok
        && !applicant_missing;
    Judgement {
        signers,
        checks,
        notes,
        officials_only,
    }
}

impl Step<'_> {
    /// The channel's signatures assigned to the signers that prove them: officials first
    /// (their proof names one organisation), then the applicant.
    fn assign_roles(&self, proofs: &[Proofs]) -> Vec<Option<SignatureRole>> {
        let mut roles: Vec<Option<SignatureRole>> = vec![None; proofs.len()];
        if self.portal {
            roles.fill(Some(SignatureRole::Applicant));
            return roles;
        }
        for kind in self
            .wanted
            .iter()
            .filter(|r| **r != SignatureRole::Applicant)
        {
            let found = proofs
                .iter()
                .enumerate()
                .position(|(i, p)| roles.get(i) == Some(&None) && p.proves(*kind));
            if let Some(slot) = found.and_then(|i| roles.get_mut(i)) {
                *slot = Some(*kind);
            }
        }
        if self.wanted.contains(&SignatureRole::Applicant) {
            // A signer proven not to be one of the channel's officials is the applicant
            // before one whose official proof is only unknown (the organisation's BIN not
            // given): under IdentityRule::None with no identity stated, where any signer
            // "holds" the identity (nothing is matched), the first free signer could be
            // the very operator not yet proven, and the real applicant's signature would
            // then be judged a stray (invalid) instead of the operator unproven
            // (indeterminate). One proven an official (a second signature of the
            // operator, another employee of the centre) is never the applicant: that
            // would let an official stand for the applicant whose signature the
            // regulation requires.
            let identity_holds =
                |p: &Proofs| p.identity.iter().all(|c| c.outcome == Outcome::Passed);
            // Nor is the person of an official's signature (the operator's own private
            // certificate: one person, two signatures), nor a certificate of the centre or
            // the provider itself (its BIN the caller named: its head, another of its
            // staff): neither is the applicant, whatever the identity rule (review 54).
            // A certificate naming two IINs or BINs is told apart from neither (review 55).
            let officials_iins: Vec<crate::identity::Iin> = roles
                .iter()
                .zip(proofs)
                .filter(|(r, _)| r.is_some())
                .flat_map(|(_, p)| p.iins.iter().copied())
                .collect();
            let organisations: Vec<crate::identity::Bin> =
                [self.request.service_center_bin, self.request.provider_bin]
                    .into_iter()
                    .flatten()
                    .collect();
            let may_be_applicant = |p: &Proofs| {
                !p.ambiguous
                    && !p.iins.iter().any(|i| officials_iins.contains(i))
                    && !p.bins.iter().any(|b| organisations.contains(b))
            };
            let free: Vec<usize> = proofs
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    roles.get(*i) == Some(&None) && identity_holds(p) && may_be_applicant(p)
                })
                .map(|(i, _)| i)
                .collect();
            let is = |i: &usize, test: fn(&Proofs) -> bool| proofs.get(*i).is_some_and(test);
            let index = free
                .iter()
                .copied()
                .find(|i| is(i, Proofs::surely_not_official))
                .or(free
                    .iter()
                    .copied()
                    .find(|i| !is(i, Proofs::proven_official)));
            if let Some(slot) = index.and_then(|i| roles.get_mut(i)) {
                *slot = Some(SignatureRole::Applicant);
            }
        }
        roles
    }

    /// One signer with its checks: its signature's, the proof of its role (or, when it
    /// proves none, why, for each role still missing), the profile's relaxation.
    fn signer(
        &self,
        sv: SignerIn<'_>,
        p: &Proofs,
        role: Option<SignatureRole>,
        roles: &[Option<SignatureRole>],
    ) -> RequestSigner {
        let subject = sv.certificate.map(|v| v.subject());
        let mut all: Vec<Check> = sv.checks.to_vec();
        match role {
            Some(SignatureRole::Applicant) => all.extend(p.identity.iter().cloned()),
            Some(kind) => all.extend(
                p.officials
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, c)| c.clone()),
            ),
            None => {
                for kind in self.wanted {
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
        let relax = |c: &Check| {
            c.outcome == Outcome::Unknown && !self.profile.requires(RegulationCheck::of(c.check))
        };
        let (not_required, counted): (Vec<Check>, Vec<Check>) = all.into_iter().partition(relax);
        RequestSigner {
            index: sv.index,
            role,
            verdict: overall(&counted),
            checks: counted,
            not_required,
            iin: subject.and_then(|s| s.iin),
            bin: subject.and_then(|s| s.bin),
            signer: sv.signature,
        }
    }

    /// The applicant's signature is missing (or proves no match): the identity the
    /// regulation states is then not proven, and is said so by name.
    fn identity_unproven(
        &self,
        proofs: &[Proofs],
        signers: &[RequestSigner],
        checks: &mut Vec<Check>,
    ) {
        for kind in identity_checks(self.rule, self.request, None)
            .iter()
            .map(|c| c.check)
        {
            if checks.iter().any(|c| c.check == kind) {
                continue;
            }
            let mine: Vec<(usize, Check)> = proofs
                .iter()
                .zip(signers)
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

    /// What the verdict explains: the identity match where it was not applied, and the
    /// checks the regulation does not state.
    fn notes(&self, any_signer: bool) -> Vec<String> {
        let (rule, wanted) = (self.rule, self.wanted);
        let mut notes = Vec::new();
        if rule != IdentityRule::None
            && !wanted.is_empty()
            && !wanted.contains(&SignatureRole::Applicant)
            && any_signer
        {
            notes.push(format!(
                "identity: the request was certified by {} alone; the match between the request's IIN/BIN and a certificate applies to the applicant's signature and was not applied to the official's certificate (the official identified the applicant by an identity document); the official's own role and organisation were proven instead",
                self.request.certified_by.describe()
            ));
        }
        if rule == IdentityRule::None && wanted.contains(&SignatureRole::Applicant) && !self.portal
        {
            notes.push(
                "identity: not stated by the regulation, so the applicant's signature is the one that is not an official's"
                    .to_string(),
            );
        }
        for c in &self.profile.not_stated() {
            match c {
                RegulationCheck::Identity => {
                    notes.push("identity: not stated by the regulation, not checked".to_string())
                }
                RegulationCheck::Authenticity => notes.push(
                    "authenticity: not named by the regulation, required anyway (the other checks prove nothing without it)"
                        .to_string(),
                ),
                other if self.profile.unstated_checks == UnstatedChecks::Required => {
                    notes.push(format!(
                        "{}: not stated by the regulation, required anyway (the profile's unstated_checks = \"required\")",
                        other.as_str()
                    ))
                }
                other => notes.push(format!(
                    "{}: not stated by the regulation; an unknown outcome is not counted, a failure is",
                    other.as_str()
                )),
            }
        }
        notes
    }
}

/// Each signer check combined over the signers it applies to (the worst outcome, and what
/// the worst of them found), in the order first met.
fn combined(signers: &[RequestSigner]) -> Vec<Check> {
    let mut names: Vec<CheckName> = Vec::new();
    for s in signers {
        for c in &s.checks {
            if !names.contains(&c.check) {
                names.push(c.check);
            }
        }
    }
    let many = signers.len() > 1;
    names
        .into_iter()
        .map(|name| {
            let mut outcomes = Vec::new();
            let mut reasons = Vec::new();
            let mut kinds = Vec::new();
            for s in signers {
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
            let kind = kinds
                .iter()
                .find(|(o, _)| *o == outcome)
                .map_or(ReasonKind::combined(outcome), |(_, k)| *k);
            Check::new(name, outcome, kind, reasons.join("; "))
        })
        .collect()
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
