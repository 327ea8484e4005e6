//! Fixtures of the request-condition reviews (tests/review33.rs, review54.rs, review55.rs):
//! the test PKI's signers, attached signatures of requests, the regulations' profiles and
//! forms, judged at the test PKI's `AT`.

use chrono::{DateTime, Utc};
use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::identity::{Bin, Iin};
use qoltanba::keys::SigningKey;
use qoltanba::profiles::{
    check_request, FieldKind, FieldValue, Profile, RequestDocument, RequestIdentity, RequestVerdict,
};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome};

use super::forge::{self, Ca};
use super::pki;

/// The time judged: the test PKI's `AT`.
pub fn at() -> DateTime<Utc> {
    super::time("2026-11-23T00:00:00Z")
}

pub fn cert_der(who: &str) -> Vec<u8> {
    std::fs::read(pki(&format!("{who}.cer"))).unwrap()
}

pub fn cert(who: &str) -> Certificate {
    Certificate::from_input(&cert_der(who)).unwrap()
}

pub fn key(who: &str) -> SigningKey {
    SigningKey::from_pkcs8(
        &std::fs::read(pki(&format!("{who}.key.pem"))).unwrap(),
        None,
    )
    .unwrap()
}

/// `content` signed (attached) by each `(certificate, key)`, in order.
pub fn signed_by(content: &[u8], signers: &[(&Certificate, &SigningKey)]) -> SignedData {
    SignedData::from_input(&signed_der(content, signers)).unwrap()
}

/// The DER of [`signed_by`].
pub fn signed_der(content: &[u8], signers: &[(&Certificate, &SigningKey)]) -> Vec<u8> {
    let (first, rest) = signers.split_first().unwrap();
    let req = SignRequest::new(first.0, super::time("2026-11-22T09:30:00Z"));
    let mut der = sign(content, &req, first.1).unwrap();
    for (c, k) in rest {
        let req = SignRequest::new(c, super::time("2026-11-22T09:31:00Z"));
        der = SignedData::from_input(&der)
            .unwrap()
            .add_signer(None, &req, *k)
            .unwrap();
    }
    der
}

/// `content` signed (attached) by each of the test PKI's `who`, in order.
pub fn signed(content: &[u8], who: &[&str]) -> SignedData {
    let certs: Vec<Certificate> = who.iter().map(|w| cert(w)).collect();
    let keys: Vec<SigningKey> = who.iter().map(|w| key(w)).collect();
    let pairs: Vec<(&Certificate, &SigningKey)> = certs.iter().zip(&keys).collect();
    signed_by(content, &pairs)
}

pub fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

pub fn bin(s: &str) -> Bin {
    Bin::parse(s).unwrap()
}

pub fn profile(id: &str) -> &'static Profile {
    Profile::by_id(id).unwrap()
}

/// `individual_sign`'s IIN (and `legal_sign`'s employee's).
pub const APPLICANT_IIN: &str = "123456789011";
/// `individual_sign_valid_iin`'s IIN: someone else.
pub const OTHER_IIN: &str = "900101300007";
/// `roles/centre_operator`'s IIN and the centre's BIN.
pub const OPERATOR_IIN: &str = "920315400010";
pub const CENTRE: &str = "160440000075";
pub const PROVIDER: &str = "020240000041";

pub const IIN_ONLY: &str = "kokpekti-unemployment-certificate";
/// Identity not stated; the centre channel carries the operator's, then the applicant's
/// signature.
pub const TWO_AT_CENTRE: &str = "akmola-unemployment-certificate";

pub const REQUEST: &[u8] = "Өтініш / Заявление: прошу выдать справку\n".as_bytes();

pub fn judge(id: &str, signed: &SignedData, request: &RequestIdentity) -> RequestVerdict {
    check_request(
        profile(id),
        signed,
        None,
        request,
        &super::rsa_verifier(),
        at(),
    )
    .unwrap()
}

pub fn outcome(v: &RequestVerdict, name: CheckName) -> Option<Outcome> {
    v.check(name).map(|c| c.outcome())
}

/// A request on `id`'s main form with every required field filled (identity aside).
pub fn filled(id: &str) -> RequestDocument {
    let form = profile(id).request_form.as_ref().unwrap();
    let mut doc = RequestDocument::new(id);
    for f in form.fields.iter().filter(|f| f.required) {
        let value: FieldValue = match f.kind {
            FieldKind::Iin | FieldKind::Bin => continue,
            FieldKind::Date => "2026-11-20".into(),
            FieldKind::Year => "2026".into(),
            FieldKind::Integer => "3".into(),
            FieldKind::Phone => "+7 701 000 00 00".into(),
            FieldKind::TextList => vec!["удостоверение личности".to_string()].into(),
            _ => "Сейтқали Аружан".into(),
        };
        doc = doc.with(&f.name, value);
    }
    doc
}

/// `template` re-issued by the test PKI's issuing CA (its key kept) with the serial
/// `serial` and `from` replaced by `to` (same length) in its subject.
pub fn reissued_as(serial: &[u8], template: &str, from: &str, to: &str) -> Certificate {
    assert_eq!(from.len(), to.len());
    let der = Ca::nca_rsa().reissue(&cert_der(template), |tbs| {
        tbs.serial = forge::int(serial);
        let at = tbs
            .subject
            .windows(from.len())
            .position(|w| w == from.as_bytes())
            .expect("the subject carries the value");
        tbs.subject[at..at + to.len()].copy_from_slice(to.as_bytes());
    });
    Certificate::from_input(&der).unwrap()
}

pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
