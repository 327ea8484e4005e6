//! The work one document may cause, counted across everything its verification does.
//!
//! A document chooses how many certificates and signers it carries (within the parse
//! limits), and each signer's certificate is looked for among those certificates, then
//! put through path building and revocation, which are offered the same certificates.
//! Each step is bounded on its own (a path build by its [`crate::chain::Budget`]), but a
//! hostile document multiplies the steps: 256 signers, each checked against 1,000
//! certificates, each path build trying a pile of same-name CAs. A [`WorkMeter`] is made
//! once per document and every unit of that work is charged to it. What it refuses is
//! reported by the caller as an unknown check ("work budget exhausted: ..."): a document
//! that runs out is indeterminate, never valid, and never invalid for lack of work.
//!
//! A signature check answered by the verifier's shared caches (a certificate's signature
//! by an issuer key, a CRL's by a signer key) is charged as the verification it saves,
//! once per document: the meter keeps the answers it charged ([`WorkMeter::answered`]),
//! so a check asked again within the document is free whether or not the verifier held
//! it, and what a document may do never depends on what the verifier did before (review
//! 82: a document was INDETERMINATE on a fresh verifier and VALID on a warm one).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use crate::limits::{Exhausted, Limits};
use crate::signature::SignatureCheck;

/// What one document may spend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WorkLimits {
    /// Signature verifications: each is a public-key operation, up to RSA-8192. A result
    /// the verifier's cache holds is charged as a verification the first time the
    /// document asks it (the cache saves time, never budget); asked again within the
    /// document, it is free.
    pub signatures: usize,
    /// Path-building steps: each issuer candidate examined (it may cost a cache lookup
    /// and a signature check, charged apart), each CRL-signer candidate tried.
    pub path_steps: usize,
    /// Bytes hashed again: the first verification of a message hashes it as part of
    /// reading the document; every further one (another candidate key, another signer
    /// over the same content) hashes it again, and a 200 MB signed attribute set tried
    /// against 1,000 keys must not hash 200 GB. A candidate certificate hashed for an ESS
    /// signingCertificate binding (already hashed once, for its fingerprint, when read)
    /// is charged here too: a signer's identifier may match every certificate offered,
    /// and the ESS hash algorithm is the document's choice.
    pub rehashed_bytes: usize,
}

/// A signature check the verifier's shared caches may answer, as a document asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Asked {
    /// A certificate's signature (by its SHA-256 fingerprint) with a key (its
    /// [`crate::Certificate::key_id`]).
    Certificate([u8; 32], [u8; 32]),
    /// The signature of the verifier's CRL at this store index with a key.
    Crl(usize, [u8; 32]),
}

/// Which limit ran out first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Limit {
    Signatures,
    PathSteps,
    RehashedBytes,
}

/// The work one document has done, against its [`WorkLimits`]. Single-threaded (one
/// verification), so plain cells.
#[derive(Debug)]
pub(crate) struct WorkMeter {
    limits: WorkLimits,
    signatures: Cell<usize>,
    path_steps: Cell<usize>,
    rehashed_bytes: Cell<usize>,
    /// The messages (by SHA-256 of what carries them) a verification charged through
    /// [`WorkMeter::signature_over`] has hashed: verifying one again, with another key,
    /// hashes it again. Bounded by the signature budget (one entry per verification).
    hashed: RefCell<HashSet<[u8; 32]>>,
    /// The checks of [`Asked`] this document was charged for, with their answers: asked
    /// again, they are answered here and cost nothing, whether the verifier's cache still
    /// holds them or not. Bounded by the signature budget (one entry per charge).
    answers: RefCell<HashMap<Asked, SignatureCheck>>,
    /// The first limit that refused work; once set, the document's verdict cannot be
    /// trusted to be complete.
    exhausted: Cell<Option<Limit>>,
}

impl WorkLimits {
    /// A signed document's share of `limits`; a time-stamp token's when `token`.
    pub(crate) fn of(limits: &Limits, token: bool) -> WorkLimits {
        if token {
            WorkLimits {
                signatures: limits.token_signatures,
                path_steps: limits.token_path_steps,
                rehashed_bytes: limits.token_rehashed_bytes,
            }
        } else {
            WorkLimits {
                signatures: limits.document_signatures,
                path_steps: limits.document_path_steps,
                rehashed_bytes: limits.document_rehashed_bytes,
            }
        }
    }
}

impl WorkMeter {
    pub(crate) fn new(limits: WorkLimits) -> WorkMeter {
        WorkMeter {
            limits,
            signatures: Cell::new(0),
            path_steps: Cell::new(0),
            rehashed_bytes: Cell::new(0),
            hashed: RefCell::new(HashSet::new()),
            answers: RefCell::new(HashMap::new()),
            exhausted: Cell::new(None),
        }
    }

    fn refuse(&self, limit: Limit) -> bool {
        if self.exhausted.get().is_none() {
            self.exhausted.set(Some(limit));
        }
        false
    }

    /// Charge one signature verification that hashes its message for the first time (or
    /// from a digest computed beforehand). `false`: refused, do not verify.
    pub(crate) fn signature(&self) -> bool {
        self.signature_rehashing(0)
    }

    /// Charge one signature verification that hashes `rehashed` bytes already hashed by
    /// an earlier verification of this document. `false`: refused, do not verify.
    pub(crate) fn signature_rehashing(&self, rehashed: usize) -> bool {
        let used = self.signatures.get();
        if used >= self.limits.signatures {
            return self.refuse(Limit::Signatures);
        }
        let bytes = self.rehashed_bytes.get().saturating_add(rehashed);
        if bytes > self.limits.rehashed_bytes {
            return self.refuse(Limit::RehashedBytes);
        }
        self.signatures.set(used + 1);
        self.rehashed_bytes.set(bytes);
        true
    }

    /// Charge one signature verification over a message of `len` bytes known by `id`
    /// (the SHA-256 of the object that carries it, e.g. a certificate's fingerprint for
    /// its signed part): free of bytes the first time this document hashes it, charged
    /// `len` re-hashed bytes every further time. A certificate tried against many issuer
    /// candidates is hashed once per candidate (the verification hashes its message
    /// itself), and a 1 MiB certificate tried against a thousand must not go uncounted.
    /// `false`: refused, do not verify.
    pub(crate) fn signature_over(&self, id: [u8; 32], len: usize) -> bool {
        let again = self.hashed.borrow().contains(&id);
        if !self.signature_rehashing(if again { len } else { 0 }) {
            return false;
        }
        if !again {
            self.hashed.borrow_mut().insert(id);
        }
        true
    }

    /// The answer to `asked` when this document was already charged for it: the check
    /// is not charged again (nor verified again).
    pub(crate) fn answered(&self, asked: &Asked) -> Option<SignatureCheck> {
        self.answers.borrow().get(asked).cloned()
    }

    /// Keep the answer to `asked`, whose check was just charged (verified, or found in
    /// the verifier's cache): [`WorkMeter::answered`] gives it from now on.
    pub(crate) fn charged(&self, asked: Asked, answer: &SignatureCheck) {
        self.answers.borrow_mut().insert(asked, answer.clone());
    }

    /// Charge `bytes` hashed again outside a signature verification: a candidate
    /// certificate hashed for an ESS binding. `false`: refused, do not hash.
    pub(crate) fn hashing(&self, bytes: usize) -> bool {
        let total = self.rehashed_bytes.get().saturating_add(bytes);
        if total > self.limits.rehashed_bytes {
            return self.refuse(Limit::RehashedBytes);
        }
        self.rehashed_bytes.set(total);
        true
    }

    /// Charge one path-building step. `false`: refused, stop searching.
    pub(crate) fn path_step(&self) -> bool {
        let used = self.path_steps.get();
        if used >= self.limits.path_steps {
            return self.refuse(Limit::PathSteps);
        }
        self.path_steps.set(used + 1);
        true
    }

    /// Signature verifications performed so far.
    pub(crate) fn signatures(&self) -> usize {
        self.signatures.get()
    }

    /// Path-building steps taken so far.
    pub(crate) fn path_steps(&self) -> usize {
        self.path_steps.get()
    }

    /// Bytes hashed again so far.
    pub(crate) fn rehashed_bytes(&self) -> usize {
        self.rehashed_bytes.get()
    }

    /// Has any work been refused?
    pub(crate) fn is_exhausted(&self) -> bool {
        self.exhausted.get().is_some()
    }

    /// Which limit refused work, once one did.
    pub(crate) fn exhausted_kind(&self) -> Option<Exhausted> {
        Some(match self.exhausted.get()? {
            Limit::Signatures => Exhausted::DocumentSignatures,
            Limit::PathSteps => Exhausted::DocumentPathSteps,
            Limit::RehashedBytes => Exhausted::DocumentRehashedBytes,
        })
    }

    /// Why work was refused ("work budget exhausted: ..."), once it was.
    pub(crate) fn exhausted(&self) -> Option<String> {
        let what = match self.exhausted.get()? {
            Limit::Signatures => format!("{} signature verifications", self.limits.signatures),
            Limit::PathSteps => format!(
                "{} path-building steps (issuer candidates examined)",
                self.limits.path_steps
            ),
            Limit::RehashedBytes => format!(
                "{} bytes hashed again for further candidates (signed data, certificates for their ESS binding)",
                self.limits.rehashed_bytes
            ),
        };
        Some(format!(
            "work budget exhausted: the document's {what} are spent"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_refuses_once_spent_and_says_which() {
        let m = WorkMeter::new(WorkLimits {
            signatures: 2,
            path_steps: 1,
            rehashed_bytes: 10,
        });
        assert!(m.signature());
        assert!(!m.signature_rehashing(11));
        assert!(m.exhausted().unwrap().contains("10 bytes"));
        assert!(m.signature_rehashing(10));
        assert!(!m.signature());
        assert_eq!((m.signatures(), m.rehashed_bytes()), (2, 10));
        assert!(m.path_step());
        assert!(!m.path_step());
        assert_eq!(m.path_steps(), 1);
        // The first limit that refused is the one reported.
        assert!(m.exhausted().unwrap().contains("10 bytes"));
        let m = WorkMeter::new(WorkLimits {
            signatures: 0,
            path_steps: 0,
            rehashed_bytes: 0,
        });
        assert_eq!(m.exhausted(), None);
        assert!(!m.is_exhausted());
        // Bytes hashed outside a verification (ESS digests) share the byte budget, and a
        // refused charge leaves it as it was.
        let h = WorkMeter::new(WorkLimits {
            signatures: 1,
            path_steps: 0,
            rehashed_bytes: 100,
        });
        assert!(h.hashing(60));
        assert!(!h.hashing(41));
        assert_eq!(h.rehashed_bytes(), 60);
        assert!(h.hashing(40));
        assert!(!h.signature_rehashing(1));
        assert!(h.signature());
        assert_eq!(h.exhausted_kind(), Some(Exhausted::DocumentRehashedBytes));
        assert!(!m.signature());
        assert!(m.is_exhausted());
        assert_eq!(
            m.exhausted().unwrap(),
            "work budget exhausted: the document's 0 signature verifications are spent"
        );
    }
}
