//! What a response proves of one certificate at one time (the module documentation's steps
//! 1-5): the SingleResponses about it, its signer authorised and proven, its status at the
//! time judged.

use super::*;

impl OcspResponse {
    /// Judge the certificate with serial number `serial` (the INTEGER's content octets, as
    /// [`Certificate::serial`] gives them) issued by `issuer`, at `at`. See the module
    /// documentation for what is proven, in which order. Knowing only the serial, a
    /// response from after `at` proves nothing of `at`: [`OcspResponse::check_certificate`]
    /// knows the certificate's validity and can.
    pub fn check(
        &self,
        issuer: &Certificate,
        serial: &[u8],
        at: DateTime<Utc>,
        policy: &OcspPolicy,
    ) -> OcspCheck {
        self.check_inner(issuer, serial, None, at, policy)
    }

    /// Judge `cert`, issued by `issuer`, at `at`: as [`OcspResponse::check`], and, as for
    /// CRLs, a response whose thisUpdate is after `at` proves the past: "good", or revoked
    /// from a time after `at`, means not revoked at `at`, provided the certificate had not
    /// expired before thisUpdate (a responder need not answer for expired certificates); a
    /// SingleResponse from before the certificate's notBefore says nothing of it, whatever
    /// its status.
    pub fn check_certificate(
        &self,
        issuer: &Certificate,
        cert: &Certificate,
        at: DateTime<Utc>,
        policy: &OcspPolicy,
    ) -> OcspCheck {
        self.check_inner(
            issuer,
            cert.serial(),
            Some((cert.not_before(), cert.not_after())),
            at,
            policy,
        )
    }

    fn check_inner(
        &self,
        issuer: &Certificate,
        serial: &[u8],
        validity: Option<(DateTime<Utc>, DateTime<Utc>)>,
        at: DateTime<Utc>,
        policy: &OcspPolicy,
    ) -> OcspCheck {
        let mut out = OcspCheck {
            status: OcspStatus::indeterminate(""),
            responder: None,
            produced_at: None,
            revocation: None,
            stale_hold: None,
            good_by_later_response: false,
            this_update: None,
            current_until: None,
            signer: None,
        };
        let Some(basic) = self
            .basic
            .as_ref()
            .filter(|_| self.status == ResponseStatus::Successful)
        else {
            out.status = OcspStatus::indeterminate(format!(
                "the responder answered {:?}, not a status",
                self.status
            ));
            return out;
        };
        out.produced_at = Some(basic.produced_at);
        // A critical extension this library does not process leaves the response (or the
        // SingleResponse) uninterpretable: it proves nothing (RFC 5280's rule for critical
        // extensions, applied to CRLs and CRL entries too).
        if let Some(ext) = &basic.unprocessed_critical {
            out.status = OcspStatus::indeterminate(format!(
                "the response has a critical extension {ext} this library does not process: it proves nothing"
            ));
            return out;
        }
        // 4 first, as it costs a few hashes: the SingleResponses about this certificate.
        // A verifier holding many responses asks each of them about each certificate.
        let about: Vec<&SingleResponse> = basic
            .responses
            .iter()
            .filter(|s| names(&s.cert_id, issuer, serial))
            .collect();
        let Some(any) = about.first() else {
            out.status = OcspStatus::indeterminate(
                "the response has no status for this certificate of this issuer",
            );
            return out;
        };
        if let Some(ext) = about.iter().find_map(|s| s.unprocessed_critical.as_ref()) {
            out.status = OcspStatus::indeterminate(format!(
                "the response's SingleResponse about this certificate has a critical extension {ext} this library does not process: it proves nothing"
            ));
            return out;
        }
        // As for CRLs, a SingleResponse from before the certificate's notBefore says nothing
        // of it, whatever its status (a revocation then was of another certificate with this
        // serial).
        let predates = |s: &SingleResponse| validity.is_some_and(|(nb, _)| s.this_update < nb);
        let Some(first) = about.iter().copied().find(|s| !predates(s)) else {
            out.status = OcspStatus::indeterminate(format!(
                "the response (thisUpdate {}) predates the certificate{}: it says nothing of it",
                any.this_update.to_rfc3339(),
                validity
                    .map(|(nb, _)| format!(" (notBefore {})", nb.to_rfc3339()))
                    .unwrap_or_default()
            ));
            return out;
        };
        // Several SingleResponses about this certificate: a permanent revocation among them
        // is what the responder signed, whatever else it says (the earliest); any other
        // disagreement proves nothing.
        // Agreeing ones: the newest (its listing is the responder's latest word). The
        // disagreement is judged once the signer is proven (its hold listings still count).
        let candidates: Vec<&SingleResponse> =
            about.iter().copied().filter(|s| !predates(s)).collect();
        // A permanent revocation dated after `at` speaks of the times after it: of `at`,
        // the other SingleResponses speak, when there are any (a hold before it, a "good").
        let counts = |s: &SingleResponse| s.permanent_since().is_none_or(|t| t <= at);
        let judged: Vec<&SingleResponse> = if candidates.iter().any(|s| counts(s)) {
            candidates.iter().copied().filter(|s| counts(s)).collect()
        } else {
            candidates.clone()
        };
        let first = judged.first().copied().unwrap_or(first);
        let mut single = first;
        let mut disagree = false;
        // The newest thisUpdate of a SingleResponse listing a hold from at or before `at`.
        let mut hold_listed: Option<DateTime<Utc>> = None;
        // The earliest hold listed, whatever its date.
        let mut hold: Option<&SingleResponse> = None;
        for other in candidates.iter().copied() {
            if other.is_hold() {
                if other.revoked_from().is_some_and(|t| t <= at) {
                    hold_listed =
                        Some(hold_listed.map_or(other.this_update, |h| h.max(other.this_update)));
                }
                if hold.is_none_or(|h| other.revoked_from() < h.revoked_from()) {
                    hold = Some(other);
                }
            }
        }
        for other in judged.iter().copied() {
            disagree |=
                other.status != first.status || other.revoked_from() != first.revoked_from();
            match (other.permanent_since(), single.permanent_since()) {
                (Some(t), mine) if mine.is_none_or(|mine| t < mine) => single = other,
                (None, None) if other.this_update > single.this_update => single = other,
                _ => {}
            }
        }
        let contradicted = disagree && single.permanent_since().is_none();
        // thisUpdate is when the responder knew the status to be correct, at or before it
        // signed (producedAt): a later one is a response dated past its own signing, which
        // the signer chose (an expired responder key could date a "good" at will).
        if single.this_update > plus(basic.produced_at, policy.clock_skew) {
            out.status = OcspStatus::indeterminate(format!(
                "the response's thisUpdate {} is after its producedAt {}",
                single.this_update.to_rfc3339(),
                basic.produced_at.to_rfc3339()
            ));
            return out;
        }
        // 2. The signer, authorised for this issuer.
        let signer = match self.authorised_signer(basic, issuer) {
            Ok(s) => s,
            Err(why) => {
                out.status = OcspStatus::indeterminate(why);
                return out;
            }
        };
        // 3. The signature, by a key strong enough to rely on.
        match policy.keys.judge(signer.public_key()) {
            KeyStrength::Adequate | KeyStrength::Weak(_) => {}
            KeyStrength::TooWeak(why) | KeyStrength::Unknown(why) | KeyStrength::Unusable(why) => {
                out.status = OcspStatus::indeterminate(format!(
                    "the responder \"{}\" cannot be relied on: {why}",
                    signer.subject()
                ));
                return out;
            }
        }
        let tbs = self.der.get(basic.tbs.clone()).unwrap_or_default();
        match signature::verify(
            signer.public_key(),
            &basic.signature_algorithm,
            tbs,
            &basic.signature,
        ) {
            SignatureCheck::Valid => {}
            SignatureCheck::Invalid => {
                out.status = OcspStatus::indeterminate("the response's signature does not verify");
                return out;
            }
            SignatureCheck::Unsupported(why) => {
                out.status = OcspStatus::indeterminate(format!(
                    "the response's signature cannot be verified: {why}"
                ));
                return out;
            }
        }
        out.responder = Some(signer.subject().to_string());
        out.signer = Some(signer.clone());
        // What a claimed time reads, whatever the time judged: of every SingleResponse about
        // the certificate, a revocation that may hide a compromise (the earliest), else a
        // hold (the earliest), else the revocation judged.
        let compromise = candidates
            .iter()
            .copied()
            .filter(|s| {
                s.permanent_since().is_some()
                    && matches!(&s.status, ResponderStatus::Revoked { reason, .. }
                        if reason.unwrap_or(RevocationReason::Unspecified).may_be_compromise())
            })
            .min_by_key(|s| s.revoked_from());
        let reported = match compromise
            .or(hold)
            .or((!contradicted).then_some(single))
            .map(|s| &s.status)
        {
            Some(ResponderStatus::Revoked { time, reason }) => Some((*time, *reason)),
            _ => None,
        };
        if contradicted {
            // Proves nothing, except that the responder listed a hold: no "good" of the
            // same response (or older) can show it lifted; and, whatever its date, at a
            // claimed time it leaves the status unknown (reported as `revocation`).
            out.stale_hold = hold_listed;
            out.revocation = reported;
            out.status = OcspStatus::indeterminate(
                "the response gives this certificate several different statuses",
            );
            return out;
        }
        out.this_update = Some(single.this_update);
        out.revocation = reported;
        // 5. What the status proves at `at`. A revocation for good, dated at or before
        // `at`, stays proven however old or new the response. A hold (certificateHold)
        // can be released: it proves `at` when `at` lies between its start and the
        // response's thisUpdate, or while the response is fresh. "Good" needs a response
        // from before `at` that is still fresh at `at`.
        let expires = single
            .next_update
            .unwrap_or(plus(single.this_update, policy.max_age));
        out.current_until = Some(expires);
        let at_skewed = plus(at, policy.clock_skew);
        let fresh = single.this_update <= at_skewed && at <= expires;
        let staleness = || {
            if single.this_update > at_skewed {
                format!(
                    "the response is from {} (thisUpdate), after the time judged",
                    single.this_update.to_rfc3339()
                )
            } else {
                format!(
                    "the response is stale: thisUpdate {}, {} {}",
                    single.this_update.to_rfc3339(),
                    if single.next_update.is_some() {
                        "nextUpdate"
                    } else {
                        "no nextUpdate, taken until"
                    },
                    expires.to_rfc3339()
                )
            }
        };
        // As for CRLs: a response issued after `at` speaks of `at` when the certificate had
        // not expired before it; one from before the certificate existed says nothing.
        let proves_past = single.this_update > at_skewed
            && validity.is_some_and(|(not_before, not_after)| {
                single.this_update >= not_before && not_after >= single.this_update
            });
        // From when the revocation counts (its invalidityDate when earlier).
        let start = single.revoked_from();
        out.status = match &single.status {
            ResponderStatus::Revoked { time, reason } if start.is_some_and(|s| s <= at) => {
                // A hold can be lifted; the "non-issued" idiom (a hold since 1970) says the
                // CA never issued the certificate, which nothing lifts.
                let hold = single.permanent_since().is_none();
                if !hold || at <= single.this_update || fresh {
                    OcspStatus::Revoked {
                        time: *time,
                        reason: *reason,
                        not_issued: time.timestamp() == 0
                            && *reason == Some(RevocationReason::CertificateHold),
                    }
                } else {
                    out.stale_hold = Some(single.this_update);
                    OcspStatus::indeterminate(format!(
                        "on hold since {} by a response that no longer proves the time judged: {}",
                        time.to_rfc3339(),
                        staleness()
                    ))
                }
            }
            ResponderStatus::Revoked { .. } if proves_past => {
                out.good_by_later_response = true;
                OcspStatus::Good {
                    this_update: single.this_update,
                }
            }
            ResponderStatus::Revoked { .. } => OcspStatus::indeterminate(format!(
                "revoked since {}, after the time judged: the response cannot say what the status was before",
                start.unwrap_or(at).to_rfc3339()
            )),
            // A "good" the response proves while fresh speaks for the time judged: its
            // signer must have been entitled to speak then (a delegated responder's key,
            // once its certificate expired, could sign any "good" dated inside it).
            ResponderStatus::Good if fresh && !signer.is_valid_at(at) => {
                OcspStatus::indeterminate(format!(
                    "the responder certificate \"{}\" is not valid at the time judged {}",
                    signer.subject(),
                    at.to_rfc3339()
                ))
            }
            ResponderStatus::Good if fresh || proves_past => {
                // Issued after the time judged (within the clock skew too, where it also
                // counts as fresh): it cannot show a hold lifted at that time.
                out.good_by_later_response = single.this_update > at;
                OcspStatus::Good {
                    this_update: single.this_update,
                }
            }
            ResponderStatus::Good => OcspStatus::indeterminate(staleness()),
            ResponderStatus::Unknown => OcspStatus::Unknown,
        };
        out
    }

    /// The key that may sign for `issuer`: the issuer itself, or a delegated responder
    /// certificate it issued (RFC 6960 §4.2.2.2).
    fn authorised_signer<'a>(
        &'a self,
        basic: &'a Basic,
        issuer: &'a Certificate,
    ) -> std::result::Result<&'a Certificate, String> {
        if names_responder(&basic.responder, issuer) {
            return Ok(issuer);
        }
        let Some(responder) = basic
            .certs
            .iter()
            .find(|c| names_responder(&basic.responder, c))
        else {
            return Err("the response does not carry the certificate its ResponderID names".into());
        };
        if responder.issuer().key() != issuer.subject().key() {
            return Err(format!(
                "the responder certificate {} was not issued by the certificate's issuer {}",
                responder.subject(),
                issuer.subject()
            ));
        }
        match signature::verify(
            issuer.public_key(),
            responder.signature_algorithm(),
            responder.tbs(),
            responder.signature(),
        ) {
            SignatureCheck::Valid => {}
            SignatureCheck::Invalid => {
                return Err(
                    "the responder certificate's signature does not verify with the issuer's key"
                        .into(),
                )
            }
            SignatureCheck::Unsupported(why) => {
                return Err(format!(
                    "the responder certificate's signature cannot be verified: {why}"
                ))
            }
        }
        let delegated = responder
            .extended_key_usage()
            .is_some_and(|ekus| ekus.iter().any(|e| e == EKU_OCSP_SIGNING));
        if !delegated {
            return Err(format!(
                "the responder certificate {} lacks id-kp-OCSPSigning",
                responder.subject()
            ));
        }
        if responder
            .key_usage()
            .is_some_and(|ku| !ku.has(KeyUsage::DIGITAL_SIGNATURE))
        {
            return Err(format!(
                "the responder certificate {} has a key usage without digitalSignature",
                responder.subject()
            ));
        }
        if !responder.is_valid_at(basic.produced_at) {
            return Err(format!(
                "the responder certificate was not valid when the response was produced ({})",
                basic.produced_at.to_rfc3339()
            ));
        }
        if let Some(problem) = responder.extension_problems().first() {
            return Err(format!(
                "the responder certificate {} cannot be relied on: {problem}",
                responder.subject()
            ));
        }
        // RFC 6960 §4.2.2.2.1: without id-pkix-ocsp-nocheck the responder's own status
        // must be checked, and a response cannot vouch for its own signer. The NCA's
        // responders carry it; one without it is not relied on.
        if responder.extension_value(OCSP_NOCHECK).is_none() {
            return Err(format!(
                "the responder certificate {} has no id-pkix-ocsp-nocheck: its own revocation status would have to be proven, and is not",
                responder.subject()
            ));
        }
        Ok(responder)
    }
}

/// `t + d`, or the end of chrono's range it runs past (a caller's time at the end of the
/// range must not panic).
fn plus(t: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(if d < Duration::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// Does the ResponderID name `cert`?
fn names_responder(id: &ResponderId, cert: &Certificate) -> bool {
    match id {
        ResponderId::ByName(name) => name.key() == cert.subject().key(),
        ResponderId::ByKey(hash) => {
            HashAlgorithm::Sha1.digest(cert.public_key().key_bytes()) == hash.as_slice()
        }
    }
}

/// Does `id` name the certificate `serial` of `issuer`?
fn names(id: &CertId, issuer: &Certificate, serial: &[u8]) -> bool {
    if serial_key(&id.serial) != serial_key(serial) {
        return false;
    }
    // SHA-1 (what CertIDs use to identify, not to sign), SHA-256/384/512 and the GOST
    // hashes; a CertID by SHA-224 has never matched.
    let hash = |data: &[u8]| -> Option<Vec<u8>> {
        match HashAlgorithm::from_oid(&id.hash_oid)? {
            HashAlgorithm::Sha224 => None,
            h => Some(h.digest(data)),
        }
    };
    hash(issuer.subject().der()).as_deref() == Some(id.issuer_name_hash.as_slice())
        && hash(issuer.public_key().key_bytes()).as_deref() == Some(id.issuer_key_hash.as_slice())
}
