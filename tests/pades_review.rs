//! review18: a hostile review of PDF signature verification (`pades::verify`), after
//! Mladenov et al. ("1 Trillion Dollar Refund": USF, ISA, SWA) and Mainka et al. ("Shadow
//! attacks"). Each failing test names a defect and asserts the correct answer; the `held_`
//! tests are attacks the verifier withstood.
//!
//! The documents are built here: a fixture of another producer (`classic.pdf`, a classic
//! cross-reference table) extended by incremental updates written by hand, whose signature
//! dictionaries carry placeholders filled as any signer fills them (the `/ByteRange` around
//! exactly the `/Contents` hex string) with a CMS made by the library's own `cms::sign` and
//! the test PKI's keys, its SignerInfo re-signed when a test needs other signed attributes.

mod common;

use common::forge::{children, seq, tlv};
use qoltanba::cms::SignRequest;
use qoltanba::keys::KeyBundle;
use qoltanba::pades;
use qoltanba::{CheckName, Judged as _, Outcome, Overall};

use common::pdf_updates::{
    contents_placeholder, fixture, p12, rfind, sign_any, verify, RANGE_PLACEHOLDER, ROOM,
};

// --- material (beside tests/common/pdf_updates.rs) -------------------------------------

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A signature dictionary with placeholders, `extra` appended inside it.
fn sig_dict(sub_filter: &str, extra: &str) -> String {
    format!(
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /{sub_filter} {RANGE_PLACEHOLDER} /Contents {} /M (D:20261122100000+00'00'){extra} >>",
        contents_placeholder()
    )
}

/// The offset after the last `startxref`.
fn startxref(pdf: &[u8]) -> usize {
    let at = rfind(pdf, b"startxref").unwrap() + b"startxref".len();
    String::from_utf8_lossy(&pdf[at..])
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// `pdf` with an incremental update (a classic cross-reference section) holding `objects`.
fn update(pdf: &[u8], objects: &[(u32, String)], size: u32) -> Vec<u8> {
    let prev = startxref(pdf);
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets = Vec::new();
    for (n, body) in objects {
        offsets.push((*n, out.len()));
        out.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (n, at) in offsets {
        out.extend_from_slice(format!("{n} 1\n{at:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    out
}

/// Fill the last placeholders of `pdf`: the `/ByteRange` around exactly the `/Contents`
/// hex string, the CMS `cms_for` makes over the two ranges in it. The ranges.
fn fill(pdf: &mut [u8], cms_for: impl FnOnce(&[u8]) -> Vec<u8>) -> [usize; 4] {
    let hex = contents_placeholder();
    let range_at = rfind(pdf, RANGE_PLACEHOLDER.as_bytes()).unwrap();
    let b = rfind(pdf, hex.as_bytes()).unwrap();
    let c = b + hex.len();
    let d = pdf.len() - c;
    let numbers = format!("/ByteRange [0 {b} {c} {d}");
    let numbers = format!("{numbers:<width$}]", width = RANGE_PLACEHOLDER.len() - 1);
    pdf[range_at..range_at + numbers.len()].copy_from_slice(numbers.as_bytes());
    let mut data = pdf[..b].to_vec();
    data.extend_from_slice(&pdf[c..]);
    let cms = cms_for(&data);
    assert!(cms.len() <= ROOM);
    let mut digits: Vec<u8> = cms
        .iter()
        .flat_map(|x| format!("{x:02X}").into_bytes())
        .collect();
    digits.resize(2 * ROOM, b'0');
    pdf[b + 1..c - 1].copy_from_slice(&digits);
    [0, b, c, d]
}

const OID_SIGNING_TIME: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05];
const OID_SIGNING_CERTIFICATE_V2: &[u8] = &[
    0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x02, 0x2F,
];

/// A detached CMS over `data` by `key` (the library's `cms::sign`), its SignerInfo then
/// re-signed: the signed attributes `keep` keeps, or none at all (`attributes` false: the
/// signature over the content itself).
fn cms(data: &[u8], key: &KeyBundle, attributes: bool, keep: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"))
        .with_chain(&key.chain)
        .detached(true);
    let made = qoltanba::cms::sign(data, &request, &key.key).unwrap();
    let ci = children(&made);
    let signed_data = children(ci[1])[0];
    let parts = children(signed_data);
    let (signer_infos, rest) = parts.split_last().unwrap();
    let si = children(children(signer_infos)[0]);
    assert_eq!(
        si.len(),
        6,
        "version, sid, digest, signedAttrs, algorithm, signature"
    );
    let kept: Vec<u8> = children(si[3])
        .into_iter()
        .filter(|a| {
            let oid = children(a)[0];
            keep(&oid[2..])
        })
        .flat_map(<[u8]>::to_vec)
        .collect();
    let (field, signature) = if attributes {
        (tlv(0xA0, &kept), key.key.sign(&tlv(0x31, &kept)).unwrap())
    } else {
        (Vec::new(), key.key.sign(data).unwrap())
    };
    let si = seq(&[si[0], si[1], si[2], &field, si[4], &tlv(0x04, &signature)]);
    let mut sd: Vec<&[u8]> = rest.to_vec();
    let set = tlv(0x31, &si);
    sd.push(&set);
    seq(&[ci[0], &tlv(0xA0, &seq(&sd))])
}

/// A PAdES B-B CMS: contentType, messageDigest, signingCertificateV2, no signingTime.
fn b_b(data: &[u8], key: &KeyBundle) -> Vec<u8> {
    cms(data, key, true, |oid| oid != OID_SIGNING_TIME)
}

const WIDGET: &str =
    "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature0) /V 8 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R >>";
const CATALOG: &str =
    "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 3 >> >>";

/// `classic.pdf` signed (object 8 the signature dictionary of `sub_filter` with `extra`,
/// 9 its field, 1 the catalog: `catalog`), the CMS made by `cms_for`.
fn signed_classic(
    sub_filter: &str,
    extra: &str,
    catalog: &str,
    cms_for: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let mut pdf = update(
        &fixture("classic.pdf"),
        &[
            (1, catalog.to_string()),
            (8, sig_dict(sub_filter, extra)),
            (9, WIDGET.to_string()),
        ],
        10,
    );
    fill(&mut pdf, cms_for);
    pdf
}

/// A page content stream object saying `text`.
fn page_text(text: &str) -> String {
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    format!(
        "<< /Length {} >>\nstream\n{stream}\nendstream",
        stream.len()
    )
}

fn check(v: &pades::PdfVerdict, name: CheckName) -> Option<Outcome> {
    v.checks()
        .iter()
        .find(|c| c.name() == name)
        .map(|c| c.outcome())
}

// --- findings ------------------------------------------------------------------------------

/// ISO 32000-1 12.8.2.2.2, /DocMDP /P 1: "No changes to the document shall be permitted;
/// any change to the document shall invalidate the signature." The library's own signer
/// knows it (`pades::sign` refuses such a PDF: sign.rs `refuse_locked`), the verifier does
/// not: a certification signature with /P 1 (its `/Reference` is in the very signature
/// dictionary `verify` reads), then an attacker's update changing the page text, a new
/// catalog without `/Perms` (so that the library's signer agrees to sign), and the
/// attacker's own valid signature over it all: the verdict is Valid, the certifier's
/// signature Valid.
#[test]
fn docmdp_no_changes_certification_is_ignored_by_verify() {
    let certifier = p12("individual_sign");
    let docmdp = " /Reference [ << /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >> ]";
    let certified = signed_classic(
        pades::PADES_SUBFILTER,
        docmdp,
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 3 >> /Perms << /DocMDP 8 0 R >> >>",
        |data| b_b(data, &certifier),
    );
    let v = verify(&certified);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // The library's own signer refuses to add a signature to it.
    let attacker = p12("legal_sign");
    let request = SignRequest::new(&attacker.certificate, common::time("2026-11-22T10:00:00Z"))
        .with_chain(&attacker.chain);
    assert!(pades::sign(
        &certified,
        &request,
        &attacker.key,
        &pades::PdfSignOptions::new()
    )
    .is_err());

    // The attacker changes what the page says, drops /Perms from the catalog, and signs.
    let changed = update(
        &certified,
        &[
            (1, CATALOG.to_string()),
            (5, page_text("Pay 1,000,000 KZT to the bearer")),
        ],
        10,
    );
    let forged = common::pdf_updates::sign_over_locks(&changed, &attacker);
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    // Correct: the certification forbids any change; what follows it breaks it.
    assert_ne!(
        v.signatures()[0].overall(),
        Overall::Valid,
        "a /P 1 certification judged valid after the document changed"
    );
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// ETSI EN 319 142-1 (PAdES baseline) / TS 102 778-3: an `ETSI.CAdES.detached` signature
/// is a CAdES signature: signed attributes present, with contentType, messageDigest and the
/// ESS signing-certificate(-v2) attribute that binds the signer's certificate. A CMS whose
/// SignerInfo has no signed attributes at all (the signature over the PDF bytes directly)
/// is reported Valid, PAdES subfilter and all.
#[test]
fn pades_cades_signature_without_signed_attributes_is_valid() {
    let key = p12("individual_sign");
    let pdf = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |data| {
        cms(data, &key, false, |_| true)
    });
    let v = verify(&pdf);
    assert!(v.signatures()[0].cms().is_some(), "{:#?}", v.checks());
    assert!(v.signatures()[0].cms().unwrap().signers()[0]
        .signed_attributes()
        .is_empty());
    // Correct: not a PAdES (CAdES) signature; never Valid under ETSI.CAdES.detached.
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The same, with signed attributes but without ESS signingCertificateV2 (contentType and
/// messageDigest only): PAdES B-B requires the signing-certificate attribute (EN 319 142-1
/// 5.2.2 / 6.3, as EN 319 122-1 5.2.2 for CAdES): without it the signer's certificate is not
/// bound to the signature (certificate substitution). Reported Valid.
#[test]
fn pades_signature_without_signing_certificate_attribute_is_valid() {
    let key = p12("individual_sign");
    let pdf = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |data| {
        cms(data, &key, true, |oid| {
            oid != OID_SIGNING_TIME && oid != OID_SIGNING_CERTIFICATE_V2
        })
    });
    let v = verify(&pdf);
    let attrs = v.signatures()[0].cms().unwrap().signers()[0].signed_attributes();
    assert!(
        !attrs.iter().any(|a| a == "1.2.840.113549.1.9.16.2.47"),
        "{attrs:?}"
    );
    // Correct: a PAdES signature without its certificate binding is not Valid.
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The NCANode-compatible `/pdf/verify` of the server: A signs, B (any holder of a valid
/// certificate: the counterparty) appends an update that changes the page text, then signs
/// the whole. The library says so in its `content` check ("#1 covers an earlier revision:
/// what was added after it is vouched for by the later signature(s) alone") and in
/// `covers_whole_file`; the server's answer drops both: `valid: true`, `message: "OK"`, and
/// signer A listed `valid: true` beside B with nothing telling that A never saw the page as
/// it now reads. A client of the API reads "signed by A and B, valid".
#[cfg(feature = "server")]
#[test]
fn server_pdf_verify_reports_earlier_revision_signer_valid_without_coverage() {
    use base64::Engine as _;
    let a = sign_any(&fixture("classic.pdf"), &p12("individual_sign"));
    let changed = update(
        &a,
        &[(5, page_text("Pay 1,000,000 KZT to the bearer"))],
        startxref_size(&a),
    );
    let forged = sign_any(&changed, &p12("legal_sign"));
    // The library: valid, #1 over an earlier revision.
    let v = verify(&forged);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(!v.signatures()[0].covers_whole_file());

    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let body = serde_json::json!({
        "pdf": base64::engine::general_purpose::STANDARD.encode(&forged)
    });
    let (status, answer) = service.post("/pdf/verify", &body.to_string());
    assert_eq!(status, 200, "{answer}");
    let first = &answer["signers"][0];
    let tells = first.as_object().is_some_and(|o| {
        o.keys().any(|k| {
            let k = k.to_ascii_lowercase();
            k.contains("cover") || k.contains("revision") || k.contains("whole")
        })
    });
    // Correct: signer A is not presented as a valid signer of the document as it stands,
    // or the answer says that A's signature covers an earlier revision only.
    assert!(
        first["valid"] == false || tells,
        "signer A (earlier revision) reported without coverage: {answer}"
    );
}

/// The `/Size` of the last trailer.
#[cfg(feature = "server")]
fn startxref_size(pdf: &[u8]) -> u32 {
    let at = rfind(pdf, b"/Size").unwrap() + b"/Size".len();
    String::from_utf8_lossy(&pdf[at..])
        .split(|c: char| !c.is_ascii_digit() && c != ' ')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

// --- held ------------------------------------------------------------------------------

/// The baseline the attacks start from: the documents built here verify.
#[test]
fn held_baseline_hand_built_pades_is_valid() {
    let key = p12("individual_sign");
    let pdf = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| b_b(d, &key));
    let v = verify(&pdf);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(v.signatures()[0].covers_whole_file());
}

/// USF: the signature dictionary without /ByteRange, with /ByteRange null, an indirect
/// /ByteRange, three or five numbers, a negative, a real, a first range not at 0, an
/// overlap, out of bounds, a gap shifted off the /Contents string, a gap wider than it, and
/// /Contents missing or not a hex string: never Valid.
#[test]
fn held_usf_malformed_byte_ranges_are_never_valid() {
    let key = p12("individual_sign");
    let pdf = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| b_b(d, &key));
    let v = verify(&pdf);
    let [a, b, c, d] = v.signatures()[0].byte_range();
    let len = pdf.len() as u64;
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let start = text.rfind("/ByteRange [").unwrap();
    let end = start + text[start..].find(']').unwrap();
    let old = text[start..=end].to_string();
    let with = |new: &str| {
        let new = format!("{new:<width$}", width = old.len());
        assert_eq!(new.len(), old.len(), "{new}");
        text.replacen(&old, &new, 1).into_bytes()
    };
    let variants = [
        "/Foo".to_string(),
        "/ByteRange null".to_string(),
        "/ByteRange 10 0 R".to_string(),
        format!("/ByteRange [{a} {b} {c}]"),
        format!("/ByteRange [{a} {b} {c} {d} 0]"),
        format!("/ByteRange [{a} {b} {c} -{d}]"),
        format!("/ByteRange [-0 {b} {c} {d}]"),
        format!("/ByteRange [{a} {b}.0 {c} {d}]"),
        format!("/ByteRange [1 {} {c} {d}]", b - 1),
        format!("/ByteRange [{a} {c} {b} {d}]"),
        format!("/ByteRange [{a} {b} {c} {}]", d + 1),
        format!("/ByteRange [{a} {b} {} {}]", c - 1, d + 1),
        format!("/ByteRange [{a} {} {c} {d}]", b - 1),
        format!("/ByteRange [{a} {b} {} {}]", c + 1, d - 1),
        format!("/ByteRange [{a} {b} {c} {}]", d - 1),
        format!("/ByteRange [{a} {b} {c} {}]", len),
        format!("/ByteRange [{a} 0 {c} {d}]"),
        format!("/ByteRange [{a} {b} {b} {}]", len - b),
        format!("/ByteRange [{a} {b} {} {}]", b + 1, len - b - 1),
        format!("/ByteRange [{a} {b} {} {}]", len, 0),
        format!("/ByteRange [{a} {b} 99999999999 {d}]"),
    ];
    for variant in &variants {
        let v = verify(&with(variant));
        assert_ne!(v.overall(), Overall::Valid, "{variant}");
    }
    // /Contents renamed, and its hex string turned into a literal one.
    let renamed = text.replacen("/Contents <", "/Contenta <", 1);
    assert_ne!(verify(renamed.as_bytes()).overall(), Overall::Valid);
    let b = b as usize;
    let c = c as usize;
    let mut literal = pdf.clone();
    literal[b] = b'(';
    literal[c - 1] = b')';
    assert_ne!(verify(&literal).overall(), Overall::Valid);
    // /Contents missing entirely (the key erased): only a /ByteRange.
    let erased = text.replacen("/Contents <", "          <", 1);
    assert_ne!(verify(erased.as_bytes()).overall(), Overall::Valid);
}

/// ISA: an update appended after the signature (the page text replaced, a new catalog and
/// cross-reference section), no signature over it: Invalid, the `content` check failed.
/// The same for bytes after %%EOF, and for a shadow "hide-and-replace": the signed revision
/// already holds the replacement text in an unused object; the update only points the page
/// at it.
#[test]
fn held_isa_and_shadow_updates_without_a_signature_are_invalid() {
    let key = p12("individual_sign");
    // A shadow document: object 10, the text to be revealed, unused when signed.
    let mut prepared = update(
        &fixture("classic.pdf"),
        &[
            (1, CATALOG.to_string()),
            (8, sig_dict(pades::PADES_SUBFILTER, "")),
            (9, WIDGET.to_string()),
            (10, page_text("Pay 1,000,000 KZT to the bearer")),
        ],
        11,
    );
    fill(&mut prepared, |d| b_b(d, &key));
    assert_eq!(verify(&prepared).overall(), Overall::Valid);

    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] /Contents 10 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [ 4 0 R 9 0 R ] >>";
    let revealed = update(&prepared, &[(7, page.to_string())], 11);
    let replaced = update(&prepared, &[(5, page_text("Pay 1,000,000 KZT"))], 11);
    let root = update(
        &prepared,
        &[(11, "<< /Type /Catalog /Pages 2 0 R >>".to_string())],
        12,
    );
    let mut trailing = prepared.clone();
    trailing.extend_from_slice(b"\n% anything after %%EOF\n");
    let mut one = prepared.clone();
    one.push(b' ');
    for (what, pdf) in [
        ("shadow reveal", revealed),
        ("replace", replaced),
        ("new root", root),
        ("after %%EOF", trailing),
        ("one space", one),
    ] {
        let v = verify(&pdf);
        assert_eq!(v.overall(), Overall::Invalid, "{what}");
        assert_eq!(
            check(&v, CheckName::Content),
            Some(Outcome::Failed),
            "{what}"
        );
        assert!(!v.signatures()[0].covers_whole_file(), "{what}");
    }
}

/// SWA: the signed dictionary copied into an appended update (its /ByteRange naming the
/// original gap, the signature's ranges moved), a second /ByteRange in the signature
/// dictionary, and a new object whose /ByteRange claims the whole file around the original
/// /Contents: never Valid.
#[test]
fn held_swa_copied_and_second_byte_ranges_are_never_valid() {
    let key = p12("individual_sign");
    let pdf = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| b_b(d, &key));
    let [_, b, c, _] = verify(&pdf).signatures()[0]
        .byte_range()
        .map(|n| n as usize);
    let obj = rfind(&pdf[..b], b"8 0 obj").unwrap();
    let endobj = c + find(&pdf[c..], b"endobj").unwrap() + 6;
    let dict = &pdf[obj + "8 0 obj\n".len()..endobj - "\nendobj".len()];
    // The copy as object 12 of an update.
    let copied = update(
        &pdf,
        &[(12, String::from_utf8_lossy(dict).into_owned())],
        13,
    );
    assert_ne!(verify(&copied).overall(), Overall::Valid);
    // A new /ByteRange [0 b c len'-c] in the tail, as if the original /Contents were its.
    let mut claimed = pdf.clone();
    let tail = format!("\n13 0 obj\n<< /Type /Sig /ByteRange [0 {b} {c} 0000000000] >>\nendobj\n");
    claimed.extend_from_slice(tail.as_bytes());
    let len = claimed.len();
    let fixed = tail.replace("0000000000", &format!("{:010}", len - c));
    claimed.truncate(pdf.len());
    claimed.extend_from_slice(fixed.as_bytes());
    let v = verify(&claimed);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // Two /ByteRange keys in the one dictionary (the second in /Prop_Build, before signing).
    let twice = signed_classic(
        pades::PADES_SUBFILTER,
        " /Prop_Build << /ByteRange [0 1 2 3] >>",
        CATALOG,
        |d| b_b(d, &key),
    );
    assert_ne!(verify(&twice).overall(), Overall::Valid);
}

/// A CMS valid as CMS but over other data, an attached CMS (its own content), a CMS of
/// another PDF, zero padding replaced by data, and trailing junk inside /Contents: Invalid.
#[test]
fn held_cms_over_other_data_is_invalid() {
    let key = p12("individual_sign");
    let other = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| {
        let mut d = d.to_vec();
        d.push(b'!');
        b_b(&d, &key)
    });
    assert_eq!(verify(&other).overall(), Overall::Invalid);
    let attached = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| {
        let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"));
        qoltanba::cms::sign(d, &request, &key.key).unwrap()
    });
    assert_eq!(verify(&attached).overall(), Overall::Invalid);
    // The CMS of one valid PDF moved into another with the same layout.
    let first = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| b_b(d, &key));
    let [_, b, c, _] = verify(&first).signatures()[0]
        .byte_range()
        .map(|n| n as usize);
    let second = signed_classic(
        pades::PADES_SUBFILTER,
        "",
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 1 >> >>",
        |d| b_b(d, &key),
    );
    let mut moved = second.clone();
    moved[b..c].copy_from_slice(&first[b..c]);
    assert_eq!(verify(&moved).overall(), Overall::Invalid);
}

/// Sub-filters read as something else: adbe.pkcs7.sha1 (the CMS signs a SHA-1 digest, not
/// the ranges), adbe.x509.rsa_sha1, ETSI.RFC3161, none at all: never Valid.
#[test]
fn held_unsupported_sub_filters_are_never_valid() {
    let key = p12("individual_sign");
    for sub_filter in [
        "adbe.pkcs7.sha1",
        "adbe.x509.rsa_sha1",
        "ETSI.RFC3161",
        "Foo",
    ] {
        let pdf = signed_classic(sub_filter, "", CATALOG, |d| b_b(d, &key));
        let v = verify(&pdf);
        assert_ne!(v.overall(), Overall::Valid, "{sub_filter}");
    }
    // No /SubFilter: the placeholder dictionary written without it.
    let mut pdf = update(
        &fixture("classic.pdf"),
        &[
            (1, CATALOG.to_string()),
            (
                8,
                format!(
                    "<< /Type /Sig /Filter /Adobe.PPKLite {RANGE_PLACEHOLDER} /Contents {} >>",
                    contents_placeholder()
                ),
            ),
            (9, WIDGET.to_string()),
        ],
        10,
    );
    fill(&mut pdf, |d| b_b(d, &key));
    assert_ne!(verify(&pdf).overall(), Overall::Valid);
}

/// Several signatures: the first valid, the second's CMS broken, or the second valid over
/// less than its revision: never Valid.
#[test]
fn held_one_valid_one_invalid_signature_is_not_valid() {
    let key = p12("individual_sign");
    let once = sign_any(&fixture("classic.pdf"), &key);
    let twice = sign_any(&once, &p12("legal_sign"));
    assert_eq!(verify(&twice).overall(), Overall::Valid);
    // A byte of the second CMS changed.
    let [_, b, _, _] = verify(&twice).signatures()[1]
        .byte_range()
        .map(|n| n as usize);
    let mut broken = twice.clone();
    broken[b + 200] = if broken[b + 200] == b'A' { b'B' } else { b'A' };
    assert_eq!(verify(&broken).overall(), Overall::Invalid);
}

/// Resource bombs: seventeen /ByteRange keys (not judged), a huge /Contents of zeros (a
/// 30 MB gap), a /Contents whose DER claims 2 GiB: answered fast, never Valid.
#[test]
fn held_resource_bombs_are_bounded() {
    let key = p12("individual_sign");
    let pdf = signed_classic(pades::PADES_SUBFILTER, "", CATALOG, |d| b_b(d, &key));
    let mut many = pdf.clone();
    many.extend_from_slice("/ByteRange [0 1 2 3]\n".repeat(17).as_bytes());
    assert_ne!(verify(&many).overall(), Overall::Valid);

    let head = b"%PDF-1.7\n1 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 0000000000 0000000000 0000000000] /Contents <";
    let mut bomb = head.to_vec();
    let b = bomb.len() - 1;
    bomb.extend(std::iter::repeat_n(b'0', 30 << 20));
    bomb.extend_from_slice(b"> >>\nendobj\n%%EOF\n");
    let c = b + 2 + (30 << 20);
    let d = bomb.len() - c;
    let numbers = format!("[0 {b:010} {c:010} {d:010}]");
    let at = find(&bomb, b"[0 0000000000").unwrap();
    bomb[at..at + numbers.len()].copy_from_slice(numbers.as_bytes());
    let started = std::time::Instant::now();
    assert_ne!(verify(&bomb).overall(), Overall::Valid);
    let mut claims = bomb.clone();
    claims[b + 1..b + 13].copy_from_slice(b"3084FFFFFFFF");
    assert_ne!(verify(&claims).overall(), Overall::Valid);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}
