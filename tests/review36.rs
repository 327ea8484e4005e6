//! Review 36: what the service and the command line fetch, where from, and what they keep
//! (feature `fetch`: `src/fetch/`, the server's discovery and OCSP, `qoltanba … --fetch`).
//!
//! Attacker: submits documents (certificates it made: self-signed, or naming an NCA CA as
//! issuer with a signature that does not verify, or legitimately issued to it) and runs a
//! web server the verifier can reach; it cannot change the configuration. Every test here
//! counts the requests a local server (on 127.0.0.1, the loopback an SSRF would reach)
//! receives, path by path.
//!
//! Findings (each failed then; fixed: `--fetch` discovers and asks OCSP only of
//! certificates whose path to a trust anchor verifies, the configured CAs' own URLs first):
//!
//! * `cli_fetch_follows_crl_urls_of_certificates_no_ca_signed` (fixed): `qoltanba cert
//!   verify --fetch` (and `verify`, `xml verify`: `TrustArgs::verifier_for`) fetches the
//!   cRLDistributionPoints and FreshestCRL of every certificate the input carries
//!   (`src/bin/qoltanba/args.rs`, `TrustArgs::fetcher` → `CrlFetcher::discover`), with no
//!   path to an anchor: one file of eight made-up certificates makes the tool issue 64 GETs
//!   to loopback URLs of the attacker's choosing (each bounded only by 60 s and 256 MiB),
//!   and, when they serve the CA's public CRL, writes 64 files to the user's cache folder
//!   (never cleaned). The service refuses exactly this (`server/refresh.rs`: only certificates whose path
//!   verifies).
//! * `cli_fetch_one_hostile_file_crowds_out_the_crls_of_the_others` (fixed): the same
//!   discovery offers the documents' certificates first (before the configured CAs' own
//!   URLs) to a fetcher bounded at 256 sources, first come first served: one hostile file
//!   of 32 made-up certificates fills it, and a genuine file verified in the same run,
//!   valid alone, is judged indeterminate (its CRL never fetched).
//! * `cli_fetch_posts_to_the_responder_of_a_forged_certificate` (fixed): the same tool's
//!   OCSP (`TrustArgs::ocsp_answers`) takes the issuer by *name* only and POSTs to the
//!   authorityInfoAccess responder of a certificate whose signature does not verify (16
//!   such questions a run).
//!
//! Held (passing `held_` tests): the service's discovery and OCSP ask nothing of a forged
//! certificate's URLs (while they do of a CA-issued one's); redirect loops end at the bound
//! and redirects to other schemes are not followed; a body past the cap (declared or not)
//! is refused, a dripped one ends at the time bound of the whole exchange; a refused, forged, rolled-back or failing answer never evicts the last good
//! CRL, in memory or on disk, and the cache file names are hashes (no URL becomes a path);
//! with every fetch failing the verdict is indeterminate, never valid.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use common::evidence::{self, crl, forger, target, AT};
use common::forge::{self, seq, tlv, Ca, Tbs};
use common::pki;
use qoltanba::fetch::{CrlFetcher, FetchConfig, FetchError, Refreshed};
use qoltanba::{Certificate, Judged as _, Overall};

// --- a local server with a behaviour and a count per path ------------------------------

#[derive(Clone)]
enum Answer {
    Status(u16),
    Body(Vec<u8>),
    /// 302 to this Location.
    Redirect(String),
    /// A 200 declaring this Content-Length, then a few bytes and the connection closed.
    Declared(u64),
    /// A 200 with no Content-Length: this many bytes, then the connection closed.
    Unsized(usize),
    /// A 200 declaring 1000 bytes, then one byte every 50 ms, never ending.
    Drip,
}

struct Origin {
    base: String,
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    /// (method, path) of every request, in order.
    log: Arc<Mutex<Vec<(String, String)>>>,
}

impl Origin {
    fn start() -> Origin {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let answers: Arc<Mutex<HashMap<String, Answer>>> = Arc::default();
        let log: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let (a, l) = (answers.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (a, l) = (a.clone(), l.clone());
                std::thread::spawn(move || answer(stream, &a, &l));
            }
        });
        Origin { base, answers, log }
    }

    fn set(&self, path: &str, answer: Answer) -> String {
        self.answers
            .lock()
            .unwrap()
            .insert(path.to_string(), answer);
        self.url(path)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, p)| p == path)
            .count()
    }

    fn total(&self) -> usize {
        self.log.lock().unwrap().len()
    }

    fn requests(&self) -> Vec<(String, String)> {
        self.log.lock().unwrap().clone()
    }
}

fn answer(
    mut stream: std::net::TcpStream,
    answers: &Mutex<HashMap<String, Answer>>,
    log: &Mutex<Vec<(String, String)>>,
) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request).to_string();
    let mut words = text.split(' ');
    let method = words.next().unwrap_or("").to_string();
    let path = words.next().unwrap_or("/").to_string();
    log.lock().unwrap().push((method, path.clone()));
    let found = answers.lock().unwrap().get(&path).cloned();
    let _ = match found.unwrap_or(Answer::Status(500)) {
        Answer::Status(code) => write!(
            stream,
            "HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Answer::Body(body) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .and_then(|()| stream.write_all(&body)),
        Answer::Redirect(to) => write!(
            stream,
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Answer::Declared(n) => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: {n}\r\nConnection: close\r\n\r\n0123456789"
        ),
        Answer::Unsized(n) => write!(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
            .and_then(|()| {
                let chunk = vec![0x30u8; 64 * 1024];
                let mut left = n;
                while left > 0 {
                    let k = left.min(chunk.len());
                    stream.write_all(&chunk[..k])?;
                    left -= k;
                }
                Ok(())
            }),
        Answer::Drip => write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
        )
        .and_then(|()| loop {
            stream.write_all(b"0")?;
            stream.flush()?;
            std::thread::sleep(std::time::Duration::from_millis(50));
        }),
    };
    let _ = stream.flush();
}

// --- certificates naming chosen locations ------------------------------------------------

const OID_CDP: &[u8] = &[0x55, 0x1d, 0x1f];
const OID_FRESHEST: &[u8] = &[0x55, 0x1d, 0x2e];
const OID_AIA: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01];
const ID_AD_OCSP: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

fn dps(uris: &[String]) -> Vec<u8> {
    let list: Vec<Vec<u8>> = uris.iter().map(|u| seq(&[&evidence::dp_name(u)])).collect();
    tlv(0x30, &list.concat())
}

/// `individual_sign.cer` re-issued by `ca` (the CA itself, or [`forger`]: its name, another
/// key) with these CRL, delta CRL and OCSP locations in place of the template's, and
/// `serial` (INTEGER content).
fn naming(ca: &Ca, serial: u8, crls: &[String], deltas: &[String], ocsp: &[String]) -> Certificate {
    let der = ca.reissue(target().der(), |t: &mut Tbs| {
        t.serial = forge::int(&[0x40, serial]);
        let list = forge::children(&t.extensions)[0].to_vec();
        let aia: Vec<Vec<u8>> = ocsp
            .iter()
            .map(|u| seq(&[&tlv(0x06, ID_AD_OCSP), &tlv(0x86, u.as_bytes())]))
            .collect();
        let mut exts: Vec<Vec<u8>> = forge::children(&list)
            .into_iter()
            .filter(|e| {
                let oid = forge::content(forge::children(e)[0]);
                oid != OID_CDP && oid != OID_FRESHEST && oid != OID_AIA
            })
            .map(<[u8]>::to_vec)
            .collect();
        if !crls.is_empty() {
            exts.push(forge::ext(OID_CDP, false, &dps(crls)));
        }
        if !deltas.is_empty() {
            exts.push(forge::ext(OID_FRESHEST, false, &dps(deltas)));
        }
        if !aia.is_empty() {
            exts.push(forge::ext(OID_AIA, false, &tlv(0x30, &aia.concat())));
        }
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    Certificate::from_der(&der).expect("the re-issue reads")
}

fn pem_bundle(certs: &[Certificate]) -> String {
    certs
        .iter()
        .map(|c| pem::encode(&pem::Pem::new("CERTIFICATE", c.der().to_vec())))
        .collect()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qoltanba-review36-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `qoltanba cert verify FILE --fetch` with the test PKI's root and CA, the cache in `dir`.
fn cli_fetch(file: &Path, dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["cert", "verify"])
        .arg(file)
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl-cache")
        .arg(dir.join("cache"))
        .args(["--at", AT, "--fetch"])
        .output()
        .expect("qoltanba runs")
}

// --- the command line -------------------------------------------------------------------

/// The attack: a file of eight certificates the attacker made (issuer: the NCA CA's name,
/// signature by the attacker's own key, so none has a path to the anchor), each naming
/// four cRLDistributionPoints and four FreshestCRL URLs on a server of its choosing (here
/// loopback), handed to `qoltanba cert verify --fetch` (a clerk's batch check, a pipeline
/// verifying uploads).
///
/// What happens: `TrustArgs::fetcher` (src/bin/qoltanba/args.rs) passes every certificate
/// read to `CrlFetcher::discover`, which takes their URLs unverified: the tool GETs all 64
/// (up to the fetcher's 256 sources; each may hold it 60 s and stream 256 MiB), then
/// refuses the certificates. A URL of 127.0.0.1 or 169.254.169.254 is fetched like any.
///
/// Correct: as the service does (`server/refresh.rs`, "the service must not fetch what a
/// request points it at"), discover only the URLs of certificates whose path to a
/// configured anchor verifies (`Verifier::build_path`), so a made-up certificate costs no
/// request at all.
///
/// Found by review 36 (was a defect).
#[test]
fn cli_fetch_follows_crl_urls_of_certificates_no_ca_signed() {
    let origin = Origin::start();
    // Each URL serves the CA's genuine (public) CRL: every one passes the fetcher's gate and
    // is written to the user's cache folder, one file a URL, never cleaned.
    let genuine = std::fs::read(pki("nca_rsa_current.crl")).unwrap();
    // The control: a certificate the CA issued, whose URL the tool must still fetch.
    let issued_url = origin.set("/issued.crl", Answer::Body(genuine.clone()));
    let mut certs = vec![naming(&Ca::nca_rsa(), 100, &[issued_url], &[], &[])];
    certs.extend((0..8u8).map(|i| {
        let mut urls = [Vec::new(), Vec::new()];
        for (kind, list) in ["c", "d"].iter().zip(urls.iter_mut()) {
            for j in 0..4 {
                let path = format!("/{kind}{i}-{j}");
                list.push(origin.set(&path, Answer::Body(genuine.clone())));
            }
        }
        naming(&forger(), i, &urls[0], &urls[1], &[])
    }));
    let dir = temp("cli-crl");
    let file = dir.join("made-up.pem");
    std::fs::write(&file, pem_bundle(&certs)).unwrap();
    let out = cli_fetch(&file, &dir);
    eprintln!(
        "exit {:?}; requests: {:?}",
        out.status.code(),
        origin.requests()
    );
    let cached = std::fs::read_dir(dir.join("cache")).map_or(0, Iterator::count);
    eprintln!("{cached} files left in the CRL cache folder");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(origin.hits("/issued.crl"), 1, "the CA-issued one's CRL");
    let unverified = origin.total() - 1;
    assert_eq!(
        unverified, 0,
        "the tool fetched {unverified} URLs named by certificates that no CA signed"
    );
}

/// The attack, seen from the other files of a batch: `qoltanba cert verify hostile.pem
/// genuine.cer --fetch`, where `hostile.pem` holds 32 made-up certificates of eight URLs
/// each (256, the fetcher's bound on sources) and `genuine.cer` is a certificate the CA
/// issued, whose CRL its own URL serves.
///
/// What happens: `TrustArgs::fetcher` (src/bin/qoltanba/args.rs) offers the document's
/// certificates to `CrlFetcher::discover` in file order, before even the configured
/// anchors' and intermediates' URLs, and `add_url` refuses every URL past 256
/// (`MAX_SOURCES`, src/fetch/crl.rs): the genuine certificate's CRL is never fetched, and
/// its verdict falls from valid to indeterminate because another file of the batch said so.
/// (Indeterminate, not valid: a denial, not a wrong verdict.)
///
/// Correct: the made-up certificates name nothing the tool fetches (only certificates with
/// a verified path are discovered); and the configured CAs' URLs and each file's own come
/// before any other file's, so no input can crowd another's evidence out.
///
/// Found by review 36 (was a defect).
#[test]
fn cli_fetch_one_hostile_file_crowds_out_the_crls_of_the_others() {
    let origin = Origin::start();
    let genuine_crl = std::fs::read(pki("nca_rsa_current.crl")).unwrap();
    let url = origin.set("/issued.crl", Answer::Body(genuine_crl));
    let genuine = naming(&Ca::nca_rsa(), 100, &[url], &[], &[]);
    let hostile: Vec<Certificate> = (0..32u8)
        .map(|i| {
            let crls: Vec<String> = (0..4).map(|j| origin.url(&format!("/c{i}-{j}"))).collect();
            let deltas: Vec<String> = (0..4).map(|j| origin.url(&format!("/d{i}-{j}"))).collect();
            naming(&forger(), i, &crls, &deltas, &[])
        })
        .collect();
    let dir = temp("cli-crowd");
    let genuine_file = dir.join("genuine.cer");
    std::fs::write(&genuine_file, genuine.der()).unwrap();
    let hostile_file = dir.join("hostile.pem");
    std::fs::write(&hostile_file, pem_bundle(&hostile)).unwrap();

    // Alone, the genuine certificate's CRL is fetched and proves it valid.
    let alone = cli_fetch(&genuine_file, &dir.join("alone"));
    assert_eq!(
        alone.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );
    assert_eq!(origin.hits("/issued.crl"), 1);

    let batch = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["cert", "verify"])
        .arg(&hostile_file)
        .arg(&genuine_file)
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl-cache")
        .arg(dir.join("batch"))
        .args(["--at", AT, "--fetch"])
        .output()
        .expect("qoltanba runs");
    let stdout = String::from_utf8_lossy(&batch.stdout).to_string();
    eprintln!(
        "batch: exit {:?}, {} requests\n{stdout}",
        batch.status.code(),
        origin.total()
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        stdout.contains("genuine.cer: VALID"),
        "the genuine file is judged without its CRL ({} fetches of it, {} of URLs no CA \
         signed took its place)",
        origin.hits("/issued.crl") - 1,
        origin.total() - origin.hits("/issued.crl")
    );
}

/// The attack: one certificate naming the NCA CA as issuer, signed with the attacker's key,
/// whose authorityInfoAccess names an OCSP responder on the attacker's server.
///
/// What happens: `TrustArgs::ocsp_answers` (src/bin/qoltanba/args.rs) picks the issuer by
/// name (`subject().matches(cert.issuer())`) without checking the certificate's signature
/// or path, and POSTs an OCSP request to the URL (16 certificates a run, each a 60 s
/// bound).
///
/// Correct: ask only about certificates whose path to an anchor verifies, with the issuer
/// of that path (as `ServerConfig::judge_with_ocsp` does); a forged certificate is asked
/// about nowhere.
///
/// Found by review 36 (was a defect).
#[test]
fn cli_fetch_posts_to_the_responder_of_a_forged_certificate() {
    let origin = Origin::start();
    // The control: a certificate the CA issued, whose responder the tool must still ask.
    let issued = naming(&Ca::nca_rsa(), 100, &[], &[], &[origin.url("/issued-ocsp")]);
    let forged = naming(&forger(), 1, &[], &[], &[origin.url("/forged-ocsp")]);
    let dir = temp("cli-ocsp");
    let file = dir.join("forged.pem");
    std::fs::write(&file, pem_bundle(&[issued, forged])).unwrap();
    let out = cli_fetch(&file, &dir);
    eprintln!(
        "exit {:?}; requests: {:?}; stderr: {}",
        out.status.code(),
        origin.requests(),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        origin.hits("/issued-ocsp"),
        1,
        "the CA-issued one is asked about"
    );
    assert_eq!(
        origin.hits("/forged-ocsp"),
        0,
        "the tool POSTed to the responder of a certificate whose signature does not verify"
    );
}

// --- the service ------------------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The service with CRL discovery and OCSP (each certificate's own responder): a forged
/// certificate (NCA issuer name, the attacker's signature) naming CRL, delta and OCSP URLs
/// is sent first, then a CA-issued one naming its own. The CA-issued one's URLs are
/// fetched (the control: discovery and OCSP are on); the forged one's never are.
#[test]
fn held_the_service_fetches_nothing_a_forged_certificate_names() {
    let origin = Origin::start();
    let forged = naming(
        &forger(),
        1,
        &[origin.url("/forged.crl")],
        &[origin.url("/forged-delta.crl")],
        &[origin.url("/forged-ocsp")],
    );
    let issued = naming(
        &Ca::nca_rsa(),
        2,
        &[origin.url("/issued.crl")],
        &[],
        &[origin.url("/issued-ocsp")],
    );
    let base = common::rsa_verifier_with_crls(&[], |b| b);
    let fetcher = CrlFetcher::new(FetchConfig::default(), &base);
    let at = common::time(AT);
    let config = qoltanba::server::ServerConfig::new(Arc::new(base), Arc::new(move || at))
        .crl_fetcher(fetcher)
        .unwrap()
        .discover_crls()
        .ocsp(None, &FetchConfig::default())
        .unwrap();
    let service = common::service::Service::with_config(config);
    for cert in [&forged, &issued] {
        let body = serde_json::json!({ "certs": [b64(cert.der())] }).to_string();
        let (status, answer) = service.post("/x509/info", &body);
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["valid"], false, "{answer}");
    }
    // The OCSP question is put on the judging thread: the issued one's is in already. The
    // CRL is fetched by the background refresh: wait for it (the forged one was offered
    // first).
    assert_eq!(origin.hits("/issued-ocsp"), 1, "{:?}", origin.requests());
    let started = std::time::Instant::now();
    while origin.hits("/issued.crl") == 0 && started.elapsed().as_secs() < 8 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    eprintln!("after {:?}: {:?}", started.elapsed(), origin.requests());
    assert_eq!(origin.hits("/issued.crl"), 1, "{:?}", origin.requests());
    for path in ["/forged.crl", "/forged-delta.crl", "/forged-ocsp"] {
        assert_eq!(origin.hits(path), 0, "{path}: {:?}", origin.requests());
    }
}

// --- the HTTP client's bounds -----------------------------------------------------------

fn fetcher_of(url: &str, config: FetchConfig) -> CrlFetcher {
    let base = common::rsa_verifier_with_crls(&[], |b| b);
    let mut f = CrlFetcher::new(config, &base);
    f.add_url(url).unwrap();
    f
}

fn failure(outcomes: &[(String, Refreshed)]) -> FetchError {
    match &outcomes[0].1 {
        Refreshed::Failed(e) => e.clone(),
        other => panic!("not a failure: {other:?}"),
    }
}

/// A redirect loop ends at the bound (3 redirects: 4 requests), and so does a chain; a
/// redirect to `file:` (taken as a path on the same host: no file read), `ldap:`, `gopher:`
/// or `https:` (a TCP connection is opened to its host and port, but no request is sent:
/// the client has no TLS) fetches nothing: the answer is a failure, nothing is held.
#[test]
fn held_redirect_loops_and_other_schemes() {
    let origin = Origin::start();
    let url = origin.set("/loop", Answer::Redirect("/loop".into()));
    let mut f = fetcher_of(&url, FetchConfig::default());
    let e = failure(&f.refresh(common::time(AT)));
    eprintln!("loop: {e:?}, {} requests", origin.hits("/loop"));
    assert_eq!(e.kind(), "redirects");
    assert!(origin.hits("/loop") <= 4, "{:?}", origin.requests());
    // A chain through distinct paths ends at the bound too.
    for i in 0..10 {
        origin.set(
            &format!("/chain{i}"),
            Answer::Redirect(format!("/chain{}", i + 1)),
        );
    }
    let mut f = fetcher_of(&origin.url("/chain0"), FetchConfig::default());
    assert_eq!(failure(&f.refresh(common::time(AT))).kind(), "redirects");
    assert!(origin.hits("/chain4") == 0, "{:?}", origin.requests());

    let crl_file = pki("nca_rsa_current.crl");
    origin.set("/plain", Answer::Body(std::fs::read(&crl_file).unwrap()));
    for (i, to) in [
        format!("file://{}", crl_file.display()),
        "ldap://127.0.0.1/cn=x".to_string(),
        "gopher://127.0.0.1:70/_x".to_string(),
        "https://127.0.0.1/x.crl".to_string(),
        format!(
            "https://{}/plain",
            origin.base.trim_start_matches("http://")
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let url = origin.set(&format!("/to{i}"), Answer::Redirect(to.clone()));
        let mut f = fetcher_of(&url, FetchConfig::default());
        let outcomes = f.refresh(common::time(AT));
        eprintln!("{to}: {:?} {:?}", outcomes[0].1, origin.requests());
        assert!(matches!(outcomes[0].1, Refreshed::Failed(_)), "{to}");
        assert!(f.sources()[0].crl().is_none(), "{to}");
    }
}

/// A body past the cap is refused: declared (2 GB Content-Length: refused from the header,
/// without reading) or not (1 MiB streamed with no length, the cap 4 KiB); a body dripped
/// a byte at a time ends at the time bound of the whole exchange (here 400 ms), not a
/// bound between reads.
#[test]
fn held_bodies_past_the_cap() {
    let origin = Origin::start();
    let config = || FetchConfig::default().max_crl_len(4096);
    let url = origin.set("/declared", Answer::Declared(2 * 1024 * 1024 * 1024));
    let mut f = fetcher_of(&url, config());
    assert_eq!(failure(&f.refresh(common::time(AT))).kind(), "too_large");
    let url = origin.set("/unsized", Answer::Unsized(1024 * 1024));
    let mut f = fetcher_of(&url, config());
    assert_eq!(failure(&f.refresh(common::time(AT))).kind(), "too_large");
    assert!(f.sources()[0].crl().is_none());
    let url = origin.set("/drip", Answer::Drip);
    let mut f = fetcher_of(
        &url,
        FetchConfig::default().timeout(std::time::Duration::from_millis(400)),
    );
    let started = std::time::Instant::now();
    let e = failure(&f.refresh(common::time(AT)));
    eprintln!("drip: {e:?} after {:?}", started.elapsed());
    assert_eq!(e.kind(), "timeout");
}

// --- what is kept -----------------------------------------------------------------------

/// The last good CRL stays, in memory and on disk, whatever comes after it: a CRL of the
/// CA's name signed by another key with a higher number, an older genuine CRL (a
/// rollback), garbage, a 404 and a 500. The cache file is named by a hash even for a URL
/// full of `../`; a new fetcher reads the good CRL back; and a fetcher whose every fetch
/// fails leaves the certificate's verdict indeterminate, never valid.
#[test]
fn held_the_last_good_crl_survives_forged_old_and_failing_answers() {
    let origin = Origin::start();
    let path = "/../../../../tmp/x/../nca.crl";
    let good = crl(20, "261120000000Z", "261201000000Z", &[]);
    let url = origin.set(path, Answer::Body(good.clone()));
    let dir = temp("kept");
    let cache = dir.join("cache");
    let config = || FetchConfig::default().cache_dir(&cache);
    let base = common::rsa_verifier_with_crls(&[], |b| b);
    let mut f = CrlFetcher::new(config(), &base);
    f.add_url(&url).unwrap();
    let now = common::time(AT);
    assert_eq!(f.refresh_all(now)[0].1, Refreshed::Updated);

    let forged = forger().crl(&evidence::spec(
        30,
        "261121000000Z",
        "261201000000Z",
        &[("261120000000Z", evidence::KEY_COMPROMISE)],
    ));
    let older = crl(10, "261101000000Z", "261201000000Z", &[]);
    for answer in [
        Answer::Body(forged),
        Answer::Body(older),
        Answer::Body(b"not a CRL".to_vec()),
        Answer::Status(404),
        Answer::Status(500),
    ] {
        origin.set(path, answer);
        let outcome = &f.refresh_all(now)[0].1;
        assert!(matches!(outcome, Refreshed::Failed(_)), "{outcome:?}");
        assert_eq!(f.sources()[0].crls().len(), 1);
        assert_eq!(f.sources()[0].crl().unwrap().der(), good.as_slice());
    }
    let files: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    eprintln!("cache files: {files:?}");
    assert_eq!(files.len(), 1, "{files:?}");
    let stem = files[0].strip_suffix(".crl").expect("a .crl file");
    assert!(stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(std::fs::read(cache.join(&files[0])).unwrap(), good);

    let mut again = CrlFetcher::new(config(), &base);
    again.add_url(&url).unwrap();
    assert_eq!(again.load_cache(), 1);
    assert_eq!(again.sources()[0].crl().unwrap().der(), good.as_slice());
    let _ = std::fs::remove_dir_all(&dir);

    // Nothing fetched, nothing cached: indeterminate.
    let mut down = CrlFetcher::new(FetchConfig::default(), &base);
    down.add_url(&origin.url("/down.crl")).unwrap();
    assert!(matches!(down.refresh_all(now)[0].1, Refreshed::Failed(_)));
    let verifier = down.verifier(&base).unwrap();
    let verdict = verifier.check_certificate(&target(), &qoltanba::Expectation::at(now));
    assert_eq!(verdict.overall(), Overall::Indeterminate, "{verdict:?}");
}
