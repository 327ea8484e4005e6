//! Verifying one SignerInfo: finding the signer's certificate, checking its signed
//! attributes and its signature, and running the certificate condition at the time the
//! [`TimePolicy`] picks. The result is a [`SignerVerdict`].

use sha2::{Digest, Sha256};

use super::attribute_checks::{
    algorithm_protection_check, content_type_check, ess_binding, message_digest_check,
    signing_time_check, EssBinding,
};
use super::options::{TimePolicy, VerifyOptions};
use super::parse::{SignedData, SignerInfo};
use super::verdict::{SignerVerdict, TimeBasis};
use super::verify::{Digests, Document, MessageKey};
use crate::condition::Verifier;
use crate::oid::ID_DATA;
use crate::signature::{HashAlgorithm, SignatureCheck};
use crate::verdict::{overall, Check, CheckName, Outcome, ReasonKind, Refusal};

/// What a SignerInfo's signature covers, named once for all its candidate certificates.
struct Message<'m> {
    bytes: &'m [u8],
    key: MessageKey,
    /// "the signed attributes" / "the content (no signed attributes)".
    over: &'static str,
}

/// What a SignerInfo's signature binds, besides its signed attributes.
pub(super) enum Signs<'a, 'd> {
    /// A signer of the SignedData: the content (`None`: not supplied) and its digests.
    Content(Option<&'a [u8]>, &'a mut Digests<'d>),
    /// A countersignature (RFC 5652 §11.4): the signature value of the SignerInfo it is
    /// on, at `depth` (1: on a signer of the SignedData).
    Signature { value: &'a [u8], depth: usize },
}

impl Signs<'_, '_> {
    /// How deep the SignerInfo is: 0 for a signer of the SignedData.
    fn depth(&self) -> usize {
        match self {
            Signs::Content(..) => 0,
            Signs::Signature { depth, .. } => *depth,
        }
    }
}

impl SignedData {
    /// The verdict on SignerInfo number `index`: its CMS checks, then the certificate
    /// condition's checks on its certificate (looked for in the document's certificates).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn verify_signer(
        &self,
        index: usize,
        si: &SignerInfo,
        content: Option<&[u8]>,
        digests: &mut Digests<'_>,
        verifier: &Verifier,
        options: &VerifyOptions,
        doc: &mut Document<'_>,
    ) -> SignerVerdict {
        self.verify_signer_info(
            index,
            si,
            Signs::Content(content, digests),
            verifier,
            options,
            doc,
        )
    }

    /// The verdict on `si`, a signer of the SignedData or a countersignature (`signs`
    /// says which): the same signer search, signature check, time-stamp tokens, time
    /// policy and certificate condition for both; only what the signed attributes must
    /// bind differs (see `countersignatures.rs`).
    pub(super) fn verify_signer_info(
        &self,
        index: usize,
        si: &SignerInfo,
        mut signs: Signs<'_, '_>,
        verifier: &Verifier,
        options: &VerifyOptions,
        doc: &mut Document<'_>,
    ) -> SignerVerdict {
        let attrs = si.signed_attributes();
        let mut checks = Vec::new();
        let ess = attrs.and_then(ess_binding);
        let content = match &signs {
            Signs::Content(c, _) => *c,
            // A countersignature's signature covers its signed attributes only (RFC 5652
            // §11.4 requires them): never the parent's signature value directly.
            Signs::Signature { .. } => None,
        };
        let message = match (attrs, content) {
            (Some(a), _) => Some(Message {
                bytes: a.signed_bytes(),
                key: MessageKey::SignedAttributes(Sha256::digest(a.signed_bytes()).into()),
                over: "the signed attributes",
            }),
            (None, Some(c)) => Some(Message {
                bytes: c,
                key: MessageKey::Content,
                over: "the content (no signed attributes)",
            }),
            (None, None) => None,
        };
        let signature_digest: [u8; 32] = Sha256::digest(si.signature()).into();

        // The signer's certificate: among the CMS certificates and the caller's extras.
        // Several may carry the same issuer and serial (a substituted one): prefer one
        // the ESS attribute binds and whose key verifies the signature. Those the ESS
        // attribute binds are tried first, and the search stops at one that has both, so
        // a pile of certificates matching the identifier costs nothing next to a genuine
        // one; every other signature check is charged to the document's budget, and so is
        // every certificate hashed for the ESS binding (the identifier may match every
        // certificate offered, and the hash is the document's choice). A candidate the
        // budget refuses to hash is not examined: unless another proves itself the
        // signer's, nothing is concluded.
        let matching: Vec<usize> = (0..doc.pool.len())
            .filter(|&i| doc.pool.get(i).is_some_and(|c| si.sid().matches(c)))
            .collect();
        let mut candidates: Vec<(usize, Option<Check>)> = Vec::with_capacity(matching.len());
        let mut unexamined = 0usize;
        for &i in &matching {
            match ess_of(&ess, doc, Some(i)) {
                Ok(e) => candidates.push((i, e)),
                Err(BudgetRefused) => unexamined += 1,
            }
        }
        let bound = |e: &Option<Check>| e.as_ref().is_none_or(|e| e.outcome == Outcome::Passed);
        // Stable: among the bound and among the others, the order carried is kept.
        candidates.sort_by_key(|(_, e)| !bound(e));
        let score = |s: &Check, e: &Option<Check>| {
            u8::from(s.outcome == Outcome::Passed) * 2 + u8::from(bound(e))
        };
        let candidates_examined = candidates.len();
        let mut chosen: Option<(usize, Check, Option<Check>)> = None;
        let mut checked = 0usize;
        let mut cut_short = None;
        for (i, ess_check) in candidates {
            let Some(sig) = signature_check(si, i, message.as_ref(), signature_digest, doc) else {
                cut_short = Some(
                    doc.meter
                        .exhausted()
                        .unwrap_or_else(|| "work budget exhausted".into()),
                );
                break;
            };
            checked += 1;
            let better = match &chosen {
                None => true,
                Some((_, s, e)) => score(&sig, &ess_check) > score(s, e),
            };
            if better {
                chosen = Some((i, sig, ess_check));
            }
            if chosen.as_ref().is_some_and(|(_, s, e)| score(s, e) == 3) {
                break;
            }
        }
        // Stopped by the budget before a certificate proved itself the signer's (or with
        // candidates it refused to examine): another candidate might have; nothing is
        // concluded.
        let proven = chosen.as_ref().is_some_and(|(_, s, e)| score(s, e) == 3);
        if unexamined > 0 && !proven && cut_short.is_none() {
            cut_short = Some(
                doc.meter
                    .exhausted()
                    .unwrap_or_else(|| "work budget exhausted".into()),
            );
        }
        if cut_short.is_some() {
            chosen = None;
        }
        let not_examined = |n: usize| {
            format!(
                "{unexamined} of {n} certificates matching {} not examined: the budget refused hashing them for the ESS binding",
                si.sid()
            )
        };
        checks.push(match (&chosen, &cut_short) {
            (Some((i, _, _)), _) => Check::passed(CheckName::SignerCertificate, format!(
                    "found in {} by {}: \"{}\"{}",
                    doc.source(*i),
                    si.sid(),
                    doc.pool.get(*i).map(|c| c.subject().to_string()).unwrap_or_default(),
                    match (matching.len(), unexamined) {
                        (0 | 1, _) => String::new(),
                        (n, 0) => format!(" ({n} certificates match the identifier)"),
                        (n, _) => format!(" (proven by its ESS binding and signature; {})", not_examined(n)),
                    }
                ),
            ),
            (None, Some(why)) if unexamined > 0 => Check::new(
                CheckName::SignerCertificate,
                Outcome::Unknown,
                ReasonKind::NotProven,
                format!(
                    "{why}: {}; of the {} examined, {checked} checked, none proven the signer's",
                    not_examined(matching.len()),
                    candidates_examined,
                ),
            )
            .exhausted_by(doc.meter.exhausted_kind()),
            (None, Some(why)) => Check::new(
                CheckName::SignerCertificate,
                Outcome::Unknown,
                ReasonKind::NotProven,
                format!(
                    "{why}: {checked} of the {} certificates matching {} checked, none proven the signer's",
                    matching.len(),
                    si.sid()
                ),
            )
            .exhausted_by(doc.meter.exhausted_kind()),
            (None, None) => Check::new(
                CheckName::SignerCertificate,
                Outcome::Unknown,
                ReasonKind::NotAvailable,
                format!(
                    "no certificate matching {} among the {} certificate(s) of the CMS and the caller",
                    si.sid(),
                    doc.pool.len()
                ),
            ),
        });
        let cert = chosen.as_ref().map(|(i, _, _)| *i);

        // Signed attributes.
        let mut signing_time = None;
        match (&mut signs, attrs) {
            (Signs::Content(_, digests), Some(a)) => {
                checks.push(content_type_check(a, &self.content_type));
                checks.extend(algorithm_protection_check(a, si));
                checks.push(message_digest_check(a, si, digests, doc));
            }
            (Signs::Content(..), None) => {
                if self.content_type != ID_DATA {
                    checks.push(Check::new(
                        CheckName::ContentType,
                        Outcome::Failed,
                        ReasonKind::Missing,
                        format!(
                            "eContentType {} is not id-data, so signed attributes are required (RFC 5652 §5.3), and there are none",
                            self.content_type
                        ),
                    ));
                }
            }
            (Signs::Signature { value, .. }, Some(a)) => {
                checks.push(super::countersignatures::content_type_check(a));
                checks.extend(algorithm_protection_check(a, si));
                checks.push(super::countersignatures::message_digest_check(
                    a, si, value, doc,
                ));
            }
            (Signs::Signature { .. }, None) => {
                checks.push(super::countersignatures::no_signed_attributes())
            }
        }
        if let Some(a) = attrs {
            if let Some((st, check)) = signing_time_check(a, options) {
                signing_time = st;
                checks.push(check);
            }
        }
        // The signature's time-stamp tokens (CAdES-T): how they count is timestamps.rs's.
        let stamps = super::timestamps::judge(
            si,
            doc.tokens_judged,
            verifier,
            options,
            &doc.pool,
            doc.cert_digests,
        );
        doc.tokens_judged = doc
            .tokens_judged
            .saturating_add(super::timestamps::counted(si));
        let (at, time_basis) = match (options.time, signing_time, stamps.proven) {
            // A claim later than the time checked is no time the signature could have been
            // made at: the claim is judged no later than the time checked (as a token's
            // time is).
            (TimePolicy::ClaimedSigningTime, Some(t), _) => {
                (t.min(options.expectation.at), TimeBasis::ClaimedSigningTime)
            }
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
                if let Ok(Some(e)) = ess_of(&ess, doc, None) {
                    checks.push(e);
                }
                checks.push(
                    Check::new(
                        CheckName::Signature,
                        Outcome::Unknown,
                        ReasonKind::NotAvailable,
                        match &cut_short {
                            Some(why) => format!("not verified: {why}"),
                            None => {
                                "not verified: the signer's certificate is not available".into()
                            }
                        },
                    )
                    .exhausted_by(cut_short.as_ref().and(doc.meter.exhausted_kind())),
                );
            }
        }

        checks.extend(stamps.check);

        // The countersignatures on this signature value: how they count is
        // countersignatures.rs's.
        let counter =
            super::countersignatures::judge(self, si, signs.depth(), verifier, options, doc);
        checks.extend(counter.check);

        // The certificate condition at the chosen time.
        let certificate = cert.and_then(|c| {
            let mut expect = options.expectation.clone();
            expect.at = at;
            // The request's IIN or BIN is the document's signer's: a countersigner attests
            // the signature, and is not the person the request names (review 42).
            if matches!(signs, Signs::Signature { .. }) {
                expect.iin = None;
                expect.bin = None;
            }
            match time_basis {
                TimeBasis::ClaimedSigningTime => {
                    expect.time_source = crate::TimeSource::Claimed {
                        checked_at: options.expectation.at,
                    }
                }
                TimeBasis::TimeStamp => {
                    expect.time_source = crate::TimeSource::TimeStamp {
                        checked_at: options.expectation.at,
                    }
                }
                TimeBasis::Given => {}
            }
            doc.condition(c, verifier, &expect)
        });
        if let Some(v) = &certificate {
            checks.extend(v.checks.iter().cloned());
        }
        // What a valid token proves counts under every policy: a signature proven made
        // before its certificate's validity began (review 103; only that: review 105).
        if let (Some(c), Some(t), false) = (cert, stamps.proven, time_basis == TimeBasis::TimeStamp)
        {
            let not_before = doc.pool.get(c).map(|c| c.not_before());
            checks.extend(not_before.and_then(|nb| super::timestamps::predates_certificate(nb, t)));
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
                Ok(h) => h.name().to_string(),
                Err(_) => si.digest_algorithm().oid.clone(),
            },
            signature_algorithm: si.signature_algorithm().name(),
            signed_attributes: attrs
                .map(|a| a.attributes().iter().map(|x| x.name()).collect())
                .unwrap_or_default(),
            unsigned_attributes: si.unsigned_attributes().iter().map(|x| x.name()).collect(),
            timestamps: stamps.verdicts,
            countersignatures: counter.verdicts,
            certificate,
        }
    }
}

/// The document's budget refused to hash a candidate certificate for its ESS binding.
struct BudgetRefused;

/// The ESS check of pool certificate `i` (`None`: the certificate is not available), or
/// `Ok(None)` when the signer has no ESS attribute; `Err` when the document's budget
/// refused hashing the certificate (nothing is known of it).
fn ess_of(
    ess: &Option<Result<EssBinding, Check>>,
    doc: &mut Document<'_>,
    i: Option<usize>,
) -> Result<Option<Check>, BudgetRefused> {
    let binding = match ess {
        None => return Ok(None),
        Some(Err(malformed)) => return Ok(Some(malformed.clone())),
        Some(Ok(binding)) => binding,
    };
    let cert = i.and_then(|i| doc.pool.get(i).cloned());
    // Charged and hashed before the comparison, so that a refusal is known here: once
    // per hash the attributes name (signingCertificateV2 and signingCertificate are both
    // checked, so a candidate is bound only when both name it).
    let mut digests: Vec<(HashAlgorithm, Vec<u8>)> = Vec::with_capacity(2);
    if let (Some(i), Some(_)) = (i, &cert) {
        for h in binding.hashes() {
            if !digests.iter().any(|(known, _)| *known == h) {
                digests.push((h, doc.cert_digest(i, h).ok_or(BudgetRefused)?));
            }
        }
    }
    Ok(Some(binding.check(cert.as_ref(), |h| {
        digests
            .iter()
            .find(|(known, _)| *known == h)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    })))
}

/// The signature check of `si` with the key of pool certificate `i`; `None` when the
/// document's budget refused the verification.
fn signature_check(
    si: &SignerInfo,
    i: usize,
    message: Option<&Message<'_>>,
    signature_digest: [u8; 32],
    doc: &mut Document<'_>,
) -> Option<Check> {
    let alg = si.signature_algorithm();
    let Some(message) = message else {
        return Some(Check::new(
            CheckName::Signature,
            Outcome::Unknown,
            ReasonKind::NotAvailable,
            "not verified: there are no signed attributes and the content is not available",
        ));
    };
    let over = message.over;
    let result = doc.verify(
        i,
        alg,
        (message.bytes, message.key),
        (si.signature(), signature_digest),
    )?;
    let cert = doc.pool.get(i)?;
    Some(match result {
        SignatureCheck::Valid => Check::passed(
            CheckName::Signature,
            format!("{alg} signature over {over} verifies with the signer's key"),
        ),
        SignatureCheck::Invalid => Check::new(
            CheckName::Signature,
            Outcome::Failed,
            ReasonKind::Invalid,
            format!(
                "{alg} signature over {over} does not verify with the key of \"{}\" ({})",
                cert.subject(),
                cert.public_key().algorithm()
            ),
        ),
        SignatureCheck::Unsupported(r) => Check::new(
            CheckName::Signature,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            format!("not verified: {r}"),
        ),
    })
}
