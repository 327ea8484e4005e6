//! Verifying CMS SignedData: every SignerInfo's CMS checks plus the full certificate
//! condition on its certificate, combined under a [`SignerPolicy`].
//!
//! This module holds the entry points ([`SignedData::verify`],
//! [`SignedData::verify_detached`]), the container's `content` check and the combination
//! of the signers' verdicts; one signer is verified in `signer.rs`, its signed attributes
//! are checked in `attribute_checks.rs`.

use crate::verdict::Judged as _;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::options::{SignerPolicy, VerifyOptions};
use super::parse::SignedData;
use super::verdict::{CmsVerdict, SignerVerdict, WorkReport};
use crate::certificate::Certificate;
use crate::chain::CertSet;
use crate::condition::{Expectation, TimeSource, Verifier};
use crate::signature::{HashAlgorithm, SignatureAlgorithm, SignatureCheck};
use crate::verdict::{overall, Check, CheckName, Outcome, Overall, ReasonKind, Refusal, Verdict};
use crate::work::{WorkLimits, WorkMeter};

/// What a certificate's condition in a document is computed once for: the pool index, the
/// time and time source, the IIN and BIN expected.
type ConditionKey = (
    usize,
    DateTime<Utc>,
    TimeSource,
    Option<crate::identity::Iin>,
    Option<crate::identity::Bin>,
);

/// Digests of the content, computed once per algorithm.
pub(super) struct Digests<'a> {
    content: Option<&'a [u8]>,
    cache: HashMap<HashAlgorithm, Vec<u8>>,
}

/// A digest of the content asked for a messageDigest check.
pub(super) enum ContentDigest<'a> {
    Computed(&'a [u8]),
    /// The content is not available (a detached signature without it).
    NotAvailable,
    /// The document's meter refused another pass over the content: nothing was hashed.
    Refused,
}

impl Digests<'_> {
    /// The digest of the content under `h`, computed once per algorithm. Each SignerInfo
    /// names its digest algorithm, and eight are accepted: one pass over the content is
    /// part of reading the document, but each further algorithm is a further pass over
    /// content that may be megabytes (a PDF's whole file), so it is charged to the
    /// document's meter as bytes hashed again, before hashing (what the budget refuses is
    /// never hashed). A pass is further when the content was hashed already, by another
    /// algorithm here or by a signature verified over the content itself (no signed
    /// attributes; `Document::verify` charges the converse).
    pub(super) fn get(&mut self, h: HashAlgorithm, doc: &mut Document<'_>) -> ContentDigest<'_> {
        let Some(content) = self.content else {
            return ContentDigest::NotAvailable;
        };
        if !self.cache.contains_key(&h) {
            let again = !self.cache.is_empty() || doc.hashed.contains(&MessageKey::Content);
            if again && !doc.meter.hashing(content.len()) {
                return ContentDigest::Refused;
            }
            doc.hashed.insert(MessageKey::Content);
            self.cache.insert(h, h.digest(content));
        }
        match self.cache.get(&h) {
            Some(d) => ContentDigest::Computed(d),
            None => ContentDigest::NotAvailable,
        }
    }
}

/// What a signature covers, as a cache key: the signed attributes (by digest, so that
/// identical SignerInfos share it) or the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum MessageKey {
    SignedAttributes([u8; 32]),
    Content,
}

/// Certificate digests for ESS bindings, by the certificate (its SHA-256 fingerprint) and
/// algorithm: one per document, shared with the time-stamp tokens on its signers. Each
/// token is verified as a document of its own, offered the same certificates, and its
/// signer search hashes every one matching its identifier with an algorithm the token
/// chooses: without this, 64 tokens hashed the document's certificates 64 times. Shared,
/// each certificate is hashed once per algorithm however many tokens ask. Bounded by the
/// certificates read (the document's and its tokens') times the hash algorithms known.
///
/// Sharing saves work only: what each document (or token) may examine is charged to its
/// own [`WorkMeter`] whether the digest was computed or found here, so a token's verdict
/// does not depend on the tokens judged before it.
#[derive(Default)]
pub(crate) struct CertDigests(RefCell<HashMap<CertDigestKey, Vec<u8>>>);

/// A certificate (its SHA-256 fingerprint) and a hash algorithm.
type CertDigestKey = ([u8; 32], HashAlgorithm);

impl CertDigests {
    /// The digest of `cert` under `h`, computed once.
    fn of(&self, cert: &Certificate, h: HashAlgorithm) -> Vec<u8> {
        let key = (cert.fingerprint_sha256(), h);
        if let Some(d) = self.0.try_borrow().ok().and_then(|m| m.get(&key).cloned()) {
            return d;
        }
        let d = h.digest(cert.der());
        // Never borrowed across this call; were it, the digest is only not kept.
        if let Ok(mut m) = self.0.try_borrow_mut() {
            m.insert(key, d.clone());
        }
        d
    }
}

/// A signature verification's result is fixed by the key (SHA-256 of the
/// SubjectPublicKeyInfo), the algorithm, the signature (SHA-256) and the message.
type SignatureKey = ([u8; 32], SignatureAlgorithm, [u8; 32], MessageKey);

/// What the signers of one document share: the certificates searched for each signer,
/// the intermediates offered to its path building (made once, not once per signer), the
/// document's [`WorkMeter`], and the results already known, so that duplicated
/// SignerInfos, candidates sharing a key and signers sharing a certificate cost once.
/// Every map is bounded: signature results by the meter, the rest by the certificates
/// and signers the parse limits allow.
pub(super) struct Document<'v> {
    /// The CMS certificates, then the caller's extras, without duplicates.
    pub(super) pool: Vec<Certificate>,
    /// How many of `pool` (its start) the CMS carries.
    cms_certificates: usize,
    intermediates: Cow<'v, CertSet>,
    /// The verifier's prepared signer keys.
    keys: &'v crate::key_cache::KeyCache,
    /// The meter this document's work is charged to: its own, or one shared with the
    /// other signatures of a file (a PDF's).
    pub(super) meter: &'v WorkMeter,
    /// The meter's counts when this document began: its report is its own share.
    started: (usize, usize, usize),
    signatures: HashMap<SignatureKey, SignatureCheck>,
    /// Messages a verification has hashed already: hashing one again is charged.
    hashed: HashSet<MessageKey>,
    /// Certificate digests for the ESS attributes (shared with the tokens of the
    /// document that made this one, when it is a token).
    pub(super) cert_digests: &'v CertDigests,
    /// The pool certificates this document has examined for an ESS binding, by
    /// algorithm: each charged to the meter once.
    ess_examined: HashSet<(usize, HashAlgorithm)>,
    /// The certificate condition on a pool certificate at a time.
    conditions: HashMap<ConditionKey, Verdict>,
    /// Time-stamp tokens the signatures judged so far carry (at most
    /// `tsp::limits::MAX_TOKENS_PER_SIGNER` counted for each): the document's token
    /// budget, spent by its signers and countersignatures in the order judged.
    pub(super) tokens_judged: usize,
    /// Countersignatures judged so far, at every depth
    /// ([`super::limits::MAX_COUNTERSIGNATURES`]).
    pub(super) countersignatures_judged: usize,
}

impl<'v> Document<'v> {
    fn new(
        cms: &SignedData,
        verifier: &'v Verifier,
        options: &VerifyOptions,
        cert_digests: &'v CertDigests,
        meter: &'v WorkMeter,
    ) -> Document<'v> {
        let mut seen = HashSet::new();
        let mut pool = Vec::new();
        for c in &cms.certificates {
            if seen.insert(c.fingerprint_sha256()) {
                pool.push(c.clone());
            }
        }
        let cms_certificates = pool.len();
        for c in &options.extra_certificates {
            if seen.insert(c.fingerprint_sha256()) {
                pool.push(c.clone());
            }
        }
        let intermediates = verifier.intermediates_with(&pool);
        Document {
            pool,
            cms_certificates,
            intermediates,
            keys: verifier.keys(),
            meter,
            started: (
                meter.signatures(),
                meter.path_steps(),
                meter.rehashed_bytes(),
            ),
            signatures: HashMap::new(),
            hashed: HashSet::new(),
            cert_digests,
            ess_examined: HashSet::new(),
            conditions: HashMap::new(),
            tokens_judged: 0,
            countersignatures_judged: 0,
        }
    }

    /// Where pool certificate `i` came from.
    pub(super) fn source(&self, i: usize) -> &'static str {
        if i < self.cms_certificates {
            "the CMS certificates"
        } else {
            "the certificates supplied by the caller"
        }
    }

    /// The digest of pool certificate `i` under `h`, for an ESS binding; `None` when the
    /// meter refused it. Its bytes are charged the first time this document examines it
    /// (before hashing, so what the budget refuses is never hashed), computed or found
    /// in the shared cache alike.
    pub(super) fn cert_digest(&mut self, i: usize, h: HashAlgorithm) -> Option<Vec<u8>> {
        let cert = self.pool.get(i)?;
        if !self.ess_examined.contains(&(i, h)) {
            if !self.meter.hashing(cert.der().len()) {
                return None;
            }
            self.ess_examined.insert((i, h));
        }
        Some(self.cert_digests.of(cert, h))
    }

    /// `signature` by `algorithm` over `message` (known by `key`) checked with the key of
    /// pool certificate `i`: from the results already known, else verified if the meter
    /// allows. `None`: refused.
    pub(super) fn verify(
        &mut self,
        i: usize,
        algorithm: &SignatureAlgorithm,
        message: (&[u8], MessageKey),
        signature: (&[u8], [u8; 32]),
    ) -> Option<SignatureCheck> {
        let cert = self.pool.get(i)?;
        // The key's canonical identity, once per certificate (kept by the certificate
        // itself): two certificates of one key, however encoded, verify alike.
        let key_id = cert.key_id();
        let key = (key_id, algorithm.clone(), signature.1, message.1);
        if let Some(r) = self.signatures.get(&key) {
            return Some(r.clone());
        }
        let rehashed = if self.hashed.contains(&message.1) {
            message.0.len()
        } else {
            0
        };
        if !self.meter.signature_rehashing(rehashed) {
            return None;
        }
        self.hashed.insert(message.1);
        let public_key = self.keys.share(cert.public_key(), key_id);
        let r = crate::signature::verify(&public_key, algorithm, message.0, signature.0);
        self.signatures.insert(key, r.clone());
        Some(r)
    }

    /// The certificate condition on pool certificate `i` under `expect` (whose time, time
    /// source and identity are a signer's: a countersigner is held to no IIN/BIN; the
    /// rest is the caller's, the same for every signer), computed once per certificate,
    /// time and identity. The identity is part of the key (review 103's read): a signer
    /// whose certificate countersigned its own signature, judged first without the
    /// request's IIN, must not be handed that verdict.
    pub(super) fn condition(
        &mut self,
        i: usize,
        verifier: &Verifier,
        expect: &Expectation,
    ) -> Option<Verdict> {
        let key = (i, expect.at, expect.time_source, expect.iin, expect.bin);
        if let Some(v) = self.conditions.get(&key) {
            return Some(v.clone());
        }
        let cert = self.pool.get(i)?;
        let v = verifier.check_certificate_in(cert, expect, &self.intermediates, Some(self.meter));
        self.conditions.insert(key, v.clone());
        Some(v)
    }

    /// The work this document did (with a shared meter, its own share of it, so that the
    /// reports of a file's signatures add up to the file's). The budget is the meter's:
    /// once it is exhausted, by this document or by a signature of the same file judged
    /// before it, every report drawing on it says so, for whatever this document asked
    /// of it after that was refused.
    fn report(&self) -> WorkReport {
        WorkReport {
            signature_verifications: self.meter.signatures().saturating_sub(self.started.0),
            path_steps: self.meter.path_steps().saturating_sub(self.started.1),
            rehashed_bytes: self.meter.rehashed_bytes().saturating_sub(self.started.2),
            exhausted_reason: self.meter.exhausted(),
            exhausted: self.meter.exhausted_kind(),
        }
    }
}

impl SignedData {
    /// Verify an attached SignedData (for a detached one the `content` check is unknown:
    /// use [`SignedData::verify_detached`]).
    pub fn verify(&self, verifier: &Verifier, options: &VerifyOptions) -> CmsVerdict {
        self.verify_inner(None, verifier, options, &CertDigests::default(), None)
    }

    /// As [`SignedData::verify`], the certificate digests shared with other documents (a
    /// time-stamp token's with the document it is on).
    pub(crate) fn verify_sharing(
        &self,
        verifier: &Verifier,
        options: &VerifyOptions,
        cert_digests: &CertDigests,
    ) -> CmsVerdict {
        self.verify_inner(None, verifier, options, cert_digests, None)
    }

    /// Verify a detached SignedData over `content`. On an attached SignedData the content
    /// supplied must equal the encapsulated content (else the `content` check fails).
    pub fn verify_detached(
        &self,
        content: &[u8],
        verifier: &Verifier,
        options: &VerifyOptions,
    ) -> CmsVerdict {
        self.verify_inner(
            Some(content),
            verifier,
            options,
            &CertDigests::default(),
            None,
        )
    }

    /// As [`SignedData::verify_detached`], the work charged to `meter`, shared with the
    /// other signatures of one file: a PDF carries up to 16 CMSs, each over (nearly) the
    /// whole file, and with a meter each they would do 16 times the work the caller's
    /// `Limits` allow one document. The verdict's work report is this CMS's share.
    pub(crate) fn verify_detached_metered(
        &self,
        content: &[u8],
        verifier: &Verifier,
        options: &VerifyOptions,
        meter: &WorkMeter,
    ) -> CmsVerdict {
        self.verify_inner(
            Some(content),
            verifier,
            options,
            &CertDigests::default(),
            Some(meter),
        )
    }

    /// `shared`: the meter of the file this CMS is one signature of; `None`, a meter of
    /// its own.
    fn verify_inner(
        &self,
        supplied: Option<&[u8]>,
        verifier: &Verifier,
        options: &VerifyOptions,
        cert_digests: &CertDigests,
        shared: Option<&WorkMeter>,
    ) -> CmsVerdict {
        let (content, content_check): (Option<&[u8]>, Check) = match (&self.content, supplied) {
            (Some(c), None) => (
                Some(c),
                Check::passed(CheckName::Content, format!("encapsulated content, {} bytes", c.len()),
                ),
            ),
            (None, Some(s)) => (
                Some(s),
                Check::passed(CheckName::Content, format!("detached signature; content supplied, {} bytes", s.len()),
                ),
            ),
            (None, None) => (
                None,
                Check::new(
                    CheckName::Content,
                    Outcome::Unknown,
                    ReasonKind::NotAvailable,
                    "detached signature: the signed content was not supplied",
                ),
            ),
            (Some(c), Some(s)) if **c == *s => (
                Some(c),
                Check::passed(CheckName::Content, format!(
                        "encapsulated content, {} bytes, equal to the content supplied",
                        c.len()
                    ),
                ),
            ),
            (Some(c), Some(s)) => (
                Some(c),
                Check::new(
                    CheckName::Content,
                    Outcome::Failed,
                    ReasonKind::Mismatch,
                    format!(
                        "the content supplied ({} bytes) differs from the encapsulated content ({} bytes)",
                        s.len(),
                        c.len()
                    ),
                ),
            ),
        };
        let mut digests = Digests {
            content,
            cache: HashMap::new(),
        };
        let own;
        let meter = match shared {
            Some(m) => m,
            None => {
                // A time-stamp token is a small document of one signer; a CMS may carry
                // dozens of them, each verified as a document of its own, so each gets a
                // share of the work an honest token needs many times over, not a whole
                // document's.
                own = WorkMeter::new(WorkLimits::of(
                    &verifier.options().limits,
                    options.inside_time_stamp,
                ));
                &own
            }
        };
        let mut document = Document::new(self, verifier, options, cert_digests, meter);
        let signers: Vec<SignerVerdict> = self
            .signers
            .iter()
            .enumerate()
            .map(|(i, si)| {
                self.verify_signer(
                    i,
                    si,
                    content,
                    &mut digests,
                    verifier,
                    options,
                    &mut document,
                )
            })
            .collect();

        let policy = options.signers;
        let n = signers.len();
        let valid = signers.iter().filter(|s| s.is_valid()).count();
        let combined = match policy {
            SignerPolicy::All => signers.iter().map(|s| s.verdict).max(),
            SignerPolicy::Any => signers.iter().map(|s| s.verdict).min(),
        };
        let policy_name = match policy {
            SignerPolicy::All => "all",
            SignerPolicy::Any => "any",
        };
        let not_valid: Vec<String> = signers
            .iter()
            .filter(|s| !s.is_valid())
            .map(|s| format!("#{} {} ({})", s.index, s.verdict.as_str(), s.signer_id))
            .collect();
        let signers_check = match combined {
            None => Check::new(
                CheckName::Signers,
                Outcome::Failed,
                ReasonKind::Missing,
                "the SignedData carries no SignerInfo",
            ),
            Some(v) => {
                let mut reason = format!("{valid} of {n} signer(s) valid (policy: {policy_name})");
                if !not_valid.is_empty() {
                    reason += &format!("; not valid: {}", not_valid.join(", "));
                }
                let outcome = match v {
                    Overall::Valid => Outcome::Passed,
                    Overall::Indeterminate => Outcome::Unknown,
                    Overall::Invalid => Outcome::Failed,
                };
                Check::new(
                    CheckName::Signers,
                    outcome,
                    ReasonKind::combined(outcome),
                    reason,
                )
            }
        };
        let checks = vec![content_check, signers_check];
        let verdict = overall(&checks);

        // The refusal names the checks that decided: the container's own, and those of
        // the signers that made the policy fail (all the failing ones under `All`; the
        // best ones under `Any`).
        let container: Vec<Check> = checks
            .iter()
            .filter(|c| c.check != CheckName::Signers || n == 0)
            .cloned()
            .collect();
        let decisive: Vec<&SignerVerdict> = match (policy, combined) {
            (_, None) | (_, Some(Overall::Valid)) => Vec::new(),
            (SignerPolicy::All, Some(_)) => signers.iter().filter(|s| !s.is_valid()).collect(),
            (SignerPolicy::Any, Some(best)) => {
                signers.iter().filter(|s| s.verdict == best).collect()
            }
        };
        let deciding = crate::verdict::deciding_checks(
            container,
            decisive.iter().map(|s| s.checks.as_slice()),
        );
        let refusal = if verdict == Overall::Valid {
            None
        } else {
            Refusal::from_checks(&deciding)
        };
        let verified = match (verdict, content) {
            (Overall::Valid, Some(c)) => Some(super::verdict::Content::verified(
                match &self.content {
                    Some(arc) => arc.clone(),
                    None => Arc::from(c),
                },
                self.content_type.clone(),
            )),
            _ => None,
        };
        CmsVerdict {
            verdict,
            checks,
            refusal,
            signer_policy: policy,
            time_policy: options.time,
            content_type: self.content_type.clone(),
            detached: self.content.is_none(),
            signers,
            work: document.report(),
            content: verified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::HashAlgorithm;

    impl CertDigests {
        /// How many digests were computed (each is kept, so computed once).
        fn computed(&self) -> usize {
            self.0.borrow().len()
        }
    }

    fn vector(name: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki");
        std::fs::read(p.join(name)).unwrap()
    }

    /// One pass over the content is free (it is reading the document); each further
    /// algorithm is charged as the content's length, before hashing, and refused once
    /// the budget is spent; a content a signature already hashed is hashed again.
    #[test]
    fn each_further_pass_over_the_content_is_charged() {
        let sd = SignedData::from_ber(&vector("tsa/cades_plain.cms")).unwrap();
        let content = b"content";
        let limits = crate::Limits {
            document_rehashed_bytes: content.len(),
            ..Default::default()
        };
        let verifier = Verifier::builder().limits(limits).build();
        let options = VerifyOptions::at(chrono::Utc::now());
        let shared = CertDigests::default();
        let meter = WorkMeter::new(WorkLimits::of(&limits, false));
        let mut doc = Document::new(&sd, &verifier, &options, &shared, &meter);
        let mut digests = Digests {
            content: Some(content),
            cache: HashMap::new(),
        };
        let sha256 = HashAlgorithm::Sha256.digest(content);
        assert!(
            matches!(digests.get(HashAlgorithm::Sha256, &mut doc), ContentDigest::Computed(d) if d == sha256.as_slice())
        );
        assert!(matches!(
            digests.get(HashAlgorithm::Sha256, &mut doc),
            ContentDigest::Computed(_)
        ));
        assert_eq!(meter.rehashed_bytes(), 0);
        assert!(matches!(
            digests.get(HashAlgorithm::Sha512, &mut doc),
            ContentDigest::Computed(_)
        ));
        assert_eq!(meter.rehashed_bytes(), content.len());
        assert!(matches!(
            digests.get(HashAlgorithm::Sha384, &mut doc),
            ContentDigest::Refused
        ));
        assert_eq!(
            meter.exhausted_kind(),
            Some(crate::Exhausted::DocumentRehashedBytes)
        );
        assert!(!digests.cache.contains_key(&HashAlgorithm::Sha384));

        // The content hashed by a signature over it (no signed attributes) first: the
        // first digest is a second pass.
        let meter = WorkMeter::new(WorkLimits::of(&limits, false));
        let mut doc = Document::new(&sd, &verifier, &options, &shared, &meter);
        doc.hashed.insert(MessageKey::Content);
        let mut digests = Digests {
            content: Some(content),
            cache: HashMap::new(),
        };
        assert!(matches!(
            digests.get(HashAlgorithm::Sha256, &mut doc),
            ContentDigest::Computed(_)
        ));
        assert_eq!(meter.rehashed_bytes(), content.len());
        // No content: nothing to hash, nothing charged.
        let mut none = Digests {
            content: None,
            cache: HashMap::new(),
        };
        assert!(matches!(
            none.get(HashAlgorithm::Sha512, &mut doc),
            ContentDigest::NotAvailable
        ));
    }

    /// The ESS digest of a candidate is charged to the document that examines it (once,
    /// before hashing: a refusal hashes nothing), and computed once for all the documents
    /// sharing the digests (a CMS and its tokens), each charged on its own meter.
    #[test]
    fn ess_digests_are_charged_per_document_and_computed_once() {
        let sd = SignedData::from_ber(&vector("tsa/cades_plain.cms")).unwrap();
        let cert = sd.certificates()[0].clone();
        let len = cert.der().len();
        let limits = crate::Limits {
            document_rehashed_bytes: len,
            ..Default::default()
        };
        let verifier = Verifier::builder().limits(limits).build();
        let options = VerifyOptions::at(chrono::Utc::now());
        let shared = CertDigests::default();
        // The pool starts with the CMS certificates, in order.
        let i = 0;

        let meter_a = WorkMeter::new(WorkLimits::of(&limits, false));
        let mut a = Document::new(&sd, &verifier, &options, &shared, &meter_a);
        assert_eq!(
            a.cert_digest(i, HashAlgorithm::Sha256),
            Some(cert.fingerprint_sha256().to_vec())
        );
        // Examined again by the same document: not charged again.
        assert!(a.cert_digest(i, HashAlgorithm::Sha256).is_some());
        assert_eq!(a.meter.rehashed_bytes(), len);
        // Another algorithm is another hash: refused, and not computed.
        assert_eq!(a.cert_digest(i, HashAlgorithm::Sha512), None);
        assert_eq!(
            a.meter.exhausted_kind(),
            Some(crate::Exhausted::DocumentRehashedBytes)
        );
        assert_eq!(shared.computed(), 1);

        // Another document sharing the digests: charged on its own meter (its verdict does
        // not depend on who asked first), not hashed again.
        let meter_b = WorkMeter::new(WorkLimits::of(&limits, false));
        let mut b = Document::new(&sd, &verifier, &options, &shared, &meter_b);
        assert!(b.cert_digest(i, HashAlgorithm::Sha256).is_some());
        assert_eq!(b.meter.rehashed_bytes(), len);
        assert_eq!(shared.computed(), 1);
    }
}
