//! The fetcher against a local HTTP server that fails in every way the issue lists: each
//! time the CRL held before stays, the failure is on the source, and once nothing proves
//! status the verdict is indeterminate, never valid.

use super::*;
use crate::fetch::test_server::{read_pki as pki, Answer, TestServer};
use crate::verdict::Judged as _;
use crate::{Expectation, Overall};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("a time")
}

fn base() -> Verifier {
    Verifier::builder()
        .trust(Certificate::from_input(&pki("root.cer")).expect("root"))
        .and_then(|b| b.intermediate(Certificate::from_input(&pki("nca_rsa.cer"))?))
        .expect("the test PKI")
        .build()
}

fn config() -> FetchConfig {
    FetchConfig::default()
        .timeout(Duration::from_millis(500))
        .max_crl_len(1024 * 1024)
}

/// The current CRL with thisUpdate, nextUpdate (same-length UTCTime texts) and cRLNumber
/// rewritten, signed again by the CA's key: a CRL the CA could have issued.
fn reissued(this_update: &str, next_update: &str, number: u8) -> Vec<u8> {
    let der = pki("nca_rsa_current.crl");
    let crl = Crl::from_der(der.clone()).expect("the current CRL");
    let mut tbs = crl.tbs().to_vec();
    let replace = |tbs: &mut Vec<u8>, old: &[u8], new: &[u8]| {
        let i = tbs
            .windows(old.len())
            .position(|w| w == old)
            .expect("the field");
        tbs[i..i + old.len()].copy_from_slice(new);
    };
    replace(&mut tbs, b"261101000000Z", this_update.as_bytes());
    replace(&mut tbs, b"270501000000Z", next_update.as_bytes());
    // cRLNumber 0x64: OID 2.5.29.20, OCTET STRING { INTEGER 0x64 }.
    replace(
        &mut tbs,
        &[0x55, 0x1d, 0x14, 0x04, 0x03, 0x02, 0x01, 0x64],
        &[0x55, 0x1d, 0x14, 0x04, 0x03, 0x02, 0x01, number],
    );
    let key = crate::keys::SigningKey::from_pkcs8(&pki("nca_rsa.key.pem"), None).expect("key");
    let signature = key.sign(&tbs).expect("a signature");
    let mut out = der.clone();
    let tbs_at = der
        .windows(crl.tbs().len())
        .position(|w| w == crl.tbs())
        .expect("tbs");
    out[tbs_at..tbs_at + tbs.len()].copy_from_slice(&tbs);
    let sig_at = out.len() - signature.len();
    out[sig_at..].copy_from_slice(&signature);
    Crl::from_der(out.clone()).expect("the reissued CRL reads");
    out
}

fn revoked_verdict(fetcher: &CrlFetcher, now: DateTime<Utc>) -> Overall {
    let verifier = fetcher.verifier(&base()).expect("a verifier");
    let cert = Certificate::from_input(&pki("revoked.cer")).expect("cert");
    verifier
        .check_certificate(&cert, &Expectation::at(now))
        .overall()
}

fn good_verdict(fetcher: &CrlFetcher, now: DateTime<Utc>) -> Overall {
    let verifier = fetcher.verifier(&base()).expect("a verifier");
    let cert = Certificate::from_input(&pki("individual_sign.cer")).expect("cert");
    verifier
        .check_certificate(&cert, &Expectation::at(now))
        .overall()
}

#[test]
fn a_good_crl_is_fetched_and_used() {
    let server = TestServer::start();
    let url = server.set("/nca.crl", Answer::Body(pki("nca_rsa_current.crl")));
    let mut fetcher = CrlFetcher::new(config(), &base());
    let now = at("2026-11-23T00:00:00Z");
    assert_eq!(good_verdict(&fetcher, now), Overall::Indeterminate);
    fetcher.add_url(&url).expect("an http URL");
    assert_eq!(
        fetcher.refresh(now),
        vec![(url.clone(), Refreshed::Updated)]
    );
    assert_eq!(good_verdict(&fetcher, now), Overall::Valid);
    assert_eq!(revoked_verdict(&fetcher, now), Overall::Invalid);
    // Not due again until the interval passes.
    assert!(fetcher.refresh(now).is_empty());
    let next = fetcher.next_refresh().expect("a source");
    assert_eq!(next, now + chrono::Duration::hours(1));
    assert_eq!(
        fetcher.refresh(next),
        vec![(url, Refreshed::Unchanged)],
        "the same CRL again"
    );
    assert_eq!(server.hits("/nca.crl"), 2);
}

/// Every failure the issue lists, after a good CRL: it stays, and the failure is recorded.
/// (Another issuer's CRL, or a delta, is no failure: see
/// `a_crl_of_another_line_is_held_beside_the_others`.)
#[test]
fn every_failure_keeps_the_crl_held() {
    let server = TestServer::start();
    let path = "/nca.crl";
    let url = server.set(path, Answer::Body(pki("nca_rsa_current.crl")));
    let mut fetcher = CrlFetcher::new(config(), &base());
    fetcher.add_url(&url).expect("url");
    let now = at("2026-11-23T00:00:00Z");
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    let held = fetcher.sources()[0].crl().expect("held").der().to_vec();

    let current = pki("nca_rsa_current.crl");
    let cases: Vec<(&str, Answer, &str)> = vec![
        ("404", Answer::Status(404), "status"),
        ("500", Answer::Status(500), "status"),
        ("a 0-byte body", Answer::Body(Vec::new()), "empty"),
        (
            "a truncated CRL",
            Answer::Body(current[..current.len() / 2].to_vec()),
            "unreadable",
        ),
        (
            "a body cut short of its Content-Length",
            Answer::CutShort(current[..1000].to_vec()),
            "connection",
        ),
        (
            "a CRL no configured CA issued",
            Answer::Body(pki("ecdsa_ca.crl")),
            "refused",
        ),
        (
            "a bad signature",
            Answer::Body(pki("nca_rsa_forged.crl")),
            "refused",
        ),
        (
            "a stale CRL",
            Answer::Body(pki("nca_rsa_stale.crl")),
            "refused",
        ),
        (
            "an older CRL",
            Answer::Body(reissued("261001000000Z", "270501000000Z", 0x63)),
            "refused",
        ),
        (
            "the same number again, other contents",
            Answer::Body(reissued("261102000000Z", "270501000000Z", 0x64)),
            "refused",
        ),
        (
            "a CRL from the future",
            Answer::Body(reissued("281101000000Z", "290501000000Z", 0x70)),
            "refused",
        ),
        (
            "a PEM bundle of two CRLs",
            Answer::Body(two_pem_crls()),
            "unreadable",
        ),
        ("a server that never answers", Answer::Silent, "timeout"),
        ("a redirect loop", Answer::RedirectLoop, "redirects"),
        (
            "a 2 GB body, announced",
            Answer::Endless { announced: true },
            "too_large",
        ),
        (
            "a 2 GB body, read to the close",
            Answer::Endless { announced: false },
            "too_large",
        ),
    ];
    for (i, (what, answer, kind)) in cases.into_iter().enumerate() {
        server.set(path, answer);
        let outcome = fetcher.refresh_all(now);
        let [(_, Refreshed::Failed(e))] = outcome.as_slice() else {
            panic!("{what}: {outcome:?}");
        };
        assert_eq!(e.kind(), kind, "{what}: {e}");
        let source = &fetcher.sources()[0];
        assert_eq!(
            source.crl().map(|c| c.der().to_vec()),
            Some(held.clone()),
            "{what}"
        );
        assert_eq!(source.failures(), i as u64 + 1, "{what}");
        assert_eq!(source.last_error(), Some(e), "{what}");
        assert_eq!(good_verdict(&fetcher, now), Overall::Valid, "{what}");
        assert_eq!(revoked_verdict(&fetcher, now), Overall::Invalid, "{what}");
    }
    // The endless bodies were cut at the cap, not read to 2 GB.
    assert!(
        server
            .endless_sent
            .load(std::sync::atomic::Ordering::Relaxed)
            < 64 * 1024 * 1024,
        "{} bytes sent",
        server
            .endless_sent
            .load(std::sync::atomic::Ordering::Relaxed)
    );
    // A failed source is retried at the retry pace.
    assert_eq!(
        fetcher.next_refresh(),
        Some(now + chrono::Duration::minutes(5))
    );
    // A newer CRL the CA issued replaces the held one.
    server.set(
        path,
        Answer::Body(reissued("261120000000Z", "270501000000Z", 0x66)),
    );
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    assert!(fetcher.sources()[0].last_error().is_none());
}

/// A genuine CRL of another line (another issuer's; the CA's delta where its complete CRLs
/// are served) is held beside the CA's CRL, neither refused (one such answer, from an
/// attacker or a mirror, would lock the source for good) nor in its place (it would hide
/// the CA's CRL). The CA's CRL served again is the one in use; a newer one replaces only
/// its own line.
#[test]
fn a_crl_of_another_line_is_held_beside_the_others() {
    let server = TestServer::start();
    let path = "/nca.crl";
    let current = pki("nca_rsa_current.crl");
    let url = server.set(path, Answer::Body(current.clone()));
    let mut fetcher = CrlFetcher::new(config(), &base());
    fetcher.add_url(&url).expect("url");
    let now = at("2026-11-23T00:00:00Z");
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    let ders = |f: &CrlFetcher| -> Vec<Vec<u8>> {
        f.sources()[0]
            .crls()
            .iter()
            .map(|c| c.der().to_vec())
            .collect()
    };
    for (what, body) in [
        ("another issuer's CRL", pki("root.crl")),
        (
            "a delta where complete CRLs are served",
            pki("nca_rsa_delta.crl"),
        ),
    ] {
        server.set(path, Answer::Body(body.clone()));
        assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated, "{what}");
        let source = &fetcher.sources()[0];
        assert_eq!(
            source.crl().map(|c| c.der()),
            Some(body.as_slice()),
            "{what}"
        );
        assert!(
            ders(&fetcher).contains(&current),
            "{what}: the CA's CRL stays"
        );
        assert_eq!(good_verdict(&fetcher, now), Overall::Valid, "{what}");
        assert_eq!(revoked_verdict(&fetcher, now), Overall::Invalid, "{what}");
    }
    assert_eq!(ders(&fetcher).len(), 3);
    // The CA's CRL again: held already, now the one in use (last).
    server.set(path, Answer::Body(current.clone()));
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Unchanged);
    assert_eq!(
        fetcher.sources()[0].crl().map(|c| c.der().to_vec()),
        Some(current.clone())
    );
    // A newer CRL of the CA replaces its line only.
    let newer = reissued("261120000000Z", "270501000000Z", 0x66);
    server.set(path, Answer::Body(newer.clone()));
    assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    let held = ders(&fetcher);
    assert_eq!(held.len(), 3);
    assert!(held.contains(&newer) && !held.contains(&current));
    assert_eq!(revoked_verdict(&fetcher, now), Overall::Invalid);
}

/// Hostile: the source holds the CA's newest CRL; an attacker answers with another line
/// (the root's CRL), then with an older CRL of the CA (an earlier genuine one). The older
/// one is refused as a rollback: the flip to another line did not make the source forget
/// the CA's newest CRL, in memory or across a restart (the cache holds every line).
#[test]
fn another_lines_answer_opens_no_rollback() {
    let dir = std::env::temp_dir().join(format!("qoltanba-crl-lines-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = TestServer::start();
    let path = "/nca.crl";
    let newer = reissued("261115000000Z", "270501000000Z", 0x66);
    let older = pki("nca_rsa_current.crl");
    let root = pki("root.crl");
    let url = server.set(path, Answer::Body(newer.clone()));
    let now = at("2026-11-23T00:00:00Z");
    let is_rollback = |outcome: &[(String, Refreshed)]| {
        matches!(
            outcome,
            [(_, Refreshed::Failed(FetchError::Refused(why)))] if why.contains("older")
        )
    };
    let holds = |f: &CrlFetcher, der: &[u8]| f.sources()[0].crls().iter().any(|c| c.der() == der);
    {
        let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
        fetcher.add_url(&url).expect("url");
        assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
        server.set(path, Answer::Body(root.clone()));
        assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
        server.set(path, Answer::Body(older.clone()));
        let outcome = fetcher.refresh_all(now);
        assert!(is_rollback(&outcome), "{outcome:?}");
        assert!(holds(&fetcher, &newer) && !holds(&fetcher, &older));
        assert_eq!(revoked_verdict(&fetcher, now), Overall::Invalid);
        assert!(fetcher.sources()[0].cache_error().is_none());
    }
    // A restart: the cache gives both lines back, in the order served.
    let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 1);
    let source = &fetcher.sources()[0];
    assert_eq!(source.crls().len(), 2);
    assert_eq!(source.crl().map(|c| c.der()), Some(root.as_slice()));
    let outcome = fetcher.refresh_all(now);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(is_rollback(&outcome), "{outcome:?}");
    assert!(holds(&fetcher, &newer) && !holds(&fetcher, &older));
    assert_eq!(good_verdict(&fetcher, now), Overall::Valid);
    assert_eq!(revoked_verdict(&fetcher, now), Overall::Invalid);
}

/// A cache file dated in the future (written by a clock that was ahead) puts no refresh
/// off: before any `now` is given the source is due at its CRL's nextUpdate-based point at
/// the latest, and the first refresh dates the file's time `now`.
#[test]
fn a_cache_file_from_the_future_puts_no_refresh_off() {
    let dir = std::env::temp_dir().join(format!("qoltanba-crl-mtime-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = TestServer::start();
    // nextUpdate 2026-12-01, a month's lifetime: the point is an hour before.
    let short = reissued("261101000000Z", "261201000000Z", 0x64);
    let url = server.set("/nca.crl", Answer::Body(short));
    let now = at("2026-11-23T00:00:00Z");
    {
        let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
        fetcher.add_url(&url).expect("url");
        assert_eq!(fetcher.refresh_all(now)[0].1, Refreshed::Updated);
    }
    let year_2100 = std::time::UNIX_EPOCH + Duration::from_secs(4_102_444_800);
    for file in std::fs::read_dir(&dir).expect("the cache").flatten() {
        std::fs::File::options()
            .write(true)
            .open(file.path())
            .and_then(|f| f.set_modified(year_2100))
            .expect("set the modification time");
    }
    let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 1);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(fetcher.next_refresh(), Some(at("2026-11-30T23:00:00Z")));
    // The first refresh: the file's time becomes `now`, due again after the interval.
    assert!(fetcher.refresh(now).is_empty());
    assert_eq!(fetcher.sources()[0].last_attempt(), Some(now));
    assert_eq!(
        fetcher.next_refresh(),
        Some(now + chrono::Duration::hours(1))
    );
    // Past the point the cached CRL is fetched again.
    let later = at("2026-11-30T23:00:00Z");
    assert_eq!(fetcher.refresh(later), vec![(url, Refreshed::Unchanged)]);
}

fn two_pem_crls() -> Vec<u8> {
    let one = pem::encode(&pem::Pem::new("X509 CRL", pki("nca_rsa_current.crl")));
    let two = pem::encode(&pem::Pem::new("X509 CRL", pki("root.crl")));
    format!("{one}{two}").into_bytes()
}

/// When the held CRL goes stale and nothing fresher comes, status is not proven: the
/// verdict is indeterminate, never valid (and a revoked certificate stays invalid).
#[test]
fn a_held_crl_that_goes_stale_proves_nothing_good() {
    let server = TestServer::start();
    // A CRL whose nextUpdate (2026-12-01) comes before the certificate expires.
    let short = reissued("261101000000Z", "261201000000Z", 0x64);
    let url = server.set("/nca.crl", Answer::Body(short));
    let mut fetcher = CrlFetcher::new(config(), &base());
    fetcher.add_url(&url).expect("url");
    fetcher.refresh_all(at("2026-11-23T00:00:00Z"));
    assert_eq!(
        good_verdict(&fetcher, at("2026-11-23T00:00:00Z")),
        Overall::Valid
    );
    server.set("/nca.crl", Answer::Status(503));
    let later = at("2026-12-10T00:00:00Z");
    assert!(matches!(
        fetcher.refresh_all(later)[0].1,
        Refreshed::Failed(FetchError::Status(503))
    ));
    assert!(fetcher.sources()[0].crl().is_some(), "kept");
    assert_eq!(good_verdict(&fetcher, later), Overall::Indeterminate);
    assert_eq!(revoked_verdict(&fetcher, later), Overall::Invalid);
}

#[test]
fn the_refresh_comes_before_next_update() {
    let server = TestServer::start();
    let url = server.set("/delta.crl", Answer::Body(pki("nca_rsa_delta.crl")));
    let mut fetcher = CrlFetcher::new(
        config().refresh_interval(chrono::Duration::days(30)),
        &base(),
    );
    fetcher.add_url(&url).expect("url");
    let now = at("2026-11-23T00:00:00Z");
    assert_eq!(fetcher.refresh(now)[0].1, Refreshed::Updated);
    // nextUpdate 2026-12-15, a month's lifetime: an hour before.
    assert_eq!(fetcher.next_refresh(), Some(at("2026-12-14T23:00:00Z")));
}

#[test]
fn the_disk_cache_serves_the_last_good_crl_at_start() {
    let dir = std::env::temp_dir().join(format!("qoltanba-crl-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = TestServer::start();
    let url = server.set("/nca.crl", Answer::Body(pki("nca_rsa_current.crl")));
    let now = at("2026-11-23T00:00:00Z");
    {
        let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
        fetcher.add_url(&url).expect("url");
        fetcher.refresh(now);
        assert!(fetcher.sources()[0].cache_error().is_none());
    }
    // The next start: the network is down, the cache holds the CRL.
    server.set("/nca.crl", Answer::Status(500));
    let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 1);
    fetcher.refresh(now);
    assert_eq!(good_verdict(&fetcher, now), Overall::Valid);
    // A cache file that is no longer a CRL signed by a known CA is not read.
    for file in std::fs::read_dir(&dir).expect("the cache").flatten() {
        std::fs::write(file.path(), pki("nca_rsa_forged.crl")).expect("write");
    }
    let mut fetcher = CrlFetcher::new(config().cache_dir(&dir), &base());
    fetcher.add_url(&url).expect("url");
    assert_eq!(fetcher.load_cache(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn only_http_urls_are_sources() {
    let mut fetcher = CrlFetcher::new(config(), &base());
    for url in [
        "https://crl.pki.gov.kz/nca.crl",
        "file:///etc/passwd",
        "http://",
        "http:///x",
        "ftp://x",
    ] {
        assert!(
            matches!(fetcher.add_url(url), Err(FetchError::Url(_))),
            "{url}"
        );
    }
    assert_eq!(fetcher.add_url("http://crl.pki.gov.kz/nca.crl"), Ok(true));
    assert_eq!(fetcher.add_url("http://crl.pki.gov.kz/nca.crl"), Ok(false));
    for i in 1..MAX_SOURCES {
        fetcher
            .add_url(&format!("http://crl.pki.gov.kz/{i}.crl"))
            .expect("within the bound");
    }
    assert_eq!(
        fetcher.add_url("http://crl.pki.gov.kz/one-more.crl"),
        Err(FetchError::TooManySources { limit: MAX_SOURCES })
    );
}

#[test]
fn sources_are_discovered_from_certificates() {
    let mut fetcher = CrlFetcher::new(config(), &base());
    let cert = Certificate::from_input(&pki("individual_sign.cer")).expect("cert");
    assert_eq!(fetcher.discover([&cert, &cert]), 2);
    let urls: Vec<&str> = fetcher.sources().iter().map(CrlSource::url).collect();
    assert_eq!(
        urls,
        [
            "http://test.qoltanba.invalid/nca_rsa.crl",
            "http://test.qoltanba.invalid/nca_d_rsa.crl"
        ]
    );
}

/// Times at the ends of chrono's range (a huge interval, a clock far ahead) saturate; the
/// schedule never panics.
#[test]
fn extreme_times_do_not_panic() {
    let server = TestServer::start();
    let url = server.set("/nca.crl", Answer::Body(pki("nca_rsa_current.crl")));
    let mut fetcher = CrlFetcher::new(
        config()
            .refresh_interval(chrono::Duration::MAX)
            .retry_after(chrono::Duration::MAX),
        &base(),
    );
    fetcher.add_url(&url).expect("url");
    fetcher.refresh(at("2026-11-23T00:00:00Z"));
    assert!(fetcher.next_refresh().is_some());
    server.set("/nca.crl", Answer::Status(500));
    fetcher.refresh_all(DateTime::<Utc>::MAX_UTC);
    assert_eq!(fetcher.next_refresh(), Some(DateTime::<Utc>::MAX_UTC));
    fetcher.refresh_all(DateTime::<Utc>::MIN_UTC);
}
