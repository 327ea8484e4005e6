//! CMS SignedData: parsing (DER, BER, PEM, base64), verification, signing, adding a signer;
//! interoperability with the OpenSSL command line in both directions (skipped with a
//! notice when `openssl` is absent); the real NCA samples of `../shared/nca-test-pki/`
//! (skipped with a notice when absent); negative cases and truncations.

mod common;

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use qoltanba::cms::{
    sign, SignRequest, SignedData, Signer, SignerPolicy, TimeBasis, TimePolicy, VerifyOptions,
};
use qoltanba::identity::Iin;
use qoltanba::{Certificate, CheckName, Outcome, Overall, Verifier};
use qoltanba::{HashAlgorithm, SignatureAlgorithm};
use ring::rand::SystemRandom;
use ring::signature as rs;

const CONTENT: &[u8] = "Өтініш: мемлекеттік қызмет / Заявление на госуслугу\n".as_bytes();

// ---------------------------------------------------------------------------------------
// Fixtures

use common::pki;

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn at() -> DateTime<Utc> {
    common::time("2026-11-23T00:00:00Z")
}

fn signing_time() -> DateTime<Utc> {
    common::time("2026-11-22T09:30:00Z")
}

fn pkcs8(name: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(pki(name)).unwrap();
    pem::parse(text).unwrap().into_contents()
}

/// RSA PKCS#1 v1.5 SHA-256 through ring.
struct RsaKey(rs::RsaKeyPair);

impl RsaKey {
    fn load(name: &str) -> RsaKey {
        RsaKey(rs::RsaKeyPair::from_pkcs8(&pkcs8(name)).unwrap())
    }
}

impl Signer for RsaKey {
    fn signature_algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)
    }
    fn sign(&self, msg: &[u8]) -> qoltanba::Result<Vec<u8>> {
        let mut sig = vec![0; self.0.public().modulus_len()];
        self.0
            .sign(&rs::RSA_PKCS1_SHA256, &SystemRandom::new(), msg, &mut sig)
            .map_err(|_| qoltanba::Error::Unsupported("ring RSA signing failed".into()))?;
        Ok(sig)
    }
}

/// ECDSA P-256 SHA-256 through ring.
struct EcKey(rs::EcdsaKeyPair);

impl EcKey {
    fn load(name: &str) -> EcKey {
        EcKey(
            rs::EcdsaKeyPair::from_pkcs8(
                &rs::ECDSA_P256_SHA256_ASN1_SIGNING,
                &pkcs8(name),
                &SystemRandom::new(),
            )
            .unwrap(),
        )
    }
}

impl Signer for EcKey {
    fn signature_algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256)
    }
    fn sign(&self, msg: &[u8]) -> qoltanba::Result<Vec<u8>> {
        Ok(self
            .0
            .sign(&SystemRandom::new(), msg)
            .map_err(|_| qoltanba::Error::Unsupported("ring ECDSA signing failed".into()))?
            .as_ref()
            .to_vec())
    }
}

/// Trust the project's root; nca_rsa and ecdsa_ca offered; both CAs' current CRLs.
fn verifier() -> Verifier {
    Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .intermediate_path(pki("ecdsa_ca.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("ecdsa_ca.crl"))
        .unwrap()
        .build()
}

/// Trust only the root: the chain must come from the CMS itself.
fn root_only_verifier() -> Verifier {
    Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(pki("ecdsa_ca.crl"))
        .unwrap()
        .build()
}

fn sign_rsa(content: &[u8], detached: bool) -> Vec<u8> {
    let c = cert("individual_sign.cer");
    let chain = [cert("nca_rsa.cer")];
    let req = SignRequest::new(&c, signing_time())
        .with_chain(&chain)
        .detached(detached);
    sign(content, &req, &RsaKey::load("individual_sign.key.pem")).unwrap()
}

fn outcome(checks: &[qoltanba::Check], name: CheckName) -> Outcome {
    checks
        .iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("check {name:?} missing: {checks:#?}"))
        .outcome()
}

fn replace_all(haystack: &mut [u8], needle: &[u8], with: &[u8]) -> usize {
    assert_eq!(needle.len(), with.len());
    let mut n = 0;
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            haystack[i..i + needle.len()].copy_from_slice(with);
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

// ---------------------------------------------------------------------------------------
// A tiny DER writer and a BER re-encoder, to build inputs the library would not produce.

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else if n < 0x10000 {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    } else {
        out.extend_from_slice(&[0x83, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

const OID_DATA: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
];
const OID_SIGNED_DATA: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
];
const OID_CONTENT_TYPE: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x03,
];
const OID_MESSAGE_DIGEST: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04,
];
const OID_SIGNING_TIME: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05,
];
const SHA256_ID: &[u8] = &[
    0x30, 0x0B, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
];
const SHA256_RSA_ID: &[u8] = &[
    0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00,
];

fn attr(oid: &[u8], value: &[u8]) -> Vec<u8> {
    seq(&[oid, &tlv(0x31, value)])
}

fn sha256(data: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, data)
        .as_ref()
        .to_vec()
}

/// A hand-assembled attached SignedData with exactly the signed attributes given (or none),
/// validly signed by `key` for `signer`.
fn assemble(
    content: &[u8],
    attrs: Option<Vec<Vec<u8>>>,
    key: &RsaKey,
    signer: &Certificate,
) -> Vec<u8> {
    assemble_with(content, attrs, key, signer, SHA256_ID, SHA256_RSA_ID)
}

/// As [`assemble`], naming the given digest and signature AlgorithmIdentifiers.
fn assemble_with(
    content: &[u8],
    attrs: Option<Vec<Vec<u8>>>,
    key: &RsaKey,
    signer: &Certificate,
    digest_id: &[u8],
    signature_id: &[u8],
) -> Vec<u8> {
    let (signed_attrs, signature) = match attrs {
        Some(mut a) => {
            a.sort();
            let set = tlv(0x31, &a.concat());
            let sig = key.sign(&set).unwrap();
            let mut implicit = set;
            implicit[0] = 0xA0;
            (implicit, sig)
        }
        None => (Vec::new(), key.sign(content).unwrap()),
    };
    let sid = seq(&[signer.issuer().der(), &tlv(0x02, signer.serial())]);
    let si = seq(&[
        &[0x02, 0x01, 0x01],
        &sid,
        digest_id,
        &signed_attrs,
        signature_id,
        &tlv(0x04, &signature),
    ]);
    let eci = seq(&[OID_DATA, &tlv(0xA0, &tlv(0x04, content))]);
    let sd = seq(&[
        &[0x02, 0x01, 0x01],
        &tlv(0x31, digest_id),
        &eci,
        &tlv(0xA0, signer.der()),
        &tlv(0x31, &si),
    ]);
    seq(&[OID_SIGNED_DATA, &tlv(0xA0, &sd)])
}

/// Re-encode DER as BER: every constructed element with an indefinite length, and the
/// OCTET STRING holding `content` split into a constructed string of 5-byte segments.
fn berify(der: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = der;
    while !rest.is_empty() {
        let tag = rest[0];
        let (len, hl) = match rest[1] {
            n if n < 0x80 => (n as usize, 2),
            0x81 => (rest[2] as usize, 3),
            0x82 => (((rest[2] as usize) << 8) | rest[3] as usize, 4),
            0x83 => (
                ((rest[2] as usize) << 16) | ((rest[3] as usize) << 8) | rest[4] as usize,
                5,
            ),
            _ => panic!("unexpected length"),
        };
        let body = &rest[hl..hl + len];
        if tag & 0x20 != 0 {
            out.extend_from_slice(&[tag, 0x80]);
            out.extend_from_slice(&berify(body, content));
            out.extend_from_slice(&[0, 0]);
        } else if tag == 0x04 && body == content && !content.is_empty() {
            out.extend_from_slice(&[0x24, 0x80]);
            for chunk in body.chunks(5) {
                out.extend_from_slice(&tlv(0x04, chunk));
            }
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&rest[..hl + len]);
        }
        rest = &rest[hl + len..];
    }
    out
}

// ---------------------------------------------------------------------------------------
// Sign and verify with the library

#[test]
fn attached_rsa_signature_verifies() {
    let der = sign_rsa(CONTENT, false);
    let cms = SignedData::from_input(&der).unwrap();
    assert!(!cms.is_detached());
    assert_eq!(cms.version(), 1);
    assert_eq!(cms.content_type(), "1.2.840.113549.1.7.1");
    assert_eq!(cms.certificates().len(), 2, "signer and its CA");
    assert_eq!(cms.signers().len(), 1);
    let si = &cms.signers()[0];
    assert_eq!(si.version(), 1);
    assert_eq!(
        si.signature_algorithm(),
        &SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)
    );
    let names: Vec<String> = si
        .signed_attributes()
        .unwrap()
        .attributes()
        .iter()
        .map(|a| a.name())
        .collect();
    for n in [
        "contentType",
        "messageDigest",
        "signingTime",
        "signingCertificateV2",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
    assert_eq!(cms.unverified_content(), Some(CONTENT));

    let mut options = VerifyOptions::at(at());
    options.expectation.iin = Some(Iin::parse("123456789011").unwrap());
    let v = cms.verify(&root_only_verifier(), &options);
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    assert!(v.refusal().is_none());
    assert_eq!(v.verified_content().unwrap().as_bytes(), CONTENT);
    let s = &v.signers()[0];
    for c in [
        CheckName::SignerCertificate,
        CheckName::ContentType,
        CheckName::MessageDigest,
        CheckName::SigningTime,
        CheckName::SigningCertificate,
        CheckName::Signature,
        CheckName::Validity,
        CheckName::Chain,
        CheckName::Revocation,
        CheckName::KeyUsage,
        CheckName::CriticalExtensions,
        CheckName::IinMatch,
    ] {
        assert_eq!(outcome(s.checks(), c), Outcome::Passed, "{c:?}: {s:#?}");
    }
    assert_eq!(s.time_basis(), TimeBasis::Given);
    assert_eq!(s.at(), at());
    assert_eq!(s.signing_time(), Some(signing_time()));
    assert_eq!(s.signature_algorithm(), "rsa-pkcs1-sha256");
    let cv = s.certificate().unwrap();
    assert_eq!(cv.serial(), cert("individual_sign.cer").serial_hex());
    assert_eq!(
        cv.path().len(),
        3,
        "individual_sign -> nca_rsa (from the CMS) -> root"
    );

    // Judged at the signing time when asked, and the verdict says so.
    options.time = TimePolicy::ClaimedSigningTime;
    let v = cms.verify(&root_only_verifier(), &options);
    assert!(v.is_valid(), "{v:#?}");
    assert_eq!(v.signers()[0].time_basis(), TimeBasis::ClaimedSigningTime);
    assert_eq!(v.signers()[0].at(), signing_time());
    assert_eq!(v.signers()[0].certificate().unwrap().at(), signing_time());

    // Another IIN in the request: refused, naming the IIN match.
    options.expectation.iin = Some(Iin::parse("900101300007").unwrap());
    let v = cms.verify(&verifier(), &options);
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::IinMatch),
        Outcome::Failed
    );
    assert!(v.verified_content().is_none());
    assert!(
        v.refusal().unwrap().ru().contains("ИИН"),
        "{:?}",
        v.refusal()
    );

    // The JSON form carries the verdicts, never the content.
    let json = serde_json::to_string(&v).unwrap();
    assert!(json.contains("\"message_digest\"") && json.contains("\"signers\""));
    assert!(!json.contains("Өтініш"));
}

#[test]
fn detached_rsa_signature_verifies_only_with_its_content() {
    let der = sign_rsa(CONTENT, true);
    let cms = SignedData::from_input(&der).unwrap();
    assert!(cms.is_detached());
    assert_eq!(cms.unverified_content(), None);
    let options = VerifyOptions::at(at());

    let v = cms.verify_detached(CONTENT, &verifier(), &options);
    assert!(v.is_valid(), "{v:#?}");
    assert!(v.detached());
    assert_eq!(v.verified_content().unwrap().as_bytes(), CONTENT);

    // Without the content nothing can be proven.
    let v = cms.verify(&verifier(), &options);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
    assert_eq!(outcome(v.checks(), CheckName::Content), Outcome::Unknown);
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::MessageDigest),
        Outcome::Unknown
    );
    assert!(v.verified_content().is_none());

    // Other content: the messageDigest does not match (the signature itself holds).
    let v = cms.verify_detached(b"other content", &verifier(), &options);
    assert_eq!(v.overall(), Overall::Invalid);
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::MessageDigest), Outcome::Failed);
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Passed);
    assert!(v.verified_content().is_none());
    assert!(v.refusal().unwrap().en().contains("messageDigest"));
}

#[test]
fn ecdsa_p256_signature_verifies() {
    let c = cert("ecdsa_sign.cer");
    let chain = [cert("ecdsa_ca.cer")];
    let req = SignRequest::new(&c, signing_time()).with_chain(&chain);
    let der = sign(CONTENT, &req, &EcKey::load("ecdsa_sign.key.pem")).unwrap();
    let cms = SignedData::from_input(&der).unwrap();
    assert_eq!(
        cms.signers()[0].signature_algorithm(),
        &SignatureAlgorithm::Ecdsa(HashAlgorithm::Sha256)
    );
    let v = cms.verify(&root_only_verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    assert_eq!(v.signers()[0].signature_algorithm(), "ecdsa-sha256");
}

#[test]
fn a_key_that_does_not_match_the_certificate_is_refused_at_signing() {
    let c = cert("individual_sign.cer");
    let req = SignRequest::new(&c, signing_time());
    let err = sign(CONTENT, &req, &RsaKey::load("individual_auth.key.pem")).unwrap_err();
    assert!(err.to_string().contains("does not belong"), "{err}");
    let err = sign(CONTENT, &req, &EcKey::load("ecdsa_sign.key.pem")).unwrap_err();
    assert!(err.to_string().contains("does not"), "{err}");
}

#[test]
fn pem_base64_and_ber_inputs_read_the_same() {
    use base64::Engine as _;
    let der = sign_rsa(CONTENT, false);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let wrapped: String = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n");
    let pem_cms = format!("-----BEGIN CMS-----\n{wrapped}\n-----END CMS-----\n");
    let pem_pkcs7 = format!("junk\n-----BEGIN PKCS7-----\n{wrapped}\n-----END PKCS7-----\n");
    let ber = berify(&der, CONTENT);
    assert_ne!(ber, der);
    assert_eq!(&ber[..2], &[0x30, 0x80]);
    for (what, input) in [
        ("der", der.clone()),
        ("base64", b64.clone().into_bytes()),
        ("base64 wrapped", format!("\n{wrapped}\n").into_bytes()),
        ("pem cms", pem_cms.into_bytes()),
        ("pem pkcs7", pem_pkcs7.into_bytes()),
        ("ber", ber.clone()),
        ("der + newline", [der.as_slice(), b"\n"].concat()),
    ] {
        let cms = SignedData::from_input(&input).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(cms.unverified_content(), Some(CONTENT), "{what}");
        let v = cms.verify(&verifier(), &VerifyOptions::at(at()));
        assert!(v.is_valid(), "{what}: {v:#?}");
    }
    // Adding a signer to the BER form yields DER with the first signer intact.
    let cms = SignedData::from_ber(&ber).unwrap();
    let c = cert("ecdsa_sign.cer");
    let chain = [cert("ecdsa_ca.cer")];
    let two = cms
        .add_signer(
            None,
            &SignRequest::new(&c, signing_time()).with_chain(&chain),
            &EcKey::load("ecdsa_sign.key.pem"),
        )
        .unwrap();
    assert_ne!(two[1], 0x80, "definite length");
    let v = SignedData::from_ber(&two)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    assert_eq!(v.signers().len(), 2);

    for bad in [
        &b""[..],
        b"  \n",
        b"hello, world",
        b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        b"\x30\x80",
        b"\x30\x03\x06\x01\x01",
        b"\xff\xfe\x00",
    ] {
        assert!(SignedData::from_input(bad).is_err(), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Negative cases

#[test]
fn tampered_content_is_refused_by_message_digest() {
    let der = sign_rsa(CONTENT, false);
    let mut bad = der.clone();
    let mut forged = CONTENT.to_vec();
    forged[0] ^= 0x01;
    assert_eq!(replace_all(&mut bad, CONTENT, &forged), 1);
    let cms = SignedData::from_input(&bad).unwrap();
    let v = cms.verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::MessageDigest), Outcome::Failed);
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Passed);
    assert!(v.verified_content().is_none());
    assert_eq!(cms.unverified_content(), Some(forged.as_slice()));
    let r = v.refusal().unwrap();
    assert!(r.ru().starts_with("Подлинность ЭЦП не подтверждена."));
    assert!(r.ru().contains("messageDigest"), "{}", r.ru());
    assert!(r.kk().contains("messageDigest"), "{}", r.kk());

    // A detached signature verified against an attached CMS's other content.
    let v = SignedData::from_input(&der).unwrap().verify_detached(
        &forged,
        &verifier(),
        &VerifyOptions::at(at()),
    );
    assert_eq!(outcome(v.checks(), CheckName::Content), Outcome::Failed);
    assert_eq!(v.overall(), Overall::Invalid);
}

#[test]
fn tampered_signed_attributes_break_the_signature() {
    let der = sign_rsa(CONTENT, false);
    let md = sha256(CONTENT);
    let mut bad = der.clone();
    let mut other = md.clone();
    other[31] ^= 0xff;
    assert_eq!(replace_all(&mut bad, &md, &other), 1);
    let v = SignedData::from_input(&bad)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::MessageDigest), Outcome::Failed);
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Failed);
}

#[test]
fn message_digest_mismatch_under_a_valid_signature_is_refused() {
    let key = RsaKey::load("individual_sign.key.pem");
    let c = cert("individual_sign.cer");
    let attrs = vec![
        attr(OID_CONTENT_TYPE, OID_DATA),
        attr(OID_MESSAGE_DIGEST, &tlv(0x04, &sha256(b"something else"))),
    ];
    let der = assemble(CONTENT, Some(attrs), &key, &c);
    let v = SignedData::from_input(&der)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Passed);
    assert_eq!(outcome(s, CheckName::MessageDigest), Outcome::Failed);
    assert_eq!(outcome(s, CheckName::ContentType), Outcome::Passed);
}

#[test]
fn missing_mandatory_signed_attributes_are_refused() {
    let key = RsaKey::load("individual_sign.key.pem");
    let c = cert("individual_sign.cer");
    let time = tlv(0x17, b"261122093000Z");
    // No contentType.
    let der = assemble(
        CONTENT,
        Some(vec![
            attr(OID_MESSAGE_DIGEST, &tlv(0x04, &sha256(CONTENT))),
            attr(OID_SIGNING_TIME, &time),
        ]),
        &key,
        &c,
    );
    let v = SignedData::from_input(&der)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    let s = &v.signers()[0];
    assert_eq!(outcome(s.checks(), CheckName::ContentType), Outcome::Failed);
    assert!(s
        .check(CheckName::ContentType)
        .unwrap()
        .reason()
        .contains("missing"));
    assert_eq!(outcome(s.checks(), CheckName::Signature), Outcome::Passed);
    assert_eq!(
        outcome(s.checks(), CheckName::MessageDigest),
        Outcome::Passed
    );
    assert!(v.refusal().unwrap().en().contains("contentType"));

    // No messageDigest.
    let der = assemble(
        CONTENT,
        Some(vec![
            attr(OID_CONTENT_TYPE, OID_DATA),
            attr(OID_SIGNING_TIME, &time),
        ]),
        &key,
        &c,
    );
    let v = SignedData::from_input(&der)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::MessageDigest),
        Outcome::Failed
    );

    // A contentType that differs from eContentType.
    let tst_info = [
        0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x04,
    ];
    let der = assemble(
        CONTENT,
        Some(vec![
            attr(OID_CONTENT_TYPE, &tst_info),
            attr(OID_MESSAGE_DIGEST, &tlv(0x04, &sha256(CONTENT))),
        ]),
        &key,
        &c,
    );
    let v = SignedData::from_input(&der)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::ContentType),
        Outcome::Failed
    );

    // No signed attributes at all: the signature covers the content directly.
    let der = assemble(CONTENT, None, &key, &c);
    let cms = SignedData::from_input(&der).unwrap();
    assert!(cms.signers()[0].signed_attributes().is_none());
    let v = cms.verify(&verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    assert!(v.signers()[0].check(CheckName::MessageDigest).is_none());
    let mut bad = der.clone();
    let mut forged = CONTENT.to_vec();
    forged[3] ^= 0x20;
    replace_all(&mut bad, CONTENT, &forged);
    let v = SignedData::from_input(&bad)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::Signature),
        Outcome::Failed
    );
}

const OID_SIGNING_CERTIFICATE: &[u8] = &[
    0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x0C,
];
const OID_SIGNING_CERTIFICATE_V2: &[u8] = &[
    0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x2F,
];

#[test]
fn ess_signing_certificate_binds_the_signer_certificate() {
    let key = RsaKey::load("individual_sign.key.pem");
    let c = cert("individual_sign.cer");
    let other = cert("individual_auth.cer");
    let sha1 = |d: &[u8]| {
        ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, d)
            .as_ref()
            .to_vec()
    };
    let base = || {
        vec![
            attr(OID_CONTENT_TYPE, OID_DATA),
            attr(OID_MESSAGE_DIGEST, &tlv(0x04, &sha256(CONTENT))),
        ]
    };
    let ess = |oid: &[u8], hash: Vec<u8>| {
        let id = seq(&[&tlv(0x04, &hash)]);
        attr(oid, &seq(&[&seq(&[&id])]))
    };
    let judge = |attrs: Vec<Vec<u8>>| {
        SignedData::from_input(&assemble(CONTENT, Some(attrs), &key, &c))
            .unwrap()
            .verify(&verifier(), &VerifyOptions::at(at()))
    };
    // signingCertificateV2 naming another certificate: refused, the signature holds.
    let mut a = base();
    a.push(ess(OID_SIGNING_CERTIFICATE_V2, sha256(other.der())));
    let v = judge(a);
    assert_eq!(v.overall(), Overall::Invalid);
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::SigningCertificate), Outcome::Failed);
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Passed);
    // signingCertificate v1 (SHA-1): informational when it matches, refused when not.
    let mut a = base();
    a.push(ess(OID_SIGNING_CERTIFICATE, sha1(c.der())));
    let v = judge(a);
    assert!(v.is_valid(), "{v:#?}");
    let check = v.signers()[0].check(CheckName::SigningCertificate).unwrap();
    assert!(check.reason().contains("informational"), "{check:?}");
    let mut a = base();
    a.push(ess(OID_SIGNING_CERTIFICATE, sha1(other.der())));
    assert_eq!(
        outcome(
            judge(a).signers()[0].checks(),
            CheckName::SigningCertificate
        ),
        Outcome::Failed
    );
}

#[test]
fn a_gost_algorithm_claimed_over_an_rsa_key_is_refused() {
    // GOST R 34.10-2015 (512) signature and Streebog-512 digest OIDs, as NCA writes them.
    let gost_sig = seq(&[&[
        0x06, 0x0A, 0x2A, 0x83, 0x0E, 0x03, 0x0A, 0x01, 0x01, 0x02, 0x03, 0x02,
    ]]);
    let gost_digest = seq(&[&[0x06, 0x08, 0x2A, 0x83, 0x0E, 0x03, 0x0A, 0x01, 0x03, 0x03]]);
    let key = RsaKey::load("individual_sign.key.pem");
    let c = cert("individual_sign.cer");
    let der = assemble_with(
        CONTENT,
        Some(vec![
            attr(OID_CONTENT_TYPE, OID_DATA),
            attr(OID_MESSAGE_DIGEST, &tlv(0x04, &[0u8; 64])),
        ]),
        &key,
        &c,
        &gost_digest,
        &gost_sig,
    );
    let cms = SignedData::from_input(&der).unwrap();
    assert!(matches!(
        cms.signers()[0].signature_algorithm(),
        SignatureAlgorithm::Gost(_)
    ));
    let v = cms.verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::Signature),
        Outcome::Failed
    );
    assert!(v.verified_content().is_none());
}

#[test]
fn swapped_certificate_is_refused() {
    let der = sign_rsa(CONTENT, false);
    let real = cert("individual_sign.cer");
    let other = cert("individual_auth.cer");
    assert_eq!(real.der().len(), other.der().len());
    assert_eq!(real.serial().len(), other.serial().len());

    // The certificate and the SignerInfo's serial both swapped for another certificate of
    // the same CA: the signature does not verify with its key, and signingCertificateV2
    // names a different certificate.
    let mut swapped = der.clone();
    assert_eq!(replace_all(&mut swapped, real.der(), other.der()), 1);
    // The serial occurs in the sid and in signingCertificateV2's issuerSerial: change only
    // the sid (the first occurrence once the certificate is gone).
    let at_sid = swapped
        .windows(real.serial().len())
        .position(|w| w == real.serial())
        .unwrap();
    swapped[at_sid..at_sid + real.serial().len()].copy_from_slice(other.serial());
    let v = SignedData::from_input(&swapped)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::SignerCertificate), Outcome::Passed);
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Failed);
    assert_eq!(outcome(s, CheckName::SigningCertificate), Outcome::Failed);
    assert!(v.verified_content().is_none());

    // Only the certificate swapped: the signer's certificate is not in the CMS, so
    // nothing can be proven ...
    let mut swapped = der.clone();
    replace_all(&mut swapped, real.der(), other.der());
    let cms = SignedData::from_input(&swapped).unwrap();
    let v = cms.verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
    let s = &v.signers()[0];
    assert_eq!(
        outcome(s.checks(), CheckName::SignerCertificate),
        Outcome::Unknown
    );
    assert_eq!(outcome(s.checks(), CheckName::Signature), Outcome::Unknown);
    assert!(s.certificate().is_none());
    // ... until the caller supplies it.
    let mut options = VerifyOptions::at(at());
    options.extra_certificates.push(real.clone());
    let v = cms.verify(&verifier(), &options);
    assert!(v.is_valid(), "{v:#?}");
    assert!(v.signers()[0]
        .check(CheckName::SignerCertificate)
        .unwrap()
        .reason()
        .contains("supplied by the caller"));
}

#[test]
fn wrong_purpose_key_is_refused_by_key_usage() {
    let c = cert("individual_auth.cer");
    let chain = [cert("nca_rsa.cer")];
    let req = SignRequest::new(&c, signing_time()).with_chain(&chain);
    let der = sign(CONTENT, &req, &RsaKey::load("individual_auth.key.pem")).unwrap();
    let v = SignedData::from_input(&der)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    let s = &v.signers()[0].checks();
    assert_eq!(outcome(s, CheckName::Signature), Outcome::Passed);
    assert_eq!(outcome(s, CheckName::Chain), Outcome::Passed);
    assert_eq!(outcome(s, CheckName::KeyUsage), Outcome::Failed);
    assert!(v.refusal().unwrap().ru().contains("назначение ключа"));
}

#[test]
fn revoked_signer_is_refused() {
    let c = cert("revoked.cer");
    let chain = [cert("nca_rsa.cer")];
    let req = SignRequest::new(&c, signing_time()).with_chain(&chain);
    let der = sign(CONTENT, &req, &RsaKey::load("revoked.key.pem")).unwrap();
    let cms = SignedData::from_input(&der).unwrap();
    let v = cms.verify(&verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::Revocation),
        Outcome::Failed
    );
    // Back-dated before its revocation (2026-06-01) and judged at the signing time it
    // claims, with only a CRL of that time: the claim proves nothing, so the old CRL is
    // not current when the claim is checked (issue 9: this was "valid"). The verdict
    // states the time basis. tests/security.rs has the other cases.
    let back_dated = SignRequest::new(&c, common::time("2026-05-15T00:00:00Z")).with_chain(&chain);
    let der = sign(CONTENT, &back_dated, &RsaKey::load("revoked.key.pem")).unwrap();
    let cms = SignedData::from_input(&der).unwrap();
    let stale = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_stale.crl"))
        .unwrap()
        .build();
    let mut options = VerifyOptions::at(at());
    options.time = TimePolicy::ClaimedSigningTime;
    let v = cms.verify(&stale, &options);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
    assert_eq!(v.signers()[0].time_basis(), TimeBasis::ClaimedSigningTime);
    assert_eq!(v.time_policy(), TimePolicy::ClaimedSigningTime);
}

// ---------------------------------------------------------------------------------------
// Several signers

#[test]
fn adding_signers_and_signer_policies() {
    let der = sign_rsa(CONTENT, false);
    let cms = SignedData::from_input(&der).unwrap();
    let ec = cert("ecdsa_sign.cer");
    let ec_chain = [cert("ecdsa_ca.cer")];
    let two = cms
        .add_signer(
            None,
            &SignRequest::new(&ec, signing_time()).with_chain(&ec_chain),
            &EcKey::load("ecdsa_sign.key.pem"),
        )
        .unwrap();
    let cms2 = SignedData::from_input(&two).unwrap();
    assert_eq!(cms2.signers().len(), 2);
    assert_eq!(cms2.certificates().len(), 4);
    assert_eq!(cms2.digest_algorithms().len(), 1, "both use SHA-256");
    let v = cms2.verify(&root_only_verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    assert!(v.signers().iter().all(|s| s.is_valid()));

    // A third signer with an authentication key: invalid under `All`, valid under `Any`.
    let auth = cert("individual_auth.cer");
    let three = cms2
        .add_signer(
            Some(CONTENT),
            &SignRequest::new(&auth, signing_time()),
            &RsaKey::load("individual_auth.key.pem"),
        )
        .unwrap();
    let cms3 = SignedData::from_input(&three).unwrap();
    assert_eq!(cms3.signers().len(), 3);
    let mut options = VerifyOptions::at(at());
    let v = cms3.verify(&verifier(), &options);
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(outcome(v.checks(), CheckName::Signers), Outcome::Failed);
    assert!(v
        .check(CheckName::Signers)
        .unwrap()
        .reason()
        .contains("2 of 3"));
    let bad: Vec<_> = v.signers().iter().filter(|s| !s.is_valid()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(
        outcome(bad[0].checks(), CheckName::KeyUsage),
        Outcome::Failed
    );
    assert!(v
        .refusal()
        .as_ref()
        .unwrap()
        .en()
        .contains("the purpose of the key"));
    assert!(v.verified_content().is_none());
    options.signers = SignerPolicy::Any;
    let v = cms3.verify(&verifier(), &options);
    assert!(v.is_valid(), "{v:#?}");
    assert_eq!(v.verified_content().unwrap().as_bytes(), CONTENT);

    // Detached: the content is needed to add a signer.
    let det = SignedData::from_input(&sign_rsa(CONTENT, true)).unwrap();
    let req = SignRequest::new(&ec, signing_time()).with_chain(&ec_chain);
    assert!(det
        .add_signer(None, &req, &EcKey::load("ecdsa_sign.key.pem"))
        .is_err());
    let det2 = det
        .add_signer(Some(CONTENT), &req, &EcKey::load("ecdsa_sign.key.pem"))
        .unwrap();
    let det2 = SignedData::from_input(&det2).unwrap();
    assert!(det2.is_detached());
    let v = det2.verify_detached(CONTENT, &verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    assert_eq!(v.signers().len(), 2);
    // Content that differs from the encapsulated one is refused when adding.
    assert!(cms
        .add_signer(Some(b"other"), &req, &EcKey::load("ecdsa_sign.key.pem"))
        .is_err());
    // Detached: content other than what the existing signers signed (their messageDigest)
    // is refused too, for the first signer and for a later one alike.
    for doc in [&det, &det2] {
        let e = doc
            .add_signer(Some(b"other"), &req, &EcKey::load("ecdsa_sign.key.pem"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("not shown to be what SignerInfo #0 signed"),
            "{e}"
        );
    }
}

#[test]
fn no_signer_infos_is_invalid() {
    // A "certs-only" SignedData.
    let c = cert("individual_sign.cer");
    let sd = seq(&[
        &[0x02, 0x01, 0x01],
        &tlv(0x31, &[]),
        &seq(&[OID_DATA]),
        &tlv(0xA0, c.der()),
        &tlv(0x31, &[]),
    ]);
    let der = seq(&[OID_SIGNED_DATA, &tlv(0xA0, &sd)]);
    let cms = SignedData::from_input(&der).unwrap();
    let v = cms.verify_detached(b"x", &verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(outcome(v.checks(), CheckName::Signers), Outcome::Failed);
    assert!(v.refusal().unwrap().en().contains("signers"));
}

// ---------------------------------------------------------------------------------------
// Robustness

fn assert_every_prefix_fails(der: &[u8], what: &str) {
    for n in 0..der.len() {
        let r = std::panic::catch_unwind(|| SignedData::from_ber(&der[..n]));
        match r {
            Ok(Err(_)) => {}
            Ok(Ok(_)) => panic!("{what}: prefix of {n} bytes parsed"),
            Err(_) => panic!("{what}: prefix of {n} bytes panicked"),
        }
    }
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn truncations_are_errors_and_mutations_never_panic() {
    let der = sign_rsa(CONTENT, false);
    assert_every_prefix_fails(&der, "library DER");
    assert_every_prefix_fails(&berify(&der, CONTENT), "library BER");
    let v = verifier();
    let options = VerifyOptions::at(at());
    // Every single-byte corruption: an error or a verdict, never a panic, and never a
    // valid verdict over content other than the signed one.
    let ec = cert("ecdsa_sign.cer");
    let ec_chain = [cert("ecdsa_ca.cer")];
    let small = sign(
        b"x",
        &SignRequest::new(&ec, signing_time()).with_chain(&ec_chain),
        &EcKey::load("ecdsa_sign.key.pem"),
    )
    .unwrap();
    for i in 0..small.len() {
        let mut m = small.clone();
        m[i] ^= 0x5a;
        if let Ok(cms) = SignedData::from_ber(&m) {
            let verdict = cms.verify(&v, &options);
            if let Some(c) = verdict.verified_content() {
                assert_eq!(c.as_bytes(), b"x", "offset {i}");
            }
        }
    }
    // The same over a BER encoding (indefinite lengths, segmented content).
    let ber = berify(&small, b"x");
    for i in 0..ber.len() {
        for flip in [0x80u8, 0x01] {
            let mut m = ber.clone();
            m[i] ^= flip;
            if let Ok(cms) = SignedData::from_ber(&m) {
                let verdict = cms.verify(&v, &options);
                if let Some(c) = verdict.verified_content() {
                    assert_eq!(c.as_bytes(), b"x", "offset {i}");
                }
            }
        }
    }
    if let Some(dir) = common::shared("nca-test-pki/rsa") {
        let text = std::fs::read(dir.join("person_sign_2020.cms")).unwrap();
        let cms_der = {
            use base64::Engine as _;
            let compact: Vec<u8> = text
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(compact)
                .unwrap()
        };
        assert_every_prefix_fails(&cms_der, "person_sign_2020.cms");
        let trimmed = String::from_utf8(text.clone()).unwrap();
        let trimmed = trimmed.trim_end();
        for n in (0..trimmed.len()).step_by(7) {
            assert!(
                SignedData::from_input(&trimmed.as_bytes()[..n]).is_err(),
                "{n}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The real NCA samples

fn nca_verifier(dir: &Path) -> Verifier {
    Verifier::builder()
        .trust_path(dir.join("nca_rsa_test.crt"))
        .unwrap()
        .crl_path(dir.join("nca_rsa_test.crl"))
        .unwrap()
        .build()
}

/// Judge an NCA sample as MANIFEST.md says: signature valid at 2020-06-01, content
/// `asdasd`; the only CRL was issued in 2022, so revocation at 2020-06-01 is not provable
/// and the verdict is indeterminate, saying so.
fn judge_nca_sample(dir: &Path, file: &str, serial: &str) -> qoltanba::cms::CmsVerdict {
    let text = std::fs::read(dir.join(file)).unwrap();
    assert!(text.is_ascii(), "base64 text, not DER");
    let cms = SignedData::from_input(&text).unwrap();
    assert_eq!(cms.unverified_content(), Some(&b"asdasd"[..]));
    assert_eq!(cms.signers().len(), 1);
    let mut options = VerifyOptions::at(common::time("2020-06-01T00:00:00Z"));
    options.expectation.iin = Some(Iin::parse("123456789011").unwrap());
    let v = cms.verify(&nca_verifier(dir), &options);
    let s = &v.signers()[0];
    for c in [
        CheckName::SignerCertificate,
        CheckName::ContentType,
        CheckName::MessageDigest,
        CheckName::SigningTime,
        CheckName::Signature,
        CheckName::Validity,
        CheckName::Chain,
        CheckName::KeyUsage,
        CheckName::CriticalExtensions,
        CheckName::IinMatch,
    ] {
        assert_eq!(
            outcome(s.checks(), c),
            Outcome::Passed,
            "{file} {c:?}: {s:#?}"
        );
    }
    assert_eq!(s.certificate().unwrap().serial(), serial);
    let rev = s.check(CheckName::Revocation).unwrap();
    assert_eq!(rev.outcome(), Outcome::Unknown, "{file}: {rev:?}");
    assert!(!rev.reason().contains("not revoked"), "{file}: {rev:?}");
    assert_eq!(s.overall(), Overall::Indeterminate);
    assert_eq!(v.overall(), Overall::Indeterminate);
    assert!(
        v.verified_content().is_none(),
        "not valid: no verified content"
    );
    let r = v.refusal().unwrap();
    assert!(r.ru().contains("Не удалось проверить"), "{}", r.ru());
    assert!(r
        .ru()
        .contains("отсутствие регистрационного свидетельства в списке отозванных"));
    assert!(!r.ru().contains("Не пройдена"), "{}", r.ru());
    v
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_person_sign_2020_cms() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let v = judge_nca_sample(
        &dir,
        "person_sign_2020.cms",
        "1C1C4ADB45086B3529E004C96302AE974D4F09A4",
    );
    let s = &v.signers()[0];
    assert_eq!(
        s.signing_time(),
        Some(common::time("2020-09-09T20:03:14Z")),
        "{s:#?}"
    );
    assert_eq!(s.signature_algorithm(), "rsa-pkcs1-sha256");
    assert_eq!(
        s.signed_attributes(),
        vec!["contentType", "signingTime", "messageDigest"]
    );
    // The same signature judged at its signing time: still not provable from a 2022 CRL.
    let cms =
        SignedData::from_input(&std::fs::read(dir.join("person_sign_2020.cms")).unwrap()).unwrap();
    let mut options = VerifyOptions::at(common::time("2020-10-01T00:00:00Z"));
    options.time = TimePolicy::ClaimedSigningTime;
    let v = cms.verify(&nca_verifier(&dir), &options);
    assert_eq!(v.signers()[0].at(), common::time("2020-09-09T20:03:14Z"));
    assert_eq!(v.overall(), Overall::Indeterminate);
    // Checked before its claim (2020-06-01): the claim is no time it could have been made
    // at, and it is judged at the time checked instead (tests/cms_review2.rs).
    let mut early = VerifyOptions::at(common::time("2020-06-01T00:00:00Z"));
    early.time = TimePolicy::ClaimedSigningTime;
    let v = cms.verify(&nca_verifier(&dir), &early);
    assert_eq!(v.signers()[0].at(), common::time("2020-06-01T00:00:00Z"));
    assert_ne!(v.overall(), Overall::Valid);
    // With the CRL's own time (2022-06-01) the certificate has expired: invalid.
    let v = cms.verify(
        &nca_verifier(&dir),
        &VerifyOptions::at(common::time("2022-06-01T00:00:00Z")),
    );
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::Validity),
        Outcome::Failed
    );
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::Signature),
        Outcome::Passed
    );
    // Tampering with the real sample is caught.
    let text = std::fs::read(dir.join("person_sign_2020.cms")).unwrap();
    let der = SignedData::from_input(&text).unwrap();
    drop(der);
    use base64::Engine as _;
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let mut raw = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .unwrap();
    assert_eq!(replace_all(&mut raw, b"asdasd", b"asdasD"), 1);
    let v = SignedData::from_ber(&raw).unwrap().verify(
        &nca_verifier(&dir),
        &VerifyOptions::at(common::time("2020-06-01T00:00:00Z")),
    );
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(v.signers()[0].checks(), CheckName::MessageDigest),
        Outcome::Failed
    );
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_person_sign_revoked_2020_cms() {
    let Some(dir) = common::shared("nca-test-pki/rsa") else {
        return;
    };
    let v = judge_nca_sample(
        &dir,
        "person_sign_revoked_2020.cms",
        "4BBAD346A4703C9FD00A8F146AE0C62A0A8E2A14",
    );
    let rev = v.signers()[0].check(CheckName::Revocation).unwrap();
    println!("revocation: {}", rev.reason());
}

// ---------------------------------------------------------------------------------------
// OpenSSL interoperability

fn have_openssl() -> bool {
    let ok = Command::new("openssl")
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("NOTICE: the openssl command line is absent; skipping the OpenSSL interop tests");
    }
    ok
}

fn tmp(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cms")
        .join(test);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn openssl(args: &[&str]) -> std::process::Output {
    let out = Command::new("openssl").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// 2026-11-23T00:00:00Z.
const AT_EPOCH: &str = "1795392000";

#[test]
fn openssl_verifies_what_the_library_signs() {
    if !have_openssl() {
        return;
    }
    let d = tmp("library_to_openssl");
    let content = d.join("content.txt");
    std::fs::write(&content, CONTENT).unwrap();
    let chain = pki("chain.pem");
    let verify = |cms: &Path, detached: bool, ca: &Path| {
        let out = d.join("out.txt");
        let _ = std::fs::remove_file(&out);
        let mut args = vec![
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            p(cms),
            "-CAfile",
            p(ca),
            "-purpose",
            "any",
            "-attime",
            AT_EPOCH,
            "-out",
            p(&out),
        ];
        if detached {
            args.extend_from_slice(&["-content", p(&content)]);
        }
        let o = openssl(&args);
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("Verification successful"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(std::fs::read(&out).unwrap(), CONTENT);
    };

    let attached = d.join("attached.der");
    std::fs::write(&attached, sign_rsa(CONTENT, false)).unwrap();
    verify(&attached, false, &chain);

    let detached = d.join("detached.der");
    std::fs::write(&detached, sign_rsa(CONTENT, true)).unwrap();
    verify(&detached, true, &chain);

    // ECDSA: ecdsa_ca travels in the CMS; OpenSSL trusts only the root.
    let ec = cert("ecdsa_sign.cer");
    let ec_chain = [cert("ecdsa_ca.cer")];
    let ec_der = sign(
        CONTENT,
        &SignRequest::new(&ec, signing_time()).with_chain(&ec_chain),
        &EcKey::load("ecdsa_sign.key.pem"),
    )
    .unwrap();
    let ecdsa = d.join("ecdsa.der");
    std::fs::write(&ecdsa, &ec_der).unwrap();
    verify(&ecdsa, false, &pki("root.pem"));

    // Two signers (RSA + ECDSA) added by the library: OpenSSL checks both.
    let two = SignedData::from_input(&sign_rsa(CONTENT, false))
        .unwrap()
        .add_signer(
            None,
            &SignRequest::new(&ec, signing_time()).with_chain(&ec_chain),
            &EcKey::load("ecdsa_sign.key.pem"),
        )
        .unwrap();
    let two_path = d.join("two.der");
    std::fs::write(&two_path, &two).unwrap();
    verify(&two_path, false, &pki("root.pem"));

    // And OpenSSL refuses a tampered one.
    let mut bad = sign_rsa(CONTENT, false);
    let mut forged = CONTENT.to_vec();
    forged[0] ^= 1;
    replace_all(&mut bad, CONTENT, &forged);
    let bad_path = d.join("bad.der");
    std::fs::write(&bad_path, &bad).unwrap();
    let o = Command::new("openssl")
        .args([
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            p(&bad_path),
            "-CAfile",
            p(&chain),
            "-purpose",
            "any",
            "-attime",
            AT_EPOCH,
            "-out",
            "/dev/null",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
}

#[test]
fn library_verifies_what_openssl_signs() {
    if !have_openssl() {
        return;
    }
    let d = tmp("openssl_to_library");
    let content = d.join("content.txt");
    std::fs::write(&content, CONTENT).unwrap();
    let signer = pki("individual_sign.cer");
    let key = pki("individual_sign.key.pem");
    let ec_signer = pki("ecdsa_sign.cer");
    let ec_key = pki("ecdsa_sign.key.pem");
    let ec_ca_pem = d.join("ecdsa_ca.pem");
    openssl(&[
        "x509",
        "-inform",
        "DER",
        "-in",
        p(&pki("ecdsa_ca.cer")),
        "-out",
        p(&ec_ca_pem),
    ]);
    let v = verifier();
    let options = VerifyOptions::at(at());

    struct Case<'a> {
        name: &'a str,
        extra: &'a [&'a str],
        detached: bool,
        pem: bool,
        ecdsa: bool,
    }
    let cases = [
        Case {
            name: "attached",
            extra: &["-nodetach"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "detached",
            extra: &[],
            detached: true,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "noattr",
            extra: &["-nodetach", "-noattr"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "noattr-detached",
            extra: &["-noattr"],
            detached: true,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "nosmimecap",
            extra: &["-nodetach", "-nosmimecap"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "stream-ber",
            extra: &["-nodetach", "-stream"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "cades",
            extra: &["-nodetach", "-cades"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "keyid",
            extra: &["-nodetach", "-keyid"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "sha384",
            extra: &["-nodetach", "-md", "sha384"],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "pss",
            extra: &[
                "-nodetach",
                "-keyopt",
                "rsa_padding_mode:pss",
                "-keyopt",
                "rsa_pss_saltlen:digest",
            ],
            detached: false,
            pem: false,
            ecdsa: false,
        },
        Case {
            name: "pem",
            extra: &["-nodetach"],
            detached: false,
            pem: true,
            ecdsa: false,
        },
        Case {
            name: "ecdsa",
            extra: &["-nodetach"],
            detached: false,
            pem: false,
            ecdsa: true,
        },
    ];
    for case in cases {
        let out = d.join(format!("{}.p7", case.name));
        let mut args = vec![
            "cms",
            "-sign",
            "-binary",
            "-in",
            p(&content),
            "-out",
            p(&out),
        ];
        if case.ecdsa {
            args.extend_from_slice(&[
                "-signer",
                p(&ec_signer),
                "-inkey",
                p(&ec_key),
                "-certfile",
                p(&ec_ca_pem),
            ]);
        } else {
            args.extend_from_slice(&["-signer", p(&signer), "-inkey", p(&key)]);
        }
        args.extend_from_slice(&["-outform", if case.pem { "PEM" } else { "DER" }]);
        args.extend_from_slice(case.extra);
        openssl(&args);
        let bytes = std::fs::read(&out).unwrap();
        let cms = SignedData::from_input(&bytes).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(cms.is_detached(), case.detached, "{}", case.name);
        let verdict = if case.detached {
            cms.verify_detached(CONTENT, &v, &options)
        } else {
            cms.verify(&v, &options)
        };
        assert!(verdict.is_valid(), "{}: {verdict:#?}", case.name);
        assert_eq!(
            verdict.verified_content().unwrap().as_bytes(),
            CONTENT,
            "{}",
            case.name
        );
        let s = &verdict.signers()[0];
        let has_attrs = !case.name.starts_with("noattr");
        assert_eq!(
            s.check(CheckName::MessageDigest).is_some(),
            has_attrs,
            "{}",
            case.name
        );
        match case.name {
            "nosmimecap" => assert!(!s
                .signed_attributes()
                .iter()
                .any(|a| a == "smimeCapabilities")),
            "attached" => assert!(s
                .signed_attributes()
                .iter()
                .any(|a| a == "smimeCapabilities")),
            "cades" => assert_eq!(
                outcome(s.checks(), CheckName::SigningCertificate),
                Outcome::Passed
            ),
            "keyid" => assert!(
                s.signer_id().starts_with("subjectKeyIdentifier"),
                "{}",
                s.signer_id()
            ),
            "sha384" => assert_eq!(s.digest_algorithm(), "sha384"),
            "pss" => assert_eq!(s.signature_algorithm(), "rsa-pss-sha256"),
            "stream-ber" => assert_eq!(&bytes[..2], &[0x30, 0x80], "OpenSSL -stream writes BER"),
            _ => {}
        }
        // A signer is added to OpenSSL's detached CMS over the content its messageDigest
        // shows it signed; without signed attributes that is not shown cheaply: refused.
        if case.detached {
            let ec = cert("ecdsa_sign.cer");
            let added = cms.add_signer(
                Some(CONTENT),
                &SignRequest::new(&ec, signing_time()),
                &EcKey::load("ecdsa_sign.key.pem"),
            );
            assert_eq!(added.is_ok(), has_attrs, "{}: {added:?}", case.name);
        }
        // The content OpenSSL signed, tampered, is refused.
        if !case.detached {
            let v2 = cms.verify_detached(b"tampered", &v, &options);
            assert_eq!(v2.overall(), Overall::Invalid, "{}", case.name);
        } else {
            let v2 = cms.verify_detached(b"tampered", &v, &options);
            let name = if has_attrs {
                CheckName::MessageDigest
            } else {
                CheckName::Signature
            };
            assert_eq!(
                outcome(v2.signers()[0].checks(), name),
                Outcome::Failed,
                "{}",
                case.name
            );
        }
    }

    // A wrong-purpose key signed by OpenSSL: refused by key usage.
    let out = d.join("auth.p7");
    openssl(&[
        "cms",
        "-sign",
        "-binary",
        "-nodetach",
        "-in",
        p(&content),
        "-signer",
        p(&pki("individual_auth.cer")),
        "-inkey",
        p(&pki("individual_auth.key.pem")),
        "-outform",
        "DER",
        "-out",
        p(&out),
    ]);
    let verdict = SignedData::from_input(&std::fs::read(&out).unwrap())
        .unwrap()
        .verify(&v, &options);
    assert_eq!(verdict.overall(), Overall::Invalid);
    assert_eq!(
        outcome(verdict.signers()[0].checks(), CheckName::KeyUsage),
        Outcome::Failed
    );
}

// ---------------------------------------------------------------------------------------
// Detaching and attaching the content (NCANode's `detached` on /cms/sign/add)

#[test]
fn detach_and_attach_keep_every_signature() {
    let attached = sign_rsa(CONTENT, false);
    let signed = SignedData::from_input(&attached).unwrap();
    let detached = SignedData::from_input(&signed.detach()).unwrap();
    assert!(detached.is_detached());
    let v = detached.verify_detached(CONTENT, &verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    // Attached again: the same document as signed.
    let again = detached.attach(CONTENT).unwrap();
    assert_eq!(again, attached);
    let v = SignedData::from_input(&again)
        .unwrap()
        .verify(&verifier(), &VerifyOptions::at(at()));
    assert!(v.is_valid(), "{v:#?}");
    assert_eq!(v.verified_content().unwrap().as_bytes(), CONTENT);
    // An attached SignedData takes its own content only.
    assert_eq!(signed.attach(CONTENT).unwrap(), attached);
    assert!(signed.attach(b"other").is_err());
}

/// Hostile: a detached signature given other content to carry. The result would be a CMS
/// whose content its signer never signed; it is refused, not made.
#[test]
fn attach_refuses_content_the_signers_did_not_sign() {
    let detached = SignedData::from_input(&sign_rsa(CONTENT, true)).unwrap();
    let err = detached.attach(b"another request").unwrap_err();
    assert!(err.to_string().contains("messageDigest"), "{err}");
    // A SignerInfo without signed attributes has no messageDigest to show what it signed:
    // refused as unprovable rather than attached unchecked.
    let plain = assemble(
        CONTENT,
        None,
        &RsaKey::load("individual_sign.key.pem"),
        &cert("individual_sign.cer"),
    );
    let bare = SignedData::from_input(&SignedData::from_input(&plain).unwrap().detach()).unwrap();
    assert!(bare.is_detached());
    let err = bare.attach(CONTENT).unwrap_err();
    assert!(err.to_string().contains("no signed attributes"), "{err}");
}
