//! What a CMS verification expects: the [`VerifyOptions`] of [`SignedData::verify`], with
//! the [`TimePolicy`] (at which time each signer's certificate is judged) and the
//! [`SignerPolicy`] (which signers must hold).
//!
//! [`SignedData::verify`]: super::SignedData::verify

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certificate::Certificate;
use crate::condition::Expectation;

/// At which time each signer's certificate is judged.
///
/// Under every policy, a valid signature time-stamp that proves the signature existed
/// before the certificate's validity began fails the signer (`validity`). A token bounds
/// the time of the signature from above only: what held at its time otherwise counts only
/// under [`TimePolicy::TimeStamp`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimePolicy {
    /// At the time the caller passes in [`Expectation::at`] (e.g. "now", read by the
    /// caller): the safe default.
    #[default]
    Given,
    /// At the signer's `signingTime` attribute when it is present and readable, else at
    /// [`Expectation::at`]. `signingTime` is the signer's own claim: a signer whose key
    /// was revoked can back-date it. The verdict reports the time as claimed
    /// ([`TimeBasis::ClaimedSigningTime`]), and the certificate condition judges it as
    /// [`TimeSource::Claimed`]: revocation from the newest CRL supplied only, and a key
    /// revoked for a compromise (or with an invalidityDate at or before the claim) is
    /// revoked at any claimed time. A proven time (a verified time-stamp) is the way to
    /// judge the past.
    ///
    /// [`TimeBasis::ClaimedSigningTime`]: super::TimeBasis::ClaimedSigningTime
    /// [`TimeSource::Claimed`]: crate::TimeSource::Claimed
    ClaimedSigningTime,
    /// At the time the signer's signature time-stamp token (CAdES-T, RFC 3161) proves the
    /// signature existed by, a time the TSA proves: genTime plus the token's accuracy
    /// (RFC 3161 §2.4.2: genTime is known only to ± accuracy, so the signature may have
    /// been made as late as that), never later than [`Expectation::at`] (the time the
    /// token is checked at). The certificate condition judges it as
    /// [`TimeSource::TimeStamp`], with the past-time rules of revocation: a CRL (or OCSP
    /// response) issued later and still covering the certificate proves it good then; one
    /// issued before that time only while it is still current at [`Expectation::at`] (it
    /// cannot list a compromise reported after it with an invalidityDate before the time).
    /// The earliest such time among the valid tokens is taken; a signer without a valid
    /// token is indeterminate (its time is not proven), and judged at
    /// [`Expectation::at`] for the rest of its checks.
    ///
    /// [`TimeSource::TimeStamp`]: crate::TimeSource::TimeStamp
    TimeStamp,
}

/// Which signers must hold for the SignedData to be valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerPolicy {
    /// Every SignerInfo must be valid (the overall verdict is the worst signer's).
    #[default]
    All,
    /// At least one SignerInfo must be valid (the overall verdict is the best signer's).
    Any,
}

/// What a verification expects.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// The certificate condition applied to every signer (time, IIN/BIN, purpose,
    /// check-digit policy). Under [`TimePolicy::ClaimedSigningTime`] its `at` is the
    /// fallback.
    pub expectation: Expectation,
    /// At which time each signer is judged.
    pub time: TimePolicy,
    /// Which signers must hold.
    pub signers: SignerPolicy,
    /// Certificates supplied by the caller in addition to those the CMS carries: searched
    /// for the signer's certificate and offered to path building (untrusted).
    pub extra_certificates: Vec<Certificate>,
    /// Set when the SignedData verified is itself a time-stamp token ([`crate::tsp`]):
    /// the tokens on the TSA's own signature are then listed, not judged (they are the
    /// TSA's business, and tokens nested in tokens would multiply the work).
    pub(crate) inside_time_stamp: bool,
}

impl VerifyOptions {
    /// Signing purpose at `at`, [`TimePolicy::Given`], [`SignerPolicy::All`].
    pub fn at(at: DateTime<Utc>) -> VerifyOptions {
        VerifyOptions::new(Expectation::at(at))
    }

    /// The given expectation, [`TimePolicy::Given`], [`SignerPolicy::All`].
    pub fn new(expectation: Expectation) -> VerifyOptions {
        VerifyOptions {
            expectation,
            time: TimePolicy::Given,
            signers: SignerPolicy::All,
            extra_certificates: Vec::new(),
            inside_time_stamp: false,
        }
    }
}
