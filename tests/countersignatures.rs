//! CMS countersignatures (RFC 5652 §11.4, id-countersignature 1.2.840.113549.1.9.6): each
//! verified as a signer over the signature value of the SignerInfo it is on, reported in
//! `SignerVerdict::countersignatures`, and counted by the `countersignature` check (proven
//! bad: the signer is invalid; not proven or not judged: indeterminate; all proven:
//! passed). Every input is built here with the test PKI's keys (and, when ../shared is
//! present, the NCA's GOST 2015/512 test keys); each path that can answer "valid" has a
//! hostile case that tries to reach it wrongly.

mod common;

use common::forge::{attr, children, content, int, oid, seq, tlv};
use common::{pki, time, who, Who};
use qoltanba::cms::{sign, SignRequest, SignedData, SignerVerdict, VerifyOptions};
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall, Verifier};

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ATTR_CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
const ATTR_MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const ATTR_SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
const ATTR_COUNTERSIGNATURE: &str = "1.2.840.113549.1.9.6";
const CONTENT: &[u8] = b"countersigned: the request";

fn at() -> chrono::DateTime<chrono::Utc> {
    time("2026-11-23T00:00:00Z")
}

/// A document by `parent` (attached, signed by the library), its certificate and `extra`.
fn signed(parent: &Who, extra: &[Certificate]) -> SignedData {
    let der = sign(
        CONTENT,
        &SignRequest::new(&parent.cert, time("2026-11-22T09:30:00Z")).with_chain(extra),
        &parent.key,
    )
    .unwrap();
    SignedData::from_ber(&der).unwrap()
}

/// The digest and signature AlgorithmIdentifiers `w`'s key signs with, and the digest of
/// `over` under its hash: as the library's own signer writes them, signing `over` (its
/// messageDigest is that digest; no hash API is needed for GOST's Streebog).
fn algorithms(w: &Who, over: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let der = sign(over, &SignRequest::new(&w.cert, at()), &w.key).unwrap();
    let sd = SignedData::from_ber(&der).unwrap();
    let si = &sd.signers()[0];
    let parts = children(si.encoding());
    let digest = si
        .signed_attributes()
        .unwrap()
        .all(ATTR_MESSAGE_DIGEST)
        .next()
        .unwrap()
        .values[0]
        .clone();
    (
        parts[2].to_vec(),
        parts[4].to_vec(),
        content(&digest).to_vec(),
    )
}

/// What a countersignature's signed attributes hold, besides what the test names.
#[derive(Clone, Copy, Default)]
struct Shape {
    content_type: bool,
    /// No signed attributes at all: the signature over the parent's signature value itself.
    no_attributes: bool,
    /// A signingTime (distinct values make distinct countersignatures).
    signing_time: Option<u32>,
}

/// A countersignature by `w` whose messageDigest is the digest of `over` (under `w`'s
/// hash), its unsigned attributes carrying `nested` countersignatures.
fn countersignature(over: &[u8], w: &Who, shape: Shape, nested: &[Vec<u8>]) -> Vec<u8> {
    let (digest_id, signature_id, digest) = algorithms(w, over);
    let mut attrs = vec![attr(ATTR_MESSAGE_DIGEST, &[&tlv(0x04, &digest)])];
    if shape.content_type {
        attrs.push(attr(ATTR_CONTENT_TYPE, &[&oid(ID_DATA)]));
    }
    if let Some(s) = shape.signing_time {
        let t = format!("2611220{}{:02}{:02}Z", s / 3600 % 10, s / 60 % 60, s % 60);
        attrs.push(attr(ATTR_SIGNING_TIME, &[&tlv(0x17, t.as_bytes())]));
    }
    let signed = common::forge::set_of(attrs);
    let sid = seq(&[w.cert.issuer().der(), &int(w.cert.serial())]);
    let (signed_part, signature) = if shape.no_attributes {
        (None, w.key.sign(over).unwrap())
    } else {
        let mut implicit = signed.clone();
        implicit[0] = 0xA0;
        (Some(implicit), w.key.sign(&signed).unwrap())
    };
    let mut parts: Vec<Vec<u8>> = vec![int(&[1]), sid, digest_id];
    parts.extend(signed_part);
    parts.push(signature_id);
    parts.push(tlv(0x04, &signature));
    if !nested.is_empty() {
        parts.push(tlv(0xA1, &countersignature_attribute(nested)));
    }
    tlv(0x30, &parts.concat())
}

fn countersignature_attribute(values: &[Vec<u8>]) -> Vec<u8> {
    attr(
        ATTR_COUNTERSIGNATURE,
        &values.iter().map(|v| v.as_slice()).collect::<Vec<_>>(),
    )
}

/// The signature value of a SignerInfo's DER.
fn signature_of(si: &[u8]) -> Vec<u8> {
    let parts = children(si);
    let value = parts.iter().rev().find(|p| p[0] == 0x04).unwrap();
    content(value).to_vec()
}

/// `sd` (DER re-encoded) with SignerInfo `i` carrying the countersignatures `values` and
/// the certificates `certs` added.
fn with_countersignatures(
    sd: &SignedData,
    i: usize,
    values: &[Vec<u8>],
    certs: &[&Certificate],
) -> SignedData {
    SignedData::from_ber(&with_countersignatures_der(sd, i, values, certs)).unwrap()
}

/// [`with_countersignatures`], DER.
fn with_countersignatures_der(
    sd: &SignedData,
    i: usize,
    values: &[Vec<u8>],
    certs: &[&Certificate],
) -> Vec<u8> {
    let mut signer_infos: Vec<Vec<u8>> =
        sd.signers().iter().map(|s| s.encoding().to_vec()).collect();
    let mut parts: Vec<Vec<u8>> = children(&signer_infos[i])
        .iter()
        .map(|p| p.to_vec())
        .collect();
    // Beside the unsigned attributes it carries, if any.
    let mut unsigned = match parts.last() {
        Some(p) if p[0] == 0xA1 => content(&parts.pop().unwrap()).to_vec(),
        _ => Vec::new(),
    };
    unsigned.extend(countersignature_attribute(values));
    parts.push(tlv(0xA1, &unsigned));
    signer_infos[i] = tlv(0x30, &parts.concat());
    let mut all: Vec<Vec<u8>> = sd.certificates().iter().map(|c| c.der().to_vec()).collect();
    all.extend(certs.iter().map(|c| c.der().to_vec()));
    let digest_ids: Vec<Vec<u8>> = sd
        .digest_algorithms()
        .iter()
        .map(|a| a.der.clone())
        .collect();
    let signed_data = seq(&[
        &int(&[1]),
        &tlv(0x31, &digest_ids.concat()),
        &seq(&[
            &oid(ID_DATA),
            &tlv(0xA0, &tlv(0x04, sd.unverified_content().unwrap())),
        ]),
        &tlv(0xA0, &all.concat()),
        &tlv(0x31, &signer_infos.concat()),
    ]);
    seq(&[&oid("1.2.840.113549.1.7.2"), &tlv(0xA0, &signed_data)])
}

/// A document by individual_sign whose signer carries what `f` makes over its signature
/// value; the certificates `certs` added.
fn countersigned(certs: &[&Certificate], f: impl FnOnce(&[u8]) -> Vec<Vec<u8>>) -> SignedData {
    let sd = signed(&who("individual_sign"), &[]);
    let values = f(sd.signers()[0].signature());
    with_countersignatures(&sd, 0, &values, certs)
}

fn judge_with(sd: &SignedData, verifier: &Verifier, options: &VerifyOptions) -> SignerVerdict {
    let v = sd.verify(verifier, options);
    v.signers()[0].clone()
}

fn judge(sd: &SignedData) -> SignerVerdict {
    judge_with(sd, &common::rsa_verifier(), &VerifyOptions::at(at()))
}

fn outcome(v: &SignerVerdict, name: CheckName) -> Option<Outcome> {
    v.check(name).map(|c| c.outcome())
}

#[test]
fn a_countersignature_is_verified_and_reported() {
    let legal = who("legal_sign");
    let sd = countersigned(&[&legal.cert], |sig| {
        vec![countersignature(sig, &legal, Shape::default(), &[])]
    });
    let verdict = sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    assert!(verdict.is_valid(), "{verdict:#?}");
    let v = &verdict.signers()[0];
    assert_eq!(
        outcome(v, CheckName::Countersignature),
        Some(Outcome::Passed)
    );
    let c = &v.countersignatures()[0];
    assert!(c.is_valid(), "{c:#?}");
    assert_eq!(c.index(), 0);
    assert!(c.certificate().unwrap().is_valid());
    for name in [
        CheckName::SignerCertificate,
        CheckName::ContentType,
        CheckName::MessageDigest,
        CheckName::Signature,
        CheckName::Chain,
        CheckName::Revocation,
    ] {
        assert_eq!(outcome(c, name), Some(Outcome::Passed), "{name:?}");
    }
    // The JSON printed for a signer carries its countersignatures, as its tokens.
    let json = serde_json::to_value(&verdict).unwrap();
    let cs = &json["signers"][0]["countersignatures"][0];
    assert_eq!(cs["verdict"], "valid", "{cs}");
    assert!(cs["checks"].as_array().is_some_and(|a| !a.is_empty()));
}

/// Hostile: a countersignature made over another signer's signature value, moved onto
/// this one (messageDigest mismatch): this signer is invalid; the other, which carries
/// nothing, stays valid.
#[test]
fn a_countersignature_over_another_signature_is_refused() {
    let legal = who("legal_sign");
    let first = signed(&who("individual_sign"), &[]);
    let der = first
        .add_signer(
            None,
            &SignRequest::new(&legal.cert, time("2026-11-22T09:40:00Z")),
            &legal.key,
        )
        .unwrap();
    let two = SignedData::from_ber(&der).unwrap();
    let over_first = countersignature(two.signers()[0].signature(), &legal, Shape::default(), &[]);
    let sd = with_countersignatures(&two, 1, &[over_first], &[]);
    let verdict = sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    assert_eq!(verdict.overall(), Overall::Invalid);
    assert!(verdict.signers()[0].is_valid());
    let v = &verdict.signers()[1];
    assert_eq!(
        outcome(v, CheckName::Countersignature),
        Some(Outcome::Failed)
    );
    let c = &v.countersignatures()[0];
    assert_eq!(outcome(c, CheckName::MessageDigest), Some(Outcome::Failed));
    // Its signature is genuine: only the digest tells.
    assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Passed));
    assert_eq!(
        v.refusal().map(|r| r.en().contains("countersignature")),
        Some(true),
        "{:?}",
        v.refusal()
    );
}

/// Hostile: a contentType attribute (RFC 5652 §11.4 forbids it), and no signed attributes at
/// all (a signature over the parent's signature value itself): each proven bad, though the
/// signature verifies.
#[test]
fn a_content_type_or_no_signed_attributes_is_refused() {
    let legal = who("legal_sign");
    for shape in [
        Shape {
            content_type: true,
            ..Shape::default()
        },
        Shape {
            no_attributes: true,
            ..Shape::default()
        },
    ] {
        let sd = countersigned(&[&legal.cert], |sig| {
            vec![countersignature(sig, &legal, shape, &[])]
        });
        let v = judge(&sd);
        assert_eq!(v.overall(), Overall::Invalid);
        assert_eq!(
            outcome(&v, CheckName::Countersignature),
            Some(Outcome::Failed)
        );
        let c = &v.countersignatures()[0];
        assert_eq!(c.overall(), Overall::Invalid);
        if shape.content_type {
            assert_eq!(outcome(c, CheckName::ContentType), Some(Outcome::Failed));
            assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Passed));
        } else {
            assert_eq!(outcome(c, CheckName::MessageDigest), Some(Outcome::Failed));
        }
    }
}

/// Hostile: the signer's own SignerInfo copied in as its countersignature (its signature is
/// genuine, by a trusted key over its own signed attributes): contentType present and a
/// messageDigest of the content, not of the signature value.
#[test]
fn the_signer_info_itself_is_no_countersignature() {
    let sd = signed(&who("individual_sign"), &[]);
    let copy = sd.signers()[0].encoding().to_vec();
    let sd = with_countersignatures(&sd, 0, &[copy], &[]);
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid);
    let c = &v.countersignatures()[0];
    assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Passed));
    assert_eq!(outcome(c, CheckName::ContentType), Some(Outcome::Failed));
    assert_eq!(outcome(c, CheckName::MessageDigest), Some(Outcome::Failed));
}

/// A countersignature by the signer's own key and certificate is a countersignature like
/// any other: verified, valid.
#[test]
fn a_countersignature_by_the_signers_own_key_is_verified() {
    let me = who("individual_sign");
    let sd = countersigned(&[], |sig| {
        vec![countersignature(sig, &me, Shape::default(), &[])]
    });
    let v = judge(&sd);
    assert!(v.is_valid(), "{v:#?}");
    assert!(v.countersignatures()[0].is_valid());
}

/// Hostile: the countersignature's signature value altered (one bit): proven bad.
#[test]
fn a_forged_countersignature_is_refused() {
    let legal = who("legal_sign");
    let sd = countersigned(&[&legal.cert], |sig| {
        let good = countersignature(sig, &legal, Shape::default(), &[]);
        let mut forged = good.clone();
        let last = forged.len() - 1;
        forged[last] ^= 1;
        vec![forged]
    });
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Failed)
    );
    assert_eq!(
        outcome(&v.countersignatures()[0], CheckName::Signature),
        Some(Outcome::Failed)
    );
}

/// A countersigner whose certificate the document does not carry (nor the caller give):
/// not proven, so the signer is indeterminate, neither valid nor invalid. Given by the
/// caller, it is found and verified.
#[test]
fn an_unknown_countersigner_is_not_proven() {
    let legal = who("legal_sign");
    let sd = countersigned(&[], |sig| {
        vec![countersignature(sig, &legal, Shape::default(), &[])]
    });
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Indeterminate, "{v:#?}");
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );
    let c = &v.countersignatures()[0];
    assert_eq!(c.overall(), Overall::Indeterminate);
    assert_eq!(
        outcome(c, CheckName::SignerCertificate),
        Some(Outcome::Unknown)
    );
    assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Unknown));

    let mut options = VerifyOptions::at(at());
    options.extra_certificates = vec![legal.cert.clone()];
    let v = judge_with(&sd, &common::rsa_verifier(), &options);
    assert!(v.is_valid(), "{v:#?}");
}

/// Hostile: a countersigner revoked (keyCompromise, 2026-06-01) before the time judged:
/// its certificate condition fails, and the signer with it, whose own checks hold.
#[test]
fn a_revoked_countersigner_is_refused() {
    let revoked = who("revoked");
    let sd = countersigned(&[&revoked.cert], |sig| {
        vec![countersignature(sig, &revoked, Shape::default(), &[])]
    });
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Failed)
    );
    let c = &v.countersignatures()[0];
    assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Passed));
    assert_eq!(outcome(c, CheckName::Revocation), Some(Outcome::Failed));
    // The signer's own checks hold.
    assert_eq!(outcome(&v, CheckName::Revocation), Some(Outcome::Passed));
}

/// One good and one bad: the bad one decides (failed); one good and one unproven: unknown.
#[test]
fn every_countersignature_counts() {
    let legal = who("legal_sign");
    let me = who("individual_sign");
    let sd = countersigned(&[&legal.cert], |sig| {
        vec![
            countersignature(sig, &legal, Shape::default(), &[]),
            countersignature(b"another signature", &me, Shape::default(), &[]),
        ]
    });
    let v = judge(&sd);
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Failed)
    );
    assert!(v.countersignatures()[0].is_valid());

    let stranger = who("legal_employee_auth");
    let sd = countersigned(&[&legal.cert], |sig| {
        vec![
            countersignature(sig, &legal, Shape::default(), &[]),
            countersignature(sig, &stranger, Shape::default(), &[]),
        ]
    });
    let v = judge(&sd);
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );
    assert_eq!(v.overall(), Overall::Indeterminate);
}

/// A chain of `levels` countersignatures, each over the one above it, the first over
/// `sig` (RSA PKCS#1 v1.5 is deterministic: signed again with its own countersignatures
/// added, a countersignature has the same signature value). `forge_deepest` alters the
/// last one's signature.
fn chain(sig: &[u8], w: &Who, levels: usize, forge_deepest: bool) -> Vec<u8> {
    let top = countersignature(sig, w, Shape::default(), &[]);
    if levels <= 1 {
        let mut top = top;
        if forge_deepest {
            let last = top.len() - 1;
            top[last] ^= 1;
        }
        return top;
    }
    let below = chain(&signature_of(&top), w, levels - 1, forge_deepest);
    countersignature(sig, w, Shape::default(), &[below])
}

/// Nested countersignatures are verified at every level judged: valid when all are, and
/// a forged one deep down makes every level above it (and the signer) invalid.
#[test]
fn nested_countersignatures_are_verified() {
    let legal = who("legal_sign");
    let sd = countersigned(&[&legal.cert], |sig| vec![chain(sig, &legal, 2, false)]);
    let v = judge(&sd);
    assert!(v.is_valid(), "{v:#?}");
    let inner = &v.countersignatures()[0].countersignatures()[0];
    assert!(inner.is_valid());
    assert_eq!(
        outcome(inner, CheckName::MessageDigest),
        Some(Outcome::Passed)
    );

    let sd = countersigned(&[&legal.cert], |sig| vec![chain(sig, &legal, 2, true)]);
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(v.countersignatures()[0].overall(), Overall::Invalid);
    assert_eq!(
        outcome(
            &v.countersignatures()[0].countersignatures()[0],
            CheckName::Signature
        ),
        Some(Outcome::Failed)
    );
}

/// Hostile: nesting beyond the depth judged and countersignatures beyond the count
/// judged: the work is bounded, nothing panics, and what was not judged leaves the
/// signer indeterminate (never valid, never silently ignored).
#[test]
fn beyond_the_bounds_is_indeterminate() {
    let legal = who("legal_sign");
    let depth = qoltanba::cms::limits::MAX_COUNTERSIGNATURE_DEPTH;
    let sd = countersigned(&[&legal.cert], |sig| vec![chain(sig, &legal, depth, false)]);
    assert!(judge(&sd).is_valid());
    let sd = countersigned(&[&legal.cert], |sig| {
        vec![chain(sig, &legal, depth + 1, false)]
    });
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Indeterminate);
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );

    // More distinct countersignatures (signingTime differs, so no result is shared) than
    // are judged in a document: those judged are valid, the rest leave the signer
    // indeterminate.
    let max = qoltanba::cms::limits::MAX_COUNTERSIGNATURES;
    let distinct = |over: &[u8], k: u32, nested: &[Vec<u8>]| {
        let shape = Shape {
            signing_time: Some(k),
            ..Shape::default()
        };
        countersignature(over, &legal, shape, nested)
    };
    let sd = countersigned(&[&legal.cert], |sig| {
        (0..max as u32 + 8).map(|k| distinct(sig, k, &[])).collect()
    });
    let v = judge(&sd);
    assert_eq!(v.countersignatures().len(), max);
    assert!(v.countersignatures().iter().all(|c| c.is_valid()));
    assert_eq!(v.overall(), Overall::Indeterminate);
    let check = v.check(CheckName::Countersignature).unwrap();
    assert_eq!(check.outcome(), Outcome::Unknown);
    assert!(
        check.reason().contains(&format!("8 of {}", max + 8)),
        "{}",
        check.reason()
    );

    // 64 wide, each carrying 8 more: only MAX_COUNTERSIGNATURES are judged in all, each
    // at the cost of a signer.
    let inner: Vec<Vec<u8>> = (0..8).map(|k| distinct(b"x", k, &[])).collect();
    let sd = countersigned(&[&legal.cert], |sig| {
        (0..64).map(|k| distinct(sig, 100 + k, &inner)).collect()
    });
    let verdict = sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    let v = &verdict.signers()[0];
    fn count(v: &SignerVerdict) -> usize {
        v.countersignatures().iter().map(|c| 1 + count(c)).sum()
    }
    assert_eq!(count(v), max);
    assert_ne!(verdict.overall(), Overall::Valid);
    // Each judged costs a few signature verifications at most (its own; the path is
    // cached by the verifier).
    assert!(
        verdict.work().signature_verifications() <= 4 * (max + 1),
        "{:?}",
        verdict.work()
    );
}

/// Hostile: the document's work budget spent before a countersignature is verified: it is
/// not proven (unknown, naming the limit), never valid.
#[test]
fn a_spent_budget_proves_no_countersignature() {
    let legal = who("legal_sign");
    let sd = countersigned(&[&legal.cert], |sig| {
        vec![countersignature(sig, &legal, Shape::default(), &[])]
    });
    let mut limits = qoltanba::Limits::default();
    limits.document_signatures = 1;
    let v = judge_with(
        &sd,
        &common::rsa_verifier_limited(limits),
        &VerifyOptions::at(at()),
    );
    assert_ne!(v.overall(), Overall::Valid);
    let c = &v.countersignatures()[0];
    assert_eq!(c.overall(), Overall::Indeterminate, "{c:#?}");
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );
    assert!(v
        .check(CheckName::Countersignature)
        .is_some_and(|c| c.exhausted().is_some()));
}

/// GOST 2015/512 (the NCA's test keys, ../shared): an individual's signature countersigned
/// by the head of a legal entity, verified through the GOST chain and CRL; a forged one
/// refused.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn a_gost_2015_countersignature_is_verified() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let open = |name: &str| {
        let b = qoltanba::keys::open_pkcs12(&std::fs::read(dir.join(name)).unwrap(), b"Qwerty12")
            .unwrap();
        Who {
            cert: b.certificate,
            key: b.key,
        }
    };
    let individual = open("individual_valid.p12");
    let head = open("head_valid.p12");
    let verifier = Verifier::builder()
        .trust_path(dir.join("root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(dir.join("nca_gost2022_test.crl"))
        .unwrap()
        .build();
    let sd = signed(&individual, &[]);
    let over = sd.signers()[0].signature().to_vec();
    let good = countersignature(&over, &head, Shape::default(), &[]);
    let v = judge_with(
        &with_countersignatures(&sd, 0, std::slice::from_ref(&good), &[&head.cert]),
        &verifier,
        &VerifyOptions::at(at()),
    );
    assert!(v.is_valid(), "{v:#?}");
    assert!(v.countersignatures()[0].is_valid());

    let mut forged = good;
    let last = forged.len() - 1;
    forged[last] ^= 1;
    let v = judge_with(
        &with_countersignatures(&sd, 0, &[forged], &[&head.cert]),
        &verifier,
        &VerifyOptions::at(at()),
    );
    assert_eq!(v.overall(), Overall::Invalid);
    assert_eq!(
        outcome(&v.countersignatures()[0], CheckName::Signature),
        Some(Outcome::Failed)
    );
}

/// The command line prints each countersignature under its signer (nested ones indented),
/// with what it did not prove, and `--json` carries them; a forged one makes the document
/// invalid (exit 1).
#[cfg(feature = "cli")]
#[test]
fn the_command_line_reports_countersignatures() {
    let legal = who("legal_sign");
    let sd = signed(&who("individual_sign"), &[]);
    let good = countersignature(sd.signers()[0].signature(), &legal, Shape::default(), &[]);
    let mut forged = good.clone();
    let last = forged.len() - 1;
    forged[last] ^= 1;
    let dir = std::env::temp_dir().join(format!("qoltanba-countersign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (root, ca, crl) = (
        pki("root.cer"),
        pki("nca_rsa.cer"),
        pki("nca_rsa_current.crl"),
    );
    let run = |value: &[u8], json: bool| {
        let file = dir.join("countersigned.cms");
        let der = with_countersignatures_der(&sd, 0, &[value.to_vec()], &[&legal.cert]);
        std::fs::write(&file, der).unwrap();
        let mut args = vec![
            "verify",
            file.to_str().unwrap(),
            "--trust",
            root.to_str().unwrap(),
            "--intermediate",
            ca.to_str().unwrap(),
            "--crl",
            crl.to_str().unwrap(),
            "--at",
            "2026-11-23T00:00:00Z",
        ];
        if json {
            args.push("--json");
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(&args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (code, text) = run(&good, false);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("countersignature #0: VALID"), "{text}");
    let (code, text) = run(&forged, false);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("countersignature #0: INVALID"), "{text}");
    let (code, json) = run(&good, true);
    assert_eq!(code, Some(0), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cs = &value["signers"][0]["countersignatures"];
    assert_eq!(cs[0]["verdict"], "valid", "{json}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A countersignature is judged at the time the policy picks for it, not at its signer's:
/// under `TimeStamp` the signer's token proves when the signer signed, nothing of when the
/// countersignature (made later) was: without a token of its own it is not proven, and the
/// signer is indeterminate; under `ClaimedSigningTime` it is judged at its own claim; at
/// the time given, both are valid.
#[test]
fn a_countersignature_is_judged_at_its_own_time() {
    use qoltanba::cms::{TimeBasis, TimePolicy};
    let legal = who("legal_sign");
    let plain =
        SignedData::from_input(&std::fs::read(pki("tsa/cades_plain.cms")).unwrap()).unwrap();
    let cades = SignedData::from_ber(
        &plain
            .add_timestamp_token(0, &std::fs::read(pki("tsa/cades_token.tsr")).unwrap())
            .unwrap(),
    )
    .unwrap();
    let shape = Shape {
        signing_time: Some(3 * 3600 + 25 * 60),
        ..Shape::default()
    };
    let value = countersignature(cades.signers()[0].signature(), &legal, shape, &[]);
    let sd = with_countersignatures(&cades, 0, &[value], &[&legal.cert]);
    let judged = |policy: TimePolicy| {
        let mut options = VerifyOptions::at(at());
        options.time = policy;
        judge_with(&sd, &common::rsa_verifier(), &options)
    };

    let v = judged(TimePolicy::Given);
    assert!(v.is_valid(), "{v:#?}");

    let v = judged(TimePolicy::TimeStamp);
    assert_eq!(v.time_basis(), TimeBasis::TimeStamp);
    assert_eq!(outcome(&v, CheckName::Timestamp), Some(Outcome::Passed));
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );
    assert_eq!(v.overall(), Overall::Indeterminate);
    let c = &v.countersignatures()[0];
    assert_eq!(outcome(c, CheckName::Timestamp), Some(Outcome::Unknown));
    assert_eq!(c.time_basis(), TimeBasis::Given);

    let v = judged(TimePolicy::ClaimedSigningTime);
    let c = &v.countersignatures()[0];
    assert_eq!(c.time_basis(), TimeBasis::ClaimedSigningTime);
    assert_eq!(c.at(), time("2026-11-22T03:25:00Z"));
    assert_ne!(c.at(), v.at());
}

/// Hostile: the countersigner's certificate expired before the time judged, or forged (the
/// right issuer, serial and key, a broken CA signature: `bad_signature.cer` is
/// `individual_sign.cer` with its last bit flipped). The countersignature's own signature
/// verifies with the key in each; its certificate condition fails, and the signer with it.
#[test]
fn an_expired_or_forged_countersigner_certificate_is_refused() {
    let expired = who("expired");
    let sd = countersigned(&[&expired.cert], |sig| {
        vec![countersignature(sig, &expired, Shape::default(), &[])]
    });
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid);
    let c = &v.countersignatures()[0];
    assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Passed));
    assert_eq!(outcome(c, CheckName::Validity), Some(Outcome::Failed));

    let legal = who("legal_sign");
    let impostor = Who {
        cert: Certificate::from_input(&std::fs::read(pki("bad_signature.cer")).unwrap()).unwrap(),
        key: who("individual_sign").key,
    };
    let sd = signed(&legal, &[]);
    let value = countersignature(
        sd.signers()[0].signature(),
        &impostor,
        Shape::default(),
        &[],
    );
    let sd = with_countersignatures(&sd, 0, &[value], &[&impostor.cert]);
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid, "{v:#?}");
    assert_eq!(
        outcome(&v, CheckName::Countersignature),
        Some(Outcome::Failed)
    );
    let c = &v.countersignatures()[0];
    assert_eq!(outcome(c, CheckName::Signature), Some(Outcome::Passed));
    assert_eq!(outcome(c, CheckName::Chain), Some(Outcome::Failed));
}

/// Hostile: a countersignature attribute with no value (an empty SET): malformed, proven
/// bad, not a signer without countersignatures.
#[test]
fn an_empty_countersignature_attribute_is_refused() {
    let sd = countersigned(&[], |_| Vec::new());
    let v = judge(&sd);
    assert_eq!(v.overall(), Overall::Invalid);
    let check = v.check(CheckName::Countersignature).unwrap();
    assert_eq!(check.outcome(), Outcome::Failed);
    assert!(
        check.reason().contains("carries no value"),
        "{}",
        check.reason()
    );
    assert!(v.countersignatures().is_empty());
}

/// The count is the document's, not each signer's: a first signer carrying all that are
/// judged leaves the second's countersignature not judged (unknown), whatever the order
/// the signers' own checks would suggest.
#[test]
fn the_count_is_shared_by_the_signers() {
    let legal = who("legal_sign");
    let max = qoltanba::cms::limits::MAX_COUNTERSIGNATURES;
    let first = signed(&who("individual_sign"), &[]);
    let der = first
        .add_signer(
            None,
            &SignRequest::new(&legal.cert, time("2026-11-22T09:40:00Z")),
            &legal.key,
        )
        .unwrap();
    let two = SignedData::from_ber(&der).unwrap();
    let many: Vec<Vec<u8>> = (0..max as u32)
        .map(|k| {
            let shape = Shape {
                signing_time: Some(k),
                ..Shape::default()
            };
            countersignature(two.signers()[0].signature(), &legal, shape, &[])
        })
        .collect();
    let one = countersignature(two.signers()[1].signature(), &legal, Shape::default(), &[]);
    let sd = with_countersignatures(&two, 0, &many, &[]);
    let sd = with_countersignatures(&sd, 1, &[one], &[]);
    let verdict = sd.verify(&common::rsa_verifier(), &VerifyOptions::at(at()));
    assert!(verdict.signers()[0].is_valid());
    let second = &verdict.signers()[1];
    assert!(second.countersignatures().is_empty());
    assert_eq!(
        outcome(second, CheckName::Countersignature),
        Some(Outcome::Unknown)
    );
    assert_eq!(verdict.overall(), Overall::Indeterminate);
}

/// Hostile (found while fixing review 103): the signer countersigns its own signature, the
/// caller expects another IIN. The countersigner is judged first and without the request's
/// IIN (review 42); its certificate's verdict was cached by certificate and time alone and
/// handed to the signer, whose IIN was then never compared: VALID. The identity is now part
/// of the key: the signer is refused on `iin_match`.
#[test]
fn a_signer_that_countersigns_itself_keeps_its_iin_check() {
    let me = who("individual_sign");
    let sd = countersigned(&[], |sig| {
        vec![countersignature(sig, &me, Shape::default(), &[])]
    });
    let mut options = VerifyOptions::at(at());
    options.expectation.iin = Some(qoltanba::identity::Iin::parse("900101300007").unwrap());
    let verdict = sd.verify(&common::rsa_verifier(), &options);
    let v = &verdict.signers()[0];
    eprintln!(
        "{:?} iin {:?}",
        v.overall(),
        outcome(v, CheckName::IinMatch)
    );
    assert_ne!(verdict.overall(), Overall::Valid, "{verdict:#?}");
}
