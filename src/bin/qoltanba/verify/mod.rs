//! `qoltanba verify ...`: a signed request (CMS SignedData, every signer, with the
//! certificate condition; or an XML document with one enveloped signature), optionally
//! under a regulation profile.

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};

use clap::Args;
use qoltanba::cms::{SignedData, SignerPolicy, TimePolicy, VerifyOptions};
use qoltanba::Overall;

use crate::args::{Channel, JudgeArgs};
use crate::error::{self, Failure};
use crate::{files, report};

mod print;
use self::print::{finish, json_with_problems, report_cms, report_xml};

/// Largest signed file or content read (the library bounds CMS input itself too).
pub const MAX_FILE: usize = 256 * 1024 * 1024;

#[derive(Args)]
pub struct VerifyArgs {
    /// The signed file: CMS SignedData (DER, BER, PEM or base64), an XML document with
    /// enveloped XML signatures, or a signed PDF (PAdES); - reads standard input.
    pub file: PathBuf,
    /// The content of a detached signature (- reads standard input).
    #[arg(long, value_name = "FILE")]
    pub content: Option<PathBuf>,
    #[command(flatten)]
    pub judge: JudgeArgs,
}

pub fn run(args: &VerifyArgs) -> u8 {
    error::finish(args.judge.output.json, verify(args))
}

fn verify(args: &VerifyArgs) -> Result<u8, Failure> {
    let file = &args.file;
    files::one_stdin(
        [file.as_path()]
            .into_iter()
            .chain(args.content.as_deref())
            .chain(args.judge.trust.paths()),
    )?;
    refuse_out_over_inputs(
        &args.judge,
        [Some(file.as_path()), args.content.as_deref()]
            .into_iter()
            .flatten(),
    )?;
    let bytes =
        files::read(file, MAX_FILE).map_err(|e| Failure::from(e).context(file.display()))?;
    if qoltanba::xmldsig::is_xml(&bytes) {
        return xml(&args.judge, file, args.content.is_some(), &bytes);
    }
    if qoltanba::pades::is_pdf(&bytes) {
        return pdf(&args.judge, file, args.content.is_some(), &bytes);
    }
    let signed = SignedData::from_input(&bytes).map_err(|e| {
        let failure = Failure::from(e).context(file.display());
        files::misread(failure, file, &bytes, &files::SIGNED_DATA)
    })?;
    let content = match &args.content {
        Some(p) => Some(files::read(p, MAX_FILE)?),
        None => None,
    };
    signed_data(&args.judge, file, &signed, content.as_deref())
}

/// Refuse, before anything is judged, an `--out` that names one of the command's inputs
/// (`inputs`: the files judged; and every `--trust`, `--intermediate`, `--crl`, `--ocsp`
/// and `--crl-cache`), by any spelling or link, or a file inside an input folder: the
/// verified content written there would replace (or, when nothing is written, remove)
/// evidence the judgement read, or be read as evidence next time (reviews 46, 48).
pub(crate) fn refuse_out_over_inputs<'a>(
    args: &'a JudgeArgs,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), Failure> {
    let Some(out) = args.out.as_deref() else {
        return Ok(());
    };
    let all = inputs
        .into_iter()
        .chain(args.trust.paths())
        .chain(args.trust.crl_cache.as_deref());
    for input in all {
        if files::same_file(out, input) || files::inside_folder(out, input) {
            return Err(Failure::usage(format!(
                "--out {} is an input of the judgement ({}): the verified content is written elsewhere",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// `verify` on a signed XML document (XMLDSig, enveloped signatures, every one judged;
/// `--any-signer`: one suffices; `--at-signing-time` / `--at-timestamp` judge at XAdES's
/// SigningTime / SignatureTimeStamp). The CMS-only options (a detached content, profiles)
/// are refused.
pub(crate) fn xml(
    args: &JudgeArgs,
    file: &Path,
    detached_content: bool,
    xml: &[u8],
) -> Result<u8, Failure> {
    if detached_content {
        return Err(Failure::usage(
            "--content applies to CMS; this is a signed XML document",
        ));
    }
    let expectation = args.expect.expectation()?;
    let verifier = args.trust.verifier_for(&xml_certificates(xml))?;
    if let Some(id) = &args.request.profile {
        refuse_under_profile(args)?;
        let judged = Judged {
            args,
            file,
            verifier: &verifier,
            expectation: &expectation,
        };
        return profile(&judged, id, qoltanba::profiles::SignedRequest::Xml(xml));
    }
    let policy = if args.any_signer {
        SignerPolicy::Any
    } else {
        SignerPolicy::All
    };
    let time = if args.at_timestamp {
        TimePolicy::TimeStamp
    } else if args.at_signing_time {
        TimePolicy::ClaimedSigningTime
    } else {
        TimePolicy::Given
    };
    let options = qoltanba::xmldsig::XmlOptions::new()
        .signers(policy)
        .legacy_sha1(args.legacy_sha1)
        .time(time);
    let verdict = qoltanba::xmldsig::verify_with(xml, &verifier, &expectation, &options)
        .map_err(|e| Failure::from(e).context(file.display()))?;
    report_xml(args, file, &verdict, verdict.overall(), &[])
}

/// The CMS options of the judging flags: the time policy (`--at-signing-time`,
/// `--at-timestamp`) and the signer policy (`--any-signer`).
fn cms_options(args: &JudgeArgs, expectation: qoltanba::Expectation) -> VerifyOptions {
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
    options
}

/// The certificates a signed XML document carries (`ds:X509Certificate`), for --fetch to
/// learn where their CRLs are: at most 16, each read as any certificate input.
fn xml_certificates(xml: &[u8]) -> Vec<qoltanba::Certificate> {
    const TAG: &[u8] = b"X509Certificate>";
    let mut out = Vec::new();
    let mut rest = xml;
    while out.len() < 16 {
        let Some(start) = rest.windows(TAG.len()).position(|w| w == TAG) else {
            break;
        };
        rest = &rest[start + TAG.len()..];
        let end = rest.iter().position(|&b| b == b'<').unwrap_or(rest.len());
        if let Ok(cert) = qoltanba::Certificate::from_input(&rest[..end]) {
            out.push(cert);
        }
        rest = &rest[end..];
    }
    out
}

/// `verify` on a signed PDF (PAdES, or a PDF 1.x detached CMS signature): every signature
/// judged with the certificate condition, and one must cover the whole file.
fn pdf(args: &JudgeArgs, file: &Path, detached_content: bool, pdf: &[u8]) -> Result<u8, Failure> {
    if detached_content || args.request.profile.is_some() || args.legacy_sha1 {
        return Err(Failure::usage(
            "--content, --profile and --legacy-sha1 do not apply to a signed PDF",
        ));
    }
    let options = cms_options(args, args.expect.expectation()?);
    let verifier = args.trust.verifier()?;
    let verdict = qoltanba::pades::verify(pdf, &verifier, &options)
        .map_err(|e| Failure::from(e).context(file.display()))?;
    if args.output.json {
        let mut value = serde_json::to_value(&verdict).unwrap_or_default();
        if let Some(o) = value.as_object_mut() {
            o.insert("format".into(), serde_json::json!("pdf"));
        }
        outln!(
            "{}",
            crate::report::json(Some(&file.display().to_string()), &value)
        );
    } else {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} (PDF, {} signature(s))",
            file.display(),
            verdict.overall().as_str().to_uppercase(),
            verdict.signatures().len()
        );
        report::checks(&mut s, "  ", verdict.checks());
        if verdict.signatures().len() > 1 {
            for sig in verdict.signatures() {
                let _ = writeln!(
                    s,
                    "  signature #{}: {} ({}, {})",
                    sig.index() + 1,
                    sig.overall().as_str().to_uppercase(),
                    sig.sub_filter(),
                    if sig.covers_whole_file() {
                        "the whole file"
                    } else {
                        "an earlier revision"
                    }
                );
                report::checks(&mut s, "    ", sig.checks());
            }
        }
        if let Some(r) = &verdict.refusal() {
            report::refusal(&mut s, r.kk(), r.ru(), r.en());
        }
        out!("{s}");
    }
    // The whole file is what is signed: nothing narrower to write out.
    finish(
        args.out.as_deref(),
        Some(pdf).filter(|_| verdict.is_valid()),
        verdict.overall(),
    )
}

/// The verification, report and exit code of `qoltanba verify` on a SignedData already
/// read (`file` only labels the report). Shared with `qoltanba barcode verify`, which
/// passes a `check` of the content.
pub(crate) fn signed_data(
    args: &JudgeArgs,
    file: &Path,
    signed: &SignedData,
    content: Option<&[u8]>,
) -> Result<u8, Failure> {
    if args.legacy_sha1 {
        return Err(Failure::usage(
            "--legacy-sha1 applies to signed XML; this is a CMS SignedData",
        ));
    }
    let expectation = args.expect.expectation()?;
    let verifier = args.trust.verifier_for(signed.certificates())?;
    if let Some(id) = &args.request.profile {
        refuse_under_profile(args)?;
        let judged = Judged {
            args,
            file,
            verifier: &verifier,
            expectation: &expectation,
        };
        return profile(
            &judged,
            id,
            qoltanba::profiles::SignedRequest::Cms { signed, content },
        );
    }
    let options = cms_options(args, expectation);
    let verdict = match content {
        Some(c) => signed.verify_detached(c, &verifier, &options),
        None => signed.verify(&verifier, &options),
    };
    report_cms(args, file, &verdict, verdict.overall(), &[])
}

/// `barcode verify`: the library's verdict on a set of codes
/// ([`qoltanba::document::verify_codes`]: the signature of the document they carry, and
/// for an output document its labels and who signed it), reported as `verify` reports the
/// document with those checks beside it: one verdict for the codes, the library's, the
/// service's (review 51). `--profile` (a signed request's condition) and `--legacy-sha1`
/// do not apply.
pub(crate) fn codes(
    args: &JudgeArgs,
    file: &Path,
    codes: &qoltanba::barcode::Reassembled,
) -> Result<u8, Failure> {
    if args.request.profile.is_some() || args.legacy_sha1 {
        return Err(Failure::usage(
            "--profile and --legacy-sha1 do not apply to barcodes: the codes carry an output document, judged with its labels and its signer (--bin names the provider)",
        ));
    }
    // A document the library cannot judge: nothing proven, nothing written (a stale
    // `--out` removed, as for every verdict short of valid: review 53).
    let indeterminate = |why: String| {
        let name = file.display().to_string();
        if args.output.json {
            let report = serde_json::json!({
                "verdict": Overall::Indeterminate,
                "reason": why,
            });
            outln!("{}", crate::report::json(Some(&name), &report));
        } else {
            outln!("{name}: INDETERMINATE — {why}");
        }
        finish(args.out.as_deref(), None, Overall::Indeterminate)
    };
    let certificates = if qoltanba::xmldsig::is_xml(&codes.document) {
        xml_certificates(&codes.document)
    } else {
        match codes.signed_data() {
            Ok(signed) => signed.certificates().to_vec(),
            // Another document the library cannot judge: nothing is proven either way.
            Err(qoltanba::Error::Unsupported(why)) => return indeterminate(why),
            Err(e) => return Err(Failure::from(e).context(file.display())),
        }
    };
    let expectation = args.expect.expectation()?;
    let verifier = args.trust.verifier_for(&certificates)?;
    let options = cms_options(args, expectation);
    let verdict = match qoltanba::document::verify_codes(codes, &verifier, &options) {
        Ok(v) => v,
        Err(qoltanba::Error::Unsupported(why)) => return indeterminate(why),
        Err(e) => return Err(Failure::from(e).context(file.display())),
    };
    let document = verdict.document();
    let extra = verdict
        .checks()
        .get(document.checks().len()..)
        .unwrap_or_default();
    match document {
        qoltanba::document::CodesDocument::Cms(v) => {
            report_cms(args, file, v, verdict.overall(), extra)
        }
        qoltanba::document::CodesDocument::Xml(v) => {
            report_xml(args, file, v, verdict.overall(), extra)
        }
        _ => indeterminate("a document the library cannot judge".into()),
    }
}

/// The judging flags a regulation profile decides itself, refused with `--profile` rather
/// than dropped in silence (review 46): a profile judges every signature its channel
/// carries, at `--at`, for signing, with the check digits of NCA test IINs not required
/// (the profile's identity rule compares the request's IIN/BIN with the certificates').
fn refuse_under_profile(args: &JudgeArgs) -> Result<(), Failure> {
    let given: Vec<&str> = [
        (args.any_signer, "--any-signer"),
        (args.at_signing_time, "--at-signing-time"),
        (args.at_timestamp, "--at-timestamp"),
        (args.legacy_sha1, "--legacy-sha1"),
        (args.expect.strict_checksum, "--strict-checksum"),
        (
            !matches!(args.expect.purpose, crate::args::PurposeArg::Sign),
            "--purpose other than sign",
        ),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect();
    if given.is_empty() {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "--profile judges every signature of its channel at --at, for signing, as the regulation says: {} do(es) not apply",
        given.join(", ")
    )))
}

/// What `verify --profile` judges with.
struct Judged<'a> {
    args: &'a JudgeArgs,
    file: &'a Path,
    verifier: &'a qoltanba::Verifier,
    expectation: &'a qoltanba::Expectation,
}

/// `verify --profile`: the request condition of one regulation. The IIN/BIN compared are
/// `--iin`/`--bin` when given (for a CMS request: the caller states them); otherwise, and
/// always for an XML request, the ones the signed request carries in its form's fields.
fn profile(
    judged: &Judged<'_>,
    id: &str,
    signed_request: qoltanba::profiles::SignedRequest<'_>,
) -> Result<u8, Failure> {
    use qoltanba::profiles::{
        check_request, check_signed_request, RequestError, RequestIdentity, RequestTime,
        SignedRequest, SignerRole,
    };
    let Judged {
        args,
        file,
        verifier,
        expectation,
    } = *judged;
    let profile = crate::profiles::find(id)?;
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
        (Err(e), _) | (_, Err(e)) => return Err(Failure::usage(e)),
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
    // A regulation without an EDS step: nothing to judge, a usage error.
    let stated = expectation.iin.is_some() || expectation.bin.is_some();
    let when = RequestTime {
        at: expectation.at,
        source: expectation.time_source,
    };
    let verdict = match signed_request {
        SignedRequest::Cms { signed, content } if stated => {
            check_request(profile, signed, content, &request, verifier, when)
                .map_err(Failure::usage)?
        }
        _ => check_signed_request(profile, signed_request, &request, verifier, when).map_err(
            |e| match e {
                RequestError::Unreadable(e) => Failure::from(e).context(file.display()),
                e => Failure::usage(e),
            },
        )?,
    };
    let overall = verdict.overall();
    if args.output.json {
        outln!("{}", json_with_problems(file, &verdict, overall, &[]));
    } else {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} — profile {} ({})",
            file.display(),
            overall.as_str().to_uppercase(),
            profile.id,
            profile.title_en
        );
        report::checks(&mut s, "  ", verdict.checks());
        if stated {
            let _ = writeln!(s, "  identity: as stated by --iin/--bin");
        }
        for c in verdict.compared() {
            let _ = writeln!(
                s,
                "  identity: the request's field {} ({}) = {}",
                c.field(),
                c.label(),
                c.value()
            );
        }
        for n in verdict.notes() {
            let _ = writeln!(s, "  note: {n}");
        }
        if let Some(r) = &verdict.refusal() {
            report::refusal(&mut s, r.kk(), r.ru(), r.en());
        }
        out!("{s}");
    }
    finish(
        args.out.as_deref(),
        verdict.verified_content().map(|c| c.as_ref()),
        overall,
    )
}
