//! PDFs changed by hand after they were signed: incremental updates, signature
//! dictionaries filled with a CMS over their `/ByteRange`, and what pdfsig and pyHanko say
//! of them (reviews 49 and 50). Feature `pdf`.

use qoltanba::cms::{SignRequest, VerifyOptions};
use qoltanba::keys::{open_pkcs12, KeyBundle};
use qoltanba::pades;
use qoltanba::Judged as _;

use super::forge::{children, seq, tlv};

use super::pki;

pub fn options() -> VerifyOptions {
    VerifyOptions::at(super::time("2026-11-23T00:00:00Z"))
}

pub fn verify(pdf: &[u8]) -> pades::PdfVerdict {
    pades::verify(pdf, &super::rsa_verifier(), &options()).unwrap()
}

pub fn manifest(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(manifest("test-vectors/pdf").join(name)).unwrap()
}

/// A fixed input of this review (`tests/data/review49/<name>`).
pub fn data(name: &str) -> Vec<u8> {
    std::fs::read(manifest("tests/data/review49").join(name)).unwrap()
}

/// `test-vectors/pki/<name>.p12` (password `Qwerty12`).
pub fn p12(name: &str) -> KeyBundle {
    open_pkcs12(
        &std::fs::read(pki(&format!("{name}.p12"))).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
}

/// `pdf` signed by the library's own `pades::sign` (an incremental update).
pub fn sign_any(pdf: &[u8], key: &KeyBundle) -> Vec<u8> {
    let request = SignRequest::new(&key.certificate, super::time("2026-11-22T10:00:00Z"))
        .with_chain(&key.chain);
    pades::sign(pdf, &request, &key.key, &pades::PdfSignOptions::new()).unwrap()
}

/// `pdf` signed as an attacker signs it: with a signer that ignores the locks of its
/// signatures. The library's own `pades::sign` refuses a file holding a signature that
/// forbids any change (`/P 1`: another signature would break it), so the update is made on
/// a twin whose every `/P 1` reads `/P 2` (the same length: every offset and object the
/// same), moved onto `pdf` unchanged, and its CMS made again over `pdf`'s bytes.
pub fn sign_over_locks(pdf: &[u8], key: &KeyBundle) -> Vec<u8> {
    let mut twin = pdf.to_vec();
    let mut at = 0;
    while let Some(i) = twin[at..].windows(4).position(|w| w == b"/P 1") {
        let i = at + i;
        if !twin.get(i + 4).is_some_and(u8::is_ascii_digit) {
            twin[i + 3] = b'2';
        }
        at = i + 4;
    }
    let signed = sign_any(&twin, key);
    assert_eq!(&signed[..pdf.len()], &twin[..]);
    let mut out = pdf.to_vec();
    out.extend_from_slice(&signed[pdf.len()..]);
    // The last signature's CMS, made again over the bytes its /ByteRange names.
    let range = rfind(&out, b"/ByteRange [").unwrap() + b"/ByteRange [".len();
    let numbers: Vec<usize> = String::from_utf8_lossy(&out[range..range + 64])
        .split(']')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let [0, b, c, d] = numbers[..] else {
        panic!("the signer's /ByteRange: {numbers:?}")
    };
    assert_eq!(c + d, out.len());
    let mut data = out[..b].to_vec();
    data.extend_from_slice(&out[c..]);
    let mut digits: Vec<u8> = b_b(&data, key)
        .iter()
        .flat_map(|x| format!("{x:02X}").into_bytes())
        .collect();
    assert!(digits.len() <= c - b - 2);
    digits.resize(c - b - 2, b'0');
    out[b + 1..c - 1].copy_from_slice(&digits);
    out
}

pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Room for the CMS of the signatures made here, in bytes.
pub const ROOM: usize = 12 * 1024;
pub const RANGE_PLACEHOLDER: &str = "/ByteRange [0 0000000000 0000000000 0000000000]";

pub fn contents_placeholder() -> String {
    format!("<{}>", "0".repeat(2 * ROOM))
}

/// A PAdES signature dictionary with placeholders, `extra` appended inside it.
pub fn sig_dict(extra: &str) -> String {
    format!(
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached {RANGE_PLACEHOLDER} /Contents {} /M (D:20261122100000+00'00'){extra} >>",
        contents_placeholder()
    )
}

/// The number after the last `key` (`startxref`, `/Size`).
pub fn last_number(pdf: &[u8], key: &[u8]) -> usize {
    let at = rfind(pdf, key).unwrap() + key.len();
    String::from_utf8_lossy(&pdf[at..])
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .unwrap()
        .parse()
        .unwrap()
}

/// `pdf` with an incremental update (a classic cross-reference section) holding `objects`,
/// its trailer's `/Prev` the last `startxref` (or `prev`), `/Root 1 0 R`.
pub fn update_with_prev(
    pdf: &[u8],
    objects: &[(u32, String)],
    size: usize,
    prev: Option<usize>,
) -> Vec<u8> {
    let prev = prev.unwrap_or_else(|| last_number(pdf, b"startxref"));
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

pub fn update(pdf: &[u8], objects: &[(u32, String)]) -> Vec<u8> {
    let size = last_number(pdf, b"/Size");
    let size = objects
        .iter()
        .map(|(n, _)| *n as usize + 1)
        .max()
        .unwrap_or(0)
        .max(size);
    update_with_prev(pdf, objects, size, None)
}

/// Fill the last placeholders of `pdf`: the `/ByteRange` around exactly the `/Contents`
/// hex string, a PAdES B-B CMS by `key` over the two ranges.
pub fn fill(pdf: &mut [u8], key: &KeyBundle) {
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
    let cms = b_b(&data, key);
    assert!(cms.len() <= ROOM);
    let mut digits: Vec<u8> = cms
        .iter()
        .flat_map(|x| format!("{x:02X}").into_bytes())
        .collect();
    digits.resize(2 * ROOM, b'0');
    pdf[b + 1..c - 1].copy_from_slice(&digits);
}

pub const OID_SIGNING_TIME: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x05];

/// A detached PAdES B-B CMS over `data` by `key` (the library's `cms::sign`, its
/// signingTime dropped and the SignerInfo re-signed): contentType, messageDigest,
/// signingCertificateV2.
pub fn b_b(data: &[u8], key: &KeyBundle) -> Vec<u8> {
    let request = SignRequest::new(&key.certificate, super::time("2026-11-22T10:00:00Z"))
        .with_chain(&key.chain)
        .detached(true);
    let made = qoltanba::cms::sign(data, &request, &key.key).unwrap();
    let ci = children(&made);
    let signed_data = children(ci[1])[0];
    let parts = children(signed_data);
    let (signer_infos, rest) = parts.split_last().unwrap();
    let si = children(children(signer_infos)[0]);
    let kept: Vec<u8> = children(si[3])
        .into_iter()
        .filter(|a| &children(a)[0][2..] != OID_SIGNING_TIME)
        .flat_map(<[u8]>::to_vec)
        .collect();
    let signature = key.key.sign(&tlv(0x31, &kept)).unwrap();
    let si = seq(&[
        si[0],
        si[1],
        si[2],
        &tlv(0xA0, &kept),
        si[4],
        &tlv(0x04, &signature),
    ]);
    let mut sd: Vec<&[u8]> = rest.to_vec();
    let set = tlv(0x31, &si);
    sd.push(&set);
    seq(&[ci[0], &tlv(0xA0, &seq(&sd))])
}

/// A page content stream object saying `text`.
pub fn page_text(text: &str) -> String {
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    format!(
        "<< /Length {} >>\nstream\n{stream}\nendstream",
        stream.len()
    )
}

/// Objects of an update: number, body.
pub type Objects = Vec<(u32, String)>;

pub const FORGED_TEXT: &str = "Pay 1,000,000 KZT to the bearer";

// --- peers -----------------------------------------------------------------------------

/// A scratch folder of the review `review` (`review49`, ...).
pub fn scratch(review: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("qoltanba-{review}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `pdf` written to a scratch file (and to `$REVIEW<N>_DUMP` when set, `review` being
/// `review<N>`).
pub fn written(review: &str, pdf: &[u8], name: &str) -> std::path::PathBuf {
    if let Ok(dump) = std::env::var(format!("{}_DUMP", review.to_uppercase())) {
        std::fs::create_dir_all(&dump).unwrap();
        std::fs::write(std::path::Path::new(&dump).join(format!("{name}.pdf")), pdf).unwrap();
    }
    let file = scratch(review).join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    file
}

/// `pdfsig -nocert` on `pdf`, or `None` (with a notice) when pdfsig is absent.
pub fn pdfsig(review: &str, pdf: &[u8], name: &str) -> Option<String> {
    let file = written(review, pdf, name);
    match std::process::Command::new("pdfsig")
        .arg("-nocert")
        .arg(&file)
        .output()
    {
        Ok(o) => Some(format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => {
            eprintln!("NOTICE: pdfsig (poppler-utils) not runnable ({e}); skipping the peer");
            None
        }
    }
}

/// pyHanko's verdict on each signature of `pdf` (`tests/data/review49/peers.py`), or
/// `None` (with a notice) when pyHanko is absent.
pub fn pyhanko(review: &str, pdf: &[u8], name: &str) -> Option<String> {
    let has = std::process::Command::new("python3")
        .args([
            "-c",
            "import pyhanko.sign.validation, pyhanko_certvalidator",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        eprintln!("NOTICE: pyHanko is not installed; skipping the peer");
        return None;
    }
    let file = written(review, pdf, name);
    let o = std::process::Command::new("python3")
        .arg(manifest("tests/data/review49/peers.py"))
        .arg(&file)
        .arg(pki("root.cer"))
        .arg(pki("nca_rsa.cer"))
        .output()
        .unwrap();
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

/// What the peers say of `pdf`, printed; the library's verdict beside it.
pub fn peers(review: &str, pdf: &[u8], name: &str) -> (Option<String>, Option<String>) {
    let v = verify(pdf);
    eprintln!(
        "--- {name}: library {:?}, {} signature(s), whole file: {:?}",
        v.overall(),
        v.signatures().len(),
        v.signatures()
            .iter()
            .map(|s| s.covers_whole_file())
            .collect::<Vec<_>>()
    );
    let p = pdfsig(review, pdf, name);
    if let Some(p) = &p {
        eprintln!("pdfsig:\n{p}");
    }
    let h = pyhanko(review, pdf, name);
    if let Some(h) = &h {
        eprintln!("pyHanko:\n{h}");
    }
    (p, h)
}
