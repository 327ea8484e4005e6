//! OCSP responses (RFC 6960): read a DER `OCSPResponse`, prove who signed it and judge one
//! certificate's status from it.
//!
//! NCALayer and the NCA's services ask the NCA responders (ocsp.pki.gov.kz) for a
//! certificate's status; the answer is an `OCSPResponse` with a `BasicOCSPResponse` signed
//! by a delegated responder certificate (id-kp-OCSPSigning, issued by the CA), in RSA or
//! GOST like the CA. [`OcspResponse::check`] proves the following (the CertID, 4, is
//! matched first: it costs a few hashes, the signatures much more):
//!
//! 1. the response is `successful` and of the basic type, with no critical extension this
//!    library does not process (responseExtensions: the nonce is processed;
//!    singleExtensions: invalidityDate), in it or in a SingleResponse about the
//!    certificate (a non-critical one is ignored);
//! 2. its signer is authorised for the certificate's issuer (RFC 6960 §4.2.2.2): the issuer
//!    itself, or a certificate the response carries that the issuer signed, with
//!    id-kp-OCSPSigning (and digitalSignature when it states a key usage), valid when the
//!    response was produced (and, for a "good" that speaks for the time judged, valid
//!    then), named by the ResponderID, with no extension it cannot process and with
//!    id-pkix-ocsp-nocheck: its own revocation is not checked (RFC 6960 §4.2.2.2.1), so a
//!    responder without it is not relied on (the NCA's carry it);
//! 3. the signature over `tbsResponseData` verifies with that key;
//! 4. a SingleResponse names this certificate (CertID: the hashes of the issuer's name and
//!    key, and the serial number); when several do, a permanent revocation among them
//!    decides and any other disagreement proves nothing; its thisUpdate is not after the
//!    response's producedAt; one whose thisUpdate is before the certificate's notBefore
//!    (known to [`OcspResponse::check_certificate`]) is about another certificate of that
//!    serial, whatever its status, and is not judged;
//! 5. what the status says of `at`: "good" needs a response fresh at `at` (`thisUpdate`
//!    not after `at`, with [`OcspPolicy::clock_skew`], and `at` not after `nextUpdate`,
//!    or, when the responder gives none (the NCA's do not), not more than
//!    [`OcspPolicy::max_age`] after `thisUpdate`); a revocation dated (its invalidityDate
//!    when earlier than its revocationTime, as for a CRL entry) at or before `at`
//!    proves itself however old or new the response, except a hold (certificateHold),
//!    which can be released: it proves `at` up to the response's `thisUpdate`, or while
//!    the response is fresh (the "non-issued" idiom below is not a hold: nothing lifts
//!    it); a revocation dated after `at` says nothing of `at`; a "good" issued after `at`
//!    (even within the clock skew) proves no hold lifted then.
//!
//! Only then is the status data: good, revoked (with the time and reason), or unknown.
//! Anything unproven is
//! [`OcspStatus::Indeterminate`], never good. The RFC 6960 §2.2 "non-issued" idiom
//! (revoked, certificateHold, 1970-01-01) is reported as such: the responder knows of no
//! such certificate.

use std::ops::Range;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::reason::RevocationReason;
use crate::certificate::{serial_key, timestamp, Certificate, KeyUsage};
use crate::der::{
    Reader, Tlv, TAG_BIT_STRING, TAG_BOOLEAN, TAG_GENERALIZED_TIME, TAG_OCTET_STRING, TAG_OID,
    TAG_SEQUENCE,
};
use crate::error::{Error, Result};
use crate::name::Name;
use crate::oid::{EKU_OCSP_SIGNING, OCSP_BASIC, OCSP_NOCHECK};
use crate::signature::{
    self, HashAlgorithm, KeyPolicy, KeyStrength, SignatureAlgorithm, SignatureCheck,
};

const WHAT: &str = "OCSP response";

/// Bounds on what is read.
pub mod limits {
    /// Largest response, in bytes.
    pub const MAX_RESPONSE_LEN: usize = 1024 * 1024;
    /// Most SingleResponses in one response.
    pub const MAX_SINGLE_RESPONSES: usize = 1000;
    /// Most certificates a response carries.
    pub const MAX_CERTS: usize = 16;
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what: WHAT,
        reason: reason.into(),
    }
}

/// OCSPResponseStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    /// successful (0): the response carries a status.
    Successful,
    /// malformedRequest (1).
    MalformedRequest,
    /// internalError (2).
    InternalError,
    /// tryLater (3).
    TryLater,
    /// sigRequired (5).
    SigRequired,
    /// unauthorized (6).
    Unauthorized,
    /// Any other value.
    Other(u8),
}

impl ResponseStatus {
    fn from_code(code: u8) -> ResponseStatus {
        match code {
            0 => ResponseStatus::Successful,
            1 => ResponseStatus::MalformedRequest,
            2 => ResponseStatus::InternalError,
            3 => ResponseStatus::TryLater,
            5 => ResponseStatus::SigRequired,
            6 => ResponseStatus::Unauthorized,
            n => ResponseStatus::Other(n),
        }
    }
}

/// Who signed: the ResponderID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponderId {
    /// byName: the responder certificate's subject.
    ByName(Name),
    /// byKey: the SHA-1 hash of the responder's public key (the BIT STRING's value).
    ByKey(Vec<u8>),
}

/// A certificate's status as the responder gives it (before any judgment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponderStatus {
    /// good.
    Good,
    /// revoked, since `time`, for `reason` when given.
    Revoked {
        /// revocationTime.
        time: DateTime<Utc>,
        /// revocationReason, when present.
        reason: Option<RevocationReason>,
    },
    /// unknown: the responder does not know the certificate.
    Unknown,
}

impl ResponderStatus {
    /// Since when a revocation that nothing lifts holds: every reason but
    /// certificateHold, and the RFC 6960 §2.2 "non-issued" idiom (certificateHold since
    /// 1970-01-01: the CA never issued the certificate).
    fn permanent_since(&self) -> Option<DateTime<Utc>> {
        match self {
            ResponderStatus::Revoked { time, reason }
                if *reason != Some(RevocationReason::CertificateHold) || time.timestamp() == 0 =>
            {
                Some(*time)
            }
            _ => None,
        }
    }
}

/// CertID: which certificate a SingleResponse is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertId {
    /// The hash algorithm's OID (dotted).
    pub hash_oid: String,
    /// Hash of the issuer's subject name (DER).
    pub issuer_name_hash: Vec<u8>,
    /// Hash of the issuer's public key (the subjectPublicKey BIT STRING's value).
    pub issuer_key_hash: Vec<u8>,
    /// The certificate's serial number (the INTEGER's content octets).
    pub serial: Vec<u8>,
}

/// One SingleResponse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SingleResponse {
    /// The certificate it is about.
    pub cert_id: CertId,
    /// Its status.
    pub status: ResponderStatus,
    /// thisUpdate.
    pub this_update: DateTime<Utc>,
    /// nextUpdate, when given.
    pub next_update: Option<DateTime<Utc>>,
    /// The invalidityDate singleExtension (RFC 5280 §5.3.2, RFC 6960 §4.4), when given:
    /// when the key was suspected compromised or the certificate otherwise became invalid.
    pub invalidity_date: Option<DateTime<Utc>>,
    /// The first critical singleExtension this library does not process (its OID,
    /// dotted): the SingleResponse cannot be interpreted, and the response proves nothing
    /// of its certificate.
    pub unprocessed_critical: Option<String>,
}

impl SingleResponse {
    /// From when a revocation (a hold included) counts: its revocationTime, or its
    /// invalidityDate when earlier (as for a CRL entry).
    fn revoked_from(&self) -> Option<DateTime<Utc>> {
        match &self.status {
            ResponderStatus::Revoked { time, .. } => Some(match self.invalidity_date {
                Some(i) if i < *time => i,
                _ => *time,
            }),
            _ => None,
        }
    }

    /// Since when a revocation that nothing lifts holds (see
    /// [`ResponderStatus::permanent_since`]), from its invalidityDate when earlier.
    fn permanent_since(&self) -> Option<DateTime<Utc>> {
        self.status.permanent_since().and(self.revoked_from())
    }

    /// Is it a hold (certificateHold, but not the "non-issued" idiom)?
    fn is_hold(&self) -> bool {
        matches!(
            self.status,
            ResponderStatus::Revoked {
                reason: Some(RevocationReason::CertificateHold),
                ..
            }
        ) && self.status.permanent_since().is_none()
    }
}

/// A BasicOCSPResponse.
#[derive(Clone, Debug)]
struct Basic {
    /// Where tbsResponseData lies in the response's DER.
    tbs: Range<usize>,
    responder: ResponderId,
    produced_at: DateTime<Utc>,
    responses: Vec<SingleResponse>,
    signature_algorithm: SignatureAlgorithm,
    signature: Vec<u8>,
    certs: Vec<Certificate>,
    /// The nonce extension's extnValue octets, when the responder echoed one.
    nonce: Option<Vec<u8>>,
    /// The first critical responseExtension this library does not process (dotted OID):
    /// the response proves nothing.
    unprocessed_critical: Option<String>,
}

/// A DER OCSPResponse, read and bounded. Nothing in it is trusted until
/// [`OcspResponse::check`] has proven its signer.
#[derive(Clone, Debug)]
pub struct OcspResponse {
    der: Vec<u8>,
    status: ResponseStatus,
    basic: Option<Basic>,
}

/// How fresh a response must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OcspPolicy {
    /// How long after `thisUpdate` a response without `nextUpdate` is still taken
    /// (default one day).
    pub max_age: Duration,
    /// Tolerance for clocks: `thisUpdate` may be this far after `at` (default 5 minutes).
    pub clock_skew: Duration,
    /// Which responder keys are strong enough to rely on (the [`Verifier`]'s own policy
    /// when it consults a response).
    ///
    /// [`Verifier`]: crate::Verifier
    pub keys: KeyPolicy,
}

impl Default for OcspPolicy {
    fn default() -> Self {
        OcspPolicy {
            max_age: Duration::days(1),
            clock_skew: Duration::minutes(5),
            keys: KeyPolicy::default(),
        }
    }
}

/// A certificate's status proven from a response, or why it could not be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum OcspStatus {
    /// Not revoked at `at`, by a fresh response of an authorised responder.
    Good {
        /// thisUpdate of the SingleResponse.
        this_update: DateTime<Utc>,
    },
    /// Revoked at or before `at`.
    Revoked {
        /// revocationTime.
        time: DateTime<Utc>,
        /// revocationReason, when given.
        reason: Option<RevocationReason>,
        /// The RFC 6960 §2.2 idiom for a certificate the CA never issued (certificateHold,
        /// 1970-01-01T00:00:00Z).
        not_issued: bool,
    },
    /// The responder does not know the certificate.
    Unknown,
    /// Nothing could be proven; the reason says why.
    Indeterminate {
        /// Why.
        reason: String,
    },
}

impl OcspStatus {
    fn indeterminate(reason: impl Into<String>) -> OcspStatus {
        OcspStatus::Indeterminate {
            reason: reason.into(),
        }
    }
}

/// The judgment of one certificate from one response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OcspCheck {
    /// The status.
    #[serde(flatten)]
    pub(crate) status: OcspStatus,
    /// Who signed the response (the responder certificate's subject, or the issuer's),
    /// once proven.
    pub(crate) responder: Option<String>,
    /// producedAt.
    pub(crate) produced_at: Option<DateTime<Utc>>,
    /// The revocation the proven responder reports (revocationTime, reason), whatever the
    /// time judged: a key compromise revokes at any claimed time, and any hold leaves a
    /// claimed time unknown. When the response's SingleResponses about the certificate
    /// disagree (it proves nothing), the earliest hold among them. Never from a response
    /// (or SingleResponse) that predates the certificate or cannot be interpreted.
    pub(crate) revocation: Option<(DateTime<Utc>, Option<RevocationReason>)>,
    /// thisUpdate of a proven response that lists the certificate on hold from before the
    /// time judged without proving that time: evidence of a hold no older response (and
    /// no response issued after the time judged) can prove lifted.
    #[serde(skip)]
    pub(crate) stale_hold: Option<DateTime<Utc>>,
    /// A "good" proven by a response issued after the time judged (it shows no
    /// revocation was made before it, not that no hold was in force then).
    #[serde(skip)]
    pub(crate) good_by_later_response: bool,
    /// thisUpdate of the SingleResponse judged, once the responder is proven.
    #[serde(skip)]
    pub(crate) this_update: Option<DateTime<Utc>>,
}

impl OcspCheck {
    /// The revocation the proven responder reports (revocationTime, reason), whatever the
    /// time judged; for a response whose SingleResponses disagree, the earliest hold they
    /// list.
    pub fn revocation(&self) -> Option<(DateTime<Utc>, Option<RevocationReason>)> {
        self.revocation
    }
}

impl OcspCheck {
    /// The status.
    pub fn status(&self) -> &OcspStatus {
        &self.status
    }

    /// Who signed the response (the responder certificate's subject, or the issuer's),
    /// once proven.
    pub fn responder(&self) -> Option<&str> {
        self.responder.as_deref()
    }

    /// producedAt.
    pub fn produced_at(&self) -> Option<DateTime<Utc>> {
        self.produced_at
    }
}

impl OcspResponse {
    /// Read a DER OCSPResponse. Malformed DER, a response over
    /// [`limits::MAX_RESPONSE_LEN`] or a response type other than id-pkix-ocsp-basic is an
    /// error; a response status other than successful is read (and judged indeterminate).
    pub fn from_der(der: &[u8]) -> Result<OcspResponse> {
        if der.is_empty() {
            return Err(Error::Empty);
        }
        if der.len() > limits::MAX_RESPONSE_LEN {
            return Err(Error::TooLarge {
                what: WHAT,
                len: der.len(),
                limit: limits::MAX_RESPONSE_LEN,
            });
        }
        let mut top = Reader::named(der, WHAT);
        let response = top.expect(TAG_SEQUENCE, "OCSPResponse")?;
        top.finish("OCSPResponse")?;
        let mut r = response.inner();
        let status = r.expect(0x0A, "responseStatus")?;
        let [code] = status.content else {
            return Err(malformed("responseStatus is not a one-octet ENUMERATED"));
        };
        let status = ResponseStatus::from_code(*code);
        let basic = match r.read_optional(0xA0, "responseBytes")? {
            None => None,
            Some(bytes) => {
                let mut outer = bytes.inner();
                let seq = outer.expect(TAG_SEQUENCE, "ResponseBytes")?;
                outer.finish("responseBytes")?;
                let mut b = seq.inner();
                let kind = oid(b.expect(TAG_OID, "responseType")?)?;
                if kind != OCSP_BASIC {
                    return Err(Error::Unsupported(format!(
                        "OCSP response type {kind} (only id-pkix-ocsp-basic is read)"
                    )));
                }
                let octets = b.expect(TAG_OCTET_STRING, "response")?;
                b.finish("ResponseBytes")?;
                Some(read_basic(octets)?)
            }
        };
        r.finish("OCSPResponse")?;
        if status == ResponseStatus::Successful && basic.is_none() {
            return Err(malformed("a successful response without responseBytes"));
        }
        Ok(OcspResponse {
            der: der.to_vec(),
            status,
            basic,
        })
    }

    /// The responseStatus.
    pub fn status(&self) -> ResponseStatus {
        self.status
    }

    /// producedAt (unproven until [`OcspResponse::check`]).
    pub fn produced_at(&self) -> Option<DateTime<Utc>> {
        self.basic.as_ref().map(|b| b.produced_at)
    }

    /// The ResponderID (unproven).
    pub fn responder_id(&self) -> Option<&ResponderId> {
        self.basic.as_ref().map(|b| &b.responder)
    }

    /// The SingleResponses (unproven).
    pub fn responses(&self) -> &[SingleResponse] {
        self.basic.as_ref().map_or(&[], |b| &b.responses)
    }

    /// The responseExtensions nonce (id-pkix-ocsp-nonce): its extnValue octets, unproven
    /// until [`OcspResponse::check`]. A client compares it with its request's
    /// (`fetch::OcspClient` does): a replayed response does not echo a fresh nonce.
    pub fn nonce(&self) -> Option<&[u8]> {
        self.basic.as_ref().and_then(|b| b.nonce.as_deref())
    }

    /// The certificates the response carries (the responder's, usually).
    pub fn certs(&self) -> &[Certificate] {
        self.basic.as_ref().map_or(&[], |b| &b.certs)
    }

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
            KeyStrength::TooWeak(why) | KeyStrength::Unknown(why) => {
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

mod parse;
#[cfg(feature = "fetch")]
pub(crate) use parse::OID_NONCE;
use parse::{oid, read_basic};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsuccessful_responses_are_read_and_prove_nothing() {
        // OCSPResponse { responseStatus tryLater }.
        let r = OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x03]).unwrap();
        assert_eq!(r.status(), ResponseStatus::TryLater);
        assert!(r.responses().is_empty() && r.produced_at().is_none());
        // A "successful" response must carry a status.
        assert!(OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x00]).is_err());
        // Trailing data, a wrong outer tag, an empty input.
        assert!(OcspResponse::from_der(&[0x30, 0x03, 0x0A, 0x01, 0x03, 0x00]).is_err());
        assert!(OcspResponse::from_der(&[0x31, 0x03, 0x0A, 0x01, 0x03]).is_err());
        assert!(matches!(OcspResponse::from_der(&[]), Err(Error::Empty)));
    }

    #[test]
    fn another_response_type_is_unsupported() {
        // responseBytes with responseType 1.2.3 and an empty OCTET STRING.
        let der = [
            0x30, 0x11, 0x0A, 0x01, 0x00, 0xA0, 0x0C, 0x30, 0x0A, 0x06, 0x02, 0x2A, 0x03, 0x04,
            0x04, 0x30, 0x02, 0x05, 0x00,
        ];
        assert!(matches!(
            OcspResponse::from_der(&der),
            Err(Error::Unsupported(_))
        ));
    }
}
