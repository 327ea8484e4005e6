//! Which certificate signed a CRL (RFC 5280 §6.3.3 (f)): the certificate's issuer in the
//! verified path, or another certificate of the CRL issuer's name, proven by its own path
//! to the same anchor and its own status.

use super::account::describe_crl;
use super::{CertStatus, StatusContext, MAX_SIGNER_DEPTH};
use crate::certificate::{Certificate, KeyUsage};
use crate::chain::{CertSet, PathBuilder, PathOptions};
use crate::revocation::crl::Crl;
use crate::signature::{KeyStrength, SignatureCheck};

impl StatusContext<'_> {
    /// RFC 5280 §6.3.3 (f): a certificate whose key verifies the CRL, that may sign CRLs, and
    /// that chains to the same trust anchor (the certificate's own issuer in the verified
    /// path first; then any other certificate with the CRL issuer's name, proven by its own
    /// path and not revoked).
    pub(super) fn crl_signer(
        &self,
        idx: usize,
        crl: &Crl,
        path_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut Vec<usize>,
    ) -> Result<Certificate, String> {
        let mut why: Vec<String> = Vec::new();
        if let Some(i) = path_issuer {
            if i.subject().matches(crl.issuer())
                && i.key_usage().is_some_and(|ku| !ku.has(KeyUsage::CRL_SIGN))
            {
                why.push(format!(
                    "the issuer \"{}\" may not sign CRLs (keyUsage lacks cRLSign)",
                    i.subject()
                ));
            }
            match self.store.signed_by(idx, i) {
                SignatureCheck::Valid => match self.keys.judge(i.public_key()) {
                    KeyStrength::Adequate | KeyStrength::Weak(_) => return Ok(i.clone()),
                    KeyStrength::TooWeak(r) | KeyStrength::Unknown(r) => {
                        why.push(format!("the signer \"{}\": {r}", i.subject()))
                    }
                },
                SignatureCheck::Unsupported(w) => why.push(format!("unsupported algorithm: {w}")),
                SignatureCheck::Invalid => {}
            }
        }
        let mut anchor_set = CertSet::new();
        if anchor_set.add(anchor.clone()).is_err() {
            return Err("cannot hold the trust anchor".into());
        }
        let candidates = self
            .builder
            .anchors
            .by_subject(crl.issuer().key())
            .chain(self.builder.intermediates.by_subject(crl.issuer().key()));
        for cand in candidates {
            if self.meter.is_some_and(|m| !m.path_step()) {
                break;
            }
            if Some(cand) == path_issuer {
                continue;
            }
            let Some(check) = self.store.signed_by_metered(idx, cand, self.meter) else {
                break;
            };
            match check {
                SignatureCheck::Valid => match self.keys.judge(cand.public_key()) {
                    KeyStrength::Adequate | KeyStrength::Weak(_) => {}
                    KeyStrength::TooWeak(r) | KeyStrength::Unknown(r) => {
                        why.push(format!("the signer \"{}\": {r}", cand.subject()));
                        continue;
                    }
                },
                SignatureCheck::Unsupported(w) => {
                    why.push(format!("unsupported algorithm: {w}"));
                    continue;
                }
                SignatureCheck::Invalid => continue,
            }
            if cand == anchor {
                return Ok(cand.clone());
            }
            // This CRL is already being relied on further up: it vouches for its own signer.
            if in_use.contains(&idx) {
                return Ok(cand.clone());
            }
            if depth >= MAX_SIGNER_DEPTH {
                why.push("CRL signer paths nest too deeply".into());
                continue;
            }
            let builder = PathBuilder {
                anchors: &anchor_set,
                intermediates: self.builder.intermediates,
                cache: self.builder.cache,
            };
            let path = match builder.build_metered(cand, PathOptions::at(self.at), self.meter) {
                Ok(p) => p,
                Err(f) => {
                    why.push(format!("CRL signer \"{}\": {}", cand.subject(), f.reason));
                    continue;
                }
            };
            in_use.push(idx);
            let mut status = self.status_inner(cand, path.issuer_of(0), anchor, depth + 1, in_use);
            in_use.pop();
            if !matches!(status, CertStatus::Revoked { .. }) {
                let distrust = path
                    .issuer_of(0)
                    .zip(self.ocsp_revoked)
                    .and_then(|(issuer, ocsp)| ocsp(cand, issuer));
                if let Some(distrust) = distrust {
                    status = distrust;
                }
            }
            match status {
                CertStatus::Good { .. } => return Ok(cand.clone()),
                CertStatus::Revoked {
                    reason, evidence, ..
                } => why.push(format!(
                    "the CRL signer certificate \"{}\" is revoked ({}; {evidence})",
                    cand.subject(),
                    reason.describe()
                )),
                CertStatus::Unknown { reason, .. } => why.push(format!(
                    "the CRL signer certificate \"{}\" has unknown status: {reason}",
                    cand.subject()
                )),
            }
        }
        if why.is_empty() {
            why.push("no certificate that may sign it verifies its signature".into());
        }
        Err(format!(
            "{} cannot be trusted: {}",
            describe_crl(crl),
            why.join("; ")
        ))
    }
}
