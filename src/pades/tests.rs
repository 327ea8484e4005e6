use super::dictionary::name_after;
use super::*;

#[test]
fn dictionary_values_are_read_by_key() {
    let d = b"1 0 obj << /Type /Sig /SubFilter /ETSI.CAdES.detached /MDP (x) /M (D:20261122093000+00'00') >>";
    assert_eq!(
        name_after(d, b"/SubFilter").as_deref(),
        Some("ETSI.CAdES.detached")
    );
    // /M, not the /MDP before it.
    assert_eq!(
        text::text_after(d, b"/M").as_deref(),
        Some("D:20261122093000+00'00'")
    );
    assert_eq!(text::text_after(b"<< /MDP (x) >>", b"/M"), None);
}

/// A file around one signature dictionary, with `range` and `contents` as written.
fn file(range: &str, contents: &str) -> Vec<u8> {
    format!("%PDF-1.7\n5 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange {range} /Contents {contents} >>\nendobj\ntrailer\n%%EOF\n").into_bytes()
}

#[test]
fn a_byte_range_must_frame_exactly_the_contents_string() {
    let probe = file("[0 0 0 0]", "<3003020100>");
    let text = String::from_utf8(probe.clone()).unwrap();
    let b = text.find("<3003").unwrap();
    let c = b + "<3003020100>".len();
    let d = probe.len() - c;
    // Frames that are not: each refused whatever the exact offsets.
    for (range, why) in [
        (format!("[1 {b} {c} {}]", d - 1), "not from byte 0"),
        (format!("[0 {} {c} {d}]", b + 1), "gap not the string"),
        (format!("[0 {b} {} {}]", c - 1, d + 1), "gap not the string"),
        (format!("[0 {b} {c} {}]", d + 1), "past the end"),
        (format!("[0 {b} {c} {d} 7]"), "five numbers"),
        (format!("[0 {b} {c}]"), "three numbers"),
        (format!("[0 {b} {c} -{d}]"), "negative"),
        ("[0 99999999999999999999 1 1]".to_string(), "huge"),
    ] {
        // Keep the offsets: pad the array to the length of the one measured.
        let padded = format!("{range:<width$}", width = 9);
        let f = file(&padded, "<3003020100>");
        let at = String::from_utf8_lossy(&f).find("/ByteRange").unwrap();
        assert!(read_signature(&f, at).is_err(), "{why}: {range}");
    }
    // The gap's string: odd hex, a non-hex digit, something after the DER but zeros.
    for contents in ["<300302010>", "<30030201XX>", "<300302010001>"] {
        let f = file("[0 1 2 3]", contents);
        let text = String::from_utf8_lossy(&f).into_owned();
        let b = text.find(contents).unwrap();
        let c = b + contents.len();
        let range = format!("[0 {b} {c} {}]", f.len() - c);
        let g = file(&range, contents);
        // The array grew: re-measure once more for the final offsets.
        let text = String::from_utf8_lossy(&g).into_owned();
        let b = text.find(contents).unwrap();
        let c = b + contents.len();
        let range = format!("[0 {b} {c} {}]", g.len() - c);
        let h = file(&range, contents);
        let at = String::from_utf8_lossy(&h).find("/ByteRange").unwrap();
        assert!(read_signature(&h, at).is_err(), "{contents}");
    }
    // And the well-framed, well-padded one reads.
    let contents = "<30030201000000>";
    let mut range = String::from("[0 1 2 3]");
    for _ in 0..3 {
        let f = file(&range, contents);
        let text = String::from_utf8_lossy(&f).into_owned();
        let b = text.find(contents).unwrap();
        let c = b + contents.len();
        range = format!("[0 {b} {c} {}]", f.len() - c);
    }
    let f = file(&range, contents);
    let at = String::from_utf8_lossy(&f).find("/ByteRange").unwrap();
    let found = read_signature(&f, at).unwrap();
    assert_eq!(found.cms, [0x30, 0x03, 0x02, 0x01, 0x00]);
    assert_eq!(found.sub_filter, PADES_SUBFILTER);
}

/// A PDF over `limits::MAX_PDF_LEN` is refused before it is read, by the verification and
/// by the signer; one at the limit is read (and judged: here, no signature).
#[test]
fn pdfs_over_the_size_bound_are_refused_unread() {
    let verifier = crate::Verifier::builder().build();
    let options = VerifyOptions::at("2026-11-23T00:00:00Z".parse().expect("a time"));
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(limits::MAX_PDF_LEN + 1, b' ');
    assert!(matches!(
        verify(&pdf, &verifier, &options),
        Err(Error::TooLarge { limit, .. }) if limit == limits::MAX_PDF_LEN
    ));
    #[cfg(feature = "pdf-sign")]
    {
        let bundle = crate::keys::open_pkcs12(
            &std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/test-vectors/pki/individual_sign.p12"
            ))
            .expect("the test PKI"),
            b"Qwerty12",
        )
        .expect("the key");
        let request = crate::cms::SignRequest::new(
            &bundle.certificate,
            "2026-11-23T00:00:00Z".parse().expect("a time"),
        );
        assert!(matches!(
            sign(&pdf, &request, &bundle.key, &PdfSignOptions::default()),
            Err(Error::TooLarge { .. })
        ));
    }
    pdf.truncate(limits::MAX_PDF_LEN);
    assert!(!matches!(
        verify(&pdf, &verifier, &options),
        Err(Error::TooLarge { .. })
    ));
}

/// The signer's claims are read only where the signature covers them: a `/Reason` after
/// the end of the second range (before `endobj`) is not the signer's.
#[test]
fn claims_outside_the_byte_range_are_not_read() {
    let contents = "<3003020100>";
    let make = |range: &str, tail: &str| {
        format!("%PDF-1.7\n5 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /Reason (signed) /ByteRange {range} /Contents {contents} {tail}>>\nendobj\n").into_bytes()
    };
    // Offsets measured on a frame of the final width.
    let probe = make("[0 000 000 00]", "/Location (added) ");
    let text = String::from_utf8_lossy(&probe).into_owned();
    let b = text.find(contents).unwrap();
    let c = b + contents.len();
    let at = text.find("/ByteRange").unwrap();
    // The second range ends right after /Contents: the /Location after it is not covered.
    let range = format!("[0 {b} {c} {:02}]", 1);
    assert_eq!(range.len(), "[0 000 000 00]".len(), "{range}");
    let pdf = make(&range, "/Location (added) ");
    let found = read_signature(&pdf, at).expect("a frame");
    assert_eq!(
        text::text_after(found.dictionary, b"/Reason").as_deref(),
        Some("signed")
    );
    assert_eq!(text::text_after(found.dictionary, b"/Location"), None);
    // Covered to the end of the file: read.
    let d = pdf.len() - c;
    let range = format!("[0 {b} {c} {d}]");
    assert_eq!(range.len(), "[0 000 000 00]".len(), "{range}");
    let pdf = make(&range, "/Location (added) ");
    let found = read_signature(&pdf, at).expect("a frame");
    assert_eq!(
        text::text_after(found.dictionary, b"/Location").as_deref(),
        Some("added")
    );
}
