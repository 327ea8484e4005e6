//! The argument groups several commands share, each defined once: trust material, what is
//! expected of the signer (and the time judged), a regulation profile and the request's
//! claims under it, how a signed document is judged, the signer's key, JSON output.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use qoltanba::barcode::EcLevel;
use qoltanba::identity::{Bin, ChecksumPolicy, Iin};
use qoltanba::KeyPolicy;
use qoltanba::{Expectation, Purpose, RevocationScope, Verifier};

use crate::error::Failure;
use crate::files;

/// `--json`.
#[derive(Args)]
pub struct Json {
    /// Print JSON on standard output; an error too, as
    /// {"schema":1,"error":{"kind":...,"message":...}}.
    #[arg(long)]
    pub json: bool,
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

/// Trust anchors, intermediates, revocation data, and how they are relied on.
#[derive(Args)]
pub struct TrustArgs {
    /// Trust anchor certificates (file or folder); may repeat.
    #[arg(long = "trust", value_name = "FILE|DIR")]
    pub trust: Vec<PathBuf>,
    /// Untrusted certificates offered for path building (file or folder); may repeat.
    #[arg(long = "intermediate", value_name = "FILE|DIR")]
    pub intermediate: Vec<PathBuf>,
    /// CRLs, complete or delta (file or folder; DER, PEM or base64; or an http:// URL,
    /// fetched and kept in --crl-cache); may repeat.
    #[arg(long = "crl", value_name = "FILE|DIR|URL")]
    pub crl: Vec<PathBuf>,
    /// Fetch over HTTP the complete and delta CRLs the certificates judged, the anchors
    /// and the intermediates name (cRLDistributionPoints, FreshestCRL), kept in
    /// --crl-cache and fetched again once an hour or before their nextUpdate. A CRL that
    /// cannot be fetched leaves the cached one in use; with none, status is not proven.
    #[arg(long)]
    pub fetch: bool,
    /// Where fetched CRLs are kept [default: $XDG_CACHE_HOME/qoltanba/crl, else
    /// ~/.cache/qoltanba/crl].
    #[arg(long, value_name = "DIR")]
    pub crl_cache: Option<PathBuf>,
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

impl TrustArgs {
    /// Every file or folder named.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        [&self.trust, &self.intermediate, &self.crl, &self.ocsp]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .filter(|p| url(p).is_none())
    }

    /// The verifier, every file read (a wrong one is named for what it is), with the
    /// CRLs fetched as --crl URLs and --fetch ask.
    pub fn verifier(&self) -> Result<Verifier, Failure> {
        self.verifier_for(&[])
    }

    /// [`TrustArgs::verifier`], --fetch also fetching the CRLs `certs` name.
    pub fn verifier_for(&self, certs: &[qoltanba::Certificate]) -> Result<Verifier, Failure> {
        let base = self.files_verifier()?;
        let config = qoltanba::fetch::FetchConfig::default();
        let Some(mut fetcher) = self.fetcher(&base, certs, config)? else {
            return Ok(base);
        };
        fetcher.load_cache();
        for (url, outcome) in fetcher.refresh(Utc::now()) {
            if let qoltanba::fetch::Refreshed::Failed(e) = outcome {
                let held = fetcher
                    .sources()
                    .iter()
                    .any(|s| s.url() == url && s.crl().is_some());
                errln!(
                    "qoltanba: warning: CRL {url}: {e}; {}",
                    if held {
                        "the cached CRL is used"
                    } else {
                        "no CRL from it"
                    }
                );
            }
        }
        let verifier = fetcher.verifier(&base)?;
        if !self.fetch {
            return Ok(verifier);
        }
        let paths = self.paths_verifier(&base, certs)?;
        let responses = self.ocsp_answers(&paths, certs);
        Ok(verifier.with_ocsp_responses(responses)?)
    }

    /// --fetch: the OCSP answers about `certs` from the responders they name
    /// (authorityInfoAccess), for those whose path to a trust anchor verifies, asked with
    /// the issuer of that path; a failure is a warning (the CRLs may still prove the
    /// status). A certificate no CA signed names no responder worth asking: anyone can
    /// write one (review 36).
    fn ocsp_answers(
        &self,
        paths: &Verifier,
        certs: &[qoltanba::Certificate],
    ) -> Vec<qoltanba::OcspResponse> {
        let client = qoltanba::fetch::OcspClient::new(&qoltanba::fetch::FetchConfig::default());
        let now = Utc::now();
        let mut answers = Vec::new();
        // At most 16 requests: a batch of certificates of one CA names one responder.
        for cert in certs.iter().take(16) {
            let Some(url) = qoltanba::fetch::Locations::of(cert).ocsp.into_iter().next() else {
                continue;
            };
            let Some(issuer) = issued(paths, cert) else {
                continue;
            };
            match client.status(&url, cert, &issuer, now) {
                Ok(response) => answers.push(response),
                Err(e) => errln!("qoltanba: warning: OCSP {url}: {e}"),
            }
        }
        answers
    }

    /// The CRL URLs of --crl and, with --fetch, those the verifier's certificates and
    /// `certs` name, fetched as `config` says in --crl-cache; None when there is nothing
    /// to fetch.
    pub fn fetcher(
        &self,
        base: &Verifier,
        certs: &[qoltanba::Certificate],
        mut config: qoltanba::fetch::FetchConfig,
    ) -> Result<Option<qoltanba::fetch::CrlFetcher>, Failure> {
        let urls: Vec<&str> = self.crl.iter().filter_map(|p| url(p)).collect();
        if urls.is_empty() && !self.fetch {
            return Ok(None);
        }
        if let Some(dir) = self.crl_cache.clone().or_else(default_crl_cache) {
            config = config.cache_dir(dir);
        }
        let mut fetcher = qoltanba::fetch::CrlFetcher::new(config, base);
        for u in urls {
            fetcher
                .add_url(u)
                .map_err(|e| Failure::usage(format!("--crl {u}: {e}")))?;
        }
        if self.fetch {
            // The configured CAs' own distribution points first, then those of the
            // documents' certificates that a trusted CA issued: a certificate no CA signed
            // names URLs anyone chose (requests to any host, files left in the cache), and
            // a file of them must not crowd out the others' CRLs (review 36).
            fetcher.discover(base.anchors().iter().chain(base.intermediates().iter()));
            let paths = self.paths_verifier(base, certs)?;
            fetcher.discover(certs.iter().filter(|c| issued(&paths, c).is_some()));
        }
        Ok(Some(fetcher))
    }

    /// `base`'s anchors and intermediates with `certs` (a document's) offered as
    /// intermediates too, under the same key policy: what proves a document's certificate
    /// issued by a trusted CA before anything it names is fetched (no file read again).
    fn paths_verifier(
        &self,
        base: &Verifier,
        certs: &[qoltanba::Certificate],
    ) -> Result<Verifier, Failure> {
        let mut b = Verifier::builder().key_policy(key_policy(self.legacy_rsa_1024));
        for c in base.anchors().iter() {
            b = b.trust(c.clone())?;
        }
        for c in base.intermediates().iter().chain(certs) {
            b = b.intermediate(c.clone())?;
        }
        Ok(b.build())
    }

    /// The verifier of the files named (URLs left to [`TrustArgs::fetcher`]).
    pub fn files_verifier(&self) -> Result<Verifier, Failure> {
        let mut b = Verifier::builder();
        for p in &self.trust {
            for c in files::certificates_in(p)? {
                b = b.trust(c)?;
            }
        }
        for p in &self.intermediate {
            for c in files::certificates_in(p)? {
                b = b.intermediate(c)?;
            }
        }
        for p in self.crl.iter().filter(|p| url(p).is_none()) {
            for c in files::crls(p)? {
                b = b.crl(c)?;
            }
        }
        for p in &self.ocsp {
            for r in files::ocsp_responses(p)? {
                b = b.ocsp(r)?;
            }
        }
        let b = b
            .revocation_scope(match self.revocation_scope {
                ScopeArg::EndEntity => RevocationScope::EndEntity,
                ScopeArg::Chain => RevocationScope::Chain,
            })
            .key_policy(key_policy(self.legacy_rsa_1024));
        Ok(match self.crl_max_age {
            Some(age) => b.crl_max_age(age),
            None => b,
        }
        .build())
    }
}

/// The issuer of `cert` in its path to a trust anchor of `paths`, when a trusted CA issued
/// it (checked at its own notBefore: a document judged at a past time may carry a
/// certificate expired since, whose CRLs still speak of it); `None` for an anchor itself.
fn issued(paths: &Verifier, cert: &qoltanba::Certificate) -> Option<qoltanba::Certificate> {
    let path = paths.build_path(cert, cert.not_before()).ok()?;
    path.certificates().get(1).cloned()
}

/// A `--crl` that is a URL (fetched, not read).
fn url(p: &Path) -> Option<&str> {
    p.to_str()
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
}

/// `$XDG_CACHE_HOME/qoltanba/crl`, else `$HOME/.cache/qoltanba/crl`.
fn default_crl_cache() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|d| d.join("qoltanba").join("crl"))
}

/// `--legacy-rsa-1024`.
pub fn key_policy(legacy_rsa_1024: bool) -> KeyPolicy {
    if legacy_rsa_1024 {
        KeyPolicy::LegacyRsa1024
    } else {
        KeyPolicy::Modern
    }
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

/// What the request says of its signer, and the time judged.
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
        Ok(Expectation {
            at: at_or_now(self.at.as_deref())?,
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

/// `--at` when given, else now.
pub fn at_or_now(at: Option<&str>) -> qoltanba::Result<DateTime<Utc>> {
    Ok(at.map(parse_time).transpose()?.unwrap_or_else(Utc::now))
}

/// A regulation profile and what the request claims under it.
#[derive(Args)]
pub struct ProfileArgs {
    /// Run a regulation profile (an unknown name lists them): its channels and the
    /// signatures each carries, identity rule and checks. The IIN/BIN compared are the
    /// ones the signed request carries in its form's fields (a CMS's content or an XML
    /// request; `profiles schema NAME`), or, for a CMS, those of --iin / --bin. The
    /// profile judges every signature of its channel at --at, for signing: --any-signer,
    /// --at-signing-time, --at-timestamp, --legacy-sha1, --strict-checksum and --purpose
    /// other than sign are refused with it.
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
#[derive(Clone, Copy, ValueEnum)]
pub enum Channel {
    /// The applicant, through the e-government portal.
    Portal,
    /// A public service centre operator (ХҚКО / ЦОН), then the applicant.
    ServiceCenter,
    /// The service provider's employee.
    Provider,
}

/// How a signed document is judged (`verify`, `barcode verify`), and where its verified
/// content goes.
#[derive(Args)]
pub struct JudgeArgs {
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub expect: ExpectArgs,
    /// Judge each signer at its signingTime when present, else at --at. The signer's own
    /// CLAIM: revocation is then judged with the newest CRL only, and a key revoked for a
    /// compromise is revoked at any claimed time.
    #[arg(long, visible_alias = "at-claimed-signing-time")]
    pub at_signing_time: bool,
    /// Judge each signer at the time its signature time-stamp token (CAdES-T) proves the
    /// signature existed by: genTime + the token's accuracy, never later than --at; a
    /// signer without a valid token is indeterminate. --at is then the time the tokens
    /// are checked at (revocation data must be current then).
    #[arg(long, conflicts_with_all = ["at_signing_time", "profile"])]
    pub at_timestamp: bool,
    /// Valid when any signer is valid (default: every signer must be).
    #[arg(long)]
    pub any_signer: bool,
    /// Signed XML only: accept RSA with SHA-1 (rsa-sha1, digest sha1), for archives of old
    /// signatures; reported as weak. Without it such signatures are indeterminate.
    #[arg(long)]
    pub legacy_sha1: bool,
    #[command(flatten)]
    pub request: ProfileArgs,
    #[command(flatten)]
    pub output: Json,
    /// Write the verified content here (only when the verdict is valid). For signed XML:
    /// what the signature covers, in canonical form (Canonical XML 1.0, the signature and
    /// comments left out), not the file as received.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The signer's key and certificates (`sign`, `document issue`).
#[derive(Args)]
pub struct KeyArgs {
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
}

impl KeyArgs {
    /// The certificate files named (the key and password are never read from standard
    /// input).
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.cert.iter().chain(&self.chain).map(PathBuf::as_path)
    }

    /// Every file the key is read from: the key itself, its password file, the
    /// certificate and the chain (what no output may be written over).
    pub fn all_paths(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(&self.key)
            .chain(&self.password_file)
            .chain(&self.cert)
            .chain(&self.chain)
            .map(PathBuf::as_path)
    }
}

/// QR error-correction level.
#[derive(Clone, Copy, ValueEnum)]
pub enum EcArg {
    L,
    M,
    Q,
    H,
}

impl EcArg {
    pub fn level(self) -> EcLevel {
        match self {
            EcArg::L => EcLevel::L,
            EcArg::M => EcLevel::M,
            EcArg::Q => EcLevel::Q,
            EcArg::H => EcLevel::H,
        }
    }
}
