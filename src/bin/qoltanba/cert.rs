//! `qoltanba cert verify ...` and `qoltanba cert info ...`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use qoltanba::chain::{input_files, read_file};
use qoltanba::identity::{Bin, ChecksumPolicy, Iin};
use qoltanba::input::MAX_CERT_INPUT_LEN;
use qoltanba::signature::KeyPolicy;
use qoltanba::{Certificate, Expectation, Purpose, RevocationScope, Verdict, Verifier};
use serde::Serialize;

use crate::exit;

#[derive(Subcommand)]
pub enum CertCommand {
    /// Run the certificate condition on one or more certificates (files or folders).
    Verify(Box<VerifyArgs>),
    /// Print what a certificate says (subject facts, key purposes, NCA roles ...).
    Info {
        /// The certificate (DER, PEM or base64).
        cert: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PurposeArg {
    Sign,
    Auth,
    Any,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    EndEntity,
    Chain,
}

#[derive(Args)]
pub struct TrustArgs {
    /// Trust anchor certificates (file or folder); may repeat.
    #[arg(long = "trust", value_name = "FILE|DIR")]
    pub trust: Vec<PathBuf>,
    /// Untrusted certificates offered for path building (file or folder); may repeat.
    #[arg(long = "intermediate", value_name = "FILE|DIR")]
    pub intermediate: Vec<PathBuf>,
    /// CRLs, complete or delta (file or folder; DER, PEM or base64); may repeat.
    #[arg(long = "crl", value_name = "FILE|DIR")]
    pub crl: Vec<PathBuf>,
    /// OCSP responses (DER, one a file; file or folder); may repeat. Used once their
    /// signer is proven authorised for the certificate's issuer.
    #[arg(long = "ocsp", value_name = "FILE|DIR")]
    pub ocsp: Vec<PathBuf>,
    /// Which certificates must have a provable revocation status.
    #[arg(long, value_enum, default_value = "end-entity")]
    pub revocation_scope: ScopeArg,
    /// Rely on RSA keys of 1024 to 2047 bits too (archives of old signatures); each such
    /// key is reported as weak. Without it they are refused.
    #[arg(long)]
    pub legacy_rsa_1024: bool,
    /// The oldest a CRL may be to prove "not revoked", besides its nextUpdate (e.g. 24h, 7d,
    /// 90m, 3600s): the NCA's base CRLs run for six months.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub crl_max_age: Option<chrono::Duration>,
}

/// `24h`, `7d`, `90m`, `3600s`: a positive duration.
fn parse_duration(s: &str) -> Result<chrono::Duration, String> {
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("{s:?}: expected a number and a unit (s, m, h, d), e.g. 24h"))?;
    let d = match unit {
        "s" => chrono::Duration::try_seconds(n),
        "m" => chrono::Duration::try_minutes(n),
        "h" => chrono::Duration::try_hours(n),
        "d" => chrono::Duration::try_days(n),
        _ => return Err(format!("{s:?}: the unit must be s, m, h or d, e.g. 24h")),
    };
    match d {
        Some(d) if n > 0 => Ok(d),
        _ => Err(format!(
            "{s:?}: must be positive and at most a few million years"
        )),
    }
}

impl TrustArgs {
    pub fn verifier(&self) -> qoltanba::Result<Verifier> {
        let mut b = Verifier::builder();
        for p in &self.trust {
            b = b.trust_path(p)?;
        }
        for p in &self.intermediate {
            b = b.intermediate_path(p)?;
        }
        for p in &self.crl {
            b = b.crl_path(p)?;
        }
        for p in &self.ocsp {
            b = b.ocsp_path(p)?;
        }
        let b = b
            .revocation_scope(match self.revocation_scope {
                ScopeArg::EndEntity => RevocationScope::EndEntity,
                ScopeArg::Chain => RevocationScope::Chain,
            })
            .key_policy(if self.legacy_rsa_1024 {
                KeyPolicy::LegacyRsa1024
            } else {
                KeyPolicy::Modern
            });
        Ok(match self.crl_max_age {
            Some(age) => b.crl_max_age(age),
            None => b,
        }
        .build())
    }
}

#[derive(Args)]
pub struct ExpectArgs {
    /// The time judged (RFC 3339); default: now.
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// The IIN written in the request: the certificate's IIN must equal it.
    #[arg(long, value_name = "N")]
    pub iin: Option<String>,
    /// The BIN written in the request: the certificate's BIN must equal it.
    #[arg(long, value_name = "N")]
    pub bin: Option<String>,
    /// Required key purpose.
    #[arg(long, value_enum, default_value = "sign")]
    pub purpose: PurposeArg,
    /// Require IIN/BIN check digits to hold (NCA test certificates fail it).
    #[arg(long)]
    pub strict_checksum: bool,
}

impl ExpectArgs {
    pub fn expectation(&self) -> qoltanba::Result<Expectation> {
        let at = match &self.at {
            Some(s) => parse_time(s)?,
            None => Utc::now(),
        };
        Ok(Expectation {
            at,
            time_source: qoltanba::TimeSource::Given,
            iin: self.iin.as_deref().map(Iin::parse).transpose()?,
            bin: self.bin.as_deref().map(Bin::parse).transpose()?,
            purpose: match self.purpose {
                PurposeArg::Sign => Purpose::Sign,
                PurposeArg::Auth => Purpose::Auth,
                PurposeArg::Any => Purpose::Any,
            },
            checksum: if self.strict_checksum {
                ChecksumPolicy::Strict
            } else {
                ChecksumPolicy::Lenient
            },
        })
    }
}

/// RFC 3339, or a bare date (midnight UTC).
pub fn parse_time(s: &str) -> qoltanba::Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if let Some(t) = d.and_hms_opt(0, 0, 0) {
            return Ok(t.and_utc());
        }
    }
    Err(qoltanba::Error::InvalidTime(format!(
        "{s:?} is not RFC 3339 (e.g. 2026-11-23T00:00:00Z)"
    )))
}

#[derive(Args)]
pub struct VerifyArgs {
    /// Certificates to verify (files or folders). A file holding several certificates:
    /// the first is verified, the rest are offered for path building.
    #[arg(required = true, value_name = "CERT")]
    pub certs: Vec<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    /// One JSON object per certificate, one per line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cmd: CertCommand) -> u8 {
    match cmd {
        CertCommand::Verify(args) => verify(&args),
        CertCommand::Info { cert, json } => info(&cert, json),
    }
}

fn fail(e: impl std::fmt::Display) -> u8 {
    eprintln!("qoltanba: {e}");
    exit::UNREADABLE
}

/// A verdict as printed, with the file it came from.
#[derive(Serialize)]
struct Report<'a> {
    file: String,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

#[derive(Serialize)]
struct ErrorReport {
    file: String,
    verdict: &'static str,
    error: String,
}

pub fn exit_code(v: &Verdict) -> u8 {
    exit::of(v.verdict)
}

fn verify(args: &VerifyArgs) -> u8 {
    let expect = match args.expect.expectation() {
        Ok(e) => e,
        Err(e) => return fail(e),
    };
    let verifier = match args.trust.verifier() {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    let mut files = Vec::new();
    for p in &args.certs {
        match input_files(p, "certificate") {
            Ok(f) => files.extend(f),
            Err(e) => return fail(e),
        }
    }
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
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, files, verifier, expect, json) =
                (&next, &files, &verifier, &expect, args.json);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let (text, code) = verify_one(file, verifier, expect, json);
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
    worst
}

fn verify_one(file: &Path, verifier: &Verifier, expect: &Expectation, json: bool) -> (String, u8) {
    let certs = read_file(file, MAX_CERT_INPUT_LEN).and_then(|b| Certificate::all_from_input(&b));
    let certs = match certs {
        Ok(c) => c,
        Err(e) => {
            let text = if json {
                let r = ErrorReport {
                    file: file.display().to_string(),
                    verdict: "error",
                    error: e.to_string(),
                };
                format!("{}\n", serde_json::to_string(&r).unwrap_or_default())
            } else {
                format!("{}: ERROR {e}\n", file.display())
            };
            return (text, exit::UNREADABLE);
        }
    };
    let Some((cert, extra)) = certs.split_first() else {
        return (
            format!("{}: ERROR no certificate\n", file.display()),
            exit::UNREADABLE,
        );
    };
    let verdict = verifier.check_certificate_with(cert, expect, extra);
    let code = exit_code(&verdict);
    let text = if json {
        let r = Report {
            file: file.display().to_string(),
            verdict: &verdict,
        };
        format!("{}\n", serde_json::to_string(&r).unwrap_or_default())
    } else {
        human(file, &verdict)
    };
    (text, code)
}

pub fn human(file: &Path, v: &Verdict) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let who = v
        .subject
        .common_name
        .clone()
        .unwrap_or_else(|| v.subject_dn.clone());
    let ids = [
        v.subject.iin.map(|i| format!("IIN {i}")),
        v.subject.bin.map(|b| format!("BIN {b}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let _ = writeln!(
        s,
        "{}: {} — {who}{}{}",
        file.display(),
        v.verdict.as_str().to_uppercase(),
        if ids.is_empty() { "" } else { ", " },
        ids
    );
    let _ = writeln!(
        s,
        "  serial {}, valid {} .. {}, judged at {}",
        v.serial,
        v.not_before.to_rfc3339(),
        v.not_after.to_rfc3339(),
        v.at.to_rfc3339()
    );
    crate::report::checks(&mut s, "  ", &v.checks);
    crate::report::crls(&mut s, "  ", &v.crls);
    if let Some(r) = &v.refusal {
        crate::report::refusal(&mut s, &r.kk, &r.ru, &r.en);
    }
    s
}

#[derive(Serialize)]
struct Info<'a> {
    subject_dn: String,
    subject: &'a qoltanba::certificate::Subject,
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
    key_purposes: qoltanba::certificate::KeyPurposes,
    roles: Vec<qoltanba::certificate::NcaRole>,
    policies: &'a [String],
    is_ca: bool,
    crl_distribution_points: Vec<String>,
    extension_problems: &'a [String],
}

fn info(path: &Path, json: bool) -> u8 {
    let cert =
        match read_file(path, MAX_CERT_INPUT_LEN).and_then(|b| Certificate::all_from_input(&b)) {
            Ok(mut c) if !c.is_empty() => c.swap_remove(0),
            Ok(_) => return fail("no certificate"),
            Err(e) => return fail(e),
        };
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
                qoltanba::name::GeneralNameKey::Uri(u) => u.clone(),
                other => format!("{other:?}"),
            })
            .collect(),
        extension_problems: cert.extension_problems(),
    };
    if json {
        println!("{}", serde_json::to_string(&info).unwrap_or_default());
        return exit::VALID;
    }
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    println!("subject:        {}", info.subject_dn);
    println!(
        "IIN:            {}{}",
        facts
            .iin
            .map(|i| i.to_string())
            .unwrap_or_else(|| "-".into()),
        match info.iin_checksum_valid {
            Some(false) => " (check digit fails: NCA test number?)",
            _ => "",
        }
    );
    println!(
        "BIN:            {}{}",
        facts
            .bin
            .map(|b| b.to_string())
            .unwrap_or_else(|| "-".into()),
        match info.bin_checksum_valid {
            Some(false) => " (check digit fails: NCA test number?)",
            _ => "",
        }
    );
    println!("name:           {}", opt(&facts.common_name));
    println!("surname:        {}", opt(&facts.surname));
    println!("patronymic:     {}", opt(&facts.patronymic));
    println!("organization:   {}", opt(&facts.organization));
    println!(
        "locality:       {} / {} / {}",
        opt(&facts.locality),
        opt(&facts.state),
        opt(&facts.country)
    );
    println!("e-mail:         {}", opt(&facts.email));
    println!("issuer:         {}", info.issuer);
    println!("serial:         {}", info.serial);
    println!(
        "valid:          {} .. {}",
        info.not_before.to_rfc3339(),
        info.not_after.to_rfc3339()
    );
    println!("SHA-256:        {}", info.fingerprint_sha256);
    println!(
        "algorithm:      {} / {}",
        info.signature_algorithm, info.public_key
    );
    println!(
        "key usage:      {}",
        info.key_usage
            .map(|k| k.join(", "))
            .unwrap_or_else(|| "-".into())
    );
    println!(
        "ext key usage:  {}",
        info.extended_key_usage
            .map(|k| k.join(", "))
            .unwrap_or_else(|| "-".into())
    );
    println!(
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
    println!(
        "roles:          {}",
        serde_json::to_string(&info.roles).unwrap_or_default()
    );
    println!("policies:       {}", info.policies.join(", "));
    println!(
        "CRL DPs:        {}",
        info.crl_distribution_points.join(", ")
    );
    if !info.extension_problems.is_empty() {
        println!("EXTENSION PROBLEMS: {}", info.extension_problems.join("; "));
    }
    exit::VALID
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}
