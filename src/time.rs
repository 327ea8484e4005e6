//! ASN.1 times (UTCTime, GeneralizedTime), and XML's xsd:dateTime: the crate's one parser
//! of them.
//!
//! The core is the DER form RFC 5280 §4.1.2.5 prescribes: UTCTime `YYMMDDHHMMSSZ` (years
//! 50-99 are 19xx, 00-49 20xx) and GeneralizedTime `YYYYMMDDHHMMSSZ`, every field
//! range-checked (days against the month, leap years included; no second 60). It reads
//! fixed positions without allocating: CRLs carry millions of entry times, and
//! [`is_der`] / [`der_secs`] are what their walk calls.
//!
//! Each kind of object accepted a little more than that before the readers were merged,
//! and still does; a caller names what it accepts with a [`Leniency`], whose variants
//! say why. Certificate validity times are read here too, under [`Leniency::X509Parser`]
//! (what x509-parser, which read them before, accepted).

use chrono::{DateTime, NaiveDate, Utc};

use crate::der::{TAG_GENERALIZED_TIME, TAG_UTC_TIME};

/// What a caller accepts beyond the DER forms. The differences are kept as they were
/// when each object had its own parser: merging them must not change a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Leniency {
    /// A fractional second in GeneralizedTime, `YYYYMMDDHHMMSS.fffZ`, as RFC 3161 §2.4.2
    /// allows in a TSTInfo's genTime: at least one and at most nine digits (the time is
    /// kept to the nanosecond), no trailing zero, a point and not a comma. UTCTime is DER
    /// only.
    Fraction,
    /// When the DER form fails, whatever x509-parser's `ASN1Time` reads, for contents
    /// shorter than 128 octets: UTCTime in every X.680 form (seconds optional, `Z` or a
    /// `±hhmm` offset), GeneralizedTime ending in `Z` with a fraction after `.` (dropped).
    /// CRLs and OCSP responses have always been read so (the CRL walk reads the DER form
    /// itself, for speed, and handed the rest to x509-parser): issuers' encoders deviate,
    /// and refusing a CRL for a time format would make every certificate it covers
    /// indeterminate.
    X509Parser,
    /// Every form X.680 gives the two types, as a BER signingTime attribute may carry
    /// (RFC 5652 §11.3 only recommends DER): seconds optional, a `Z` or a `±hhmm` offset,
    /// in GeneralizedTime a fraction after `.` or `,` (dropped). Used for CMS signingTime,
    /// a claim of the signer that is reported, never trusted.
    Ber,
}

/// A point in time read from an ASN.1 time: Unix seconds and nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Time {
    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    pub(crate) secs: i64,
    /// Nanoseconds within the second (only a [`Leniency::Fraction`] genTime has any).
    pub(crate) nanos: u32,
}

impl Time {
    /// As a chrono time (`None` outside chrono's range, which no four-digit year reaches).
    pub(crate) fn to_datetime(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.secs, self.nanos)
    }
}

/// Read the content octets of a UTCTime (`tag` 0x17) or GeneralizedTime (0x18): the DER
/// form, or what `leniency` adds to it. `None` for anything else, other tags included.
pub(crate) fn parse(tag: u8, content: &[u8], leniency: Leniency) -> Option<Time> {
    if let Some(secs) = der_secs(tag, content) {
        return Some(Time { secs, nanos: 0 });
    }
    match leniency {
        Leniency::Fraction if tag == TAG_GENERALIZED_TIME => fraction(content),
        Leniency::Fraction => None,
        Leniency::X509Parser => x509_parser_secs(tag, content).map(|secs| Time { secs, nanos: 0 }),
        Leniency::Ber => ber(tag, content),
    }
}

/// Is this the DER form of a UTCTime or GeneralizedTime (checked, not converted)?
#[inline]
pub(crate) fn is_der(tag: u8, content: &[u8]) -> bool {
    match (tag, content.len()) {
        (TAG_UTC_TIME, 13) => der_fields(content, false).is_some(),
        (TAG_GENERALIZED_TIME, 15) => der_fields(content, true).is_some(),
        _ => false,
    }
}

/// The DER form of a UTCTime or GeneralizedTime as Unix seconds.
#[inline]
pub(crate) fn der_secs(tag: u8, content: &[u8]) -> Option<i64> {
    let [year, month, day, hour, minute, second] = match (tag, content.len()) {
        (TAG_UTC_TIME, 13) => der_fields(content, false)?,
        (TAG_GENERALIZED_TIME, 15) => der_fields(content, true)?,
        _ => return None,
    };
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// [year, month, day, hour, minute, second] of `YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ`,
/// range-checked (UTCTime years 50-99 are 19xx).
#[inline]
fn der_fields(c: &[u8], generalized: bool) -> Option<[i64; 6]> {
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
fn two_digits(a: u8, b: u8) -> Option<i64> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    if a > 9 || b > 9 {
        return None;
    }
    Some(i64::from(a * 10 + b))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// [`Leniency::Fraction`]: `YYYYMMDDHHMMSS.f+Z` (the form without a fraction is DER).
fn fraction(content: &[u8]) -> Option<Time> {
    let (whole, rest) = content.split_at_checked(14)?;
    let digits = rest.strip_prefix(b".")?.strip_suffix(b"Z")?;
    if digits.is_empty()
        || digits.len() > 9
        || digits.ends_with(b"0")
        || !digits.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let mut der = [b'Z'; 15];
    der[..14].copy_from_slice(whole);
    let secs = der_secs(TAG_GENERALIZED_TIME, &der)?;
    let nanos = digits
        .iter()
        .chain(std::iter::repeat(&b'0'))
        .take(9)
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    Some(Time { secs, nanos })
}

/// [`Leniency::X509Parser`]: what x509-parser 0.18's `ASN1Time::from_der` (through
/// asn1-rs 0.7) read, reimplemented here so that the crate has one time parser and no
/// dependency for it. Contents shorter than 128 octets of visible characters (0x20-0x7F):
///
/// * UTCTime `YYMMDDhhmm[ss](Z|±hhmm)`: the seconds are optional before `Z` only (before an
///   offset their absence is refused, as asn1-rs read the offset's first two characters as
///   seconds); an offset's hours at most 25 and minutes at most 59 (the `time` crate's
///   bounds), its minutes taking its sign (asn1-rs lost the sign of `-00mm`, read as
///   `+00mm`; that one form is read as what it says); years 50-99 are 19xx;
/// * GeneralizedTime `YYYYMMDDhhmm[ss][.f{0,3}]Z`: DER's `Z` and point required (asn1-rs's
///   DER constraints), at most three fraction digits (dropped).
///
/// Every date is checked against its month (leap years included), no second 60. The test
/// `x509_parser_equivalence` compares it with x509-parser itself.
#[cold]
fn x509_parser_secs(tag: u8, content: &[u8]) -> Option<i64> {
    if content.len() >= 0x80 || !content.iter().all(|b| (0x20..=0x7F).contains(b)) {
        return None;
    }
    let generalized = match tag {
        TAG_UTC_TIME => false,
        TAG_GENERALIZED_TIME => true,
        _ => return None,
    };
    if generalized && (content.last() != Some(&b'Z') || content.contains(&b',')) {
        return None;
    }
    let digits = |s: &[u8]| -> Option<i64> {
        match *s {
            [a, b] => two_digits(a, b),
            _ => None,
        }
    };
    let year_len = if generalized { 4 } else { 2 };
    let fields = content.get(..year_len + 8)?;
    let mut rem = content.get(year_len + 8..)?;
    let year = if generalized {
        digits(fields.get(0..2)?)? * 100 + digits(fields.get(2..4)?)?
    } else {
        let yy = digits(fields.get(0..2)?)?;
        if yy >= 50 {
            1900 + yy
        } else {
            2000 + yy
        }
    };
    let f = |i: usize| digits(fields.get(year_len + i..year_len + i + 2)?);
    let (month, day, hour, minute) = (f(0)?, f(2)?, f(4)?, f(6)?);
    if rem.is_empty() {
        return None;
    }
    let mut second = 0;
    if let Some(s) = rem.get(..2) {
        second = digits(s)?;
        rem = &rem[2..];
    }
    if month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let offset = if generalized {
        if let Some(fraction) = rem.strip_prefix(b".") {
            // Up to three digits, then the `Z` (no digit at all is read as zero).
            let n = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if n > 3 {
                return None;
            }
            rem = &fraction[n..];
        }
        match rem {
            b"Z" => 0,
            _ => return None,
        }
    } else {
        match rem {
            b"Z" => 0,
            [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
                let (h, m) = (two_digits(*h1, *h2)?, two_digits(*m1, *m2)?);
                if h > 25 || m > 59 {
                    return None;
                }
                let s = (h * 60 + m) * 60;
                if *sign == b'+' {
                    s
                } else {
                    -s
                }
            }
            _ => return None,
        }
    };
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offset)
}

/// [`Leniency::Ber`]: `YYMMDDhhmm[ss](Z|±hhmm)` (UTCTime) or
/// `YYYYMMDDhhmm[ss][(.|,)f+](Z|±hhmm)` (GeneralizedTime), the fraction dropped.
fn ber(tag: u8, content: &[u8]) -> Option<Time> {
    let generalized = match tag {
        TAG_UTC_TIME => false,
        TAG_GENERALIZED_TIME => true,
        _ => return None,
    };
    let text = std::str::from_utf8(content).ok()?;
    if !text.is_ascii() || text.len() > 40 {
        return None;
    }
    let digits = |s: &str| -> Option<u32> {
        if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            s.parse().ok()
        } else {
            None
        }
    };
    let (year, rest) = if generalized {
        (digits(text.get(0..4)?)? as i32, &text[4..])
    } else {
        let yy = digits(text.get(0..2)?)? as i32;
        (if yy < 50 { 2000 + yy } else { 1900 + yy }, &text[2..])
    };
    let field = |i: usize| rest.get(i..i + 2).and_then(digits);
    let month = field(0)?;
    let day = field(2)?;
    let hour = field(4)?;
    let minute = field(6)?;
    let mut tail = rest.get(8..)?;
    let mut second = 0;
    if let Some(s) = tail.get(0..2).and_then(digits) {
        second = s;
        tail = &tail[2..];
    }
    if generalized && (tail.starts_with('.') || tail.starts_with(',')) {
        let frac = tail[1..].bytes().take_while(u8::is_ascii_digit).count();
        if frac == 0 {
            return None;
        }
        tail = &tail[1 + frac..];
    }
    let offset_secs: i64 = match tail {
        "Z" => 0,
        t if t.len() == 5 && (t.starts_with('+') || t.starts_with('-')) => {
            let h = i64::from(digits(&t[1..3])?);
            let m = i64::from(digits(&t[3..5])?);
            if h > 23 || m > 59 {
                return None;
            }
            let s = (h * 60 + m) * 60;
            if t.starts_with('+') {
                s
            } else {
                -s
            }
        }
        _ => return None,
    };
    let naive = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    Some(Time {
        secs: naive.and_utc().timestamp() - offset_secs,
        nanos: 0,
    })
}

/// `t.to_rfc3339()` appended to `out` (`2026-01-01T00:00:00+00:00`), without `fmt` for
/// the whole seconds of the years 0..=9999 a certificate's validity holds: every verdict
/// writes its certificate's period.
pub(crate) fn push_rfc3339(out: &mut String, t: DateTime<Utc>) {
    use chrono::{Datelike as _, Timelike as _};
    let year = t.year();
    if t.nanosecond() != 0 || !(0..=9999).contains(&year) {
        out.push_str(&t.to_rfc3339());
        return;
    }
    let mut b = *b"0000-00-00T00:00:00+00:00";
    let mut put = |at: usize, width: usize, mut v: u32| {
        for k in (at..at + width).rev() {
            if let Some(d) = b.get_mut(k) {
                *d = b'0' + (v % 10) as u8;
            }
            v /= 10;
        }
    };
    put(0, 4, year.unsigned_abs());
    put(5, 2, t.month());
    put(8, 2, t.day());
    put(11, 2, t.hour());
    put(14, 2, t.minute());
    put(17, 2, t.second());
    // ASCII digits and separators only.
    out.extend(b.iter().map(|&c| char::from(c)));
}

/// Encode a time as RFC 5652 §11.3 asks of signingTime (and RFC 5280 §4.1.2.5 of
/// validity): UTCTime for 1950..2049, GeneralizedTime otherwise; whole seconds, `Z`.
pub(crate) fn encode(t: DateTime<Utc>) -> Vec<u8> {
    use chrono::Datelike as _;
    if (1950..2050).contains(&t.year()) {
        crate::ber::der(
            TAG_UTC_TIME,
            t.format("%y%m%d%H%M%SZ").to_string().as_bytes(),
        )
    } else {
        crate::ber::der(
            TAG_GENERALIZED_TIME,
            t.format("%Y%m%d%H%M%SZ").to_string().as_bytes(),
        )
    }
}

/// An xsd:dateTime with its time zone (`2026-12-05T12:19:41+06:00`, `...Z`, a fraction of
/// a second allowed), as XAdES's SigningTime and an output document's issuedAt carry it: RFC 3339's form. Without a zone
/// the instant is unknown: `None`.
pub(crate) fn xsd_date_time(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

#[cfg(test)]
mod tests;
