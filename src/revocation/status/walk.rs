//! The walk over one certificate's CRLs (RFC 5280 §6.3.3), in three steps:
//!
//! 1. [`StatusContext::walk`]: every distribution point of the certificate (or the implicit
//!    one), and each CRL issuer it names. One that proves the certificate not revoked does
//!    not speak for another's CRLs, which may list a revocation or a hold.
//! 2. [`StatusContext::walk_point`]: the complete CRLs of the point's CRL issuer, newest
//!    first (each with its delta CRLs, [`StatusContext::complete_crl`] and
//!    [`StatusContext::judge_complete`]), until they prove the reasons the point covers;
//!    the older ones are still asked for permanent revocations (rule 2), then every delta
//!    CRL is read on its own. The names a point's cRLIssuer gives are names of one CRL
//!    issuer (RFC 5280 §4.2.1.13): their CRLs are one newest-first sequence, so that the
//!    order of the names never decides which CRL is asked only for revocations.
//! 3. [`Gathered::conclude`]: what the walk gathered, when nothing decided on the way.
//!
//! Each step breaks with the status as soon as a CRL decides it (a permanent revocation, or
//! unknown once the document's work ran out).

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};

use super::account::describe_crl;
use super::rules::{self, Judgement};
use super::standing::{Asker, Standing, Weighed};
use super::{scope_ok, uninterpretable, CertStatus, StatusContext, StatusFacts};
use crate::certificate::{Certificate, DistributionPoint};
use crate::name::{GeneralNameKey, NameKey};
use crate::revocation::crl::{Coverage, Crl, CrlNumber};
use crate::revocation::reason::ReasonSet;

/// What the walk gathers for one certificate across every distribution point.
pub(super) struct Gathered {
    /// The reasons proven not revoked.
    pub mask: ReasonSet,
    /// Why CRLs were set aside or proved nothing.
    pub notes: Vec<String>,
    /// The proofs of "not revoked".
    pub evidence: Vec<String>,
    /// Whether any CRL of a CRL issuer the certificate names was supplied at all.
    pub any_crl: bool,
    /// When the evidence was issued (published for the certificate asked about, depth 0).
    pub facts: StatusFacts,
    /// The holds proven at the time judged, or at a claimed time (see `Weighed`).
    pub weighed: Weighed,
    /// A hold in force before the time judged that a CRL issued after it cannot settle.
    pub unsettled_hold: Option<String>,
}

/// One distribution point's progress, across the CRL issuers it names.
struct Point<'p, 's> {
    dp: &'p DistributionPoint,
    /// The reasons it covers.
    reasons: ReasonSet,
    /// The reasons its CRLs proved not revoked so far.
    mask: ReasonSet,
    /// The last CRL judged in full that proved some of its reasons or listed a hold
    /// (thisUpdate, cRLNumber): one issued at the same instant with the same number is
    /// judged in full too (a tie in the newest-first order must not let the order given
    /// decide; reviews 89, 91).
    settled_by: Option<(DateTime<Utc>, Option<&'s CrlNumber>)>,
}

/// The walk over the complete CRLs of one distribution point's CRL issuer.
struct Walk<'s> {
    /// The complete CRLs walked, newest first.
    complete: Vec<(usize, &'s Crl)>,
    /// At a claimed time, the newest complete CRL proven, interpretable and covering holds
    /// (described, and its thisUpdate and cRLNumber).
    newest: Option<String>,
    newest_key: Option<(DateTime<Utc>, Option<&'s CrlNumber>)>,
    /// Set once a CRL issued after the time judged has proven the certificate not revoked:
    /// the older CRLs are then asked only whether they prove it on hold at the time judged
    /// (a hold lifted since is no longer listed).
    hold_search: bool,
    /// Set once a CRL (newer than those that follow) has listed the certificate on hold from
    /// before the time judged without proving that time, to the newest such CRL's
    /// (thisUpdate, cRLNumber): an older CRL fresh then knew nothing of the hold and cannot
    /// prove it lifted; one of that instant and number is no older, and is judged as given
    /// (review 93: set aside after the hold's CRL, proving before it, the order of two
    /// CRLs #10 decided).
    stale_hold: Option<(DateTime<Utc>, Option<&'s CrlNumber>)>,
    /// At a claimed time, the complete CRLs that do not list the certificate (whether they
    /// show a hold lifted before the claim is asked when needed).
    omitters: Vec<(usize, &'s Crl)>,
    /// The thisUpdate of the newest complete CRL proven, interpretable and covering holds:
    /// at a claimed time a delta's hold newer than it is the newest word on the certificate.
    newest_complete: Option<DateTime<Utc>>,
}

/// The names of a distribution point's CRL issuer (the certificate's issuer when it names
/// none), each once; names other than directory names cannot issue CRLs held by name.
fn crl_issuers<'c>(cert: &'c Certificate, dp: &'c DistributionPoint) -> Vec<&'c NameKey> {
    if dp.crl_issuer.is_empty() {
        return vec![cert.issuer().key()];
    }
    let mut names: Vec<&NameKey> = Vec::new();
    for g in &dp.crl_issuer {
        if let GeneralNameKey::Directory(k) = g {
            if !names.contains(&k) {
                names.push(k);
            }
        }
    }
    names
}

impl<'s> StatusContext<'s> {
    /// Step 1: every distribution point in `dps`, each CRL issuer it names.
    pub(super) fn walk(
        &self,
        ask: &mut Asker<'_, '_>,
        dps: &[DistributionPoint],
        g: &mut Gathered,
    ) -> ControlFlow<CertStatus> {
        for dp in dps {
            let mut point = Point {
                dp,
                reasons: dp.reasons.unwrap_or(ReasonSet::ALL),
                mask: ReasonSet::EMPTY,
                settled_by: None,
            };
            self.walk_point(ask, &mut point, &crl_issuers(ask.cert, dp), g)?;
        }
        ControlFlow::Continue(())
    }

    /// Step 2: the complete CRLs of `point`'s CRL issuer (by any of its `names`), newest
    /// first (thisUpdate, then cRLNumber), then its delta CRLs each read alone: a
    /// revocation one lists stands whether or not it completes a complete CRL held, and its
    /// holds are weighed.
    fn walk_point(
        &self,
        ask: &mut Asker<'_, '_>,
        point: &mut Point<'_, 's>,
        names: &[&NameKey],
        g: &mut Gathered,
    ) -> ControlFlow<CertStatus> {
        let mut complete: Vec<(usize, &'s Crl)> = Vec::new();
        for &name in names {
            if self.store.by_issuer(name).next().is_some() {
                g.any_crl = true;
            }
            complete.extend(self.store.by_issuer(name).filter(|(_, c)| !c.is_delta()));
        }
        // (A CRL is held under its own issuer name, and `names` holds each name once: no CRL
        // comes twice.)
        complete.sort_by(|(_, a), (_, b)| {
            (b.this_update(), b.crl_number()).cmp(&(a.this_update(), a.crl_number()))
        });
        let mut walk = Walk {
            complete: complete.clone(),
            newest: None,
            newest_key: None,
            hold_search: false,
            stale_hold: None,
            omitters: Vec::new(),
            newest_complete: None,
        };
        for (idx, crl) in complete {
            self.complete_crl(ask, point, &mut walk, idx, crl, g)?;
        }
        for &name in names {
            for standing in self.delta_standings(point.dp, name, walk.newest_complete, ask) {
                self.take(standing, &walk, ask, g)?;
            }
        }
        g.notes.append(&mut g.weighed.notes);
        ControlFlow::Continue(())
    }

    /// What a CRL read alone says (`standing`), taken in: breaks when it decides.
    fn take(
        &self,
        standing: Standing,
        walk: &Walk<'_>,
        ask: &mut Asker<'_, '_>,
        g: &mut Gathered,
    ) -> ControlFlow<CertStatus> {
        match self.absorb(standing, &walk.omitters, ask, &mut g.weighed, &mut g.facts) {
            Some(decided) => ControlFlow::Break(decided),
            None => ControlFlow::Continue(()),
        }
    }

    /// `crl` (the store's `idx`) set aside for `why`, recorded in the log and the notes.
    fn skip(&self, idx: usize, cert: &Certificate, notes: &mut Vec<String>, why: String) {
        self.log.borrow_mut().push(idx, cert, false, why.clone());
        notes.push(why);
    }

    /// One complete CRL of the walk: set aside (out of scope, not the newest at a claimed
    /// time, unreadable, its reasons already proven, its signer unproven: such a CRL is
    /// still asked for what it says alone where that counts), or judged with its deltas.
    fn complete_crl(
        &self,
        ask: &mut Asker<'_, '_>,
        point: &mut Point<'_, 's>,
        walk: &mut Walk<'s>,
        idx: usize,
        crl: &'s Crl,
        g: &mut Gathered,
    ) -> ControlFlow<CertStatus> {
        let cert = ask.cert;
        let claimed = self.time_source.is_claimed();
        if let Err(why) = scope_ok(cert, point.dp, crl) {
            self.skip(idx, cert, &mut g.notes, why);
            return ControlFlow::Continue(());
        }
        // Omitters settle a hold only through a distribution point that covers holds.
        if claimed
            && point.reasons.contains_all(ReasonSet::HOLD)
            && matches!(
                rules::listed(cert, crl, None, self.at, claimed),
                rules::Listed::No
            )
        {
            walk.omitters.push((idx, crl));
        }
        // Proven not revoked: an older complete CRL is still asked whether it lists a
        // revocation from before the time judged (rule 2: a CA cannot undo a revocation, so
        // a newer CRL that omits it does not outweigh it).
        let tied = point.settled_by == Some((crl.this_update(), crl.crl_number()));
        if point.mask.contains_all(point.reasons) && !walk.hold_search && !tied {
            if let Some(s) = self.standing(idx, crl, ask, false, false) {
                self.take(s, walk, ask, g)?;
            }
            return ControlFlow::Continue(());
        }
        // A claimed time is judged with the newest CRL only: an older one may predate the
        // revocation the signer back-dated the claim past. Its permanent revocations still
        // count (rule 2). The newest is the newest CRL proven, interpretable and covering
        // holds (a forged, unreadable or partial newer CRL does not demote the CA's); one of
        // its instant and number is judged in full too.
        if claimed && walk.newest_key != Some((crl.this_update(), crl.crl_number())) {
            if let Some(n) = &walk.newest {
                if let Some(s) = self.standing(idx, crl, ask, false, false) {
                    self.take(s, walk, ask, g)?;
                    return ControlFlow::Continue(());
                }
                let why = format!(
                    "{} is older than {n}: a claimed time is judged with the newest CRL only",
                    describe_crl(crl)
                );
                self.skip(idx, cert, &mut g.notes, why);
                return ControlFlow::Continue(());
            }
        }
        if let Some(why) = uninterpretable(crl) {
            // RFC 5280 §5.3: it is not used. But one that lists the certificate, signed by a
            // proven signer, is the CA's word on it that cannot be read: no older CRL speaks
            // for it (unknown, unless a revocation decides). A listing against the
            // certificate: a signer distrusted for a compromise, or not good at the time
            // judged, still signs it (its key and path proven).
            if crl.covers(cert, crl.this_update()) != Coverage::PredatesCertificate
                && matches!(
                    rules::listed(cert, crl, None, self.at, claimed),
                    rules::Listed::Yes(_)
                )
            {
                match self.listing_signer(
                    idx, crl, cert, ask.issuer, ask.anchor, ask.depth, ask.in_use,
                ) {
                    Ok(_) => {
                        g.weighed.doubt.get_or_insert_with(|| {
                            format!(
                                "{} lists the certificate, but it {why}: what it says of it cannot be read",
                                describe_crl(crl)
                            )
                        });
                        g.facts.note_doubt(crl.this_update());
                    }
                    // Unproven because the work ran out: it may be the CA's word, so no
                    // "good" stands; an older CRL's revocation still decides (review 66).
                    Err(e) => {
                        if let Some(exhausted) = self.budget_refusal(&e) {
                            g.weighed.doubt.get_or_insert_with(|| {
                                format!(
                                    "{exhausted} ({e}): {} lists the certificate",
                                    describe_crl(crl)
                                )
                            });
                            g.facts.note_doubt(crl.this_update());
                        }
                    }
                }
            }
            self.skip(
                idx,
                cert,
                &mut g.notes,
                format!("{} {why}", describe_crl(crl)),
            );
            return ControlFlow::Continue(());
        }
        let interim = point.reasons.intersect(crl.reasons_covered());
        if !walk.hold_search && !tied && !point.mask.adds_to(interim) {
            // Its reasons were proven by a newer CRL: it is still asked for a revocation it
            // lists (rule 2).
            match self.standing(idx, crl, ask, false, false) {
                Some(s) => self.take(s, walk, ask, g)?,
                None => self.log.borrow_mut().push(
                    idx,
                    cert,
                    false,
                    "not needed: the reasons it covers were already proven".into(),
                ),
            }
            return ControlFlow::Continue(());
        }
        let signer = match self.crl_signer(idx, crl, ask.issuer, ask.anchor, ask.depth, ask.in_use)
        {
            Ok(s) => s,
            Err(why) => {
                // A CRL left unproven because the document's work (or a search's own
                // budget, review 63) ran out is not merely absent: no older CRL's "good"
                // stands then, but an older CRL's revocation still decides (a proven
                // permanent revocation nothing newer can undo: review 66), and what this one
                // lists is still asked below.
                if let Some(exhausted) = self.budget_refusal(&why) {
                    g.weighed
                        .doubt
                        .get_or_insert_with(|| format!("{exhausted} ({why})"));
                    g.facts.note_doubt(crl.this_update());
                }
                // Its signer's key and path proven, but the signer distrusted (a key lost,
                // or its own word) or not good at the time judged: it proves nothing, but
                // what it lists against the certificate stands. At a claimed time, one
                // newer than every complete CRL proven (none was proven before it, newest
                // first), or of the newest one's instant and number, is the newest word for
                // its listings, as a delta newer than every complete CRL is: a hold it
                // lists, whenever dated, leaves the claim unknown, since an older CRL knew
                // nothing of the hold and a newer CRL's signer losing trust does not
                // promote an older one. `standing` proves the signer for listings itself
                // (`listing_signer`: under any of the trust anchors, which the refusal,
                // made under the path's own, did not ask): a newer CRL's listing must
                // count as an older one's does (review 60).
                let newest_word = claimed
                    && walk
                        .newest_key
                        .is_none_or(|k| k == (crl.this_update(), crl.crl_number()));
                if let Some(s) = self.standing(idx, crl, ask, true, newest_word) {
                    self.take(s, walk, ask, g)?;
                }
                self.skip(idx, cert, &mut g.notes, why.to_string());
                return ControlFlow::Continue(());
            }
        };
        let interim_holds = interim.contains_all(ReasonSet::HOLD);
        if claimed && interim_holds && walk.newest.is_none() {
            walk.newest = Some(describe_crl(crl));
            walk.newest_key = Some((crl.this_update(), crl.crl_number()));
        }
        if interim_holds {
            walk.newest_complete.get_or_insert(crl.this_update());
        }
        self.judge_complete(cert, point, walk, (idx, crl), &signer, g)
    }

    /// A complete CRL whose signer is proven, judged with its delta CRLs (`rules`), and what
    /// that judgement does to the walk: a revocation decides; a hold settles the point (the
    /// older CRLs are still asked for permanent revocations, the other points judged); a
    /// proof adds the reasons it covers for the point.
    fn judge_complete(
        &self,
        cert: &Certificate,
        point: &mut Point<'_, 's>,
        walk: &mut Walk<'s>,
        (idx, crl): (usize, &'s Crl),
        signer: &Certificate,
        g: &mut Gathered,
    ) -> ControlFlow<CertStatus> {
        let interim = point.reasons.intersect(crl.reasons_covered());
        let (deltas, older) = self.deltas_for(idx, crl, signer, cert);
        // At a claimed time, the deltas whose removeFromCRL releases a hold their own base
        // lists, that base signed by this proven signer: that removal is the release, not
        // the trace of another hold (review 80).
        let releasing: Vec<usize> = if self.time_source.is_claimed() {
            deltas
                .iter()
                .chain(&older)
                .filter(|(_, d)| self.base_lists_hold(d, cert, signer))
                .map(|(i, _)| *i)
                .collect()
        } else {
            Vec::new()
        };
        let (mut judgement, mut view) = self.judge_with(cert, crl, (&deltas, &older), &releasing);
        // A proof from a CRL numbered below one of its key issued no later proves nothing,
        // nor shows a hold lifted at a time-stamped time (`stamped_lift`).
        let mut outnumbered = false;
        if matches!(
            judgement,
            Judgement::NotRevoked(..) | Judgement::NotRevokedSince(_)
        ) {
            if let Some(why) = self.numbered_above(cert, walk, (idx, crl), signer) {
                judgement = Judgement::Unproven(vec![why]);
                view = None;
                outnumbered = true;
            }
        }
        self.log_older_deltas(cert, crl, &older, view, &judgement);
        if matches!(
            judgement,
            Judgement::Unproven(_) | Judgement::NotRevokedSince(_)
        ) && interim.contains_all(ReasonSet::HOLD)
            && !outnumbered
        {
            if let Some(lifted) = self.stamped_lift(cert, crl, &deltas) {
                g.facts.note_fresh_proof(lifted);
            }
        }
        if walk.hold_search {
            match &judgement {
                Judgement::Revoked(_) | Judgement::OnHold(..) | Judgement::ClaimedHold(..) => {}
                Judgement::StaleHold(why, listed_at) => {
                    // Unsettled; the older CRLs are still asked for permanent revocations
                    // (rule 2).
                    g.facts.note_stale_hold(*listed_at);
                    let why = format!(
                        "{}; a CRL issued after the time judged shows the hold lifted by then, not when",
                        why.join("; ")
                    );
                    self.log.borrow_mut().push(idx, cert, true, why.clone());
                    g.unsettled_hold.get_or_insert(why);
                    walk.hold_search = false;
                    point.mask = point.reasons;
                    point.settled_by = Some((crl.this_update(), crl.crl_number()));
                    return ControlFlow::Continue(());
                }
                other => {
                    // A CRL fresh at the time judged proves it too: the older ones cannot add
                    // a hold it did not list. Only a CRL that covers holds: one that does not
                    // cannot show a hold lifted.
                    if let Judgement::NotRevoked(_, this_update) = other {
                        if interim.contains_all(ReasonSet::HOLD) {
                            walk.hold_search = false;
                            g.facts.note_fresh_proof(*this_update);
                            // A CRL of its instant and number is its tie, judged in full
                            // (review 89: one listing the hold, given after it, was read
                            // for permanent revocations only, so the order decided).
                            point.settled_by = Some((crl.this_update(), crl.crl_number()));
                        }
                    }
                    // One that proves reasons the newer CRLs did not (they covered a
                    // partition) is taken as a proof of its own.
                    let proves = matches!(
                        other,
                        Judgement::NotRevoked(..) | Judgement::NotRevokedSince(_)
                    );
                    if !(proves && point.mask.adds_to(interim)) {
                        self.set_aside(
                            idx,
                            &deltas,
                            cert,
                            "not needed: a newer CRL proves it not revoked, and this one proves no hold at the time judged",
                        );
                        return ControlFlow::Continue(());
                    }
                }
            }
        }
        if walk
            .stale_hold
            .is_some_and(|key| key != (crl.this_update(), crl.crl_number()))
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
            g.notes.push(why);
            return ControlFlow::Continue(());
        }
        self.log_judgement(cert, (idx, crl), &deltas, view, &judgement);
        match judgement {
            Judgement::Revoked(status) => return ControlFlow::Break(status),
            Judgement::OnHold(status, listed_at) => {
                // Settles this distribution point; the older CRLs are still asked for
                // permanent revocations, the other distribution points judged.
                g.weighed.hold(listed_at, status, &mut g.facts);
                point.mask = point.reasons;
                point.settled_by = Some((crl.this_update(), crl.crl_number()));
            }
            Judgement::NotRevoked(proof, this_update) => {
                g.mask = g.mask.union(interim);
                point.mask = point.mask.union(interim);
                // Whether or not the point's reasons are all proven: a CRL of its instant
                // and number is its tie, judged in full (review 91: a hold partition's
                // twin listing the hold, given after it, was read for revocations only).
                point.settled_by = Some((crl.this_update(), crl.crl_number()));
                g.evidence.push(proof);
                if interim.contains_all(ReasonSet::HOLD) {
                    g.facts.note_fresh_proof(this_update);
                }
            }
            Judgement::NotRevokedSince(proof) => {
                g.mask = g.mask.union(interim);
                point.mask = point.mask.union(interim);
                // Whether or not the point's reasons are all proven: a CRL of its instant
                // and number is its tie, judged in full (review 91: a hold partition's
                // twin listing the hold, given after it, was read for revocations only).
                point.settled_by = Some((crl.this_update(), crl.crl_number()));
                g.evidence.push(proof);
                walk.hold_search = true;
                g.facts.later_proof = true;
            }
            Judgement::StaleHold(why, listed_at) => {
                // The newest stale hold's (review 94: an older one's replaced it, and a
                // twin of that older CRL passed as no older than the newest hold).
                walk.stale_hold
                    .get_or_insert((crl.this_update(), crl.crl_number()));
                g.facts.note_stale_hold(listed_at);
                g.notes.extend(why);
            }
            Judgement::ClaimedHold(why, listed_at) => {
                g.facts.note_stale_hold(listed_at);
                g.weighed.claimed_hold.get_or_insert(why.join("; "));
            }
            Judgement::Unproven(why) => g.notes.extend(why),
        }
        ControlFlow::Continue(())
    }

    /// Why the complete CRL `crl` (the store's `idx`), signed by `signer`, proves nothing of
    /// `cert`: a complete CRL of its issuer and scope, not issued before `cert` (one issued
    /// before it lists nothing of it to lift), numbered above `crl`, issued no later and
    /// signed by the same key (its signature verifies with `signer`; a check the work budget
    /// cuts short counts as one) is the newer word by cRLNumber (RFC 5280 §5.2.3), whatever the
    /// thisUpdates say, and a CRL that the numbers place before it cannot show what it
    /// lists lifted (review 95: #9 a second after #11 proved the time past #11's hold,
    /// where #9 of #11's instant was set aside). Keys, not authorityKeyIdentifiers, make a
    /// sequence: a re-keyed CA may restart its numbers (review 97). `None` for an honest
    /// sequence, where no CRL is numbered above a later one, at no signature check.
    fn numbered_above(
        &self,
        cert: &Certificate,
        walk: &Walk<'s>,
        (idx, crl): (usize, &'s Crl),
        signer: &Certificate,
    ) -> Option<String> {
        let number = crl.crl_number()?;
        let (_, above) = walk.complete.iter().find(|&&(i, o)| {
            i != idx
                && o.crl_number().is_some_and(|n| n > number)
                && o.this_update() <= crl.this_update()
                && o.issuer().key() == crl.issuer().key()
                && o.issuing_distribution_point() == crl.issuing_distribution_point()
                && o.covers(cert, o.this_update()) != Coverage::PredatesCertificate
                && matches!(
                    self.store.signed_by_metered(i, signer, self.meter),
                    Some(crate::signature::SignatureCheck::Valid) | None
                )
        })?;
        Some(format!(
            "{} is numbered below {}, issued no later with the same key: the CRL numbers put it first, so it cannot show what that one lists lifted, nor prove the time past it",
            describe_crl(crl),
            describe_crl(above)
        ))
    }
}

impl Gathered {
    pub(super) fn new() -> Self {
        Self {
            mask: ReasonSet::EMPTY,
            notes: Vec::new(),
            evidence: Vec::new(),
            any_crl: false,
            facts: StatusFacts::default(),
            weighed: Weighed::default(),
            unsettled_hold: None,
        }
    }

    /// Step 3: the status of `cert` from what the walk gathered, when no CRL decided it on
    /// the way.
    pub(super) fn conclude(mut self, cert: &Certificate) -> CertStatus {
        let facts = self.facts;
        // At a claimed time, a hold in force then (or listed by the newest CRL) leaves the
        // status unknown: no permanent revocation decided.
        if let Some(why) = self.weighed.claimed_hold {
            return CertStatus::Unknown {
                reason: why,
                any_crl: true,
            };
        }
        // No permanent revocation anywhere: a hold proven at the time judged stands unless a
        // CRL fresh then, covering holds, issued after its newest listing, no longer lists it
        // (OCSP evidence is weighed by the verifier afterwards).
        if let Some((h, status)) = self.weighed.held {
            if facts.fresh_proof.is_none_or(|c| c <= h) {
                return status;
            }
        }
        if let Some(why) = self.weighed.doubt.take() {
            return CertStatus::Unknown {
                reason: why,
                any_crl: true,
            };
        }
        if let Some(why) = self.unsettled_hold {
            if facts
                .fresh_proof
                .is_none_or(|c| c <= facts.stale_hold.unwrap_or(c))
            {
                return CertStatus::Unknown {
                    reason: why,
                    any_crl: true,
                };
            }
        }
        if self.mask.contains_all(ReasonSet::ALL) {
            // A hold in force before the time judged, not proven lifted then, found under one
            // distribution point, is not undone by another's older or later proof.
            if let Some(h) = facts.stale_hold {
                if facts.fresh_proof.is_none_or(|c| c <= h) {
                    self.notes.push(format!(
                        "a CRL lists the certificate on hold from before the time judged (thisUpdate {}), and no CRL fresh at the time judged and issued since proves it lifted",
                        h.to_rfc3339()
                    ));
                    return CertStatus::Unknown {
                        reason: self.notes.join("; "),
                        any_crl: self.any_crl,
                    };
                }
            }
            return CertStatus::Good {
                evidence: self.evidence.join("; "),
            };
        }
        let mut reason = if !self.notes.is_empty() {
            self.notes.join("; ")
        } else if self.any_crl {
            // CRLs were supplied and none set aside said why (a hold shown lifted only by
            // evidence that cannot prove the time judged): say so, not "none supplied".
            format!(
                "the CRLs of \"{}\" supplied do not prove the certificate's status at the time judged",
                cert.issuer()
            )
        } else {
            format!("no CRL of \"{}\" was supplied", cert.issuer())
        };
        if !self.mask.is_empty() {
            reason = format!("the CRLs supplied cover only some revocation reasons; {reason}");
        }
        CertStatus::Unknown {
            reason,
            any_crl: self.any_crl,
        }
    }
}
