//! Exit codes, derived in one place from what the library decided.
//!
//! 0 valid, 1 invalid, 2 usage error or unreadable input, 3 indeterminate.

use qoltanba::revocation::OcspStatus;
use qoltanba::Overall;

/// Valid.
pub const VALID: u8 = 0;
/// Invalid.
pub const INVALID: u8 = 1;
/// Usage error or unreadable input.
pub const UNREADABLE: u8 = 2;
/// Indeterminate.
pub const INDETERMINATE: u8 = 3;

/// The exit code of a verdict.
pub fn of(verdict: Overall) -> u8 {
    match verdict {
        Overall::Valid => VALID,
        Overall::Invalid => INVALID,
        Overall::Indeterminate => INDETERMINATE,
    }
}

/// The exit code of an OCSP status: good 0, revoked 1, unknown or not proven 3.
pub fn of_ocsp(status: &OcspStatus) -> u8 {
    match status {
        OcspStatus::Good { .. } => VALID,
        OcspStatus::Revoked { .. } => INVALID,
        OcspStatus::Unknown | OcspStatus::Indeterminate { .. } => INDETERMINATE,
    }
}

/// The exit code of a check digit: holds 0, fails 1.
pub fn of_checksum(valid: bool) -> u8 {
    if valid {
        VALID
    } else {
        INVALID
    }
}

/// Severity for "the worst of a batch": unreadable > invalid > indeterminate > valid.
fn severity(code: u8) -> u8 {
    match code {
        VALID => 0,
        INDETERMINATE => 1,
        INVALID => 2,
        _ => 3,
    }
}

/// The worse of two exit codes.
pub fn worst(a: u8, b: u8) -> u8 {
    if severity(b) > severity(a) {
        b
    } else {
        a
    }
}
