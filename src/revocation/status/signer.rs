//! Which certificate signed a CRL (RFC 5280 §6.3.3 (f)): the certificate's issuer in the
//! verified path, or another certificate of the CRL issuer's name, proven by its own path
//! to the same anchor and its own status.
//!
//! Besides its status at the time judged, a signer must not be distrusted by what the
//! store says of its key at any date ([`StatusContext::distrust`]): a key revoked for a
//! possible compromise (keyCompromise, cACompromise, aACompromise, no stated reason),
//! whenever dated, could have signed any CRL back-dated to before its revocation; and a
//! key whose own CRL lists it as revoked has said so itself. Such a signer's CRLs prove
//! nothing (no "not revoked", no hold lifted), but what they list against a certificate
//! still stands: a thief gains nothing by revoking, and the CA's own word on a
//! certificate is not thrown away because its key was later lost
//! ([`StatusContext::listing_signer`]).

use std::fmt;

use super::account::describe_crl;
use super::{uninterpretable, CertStatus, StatusContext, MAX_SIGNER_DEPTH};
use crate::certificate::{Certificate, KeyUsage};
use crate::chain::{CertSet, PathBuilder, PathOptions};
use crate::revocation::crl::{Coverage, Crl, CrlEntry};
use crate::revocation::reason::RevocationReason;
use crate::signature::{KeyStrength, SignatureCheck};
use crate::work::WorkMeter;

/// What a CRL's signer is proven for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reliance {
    /// Everything the CRL says: its proofs of "not revoked" and the holds it shows lifted.
    Everything,
    /// Only what it lists against a certificate (a revocation, a hold): a signer
    /// distrusted for what the store says of its key ([`Distrust::Distrusted`]) still
    /// signs that.
    Listings,
}

/// Why no certificate is proven to have signed a CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Refused {
    why: String,
    /// A certificate whose key verifies the CRL was refused only because it is distrusted
    /// ([`Distrust::Distrusted`]): the CRL proves nothing, but what it lists against a
    /// certificate stands ([`StatusContext::listing_signer`]).
    pub(super) distrusted: bool,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)
    }
}

/// What the store says against a key signing CRLs at all, whatever its status at the time
/// judged.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Distrust {
    /// Revoked for a possible compromise (a CRL or an OCSP response, its signer proven,
    /// says so, whenever dated), or listed as revoked by a CRL it signed itself: it signs
    /// no CRL relied on for "not revoked", though what its CRLs list still stands. Why.
    Distrusted(String),
    /// A listing that may show a compromise could not be proven either way (the work ran
    /// out, or its signer's proof would nest too deeply): the key signs nothing. Why.
    Unproven(String),
}

/// An entry that does not lift anything: every entry but removeFromCRL.
fn lists_it(e: &CrlEntry) -> bool {
    e.reason != Some(RevocationReason::RemoveFromCrl)
}

/// Whether `cand` is taken as the signer, `verdict` being what the store says against its
/// key: refused when distrusted (unless only its listings are relied on, `reliance`; its
/// key recorded in `keys`) or unproven, why in `why`.
fn accept(
    reliance: Reliance,
    cand: &Certificate,
    verdict: Option<Distrust>,
    why: &mut Vec<String>,
    keys: &mut Vec<[u8; 32]>,
) -> bool {
    match verdict {
        None => true,
        Some(Distrust::Distrusted(_)) if reliance == Reliance::Listings => true,
        Some(Distrust::Distrusted(w)) => {
            keys.push(cand.spki_sha256());
            why.push(w);
            false
        }
        Some(Distrust::Unproven(w)) => {
            why.push(w);
            false
        }
    }
}

impl StatusContext<'_> {
    /// RFC 5280 §6.3.3 (f): a certificate whose key verifies the CRL, that may sign CRLs, and
    /// that chains to the same trust anchor (the certificate's own issuer in the verified
    /// path first; then any other certificate with the CRL issuer's name, proven by its own
    /// path and not revoked), and that the store does not distrust
    /// ([`StatusContext::distrust`]: revoked for a possible compromise at any date, or
    /// listed as revoked by a CRL it signed). Its CRL is relied on for everything it says.
    pub(super) fn crl_signer(
        &self,
        idx: usize,
        crl: &Crl,
        path_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut Vec<usize>,
    ) -> Result<Certificate, Refused> {
        self.find_signer(
            idx,
            crl,
            path_issuer,
            anchor,
            (depth, Reliance::Everything),
            in_use,
        )
    }

    /// [`Self::crl_signer`] for what the CRL lists against a certificate only: a signer the
    /// store distrusts for a compromise (or its own word) is accepted, since a revocation
    /// or a hold it lists can only make a certificate not valid, never valid. Otherwise
    /// the same proof: its key verifies the CRL, its path, its status at the time judged.
    pub(super) fn listing_signer(
        &self,
        idx: usize,
        crl: &Crl,
        path_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut Vec<usize>,
    ) -> Result<Certificate, Refused> {
        self.find_signer(
            idx,
            crl,
            path_issuer,
            anchor,
            (depth, Reliance::Listings),
            in_use,
        )
    }

    fn find_signer(
        &self,
        idx: usize,
        crl: &Crl,
        path_issuer: Option<&Certificate>,
        anchor: &Certificate,
        (depth, reliance): (usize, Reliance),
        in_use: &mut Vec<usize>,
    ) -> Result<Certificate, Refused> {
        let mut why: Vec<String> = Vec::new();
        // Set when a key was refused as distrusted: the same key in another certificate
        // (a re-issue of the CA's certificate) is refused too, the key being what is lost.
        let mut distrusted_keys: Vec<[u8; 32]> = Vec::new();
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
                    KeyStrength::Adequate | KeyStrength::Weak(_) => {
                        // Its status at the time judged is the path's to judge; whether
                        // its key was lost at any date is asked here (of its own issuer's
                        // CRLs, found by name: `None`). The anchor is trusted as given.
                        let verdict = (i != anchor)
                            .then(|| self.distrust(idx, i, None, anchor, depth, in_use))
                            .flatten();
                        if accept(reliance, i, verdict, &mut why, &mut distrusted_keys) {
                            return Ok(i.clone());
                        }
                    }
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
            return Err(Refused {
                why: "cannot hold the trust anchor".into(),
                distrusted: false,
            });
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
            if distrusted_keys.contains(&cand.spki_sha256()) {
                continue;
            }
            // This CRL is already being relied on further up, to prove this very signer's
            // status: it vouches for its own signer only when no CRL of the store lists the
            // signer at all (PKITS 4.5.6: a self-issued CRL key whose status only its own
            // CRL can give). A listing anywhere, whoever signed it, leaves the signer's
            // status to the other CRLs: a CRL that can be trusted only if its signer is
            // cannot show that signer's revocation or hold lifted. Refusing is only ever
            // safe (a forged listing can make the status unknown, never good).
            if in_use.contains(&idx) {
                match self.listed_anywhere(cand) {
                    None => return Ok(cand.clone()),
                    Some(listing) => {
                        why.push(format!(
                            "the CRL signer certificate \"{}\" is listed by {listing}: a CRL cannot vouch for its own signer's status",
                            cand.subject()
                        ));
                        continue;
                    }
                }
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
            let verdict = self.distrust(idx, cand, path.issuer_of(0), anchor, depth, in_use);
            if !accept(reliance, cand, verdict, &mut why, &mut distrusted_keys) {
                continue;
            }
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
        Err(Refused {
            why: format!(
                "{} cannot be trusted: {}",
                describe_crl(crl),
                why.join("; ")
            ),
            distrusted: !distrusted_keys.is_empty(),
        })
    }

    /// The first CRL of the store (described) that lists `cert` at all (any entry for its
    /// serial and issuer, whoever signed the CRL), a CRL issued before the certificate
    /// aside (a serial it lists is another certificate's).
    fn listed_anywhere(&self, cert: &Certificate) -> Option<String> {
        let issuer = cert.issuer().key();
        self.store
            .that_may_list(issuer)
            .find(|(_, c)| {
                c.covers(cert, c.this_update()) != Coverage::PredatesCertificate
                    && !c.lookup(cert.serial(), issuer).is_empty()
            })
            .map(|(_, c)| describe_crl(c))
    }

    /// What the store says against `cand` (whose key verifies the CRL at `idx`) signing
    /// CRLs at all, whatever its status at the time judged; `cand_issuer` is its issuer in
    /// its own path (`None` for the certificate's issuer in the verified path: the signer
    /// of a CRL that lists it is then looked for by name among the anchors and the
    /// intermediates offered, and proven as any CRL signer).
    ///
    /// - A CRL it signed lists it as revoked (any entry but removeFromCRL): a statement
    ///   against interest no thief gains by forging. Distrusted.
    /// - A CRL, its signer proven ([`Self::listing_signer`], the depth one deeper), lists it
    ///   for a reason that may hide a compromise (keyCompromise, cACompromise, aACompromise,
    ///   unspecified or no reason), or lists it and cannot be interpreted: whenever dated,
    ///   the key may have signed any CRL back-dated to before the revocation (a CRL's
    ///   thisUpdate is written with the key it would vouch for; nothing proves the CRL
    ///   existed before the compromise). Distrusted. Conservative: the CRLs it signed
    ///   before the compromise are refused too, for "not revoked"; what they list still
    ///   stands ([`Self::listing_signer`]), and nothing proves "good" through the key.
    /// - For the issuer in the verified path, an OCSP response held says the same
    ///   (a revocation that may hide a compromise, whenever dated). Another signer's OCSP
    ///   status is weighed with its CRL status (`ocsp_revoked`).
    ///
    /// A listing that may show a compromise but cannot be proven either way (the work ran
    /// out, or the depth did) leaves the key unproven. A listing whose signer is not
    /// proven otherwise (forged) is ignored, as every CRL whose signer is not proven is.
    /// The cost is a lookup in each CRL that may list it, a signature check for each that
    /// does, and a signer proof (charged to the meter, nested at most
    /// [`MAX_SIGNER_DEPTH`] deep) for each that lists a possible compromise.
    fn distrust(
        &self,
        idx: usize,
        cand: &Certificate,
        cand_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut Vec<usize>,
    ) -> Option<Distrust> {
        let issuer = cand.issuer().key();
        let exhausted = |what: &str| {
            Distrust::Unproven(format!(
                "{} ({what} \"{}\")",
                self.meter
                    .and_then(WorkMeter::exhausted)
                    .unwrap_or_else(|| "work budget exhausted".into()),
                cand.subject()
            ))
        };
        let mut compromises: Vec<(usize, &Crl, String)> = Vec::new();
        for (j, c) in self.store.that_may_list(issuer) {
            if c.covers(cand, c.this_update()) == Coverage::PredatesCertificate {
                continue;
            }
            let entries: Vec<CrlEntry> = c
                .lookup(cand.serial(), issuer)
                .into_iter()
                .filter(lists_it)
                .collect();
            let Some(first) = entries.first() else {
                continue;
            };
            match self.store.signed_by_metered(j, cand, self.meter) {
                None => return Some(exhausted("proving what a CRL says of the CRL signer")),
                Some(SignatureCheck::Valid) => {
                    return Some(Distrust::Distrusted(format!(
                        "the CRL signer certificate \"{}\" is listed as revoked ({}) by {}, which it signed itself: a key that declares itself revoked signs no CRL relied on",
                        cand.subject(),
                        first.reason.unwrap_or(RevocationReason::Unspecified).describe(),
                        describe_crl(c)
                    )))
                }
                Some(_) => {}
            }
            let compromise = entries
                .iter()
                .find(|e| {
                    e.reason
                        .unwrap_or(RevocationReason::Unspecified)
                        .may_be_compromise()
                })
                .map(|e| {
                    format!(
                        "revoked ({}) since {}",
                        e.reason.unwrap_or(RevocationReason::Unspecified).describe(),
                        e.revocation_date.to_rfc3339()
                    )
                })
                .or_else(|| uninterpretable(c).map(|w| format!("listed by a CRL that {w}")));
            if let Some(what) = compromise {
                compromises.push((j, c, what));
            }
        }
        for (j, c, what) in compromises {
            if j == idx {
                // Not signed by `cand` (asked above), yet verified by its key: not a CRL
                // this key's own proof can rest on.
                continue;
            }
            if self.meter.is_some_and(|m| !m.path_step()) {
                return Some(exhausted("proving the CRL that lists the CRL signer"));
            }
            match self.listing_signer(j, c, cand_issuer, anchor, depth + 1, in_use) {
                Ok(by) => {
                    return Some(Distrust::Distrusted(format!(
                        "the CRL signer certificate \"{}\" is {what} on {} (signed by \"{}\"): a key that may have been compromised, whenever, signs no CRL relied on",
                        cand.subject(),
                        describe_crl(c),
                        by.subject()
                    )))
                }
                Err(e)
                    if self.meter.is_some_and(WorkMeter::is_exhausted)
                        || depth + 1 >= MAX_SIGNER_DEPTH =>
                {
                    return Some(Distrust::Unproven(format!(
                        "the CRL signer certificate \"{}\" is {what} on {}, which cannot be proven either way ({e})",
                        cand.subject(),
                        describe_crl(c)
                    )))
                }
                Err(_) => {}
            }
        }
        if cand_issuer.is_none() {
            return self.ocsp_compromise(cand);
        }
        None
    }

    /// For the issuer in the verified path (`cert`): an OCSP response held that shows it
    /// revoked for a possible compromise, whenever dated, judged under each certificate of
    /// its issuer's name offered (a response proven under a same-name impostor can only
    /// refuse, never accept).
    fn ocsp_compromise(&self, cert: &Certificate) -> Option<Distrust> {
        let ocsp = self.ocsp_revoked?;
        let key = cert.issuer().key();
        let parents = self
            .builder
            .anchors
            .by_subject(key)
            .chain(self.builder.intermediates.by_subject(key));
        for parent in parents {
            if self.meter.is_some_and(|m| !m.path_step()) {
                return Some(Distrust::Unproven(format!(
                    "{} (the OCSP status of \"{}\")",
                    self.meter
                        .and_then(WorkMeter::exhausted)
                        .unwrap_or_else(|| "work budget exhausted".into()),
                    cert.subject()
                )));
            }
            if let Some(CertStatus::Revoked {
                reason, evidence, ..
            }) = ocsp(cert, parent)
            {
                if reason.may_be_compromise() {
                    return Some(Distrust::Distrusted(format!(
                        "the CRL signer certificate \"{}\" is revoked ({}; {evidence}): a key that may have been compromised, whenever, signs no CRL relied on",
                        cert.subject(),
                        reason.describe()
                    )));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_as_its_reason_and_removals_list_nothing() {
        let r = Refused {
            why: "CRL #1 cannot be trusted".into(),
            distrusted: true,
        };
        assert_eq!(r.to_string(), "CRL #1 cannot be trusted");
        let der = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki/nca_rsa.cer"),
        )
        .unwrap();
        let ca = Certificate::from_input(&der).unwrap();
        let entry = |reason| CrlEntry {
            serial: vec![1],
            revocation_date: chrono::DateTime::UNIX_EPOCH,
            reason,
            invalidity_date: None,
            certificate_issuer: ca.subject().key().clone(),
        };
        assert!(!lists_it(&entry(Some(RevocationReason::RemoveFromCrl))));
        assert!(lists_it(&entry(Some(RevocationReason::CertificateHold))));
        assert!(lists_it(&entry(None)));
    }
}
