//! RFC 3161 time-stamps: the NCA samples (../shared/nca-test-pki), the project's own RSA
//! TSA (test-vectors/pki/tsa/, made by test-vectors/generate_tsa.py), the CLI, and
//! openssl's opinion of the same tokens.

mod common;

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use qoltanba::tsp::{Imprinted, PkiStatus, TimeStampToken, TimeStampVerdict, TspMessage};
use qoltanba::{CheckName, Outcome, Overall, Verifier};

fn tsa(name: &str) -> PathBuf {
    common::pki("tsa").join(name)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn token(path: &Path) -> TimeStampToken {
    TspMessage::from_input(&read(path))
        .unwrap()
        .token()
        .expect("a token")
        .clone()
}

fn outcome(v: &TimeStampVerdict, name: CheckName) -> Option<Outcome> {
    v.check(name).map(|c| c.outcome())
}

/// The checks that did not pass, by name.
fn not_passed(v: &TimeStampVerdict) -> Vec<(CheckName, Outcome)> {
    v.checks()
        .iter()
        .filter(|c| c.outcome() != Outcome::Passed)
        .map(|c| (c.name(), c.outcome()))
        .collect()
}

#[cfg(feature = "cli")]
fn qoltanba(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .output()
        .expect("runs qoltanba")
}

/// The data NCA's test token time-stamps: its SHA-1 imprint 1465DAD1... is SHA-1 of the
/// four bytes CA FE BA BE (a constant of public digest test suites).
const CAFEBABE: [u8; 4] = [0xCA, 0xFE, 0xBA, 0xBE];

fn nca_gost2004_verifier(dir: &Path) -> Verifier {
    Verifier::builder()
        .trust_path(dir.join("gost2004/nca_gost_test.crt"))
        .unwrap()
        .crl_path(dir.join("gost2004/nca_gost_test.crl"))
        .unwrap()
        .build()
}

/// The NCA GOST-2004 test token: read strictly, its TSA proven (signature, EKU exactly
/// timeStamping and critical, path to ҰКО 3.0 (GOST TEST), not revoked at genTime by the
/// 2022 CRL current at the time checked), its imprint equal to SHA-1(CAFEBABE) but SHA-1
/// is no proof: indeterminate, never valid.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_token() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let t = token(&dir.join("tsp/tsp_token.bin"));
    let tst = t.tst_info();
    assert_eq!(tst.policy(), "1.2.398.3.3.2.6.1");
    assert_eq!(tst.serial_hex(), "5E846DD75D861154DB10F13C54DC1F8D33FE6ADC");
    assert_eq!(tst.gen_time(), common::time("2022-09-18T13:20:14Z"));
    assert_eq!(tst.nonce(), Some(&[0x01, 0x83, 0x50, 0xC0, 0x22, 0xD7][..]));
    assert_eq!(tst.message_imprint().algorithm_name(), "sha1");
    assert!(tst.accuracy().is_none() && !tst.ordering() && tst.tsa().is_none());

    let v = nca_gost2004_verifier(&dir);
    let at = common::time("2022-09-20T00:00:00Z");
    let verdict = t.verify(Imprinted::Data(&CAFEBABE), &v, at);
    assert_eq!(verdict.overall(), Overall::Indeterminate, "{verdict:#?}");
    assert_eq!(
        not_passed(&verdict),
        [(CheckName::Content, Outcome::Unknown)],
        "{verdict:#?}"
    );
    assert!(verdict
        .check(CheckName::Content)
        .unwrap()
        .reason()
        .contains("SHA-1"));
    assert_eq!(verdict.gen_time(), tst.gen_time());
    assert_eq!(verdict.serial(), "5E846DD75D861154DB10F13C54DC1F8D33FE6ADC");
    assert_eq!(verdict.policy(), "1.2.398.3.3.2.6.1");
    assert!(verdict.tsa().unwrap().contains("СЕРВИС МЕТКИ ВРЕМЕНИ"));
    assert_eq!(
        verdict
            .tsa_certificate()
            .unwrap()
            .path()
            .last()
            .map(String::as_str),
        Some("C=KZ, CN=ҰКО 3.0 (GOST TEST)")
    );

    // Other data, or its digest: a proven mismatch.
    let other = t.verify(Imprinted::Data(b"cafebabe"), &v, at);
    assert_eq!(other.overall(), Overall::Invalid);
    assert_eq!(outcome(&other, CheckName::Content), Some(Outcome::Failed));
    let mut imprint = tst.message_imprint().hashed_message().to_vec();
    assert_eq!(
        outcome(
            &t.verify(Imprinted::Digest(&imprint), &v, at),
            CheckName::Content
        ),
        Some(Outcome::Unknown)
    );
    imprint[0] ^= 1;
    assert_eq!(
        outcome(
            &t.verify(Imprinted::Digest(&imprint), &v, at),
            CheckName::Content
        ),
        Some(Outcome::Failed)
    );

    // Checked at a time the 2022 CRL is no longer current: the TSA's status at its own
    // claimed genTime is not proven.
    let late = t.verify(
        Imprinted::Data(&CAFEBABE),
        &v,
        common::time("2023-01-01T00:00:00Z"),
    );
    assert_eq!(
        outcome(&late, CheckName::Revocation),
        Some(Outcome::Unknown)
    );
    // No trust anchor: the TSA cannot be proven.
    let none = t.verify(Imprinted::Data(&CAFEBABE), &Verifier::builder().build(), at);
    assert_eq!(outcome(&none, CheckName::Chain), Some(Outcome::Unknown));
    assert_eq!(outcome(&none, CheckName::Signature), Some(Outcome::Passed));
}

/// The NCA response wraps the same token, granted.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_response() {
    let Some(dir) = common::shared("nca-test-pki/tsp") else {
        return;
    };
    let TspMessage::Response(r) =
        TspMessage::from_input(&read(&dir.join("tsp_response.bin"))).unwrap()
    else {
        panic!("tsp_response.bin read as a bare token");
    };
    assert_eq!(r.status().status, PkiStatus::Granted);
    assert_eq!(r.token().unwrap().der(), read(&dir.join("tsp_token.bin")));
    assert!(matches!(
        TspMessage::from_input(&read(&dir.join("tsp_token.bin"))).unwrap(),
        TspMessage::Token(_)
    ));
}

/// The token Kalkan put on cades_t_2025.cms: signed by a TSA under a re-keyed
/// `ҰҚО 3.0 (GOST TEST)` whose certificate is not published. Its signature and imprint
/// (GOST 34.311-95 of the signature value) verify; its TSA cannot be chained.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_cades_t_token_alone() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let cms =
        qoltanba::cms::SignedData::from_input(&read(&dir.join("gost2015-2025/cades_t_2025.cms")))
            .unwrap();
    let si = &cms.signers()[0];
    let value = &si
        .unsigned_attributes()
        .iter()
        .find(|a| a.oid == "1.2.840.113549.1.9.16.2.14")
        .unwrap()
        .values[0];
    let t = TimeStampToken::from_ber(value).unwrap();
    assert_eq!(
        t.tst_info().gen_time(),
        common::time("2025-02-24T19:23:14Z")
    );
    let v = Verifier::builder()
        .trust_path(dir.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(dir.join("gost2015-2025/nca_gost2022_test_crl14.crl"))
        .unwrap()
        .build();
    let verdict = t.verify(
        Imprinted::Data(si.signature()),
        &v,
        common::time("2025-05-01T00:00:00Z"),
    );
    assert_eq!(verdict.overall(), Overall::Indeterminate);
    assert_eq!(
        not_passed(&verdict),
        [
            (CheckName::Chain, Outcome::Unknown),
            (CheckName::Revocation, Outcome::Unknown)
        ],
        "{verdict:#?}"
    );
    assert_eq!(verdict.hash_algorithm(), "gost34311-95");
}

/// The project's TSA: every token judged at 2026-11-23 with the RSA test PKI.
#[test]
fn own_tokens() {
    let v = common::rsa_verifier();
    let at = common::time("2026-11-23T00:00:00Z");
    let data = read(&tsa("data.txt"));
    let judge = |file: &str| token(&tsa(file)).verify(Imprinted::Data(&data), &v, at);

    for file in ["token_valid.tsr", "response_valid.tsr"] {
        let verdict = judge(file);
        assert_eq!(verdict.overall(), Overall::Valid, "{file}: {verdict:#?}");
        assert_eq!(
            verdict.gen_time(),
            common::time("2026-11-20T10:00:00.25Z"),
            "{file}"
        );
        assert_eq!(verdict.policy(), "1.2.398.3.3.2.6.1");
        assert_eq!(verdict.tsa(), verdict.tsa_field());
        assert_eq!(verdict.nonce(), Some("0102030405060708"));
        assert_eq!(verdict.accuracy().map(|a| a.seconds), Some(1));
        assert!(verdict.refusal().is_none());
    }
    let cases: [(&str, &[(CheckName, Outcome)]); 6] = [
        // genTime changed: the TSA's signature does not cover it.
        (
            "token_bad_gentime.tsr",
            &[(CheckName::MessageDigest, Outcome::Failed)],
        ),
        // One bit of the imprint: neither the signature nor the data agree.
        (
            "token_bad_imprint.tsr",
            &[
                (CheckName::MessageDigest, Outcome::Failed),
                (CheckName::Content, Outcome::Failed),
            ],
        ),
        // A genuine token over other data.
        (
            "token_other_data.tsr",
            &[(CheckName::Content, Outcome::Failed)],
        ),
        (
            "token_email_eku.tsr",
            &[(CheckName::KeyUsage, Outcome::Failed)],
        ),
        (
            "token_noncritical_eku.tsr",
            &[(CheckName::KeyUsage, Outcome::Failed)],
        ),
        // Expired at genTime; the CRL, issued after it expired, cannot prove its status.
        (
            "token_expired_tsa.tsr",
            &[
                (CheckName::Validity, Outcome::Failed),
                (CheckName::Revocation, Outcome::Unknown),
            ],
        ),
    ];
    for (file, expected) in cases {
        let verdict = judge(file);
        assert_eq!(verdict.overall(), Overall::Invalid, "{file}");
        assert_eq!(not_passed(&verdict), expected, "{file}: {verdict:#?}");
        assert!(verdict.refusal().is_some());
    }

    // Without the data, the imprint is not proven.
    let t = token(&tsa("token_valid.tsr"));
    let nothing = t.verify(Imprinted::Nothing, &v, at);
    assert_eq!(
        not_passed(&nothing),
        [(CheckName::Content, Outcome::Unknown)]
    );
    // Checked before its genTime: a token from the future is not proven.
    let early = t.verify(
        Imprinted::Data(&data),
        &v,
        common::time("2026-11-20T09:00:00Z"),
    );
    assert_eq!(
        not_passed(&early),
        [(CheckName::Timestamp, Outcome::Unknown)]
    );
    // Checked when the CRL is no longer current: the TSA's status is not proven.
    let stale = t.verify(
        Imprinted::Data(&data),
        &v,
        common::time("2027-06-01T00:00:00Z"),
    );
    assert_eq!(
        not_passed(&stale),
        [(CheckName::Revocation, Outcome::Unknown)]
    );
}

/// openssl's own TSA (`openssl ts -reply`), whose genTime is when the script ran: valid at
/// its genTime; a rejection carries no token.
#[test]
fn openssl_made_response_and_a_rejection() {
    let v = common::rsa_verifier();
    let data = read(&tsa("data.txt"));
    let t = token(&tsa("response_openssl.tsr"));
    let gen = t.tst_info().gen_time();
    let verdict = t.verify(
        Imprinted::Data(&data),
        &v,
        gen + chrono::Duration::minutes(1),
    );
    assert_eq!(verdict.overall(), Overall::Valid, "{verdict:#?}");
    assert!(verdict.tsa_field().is_some());

    let TspMessage::Response(r) =
        TspMessage::from_input(&read(&tsa("response_rejected.tsr"))).unwrap()
    else {
        panic!("a response");
    };
    assert_eq!(r.status().status, PkiStatus::Rejection);
    assert_eq!(r.status().fail_info, ["badAlg"]);
    assert!(r.token().is_none());
}

/// Base64 text is read like DER; a truncated or foreign input is an error.
#[test]
fn input_forms() {
    use base64::Engine as _;
    let der = read(&tsa("token_valid.tsr"));
    let text = base64::engine::general_purpose::STANDARD.encode(&der);
    let a = TspMessage::from_input(text.as_bytes()).unwrap();
    assert_eq!(a.token().unwrap().der(), der.as_slice());
    assert!(TspMessage::from_input(&der[..der.len() - 1]).is_err());
    assert!(TspMessage::from_input(&read(&common::pki("root.cer"))).is_err());
    assert!(TspMessage::from_input(&read(&tsa("cades_plain.cms"))).is_err());
    assert!(TspMessage::from_input(b"").is_err());
}

#[cfg(feature = "cli")]
#[test]
fn cli_tsp_verify() {
    let dir = tsa("");
    let trust = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = [
            "--trust",
            common::pki("root.cer").to_str().unwrap(),
            "--intermediate",
            common::pki("nca_rsa.cer").to_str().unwrap(),
            "--crl",
            common::pki("nca_rsa_current.crl").to_str().unwrap(),
            "--at",
            "2026-11-23T00:00:00Z",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |file: &str, extra: &[&str]| {
        let mut args = vec!["tsp".to_string(), "verify".into()];
        args.push(dir.join(file).to_str().unwrap().to_string());
        args.extend(trust(extra));
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        qoltanba(&a)
    };
    let data = dir.join("data.txt");
    let data = data.to_str().unwrap();
    let out = run("token_valid.tsr", &["--data", data]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("VALID — time-stamp token"), "{text}");
    assert!(
        text.contains("genTime 2026-11-20T10:00:00.250+00:00"),
        "{text}"
    );
    assert!(text.contains("policy 1.2.398.3.3.2.6.1"), "{text}");

    let digest = "10E4799D565CF69B253F46C417275D7F57E9981F8FF2E50315907DF73C6A8858";
    let token = token(&tsa("token_valid.tsr"));
    assert_eq!(
        token
            .tst_info()
            .message_imprint()
            .hashed_message()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<String>(),
        digest
    );
    assert_eq!(
        run("response_valid.tsr", &["--digest", digest])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(run("token_valid.tsr", &[]).status.code(), Some(3));
    assert_eq!(
        run("token_other_data.tsr", &["--data", data]).status.code(),
        Some(1)
    );
    assert_eq!(
        run("token_email_eku.tsr", &["--data", data]).status.code(),
        Some(1)
    );
    let rejected = run("response_rejected.tsr", &[]);
    assert_eq!(rejected.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&rejected.stdout).contains("refused"));
    assert_eq!(run("data.txt", &[]).status.code(), Some(2));
    assert_eq!(
        run("token_valid.tsr", &["--digest", "XYZ"]).status.code(),
        Some(2)
    );

    let json = run("response_valid.tsr", &["--data", data, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["verdict"], "valid");
    assert_eq!(value["form"], "response");
    assert_eq!(value["status"]["status"], "granted");
    assert_eq!(value["gen_time"], "2026-11-20T10:00:00.250Z");
    assert_eq!(value["policy"], "1.2.398.3.3.2.6.1");
    assert!(value["tsa"].as_str().unwrap().contains("QOLTANBA TEST"));
    assert!(value["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["check"] == "timestamp"));
}

/// The NCA token through the CLI: --data of CAFEBABE gives indeterminate (SHA-1).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
#[cfg(feature = "cli")]
fn cli_nca_token() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let data = std::env::temp_dir().join(format!("qoltanba-cafebabe-{}", std::process::id()));
    std::fs::write(&data, CAFEBABE).unwrap();
    let out = qoltanba(&[
        "tsp",
        "verify",
        dir.join("tsp/tsp_response.bin").to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--trust",
        dir.join("gost2004/nca_gost_test.crt").to_str().unwrap(),
        "--crl",
        dir.join("gost2004/nca_gost_test.crl").to_str().unwrap(),
        "--at",
        "2022-09-20T00:00:00Z",
    ]);
    let _ = std::fs::remove_file(&data);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[unknown] content"), "{text}");
    assert!(text.contains("[passed ] key_usage"), "{text}");
}

/// `openssl ts -verify` agrees: the valid tokens verify, the broken ones do not (its
/// purpose check refuses the wrong extKeyUsage, its path check the expired TSA).
#[test]
fn openssl_agrees() {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("NOTICE: openssl is absent; skipping the interoperability check");
        return;
    }
    let gen_time = "1795168800"; // 2026-11-20T10:00:00Z
    let verify = |file: &str, attime: Option<&str>| -> bool {
        let mut c = Command::new("openssl");
        c.args(["ts", "-verify", "-data"])
            .arg(tsa("data.txt"))
            .arg("-in")
            .arg(tsa(file))
            .arg("-CAfile")
            .arg(common::pki("chain.pem"));
        if !file.starts_with("response") {
            c.arg("-token_in");
        }
        if let Some(t) = attime {
            c.args(["-attime", t]);
        }
        c.output().expect("openssl runs").status.success()
    };
    for (file, ours) in [
        ("token_valid.tsr", true),
        ("response_valid.tsr", true),
        ("token_bad_gentime.tsr", false),
        ("token_bad_imprint.tsr", false),
        ("token_other_data.tsr", false),
        ("token_email_eku.tsr", false),
        ("token_noncritical_eku.tsr", false),
        ("token_expired_tsa.tsr", false),
    ] {
        assert_eq!(verify(file, Some(gen_time)), ours, "openssl on {file}");
        let v = token(&tsa(file)).verify(
            Imprinted::Data(&read(&tsa("data.txt"))),
            &common::rsa_verifier(),
            common::time("2026-11-23T00:00:00Z"),
        );
        assert_eq!(v.is_valid(), ours, "qoltanba on {file}");
    }
    assert!(verify("response_openssl.tsr", None));
}

// ---------------------------------------------------------------------------------------
// CAdES-T: time-stamp tokens on CMS signers.
// ---------------------------------------------------------------------------------------

use qoltanba::cms::{SignedData, SignerVerdict, TimeBasis, TimePolicy, VerifyOptions};

/// The project's CAdES-T: `cades_plain.cms` (as the library signs it) with
/// `cades_token.tsr` added as the signer's unsigned attribute.
fn own_cades_t() -> Vec<u8> {
    let plain = SignedData::from_input(&read(&tsa("cades_plain.cms"))).unwrap();
    plain
        .add_timestamp_token(0, &read(&tsa("cades_token.tsr")))
        .unwrap()
}

fn judge(der: &[u8], v: &Verifier, at: &str, policy: TimePolicy) -> SignerVerdict {
    let mut options = VerifyOptions::at(common::time(at));
    options.time = policy;
    let verdict = SignedData::from_ber(der).unwrap().verify(v, &options);
    assert_eq!(verdict.signers().len(), 1);
    let signer = verdict.signers()[0].clone();
    assert_eq!(verdict.overall(), signer.overall());
    signer
}

fn signer_outcome(s: &SignerVerdict, name: CheckName) -> Option<Outcome> {
    s.check(name).map(|c| c.outcome())
}

/// The library signs `cades_plain.cms` byte for byte (RSA PKCS#1 v1.5 is deterministic),
/// so the token made over its signature value is a token over what `cms::sign` makes.
#[test]
fn cades_t_signature_is_the_librarys() {
    let key = qoltanba::keys::SigningKey::from_pkcs8(
        &read(&common::pki("individual_sign.key.pem")),
        None,
    )
    .unwrap();
    let cert =
        qoltanba::Certificate::from_input(&read(&common::pki("individual_sign.cer"))).unwrap();
    let signed = qoltanba::cms::sign(
        &read(&tsa("cades_content.txt")),
        &qoltanba::cms::SignRequest::new(&cert, common::time("2026-11-20T09:59:00Z")),
        &key,
    )
    .unwrap();
    assert_eq!(signed, read(&tsa("cades_plain.cms")));
}

#[test]
fn cades_t_own() {
    let v = common::rsa_verifier();
    let cades = own_cades_t();
    let parsed = SignedData::from_ber(&cades).unwrap();
    assert_eq!(
        parsed.signers()[0].unsigned_attributes()[0].name(),
        "timeStampToken"
    );
    let gen = common::time("2026-11-20T10:00:00Z");

    // The time given: the token is verified and reported; the signer judged at AT.
    let s = judge(&cades, &v, "2026-11-23T00:00:00Z", TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    assert_eq!(s.time_basis(), TimeBasis::Given);
    assert_eq!(
        signer_outcome(&s, CheckName::Timestamp),
        Some(Outcome::Passed)
    );
    assert_eq!(s.timestamps().len(), 1);
    let t = &s.timestamps()[0];
    assert!(t.is_valid());
    assert_eq!(t.gen_time(), gen);
    assert_eq!(t.policy(), "1.2.398.3.3.2.6.1");
    assert!(t.tsa().unwrap().contains("QOLTANBA TEST"));
    assert_eq!(outcome(t, CheckName::Content), Some(Outcome::Passed));

    // At the time-stamp: judged at the time the token proves the signature existed by,
    // genTime + its accuracy (±1 s; RFC 3161 §2.4.2), as a proven time.
    let s = judge(&cades, &v, "2026-11-23T00:00:00Z", TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    assert_eq!(s.time_basis(), TimeBasis::TimeStamp);
    let proven = gen + chrono::Duration::seconds(1);
    assert_eq!(t.accuracy().map(|a| a.seconds), Some(1));
    assert_eq!(t.existed_by(), proven);
    assert_eq!(s.at(), proven);
    assert_eq!(s.certificate().unwrap().at(), proven);

    // After the signer's certificate expired (2027-01-01): the time given fails it, the
    // time-stamp proves the signature was made while it was valid.
    let s = judge(&cades, &v, "2027-02-01T00:00:00Z", TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Invalid);
    assert_eq!(
        signer_outcome(&s, CheckName::Validity),
        Some(Outcome::Failed)
    );
    let s = judge(&cades, &v, "2027-02-01T00:00:00Z", TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    assert_eq!(
        signer_outcome(&s, CheckName::Validity),
        Some(Outcome::Passed)
    );

    // Checked when no CRL is current any more: the TSA is not proven, so the signer's time
    // is not either; judged at the time given instead, it has expired.
    let s = judge(&cades, &v, "2027-06-01T00:00:00Z", TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");
    assert_eq!(
        signer_outcome(&s, CheckName::Timestamp),
        Some(Outcome::Unknown)
    );
    assert_eq!(
        signer_outcome(&s, CheckName::Validity),
        Some(Outcome::Failed)
    );
    assert_eq!(s.time_basis(), TimeBasis::Given);
    assert_eq!(s.timestamps()[0].overall(), Overall::Indeterminate);
    assert_eq!(
        outcome(&s.timestamps()[0], CheckName::Revocation),
        Some(Outcome::Unknown)
    );

    // Claimed signingTime: the token still counts as evidence, not as the time.
    let s = judge(
        &cades,
        &v,
        "2026-11-23T00:00:00Z",
        TimePolicy::ClaimedSigningTime,
    );
    assert_eq!(s.time_basis(), TimeBasis::ClaimedSigningTime);
    assert_eq!(
        signer_outcome(&s, CheckName::Timestamp),
        Some(Outcome::Passed)
    );
}

/// Without a token, --at-timestamp cannot prove the signer's time.
#[test]
fn cades_without_token_at_timestamp() {
    let v = common::rsa_verifier();
    let plain = read(&tsa("cades_plain.cms"));
    let s = judge(&plain, &v, "2026-11-23T00:00:00Z", TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Indeterminate);
    assert_eq!(
        signer_outcome(&s, CheckName::Timestamp),
        Some(Outcome::Unknown)
    );
    assert!(s.timestamps().is_empty());
    // And under the time given nothing about time-stamps is said.
    let s = judge(&plain, &v, "2026-11-23T00:00:00Z", TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid);
    assert!(s.check(CheckName::Timestamp).is_none());
}

/// A token that fails makes the signer invalid under every time policy: one over other
/// data, one whose TSA signature is broken.
#[test]
fn cades_t_broken_tokens_are_never_ignored() {
    let v = common::rsa_verifier();
    let good = read(&tsa("cades_token.tsr"));
    let other = read(&tsa("cades_token_other.tsr"));
    assert_eq!(good.len(), other.len());
    let cades = own_cades_t();
    let at = cades.windows(good.len()).position(|w| w == good).unwrap();

    let mut wrong_imprint = cades.clone();
    wrong_imprint[at..at + good.len()].copy_from_slice(&other);
    let mut bad_signature = cades.clone();
    bad_signature[at + good.len() - 1] ^= 1; // the TSA's RSA signature ends the token
    for (what, der, failed) in [
        ("other imprint", &wrong_imprint, CheckName::Content),
        ("bad TSA signature", &bad_signature, CheckName::Signature),
    ] {
        for policy in [
            TimePolicy::Given,
            TimePolicy::ClaimedSigningTime,
            TimePolicy::TimeStamp,
        ] {
            let s = judge(der, &v, "2026-11-23T00:00:00Z", policy);
            assert_eq!(s.overall(), Overall::Invalid, "{what} {policy:?}");
            let c = s.check(CheckName::Timestamp).unwrap();
            assert_eq!(c.outcome(), Outcome::Failed, "{what}");
            assert!(
                c.reason().contains(failed.as_str()),
                "{what}: {}",
                c.reason()
            );
            assert_eq!(outcome(&s.timestamps()[0], failed), Some(Outcome::Failed));
            assert_ne!(s.time_basis(), TimeBasis::TimeStamp, "{what} {policy:?}");
        }
    }

    // Something that is not a token at all, where a token should be.
    let plain = SignedData::from_input(&read(&tsa("cades_plain.cms"))).unwrap();
    let signature = plain.signers()[0].signature().to_vec();
    let mut not_a_token = cades.clone();
    not_a_token[at + 6] ^= 0x01; // the ContentInfo's OID: 1.3.840... is not signedData
    let s = judge(&not_a_token, &v, "2026-11-23T00:00:00Z", TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Invalid, "{s:#?}");
    assert!(s
        .check(CheckName::Timestamp)
        .unwrap()
        .reason()
        .contains("not a time-stamp token"));
    assert!(s.timestamps().is_empty());
    assert!(!signature.is_empty());
}

/// add_timestamp_token refuses what would not time-stamp the signer's signature.
#[test]
fn add_timestamp_token_refusals() {
    let plain = SignedData::from_input(&read(&tsa("cades_plain.cms"))).unwrap();
    assert!(plain
        .add_timestamp_token(0, &read(&tsa("cades_token_other.tsr")))
        .is_err());
    assert!(plain
        .add_timestamp_token(0, &read(&tsa("token_valid.tsr")))
        .is_err());
    assert!(plain
        .add_timestamp_token(0, &read(&tsa("cades_plain.cms")))
        .is_err());
    assert!(plain
        .add_timestamp_token(1, &read(&tsa("cades_token.tsr")))
        .is_err());
    // Adding twice keeps both (two values of the attribute are two tokens).
    let once = own_cades_t();
    let twice = SignedData::from_ber(&once)
        .unwrap()
        .add_timestamp_token(0, &read(&tsa("cades_token.tsr")))
        .unwrap();
    let s = judge(
        &twice,
        &common::rsa_verifier(),
        "2026-11-23T00:00:00Z",
        TimePolicy::TimeStamp,
    );
    assert_eq!(s.timestamps().len(), 2);
    assert_eq!(s.overall(), Overall::Valid);
}

/// More tokens on one signer than are judged: the rest are not ignored, the signer is
/// indeterminate.
#[test]
fn too_many_tokens_on_a_signer() {
    let token = read(&tsa("cades_token.tsr"));
    let mut der = read(&tsa("cades_plain.cms"));
    for _ in 0..=qoltanba::tsp::limits::MAX_TOKENS_PER_SIGNER {
        der = SignedData::from_ber(&der)
            .unwrap()
            .add_timestamp_token(0, &token)
            .unwrap();
    }
    let s = judge(
        &der,
        &common::rsa_verifier(),
        "2026-11-23T00:00:00Z",
        TimePolicy::Given,
    );
    assert_eq!(s.overall(), Overall::Indeterminate);
    assert_eq!(
        s.timestamps().len(),
        qoltanba::tsp::limits::MAX_TOKENS_PER_SIGNER
    );
    assert!(s
        .check(CheckName::Timestamp)
        .unwrap()
        .reason()
        .contains("not verified"));
}

fn nca_2025_verifier(dir: &Path) -> Verifier {
    Verifier::builder()
        .trust_path(dir.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .crl_path(dir.join("gost2015-2025/nca_gost2022_test_crl14.crl"))
        .unwrap()
        .build()
}

/// MANIFEST: cades_t_2025.cms at 2025-05-01 with CRL #14: valid; its token's signature
/// and imprint verify, its TSA cannot be chained: the timestamp is unknown, reported but
/// not counted at the time given, and the signer judged at the token's time is
/// indeterminate.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn nca_cades_t_2025() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let der = read(&dir.join("gost2015-2025/cades_t_2025.cms"));
    let v = nca_2025_verifier(&dir);
    let s = judge(&der, &v, "2025-05-01T00:00:00Z", TimePolicy::Given);
    assert_eq!(s.overall(), Overall::Valid, "{s:#?}");
    assert!(s.check(CheckName::Timestamp).is_none());
    assert_eq!(s.timestamps().len(), 1);
    let t = &s.timestamps()[0];
    assert_eq!(t.overall(), Overall::Indeterminate);
    assert_eq!(t.gen_time(), common::time("2025-02-24T19:23:14Z"));
    assert_eq!(t.serial(), "22286484B7CD1CDCF2717B4A44B0260AFC5D8962");
    assert_eq!(t.policy(), "1.2.398.3.3.2.6.1");
    assert_eq!(outcome(t, CheckName::Signature), Some(Outcome::Passed));
    assert_eq!(outcome(t, CheckName::Content), Some(Outcome::Passed));
    assert_eq!(outcome(t, CheckName::KeyUsage), Some(Outcome::Passed));
    assert_eq!(outcome(t, CheckName::Chain), Some(Outcome::Unknown));

    let s = judge(&der, &v, "2025-05-01T00:00:00Z", TimePolicy::TimeStamp);
    assert_eq!(s.overall(), Overall::Indeterminate, "{s:#?}");
    assert_eq!(
        signer_outcome(&s, CheckName::Timestamp),
        Some(Outcome::Unknown)
    );
    // Every other check holds: it is the time that is not proven.
    assert!(s
        .checks()
        .iter()
        .all(|c| c.name() == CheckName::Timestamp || c.outcome() == Outcome::Passed));
}

#[cfg(feature = "cli")]
#[test]
fn cli_verify_at_timestamp() {
    let dir = std::env::temp_dir().join(format!("qoltanba-cades-t-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cades_t.cms");
    std::fs::write(&file, own_cades_t()).unwrap();
    let run_at = |f: &Path, at: &str, extra: &[&str]| {
        let mut args = vec![
            "verify",
            f.to_str().unwrap(),
            "--trust",
            common::pki("root.cer").to_str().unwrap().to_owned().leak(),
            "--intermediate",
            common::pki("nca_rsa.cer")
                .to_str()
                .unwrap()
                .to_owned()
                .leak(),
            "--crl",
            common::pki("nca_rsa_current.crl")
                .to_str()
                .unwrap()
                .to_owned()
                .leak(),
            "--at",
            at,
        ];
        args.extend_from_slice(extra);
        qoltanba(&args)
    };
    let run = |f: &Path, extra: &[&str]| run_at(f, "2027-02-01T00:00:00Z", extra);
    // Expired at the time given; valid at the time its token proves.
    assert_eq!(run(&file, &[]).status.code(), Some(1));
    let out = run(&file, &["--at-timestamp"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("judged at 2026-11-20T10:00:01+00:00 (the time its time-stamp proves: genTime + accuracy, at most --at)"),
        "{text}"
    );
    assert!(text.contains("time-stamp: VALID — genTime 2026-11-20T10:00:00+00:00"));
    let json = run(&file, &["--at-timestamp", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["time_policy"], "time_stamp");
    let signer = &value["signers"][0];
    assert_eq!(signer["time_basis"], "time_stamp");
    assert_eq!(signer["timestamps"][0]["gen_time"], "2026-11-20T10:00:00Z");
    assert_eq!(signer["timestamps"][0]["policy"], "1.2.398.3.3.2.6.1");
    assert!(signer["timestamps"][0]["serial"].is_string());
    assert!(signer["timestamps"][0]["tsa"]
        .as_str()
        .unwrap()
        .contains("QOLTANBA TEST"));
    // --at-timestamp with --at-signing-time: a usage error.
    assert_eq!(
        run(&file, &["--at-timestamp", "--at-signing-time"])
            .status
            .code(),
        Some(2)
    );
    // No token: indeterminate (at a time the signer is otherwise valid).
    assert_eq!(
        run_at(
            &tsa("cades_plain.cms"),
            "2026-11-23T00:00:00Z",
            &["--at-timestamp"]
        )
        .status
        .code(),
        Some(3)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
#[cfg(feature = "cli")]
fn cli_nca_cades_t_2025() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let p = |s: &str| dir.join(s).to_str().unwrap().to_owned();
    let base = [
        "verify".to_owned(),
        p("gost2015-2025/cades_t_2025.cms"),
        "--trust".into(),
        p("gost2015/root_test_gost_2022.cer"),
        "--intermediate".into(),
        p("gost2015/nca_gost2022_test.cer"),
        "--crl".into(),
        p("gost2015-2025/nca_gost2022_test_crl14.crl"),
        "--at".into(),
        "2025-05-01T00:00:00Z".into(),
    ];
    let args: Vec<&str> = base.iter().map(String::as_str).collect();
    let out = qoltanba(&args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("time-stamp: INDETERMINATE"));
    let mut at_ts = args.clone();
    at_ts.push("--at-timestamp");
    assert_eq!(qoltanba(&at_ts).status.code(), Some(3));
}
