//! The certificate condition of the e-service regulations, in one call:
//! [`Verifier::check_certificate`].
//!
//! "Check the signer's registration certificate for its validity period, its absence from
//! the list of revoked certificates, and the match between the IIN/BIN written in the
//! request and the IIN/BIN in the certificate." Authenticity (a verified path to a trusted
//! NCA certificate), the key's purpose and unprocessed critical extensions are checked too:
//! without them the three named checks prove nothing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certificate::Certificate;
use crate::chain::{self, Budget, CertSet, PathBuilder, PathOptions, SignatureCache, VerifiedPath};
use crate::error::Result;
use crate::identity::{Bin, ChecksumPolicy, Iin};
use crate::limits::Limits;
use crate::revocation::crl::Crl;
use crate::revocation::ocsp::{OcspPolicy, OcspResponse, OcspStatus};
use crate::revocation::reason::RevocationReason;
use crate::revocation::status::{CrlUse, StatusContext, StatusFacts};
use crate::revocation::store::CrlStore;
use crate::revocation::{CertStatus, RevocationInfo};
use crate::signature::{KeyPolicy, KeyStrength};
use crate::verdict::{Check, CheckName, Outcome, ReasonKind, Verdict};
use crate::work::WorkMeter;

pub use builder::{VerifierBuilder, VerifierOptions};
pub use expectation::{Expectation, Purpose, RevocationScope, TimeSource};

mod builder;
mod expectation;

/// Trust anchors, intermediates, CRLs and OCSP responses, loaded once and shared by many
/// verifications.
///
/// A `Verifier` is `Send + Sync` and holds no per-request state: build it once at start-up
/// (loading a CRL of tens of megabytes is the expensive part) and share it, behind an
/// [`Arc`](std::sync::Arc), between all threads or tasks of a service. Its caches (the
/// signature checks of certificates and CRLs, the GOST key tables of the keys it holds)
/// are its own: there is no process-wide state, and two verifiers do not share anything.
/// A new CRL means a new verifier, swapped in when built.
///
/// ```
/// use std::sync::Arc;
/// use qoltanba::{Expectation, Judged as _, Verifier};
///
/// let verifier = Arc::new(
///     Verifier::builder()
///         .trust_path("test-vectors/pki/root.cer")?
///         .intermediate_path("test-vectors/pki/nca_rsa.cer")?
///         .crl_path("test-vectors/pki/nca_rsa_current.crl")?
///         .build(),
/// );
/// let cert = qoltanba::Certificate::from_input(&std::fs::read(
///     "test-vectors/pki/individual_sign.cer",
/// )?)?;
/// let at = "2026-11-23T00:00:00Z".parse()?;
/// let worker = {
///     let verifier = Arc::clone(&verifier);
///     let cert = cert.clone();
///     std::thread::spawn(move || verifier.check_certificate(&cert, &Expectation::at(at)))
/// };
/// let verdict = worker.join().expect("the worker thread");
/// assert!(verdict.is_valid(), "{:?}", verdict.refusal());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Verifier {
    anchors: CertSet,
    intermediates: CertSet,
    crls: CrlStore,
    ocsp: Vec<OcspResponse>,
    /// The OCSP responses naming each serial number (leading zeros stripped).
    ocsp_by_serial: HashMap<Vec<u8>, Vec<usize>>,
    cache: SignatureCache,
    /// The prepared GOST keys of the signers seen (see `key_cache`).
    keys: crate::key_cache::KeyCache,
    options: VerifierOptions,
}

impl Verifier {
    /// Start building a verifier.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// The signers' prepared keys this verifier holds.
    pub(crate) fn keys(&self) -> &crate::key_cache::KeyCache {
        &self.keys
    }

    /// The trust anchors.
    pub fn anchors(&self) -> &CertSet {
        &self.anchors
    }

    /// The untrusted intermediates.
    pub fn intermediates(&self) -> &CertSet {
        &self.intermediates
    }

    /// The CRLs.
    pub fn crls(&self) -> &CrlStore {
        &self.crls
    }

    /// The options.
    pub fn options(&self) -> &VerifierOptions {
        &self.options
    }

    /// A new verifier with this one's anchors, intermediates, OCSP responses and options,
    /// and `crls` as its whole CRL set: how a service swaps in the CRLs it has fetched
    /// again (`fetch`) without reading its trust files anew. The new verifier's caches start
    /// empty, and every CRL's signature is checked now, as [`VerifierBuilder::build`] does.
    pub fn with_crls(&self, crls: impl IntoIterator<Item = Crl>) -> Result<Verifier> {
        Ok(self.rebuilt(crls)?.build())
    }

    /// A new verifier with this one's trust, CRLs and options, and `responses` added to
    /// its OCSP responses: how a client adds the answers it fetched (`fetch::OcspClient`).
    /// Each is consulted, as [`VerifierBuilder::ocsp`] says, once its signer is proven.
    pub fn with_ocsp_responses(
        &self,
        responses: impl IntoIterator<Item = OcspResponse>,
    ) -> Result<Verifier> {
        let mut builder = self.rebuilt(self.crls.iter().map(|(_, c)| c.clone()))?;
        for response in responses {
            builder = builder.ocsp(response)?;
        }
        Ok(builder.build())
    }

    /// A builder holding this verifier's anchors, intermediates, OCSP responses and
    /// options, and `crls`.
    fn rebuilt(&self, crls: impl IntoIterator<Item = Crl>) -> Result<VerifierBuilder> {
        let mut builder = VerifierBuilder {
            anchors: self.anchors.clone(),
            intermediates: self.intermediates.clone(),
            crls: CrlStore::new(),
            ocsp: self.ocsp.clone(),
            options: self.options,
        };
        for crl in crls {
            builder.crls.add(crl)?;
        }
        Ok(builder)
    }

    /// Build and verify a path for `cert` at `at` (no revocation, no end-entity checks).
    pub fn build_path(
        &self,
        cert: &Certificate,
        at: DateTime<Utc>,
    ) -> std::result::Result<VerifiedPath, chain::PathFailure> {
        self.build_path_with(cert, at, &self.intermediates, None)
    }

    fn build_path_with(
        &self,
        cert: &Certificate,
        at: DateTime<Utc>,
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
    ) -> std::result::Result<VerifiedPath, chain::PathFailure> {
        let builder = PathBuilder {
            anchors: &self.anchors,
            intermediates,
            cache: &self.cache,
        };
        builder.build_metered(
            cert,
            PathOptions {
                at,
                max_path_len: self.options.limits.max_path_len,
                budget: Budget {
                    signatures: self.options.limits.path_signatures,
                    build_calls: self.options.limits.path_build_calls,
                },
            },
            meter,
        )
    }

    /// The verifier's intermediates with `extra` added (duplicates ignored): made once
    /// for a whole document, whose signers all use it, rather than once per signer.
    pub(crate) fn intermediates_with(&self, extra: &[Certificate]) -> Cow<'_, CertSet> {
        if extra.is_empty() {
            return Cow::Borrowed(&self.intermediates);
        }
        let mut set = self.intermediates.clone();
        for c in extra {
            // A set full to MAX_CERTS_PER_SET offers what it holds.
            let _ = set.add(c.clone());
        }
        Cow::Owned(set)
    }

    /// The certificate condition: validity, chain, revocation, key purpose, critical
    /// extensions, identity match (and check digits under the strict policy).
    pub fn check_certificate(&self, cert: &Certificate, expect: &Expectation) -> Verdict {
        self.check_certificate_with(cert, expect, &[])
    }

    /// As [`Verifier::check_certificate`], with extra untrusted certificates for path
    /// building (e.g. those a CMS signature carries).
    pub fn check_certificate_with(
        &self,
        cert: &Certificate,
        expect: &Expectation,
        extra: &[Certificate],
    ) -> Verdict {
        self.check_certificate_in(cert, expect, &self.intermediates_with(extra), None)
    }

    /// [`Verifier::check_certificate`] with `intermediates` in place of the verifier's
    /// own (see [`Verifier::intermediates_with`]), every path build and CRL-signer search
    /// charged to a document's `meter`. Work it refuses leaves the chain or revocation
    /// check unknown, saying so.
    pub(crate) fn check_certificate_in(
        &self,
        cert: &Certificate,
        expect: &Expectation,
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
    ) -> Verdict {
        let at = expect.at;
        let mut checks = Vec::with_capacity(8);
        checks.push(validity_check(cert, at));

        let path = self.build_path_with(cert, at, intermediates, meter);
        checks.push(match &path {
            Ok(p) => Check::passed(
                CheckName::Chain,
                concat(&[
                    "verified path to trust anchor \"",
                    p.anchor().subject().text(),
                    "\"",
                ]),
            ),
            Err(f) if f.proven_invalid => Check::new(
                CheckName::Chain,
                Outcome::Failed,
                ReasonKind::Invalid,
                f.reason.clone(),
            ),
            Err(f) => Check::new(
                CheckName::Chain,
                Outcome::Unknown,
                ReasonKind::NotProven,
                f.reason.clone(),
            )
            .exhausted_by(f.exhausted),
        });

        let mut report = RevocationReport::default();
        checks.push(match &path {
            Ok(p) => {
                self.revocation_check(p, at, expect.time_source, intermediates, meter, &mut report)
            }
            Err(_) => Check::new(
                CheckName::Revocation,
                Outcome::Unknown,
                ReasonKind::NotChecked,
                "not checked: no verified path to a trust anchor",
            ),
        });

        if let Some(c) = key_usage_check(cert, expect.purpose) {
            checks.push(c);
        }
        checks.push(match &path {
            Ok(p) => key_strength_check(p.certificates(), self.options.keys),
            Err(_) => key_strength_check(std::slice::from_ref(cert), self.options.keys),
        });
        checks.push(match cert.extension_problems() {
            [] => Check::passed(
                CheckName::CriticalExtensions,
                "no unsupported critical extension, no extension problem",
            ),
            exts => Check::new(
                CheckName::CriticalExtensions,
                Outcome::Failed,
                ReasonKind::NotPermitted,
                format!("extension problem(s): {}", exts.join("; ")),
            ),
        });
        checks.extend(identity_checks(cert, expect));

        let mut verdict = Verdict::new(cert, at, checks);
        if let Ok(p) = &path {
            verdict.path = p
                .certificates()
                .iter()
                .map(|c| c.subject().text().to_owned())
                .collect();
        }
        verdict.revocation = report.statuses;
        verdict.crls = report.crls;
        verdict
    }

    fn revocation_check(
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
            ocsp_revoked: Some(&|cert: &Certificate, issuer: &Certificate| {
                self.ocsp_distrust(cert, issuer, at, time_source)
            }),
            meter,
        };
        let certs = path.certificates();
        let anchor = path.anchor();
        // Every supplied CRL is accounted for in the verdict: used, or why not.
        let mut issuers: Vec<&crate::name::NameKey> = Vec::new();
        for c in certs {
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
            account(&mut report.crls);
            return Check::passed(
                CheckName::Revocation,
                "the certificate is itself a trust anchor: trusted as given",
            );
        }
        let mut failed = Vec::new();
        let mut unknown = Vec::new();
        let mut notes = Vec::new();
        // The anchor is trusted as given: never checked.
        for (i, cert) in certs.iter().enumerate().take(certs.len().saturating_sub(1)) {
            let status = ctx.status(cert, path.issuer_of(i), anchor);
            // Whether a CRL or a response lists the certificate on hold: a CA suspended is
            // not a CA "not checked" under the end-entity scope.
            let mut hold_seen = {
                let facts = ctx.facts.borrow();
                facts.stale_hold.is_some() || facts.hold_proof.is_some()
            };
            let status = match path.issuer_of(i) {
                Some(issuer) => {
                    let facts = *ctx.facts.borrow();
                    let crls_unknown =
                        matches!(status, CertStatus::Unknown { .. }).then(|| status.clone());
                    let status = self.with_ocsp(
                        status,
                        facts,
                        cert,
                        issuer,
                        at,
                        time_source,
                        &mut hold_seen,
                    );
                    // Once the document's work ran out, a status the CRLs left unknown may
                    // hide a revocation on a CRL that could not be proven: no "good" settles
                    // it (the budget refuses, it never decides).
                    match crls_unknown {
                        Some(unknown)
                            if matches!(status, CertStatus::Good { .. })
                                && meter.is_some_and(WorkMeter::is_exhausted) =>
                        {
                            unknown
                        }
                        _ => status,
                    }
                }
                None => status,
            };
            let who = if i == 0 {
                "the certificate".to_string()
            } else {
                format!("CA \"{}\"", cert.subject())
            };
            match &status {
                CertStatus::Good { evidence } => {
                    notes.push(concat(&[&who, ": not revoked (", evidence, ")"]))
                }
                CertStatus::Revoked {
                    reason,
                    revocation_date,
                    evidence,
                } => failed.push(format!(
                    "{who} is revoked since {} (reason: {}; {evidence})",
                    revocation_date.to_rfc3339(),
                    reason.describe()
                )),
                CertStatus::Unknown { reason, .. } => {
                    // Once the document's work ran out, a CA's status may be unknown for
                    // that reason alone: it is not a CA without a CRL to note.
                    if i == 0
                        || self.options.revocation_scope == RevocationScope::Chain
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
        // Unknown once the document's work ran out: the budget may be why, and says so.
        let exhausted = (outcome == Outcome::Unknown)
            .then(|| meter.and_then(WorkMeter::exhausted_kind))
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

    /// What the OCSP responses held say against relying on `cert` (a CRL signer, judged
    /// by the CRLs only) at `at`, as a status: a revocation (any reason, a hold included,
    /// and the RFC 6960 non-issued answer) at or before `at`, a hold listed from before
    /// `at` by a response no longer fresh then, or, at a claimed time, a revocation that
    /// may hide a compromise, or a hold, whenever dated. Deliberately stricter than the weighing
    /// of a path certificate's holds: a CRL signer under any such doubt signs no CRL, so
    /// its CRL proves nothing (indeterminate, never valid).
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
        held.iter().filter_map(|&i| self.ocsp.get(i)).find_map(|r| {
            let check = r.check_certificate(issuer, cert, at, &policy);
            let by = || {
                format!(
                    "OCSP response of \"{}\"",
                    check.responder.as_deref().unwrap_or("?")
                )
            };
            if let OcspStatus::Revoked { time, reason, .. } = check.status {
                return Some(CertStatus::Revoked {
                    reason: reason.unwrap_or(RevocationReason::Unspecified),
                    revocation_date: time,
                    evidence: by(),
                });
            }
            if let Some((time, reason)) = check.revocation {
                let reason = reason.unwrap_or(RevocationReason::Unspecified);
                if time_source.is_claimed() && reason.may_be_compromise() {
                    return Some(CertStatus::Revoked {
                        reason,
                        revocation_date: time,
                        evidence: format!(
                            "{}: at a claimed time, a compromise counts whenever it was dated",
                            by()
                        ),
                    });
                }
                // At a claimed time a hold, whenever dated, leaves the signer in doubt (as
                // a hold of a path certificate leaves its status unknown then).
                if time_source.is_claimed()
                    && reason == RevocationReason::CertificateHold
                    && time.timestamp() != 0
                {
                    return Some(CertStatus::Unknown {
                        reason: format!(
                            "{}: on hold since {}: at a claimed time the CRLs it signed cannot be shown to predate the hold",
                            by(),
                            time.to_rfc3339()
                        ),
                        any_crl: true,
                    });
                }
            }
            check.stale_hold.map(|listed| CertStatus::Unknown {
                reason: format!(
                    "{}: on hold from before the time judged (thisUpdate {}), not proven lifted",
                    by(),
                    listed.to_rfc3339()
                ),
                any_crl: true,
            })
        })
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
    /// judged (fresh then, or issued after it), else its status is unknown: an older
    /// "good" knew nothing of the hold, and one issued after the time shows it lifted by
    /// its own date, not when. At a claimed time, any hold a response shows leaves the
    /// status unknown (a signature claiming an earlier time cannot be shown to predate it).
    ///
    /// `hold_seen` is set when a response lists the certificate on hold.
    #[allow(clippy::too_many_arguments)]
    fn with_ocsp(
        &self,
        status: CertStatus,
        facts: StatusFacts,
        cert: &Certificate,
        issuer: &Certificate,
        at: DateTime<Utc>,
        time_source: TimeSource,
        hold_seen: &mut bool,
    ) -> CertStatus {
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
                OcspStatus::Good { this_update } => goods.push((
                    *this_update,
                    check.good_by_later_response,
                    evidence(format!("good (thisUpdate {})", this_update.to_rfc3339())),
                )),
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
                Some((g, ocsp)) if *g > h => match (&status, ocsp) {
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
        // No hold stands: a "good" settles a status the CRLs left unknown.
        let good = goods.first().map(|(_, _, e)| e.clone());
        match (status, good) {
            (CertStatus::Unknown { .. }, Some(evidence)) => CertStatus::Good { evidence },
            (CertStatus::Good { evidence }, Some(ocsp)) => CertStatus::Good {
                evidence: format!("{evidence}; {ocsp}"),
            },
            (status, _) => status,
        }
    }
}

/// What the revocation check found besides its outcome: each path certificate's status
/// and the account of every CRL.
#[derive(Default)]
struct RevocationReport {
    statuses: Vec<RevocationInfo>,
    crls: Vec<CrlUse>,
}

/// `parts` in one string, allocated once: the texts of a passing verdict, made for every
/// certificate judged (`format!` grows its string as it writes).
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

fn validity_check(cert: &Certificate, at: DateTime<Utc>) -> Check {
    let mut period = String::with_capacity(56);
    crate::time::push_rfc3339(&mut period, cert.not_before());
    period.push_str(" .. ");
    crate::time::push_rfc3339(&mut period, cert.not_after());
    if at < cert.not_before() {
        Check::new(
            CheckName::Validity,
            Outcome::Failed,
            ReasonKind::NotYetValid,
            format!("not yet valid at {} (valid {period})", at.to_rfc3339()),
        )
    } else if at > cert.not_after() {
        Check::new(
            CheckName::Validity,
            Outcome::Failed,
            ReasonKind::Expired,
            format!("expired at {} (valid {period})", at.to_rfc3339()),
        )
    } else {
        Check::passed(CheckName::Validity, concat(&["valid ", &period]))
    }
}

/// The strength of every key of the path (the signer's own, each CA's and the trust
/// anchor's: each signs what the next relies on).
fn key_strength_check(certs: &[Certificate], policy: KeyPolicy) -> Check {
    use std::fmt::Write as _;
    let mut failed = Vec::new();
    let mut unknown = Vec::new();
    let mut weak = Vec::new();
    // Who a finding is about: named only when there is one (a passing path names none).
    let who = |i: usize, c: &Certificate| {
        if i == 0 {
            "the certificate".to_string()
        } else {
            format!("CA \"{}\"", c.subject())
        }
    };
    for (i, c) in certs.iter().enumerate() {
        match policy.judge(c.public_key()) {
            KeyStrength::Adequate => {}
            KeyStrength::Weak(r) => weak.push(format!("{}: {r}", who(i, c))),
            KeyStrength::TooWeak(r) => failed.push(format!("{}: {r}", who(i, c))),
            KeyStrength::Unknown(r) => unknown.push(format!("{}: {r}", who(i, c))),
        }
    }
    if !failed.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Failed,
            ReasonKind::TooWeak,
            failed.join("; "),
        )
    } else if !unknown.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            unknown.join("; "),
        )
    } else if !weak.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Passed,
            ReasonKind::Weak,
            format!("WEAK: {}", weak.join("; ")),
        )
    } else {
        let mut text = String::with_capacity(40 + 12 * certs.len());
        let _ = write!(text, "{} key(s) of adequate strength: ", certs.len());
        for (i, c) in certs.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            let _ = write!(text, "{}", c.public_key().algorithm());
        }
        Check::passed(CheckName::KeyStrength, text)
    }
}

fn key_usage_check(cert: &Certificate, purpose: Purpose) -> Option<Check> {
    let p = cert.key_purposes();
    let (ok, what) = match purpose {
        Purpose::Any => return None,
        Purpose::Sign => (p.signing, "signing (digitalSignature + nonRepudiation)"),
        Purpose::Auth => (
            p.authentication,
            "authentication (digitalSignature + keyEncipherment, clientAuth)",
        ),
    };
    Some(if ok {
        Check::passed(CheckName::KeyUsage, concat(&["key usable for ", what]))
    } else {
        let ku = cert
            .key_usage()
            .map(|k| k.names().join("+"))
            .unwrap_or_else(|| "absent".into());
        let eku = cert
            .extended_key_usage()
            .map(|e| e.join(","))
            .unwrap_or_else(|| "absent".into());
        Check::new(
            CheckName::KeyUsage,
            Outcome::Failed,
            ReasonKind::NotPermitted,
            format!("key not usable for {what}: keyUsage {ku}, extKeyUsage {eku}"),
        )
    })
}

/// The match between the IIN/BIN a request names and a certificate's subject, one check
/// each: the one identity match of the crate (the certificate condition and the regulation
/// profiles both call it). `subject` is `None` when the certificate is not available: the
/// match is then unknown, never passed.
pub(crate) fn identity_match(
    iin: Option<Iin>,
    bin: Option<Bin>,
    subject: Option<&crate::certificate::Subject>,
) -> Vec<Check> {
    /// What the certificate gives of one identity: its one value (or none), and the
    /// different values of a name that gives more than one.
    struct Given<'a, T> {
        one: Option<T>,
        ambiguous: &'a [T],
    }
    fn one<T: PartialEq + std::fmt::Display + Copy>(
        name: CheckName,
        label: &str,
        want: T,
        subject: Option<Given<'_, T>>,
    ) -> Check {
        match subject {
            None => Check::new(
                name,
                Outcome::Unknown,
                ReasonKind::NotAvailable,
                format!("request {label} {want}: not matched, the signer's certificate is not available"),
            ),
            // Checked before the one value: a name that gives two proves neither, even
            // when one of them is the one asked for.
            Some(Given { ambiguous, .. }) if !ambiguous.is_empty() => {
                let values: Vec<String> = ambiguous.iter().map(T::to_string).collect();
                Check::new(
                    name,
                    Outcome::Failed,
                    ReasonKind::Mismatch,
                    format!(
                        "request {label} {want}: the certificate gives more than one {label} ({}), and proves none",
                        values.join(", ")
                    ),
                )
            }
            Some(Given { one: Some(have), .. }) if have == want => {
                Check::passed(name, format!("{label} {have}"))
            }
            Some(Given { one: Some(have), .. }) => Check::new(
                name,
                Outcome::Failed,
                ReasonKind::Mismatch,
                format!("request {label} {want}, certificate {label} {have}"),
            ),
            Some(Given { one: None, .. }) => Check::new(
                name,
                Outcome::Failed,
                ReasonKind::Missing,
                format!("request {label} {want}, the certificate has no {label}"),
            ),
        }
    }
    let mut checks = Vec::new();
    if let Some(want) = iin {
        checks.push(one(
            CheckName::IinMatch,
            "IIN",
            want,
            subject.map(|s| Given {
                one: s.iin,
                ambiguous: &s.ambiguous_iins,
            }),
        ));
    }
    if let Some(want) = bin {
        checks.push(one(
            CheckName::BinMatch,
            "BIN",
            want,
            subject.map(|s| Given {
                one: s.bin,
                ambiguous: &s.ambiguous_bins,
            }),
        ));
    }
    checks
}

fn identity_checks(cert: &Certificate, expect: &Expectation) -> Vec<Check> {
    // Nothing asked of the subject: its facts are not read (see `Certificate::facts`).
    if expect.iin.is_none() && expect.bin.is_none() && expect.checksum != ChecksumPolicy::Strict {
        return Vec::new();
    }
    let facts = cert.facts();
    let mut checks = identity_match(expect.iin, expect.bin, Some(facts));
    if expect.checksum == ChecksumPolicy::Strict {
        let mut bad = Vec::new();
        let mut seen = Vec::new();
        // Every identifier the certificate gives (the two of an ambiguous name too: the
        // identity match fails on them, and the check digits are still theirs to hold).
        let iin = |i: &Iin| (i.to_string(), i.checksum_valid());
        let bin = |b: &Bin| (b.to_string(), b.checksum_valid());
        let pairs = facts
            .iin
            .iter()
            .chain(&facts.ambiguous_iins)
            .map(|i| ("certificate IIN", iin(i)))
            .chain(
                facts
                    .bin
                    .iter()
                    .chain(&facts.ambiguous_bins)
                    .map(|b| ("certificate BIN", bin(b))),
            )
            .chain(expect.iin.iter().map(|i| ("request IIN", iin(i))))
            .chain(expect.bin.iter().map(|b| ("request BIN", bin(b))));
        for (label, (digits, ok)) in pairs {
            seen.push(format!("{label} {digits}"));
            if !ok {
                bad.push(format!("{label} {digits} fails the check digit"));
            }
        }
        checks.push(if !bad.is_empty() {
            Check::new(CheckName::Checksum, Outcome::Failed, ReasonKind::Invalid, bad.join("; "))
        } else if seen.is_empty() {
            Check::new(CheckName::Checksum, Outcome::Unknown, ReasonKind::NotAvailable, "strict checksum required, but neither the certificate nor the request carries an IIN or BIN")
        } else {
            Check::passed(CheckName::Checksum, format!("check digits hold: {}", seen.join(", ")))
        });
    }
    checks
}

// A Verifier is shared between threads (see its documentation): keep it so.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Verifier>();
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder holding `files` (name, bytes).
    fn folder(name: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("qoltanba-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        for (f, bytes) in files {
            std::fs::write(d.join(f), bytes).unwrap();
        }
        d
    }

    #[test]
    fn a_folder_holding_nothing_is_refused() {
        // issue 9, item 10: an empty folder of anchors, intermediates, CRLs or OCSP
        // responses names the folder and what it should have held.
        let empty = folder("empty-inputs", &[]);
        let path = empty.display().to_string();
        let nothing = |what: &'static str| crate::Error::NothingFound {
            what,
            path: path.clone(),
        };
        let err = |b: Result<VerifierBuilder>| b.err();
        assert_eq!(
            err(Verifier::builder().trust_path(&empty)),
            Some(nothing("certificate"))
        );
        assert_eq!(
            err(Verifier::builder().intermediate_path(&empty)),
            Some(nothing("certificate"))
        );
        assert_eq!(
            err(Verifier::builder().crl_path(&empty)),
            Some(nothing("CRL"))
        );
        assert_eq!(
            err(Verifier::builder().ocsp_path(&empty)),
            Some(nothing("OCSP response"))
        );
        assert_eq!(
            crate::input::input_files(&empty, "certificate").err(),
            Some(nothing("certificate"))
        );
        assert_eq!(
            nothing("CRL").to_string(),
            format!("no CRL found in {path}")
        );
        // A folder with a certificate is read as before.
        let root = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki/root.cer"),
        )
        .unwrap();
        let one = folder("one-anchor", &[("root.cer", &root)]);
        assert!(Verifier::builder().trust_path(&one).is_ok());
        assert_eq!(
            crate::input::input_files(&one, "certificate")
                .unwrap()
                .len(),
            1
        );
        let _ = std::fs::remove_dir_all(&empty);
        let _ = std::fs::remove_dir_all(&one);
    }
}
