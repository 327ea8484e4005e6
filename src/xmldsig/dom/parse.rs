//! The parse: quick-xml's events checked against XML 1.0 and Namespaces in XML 1.0 (what
//! quick-xml does not check, `lexical`), bounded by [`limits`], built into a [`Document`].

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::*;

/// The namespace name of the `xmlns` prefix: no prefix may be bound to it.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

fn start(e: &BytesStart<'_>) -> Result<Element> {
    let content = utf8(e)?;
    let name_len = content
        .find([' ', '\t', '\r', '\n'])
        .unwrap_or(content.len());
    let name = slice(content, 0, name_len)?;
    if !is_qname(name) {
        return Err(malformed(format!(
            "the element name {} is not an XML qualified name (Namespaces in XML 1.0 §3)",
            quoted(name)
        )));
    }
    let mut el = Element {
        name: name.to_string(),
        ..Element::default()
    };
    let attrs = attributes(slice(content, name_len, content.len())?).map_err(|e| match e {
        Error::MalformedDer { reason, .. } => malformed(format!("<{}>: {reason}", shown(name))),
        e => e,
    })?;
    // Each attribute once (XML 1.0 WFC: Unique Att Spec).
    let mut keys: Vec<&str> = attrs.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(malformed(format!(
            "<{}>: the attribute {} twice",
            shown(name),
            shown(w[0])
        )));
    }
    for (key, raw) in attrs {
        if !is_qname(key) {
            return Err(malformed(format!(
                "<{}>: the attribute name {} is not an XML qualified name (Namespaces in XML 1.0 §3)",
                shown(name),
                quoted(key)
            )));
        }
        if raw.len() > limits::MAX_ATTRIBUTE_VALUE_LEN {
            return Err(Error::TooLarge {
                what: "XML attribute value",
                len: raw.len(),
                limit: limits::MAX_ATTRIBUTE_VALUE_LEN,
            });
        }
        // Attribute-value normalisation (XML 1.0 §3.3.3, CDATA attributes): line ends,
        // then each whitespace character becomes a space; references resolved last.
        // (One copy of the value when it has no whitespace to normalise.)
        let value = if raw.contains(['\r', '\n', '\t']) {
            unescape(&line_ends(raw).replace(['\n', '\t'], " "))?
        } else {
            unescape(raw)?
        };
        let key = key.to_string();
        if (key == "xmlns" || key.starts_with("xmlns:")) && value.len() > limits::MAX_NAMESPACE_LEN
        {
            return Err(Error::TooLarge {
                what: "XML namespace name",
                len: value.len(),
                limit: limits::MAX_NAMESPACE_LEN,
            });
        }
        if key == "xmlns" {
            el.ns_decls.push((String::new(), value));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            if value.is_empty() {
                return Err(malformed(format!(
                    "xmlns:{p}=\"\": undeclaring a prefix is XML 1.1"
                )));
            }
            el.ns_decls.push((p.to_string(), value));
        } else {
            el.attrs.push((key, value));
        }
    }
    Ok(el)
}

/// Parse a UTF-8 document (an XML declaration, if any, must say UTF-8).
pub(crate) fn parse(input: &[u8]) -> Result<Document> {
    if input.len() > limits::MAX_DOCUMENT_LEN {
        return Err(Error::TooLarge {
            what: "XML document",
            len: input.len(),
            limit: limits::MAX_DOCUMENT_LEN,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = utf8(input)?;
    // Every character an XML `Char` (§2.2), whatever markup it stands in.
    if let Some((at, c)) = text.char_indices().find(|(_, c)| !is_xml_char(*c)) {
        return Err(malformed(format!(
            "U+{:04X} at byte {at} is not an XML character",
            u32::from(c)
        )));
    }
    let mut reader = Reader::from_str(text);
    {
        let c = reader.config_mut();
        c.expand_empty_elements = true;
        c.check_end_names = true;
        c.check_comments = true;
        c.trim_text(false);
    }
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut root: Option<Element> = None;
    let mut stack: Vec<Element> = Vec::new();
    // The prefixes in scope at the open element, each with the namespaces the open
    // elements that declare it bind it to (the innermost last): names must be
    // namespace-well-formed (every prefix declared, no attribute twice by expanded name),
    // or their canonical form is undefined. Kept up to date per declaration, never copied.
    let mut in_scope: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut nodes = 0usize;
    let mut seen_anything = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("not well-formed: {e}")))?;
        nodes += 1;
        if nodes > limits::MAX_NODES {
            return Err(Error::TooMany {
                what: "XML nodes",
                limit: limits::MAX_NODES,
            });
        }
        let node = match event {
            Event::Eof => break,
            Event::Decl(d) => {
                if seen_anything {
                    return Err(malformed("an XML declaration after the start"));
                }
                declaration(utf8(&d)?)?;
                seen_anything = true;
                continue;
            }
            Event::DocType(_) => {
                return Err(Error::Unsupported(
                    "a DOCTYPE: documents with a DTD are not read (no entity is expanded)".into(),
                ))
            }
            Event::Start(e) => {
                seen_anything = true;
                if root.is_some() {
                    return Err(malformed("a second document element"));
                }
                if stack.len() >= limits::MAX_DEPTH {
                    return Err(Error::TooMany {
                        what: "levels of XML nesting",
                        limit: limits::MAX_DEPTH,
                    });
                }
                let el = start(&e)?;
                for (p, uri) in &el.ns_decls {
                    in_scope.entry(p.clone()).or_default().push(uri.clone());
                }
                if in_scope.len() > limits::MAX_IN_SCOPE_NAMESPACES {
                    return Err(Error::TooMany {
                        what: "XML namespaces in scope",
                        limit: limits::MAX_IN_SCOPE_NAMESPACES,
                    });
                }
                let undeclared = std::iter::once(el.name.as_str())
                    .chain(el.attrs.iter().map(|(k, _)| k.as_str()))
                    .map(|q| Element::split(q).0)
                    .find(|p| !p.is_empty() && *p != "xml" && !in_scope.contains_key(*p));
                if let Some(p) = undeclared {
                    return Err(malformed(format!(
                        "<{}>: the prefix {p:?} is not declared",
                        el.name
                    )));
                }
                if el.ns_decls.iter().any(|(p, uri)| {
                    (p == "xml") != (uri == XML_NS) || p == "xmlns" || uri == XMLNS_NS
                }) {
                    return Err(malformed(format!(
                        "<{}>: the xml / xmlns prefixes are reserved",
                        el.name
                    )));
                }
                // No two attributes with one namespace name and local name (Namespaces
                // in XML 1.0 §6.3); unprefixed ones are in no namespace, and their
                // qualified names were found distinct.
                let mut expanded: Vec<(&str, &str)> = el
                    .attrs
                    .iter()
                    .filter_map(|(qname, _)| match Element::split(qname) {
                        ("", _) => None,
                        ("xml", local) => Some((XML_NS, local)),
                        (p, local) => in_scope
                            .get(p)
                            .and_then(|uris| uris.last())
                            .map(|uri| (uri.as_str(), local)),
                    })
                    .collect();
                expanded.sort_unstable();
                if let Some(w) = expanded.windows(2).find(|w| w[0] == w[1]) {
                    return Err(malformed(format!(
                        "<{}>: two attributes named {{{}}}{}",
                        el.name,
                        shown(w[0].0),
                        shown(w[0].1)
                    )));
                }
                stack.push(el);
                continue;
            }
            Event::Empty(_) => return Err(malformed("unexpected empty element")),
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(malformed("an end tag without a start"));
                };
                for (p, _) in &done.ns_decls {
                    if let Some(uris) = in_scope.get_mut(p) {
                        uris.pop();
                        if uris.is_empty() {
                            in_scope.remove(p);
                        }
                    }
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
                continue;
            }
            Event::Text(t) => {
                let raw = t
                    .xml10_content()
                    .map_err(|e| malformed(format!("text: {e}")))?;
                // CharData (XML 1.0 §2.4) holds no "]]>".
                if raw.contains("]]>") {
                    return Err(malformed("\"]]>\" in character data"));
                }
                Node::Text(line_ends(&raw))
            }
            Event::GeneralRef(r) => {
                if stack.is_empty() {
                    return Err(malformed("a reference outside the document element"));
                }
                Node::Text(reference(utf8(&r)?)?.to_string())
            }
            Event::CData(c) => {
                if stack.is_empty() {
                    return Err(malformed("a CDATA section outside the document element"));
                }
                Node::Text(line_ends(utf8(&c)?))
            }
            Event::Comment(c) => Node::Comment(line_ends(utf8(&c)?)),
            Event::PI(p) => {
                let all = line_ends(utf8(&p)?);
                let (target, data) = match all.split_once(|c: char| c.is_ascii_whitespace()) {
                    Some((t, d)) => (t.to_string(), d.trim_start().to_string()),
                    None => (all.clone(), String::new()),
                };
                // PITarget ::= Name - ([Xx][Mm][Ll]), without a colon (Namespaces in XML
                // 1.0 §7).
                if !is_ncname(&target) || target.eq_ignore_ascii_case("xml") {
                    return Err(malformed(format!(
                        "the processing instruction target {} is not allowed",
                        quoted(&target)
                    )));
                }
                Node::Pi(target, data)
            }
        };
        seen_anything = true;
        match (stack.last_mut(), &node, root.is_some()) {
            (Some(parent), _, _) => {
                // Adjacent text (a reference splits it) is one text node.
                match (parent.children.last_mut(), node) {
                    (Some(Node::Text(prev)), Node::Text(t)) => prev.push_str(&t),
                    (_, n) => parent.children.push(n),
                }
            }
            (None, Node::Text(t), _) => {
                if !t.chars().all(|c| matches!(c, ' ' | '\t' | '\n')) {
                    return Err(malformed("text outside the document element"));
                }
            }
            (None, _, false) => before.push(node),
            (None, _, true) => after.push(node),
        }
    }
    if !stack.is_empty() {
        return Err(malformed("the document ends inside an element"));
    }
    let root = root.ok_or_else(|| malformed("no document element"))?;
    Ok(Document {
        before,
        root,
        after,
    })
}
