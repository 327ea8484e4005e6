//! The name reader and comparison key as they were before the key became one byte string:
//! nested vectors of (OID octets, normalised text or raw value), and every attribute's
//! texts made when the name is read. Kept as the oracle of the differential tests below,
//! which check the new reader against it on many generated names, hostile ones included:
//! the same names accepted and refused (with the same error), the same key (byte for byte
//! the old one's encoding), the same equality and order, the same attributes and text.

use super::{
    decode_directory_string, hex_upper, malformed, put_escaped, short_name, value_tag, Attribute,
    Name, Rdns, ValueKey, ATTRIBUTE, RAW, RDN_END, TEXT,
};
use crate::der::{Reader, Tlv, TAG_OID, TAG_SEQUENCE, TAG_SET};

/// RFC 5280 §7.1 (simplified RFC 4518): case-fold, drop leading/trailing whitespace,
/// collapse inner whitespace runs to one space.
pub(super) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match u32::from(c) {
                _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                u @ 0x0410..=0x042F => out.extend(char::from_u32(u + 0x20)),
                u @ 0x0400..=0x040F => out.extend(char::from_u32(u + 0x50)),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// The byte-string key of an old RDN sequence (each RDN already sorted, as the old reader
/// left it).
pub(super) fn encode(rdns: &[Vec<(Vec<u8>, ValueKey)>]) -> Vec<u8> {
    let mut out = Vec::new();
    for rdn in rdns {
        for (oid, value) in rdn {
            out.push(ATTRIBUTE);
            put_escaped(&mut out, oid);
            match value {
                ValueKey::Text(t) => {
                    out.push(TEXT);
                    put_escaped(&mut out, t.as_bytes());
                }
                ValueKey::Raw(tag, data) => {
                    out.push(RAW);
                    out.extend_from_slice(&tag.to_be_bytes());
                    put_escaped(&mut out, data);
                }
            }
        }
        out.push(RDN_END);
    }
    out
}

/// The old `Name::from_tlv`: the RDN sequence and the attributes.
pub(super) fn from_tlv(name: Tlv<'_>, what: &'static str) -> crate::Result<(Rdns, Vec<Attribute>)> {
    if name.tag != TAG_SEQUENCE {
        return Err(malformed(what, "Name is not a SEQUENCE"));
    }
    let mut rdns = Vec::new();
    let mut attributes = Vec::new();
    let mut r = name.inner();
    while !r.is_empty() {
        let set = r.expect(TAG_SET, what)?;
        rdns.push(read_rdn(set.content, what, &mut attributes)?);
    }
    Ok((rdns, attributes))
}

/// The old `Name::from_der`.
pub(super) fn from_der(der: &[u8]) -> crate::Result<(Rdns, Vec<Attribute>)> {
    let mut r = Reader::named(der, "name");
    let name = r.read("name")?;
    r.finish("name")?;
    from_tlv(name, "name")
}

/// The old `read_rdn`.
pub(super) fn read_rdn(
    set: &[u8],
    what: &'static str,
    attributes: &mut Vec<Attribute>,
) -> crate::Result<Vec<(Vec<u8>, ValueKey)>> {
    let mut atvs = Reader::named(set, what);
    if atvs.is_empty() {
        return Err(malformed(what, "empty RelativeDistinguishedName"));
    }
    let mut out = Vec::new();
    while !atvs.is_empty() {
        let atv = atvs.expect(TAG_SEQUENCE, what)?;
        let mut r = atv.inner();
        let oid = r.expect(TAG_OID, what)?;
        let dotted = crate::ber::oid_to_string(oid.content)
            .ok_or_else(|| malformed(what, "invalid OBJECT IDENTIFIER"))?;
        let value = r.read(what)?;
        r.finish(what)?;
        let tag = value_tag(value.tag);
        let text = decode_directory_string(tag, value.content);
        let key = match &text {
            Some(t) => ValueKey::Text(normalise(t)),
            None => ValueKey::Raw(tag, value.content.to_vec()),
        };
        out.push((oid.content.to_vec(), key));
        attributes.push(Attribute {
            oid: dotted,
            value: text.unwrap_or_else(|| hex_upper(value.content)),
        });
    }
    out.sort();
    Ok(out)
}

/// The old `Display`.
pub(super) fn text(attributes: &[Attribute]) -> String {
    let mut s = String::new();
    for (i, a) in attributes.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(short_name(&a.oid));
        s.push('=');
        s.push_str(&a.value);
    }
    s
}

/// The old and new readers on `der`: the same verdict, key, attributes and text. Returns
/// the old RDN sequence and the new name when accepted.
pub(super) fn check_same(der: &[u8]) -> Option<(Rdns, Name)> {
    let old = from_der(der);
    let new = Name::from_der(der);
    match (old, new) {
        (Ok((rdns, attributes)), Ok(name)) => {
            assert_eq!(name.key.bytes, encode(&rdns), "{der:02x?}");
            assert_eq!(format!("{:?}", name.key), format!("NameKey({rdns:?})"));
            assert_eq!(name.is_empty(), rdns.is_empty());
            // The text made straight from the DER, then from the attributes.
            assert_eq!(name.to_string(), text(&attributes), "{der:02x?}");
            assert_eq!(name.attributes(), attributes.as_slice(), "{der:02x?}");
            let again = Name::from_der(der).ok()?;
            assert_eq!(again.attributes(), attributes.as_slice());
            assert_eq!(again.to_string(), text(&attributes));
            Some((rdns, name))
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "{der:02x?}");
            None
        }
        (a, b) => panic!(
            "{der:02x?}: old {:?}, new {:?}",
            a.map(|_| ()),
            b.map(|_| ())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64: reproducible pseudo-random choices.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }
    }

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else if len < 0x100 {
            out.extend([0x81, len as u8]);
        } else {
            out.extend([0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn ucs4(s: &str) -> Vec<u8> {
        s.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect()
    }

    /// Texts chosen to collide under normalisation, and to stress it: case, Cyrillic
    /// (Kazakh letters outside А-Я too), whitespace of every kind (U+000B, U+0085, U+00A0,
    /// U+3000), characters whose lowercase is longer (İ), NUL, empty and blank values.
    const TEXTS: &[&str] = &[
        "Good CA",
        "good ca",
        " GOOD  CA ",
        "good\tca",
        "good\u{0B}ca",
        "good\u{0C}ca",
        "good\u{1C}ca",
        "good\u{85}ca",
        "good\u{A0}ca",
        "good\u{3000}ca",
        "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ",
        "ұлттық куәландырушы орталық",
        "ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏ",
        "ѐёђѓєѕіїјљњћќѝўџ",
        "İstanbul",
        "i̇stanbul",
        "ẞ",
        "ß",
        "Σ",
        "σ",
        "",
        " ",
        "   \t ",
        "\0",
        "a\0b",
        "A\0B",
        "IIN123456789012",
        "BIN123456789012",
        "KZ",
        "kz",
        "Ωmega",
        "\u{10FFFF}",
    ];

    const OIDS: &[&[u8]] = &[
        &[0x55, 0x04, 0x03],
        &[0x55, 0x04, 0x0A],
        &[0x55, 0x04, 0x0B],
        &[0x55, 0x04, 0x05],
        &[0x55, 0x04, 0x2A],
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01],
        &[0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19],
        &[0x00],
        &[0x00, 0x00],
        &[0x2A, 0x00],
        &[0x2A, 0x03, 0x04],
    ];

    /// One attribute value: a string type (which may not decode), or another type.
    fn value(rng: &mut Rng) -> Vec<u8> {
        let text = rng.pick(TEXTS);
        match rng.below(14) {
            0..=3 => tlv(0x0C, text.as_bytes()),
            4 | 5 => tlv(0x13, text.as_bytes()),
            6 => tlv(0x16, text.as_bytes()),
            7 => tlv(0x1E, &utf16(text)),
            8 => tlv(0x1C, &ucs4(text)),
            // TeletexString: Latin-1 octets, any.
            9 => tlv(0x14, &text.bytes().collect::<Vec<_>>()),
            10 => tlv(rng.pick(&[0x12, 0x1A]), text.as_bytes()),
            // Not decodable as their type: invalid UTF-8, a lone surrogate, an odd BMP
            // length, an invalid UCS-4 unit.
            11 => tlv(
                rng.pick(&[0x0C, 0x1E, 0x1C]),
                rng.pick(&[
                    &[0xC3, 0x28][..],
                    &[0xD8, 0x00],
                    &[0x00, 0x41, 0x00],
                    &[0x00, 0x11, 0x00, 0x00],
                    &[0x00, 0x00, 0xD8, 0x00],
                ]),
            ),
            // Other types (raw), context and application classes of the same numbers.
            12 => tlv(
                rng.pick(&[0x04, 0x02, 0x03, 0x05, 0x8C, 0x4C, 0x93]),
                text.as_bytes(),
            ),
            _ => tlv(0x0C, &[0x41; 200]),
        }
    }

    fn name(rng: &mut Rng) -> Vec<u8> {
        let mut rdns = Vec::new();
        for _ in 0..rng.below(4) {
            let mut set = Vec::new();
            let n = 1 + rng.below(3) * rng.below(2);
            let mut atvs: Vec<Vec<u8>> = Vec::new();
            for _ in 0..n {
                // Sometimes the same attribute again (a duplicate in the set).
                if !atvs.is_empty() && rng.below(4) == 0 {
                    let again = atvs[rng.below(atvs.len())].clone();
                    atvs.push(again);
                    continue;
                }
                let oid = tlv(0x06, rng.pick(OIDS));
                atvs.push(tlv(0x30, &[oid, value(rng)].concat()));
            }
            for a in atvs {
                set.extend(a);
            }
            rdns.extend(tlv(0x31, &set));
        }
        tlv(0x30, &rdns)
    }

    /// Hostile variants: a byte changed, the end cut, a byte added.
    fn mutate(rng: &mut Rng, der: &[u8]) -> Vec<u8> {
        let mut d = der.to_vec();
        match rng.below(3) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = rng.pick(&[0x00, 0x80, 0xFF, 0x06, 0x31, 0x30, d[i] ^ 1, d[i] ^ 0x20]);
            }
            1 if !d.is_empty() => d.truncate(rng.below(d.len())),
            _ => {
                let i = rng.below(d.len() + 1);
                d.insert(i, rng.next() as u8);
            }
        }
        d
    }

    #[test]
    fn key_is_the_old_nested_key() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut accepted = Vec::new();
        for _ in 0..3000 {
            let der = name(&mut rng);
            let got = check_same(&der);
            assert!(got.is_some(), "{der:02x?}");
            accepted.extend(got);
            for _ in 0..3 {
                check_same(&mutate(&mut rng, &der));
            }
        }
        // Not a SEQUENCE, an empty RDN, a malformed OID, trailing bytes, an empty name.
        for der in [
            &[0x31, 0x00][..],
            &[0x30, 0x02, 0x31, 0x00],
            &[
                0x30, 0x09, 0x31, 0x07, 0x30, 0x05, 0x06, 0x01, 0x80, 0x0C, 0x00,
            ],
            &[
                0x30, 0x09, 0x31, 0x07, 0x30, 0x05, 0x06, 0x00, 0x0C, 0x01, 0x41,
            ],
            &[0x30, 0x00, 0x00],
            &[0x30, 0x00],
        ] {
            check_same(der);
        }
        // Equality and order agree on every pair (the small pools make many equal).
        let equal = accepted
            .iter()
            .enumerate()
            .flat_map(|(i, a)| accepted[i..].iter().map(move |b| (a, b)))
            .take(2_000_000)
            .filter(|((ra, na), (rb, nb))| {
                assert_eq!(ra.cmp(rb), na.key.cmp(&nb.key), "{na:?} {nb:?}");
                assert_eq!(ra == rb, na.key == nb.key, "{na:?} {nb:?}");
                assert_eq!(ra == rb, na.matches(nb));
                ra == rb
            })
            .count();
        assert!(
            equal > accepted.len() + 1000,
            "too few equal pairs: {equal}"
        );
    }

    #[test]
    fn relative_names_resolve_as_before() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..500 {
            let (base, _) = loop {
                if let Some(b) = check_same(&name(&mut rng)) {
                    break b;
                }
            };
            let set = loop {
                let der = name(&mut rng);
                let mut r = Reader::named(&der, "t");
                let mut seq = r.read("t").unwrap().inner();
                if let Ok(set) = seq.read("t") {
                    break set.content.to_vec();
                }
            };
            let mut attributes = Vec::new();
            let old_rdn = read_rdn(&set, "t", &mut attributes).unwrap();
            let rel = super::super::RelativeName::from_set_content(&set, "t").unwrap();
            let mut rdns = base.clone();
            rdns.push(old_rdn);
            let base_key = super::super::NameKey::new(encode(&base));
            let resolved = rel.resolve(&base_key);
            assert_eq!(
                format!("{resolved:?}"),
                format!("DistributionPointName([Directory(NameKey({rdns:?}))])")
            );
        }
    }

    #[test]
    fn ascii_whitespace_is_char_whitespace() {
        for b in 0..0x80u8 {
            let mut fast = Vec::new();
            super::super::put_normalised_ascii(&mut fast, &[b'x', b, b'y']);
            let mut slow = Vec::new();
            super::super::put_normalised(&mut slow, [b'x', b, b'y'].iter().map(|&b| char::from(b)));
            assert_eq!(fast, slow, "{b:#04x}");
            let old = normalise(&String::from_utf8(vec![b'x', b, b'y']).unwrap());
            let mut want = Vec::new();
            put_escaped(&mut want, old.as_bytes());
            assert_eq!(fast, want, "{b:#04x}");
        }
    }
}
