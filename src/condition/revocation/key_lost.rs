//! A CA's key lost through another certificate that carries it (review 67): a
//! cross-certificate, a re-issue, or another trusted copy of the same key. A revocation
//! that may hide a compromise says the KEY is lost, whichever certificate names it; which
//! of a key's certificates the path builder happened to find first (the order of the
//! anchors, of the intermediates, of a document's certificates) must not decide whether
//! that counts.

use super::Verifier;
use crate::certificate::Certificate;
use crate::chain::{Beyond, VerifiedPath};
use crate::revocation::status::StatusContext;
use crate::revocation::CertStatus;
use crate::work::WorkMeter;

/// Most other certificates of one key asked about (a document may carry a pile of them;
/// each costs a path build and a status, all charged to its meter as well).
const MAX_OTHER_HOLDERS: usize = 16;

impl Verifier {
    /// The status that counts against `cert` (a CA of a verified path, or its trust
    /// anchor) because ANOTHER certificate carrying its key, itself certified by a trusted
    /// CA (its own path to a trust anchor, or, for another anchor, the path beyond it), is
    /// revoked at the time judged for a reason that may hide a compromise (keyCompromise,
    /// cACompromise, aACompromise, no stated reason): `cert` is then revoked for that
    /// reason too. Each such certificate's status is asked of the CRLs as any path
    /// certificate's is, so its own evidence rules apply (a claimed time, holds, who may
    /// sign). A status unknown, a revocation for another reason (a cross-certificate
    /// superseded: the key is not lost), or a certificate nothing trusted certifies say
    /// nothing. `Ok(None)` when nothing counts; `Err` when a budget (the document's
    /// meter, or a search's own) stopped the asking: undecided, never "nothing counts".
    pub(super) fn key_lost_elsewhere(
        &self,
        ctx: &StatusContext<'_>,
        cert: &Certificate,
    ) -> Result<Option<CertStatus>, String> {
        let (at, meter) = (ctx.at, ctx.meter);
        let key = cert.holder_id();
        let mut others: Vec<&Certificate> = Vec::new();
        for c in ctx
            .builder
            .anchors
            .by_key(&key)
            .chain(ctx.builder.intermediates.by_key(&key))
        {
            if c != cert && !others.contains(&c) {
                others.push(c);
            }
        }
        let refused = |why: &str| {
            format!(
                "{} (asking the other certificates carrying the key of \"{}\")",
                meter
                    .and_then(WorkMeter::exhausted)
                    .unwrap_or_else(|| why.to_string()),
                cert.subject()
            )
        };
        for other in others.into_iter().take(MAX_OTHER_HOLDERS) {
            if meter.is_some_and(|m| !m.path_step()) {
                return Err(refused("work budget exhausted"));
            }
            let path: VerifiedPath = if ctx.builder.anchors.contains(other) {
                match ctx
                    .builder
                    .build_beyond_anchor(other, self.path_options(at), meter)
                {
                    Beyond::Found(p) => p,
                    Beyond::Root | Beyond::NotFound => continue,
                    Beyond::Exhausted(why) => return Err(refused(&why)),
                }
            } else {
                match ctx
                    .builder
                    .build_metered(other, self.path_options(at), meter)
                {
                    Ok(p) => p,
                    Err(f) if f.exhausted.is_some() => return Err(refused(&f.reason)),
                    Err(_) => continue,
                }
            };
            let Some(issuer) = path.issuer_of(0) else {
                continue;
            };
            // The facts `status` records are the path certificate's, which the caller
            // reads: kept as they were.
            let kept = *ctx.facts.borrow();
            let status = ctx.status(other, Some(issuer), path.anchor());
            let cut = ctx.facts.borrow().budget_cut;
            *ctx.facts.borrow_mut() = kept;
            if let CertStatus::Unknown { reason, .. } = &status {
                if cut {
                    return Err(refused(reason));
                }
            }
            if let CertStatus::Revoked {
                reason,
                revocation_date,
                evidence,
            } = status
            {
                if reason.may_be_compromise() {
                    return Ok(Some(CertStatus::Revoked {
                        reason,
                        revocation_date,
                        evidence: format!(
                            "its key is lost: the certificate \"{}\" (serial {}) carrying the same key is revoked ({evidence})",
                            other.subject(),
                            other.serial_hex()
                        ),
                    }));
                }
            }
        }
        Ok(None)
    }
}
