//! What counts against a trust anchor that is not a root: the evidence its trusted issuer
//! gives (reviews 56, 58-61), through the chain above it that
//! [`PathBuilder::build_beyond_anchor`](crate::chain::PathBuilder::build_beyond_anchor)
//! finds, or, when that chain's evidence need not hold on every chain, the best of the
//! others (review 71, as `best_path` does below the anchor).

use super::asked::{revoked_since, Asked, TRUSTED_ISSUER};
use super::{RevocationReport, TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::{Beyond, PathBuilder, VerifiedPath};
use crate::condition::alternatives::{Ends, OtherChains};
use crate::limits::Exhausted;
use crate::revocation::reason::RevocationReason;
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
        let (status, cut) = self.with_key_lost(ctx, anchor, trusted);
        held.exhausted = cut.flatten();
        match status {
            revoked @ CertStatus::Revoked { reason, .. } => {
                report.anchor_revoked = Some(reason);
                held.revoked
                    .extend(revoked_since(&who, &revoked, Some(TRUSTED_ISSUER)))
            }
            CertStatus::Unknown { reason, .. } => held.doubts.push(format!("{who}: {reason}")),
            CertStatus::Good { .. } => {}
        }
        let first = match beyond {
            Beyond::Found(b) => b,
            Beyond::Exhausted(why, limit) => {
                held.doubts
                    .push(format!("who issued the trust anchor is not known: {why}"));
                held.exhausted = held.exhausted.or(Some(*limit));
                return held;
            }
            Beyond::Root | Beyond::NotFound => return held,
        };
        let judged = self.above(ctx, first, time_source);
        let above = self.other_chains_above(ctx, anchor, first, judged, time_source);
        held.revoked.extend(above.revoked);
        held.doubts.extend(above.doubts);
        held.exhausted = held.exhausted.or(above.exhausted);
        report.statuses.extend(above.statuses);
        if let Some(reason) = above.anchor_revoked {
            report.anchor_revoked.get_or_insert(reason);
        }
        held
    }

    /// What the evidence held says of one chain above a trust anchor (`chain`: the anchor
    /// first, another anchor last).
    fn above(
        &self,
        ctx: &StatusContext<'_>,
        chain: &VerifiedPath,
        time_source: TimeSource,
    ) -> Above {
        let mut above = Above::default();
        let certs = chain.certificates();
        let top = chain.anchor();
        let exhausted = || ctx.meter.is_some_and(WorkMeter::is_exhausted);
        for (j, cert) in certs.iter().enumerate().take(certs.len().saturating_sub(1)) {
            let Some(issuer) = chain.issuer_of(j) else {
                break;
            };
            let who = if j == 0 {
                format!("trust anchor \"{}\"", cert.subject())
            } else {
                format!(
                    "CA \"{}\", issuer of trust anchor \"{}\",",
                    cert.subject(),
                    chain.end_entity().subject()
                )
            };
            let Asked {
                status,
                mut budget_cut,
                hold_seen,
            } = self.ask(ctx, (cert, Some(issuer)), top, time_source);
            // A compromise proven of another certificate of a CA's key counts against it,
            // as on a path (review 72: a real certificate of a lost key, added by a relay,
            // turned INVALID into INDETERMINATE). The anchor's own key was asked above.
            let status = if j == 0 {
                status
            } else {
                let (status, cut) = self.with_key_lost(ctx, cert, status);
                if let Some(limit) = cut {
                    budget_cut = true;
                    above.exhausted = above.exhausted.or(limit);
                }
                status
            };
            match &status {
                CertStatus::Revoked { reason, .. } => {
                    // The anchor's own status is asked of its issuer's key, and its
                    // issuer's key signed it: the same on every chain above it.
                    if j == 0 {
                        above.anchor_revoked.get_or_insert(*reason);
                    }
                    above.settled |= j == 0 || (j == 1 && reason.may_be_compromise());
                    above
                        .revoked
                        .extend(revoked_since(&who, &status, Some(TRUSTED_ISSUER)))
                }
                CertStatus::Unknown { reason, .. } if hold_seen || budget_cut || exhausted() => {
                    above
                        .doubts
                        .push(format!("{who}: status unknown: {reason}"))
                }
                _ => {
                    if let Some(why) = ctx.anchor_key_distrust(cert, issuer, top) {
                        above.doubts.push(format!(
                            "{who}: its key is not relied on, nor what it signs: {why}"
                        ));
                    }
                    continue;
                }
            }
            above.statuses.push(RevocationInfo {
                subject: cert.subject().text().to_owned(),
                serial: cert.serial_hex(),
                status,
            });
        }
        // The chain's top, trusted as given: a compromise proven of another certificate of
        // its key counts against it too (review 75: a trusted certificate of the issuer's
        // lost key, nothing trusted above it, hid the compromise).
        // A cycle's top was asked where it was met first (review 77: the anchor named its
        // own issuer, its loss counted twice).
        let j = certs.len().saturating_sub(1);
        if j > 0 && !chain.ends_in_a_cycle() {
            let trusted = CertStatus::Good {
                evidence: String::new(),
            };
            let (status, cut) = self.with_key_lost(ctx, top, trusted);
            if let Some(limit) = cut {
                above.exhausted = above.exhausted.or(limit);
            }
            let who = format!(
                "trust anchor \"{}\", issuer of trust anchor \"{}\",",
                top.subject(),
                chain.end_entity().subject()
            );
            match &status {
                CertStatus::Revoked { reason, .. } => {
                    above.settled |= j == 1 && reason.may_be_compromise();
                    above
                        .revoked
                        .extend(revoked_since(&who, &status, Some(TRUSTED_ISSUER)));
                }
                CertStatus::Unknown { reason, .. } => above.doubts.push(format!("{who}: {reason}")),
                CertStatus::Good { .. } => return above,
            }
            above.statuses.push(RevocationInfo {
                subject: top.subject().text().to_owned(),
                serial: top.serial_hex(),
                status,
            });
        }
        above
    }

    /// The first chain above a trust anchor (`judged`), or, when it holds a revocation
    /// that need not hold on every chain (a CA above the anchor superseded, while another
    /// certificate of that CA, under another anchor, stands), the best of the others
    /// ([`OtherChains`]: each without one more CA of the chains already judged that has a
    /// sibling of its name and key, every build charged to the document's meter): nothing against
    /// the anchor, else doubts, else a revocation. Review 71: which chain the builder met
    /// first (the order the verifier or a document offered the certificates in) decided,
    /// as for the path below the anchor before `best_path`. A search cut short whose best
    /// is a revocation leaves it a doubt.
    fn other_chains_above(
        &self,
        ctx: &StatusContext<'_>,
        anchor: &Certificate,
        first: &VerifiedPath,
        judged: Above,
        time_source: TimeSource,
    ) -> Above {
        let search = OtherChains {
            sets: [ctx.builder.anchors, ctx.builder.intermediates],
            meter: ctx.meter,
            what: "other chains",
        };
        let found = search.best(
            first.certificates(),
            judged,
            |anchors, intermediates| {
                let builder = PathBuilder {
                    anchors,
                    intermediates,
                    cache: ctx.builder.cache,
                };
                let options = self.path_options(ctx.at);
                match builder.build_above_anchor(anchor, options, ctx.meter) {
                    // A chain that ends at an anchor that is not a root, not met again,
                    // only because its issuers were left out is no chain: the rule "an
                    // anchor nothing trusted vouches for is trusted as given" is asked of
                    // everything held (review 76: junk of a revoked CA's name had it left
                    // out, the anchor below it then trusted as given: INVALID into VALID).
                    Beyond::Found(chain) if !chain.ends_in_a_cycle() => {
                        match ctx
                            .builder
                            .build_beyond_anchor(chain.anchor(), options, ctx.meter)
                        {
                            Beyond::Root | Beyond::NotFound => Ok(chain),
                            Beyond::Found(_) => Err(None),
                            Beyond::Exhausted(why, limit) => Err(Some((why, Some(limit)))),
                        }
                    }
                    Beyond::Found(chain) => Ok(chain),
                    Beyond::Exhausted(why, limit) => Err(Some((why, Some(limit)))),
                    // Leaving certificates out finds no other chain: nothing to weigh.
                    Beyond::Root | Beyond::NotFound => Err(None),
                }
            },
            |chain| self.above(ctx, &chain, time_source),
            |above| {
                let ends = if above.settled {
                    Ends::Search
                } else if above.rank() == 2 {
                    Ends::IfBetter
                } else {
                    Ends::No
                };
                (above.rank(), ends)
            },
        );
        let mut best = found.best;
        if let (Some(why), 0) = (found.cut_short, best.rank()) {
            best.exhausted = best.exhausted.or(found.build_exhausted);
            let revoked = std::mem::take(&mut best.revoked);
            best.doubts.extend(revoked.into_iter().map(|r| {
                format!("{r}; the other chains above the trust anchor were not all tried ({why}): one may hold")
            }));
        }
        best
    }
}

/// What the evidence held says of one chain above a trust anchor.
#[derive(Default)]
struct Above {
    revoked: Vec<String>,
    doubts: Vec<String>,
    statuses: Vec<RevocationInfo>,
    /// Why the anchor itself is revoked, when it is.
    anchor_revoked: Option<RevocationReason>,
    /// A revocation that holds on every chain above the anchor: the anchor's own, or a
    /// compromise of its issuer's key. No other chain is sought.
    settled: bool,
    /// The limit that cut a chain's build short, when one left it in doubt.
    exhausted: Option<Exhausted>,
}

impl Above {
    /// Nothing against the anchor, then doubts, then a revocation.
    fn rank(&self) -> u8 {
        if !self.revoked.is_empty() {
            0
        } else if !self.doubts.is_empty() {
            1
        } else {
            2
        }
    }
}

/// What [`Verifier::against_anchor`] found: revocations proven, and doubts that leave the
/// revocation check unknown.
#[derive(Default)]
pub(super) struct AgainstAnchor {
    pub(super) revoked: Vec<String>,
    pub(super) doubts: Vec<String>,
    /// The limit that cut a build of a chain above the anchor short, when one did: the
    /// verdict names it when the document's meter names none (review 72).
    pub(super) exhausted: Option<Exhausted>,
}
