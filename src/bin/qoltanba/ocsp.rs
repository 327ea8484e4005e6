//! `qoltanba ocsp check`: judge one certificate from one OCSP response.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use qoltanba::revocation::{ocsp_limits as limits, OcspPolicy, OcspResponse, OcspStatus};
use qoltanba::{Certificate, SignatureCheck};

use crate::args::{at_or_now, key_policy, Json};
use crate::error::{self, Failure};
use crate::{exit, files};

#[derive(Subcommand)]
pub enum OcspCommand {
    /// Prove who signed an OCSP response and judge a certificate from it: exit 0 good,
    /// 1 revoked (or --cert not issued by --issuer), 3 unknown or not proven.
    Check(CheckArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// The OCSP response (DER; - reads standard input).
    pub response: PathBuf,
    /// The certificate's issuer (the CA).
    #[arg(long, value_name = "CERT")]
    pub issuer: PathBuf,
    /// The certificate judged. It must have been issued by --issuer (its issuer name
    /// and its signature): else it is not judged from the response (exit 1, or 3 when
    /// its signature cannot be checked).
    #[arg(long, value_name = "CERT", required_unless_present = "serial")]
    pub cert: Option<PathBuf>,
    /// Or its serial number, in hexadecimal.
    #[arg(long, value_name = "HEX", conflicts_with = "cert")]
    pub serial: Option<String>,
    /// The time judged (RFC 3339); default: now.
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// How long a response without nextUpdate is taken, in hours.
    #[arg(long, value_name = "HOURS", default_value_t = 24)]
    pub max_age_hours: u32,
    /// Rely on a responder's RSA key of 1024 to 2047 bits too (archives of old
    /// responses). Without it such a response proves nothing.
    #[arg(long)]
    pub legacy_rsa_1024: bool,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(command: OcspCommand) -> u8 {
    match command {
        OcspCommand::Check(a) => error::finish(a.output.json, check(&a)),
    }
}

fn hex(s: &str) -> Option<Vec<u8>> {
    let s: String = s.chars().filter(|c| !matches!(c, ':' | ' ')).collect();
    let s = s.strip_prefix("0x").unwrap_or(&s);
    let padded = if s.len() % 2 == 1 {
        format!("0{s}")
    } else {
        s.to_string()
    };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(padded.get(i..i + 2)?, 16).ok())
        .collect()
}

/// `None` when `--issuer` issued `cert` (its issuer name is the CA's subject and its
/// signature verifies with the CA's key); otherwise the verdict is printed and its exit
/// code returned: 1 when the certificate names another issuer or its signature is proven
/// wrong under the CA's key, 3 when its signature cannot be checked. A response about the
/// CA's serial numbers says nothing of a certificate another issuer (or a forger using
/// the CA's name) made with the same serial: never GOOD for it (review 46).
fn not_issued_by(
    args: &CheckArgs,
    path: &Path,
    cert: &Certificate,
    issuer: &Certificate,
) -> Option<u8> {
    let (code, status, reason) = if !cert.issuer().matches(issuer.subject()) {
        (
            exit::INVALID,
            "not_issued_by_issuer",
            format!(
                "the certificate names the issuer {}, not --issuer's subject {}: the response \
                 says nothing of it",
                cert.issuer(),
                issuer.subject()
            ),
        )
    } else {
        match cert.is_issued_by(issuer) {
            SignatureCheck::Valid => return None,
            SignatureCheck::Invalid => (
                exit::INVALID,
                "not_issued_by_issuer",
                "the certificate's signature does not verify with --issuer's key: the CA did \
                 not issue it, and the response says nothing of it"
                    .to_string(),
            ),
            SignatureCheck::Unsupported(why) => (
                exit::INDETERMINATE,
                "indeterminate",
                format!(
                    "whether --issuer issued the certificate cannot be checked ({why}): the \
                     response proves nothing of it"
                ),
            ),
        }
    };
    if args.output.json {
        #[derive(serde::Serialize)]
        struct NotIssued<'a> {
            status: &'a str,
            reason: &'a str,
            certificate: String,
        }
        let body = NotIssued {
            status,
            reason: &reason,
            certificate: path.display().to_string(),
        };
        outln!(
            "{}",
            crate::report::json(Some(&args.response.display().to_string()), &body)
        );
    } else {
        let mark = if code == exit::INVALID {
            "NOT ISSUED BY --issuer"
        } else {
            "INDETERMINATE"
        };
        outln!("{}: {mark}: {reason}", args.response.display());
        outln!("  certificate: {}", path.display());
    }
    Some(code)
}

fn check(args: &CheckArgs) -> Result<u8, Failure> {
    let response_file = &args.response;
    files::one_stdin(
        [response_file.as_path(), args.issuer.as_path()]
            .into_iter()
            .chain(args.cert.as_deref()),
    )?;
    let at = at_or_now(args.at.as_deref())?;
    let bytes = files::read(response_file, limits::MAX_RESPONSE_LEN)
        .map_err(|e| Failure::from(e).context(response_file.display()))?;
    let response = OcspResponse::from_der(&bytes).map_err(|e| {
        let failure = Failure::from(e).context(response_file.display());
        files::misread(failure, response_file, &bytes, &files::OCSP_RESPONSE)
    })?;
    let issuer = files::certificate(&args.issuer)?;
    let serial = match (&args.cert, &args.serial) {
        (Some(p), _) => {
            let cert = files::certificate(p)?;
            // The response speaks of the issuer's serial numbers: it says something of
            // `--cert` only if `--issuer` issued it.
            if let Some(code) = not_issued_by(args, p, &cert, &issuer) {
                return Ok(code);
            }
            cert.serial().to_vec()
        }
        (None, Some(s)) => match hex(s) {
            Some(v) if !v.is_empty() => v,
            _ => return Err(Failure::usage(format!("--serial {s:?} is not hexadecimal"))),
        },
        (None, None) => return Err(Failure::usage("give --cert or --serial")),
    };
    let policy = OcspPolicy {
        max_age: chrono::Duration::hours(i64::from(args.max_age_hours)),
        keys: key_policy(args.legacy_rsa_1024),
        ..OcspPolicy::default()
    };
    let result = response.check(&issuer, &serial, at, &policy);
    let code = exit::of_ocsp(result.status());
    if args.output.json {
        outln!(
            "{}",
            crate::report::json(Some(&args.response.display().to_string()), &result)
        );
        return Ok(code);
    }
    let what = match &result.status() {
        OcspStatus::Good { this_update } => {
            format!("GOOD (thisUpdate {})", this_update.to_rfc3339())
        }
        OcspStatus::Revoked {
            time,
            reason,
            not_issued: true,
        } => format!(
            "REVOKED: the CA did not issue this certificate (RFC 6960 non-issued: {}, {})",
            time.to_rfc3339(),
            reason.map_or("no reason", |r| r.describe())
        ),
        OcspStatus::Revoked { time, reason, .. } => format!(
            "REVOKED since {} ({})",
            time.to_rfc3339(),
            reason.map_or("no reason given", |r| r.describe())
        ),
        OcspStatus::Unknown => "UNKNOWN to the responder".into(),
        OcspStatus::Indeterminate { reason } => format!("INDETERMINATE: {reason}"),
    };
    outln!("{}: {what}", args.response.display());
    if let Some(r) = &result.responder() {
        outln!("  responder: {r}");
    }
    if let Some(t) = result.produced_at() {
        outln!("  produced at: {}", t.to_rfc3339());
    }
    outln!("  judged at: {}", at.to_rfc3339());
    Ok(code)
}
