//! Verifying CMS SignedData: every SignerInfo's CMS checks plus the full certificate
//! condition on its certificate, combined under a [`SignerPolicy`].
//!
//! This module holds the entry points ([`SignedData::verify`],
//! [`SignedData::verify_detached`]), the container's `content` check and the combination
//! of the signers' verdicts; one signer is verified in `signer.rs`, its signed attributes
//! are checked in `attribute_checks.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use super::algorithms;
use super::options::{SignerPolicy, VerifyOptions};
use super::parse::SignedData;
use super::verdict::{CmsVerdict, SignerVerdict, VerifiedContent};
use crate::certificate::Certificate;
use crate::condition::Verifier;
use crate::signature::HashAlgorithm;
use crate::verdict::{overall, Check, CheckName, Outcome, Overall, Refusal};

/// Digests of the content, computed once per algorithm.
pub(super) struct Digests<'a> {
    content: Option<&'a [u8]>,
    cache: HashMap<HashAlgorithm, Vec<u8>>,
}

impl Digests<'_> {
    pub(super) fn get(&mut self, h: HashAlgorithm) -> Option<&[u8]> {
        let content = self.content?;
        Some(
            self.cache
                .entry(h)
                .or_insert_with(|| algorithms::digest(h, content)),
        )
    }
}

impl SignedData {
    /// Verify an attached SignedData (for a detached one the `content` check is unknown:
    /// use [`SignedData::verify_detached`]).
    pub fn verify(&self, verifier: &Verifier, options: &VerifyOptions) -> CmsVerdict {
        self.verify_inner(None, verifier, options)
    }

    /// Verify a detached SignedData over `content`. On an attached SignedData the content
    /// supplied must equal the encapsulated content (else the `content` check fails).
    pub fn verify_detached(
        &self,
        content: &[u8],
        verifier: &Verifier,
        options: &VerifyOptions,
    ) -> CmsVerdict {
        self.verify_inner(Some(content), verifier, options)
    }

    fn verify_inner(
        &self,
        supplied: Option<&[u8]>,
        verifier: &Verifier,
        options: &VerifyOptions,
    ) -> CmsVerdict {
        let (content, content_check): (Option<&[u8]>, Check) = match (&self.content, supplied) {
            (Some(c), None) => (
                Some(c),
                Check::new(
                    CheckName::Content,
                    Outcome::Passed,
                    format!("encapsulated content, {} bytes", c.len()),
                ),
            ),
            (None, Some(s)) => (
                Some(s),
                Check::new(
                    CheckName::Content,
                    Outcome::Passed,
                    format!("detached signature; content supplied, {} bytes", s.len()),
                ),
            ),
            (None, None) => (
                None,
                Check::new(
                    CheckName::Content,
                    Outcome::Unknown,
                    "detached signature: the signed content was not supplied",
                ),
            ),
            (Some(c), Some(s)) if **c == *s => (
                Some(c),
                Check::new(
                    CheckName::Content,
                    Outcome::Passed,
                    format!(
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
        let mut pool: Vec<Certificate> = self.certificates.clone();
        for c in &options.extra_certificates {
            if !pool.contains(c) {
                pool.push(c.clone());
            }
        }
        let signers: Vec<SignerVerdict> = self
            .signers
            .iter()
            .enumerate()
            .map(|(i, si)| {
                self.verify_signer(i, si, content, &mut digests, verifier, options, &pool)
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
                Check::new(CheckName::Signers, outcome, reason)
            }
        };
        let checks = vec![content_check, signers_check];
        let verdict = overall(&checks);

        // The refusal names the checks that decided: the container's own, and those of
        // the signers that made the policy fail (all the failing ones under `All`; the
        // best ones under `Any`).
        let mut deciding: Vec<Check> = checks
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
        for s in decisive {
            for c in &s.checks {
                if c.outcome != Outcome::Passed
                    && !deciding
                        .iter()
                        .any(|d| d.check == c.check && d.outcome == c.outcome)
                {
                    deciding.push(c.clone());
                }
            }
        }
        let refusal = if verdict == Overall::Valid {
            None
        } else {
            Refusal::from_checks(&deciding)
        };
        let verified = match (verdict, content) {
            (Overall::Valid, Some(c)) => Some(VerifiedContent::new(
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
            content: verified,
        }
    }
}
