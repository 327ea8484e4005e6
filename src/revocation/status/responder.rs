//! The signer of an OCSP response, weighed by the evidence the verifier holds against it
//! (review 32): a response's "good" is only as trustworthy as the key that signed it.
//!
//! RFC 6960 §4.2.2.2 lets the CA itself, or a delegated responder it certified, sign for
//! its certificates. Proving the response's signature says nothing of whether that key was
//! still trusted: producedAt and thisUpdate are written with the key they would vouch for.
//! So, as for a CRL's signer ([`StatusContext::distrust`], `signer.rs`):
//!
//! - a signer whose key is revoked for a reason that may hide a compromise (keyCompromise,
//!   cACompromise, aACompromise, unspecified or no reason), in any CRL or OCSP response
//!   held whose signer is proven for listings, whenever dated, signs no "good" relied on:
//!   nothing proves the response existed before the compromise (RFC 6960 §4.2.2.2.1: "a
//!   compromise of the responder's key is as serious as the compromise of a CA key used to
//!   sign CRLs");
//! - a delegated responder (id-pkix-ocsp-nocheck) revoked, for any reason, or on hold at
//!   the time judged, or listed on hold without that hold proven lifted, by the CRLs or by
//!   an OCSP response held, is not an authorised responder then (RFC 5280 §6.3: a revoked
//!   certificate is not relied on). nocheck only spares a client *fetching* the
//!   responder's status; evidence already held is weighed. A responder whose status no
//!   CRL gives (none covers it) stays acceptable: that is what nocheck is for.
//!
//! The CA's own status at the time judged is the verified path's to judge (it is a path
//! certificate); here only what may have been forged before that time is asked of it.
//!
//! Only a "good" is refused on these grounds (the caller drops it): a revocation or a
//! hold the signer lists still counts, as a CRL's listings do whoever signed it
//! ([`StatusContext::listing_signer`]): a thief gains nothing by revoking, and the CA's
//! word is not thrown away because its key was later lost.
//!
//! No response vouches for its own signer: the responder's status comes from the CRLs
//! (`status`), and OCSP evidence about it (`ocsp_revoked`) is only ever weighed against
//! it. Nothing here asks this function again (the CRL machinery never weighs an OCSP
//! "good"), so there is no recursion; the nested proofs start at depth 0 and are bounded
//! by [`MAX_SIGNER_DEPTH`](super::MAX_SIGNER_DEPTH) as any CRL signer's; each signer
//! asked, and each further certificate of its key, is charged to the meter as a path step.

use super::key::Distrust;
use super::{CertStatus, StatusContext};
use crate::certificate::Certificate;
use crate::work::WorkMeter;

impl StatusContext<'_> {
    /// Why `signer`, which signed an OCSP response about a certificate issued by `issuer`
    /// (the issuer itself, or a delegated responder it certified), proves no "good" at the
    /// time judged: see the module documentation. `None`: nothing held speaks against it.
    /// `anchor`'s key is trusted as given. Work that runs out refuses, never accepts.
    pub(crate) fn ocsp_signer_distrust(
        &self,
        signer: &Certificate,
        issuer: &Certificate,
        anchor: &Certificate,
    ) -> Option<String> {
        let key = signer.key_id();
        if key == anchor.key_id() {
            return None;
        }
        let exhausted = || {
            Some(format!(
                "{} (what is held against the OCSP signer \"{}\")",
                self.meter
                    .and_then(WorkMeter::exhausted)
                    .unwrap_or_else(|| "work budget exhausted".into()),
                signer.subject()
            ))
        };
        if self.meter.is_some_and(|m| !m.path_step()) {
            return exhausted();
        }
        let delegated = signer.fingerprint_sha256() != issuer.fingerprint_sha256();
        // 1. Its key, lost at any date: asked of every certificate offered that carries it
        // (the key is what is lost, not a certificate), the signer's own issuer known for
        // a delegated responder, found by key among the anchors and intermediates for the
        // CA and for the others (as `key_verdict` asks it of a CRL signer's key).
        for (n, holder) in self
            .key_holders(signer, Some(issuer))
            .into_iter()
            .enumerate()
        {
            if n > 0 && self.meter.is_some_and(|m| !m.path_step()) {
                return exhausted();
            }
            let own_issuer = (n == 0 && delegated).then_some(issuer);
            // No CRL is being proven (`usize::MAX` names none): every listing counts.
            if let Some(d) =
                self.distrust(usize::MAX, holder, own_issuer, anchor, 0, &mut Vec::new())
            {
                let why = match d {
                    Distrust::Distrusted(w) | Distrust::Unproven(w) => w,
                };
                return Some(format!(
                    "the OCSP signer \"{}\" (serial {}) is not relied on for a \"good\": {why}",
                    signer.subject(),
                    signer.serial_hex()
                ));
            }
        }
        if !delegated {
            return None;
        }
        // 1b. The key that certified a delegated responder, lost at any date: a thief of
        // the CA's key certifies responders at will, and the CA's own CRLs, refused for
        // that key, leave the responder's status unknown, which nocheck would accept
        // (review 34). The anchor's key is trusted as given.
        if issuer.key_id() != anchor.key_id() {
            for (n, holder) in self.key_holders(issuer, None).into_iter().enumerate() {
                if n > 0 && self.meter.is_some_and(|m| !m.path_step()) {
                    return exhausted();
                }
                if let Some(d) = self.distrust(usize::MAX, holder, None, anchor, 0, &mut Vec::new())
                {
                    let why = match d {
                        Distrust::Distrusted(w) | Distrust::Unproven(w) => w,
                    };
                    return Some(format!(
                        "the delegated OCSP responder \"{}\" (serial {}) was certified with a key that is not relied on: {why}",
                        signer.subject(),
                        signer.serial_hex()
                    ));
                }
            }
        }
        // 2. A delegated responder: what the OCSP responses held say against it (a
        // compromise whenever dated, a revocation or hold at the time judged, a hold not
        // proven lifted). Only ever against: no response vouches for it.
        if let Some(against) = self.ocsp_revoked.and_then(|ocsp| ocsp(signer, issuer)) {
            return Some(format!(
                "the delegated OCSP responder \"{}\" (serial {}) {}",
                signer.subject(),
                signer.serial_hex(),
                describe(&against)
            ));
        }
        // 3. Its status at the time judged, by the CRLs. `status` records what the CRLs
        // showed of the certificate asked about (`facts`), which the caller has read for
        // the path certificate being judged: kept as it was.
        let kept = *self.facts.borrow();
        let status = self.status(signer, Some(issuer), anchor);
        let facts = std::mem::replace(&mut *self.facts.borrow_mut(), kept);
        let why = match &status {
            CertStatus::Good { .. } => return None,
            CertStatus::Revoked { .. } => describe(&status),
            // Unknown: acceptable for a nocheck responder only when nothing lists it (no
            // CRL covers it): a hold not proven lifted, a listing that cannot be read, or
            // work that ran out may hide a revocation.
            CertStatus::Unknown { reason, .. }
                if facts.stale_hold.is_some()
                    || facts.hold_proof.is_some()
                    || facts.doubt.is_some()
                    || facts.budget_cut
                    || self.meter.is_some_and(WorkMeter::is_exhausted) =>
            {
                format!("has a status that cannot be proven: {reason}")
            }
            CertStatus::Unknown { .. } => return None,
        };
        Some(format!(
            "the delegated OCSP responder \"{}\" (serial {}) {why}",
            signer.subject(),
            signer.serial_hex()
        ))
    }
}

/// A status held against a responder, as a clause ("is revoked ...", "has ...").
fn describe(status: &CertStatus) -> String {
    match status {
        CertStatus::Revoked {
            reason,
            revocation_date,
            evidence,
        } => format!(
            "is revoked ({}) since {} ({evidence}): not an authorised responder",
            reason.describe(),
            revocation_date.to_rfc3339()
        ),
        CertStatus::Unknown { reason, .. } => {
            format!("has a status that cannot be proven: {reason}")
        }
        CertStatus::Good { .. } => "is not revoked".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::{CertSet, PathBuilder, SignatureCache};
    use crate::revocation::store::CrlStore;
    use crate::work::{WorkLimits, WorkMeter};

    fn pki(name: &str) -> Certificate {
        let der = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("test-vectors/pki")
                .join(name),
        )
        .unwrap();
        Certificate::from_input(&der).unwrap()
    }

    /// With nothing held against them, the CA and its nocheck responder speak (a responder
    /// no CRL covers is what nocheck is for); the anchor's key is trusted as given without
    /// charging anything; once the work runs out, a signer is refused, never accepted.
    #[test]
    fn nothing_held_speaks_the_anchor_is_given_and_no_work_refuses() {
        let root = pki("root.cer");
        let ca = pki("nca_rsa.cer");
        let responder = pki("ocsp_responder.cer");
        let mut anchors = CertSet::new();
        anchors.add(root.clone()).unwrap();
        let mut intermediates = CertSet::new();
        intermediates.add(ca.clone()).unwrap();
        let store = CrlStore::new();
        let cache = SignatureCache::default();
        let spent = WorkMeter::new(WorkLimits {
            signatures: 0,
            path_steps: 0,
            rehashed_bytes: 0,
        });
        let ctx = |meter| StatusContext {
            store: &store,
            builder: PathBuilder {
                anchors: &anchors,
                intermediates: &intermediates,
                cache: &cache,
            },
            at: chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
                .unwrap()
                .into(),
            keys: crate::signature::KeyPolicy::Modern,
            time_source: crate::condition::TimeSource::Given,
            meter,
            max_age: None,
            log: Default::default(),
            facts: Default::default(),
            certifying: Default::default(),
            budget_cut: Default::default(),
            ocsp_revoked: None,
        };
        let free = ctx(None);
        assert_eq!(free.ocsp_signer_distrust(&ca, &ca, &root), None);
        assert_eq!(free.ocsp_signer_distrust(&responder, &ca, &root), None);
        let poor = ctx(Some(&spent));
        assert_eq!(poor.ocsp_signer_distrust(&root, &root, &root), None);
        assert!(!spent.is_exhausted(), "the anchor costs nothing");
        for (signer, issuer) in [(&ca, &ca), (&responder, &ca)] {
            let why = poor.ocsp_signer_distrust(signer, issuer, &root);
            assert!(why.is_some_and(|w| w.contains("OCSP signer")));
        }
    }
}
