//! Revocation by CRL: loading and indexing CRLs, and the status of a certificate at a time.

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
