//! Trust anchors, untrusted intermediates, and the path builder.
//!
//! The builder's only successful output is a [`VerifiedPath`]: a chain from the end-entity
//! certificate to a trust anchor in which every link's signature verified and every CA
//! satisfied its constraints at the time judged. It cannot be constructed any other way.
//!
//! Every candidate issuer whose subject name matches is tried (so a forged CA carrying the
//! real CA's name costs one failed signature check and is then passed over), depth-first,
//! under a [`Budget`] that caps signature checks and build calls, so a hostile pile of
//! certificates cannot burn CPU.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::certificate::{Certificate, KeyUsage};
use crate::error::{Error, Result};
use crate::limits::Exhausted;
use crate::name::{NameKey, NameKeyMap};
use crate::signature::SignatureCheck;
use crate::work::WorkMeter;

mod above;
mod cache;

pub(crate) use cache::SignatureCache;

/// Most certificates in a path, end-entity and anchor included.
pub(crate) const DEFAULT_MAX_PATH_LEN: usize = 10;

/// The length bound of a build for evidence ([`PathOptions::evidence`]): beyond what the
/// default budget of a build (100 signatures) can follow, so that the budget, not a
/// length, ends a long chain (review 79: an attacker's own chain of genuine signatures,
/// nine certificates above the anchor reaching no trust anchor, was "not followed" for
/// its length and made a valid certificate undecided); a bound still, for the recursion.
const EVIDENCE_MAX_PATH_LEN: usize = 128;
/// Most certificates one set may hold.
pub(crate) const MAX_CERTS_PER_SET: usize = 1_000_000;

/// A set of certificates indexed by subject name.
#[derive(Clone, Default)]
pub struct CertSet {
    certs: Vec<Certificate>,
    by_subject: NameKeyMap<Vec<usize>>,
    /// The same, by the identity of the key's value ([`Certificate::holder_id`]): a
    /// revocation for a compromise says a key is lost, so every certificate carrying it
    /// must be found, whatever the name it is certified under (a renaming, a
    /// cross-certificate) and however it wraps the key.
    by_key: HashMap<[u8; 32], Vec<usize>>,
}

impl CertSet {
    /// An empty set.
    pub fn new() -> CertSet {
        CertSet::default()
    }

    /// Add a certificate (duplicates, by DER, are ignored).
    pub fn add(&mut self, cert: Certificate) -> Result<()> {
        if self.certs.len() >= MAX_CERTS_PER_SET {
            return Err(Error::TooMany {
                what: "certificates in a set",
                limit: MAX_CERTS_PER_SET,
            });
        }
        let slot = self
            .by_subject
            .entry(cert.subject().key().clone())
            .or_default();
        // The fingerprints first: certificates sharing a subject (a pile of same-name CAs a
        // document carries) are told apart without comparing their encodings.
        if slot.iter().any(|&i| {
            self.certs[i].fingerprint_sha256() == cert.fingerprint_sha256() && self.certs[i] == cert
        }) {
            return Ok(());
        }
        slot.push(self.certs.len());
        self.by_key
            .entry(cert.holder_id())
            .or_default()
            .push(self.certs.len());
        self.certs.push(cert);
        Ok(())
    }

    /// Add every certificate of a file (DER, PEM bundle or base64), or of every regular file
    /// of a folder (not recursive; files that do not hold certificates are an error naming
    /// the file). Returns how many were read: 0 for a folder holding no file (the
    /// [`crate::VerifierBuilder`] refuses that).
    pub fn add_path(&mut self, path: &Path) -> Result<usize> {
        let mut n = 0;
        for file in crate::input::files_of(path)? {
            let bytes = crate::input::read_file(&file, crate::input::MAX_CERT_INPUT_LEN)?;
            let certs = Certificate::all_from_input(&bytes).map_err(|e| Error::Io {
                path: file.display().to_string(),
                reason: e.to_string(),
            })?;
            for c in certs {
                self.add(c)?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Certificates whose subject matches `name`.
    pub fn by_subject<'a>(&'a self, name: &NameKey) -> impl Iterator<Item = &'a Certificate> + 'a {
        self.by_subject
            .get(name)
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.certs.get(i))
    }

    /// Certificates carrying the key whose value's identity this is
    /// ([`Certificate::holder_id`]), whatever their subject and however their SPKI wraps
    /// it.
    pub(crate) fn by_key<'a>(
        &'a self,
        holder_id: &[u8; 32],
    ) -> impl Iterator<Item = &'a Certificate> + 'a {
        self.by_key
            .get(holder_id)
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.certs.get(i))
    }

    /// Does the set hold this exact certificate?
    pub fn contains(&self, cert: &Certificate) -> bool {
        self.by_subject(cert.subject().key()).any(|c| c == cert)
    }

    /// All certificates, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Certificate> {
        self.certs.iter()
    }

    /// Number of certificates.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// Is the set empty?
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }
}

/// Caps on the work one path build may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Budget {
    /// Signature checks (a cached result counts too).
    pub signatures: usize,
    /// Recursive build steps (each candidate issuer tried is one).
    pub build_calls: usize,
}

impl Default for Budget {
    /// 100 signature checks and 200 build calls: far beyond any honest NCA chain (2-3
    /// links), small enough that a hostile certificate pile stays cheap.
    fn default() -> Budget {
        Budget {
            signatures: 100,
            build_calls: 200,
        }
    }
}

/// A chain proven from an end-entity certificate to a trust anchor. Only the path builder
/// makes one.
#[derive(Clone, Debug)]
pub struct VerifiedPath {
    /// End-entity first, trust anchor last.
    certs: Vec<Certificate>,
}

impl VerifiedPath {
    /// End-entity first, trust anchor last.
    pub fn certificates(&self) -> &[Certificate] {
        &self.certs
    }
    /// The end-entity certificate.
    pub fn end_entity(&self) -> &Certificate {
        &self.certs[0]
    }
    /// The trust anchor.
    pub fn anchor(&self) -> &Certificate {
        &self.certs[self.certs.len() - 1]
    }
    /// The issuer of `certs[i]` within the path (`None` for the anchor).
    pub fn issuer_of(&self, i: usize) -> Option<&Certificate> {
        self.certs.get(i + 1)
    }
    /// Whether the last certificate is met earlier too: a chain above a trust anchor
    /// that closed a cycle of cross-certificates ([`PathBuilder::build_above_anchor`]).
    pub(crate) fn ends_in_a_cycle(&self) -> bool {
        self.certs
            .split_last()
            .is_some_and(|(last, before)| before.contains(last))
    }
}

/// Why a build for evidence ([`PathOptions::evidence`]) was cut short by its length.
fn too_long(max_path_len: usize) -> String {
    format!("a path longer than {max_path_len} certificates (max_path_len) was not followed")
}

/// What [`PathBuilder::build_beyond_anchor`] found beyond a trust anchor.
pub(crate) enum Beyond {
    /// The anchor is a root: nothing issued it but its own key.
    Root,
    /// No path from the anchor to another anchor: nothing trusted vouches for its issuer.
    NotFound,
    /// A path from the anchor (first) to another anchor (last).
    Found(VerifiedPath),
    /// The budget refused before a path was found or ruled out: why, and the limit (the
    /// document's, or the build's own: [`Exhausted::PathBuild`]).
    Exhausted(String, Exhausted),
}

/// Why no path could be proven.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathFailure {
    /// `true` when something was proven wrong (bad signature, expired CA, violated
    /// constraint); `false` when nothing could be proven either way (no issuer found,
    /// unsupported algorithm, budget exhausted).
    pub proven_invalid: bool,
    /// Human-readable reason.
    pub reason: String,
    /// The limit that cut the search short, when one did.
    pub exhausted: Option<Exhausted>,
}

/// Options of one path build.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PathOptions {
    /// The time at which every certificate must be valid.
    pub at: DateTime<Utc>,
    /// Most certificates in a path (end-entity and anchor included).
    pub max_path_len: usize,
    /// Work caps.
    pub budget: Budget,
    /// Validity periods are not checked (`at` is then unused): whether a hierarchy ever
    /// certified a key, asked of a CRL signer under another trust anchor proven for what
    /// its CRL lists only (review 62: a certification lapsed, or not yet begun at a claimed
    /// time, does not erase what that hierarchy may say against the key it certified).
    /// Signatures, names and CA constraints are checked as always.
    pub ignore_validity: bool,
    /// The path is built to learn who vouches for a certificate (the chain above a trust
    /// anchor, another certificate of a path key), not as the judged certificate's path,
    /// where "no path" would mean "nothing counts against it" (reviews 76 and 77: a
    /// smaller `max_path_len` hid a compromise proven above the anchor): its length
    /// bound is at least [`EVIDENCE_MAX_PATH_LEN`], and a build refused only for its
    /// length, by a candidate that is an issuer, is cut short, not "not found".
    pub evidence: bool,
}

impl PathOptions {
    /// Defaults at time `at`.
    pub(crate) fn at(at: DateTime<Utc>) -> PathOptions {
        PathOptions {
            at,
            max_path_len: DEFAULT_MAX_PATH_LEN,
            budget: Budget::default(),
            ignore_validity: false,
            evidence: false,
        }
    }
}

/// Builds paths from a certificate to one of `anchors`, through `intermediates`.
pub(crate) struct PathBuilder<'a> {
    /// Trust anchors (roots or intermediates the user trusts).
    pub anchors: &'a CertSet,
    /// Untrusted certificates offered for path building.
    pub intermediates: &'a CertSet,
    /// Shared signature cache.
    pub cache: &'a SignatureCache,
}

struct Search<'m> {
    options: PathOptions,
    budget: Budget,
    /// The document's work meter, when the build is part of a document's verification.
    meter: Option<&'m WorkMeter>,
    /// The meter (not this build's own budget) stopped the search.
    refused_by_meter: bool,
    /// A candidate that is an issuer was refused only because the path would be longer
    /// than `options.max_path_len`, in a build for evidence ([`PathOptions::evidence`]).
    too_long: bool,
    /// The deepest attempt that was proven wrong: (depth reached, reason).
    invalid: Option<(usize, String)>,
    /// The deepest attempt that could not be decided: (depth reached, reason).
    indeterminate: Option<(usize, String)>,
}

impl<'m> Search<'m> {
    /// A search under `options`, its budget whole, charged to `meter` when given.
    fn new(mut options: PathOptions, meter: Option<&'m WorkMeter>) -> Self {
        if options.evidence {
            options.max_path_len = options.max_path_len.max(EVIDENCE_MAX_PATH_LEN);
        }
        Search {
            options,
            budget: options.budget,
            meter,
            refused_by_meter: false,
            too_long: false,
            invalid: None,
            indeterminate: None,
        }
    }
}

impl Search<'_> {
    fn fail(&mut self, depth: usize, proven_invalid: bool, reason: String) {
        let slot = if proven_invalid {
            &mut self.invalid
        } else {
            &mut self.indeterminate
        };
        if slot.as_ref().is_none_or(|(d, _)| depth > *d) {
            *slot = Some((depth, reason));
        }
    }

    /// The failure to report when no path was found. Any undecidable attempt makes the
    /// whole indeterminate (that candidate might have been the genuine issuer); its reason
    /// leads, and the deepest proven failure follows for context.
    fn failure(self) -> PathFailure {
        match (self.indeterminate, self.invalid) {
            (Some((_, why)), Some((_, wrong))) => PathFailure {
                proven_invalid: false,
                reason: format!("{why}; another candidate path failed: {wrong}"),
                exhausted: None,
            },
            (Some((_, why)), None) => PathFailure {
                proven_invalid: false,
                reason: why,
                exhausted: None,
            },
            (None, Some((_, wrong))) => PathFailure {
                proven_invalid: true,
                reason: wrong,
                exhausted: None,
            },
            (None, None) => PathFailure {
                proven_invalid: false,
                reason: "no issuer certificate found".into(),
                exhausted: None,
            },
        }
    }
}

enum Step {
    Found(Vec<Certificate>),
    NotFound,
    Exhausted,
}

impl PathBuilder<'_> {
    /// [`PathBuilder::build_metered`] without a meter.
    #[cfg(test)]
    pub(crate) fn build(
        &self,
        ee: &Certificate,
        options: PathOptions,
    ) -> std::result::Result<VerifiedPath, PathFailure> {
        self.build_metered(ee, options, None)
    }

    /// Build and verify a path for `ee` at `options.at`.
    ///
    /// Checked for every issuer in the path: the child's signature, validity at `at`, that
    /// it is a CA (basicConstraints cA; the anchor may also be a v1 certificate), keyCertSign
    /// when keyUsage is present, pathLenConstraint (self-issued certificates not counted),
    /// and no unprocessed critical extension. The end-entity's own validity, key usage and
    /// extensions are the caller's checks: they are reported separately in the verdict.
    ///
    /// Every step and signature check is also charged to a document's `meter`: when it
    /// refuses, the build stops, indeterminate ("work budget exhausted: ...").
    pub(crate) fn build_metered(
        &self,
        ee: &Certificate,
        options: PathOptions,
        meter: Option<&WorkMeter>,
    ) -> std::result::Result<VerifiedPath, PathFailure> {
        if self.anchors.contains(ee) {
            return Ok(VerifiedPath {
                certs: vec![ee.clone()],
            });
        }
        let mut search = Search::new(options, meter);
        let mut path = vec![ee.clone()];
        match self.extend(&mut path, &mut search) {
            Step::Found(certs) => Ok(VerifiedPath { certs }),
            Step::Exhausted => Err(PathFailure {
                proven_invalid: false,
                exhausted: Some(match meter.and_then(WorkMeter::exhausted_kind) {
                    Some(kind) if search.refused_by_meter => kind,
                    _ => Exhausted::PathBuild,
                }),
                reason: match meter.and_then(WorkMeter::exhausted) {
                    Some(why) if search.refused_by_meter => why,
                    _ => "path building budget exhausted".into(),
                },
            }),
            Step::NotFound if search.too_long => Err(PathFailure {
                proven_invalid: false,
                exhausted: Some(Exhausted::PathBuild),
                reason: too_long(search.options.max_path_len),
            }),
            Step::NotFound => Err(search.failure()),
        }
    }

    fn extend(&self, path: &mut Vec<Certificate>, search: &mut Search) -> Step {
        if search.budget.build_calls == 0 {
            return Step::Exhausted;
        }
        search.budget.build_calls -= 1;
        let depth = path.len();
        let Some(child) = path.last().cloned() else {
            return Step::NotFound;
        };
        let anchors = self
            .anchors
            .by_subject(child.issuer().key())
            .map(|c| (c, true));
        let inters = self
            .intermediates
            .by_subject(child.issuer().key())
            .map(|c| (c, false));
        let mut any = false;
        for (candidate, is_anchor) in anchors.chain(inters) {
            if search.meter.is_some_and(|m| !m.path_step()) {
                search.refused_by_meter = true;
                return Step::Exhausted;
            }
            any = true;
            if path.iter().any(|c| c == candidate) {
                continue; // a loop
            }
            if !is_anchor && self.anchors.contains(candidate) {
                continue; // tried as an anchor already
            }
            // Named only in a failure's reason.
            let role = || describe(candidate, is_anchor);
            if path.len() + 1 > search.options.max_path_len
                || (!is_anchor && path.len() + 2 > search.options.max_path_len)
            {
                // Only a candidate that is an issuer (its checks and the child's signature
                // pass) makes a path refused for its length (review 77: an untrusted root
                // or junk of its name above the anchor made an honest chain undecided).
                if search.options.evidence && !search.too_long {
                    let at = (!search.options.ignore_validity).then_some(search.options.at);
                    if check_issuer(candidate, is_anchor, path, at).is_ok() {
                        match self
                            .cache
                            .check(&child, candidate, &mut search.budget, search.meter)
                        {
                            None => {
                                search.refused_by_meter = search.budget.signatures > 0;
                                return Step::Exhausted;
                            }
                            Some(SignatureCheck::Valid) => search.too_long = true,
                            Some(_) => {}
                        }
                    }
                }
                search.fail(
                    depth,
                    true,
                    format!(
                        "path longer than {} certificates",
                        search.options.max_path_len
                    ),
                );
                continue;
            }
            let at = (!search.options.ignore_validity).then_some(search.options.at);
            if let Err(reason) = check_issuer(candidate, is_anchor, path, at) {
                search.fail(depth, true, format!("{}: {reason}", role()));
                continue;
            }
            match self
                .cache
                .check(&child, candidate, &mut search.budget, search.meter)
            {
                None => {
                    // `check` refuses on this build's budget first, then on the meter.
                    search.refused_by_meter = search.budget.signatures > 0;
                    return Step::Exhausted;
                }
                Some(SignatureCheck::Valid) => {}
                Some(SignatureCheck::Invalid) => {
                    search.fail(
                        depth,
                        true,
                        format!(
                            "signature of \"{}\" does not verify with the key of {}",
                            child.subject(),
                            role()
                        ),
                    );
                    continue;
                }
                Some(SignatureCheck::Unsupported(why)) => {
                    search.fail(
                        depth,
                        false,
                        format!(
                            "unsupported algorithm: {why} (certificate \"{}\")",
                            child.subject()
                        ),
                    );
                    continue;
                }
            }
            path.push(candidate.clone());
            if is_anchor {
                return Step::Found(path.clone());
            }
            match self.extend(path, search) {
                Step::Found(p) => return Step::Found(p),
                Step::Exhausted => return Step::Exhausted,
                Step::NotFound => {
                    path.pop();
                }
            }
        }
        if !any {
            search.fail(
                depth,
                false,
                format!("no issuer certificate found for \"{}\"", child.issuer()),
            );
        }
        Step::NotFound
    }
}

fn describe(c: &Certificate, is_anchor: bool) -> String {
    format!(
        "{} \"{}\"",
        if is_anchor {
            "trust anchor"
        } else {
            "CA certificate"
        },
        c.subject()
    )
}

/// Constraints an issuer must satisfy to issue the top of `path`: valid at `at` when
/// given ([`PathOptions::ignore_validity`]).
fn check_issuer(
    ca: &Certificate,
    is_anchor: bool,
    path: &[Certificate],
    at: Option<DateTime<Utc>>,
) -> std::result::Result<(), String> {
    if let Some(at) = at {
        if at < ca.not_before() {
            return Err(format!("not valid before {}", ca.not_before().to_rfc3339()));
        }
        if at > ca.not_after() {
            return Err(format!("expired {}", ca.not_after().to_rfc3339()));
        }
    }
    match ca.basic_constraints() {
        Some(bc) if bc.ca => {
            if let Some(max) = bc.path_len {
                // Non-self-issued intermediates below this CA, end-entity excluded.
                let below = path.iter().skip(1).filter(|c| !c.is_self_issued()).count();
                if below > max as usize {
                    return Err(format!(
                        "pathLenConstraint {max} exceeded ({below} CA certificates below it)"
                    ));
                }
            }
        }
        None if is_anchor && ca.version() < 3 => {}
        _ => return Err("not a CA certificate (basicConstraints cA is not TRUE)".into()),
    }
    if let Some(ku) = ca.key_usage() {
        if !ku.has(KeyUsage::KEY_CERT_SIGN) {
            return Err("keyUsage lacks keyCertSign".into());
        }
    }
    if let Some(problem) = ca.extension_problems().first() {
        return Err(format!("extension problem: {problem}"));
    }
    if ca.subject().is_empty() {
        // RFC 5280 §4.1.2.6: a CA's subject is never empty; empty names would chain to anything empty.
        return Err("CA certificate with an empty subject".into());
    }
    Ok(())
}

#[cfg(test)]
mod budget_tests;
