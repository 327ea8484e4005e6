//! Tests of the BER reader, the OID conversions and the DER writer.

use super::*;

#[test]
fn oid_roundtrip() {
    for s in [
        "1.2.840.113549.1.7.2",
        "2.16.840.1.101.3.4.2.1",
        "1.2.398.3.10.1.1.2.3.2",
        "2.999.1",
        "0.9.2342.19200300.100.1.25",
        // Arcs of one digit, of 20 (the largest that fits 64 bits) and 0.
        "1.2.0.18446744073709551615.10.9",
        "0.0",
        "2.18446744073709551535",
    ] {
        assert_eq!(oid_to_string(&oid_content(s)).as_deref(), Some(s));
    }
    assert!(oid_to_string(&[]).is_none());
    assert!(oid_to_string(&[0x2a, 0x86]).is_none());
    assert!(oid_to_string(&[0x80, 0x01]).is_none());
}

#[test]
fn oid_writer_and_reader() {
    let der = oid("1.2.840.113549.1.1.1");
    assert_eq!(
        der,
        [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
    );
    let t = Tlv::read_exact(&der, "t").unwrap();
    assert_eq!(t.oid("t").unwrap(), "1.2.840.113549.1.1.1");
    // Not an OID, constructed, empty, unterminated, non-minimal: errors.
    for bad in [
        &[0x04, 0x01, 0x2a][..],
        &[0x26, 0x00],
        &[0x06, 0x00],
        &[0x06, 0x02, 0x2a, 0x86],
        &[0x06, 0x03, 0x2a, 0x80, 0x01],
    ] {
        let t = Tlv::read_exact(bad, "t").unwrap();
        assert!(t.oid("t").is_err(), "{bad:02x?}");
    }
}

#[test]
fn indefinite_and_constructed_strings() {
    // [0] indefinite { OCTET STRING constructed indefinite { "ab", "c" } }
    let ber = [
        0xA0, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x00, 0x00,
    ];
    let t = Tlv::read_exact(&ber, "t").unwrap();
    assert!(t.indefinite && t.is_context(0));
    let inner = t.children_vec(10, "t").unwrap();
    assert_eq!(inner.len(), 1);
    assert_eq!(&*inner[0].octets("t").unwrap(), b"abc");
    let def = t.to_definite().unwrap();
    assert_eq!(
        &*def,
        &[0xA0, 0x09, 0x24, 0x07, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c'][..]
    );
    // Definite input is kept byte for byte.
    let again = Tlv::read_exact(&def, "t").unwrap();
    assert!(matches!(again.to_definite().unwrap(), Cow::Borrowed(_)));
}

#[test]
fn indefinite_lengths_and_chunked_octet_strings() {
    // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" } }
    let ber = [
        0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x00, 0x00,
    ];
    let tlv = Tlv::read_exact(&ber, "test").unwrap();
    let mut seq = tlv.sequence("test").unwrap();
    let os = seq.next("os").unwrap();
    assert_eq!(&*os.secret_octets("test").unwrap(), b"abc");
    seq.finish().unwrap();
    for cut in 0..ber.len() {
        assert!(Tlv::read_exact(&ber[..cut], "test").is_err());
    }
}

#[test]
fn only_00_00_ends_an_indefinite_length() {
    // SEQUENCE (indefinite) { [0] (constructed, empty), INTEGER 5 }: `A0 00` is an
    // element, not an end-of-contents.
    let ber = [0x30, 0x80, 0xA0, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00];
    let t = Tlv::read_exact(&ber, "t").unwrap();
    let mut seq = t.sequence("t").unwrap();
    assert!(seq.next_if_context(0).unwrap().is_some());
    assert_eq!(seq.next("n").unwrap().uint_u64("t").unwrap(), 5);
    seq.finish().unwrap();
    // An end-of-contents anywhere else is an error.
    assert!(Tlv::read_exact(&[0x00, 0x00], "t").is_err());
    let t = Tlv::read_exact(&[0x30, 0x02, 0x00, 0x00], "t").unwrap();
    assert!(t.sequence("t").unwrap().next_opt().is_err());
}

#[test]
fn secret_octets_are_zeroizing_when_reassembled() {
    // Primitive: borrowed from the input.
    let prim = [0x04, 0x03, 1, 2, 3];
    let t = Tlv::read_exact(&prim, "t").unwrap();
    assert!(matches!(t.secret_octets("t").unwrap(), Octets::Borrowed(b) if b == [1, 2, 3]));
    // Constructed (nested): reassembled into a Zeroizing buffer that never had to grow.
    let ber = [
        0x24, 0x80, 0x04, 0x01, 1, 0x24, 0x06, 0x04, 0x01, 2, 0x04, 0x01, 3, 0x00, 0x00,
    ];
    let t = Tlv::read_exact(&ber, "t").unwrap();
    match t.secret_octets("t").unwrap() {
        Octets::Owned(v) => {
            let v: Zeroizing<Vec<u8>> = v;
            assert_eq!(&v[..], [1, 2, 3]);
            assert_eq!(v.capacity(), t.content.len());
        }
        Octets::Borrowed(_) => panic!("a constructed string must be reassembled"),
    }
    // The tag is checked by secret_octets, not by secret_octets_any_tag.
    let implicit = [0x80, 0x02, 7, 8];
    let t = Tlv::read_exact(&implicit, "t").unwrap();
    assert!(t.secret_octets("t").is_err());
    assert_eq!(&*t.secret_octets_any_tag("t").unwrap(), [7, 8]);
    // Segments must be OCTET STRINGs.
    let bad = [0x24, 0x03, 0x02, 0x01, 0x01];
    let t = Tlv::read_exact(&bad, "t").unwrap();
    assert!(t.secret_octets("t").is_err());
    assert!(t.octets("t").is_err());
}

#[test]
fn secret_octets_bounds() {
    // Segments nested MAX_SECRET_SEGMENT_DEPTH deep are fine, one more level is not.
    let nest = |levels: usize| {
        let mut v = vec![0x04, 0x01, 0xAA];
        for _ in 0..levels {
            v = der(0x24, &v);
        }
        v
    };
    let ok = nest(MAX_SECRET_SEGMENT_DEPTH);
    let t = Tlv::read_exact(&ok, "t").unwrap();
    assert_eq!(&*t.secret_octets("t").unwrap(), [0xAA]);
    let deep = nest(MAX_SECRET_SEGMENT_DEPTH + 1);
    let t = Tlv::read_exact(&deep, "t").unwrap();
    assert!(t.secret_octets("t").is_err());
    // At most MAX_SECRET_SEGMENTS segments.
    let many = |n: usize| {
        let mut v = vec![0x24, 0x80];
        for _ in 0..n {
            v.extend_from_slice(&[0x04, 0x00]);
        }
        v.extend_from_slice(&[0x00, 0x00]);
        v
    };
    let ok = many(MAX_SECRET_SEGMENTS);
    let t = Tlv::read_exact(&ok, "t").unwrap();
    assert!(t.secret_octets("t").unwrap().is_empty());
    let too_many = many(MAX_SECRET_SEGMENTS + 1);
    let t = Tlv::read_exact(&too_many, "t").unwrap();
    assert!(matches!(
        t.secret_octets("t"),
        Err(Error::TooMany {
            limit: MAX_SECRET_SEGMENTS,
            ..
        })
    ));
}

#[test]
fn cursor() {
    // SEQUENCE { INTEGER 1, [0] { OID 1.2.3 }, SET {}, [1] 0x05 }
    let mut body = small_integer(1);
    body.extend(der(0xA0, &oid("1.2.3")));
    body.extend(der(0x31, &[]));
    body.extend(der(0x81, &[5]));
    let enc = der(0x30, &body);
    let t = Tlv::read_exact(&enc, "t").unwrap();
    assert!(t.set("t").is_err());
    let mut seq = t.sequence("t").unwrap();
    // An optional field that is not there leaves the cursor where it was.
    assert!(seq.next_if_context(0).unwrap().is_none());
    assert!(seq.next_if(tag::SET).unwrap().is_none());
    assert_eq!(seq.next("version").unwrap().small_uint("t").unwrap(), 1);
    assert!(seq.finish().is_err());
    let tagged = seq.next_if_context(0).unwrap().unwrap();
    assert_eq!(
        tagged.explicit_inner("t").unwrap().oid("t").unwrap(),
        "1.2.3"
    );
    let set = seq.next_if(tag::SET).unwrap().unwrap();
    assert!(set.set("t").unwrap().next_opt().unwrap().is_none());
    assert!(seq.next_if_context(0).unwrap().is_none());
    let implicit = seq.next_if_context(1).unwrap().unwrap();
    assert!(!implicit.constructed && implicit.content == [5]);
    seq.finish().unwrap();
    assert!(seq.next_opt().unwrap().is_none());
    assert!(matches!(
        seq.next("x"),
        Err(Error::MalformedDer { what: "t", ref reason }) if reason == "missing x"
    ));
    // explicit_inner wants exactly one element.
    let two = der(0xA0, &[small_integer(1), small_integer(2)].concat());
    let t = Tlv::read_exact(&two, "t").unwrap();
    assert!(t.explicit_inner("t").is_err());
    assert!(Tlv::read_exact(&[0xA0, 0x00], "t")
        .unwrap()
        .explicit_inner("t")
        .is_err());
    // A malformed next element is an error even for an optional field.
    let bad = [0x30, 0x02, 0x02, 0x05];
    let t = Tlv::read_exact(&bad, "t").unwrap();
    assert!(t.sequence("t").unwrap().next_if_context(0).is_err());
}

#[test]
fn algorithm_identifier() {
    let with = sequence(&[&oid("1.2.840.113549.1.1.1"), &[0x05, 0x00]]);
    let t = Tlv::read_exact(&with, "t").unwrap();
    let alg = AlgId::read(&t, "t").unwrap();
    assert_eq!(alg.oid, "1.2.840.113549.1.1.1");
    assert_eq!(alg.params.map(|p| p.raw), Some(&[0x05, 0x00][..]));
    let without = sequence(&[&oid("1.3.101.112")]);
    let t = Tlv::read_exact(&without, "t").unwrap();
    assert!(AlgId::read(&t, "t").unwrap().params.is_none());
    for bad in [
        sequence(&[]),
        sequence(&[&[0x05, 0x00]]),
        sequence(&[&oid("1.2.3"), &[0x05, 0x00], &[0x05, 0x00]]),
        der(0x31, &oid("1.2.3")),
    ] {
        let t = Tlv::read_exact(&bad, "t").unwrap();
        assert!(AlgId::read(&t, "t").is_err(), "{bad:02x?}");
    }
}

#[test]
fn integers_and_bit_strings() {
    fn read(b: &[u8]) -> Tlv<'_> {
        Tlv::read_exact(b, "t").unwrap()
    }
    assert_eq!(read(&[0x02, 0x01, 0x00]).uint_u64("t").unwrap(), 0);
    let big = [0x02, 0x05, 0x00, 0x80, 0x00, 0x00, 0x00];
    assert_eq!(read(&big).uint_u64("t").unwrap(), 0x8000_0000);
    assert_eq!(read(&big).uint_bytes("t").unwrap(), [0x80, 0, 0, 0]);
    // small_uint stays within 4 content octets.
    assert!(read(&big).small_uint("t").is_err());
    let nine = [0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
    assert!(read(&nine).uint_u64("t").is_err());
    assert_eq!(read(&nine).uint_bytes("t").unwrap().len(), 9);
    for bad in [
        &[0x02, 0x01, 0x80][..],
        &[0x02, 0x00],
        &[0x22, 0x00],
        &[0x04, 0x01, 0x01],
    ] {
        assert!(read(bad).uint_bytes("t").is_err(), "{bad:02x?}");
        assert!(read(bad).small_uint("t").is_err(), "{bad:02x?}");
    }
    assert_eq!(
        read(&[0x03, 0x02, 0x00, 0xAB])
            .bit_string_octets("t")
            .unwrap(),
        [0xAB]
    );
    for bad in [
        &[0x03, 0x02, 0x01, 0xAB][..],
        &[0x03, 0x00],
        &[0x23, 0x00],
        &[0x04, 0x01, 0x00],
    ] {
        assert!(read(bad).bit_string_octets("t").is_err(), "{bad:02x?}");
    }
}

#[test]
fn truncations_are_errors() {
    let ber = [
        0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x00, 0x00, 0x00, 0x00,
    ];
    assert!(Tlv::read_exact(&ber, "t").is_ok());
    for n in 0..ber.len() {
        assert!(Tlv::read_exact(&ber[..n], "t").is_err(), "{n}");
    }
}

#[test]
fn depth_is_bounded() {
    let nested = |levels: usize| {
        let mut v = Vec::new();
        for _ in 0..levels {
            v.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..levels {
            v.extend_from_slice(&[0, 0]);
        }
        v
    };
    assert!(Tlv::read_exact(&nested(200), "t").is_err());
    // MAX_DEPTH levels below the outermost element are read, one more is not.
    assert!(Tlv::read_exact(&nested(MAX_DEPTH + 1), "t").is_ok());
    assert!(Tlv::read_exact(&nested(MAX_DEPTH + 2), "t").is_err());
}

#[test]
fn writer() {
    assert_eq!(small_integer(1), vec![2, 1, 1]);
    assert_eq!(small_integer(0), vec![2, 1, 0]);
    assert_eq!(small_integer(128), vec![2, 2, 0, 128]);
    assert_eq!(der(0x04, &[0; 3])[..2], [0x04, 3]);
    assert_eq!(der(0x04, &[0; 200])[..3], [0x04, 0x81, 200]);
    assert_eq!(der(0x04, &[0; 300])[..4], [0x04, 0x82, 1, 44]);
    assert_eq!(
        set_of(vec![vec![2, 1, 5], vec![2, 1, 3]]),
        vec![0x31, 6, 2, 1, 3, 2, 1, 5]
    );
}

/// `levels` indefinite-length SEQUENCEs (`tag`) one inside the other, the innermost holding
/// `leaves` primitive OCTET STRINGs of 14 bytes, each its index: the shape of issue 9's BER
/// bomb. Returns the BER and its definite-length re-encoding, built independently.
fn nested_indefinite(tag: u8, levels: usize, leaves: usize) -> (Vec<u8>, Vec<u8>) {
    let mut body = Vec::with_capacity(leaves * 16);
    for i in 0..leaves {
        body.extend(octet_string(&(i as u128).to_be_bytes()[2..]));
    }
    let mut ber = Vec::with_capacity(body.len() + 4 * levels);
    for _ in 0..levels {
        ber.extend_from_slice(&[tag, 0x80]);
    }
    ber.extend_from_slice(&body);
    for _ in 0..levels {
        ber.extend_from_slice(&[0, 0]);
    }
    let mut definite = body;
    for _ in 0..levels {
        definite = der(tag, &definite);
    }
    (ber, definite)
}

#[test]
fn to_definite_reads_each_element_a_bounded_number_of_times() {
    // 40 levels of indefinite lengths over 20,000 elements: converted in passes over the
    // input, not once per level (issue 9: 64 MB nested 40 deep took 20 s and 1 GB).
    let (ber, definite) = nested_indefinite(0x30, 40, 20_000);
    let elements = 40 + 20_000;
    let t = Tlv::read_exact(&ber, "t").unwrap();
    let before = headers_read();
    let out = t.to_definite().unwrap();
    let reads = headers_read() - before;
    assert_eq!(&*out, &definite[..]);
    assert!(
        reads <= 3 * elements,
        "{reads} element headers read to convert {elements} elements"
    );
    // Definite lengths throughout, with one indefinite element at the bottom: only the path
    // to it is re-encoded; the rest is kept byte for byte (a non-minimal length included).
    let mut inner = vec![0x30, 0x81, 0x03, 0x02, 0x01, 0x07];
    inner.extend_from_slice(&[0x31, 0x80, 0x05, 0x00, 0x00, 0x00]);
    let ber = der(0xA0, &der(0x30, &inner));
    let t = Tlv::read_exact(&ber, "t").unwrap();
    let expected = der(
        0xA0,
        &der(
            0x30,
            &[
                &[0x30, 0x81, 0x03, 0x02, 0x01, 0x07][..],
                &[0x31, 0x02, 0x05, 0x00],
            ]
            .concat(),
        ),
    );
    assert_eq!(&*t.to_definite().unwrap(), &expected[..]);
}

#[test]
fn constructed_strings_are_reassembled_in_one_pass() {
    // A constructed OCTET STRING nested 40 deep with indefinite lengths: its segments are
    // collected in one pass, not re-scanned at every level.
    let (ber, definite) = nested_indefinite(0x24, 40, 20_000);
    let elements = 40 + 20_000;
    let t = Tlv::read_exact(&ber, "t").unwrap();
    let mut expected = Vec::new();
    for i in 0..20_000u128 {
        expected.extend_from_slice(&i.to_be_bytes()[2..]);
    }
    let before = headers_read();
    assert_eq!(&*t.octets("t").unwrap(), &expected[..]);
    let reads = headers_read() - before;
    assert!(
        reads <= 2 * elements,
        "{reads} element headers read to reassemble {elements} elements"
    );
    assert_eq!(
        &*Tlv::read_exact(&definite, "t")
            .unwrap()
            .octets("t")
            .unwrap(),
        &expected[..]
    );
}

#[test]
fn one_header_decoder_two_rule_sets() {
    use super::{decode_header, HeaderFault, Rules};
    // Indefinite length: BER yes, DER no.
    assert!(decode_header(&[0x30, 0x80, 0, 0], Rules::Ber).is_ok());
    assert_eq!(
        decode_header(&[0x30, 0x80, 0, 0], Rules::Der).err(),
        Some(HeaderFault::Indefinite)
    );
    // A long-form length below 128, or with a leading zero octet: BER yes, DER no.
    for input in [
        &[0x04, 0x81, 0x01, 0xAA][..],
        &[0x04, 0x82, 0x00, 0x01, 0xAA][..],
    ] {
        assert!(decode_header(input, Rules::Ber).is_ok());
        assert_eq!(
            decode_header(input, Rules::Der).err(),
            Some(HeaderFault::NonMinimal)
        );
    }
    // A high tag number form for a number below 31: DER no.
    assert!(decode_header(&[0x9F, 0x05, 0x00], Rules::Ber).is_ok());
    assert_eq!(
        decode_header(&[0x9F, 0x05, 0x00], Rules::Der).err(),
        Some(HeaderFault::NonMinimal)
    );
    assert!(decode_header(&[0x9F, 0x1F, 0x00], Rules::Der).is_ok());
    // End-of-contents is never an element; the contents are not the decoder's business.
    assert_eq!(
        decode_header(&[0x00, 0x00], Rules::Der).err(),
        Some(HeaderFault::EndOfContents)
    );
    let h = decode_header(&[0x04, 0x05, 0x01], Rules::Der).unwrap();
    assert_eq!(h.len, Some(5));
    assert_eq!(
        super::contents_fit(&[0x04, 0x05, 0x01], h).err(),
        Some(HeaderFault::ContentsTruncated)
    );
}

#[test]
fn minimal_lengths_normalise_what_ber_writers_vary() {
    // SEQUENCE (indefinite) { SET (long form 0x81 0x07) { SEQUENCE { OID (0x81 0x03) 2.5.4.3,
    // UTF8String "A" } } }
    let ber_name = [
        0x30, 0x80, 0x31, 0x81, 0x0B, 0x30, 0x09, 0x06, 0x81, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x01,
        b'A', 0x00, 0x00,
    ];
    let tlv = Tlv::read_exact(&ber_name, "t").unwrap();
    // to_definite keeps definite lengths as they are ...
    let definite = tlv.to_definite().unwrap();
    assert!(crate::der::header(&definite[2..]).is_none());
    // ... to_minimal_lengths gives what the DER reader reads.
    let der = tlv.to_minimal_lengths().unwrap();
    assert_eq!(
        der.as_ref(),
        [0x30, 0x0C, 0x31, 0x0A, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0C, 0x01, b'A']
    );
    assert!(crate::name::Name::from_der(&der).is_ok());
    // Already DER: borrowed as it is.
    let tlv = Tlv::read_exact(&der, "t").unwrap();
    assert!(matches!(
        tlv.to_minimal_lengths().unwrap(),
        Cow::Borrowed(_)
    ));
}
