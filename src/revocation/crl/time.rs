//! CRL times, read by the crate's one time parser ([`crate::time`]) with
//! [`Leniency::X509Parser`]: the DER forms directly (fast, for millions of entries),
//! anything else as x509-parser, which read them before, accepted it.

use super::*;
use crate::time::{self as asn1_time, Leniency};

pub(super) fn to_datetime(secs: i64) -> Result<DateTime<Utc>> {
    timestamp(secs)
}

/// A header time (thisUpdate, nextUpdate) as Unix seconds.
pub(super) fn parse_time(t: Tlv<'_>, what: &'static str) -> Result<i64> {
    time_secs(t.tag, t.content).ok_or_else(|| {
        malformed(format!(
            "{what}: invalid time (tag 0x{:02x}, {:?})",
            t.tag,
            String::from_utf8_lossy(t.content)
        ))
    })
}

/// Check an entry time during the walk without converting it.
#[inline]
pub(super) fn check_time(tag: u8, content: &[u8]) -> Option<RawTime<'_>> {
    if asn1_time::is_der(tag, content) || lenient_secs(tag, content).is_some() {
        Some(RawTime { tag, content })
    } else {
        None
    }
}

/// A UTCTime or GeneralizedTime of a CRL (or an OCSP response) as Unix seconds.
#[inline]
pub(in crate::revocation) fn time_secs(tag: u8, content: &[u8]) -> Option<i64> {
    asn1_time::der_secs(tag, content).or_else(|| lenient_secs(tag, content))
}

/// The forms beyond DER, kept out of the walk's loop (rare: real CRLs are DER).
#[cold]
#[inline(never)]
fn lenient_secs(tag: u8, content: &[u8]) -> Option<i64> {
    asn1_time::parse(tag, content, Leniency::X509Parser).map(|t| t.secs)
}

/// A UTCTime or GeneralizedTime, checked during the walk, converted on demand.
#[derive(Clone, Copy, Debug)]
pub(super) struct RawTime<'a> {
    pub(super) tag: u8,
    pub(super) content: &'a [u8],
}

impl RawTime<'_> {
    pub(super) fn to_datetime(self) -> Option<DateTime<Utc>> {
        timestamp(time_secs(self.tag, self.content)?).ok()
    }
}
