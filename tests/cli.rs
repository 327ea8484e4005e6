//! The command line: exit codes, JSON fields, batches.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pki(f: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(f)
}

fn qoltanba(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .output()
        .expect("run qoltanba")
}

fn verify(certs: &[&str], extra: &[&str]) -> Output {
    let paths: Vec<String> = certs.iter().map(|c| pki(c).display().to_string()).collect();
    let (root, ca, crl) = (
        pki("root.cer"),
        pki("nca_rsa.cer"),
        pki("nca_rsa_current.crl"),
    );
    let mut args: Vec<&str> = vec!["cert", "verify"];
    args.extend(paths.iter().map(String::as_str));
    let fixed = [
        "--trust",
        root.to_str().unwrap(),
        "--intermediate",
        ca.to_str().unwrap(),
        "--crl",
        crl.to_str().unwrap(),
        "--at",
        "2026-11-23T00:00:00Z",
    ];
    args.extend_from_slice(&fixed);
    args.extend_from_slice(extra);
    qoltanba(&args)
}

#[test]
fn exit_codes_follow_the_verdict() {
    assert_eq!(verify(&["individual_sign.cer"], &[]).status.code(), Some(0));
    assert_eq!(verify(&["revoked.cer"], &[]).status.code(), Some(1));
    assert_eq!(
        verify(&["individual_sign.cer"], &["--iin", "111111111111"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        verify(&["individual_auth.cer"], &["--purpose", "auth"])
            .status
            .code(),
        Some(0)
    );
    // No CRL for the end entity: indeterminate.
    let out = qoltanba(&[
        "cert",
        "verify",
        pki("individual_sign.cer").to_str().unwrap(),
        "--trust",
        pki("root.cer").to_str().unwrap(),
        "--intermediate",
        pki("nca_rsa.cer").to_str().unwrap(),
        "--at",
        "2026-11-23T00:00:00Z",
    ]);
    assert_eq!(out.status.code(), Some(3));
    // Unreadable input and usage errors: 2.
    assert_eq!(verify(&["nca_rsa.key.pem"], &[]).status.code(), Some(2));
    assert_eq!(
        verify(&["individual_sign.cer"], &["--at", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        verify(&["individual_sign.cer"], &["--iin", "12345"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(qoltanba(&["cert", "verify"]).status.code(), Some(2));
}

#[test]
fn batch_reports_the_worst_and_one_json_object_per_line() {
    let out = verify(
        &["individual_sign.cer", "revoked.cer", "legal_sign.cer"],
        &["--json"],
    );
    assert_eq!(out.status.code(), Some(1), "worst of valid, invalid, valid");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["verdict"], "valid");
    assert_eq!(lines[1]["verdict"], "invalid");
    assert!(
        lines[1]["file"].as_str().unwrap().ends_with("revoked.cer"),
        "input order kept"
    );
    for l in &lines {
        // JSON schema 1: the library's serialisation of the verdict, with the file.
        assert_eq!(l["schema"], 1, "{l}");
        for key in ["checks", "subject", "serial", "not_before", "not_after"] {
            assert!(!l[key].is_null(), "{key} missing in {l}");
        }
        for c in l["checks"].as_array().unwrap() {
            assert!(c["check"].is_string() && c["outcome"].is_string() && c["reason"].is_string());
        }
    }
    assert_eq!(lines[0]["subject"]["iin"], "123456789011");
    assert_eq!(lines[2]["subject"]["bin"], "123456789021");
    let revocation = lines[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "revocation")
        .unwrap();
    assert_eq!(revocation["outcome"], "failed");
    assert!(lines[1]["refusal"]["ru"]
        .as_str()
        .unwrap()
        .contains("Подлинность ЭЦП не подтверждена"));
    // An unreadable file in a batch: exit 2, still one line for it.
    let out = verify(&["individual_sign.cer", "nca_rsa.key.pem"], &["--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[test]
fn cert_info_and_iin_check() {
    let out = qoltanba(&[
        "cert",
        "info",
        pki("legal_sign.cer").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["subject"]["bin"], "123456789021");
    assert_eq!(v["key_purposes"]["signing"], true);
    assert_eq!(
        qoltanba(&["iin", "check", "900101300007"]).status.code(),
        Some(0)
    );
    assert_eq!(
        qoltanba(&["iin", "check", "123456789011"]).status.code(),
        Some(1)
    );
    assert_eq!(
        qoltanba(&["iin", "check", "12345678901x"]).status.code(),
        Some(2)
    );
    let out = qoltanba(&["iin", "check", "123456789021", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["checksum_valid"], false);
    assert_eq!(v["schema"], 1);
}

#[test]
fn sign_then_verify_round_trip_and_refusals() {
    let dir = std::env::temp_dir().join(format!("qoltanba-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("doc.txt");
    std::fs::write(&doc, "справка / анықтама").unwrap();
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let (root, ca, crl) = (
        pki("root.cer"),
        pki("nca_rsa.cer"),
        pki("nca_rsa_current.crl"),
    );
    let trust = [
        "--trust",
        root.to_str().unwrap(),
        "--intermediate",
        ca.to_str().unwrap(),
        "--crl",
        crl.to_str().unwrap(),
        "--at",
        "2026-11-23T00:00:00Z",
    ];
    let p12 = pki("individual_sign.p12");
    for (form, detached) in [("--pem", false), ("--base64", true)] {
        let out = dir.join(format!("doc{form}.cms"));
        let mut args = vec![
            "sign",
            doc.to_str().unwrap(),
            "--key",
            p12.to_str().unwrap(),
            "--password-file",
            pw.to_str().unwrap(),
            "--signing-time",
            "2026-11-23T00:00:00Z",
            form,
            "-o",
            out.to_str().unwrap(),
        ];
        if detached {
            args.push("--detached");
        }
        assert_eq!(qoltanba(&args).status.code(), Some(0), "sign {form}");
        let verified = dir.join("verified.txt");
        let mut v = vec![
            "verify",
            out.to_str().unwrap(),
            "--iin",
            "123456789011",
            "--json",
            "--out",
            verified.to_str().unwrap(),
        ];
        if detached {
            v.extend_from_slice(&["--content", doc.to_str().unwrap()]);
        }
        v.extend_from_slice(&trust);
        let res = qoltanba(&v);
        assert_eq!(
            res.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&res.stdout)
        );
        let json: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
        assert_eq!(json["verdict"], "valid");
        assert_eq!(json["signers"][0]["verdict"], "valid");
        assert_eq!(json["schema"], 1);
        assert_eq!(
            json["signers"][0]["certificate"]["subject"]["iin"],
            "123456789011"
        );
        assert!(json["signers"][0]["signing_time"].is_string());
        assert_eq!(
            std::fs::read(&verified).unwrap(),
            std::fs::read(&doc).unwrap()
        );
        std::fs::remove_file(&verified).unwrap();
        // The wrong IIN: refused, and no content written.
        let mut w = vec![
            "verify",
            out.to_str().unwrap(),
            "--iin",
            "111111111111",
            "--out",
            verified.to_str().unwrap(),
        ];
        if detached {
            w.extend_from_slice(&["--content", doc.to_str().unwrap()]);
        }
        w.extend_from_slice(&trust);
        assert_eq!(qoltanba(&w).status.code(), Some(1));
        assert!(!verified.exists());
    }
    // A wrong password is a clear error (exit 2).
    std::fs::write(&pw, "wrong\n").unwrap();
    let out = qoltanba(&[
        "sign",
        doc.to_str().unwrap(),
        "--key",
        pki("individual_sign.p12").to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
        "-o",
        dir.join("x.cms").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong password"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_with_a_regulation_profile() {
    let dir = std::env::temp_dir().join(format!("qoltanba-cli-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (doc, pw, out) = (dir.join("req.json"), dir.join("pw"), dir.join("req.cms"));
    std::fs::write(&doc, r#"{"service":"housing queue","iin":"123456789011"}"#).unwrap();
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let (p12, ca, root, crl) = (
        pki("individual_sign.p12"),
        pki("nca_rsa.cer"),
        pki("root.cer"),
        pki("nca_rsa_current.crl"),
    );
    let signed = qoltanba(&[
        "sign",
        doc.to_str().unwrap(),
        "--key",
        p12.to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
        "--chain",
        ca.to_str().unwrap(),
        "--signing-time",
        "2026-11-23T00:00:00Z",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(signed.status.code(), Some(0));
    let run = |iin: &str, profile: &str| {
        qoltanba(&[
            "verify",
            out.to_str().unwrap(),
            "--trust",
            root.to_str().unwrap(),
            "--crl",
            crl.to_str().unwrap(),
            "--at",
            "2026-11-23T00:00:00Z",
            "--iin",
            iin,
            "--profile",
            profile,
            "--json",
        ])
    };
    let ok = run("123456789011", "kokpekti-housing-queue");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(json["profile_id"], "kokpekti-housing-queue");
    assert_eq!(json["verdict"], "valid");
    let wrong = run("111111111111", "kokpekti-housing-queue");
    assert_eq!(wrong.status.code(), Some(1));
    // A regulation without EDS, and an unknown profile: usage errors.
    assert_eq!(
        run("123456789011", "akmola-targeted-social-assistance")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run("123456789011", "no-such-profile").status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh, empty folder under the target's temporary folder.
fn empty_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn show(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A usage error (exit 2) naming `folder` and what it should have held, and no verdict
/// (with --json, the error alone on standard output).
fn assert_nothing_found(o: &Output, what: &str, folder: &Path) {
    assert_eq!(o.status.code(), Some(2), "{}", show(o));
    let err = String::from_utf8_lossy(&o.stderr);
    let found_in = format!("found in {}", folder.display());
    assert!(
        err.contains(&format!("no {what}")) && err.contains(&found_in),
        "expected \"no {what} ... {found_in}\": {}",
        show(o)
    );
    if !o.stdout.is_empty() {
        assert_eq!(json_error(o)["kind"], "usage", "{}", show(o));
    }
}

/// The error object of a failed command run with --json: exit 2, and standard output is
/// exactly `{"schema":1,"error":{"kind":...,"message":...}}`.
fn json_error(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(2), "{}", show(o));
    let text = String::from_utf8_lossy(&o.stdout);
    let v: serde_json::Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("one JSON object on stdout ({e}): {}", show(o)));
    assert_eq!(v["schema"], 1, "{}", show(o));
    assert!(v["error"]["kind"].is_string(), "{}", show(o));
    assert!(v["error"]["message"].is_string(), "{}", show(o));
    assert_eq!(
        v.as_object().map(|m| m.len()),
        Some(2),
        "schema and error only: {}",
        show(o)
    );
    v["error"].clone()
}

/// issue 9, item 10: a folder given as input that holds nothing to judge or to use is a
/// usage error, never an empty (and so "valid") batch.
#[test]
fn empty_folders_are_usage_errors() {
    let empty = empty_dir("empty");
    let empty_s = empty.to_str().unwrap();
    // The certificates judged.
    for json in [false, true] {
        let mut extra = vec![];
        if json {
            extra.push("--json");
        }
        let mut args = vec!["cert", "verify", empty_s, "--trust"];
        let root = pki("root.cer");
        args.push(root.to_str().unwrap());
        args.extend(&extra);
        assert_nothing_found(&qoltanba(&args), "certificate", &empty);
    }
    // A good certificate beside an empty folder: the folder is still a mistake.
    let sign = pki("individual_sign.cer");
    let o = qoltanba(&[
        "cert",
        "verify",
        sign.to_str().unwrap(),
        empty_s,
        "--trust",
        pki("root.cer").to_str().unwrap(),
    ]);
    assert_nothing_found(&o, "certificate", &empty);
    // Each folder of the trust options.
    for (option, what) in [
        ("--trust", "certificate"),
        ("--intermediate", "certificate"),
        ("--crl", "CRL"),
        ("--ocsp", "OCSP response"),
    ] {
        for json in [false, true] {
            let mut extra = vec![option, empty_s];
            if json {
                extra.push("--json");
            }
            let o = verify(&["individual_sign.cer"], &extra);
            assert_nothing_found(&o, what, &empty);
        }
    }
    // Barcodes: an empty folder, a folder of other files, a folder of images without a
    // code.
    let others = empty_dir("no-codes");
    std::fs::copy(pki("root.cer"), others.join("root.cer")).unwrap();
    let blank = empty_dir("blank-images");
    let white = image::GrayImage::from_pixel(64, 64, image::Luma([255u8]));
    white.save(blank.join("page.png")).unwrap();
    let out = empty_dir("decoded").join("doc.cms");
    for folder in [&empty, &others, &blank] {
        let f = folder.to_str().unwrap();
        let o = qoltanba(&["barcode", "decode", f, "-o", out.to_str().unwrap()]);
        assert_nothing_found(&o, "BarcodeElement", folder);
        for json in [false, true] {
            let mut args = vec!["barcode", "verify", f];
            if json {
                args.push("--json");
            }
            assert_nothing_found(&qoltanba(&args), "BarcodeElement", folder);
        }
    }
}

/// Run with `stdin` as standard input.
fn qoltanba_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run qoltanba");
    let mut input = child.stdin.take().expect("stdin");
    // A command that refuses before reading closes its end: a broken pipe is no failure.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("run qoltanba")
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The trust options of the test PKI, judged at 2026-11-23.
fn trust_args() -> Vec<String> {
    [
        "--trust",
        pki("root.cer").to_str().unwrap(),
        "--intermediate",
        pki("nca_rsa.cer").to_str().unwrap(),
        "--crl",
        pki("nca_rsa_current.crl").to_str().unwrap(),
        "--at",
        "2026-11-23T00:00:00Z",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn with<'a>(args: &[&'a str], extra: &'a [String]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(extra.iter().map(String::as_str));
    v
}

/// Sign `content` with the test individual's PKCS#12 into `dir/name` (detached or not).
fn signed(dir: &Path, name: &str, content: &Path, detached: bool) -> PathBuf {
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let out = dir.join(name);
    let p12 = pki("individual_sign.p12");
    let mut args = vec![
        "sign",
        content.to_str().unwrap(),
        "--key",
        p12.to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
        "--signing-time",
        "2026-11-23T00:00:00Z",
        "-o",
        out.to_str().unwrap(),
    ];
    if detached {
        args.push("--detached");
    }
    let o = qoltanba(&args);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    out
}

/// issue 11: `-` reads standard input wherever a file is read, once.
#[test]
fn dash_reads_standard_input() {
    let dir = empty_dir("stdin");
    let trust = trust_args();
    // cert verify and cert info: the same verdict and facts as from the file.
    let cert = pki("individual_sign.cer");
    let from_file = qoltanba(&with(
        &["cert", "verify", cert.to_str().unwrap(), "--json"],
        &trust,
    ));
    let from_stdin = qoltanba_stdin(
        &with(&["cert", "verify", "-", "--json"], &trust),
        &read(&cert),
    );
    assert_eq!(from_stdin.status.code(), Some(0), "{}", show(&from_stdin));
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&from_file.stdout).unwrap(),
        serde_json::from_slice(&from_stdin.stdout).unwrap(),
    );
    assert_eq!(b["file"], "-");
    assert_eq!(a["verdict"], b["verdict"]);
    assert_eq!(a["serial"], b["serial"]);
    let info = qoltanba_stdin(
        &["cert", "info", "-", "--json"],
        &read(&pki("legal_sign.cer")),
    );
    assert_eq!(info.status.code(), Some(0), "{}", show(&info));
    let v: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(v["subject"]["bin"], "123456789021");
    // A file beside standard input in one batch: both judged, in order.
    let o = qoltanba_stdin(
        &with(
            &["cert", "verify", "-", pki("revoked.cer").to_str().unwrap()],
            &trust,
        ),
        &read(&cert),
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("-: VALID"), "{}", show(&o));

    // verify: the signed file from standard input, or the detached content.
    let doc = dir.join("doc.txt");
    std::fs::write(&doc, "справка / анықтама").unwrap();
    let attached = signed(&dir, "attached.cms", &doc, false);
    let detached = signed(&dir, "detached.cms", &doc, true);
    let verified = dir.join("verified.txt");
    let o = qoltanba_stdin(
        &with(
            &[
                "verify",
                "-",
                "--iin",
                "123456789011",
                "--out",
                verified.to_str().unwrap(),
            ],
            &trust,
        ),
        &read(&attached),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(read(&verified), read(&doc));
    let o = qoltanba_stdin(
        &with(
            &[
                "verify",
                detached.to_str().unwrap(),
                "--content",
                "-",
                "--json",
            ],
            &trust,
        ),
        &read(&doc),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["verdict"], "valid");
    assert_eq!(v["detached"], true);
    // Other content on standard input: the signature does not cover it.
    let o = qoltanba_stdin(
        &with(
            &["verify", detached.to_str().unwrap(), "--content", "-"],
            &trust,
        ),
        b"another text",
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));

    // sign: the content from standard input.
    let out = dir.join("from-stdin.cms");
    let pw = dir.join("pw");
    let o = qoltanba_stdin(
        &[
            "sign",
            "-",
            "--key",
            pki("individual_sign.p12").to_str().unwrap(),
            "--password-file",
            pw.to_str().unwrap(),
            "--signing-time",
            "2026-11-23T00:00:00Z",
            "-o",
            out.to_str().unwrap(),
        ],
        &read(&doc),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let o = qoltanba(&with(
        &[
            "verify",
            out.to_str().unwrap(),
            "--out",
            verified.to_str().unwrap(),
        ],
        &trust,
    ));
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(read(&verified), read(&doc));

    // tsp verify and ocsp check.
    let tsa = pki("tsa");
    let o = qoltanba_stdin(
        &with(
            &[
                "tsp",
                "verify",
                "-",
                "--data",
                tsa.join("data.txt").to_str().unwrap(),
            ],
            &trust,
        ),
        &read(&tsa.join("token_valid.tsr")),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let o = qoltanba_stdin(
        &[
            "ocsp",
            "check",
            "-",
            "--issuer",
            pki("nca_rsa.cer").to_str().unwrap(),
            "--cert",
            cert.to_str().unwrap(),
            "--at",
            "2026-11-23T00:00:00Z",
        ],
        &read(&pki("ocsp_good.der")),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));

    // Standard input named twice: a usage error, before anything is read.
    for args in [
        vec!["cert", "verify", "-", "-", "--json"],
        vec!["verify", "-", "--content", "-", "--json"],
        vec!["cert", "verify", "-", "--trust", "-", "--json"],
        vec!["tsp", "verify", "-", "--data", "-", "--json"],
    ] {
        let o = qoltanba_stdin(&args, &read(&cert));
        let e = json_error(&o);
        assert_eq!(e["kind"], "usage", "{args:?}: {}", show(&o));
        assert!(
            e["message"].as_str().unwrap().contains("standard input"),
            "{}",
            show(&o)
        );
    }
    // A key is never read from standard input.
    let o = qoltanba_stdin(
        &[
            "sign",
            doc.to_str().unwrap(),
            "--key",
            "-",
            "-o",
            out.to_str().unwrap(),
        ],
        &read(&pki("individual_sign.p12")),
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--key is not read from standard input"));
}

/// issue 11: with --json, an error is JSON on standard output too (exit 2 as before),
/// and still a line on standard error.
#[test]
fn json_errors_on_standard_output() {
    let missing = empty_dir("json-errors").join("missing.cer");
    let missing = missing.to_str().unwrap();
    let trust = trust_args();
    let cert = pki("individual_sign.cer");
    let cert = cert.to_str().unwrap();
    for (args, kind) in [
        // Arguments clap refuses.
        (vec!["cert", "verify", "--json"], "usage"),
        (
            vec![
                "verify",
                "x.cms",
                "--json",
                "--at-timestamp",
                "--at-signing-time",
            ],
            "usage",
        ),
        // Option values.
        (
            vec!["cert", "verify", cert, "--at", "yesterday", "--json"],
            "usage",
        ),
        (
            vec!["cert", "verify", cert, "--iin", "12345", "--json"],
            "usage",
        ),
        (vec!["iin", "check", "12345", "--json"], "usage"),
        (
            vec![
                "ocsp", "check", missing, "--issuer", cert, "--serial", "zz", "--json",
            ],
            "unreadable",
        ),
        // Unreadable inputs.
        (vec!["cert", "info", missing, "--json"], "unreadable"),
        (vec!["verify", missing, "--json"], "unreadable"),
        (vec!["tsp", "verify", missing, "--json"], "unreadable"),
        (
            vec!["cert", "verify", cert, "--trust", missing, "--json"],
            "unreadable",
        ),
    ] {
        let o = qoltanba(&args);
        let e = json_error(&o);
        assert_eq!(e["kind"], kind, "{args:?}: {}", show(&o));
        let message = e["message"].as_str().unwrap();
        assert!(!message.is_empty());
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(message) || kind == "usage",
            "the stderr line says it too: {}",
            show(&o)
        );
    }
    // An unknown profile, and a regulation without EDS: usage errors.
    let dir = empty_dir("json-profile");
    let doc = dir.join("doc.txt");
    std::fs::write(&doc, "x").unwrap();
    let cms = signed(&dir, "doc.cms", &doc, false);
    for profile in ["no-such-profile", "akmola-targeted-social-assistance"] {
        let o = qoltanba(&with(
            &[
                "verify",
                cms.to_str().unwrap(),
                "--profile",
                profile,
                "--json",
            ],
            &trust,
        ));
        assert_eq!(json_error(&o)["kind"], "usage", "{}", show(&o));
    }
    // Without --json, standard output stays empty.
    let o = qoltanba(&["cert", "info", missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "{}", show(&o));
    // --help and --version are no errors.
    assert_eq!(qoltanba(&["--version"]).status.code(), Some(0));
    assert_eq!(qoltanba(&["verify", "--help"]).status.code(), Some(0));
}

/// issue 11: an input of the wrong kind is named for what it is.
#[test]
fn wrong_inputs_are_named_by_kind() {
    let trust = trust_args();
    let s = |p: &str| pki(p).display().to_string();
    let (cert, p12, crl, root) = (
        s("individual_sign.cer"),
        s("individual_sign.p12"),
        s("nca_rsa_current.crl"),
        s("root.cer"),
    );
    let token = pki("tsa/token_valid.tsr").display().to_string();
    let ocsp = s("ocsp_good.der");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            with(&["cert", "verify", &p12], &trust),
            "individual_sign.p12",
            "this is a PKCS#12 key store, not a certificate",
        ),
        (
            vec!["cert", "info", &crl],
            "nca_rsa_current.crl",
            "this is a CRL, not a certificate",
        ),
        (
            with(&["verify", &crl], &trust),
            "nca_rsa_current.crl",
            "this is a CRL, not a CMS SignedData",
        ),
        (
            vec!["cert", "verify", &cert, "--trust", &root, "--crl", &root],
            "root.cer",
            "this is a certificate, not a CRL",
        ),
        (
            vec!["cert", "verify", &cert, "--trust", &token],
            "token_valid.tsr",
            "this is a time-stamp token, not a certificate",
        ),
        (
            vec!["cert", "verify", &cert, "--trust", &root, "--ocsp", &crl],
            "nca_rsa_current.crl",
            "this is a CRL, not an OCSP response",
        ),
        (
            with(&["tsp", "verify", &ocsp], &trust),
            "ocsp_good.der",
            "this is an OCSP response, not a time-stamp token",
        ),
        (
            vec!["ocsp", "check", &token, "--issuer", &root, "--serial", "01"],
            "token_valid.tsr",
            "this is a time-stamp token, not an OCSP response",
        ),
        (
            vec!["ocsp", "check", &ocsp, "--issuer", &p12, "--serial", "01"],
            "individual_sign.p12",
            "this is a PKCS#12 key store, not a certificate",
        ),
    ];
    for (args, file, says) in &cases {
        let o = qoltanba(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", show(&o));
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            all.contains(says) && all.contains(file),
            "expected \"{file}: {says}\": {}",
            show(&o)
        );
        // With --json: the kind found, in the error (or the batch's line).
        let mut json = args.clone();
        json.push("--json");
        let o = qoltanba(&json);
        let text = String::from_utf8_lossy(&o.stdout);
        let v: serde_json::Value = serde_json::from_str(text.trim()).expect("JSON");
        if args[..2] == ["cert", "verify"] && args[2] == p12.as_str() {
            assert_eq!(v["verdict"], "error", "a line of the batch: {v}");
            assert_eq!(v["kind"], "wrong_kind");
            assert_eq!(v["error"], *says);
        } else {
            let e = json_error(&o);
            assert_eq!(e["kind"], "wrong_kind", "{}", show(&o));
            assert!(e["message"].as_str().unwrap().contains(says));
            assert!(e["found"].is_string());
        }
    }
    // A certificate as a PKCS#8 key, and a PKCS#12 key store named as one.
    let dir = empty_dir("wrong-key");
    let doc = dir.join("doc.txt");
    std::fs::write(&doc, "x").unwrap();
    let as_key = dir.join("key.pem");
    std::fs::copy(pki("individual_sign.cer"), &as_key).unwrap();
    let o = qoltanba(&[
        "sign",
        doc.to_str().unwrap(),
        "--key",
        as_key.to_str().unwrap(),
        "--cert",
        &cert,
        "-o",
        dir.join("x.cms").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("this is a certificate, not a PKCS#8 private key"),
        "{}",
        show(&o)
    );
    // A damaged certificate is still reported by what is wrong with it.
    let damaged = dir.join("damaged.cer");
    let mut bytes = read(&pki("individual_sign.cer"));
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&damaged, bytes).unwrap();
    let o = qoltanba(&["cert", "info", damaged.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("this is"),
        "{}",
        show(&o)
    );
}

/// `profiles list` and `profiles show`: the embedded profiles as data, under `--json` the
/// library's own serialisation of each (`"schema": 1` beside it), the decree reference
/// included; an unknown id is a usage error naming the ids there are.
#[test]
fn profiles_list_and_show() {
    use qoltanba::profiles::Profile;
    let ids: Vec<&str> = Profile::all().iter().map(|p| p.id.as_str()).collect();

    let o = qoltanba(&["profiles", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.lines().count(), ids.len());
    for (line, id) in text.lines().zip(&ids) {
        assert!(line.starts_with(&format!("{id}: ")), "{line}");
    }
    assert!(text.contains("akimat of East Kazakhstan oblast No. 170 of 2012-07-20"));
    assert!(text.contains("akmola-targeted-social-assistance: Granting state targeted social assistance (Akmola oblast), no EDS step"));

    let o = qoltanba(&["profiles", "list", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), ids.len());
    for (mut line, profile) in lines.into_iter().zip(Profile::all()) {
        assert_eq!(line["schema"], 1);
        line.as_object_mut().unwrap().remove("schema");
        assert_eq!(line, serde_json::to_value(profile).unwrap());
    }

    let o = qoltanba(&["profiles", "show", "vko-archive-certificate", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["id"], "vko-archive-certificate");
    let decree = &json["decree_ref"];
    assert_eq!(decree["date"], "2012-07-20");
    assert_eq!(decree["number"], "170");
    assert_eq!(decree["registered"], "2012-08-17");
    assert_eq!(decree["registration_number"], "2639");
    assert_eq!(decree["repealed_by"]["number"], "212");
    assert_eq!(json["amended_by"][0]["number"], "310");
    assert_eq!(json["placeholders"], serde_json::json!([]));
    assert_eq!(
        json["channels"][1],
        serde_json::json!({"certified_by": "service_center_operator", "signatures": ["service_center_operator"]})
    );

    let o = qoltanba(&["profiles", "show", "akmola-unemployment-certificate"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    for needle in [
        "Ақмола облысы әкімдігінің 2011 жылғы 7 желтоқсандағы № А-11/491 қаулысы",
        "registered 2012-01-20 No. 3418",
        "service_center_operator: service_center_operator, then applicant",
        "checks stated: validity, authenticity",
        "title (ru): Выдача справок безработным гражданам (translated)",
        "refusal (kk): ЭСҚ түпнұсқалығының расталмауына байланысты",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }

    for args in [
        &["profiles", "show", "no-such-profile", "--json"][..],
        &["profiles", "show", "--json"][..],
    ] {
        let o = qoltanba(args);
        assert_eq!(o.status.code(), Some(2), "{}", show(&o));
        assert_eq!(json_error(&o)["kind"], "usage", "{}", show(&o));
    }
    let o = qoltanba(&["profiles", "show", "no-such-profile"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("vko-archive-certificate"));
}

/// `--lang kk|ru`: each check that did not simply hold is explained in that language (the
/// particulars stay in English); JSON carries the typed `kind` whatever the language.
#[test]
fn checks_explained_in_kazakh_and_russian() {
    let out = verify(&["revoked.cer"], &["--lang", "kk"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("кері қайтарылған"), "{text}");
    let out = verify(&["revoked.cer"], &["--lang", "ru"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("отозвано"), "{text}");
    let out = verify(&["revoked.cer"], &["--json", "--lang", "ru"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"revoked"), "{v}");
}

/// `sign IN.pdf --pdf`: another producer's PDF signed by an incremental update, twice
/// (two keys), and `verify` judges every signature valid; an encrypted PDF is refused;
/// the PDF claims need `--pdf`.
#[test]
fn sign_any_pdf_by_an_incremental_update() {
    let dir = std::env::temp_dir().join(format!("qoltanba-cli-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let fixture = |n: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pdf")
            .join(n)
    };
    let sign = |input: &Path, key: &str, out: &Path, extra: &[&str]| {
        let p12 = pki(key);
        let mut args = vec![
            "sign",
            input.to_str().unwrap(),
            "--pdf",
            "--key",
            p12.to_str().unwrap(),
            "--password-file",
            pw.to_str().unwrap(),
            "--signing-time",
            "2026-11-22T10:00:00Z",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        qoltanba(&args)
    };
    let (once, twice) = (dir.join("once.pdf"), dir.join("twice.pdf"));
    let input = fixture("xref-stream.pdf");
    let o = sign(
        &input,
        "individual_sign.p12",
        &once,
        &["--reason", "Келісемін", "--location", "Astana"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let o = sign(&once, "legal_sign.p12", &twice, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let (original, one, two) = (
        std::fs::read(&input).unwrap(),
        std::fs::read(&once).unwrap(),
        std::fs::read(&twice).unwrap(),
    );
    assert!(one.starts_with(&original) && two.starts_with(&one));
    let (root, ca, crl) = (
        pki("root.cer"),
        pki("nca_rsa.cer"),
        pki("nca_rsa_current.crl"),
    );
    let o = qoltanba(&[
        "verify",
        twice.to_str().unwrap(),
        "--trust",
        root.to_str().unwrap(),
        "--intermediate",
        ca.to_str().unwrap(),
        "--crl",
        crl.to_str().unwrap(),
        "--at",
        "2026-11-23T00:00:00Z",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["verdict"], "valid", "{json}");
    // Encrypted: refused, nothing written.
    let refused = dir.join("refused.pdf");
    let o = sign(
        &fixture("encrypted.pdf"),
        "individual_sign.p12",
        &refused,
        &[],
    );
    assert_ne!(o.status.code(), Some(0), "{}", show(&o));
    assert!(!refused.exists());
    // A PDF claim without --pdf: a usage error.
    let p12 = pki("individual_sign.p12");
    let o = qoltanba(&[
        "sign",
        input.to_str().unwrap(),
        "--key",
        p12.to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
        "--reason",
        "x",
        "-o",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let _ = std::fs::remove_dir_all(&dir);
}
