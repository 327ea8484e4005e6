//! The work a [`Verifier`](crate::Verifier) may spend, owned by its caller.
//!
//! Parsing is bounded by fixed caps (the `limits` modules of `cms`, `xmldsig`, `tsp`,
//! `revocation::ocsp_limits`, `barcode`, `document`): how long a file, how many
//! certificates, attributes, nodes. What a document makes the verifier *do* with what it
//! carries is bounded here, per verifier, because a service knows its documents: path
//! length, the search of one path, and the work of one signed document across all its
//! signers, their paths and their CRL signers (a document chooses how many of each it
//! carries, so the steps multiply). Work refused by a limit is never a verdict of its own:
//! the checks it cut short are unknown, name the limit ([`Check::exhausted`], typed as
//! [`Exhausted`]), and the verdict is indeterminate, never valid and never invalid for lack
//! of work. The verifier's caches save time, never budget: a signature check they answer
//! is charged to a path build and to a document as the verification it saves (a
//! document's, once however often it asks), so one input gets one verdict however warm
//! the verifier is.
//!
//! ```
//! use qoltanba::{Limits, Verifier};
//!
//! let mut limits = Limits::default();
//! limits.document_signatures = 50; // NCALayer requests: 1-3 signers, ~4 checks each
//! let verifier = Verifier::builder().limits(limits).build();
//! assert_eq!(verifier.options().limits.document_signatures, 50);
//! ```
//!
//! [`Check::exhausted`]: crate::Check::exhausted

use serde::Serialize;

use crate::cms::limits as cms;

/// Caps on the work of path building and of one signed document. `Limits::default()` is
/// hundreds of times what an honest NCA document needs; lower them for a public service,
/// raise them only for a known archive. Fields are public to set; new ones may be added
/// (`#[non_exhaustive]`: start from `Limits::default()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Limits {
    /// Most certificates in a path, end entity and anchor included (NCA paths have 2-3).
    pub max_path_len: usize,
    /// Signature checks one path build may make (a result the verifier's cache holds
    /// counts too, so that what a build reaches does not depend on earlier documents).
    pub path_signatures: usize,
    /// Issuer candidates one path build may try (recursive build steps).
    pub path_build_calls: usize,
    /// Signature verifications one signed document (CMS) may cause: its signers against
    /// candidate certificates, their paths, their CRL signers. A signed XML document's
    /// signatures share one such budget: each tried against its KeyInfo certificates,
    /// then each signer's certificate condition. A check the verifier's cache answers
    /// (a certificate or CRL signature verified for an earlier document) is charged as a
    /// verification, with the bytes it would hash again, the first time the document asks
    /// it; asked again within the document it is free. So a document decides alike on a
    /// fresh verifier and on one that served others: its verdict never depends on the
    /// verifier's history.
    pub document_signatures: usize,
    /// Path-building steps one document may cause (issuer and CRL-signer candidates).
    pub document_path_steps: usize,
    /// Bytes of signed data one document may have hashed again for further candidate keys
    /// (a certificate's signed part verified with a further issuer candidate among them);
    /// for a signed XML document, the bytes its References canonicalise and digest in all
    /// (every signature, every Reference, every candidate node-set), and, counted apart
    /// against the same bound, its SignedInfos and certificates hashed again for further
    /// candidate keys.
    pub document_rehashed_bytes: usize,
    /// Signature verifications one time-stamp token may cost (a document may carry dozens),
    /// a cached check charged as for [`Limits::document_signatures`].
    pub token_signatures: usize,
    /// Path-building steps one time-stamp token may cost.
    pub token_path_steps: usize,
    /// Bytes one time-stamp token may hash again.
    pub token_rehashed_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_path_len: crate::chain::DEFAULT_MAX_PATH_LEN,
            path_signatures: 100,
            path_build_calls: 200,
            document_signatures: cms::MAX_SIGNATURE_VERIFICATIONS,
            document_path_steps: cms::MAX_PATH_STEPS,
            document_rehashed_bytes: cms::MAX_REHASHED_BYTES,
            token_signatures: cms::MAX_TOKEN_SIGNATURE_VERIFICATIONS,
            token_path_steps: cms::MAX_TOKEN_PATH_STEPS,
            token_rehashed_bytes: cms::MAX_TOKEN_REHASHED_BYTES,
        }
    }
}

/// Which limit refused work, when one did: the typed form of "work budget exhausted".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Exhausted {
    /// One path build's signature verifications or candidates
    /// ([`Limits::path_signatures`], [`Limits::path_build_calls`]).
    PathBuild,
    /// The document's signature verifications ([`Limits::document_signatures`] or, in a
    /// time-stamp token, [`Limits::token_signatures`]).
    DocumentSignatures,
    /// The document's path-building steps ([`Limits::document_path_steps`],
    /// [`Limits::token_path_steps`]).
    DocumentPathSteps,
    /// The document's re-hashed bytes ([`Limits::document_rehashed_bytes`],
    /// [`Limits::token_rehashed_bytes`]).
    DocumentRehashedBytes,
}

impl Exhausted {
    /// A stable name: `path_build`, `document_signatures`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Exhausted::PathBuild => "path_build",
            Exhausted::DocumentSignatures => "document_signatures",
            Exhausted::DocumentPathSteps => "document_path_steps",
            Exhausted::DocumentRehashedBytes => "document_rehashed_bytes",
        }
    }
}

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
