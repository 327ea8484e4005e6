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
//!   [`TimePolicy::TimeStamp`] judges the signer at the time a valid one proves the
//!   signature existed by (genTime + accuracy, at most the time checked). Its
//!   countersignatures (RFC 5652 §11.4) are verified as signers over its signature value
//!   (`countersignatures.rs` says how they count: one proven bad makes the signer
//!   invalid, one not proven indeterminate), reported in
//!   [`SignerVerdict::countersignatures`].
//!   Each signer gets a [`SignerVerdict`]; a
//!   [`SignerPolicy`] combines them into a [`CmsVerdict`]. The content comes out as
//!   [`VerifiedContent`] only from a valid verdict. The work one document causes (its
//!   signers times its certificates, path building over them) is bounded by a budget
//!   ([`limits`]) and reported ([`WorkReport`]); what the budget cuts short is unknown.
//! * **Sign**: [`sign`] produces attached or detached DER SignedData through the
//!   [`Signer`] trait (the key never enters this module); [`SignedData::add_signer`]
//!   adds a parallel signer, [`SignedData::add_timestamp_token`] a TSA's token.
//!
//! ```no_run
//! # fn main() -> qoltanba::Result<()> {
//! use qoltanba::cms::{SignedData, VerifyOptions};
//! use qoltanba::{Judged, Verifier};
//! let verifier = Verifier::builder()
//!     .trust_path("test-vectors/pki/root.cer")?
//!     .crl_path("test-vectors/pki/nca_rsa_current.crl")?
//!     .build();
//! let cms = SignedData::from_input(&std::fs::read("signed.cms").unwrap())?;
//! let verdict = cms.verify(&verifier, &VerifyOptions::at(chrono::Utc::now()));
//! match verdict.verified_content() {
//!     Some(content) => println!("{} verified bytes", content.as_bytes().len()),
//!     None => println!("{}", verdict.refusal().map(|r| r.ru()).unwrap_or("")),
//! }
//! # Ok(()) }
//! ```

pub(crate) mod algorithms;
mod attribute_checks;
mod countersignatures;
mod options;
mod parse;
mod sign;
pub(crate) use sign::refuse_foreign_key;
mod signer;
mod timestamps;
mod verdict;
mod verify;

// The crate's BER reader and DER writer, `super::ber` in the submodules.
use crate::ber;

pub(crate) use attribute_checks::{claimed_time_check, read_issuer_serial};
pub use options::{SignerPolicy, TimePolicy, VerifyOptions};
pub use parse::{
    AlgorithmId, Attribute, SignedAttributes, SignedData, SignerIdentifier, SignerInfo,
};
pub(crate) use sign::issuer_serial;
#[cfg(feature = "pdf-sign")]
pub(crate) use sign::sign_without_signing_time;
pub use sign::{sign, SignRequest, Signer};
pub(crate) use timestamps::{judge_tokens, predates_certificate, SignerTimeStamps, Tokens};
pub use verdict::{CmsVerdict, Content, SignerVerdict, TimeBasis, VerifiedContent, WorkReport};
pub(crate) use verify::CertDigests;

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

    // The work one document may cause, across all its signers (see
    // [`super::WorkReport`]). Each signer is identified among up to MAX_CERTIFICATES
    // certificates and then put through path building and revocation, which are offered
    // them too: bounded per step, a hostile document multiplies the steps by up to
    // MAX_SIGNERS. An NCALayer document has 1-3 signers and 1-5 certificates and costs
    // about three signature verifications and a few path steps per signer; every budget
    // below is hundreds of times that. What a spent budget cuts short is unknown, so such
    // a document is indeterminate, never valid.

    /// Most signature verifications one document may cause (signers' signatures against
    /// candidate certificates, certificate and CRL signatures in path building and
    /// revocation; results already known are free). About 3 per honest signer; 1,000
    /// RSA-8192 verifications (keys are bounded at 8,192 bits and exponent 65,537) stay
    /// well under a second, where 1,000 certificates x 256 signers took minutes.
    pub const MAX_SIGNATURE_VERIFICATIONS: usize = 1_000;
    /// Most path-building steps one document may cause: issuer candidates examined
    /// (each a cache lookup and constraint checks, its signature check charged above),
    /// CRL-signer candidates tried. An honest path of 2-3 links takes a step per link and
    /// per same-name CA generation; a step costs microseconds, so 10,000 bound the search
    /// a pile of same-name CA certificates invites to tens of milliseconds.
    pub const MAX_PATH_STEPS: usize = 10_000;
    /// Most bytes of signed data one document may have hashed again: a signed message
    /// verified with a second key (another candidate certificate, another signer over the
    /// same content without signed attributes) is hashed once more. Signed attributes
    /// are a few hundred bytes; 512 MiB lets three signers without signed attributes share
    /// the largest attached content, and stops a large signed-attribute set from being
    /// hashed once per candidate key.
    pub const MAX_REHASHED_BYTES: usize = 512 * 1024 * 1024;
    /// Signature verifications one time-stamp token may cost (its TSA's signature, the
    /// TSA's path and CRL signers: about five for the NCA's); a CMS may carry 64 tokens
    /// (`tsp` limits), so the tokens of one document cost at most 64 times this.
    pub const MAX_TOKEN_SIGNATURE_VERIFICATIONS: usize = 16;
    /// Path-building steps one time-stamp token may cost.
    pub const MAX_TOKEN_PATH_STEPS: usize = 256;
    /// Bytes one time-stamp token may hash again: its TSTInfo (a few hundred bytes) and
    /// the certificates its signer search hashes for the ESS binding (an NCA TSA's is
    /// under 2 KiB). A token is offered every certificate of the document it is on, and
    /// names the hash: the candidates beyond this many bytes are not examined (unknown).
    pub const MAX_TOKEN_REHASHED_BYTES: usize = 1024 * 1024;
    /// Deepest countersignature judged (RFC 5652 §11.4: a countersignature's own unsigned
    /// attributes may carry countersignatures, without end). 1 is a countersignature on a
    /// signer; an approval chain of a signer, a countersigner and one over that is 2, so 3
    /// leaves room. A countersignature deeper than this is not judged: the one carrying it
    /// gets an unknown `countersignature` check (indeterminate, never ignored).
    pub const MAX_COUNTERSIGNATURE_DEPTH: usize = 3;
    /// Most countersignatures judged in one document, at every depth and on every signer.
    /// Each costs about what a signer does (its signature, its certificate's path and
    /// revocation); the parse limits allow 256 x 64 values per SignerInfo, and nesting
    /// multiplies that, so without a count a document could order millions of verdicts.
    /// 32 is ten times what an honest document carries and about a tenth of
    /// [`MAX_SIGNATURE_VERIFICATIONS`]. Those beyond it are not judged: the signer (or
    /// countersignature) carrying them gets an unknown `countersignature` check.
    pub const MAX_COUNTERSIGNATURES: usize = 32;
}
