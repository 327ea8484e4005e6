//! Hostile CMS documents cannot make a verification burn CPU (security review, issue 9,
//! item 6): a pile of certificates all matching one SignerIdentifier, hundreds of
//! SignerInfos, a pile of same-name CA certificates offered to path building. The work is
//! counted, not timed: the verdict reports the signature verifications the document
//! caused ([`qoltanba::cms::WorkReport`]), which must stay under the per-document budget,
//! and whatever the budget cut short is unknown, so the verdict is never valid.

mod common;

use common::forge::{self, Tbs};
use common::{pki, rsa_verifier, time};
use qoltanba::cms::{limits, sign, SignRequest, SignedData, SignerPolicy, VerifyOptions};
use qoltanba::keys::SigningKey;
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Outcome, Overall};

const AT: &str = "2026-11-23T00:00:00Z";
const CONTENT: &[u8] = b"hostile document";

fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&std::fs::read(pki(name)).unwrap(), None).unwrap()
}

/// `cert` with another RSA modulus: `n` distinct copies, each with the same issuer,
/// serial and subject, and a key of its own (not a key pair anyone holds: an odd modulus
/// of the same size, so every signature check against it is a full RSA operation that
/// fails). The CA's signature no longer covers them; nothing here needs it to.
fn with_other_keys(cert: &Certificate, n: usize) -> Vec<Vec<u8>> {
    let der = cert.der();
    let spki = Tbs::of(der).spki;
    let at = der
        .windows(spki.len())
        .position(|w| w == spki.as_slice())
        .expect("SPKI in the certificate");
    // The SPKI ends with the exponent INTEGER 02 03 01 00 01; the modulus precedes it.
    let modulus_end = at + spki.len() - 5;
    assert_eq!(&der[modulus_end..modulus_end + 5], &[2, 3, 1, 0, 1]);
    (1..=n)
        .map(|i| {
            let mut d = der.to_vec();
            // Bytes in the middle of the modulus: its size and parity are kept.
            d[modulus_end - 40] ^= (i & 0xff) as u8;
            d[modulus_end - 41] ^= (i >> 8) as u8 + 1;
            Certificate::from_der(&d).expect("still a certificate");
            d
        })
        .collect()
}

/// (version, digestAlgorithms, encapContentInfo, certificates, signerInfos), each raw.
type Parts = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<Vec<u8>>, Vec<Vec<u8>>);

/// The parts of a DER SignedData made by [`sign`].
fn parts(cms: &[u8]) -> Parts {
    let signed_data = forge::children(forge::children(cms)[1])[0];
    let f = forge::children(signed_data);
    assert_eq!(
        f.len(),
        5,
        "version, digests, content, certificates, signers"
    );
    assert_eq!(f[3][0], 0xa0);
    (
        f[0].to_vec(),
        f[1].to_vec(),
        f[2].to_vec(),
        forge::children(f[3]).iter().map(|c| c.to_vec()).collect(),
        forge::children(f[4]).iter().map(|s| s.to_vec()).collect(),
    )
}

/// A ContentInfo holding SignedData with these certificates and SignerInfos.
fn assemble(template: &[u8], certificates: &[Vec<u8>], signers: &[Vec<u8>]) -> Vec<u8> {
    let (version, digests, content, _, _) = parts(template);
    let signed_data = forge::seq(&[
        &version,
        &digests,
        &content,
        &forge::tlv(0xa0, &certificates.concat()),
        &forge::tlv(0x31, &signers.concat()),
    ]);
    let oid = forge::children(template)[0];
    forge::seq(&[oid, &forge::tlv(0xa0, &signed_data)])
}

/// The genuine signature of `individual_sign.cer` over [`CONTENT`] (signed attributes
/// with signingCertificateV2).
fn genuine() -> Vec<u8> {
    let c = cert("individual_sign.cer");
    sign(
        CONTENT,
        &SignRequest::new(&c, time("2026-11-22T09:30:00Z")),
        &key("individual_sign.key.pem"),
    )
    .unwrap()
}

/// `signer_info` with one octet of its signature value changed (`i` picks which and how).
fn with_other_signature(signer_info: &[u8], i: usize) -> Vec<u8> {
    let fields = forge::children(signer_info);
    // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature
    assert_eq!(fields.len(), 6);
    let sig = forge::content(fields[5]);
    let mut other = sig.to_vec();
    let at = 1 + i % (other.len() - 1);
    other[at] ^= 1 + (i / (other.len() - 1)) as u8;
    forge::replace_at(signer_info, &[5], &forge::tlv(0x04, &other))
}

fn options(policy: SignerPolicy) -> VerifyOptions {
    let mut o = VerifyOptions::at(time(AT));
    o.signers = policy;
    o
}

fn exhausted(check: Option<&qoltanba::Check>) -> bool {
    check.is_some_and(|c| {
        c.outcome() == Outcome::Unknown
            && c.reason().contains("work budget exhausted")
            && c.exhausted().is_some()
    })
}

#[test]
fn signer_identifier_collisions_are_checked_within_the_document_budget() {
    // 999 certificates carrying the signer's issuer and serial, each with a key of its
    // own, and the genuine one last; the genuine SignerInfo, then 255 copies whose
    // signature does not verify with any key: before the fix every copy was checked
    // against every certificate (255 x 1000 RSA verifications), and each signer's path
    // building was offered the 1000 certificates again.
    let cms = genuine();
    let (_, _, _, certs, signers) = parts(&cms);
    let real = cert("individual_sign.cer");
    let mut certificates = with_other_keys(&real, limits::MAX_CERTIFICATES - 1);
    certificates.push(certs[0].clone());
    let mut signer_infos = vec![signers[0].clone()];
    for i in 1..limits::MAX_SIGNERS {
        signer_infos.push(with_other_signature(&signers[0], i));
    }
    let hostile = SignedData::from_input(&assemble(&cms, &certificates, &signer_infos)).unwrap();
    assert_eq!(hostile.certificates().len(), limits::MAX_CERTIFICATES);
    assert_eq!(hostile.signers().len(), limits::MAX_SIGNERS);

    let verifier = rsa_verifier();
    let v = hostile.verify(&verifier, &options(SignerPolicy::All));
    // Counted: the verifications this document caused stay within its budget.
    assert!(
        v.work().signature_verifications() <= limits::MAX_SIGNATURE_VERIFICATIONS,
        "{:?}",
        v.work()
    );
    assert!(v.work().exhausted().is_some(), "{:?}", v.work());
    // The genuine signer, first, is proven: signingCertificateV2 names its certificate,
    // which is tried first, so the 999 others cost nothing.
    assert!(v.signers()[0].is_valid(), "{:#?}", v.signers()[0].checks());
    // Each copy is invalid (no certificate's key verifies it) when the budget covered all
    // its candidates, else unknown, saying why, never invalid for lack of work; the whole
    // is indeterminate under the `All` policy.
    let mut cut_short = 0;
    for s in &v.signers()[1..] {
        if exhausted(s.check(CheckName::Signature)) {
            cut_short += 1;
            assert_eq!(s.overall(), Overall::Indeterminate, "{:#?}", s.checks());
            assert!(exhausted(s.check(CheckName::SignerCertificate)));
            assert!(s.certificate().is_none());
        } else {
            assert_eq!(s.overall(), Overall::Invalid, "{:#?}", s.checks());
        }
    }
    // The first copy alone has 1,000 candidates to try: the budget ends within it.
    assert_eq!(cut_short, limits::MAX_SIGNERS - 1, "{:?}", v.work());
    assert_eq!(v.overall(), Overall::Indeterminate);
    assert!(v.verified_content().is_none());

    // Under `Any` the genuine signer suffices: what the budget cut short cannot make a
    // proven signer less valid.
    let v = hostile.verify(&verifier, &options(SignerPolicy::Any));
    assert_eq!(v.overall(), Overall::Valid, "{:?}", v.work());
    assert!(v.work().signature_verifications() <= limits::MAX_SIGNATURE_VERIFICATIONS);
}

#[test]
fn the_certificate_the_signed_attributes_bind_is_tried_first() {
    // Certificates carrying the signer's issuer and serial before the genuine one: the
    // one signingCertificateV2 names is tried first and verifies, the others cost nothing.
    let cms = genuine();
    let (_, _, _, certs, signers) = parts(&cms);
    let mut certificates = with_other_keys(&cert("individual_sign.cer"), 20);
    certificates.push(certs[0].clone());
    let doc = SignedData::from_input(&assemble(&cms, &certificates, &signers)).unwrap();
    let v = doc.verify(&rsa_verifier(), &options(SignerPolicy::All));
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.signers());
    let found = v.signers()[0].check(CheckName::SignerCertificate).unwrap();
    assert!(
        found
            .reason()
            .contains("21 certificates match the identifier"),
        "{found:?}"
    );
    // The CMS signature once, the path (end-entity to CA, CA to root) once, the CA's CRL
    // once.
    assert_eq!(v.work().signature_verifications(), 4, "{:?}", v.work());
}

#[test]
fn duplicated_signer_infos_cost_one_verification() {
    // 256 copies of the genuine SignerInfo: one signature verification, one certificate
    // condition.
    let cms = genuine();
    let (_, _, _, certs, signers) = parts(&cms);
    let copies = vec![signers[0].clone(); limits::MAX_SIGNERS];
    let doc = SignedData::from_input(&assemble(&cms, &certs, &copies)).unwrap();
    let v = doc.verify(&rsa_verifier(), &options(SignerPolicy::All));
    assert_eq!(v.overall(), Overall::Valid, "{:?}", v.work());
    assert!(v.work().exhausted().is_none());
    // The CMS signature once, the path (end-entity to CA, CA to root) once, the CA's CRL
    // once.
    assert_eq!(v.work().signature_verifications(), 4, "{:?}", v.work());
}

#[test]
fn path_building_over_a_document_pile_of_ca_certificates_is_within_the_budget() {
    // 200 SignerInfos, each naming a certificate of its own (the genuine one with another
    // serial: its issuer's signature no longer verifies), and 800 certificates carrying
    // the issuing CA's name, each with a key of its own. Every signer's path building
    // tries the pile: 100 signature checks each before the fix (200 x 100).
    let cms = genuine();
    let (_, _, _, _, signers) = parts(&cms);
    let real = cert("individual_sign.cer");
    let serial = real.serial().to_vec();
    let mut certificates = Vec::new();
    let mut signer_infos = Vec::new();
    for i in 0..200u16 {
        let mut other = serial.clone();
        let n = other.len();
        other[n - 2] ^= (i >> 8) as u8 + 1;
        other[n - 1] ^= (i & 0xff) as u8;
        let mut der = real.der().to_vec();
        let at = der.windows(n).position(|w| w == serial.as_slice()).unwrap();
        der[at..at + n].copy_from_slice(&other);
        certificates.push(der);
        let mut si = signers[0].clone();
        let at = si.windows(n).position(|w| w == serial.as_slice()).unwrap();
        si[at..at + n].copy_from_slice(&other);
        signer_infos.push(si);
    }
    certificates.extend(with_other_keys(&cert("nca_rsa.cer"), 800));
    let hostile = SignedData::from_input(&assemble(&cms, &certificates, &signer_infos)).unwrap();

    let v = hostile.verify(&rsa_verifier(), &options(SignerPolicy::All));
    assert!(
        v.work().signature_verifications() <= limits::MAX_SIGNATURE_VERIFICATIONS,
        "{:?}",
        v.work()
    );
    assert!(v.work().exhausted().is_some(), "{:?}", v.work());
    assert_ne!(v.overall(), Overall::Valid);
    // The signers after the budget ran out have no path: unknown, saying why.
    let cut_short = v
        .signers()
        .iter()
        .filter(|s| exhausted(s.check(CheckName::Chain)))
        .count();
    assert!(cut_short > 0, "{:?}", v.work());
    assert!(v.signers().iter().all(|s| !s.is_valid()));
}

#[test]
fn a_crl_left_unproven_by_the_budget_never_lets_an_older_crl_decide() {
    // The newest CRL of the signer's CA, listing the signer's certificate as revoked, is
    // signed by a separate CRL signer (same name as the CA, another key, issued by the
    // root), which the document carries last. An older CRL, signed by the CA itself and
    // still fresh, does not list the certificate. Before the CRL signer, the document
    // offers 998 certificates with the CA's name, each a candidate CRL signer whose
    // signature check the budget pays for: it runs out before the genuine one. The
    // newest CRL then proves nothing, and the older one must not decide "not revoked".
    use common::forge::{Ca, CrlSpec};
    use qoltanba::revocation::Crl;
    let root = Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    };
    let nca = Ca::nca_rsa();
    let ee = cert("individual_sign.cer");
    let crl_signer = root.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = forge::int(&[0x7e, 0x57]);
        t.spki = Tbs::of(ee.der()).spki;
    });
    let crl_signer_ca = Ca {
        cert: crl_signer.clone(),
        key: key("individual_sign.key.pem"),
    };
    let newest =
        crl_signer_ca.crl(
            &CrlSpec::complete(8, "261115000000Z", "261215000000Z").entries(vec![
                forge::crl_entry(ee.serial(), "261110000000Z", &[forge::reason(1)]),
            ]),
        );
    let older = nca.crl(&CrlSpec::complete(7, "261101000000Z", "261201000000Z"));
    let root_crl = root.crl(&CrlSpec::complete(3, "261101000000Z", "270101000000Z"));
    let verifier = || {
        let mut b = qoltanba::Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap();
        for c in [&newest, &older, &root_crl] {
            b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
        }
        b.build()
    };
    let cms = genuine();
    let (_, _, _, certs, signers) = parts(&cms);
    let with = |pile: usize| {
        let mut certificates = vec![certs[0].clone()];
        certificates.extend(with_other_keys(&cert("nca_rsa.cer"), pile));
        certificates.push(crl_signer.clone());
        SignedData::from_input(&assemble(&cms, &certificates, &signers)).unwrap()
    };
    let revocation = |v: &qoltanba::cms::CmsVerdict| {
        v.signers()[0]
            .check(CheckName::Revocation)
            .cloned()
            .expect("revocation check")
    };

    // Without the pile the newest CRL is proven and revokes.
    let v = with(0).verify(&verifier(), &options(SignerPolicy::All));
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.signers());
    assert_eq!(
        revocation(&v).outcome(),
        Outcome::Failed,
        "{:?}",
        revocation(&v)
    );

    // With it, the budget runs out while looking for the newest CRL's signer: unknown.
    let v = with(limits::MAX_CERTIFICATES - 2).verify(&verifier(), &options(SignerPolicy::All));
    assert!(v.work().exhausted().is_some(), "{:?}", v.work());
    assert!(v.work().signature_verifications() <= limits::MAX_SIGNATURE_VERIFICATIONS);
    assert!(exhausted(Some(&revocation(&v))), "{:?}", revocation(&v));
    assert_eq!(v.overall(), Overall::Indeterminate, "{:#?}", v.signers());
}

#[test]
fn an_honest_two_signer_document_is_unaffected() {
    let first = genuine();
    let legal = cert("legal_sign.cer");
    let two = SignedData::from_input(&first)
        .unwrap()
        .add_signer(
            None,
            &SignRequest::new(&legal, time("2026-11-22T10:00:00Z")),
            &key("legal_sign.key.pem"),
        )
        .unwrap();
    let doc = SignedData::from_input(&two).unwrap();
    assert_eq!(doc.signers().len(), 2);
    let verifier = rsa_verifier();
    let v = doc.verify(&verifier, &options(SignerPolicy::All));
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.signers());
    assert!(v.signers().iter().all(|s| s.is_valid()));
    assert_eq!(v.verified_content().unwrap().as_bytes(), CONTENT);
    assert!(v.work().exhausted().is_none());
    // Counted, with a fresh verifier: two CMS signatures, two end-entity links to the CA,
    // and the CA's link to the root and its CRL once each (asked again, the document's own
    // answer).
    assert_eq!(v.work().signature_verifications(), 6, "{:?}", v.work());
    for s in v.signers() {
        assert!(
            s.checks().iter().all(|c| !c.reason().contains("budget")),
            "{:#?}",
            s.checks()
        );
    }
    // Verified again with the same verifier: its certificate signature cache answers the
    // path checks, yet the document is charged as on a fresh verifier (review 82: what a
    // document may spend does not depend on what the verifier verified before).
    let again = doc.verify(&verifier, &options(SignerPolicy::All));
    assert_eq!(again.overall(), Overall::Valid);
    assert_eq!(again.work(), v.work());
}

#[test]
fn the_callers_limits_bound_the_work_and_name_the_limit() {
    // An honest one-signer document needs a few signature verifications (the signer's, its
    // certificate's, the CRL's). Under the caller's limits of one, it is indeterminate, the
    // limit named and typed; under the defaults, the same document is valid.
    let cms = SignedData::from_input(&genuine()).unwrap();
    let verifier = |limits: qoltanba::Limits| {
        qoltanba::Verifier::builder()
            .trust_path(pki("root.cer"))
            .unwrap()
            .intermediate_path(pki("nca_rsa.cer"))
            .unwrap()
            .crl_path(pki("nca_rsa_current.crl"))
            .unwrap()
            .limits(limits)
            .build()
    };
    let fine = cms.verify(
        &verifier(qoltanba::Limits::default()),
        &options(SignerPolicy::All),
    );
    assert!(fine.is_valid(), "{:#?}", fine.checks());
    assert_eq!(fine.work().exhausted(), None);

    let mut tight = qoltanba::Limits::default();
    tight.document_signatures = 1;
    let v = cms.verify(&verifier(tight), &options(SignerPolicy::All));
    assert_eq!(
        v.overall(),
        Overall::Indeterminate,
        "{:#?}",
        v.signers()[0].checks()
    );
    assert_eq!(
        v.work().exhausted(),
        Some(qoltanba::Exhausted::DocumentSignatures)
    );
    assert!(v.work().signature_verifications() <= 1);
    let cut: Vec<_> = v.signers()[0]
        .checks()
        .iter()
        .filter(|c| c.exhausted().is_some())
        .collect();
    assert!(!cut.is_empty(), "{:#?}", v.signers()[0].checks());
    for c in cut {
        assert_eq!(c.outcome(), Outcome::Unknown);
        assert_eq!(c.exhausted(), Some(qoltanba::Exhausted::DocumentSignatures));
    }

    // One path build's own budget: no signature check allowed, so no path.
    let mut no_path = qoltanba::Limits::default();
    no_path.path_signatures = 0;
    let v = cms.verify(&verifier(no_path), &options(SignerPolicy::All));
    assert_eq!(v.overall(), Overall::Indeterminate);
    let chain = v.signers()[0]
        .certificate()
        .and_then(|c| c.check(CheckName::Chain).cloned());
    assert_eq!(
        chain.as_ref().and_then(|c| c.exhausted()),
        Some(qoltanba::Exhausted::PathBuild),
        "{chain:#?}"
    );
}
