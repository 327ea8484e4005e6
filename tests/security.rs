//! Regression tests of the security review (issue 9): each builds the hostile input the
//! review described and checks that it cannot reach "valid".

mod common;

use common::forge::{self, Ca, CrlSpec};
use common::{pki, time};
use qoltanba::revocation::Crl;
use qoltanba::Judged as _;
use qoltanba::{Certificate, Expectation, Overall, Verifier};

fn template(name: &str) -> Vec<u8> {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap())
        .unwrap()
        .der()
        .to_vec()
}

fn verifier_with(crls: &[Vec<u8>]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap();
    for c in crls {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    b.build()
}

const AT: &str = "2026-11-23T00:00:00Z";

fn fresh_crl(entries: Vec<Vec<u8>>) -> CrlSpec {
    CrlSpec::complete(7, "261101000000Z", "270101000000Z").entries(entries)
}

// --- 1. Serial numbers compared by encoding ------------------------------------------

#[test]
fn a_serial_number_with_redundant_leading_octets_is_refused_in_certificates() {
    let ca = Ca::nca_rsa();
    let padded = ca.reissue(&template("individual_sign.cer"), |t| {
        t.serial = forge::int(&[0x00, 0x70, 0x20]);
    });
    let err = Certificate::from_der(&padded).unwrap_err();
    assert!(err.to_string().contains("minimal"), "{err}");
    // The same certificate with the minimal serial reads.
    let minimal = ca.reissue(&template("individual_sign.cer"), |t| {
        t.serial = forge::int(&[0x70, 0x20]);
    });
    Certificate::from_der(&minimal).unwrap();
}

#[test]
fn a_serial_number_with_redundant_leading_octets_is_refused_in_crls() {
    let ca = Ca::nca_rsa();
    let crl = ca.crl(&fresh_crl(vec![forge::crl_entry(
        &[0x00, 0x70, 0x20],
        "261102000000Z",
        &[],
    )]));
    let err = Crl::from_der(crl).unwrap_err();
    assert!(err.to_string().contains("minimal"), "{err}");
    // A negative number's redundant 0xFF is refused too.
    let crl = ca.crl(&fresh_crl(vec![forge::crl_entry(
        &[0xFF, 0x80],
        "261102000000Z",
        &[],
    )]));
    assert!(Crl::from_der(crl).is_err());
    // And a cRLNumber.
    let mut spec = fresh_crl(Vec::new());
    spec.number = vec![0x00, 0x07];
    assert!(Crl::from_der(ca.crl(&spec)).is_err());
}

#[test]
fn a_revoked_serial_is_found_whatever_the_encoding_of_the_query() {
    let ca = Ca::nca_rsa();
    let cert = Certificate::from_der(&ca.reissue(&template("individual_sign.cer"), |t| {
        t.serial = forge::int(&[0x70, 0x20]);
    }))
    .unwrap();
    let crl_der = ca.crl(&fresh_crl(vec![forge::crl_entry(
        &[0x70, 0x20],
        "261102000000Z",
        &[forge::reason(1)],
    )]));
    let crl = Crl::from_der(crl_der.clone()).unwrap();
    // A serial read from BER (a SignerIdentifier) may carry redundant octets: the lookup
    // compares numbers.
    assert_eq!(
        crl.lookup(&[0x00, 0x70, 0x20], cert.issuer().key()).len(),
        1
    );
    assert_eq!(crl.lookup(&[0x70, 0x20], cert.issuer().key()).len(), 1);
    assert!(crl.lookup(&[0x70, 0x21], cert.issuer().key()).is_empty());
    let v = verifier_with(&[crl_der]).check_certificate(&cert, &Expectation::at(time(AT)));
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
}

#[test]
fn a_serial_number_with_redundant_leading_octets_is_refused_in_ocsp_responses() {
    let der = std::fs::read(pki("ocsp_good.der")).unwrap();
    // OCSPResponse / responseBytes [0] / SEQUENCE / response OCTET STRING /
    // BasicOCSPResponse / tbsResponseData / responses / SingleResponse / CertID / serial
    let mut path = vec![1, 0, 1, 0, 0];
    let tbs = forge::element_at(&der, &path);
    // tbsResponseData: [version] responderID producedAt responses ...
    let responses = if tbs_first_is_version(tbs) { 3 } else { 2 };
    path.extend([responses, 0, 0, 3]);
    let serial = forge::content(forge::element_at(&der, &path)).to_vec();
    assert!(
        serial[0] & 0x80 == 0 && serial[0] != 0,
        "serial {serial:02x?}"
    );
    let mut padded = vec![0u8];
    padded.extend_from_slice(&serial);
    let hostile = forge::replace_at(&der, &path, &forge::int(&padded));
    qoltanba::revocation::OcspResponse::from_der(&der).unwrap();
    let err = qoltanba::revocation::OcspResponse::from_der(&hostile).unwrap_err();
    assert!(err.to_string().contains("minimal"), "{err}");
}

fn tbs_first_is_version(tbs: &[u8]) -> bool {
    forge::children(tbs)[0][0] == 0xa0
}

// --- 4. Weak keys ----------------------------------------------------------------------

fn weak(name: &str) -> std::path::PathBuf {
    pki("weak").join(name)
}

fn weak_verifier(policy: qoltanba::KeyPolicy) -> Verifier {
    Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .intermediate_path(weak("rsa1024_ca.cer"))
        .unwrap()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap()
        .crl_path(weak("rsa1024_ca.crl"))
        .unwrap()
        .key_policy(policy)
        .build()
}

fn key_strength(v: &qoltanba::Verdict) -> &qoltanba::Check {
    v.checks()
        .iter()
        .find(|c| c.name() == qoltanba::CheckName::KeyStrength)
        .expect("key_strength check")
}

#[test]
fn weak_rsa_keys_are_refused_unless_the_legacy_policy_is_chosen() {
    use qoltanba::KeyPolicy;
    use qoltanba::Outcome;
    let modern = weak_verifier(KeyPolicy::Modern);
    let legacy = weak_verifier(KeyPolicy::LegacyRsa1024);
    let at = Expectation::at(time(AT));
    let cert = |n: &str| Certificate::from_input(&std::fs::read(weak(n)).unwrap()).unwrap();

    // An RSA-1024 signer.
    let v = modern.check_certificate(&cert("rsa1024_sign.cer"), &at);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(key_strength(&v).outcome(), Outcome::Failed);
    assert!(
        key_strength(&v).reason().contains("RSA-1024"),
        "{:?}",
        key_strength(&v)
    );
    let v = legacy.check_certificate(&cert("rsa1024_sign.cer"), &at);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(
        key_strength(&v).reason().starts_with("WEAK"),
        "{:?}",
        key_strength(&v)
    );

    // An RSA-1024 CA: its signer's own key is strong, the path is not.
    let v = modern.check_certificate(&cert("rsa1024_ca_sign.cer"), &at);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert!(
        key_strength(&v).reason().contains("CA"),
        "{:?}",
        key_strength(&v)
    );
    let v = legacy.check_certificate(&cert("rsa1024_ca_sign.cer"), &at);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());

    // RSA-512: under any policy.
    for verifier in [&modern, &legacy] {
        let v = verifier.check_certificate(&cert("rsa512_sign.cer"), &at);
        assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
        assert!(key_strength(&v).reason().contains("RSA-512"));
    }

    // A small odd exponent on a 2048-bit key is adequate.
    let v = modern.check_certificate(&cert("exponent_3_sign.cer"), &at);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

#[test]
fn a_cms_signed_with_a_weak_key_is_invalid() {
    use qoltanba::cms::{SignedData, VerifyOptions};
    use qoltanba::KeyPolicy;
    let options = VerifyOptions::at(time(AT));
    for name in ["rsa1024_sign.cms", "rsa1024_ca_sign.cms"] {
        let cms = SignedData::from_input(&std::fs::read(weak(name)).unwrap()).unwrap();
        let v = cms.verify(&weak_verifier(KeyPolicy::Modern), &options);
        assert_eq!(v.overall(), Overall::Invalid, "{name}: {:#?}", v.signers());
        let v = cms.verify(&weak_verifier(KeyPolicy::LegacyRsa1024), &options);
        assert_eq!(v.overall(), Overall::Valid, "{name}: {:#?}", v.signers());
    }
}

#[cfg(feature = "cli")]
#[test]
fn cert_verify_refuses_weak_keys_and_names_the_switch() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["cert", "verify"])
        .arg(weak("rsa1024_sign.cer"))
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .args(["--at", AT])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("RSA-1024"), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["cert", "verify"])
        .arg(weak("rsa1024_sign.cer"))
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .args(["--at", AT, "--legacy-rsa-1024"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("WEAK"));
}

// --- 3. A signer's signingTime is a claim --------------------------------------------

/// `revoked.cer` (keyCompromise since 2026-06-01) signs with a signingTime back-dated to
/// 2026-05-15, when CRL #90 (2026-05-01..2026-06-01) did not list it yet.
fn backdated_by_compromised_key() -> qoltanba::cms::SignedData {
    use qoltanba::cms::{sign, SignRequest, SignedData};
    use qoltanba::keys::SigningKey;
    let cert = Certificate::from_input(&std::fs::read(pki("revoked.cer")).unwrap()).unwrap();
    let key =
        SigningKey::from_pkcs8(&std::fs::read(pki("revoked.key.pem")).unwrap(), None).unwrap();
    let req = SignRequest::new(&cert, time("2026-05-15T00:00:00Z"));
    SignedData::from_input(&sign(b"back-dated", &req, &key).unwrap()).unwrap()
}

fn claimed_time_options() -> qoltanba::cms::VerifyOptions {
    let mut o = qoltanba::cms::VerifyOptions::at(time(AT));
    o.time = qoltanba::cms::TimePolicy::ClaimedSigningTime;
    o
}

fn rsa_verifier_with_crls(crls: &[&str]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap();
    for c in crls {
        b = b.crl_path(pki(c)).unwrap();
    }
    b.build()
}

#[test]
fn a_back_dated_signing_time_does_not_escape_a_key_compromise() {
    use qoltanba::cms::TimeBasis;
    let cms = backdated_by_compromised_key();
    // Both CRLs: the older one (fresh at the claimed time, not listing the key) is not
    // combined with the claim; the newest lists the compromise.
    let v = cms.verify(
        &rsa_verifier_with_crls(&["nca_rsa_stale.crl", "nca_rsa_current.crl"]),
        &claimed_time_options(),
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.signers());
    let s = &v.signers()[0];
    assert_eq!(s.time_basis(), TimeBasis::ClaimedSigningTime);
    assert_eq!(s.at(), time("2026-05-15T00:00:00Z"));
    let revocation = s
        .checks()
        .iter()
        .find(|c| c.name() == qoltanba::CheckName::Revocation)
        .unwrap();
    assert!(
        revocation.reason().contains("compromised"),
        "{revocation:?}"
    );

    // Only the older CRL: it is not current when the claim is checked: not valid.
    let v = cms.verify(
        &rsa_verifier_with_crls(&["nca_rsa_stale.crl"]),
        &claimed_time_options(),
    );
    assert_eq!(v.overall(), Overall::Indeterminate, "{:#?}", v.signers());

    // The same signature judged at the caller's own time: revoked.
    let v = cms.verify(
        &rsa_verifier_with_crls(&["nca_rsa_stale.crl", "nca_rsa_current.crl"]),
        &qoltanba::cms::VerifyOptions::at(time(AT)),
    );
    assert_eq!(v.overall(), Overall::Invalid);
}

#[test]
fn a_claimed_time_is_judged_with_the_newest_crl_only() {
    // Not revoked, signed (claims) 2026-05-15: the newest CRL (#100, current) proves it.
    use qoltanba::cms::{sign, SignRequest, SignedData};
    use qoltanba::keys::SigningKey;
    let cert =
        Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap()).unwrap();
    let key = SigningKey::from_pkcs8(
        &std::fs::read(pki("individual_sign.key.pem")).unwrap(),
        None,
    )
    .unwrap();
    let req = SignRequest::new(&cert, time("2026-05-15T00:00:00Z"));
    let cms = SignedData::from_input(&sign(b"claim", &req, &key).unwrap()).unwrap();
    let v = cms.verify(
        &rsa_verifier_with_crls(&["nca_rsa_stale.crl", "nca_rsa_current.crl"]),
        &claimed_time_options(),
    );
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.signers());
    let reason = &v.signers()[0]
        .checks()
        .iter()
        .find(|c| c.name() == qoltanba::CheckName::Revocation)
        .unwrap()
        .reason();
    assert!(reason.contains("#100"), "{reason}");
}

#[test]
fn an_invalidity_date_before_a_claimed_time_revokes() {
    // A CRL revoking for affiliationChanged after the claim, with an invalidityDate before
    // it: revoked at the claimed time.
    let ca = Ca::nca_rsa();
    let cert =
        Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap()).unwrap();
    let crl = ca.crl(&fresh_crl(vec![forge::crl_entry(
        cert.serial(),
        "261110000000Z",
        &[forge::reason(3), forge::invalidity_date("20260501000000Z")],
    )]));
    let verifier = verifier_with(&[crl]);
    let mut expect = Expectation::at(time("2026-05-15T00:00:00Z"));
    expect.time_source = qoltanba::TimeSource::Claimed {
        checked_at: time(AT),
    };
    let v = verifier.check_certificate(&cert, &expect);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // Without an invalidityDate before the claim, affiliationChanged after it is not a
    // revocation at the claimed time.
    let crl = ca.crl(&fresh_crl(vec![forge::crl_entry(
        cert.serial(),
        "261110000000Z",
        &[forge::reason(3)],
    )]));
    let v = verifier_with(&[crl]).check_certificate(&cert, &expect);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

// --- 2. A profile's channel is a claim ------------------------------------------------

/// `verify REQUEST --profile ... --channel ...` as the review ran it.
#[cfg(feature = "cli")]
fn verify_with_profile(signer: &str, channel: &str, extra: &[&str]) -> Option<i32> {
    use qoltanba::cms::{sign, SignRequest};
    use qoltanba::keys::SigningKey;
    let cert =
        Certificate::from_input(&std::fs::read(pki(&format!("{signer}.cer"))).unwrap()).unwrap();
    let key = SigningKey::from_pkcs8(
        &std::fs::read(pki(&format!("{signer}.key.pem"))).unwrap(),
        None,
    )
    .unwrap();
    let cms = sign(
        b"request",
        &SignRequest::new(&cert, time("2026-11-22T00:00:00Z")),
        &key,
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("qoltanba-security-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}-{channel}.cms", signer.replace('/', "_")));
    std::fs::write(&file, cms).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .arg("verify")
        .arg(&file)
        .arg("--trust")
        .arg(pki("root.cer"))
        .arg("--intermediate")
        .arg(pki("nca_rsa.cer"))
        .arg("--crl")
        .arg(pki("nca_rsa_current.crl"))
        .args(["--at", AT, "--iin", "123456789011"])
        .args([
            "--profile",
            "kokpekti-unemployment-certificate",
            "--channel",
            channel,
        ])
        .args(extra)
        .output()
        .unwrap();
    out.status.code()
}

#[cfg(feature = "cli")]
#[test]
fn the_provider_channel_proves_the_provider_employee() {
    // A stranger whose IIN is not the request's, certifying "as the provider": refused.
    assert_eq!(
        verify_with_profile("individual_sign_valid_iin", "provider", &[]),
        Some(1)
    );
    assert_eq!(
        verify_with_profile(
            "individual_sign_valid_iin",
            "provider",
            &["--provider-bin", "020240000041"]
        ),
        Some(1)
    );
    // Another organisation's employee: refused.
    assert_eq!(
        verify_with_profile(
            "roles/other_employee",
            "provider",
            &["--provider-bin", "020240000041"]
        ),
        Some(1)
    );
    // The provider's employee, but the caller did not say which organisation is the
    // provider: not proven.
    assert_eq!(
        verify_with_profile("roles/provider_employee", "provider", &[]),
        Some(3)
    );
    // The provider's employee of the provider named: accepted.
    assert_eq!(
        verify_with_profile(
            "roles/provider_employee",
            "provider",
            &["--provider-bin", "020240000041"]
        ),
        Some(0)
    );
}

// --- A subject that names two identities ------------------------------------------------

/// `individual_sign.cer` re-issued with `extra` RDNs appended to its subject (each a
/// (attribute type's last arc under 2.5.4, PrintableString value)).
fn with_extra_rdns(extra: &[(u8, &str)]) -> Certificate {
    let ca = Ca::nca_rsa();
    Certificate::from_der(&ca.reissue(&template("individual_sign.cer"), |t| {
        let mut rdns = forge::content(&t.subject).to_vec();
        for &(arc, value) in extra {
            let atv = forge::seq(&[
                &forge::tlv(0x06, &[0x55, 0x04, arc]),
                &forge::tlv(0x13, value.as_bytes()),
            ]);
            rdns.extend(forge::tlv(0x31, &atv));
        }
        t.subject = forge::tlv(0x30, &rdns);
    }))
    .unwrap()
}

#[test]
fn a_subject_that_names_two_iins_or_bins_proves_neither() {
    let plain =
        Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap()).unwrap();
    let iin = plain.facts().iin.expect("the template names an IIN");
    let other = "IIN880101300014";
    let verifier = verifier_with(&[Ca::nca_rsa().crl(&fresh_crl(Vec::new()))]);
    let judge = |cert: &Certificate, expect: Expectation| {
        let v = verifier.check_certificate(cert, &expect);
        let iin_check = v
            .checks()
            .iter()
            .find(|c| c.name() == qoltanba::CheckName::IinMatch)
            .map(|c| (c.outcome(), c.reason().to_owned()));
        (v.overall(), iin_check)
    };
    // The template and its re-issue with the same IIN repeated: the IIN matches.
    let repeated = with_extra_rdns(&[(0x05, &format!("IIN{iin}"))]);
    for cert in [&plain, &repeated] {
        let (overall, check) = judge(cert, Expectation::at(time(AT)).iin(iin));
        assert_eq!(overall, Overall::Valid, "{check:?}");
    }
    // A second, different IIN: the request's IIN is neither proven by the first (the
    // former reading took the first) nor by the second.
    let two = with_extra_rdns(&[(0x05, other)]);
    assert_eq!(two.facts().iin, None);
    assert_eq!(two.facts().ambiguous_iins.len(), 2);
    for want in [iin, other[3..].parse().unwrap()] {
        let (overall, check) = judge(&two, Expectation::at(time(AT)).iin(want));
        assert_eq!(overall, Overall::Invalid, "{check:?}");
        let (outcome, detail) = check.expect("an IIN check");
        assert_eq!(outcome, qoltanba::Outcome::Failed);
        assert!(detail.contains("more than one IIN"), "{detail}");
    }
    // Without an IIN asked for, the certificate itself is still judged as before.
    assert_eq!(judge(&two, Expectation::at(time(AT))).0, Overall::Valid);
    // Two BINs in OUs likewise.
    let bins = with_extra_rdns(&[(0x0b, "BIN000740001307"), (0x0b, "BIN990140000296")]);
    assert_eq!(bins.facts().bin, None);
    let (overall, _) = judge(
        &bins,
        Expectation::at(time(AT)).bin("000740001307".parse().unwrap()),
    );
    assert_eq!(overall, Overall::Invalid);
}

// --- A key restricted by extKeyUsage to another purpose ---------------------------------

/// `individual_sign.cer` re-issued with its extKeyUsage replaced by `ekus` (DER OIDs),
/// marked critical when `critical`.
fn with_eku(ekus: &[&[u8]], critical: bool) -> Certificate {
    let oids: Vec<Vec<u8>> = ekus.iter().map(|o| forge::tlv(0x06, o)).collect();
    let refs: Vec<&[u8]> = oids.iter().map(|o| o.as_slice()).collect();
    let eku = forge::ext(&[0x55, 0x1d, 0x25], critical, &forge::seq(&refs));
    Certificate::from_der(
        &Ca::nca_rsa().reissue(&template("individual_sign.cer"), |t| {
            // [3] { SEQUENCE { keyUsage, extKeyUsage, ... } }
            t.extensions = forge::replace_at(&t.extensions, &[0, 1], &eku);
        }),
    )
    .unwrap()
}

/// id-kp-* (1.3.6.1.5.5.7.3.n).
fn kp(n: u8) -> Vec<u8> {
    vec![0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, n]
}

#[test]
fn a_key_restricted_to_another_purpose_signs_no_document() {
    // Found by the review of 2026-12-06: an extKeyUsage naming neither emailProtection nor
    // clientAuth (timeStamping, OCSPSigning, codeSigning, serverAuth) restricted nothing,
    // so a TSA's or an OCSP responder's key with digitalSignature + nonRepudiation was a
    // document signing key. RFC 5280 §4.2.1.12: the key is for the purposes named only.
    let verifier = verifier_with(&[Ca::nca_rsa().crl(&fresh_crl(Vec::new()))]);
    let judge = |ekus: &[&[u8]], critical: bool| {
        let v = verifier.check_certificate(&with_eku(ekus, critical), &Expectation::at(time(AT)));
        let ku = v.check(qoltanba::CheckName::KeyUsage).map(|c| c.outcome());
        (v.overall(), ku)
    };
    let individual_role: &[u8] = &[0x2a, 0x83, 0x0e, 0x03, 0x03, 0x04, 0x01, 0x01];
    let any: &[u8] = &[0x55, 0x1d, 0x25, 0x00];
    for (what, ekus) in [
        ("timeStamping", vec![kp(8)]),
        ("OCSPSigning", vec![kp(9)]),
        ("codeSigning", vec![kp(3)]),
        ("serverAuth", vec![kp(1)]),
        (
            "clientAuth with a role",
            vec![kp(2), individual_role.to_vec()],
        ),
    ] {
        let refs: Vec<&[u8]> = ekus.iter().map(Vec::as_slice).collect();
        for critical in [false, true] {
            assert_eq!(
                judge(&refs, critical),
                (Overall::Invalid, Some(qoltanba::Outcome::Failed)),
                "{what}"
            );
        }
    }
    // What signs: emailProtection (the NCA's signing certificates, with or without other
    // purposes), documentSigning (RFC 9336), anyExtendedKeyUsage, or roles alone.
    for (what, ekus) in [
        (
            "emailProtection with a role",
            vec![kp(4), individual_role.to_vec()],
        ),
        ("timeStamping and emailProtection", vec![kp(8), kp(4)]),
        ("documentSigning", vec![kp(36)]),
        ("anyExtendedKeyUsage", vec![any.to_vec()]),
        ("a role alone", vec![individual_role.to_vec()]),
    ] {
        let refs: Vec<&[u8]> = ekus.iter().map(Vec::as_slice).collect();
        assert_eq!(
            judge(&refs, false),
            (Overall::Valid, Some(qoltanba::Outcome::Passed)),
            "{what}"
        );
    }
}

/// Every CRL signature a document's certificate condition checks is charged to its
/// `Limits::document_signatures`, the path issuer's CRL too (it was checked for free:
/// a document could make the verifier check CRL signatures past its budget). The
/// target's condition costs its path's two signatures and its CA's CRL's one: below
/// three it is INDETERMINATE (the budget named), at three VALID, cold or warm.
#[test]
fn the_path_issuers_crl_signature_is_charged_to_the_document() {
    let target =
        Certificate::from_input(&std::fs::read(pki("individual_sign.cer")).unwrap()).unwrap();
    let at = Expectation::at(time("2026-11-23T00:00:00Z"));
    let least = (0..8)
        .find(|&n| {
            let mut l = qoltanba::Limits::default();
            l.document_signatures = n;
            let v = common::rsa_verifier_limited(l);
            let cold = v.check_certificate(&target, &at);
            let warm = v.check_certificate(&target, &at);
            assert_eq!(cold.overall(), warm.overall(), "at {n}");
            cold.overall() == Overall::Valid
        })
        .unwrap();
    assert_eq!(least, 3);
}
