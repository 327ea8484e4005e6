//! XML signatures: made by `xmlsec1` (Debian package xmlsec1) with the project's test key,
//! verified here; the canonical forms exercised by templates with default and prefixed
//! namespaces, `xml:` attributes, comments and processing instructions, CDATA, character
//! references, CRLF line ends. Skips with a notice when xmlsec1 is absent.

mod common;

use qoltanba::Judged as _;
use std::path::PathBuf;
use std::process::Command;

use common::pki;
use qoltanba::cms::SignerPolicy;
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

/// `individual_sign.cer` as PEM for xmlsec1, written once per process and put in place by a
/// rename: tests run in parallel, and one must never read it while another rewrites it.
fn cert_pem() -> PathBuf {
    static PEM: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PEM.get_or_init(|| {
        let cert = tmp("individual_sign.pem");
        let der = std::fs::read(pki("individual_sign.cer")).unwrap();
        let pem = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            base64_lines(&der)
        );
        let part = tmp(&format!("individual_sign.pem.{}", std::process::id()));
        std::fs::write(&part, pem).unwrap();
        std::fs::rename(&part, &cert).unwrap();
        cert
    })
    .clone()
}

/// The signature template, with `ds` as the prefix (or the default namespace when empty).
fn signature(prefix: &str, c14n: &str) -> String {
    signature_with(prefix, c14n, C14N_COMMENTS, "")
}

/// The signature template: `c14n` canonicalises SignedInfo, `ref_c14n` is the Reference's
/// last transform, `object` goes in the Signature after KeyInfo (unsigned: the
/// enveloped-signature transform takes the whole Signature out).
fn signature_with(prefix: &str, c14n: &str, ref_c14n: &str, object: &str) -> String {
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
        "<{p}Signature {decl}>\n<{p}SignedInfo>\n<{p}CanonicalizationMethod Algorithm=\"{c14n}\"/>\n<{p}SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\n<{p}Reference URI=\"\">\n<{p}Transforms>\n<{p}Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\n<{p}Transform Algorithm=\"{ref_c14n}\"/>\n</{p}Transforms>\n<{p}DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\n<{p}DigestValue/>\n</{p}Reference>\n</{p}SignedInfo>\n<{p}SignatureValue/>\n<{p}KeyInfo><{p}X509Data><{p}X509Certificate/></{p}X509Data></{p}KeyInfo>\n{object}</{p}Signature>"
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
    let cert = cert_pem();
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

/// The octets xmlsec1 itself digested for the one Reference of the signed file `name`
/// (`--store-references` prints them between two marker lines).
fn xmlsec1_pre_digest(name: &str) -> Vec<u8> {
    let o = Command::new("xmlsec1")
        .args([
            "--verify",
            "--store-references",
            "--insecure",
            "--pubkey-cert-pem",
        ])
        .arg(cert_pem())
        .arg(tmp(&format!("{name}.signed.xml")))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "xmlsec1 --verify {name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let start = b"== PreDigest data - start buffer:\n";
    let end = b"\n== PreDigest data - end buffer";
    let from = find(&o.stdout, start).expect("a pre-digest buffer") + start.len();
    let len = find(&o.stdout[from..], end).expect("its end");
    o.stdout[from..from + len].to_vec()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The (one) DigestValue of a signed document, base64 as written.
fn digest_value(signed: &[u8]) -> String {
    let text = String::from_utf8_lossy(signed);
    let after = text.split("DigestValue>").nth(1).expect("a DigestValue");
    after.split('<').next().unwrap_or("").trim().to_string()
}

fn sha256_base64(octets: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(octets);
    base64::engine::general_purpose::STANDARD.encode(d)
}

/// What a valid verdict hands out is exactly what the Reference digested: xmlsec1's own
/// pre-digest octets, whose SHA-256 is the DigestValue; no comment, no signature.
fn assert_hands_out_what_was_digested(name: &str, signed: &[u8], octets: &[u8]) {
    assert_eq!(
        String::from_utf8_lossy(octets),
        String::from_utf8_lossy(&xmlsec1_pre_digest(name)),
        "{name}"
    );
    assert_eq!(sha256_base64(octets), digest_value(signed), "{name}");
    assert!(find(octets, b"<!--").is_none(), "{name}");
    assert!(find(octets, b"SignatureValue").is_none(), "{name}");
    assert!(find(octets, b"X509Certificate").is_none(), "{name}");
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
        assert_eq!(verdict.overall(), Overall::Valid, "{name}: {verdict:#?}");
        let octets = verdict.verified_octets().expect("valid: octets handed out");
        assert_hands_out_what_was_digested(name, &signed, octets);
        // A space added to the first element's content: the reference fails. (The XML
        // declaration is not signed: canonical XML leaves it out.)
        let text = String::from_utf8(signed.clone()).unwrap();
        let tampered = text.replacen("</", " </", 1);
        assert_ne!(tampered, text);
        let t = xmldsig::verify(tampered.as_bytes(), &v, &expect).unwrap();
        assert_ne!(t.overall(), Overall::Valid, "{name}: tampered yet valid");
        assert!(t.verified_octets().is_none());
    }
}

/// A valid signature does not vouch for what it does not cover: an unsigned `ds:Object`
/// in the Signature and comments (canonicalisation without comments) are in the input, not
/// in what is handed out; changing them leaves the signature valid and the octets as
/// they were.
#[test]
fn only_what_was_signed_is_handed_out() {
    if !have_xmlsec1() {
        return;
    }
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let template = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- unsigned comment before -->\n<order id=\"7\"><!-- unsigned comment inside --><item>signed item</item>{}</order>\n",
        signature_with(
            "ds",
            C14N,
            C14N,
            "<ds:Object Id=\"extra\"><payload>UNSIGNED-PAYLOAD</payload></ds:Object>\n"
        )
    );
    let name = "unsigned_object_and_comments";
    let signed = sign(name, &template);
    let text = String::from_utf8(signed.clone()).unwrap();
    assert!(text.contains("UNSIGNED-PAYLOAD") && text.contains("unsigned comment inside"));
    let verdict = xmldsig::verify(&signed, &v, &expect).unwrap();
    assert_eq!(verdict.overall(), Overall::Valid, "{verdict:#?}");
    let octets = verdict.verified_octets().unwrap();
    assert_eq!(
        String::from_utf8_lossy(octets),
        "<order id=\"7\"><item>signed item</item></order>"
    );
    assert_hands_out_what_was_digested(name, &signed, octets);
    // The payload and the comments are not signed: other ones, the same verdict and octets.
    let changed = text
        .replace("UNSIGNED-PAYLOAD", "ANOTHER PAYLOAD")
        .replace("unsigned comment", "another comment");
    let c = xmldsig::verify(changed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(c.overall(), Overall::Valid, "{c:#?}");
    assert_eq!(c.verified_octets(), Some(octets));
}

#[test]
fn what_is_not_read_is_not_valid() {
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let judge = |xml: &str| xmldsig::verify(xml.as_bytes(), &v, &expect).unwrap();
    // No signature at all.
    let r = judge("<a/>");
    assert_eq!(r.overall(), Overall::Invalid);
    // A reference by Id to no element: failed. An XPointer or outside reference, and an
    // XPath transform: not read, unknown.
    let part = signature("ds", C14N).replace("URI=\"\"", "URI=\"#x\"");
    let r = judge(&format!("<a>{part}</a>"));
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    for uri in ["#xpointer(/)", "http://example.com/doc.xml"] {
        let other = signature("ds", C14N).replace("URI=\"\"", &format!("URI=\"{uri}\""));
        let r = judge(&format!("<a>{other}</a>"));
        assert_eq!(r.overall(), Overall::Indeterminate, "{uri}: {r:#?}");
        assert_eq!(
            r.check(CheckName::Reference).unwrap().outcome(),
            Outcome::Unknown
        );
    }
    let xpath = signature("ds", C14N).replace(
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/TR/1999/REC-xpath-19991116",
    );
    let r = judge(&format!("<a>{xpath}</a>"));
    assert_eq!(r.overall(), Overall::Indeterminate, "{r:#?}");
    // The signature as the document element (enveloping): nothing else would be signed.
    let r = judge(&signature("ds", C14N));
    assert_eq!(r.overall(), Overall::Indeterminate, "{r:#?}");
    // Two signatures: each judged (this template's digest is no document's).
    let s = signature("ds", C14N);
    let r = judge(&format!("<a>{s}{s}</a>"));
    assert_eq!(r.signers().len(), 2);
    assert_ne!(r.overall(), Overall::Valid, "{r:#?}");
    assert_eq!(
        r.check(CheckName::Signers).map(|c| c.outcome()),
        Some(Outcome::Failed),
        "{r:#?}"
    );
    // A DTD is not read; nor is malformed XML.
    assert!(xmldsig::verify(b"<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", &v, &expect).is_err());
    assert!(xmldsig::verify(b"<a><b></a>", &v, &expect).is_err());
}

/// `qoltanba verify` and `qoltanba barcode verify` take signed XML as they take CMS.
#[cfg(feature = "cli")]
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
    // What the signature covers, canonical, not the file (which has comments).
    let written = std::fs::read(&out).unwrap();
    assert_ne!(written, signed);
    assert_hands_out_what_was_digested("cli", &signed, &written);
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
    let from_codes = tmp("cli-codes.verified.xml");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qoltanba"));
    cmd.args(["barcode", "verify"])
        .arg(&codes)
        .arg("--out")
        .arg(&from_codes);
    trust(&mut cmd);
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(std::fs::read(&from_codes).unwrap(), written);
}

/// Signatures added to a signed document cannot smuggle content into what is handed out:
/// each signature is judged over the document as it stood when it was made, and only the
/// document less every signature is ever handed out.
#[test]
fn appended_signatures_cannot_smuggle_content() {
    if !have_xmlsec1() {
        return;
    }
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let template = format!(
        "<order><item>signed item</item>{}</order>",
        signature("ds", C14N)
    );
    let signed = String::from_utf8(sign("smuggle", &template)).unwrap();
    let fake = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:Object><payload>EVIL</payload></ds:Object></ds:Signature>";
    let bare = "<order><item>signed item</item></order>";
    let judge = |xml: &str, policy| {
        xmldsig::verify_with(
            xml.as_bytes(),
            &v,
            &expect,
            &xmldsig::XmlOptions::new().signers(policy),
        )
        .unwrap()
    };
    // A fake signature after the real one, then before it.
    let after = signed.replace("</order>", &format!("{fake}</order>"));
    let before = signed.replace(
        "<item>signed item</item>",
        &format!("<item>signed item</item>{fake}"),
    );
    for (name, doc) in [("after", &after), ("before", &before)] {
        assert!(doc.contains("EVIL"));
        let all = judge(doc, SignerPolicy::All);
        assert_eq!(all.signers().len(), 2, "{name}");
        assert_eq!(all.overall(), Overall::Invalid, "{name}: {all:#?}");
        assert!(all.verified_octets().is_none());
        // One valid signature is enough under `Any`: what it covers, never the payload.
        let any = judge(doc, SignerPolicy::Any);
        assert_eq!(any.overall(), Overall::Valid, "{name}: {any:#?}");
        assert_eq!(any.verified_octets(), Some(bare.as_bytes()), "{name}");
    }
    // The real signature made beside the fake one (before it): over the document alone.
    let any = judge(&before, SignerPolicy::Any);
    let real = &any.signers()[1];
    assert_eq!(
        real.covers(),
        Some("the document less every signature (made beside the others)")
    );
    // Content added outside any signature: no signature covers it, none is valid.
    let extra = signed.replace(
        "<item>signed item</item>",
        "<item>signed item</item><evil/>",
    );
    for policy in [SignerPolicy::All, SignerPolicy::Any] {
        let r = judge(&extra, policy);
        assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
        assert!(r.verified_octets().is_none());
    }
    // Content hidden inside the fake signature's place cannot pass as the document's
    // either: a "signature" element that wraps the real document element's content.
    let wrapped = signed.replace(
        "<item>signed item</item>",
        &format!(
            "{}<item>signed item</item>",
            fake.replace("</ds:Signature>", "<item>other</item></ds:Signature>")
        ),
    );
    let r = judge(&wrapped, SignerPolicy::Any);
    if let Some(octets) = r.verified_octets() {
        assert_eq!(octets, bare.as_bytes());
    }
}

fn bundle(p12: &str) -> qoltanba::keys::KeyBundle {
    qoltanba::keys::open_pkcs12(&std::fs::read(pki(p12)).unwrap(), b"Qwerty12").unwrap()
}

/// Our XML signatures (Kalkan's shape): verified by us and by xmlsec1; a second signer
/// added keeps the first verifying; the bytes of the document are kept.
#[test]
fn signing_xml_round_trips_and_xmlsec1_accepts_it() {
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let applicant = bundle("individual_sign.p12");
    let operator = bundle("legal_sign.p12");
    let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request xmlns=\"urn:example:request\" id=\"7\"><!-- comment -->\n  <iin>123456789011</iin>\n  <text>Өтініш / Заявление &amp; &#233;</text>\n</request>\n";
    let once = xmldsig::sign(doc.as_bytes(), &applicant.certificate, &applicant.key).unwrap();
    let text = String::from_utf8(once.clone()).unwrap();
    // The document's own bytes are kept; the signature is the last child of the element.
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request xmlns=\"urn:example:request\" id=\"7\"><!-- comment -->\n  <iin>"));
    assert!(text.ends_with("</ds:Signature></request>\n"), "{text}");
    let r = xmldsig::verify(&once, &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    assert_eq!(
        String::from_utf8_lossy(r.verified_octets().unwrap()),
        "<request xmlns=\"urn:example:request\" id=\"7\">\n  <iin>123456789011</iin>\n  <text>Өтініш / Заявление &amp; é</text>\n</request>"
    );
    // A second signer: both verify, the first over the document as it was.
    let twice = xmldsig::sign(&once, &operator.certificate, &operator.key).unwrap();
    let r = xmldsig::verify(&twice, &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    assert_eq!(r.signers().len(), 2);
    assert_eq!(
        r.signers()[1].covers(),
        Some("the document less this signature, the earlier signatures included")
    );
    // Changed after signing: neither holds.
    let changed = String::from_utf8(twice.clone())
        .unwrap()
        .replace("123456789011</iin>", "123456789012</iin>");
    let r = xmldsig::verify(changed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);
    // A key that is not the certificate's: the signer refuses (review 52), and a signature
    // by it (the operator's SignatureValue over the same SignedInfo, under the applicant's
    // certificate) does not verify.
    assert!(xmldsig::sign(doc.as_bytes(), &applicant.certificate, &operator.key).is_err());
    let value = |xml: &str| -> String {
        let a = xml.find("<ds:SignatureValue>").unwrap();
        let b = xml.find("</ds:SignatureValue>").unwrap();
        xml[a..b].to_string()
    };
    let theirs = String::from_utf8(
        xmldsig::sign(doc.as_bytes(), &operator.certificate, &operator.key).unwrap(),
    )
    .unwrap();
    assert_ne!(value(&text), value(&theirs));
    let wrong = text.replace(&value(&text), &value(&theirs));
    let r = xmldsig::verify(wrong.as_bytes(), &v, &expect).unwrap();
    assert_eq!(
        r.check(CheckName::Signature).map(|c| c.outcome()),
        Some(Outcome::Failed)
    );
    // Nothing to sign into.
    assert!(xmldsig::sign(b"<a/>", &applicant.certificate, &applicant.key).is_err());

    // xmlsec1 verifies our signature with the CA as trust.
    if !have_xmlsec1() {
        return;
    }
    let f = tmp("ours_signed.xml");
    std::fs::write(&f, &once).unwrap();
    let o = Command::new("xmlsec1")
        .arg("--verify")
        .arg("--trusted-der")
        .arg(pki("root.cer"))
        .arg("--untrusted-der")
        .arg(pki("nca_rsa.cer"))
        .arg("--verification-time")
        .arg("2026-11-23 00:00:00")
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "xmlsec1 --verify: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `qoltanba sign --xml`, twice (two signers), then `qoltanba verify`.
#[cfg(feature = "cli")]
#[test]
fn cli_signs_xml() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_qoltanba"))
            .args(args)
            .output()
            .unwrap()
    };
    let dir = tmp("cli_sign_xml");
    let _ = std::fs::create_dir_all(&dir);
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let doc = dir.join("request.xml");
    std::fs::write(&doc, "<request><iin>123456789011</iin></request>\n").unwrap();
    let once = dir.join("once.xml");
    let twice = dir.join("twice.xml");
    let s = |p: &std::path::Path| p.display().to_string();
    for (input, key, out) in [
        (&doc, "individual_sign.p12", &once),
        (&once, "legal_sign.p12", &twice),
    ] {
        let o = run(&[
            "sign",
            &s(input),
            "--xml",
            "--key",
            &s(&pki(key)),
            "--password-file",
            &s(&pw),
            "--signing-time",
            "2026-11-23T00:00:00Z",
            "-o",
            &s(out),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let o = run(&[
        "verify",
        &s(&twice),
        "--trust",
        &s(&pki("root.cer")),
        "--intermediate",
        &s(&pki("nca_rsa.cer")),
        "--crl",
        &s(&pki("nca_rsa_current.crl")),
        "--at",
        "2026-11-23T00:00:00Z",
        "--json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["signers"].as_array().map(Vec::len), Some(2));
}

const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// A signature template with one Reference to `uri` whose transforms are `transforms`
/// (Transform elements), SignedInfo canonicalised by `c14n` (with `c14n_children` inside
/// CanonicalizationMethod).
fn signature_ref(c14n: &str, c14n_children: &str, uri: &str, transforms: &str) -> String {
    format!(
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n<ds:SignedInfo>\n<ds:CanonicalizationMethod Algorithm=\"{c14n}\">{c14n_children}</ds:CanonicalizationMethod>\n<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\n<ds:Reference URI=\"{uri}\">\n<ds:Transforms>{transforms}</ds:Transforms>\n<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\n<ds:DigestValue/>\n</ds:Reference>\n</ds:SignedInfo>\n<ds:SignatureValue/>\n<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>\n</ds:Signature>"
    )
}

/// xmlsec1 --sign with `--id-attr:Id` for the elements named `id_nodes`.
fn sign_with_ids(name: &str, template: &str, id_nodes: &[&str]) -> Vec<u8> {
    let t = tmp(&format!("{name}.tmpl.xml"));
    std::fs::write(&t, template).unwrap();
    let out = tmp(&format!("{name}.signed.xml"));
    let mut cmd = Command::new("xmlsec1");
    cmd.arg("--sign").arg("--privkey-pem").arg(format!(
        "{},{}",
        pki("individual_sign.key.pem").display(),
        cert_pem().display()
    ));
    for n in id_nodes {
        cmd.arg("--id-attr:Id").arg(n);
    }
    let o = cmd.arg("--output").arg(&out).arg(&t).output().unwrap();
    assert!(
        o.status.success(),
        "xmlsec1 --sign {name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(&out).unwrap()
}

/// References by Id and Exclusive C14N (SmartBridge's shape), made by xmlsec1 and
/// verified here; and the wrapping attacks on them.
#[test]
fn references_by_id_and_exclusive_c14n() {
    if !have_xmlsec1() {
        return;
    }
    // The certificate file sign() writes.
    let _ = sign("prepare_cert", &format!("<r>{}</r>", signature("ds", C14N)));
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let exc = format!("<ds:Transform Algorithm=\"{EXC_C14N}\"/>");

    // 1. The whole document in exclusive C14N (SignedInfo too).
    let whole = format!(
        "<root xmlns:unused=\"urn:unused\"><name>qoltanba</name>{}</root>",
        signature_ref(
            EXC_C14N,
            "",
            "",
            &format!("<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>{exc}")
        )
    );
    let signed = sign_with_ids("exc_whole", &whole, &[]);
    let r = xmldsig::verify(&signed, &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    // What is handed out is what the Reference digested: exclusive C14N does not render
    // the unused declaration, so it is not signed, and not handed out (it was, in
    // inclusive form, until the review of 2026-12-06).
    assert_eq!(
        r.verified_octets(),
        Some(&b"<root><name>qoltanba</name></root>"[..])
    );

    // 2. A SOAP-like envelope: the Body by Id, exclusive C14N with an InclusiveNamespaces
    // PrefixList, the signature in the Header. A comment splits the amount's text.
    let body = "<soap:Body xmlns:soap=\"urn:soap\" Id=\"body-1\"><m:order xmlns:m=\"urn:m\"><m:amount>1<!-- split -->000</m:amount></m:order></soap:Body>";
    let envelope = format!(
        "<soap:Envelope xmlns:soap=\"urn:soap\" xmlns:x=\"urn:x\"><soap:Header>{}</soap:Header>{body}</soap:Envelope>",
        signature_ref(
            EXC_C14N,
            "<ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"x\"/>",
            "#body-1",
            &format!("<ds:Transform Algorithm=\"{EXC_C14N}\"><ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"x\"/></ds:Transform>")
        )
    );
    let signed = String::from_utf8(sign_with_ids("by_id", &envelope, &["urn:soap:Body"])).unwrap();
    let r = xmldsig::verify(signed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    // Only part of the document is signed: no whole-document octets, the part itself.
    assert_eq!(r.verified_octets(), None);
    let parts = r.signed_parts().unwrap().get();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].reference(), "#body-1");
    let signed_body = String::from_utf8(parts[0].octets().to_vec()).unwrap();
    assert_eq!(
        signed_body,
        "<soap:Body xmlns:soap=\"urn:soap\" xmlns:x=\"urn:x\" Id=\"body-1\"><m:order xmlns:m=\"urn:m\"><m:amount>1000</m:amount></m:order></soap:Body>"
    );

    // 3. Wrapping: the signed Body moved into a wrapper, an unsigned Body in its place.
    // a) The same Id twice: refused.
    let evil = "<soap:Body xmlns:soap=\"urn:soap\" Id=\"body-1\"><m:order xmlns:m=\"urn:m\"><m:amount>9999</m:amount></m:order></soap:Body>";
    let original = signed
        .split("<soap:Body")
        .nth(1)
        .map(|b| format!("<soap:Body{}", b.split("</soap:Body>").next().unwrap_or("")))
        .unwrap()
        + "</soap:Body>";
    let twice = signed.replace(
        &original,
        &format!("<w:Wrapper xmlns:w=\"urn:w\">{original}</w:Wrapper>{evil}"),
    );
    assert_ne!(twice, signed);
    let r = xmldsig::verify(twice.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    assert!(r
        .check(CheckName::Reference)
        .unwrap()
        .reason()
        .contains("must be unique"));
    // b) The unsigned Body without the Id: the signature holds, and what is handed out is
    // the signed (wrapped) Body, never the unsigned one.
    let moved = signed.replace(
        &original,
        &format!(
            "<w:Wrapper xmlns:w=\"urn:w\">{original}</w:Wrapper>{}",
            evil.replace(" Id=\"body-1\"", "")
        ),
    );
    let r = xmldsig::verify(moved.as_bytes(), &v, &expect).unwrap();
    assert!(r.is_valid(), "{r:#?}");
    assert_eq!(r.verified_octets(), None);
    let parts = r.signed_parts().unwrap().get();
    assert_eq!(parts[0].octets(), signed_body.as_bytes());
    assert!(parts
        .iter()
        .all(|p| !String::from_utf8_lossy(p.octets()).contains("9999")));
    // c) The Id on `id` and `wsu:Id` counts too: a second element with id="body-1".
    let dup = signed.replace("<soap:Header>", "<soap:Header><note id=\"body-1\"/>");
    let r = xmldsig::verify(dup.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    // d) The signed content changed: the digest fails.
    let changed = signed.replace("000</m:amount>", "001</m:amount>");
    let r = xmldsig::verify(changed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);

    // 4. A Reference into another signature is refused.
    let other_sig = signature("ds", C14N).replace(
        "<ds:SignatureValue/>",
        "<ds:SignatureValue/><ds:Object Id=\"obj\">x</ds:Object>",
    );
    let into = format!(
        "<r><a>1</a>{}{other_sig}</r>",
        signature_ref(C14N, "", "#obj", &exc)
    );
    let r = xmldsig::verify(into.as_bytes(), &v, &expect).unwrap();
    assert!(
        r.signers()[0]
            .checks()
            .iter()
            .any(|c| c.name() == CheckName::Reference
                && c.outcome() == Outcome::Failed
                && c.reason().contains("another signature")),
        "{r:#?}"
    );
}

/// RSA-SHA1 (an old archive's signature, made here by xmlsec1): indeterminate by default,
/// valid only under the legacy switch, and then reported as weak; a changed document
/// still fails under it.
#[test]
fn rsa_sha1_only_under_the_legacy_switch() {
    if !have_xmlsec1() {
        return;
    }
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let template = format!(
        "<root><name>old archive</name>{}</root>",
        signature("ds", C14N)
    )
    .replace(
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    )
    .replace(
        "http://www.w3.org/2001/04/xmlenc#sha256",
        "http://www.w3.org/2000/09/xmldsig#sha1",
    );
    let signed = sign("rsa_sha1", &template);
    let strict = xmldsig::verify(&signed, &v, &expect).unwrap();
    assert_eq!(strict.overall(), Overall::Indeterminate, "{strict:#?}");
    assert!(strict.verified_octets().is_none());
    let legacy = xmldsig::XmlOptions::new().legacy_sha1(true);
    let r = xmldsig::verify_with(&signed, &v, &expect, &legacy).unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    for name in [CheckName::Reference, CheckName::Signature] {
        assert!(
            r.check(name).unwrap().reason().contains("SHA-1: weak"),
            "{name:?}: {r:#?}"
        );
    }
    let changed = String::from_utf8(signed)
        .unwrap()
        .replace("old archive", "new archive");
    let r = xmldsig::verify_with(changed.as_bytes(), &v, &expect, &legacy).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);
}

/// A SmartBridge (ШЭП) message: a SOAP envelope whose Body is signed by wsu:Id from a
/// wsse:Security header, exclusive C14N, the certificate a BinarySecurityToken named by a
/// SecurityTokenReference. Signed by xmlsec1, verified here; what is handed out is the
/// Body.
#[test]
fn ws_security_soap_envelope() {
    if !have_xmlsec1() {
        return;
    }
    let _ = sign(
        "prepare_cert_wsse",
        &format!("<r>{}</r>", signature("ds", C14N)),
    );
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    let x509 =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    let cert = base64_lines(&std::fs::read(pki("individual_sign.cer")).unwrap());
    let envelope = |token_id: &str| {
        format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header><wsse:Security xmlns:wsse=\"{wsse}\" xmlns:wsu=\"{wsu}\" soapenv:mustUnderstand=\"1\"><wsse:BinarySecurityToken EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\" ValueType=\"{x509}\" wsu:Id=\"{token_id}\">{cert}</wsse:BinarySecurityToken><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"SIG-1\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"{EXC_C14N}\"><ec:InclusiveNamespaces xmlns:ec=\"{EXC_C14N}\" PrefixList=\"soapenv\"/></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><ds:Reference URI=\"#id-body\"><ds:Transforms><ds:Transform Algorithm=\"{EXC_C14N}\"><ec:InclusiveNamespaces xmlns:ec=\"{EXC_C14N}\" PrefixList=\"\"/></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo Id=\"KI-1\"><wsse:SecurityTokenReference wsu:Id=\"STR-1\"><wsse:Reference URI=\"#X509-1\" ValueType=\"{x509}\"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature></wsse:Security></soapenv:Header><soapenv:Body xmlns:wsu=\"{wsu}\" wsu:Id=\"id-body\"><ns2:SendMessage xmlns:ns2=\"http://bip.bee.kz/SyncChannel/v10/Types\"><request><requestInfo><messageId>7</messageId></requestInfo><iin>123456789011</iin></request></ns2:SendMessage></soapenv:Body></soapenv:Envelope>"
    )
    };
    let signed = String::from_utf8(sign_with_ids(
        "wsse",
        &envelope("X509-1"),
        &["http://schemas.xmlsoap.org/soap/envelope/:Body"],
    ))
    .unwrap();
    let r = xmldsig::verify(signed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    assert_eq!(r.verified_octets(), None);
    let parts = r.signed_parts().unwrap().get();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].reference(), "#id-body");
    let body = String::from_utf8_lossy(parts[0].octets()).to_string();
    assert!(body.starts_with("<soapenv:Body"), "{body}");
    assert!(body.contains("<iin>123456789011</iin>"), "{body}");
    assert_eq!(
        r.certificate()
            .unwrap()
            .subject()
            .iin
            .as_ref()
            .unwrap()
            .as_str(),
        "123456789011"
    );
    // The token named twice: refused. Named by no element: refused.
    let twice = signed.replace("<soapenv:Body ", &format!("<soapenv:Body ><x wsu:Id=\"X509-1\" xmlns:wsu=\"{wsu}\"/></soapenv:Body><soapenv:Body "));
    let r = xmldsig::verify(twice.as_bytes(), &v, &expect).unwrap();
    assert_ne!(r.overall(), Overall::Valid, "{r:#?}");
    let missing = signed.replace("wsu:Id=\"X509-1\"", "wsu:Id=\"X509-2\"");
    let r = xmldsig::verify(missing.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    // Another certificate in the token (the signature no longer verifies with it).
    let other = base64_lines(&std::fs::read(pki("legal_sign.cer")).unwrap());
    let swapped = signed.replace(&cert, &other);
    assert_ne!(swapped, signed);
    let r = xmldsig::verify(swapped.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid, "{r:#?}");
    // The Body changed: the digest fails.
    let changed = signed.replace("<messageId>7<", "<messageId>8<");
    let r = xmldsig::verify(changed.as_bytes(), &v, &expect).unwrap();
    assert_eq!(r.overall(), Overall::Invalid);
}

/// Our SmartBridge signatures (`xmldsig::sign_soap`): SOAP 1.1 and 1.2, with a Header, an
/// empty one or none, the Body's own wsu:Id or one added; verified here, the Body handed
/// out; changed, refused.
#[test]
fn signing_soap_envelopes() {
    let v = common::rsa_verifier();
    let expect = Expectation::at(common::time("2026-11-23T00:00:00Z"));
    let b = bundle("individual_sign.p12");
    let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    let cases = [
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header><x:Route xmlns:x=\"urn:x\">a</x:Route></soapenv:Header><soapenv:Body><ns2:SendMessage xmlns:ns2=\"http://bip.bee.kz/SyncChannel/v10/Types\"><iin>123456789011</iin></ns2:SendMessage></soapenv:Body></soapenv:Envelope>".to_string(),
        "<S:Envelope xmlns:S=\"http://www.w3.org/2003/05/soap-envelope\"><S:Header/><S:Body><m:Get xmlns:m=\"urn:m\">1</m:Get></S:Body></S:Envelope>".to_string(),
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n    <m:Get xmlns:m=\"urn:m\">no header</m:Get>\n  </soap:Body>\n</soap:Envelope>\n".to_string(),
        format!("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body xmlns:wsu=\"{wsu}\" wsu:Id=\"own-id\"><m:Get xmlns:m=\"urn:m\">own id</m:Get></soap:Body></soap:Envelope>"),
    ];
    for (i, envelope) in cases.iter().enumerate() {
        let signed = xmldsig::sign_soap(envelope.as_bytes(), &b.certificate, &b.key).unwrap();
        let text = String::from_utf8(signed.clone()).unwrap();
        let r = xmldsig::verify(&signed, &v, &expect).unwrap();
        assert_eq!(r.overall(), Overall::Valid, "case {i}: {text}\n{r:#?}");
        let parts = r.signed_parts().unwrap().get();
        assert_eq!(parts.len(), 1);
        let body = String::from_utf8_lossy(parts[0].octets()).to_string();
        assert!(body.contains(":Body"), "case {i}: {body}");
        if i == 3 {
            assert_eq!(parts[0].reference(), "#own-id");
        }
        let changed = text
            .replace("</m:Get>", "!</m:Get>")
            .replace("</iin>", "2</iin>");
        let r = xmldsig::verify(changed.as_bytes(), &v, &expect).unwrap();
        assert_eq!(r.overall(), Overall::Invalid, "case {i}");
    }
    // Not an envelope.
    assert!(xmldsig::sign_soap(b"<a><b/></a>", &b.certificate, &b.key).is_err());
    // A Body start tag in a comment before the real one: refused, never a signature over
    // one element naming another.
    let tricky = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header><!-- <soapenv:Body> --></soapenv:Header><soapenv:Body><m:Get xmlns:m=\"urn:m\">1</m:Get></soapenv:Body></soapenv:Envelope>";
    match xmldsig::sign_soap(tricky.as_bytes(), &b.certificate, &b.key) {
        Err(_) => {}
        Ok(signed) => {
            let r = xmldsig::verify(&signed, &v, &expect).unwrap();
            assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
        }
    }

    // xmlsec1 verifies our SOAP signature (given the certificate as the key: it does not
    // resolve a SecurityTokenReference itself).
    if !have_xmlsec1() {
        return;
    }
    let signed = xmldsig::sign_soap(cases[0].as_bytes(), &b.certificate, &b.key).unwrap();
    let f = tmp("ours_soap.xml");
    std::fs::write(&f, &signed).unwrap();
    let _ = sign(
        "prepare_cert_soap",
        &format!("<r>{}</r>", signature("ds", C14N)),
    );
    let o = Command::new("xmlsec1")
        .arg("--verify")
        .arg("--id-attr:Id")
        .arg("http://schemas.xmlsoap.org/soap/envelope/:Body")
        .arg("--pubkey-cert-pem")
        .arg(cert_pem())
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "xmlsec1 --verify: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
