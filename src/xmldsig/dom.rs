//! A small, bounded XML tree for signature verification: what XML 1.0 parsing gives
//! (line ends normalised, attribute values normalised, the predefined entities and
//! character references resolved), and nothing a signature does not need. No DTD is read:
//! a DOCTYPE is refused, so no entity can be declared or expanded.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};

/// Bounds on what is read.
pub mod limits {
    /// Largest document, in bytes.
    pub const MAX_DOCUMENT_LEN: usize = 16 * 1024 * 1024;
    /// Deepest element nesting.
    pub const MAX_DEPTH: usize = 256;
    /// Most nodes (elements, text, comments, processing instructions).
    pub const MAX_NODES: usize = 1_000_000;
    /// Most attributes of one element.
    pub const MAX_ATTRIBUTES: usize = 256;
    /// Most namespaces in scope at any element (each element's scope is a copy: this bounds
    /// the work of a document that declares many).
    pub const MAX_IN_SCOPE_NAMESPACES: usize = 64;
}

/// The XML namespace (bound to `xml` by definition).
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

pub(crate) fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what: "XML document",
        reason: reason.into(),
    }
}

/// One element, as written: its qualified name, its namespace declarations and its other
/// attributes (values normalised and unescaped), its children.
#[derive(Clone, Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    /// (prefix, namespace) of each `xmlns` / `xmlns:p` attribute; "" is the default.
    pub ns_decls: Vec<(String, String)>,
    /// (qualified name, value) of every other attribute.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A node of the tree.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
    Comment(String),
    /// (target, data).
    Pi(String, String),
}

/// A document: the nodes before the document element (comments, processing
/// instructions), the element, and the nodes after it.
#[derive(Clone, Debug)]
pub(crate) struct Document {
    pub before: Vec<Node>,
    pub root: Element,
    pub after: Vec<Node>,
}

/// In-scope namespaces: prefix -> namespace name ("" for the default; an empty name is
/// the default undeclared).
pub(crate) type Scope = BTreeMap<String, String>;

impl Element {
    /// (prefix, local name) of a qualified name.
    pub fn split(qname: &str) -> (&str, &str) {
        match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        }
    }

    /// The scope inside this element, given its parent's.
    pub fn scope(&self, parent: &Scope) -> Scope {
        let mut s = parent.clone();
        for (p, uri) in &self.ns_decls {
            s.insert(p.clone(), uri.clone());
        }
        s
    }

    /// (namespace, local name) of this element in `scope` (its own).
    pub fn expanded<'a>(&'a self, scope: &'a Scope) -> (&'a str, &'a str) {
        let (prefix, local) = Element::split(&self.name);
        let ns = scope.get(prefix).map(String::as_str).unwrap_or("");
        (ns, local)
    }

    /// The value of the unprefixed attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The text content (the text children, concatenated).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// XML line ends: `\r\n` and a lone `\r` become `\n`.
fn line_ends(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Resolve the predefined entities and character references of `raw` (after line ends
/// and, for attributes, whitespace were normalised).
fn unescape(raw: &str) -> Result<String> {
    quick_xml::escape::unescape(raw)
        .map(|c| c.into_owned())
        .map_err(|e| {
            malformed(format!(
                "a reference that is not a predefined entity or a character: {e}"
            ))
        })
}

fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|_| malformed("not UTF-8"))
}

fn start(e: &BytesStart<'_>) -> Result<Element> {
    let mut el = Element {
        name: utf8(e.name().as_ref())?.to_string(),
        ..Element::default()
    };
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|err| malformed(format!("<{}>: {err}", el.name)))?;
        if el.attrs.len() + el.ns_decls.len() >= limits::MAX_ATTRIBUTES {
            return Err(Error::TooMany {
                what: "attributes of one XML element",
                limit: limits::MAX_ATTRIBUTES,
            });
        }
        let key = utf8(a.key.as_ref())?.to_string();
        // Attribute-value normalisation (XML 1.0 §3.3.3, CDATA attributes): line ends,
        // then each whitespace character becomes a space; references resolved last.
        let raw = line_ends(utf8(&a.value)?).replace(['\n', '\t'], " ");
        let value = unescape(&raw)?;
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
    // The in-scope namespaces at each open element: names must be namespace-well-formed
    // (every prefix declared), or their canonical form is undefined.
    let mut scopes: Vec<Scope> = Vec::new();
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
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(|e| malformed(format!("XML declaration: {e}")))?;
                    if !enc.eq_ignore_ascii_case(b"utf-8") {
                        return Err(Error::Unsupported(format!(
                            "XML in encoding {:?}: only UTF-8 is read",
                            String::from_utf8_lossy(&enc)
                        )));
                    }
                }
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
                let scope = el.scope(scopes.last().unwrap_or(&Scope::new()));
                if scope.len() > limits::MAX_IN_SCOPE_NAMESPACES {
                    return Err(Error::TooMany {
                        what: "XML namespaces in scope",
                        limit: limits::MAX_IN_SCOPE_NAMESPACES,
                    });
                }
                let undeclared = std::iter::once(el.name.as_str())
                    .chain(el.attrs.iter().map(|(k, _)| k.as_str()))
                    .map(|q| Element::split(q).0)
                    .find(|p| !p.is_empty() && *p != "xml" && !scope.contains_key(*p));
                if let Some(p) = undeclared {
                    return Err(malformed(format!(
                        "<{}>: the prefix {p:?} is not declared",
                        el.name
                    )));
                }
                if el
                    .ns_decls
                    .iter()
                    .any(|(p, uri)| (p == "xml") != (uri == XML_NS) || p == "xmlns")
                {
                    return Err(malformed(format!(
                        "<{}>: the xml / xmlns prefixes are reserved",
                        el.name
                    )));
                }
                scopes.push(scope);
                stack.push(el);
                continue;
            }
            Event::Empty(_) => return Err(malformed("unexpected empty element")),
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(malformed("an end tag without a start"));
                };
                scopes.pop();
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
                Node::Text(line_ends(&raw))
            }
            Event::GeneralRef(r) => {
                let s = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => return Err(malformed("a bad character reference")),
                    }
                } else {
                    let name = r.decode().map_err(|e| malformed(format!("entity: {e}")))?;
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .map(str::to_string)
                        .ok_or_else(|| {
                            malformed(format!(
                                "the entity &{name}; is not declared (no DTD is read)"
                            ))
                        })?
                };
                Node::Text(s)
            }
            Event::CData(c) => Node::Text(line_ends(utf8(&c)?)),
            Event::Comment(c) => Node::Comment(line_ends(utf8(&c)?)),
            Event::PI(p) => {
                let all = line_ends(utf8(&p)?);
                let (target, data) = match all.split_once(|c: char| c.is_ascii_whitespace()) {
                    Some((t, d)) => (t.to_string(), d.trim_start().to_string()),
                    None => (all.clone(), String::new()),
                };
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
