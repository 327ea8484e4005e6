//! The chain above a trust anchor: who issued it, when another anchor proves it (the
//! evidence of its revocation that counts, review 56), and on through the trusted
//! certificates that are not roots up to a root (review 75).

use super::{Beyond, PathBuilder, PathOptions, Search, Step, VerifiedPath};
use crate::certificate::Certificate;
use crate::limits::Exhausted;
use crate::work::WorkMeter;

/// Most trust anchors that are not roots a chain above an anchor goes on through
/// ([`PathBuilder::build_above_anchor`]).
const MAX_ANCHORS_ABOVE: usize = 8;

impl PathBuilder<'_> {
    /// A path from `anchor`, one of the trust anchors, on to another anchor through the
    /// same checks as any path (signatures, validity at `options.at`, CA constraints): who
    /// issued the anchor, proven, so that evidence of its revocation the verifier holds can
    /// count against it (an anchor is trusted as given, not against proof; review 56). A
    /// root (self-issued and self-signed: its own key verifies it, checked when the
    /// verifier was built, [`SignatureCache::is_root`](super::SignatureCache::is_root)) has no such path and none is
    /// sought; a self-issued link certificate of a re-keyed root, signed by the old key,
    /// is no root (review 58), and its issuer is sought.
    pub(crate) fn build_beyond_anchor(
        &self,
        anchor: &Certificate,
        options: PathOptions,
        meter: Option<&WorkMeter>,
    ) -> Beyond {
        if anchor.issuer().key() == anchor.subject().key() && self.cache.is_root(anchor) {
            return Beyond::Root;
        }
        let options = PathOptions {
            evidence: true,
            ..options
        };
        let mut search = Search::new(options, meter);
        let mut path = vec![anchor.clone()];
        match self.extend(&mut path, &mut search) {
            Step::Found(certs) => Beyond::Found(VerifiedPath { certs }),
            // A chain refused only for its length is not a chain that does not exist
            // (review 76: a smaller `max_path_len` turned a compromise proven above the
            // anchor into "nothing trusted vouches for it": INVALID into VALID).
            Step::NotFound if search.too_long => Beyond::Exhausted(
                super::too_long(search.options.max_path_len),
                Exhausted::PathBuild,
            ),
            Step::NotFound => Beyond::NotFound,
            Step::Exhausted => match (
                meter.and_then(WorkMeter::exhausted),
                meter.and_then(WorkMeter::exhausted_kind),
            ) {
                (Some(why), Some(kind)) if search.refused_by_meter => Beyond::Exhausted(why, kind),
                _ => Beyond::Exhausted(
                    "path building budget exhausted".into(),
                    Exhausted::PathBuild,
                ),
            },
        }
    }

    /// [`PathBuilder::build_beyond_anchor`], going on through every trust anchor that is
    /// not a root up to a root (or an anchor nothing trusted vouches for): the chain above
    /// an anchor stops at the first anchor it meets, and that anchor's own revocation by
    /// its issuer would go unasked (review 75: trusting the anchor's issuer too, or
    /// another certificate of its key, hid its proven compromise: trusting one more
    /// certificate turned INVALID into VALID). A certificate met twice ends the chain (it
    /// is then the chain's last as well as an earlier one); more than
    /// [`MAX_ANCHORS_ABOVE`] anchors, a chain longer than the path limit, or a budget,
    /// leave it undecided.
    pub(crate) fn build_above_anchor(
        &self,
        anchor: &Certificate,
        options: PathOptions,
        meter: Option<&WorkMeter>,
    ) -> Beyond {
        let mut certs = match self.build_beyond_anchor(anchor, options, meter) {
            Beyond::Found(chain) => chain.certs,
            other => return other,
        };
        // One turn more than the cap: the last may only find that the top is a root, or
        // that nothing vouches for it (review 76: eight anchors above ending at a root
        // were cut by a cap of eight).
        for turn in 0..=MAX_ANCHORS_ABOVE {
            let Some(top) = certs.last().cloned() else {
                return Beyond::NotFound;
            };
            match self.build_beyond_anchor(&top, options, meter) {
                Beyond::Found(more) if turn < MAX_ANCHORS_ABOVE => {
                    let above = more.certs.get(1..).unwrap_or_default();
                    // A cycle: the chain ends with the certificate met again, so that the
                    // certificate before it is asked of its issuer's evidence too (review
                    // 76: [A, BA] above A, BA's own revocation under A never asked).
                    if let Some(again) = above.iter().position(|c| certs.contains(c)) {
                        certs.extend_from_slice(above.get(..=again).unwrap_or_default());
                        return Beyond::Found(VerifiedPath { certs });
                    }
                    certs.extend_from_slice(above);
                }
                Beyond::Found(_) => break,
                Beyond::Root | Beyond::NotFound => return Beyond::Found(VerifiedPath { certs }),
                exhausted @ Beyond::Exhausted(..) => return exhausted,
            }
        }
        Beyond::Exhausted(
            format!("more than {MAX_ANCHORS_ABOVE} trust anchors above the trust anchor"),
            Exhausted::PathBuild,
        )
    }
}
