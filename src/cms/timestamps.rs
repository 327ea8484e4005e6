//! The signature time-stamp tokens of a SignerInfo (CAdES-T: the unsigned attribute
//! id-aa-timeStampToken NCALayer adds): each verified as [`crate::tsp`] says, its
//! messageImprint over this SignerInfo's signature value.
//!
//! How they count, so a token is never silently ignored and an unprovable TSA does not
//! spoil a signer judged at another time:
//!
//! * a token that fails on what binds it to this signature or makes it a TSA's token
//!   (unreadable, bad imprint, bad TSA signature or ESS binding, wrong extKeyUsage, a
//!   forged TSA certificate ...) is a failed `timestamp` check on the signer: invalid,
//!   whatever the time policy;
//! * a token that fails only on its TSA certificate's standing at genTime (expired, not
//!   yet valid, revoked: a genuine TSA whose key no longer vouches for it, the NCA TSA's
//!   compromised a day later) proves no time and adds nothing against the signer, as a
//!   token of a TSA of no anchor (review 103): every signature that TSA ever stamped
//!   does not turn invalid the day its key is revoked;
//! * each token is verified as a document of its own, offered the document's
//!   certificates, with a token's share of work ([`crate::cms::limits`]`::MAX_TOKEN_*`):
//!   the certificates its signer search hashes for the ESS binding are charged to it, and
//!   their digests are shared by the tokens of the document, so 64 tokens hash each
//!   certificate once, not 64 times;
//! * a token that is not judged (beyond [`limits::MAX_TOKENS_PER_SIGNER`] on the signer or
//!   [`limits::MAX_TOKENS_PER_DOCUMENT`] in the SignedData, its countersignatures' tokens
//!   counted with its signers', or over a signature value longer than
//!   [`limits::MAX_TIME_STAMPED_SIGNATURE_LEN`]) is an unknown `timestamp` check:
//!   indeterminate, whatever the time policy;
//! * under [`TimePolicy::TimeStamp`] the signer is judged at the earliest time a valid
//!   token proves the signature existed by (`timestamp` passed): genTime plus the token's
//!   accuracy (RFC 3161 §2.4.2: genTime is known only to ± accuracy, so the signature may
//!   have been made as late as that), and never later than the time the token is checked
//!   at (the caller's: a genTime ahead of it within the accuracy proves no more than
//!   that the signature exists now). Without a valid token its time is not proven
//!   (`timestamp` unknown: indeterminate);
//! * under the other policies the signer is judged at another time and a token only
//!   adds evidence: a valid one is a passed `timestamp` check; an unproven one (its TSA
//!   not chained to an anchor, its revocation unknown) is reported in
//!   [`super::SignerVerdict::timestamps`] and adds no check: it neither proves nor
//!   disproves anything the verdict relies on. What a valid token proves still counts
//!   against the signer: a signature proven to exist before its certificate's notBefore
//!   fails `validity` ([`predates_certificate`], review 103). A token is an upper bound
//!   only: a revocation, hold or expiry in force at its time proves nothing against a
//!   signature that may predate it (review 105).
//!
//! [`limits::MAX_TOKENS_PER_SIGNER`]: crate::tsp::limits::MAX_TOKENS_PER_SIGNER
//! [`limits::MAX_TOKENS_PER_DOCUMENT`]: crate::tsp::limits::MAX_TOKENS_PER_DOCUMENT
//! [`limits::MAX_TIME_STAMPED_SIGNATURE_LEN`]: crate::tsp::limits::MAX_TIME_STAMPED_SIGNATURE_LEN

use crate::verdict::Judged as _;
use chrono::{DateTime, Utc};

use super::options::{TimePolicy, VerifyOptions};
use super::parse::SignerInfo;
use super::verify::CertDigests;
use crate::certificate::Certificate;
use crate::condition::Verifier;
use crate::oid::ATTR_TIME_STAMP_TOKEN;
use crate::tsp::{limits, Imprinted, TimeStampToken, TimeStampVerdict};
use crate::verdict::{Check, CheckName, Outcome, Overall, ReasonKind};

/// What a signer's tokens say.
#[derive(Default)]
pub(crate) struct SignerTimeStamps {
    /// Each token read, judged.
    pub verdicts: Vec<TimeStampVerdict>,
    /// The signer's `timestamp` check, when the tokens count (see the module).
    pub check: Option<Check>,
    /// The earliest time a valid token proves the signature existed by (its
    /// [`TimeStampVerdict::existed_by`]: genTime + accuracy, at most the time checked).
    pub proven: Option<DateTime<Utc>>,
}

/// The values of a SignerInfo's timeStampToken attributes.
fn token_values(si: &SignerInfo) -> impl Iterator<Item = &Vec<u8>> + '_ {
    si.unsigned_attributes()
        .iter()
        .filter(|a| a.oid == ATTR_TIME_STAMP_TOKEN)
        .flat_map(|a| a.values.iter())
}

/// How many of `si`'s tokens count against the document's token budget
/// ([`limits::MAX_TOKENS_PER_DOCUMENT`]): at most [`limits::MAX_TOKENS_PER_SIGNER`].
pub(super) fn counted(si: &SignerInfo) -> usize {
    token_values(si).count().min(limits::MAX_TOKENS_PER_SIGNER)
}

/// The tokens of `si` (a signer of a SignedData, or a countersignature), judged
/// (`before`: the tokens the signatures judged before it in the document counted, see
/// [`counted`]; `pool`: the certificates the SignedData carries and the caller's, offered
/// to find and chain the TSA's certificate; `digests`: the document's certificate
/// digests, shared by its tokens).
pub(super) fn judge(
    si: &SignerInfo,
    before: usize,
    verifier: &Verifier,
    options: &VerifyOptions,
    pool: &[Certificate],
    digests: &CertDigests,
) -> SignerTimeStamps {
    // A TSA's own signature: its tokens are the TSA's business (and nesting is refused
    // work).
    if options.inside_time_stamp {
        return SignerTimeStamps::default();
    }
    let values: Vec<&Vec<u8>> = token_values(si).collect();
    let empty_attribute = si
        .unsigned_attributes()
        .iter()
        .any(|a| a.oid == ATTR_TIME_STAMP_TOKEN && a.values.is_empty());
    if values.is_empty() && !empty_attribute && options.time != TimePolicy::TimeStamp {
        return SignerTimeStamps::default();
    }
    let values: Vec<&[u8]> = values.iter().map(|v| v.as_slice()).collect();
    judge_tokens(
        Tokens {
            values: &values,
            malformed: if empty_attribute {
                vec!["a timeStampToken attribute carries no value".into()]
            } else {
                Vec::new()
            },
            judged_before: before,
            stamped: si.signature(),
            digests,
        },
        verifier,
        options.time,
        options.expectation.at,
        pool,
    )
}

/// The time-stamp tokens over one signature, as CAdES-T (a SignerInfo's
/// timeStampToken attributes) and XAdES-T (a ds:Signature's SignatureTimeStamps) carry
/// them.
pub(crate) struct Tokens<'a> {
    /// Each token's DER.
    pub values: &'a [&'a [u8]],
    /// What could not be read as a token where one should be (each a failure).
    pub malformed: Vec<String>,
    /// Tokens already judged in the document, by the signatures before this one.
    pub judged_before: usize,
    /// What the tokens time-stamp: the signature value (CMS), or the canonical
    /// ds:SignatureValue element (XAdES).
    pub stamped: &'a [u8],
    /// The document's certificate digests (ESS bindings), shared by its tokens: each
    /// token is offered the same certificates.
    pub digests: &'a CertDigests,
}

/// The tokens over one signature judged, and how they count under the time policy `time`
/// (see the module documentation). `at` is the time the caller gave.
pub(crate) fn judge_tokens(
    tokens: Tokens<'_>,
    verifier: &Verifier,
    time: TimePolicy,
    at: DateTime<Utc>,
    pool: &[Certificate],
) -> SignerTimeStamps {
    let Tokens {
        values,
        malformed,
        judged_before,
        stamped,
        digests,
    } = tokens;
    let mut allowed = limits::MAX_TOKENS_PER_SIGNER
        .min(limits::MAX_TOKENS_PER_DOCUMENT.saturating_sub(judged_before));

    let mut failed: Vec<String> = malformed;
    let mut not_judged: Vec<String> = Vec::new();
    let signature_len = stamped.len();
    if signature_len > limits::MAX_TIME_STAMPED_SIGNATURE_LEN && !values.is_empty() {
        // Every token would hash it again: none is verified.
        not_judged.push(format!(
            "{} time-stamp token(s) not verified: the signature value they time-stamp is {signature_len} bytes, longer than any signature verified (at most {} are hashed for tokens)",
            values.len(),
            limits::MAX_TIME_STAMPED_SIGNATURE_LEN
        ));
        allowed = 0;
    } else if values.len() > allowed {
        not_judged.push(format!(
            "{} of {} time-stamp tokens not verified: at most {} are judged on a signer and {} in a document",
            values.len() - allowed,
            values.len(),
            limits::MAX_TOKENS_PER_SIGNER,
            limits::MAX_TOKENS_PER_DOCUMENT
        ));
    }
    let mut verdicts: Vec<(usize, TimeStampVerdict)> = Vec::new();
    for (k, value) in values.iter().take(allowed).enumerate() {
        match TimeStampToken::from_ber(value) {
            Err(e) => failed.push(format!("token #{k} is not a time-stamp token: {e}")),
            Ok(t) => verdicts.push((
                k,
                t.verify_sharing(Imprinted::Data(stamped), verifier, at, pool, digests),
            )),
        }
    }
    let describe = |k: usize, v: &TimeStampVerdict, outcome: Outcome| {
        format!(
            "token #{k} ({}): {}",
            v.summary(),
            crate::verdict::quoted_with(v.checks(), outcome)
        )
    };
    for (k, v) in &verdicts {
        if v.overall() == Overall::Invalid && !fails_only_on_tsa_standing(v) {
            failed.push(describe(*k, v, Outcome::Failed));
        }
    }
    let valid: Vec<&(usize, TimeStampVerdict)> =
        verdicts.iter().filter(|(_, v)| v.is_valid()).collect();
    // What a token proves is that the signature existed by genTime + accuracy, capped at
    // the time checked: the earliest such bound is the time the signer may be judged at.
    let earliest = valid.iter().min_by_key(|(_, v)| v.existed_by());
    let proven = earliest.map(|(_, v)| v.existed_by());

    let check = if !failed.is_empty() {
        Some(Check::new(
            CheckName::Timestamp,
            Outcome::Failed,
            ReasonKind::Invalid,
            failed.join("; "),
        ))
    } else if !not_judged.is_empty() {
        Some(Check::new(
            CheckName::Timestamp,
            Outcome::Unknown,
            ReasonKind::Exhausted,
            not_judged.join("; "),
        ))
    } else {
        match (time, earliest) {
            (TimePolicy::TimeStamp, Some((k, v))) => Some(Check::passed(CheckName::Timestamp, format!(
                    "the signer is judged at the time token #{k} proves the signature existed by, {}: {}",
                    existed_by_reason(v),
                    v.summary()
                ),
            )),
            (TimePolicy::TimeStamp, None) if verdicts.is_empty() => Some(Check::new(
                CheckName::Timestamp,
                Outcome::Unknown,
                ReasonKind::NotProven,
                "no signature time-stamp token: the time of the signature is not proven",
            )),
            (TimePolicy::TimeStamp, None) => Some(Check::new(
                CheckName::Timestamp,
                Outcome::Unknown,
                ReasonKind::NotProven,
                format!(
                    "no token proves the time of the signature: {}",
                    verdicts
                        .iter()
                        .map(|(k, v)| describe(*k, v, Outcome::Unknown))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )),
            (_, Some((k, v))) => Some(Check::passed(CheckName::Timestamp, format!(
                    "token #{k} proves the signature existed by {}: {} (the signer is judged at the time given, not at the token's)",
                    existed_by_reason(v),
                    v.summary()
                ),
            )),
            // Unproven tokens, under a policy that does not judge at their time: reported
            // in `timestamps`, not counted.
            (_, None) => None,
        }
    };
    SignerTimeStamps {
        verdicts: verdicts.into_iter().map(|(_, v)| v).collect(),
        check,
        proven,
    }
}

/// Does token `v` fail only on its TSA certificate's standing at genTime (its validity
/// period, its revocation), every check binding it to the signature and to a TSA passed
/// or unknown? Such a token proves no time; it is no evidence against the signer.
fn fails_only_on_tsa_standing(v: &TimeStampVerdict) -> bool {
    v.checks()
        .iter()
        .filter(|c| c.outcome == Outcome::Failed)
        .all(|c| matches!(c.check, CheckName::Validity | CheckName::Revocation))
}

/// Under a policy that judges the signer at another time than the one a valid token
/// proves: a failed `validity` when the token proves the signature existed by `proven`,
/// before the certificate's `not_before` (RFC 5280 §4.1.2.5: the CA vouches for the key
/// only from then; review 103). A token is an upper bound on the time the signature was
/// made, never a lower one: an expiry, a revocation or a hold in force at `proven` proves
/// nothing against a signature that may predate it (review 105), and is not asked.
pub(crate) fn predates_certificate(
    not_before: DateTime<Utc>,
    proven: DateTime<Utc>,
) -> Option<Check> {
    (proven < not_before).then(|| {
        Check::new(
            CheckName::Validity,
            Outcome::Failed,
            ReasonKind::NotYetValid,
            format!(
                "a signature time-stamp proves the signature existed by {}, before the certificate's validity began ({}): it was made with a key not yet certified",
                proven.to_rfc3339(),
                not_before.to_rfc3339()
            ),
        )
    })
}

/// How token `v` bounds the time of the signature, in words: genTime, its accuracy, and
/// whether the bound was capped at the time checked.
fn existed_by_reason(v: &TimeStampVerdict) -> String {
    let by = v.existed_by().to_rfc3339();
    let accuracy = match v.accuracy() {
        Some(a) => format!(
            "genTime {} + accuracy ±{}s {}ms {}µs",
            v.gen_time().to_rfc3339(),
            a.seconds,
            a.millis,
            a.micros
        ),
        None => format!("genTime {} (no accuracy stated)", v.gen_time().to_rfc3339()),
    };
    if v.gen_time_plus_accuracy()
        .is_none_or(|t| t > v.existed_by())
    {
        format!("{by} (the time checked: {accuracy} is later, and nothing proves more than that the signature exists when checked)")
    } else {
        format!("{by} ({accuracy})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ber::{self, Tlv};
    use crate::cms::SignedData;

    fn vector(name: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki");
        std::fs::read(p.join(name)).unwrap()
    }

    /// `si` with these unsigned attributes (encoded Attributes) instead of its own.
    fn with_unsigned(si: &SignerInfo, attrs: &[Vec<u8>]) -> SignerInfo {
        let t = Tlv::read_exact(si.encoding(), "t").unwrap();
        let mut parts: Vec<Vec<u8>> = t
            .children_vec(8, "t")
            .unwrap()
            .iter()
            .filter(|c| !c.is_context(1))
            .map(|c| c.raw.to_vec())
            .collect();
        parts.push(ber::der(0xA1, &attrs.concat()));
        let der = ber::der(0x30, &parts.concat());
        SignerInfo::read(&Tlv::read_exact(&der, "t").unwrap()).unwrap()
    }

    /// `si` with a signature value of `len` bytes instead of its own.
    fn with_signature_len(si: &SignerInfo, len: usize) -> SignerInfo {
        let t = Tlv::read_exact(si.encoding(), "t").unwrap();
        let parts: Vec<Vec<u8>> = t
            .children_vec(8, "t")
            .unwrap()
            .iter()
            .map(|c| {
                if c.is_universal(ber::tag::OCTET_STRING) {
                    ber::der(0x04, &vec![0x5A; len])
                } else {
                    c.raw.to_vec()
                }
            })
            .collect();
        let der = ber::der(0x30, &parts.concat());
        SignerInfo::read(&Tlv::read_exact(&der, "t").unwrap()).unwrap()
    }

    fn attribute(values: &[&[u8]]) -> Vec<u8> {
        ber::sequence(&[
            &ber::oid(ATTR_TIME_STAMP_TOKEN),
            &ber::der(0x31, &values.concat()),
        ])
    }

    #[test]
    fn how_tokens_count() {
        let sd = SignedData::from_ber(&vector("tsa/cades_plain.cms")).unwrap();
        let verifier = Verifier::builder()
            .trust_path(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki/root.cer"),
            )
            .unwrap()
            .intermediate(crate::Certificate::from_input(&vector("nca_rsa.cer")).unwrap())
            .unwrap()
            .crl(crate::revocation::crl::Crl::from_input(&vector("nca_rsa_current.crl")).unwrap())
            .unwrap()
            .build();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let token = vector("tsa/cades_token.tsr");
        let si = with_unsigned(&sd.signers()[0], &[attribute(&[&token])]);
        let mut options = VerifyOptions::at(at("2026-11-23T00:00:00Z"));
        let pool = sd.certificates();
        let digests = CertDigests::default();

        let r = judge(&si, 0, &verifier, &options, pool, &digests);
        assert_eq!(r.verdicts.len(), 1);
        // genTime 10:00:00 ± 1 s: the signature is proven to exist by 10:00:01.
        assert_eq!(r.verdicts[0].gen_time(), at("2026-11-20T10:00:00Z"));
        assert_eq!(r.proven, Some(at("2026-11-20T10:00:01Z")));
        assert_eq!(r.check.map(|c| c.outcome), Some(Outcome::Passed));
        // Under TimeStamp the reason says the time judged and the accuracy behind it.
        options.time = TimePolicy::TimeStamp;
        let r = judge(&si, 0, &verifier, &options, pool, &digests);
        let reason = r.check.map(|c| c.reason).unwrap_or_default();
        assert!(
            reason.contains(
                "2026-11-20T10:00:01+00:00 (genTime 2026-11-20T10:00:00+00:00 + accuracy ±1s"
            ),
            "{reason}"
        );
        // Checked before genTime + accuracy (within the accuracy of genTime): the time
        // proven is the time checked, never later.
        let early = VerifyOptions {
            time: TimePolicy::TimeStamp,
            ..VerifyOptions::at(at("2026-11-20T09:59:59.500Z"))
        };
        let r = judge(&si, 0, &verifier, &early, pool, &digests);
        assert_eq!(r.proven, Some(at("2026-11-20T09:59:59.500Z")));
        let reason = r.check.map(|c| c.reason).unwrap_or_default();
        assert!(reason.contains("(the time checked: genTime"), "{reason}");
        options.time = TimePolicy::Given;

        // On a TSA's own signature, tokens are listed, not judged.
        options.inside_time_stamp = true;
        let r = judge(&si, 0, &verifier, &options, pool, &digests);
        assert!(r.verdicts.is_empty() && r.check.is_none() && r.proven.is_none());
        options.inside_time_stamp = false;

        // An attribute without a value is malformed: failed.
        let empty = with_unsigned(&sd.signers()[0], &[attribute(&[])]);
        let r = judge(&empty, 0, &verifier, &options, pool, &digests);
        assert_eq!(r.check.map(|c| c.outcome), Some(Outcome::Failed));

        // Tokens over a signature value longer than any signature are not verified (each
        // would hash it again, with an algorithm of the document's choosing): unknown,
        // whatever the policy. Up to the bound they are judged (here: another imprint).
        let attrs = [attribute(&[&token, &token])];
        let long = with_signature_len(&sd.signers()[0], limits::MAX_TIME_STAMPED_SIGNATURE_LEN + 1);
        let long = with_unsigned(&long, &attrs);
        for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
            options.time = policy;
            let r = judge(&long, 0, &verifier, &options, pool, &digests);
            assert!(r.verdicts.is_empty() && r.proven.is_none());
            let check = r.check.unwrap();
            assert_eq!(check.outcome, Outcome::Unknown);
            assert!(check.reason.contains("2 time-stamp token(s) not verified"));
        }
        options.time = TimePolicy::Given;
        let bound = with_signature_len(&sd.signers()[0], limits::MAX_TIME_STAMPED_SIGNATURE_LEN);
        let r = judge(
            &with_unsigned(&bound, &attrs),
            0,
            &verifier,
            &options,
            pool,
            &digests,
        );
        assert_eq!(r.verdicts.len(), 2);
        assert_eq!(r.check.map(|c| c.outcome), Some(Outcome::Failed));

        // Garbage as a value: failed under every policy.
        let junk = with_unsigned(&sd.signers()[0], &[attribute(&[&[0x05, 0x00]])]);
        for policy in [TimePolicy::Given, TimePolicy::TimeStamp] {
            options.time = policy;
            let r = judge(&junk, 0, &verifier, &options, pool, &digests);
            assert_eq!(r.check.map(|c| c.outcome), Some(Outcome::Failed));
        }
    }
}
