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
//! ([`keys`], [`gost`] for the NCA's GOST keys), laid out as a PDF (`document`, feature
//! `pdf`) whose QR codes carry the signed document (`barcode`, feature `barcode`) for
//! anyone holding the printout to verify.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "barcode")]
pub mod barcode;
mod ber;
pub mod certificate;
pub mod chain;
pub mod cms;
pub mod condition;
mod der;
#[cfg(feature = "pdf")]
pub mod document;
pub mod error;
pub mod gost;
pub mod identity;
pub mod input;
pub mod keys;
pub mod name;
#[cfg(feature = "profiles")]
pub mod profiles;
pub mod revocation;
pub mod signature;
pub mod tsp;
pub mod verdict;
mod work;
pub mod xmldsig;

pub use certificate::Certificate;
pub use condition::{Expectation, Purpose, RevocationScope, TimeSource, Verifier, VerifierBuilder};
pub use error::{Error, Result};
pub use verdict::{Check, CheckName, Judged, Outcome, Overall, Refusal, Verdict, Verified};
