//! Which certificate signed a CRL (RFC 5280 §6.3.3 (f)): the certificate's issuer in the
//! verified path, or another certificate of the CRL issuer's name, proven by its own path
//! to the same anchor, its own certificate (valid at the time judged and when it signed the
//! CRL, no extension problem) and the status of every certificate of that path but the
//! anchor (RFC 5280 §6.1.3 (a)).
//!
//! Besides its status at the time judged, a signer must not be distrusted by what the
//! store says of its key at any date ([`StatusContext::distrust`]): a key revoked for a
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
use super::{uninterpretable, CertStatus, InUse, StatusContext, MAX_SIGNER_DEPTH};
use crate::certificate::{Certificate, KeyUsage};
use crate::chain::{CertSet, PathBuilder, PathOptions, VerifiedPath};
use crate::revocation::crl::{Coverage, Crl, CrlEntry};
use crate::revocation::reason::RevocationReason;
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
    /// A certificate whose key verifies the CRL, and whose path to the anchor is proven,
    /// was refused only for what the store says of it (distrusted, [`Distrust`]), for its
    /// own certificate (validity, extensions), for its status or a CA's of its path at the
    /// time judged, or because that status would nest too deeply: the CRL proves nothing,
    /// but what it lists against a certificate stands ([`StatusContext::listing_signer`]),
    /// so a newer CRL's revocation or hold is never dropped for an older CRL to decide.
    pub(super) listings_stand: bool,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)
    }
}

/// What the store says against a key signing CRLs at all, whatever its status at the time
/// judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Distrust {
    /// Revoked for a possible compromise (a CRL or an OCSP response, its signer proven,
    /// says so, whenever dated), or listed as revoked by a CRL it signed itself: it signs
    /// no CRL relied on for "not revoked", though what its CRLs list still stands. Why.
    Distrusted(String),
    /// A listing that may show a compromise could not be proven either way (the work ran
    /// out, or its signer's proof would nest too deeply): the key is refused as if
    /// distrusted (what cannot be proven is unknown, never good). Why.
    Unproven(String),
}

impl Distrust {
    /// Why the key is refused.
    pub(super) fn into_why(self) -> String {
        match self {
            Distrust::Distrusted(w) | Distrust::Unproven(w) => w,
        }
    }
}

/// What the store says against each key met in one search for a CRL's signer (its SPKI's
/// SHA-256, and why it is refused), asked once per key: the certificates that carry a key
/// share its verdict.
type Verdicts = Vec<([u8; 32], Option<String>)>;

/// An entry that does not lift anything: every entry but removeFromCRL.
fn lists_it(e: &CrlEntry) -> bool {
    e.reason != Some(RevocationReason::RemoveFromCrl)
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
            path_issuer,
            anchor,
            (depth, Reliance::Everything),
            in_use,
        )
    }

    /// [`Self::crl_signer`] for what the CRL lists against a certificate only: a certificate
    /// whose key verifies the CRL, that may sign CRLs, and whose path to the same anchor is
    /// proven, whatever the store says of its key and whatever its status at the time judged
    /// (revoked, on hold, unknown). A revocation or a hold it lists can only make a
    /// certificate not valid, never valid: refusing it would let evidence against the
    /// signer (an earlier compromise, a later suspension) erase what the CA said. Nothing
    /// nests (no status is asked), so neither the depth nor another CRL can refuse it; only
    /// the work budget can.
    pub(super) fn listing_signer(
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
        in_use: &mut InUse,
    ) -> Result<Certificate, Refused> {
        let mut why: Vec<String> = Vec::new();
        // What the store says against each key met, asked once per key before any
        // certificate carrying it is accepted (the key is what is lost).
        let mut verdicts: Verdicts = Vec::new();
        // Set when a certificate proven for listings (its key, its path) was refused.
        let mut listings_stand = false;
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
                            Some(w) => {
                                why.push(w);
                                listings_stand = true;
                            }
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
                listings_stand: false,
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
            if reliance == Reliance::Listings {
                // Its key and its path are proof enough for what it lists (see
                // `listing_signer`): no status, no verdict on its key, nothing nested.
                match builder.build_metered(cand, PathOptions::at(self.at), self.meter) {
                    Ok(_) => return Ok(cand.clone()),
                    Err(f) => {
                        why.push(format!("CRL signer \"{}\": {}", cand.subject(), f.reason));
                        continue;
                    }
                }
            }
            // A key already refused (in another certificate carrying it) is refused here
            // too, the key being what is lost.
            let key = cand.spki_sha256();
            if verdicts.iter().any(|(k, v)| *k == key && v.is_some()) {
                continue;
            }
            // Its own certificate (RFC 5280 §6.3.3 (f) with §6.1.3 (a)(2) and §4.2): the
            // path builder checks these of the CAs above it only.
            if let Some(w) = self.own_fault(crl, cand) {
                why.push(w);
                // Its key and its path proven, what its CRL lists stands.
                listings_stand |= builder
                    .build_metered(cand, PathOptions::at(self.at), self.meter)
                    .is_ok();
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
                        listings_stand |= builder
                            .build_metered(cand, PathOptions::at(self.at), self.meter)
                            .is_ok();
                        continue;
                    }
                }
            }
            let path = match builder.build_metered(cand, PathOptions::at(self.at), self.meter) {
                Ok(p) => p,
                Err(f) => {
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
                listings_stand = true;
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
                listings_stand = true;
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
                listings_stand = true;
                continue;
            }
            match self.signer_status(idx, cand, path.issuer_of(0), anchor, depth, in_use) {
                CertStatus::Good { .. } => return Ok(cand.clone()),
                status => why.push(not_good(cand, "CRL signer certificate", &status)),
            }
            // Its key and its path are proven: what its CRL lists stands.
            listings_stand = true;
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
            listings_stand,
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

    /// The certificates offered that carry the key of `key_cert` (the same SPKI), each once,
    /// `key_cert` first: itself, the issuer in the verified path, and every anchor and
    /// intermediate carrying it, whatever its name (a renaming, a cross-certificate of the
    /// same key). A revocation for a compromise says the key is lost, whichever
    /// certificate it names and under whatever name.
    ///
    /// An intermediate is counted only when it was issued ([`Self::issued`]). Anyone can
    /// offer a certificate carrying the CA's public key under a serial the root revoked
    /// for a compromise: made up, signed by no one, it would distrust the CA's key and
    /// every honest CRL of it (review 34). When the work runs out proving one, it is
    /// counted: a doubt then, never trust.
    pub(super) fn key_holders<'c>(
        &'c self,
        key_cert: &'c Certificate,
        path_issuer: Option<&'c Certificate>,
    ) -> Vec<&'c Certificate> {
        let key = key_cert.spki_sha256();
        let mut holders = vec![key_cert];
        let given = path_issuer
            .into_iter()
            .filter(|c| c.spki_sha256() == key)
            .chain(self.builder.anchors.by_key(&key));
        let issued = self
            .builder
            .intermediates
            .by_key(&key)
            .filter(|c| self.issued(c) || self.meter.is_some_and(WorkMeter::is_exhausted));
        for c in given.chain(issued) {
            if !holders
                .iter()
                .any(|h| h.fingerprint_sha256() == c.fingerprint_sha256())
            {
                holders.push(c);
            }
        }
        holders
    }

    /// Was `cert` issued by a CA the verifier trusts? Its path to an anchor builds at its
    /// own notBefore (a re-issue long expired still counts) or at the time judged, or an
    /// anchor of its issuer's name signed it (a root renewed with the same key, whose
    /// certificate on offer starts after the re-issue: review 37). Each proof is charged
    /// to the meter.
    fn issued(&self, cert: &Certificate) -> bool {
        let built = |at| {
            self.builder
                .build_metered(cert, PathOptions::at(at), self.meter)
                .is_ok()
        };
        built(cert.not_before())
            || built(self.at)
            || self
                .builder
                .anchors
                .by_subject(cert.issuer().key())
                .any(|a| {
                    self.meter.is_none_or(WorkMeter::signature)
                        && crate::signature::verify(
                            a.public_key(),
                            cert.signature_algorithm(),
                            cert.tbs(),
                            cert.signature(),
                        ) == SignatureCheck::Valid
                })
    }

    /// For a CRL vouching for its own signer `cand`: the first listing of any certificate
    /// carrying its key ([`Self::key_holders`]) by any CRL of the store, described; or why
    /// it could not be asked (the work ran out: refused, never accepted).
    fn key_listed_anywhere(
        &self,
        cand: &Certificate,
        path_issuer: Option<&Certificate>,
    ) -> Option<String> {
        for (n, holder) in self.key_holders(cand, path_issuer).into_iter().enumerate() {
            if n > 0 && self.meter.is_some_and(|m| !m.path_step()) {
                return Some(format!(
                    "cannot be shown unlisted: {}",
                    self.meter
                        .and_then(WorkMeter::exhausted)
                        .unwrap_or_else(|| "work budget exhausted".into())
                ));
            }
            if let Some(listing) = self.listed_anywhere(holder) {
                return Some(if n == 0 {
                    format!("is listed by {listing}")
                } else {
                    format!(
                        "carries the key of the certificate serial {}, listed by {listing}",
                        holder.serial_hex()
                    )
                });
            }
        }
        None
    }

    /// What the store says against the key of `key_cert` (whose key verifies the CRL at
    /// `idx`; `own_issuer` its issuer in its own path, `None` when it is the issuer in the
    /// verified path) signing CRLs at all: why it is refused, or `None`. The key is asked
    /// of every certificate offered that carries it ([`Self::key_holders`]; the others'
    /// issuers found by name), before any is accepted: a second certificate of a lost key,
    /// or a re-issue of the CA's certificate, must not sign what the one revoked may not,
    /// and the order they are offered in must not decide. The anchor's key is trusted as
    /// given. Asked once per key in a search (`verdicts`); each certificate beyond the
    /// first is charged to the meter (refused once it runs out).
    fn key_verdict(
        &self,
        idx: usize,
        (key_cert, own_issuer): (&Certificate, Option<&Certificate>),
        (path_issuer, anchor): (Option<&Certificate>, &Certificate),
        depth: usize,
        in_use: &mut InUse,
        verdicts: &mut Verdicts,
    ) -> Option<String> {
        let key = key_cert.spki_sha256();
        if key == anchor.spki_sha256() {
            return None;
        }
        if let Some((_, v)) = verdicts.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let mut verdict = None;
        for (n, holder) in self
            .key_holders(key_cert, path_issuer)
            .into_iter()
            .enumerate()
        {
            if n > 0 && self.meter.is_some_and(|m| !m.path_step()) {
                verdict = Some(format!(
                    "{} (what the store says of the key of \"{}\")",
                    self.meter
                        .and_then(WorkMeter::exhausted)
                        .unwrap_or_else(|| "work budget exhausted".into()),
                    key_cert.subject()
                ));
                break;
            }
            let issuer = if n == 0 { own_issuer } else { None };
            if let Some(d) = self.distrust(idx, holder, issuer, anchor, depth, in_use) {
                let w = d.into_why();
                verdict = Some(if n == 0 {
                    w
                } else {
                    format!(
                        "the CRL signer certificate \"{}\" (serial {}) carries the key of the certificate serial {}: {w}",
                        key_cert.subject(),
                        key_cert.serial_hex(),
                        holder.serial_hex()
                    )
                });
                break;
            }
        }
        verdicts.push((key, verdict.clone()));
        verdict
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
    /// its own path (`None` for the certificate's issuer in the verified path, and for
    /// another certificate carrying the key: the signer of a CRL that lists it is then
    /// looked for by name among the anchors and the intermediates offered, and proven as
    /// any CRL signer). Asked of every certificate carrying a key ([`Self::key_verdict`]).
    ///
    /// - A CRL it signed lists it as revoked (any entry but removeFromCRL): a statement
    ///   against interest no thief gains by forging. Distrusted.
    /// - A CRL, its signer proven for listings ([`Self::listing_signer`]: its key and its
    ///   path, whatever its status at the time judged, since a compromise listing made
    ///   while that signer was trusted is not undone by its later revocation or
    ///   suspension), lists it for a reason that may hide a compromise (keyCompromise,
    ///   cACompromise, aACompromise, unspecified or no reason), or lists it and cannot be
    ///   interpreted: whenever dated, the key may have signed any CRL back-dated to before
    ///   the revocation (a CRL's thisUpdate is written with the key it would vouch for;
    ///   nothing proves the CRL existed before the compromise). Distrusted. Conservative:
    ///   the CRLs it signed before the compromise are refused too, for "not revoked"; what
    ///   they list still stands ([`Self::listing_signer`]), and nothing proves "good"
    ///   through the key.
    /// - For the issuer in the verified path, or another certificate carrying the key, an
    ///   OCSP response held says the same (a revocation that may hide a compromise,
    ///   whenever dated). A separate signer's own OCSP status is weighed with its CRL
    ///   status (`ocsp_revoked`).
    ///
    /// A listing that may show a compromise but cannot be proven either way (the work ran
    /// out, or the depth did) leaves the key unproven: refused, never trusted. A listing
    /// whose signer is not proven otherwise (forged: no certificate's key verifies it, or
    /// none chains to the anchor) is ignored, as every CRL whose signer is not proven is.
    /// The cost is a lookup in each CRL that may list it, a signature check for each that
    /// does, and a signer proof for listings (charged to the meter; it nests nothing) for
    /// each that lists a possible compromise.
    pub(super) fn distrust(
        &self,
        idx: usize,
        cand: &Certificate,
        cand_issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut InUse,
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
            listings_stand: true,
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

    fn pki(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("test-vectors/pki")
                .join(name),
        )
        .unwrap()
    }

    /// The certificates carrying a key are each counted once (the path issuer is also
    /// offered as an intermediate), another key of the CRL issuer's name is not one of
    /// them, and the anchor's key is trusted as given without asking the store: the
    /// verdict is asked once per key and kept.
    #[test]
    fn a_keys_holders_are_counted_once_and_the_anchors_key_is_trusted_as_given() {
        let root = Certificate::from_input(&pki("root.cer")).unwrap();
        let ca = Certificate::from_input(&pki("nca_rsa.cer")).unwrap();
        let crl = Crl::from_der(pki("nca_rsa_current.crl")).unwrap();
        assert!(crl.issuer().matches(ca.subject()));
        let mut anchors = CertSet::new();
        anchors.add(root.clone()).unwrap();
        let mut intermediates = CertSet::new();
        intermediates.add(ca.clone()).unwrap();
        let store = crate::revocation::store::CrlStore::new();
        let cache = crate::chain::SignatureCache::default();
        let ctx = StatusContext {
            store: &store,
            builder: PathBuilder {
                anchors: &anchors,
                intermediates: &intermediates,
                cache: &cache,
            },
            at: chrono::DateTime::UNIX_EPOCH,
            keys: crate::signature::KeyPolicy::Modern,
            time_source: crate::condition::TimeSource::Given,
            meter: None,
            max_age: None,
            log: Default::default(),
            facts: Default::default(),
            ocsp_revoked: None,
        };
        let holders = ctx.key_holders(&ca, Some(&ca));
        assert_eq!(holders, vec![&ca]);
        // The root's name is not the CRL issuer's: the root is not offered beside it.
        assert!(ctx
            .key_holders(&ca, Some(&root))
            .iter()
            .all(|c| c.spki_sha256() == ca.spki_sha256()));
        let mut verdicts: Verdicts = Vec::new();
        let mut in_use = Vec::new();
        let v = ctx.key_verdict(
            0,
            (&root, None),
            (None, &root),
            0,
            &mut in_use,
            &mut verdicts,
        );
        assert_eq!(v, None);
        assert!(
            verdicts.is_empty(),
            "the anchor's key is not asked of the store"
        );
        let v = ctx.key_verdict(
            0,
            (&ca, None),
            (Some(&ca), &root),
            0,
            &mut in_use,
            &mut verdicts,
        );
        assert_eq!(v, None, "nothing in the store lists the CA");
        assert_eq!(verdicts, vec![(ca.spki_sha256(), None)]);
        // Asked again, the kept verdict answers.
        verdicts[0].1 = Some("kept".into());
        let v = ctx.key_verdict(
            0,
            (&ca, None),
            (Some(&ca), &root),
            0,
            &mut in_use,
            &mut verdicts,
        );
        assert_eq!(v.as_deref(), Some("kept"));
        assert_eq!(
            Distrust::Unproven("why".into()).into_why(),
            Distrust::Distrusted("why".into()).into_why()
        );
    }
}
