//! CMS SignedData and RFC 3161 time-stamp tokens built byte by byte, for the reviews of
//! signature time-stamps (`tests/cms_review.rs`, `tests/tsa_review26.rs`): signers of the
//! test PKI (keys committed), the test TSA `tsa/tsa.cer`, and the verdicts of one signer.

use qoltanba::cms::{SignedData, SignerVerdict, TimePolicy, VerifyOptions};
use qoltanba::keys::SigningKey;
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Verifier};

use super::forge::{self, attr, int, oid, seq, set_of, sha256, tlv};
use super::{pki, time};

pub const ID_DATA: &str = "1.2.840.113549.1.7.1";
pub const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub const ID_CT_TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";
pub const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
pub const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
pub const ATTR_SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
/// The NCA TSA's GOST 34.310-2004 policy, as the test tokens name it.
pub const TSA_POLICY: &str = "1.2.398.3.3.2.6.1";

/// A certificate of the test PKI.
pub fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

/// A committed key of the test PKI.
pub fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&std::fs::read(pki(name)).unwrap(), None).unwrap()
}

/// AlgorithmIdentifier SHA-256 (no parameters).
pub fn sha256_id() -> Vec<u8> {
    seq(&[&oid(SHA256)])
}

/// signingCertificateV2 { { ESSCertIDv2 { certHash SHA-256 } } }.
pub fn ess_v2(cert_der: &[u8]) -> Vec<u8> {
    seq(&[&seq(&[&seq(&[&tlv(0x04, &sha256(cert_der))])])])
}

/// One SignerInfo by `key` for `signer` over exactly `signed_attrs` (sorted as a SET).
pub fn signer_info(signed_attrs: Vec<Vec<u8>>, key: &SigningKey, signer: &Certificate) -> Vec<u8> {
    let set = set_of(signed_attrs);
    let sig = key.sign(&set).unwrap();
    let mut implicit = set;
    implicit[0] = 0xA0;
    let sid = seq(&[signer.issuer().der(), &int(signer.serial())]);
    seq(&[
        &int(&[1]),
        &sid,
        &sha256_id(),
        &implicit,
        &forge::sha256_rsa(),
        &tlv(0x04, &sig),
    ])
}

/// A ContentInfo SignedData over `content` (attached, eContentType `content_type`) with
/// the SignerInfos `infos` and the certificates `certs`.
pub fn signed_data(
    content_type: &str,
    content: &[u8],
    infos: &[Vec<u8>],
    certs: &[Vec<u8>],
) -> Vec<u8> {
    let eci = seq(&[&oid(content_type), &tlv(0xA0, &tlv(0x04, content))]);
    let sd = seq(&[
        &int(&[3]),
        &tlv(0x31, &sha256_id()),
        &eci,
        &tlv(0xA0, &certs.concat()),
        &tlv(0x31, &infos.concat()),
    ]);
    seq(&[&oid(ID_SIGNED_DATA), &tlv(0xA0, &sd)])
}

/// [`signed_data`] with one SignerInfo by `key` for `signer` over exactly `signed_attrs`.
pub fn signed_data_by(
    content_type: &str,
    content: &[u8],
    signed_attrs: Vec<Vec<u8>>,
    key: &SigningKey,
    signer: &Certificate,
    certs: &[Vec<u8>],
) -> Vec<u8> {
    signed_data(
        content_type,
        content,
        &[signer_info(signed_attrs, key, signer)],
        certs,
    )
}

/// The standard signed attributes of a SignedData over `content`: contentType,
/// messageDigest (SHA-256), signingCertificateV2 naming `signer`.
pub fn standard_attrs(content_type: &str, content: &[u8], signer: &Certificate) -> Vec<Vec<u8>> {
    vec![
        attr(ATTR_CONTENT_TYPE, &[&oid(content_type)]),
        attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(content))]),
        attr(ATTR_SIGNING_CERTIFICATE_V2, &[&ess_v2(signer.der())]),
    ]
}

/// The DER INTEGER content of `seconds` (minimal, positive), for [`tst_info`]'s accuracy.
pub fn seconds(seconds: u32) -> Vec<u8> {
    let mut b = seconds.to_be_bytes().to_vec();
    while b.len() > 1 && b[0] == 0 && b[1] & 0x80 == 0 {
        b.remove(0);
    }
    if b[0] & 0x80 != 0 {
        b.insert(0, 0);
    }
    b
}

/// A TSTInfo: SHA-256 imprint `digest`, genTime `gen` ("YYYYMMDDhhmmssZ"), the accuracy
/// (the DER INTEGER content of its seconds, see [`seconds`]) when given.
pub fn tst_info(digest: &[u8], gen: &str, accuracy: Option<&[u8]>) -> Vec<u8> {
    let imprint = seq(&[&sha256_id(), &tlv(0x04, digest)]);
    let mut parts = vec![
        int(&[1]),
        oid(TSA_POLICY),
        imprint,
        int(&[0x01, 0x23, 0x45]),
        forge::gen_time(gen),
    ];
    if let Some(s) = accuracy {
        parts.push(seq(&[&int(s)]));
    }
    let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
    seq(&refs)
}

/// A token over `tst` signed by `key` for `tsa` (its certificate carried, ESS v2 binding it).
pub fn token_by(tst: &[u8], tsa: &Certificate, key: &SigningKey) -> Vec<u8> {
    signed_data_by(
        ID_CT_TST_INFO,
        tst,
        standard_attrs(ID_CT_TST_INFO, tst, tsa),
        key,
        tsa,
        &[tsa.der().to_vec()],
    )
}

/// A token of the test TSA over `tst`.
pub fn tsa_token(tst: &[u8]) -> Vec<u8> {
    token_by(tst, &cert("tsa/tsa.cer"), &key("tsa/tsa.key.pem"))
}

/// Every signer's verdict of `der` at `at` under `policy`.
pub fn verdicts(der: &[u8], v: &Verifier, at: &str, policy: TimePolicy) -> Vec<SignerVerdict> {
    let mut options = VerifyOptions::at(time(at));
    options.time = policy;
    SignedData::from_ber(der)
        .unwrap()
        .verify(v, &options)
        .signers()
        .to_vec()
}

/// The verdict of the one signer of `der` at `at` under `policy` (the document's verdict
/// is its).
pub fn judge(der: &[u8], v: &Verifier, at: &str, policy: TimePolicy) -> SignerVerdict {
    let mut options = VerifyOptions::at(time(at));
    options.time = policy;
    let verdict = SignedData::from_ber(der).unwrap().verify(v, &options);
    assert_eq!(verdict.signers().len(), 1);
    let s = verdict.signers()[0].clone();
    assert_eq!(verdict.overall(), s.overall());
    s
}

/// The outcome of a signer's check `name`, when it has one.
pub fn outcome(s: &SignerVerdict, name: CheckName) -> Option<Outcome> {
    s.check(name).map(|c| c.outcome())
}
