//! `qoltanba barcode encode | decode | verify`: the 2D codes of output documents.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use qoltanba::barcode::{self, Assembler, EncodeOptions, Reassembled};

use crate::args::{EcArg, JudgeArgs};
use crate::error::{self, Cause, Failure};
use crate::{exit, files, verify};

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

#[derive(Args)]
pub struct EncodeArgs {
    /// The signed document (CMS or signed XML: put in the codes as it is); - reads
    /// standard input.
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
    /// BarcodeElement XML files, PNG/JPEG images of codes, or folders of them; any order
    /// (- reads one from standard input).
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
    /// BarcodeElement XML files, PNG/JPEG images of codes, or folders of them; any order
    /// (- reads one from standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// What the codes carry.
    #[arg(long, value_enum, default_value = "cms")]
    pub content_type: ContentTypeArg,
    /// How the signed document is judged, as `qoltanba verify` does.
    #[command(flatten)]
    pub judge: JudgeArgs,
}

pub fn run(command: BarcodeCommand) -> u8 {
    match command {
        BarcodeCommand::Encode(a) => error::finish(false, encode(&a)),
        BarcodeCommand::Decode(a) => error::finish(false, decode(&a)),
        BarcodeCommand::Verify(a) => error::finish(a.judge.output.json, verify_codes(&a)),
    }
}

fn encode(args: &EncodeArgs) -> Result<u8, Failure> {
    // The rendering parameters are the library's to bound: checked before any work or
    // output, a usage error.
    barcode::check_module_size(args.module_size)
        .map_err(|e| Failure::usage(format!("--module-size: {e}")))?;
    barcode::check_chunk_size(args.chunk_size)
        .map_err(|e| Failure::usage(format!("--chunk-size: {e}")))?;
    let creation_date = match &args.creation_date {
        Some(s) => chrono::DateTime::parse_from_rfc3339(s).map_err(|_| {
            Failure::usage(format!(
                "--creation-date {s:?} is not RFC 3339 (e.g. 2026-11-22T15:30:00+06:00)"
            ))
        })?,
        None => chrono::Local::now().fixed_offset(),
    };
    let signed = files::read(&args.signed, MAX_SIGNED)?;
    let options = EncodeOptions {
        favor_id: args.favor_id.clone(),
        creation_date,
        chunk_size: args.chunk_size,
        ec_level: args.ec_level.level(),
    };
    let set = barcode::encode(&signed, &options).map_err(|e| {
        let failure = Failure::from(e).context(args.signed.display());
        files::misread(failure, &args.signed, &signed, &files::SIGNED_DOCUMENT)
    })?;
    let symbols = if args.svg || args.png {
        Some(set.symbols()?)
    } else {
        None
    };
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::new(Cause::Output, format!("{}: {e}", args.out.display())))?;
    let digits = set.len().to_string().len().max(2);
    for (i, element) in set.elements.iter().enumerate() {
        let stem = format!("{:0digits$}", element.number);
        let mut outputs: Vec<(String, Vec<u8>)> =
            vec![(format!("{stem}.xml"), element.to_xml().into_bytes())];
        if let Some(symbols) = &symbols {
            if args.svg {
                let svg = symbols[i].to_svg(args.module_size)?;
                outputs.push((format!("{stem}.svg"), svg.into_bytes()));
            }
            if args.png {
                outputs.push((format!("{stem}.png"), symbols[i].to_png(args.module_size)?));
            }
        }
        for (name, bytes) in outputs {
            files::write(&args.out.join(name), bytes)?;
        }
    }
    outln!(
        "{}: {} code(s) of FavorID {:?} ({} bytes archived, chunk size {}) written to {}",
        args.signed.display(),
        set.len(),
        args.favor_id,
        set.archive_len,
        args.chunk_size,
        args.out.display()
    );
    Ok(exit::VALID)
}

/// The files to read (each FILE itself, or a folder's texts and images of codes:
/// [`barcode::input_files`]), each with the index of the FILE it came from.
fn inputs(files: &[PathBuf]) -> qoltanba::Result<Vec<(PathBuf, usize)>> {
    let mut out = Vec::new();
    for (k, f) in files.iter().enumerate() {
        out.extend(files::expand_codes(f)?.into_iter().map(|p| (p, k)));
    }
    Ok(out)
}

/// Read every input into an assembler. A failure listing every problem when the set is
/// incomplete or any input was unreadable, or a folder gave no code at all.
fn collect(files: &[PathBuf]) -> Result<Reassembled, Failure> {
    let paths = inputs(files)?;
    let mut assembler = Assembler::new();
    let mut problems: Vec<String> = Vec::new();
    // Per FILE: did it give anything (a text, a code, or a problem)? Only images without
    // any code give nothing.
    let mut gave = vec![false; files.len()];
    for (path, k) in &paths {
        let name = path.display().to_string();
        let bytes = match files::read(path, barcode::limits::MAX_IMAGE_INPUT_LEN) {
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
                        errln!("qoltanba: note: {name}: no QR code found in the image");
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
                let failure = Failure::from(e).context(&name);
                problems.push(files::misread(failure, path, &bytes, &files::CODES).message);
            }
        }
    }
    // A folder is input to judge: one that gave nothing is a mistake, even beside others.
    let mut empty_folders = 0;
    for (folder, _) in files
        .iter()
        .zip(&gave)
        .filter(|(f, g)| !**g && files::is_folder(f))
    {
        empty_folders += 1;
        problems.push(format!(
            "no BarcodeElement found in {}: no QR code in its images",
            folder.display()
        ));
    }
    if !assembler.is_empty() && !assembler.problems().is_empty() {
        // The set's own problems, every one named, as the library words them.
        if let Err(e) = assembler.finish() {
            problems.push(e.to_string());
        }
    }
    if !problems.is_empty() {
        // Only folders without a code: the arguments are wrong, not an input.
        let kind = if problems.len() == empty_folders {
            Cause::Usage
        } else {
            Cause::Unreadable
        };
        return Err(Failure {
            problems,
            ..Failure::new(kind, "the barcode set is incomplete or corrupt")
        });
    }
    Ok(assembler.finish()?)
}

fn decode(args: &DecodeArgs) -> Result<u8, Failure> {
    files::one_stdin(args.files.iter().map(PathBuf::as_path))?;
    let r = collect(&args.files)?;
    files::write(&args.out, &r.document)?;
    // Each code carries its own creationDate (eGov's are milliseconds apart).
    let created = match (r.creation_dates.first(), r.creation_dates.last()) {
        (Some(first), Some(last)) if first != last => format!("created {first} .. {last}"),
        _ => format!("created {}", r.creation_date),
    };
    outln!(
        "{} code(s) of FavorID {:?} ({created}): {} bytes written to {}",
        r.amount,
        r.favor_id,
        r.document.len(),
        args.out.display()
    );
    Ok(exit::VALID)
}

fn label(r: &Reassembled) -> PathBuf {
    Path::new(&format!(
        "barcodes of FavorID {:?} ({} codes)",
        r.favor_id, r.amount
    ))
    .to_path_buf()
}

fn verify_codes(args: &VerifyArgs) -> Result<u8, Failure> {
    files::one_stdin(
        args.files
            .iter()
            .map(PathBuf::as_path)
            .chain(args.judge.trust.paths()),
    )?;
    verify::refuse_out_over_inputs(&args.judge, args.files.iter().map(PathBuf::as_path))?;
    let r = collect(&args.files)?;
    let ContentTypeArg::Cms = args.content_type;
    verify::codes(&args.judge, &label(&r), &r)
}
