//! What a `ds:Reference` points at and how its node-set becomes octets: the whole
//! document or one element by Id (the document's Ids indexed once), Canonical XML 1.0 or
//! Exclusive C14N; and what each Reference is handed out as ([`SignedPart`]).

use super::*;

/// How a node-set becomes octets: Canonical XML 1.0, or Exclusive C14N with its
/// InclusiveNamespaces PrefixList (`""` for `#default`). Comments never count: a `URI=""`
/// or `URI="#id"` node-set holds none (XMLDSig §4.3.3.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Canon {
    Inclusive,
    Exclusive(Vec<String>),
}

impl Canon {
    /// From a canonicalisation Algorithm URI, reading `el`'s InclusiveNamespaces (exclusive
    /// only); `None` for another algorithm. `scope` is `el`'s own.
    pub(super) fn of(uri: &str, el: &Element, scope: &mut Scope<'_>) -> Option<(Canon, bool)> {
        Some(match uri {
            C14N => (Canon::Inclusive, false),
            C14N_COMMENTS => (Canon::Inclusive, true),
            EXC_C14N | EXC_C14N_COMMENTS => {
                let mut prefixes = Vec::new();
                for child in el.elements() {
                    if child.expanded_in(scope) == (EXC_C14N, "InclusiveNamespaces") {
                        if let Some(list) = child.attr("PrefixList") {
                            prefixes.extend(
                                list.split_ascii_whitespace()
                                    .take(MAX_INCLUSIVE_PREFIXES)
                                    .map(|p| {
                                        if p == "#default" {
                                            String::new()
                                        } else {
                                            p.to_string()
                                        }
                                    }),
                            );
                        }
                    }
                }
                (Canon::Exclusive(prefixes), uri == EXC_C14N_COMMENTS)
            }
            _ => return None,
        })
    }

    pub(super) fn name(&self) -> &'static str {
        match self {
            Canon::Inclusive => "C14N 1.0",
            Canon::Exclusive(_) => "exclusive C14N",
        }
    }

    pub(super) fn subtree(
        &self,
        el: &Element,
        ancestors: &[&Element],
        options: C14n<'_>,
    ) -> Vec<u8> {
        match self {
            Canon::Inclusive => c14n::subtree(el, ancestors, options),
            Canon::Exclusive(p) => {
                let prefixes: Vec<&str> = p.iter().map(String::as_str).collect();
                c14n::exclusive_subtree(el, ancestors, options, &prefixes)
            }
        }
    }

    pub(super) fn document(&self, doc: &Document, options: C14n<'_>) -> Vec<u8> {
        match self {
            Canon::Inclusive => c14n::document(doc, options),
            Canon::Exclusive(p) => {
                let prefixes: Vec<&str> = p.iter().map(String::as_str).collect();
                c14n::exclusive_document(doc, options, &prefixes)
            }
        }
    }
}

/// Is `id` an XML NCName (a name without a colon), as an Id a same-document Reference
/// names must be (XMLDSig's barename XPointer)? Letters and `_` first, then letters,
/// digits, `.`, `-`, `_` (and the combining marks of non-ASCII letters). Anything else
/// (quotes, `<`, `&`, whitespace, `(`) is refused by the verifier and the signer alike:
/// an Id is pasted into a `URI` attribute, where such characters would let a document
/// choose what is signed.
pub(crate) fn is_ncname(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '\u{B7}'))
}

/// What a Reference points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// `URI=""`: the document.
    Whole,
    /// `URI="#id"`: the one element whose `Id`, `ID`, `id` or `wsu:Id` is `id`.
    Id(String),
}

/// What one Reference asks for.
pub(super) struct RefSpec {
    pub(super) target: Target,
    pub(super) enveloped: bool,
    pub(super) canon: Canon,
    pub(super) hash: HashAlgorithm,
    pub(super) expected: Vec<u8>,
}

/// One Reference read. `scope` is the Reference's own. Same-document references only: the
/// whole document (`URI=""`, with the enveloped-signature transform) or an element by Id
/// (`URI="#id"`); transforms: the enveloped-signature transform first, then Canonical XML
/// 1.0 or Exclusive C14N (with or without comments).
pub(super) fn read_reference<'d>(
    reference: &'d Element,
    scope: &mut Scope<'d>,
    i: usize,
    legacy_sha1: bool,
) -> std::result::Result<RefSpec, Stop> {
    let target = match reference.attr("URI") {
        Some("") => Target::Whole,
        Some(id) if id.strip_prefix('#').is_some_and(is_ncname) => {
            Target::Id(id[1..].to_string())
        }
        Some(other) => {
            return Err(unsupported(
                CheckName::Reference,
                format!(
                    "Reference #{} to {other:?}: only URI=\"\" (the whole document) and URI=\"#id\" are read",
                    i + 1
                ),
            ))
        }
        None => {
            return Err(unsupported(
                CheckName::Reference,
                format!("Reference #{} has no URI (the application's choice)", i + 1),
            ))
        }
    };
    // The Reference's children are exactly those of the XMLDSig schema, in its order:
    // `Transforms?`, `DigestMethod`, `DigestValue`. Anything else is malformed: a second
    // `ds:Transforms` (or any element the schema has no place for) would otherwise be left
    // unread, and the transforms its signer declared and signed never applied.
    let shape: Vec<(&str, &str)> = reference.elements().map(|c| c.expanded_in(scope)).collect();
    let expected: &[&str] = match shape.first() {
        Some(&(DSIG_NS, "Transforms")) => &["Transforms", "DigestMethod", "DigestValue"],
        _ => &["DigestMethod", "DigestValue"],
    };
    let well_formed = shape.len() == expected.len()
        && shape
            .iter()
            .zip(expected)
            .all(|(&(ns, local), want)| ns == DSIG_NS && local == *want);
    if !well_formed {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::Malformed,
            format!(
                "Reference #{}: its children must be ds:Transforms (at most one), ds:DigestMethod, ds:DigestValue, in that order, and nothing else",
                i + 1
            ),
        ));
    }
    let mut enveloped = false;
    let mut canon = Canon::Inclusive;
    if let [transforms] = children(reference, scope, "Transforms").as_slice() {
        let mark = scope.enter(transforms);
        let list = children(transforms, scope, "Transform");
        for (k, t) in list.iter().enumerate() {
            let uri = algorithm(t, "Transform")?;
            if uri == ENVELOPED && k == 0 {
                enveloped = true;
                continue;
            }
            let read = (k + 1 == list.len())
                .then(|| scope.within(t, |s| Canon::of(uri, t, s)))
                .flatten();
            match read {
                Some((c, _comments)) => canon = c,
                None => {
                    scope.leave(mark);
                    return Err(unsupported(
                        CheckName::Reference,
                        format!("Transform {uri} (at position {}) is not supported", k + 1),
                    ));
                }
            }
        }
        scope.leave(mark);
    }
    if target == Target::Whole && !enveloped {
        return Err(unsupported(
            CheckName::Reference,
            "a Reference to the whole document without the enveloped-signature transform",
        ));
    }
    let hash = digest_method(
        algorithm(one(reference, scope, "DigestMethod")?, "DigestMethod")?,
        legacy_sha1,
    )?;
    let expected = base64(&one(reference, scope, "DigestValue")?.text(), "DigestValue")?;
    Ok(RefSpec {
        target,
        enveloped,
        canon,
        hash,
        expected,
    })
}

/// What one Reference covered, as its digest was checked: the document less every
/// signature (`URI=""`; or, when an earlier signature it signed does not hold, the
/// document as it digested it, that signature in it), or the canonical element (`URI="#id"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedPart {
    pub(super) reference: String,
    pub(super) octets: Arc<[u8]>,
}

impl SignedPart {
    /// The Reference's URI (`""` or `#id`).
    pub fn reference(&self) -> &str {
        &self.reference
    }
    /// The octets: for `URI=""` the canonical document less every signature (or as
    /// digested, see [`SignedPart`]), for `#id` the canonical element as digested.
    pub fn octets(&self) -> &[u8] {
        &self.octets
    }
}

/// The elements the document's References name by Id: for each Id value referenced, how
/// many elements carry it, and the first with its ancestors.
#[derive(Default)]
pub(super) struct IdIndex<'d> {
    pub(super) found: std::collections::HashMap<String, (usize, &'d Element, Vec<&'d Element>)>,
}

impl<'d> IdIndex<'d> {
    /// One walk of the document for the `wanted` Id values.
    pub(super) fn build(
        doc: &'d Document,
        wanted: &std::collections::HashSet<String>,
    ) -> IdIndex<'d> {
        let mut index = IdIndex::default();
        if !wanted.is_empty() {
            index.walk(&doc.root, &mut Scope::default(), &mut Vec::new(), wanted);
        }
        index
    }

    fn walk(
        &mut self,
        el: &'d Element,
        scope: &mut Scope<'d>,
        path: &mut Vec<&'d Element>,
        wanted: &std::collections::HashSet<String>,
    ) {
        let mark = scope.enter(el);
        for (qname, value) in &el.attrs {
            let (prefix, local) = Element::split(qname);
            let is_id = match prefix {
                "" => matches!(local, "Id" | "ID" | "id"),
                p => local == "Id" && scope.get(p) == Some(WSU_NS),
            };
            if is_id && wanted.contains(value.as_str()) {
                let e = self
                    .found
                    .entry(value.clone())
                    .or_insert_with(|| (0, el, path.clone()));
                e.0 += 1;
            }
        }
        path.push(el);
        for child in el.elements() {
            self.walk(child, scope, path, wanted);
        }
        path.pop();
        scope.leave(mark);
    }
}

/// The Id values the signatures' References name (`URI="#id"`).
pub(super) fn referenced_ids(found: &[Found<'_>]) -> std::collections::HashSet<String> {
    let mut ids = std::collections::HashSet::new();
    for f in found {
        let mut scope = Scope::inside(&f.ancestors);
        let _ = scope.enter(f.signature);
        for ki in children(f.signature, &scope, "KeyInfo") {
            scope.within(ki, |s| {
                for str_el in ki
                    .elements()
                    .filter(|e| e.expanded_in(s) == (WSSE_NS, "SecurityTokenReference"))
                    .take(MAX_KEYINFO_CERTS)
                {
                    for r in str_el.elements().take(MAX_KEYINFO_CERTS) {
                        if let Some(id) = r.attr("URI").and_then(|u| u.strip_prefix('#')) {
                            ids.insert(id.to_string());
                        }
                    }
                }
            });
        }
        for si in children(f.signature, &scope, "SignedInfo") {
            scope.within(si, |s| {
                for r in children(si, s, "Reference")
                    .into_iter()
                    .take(MAX_REFERENCES)
                {
                    if let Some(id) = r.attr("URI").and_then(|u| u.strip_prefix('#')) {
                        ids.insert(id.to_string());
                    }
                }
            });
        }
    }
    ids
}
