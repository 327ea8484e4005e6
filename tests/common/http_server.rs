//! A local HTTP server for the command-line tests of fetching: each path answers its
//! body, or 500 when it has none; requests are counted.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A server answering each path with its body (500 when none), counting requests.
pub struct Server {
    pub base: String,
    bodies: Arc<Mutex<HashMap<String, Option<Vec<u8>>>>>,
    hits: Arc<Mutex<u64>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let bodies: Arc<Mutex<HashMap<String, Option<Vec<u8>>>>> = Arc::default();
        let hits: Arc<Mutex<u64>> = Arc::default();
        let (b, h) = (bodies.clone(), hits.clone());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                // The request's body (a POST's: a TSA or OCSP request) read in full before
                // answering: closing a socket with unread bytes resets the connection, and
                // the client may then see the reset before the answer (a flaky CI run).
                let head_len = request
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .map_or(request.len(), |p| p + 4);
                let content_length = String::from_utf8_lossy(&request[..head_len])
                    .lines()
                    .filter_map(|l| l.split_once(':'))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(1 << 20);
                while request.len() < head_len + content_length {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                *h.lock().unwrap() += 1;
                let text = String::from_utf8_lossy(&request).to_string();
                let path = text.split(' ').nth(1).unwrap_or("/").to_string();
                let body = b.lock().unwrap().get(&path).cloned().flatten();
                let _ = match body {
                    Some(body) => write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .and_then(|()| stream.write_all(&body)),
                    None => stream.write_all(
                        b"HTTP/1.1 500 Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                };
            }
        });
        Server { base, bodies, hits }
    }

    pub fn serve(&self, path: &str, body: Option<Vec<u8>>) -> String {
        self.bodies.lock().unwrap().insert(path.to_string(), body);
        format!("{}{path}", self.base)
    }

    /// `path` answers the bytes of `file`; its URL.
    pub fn serve_file(&self, path: &str, file: &std::path::Path) -> String {
        self.serve(path, Some(std::fs::read(file).expect("the file served")))
    }

    pub fn hits(&self) -> u64 {
        *self.hits.lock().unwrap()
    }
}
