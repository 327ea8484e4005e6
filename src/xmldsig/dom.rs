//! A small, bounded XML tree for signature verification: what XML 1.0 parsing gives
//! (line ends normalised, attribute values normalised, the predefined entities and
//! character references resolved), and nothing a signature does not need. No DTD is read:
//! a DOCTYPE is refused, so no entity can be declared or expanded.
//!
//! Input that is not well-formed XML 1.0 (5th edition) and namespace-well-formed is an
//! error. quick-xml finds the markup (and checks end tags and comments); what it does not
//! check is checked here, each in one pass over its text: every character a `Char`, raw or
//! by reference; element, attribute and PI names `Name`s and, with Namespaces in XML 1.0,
//! `QName`s (PI targets `NCName`s); start tags `Name (S Attribute)* S?` with quoted
//! values free of `<`; each attribute once, by qualified and by expanded name; no `]]>`
//! in character data; the XML declaration's syntax and a version `1.x` (read as 1.0).

use std::collections::BTreeMap;

use crate::error::{Error, Result};

mod lexical;
mod parse;

use lexical::*;
pub(crate) use parse::parse;

/// Bounds on what is read.
///
/// No walk of the tree copies what an element inherits (see `Scope`): each element
/// costs its own name, attributes and declarations, so the work of parsing,
/// canonicalising and searching a document is proportional to its size. These bounds keep
/// each piece of that small and refuse what no signed document needs.
pub mod limits {
    /// Largest document, in bytes.
    pub const MAX_DOCUMENT_LEN: usize = 16 * 1024 * 1024;
    /// Deepest element nesting (bounds the recursion of every walk of the tree).
    pub const MAX_DEPTH: usize = 256;
    /// Most nodes (elements, text, comments, processing instructions).
    pub const MAX_NODES: usize = 1_000_000;
    /// Most attributes of one element.
    pub const MAX_ATTRIBUTES: usize = 256;
    /// Most namespace prefixes in scope at any element (the default included): the apex
    /// of a canonicalised subtree (SignedInfo) renders every one of them.
    pub const MAX_IN_SCOPE_NAMESPACES: usize = 64;
    /// Longest namespace name, in bytes (after references are resolved). Namespace names
    /// are URIs of some tens of bytes (XMLDSig's is 34); 4 KiB is far above any real one
    /// and keeps what a SignedInfo apex renders under `MAX_IN_SCOPE_NAMESPACES` × 4 KiB
    /// = 256 KiB, whatever the document.
    pub const MAX_NAMESPACE_LEN: usize = 4 * 1024;
    /// Longest attribute value, in bytes as written (before references are resolved,
    /// which only shorten it). Signed documents carry algorithm URIs, identifiers, dates and
    /// codes in attributes and their bulk (base64, text) in element content, which only
    /// `MAX_DOCUMENT_LEN` bounds; 64 KiB is far above the former and bounds the
    /// normalisation of each value and the `xml:` attributes a SignedInfo apex inherits.
    pub const MAX_ATTRIBUTE_VALUE_LEN: usize = 64 * 1024;
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

/// The namespaces in scope at one point of a walk of the tree: prefix -> namespace name
/// ("" is the default prefix; an empty name is the default undeclared).
///
/// One map for the whole walk, changed in place: [`Scope::enter`] applies an element's own
/// declarations and logs what they replaced, [`Scope::leave`] puts that back. An element
/// costs its own declarations and nothing it inherits. (A copy of the parent's scope per
/// element made a document of many elements under one long namespace name, or a deep
/// one, cost the product of the two: minutes and gigabytes for 16 MB.)
#[derive(Debug, Default)]
pub(crate) struct Scope<'d> {
    map: BTreeMap<&'d str, &'d str>,
    /// (prefix, what it was bound to before) for each declaration entered, in order.
    undo: Vec<(&'d str, Option<&'d str>)>,
}

/// Where the undo log of a [`Scope`] stood before an element was entered.
#[must_use = "a scope entered is left with this mark"]
pub(crate) struct Mark(usize);

impl<'d> Scope<'d> {
    /// The scope of the element whose ancestors are `ancestors` (document element first),
    /// i.e. inside the last of them.
    pub(super) fn inside(ancestors: &[&'d Element]) -> Self {
        let mut s = Scope::default();
        for a in ancestors {
            let _ = s.enter(a);
        }
        s
    }

    /// Apply `el`'s declarations (the scope is then its own).
    pub(super) fn enter(&mut self, el: &'d Element) -> Mark {
        let mark = Mark(self.undo.len());
        for (prefix, uri) in &el.ns_decls {
            let before = self.map.insert(prefix, uri);
            self.undo.push((prefix, before));
        }
        mark
    }

    /// Where the undo log stands: [`Scope::bind`]s made after it are undone by `leave`.
    pub(super) fn mark(&self) -> Mark {
        Mark(self.undo.len())
    }

    /// Bind `prefix` to `uri` (undone by [`Scope::leave`] with an earlier mark). Exclusive
    /// canonicalisation keeps what the output ancestors rendered as such a scope: a lookup
    /// there costs what one in the document's scope does, however deep the element.
    pub(super) fn bind(&mut self, prefix: &'d str, uri: &'d str) {
        let before = self.map.insert(prefix, uri);
        self.undo.push((prefix, before));
    }

    /// Undo what was entered since `mark`.
    pub(super) fn leave(&mut self, mark: Mark) {
        while self.undo.len() > mark.0 {
            let Some((prefix, before)) = self.undo.pop() else {
                break;
            };
            match before {
                Some(uri) => self.map.insert(prefix, uri),
                None => self.map.remove(prefix),
            };
        }
    }

    /// `f` with `el` entered (the scope is then `el`'s), and left after.
    pub(super) fn within<T>(&mut self, el: &'d Element, f: impl FnOnce(&mut Self) -> T) -> T {
        let mark = self.enter(el);
        let out = f(self);
        self.leave(mark);
        out
    }

    /// The namespace bound to `prefix`.
    pub(super) fn get(&self, prefix: &str) -> Option<&'d str> {
        self.map.get(prefix).copied()
    }

    /// The prefix as held in the scope (with the document's lifetime), when it is bound.
    pub(super) fn prefix_ref(&self, prefix: &str) -> Option<&'d str> {
        self.map.get_key_value(prefix).map(|(k, _)| *k)
    }

    /// Every (prefix, namespace), by prefix.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&'d str, &'d str)> + '_ {
        self.map.iter().map(|(p, u)| (*p, *u))
    }
}

/// The `xml:` attributes an element inherits from ancestors outside the node-set: local
/// name -> (qualified name, value), the nearest ancestor's where several carry one.
pub(crate) type XmlAttrs<'d> = BTreeMap<&'d str, (&'d str, &'d str)>;

/// The `xml:` attributes `ancestors` (document element first) hand down: one entry per
/// name, whatever the depth (a list of every ancestor's, copied per level, grew with the
/// square of the depth).
pub(crate) fn inherited_xml_attrs<'d>(ancestors: &[&'d Element]) -> XmlAttrs<'d> {
    let mut out = XmlAttrs::new();
    for a in ancestors {
        for (qname, value) in &a.attrs {
            if let Some(local) = qname.strip_prefix("xml:") {
                out.insert(local, (qname, value));
            }
        }
    }
    out
}

impl Element {
    /// (prefix, local name) of a qualified name.
    pub(crate) fn split(qname: &str) -> (&str, &str) {
        match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        }
    }

    /// (namespace, local name) of this element in `scope` (its own: entered).
    pub(super) fn expanded<'a>(&'a self, scope: &Scope<'a>) -> (&'a str, &'a str) {
        let (prefix, local) = Element::split(&self.name);
        (scope.get(prefix).unwrap_or(""), local)
    }

    /// (namespace, local name) of this element in its parent's scope `parent` (its own
    /// declarations looked at first, nothing copied).
    pub(super) fn expanded_in<'a>(&'a self, parent: &Scope<'a>) -> (&'a str, &'a str) {
        let (prefix, local) = Element::split(&self.name);
        let own = self
            .ns_decls
            .iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str());
        (own.or_else(|| parent.get(prefix)).unwrap_or(""), local)
    }

    /// The value of the unprefixed attribute `name`.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The text content (the text children, concatenated).
    pub(crate) fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(xml: &str) -> Document {
        parse(xml.as_bytes()).unwrap()
    }

    #[test]
    fn namespace_names_and_attribute_values_are_bounded() {
        let name = |n: usize| format!("<a xmlns:p=\"urn:{}\"/>", "u".repeat(n - 4));
        assert!(parse(name(limits::MAX_NAMESPACE_LEN).as_bytes()).is_ok());
        assert!(matches!(
            parse(name(limits::MAX_NAMESPACE_LEN + 1).as_bytes()),
            Err(Error::TooLarge {
                what: "XML namespace name",
                ..
            })
        ));
        let default = format!(
            "<a xmlns=\"{}\"/>",
            "u".repeat(limits::MAX_NAMESPACE_LEN + 1)
        );
        assert!(parse(default.as_bytes()).is_err());
        let value = |n: usize| format!("<a b=\"{}\"/>", "v".repeat(n));
        assert!(parse(value(limits::MAX_ATTRIBUTE_VALUE_LEN).as_bytes()).is_ok());
        assert!(matches!(
            parse(value(limits::MAX_ATTRIBUTE_VALUE_LEN + 1).as_bytes()),
            Err(Error::TooLarge {
                what: "XML attribute value",
                ..
            })
        ));
    }

    #[test]
    fn a_prefix_goes_out_of_scope_with_its_element() {
        assert!(parse(b"<a><b xmlns:p=\"urn:p\"><p:c/></b></a>").is_ok());
        assert!(parse(b"<a><b xmlns:p=\"urn:p\"/><p:c/></a>").is_err());
        // Declared twice on the path: still in scope after the inner one ends.
        assert!(parse(b"<a xmlns:p=\"urn:p\"><b xmlns:p=\"urn:q\"/><p:c/></a>").is_ok());
    }

    #[test]
    fn at_most_so_many_namespaces_in_scope() {
        let decls =
            |n: usize| -> String { (0..n).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect() };
        let at = format!("<a{}/>", decls(limits::MAX_IN_SCOPE_NAMESPACES));
        assert!(parse(at.as_bytes()).is_ok());
        let over = format!(
            "<a{}><b xmlns:q=\"urn:q\"/></a>",
            decls(limits::MAX_IN_SCOPE_NAMESPACES)
        );
        assert!(matches!(
            parse(over.as_bytes()),
            Err(Error::TooMany {
                what: "XML namespaces in scope",
                ..
            })
        ));
        // Redeclaring a prefix in scope adds none; siblings' declarations do not add up.
        let redeclared = format!(
            "<a{}><b xmlns:p0=\"urn:x\"/><c xmlns:p1=\"urn:y\"/></a>",
            decls(limits::MAX_IN_SCOPE_NAMESPACES)
        );
        assert!(parse(redeclared.as_bytes()).is_ok());
        let siblings = format!(
            "<a{}><b xmlns:q=\"urn:q\"/><c xmlns:r=\"urn:r\"/></a>",
            decls(limits::MAX_IN_SCOPE_NAMESPACES - 1)
        );
        assert!(parse(siblings.as_bytes()).is_ok());
    }

    #[test]
    fn a_scope_is_restored_when_left() {
        let doc = el("<a xmlns=\"urn:d\" xmlns:p=\"urn:p\"><b xmlns=\"\" xmlns:p=\"urn:q\" xmlns:r=\"urn:r\"/></a>");
        let b = doc.root.elements().next().unwrap();
        let mut scope = Scope::inside(&[&doc.root]);
        let outer: Vec<_> = scope.iter().collect();
        assert_eq!(outer, [("", "urn:d"), ("p", "urn:p")]);
        assert_eq!(b.expanded_in(&scope), ("", "b"));
        let inner = scope.within(b, |s| s.iter().collect::<Vec<_>>());
        assert_eq!(inner, [("", ""), ("p", "urn:q"), ("r", "urn:r")]);
        assert_eq!(scope.iter().collect::<Vec<_>>(), outer);
        assert_eq!(doc.root.expanded(&scope), ("urn:d", "a"));
    }

    #[test]
    fn inherited_xml_attributes_nearest_first() {
        let doc = el("<a xml:lang=\"kk\" xml:space=\"preserve\"><b xml:lang=\"ru\" c=\"1\"/></a>");
        let b = doc.root.elements().next().unwrap();
        let got = inherited_xml_attrs(&[&doc.root, b]);
        let got: Vec<_> = got.into_iter().collect();
        assert_eq!(
            got,
            [
                ("lang", ("xml:lang", "ru")),
                ("space", ("xml:space", "preserve"))
            ]
        );
    }

    /// `parse` of each refused, with a message naming the fault.
    fn refused(docs: &[&str]) {
        for doc in docs {
            match parse(doc.as_bytes()) {
                Err(Error::MalformedDer { reason, .. }) => assert!(!reason.is_empty()),
                other => panic!("{doc:?}: {other:?}"),
            }
        }
    }

    fn accepted(docs: &[&str]) {
        for doc in docs {
            if let Err(e) = parse(doc.as_bytes()) {
                panic!("{doc:?}: {e}");
            }
        }
    }

    #[test]
    fn every_character_is_an_xml_char() {
        // Raw, anywhere: content, attribute value, comment, PI, CDATA.
        refused(&[
            "<a>\u{1}</a>",
            "<a b=\"\u{1F}\"/>",
            "<a><!-- \u{0} --></a>",
            "<a><?p \u{B}?></a>",
            "<a><![CDATA[\u{C}]]></a>",
            "<a>\u{FFFE}</a>",
            "<a>\u{FFFF}</a>",
        ]);
        // By reference (WFC: Legal Character), in content and in attribute values.
        refused(&[
            "<a>&#1;</a>",
            "<a>&#0;</a>",
            "<a>&#x1F;</a>",
            "<a>&#xFFFE;</a>",
            "<a>&#xD800;</a>",
            "<a>&#x110000;</a>",
            "<a>&#99999999999999999999;</a>",
            "<a b=\"&#1;\"/>",
            "<a b=\"&#xFFFF;\"/>",
        ]);
        // Malformed references.
        refused(&[
            "<a>&#;</a>",
            "<a>&#x;</a>",
            "<a>&#X41;</a>",
            "<a>&#x-41;</a>",
            "<a>&#+65;</a>",
            "<a>a & b</a>",
            "<a b=\"a & b\"/>",
            "<a b=\"&#;\"/>",
            "<a b=\"&e;\"/>",
            "<a b=\"& lt;\"/>",
        ]);
        accepted(&[
            "<a>\t\r\n \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}</a>",
            "<a>&#x9;&#xA;&#xD;&#32;&#x10FFFF;&#65;&#0065;&#x41;&#x4a;&#x4A;</a>",
            "<a b=\"&#x9;&lt;&gt;&amp;&apos;&quot;\"/>",
        ]);
        let doc = el("<a b=\"&#x9;x&#10;\">&#x9;&#1178;&lt;</a>");
        assert_eq!(doc.root.attr("b"), Some("\tx\n"));
        assert_eq!(doc.root.text(), "\t\u{49A}<");
    }

    #[test]
    fn names_are_xml_names() {
        refused(&[
            "<1a>t</1a>",
            "<-a/>",
            "<.a/>",
            "<a b\u{300}=\"1\" \u{300}c=\"1\"/>",
            "<a 1b=\"1\"/>",
            "<a b$=\"1\"/>",
            "<a\u{D7}/>",
            "< a/>",
            "<a><?1p x?></a>",
            "<a><?xml-ok?><?XmL x?></a>",
        ]);
        // NameStartChar / NameChar beyond ASCII: Cyrillic and Kazakh element names (as
        // Kalkan and eGov write them), combining marks and digits after the first.
        accepted(&[
            "<Документ><Подписант/><Қолтаңба ә\u{B7}2-б.в_г=\"1\"/></Документ>",
            "<a\u{B7}b c\u{300}=\"1\"/>",
            "<_a-1.b\u{203F}/>",
            "<a\u{10000}/>",
            "<a><?xml-stylesheet href=\"x\"?><?p?></a>",
        ]);
    }

    #[test]
    fn names_are_qnames() {
        refused(&[
            "<p:b:c xmlns:p=\"urn:p\">t</p:b:c>",
            "<a xmlns:p=\"urn:p\" p:b:c=\"1\"/>",
            "<:a/>",
            "<p: xmlns:p=\"urn:p\"/>",
            "<a :b=\"1\"/>",
            "<a xmlns:=\"urn:p\"/>",
            "<a xmlns:p:q=\"urn:p\"/>",
            "<a><?p:q x?></a>",
        ]);
        accepted(&[
            "<p:b xmlns:p=\"urn:p\" p:c=\"1\">t</p:b>",
            "<п:б xmlns:п=\"urn:p\" п:в=\"1\"/>",
        ]);
    }

    #[test]
    fn attribute_values_hold_no_lt() {
        refused(&["<a b=\"<x>\">t</a>", "<a b='<'/>", "<a b=\"x\"y\"/>"]);
        let doc = el("<a b=\"&lt;x>\" c='\"' d=\"'\">t</a>");
        assert_eq!(doc.root.attr("b"), Some("<x>"));
        assert_eq!(doc.root.attr("c"), Some("\""));
        assert_eq!(doc.root.attr("d"), Some("'"));
    }

    #[test]
    fn attributes_are_separated_by_whitespace() {
        refused(&[
            "<a b=\"1\"c=\"2\">t</a>",
            "<a b='1'c='2'/>",
            "<a b=\"1\"/c=\"2\"/>",
            "<a b=\"1\" / >",
            "<a b>t</a>",
            "<a b=1/>",
            "<a b=\"1\" =\"2\"/>",
        ]);
        let doc = el("<a\tb = \"1\"\r\n  c='2'  >t</a>");
        assert_eq!(doc.root.attr("b"), Some("1"));
        assert_eq!(doc.root.attr("c"), Some("2"));
        accepted(&["<a b=\"1\" c=\"2\">t</a>", "<a b=\"1\" c=\"2\" />", "<a />"]);
    }

    #[test]
    fn attributes_are_unique() {
        refused(&[
            "<a b=\"1\" b=\"2\"/>",
            "<a xmlns:p=\"urn:p\" xmlns:p=\"urn:p\"/>",
            "<a xmlns=\"urn:p\" xmlns=\"urn:p\"/>",
            // One expanded name (Namespaces in XML 1.0 §6.3), the binding from the
            // element itself or from an ancestor.
            "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\">t</a>",
            "<a xmlns:p=\"urn:p\"><b xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/></a>",
            "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><b xmlns:q=\"urn:p\" p:x=\"1\" q:x=\"2\"/></a>",
            "<a xmlns:p=\"http://www.w3.org/XML/1998/namespace\" xml:x=\"1\" p:x=\"2\"/>",
        ]);
        accepted(&[
            "<a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" p:x=\"1\" q:x=\"2\">t</a>",
            // Unprefixed attributes are in no namespace, whatever the default.
            "<a xmlns=\"urn:p\" xmlns:p=\"urn:p\" x=\"1\" p:x=\"2\"/>",
            // A binding redeclared on a child: the inner one counts.
            "<a xmlns:q=\"urn:p\"><b xmlns:q=\"urn:q\" xmlns:p=\"urn:p\" p:x=\"1\" q:x=\"2\"/></a>",
        ]);
    }

    #[test]
    fn character_data_holds_no_cdata_end() {
        refused(&["<a>x ]]> y</a>", "<a>]]></a>", "<a><b/>]]></a>"]);
        let doc = el("<a>x ]]&gt; ]] > ]<![CDATA[]]]]><![CDATA[>]]></a>");
        assert_eq!(doc.root.text(), "x ]]> ]] > ]]]>");
    }

    #[test]
    fn the_xml_declaration_is_of_xml_1() {
        refused(&[
            "<?xml version=\"2.0\"?><a>t</a>",
            "<?xml version=\"1\"?><a>t</a>",
            "<?xml version=\"1.\"?><a>t</a>",
            "<?xml version=\"1.0a\"?><a>t</a>",
            "<?xml?><a>t</a>",
            "<?xml encoding=\"UTF-8\"?><a>t</a>",
            "<?xml encoding=\"UTF-8\" version=\"1.0\"?><a>t</a>",
            "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?><a>t</a>",
            "<?xml version=\"1.0\" standalone=\"maybe\"?><a>t</a>",
            "<?xml version=\"1.0\" foo=\"bar\"?><a>t</a>",
            "<?xml version=\"1.0\"encoding=\"UTF-8\"?><a>t</a>",
            "<?xml version=\"1.0\" encoding=\"8bit\"?><a>t</a>",
            " <?xml version=\"1.0\"?><a>t</a>",
            "<a>t</a><?xml version=\"1.0\"?>",
        ]);
        assert!(matches!(
            parse(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>t</a>"),
            Err(Error::Unsupported(_))
        ));
        accepted(&[
            "<?xml version=\"1.0\"?><a>t</a>",
            "<?xml version='1.0' encoding='utf-8' standalone='no' ?>\n<a>t</a>",
            "<?xml version = \"1.0\" encoding = \"UTF-8\" standalone=\"yes\"?><a>t</a>",
            // 1.x is read as 1.0 (XML 1.0 §2.8).
            "<?xml version=\"1.1\"?><a>t</a>",
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>t</a>",
        ]);
    }

    #[test]
    fn nothing_but_misc_outside_the_document_element() {
        refused(&["<a/>&#32;", "&amp;<a/>", "<a/><![CDATA[ ]]>", "<a/>x"]);
        accepted(&["<!-- c --><?p d?>\n<a/>\n<!-- c -->\r\n"]);
    }

    #[test]
    fn no_prefix_is_bound_to_the_xmlns_namespace() {
        refused(&[
            "<a xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>",
            "<a xmlns=\"http://www.w3.org/2000/xmlns/\"/>",
        ]);
    }
}
