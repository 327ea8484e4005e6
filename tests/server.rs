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
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string();

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

    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}
