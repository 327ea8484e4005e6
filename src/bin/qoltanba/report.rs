//! The report lines every command shares: under `--json` one JSON object a line, each
//! `{"schema": 1, "file": ..., <the library's own serialisation>}`; in words, one line a
//! check and the refusal in three languages.
//!
//! JSON schema 1: every object printed carries `"schema": 1`; a verdict's object is the
//! library's `Serialize` of it (`qoltanba::Verdict`, `cms::CmsVerdict`, `XmlVerdict`,
//! `tsp::TimeStampVerdict`, `profiles::RequestVerdict`, `document::CodesVerdict`,
//! `revocation::OcspCheck`, `identity::IdentifierReport`) with `file` (what was judged)
//! beside its fields; an error is `{"schema": 1, "error": {"kind", "message"}}` (with
//! `file` in a batch); `ocsp check` on a certificate `--issuer` did not issue prints
//! `{"schema": 1, "file", "status": "not_issued_by_issuer" | "indeterminate", "reason",
//! "certificate"}` (the response is not applied to it). A change to any of these shapes is
//! a new schema number.

use std::fmt::Write;

use serde::Serialize;

use qoltanba::{Check, Lang, Outcome, ReasonKind};

/// `--lang`: the language of the checks' explanations in the words output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English (the particulars alone, as they are written in English).
    En,
}

/// The language chosen for this run (set once by `main`).
static LANG: std::sync::OnceLock<LangArg> = std::sync::OnceLock::new();

/// Set the language of this run's explanations.
pub fn set_lang(lang: LangArg) {
    let _ = LANG.set(lang);
}

/// The outcome as a fixed-width mark.
pub fn mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Passed => "passed ",
        Outcome::Failed => "FAILED ",
        Outcome::Unknown => "unknown",
    }
}

/// `{indent}[mark] check: reason`, a line each; under `--lang kk|ru` the check and what
/// it found in that language first (the particulars stay as written, in English).
pub fn checks(s: &mut String, indent: &str, checks: &[Check]) {
    let lang = match LANG.get() {
        Some(LangArg::Kk) => Some(Lang::Kk),
        Some(LangArg::Ru) => Some(Lang::Ru),
        Some(LangArg::En) | None => None,
    };
    for c in checks {
        let _ = match lang {
            Some(l) if c.kind() != ReasonKind::Holds || c.outcome() != Outcome::Passed => writeln!(
                s,
                "{indent}[{}] {} — {}",
                mark(c.outcome()),
                c.explain(l),
                c.reason()
            ),
            _ => writeln!(
                s,
                "{indent}[{}] {}: {}",
                mark(c.outcome()),
                c.name().as_str(),
                c.reason()
            ),
        };
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

/// The JSON schema every `--json` object carries.
pub const SCHEMA: u32 = 1;

/// One `--json` line: `{"schema": 1, "file": file, ...body's fields}`.
pub fn json<T: Serialize>(file: Option<&str>, body: &T) -> String {
    #[derive(Serialize)]
    struct Line<'a, T: Serialize> {
        schema: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<&'a str>,
        #[serde(flatten)]
        body: &'a T,
    }
    serde_json::to_string(&Line {
        schema: SCHEMA,
        file,
        body,
    })
    .unwrap_or_default()
}
