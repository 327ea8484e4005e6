//! How one certificate's status is asked: the CRLs', completed by the OCSP responses, with
//! what a budget left undecided kept undecided, and what the key's other certificates say;
//! the one rule for a path's certificates and for those above a trust anchor
//! (`against_anchor`).

use super::key_lost::Undecided;
use super::{TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::limits::Exhausted;
use crate::revocation::status::StatusContext;
use crate::revocation::CertStatus;
use crate::work::WorkMeter;

/// A certificate's status as the evidence held has it ([`Verifier::ask`]).
pub(super) struct Asked {
    pub(super) status: CertStatus,
    /// A budget (the document's meter, or a search's own) refused a CRL that may list
    /// it, or the document's work ran out: a status unknown may be unknown for that
    /// reason alone (review 65).
    pub(super) budget_cut: bool,
    /// A CRL or a response lists it on hold: a CA suspended is not a CA "not checked".
    pub(super) hold_seen: bool,
}

/// Evidence against a trust anchor, or against a CA beyond one, comes from a trusted
/// issuer: what the verdict adds when it counts.
pub(super) const TRUSTED_ISSUER: &str =
    "a trusted issuer's evidence: trusting it does not outweigh its revocation";

/// "WHO is revoked since DATE (reason: R; EVIDENCE[; ALSO])", when `status` is revoked.
pub(super) fn revoked_since(who: &str, status: &CertStatus, also: Option<&str>) -> Option<String> {
    let CertStatus::Revoked {
        reason,
        revocation_date,
        evidence,
    } = status
    else {
        return None;
    };
    let also = also.map(|a| format!("; {a}")).unwrap_or_default();
    Some(format!(
        "{who} is revoked since {} (reason: {}; {evidence}{also})",
        revocation_date.to_rfc3339(),
        reason.describe()
    ))
}

impl Verifier {
    /// `cert`'s status under `issuer` (none: the certificate is the anchor's own, asked of
    /// the CRLs only), below trust anchor `top`: the CRLs' (`StatusContext::status`),
    /// completed by the OCSP responses held ([`Verifier::with_ocsp`]). Once a budget
    /// refused, a status the CRLs left unknown may hide a revocation on a CRL that could
    /// not be proven: no OCSP "good" settles it (review 65: the budget refuses, it never
    /// decides). The one rule for a path's certificates and for those beyond an anchor.
    pub(super) fn ask(
        &self,
        ctx: &StatusContext<'_>,
        (cert, issuer): (&Certificate, Option<&Certificate>),
        top: &Certificate,
        time_source: TimeSource,
    ) -> Asked {
        let exhausted = || ctx.meter.is_some_and(WorkMeter::is_exhausted);
        let status = ctx.status(cert, issuer, top);
        let facts = *ctx.facts.borrow();
        let mut hold_seen =
            facts.stale_hold.is_some() || facts.hold_proof.is_some() || facts.doubt.is_some();
        let Some(issuer) = issuer else {
            return Asked {
                status,
                budget_cut: facts.budget_cut || exhausted(),
                hold_seen,
            };
        };
        let crls_unknown = matches!(status, CertStatus::Unknown { .. }).then(|| status.clone());
        let mut refused = None;
        let status = self.with_ocsp(
            status,
            facts,
            (cert, issuer),
            (ctx, top),
            time_source,
            &mut hold_seen,
            &mut refused,
        );
        // A "good" refused for its signer leaves the status as the rest of the evidence
        // has it; when unknown, the refusal is part of why.
        let status = match (status, refused) {
            (CertStatus::Unknown { reason, any_crl }, Some(why)) => CertStatus::Unknown {
                reason: format!("{reason}; an OCSP \"good\" proves nothing: {why}"),
                any_crl,
            },
            (status, _) => status,
        };
        let budget_cut = facts.budget_cut || exhausted();
        let status = match crls_unknown {
            Some(unknown) if budget_cut && matches!(status, CertStatus::Good { .. }) => unknown,
            _ => status,
        };
        Asked {
            status,
            budget_cut,
            hold_seen,
        }
    }

    /// `status` with what the key's other certificates say (`key_lost_elsewhere`, review
    /// 67): a compromise proven of any of them counts against `cert`; a budget that cut
    /// their asking short leaves a "good" unknown. `Some` when it was cut short: the limit
    /// that did it, when one of `Limits` did (review 74: the verdict names it).
    pub(super) fn with_key_lost(
        &self,
        ctx: &StatusContext<'_>,
        cert: &Certificate,
        status: CertStatus,
    ) -> (CertStatus, Option<Option<Exhausted>>) {
        if matches!(status, CertStatus::Revoked { .. }) {
            return (status, None);
        }
        match self.key_lost_elsewhere(ctx, cert) {
            Ok(Some(lost)) => (lost, None),
            Ok(None) => (status, None),
            Err(Undecided { why, limit }) => match status {
                CertStatus::Good { .. } => (
                    CertStatus::Unknown {
                        reason: why,
                        any_crl: true,
                    },
                    Some(limit),
                ),
                unknown => (unknown, Some(limit)),
            },
        }
    }
}
