//! An output document as XML, the form eGov carries in its codes: written by
//! [`OutputDocument::to_xml`], signed as Kalkan signs XML ([`super::issue_xml`]), and read
//! back from what a verified signature hands out ([`OutputDocument::from_xml`]).
//!
//! The form is this library's own (namespace [`XML_NAMESPACE`]), one element per field of
//! the JSON content, in its order:
//!
//! ```xml
//! <outputDocument xmlns="urn:qoltanba:output-document:1" schema="1" kind="result">
//! <profileId>...</profileId><favorId>...</favorId><issuedAt>2026-11-23T10:00:00+06:00</issuedAt>
//! <titleKk>...</titleKk><titleRu>...</titleRu><provider>...</provider><region>...</region>
//! <informationSystem>...</informationSystem><signingSubdivision>...</signingSubdivision>
//! <fields><field><label>...</label><value>...</value></field></fields>
//! <refusalReason>...</refusalReason>
//! </outputDocument>
//! ```
//!
//! The reader accepts exactly that shape (whitespace between elements aside): an unknown,
//! missing or repeated element is an error, as an unknown JSON key is.

use super::{DocumentKind, Field, OutputDocument, CONTENT_SCHEMA};
use crate::error::{Error, Result};
use crate::xmldsig::dom::{self, Element, Node};

/// The namespace of the output document's XML form.
pub const XML_NAMESPACE: &str = "urn:qoltanba:output-document:1";

const SIMPLE: [&str; 9] = [
    "profileId",
    "favorId",
    "issuedAt",
    "titleKk",
    "titleRu",
    "provider",
    "region",
    "informationSystem",
    "signingSubdivision",
];

fn malformed(reason: impl Into<String>) -> Error {
    Error::UnrecognisedFormat {
        what: "output document XML",
        reason: reason.into(),
    }
}

/// `text` as XML character data: `&`, `<`, `>` escaped, and a carriage return as a
/// character reference (a literal one would be read back as a line feed). A character XML
/// 1.0 cannot carry is an error.
fn escape(text: &str, out: &mut String) -> Result<()> {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                return Err(malformed(format!(
                    "U+{:04X} cannot be written in XML",
                    c as u32
                )))
            }
            c => out.push(c),
        }
    }
    Ok(())
}

fn element(name: &str, text: &str, out: &mut String) -> Result<()> {
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape(text, out)?;
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
    Ok(())
}

fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Result => "result",
        DocumentKind::Refusal => "refusal",
    }
}

impl OutputDocument {
    /// This document as XML (UTF-8, with an XML declaration), to be signed
    /// ([`super::issue_xml`]). A value with a character XML cannot carry (a control
    /// character) is an error.
    pub fn to_xml(&self) -> Result<Vec<u8>> {
        let mut out = String::with_capacity(1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<outputDocument xmlns=\"{XML_NAMESPACE}\" schema=\"{}\" kind=\"{}\">\n",
            self.schema,
            kind_name(self.kind)
        ));
        let issued = self.issued_at.to_rfc3339();
        let simple = [
            &self.profile_id,
            &self.favor_id,
            &issued,
            &self.title_kk,
            &self.title_ru,
            &self.provider,
            &self.region,
            &self.information_system,
            &self.signing_subdivision,
        ];
        for (name, value) in SIMPLE.iter().zip(simple) {
            element(name, value, &mut out)?;
        }
        out.push_str("<fields>\n");
        for f in &self.fields {
            out.push_str("<field>");
            escape_pair(f, &mut out)?;
            out.push_str("</field>\n");
        }
        out.push_str("</fields>\n");
        if let Some(reason) = &self.refusal_reason {
            element("refusalReason", reason, &mut out)?;
        }
        out.push_str("</outputDocument>\n");
        Ok(out.into_bytes())
    }

    /// Read the XML form back: the document a verified XML signature hands out
    /// ([`crate::xmldsig::XmlVerdict::verified_octets`], canonical or as written). Only the
    /// shape [`OutputDocument::to_xml`] writes is read.
    pub fn from_xml(bytes: &[u8]) -> Result<OutputDocument> {
        if bytes.len() > crate::barcode::limits::MAX_DOCUMENT_LEN {
            return Err(Error::TooLarge {
                what: "output document XML",
                len: bytes.len(),
                limit: crate::barcode::limits::MAX_DOCUMENT_LEN,
            });
        }
        let doc = dom::parse(bytes)?;
        let root = &doc.root;
        let ns_ok = root
            .ns_decls
            .iter()
            .any(|(p, u)| p.is_empty() && u == XML_NAMESPACE);
        if root.name != "outputDocument" || !ns_ok {
            return Err(malformed(format!(
                "the document element is not outputDocument in {XML_NAMESPACE}"
            )));
        }
        match root.attr("schema") {
            Some(s) if s == CONTENT_SCHEMA.to_string() => {}
            other => {
                return Err(Error::Unsupported(format!(
                    "output document XML schema {:?} (this library reads {CONTENT_SCHEMA})",
                    other.unwrap_or("")
                )))
            }
        }
        let kind = match root.attr("kind") {
            Some("result") => DocumentKind::Result,
            Some("refusal") => DocumentKind::Refusal,
            other => return Err(malformed(format!("kind {:?}", other.unwrap_or("")))),
        };
        if root.attrs.len() != 2 {
            return Err(malformed(
                "outputDocument carries attributes besides schema and kind",
            ));
        }
        let children = plain_children(root)?;
        let mut values: Vec<String> = Vec::with_capacity(SIMPLE.len());
        let mut rest = children.iter();
        for name in SIMPLE {
            match rest.next() {
                Some(e) if e.name == name => values.push(leaf_text(e)?),
                Some(e) => return Err(malformed(format!("<{}> where <{name}> belongs", e.name))),
                None => return Err(malformed(format!("<{name}> is missing"))),
            }
        }
        let fields_el = match rest.next() {
            Some(e) if e.name == "fields" => e,
            _ => return Err(malformed("<fields> is missing")),
        };
        let mut fields = Vec::new();
        for f in plain_children(fields_el)? {
            if f.name != "field" {
                return Err(malformed(format!("<{}> inside <fields>", f.name)));
            }
            match plain_children(f)?.as_slice() {
                [l, v] if l.name == "label" && v.name == "value" => fields.push(Field {
                    label: leaf_text(l)?,
                    value: leaf_text(v)?,
                }),
                _ => return Err(malformed("a <field> is not <label> then <value>")),
            }
        }
        let refusal_reason = match rest.next() {
            None => None,
            Some(e) if e.name == "refusalReason" => Some(leaf_text(e)?),
            Some(e) => return Err(malformed(format!("<{}> after <fields>", e.name))),
        };
        if let Some(e) = rest.next() {
            return Err(malformed(format!("<{}> after the document's end", e.name)));
        }
        let issued_text = values.get(2).map(String::as_str).unwrap_or_default();
        let issued_at = crate::time::xsd_date_time(issued_text)
            .ok_or_else(|| malformed(format!("issuedAt {issued_text:?} is not a date-time")))?;
        let mut v = values.into_iter();
        let mut next = || v.next().unwrap_or_default();
        let (profile_id, favor_id, _issued) = (next(), next(), next());
        Ok(OutputDocument {
            schema: CONTENT_SCHEMA,
            kind,
            profile_id,
            favor_id,
            issued_at,
            title_kk: next(),
            title_ru: next(),
            provider: next(),
            region: next(),
            information_system: next(),
            signing_subdivision: next(),
            fields,
            refusal_reason,
        })
    }
}

fn escape_pair(f: &Field, out: &mut String) -> Result<()> {
    out.push_str("<label>");
    escape(&f.label, out)?;
    out.push_str("</label><value>");
    escape(&f.value, out)?;
    out.push_str("</value>");
    Ok(())
}

/// The child elements of `el`, which holds nothing else but whitespace: no prefixes, no
/// declarations, no attributes, no comments.
fn plain_children(el: &Element) -> Result<Vec<&Element>> {
    let mut out = Vec::new();
    for node in &el.children {
        match node {
            Node::Element(e) => {
                if e.name.contains(':') || !e.ns_decls.is_empty() || !e.attrs.is_empty() {
                    return Err(malformed(format!(
                        "<{}> carries a prefix, a declaration or attributes",
                        e.name
                    )));
                }
                out.push(e);
            }
            Node::Text(t) if t.chars().all(|c| c.is_ascii_whitespace()) => {}
            Node::Text(_) => return Err(malformed(format!("text directly inside <{}>", el.name))),
            Node::Comment(_) | Node::Pi(..) => {
                return Err(malformed(format!(
                    "a comment or processing instruction inside <{}>",
                    el.name
                )))
            }
        }
    }
    Ok(out)
}

/// The text of an element that holds only text.
fn leaf_text(el: &Element) -> Result<String> {
    if el.elements().next().is_some()
        || !el.ns_decls.is_empty()
        || !el.attrs.is_empty()
        || el.children.iter().any(|n| !matches!(n, Node::Text(_)))
    {
        return Err(malformed(format!("<{}> holds more than text", el.name)));
    }
    Ok(el.text())
}
