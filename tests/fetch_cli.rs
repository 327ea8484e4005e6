//! `--crl URL`, `--fetch` and `--crl-cache` on the command line, against a local HTTP
//! server: a fetched CRL proves status, a refused or missing one never does, and the
//! cache serves a second run.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::http_server::Server;
use common::pki;

fn cert_verify(cert: &str, crl: &str, cache: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["cert", "verify"])
        .arg(pki(cert))
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .args(["--crl", crl, "--crl-cache"])
        .arg(cache)
        .args(["--at", "2026-11-23T00:00:00Z"])
        .args(extra)
        .output()
        .expect("qoltanba runs")
}

fn cache(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("qoltanba-fetch-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_crl_url_is_fetched_cached_and_relied_on() {
    let server = Server::start();
    let url = server.serve_file("/nca.crl", &pki("nca_rsa_current.crl"));
    let dir = cache("good");
    let out = cert_verify("individual_sign.cer", &url, &dir, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "one CRL cached"
    );
    let out = cert_verify("revoked.cer", &url, &dir, &[]);
    assert_eq!(out.status.code(), Some(1), "revoked by the fetched CRL");
    // The source fails; the cache (written within the refresh interval) serves, and is
    // not fetched again.
    server.serve("/nca.crl", None);
    let before = server.hits();
    let out = cert_verify("individual_sign.cer", &url, &dir, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.hits(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_crl_that_passes_means_no_valid() {
    let server = Server::start();
    // The source is down and nothing is cached.
    let url = server.serve("/nca.crl", None);
    let dir = cache("down");
    let out = cert_verify("individual_sign.cer", &url, &dir, &[]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: CRL") && stderr.contains("500"),
        "{stderr}"
    );
    // A forged CRL (its signature does not verify) is refused, not relied on.
    let url = server.serve_file("/forged.crl", &pki("nca_rsa_forged.crl"));
    let out = cert_verify("revoked.cer", &url, &dir, &[]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("refused"));
    // --fetch reaches the URLs the certificates name (unresolvable here): not valid.
    let out = cert_verify("individual_sign.cer", &url, &dir, &["--fetch"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("test.qoltanba.invalid"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn only_http_urls_are_taken() {
    let dir = cache("https");
    let out = cert_verify(
        "individual_sign.cer",
        "https://crl.pki.gov.kz/nca.crl",
        &dir,
        &[],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only http://"));
}

/// `sign --tsa-url`: a TSA whose answer is not this exchange (a recorded token: another
/// nonce) fails the command; no CMS is written without the token asked for.
#[test]
fn sign_refuses_a_tsa_answer_that_is_not_its_own() {
    let server = Server::start();
    let url = server.serve_file("/tsa", &pki("tsa/response_valid.tsr"));
    let dir = cache("tsa");
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("signed.cms");
    let out = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .arg("sign")
        .arg(pki("tsa/data.txt"))
        .arg("--key")
        .arg(pki("individual_sign.p12"))
        .args(["--signing-time", "2026-11-23T00:00:00Z"])
        .args(["--tsa-url", &url, "-o"])
        .arg(&out_file)
        .env("QOLTANBA_PASSWORD", "Qwerty12")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nonce"), "{stderr}");
    assert!(!out_file.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `sign --tsa-policy`: a policy that is not a dotted OID is not sent (the command fails
/// naming it); without `--tsa-url` it is a usage error.
#[test]
fn sign_tsa_policy_is_a_dotted_oid_with_a_tsa() {
    let server = Server::start();
    let url = server.serve_file("/tsa", &pki("tsa/response_valid.tsr"));
    let dir = cache("tsa-policy");
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("signed.cms");
    let sign = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .arg("sign")
            .arg(pki("tsa/data.txt"))
            .arg("--key")
            .arg(pki("individual_sign.p12"))
            .args(["--signing-time", "2026-11-23T00:00:00Z"])
            .args(extra)
            .arg("-o")
            .arg(&out_file)
            .env("QOLTANBA_PASSWORD", "Qwerty12")
            .output()
            .unwrap()
    };
    let out = sign(&["--tsa-url", &url, "--tsa-policy", "TSA_GOST2015_POLICY"]);
    assert_ne!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a dotted OID"), "{stderr}");
    assert!(!out_file.exists());
    let out = sign(&["--tsa-policy", "1.2.398.3.3.2.6.4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_file.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
