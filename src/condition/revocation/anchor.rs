//! What counts against a trust anchor that is not a root: the evidence its trusted issuer
//! gives (reviews 56, 58-61), through the chain above it that
//! [`PathBuilder::build_beyond_anchor`](crate::chain::PathBuilder::build_beyond_anchor)
//! finds, or, when that chain's evidence need not hold on every chain, the best of the
//! others (review 71, as `best_path` does below the anchor).

use std::collections::VecDeque;

use super::asked::{revoked_since, Asked, TRUSTED_ISSUER};
use super::{RevocationReport, TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::{Beyond, PathBuilder, VerifiedPath};
use crate::condition::alternatives::{has_sibling, leaving_out, MAX_OTHER_PATHS};
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
        let above = if judged.rank() == 2 || judged.settled {
            judged
        } else {
            self.other_chains_above(ctx, anchor, first, judged, time_source)
        };
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
        let j = certs.len().saturating_sub(1);
        if j > 0 {
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

    /// When the first chain above a trust anchor holds a revocation that need not hold on
    /// every chain (a CA above the anchor superseded, while another certificate of that
    /// CA, under another anchor, stands), the other chains: each without one more CA of
    /// the chains already judged that has a same-name sibling, at most
    /// [`MAX_OTHER_PATHS`], every build charged to the document's meter; the best counts
    /// (nothing against the anchor, else doubts, else a revocation). Review 71: which
    /// chain the builder met first (the order the verifier or a document offered the
    /// certificates in) decided, as for the path below the anchor before `best_path`. A
    /// search cut short whose best is a revocation leaves it a doubt.
    fn other_chains_above(
        &self,
        ctx: &StatusContext<'_>,
        anchor: &Certificate,
        first: &VerifiedPath,
        judged: Above,
        time_source: TimeSource,
    ) -> Above {
        let sets = [ctx.builder.anchors, ctx.builder.intermediates];
        let mut seen: Vec<Vec<Certificate>> = vec![first.certificates().to_vec()];
        let mut queue: VecDeque<Vec<Certificate>> = first.certificates()[1..]
            .iter()
            .filter(|c| has_sibling(sets, c))
            .map(|c| vec![c.clone()])
            .collect();
        let mut best = judged;
        let mut tries = 0;
        let mut cut_short: Option<String> = None;
        // The limit that cut a chain's build short (review 72: the verdict names it).
        let mut build_exhausted = None;
        while let Some(without) = queue.pop_front() {
            if let Some(why) = ctx.meter.and_then(WorkMeter::exhausted) {
                cut_short = Some(why);
                break;
            }
            if tries == MAX_OTHER_PATHS {
                cut_short = Some(format!("more than {MAX_OTHER_PATHS} other chains"));
                break;
            }
            tries += 1;
            let (anchors, inters) = (
                leaving_out(ctx.builder.anchors, &without),
                leaving_out(ctx.builder.intermediates, &without),
            );
            let built = PathBuilder {
                anchors: &anchors,
                intermediates: &inters,
                cache: ctx.builder.cache,
            }
            .build_above_anchor(anchor, self.path_options(ctx.at), ctx.meter);
            let chain = match built {
                Beyond::Found(chain) => chain,
                Beyond::Exhausted(why, limit) => {
                    cut_short.get_or_insert(why);
                    build_exhausted = build_exhausted.or(Some(limit));
                    continue;
                }
                // Leaving certificates out finds no other chain: nothing to weigh.
                Beyond::Root | Beyond::NotFound => continue,
            };
            let certs = chain.certificates().to_vec();
            if seen.contains(&certs) {
                continue;
            }
            for c in &certs[1..] {
                if !without.contains(c) && has_sibling(sets, c) {
                    let mut next = without.clone();
                    next.push(c.clone());
                    queue.push_back(next);
                }
            }
            seen.push(certs);
            let judged = self.above(ctx, &chain, time_source);
            if judged.settled {
                return judged;
            }
            if judged.rank() > best.rank() {
                best = judged;
                if best.rank() == 2 {
                    return best;
                }
            }
        }
        if let (Some(why), 0) = (cut_short, best.rank()) {
            best.exhausted = best.exhausted.or(build_exhausted);
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
