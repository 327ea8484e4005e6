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
    pub subject: String,
    /// Serial, hex.
    pub serial: String,
    /// Its status.
    #[serde(flatten)]
    pub status: CertStatus,
}
