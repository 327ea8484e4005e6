//! `qoltanba barcode encode | decode | verify`: the 2D codes of output documents.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use qoltanba::barcode::{self, Assembler, EcLevel, EncodeOptions, Reassembled};
use qoltanba::chain::read_file;

use crate::cert::{ExpectArgs, TrustArgs};
use crate::exit;

/// Largest signed document read for encoding.
const MAX_SIGNED: usize = barcode::limits::MAX_DOCUMENT_LEN;

#[derive(Subcommand)]
pub enum BarcodeCommand {
    /// Cut a signed document into BarcodeElement codes: DIR/NN.xml (+ NN.svg, NN.png).
    Encode(EncodeArgs),
    /// Reassemble codes (XML texts or PNG/JPEG images, any order) and unzip the signed
    /// document, without judging its signature.
    Decode(DecodeArgs),
    /// Reassemble codes and verify the signed document, as `qoltanba verify` does.
    Verify(Box<VerifyArgs>),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EcArg {
    L,
    M,
    Q,
    H,
}

impl EcArg {
    pub(crate) fn level(self) -> EcLevel {
        match self {
            EcArg::L => EcLevel::L,
            EcArg::M => EcLevel::M,
            EcArg::Q => EcLevel::Q,
            EcArg::H => EcLevel::H,
        }
    }
}

#[derive(Args)]
pub struct EncodeArgs {
    /// The signed document (CMS or signed XML: put in the codes as it is).
    pub signed: PathBuf,
    /// The request number (FavorID) the document answers.
    #[arg(long, value_name = "ID")]
    pub favor_id: String,
    /// Output folder (created if absent).
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Also write each code as SVG.
    #[arg(long)]
    pub svg: bool,
    /// Also write each code as PNG.
    #[arg(long)]
    pub png: bool,
    /// Bytes of archive per code (bounded by the library; out of bounds is refused).
    #[arg(long, value_name = "N", default_value_t = barcode::DEFAULT_CHUNK_SIZE)]
    pub chunk_size: usize,
    /// creationDate (RFC 3339, the offset kept); default: now, local time.
    #[arg(long, value_name = "RFC3339")]
    pub creation_date: Option<String>,
    /// QR error-correction level.
    #[arg(long, value_enum, default_value = "m")]
    pub ec_level: EcArg,
    /// Pixels (PNG) or user units (SVG) per module (bounded by the library; out of bounds
    /// is refused).
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub module_size: u32,
}

#[derive(Args)]
pub struct DecodeArgs {
    /// BarcodeElement XML files, PNG/JPEG images of codes, or folders of them; any order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the signed document.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ContentTypeArg {
    /// CMS SignedData (DER, BER, PEM or base64).
    Cms,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// BarcodeElement XML files, PNG/JPEG images of codes, or folders of them; any order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// What the codes carry.
    #[arg(long, value_enum, default_value = "cms")]
    pub content_type: ContentTypeArg,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    /// Judge each signer at its signingTime when present (the signer's own claim), else at --at.
    #[arg(long)]
    pub at_signing_time: bool,
    /// Judge each signer at the genTime of its signature time-stamp token (as `verify`).
    #[arg(long, conflicts_with_all = ["at_signing_time", "profile"])]
    pub at_timestamp: bool,
    /// Valid when any signer is valid (default: every signer must be).
    #[arg(long)]
    pub any_signer: bool,
    /// A regulation profile, as `qoltanba verify --profile` runs it.
    #[command(flatten)]
    pub request: crate::cms::ProfileArgs,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Write the verified content here (only when the verdict is valid). For signed XML:
    /// what the signature covers, in canonical form (Canonical XML 1.0, the signature and
    /// comments left out), not the file as received.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(command: BarcodeCommand) -> u8 {
    match command {
        BarcodeCommand::Encode(a) => encode(&a),
        BarcodeCommand::Decode(a) => decode(&a),
        BarcodeCommand::Verify(a) => verify(*a),
    }
}

fn fail(e: impl std::fmt::Display) -> u8 {
    eprintln!("qoltanba: {e}");
    exit::UNREADABLE
}

fn encode(args: &EncodeArgs) -> u8 {
    // The rendering parameters are the library's to bound: checked before any work or
    // output, a usage error.
    if let Err(e) = barcode::check_module_size(args.module_size) {
        return fail(format!("--module-size: {e}"));
    }
    if let Err(e) = barcode::check_chunk_size(args.chunk_size) {
        return fail(format!("--chunk-size: {e}"));
    }
    let creation_date = match &args.creation_date {
        Some(s) => match chrono::DateTime::parse_from_rfc3339(s) {
            Ok(t) => t,
            Err(_) => {
                return fail(format!(
                    "--creation-date {s:?} is not RFC 3339 (e.g. 2026-11-22T15:30:00+06:00)"
                ))
            }
        },
        None => chrono::Local::now().fixed_offset(),
    };
    let signed = match read_file(&args.signed, MAX_SIGNED) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let options = EncodeOptions {
        favor_id: args.favor_id.clone(),
        creation_date,
        chunk_size: args.chunk_size,
        ec_level: args.ec_arg(),
    };
    let set = match barcode::encode(&signed, &options) {
        Ok(s) => s,
        Err(e) => return fail(format!("{}: {e}", args.signed.display())),
    };
    let symbols = if args.svg || args.png {
        match set.symbols() {
            Ok(s) => Some(s),
            Err(e) => return fail(e),
        }
    } else {
        None
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        return fail(format!("{}: {e}", args.out.display()));
    }
    let digits = set.len().to_string().len().max(2);
    for (i, element) in set.elements.iter().enumerate() {
        let stem = format!("{:0digits$}", element.number);
        let mut outputs: Vec<(String, Vec<u8>)> =
            vec![(format!("{stem}.xml"), element.to_xml().into_bytes())];
        if let Some(symbols) = &symbols {
            if args.svg {
                match symbols[i].to_svg(args.module_size) {
                    Ok(s) => outputs.push((format!("{stem}.svg"), s.into_bytes())),
                    Err(e) => return fail(e),
                }
            }
            if args.png {
                match symbols[i].to_png(args.module_size) {
                    Ok(p) => outputs.push((format!("{stem}.png"), p)),
                    Err(e) => return fail(e),
                }
            }
        }
        for (name, bytes) in outputs {
            let path = args.out.join(name);
            if let Err(e) = std::fs::write(&path, bytes) {
                return fail(format!("{}: {e}", path.display()));
            }
        }
    }
    println!(
        "{}: {} code(s) of FavorID {:?} ({} bytes archived, chunk size {}) written to {}",
        args.signed.display(),
        set.len(),
        args.favor_id,
        set.archive_len,
        args.chunk_size,
        args.out.display()
    );
    exit::VALID
}

impl EncodeArgs {
    fn ec_arg(&self) -> EcLevel {
        self.ec_level.level()
    }
}

/// The files to read (each FILE itself, or a folder's texts and images of codes:
/// [`barcode::input_files`]), each with the index of the FILE it came from.
fn inputs(files: &[PathBuf]) -> qoltanba::Result<Vec<(PathBuf, usize)>> {
    let mut out = Vec::new();
    for (k, f) in files.iter().enumerate() {
        out.extend(barcode::input_files(f)?.into_iter().map(|p| (p, k)));
    }
    Ok(out)
}

/// Read every input into an assembler; every problem is printed. `None` when the set is
/// incomplete or any input was unreadable, or a folder gave no code at all.
fn collect(files: &[PathBuf]) -> Option<Reassembled> {
    let paths = match inputs(files) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("qoltanba: {e}");
            return None;
        }
    };
    let mut assembler = Assembler::new();
    let mut problems: Vec<String> = Vec::new();
    // Per FILE: did it give anything (a text, a code, or a problem)? Only images without
    // any code give nothing.
    let mut gave = vec![false; files.len()];
    for (path, k) in &paths {
        let name = path.display().to_string();
        let bytes = match read_file(path, barcode::limits::MAX_IMAGE_INPUT_LEN) {
            Ok(b) => b,
            Err(e) => {
                problems.push(e.to_string());
                gave[*k] = true;
                continue;
            }
        };
        if barcode::is_image(&bytes) {
            match barcode::scan_image(&bytes) {
                Ok(scan) => {
                    if scan.texts.is_empty() && scan.unreadable.is_empty() {
                        // A page of text only: not a problem by itself.
                        eprintln!("qoltanba: note: {name}: no QR code found in the image");
                    } else {
                        gave[*k] = true;
                    }
                    for reason in &scan.unreadable {
                        problems.push(format!("{name}: {reason}"));
                    }
                    for (k, text) in scan.texts.iter().enumerate() {
                        let source = format!("{name} code #{}", k + 1);
                        if let Err(e) = assembler.add_text(text, source.clone()) {
                            problems.push(format!("{source}: {e}"));
                        }
                    }
                }
                Err(e) => {
                    problems.push(format!("{name}: {e}"));
                    gave[*k] = true;
                }
            }
        } else {
            gave[*k] = true;
            if let Err(e) = assembler.add_text(&bytes, name.clone()) {
                problems.push(format!("{name}: {e}"));
            }
        }
    }
    // A folder is input to judge: one that gave nothing is a mistake, even beside others.
    for (folder, _) in files.iter().zip(&gave).filter(|(f, g)| !**g && f.is_dir()) {
        problems.push(format!(
            "no BarcodeElement found in {}: no QR code in its images",
            folder.display()
        ));
    }
    let set_problems = assembler.problems();
    if !assembler.is_empty() && !set_problems.is_empty() {
        let amount = set_problems
            .iter()
            .find_map(|p| match p {
                barcode::SetProblem::Missing { amount, .. } => Some(*amount),
                _ => None,
            })
            .unwrap_or(0);
        problems.push(barcode::set_error(&set_problems, amount).to_string());
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("qoltanba: {p}");
        }
        eprintln!("qoltanba: the barcode set is incomplete or corrupt");
        return None;
    }
    match assembler.finish() {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("qoltanba: {e}");
            None
        }
    }
}

fn decode(args: &DecodeArgs) -> u8 {
    let Some(r) = collect(&args.files) else {
        return exit::UNREADABLE;
    };
    if let Err(e) = std::fs::write(&args.out, &r.document) {
        return fail(format!("{}: {e}", args.out.display()));
    }
    println!(
        "{} code(s) of FavorID {:?} (created {}): {} bytes written to {}",
        r.amount,
        r.favor_id,
        r.creation_date,
        r.document.len(),
        args.out.display()
    );
    exit::VALID
}

fn label(r: &Reassembled) -> PathBuf {
    Path::new(&format!(
        "barcodes of FavorID {:?} ({} codes)",
        r.favor_id, r.amount
    ))
    .to_path_buf()
}

fn verify(args: VerifyArgs) -> u8 {
    let Some(r) = collect(&args.files) else {
        return exit::UNREADABLE;
    };
    let ContentTypeArg::Cms = args.content_type;
    if qoltanba::xmldsig::is_xml(&r.document) {
        let cms_args = crate::cms::VerifyArgs {
            file: label(&r),
            content: None,
            trust: args.trust,
            expect: args.expect,
            at_signing_time: args.at_signing_time,
            at_timestamp: args.at_timestamp,
            any_signer: args.any_signer,
            request: args.request,
            json: args.json,
            out: args.out,
        };
        return crate::cms::verify_xml(&cms_args, &r.document);
    }
    let signed = match r.signed_data() {
        Ok(s) => s,
        // Signed XML (a later format) or another document the library cannot judge:
        // nothing is proven either way.
        Err(qoltanba::Error::Unsupported(why)) => {
            let file = label(&r).display().to_string();
            if args.json {
                let report = serde_json::json!({
                    "file": file,
                    "verdict": qoltanba::Overall::Indeterminate,
                    "reason": why,
                });
                println!("{report}");
            } else {
                println!("{file}: INDETERMINATE — {why}");
            }
            return exit::INDETERMINATE;
        }
        Err(e) => return fail(format!("{}: {e}", label(&r).display())),
    };
    let cms_args = crate::cms::VerifyArgs {
        file: label(&r),
        content: None,
        trust: args.trust,
        expect: args.expect,
        at_signing_time: args.at_signing_time,
        at_timestamp: args.at_timestamp,
        any_signer: args.any_signer,
        request: args.request,
        json: args.json,
        out: args.out,
    };
    // The codes' FavorID and creationDate are not signed: an output document's must agree
    // with the ones inside it.
    let labels = |content: &[u8]| qoltanba::document::label_mismatches(&r, content);
    crate::cms::verify_signed(&cms_args, &signed, None, Some(&labels))
}
