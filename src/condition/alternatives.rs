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
//! asked on each path. The search is bounded ([`MAX_OTHER_PATHS`]) and every build is
//! charged to a document's meter; one the budget cuts short is not tried further, and
//! what was found stands.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::revocation::RevocationReport;
use super::{TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::{CertSet, PathBuilder, VerifiedPath};
use crate::verdict::{Check, Outcome};
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

impl Verifier {
    /// `first` (the first path found, judged), or a better judged path among the others
    /// (see the module's doc).
    pub(super) fn best_path(
        &self,
        cert: &Certificate,
        first: Judged,
        (at, time_source): (DateTime<Utc>, TimeSource),
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
    ) -> Judged {
        if first.check.outcome() == Outcome::Passed {
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
        while let Some(without) = queue.pop_front() {
            if tries == MAX_OTHER_PATHS || meter.is_some_and(WorkMeter::is_exhausted) {
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
            let Ok(path) = built else {
                continue;
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
            if rank(outcome) > rank(best.check.outcome()) {
                best = Judged {
                    path,
                    check,
                    report,
                };
                if outcome == Outcome::Passed {
                    break;
                }
            }
        }
        best
    }
}
