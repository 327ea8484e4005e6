//! `qoltanba iin check N [--json]`.

use clap::{Args, Subcommand};
use qoltanba::identity;

use crate::args::Json;
use crate::error::{self, Failure};
use crate::exit;

#[derive(Subcommand)]
pub enum IinCommand {
    /// Check an IIN or BIN: exit 0 when the check digit holds, 1 when it does not, 2 when
    /// it is not 12 digits.
    Check(CheckArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// The 12-digit number.
    pub number: String,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(cmd: IinCommand) -> u8 {
    match cmd {
        IinCommand::Check(args) => error::finish(args.output.json, check(&args)),
    }
}

fn check(args: &CheckArgs) -> Result<u8, Failure> {
    let report = identity::describe(&args.number)?;
    if args.output.json {
        outln!("{}", crate::report::json(None, &report));
    } else {
        print_report(&report);
    }
    Ok(exit::of_checksum(report.checksum_valid))
}

fn print_report(r: &identity::IdentifierReport) {
    outln!(
        "{}: check digit {}",
        r.digits,
        if r.checksum_valid { "holds" } else { "FAILS" }
    );
    if let Some(expected) = r.expected_check_digit {
        if !r.checksum_valid {
            outln!("  expected check digit {expected}, found {}", r.check_digit);
        }
    } else {
        outln!("  no check digit is possible for these first 11 digits");
    }
    outln!(
        "  kind guess: {}",
        serde_json::to_string(&r.kind_guess)
            .unwrap_or_default()
            .trim_matches('"')
    );
    let iin = &r.as_iin;
    if iin.plausible {
        outln!(
            "  as IIN: born {}, {}",
            iin.birth_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "?".into()),
            serde_json::to_string(&iin.sex)
                .unwrap_or_default()
                .trim_matches('"')
        );
    }
    let bin = &r.as_bin;
    if bin.plausible {
        outln!(
            "  as BIN: registered {:02}/{:02}, {}, {}",
            bin.registration_month.unwrap_or(0),
            bin.registration_year_two_digits.unwrap_or(0),
            serde_json::to_string(&bin.entity_type)
                .unwrap_or_default()
                .trim_matches('"'),
            serde_json::to_string(&bin.unit_kind)
                .unwrap_or_default()
                .trim_matches('"')
        );
    }
}
