//! Which other trust anchors certified a certificate a CRL lists (reviews 61, 62, 63): a
//! CRL signer proven for what its CRL lists only may chain to another trust anchor than
//! the listed certificate's path's, when that anchor's hierarchy certified the listed
//! certificate too ([`StatusContext::listing_signer`]).

use super::StatusContext;
use crate::certificate::Certificate;
use crate::chain::{CertSet, PathBuilder, PathOptions};

impl StatusContext<'_> {
    /// The trust anchors other than `own` (the listed certificate's path's) under which
    /// `listed` is certified through the intermediates offered, whatever the validity
    /// periods ([`PathOptions::ignore_validity`]): its issuer's key is certified in those
    /// hierarchies, whose CRL signers may then list it (review 61: a CA of the same name
    /// under another root speaks for no serial of a key it never certified; review 62: a
    /// certification lapsed, or not yet begun at a claimed time, still certified the
    /// key). Each path found removes its anchor and the search runs again, so every such
    /// anchor is found, not only the first (review 62), in one more build than there are.
    /// Asked once per certificate, `own` anchor and context (cached in
    /// [`StatusContext::certifying`]). Also whether the search was complete: one a budget
    /// cut short (a build's own or the document's meter) is not cached, and what it found
    /// so far is what it answers, incomplete (review 63: an anchor it did not reach may
    /// certify the listed certificate).
    pub(super) fn anchors_certifying(
        &self,
        listed: &Certificate,
        own: &Certificate,
    ) -> (CertSet, bool) {
        let cached = self
            .certifying
            .borrow()
            .iter()
            .find_map(|(l, o, found)| (l == listed && o == own).then(|| found.clone()));
        if let Some(found) = cached {
            return (found, true);
        }
        let mut found = CertSet::new();
        let mut rest: Vec<&Certificate> =
            self.builder.anchors.iter().filter(|a| *a != own).collect();
        let options = PathOptions {
            ignore_validity: true,
            ..PathOptions::at(self.at)
        };
        let complete = loop {
            let mut only = CertSet::new();
            for a in &rest {
                // Fewer than the verifier's anchors, which a set held.
                let _ = only.add((*a).clone());
            }
            if only.is_empty() {
                break true;
            }
            let path = PathBuilder {
                anchors: &only,
                intermediates: self.builder.intermediates,
                cache: self.builder.cache,
            }
            .build_metered(listed, options, self.meter);
            match path {
                Ok(p) => {
                    let top = p.anchor();
                    let _ = found.add(top.clone());
                    let before = rest.len();
                    rest.retain(|a| *a != top);
                    if rest.len() == before {
                        break true;
                    }
                }
                Err(f) => break f.exhausted.is_none(),
            }
        };
        if complete {
            self.certifying
                .borrow_mut()
                .push((listed.clone(), own.clone(), found.clone()));
        }
        (found, complete)
    }
}
