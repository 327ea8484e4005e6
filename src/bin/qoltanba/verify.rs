//! `qoltanba verify ...` (a signed request) and `qoltanba sign ...` (an output document).

use std::path::{Path, PathBuf};

use base64::Engine as _;
use chrono::Utc;
use clap::Args;
use qoltanba::chain::read_file;
use qoltanba::cms::{SignRequest, SignedData, SignerPolicy, TimeBasis, TimePolicy, VerifyOptions};
use qoltanba::keys::{
    open_pkcs12, password_from_env, read_password_file, read_secret_file, KeyBundle, SigningKey,
};
use qoltanba::{Certificate, Outcome, Overall};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::cert::{parse_time, ExpectArgs, TrustArgs};
use crate::exit;
use crate::report;

/// Largest signed file or content read (the library bounds CMS input itself too).
const MAX_FILE: usize = 256 * 1024 * 1024;

#[derive(Args)]
pub struct VerifyArgs {
    /// The signed file: CMS SignedData (DER, BER, PEM or base64), or an XML document with
    /// one enveloped XML signature.
    pub file: PathBuf,
    /// The content of a detached signature.
    #[arg(long, value_name = "FILE")]
    pub content: Option<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    /// Judge each signer at its signingTime when present, else at --at. The signer's own
    /// CLAIM: revocation is then judged with the newest CRL only, and a key revoked for a
    /// compromise is revoked at any claimed time.
    #[arg(long, visible_alias = "at-claimed-signing-time")]
    pub at_signing_time: bool,
    /// Judge each signer at the genTime of its signature time-stamp token (CAdES-T), a
    /// time the TSA proves; a signer without a valid token is indeterminate. --at is then
    /// the time the tokens are checked at (revocation data must be current then).
    #[arg(long, conflicts_with_all = ["at_signing_time", "profile"])]
    pub at_timestamp: bool,
    /// Valid when any signer is valid (default: every signer must be).
    #[arg(long)]
    pub any_signer: bool,
    #[command(flatten)]
    pub request: ProfileArgs,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Write the verified content here (only when the verdict is valid). For signed XML:
    /// what the signature covers, in canonical form (Canonical XML 1.0, the signature and
    /// comments left out), not the file as received.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// A regulation profile and what the request claims under it.
#[derive(Args)]
pub struct ProfileArgs {
    /// Run a regulation profile (an unknown name lists them): its channels and the
    /// signatures each carries, identity rule (the IIN/BIN of --iin / --bin) and checks.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// With --profile: the channel the request came through. A claim: each signature it
    /// carries is proven from its certificate.
    #[arg(long, value_enum, default_value = "portal", requires = "profile")]
    pub channel: Channel,
    /// With --profile: the service centre's BIN; an operator's certificate must carry it
    /// (a legal entity's certificate with the employee role).
    #[arg(long, value_name = "BIN", requires = "profile")]
    pub service_center_bin: Option<String>,
    /// With --profile: the provider's BIN; its employee's certificate must carry it.
    #[arg(long, value_name = "BIN", requires = "profile")]
    pub provider_bin: Option<String>,
}

/// Who certified the request (the profile says which channels it accepts).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Channel {
    /// The applicant, through the e-government portal.
    Portal,
    /// A public service centre operator (ХҚКО / ЦОН), then the applicant.
    ServiceCenter,
    /// The service provider's employee.
    Provider,
}

#[derive(Args)]
pub struct SignArgs {
    /// The content to sign (with --add-signer: the SignedData to add a signer to).
    pub input: PathBuf,
    /// The signer's key: PKCS#12 (.p12/.pfx) or PKCS#8 (PEM/DER, possibly encrypted).
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,
    /// File whose first line is the key's password (else the QOLTANBA_PASSWORD variable).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// The signer's certificate (required with a PKCS#8 key; a PKCS#12 carries it).
    #[arg(long, value_name = "CERT")]
    pub cert: Option<PathBuf>,
    /// Certificates to include besides the signer's (file or PEM bundle); may repeat.
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Produce a detached signature.
    #[arg(long)]
    pub detached: bool,
    /// Add a signer to the SignedData given as input (counter-signing a request).
    #[arg(long)]
    pub add_signer: bool,
    /// With --add-signer on a detached SignedData: its content.
    #[arg(long, value_name = "FILE")]
    pub content: Option<PathBuf>,
    /// The signingTime attribute (RFC 3339); default: now.
    #[arg(long, value_name = "RFC3339")]
    pub signing_time: Option<String>,
    /// Write PEM (`-----BEGIN CMS-----`).
    #[arg(long, conflicts_with = "base64")]
    pub pem: bool,
    /// Write bare base64 text (as NCALayer hands it around).
    #[arg(long)]
    pub base64: bool,
    /// Output file.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: PathBuf,
}

fn fail(e: impl std::fmt::Display) -> u8 {
    eprintln!("qoltanba: {e}");
    exit::UNREADABLE
}

#[derive(Serialize)]
struct SignerReport<'a> {
    #[serde(flatten)]
    signer: &'a qoltanba::cms::SignerVerdict,
    subject: Option<&'a qoltanba::certificate::Subject>,
    serial: Option<&'a str>,
}

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    verdict: Overall,
    /// What a check of the content beyond its signature found (`barcode verify`).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    content_problems: &'a [String],
    checks: &'a [qoltanba::Check],
    refusal: &'a Option<qoltanba::verdict::Refusal>,
    signer_policy: SignerPolicy,
    time_policy: TimePolicy,
    content_type: &'a str,
    detached: bool,
    signers: Vec<SignerReport<'a>>,
}

pub fn verify(args: &VerifyArgs) -> u8 {
    let bytes = match read_file(&args.file, MAX_FILE) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {e}", args.file.display())),
    };
    if qoltanba::xmldsig::is_xml(&bytes) {
        return verify_xml(args, &bytes);
    }
    let signed = match SignedData::from_input(&bytes) {
        Ok(s) => s,
        Err(e) => return fail(format!("{}: {e}", args.file.display())),
    };
    let content = match &args.content {
        Some(p) => match read_file(p, MAX_FILE) {
            Ok(c) => Some(c),
            Err(e) => return fail(e),
        },
        None => None,
    };
    verify_signed(args, &signed, content.as_deref(), None)
}

/// `verify` on a signed XML document (XMLDSig, one enveloped signature). The CMS-only
/// options (a detached content, signer policies, profiles) are refused.
pub(crate) fn verify_xml(args: &VerifyArgs, xml: &[u8]) -> u8 {
    if args.content.is_some()
        || args.request.profile.is_some()
        || args.at_signing_time
        || args.at_timestamp
        || args.any_signer
    {
        return fail(
            "--content, --profile, --at-signing-time, --at-timestamp and --any-signer apply to CMS; this is a signed XML document",
        );
    }
    let expectation = match args.expect.expectation() {
        Ok(e) => e,
        Err(e) => return fail(e),
    };
    let verifier = match args.trust.verifier() {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    let verdict = match qoltanba::xmldsig::verify(xml, &verifier, &expectation) {
        Ok(v) => v,
        Err(e) => return fail(format!("{}: {e}", args.file.display())),
    };
    if args.json {
        let mut value = serde_json::to_value(&verdict).unwrap_or_default();
        if let Some(o) = value.as_object_mut() {
            o.insert(
                "file".into(),
                serde_json::json!(args.file.display().to_string()),
            );
            o.insert("format".into(), serde_json::json!("xmldsig"));
        }
        println!("{value}");
    } else {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} (XML signature, {})",
            args.file.display(),
            verdict.verdict.as_str().to_uppercase(),
            verdict.signature_method
        );
        report::checks(&mut s, "  ", &verdict.checks);
        if let Some(r) = &verdict.refusal {
            report::refusal(&mut s, &r.kk, &r.ru, &r.en);
        }
        print!("{s}");
    }
    // What the signature covers (its canonical form), not the input: unsigned comments and
    // ds:Object content stay out.
    finish(
        args.out.as_deref(),
        verdict.verified_octets(),
        verdict.verdict,
    )
}

/// A check of the verified content beyond its signature (`barcode verify`: the codes'
/// labels against the signed document): the problems found make the verdict invalid.
pub(crate) type ContentCheck<'a> = Option<&'a dyn Fn(&[u8]) -> Vec<String>>;

/// The problems `check` finds in the verified content (none without either).
fn content_problems(check: ContentCheck<'_>, verified: Option<&[u8]>) -> Vec<String> {
    match (check, verified) {
        (Some(f), Some(c)) => f(c),
        _ => Vec::new(),
    }
}

/// The verification, report and exit code of `qoltanba verify` on a SignedData already
/// read (`args.file` only labels the report; `args.content` is not read here). Shared with
/// `qoltanba barcode verify`, which passes a `check` of the content.
pub(crate) fn verify_signed(
    args: &VerifyArgs,
    signed: &SignedData,
    content: Option<&[u8]>,
    check: ContentCheck<'_>,
) -> u8 {
    let expectation = match args.expect.expectation() {
        Ok(e) => e,
        Err(e) => return fail(e),
    };
    let verifier = match args.trust.verifier() {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    if let Some(id) = &args.request.profile {
        return verify_profile(args, id, signed, content, &verifier, &expectation, check);
    }
    let mut options = VerifyOptions::new(expectation);
    if args.at_signing_time {
        options.time = TimePolicy::ClaimedSigningTime;
    }
    if args.at_timestamp {
        options.time = TimePolicy::TimeStamp;
    }
    if args.any_signer {
        options.signers = SignerPolicy::Any;
    }
    let verdict = match content {
        Some(c) => signed.verify_detached(c, &verifier, &options),
        None => signed.verify(&verifier, &options),
    };
    let problems = content_problems(check, verdict.verified_content().map(|c| c.as_bytes()));
    let overall = if problems.is_empty() {
        verdict.verdict
    } else {
        Overall::Invalid
    };
    if args.json {
        let report = Report {
            file: args.file.display().to_string(),
            verdict: overall,
            content_problems: &problems,
            checks: &verdict.checks,
            refusal: &verdict.refusal,
            signer_policy: verdict.signer_policy,
            time_policy: verdict.time_policy,
            content_type: &verdict.content_type,
            detached: verdict.detached,
            signers: verdict
                .signers
                .iter()
                .map(|s| SignerReport {
                    signer: s,
                    subject: s.certificate.as_ref().map(|c| &c.subject),
                    serial: s.certificate.as_ref().map(|c| c.serial.as_str()),
                })
                .collect(),
        };
        println!("{}", serde_json::to_string(&report).unwrap_or_default());
    } else {
        print!("{}", human(&args.file, &verdict, overall, &problems));
    }
    finish(
        args.out.as_deref(),
        verdict
            .verified_content()
            .map(|c| c.as_bytes())
            .filter(|_| problems.is_empty()),
        overall,
    )
}

/// `verify --profile`: the request condition of one regulation.
fn verify_profile(
    args: &VerifyArgs,
    id: &str,
    signed: &SignedData,
    content: Option<&[u8]>,
    verifier: &qoltanba::Verifier,
    expectation: &qoltanba::Expectation,
    check: ContentCheck<'_>,
) -> u8 {
    use qoltanba::profiles::{check_request, Profile, RequestIdentity, SignerRole};
    let Some(profile) = Profile::by_id(id) else {
        let ids: Vec<&str> = Profile::all().iter().map(|p| p.id.as_str()).collect();
        return fail(format!("no profile {id:?}; profiles: {}", ids.join(", ")));
    };
    let bin = |what: &str, s: &Option<String>| {
        s.as_deref()
            .map(qoltanba::identity::Bin::parse)
            .transpose()
            .map_err(|e| format!("{what}: {e}"))
    };
    let (service_center_bin, provider_bin) = match (
        bin("--service-center-bin", &args.request.service_center_bin),
        bin("--provider-bin", &args.request.provider_bin),
    ) {
        (Ok(c), Ok(p)) => (c, p),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let request = RequestIdentity {
        iin: expectation.iin,
        bin: expectation.bin,
        certified_by: match args.request.channel {
            Channel::Portal => SignerRole::ApplicantPortal,
            Channel::ServiceCenter => SignerRole::ServiceCenterOperator,
            Channel::Provider => SignerRole::ProviderEmployee,
        },
        service_center_bin,
        provider_bin,
    };
    let verdict = match check_request(profile, signed, content, &request, verifier, expectation.at)
    {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    let problems = content_problems(check, verdict.verified_content().map(|c| c.as_ref()));
    let overall = if problems.is_empty() {
        verdict.verdict
    } else {
        Overall::Invalid
    };
    if args.json {
        let mut value = serde_json::to_value(&verdict).unwrap_or_default();
        if let Some(object) = value.as_object_mut().filter(|_| !problems.is_empty()) {
            object.insert("verdict".into(), serde_json::json!(overall));
            object.insert("content_problems".into(), serde_json::json!(problems));
        }
        println!("{value}");
    } else {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} — profile {} ({})",
            args.file.display(),
            overall.as_str().to_uppercase(),
            profile.id,
            profile.title_en
        );
        report::checks(&mut s, "  ", &verdict.checks);
        for p in &problems {
            let _ = writeln!(s, "  [{}] content: {p}", report::mark(Outcome::Failed));
        }
        for n in &verdict.notes {
            let _ = writeln!(s, "  note: {n}");
        }
        if let Some(r) = &verdict.refusal {
            report::refusal(&mut s, &r.kk, &r.ru, &r.en);
        }
        print!("{s}");
    }
    finish(
        args.out.as_deref(),
        verdict
            .verified_content()
            .map(|c| c.as_ref())
            .filter(|_| problems.is_empty()),
        overall,
    )
}

/// Write the verified content to `--out` (only a valid verdict has any), and the exit code.
fn finish(out: Option<&Path>, verified: Option<&[u8]>, verdict: Overall) -> u8 {
    if let Some(out) = out {
        match verified {
            Some(c) => {
                if let Err(e) = std::fs::write(out, c) {
                    return fail(format!("{}: {e}", out.display()));
                }
            }
            None => eprintln!(
                "qoltanba: the verdict is not valid: no content written to {}",
                out.display()
            ),
        }
    }
    exit::of(verdict)
}

fn human(
    file: &Path,
    v: &qoltanba::cms::CmsVerdict,
    overall: Overall,
    problems: &[String],
) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} ({} signer(s), {}{})",
        file.display(),
        overall.as_str().to_uppercase(),
        v.signers.len(),
        if v.detached { "detached" } else { "attached" },
        match v.signer_policy {
            SignerPolicy::All => ", all must hold",
            SignerPolicy::Any => ", any may hold",
        }
    );
    report::checks(&mut s, "  ", &v.checks);
    for p in problems {
        let _ = writeln!(s, "  [{}] content: {p}", report::mark(Outcome::Failed));
    }
    for signer in &v.signers {
        let who = signer
            .certificate
            .as_ref()
            .map(|c| {
                let ids: Vec<String> = [
                    c.subject.iin.map(|i| format!("IIN {i}")),
                    c.subject.bin.map(|b| format!("BIN {b}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                format!(
                    "{} {}",
                    c.subject.common_name.clone().unwrap_or_default(),
                    ids.join(", ")
                )
            })
            .unwrap_or_else(|| signer.signer_id.clone());
        let _ = writeln!(
            s,
            "  signer #{}: {} — {who}; signingTime {}; judged at {}{}",
            signer.index,
            signer.verdict.as_str().to_uppercase(),
            signer
                .signing_time
                .map(|t| t.to_rfc3339())
                .unwrap_or_else(|| "-".into()),
            signer.at.to_rfc3339(),
            match signer.time_basis {
                TimeBasis::Given => "",
                TimeBasis::ClaimedSigningTime => " (the signer's claimed signingTime)",
                TimeBasis::TimeStamp => " (the genTime its time-stamp proves)",
            }
        );
        report::checks(&mut s, "    ", &signer.checks);
        if let Some(c) = &signer.certificate {
            report::crls(&mut s, "    ", &c.crls);
        }
        // Every token, with what it did not prove (the `timestamp` check says how they
        // count).
        for t in &signer.timestamps {
            let _ = writeln!(
                s,
                "    time-stamp: {} — {}",
                t.verdict().as_str().to_uppercase(),
                t.summary()
            );
            let open: Vec<qoltanba::Check> = t
                .checks()
                .iter()
                .filter(|c| c.outcome != Outcome::Passed)
                .cloned()
                .collect();
            report::checks(&mut s, "      ", &open);
        }
    }
    if let Some(r) = &v.refusal {
        report::refusal(&mut s, &r.kk, &r.ru, &r.en);
    }
    s
}

/// The password: first line of the file, or the QOLTANBA_PASSWORD variable (its bytes as
/// the system holds them). Never printed; held from the moment it is read in buffers
/// zeroized on drop (the library's readers).
fn password(args: &SignArgs) -> Result<Option<Zeroizing<Vec<u8>>>, String> {
    if let Some(p) = &args.password_file {
        return read_password_file(p).map(Some).map_err(|e| e.to_string());
    }
    Ok(password_from_env("QOLTANBA_PASSWORD"))
}

/// Largest key file read (PKCS#8 or PKCS#12; the library bounds both itself too).
const MAX_KEY_FILE: usize = 16 * 1024 * 1024;

pub(crate) fn load_key(args: &SignArgs) -> Result<KeyBundle, String> {
    // Key bytes (an unencrypted PKCS#8 is the key itself) go straight into a zeroizing
    // buffer.
    let bytes: Zeroizing<Vec<u8>> =
        read_secret_file(&args.key, MAX_KEY_FILE).map_err(|e| e.to_string())?;
    let password = password(args)?;
    let ext = args
        .key
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut chain = Vec::new();
    for p in &args.chain {
        let b = read_file(p, 64 * 1024 * 1024).map_err(|e| e.to_string())?;
        chain.extend(Certificate::all_from_input(&b).map_err(|e| format!("{}: {e}", p.display()))?);
    }
    let explicit_cert = match &args.cert {
        Some(p) => Some(
            read_file(p, 16 * 1024 * 1024)
                .and_then(|b| Certificate::from_input(&b))
                .map_err(|e| format!("{}: {e}", p.display()))?,
        ),
        None => None,
    };
    if ext == "p12" || ext == "pfx" {
        let pw = password.ok_or("a PKCS#12 key needs --password-file or QOLTANBA_PASSWORD")?;
        let mut bundle = open_pkcs12(&bytes, &pw).map_err(|e| e.to_string())?;
        if let Some(c) = explicit_cert {
            bundle.certificate = c;
        }
        bundle.chain.extend(chain);
        return Ok(bundle);
    }
    let key = SigningKey::from_pkcs8(&bytes, password.as_ref().map(|p| p.as_slice()))
        .map_err(|e| e.to_string())?;
    let certificate = explicit_cert.ok_or("a PKCS#8 key needs --cert")?;
    Ok(KeyBundle {
        key,
        certificate,
        chain,
    })
}

pub fn sign(args: &SignArgs) -> u8 {
    let signing_time = match &args.signing_time {
        Some(s) => match parse_time(s) {
            Ok(t) => t,
            Err(e) => return fail(e),
        },
        None => Utc::now(),
    };
    let bundle = match load_key(args) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let input = match read_file(&args.input, MAX_FILE) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let request = SignRequest::new(&bundle.certificate, signing_time)
        .with_chain(&bundle.chain)
        .detached(args.detached);
    let der = if args.add_signer {
        let existing = match SignedData::from_input(&input) {
            Ok(s) => s,
            Err(e) => return fail(format!("{}: {e}", args.input.display())),
        };
        let content = match &args.content {
            Some(p) => match read_file(p, MAX_FILE) {
                Ok(c) => Some(c),
                Err(e) => return fail(e),
            },
            None => None,
        };
        existing.add_signer(content.as_deref(), &request, &bundle.key)
    } else {
        qoltanba::cms::sign(&input, &request, &bundle.key)
    };
    let der = match der {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let out: Vec<u8> = if args.pem {
        pem::encode(&pem::Pem::new("CMS", der)).into_bytes()
    } else if args.base64 {
        let mut t = base64::engine::general_purpose::STANDARD.encode(&der);
        t.push('\n');
        t.into_bytes()
    } else {
        der
    };
    if let Err(e) = std::fs::write(&args.out, out) {
        return fail(format!("{}: {e}", args.out.display()));
    }
    exit::VALID
}
