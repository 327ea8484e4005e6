//! Reading a request document as written: its XML or JSON form into its head (profile,
//! format version, form number) and its fields, and each value checked against its
//! field's kind. What the fields must be is [`super::RequestDocument::read`]'s.

use serde::Deserialize;

use super::{
    limits, truncate, FieldKind, FieldValue, FormError, FormField, DSIG_NS, REQUEST_NAMESPACE,
};
use crate::xmldsig::dom::{self, Element, Node};

/// Is `value` of `field`'s kind? The value, normalised (surrounding whitespace of a
/// single-line kind trimmed).
pub(super) fn check_value(field: &FormField, value: FieldValue) -> Result<FieldValue, FormError> {
    let invalid = |reason: &str| FormError::InvalidValue {
        field: field.name.clone(),
        kind: field.kind.as_str(),
        reason: reason.to_string(),
    };
    let text_ok = |t: &str| -> Result<(), FormError> {
        if t.trim().is_empty() {
            return Err(invalid("empty"));
        }
        if t.chars().count() > limits::MAX_VALUE_CHARS {
            return Err(invalid("too long"));
        }
        if t.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        {
            return Err(invalid("carries a control character"));
        }
        Ok(())
    };
    match (field.kind, value) {
        (FieldKind::TextList, FieldValue::List(items)) => {
            if items.is_empty() || items.len() > limits::MAX_LIST_ITEMS {
                return Err(invalid(&format!(
                    "a list holds 1 to {} items",
                    limits::MAX_LIST_ITEMS
                )));
            }
            for i in &items {
                text_ok(i)?;
            }
            Ok(FieldValue::List(items))
        }
        (FieldKind::TextList, FieldValue::Text(_)) => Err(invalid("not a list")),
        (_, FieldValue::List(_)) => Err(invalid("a list where one value belongs")),
        (kind, FieldValue::Text(t)) => {
            text_ok(&t)?;
            let digits = |n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
            let ok = match kind {
                FieldKind::Iin | FieldKind::Bin => digits(12),
                FieldKind::Year => digits(4),
                FieldKind::Integer => {
                    !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit())
                }
                FieldKind::Date => {
                    t.len() == 10 && chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").is_ok()
                }
                FieldKind::Phone => {
                    let n = t.bytes().filter(u8::is_ascii_digit).count();
                    (5..=20).contains(&n)
                        && t.len() <= 32
                        && t.bytes()
                            .all(|b| b.is_ascii_digit() || b" +-()".contains(&b))
                }
                _ => true,
            };
            if !ok {
                return Err(invalid(match kind {
                    FieldKind::Iin | FieldKind::Bin => "12 digits are expected",
                    FieldKind::Year => "four digits are expected",
                    FieldKind::Integer => "decimal digits are expected",
                    FieldKind::Date => "a date YYYY-MM-DD is expected",
                    _ => "digits, spaces and + - ( ) are expected",
                }));
            }
            Ok(FieldValue::Text(t))
        }
    }
}

/// What a request document says of itself: the profile, the format version and the form
/// it names (as written).
pub(super) struct Head {
    pub(super) profile: String,
    pub(super) schema: String,
    pub(super) form: Option<String>,
}

/// The head and the fields as written of an XML request.
pub(super) fn read_xml(bytes: &[u8]) -> Result<(Head, Vec<(String, FieldValue)>), FormError> {
    let malformed = |r: String| FormError::Malformed(r);
    let doc = dom::parse(bytes).map_err(|e| malformed(e.to_string()))?;
    let root = &doc.root;
    if root.name != "request" {
        return Err(malformed(format!(
            "the document element is not request in {REQUEST_NAMESPACE}"
        )));
    }
    let mut default_ns = None;
    for (prefix, uri) in &root.ns_decls {
        match prefix.as_str() {
            "" => default_ns = Some(uri.as_str()),
            _ if uri == DSIG_NS => {}
            _ => {
                return Err(malformed(
                    "request declares a namespace prefix other than XMLDSig's".into(),
                ))
            }
        }
    }
    if default_ns != Some(REQUEST_NAMESPACE) {
        return Err(malformed(format!(
            "the document element is not request in {REQUEST_NAMESPACE}"
        )));
    }
    let mut profile = None;
    let mut schema = None;
    let mut form = None;
    for (name, value) in &root.attrs {
        match name.as_str() {
            "profile" => profile = Some(value.clone()),
            "schema" => schema = Some(value.clone()),
            "form" => form = Some(value.clone()),
            _ => {
                return Err(malformed(
                    "request carries attributes besides schema, profile and form".into(),
                ))
            }
        }
    }
    let mut fields = Vec::new();
    let mut signatures_began = false;
    for node in &root.children {
        let el = match node {
            Node::Element(e) => e,
            Node::Text(t) if t.chars().all(|c| c.is_ascii_whitespace()) => continue,
            Node::Text(_) => return Err(malformed("text directly inside request".into())),
            Node::Comment(_) | Node::Pi(..) => {
                return Err(malformed(
                    "a comment or processing instruction inside request".into(),
                ))
            }
        };
        if is_enveloped_signature(root, el) {
            signatures_began = true;
            continue;
        }
        if signatures_began {
            return Err(malformed("a field after a signature".into()));
        }
        if el.name.contains(':') || !el.ns_decls.is_empty() || !el.attrs.is_empty() {
            return Err(malformed(format!(
                "<{}> carries a prefix, a declaration or attributes",
                truncate(&el.name)
            )));
        }
        let value = if el.elements().next().is_some() {
            let mut items = Vec::new();
            for node in &el.children {
                match node {
                    Node::Element(i) if i.name == "item" => {
                        if items.len() >= limits::MAX_LIST_ITEMS {
                            return Err(FormError::InvalidValue {
                                field: truncate(&el.name),
                                kind: FieldKind::TextList.as_str(),
                                reason: format!(
                                    "a list holds 1 to {} items",
                                    limits::MAX_LIST_ITEMS
                                ),
                            });
                        }
                        items.push(leaf_text(i)?);
                    }
                    Node::Text(t) if t.chars().all(|c| c.is_ascii_whitespace()) => {}
                    _ => {
                        return Err(malformed(format!(
                            "<{}> holds something other than <item>s",
                            truncate(&el.name)
                        )))
                    }
                }
            }
            FieldValue::List(items)
        } else {
            FieldValue::Text(leaf_text(el)?)
        };
        fields.push((el.name.clone(), value));
    }
    let head = Head {
        profile: profile.unwrap_or_default(),
        schema: schema.unwrap_or_default(),
        form,
    };
    Ok((head, fields))
}

/// Is `el`, a child of the request element, an XMLDSig `Signature` (its prefix bound to
/// the XMLDSig namespace on itself or on the request element)?
pub(super) fn is_enveloped_signature(root: &Element, el: &Element) -> bool {
    let (prefix, local) = match el.name.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", el.name.as_str()),
    };
    if local != "Signature" {
        return false;
    }
    let bound = el
        .ns_decls
        .iter()
        .chain(root.ns_decls.iter())
        .find(|(p, _)| p == prefix)
        .map(|(_, u)| u.as_str());
    bound == Some(DSIG_NS)
}

/// The text of an element that holds only text (no attributes, no declarations).
pub(super) fn leaf_text(el: &Element) -> Result<String, FormError> {
    if !el.ns_decls.is_empty()
        || !el.attrs.is_empty()
        || el.children.iter().any(|n| !matches!(n, Node::Text(_)))
    {
        return Err(FormError::Malformed(format!(
            "<{}> holds more than text",
            truncate(&el.name)
        )));
    }
    Ok(el.text())
}

/// The head and the fields as written of a JSON request: an object whose keys are read in
/// order, a repeated key refused (not settled by keeping one).
pub(super) fn read_json(text: &str) -> Result<(Head, Vec<(String, FieldValue)>), FormError> {
    use serde::de::{self, MapAccess, SeqAccess, Visitor};

    enum Raw {
        Text(String),
        Number(String),
        List(Vec<String>),
    }
    struct Entries(Vec<(String, Raw)>);
    struct RawValue(Raw);
    struct EntriesVisitor;
    struct ValueVisitor;

    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = RawValue;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string, a whole number or an array of strings")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
            Ok(RawValue(Raw::Text(v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
            Ok(RawValue(Raw::Number(v.to_string())))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
            let mut items = Vec::new();
            while let Some(s) = seq.next_element::<String>()? {
                if items.len() >= limits::MAX_LIST_ITEMS {
                    return Err(de::Error::custom("too many items in a list"));
                }
                items.push(s);
            }
            Ok(RawValue(Raw::List(items)))
        }
    }
    impl<'de> Deserialize<'de> for RawValue {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<RawValue, D::Error> {
            d.deserialize_any(ValueVisitor)
        }
    }
    impl<'de> Visitor<'de> for EntriesVisitor {
        type Value = Entries;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
            let mut out: Vec<(String, Raw)> = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.len() > limits::MAX_FORM_FIELDS + 2 {
                    return Err(de::Error::custom("too many keys"));
                }
                let RawValue(v) = map.next_value()?;
                out.push((key, v));
            }
            Ok(Entries(out))
        }
    }
    impl<'de> Deserialize<'de> for Entries {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Entries, D::Error> {
            d.deserialize_map(EntriesVisitor)
        }
    }

    let Entries(entries) = serde_json::from_str(text).map_err(|e| {
        // serde_json's messages carry no value, only what was expected and where.
        FormError::Malformed(format!("JSON: {e}"))
    })?;
    let mut profile = None;
    let mut schema = None;
    let mut form = None;
    let mut fields = Vec::new();
    for (key, value) in entries {
        match (key.as_str(), value) {
            ("form", Raw::Number(n)) => {
                if form.replace(n).is_some() {
                    return Err(FormError::Repeated("form".into()));
                }
            }
            ("profile", Raw::Text(p)) => {
                if profile.replace(p).is_some() {
                    return Err(FormError::Repeated("profile".into()));
                }
            }
            ("schema", Raw::Number(s)) => {
                if schema.replace(s).is_some() {
                    return Err(FormError::Repeated("schema".into()));
                }
            }
            ("profile" | "schema" | "form", _) => {
                return Err(FormError::Malformed(format!("{key} is not of its type")))
            }
            (_, Raw::Text(t)) => fields.push((key, FieldValue::Text(t))),
            (_, Raw::List(items)) => fields.push((key, FieldValue::List(items))),
            (_, Raw::Number(_)) => {
                return Err(FormError::InvalidValue {
                    field: truncate(&key),
                    kind: "text",
                    reason: "a number where a string belongs (write digits as a string)".into(),
                })
            }
        }
    }
    let head = Head {
        profile: profile.unwrap_or_default(),
        schema: schema.unwrap_or_default(),
        form,
    };
    Ok((head, fields))
}
