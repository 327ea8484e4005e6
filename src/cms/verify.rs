//! Verifying CMS SignedData: every SignerInfo's CMS checks plus the full certificate
//! condition on its certificate, combined under a [`SignerPolicy`].

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::algorithms::{
    self, ATTR_CONTENT_TYPE, ATTR_MESSAGE_DIGEST, ATTR_SIGNING_CERTIFICATE,
    ATTR_SIGNING_CERTIFICATE_V2, ATTR_SIGNING_TIME, ID_DATA,
};
use super::ber::{tag, Tlv};
use super::parse::{read_time, SignedAttributes, SignedData, SignerInfo};
use crate::certificate::Certificate;
use crate::condition::{Expectation, Verifier};
use crate::name::{hex_upper, Name};
use crate::signature::{self, HashAlgorithm, SignatureCheck};
use crate::verdict::{overall, Check, CheckName, Outcome, Overall, Refusal, Verdict};

/// At which time each signer's certificate is judged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimePolicy {
    /// At the time the caller passes in [`Expectation::at`] (e.g. "now", read by the
    /// caller): the safe default.
    #[default]
    Given,
    /// At the signer's `signingTime` attribute when it is present and readable, else at
    /// [`Expectation::at`]. `signingTime` is the signer's own claim: a signer whose key
    /// was revoked can back-date it. Use it only where that claim is corroborated (a
    /// time-stamp, a server log) or where the regulation judges at signing time.
    SigningTimeWhenPresent,
}

/// Which time a signer was judged at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// The time given by the caller.
    Given,
    /// The signer's signingTime attribute.
    SigningTime,
}

/// Which signers must hold for the SignedData to be valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerPolicy {
    /// Every SignerInfo must be valid (the overall verdict is the worst signer's).
    #[default]
    All,
    /// At least one SignerInfo must be valid (the overall verdict is the best signer's).
    Any,
}

/// What a verification expects.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// The certificate condition applied to every signer (time, IIN/BIN, purpose,
    /// check-digit policy). Under [`TimePolicy::SigningTimeWhenPresent`] its `at` is the
    /// fallback.
    pub expectation: Expectation,
    /// At which time each signer is judged.
    pub time: TimePolicy,
    /// Which signers must hold.
    pub signers: SignerPolicy,
    /// Certificates supplied by the caller in addition to those the CMS carries: searched
    /// for the signer's certificate and offered to path building (untrusted).
    pub extra_certificates: Vec<Certificate>,
}

impl VerifyOptions {
    /// Signing purpose at `at`, [`TimePolicy::Given`], [`SignerPolicy::All`].
    pub fn at(at: DateTime<Utc>) -> VerifyOptions {
        VerifyOptions::new(Expectation::at(at))
    }

    /// The given expectation, [`TimePolicy::Given`], [`SignerPolicy::All`].
    pub fn new(expectation: Expectation) -> VerifyOptions {
        VerifyOptions {
            expectation,
            time: TimePolicy::Given,
            signers: SignerPolicy::All,
            extra_certificates: Vec::new(),
        }
    }
}

/// Content whose signature verified under the policy: only a valid [`CmsVerdict`] hands
/// it out, and nothing else can construct it.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedContent {
    bytes: Arc<[u8]>,
    content_type: String,
}

impl VerifiedContent {
    /// The verified bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The eContentType (dotted OID).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }
    /// The verified bytes, owned.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }
}

impl AsRef<[u8]> for VerifiedContent {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for VerifiedContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedContent")
            .field("len", &self.bytes.len())
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The verdict on one SignerInfo.
#[derive(Clone, Debug, Serialize)]
pub struct SignerVerdict {
    /// Position of the SignerInfo in the SignedData.
    pub index: usize,
    /// Overall result for this signer.
    pub verdict: Overall,
    /// The CMS checks (`signer_certificate`, `content_type`, `message_digest`,
    /// `signing_time`, `signing_certificate`, `signature`) followed by the certificate
    /// condition's checks (`validity`, `chain`, `revocation`, `key_usage`, ...).
    pub checks: Vec<Check>,
    /// The refusal text when this signer is not valid.
    pub refusal: Option<Refusal>,
    /// The time the certificate was judged at.
    pub at: DateTime<Utc>,
    /// Where that time came from.
    pub time_basis: TimeBasis,
    /// The signingTime attribute, when present and readable (the signer's claim).
    pub signing_time: Option<DateTime<Utc>>,
    /// The SignerIdentifier, as text.
    pub signer_id: String,
    /// The digest algorithm (name or OID).
    pub digest_algorithm: String,
    /// The signature algorithm (name or OID).
    pub signature_algorithm: String,
    /// Names of the signed attributes, in the order carried (empty without signedAttrs).
    pub signed_attributes: Vec<String>,
    /// Names of the unsigned attributes (reported, not verified: countersignatures,
    /// time-stamp tokens ...).
    pub unsigned_attributes: Vec<String>,
    /// The certificate condition's verdict on the signer's certificate (subject facts,
    /// path, revocation details), when the certificate was found. Its checks also appear
    /// in [`SignerVerdict::checks`].
    pub certificate: Option<Verdict>,
}

impl SignerVerdict {
    /// Is this signer valid?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// The check of the given name, if it was run.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
    }
}

/// The verdict on a SignedData.
#[derive(Clone, Debug, Serialize)]
pub struct CmsVerdict {
    /// Overall result: the signers combined under the policy, and the container checks.
    pub verdict: Overall,
    /// Container checks: `content` (the signed content is present, and equal to the one
    /// supplied) and `signers` (the signer policy holds).
    pub checks: Vec<Check>,
    /// The refusal text when the verdict is not valid, naming the checks that decided it.
    pub refusal: Option<Refusal>,
    /// The signer policy applied.
    pub signer_policy: SignerPolicy,
    /// The time policy applied (each signer states the time it was judged at).
    pub time_policy: TimePolicy,
    /// eContentType (dotted OID).
    pub content_type: String,
    /// Detached signature (no eContent)?
    pub detached: bool,
    /// Each SignerInfo's verdict, in the order carried.
    pub signers: Vec<SignerVerdict>,
    #[serde(skip)]
    content: Option<VerifiedContent>,
}

impl CmsVerdict {
    /// Is the verdict valid?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }
    /// The content, only when the verdict is valid.
    pub fn verified_content(&self) -> Option<&VerifiedContent> {
        self.content.as_ref()
    }
    /// The content, only when the verdict is valid.
    pub fn into_verified_content(self) -> Option<VerifiedContent> {
        self.content
    }
    /// A container check by name.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
    }
}

/// Digests of the content, computed once per algorithm.
struct Digests<'a> {
    content: Option<&'a [u8]>,
    cache: HashMap<HashAlgorithm, Vec<u8>>,
}

impl Digests<'_> {
    fn get(&mut self, h: HashAlgorithm) -> Option<&[u8]> {
        let content = self.content?;
        Some(
            self.cache
                .entry(h)
                .or_insert_with(|| algorithms::digest(h, content)),
        )
    }
}

impl SignedData {
    /// Verify an attached SignedData (for a detached one the `content` check is unknown:
    /// use [`SignedData::verify_detached`]).
    pub fn verify(&self, verifier: &Verifier, options: &VerifyOptions) -> CmsVerdict {
        self.verify_inner(None, verifier, options)
    }

    /// Verify a detached SignedData over `content`. On an attached SignedData the content
    /// supplied must equal the encapsulated content (else the `content` check fails).
    pub fn verify_detached(
        &self,
        content: &[u8],
        verifier: &Verifier,
        options: &VerifyOptions,
    ) -> CmsVerdict {
        self.verify_inner(Some(content), verifier, options)
    }

    fn verify_inner(
        &self,
        supplied: Option<&[u8]>,
        verifier: &Verifier,
        options: &VerifyOptions,
    ) -> CmsVerdict {
        let (content, content_check): (Option<&[u8]>, Check) = match (&self.content, supplied) {
            (Some(c), None) => (
                Some(c),
                Check::new(
                    CheckName::Content,
                    Outcome::Passed,
                    format!("encapsulated content, {} bytes", c.len()),
                ),
            ),
            (None, Some(s)) => (
                Some(s),
                Check::new(
                    CheckName::Content,
                    Outcome::Passed,
                    format!("detached signature; content supplied, {} bytes", s.len()),
                ),
            ),
            (None, None) => (
                None,
                Check::new(
                    CheckName::Content,
                    Outcome::Unknown,
                    "detached signature: the signed content was not supplied",
                ),
            ),
            (Some(c), Some(s)) if **c == *s => (
                Some(c),
                Check::new(
                    CheckName::Content,
                    Outcome::Passed,
                    format!(
                        "encapsulated content, {} bytes, equal to the content supplied",
                        c.len()
                    ),
                ),
            ),
            (Some(c), Some(s)) => (
                Some(c),
                Check::new(
                    CheckName::Content,
                    Outcome::Failed,
                    format!(
                        "the content supplied ({} bytes) differs from the encapsulated content ({} bytes)",
                        s.len(),
                        c.len()
                    ),
                ),
            ),
        };
        let mut digests = Digests {
            content,
            cache: HashMap::new(),
        };
        let mut pool: Vec<Certificate> = self.certificates.clone();
        for c in &options.extra_certificates {
            if !pool.contains(c) {
                pool.push(c.clone());
            }
        }
        let signers: Vec<SignerVerdict> = self
            .signers
            .iter()
            .enumerate()
            .map(|(i, si)| {
                self.verify_signer(i, si, content, &mut digests, verifier, options, &pool)
            })
            .collect();

        let policy = options.signers;
        let n = signers.len();
        let valid = signers.iter().filter(|s| s.is_valid()).count();
        let combined = match policy {
            SignerPolicy::All => signers.iter().map(|s| s.verdict).max(),
            SignerPolicy::Any => signers.iter().map(|s| s.verdict).min(),
        };
        let policy_name = match policy {
            SignerPolicy::All => "all",
            SignerPolicy::Any => "any",
        };
        let not_valid: Vec<String> = signers
            .iter()
            .filter(|s| !s.is_valid())
            .map(|s| format!("#{} {} ({})", s.index, s.verdict.as_str(), s.signer_id))
            .collect();
        let signers_check = match combined {
            None => Check::new(
                CheckName::Signers,
                Outcome::Failed,
                "the SignedData carries no SignerInfo",
            ),
            Some(v) => {
                let mut reason = format!("{valid} of {n} signer(s) valid (policy: {policy_name})");
                if !not_valid.is_empty() {
                    reason += &format!("; not valid: {}", not_valid.join(", "));
                }
                let outcome = match v {
                    Overall::Valid => Outcome::Passed,
                    Overall::Indeterminate => Outcome::Unknown,
                    Overall::Invalid => Outcome::Failed,
                };
                Check::new(CheckName::Signers, outcome, reason)
            }
        };
        let checks = vec![content_check, signers_check];
        let verdict = overall(&checks);

        // The refusal names the checks that decided: the container's own, and those of
        // the signers that made the policy fail (all the failing ones under `All`; the
        // best ones under `Any`).
        let mut deciding: Vec<Check> = checks
            .iter()
            .filter(|c| c.check != CheckName::Signers || n == 0)
            .cloned()
            .collect();
        let decisive: Vec<&SignerVerdict> = match (policy, combined) {
            (_, None) | (_, Some(Overall::Valid)) => Vec::new(),
            (SignerPolicy::All, Some(_)) => signers.iter().filter(|s| !s.is_valid()).collect(),
            (SignerPolicy::Any, Some(best)) => {
                signers.iter().filter(|s| s.verdict == best).collect()
            }
        };
        for s in decisive {
            for c in &s.checks {
                if c.outcome != Outcome::Passed
                    && !deciding
                        .iter()
                        .any(|d| d.check == c.check && d.outcome == c.outcome)
                {
                    deciding.push(c.clone());
                }
            }
        }
        let refusal = if verdict == Overall::Valid {
            None
        } else {
            Refusal::from_checks(&deciding)
        };
        let verified = match (verdict, content) {
            (Overall::Valid, Some(c)) => Some(VerifiedContent {
                bytes: match &self.content {
                    Some(arc) => arc.clone(),
                    None => Arc::from(c),
                },
                content_type: self.content_type.clone(),
            }),
            _ => None,
        };
        CmsVerdict {
            verdict,
            checks,
            refusal,
            signer_policy: policy,
            time_policy: options.time,
            content_type: self.content_type.clone(),
            detached: self.content.is_none(),
            signers,
            content: verified,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn verify_signer(
        &self,
        index: usize,
        si: &SignerInfo,
        content: Option<&[u8]>,
        digests: &mut Digests<'_>,
        verifier: &Verifier,
        options: &VerifyOptions,
        pool: &[Certificate],
    ) -> SignerVerdict {
        let attrs = si.signed_attributes();
        let mut checks = Vec::new();

        // The signer's certificate: among the CMS certificates and the caller's extras.
        let mut candidates: Vec<&Certificate> =
            pool.iter().filter(|c| si.sid().matches(c)).collect();
        candidates.dedup_by(|a, b| a == b);
        let signature_of = |cert: &Certificate| -> Check { signature_check(si, cert, content) };
        let ess_of = |cert: Option<&Certificate>| attrs.and_then(|a| ess_check(a, cert));
        // Several certificates may carry the same issuer and serial (a substituted one):
        // prefer one the ESS attribute binds and whose key verifies the signature.
        let mut chosen: Option<(&Certificate, Check, Option<Check>)> = None;
        for cert in &candidates {
            let sig = signature_of(cert);
            let ess = ess_of(Some(cert));
            let score = |s: &Check, e: &Option<Check>| {
                u8::from(s.outcome == Outcome::Passed) * 2
                    + u8::from(e.as_ref().is_none_or(|e| e.outcome == Outcome::Passed))
            };
            let better = match &chosen {
                None => true,
                Some((_, s, e)) => score(&sig, &ess) > score(s, e),
            };
            if better {
                chosen = Some((cert, sig, ess));
            }
        }
        let source = |c: &Certificate| {
            if self.certificates.contains(c) {
                "the CMS certificates"
            } else {
                "the certificates supplied by the caller"
            }
        };
        checks.push(match &chosen {
            Some((c, _, _)) => Check::new(
                CheckName::SignerCertificate,
                Outcome::Passed,
                format!(
                    "found in {} by {}: \"{}\"{}",
                    source(c),
                    si.sid(),
                    c.subject(),
                    if candidates.len() > 1 {
                        format!(" ({} certificates match the identifier)", candidates.len())
                    } else {
                        String::new()
                    }
                ),
            ),
            None => Check::new(
                CheckName::SignerCertificate,
                Outcome::Unknown,
                format!(
                    "no certificate matching {} among the {} certificate(s) of the CMS and the caller",
                    si.sid(),
                    pool.len()
                ),
            ),
        });
        let cert = chosen.as_ref().map(|(c, _, _)| *c);

        // Signed attributes.
        let mut signing_time = None;
        if let Some(a) = attrs {
            checks.push(content_type_check(a, &self.content_type));
            checks.push(message_digest_check(a, si, digests));
            if let Some((st, check)) = signing_time_check(a, options) {
                signing_time = st;
                checks.push(check);
            }
        } else if self.content_type != ID_DATA {
            checks.push(Check::new(
                CheckName::ContentType,
                Outcome::Failed,
                format!(
                    "eContentType {} is not id-data, so signed attributes are required (RFC 5652 §5.3), and there are none",
                    self.content_type
                ),
            ));
        }
        let (at, time_basis) = match (options.time, signing_time) {
            (TimePolicy::SigningTimeWhenPresent, Some(t)) => (t, TimeBasis::SigningTime),
            _ => (options.expectation.at, TimeBasis::Given),
        };
        match &chosen {
            Some((_, sig, ess)) => {
                if let Some(e) = ess {
                    checks.push(e.clone());
                }
                checks.push(sig.clone());
            }
            None => {
                if let Some(e) = ess_of(None) {
                    checks.push(e);
                }
                checks.push(Check::new(
                    CheckName::Signature,
                    Outcome::Unknown,
                    "not verified: the signer's certificate is not available",
                ));
            }
        }

        // The certificate condition at the chosen time.
        let certificate = cert.map(|c| {
            let mut expect = options.expectation.clone();
            expect.at = at;
            verifier.check_certificate_with(c, &expect, pool)
        });
        if let Some(v) = &certificate {
            checks.extend(v.checks.iter().cloned());
        }
        SignerVerdict {
            index,
            verdict: overall(&checks),
            refusal: Refusal::from_checks(&checks),
            checks,
            at,
            time_basis,
            signing_time,
            signer_id: si.sid().to_string(),
            digest_algorithm: match si.digest_hash() {
                Ok(h) => algorithms::hash_name(h).to_string(),
                Err(_) => si.digest_algorithm().oid.clone(),
            },
            signature_algorithm: si.signature_algorithm().name(),
            signed_attributes: attrs
                .map(|a| a.attributes().iter().map(|x| x.name()).collect())
                .unwrap_or_default(),
            unsigned_attributes: si.unsigned_attributes().iter().map(|x| x.name()).collect(),
            certificate,
        }
    }
}

/// The single value of a single-valued attribute that must appear at most once.
fn single<'a>(
    attrs: &'a SignedAttributes,
    oid: &str,
    name: &str,
) -> Result<Option<&'a [u8]>, String> {
    let mut all = attrs.all(oid);
    let Some(first) = all.next() else {
        return Ok(None);
    };
    if all.next().is_some() {
        return Err(format!("the {name} attribute appears more than once"));
    }
    match first.values.as_slice() {
        [v] => Ok(Some(v)),
        vs => Err(format!(
            "the {name} attribute has {} values (exactly one is required)",
            vs.len()
        )),
    }
}

fn content_type_check(attrs: &SignedAttributes, e_content_type: &str) -> Check {
    let fail = |r: String| Check::new(CheckName::ContentType, Outcome::Failed, r);
    match single(attrs, ATTR_CONTENT_TYPE, "contentType") {
        Err(r) => fail(r),
        Ok(None) => fail("the contentType signed attribute is missing (mandatory when signed attributes are present)".into()),
        Ok(Some(v)) => match Tlv::read_exact(v, "contentType").and_then(|t| t.oid("contentType")) {
            Err(e) => fail(format!("the contentType attribute is malformed: {e}")),
            Ok(oid) if oid == e_content_type => Check::new(
                CheckName::ContentType,
                Outcome::Passed,
                format!("contentType {oid} equals eContentType"),
            ),
            Ok(oid) => fail(format!(
                "contentType attribute {oid} differs from eContentType {e_content_type}"
            )),
        },
    }
}

fn message_digest_check(
    attrs: &SignedAttributes,
    si: &SignerInfo,
    digests: &mut Digests<'_>,
) -> Check {
    let fail = |r: String| Check::new(CheckName::MessageDigest, Outcome::Failed, r);
    let unknown = |r: String| Check::new(CheckName::MessageDigest, Outcome::Unknown, r);
    let carried = match single(attrs, ATTR_MESSAGE_DIGEST, "messageDigest") {
        Err(r) => return fail(r),
        Ok(None) => {
            return fail(
                "the messageDigest signed attribute is missing (mandatory when signed attributes are present)"
                    .into(),
            )
        }
        Ok(Some(v)) => match Tlv::read_exact(v, "messageDigest") {
            Ok(t) if t.is_universal(tag::OCTET_STRING) && !t.constructed => t.content.to_vec(),
            _ => return fail("the messageDigest attribute is not an OCTET STRING".into()),
        },
    };
    let h = match si.digest_hash() {
        Ok(h) => h,
        Err(r) => return unknown(format!("not checked: {r}")),
    };
    if let Err(r) = algorithms::hash_acceptable(h) {
        return unknown(format!("not checked: {r}"));
    }
    let Some(actual) = digests.get(h) else {
        return unknown("not checked: the signed content is not available".into());
    };
    if actual == carried.as_slice() {
        Check::new(
            CheckName::MessageDigest,
            Outcome::Passed,
            format!(
                "{} of the content equals messageDigest {}",
                algorithms::hash_name(h),
                hex_upper(&carried)
            ),
        )
    } else {
        fail(format!(
            "{} of the content is {}, messageDigest says {}: the content is not what was signed",
            algorithms::hash_name(h),
            hex_upper(actual),
            hex_upper(&carried)
        ))
    }
}

fn signing_time_check(
    attrs: &SignedAttributes,
    options: &VerifyOptions,
) -> Option<(Option<DateTime<Utc>>, Check)> {
    let value = match single(attrs, ATTR_SIGNING_TIME, "signingTime") {
        Ok(None) => return None,
        Ok(Some(v)) => v,
        Err(r) => return Some((None, Check::new(CheckName::SigningTime, Outcome::Failed, r))),
    };
    Some(match read_time(value) {
        Err(r) => (
            None,
            Check::new(
                CheckName::SigningTime,
                Outcome::Failed,
                format!("the signingTime attribute is malformed: {r}"),
            ),
        ),
        Ok(t) => {
            let mut reason = format!("signed at {} (the signer's claim)", t.to_rfc3339());
            match options.time {
                TimePolicy::SigningTimeWhenPresent => {
                    reason += "; the certificate is judged at this time";
                }
                TimePolicy::Given => {
                    if t > options.expectation.at {
                        reason += &format!(
                            "; later than the time judged, {}",
                            options.expectation.at.to_rfc3339()
                        );
                    }
                }
            }
            (
                Some(t),
                Check::new(CheckName::SigningTime, Outcome::Passed, reason),
            )
        }
    })
}

fn signature_check(si: &SignerInfo, cert: &Certificate, content: Option<&[u8]>) -> Check {
    let alg = si.signature_algorithm();
    let (message, over) =
        match si.signed_attributes() {
            Some(a) => (a.signed_bytes(), "the signed attributes"),
            None => match content {
                Some(c) => (c, "the content (no signed attributes)"),
                None => return Check::new(
                    CheckName::Signature,
                    Outcome::Unknown,
                    "not verified: there are no signed attributes and the content is not available",
                ),
            },
        };
    match signature::verify(cert.public_key(), alg, message, si.signature()) {
        SignatureCheck::Valid => Check::new(
            CheckName::Signature,
            Outcome::Passed,
            format!("{alg} signature over {over} verifies with the signer's key"),
        ),
        SignatureCheck::Invalid => Check::new(
            CheckName::Signature,
            Outcome::Failed,
            format!(
                "{alg} signature over {over} does not verify with the key of \"{}\" ({})",
                cert.subject(),
                cert.public_key().algorithm()
            ),
        ),
        SignatureCheck::Unsupported(r) => Check::new(
            CheckName::Signature,
            Outcome::Unknown,
            format!("not verified: {r}"),
        ),
    }
}

/// One ESSCertID / ESSCertIDv2.
struct EssCertId {
    hash: Result<HashAlgorithm, String>,
    cert_hash: Vec<u8>,
    issuer_serial: Option<(Vec<Name>, Vec<u8>)>,
}

fn read_ess(value: &[u8], v2: bool) -> crate::Result<EssCertId> {
    const W: &str = "ESS signing certificate";
    let outer = Tlv::read_exact(value, W)?.expect_universal(tag::SEQUENCE, W)?;
    let certs = outer
        .children(W)?
        .next()
        .ok_or_else(|| super::ber::malformed(W, "empty"))??
        .expect_universal(tag::SEQUENCE, W)?;
    let first = certs
        .children(W)?
        .next()
        .ok_or_else(|| super::ber::malformed(W, "no ESSCertID"))??
        .expect_universal(tag::SEQUENCE, W)?;
    let parts = first.children_vec(3, W)?;
    let mut i = 0;
    let mut hash = Ok(if v2 {
        HashAlgorithm::Sha256
    } else {
        HashAlgorithm::Sha1
    });
    if v2 {
        if let Some(p) = parts.first().filter(|p| p.is_universal(tag::SEQUENCE)) {
            let oid = p
                .children(W)?
                .next()
                .ok_or_else(|| super::ber::malformed(W, "empty hashAlgorithm"))??
                .oid(W)?;
            hash = algorithms::hash_from_oid(&oid);
            i = 1;
        }
    }
    let h = parts
        .get(i)
        .filter(|p| p.is_universal(tag::OCTET_STRING) && !p.constructed)
        .ok_or_else(|| super::ber::malformed(W, "certHash is not an OCTET STRING"))?;
    let issuer_serial = match parts.get(i + 1) {
        None => None,
        Some(is) => {
            let is = is.expect_universal(tag::SEQUENCE, W)?;
            let p = is.children_vec(3, W)?;
            let (Some(gns), Some(serial)) = (p.first(), p.get(1)) else {
                return Err(super::ber::malformed(
                    W,
                    "issuerSerial is not { issuer, serial }",
                ));
            };
            let mut names = Vec::new();
            for gn in gns
                .expect_universal(tag::SEQUENCE, W)?
                .children_vec(16, W)?
            {
                if gn.is_context(4) {
                    if let Some(n) = gn.children(W)?.next() {
                        names.push(Name::from_der(&n?.to_definite()?)?);
                    }
                }
            }
            if !serial.is_universal(tag::INTEGER) {
                return Err(super::ber::malformed(W, "serialNumber is not an INTEGER"));
            }
            Some((names, serial.content.to_vec()))
        }
    };
    Ok(EssCertId {
        hash,
        cert_hash: h.content.to_vec(),
        issuer_serial,
    })
}

/// signingCertificateV2 (checked) or, without it, signingCertificate (SHA-1, informational
/// when it matches; a mismatch still proves the certificate is not the one signed for).
fn ess_check(attrs: &SignedAttributes, cert: Option<&Certificate>) -> Option<Check> {
    let (oid, v2, name) = if attrs.all(ATTR_SIGNING_CERTIFICATE_V2).next().is_some() {
        (ATTR_SIGNING_CERTIFICATE_V2, true, "signingCertificateV2")
    } else if attrs.all(ATTR_SIGNING_CERTIFICATE).next().is_some() {
        (ATTR_SIGNING_CERTIFICATE, false, "signingCertificate")
    } else {
        return None;
    };
    let fail = |r: String| Check::new(CheckName::SigningCertificate, Outcome::Failed, r);
    let value = match single(attrs, oid, name) {
        Ok(Some(v)) => v,
        Ok(None) => return None,
        Err(r) => return Some(fail(r)),
    };
    let ess = match read_ess(value, v2) {
        Ok(e) => e,
        Err(e) => return Some(fail(format!("the {name} attribute is malformed: {e}"))),
    };
    let Some(cert) = cert else {
        return Some(Check::new(
            CheckName::SigningCertificate,
            Outcome::Unknown,
            format!("{name} not checked: the signer's certificate is not available"),
        ));
    };
    let h = match ess.hash {
        Ok(h) => h,
        Err(r) => {
            return Some(Check::new(
                CheckName::SigningCertificate,
                Outcome::Unknown,
                format!("{name} not checked: {r}"),
            ))
        }
    };
    let actual = algorithms::digest(h, cert.der());
    if actual != ess.cert_hash {
        return Some(fail(format!(
            "{name}: the {} hash of the signer's certificate is {}, the signed attribute names {}: the certificate is not the one the signer signed for",
            algorithms::hash_name(h),
            hex_upper(&actual),
            hex_upper(&ess.cert_hash)
        )));
    }
    if let Some((names, serial)) = &ess.issuer_serial {
        let serial_ok =
            super::parse::strip_zeros(serial) == super::parse::strip_zeros(cert.serial());
        let issuer_ok = names.is_empty() || names.iter().any(|n| n.matches(cert.issuer()));
        if !serial_ok || !issuer_ok {
            return Some(fail(format!(
                "{name}: issuerSerial does not name the signer's certificate"
            )));
        }
    }
    Some(Check::new(
        CheckName::SigningCertificate,
        Outcome::Passed,
        if v2 {
            format!(
                "signingCertificateV2 ({}) matches the signer's certificate",
                algorithms::hash_name(h)
            )
        } else {
            "signingCertificate (SHA-1 ESSCertID, informational) matches the signer's certificate"
                .to_string()
        },
    ))
}
