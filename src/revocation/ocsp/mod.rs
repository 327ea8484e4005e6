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
//!    id-pkix-ocsp-nocheck: its own revocation status need not be fetched (RFC 6960
//!    §4.2.2.2.1), so a responder without it is not relied on (the NCA's carry it). A
//!    response alone cannot show its signer's standing: a [`Verifier`] weighs the
//!    evidence it holds against the signer (a key revoked for a possible compromise at
//!    any date, a delegated responder revoked or on hold at the time judged) before
//!    relying on a "good" of it;
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
//!
//! [`Verifier`]: crate::Verifier

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
    /// invalidityDate when earlier (as for a CRL entry), and never later than this
    /// SingleResponse's thisUpdate. thisUpdate is when the responder knew the status to be
    /// correct: a revocation dated after it is one already made then (a scheduled date, or
    /// a clock ahead of the responder's), as a CRL lists no revocation yet to come. Read as
    /// one yet to come, a fresh response listing the certificate said nothing of the time
    /// judged, and a "good" beside it spoke for it (review 40).
    fn revoked_from(&self) -> Option<DateTime<Utc>> {
        match &self.status {
            ResponderStatus::Revoked { time, .. } => Some(
                match self.invalidity_date {
                    Some(i) if i < *time => i,
                    _ => *time,
                }
                .min(self.this_update),
            ),
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
    /// Until when the SingleResponse judged is current (its nextUpdate, else thisUpdate
    /// plus the policy's maximum age), once the responder is proven.
    #[serde(skip)]
    pub(crate) current_until: Option<DateTime<Utc>>,
    /// The certificate that signed the response (the issuer itself, or its delegated
    /// responder), once proven: its own standing (a key compromised at any date, a
    /// delegated responder revoked or on hold) is what the verifier weighs before relying
    /// on a "good" of it (`StatusContext::ocsp_signer_distrust`), which this response
    /// alone cannot show.
    #[serde(skip)]
    pub(crate) signer: Option<Certificate>,
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
}

mod check;
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
