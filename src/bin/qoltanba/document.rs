//! `qoltanba document issue`: sign an output document, cut it into barcodes and lay out
//! the printable PDF in one step.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use clap::{Args, Subcommand};
use qoltanba::cms::SignRequest;
use qoltanba::document::{self, Fields, Font, OutputDocument};

use crate::args::{EcArg, KeyArgs};
use crate::error::{self, Failure};
use crate::{exit, files};

#[derive(Subcommand)]
pub enum DocumentCommand {
    /// Sign FIELDS.json as an output document (CMS, attached) and write its PDF with the
    /// barcodes.
    Issue(Box<IssueArgs>),
}

#[derive(Args)]
pub struct IssueArgs {
    /// The document's fields (JSON: favor_id, title_kk, title_ru, fields [{label, value}],
    /// refusal, refusal_reason); - reads standard input.
    #[arg(long, value_name = "FIELDS.json")]
    pub fields: PathBuf,
    /// The regulation profile (id, e.g. vko-archive-certificate).
    #[arg(long, value_name = "NAME")]
    pub profile: String,
    #[command(flatten)]
    pub key: KeyArgs,
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
    /// The font (TrueType with Kazakh Cyrillic); default: the one bundled with qoltanba
    /// (DejaVu Sans).
    #[arg(long, value_name = "TTF")]
    pub font: Option<PathBuf>,
    /// QR error-correction level.
    #[arg(long, value_enum, default_value = "m")]
    pub ec_level: EcArg,
    /// Sign the document as XML (an enveloped XML signature, the form eGov carries in its
    /// codes) instead of CMS.
    #[arg(long)]
    pub xml: bool,
    /// Also write the signed document (CMS DER, or with --xml the signed XML) here.
    #[arg(long, value_name = "FILE")]
    pub signed_out: Option<PathBuf>,
    /// The PDF.
    #[arg(short = 'o', long = "out", value_name = "OUT.pdf")]
    pub out: PathBuf,
}

pub fn run(command: DocumentCommand) -> u8 {
    match command {
        DocumentCommand::Issue(a) => error::finish(false, issue(&a)),
    }
}

fn issue(args: &IssueArgs) -> Result<u8, Failure> {
    files::one_stdin([args.fields.as_path()].into_iter().chain(args.key.paths()))?;
    let at: DateTime<FixedOffset> = match &args.at {
        Some(s) => DateTime::parse_from_rfc3339(s).map_err(|_| {
            Failure::usage(format!(
                "--at {s:?} is not RFC 3339 (e.g. 2026-11-22T15:30:00+06:00)"
            ))
        })?,
        None => chrono::Local::now().fixed_offset(),
    };
    let profile = crate::profiles::find(&args.profile)?;
    let label = args.fields.display();
    let json = files::read(&args.fields, document::limits::MAX_FIELDS_JSON_LEN)
        .map_err(|e| Failure::from(e).context(&label))?;
    let fields = Fields::from_json(&json).map_err(|e| {
        files::misread(
            Failure::from(e).context(&label),
            &args.fields,
            &json,
            &files::FIELDS,
        )
    })?;
    let doc = OutputDocument::new(fields, profile, args.favor_id.as_deref(), args.refusal, at)?;
    let font = match &args.font {
        Some(path) => Font::load(path)?,
        None => Font::bundled()?,
    };
    let bundle = crate::sign::load_key(&args.key)?;
    let request = SignRequest::new(&bundle.certificate, at.to_utc()).with_chain(&bundle.chain);
    let issued = if args.xml {
        document::issue_xml(&doc, &request, &bundle.key, args.ec_level.level(), &font)?
    } else {
        document::issue(&doc, &request, &bundle.key, args.ec_level.level(), &font)?
    };
    if let Some(p) = &args.signed_out {
        files::write(p, &issued.signed)?;
    }
    files::write(&args.out, &issued.pdf)?;
    println!(
        "{}: {} of profile {} for FavorID {:?}: {} code(s), {} bytes signed ({}), {} bytes of PDF",
        args.out.display(),
        match doc.kind {
            document::DocumentKind::Result => "output document",
            document::DocumentKind::Refusal => "refusal",
        },
        profile.id,
        doc.favor_id,
        issued.set.len(),
        issued.signed.len(),
        if args.xml { "XML" } else { "CMS" },
        issued.pdf.len()
    );
    Ok(exit::VALID)
}
