//! One `BarcodeElement`: the XML text a single 2D code holds.

use std::borrow::Cow;

use base64::Engine as _;
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::limits::{
    MAX_CREATION_DATE_LEN, MAX_ELEMENTS, MAX_ELEMENT_DATA_LEN, MAX_ELEMENT_XML_LEN,
    MAX_FAVOR_ID_LEN,
};
use super::NAMESPACE;
use crate::error::{Error, Result};

/// One element of a barcode set: a chunk of the archived signed document with the facts
/// that tie it to its set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarcodeElement {
    /// `creationDate`, as written (xsd:dateTime; the same in every element of a set).
    pub creation_date: String,
    /// The chunk of the archive: `elementData`, base64-decoded.
    pub data: Vec<u8>,
    /// `elementNumber`, 1-based.
    pub number: u32,
    /// `elementsAmount`: how many elements the set has.
    pub amount: u32,
    /// `FavorID`: the number of the request the document answers.
    pub favor_id: String,
}

impl BarcodeElement {
    /// The XML text of this element, as it goes into a code (no XML declaration:
    /// every byte counts in a QR code).
    pub fn to_xml(&self) -> String {
        let data = base64::engine::general_purpose::STANDARD.encode(&self.data);
        format!(
            "<BarcodeElement xmlns=\"{NAMESPACE}\"><creationDate>{}</creationDate><elementData>{data}</elementData><elementNumber>{}</elementNumber><elementsAmount>{}</elementsAmount><FavorID>{}</FavorID></BarcodeElement>",
            quick_xml::escape::escape(self.creation_date.as_str()),
            self.number,
            self.amount,
            quick_xml::escape::escape(self.favor_id.as_str()),
        )
    }

    /// Check the facts [`BarcodeElement::parse`] checks, on an element built in code:
    /// `elementsAmount` 1..=[`MAX_ELEMENTS`], `elementNumber` 1..=elementsAmount, a chunk
    /// of 1 to [`MAX_ELEMENT_DATA_LEN`] / 4 * 3 bytes, a `FavorID` and `creationDate`
    /// within their bounds and without control characters.
    pub fn check(&self) -> Result<()> {
        if self.amount == 0 || self.amount as usize > MAX_ELEMENTS {
            return Err(malformed(format!(
                "elementsAmount {} is not 1..={MAX_ELEMENTS}",
                self.amount
            )));
        }
        if self.number == 0 || self.number > self.amount {
            return Err(malformed(format!(
                "elementNumber {} is not 1..=elementsAmount {}",
                self.number, self.amount
            )));
        }
        let label = self.label();
        if self.data.is_empty() || self.data.len() > MAX_ELEMENT_DATA_LEN / 4 * 3 {
            return Err(malformed(format!(
                "{label}: a chunk of {} bytes (1..={} are allowed)",
                self.data.len(),
                MAX_ELEMENT_DATA_LEN / 4 * 3
            )));
        }
        if self.favor_id.len() > MAX_FAVOR_ID_LEN || self.favor_id.chars().any(hidden) {
            return Err(malformed(format!(
                "{label}: FavorID longer than {MAX_FAVOR_ID_LEN} bytes or with control or invisible format characters"
            )));
        }
        if self.creation_date.len() > MAX_CREATION_DATE_LEN
            || self.creation_date.chars().any(hidden)
        {
            return Err(malformed(format!(
                "{label}: creationDate longer than {MAX_CREATION_DATE_LEN} bytes or with control or invisible format characters"
            )));
        }
        Ok(())
    }

    /// `creationDate` as a time, when it carries a UTC offset (RFC 3339).
    pub fn creation_time(&self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(self.creation_date.trim()).ok()
    }

    /// "BarcodeElement 3 of 7".
    pub fn label(&self) -> String {
        format!("BarcodeElement {} of {}", self.number, self.amount)
    }

    /// Read one element from its XML text (UTF-8, an optional XML declaration, one
    /// `BarcodeElement` in the namespace [`NAMESPACE`] whose children are each present
    /// once, in any order, unqualified or in the same namespace).
    ///
    /// Strict and bounded: at most [`MAX_ELEMENT_XML_LEN`] bytes; no DTD, no entity other
    /// than the five predefined ones and character references, no comments, processing
    /// instructions, CDATA, attributes (other than namespace declarations), unknown or
    /// repeated children, or text outside the children. `elementData` is strict base64
    /// (ASCII whitespace ignored) of at most [`MAX_ELEMENT_DATA_LEN`] characters;
    /// `elementsAmount` is 1..=[`MAX_ELEMENTS`]; `elementNumber` is 1..=elementsAmount.
    pub fn parse(text: &[u8]) -> Result<BarcodeElement> {
        if text.is_empty() {
            return Err(Error::Empty);
        }
        if text.len() > MAX_ELEMENT_XML_LEN {
            return Err(Error::TooLarge {
                what: "BarcodeElement XML",
                len: text.len(),
                limit: MAX_ELEMENT_XML_LEN,
            });
        }
        let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        let text = std::str::from_utf8(text).map_err(|e| malformed(format!("not UTF-8: {e}")))?;
        let raw = read_fields(text)?;
        raw.validate()
    }
}

fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what: "BarcodeElement",
        reason: reason.into(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    CreationDate,
    ElementData,
    ElementNumber,
    ElementsAmount,
    FavorId,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::CreationDate,
        Field::ElementData,
        Field::ElementNumber,
        Field::ElementsAmount,
        Field::FavorId,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::CreationDate => "creationDate",
            Field::ElementData => "elementData",
            Field::ElementNumber => "elementNumber",
            Field::ElementsAmount => "elementsAmount",
            Field::FavorId => "FavorID",
        }
    }

    fn from_local(name: &[u8]) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name().as_bytes() == name)
    }

    /// Bound on the field's text, in bytes.
    fn limit(self) -> usize {
        match self {
            Field::CreationDate => MAX_CREATION_DATE_LEN,
            Field::ElementData => MAX_ELEMENT_DATA_LEN + 1024, // whitespace allowed
            Field::ElementNumber | Field::ElementsAmount => 32,
            Field::FavorId => MAX_FAVOR_ID_LEN,
        }
    }
}

#[derive(Default)]
struct RawFields {
    values: [Option<String>; 5],
}

impl RawFields {
    fn get(&self, f: Field) -> Result<&str> {
        self.values[f as usize]
            .as_deref()
            .ok_or_else(|| malformed(format!("<{}> is missing", f.name())))
    }

    fn validate(self) -> Result<BarcodeElement> {
        let amount = number(self.get(Field::ElementsAmount)?, Field::ElementsAmount)?;
        if amount as usize > MAX_ELEMENTS {
            return Err(Error::TooMany {
                what: "BarcodeElements in one set (elementsAmount)",
                limit: MAX_ELEMENTS,
            });
        }
        let number = number(self.get(Field::ElementNumber)?, Field::ElementNumber)?;
        if number > amount {
            return Err(malformed(format!(
                "elementNumber {number} is greater than elementsAmount {amount}"
            )));
        }
        let label = format!("BarcodeElement {number} of {amount}");
        // Kept as written, less the whitespace around it (pretty-printed XML).
        let creation_date = self.get(Field::CreationDate)?.trim().to_string();
        let trimmed = creation_date.as_str();
        if DateTime::parse_from_rfc3339(trimmed).is_err()
            && NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S%.f").is_err()
        {
            return Err(malformed(format!(
                "{label}: creationDate {creation_date:?} is not an xsd:dateTime"
            )));
        }
        let favor_id = self.get(Field::FavorId)?.to_string();
        if favor_id.chars().any(hidden) {
            return Err(malformed(format!(
                "{label}: FavorID contains control or invisible format characters"
            )));
        }
        let b64: Vec<u8> = self
            .get(Field::ElementData)?
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if b64.is_empty() {
            return Err(malformed(format!("{label}: elementData is empty")));
        }
        if b64.len() > MAX_ELEMENT_DATA_LEN {
            return Err(malformed(format!(
                "{label}: elementData has {} base64 characters, more than the limit of {MAX_ELEMENT_DATA_LEN}",
                b64.len()
            )));
        }
        let data = base64::engine::general_purpose::STANDARD
            .decode(&b64)
            .map_err(|e| malformed(format!("{label}: elementData is not valid base64: {e}")))?;
        let element = BarcodeElement {
            creation_date,
            data,
            number,
            amount,
            favor_id,
        };
        element.check()?;
        Ok(element)
    }
}

fn number(text: &str, field: Field) -> Result<u32> {
    let t = text.trim();
    if t.is_empty() || t.len() > 10 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(format!(
            "{} {text:?} is not a positive decimal number",
            field.name()
        )));
    }
    match t.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(malformed(format!(
            "{} {text:?} is not a positive decimal number",
            field.name()
        ))),
    }
}

/// Namespace declarations are the only attributes allowed.
fn check_attributes(e: &BytesStart<'_>, element: &str) -> Result<()> {
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|err| malformed(format!("<{element}>: bad attribute: {err}")))?;
        let key = a.key.as_ref();
        if key != b"xmlns" && !key.starts_with(b"xmlns:") {
            return Err(malformed(format!(
                "<{element}> has the attribute {:?}; BarcodeElement has no attributes",
                String::from_utf8_lossy(key)
            )));
        }
    }
    Ok(())
}

fn in_barcode_namespace(ns: &ResolveResult<'_>, allow_unbound: bool) -> bool {
    match ns {
        ResolveResult::Bound(n) => n.as_ref() == NAMESPACE.as_bytes(),
        ResolveResult::Unbound => allow_unbound,
        ResolveResult::Unknown(_) => false,
    }
}

fn xml_error(e: quick_xml::Error) -> Error {
    malformed(format!("not well-formed XML: {e}"))
}

/// Walk the events: declaration, root, five children with text only.
fn read_fields(text: &str) -> Result<RawFields> {
    let mut reader = NsReader::from_str(text);
    {
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.check_comments = true;
        config.trim_text(false);
    }
    let mut fields = RawFields::default();
    // 0: before the root, 1: inside the root, 2: inside a child, 3: after the root.
    let mut depth = 0u8;
    let mut current: Option<Field> = None;
    let mut value = String::new();
    let mut seen_decl = false;
    let mut seen_anything = false;
    loop {
        let (ns, event) = reader.read_resolved_event().map_err(xml_error)?;
        match event {
            Event::Eof => break,
            // expand_empty_elements turns these into Start + End.
            Event::Empty(_) => return Err(malformed("unexpected empty element")),
            Event::Decl(d) => {
                if seen_anything || seen_decl {
                    return Err(malformed("misplaced XML declaration"));
                }
                seen_decl = true;
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(|e| malformed(format!("XML declaration: {e}")))?;
                    if !enc.eq_ignore_ascii_case(b"utf-8") {
                        return Err(Error::Unsupported(format!(
                            "BarcodeElement in encoding {:?}: only UTF-8 is read",
                            String::from_utf8_lossy(&enc)
                        )));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(malformed(
                    "a DOCTYPE (DTD) is not allowed in a BarcodeElement",
                ))
            }
            Event::PI(_) => {
                return Err(malformed(
                    "processing instructions are not allowed in a BarcodeElement",
                ))
            }
            Event::Comment(_) => {
                return Err(malformed("comments are not allowed in a BarcodeElement"))
            }
            Event::CData(_) => {
                return Err(malformed(
                    "CDATA sections are not allowed in a BarcodeElement",
                ))
            }
            Event::Start(e) => {
                seen_anything = true;
                let local = e.local_name();
                let name = String::from_utf8_lossy(local.as_ref()).into_owned();
                match depth {
                    0 => {
                        if local.as_ref() != b"BarcodeElement" || !in_barcode_namespace(&ns, false)
                        {
                            return Err(malformed(format!(
                                "the root element is <{}>, not <BarcodeElement xmlns=\"{NAMESPACE}\">",
                                String::from_utf8_lossy(e.name().as_ref())
                            )));
                        }
                        check_attributes(&e, "BarcodeElement")?;
                        depth = 1;
                    }
                    1 => {
                        let field = Field::from_local(local.as_ref())
                            .filter(|_| in_barcode_namespace(&ns, true))
                            .ok_or_else(|| {
                                malformed(format!(
                                    "unknown element <{}> in BarcodeElement",
                                    String::from_utf8_lossy(e.name().as_ref())
                                ))
                            })?;
                        if fields.values[field as usize].is_some() {
                            return Err(malformed(format!("<{name}> appears twice")));
                        }
                        check_attributes(&e, &name)?;
                        current = Some(field);
                        value.clear();
                        depth = 2;
                    }
                    2 => {
                        return Err(malformed(format!(
                            "unexpected element <{name}> inside <{}>",
                            current.map(Field::name).unwrap_or("?")
                        )))
                    }
                    _ => return Err(malformed("content after </BarcodeElement>")),
                }
            }
            Event::End(_) => match depth {
                2 => {
                    if let Some(f) = current.take() {
                        fields.values[f as usize] = Some(std::mem::take(&mut value));
                    }
                    depth = 1;
                }
                1 => depth = 3,
                _ => return Err(malformed("unbalanced end tag")),
            },
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| malformed(format!("text: {e}")))?;
                if depth == 2 {
                    push(&mut value, &s, current)?;
                } else if !s.chars().all(|c| c.is_ascii_whitespace()) {
                    return Err(malformed("text outside the children of BarcodeElement"));
                }
            }
            Event::GeneralRef(r) => {
                if depth != 2 {
                    return Err(malformed(
                        "an entity reference outside the children of BarcodeElement",
                    ));
                }
                let resolved: Cow<'_, str> = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        _ => return Err(malformed("bad character reference")),
                    }
                } else {
                    let name = r.decode().map_err(|e| malformed(format!("entity: {e}")))?;
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => Cow::Borrowed(s),
                        None => {
                            return Err(malformed(format!(
                                "the entity &{name}; is not allowed (only the predefined ones)"
                            )))
                        }
                    }
                };
                push(&mut value, &resolved, current)?;
            }
        }
    }
    if depth != 3 {
        return Err(malformed(if seen_anything {
            "the document ends inside BarcodeElement"
        } else {
            "no BarcodeElement"
        }));
    }
    Ok(fields)
}

fn push(value: &mut String, s: &str, current: Option<Field>) -> Result<()> {
    let limit = current.map(Field::limit).unwrap_or(0);
    if value.len() + s.len() > limit {
        return Err(malformed(format!(
            "<{}> is longer than {limit} bytes",
            current.map(Field::name).unwrap_or("?")
        )));
    }
    value.push_str(s);
    Ok(())
}

/// A character a code's label must not hold: a control character (Cc), or an invisible
/// format character that changes how the text around it is shown (a soft hyphen; the
/// bidirectional marks, embeddings, overrides and isolates; zero-width characters; the
/// byte order mark). The labels are not signed and are shown to people: a FavorID holding
/// U+202E is displayed as another number than it holds (review 51's remark).
pub(crate) fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BarcodeElement {
        BarcodeElement {
            creation_date: "2026-11-22T15:30:00+06:00".into(),
            data: b"PK\x03\x04 chunk".to_vec(),
            number: 2,
            amount: 3,
            favor_id: "KZ<&>\"1".into(),
        }
    }

    #[test]
    fn round_trip() {
        let e = sample();
        let xml = e.to_xml();
        assert_eq!(BarcodeElement::parse(xml.as_bytes()).unwrap(), e);
    }

    #[test]
    fn check_bounds_elements_built_in_code() {
        assert!(sample().check().is_ok());
        let cases: [fn(&mut BarcodeElement); 6] = [
            |e| e.number = 0,
            |e| e.number = 4,
            |e| e.amount = u32::MAX,
            |e| e.data.clear(),
            |e| e.data = vec![0; MAX_ELEMENT_DATA_LEN],
            |e| e.favor_id = "a\nb".into(),
        ];
        for change in cases {
            let mut e = sample();
            change(&mut e);
            assert!(e.check().is_err(), "{e:?}");
        }
    }

    /// A FavorID that shows another number than it holds (a right-to-left override, a
    /// zero-width space, a byte order mark) is refused, built or read; printable text in
    /// any script is kept.
    #[test]
    fn invisible_format_characters_are_refused_in_labels() {
        for favor_id in [
            "12\u{202E}34",
            "1\u{200B}2",
            "\u{FEFF}12",
            "1\u{2066}2\u{2069}",
        ] {
            let mut e = sample();
            e.favor_id = favor_id.into();
            assert!(e.check().is_err(), "{favor_id:?}");
            let xml = sample()
                .to_xml()
                .replace("KZ&lt;&amp;&gt;&quot;1", favor_id);
            assert!(BarcodeElement::parse(xml.as_bytes()).is_err(), "{xml}");
        }
        let mut e = sample();
        e.favor_id = "Өтініш № 12-34".into();
        assert!(e.check().is_ok());
        assert!(!hidden('Ө') && !hidden(' ') && hidden('\u{202E}'));
    }

    #[test]
    fn prefixed_and_declared() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<ns2:BarcodeElement xmlns:ns2=\"http://barcodes.pdf.shep.nitec.kz/\">\n <FavorID>1</FavorID><elementsAmount>1</elementsAmount>\n<elementNumber>1</elementNumber><elementData>QUJD\nREVG</elementData><creationDate>\n  2020-01-01T10:00:00.000\n</creationDate></ns2:BarcodeElement>\n";
        let e = BarcodeElement::parse(xml.as_bytes()).unwrap();
        assert_eq!(e.data, b"ABCDEF");
        assert_eq!(e.favor_id, "1");
        assert_eq!(e.creation_date, "2020-01-01T10:00:00.000");
    }

    #[test]
    fn refusals() {
        let good = sample().to_xml();
        let cases: Vec<(String, &str)> = vec![
            (format!("<!DOCTYPE x [<!ENTITY a \"b\">]>{good}"), "DOCTYPE"),
            (good.replace("KZ&lt;", "KZ&a;"), "entity"),
            (good.replace("<FavorID>", "<!-- c --><FavorID>"), "comment"),
            (
                good.replace("<FavorID>KZ", "<FavorID x=\"1\">KZ"),
                "attribute",
            ),
            (
                good.replace("elementNumber>2<", "elementNumber>4<"),
                "greater",
            ),
            (
                good.replace("elementNumber>2<", "elementNumber>0<"),
                "positive",
            ),
            (
                good.replace("elementsAmount>3<", "elementsAmount>1001<"),
                "too many",
            ),
            (
                format!(
                    "{}</BarcodeElement>",
                    good.split("<FavorID>").next().unwrap()
                ),
                "missing",
            ),
            (
                good.replace("</FavorID>", "</FavorID><FavorID>2</FavorID>"),
                "twice",
            ),
            (
                good.replace("xmlns=\"http://barcodes.pdf.shep.nitec.kz/\"", ""),
                "root",
            ),
            (good.replace("<elementData>", "<elementData>!"), "base64"),
            (
                good.replace("<creationDate>2026", "<creationDate>x2026"),
                "xsd:dateTime",
            ),
            (format!("{good}<x/>"), "after"),
            (good.replace("</BarcodeElement>", ""), "ends"),
            (good.replace("<FavorID>", "<Other/><FavorID>"), "unknown"),
        ];
        for (xml, needle) in cases {
            let err = match BarcodeElement::parse(xml.as_bytes()) {
                Ok(_) => panic!("accepted: {xml}"),
                Err(e) => e.to_string(),
            };
            assert!(
                err.to_lowercase().contains(&needle.to_lowercase()),
                "{xml}\n=> {err} (expected {needle:?})"
            );
        }
        let big = "x".repeat(MAX_ELEMENT_XML_LEN + 1);
        assert!(matches!(
            BarcodeElement::parse(big.as_bytes()),
            Err(Error::TooLarge { .. })
        ));
    }
}
