//! The revocation status of one certificate at one time, from the CRLs of a [`CrlStore`],
//! following RFC 5280 §6.3: distribution points and their reasons, issuing distribution
//! point scope, indirect CRLs, delta CRLs over their base, and a CRL signer proven by a path
//! to the same trust anchor as the certificate.
//!
//! Freshness: a CRL proves "not revoked" only when `thisUpdate <= at < nextUpdate` (for a
//! complete CRL completed by a delta CRL, when the delta is fresh). A CRL that is not fresh
//! still proves a permanent revocation it lists (every reason but certificateHold), since
//! revocation cannot be undone. A certificate revoked after `at` was not revoked at `at`;
//! but a CRL lists no revocation yet to come, so an entry counts from its CRL's thisUpdate
//! at the latest, whatever later date it bears (`rules::effective_start`).

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use serde::Serialize;

mod account;
mod certifying;
mod key;
mod responder;
mod rules;
mod signer;
mod standing;
mod walk;

use account::describe_crl;
pub(crate) use account::CrlLog;
pub use account::CrlUse;
use standing::Asker;
use walk::Gathered;

use crate::certificate::{Certificate, DistributionPoint};
use crate::chain::{CertSet, PathBuilder};
use crate::condition::TimeSource;
use crate::revocation::crl::Crl;
use crate::revocation::reason::RevocationReason;
use crate::revocation::store::CrlStore;
use crate::signature::{KeyPolicy, SignatureCheck};
use crate::work::WorkMeter;

/// How deep CRL-signer paths may nest (a CRL signed by a separate key whose own status
/// comes from another CRL ...).
const MAX_SIGNER_DEPTH: usize = 3;

/// The CRLs relied on further up a search for a CRL's signer, each with the certificate
/// whose status is being asked to prove it (its signer, or a CA in its signer's path): a
/// CRL met again is a cycle, which vouches for these certificates only when nothing lists
/// any of them (`find_signer`).
type InUse = Vec<(usize, Certificate)>;

/// Revocation status of one certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CertStatus {
    /// Provably not revoked at the time judged.
    Good {
        /// The CRL(s) that prove it.
        evidence: String,
    },
    /// Revoked (or on hold) at the time judged.
    Revoked {
        /// The reason code (unspecified when the entry has none).
        reason: RevocationReason,
        /// revocationDate of the entry.
        revocation_date: DateTime<Utc>,
        /// The CRL that lists it.
        evidence: String,
    },
    /// Not provable either way.
    Unknown {
        /// Why.
        reason: String,
        /// Whether any CRL of the certificate's CRL issuer was supplied at all.
        any_crl: bool,
    },
}

/// What the OCSP responses held say against relying on a certificate (first) of an issuer
/// (second), as a status: see [`StatusContext::ocsp_revoked`].
pub(crate) type OcspRevoked<'a> = dyn Fn(&Certificate, &Certificate) -> Option<CertStatus> + 'a;

/// Everything needed to decide statuses at one time.
pub(crate) struct StatusContext<'a> {
    pub store: &'a CrlStore,
    pub builder: PathBuilder<'a>,
    pub at: DateTime<Utc>,
    /// Which CRL signer keys are strong enough to rely on.
    pub keys: KeyPolicy,
    /// Where `at` comes from: a claimed time is judged with the newest CRL only.
    pub time_source: TimeSource,
    /// The work meter of the document being verified, if any: the search for a CRL's
    /// signer among the certificates offered (a document may offer a pile of them) is
    /// charged to it.
    pub meter: Option<&'a WorkMeter>,
    /// The caller's freshness policy: a CRL (or delta) older than this at the time judged
    /// is not fresh, whatever its nextUpdate.
    pub max_age: Option<chrono::Duration>,
    /// What became of each CRL of the store, per certificate judged.
    pub log: std::cell::RefCell<CrlLog>,
    /// What the CRLs showed of the last certificate asked about with [`Self::status`],
    /// for weighing OCSP responses against them.
    pub facts: std::cell::RefCell<StatusFacts>,
    /// What the OCSP responses held say against relying on a certificate (first) of an
    /// issuer (second), as a status (a revocation, a hold, or doubt): a CRL signer's
    /// status, and a delegated OCSP responder's (`ocsp_signer_distrust`), is judged by
    /// the CRLs, and such evidence from any source outweighs them.
    pub ocsp_revoked: Option<&'a OcspRevoked<'a>>,
    /// Per certificate listed by a CRL whose signer chains to another trust anchor than
    /// its path's own (second), the anchors under which it is certified (`signer.rs`,
    /// `anchors_certifying`): asked once, not once per candidate signer and CRL (review 62
    /// measured that quadratic).
    pub certifying: std::cell::RefCell<Vec<(Certificate, Certificate, CertSet)>>,
    /// Whether a budget refused a decision since the certificate asked at depth 0 began
    /// ([`StatusFacts::budget_cut`], set by [`StatusContext::budget_refusal`]).
    pub budget_cut: std::cell::Cell<bool>,
}

/// Of one certificate's CRL status: when the evidence was issued. An OCSP "good" settles
/// a status only when it is at least as recent as a hold the CRLs show, and a hold an
/// OCSP response shows outweighs a CRL proof older than it (the rules of the CRLs between
/// themselves, `revocation::status`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct StatusFacts {
    /// The latest thisUpdate of the views fresh at the time judged that proved it not
    /// revoked.
    pub fresh_proof: Option<DateTime<Utc>>,
    /// A view issued after the time judged proved it not revoked (it shows no revocation
    /// was made before it, not that no hold was in force then).
    pub later_proof: bool,
    /// The thisUpdate of the newest view that lists it on hold from before the time
    /// judged without proving that time.
    pub stale_hold: Option<DateTime<Utc>>,
    /// The thisUpdate of the view that proved it on hold at the time judged.
    pub hold_proof: Option<DateTime<Utc>>,
    /// The thisUpdate of the newest CRL, its signer proven, that lists it but cannot be
    /// interpreted: it may list a permanent revocation, so no "good" (a later CRL's or an
    /// OCSP response's) settles the status.
    pub doubt: Option<DateTime<Utc>>,
    /// A budget (the document's meter, or a search's own) refused a CRL that may list it
    /// ([`StatusContext::budget_refusal`]): its status is undecided, and no "good" (an
    /// OCSP response's) settles it, nor is a CA's unknown status merely "not checked"
    /// (review 65).
    pub budget_cut: bool,
}

impl StatusFacts {
    fn note_stale_hold(&mut self, listed_at: DateTime<Utc>) {
        self.stale_hold = Some(self.stale_hold.map_or(listed_at, |t| t.max(listed_at)));
    }

    fn note_doubt(&mut self, this_update: DateTime<Utc>) {
        self.doubt = Some(self.doubt.map_or(this_update, |t| t.max(this_update)));
    }

    fn note_fresh_proof(&mut self, this_update: DateTime<Utc>) {
        self.fresh_proof = Some(self.fresh_proof.map_or(this_update, |t| t.max(this_update)));
    }
}

/// The implicit distribution point of a certificate without cRLDistributionPoints: CRLs of
/// its issuer, all reasons.
fn implicit_dp() -> DistributionPoint {
    DistributionPoint {
        name: None,
        reasons: None,
        crl_issuer: Vec::new(),
    }
}

/// RFC 5280 §6.3.3 (b): is `crl` in scope for `cert` through `dp`?
fn scope_ok(cert: &Certificate, dp: &DistributionPoint, crl: &Crl) -> Result<(), String> {
    let idp = crl.issuing_distribution_point();
    if !dp.crl_issuer.is_empty() && !idp.is_some_and(|i| i.indirect) {
        return Err(format!(
            "{} is not an indirect CRL, but the certificate names a cRLIssuer",
            describe_crl(crl)
        ));
    }
    if let Some(idp) = idp {
        if let Some(idp_name) = &idp.name {
            let matches = match &dp.name {
                Some(dp_name) => idp_name.intersects(dp_name),
                None => dp.crl_issuer.iter().any(|g| idp_name.0.contains(g)),
            };
            if !matches {
                return Err(format!(
                    "{} covers another distribution point",
                    describe_crl(crl)
                ));
            }
        }
        if idp.only_user_certs && cert.is_ca() {
            return Err(format!(
                "{} covers only end-entity certificates",
                describe_crl(crl)
            ));
        }
        if idp.only_ca_certs && !cert.is_ca() {
            return Err(format!("{} covers only CA certificates", describe_crl(crl)));
        }
        if idp.only_attribute_certs {
            return Err(format!(
                "{} covers only attribute certificates",
                describe_crl(crl)
            ));
        }
    }
    Ok(())
}

/// Why `crl` cannot be interpreted, if it cannot ("has ..."): no cRLNumber (RFC 5280
/// §5.2.3: conforming CRL issuers MUST include it; without it, completeness and delta CRLs
/// cannot be reasoned about), or a critical extension, of the CRL or of an entry, this
/// library does not process.
fn uninterpretable(crl: &Crl) -> Option<String> {
    if crl.crl_number().is_none() {
        Some("has no cRLNumber".to_string())
    } else if let Some(ext) = crl.unprocessed_critical_extensions().first() {
        Some(format!("has an unsupported critical extension {ext}"))
    } else {
        crl.first_unprocessed_critical_entry_extension()
            .map(|ext| format!("has an unsupported critical entry extension {ext}"))
    }
}

/// Delta CRLs of a complete CRL: each with its index in the store.
type Deltas<'a> = Vec<(usize, &'a Crl)>;

impl StatusContext<'_> {
    /// Status of `cert`, whose issuer in the verified path is `issuer` (`None` when the
    /// caller has no path), with `anchor` the trust anchor every CRL signer must chain to.
    pub(crate) fn status(
        &self,
        cert: &Certificate,
        issuer: Option<&Certificate>,
        anchor: &Certificate,
    ) -> CertStatus {
        self.status_inner(cert, issuer, anchor, 0, &mut Vec::new())
    }

    fn status_inner(
        &self,
        cert: &Certificate,
        issuer: Option<&Certificate>,
        anchor: &Certificate,
        depth: usize,
        in_use: &mut InUse,
    ) -> CertStatus {
        let implicit;
        let dps: &[DistributionPoint] = if cert.crl_distribution_points().is_empty() {
            implicit = [implicit_dp()];
            &implicit
        } else {
            cert.crl_distribution_points()
        };
        let mut ask = Asker {
            cert,
            issuer,
            anchor,
            depth,
            in_use,
        };
        let mut gathered = Gathered::new();
        // A status asked at depth 0 inside another's walk (a responder's) keeps the outer
        // one's mark.
        let outer = (depth == 0).then(|| self.budget_cut.replace(false));
        let walked = self.walk(&mut ask, dps, &mut gathered);
        if let Some(outer) = outer {
            let cut = self.budget_cut.get();
            gathered.facts.budget_cut = cut;
            self.budget_cut.set(outer || cut);
            *self.facts.borrow_mut() = gathered.facts;
        }
        match walked {
            ControlFlow::Break(decided) => decided,
            ControlFlow::Continue(()) => gathered.conclude(cert),
        }
    }

    /// The complete CRL at `idx` and its `deltas` recorded as not used, for `why`.
    fn set_aside(&self, idx: usize, deltas: &[(usize, &Crl)], cert: &Certificate, why: &str) {
        let mut log = self.log.borrow_mut();
        for i in std::iter::once(idx).chain(deltas.iter().map(|(i, _)| *i)) {
            log.push(i, cert, false, why.to_string());
        }
    }

    /// The applicable delta CRLs of `base`, newest first (thisUpdate, then cRLNumber): same
    /// issuer and scope, a BaseCRLNumber at or below the base's cRLNumber, issued no earlier
    /// than the base (RFC 5280 §5.2.4: the NCA numbers its deltas in a sequence of their
    /// own, so the delta's own number is not compared with the base's; its thisUpdate is),
    /// no unsupported critical extension, signed by the base's signer: RFC 5280 §5.2.4's
    /// same key is proven by the signature, whatever authorityKeyIdentifier either carries
    /// (review 95: a hold's CRL naming its own key kept a delta without the extension from
    /// it, and that CRL's silent twin, with the delta, proved the time). Second, the deltas
    /// that pass all of this but were issued before the base: only their permanent
    /// revocations count.
    fn deltas_for(
        &self,
        base_idx: usize,
        base: &Crl,
        signer: &Certificate,
        cert: &Certificate,
    ) -> (Deltas<'_>, Deltas<'_>) {
        let Some(number) = base.crl_number() else {
            return (Vec::new(), Vec::new());
        };
        let mut out: Vec<(usize, &Crl)> = Vec::new();
        let mut older: Vec<(usize, &Crl)> = Vec::new();
        for (idx, d) in self.store.by_issuer(base.issuer().key()) {
            if idx == base_idx || !d.is_delta() {
                continue;
            }
            let Some(b) = d.delta_base() else {
                continue;
            };
            let why = if b > number {
                Some(format!(
                    "it completes a complete CRL numbered {b} or later, not {}",
                    describe_crl(base)
                ))
            } else if d.crl_number().is_none() {
                Some("it has no cRLNumber".to_string())
            } else if d.issuing_distribution_point() != base.issuing_distribution_point() {
                Some(format!(
                    "its scope (issuingDistributionPoint) differs from {}",
                    describe_crl(base)
                ))
            } else if let Some(ext) = d.unprocessed_critical_extensions().first() {
                Some(format!("it has an unsupported critical extension {ext}"))
            } else if let Some(ext) = d.first_unprocessed_critical_entry_extension() {
                Some(format!(
                    "it has an unsupported critical entry extension {ext}"
                ))
            } else {
                // Charged to the document's meter, as every CRL signature a document's
                // judgement checks: once per document, whether the verifier's cache holds
                // it or not (review 82).
                match self.store.signed_by_metered(idx, signer, self.meter) {
                    Some(SignatureCheck::Valid) => None,
                    Some(_) => Some(format!(
                        "its signature does not verify with the key of \"{}\", which signed {}",
                        signer.subject(),
                        describe_crl(base)
                    )),
                    None => Some(
                        "the document's work budget ran out before its signature was checked"
                            .to_string(),
                    ),
                }
            };
            match why {
                Some(why) => self.log.borrow_mut().push(
                    idx,
                    cert,
                    false,
                    format!("{}: {why}", describe_crl(d)),
                ),
                // RFC 5280 §5.2.4 (d) asks the delta to be newer than the complete CRL by
                // its number; the NCA's deltas are numbered apart, so their issue times are
                // compared. An older delta's entries (a removeFromCRL for a hold it lifted)
                // would override what the newer complete CRL lists: it completes nothing,
                // and only its permanent revocations still count (rule 2).
                None if d.this_update() < base.this_update() => older.push((idx, d)),
                None => out.push((idx, d)),
            }
        }
        out.sort_by(|(_, a), (_, b)| {
            (b.this_update(), b.crl_number()).cmp(&(a.this_update(), a.crl_number()))
        });
        (out, older)
    }
}
