//! `qoltanba serve` as a process: it says where it listens, answers NCANode's health and
//! x509 routes over HTTP, and stops on SIGTERM with exit 0 (graceful shutdown).
#![cfg(all(feature = "server", feature = "cli", unix))]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use base64::Engine as _;
use common::pki;

/// One HTTP/1.1 request; the response's status line and body.
fn http(addr: &str, method: &str, path: &str, body: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let status = response.lines().next().unwrap_or_default().to_string();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The address a started service prints first.
fn listening(child: &mut std::process::Child) -> String {
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    first
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string()
}

/// SIGTERM, then exit 0 once the requests in flight are done.
fn stop(mut child: std::process::Child) {
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}

#[test]
fn serve_answers_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["serve", "--listen", "127.0.0.1:0", "--trust"])
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = listening(&mut child);

    let (status, body) = http(&addr, "GET", "/actuator/health", "");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"UP\""), "{body}");

    let cert = base64::engine::general_purpose::STANDARD
        .encode(std::fs::read(pki("individual_sign.cer")).unwrap());
    let (status, body) = http(
        &addr,
        "POST",
        "/x509/info",
        &format!("{{\"certs\": [\"{cert}\"]}}"),
    );
    assert!(status.contains("200"), "{status}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["signers"][0]["subject"]["iin"], "123456789011", "{v}");
    // Judged at the server's clock, which is past the test PKI's validity after 2027:
    // either way the answer is a verdict, never an error.
    assert!(v["valid"].is_boolean());

    let (status, body) = http(&addr, "POST", "/x509/info", "{oops");
    assert!(status.contains("400"), "{status}");
    assert!(body.contains("\"status\":400"), "{body}");

    stop(child);
}

/// A SIGTERM the moment the service says where it listens still finds the handler: it was
/// installed at the shutdown future's first poll, on another task, and a CI run on a busy
/// machine saw the process killed by the signal (exit by signal 15, not 0).
#[test]
fn serve_handles_a_sigterm_sent_right_after_it_listens() {
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(["serve", "--listen", "127.0.0.1:0", "--trust"])
            .arg(pki("root.cer"))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        listening(&mut child);
        stop(child);
    }
}

/// The configuration from a TOML file and QOLTANBA_* variables (flags > variables > file);
/// no trust anchor anywhere is a usage error, not a service where nothing can be valid.
#[test]
fn serve_reads_its_configuration() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("qoltanba.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:1\"\ntrust = [{:?}]\nintermediate = [{:?}]\ncrl = [{:?}]\nmax_body = 2048\n",
            pki("root.cer"),
            pki("nca_rsa.cer"),
            pki("nca_rsa_current.crl")
        ),
    )
    .unwrap();
    // The variable wins over the file's listen (port 1 would fail).
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .arg("serve")
        .arg("--config")
        .arg(&config)
        .env("QOLTANBA_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = listening(&mut child);
    let (status, _) = http(&addr, "GET", "/actuator/health", "");
    assert!(status.contains("200"), "{status}");
    // The file's body bound applies.
    let (status, body) = http(
        &addr,
        "POST",
        "/xml/verify",
        &format!("{{\"xml\": \"{}\"}}", "x".repeat(4096)),
    );
    assert!(status.contains("413"), "{status} {body}");
    stop(child);

    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env_remove("QOLTANBA_TRUST")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no trust anchor"));
}

/// `--crl URL`: fetched before the service listens, logged, shown in `/metrics`, kept in
/// `--crl-cache`.
#[test]
fn serve_fetches_its_crls() {
    let server = common::http_server::Server::start();
    let url = server.serve_file("/nca.crl", &pki("nca_rsa_current.crl"));
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-crl-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["serve", "--listen", "127.0.0.1:0", "--trust"])
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .args(["--crl", &url, "--crl-cache"])
        .arg(&cache)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let addr = listening(&mut child);
    let (status, body) = http(&addr, "GET", "/metrics", "");
    assert!(status.contains("200"), "{status}");
    assert!(
        body.contains(&format!("qoltanba_crl_source_up{{url=\"{url}\"}} 1")),
        "{body}"
    );
    assert!(body.contains("qoltanba_crl_age_seconds"), "{body}");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    let mut stderr = child.stderr.take().unwrap();
    stop(child);
    let mut log = String::new();
    stderr.read_to_string(&mut log).unwrap();
    assert!(
        log.contains("\"event\":\"crl_refresh\"") && log.contains("\"updated\""),
        "{log}"
    );
}

/// `--key-store NAME=FILE` with `--key-store-password NAME=FILE` (and the TOML table, and
/// the variable): requests sign with `keyStore: NAME`; a wrong password stops the service
/// before it listens, naming the store and never the password.
#[test]
fn serve_signs_with_its_key_stores() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-key-stores");
    std::fs::create_dir_all(&dir).unwrap();
    let password = dir.join("password");
    std::fs::write(&password, "Qwerty12\n").unwrap();
    let wrong = dir.join("wrong");
    std::fs::write(&wrong, "not-the-password-7\n").unwrap();
    let serve = |extra: &dyn Fn(&mut Command)| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_qoltanba"));
        c.args(["serve", "--listen", "127.0.0.1:0", "--trust"])
            .arg(pki("root.cer"))
            .arg("--intermediate")
            .arg(pki("nca_rsa.cer"))
            .env_remove("QOLTANBA_KEY_STORES")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        extra(&mut c);
        c
    };
    let sign = |addr: &str| {
        http(
            addr,
            "POST",
            "/cms/sign",
            r#"{"data": "eA==", "signers": [{"keyStore": "provider"}]}"#,
        )
    };
    // Flags.
    let mut child = serve(&|c| {
        c.arg("--key-store")
            .arg(format!("provider={}", pki("legal_sign.p12").display()))
            .arg("--key-store-password")
            .arg(format!("provider={}", password.display()));
    })
    .spawn()
    .unwrap();
    let addr = listening(&mut child);
    let (status, body) = sign(&addr);
    assert!(status.contains("200"), "{status} {body}");
    assert!(body.contains("\"cms\""), "{body}");
    stop(child);
    // The TOML table, and the password from the variable.
    let config = dir.join("qoltanba.toml");
    std::fs::write(
        &config,
        format!(
            "[key_stores.provider]\nfile = {:?}\n",
            pki("legal_sign.p12")
        ),
    )
    .unwrap();
    let mut child = serve(&|c| {
        c.arg("--config")
            .arg(&config)
            .env("QOLTANBA_KEY_STORE_PASSWORD_PROVIDER", "Qwerty12");
    })
    .spawn()
    .unwrap();
    let addr = listening(&mut child);
    let (status, body) = sign(&addr);
    assert!(status.contains("200"), "{status} {body}");
    stop(child);
    // A wrong password: exit 2 before listening, the store named, the password not.
    let o = serve(&|c| {
        c.arg("--key-store")
            .arg(format!("provider={}", pki("legal_sign.p12").display()))
            .arg("--key-store-password")
            .arg(format!("provider={}", wrong.display()));
    })
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("key store provider"), "{stderr}");
    assert!(!stderr.contains("not-the-password-7"), "{stderr}");
    // The password itself where its file was asked for: refused, and not printed.
    let o = serve(&|c| {
        c.arg("--key-store")
            .arg(format!("provider={}", pki("legal_sign.p12").display()))
            .args(["--key-store-password", "hunter2-secret"]);
    })
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("hunter2-secret"), "{stderr}");
    // No password at all, and a malformed name: usage errors.
    for args in [
        vec![
            "--key-store".to_string(),
            format!("provider={}", pki("legal_sign.p12").display()),
        ],
        vec!["--key-store".to_string(), "bad name=x".to_string()],
        vec![
            "--key-store".to_string(),
            format!("a-b={}", pki("legal_sign.p12").display()),
            "--key-store".to_string(),
            format!("A_B={}", pki("legal_sign.p12").display()),
        ],
    ] {
        let o = serve(&|c| {
            c.args(&args)
                .env_remove("QOLTANBA_KEY_STORE_PASSWORD_PROVIDER");
        })
        .output()
        .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}
