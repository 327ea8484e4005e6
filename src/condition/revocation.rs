//! The revocation check of a verified path: each certificate's status from the CRLs
//! (`revocation::status`), completed by the OCSP responses the verifier holds, weighed
//! as `Verifier::with_ocsp` says; and, for a trust anchor that is not a root, what its
//! trusted issuer's evidence says against it (`Verifier::against_anchor`).

use chrono::{DateTime, Utc};

use super::{RevocationScope, TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::{Beyond, CertSet, PathBuilder, VerifiedPath};
use crate::revocation::ocsp::{OcspCheck, OcspPolicy, OcspStatus};
use crate::revocation::reason::RevocationReason;
use crate::revocation::status::{CrlUse, StatusContext, StatusFacts};
use crate::revocation::{CertStatus, RevocationInfo};
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};
use crate::work::WorkMeter;

mod anchor;
mod asked;
mod key_lost;

use asked::{revoked_since, Asked};

impl Verifier {
    pub(super) fn revocation_check(
        &self,
        path: &VerifiedPath,
        at: DateTime<Utc>,
        time_source: TimeSource,
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
        report: &mut RevocationReport,
    ) -> Check {
        let ctx = StatusContext {
            store: &self.crls,
            builder: PathBuilder {
                anchors: &self.anchors,
                intermediates,
                cache: &self.cache,
            },
            at,
            keys: self.options.keys,
            time_source,
            max_age: self.options.crl_max_age,
            log: Default::default(),
            facts: Default::default(),
            certifying: Default::default(),
            budget_cut: Default::default(),
            ocsp_revoked: Some(&|cert: &Certificate, issuer: &Certificate| {
                self.ocsp_distrust(cert, issuer, at, time_source)
            }),
            meter,
        };
        let certs = path.certificates();
        let anchor = path.anchor();
        // Who issued the anchor, when another anchor proves it: the evidence of the
        // anchor's revocation that counts (review 56).
        let beyond = ctx
            .builder
            .build_above_anchor(anchor, self.path_options(at), meter);
        let beyond_certs = match &beyond {
            Beyond::Found(b) => b.certificates(),
            _ => &[][..],
        };
        // Every supplied CRL is accounted for in the verdict: used, or why not.
        let mut issuers: Vec<&crate::name::NameKey> = Vec::new();
        for c in certs.iter().chain(beyond_certs) {
            issuers.push(c.issuer().key());
            for dp in c.crl_distribution_points() {
                for g in &dp.crl_issuer {
                    if let crate::name::GeneralNameKey::Directory(k) = g {
                        issuers.push(k);
                    }
                }
            }
        }
        let account = |crls: &mut Vec<CrlUse>| {
            *crls = ctx.log.borrow().report(ctx.store, &issuers);
        };
        if certs.len() == 1 {
            let held = self.against_anchor(&ctx, anchor, &beyond, time_source, report);
            account(&mut report.crls);
            let above_cut = held.exhausted;
            let (outcome, kind, why) = if !held.revoked.is_empty() {
                (Outcome::Failed, ReasonKind::Revoked, held.revoked)
            } else if !held.doubts.is_empty() {
                (Outcome::Unknown, ReasonKind::StatusUnknown, held.doubts)
            } else {
                return Check::passed(
                    CheckName::Revocation,
                    "the certificate is itself a trust anchor: trusted as given (nothing held speaks against it)",
                );
            };
            let exhausted = (outcome == Outcome::Unknown)
                .then(|| meter.and_then(WorkMeter::exhausted_kind).or(above_cut))
                .flatten();
            return Check::new(CheckName::Revocation, outcome, kind, why.join("; "))
                .exhausted_by(exhausted);
        }
        let mut failed = Vec::new();
        let mut unknown = Vec::new();
        let mut notes = Vec::new();
        // The limit that cut the asking of a path key's other certificates short (review
        // 74: the verdict names it when the document's meter names none).
        let mut path_cut = None;
        // The anchor is trusted as given, only what its trusted issuer's evidence says
        // counting against it (`against_anchor`, below).
        for (i, cert) in certs.iter().enumerate().take(certs.len().saturating_sub(1)) {
            let Asked {
                status,
                mut budget_cut,
                hold_seen,
            } = self.ask(&ctx, (cert, path.issuer_of(i)), anchor, time_source);
            // What the key's other certificates say (review 67): a compromise proven of
            // any counts against this one, whichever the path builder found first.
            let (status, lost_cut) = self.with_key_lost(&ctx, cert, status);
            if let Some(limit) = lost_cut {
                budget_cut = true;
                path_cut = path_cut.or(limit);
            }
            let who = if i == 0 {
                "the certificate".to_string()
            } else {
                format!("CA \"{}\"", cert.subject())
            };
            match &status {
                CertStatus::Good { evidence } => {
                    notes.push(concat(&[&who, ": not revoked (", evidence, ")"]))
                }
                CertStatus::Revoked { .. } => failed.extend(revoked_since(&who, &status, None)),
                CertStatus::Unknown { reason, .. } => {
                    // Once a budget refused (the document's work, or a search's own), a CA's
                    // status may be unknown for that reason alone: it is not a CA without a
                    // CRL to note (review 65).
                    if i == 0
                        || self.options.revocation_scope == RevocationScope::Chain
                        || budget_cut
                        || meter.is_some_and(WorkMeter::is_exhausted)
                        || hold_seen
                    {
                        unknown.push(format!("{who}: status unknown: {reason}"));
                    } else {
                        notes.push(format!("{who}: not checked ({reason})"));
                    }
                }
            }
            report.statuses.push(RevocationInfo {
                subject: cert.subject().text().to_owned(),
                serial: cert.serial_hex(),
                status,
            });
        }
        let held = self.against_anchor(&ctx, anchor, &beyond, time_source, report);
        let above_cut = held.exhausted;
        failed.extend(held.revoked);
        unknown.extend(held.doubts);
        let all: Vec<String> = failed
            .iter()
            .chain(unknown.iter())
            .chain(notes.iter())
            .cloned()
            .collect();
        let outcome = if !failed.is_empty() {
            Outcome::Failed
        } else if !unknown.is_empty() {
            Outcome::Unknown
        } else {
            Outcome::Passed
        };
        account(&mut report.crls);
        // Unknown once the document's work ran out, or a build above the anchor was cut
        // short: the budget may be why, and says so.
        let exhausted = (outcome == Outcome::Unknown)
            .then(|| {
                meter
                    .and_then(WorkMeter::exhausted_kind)
                    .or(above_cut)
                    .or(path_cut)
            })
            .flatten();
        let kind = match outcome {
            Outcome::Failed => ReasonKind::Revoked,
            Outcome::Unknown => ReasonKind::StatusUnknown,
            Outcome::Passed => ReasonKind::Holds,
        };
        Check::new(CheckName::Revocation, outcome, kind, all.join("; ")).exhausted_by(exhausted)
    }
}

impl Verifier {
    /// The policy responses are judged by: the caller's, with the verifier's key policy.
    fn ocsp_policy(&self) -> OcspPolicy {
        OcspPolicy {
            keys: self.options.keys,
            ..self.options.ocsp
        }
    }

    /// What the OCSP responses held say against relying on `cert` (a CRL signer, or a
    /// delegated OCSP responder, judged by the CRLs only) at `at`, as a status: a revocation that may hide a compromise
    /// (keyCompromise, cACompromise, aACompromise, unspecified or no reason) whenever
    /// dated, at any time source (the key may have signed a CRL back-dated to before it:
    /// a CRL's thisUpdate is written with the key it vouches for, and nothing proves the
    /// CRL existed before the compromise; the rule of the CRLs, `revocation::status`
    /// signer proofs), a revocation (any reason, a hold included, and the RFC 6960
    /// non-issued answer) at or before `at`, a hold listed from before `at` by a response
    /// no longer fresh then, or, at a claimed time, a hold whenever dated. Deliberately
    /// stricter than the weighing of a path certificate's holds: a CRL signer under any
    /// such doubt signs no CRL, so its CRL proves nothing (indeterminate, never valid). A
    /// compromise in any response outweighs what the others say, whatever their order.
    fn ocsp_distrust(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        at: DateTime<Utc>,
        time_source: TimeSource,
    ) -> Option<CertStatus> {
        let held = self
            .ocsp_by_serial
            .get(crate::certificate::serial_key(cert.serial()))?;
        let policy = self.ocsp_policy();
        let mut found: Option<CertStatus> = None;
        for r in held.iter().filter_map(|&i| self.ocsp.get(i)) {
            let check = r.check_certificate(issuer, cert, at, &policy);
            let by = || {
                format!(
                    "OCSP response of \"{}\"",
                    check.responder.as_deref().unwrap_or("?")
                )
            };
            if let Some((time, reason)) = check.revocation {
                let reason = reason.unwrap_or(RevocationReason::Unspecified);
                if reason.may_be_compromise() {
                    return Some(CertStatus::Revoked {
                        reason,
                        revocation_date: time,
                        evidence: format!(
                            "{}: a revocation that may hide a compromise counts whenever it was dated",
                            by()
                        ),
                    });
                }
            }
            if found.is_some() {
                continue;
            }
            if let OcspStatus::Revoked { time, reason, .. } = check.status {
                found = Some(CertStatus::Revoked {
                    reason: reason.unwrap_or(RevocationReason::Unspecified),
                    revocation_date: time,
                    evidence: by(),
                });
                continue;
            }
            if let Some((time, reason)) = check.revocation {
                // At a claimed time a hold, whenever dated, leaves the signer in doubt (as
                // a hold of a path certificate leaves its status unknown then).
                if time_source.is_claimed()
                    && reason == Some(RevocationReason::CertificateHold)
                    && time.timestamp() != 0
                {
                    found = Some(CertStatus::Unknown {
                        reason: format!(
                            "{}: on hold since {}: at a claimed time the CRLs it signed cannot be shown to predate the hold",
                            by(),
                            time.to_rfc3339()
                        ),
                        any_crl: true,
                    });
                    continue;
                }
            }
            found = check.stale_hold.map(|listed| CertStatus::Unknown {
                reason: format!(
                    "{}: on hold from before the time judged (thisUpdate {}), not proven lifted",
                    by(),
                    listed.to_rfc3339()
                ),
                any_crl: true,
            });
        }
        found
    }

    /// The CRL status of `cert`, completed by the OCSP responses held: a proven permanent
    /// revocation wins over a CRL that does not list it (the response is newer news), a
    /// proven "good" settles a status the CRLs left unknown; an unproven response changes
    /// nothing.
    ///
    /// Holds are weighed across both sources by when each piece of evidence was issued,
    /// as the CRL rules weigh them between CRLs: let `h` be the newest thisUpdate of any
    /// CRL view or response that lists the certificate on hold from before the time
    /// judged. The hold is lifted only by a "good" fresh at the time judged and issued
    /// after `h` (a CRL view that does not list it and covers holds, or a response); if
    /// none is, the certificate is on hold when some of that evidence proves the time
    /// judged (fresh then, or issued after it) and nothing newer than that proof lifted
    /// it, else its status is unknown: an older "good" knew nothing of the hold, and one
    /// issued after the time shows it lifted by its own date, not when. (So a hold proven
    /// under one distribution point, a fresh "good" newer than it under another, and a
    /// newer stale hold under a third give unknown: the proof is older than the "good".)
    /// At a claimed time, any hold a response shows leaves the status unknown (a signature
    /// claiming an earlier time cannot be shown to predate it).
    ///
    /// A "good" counts only when its signer is not distrusted by the evidence held
    /// (`StatusContext::ocsp_signer_distrust`, under the path's `anchor`: the CA's key
    /// revoked for a possible compromise at any date, a delegated responder revoked or on
    /// hold): such a signer's "good" is dropped, and why is left in `refused` (the
    /// first). What such a signer lists against the certificate (a revocation, a hold)
    /// still counts, as a CRL's listings do whoever signed it: a listing can only make a
    /// certificate not valid, and a thief gains nothing by forging one.
    ///
    /// `hold_seen` is set when a response lists the certificate on hold.
    #[allow(clippy::too_many_arguments)]
    fn with_ocsp(
        &self,
        status: CertStatus,
        facts: StatusFacts,
        (cert, issuer): (&Certificate, &Certificate),
        (ctx, anchor): (&StatusContext<'_>, &Certificate),
        time_source: TimeSource,
        hold_seen: &mut bool,
        refused: &mut Option<String>,
    ) -> CertStatus {
        let at = ctx.at;
        // What is held against each signer met (its certificate's fingerprint), asked
        // once per signer.
        let mut signers: Vec<([u8; 32], Option<String>)> = Vec::new();
        let mut signer_distrust = |check: &OcspCheck| -> Option<String> {
            let Some(signer) = check.signer.as_ref() else {
                return Some("its signer is not proven".into());
            };
            let fp = signer.fingerprint_sha256();
            if let Some((_, v)) = signers.iter().find(|(k, _)| *k == fp) {
                return v.clone();
            }
            let v = ctx.ocsp_signer_distrust(signer, issuer, anchor);
            signers.push((fp, v.clone()));
            v
        };
        if let CertStatus::Revoked { reason, .. } = &status {
            if *reason != RevocationReason::CertificateHold {
                return status;
            }
        }
        // Only the responses that name this serial are judged (their signature checks are
        // the cost).
        let held = self
            .ocsp_by_serial
            .get(crate::certificate::serial_key(cert.serial()))
            .map_or(&[][..], Vec::as_slice);
        // The proven "good"s: (thisUpdate, issued after the time judged, evidence).
        let mut goods: Vec<(DateTime<Utc>, bool, String)> = Vec::new();
        // The holds shown from before the time judged: (thisUpdate, proves the time
        // judged, the status when it does, what says so).
        let mut holds: Vec<(DateTime<Utc>, Option<CertStatus>, String)> = Vec::new();
        let mut claimed_hold: Option<String> = None;
        if let Some(h) = facts.hold_proof {
            // The CRLs' proof of the hold, unless a newer CRL fresh at the time judged
            // already showed it lifted (then only the listing's date counts).
            let proven = matches!(status, CertStatus::Revoked { .. }).then(|| status.clone());
            holds.push((h, proven, "a CRL".into()));
        }
        if let Some(h) = facts.stale_hold {
            holds.push((h, None, "a CRL".into()));
        }
        let policy = self.ocsp_policy();
        for response in held.iter().filter_map(|&i| self.ocsp.get(i)) {
            let check = response.check_certificate(issuer, cert, at, &policy);
            let evidence = |what: String| {
                format!(
                    "OCSP response of \"{}\", produced {}: {what}",
                    check.responder.as_deref().unwrap_or("?"),
                    check
                        .produced_at
                        .map(|t| t.to_rfc3339())
                        .unwrap_or_else(|| "?".into())
                )
            };
            if time_source.is_claimed() {
                if let Some((time, reason)) = check.revocation {
                    let reason = reason.unwrap_or(RevocationReason::Unspecified);
                    // At a claimed time a revocation for a compromise counts whenever it
                    // was dated (the signer may have back-dated the claim).
                    if reason.may_be_compromise() {
                        return CertStatus::Revoked {
                            reason,
                            revocation_date: time,
                            evidence: evidence(format!(
                                "revoked ({}) since {}: at a claimed time, a compromise counts whenever it was dated",
                                reason.describe(),
                                time.to_rfc3339()
                            )),
                        };
                    }
                    // A hold: the claimed time cannot be shown to predate it (decided once
                    // every response is read: a permanent revocation in another wins).
                    if reason == RevocationReason::CertificateHold && time.timestamp() != 0 {
                        *hold_seen = true;
                        claimed_hold.get_or_insert_with(|| {
                            evidence(format!(
                                "on hold since {}: a signature claiming an earlier time cannot be shown to predate it",
                                time.to_rfc3339()
                            ))
                        });
                    }
                }
            }
            if let Some(listed_at) = check.stale_hold {
                let why = match &check.status {
                    OcspStatus::Indeterminate { reason } => reason.clone(),
                    _ => String::new(),
                };
                *hold_seen = true;
                holds.push((listed_at, None, evidence(why)));
            }
            match &check.status {
                OcspStatus::Revoked {
                    time,
                    reason,
                    not_issued,
                } => {
                    let revoked = CertStatus::Revoked {
                        reason: reason.unwrap_or(RevocationReason::Unspecified),
                        revocation_date: *time,
                        evidence: evidence(if *not_issued {
                            "the CA did not issue this certificate (RFC 6960 non-issued)".into()
                        } else {
                            "revoked".into()
                        }),
                    };
                    match (reason, check.this_update) {
                        (Some(RevocationReason::CertificateHold), Some(t)) if !*not_issued => {
                            *hold_seen = true;
                            holds.push((t, Some(revoked), String::new()));
                        }
                        _ => return revoked,
                    }
                }
                // A claimed time is judged with the newest revocation data only; an OCSP
                // "good" from before the claim does not prove it.
                OcspStatus::Good { .. } if time_source.is_claimed() => {}
                // At a time-stamped time, a "good" issued at or before it speaks only while
                // still current when checked: a compromise reported later and dated before
                // the time would not be in it.
                OcspStatus::Good { this_update }
                    if too_old_for_a_stamp(&check, *this_update, time_source) => {}
                OcspStatus::Good { this_update } => match signer_distrust(&check) {
                    Some(why) => {
                        refused.get_or_insert(why);
                    }
                    None => goods.push((
                        *this_update,
                        check.good_by_later_response,
                        evidence(format!("good (thisUpdate {})", this_update.to_rfc3339())),
                    )),
                },
                OcspStatus::Unknown | OcspStatus::Indeterminate { .. } => {}
            }
        }
        if let Some(reason) = claimed_hold {
            return CertStatus::Unknown {
                reason,
                any_crl: match &status {
                    CertStatus::Unknown { any_crl, .. } => *any_crl,
                    _ => true,
                },
            };
        }
        // The newest "good" fresh at the time judged, from either source: (thisUpdate,
        // the response's evidence, or `None` for the CRLs').
        let ocsp_fresh = goods
            .iter()
            .filter(|(_, later, _)| !*later)
            .max_by_key(|(t, _, _)| *t)
            .map(|(t, _, e)| (*t, Some(e.clone())));
        let fresh_good = match (ocsp_fresh, facts.fresh_proof) {
            (Some((o, e)), Some(c)) if o >= c => Some((o, e)),
            (_, Some(c)) => Some((c, None)),
            (o, None) => o,
        };
        if let Some(&(h, _, _)) = holds.iter().max_by_key(|(t, _, _)| *t) {
            match &fresh_good {
                // Lifted: fresh at the time judged, and issued after every listing.
                // A CRL listing the certificate unreadably may list a permanent
                // revocation: no "good" settles it (as no later CRL does).
                Some((g, ocsp)) if *g > h && facts.doubt.is_none() => match (&status, ocsp) {
                    // The CRLs' proof stands, with what the responses add.
                    (CertStatus::Good { .. }, _) => {}
                    (_, Some(e)) => {
                        return CertStatus::Good {
                            evidence: e.clone(),
                        }
                    }
                    (CertStatus::Revoked { .. }, None) => {
                        return CertStatus::Good {
                            evidence: format!(
                                "a CRL fresh at the time judged, issued {} after the hold was listed, no longer lists it",
                                g.to_rfc3339()
                            ),
                        }
                    }
                    (CertStatus::Unknown { .. }, None) => {}
                },
                _ => {
                    if let Some((_, Some(proven), _)) = holds
                        .iter()
                        .filter(|(_, p, _)| p.is_some())
                        .max_by_key(|(t, _, _)| *t)
                    {
                        return proven.clone();
                    }
                    let (listed_at, _, by) = holds
                        .iter()
                        .max_by_key(|(t, _, _)| *t)
                        .cloned()
                        .unwrap_or((h, None, String::new()));
                    let by = if by.is_empty() { "a CRL".into() } else { by };
                    let prior = match &status {
                        CertStatus::Unknown { reason, .. } => format!("{reason}; "),
                        _ => String::new(),
                    };
                    return CertStatus::Unknown {
                        reason: format!(
                            "{prior}a hold in force before the time judged ({by}, thisUpdate {}) is not proven lifted: no revocation data fresh at the time judged and issued since shows it",
                            listed_at.to_rfc3339()
                        ),
                        any_crl: match &status {
                            CertStatus::Unknown { any_crl, .. } => *any_crl,
                            _ => true,
                        },
                    };
                }
            }
        }
        // No hold stands: a "good" settles a status the CRLs left unknown, unless a CRL
        // lists the certificate unreadably (it may list a permanent revocation, which no
        // later "good" undoes).
        let good = goods
            .first()
            .filter(|_| facts.doubt.is_none())
            .map(|(_, _, e)| e.clone());
        match (status, good) {
            (CertStatus::Unknown { .. }, Some(evidence)) => CertStatus::Good { evidence },
            (CertStatus::Good { evidence }, Some(ocsp)) => CertStatus::Good {
                evidence: format!("{evidence}; {ocsp}"),
            },
            (status, _) => status,
        }
    }
}

/// At a time-stamped time, is a "good" of `check` (its `this_update`) issued at or before
/// the time and no longer current when checked? Then it cannot speak of a compromise
/// reported after it with an invalidityDate before the time.
fn too_old_for_a_stamp(
    check: &OcspCheck,
    this_update: DateTime<Utc>,
    time_source: TimeSource,
) -> bool {
    let TimeSource::TimeStamp { checked_at } = time_source else {
        return false;
    };
    let current =
        this_update <= checked_at && check.current_until.is_some_and(|until| checked_at <= until);
    !check.good_by_later_response && !current
}

/// What the revocation check found besides its outcome: each path certificate's status
/// and the account of every CRL.
#[derive(Default)]
pub(super) struct RevocationReport {
    pub(super) statuses: Vec<RevocationInfo>,
    pub(super) crls: Vec<CrlUse>,
    /// Why the path's trust anchor is revoked, when a trusted issuer's evidence proves it
    /// (its own status, or a compromise of another certificate of its key): for a path
    /// whose anchor issued the certificate, its issuer's revocation (`best_path`, review
    /// 70: `statuses` holds the anchor's only when it is revoked or in doubt, and the
    /// statuses of the CAs above it after).
    pub(super) anchor_revoked: Option<RevocationReason>,
}

/// `parts` in one string, allocated once: the texts of a passing verdict, made for every
/// certificate judged (`format!` grows its string as it writes).
pub(super) fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}
