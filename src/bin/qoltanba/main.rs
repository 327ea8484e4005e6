//! `qoltanba`: the command line over the library. Every decision is the library's; this
//! layer only reads arguments and files, picks the time, and prints.
//!
//! The commands, a file each: `cert` (verify, info), `iin`, `verify` (CMS, signed XML,
//! profiles), `sign`, `barcode`, `document`, `ocsp`, `tsp`, `profiles` (list, show). Shared: `args` (argument
//! groups), `files` (all reading of files), `error` (failures, in JSON too), `exit` (exit
//! codes), `report` (the lines every verdict prints).

#![forbid(unsafe_code)]

#[macro_use]
mod out;

mod args;
mod barcode;
mod cert;
mod document;
mod error;
mod exit;
mod files;
mod iin;
mod ocsp;
mod profiles;
mod report;
#[cfg(feature = "server")]
mod serve;
mod sign;
mod tsp;
mod verify;

use std::process::ExitCode;

/// With the service built in, mimalloc (see Cargo.toml: the served rate rose by a quarter).
#[cfg(feature = "server")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "qoltanba",
    version,
    about = "Verify NCA RK certificates the way Kazakh e-service regulations require"
)]
struct Cli {
    /// The language of each check's explanation in the words output (kk, ru; en gives the
    /// particulars only); JSON carries every check's typed `kind` whatever this is.
    #[arg(long, global = true, value_enum, default_value = "en")]
    lang: report::LangArg,
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
    Verify(Box<verify::VerifyArgs>),
    /// Sign an output document (CMS SignedData), or add a signer to one.
    Sign(Box<sign::SignArgs>),
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
    /// The HTTP service: NCANode's routes and the library's own (feature `server`).
    #[cfg(feature = "server")]
    Serve(Box<serve::ServeArgs>),
    /// The regulation profiles: list them, show one with its decree.
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return ExitCode::from(error::command_line(&e)),
    };
    report::set_lang(cli.lang);
    ExitCode::from(match cli.command {
        Command::Cert(c) => cert::run(c),
        Command::Iin(c) => iin::run(c),
        Command::Verify(a) => verify::run(&a),
        Command::Sign(a) => sign::run(&a),
        Command::Barcode(c) => barcode::run(c),
        Command::Document(c) => document::run(c),
        Command::Ocsp(c) => ocsp::run(c),
        Command::Tsp(c) => tsp::run(c),
        #[cfg(feature = "server")]
        Command::Serve(a) => serve::run(&a),
        Command::Profiles(c) => profiles::run(c),
    })
}
