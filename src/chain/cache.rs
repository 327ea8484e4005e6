//! The verifier's cache of signature checks, and what a check costs a path build's
//! budget and a document's meter whether the cache answers it or not (reviews 81, 82).

use std::collections::HashMap;
use std::sync::Mutex;

use super::Budget;
use crate::certificate::Certificate;
use crate::signature::{self, SignatureCheck};
use crate::work::{Asked, WorkMeter};

/// Caches signature checks of (signed object, signer key) pairs, so a batch of end-entity
/// certificates under one CA verifies the CA's own certificate once, not once per
/// end-entity. Keyed by SHA-256 of the signed object's DER and of the signer's SPKI.
#[derive(Default)]
pub(crate) struct SignatureCache {
    map: Mutex<HashMap<SignedBySigner, SignatureCheck>>,
    /// The fingerprints of the self-issued trust anchors their own key verifies (the
    /// roots), decided when the verifier is built ([`Self::check_self_issued`]) and kept
    /// apart from `map`, which is cleared when full: no document is charged for them.
    self_signed: std::collections::HashSet<[u8; 32]>,
}

/// (SHA-256 of the signed object, SHA-256 of the signer's SubjectPublicKeyInfo).
type SignedBySigner = ([u8; 32], [u8; 32]);

/// Most entries the signature cache holds before it is cleared.
const SIGNATURE_CACHE_LIMIT: usize = 100_000;

impl SignatureCache {
    /// Each self-issued anchor's own signature checked now, when the verifier is built, so
    /// that telling a root from a re-keyed root's link certificate
    /// ([`PathBuilder::build_beyond_anchor`]) is a lookup that no document is charged for
    /// (the verifier's own configuration is not a document's work), whatever the cache of
    /// signatures holds later (review 59).
    pub(crate) fn check_self_issued<'a>(&mut self, anchors: impl Iterator<Item = &'a Certificate>) {
        for anchor in anchors.filter(|a| a.issuer().key() == a.subject().key()) {
            let own = signature::verify(
                anchor.public_key(),
                anchor.signature_algorithm(),
                anchor.tbs(),
                anchor.signature(),
            );
            if own == SignatureCheck::Valid {
                self.self_signed.insert(anchor.fingerprint_sha256());
            }
        }
    }

    /// Whether `anchor` is a root: self-issued and verified by its own key when the
    /// verifier was built ([`Self::check_self_issued`]).
    pub(crate) fn is_root(&self, anchor: &Certificate) -> bool {
        self.self_signed.contains(&anchor.fingerprint_sha256())
    }

    /// The signature of `child` checked with the key of `issuer`, from the cache or
    /// verified now if `budget` (and the document's `meter`, if any) allows; `None` when
    /// one of them refused. Every ask counts against `budget`. The meter is charged the
    /// first time its document asks this check, whether the cache holds the answer or
    /// not: one verification, and the signed part's bytes when this document has hashed
    /// it before (another candidate issuer); asked again, the meter's own answer is given.
    pub(super) fn check(
        &self,
        child: &Certificate,
        issuer: &Certificate,
        budget: &mut Budget,
        meter: Option<&WorkMeter>,
    ) -> Option<SignatureCheck> {
        let key = (child.fingerprint_sha256(), issuer.key_id());
        let asked = Asked::Certificate(key.0, key.1);
        // A build's own budget counts every ask, answered or not: how far a build reaches
        // must not depend on what the verifier verified before (review 81: a long chain
        // above an anchor was undecided on a cold verifier and VALID on a warm one).
        if budget.signatures == 0 {
            return None;
        }
        if let Some(r) = meter.and_then(|m| m.answered(&asked)) {
            budget.signatures -= 1;
            return Some(r);
        }
        // The document's meter is charged as for a verification whether or not the cache
        // holds the answer (review 82: a document's budget ran out on a cold verifier and
        // not on a warm one). The verification hashes the whole signed part (ring's RSA
        // verifies from the message, not a digest): a certificate tried against a further
        // issuer candidate in this document is hashed again, and that is charged as
        // re-hashed bytes.
        if meter.is_some_and(|m| !m.signature_over(key.0, child.tbs().len())) {
            return None;
        }
        budget.signatures -= 1;
        let cached = self.map.lock().ok().and_then(|map| map.get(&key).cloned());
        if let Some(r) = cached {
            if let Some(m) = meter {
                m.charged(asked, &r);
            }
            return Some(r);
        }
        let result = signature::verify(
            issuer.public_key(),
            child.signature_algorithm(),
            child.tbs(),
            child.signature(),
        );
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= SIGNATURE_CACHE_LIMIT {
                map.clear();
            }
            map.insert(key, result.clone());
        }
        if let Some(m) = meter {
            m.charged(asked, &result);
        }
        Some(result)
    }
}
