//! Review 104 (hostile), tests only: the `sign` command of the command line
//! (`src/bin/qoltanba/sign.rs`: `load_key`, `password`, `sign`, `sign_pdf`) and the key
//! containers it opens (`src/keys/`: `open_pkcs12`, `pkcs12::parse`, `bundle::pair`,
//! `secrets::read_password_file`, `password_from_env`), looking for a signature made with
//! the wrong key or certificate, a signature the command reports as made (exit 0) that its
//! own certificate refutes, a password echoed, and a panic on a hostile container.
//!
//! Material: the test PKI (`test-vectors/pki`: `individual_sign.p12` and `legal_sign.p12`
//! with their password `Qwerty12`, `expired.cer` (2025-01-01..2026-01-01) and
//! `not_yet_valid.cer` (2027-01-01..2028-01-01) with their PEM keys, `legal_sign.cer` as a
//! certificate foreign to `individual_sign`'s key), `test-vectors/pdf/classic.pdf`; the
//! built binary run through `std::process::Command`, the library's `open_pkcs12` on
//! containers cut short and with single bytes changed. Earlier reviews not repeated:
//! review 46 (the CLI), 52, 53 (a foreign key on the service's and library's signers),
//! keys reviews 27 and 30 (KDF bombs, the service's containers).
//!
//! Findings (each fixed the same session; "(fixed) `new` (was `old`)"):
//!
//! 1. (fixed) `sign_with_an_expired_certificate_is_refused` (was
//!    `defect_sign_with_an_expired_certificate_is_refused`) (false VALID): `qoltanba sign` with
//!    `expired.cer` (notAfter 2026-01-01) and its key, at `--signing-time 2026-11-23T00:00:00Z` or
//!    now, signs and exits 0 without a word: a CMS whose signingTime its own certificate refutes,
//!    which `verify` then calls invalid ("validity: expired"); `--xml` and `--pdf` the same. The
//!    service's signing routes (`server::keys::fit_to_sign_at`) refuse the same key, now and at the
//!    time the signature will state. Cause: `sign.rs`, `sign` (and `sign_pdf`) hand `load_key`'s
//!    certificate to the signers without judging it at `signing_time`. Right answer: refused (exit
//!    2, nothing written) when the certificate is not valid at the signing time the signature will
//!    state (a signature stating no time: now).
//! 2. (fixed) `sign_before_the_certificate_is_valid_is_refused` (was
//!    `defect_sign_before_the_certificate_is_valid_is_refused`) (false VALID): the same with
//!    `not_yet_valid.cer` (notBefore 2027-01-01) at 2026-11-23: exit 0, a signature dated before
//!    its certificate existed. Same cause (`sign::sign` / `sign::load_key` never judge the
//!    certificate), same answer.
//! 3. (fixed) `document_issue_dated_outside_its_certificate_is_refused` (was
//!    `defect_document_issue_dated_outside_its_certificate_is_refused`) (false VALID): `qoltanba
//!    document issue --at 2027-06-01T12:00:00+06:00` (or 2025-06-01) with `legal_sign.p12` (valid
//!    2026-01-01..2027-01-01) issues the output document, exit 0: a PDF "signed with the EDS of the
//!    provider" on a date its certificate refutes, which `barcode verify` can never call valid;
//!    `/v1/document/issue` refuses it (`fit_to_sign_at` at the document's date). Cause:
//!    `document.rs`, `issue`, nothing judges the certificate at `at`. Right answer: refused (exit
//!    2), nothing written. (The control, dated 2026-11-22, is issued. The controls of findings 1 to
//!    3 are dated: a fix that also judges at the machine's clock, as the service does, makes them
//!    fail from 2027-01-01, when the test PKI's end-entity certificates expire.)
//! 4. (fixed) `sign_out_over_the_key_container_is_refused` (was
//!    `defect_sign_out_over_the_key_container_is_refused`) (secret destroyed): `qoltanba sign DOC
//!    --key KEY.p12 -o KEY.p12` (also as `DIR/./KEY.p12`) replaces the PKCS#12 container, the only
//!    copy of the private key, by the signature, exit 0; `-o` naming `--password-file` replaces the
//!    password the same way (and `-o` naming a detached signature's own input drops the content).
//!    `verify` refuses an `--out` naming any of its inputs (reviews 46, 48:
//!    `refuse_out_over_inputs`); `sign` writes over its own. Cause: `sign.rs`, `sign` and
//!    `sign_pdf` call `files::write` with no `same_file` check. Right answer: exit 2 before
//!    anything is written when `-o` is the key, the password file, the certificate, a chain file or
//!    the input.
//! 5. (fixed) `document_issue_out_over_the_key_container_is_refused` (was
//!    `defect_document_issue_out_over_the_key_container_is_refused`) (secret destroyed): the same
//!    for `document issue -o KEY.p12` and `--signed-out KEY.p12` (`document.rs`, `issue`).
//! 6. (fixed) `a_password_file_given_as_an_input_leaks_none_of_its_bytes` (was
//!    `defect_a_password_file_given_as_an_input_leaks_none_of_its_bytes`) (secret leaked): a
//!    password file given where a signed file, certificate, `--trust`, `--crl` or `--chain` is
//!    expected (the arguments' order mixed up; also with `--json`) is refused, exit 2, with a byte
//!    of the password and where it stands: `Zq$7ecret!` gives "not DER, PEM or base64 (byte 0x24 at
//!    offset 2)", `SekretZqwZq` "bad base64: Invalid last symbol 0x71 ('q') at offset 10" (its last
//!    character and so its length), on standard error or in the JSON, so in logs. Private keys
//!    given so are named by kind and none of their bytes echoed (review 46); a password is not.
//!    Cause: `src/input/mod.rs`, `decode_base64_text` (the byte and offset in `UnrecognisedFormat`,
//!    and the base64 crate's message, which quotes the symbol, in `Error::BadBase64`). Right
//!    answer: the same refusal without any byte of the input (e.g. "not DER, PEM or base64 text").
//!
//! Held (`held_` tests): `sign` refuses a `--cert` foreign to the container's (or the
//! PKCS#8) key on every output (CMS, `--xml`, `--soap`, `--pdf`: exit 2, no file
//! written); a wrong password from `--password-file` or `QOLTANBA_PASSWORD` is refused
//! (exit 2) and never echoed, neither is a password file's content nor its line after the
//! first; a `--password-file` that is the key file itself echoes none of it; a PKCS#12
//! cut short anywhere, or with any one sampled byte changed, never panics and never opens
//! to another key or certificate than the untouched file's (the MAC covers it), the
//! command line ending such containers in exit 2; a container opened with the right
//! password but an extra `--chain` still signs with its own certificate (the chain does
//! not displace it); `individual_sign.p12` signed through the command line names its own
//! certificate (issuer and serial of the SignerInfo = the container's certificate);
//! `--add-signer` with a `--content` other than the one the SignedData's signers signed
//! (attached or detached) is refused, nothing written; the defects' control (a
//! certificate valid at the signing time) signs what `verify` calls valid.
//! Also seen to hold without a test: every input kind given a private key (`verify`,
//! `cert info|verify`, `tsp verify`, `ocsp check`, `barcode verify`, `--trust`, `--crl`,
//! `--ocsp`, `--intermediate`, with and without `--json`) names the key's kind, exit 2,
//! none of its lines echoed; `--password-file` of /dev/zero, a folder, a 5 MB file: exit
//! 2; non-UTF-8 and Cyrillic passwords are converted as documented (`Password::within`).
//! Not attacked for lack of time: `--fetch` caches planted with older genuine CRLs,
//! `serve`'s key stores, a container holding two certificates of one key (the first is
//! taken when no localKeyId says which), batches of `cert verify`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli::{qoltanba, text};
use common::pki;
use qoltanba::cms::SignedData;
use qoltanba::document::{Field, Fields};
use qoltanba::keys::open_pkcs12;
use qoltanba::Certificate;

const PASSWORD: &str = "Qwerty12";

/// A fresh folder under the system's temporary folder, named by the test and this process.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qoltanba-review104-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `qoltanba` with `args` and the environment variable `QOLTANBA_PASSWORD` set to `pw`.
fn qoltanba_env(args: &[&str], pw: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .env("QOLTANBA_PASSWORD", pw)
        .output()
        .expect("run qoltanba")
}

/// A content file and a password file (`Qwerty12`) in `d`.
fn content_and_password(d: &Path) -> (PathBuf, PathBuf) {
    let (doc, pw) = (d.join("doc.txt"), d.join("pw"));
    std::fs::write(&doc, b"review 104: a request\n").unwrap();
    std::fs::write(&pw, format!("{PASSWORD}\n")).unwrap();
    (doc, pw)
}

/// `sign DOC --key KEY.key.pem --cert CERT.cer` of the test PKI at `signing_time`.
fn sign_pkcs8(d: &Path, name: &str, signing_time: Option<&str>) -> (Output, PathBuf) {
    let (doc, _) = content_and_password(d);
    let out = d.join(format!("{name}.p7s"));
    let (key, cert) = (pki(&format!("{name}.key.pem")), pki(&format!("{name}.cer")));
    let mut args = vec!["sign", s(&doc), "--key", s(&key), "--cert", s(&cert)];
    args.extend(["-o", s(&out)]);
    if let Some(t) = signing_time {
        args.extend(["--signing-time", t]);
    }
    (qoltanba(&args), out)
}

///
/// Found by review 104 (was a defect). Fixed: `sign::valid_to_sign`
/// (src/bin/qoltanba/sign.rs) refuses (exit 2, nothing written) a certificate not valid at the time
/// the signature states (given, or now), in `sign` and `document issue`.
#[test]
fn sign_with_an_expired_certificate_is_refused() {
    let d = dir("expired");
    for at in [Some("2026-11-23T00:00:00Z"), None] {
        let (o, out) = sign_pkcs8(&d, "expired", at);
        assert_ne!(
            o.status.code(),
            Some(0),
            "signed with a certificate expired at {at:?} (notAfter 2026-01-01): {}",
            text(&o)
        );
        assert!(!out.exists(), "a signature written at {at:?}");
    }
    // The other outputs: an XML signature (no time in it: made now) and a PDF's (/M).
    let xml = d.join("doc.xml");
    std::fs::write(&xml, b"<request><iin>123456789011</iin></request>").unwrap();
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pdf/classic.pdf");
    let (key, cert) = (pki("expired.key.pem"), pki("expired.cer"));
    for (input, flag) in [(xml.as_path(), "--xml"), (pdf.as_path(), "--pdf")] {
        let out = d.join("out.bin");
        let o = qoltanba(&[
            "sign",
            s(input),
            flag,
            "--key",
            s(&key),
            "--cert",
            s(&cert),
            "--signing-time",
            "2026-11-23T00:00:00Z",
            "-o",
            s(&out),
        ]);
        assert_ne!(o.status.code(), Some(0), "{flag}: {}", text(&o));
        assert!(!out.exists(), "{flag}: a signature written");
    }
    let _ = std::fs::remove_dir_all(&d);
}

///
/// Found by review 104 (was a defect). Fixed: `sign::valid_to_sign`
/// (src/bin/qoltanba/sign.rs) refuses (exit 2, nothing written) a certificate not valid at the time
/// the signature states (given, or now), in `sign` and `document issue`.
#[test]
fn sign_before_the_certificate_is_valid_is_refused() {
    let d = dir("not-yet-valid");
    let (o, out) = sign_pkcs8(&d, "not_yet_valid", Some("2026-11-23T00:00:00Z"));
    assert_ne!(
        o.status.code(),
        Some(0),
        "signed at 2026-11-23 with a certificate valid from 2027-01-01: {}",
        text(&o)
    );
    assert!(
        !out.exists(),
        "a signature dated before its certificate was written"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// The control of the two defects: the same command with a certificate valid at the
/// signing time signs (exit 0), and `verify` finds it valid.
#[test]
fn held_sign_with_a_valid_certificate_signs_what_verify_accepts() {
    let d = dir("control");
    let (o, out) = sign_pkcs8(&d, "individual_sign", Some("2026-11-23T00:00:00Z"));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut args = vec!["verify".to_string(), s(&out).to_string()];
    args.extend(common::cli::trust_args());
    let v = qoltanba(&args);
    assert_eq!(v.status.code(), Some(0), "{}", text(&v));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn held_sign_refuses_a_certificate_foreign_to_the_key_on_every_output() {
    let d = dir("foreign");
    let (doc, pw) = content_and_password(&d);
    let xml = d.join("doc.xml");
    std::fs::write(&xml, b"<request><iin>123456789011</iin></request>").unwrap();
    let soap = d.join("soap.xml");
    std::fs::write(
        &soap,
        concat!(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">"#,
            r#"<soap:Body><request>x</request></soap:Body></soap:Envelope>"#
        ),
    )
    .unwrap();
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pdf/classic.pdf");
    let (p12, foreign) = (pki("individual_sign.p12"), pki("legal_sign.cer"));
    let pem_key = pki("individual_sign.key.pem");
    for (input, flag) in [
        (doc.as_path(), None),
        (doc.as_path(), Some("--detached")),
        (xml.as_path(), Some("--xml")),
        (soap.as_path(), Some("--soap")),
        (pdf.as_path(), Some("--pdf")),
    ] {
        for key in [&p12, &pem_key] {
            let out = d.join("out.bin");
            let _ = std::fs::remove_file(&out);
            let mut args = vec!["sign", s(input), "--key", s(key), "--cert", s(&foreign)];
            args.extend(["--password-file", s(&pw), "-o", s(&out)]);
            args.extend(flag);
            let o = qoltanba(&args);
            assert_eq!(
                o.status.code(),
                Some(2),
                "{flag:?} with {}: {}",
                key.display(),
                text(&o)
            );
            assert!(
                !out.exists(),
                "{flag:?}: a signature in a foreign certificate's name"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn held_sign_with_a_container_names_its_own_certificate_whatever_the_chain() {
    let d = dir("own-cert");
    let (doc, pw) = content_and_password(&d);
    let p12 = pki("individual_sign.p12");
    let own = open_pkcs12(&std::fs::read(&p12).unwrap(), PASSWORD.as_bytes()).unwrap();
    let out = d.join("out.p7s");
    // legal_sign.cer and expired.cer (same person, another key) offered as the chain.
    let (legal, expired) = (pki("legal_sign.cer"), pki("expired.cer"));
    let o = qoltanba(&[
        "sign",
        s(&doc),
        "--key",
        s(&p12),
        "--password-file",
        s(&pw),
        "--chain",
        s(&expired),
        "--chain",
        s(&legal),
        "--signing-time",
        "2026-11-23T00:00:00Z",
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let signed = SignedData::from_input(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(signed.signers().len(), 1);
    let sid = signed.signers()[0].sid();
    assert!(
        sid.matches(&own.certificate),
        "the signer is not the container's certificate"
    );
    for other in [&legal, &expired] {
        let c = Certificate::from_der(&std::fs::read(other).unwrap()).unwrap();
        assert!(!sid.matches(&c), "the signer names {}", other.display());
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// Every output of `o` as text.
fn all_output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn held_wrong_passwords_are_refused_and_never_echoed() {
    let d = dir("passwords");
    let (doc, _) = content_and_password(&d);
    let out = d.join("out.p7s");
    let p12 = pki("individual_sign.p12");
    let secret = "Zr104-not-the-password-7Q";
    let second = "Zr104-second-line-9W";
    // From a file (with a second line, a CR LF ending), and from the environment.
    let pw = d.join("pw");
    std::fs::write(&pw, format!("{secret}\r\n{second}\n")).unwrap();
    let o = qoltanba(&[
        "sign",
        s(&doc),
        "--key",
        s(&p12),
        "--password-file",
        s(&pw),
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let all = all_output(&o);
    assert!(!all.contains(secret) && !all.contains(second), "{all}");
    let o = qoltanba_env(&["sign", s(&doc), "--key", s(&p12), "-o", s(&out)], secret);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(!all_output(&o).contains(secret), "{}", text(&o));
    // The right password followed by the secret on its first line: one password.
    std::fs::write(&pw, format!("{PASSWORD}{secret}\n")).unwrap();
    let o = qoltanba(&[
        "sign",
        s(&doc),
        "--key",
        s(&p12),
        "--password-file",
        s(&pw),
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(!all_output(&o).contains(secret), "{}", text(&o));
    assert!(!out.exists());
    // The key file given as the password file of a PKCS#8 key given as the container:
    // none of the key's base64 lines in the output.
    let pem = pki("individual_sign.key.pem");
    let pem_text = std::fs::read_to_string(&pem).unwrap();
    for (key, pwf) in [(&p12, &pem), (&pem, &pem)] {
        let o = qoltanba(&[
            "sign",
            s(&doc),
            "--key",
            s(key),
            "--password-file",
            s(pwf),
            "--cert",
            s(&pki("individual_sign.cer")),
            "-o",
            s(&out),
        ]);
        let all = all_output(&o);
        for line in pem_text.lines().filter(|l| !l.starts_with("-----")) {
            assert!(
                !all.contains(line),
                "a line of the key echoed: {}",
                text(&o)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// What `bytes` opens to with the test password: the key's public key and the
/// certificate, or `None` when refused.
fn opened(bytes: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    open_pkcs12(bytes, PASSWORD.as_bytes())
        .ok()
        .map(|b| (b.key.public_key_spki(), b.certificate.der().to_vec()))
}

#[test]
fn held_cut_and_changed_containers_never_panic_nor_open_to_another_pair() {
    for name in ["individual_sign.p12", "legal_sign.p12"] {
        let bytes = std::fs::read(pki(name)).unwrap();
        let own = opened(&bytes).expect("the container opens");
        // Cut short anywhere (sampled, and the last bytes).
        let cuts = (0..bytes.len())
            .step_by(53)
            .chain(bytes.len().saturating_sub(40)..bytes.len());
        for cut in cuts {
            assert!(opened(&bytes[..cut]).is_none(), "{name} cut at {cut} opens");
        }
        // One byte changed (sampled): refused, or (a byte the MAC does not cover, as the
        // MAC's own parameters) the very same key and certificate.
        for i in (0..bytes.len()).step_by(41) {
            for x in [0x01u8, 0x80] {
                let mut b = bytes.clone();
                b[i] ^= x;
                if let Some(pair) = opened(&b) {
                    assert_eq!(pair, own, "{name}: byte {i} ^ {x:#x} opens to another pair");
                }
            }
        }
    }
}

#[test]
fn held_cut_containers_end_in_exit_two_on_the_command_line() {
    let d = dir("cut");
    let (doc, pw) = content_and_password(&d);
    let bytes = std::fs::read(pki("individual_sign.p12")).unwrap();
    let out = d.join("out.p7s");
    for cut in [0, 1, 2, 4, 100, bytes.len() / 2, bytes.len() - 1] {
        let p12 = d.join(format!("cut{cut}.p12"));
        std::fs::write(&p12, &bytes[..cut]).unwrap();
        let o = qoltanba(&[
            "sign",
            s(&doc),
            "--key",
            s(&p12),
            "--password-file",
            s(&pw),
            "-o",
            s(&out),
        ]);
        assert_eq!(o.status.code(), Some(2), "cut at {cut}: {}", text(&o));
        assert!(!out.exists());
    }
    let _ = std::fs::remove_dir_all(&d);
}

/// `document issue` of a one-line archive certificate (profile vko-archive-certificate)
/// with `legal_sign.p12` (valid 2026-01-01..2027-01-01) dated `at`.
fn issue_document(d: &Path, at: &str) -> (Output, PathBuf) {
    let (_, pw) = content_and_password(d);
    let fields = d.join("fields.json");
    let f = Fields {
        favor_id: Some("001234567890".into()),
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: "ЖСН / ИИН 123456789011".into(),
        }],
        ..Fields::default()
    };
    std::fs::write(&fields, serde_json::to_vec(&f).unwrap()).unwrap();
    let out = d.join(format!("out-{}.pdf", &at[..10]));
    let p12 = pki("legal_sign.p12");
    let o = qoltanba(&[
        "document",
        "issue",
        "--fields",
        s(&fields),
        "--profile",
        "vko-archive-certificate",
        "--key",
        s(&p12),
        "--password-file",
        s(&pw),
        "--chain",
        s(&pki("nca_rsa.cer")),
        "--at",
        at,
        "-o",
        s(&out),
    ]);
    (o, out)
}

///
/// Found by review 104 (was a defect). Fixed: `sign::valid_to_sign`
/// (src/bin/qoltanba/sign.rs) refuses (exit 2, nothing written) a certificate not valid at the time
/// the signature states (given, or now), in `sign` and `document issue`.
#[test]
fn document_issue_dated_outside_its_certificate_is_refused() {
    let d = dir("document");
    // The control: dated within the certificate's validity, issued.
    let (o, out) = issue_document(&d, "2026-11-22T15:30:00+06:00");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(out.exists());
    // Dated after the certificate expired, and before it was issued.
    for at in ["2027-06-01T12:00:00+06:00", "2025-06-01T12:00:00+06:00"] {
        let (o, out) = issue_document(&d, at);
        assert_ne!(
            o.status.code(),
            Some(0),
            "an output document dated {at} signed with a certificate valid \
             2026-01-01..2027-01-01: {}",
            text(&o)
        );
        assert!(!out.exists(), "{at}: an output document written");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn held_add_signer_never_signs_another_content_than_the_signers_before() {
    let d = dir("add-signer");
    let (doc, pw) = content_and_password(&d);
    let other = d.join("other.txt");
    std::fs::write(&other, b"review 104: another request\n").unwrap();
    let p12 = pki("individual_sign.p12");
    for detached in [false, true] {
        let first = d.join(format!("first-{detached}.p7s"));
        let mut args = vec!["sign", s(&doc), "--key", s(&p12), "--password-file", s(&pw)];
        args.extend(["--signing-time", "2026-11-23T00:00:00Z", "-o", s(&first)]);
        if detached {
            args.push("--detached");
        }
        let o = qoltanba(&args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let second = d.join("second.p7s");
        let _ = std::fs::remove_file(&second);
        let o = qoltanba(&[
            "sign",
            s(&first),
            "--add-signer",
            "--content",
            s(&other),
            "--key",
            s(&pki("legal_sign.p12")),
            "--password-file",
            s(&pw),
            "-o",
            s(&second),
        ]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "detached {detached}: {}",
            text(&o)
        );
        assert!(
            !second.exists(),
            "detached {detached}: a second signer over other content"
        );
    }
    let _ = std::fs::remove_dir_all(&d);
}

///
/// Found by review 104 (was a defect). Fixed: `files::refuse_out_over`
/// (src/bin/qoltanba/files.rs) refuses an output naming any file the command reads (the key, its
/// password file, the certificate, the chain, the input).
#[test]
fn sign_out_over_the_key_container_is_refused() {
    let d = dir("out-over-key");
    let (doc, pw) = content_and_password(&d);
    let original = std::fs::read(pki("individual_sign.p12")).unwrap();
    let p12 = d.join("key.p12");
    // `-o` naming the container itself, and through another spelling of its path.
    let dotted = d.join(".").join("key.p12");
    for out in [&p12, &dotted] {
        std::fs::write(&p12, &original).unwrap();
        let o = qoltanba(&[
            "sign",
            s(&doc),
            "--key",
            s(&p12),
            "--password-file",
            s(&pw),
            "-o",
            s(out),
        ]);
        assert_eq!(
            std::fs::read(&p12).unwrap(),
            original,
            "the key container was overwritten by the signature ({}): {}",
            out.display(),
            text(&o)
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    }
    // The password file: its password replaced by the signature.
    std::fs::write(&p12, &original).unwrap();
    let o = qoltanba(&[
        "sign",
        s(&doc),
        "--key",
        s(&p12),
        "--password-file",
        s(&pw),
        "-o",
        s(&pw),
    ]);
    assert_eq!(
        std::fs::read_to_string(&pw).ok().as_deref(),
        Some(format!("{PASSWORD}\n").as_str()),
        "the password file was overwritten: {}",
        text(&o)
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&d);
}

///
/// Found by review 104 (was a defect). Fixed: `files::refuse_out_over`
/// (src/bin/qoltanba/files.rs) refuses an output naming any file the command reads (the key, its
/// password file, the certificate, the chain, the input).
#[test]
fn document_issue_out_over_the_key_container_is_refused() {
    let d = dir("issue-over-key");
    let original = std::fs::read(pki("legal_sign.p12")).unwrap();
    let (_, pw) = content_and_password(&d);
    let fields = d.join("fields.json");
    std::fs::write(
        &fields,
        br#"{"favor_id":"001234567890","fields":[{"label":"a","value":"b"}]}"#,
    )
    .unwrap();
    let p12 = d.join("key.p12");
    let pdf = d.join("out.pdf");
    for (out, signed_out) in [(&p12, None), (&pdf, Some(&p12))] {
        std::fs::write(&p12, &original).unwrap();
        let mut args = vec!["document", "issue", "--fields", s(&fields)];
        args.extend(["--profile", "vko-archive-certificate", "--key", s(&p12)]);
        args.extend([
            "--password-file",
            s(&pw),
            "--at",
            "2026-11-22T15:30:00+06:00",
        ]);
        args.extend(["-o", s(out)]);
        if let Some(so) = signed_out {
            args.extend(["--signed-out", s(so)]);
        }
        let o = qoltanba(&args);
        assert_eq!(
            std::fs::read(&p12).unwrap(),
            original,
            "the key container was overwritten (-o {}, --signed-out {signed_out:?}): {}",
            out.display(),
            text(&o)
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    }
    let _ = std::fs::remove_dir_all(&d);
}

///
/// Found by review 104 (was a defect). Fixed: base64 text refused without quoting an octet
/// or its offset (`input::decode_base64_text`, shared by the CMS reader; `input::base64_refused`).
#[test]
fn a_password_file_given_as_an_input_leaks_none_of_its_bytes() {
    let d = dir("password-as-input");
    let (doc, _) = content_and_password(&d);
    let (key, cert) = (pki("individual_sign.key.pem"), pki("individual_sign.cer"));
    // A character outside base64 (`$`), and a last symbol with bits left over (`q`).
    for secret in ["Zq$7ecret!", "SekretZqwZq"] {
        let pw = d.join("pw.txt");
        std::fs::write(&pw, format!("{secret}\n")).unwrap();
        let signed = d.join("signed.p7s");
        let o = qoltanba(&[
            "sign",
            s(&doc),
            "--key",
            s(&key),
            "--cert",
            s(&cert),
            "--signing-time",
            "2026-11-23T00:00:00Z",
            "-o",
            s(&signed),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let root = pki("root.cer");
        let runs: Vec<Vec<&str>> = vec![
            vec!["verify", s(&pw)],
            vec!["verify", s(&pw), "--json"],
            vec!["cert", "info", s(&pw)],
            vec!["verify", s(&signed), "--trust", s(&pw)],
            vec!["verify", s(&signed), "--trust", s(&root), "--crl", s(&pw)],
            vec![
                "sign",
                s(&doc),
                "--key",
                s(&key),
                "--cert",
                s(&pw),
                "-o",
                s(&signed),
            ],
            vec![
                "sign",
                s(&doc),
                "--key",
                s(&key),
                "--cert",
                s(&cert),
                "--chain",
                s(&pw),
            ],
        ];
        for mut args in runs {
            if args[0] == "sign" && !args.contains(&"-o") {
                args.extend(["-o", s(&signed)]);
            }
            let o = qoltanba(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
            let all = all_output(&o);
            for b in secret.bytes() {
                assert!(
                    !all.contains(&format!("0x{b:02x}"))
                        && !all.contains(&format!("('{}')", b as char)),
                    "{args:?}: a byte of the password file ({:?}) in the output: {all}",
                    b as char
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}
