//! CMS SignedData (RFC 5652): the container NCA keys produce most (NCALayer / Kalkan
//! `createCMSSignatureFromBase64`).
//!
//! * **Read**: [`SignedData::from_input`] takes DER, BER (indefinite lengths, constructed
//!   OCTET STRINGs: Kalkan's output), PEM (`CMS`, `PKCS7`) or bare base64 text. Every length,
//!   count and nesting level is bounded; malformed input is an [`crate::Error`].
//! * **Verify**: [`SignedData::verify`] / [`SignedData::verify_detached`] check every
//!   SignerInfo (signed attributes contentType and messageDigest, signingTime,
//!   signingCertificateV2, the signature, the signer's certificate found by
//!   issuerAndSerialNumber or subjectKeyIdentifier) and run the full certificate
//!   condition ([`crate::Verifier::check_certificate_with`]) on its certificate at the
//!   time the [`TimePolicy`] picks. Its signature time-stamp tokens (CAdES-T) are
//!   verified too ([`crate::tsp`]): a failed one makes the signer invalid, and
//!   [`TimePolicy::TimeStamp`] judges the signer at the genTime a valid one proves.
//!   Each signer gets a [`SignerVerdict`]; a
//!   [`SignerPolicy`] combines them into a [`CmsVerdict`]. The content comes out as
//!   [`VerifiedContent`] only from a valid verdict.
//! * **Sign**: [`sign`] produces attached or detached DER SignedData through the
//!   [`Signer`] trait (the key never enters this module); [`SignedData::add_signer`]
//!   adds a parallel signer, [`SignedData::add_timestamp_token`] a TSA's token.
//!
//! ```no_run
//! # fn main() -> qoltanba::Result<()> {
//! use qoltanba::cms::{SignedData, VerifyOptions};
//! use qoltanba::Verifier;
//! let verifier = Verifier::builder()
//!     .trust_path("test-vectors/pki/root.cer".as_ref())?
//!     .crl_path("test-vectors/pki/nca_rsa_current.crl".as_ref())?
//!     .build();
//! let cms = SignedData::from_input(&std::fs::read("signed.cms").unwrap())?;
//! let verdict = cms.verify(&verifier, &VerifyOptions::at(chrono::Utc::now()));
//! match verdict.verified_content() {
//!     Some(content) => println!("{} verified bytes", content.as_bytes().len()),
//!     None => println!("{}", verdict.refusal.as_ref().map(|r| r.ru.as_str()).unwrap_or("")),
//! }
//! # Ok(()) }
//! ```

pub(crate) mod algorithms;
mod attribute_checks;
mod options;
mod parse;
mod sign;
mod signer;
mod timestamps;
mod verdict;
mod verify;

// The crate's BER reader and DER writer, `super::ber` in the submodules.
use crate::ber;

pub use options::{SignerPolicy, TimePolicy, VerifyOptions};
pub use parse::{
    AlgorithmId, Attribute, SignedAttributes, SignedData, SignerIdentifier, SignerInfo,
};
pub use sign::{sign, SignRequest, Signer};
pub use verdict::{CmsVerdict, SignerVerdict, TimeBasis, VerifiedContent};

/// Bounds on what is read.
pub mod limits {
    /// Largest CMS input (the attached content included), in bytes.
    pub const MAX_CMS_INPUT_LEN: usize = 256 * 1024 * 1024;
    /// Most certificates in one SignedData.
    pub const MAX_CERTIFICATES: usize = 1000;
    /// Most revocation entries (CRLs, OCSP responses) in one SignedData.
    pub const MAX_CRLS: usize = 1000;
    /// Most SignerInfos in one SignedData.
    pub const MAX_SIGNERS: usize = 256;
    /// Most digest algorithms in one SignedData.
    pub const MAX_DIGEST_ALGORITHMS: usize = 64;
    /// Most attributes in one signed or unsigned attribute set.
    pub const MAX_ATTRIBUTES: usize = 256;
    /// Most values of one attribute.
    pub const MAX_ATTRIBUTE_VALUES: usize = 64;
}
