//! A local HTTP server for the tests of fetching (CRLs, OCSP, time-stamps): each path
//! answers its body, or 500 when it has none, unless a test sets a handler of its own
//! (any status, a body, or silence); requests are logged. Each connection is served on its
//! own thread, so a silent answer holds up no other request.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers to one request.
#[derive(Clone)]
pub enum Reply {
    Status(u16),
    Body(Vec<u8>),
    /// Accept, read the request, and answer nothing (the connection held open 30 s, longer
    /// than any bound under test).
    Silent,
}

/// A test's answer to a request: (path, body) to the reply.
pub type Handler = Arc<dyn Fn(&str, &[u8]) -> Reply + Send + Sync>;

/// A server answering each path with its body (500 when none), or by a handler, logging
/// requests.
pub struct Server {
    pub base: String,
    bodies: Arc<Mutex<HashMap<String, Option<Vec<u8>>>>>,
    handler: Arc<Mutex<Handler>>,
    hits: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let bodies: Arc<Mutex<HashMap<String, Option<Vec<u8>>>>> = Arc::default();
        let by_path = bodies.clone();
        let initial: Handler =
            Arc::new(
                move |path, _| match by_path.lock().unwrap().get(path).cloned().flatten() {
                    Some(body) => Reply::Body(body),
                    None => Reply::Status(500),
                },
            );
        let handler = Arc::new(Mutex::new(initial));
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
        let (h, n) = (handler.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (h, n) = (h.clone(), n.clone());
                std::thread::spawn(move || serve_one(stream, &h, &n));
            }
        });
        Server {
            base,
            bodies,
            handler,
            hits,
        }
    }

    /// `path` answers `body` (500 when `None`); its URL.
    pub fn serve(&self, path: &str, body: Option<Vec<u8>>) -> String {
        self.bodies.lock().unwrap().insert(path.to_string(), body);
        self.url(path)
    }

    /// `path` answers the bytes of `file`; its URL.
    pub fn serve_file(&self, path: &str, file: &std::path::Path) -> String {
        self.serve(path, Some(std::fs::read(file).expect("the file served")))
    }

    /// Every request answered by `f` (the paths set by `serve` no longer answer).
    pub fn answer(&self, f: impl Fn(&str, &[u8]) -> Reply + Send + Sync + 'static) {
        *self.handler.lock().unwrap() = Arc::new(f);
    }

    /// Every request answered `reply`.
    pub fn always(&self, reply: Reply) {
        self.answer(move |_, _| reply.clone());
    }

    /// The URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Requests read so far.
    pub fn hits(&self) -> u64 {
        self.hits.lock().unwrap().len() as u64
    }

    /// The paths of the requests read so far, in order.
    pub fn paths(&self) -> Vec<String> {
        self.hits.lock().unwrap().clone()
    }
}

fn serve_one(mut stream: TcpStream, handler: &Mutex<Handler>, hits: &Mutex<Vec<String>>) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    // The request's body (a POST's: a TSA or OCSP request) read in full before answering:
    // closing a socket with unread bytes resets the connection, and the client may then see
    // the reset before the answer (a flaky CI run).
    let head = request
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(request.len(), |p| p + 4);
    let text = String::from_utf8_lossy(&request[..head]).to_string();
    let length = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(1 << 20);
    while request.len() < head + length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let path = text.split(' ').nth(1).unwrap_or("/").to_string();
    hits.lock().unwrap().push(path.clone());
    let answer = handler.lock().unwrap().clone();
    let _ = match answer(&path, &request[head..]) {
        Reply::Status(code) => write!(
            stream,
            "HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Reply::Body(body) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .and_then(|()| stream.write_all(&body)),
        Reply::Silent => {
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        }
    };
    let _ = stream.flush();
}
