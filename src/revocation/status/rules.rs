//! What one complete CRL, with its delta CRLs, proves of a certificate at the time judged:
//! the rules of the README's table, view by view (a view is the base completed by one of its
//! deltas, or the base alone).

use chrono::{DateTime, Utc};

use super::account::{describe_crl, describe_duration};
use super::{CertStatus, StatusContext};
use crate::certificate::Certificate;
use crate::condition::TimeSource;
use crate::revocation::crl::{Coverage, Crl, CrlEntry};
use crate::revocation::reason::RevocationReason;

/// CRLs of the store with their indices.
type Indexed<'a> = &'a [(usize, &'a Crl)];

/// What the CRL (with its delta) says of the certificate.
pub(super) enum Listed {
    No,
    Yes(CrlEntry),
}

/// What the CRL (with its delta) says of `cert` at `at` (`claimed`: a claimed time). A delta
/// that lists the certificate speaks for the view: its removeFromCRL lifts a listing of the
/// base, unless the delta also lists the certificate otherwise (then that listing stands:
/// a delta that says both proves no release). In a complete CRL removeFromCRL lists
/// nothing. Of several entries for one serial, [`strongest`] says which speaks.
pub(super) fn listed(
    cert: &Certificate,
    crl: &Crl,
    delta: Option<&Crl>,
    at: DateTime<Utc>,
    claimed: bool,
) -> Listed {
    let issuer = cert.issuer().key();
    let is_removal = |e: &CrlEntry| e.reason == Some(RevocationReason::RemoveFromCrl);
    if let Some(d) = delta {
        let entries = d.lookup(cert.serial(), issuer);
        if !entries.is_empty() {
            let listings: Vec<CrlEntry> = entries.into_iter().filter(|e| !is_removal(e)).collect();
            return strongest(listings, d.this_update(), at, claimed)
                .map_or(Listed::No, Listed::Yes);
        }
    }
    let listings: Vec<CrlEntry> = crl
        .lookup(cert.serial(), issuer)
        .into_iter()
        .filter(|e| !is_removal(e))
        .collect();
    strongest(listings, crl.this_update(), at, claimed).map_or(Listed::No, Listed::Yes)
}

/// The CRL that lists `cert` in a view: the delta when it does, else the base.
pub(super) fn listing_crl<'a>(
    cert: &Certificate,
    base: &'a Crl,
    delta: Option<&'a Crl>,
) -> &'a Crl {
    match delta {
        Some(d) if !d.lookup(cert.serial(), cert.issuer().key()).is_empty() => d,
        _ => base,
    }
}

/// At a claimed time, the trace of a hold a CRL shows by releasing it: its removeFromCRL
/// entry for `cert` when it was issued after the claimed time `at` and by `checked_at`
/// (review 78: a hold placed and released after the base, seen only as the delta's
/// removal, was read as "never listed", and a suspended signer's back-dated claim was
/// VALID). When the hold was in force is not known, only that it was released by then:
/// the signature may have been made under it.
pub(super) fn released_hold(
    cert: &Certificate,
    crl: &Crl,
    at: DateTime<Utc>,
    checked_at: DateTime<Utc>,
) -> Option<CrlEntry> {
    if crl.this_update() <= at || crl.this_update() > checked_at {
        return None;
    }
    crl.lookup(cert.serial(), cert.issuer().key())
        .into_iter()
        .find(|e| e.reason == Some(RevocationReason::RemoveFromCrl))
}

/// From when an entry revokes: its revocationDate, or its invalidityDate when earlier (the
/// CA's statement of when the key was suspected compromised or the certificate otherwise
/// became invalid), and never later than `issued`, the thisUpdate of the CRL that lists it
/// (the base's or the delta's). A CRL cannot list a revocation that had not happened when
/// it was issued: a listing dated after it (a scheduled date, or the clock of the CA's
/// revocation desk ahead of its CRL signer's) is a revocation the CA had made by then, so it
/// counts from that thisUpdate. Read as a revocation yet to come, a fresh CRL that lists
/// the certificate was the proof that it was not revoked (review 40). A CRL issued after
/// the time judged still says "revoked later" of a revocation dated after that time.
pub(super) fn effective_start(e: &CrlEntry, issued: DateTime<Utc>) -> DateTime<Utc> {
    stated_start(e).min(issued)
}

/// The entry's own start: its revocationDate, or its invalidityDate when earlier.
fn stated_start(e: &CrlEntry) -> DateTime<Utc> {
    match e.invalidity_date {
        Some(i) if i < e.revocation_date => i,
        _ => e.revocation_date,
    }
}

/// For the evidence, how [`effective_start`] read the entry when not from its
/// revocationDate (empty when it did): from its invalidityDate, or from the thisUpdate of
/// the CRL that lists it, `issued`, when dated after it.
pub(super) fn start_note(e: &CrlEntry, issued: DateTime<Utc>) -> String {
    let stated = stated_start(e);
    if stated > issued {
        format!(
            "; revoked from {}, dated after the CRL that lists it was issued; taken from its thisUpdate {}",
            stated.to_rfc3339(),
            issued.to_rfc3339()
        )
    } else if stated < e.revocation_date {
        format!("; invalidityDate {}", stated.to_rfc3339())
    } else {
        String::new()
    }
}

/// Are two views one (the base alone, or the same delta)?
fn same_view(a: Option<&Crl>, b: Option<&Crl>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        _ => false,
    }
}

/// What one complete CRL (with its deltas) proves.
pub(super) enum Judgement {
    Revoked(CertStatus),
    /// On hold at the time judged (rule 3): the status, and the thisUpdate of the newest
    /// view that lists the hold (newer evidence fresh at the time judged can show it
    /// lifted).
    OnHold(CertStatus, DateTime<Utc>),
    /// Not revoked at the time judged: the evidence, and the thisUpdate of the view fresh
    /// then that proves it.
    NotRevoked(String, DateTime<Utc>),
    /// Not revoked at the time judged, shown by a view issued after it (rule 4): the
    /// evidence. Revocations stay listed, but a hold lifted since does not: an older CRL
    /// that proves the certificate on hold at the time judged still decides.
    NotRevokedSince(String),
    /// Nothing proven, and a view issued before the time judged lists the certificate on
    /// hold from before it, no longer fresh then: the hold was in force, and no view
    /// between it and the time judged shows it lifted. A CRL issued after the time judged
    /// cannot settle it either (it shows the hold lifted by then, not when). Why, and the
    /// thisUpdate of the newest view that lists the hold.
    StaleHold(Vec<String>, DateTime<Utc>),
    /// At a claimed time, the view judged lists the certificate on hold: a signature
    /// claiming a time cannot be shown to predate (or postdate) the hold. Why, and the
    /// view's thisUpdate. Not a decision: a permanent revocation elsewhere still decides,
    /// and otherwise the status is unknown whatever another distribution point proves.
    ClaimedHold(Vec<String>, DateTime<Utc>),
    /// Nothing proven: why.
    Unproven(Vec<String>),
}

/// Of several entries for one serial (removeFromCRL ones left out), the one that speaks
/// for `at`: a permanent revocation in force then (from at or before `at`, or, at a claimed
/// time, one that may hide a compromise whenever dated), then a hold in force then, then a
/// permanent revocation from after `at`, then a hold from after it (at a claimed time, any
/// hold before such a permanent revocation); the earliest of each. Each counts from its
/// [`effective_start`] (`issued`: the thisUpdate of the CRL that lists them all).
/// (A permanent revocation dated after `at` says nothing of a hold before it.)
pub(super) fn strongest(
    entries: Vec<CrlEntry>,
    issued: DateTime<Utc>,
    at: DateTime<Utc>,
    claimed: bool,
) -> Option<CrlEntry> {
    entries.into_iter().min_by_key(|e| {
        let start = effective_start(e, issued);
        let reason = e.reason.unwrap_or(RevocationReason::Unspecified);
        let hold = reason == RevocationReason::CertificateHold;
        let class = match (hold, start <= at) {
            (false, true) => 0,
            (false, false) if claimed && reason.may_be_compromise() => 0,
            (true, true) => 1,
            // At a claimed time a hold, whenever dated, leaves the claim in doubt: it
            // speaks before a permanent revocation that does not count then.
            (true, false) if claimed => 1,
            (false, false) => 2,
            (true, false) => 3,
        };
        (class, start)
    })
}

/// The thisUpdate and nextUpdate of a view: `base` completed by the delta `view`, or the
/// base alone (`None`).
fn view_times(base: &Crl, view: Option<&Crl>) -> (DateTime<Utc>, Option<DateTime<Utc>>) {
    let crl = view.unwrap_or(base);
    (crl.this_update(), crl.next_update())
}

impl StatusContext<'_> {
    /// At a time-stamped time, the thisUpdate of the newest view of `crl` (with one of
    /// `deltas`) fresh at the time judged that does not list the certificate, when rule 7
    /// kept it from proving that time (not current when checked): it still shows a hold an
    /// older CRL lists lifted by then, as a fresh delta's removeFromCRL does (review 85: a
    /// complete CRL omitting the certificate beside an older one listing its hold was
    /// INVALID time-stamped and VALID given). The time itself is proven by a later CRL.
    pub(super) fn stamped_lift(
        &self,
        cert: &Certificate,
        crl: &Crl,
        deltas: &[(usize, &Crl)],
    ) -> Option<DateTime<Utc>> {
        if !matches!(self.time_source, TimeSource::TimeStamp { .. }) {
            return None;
        }
        let views = deltas.iter().map(|(_, d)| Some(*d)).chain([None]);
        views
            .filter_map(|view| {
                let (this_update, next_update) = view_times(crl, view);
                (self.fresh_at(this_update, next_update, self.at)
                    && crl.covers(cert, this_update) == Coverage::Covers
                    && matches!(listed(cert, crl, view, self.at, false), Listed::No))
                .then_some(this_update)
            })
            .max()
    }

    /// What the complete CRL `base`, with its applicable delta CRLs (newest first), proves
    /// of `cert` at the time judged. The rules, for each view (the base completed by one of
    /// its deltas, newest first, then the base alone):
    ///
    /// 1. A view whose thisUpdate is before the certificate's notBefore says nothing of it.
    /// 2. An entry revoking the certificate from a date (the earlier of revocationDate and
    ///    invalidityDate, and never later than the thisUpdate of the CRL that lists it: a
    ///    CRL lists no revocation yet to come, [`effective_start`]) at or before the time
    ///    judged proves it revoked, whatever the view's age; so does, at a claimed time, a
    ///    revocation that may hide a compromise, whenever it was dated.
    /// 3. A hold (certificateHold) proves the certificate suspended only while the view is
    ///    fresh or when the time judged is before the view's thisUpdate (still on hold
    ///    then); a newer view that no longer lists it lifts it.
    /// 4. Not revoked at the time judged is proven by a view fresh at that time
    ///    (`thisUpdate <= at < nextUpdate`), or by one issued after it that still speaks
    ///    of the certificate (it had not expired before thisUpdate, or ExpiredCertsOnCRL
    ///    keeps it), unless an older view proves a hold at that time (rule 3): a hold
    ///    lifted since is no longer listed ([`Judgement::NotRevokedSince`]).
    /// 5. At a claimed time only the newest view proves anything, and a hold it lists,
    ///    whenever dated, leaves the status unknown ([`Judgement::ClaimedHold`]); the
    ///    earlier views (the base alone, the older deltas) still prove the permanent
    ///    revocations they list, and a hold they list (in force at the claimed time, or
    ///    from after it), or a delta's release of a hold issued after the claim
    ///    ([`released_hold`]), leaves it unknown unless the newest view was issued at or
    ///    before the claim.
    /// 6. Views of one instant (the base beside a delta of its thisUpdate, or two deltas
    ///    of one thisUpdate and number) are weighed together: one that does not list a
    ///    hold the other lists does not show it lifted.
    /// 7. At a time-stamped time a view issued at or before it proves "not revoked" only
    ///    while still current at the time checked; not current then, it still shows an
    ///    older view's hold lifted by its own date (a later view then proves the time).
    ///
    /// `releasing`: the store indices of the deltas whose removeFromCRL releases a hold
    /// their own base lists (that base's signer proven): no trace of another hold.
    ///
    /// Returns the judgement and, when it decided, the store index of the delta of the
    /// deciding view (`None`: the base alone, or nothing decided).
    pub(super) fn judge_with(
        &self,
        cert: &Certificate,
        base: &Crl,
        (deltas, older): (Indexed<'_>, Indexed<'_>),
        releasing: &[usize],
    ) -> (Judgement, Option<usize>) {
        let at = self.at;
        let claimed = self.time_source.is_claimed();
        let mut views: Vec<Option<&Crl>> = deltas.iter().map(|(_, d)| Some(*d)).collect();
        views.push(None);
        let index_of = |view: Option<&Crl>| {
            view.and_then(|v| {
                deltas
                    .iter()
                    .chain(older)
                    .find(|(_, d)| std::ptr::eq(*d, v))
                    .map(|(i, _)| *i)
            })
        };
        let times = |d: Option<&Crl>| view_times(base, d);
        let name = |d: Option<&Crl>| match d {
            Some(d) => format!("{} with {}", describe_crl(base), describe_crl(d)),
            None => describe_crl(base),
        };
        // Rule 5: at a claimed time, the newest view only, current when the claim is
        // checked (the signature may have been made at any time until then); one that is
        // not current still proves the permanent revocations it lists (rule 2, below).
        let mut not_current = None;
        // At a claimed time, the views left out (the base alone, the older deltas): still
        // asked for the permanent revocations they list, and for a hold in force at the
        // claimed time (a delta's removeFromCRL does not erase what its base lists).
        let mut earlier: Vec<Option<&Crl>> = Vec::new();
        if let TimeSource::Claimed { checked_at } = self.time_source {
            earlier = views.split_off(1.min(views.len()));
            let (this_update, next_update) = times(views.first().copied().flatten());
            if !self.fresh_at(this_update, next_update, checked_at) {
                not_current = Some(format!(
                    "{} is not current at {}, when the claimed time is checked: a claimed time needs revocation data current then",
                    name(views.first().copied().flatten()),
                    checked_at.to_rfc3339()
                ));
            }
        }
        // Permanent revocations, in any view (rule 2), and in the deltas issued before the
        // base (they complete nothing, but a revocation a CA signed stays proven).
        let with_older = views
            .iter()
            .chain(&earlier)
            .copied()
            .chain(older.iter().map(|(_, d)| Some(*d)));
        for view in with_older {
            // Rule 1: a view issued before the certificate says nothing of it.
            if base.covers(cert, times(view).0) == Coverage::PredatesCertificate {
                continue;
            }
            if let Listed::Yes(e) = listed(cert, base, view, at, claimed) {
                let reason = e.reason.unwrap_or(RevocationReason::Unspecified);
                if reason == RevocationReason::CertificateHold {
                    continue;
                }
                let from = listing_crl(cert, base, view);
                let start = effective_start(&e, from.this_update());
                if start <= at || (claimed && reason.may_be_compromise()) {
                    let mut evidence = describe_crl(from) + &start_note(&e, from.this_update());
                    if start > at {
                        evidence += &format!(
                            "; revoked after the claimed time {}, but a signer whose key may have been compromised can claim any time",
                            at.to_rfc3339()
                        );
                    }
                    return (
                        Judgement::Revoked(CertStatus::Revoked {
                            reason,
                            revocation_date: e.revocation_date,
                            evidence,
                        }),
                        index_of(view),
                    );
                }
            }
        }
        // A hold an earlier view lists was in force at the claimed time (from at or before
        // it) or after it (review 78: a hold of the newest complete CRL dated after the
        // claim, released by a delta, was dropped), unless the newest view, issued at or
        // before the claim, no longer lists it (it shows the hold lifted before the
        // claim): otherwise the claim is unknown, as for an older complete CRL
        // (`standing`). So does a delta, issued after the claim, that releases a hold
        // (`released_hold`), the newest or an earlier one.
        let newest_issued = times(views.first().copied().flatten()).0;
        if let (TimeSource::Claimed { checked_at }, true) = (self.time_source, newest_issued > at) {
            // A delta's release of a hold its base lists (`releasing`, the judged CRL
            // among its bases) is that hold's release, weighed with the base's listing
            // below (review 80), unless dated after a CRL showed that hold lifted (review
            // 81); a complete CRL's removal, which RFC 5280 puts on deltas only, is a trace
            // too (review 80: a newer CRL held beside it decided whether it counted).
            for &view in views.iter().take(1).chain(&earlier) {
                if base.covers(cert, times(view).0) == Coverage::PredatesCertificate
                    || index_of(view).is_some_and(|i| releasing.contains(&i))
                {
                    continue;
                }
                if let Some(e) = released_hold(cert, view.unwrap_or(base), at, checked_at) {
                    return (
                        Judgement::ClaimedHold(
                            vec![format!(
                                "{} removes the certificate from the CRL (removeFromCRL, {}): a hold released by {}, after the claimed time {}: a signature claiming a time cannot be shown to fall outside it",
                                name(view),
                                e.revocation_date.to_rfc3339(),
                                times(view).0.to_rfc3339(),
                                at.to_rfc3339()
                            )],
                            times(view).0,
                        ),
                        None,
                    );
                }
            }
            for &view in &earlier {
                if base.covers(cert, times(view).0) == Coverage::PredatesCertificate {
                    continue;
                }
                if let Listed::Yes(e) = listed(cert, base, view, at, claimed) {
                    let start = effective_start(&e, listing_crl(cert, base, view).this_update());
                    // A hold from before the claim that an earlier view, issued after this
                    // one and at or before the claim, no longer lists was lifted before it
                    // (review 81: a newer delta after the claim undid that lift); a view of
                    // the listing's own instant shows nothing lifted (rule 6; review 84).
                    let lifted_before = start <= at
                        && earlier.iter().any(|&w| {
                            w.is_some()
                                && times(view).0 < times(w).0
                                && times(w).0 <= at
                                && matches!(listed(cert, base, w, at, claimed), Listed::No)
                        });
                    if e.reason == Some(RevocationReason::CertificateHold)
                        && start <= checked_at
                        && !lifted_before
                    {
                        let when = if start <= at {
                            "in force at the claimed time"
                        } else {
                            "from after the claimed time"
                        };
                        return (
                            Judgement::ClaimedHold(
                                vec![format!(
                                    "{} lists the certificate on hold since {}, {when} {}: a newer view issued after the claim cannot show it lifted before the signature",
                                    name(view),
                                    e.revocation_date.to_rfc3339(),
                                    at.to_rfc3339()
                                )],
                                times(view).0,
                            ),
                            None,
                        );
                    }
                }
            }
        }
        if let Some(why) = not_current {
            // Nor does its hold lapse: whenever dated, it leaves the claim unknown.
            let view = views.first().copied().flatten();
            if let Listed::Yes(e) = listed(cert, base, view, at, claimed) {
                if e.reason == Some(RevocationReason::CertificateHold)
                    && base.covers(cert, times(view).0) != Coverage::PredatesCertificate
                {
                    return (
                        Judgement::ClaimedHold(
                            vec![format!(
                                "{} lists the certificate on hold since {}: a signature claiming a time cannot be shown to fall outside the hold ({why})",
                                name(view),
                                e.revocation_date.to_rfc3339()
                            )],
                            times(view).0,
                        ),
                        None,
                    );
                }
            }
            return (Judgement::Unproven(vec![why]), None);
        }
        // Holds and the proof of "not revoked" (rules 1, 3, 4), newest view first. A view
        // issued after the time judged proves no revocation before it, but not that no
        // hold was in force then: once one has, the older views are still asked whether
        // they prove a hold at the time judged (a delta that lifted the hold, or turned it
        // into a revocation dated after the time, does not erase it).
        let mut notes = Vec::new();
        let mut since: Option<(Judgement, Option<usize>)> = None;
        // A view listed the certificate on hold from before the time judged without
        // proving that time (rule 3): the older views cannot prove the hold lifted, and a
        // later one shows it lifted by its own date only.
        let mut stale_hold: Option<DateTime<Utc>> = None;
        // At a time-stamped time, the thisUpdate of the newest view fresh at the time judged
        // that no longer lists the certificate but, not current when checked, proves nothing
        // (rule 7): it still shows a hold an older view lists lifted by then (review 84: the
        // older hold was returned, and the later view's proof dropped).
        let mut lifted_by: Option<DateTime<Utc>> = None;
        for &view in &views {
            let (this_update, next_update) = times(view);
            let fresh = self.fresh_at(this_update, next_update, at);
            let coverage = base.covers(cert, this_update);
            if coverage == Coverage::PredatesCertificate {
                notes.push(format!(
                    "{} predates the certificate (notBefore {}): it says nothing of it",
                    name(view),
                    cert.not_before().to_rfc3339()
                ));
                continue;
            }
            if let Listed::Yes(e) = listed(cert, base, view, at, claimed) {
                let from = listing_crl(cert, base, view);
                let start = effective_start(&e, from.this_update());
                if e.reason == Some(RevocationReason::CertificateHold) {
                    // At a claimed time, a hold from after the time checked does not count:
                    // the signature was made by then (review 80).
                    let after_check = matches!(self.time_source,
                        TimeSource::Claimed { checked_at } if start > checked_at);
                    if claimed && after_check {
                        continue;
                    }
                    if claimed {
                        return (Judgement::ClaimedHold(vec![format!(
                            "{} lists the certificate on hold since {}: a signature claiming a time cannot be shown to fall outside the hold",
                            name(view),
                            e.revocation_date.to_rfc3339()
                        )], this_update), None);
                    }
                    if start <= at {
                        if lifted_by.is_some_and(|l| l > this_update) {
                            notes.push(format!(
                                "{} lists the certificate on hold since {}, lifted by a newer view issued before the time judged",
                                name(view),
                                e.revocation_date.to_rfc3339()
                            ));
                            continue;
                        }
                        if fresh || at <= this_update {
                            return (
                                Judgement::OnHold(
                                    CertStatus::Revoked {
                                        reason: RevocationReason::CertificateHold,
                                        revocation_date: e.revocation_date,
                                        evidence: describe_crl(from)
                                            + &start_note(&e, from.this_update()),
                                    },
                                    // A newer view that listed the hold without proving
                                    // the time is the newest word on it.
                                    stale_hold.unwrap_or(this_update),
                                ),
                                index_of(view),
                            );
                        }
                        notes.push(format!(
                            "{} lists the certificate on hold since {} but no longer proves the time judged {} (nextUpdate {})",
                            name(view),
                            e.revocation_date.to_rfc3339(),
                            at.to_rfc3339(),
                            next_update.map(|n| n.to_rfc3339()).unwrap_or_else(|| "none".into())
                        ));
                        // Views come newest first: the first is the newest listing.
                        stale_hold.get_or_insert(this_update);
                        continue;
                    }
                }
                // Listed with a later date (never later than the listing CRL's thisUpdate,
                // `effective_start`): not revoked at `at`, if this view proves `at`, which
                // only a view issued after `at` can then do.
            }
            if fresh {
                // Issued after the certificate expired, without ExpiredCertsOnCRL keeping it:
                // the entry may have been pruned, so absence proves nothing, fresh or not
                // (RFC 5280 §3.3; an expired certificate judged after it expired showed
                // "not revoked" beside its failed validity).
                if coverage == Coverage::MayBePruned {
                    notes.push(pruned(&name(view), cert));
                    continue;
                }
                // A view of the same instant that lists a hold (the base beside its delta,
                // or another delta of the same number) is not older than this one: this
                // one does not show the hold lifted, whichever order they were given in.
                // At a claimed time the views left out are asked too (review 82: a delta of
                // its base's instant lifted the base's hold at a claim, not at a given time).
                if let Some(tie) = views.iter().chain(&earlier).copied().find(|&w| {
                    !same_view(w, view)
                        && times(w).0 == this_update
                        && (w.is_none()
                            || view.is_none()
                            || w.and_then(Crl::crl_number) == view.and_then(Crl::crl_number))
                        && matches!(listed(cert, base, w, at, claimed), Listed::Yes(e)
                            if e.reason == Some(RevocationReason::CertificateHold)
                                && effective_start(&e, listing_crl(cert, base, w).this_update()) <= at)
                }) {
                    notes.push(format!(
                        "{} does not prove the hold lifted: {}, of the same instant, lists it",
                        name(view),
                        name(tie)
                    ));
                    continue;
                }
                if stale_hold.is_some() {
                    notes.push(format!(
                        "{} is older than the view that lists the hold: it cannot prove it lifted",
                        name(view)
                    ));
                    continue;
                }
                // At a time-stamped time, evidence issued before it proves it only while still
                // current: a compromise reported later with an invalidityDate before the
                // time would not be listed on it (a view issued after the time proves it
                // below, as for any past time).
                if let TimeSource::TimeStamp { checked_at } = self.time_source {
                    if !self.fresh_at(this_update, next_update, checked_at) {
                        if matches!(listed(cert, base, view, at, claimed), Listed::No) {
                            lifted_by.get_or_insert(this_update);
                        }
                        notes.push(format!(
                            "{} was issued before the time-stamped time {} and is not current at {}, when it is checked: a compromise reported after it and dated before the time (invalidityDate) would not be on it",
                            name(view),
                            at.to_rfc3339(),
                            checked_at.to_rfc3339()
                        ));
                        continue;
                    }
                }
                // Fresh at the time judged: the proof, whatever a later view said.
                return (
                    Judgement::NotRevoked(name(view), this_update),
                    index_of(view),
                );
            }
            if since.is_some() {
                continue;
            }
            if this_update > at {
                if coverage == Coverage::MayBePruned {
                    notes.push(pruned(&name(view), cert));
                    continue;
                }
                since = Some((
                    Judgement::NotRevokedSince(format!(
                        "{}, issued after the time judged {}: not revoked then",
                        name(view),
                        at.to_rfc3339()
                    )),
                    index_of(view),
                ));
                continue;
            }
            notes.push(match self.max_age {
                Some(m) if this_update <= at && next_update.is_some_and(|n| at < n) => format!(
                    "{} is older than the maximum age {} at {}",
                    name(view),
                    describe_duration(m),
                    at.to_rfc3339()
                ),
                _ => format!("{} is not fresh at {}", name(view), at.to_rfc3339()),
            });
        }
        if let Some(listed_at) = stale_hold {
            return (Judgement::StaleHold(notes, listed_at), None);
        }
        since.unwrap_or((Judgement::Unproven(notes), None))
    }

    /// Is a CRL with these bounds fresh at `t`: `thisUpdate <= t < nextUpdate`, and, under a
    /// maximum age, `t < thisUpdate + max_age`?
    pub(super) fn fresh_at(
        &self,
        this_update: DateTime<Utc>,
        next_update: Option<DateTime<Utc>>,
        t: DateTime<Utc>,
    ) -> bool {
        this_update <= t
            && next_update.is_some_and(|n| t < n)
            && self
                .max_age
                .is_none_or(|m| this_update.checked_add_signed(m).is_none_or(|end| t < end))
    }
}

/// Why a CRL issued after `cert` expired, without ExpiredCertsOnCRL keeping it, proves
/// nothing: the expired certificate's entry may have been removed (RFC 5280 §3.3).
fn pruned(crl: &str, cert: &Certificate) -> String {
    format!(
        "{crl} was issued after the certificate expired ({}) and keeps no expired certificates (no ExpiredCertsOnCRL covering it): it cannot prove the time judged",
        cert.not_after().to_rfc3339()
    )
}
