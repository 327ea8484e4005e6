//! A local HTTP server for the tests: each path answers as the test says, including the
//! ways a real server fails (statuses, empty and truncated bodies, no answer, redirect
//! loops, endless bodies).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::ber::write;
use crate::signature::HashAlgorithm;
use crate::Certificate;

/// An answer made from the request's body.
pub(crate) type Responder = Arc<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>;

/// How a path answers.
#[derive(Clone)]
pub(crate) enum Answer {
    /// 200 with the body this makes from the request's body.
    Respond(Responder),
    /// 200 with this body.
    Body(Vec<u8>),
    /// This status, no body.
    Status(u16),
    /// 200 whose Content-Length promises more than is sent before the connection closes.
    CutShort(Vec<u8>),
    /// Reads the request and never answers (until the test ends).
    Silent,
    /// 302 to itself.
    RedirectLoop,
    /// 200 promising 2 GiB, then zeros for as long as the client reads.
    Endless {
        /// State the length (Content-Length: 2 GiB) or not (read to the close).
        announced: bool,
    },
}

/// A running server.
pub(crate) struct TestServer {
    pub(crate) base: String,
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    /// Body bytes written by `Endless` answers.
    pub(crate) endless_sent: Arc<AtomicU64>,
    /// Requests received, per path.
    hits: Arc<Mutex<HashMap<String, u64>>>,
}

impl TestServer {
    pub(crate) fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let answers: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let endless_sent = Arc::new(AtomicU64::new(0));
        let hits: Arc<Mutex<HashMap<String, u64>>> = Arc::default();
        let (a, sent, h) = (answers.clone(), endless_sent.clone(), hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (a, sent, h) = (a.clone(), sent.clone(), h.clone());
                std::thread::spawn(move || serve(stream, &a, &sent, &h));
            }
        });
        TestServer {
            base,
            answers,
            endless_sent,
            hits,
        }
    }

    /// Make `path` answer `answer`; its URL.
    pub(crate) fn set(&self, path: &str, answer: Answer) -> String {
        if let Ok(mut m) = self.answers.lock() {
            m.insert(path.to_string(), answer);
        }
        format!("{}{path}", self.base)
    }

    /// Requests `path` received.
    pub(crate) fn hits(&self, path: &str) -> u64 {
        self.hits
            .lock()
            .map(|m| m.get(path).copied().unwrap_or(0))
            .unwrap_or(0)
    }
}

fn serve(
    mut stream: TcpStream,
    answers: &Mutex<HashMap<String, Answer>>,
    sent: &AtomicU64,
    hits: &Mutex<HashMap<String, u64>>,
) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 65536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text.split(' ').nth(1).unwrap_or("/").to_string();
    if let Ok(mut m) = hits.lock() {
        *m.entry(path.clone()).or_default() += 1;
    }
    // A POST's body is read when it states its length.
    let header_end = text.find("\r\n\r\n").map_or(request.len(), |i| i + 4);
    let length: usize = text
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(0);
    let mut body = request[header_end..].to_vec();
    while body.len() < length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => body.extend_from_slice(&buf[..n]),
        }
    }
    let answer = answers
        .lock()
        .ok()
        .and_then(|m| m.get(&path).cloned())
        .unwrap_or(Answer::Status(404));
    let answer = match answer {
        Answer::Respond(make) => Answer::Body(make(&body)),
        other => other,
    };
    let _ = match answer {
        Answer::Respond(_) => Ok(()),
        Answer::Body(body) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .and_then(|()| stream.write_all(&body)),
        Answer::Status(code) => write!(
            stream,
            "HTTP/1.1 {code} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Answer::CutShort(body) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len() * 2
        )
        .and_then(|()| stream.write_all(&body)),
        Answer::Silent => {
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        }
        Answer::RedirectLoop => write!(
            stream,
            "HTTP/1.1 302 Found\r\nLocation: {path}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Answer::Endless { announced } => {
            let head = if announced {
                "HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n"
            } else {
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
            };
            let zeros = [0u8; 65536];
            let mut r = stream.write_all(head.as_bytes());
            while r.is_ok() && sent.load(Ordering::Relaxed) < (2 << 30) {
                r = stream.write_all(&zeros);
                if r.is_ok() {
                    sent.fetch_add(zeros.len() as u64, Ordering::Relaxed);
                }
            }
            r
        }
    };
}

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

/// The bytes of `test-vectors/pki/<name>`.
pub(crate) fn read_pki(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).expect("the test PKI")
}

/// openssl's TSA in a temporary folder, answering the query it is given; None when
/// there is no openssl.
pub(crate) fn openssl_tsa(name: &str) -> Option<Answer> {
    Command::new("openssl").arg("version").output().ok()?;
    let dir = std::env::temp_dir().join(format!("qoltanba-tsa-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    std::fs::write(dir.join("serial"), "01\n").ok()?;
    let cert = crate::Certificate::from_input(&std::fs::read(pki("tsa/tsa.cer")).ok()?).ok()?;
    std::fs::write(
        dir.join("tsa.pem"),
        pem::encode(&pem::Pem::new("CERTIFICATE", cert.der().to_vec())),
    )
    .ok()?;
    let config = format!(
        "[ tsa ]\ndefault_tsa = c\n[ c ]\nserial = {}\nsigner_cert = {}\nsigner_key = {}\n\
         signer_digest = sha256\ndefault_policy = 1.2.398.3.3.2.6.1\n\
         other_policies = 1.2.398.3.3.2.6.4\n\
         digests = sha256, sha384, sha512\naccuracy = secs:1\ness_cert_id_alg = sha256\n",
        dir.join("serial").display(),
        dir.join("tsa.pem").display(),
        pki("tsa/tsa.key.pem").display()
    );
    std::fs::write(dir.join("ts.cnf"), config).ok()?;
    Some(Answer::Respond(Arc::new(move |query: &[u8]| {
        let q = dir.join(format!("q{}.tsq", query.len()));
        if std::fs::write(&q, query).is_err() {
            return Vec::new();
        }
        Command::new("openssl")
            .args(["ts", "-reply", "-config"])
            .arg(dir.join("ts.cnf"))
            .arg("-queryfile")
            .arg(&q)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    })))
}

/// The extnValue of the nonce in `request`, as a responder reads it.
pub(crate) fn request_nonce(request: &[u8]) -> Option<Vec<u8>> {
    let oid = write::oid(crate::revocation::ocsp::OID_NONCE);
    let i = request.windows(oid.len()).position(|w| w == oid)? + oid.len();
    // OCTET STRING (extnValue) { OCTET STRING nonce }.
    let len = *request.get(i + 1)? as usize;
    request.get(i + 2..i + 2 + len).map(<[u8]>::to_vec)
}

/// A BasicOCSPResponse saying `cert` is good, signed by the delegated responder, with
/// `nonce` (an extnValue) echoed when given.
pub(crate) fn good_ocsp_response(
    cert: &Certificate,
    issuer: &Certificate,
    nonce: Option<&[u8]>,
) -> Vec<u8> {
    let h = HashAlgorithm::Sha256;
    let responder = crate::Certificate::from_input(&read_pki("ocsp_responder.cer")).expect("cert");
    let key = crate::keys::SigningKey::from_pkcs8(&read_pki("ocsp_responder.key.pem"), None)
        .expect("the responder's key");
    let cert_id = write::sequence(&[
        &write::sequence(&[&write::oid(h.oid()), &[0x05, 0x00]]),
        &write::octet_string(&h.digest(issuer.subject().der())),
        &write::octet_string(&h.digest(issuer.public_key().key_bytes())),
        &write::der(0x02, cert.serial()),
    ]);
    let time = |s: &str| {
        let t: DateTime<Utc> = s.parse().expect("a time");
        write::der(0x18, t.format("%Y%m%d%H%M%SZ").to_string().as_bytes())
    };
    let single = write::sequence(&[
        &cert_id,
        &[0x80, 0x00],
        &time("2026-11-22T00:00:00Z"),
        &write::der(0xA0, &time("2026-11-29T00:00:00Z")),
    ]);
    let mut data: Vec<Vec<u8>> = vec![
        write::der(0xA1, responder.subject().der()),
        time("2026-11-22T00:00:00Z"),
        write::sequence(&[&single]),
    ];
    if let Some(nonce) = nonce {
        let ext = write::sequence(&[
            &write::oid(crate::revocation::ocsp::OID_NONCE),
            &write::octet_string(nonce),
        ]);
        data.push(write::der(0xA1, &write::sequence(&[&ext])));
    }
    let parts: Vec<&[u8]> = data.iter().map(Vec::as_slice).collect();
    let tbs = write::sequence(&parts);
    let signature = key.sign(&tbs).expect("signed");
    let mut bits = vec![0u8];
    bits.extend_from_slice(&signature);
    let basic = write::sequence(&[
        &tbs,
        &write::sequence(&[&write::oid("1.2.840.113549.1.1.11"), &[0x05, 0x00]]),
        &write::der(0x03, &bits),
        &write::der(0xA0, &write::sequence(&[responder.der()])),
    ]);
    write::sequence(&[
        &[0x0A, 0x01, 0x00],
        &write::der(
            0xA0,
            &write::sequence(&[
                &write::oid("1.3.6.1.5.5.7.48.1.1"),
                &write::octet_string(&basic),
            ]),
        ),
    ])
}

/// A responder (the test PKI's delegated one) saying `individual_sign.cer` is good,
/// echoing the request's nonce when `echo`.
pub(crate) fn ocsp_responder(echo: bool) -> Answer {
    let cert = |n: &str| crate::Certificate::from_input(&read_pki(n)).expect("cert");
    let (c, i) = (cert("individual_sign.cer"), cert("nca_rsa.cer"));
    // The legal entity's certificate too (an output document's signer), when the request
    // names its serial; the individual's otherwise.
    let legal = cert("legal_sign.cer");
    Answer::Respond(Arc::new(move |request: &[u8]| {
        let nonce = request_nonce(request).filter(|_| echo);
        let asked = legal.serial();
        let which = if request.windows(asked.len()).any(|w| w == asked) {
            &legal
        } else {
            &c
        };
        good_ocsp_response(which, &i, nonce.as_deref())
    }))
}
