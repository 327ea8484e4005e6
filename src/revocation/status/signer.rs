//! Which certificate signed a CRL (RFC 5280 §6.3.3 (f)): the certificate's issuer in the
//! verified path, or another certificate of the CRL issuer's name, proven by its own path
//! to the same anchor, its own certificate (valid at the time judged and when it signed the
//! CRL, no extension problem) and the status of every certificate of that path but the
//! anchor (RFC 5280 §6.1.3 (a)).
//!
//! Besides its status at the time judged, a signer must not be distrusted by what the
//! store says of its key at any date (`key.rs`, [`StatusContext::distrust`]): a key revoked for a
//! possible compromise (keyCompromise, cACompromise, aACompromise, no stated reason),
//! whenever dated, could have signed any CRL back-dated to before its revocation; and a
//! key whose own CRL lists it as revoked has said so itself. What is lost is the key, not
//! a certificate: a key is distrusted when any certificate offered that carries it (a
//! second certificate of a CRL signer's key, a re-issue of the CA's certificate, under
//! whatever name) is ([`StatusContext::key_verdict`]), so the order certificates are offered in decides
//! nothing. Such a signer's CRLs prove nothing (no "not revoked", no hold lifted), but
//! what they list against a certificate still stands: a thief gains nothing by revoking,
//! and the CA's own word on a certificate is not thrown away because its key was later
//! lost, nor because its signer was later revoked or put on hold
//! ([`StatusContext::listing_signer`]: a listing can only make a certificate not valid,
//! so its signer's key and path are proof enough, whatever its status).

use std::fmt;

use super::account::describe_crl;
use super::key::Verdicts;
use super::{CertStatus, InUse, StatusContext, MAX_SIGNER_DEPTH};
use crate::certificate::{Certificate, KeyUsage};
use crate::chain::{CertSet, PathBuilder, PathOptions, VerifiedPath};
use crate::revocation::crl::Crl;
use crate::signature::{KeyStrength, SignatureCheck};
use crate::work::WorkMeter;

/// What a CRL's signer is proven for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reliance {
    /// Everything the CRL says: its proofs of "not revoked" and the holds it shows lifted.
    Everything,
    /// Only what it lists against a certificate (a revocation, a hold): its key verifying
    /// the CRL and its path to the anchor are proof enough, whatever the store says of it
    /// (distrusted, [`Distrust`]) or its status at the time judged (revoked, on hold,
    /// unknown): such a listing can only make a certificate not valid, never valid.
    Listings,
}

/// Why no certificate is proven to have signed a CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Refused {
    why: String,
    /// A search on the way ran out of a budget (a path build's own, or the document's
    /// meter): the refusal proves nothing, and what the CRL lists must stay undecided
    /// (review 63: junk certificates spending a build's budget dropped a listing).
    cut_short: bool,
}

impl Refused {
    /// Whether a budget, not the evidence, refused (see [`StatusContext::budget_refusal`]).
    pub(super) fn cut_short(&self) -> bool {
        self.cut_short
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)
    }
}

/// Why `cert` (a CRL signer, or a CA in its path: `what`) is not good at the time judged.
fn not_good(cert: &Certificate, what: &str, status: &CertStatus) -> String {
    match status {
        CertStatus::Good { .. } => format!("the {what} \"{}\" is not revoked", cert.subject()),
        CertStatus::Revoked {
            reason, evidence, ..
        } => format!(
            "the {what} \"{}\" is revoked ({}; {evidence})",
            cert.subject(),
            reason.describe()
        ),
        CertStatus::Unknown { reason, .. } => format!(
            "the {what} \"{}\" has unknown status: {reason}",
            cert.subject()
        ),
    }
}

impl StatusContext<'_> {
    /// RFC 5280 §6.3.3 (f): a certificate whose key verifies the CRL, that may sign CRLs, and
    /// that chains to the same trust anchor (the certificate's own issuer in the verified
    /// path first; then any other certificate with the CRL issuer's name, valid at the time
    /// judged and when the CRL was issued, without extension problems, proven by its own
    /// path, and not revoked, nor any CA of that path), and whose key the store does not
    /// distrust
    /// ([`StatusContext::key_verdict`]: a certificate carrying it revoked for a possible
    /// compromise at any date, or listed as revoked by a CRL it signed). Its CRL is relied
    /// on for everything it says.
    pub(super) fn crl_signer(
        &self,
        idx: usize,
        crl: &Crl,
        path_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut InUse,
    ) -> Result<Certificate, Refused> {
        self.find_signer(
            idx,
            crl,
            (path_issuer, None),
            anchor,
            (depth, Reliance::Everything),
            in_use,
        )
    }

    /// [`Self::crl_signer`] for what the CRL lists against a certificate only: a certificate
    /// whose key verifies the CRL, that may sign CRLs, and whose path is proven to the
    /// path's own trust anchor, or to another under which `listed` is certified too, at any
    /// time (reviews 59, 61 and 62), whatever the store says of its key and whatever its status at
    /// the time judged (revoked, on hold, unknown). A revocation or a hold it lists can only make a
    /// certificate not valid, never valid: refusing it would let evidence against the
    /// signer (an earlier compromise, a later suspension) erase what the CA said. Nothing
    /// nests (no status is asked), so neither the depth nor another CRL can refuse it; only
    /// the work budget can.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn listing_signer(
        &self,
        idx: usize,
        crl: &Crl,
        listed: &Certificate,
        path_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut InUse,
    ) -> Result<Certificate, Refused> {
        self.find_signer(
            idx,
            crl,
            (path_issuer, Some(listed)),
            anchor,
            (depth, Reliance::Listings),
            in_use,
        )
    }

    /// Why a refused CRL signer is undecided rather than unproven: the document's meter
    /// ran out, or a search on the way was cut short by a budget ([`Refused::cut_short`]).
    /// What such a CRL lists may be the CA's word, so an older CRL must not then decide:
    /// the budget refuses, it never decides. Marks the status being asked as cut short
    /// ([`super::StatusFacts::budget_cut`]: no OCSP "good" settles it).
    pub(super) fn budget_refusal(&self, why: &Refused) -> Option<String> {
        let refusal = self.meter.and_then(WorkMeter::exhausted).or_else(|| {
            why.cut_short().then(|| {
                "path building budget exhausted while proving the CRL's signer".to_string()
            })
        });
        if refusal.is_some() {
            self.budget_cut.set(true);
        }
        refusal
    }

    fn find_signer(
        &self,
        idx: usize,
        crl: &Crl,
        (path_issuer, listed): (Option<&Certificate>, Option<&Certificate>),
        anchor: &Certificate,
        (depth, reliance): (usize, Reliance),
        in_use: &mut InUse,
    ) -> Result<Certificate, Refused> {
        let mut why: Vec<String> = Vec::new();
        // What the store says against each key met, asked once per key before any
        // certificate carrying it is accepted (the key is what is lost).
        let mut verdicts: Verdicts = Vec::new();
        if let Some(i) = path_issuer {
            if i.subject().matches(crl.issuer())
                && i.key_usage().is_some_and(|ku| !ku.has(KeyUsage::CRL_SIGN))
            {
                why.push(format!(
                    "the issuer \"{}\" may not sign CRLs (keyUsage lacks cRLSign)",
                    i.subject()
                ));
            }
            // Charged to the document as any CRL signature check (an unmetered check
            // here let a document of many CRLs verify each for free).
            let Some(check) = self.store.signed_by_metered(idx, i, self.meter) else {
                return Err(Refused {
                    why: format!(
                        "{} cannot be trusted: the work budget ran out checking its signature",
                        describe_crl(crl)
                    ),
                    cut_short: true,
                });
            };
            match check {
                SignatureCheck::Valid => match self.keys.judge(i.public_key()) {
                    KeyStrength::Adequate | KeyStrength::Weak(_) => {
                        if reliance == Reliance::Listings {
                            return Ok(i.clone());
                        }
                        // Its status at the time judged is the path's to judge; whether
                        // its key was lost at any date is asked here, of every certificate
                        // carrying it (its own issuer's CRLs found by name: `None`). The
                        // anchor's key is trusted as given.
                        match self.key_verdict(
                            idx,
                            (i, None),
                            (path_issuer, anchor),
                            depth,
                            in_use,
                            &mut verdicts,
                        ) {
                            None => return Ok(i.clone()),
                            Some(w) => why.push(w),
                        }
                    }
                    KeyStrength::TooWeak(r)
                    | KeyStrength::Unknown(r)
                    | KeyStrength::Unusable(r) => {
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
                cut_short: false,
            });
        }
        let builder = PathBuilder {
            anchors: &anchor_set,
            intermediates: self.builder.intermediates,
            cache: self.builder.cache,
        };
        let candidates = self
            .builder
            .anchors
            .by_subject(crl.issuer().key())
            .chain(self.builder.intermediates.by_subject(crl.issuer().key()));
        // Whether a budget stopped a search on the way (`Refused::cut_short`).
        let mut cut_short = false;
        for cand in candidates {
            if self.meter.is_some_and(|m| !m.path_step()) {
                cut_short = true;
                break;
            }
            if Some(cand) == path_issuer {
                continue;
            }
            let Some(check) = self.store.signed_by_metered(idx, cand, self.meter) else {
                cut_short = true;
                break;
            };
            match check {
                SignatureCheck::Valid => match self.keys.judge(cand.public_key()) {
                    KeyStrength::Adequate | KeyStrength::Weak(_) => {}
                    KeyStrength::TooWeak(r)
                    | KeyStrength::Unknown(r)
                    | KeyStrength::Unusable(r) => {
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
            if reliance == Reliance::Listings {
                // Its key and its path are proof enough for what it lists (see
                // `listing_signer`): no status, no verdict on its key, nothing nested. The
                // path ends at the path's own anchor, or at another trust anchor under
                // which the listed certificate is certified too: a trusted hierarchy's
                // word against what it certified (a cross-certified CA's key) must not
                // depend on which path was found first (review 59), while a CA of the same
                // name under another root speaks for nothing it did not certify (review
                // 61, RFC 5280 §6.3.3 (f)).
                // Its path is sought under the anchors certifying the listed certificate,
                // all at once: which path the builder would find first (a document's
                // order) decides nothing (review 62).
                let own = builder.build_metered(cand, PathOptions::at(self.at), self.meter);
                if let Err(f) = &own {
                    cut_short |= f.exhausted.is_some();
                }
                let proven = match (own, listed) {
                    (Ok(_), _) => Ok(()),
                    (Err(f), Some(listed)) => {
                        let (others, complete) = self.anchors_certifying(listed, anchor);
                        cut_short |= !complete;
                        if others.is_empty() {
                            Err(format!(
                                "{}; the listed certificate is certified under no other trust anchor",
                                f.reason
                            ))
                        } else {
                            PathBuilder {
                                anchors: &others,
                                intermediates: self.builder.intermediates,
                                cache: self.builder.cache,
                            }
                            .build_metered(cand, PathOptions::at(self.at), self.meter)
                            .map(|_| ())
                            .map_err(|g| {
                                cut_short |= g.exhausted.is_some();
                                format!(
                                    "{}; nor to a trust anchor under which the listed certificate is certified: {}",
                                    f.reason, g.reason
                                )
                            })
                        }
                    }
                    (Err(f), None) => Err(f.reason),
                };
                match proven {
                    Ok(()) => return Ok(cand.clone()),
                    Err(reason) => {
                        why.push(format!("CRL signer \"{}\": {reason}", cand.subject()));
                        continue;
                    }
                }
            }
            // A key already refused (in another certificate carrying it) is refused here
            // too, the key being what is lost.
            let key = cand.holder_id();
            if verdicts.iter().any(|(k, v)| *k == key && v.is_some()) {
                continue;
            }
            // Its own certificate (RFC 5280 §6.3.3 (f) with §6.1.3 (a)(2) and §4.2): the
            // path builder checks these of the CAs above it only.
            if let Some(w) = self.own_fault(crl, cand) {
                why.push(w);
                continue;
            }
            // This CRL is already being relied on further up, to prove this very signer's
            // status or that of a certificate the proof of this signer rests on (a cycle):
            // it vouches for them only when no CRL of the store lists any of them at all,
            // nor any other certificate offered carrying one of their keys (PKITS 4.5.6: a
            // self-issued CRL key whose status only its own CRL can give). A listing
            // anywhere, whoever signed it, leaves their statuses to the other CRLs: a CRL
            // that can be trusted only if its signer is cannot show that signer's (nor the
            // signers' around a cycle) revocation or hold lifted. Refusing is only ever
            // safe (a forged listing can make the status unknown, never good).
            if let Some(pos) = in_use.iter().position(|(i, _)| *i == idx) {
                let cycle: Vec<Certificate> =
                    in_use[pos..].iter().map(|(_, c)| c.clone()).collect();
                match self.cycle_listed(cand, path_issuer, &cycle) {
                    None => return Ok(cand.clone()),
                    Some(listing) => {
                        why.push(format!(
                            "{listing}: a CRL cannot vouch for its own signer's status"
                        ));
                        // Its key and its path proven, what its CRL lists stands: a
                        // listing of a signer met again must not be dropped for an older
                        // CRL to prove that signer good (review 34).
                        continue;
                    }
                }
            }
            let path = match builder.build_metered(cand, PathOptions::at(self.at), self.meter) {
                Ok(p) => p,
                Err(f) => {
                    cut_short |= f.exhausted.is_some();
                    why.push(format!("CRL signer \"{}\": {}", cand.subject(), f.reason));
                    continue;
                }
            };
            if depth >= MAX_SIGNER_DEPTH {
                // Its status cannot be asked, but its key and path are proven: what its
                // CRL lists stands (as `listing_signer` says), so a newer CRL's revocation
                // or hold of a certificate is not dropped for an older CRL to decide.
                why.push(format!(
                    "CRL signer \"{}\": CRL signer paths nest too deeply",
                    cand.subject()
                ));
                continue;
            }
            if let Some(w) = self.key_verdict(
                idx,
                (cand, path.issuer_of(0)),
                (path_issuer, anchor),
                depth,
                in_use,
                &mut verdicts,
            ) {
                why.push(w);
                continue;
            }
            if let Some(w) = self.path_fault(
                idx,
                &path,
                (path_issuer, anchor),
                depth,
                in_use,
                &mut verdicts,
            ) {
                why.push(w);
                continue;
            }
            match self.signer_status(idx, cand, path.issuer_of(0), anchor, depth, in_use) {
                CertStatus::Good { .. } => return Ok(cand.clone()),
                status => why.push(not_good(cand, "CRL signer certificate", &status)),
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
            cut_short,
        })
    }

    /// Why a separate signer `cand` cannot be relied on for everything `crl` says, by its
    /// own certificate, which the path builder leaves to the caller: not valid at the time
    /// judged (RFC 5280 §6.1.3 (a)(2)); `crl` issued outside its validity (an expired key,
    /// whose later theft no CRL need ever show, RFC 5280 §3.3, signs nothing relied on, at
    /// a claimed time too, where the time judged is the signer's choice); an extension
    /// problem, such as a critical extension not processed (§4.2: the certificate is
    /// rejected), as the path builder refuses an issuer.
    fn own_fault(&self, crl: &Crl, cand: &Certificate) -> Option<String> {
        let (from, to) = (cand.not_before(), cand.not_after());
        let validity = || format!("valid {} to {}", from.to_rfc3339(), to.to_rfc3339());
        if self.at < from || self.at > to {
            Some(format!(
                "the CRL signer certificate \"{}\" is not valid at the time judged ({})",
                cand.subject(),
                validity()
            ))
        } else if crl.this_update() < from || crl.this_update() > to {
            Some(format!(
                "it was issued outside the validity of its signer \"{}\" ({})",
                cand.subject(),
                validity()
            ))
        } else {
            cand.extension_problems().first().map(|p| {
                format!(
                    "the CRL signer certificate \"{}\": extension problem: {p}",
                    cand.subject()
                )
            })
        }
    }

    /// The status of `cert` (a separate CRL signer, or a CA in its path; `issuer` its
    /// issuer there) at the time judged, one level deeper, the CRL at `idx` being relied
    /// on meanwhile (`in_use`); an OCSP response held that says it may not be relied on
    /// outweighs its CRLs ([`StatusContext::ocsp_revoked`]).
    fn signer_status(
        &self,
        idx: usize,
        cert: &Certificate,
        issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut InUse,
    ) -> CertStatus {
        in_use.push((idx, cert.clone()));
        let status = self.status_inner(cert, issuer, anchor, depth + 1, in_use);
        in_use.pop();
        if matches!(status, CertStatus::Revoked { .. }) {
            return status;
        }
        issuer
            .zip(self.ocsp_revoked)
            .and_then(|(issuer, ocsp)| ocsp(cert, issuer))
            .unwrap_or(status)
    }

    /// RFC 5280 §6.3.3 (f) with §6.1.3 (a)(3): the CRL issuer's path is validated, the
    /// status of every certificate in it included, not only the signer's. Why a CA of a
    /// separate signer's `path` (between the signer and the anchor) cannot be relied on:
    /// its key distrusted ([`Self::key_verdict`]: a key lost, whenever, may have certified
    /// the signer back-dated), or its status at the time judged not good (revoked, on
    /// hold, or unknown: what cannot be proven is never good). Otherwise a sibling CA
    /// revoked for a compromise, or ceased, would still certify a CRL signer of any CA's
    /// name. The status of the CRL's path issuer is not asked here: it is judged by the
    /// verified path (depth 0) or, deeper, by the search that asked for this one (which
    /// judges every CA of the path it came from); its key is. The anchor is trusted as
    /// given. Each CA is charged to the meter and nested under the same depth limit as the
    /// signer.
    fn path_fault(
        &self,
        idx: usize,
        path: &VerifiedPath,
        (path_issuer, anchor): (Option<&Certificate>, &Certificate),
        depth: usize,
        in_use: &mut InUse,
        verdicts: &mut Verdicts,
    ) -> Option<String> {
        let certs = path.certificates();
        let signer = path.end_entity();
        let cas = certs.iter().enumerate().take(certs.len().saturating_sub(1));
        for (i, ca) in cas.skip(1) {
            if ca == anchor {
                continue;
            }
            let is_path_issuer = Some(ca) == path_issuer;
            let of = |w: String| {
                format!(
                    "the CA \"{}\" (serial {}) in the path of the CRL signer \"{}\": {w}",
                    ca.subject(),
                    ca.serial_hex(),
                    signer.subject()
                )
            };
            if self.meter.is_some_and(|m| !m.path_step()) {
                return Some(of(self
                    .meter
                    .and_then(WorkMeter::exhausted)
                    .unwrap_or_else(|| "work budget exhausted".into())));
            }
            let issuer = path.issuer_of(i);
            // The path issuer's key is asked as when it signs the CRL itself (its own
            // issuer found by name, its OCSP status too): one verdict per key.
            let verdict = self.key_verdict(
                idx,
                (ca, if is_path_issuer { None } else { issuer }),
                (path_issuer, anchor),
                depth,
                in_use,
                verdicts,
            );
            if let Some(w) = verdict {
                return Some(of(w));
            }
            if is_path_issuer {
                continue;
            }
            match self.signer_status(idx, ca, issuer, anchor, depth, in_use) {
                CertStatus::Good { .. } => {}
                status => return Some(of(not_good(ca, "CA certificate", &status))),
            }
        }
        None
    }

    /// For a CRL met again in the search for its signer (a cycle): the first listing of
    /// `cand`, or of a certificate whose status the cycle is relied on to prove (`cycle`),
    /// by any CRL of the store ([`Self::key_listed_anywhere`]), described; or why it could
    /// not be asked. Each certificate of the cycle is charged to the meter.
    fn cycle_listed(
        &self,
        cand: &Certificate,
        path_issuer: Option<&Certificate>,
        cycle: &[Certificate],
    ) -> Option<String> {
        let describe = |c: &Certificate, listing: String| {
            format!(
                "the certificate \"{}\" (serial {}) {listing}",
                c.subject(),
                c.serial_hex()
            )
        };
        if let Some(l) = self.key_listed_anywhere(cand, path_issuer) {
            return Some(describe(cand, l));
        }
        for c in cycle {
            if c == cand {
                continue;
            }
            if self.meter.is_some_and(|m| !m.path_step()) {
                return Some(describe(
                    c,
                    format!(
                        "cannot be shown unlisted: {}",
                        self.meter
                            .and_then(WorkMeter::exhausted)
                            .unwrap_or_else(|| "work budget exhausted".into())
                    ),
                ));
            }
            if let Some(l) = self.key_listed_anywhere(c, None) {
                return Some(format!(
                    "{}, whose status the CRL is relied on to prove",
                    describe(c, l)
                ));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
