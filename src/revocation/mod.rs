//! Revocation by CRL: loading and indexing CRLs, and the status of a certificate at a time.

pub mod reason;
