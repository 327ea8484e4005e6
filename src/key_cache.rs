//! The prepared GOST public keys of the signers a [`crate::Verifier`] has seen.
//!
//! A GOST key is checked on its curve when first used and, from its second verification
//! on, keeps a comb table of its point ([`crate::gost`]): its later verifications cost a
//! fraction of the first. That state lives with the [`PublicKey`] value (shared by its
//! clones), and every signed document carries its own copy of its signer's certificate:
//! without this cache a provider's key verifying its thousandth output document would be
//! as slow as on its first. The cache is the Verifier's own (no process-wide state),
//! bounded, and keyed by the key's canonical identity ([`crate::Certificate::key_id`]: the
//! curve and the point, whatever key OID or encoding carries them): a document can only find the
//! key it carries.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::signature::{KeyAlgorithm, KeyPolicy, KeyStrength, PublicKey};

/// Most keys held; when full the cache starts over (a burst of one-off signers must not
/// grow it without bound, and the keys that matter come back at once). A key verified
/// twice holds its comb (64 KiB for a 512-bit key), so this bounds the cache at 32 MiB
/// against a client that sends each of many keys twice.
const KEY_CACHE_LIMIT: usize = 512;

/// See the module documentation.
#[derive(Debug, Default)]
pub(crate) struct KeyCache {
    map: Mutex<HashMap<[u8; 32], PublicKey>>,
}

impl KeyCache {
    /// `key` (whose canonical identity is `key_id`: equal identities verify alike) as this verifier holds
    /// it, sharing its prepared GOST state; keys of other algorithms are returned as they
    /// are (they have nothing to prepare).
    pub(crate) fn share(&self, key: &PublicKey, key_id: [u8; 32]) -> PublicKey {
        if !matches!(key.algorithm(), KeyAlgorithm::Gost(_)) {
            return key.clone();
        }
        let Ok(mut map) = self.map.lock() else {
            return key.clone();
        };
        if let Some(held) = map.get(&key_id) {
            return held.clone();
        }
        if map.len() >= KEY_CACHE_LIMIT {
            map.clear();
        }
        map.insert(key_id, key.clone());
        key.clone()
    }

    /// `key` judged under `policy` as this verifier holds it: a GOST key's check on its
    /// curve (and, on a curve of cofactor 4, in the prime-order subgroup: a scalar
    /// multiplication) is made once per key, not once per certificate that carries it.
    pub(crate) fn judge(
        &self,
        key: &PublicKey,
        key_id: impl FnOnce() -> [u8; 32],
        policy: KeyPolicy,
    ) -> KeyStrength {
        if !matches!(key.algorithm(), KeyAlgorithm::Gost(_)) {
            return policy.judge(key);
        }
        policy.judge(&self.share(key, key_id()))
    }

    /// How many keys are held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.lock().map(|m| m.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GOST 2015-512 SubjectPublicKeyInfo around a test key.
    fn gost_spki(seed: u8) -> Vec<u8> {
        use crate::ber;
        let mut d = vec![seed; 64];
        d[0] = 0x1F;
        let key = crate::gost::GostSigningKey::from_be_bytes(crate::gost::GostCurve::Tc26_512A, &d)
            .unwrap();
        let mut bits = vec![0u8];
        bits.extend_from_slice(&key.public_key_bits());
        let algorithm = ber::sequence(&[
            &ber::oid(crate::oid::NCA_GOST2015_512_KEY),
            &ber::sequence(&[&ber::oid(crate::oid::TC26_512_A_PARAMS)]),
        ]);
        ber::sequence(&[&algorithm, &ber::der(0x03, &bits)])
    }

    #[test]
    fn gost_keys_are_shared_and_others_passed_through() {
        let cache = KeyCache::default();
        let rsa = crate::Certificate::from_der(
            &std::fs::read(format!(
                "{}/test-vectors/pki/individual_sign.cer",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        let _ = cache.share(rsa.public_key(), [1; 32]);
        assert_eq!(cache.len(), 0);

        let spki = gost_spki(0x5A);
        let first_copy = PublicKey::from_spki_der(&spki).unwrap();
        assert!(matches!(first_copy.algorithm(), KeyAlgorithm::Gost(_)));
        let held = cache.share(&first_copy, [2; 32]);
        assert_eq!(cache.len(), 1);
        // The same key read anew (another document's certificate) shares the held state.
        let second_copy = PublicKey::from_spki_der(&spki).unwrap();
        assert!(!second_copy.shares_gost_state(&held));
        assert!(cache.share(&second_copy, [2; 32]).shares_gost_state(&held));
        // Another key is held beside it.
        let other = PublicKey::from_spki_der(&gost_spki(0x33)).unwrap();
        assert!(!cache.share(&other, [3; 32]).shares_gost_state(&held));
        assert_eq!(cache.len(), 2);
    }
}
