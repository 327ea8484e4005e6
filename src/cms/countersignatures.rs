//! The countersignatures on a SignerInfo (RFC 5652 §11.4, the unsigned attribute
//! id-countersignature): each value a SignerInfo whose signature covers the signature
//! value of the SignerInfo it is on (the content of its `signature` OCTET STRING).
//!
//! A countersignature is verified as a signer is (`signer.rs`, one code path for both):
//! its certificate searched among the document's certificates and the caller's (ESS
//! binding, SID, candidates), its signature checked with the document's cache and budget,
//! its own time-stamp tokens judged, and the certificate condition (path, validity,
//! revocation) run on its certificate at the time the [`TimePolicy`] picks for it (its own
//! signingTime claim, its own token's time, or the time given: what proves when the
//! parent was signed proves nothing of when it was countersigned, which is later: under
//! [`TimePolicy::TimeStamp`] a countersignature without a valid token of its own is not
//! proven, and leaves its signer indeterminate). What differs is what its signed
//! attributes bind:
//!
//! * signed attributes are required: a countersignature without them is malformed (its
//!   signature would have to cover the parent's signature value directly, which §11.4 does
//!   not allow), a failed `message_digest` check;
//! * its messageDigest must equal the digest (under its digestAlgorithm) of the parent's
//!   signature value: anything else countersigns another signature (`message_digest`
//!   failed, mismatch). The signature value is hashed once per countersignature, charged
//!   to the document's [`crate::work::WorkMeter`] before hashing;
//! * it must not carry a contentType attribute (§11.4: a countersignature has no content
//!   of its own): one present is a failed `content_type` check.
//!
//! How they count for the signer they are on (its `countersignature` check), so that an
//! attestation the verdict reports is never left unverified:
//!
//! * one **proven bad** (its verdict invalid: not a SignerInfo, an empty attribute, its
//!   signature does not verify, messageDigest mismatch, contentType present, its
//!   certificate expired or revoked at its time, a nested countersignature proven bad)
//!   fails the check, and the signer is invalid: someone altered the attestations the
//!   document carries, as a failed time-stamp token does (`timestamps.rs`);
//! * one **not proven** (its certificate unknown, revocation unknown, the budget spent,
//!   an unsupported algorithm) makes the check unknown, and the signer indeterminate, not
//!   invalid. Unlike an unproven time-stamp token under a policy that does not judge at its
//!   time (which adds nothing), a countersignature is an attestation of its own that a
//!   valid document verdict would be read as covering: what the library cannot prove
//!   leaves the document unproven, never valid;
//! * one **not judged** (nested deeper than [`limits::MAX_COUNTERSIGNATURE_DEPTH`], or
//!   beyond [`limits::MAX_COUNTERSIGNATURES`] in the document) is unknown likewise: never
//!   ignored. It has no verdict of its own (a bounded document cannot order unbounded
//!   verdicts); the check says how many were not judged and why;
//! * all proven: the check passes, naming each countersigner.
//!
//! Their verdicts are [`SignerVerdict`]s, in [`SignerVerdict::countersignatures`] (the
//! same shape, so nesting is the same type all the way down, and the JSON printed for a
//! signer carries its countersignatures as it carries its time-stamp tokens).

use super::attribute_checks::carried_digest_and_hash;
use super::ber::Tlv;
use super::limits;
use super::options::VerifyOptions;
use super::parse::{SignedAttributes, SignedData, SignerInfo};
use super::signer::Signs;
use super::verdict::SignerVerdict;
use super::verify::Document;
#[cfg(doc)]
use super::TimePolicy;
use crate::condition::Verifier;
use crate::name::hex_upper;
use crate::oid::{ATTR_CONTENT_TYPE, ATTR_COUNTERSIGNATURE};
use crate::verdict::{quoted_with, Check, CheckName, Judged as _, Outcome, Overall, ReasonKind};

/// What a SignerInfo's countersignatures say.
#[derive(Default)]
pub(super) struct Countersignatures {
    /// Each countersignature judged, in the order carried.
    pub verdicts: Vec<SignerVerdict>,
    /// The `countersignature` check on the SignerInfo they are on, when it carries any.
    pub check: Option<Check>,
}

/// The countersignatures on `si` (at `depth`: 0 for a signer of `sd`), each judged as a
/// SignerInfo of `sd` over `si`'s signature value, and how they count (see the module).
pub(super) fn judge(
    sd: &SignedData,
    si: &SignerInfo,
    depth: usize,
    verifier: &Verifier,
    options: &VerifyOptions,
    doc: &mut Document<'_>,
) -> Countersignatures {
    let attributes = si
        .unsigned_attributes()
        .iter()
        .filter(|a| a.oid == ATTR_COUNTERSIGNATURE);
    let mut values: Vec<&[u8]> = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    for a in attributes {
        if a.values.is_empty() {
            failed.push("a countersignature attribute carries no value".into());
        }
        values.extend(a.values.iter().map(|v| v.as_slice()));
    }
    if values.is_empty() && failed.is_empty() {
        return Countersignatures::default();
    }
    let mut not_judged: Vec<String> = Vec::new();
    let mut verdicts: Vec<SignerVerdict> = Vec::new();
    if depth >= limits::MAX_COUNTERSIGNATURE_DEPTH && !values.is_empty() {
        not_judged.push(format!(
            "{} countersignature(s) not verified: nested {} deep, and at most {} levels are judged",
            values.len(),
            depth + 1,
            limits::MAX_COUNTERSIGNATURE_DEPTH
        ));
    } else {
        for (k, value) in values.iter().enumerate() {
            if doc.countersignatures_judged >= limits::MAX_COUNTERSIGNATURES {
                not_judged.push(format!(
                    "{} of {} countersignature(s) not verified: at most {} are judged in a document",
                    values.len() - k,
                    values.len(),
                    limits::MAX_COUNTERSIGNATURES
                ));
                break;
            }
            doc.countersignatures_judged += 1;
            let read =
                Tlv::read_exact(value, "countersignature").and_then(|t| SignerInfo::read(&t));
            match read {
                Err(e) => failed.push(format!("countersignature #{k} is not a SignerInfo: {e}")),
                Ok(c) => verdicts.push(sd.verify_signer_info(
                    k,
                    &c,
                    Signs::Signature {
                        value: si.signature(),
                        depth: depth + 1,
                    },
                    verifier,
                    options,
                    doc,
                )),
            }
        }
    }
    let describe = |v: &SignerVerdict, outcome: Outcome| {
        format!(
            "countersignature #{} by {} ({}): {}",
            v.index(),
            v.signer_id(),
            v.overall().as_str(),
            quoted_with(v.checks(), outcome)
        )
    };
    for v in &verdicts {
        if v.overall() == Overall::Invalid {
            failed.push(describe(v, Outcome::Failed));
        }
    }
    let unproven: Vec<String> = verdicts
        .iter()
        .filter(|v| v.overall() == Overall::Indeterminate)
        .map(|v| describe(v, Outcome::Unknown))
        .collect();
    let check = if !failed.is_empty() {
        failed.extend(not_judged);
        // What failed in the first countersignature proven bad (revoked, expired, does
        // not verify ...), so a refusal names that; one that is not a SignerInfo at all
        // is malformed.
        let kind = verdicts
            .iter()
            .filter(|v| v.overall() == Overall::Invalid)
            .flat_map(|v| v.checks())
            .find(|c| c.outcome == Outcome::Failed)
            .map_or(ReasonKind::Malformed, |c| c.kind);
        Check::new(
            CheckName::Countersignature,
            Outcome::Failed,
            kind,
            failed.join("; "),
        )
    } else if !not_judged.is_empty() {
        not_judged.extend(unproven);
        Check::new(
            CheckName::Countersignature,
            Outcome::Unknown,
            ReasonKind::Exhausted,
            not_judged.join("; "),
        )
    } else if !unproven.is_empty() {
        // A countersignature the document's budget cut short names the limit.
        let exhausted = verdicts
            .iter()
            .flat_map(|v| v.checks())
            .find_map(|c| c.exhausted);
        Check::new(
            CheckName::Countersignature,
            Outcome::Unknown,
            ReasonKind::NotProven,
            unproven.join("; "),
        )
        .exhausted_by(exhausted)
    } else {
        Check::passed(
            CheckName::Countersignature,
            format!(
                "{} countersignature(s) over the signature value verified: {}",
                verdicts.len(),
                verdicts
                    .iter()
                    .map(|v| format!("#{} by {}", v.index(), v.signer_id()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    };
    Countersignatures {
        verdicts,
        check: Some(check),
    }
}

/// A countersignature's contentType rule (RFC 5652 §11.4): the attribute must be absent.
pub(super) fn content_type_check(attrs: &SignedAttributes) -> Check {
    if attrs.all(ATTR_CONTENT_TYPE).next().is_some() {
        Check::new(
            CheckName::ContentType,
            Outcome::Failed,
            ReasonKind::NotPermitted,
            "a countersignature carries a contentType signed attribute: RFC 5652 §11.4 forbids it (a countersignature has no content of its own)",
        )
    } else {
        Check::passed(
            CheckName::ContentType,
            "no contentType attribute, as a countersignature must not carry (RFC 5652 §11.4)",
        )
    }
}

/// A countersignature without signed attributes: malformed (RFC 5652 §11.4 requires them,
/// with the messageDigest of the countersigned signature value).
pub(super) fn no_signed_attributes() -> Check {
    Check::new(
        CheckName::MessageDigest,
        Outcome::Failed,
        ReasonKind::Missing,
        "a countersignature without signed attributes: RFC 5652 §11.4 requires them, with a messageDigest of the countersigned signature value",
    )
}

/// The countersignature `si`'s messageDigest against the digest of `value`, the signature
/// value it countersigns. The hash is charged to the document's meter before it is
/// computed (a signature value may be as long as the input allows, and a document carries
/// up to [`limits::MAX_COUNTERSIGNATURES`] countersignatures).
pub(super) fn message_digest_check(
    attrs: &SignedAttributes,
    si: &SignerInfo,
    value: &[u8],
    doc: &mut Document<'_>,
) -> Check {
    let fail = |k, r: String| Check::new(CheckName::MessageDigest, Outcome::Failed, k, r);
    let unknown = |k, r: String| Check::new(CheckName::MessageDigest, Outcome::Unknown, k, r);
    let (carried, h) = match carried_digest_and_hash(attrs, si) {
        Ok(v) => v,
        Err(check) => return check,
    };
    if !doc.meter.hashing(value.len()) {
        return unknown(
            ReasonKind::Exhausted,
            format!(
                "not checked: {} of the countersigned signature value not computed: {}",
                h.name(),
                doc.meter
                    .exhausted()
                    .unwrap_or_else(|| "work budget exhausted".into())
            ),
        )
        .exhausted_by(doc.meter.exhausted_kind());
    }
    let actual = h.digest(value);
    if actual == carried {
        Check::passed(
            CheckName::MessageDigest,
            format!(
                "{} of the countersigned signature value equals messageDigest {}",
                h.name(),
                hex_upper(&carried)
            ),
        )
    } else {
        fail(
            ReasonKind::Mismatch,
            format!(
                "{} of the countersigned signature value is {}, messageDigest says {}: it countersigns another signature",
                h.name(),
                hex_upper(&actual),
                hex_upper(&carried)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ber;
    use crate::cms::{sign, SignRequest};
    use crate::keys::SigningKey;
    use crate::oid::ATTR_MESSAGE_DIGEST;
    use crate::signature::HashAlgorithm;
    use crate::Certificate;
    use chrono::{DateTime, Utc};

    fn pki(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(name)
    }
    fn cert(name: &str) -> Certificate {
        Certificate::from_input(&std::fs::read(pki(&format!("{name}.cer"))).unwrap()).unwrap()
    }
    fn key(name: &str) -> SigningKey {
        SigningKey::from_pkcs8(
            &std::fs::read(pki(&format!("{name}.key.pem"))).unwrap(),
            None,
        )
        .unwrap()
    }
    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }
    fn verifier() -> Verifier {
        Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap()
            .crl_path(pki("nca_rsa_current.crl"))
            .unwrap()
            .build()
    }

    /// A countersignature by `name` whose messageDigest is the SHA-256 of `over`, with a
    /// contentType attribute when `content_type`, its own countersignatures `nested`.
    fn countersignature(
        over: &[u8],
        name: &str,
        content_type: bool,
        nested: &[Vec<u8>],
    ) -> Vec<u8> {
        let (c, k) = (cert(name), key(name));
        let (_, digest_id, signature_id) = crate::cms::algorithms::identifiers_for_signing(
            &crate::cms::Signer::signature_algorithm(&k),
        )
        .unwrap();
        let attribute =
            |oid: &str, v: Vec<u8>| ber::sequence(&[&ber::oid(oid), &ber::set_of(vec![v])]);
        let mut attrs = vec![attribute(
            ATTR_MESSAGE_DIGEST,
            ber::der(0x04, &HashAlgorithm::Sha256.digest(over)),
        )];
        if content_type {
            attrs.push(attribute(ATTR_CONTENT_TYPE, ber::oid(crate::oid::ID_DATA)));
        }
        let signed = ber::set_of(attrs);
        let signature = k.sign(&signed).unwrap();
        let mut implicit = signed;
        implicit[0] = 0xA0;
        let sid = ber::sequence(&[c.issuer().der(), &ber::integer_content(c.serial())]);
        let mut parts = vec![
            ber::der(0x02, &[1]),
            sid,
            digest_id,
            implicit,
            signature_id,
            ber::der(0x04, &signature),
        ];
        if !nested.is_empty() {
            parts.push(ber::der(0xA1, &countersignature_attribute(nested)));
        }
        ber::sequence(&parts.iter().map(|p| p.as_slice()).collect::<Vec<_>>())
    }

    fn countersignature_attribute(values: &[Vec<u8>]) -> Vec<u8> {
        ber::sequence(&[
            &ber::oid(ATTR_COUNTERSIGNATURE),
            &ber::der(0x31, &values.concat()),
        ])
    }

    /// A SignedData by individual_sign whose signer carries the countersignatures `f`
    /// makes over its signature value, the countersigners' certificates added.
    fn countersigned(f: impl FnOnce(&[u8]) -> Vec<Vec<u8>>) -> SignedData {
        let signer = cert("individual_sign");
        let chain = [cert("legal_sign")];
        let der = sign(
            b"countersigned",
            &SignRequest::new(&signer, at()).with_chain(&chain),
            &key("individual_sign"),
        )
        .unwrap();
        let mut sd = SignedData::from_ber(&der).unwrap();
        let values = f(sd.signers[0].signature());
        let t = Tlv::read_exact(sd.signers[0].encoding(), "t").unwrap();
        let mut parts: Vec<Vec<u8>> = t
            .children_vec(8, "t")
            .unwrap()
            .iter()
            .map(|c| c.raw.to_vec())
            .collect();
        parts.push(ber::der(0xA1, &countersignature_attribute(&values)));
        let der = ber::der(0x30, &parts.concat());
        sd.signers[0] = SignerInfo::read(&Tlv::read_exact(&der, "t").unwrap()).unwrap();
        sd
    }

    fn only(sd: &SignedData) -> SignerVerdict {
        let v = sd.verify(&verifier(), &VerifyOptions::at(at()));
        v.signers()[0].clone()
    }

    fn outcome(v: &SignerVerdict, name: CheckName) -> Option<Outcome> {
        v.checks()
            .iter()
            .find(|c| c.check == name)
            .map(|c| c.outcome)
    }

    #[test]
    fn a_countersignature_over_the_signature_value_is_verified() {
        let sd = countersigned(|sig| vec![countersignature(sig, "legal_sign", false, &[])]);
        let v = only(&sd);
        assert!(v.is_valid(), "{v:#?}");
        assert_eq!(
            outcome(&v, CheckName::Countersignature),
            Some(Outcome::Passed)
        );
        let c = &v.countersignatures()[0];
        assert!(c.is_valid(), "{c:#?}");
        assert_eq!(outcome(c, CheckName::MessageDigest), Some(Outcome::Passed));
        assert_eq!(outcome(c, CheckName::ContentType), Some(Outcome::Passed));
        assert!(c.certificate().is_some_and(|v| v.is_valid()));
    }

    #[test]
    fn a_content_type_or_another_digest_is_proven_bad() {
        let sd = countersigned(|sig| vec![countersignature(sig, "legal_sign", true, &[])]);
        let v = only(&sd);
        assert_eq!(v.overall(), Overall::Invalid);
        assert_eq!(
            outcome(&v, CheckName::Countersignature),
            Some(Outcome::Failed)
        );
        assert_eq!(
            outcome(&v.countersignatures()[0], CheckName::ContentType),
            Some(Outcome::Failed)
        );

        let sd = countersigned(|_| vec![countersignature(b"another", "legal_sign", false, &[])]);
        let v = only(&sd);
        assert_eq!(v.overall(), Overall::Invalid);
        assert_eq!(
            outcome(&v.countersignatures()[0], CheckName::MessageDigest),
            Some(Outcome::Failed)
        );

        // Not a SignerInfo at all: proven bad, no verdict of its own.
        let sd = countersigned(|_| vec![vec![0x05, 0x00]]);
        let v = only(&sd);
        assert_eq!(
            outcome(&v, CheckName::Countersignature),
            Some(Outcome::Failed)
        );
        assert!(v.countersignatures().is_empty());
    }

    /// The signature value of a countersignature's DER.
    fn signature_of(der: &[u8]) -> Vec<u8> {
        SignerInfo::read(&Tlv::read_exact(der, "t").unwrap())
            .unwrap()
            .signature()
            .to_vec()
    }

    /// A chain of `levels` countersignatures, each over the one above it, the first over
    /// `sig` (RSA PKCS#1 v1.5 is deterministic: a countersignature signed again with its
    /// own countersignatures added has the same signature value).
    fn chain(sig: &[u8], levels: usize) -> Vec<u8> {
        let top = countersignature(sig, "legal_sign", false, &[]);
        if levels <= 1 {
            return top;
        }
        let below = chain(&signature_of(&top), levels - 1);
        countersignature(sig, "legal_sign", false, &[below])
    }

    /// Nesting up to the bound is judged and valid; one level deeper is not judged: the
    /// deepest judged carries an unknown check, and the signer is indeterminate, never
    /// valid.
    #[test]
    fn nesting_is_bounded() {
        let depth = limits::MAX_COUNTERSIGNATURE_DEPTH;
        let sd = countersigned(|sig| vec![chain(sig, depth)]);
        let v = only(&sd);
        assert!(v.is_valid(), "{v:#?}");

        let sd = countersigned(|sig| vec![chain(sig, depth + 1)]);
        let v = only(&sd);
        let mut c = &v;
        for _ in 0..depth {
            c = &c.countersignatures()[0];
        }
        assert!(c.countersignatures().is_empty());
        let check = c
            .checks()
            .iter()
            .find(|x| x.check == CheckName::Countersignature)
            .unwrap();
        assert_eq!(check.outcome, Outcome::Unknown);
        assert!(
            check.reason.contains("levels are judged"),
            "{}",
            check.reason
        );
        assert_eq!(v.overall(), Overall::Indeterminate);
    }

    #[test]
    fn the_count_is_bounded() {
        let n = limits::MAX_COUNTERSIGNATURES + 8;
        let sd = countersigned(|sig| vec![countersignature(sig, "legal_sign", false, &[]); n]);
        let v = only(&sd);
        assert_eq!(v.countersignatures().len(), limits::MAX_COUNTERSIGNATURES);
        assert!(v.countersignatures().iter().all(|c| c.is_valid()));
        let check = v
            .checks()
            .iter()
            .find(|x| x.check == CheckName::Countersignature)
            .unwrap();
        assert_eq!(check.outcome, Outcome::Unknown);
        assert!(
            check.reason.contains(&format!("8 of {n}")),
            "{}",
            check.reason
        );
        assert_eq!(v.overall(), Overall::Indeterminate);
    }
}
