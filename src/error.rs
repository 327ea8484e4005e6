//! The one error type for input the library could not read.
//!
//! Verdicts (invalid signature, revoked, identity mismatch, ...) are *data*, reported in
//! [`crate::verdict::Verdict`]; they never travel through this enum. An `Error` means the
//! library could not even read what it was given: malformed DER, bad PEM, a wrong password,
//! an input past a size bound.

use thiserror::Error;

/// Input the library could not read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input was empty.
    #[error("empty input")]
    Empty,
    /// The input is larger than the bound for its kind.
    #[error("input too large: {len} bytes exceeds the limit of {limit} bytes for {what}")]
    TooLarge {
        /// What was being read.
        what: &'static str,
        /// Actual length.
        len: usize,
        /// The bound.
        limit: usize,
    },
    /// Too many objects (PEM blocks, certificates, entries ...).
    #[error("too many {what}: more than {limit}")]
    TooMany {
        /// What was being counted.
        what: &'static str,
        /// The bound.
        limit: usize,
    },
    /// Neither DER, PEM nor base64 text.
    #[error("unrecognised input format for {what}: {reason}")]
    UnrecognisedFormat {
        /// What was being read.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// PEM armour that could not be read.
    #[error("bad PEM: {0}")]
    BadPem(String),
    /// Base64 text that could not be decoded.
    #[error("bad base64: {0}")]
    BadBase64(String),
    /// DER that could not be parsed (truncated, wrong tags, trailing data ...).
    #[error("malformed {what}: {reason}")]
    MalformedDer {
        /// What was being parsed.
        what: &'static str,
        /// Parser's reason.
        reason: String,
    },
    /// An IIN/BIN that is not 12 decimal digits.
    #[error("invalid identifier: {0}")]
    InvalidIdentifier(String),
    /// A time string that could not be read.
    #[error("invalid time: {0}")]
    InvalidTime(String),
    /// A parameter outside its bounds (a barcode's module size or chunk size ...): the
    /// caller's mistake, refused before any work.
    #[error("{what} {value} is out of range: it must be {min}..={max}")]
    OutOfRange {
        /// The parameter.
        what: &'static str,
        /// The value given.
        value: u64,
        /// The smallest value accepted.
        min: u64,
        /// The largest value accepted.
        max: u64,
    },
    /// A password-protected container (PKCS#12, encrypted PKCS#8) did not open with the
    /// password given (its MAC or padding check failed).
    #[error("wrong password for {0}")]
    WrongPassword(&'static str),
    /// A well-formed input uses an algorithm or feature the library does not implement
    /// (only for input that must be *read*, e.g. a key's encryption; an unsupported
    /// signature algorithm is a verdict, not an error).
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// A folder given as input that holds nothing of what was asked for (no certificate in
    /// a folder of trust anchors, no CRL in a folder of CRLs ...): a wrong path or a
    /// download that did not happen, never an empty, and so harmless-looking, batch.
    #[error("no {what} found in {path}")]
    NothingFound {
        /// What the folder should have held.
        what: &'static str,
        /// The folder.
        path: String,
    },
    /// A file or folder that could not be read.
    #[error("cannot read {path}: {reason}")]
    Io {
        /// The path.
        path: String,
        /// OS reason.
        reason: String,
    },
}

/// Result alias for this crate.
pub type Result<T> = core::result::Result<T, Error>;
