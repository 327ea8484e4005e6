//! RFC 3161 time-stamps: the NCA TSA's tokens that NCALayer adds to most signatures
//! (CAdES-T), and the tokens and responses a TSA hands out on their own.
//!
//! * **Read**: [`TspMessage::from_input`] takes a TimeStampToken or a TimeStampResp
//!   (DER/BER or base64 text, told apart automatically); [`TimeStampToken::from_ber`] and
//!   [`TimeStampResponse::from_ber`] read one kind. The TSTInfo is read strictly (DER,
//!   version 1, a minimal serial number, genTime `YYYYMMDDhhmmss[.f]Z`), every field
//!   bounded ([`limits`]).
//! * **Verify**: [`TimeStampToken::verify`] proves what the token says, into a
//!   [`TimeStampVerdict`]:
//!   - the TSA's signature, through the CMS verifier ([`crate::cms::SignedData::verify`]:
//!     contentType, messageDigest of the TSTInfo, the ESS signingCertificate(V2) binding
//!     the TSA's certificate, which RFC 3161 §2.4.1 makes mandatory here, and the
//!     signature with RSA or the GOST algorithms);
//!   - the TSA's certificate: extKeyUsage exactly id-kp-timeStamping, marked critical
//!     (RFC 3161 §2.3; the NCA's test TSA certificates have exactly that), keyUsage when
//!     present allowing digitalSignature or nonRepudiation;
//!   - the certificate condition on the TSA's certificate at **genTime**, with its path to
//!     a trust anchor of the [`crate::Verifier`]. genTime is the TSA's own statement, made with
//!     the very key being judged: it is judged as a claim
//!     ([`crate::TimeSource::Claimed`], checked at the caller's time), so a TSA key
//!     revoked for a compromise is revoked at any genTime, and only revocation data
//!     current at the caller's time proves the TSA good;
//!   - the messageImprint: the digest of the data given ([`Imprinted`]) with the imprint's
//!     hash algorithm (SHA-2, the GOST hashes; a SHA-1 imprint is never proof:
//!     collisions can be made);
//!   - the TSTInfo's own statements: its `tsa` name, when a directoryName, names the
//!     TSA's certificate; no critical extension the library does not know.
//!
//! A valid token proves the data existed by [`TimeStampVerdict::existed_by`]: genTime plus
//! its accuracy, at most the time it is checked at (not genTime itself, which is known
//! only to ± accuracy).
//!
//! In CMS ([`crate::cms`]) every signature time-stamp token of a SignerInfo is verified
//! this way over the signature value, and [`crate::cms::TimePolicy::TimeStamp`] judges a
//! signer at the time its token proves.
//!
//! # Example
//!
//! ```
//! use qoltanba::tsp::{Imprinted, TspMessage};
//! use qoltanba::{Judged as _, Verifier};
//!
//! let verifier = Verifier::builder()
//!     .trust_path("test-vectors/pki/root.cer")?
//!     .intermediate_path("test-vectors/pki/nca_rsa.cer")?
//!     .crl_path("test-vectors/pki/nca_rsa_current.crl")?
//!     .build();
//! let message = TspMessage::from_input(&std::fs::read("test-vectors/pki/tsa/token_valid.tsr")?)?;
//! let token = message.token().expect("a granted token");
//! let data = std::fs::read("test-vectors/pki/tsa/data.txt")?;
//! let checked_at = "2026-11-23T00:00:00Z".parse()?;
//! let verdict = token.verify(Imprinted::Data(&data), &verifier, checked_at);
//! assert!(verdict.is_valid(), "{:?}", verdict.refusal());
//! println!("the data existed by {}", verdict.existed_by());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod parse;
mod verify;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::verdict::{Check, Overall, Refusal, Verdict};

pub use parse::{
    Accuracy, MessageImprint, PkiStatus, PkiStatusInfo, TimeStampResponse, TimeStampToken, TsaName,
    TspMessage, TstExtension, TstInfo,
};

/// Bounds on what is read.
pub mod limits {
    /// Largest TimeStampToken or TimeStampResp, in bytes (an NCA token with its TSA
    /// certificate is under 2 KiB).
    pub const MAX_TOKEN_LEN: usize = 1024 * 1024;
    /// Largest TSTInfo, in bytes.
    pub const MAX_TST_INFO_LEN: usize = 64 * 1024;
    /// Longest serialNumber, in octets (RFC 3161 asks for up to 160 bits).
    pub const MAX_SERIAL_LEN: usize = 64;
    /// Longest nonce, in octets.
    pub const MAX_NONCE_LEN: usize = 64;
    /// Longest hashedMessage, in octets (the longest hash known is 64).
    pub const MAX_IMPRINT_LEN: usize = 128;
    /// Most TSTInfo extensions.
    pub const MAX_EXTENSIONS: usize = 32;
    /// Most statusString texts in a PKIStatusInfo.
    pub const MAX_STATUS_STRINGS: usize = 16;
    /// Longest statusString text, in bytes.
    pub const MAX_STATUS_STRING_LEN: usize = 4096;
    /// Most time-stamp tokens judged on one CMS SignerInfo: more is an unknown
    /// `timestamp` check, never skipped silently.
    pub const MAX_TOKENS_PER_SIGNER: usize = 8;
    /// Most time-stamp tokens judged in one CMS SignedData (the signers' in order): each
    /// costs a signature verification and a path, and a document chooses how many it
    /// carries. More is an unknown `timestamp` check, never skipped silently.
    pub const MAX_TOKENS_PER_DOCUMENT: usize = 64;
    /// Longest CMS signature value whose time-stamp tokens are judged, in bytes. Each
    /// token hashes the signature value with its own imprint's algorithm, and a document
    /// chooses both: a 200 MiB "signature" under 8 tokens with GOST R 34.11-94 imprints
    /// took 70 s to hash. No signature the library verifies is longer than 1 KiB
    /// (RSA-8192); the tokens over a longer value (whose signer's own signature check
    /// fails) are not verified, an unknown `timestamp` check.
    pub const MAX_TIME_STAMPED_SIGNATURE_LEN: usize = 64 * 1024;
}

impl Accuracy {
    /// The accuracy as a duration (seconds, millis and micros summed).
    pub(crate) fn duration(self) -> chrono::Duration {
        chrono::Duration::seconds(i64::from(self.seconds))
            + chrono::Duration::milliseconds(i64::from(self.millis))
            + chrono::Duration::microseconds(i64::from(self.micros))
    }
}

/// What the token's messageImprint is compared with.
#[derive(Clone, Copy, Debug)]
pub enum Imprinted<'a> {
    /// The time-stamped data itself: hashed with the imprint's hash algorithm.
    Data(&'a [u8]),
    /// The digest of the time-stamped data, computed by the caller with the imprint's hash
    /// algorithm.
    Digest(&'a [u8]),
    /// Nothing: the imprint is reported, and the `content` check is unknown.
    Nothing,
}

/// The verdict on one time-stamp token.
///
/// Its checks: the CMS checks of the TSA's signature (`signer_certificate`,
/// `content_type`, `message_digest`, `signing_time`, `signing_certificate`, `signature`),
/// then `content` (the messageImprint against the data), `timestamp` (the TSTInfo's own
/// statements), `key_usage` (the TSA's extKeyUsage), and the certificate condition on the
/// TSA's certificate at genTime (`validity`, `chain`, `revocation`, `key_strength`,
/// `critical_extensions`).
#[derive(Clone, Debug, Serialize)]
pub struct TimeStampVerdict {
    verdict: Overall,
    checks: Vec<Check>,
    refusal: Option<Refusal>,
    gen_time: DateTime<Utc>,
    policy: String,
    serial: String,
    tsa: Option<String>,
    tsa_field: Option<String>,
    hash_algorithm: String,
    hashed_message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    accuracy: Option<Accuracy>,
    ordering: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce: Option<String>,
    checked_at: DateTime<Utc>,
    tsa_certificate: Option<Verdict>,
}

crate::verdict::judged!(TimeStampVerdict);

impl crate::verdict::CertificateVerdicts for TimeStampVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        self.tsa_certificate.certificate_verdicts(out);
    }
}

impl TimeStampVerdict {
    /// genTime as the token states it (proven only by a valid verdict).
    pub fn gen_time(&self) -> DateTime<Utc> {
        self.gen_time
    }
    /// The TSA policy OID (NCA: `1.2.398.3.3.2.x`).
    pub fn policy(&self) -> &str {
        &self.policy
    }
    /// serialNumber, upper-case hex.
    pub fn serial(&self) -> &str {
        &self.serial
    }
    /// The TSA: the subject of the certificate its signature was checked with, when found.
    pub fn tsa(&self) -> Option<&str> {
        self.tsa.as_deref()
    }
    /// The TSTInfo's `tsa` field, as text, when present (the `timestamp` check fails when
    /// the TSA's certificate does not hold it: RFC 3161 §2.4.2).
    pub fn tsa_field(&self) -> Option<&str> {
        self.tsa_field.as_deref()
    }
    /// The imprint's hash algorithm (name, or OID when unknown).
    pub fn hash_algorithm(&self) -> &str {
        &self.hash_algorithm
    }
    /// hashedMessage, upper-case hex.
    pub fn hashed_message(&self) -> &str {
        &self.hashed_message
    }
    /// accuracy, when stated.
    pub fn accuracy(&self) -> Option<Accuracy> {
        self.accuracy
    }
    /// The latest time the token proves the time-stamped data existed by (proven only by a
    /// valid verdict): genTime plus the accuracy (RFC 3161 §2.4.2: genTime is known only
    /// to ± accuracy, so the data may have been stamped as late as that; no accuracy
    /// stated, genTime itself), and never later than [`TimeStampVerdict::checked_at`]: a
    /// genTime ahead of the caller's time within the accuracy passes the check, and proves
    /// no more than that the data exists when checked. This, not genTime, is the time to
    /// judge a signature at.
    pub fn existed_by(&self) -> DateTime<Utc> {
        self.gen_time_plus_accuracy()
            .map_or(self.checked_at, |t| t.min(self.checked_at))
    }
    /// genTime plus the accuracy (`None` beyond the range of time: later than any time
    /// checked).
    pub(crate) fn gen_time_plus_accuracy(&self) -> Option<DateTime<Utc>> {
        let accuracy = self
            .accuracy
            .map_or(chrono::Duration::zero(), |a| a.duration());
        self.gen_time.checked_add_signed(accuracy)
    }
    /// ordering.
    pub fn ordering(&self) -> bool {
        self.ordering
    }
    /// nonce, upper-case hex, when present.
    pub fn nonce(&self) -> Option<&str> {
        self.nonce.as_deref()
    }
    /// The caller's time the token was checked at (revocation data must be current then).
    pub fn checked_at(&self) -> DateTime<Utc> {
        self.checked_at
    }
    /// The certificate condition's verdict on the TSA's certificate at genTime, when the
    /// certificate was found (its checks also appear in [`Judged::checks`](crate::Judged::checks)).
    pub fn tsa_certificate(&self) -> Option<&Verdict> {
        self.tsa_certificate.as_ref()
    }
    /// One line: genTime, TSA, serial, policy.
    pub fn summary(&self) -> String {
        format!(
            "genTime {}, TSA \"{}\", serial {}, policy {}",
            self.gen_time.to_rfc3339(),
            self.tsa
                .as_deref()
                .or(self.tsa_field.as_deref())
                .unwrap_or("?"),
            self.serial,
            self.policy
        )
    }
}
