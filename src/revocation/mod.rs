//! Revocation by CRL: loading and indexing CRLs, and the status of a certificate at a time.
//!
//! A [`Crl`] is read once (DER, PEM or base64; tens of megabytes are indexed, not copied)
//! and given to the [`Verifier`](crate::Verifier), which proves its signature and uses it for
//! every certificate it covers; an [`OcspResponse`] likewise. Both can also be asked directly:
//!
//! ```
//! use qoltanba::revocation::{OcspPolicy, OcspResponse, OcspStatus};
//! use qoltanba::{Certificate, Crl};
//!
//! let crl = Crl::from_input(&std::fs::read("test-vectors/pki/nca_rsa_current.crl")?)?;
//! let revoked = Certificate::from_input(&std::fs::read("test-vectors/pki/revoked.cer")?)?;
//! assert!(!crl.lookup(revoked.serial(), revoked.issuer().key()).is_empty());
//!
//! let ca = Certificate::from_input(&std::fs::read("test-vectors/pki/nca_rsa.cer")?)?;
//! let good = Certificate::from_input(&std::fs::read("test-vectors/pki/individual_sign.cer")?)?;
//! let response = OcspResponse::from_der(&std::fs::read("test-vectors/pki/ocsp_good.der")?)?;
//! let at = "2026-11-23T00:00:00Z".parse()?;
//! let check = response.check_certificate(&ca, &good, at, &OcspPolicy::default());
//! assert!(matches!(check.status(), OcspStatus::Good { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod crl;
pub(crate) mod ocsp;
pub(crate) mod reason;
pub(crate) mod status;
pub(crate) mod store;

use serde::Serialize;

pub use crate::certificate::DistributionPoint;
pub use crate::name::{DistributionPointName, GeneralNameKey};
pub use crl::{Coverage, Crl, CrlEntry, CrlNumber, IssuingDistributionPoint};
pub use ocsp::{
    limits as ocsp_limits, OcspCheck, OcspPolicy, OcspResponse, OcspStatus, ResponseStatus,
};
pub use reason::{ReasonSet, RevocationReason};
pub use status::{CertStatus, CrlUse};
pub use store::CrlStore;

/// The revocation status of one certificate of a verified path, for reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RevocationInfo {
    /// Subject DN.
    pub(crate) subject: String,
    /// Serial, hex.
    pub(crate) serial: String,
    /// Its status.
    #[serde(flatten)]
    pub(crate) status: CertStatus,
}

impl RevocationInfo {
    /// Its status.
    pub fn status(&self) -> &CertStatus {
        &self.status
    }
}

impl RevocationInfo {
    /// Subject DN.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// Serial, hex.
    pub fn serial(&self) -> &str {
        &self.serial
    }
}
