//! # qoltanba: the EDS condition of Kazakh e-government service regulations
//!
//! Every regulation asks the same of an electronic digital signature (ЭЦҚ / ЭЦП): check the
//! signer's NCA RK registration certificate for its validity period, its absence from the
//! list of revoked certificates, and the match between the IIN/BIN of the request and the
//! IIN/BIN of the certificate. This crate does that on real NCA certificates and reports a
//! [`verdict::Verdict`]: valid, invalid, or indeterminate (what cannot be proven is never
//! reported as valid).
//!
//! Input the library cannot read is an [`Error`]; everything else is a verdict.
//!
//! Around that condition: revocation is proven from CRLs and OCSP responses
//! ([`revocation`]); signed requests come in as CMS ([`cms`]) or signed XML ([`xmldsig`])
//! and CMS requests are judged under a regulation's profile (`profiles`, feature
//! `profiles`, on by default); RFC 3161 time-stamps prove when a signature existed
//! ([`tsp`]); output documents (and refusals) go out signed with the provider's key
//! ([`keys`], GOST included: constant-time, with the NCA's encodings), laid out as a PDF (`document`, feature
//! `pdf`) whose QR codes carry the signed document (`barcode`, feature `barcode`) for
//! anyone holding the printout to verify.

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
pub mod revocation;
pub mod tsp;
pub mod xmldsig;

#[cfg(feature = "barcode")]
pub mod barcode;
#[cfg(feature = "pdf")]
pub mod document;
#[cfg(feature = "profiles")]
pub mod profiles;

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
pub use verdict::{Check, CheckName, Judged, Outcome, Overall, Refusal, Verdict, Verified};
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
