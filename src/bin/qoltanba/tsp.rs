//! `qoltanba tsp verify`: an RFC 3161 time-stamp token or response.

use qoltanba::Judged as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use qoltanba::tsp::{limits, Imprinted, PkiStatusInfo, TimeStampVerdict, TspMessage};
use qoltanba::Overall;
use serde::Serialize;

use crate::args::{at_or_now, Json, TrustArgs};
use crate::error::{self, Failure};
use crate::{exit, files, report};

/// Largest time-stamped data read with --data.
const MAX_DATA: usize = 1 << 30;

#[derive(Subcommand)]
pub enum TspCommand {
    /// Verify a time-stamp token or a TimeStampResp (detected): the TSA's signature, its
    /// certificate (extKeyUsage timeStamping, critical) at genTime, and the imprint against
    /// --data or --digest. Exit 0 valid, 1 invalid (or refused by the TSA), 3 indeterminate.
    Verify(VerifyArgs),
}

#[derive(Args)]
pub struct VerifyArgs {
    /// The token or response (DER, or base64 text; - reads standard input).
    pub token: PathBuf,
    /// The time-stamped data: hashed with the imprint's algorithm and compared (- reads
    /// standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "digest")]
    pub data: Option<PathBuf>,
    /// Or its digest (hex), computed with the imprint's algorithm.
    #[arg(long, value_name = "HEX")]
    pub digest: Option<String>,
    #[command(flatten)]
    pub trust: TrustArgs,
    /// The caller's time (RFC 3339; default: now). The TSA's certificate is judged at
    /// genTime, the TSA's own statement: revocation data must be current at this time.
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(command: TspCommand) -> u8 {
    match command {
        TspCommand::Verify(a) => error::finish(a.output.json, verify(&a)),
    }
}

/// Hex digits (`:` and spaces allowed between them).
fn hex(s: &str) -> Option<Vec<u8>> {
    let s: String = s.chars().filter(|c| !matches!(c, ':' | ' ')).collect();
    if s.is_empty() || s.len() % 2 == 1 || s.len() > 2 * limits::MAX_IMPRINT_LEN {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[derive(Serialize)]
struct Report<'a> {
    form: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a PkiStatusInfo>,
    verdict: Overall,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    token: Option<&'a TimeStampVerdict>,
}

fn verify(args: &VerifyArgs) -> Result<u8, Failure> {
    let token = &args.token;
    files::one_stdin(
        [token.as_path()]
            .into_iter()
            .chain(args.data.as_deref())
            .chain(args.trust.paths()),
    )?;
    let checked_at = at_or_now(args.at.as_deref())?;
    let bytes = files::read(token, 2 * limits::MAX_TOKEN_LEN)
        .map_err(|e| Failure::from(e).context(token.display()))?;
    let message = TspMessage::from_input(&bytes).map_err(|e| {
        let failure = Failure::from(e).context(token.display());
        files::misread(failure, token, &bytes, &files::TIME_STAMP)
    })?;
    let data = match &args.data {
        Some(p) => Some(files::read(p, MAX_DATA)?),
        None => None,
    };
    let digest = match &args.digest {
        Some(h) => Some(hex(h).ok_or_else(|| {
            Failure::usage(format!("--digest {h:?} is not a hexadecimal digest"))
        })?),
        None => None,
    };
    let imprinted = match (&data, &digest) {
        (Some(d), _) => Imprinted::Data(d),
        (None, Some(d)) => Imprinted::Digest(d),
        (None, None) => Imprinted::Nothing,
    };
    let verifier = args.trust.verifier()?;
    let (form, status) = match &message {
        TspMessage::Token(_) => ("token", None),
        TspMessage::Response(r) => ("response", Some(r.status())),
    };
    let verdict = message
        .token()
        .map(|t| t.verify(imprinted, &verifier, checked_at));
    // A response without a token: the TSA refused, there is no time-stamp to rely on.
    let overall = verdict.as_ref().map_or(Overall::Invalid, |t| t.overall());
    let file = args.token.display().to_string();
    if args.output.json {
        let r = Report {
            form,
            status,
            verdict: overall,
            token: verdict.as_ref(),
        };
        outln!("{}", crate::report::json(Some(&file), &r));
        return Ok(exit::of(overall));
    }
    use std::fmt::Write;
    let mut s = String::new();
    let status_text = status.map(|st| {
        let mut t = format!("status {}", st.status.as_str());
        if !st.status_string.is_empty() {
            t += &format!(" \"{}\"", st.status_string.join("; "));
        }
        if !st.fail_info.is_empty() {
            t += &format!(", failInfo {}", st.fail_info.join(", "));
        }
        t
    });
    let _ = writeln!(
        s,
        "{file}: {} — time-stamp {form}{}",
        overall.as_str().to_uppercase(),
        status_text
            .as_ref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default()
    );
    match &verdict {
        None => {
            let _ = writeln!(
                s,
                "  the TSA refused the request: there is no time-stamp token"
            );
        }
        Some(v) => {
            let _ = writeln!(s, "  {}", v.summary());
            let _ = writeln!(
                s,
                "  imprint {} {}; checked at {}",
                v.hash_algorithm(),
                v.hashed_message(),
                v.checked_at().to_rfc3339()
            );
            report::checks(&mut s, "  ", v.checks());
            if let Some(c) = v.tsa_certificate() {
                report::crls(&mut s, "  ", c.crls());
            }
            if let Some(r) = v.refusal() {
                report::refusal(&mut s, r.kk(), r.ru(), r.en());
            }
        }
    }
    out!("{s}");
    Ok(exit::of(overall))
}
