//! Other paths, when the first path found does not pass the revocation check (review 67).
//!
//! The path builder returns the first path it finds (the anchors of an issuer's name
//! before the intermediates, each in the order offered, a document's certificates after
//! the verifier's). A certificate is valid when SOME path to a trust anchor holds (RFC
//! 5280 §6): a cross-certificate superseded on one path does not make a certificate
//! certified by another path invalid, and which of them the builder met first (the order
//! the verifier or a document offered them in) must not decide. So when the first path's
//! revocation check or its keys' strength does not pass, other paths are sought, each
//! without one more certificate of the paths already judged, and the best counts, the two
//! checks judged together: passed (with no weak key, else weak), else unknown, else failed
//! (review 70: a path through a CA's key the policy refuses, met first, decided).
//!
//! This cannot dodge a lost key: a compromise proven of any certificate carrying a
//! path certificate's key counts on every path through that key
//! ([`Verifier::key_lost_elsewhere`](super::Verifier)), and the end-entity's own status is
//! asked on each path. A failure that holds on every path (the certificate's own
//! revocation, a compromise of a key every path carries, a key of the two the policy
//! refuses) is final. The search is bounded ([`MAX_OTHER_PATHS`]) and every build is
//! charged to a document's meter; a search cut short whose best is a failure that need not
//! hold on every path is unknown (review 69). It runs in an order of its own (the
//! certificates by fingerprint), so that where the cap cuts it does not depend on the
//! order offered (review 77). The chains above a trust anchor are searched alike
//! (`other_chains_above`, revocation/anchor.rs, review 71).

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::revocation::RevocationReport;
use super::{key_strength_check, TimeSource, Verifier};
use crate::certificate::Certificate;
use crate::chain::{CertSet, PathBuilder, VerifiedPath};
use crate::limits::Exhausted;
use crate::revocation::reason::RevocationReason;
use crate::revocation::CertStatus;
use crate::signature::KeyStrength;
use crate::verdict::{Check, Outcome, ReasonKind};
use crate::work::WorkMeter;

/// Most other paths built after the first (each a path build and a revocation check).
pub(super) const MAX_OTHER_PATHS: usize = 8;

/// Whether another certificate of `c`'s name and key is in `sets`: only through one can
/// another path (or another chain above an anchor) go where `c` went. Paths are chained by
/// name, and the certificate below `c` is verified by its key: where two paths first part,
/// the certificate below is the same, so the two there bear one name and one key (review
/// 79: a junk certificate of the issuer's name, another key, undid a final compromise and
/// spent the search's tries).
fn has_sibling(sets: [&CertSet; 2], c: &Certificate) -> bool {
    sets.iter()
        .flat_map(|set| set.by_subject(c.subject().key()))
        .any(|o| o != c && o.key_id() == c.key_id())
}

/// `set` without the certificates of `left_out`, in the order of their fingerprints (not
/// the order they were offered in: [`OtherChains::best`]).
fn leaving_out(set: &CertSet, left_out: &[Certificate]) -> CertSet {
    let mut kept: Vec<(&Certificate, [u8; 32])> = set
        .iter()
        .filter(|c| !left_out.contains(c))
        .map(|c| (c, c.fingerprint_sha256()))
        .collect();
    kept.sort_by_key(|k| k.1);
    let mut sorted = CertSet::new();
    for (c, _) in kept {
        // Fewer than a set held.
        let _ = sorted.add(c.clone());
    }
    sorted
}

/// A path and what its revocation and key-strength checks found.
pub(super) struct Judged {
    pub(super) path: VerifiedPath,
    pub(super) check: Check,
    pub(super) report: RevocationReport,
    /// The strength of the path's keys ([`key_strength_check`]): a path through a key the
    /// policy refuses is no better than a revoked one (review 70: a weak CA's certificate
    /// of the issuer's key, met first, decided INVALID where another path held).
    pub(super) strength: Check,
}

impl Judged {
    /// The path's revocation and key-strength checks, judged together: the worse
    /// outcome, a weak key (passed, "WEAK") ranking under an adequate one.
    fn rank(&self) -> u8 {
        let outcome = match (self.check.outcome(), self.strength.outcome()) {
            (Outcome::Failed, _) | (_, Outcome::Failed) => Outcome::Failed,
            (Outcome::Unknown, _) | (_, Outcome::Unknown) => Outcome::Unknown,
            (Outcome::Passed, Outcome::Passed) => Outcome::Passed,
        };
        match outcome {
            Outcome::Passed if self.strength.kind() == ReasonKind::Weak => 2,
            Outcome::Passed => 3,
            Outcome::Unknown => 1,
            Outcome::Failed => 0,
        }
    }
}

impl Verifier {
    /// Whether no other path can be better: passed with no weak key, or passed with a
    /// weak key of the certificate or its issuer (every path carries both keys).
    fn is_best(&self, j: &Judged) -> bool {
        match j.rank() {
            3 => true,
            2 => self.first_two_keys(j, |s| matches!(s, KeyStrength::Weak(_))),
            _ => false,
        }
    }

    /// Whether the key of the certificate or of its issuer (on every path: the issuer's
    /// key is the one the certificate's signature verifies with) is judged `which`.
    fn first_two_keys(&self, j: &Judged, which: impl Fn(&KeyStrength) -> bool) -> bool {
        j.path.certificates().iter().take(2).any(|c| {
            which(
                &self
                    .keys
                    .judge(c.public_key(), || c.key_id(), self.options.keys),
            )
        })
    }

    /// Whether a failure holds on every path of the certificate: its own revocation, a
    /// compromise of a key every path carries, or a key of the two the policy refuses.
    /// Such a failure is final: no other path is sought, and nothing (a budget cut short
    /// on another path) outranks it (review 69).
    ///
    /// The keys every path carries: the issuer's (the certificate's signature fixes it),
    /// and, while the path's CAs have no other certificate of their name and key in `sets`
    /// (`has_sibling`: each of them is then on every path), the key that signed each
    /// (review 77: a re-keyed root's new key, lost, that signed the only certificate of
    /// the issuer, was not final; the order of the root's certificates then decided
    /// INVALID or INDETERMINATE). A compromise of any certificate of such a key counts on
    /// each path (`key_lost_elsewhere`). A CA's status is the path loop's
    /// (`statuses[i]`); the anchor's is its own revocation (review 70: `statuses` past the
    /// path's are those of CAs above the anchor, off every other path).
    fn holds_on_every_path(&self, j: &Judged, sets: [&CertSet; 2]) -> bool {
        let certs = j.path.certificates();
        let compromised = |r: RevocationReason| r.may_be_compromise();
        // A certificate that is itself the anchor: its status is the anchor's own (review
        // 71: `statuses` then holds only those above it).
        let own_revoked = if certs.len() == 1 {
            j.report.anchor_revoked.is_some()
        } else {
            matches!(
                j.report.statuses.first().map(|s| &s.status),
                Some(CertStatus::Revoked { .. })
            )
        };
        let anchor = certs.len().saturating_sub(1);
        // certs[1..=fixed] carry keys every path carries.
        let fixed = 1 + certs
            .get(1..anchor)
            .unwrap_or_default()
            .iter()
            .take_while(|c| !has_sibling(sets, c))
            .count();
        let key_lost = (1..=fixed.min(anchor)).any(|i| {
            if i == anchor {
                j.report.anchor_revoked.is_some_and(compromised)
            } else {
                matches!(
                    j.report.statuses.get(i).map(|s| &s.status),
                    Some(CertStatus::Revoked { reason, .. }) if compromised(*reason)
                )
            }
        });
        let key_refused = || {
            self.first_two_keys(j, |s| {
                matches!(s, KeyStrength::TooWeak(_) | KeyStrength::Unusable(_))
            })
        };
        (j.check.outcome() == Outcome::Failed && (own_revoked || key_lost))
            || (j.strength.outcome() == Outcome::Failed && key_refused())
    }

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
        let first_certs = first.path.certificates().to_vec();
        let search = OtherChains {
            sets: [&self.anchors, intermediates],
            meter,
            what: "other paths",
        };
        let found = search.best(
            &first_certs,
            first,
            |anchors, intermediates| {
                PathBuilder {
                    anchors,
                    intermediates,
                    cache: &self.cache,
                }
                .build_metered(cert, self.path_options(at), meter)
                .map_err(|f| f.exhausted.is_some().then_some((f.reason, f.exhausted)))
            },
            |path| {
                let mut report = RevocationReport::default();
                let check = self.revocation_check(
                    &path,
                    at,
                    time_source,
                    intermediates,
                    meter,
                    &mut report,
                );
                let strength =
                    key_strength_check(path.certificates(), self.options.keys, &self.keys);
                Judged {
                    path,
                    check,
                    report,
                    strength,
                }
            },
            |j| {
                let ends = if self.holds_on_every_path(j, [&self.anchors, intermediates]) {
                    Ends::Search
                } else if self.is_best(j) {
                    Ends::IfBetter
                } else {
                    Ends::No
                };
                (j.rank(), ends)
            },
        );
        let mut best = found.best;
        match found.cut_short {
            Some(why) if best.rank() == 0 => {
                let exhausted = meter
                    .and_then(WorkMeter::exhausted_kind)
                    .or(found.build_exhausted);
                let undecided = |c: &Check, kind| {
                    if c.outcome() != Outcome::Failed {
                        return c.clone();
                    }
                    Check::new(
                        c.name(),
                        Outcome::Unknown,
                        kind,
                        format!(
                            "{}; the certificate's other paths were not all tried ({why}): one may hold",
                            c.reason()
                        ),
                    )
                    .exhausted_by(exhausted)
                };
                best.check = undecided(&best.check, ReasonKind::StatusUnknown);
                best.strength = undecided(&best.strength, ReasonKind::NotProven);
                best
            }
            _ => best,
        }
    }
}

/// How a judged path (or chain above an anchor) ends the search for others.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Ends {
    /// Its failure holds on every path: it is the answer, whatever its rank.
    Search,
    /// No other can be better: it is the answer when it outranks the best so far.
    IfBetter,
    /// Another may be better.
    No,
}

/// What [`OtherChains::best`] found: the best judged, and why the search did not try
/// every path it could have, when it did not.
pub(super) struct Found<J> {
    pub(super) best: J,
    pub(super) cut_short: Option<String>,
    /// The limit that cut a build short (reviews 70 and 72: the verdict names it).
    pub(super) build_exhausted: Option<Exhausted>,
}

/// The breadth-first search for other paths below a trust anchor (`best_path`) and for
/// other chains above one (`other_chains_above`, review 71): each try leaves out one more
/// certificate of the paths already judged that has a sibling (`has_sibling`) in `sets` (the
/// anchors and the intermediates), at most [`MAX_OTHER_PATHS`] tries, each build charged
/// to `meter`.
pub(super) struct OtherChains<'a> {
    pub(super) sets: [&'a CertSet; 2],
    pub(super) meter: Option<&'a WorkMeter>,
    /// What is sought, for the reason a search is cut short ("other paths").
    pub(super) what: &'static str,
}

impl OtherChains<'_> {
    /// The best of `judged` (the first path found, `first` its certificates) and the
    /// others: `build` builds a path from the sets left (`Err(Some((why, limit)))` when a
    /// budget cut it short), `judge` judges it, `weigh` ranks it (higher is better) and
    /// says whether it ends the search.
    pub(super) fn best<J>(
        &self,
        first: &[Certificate],
        judged: J,
        mut build: impl FnMut(&CertSet, &CertSet) -> Result<VerifiedPath, Option<Cut>>,
        mut judge: impl FnMut(VerifiedPath) -> J,
        weigh: impl Fn(&J) -> (u8, Ends),
    ) -> Found<J> {
        let mut found = Found {
            best: judged,
            cut_short: None,
            build_exhausted: None,
        };
        if weigh(&found.best).1 != Ends::No {
            return found;
        }
        // Another path can only go through another certificate of the name and key one of
        // the path's CAs (or its anchor) bears: leaving out one without such a sibling
        // finds nothing.
        let has_sibling = |c: &Certificate| has_sibling(self.sets, c);
        // The paths judged, and those whose certificates were queued to be left out.
        let mut seen: Vec<Vec<Certificate>> = vec![first.to_vec()];
        let mut expanded: Vec<Vec<Certificate>> = Vec::new();
        // The search is made in an order of its own (the sets' certificates by
        // fingerprint, `leaving_out`), from a first try that leaves nothing out (not
        // counted): which tries it makes, and where a cap cuts it, do not depend on the
        // order the verifier or a document offered the certificates in (review 77: a
        // re-keyed root's four certificates, in one order, passed the cap; INVALID in the
        // other order became INDETERMINATE).
        let mut queue: VecDeque<Vec<Certificate>> = VecDeque::from([Vec::new()]);
        let mut tries = 0;
        while let Some(without) = queue.pop_front() {
            if let Some(why) = self.meter.and_then(WorkMeter::exhausted) {
                found.cut_short = Some(why);
                break;
            }
            if !without.is_empty() {
                if tries == MAX_OTHER_PATHS {
                    found.cut_short = Some(format!("more than {MAX_OTHER_PATHS} {}", self.what));
                    break;
                }
                tries += 1;
            }
            let [anchors, intermediates] = self.sets.map(|set| leaving_out(set, &without));
            let path = match build(&anchors, &intermediates) {
                Ok(path) => path,
                Err(Some((why, limit))) => {
                    found.cut_short.get_or_insert(why);
                    found.build_exhausted = found.build_exhausted.or(limit);
                    continue;
                }
                Err(None) => continue,
            };
            let certs = path.certificates().to_vec();
            if !expanded.contains(&certs) {
                for c in certs.get(1..).unwrap_or_default() {
                    if !without.contains(c) && has_sibling(c) {
                        let mut next = without.clone();
                        next.push(c.clone());
                        queue.push_back(next);
                    }
                }
                expanded.push(certs.clone());
            }
            if seen.contains(&certs) {
                continue;
            }
            seen.push(certs);
            let judged = judge(path);
            let (rank, ends) = weigh(&judged);
            if ends == Ends::Search {
                found.best = judged;
                return found;
            }
            if rank > weigh(&found.best).0 {
                found.best = judged;
                if ends == Ends::IfBetter {
                    return found;
                }
            }
        }
        found
    }
}

/// Why a build was cut short, and the limit that did, when one is named.
pub(super) type Cut = (String, Option<Exhausted>);
