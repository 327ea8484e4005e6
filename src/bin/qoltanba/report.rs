//! The human-readable report lines every verifying command shares: one line a check, and
//! the refusal in three languages.

use std::fmt::Write;

use qoltanba::{Check, Outcome};

/// The outcome as a fixed-width mark.
pub fn mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Passed => "passed ",
        Outcome::Failed => "FAILED ",
        Outcome::Unknown => "unknown",
    }
}

/// `{indent}[mark] check: reason`, a line each.
pub fn checks(s: &mut String, indent: &str, checks: &[Check]) {
    for c in checks {
        let _ = writeln!(
            s,
            "{indent}[{}] {}: {}",
            mark(c.outcome()),
            c.name().as_str(),
            c.reason()
        );
    }
}

/// What became of every CRL supplied: used for a status, or why not (none is dropped
/// silently).
pub fn crls(s: &mut String, indent: &str, crls: &[qoltanba::revocation::CrlUse]) {
    for c in crls {
        let _ = writeln!(
            s,
            "{indent}{} {}: {}",
            if c.used() {
                "CRL used:    "
            } else {
                "CRL not used:"
            },
            c.crl(),
            c.note()
        );
    }
}

/// The refusal text, in Kazakh, Russian and English.
pub fn refusal(s: &mut String, kk: &str, ru: &str, en: &str) {
    let _ = writeln!(s, "  refusal (kk): {kk}");
    let _ = writeln!(s, "  refusal (ru): {ru}");
    let _ = writeln!(s, "  refusal (en): {en}");
}
