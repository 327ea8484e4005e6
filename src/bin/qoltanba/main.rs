//! `qoltanba`: the command line over the library. Every decision is the library's; this
//! layer only reads arguments and files, picks the time, and prints.

mod barcode;
mod cert;
mod cms;
mod document;
mod iin;
mod ocsp;
mod report;
mod tsp;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes shared by the verifying commands.
pub mod exit {
    /// Valid.
    pub const VALID: u8 = 0;
    /// Invalid.
    pub const INVALID: u8 = 1;
    /// Usage error or unreadable input.
    pub const UNREADABLE: u8 = 2;
    /// Indeterminate.
    pub const INDETERMINATE: u8 = 3;

    /// Severity for "the worst of a batch": unreadable > invalid > indeterminate > valid.
    pub fn severity(code: u8) -> u8 {
        match code {
            VALID => 0,
            INDETERMINATE => 1,
            INVALID => 2,
            _ => 3,
        }
    }

    /// The exit code of a verdict.
    pub fn of(verdict: qoltanba::Overall) -> u8 {
        match verdict {
            qoltanba::Overall::Valid => VALID,
            qoltanba::Overall::Invalid => INVALID,
            qoltanba::Overall::Indeterminate => INDETERMINATE,
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
}

#[derive(Parser)]
#[command(
    name = "qoltanba",
    version,
    about = "Verify NCA RK certificates the way Kazakh e-service regulations require"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Certificates: the certificate condition, and facts.
    #[command(subcommand)]
    Cert(cert::CertCommand),
    /// IIN / BIN check digits and facts.
    #[command(subcommand)]
    Iin(iin::IinCommand),
    /// Verify a signed request (CMS SignedData): every signer, with the certificate condition.
    Verify(Box<cms::VerifyArgs>),
    /// Sign an output document (CMS SignedData), or add a signer to one.
    Sign(Box<cms::SignArgs>),
    /// Output-document barcodes: encode a signed document, decode or verify scanned codes.
    #[command(subcommand)]
    Barcode(barcode::BarcodeCommand),
    /// Output documents: sign, encode into barcodes and lay out the printable PDF.
    #[command(subcommand)]
    Document(document::DocumentCommand),
    /// OCSP responses: prove the responder and judge a certificate.
    #[command(subcommand)]
    Ocsp(ocsp::OcspCommand),
    /// RFC 3161 time-stamps: verify a token or a TSA's response.
    #[command(subcommand)]
    Tsp(tsp::TspCommand),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::UNREADABLE
            } else {
                exit::VALID
            });
        }
    };
    let code = match cli.command {
        Command::Cert(c) => cert::run(c),
        Command::Iin(c) => iin::run(c),
        Command::Verify(a) => cms::verify(&a),
        Command::Sign(a) => cms::sign(&a),
        Command::Barcode(c) => barcode::run(c),
        Command::Document(c) => document::run(c),
        Command::Ocsp(c) => ocsp::run(c),
        Command::Tsp(c) => tsp::run(c),
    };
    ExitCode::from(code)
}
