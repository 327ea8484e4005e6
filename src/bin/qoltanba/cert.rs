//! `qoltanba cert verify ...` and `qoltanba cert info ...`.

use qoltanba::Judged as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use qoltanba::input::MAX_CERT_INPUT_LEN;
use qoltanba::{Certificate, Expectation, Verdict, Verifier};
use serde::Serialize;

use crate::args::{ExpectArgs, Json, TrustArgs};
use crate::error::{self, Cause, Failure};
use crate::{exit, files};

#[derive(Subcommand)]
pub enum CertCommand {
    /// Run the certificate condition on one or more certificates (files or folders); with
    /// --json, one JSON object per certificate, one per line.
    Verify(Box<VerifyArgs>),
    /// Print what a certificate says (subject facts, key purposes, NCA roles ...).
    Info(InfoArgs),
}

#[derive(Args)]
pub struct VerifyArgs {
    /// Certificates to verify (files or folders; - reads standard input). A file holding
    /// several certificates: the first is verified, the rest are offered for path building.
    #[arg(required = true, value_name = "CERT")]
    pub certs: Vec<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    #[command(flatten)]
    pub output: Json,
}

#[derive(Args)]
pub struct InfoArgs {
    /// The certificate (DER, PEM or base64; - reads standard input).
    pub cert: PathBuf,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(cmd: CertCommand) -> u8 {
    match cmd {
        CertCommand::Verify(args) => error::finish(args.output.json, verify(&args)),
        CertCommand::Info(args) => {
            error::finish(args.output.json, info(&args.cert, args.output.json))
        }
    }
}

/// A file of the batch that could not be judged: a line of its own.
#[derive(Serialize)]
struct ErrorReport {
    verdict: &'static str,
    error: String,
    kind: Cause,
}

fn verify(args: &VerifyArgs) -> Result<u8, Failure> {
    files::one_stdin(
        args.certs
            .iter()
            .map(PathBuf::as_path)
            .chain(args.trust.paths()),
    )?;
    let expect = args.expect.expectation()?;
    let mut files = Vec::new();
    for p in &args.certs {
        files.extend(files::expand(p, "certificate")?);
    }
    // Standard input is read once, here, and its bytes used by both readings below (the
    // --fetch discovery and the judgement): read twice, it would be empty the second time.
    // Files are read where they are used, as before (a large batch is not held in
    // memory); a failure to read standard input is reported when it is judged.
    let stdin = files
        .iter()
        .any(|f| files::is_stdin(f))
        .then(|| files::read(Path::new("-"), MAX_CERT_INPUT_LEN));
    let stdin = stdin.as_ref();
    // --fetch: the CRLs the certificates name (a file that does not read is reported
    // when it is judged).
    let named: Vec<Certificate> = if args.trust.fetch {
        files
            .iter()
            .filter_map(|f| read_certificates(f, stdin).ok())
            .flat_map(|(first, extra)| std::iter::once(first).chain(extra))
            .collect()
    } else {
        Vec::new()
    };
    let verifier = args.trust.verifier_for(&named)?;
    let progress = if files.len() > 20 && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };

    // Verify in parallel, print in order.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(files.len().max(1));
    let (tx, rx) = mpsc::channel::<(usize, String, u8)>();
    let mut worst = exit::VALID;
    let json = args.output.json;
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, files, verifier, expect) = (&next, &files, &verifier, &expect);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let (text, code) = verify_one(file, stdin, verifier, expect, json);
                if tx.send((i, text, code)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut printed = 0;
        let stdout = std::io::stdout();
        for (i, text, code) in rx {
            worst = exit::worst(worst, code);
            pending.insert(i, text);
            while let Some(text) = pending.remove(&printed) {
                let mut out = stdout.lock();
                let _ = out.write_all(text.as_bytes());
                printed += 1;
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
            }
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(worst)
}

/// Standard input's bytes as read once by the caller (or why they could not be), for a
/// file list naming `-`.
type HeldStdin<'a> = Option<&'a qoltanba::Result<Vec<u8>>>;

/// The certificates of one file: the first (the one judged), and the others. For `-`,
/// the bytes in `stdin` when the caller read standard input already (never read twice).
fn read_certificates(
    file: &Path,
    stdin: HeldStdin<'_>,
) -> Result<(Certificate, Vec<Certificate>), Failure> {
    let read;
    let bytes: &[u8] = match stdin {
        Some(held) if files::is_stdin(file) => {
            held.as_deref().map_err(|e| Failure::from(e.clone()))?
        }
        _ => {
            read = files::read(file, MAX_CERT_INPUT_LEN)?;
            &read
        }
    };
    let mut certs = Certificate::all_from_input(bytes)
        .map_err(|e| files::misread(e.into(), file, bytes, &files::CERTIFICATE))?
        .into_iter();
    let first = certs
        .next()
        .ok_or_else(|| Failure::unreadable("no certificate"))?;
    Ok((first, certs.collect()))
}

fn verify_one(
    file: &Path,
    stdin: HeldStdin<'_>,
    verifier: &Verifier,
    expect: &Expectation,
    json: bool,
) -> (String, u8) {
    let (cert, extra) = match read_certificates(file, stdin) {
        Ok(c) => c,
        Err(f) => {
            // The file is named once: a wrong kind's message names it already.
            let label = format!("{}: ", file.display());
            let error = f.message.strip_prefix(&label).unwrap_or(&f.message);
            let text = if json {
                let r = ErrorReport {
                    verdict: "error",
                    error: error.to_string(),
                    kind: f.kind,
                };
                format!(
                    "{}\n",
                    crate::report::json(Some(&file.display().to_string()), &r)
                )
            } else {
                format!("{}: ERROR {error}\n", file.display())
            };
            return (text, exit::UNREADABLE);
        }
    };
    let verdict = verifier.check_certificate_with(&cert, expect, &extra);
    let code = exit::of(verdict.overall());
    let text = if json {
        format!(
            "{}\n",
            crate::report::json(Some(&file.display().to_string()), &verdict)
        )
    } else {
        human(file, &verdict)
    };
    (text, code)
}

pub fn human(file: &Path, v: &Verdict) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let who = v
        .subject()
        .common_name
        .clone()
        .unwrap_or_else(|| v.subject_dn().to_string());
    let ids = [
        v.subject().iin.map(|i| format!("IIN {i}")),
        v.subject().bin.map(|b| format!("BIN {b}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let _ = writeln!(
        s,
        "{}: {} — {who}{}{}",
        file.display(),
        v.overall().as_str().to_uppercase(),
        if ids.is_empty() { "" } else { ", " },
        ids
    );
    let _ = writeln!(
        s,
        "  serial {}, valid {} .. {}, judged at {}",
        v.serial(),
        v.not_before().to_rfc3339(),
        v.not_after().to_rfc3339(),
        v.at().to_rfc3339()
    );
    crate::report::checks(&mut s, "  ", v.checks());
    crate::report::crls(&mut s, "  ", v.crls());
    if let Some(r) = &v.refusal() {
        crate::report::refusal(&mut s, r.kk(), r.ru(), r.en());
    }
    s
}

#[derive(Serialize)]
struct Info<'a> {
    subject_dn: String,
    subject: &'a qoltanba::Subject,
    iin_checksum_valid: Option<bool>,
    bin_checksum_valid: Option<bool>,
    issuer: String,
    serial: String,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
    fingerprint_sha256: String,
    signature_algorithm: String,
    public_key: String,
    key_usage: Option<Vec<&'static str>>,
    extended_key_usage: Option<&'a [String]>,
    key_purposes: qoltanba::KeyPurposes,
    roles: Vec<qoltanba::NcaRole>,
    policies: &'a [String],
    is_ca: bool,
    crl_distribution_points: Vec<String>,
    extension_problems: &'a [String],
}

/// A subject's IIN or BIN as `cert info` shows it: the one value, "-", or the different
/// values of a name that gives more than one (it proves none of them).
fn one_or_ambiguous<T: std::fmt::Display>(one: Option<T>, ambiguous: &[T]) -> String {
    match one {
        Some(v) => v.to_string(),
        None if ambiguous.is_empty() => "-".into(),
        None => {
            let all: Vec<String> = ambiguous.iter().map(T::to_string).collect();
            format!("none: the name gives more than one ({})", all.join(", "))
        }
    }
}

fn info(path: &Path, json: bool) -> Result<u8, Failure> {
    let (cert, _) = read_certificates(path, None)?;
    let facts = cert.facts();
    let info = Info {
        subject_dn: cert.subject().to_string(),
        subject: facts,
        iin_checksum_valid: facts.iin.map(|i| i.checksum_valid()),
        bin_checksum_valid: facts.bin.map(|b| b.checksum_valid()),
        issuer: cert.issuer().to_string(),
        serial: cert.serial_hex(),
        not_before: cert.not_before(),
        not_after: cert.not_after(),
        fingerprint_sha256: hex(&cert.fingerprint_sha256()),
        signature_algorithm: cert.signature_algorithm().to_string(),
        public_key: cert.public_key().algorithm().to_string(),
        key_usage: cert.key_usage().map(|k| k.names()),
        extended_key_usage: cert.extended_key_usage(),
        key_purposes: cert.key_purposes(),
        roles: cert.nca_roles(),
        policies: cert.policies(),
        is_ca: cert.is_ca(),
        crl_distribution_points: cert
            .crl_distribution_points()
            .iter()
            .flat_map(|dp| dp.name.iter().flat_map(|n| n.0.iter()))
            .map(|g| match g {
                qoltanba::revocation::GeneralNameKey::Uri(u) => u.clone(),
                other => format!("{other:?}"),
            })
            .collect(),
        extension_problems: cert.extension_problems(),
    };
    if json {
        outln!("{}", crate::report::json(None, &info));
        return Ok(exit::VALID);
    }
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    outln!("subject:        {}", info.subject_dn);
    outln!(
        "IIN:            {}{}",
        one_or_ambiguous(facts.iin, &facts.ambiguous_iins),
        match info.iin_checksum_valid {
            Some(false) => " (check digit fails: NCA test number?)",
            _ => "",
        }
    );
    outln!(
        "BIN:            {}{}",
        one_or_ambiguous(facts.bin, &facts.ambiguous_bins),
        match info.bin_checksum_valid {
            Some(false) => " (check digit fails: NCA test number?)",
            _ => "",
        }
    );
    outln!("name:           {}", opt(&facts.common_name));
    outln!("surname:        {}", opt(&facts.surname));
    outln!("patronymic:     {}", opt(&facts.patronymic));
    outln!("organization:   {}", opt(&facts.organization));
    outln!(
        "locality:       {} / {} / {}",
        opt(&facts.locality),
        opt(&facts.state),
        opt(&facts.country)
    );
    outln!("e-mail:         {}", opt(&facts.email));
    outln!("issuer:         {}", info.issuer);
    outln!("serial:         {}", info.serial);
    outln!(
        "valid:          {} .. {}",
        info.not_before.to_rfc3339(),
        info.not_after.to_rfc3339()
    );
    outln!("SHA-256:        {}", info.fingerprint_sha256);
    outln!(
        "algorithm:      {} / {}",
        info.signature_algorithm,
        info.public_key
    );
    outln!(
        "key usage:      {}",
        info.key_usage
            .map(|k| k.join(", "))
            .unwrap_or_else(|| "-".into())
    );
    outln!(
        "ext key usage:  {}",
        info.extended_key_usage
            .map(|k| k.join(", "))
            .unwrap_or_else(|| "-".into())
    );
    outln!(
        "purposes:       signing {}, authentication {}",
        if info.key_purposes.signing {
            "yes"
        } else {
            "no"
        },
        if info.key_purposes.authentication {
            "yes"
        } else {
            "no"
        }
    );
    outln!(
        "roles:          {}",
        serde_json::to_string(&info.roles).unwrap_or_default()
    );
    outln!("policies:       {}", info.policies.join(", "));
    outln!(
        "CRL DPs:        {}",
        info.crl_distribution_points.join(", ")
    );
    if !info.extension_problems.is_empty() {
        outln!("EXTENSION PROBLEMS: {}", info.extension_problems.join("; "));
    }
    Ok(exit::VALID)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}
