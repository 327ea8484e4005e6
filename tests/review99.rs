//! Review 99: revocation that keeps itself current (feature `fetch`: `src/fetch/`, the
//! CRL refresh and OCSP client the service and `--fetch` use), last reviewed by review 36.
//!
//! Attacker: runs (or sits in front of, plain http) the servers the CRL and OCSP URLs name,
//! and may answer anything: an error, nothing, a truncated or foreign CRL, the same CRL
//! long after its nextUpdate, an OCSP answer without the nonce or about another serial.
//! Every test serves from a local server on 127.0.0.1 and counts what it receives; no test
//! asserts a duration (a server that never answers meets a short configured time bound).
//!
//! Findings (failing `defect_` tests):
//!
//! * (fixed) `the_same_crl_served_after_its_next_update_counts_as_a_failure` (was
//!   `defect_the_same_crl_served_after_its_next_update_counts_as_a_success`): a CRL server
//!   that keeps serving the CRL already held once it is past its nextUpdate (the CA
//!   stopped publishing, or an attacker replays it) is recorded as `Unchanged`, a success:
//!   `last_error` cleared, `last_success` moved to now, nothing in `/metrics` or the log.
//!   `CrlFetcher::acceptable` (src/fetch/crl.rs) returns `Taken::Held` for a CRL whose
//!   bytes equal a held one before its staleness check. The module promises "a stale CRL is
//!   a FetchError recorded on the source". (The verdict stays indeterminate: the verifier
//!   takes no stale CRL as proof; it is the monitoring that is blind.)
//!   (fixed) `the_service_reports_a_stale_replayed_crl_source_as_down` (was
//!   `defect_the_service_reports_a_stale_replayed_crl_source_as_up`) shows it in the
//!   service: `qoltanba_crl_source_up` stays 1 at `/metrics`.
//! * (fixed) `ocsp_answer_kept_only_until_its_own_next_update` (was
//!   `defect_ocsp_answer_kept_until_another_certificates_next_update`): the OCSP client
//!   keeps a proven answer until the earliest nextUpdate of *any* SingleResponse in it
//!   (`OcspClient::status`, src/fetch/ocsp.rs). An answer whose SingleResponse about the
//!   certificate has no nextUpdate (kept 5 minutes by rule) but which also speaks of
//!   another serial with a nextUpdate a year away is served from the cache for that year:
//!   once the verifier finds it too old (a day), the certificate's status can never be
//!   settled again, and the responder is never asked.
//!
//! Held (passing `held_` tests): each fault the issue lists (404, 500, an empty, truncated
//! or forged CRL, a server that never answers) keeps the last good CRL and shows on the
//! source; a newer CRL that lists the certificate replaces the good one in memory and on
//! disk, and the verdict turns invalid; a held CRL past its nextUpdate proves nothing good;
//! a cache file replaced by a forged CRL is not loaded, a stale cached one is not proof; an
//! unwritable cache folder keeps the fetched CRL in use and says why; a certificate naming
//! hundreds of distribution points and non-http schemes yields at most four http URLs of
//! each kind, and the service fetches each URL it discovers once, not once a request; the
//! OCSP client refuses an answer without the request's nonce or about
//! another serial, and does not keep an answer whose signer is not authorised (which the
//! verifier does not take as good either).

mod common;

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use common::evidence::{self, crl, forger, target, AT};
use common::forge::{self, seq, tlv, Tbs};
use common::http_server::{Reply, Server};
use qoltanba::fetch::{CrlFetcher, FetchConfig, Locations, OcspClient, Refreshed};
use qoltanba::{Certificate, Judged as _, Overall};

// --- helpers ----------------------------------------------------------------------------

fn base() -> qoltanba::Verifier {
    common::rsa_verifier_with_crls(&[], |b| b)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qoltanba-review99-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn verdict(f: &CrlFetcher, now: &str) -> Overall {
    let v = f.verifier(&base()).unwrap();
    v.check_certificate(&target(), &qoltanba::Expectation::at(common::time(now)))
        .overall()
}

/// The CA's good CRL #20: 2026-11-20 .. 2026-12-01 (fresh at [`AT`]), the target not listed.
fn good20() -> Vec<u8> {
    crl(20, "261120000000Z", "261201000000Z", &[])
}

/// After the good CRL's nextUpdate.
const LATER: &str = "2026-12-05T00:00:00Z";

// --- findings ---------------------------------------------------------------------------

/// Tries: the CRL server serves the good CRL #20 (held after the first refresh) again and
/// again, past its nextUpdate (2026-12-01): the CA stopped publishing, or an attacker in
/// front of the plain-http URL replays the last CRL to hide that a new one exists.
///
/// Why: the issue lists "a stale CRL" among the faults whose failure must show in
/// `/metrics` (the operator's only signal that revocation stopped being current); the
/// module documentation says a stale CRL "is a FetchError recorded on the source".
///
/// Expected: the refresh at 2026-12-05 is `Failed` (refused: stale), the source's
/// `last_error` set and `failures` counted. What happens: `Refreshed::Unchanged`, a
/// success; `CrlFetcher::acceptable` (src/fetch/crl.rs) matches the held bytes and returns
/// `Taken::Held` before the staleness check.
///
/// Found by review 99 (was a defect). Fixed: `CrlFetcher::acceptable` refuses a stale CRL (and one
/// issued in the future) before it recognises the CRL held: the same CRL served past its nextUpdate
/// is a counted failure, the last good CRL still held.
#[test]
fn the_same_crl_served_after_its_next_update_counts_as_a_failure() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let mut f = CrlFetcher::new(FetchConfig::default(), &base());
    f.add_url(&server.url("/nca.crl")).unwrap();
    assert_eq!(f.refresh_all(common::time(AT))[0].1, Refreshed::Updated);
    assert_eq!(verdict(&f, AT), Overall::Valid, "the control: fresh, valid");

    let outcome = f.refresh_all(common::time(LATER))[0].1.clone();
    let source = &f.sources()[0];
    eprintln!(
        "stale replay: {outcome:?}, last_error {:?}, failures {}",
        source.last_error(),
        source.failures()
    );
    // Whatever the record, the verdict is not valid (the verifier's own rule).
    assert_ne!(verdict(&f, LATER), Overall::Valid);
    assert!(
        matches!(&outcome, Refreshed::Failed(e) if e.kind() == "refused"),
        "a CRL past its nextUpdate served again is recorded as {outcome:?}"
    );
    assert_eq!(source.failures(), 1);
    assert!(source.last_error().is_some());
}

/// `GET /metrics` of the service at `addr`: the body.
fn metrics(addr: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).expect("read");
    String::from_utf8_lossy(&out).to_string()
}

/// Tries the same replay against the service: its fetcher holds the good CRL #20 (fetched
/// at 2026-11-23); the service's clock reads 2026-12-05, past #20's nextUpdate, and the CRL
/// server still serves #20. The background refresh fetches it (a second request).
///
/// Why: `/metrics` is where the issue wants every failure visible; an operator alerting on
/// `qoltanba_crl_source_up == 0` must learn that no current CRL comes any more.
///
/// Expected: `qoltanba_crl_source_up{url=…} 0` once the refresh ran. What happens: `1`
/// (`CrlFetcher::acceptable`, src/fetch/crl.rs, returns `Taken::Held` before its staleness
/// check; `server/refresh.rs` logs "unchanged").
///
/// Found by review 99 (was a defect). Fixed: as above (`CrlFetcher::acceptable`): the refresh
/// fails, so the source is down in /metrics.
#[test]
fn the_service_reports_a_stale_replayed_crl_source_as_down() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let url = server.url("/nca.crl");
    let mut fetcher = CrlFetcher::new(FetchConfig::default(), &base());
    fetcher.add_url(&url).unwrap();
    assert_eq!(
        fetcher.refresh_all(common::time(AT))[0].1,
        Refreshed::Updated
    );
    let later = common::time(LATER);
    let config = qoltanba::server::ServerConfig::new(Arc::new(base()), Arc::new(move || later))
        .crl_fetcher(fetcher)
        .unwrap();
    let service = common::service::Service::with_config(config);
    let line = format!("qoltanba_crl_source_up{{url=\"{url}\"}}");
    // Bounded by counts: the refresh's request, then the metrics it leaves (at most 200
    // looks, 25 ms apart).
    let mut text = String::new();
    for _ in 0..200 {
        text = metrics(&service.addr);
        if server.hits() >= 2 && text.contains(&format!("{line} 0")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let shown: Vec<&str> = text.lines().filter(|l| l.contains("nca.crl")).collect();
    eprintln!("requests: {}, metrics: {shown:#?}", server.hits());
    assert_eq!(server.hits(), 2, "the refresh at 2026-12-05 ran");
    assert!(
        text.contains(&format!("{line} 0")),
        "a source serving only a CRL past its nextUpdate is shown up: {shown:?}"
    );
}

/// The nonce extension OID (1.3.6.1.5.5.7.48.1.2), DER contents.
const OID_NONCE: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];

/// The 16-octet nonce of an OCSP request the client sent (its extnValue holds an OCTET
/// STRING of 16 octets).
fn request_nonce(body: &[u8]) -> Vec<u8> {
    let mut marker = tlv(0x06, OID_NONCE);
    marker.extend([0x04, 0x12, 0x04, 0x10]);
    let at = body
        .windows(marker.len())
        .position(|w| w == marker.as_slice())
        .expect("the request carries a nonce");
    body[at + marker.len()..at + marker.len() + 16].to_vec()
}

/// An OCSP response of the test PKI's delegated responder (or, with `key`, of a responder
/// of the same name signing with another key), produced at `produced`, these singles, and
/// the responseExtensions nonce `nonce` (none: no extension).
fn ocsp_response(
    produced: &str,
    singles: &[Vec<u8>],
    nonce: Option<&[u8]>,
    key: Option<&str>,
) -> Vec<u8> {
    let responder = evidence::cert("ocsp_responder.cer");
    let key = evidence::key(key.unwrap_or("ocsp_responder.key.pem"));
    let mut tbs = vec![
        tlv(0xA1, responder.subject().der()),
        forge::gen_time(produced),
        tlv(0x30, &singles.concat()),
    ];
    if let Some(n) = nonce {
        let ext = forge::ext(OID_NONCE, false, &tlv(0x04, n));
        tbs.push(tlv(0xA1, &tlv(0x30, &ext)));
    }
    let tbs = tlv(0x30, &tbs.concat());
    let mut bits = vec![0u8];
    bits.extend(key.sign(&tbs).unwrap());
    let certs = tlv(0xA0, &tlv(0x30, responder.der()));
    let basic = seq(&[&tbs, &forge::sha256_rsa(), &tlv(0x03, &bits), &certs]);
    seq(&[
        &[0x0A, 0x01, 0x00],
        &tlv(
            0xA0,
            &seq(&[&tlv(0x06, evidence::OID_OCSP_BASIC), &tlv(0x04, &basic)]),
        ),
    ])
}

const T0: &str = "20261123000000Z";

/// The test PKI's verifier (no CRL of the CA) with `answer` added.
fn with_answer(answer: qoltanba::OcspResponse) -> qoltanba::Verifier {
    evidence::verifier(&[], &[])
        .with_ocsp_responses([answer])
        .unwrap()
}

/// Tries: an authorised responder (the test PKI's delegated one) answers, echoing the
/// nonce, with two SingleResponses: "good" for the target without nextUpdate (RFC 6960:
/// newer information is always available; the client's rule keeps such an answer 5
/// minutes, the verifier takes it a day after thisUpdate), and "good" for another serial
/// with nextUpdate a year away. The target is asked about at 2026-11-23 and again two days
/// later.
///
/// Why: a cached answer must not be reused past the time it speaks for the certificate
/// asked about; otherwise a stale answer is served from memory and the responder, which
/// could settle the status, is never asked again (the issue: "a cached response reused
/// past its nextUpdate").
///
/// Expected: the second question reaches the responder (2 requests). What happens: 1; the
/// answer of 2026-11-23 is returned from the cache, kept until the *other* serial's
/// nextUpdate (`OcspClient::status`, src/fetch/ocsp.rs: `until` is the minimum nextUpdate
/// over every SingleResponse of the answer, not the certificate's own).
///
/// Found by review 99 (was a defect). Fixed: `OcspClient::status` keeps a response until the
/// earliest nextUpdate of its SingleResponses about the certificate asked (a few minutes for one
/// without), not any serial's.
#[test]
fn ocsp_answer_kept_only_until_its_own_next_update() {
    let server = Server::start();
    server.answer(|_, body| {
        let nonce = request_nonce(body);
        let singles = [
            evidence::single(&evidence::serial(), &evidence::good(), T0, None),
            evidence::single(
                &[0x01, 0x02, 0x03],
                &evidence::good(),
                T0,
                Some("20271123000000Z"),
            ),
        ];
        Reply::Body(ocsp_response(T0, &singles, Some(&nonce), None))
    });
    let client = OcspClient::new(&FetchConfig::default());
    let url = server.url("/ocsp");
    let (cert, issuer) = (target(), evidence::ca());
    let first = client
        .status(&url, &cert, &issuer, common::time(AT))
        .unwrap();
    // The control: the answer is proven and makes the target valid on the day.
    let v = with_answer(first);
    let e = qoltanba::Expectation::at(common::time(AT));
    assert_eq!(v.check_certificate(&cert, &e).overall(), Overall::Valid);

    let later = common::time("2026-11-25T00:00:00Z");
    let second = client.status(&url, &cert, &issuer, later).unwrap();
    let v = with_answer(second);
    let judged = v.check_certificate(&cert, &qoltanba::Expectation::at(later));
    eprintln!(
        "requests: {}, verdict two days later: {:?}",
        server.hits(),
        judged.overall()
    );
    assert_ne!(judged.overall(), Overall::Valid);
    assert_eq!(
        server.hits(),
        2,
        "the answer of 2026-11-23 (no nextUpdate for the target) was served from the cache"
    );
}

// --- held: CRL faults --------------------------------------------------------------------

/// Tries each fault the issue lists after a good CRL is held: 404, 500, a 0-byte body, a
/// truncated CRL, the CA's name signed by another key (a forged CRL listing the target), a
/// server that never answers (time bound 300 ms). Expected: each refresh `Failed` with its
/// kind, `failures` counted, the good CRL still the only one held and the verdict valid.
#[test]
fn held_every_fault_keeps_the_last_good_crl() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let config = FetchConfig::default().timeout(Duration::from_millis(300));
    let mut f = CrlFetcher::new(config, &base());
    f.add_url(&server.url("/nca.crl")).unwrap();
    let now = common::time(AT);
    assert_eq!(f.refresh_all(now)[0].1, Refreshed::Updated);
    let good = good20();
    let forged = forger().crl(&evidence::spec(
        30,
        "261121000000Z",
        "261201000000Z",
        &[("261120000000Z", evidence::KEY_COMPROMISE)],
    ));
    let faults = [
        ("404", Reply::Status(404), "status"),
        ("500", Reply::Status(500), "status"),
        ("empty", Reply::Body(Vec::new()), "empty"),
        (
            "truncated",
            Reply::Body(good[..good.len() / 2].to_vec()),
            "unreadable",
        ),
        ("forged", Reply::Body(forged), "refused"),
        ("silent", Reply::Silent, "timeout"),
    ];
    for (i, (what, reply, kind)) in faults.into_iter().enumerate() {
        server.always(reply);
        let outcome = f.refresh_all(now)[0].1.clone();
        eprintln!("{what}: {outcome:?}");
        assert!(
            matches!(&outcome, Refreshed::Failed(e) if e.kind() == kind),
            "{what}: {outcome:?}"
        );
        let s = &f.sources()[0];
        assert_eq!(s.failures(), i as u64 + 1, "{what}");
        assert_eq!(s.crls().len(), 1, "{what}");
        assert_eq!(s.crl().unwrap().der(), good.as_slice(), "{what}");
        assert_eq!(verdict(&f, AT), Overall::Valid, "{what}");
    }
}

/// Tries the swap: the good CRL #20 is held (and cached); the next refresh brings #21,
/// listing the target (key compromise). Expected: `Updated`, #20 gone from memory and from
/// the cache file, the verdict invalid; serving #20 again afterwards is refused (a
/// rollback) and the verdict stays invalid.
#[test]
fn held_a_newer_crl_listing_the_certificate_replaces_the_good_one() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let dir = temp("swap");
    let config = || FetchConfig::default().cache_dir(dir.join("cache"));
    let mut f = CrlFetcher::new(config(), &base());
    let url = server.url("/nca.crl");
    f.add_url(&url).unwrap();
    let now = common::time(AT);
    assert_eq!(f.refresh_all(now)[0].1, Refreshed::Updated);
    assert_eq!(verdict(&f, AT), Overall::Valid);

    let listing = crl(
        21,
        "261122000000Z",
        "261201000000Z",
        &[("261121000000Z", evidence::KEY_COMPROMISE)],
    );
    server.always(Reply::Body(listing.clone()));
    assert_eq!(f.refresh_all(now)[0].1, Refreshed::Updated);
    assert_eq!(f.sources()[0].crls().len(), 1);
    assert_eq!(f.sources()[0].crl().unwrap().der(), listing.as_slice());
    assert_eq!(verdict(&f, AT), Overall::Invalid);

    server.always(Reply::Body(good20()));
    let outcome = f.refresh_all(now)[0].1.clone();
    assert!(
        matches!(&outcome, Refreshed::Failed(e) if e.kind() == "refused"),
        "{outcome:?}"
    );
    assert_eq!(verdict(&f, AT), Overall::Invalid);

    // The cache holds #21 only: a restart does not bring #20 back.
    let mut again = CrlFetcher::new(config(), &base());
    again.add_url(&url).unwrap();
    assert_eq!(again.load_cache(), 1);
    assert_eq!(again.sources()[0].crls().len(), 1);
    assert_eq!(again.sources()[0].crl().unwrap().der(), listing.as_slice());
    assert_eq!(verdict(&again, AT), Overall::Invalid);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Tries: the good CRL is held, then every refresh fails (500) until after its nextUpdate.
/// Expected: the CRL is still held (it still proves what it lists) but proves no good
/// status past its nextUpdate: the verdict is indeterminate, never valid.
#[test]
fn held_a_stale_held_crl_proves_nothing_good_after_failed_refreshes() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let mut f = CrlFetcher::new(FetchConfig::default(), &base());
    f.add_url(&server.url("/nca.crl")).unwrap();
    assert_eq!(f.refresh_all(common::time(AT))[0].1, Refreshed::Updated);
    server.always(Reply::Status(500));
    let outcome = f.refresh_all(common::time(LATER))[0].1.clone();
    assert!(matches!(outcome, Refreshed::Failed(_)), "{outcome:?}");
    assert!(f.sources()[0].crl().is_some());
    assert_eq!(verdict(&f, LATER), Overall::Indeterminate);
}

// --- held: the disk cache ----------------------------------------------------------------

/// Tries: the cache file of a URL (found by its name, a hash) replaced by a CRL of the
/// CA's name signed by another key that omits nothing but claims a later number, and then
/// by a genuine CRL long past its nextUpdate. Expected: the forged file is not loaded
/// (`load_cache` reads 0 sources); the stale genuine one is loaded but proves no good
/// status now (indeterminate).
#[test]
fn held_a_planted_cache_file_is_judged_again() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let dir = temp("planted");
    let cache = dir.join("cache");
    let config = || FetchConfig::default().cache_dir(&cache);
    let url = server.url("/nca.crl");
    let mut f = CrlFetcher::new(config(), &base());
    f.add_url(&url).unwrap();
    assert_eq!(f.refresh_all(common::time(AT))[0].1, Refreshed::Updated);
    let files: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");

    let forged = forger().crl(&evidence::spec(40, "261122000000Z", "270101000000Z", &[]));
    std::fs::write(&files[0], forged).unwrap();
    let mut planted = CrlFetcher::new(config(), &base());
    planted.add_url(&url).unwrap();
    assert_eq!(planted.load_cache(), 0);
    assert!(planted.sources()[0].crl().is_none());
    assert_eq!(verdict(&planted, AT), Overall::Indeterminate);

    let stale = crl(5, "260101000000Z", "260201000000Z", &[]);
    std::fs::write(&files[0], stale).unwrap();
    let mut old = CrlFetcher::new(config(), &base());
    old.add_url(&url).unwrap();
    assert_eq!(old.load_cache(), 1);
    assert_eq!(verdict(&old, AT), Overall::Indeterminate);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Tries: a cache folder that cannot be made (its path is a regular file). Expected: the
/// fetched CRL is held and used all the same (`Updated`, verdict valid), and the source
/// says why it was not written (`cache_error`).
#[test]
fn held_an_unwritable_cache_folder_keeps_the_crl_in_use() {
    let server = Server::start();
    server.always(Reply::Body(good20()));
    let dir = temp("unwritable");
    let file = dir.join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let config = FetchConfig::default().cache_dir(file.join("crl"));
    let mut f = CrlFetcher::new(config, &base());
    f.add_url(&server.url("/nca.crl")).unwrap();
    assert_eq!(f.refresh_all(common::time(AT))[0].1, Refreshed::Updated);
    eprintln!("cache error: {:?}", f.sources()[0].cache_error());
    assert!(f.sources()[0].cache_error().is_some());
    assert_eq!(verdict(&f, AT), Overall::Valid);
    assert_eq!(f.load_cache(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

// --- held: what a certificate makes the fetcher ask --------------------------------------

const OID_CDP: &[u8] = &[0x55, 0x1d, 0x1f];
const OID_FRESHEST: &[u8] = &[0x55, 0x1d, 0x2e];
const OID_AIA: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01];
const ID_AD_OCSP: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

fn dps(uris: &[String]) -> Vec<u8> {
    let list: Vec<Vec<u8>> = uris.iter().map(|u| seq(&[&evidence::dp_name(u)])).collect();
    tlv(0x30, &list.concat())
}

/// The target re-issued by the CA naming these CRL, delta and OCSP URLs.
fn naming(crls: &[String], deltas: &[String], ocsp: &[String]) -> Certificate {
    let der = forge::Ca::nca_rsa().reissue(target().der(), |t: &mut Tbs| {
        let list = forge::children(&t.extensions)[0].to_vec();
        let mut exts: Vec<Vec<u8>> = forge::children(&list)
            .into_iter()
            .filter(|e| {
                let oid = forge::content(forge::children(e)[0]);
                oid != OID_CDP && oid != OID_FRESHEST && oid != OID_AIA
            })
            .map(<[u8]>::to_vec)
            .collect();
        exts.push(forge::ext(OID_CDP, false, &dps(crls)));
        exts.push(forge::ext(OID_FRESHEST, false, &dps(deltas)));
        let aia: Vec<Vec<u8>> = ocsp
            .iter()
            .map(|u| seq(&[&tlv(0x06, ID_AD_OCSP), &tlv(0x86, u.as_bytes())]))
            .collect();
        exts.push(forge::ext(OID_AIA, false, &tlv(0x30, &aia.concat())));
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    Certificate::from_der(&der).expect("the re-issue reads")
}

/// Tries: a CA-issued certificate naming, in each of cRLDistributionPoints, FreshestCRL
/// and authorityInfoAccess, `file:`, `gopher:`, `ldap:`, `https:` URLs, an `http:` URL
/// without a host and one of 3000 characters, then 240 distinct `http://` URLs of the
/// link-local metadata address (under the parser's bound of 256 names: the certificate
/// reads).
/// Expected: `Locations::of` takes only `http://` URLs with a host, at most four of each
/// kind, and `CrlFetcher::discover` adds at most eight sources for it.
#[test]
fn held_a_certificate_naming_hundreds_of_urls_names_at_most_four_of_each() {
    let mut urls: Vec<String> = vec![
        "file:///etc/passwd".into(),
        "gopher://127.0.0.1:70/_x".into(),
        "ldap://127.0.0.1/cn=x".into(),
        "https://127.0.0.1:8443/x.crl".into(),
        "http:///no-host".into(),
        format!("http://127.0.0.1/{}", "a".repeat(3000)),
    ];
    urls.extend((0..240).map(|i| format!("http://169.254.169.254/{i}.crl")));
    let cert = naming(&urls, &urls, &urls);
    let l = Locations::of(&cert);
    eprintln!("{l:?}");
    for list in [&l.crls, &l.delta_crls, &l.ocsp] {
        assert!(list.len() <= 4, "{list:?}");
        assert!(list
            .iter()
            .all(|u| u.starts_with("http://") && u.len() < 100));
    }
    let mut f = CrlFetcher::new(FetchConfig::default(), &base());
    assert!(f.discover([&cert]) <= 8);
    assert!(f.sources().len() <= 8);
}

/// Tries the service with CRL discovery: ten requests carrying the same CA-issued
/// certificate, whose cRLDistributionPoints and FreshestCRL name two URLs of the local
/// server (one serving the good CRL, one answering 500). Expected: each URL is fetched
/// once by the background refresh, not once a request (the clock stands still, so nothing
/// is due again), and the certificate's verdict is valid once its CRL is in.
#[test]
fn held_the_service_fetches_each_discovered_url_once() {
    let server = Server::start();
    server.answer(|path, _| {
        if path == "/nca.crl" {
            Reply::Body(good20())
        } else {
            Reply::Status(500)
        }
    });
    let cert = naming(&[server.url("/nca.crl")], &[server.url("/delta.crl")], &[]);
    let at = common::time(AT);
    let fetcher = CrlFetcher::new(FetchConfig::default(), &base());
    let config = qoltanba::server::ServerConfig::new(Arc::new(base()), Arc::new(move || at))
        .crl_fetcher(fetcher)
        .unwrap()
        .discover_crls();
    let service = common::service::Service::with_config(config);
    let b64 = |b: &[u8]| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(b)
    };
    let body = serde_json::json!({ "certs": [b64(cert.der())] }).to_string();
    let mut valid = false;
    for _ in 0..10 {
        let (status, answer) = service.post("/x509/info", &body);
        assert_eq!(status, 200, "{answer}");
    }
    // Bounded by counts: at most 200 looks, 25 ms apart, for the two fetches and the
    // verdict they make.
    for _ in 0..200 {
        let (_, answer) = service.post("/x509/info", &body);
        valid = answer["valid"] == true;
        if valid && server.hits() >= 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    for _ in 0..20 {
        let _ = service.post("/x509/info", &body);
        std::thread::sleep(Duration::from_millis(10));
    }
    let paths = server.paths();
    eprintln!("requests: {paths:?}");
    assert!(valid, "the discovered CRL made the certificate valid");
    assert_eq!(
        paths.iter().filter(|p| *p == "/nca.crl").count(),
        1,
        "{paths:?}"
    );
    assert_eq!(
        paths.iter().filter(|p| *p == "/delta.crl").count(),
        1,
        "{paths:?}"
    );
}

// --- held: the OCSP client ---------------------------------------------------------------

/// Tries three answers of the authorised responder that are not the answer to the question
/// asked: one without a nonce (a replay), one with another nonce, one echoing the nonce
/// but about another serial only. Expected: each refused (`refused`), and the responder
/// asked each time (nothing kept).
#[test]
fn held_ocsp_answers_without_the_nonce_or_about_another_serial_are_refused() {
    /// A responder's answer made from the request it is given.
    type Answer = Box<dyn Fn(Vec<u8>) -> Vec<u8> + Send + Sync>;
    let server = Server::start();
    let client = OcspClient::new(&FetchConfig::default());
    let url = server.url("/ocsp");
    let (cert, issuer) = (target(), evidence::ca());
    let good = || evidence::single(&evidence::serial(), &evidence::good(), T0, None);
    let cases: Vec<(&str, Answer)> = vec![
        (
            "no nonce",
            Box::new(move |_| ocsp_response(T0, &[good()], None, None)),
        ),
        (
            "another nonce",
            Box::new(move |_| ocsp_response(T0, &[good()], Some(&[7u8; 16]), None)),
        ),
        (
            "another serial",
            Box::new(|n: Vec<u8>| {
                let other = evidence::single(&[0x05, 0x06], &evidence::good(), T0, None);
                ocsp_response(T0, &[other], Some(&n), None)
            }),
        ),
    ];
    for (i, (what, make)) in cases.into_iter().enumerate() {
        let make = Arc::new(make);
        server.answer(move |_, body| Reply::Body(make(request_nonce(body))));
        let e = client
            .status(&url, &cert, &issuer, common::time(AT))
            .expect_err(what);
        eprintln!("{what}: {e}");
        assert_eq!(e.kind(), "refused", "{what}: {e}");
        assert_eq!(server.hits(), i as u64 + 1, "{what}");
    }
}

/// Tries: a responder of the delegated responder's name and certificate, but signing with
/// another key (the end entity's), answering "good" for everything, echoing the nonce.
/// Expected: the client hands the answer over (trust is the verifier's to judge) but keeps
/// none of it (a second question reaches the responder again), and the verifier does not
/// take it: the target, with no CRL, is indeterminate, never valid.
#[test]
fn held_an_unauthorised_good_answer_is_neither_kept_nor_taken() {
    let server = Server::start();
    server.answer(|_, body| {
        let nonce = request_nonce(body);
        let single = evidence::single(&evidence::serial(), &evidence::good(), T0, None);
        let key = Some("individual_sign.key.pem");
        Reply::Body(ocsp_response(T0, &[single], Some(&nonce), key))
    });
    let client = OcspClient::new(&FetchConfig::default());
    let url = server.url("/ocsp");
    let (cert, issuer) = (target(), evidence::ca());
    let now = common::time(AT);
    let answer = client.status(&url, &cert, &issuer, now).unwrap();
    let _ = client.status(&url, &cert, &issuer, now).unwrap();
    assert_eq!(server.hits(), 2, "an unproven answer was kept");
    let v = with_answer(answer);
    let judged = v.check_certificate(&cert, &qoltanba::Expectation::at(now));
    assert_eq!(judged.overall(), Overall::Indeterminate, "{judged:?}");
}
