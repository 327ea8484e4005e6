use super::dictionary::{name_after, read_signature};
use super::judge::lock_check;
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

/// A lock followed by a revision: a permission of 1 fails the signature; one of 2 or 3, or
/// a form field lock, cannot be proven respected (the library compares no revisions):
/// unknown; with no revision after the signature, nothing.
#[test]
fn a_lock_followed_by_a_revision_is_failed_or_unknown() {
    let m = |docmdp, lock_p, field: Option<&str>| {
        Ok(form::Mdp {
            docmdp,
            lock_p,
            field_lock: field.map(String::from),
        })
    };
    assert!(lock_check(&m(Some(1), None, None), 100, 100).is_none());
    for failed in [m(Some(1), None, None), m(Some(2), Some(1), Some("All"))] {
        let c = lock_check(&failed, 90, 100).expect("a check");
        assert_eq!(c.outcome, Outcome::Failed, "{failed:?}");
    }
    for unknown in [
        m(Some(2), None, None),
        m(Some(3), None, None),
        m(None, None, Some("Include")),
        m(None, None, Some("All")),
        m(None, Some(3), Some("Exclude")),
        Err("unreadable".into()),
    ] {
        let c = lock_check(&unknown, 90, 100).expect("a check");
        assert_eq!(c.outcome, Outcome::Unknown, "{unknown:?}");
        assert!(
            c.reason.contains("cannot be read") || c.reason.contains("does not compare revisions")
        );
    }
    // No lock: a later revision is the content check's business, not this one's.
    assert!(lock_check(&m(None, None, None), 90, 100).is_none());
}

/// A `/ByteRange` in the bytes that no signature field names is no signature a reader
/// shows: listed, at best indeterminate, and it never covers the file.
#[test]
fn a_byte_range_no_field_names_counts_for_nothing() {
    let contents = "<30030201000000>";
    let mut range = String::from("[0 1 2 3]");
    let make = |range: &str| {
        let body = format!("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n5 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange {range} /Contents {contents} >>\nendobj\n");
        let xref = body.len();
        format!("{body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").into_bytes()
    };
    for _ in 0..3 {
        let f = make(&range);
        let text = String::from_utf8_lossy(&f).into_owned();
        let b = text.find(contents).expect("the contents");
        let c = b + contents.len();
        range = format!("[0 {b} {c} {}]", f.len() - c);
    }
    let pdf = make(&range);
    let verifier = crate::Verifier::builder().build();
    let options = VerifyOptions::at("2026-11-23T00:00:00Z".parse().expect("a time"));
    let v = verify(&pdf, &verifier, &options).expect("a verdict");
    assert_eq!(v.signatures().len(), 1);
    assert!(!v.signatures()[0].covers_whole_file());
    assert!(v.signatures()[0]
        .checks()
        .iter()
        .any(|c| c.reason.contains("no signature field of the form names")));
    assert_eq!(v.verdict, Overall::Invalid);
    assert!(v
        .checks
        .iter()
        .any(|c| c.check == CheckName::Content && c.outcome == Outcome::Failed));
}
