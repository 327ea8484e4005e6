//! What the store says against a key signing revocation evidence at all, whatever its
//! status at the time judged: every certificate offered that carries it (found by key,
//! counted when issued), a CRL it signed that lists it, a proven CRL or an OCSP response
//! that lists it for a possible compromise whenever dated. Asked of a CRL signer's key
//! (`signer.rs`), of the CAs in its path, and of an OCSP response's signer
//! (`responder.rs`).

use super::account::describe_crl;
use super::{uninterpretable, CertStatus, InUse, StatusContext, MAX_SIGNER_DEPTH};
use crate::certificate::Certificate;
use crate::chain::PathOptions;
use crate::revocation::crl::{Coverage, Crl, CrlEntry};
use crate::revocation::reason::RevocationReason;
use crate::signature::SignatureCheck;
use crate::work::WorkMeter;

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

/// What the store says against each key met in one search for a CRL's signer (the identity
/// of its value, [`Certificate::holder_id`], and why it is refused), asked once per key:
/// the certificates that carry a key share its verdict.
pub(super) type Verdicts = Vec<([u8; 32], Option<String>)>;

/// An entry that does not lift anything: every entry but removeFromCRL.
pub(super) fn lists_it(e: &CrlEntry) -> bool {
    e.reason != Some(RevocationReason::RemoveFromCrl)
}

impl StatusContext<'_> {
    /// The certificates offered that carry the key of `key_cert` (the same key value,
    /// however its SPKI wraps it, also in an encoding the verifier refuses:
    /// [`Certificate::holder_id`]), each once,
    /// `key_cert` first: itself, the issuer in the verified path, and every anchor and
    /// intermediate carrying it, whatever its name (a renaming, a cross-certificate of the
    /// same key). A revocation for a compromise says the key is lost, whichever
    /// certificate it names and under whatever name.
    ///
    /// An intermediate is counted only when it was issued ([`Self::issued`]). Anyone can
    /// offer a certificate carrying the CA's public key under a serial the root revoked
    /// for a compromise: made up, signed by no one, it would distrust the CA's key and
    /// every honest CRL of it (review 34). When the work runs out proving one (the
    /// document's meter or a build's own budget), it is counted: a doubt then, never
    /// trust.
    pub(super) fn key_holders<'c>(
        &'c self,
        key_cert: &'c Certificate,
        path_issuer: Option<&'c Certificate>,
    ) -> Vec<&'c Certificate> {
        let key = key_cert.holder_id();
        let mut holders = vec![key_cert];
        let held = |holders: &[&Certificate], c: &Certificate| {
            holders
                .iter()
                .any(|h| h.fingerprint_sha256() == c.fingerprint_sha256())
        };
        let given = path_issuer
            .into_iter()
            .filter(|c| c.holder_id() == key)
            .chain(self.builder.anchors.by_key(&key));
        for c in given {
            if !held(&holders, c) {
                holders.push(c);
            }
        }
        // Proven only when not already counted (the path issuer is usually offered as an
        // intermediate too).
        for c in self.builder.intermediates.by_key(&key) {
            if !held(&holders, c)
                && (self.issued(c) != Some(false)
                    || self.meter.is_some_and(WorkMeter::is_exhausted))
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
    /// to the meter. `None` when no proof was found but a budget cut a search short (a
    /// build's own, or the meter): undecided, which [`Self::key_holders`] counts (review
    /// 63: junk spending a build's budget must not hide a re-issue of a lost key).
    fn issued(&self, cert: &Certificate) -> Option<bool> {
        let mut cut_short = false;
        let mut built = |at| match self
            .builder
            .build_metered(cert, PathOptions::at(at), self.meter)
        {
            Ok(_) => true,
            Err(f) => {
                cut_short |= f.exhausted.is_some();
                false
            }
        };
        let proven = built(cert.not_before())
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
                });
        if proven {
            Some(true)
        } else if cut_short {
            None
        } else {
            Some(false)
        }
    }

    /// For a CRL vouching for its own signer `cand`: the first listing of any certificate
    /// carrying its key ([`Self::key_holders`]) by any CRL of the store, described; or why
    /// it could not be asked (the work ran out: refused, never accepted).
    pub(super) fn key_listed_anywhere(
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
    pub(super) fn key_verdict(
        &self,
        idx: usize,
        (key_cert, own_issuer): (&Certificate, Option<&Certificate>),
        (path_issuer, anchor): (Option<&Certificate>, &Certificate),
        depth: usize,
        in_use: &mut InUse,
        verdicts: &mut Verdicts,
    ) -> Option<String> {
        if key_cert.key_id() == anchor.key_id() {
            return None;
        }
        // Asked once per key value: a refused key is refused in every certificate that
        // carries it.
        let key = key_cert.holder_id();
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

    /// Why the key of `cert`, a trust anchor that is not a root (or a CA above one) whose
    /// issuer in a path on to another anchor, `top`, is `issuer`, may have been lost at any
    /// date: a revocation that may hide a compromise, whenever dated, or a listing by a CRL
    /// it signed, asked of every certificate offered that carries the key (as
    /// [`Self::key_verdict`] asks it of a CRL signer's). An anchor's key is trusted as
    /// given, not against proof its trusted issuer gives: the evidence it signs then proves
    /// nothing (review 58). `None`: nothing held speaks against it. Work that runs out
    /// refuses, never accepts.
    pub(crate) fn anchor_key_distrust(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        top: &Certificate,
    ) -> Option<String> {
        for (n, holder) in self.key_holders(cert, Some(issuer)).into_iter().enumerate() {
            if n > 0 && self.meter.is_some_and(|m| !m.path_step()) {
                return Some(format!(
                    "{} (what is held against the key of \"{}\")",
                    self.meter
                        .and_then(WorkMeter::exhausted)
                        .unwrap_or_else(|| "work budget exhausted".into()),
                    cert.subject()
                ));
            }
            let own_issuer = (n == 0).then_some(issuer);
            // No CRL is being proven (`usize::MAX` names none): every listing counts.
            if let Some(d) = self.distrust(usize::MAX, holder, own_issuer, top, 0, &mut Vec::new())
            {
                return Some(d.into_why());
            }
            // `distrust` asks the OCSP responses of a holder only when its issuer is not
            // given: the anchor's own compromise reported by a response of its issuer
            // counts too (review 59).
            if n == 0 {
                if let Some(d) = self.ocsp_compromise(holder) {
                    return Some(d.into_why());
                }
            }
        }
        None
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
            match self.listing_signer(j, c, cand, cand_issuer, anchor, depth + 1, in_use) {
                Ok(by) => {
                    return Some(Distrust::Distrusted(format!(
                        "the CRL signer certificate \"{}\" is {what} on {} (signed by \"{}\"): a key that may have been compromised, whenever, signs no CRL relied on",
                        cand.subject(),
                        describe_crl(c),
                        by.subject()
                    )))
                }
                Err(e)
                    if self.budget_refusal(&e).is_some() || depth + 1 >= MAX_SIGNER_DEPTH =>
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
