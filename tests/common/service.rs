//! The service (`qoltanba::server::serve`) in the test's own process, on loopback, and one
//! JSON request to it over plain HTTP/1.1.
#![cfg(feature = "server")]

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::sync::Arc;

/// A running service with a verifier, judging at a fixed time; stopped when dropped.
pub struct Service {
    pub addr: String,
    _runtime: tokio::runtime::Runtime,
}

impl Service {
    /// The service with `verifier`, judging at `at` (RFC 3339).
    pub fn start(verifier: qoltanba::Verifier, at: &str) -> Service {
        let at = super::time(at);
        Service::with_config(qoltanba::server::ServerConfig::new(
            Arc::new(verifier),
            Arc::new(move || at),
        ))
    }

    /// The service with `config` (a verifier and a clock already in it).
    pub fn with_config(config: qoltanba::server::ServerConfig) -> Service {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a port");
        let addr = listener.local_addr().expect("address").to_string();
        runtime.spawn(qoltanba::server::serve(
            listener,
            config,
            std::future::pending(),
        ));
        Service {
            addr,
            _runtime: runtime,
        }
    }

    /// `POST route` with the JSON text `body`: (status, answer; `Null` when the answer is
    /// not JSON).
    pub fn post(&self, route: &str, body: &str) -> (u16, serde_json::Value) {
        let (status, text) = self.post_text(route, body);
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    /// `POST route` with the JSON text `body`: (status, the answer's text as sent).
    pub fn post_text(&self, route: &str, body: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        write!(
            s,
            "POST {route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut response = Vec::new();
        s.read_to_end(&mut response).expect("read");
        let response = String::from_utf8_lossy(&response);
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let text = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, text)
    }
}
