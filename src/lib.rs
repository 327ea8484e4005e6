#![doc = include_str!("../README.md")]
//!
//! # The API on one page
//!
//! - Trust, policy and time: [`Verifier`] (built once by [`VerifierBuilder`], shared by
//!   every thread), [`Expectation`] (what a request expects of its signer, at a time the
//!   caller gives), [`VerifierOptions`], [`Limits`].
//! - What is judged: [`Certificate`], [`SignedData`] (CMS), XML documents
//!   ([`xmldsig::verify`]), [`TimeStampToken`], [`Crl`] and [`OcspResponse`] (revocation
//!   evidence), barcode codes (`barcode`, feature `barcode`), requests under a regulation's
//!   [`profiles`](crate#features) (`Profile`, feature `profiles`).
//! - What comes back: a verdict ([`Verdict`], [`cms::CmsVerdict`], [`XmlVerdict`],
//!   [`tsp::TimeStampVerdict`]) read through the sealed [`Judged`] trait: an [`Overall`], its
//!   [`Check`]s with their [`Outcome`]s, a [`Refusal`] in Kazakh, Russian and English; and
//!   content only as [`Verified<T>`]. Input that cannot be read is an [`Error`].
//! - What is made: signatures ([`cms::sign`], [`SigningKey`] from PKCS#8 or PKCS#12 files),
//!   output documents (`OutputDocument`, feature `pdf`).
//! - Identity: [`Iin`], [`Bin`], [`ChecksumPolicy`], the certificate's [`Subject`].
//!
//! - Revocation that keeps itself current (feature `fetch`): `fetch::CrlFetcher` (CRLs
//!   fetched, checked, cached on disk and refreshed), `fetch::OcspClient`,
//!   `fetch::TsaClient`.
//!
//! Raw primitives (GOST verification and signing, signature verification by key) are in
//! `hazmat` (feature `hazmat`): code that uses them skips every check the regulations
//! require.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(unreachable_pub)]

// The crate's API is this page: the nouns below, and the modules that are namespaces of a
// domain (`cms`, `xmldsig`, `tsp`, `keys`, `identity`, `revocation`, `input`, and the
// optional `profiles`, `barcode`, `document`, `hazmat`). Everything else is private.

mod ber;
mod certificate;
mod chain;
mod condition;
mod der;
mod error;
mod gost;
mod key_cache;
mod limits;
mod name;
mod oid;
mod signature;
mod time;
mod verdict;
mod work;

pub mod cms;
pub mod identity;
pub mod input;
pub mod keys;
pub mod pades;
pub mod revocation;
pub mod tsp;
pub mod xmldsig;

#[cfg(feature = "barcode")]
pub mod barcode;
#[cfg(feature = "pdf")]
pub mod document;
#[cfg(feature = "fetch")]
pub mod fetch;
#[cfg(feature = "profiles")]
pub mod profiles;
#[cfg(feature = "server")]
pub mod server;

/// Cryptographic primitives for those who need them bare (feature `hazmat`): GOST
/// verification and signing with the NCA's and RFC 4491's conventions, signature
/// verification by algorithm and key. Nothing here judges a certificate, a time or a
/// document: that is [`Verifier`]'s job, and code that skips it skips every check the
/// regulations require. Nothing here takes a nonce or a random generator from the caller.
#[cfg(feature = "hazmat")]
pub mod hazmat {
    /// GOST R 34.10-2012 / GOST 34.310-2004 and the GOST hashes.
    pub mod gost {
        pub use crate::gost::{
            verify, verify_integers, verify_prehashed, GostAlgorithm, GostCurve, GostError,
            GostHash, GostPublicKey, GostSignError, GostSigningKey, SignatureFormat,
        };
    }
    pub use crate::signature::{
        digest, prehash_algorithm, verify, verify_prehashed, SignatureCheck,
    };
}

// Trust, policy and time.
pub use condition::{
    Expectation, Purpose, RevocationScope, TimeSource, Verifier, VerifierBuilder, VerifierOptions,
};
pub use gost::{GostAlgorithm, GostCurve, GostHash};
pub use signature::{
    HashAlgorithm, KeyAlgorithm, KeyPolicy, PublicKey, SignatureAlgorithm, SignatureCheck,
};
// Certificates.
pub use certificate::{Certificate, KeyPurposes, KeyUsage, NcaRole, Subject};
pub use name::{Name, NameKey};
// Verdicts.
pub use verdict::{
    Check, CheckName, Judged, Lang, Outcome, Overall, ReasonKind, Refusal, Verdict, Verified,
};
// Limits owned by the caller.
pub use limits::{Exhausted, Limits};
// Errors.
pub use error::{Error, Result};
// The documents a backend receives, by their main noun.
pub use cms::SignedData;
#[cfg(feature = "pdf")]
pub use document::OutputDocument;
pub use identity::{Bin, ChecksumPolicy, Iin};
pub use keys::SigningKey;
#[cfg(feature = "profiles")]
pub use profiles::Profile;
pub use revocation::{Crl, OcspResponse};
pub use tsp::TimeStampToken;
pub use xmldsig::XmlVerdict;
