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
    /// The document's fields: either FIELDS.json as it was (an object with a "fields" array:
    /// favor_id, title_kk, title_ru, fields [{label, value}], refusal, refusal_reason), or
    /// the provider's values for the decree's output form of the profile (or, with
    /// --refusal, its refusal form): an object of strings, one per blank the form names
    /// (`profiles show` lists them), `signatory_1` ... for who signs, `reason` for a
    /// refusal's reason. - reads standard input.
    #[arg(long, value_name = "FIELDS.json", required_unless_present = "values")]
    pub fields: Option<PathBuf>,
    /// The request the document answers (its content, as `verify --profile --out` writes
    /// it once verified): the form's blanks named like its fields are filled from it.
    #[arg(long, value_name = "REQUEST")]
    pub request: Option<PathBuf>,
    /// The provider's values for the decree's form (the same as --fields given an object
    /// of strings).
    #[arg(long, value_name = "VALUES.json", conflicts_with = "fields")]
    pub values: Option<PathBuf>,
    /// Which of the service's output forms (1: the main one).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub output_form: usize,
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

/// FIELDS from the decree's form of `profile`, filled from --request and --values.
fn from_form(
    args: &IssueArgs,
    profile: &qoltanba::profiles::Profile,
    values: &std::path::Path,
    json: &[u8],
) -> Result<Fields, Failure> {
    let form = profile
        .document_form(args.refusal, args.output_form)
        .ok_or_else(|| {
            Failure::usage(format!(
                "profile {} has no {} form{}",
                profile.id,
                if args.refusal { "refusal" } else { "output" },
                if args.refusal {
                    String::new()
                } else {
                    format!(
                        " numbered {} (it has {})",
                        args.output_form,
                        profile.output_forms.len()
                    )
                }
            ))
        })?;
    let map: std::collections::BTreeMap<String, String> =
        serde_json::from_slice(json).map_err(|e| {
            // The position only, never serde's words: they quote a value (a password
            // given as the values: review 106).
            Failure::usage(format!(
                "{}: a JSON object of strings is expected ({:?} error at line {}, column {})",
                values.display(),
                e.classify(),
                e.line(),
                e.column()
            ))
        })?;
    let request = match &args.request {
        Some(path) => {
            let bytes = files::read(path, qoltanba::profiles::form_limits::MAX_REQUEST_LEN)
                .map_err(|e| Failure::from(e).context(path.display()))?;
            Some(
                qoltanba::profiles::RequestDocument::read(profile, &bytes)
                    .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?,
            )
        }
        None => None,
    };
    Ok(Fields::from_form(
        form,
        request.as_ref(),
        &map,
        args.refusal,
    )?)
}

pub fn run(command: DocumentCommand) -> u8 {
    match command {
        DocumentCommand::Issue(a) => error::finish(false, issue(&a)),
    }
}

fn issue(args: &IssueArgs) -> Result<u8, Failure> {
    files::one_stdin(
        args.fields
            .iter()
            .chain(&args.request)
            .chain(&args.values)
            .map(PathBuf::as_path)
            .chain(args.key.paths()),
    )?;
    let at: DateTime<FixedOffset> = match &args.at {
        Some(s) => DateTime::parse_from_rfc3339(s).map_err(|_| {
            Failure::usage(format!(
                "--at {s:?} is not RFC 3339 (e.g. 2026-11-22T15:30:00+06:00)"
            ))
        })?,
        None => chrono::Local::now().fixed_offset(),
    };
    let profile = crate::profiles::find(&args.profile)?;
    let path = args
        .fields
        .as_ref()
        .or(args.values.as_ref())
        .ok_or_else(|| Failure::usage("give --fields (or --values)"))?;
    let json = files::read(path, document::limits::MAX_FIELDS_JSON_LEN)
        .map_err(|e| Failure::from(e).context(path.display()))?;
    // FIELDS.json has its "fields" array; the form's values are an object of strings.
    let classic = args.values.is_none()
        && serde_json::from_slice::<serde_json::Value>(&json)
            .ok()
            .is_some_and(|v| v.get("fields").is_some());
    let fields = if classic {
        if args.request.is_some() {
            return Err(Failure::usage(
                "--request fills the decree's form: give the form's values (an object of strings) in --fields, not FIELDS.json's \"fields\"",
            ));
        }
        Fields::from_json(&json).map_err(|e| {
            files::misread(
                Failure::from(e).context(path.display()),
                path,
                &json,
                &files::FIELDS,
            )
        })?
    } else {
        from_form(args, profile, path, &json)?
    };
    let doc = OutputDocument::new(fields, profile, args.favor_id.as_deref(), args.refusal, at)?;
    let font = match &args.font {
        Some(path) => Font::load(path)?,
        None => Font::bundled()?,
    };
    let reads = args
        .fields
        .iter()
        .chain(&args.request)
        .chain(&args.values)
        .chain(&args.font)
        .map(PathBuf::as_path)
        .chain(args.key.all_paths());
    let reads: Vec<&std::path::Path> = reads.collect();
    files::refuse_out_over("-o", &args.out, reads.iter().copied())?;
    if let Some(p) = &args.signed_out {
        files::refuse_out_over("--signed-out", p, reads.iter().copied())?;
    }
    let bundle = crate::sign::load_key(&args.key)?;
    crate::sign::valid_to_sign(&bundle.certificate, at.to_utc(), args.at.is_some())?;
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
    outln!(
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
