//! Review 53 (hostile, within the hour of the fixes): the fixes of e8131a1 (review 51's
//! and 52's findings) attacked at once: `document::verify_codes`' signer check
//! (`provider_check`), `qoltanba barcode verify` judging through `verify::codes`, the
//! codes' CMS read as DER/BER only and the deflate stream's end, `pades::sign`'s locks and
//! count (`refuse_beyond_the_verifier`, `refuse_certified`), `cms::refuse_foreign_key`
//! on every signer, the service's key stores (`Opened::Unproven`) and its 413 on a
//! declared `Content-Length` (`time_bound`).
//!
//! Method. Read `git diff 787ecd1 e8131a1 -- src` and reviews 50 to 52. Output documents
//! signed with the test PKI (`roles/provider_head` the provider's official, BIN
//! 020240000041; `legal_sign` another organisation's, BIN 123456789021; `individual_sign`
//! a private person; `forged_issuer` outside the trust anchor), co-signed with
//! `SignedData::add_signer`, in XML with an Id reference to an earlier signature, and
//! signed by certificates re-issued by the test CA (`common::forge::Ca::reissue`: a second
//! OU BIN, a BIN on a private person's certificate, the legal entity's role removed);
//! each judged by the library under both signer policies with the provider's BIN, another
//! and none, by `/v1/barcode/verify` and by the CLI binary (`--json`, exit code, a stale
//! `--out`). Archives built by hand (one entry, both headers agreeing); memory counted by
//! a per-thread counting allocator (bytes, never time). Raw HTTP/1.1 written by hand for
//! the framing. Key stores built from the test PKI's PEM keys, one with a certificate
//! whose RSA exponent was rewritten (65537 to 65539, a key the library does not verify
//! with). `pades::sign` run until it refuses.
//!
//! Findings (all fixed):
//! 1. (fixed) `barcode_verify_removes_a_stale_out_when_indeterminate` (was `defect_barcode_verify_keeps_a_stale_out_when_indeterminate`): `qoltanba barcode
//!    verify --out FILE` on codes the library cannot judge (a ContentInfo of another type
//!    than SignedData: `Error::Unsupported`) answers INDETERMINATE, exit 3, as the library
//!    and the service do, but leaves FILE with an earlier run's content. Should: a stale
//!    `--out` removed on every verdict that is not valid (as the command's other paths
//!    do). Cause: `src/bin/qoltanba/verify.rs`, `codes`, its `indeterminate` closure does
//!    not go through `finish`.
//! 2. (fixed) `a_certificate_whose_key_cannot_be_verified_signs_nothing` (was `defect_a_certificate_whose_key_cannot_be_verified_signs_with_any_key`):
//!    `cms::refuse_foreign_key` refuses only `SignatureCheck::Invalid`; when the library
//!    cannot verify with the certificate's key (`Unsupported`: an RSA exponent over 65537,
//!    a GOST curve it does not know, an unknown key algorithm) `cms::sign` and
//!    `xmldsig::sign` sign with ANY key in that certificate's name (here `legal_sign`'s
//!    key, `SigningKey::matches` false). The service refuses the same pair as a key store.
//!    Should: anything but `Valid` refused. Cause: `src/cms/sign.rs`, `refuse_foreign_key`
//!    (`_ => Ok(())`).
//! 3. (fixed) `document_issue_refuses_a_private_persons_key` (was `defect_document_issue_signs_with_a_private_persons_key`): `document::issue`,
//!    `issue_xml` and `/v1/document/issue` sign an output document with a private
//!    person's key and return Ok / 200: codes and a PDF "signed with the EDS of the
//!    provider" that `verify_codes` can never call valid. The signer makes what the
//!    verifier refuses. Should: refused before signing unless the certificate is a legal
//!    entity's (role 1.2.398.3.3.4.1.2 and a BIN). Cause: `src/document/mod.rs`, `issue`
//!    and `issue_xml`, nothing asks who signs.
//!
//! What held (`held_` tests): the signer check under `All` and `Any`, with the provider's
//! BIN, another and none, over five signer combinations (a private person, another
//! organisation, an untrusted certificate before or after the provider's official): valid
//! only where the provider's official holds and no other holding signer is not the
//! provider's, never without a BIN; a provider's XML signature covering only an earlier
//! signature never valid; two OU BINs, a private person's certificate with a BIN, the
//! head without the legal entity's role: invalid; the CLI, the library and the service
//! agree on the verdict and exit code, `--profile` and `--legacy-sha1` refused (exit 2);
//! the archive reader refuses stored entries with trailing bytes, a second deflate stream,
//! a trailing zero byte, an entry without a stream, and the deflate check's memory stays
//! within a few caps; `Content-Length` exactly at the bound and one under 200, one over
//! (with or without body, leading zeros, spaces, repeated) 413 at once, a sign, a list,
//! two values, hex, beyond u64: 400, chunked over the bound (also behind a small
//! Content-Length) 413, nothing over the bound answered 200; key stores whose key is not
//! their certificate's refused on `/cms/sign`, `/cms/sign/add`, `/xml/sign`,
//! `/jwt/encode`, `/v1/document/issue`, never vouched for by `/pkcs12/info`; `pades::sign`
//! signs sixteen times, refuses the seventeenth, and the verifier judges all sixteen.
//! No panic was found.
//!
//! Remarks (not failing tests): `barcode verify --json` prints the document's `refusal`
//! (null when the signature holds) beside a verdict the signer check made indeterminate or
//! invalid, where `CodesVerdict::refusal` names the signer check; the reasons are in
//! `content_problems`. `pades::sign` over a certification or lock with `/P 2` or `/P 3`
//! signs (review 50's test), and the verifier's `lock_check` leaves the result unknown for
//! good (it does not compare revisions): not a false valid, but a signature that can never be valid.

mod common;
#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::peak_of;

use common::zip::{crc32, deflate, one_entry};

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use qoltanba::barcode::{self, EncodeOptions};
use qoltanba::cms::{sign, SignRequest, SignedData, SignerPolicy, VerifyOptions};
use qoltanba::document::{self, Field, Fields, OutputDocument};
use qoltanba::keys::{KeyBundle, SigningKey};
use qoltanba::profiles::Profile;
use qoltanba::server::ServerConfig;
use qoltanba::Judged as _;
use qoltanba::{Certificate, Overall};
use serde_json::json;

use common::cli::{qoltanba, text, tmp, trust_args};
use common::pki;

const PROVIDER_BIN: &str = "020240000041";

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

fn cert(who: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(&format!("{who}.cer"))).unwrap()).unwrap()
}

fn key(who: &str) -> SigningKey {
    SigningKey::from_pkcs8(
        &std::fs::read(pki(&format!("{who}.key.pem"))).unwrap(),
        None,
    )
    .unwrap()
}

fn signing_time() -> DateTime<Utc> {
    common::time("2026-11-22T09:30:00Z")
}

fn cms_by(who: &str, content: &[u8]) -> Vec<u8> {
    let c = cert(who);
    sign(content, &SignRequest::new(&c, signing_time()), &key(who)).unwrap()
}

fn cosign(cms: &[u8], who: &str) -> Vec<u8> {
    let c = cert(who);
    SignedData::from_ber(cms)
        .unwrap()
        .add_signer(None, &SignRequest::new(&c, signing_time()), &key(who))
        .unwrap()
}

fn output_document(favor: &str) -> OutputDocument {
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some(favor.into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "Құлжанова Әлия".into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    OutputDocument::new(fields, profile, None, false, created()).unwrap()
}

fn options(favor: &str) -> EncodeOptions {
    let mut o = EncodeOptions::new(favor, created());
    o.chunk_size = 300;
    o
}

fn codes_of(document: &[u8]) -> barcode::Reassembled {
    barcode::decode_texts(&barcode::encode(document, &options("REQ-53")).unwrap().xml()).unwrap()
}

fn verify_with(
    r: &barcode::Reassembled,
    bin: Option<&str>,
    policy: SignerPolicy,
) -> qoltanba::Result<document::CodesVerdict> {
    let mut expectation = qoltanba::Expectation::at(at());
    expectation.bin = bin.map(|b| qoltanba::identity::Bin::parse(b).unwrap());
    let mut o = VerifyOptions::new(expectation);
    o.signers = policy;
    document::verify_codes(r, &common::rsa_verifier(), &o)
}

fn verdict(r: &barcode::Reassembled, bin: Option<&str>, policy: SignerPolicy) -> Overall {
    verify_with(r, bin, policy).unwrap().overall()
}

/// `barcode verify` on the codes of `document`, with `extra` arguments, writing to a
/// stale `--out`: (exit code, JSON line, whether the stale file is still there, output).
fn cli_codes(
    name: &str,
    document: &[u8],
    extra: &[&str],
) -> (Option<i32>, serde_json::Value, Option<Vec<u8>>, String) {
    let set = barcode::encode(document, &options("REQ-53")).unwrap();
    let dir = tmp(name);
    let codes = dir.join("codes");
    std::fs::create_dir_all(&codes).unwrap();
    for (i, t) in set.xml().iter().enumerate() {
        std::fs::write(codes.join(format!("{:03}.xml", i + 1)), t).unwrap();
    }
    let out = dir.join("out.bin");
    std::fs::write(&out, b"STALE: an earlier run's content").unwrap();
    let mut args = vec![
        "barcode".to_string(),
        "verify".into(),
        codes.display().to_string(),
        "--json".into(),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(trust_args());
    args.extend(extra.iter().map(|s| s.to_string()));
    let o = qoltanba(&args);
    let json = String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or(serde_json::Value::Null);
    (o.status.code(), json, std::fs::read(&out).ok(), text(&o))
}

/// `who`'s certificate with its RSA public exponent 65537 rewritten to 65539 (same length):
/// a key the library does not verify with (odd exponents up to 65537 only).
fn cert_with_exponent_65539(who: &str) -> Certificate {
    let der = cert(who).der().to_vec();
    let pattern = [0x02, 0x03, 0x01, 0x00, 0x01];
    let at: Vec<usize> = der
        .windows(5)
        .enumerate()
        .filter(|(_, w)| *w == pattern)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 1, "one exponent 65537 in {who}.cer");
    let mut der = der;
    der[at[0] + 4] = 0x03;
    Certificate::from_der(&der).unwrap()
}

/// Write `request` on a fresh connection, then read the answer (at most 20 s): (status,
/// text).
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let _ = s.write_all(request);
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

const BOUND: usize = 4096;

fn bounded_service() -> common::service::Service {
    let at = at();
    common::service::Service::with_config(
        ServerConfig::new(Arc::new(common::rsa_verifier()), Arc::new(move || at))
            .max_body(BOUND)
            .request_timeout(std::time::Duration::from_secs(5)),
    )
}

/// A `/x509/info` body the service answers 200, padded with spaces to `len` bytes.
fn padded_body(len: usize) -> String {
    let body = json!({"certs": [base64_of(cert("individual_sign").der())]}).to_string();
    assert!(body.len() <= len, "{}", body.len());
    format!("{body}{}", " ".repeat(len - body.len()))
}

fn base64_of(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn post_with(addr: &str, headers: &str, body: &str) -> (u16, String) {
    raw(
        addr,
        format!("POST /x509/info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{headers}Connection: close\r\n\r\n{body}").as_bytes(),
    )
}

fn chunked(body: &str) -> String {
    let mut out = String::new();
    for c in body.as_bytes().chunks(1000) {
        out.push_str(&format!(
            "{:x}\r\n{}\r\n",
            c.len(),
            String::from_utf8_lossy(c)
        ));
    }
    out.push_str("0\r\n\r\n");
    out
}

fn issue_body(signer: serde_json::Value) -> String {
    let profile = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
    let form = &profile.output_forms[0];
    let mut values = serde_json::Map::new();
    for blank in form.blanks() {
        values.insert(blank.to_string(), format!("{blank}: x").into());
    }
    for i in 1..=form.signatories.len() {
        values.insert(format!("signatory_{i}"), format!("S {i}").into());
    }
    json!({"profile": profile.id, "values": values, "favor_id": "R53",
        "at": "2026-11-22T15:30:00+06:00", "signer": signer})
    .to_string()
}

fn bundle(cert_of: Certificate, key_of: &str) -> KeyBundle {
    KeyBundle {
        key: key(key_of),
        certificate: cert_of,
        chain: vec![cert("nca_rsa")],
    }
}

fn reissued(template: &str, edit: impl FnOnce(&mut common::forge::Tbs)) -> Certificate {
    let ca = common::forge::Ca::nca_rsa();
    Certificate::from_der(&ca.reissue(cert(template).der(), edit)).unwrap()
}

fn ou(value: &str) -> Vec<u8> {
    use common::forge::{oid, seq, set_of, tlv};
    set_of(vec![seq(&[&oid("2.5.4.11"), &tlv(0x0c, value.as_bytes())])])
}

fn with_rdn(tbs: &mut common::forge::Tbs, rdn: &[u8]) {
    let mut parts: Vec<Vec<u8>> = common::forge::children(&tbs.subject)
        .iter()
        .map(|p| p.to_vec())
        .collect();
    parts.push(rdn.to_vec());
    let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
    tbs.subject = common::forge::seq(&refs);
}

fn replace_bytes(v: &mut [u8], from: &[u8], to: &[u8]) -> usize {
    assert_eq!(from.len(), to.len());
    let mut n = 0;
    let mut i = 0;
    while i + from.len() <= v.len() {
        if &v[i..i + from.len()] == from {
            v[i..i + from.len()].copy_from_slice(to);
            n += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    n
}

/// A ContentInfo of another content type than SignedData (EnvelopedData, empty): the
/// library cannot judge it (`Error::Unsupported`), so codes carrying it are indeterminate.
const ENVELOPED: [u8; 17] = [
    0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03, 0xa0, 0x02, 0x30,
    0x00,
];

// ---------------------------------------------------------------------------------------
// Findings

/// `qoltanba barcode verify --out FILE` on codes whose document the library cannot judge
/// (here a CMS ContentInfo of another type than SignedData: `Error::Unsupported`) prints
/// INDETERMINATE and exits 3, but leaves FILE as it was: an earlier run's content stays
/// at the path the caller named for this run's verified content. Every other not-valid
/// verdict of the same command removes it ("the verdict is not valid: no content written",
/// `verify::finish` → `files::remove_stale`), as `verify` does.
///
/// Should: the stale `--out` removed whenever the verdict is not valid, the indeterminate
/// answer included. Cause: `src/bin/qoltanba/verify.rs`, `codes`: its `indeterminate`
/// closure prints and returns `exit::INDETERMINATE` without going through `finish`.
///
/// Found by review 53 (was a defect). Fixed: `verify::codes` ends its indeterminate answer through `finish`, which removes a stale `--out`.
#[test]
fn barcode_verify_removes_a_stale_out_when_indeterminate() {
    // The controls: valid writes the content, invalid and indeterminate (no BIN) remove
    // the stale file.
    let content = output_document("REQ-53").to_content();
    let (code, json, out, t) = cli_codes(
        "out-valid",
        &cms_by("roles/provider_head", &content),
        &["--bin", PROVIDER_BIN],
    );
    assert_eq!(
        (code, json["verdict"].as_str()),
        (Some(0), Some("valid")),
        "{t}"
    );
    assert_eq!(out.as_deref(), Some(content.as_slice()), "{t}");
    let (code, _, out, t) = cli_codes(
        "out-person",
        &cms_by("individual_sign", &content),
        &["--bin", PROVIDER_BIN],
    );
    assert_eq!(code, Some(1), "{t}");
    assert!(out.is_none(), "{t}");
    let (code, _, out, t) = cli_codes("out-nobin", &cms_by("roles/provider_head", &content), &[]);
    assert_eq!(code, Some(3), "{t}");
    assert!(out.is_none(), "{t}");
    // The library and the service call the enveloped codes indeterminate too.
    let r = codes_of(&ENVELOPED);
    assert!(matches!(
        verify_with(&r, Some(PROVIDER_BIN), SignerPolicy::All),
        Err(qoltanba::Error::Unsupported(_))
    ));
    let svc = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let set = barcode::encode(&ENVELOPED, &options("REQ-53")).unwrap();
    let (st, a) = svc.post(
        "/v1/barcode/verify",
        &json!({"codes": set.xml(), "bin": PROVIDER_BIN}).to_string(),
    );
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["verdict"]["verdict"], "indeterminate", "{a}");
    // The CLI: indeterminate, exit 3, and the stale file still there.
    let (code, json, out, t) = cli_codes("out-enveloped", &ENVELOPED, &["--bin", PROVIDER_BIN]);
    assert_eq!(code, Some(3), "{t}");
    assert_eq!(json["verdict"], "indeterminate", "{t}");
    assert!(
        out.is_none(),
        "an indeterminate verdict left the stale --out in place ({:?}):\n{t}",
        out.map(|o| String::from_utf8_lossy(&o).to_string())
    );
}

/// `cms::refuse_foreign_key` refuses only `SignatureCheck::Invalid`: when the library
/// cannot verify with the certificate's key (`Unsupported`: an RSA exponent over 65537, a
/// GOST key on a curve it does not know, a key algorithm it does not read), any key signs
/// in that certificate's name. Here `individual_sign`'s certificate, its exponent 65537
/// rewritten to 65539, and `legal_sign`'s key (`SigningKey::matches` says false):
/// `cms::sign` and `xmldsig::sign` return Ok, a document naming a certificate whose key
/// did not sign. The service refuses the very same pair as a key store (`Unproven`, 400 on
/// every signing route): the library signs what the service will not.
///
/// Should: a signature the certificate's key cannot be shown to have made refused
/// (anything but `SignatureCheck::Valid`), as the service's key stores are. Cause:
/// `src/cms/sign.rs`, `refuse_foreign_key` (`_ => Ok(())`), shared by `cms::sign` (and so
/// `pades::sign`, `document::issue`), `xmldsig::sign_with`, `sign_soap` and `/jwt/encode`.
///
/// Found by review 53 (was a defect). Fixed: `cms::refuse_foreign_key` accepts only a signature that verifies with the certificate's key (`SignatureCheck::Valid`).
#[test]
fn a_certificate_whose_key_cannot_be_verified_signs_nothing() {
    let c = cert_with_exponent_65539("individual_sign");
    let foreign = key("legal_sign");
    assert!(!foreign.matches(&c), "the key is not the certificate's");
    // The service, given the same pair as a key store, refuses to sign.
    let at = at();
    let config = ServerConfig::new(Arc::new(common::rsa_verifier()), Arc::new(move || at))
        .key_store("k", bundle(c.clone(), "legal_sign"));
    let s = common::service::Service::with_config(config);
    let (st, a) = s.post(
        "/cms/sign",
        &json!({"data": base64_of(b"x"), "signers": [{"keyStore": "k"}]}).to_string(),
    );
    assert_eq!(st, 400, "{a}");
    // The library signs.
    let cms = sign(b"x", &SignRequest::new(&c, signing_time()), &foreign);
    let xml = qoltanba::xmldsig::sign(b"<a>1</a>", &c, &foreign);
    assert!(
        cms.is_err() && xml.is_err(),
        "signed in the name of a certificate with a key that is not its own: cms::sign {}, xmldsig::sign {}",
        if cms.is_ok() { "Ok" } else { "refused" },
        if xml.is_ok() { "Ok" } else { "refused" },
    );
}

// ---------------------------------------------------------------------------------------
// What held

/// HELD. Who signed an output document (CMS), under both signer policies, with the
/// provider's BIN, another BIN or none: a private person's or another organisation's
/// co-signature never makes it valid unless the provider's official's signature holds
/// and the other does not hold (policy `Any`: one signature suffices, and the one that
/// holds is the provider's); without a BIN never valid.
#[test]
fn held_signers_and_policies_of_a_cms_output_document() {
    use Overall::{Indeterminate as I, Invalid as X, Valid as V};
    let content = output_document("REQ-53").to_content();
    let genuine = cms_by("roles/provider_head", &content);
    let cases = [
        ("genuine", genuine.clone(), [V, V, I, I, X, X]),
        (
            "provider + private person",
            cosign(&genuine, "individual_sign"),
            [X, V, X, X, X, X],
        ),
        (
            "provider + other organisation",
            cosign(&genuine, "legal_sign"),
            [X, V, I, I, X, V],
        ),
        (
            "private person + provider",
            cosign(&cms_by("individual_sign", &content), "roles/provider_head"),
            [X, V, X, X, X, X],
        ),
        (
            "forged issuer + provider",
            cosign(&cms_by("forged_issuer", &content), "roles/provider_head"),
            [X, V, X, I, X, X],
        ),
    ];
    for (name, doc, want) in cases {
        let r = codes_of(&doc);
        let mut got = Vec::new();
        for bin in [Some(PROVIDER_BIN), None, Some("123456789021")] {
            for p in [SignerPolicy::All, SignerPolicy::Any] {
                let v = verify_with(&r, bin, p).unwrap();
                assert_eq!(
                    v.output_document().is_some(),
                    v.overall() == Overall::Valid,
                    "{name}"
                );
                got.push(v.overall());
            }
        }
        assert_eq!(got, want, "{name}");
        // Valid only where the provider's official holds for the BIN expected.
        for (i, g) in got.iter().enumerate() {
            if *g == Overall::Valid {
                assert!(
                    want[i] == V,
                    "{name}: valid where it should not be ({i}: {got:?})"
                );
            }
        }
    }
}

/// HELD. Signed XML: the provider's official signing only an earlier signature (Id
/// reference) over a document a private person, a certificate outside the trust anchor or
/// another organisation signed whole: never valid, nothing handed out, under both
/// policies, with or without the BIN.
#[test]
fn held_xml_provider_signature_over_a_part_only() {
    use qoltanba::xmldsig::{sign_with, XmlSignOptions};
    let xml = output_document("REQ-53").to_xml().unwrap();
    for first_who in ["individual_sign", "forged_issuer", "legal_sign"] {
        let first = sign_with(
            &xml,
            &cert(first_who),
            &key(first_who),
            &XmlSignOptions::default(),
        )
        .unwrap();
        let text = String::from_utf8_lossy(&first).replace(
            "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">",
            "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"s1\">",
        );
        let mut o = XmlSignOptions::default();
        o.reference_id = Some("s1".into());
        let second = sign_with(
            text.as_bytes(),
            &cert("roles/provider_head"),
            &key("roles/provider_head"),
            &o,
        )
        .unwrap();
        let r = codes_of(&second);
        for bin in [Some(PROVIDER_BIN), None] {
            for p in [SignerPolicy::All, SignerPolicy::Any] {
                let v = verify_with(&r, bin, p).unwrap();
                assert_ne!(v.overall(), Overall::Valid, "{first_who} {bin:?} {p:?}");
                assert!(v.output_document().is_none());
            }
        }
    }
}

/// HELD. Certificates re-issued by the test CA: two OU BINs (the provider's beside
/// another), a private person's certificate with the provider's BIN added, the provider's
/// head without the legal entity's role: an output document they sign is invalid with the
/// provider's BIN expected (both policies); the control (the head re-issued unchanged)
/// valid.
#[test]
fn held_bin_and_role_in_other_places() {
    let content = output_document("REQ-53").to_content();
    let legal_role = common::forge::oid("1.2.398.3.3.4.1.2");
    let person_role = common::forge::oid("1.2.398.3.3.4.1.1");
    let cases: Vec<(&str, Certificate, &str, Overall)> = vec![
        (
            "control",
            reissued("roles/provider_head", |_| {}),
            "roles/provider_head",
            Overall::Valid,
        ),
        (
            "two BINs",
            reissued("legal_sign", |t| with_rdn(t, &ou("BIN020240000041"))),
            "legal_sign",
            Overall::Invalid,
        ),
        (
            "private person with a BIN",
            reissued("individual_sign", |t| with_rdn(t, &ou("BIN020240000041"))),
            "individual_sign",
            Overall::Invalid,
        ),
        (
            "head without the legal entity's role",
            reissued("roles/provider_head", |t| {
                assert!(replace_bytes(&mut t.extensions, &legal_role, &person_role) > 0);
            }),
            "roles/provider_head",
            Overall::Invalid,
        ),
    ];
    for (name, c, k, want) in cases {
        let cms = sign(&content, &SignRequest::new(&c, signing_time()), &key(k)).unwrap();
        let r = codes_of(&cms);
        for p in [SignerPolicy::All, SignerPolicy::Any] {
            assert_eq!(verdict(&r, Some(PROVIDER_BIN), p), want, "{name} {p:?}");
        }
    }
}

/// HELD. `barcode verify` against the library and the service on the same codes: the
/// verdict and the exit code agree (valid 0, no BIN indeterminate 3, a private person
/// invalid 1, a private person co-signing with the provider invalid 1), and
/// `--profile` / `--legacy-sha1` are usage errors (exit 2) that write nothing.
#[test]
fn held_cli_library_and_service_agree_on_codes() {
    let content = output_document("REQ-53").to_content();
    let svc = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    for (name, doc, bin, word, code) in [
        (
            "genuine",
            cms_by("roles/provider_head", &content),
            true,
            "valid",
            0,
        ),
        (
            "no bin",
            cms_by("roles/provider_head", &content),
            false,
            "indeterminate",
            3,
        ),
        (
            "person",
            cms_by("individual_sign", &content),
            true,
            "invalid",
            1,
        ),
        (
            "person + provider",
            cosign(&cms_by("individual_sign", &content), "roles/provider_head"),
            true,
            "invalid",
            1,
        ),
    ] {
        let r = codes_of(&doc);
        let lib = verdict(&r, bin.then_some(PROVIDER_BIN), SignerPolicy::All);
        assert_eq!(lib.as_str(), word, "{name}");
        let set = barcode::encode(&doc, &options("REQ-53")).unwrap();
        let mut body = json!({"codes": set.xml()});
        if bin {
            body["bin"] = json!(PROVIDER_BIN);
        }
        let (st, a) = svc.post("/v1/barcode/verify", &body.to_string());
        assert_eq!(st, 200, "{name}: {a}");
        assert_eq!(a["verdict"]["verdict"], word, "{name}: {a}");
        let extra: Vec<&str> = if bin {
            vec!["--bin", PROVIDER_BIN]
        } else {
            vec![]
        };
        let (c, json, _, t) = cli_codes(&format!("agree-{code}-{}", name.len()), &doc, &extra);
        assert_eq!(c, Some(code), "{name}: {t}");
        assert_eq!(json["verdict"], word, "{name}: {t}");
    }
    let doc = cms_by("roles/provider_head", &content);
    for flag in [
        vec!["--legacy-sha1"],
        vec!["--profile", "vko-archive-certificate"],
    ] {
        let mut extra = vec!["--bin", PROVIDER_BIN];
        extra.extend(flag.iter().copied());
        let (c, _, out, t) = cli_codes(&format!("flag-{}", flag.len()), &doc, &extra);
        assert_eq!(c, Some(2), "{flag:?}: {t}");
        // A usage error before anything is judged: the file is not touched either way;
        // never the content.
        assert_ne!(out.as_deref(), Some(content.as_slice()), "{flag:?}");
    }
}

/// HELD. The archive reader: a stored entry with bytes after the document (CRC of the
/// document or of all), a deflate stream followed by a second stream or by one zero
/// byte, a zero-length deflated entry with no stream, a zero-length stored entry
/// followed by bytes: refused. The honest archives (stored, deflated, empty) read.
#[test]
fn held_archive_trailing_bytes_and_zero_length_entries() {
    use qoltanba::barcode::ArchiveLimits;
    let doc = cms_by(
        "roles/provider_head",
        &output_document("REQ-53").to_content(),
    );
    let limits = ArchiveLimits::default();
    let junk = b"UNSIGNED: pay 1 000 000 KZT".to_vec();
    let cat = |a: &[u8], b: &[u8]| [a, b].concat();
    let d = deflate(&doc);
    let n = doc.len() as u32;
    for (name, a, read) in [
        (
            "deflated",
            one_entry(8, crc32(&doc), &d, n),
            Some(doc.len()),
        ),
        (
            "stored",
            one_entry(0, crc32(&doc), &doc, n),
            Some(doc.len()),
        ),
        (
            "stored + junk",
            one_entry(0, crc32(&doc), &cat(&doc, &junk), n),
            None,
        ),
        (
            "stored + junk, CRC of all",
            one_entry(0, crc32(&cat(&doc, &junk)), &cat(&doc, &junk), n),
            None,
        ),
        (
            "deflate, then a second stream",
            one_entry(8, crc32(&doc), &cat(&d, &deflate(&junk)), n),
            None,
        ),
        (
            "two streams, CRC and size of both",
            one_entry(
                8,
                crc32(&cat(&doc, &junk)),
                &cat(&d, &deflate(&junk)),
                n + junk.len() as u32,
            ),
            None,
        ),
        (
            "deflate, then a zero byte",
            one_entry(8, crc32(&doc), &cat(&d, &[0]), n),
            None,
        ),
        (
            "empty deflate stream",
            one_entry(8, 0, &[0x03, 0x00], 0),
            Some(0),
        ),
        ("deflated, no stream", one_entry(8, 0, &[], 0), None),
        ("stored, empty", one_entry(0, 0, &[], 0), Some(0)),
        ("stored, empty + junk", one_entry(0, 0, &junk, 0), None),
    ] {
        let got = barcode::unzip_document(&a, &limits);
        match read {
            Some(len) => assert_eq!(got.map(|v| v.len()).ok(), Some(len), "{name}"),
            None => assert!(got.is_err(), "{name}: read {:?}", got.map(|v| v.len())),
        }
    }
}

/// HELD. The deflate check's work: an entry that inflates to exactly the cap (1 MiB),
/// then trailing bytes inside its compressed size, costs memory within a few caps (the
/// entry inflated once, the check's scratch buffer of 32 KiB), counted by the allocator.
#[test]
fn held_the_deflate_check_is_bounded_in_memory() {
    use qoltanba::barcode::ArchiveLimits;
    let cap = 1 << 20;
    let limits = ArchiveLimits {
        max_document_len: cap,
        ..ArchiveLimits::default()
    };
    let zeros = vec![0u8; cap];
    let mut stored = deflate(&zeros);
    stored.extend_from_slice(&deflate(&zeros));
    let a = one_entry(8, crc32(&zeros), &stored, cap as u32);
    drop(zeros);
    let (result, peak) = peak_of(|| barcode::unzip_document(&a, &limits).map(|v| v.len()));
    assert!(result.is_err(), "{result:?}");
    assert!(peak < 3 * cap + (1 << 20), "peak {peak} bytes, cap {cap}");
}

/// HELD. `Content-Length` against `max_body` (4,096 bytes), counted in bytes: exactly
/// the bound and one under: 200; one over, with or without the body, with leading zeros,
/// with spaces, twice the same: 413 at once; a sign, a list, two different values, hex, a
/// number beyond u64: 400 (hyper); chunked bodies over the bound, also behind a small
/// `Content-Length`: 413; a large `Content-Length` beside a small chunked body: the body
/// read is the chunked one, under the bound (200). Nothing over the bound is answered 200.
#[test]
fn held_declared_lengths_and_framing() {
    let s = bounded_service();
    let over = padded_body(BOUND + 1);
    let big = padded_body(3 * BOUND);
    let cl = |n: usize| format!("Content-Length: {n}\r\n");
    for (name, headers, body, want) in [
        ("at the bound", cl(BOUND), padded_body(BOUND), 200),
        ("one under", cl(BOUND - 1), padded_body(BOUND - 1), 200),
        ("one over", cl(BOUND + 1), over.clone(), 413),
        ("one over, no body", cl(BOUND + 1), String::new(), 413),
        (
            "leading zeros",
            format!("Content-Length: 000{}\r\n", BOUND + 1),
            over.clone(),
            413,
        ),
        (
            "spaces",
            format!("Content-Length:   {}   \r\n", BOUND + 1),
            over.clone(),
            413,
        ),
        (
            "twice the same",
            format!("{}{}", cl(BOUND + 1), cl(BOUND + 1)),
            over.clone(),
            413,
        ),
        (
            "a sign",
            format!("Content-Length: +{}\r\n", BOUND + 1),
            over.clone(),
            400,
        ),
        (
            "two values",
            format!("{}{}", cl(BOUND), cl(BOUND + 1)),
            over.clone(),
            400,
        ),
        (
            "a list",
            format!("Content-Length: {0}, {0}\r\n", BOUND + 1),
            over.clone(),
            400,
        ),
        (
            "hex",
            "Content-Length: 0x1001\r\n".to_string(),
            over.clone(),
            400,
        ),
        (
            "beyond u64",
            "Content-Length: 99999999999999999999999\r\n".to_string(),
            over.clone(),
            400,
        ),
        (
            "small length, chunked over",
            "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n".to_string(),
            chunked(&big),
            413,
        ),
        (
            "chunked over",
            "Transfer-Encoding: chunked\r\n".to_string(),
            chunked(&over),
            413,
        ),
        (
            "chunked at the bound",
            "Transfer-Encoding: chunked\r\n".to_string(),
            chunked(&padded_body(BOUND)),
            200,
        ),
        (
            "large length, chunked small",
            format!("{}Transfer-Encoding: chunked\r\n", cl(3 * BOUND)),
            chunked(&padded_body(2000)),
            200,
        ),
    ] {
        let (st, text) = post_with(&s.addr, &headers, &body);
        assert_eq!(st, want, "{name}: {text}");
    }
}

/// HELD. Key stores whose key is not their certificate's (another key; the certificate's
/// exponent rewritten): every route that takes `keyStore` (`/cms/sign`, `/cms/sign/add`,
/// `/xml/sign`, `/jwt/encode`, `/v1/document/issue`) refuses with 400, `/pkcs12/info`
/// answers `valid: false`, `keyProven: false`; the honest store signs everywhere.
#[test]
fn held_unproven_key_stores_sign_nothing() {
    let at = at();
    let config = ServerConfig::new(Arc::new(common::rsa_verifier()), Arc::new(move || at))
        .key_store(
            "honest",
            bundle(cert("roles/provider_head"), "roles/provider_head"),
        )
        .key_store("foreign", bundle(cert("roles/provider_head"), "legal_sign"))
        .key_store(
            "unreadable",
            bundle(
                cert_with_exponent_65539("roles/provider_head"),
                "roles/provider_head",
            ),
        );
    let s = common::service::Service::with_config(config);
    let cms = base64_of(&cms_by("legal_sign", b"A"));
    for store in ["honest", "foreign", "unreadable"] {
        let want = if store == "honest" { 200 } else { 400 };
        for (route, body) in [
            ("/v1/document/issue", issue_body(json!({"keyStore": store}))),
            (
                "/cms/sign/add",
                json!({"cms": cms, "signers": [{"keyStore": store}]}).to_string(),
            ),
            (
                "/cms/sign",
                json!({"data": base64_of(b"x"), "signers": [{"keyStore": store}]}).to_string(),
            ),
            (
                "/xml/sign",
                json!({"xml": "<doc><a>1</a></doc>", "signers": [{"keyStore": store}]})
                    .to_string(),
            ),
            (
                "/jwt/encode",
                json!({"jwt": {"header": {"alg": "RS256", "typ": "JWT"}, "payload": {"sub": "x"}}, "keyStore": store}).to_string(),
            ),
        ] {
            let (st, a) = s.post(route, &body);
            assert_eq!(st, want, "{store} {route}: {a}");
        }
        let (st, a) = s.post(
            "/pkcs12/info",
            &json!({"keys": [{"keyStore": store}]}).to_string(),
        );
        assert_eq!(st, 200, "{a}");
        let proven = store == "honest";
        assert_eq!(a["signers"][0]["keyProven"], json!(proven), "{store}: {a}");
        if !proven {
            assert_eq!(a["valid"], json!(false), "{store}: {a}");
        }
    }
}

/// HELD. The signer's count of signatures against the verifier's: `classic.pdf` signed
/// sixteen times (`limits::MAX_SIGNATURES`), each by the library's `pades::sign`; the
/// seventeenth refused; the file of sixteen judged whole (sixteen signatures, valid).
#[test]
fn held_the_signer_counts_signatures_as_the_verifier_does() {
    use common::pdf_updates;
    let key = pdf_updates::p12("legal_sign");
    let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"))
        .with_chain(&key.chain);
    let mut pdf = pdf_updates::fixture("classic.pdf");
    let options = qoltanba::pades::PdfSignOptions::new();
    for i in 0..16 {
        pdf = qoltanba::pades::sign(&pdf, &request, &key.key, &options)
            .unwrap_or_else(|e| panic!("signature {}: {e}", i + 1));
    }
    assert!(qoltanba::pades::sign(&pdf, &request, &key.key, &options).is_err());
    let v = pdf_updates::verify(&pdf);
    assert_eq!(v.signatures().len(), 16);
    assert_eq!(v.overall(), Overall::Valid);
}

/// `document::issue` (and `issue_xml`, and the service's `/v1/document/issue`) sign an
/// output document with a private person's key (`individual_sign`: no BIN, no legal
/// entity's role) and return Ok: codes and a printable PDF that say "signed with the EDS
/// of the provider", which the library's own `verify_codes` can never call valid (invalid
/// with any BIN, invalid without). The signer makes what its verifier refuses, as
/// `pades::sign` did over a `/P 1` lock (review 50, fixed by refusing).
///
/// Should: refused before signing (the certificate must be a legal entity's, role
/// 1.2.398.3.3.4.1.2 and a BIN, the rule `provider_check` applies). Cause:
/// `src/document/mod.rs`, `issue` / `issue_xml` (and `src/server/documents.rs`): nothing
/// asks who the signer is.
///
/// Found by review 53 (was a defect). Fixed: `document::issue` and `issue_xml` refuse a certificate that is not a legal entity's with a BIN (`refuse_unfit_signer`, the rule `verify_codes` applies: `codes::provider_signer`).
#[test]
fn document_issue_refuses_a_private_persons_key() {
    use qoltanba::barcode::EcLevel;
    let font = qoltanba::document::Font::bundled().unwrap();
    let doc = output_document("REQ-53");
    let c = cert("individual_sign");
    let chain = vec![cert("nca_rsa")];
    let request = SignRequest::new(&c, doc.issued_at.to_utc()).with_chain(&chain);
    let issued = document::issue(&doc, &request, &key("individual_sign"), EcLevel::M, &font);
    let xml = document::issue_xml(&doc, &request, &key("individual_sign"), EcLevel::M, &font);
    if let Ok(i) = &issued {
        let r = barcode::decode_texts(&i.set.xml()).unwrap();
        for bin in [Some(PROVIDER_BIN), None] {
            assert_ne!(verdict(&r, bin, SignerPolicy::All), Overall::Valid);
        }
    }
    let at = at();
    let config = ServerConfig::new(Arc::new(common::rsa_verifier()), Arc::new(move || at))
        .key_store("person", bundle(cert("individual_sign"), "individual_sign"));
    let s = common::service::Service::with_config(config);
    let (st, _) = s.post(
        "/v1/document/issue",
        &issue_body(json!({"keyStore": "person"})),
    );
    assert!(
        issued.is_err() && xml.is_err() && st == 400,
        "issued with a private person's key: issue {}, issue_xml {}, /v1/document/issue {st}",
        if issued.is_ok() { "Ok" } else { "refused" },
        if xml.is_ok() { "Ok" } else { "refused" },
    );
}
