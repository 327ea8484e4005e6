//! review20: hostile tests of CMS SignedData verification and the "condition 2" check it
//! feeds (the certificate condition with the IIN/BIN match, and a regulation profile's
//! request condition, `profiles::check_request`). Every input is built here: signers are
//! the test PKI's (keys committed), re-issued certificates are made by the test CA
//! (`common::forge`).
//!
//! Tests named `defect_*` assert the correct answer and FAIL today; tests named `held_*`
//! are attacks the library withstood, kept as regression tests.

mod common;

use common::forge::{self, attr, int, oid, seq, set_of, sha256, tlv, Ca};
use common::{pki, time};
use qoltanba::cms::{
    sign, SignRequest, SignedData, SignerPolicy, SignerVerdict, TimeBasis, TimePolicy,
    VerifyOptions,
};
use qoltanba::identity::{Bin, Iin};
use qoltanba::keys::SigningKey;
use qoltanba::profiles::{check_request, Profile, RequestIdentity, SignatureRole, SignerRole};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall};

// --- DER helpers ----------------------------------------------------------------------------

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const ID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const ATTR_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const ATTR_SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
const ATTR_CMS_ALGORITHM_PROTECTION: &str = "1.2.840.113549.1.9.52";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const SHA512: &str = "2.16.840.1.101.3.4.2.3";
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const SHA512_WITH_RSA: &str = "1.2.840.113549.1.1.13";

fn alg(o: &str) -> Vec<u8> {
    seq(&[&oid(o)])
}

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&std::fs::read(pki(name)).unwrap(), None).unwrap()
}

/// signingCertificateV2 { { ESSCertIDv2 { certHash SHA-256 } } }.
fn ess_v2(cert_der: &[u8]) -> Vec<u8> {
    seq(&[&seq(&[&seq(&[&tlv(0x04, &sha256(cert_der))])])])
}

/// The standard signed attributes over `content`: contentType, messageDigest (SHA-256),
/// signingCertificateV2 naming `signer`.
fn standard_attrs(content_type: &str, content: &[u8], signer: &Certificate) -> Vec<Vec<u8>> {
    vec![
        attr(ATTR_CONTENT_TYPE, &[&oid(content_type)]),
        attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(content))]),
        attr(ATTR_SIGNING_CERTIFICATE_V2, &[&ess_v2(signer.der())]),
    ]
}

/// A SignerInfo by `key` for `signer` (issuerAndSerialNumber) whose signature covers
/// `signed` exactly (an explicit SET OF, tag 0x31, as carried: the test decides its order
/// and encoding); digestAlgorithm `digest`, signatureAlgorithm sha256WithRSAEncryption.
fn signer_info_over(
    signed: &[u8],
    digest: &[u8],
    key: &SigningKey,
    signer: &Certificate,
) -> Vec<u8> {
    let sig = key.sign(signed).unwrap();
    let mut implicit = signed.to_vec();
    implicit[0] = 0xA0;
    let sid = seq(&[signer.issuer().der(), &int(signer.serial())]);
    seq(&[
        &int(&[1]),
        &sid,
        digest,
        &implicit,
        &forge::sha256_rsa(),
        &tlv(0x04, &sig),
    ])
}

/// A ContentInfo SignedData: `econtent` the raw `[0]` eContent element (or none:
/// detached), the raw `certificates` elements, the SignerInfos.
fn content_info(
    content_type: &str,
    econtent: Option<Vec<u8>>,
    certs: &[Vec<u8>],
    signer_infos: &[Vec<u8>],
) -> Vec<u8> {
    let eci = match econtent {
        Some(e) => seq(&[&oid(content_type), &e]),
        None => seq(&[&oid(content_type)]),
    };
    let sd = seq(&[
        &int(&[1]),
        &tlv(0x31, &alg(SHA256)),
        &eci,
        &tlv(0xA0, &certs.concat()),
        &tlv(0x31, &signer_infos.concat()),
    ]);
    seq(&[&oid(ID_SIGNED_DATA), &tlv(0xA0, &sd)])
}

/// An attached SignedData over `content` by `individual_sign`, whose signed attributes are
/// exactly `signed` (the SET OF as signed and carried).
fn by_individual_with(signed: &[u8], content: &[u8]) -> Vec<u8> {
    let c = cert("individual_sign.cer");
    let si = signer_info_over(signed, &alg(SHA256), &key("individual_sign.key.pem"), &c);
    content_info(
        ID_DATA,
        Some(tlv(0xA0, &tlv(0x04, content))),
        &[c.der().to_vec()],
        &[si],
    )
}

const CONTENT: &[u8] = b"review20: the request signed";

fn at() -> chrono::DateTime<chrono::Utc> {
    time("2026-11-23T00:00:00Z")
}

fn verify(der: &[u8], options: &VerifyOptions) -> qoltanba::cms::CmsVerdict {
    SignedData::from_ber(der)
        .unwrap()
        .verify(&common::rsa_verifier(), options)
}

fn only_signer(v: &qoltanba::cms::CmsVerdict) -> SignerVerdict {
    assert_eq!(v.signers().len(), 1, "{v:#?}");
    v.signers()[0].clone()
}

fn outcome(s: &SignerVerdict, name: CheckName) -> Option<Outcome> {
    s.check(name).map(|c| c.outcome())
}

// --- the request condition: who signed ---------------------------------------------------

/// A service centre's operator: an employee (role 1.2.398.3.3.4.1.2.5) of the centre with
/// BIN 160440000075 (test-vectors/pki/roles/bins.txt), IIN 920315400010.
const OPERATOR: &str = "roles/centre_operator";

fn centre_bin() -> Bin {
    Bin::parse("160440000075").unwrap()
}

/// `<who>.cer` signs `content` (attached), signingTime 2026-11-22T09:30Z.
fn signed_by(who: &Certificate, key: &SigningKey) -> SignedData {
    let der = sign(
        CONTENT,
        &SignRequest::new(who, time("2026-11-22T09:30:00Z")),
        key,
    )
    .unwrap();
    SignedData::from_ber(&der).unwrap()
}

/// `signed` with a further signature by `who`.
fn and_signed_by(signed: &SignedData, who: &Certificate, key: &SigningKey) -> SignedData {
    let der = signed
        .add_signer(
            None,
            &SignRequest::new(who, time("2026-11-22T09:40:00Z")),
            key,
        )
        .unwrap();
    SignedData::from_ber(&der).unwrap()
}

/// Akmola's unemployment certificate at a service centre carries two signatures: the
/// centre's employee's, then the applicant's (regulation item 20; `channels.
/// service_center_operator = ["service_center_operator", "applicant"]`, identity "none").
/// The library's rule for that channel (src/profiles/mod.rs, "Who signs"): every signature
/// is proven from its certificate, "the applicant's ... (under IdentityRule::None, the
/// signature that is not an official's)", each signature proven once, so that one person
/// cannot stand for both steps of the procedure.
///
/// Attack: the operator signs the request twice with his own key and certificate (or a
/// second employee of the same centre adds his signature). Both SignerInfos are proven
/// officials of the centre; neither is "not an official's", so the applicant's signature is
/// missing and the request must be refused (`signers` failed).
///
/// Today: valid. `judge_signers` (src/profiles/request.rs:720, the applicant assignment at
/// :780-794) takes the first free signer that "holds" the identity (under
/// `IdentityRule::None` every signer does) when none is proven not to be an official:
/// `free.iter().copied().find(surely_not_official).or(free.first().copied())`, and the
/// fallback picks a signer whose official proof PASSED. The fallback exists for a signer
/// whose official proof is only unknown (the centre's BIN not given); a proven official
/// must never be the applicant.
#[test]
fn defect_an_official_signing_twice_stands_for_the_applicant_too() {
    let profile = Profile::by_id("akmola-unemployment-certificate").unwrap();
    assert_eq!(
        profile.signatures_for(SignerRole::ServiceCenterOperator),
        Some(
            &[
                SignatureRole::ServiceCenterOperator,
                SignatureRole::Applicant
            ][..]
        )
    );
    let verifier = common::rsa_verifier();
    let at_centre = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre_bin());
    let operator = cert(&format!("{OPERATOR}.cer"));
    let operator_key = key(&format!("{OPERATOR}.key.pem"));

    // Control: the operator alone is refused (the applicant's signature is missing).
    let alone = signed_by(&operator, &operator_key);
    let v = check_request(profile, &alone, None, &at_centre, &verifier, at()).unwrap();
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");

    let mut wrong = Vec::new();
    // 1. The same operator, twice.
    let twice = and_signed_by(&alone, &operator, &operator_key);
    let v = check_request(profile, &twice, None, &at_centre, &verifier, at()).unwrap();
    let roles: Vec<_> = v.signers().iter().map(|s| s.role()).collect();
    if v.overall() == Overall::Valid {
        wrong.push(format!(
            "the operator's own certificate signed twice is valid, roles {roles:?}"
        ));
    }
    // 2. A second employee of the same centre (another IIN, the centre's BIN) in the
    // applicant's place.
    let colleague = Certificate::from_der(&Ca::nca_rsa().reissue(operator.der(), |tbs| {
        tbs.serial = int(&[0x3C, 0x0F, 0xFE, 0xE1]);
        let at = tbs
            .subject
            .windows(15)
            .position(|w| w == b"IIN920315400010")
            .unwrap();
        tbs.subject[at..at + 15].copy_from_slice(b"IIN920315400028");
    }))
    .unwrap();
    assert_eq!(
        colleague.facts().iin.map(|i| i.to_string()).as_deref(),
        Some("920315400028")
    );
    let with_colleague = and_signed_by(&alone, &colleague, &operator_key);
    let v = check_request(profile, &with_colleague, None, &at_centre, &verifier, at()).unwrap();
    let roles: Vec<_> = v.signers().iter().map(|s| s.role()).collect();
    if v.overall() == Overall::Valid {
        wrong.push(format!(
            "a second official of the centre is taken for the applicant, roles {roles:?}"
        ));
    }
    assert!(
        wrong.is_empty(),
        "a request certified by the centre's officials alone passed as operator + applicant: {wrong:#?}"
    );
}

// --- the time a signer is judged at ------------------------------------------------------

/// `TimePolicy::ClaimedSigningTime` judges a signer at its signingTime, "the signer's own
/// claim": the signature may have been made at any time up to the time the claim is
/// checked (`TimeSource::Claimed { checked_at }`). A claim LATER than the time checked is
/// false on its face (the signature already exists); the library refuses the same from a
/// TSA (a genTime after the time checked proves nothing, src/tsp/verify.rs).
///
/// Attack: a certificate valid only from 2027-01-01 (test-vectors/pki/not_yet_valid.cer)
/// signs on 2026-11-23 claiming signingTime 2027-02-01, checked on 2026-11-23.
///
/// Held: not valid. Observation: the signer IS judged at the future claim
/// (src/cms/signer.rs:210 takes `t` unbounded by `options.expectation.at`; validity and chain
/// pass at 2027-02-01); only the revocation rule "a CRL issued before the certificate
/// says nothing of it" leaves it indeterminate, since no CRL current at the time checked
/// can postdate a notBefore in the future. A path whose CA certificate is the one not yet
/// valid would not be stopped by that rule.
#[test]
fn held_a_signing_time_after_the_time_checked_proves_no_validity() {
    let c = cert("not_yet_valid.cer");
    let der = sign(
        CONTENT,
        &SignRequest::new(&c, time("2027-02-01T00:00:00Z")),
        &key("not_yet_valid.key.pem"),
    )
    .unwrap();
    // Judged at the time given, the certificate is not yet valid.
    let given = verify(&der, &VerifyOptions::at(at()));
    assert_eq!(given.overall(), Overall::Invalid, "{given:#?}");

    let mut options = VerifyOptions::at(at());
    options.time = TimePolicy::ClaimedSigningTime;
    let v = verify(&der, &options);
    let s = only_signer(&v);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", s.checks());
    assert!(v.verified_content().is_none());
    // Fixed with the review: a claim later than the time checked is judged at the time
    // checked (as a token's time is capped), where the certificate is not yet valid.
    assert_eq!(s.time_basis(), TimeBasis::ClaimedSigningTime);
    assert_eq!(s.at(), at());
    assert_eq!(outcome(&s, CheckName::Validity), Some(Outcome::Failed));
}

// --- algorithm protection -----------------------------------------------------------------

/// CMSAlgorithmProtection (RFC 6211, attribute 1.2.840.113549.1.9.52, which the library
/// names: src/cms/algorithms.rs `attribute_name`): a signed attribute binding the
/// SignerInfo's digestAlgorithm and signatureAlgorithm, against the substitution of those
/// unsigned fields. RFC 6211 §3: when it is present, "the digestAlgorithm and
/// signatureAlgorithm fields ... MUST be the same as" the SignerInfo's, and "if the
/// attribute is present and the values do not match, the validation MUST fail".
///
/// Attack: a SignerInfo whose signed cmsAlgorithmProtection names SHA-512 /
/// sha512WithRSAEncryption, while its own fields say SHA-256 / sha256WithRSAEncryption.
///
/// Today: valid; the attribute is listed by name and never compared
/// (src/cms/attribute_checks.rs has no check of it). Low severity: a substitution must
/// still verify, but the RFC's answer is a failure.
#[test]
fn defect_cms_algorithm_protection_naming_other_algorithms_is_ignored() {
    let c = cert("individual_sign.cer");
    let protection = |digest: &str, signature: &str| {
        // CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1]
        // IMPLICIT AlgorithmIdentifier OPTIONAL, ... }
        let sig = seq(&[&oid(signature), &[0x05, 0x00]]);
        let mut implicit = sig;
        implicit[0] = 0xA1;
        attr(
            ATTR_CMS_ALGORITHM_PROTECTION,
            &[&seq(&[&alg(digest), &implicit])],
        )
    };
    let mut matching = standard_attrs(ID_DATA, CONTENT, &c);
    matching.push(protection(SHA256, SHA256_WITH_RSA));
    let v = verify(
        &by_individual_with(&set_of(matching), CONTENT),
        &VerifyOptions::at(at()),
    );
    assert_eq!(v.overall(), Overall::Valid, "control: {v:#?}");

    let mut other = standard_attrs(ID_DATA, CONTENT, &c);
    other.push(protection(SHA512, SHA512_WITH_RSA));
    let v = verify(
        &by_individual_with(&set_of(other), CONTENT),
        &VerifyOptions::at(at()),
    );
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "cmsAlgorithmProtection names SHA-512/sha512WithRSA, the SignerInfo uses SHA-256/sha256WithRSA: {:#?}",
        only_signer(&v).checks()
    );
}

// --- signed attributes ----------------------------------------------------------------------

/// RFC 5652 §5.3 / §11: contentType, messageDigest and signingTime are single-valued and
/// appear at most once in signedAttrs; a repeated or multi-valued one is ambiguous (which
/// digest, which time was signed?). Each SignerInfo below is signed over exactly what it
/// carries, by the signer's own key: only the attribute rule can refuse it.
///
/// Held: each is invalid (src/cms/attribute_checks.rs `single`).
#[test]
fn held_repeated_or_multi_valued_core_attributes_are_refused() {
    let c = cert("individual_sign.cer");
    let ct = || attr(ATTR_CONTENT_TYPE, &[&oid(ID_DATA)]);
    let md = |d: &[u8]| attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &sha256(d))]);
    let ess = || attr(ATTR_SIGNING_CERTIFICATE_V2, &[&ess_v2(c.der())]);
    let cases: Vec<(&str, CheckName, Vec<Vec<u8>>)> = vec![
        (
            "two messageDigest attributes (the content's and another's)",
            CheckName::MessageDigest,
            vec![ct(), md(CONTENT), md(b"another content"), ess()],
        ),
        (
            "one messageDigest attribute with two values",
            CheckName::MessageDigest,
            vec![
                ct(),
                attr(
                    ATTR_MESSAGE_DIGEST,
                    &[
                        &tlv(0x04, &sha256(CONTENT)),
                        &tlv(0x04, &sha256(b"another content")),
                    ],
                ),
                ess(),
            ],
        ),
        (
            "a messageDigest attribute with no value",
            CheckName::MessageDigest,
            vec![ct(), attr(ATTR_MESSAGE_DIGEST, &[]), ess()],
        ),
        (
            "two contentType attributes",
            CheckName::ContentType,
            vec![
                ct(),
                attr(ATTR_CONTENT_TYPE, &[&oid(ID_ENVELOPED_DATA)]),
                md(CONTENT),
                ess(),
            ],
        ),
        (
            "two signingTime attributes (UTCTime and GeneralizedTime)",
            CheckName::SigningTime,
            vec![
                ct(),
                md(CONTENT),
                attr(ATTR_SIGNING_TIME, &[&forge::utc_time("261120095900Z")]),
                attr(ATTR_SIGNING_TIME, &[&forge::gen_time("20201120095900Z")]),
                ess(),
            ],
        ),
        (
            "two signingCertificateV2 attributes",
            CheckName::SigningCertificate,
            vec![ct(), md(CONTENT), ess(), ess()],
        ),
    ];
    for (what, name, attrs) in cases {
        let v = verify(
            &by_individual_with(&set_of(attrs), CONTENT),
            &VerifyOptions::at(at()),
        );
        let s = only_signer(&v);
        assert_eq!(v.overall(), Overall::Invalid, "{what}: {:#?}", s.checks());
        assert_eq!(outcome(&s, name), Some(Outcome::Failed), "{what}");
        assert!(v.verified_content().is_none(), "{what}");
    }
}

/// RFC 5652 §11.1: the contentType attribute must equal eContentType. A signer's
/// signature over "id-data" does not vouch for the same octets as another type.
///
/// Held: invalid (`content_type` failed).
#[test]
fn held_a_content_type_attribute_other_than_the_econtent_type_is_refused() {
    let c = cert("individual_sign.cer");
    let signed = set_of(standard_attrs(ID_DATA, CONTENT, &c));
    let si = signer_info_over(&signed, &alg(SHA256), &key("individual_sign.key.pem"), &c);
    let der = content_info(
        ID_ENVELOPED_DATA,
        Some(tlv(0xA0, &tlv(0x04, CONTENT))),
        &[c.der().to_vec()],
        &[si],
    );
    let v = verify(&der, &VerifyOptions::at(at()));
    let s = only_signer(&v);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", s.checks());
    assert_eq!(outcome(&s, CheckName::ContentType), Some(Outcome::Failed));
}

/// The SignerInfo's digestAlgorithm says SHA-512, its messageDigest is the 32-byte
/// SHA-256 of the content (and the signatureAlgorithm, sha256WithRSA, verifies over the
/// signed attributes). The messageDigest is computed with the SignerInfo's
/// digestAlgorithm (RFC 5652 §5.4): it does not match.
///
/// Held: invalid (`message_digest` failed).
#[test]
fn held_a_message_digest_of_another_algorithm_is_refused() {
    let c = cert("individual_sign.cer");
    let signed = set_of(standard_attrs(ID_DATA, CONTENT, &c));
    let si = signer_info_over(&signed, &alg(SHA512), &key("individual_sign.key.pem"), &c);
    let der = content_info(
        ID_DATA,
        Some(tlv(0xA0, &tlv(0x04, CONTENT))),
        &[c.der().to_vec()],
        &[si],
    );
    let v = verify(&der, &VerifyOptions::at(at()));
    let s = only_signer(&v);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", s.checks());
    assert_eq!(outcome(&s, CheckName::MessageDigest), Some(Outcome::Failed));
    assert_eq!(outcome(&s, CheckName::Signature), Some(Outcome::Passed));
}

/// RFC 5652 §5.4: the signature covers the DER encoding of signedAttrs (an explicit SET
/// OF, hence sorted). The library verifies over the attributes as carried (indefinite
/// lengths made definite), and reads the attributes it checks from the same bytes.
///
/// Held: an attacker who reorders a signer's DER attributes (or re-encodes them so they
/// mean something else) breaks the signature; what is checked is always what was signed.
/// Observation: a SignerInfo whose signer signed an UNSORTED set as carried is accepted
/// (a strict RFC 5652 verifier re-encoding to DER, e.g. OpenSSL's, would refuse it):
/// leniency, not a forgery, since the key signed exactly those bytes.
#[test]
fn held_signed_attributes_are_verified_as_carried_and_read_from_the_same_bytes() {
    let c = cert("individual_sign.cer");
    let sorted = set_of(standard_attrs(ID_DATA, CONTENT, &c));
    let der = by_individual_with(&sorted, CONTENT);
    assert_eq!(
        verify(&der, &VerifyOptions::at(at())).overall(),
        Overall::Valid
    );
    // The same SignerInfo with its attributes carried in another order.
    let sd = SignedData::from_ber(&der).unwrap();
    let si = sd.signers()[0].encoding().to_vec();
    let fields: Vec<Vec<u8>> = forge::children(&si).iter().map(|f| f.to_vec()).collect();
    let mut attrs: Vec<Vec<u8>> = forge::children(&fields[3])
        .iter()
        .map(|a| a.to_vec())
        .collect();
    attrs.reverse();
    let mut reordered = fields.clone();
    reordered[3] = tlv(0xA0, &attrs.concat());
    let refs: Vec<&[u8]> = reordered.iter().map(|f| f.as_slice()).collect();
    let tampered = content_info(
        ID_DATA,
        Some(tlv(0xA0, &tlv(0x04, CONTENT))),
        &[c.der().to_vec()],
        &[seq(&refs)],
    );
    let v = verify(&tampered, &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(&only_signer(&v), CheckName::Signature),
        Some(Outcome::Failed)
    );
    // A signer that signed the unsorted set itself: accepted (the observation above).
    let mut unsorted = standard_attrs(ID_DATA, CONTENT, &c);
    unsorted.sort();
    unsorted.reverse();
    let v = verify(
        &by_individual_with(&tlv(0x31, &unsorted.concat()), CONTENT),
        &VerifyOptions::at(at()),
    );
    assert_eq!(v.overall(), Overall::Valid);
}

/// A detached SignedData with signed attributes, verified without its content: the
/// signature over the attributes verifies, but nothing proves what content the
/// messageDigest names.
///
/// Held: indeterminate (`content` and `message_digest` unknown), no content handed out.
#[test]
fn held_signed_attributes_without_the_content_prove_nothing() {
    let c = cert("individual_sign.cer");
    let der = sign(
        CONTENT,
        &SignRequest::new(&c, time("2026-11-22T09:30:00Z")).detached(true),
        &key("individual_sign.key.pem"),
    )
    .unwrap();
    let sd = SignedData::from_ber(&der).unwrap();
    let v = sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    let s = only_signer(&v);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
    assert_eq!(
        outcome(&s, CheckName::MessageDigest),
        Some(Outcome::Unknown)
    );
    assert_eq!(outcome(&s, CheckName::Signature), Some(Outcome::Passed));
    assert!(v.verified_content().is_none());
    // With another content: refused; with its own: valid.
    let other = sd.verify_detached(
        b"another",
        &common::rsa_verifier(),
        &VerifyOptions::at(at()),
    );
    assert_eq!(other.overall(), Overall::Invalid);
    let own = sd.verify_detached(CONTENT, &common::rsa_verifier(), &VerifyOptions::at(at()));
    assert_eq!(own.overall(), Overall::Valid);
}

/// Kalkan writes eContent as a constructed (BER) OCTET STRING. The content hashed, and
/// the content handed out, must be the concatenation of its segments, wherever the
/// segment boundaries fall; a constructed encoding must not smuggle in anything else.
///
/// Held: chunked any way, the content is valid and handed out whole; a chunk changed is
/// refused; a segment that is not an OCTET STRING is refused when read (X.690 §8.7.3.2).
#[test]
fn held_a_constructed_econtent_is_hashed_as_the_concatenation_of_its_segments() {
    let c = cert("individual_sign.cer");
    let signed = set_of(standard_attrs(ID_DATA, CONTENT, &c));
    let si = signer_info_over(&signed, &alg(SHA256), &key("individual_sign.key.pem"), &c);
    let chunked = |cuts: &[usize], definite: bool, tag: u8| {
        let mut segments = Vec::new();
        let mut from = 0;
        for &to in cuts.iter().chain(std::iter::once(&CONTENT.len())) {
            segments.extend(tlv(tag, &CONTENT[from..to]));
            from = to;
        }
        let os = if definite {
            tlv(0x24, &segments)
        } else {
            [&[0x24, 0x80][..], &segments, &[0, 0]].concat()
        };
        content_info(
            ID_DATA,
            Some(tlv(0xA0, &os)),
            &[c.der().to_vec()],
            std::slice::from_ref(&si),
        )
    };
    for (cuts, definite) in [
        (&[10usize, 20][..], false),
        (&[1, 2, 3][..], true),
        (&[0, 0, 27][..], false),
    ] {
        let v = verify(&chunked(cuts, definite, 0x04), &VerifyOptions::at(at()));
        assert_eq!(v.overall(), Overall::Valid, "{cuts:?}");
        assert_eq!(v.verified_content().unwrap().as_bytes(), CONTENT);
    }
    // A segment of another type (a UTF8String) where an OCTET STRING must be.
    let bad = chunked(&[10], true, 0x0C);
    match SignedData::from_ber(&bad) {
        Err(_) => {}
        Ok(sd) => assert_ne!(
            sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()))
                .overall(),
            Overall::Valid
        ),
    }
    // One byte changed inside a segment.
    let mut changed = chunked(&[10, 20], false, 0x04);
    let pos = changed.windows(6).position(|w| w == b"review").unwrap();
    changed[pos] = b'R';
    assert_eq!(
        verify(&changed, &VerifyOptions::at(at())).overall(),
        Overall::Invalid
    );
}

/// RFC 5652 §10.2.2: CertificateChoices also carry extendedCertificate [0], v1/v2
/// attribute certificates [1]/[2] and other [3]. They are not the signer's certificate
/// and must neither break nor stand for it.
///
/// Held: skipped (kept as choices), the signer is found among the real certificates.
#[test]
fn held_other_certificate_choices_are_skipped() {
    let c = cert("individual_sign.cer");
    let signed = set_of(standard_attrs(ID_DATA, CONTENT, &c));
    let si = signer_info_over(&signed, &alg(SHA256), &key("individual_sign.key.pem"), &c);
    let attribute_cert = tlv(0xA2, &seq(&[&seq(&[&int(&[2])]), &tlv(0x03, &[0])]));
    let other = tlv(0xA3, &seq(&[&oid("1.2.3.4"), c.der()]));
    let der = content_info(
        ID_DATA,
        Some(tlv(0xA0, &tlv(0x04, CONTENT))),
        &[attribute_cert, other, c.der().to_vec()],
        &[si],
    );
    let sd = SignedData::from_ber(&der).unwrap();
    assert_eq!(sd.certificates().len(), 1);
    let v = sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
}

// --- the signer's certificate ---------------------------------------------------------------

/// Several certificates match the SignerIdentifier: the genuine one, and one made by
/// anyone (signed by a CA the verifier does not trust) with the same issuer name, serial
/// and public key but another subject IIN, listed first. The genuine signature verifies
/// with both keys (they are one key). The verifier must never judge the impostor as the
/// signer's certificate, and the request's IIN must be the genuine certificate's.
///
/// Held: with signingCertificateV2 the bound (genuine) certificate is chosen: valid for
/// the genuine IIN, refused for the impostor's; without it the first that verifies (the
/// impostor) is chosen and fails its chain: never valid for the impostor's IIN.
#[test]
fn held_an_impostor_certificate_with_the_signers_key_proves_no_identity() {
    let c = cert("individual_sign.cer");
    let forged_ca = Ca {
        cert: cert("forged_ca.cer").der().to_vec(),
        key: key("forged_ca.key.pem"),
    };
    let mut tbs = forge::Tbs::of(c.der());
    let at_iin = tbs
        .subject
        .windows(15)
        .position(|w| w == b"IIN123456789011")
        .unwrap();
    tbs.subject[at_iin..at_iin + 15].copy_from_slice(b"IIN900101300007");
    let impostor = forged_ca.sign(&tbs.der());
    let impostor_cert = Certificate::from_der(&impostor).unwrap();
    assert_eq!(impostor_cert.serial(), c.serial());
    assert_eq!(impostor_cert.issuer().der(), c.issuer().der());

    let k = key("individual_sign.key.pem");
    let genuine_iin = Iin::parse("123456789011").unwrap();
    let impostor_iin = Iin::parse("900101300007").unwrap();
    let with_ess = set_of(standard_attrs(ID_DATA, CONTENT, &c));
    let without_ess = set_of(standard_attrs(ID_DATA, CONTENT, &c)[..2].to_vec());
    for (what, signed) in [("ESS", with_ess), ("no ESS", without_ess)] {
        let si = signer_info_over(&signed, &alg(SHA256), &k, &c);
        let der = content_info(
            ID_DATA,
            Some(tlv(0xA0, &tlv(0x04, CONTENT))),
            &[impostor.clone(), c.der().to_vec()],
            &[si],
        );
        let judged = |iin: Iin| verify(&der, &VerifyOptions::new(Expectation::at(at()).iin(iin)));
        let v = judged(impostor_iin);
        assert_ne!(v.overall(), Overall::Valid, "{what}: {v:#?}");
        assert!(v.verified_content().is_none());
        if what == "ESS" {
            let v = judged(genuine_iin);
            assert_eq!(v.overall(), Overall::Valid, "{what}: {v:#?}");
        }
    }
}

// --- the IIN / BIN read from the subject ----------------------------------------------------

/// An RDN of (attribute OID content, string tag, value) triples (several: multi-valued).
fn rdn(atvs: &[(&[u8], u8, &[u8])]) -> Vec<u8> {
    let mut items: Vec<Vec<u8>> = atvs
        .iter()
        .map(|(o, t, v)| seq(&[&tlv(0x06, o), &tlv(*t, v)]))
        .collect();
    items.sort();
    tlv(0x31, &items.concat())
}

const AT_CN: &[u8] = &[0x55, 0x04, 0x03];
const AT_SERIAL: &[u8] = &[0x55, 0x04, 0x05];
const AT_C: &[u8] = &[0x55, 0x04, 0x06];
const AT_O: &[u8] = &[0x55, 0x04, 0x0A];
const AT_OU: &[u8] = &[0x55, 0x04, 0x0B];
const AT_ORG_ID: &[u8] = &[0x55, 0x04, 0x61];

/// `individual_sign` re-issued by the test CA (same key, same serial) with this subject.
fn with_subject(rdns: &[Vec<u8>]) -> Certificate {
    let template = cert("individual_sign.cer");
    Certificate::from_der(&Ca::nca_rsa().reissue(template.der(), |tbs| {
        tbs.subject = tlv(0x30, &rdns.concat());
    }))
    .unwrap()
}

fn bmp(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
}

/// The IIN match reads `serialNumber` "IIN" + 12 ASCII digits, the BIN match `OU` "BIN" +
/// 12 ASCII digits (src/certificate/subject.rs). Values that only look like the request's
/// identity (another case, Cyrillic letters, full-width digits, a leading space, the right
/// digits in the wrong attribute) must not match; the same identity in another string
/// type or a multi-valued RDN is the same identity.
///
/// Held: every look-alike fails the match; the controls match.
#[test]
fn held_identity_look_alikes_do_not_match() {
    let verifier = common::rsa_verifier();
    let iin = Iin::parse("123456789011").unwrap();
    let bin = Bin::parse("123456789021").unwrap();
    let cn = |v: &str| (AT_CN, 0x0C, v.as_bytes().to_vec());
    let judged = |rdns: &[Vec<u8>], expect: Expectation| {
        let c = with_subject(rdns);
        let v = verifier.check_certificate(&c, &expect);
        (
            v.check(CheckName::IinMatch).map(|c| c.outcome()),
            v.check(CheckName::BinMatch).map(|c| c.outcome()),
        )
    };
    let person = |serial: (u8, Vec<u8>)| {
        vec![
            rdn(&[(AT_CN, 0x0C, "ТЕСТОВ ТЕСТ".as_bytes())]),
            rdn(&[(AT_SERIAL, serial.0, &serial.1)]),
            rdn(&[(AT_C, 0x13, b"KZ")]),
        ]
    };
    let expect_iin = || Expectation::at(at()).iin(iin);
    let look_alikes: Vec<(&str, (u8, Vec<u8>))> = vec![
        ("lowercase iin", (0x13, b"iin123456789011".to_vec())),
        (
            "Cyrillic І (U+0406)",
            (0x0C, "ІIN123456789011".as_bytes().to_vec()),
        ),
        (
            "full-width digits",
            (0x0C, "IIN１２３４５６７８９０１１".as_bytes().to_vec()),
        ),
        ("a leading space", (0x13, b" IIN123456789011".to_vec())),
        (
            "a space inside the digits",
            (0x13, b"IIN12345 6789011".to_vec()),
        ),
        (
            "a NUL after the digits",
            (0x0C, b"IIN123456789011\0".to_vec()),
        ),
        ("13 digits", (0x13, b"IIN1234567890110".to_vec())),
        ("an OCTET STRING value", (0x04, b"IIN123456789011".to_vec())),
    ];
    for (what, serial) in look_alikes {
        let (m, _) = judged(&person(serial), expect_iin());
        assert_eq!(m, Some(Outcome::Failed), "{what}");
    }
    // The right digits in the wrong attribute.
    let (m, _) = judged(
        &[
            rdn(&[(AT_CN, 0x0C, b"IIN123456789011")]),
            rdn(&[(AT_C, 0x13, b"KZ")]),
        ],
        expect_iin(),
    );
    assert_eq!(m, Some(Outcome::Failed), "IIN in CN");
    let (_, m) = judged(
        &[
            rdn(&[(AT_SERIAL, 0x13, b"IIN123456789011")]),
            rdn(&[(AT_O, 0x0C, b"ACME")]),
            rdn(&[(AT_ORG_ID, 0x0C, b"BIN123456789021")]),
        ],
        Expectation::at(at()).bin(bin),
    );
    assert_eq!(m, Some(Outcome::Failed), "BIN in organizationIdentifier");
    let (_, m) = judged(
        &[rdn(&[(AT_SERIAL, 0x13, b"BIN123456789021")])],
        Expectation::at(at()).bin(bin),
    );
    assert_eq!(m, Some(Outcome::Failed), "BIN in the IIN slot");
    let (m, _) = judged(&[rdn(&[(AT_OU, 0x0C, b"IIN123456789011")])], expect_iin());
    assert_eq!(m, Some(Outcome::Failed), "IIN in an OU");
    // Controls: the same identity, as another string type or in a multi-valued RDN.
    let (m, _) = judged(&person((0x1E, bmp("IIN123456789011"))), expect_iin());
    assert_eq!(m, Some(Outcome::Passed), "BMPString");
    let (m, _) = judged(
        &[rdn(&[
            (cn("ТЕСТОВ ТЕСТ").0, 0x0C, "ТЕСТОВ ТЕСТ".as_bytes()),
            (AT_SERIAL, 0x13, b"IIN123456789011"),
        ])],
        expect_iin(),
    );
    assert_eq!(m, Some(Outcome::Passed), "multi-valued RDN");
}

// --- signing time encodings ------------------------------------------------------------------

/// RFC 5652 §11.3 / RFC 5280 §4.1.2.5.1: UTCTime years 50-99 are 19xx, 00-49 20xx; a BER
/// signingTime may carry a GeneralizedTime with a fraction and an offset. The claim is
/// reported, and judged at only under `ClaimedSigningTime`; it must be read as written.
///
/// Held: 1950-01-01, 2049-12-31T23:59:59Z, and 15:30:00.5+06:00 = 09:30:00Z.
#[test]
fn held_signing_time_boundaries_and_offsets_are_read_as_written() {
    let c = cert("individual_sign.cer");
    for (value, expected) in [
        (forge::utc_time("500101000000Z"), "1950-01-01T00:00:00Z"),
        (forge::utc_time("491231235959Z"), "2049-12-31T23:59:59Z"),
        (
            forge::gen_time("20261122153000.5+0600"),
            "2026-11-22T09:30:00Z",
        ),
        (forge::utc_time("2611221530+0600"), "2026-11-22T09:30:00Z"),
    ] {
        let mut attrs = standard_attrs(ID_DATA, CONTENT, &c);
        attrs.push(attr(ATTR_SIGNING_TIME, &[&value]));
        let v = verify(
            &by_individual_with(&set_of(attrs), CONTENT),
            &VerifyOptions::at(at()),
        );
        let s = only_signer(&v);
        assert_eq!(s.signing_time(), Some(time(expected)), "{expected}");
        assert_eq!(v.overall(), Overall::Valid, "{expected}");
        assert_eq!(s.time_basis(), TimeBasis::Given);
    }
}

// --- several signers ---------------------------------------------------------------------------

/// The request's IIN is one person's; the document carries that person's signature and
/// another person's. Under `SignerPolicy::All` every signer is held to the IIN (the
/// stranger fails it); under `Any` the applicant's valid signature suffices, and the
/// verdict names which signer holds.
///
/// Held: All invalid (the stranger's IIN match failed), Any valid through the applicant's.
#[test]
fn held_the_iin_is_matched_on_every_signer_the_policy_counts() {
    let applicant = signed_by(
        &cert("individual_sign.cer"),
        &key("individual_sign.key.pem"),
    );
    let both = and_signed_by(
        &applicant,
        &cert("individual_sign_valid_iin.cer"),
        &key("individual_sign_valid_iin.key.pem"),
    );
    let verifier = common::rsa_verifier();
    let expect = Expectation::at(at()).iin(Iin::parse("123456789011").unwrap());
    let mut options = VerifyOptions::new(expect);
    let all = both.verify(&verifier, &options);
    assert_eq!(all.overall(), Overall::Invalid, "{all:#?}");
    // The SignerInfos are a DER SET OF: their order is the encoder's, not the signing's.
    let matches: Vec<Option<Outcome>> = all
        .signers()
        .iter()
        .map(|s| outcome(s, CheckName::IinMatch))
        .collect();
    let mut sorted = matches.clone();
    sorted.sort();
    assert_eq!(sorted, [Some(Outcome::Passed), Some(Outcome::Failed)]);
    assert!(all.verified_content().is_none());
    options.signers = SignerPolicy::Any;
    let any = both.verify(&verifier, &options);
    assert_eq!(any.overall(), Overall::Valid, "{any:#?}");
    let valid: Vec<bool> = any.signers().iter().map(|s| s.is_valid()).collect();
    let expected: Vec<bool> = matches
        .iter()
        .map(|m| *m == Some(Outcome::Passed))
        .collect();
    assert_eq!(valid, expected);
    // Neither signer carries the IIN: invalid under Any too.
    let expect = Expectation::at(at()).iin(Iin::parse("880101300123").unwrap());
    let mut options = VerifyOptions::new(expect);
    options.signers = SignerPolicy::Any;
    assert_eq!(both.verify(&verifier, &options).overall(), Overall::Invalid);
}

/// Observation (not a failure of the library's stated rules): under `IdentityRule::IinOnly`
/// ("services to individuals: the request's IIN equals the certificate's IIN") a legal
/// entity's signing certificate (OU "BIN…", the employee's IIN in serialNumber) proves an
/// individual's request when its IIN is the request's. The e-government portal keeps an
/// individual's services to an individual's certificate; whether a regulation's "the IIN of
/// the request against the IIN of the certificate" admits an organisation's certificate is
/// the caller's to decide, and the verdict gives what it needs: the signer's BIN.
#[test]
fn observation_a_legal_entitys_certificate_proves_an_individuals_iin() {
    let profile = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
    let signed = signed_by(&cert("legal_sign.cer"), &key("legal_sign.key.pem"));
    let request = RequestIdentity::individual(Iin::parse("123456789011").unwrap());
    let v = check_request(
        profile,
        &signed,
        None,
        &request,
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    assert_eq!(
        v.signers()[0].bin().map(|b| b.to_string()).as_deref(),
        Some("123456789021")
    );
}
