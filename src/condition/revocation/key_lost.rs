//! A CA's key lost through another certificate that carries it (review 67): a
//! cross-certificate, a re-issue, or another trusted copy of the same key. A revocation
//! that may hide a compromise says the KEY is lost, whichever certificate names it; which
//! of a key's certificates the path builder happened to find first (the order of the
//! anchors, of the intermediates, of a document's certificates) must not decide whether
//! that counts.

use super::Verifier;
use crate::certificate::Certificate;
use crate::chain::{Beyond, PathOptions, VerifiedPath};
use crate::limits::Exhausted;
use crate::revocation::status::StatusContext;
use crate::revocation::CertStatus;
use crate::work::WorkMeter;

/// Most other certificates of one key, certified by a trusted CA, asked about (a document
/// may carry a pile of them; each costs a path build and a status, all charged to its
/// meter as well); more leave the asking undecided.
const MAX_OTHER_HOLDERS: usize = 16;

impl Verifier {
    /// The status that counts against `cert` (a CA of a verified path, or its trust
    /// anchor) because ANOTHER certificate carrying its key, itself certified by a trusted
    /// CA (its own path to a trust anchor, or, for another anchor, the path beyond it,
    /// whatever the validity periods: review 68, a claimed time before the certifying CA
    /// existed must not hide what it says), is revoked for a reason that may hide a
    /// compromise (keyCompromise, cACompromise, aACompromise, no stated reason), by the
    /// CRLs at the time judged (their own rules: a claimed time, holds, who may sign) or
    /// by an OCSP response (dated at or before the time judged, or whenever at a claimed
    /// time): `cert` is then revoked for that reason too. A status unknown, a revocation
    /// for another reason (a cross-certificate superseded: the key is not lost), or a
    /// certificate nothing trusted certifies say nothing.
    ///
    /// `Ok(None)` when nothing counts; `Err` when a budget (the document's meter, or a
    /// search's own) stopped the asking of a certificate the verifier holds, or more than
    /// [`MAX_OTHER_HOLDERS`] certified ones were offered, and no compromise was proven of
    /// the others: undecided, never "nothing counts" (review 68: the seventeenth, or one
    /// after a refusal, was never asked). A certificate only the document carries whose
    /// asking a budget cut short says nothing: leaving it out would have said as much
    /// (review 68: one such certificate with junk above it made an honest document
    /// undecided).
    pub(super) fn key_lost_elsewhere(
        &self,
        ctx: &StatusContext<'_>,
        cert: &Certificate,
    ) -> Result<Option<CertStatus>, Undecided> {
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
        // Why, and the limit that cut it short (the document's, else `limit`; none for
        // the cap of MAX_OTHER_HOLDERS): the verdict names it (review 74).
        let refused = |why: &str, limit: Option<Exhausted>| Undecided {
            why: format!(
                "{} (asking the other certificates carrying the key of \"{}\")",
                meter
                    .and_then(WorkMeter::exhausted)
                    .unwrap_or_else(|| why.to_string()),
                cert.subject()
            ),
            limit: meter.and_then(WorkMeter::exhausted_kind).or(limit),
        };
        let options = PathOptions {
            ignore_validity: true,
            evidence: true,
            ..self.path_options(at)
        };
        let mut undecided: Option<Undecided> = None;
        let mut asked = 0;
        for other in others {
            if meter.is_some_and(|m| !m.path_step()) {
                return Err(refused("work budget exhausted", None));
            }
            let the_verifiers = self.anchors.contains(other) || self.intermediates.contains(other);
            let mut cut = |why: &str, limit: Option<Exhausted>| {
                if the_verifiers {
                    undecided.get_or_insert_with(|| refused(why, limit));
                }
            };
            let path: VerifiedPath = if ctx.builder.anchors.contains(other) {
                match ctx.builder.build_beyond_anchor(other, options, meter) {
                    Beyond::Found(p) => p,
                    Beyond::Root | Beyond::NotFound => continue,
                    Beyond::Exhausted(why, limit) => {
                        cut(&why, Some(limit));
                        continue;
                    }
                }
            } else {
                match ctx.builder.build_metered(other, options, meter) {
                    Ok(p) => p,
                    Err(f) if f.exhausted.is_some() => {
                        cut(&f.reason, f.exhausted);
                        continue;
                    }
                    Err(_) => continue,
                }
            };
            let Some(issuer) = path.issuer_of(0) else {
                continue;
            };
            if asked == MAX_OTHER_HOLDERS {
                undecided.get_or_insert_with(|| {
                    refused(
                        &format!("more than {MAX_OTHER_HOLDERS} certified certificates of one key"),
                        None,
                    )
                });
                break;
            }
            asked += 1;
            // The facts `status` records are the path certificate's, which the caller
            // reads: kept as they were.
            let kept = *ctx.facts.borrow();
            let status = ctx.status(other, Some(issuer), path.anchor());
            let budget_cut = ctx.facts.borrow().budget_cut;
            *ctx.facts.borrow_mut() = kept;
            let status = match status {
                CertStatus::Revoked { reason, .. } if reason.may_be_compromise() => status,
                CertStatus::Unknown { reason, .. } if budget_cut => {
                    // A search's own budget, when the document's did not run out.
                    cut(&reason, Some(Exhausted::PathBuild));
                    continue;
                }
                // What the OCSP responses held say of it (compromises only).
                _ => match ctx.ocsp_revoked.and_then(|ocsp| ocsp(other, issuer)) {
                    Some(
                        revoked @ CertStatus::Revoked {
                            revocation_date, ..
                        },
                    ) if revocation_date <= at || ctx.time_source.is_claimed() => revoked,
                    _ => continue,
                },
            };
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
        match undecided {
            Some(why) => Err(why),
            None => Ok(None),
        }
    }
}

/// Why the asking of a key's other certificates was cut short, and the limit that did it
/// (none for the cap of [`MAX_OTHER_HOLDERS`]).
pub(super) struct Undecided {
    pub(super) why: String,
    pub(super) limit: Option<Exhausted>,
}
