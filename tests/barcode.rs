//! Output-document barcodes: a document signed with the project's test PKI, encoded into
//! BarcodeElement codes, shuffled, read back from XML text and from PNG images, and
//! verified; and every way a set can be incomplete or corrupt, each named by element.
//! The command line: `qoltanba barcode encode | decode | verify`.

mod common;

use qoltanba::Judged as _;
use std::io::Write as _;
use std::process::Output;

use chrono::{DateTime, FixedOffset};
use qoltanba::barcode::{
    self, decode_texts, encode, Assembler, BarcodeElement, EcLevel, EncodeOptions, QrSymbol,
};
use qoltanba::cms::{sign, SignRequest, VerifyOptions};
use qoltanba::identity::Iin;
use qoltanba::keys::open_pkcs12;
use qoltanba::{Certificate, Error, Verifier};

use common::cli::{qoltanba, text, tmp, trust_args};
use common::pki;

fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

/// An output document of about `size` bytes of text (numbers that do not compress well,
/// so a 20 KB document takes some 20-30 codes, as real ones do).
fn content(size: usize) -> Vec<u8> {
    let line = "Анықтама / Справка: Әлия Ғалымқызы Құлжанова, Ұлытау, Өскемен, Үшарал, Һ, І";
    let mut s = String::new();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut i = 0;
    while s.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        s.push_str(&format!("{i:05} {state:020} {line}\n"));
        i += 1;
    }
    s.into_bytes()
}

/// `content` signed (CMS, attached) with individual_sign.p12, its chain included.
fn signed(content: &[u8]) -> Vec<u8> {
    let bundle = open_pkcs12(
        &std::fs::read(pki("individual_sign.p12")).unwrap(),
        b"Qwerty12",
    )
    .expect("open individual_sign.p12");
    let ca = Certificate::from_input(&std::fs::read(pki("nca_rsa.cer")).unwrap()).unwrap();
    let mut chain = bundle.chain.clone();
    chain.push(ca);
    let request = SignRequest::new(&bundle.certificate, common::time("2026-11-22T09:30:00Z"))
        .with_chain(&chain);
    sign(content, &request, &bundle.key).expect("sign")
}

fn verifier() -> Verifier {
    common::rsa_verifier()
}

fn options() -> VerifyOptions {
    let mut o = VerifyOptions::at(common::time("2026-11-23T00:00:00Z"));
    o.expectation.iin = Some(Iin::parse("123456789011").unwrap());
    o
}

/// A fixed permutation that moves every element.
fn shuffle<T: Clone>(v: &[T]) -> Vec<T> {
    let n = v.len();
    let mut idx: Vec<usize> = (0..n).collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        idx.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if idx.iter().enumerate().all(|(i, j)| i == *j) {
        idx.reverse();
    }
    idx.into_iter().map(|i| v[i].clone()).collect()
}

fn set_for(doc: &[u8]) -> barcode::BarcodeSet {
    encode(doc, &EncodeOptions::new("001234567890", created())).expect("encode")
}

// ---------------------------------------------------------------------------------------
// Round trips

#[test]
fn sign_encode_shuffle_decode_xml_verify() {
    let text = content(20 * 1024);
    let cms = signed(&text);
    let set = set_for(&cms);
    assert!(set.len() > 5, "{} codes", set.len());
    let xml = set.xml();
    assert!(xml[0].starts_with("<BarcodeElement xmlns=\"http://barcodes.pdf.shep.nitec.kz/\"><creationDate>2026-11-22T15:30:00+06:00</creationDate><elementData>"));
    assert!(xml
        .iter()
        .all(|x| x.contains("<FavorID>001234567890</FavorID>")));
    assert!(set.elements[..set.len() - 1]
        .iter()
        .all(|e| e.data.len() == barcode::DEFAULT_CHUNK_SIZE));
    // Deterministic: the creation date is passed in.
    assert_eq!(set_for(&cms).xml(), xml);

    let r = decode_texts(&shuffle(&xml)).expect("decode");
    assert_eq!(r.document, cms);
    assert_eq!(r.favor_id, "001234567890");
    assert_eq!(r.amount as usize, set.len());
    let verdict = r.signed_data().unwrap().verify(&verifier(), &options());
    assert!(verdict.is_valid(), "{verdict:?}");
    assert_eq!(verdict.verified_content().unwrap().as_bytes(), text);
}

#[test]
fn decode_from_png_images() {
    let text = content(6 * 1024);
    let cms = signed(&text);
    let set = set_for(&cms);
    let symbols = set.symbols().unwrap();
    // One PNG per code, read in shuffled order.
    let pngs: Vec<Vec<u8>> = symbols.iter().map(|s| s.to_png(3).unwrap()).collect();
    let mut a = Assembler::new();
    for (i, png) in shuffle(&pngs).iter().enumerate() {
        let scan = barcode::scan_image(png).unwrap();
        assert!(scan.unreadable.is_empty(), "{:?}", scan.unreadable);
        assert_eq!(scan.texts.len(), 1);
        a.add_text(&scan.texts[0], format!("png {i}")).unwrap();
    }
    let r = a.finish().unwrap();
    assert_eq!(r.document, cms);
    let verdict = r.signed_data().unwrap().verify(&verifier(), &options());
    assert!(verdict.is_valid(), "{verdict:?}");

    // All codes on one image (a scanned page), in reverse order.
    let module = 3u32;
    let tile = symbols
        .iter()
        .map(|s| s.to_luma(module).unwrap().width())
        .max()
        .unwrap();
    let cols = 3u32;
    let rows = (symbols.len() as u32).div_ceil(cols);
    let mut page = image::GrayImage::from_pixel(cols * tile, rows * tile, image::Luma([255]));
    for (i, s) in symbols.iter().rev().enumerate() {
        let img = s.to_luma(module).unwrap();
        let (x, y) = ((i as u32 % cols) * tile, (i as u32 / cols) * tile);
        image::imageops::replace(&mut page, &img, x as i64, y as i64);
    }
    let mut png = std::io::Cursor::new(Vec::new());
    page.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let scan = barcode::scan_image(png.get_ref()).unwrap();
    assert_eq!(scan.texts.len(), symbols.len(), "{:?}", scan.unreadable);
    let r = decode_texts(&scan.texts).unwrap();
    assert_eq!(r.document, cms);
}

/// A code saved as a lossy JPEG (quality 60: ringing around every module edge), on a
/// grey, uneven background, as a phone or scanner would give it.
#[test]
fn decode_from_jpeg_image() {
    let cms = signed(&content(1500));
    let set = set_for(&cms);
    let mut a = Assembler::new();
    for (i, sym) in set.symbols().unwrap().iter().enumerate() {
        let code = sym.to_luma(4).unwrap();
        let (w, h) = (code.width() + 40, code.height() + 60);
        let mut page =
            image::GrayImage::from_fn(w, h, |x, y| image::Luma([200 + ((x + y) % 40) as u8]));
        image::imageops::replace(&mut page, &code, 20, 30);
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 60)
            .encode_image(&page)
            .unwrap();
        assert!(barcode::is_image(&jpeg));
        let scan = barcode::scan_image(&jpeg).unwrap();
        assert_eq!(scan.texts.len(), 1, "code {i}: {:?}", scan.unreadable);
        a.add_text(&scan.texts[0], format!("jpeg {i}")).unwrap();
    }
    let r = a.finish().unwrap();
    assert_eq!(r.document, cms);
    let verdict = r.signed_data().unwrap().verify(&verifier(), &options());
    assert!(verdict.is_valid(), "{verdict:?}");
}

#[test]
fn error_correction_levels_and_chunk_sizes() {
    let cms = signed(&content(2000));
    for (ec, chunk) in [(EcLevel::L, 1200), (EcLevel::H, 400), (EcLevel::Q, 650)] {
        let mut o = EncodeOptions::new("7", created());
        o.ec_level = ec;
        o.chunk_size = chunk;
        let set = encode(&cms, &o).unwrap();
        let symbols = set.symbols().unwrap();
        let texts: Vec<Vec<u8>> = symbols
            .iter()
            .map(|s| barcode::scan_image(&s.to_png(2).unwrap()).unwrap().texts[0].clone())
            .collect();
        assert_eq!(
            decode_texts(&texts).unwrap().document,
            cms,
            "{ec:?} {chunk}"
        );
    }
    // A chunk too big for one code is refused with the reason.
    let mut o = EncodeOptions::new("7", created());
    o.ec_level = EcLevel::H;
    o.chunk_size = 2000;
    let e = encode(&cms, &o).unwrap().symbols().unwrap_err().to_string();
    assert!(e.contains("do not fit in one QR code"), "{e}");
}

// ---------------------------------------------------------------------------------------
// Broken sets: each a clear error naming the element

fn elements() -> (Vec<u8>, Vec<BarcodeElement>) {
    let cms = signed(&content(5000));
    let set = set_for(&cms);
    assert!(set.len() >= 4);
    (cms, set.elements)
}

fn finish(elements: &[BarcodeElement]) -> String {
    let mut a = Assembler::new();
    for e in elements {
        a.add(e.clone(), format!("code{}.xml", e.number)).unwrap();
    }
    a.finish().unwrap_err().to_string()
}

#[test]
fn missing_element_named() {
    let (_, els) = elements();
    let n = els.len();
    let mut some: Vec<BarcodeElement> = els.iter().filter(|e| e.number != 3).cloned().collect();
    let e = finish(&some);
    assert!(
        e.contains(&format!("BarcodeElement 3 of {n} is missing")),
        "{e}"
    );
    some.retain(|e| e.number != 1);
    let e = finish(&some);
    assert!(
        e.contains(&format!("BarcodeElements 1, 3 of {n} are missing")),
        "{e}"
    );
}

#[test]
fn conflicting_duplicate_named() {
    let (cms, mut els) = elements();
    // An identical duplicate is fine.
    els.push(els[1].clone());
    let mut a = Assembler::new();
    for e in shuffle(&els) {
        a.add(e, "x").unwrap();
    }
    assert_eq!(a.finish().unwrap().document, cms);
    // A different one is not.
    let mut other = els[1].clone();
    other.data[10] ^= 0x55;
    els.push(other);
    let mut a = Assembler::new();
    for (i, e) in els.iter().enumerate() {
        a.add(e.clone(), format!("input{i}")).unwrap();
    }
    let e = a.finish().unwrap_err().to_string();
    assert!(
        e.contains("BarcodeElement 2 is given with different content"),
        "{e}"
    );
    assert!(e.contains(&format!("input{}", els.len() - 1)), "{e}");
}

#[test]
fn wrong_favor_id_named() {
    let (_, mut els) = elements();
    els[2].favor_id = "999".into();
    let e = finish(&els);
    assert!(
        e.contains(
            "BarcodeElement 3 (code3.xml) has FavorID \"999\", the set has \"001234567890\""
        ),
        "{e}"
    );
    // ... and an element of another set (other amount) too.
    let (_, mut els) = elements();
    els[1].amount += 1;
    let e = finish(&els);
    assert!(
        e.contains("BarcodeElement 2 (code2.xml) has elementsAmount"),
        "{e}"
    );
}

#[test]
fn corrupt_base64_named() {
    let (_, els) = elements();
    let n = els.len();
    let xml = els[1]
        .to_xml()
        .replacen("<elementData>", "<elementData>*", 1);
    let e = BarcodeElement::parse(xml.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&format!(
            "BarcodeElement 2 of {n}: elementData is not valid base64"
        )),
        "{e}"
    );
    // Valid base64 but damaged bytes: the archive does not inflate or its CRC fails.
    let mut damaged = els.clone();
    let mid = damaged[1].data.len() / 2;
    damaged[1].data[mid] ^= 0xFF;
    let e = finish(&damaged);
    assert!(e.contains("barcode archive"), "{e}");
}

#[test]
fn zip_bomb_refused() {
    // 20 MiB of zeros deflate to about 20 KiB: past the 16 MiB cap.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "one",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    let block = vec![0u8; 1 << 20];
    for _ in 0..20 {
        zip.write_all(&block).unwrap();
    }
    let archive = zip.finish().unwrap().into_inner();
    assert!(archive.len() < 64 * 1024);
    let chunks: Vec<&[u8]> = archive.chunks(650).collect();
    let mut a = Assembler::new();
    for (i, c) in chunks.iter().enumerate() {
        a.add(
            BarcodeElement {
                creation_date: "2026-11-22T15:30:00+06:00".into(),
                data: c.to_vec(),
                number: i as u32 + 1,
                amount: chunks.len() as u32,
                favor_id: "1".into(),
            },
            "bomb",
        )
        .unwrap();
    }
    let e = a.finish().unwrap_err();
    assert!(matches!(e, Error::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("zip bomb"), "{e}");
    // Lower caps through ArchiveLimits.
    let cms = signed(&content(3000));
    let set = set_for(&cms);
    let mut a = Assembler::with_limits(barcode::ArchiveLimits {
        max_document_len: 1000,
        ..Default::default()
    });
    for el in &set.elements {
        a.add(el.clone(), "x").unwrap();
    }
    assert!(matches!(a.finish(), Err(Error::TooLarge { .. })));
}

#[test]
fn oversized_set_refused() {
    let (_, els) = elements();
    let xml = els[0].to_xml().replacen(
        &format!("<elementsAmount>{}<", els[0].amount),
        "<elementsAmount>1001<",
        1,
    );
    let e = BarcodeElement::parse(xml.as_bytes()).unwrap_err();
    assert!(matches!(e, Error::TooMany { limit: 1000, .. }), "{e}");
    // Encoding refuses a document that would need more than 1000 codes.
    let mut o = EncodeOptions::new("1", created());
    o.chunk_size = 1;
    let Err(e) = encode(&signed(&content(100)), &o) else {
        panic!("a set of more than 1000 codes was made");
    };
    assert!(matches!(e, Error::TooMany { limit: 1000, .. }), "{e}");
    // An element larger than the bound is refused before parsing.
    let big = format!(
        "<BarcodeElement xmlns=\"http://barcodes.pdf.shep.nitec.kz/\"><elementData>{}</elementData></BarcodeElement>",
        "A".repeat(20_000)
    );
    assert!(matches!(
        BarcodeElement::parse(big.as_bytes()),
        Err(Error::TooLarge { .. })
    ));
    let data = "QUFB".repeat(1100);
    let xml = els[0].to_xml();
    let start = xml.find("<elementData>").unwrap() + "<elementData>".len();
    let end = xml.find("</elementData>").unwrap();
    let xml = format!("{}{data}{}", &xml[..start], &xml[end..]);
    let e = BarcodeElement::parse(xml.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("BarcodeElement 1 of") && e.contains("more than the limit"),
        "{e}"
    );
}

#[test]
fn qr_symbol_svg() {
    let s = QrSymbol::encode(b"hello", EcLevel::M).unwrap();
    let svg = s.to_svg(4).unwrap();
    assert!(svg.contains("<svg") && svg.contains("crispEdges"));
    assert_eq!(s.width(), 21);
}

// ---------------------------------------------------------------------------------------
// The command line

fn run(args: Vec<String>) -> Output {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    qoltanba(&refs)
}

#[test]
fn cli_encode_decode_verify() {
    let dir = tmp("cli");
    let text_doc = content(8000);
    let cms = signed(&text_doc);
    let signed_path = dir.join("signed.cms");
    std::fs::write(&signed_path, &cms).unwrap();
    let codes = dir.join("codes");
    let o = run(vec![
        "barcode".into(),
        "encode".into(),
        signed_path.display().to_string(),
        "--favor-id".into(),
        "001234567890".into(),
        "-o".into(),
        codes.display().to_string(),
        "--svg".into(),
        "--png".into(),
        "--module-size".into(),
        "3".into(),
        "--creation-date".into(),
        "2026-11-22T15:30:00+06:00".into(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let set = set_for(&cms);
    let n = set.len();
    for (i, xml) in set.xml().iter().enumerate() {
        let stem = format!("{:02}", i + 1);
        assert_eq!(
            std::fs::read_to_string(codes.join(format!("{stem}.xml"))).unwrap(),
            *xml
        );
        assert!(codes.join(format!("{stem}.svg")).is_file());
        assert!(codes.join(format!("{stem}.png")).is_file());
    }

    // decode: XML files in reverse order.
    let xml_files: Vec<String> = (1..=n)
        .rev()
        .map(|i| codes.join(format!("{i:02}.xml")).display().to_string())
        .collect();
    let out = dir.join("decoded.cms");
    let mut args: Vec<String> = vec!["barcode".into(), "decode".into()];
    args.extend(xml_files.iter().cloned());
    args.extend(["-o".into(), out.display().to_string()]);
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(std::fs::read(&out).unwrap(), cms);

    // verify: PNG images, shuffled; same verdict and JSON as `qoltanba verify`.
    let pngs: Vec<String> = shuffle(
        &(1..=n)
            .map(|i| codes.join(format!("{i:02}.png")).display().to_string())
            .collect::<Vec<_>>(),
    );
    let mut args: Vec<String> = vec!["barcode".into(), "verify".into()];
    args.extend(pngs);
    args.extend(trust_args());
    args.extend(["--iin".into(), "123456789011".into(), "--json".into()]);
    let o = run(args.clone());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let barcode_json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut direct: Vec<String> = vec!["verify".into(), signed_path.display().to_string()];
    direct.extend(trust_args());
    direct.extend(["--iin".into(), "123456789011".into(), "--json".into()]);
    let d = run(direct);
    assert_eq!(d.status.code(), Some(0), "{}", text(&d));
    let direct_json: serde_json::Value = serde_json::from_slice(&d.stdout).unwrap();
    assert_eq!(barcode_json["verdict"], "valid");
    assert_eq!(barcode_json["signers"], direct_json["signers"]);
    assert_eq!(barcode_json["checks"], direct_json["checks"]);

    // The folder itself (xml + png + svg inside: svg skipped, duplicates identical).
    let mut args: Vec<String> = vec![
        "barcode".into(),
        "verify".into(),
        codes.display().to_string(),
    ];
    args.extend(trust_args());
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("VALID"),
        "{}",
        text(&o)
    );

    // Wrong IIN: invalid (exit 1), as `qoltanba verify` says.
    let mut args: Vec<String> = vec!["barcode".into(), "verify".into()];
    args.extend(xml_files.iter().cloned());
    args.extend(trust_args());
    args.extend(["--iin".into(), "123456789012".into()]);
    let o = run(args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));

    // A missing code: exit 2, naming it.
    let mut args: Vec<String> = vec!["barcode".into(), "decode".into()];
    args.extend(xml_files.iter().filter(|f| !f.ends_with("02.xml")).cloned());
    args.extend(["-o".into(), dir.join("x").display().to_string()]);
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("BarcodeElement 2 of {n} is missing")),
        "{err}"
    );

    // A corrupt code: exit 2, naming the file and the element.
    let bad = dir.join("bad.xml");
    std::fs::write(
        &bad,
        set.elements[0]
            .to_xml()
            .replacen("<elementData>", "<elementData>%", 1),
    )
    .unwrap();
    let mut args: Vec<String> = vec!["barcode".into(), "verify".into()];
    args.extend(xml_files.iter().filter(|f| !f.ends_with("01.xml")).cloned());
    args.push(bad.display().to_string());
    args.extend(trust_args());
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.xml")
            && err.contains(&format!(
                "BarcodeElement 1 of {n}: elementData is not valid base64"
            )),
        "{err}"
    );

    // Codes that carry an XML document whose signature is an empty shell: the XML
    // signature is verified (not the CMS path), and it is invalid, exit 1.
    let xml_doc = dir.join("signed.xml");
    std::fs::write(&xml_doc, "<?xml version=\"1.0\"?><doc><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/></doc>").unwrap();
    let xml_codes = dir.join("xml-codes");
    let o = run(vec![
        "barcode".into(),
        "encode".into(),
        xml_doc.display().to_string(),
        "--favor-id".into(),
        "1".into(),
        "-o".into(),
        xml_codes.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut args: Vec<String> = vec![
        "barcode".into(),
        "verify".into(),
        xml_codes.display().to_string(),
        "--json".into(),
    ];
    args.extend(trust_args());
    let o = run(args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["verdict"], "invalid", "{report}");
    assert_eq!(report["format"], "xmldsig", "{report}");
}

/// issue 9, item 11: every rendering parameter is bounded before anything is drawn or
/// written; out of bounds is a usage error (exit 2) with the library's message.
#[test]
fn cli_encode_refuses_rendering_parameters_out_of_bounds() {
    let dir = tmp("cli-bounds");
    let signed_path = dir.join("signed.cms");
    std::fs::write(&signed_path, signed(&content(300))).unwrap();
    let encode = |codes: &str, extra: &[&str]| {
        let mut args: Vec<String> = vec![
            "barcode".into(),
            "encode".into(),
            signed_path.display().to_string(),
            "--favor-id".into(),
            "7".into(),
            "-o".into(),
            dir.join(codes).display().to_string(),
            "--creation-date".into(),
            "2026-11-22T15:30:00+06:00".into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        run(args)
    };
    let max = barcode::limits::MAX_MODULE_SIZE.to_string();
    let over = (barcode::limits::MAX_MODULE_SIZE + 1).to_string();
    for (module, chunk) in [
        ("0", "650"),
        (over.as_str(), "650"),
        ("1000", "650"),
        ("100000", "650"),
        ("4294967295", "650"),
        ("4", "0"),
        ("4", "2049"),
    ] {
        let codes = format!("refused-{module}-{chunk}");
        let o = encode(
            &codes,
            &["--png", "--module-size", module, "--chunk-size", chunk],
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("out of range"), "{}", text(&o));
        assert!(
            !dir.join(&codes).exists(),
            "nothing is written before the parameters are checked"
        );
    }
    // The bounds themselves are accepted (the largest PNG is drawn by the library tests).
    for (name, extra) in [
        ("smallest", vec!["--png", "--svg", "--module-size", "1"]),
        ("largest", vec!["--svg", "--module-size", max.as_str()]),
        ("largest-chunk", vec!["--chunk-size", "2048"]),
    ] {
        let o = encode(name, &extra);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o));
    }
}

/// A real-shaped eGov code set: each code carries its own creationDate, milliseconds apart
/// in elementNumber order (as eGov makes them), around a real GOST 34.310-2004 XML
/// signature by Kalkan (`../shared/nca-test-pki/xml/gost2004_org_2020.xml`). It decodes,
/// the dates are reported, and `barcode verify` verifies the XML inside; codes of another
/// document are still refused.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn egov_codes_with_their_own_creation_dates() {
    let Some(pki_dir) = common::shared("nca-test-pki") else {
        return;
    };
    let xml = std::fs::read(pki_dir.join("xml/gost2004_org_2020.xml")).unwrap();
    let mut options = EncodeOptions::new(
        "002147483647",
        DateTime::parse_from_rfc3339("2020-06-01T10:15:36+06:00").unwrap(),
    );
    options.chunk_size = 400;
    let set = barcode::encode(&xml, &options).unwrap();
    let n = set.len();
    assert!(n >= 3, "{n} codes");
    let dates: Vec<String> = (0..n)
        .map(|i| format!("2020-06-01T10:15:{:06.3}+06:00", 36.844 + 0.0635 * i as f64))
        .collect();
    let written = "<creationDate>2020-06-01T10:15:36+06:00</creationDate>";
    let mut texts: Vec<String> = set
        .xml()
        .iter()
        .zip(&dates)
        .map(|(t, d)| {
            assert!(t.contains(written));
            t.replace(written, &format!("<creationDate>{d}</creationDate>"))
        })
        .collect();
    texts.reverse();
    let r = barcode::decode_texts(&texts).unwrap();
    assert_eq!(r.document, xml);
    assert_eq!(r.creation_dates, dates);
    assert_eq!(r.creation_date, dates[0]);

    // The GOST 2004 XML inside verifies (its CRL is of 2022: revocation at 2020 unknown).
    let v = Verifier::builder()
        .trust_path(pki_dir.join("gost2004/nca_gost_test.crt"))
        .unwrap()
        .crl_path(pki_dir.join("gost2004/nca_gost_test.crl"))
        .unwrap()
        .build();
    let at = qoltanba::Expectation::at(common::time("2020-06-01T00:00:00Z"));
    let verdict = qoltanba::xmldsig::verify(&r.document, &v, &at).unwrap();
    for name in [
        qoltanba::CheckName::Reference,
        qoltanba::CheckName::Signature,
        qoltanba::CheckName::Chain,
    ] {
        assert_eq!(
            verdict.check(name).map(|c| c.outcome()),
            Some(qoltanba::Outcome::Passed),
            "{name:?}: {verdict:#?}"
        );
    }
    assert_eq!(verdict.overall(), qoltanba::Overall::Indeterminate);

    // The command line, on the code files.
    let dir = tmp("egov");
    let mut files = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let f = dir.join(format!("code{i}.xml"));
        std::fs::write(&f, t).unwrap();
        files.push(f.display().to_string());
    }
    let trust = pki_dir
        .join("gost2004/nca_gost_test.crt")
        .display()
        .to_string();
    let mut args = vec!["barcode", "verify"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--trust", &trust, "--at", "2020-06-01T00:00:00Z"]);
    let out = qoltanba(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("gost34310-gost34311"), "{stdout}");

    // A code of another document (another FavorID) is still refused.
    let mut mixed = texts.clone();
    mixed[0] = mixed[0].replace("002147483647", "002147483648");
    let e = barcode::decode_texts(&mixed).unwrap_err();
    assert!(e.to_string().contains("another document"), "{e}");
}
