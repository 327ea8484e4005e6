//! Signing times: reading a UTCTime or GeneralizedTime attribute value, and encoding one.

use chrono::{DateTime, NaiveDate, Utc};

use crate::ber::{self, tag, Tlv};

/// Read a signingTime value (UTCTime or GeneralizedTime).
pub(crate) fn read_time(value: &[u8]) -> std::result::Result<DateTime<Utc>, String> {
    let tlv = Tlv::read_exact(value, "signingTime").map_err(|e| e.to_string())?;
    if tlv.constructed {
        return Err("constructed time".into());
    }
    let text = std::str::from_utf8(tlv.content).map_err(|_| "time is not ASCII".to_string())?;
    if tlv.is_universal(tag::UTC_TIME) {
        parse_time(text, false)
    } else if tlv.is_universal(tag::GENERALIZED_TIME) {
        parse_time(text, true)
    } else {
        Err(format!("not a time ({})", tlv.describe_tag()))
    }
}

/// `YYMMDDhhmm[ss](Z|±hhmm)` (UTCTime) or `YYYYMMDDhhmm[ss][.f*](Z|±hhmm)` (GeneralizedTime).
fn parse_time(text: &str, generalized: bool) -> std::result::Result<DateTime<Utc>, String> {
    let bad = || format!("invalid time \"{}\"", text.escape_default());
    if !text.is_ascii() || text.len() > 40 {
        return Err(bad());
    }
    let digits = |s: &str| -> Option<u32> {
        if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
            s.parse().ok()
        } else {
            None
        }
    };
    let (year, rest) = if generalized {
        (
            digits(text.get(0..4).ok_or_else(bad)?).ok_or_else(bad)? as i32,
            &text[4..],
        )
    } else {
        let yy = digits(text.get(0..2).ok_or_else(bad)?).ok_or_else(bad)? as i32;
        (if yy < 50 { 2000 + yy } else { 1900 + yy }, &text[2..])
    };
    let field = |i: usize| rest.get(i..i + 2).and_then(digits);
    let month = field(0).ok_or_else(bad)?;
    let day = field(2).ok_or_else(bad)?;
    let hour = field(4).ok_or_else(bad)?;
    let minute = field(6).ok_or_else(bad)?;
    let mut tail = rest.get(8..).ok_or_else(bad)?;
    let mut second = 0;
    if let Some(s) = tail.get(0..2).and_then(digits) {
        second = s;
        tail = &tail[2..];
    }
    if generalized && (tail.starts_with('.') || tail.starts_with(',')) {
        let frac = tail[1..].bytes().take_while(u8::is_ascii_digit).count();
        if frac == 0 {
            return Err(bad());
        }
        tail = &tail[1 + frac..];
    }
    let offset_secs: i64 = match tail {
        "Z" => 0,
        t if t.len() == 5 && (t.starts_with('+') || t.starts_with('-')) => {
            let h = digits(&t[1..3]).ok_or_else(bad)? as i64;
            let m = digits(&t[3..5]).ok_or_else(bad)? as i64;
            if h > 23 || m > 59 {
                return Err(bad());
            }
            let s = (h * 60 + m) * 60;
            if t.starts_with('+') {
                s
            } else {
                -s
            }
        }
        _ => return Err(bad()),
    };
    let naive = NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, second))
        .ok_or_else(bad)?;
    Ok(naive.and_utc() - chrono::Duration::seconds(offset_secs))
}

/// Encode a signing time: UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5652 §11.3).
pub(crate) fn encode_time(t: DateTime<Utc>) -> Vec<u8> {
    use chrono::Datelike as _;
    if (1950..2050).contains(&t.year()) {
        ber::der(0x17, t.format("%y%m%d%H%M%SZ").to_string().as_bytes())
    } else {
        ber::der(0x18, t.format("%Y%m%d%H%M%SZ").to_string().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let t = |s: &str, g| parse_time(s, g).map(|d| d.to_rfc3339());
        assert_eq!(
            t("200909200314Z", false).unwrap(),
            "2020-09-09T20:03:14+00:00"
        );
        assert_eq!(
            t("491231235959Z", false).unwrap(),
            "2049-12-31T23:59:59+00:00"
        );
        assert_eq!(
            t("500101000000Z", false).unwrap(),
            "1950-01-01T00:00:00+00:00"
        );
        assert_eq!(
            t("2001010000Z", false).unwrap(),
            "2020-01-01T00:00:00+00:00"
        );
        assert_eq!(
            t("20261123000000Z", true).unwrap(),
            "2026-11-23T00:00:00+00:00"
        );
        assert_eq!(
            t("20261123060000.5+0600", true).unwrap(),
            "2026-11-23T00:00:00+00:00"
        );
        for bad in [
            "",
            "Z",
            "2013",
            "201301010000",
            "20130101000000X",
            "201302300000Z",
            "2013010100000Z",
        ] {
            assert!(t(bad, false).is_err(), "{bad}");
        }
        assert!(t("20261123000000.Z", true).is_err());
        let enc = encode_time(DateTime::from_timestamp(1_795_392_000, 0).unwrap());
        assert_eq!(read_time(&enc).unwrap().timestamp(), 1_795_392_000);
        let far = DateTime::from_timestamp(4_102_444_800, 0).unwrap(); // 2100
        assert_eq!(encode_time(far)[0], 0x18);
        assert_eq!(read_time(&encode_time(far)).unwrap(), far);
    }
}
