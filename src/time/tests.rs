use super::*;

fn rfc3339(tag: u8, s: &str, leniency: Leniency) -> Option<String> {
    parse(tag, s.as_bytes(), leniency)?
        .to_datetime()
        .map(|d| d.to_rfc3339())
}

#[test]
fn push_rfc3339_is_to_rfc3339() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut times: Vec<DateTime<Utc>> = [
        "0000-01-01T00:00:00Z",
        "1950-01-01T00:00:00Z",
        "2049-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z",
        "2026-02-28T12:00:00.5Z",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect();
    for _ in 0..5000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // -1000..11000 years around the epoch's era, whole seconds mostly.
        let secs = (x % (12_000 * 366 * 86_400)) as i64 - 63_000_000_000;
        let nanos = if x.is_multiple_of(7) {
            (x >> 40) as u32 % 1_000_000_000
        } else {
            0
        };
        if let Some(t) = DateTime::from_timestamp(secs, nanos) {
            times.push(t);
        }
    }
    for t in times {
        let mut s = String::from("x");
        push_rfc3339(&mut s, t);
        assert_eq!(s, format!("x{}", t.to_rfc3339()));
    }
}

#[test]
fn der_matches_chrono() {
    for s in [
        "19700101000000Z",
        "19691231235959Z",
        "20000229123456Z",
        "21000301000000Z",
        "16000229000000Z",
        "99991231235959Z",
    ] {
        let secs = der_secs(TAG_GENERALIZED_TIME, s.as_bytes()).unwrap();
        let expected = chrono::NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%SZ")
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(secs, expected, "{s}");
    }
}

#[test]
fn der_forms() {
    let utc = |s: &str| der_secs(TAG_UTC_TIME, s.as_bytes());
    assert_eq!(utc("491231235959Z"), Some(2_524_607_999));
    assert_eq!(utc("500101000000Z"), Some(-631_152_000));
    assert!(utc("240229000000Z").is_some());
    for bad in [
        "230229000000Z",
        "231301000000Z",
        "2301010000Z0Z",
        "230101246000Z",
        "230101000060Z",
        "2301010000Z",
        "230101000000+0000",
    ] {
        assert_eq!(utc(bad), None, "{bad}");
        assert!(!is_der(TAG_UTC_TIME, bad.as_bytes()), "{bad}");
    }
    assert_eq!(der_secs(0x04, b"230101000000Z"), None);
}

// Moved from `cms/parse/time.rs` (signingTime).
#[test]
fn ber_forms() {
    let t = |s: &str, generalized: bool| {
        let tag = if generalized {
            TAG_GENERALIZED_TIME
        } else {
            TAG_UTC_TIME
        };
        rfc3339(tag, s, Leniency::Ber).ok_or(())
    };
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
    let enc = encode(DateTime::from_timestamp(1_795_392_000, 0).unwrap());
    assert_eq!(enc[0], TAG_UTC_TIME);
    assert_eq!(
        parse(enc[0], &enc[2..], Leniency::Ber).unwrap().secs,
        1_795_392_000
    );
    let far = DateTime::from_timestamp(4_102_444_800, 0).unwrap(); // 2100
    let enc = encode(far);
    assert_eq!(enc[0], TAG_GENERALIZED_TIME);
    assert_eq!(
        parse(enc[0], &enc[2..], Leniency::Ber)
            .unwrap()
            .to_datetime(),
        Some(far)
    );
}

#[test]
fn fraction_forms() {
    let g = |s: &str| parse(TAG_GENERALIZED_TIME, s.as_bytes(), Leniency::Fraction);
    assert_eq!(g("20261120100000Z").unwrap().nanos, 0);
    assert_eq!(g("20261120100000.25Z").unwrap().nanos, 250_000_000);
    assert_eq!(g("20261120100000.123456789Z").unwrap().nanos, 123_456_789);
    for bad in [
        "20261120100000.Z",
        "20261120100000.250Z",
        "20261120100000,25Z",
        "20261120100000.1234567891Z",
        "202611201000.5Z",
        "20261120100000.5",
        "20261120100060.5Z",
        "20261120100000.5+0000",
    ] {
        assert_eq!(g(bad), None, "{bad}");
    }
    // UTCTime is DER only.
    assert_eq!(
        parse(TAG_UTC_TIME, b"261120100000.5Z", Leniency::Fraction),
        None
    );
}

#[test]
fn x509_parser_forms() {
    let x = |tag: u8, s: &str| parse(tag, s.as_bytes(), Leniency::X509Parser).map(|t| t.secs);
    assert_eq!(x(TAG_UTC_TIME, "700101000000Z"), Some(0));
    // What x509-parser adds: a fraction (dropped), UTCTime without seconds or with an
    // offset.
    assert_eq!(x(TAG_GENERALIZED_TIME, "19700101000001.5Z"), Some(1));
    assert_eq!(x(TAG_UTC_TIME, "7001010001Z"), Some(60));
    assert_eq!(x(TAG_UTC_TIME, "700101000000+0100"), Some(-3600));
    assert_eq!(x(TAG_GENERALIZED_TIME, "19700101000001,5Z"), None);
    assert_eq!(x(TAG_UTC_TIME, "7001010000Z0Z"), None);
    assert_eq!(x(0x04, "700101000000Z"), None);
}

/// The old implementation of [`Leniency::X509Parser`]: x509-parser's own reader.
fn x509_parser_oracle(tag: u8, content: &[u8]) -> Option<i64> {
    use x509_parser::prelude::FromDer;
    use x509_parser::time::ASN1Time;
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

/// The reimplementation against x509-parser: every combination of the forms' parts
/// (dates at month ends and in leap years, seconds, fractions, zones, offsets at and
/// beyond their bounds), and deterministic mutations of them.
#[test]
fn x509_parser_equivalence() {
    let mut cases: Vec<(u8, Vec<u8>)> = Vec::new();
    let dates_utc = [
        "700101", "000229", "010229", "491231", "500101", "991231", "240230", "241301", "240000",
        "240431", "2401 1", "-40101",
    ];
    let dates_gen = [
        "19700101", "00000229", "19000229", "20000229", "99991231", "21000229", "20241301",
        "20240100", "16000229",
    ];
    let times = ["0000", "2359", "2400", "2360", "1234"];
    let secs = ["", "00", "59", "60", "5", "+0"];
    let fracs = ["", ".", ".5", ".50", ".123", ".1234", ",5", ".Z"];
    let zones = [
        "Z", "+0000", "-0000", "+0530", "-0530", "+2500", "+2600", "-2559", "+0060", "+05", "z",
        "", "ZZ", "+0530Z",
    ];
    for d in dates_utc {
        for t in times {
            for s in secs {
                for z in zones {
                    cases.push((TAG_UTC_TIME, format!("{d}{t}{s}{z}").into_bytes()));
                }
            }
        }
    }
    for d in dates_gen {
        for t in times {
            for s in secs {
                for f in fracs {
                    for z in zones {
                        cases.push((
                            TAG_GENERALIZED_TIME,
                            format!("{d}{t}{s}{f}{z}").into_bytes(),
                        ));
                    }
                }
            }
        }
    }
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base: Vec<(u8, Vec<u8>)> = cases.clone();
    for (tag, c) in &base {
        for _ in 0..4 {
            let mut m = c.clone();
            if m.is_empty() {
                continue;
            }
            let i = (next() % m.len() as u64) as usize;
            m[i] = b"0123456789Z+-.,\x00\x7f "[(next() % 17) as usize];
            cases.push((*tag, m));
        }
    }
    let mut differences = Vec::new();
    for (tag, c) in &cases {
        let new = x509_parser_secs(*tag, c);
        let old = x509_parser_oracle(*tag, c);
        // Where the DER form reads, both paths take it first: only the rest matters.
        // Finding: asn1-rs negates an offset's hours only, so `-00mm` read as `+00mm`;
        // it is read as what it says now.
        let minus_zero_hours = c.len() >= 5 && c[c.len() - 5..].starts_with(b"-00");
        if new != old && der_secs(*tag, c).is_none() && !minus_zero_hours {
            differences.push(format!(
                "{tag} {:?}: {old:?} then, {new:?} now",
                String::from_utf8_lossy(c)
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} differ: {:?}",
        differences.len(),
        cases.len(),
        &differences[..differences.len().min(20)]
    );
}

#[test]
fn xsd_date_times() {
    let t = |s: &str| xsd_date_time(s).map(|t| t.with_timezone(&Utc).to_rfc3339());
    assert_eq!(
        t("2026-12-05T12:19:41+06:00").as_deref(),
        Some("2026-12-05T06:19:41+00:00")
    );
    assert_eq!(
        t("2026-12-05T12:19:41.25Z").as_deref(),
        Some("2026-12-05T12:19:41.250+00:00")
    );
    // Without a zone the instant is unknown; not a date-time at all.
    assert_eq!(t("2026-12-05T12:19:41"), None);
    assert_eq!(t("yesterday"), None);
}
