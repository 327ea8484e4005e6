//! Verifying one SignerInfo: finding the signer's certificate, checking its signed
//! attributes and its signature, and running the certificate condition at the time the
//! [`TimePolicy`] picks. The result is a [`SignerVerdict`].

use super::algorithms::{self, ID_DATA};
use super::attribute_checks::{
    content_type_check, ess_check, message_digest_check, signing_time_check,
};
use super::options::{TimePolicy, VerifyOptions};
use super::parse::{SignedData, SignerInfo};
use super::verdict::{SignerVerdict, TimeBasis};
use super::verify::Digests;
use crate::certificate::Certificate;
use crate::condition::Verifier;
use crate::signature::{self, SignatureCheck};
use crate::verdict::{overall, Check, CheckName, Outcome, Refusal};

impl SignedData {
    /// The verdict on SignerInfo number `index`: its CMS checks, then the certificate
    /// condition's checks on its certificate (looked for in `pool`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn verify_signer(
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
        // The signature's time-stamp tokens (CAdES-T): how they count is timestamps.rs's.
        let stamps = super::timestamps::judge(self, index, si, verifier, options, pool);
        let (at, time_basis) = match (options.time, signing_time, stamps.proven) {
            (TimePolicy::ClaimedSigningTime, Some(t), _) => (t, TimeBasis::ClaimedSigningTime),
            (TimePolicy::TimeStamp, _, Some(t)) => (t, TimeBasis::TimeStamp),
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

        checks.extend(stamps.check);

        // The certificate condition at the chosen time.
        let certificate = cert.map(|c| {
            let mut expect = options.expectation.clone();
            expect.at = at;
            match time_basis {
                TimeBasis::ClaimedSigningTime => {
                    expect.time_source = crate::TimeSource::Claimed {
                        checked_at: options.expectation.at,
                    }
                }
                TimeBasis::TimeStamp => expect.time_source = crate::TimeSource::TimeStamp,
                TimeBasis::Given => {}
            }
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
            timestamps: stamps.verdicts,
            certificate,
        }
    }
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
