//! CRL times: the strict UTCTime / GeneralizedTime forms read directly (fast, for
//! millions of entries), anything else through x509-parser.

use super::*;

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
    let fast = match (tag, content.len()) {
        (TAG_UTC_TIME, 13) => time_fields(content, false).is_some(),
        (TAG_GENERALIZED_TIME, 15) => time_fields(content, true).is_some(),
        _ => false,
    };
    if fast || slow_time_secs(tag, content).is_some() {
        Some(RawTime { tag, content })
    } else {
        None
    }
}

/// A UTCTime or GeneralizedTime as Unix seconds. The DER forms RFC 5280 prescribes
/// (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`) are read directly; anything else is handed to
/// x509-parser, which accepts a few more forms.
pub(in crate::revocation) fn time_secs(tag: u8, content: &[u8]) -> Option<i64> {
    let fields = match (tag, content.len()) {
        (TAG_UTC_TIME, 13) => time_fields(content, false),
        (TAG_GENERALIZED_TIME, 15) => time_fields(content, true),
        _ => None,
    };
    match fields {
        Some([year, month, day, hour, minute, second]) => {
            Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
        }
        None => slow_time_secs(tag, content),
    }
}

#[cold]
pub(super) fn slow_time_secs(tag: u8, content: &[u8]) -> Option<i64> {
    if !matches!(tag, TAG_UTC_TIME | TAG_GENERALIZED_TIME) || content.len() >= 0x80 {
        return None;
    }
    let mut der = vec![tag, content.len() as u8];
    der.extend_from_slice(content);
    match ASN1Time::from_der(&der) {
        Ok(([], time)) => Some(time.timestamp()),
        _ => None,
    }
}

/// [year, month, day, hour, minute, second] of `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ`,
/// range-checked (UTCTime years 50-99 are 19xx).
#[inline]
pub(super) fn time_fields(c: &[u8], generalized: bool) -> Option<[i64; 6]> {
    // Fixed-size views: constant positions, no bounds checks.
    let (year, t): (i64, &[u8; 11]) = if generalized {
        let c: &[u8; 15] = c.try_into().ok()?;
        let [a, b, c2, d, ..] = *c;
        (
            two_digits(a, b)? * 100 + two_digits(c2, d)?,
            c.last_chunk()?,
        )
    } else {
        let c: &[u8; 13] = c.try_into().ok()?;
        let [a, b, ..] = *c;
        let yy = two_digits(a, b)?;
        (
            if yy >= 50 { 1900 + yy } else { 2000 + yy },
            c.last_chunk()?,
        )
    };
    let [mo1, mo2, d1, d2, h1, h2, mi1, mi2, s1, s2, z] = *t;
    if z != b'Z' {
        return None;
    }
    let month = two_digits(mo1, mo2)?;
    let day = two_digits(d1, d2)?;
    let hour = two_digits(h1, h2)?;
    let minute = two_digits(mi1, mi2)?;
    let second = two_digits(s1, s2)?;
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    Some([year, month, day, hour, minute, second])
}

#[inline(always)]
pub(super) fn two_digits(a: u8, b: u8) -> Option<i64> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    if a > 9 || b > 9 {
        return None;
    }
    Some(i64::from(a * 10 + b))
}

pub(super) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
