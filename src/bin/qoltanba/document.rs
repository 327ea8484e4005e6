//! `qoltanba document issue`: sign an output document, cut it into barcodes and lay out
//! the printable PDF in one step.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Subcommand};
use qoltanba::chain::read_file;
use qoltanba::cms::SignRequest;
use qoltanba::document::{self, Fields, Font, OutputDocument};
use qoltanba::profiles::Profile;

use crate::barcode::EcArg;
use crate::exit;

#[derive(Subcommand)]
pub enum DocumentCommand {
    /// Sign FIELDS.json as an output document (CMS, attached) and write its PDF with the
    /// barcodes.
    Issue(Box<IssueArgs>),
}

#[derive(Args)]
pub struct IssueArgs {
    /// The document's fields (JSON: favor_id, title_kk, title_ru, fields [{label, value}],
    /// refusal, refusal_reason).
    #[arg(long, value_name = "FIELDS.json")]
    pub fields: PathBuf,
    /// The regulation profile (id, e.g. vko-archive-certificate).
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    /// The signer's key: PKCS#12 (.p12/.pfx) or PKCS#8 (then --cert).
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,
    /// File whose first line is the key's password (else the QOLTANBA_PASSWORD variable).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// The signer's certificate (with a PKCS#8 key).
    #[arg(long, value_name = "CERT")]
    pub cert: Option<PathBuf>,
    /// Certificates to include besides the signer's; may repeat.
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// The request number (overrides favor_id of FIELDS.json).
    #[arg(long, value_name = "ID")]
    pub favor_id: Option<String>,
    /// A refusal (also `"refusal": true` in FIELDS.json).
    #[arg(long)]
    pub refusal: bool,
    /// Issue time: signingTime, creationDate, the date printed (RFC 3339, the offset
    /// kept); default: now, local time.
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// The font (TrueType with Kazakh Cyrillic).
    #[arg(long, value_name = "TTF", default_value = document::DEFAULT_FONT_PATH)]
    pub font: PathBuf,
    /// QR error-correction level.
    #[arg(long, value_enum, default_value = "m")]
    pub ec_level: EcArg,
    /// Also write the signed document (CMS, DER) here.
    #[arg(long, value_name = "FILE")]
    pub signed_out: Option<PathBuf>,
    /// The PDF.
    #[arg(short = 'o', long = "out", value_name = "OUT.pdf")]
    pub out: PathBuf,
}

pub fn run(command: DocumentCommand) -> u8 {
    match command {
        DocumentCommand::Issue(a) => issue(&a),
    }
}

fn fail(e: impl std::fmt::Display) -> u8 {
    eprintln!("qoltanba: {e}");
    exit::UNREADABLE
}

fn issue(args: &IssueArgs) -> u8 {
    let at: DateTime<FixedOffset> = match &args.at {
        Some(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) => t,
            Err(_) => {
                return fail(format!(
                    "--at {s:?} is not RFC 3339 (e.g. 2026-11-22T15:30:00+06:00)"
                ))
            }
        },
        None => chrono::Local::now().fixed_offset(),
    };
    let Some(profile) = Profile::by_id(&args.profile) else {
        let ids: Vec<&str> = Profile::all().iter().map(|p| p.id.as_str()).collect();
        return fail(format!(
            "no profile {:?}; the profiles are: {}",
            args.profile,
            ids.join(", ")
        ));
    };
    let fields = match read_file(&args.fields, document::limits::MAX_FIELDS_JSON_LEN)
        .and_then(|b| Fields::from_json(&b))
    {
        Ok(f) => f,
        Err(e) => return fail(format!("{}: {e}", args.fields.display())),
    };
    let doc = match OutputDocument::new(fields, profile, args.favor_id.as_deref(), args.refusal, at)
    {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let font = match Font::load(&args.font) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let sign_args = crate::cms::SignArgs {
        input: args.fields.clone(),
        key: args.key.clone(),
        password_file: args.password_file.clone(),
        cert: args.cert.clone(),
        chain: args.chain.clone(),
        detached: false,
        add_signer: false,
        content: None,
        signing_time: None,
        pem: false,
        base64: false,
        out: args.out.clone(),
    };
    let bundle = match crate::cms::load_key(&sign_args) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let request = SignRequest::new(&bundle.certificate, at.to_utc()).with_chain(&bundle.chain);
    let issued = match document::issue(&doc, &request, &bundle.key, args.ec_level.level(), &font) {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    if let Some(p) = &args.signed_out {
        if let Err(e) = std::fs::write(p, &issued.signed) {
            return fail(format!("{}: {e}", p.display()));
        }
    }
    if let Err(e) = std::fs::write(&args.out, &issued.pdf) {
        return fail(format!("{}: {e}", args.out.display()));
    }
    println!(
        "{}: {} of profile {} for FavorID {:?}: {} code(s), {} bytes signed, {} bytes of PDF",
        args.out.display(),
        match doc.kind {
            document::DocumentKind::Result => "output document",
            document::DocumentKind::Refusal => "refusal",
        },
        profile.id,
        doc.favor_id,
        issued.set.len(),
        issued.signed.len(),
        issued.pdf.len()
    );
    exit::VALID
}
