//! Canonical XML 1.0 (W3C REC-xml-c14n-20010315), with and without comments: the bytes an
//! XML signature's digests and signature are computed over.
//!
//! Two node-sets are canonicalised, the two XMLDSig needs for same-document signatures:
//! the whole document less one element (a Reference with `URI=""` and the
//! enveloped-signature transform), and one element's subtree (SignedInfo), whose
//! ancestors' namespace declarations and `xml:` attributes are in scope and rendered on it,
//! as inclusive canonicalisation requires.

//!
//! The walk keeps one [`Scope`], entered and left per element, and an element renders
//! only its own declarations that change what its parent rendered: nothing inherited is
//! copied per element (the apex renders its whole scope, once; at most
//! [`super::limits::MAX_IN_SCOPE_NAMESPACES`] names).

use std::collections::BTreeSet;

use super::dom::{inherited_xml_attrs, Document, Element, Node, Scope, XmlAttrs, XML_NS};

/// Options of one canonicalisation.
#[derive(Clone, Copy)]
pub(crate) struct C14n<'a> {
    /// Keep comments (`#WithComments`).
    pub with_comments: bool,
    /// Elements left out with their subtrees (the enveloped signature).
    pub exclude: &'a [&'a Element],
}

/// The whole document.
pub(crate) fn document(doc: &Document, options: C14n<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    for n in &doc.before {
        if top_level(&mut out, n, options) {
            out.push(b'\n');
        }
    }
    if !options.exclude.iter().any(|e| std::ptr::eq(*e, &doc.root)) {
        element(&mut out, &doc.root, &mut Scope::default(), None, options);
    }
    for n in &doc.after {
        let mut one = Vec::new();
        if top_level(&mut one, n, options) {
            out.push(b'\n');
            out.extend_from_slice(&one);
        }
    }
    out
}

/// The subtree of `el`, whose ancestors are `ancestors` (the document element first): their
/// namespaces in scope and their `xml:` attributes are rendered on `el`.
pub(crate) fn subtree(el: &Element, ancestors: &[&Element], options: C14n<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut scope = Scope::inside(ancestors);
    let inherited = inherited_xml_attrs(ancestors);
    element(&mut out, el, &mut scope, Some(&inherited), options);
    out
}

/// A comment or processing instruction outside the document element; `false` when it is
/// not output.
fn top_level(out: &mut Vec<u8>, n: &Node, options: C14n<'_>) -> bool {
    match n {
        Node::Comment(c) if options.with_comments => comment(out, c),
        Node::Pi(t, d) => pi(out, t, d),
        _ => return false,
    }
    true
}

fn comment(out: &mut Vec<u8>, c: &str) {
    out.extend_from_slice(b"<!--");
    out.extend_from_slice(c.as_bytes());
    out.extend_from_slice(b"-->");
}

fn pi(out: &mut Vec<u8>, target: &str, data: &str) {
    out.extend_from_slice(b"<?");
    out.extend_from_slice(target.as_bytes());
    if !data.is_empty() {
        out.push(b' ');
        out.extend_from_slice(data.as_bytes());
    }
    out.extend_from_slice(b"?>");
}

fn text(out: &mut Vec<u8>, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '\r' => out.extend_from_slice(b"&#xD;"),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

fn attr_value(out: &mut Vec<u8>, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\t' => out.extend_from_slice(b"&#x9;"),
            '\n' => out.extend_from_slice(b"&#xA;"),
            '\r' => out.extend_from_slice(b"&#xD;"),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// One element. `scope` is its parent's on entry (and again on return). `apex` is the
/// `xml:` attributes inherited from ancestors outside the node-set when `el` is the apex of
/// a subtree: it then renders every namespace in scope; any other element renders the
/// declarations that change what its parent (in the node-set: only the enveloped signature
/// is left out, with its subtree) rendered, which are among its own.
fn element<'d>(
    out: &mut Vec<u8>,
    el: &'d Element,
    scope: &mut Scope<'d>,
    apex: Option<&XmlAttrs<'d>>,
    options: C14n<'_>,
) {
    // Namespace nodes (all in scope: inclusive canonicalisation), rendered where they
    // differ from what the output parent rendered. The default namespace's undeclaration
    // (xmlns="") only where the parent rendered a non-empty default. The parent rendered
    // its whole scope (less xml:) by induction from the apex, where "rendered" is empty.
    let mut ns_out: Vec<(&str, &str)> = Vec::with_capacity(el.ns_decls.len());
    if apex.is_none() {
        for (prefix, uri) in &el.ns_decls {
            if prefix != "xml" && scope.get(prefix).unwrap_or("") != uri {
                ns_out.push((prefix, uri));
            }
        }
    }
    let mark = scope.enter(el);
    if apex.is_some() {
        ns_out.extend(
            scope
                .iter()
                .filter(|(prefix, uri)| *prefix != "xml" && !uri.is_empty()),
        );
    }
    ns_out.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Attributes, sorted by (namespace name, local name); unqualified ones have none.
    // (ns, local, qname, value)
    let mut attrs = attributes(el, scope);
    if let Some(inherited) = apex {
        let own: BTreeSet<&str> = attrs
            .iter()
            .filter(|a| a.0 == XML_NS)
            .map(|a| a.1)
            .collect();
        for (local, (qname, value)) in inherited {
            if !own.contains(local) {
                attrs.push((XML_NS, local, qname, value));
            }
        }
    }
    attrs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    open_tag(out, el, &ns_out, &attrs);
    for child in &el.children {
        match child {
            Node::Element(e) => {
                if !options.exclude.iter().any(|x| std::ptr::eq(*x, e)) {
                    element(out, e, scope, None, options);
                }
            }
            Node::Text(t) => text(out, t),
            Node::Comment(c) if options.with_comments => comment(out, c),
            Node::Comment(_) => {}
            Node::Pi(t, d) => pi(out, t, d),
        }
    }
    scope.leave(mark);
    out.extend_from_slice(b"</");
    out.extend_from_slice(el.name.as_bytes());
    out.push(b'>');
}

// ---------------------------------------------------------------------------------------
// Exclusive XML Canonicalization 1.0 (W3C REC-xml-exc-c14n-20020718)

/// The whole document, exclusive canonicalisation: `inclusive` is the InclusiveNamespaces
/// PrefixList (`""` for `#default`), whose prefixes are treated as inclusive C14N does.
pub(crate) fn exclusive_document(doc: &Document, options: C14n<'_>, inclusive: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for n in &doc.before {
        if top_level(&mut out, n, options) {
            out.push(b'\n');
        }
    }
    if !options.exclude.iter().any(|e| std::ptr::eq(*e, &doc.root)) {
        exc_element(
            &mut out,
            &doc.root,
            &mut Scope::default(),
            &mut Scope::default(),
            options,
            inclusive,
        );
    }
    for n in &doc.after {
        let mut one = Vec::new();
        if top_level(&mut one, n, options) {
            out.push(b'\n');
            out.extend_from_slice(&one);
        }
    }
    out
}

/// The subtree of `el` (ancestors: the document element first), exclusive
/// canonicalisation: only the namespaces it visibly uses are rendered, nothing of its
/// ancestors' `xml:` attributes.
pub(crate) fn exclusive_subtree(
    el: &Element,
    ancestors: &[&Element],
    options: C14n<'_>,
    inclusive: &[&str],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut scope = Scope::inside(ancestors);
    exc_element(
        &mut out,
        el,
        &mut scope,
        &mut Scope::default(),
        options,
        inclusive,
    );
    out
}

/// One element, exclusive canonicalisation. `scope` is its parent's on entry and again on
/// return; `rendered` binds each prefix to what the nearest output ancestor rendered for
/// it (restored on return). A lookup in either costs the same however deep the element
/// (a list of every declaration rendered above it was scanned for each prefix used: depth
/// times namespaces per element).
fn exc_element<'d>(
    out: &mut Vec<u8>,
    el: &'d Element,
    scope: &mut Scope<'d>,
    rendered: &mut Scope<'d>,
    options: C14n<'_>,
    inclusive: &[&str],
) {
    let mark = scope.enter(el);
    // The prefixes visibly used: the element's own (or the default namespace), its
    // attributes' (unprefixed attributes have none; xml: is never declared), and the
    // PrefixList's when in scope.
    let mut used: BTreeSet<&str> = BTreeSet::new();
    used.insert(Element::split(&el.name).0);
    for (qname, _) in &el.attrs {
        let (prefix, _) = Element::split(qname);
        if !prefix.is_empty() && prefix != "xml" {
            used.insert(prefix);
        }
    }
    for p in inclusive {
        if scope.get(p).is_some() {
            used.insert(p);
        }
    }
    let mut ns_out: Vec<(&str, &str)> = Vec::new();
    for prefix in used {
        let uri = scope.get(prefix).unwrap_or("");
        let before = rendered.get(prefix).unwrap_or("");
        // A prefix is rendered where its value differs from what the output ancestors
        // rendered; the default namespace's undeclaration (xmlns="") only over a rendered
        // non-empty default.
        if uri != before && (prefix.is_empty() || !uri.is_empty()) {
            let p: &'d str = scope.prefix_ref(prefix).unwrap_or("");
            ns_out.push((p, uri));
        }
    }
    let rmark = rendered.mark();
    for &(p, u) in &ns_out {
        rendered.bind(p, u);
    }
    let mut attrs = attributes(el, scope);
    attrs.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    open_tag(out, el, &ns_out, &attrs);
    for child in &el.children {
        match child {
            Node::Element(e) => {
                if !options.exclude.iter().any(|x| std::ptr::eq(*x, e)) {
                    exc_element(out, e, scope, rendered, options, inclusive);
                }
            }
            Node::Text(t) => text(out, t),
            Node::Comment(c) if options.with_comments => comment(out, c),
            Node::Comment(_) => {}
            Node::Pi(t, d) => pi(out, t, d),
        }
    }
    rendered.leave(rmark);
    scope.leave(mark);
    out.extend_from_slice(b"</");
    out.extend_from_slice(el.name.as_bytes());
    out.push(b'>');
}

/// `el`'s attributes as (namespace name, local name, qualified name, value) in `scope`
/// (its own): unqualified attributes have no namespace, `xml:` ones the XML namespace.
fn attributes<'d>(el: &'d Element, scope: &Scope<'d>) -> Vec<(&'d str, &'d str, &'d str, &'d str)> {
    el.attrs
        .iter()
        .map(|(qname, value)| {
            let (prefix, local) = Element::split(qname);
            let ns = match prefix {
                "" => "",
                "xml" => XML_NS,
                p => scope.get(p).unwrap_or(""),
            };
            (ns, local, qname.as_str(), value.as_str())
        })
        .collect()
}

/// `<name ns... attrs...>`: the namespace declarations sorted by prefix, the attributes as
/// given (the caller sorts them by namespace name and local name).
fn open_tag(
    out: &mut Vec<u8>,
    el: &Element,
    ns: &[(&str, &str)],
    attrs: &[(&str, &str, &str, &str)],
) {
    let mut ns: Vec<(&str, &str)> = ns.to_vec();
    ns.sort_unstable_by(|a, b| a.0.cmp(b.0));
    out.push(b'<');
    out.extend_from_slice(el.name.as_bytes());
    for (prefix, uri) in ns {
        if prefix.is_empty() {
            out.extend_from_slice(b" xmlns=\"");
        } else {
            out.extend_from_slice(b" xmlns:");
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(b"=\"");
        }
        attr_value(out, uri);
        out.push(b'"');
    }
    for (_, _, qname, value) in attrs {
        out.push(b' ');
        out.extend_from_slice(qname.as_bytes());
        out.extend_from_slice(b"=\"");
        attr_value(out, value);
        out.push(b'"');
    }
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::super::dom::parse;
    use super::*;

    fn c14n(xml: &str, with_comments: bool) -> String {
        let doc = parse(xml.as_bytes()).unwrap();
        String::from_utf8(document(
            &doc,
            C14n {
                with_comments,
                exclude: &[],
            },
        ))
        .unwrap()
    }

    /// Examples of the C14N 1.0 recommendation, section 3.
    #[test]
    fn recommendation_examples() {
        // 3.1 PIs, comments, and outside of document element.
        let input = "<?xml version=\"1.0\"?>\n\n<?xml-stylesheet   href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n\n<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->";
        assert_eq!(
            c14n(input, false),
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>"
        );
        assert_eq!(
            c14n(input, true),
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->"
        );
        // 3.3 Start and end tags (without the DTD's defaulted attributes).
        let input = "<doc>\n   <e1   />\n   <e2   ></e2>\n   <e3   name = \"elem3\"   id=\"elem3\"   />\n   <e5 a:attr=\"out\" b:attr=\"sorted\" attr2=\"all\" attr=\"I'm\"\n      xmlns:b=\"http://www.ietf.org\"\n      xmlns:a=\"http://www.w3.org\"\n      xmlns=\"http://example.org\"/>\n   <e6 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n            <e9 xmlns=\"\" xmlns:a=\"http://www.ietf.org\"/>\n         </e8>\n      </e7>\n   </e6>\n</doc>";
        assert_eq!(
            c14n(input, false),
            "<doc>\n   <e1></e1>\n   <e2></e2>\n   <e3 id=\"elem3\" name=\"elem3\"></e3>\n   <e5 xmlns=\"http://example.org\" xmlns:a=\"http://www.w3.org\" xmlns:b=\"http://www.ietf.org\" attr=\"I'm\" attr2=\"all\" b:attr=\"sorted\" a:attr=\"out\"></e5>\n   <e6 xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n         <e8 xmlns=\"\">\n            <e9 xmlns:a=\"http://www.ietf.org\"></e9>\n         </e8>\n      </e7>\n   </e6>\n</doc>"
        );
        // 3.4 Character modifications and character references (no DTD).
        let input = "<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n   <compute><![CDATA[value>\"0\" && value<\"10\" ?\"valid\":\"error\"]]></compute>\n   <compute expr='value>\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"'>valid</compute>\n   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>\n</doc>";
        assert_eq!(
            c14n(input, false),
            "<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n   <compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute>\n   <compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute>\n   <norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm>\n</doc>"
        );
    }

    #[test]
    fn literal_whitespace_in_attributes_and_line_ends() {
        // Attribute-value normalisation turns literal tabs and line ends into spaces;
        // line ends in text become \n (a CR only survives as a character reference).
        assert_eq!(
            c14n("<a b=\"x\r\ny\tz\">1\r\n2\r3&#13;</a>", false),
            "<a b=\"x y z\">1\n2\n3&#xD;</a>"
        );
    }

    #[test]
    fn subtree_renders_inherited_namespaces_and_xml_attributes() {
        let doc = parse(
            b"<a xmlns:p=\"urn:p\" xmlns=\"urn:d\" xml:lang=\"kk\"><b xmlns:q=\"urn:q\"><c p:x=\"1\"/></b></a>",
        )
        .unwrap();
        let b = doc.root.elements().next().unwrap();
        let out = subtree(
            b,
            &[&doc.root],
            C14n {
                with_comments: false,
                exclude: &[],
            },
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<b xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" xml:lang=\"kk\"><c p:x=\"1\"></c></b>"
        );
    }

    #[test]
    fn subtree_inherits_the_nearest_xml_attribute_and_its_own_wins() {
        let doc = parse(
            b"<a xml:lang=\"kk\" xml:space=\"preserve\"><b xml:lang=\"ru\"><c/><d xml:lang=\"en\"/></b></a>",
        )
        .unwrap();
        let b = doc.root.elements().next().unwrap();
        let mut kids = b.elements();
        let (c, d) = (kids.next().unwrap(), kids.next().unwrap());
        let options = C14n {
            with_comments: false,
            exclude: &[],
        };
        assert_eq!(
            String::from_utf8(subtree(c, &[&doc.root, b], options)).unwrap(),
            "<c xml:lang=\"ru\" xml:space=\"preserve\"></c>"
        );
        assert_eq!(
            String::from_utf8(subtree(d, &[&doc.root, b], options)).unwrap(),
            "<d xml:lang=\"en\" xml:space=\"preserve\"></d>"
        );
    }

    #[test]
    fn an_excluded_element_leaves_the_scope_of_its_siblings_intact() {
        // The excluded element declares a prefix; its following sibling must not see it.
        let doc =
            parse(b"<r xmlns:p=\"urn:p\"><s xmlns:p=\"urn:other\" xmlns:q=\"urn:q\"/><p:t/></r>")
                .unwrap();
        let s = doc.root.elements().next().unwrap();
        let out = document(
            &doc,
            C14n {
                with_comments: false,
                exclude: &[s],
            },
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<r xmlns:p=\"urn:p\"><p:t></p:t></r>"
        );
    }

    #[test]
    fn dtds_and_undeclared_entities_are_refused() {
        assert!(parse(b"<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>").is_err());
        assert!(parse(b"<a>&e;</a>").is_err());
        assert!(parse(b"<a></b>").is_err());
        assert!(parse(b"<a/><b/>").is_err());
        assert!(parse(b"text<a/>").is_err());
        assert!(parse(b"<p:a/>").is_err());
        assert!(parse(b"<a q:x=\"1\"/>").is_err());
        assert!(parse(b"<a xmlns:xml=\"urn:x\"/>").is_err());
        assert!(parse(b"<a xml:lang=\"kk\"><p:b xmlns:p=\"urn:p\"/></a>").is_ok());
    }

    /// The example of the Exclusive C14N recommendation, section 2.2: the subtree of
    /// `n1:elem2` renders only the namespaces it uses, and no inherited `xml:` attribute.
    #[test]
    fn exclusive_recommendation_example() {
        let xml = "<n0:local xmlns:n0=\"foo:bar\" xmlns:n3=\"ftp://example.org\" xml:space=\"preserve\"><n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\"><n3:stuff xmlns:n3=\"ftp://example.org\"/></n1:elem2></n0:local>";
        let doc = parse(xml.as_bytes()).unwrap();
        let elem2 = doc.root.elements().next().unwrap();
        let options = C14n {
            with_comments: false,
            exclude: &[],
        };
        assert_eq!(
            String::from_utf8(exclusive_subtree(elem2, &[&doc.root], options, &[])).unwrap(),
            "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\"><n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff></n1:elem2>"
        );
        // Inclusive canonicalisation of the same subtree renders the whole scope.
        assert_eq!(
            String::from_utf8(subtree(elem2, &[&doc.root], options)).unwrap(),
            "<n1:elem2 xmlns:n0=\"foo:bar\" xmlns:n1=\"http://example.net\" xmlns:n3=\"ftp://example.org\" xml:lang=\"en\" xml:space=\"preserve\"><n3:stuff></n3:stuff></n1:elem2>"
        );
        // A PrefixList prefix is rendered as inclusive C14N would.
        assert_eq!(
            String::from_utf8(exclusive_subtree(elem2, &[&doc.root], options, &["n0"])).unwrap(),
            "<n1:elem2 xmlns:n0=\"foo:bar\" xmlns:n1=\"http://example.net\" xml:lang=\"en\"><n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff></n1:elem2>"
        );
    }

    /// The default namespace: declared where an unprefixed element uses it, undeclared
    /// (xmlns="") only below a rendered non-empty default; unused declarations dropped.
    #[test]
    fn exclusive_default_namespace() {
        let xml = "<a xmlns=\"urn:a\" xmlns:u=\"urn:unused\"><b xmlns=\"\"><c/></b><p:d xmlns:p=\"urn:p\"><e/></p:d></a>";
        let doc = parse(xml.as_bytes()).unwrap();
        let options = C14n {
            with_comments: false,
            exclude: &[],
        };
        assert_eq!(
            String::from_utf8(exclusive_document(&doc, options, &[])).unwrap(),
            "<a xmlns=\"urn:a\"><b xmlns=\"\"><c></c></b><p:d xmlns:p=\"urn:p\"><e></e></p:d></a>"
        );
        let b = doc.root.elements().next().unwrap();
        assert_eq!(
            String::from_utf8(exclusive_subtree(b, &[&doc.root], options, &[])).unwrap(),
            "<b><c></c></b>"
        );
    }
}
