//! XML signatures: made by `xmlsec1` (Debian package xmlsec1) with the project's test key,
//! verified here; the canonical forms exercised by templates with default and prefixed
//! namespaces, `xml:` attributes, comments and processing instructions, CDATA, character
//! references, CRLF line ends. Skips with a notice when xmlsec1 is absent.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::pki;
use qoltanba::xmldsig;
use qoltanba::{CheckName, Expectation, Outcome, Overall};

fn have_xmlsec1() -> bool {
    let ok = Command::new("xmlsec1")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("NOTICE: xmlsec1 is absent; skipping the XMLDSig interop tests (apt-get install xmlsec1)");
    }
    ok
}

fn tmp(name: &str) -> PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("xmldsig");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// The signature template, with `ds` as the prefix (or the default namespace when empty).
fn signature(prefix: &str, c14n: &str) -> String {
    let p = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}:")
    };
    let decl = if prefix.is_empty() {
        "xmlns=\"http://www.w3.org/2000/09/xmldsig#\"".to_string()
    } else {
        format!("xmlns:{prefix}=\"http://www.w3.org/2000/09/xmldsig#\"")
    };
    format!(
        "<{p}Signature {decl}>\n<{p}SignedInfo>\n<{p}CanonicalizationMethod Algorithm=\"{c14n}\"/>\n<{p}SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\n<{p}Reference URI=\"\">\n<{p}Transforms>\n<{p}Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\n<{p}Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments\"/>\n</{p}Transforms>\n<{p}DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\n<{p}DigestValue/>\n</{p}Reference>\n</{p}SignedInfo>\n<{p}SignatureValue/>\n<{p}KeyInfo><{p}X509Data><{p}X509Certificate/></{p}X509Data></{p}KeyInfo>\n</{p}Signature>"
    )
}

const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const C14N_COMMENTS: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";

fn templates() -> Vec<(&'static str, String)> {
    vec![
        (
            "plain",
            format!("<root><name>qoltanba</name>{}</root>", signature("ds", C14N)),
        ),
        (
            "namespaces_and_xml_attributes",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- before -->\n<?app-pi data?>\n<request xmlns=\"urn:egov:request\" xmlns:x=\"urn:extra\" xml:lang=\"kk\" service=\"archive\" a=\"1\">\n  <applicant iin=\"123456789011\" x:role=\"applicant\">Құлжанова Әлия &amp; co &lt;test&gt;</applicant>\n  <empty/>\n  <!-- inside -->\n  <data><![CDATA[a < b && c > d]]></data>\n  <x:note xmlns:x=\"urn:other\" x:at=\"&#9;tab&#10;line\">Ә Ғ Қ Ң Ө Ұ Ү Һ І</x:note>\n  {}\n</request>\n<!-- after -->\n",
                signature("", C14N)
            ),
        ),
        (
            "signed_info_with_comments",
            format!(
                "<doc xmlns:p=\"urn:p\" xml:space=\"preserve\"><p:a p:b=\"2\" b=\"1\">x</p:a>{}</doc>",
                signature("dsig", C14N_COMMENTS)
            ),
        ),
        (
            // Attributes sort by namespace name, not prefix; xmlns="" only where a default
            // was in force; a redeclared prefix is rendered again.
            "tricky_namespaces",
            format!(
                "<r xmlns=\"urn:d\" xmlns:a=\"urn:z\" xmlns:b=\"urn:a\" a:x=\"1\" b:y=\"2\" c=\"3\"><s xmlns=\"\"><t xmlns:a=\"urn:other\" a:q=\"&quot;&lt;&amp;\"/></s><u xmlns:a=\"urn:z\">é&#x1F600;</u>{}</r>",
                signature("ds", C14N)
            ),
        ),
        (
            "crlf",
            format!("<root>\r\n<v>1\r\n2</v>\r\n{}\r\n</root>\r\n", signature("ds", C14N).replace('\n', "\r\n")),
        ),
    ]
}

fn sign(name: &str, template: &str) -> Vec<u8> {
    let t = tmp(&format!("{name}.tmpl.xml"));
    std::fs::write(&t, template).unwrap();
    let cert = tmp("individual_sign.pem");
    let der = std::fs::read(pki("individual_sign.cer")).unwrap();
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64_lines(&der)
    );
    std::fs::write(&cert, pem).unwrap();
    let out = tmp(&format!("{name}.signed.xml"));
    let o = Command::new("xmlsec1")
        .arg("--sign")
        .arg("--privkey-pem")
        .arg(format!(
            "{},{}",
            pki("individual_sign.key.pem").display(),
            cert.display()
        ))
        .arg("--output")
        .arg(&out)
        .arg(&t)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "xmlsec1 --sign {name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(&out).unwrap()
}

fn base64_lines(der: &[u8]) -> String {
    use base64::Engine as _;
    let b = base64::engine::general_purpose::STANDARD.encode(der);
    b.as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn xmlsec1_signatures_verify() {
    if !have_xmlsec1() {
        return;
    }
    let v = common::rsa_verifier();
    let mut expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    expect.iin = Some(qoltanba::identity::Iin::parse("123456789011").unwrap());
    for (name, template) in templates() {
        let signed = sign(name, &template);
        let verdict = xmldsig::verify(&signed, &v, &expect).unwrap();
        assert_eq!(verdict.verdict, Overall::Valid, "{name}: {verdict:#?}");
        assert_eq!(verdict.verified_document(), Some(signed.as_slice()));
        // A space added to the first element's content: the reference fails. (The XML
        // declaration is not signed: canonical XML leaves it out.)
        let text = String::from_utf8(signed.clone()).unwrap();
        let tampered = text.replacen("</", " </", 1);
        assert_ne!(tampered, text);
        let t = xmldsig::verify(tampered.as_bytes(), &v, &expect).unwrap();
        assert_ne!(t.verdict, Overall::Valid, "{name}: tampered yet valid");
        assert!(t.verified_document().is_none());
    }
}

#[test]
fn what_is_not_read_is_not_valid() {
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let judge = |xml: &str| xmldsig::verify(xml.as_bytes(), &v, &expect).unwrap();
    // No signature at all.
    let r = judge("<a/>");
    assert_eq!(r.verdict, Overall::Invalid);
    // A reference to part of the document; an exclusive canonicalisation.
    let part = signature("ds", C14N).replace("URI=\"\"", "URI=\"#x\"");
    let r = judge(&format!("<a>{part}</a>"));
    assert_eq!(r.verdict, Overall::Indeterminate, "{r:#?}");
    assert_eq!(
        r.check(CheckName::Reference).unwrap().outcome,
        Outcome::Unknown
    );
    let exc = signature("ds", "http://www.w3.org/2001/10/xml-exc-c14n#");
    let r = judge(&format!("<a>{exc}</a>"));
    assert_eq!(r.verdict, Overall::Indeterminate);
    // The signature as the document element (enveloping): nothing else would be signed.
    let r = judge(&signature("ds", C14N));
    assert_eq!(r.verdict, Overall::Indeterminate, "{r:#?}");
    // Two signatures.
    let s = signature("ds", C14N);
    let r = judge(&format!("<a>{s}{s}</a>"));
    assert_eq!(r.verdict, Overall::Indeterminate);
    // A DTD is not read; nor is malformed XML.
    assert!(xmldsig::verify(b"<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", &v, &expect).is_err());
    assert!(xmldsig::verify(b"<a><b></a>", &v, &expect).is_err());
}

/// `qoltanba verify` and `qoltanba barcode verify` take signed XML as they take CMS.
#[test]
fn cli_verifies_xml_and_xml_in_barcodes() {
    if !have_xmlsec1() {
        return;
    }
    let signed = sign("cli", &templates()[1].1);
    let file = tmp("cli.xml");
    std::fs::write(&file, &signed).unwrap();
    let trust = |cmd: &mut Command| {
        cmd.arg("--trust")
            .arg(pki("root.cer"))
            .arg("--intermediate")
            .arg(pki("nca_rsa.cer"))
            .arg("--crl")
            .arg(pki("nca_rsa_current.crl"))
            .args(["--at", "2026-11-23T00:00:00Z"]);
    };
    let out = tmp("cli.verified.xml");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoltanba"));
    cmd.arg("verify").arg(&file).arg("--out").arg(&out);
    trust(&mut cmd);
    cmd.args(["--iin", "123456789011"]);
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(std::fs::read(&out).unwrap(), signed);
    // A wrong IIN: invalid.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoltanba"));
    cmd.arg("verify").arg(&file);
    trust(&mut cmd);
    cmd.args(["--iin", "123456789012"]);
    assert_eq!(cmd.output().unwrap().status.code(), Some(1));
    // In barcodes.
    let codes = tmp("cli-codes");
    let o = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(["barcode", "encode"])
        .arg(&file)
        .args([
            "--favor-id",
            "X-1",
            "--creation-date",
            "2026-11-22T15:30:00+06:00",
            "-o",
        ])
        .arg(&codes)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoltanba"));
    cmd.args(["barcode", "verify"]).arg(&codes);
    trust(&mut cmd);
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
