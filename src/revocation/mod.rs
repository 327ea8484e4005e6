//! Revocation by CRL: loading and indexing CRLs, and the status of a certificate at a time.

pub mod crl;
pub mod distribution_point;
pub mod ocsp;
pub mod reason;
pub mod status;
pub mod store;

use serde::Serialize;

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
