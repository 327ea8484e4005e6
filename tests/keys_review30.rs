//! Review 30 (hostile): today's fixes of review 27 (`tests/keys_review27.rs`) attacked
//! again: every signing route judging its key (`server::keys::fit_to_sign`), one
//! key-derivation budget per request, a container's key paired with its certificate only
//! when proven (`/pkcs12/info`'s `keyProven`), and the TSA client stamping signers by
//! signature value and checking a token's integrity against its own certificate.
//!
//! Attackers: a remote client of the service; a man in the middle on the TSA's plain http.
//!
//! Tests named `defect_*` assert the safe answer and fail today (each a defect shown);
//! tests named `held_*` are attacks the library withstood, kept as regression tests. The
//! service runs in process on loopback with the RSA side of the test PKI (root.cer trusted,
//! nca_rsa.cer offered, its current CRL), judging at 2026-11-23T00:00:00Z unless said.
#![cfg(feature = "server")]

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;

use base64::Engine as _;
use common::forge::{int, oid, seq, tlv, Ca};
use common::{pki, rsa_verifier, time};
use qoltanba::cms::{SignedData, VerifyOptions};
use qoltanba::Certificate;
use qoltanba::Judged as _;
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";
const TOKEN_ATTR: &str = "1.2.840.113549.1.9.16.2.14";

// --- helpers (as review 27's) ---------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).unwrap()
}

fn pem_der(name: &str) -> Vec<u8> {
    let text = String::from_utf8(file(name)).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    unb64(&body)
}

fn cert_der(name: &str) -> Vec<u8> {
    Certificate::from_input(&file(name)).unwrap().der().to_vec()
}

/// The service on loopback (`common::service`).
type Svc = common::service::Service;

fn config(verifier: qoltanba::Verifier, at: &str) -> qoltanba::server::ServerConfig {
    let at = time(at);
    qoltanba::server::ServerConfig::new(Arc::new(verifier), Arc::new(move || at))
}

fn service() -> Svc {
    Svc::with_config(config(rsa_verifier(), AT))
}

fn info_body(p12: &[u8], password: &str) -> String {
    json!({"keys": [{"key": b64(p12), "password": password}]}).to_string()
}

fn sign_body(p12: &[u8], password: &str, data: &[u8]) -> String {
    json!({"data": b64(data), "signers": [{"key": b64(p12), "password": password}]}).to_string()
}

fn assert_4xx(case: &str, (status, answer): (u16, Value)) {
    assert!((400..500).contains(&status), "{case}: {status} {answer}");
    assert!(answer["message"].is_string(), "{case}: {answer}");
}

// --- PKCS#12 built by hand ----------------------------------------------------------------

fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

fn explicit0(b: &[u8]) -> Vec<u8> {
    tlv(0xA0, b)
}

fn bag(id: &str, value: &[u8]) -> Vec<u8> {
    seq(&[&oid(id), &explicit0(value)])
}

fn key_bag(pkcs8: &[u8]) -> Vec<u8> {
    bag("1.2.840.113549.1.12.10.1.1", pkcs8)
}

fn cert_bag(der: &[u8]) -> Vec<u8> {
    bag(
        "1.2.840.113549.1.12.10.1.3",
        &seq(&[&oid("1.2.840.113549.1.9.22.1"), &explicit0(&octets(der))]),
    )
}

/// An unencrypted PFX without a MAC (taken with any password) of `bags`.
fn pfx_of(bags: &[Vec<u8>]) -> Vec<u8> {
    let content = seq(&[
        &oid("1.2.840.113549.1.7.1"),
        &explicit0(&octets(&tlv(0x30, &bags.concat()))),
    ]);
    let auth_safe = tlv(0x30, &content);
    seq(&[
        &int(&[3]),
        &seq(&[
            &oid("1.2.840.113549.1.7.1"),
            &explicit0(&octets(&auth_safe)),
        ]),
    ])
}

/// `key` (a PKCS#8 PEM file) beside `cert` and the certificates `more`.
fn container(pkcs8: &[u8], cert: &[u8], more: &[Vec<u8>]) -> Vec<u8> {
    let mut bags = vec![key_bag(pkcs8), cert_bag(cert)];
    bags.extend(more.iter().map(|c| cert_bag(c)));
    pfx_of(&bags)
}

fn plain(key: &str, cert: &str) -> Vec<u8> {
    container(&pem_der(key), &cert_der(cert), &[])
}

// --- 1. fit_to_sign on every route, key stores over time ------------------------------------

/// A service whose clock the test moves (seconds since the epoch), with the individual's
/// key as the key store `corp` (opened while its certificate was valid).
fn service_with_moving_clock(clock: Arc<AtomicI64>) -> Svc {
    let bundle = qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12").unwrap();
    let c = clock.clone();
    let cfg = qoltanba::server::ServerConfig::new(
        Arc::new(rsa_verifier()),
        Arc::new(move || chrono::DateTime::from_timestamp(c.load(Ordering::SeqCst), 0).unwrap()),
    )
    .key_store("corp", bundle);
    Svc::with_config(cfg)
}

/// HELD. A key store of the service whose certificate has expired since the service
/// opened it (the individual's, valid to 2027-01-01; the clock moved to 2027-06-01): every
/// route that signs with `keyStore: "corp"` (`/cms/sign`, `/cms/sign/add`, `/xml/sign`,
/// `/wsse/sign`, `/jwt/encode`) refuses it with a 4xx, judged at each request's clock,
/// not once at start. The control: at 2026-11-23 the same requests sign (200).
#[test]
fn held_key_store_whose_certificate_has_since_expired_is_refused_on_every_route() {
    let clock = Arc::new(AtomicI64::new(time(AT).timestamp()));
    let svc = service_with_moving_clock(clock.clone());
    let store = json!({"keyStore": "corp"});
    let key = qoltanba::keys::open_pkcs12(&file("legal_sign.p12"), b"Qwerty12").unwrap();
    let existing = qoltanba::cms::sign(
        b"d",
        &qoltanba::cms::SignRequest::new(&key.certificate, time(AT)),
        &key.key,
    )
    .unwrap();
    let requests = [
        ("/cms/sign", json!({"data": b64(b"d"), "signers": [store]})),
        (
            "/cms/sign/add",
            json!({"cms": b64(&existing), "signers": [store]}),
        ),
        ("/xml/sign", json!({"xml": "<a>1</a>", "signers": [store]})),
        (
            "/wsse/sign",
            json!({"xml": "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><a>1</a></soap:Body></soap:Envelope>", "keyStore": "corp"}),
        ),
        (
            "/jwt/encode",
            json!({"jwt": {"header": {"alg": "RS256", "typ": "JWT"}, "payload": {"sub": "x"}}, "keyStore": "corp"}),
        ),
    ];
    for (route, body) in &requests {
        let (status, r) = svc.post(route, &body.to_string());
        assert_eq!(status, 200, "{route} while valid: {r}");
    }
    clock.store(time("2027-06-01T00:00:00Z").timestamp(), Ordering::SeqCst);
    for (route, body) in &requests {
        assert_4xx(route, svc.post(route, &body.to_string()));
    }
}

/// HELD. A client hides its revoked (or held) certificate's issuer behind a forged one: the
/// container carries, besides `revoked.cer` (revoked on the service's CRL) and its key, a
/// certificate of the same name as the issuing CA with another key (`forged_ca.cer`), in
/// the hope that the path is then "not proven" and `fit_to_sign` lets what cannot be proven
/// sign. The safe answer: 4xx on `/cms/sign` (the genuine path is found all the same).
#[test]
fn held_revoked_key_behind_a_forged_issuer_in_its_container_is_refused() {
    let svc = service();
    for name in ["revoked", "on_hold"] {
        let p12 = container(
            &pem_der(&format!("{name}.key.pem")),
            &cert_der(&format!("{name}.cer")),
            &[cert_der("forged_ca.cer")],
        );
        assert_4xx(name, svc.post("/cms/sign", &sign_body(&p12, "x", b"d")));
    }
}

/// The body of `/v1/document/issue` for the decree's first output form, signed at `at`
/// with `signer`.
fn issue_body(at: &str, signer: Value) -> String {
    let profile = qoltanba::profiles::Profile::by_id("kokpekti-unemployment-certificate").unwrap();
    let form = &profile.output_forms[0];
    let mut values = serde_json::Map::new();
    for blank in form.blanks() {
        values.insert(blank.to_string(), format!("{blank}: x").into());
    }
    for i in 1..=form.signatories.len() {
        values.insert(format!("signatory_{i}"), format!("S {i}").into());
    }
    json!({"profile": profile.id, "values": values, "favor_id": "R30",
        "at": at, "signer": signer})
    .to_string()
}

/// Found by review 30 (was a defect). `/v1/document/issue` signs at the client's `at` (the CMS's signingTime and the
/// document's creationDate), while `fit_to_sign` judges the key at the service's clock
/// only: the legal entity's key (valid 2026-01-01 to 2027-01-01) signs a document dated
/// 2025-06-01, before its certificate existed, and answers 200. The service's own
/// `/v1/barcode/verify` judging the codes at the document's own date calls it invalid
/// ("not yet valid"); judged at the clock it says valid, so the backdating goes unseen. The
/// same for a date after the certificate expired (2027-06-01: 200; that date, later than
/// the clock, the service will not judge at). The safe answer: a 4xx (the
/// key judged at the time it is said to sign, as well as at the clock). The control (the
/// decree's example date, 2026-11-22) issues.
#[test]
fn document_issue_refuses_a_date_its_certificate_was_not_valid_at() {
    let svc = service();
    let signer = json!({"key": b64(&file("legal_sign.p12")), "password": "Qwerty12"});
    let (status, r) = svc.post(
        "/v1/document/issue",
        &issue_body("2026-11-22T15:30:00+06:00", signer.clone()),
    );
    assert_eq!(status, 200, "control: {r}");
    let mut issued = Vec::new();
    for at in ["2025-06-01T00:00:00+06:00", "2027-06-01T00:00:00+06:00"] {
        let (status, r) = svc.post("/v1/document/issue", &issue_body(at, signer.clone()));
        if status == 200 {
            let (_, own) = svc.post(
                "/v1/barcode/verify",
                &json!({"codes": r["codes"], "at": at}).to_string(),
            );
            issued.push(format!(
                "{at}: 200; the codes judged at that date: {} {}",
                own["verdict"]["verdict"], own["verdict"]["refusal"]["en"]
            ));
        } else {
            assert!((400..500).contains(&status), "{at}: {status} {r}");
        }
    }
    assert!(issued.is_empty(), "issued: {issued:#?}");
}

// --- 2. Pairing ------------------------------------------------------------------------------

/// The ECDSA P-256 PKCS#8 of `ecdsa_sign.key.pem` with its private scalar's last octet
/// changed (the public key it carries still the certificate's).
fn ec_pkcs8_other_scalar() -> Vec<u8> {
    let mut der = pem_der("ecdsa_sign.key.pem");
    let at = der
        .windows(5)
        .position(|w| w == [0x02, 0x01, 0x01, 0x04, 0x20])
        .unwrap()
        + 5;
    der[at + 31] ^= 0x01;
    der
}

/// The ECPrivateKey of `ecdsa_sign.key.pem` under the rsaEncryption algorithm OID.
fn ec_key_labelled_rsa() -> Vec<u8> {
    let der = pem_der("ecdsa_sign.key.pem");
    let parts = common::forge::children(&der);
    seq(&[
        parts[0],
        &seq(&[&oid("1.2.840.113549.1.1.1"), &[0x05, 0x00]]),
        parts[2],
    ])
}

/// HELD. `/pkcs12/info` and `/cms/sign` with a key that is not its certificate's, each
/// trying to get the certificate vouched for (`valid: true`) or used: the legal entity's
/// RSA key (same exponent 65537, another modulus) beside the individual's certificate; an
/// EC key whose private scalar is not the public key it carries (the certificate's); the
/// EC key's ECPrivateKey labelled rsaEncryption; the individual's RSA key beside a
/// certificate the issuing CA re-issued with the legal entity's public key. Every one a
/// 4xx, never `valid: true` or a 5xx.
#[test]
fn held_unproven_pairings_are_never_vouched_for_or_used() {
    let svc = service();
    let ca = Ca::nca_rsa();
    let legal_spki = common::forge::Tbs::of(&cert_der("legal_sign.cer")).spki;
    let borrowed = ca.reissue(&cert_der("individual_sign.cer"), |t| t.spki = legal_spki);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "RSA key, another modulus",
            plain("legal_sign.key.pem", "individual_sign.cer"),
        ),
        (
            "EC key, another scalar",
            container(&ec_pkcs8_other_scalar(), &cert_der("ecdsa_sign.cer"), &[]),
        ),
        (
            "EC key labelled RSA",
            container(&ec_key_labelled_rsa(), &cert_der("ecdsa_sign.cer"), &[]),
        ),
        (
            "RSA key, a certificate of another key",
            container(&pem_der("individual_sign.key.pem"), &borrowed, &[]),
        ),
    ];
    for (case, p12) in &cases {
        let (status, r) = svc.post("/pkcs12/info", &info_body(p12, "x"));
        assert_ne!(r["valid"], json!(true), "{case}: {r}");
        assert_4xx(case, (status, r));
        assert_4xx(case, svc.post("/cms/sign", &sign_body(p12, "x", b"d")));
    }
}

// --- 3. The TSA ------------------------------------------------------------------------------

/// A local HTTP server answering each POST with what `answer` makes of its body; counts
/// requests.
struct Responder {
    url: String,
    hits: Arc<AtomicU64>,
}

type Answer = Arc<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>;

impl Responder {
    fn start(answer: Answer) -> Responder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/tsa", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicU64::new(0));
        let h = hits.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                h.fetch_add(1, Ordering::SeqCst);
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                let header_end = loop {
                    if let Some(i) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break request.len(),
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&request[..header_end]).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                while request.len() < header_end + length {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let body = answer(&request[header_end..]);
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .and_then(|()| stream.write_all(&body));
            }
        });
        Responder { url, hits }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qoltanba-r30-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `openssl ts -reply` as a TSA signing with `cert_pem` (a PEM file) and `key_pem`, its
/// ESS certificate identifier under `ess_alg`; `None` without openssl.
fn openssl_tsa_with(
    name: &str,
    cert_pem: PathBuf,
    key_pem: PathBuf,
    ess_alg: &str,
) -> Option<Answer> {
    Command::new("openssl").arg("version").output().ok()?;
    let dir = scratch(name);
    std::fs::write(dir.join("serial"), "01\n").ok()?;
    let cnf = format!(
        "[ tsa ]\ndefault_tsa = c\n[ c ]\nserial = {}\nsigner_cert = {}\nsigner_key = {}\n\
         signer_digest = sha256\ndefault_policy = 1.2.398.3.3.2.6.1\n\
         digests = sha256, sha384, sha512\naccuracy = secs:1\ness_cert_id_alg = {ess_alg}\n",
        dir.join("serial").display(),
        cert_pem.display(),
        key_pem.display()
    );
    std::fs::write(dir.join("ts.cnf"), cnf).ok()?;
    let count = Arc::new(AtomicU64::new(0));
    Some(Arc::new(move |query: &[u8]| {
        let q = dir.join(format!("q{}.tsq", count.fetch_add(1, Ordering::SeqCst)));
        std::fs::write(&q, query).unwrap();
        let out = Command::new("openssl")
            .args(["ts", "-reply", "-config"])
            .arg(dir.join("ts.cnf"))
            .arg("-queryfile")
            .arg(&q)
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default();
        out
    }))
}

/// A PEM file of the certificate `name` of the test PKI.
fn pem_of(name: &str, dir: &std::path::Path) -> PathBuf {
    let path = dir.join(format!("{}.pem", name.replace('/', "_")));
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        b64(&cert_der(name))
    );
    std::fs::write(&path, pem).unwrap();
    path
}

/// The test PKI's genuine TSA (tsa/tsa.cer).
fn genuine_tsa(name: &str) -> Option<Answer> {
    let dir = scratch(&format!("{name}-cert"));
    openssl_tsa_with(
        name,
        pem_of("tsa/tsa.cer", &dir),
        pki("tsa/tsa.key.pem"),
        "sha256",
    )
}

/// A man in the middle's own TSA: a self-signed certificate with the timeStamping
/// extended key usage, made here.
fn rogue_tsa(name: &str) -> Option<Answer> {
    let dir = scratch(&format!("{name}-rogue"));
    let (key, cert) = (dir.join("k.pem"), dir.join("c.pem"));
    let ok = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
        ])
        .args(["-subj", "/CN=rogue TSA/C=KZ"])
        .args(["-addext", "extendedKeyUsage=critical,timeStamping"])
        .args(["-addext", "keyUsage=critical,digitalSignature"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .ok()?
        .status
        .success();
    ok.then(|| openssl_tsa_with(name, cert, key, "sha256"))
        .flatten()
}

/// The service with `tsa_url` as its TSA.
fn service_with_tsa(tsa_url: &str) -> Svc {
    Svc::with_config(
        config(rsa_verifier(), AT)
            .tsa(tsa_url, &qoltanba::fetch::FetchConfig::default())
            .unwrap(),
    )
}

/// The first signer of `cms` judged by the test PKI's verifier at its token's genTime plus
/// a minute: (valid?, overall, refusal). `None` without a token.
fn judge_at_gen_time(cms: &[u8]) -> Option<(bool, String, String)> {
    let signed = SignedData::from_input(cms).unwrap();
    let token = signed.signers()[0]
        .unsigned_attributes()
        .iter()
        .find(|a| a.oid == TOKEN_ATTR)?
        .values
        .first()?
        .clone();
    let token = qoltanba::tsp::TimeStampToken::from_ber(&token).ok()?;
    let at = token.tst_info().gen_time() + chrono::Duration::minutes(1);
    let verdict = signed.verify(&rsa_verifier(), &VerifyOptions::at(at));
    Some((
        verdict.is_valid(),
        format!("{:?}", verdict.overall()),
        format!("{:?}", verdict.refusal().map(|r| r.en().to_string())),
    ))
}

fn stamped(cms: &[u8]) -> usize {
    SignedData::from_input(cms)
        .unwrap()
        .signers()
        .iter()
        .filter(|s| s.unsigned_attributes().iter().any(|a| a.oid == TOKEN_ATTR))
        .count()
}

/// HELD (as far as the verdict goes; see the report). A man in the middle on the TSA's
/// plain http answers `withTsp` with the token of its own TSA (a self-signed certificate
/// with the timeStamping usage) over the imprint and nonce asked for: the token is whole by
/// itself, so `check_integrity` takes it and `/cms/sign` answers 200 with it embedded. The
/// CMS is not made invalid by it (valid at genTime, as with the genuine TSA's token), and
/// it proves nothing later: at 2027-06-01, after the signer's certificate expired, the
/// CMS is invalid with either token. The rogue token is not trusted; what it costs the
/// client is a CAdES-T whose T proves nothing, unannounced.
#[test]
fn held_with_tsp_a_rogue_tsa_token_proves_nothing() {
    let (Some(genuine), Some(rogue)) = (genuine_tsa("g"), rogue_tsa("r")) else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let body = json!({"data": b64(b"the document"), "withTsp": true,
        "signers": [{"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"}]})
    .to_string();
    let tsa = Responder::start(genuine);
    let (status, r) = service_with_tsa(&tsa.url).post("/cms/sign", &body);
    assert_eq!(status, 200, "{r}");
    let good = judge_at_gen_time(&unb64(r["cms"].as_str().unwrap())).unwrap();
    eprintln!("genuine: {good:?}");
    {
        let signed = SignedData::from_input(&unb64(r["cms"].as_str().unwrap())).unwrap();
        let v = signed.verify(
            &rsa_verifier(),
            &VerifyOptions::at(time("2027-06-01T00:00:00Z")),
        );
        eprintln!(
            "genuine at 2027-06-01: {:?} {:?}",
            v.overall(),
            v.refusal().map(|r| r.en().to_string())
        );
    }
    let tsa = Responder::start(rogue);
    let (status, r) = service_with_tsa(&tsa.url).post("/cms/sign", &body);
    eprintln!("rogue: {status} {}", r["message"]);
    if status == 200 {
        let bad = judge_at_gen_time(&unb64(r["cms"].as_str().unwrap())).unwrap();
        eprintln!("rogue judged: {bad:?}");
        let late = |cms: &[u8]| {
            let signed = SignedData::from_input(cms).unwrap();
            let v = signed.verify(
                &rsa_verifier(),
                &VerifyOptions::at(time("2027-06-01T00:00:00Z")),
            );
            format!(
                "{:?} {:?}",
                v.overall(),
                v.refusal().map(|r| r.en().to_string())
            )
        };
        eprintln!(
            "rogue at 2027-06-01: {}",
            late(&unb64(r["cms"].as_str().unwrap()))
        );
        assert_ne!(
            bad.1, "Invalid",
            "200 with a CMS the library judges invalid: {bad:?}"
        );
        assert!(late(&unb64(r["cms"].as_str().unwrap())).starts_with("Invalid"));
    }
}

/// HELD. `TsaClient::timestamp_signers` given the same signature value twice asks the
/// TSA once and stamps that signer once; given no value it asks nothing and returns the
/// CMS as it came; given a value no signer carries it refuses before asking. On a CMS
/// whose two SignerInfos share one signature value (the same key, time and content:
/// PKCS#1 v1.5 is deterministic), one question, both stamped, both valid.
#[test]
fn held_timestamp_signers_with_duplicate_or_absent_values() {
    let Some(genuine) = genuine_tsa("dup") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let key = qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12").unwrap();
    let request = qoltanba::cms::SignRequest::new(&key.certificate, time(AT));
    let one = qoltanba::cms::sign(b"the document", &request, &key.key).unwrap();
    let value = SignedData::from_input(&one).unwrap().signers()[0]
        .signature()
        .to_vec();
    let client = qoltanba::fetch::TsaClient::new(&qoltanba::fetch::FetchConfig::default());
    let tsa = Responder::start(genuine);
    let out = client
        .timestamp_signers(&tsa.url, &one, None, &[&value, &value])
        .unwrap();
    assert_eq!((tsa.hits.load(Ordering::SeqCst), stamped(&out)), (1, 1));
    let same = client.timestamp_signers(&tsa.url, &one, None, &[]).unwrap();
    assert_eq!((tsa.hits.load(Ordering::SeqCst), same == one), (1, true));
    let mut other = value.clone();
    other[0] ^= 1;
    assert!(client
        .timestamp_signers(&tsa.url, &one, None, &[&other])
        .is_err());
    assert_eq!(tsa.hits.load(Ordering::SeqCst), 1);
    // Two SignerInfos with one signature value.
    let twice =
        SignedData::from_input(&one)
            .unwrap()
            .add_signer(Some(b"the document"), &request, &key.key);
    let Ok(twice) = twice else {
        eprintln!("add_signer refused a second identical signer: {twice:?}");
        return;
    };
    let n = SignedData::from_input(&twice).unwrap().signers().len();
    let out = client
        .timestamp_signers(&tsa.url, &twice, None, &[&value])
        .unwrap();
    assert_eq!(
        (n, tsa.hits.load(Ordering::SeqCst), stamped(&out)),
        (n, 2, n)
    );
}

/// HELD. `/cms/sign/add` with `withTsp` on a client's CMS whose two signers share one
/// signature value (the individual's, at the service's clock), adding the legal entity's
/// signer: one TSA question, only the added signer stamped; and adding the individual's
/// own key again (the service's signature value then equals the client's): one question.
#[test]
fn held_cms_sign_add_with_tsp_and_repeated_signature_values() {
    let Some(genuine) = genuine_tsa("add") else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let key = qoltanba::keys::open_pkcs12(&file("individual_sign.p12"), b"Qwerty12").unwrap();
    let request = qoltanba::cms::SignRequest::new(&key.certificate, time(AT));
    let one = qoltanba::cms::sign(b"the document", &request, &key.key).unwrap();
    let twice = SignedData::from_input(&one)
        .unwrap()
        .add_signer(Some(b"the document"), &request, &key.key)
        .unwrap_or(one.clone());
    let before = SignedData::from_input(&twice).unwrap().signers().len();
    let tsa = Responder::start(genuine);
    let svc = service_with_tsa(&tsa.url);
    let body = json!({"cms": b64(&twice), "withTsp": true,
        "signers": [{"key": b64(&file("legal_sign.p12")), "password": "Qwerty12"}]})
    .to_string();
    let (status, r) = svc.post("/cms/sign/add", &body);
    assert_eq!(status, 200, "{r}");
    let out = unb64(r["cms"].as_str().unwrap());
    assert_eq!(
        (
            SignedData::from_input(&out).unwrap().signers().len(),
            tsa.hits.load(Ordering::SeqCst),
            stamped(&out)
        ),
        (before + 1, 1, 1)
    );
    let body = json!({"cms": b64(&twice), "withTsp": true,
        "signers": [{"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"}]})
    .to_string();
    let (status, r) = svc.post("/cms/sign/add", &body);
    eprintln!("same key again: {status} {}", r["message"]);
    assert!(status == 200 || (400..500).contains(&status), "{r}");
    assert!(tsa.hits.load(Ordering::SeqCst) <= 2);
}

/// The test PKI's TSA whose certificate expired on 2026-01-01 (`tsa/tsa_expired.cer`,
/// issued by the trusted root's CA, timeStamping usage): its key, as a man in the middle
/// holding an old or compromised TSA key would use it.
fn expired_tsa(name: &str) -> Option<Answer> {
    let dir = scratch(&format!("{name}-cert"));
    openssl_tsa_with(
        name,
        pem_of("tsa/tsa_expired.cer", &dir),
        pki("tsa/tsa_expired.key.pem"),
        "sha256",
    )
}

/// Found by review 30 (was a defect). A man in the middle on the TSA's plain http (or a TSA key that has expired or
/// been compromised) answers `withTsp` with a token signed under a TSA certificate of the
/// service's own PKI that expired on 2026-01-01: it echoes the nonce and imprint and is
/// whole by itself, so `check_integrity` takes it; `/cms/sign` and `/cms/sign/add` answer
/// 200 "OK", and the library judges the CMS they hand out invalid ("the signature's
/// time-stamp (TSA) (does not verify)"), at the token's genTime as at the service's clock
/// (`/cms/verify`); `/pdf/sign` likewise (its `/pdf/verify`): the same harm review 27 fixed for a broken token (a failing signature
/// handed out without a word), which the client's integrity check alone cannot see. The
/// control: the genuine TSA's token, the CMS valid at genTime. The safe answer: a 502 (the
/// service judges the token's TSA certificate with its own verifier at genTime and refuses
/// a token it would itself call invalid; an unprovable one may pass, as for keys).
#[test]
fn with_tsp_refuses_a_token_of_a_tsa_the_service_itself_calls_invalid() {
    let (Some(genuine), Some(expired)) = (genuine_tsa("ctl"), expired_tsa("exp")) else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let individual = json!({"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"});
    let body =
        json!({"data": b64(b"the document"), "withTsp": true, "signers": [individual]}).to_string();
    let tsa = Responder::start(genuine);
    let (status, r) = service_with_tsa(&tsa.url).post("/cms/sign", &body);
    assert_eq!(status, 200, "{r}");
    let control = judge_at_gen_time(&unb64(r["cms"].as_str().unwrap())).unwrap();
    assert!(control.0, "control: {control:?}");

    let key = qoltanba::keys::open_pkcs12(&file("legal_sign.p12"), b"Qwerty12").unwrap();
    let existing = qoltanba::cms::sign(
        b"the document",
        &qoltanba::cms::SignRequest::new(&key.certificate, time(AT)),
        &key.key,
    )
    .unwrap();
    let add = json!({"cms": b64(&existing), "withTsp": true, "signers": [individual]}).to_string();
    let tsa = Responder::start(expired);
    let svc = service_with_tsa(&tsa.url);
    let mut handed_out = Vec::new();
    for (route, body) in [("/cms/sign", &body), ("/cms/sign/add", &add)] {
        let (status, r) = svc.post(route, body);
        if status == 200 {
            let cms = unb64(r["cms"].as_str().unwrap());
            let signed = SignedData::from_input(&cms).unwrap();
            let token = signed
                .signers()
                .iter()
                .flat_map(|s| s.unsigned_attributes())
                .find(|a| a.oid == TOKEN_ATTR)
                .and_then(|a| a.values.first().cloned())
                .unwrap();
            let token = qoltanba::tsp::TimeStampToken::from_ber(&token).unwrap();
            let at = token.tst_info().gen_time() + chrono::Duration::minutes(1);
            let verdict = signed.verify(&rsa_verifier(), &VerifyOptions::at(at));
            let (_, own) = svc.post("/cms/verify", &json!({"cms": r["cms"]}).to_string());
            if verdict.overall() == qoltanba::Overall::Invalid {
                handed_out.push(format!(
                    "{route}: 200; at genTime: {:?}; the service's /cms/verify: valid {} {}",
                    verdict.refusal().map(|r| r.en().to_string()),
                    own["valid"],
                    own["message"]
                ));
            }
        } else {
            assert_eq!(status, 502, "{route}: {r}");
        }
    }
    // `/pdf/sign`: the token goes into the PAdES CMS before it is embedded.
    let pdf = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pdf/classic.pdf"),
    )
    .unwrap();
    let body = json!({"pdf": b64(&pdf), "withTsp": true, "signers": [{"signer": individual}]});
    let (status, r) = svc.post("/pdf/sign", &body.to_string());
    if status == 200 {
        let (_, own) = svc.post("/pdf/verify", &json!({"pdf": r["pdf"]}).to_string());
        if own["valid"] == json!(false) {
            handed_out.push(format!(
                "/pdf/sign: 200; the service's /pdf/verify: valid false {}",
                own["message"]
            ));
        }
    } else {
        assert_eq!(status, 502, "/pdf/sign: {r}");
    }
    assert!(handed_out.is_empty(), "{handed_out:#?}");
}

/// HELD. `/cms/sign` with the same container twice in `signers` makes two SignerInfos
/// (identical: PKCS#1 v1.5 is deterministic, the time the service's): 200, and the
/// service's own `/cms/verify` calls the CMS valid (no failing signature handed out).
/// With `withTsp`, a token of the genuine TSA in ESS signingCertificate (v1, SHA-1) form is
/// taken and the CMS is valid at its genTime (the NCA's older tokens use v1).
#[test]
fn held_same_container_twice_and_an_ess_v1_token() {
    let svc = service();
    let p12 = json!({"key": b64(&file("individual_sign.p12")), "password": "Qwerty12"});
    let (status, r) = svc.post(
        "/cms/sign",
        &json!({"data": b64(b"d"), "signers": [p12, p12]}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    let (_, v) = svc.post("/cms/verify", &json!({"cms": r["cms"]}).to_string());
    assert_eq!(v["valid"], json!(true), "{v}");
    let dir = scratch("v1-cert");
    let Some(v1) = openssl_tsa_with(
        "v1",
        pem_of("tsa/tsa.cer", &dir),
        pki("tsa/tsa.key.pem"),
        "sha1",
    ) else {
        eprintln!("NOTICE: openssl is absent; skipped");
        return;
    };
    let tsa = Responder::start(v1);
    let body = json!({"data": b64(b"the document"), "withTsp": true, "signers": [p12]}).to_string();
    let (status, r) = service_with_tsa(&tsa.url).post("/cms/sign", &body);
    assert_eq!(status, 200, "{r}");
    let judged = judge_at_gen_time(&unb64(r["cms"].as_str().unwrap())).unwrap();
    assert!(judged.0, "{judged:?}");
}
