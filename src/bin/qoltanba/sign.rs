//! `qoltanba sign ...`: sign an output document (CMS SignedData, or with `--xml` an
//! enveloped XML signature as Kalkan makes it, or with `--pdf` a PAdES signature appended
//! to any PDF), or add a signer to one.

use std::path::PathBuf;

use base64::Engine as _;
use chrono::Utc;
use clap::Args;
use qoltanba::cms::{SignRequest, SignedData};
use qoltanba::keys::{open_pkcs12, password_from_env, KeyBundle, SigningKey};
use zeroize::Zeroizing;

use crate::args::{parse_time, KeyArgs};
use crate::error::{self, Failure};
use crate::verify::MAX_FILE;
use crate::{exit, files};

/// Largest key file read (PKCS#8 or PKCS#12; the library bounds both itself too).
const MAX_KEY_FILE: usize = 16 * 1024 * 1024;

#[derive(Args)]
pub struct SignArgs {
    /// The content to sign (with --add-signer: the SignedData to add a signer to); - reads
    /// standard input.
    pub input: PathBuf,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Sign an XML document: an enveloped ds:Signature over the whole document, appended to
    /// its document element (Kalkan's shape); a document already signed gets one more.
    #[arg(long, conflicts_with_all = ["detached", "add_signer", "pem", "base64", "content"])]
    pub xml: bool,
    /// Sign a SOAP envelope for SmartBridge (ШЭП): a WS-Security header with the
    /// certificate and a signature over the Body by its wsu:Id (exclusive C14N).
    #[arg(long, conflicts_with_all = ["xml", "detached", "add_signer", "pem", "base64", "content"])]
    pub soap: bool,
    /// Sign a PDF (any producer's, already signed or not): a PAdES B-B signature appended
    /// as an incremental update (the original bytes kept, earlier signatures valid over
    /// their revisions); the output is the signed PDF. Encrypted PDFs are refused.
    #[arg(long, conflicts_with_all = ["xml", "soap", "detached", "add_signer", "pem", "base64", "content"])]
    pub pdf: bool,
    /// With --pdf: the signature's /Reason (why the signer signs; a claim).
    #[arg(long, value_name = "TEXT", requires = "pdf")]
    pub reason: Option<String>,
    /// With --pdf: the signature's /Location (a claim).
    #[arg(long, value_name = "TEXT", requires = "pdf")]
    pub location: Option<String>,
    /// With --pdf: the signature's /ContactInfo (a claim).
    #[arg(long, value_name = "TEXT", requires = "pdf")]
    pub contact_info: Option<String>,
    /// With --xml: sign the one element with this Id (Id, ID, id or wsu:Id), not the whole
    /// document.
    #[arg(long, value_name = "ID", requires = "xml")]
    pub reference_id: Option<String>,
    /// With --xml: a XAdES-B signature (SignedProperties with SigningTime, taken from
    /// --signing-time or now, and SigningCertificateV2).
    #[arg(long, requires = "xml")]
    pub xades: bool,
    /// Produce a detached signature.
    #[arg(long)]
    pub detached: bool,
    /// Add a signer to the SignedData given as input (counter-signing a request).
    #[arg(long)]
    pub add_signer: bool,
    /// With --add-signer on a detached SignedData: its content (- reads standard input).
    #[arg(long, value_name = "FILE")]
    pub content: Option<PathBuf>,
    /// The signingTime attribute (with --xml --xades: xades:SigningTime; with --pdf: the
    /// signature dictionary's /M), RFC 3339; default: now.
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
    /// Ask the time-stamp authority at this http:// URL (RFC 3161) for a token over each
    /// new signer's signature value and add it (CAdES-T; with --add-signer the CMS's
    /// other signers are left as they are); its nonce, imprint and own signature (against
    /// the TSA certificate it carries) are checked. CMS and --pdf (the token inside the PDF's signature: PAdES B-T).
    #[arg(long, value_name = "URL", conflicts_with_all = ["xml", "soap"])]
    pub tsa_url: Option<String>,
    /// The policy (a dotted OID) asked of the time-stamp authority; a token under another
    /// is refused. Without it the TSA's default. The NCA's: 1.2.398.3.3.2.6.4 (GOST
    /// 2015), 1.2.398.3.3.2.6.1 (GOST 2004).
    #[arg(long, value_name = "OID", requires = "tsa_url")]
    pub tsa_policy: Option<String>,
}

pub fn run(args: &SignArgs) -> u8 {
    error::finish(false, sign(args))
}

/// The password: first line of the file, or the QOLTANBA_PASSWORD variable (its bytes as
/// the system holds them). Never printed; held from the moment it is read in buffers
/// zeroized on drop (the library's readers).
fn password(args: &KeyArgs) -> Result<Option<Zeroizing<Vec<u8>>>, Failure> {
    if let Some(p) = &args.password_file {
        return files::password(p).map(Some);
    }
    Ok(password_from_env("QOLTANBA_PASSWORD"))
}

/// The signer's key, certificate and chain.
pub(crate) fn load_key(args: &KeyArgs) -> Result<KeyBundle, Failure> {
    // Key bytes (an unencrypted PKCS#8 is the key itself) go straight into a zeroizing
    // buffer.
    let bytes: Zeroizing<Vec<u8>> = files::secret(&args.key, MAX_KEY_FILE)?;
    let password = password(args)?;
    let ext = args
        .key
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut chain = Vec::new();
    for p in &args.chain {
        chain.extend(files::chain(p)?);
    }
    let explicit_cert = args.cert.as_deref().map(files::certificate).transpose()?;
    let misread =
        |e: qoltanba::Error, expected| files::misread(e.into(), &args.key, &bytes, expected);
    if ext == "p12" || ext == "pfx" {
        let pw = password.ok_or_else(|| {
            Failure::usage("a PKCS#12 key needs --password-file or QOLTANBA_PASSWORD")
        })?;
        let mut bundle = open_pkcs12(&bytes, &pw).map_err(|e| misread(e, &files::PKCS12))?;
        if let Some(c) = explicit_cert {
            bundle.certificate = c;
        }
        bundle.chain.extend(chain);
        return Ok(bundle);
    }
    let key = SigningKey::from_pkcs8(&bytes, password.as_ref().map(|p| p.as_slice()))
        .map_err(|e| misread(e, &files::PKCS8))?;
    let certificate = explicit_cert.ok_or_else(|| Failure::usage("a PKCS#8 key needs --cert"))?;
    Ok(KeyBundle {
        key,
        certificate,
        chain,
    })
}

/// Refuse a signer's certificate not valid at `at`, the time the signature states (given,
/// or now): the signature would be refuted by its own certificate, and `verify` would
/// call it invalid (review 104; the service refuses it too). Only the validity period:
/// this command has no trust anchors or CRLs to judge more by.
pub(crate) fn valid_to_sign(
    certificate: &qoltanba::Certificate,
    at: chrono::DateTime<Utc>,
    given: bool,
) -> Result<(), Failure> {
    if certificate.is_valid_at(at) {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "the signer's certificate is valid {} .. {}, not at {} ({}): a signature made with it then would be refuted by its own certificate",
        certificate.not_before().to_rfc3339(),
        certificate.not_after().to_rfc3339(),
        at.to_rfc3339(),
        if given { "the time given" } else { "now" }
    )))
}

fn sign(args: &SignArgs) -> Result<u8, Failure> {
    files::one_stdin(
        [args.input.as_path()]
            .into_iter()
            .chain(args.content.as_deref())
            .chain(args.key.paths()),
    )?;
    let signing_time = match &args.signing_time {
        Some(s) => parse_time(s)?,
        None => Utc::now(),
    };
    // Never over the key's files or a detached content; over the input only when the
    // output does not carry it (a detached signature): `--add-signer X -o X`, an attached
    // CMS, an XML or PDF signed in place keep what the input held (review 46).
    files::refuse_out_over(
        "-o",
        &args.out,
        args.detached
            .then_some(args.input.as_path())
            .into_iter()
            .chain(args.content.as_deref())
            .chain(args.key.all_paths()),
    )?;
    let bundle = load_key(&args.key)?;
    valid_to_sign(
        &bundle.certificate,
        signing_time,
        args.signing_time.is_some(),
    )?;
    let input = files::read(&args.input, MAX_FILE)?;
    if args.xml || args.soap {
        let signed = if args.soap {
            qoltanba::xmldsig::sign_soap(&input, &bundle.certificate, &bundle.key)
        } else {
            let mut options = qoltanba::xmldsig::XmlSignOptions::new();
            if let Some(id) = &args.reference_id {
                options = options.reference_id(id.clone());
            }
            if args.xades {
                options = options.xades(signing_time);
            }
            qoltanba::xmldsig::sign_with(&input, &bundle.certificate, &bundle.key, &options)
        }
        .map_err(|e| Failure::from(e).context(args.input.display()))?;
        files::write(&args.out, signed)?;
        return Ok(exit::VALID);
    }
    if args.pdf {
        return sign_pdf(args, &input, &bundle, signing_time);
    }
    let request = SignRequest::new(&bundle.certificate, signing_time)
        .with_chain(&bundle.chain)
        .detached(args.detached);
    // With --add-signer, the signature values the CMS carried: its signers are not
    // this command's to time-stamp.
    let (der, carried) = if args.add_signer {
        let existing = SignedData::from_input(&input).map_err(|e| {
            let failure = Failure::from(e).context(args.input.display());
            files::misread(failure, &args.input, &input, &files::SIGNED_DATA)
        })?;
        let content = match &args.content {
            Some(p) => Some(files::read(p, MAX_FILE)?),
            None => None,
        };
        let carried: Vec<Vec<u8>> = existing
            .signers()
            .iter()
            .map(|s| s.signature().to_vec())
            .collect();
        (
            existing.add_signer(content.as_deref(), &request, &bundle.key)?,
            Some(carried),
        )
    } else {
        (qoltanba::cms::sign(&input, &request, &bundle.key)?, None)
    };
    let der = match &args.tsa_url {
        Some(url) => {
            let client = qoltanba::fetch::TsaClient::new(&qoltanba::fetch::FetchConfig::default());
            let policy = args.tsa_policy.as_deref();
            match &carried {
                None => client.timestamp_cms(url, &der, policy),
                Some(carried) => {
                    let signed = SignedData::from_input(&der)?;
                    let added = added_signatures(&signed, carried);
                    client.timestamp_signers(url, &der, policy, &added)
                }
            }
            .map_err(|e| Failure::unreadable(format!("--tsa-url {url}: {e}")))?
        }
        None => der,
    };
    files::write(&args.out, encode(der, args))?;
    Ok(exit::VALID)
}

/// The signature values of `signed` that `carried` (those of the CMS given) does not
/// account for, counted: the signers this command added.
fn added_signatures<'a>(signed: &'a SignedData, carried: &[Vec<u8>]) -> Vec<&'a [u8]> {
    let mut unaccounted: Vec<&[u8]> = carried.iter().map(Vec::as_slice).collect();
    let mut added = Vec::new();
    for s in signed.signers() {
        match unaccounted.iter().position(|v| *v == s.signature()) {
            Some(k) => {
                unaccounted.swap_remove(k);
            }
            None => added.push(s.signature()),
        }
    }
    added
}

/// `--pdf`: the input PDF signed by an incremental update, with a token from `--tsa-url`
/// inside the signature when asked.
fn sign_pdf(
    args: &SignArgs,
    input: &[u8],
    bundle: &KeyBundle,
    signing_time: chrono::DateTime<Utc>,
) -> Result<u8, Failure> {
    let request = SignRequest::new(&bundle.certificate, signing_time).with_chain(&bundle.chain);
    let options = qoltanba::pades::PdfSignOptions {
        reason: args.reason.clone(),
        location: args.location.clone(),
        contact_info: args.contact_info.clone(),
    };
    // The TSA's failure, told as such rather than as an unreadable PDF.
    let mut tsa_failure = None;
    let signed =
        qoltanba::pades::sign_with(
            input,
            &request,
            &bundle.key,
            &options,
            &mut |cms| match &args.tsa_url {
                None => Ok(cms),
                Some(url) => {
                    qoltanba::fetch::TsaClient::new(&qoltanba::fetch::FetchConfig::default())
                        .timestamp_cms(url, &cms, args.tsa_policy.as_deref())
                        .map_err(|e| {
                            tsa_failure = Some(format!("--tsa-url {url}: {e}"));
                            qoltanba::Error::Unsupported("the time-stamp authority failed".into())
                        })
                }
            },
        );
    if let Some(message) = tsa_failure {
        return Err(Failure::unreadable(message));
    }
    let signed = signed.map_err(|e| Failure::from(e).context(args.input.display()))?;
    files::write(&args.out, signed)?;
    Ok(exit::VALID)
}

/// DER, PEM or bare base64, as asked.
fn encode(der: Vec<u8>, args: &SignArgs) -> Vec<u8> {
    if args.pem {
        pem::encode(&pem::Pem::new("CMS", der)).into_bytes()
    } else if args.base64 {
        let mut t = base64::engine::general_purpose::STANDARD.encode(&der);
        t.push('\n');
        t.into_bytes()
    } else {
        der
    }
}
