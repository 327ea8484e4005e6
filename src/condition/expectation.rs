//! What a request expects of its signer: the key's purpose, the identifiers, the time
//! and where it comes from; and which certificates must have a provable status.

use super::*;

/// What the key must be usable for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// Signing: digitalSignature + nonRepudiation (NCA "ҚОЛ ҚОЮ" / RSA_..., GOST_...).
    #[default]
    Sign,
    /// Authentication: digitalSignature + keyEncipherment / keyAgreement, clientAuth.
    Auth,
    /// Any purpose: the key usage check is not run.
    Any,
}

/// Which certificates of the path must have a provable revocation status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevocationScope {
    /// The signer's certificate must have a provable status; each CA certificate is checked
    /// against any supplied CRL that covers it (revoked fails; no CRL is "not checked").
    #[default]
    EndEntity,
    /// Every certificate of the path but the trust anchor must have a provable status.
    Chain,
}

/// Where the time judged comes from, and so what it can be trusted for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeSource {
    /// The caller's own time: its clock, or a time it vouches for.
    #[default]
    Given,
    /// A time proven by a verified time-stamp token (RFC 3161): the signature existed by
    /// then. Evidence issued at or before that time (a CRL, an OCSP response) cannot list a
    /// compromise reported later and dated before it (an invalidityDate), so it proves the
    /// certificate not revoked only while it is still current at `checked_at`; evidence
    /// issued after the time proves it as for any past time (EN 319 102-1's past
    /// validation).
    TimeStamp {
        /// The caller's time at which the time-stamped signature is checked.
        checked_at: DateTime<Utc>,
    },
    /// A time the signer claims (CMS signingTime). It proves nothing: a signer whose key
    /// was revoked can back-date it, so the signature may have been made at any time up
    /// to `checked_at` (the caller's own time, when the claim is checked). Revocation is
    /// then judged with the newest CRL supplied only (an older one could predate the
    /// revocation), which must be fresh at `checked_at`; a certificate revoked for a
    /// compromise (keyCompromise, cACompromise, aACompromise, or no stated reason), or
    /// whose invalidityDate is at or before the claimed time, is revoked at any claimed
    /// time; one on hold in the newest CRL cannot be proven good. OCSP responses can only
    /// prove a revocation.
    Claimed {
        /// The caller's time at which the claim is checked.
        checked_at: DateTime<Utc>,
    },
}

impl TimeSource {
    /// Is the time a claim of the signer's?
    pub fn is_claimed(self) -> bool {
        matches!(self, TimeSource::Claimed { .. })
    }
}

/// What the request expects of the signer's certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expectation {
    /// The time judged (signing time or "now": the caller decides; never read inside).
    pub at: DateTime<Utc>,
    /// The IIN written in the request; when set, the certificate's IIN must equal it.
    pub iin: Option<Iin>,
    /// The BIN written in the request; when set, the certificate's BIN must equal it.
    pub bin: Option<Bin>,
    /// The key purpose required.
    pub purpose: Purpose,
    /// Whether IIN/BIN check digits must hold.
    pub checksum: ChecksumPolicy,
    /// Where `at` comes from ([`TimeSource::Claimed`] restricts what revocation data may
    /// prove).
    pub time_source: TimeSource,
}

impl Expectation {
    /// Signing purpose, no identity match, lenient checksum, at `at`.
    pub fn at(at: DateTime<Utc>) -> Expectation {
        Expectation {
            at,
            iin: None,
            bin: None,
            purpose: Purpose::Sign,
            checksum: ChecksumPolicy::Lenient,
            time_source: TimeSource::Given,
        }
    }

    /// The request's IIN: the certificate's must equal it.
    ///
    /// ```
    /// use qoltanba::{ChecksumPolicy, Expectation, Iin, Purpose};
    ///
    /// let at = "2026-11-23T00:00:00Z".parse()?;
    /// let expect = Expectation::at(at)
    ///     .iin(Iin::parse("880101300123")?)
    ///     .purpose(Purpose::Sign)
    ///     .checksum(ChecksumPolicy::Strict);
    /// assert_eq!(expect.iin.as_ref().map(|i| i.as_str()), Some("880101300123"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iin(mut self, iin: Iin) -> Expectation {
        self.iin = Some(iin);
        self
    }

    /// The request's BIN: the certificate's must equal it.
    pub fn bin(mut self, bin: Bin) -> Expectation {
        self.bin = Some(bin);
        self
    }

    /// The key purpose required (default [`Purpose::Sign`]).
    pub fn purpose(mut self, purpose: Purpose) -> Expectation {
        self.purpose = purpose;
        self
    }

    /// Whether IIN/BIN check digits must hold (default lenient: NCA test IINs fail them).
    pub fn checksum(mut self, checksum: ChecksumPolicy) -> Expectation {
        self.checksum = checksum;
        self
    }

    /// Where `at` comes from (default [`TimeSource::Given`]).
    pub fn time_source(mut self, time_source: TimeSource) -> Expectation {
        self.time_source = time_source;
        self
    }
}
