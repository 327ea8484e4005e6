//! Why a command could not give a verdict, and how that is said: a `qoltanba: ...` line on
//! standard error always and, with `--json`, one object on standard output,
//! `{"schema":1,"error":{"kind":"...","message":"..."}}`. The exit code is
//! [`exit::UNREADABLE`] (2) whatever the kind.

use serde::Serialize;

use crate::exit;

/// The version of the error object's shape.
use crate::report::SCHEMA;

/// What went wrong, for a program reading the JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The arguments: a malformed option value, options that do not go together, an
    /// unknown profile, a folder holding nothing to use, standard input named twice.
    Usage,
    /// An input that could not be read or decoded.
    Unreadable,
    /// An input of another kind than expected (a key store given as a certificate ...).
    WrongKind,
    /// A key that did not open with the password given.
    WrongPassword,
    /// A well-formed input using what the library does not implement.
    Unsupported,
    /// An output that could not be written.
    Output,
}

impl Cause {
    /// The kind of a library error.
    fn of(e: &qoltanba::Error) -> Cause {
        use qoltanba::Error as E;
        match e {
            E::InvalidIdentifier(_) | E::InvalidTime(_) | E::OutOfRange { .. } => Cause::Usage,
            E::NothingFound { .. } => Cause::Usage,
            E::WrongPassword(_) => Cause::WrongPassword,
            E::Unsupported(_) => Cause::Unsupported,
            _ => Cause::Unreadable,
        }
    }
}

/// A command's failure.
#[derive(Debug, Serialize)]
pub struct Failure {
    pub kind: Cause,
    pub message: String,
    /// What the input is, when it is not what was expected ([`Cause::WrongKind`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<&'static str>,
    /// Each problem found, when there are several (a barcode set): one line each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

impl Failure {
    pub fn new(kind: Cause, message: impl std::fmt::Display) -> Failure {
        Failure {
            kind,
            message: message.to_string(),
            found: None,
            problems: Vec::new(),
        }
    }

    pub fn usage(message: impl std::fmt::Display) -> Failure {
        Failure::new(Cause::Usage, message)
    }

    pub fn unreadable(message: impl std::fmt::Display) -> Failure {
        Failure::new(Cause::Unreadable, message)
    }

    /// `label: message`.
    pub fn context(mut self, label: impl std::fmt::Display) -> Failure {
        self.message = format!("{label}: {}", self.message);
        self
    }

    /// Print it (with `json`, on standard output too) and return the exit code.
    pub fn print(&self, json: bool) -> u8 {
        for p in &self.problems {
            errln!("qoltanba: {p}");
        }
        errln!("qoltanba: {}", self.message);
        if json {
            self.print_json();
        }
        exit::UNREADABLE
    }

    /// `{"schema":1,"error":{...}}`, a line on standard output.
    fn print_json(&self) {
        #[derive(Serialize)]
        struct Document<'a> {
            schema: u32,
            error: &'a Failure,
        }
        let doc = Document {
            schema: SCHEMA,
            error: self,
        };
        outln!("{}", serde_json::to_string(&doc).unwrap_or_default());
    }
}

impl From<qoltanba::Error> for Failure {
    fn from(e: qoltanba::Error) -> Failure {
        Failure::new(Cause::of(&e), e)
    }
}

/// A command's outcome: its exit code, or its failure printed.
pub fn finish(json: bool, result: Result<u8, Failure>) -> u8 {
    result.unwrap_or_else(|f| f.print(json))
}

/// A command line clap refused: clap's own message on standard error and, when the line
/// asks for `--json`, the usage error on standard output. `--help` and `--version` exit 0.
pub fn command_line(e: &clap::Error) -> u8 {
    let _ = e.print();
    if !e.use_stderr() {
        return exit::VALID;
    }
    let json = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json");
    if json {
        // clap's message: its lines up to the usage, without the `error: ` mark.
        let rendered = e.render().to_string();
        let message: Vec<&str> = rendered
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
            .collect();
        let message = message.join(" ");
        Failure::usage(message.strip_prefix("error: ").unwrap_or(&message)).print_json();
    }
    exit::UNREADABLE
}
