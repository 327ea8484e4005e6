//! The `qoltanba` command line run by the tests (tests/barcode.rs, review51.rs,
//! review53.rs). Feature `cli` (the binary's own).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::pki;

/// `qoltanba` run with `args`, its output.
pub fn qoltanba<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .output()
        .expect("run qoltanba")
}

/// A fresh (emptied) folder `<test binary>-<name>` in the target's temporary folder.
pub fn tmp(name: &str) -> PathBuf {
    let d =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{}-{name}", env!("CARGO_CRATE_NAME")));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The RSA side of the test PKI on the command line (root.cer trusted, nca_rsa.cer
/// offered, its current CRL), judged at the PKI's `AT`.
pub fn trust_args() -> Vec<String> {
    vec![
        "--trust".into(),
        pki("root.cer").display().to_string(),
        "--intermediate".into(),
        pki("nca_rsa.cer").display().to_string(),
        "--crl".into(),
        pki("nca_rsa_current.crl").display().to_string(),
        "--at".into(),
        "2026-11-23T00:00:00Z".into(),
    ]
}

/// A run's exit status, stdout and stderr, for an assertion's message.
pub fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
