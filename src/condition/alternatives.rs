//! Other paths, when the first path found does not pass the revocation check (review 67).
//!
//! The path builder returns the first path it finds (the anchors of an issuer's name
//! before the intermediates, each in the order offered, a document's certificates after
//! the verifier's). A certificate is valid when SOME path to a trust anchor holds (RFC
//! 5280 §6): a cross-certificate superseded on one path does not make a certificate
//! certified by another path invalid, and which of them the builder met first (the order
//! the verifier or a document offered them in) must not decide. So when the first path's
//! revocation check does not pass, other paths are sought, each without one more
//! certificate of the paths already judged, and the best verdict counts: passed, else
//! unknown, else failed.
//!
//! This cannot dodge a lost key: a compromise proven of any certificate carrying a
//! path certificate's key counts on every path through that key
//! ([`Verifier::key_lost_elsewhere`](super::Verifier)), and the end-entity's own status is
//! asked on each path. A failure that holds on every path (the certificate's own
//! revocation, a compromise of its issuer's key) is final. The search is bounded
//! ([`MAX_OTHER_PATHS`]) and every build is charged to a document's meter; a search cut
//! short whose best is a failure that need not hold on every path is unknown (review 69).

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::revocation::RevocationReport;
use super::{TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::{CertSet, PathBuilder, VerifiedPath};
use crate::revocation::CertStatus;
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};
use crate::work::WorkMeter;

/// Most other paths built after the first (each a path build and a revocation check).
pub(super) const MAX_OTHER_PATHS: usize = 8;

/// A path and what its revocation check found.
pub(super) struct Judged {
    pub(super) path: VerifiedPath,
    pub(super) check: Check,
    pub(super) report: RevocationReport,
}

/// Passed, then unknown, then failed.
fn rank(o: Outcome) -> u8 {
    match o {
        Outcome::Passed => 2,
        Outcome::Unknown => 1,
        Outcome::Failed => 0,
    }
}

/// Whether a failed check holds on every path of the certificate: its own revocation, or
/// a compromise of its issuer's key (every path carries that key, and a compromise of it
/// proven of any of its certificates counts on each: `key_lost_elsewhere`). Such a
/// failure is final: no other path is sought, and nothing (a budget cut short on another
/// path) outranks it (review 69).
fn holds_on_every_path(j: &Judged) -> bool {
    j.check.outcome() == Outcome::Failed
        && j.report
            .statuses
            .iter()
            .take(2)
            .enumerate()
            .any(|(i, s)| match s.status {
                CertStatus::Revoked { reason, .. } => i == 0 || reason.may_be_compromise(),
                _ => false,
            })
}

impl Verifier {
    /// `first` (the first path found, judged), or a better judged path among the others
    /// (see the module's doc). A search the budget or [`MAX_OTHER_PATHS`] cut short,
    /// whose best is a failure that need not hold on every path, is unknown, never failed
    /// (review 69: a document's junk, or nine certificates offered before the one that
    /// holds, made a valid certificate INVALID).
    pub(super) fn best_path(
        &self,
        cert: &Certificate,
        first: Judged,
        (at, time_source): (DateTime<Utc>, TimeSource),
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
    ) -> Judged {
        if first.check.outcome() == Outcome::Passed || holds_on_every_path(&first) {
            return first;
        }
        // Another path can only go through another certificate of a name one of the path's
        // CAs (or its anchor) bears: leaving out one without such a sibling finds nothing.
        let has_sibling = |c: &Certificate| {
            self.anchors
                .by_subject(c.subject().key())
                .chain(intermediates.by_subject(c.subject().key()))
                .any(|o| o != c)
        };
        let mut seen: Vec<Vec<Certificate>> = vec![first.path.certificates().to_vec()];
        let mut queue: VecDeque<Vec<Certificate>> = first.path.certificates()[1..]
            .iter()
            .filter(|c| has_sibling(c))
            .map(|c| vec![c.clone()])
            .collect();
        let mut best = first;
        let mut tries = 0;
        // Why the search did not try every path it could have.
        let mut cut_short: Option<String> = None;
        while let Some(without) = queue.pop_front() {
            if let Some(why) = meter.and_then(WorkMeter::exhausted) {
                cut_short = Some(why);
                break;
            }
            if tries == MAX_OTHER_PATHS {
                cut_short = Some(format!("more than {MAX_OTHER_PATHS} other paths"));
                break;
            }
            tries += 1;
            let keep = |set: &CertSet| {
                let mut kept = CertSet::new();
                for c in set.iter().filter(|c| !without.contains(c)) {
                    // Fewer than a set held.
                    let _ = kept.add(c.clone());
                }
                kept
            };
            let (anchors, inters) = (keep(&self.anchors), keep(intermediates));
            let built = PathBuilder {
                anchors: &anchors,
                intermediates: &inters,
                cache: &self.cache,
            }
            .build_metered(cert, self.path_options(at), meter);
            let path = match built {
                Ok(path) => path,
                Err(f) => {
                    if f.exhausted.is_some() {
                        cut_short.get_or_insert(f.reason);
                    }
                    continue;
                }
            };
            let certs = path.certificates().to_vec();
            if seen.contains(&certs) {
                continue;
            }
            let mut report = RevocationReport::default();
            let check =
                self.revocation_check(&path, at, time_source, intermediates, meter, &mut report);
            let outcome = check.outcome();
            for c in &certs[1..] {
                if !without.contains(c) && has_sibling(c) {
                    let mut next = without.clone();
                    next.push(c.clone());
                    queue.push_back(next);
                }
            }
            seen.push(certs);
            let judged = Judged {
                path,
                check,
                report,
            };
            if holds_on_every_path(&judged) {
                return judged;
            }
            if rank(outcome) > rank(best.check.outcome()) {
                best = judged;
                if outcome == Outcome::Passed {
                    return best;
                }
            }
        }
        match cut_short {
            Some(why) if best.check.outcome() == Outcome::Failed => {
                let exhausted = meter.and_then(WorkMeter::exhausted_kind);
                best.check = Check::new(
                    CheckName::Revocation,
                    Outcome::Unknown,
                    ReasonKind::StatusUnknown,
                    format!(
                        "{}; the certificate's other paths were not all tried ({why}): one may hold",
                        best.check.reason()
                    ),
                )
                .exhausted_by(exhausted);
                best
            }
            _ => best,
        }
    }
}
