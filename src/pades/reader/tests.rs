use super::*;

fn parse(s: &[u8]) -> Result<Object> {
    Lexer::new(s, 0).object(0)
}

#[test]
fn objects_read_and_write_back() {
    let o = parse(b"<< /A 1 0 R /B [1 -2 3.5 (a\\(b\\)\\101) <4142>] /C#20d /x /D true /E null >>")
        .unwrap();
    let Object::Dict(d) = &o else { panic!() };
    assert_eq!(d.get(b"A"), Some(&Object::Ref(1, 0)));
    assert_eq!(d.get(b"C d"), Some(&Object::Name(b"x".to_vec())));
    let Some(Object::Array(b)) = d.get(b"B") else {
        panic!()
    };
    assert_eq!(b[3], Object::String(b"a(b)A".to_vec()));
    assert_eq!(b[4], Object::String(b"AB".to_vec()));
    let mut out = Vec::new();
    write(&mut out, &o);
    assert_eq!(parse(&out).unwrap(), o);
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse(deep.as_bytes()).is_err());
    let deep = "<< /A ".repeat(10_000);
    assert!(parse(deep.as_bytes()).is_err());
}

/// A document over no file with `budget` decoded bytes to spend.
fn budgeted(budget: usize) -> Document<'static> {
    Document {
        buf: b"",
        entries: HashMap::new(),
        trailer: Dict::default(),
        startxref: 0,
        kind: XrefKind::Table,
        object_streams: HashMap::new(),
        decode_left: budget,
        decode_budget: budget,
    }
}

fn deflated(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

fn flate() -> Dict {
    Dict(vec![(
        b"Filter".to_vec(),
        Object::Name(b"FlateDecode".to_vec()),
    )])
}

#[test]
fn the_budget_is_the_per_stream_cap_or_a_multiple_of_the_file() {
    assert_eq!(limits::decode_budget(0), limits::MAX_DECODED);
    assert_eq!(limits::decode_budget(1 << 20), limits::MAX_DECODED);
    assert_eq!(limits::decode_budget(10 << 20), 80 << 20);
    assert_eq!(limits::decode_budget(usize::MAX), usize::MAX);
}

#[test]
fn every_decoded_stream_draws_on_one_budget() {
    let mut doc = budgeted(100);
    let forty = deflated(&[7u8; 40]);
    assert_eq!(doc.decode(&flate(), &forty).unwrap(), [7u8; 40]);
    // Unfiltered data is charged too.
    assert_eq!(doc.decode(&Dict::default(), &[1u8; 40]).unwrap(), [1u8; 40]);
    assert_eq!(doc.decode_left, 20);
    // 40 more is over: refused, naming the total and the budget.
    match doc.decode(&flate(), &forty) {
        Err(Error::TooLarge { what, len, limit }) => {
            assert_eq!(what, "PDF streams, decoded in total");
            assert_eq!(limit, 100);
            // Inflating stopped one byte past what was left.
            assert_eq!(len, 101);
        }
        other => panic!("{other:?}"),
    }
    // What is left still decodes: exactly 20 bytes, then nothing.
    let mut doc = budgeted(60);
    doc.decode(&flate(), &forty).unwrap();
    doc.decode(&flate(), &deflated(&[0u8; 20])).unwrap();
    assert_eq!(doc.decode_left, 0);
    assert!(matches!(
        doc.decode(&Dict::default(), b"x"),
        Err(Error::TooLarge { .. })
    ));
    assert!(doc.decode(&Dict::default(), b"").is_ok());
}

#[test]
fn a_predictors_padding_is_charged() {
    // One 3-byte row of a 10-column predictor: 11 bytes out of 4 inflated.
    let mut params = Dict::default();
    params.set(b"Predictor", Object::Int(12));
    params.set(b"Columns", Object::Int(10));
    let mut dict = flate();
    dict.set(b"DecodeParms", Object::Dict(params));
    let data = deflated(&[2, 1, 2, 3]);
    let mut doc = budgeted(10);
    assert_eq!(doc.decode(&dict, &data).unwrap().len(), 10);
    assert_eq!(doc.decode_left, 0);
    let mut doc = budgeted(9);
    assert!(matches!(
        doc.decode(&dict, &data),
        Err(Error::TooLarge { .. })
    ));
}

/// A real file (pyHanko's, a cross-reference stream and an object stream): read with
/// exactly the bytes it decodes, and refused with one fewer.
#[test]
fn a_real_file_reads_within_its_decoded_bytes() {
    let pdf: &[u8] = include_bytes!("../../../test-vectors/pdf/xref-stream.pdf");
    let read = |budget: usize| -> Result<usize> {
        let mut doc = Document::open_within(pdf, budget)?;
        let root = doc.trailer.get(b"Root").cloned().unwrap_or(Object::Null);
        let catalog = doc.dict(&root, "the catalog")?;
        let pages = catalog.get(b"Pages").cloned().unwrap_or(Object::Null);
        doc.dict(&pages, "the pages")?;
        Ok(doc.decode_budget - doc.decode_left)
    };
    let spent = read(limits::decode_budget(pdf.len())).unwrap();
    assert!(spent > 0);
    assert_eq!(read(spent).unwrap(), spent);
    assert!(matches!(read(spent - 1), Err(Error::TooLarge { .. })));
}
