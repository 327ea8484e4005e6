//! The CRLs a verifier was given: indexed by issuer, each signature checked once per
//! candidate signer key and the result cached.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::certificate::{Certificate, KeyUsage};
use crate::error::{Error, Result};
use crate::name::{NameKey, NameKeyMap};
use crate::revocation::crl::Crl;
use crate::signature::{self, SignatureCheck};
use crate::work::{Asked, WorkMeter};

/// Most CRLs one store holds.
pub(crate) const MAX_CRLS: usize = 10_000;

/// Most signature results a store keeps. Those of the verifier's own CRLs and
/// certificates are checked when it is built and kept first; every key a verified
/// document offers as a candidate CRL signer would add one more, so past this many a
/// result is computed again (within that document's work budget) rather than kept, and a
/// stream of hostile documents cannot grow a long-lived verifier without bound.
pub(crate) const MAX_CACHED_SIGNATURES: usize = 100_000;

/// Loaded CRLs.
pub struct CrlStore {
    crls: Vec<Crl>,
    by_issuer: NameKeyMap<Vec<usize>>,
    /// The indirect CRLs (their entries may name other certificate issuers), by index.
    indirect: Vec<usize>,
    /// (CRL index, SHA-256 of signer SPKI) -> result.
    signatures: Mutex<HashMap<(usize, [u8; 32]), SignatureCheck>>,
    /// [`MAX_CACHED_SIGNATURES`] (smaller in tests).
    cache_limit: usize,
}

impl Default for CrlStore {
    fn default() -> CrlStore {
        CrlStore {
            crls: Vec::new(),
            by_issuer: NameKeyMap::default(),
            indirect: Vec::new(),
            signatures: Mutex::new(HashMap::new()),
            cache_limit: MAX_CACHED_SIGNATURES,
        }
    }
}

impl CrlStore {
    /// An empty store.
    pub fn new() -> CrlStore {
        CrlStore::default()
    }

    /// Add a CRL (an identical CRL twice is kept once).
    pub fn add(&mut self, crl: Crl) -> Result<()> {
        if self.crls.len() >= MAX_CRLS {
            return Err(Error::TooMany {
                what: "CRLs",
                limit: MAX_CRLS,
            });
        }
        let slot = self
            .by_issuer
            .entry(crl.issuer().key().clone())
            .or_default();
        if slot.iter().any(|&i| self.crls[i].der() == crl.der()) {
            return Ok(());
        }
        slot.push(self.crls.len());
        if crl.is_indirect() {
            self.indirect.push(self.crls.len());
        }
        self.crls.push(crl);
        Ok(())
    }

    /// Number of CRLs.
    pub fn len(&self) -> usize {
        self.crls.len()
    }

    /// Is the store empty?
    pub fn is_empty(&self) -> bool {
        self.crls.is_empty()
    }

    /// All CRLs with their store index.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Crl)> {
        self.crls.iter().enumerate()
    }

    /// CRLs issued under `issuer`, with their store index.
    pub fn by_issuer<'a>(
        &'a self,
        issuer: &NameKey,
    ) -> impl Iterator<Item = (usize, &'a Crl)> + 'a {
        self.by_issuer
            .get(issuer)
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.crls.get(i).map(|c| (i, c)))
    }

    /// The CRLs that may list a certificate of `issuer`, with their store index: those
    /// issued under `issuer`, then the indirect CRLs of other issuers (only they can name
    /// another certificate issuer). Each once; what one lists is asked with
    /// [`Crl::lookup`].
    pub(crate) fn that_may_list<'a>(
        &'a self,
        issuer: &'a NameKey,
    ) -> impl Iterator<Item = (usize, &'a Crl)> + 'a {
        let others = self
            .indirect
            .iter()
            .filter_map(|&i| self.crls.get(i).map(|c| (i, c)))
            .filter(move |(_, c)| c.issuer().key() != issuer);
        self.by_issuer(issuer).chain(others)
    }

    /// Does `signer` sign CRL `index`? The signer must be named as the CRL issuer, carry
    /// cRLSign when it has a keyUsage, and its key must verify the CRL's signature. The
    /// signature result is cached: a large CRL is hashed once per signer key.
    pub fn signed_by(&self, index: usize, signer: &Certificate) -> SignatureCheck {
        // Without a meter nothing is refused.
        self.signed_by_metered(index, signer, None)
            .unwrap_or(SignatureCheck::Invalid)
    }

    /// [`CrlStore::signed_by`], charged to a document's `meter`: `None` when it refused.
    /// The meter is charged the first time its document asks this check, as the
    /// verification it is or would be, whether the cache holds the answer or not (one
    /// signature, and the signed part's bytes when no digest of it was kept at load);
    /// asked again, the meter's own answer is given. So what a document may do does not
    /// depend on the checks the verifier made before (review 82).
    pub(crate) fn signed_by_metered(
        &self,
        index: usize,
        signer: &Certificate,
        meter: Option<&WorkMeter>,
    ) -> Option<SignatureCheck> {
        let Some(crl) = self.crls.get(index) else {
            return Some(SignatureCheck::Invalid);
        };
        if !signer.subject().matches(crl.issuer()) {
            return Some(SignatureCheck::Invalid);
        }
        if signer
            .key_usage()
            .is_some_and(|ku| !ku.has(KeyUsage::CRL_SIGN))
        {
            return Some(SignatureCheck::Invalid);
        }
        let key = (index, signer.key_id());
        let asked = Asked::Crl(key.0, key.1);
        if let Some(r) = meter.and_then(|m| m.answered(&asked)) {
            return Some(r);
        }
        // A large CRL was hashed at load (while it was indexed): verify from that digest.
        let digest = crl
            .tbs_digest()
            .filter(|(h, _)| signature::prehash_algorithm(crl.signature_algorithm()) == Some(*h));
        // Verifying without that digest hashes the CRL's signed part once more.
        let rehashed = if digest.is_some() { 0 } else { crl.tbs().len() };
        if meter.is_some_and(|m| !m.signature_rehashing(rehashed)) {
            return None;
        }
        if let Some(r) = self
            .signatures
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            if let Some(m) = meter {
                m.charged(asked, &r);
            }
            return Some(r);
        }
        let prehashed = digest.and_then(|(_, digest)| {
            signature::verify_prehashed(
                signer.public_key(),
                crl.signature_algorithm(),
                digest,
                crl.signature(),
            )
        });
        let r = prehashed.unwrap_or_else(|| {
            signature::verify(
                signer.public_key(),
                crl.signature_algorithm(),
                crl.tbs(),
                crl.signature(),
            )
        });
        if let Ok(mut m) = self.signatures.lock() {
            if m.len() < self.cache_limit {
                m.insert(key, r.clone());
            }
        }
        if let Some(m) = meter {
            m.charged(asked, &r);
        }
        Some(r)
    }

    /// Check every CRL's signature against every candidate signer in `certs` now, so later
    /// verifications only read the cache (the national CA's CRL is tens of megabytes).
    pub fn precheck_signatures<'a>(&self, certs: impl Iterator<Item = &'a Certificate>) {
        let certs: Vec<&Certificate> = certs.collect();
        let jobs: Vec<(usize, &Certificate)> = self
            .crls
            .iter()
            .enumerate()
            .flat_map(|(i, crl)| {
                certs
                    .iter()
                    .filter(move |c| c.subject().matches(crl.issuer()))
                    .map(move |c| (i, *c))
            })
            .collect();
        if jobs.len() <= 1 {
            for (i, c) in jobs {
                self.signed_by(i, c);
            }
            return;
        }
        // Large CRLs dominate: spread the work over the available cores.
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(jobs.len());
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    let j = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    match jobs.get(j) {
                        Some((i, c)) => {
                            self.signed_by(*i, c);
                        }
                        None => break,
                    }
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pki(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("test-vectors/pki")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn the_crls_that_may_list_a_certificate_are_its_issuers_and_the_indirect_ones() {
        let mut store = CrlStore::new();
        for name in ["nca_rsa_current.crl", "root.crl"] {
            store
                .add(Crl::all_from_owned_input(pki(name)).unwrap()[0].clone())
                .unwrap();
        }
        let ca = Certificate::from_input(&pki("nca_rsa.cer")).unwrap();
        let of_ca: Vec<usize> = store
            .that_may_list(ca.subject().key())
            .map(|(i, _)| i)
            .collect();
        // The CA's own CRL; the root's is not indirect, so it cannot list the CA's certificates.
        assert_eq!(of_ca, vec![0]);
        let of_root: Vec<usize> = store
            .that_may_list(ca.issuer().key())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(of_root, vec![1]);
    }

    #[test]
    fn the_signature_cache_stops_growing_at_its_limit() {
        let mut store = CrlStore::new();
        store
            .add(Crl::all_from_owned_input(pki("nca_rsa_current.crl")).unwrap()[0].clone())
            .unwrap();
        store.cache_limit = 1;
        let cert = |n: &str| Certificate::from_input(&pki(n)).unwrap();
        // Two certificates named as the CRL issuer, with different keys.
        let (genuine, forged) = (cert("nca_rsa.cer"), cert("forged_ca.cer"));
        assert_eq!(store.signed_by(0, &genuine), SignatureCheck::Valid);
        assert_eq!(store.signed_by(0, &forged), SignatureCheck::Invalid);
        let cached = || store.signatures.lock().map(|m| m.len()).unwrap_or(0);
        assert_eq!(cached(), 1);
        // Past the limit results are still right, computed each time.
        assert_eq!(store.signed_by(0, &forged), SignatureCheck::Invalid);
        assert_eq!(store.signed_by(0, &genuine), SignatureCheck::Valid);
        assert_eq!(cached(), 1);
    }

    /// What one document's meter spends on a CRL signature check: the same whether the
    /// store's cache holds the answer (warm) or not (cold), and once per document however
    /// often it asks (review 82).
    #[test]
    fn a_cached_crl_signature_is_charged_as_on_a_cold_store() {
        use crate::work::{WorkLimits, WorkMeter};
        let cert = |n: &str| Certificate::from_input(&pki(n)).unwrap();
        let (genuine, forged) = (cert("nca_rsa.cer"), cert("forged_ca.cer"));
        let store = |warm: bool| {
            let mut s = CrlStore::new();
            s.add(Crl::all_from_owned_input(pki("nca_rsa_current.crl")).unwrap()[0].clone())
                .unwrap();
            if warm {
                s.precheck_signatures([&genuine, &forged].into_iter());
            }
            s
        };
        let limits = WorkLimits {
            signatures: 10,
            path_steps: 10,
            rehashed_bytes: usize::MAX,
        };
        let spent = |s: &CrlStore| {
            let m = WorkMeter::new(limits);
            for _ in 0..3 {
                assert_eq!(
                    s.signed_by_metered(0, &genuine, Some(&m)),
                    Some(SignatureCheck::Valid)
                );
                assert_eq!(
                    s.signed_by_metered(0, &forged, Some(&m)),
                    Some(SignatureCheck::Invalid)
                );
            }
            (m.signatures(), m.rehashed_bytes())
        };
        let (cold, warm) = (store(false), store(true));
        assert_eq!(spent(&cold).0, 2);
        assert_eq!(spent(&cold), spent(&warm));
        // Warm for a second document too: it is charged as the first was.
        assert_eq!(spent(&cold), (2, spent(&warm).1));
        // A budget too small for the check refuses it, cold and warm alike.
        for s in [store(false), store(true)] {
            let m = WorkMeter::new(WorkLimits {
                signatures: 1,
                ..limits
            });
            assert!(s.signed_by_metered(0, &genuine, Some(&m)).is_some());
            assert_eq!(s.signed_by_metered(0, &forged, Some(&m)), None);
            assert!(m.is_exhausted());
        }
    }
}
