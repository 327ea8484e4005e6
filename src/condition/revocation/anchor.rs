//! What counts against a trust anchor that is not a root: the evidence its trusted issuer
//! gives (reviews 56, 58-61), through the path beyond it that
//! [`PathBuilder::build_beyond_anchor`](crate::chain::PathBuilder::build_beyond_anchor)
//! finds.

use super::asked::{revoked_since, Asked, TRUSTED_ISSUER};
use super::{RevocationReport, TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::Beyond;
use crate::revocation::status::StatusContext;
use crate::revocation::{CertStatus, RevocationInfo};
use crate::work::WorkMeter;

impl Verifier {
    /// What the evidence held says against a trust anchor that is not a root: `beyond` is
    /// what [`PathBuilder::build_beyond_anchor`] found, a verified path from it to another
    /// anchor, whose certificates below that other anchor are asked of the CRLs and OCSP
    /// responses held as a path certificate is. An anchor is trusted as given, but not
    /// against proof the verifier holds (reviews 56 and 58: trusting one more certificate
    /// must not turn a verdict that is not valid into valid):
    /// - revoked at the time judged (a trusted issuer's CRL or response): `revoked`;
    /// - its key possibly lost at any date (a revocation that may hide a compromise,
    ///   whenever dated: the evidence it signs proves nothing, as for any CRL signer), a
    ///   hold not proven lifted, a status the work budget left unknown, or the path beyond
    ///   it refused by the budget: `doubts` (the revocation check is then unknown, never
    ///   passed).
    ///
    /// A root, an anchor whose issuer nothing trusted vouches for, or a status simply
    /// unknown (no CRL of its issuer) leave it trusted as given.
    ///
    /// Any anchor, a root too: a compromise proven of another certificate carrying its key
    /// counts against it (`key_lost_elsewhere`, review 67: two trusted certificates of
    /// one key, the one found first deciding).
    pub(super) fn against_anchor(
        &self,
        ctx: &StatusContext<'_>,
        anchor: &Certificate,
        beyond: &Beyond,
        time_source: TimeSource,
        report: &mut RevocationReport,
    ) -> AgainstAnchor {
        let mut held = AgainstAnchor::default();
        let who = format!("trust anchor \"{}\"", anchor.subject());
        let trusted = CertStatus::Good {
            evidence: String::new(),
        };
        match self.with_key_lost(ctx, anchor, trusted).0 {
            revoked @ CertStatus::Revoked { reason, .. } => {
                report.anchor_revoked = Some(reason);
                held.revoked
                    .extend(revoked_since(&who, &revoked, Some(TRUSTED_ISSUER)))
            }
            CertStatus::Unknown { reason, .. } => held.doubts.push(format!("{who}: {reason}")),
            CertStatus::Good { .. } => {}
        }
        let beyond = match beyond {
            Beyond::Found(b) => b,
            Beyond::Exhausted(why) => {
                held.doubts
                    .push(format!("who issued the trust anchor is not known: {why}"));
                return held;
            }
            Beyond::Root | Beyond::NotFound => return held,
        };
        let certs = beyond.certificates();
        let top = beyond.anchor();
        let exhausted = || ctx.meter.is_some_and(WorkMeter::is_exhausted);
        for (j, cert) in certs.iter().enumerate().take(certs.len().saturating_sub(1)) {
            let Some(issuer) = beyond.issuer_of(j) else {
                break;
            };
            let who = if j == 0 {
                format!("trust anchor \"{}\"", cert.subject())
            } else {
                format!(
                    "CA \"{}\", issuer of trust anchor \"{}\",",
                    cert.subject(),
                    beyond.end_entity().subject()
                )
            };
            let Asked {
                status,
                budget_cut,
                hold_seen,
            } = self.ask(ctx, (cert, Some(issuer)), top, time_source);
            match &status {
                CertStatus::Revoked { reason, .. } => {
                    if j == 0 {
                        report.anchor_revoked.get_or_insert(*reason);
                    }
                    held.revoked
                        .extend(revoked_since(&who, &status, Some(TRUSTED_ISSUER)))
                }
                CertStatus::Unknown { reason, .. } if hold_seen || budget_cut || exhausted() => {
                    held.doubts.push(format!("{who}: status unknown: {reason}"))
                }
                _ => {
                    if let Some(why) = ctx.anchor_key_distrust(cert, issuer, top) {
                        held.doubts.push(format!(
                            "{who}: its key is not relied on, nor what it signs: {why}"
                        ));
                    }
                    continue;
                }
            }
            report.statuses.push(RevocationInfo {
                subject: cert.subject().text().to_owned(),
                serial: cert.serial_hex(),
                status,
            });
        }
        held
    }
}

/// What [`Verifier::against_anchor`] found: revocations proven, and doubts that leave the
/// revocation check unknown.
#[derive(Default)]
pub(super) struct AgainstAnchor {
    pub(super) revoked: Vec<String>,
    pub(super) doubts: Vec<String>,
}
