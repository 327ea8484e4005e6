//! The revocation status of one certificate at one time, from the CRLs of a [`CrlStore`],
//! following RFC 5280 §6.3: distribution points and their reasons, issuing distribution
//! point scope, indirect CRLs, delta CRLs over their base, and a CRL signer proven by a path
//! to the same trust anchor as the certificate.
//!
//! Freshness: a CRL proves "not revoked" only when `thisUpdate <= at < nextUpdate` (for a
//! complete CRL completed by a delta CRL, when the delta is fresh). A CRL that is not fresh
//! still proves a permanent revocation it lists (every reason but certificateHold), since
//! revocation cannot be undone. A certificate revoked after `at` was not revoked at `at`.

use chrono::{DateTime, Utc};
use serde::Serialize;

mod account;
mod rules;
mod signer;
mod standing;

use account::describe_crl;
pub(crate) use account::CrlLog;
pub use account::CrlUse;
use rules::Judgement;
use standing::{Asker, Weighed};

use crate::certificate::{Certificate, DistributionPoint};
use crate::chain::PathBuilder;
use crate::condition::TimeSource;
use crate::name::{GeneralNameKey, NameKey};
use crate::revocation::crl::{Coverage, Crl, CrlNumber};
use crate::revocation::reason::{ReasonSet, RevocationReason};
use crate::revocation::store::CrlStore;
use crate::signature::{KeyPolicy, SignatureCheck};
use crate::work::WorkMeter;

/// How deep CRL-signer paths may nest (a CRL signed by a separate key whose own status
/// comes from another CRL ...).
const MAX_SIGNER_DEPTH: usize = 3;

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
    /// status is judged by the CRLs, and such evidence from any source outweighs them.
    pub ocsp_revoked: Option<&'a OcspRevoked<'a>>,
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
        in_use: &mut Vec<usize>,
    ) -> CertStatus {
        let claimed = self.time_source.is_claimed();
        let implicit;
        let dps: &[DistributionPoint] = if cert.crl_distribution_points().is_empty() {
            implicit = [implicit_dp()];
            &implicit
        } else {
            cert.crl_distribution_points()
        };
        let mut mask = ReasonSet::EMPTY;
        let mut notes: Vec<String> = Vec::new();
        let mut evidence: Vec<String> = Vec::new();
        let mut any_crl = false;
        // When the evidence was issued, across every distribution point (published for
        // the certificate asked about, depth 0, when this call ends).
        let mut facts = StatusFacts::default();
        // The holds proven at the time judged, or at a claimed time (see `Weighed`).
        let mut weighed = Weighed::default();
        // A hold in force before the time judged that a CRL issued after it cannot settle.
        let mut unsettled_hold: Option<String> = None;
        let status = 'status: {
            // Every distribution point is judged (its newest CRLs, until they prove the
            // reasons it covers): one that proves the certificate not revoked does not
            // speak for another's CRLs, which may list a revocation or a hold.
            for dp in dps {
                let dp_reasons = dp.reasons.unwrap_or(ReasonSet::ALL);
                let mut dp_mask = ReasonSet::EMPTY;
                // The CRL that settled this distribution point (thisUpdate, cRLNumber): one
                // issued at the same instant with the same number is judged in full too (a
                // tie in the newest-first order must not let the order given decide).
                let mut settled_by: Option<(DateTime<Utc>, Option<&CrlNumber>)> = None;
                let crl_issuers: Vec<&NameKey> = if dp.crl_issuer.is_empty() {
                    vec![cert.issuer().key()]
                } else {
                    dp.crl_issuer
                        .iter()
                        .filter_map(|g| match g {
                            GeneralNameKey::Directory(k) => Some(k),
                            _ => None,
                        })
                        .collect()
                };
                for &crl_issuer in &crl_issuers {
                    let mut complete: Vec<(usize, &Crl)> = self
                        .store
                        .by_issuer(crl_issuer)
                        .filter(|(_, c)| !c.is_delta())
                        .collect();
                    if self.store.by_issuer(crl_issuer).next().is_some() {
                        any_crl = true;
                    }
                    // Newest first: thisUpdate, then cRLNumber.
                    complete.sort_by(|(_, a), (_, b)| {
                        (b.this_update(), b.crl_number()).cmp(&(a.this_update(), a.crl_number()))
                    });
                    let mut newest: Option<String> = None;
                    let mut newest_key: Option<(DateTime<Utc>, Option<&CrlNumber>)> = None;
                    // Set once a CRL issued after the time judged has proven the certificate
                    // not revoked: the older CRLs are then asked only whether they prove it on
                    // hold at the time judged (a hold lifted since is no longer listed).
                    let mut hold_search = false;
                    // Set once a CRL (newer than those that follow) has listed the certificate
                    // on hold from before the time judged without proving that time: an older
                    // CRL fresh then knew nothing of the hold and cannot prove it lifted.
                    let mut stale_hold = false;
                    // At a claimed time, the complete CRLs that do not list the certificate
                    // (whether they show a hold lifted before the claim is asked when needed).
                    let mut omitters: Vec<(usize, &Crl)> = Vec::new();
                    let mut newest_complete: Option<DateTime<Utc>> = None;
                    for (idx, crl) in complete {
                        let skip = |notes: &mut Vec<String>, why: String| {
                            self.log.borrow_mut().push(idx, cert, false, why.clone());
                            notes.push(why);
                        };
                        if let Err(why) = scope_ok(cert, dp, crl) {
                            skip(&mut notes, why);
                            continue;
                        }
                        // Omitters settle a hold only through a distribution point that
                        // covers holds.
                        if claimed
                            && dp_reasons.contains_all(ReasonSet::HOLD)
                            && matches!(
                                rules::listed(cert, crl, None, self.at, claimed),
                                rules::Listed::No
                            )
                        {
                            omitters.push((idx, crl));
                        }
                        // Proven not revoked: an older complete CRL is still asked whether it
                        // lists a revocation from before the time judged (rule 2: a CA cannot
                        // undo a revocation, so a newer CRL that omits it does not outweigh it).
                        let tied = settled_by == Some((crl.this_update(), crl.crl_number()));
                        let mut ask = Asker {
                            cert,
                            issuer,
                            anchor,
                            depth,
                            in_use,
                        };
                        if dp_mask.contains_all(dp_reasons) && !hold_search && !tied {
                            if let Some(s) = self.standing(idx, crl, &mut ask, false, false) {
                                if let Some(decided) =
                                    self.absorb(s, &omitters, &mut ask, &mut weighed, &mut facts)
                                {
                                    break 'status decided;
                                }
                            }
                            continue;
                        }
                        // A claimed time is judged with the newest CRL only: an older one may
                        // predate the revocation the signer back-dated the claim past. Its
                        // permanent revocations still count (rule 2).
                        // The newest is the newest CRL proven, interpretable and covering
                        // holds (a forged, unreadable or partial newer CRL does not demote
                        // the CA's); one of its instant and number is judged in full too.
                        if claimed && newest_key != Some((crl.this_update(), crl.crl_number())) {
                            if let Some(n) = &newest {
                                if let Some(s) = self.standing(idx, crl, &mut ask, false, false) {
                                    if let Some(decided) = self.absorb(
                                        s,
                                        &omitters,
                                        &mut ask,
                                        &mut weighed,
                                        &mut facts,
                                    ) {
                                        break 'status decided;
                                    }
                                    continue;
                                }
                                skip(
                                &mut notes,
                                format!(
                                    "{} is older than {n}: a claimed time is judged with the newest CRL only",
                                    describe_crl(crl)
                                ),
                            );
                                continue;
                            }
                        }
                        if let Some(why) = uninterpretable(crl) {
                            // RFC 5280 §5.3: it is not used. But one that lists the
                            // certificate, signed by a proven signer, is the CA's word on it
                            // that cannot be read: no older CRL speaks for it (unknown,
                            // unless a revocation decides).
                            if crl.covers(cert, crl.this_update()) != Coverage::PredatesCertificate
                                && matches!(
                                    rules::listed(cert, crl, None, self.at, claimed),
                                    rules::Listed::Yes(_)
                                )
                            {
                                match self.crl_signer(idx, crl, issuer, anchor, depth, ask.in_use) {
                                    Ok(_) => {
                                        weighed.doubt.get_or_insert_with(|| {
                                            format!(
                                                "{} lists the certificate, but it {why}: what it says of it cannot be read",
                                                describe_crl(crl)
                                            )
                                        });
                                        facts.note_doubt(crl.this_update());
                                    }
                                    // Unproven because the work ran out: it may be the CA's
                                    // word, so nothing is decided.
                                    Err(e) => {
                                        if let Some(exhausted) =
                                            self.meter.and_then(WorkMeter::exhausted)
                                        {
                                            break 'status CertStatus::Unknown {
                                                reason: format!(
                                                    "{exhausted} ({e}): {} lists the certificate",
                                                    describe_crl(crl)
                                                ),
                                                any_crl: true,
                                            };
                                        }
                                    }
                                }
                            }
                            skip(&mut notes, format!("{} {why}", describe_crl(crl)));
                            continue;
                        }
                        let interim = dp
                            .reasons
                            .unwrap_or(ReasonSet::ALL)
                            .intersect(crl.reasons_covered());
                        if !hold_search && !tied && !dp_mask.adds_to(interim) {
                            // Its reasons were proven by a newer CRL: it is still asked for
                            // a revocation it lists (rule 2).
                            match self.standing(idx, crl, &mut ask, false, false) {
                                Some(s) => {
                                    if let Some(decided) = self.absorb(
                                        s,
                                        &omitters,
                                        &mut ask,
                                        &mut weighed,
                                        &mut facts,
                                    ) {
                                        break 'status decided;
                                    }
                                }
                                None => self.log.borrow_mut().push(
                                    idx,
                                    cert,
                                    false,
                                    "not needed: the reasons it covers were already proven".into(),
                                ),
                            }
                            continue;
                        }
                        let signer = match self
                            .crl_signer(idx, crl, issuer, anchor, depth, ask.in_use)
                        {
                            Ok(s) => s,
                            Err(why) => {
                                // A CRL left unproven because the document's work ran out is
                                // not merely absent: an older CRL must not then decide.
                                if let Some(exhausted) = self.meter.and_then(WorkMeter::exhausted) {
                                    self.log.borrow_mut().push(
                                        idx,
                                        cert,
                                        false,
                                        format!("{exhausted} ({why})"),
                                    );
                                    break 'status CertStatus::Unknown {
                                        reason: format!("{exhausted} ({why})"),
                                        any_crl: true,
                                    };
                                }
                                skip(&mut notes, why);
                                continue;
                            }
                        };
                        let interim_holds = interim.contains_all(ReasonSet::HOLD);
                        if claimed && interim_holds && newest.is_none() {
                            newest = Some(describe_crl(crl));
                            newest_key = Some((crl.this_update(), crl.crl_number()));
                        }
                        if interim_holds {
                            // The newest complete CRL proven, interpretable and covering
                            // holds: at a claimed time a delta's hold newer than it is the
                            // newest word on the certificate.
                            newest_complete.get_or_insert(crl.this_update());
                        }
                        let (deltas, older) = self.deltas_for(idx, crl, &signer, cert);
                        let (judgement, view) = self.judge_with(cert, crl, &deltas, &older);
                        {
                            let mut log = self.log.borrow_mut();
                            for (d_idx, d) in &older {
                                if view == Some(*d_idx)
                                    && matches!(
                                        judgement,
                                        Judgement::Revoked(_) | Judgement::OnHold(..)
                                    )
                                {
                                    log.push(
                                    *d_idx,
                                    cert,
                                    true,
                                    "lists it as revoked (issued before the complete CRL, it completes nothing, but its revocations stand)".to_string(),
                                );
                                } else {
                                    log.push(
                                    *d_idx,
                                    cert,
                                    false,
                                    format!(
                                        "{}: it was issued before {}, which it cannot complete (only its revocations count, and it lists none of this certificate)",
                                        describe_crl(d),
                                        describe_crl(crl)
                                    ),
                                );
                                }
                            }
                        }
                        if hold_search {
                            match &judgement {
                                Judgement::Revoked(_)
                                | Judgement::OnHold(..)
                                | Judgement::ClaimedHold(..) => {}
                                Judgement::StaleHold(why, listed_at) => {
                                    // Unsettled; the older CRLs are still asked for
                                    // permanent revocations (rule 2).
                                    facts.note_stale_hold(*listed_at);
                                    let why = format!(
                                    "{}; a CRL issued after the time judged shows the hold lifted by then, not when",
                                    why.join("; ")
                                );
                                    self.log.borrow_mut().push(idx, cert, true, why.clone());
                                    unsettled_hold.get_or_insert(why);
                                    hold_search = false;
                                    dp_mask = dp_reasons;
                                    settled_by = Some((crl.this_update(), crl.crl_number()));
                                    continue;
                                }
                                other => {
                                    // A CRL fresh at the time judged proves it too: the older
                                    // ones cannot add a hold it did not list. Only a CRL that
                                    // covers holds: one that does not cannot show a hold
                                    // lifted.
                                    if let Judgement::NotRevoked(_, this_update) = other {
                                        if interim.contains_all(ReasonSet::HOLD) {
                                            hold_search = false;
                                            facts.note_fresh_proof(*this_update);
                                        }
                                    }
                                    // One that proves reasons the newer CRLs did not (they
                                    // covered a partition) is taken as a proof of its own.
                                    let proves = matches!(
                                        other,
                                        Judgement::NotRevoked(..) | Judgement::NotRevokedSince(_)
                                    );
                                    if !(proves && dp_mask.adds_to(interim)) {
                                        self.set_aside(
                                        idx,
                                        &deltas,
                                        cert,
                                        "not needed: a newer CRL proves it not revoked, and this one proves no hold at the time judged",
                                    );
                                        continue;
                                    }
                                }
                            }
                        }
                        if stale_hold
                            && matches!(
                                judgement,
                                Judgement::NotRevoked(..) | Judgement::NotRevokedSince(_)
                            )
                        {
                            let why = format!(
                            "{} is older than a CRL that lists the certificate on hold from before the time judged: it cannot prove the hold lifted",
                            describe_crl(crl)
                        );
                            self.set_aside(idx, &deltas, cert, &why);
                            notes.push(why);
                            continue;
                        }
                        // The base and the delta of the view that decided are used; the other
                        // deltas were not needed, or proved nothing.
                        let decided = !matches!(
                            judgement,
                            Judgement::Unproven(_)
                                | Judgement::StaleHold(..)
                                | Judgement::ClaimedHold(..)
                        );
                        {
                            let mut log = self.log.borrow_mut();
                            let outcome = match &judgement {
                                Judgement::Revoked(_) | Judgement::OnHold(..) => {
                                    "lists it as revoked".to_string()
                                }
                                Judgement::NotRevoked(..) | Judgement::NotRevokedSince(_) => {
                                    "proves it not revoked".to_string()
                                }
                                Judgement::Unproven(why)
                                | Judgement::StaleHold(why, _)
                                | Judgement::ClaimedHold(why, _) => why.join("; "),
                            };
                            log.push(idx, cert, decided, outcome.clone());
                            for (d_idx, _) in &deltas {
                                if decided && view == Some(*d_idx) {
                                    log.push(*d_idx, cert, true, outcome.clone());
                                } else if decided {
                                    log.push(
                                        *d_idx,
                                        cert,
                                        false,
                                        format!(
                                            "not needed: {} with a newer delta decided",
                                            describe_crl(crl)
                                        ),
                                    );
                                } else {
                                    log.push(
                                        *d_idx,
                                        cert,
                                        false,
                                        format!("{} with it: {outcome}", describe_crl(crl)),
                                    );
                                }
                            }
                        }
                        match judgement {
                            Judgement::Revoked(status) => break 'status status,
                            Judgement::OnHold(status, listed_at) => {
                                // Settles this distribution point; the older CRLs are
                                // still asked for permanent revocations, the other
                                // distribution points judged.
                                weighed.hold(listed_at, status, &mut facts);
                                dp_mask = dp_reasons;
                                settled_by = Some((crl.this_update(), crl.crl_number()));
                            }
                            Judgement::NotRevoked(proof, this_update) => {
                                mask = mask.union(interim);
                                dp_mask = dp_mask.union(interim);
                                if dp_mask.contains_all(dp_reasons) {
                                    settled_by = Some((crl.this_update(), crl.crl_number()));
                                }
                                evidence.push(proof);
                                if interim.contains_all(ReasonSet::HOLD) {
                                    facts.note_fresh_proof(this_update);
                                }
                            }
                            Judgement::NotRevokedSince(proof) => {
                                mask = mask.union(interim);
                                dp_mask = dp_mask.union(interim);
                                if dp_mask.contains_all(dp_reasons) {
                                    settled_by = Some((crl.this_update(), crl.crl_number()));
                                }
                                evidence.push(proof);
                                hold_search = true;
                                facts.later_proof = true;
                            }
                            Judgement::StaleHold(why, listed_at) => {
                                stale_hold = true;
                                facts.note_stale_hold(listed_at);
                                notes.extend(why);
                            }
                            Judgement::ClaimedHold(why, listed_at) => {
                                facts.note_stale_hold(listed_at);
                                weighed.claimed_hold.get_or_insert(why.join("; "));
                            }
                            Judgement::Unproven(why) => notes.extend(why),
                        }
                    }
                    // The deltas, each read alone: a revocation one lists stands whether or
                    // not it completes a complete CRL held, and its holds are weighed.
                    let mut ask = Asker {
                        cert,
                        issuer,
                        anchor,
                        depth,
                        in_use,
                    };
                    for standing in self.delta_standings(dp, crl_issuer, newest_complete, &mut ask)
                    {
                        if let Some(decided) =
                            self.absorb(standing, &omitters, &mut ask, &mut weighed, &mut facts)
                        {
                            break 'status decided;
                        }
                    }
                    notes.append(&mut weighed.notes);
                }
            }
            // At a claimed time, a hold in force then (or listed by the newest CRL) leaves
            // the status unknown: no permanent revocation decided.
            if let Some(why) = weighed.claimed_hold {
                break 'status CertStatus::Unknown {
                    reason: why,
                    any_crl: true,
                };
            }
            // No permanent revocation anywhere: a hold proven at the time judged stands
            // unless a CRL fresh then, covering holds, issued after its newest listing, no
            // longer lists it (OCSP evidence is weighed by the verifier afterwards).
            if let Some((h, status)) = weighed.held {
                if facts.fresh_proof.is_none_or(|c| c <= h) {
                    break 'status status;
                }
            }
            if let Some(why) = weighed.doubt.take() {
                break 'status CertStatus::Unknown {
                    reason: why,
                    any_crl: true,
                };
            }
            if let Some(why) = unsettled_hold {
                if facts
                    .fresh_proof
                    .is_none_or(|c| c <= facts.stale_hold.unwrap_or(c))
                {
                    break 'status CertStatus::Unknown {
                        reason: why,
                        any_crl: true,
                    };
                }
            }
            if mask.contains_all(ReasonSet::ALL) {
                // A hold in force before the time judged, not proven lifted then, found under
                // one distribution point, is not undone by another's older or later proof.
                if let Some(h) = facts.stale_hold {
                    if facts.fresh_proof.is_none_or(|c| c <= h) {
                        notes.push(format!(
                        "a CRL lists the certificate on hold from before the time judged (thisUpdate {}), and no CRL fresh at the time judged and issued since proves it lifted",
                        h.to_rfc3339()
                    ));
                        break 'status CertStatus::Unknown {
                            reason: notes.join("; "),
                            any_crl,
                        };
                    }
                }
                break 'status CertStatus::Good {
                    evidence: evidence.join("; "),
                };
            }
            let mut reason = if notes.is_empty() {
                format!("no CRL of \"{}\" was supplied", cert.issuer())
            } else {
                notes.join("; ")
            };
            if !mask.is_empty() {
                reason = format!("the CRLs supplied cover only some revocation reasons; {reason}");
            }
            CertStatus::Unknown { reason, any_crl }
        };
        if depth == 0 {
            *self.facts.borrow_mut() = facts;
        }
        status
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
    /// no unsupported critical extension, signed by the base's signer. Second, the deltas
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
            } else if base.authority_key_id().is_some()
                && d.authority_key_id() != base.authority_key_id()
            {
                Some(format!(
                    "its authorityKeyIdentifier differs from {}",
                    describe_crl(base)
                ))
            } else if let Some(ext) = d.unprocessed_critical_extensions().first() {
                Some(format!("it has an unsupported critical extension {ext}"))
            } else if let Some(ext) = d.first_unprocessed_critical_entry_extension() {
                Some(format!(
                    "it has an unsupported critical entry extension {ext}"
                ))
            } else if self.store.signed_by(idx, signer) != SignatureCheck::Valid {
                Some(format!(
                    "its signature does not verify with the key of \"{}\", which signed {}",
                    signer.subject(),
                    describe_crl(base)
                ))
            } else {
                None
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
