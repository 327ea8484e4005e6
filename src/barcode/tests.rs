use super::*;

fn opts() -> EncodeOptions {
    let mut o = EncodeOptions::new(
        "KZ-1",
        DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap(),
    );
    o.chunk_size = 100;
    o
}

fn doc() -> Vec<u8> {
    (0..3000u32)
        .flat_map(|i| (i * 7919 % 251).to_le_bytes())
        .collect()
}

#[test]
fn encode_decode_any_order() {
    let set = encode(&doc(), &opts()).unwrap();
    assert!(set.len() > 3);
    let mut xml = set.xml();
    xml.reverse();
    xml.push(xml[1].clone()); // identical duplicate
    let r = decode_texts(&xml).unwrap();
    assert_eq!(r.document, doc());
    assert_eq!(r.duplicates, 1);
    assert_eq!(r.favor_id, "KZ-1");
    assert_eq!(r.creation_date, "2026-11-22T15:30:00+06:00");
}

#[test]
fn problems_named() {
    let set = encode(&doc(), &opts()).unwrap();
    let mut a = Assembler::new();
    for e in &set.elements[1..] {
        a.add(e.clone(), format!("e{}", e.number)).unwrap();
    }
    let mut other = set.elements[2].clone();
    other.data[0] ^= 1;
    a.add(other, "bad").unwrap();
    let mut foreign = set.elements[3].clone();
    foreign.favor_id = "KZ-2".into();
    a.add(foreign, "foreign").unwrap();
    let e = a.finish().unwrap_err().to_string();
    assert!(e.contains("BarcodeElement 1 of"), "{e}");
    assert!(
        e.contains("BarcodeElement 3 is given with different content (e3, bad)"),
        "{e}"
    );
    assert!(
        e.contains("BarcodeElement 4 (foreign) has FavorID \"KZ-2\""),
        "{e}"
    );
    assert_eq!(a.missing(), vec![1]);
}

/// Duplicates with identical content are no problem; versions that differ are one
/// `Conflicting` naming the first source of each distinct content, in the order given,
/// however many versions repeat them (here as many as an assembler holds).
#[test]
fn duplicate_versions_are_compared_by_content() {
    let set = encode(&doc(), &opts()).unwrap();
    let mut a = Assembler::new();
    for e in &set.elements {
        a.add(e.clone(), format!("e{}", e.number)).unwrap();
    }
    let two = set.elements[1].clone();
    for i in 0..3 {
        a.add(two.clone(), format!("copy{i}")).unwrap();
    }
    assert_eq!(a.problems(), vec![]);
    assert_eq!(a.finish().unwrap().duplicates, 3);
    // Two other contents for element 2, each given again and again.
    let mut b = two.clone();
    b.data[0] ^= 1;
    let mut c = two.clone();
    let last = c.data.len() - 1;
    c.data[last] ^= 1;
    let held = a.len();
    for i in held..limits::MAX_HELD_ELEMENTS {
        let version = [&two, &b, &c][i % 3].clone();
        a.add(version, format!("v{i}")).unwrap();
    }
    assert_eq!(a.len(), limits::MAX_HELD_ELEMENTS);
    let first = |k: usize| format!("v{}", (held..).find(|i| i % 3 == k).unwrap());
    assert_eq!(
        a.problems(),
        vec![SetProblem::Conflicting {
            number: 2,
            sources: vec!["e2".to_string(), first(1), first(2)],
        }]
    );
    assert!(a.finish().is_err());
}

#[test]
fn chunk_size_is_bounded() {
    let tiny = b"a signed document";
    for chunk in [0, limits::MAX_CHUNK_SIZE + 1, usize::MAX] {
        let mut o = opts();
        o.chunk_size = chunk;
        assert!(
            matches!(
                encode(tiny, &o),
                Err(Error::OutOfRange {
                    what: "chunk size",
                    ..
                })
            ),
            "{chunk}"
        );
        assert!(check_chunk_size(chunk).is_err());
    }
    for chunk in [limits::MIN_CHUNK_SIZE, limits::MAX_CHUNK_SIZE] {
        let mut o = opts();
        o.chunk_size = chunk;
        let set = encode(tiny, &o).unwrap();
        assert_eq!(decode_texts(&set.xml()).unwrap().document, tiny);
    }
}

#[test]
fn a_folder_without_codes_is_refused() {
    let d = std::env::temp_dir().join(format!("qoltanba-codes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let nothing = Some(Error::NothingFound {
        what: CODE_FILES,
        path: d.display().to_string(),
    });
    assert_eq!(input_files(&d).err(), nothing);
    std::fs::write(d.join("notes.pdf"), b"%PDF").unwrap();
    assert_eq!(input_files(&d).err(), nothing);
    std::fs::write(d.join("01.XML"), b"<BarcodeElement/>").unwrap();
    std::fs::write(d.join("02.png"), b"").unwrap();
    assert_eq!(
        input_files(&d).unwrap(),
        vec![d.join("01.XML"), d.join("02.png")]
    );
    // A file is taken as it is, whatever its name.
    assert_eq!(
        input_files(&d.join("notes.pdf")).unwrap(),
        vec![d.join("notes.pdf")]
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn elements_built_in_code_are_checked() {
    let set = encode(&doc(), &opts()).unwrap();
    let mut a = Assembler::new();
    for (number, amount) in [(0, 3), (5, 3), (1, u32::MAX)] {
        let mut e = set.elements[0].clone();
        e.number = number;
        e.amount = amount;
        assert!(a.add(e, "code").is_err());
    }
    assert!(a.is_empty());
}
