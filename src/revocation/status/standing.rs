//! What a CRL that did not decide the walk still says: a permanent revocation it lists
//! stands (rule 2: a CA cannot undo a revocation it signed), and, at a claimed time, a
//! hold it proves at the claimed time leaves the status unknown. Read for the complete CRLs
//! older than the one that proved a distribution point (or a reason partition of it), and
//! for every delta CRL of the CRL issuer, whether or not it completes a complete CRL held:
//! a delta over a base the verifier does not hold (the CA's newer complete CRL), or one
//! signed by another key of the issuer's name than the newest complete CRL, completes
//! nothing, but what it lists is the CA's word. A delta's holds count too (by when it was
//! issued, as every hold listing is weighed).
//!
//! A CRL is proven (its signer, its interpretation) only when it lists the certificate,
//! so keeping old CRLs and stray deltas costs a lookup each.

use chrono::{DateTime, Utc};

use super::account::describe_crl;
use super::rules::{effective_start, listed, released_hold, start_note, Listed};
use super::{uninterpretable, CertStatus, InUse, StatusContext, StatusFacts};
use crate::certificate::{Certificate, DistributionPoint};
use crate::condition::TimeSource;
use crate::name::NameKey;
use crate::revocation::crl::{Coverage, Crl};
use crate::revocation::reason::{ReasonSet, RevocationReason};

/// What a CRL read on its own says of the certificate, when it says something.
pub(super) enum Standing {
    /// Decides the status: a permanent revocation, or unknown when the document's work ran
    /// out proving the CRL that lists one (the budget refuses, it never decides).
    Decided(CertStatus),
    /// A hold proven at the time judged (not at a claimed time): the status and the
    /// listing's thisUpdate.
    Hold(CertStatus, DateTime<Utc>),
    /// A hold in force from before the time judged, the CRL no longer fresh then: why, and
    /// the listing's thisUpdate.
    StaleHold(String, DateTime<Utc>),
    /// At a claimed time, a hold in force at the claimed time (or listed by the newest word
    /// on the certificate, whenever dated): why, and the listing's thisUpdate.
    ClaimedHold(String, DateTime<Utc>),
    /// At a claimed time, a hold from before the claimed time on a CRL no longer fresh
    /// then: in force at the claimed time unless a CRL issued after this one, at or before
    /// the claimed time, shows it lifted (the caller asks). Why, and the thisUpdate.
    ClaimedStaleHold(String, DateTime<Utc>),
    /// A delta CRL, fresh at the time judged and covering holds, that removes the
    /// certificate (removeFromCRL): a release of any hold listed before its thisUpdate.
    Released(DateTime<Utc>),
    /// A CRL, its signer proven, that lists the certificate but cannot be interpreted: why,
    /// and its thisUpdate.
    Doubt(String, DateTime<Utc>),
}

/// The walk's context for one certificate: what `standing` needs to prove a CRL's signer.
pub(super) struct Asker<'c, 'u> {
    pub cert: &'c Certificate,
    pub issuer: Option<&'c Certificate>,
    pub anchor: &'c Certificate,
    pub depth: usize,
    pub in_use: &'u mut InUse,
}

/// What the walk weighs besides its proofs: holds from any CRL, and what the CRLs read
/// alone (`standing`) said.
#[derive(Default)]
pub(super) struct Weighed {
    /// A hold proven at the time judged (the newest listing's thisUpdate, the status): the
    /// walk goes on, since a permanent revocation elsewhere outweighs it and newer evidence
    /// may show it lifted.
    pub(super) held: Option<(DateTime<Utc>, CertStatus)>,
    /// At a claimed time, a hold listed by the newest word on the certificate, or in force
    /// at the claimed time: the status is unknown unless a permanent revocation decides.
    pub(super) claimed_hold: Option<String>,
    /// Why, for the CRLs read alone.
    pub(super) notes: Vec<String>,
    /// A CRL that lists the certificate but cannot be interpreted (an unprocessed critical
    /// extension, no cRLNumber), its signer proven: no proof of "good" stands.
    pub(super) doubt: Option<String>,
}

impl Weighed {
    pub(super) fn hold(
        &mut self,
        listed_at: DateTime<Utc>,
        status: CertStatus,
        facts: &mut StatusFacts,
    ) {
        if self.held.as_ref().is_none_or(|(h, _)| listed_at > *h) {
            self.held = Some((listed_at, status));
        }
        facts.hold_proof = self.held.as_ref().map(|(h, _)| *h);
    }
}

impl StatusContext<'_> {
    /// [`Self::releases_a_listed_hold`] for the deltas of a complete CRL judged: the base
    /// they refer to, and the CRLs that may show its hold lifted, signed by `signer`, the
    /// judged CRL's proven signer (`judge_with`).
    pub(super) fn base_lists_hold(
        &self,
        delta: &Crl,
        cert: &Certificate,
        signer: &Certificate,
    ) -> bool {
        let mut signed = |i: usize, _: &Crl| {
            self.store.signed_by_metered(i, signer, self.meter)
                == Some(crate::signature::SignatureCheck::Valid)
        };
        // The delta was paired with its base by this signer (`deltas_for`).
        self.releases_base_hold(delta, cert, &mut signed, &mut |_, _| true)
    }

    /// Whether `delta`'s removeFromCRL releases a hold its own base lists: a base it
    /// completes held, listing the certificate on hold, its signer proven
    /// ([`Self::releases_base_hold`]). That removal is the release RFC 5280 asks for,
    /// weighed with the base's listing (a hold lifted before a claim stays lifted), not the trace of another
    /// hold (review 80: an honest delta over an older base made a claim undecided).
    fn releases_a_listed_hold(&self, idx: usize, delta: &Crl, ask: &mut Asker<'_, '_>) -> bool {
        let cert = ask.cert;
        // Each base's signer proven, and the delta signed with that base's key (review 93:
        // a re-keyed CA's new-key removal released the old key's base hold).
        let signers = std::cell::RefCell::new(Vec::new());
        let mut proven = |i: usize, crl: &Crl| {
            let signer =
                self.listing_signer(i, crl, cert, ask.issuer, ask.anchor, ask.depth, ask.in_use);
            let ok = signer.is_ok();
            if let Ok(s) = signer {
                signers.borrow_mut().push((i, s));
            }
            ok
        };
        let mut paired = |i: usize, _: &Crl| {
            signers.borrow().iter().any(|(b, s)| {
                *b == i
                    && self.store.signed_by_metered(idx, s, self.meter)
                        == Some(crate::signature::SignatureCheck::Valid)
            })
        };
        self.releases_base_hold(delta, cert, &mut proven, &mut paired)
    }

    /// Whether `delta`'s removeFromCRL of `cert` is the release of the hold its own base
    /// lists: a complete CRL of the issuer it completes (numbered at or above its
    /// BaseCRLNumber, RFC 5280 §5.2.4, and issued no later) lists the certificate on hold,
    /// and no CRL of the issuer issued after that base and before the removal's date shows
    /// the hold lifted already (a complete CRL that omits the certificate, a delta that
    /// removes it). Read as that release, the removal shortens no hold: the base's hold
    /// still lasts until a CRL shows it lifted. A removal dated after such a CRL releases
    /// another hold, placed after that lift, that may have covered a claimed time (review
    /// 81: read as the base hold's release, it let a claim under that second hold pass).
    /// A CA that dates a removal when the hold was lifted, as the NCA's sequences are read
    /// here, dates it alike in every delta; one that writes each delta's own date there
    /// gets the trace (unknown), never VALID. `proven`: the CRL's signer proven (the base,
    /// and every CRL counted as showing the lift: junk shows nothing); `paired`, asked of a
    /// base once proven: the delta is signed with its key (RFC 5280 §5.2.4).
    fn releases_base_hold(
        &self,
        delta: &Crl,
        cert: &Certificate,
        proven: &mut dyn FnMut(usize, &Crl) -> bool,
        paired: &mut dyn FnMut(usize, &Crl) -> bool,
    ) -> bool {
        let issuer = delta.issuer().key();
        let lookup = |crl: &Crl| crl.lookup(cert.serial(), cert.issuer().key());
        let implicit = [super::implicit_dp()];
        let dps = match cert.crl_distribution_points() {
            [] => &implicit[..],
            dps => dps,
        };
        let in_scope = |crl: &Crl| dps.iter().any(|dp| super::scope_ok(cert, dp, crl).is_ok());
        let has = |crl: &Crl, reason: RevocationReason| {
            lookup(crl).iter().any(|e| e.reason == Some(reason))
        };
        // The latest of the delta's removals of the serial: each must be that release
        // (review 82: only the first entry was asked, so the order of two decided).
        let Some(removed) = lookup(delta)
            .iter()
            .filter(|e| e.reason == Some(RevocationReason::RemoveFromCrl))
            .map(|e| e.revocation_date)
            .max()
        else {
            return false;
        };
        let bases: Vec<(usize, &Crl)> = self
            .bases_of(delta, cert, false)
            .filter(|(_, b)| has(b, RevocationReason::CertificateHold))
            .collect();
        bases.into_iter().any(|(i, base)| {
            if !proven(i, base) || !paired(i, base) {
                return false;
            }
            // The CRLs that would show the base's hold lifted before the removal's date:
            // in scope for the certificate through one of its distribution points, as the
            // walk reads them (review 84: a full CRL beside a partition's base and delta
            // was a lift to the walk and none here), covering holds (review 82: an ARL,
            // another distribution point's or a keyCompromise-only partition says nothing
            // of a hold), a complete CRL listing no hold (a removeFromCRL lists nothing,
            // review 82) or a delta that removes the certificate.
            let lifts: Vec<(usize, &Crl)> = self
                .store
                .by_issuer(issuer)
                .filter(|(_, c)| {
                    c.this_update() > base.this_update()
                        && c.this_update() < removed
                        && in_scope(c)
                        && c.reasons_covered().contains_all(ReasonSet::HOLD)
                })
                .filter(|(_, c)| {
                    if c.is_delta() {
                        has(c, RevocationReason::RemoveFromCrl)
                    } else {
                        !has(c, RevocationReason::CertificateHold)
                    }
                })
                .collect();
            !lifts.into_iter().any(|(j, c)| proven(j, c))
        })
    }

    /// What `crl` (the store's `idx`), read alone, says of `ask.cert`: see [`Standing`].
    /// Holds are read from a delta CRL (`holds`) and, at a claimed time, from any CRL; a
    /// complete CRL's holds are otherwise the walk's to weigh. `newest_word`: at a claimed
    /// time, this CRL is newer than every complete CRL proven (a delta, or a complete CRL
    /// whose signer is proven for its listings only), so a hold it lists leaves the claim
    /// unknown whenever dated.
    pub(super) fn standing(
        &self,
        idx: usize,
        crl: &Crl,
        ask: &mut Asker<'_, '_>,
        holds: bool,
        newest_word: bool,
    ) -> Option<Standing> {
        let cert = ask.cert;
        let claimed = self.time_source.is_claimed();
        let at = self.at;
        // Rule 1: a CRL issued before the certificate cannot list it (a serial it lists is
        // another certificate's).
        if crl.covers(cert, crl.this_update()) == Coverage::PredatesCertificate {
            return None;
        }
        // At a claimed time, a release of a hold issued after the claim is a hold's trace
        // (`released_hold`, review 78), weighed as a hold is once its signer is proven.
        let checked_at = match self.time_source {
            TimeSource::Claimed { checked_at } => Some(checked_at),
            _ => None,
        };
        // Not the trace of another hold: the release of one its own base lists (review 80).
        let mut trace_of = || {
            checked_at
                .and_then(|c| released_hold(cert, crl, at, c))
                .filter(|_| !self.releases_a_listed_hold(idx, crl, ask))
        };
        let (entry, trace) = match listed(cert, crl, None, at, claimed) {
            // A listing that decides nothing at a claimed time (a permanent revocation for a
            // reason that hides no compromise, after the claim) leaves a release beside it
            // to be read (review 80: it hid the trace).
            Listed::Yes(e)
                if claimed
                    && e.reason != Some(RevocationReason::CertificateHold)
                    && !e
                        .reason
                        .unwrap_or(RevocationReason::Unspecified)
                        .may_be_compromise()
                    && effective_start(&e, crl.this_update()) > at =>
            {
                match trace_of() {
                    Some(removal) => (removal, true),
                    None => (e, false),
                }
            }
            Listed::Yes(entry) => (entry, false),
            Listed::No => match trace_of() {
                Some(removal) => (removal, true),
                // The common case, left to the report: nothing is logged for it.
                None => return None,
            },
        };
        let reason = if trace {
            RevocationReason::CertificateHold
        } else {
            entry.reason.unwrap_or(RevocationReason::Unspecified)
        };
        let this_update = crl.this_update();
        let start = effective_start(&entry, this_update);
        let what = if crl.is_delta() {
            "a delta CRL that completes no CRL that decided"
        } else if holds {
            // The walk's refused complete CRL (its only caller with `holds` for one): its
            // signer proven for what it lists, not for what it omits (review 61).
            "a CRL whose signer is proven for what it lists only"
        } else {
            "older than a CRL that no longer lists it"
        };
        let hold = reason == RevocationReason::CertificateHold;
        let proves =
            start <= at && (self.fresh_at(this_update, crl.next_update(), at) || at <= this_update);
        // At a claimed time, a hold from after the claim (by the time checked) was in force
        // when the signature may have been made (review 78: an older complete CRL's hold
        // dated after the claim, released by the newest, was dropped).
        let after_claim = checked_at.is_some_and(|c| at < start && start <= c);
        if hold {
            // A hold from after the time judged, or one the walk weighs itself.
            // Never one from after the time checked: the signature was made by then
            // (review 80).
            let wanted = if claimed {
                (newest_word || start <= at || after_claim || trace)
                    && checked_at.is_none_or(|c| start <= c)
            } else {
                holds && start <= at
            };
            if !wanted {
                return None;
            }
        } else if start > at && !(claimed && reason.may_be_compromise()) {
            self.log.borrow_mut().push(
                idx,
                cert,
                false,
                format!("not needed: {what}, it revokes it only after the time judged"),
            );
            return None;
        }
        let unreadable = uninterpretable(crl);
        // What it lists against the certificate: a signer distrusted for a compromise (or
        // by its own word), or revoked, on hold or unknown at the time judged, still signs
        // that, its key and path proven (`listing_signer`).
        if let Err(why) = self.listing_signer(
            idx, crl, cert, ask.issuer, ask.anchor, ask.depth, ask.in_use,
        ) {
            // Left unproven because the document's work (or a search's own budget, review
            // 63) ran out: the revocation it lists may stand, so no "good" stands (the
            // budget refuses, it never decides); an older CRL's revocation still decides
            // (review 66).
            if let Some(exhausted) = self.budget_refusal(&why) {
                let reason = format!("{exhausted} ({why}): {} lists it", describe_crl(crl));
                self.log.borrow_mut().push(idx, cert, false, reason.clone());
                return Some(Standing::Doubt(reason, crl.this_update()));
            }
            self.log
                .borrow_mut()
                .push(idx, cert, false, format!("{why}; it lists it ({what})"));
            return None;
        }
        if let Some(why) = unreadable {
            // Its signer proven: the CA's word on the certificate, unreadable.
            let why = format!(
                "{} lists the certificate, but it {why}: what it says of it cannot be read",
                describe_crl(crl)
            );
            self.log.borrow_mut().push(idx, cert, false, why.clone());
            return Some(Standing::Doubt(why, this_update));
        }
        let evidence = format!(
            "{}, {what}{}",
            describe_crl(crl),
            start_note(&entry, this_update)
        );
        self.log
            .borrow_mut()
            .push(idx, cert, true, format!("lists it as revoked ({what})"));
        let status = CertStatus::Revoked {
            reason,
            revocation_date: entry.revocation_date,
            evidence: evidence.clone(),
        };
        if !hold {
            return Some(Standing::Decided(status));
        }
        if claimed {
            let why = if trace {
                format!(
                    "{evidence}: it removes the certificate (removeFromCRL), a hold released after the claimed time {}: a signature claiming it cannot be shown to fall outside the hold",
                    at.to_rfc3339()
                )
            } else {
                format!(
                    "{evidence}: on hold since {}, and a signature claiming {} cannot be shown to fall outside the hold",
                    entry.revocation_date.to_rfc3339(),
                    at.to_rfc3339()
                )
            };
            return Some(if newest_word || proves || after_claim || trace {
                Standing::ClaimedHold(why, this_update)
            } else {
                Standing::ClaimedStaleHold(why, this_update)
            });
        }
        if self.fresh_at(this_update, crl.next_update(), at) || at <= this_update {
            Some(Standing::Hold(status, this_update))
        } else {
            Some(Standing::StaleHold(
                format!(
                    "{evidence}: on hold since {}, and it no longer proves the time judged {}",
                    entry.revocation_date.to_rfc3339(),
                    at.to_rfc3339()
                ),
                this_update,
            ))
        }
    }

    /// The delta CRLs of `crl_issuer` in scope for the certificate through `dp`, each read
    /// alone ([`Self::standing`]): the first that decides, the holds they list, and the
    /// releases of the fresh ones (through a distribution point that covers holds). At a
    /// claimed time, every delta issued at or after `newest_complete` (the newest complete
    /// CRL of the distribution point proven, interpretable and covering holds) is the
    /// newest word: a hold it lists, whenever dated, leaves the claim unknown, whatever
    /// another delta says (no release counts at a claimed time, so neither a forged delta
    /// nor the order given can silence it).
    pub(super) fn delta_standings(
        &self,
        dp: &DistributionPoint,
        crl_issuer: &NameKey,
        newest_complete: Option<DateTime<Utc>>,
        ask: &mut Asker<'_, '_>,
    ) -> Vec<Standing> {
        let cert = ask.cert;
        let mut deltas: Vec<(usize, &Crl)> = self
            .store
            .by_issuer(crl_issuer)
            .filter(|(_, d)| d.is_delta() && super::scope_ok(cert, dp, d).is_ok())
            .collect();
        // Newest first; ties in the order given (each is read alone).
        deltas.sort_by_key(|(_, d)| std::cmp::Reverse(d.this_update()));
        let dp_holds = dp.reasons.is_none_or(|r| r.contains_all(ReasonSet::HOLD));
        let mut out = Vec::new();
        for (idx, d) in deltas {
            let newest_word = self.time_source.is_claimed()
                && newest_complete.is_none_or(|n| d.this_update() >= n);
            match self.standing(idx, d, ask, true, newest_word) {
                Some(s) => {
                    let decided = matches!(s, Standing::Decided(_));
                    out.push(s);
                    if decided {
                        break;
                    }
                }
                None if dp_holds => out.extend(self.release(idx, d, ask)),
                None => {}
            }
        }
        out
    }

    /// [`Standing::Released`], when the delta `d` (read alone) is one: it removes the
    /// certificate and lists it otherwise nowhere, covers holds, is fresh at the time judged
    /// (never at a claimed time), interpretable, and its signer proven.
    fn release(&self, idx: usize, d: &Crl, ask: &mut Asker<'_, '_>) -> Option<Standing> {
        let cert = ask.cert;
        if self.time_source.is_claimed()
            || d.covers(cert, d.this_update()) == Coverage::PredatesCertificate
            || !self.fresh_at(d.this_update(), d.next_update(), self.at)
            || !d.reasons_covered().contains_all(ReasonSet::HOLD)
        {
            return None;
        }
        let entries = d.lookup(cert.serial(), cert.issuer().key());
        let removes = !entries.is_empty()
            && entries
                .iter()
                .all(|e| e.reason == Some(RevocationReason::RemoveFromCrl));
        if !(removes || entries.is_empty()) || uninterpretable(d).is_some() {
            return None;
        }
        let signer = self
            .crl_signer(idx, d, ask.issuer, ask.anchor, ask.depth, ask.in_use)
            .ok()?;
        // A delta that lists nothing of the certificate says "as its base": a release
        // only when that base is held, signed with the delta's key, and lists no hold of
        // it either (review 85: later deltas omitting a hold an older delta listed lifted
        // it at a given time, not at a time-stamped one).
        if entries.is_empty() && !self.base_omits(d, cert, &signer) {
            return None;
        }
        // Whether it lifts anything depends on the holds listed before it: not "used".
        let what = if removes {
            "removes it (removeFromCRL)"
        } else {
            "lists nothing of it over a base that lists nothing of it"
        };
        self.log.borrow_mut().push(
            idx,
            cert,
            false,
            format!("{what}: it lifts a hold only when issued after the hold's listing"),
        );
        Some(Standing::Released(d.this_update()))
    }

    /// The complete CRLs the delta CRL `delta` may complete for `cert`: of its issuer and
    /// its scope (issuingDistributionPoint), issued no later than it, not predating the
    /// certificate (review 82: a CRL issued before it lists another certificate's serial),
    /// numbered at or above its BaseCRLNumber (RFC 5280 §5.2.4), or `exact`ly that number.
    /// Their signers, and that the delta is signed with their key, are the caller's to
    /// prove: the signature decides the key, not an authorityKeyIdentifier (review 95, as
    /// `deltas_for`).
    fn bases_of<'c>(
        &'c self,
        delta: &'c Crl,
        cert: &'c Certificate,
        exact: bool,
    ) -> impl Iterator<Item = (usize, &'c Crl)> + 'c {
        let number = delta.delta_base();
        self.store
            .by_issuer(delta.issuer().key())
            .filter(move |(_, b)| {
                !b.is_delta()
                    && number.is_some_and(|n| {
                        b.crl_number()
                            .is_some_and(|m| if exact { m == n } else { m >= n })
                    })
                    && b.this_update() <= delta.this_update()
                    && b.issuing_distribution_point() == delta.issuing_distribution_point()
                    && b.covers(cert, b.this_update()) != Coverage::PredatesCertificate
            })
    }

    /// Whether the complete CRL the delta `d` completes exactly (its BaseCRLNumber, its
    /// scope, issued no later, not before the certificate) is held, interpretable, lists
    /// nothing of `cert` but a removeFromCRL, and is signed by `signer`, the delta's proven
    /// signer: RFC 5280 §5.2.4 pairs a delta with a base of its own key (review 93: a
    /// re-keyed CA's old base without authorityKeyIdentifier completed the new key's
    /// deltas, and their hold was lifted by the old key's omission).
    fn base_omits(&self, d: &Crl, cert: &Certificate, signer: &Certificate) -> bool {
        let bases: Vec<(usize, &Crl)> = self
            .bases_of(d, cert, true)
            .filter(|(_, b)| {
                b.covers(cert, b.this_update()) == Coverage::Covers
                    && uninterpretable(b).is_none()
                    && b.lookup(cert.serial(), cert.issuer().key())
                        .iter()
                        .all(|e| e.reason == Some(RevocationReason::RemoveFromCrl))
            })
            .collect();
        bases.into_iter().any(|(i, _)| {
            self.store.signed_by_metered(i, signer, self.meter)
                == Some(crate::signature::SignatureCheck::Valid)
        })
    }

    /// Takes in what a CRL read alone says: the status when it decides. A hold from before a
    /// claimed time on a CRL no longer fresh then is in force at the claimed time unless a
    /// complete CRL of `omitters` (those that do not list the certificate), issued after
    /// it and at or before the claimed time, covering holds, and proven, shows it lifted.
    pub(super) fn absorb(
        &self,
        standing: Standing,
        omitters: &[(usize, &Crl)],
        ask: &mut Asker<'_, '_>,
        weighed: &mut Weighed,
        facts: &mut StatusFacts,
    ) -> Option<CertStatus> {
        match standing {
            Standing::Decided(decided) => return Some(decided),
            Standing::Hold(status, listed_at) => weighed.hold(listed_at, status, facts),
            Standing::StaleHold(why, listed_at) => {
                facts.note_stale_hold(listed_at);
                weighed.notes.push(why);
            }
            Standing::ClaimedHold(why, listed_at) => {
                facts.note_stale_hold(listed_at);
                weighed.claimed_hold.get_or_insert(why);
            }
            Standing::ClaimedStaleHold(why, listed_at) => {
                let lifted = omitters.iter().any(|&(i, y)| {
                    listed_at < y.this_update()
                        && y.this_update() <= self.at
                        && uninterpretable(y).is_none()
                        && y.reasons_covered().contains_all(ReasonSet::HOLD)
                        && self
                            .crl_signer(i, y, ask.issuer, ask.anchor, ask.depth, ask.in_use)
                            .is_ok()
                });
                if !lifted {
                    facts.note_stale_hold(listed_at);
                    weighed.claimed_hold.get_or_insert(why);
                }
            }
            Standing::Released(at) => facts.note_fresh_proof(at),
            Standing::Doubt(why, this_update) => {
                facts.note_doubt(this_update);
                weighed.doubt.get_or_insert(why);
            }
        }
        None
    }
}
