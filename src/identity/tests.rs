//! Unit tests of the parent module.

use super::*;

/// Digit values of an 11-character digit string.
fn prefix(s: &str) -> [u8; 11] {
    let v: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    v.try_into().unwrap()
}

fn first_pass(p: &[u8; 11]) -> u32 {
    weighted_mod11(p, &WEIGHTS_FIRST)
}

fn err_message(r: Result<Iin, Error>) -> String {
    match r {
        Err(Error::InvalidIdentifier(m)) => m,
        other => panic!("expected InvalidIdentifier, got {other:?}"),
    }
}

// ---- check digit -------------------------------------------------------------------

/// Hand-computed table. Worked examples:
/// - 90010130000: 9·1 + 1·4 + 1·6 + 3·7 = 40 ≡ 7 → first pass, check 7.
/// - 12345678901: first pass 296 ≡ 10; second 3+8+15+24+35+48+63+80+99+0+2 = 377 ≡ 3.
/// - 12345678902: first pass 307 ≡ 10 (digit 11 has weight 11 ≡ 0); second 379 ≡ 5.
/// - 85031540061: first 8+10+0+12+5+30+28+0+0+60+11 = 164 ≡ 10; second
///   24+20+0+18+7+40+36+0+0+6+2 = 153 ≡ 10 → no valid check digit.
#[test]
fn check_digit_table() {
    let table: &[(&str, bool, Option<u8>)] = &[
        // (first 11 digits, goes through the second pass, check digit)
        ("90010130000", false, Some(7)),
        ("88051635010", false, Some(2)),
        ("00022960123", false, Some(0)),
        ("95123140556", false, Some(9)),
        ("04061050321", false, Some(9)),
        ("19011240000", false, Some(2)),
        ("23014000123", false, Some(6)),
        ("00000000000", false, Some(0)),
        ("99999999999", false, Some(0)),
        ("12345678901", true, Some(3)),
        ("12345678902", true, Some(5)),
        ("85031540060", true, Some(8)),
        ("85031540062", true, Some(1)),
        ("85031540066", true, Some(9)),
        ("85031540061", true, None),
        ("90010100092", true, None),
        ("23054100007", true, None),
    ];
    for &(p, second, expected) in table {
        let digits = prefix(p);
        assert_eq!(first_pass(&digits) == 10, second, "pass for {p}");
        assert_eq!(check_digit(&digits), expected, "check digit for {p}");
        if let Some(d) = expected {
            let full = format!("{p}{d}");
            assert!(Iin::parse(&full).unwrap().checksum_valid(), "{full}");
            assert!(Bin::parse(&full).unwrap().checksum_valid(), "{full}");
        } else {
            // No 12th digit makes it valid.
            for d in 0..=9 {
                let iin = Iin::parse(&format!("{p}{d}")).unwrap();
                assert!(!iin.checksum_valid());
                assert_eq!(
                    iin.checksum_failure(),
                    Some(ChecksumFailure {
                        found: d,
                        expected: None
                    })
                );
            }
        }
    }
}

#[test]
fn check_digit_rejects_non_digit_values() {
    let mut p = prefix("90010130000");
    p[3] = 10;
    assert_eq!(check_digit(&p), None);
    p[3] = 255;
    assert_eq!(check_digit(&p), None);
}

#[test]
fn nca_test_identifiers_fail_check_digit() {
    for s in ["123456789011", "123456789012"] {
        let iin = Iin::parse(s).unwrap();
        assert!(!iin.checksum_valid(), "{s}");
        assert_eq!(iin.expected_check_digit(), Some(3));
    }
    let bin = Bin::parse("123456789021").unwrap();
    assert!(!bin.checksum_valid());
    assert_eq!(bin.expected_check_digit(), Some(5));
    assert_eq!(
        bin.checksum_failure(),
        Some(ChecksumFailure {
            found: 1,
            expected: Some(5)
        })
    );
    // And the report says so without refusing.
    let report = describe("123456789011").unwrap();
    assert!(!report.checksum_valid);
    assert_eq!(report.check_digit, 1);
    assert_eq!(report.expected_check_digit, Some(3));
}

#[test]
fn policy() {
    assert_eq!(ChecksumPolicy::default(), ChecksumPolicy::Lenient);
    assert!(ChecksumPolicy::Strict.is_strict());
    assert!(!ChecksumPolicy::Lenient.is_strict());
    let bad = Iin::parse("123456789011").unwrap();
    let good = Iin::parse("123456789013").unwrap();
    assert_eq!(bad.check(ChecksumPolicy::Lenient), Ok(()));
    assert_eq!(
        bad.check(ChecksumPolicy::Strict),
        Err(ChecksumFailure {
            found: 1,
            expected: Some(3)
        })
    );
    assert_eq!(good.check(ChecksumPolicy::Strict), Ok(()));
    assert_eq!(good.check(ChecksumPolicy::Lenient), Ok(()));
    let none = Bin::parse("230541000070").unwrap();
    let err = none.check(ChecksumPolicy::Strict).unwrap_err();
    assert_eq!(err.expected, None);
    assert!(err.to_string().contains("no check digit is valid"));
    assert_eq!(
        bad.check(ChecksumPolicy::Strict).unwrap_err().to_string(),
        "check digit is 1, expected 3"
    );
    assert_eq!(
        serde_json::to_string(&ChecksumPolicy::Strict).unwrap(),
        "\"strict\""
    );
    assert_eq!(
        serde_json::to_string(&ChecksumPolicy::Lenient).unwrap(),
        "\"lenient\""
    );
}

// ---- parsing -----------------------------------------------------------------------

#[test]
fn parse_trims_ascii_whitespace() {
    let iin = Iin::parse(" \t900101300007\r\n").unwrap();
    assert_eq!(iin.as_str(), "900101300007");
    // Non-ASCII whitespace is not trimmed.
    let m = err_message(Iin::parse("\u{a0}900101300007"));
    assert!(m.contains("position 1"), "{m}");
}

#[test]
fn parse_errors() {
    let m = err_message(Iin::parse(""));
    assert!(m.contains("empty"), "{m}");
    let m = err_message(Iin::parse("   \t\n"));
    assert!(m.contains("empty"), "{m}");
    let m = err_message(Iin::parse("90010130000"));
    assert!(m.contains("expected 12") && m.contains("found 11"), "{m}");
    let m = err_message(Iin::parse("9001013000071"));
    assert!(m.contains("found 13"), "{m}");
    let m = err_message(Iin::parse("90010130000x"));
    assert!(m.contains("'x'") && m.contains("position 12"), "{m}");
    let m = err_message(Iin::parse("IIN900101300007"));
    assert!(m.contains("'I'") && m.contains("position 1"), "{m}");
    let m = err_message(Iin::parse("900101 300007"));
    assert!(m.contains("' '") && m.contains("position 7"), "{m}");
    let m = err_message(Iin::parse("-90010130000"));
    assert!(m.contains("position 1"), "{m}");
    // Non-ASCII digits (Arabic-Indic, full-width) are not decimal digits here; the
    // position counts characters, not bytes.
    let m = err_message(Iin::parse("90010130000٧"));
    assert!(m.contains("position 12"), "{m}");
    let m = err_message(Iin::parse("９00101300007"));
    assert!(m.contains("position 1"), "{m}");
    // Control characters are escaped in the message.
    let m = err_message(Iin::parse("9001\u{1b}01300007"));
    assert!(m.contains("\\u{1b}") && m.contains("position 5"), "{m}");
    // The message names the type.
    assert!(err_message(Iin::parse("1")).starts_with("IIN:"));
    match Bin::parse("1") {
        Err(Error::InvalidIdentifier(m)) => assert!(m.starts_with("BIN:"), "{m}"),
        other => panic!("{other:?}"),
    }
    match describe("1") {
        Err(Error::InvalidIdentifier(m)) => assert!(m.starts_with("IIN/BIN:"), "{m}"),
        other => panic!("{other:?}"),
    }
    // FromStr goes the same way.
    assert!(matches!(
        "12345".parse::<Bin>(),
        Err(Error::InvalidIdentifier(_))
    ));
}

#[test]
fn display_fromstr_round_trip() {
    for s in [
        "900101300007",
        "123456789011",
        "000000000000",
        "999999999999",
    ] {
        let iin: Iin = s.parse().unwrap();
        assert_eq!(iin.to_string(), s);
        assert_eq!(iin.to_string().parse::<Iin>().unwrap(), iin);
        assert_eq!(iin.as_ref(), s);
        let bin: Bin = s.parse().unwrap();
        assert_eq!(bin.to_string(), s);
        assert_eq!(bin.to_string().parse::<Bin>().unwrap(), bin);
        assert_eq!(bin.to_iin(), iin);
        assert_eq!(iin.to_bin(), bin);
        assert_eq!(iin.as_bytes(), s.as_bytes());
    }
    let iin = Iin::parse("900101300007").unwrap();
    assert_eq!(format!("{iin:?}"), "Iin(\"900101300007\")");
    assert_eq!(iin.digits(), [9, 0, 0, 1, 0, 1, 3, 0, 0, 0, 0, 7]);
    assert_eq!(iin.check_digit(), 7);
    let bin = Bin::parse("230140001236").unwrap();
    assert_eq!(format!("{bin:?}"), "Bin(\"230140001236\")");
    // Ord follows the digits.
    assert!(Iin::parse("100000000000").unwrap() < Iin::parse("900000000000").unwrap());
}

// ---- IIN fields --------------------------------------------------------------------

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn iin_century_and_sex_digits() {
    let cases = [
        ('0', None, None, None),
        (
            '1',
            Some(Century::Nineteenth),
            Some(Sex::Male),
            date(1890, 1, 1),
        ),
        (
            '2',
            Some(Century::Nineteenth),
            Some(Sex::Female),
            date(1890, 1, 1),
        ),
        (
            '3',
            Some(Century::Twentieth),
            Some(Sex::Male),
            date(1990, 1, 1),
        ),
        (
            '4',
            Some(Century::Twentieth),
            Some(Sex::Female),
            date(1990, 1, 1),
        ),
        (
            '5',
            Some(Century::TwentyFirst),
            Some(Sex::Male),
            date(2090, 1, 1),
        ),
        (
            '6',
            Some(Century::TwentyFirst),
            Some(Sex::Female),
            date(2090, 1, 1),
        ),
        ('7', None, None, None),
        ('8', None, None, None),
        ('9', None, None, None),
    ];
    for (digit, century, sex, birth) in cases {
        let i = iin(&format!("900101{digit}00007"));
        assert_eq!(i.century_sex_digit(), digit.to_digit(10).unwrap() as u8);
        assert_eq!(i.century(), century, "{digit}");
        assert_eq!(i.sex(), sex, "{digit}");
        assert_eq!(i.birth_date(), birth, "{digit}");
        assert_eq!(i.plausible(), birth.is_some());
    }
    assert_eq!(Century::Nineteenth.base_year(), 1800);
    assert_eq!(Century::Twentieth.base_year(), 1900);
    assert_eq!(Century::TwentyFirst.base_year(), 2000);
}

#[test]
fn iin_birth_date_edges() {
    // 29 February: 2000 is a leap year (divisible by 400), 1900 and 1800 are not,
    // 1996 and 2004 are, 1999 is not.
    assert_eq!(iin("000229500000").birth_date(), date(2000, 2, 29));
    assert_eq!(iin("000229300000").birth_date(), None);
    assert_eq!(iin("000229100000").birth_date(), None);
    assert_eq!(iin("960229400000").birth_date(), date(1996, 2, 29));
    assert_eq!(iin("040229600000").birth_date(), date(2004, 2, 29));
    assert_eq!(iin("990229300000").birth_date(), None);
    assert_eq!(iin("990228300000").birth_date(), date(1999, 2, 28));
    // Impossible days and months.
    assert_eq!(iin("900230300000").birth_date(), None);
    assert_eq!(iin("900431300000").birth_date(), None);
    assert_eq!(iin("900430300000").birth_date(), date(1990, 4, 30));
    assert_eq!(iin("901231300000").birth_date(), date(1990, 12, 31));
    assert_eq!(iin("901232300000").birth_date(), None);
    assert_eq!(iin("901301300000").birth_date(), None);
    assert_eq!(iin("900001300000").birth_date(), None);
    assert_eq!(iin("900100300000").birth_date(), None);
    assert_eq!(iin("999999300000").birth_date(), None);
    // Range ends of each century.
    assert_eq!(iin("000101100000").birth_date(), date(1800, 1, 1));
    assert_eq!(iin("991231200000").birth_date(), date(1899, 12, 31));
    assert_eq!(iin("991231600000").birth_date(), date(2099, 12, 31));
    // A sex is known even when the date is impossible.
    let i = iin("901301400000");
    assert_eq!(i.sex(), Some(Sex::Female));
    assert!(!i.plausible());
}

#[test]
fn iin_registration_number() {
    let i = iin("900101312347");
    assert_eq!(i.registration_number(), "1234");
}

// ---- BIN fields --------------------------------------------------------------------

fn bin(s: &str) -> Bin {
    Bin::parse(s).unwrap()
}

#[test]
fn bin_fields() {
    let b = bin("230140001236");
    assert!(b.checksum_valid());
    assert_eq!(b.registration_year_two_digits(), Some(23));
    assert_eq!(b.registration_month(), Some(1));
    assert_eq!(b.entity_type(), EntityType::ResidentLegalEntity);
    assert_eq!(b.entity_type_digit(), 4);
    assert_eq!(b.unit_kind(), UnitKind::HeadOffice);
    assert_eq!(b.unit_kind_digit(), 0);
    assert_eq!(b.serial(), "00123");
    assert!(b.plausible());

    assert_eq!(bin("991251000000").registration_month(), Some(12));
    assert_eq!(bin("991251000000").registration_year_two_digits(), Some(99));
    assert_eq!(bin("000140000000").registration_year_two_digits(), Some(0));
    for mm in ["00", "13", "99"] {
        let b = bin(&format!("23{mm}40000000"));
        assert_eq!(b.registration_month(), None, "{mm}");
        assert_eq!(b.registration_year_two_digits(), None, "{mm}");
        assert!(!b.plausible());
    }

    let entity = [
        (0, EntityType::Unknown(0)),
        (1, EntityType::Unknown(1)),
        (3, EntityType::Unknown(3)),
        (4, EntityType::ResidentLegalEntity),
        (5, EntityType::NonResidentLegalEntity),
        (6, EntityType::IndividualEntrepreneur),
        (7, EntityType::Unknown(7)),
        (9, EntityType::Unknown(9)),
    ];
    for (d, e) in entity {
        let b = bin(&format!("2301{d}0000000"));
        assert_eq!(b.entity_type(), e);
        assert_eq!(b.plausible(), e.is_known());
    }
    let units = [
        (0, UnitKind::HeadOffice),
        (1, UnitKind::Branch),
        (2, UnitKind::RepresentativeOffice),
        (3, UnitKind::PeasantFarm),
        (4, UnitKind::Unknown(4)),
        (9, UnitKind::Unknown(9)),
    ];
    for (d, u) in units {
        // The unit kind does not affect plausibility.
        let b = bin(&format!("23014{d}000000"));
        assert_eq!(b.unit_kind(), u);
        assert!(b.plausible());
    }
}

// ---- report and serde --------------------------------------------------------------

#[test]
fn describe_iin() {
    let r = describe(" 900101300007 ").unwrap();
    assert_eq!(r.digits, "900101300007");
    assert!(r.checksum_valid);
    assert_eq!(r.kind_guess, KindGuess::Iin);
    assert!(r.as_iin.plausible);
    assert_eq!(r.as_iin.birth_date, date(1990, 1, 1));
    assert_eq!(r.as_iin.sex, Some(Sex::Male));
    assert!(!r.as_bin.plausible);

    let json = serde_json::to_value(&r).unwrap();
    let expected = serde_json::json!({
        "digits": "900101300007",
        "checksum_valid": true,
        "check_digit": 7,
        "expected_check_digit": 7,
        "kind_guess": "iin",
        "as_iin": {
            "plausible": true,
            "birth_date": "1990-01-01",
            "sex": "male",
            "century": "twentieth",
            "century_sex_digit": 3,
            "registration_number": "0000"
        },
        "as_bin": {
            "plausible": false,
            "registration_year_two_digits": 90,
            "registration_month": 1,
            "entity_type": {"unknown": 0},
            "unit_kind": "branch",
            "serial": "30000"
        }
    });
    assert_eq!(json, expected);
}

#[test]
fn describe_bin_and_unknown() {
    let r = describe("230140001236").unwrap();
    assert_eq!(r.kind_guess, KindGuess::Bin);
    assert!(!r.as_iin.plausible);
    assert_eq!(r.as_iin.birth_date, None);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["kind_guess"], "bin");
    assert_eq!(json["as_iin"]["birth_date"], serde_json::Value::Null);
    assert_eq!(json["as_bin"]["entity_type"], "resident_legal_entity");
    assert_eq!(json["as_bin"]["unit_kind"], "head_office");
    assert_eq!(json["as_bin"]["registration_month"], 1);
    assert_eq!(json["as_bin"]["plausible"], true);

    // The NCA test IIN: 12-34-56 is no date, 4th-digit month 34 is no month.
    let r = describe("123456789011").unwrap();
    assert_eq!(r.kind_guess, KindGuess::Unknown);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["kind_guess"], "unknown");
    assert_eq!(json["expected_check_digit"], 3);
    assert_eq!(
        json["as_bin"]["registration_month"],
        serde_json::Value::Null
    );

    // No valid check digit at all.
    let r = describe("850315400610").unwrap();
    assert!(!r.checksum_valid);
    assert_eq!(r.expected_check_digit, None);
    assert_eq!(r.kind_guess, KindGuess::Iin);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["expected_check_digit"], serde_json::Value::Null);
}

#[test]
fn serde_enums_and_identifiers() {
    let s = |v: &dyn erased::Ser| v.json();
    assert_eq!(s(&Iin::parse("900101300007").unwrap()), "\"900101300007\"");
    assert_eq!(s(&Bin::parse("230140001236").unwrap()), "\"230140001236\"");
    assert_eq!(s(&Sex::Female), "\"female\"");
    assert_eq!(s(&Century::Nineteenth), "\"nineteenth\"");
    assert_eq!(s(&Century::TwentyFirst), "\"twenty_first\"");
    assert_eq!(
        s(&EntityType::NonResidentLegalEntity),
        "\"non_resident_legal_entity\""
    );
    assert_eq!(
        s(&EntityType::IndividualEntrepreneur),
        "\"individual_entrepreneur\""
    );
    assert_eq!(s(&EntityType::Unknown(7)), "{\"unknown\":7}");
    assert_eq!(
        s(&UnitKind::RepresentativeOffice),
        "\"representative_office\""
    );
    assert_eq!(s(&UnitKind::PeasantFarm), "\"peasant_farm\"");
    assert_eq!(s(&UnitKind::Unknown(8)), "{\"unknown\":8}");
    assert_eq!(s(&KindGuess::Ambiguous), "\"ambiguous\"");
    assert_eq!(
        s(&ChecksumFailure {
            found: 1,
            expected: None
        }),
        "{\"found\":1,\"expected\":null}"
    );
}

/// A tiny helper so one closure can serialise values of different types.
mod erased {
    pub(super) trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

// ---- property-style ----------------------------------------------------------------

/// SplitMix64: deterministic, good enough to spread prefixes over the digit space.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn valid(full: &[u8; 12]) -> bool {
    let mut p = [0u8; 11];
    p.copy_from_slice(&full[..11]);
    check_digit(&p) == Some(full[11])
}

/// For 10,000 pseudo-random prefixes with a check digit: the number validates, and
/// every single-digit change is classified. The tests establish exactly which changes
/// the algorithm misses:
/// - a change of the 12th digit is always detected;
/// - a change of the 11th digit is never detected when the first pass decides the
///   check digit (weight 11 ≡ 0 mod 11), and always detected when the second decides;
/// - any other missed change moves the number from one pass to the other;
/// - such pass-switching misses do occur (so "detects all single-digit errors" is false).
#[test]
fn single_digit_changes() {
    let mut rng = SplitMix64(0x51_71_7A_6E_BA_u64);
    let mut with_digit = 0u32;
    let mut without_digit = 0u32;
    let mut second_pass = 0u32;
    let mut missed_pass_switch = 0u32;
    let mut missed_eleventh = 0u32;
    let mut detected = 0u32;
    for _ in 0..10_000 {
        let mut p = [0u8; 11];
        for d in &mut p {
            *d = (rng.next() % 10) as u8;
        }
        let Some(cd) = check_digit(&p) else {
            without_digit += 1;
            assert_eq!(first_pass(&p), 10);
            continue;
        };
        with_digit += 1;
        let orig_second = first_pass(&p) == 10;
        if orig_second {
            second_pass += 1;
        }
        let mut full = [0u8; 12];
        full[..11].copy_from_slice(&p);
        full[11] = cd;
        assert!(valid(&full));
        let text: String = full.iter().map(|d| char::from(b'0' + d)).collect();
        let parsed = Iin::parse(&text).unwrap();
        assert!(parsed.checksum_valid(), "{text}");
        assert_eq!(parsed.check(ChecksumPolicy::Strict), Ok(()));
        assert_eq!(parsed.to_string(), text);

        for pos in 0..12 {
            for v in 0..=9u8 {
                if v == full[pos] {
                    continue;
                }
                let mut changed = full;
                changed[pos] = v;
                if !valid(&changed) {
                    detected += 1;
                    continue;
                }
                // Undetected: classify.
                assert_ne!(pos, 11, "12th-digit change missed for {text}");
                let mut cp = [0u8; 11];
                cp.copy_from_slice(&changed[..11]);
                let changed_second = first_pass(&cp) == 10;
                if pos == 10 && !orig_second {
                    assert!(!changed_second);
                    missed_eleventh += 1;
                } else {
                    assert_ne!(
                        orig_second, changed_second,
                        "missed change at {pos} without a pass switch for {text}"
                    );
                    missed_pass_switch += 1;
                }
            }
        }
        // The 11th digit under the first pass: every change is missed.
        if !orig_second {
            for v in 0..=9u8 {
                let mut changed = full;
                changed[10] = v;
                assert!(valid(&changed), "{text} 11th digit → {v}");
            }
        }
    }
    assert_eq!(with_digit + without_digit, 10_000);
    // Sanity on the distribution: both passes and the no-digit case are exercised
    // (about 1/11 of prefixes reach the second pass, about 1/121 have no check digit).
    assert!(second_pass > 300, "{second_pass}");
    assert!(without_digit > 30, "{without_digit}");
    assert!(missed_eleventh > 0);
    assert!(missed_pass_switch > 0);
    assert!(detected > 0);
}

/// No number is plausible as both an IIN and a BIN (see [`KindGuess`]).
#[test]
fn never_ambiguous() {
    let mut rng = SplitMix64(7);
    for _ in 0..10_000 {
        let n = rng.next() % 1_000_000_000_000;
        let r = describe(&format!("{n:012}")).unwrap();
        assert_ne!(r.kind_guess, KindGuess::Ambiguous);
    }
    // Every IIN-plausible date with every BIN-plausible 5th digit: the 5th digit of a
    // real date's day is 0..=3, so the sets are disjoint.
    for d5 in 4..=6 {
        for c in 1..=6 {
            let r = describe(&format!("9001{d5}0{c}00000")).unwrap();
            assert!(!r.as_iin.plausible);
        }
    }
}
