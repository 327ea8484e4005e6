//! The certificate condition of the e-service regulations, in one call:
//! [`Verifier::check_certificate`].
//!
//! "Check the signer's registration certificate for its validity period, its absence from
//! the list of revoked certificates, and the match between the IIN/BIN written in the
//! request and the IIN/BIN in the certificate." Authenticity (a verified path to a trusted
//! NCA certificate), the key's purpose and unprocessed critical extensions are checked too:
//! without them the three named checks prove nothing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certificate::Certificate;
use crate::chain::{self, Budget, CertSet, PathBuilder, PathOptions, SignatureCache, VerifiedPath};
use crate::error::Result;
use crate::identity::{Bin, ChecksumPolicy, Iin};
use crate::limits::Limits;
use crate::revocation::crl::Crl;
use crate::revocation::ocsp::{OcspPolicy, OcspResponse};
use crate::revocation::store::CrlStore;
use crate::signature::{KeyPolicy, KeyStrength};
use crate::verdict::{Check, CheckName, Outcome, ReasonKind, Verdict};
use crate::work::{WorkLimits, WorkMeter};

pub use builder::{VerifierBuilder, VerifierOptions};
pub use expectation::{Expectation, Purpose, RevocationScope, TimeSource};

mod alternatives;
mod builder;
mod expectation;
mod revocation;

use revocation::{concat, RevocationReport};

/// Trust anchors, intermediates, CRLs and OCSP responses, loaded once and shared by many
/// verifications.
///
/// A `Verifier` is `Send + Sync` and holds no per-request state: build it once at start-up
/// (loading a CRL of tens of megabytes is the expensive part) and share it, behind an
/// [`Arc`](std::sync::Arc), between all threads or tasks of a service. Its caches (the
/// signature checks of certificates and CRLs, the GOST key tables of the keys it holds)
/// are its own: there is no process-wide state, and two verifiers do not share anything.
/// A new CRL means a new verifier, swapped in when built.
///
/// ```
/// use std::sync::Arc;
/// use qoltanba::{Expectation, Judged as _, Verifier};
///
/// let verifier = Arc::new(
///     Verifier::builder()
///         .trust_path("test-vectors/pki/root.cer")?
///         .intermediate_path("test-vectors/pki/nca_rsa.cer")?
///         .crl_path("test-vectors/pki/nca_rsa_current.crl")?
///         .build(),
/// );
/// let cert = qoltanba::Certificate::from_input(&std::fs::read(
///     "test-vectors/pki/individual_sign.cer",
/// )?)?;
/// let at = "2026-11-23T00:00:00Z".parse()?;
/// let worker = {
///     let verifier = Arc::clone(&verifier);
///     let cert = cert.clone();
///     std::thread::spawn(move || verifier.check_certificate(&cert, &Expectation::at(at)))
/// };
/// let verdict = worker.join().expect("the worker thread");
/// assert!(verdict.is_valid(), "{:?}", verdict.refusal());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Verifier {
    anchors: CertSet,
    intermediates: CertSet,
    crls: CrlStore,
    ocsp: Vec<OcspResponse>,
    /// The OCSP responses naming each serial number (leading zeros stripped).
    ocsp_by_serial: HashMap<Vec<u8>, Vec<usize>>,
    cache: SignatureCache,
    /// The prepared GOST keys of the signers seen (see `key_cache`).
    keys: crate::key_cache::KeyCache,
    options: VerifierOptions,
}

impl Verifier {
    /// Start building a verifier.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// The signers' prepared keys this verifier holds.
    pub(crate) fn keys(&self) -> &crate::key_cache::KeyCache {
        &self.keys
    }

    /// The trust anchors.
    pub fn anchors(&self) -> &CertSet {
        &self.anchors
    }

    /// The untrusted intermediates.
    pub fn intermediates(&self) -> &CertSet {
        &self.intermediates
    }

    /// The CRLs.
    pub fn crls(&self) -> &CrlStore {
        &self.crls
    }

    /// The options.
    pub fn options(&self) -> &VerifierOptions {
        &self.options
    }

    /// A new verifier with this one's anchors, intermediates, OCSP responses and options,
    /// and `crls` as its whole CRL set: how a service swaps in the CRLs it has fetched
    /// again (`fetch`) without reading its trust files anew. The new verifier's caches start
    /// empty, and every CRL's signature is checked now, as [`VerifierBuilder::build`] does.
    pub fn with_crls(&self, crls: impl IntoIterator<Item = Crl>) -> Result<Verifier> {
        Ok(self.rebuilt(crls)?.build())
    }

    /// A new verifier with this one's trust, CRLs and options, and `responses` added to
    /// its OCSP responses: how a client adds the answers it fetched (`fetch::OcspClient`).
    /// Each is consulted, as [`VerifierBuilder::ocsp`] says, once its signer is proven.
    pub fn with_ocsp_responses(
        &self,
        responses: impl IntoIterator<Item = OcspResponse>,
    ) -> Result<Verifier> {
        let mut builder = self.rebuilt(self.crls.iter().map(|(_, c)| c.clone()))?;
        for response in responses {
            builder = builder.ocsp(response)?;
        }
        Ok(builder.build())
    }

    /// A builder holding this verifier's anchors, intermediates, OCSP responses and
    /// options, and `crls`.
    fn rebuilt(&self, crls: impl IntoIterator<Item = Crl>) -> Result<VerifierBuilder> {
        let mut builder = VerifierBuilder {
            anchors: self.anchors.clone(),
            intermediates: self.intermediates.clone(),
            crls: CrlStore::new(),
            ocsp: self.ocsp.clone(),
            options: self.options,
        };
        for crl in crls {
            builder.crls.add(crl)?;
        }
        Ok(builder)
    }

    /// Build and verify a path for `cert` at `at` (no revocation, no end-entity checks).
    pub fn build_path(
        &self,
        cert: &Certificate,
        at: DateTime<Utc>,
    ) -> std::result::Result<VerifiedPath, chain::PathFailure> {
        self.build_path_with(cert, at, &self.intermediates, None)
    }

    fn build_path_with(
        &self,
        cert: &Certificate,
        at: DateTime<Utc>,
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
    ) -> std::result::Result<VerifiedPath, chain::PathFailure> {
        let builder = PathBuilder {
            anchors: &self.anchors,
            intermediates,
            cache: &self.cache,
        };
        builder.build_metered(cert, self.path_options(at), meter)
    }

    /// The path options of the verifier's limits at `at`.
    pub(crate) fn path_options(&self, at: DateTime<Utc>) -> PathOptions {
        PathOptions {
            at,
            max_path_len: self.options.limits.max_path_len,
            budget: Budget {
                signatures: self.options.limits.path_signatures,
                build_calls: self.options.limits.path_build_calls,
            },
            ignore_validity: false,
            evidence: false,
        }
    }

    /// The verifier's intermediates with `extra` added (duplicates ignored): made once
    /// for a whole document, whose signers all use it, rather than once per signer.
    pub(crate) fn intermediates_with(&self, extra: &[Certificate]) -> Cow<'_, CertSet> {
        if extra.is_empty() {
            return Cow::Borrowed(&self.intermediates);
        }
        let mut set = self.intermediates.clone();
        for c in extra {
            // A set full to MAX_CERTS_PER_SET offers what it holds.
            let _ = set.add(c.clone());
        }
        Cow::Owned(set)
    }

    /// The certificate condition: validity, chain, revocation, key purpose, critical
    /// extensions, identity match (and check digits under the strict policy).
    pub fn check_certificate(&self, cert: &Certificate, expect: &Expectation) -> Verdict {
        self.check_certificate_with(cert, expect, &[])
    }

    /// As [`Verifier::check_certificate`], with extra untrusted certificates for path
    /// building (e.g. those a CMS signature carries).
    pub fn check_certificate_with(
        &self,
        cert: &Certificate,
        expect: &Expectation,
        extra: &[Certificate],
    ) -> Verdict {
        // A certificate judged on its own gets a document's share of work, as a CMS signer
        // does: CRL signers proven through their own CRLs (and the delta CRLs they sign)
        // could otherwise multiply the work without bound.
        let meter = WorkMeter::new(WorkLimits::of(&self.options.limits, false));
        self.check_certificate_in(cert, expect, &self.intermediates_with(extra), Some(&meter))
    }

    /// [`Verifier::check_certificate`] with `intermediates` in place of the verifier's
    /// own (see [`Verifier::intermediates_with`]), every path build and CRL-signer search
    /// charged to a document's `meter`. Work it refuses leaves the chain or revocation
    /// check unknown, saying so.
    pub(crate) fn check_certificate_in(
        &self,
        cert: &Certificate,
        expect: &Expectation,
        intermediates: &CertSet,
        meter: Option<&WorkMeter>,
    ) -> Verdict {
        let at = expect.at;
        let mut checks = Vec::with_capacity(8);
        checks.push(validity_check(cert, at));

        // The first path found, judged; when its revocation check or its keys' strength does
        // not pass, the best of the other paths (reviews 67, 70: which path was found first
        // must not decide).
        let mut report = RevocationReport::default();
        let mut revocation = None;
        let mut strength = None;
        let path = match self.build_path_with(cert, at, intermediates, meter) {
            Ok(p) => {
                let path_strength =
                    key_strength_check(p.certificates(), self.options.keys, &self.keys);
                let check = self.revocation_check(
                    &p,
                    at,
                    expect.time_source,
                    intermediates,
                    meter,
                    &mut report,
                );
                let best = self.best_path(
                    cert,
                    alternatives::Judged {
                        path: p,
                        check,
                        report,
                        strength: path_strength,
                    },
                    (at, expect.time_source),
                    intermediates,
                    meter,
                );
                report = best.report;
                revocation = Some(best.check);
                strength = Some(best.strength);
                Ok(best.path)
            }
            Err(f) => Err(f),
        };
        checks.push(match &path {
            Ok(p) => Check::passed(
                CheckName::Chain,
                concat(&[
                    "verified path to trust anchor \"",
                    p.anchor().subject().text(),
                    "\"",
                ]),
            ),
            Err(f) if f.proven_invalid => Check::new(
                CheckName::Chain,
                Outcome::Failed,
                ReasonKind::Invalid,
                f.reason.clone(),
            ),
            Err(f) => Check::new(
                CheckName::Chain,
                Outcome::Unknown,
                ReasonKind::NotProven,
                f.reason.clone(),
            )
            .exhausted_by(f.exhausted),
        });

        checks.push(revocation.unwrap_or_else(|| {
            Check::new(
                CheckName::Revocation,
                Outcome::Unknown,
                ReasonKind::NotChecked,
                "not checked: no verified path to a trust anchor",
            )
        }));

        if let Some(c) = key_usage_check(cert, expect.purpose) {
            checks.push(c);
        }
        checks.push(strength.unwrap_or_else(|| {
            key_strength_check(std::slice::from_ref(cert), self.options.keys, &self.keys)
        }));
        checks.push(match cert.extension_problems() {
            [] => Check::passed(
                CheckName::CriticalExtensions,
                "no unsupported critical extension, no extension problem",
            ),
            exts => Check::new(
                CheckName::CriticalExtensions,
                Outcome::Failed,
                ReasonKind::NotPermitted,
                format!("extension problem(s): {}", exts.join("; ")),
            ),
        });
        checks.extend(identity_checks(cert, expect));

        let mut verdict = Verdict::new(cert, at, checks);
        if let Ok(p) = &path {
            verdict.path = p
                .certificates()
                .iter()
                .map(|c| c.subject().text().to_owned())
                .collect();
            verdict.path_certificates = p.certificates().to_vec();
        }
        verdict.revocation = report.statuses;
        verdict.crls = report.crls;
        verdict
    }
}

fn validity_check(cert: &Certificate, at: DateTime<Utc>) -> Check {
    let mut period = String::with_capacity(56);
    crate::time::push_rfc3339(&mut period, cert.not_before());
    period.push_str(" .. ");
    crate::time::push_rfc3339(&mut period, cert.not_after());
    if at < cert.not_before() {
        Check::new(
            CheckName::Validity,
            Outcome::Failed,
            ReasonKind::NotYetValid,
            format!("not yet valid at {} (valid {period})", at.to_rfc3339()),
        )
    } else if at > cert.not_after() {
        Check::new(
            CheckName::Validity,
            Outcome::Failed,
            ReasonKind::Expired,
            format!("expired at {} (valid {period})", at.to_rfc3339()),
        )
    } else {
        Check::passed(CheckName::Validity, concat(&["valid ", &period]))
    }
}

/// The strength of every key of the path (the signer's own, each CA's and the trust
/// anchor's: each signs what the next relies on), and before it that each is a key of its
/// algorithm at all ([`KeyStrength::Unusable`]: a certificate of a key that can verify
/// nothing is not valid, whatever its size).
fn key_strength_check(
    certs: &[Certificate],
    policy: KeyPolicy,
    keys: &crate::key_cache::KeyCache,
) -> Check {
    use std::fmt::Write as _;
    let mut unusable = Vec::new();
    let mut failed = Vec::new();
    let mut unknown = Vec::new();
    let mut weak = Vec::new();
    // Who a finding is about: named only when there is one (a passing path names none).
    let who = |i: usize, c: &Certificate| {
        if i == 0 {
            "the certificate".to_string()
        } else {
            format!("CA \"{}\"", c.subject())
        }
    };
    for (i, c) in certs.iter().enumerate() {
        match keys.judge(c.public_key(), || c.key_id(), policy) {
            KeyStrength::Adequate => {}
            KeyStrength::Weak(r) => weak.push(format!("{}: {r}", who(i, c))),
            KeyStrength::TooWeak(r) => failed.push(format!("{}: {r}", who(i, c))),
            KeyStrength::Unknown(r) => unknown.push(format!("{}: {r}", who(i, c))),
            KeyStrength::Unusable(r) => unusable.push(format!("{}: {r}", who(i, c))),
        }
    }
    if !unusable.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Failed,
            ReasonKind::Malformed,
            unusable.join("; "),
        )
    } else if !failed.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Failed,
            ReasonKind::TooWeak,
            failed.join("; "),
        )
    } else if !unknown.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            unknown.join("; "),
        )
    } else if !weak.is_empty() {
        Check::new(
            CheckName::KeyStrength,
            Outcome::Passed,
            ReasonKind::Weak,
            format!("WEAK: {}", weak.join("; ")),
        )
    } else {
        let mut text = String::with_capacity(40 + 12 * certs.len());
        let _ = write!(text, "{} key(s) of adequate strength: ", certs.len());
        for (i, c) in certs.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            let _ = write!(text, "{}", c.public_key().algorithm());
        }
        Check::passed(CheckName::KeyStrength, text)
    }
}

fn key_usage_check(cert: &Certificate, purpose: Purpose) -> Option<Check> {
    let p = cert.key_purposes();
    let (ok, what) = match purpose {
        Purpose::Any => return None,
        Purpose::Sign => (p.signing, "signing (digitalSignature + nonRepudiation)"),
        Purpose::Auth => (
            p.authentication,
            "authentication (digitalSignature + keyEncipherment, clientAuth)",
        ),
    };
    Some(if ok {
        Check::passed(CheckName::KeyUsage, concat(&["key usable for ", what]))
    } else {
        let ku = cert
            .key_usage()
            .map(|k| k.names().join("+"))
            .unwrap_or_else(|| "absent".into());
        let eku = cert
            .extended_key_usage()
            .map(|e| e.join(","))
            .unwrap_or_else(|| "absent".into());
        Check::new(
            CheckName::KeyUsage,
            Outcome::Failed,
            ReasonKind::NotPermitted,
            format!("key not usable for {what}: keyUsage {ku}, extKeyUsage {eku}"),
        )
    })
}

/// The match between the IIN/BIN a request names and a certificate's subject, one check
/// each: the one identity match of the crate (the certificate condition and the regulation
/// profiles both call it). `subject` is `None` when the certificate is not available: the
/// match is then unknown, never passed.
pub(crate) fn identity_match(
    iin: Option<Iin>,
    bin: Option<Bin>,
    subject: Option<&crate::certificate::Subject>,
) -> Vec<Check> {
    /// What the certificate gives of one identity: its one value (or none), and the
    /// different values of a name that gives more than one.
    struct Given<'a, T> {
        one: Option<T>,
        ambiguous: &'a [T],
    }
    fn one<T: PartialEq + std::fmt::Display + Copy>(
        name: CheckName,
        label: &str,
        want: T,
        subject: Option<Given<'_, T>>,
    ) -> Check {
        match subject {
            None => Check::new(
                name,
                Outcome::Unknown,
                ReasonKind::NotAvailable,
                format!("request {label} {want}: not matched, the signer's certificate is not available"),
            ),
            // Checked before the one value: a name that gives two proves neither, even
            // when one of them is the one asked for.
            Some(Given { ambiguous, .. }) if !ambiguous.is_empty() => {
                let values: Vec<String> = ambiguous.iter().map(T::to_string).collect();
                Check::new(
                    name,
                    Outcome::Failed,
                    ReasonKind::Mismatch,
                    format!(
                        "request {label} {want}: the certificate gives more than one {label} ({}), and proves none",
                        values.join(", ")
                    ),
                )
            }
            Some(Given { one: Some(have), .. }) if have == want => {
                Check::passed(name, format!("{label} {have}"))
            }
            Some(Given { one: Some(have), .. }) => Check::new(
                name,
                Outcome::Failed,
                ReasonKind::Mismatch,
                format!("request {label} {want}, certificate {label} {have}"),
            ),
            Some(Given { one: None, .. }) => Check::new(
                name,
                Outcome::Failed,
                ReasonKind::Missing,
                format!("request {label} {want}, the certificate has no {label}"),
            ),
        }
    }
    let mut checks = Vec::new();
    if let Some(want) = iin {
        checks.push(one(
            CheckName::IinMatch,
            "IIN",
            want,
            subject.map(|s| Given {
                one: s.iin,
                ambiguous: &s.ambiguous_iins,
            }),
        ));
    }
    if let Some(want) = bin {
        checks.push(one(
            CheckName::BinMatch,
            "BIN",
            want,
            subject.map(|s| Given {
                one: s.bin,
                ambiguous: &s.ambiguous_bins,
            }),
        ));
    }
    checks
}

fn identity_checks(cert: &Certificate, expect: &Expectation) -> Vec<Check> {
    // Nothing asked of the subject: its facts are not read (see `Certificate::facts`).
    if expect.iin.is_none() && expect.bin.is_none() && expect.checksum != ChecksumPolicy::Strict {
        return Vec::new();
    }
    let facts = cert.facts();
    let mut checks = identity_match(expect.iin, expect.bin, Some(facts));
    if expect.checksum == ChecksumPolicy::Strict {
        let mut bad = Vec::new();
        let mut seen = Vec::new();
        // Every identifier the certificate gives (the two of an ambiguous name too: the
        // identity match fails on them, and the check digits are still theirs to hold).
        let iin = |i: &Iin| (i.to_string(), i.checksum_valid());
        let bin = |b: &Bin| (b.to_string(), b.checksum_valid());
        let pairs = facts
            .iin
            .iter()
            .chain(&facts.ambiguous_iins)
            .map(|i| ("certificate IIN", iin(i)))
            .chain(
                facts
                    .bin
                    .iter()
                    .chain(&facts.ambiguous_bins)
                    .map(|b| ("certificate BIN", bin(b))),
            )
            .chain(expect.iin.iter().map(|i| ("request IIN", iin(i))))
            .chain(expect.bin.iter().map(|b| ("request BIN", bin(b))));
        for (label, (digits, ok)) in pairs {
            seen.push(format!("{label} {digits}"));
            if !ok {
                bad.push(format!("{label} {digits} fails the check digit"));
            }
        }
        checks.push(if !bad.is_empty() {
            Check::new(CheckName::Checksum, Outcome::Failed, ReasonKind::Invalid, bad.join("; "))
        } else if seen.is_empty() {
            Check::new(CheckName::Checksum, Outcome::Unknown, ReasonKind::NotAvailable, "strict checksum required, but neither the certificate nor the request carries an IIN or BIN")
        } else {
            Check::passed(CheckName::Checksum, format!("check digits hold: {}", seen.join(", ")))
        });
    }
    checks
}

// A Verifier is shared between threads (see its documentation): keep it so.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Verifier>();
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder holding `files` (name, bytes).
    fn folder(name: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("qoltanba-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        for (f, bytes) in files {
            std::fs::write(d.join(f), bytes).unwrap();
        }
        d
    }

    #[test]
    fn a_folder_holding_nothing_is_refused() {
        // issue 9, item 10: an empty folder of anchors, intermediates, CRLs or OCSP
        // responses names the folder and what it should have held.
        let empty = folder("empty-inputs", &[]);
        let path = empty.display().to_string();
        let nothing = |what: &'static str| crate::Error::NothingFound {
            what,
            path: path.clone(),
        };
        let err = |b: Result<VerifierBuilder>| b.err();
        assert_eq!(
            err(Verifier::builder().trust_path(&empty)),
            Some(nothing("certificate"))
        );
        assert_eq!(
            err(Verifier::builder().intermediate_path(&empty)),
            Some(nothing("certificate"))
        );
        assert_eq!(
            err(Verifier::builder().crl_path(&empty)),
            Some(nothing("CRL"))
        );
        assert_eq!(
            err(Verifier::builder().ocsp_path(&empty)),
            Some(nothing("OCSP response"))
        );
        assert_eq!(
            crate::input::input_files(&empty, "certificate").err(),
            Some(nothing("certificate"))
        );
        assert_eq!(
            nothing("CRL").to_string(),
            format!("no CRL found in {path}")
        );
        // A folder with a certificate is read as before.
        let root = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki/root.cer"),
        )
        .unwrap();
        let one = folder("one-anchor", &[("root.cer", &root)]);
        assert!(Verifier::builder().trust_path(&one).is_ok());
        assert_eq!(
            crate::input::input_files(&one, "certificate")
                .unwrap()
                .len(),
            1
        );
        let _ = std::fs::remove_dir_all(&empty);
        let _ = std::fs::remove_dir_all(&one);
    }
}
