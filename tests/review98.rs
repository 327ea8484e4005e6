//! Review 98 (hostile): the NCANode routes other than XML: `/cms/verify` (attached and
//! detached `data`), `/cms/extract`, `/x509/verify`, `/x509/info`, `/jwt/decode`,
//! `/jwt/encode`, and the JSON bodies they read (src/server/ncanode.rs, src/server/x509.rs,
//! src/server/jwt/, src/server/signing.rs).
//!
//! The promise attacked: `valid: true` only when the library proves everything the answer
//! implies (every signer valid, a chain to a configured anchor, revocation proven, the
//! content signed being the content returned or given), and no 5xx, panic or unbounded
//! work for what a client sends.
//!
//! Found (both fixed): `/jwt/decode` handed back, under `valid: true`, a payload whose
//! numbers were not the ones signed: an integer beyond 64 bits came back rounded to an f64
//! in exponent form (`jwt_decode_refuses_a_claim_number_it_would_not_hand_out_as_signed`,
//! was `defect_jwt_decode_hands_out_a_claim_number_other_than_the_one_signed`); the
//! encoding side refuses such numbers since review 11, the decoding side did not.
//! `/x509/verify` and `/jwt/decode` called a signature valid when it was made by the TSA's
//! key (critical extendedKeyUsage id-kp-timeStamping alone) or the OCSP responder's
//! (id-kp-OCSPSigning alone), keys RFC 3161 and RFC 5280 bind to those protocols, and
//! which `/cms/verify` refuses; the answer itself said `keyUsage: "UNKNOWN"`
//! (`x509_verify_and_jwt_decode_refuse_tsa_and_ocsp_keys`, was
//! `defect_x509_verify_and_jwt_decode_accept_tsa_and_ocsp_keys`).
//!
//! Held: two SignerInfos of which one is broken (a flipped signature, an unknown
//! algorithm, a messageDigest of other content) are never valid and `/cms/extract` hands
//! nothing out; the answer describes the real signer when another certificate comes first
//! in the CMS; `revocationCheck` never turns revocation off; `subject.iin` comes from
//! `serialNumber` alone; duplicated request members, deeply nested JSON, `alg` none/HMAC,
//! a fifth part and duplicated token members are 400s, never 5xx; an eContentType changed
//! after signing is not valid; an attached CMS given other `data` is not valid, and
//! `/cms/extract` hands out the signed content, never the `data` sent.
//!
//! The service runs in process on loopback (`tests/common/service.rs`), with the RSA side
//! of the test PKI (root.cer trusted, nca_rsa.cer offered, its current CRL), judging at
//! 2026-11-23T00:00:00Z.
#![cfg(feature = "server")]

mod common;

use base64::Engine as _;
use common::forge::{children, element_at, oid, replace_at, seq, tlv, Ca};
use common::jwt::{b64url, decode_body, rs256};
use common::service::Service;
use common::{pki, rsa_verifier, time};
use qoltanba::cms::{SignRequest, SignedData};
use qoltanba::keys::SigningKey;
use qoltanba::Certificate;
use serde_json::{json, Value};

const AT: &str = "2026-11-23T00:00:00Z";

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

fn service() -> Service {
    Service::start(rsa_verifier(), AT)
}

fn cert(who: &str) -> Certificate {
    Certificate::from_input(&file(&format!("{who}.cer"))).unwrap()
}

fn key(who: &str) -> SigningKey {
    SigningKey::from_pkcs8(&file(&format!("{who}.key.pem")), None).unwrap()
}

/// A CMS by `who` over `content`, signingTime `AT`.
fn cms(who: &str, content: &[u8], detached: bool) -> Vec<u8> {
    let c = cert(who);
    let request = SignRequest::new(&c, time(AT)).detached(detached);
    qoltanba::cms::sign(content, &request, &key(who)).unwrap()
}

/// `cms` with a signer `who` added (over the same content).
fn cosigned(cms: &[u8], who: &str) -> Vec<u8> {
    SignedData::from_input(cms)
        .unwrap()
        .add_signer(None, &SignRequest::new(&cert(who), time(AT)), &key(who))
        .unwrap()
}

/// The path of SignedData's children inside a ContentInfo.
const SD: [usize; 2] = [1, 0];

/// The SignerInfos of a CMS (raw).
fn signer_infos(cms: &[u8]) -> Vec<Vec<u8>> {
    let sd = children(element_at(cms, &SD));
    children(sd.last().unwrap())
        .iter()
        .map(|s| s.to_vec())
        .collect()
}

/// `cms` with its SignerInfos replaced by `infos`.
fn with_signer_infos(cms: &[u8], infos: &[Vec<u8>]) -> Vec<u8> {
    let last = children(element_at(cms, &SD)).len() - 1;
    replace_at(cms, &[1, 0, last], &tlv(0x31, &infos.concat()))
}

/// A SignerInfo with its child `i` replaced by `new`.
fn edit_signer_info(si: &[u8], i: usize, new: &[u8]) -> Vec<u8> {
    replace_at(si, &[i], new)
}

/// The serial as `CertificateInfo.serialNumber` writes it (lowercase hex, no leading 0).
fn java_hex(c: &Certificate) -> String {
    let s = c.serial_hex().to_ascii_lowercase();
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.into()
    }
}

// --- defects ---------------------------------------------------------------------------

/// DEFECT (the content returned is not the content signed). A token issuer (not this
/// service) signs `{"sub":"x","amount":123456789012345678901234567890}`: valid JSON, an
/// integer beyond 64 bits. `/jwt/decode` reads the payload into serde_json values (an f64
/// for such an integer) and hands it back under `valid: true` as
/// `1.2345678901234568e29`: a number no one signed. `/jwt/encode` refuses exactly this
/// (review 11: a number that would not be written as sent is a 400); the decoding side
/// has no such guard.
///
/// Expected: the token refused (400, or `valid: false` without `jwt`), or the payload
/// handed back with the number as signed. Observed: `valid: true`, the number rounded.
/// Fault: src/server/jwt/mod.rs `Token::read` reads the payload with `object`
/// (src/server/jwt/json.rs, serde_json `Value`s, no `numbers_as_written` check as
/// `signable_payload` makes), and `decode` hands that `Map` back.
///
/// Found by review 98 (was a defect). Fixed: `Token::read` runs the payload's numbers through
/// `numbers_as_written`, as `/jwt/encode` does: one serde_json would hand out as other text is a
/// 400.
#[test]
fn jwt_decode_refuses_a_claim_number_it_would_not_hand_out_as_signed() {
    let svc = service();
    let digits = "123456789012345678901234567890";
    let jwt = rs256(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        &format!(r#"{{"sub":"x","amount":{digits}}}"#),
        &key("individual_sign"),
    );
    let (status, raw) = svc.post_text("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
    assert!(status < 500, "{status} {raw}");
    let answer: Value = serde_json::from_str(&raw).unwrap_or(Value::Null);
    if status == 200 && answer["valid"] == json!(true) {
        assert!(
            raw.contains(digits),
            "valid: true, and the payload handed back is not the one signed \
             (amount {digits} signed): {raw}"
        );
    }
}

/// DEFECT (false VALID: a key used outside the only purposes its certificate allows).
/// Two certificates of the test CA (issued by nca_rsa.cer, valid at `AT`, not revoked)
/// whose keys exist for the PKI's own protocols: the TSA's (`tsa/tsa.cer`: keyUsage
/// digitalSignature, a *critical* extendedKeyUsage of id-kp-timeStamping alone, as RFC
/// 3161 §2.3 requires so that the key signs time-stamp tokens and nothing else) and the
/// OCSP responder's (`ocsp_responder.cer`: extendedKeyUsage id-kp-OCSPSigning alone). RFC
/// 5280 §4.2.1.12: a certificate with this extension MUST only be used for a purpose it
/// lists. A signature by such a key over arbitrary text (a login challenge, a token
/// `{"sub":"admin"}`) is neither a signature of a document nor an authentication;
/// `/cms/verify` refuses the same keys ("назначение ключа (не допускается)"), yet
/// `/x509/verify` and `/jwt/decode` answer `valid: true`, the answer itself saying
/// `keyUsage: "UNKNOWN"` (neither signing nor authentication).
///
/// Expected: `valid: false` on both routes. Fault: src/server/x509.rs `x509_verify`
/// judges the certificate with `Purpose::Any` and `signs` looks at keyUsage only (not the
/// extendedKeyUsage); src/server/jwt/mod.rs `decode` (with `Token::refusals`) the same.
///
/// Found by review 98 (was a defect). Fixed: x509.rs `signs` (both routes) also asks the
/// extKeyUsage, when present, to allow signing or authentication
/// (`Certificate::extended_key_usage_allows`, the test `key_purposes` makes).
#[test]
fn x509_verify_and_jwt_decode_refuse_tsa_and_ocsp_keys() {
    let svc = service();
    assert!(
        cert("tsa/tsa").extended_key_usage_is_critical(),
        "the test TSA's EKU"
    );
    for who in ["tsa/tsa", "ocsp_responder"] {
        let (c, k) = (cert(who), key(who));
        let data = "login challenge 4711";
        let signature = k.sign(data.as_bytes()).unwrap();
        let (status, r) = svc.post(
            "/x509/verify",
            &json!({
                "certificate": b64(c.der()),
                "signature": b64(&signature),
                "data": data,
            })
            .to_string(),
        );
        assert_eq!(status, 200, "{who}: {r}");
        let jwt = rs256(r#"{"alg":"RS256"}"#, r#"{"sub":"admin"}"#, &k);
        let (status, j) = svc.post(
            "/jwt/decode",
            &json!({"jwt": jwt, "key": b64(c.der())}).to_string(),
        );
        assert_eq!(status, 200, "{who}: {j}");
        assert_eq!(
            (r["valid"].clone(), j["valid"].clone()),
            (json!(false), json!(false)),
            "{who}: a key bound to the PKI's own protocol, its signature over arbitrary \
             data called valid (keyUsage {}): /x509/verify {} /jwt/decode {}",
            r["signers"][0]["keyUsage"],
            r["message"],
            j["message"]
        );
    }
}

// --- held ------------------------------------------------------------------------------

/// HELD. A CMS over "A" with two SignerInfos, the individual's honest and the legal
/// entity's broken three ways: its signature flipped, its signatureAlgorithm an unknown
/// OID, its SignerInfo taken from the legal entity's own valid CMS over "B" (a
/// messageDigest of other content, signed by a real key). Each is `valid: false` on
/// `/cms/verify` and `/cms/extract` hands no `data` out; the honest co-signed CMS is
/// valid with two signers described (the control).
#[test]
fn held_one_broken_signer_of_two_voids_the_cms() {
    let svc = service();
    let honest = cosigned(&cms("individual_sign", b"A", false), "legal_sign");
    let infos = signer_infos(&honest);
    assert_eq!(infos.len(), 2);
    let (st, a) = svc.post("/cms/verify", &json!({"cms": b64(&honest)}).to_string());
    assert_eq!((st, &a["valid"]), (200, &json!(true)), "{a}");
    assert_eq!(a["signers"].as_array().map(Vec::len), Some(2), "{a}");

    let second = &infos[1];
    let kids = children(second);
    // signature: the last OCTET STRING (no unsigned attributes on the library's signers).
    let sig_at = kids.iter().rposition(|k| k[0] == 0x04).unwrap();
    let mut sig = forge_content(kids[sig_at]).to_vec();
    let n = sig.len();
    sig[n - 1] ^= 1;
    let flipped = edit_signer_info(second, sig_at, &tlv(0x04, &sig));
    let unknown_alg = edit_signer_info(
        second,
        sig_at - 1,
        &seq(&[&oid("1.3.6.1.4.1.99999.1.1"), &[0x05, 0x00]]),
    );
    let other_content = signer_infos(&cms("legal_sign", b"B", false)).remove(0);
    for (what, bad) in [
        ("flipped signature", flipped),
        ("unknown algorithm", unknown_alg),
        ("messageDigest of B", other_content),
    ] {
        let forged = with_signer_infos(&honest, &[infos[0].clone(), bad]);
        let (st, a) = svc.post("/cms/verify", &json!({"cms": b64(&forged)}).to_string());
        assert_eq!(st, 200, "{what}: {a}");
        assert_eq!(a["valid"], json!(false), "{what}: {a}");
        let (st, e) = svc.post("/cms/extract", &json!({"cms": b64(&forged)}).to_string());
        assert_eq!(st, 200, "{what}: {e}");
        assert_eq!(e["valid"], json!(false), "{what}: {e}");
        assert!(e.get("data").is_none(), "{what}: content handed out: {e}");
        // Detached, the same with the content given beside it.
        let detached = SignedData::from_input(&forged).unwrap().detach();
        let (st, d) = svc.post(
            "/cms/verify",
            &json!({"cms": b64(&detached), "data": b64(b"A")}).to_string(),
        );
        assert_eq!((st, &d["valid"]), (200, &json!(false)), "{what}: {d}");
    }
}

/// The content octets of a DER element (short or long form length).
fn forge_content(raw: &[u8]) -> &[u8] {
    common::forge::content(raw)
}

/// HELD. The CMS's certificate set lists a stranger first: the legal entity's certificate
/// (valid, of the same CA) before the individual's, who alone signed. The answer's
/// `signers[0].certificates` must describe the signer the SignerInfo names, not the first
/// certificate carried: its serial is the individual's.
#[test]
fn held_the_answer_describes_the_signer_not_the_first_certificate() {
    let svc = service();
    let ind = cert("individual_sign");
    let legal = cert("legal_sign");
    let c = SignRequest::new(&ind, time(AT)).with_chain(std::slice::from_ref(&legal));
    let signed = qoltanba::cms::sign(b"A", &c, &key("individual_sign")).unwrap();
    let sd = children(element_at(&signed, &SD));
    let certs_at = sd.iter().position(|k| k[0] == 0xa0).unwrap();
    let mut certs: Vec<Vec<u8>> = children(sd[certs_at]).iter().map(|c| c.to_vec()).collect();
    assert_eq!(certs.len(), 2);
    certs.reverse();
    assert_eq!(certs[0], legal.der());
    let reordered = replace_at(&signed, &[1, 0, certs_at], &tlv(0xa0, &certs.concat()));
    let (st, a) = svc.post("/cms/verify", &json!({"cms": b64(&reordered)}).to_string());
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["valid"], json!(true), "{a}");
    let described = &a["signers"][0]["certificates"];
    assert_eq!(described.as_array().map(Vec::len), Some(1), "{a}");
    assert_eq!(described[0]["serialNumber"], json!(java_hex(&ind)), "{a}");
    assert_ne!(java_hex(&ind), java_hex(&legal));
}

/// HELD. `revocationCheck` (`[]`, `["OCSP"]`, `["CRL"]`, both) does not turn revocation
/// off: the revoked certificate's honest signature is `valid: false` on `/x509/verify`
/// under each, the individual's `valid: true` under each (the CRL proves it, OCSP is not
/// configured); a value outside NCANode's enum is a 400, never a 5xx.
#[test]
fn held_revocation_check_never_turns_revocation_off() {
    let svc = service();
    let data = "pay 10";
    for (who, want) in [("revoked", false), ("individual_sign", true)] {
        let sig = key(who).sign(data.as_bytes()).unwrap();
        for rc in [
            json!([]),
            json!(["OCSP"]),
            json!(["CRL"]),
            json!(["OCSP", "CRL"]),
        ] {
            let body = json!({
                "certificate": b64(cert(who).der()),
                "signature": b64(&sig),
                "data": data,
                "revocationCheck": rc,
            });
            let (st, a) = svc.post("/x509/verify", &body.to_string());
            assert_eq!(st, 200, "{who} {rc}: {a}");
            assert_eq!(a["valid"], json!(want), "{who} {rc}: {a}");
        }
        let body = json!({
            "certificate": b64(cert(who).der()),
            "signature": b64(&sig),
            "data": data,
            "revocationCheck": ["NONE"],
        });
        let (st, a) = svc.post("/x509/verify", &body.to_string());
        assert_eq!(st, 400, "{who}: {a}");
    }
}

/// A Name of `(OID, UTF8String value)` attributes, one per RDN.
fn name(attrs: &[(&str, &str)]) -> Vec<u8> {
    let rdns: Vec<Vec<u8>> = attrs
        .iter()
        .map(|(o, v)| tlv(0x31, &seq(&[&oid(o), &tlv(0x0c, v.as_bytes())])))
        .collect();
    tlv(0x30, &rdns.concat())
}

/// HELD. `subject.iin` comes from a `serialNumber` "IIN..." alone: a certificate of the
/// test CA whose IIN-shaped text stands in the CN, OU, surname, givenName, organization
/// and locality, but not in serialNumber, is described without an IIN (and gender NONE);
/// the same text in `serialNumber` is read as the IIN (the control).
#[test]
fn held_subject_iin_only_from_serial_number() {
    let svc = service();
    let ca = Ca::nca_rsa();
    let template = file("individual_sign.cer");
    let honest_iin = cert("individual_sign")
        .facts()
        .iin
        .as_ref()
        .map(ToString::to_string)
        .expect("the test PKI's individual has an IIN");
    let text = format!("IIN{honest_iin}");
    let elsewhere = name(&[
        ("2.5.4.3", &text),
        ("2.5.4.4", &text),
        ("2.5.4.42", &text),
        ("2.5.4.10", &text),
        ("2.5.4.11", &text),
        ("2.5.4.7", &text),
        ("2.5.4.6", "KZ"),
    ]);
    let in_serial = name(&[("2.5.4.3", "TEST"), ("2.5.4.5", &text), ("2.5.4.6", "KZ")]);
    for (subject, want) in [(elsewhere, Value::Null), (in_serial, json!(honest_iin))] {
        let forged = ca.reissue(&template, |t| t.subject = subject);
        let (st, a) = svc.post("/x509/info", &json!({"certs": [b64(&forged)]}).to_string());
        assert_eq!(st, 200, "{a}");
        assert_eq!(a["signers"][0]["subject"]["iin"], want, "{a}");
        if want.is_null() {
            assert_eq!(a["signers"][0]["subject"]["gender"], json!("NONE"), "{a}");
        }
    }
}

/// HELD. A request body naming a member twice (`{"cms": A, "cms": B}`) is a 400 on every
/// route read here: the service never judges one copy while a gateway or log before it
/// read the other.
#[test]
fn held_duplicated_request_members_are_400() {
    let svc = service();
    let a = b64(&cms("individual_sign", b"A", false));
    let b = b64(&cms("revoked", b"B", false));
    let c = b64(&file("individual_sign.cer"));
    let r = b64(&file("revoked.cer"));
    for (route, body) in [
        ("/cms/verify", format!(r#"{{"cms":"{a}","cms":"{b}"}}"#)),
        ("/cms/extract", format!(r#"{{"cms":"{b}","cms":"{a}"}}"#)),
        (
            "/cms/verify",
            format!(r#"{{"cms":"{a}","data":"QQ==","data":"Qg=="}}"#),
        ),
        (
            "/x509/info",
            format!(r#"{{"certs":["{r}"],"certs":["{c}"]}}"#),
        ),
        (
            "/x509/verify",
            format!(r#"{{"certificate":"{r}","certificate":"{c}","signature":"AA==","data":"x"}}"#),
        ),
        (
            "/jwt/decode",
            format!(r#"{{"jwt":"a.b.c","jwt":"d.e.f","key":"{c}"}}"#),
        ),
    ] {
        let (st, ans) = svc.post(route, &body);
        assert_eq!(st, 400, "{route}: {ans}");
    }
}

/// HELD. Deeply nested JSON is refused (400) without exhausting the stack: 100 000 levels
/// in `/jwt/encode`'s payload (read first as a raw value, which serde_json does without
/// recursion, then strictly), some 20 000 levels inside a token's payload on
/// `/jwt/decode`, and in `revocationCheck` and `certs`; the service answers afterwards.
#[test]
fn held_deeply_nested_json_is_400() {
    let svc = service();
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let payload = format!(r#"{{"a":{}}}"#, deep(100_000));
    let encode = format!(
        r#"{{"jwt":{{"header":{{"alg":"RS256"}},"payload":{payload}}},{}}}"#,
        r#""key":"AA==","password":"x""#
    );
    let (st, a) = svc.post("/jwt/encode", &encode);
    assert_eq!(st, 400, "{a}");
    let token = rs256(
        r#"{"alg":"RS256"}"#,
        &format!(r#"{{"a":{}}}"#, deep(20_000)),
        &key("individual_sign"),
    );
    let (st, a) = svc.post("/jwt/decode", &decode_body(&token, "individual_sign.cer"));
    assert_eq!(st, 400, "{a}");
    let c = b64(&file("individual_sign.cer"));
    for body in [
        format!(r#"{{"certs":["{c}"],"revocationCheck":{}}}"#, deep(50_000)),
        format!(r#"{{"certs":{}}}"#, deep(50_000)),
    ] {
        let (st, a) = svc.post("/x509/info", &body);
        assert_eq!(st, 400, "{a}");
    }
    let (st, a) = svc.post("/x509/info", &json!({"certs": [c]}).to_string());
    assert_eq!((st, &a["valid"]), (200, &json!(true)), "{a}");
}

/// HELD. Tokens that are not an RS256 signature by the certificate given: `alg` none
/// (with an empty signature), HS256 keyed with the certificate's DER (the classic
/// confusion), ES256 over an RSA key, a header naming `alg` twice (`RS256` then `none`),
/// a payload naming `sub` twice, a fifth part after the signature. None is `valid: true`;
/// the malformed ones are 400s, never 5xx.
#[test]
fn held_jwt_decode_confusions_are_refused() {
    let svc = service();
    let k = key("individual_sign");
    let der = file("individual_sign.cer");
    let none = format!(
        "{}.{}.",
        b64url(br#"{"alg":"none"}"#),
        b64url(br#"{"sub":"admin"}"#)
    );
    let hs_input = format!(
        "{}.{}",
        b64url(br#"{"alg":"HS256"}"#),
        b64url(br#"{"sub":"admin"}"#)
    );
    let hmac = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &der),
        hs_input.as_bytes(),
    );
    let hs256 = format!("{hs_input}.{}", b64url(hmac.as_ref()));
    let es_over_rsa = rs256(r#"{"alg":"ES256"}"#, r#"{"sub":"admin"}"#, &k);
    let two_algs = rs256(r#"{"alg":"RS256","alg":"none"}"#, r#"{"sub":"a"}"#, &k);
    let two_subs = rs256(r#"{"alg":"RS256"}"#, r#"{"sub":"a","sub":"admin"}"#, &k);
    let honest = rs256(r#"{"alg":"RS256"}"#, r#"{"sub":"a"}"#, &k);
    let extra = format!("{honest}.{}", b64url(br#"{"sub":"admin"}"#));
    for (what, jwt, status) in [
        ("none", none, 400),
        ("HS256", hs256, 400),
        ("ES256 over RSA", es_over_rsa, 200),
        ("two algs", two_algs, 400),
        ("two subs", two_subs, 400),
        ("fifth part", extra, 400),
    ] {
        let (st, a) = svc.post("/jwt/decode", &decode_body(&jwt, "individual_sign.cer"));
        assert_eq!(st, status, "{what}: {a}");
        assert_ne!(a["valid"], json!(true), "{what}: {a}");
        assert!(a.get("jwt").is_none(), "{what}: claims handed out: {a}");
    }
    let (st, a) = svc.post("/jwt/decode", &decode_body(&honest, "individual_sign.cer"));
    assert_eq!((st, &a["valid"]), (200, &json!(true)), "{a}");
    assert_eq!(a["jwt"]["payload"], json!({"sub": "a"}), "{a}");
}

/// HELD. An attached CMS given `data` too is judged against the content it carries *and*
/// the one given: `/cms/verify` with the signed content beside it is valid, with other
/// content not; `/cms/extract` ignores `data` and hands out the signed content only
/// (never the `data` sent).
#[test]
fn held_attached_cms_with_data_judges_and_extracts_the_signed_content() {
    let svc = service();
    let attached = cms("individual_sign", b"signed", false);
    for (data, want) in [(&b"signed"[..], true), (b"forged", false)] {
        let (st, a) = svc.post(
            "/cms/verify",
            &json!({"cms": b64(&attached), "data": b64(data)}).to_string(),
        );
        assert_eq!((st, &a["valid"]), (200, &json!(want)), "{a}");
        let (st, e) = svc.post(
            "/cms/extract",
            &json!({"cms": b64(&attached), "data": b64(data)}).to_string(),
        );
        assert_eq!((st, &e["valid"]), (200, &json!(true)), "{e}");
        assert_eq!(unb64(e["data"].as_str().unwrap()), b"signed", "{e}");
    }
}

/// HELD. The encapsulated content's type changed after signing (id-data to
/// id-ct-TSTInfo), the signed contentType attribute still id-data: the signature is not
/// over content of that type, `/cms/verify` is `valid: false` and `/cms/extract` hands out
/// nothing.
#[test]
fn held_content_type_changed_after_signing_is_not_valid() {
    let svc = service();
    let honest = cms("individual_sign", b"A", false);
    let sd = children(element_at(&honest, &SD));
    let encap_at = sd.iter().position(|k| k[0] == 0x30).unwrap();
    let changed = replace_at(
        &honest,
        &[1, 0, encap_at, 0],
        &oid("1.2.840.113549.1.9.16.1.4"),
    );
    assert_ne!(changed, honest);
    let (st, a) = svc.post("/cms/verify", &json!({"cms": b64(&changed)}).to_string());
    assert_eq!((st, &a["valid"]), (200, &json!(false)), "{a}");
    let (st, e) = svc.post("/cms/extract", &json!({"cms": b64(&changed)}).to_string());
    assert_eq!((st, &e["valid"]), (200, &json!(false)), "{e}");
    assert!(e.get("data").is_none(), "{e}");
}
