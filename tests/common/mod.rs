//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// A signer of the test PKI: its certificate and key (`<name>.cer`, `<name>.key.pem`).
pub struct Who {
    pub cert: qoltanba::Certificate,
    pub key: qoltanba::keys::SigningKey,
}

/// The test PKI's signer `name`.
pub fn who(name: &str) -> Who {
    let read = |ext: &str| std::fs::read(pki(&format!("{name}.{ext}"))).expect("test PKI file");
    Who {
        cert: qoltanba::Certificate::from_input(&read("cer")).expect("a certificate"),
        key: qoltanba::keys::SigningKey::from_pkcs8(&read("key.pem"), None).expect("a key"),
    }
}

/// Parse an RFC 3339 time.
pub fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

/// `../shared/<sub>` beside the project, or `None` (with a printed notice) when absent.
///
/// Tests that call it carry `#[cfg_attr(qoltanba_no_shared, ignore = ...)]`: without
/// `../shared` they are reported as ignored, with the reason (build.rs sets the cfg). Under
/// CI (`CI=true`) absent material is a failure: CI must never pass on less than the real
/// material.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    if p.exists() {
        Some(p)
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is absent, and CI=true: CI runs on the real material",
            p.display()
        );
    } else {
        eprintln!(
            "NOTICE: {} is absent; skipping tests that need it",
            p.display()
        );
        None
    }
}

/// A file of the project's test PKI, `test-vectors/pki/<name>`.
pub fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

/// The RSA side of the test PKI (root.cer trusted, nca_rsa.cer offered, the root's CRL)
/// with the issuing CA's CRLs `crls` (DER, made by the test), the builder passed through
/// `f` first.
pub fn rsa_verifier_with_crls(
    crls: &[Vec<u8>],
    f: impl FnOnce(qoltanba::VerifierBuilder) -> qoltanba::VerifierBuilder,
) -> qoltanba::Verifier {
    let mut b = qoltanba::Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl_path(pki("root.crl"))
        .unwrap();
    for c in crls {
        b = b
            .crl(qoltanba::revocation::Crl::from_der(c.clone()).unwrap())
            .unwrap();
    }
    f(b).build()
}

/// The verifier of the RSA side of the test PKI: root.cer trusted, nca_rsa.cer offered,
/// its current CRL.
pub fn rsa_verifier() -> qoltanba::Verifier {
    rsa_verifier_builder().build()
}

/// [`rsa_verifier`] under `limits`.
pub fn rsa_verifier_limited(limits: qoltanba::Limits) -> qoltanba::Verifier {
    rsa_verifier_builder().limits(limits).build()
}

fn rsa_verifier_builder() -> qoltanba::VerifierBuilder {
    qoltanba::Verifier::builder()
        .trust_path(pki("root.cer"))
        .expect("root.cer")
        .intermediate_path(pki("nca_rsa.cer"))
        .expect("nca_rsa.cer")
        .crl_path(pki("nca_rsa_current.crl"))
        .expect("nca_rsa_current.crl")
}
pub mod anchors;
#[cfg(feature = "cli")]
pub mod cli;
pub mod crl_sequences;
pub mod cycles;
pub mod evidence;
pub mod forge;
pub mod http_server;
#[cfg(feature = "server")]
pub mod jwt;
pub mod metamorphic;
#[cfg(feature = "pdf")]
pub mod pdf_updates;
pub mod rekey;
#[cfg(feature = "profiles")]
pub mod requests;
pub mod service;
pub mod tokens;
#[cfg(feature = "server")]
pub mod xml_routes;
pub mod zip;
