//! Kazakh identification numbers: the individual IIN (ЖСН / ИИН) and the business BIN
//! (БСН / БИН), both 12 decimal digits ending in a mod-11 check digit.
//!
//! NCA RK certificates carry the holder's IIN in the subject `serialNumber` (`IIN…`) and an
//! organisation's BIN in `OU` (`BIN…`). This module reads those 12 digits, checks the check
//! digit, and decodes what the layout says (birth date and sex for an IIN; registration
//! month, entity type and unit kind for a BIN).
//!
//! Parsing deliberately does **not** enforce the check digit. The NCA's own test
//! certificates carry identifiers such as `123456789011` that fail it, and a certificate is
//! what it is whatever its identifier's check digit says: whether a bad check digit is an
//! error is a caller's [`ChecksumPolicy`], not a property of the type.
//!
//! A known weakness of the official algorithm, measured by the tests below rather than
//! assumed: the first weighting gives the 11th digit weight 11 ≡ 0 (mod 11), so when the
//! first pass decides the check digit (about 10 numbers in 11) a change of the 11th digit
//! alone is never detected; and a change that moves a number between the first and the
//! second pass can go undetected too. All other single-digit changes are detected.
//!
//! # Example
//!
//! ```
//! use qoltanba::identity::{self, Iin};
//!
//! let iin = Iin::parse("880101300123")?;
//! assert_eq!(iin.birth_date().map(|d| d.to_string()), Some("1988-01-01".to_string()));
//! // NCA test IINs fail the official check digit: parsed all the same, the failure reported.
//! assert!(!Iin::parse("123456789011")?.checksum_valid());
//! let report = identity::describe("123456789011")?;
//! println!("{report:?}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Error;

/// Number of digits in an IIN or a BIN.
pub const IDENTIFIER_LEN: usize = 12;

/// Weights of the first pass of the check-digit algorithm, for digits 1..=11.
const WEIGHTS_FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// Weights of the second pass, used only when the first pass gives 10.
const WEIGHTS_SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// Σ digit·weight mod 11. Digits are at most 255 and weights at most 11, so the sum of 11
/// terms cannot overflow `u32`.
fn weighted_mod11(digits: &[u8; 11], weights: &[u32; 11]) -> u32 {
    digits
        .iter()
        .zip(weights)
        .map(|(&d, &w)| u32::from(d) * w)
        .sum::<u32>()
        % 11
}

/// The check digit (12th digit) for the first 11 digits of an IIN or BIN, by the official
/// algorithm: weights 1..=11, sum mod 11; if that is 10, weights 3..=11,1,2, sum mod 11.
///
/// `first11` holds digit *values* (0..=9), not ASCII. Returns `None` when no valid check
/// digit exists (the second pass gives 10 as well, so no 12-digit number with this prefix
/// is valid), or when some element is not a digit value (> 9): a caller bug must not be
/// mistaken for a valid number.
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    if first11.iter().any(|&d| d > 9) {
        return None;
    }
    let first = weighted_mod11(first11, &WEIGHTS_FIRST);
    let sum = if first == 10 {
        weighted_mod11(first11, &WEIGHTS_SECOND)
    } else {
        first
    };
    if sum == 10 {
        None
    } else {
        u8::try_from(sum).ok()
    }
}

/// Whether a bad check digit is an error.
///
/// `Lenient` is the default because NCA test certificates (and some old real ones) carry
/// identifiers that fail the check digit, and refusing them would hide everything else a
/// report could say about the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecksumPolicy {
    /// A bad check digit is an error.
    Strict,
    /// A bad check digit is accepted (callers may still warn about it).
    #[default]
    Lenient,
}

impl ChecksumPolicy {
    /// `true` for [`ChecksumPolicy::Strict`].
    pub fn is_strict(self) -> bool {
        matches!(self, ChecksumPolicy::Strict)
    }
}

/// A 12th digit that does not match the check digit of the first 11.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ChecksumFailure {
    /// The 12th digit as written.
    pub found: u8,
    /// The check digit the first 11 digits call for; `None` when no digit is valid (both
    /// passes of the algorithm give 10).
    pub expected: Option<u8>,
}

impl fmt::Display for ChecksumFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.expected {
            Some(expected) => write!(f, "check digit is {}, expected {expected}", self.found),
            None => write!(
                f,
                "check digit is {}, but no check digit is valid for the first 11 digits \
                 (both weightings give 10)",
                self.found
            ),
        }
    }
}

impl std::error::Error for ChecksumFailure {}

/// Trims ASCII whitespace and reads exactly 12 ASCII digits. `what` names the identifier
/// in the error message ("IIN", "BIN", "IIN/BIN").
///
/// A non-digit is reported before a wrong length, because "character 'I' at position 1"
/// (someone pasted `IIN123…`) says more than "15 characters".
fn parse_digits(input: &str, what: &'static str) -> Result<[u8; IDENTIFIER_LEN], Error> {
    let trimmed = input.trim_matches(|c: char| c.is_ascii_whitespace());
    if trimmed.is_empty() {
        return Err(Error::InvalidIdentifier(format!(
            "{what}: empty, expected {IDENTIFIER_LEN} decimal digits"
        )));
    }
    if let Some((index, c)) = trimmed
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(Error::InvalidIdentifier(format!(
            "{what}: character {c:?} at position {} is not a decimal digit \
             (expected {IDENTIFIER_LEN} decimal digits)",
            index + 1
        )));
    }
    // Only ASCII digits are left, so the byte length is the digit count.
    let bytes = trimmed.as_bytes();
    <[u8; IDENTIFIER_LEN]>::try_from(bytes).map_err(|_| {
        Error::InvalidIdentifier(format!(
            "{what}: expected {IDENTIFIER_LEN} decimal digits, found {}",
            bytes.len()
        ))
    })
}

/// The value 0..=9 of an ASCII digit. The types below only ever hold ASCII digits; the
/// fallback to 0 keeps a broken invariant from turning into a panic or an overflow.
fn digit_value(b: u8) -> u8 {
    if b.is_ascii_digit() {
        b - b'0'
    } else {
        0
    }
}

/// Two consecutive digits at `index`, `index + 1` as a number 0..=99.
fn two_digits(digits: &[u8; IDENTIFIER_LEN], index: usize) -> u8 {
    let tens = digits.get(index).copied().map_or(0, digit_value);
    let ones = digits.get(index + 1).copied().map_or(0, digit_value);
    tens * 10 + ones
}

/// The 12 digits as `&str`. They are ASCII digits by construction; the empty fallback only
/// avoids a panic path.
fn digits_str(digits: &[u8]) -> &str {
    core::str::from_utf8(digits).unwrap_or("")
}

/// The first 11 digit values, for [`check_digit`].
fn first11_values(digits: &[u8; IDENTIFIER_LEN]) -> [u8; 11] {
    let mut out = [0u8; 11];
    for (o, &b) in out.iter_mut().zip(digits.iter()) {
        *o = digit_value(b);
    }
    out
}

/// `None` when the 12th digit is the check digit, else what is wrong.
fn checksum_failure_of(digits: &[u8; IDENTIFIER_LEN]) -> Option<ChecksumFailure> {
    let expected = check_digit(&first11_values(digits));
    let found = digit_value(digits[IDENTIFIER_LEN - 1]);
    if expected == Some(found) {
        None
    } else {
        Some(ChecksumFailure { found, expected })
    }
}

/// The parts shared by [`Iin`] and [`Bin`]: construction, display, serde, checksums.
macro_rules! identifier_common {
    ($ty:ident, $what:literal) => {
        impl $ty {
            #[doc = concat!("Reads ", $what, " text: ASCII whitespace around it is trimmed, then exactly")]
            /// 12 ASCII decimal digits are required. The check digit is **not** enforced
            /// here; see [`ChecksumPolicy`].
            ///
            /// # Errors
            ///
            /// [`Error::InvalidIdentifier`] saying what is wrong: empty, a non-digit
            /// character (and its 1-based position after trimming), or the wrong length.
            pub fn parse(s: &str) -> Result<Self, Error> {
                parse_digits(s, $what).map($ty)
            }

            /// The 12 digits as text.
            pub fn as_str(&self) -> &str {
                digits_str(&self.0)
            }

            /// The 12 digits as ASCII bytes.
            pub fn as_bytes(&self) -> &[u8; IDENTIFIER_LEN] {
                &self.0
            }

            /// The 12 digit values, each 0..=9.
            pub fn digits(&self) -> [u8; IDENTIFIER_LEN] {
                self.0.map(digit_value)
            }

            /// The 12th digit as written.
            pub fn check_digit(&self) -> u8 {
                digit_value(self.0[IDENTIFIER_LEN - 1])
            }

            /// The check digit the first 11 digits call for; `None` when no digit is valid.
            pub fn expected_check_digit(&self) -> Option<u8> {
                check_digit(&first11_values(&self.0))
            }

            /// Whether the 12th digit is the check digit of the first 11.
            pub fn checksum_valid(&self) -> bool {
                checksum_failure_of(&self.0).is_none()
            }

            /// What is wrong with the check digit, whatever the policy; `None` when valid.
            /// Lenient callers use this to warn without refusing.
            pub fn checksum_failure(&self) -> Option<ChecksumFailure> {
                checksum_failure_of(&self.0)
            }

            /// Applies a [`ChecksumPolicy`]: under `Strict` a bad check digit is an error,
            /// under `Lenient` everything passes.
            ///
            /// # Errors
            ///
            /// The [`ChecksumFailure`] under [`ChecksumPolicy::Strict`] when the check
            /// digit is wrong.
            pub fn check(&self, policy: ChecksumPolicy) -> Result<(), ChecksumFailure> {
                match (policy, checksum_failure_of(&self.0)) {
                    (ChecksumPolicy::Strict, Some(failure)) => Err(failure),
                    _ => Ok(()),
                }
            }
        }

        impl FromStr for $ty {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self, Error> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Shows the digits, not the byte array.
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($ty)).field(&self.as_str()).finish()
            }
        }

        /// Serialised as the 12-digit string.
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    };
}

/// An individual identification number (IIN, ЖСН / ИИН): `YYMMDD` birth date, a
/// century-and-sex digit, a 4-digit registration number, a check digit.
///
/// Holds 12 ASCII digits; the check digit may be wrong (see [`ChecksumPolicy`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; IDENTIFIER_LEN]);

/// A business identification number (BIN, БСН / БИН): `YYMM` registration year and month,
/// an entity-type digit, a unit-kind digit, a 5-digit serial, a check digit.
///
/// Holds 12 ASCII digits; the check digit may be wrong (see [`ChecksumPolicy`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bin([u8; IDENTIFIER_LEN]);

identifier_common!(Iin, "IIN");
identifier_common!(Bin, "BIN");

/// Sex, from the 7th digit of an IIN (odd: male, even: female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 7th digit 1, 3 or 5.
    Male,
    /// 7th digit 2, 4 or 6.
    Female,
}

/// Century of birth, from the 7th digit of an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Century {
    /// Born 1800–1899 (7th digit 1 or 2).
    Nineteenth,
    /// Born 1900–1999 (7th digit 3 or 4).
    Twentieth,
    /// Born 2000–2099 (7th digit 5 or 6).
    TwentyFirst,
}

impl Century {
    /// The first year of the century as the IIN uses it: 1800, 1900 or 2000.
    pub fn base_year(self) -> i32 {
        match self {
            Century::Nineteenth => 1800,
            Century::Twentieth => 1900,
            Century::TwentyFirst => 2000,
        }
    }
}

/// Century and sex from an IIN's 7th digit value; `None` for 0 and 7..=9, which are used
/// e.g. for foreign citizens and say nothing about either.
fn century_sex(digit: u8) -> Option<(Century, Sex)> {
    match digit {
        1 => Some((Century::Nineteenth, Sex::Male)),
        2 => Some((Century::Nineteenth, Sex::Female)),
        3 => Some((Century::Twentieth, Sex::Male)),
        4 => Some((Century::Twentieth, Sex::Female)),
        5 => Some((Century::TwentyFirst, Sex::Male)),
        6 => Some((Century::TwentyFirst, Sex::Female)),
        _ => None,
    }
}

impl Iin {
    /// The 7th digit (century and sex), 0..=9.
    pub fn century_sex_digit(&self) -> u8 {
        digit_value(self.0[6])
    }

    /// The century of birth; `None` when the 7th digit is not 1..=6.
    pub fn century(&self) -> Option<Century> {
        century_sex(self.century_sex_digit()).map(|(c, _)| c)
    }

    /// The holder's sex; `None` when the 7th digit is not 1..=6.
    pub fn sex(&self) -> Option<Sex> {
        century_sex(self.century_sex_digit()).map(|(_, s)| s)
    }

    /// The birth date; `None` when the century is unknown or `YYMMDD` is not a real date
    /// (month 13, 30 February, 29 February of a non-leap year ...). No check against
    /// today: that would make the answer depend on the clock.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let century = self.century()?;
        let year = century.base_year() + i32::from(two_digits(&self.0, 0));
        let month = u32::from(two_digits(&self.0, 2));
        let day = u32::from(two_digits(&self.0, 4));
        NaiveDate::from_ymd_opt(year, month, day)
    }

    /// Digits 8–11, the registration number, as text.
    pub fn registration_number(&self) -> &str {
        digits_str(&self.0[7..11])
    }

    /// The same 12 digits read as a BIN (individual entrepreneurs use their IIN where a
    /// BIN is expected).
    pub fn to_bin(self) -> Bin {
        Bin(self.0)
    }

    /// Whether the IIN layout makes sense: a known century digit and a real birth date.
    pub fn plausible(&self) -> bool {
        self.birth_date().is_some()
    }
}

/// Kind of entity, from the 5th digit of a BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// 4: legal entity, resident.
    ResidentLegalEntity,
    /// 5: legal entity, non-resident.
    NonResidentLegalEntity,
    /// 6: individual entrepreneur in joint business.
    IndividualEntrepreneur,
    /// Any other digit.
    Unknown(u8),
}

impl EntityType {
    /// The entity type for a 5th-digit value.
    pub fn from_digit(digit: u8) -> Self {
        match digit {
            4 => EntityType::ResidentLegalEntity,
            5 => EntityType::NonResidentLegalEntity,
            6 => EntityType::IndividualEntrepreneur,
            d => EntityType::Unknown(d),
        }
    }

    /// `false` for [`EntityType::Unknown`].
    pub fn is_known(self) -> bool {
        !matches!(self, EntityType::Unknown(_))
    }
}

/// Kind of unit, from the 6th digit of a BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 0: head office.
    HeadOffice,
    /// 1: branch.
    Branch,
    /// 2: representative office.
    RepresentativeOffice,
    /// 3: peasant (farm) enterprise in joint business.
    PeasantFarm,
    /// Any other digit.
    Unknown(u8),
}

impl UnitKind {
    /// The unit kind for a 6th-digit value.
    pub fn from_digit(digit: u8) -> Self {
        match digit {
            0 => UnitKind::HeadOffice,
            1 => UnitKind::Branch,
            2 => UnitKind::RepresentativeOffice,
            3 => UnitKind::PeasantFarm,
            d => UnitKind::Unknown(d),
        }
    }
}

impl Bin {
    /// The registration year's last two digits (`YY`). There is no century digit in a BIN,
    /// so the full year is not known. `None` when the month is not 1..=12: then `YYMM` is
    /// not a registration date at all and `YY` cannot be trusted as a year either.
    pub fn registration_year_two_digits(&self) -> Option<u8> {
        self.registration_month()?;
        Some(two_digits(&self.0, 0))
    }

    /// The registration month 1..=12; `None` for anything else.
    pub fn registration_month(&self) -> Option<u8> {
        Some(two_digits(&self.0, 2)).filter(|m| (1..=12).contains(m))
    }

    /// The 5th digit (entity type), 0..=9.
    pub fn entity_type_digit(&self) -> u8 {
        digit_value(self.0[4])
    }

    /// The entity type.
    pub fn entity_type(&self) -> EntityType {
        EntityType::from_digit(self.entity_type_digit())
    }

    /// The 6th digit (unit kind), 0..=9.
    pub fn unit_kind_digit(&self) -> u8 {
        digit_value(self.0[5])
    }

    /// The unit kind.
    pub fn unit_kind(&self) -> UnitKind {
        UnitKind::from_digit(self.unit_kind_digit())
    }

    /// Digits 7–11, the serial number, as text.
    pub fn serial(&self) -> &str {
        digits_str(&self.0[6..11])
    }

    /// The same 12 digits read as an IIN.
    pub fn to_iin(self) -> Iin {
        Iin(self.0)
    }

    /// Whether the BIN layout makes sense: month 1..=12 and entity-type digit 4, 5 or 6.
    pub fn plausible(&self) -> bool {
        self.registration_month().is_some() && self.entity_type().is_known()
    }
}

/// Which kind a 12-digit number looks like.
///
/// Note that `Ambiguous` cannot currently occur: an IIN's 5th digit is the tens digit of a
/// real day of the month (0..=3) while a plausible BIN's is 4..=6, so no number is
/// plausible as both. It is kept so that the JSON vocabulary is stable should the
/// plausibility rules loosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KindGuess {
    /// Plausible as an IIN only.
    Iin,
    /// Plausible as a BIN only.
    Bin,
    /// Plausible as both.
    Ambiguous,
    /// Plausible as neither.
    Unknown,
}

/// Serialises an optional date as `"YYYY-MM-DD"` (or `null`) without needing chrono's
/// `serde` feature.
fn serialize_opt_date<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(&d.format("%Y-%m-%d")),
        None => serializer.serialize_none(),
    }
}

/// The number read as an IIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IinInterpretation {
    /// Known century digit and a real birth date.
    pub plausible: bool,
    /// Birth date, `"YYYY-MM-DD"` in JSON.
    #[serde(serialize_with = "serialize_opt_date")]
    pub birth_date: Option<NaiveDate>,
    /// Sex, when the 7th digit is 1..=6.
    pub sex: Option<Sex>,
    /// Century, when the 7th digit is 1..=6.
    pub century: Option<Century>,
    /// The 7th digit as written.
    pub century_sex_digit: u8,
    /// Digits 8–11.
    pub registration_number: String,
}

/// The number read as a BIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BinInterpretation {
    /// Month 1..=12 and entity-type digit 4, 5 or 6.
    pub plausible: bool,
    /// `YY` of the registration date, when the month is valid.
    pub registration_year_two_digits: Option<u8>,
    /// `MM` of the registration date, when 1..=12.
    pub registration_month: Option<u8>,
    /// From the 5th digit.
    pub entity_type: EntityType,
    /// From the 6th digit.
    pub unit_kind: UnitKind,
    /// Digits 7–11.
    pub serial: String,
}

/// Everything a 12-digit number says, for `qoltanba iin check N [--json]`.
///
/// A 12-digit number alone does not say whether it is an IIN or a BIN, so both readings
/// are given, each marked plausible or not, plus a [`KindGuess`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdentifierReport {
    /// The 12 digits.
    pub digits: String,
    /// Whether the 12th digit is the check digit.
    pub checksum_valid: bool,
    /// The 12th digit as written.
    pub check_digit: u8,
    /// The check digit the first 11 call for; `None` when none is valid.
    pub expected_check_digit: Option<u8>,
    /// Which reading is plausible.
    pub kind_guess: KindGuess,
    /// Read as an IIN.
    pub as_iin: IinInterpretation,
    /// Read as a BIN.
    pub as_bin: BinInterpretation,
}

/// Reads a 12-digit IIN or BIN and reports both interpretations.
///
/// # Errors
///
/// [`Error::InvalidIdentifier`] when `s` is not 12 decimal digits (after trimming ASCII
/// whitespace). A bad check digit is not an error: it is reported in `checksum_valid`.
pub fn describe(s: &str) -> Result<IdentifierReport, Error> {
    let digits = parse_digits(s, "IIN/BIN")?;
    let iin = Iin(digits);
    let bin = Bin(digits);
    let as_iin = IinInterpretation {
        plausible: iin.plausible(),
        birth_date: iin.birth_date(),
        sex: iin.sex(),
        century: iin.century(),
        century_sex_digit: iin.century_sex_digit(),
        registration_number: iin.registration_number().to_owned(),
    };
    let as_bin = BinInterpretation {
        plausible: bin.plausible(),
        registration_year_two_digits: bin.registration_year_two_digits(),
        registration_month: bin.registration_month(),
        entity_type: bin.entity_type(),
        unit_kind: bin.unit_kind(),
        serial: bin.serial().to_owned(),
    };
    let kind_guess = match (as_iin.plausible, as_bin.plausible) {
        (true, false) => KindGuess::Iin,
        (false, true) => KindGuess::Bin,
        (true, true) => KindGuess::Ambiguous,
        (false, false) => KindGuess::Unknown,
    };
    Ok(IdentifierReport {
        digits: iin.as_str().to_owned(),
        checksum_valid: iin.checksum_valid(),
        check_digit: iin.check_digit(),
        expected_check_digit: iin.expected_check_digit(),
        kind_guess,
        as_iin,
        as_bin,
    })
}

#[cfg(test)]
mod tests;
