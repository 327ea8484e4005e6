//! A PDF's signatures as a reader finds them, and the locks each declares.
//!
//! A signature is the value (`/V`) of a signature field (ISO 32000-1 §12.7.4.5, §12.8.1):
//! the fields are reached from the last revision's trailer, `/Root` → `/AcroForm` →
//! `/Fields` and their `/Kids` (a field's `/FT` inherited by its kids), bounded in depth,
//! in count and against loops. A `/ByteRange` elsewhere in the bytes is no signature a
//! reader shows.
//!
//! The modification detection and prevention (MDP) a signature declares is read from its
//! dictionary's `/Reference` (each entry and its `/TransformParams` resolved, in any order:
//! `/DocMDP` with its `/P`, `/FieldMDP` with its `/Action` and, in PDF 2.0, its `/P`) and
//! from its field's `/Lock` (`/Action`, PDF 2.0's `/P`). The signer ([`super::sign`])
//! reads a certification's lock with the same function ([`mdp`]).

use std::collections::HashSet;

use super::reader::{malformed, Dict, Document, Object};
use crate::error::{Error, Result};

/// Most form field dictionaries visited (and waiting to be visited).
pub(crate) const MAX_FIELDS: usize = 4096;
/// Deepest `/Kids` nesting followed.
const MAX_FIELD_DEPTH: usize = 32;
/// Most `/Reference` entries read in one signature dictionary.
const MAX_REFERENCES: usize = 32;

/// What a signature declares may change after it (ISO 32000-1 §12.8.2, ISO 32000-2
/// §12.8.2.4 and table 233).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mdp {
    /// A DocMDP transform's `/P` (2 when it gives none, or gives something other than 1
    /// to 3): a certification.
    pub(crate) docmdp: Option<u8>,
    /// The lowest `/P` a FieldMDP transform or the field's `/Lock` carries (PDF 2.0: the
    /// DocMDP permission that applies once the field is signed).
    pub(crate) lock_p: Option<u8>,
    /// The `/Action` of a FieldMDP transform or of the field's `/Lock` (`All`, `Include`,
    /// `Exclude`): form fields locked by this signature.
    pub(crate) field_lock: Option<String>,
}

impl Mdp {
    /// The strictest DocMDP permission declared (1: no change; 2: form filling and
    /// signing; 3: those and annotations).
    pub(crate) fn permission(&self) -> Option<u8> {
        [self.docmdp, self.lock_p].into_iter().flatten().min()
    }

    /// No change at all is permitted after this signature.
    pub(crate) fn forbids_any_change(&self) -> bool {
        self.permission() == Some(1)
    }

    /// Some changes after this signature are forbidden (a certification, or a lock).
    pub(crate) fn restricts(&self) -> bool {
        self.permission().is_some() || self.field_lock.is_some()
    }

    /// What the signature declares, for a reason.
    pub(crate) fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.docmdp {
            parts.push(format!("a certification (/DocMDP /P {p})"));
        }
        if let Some(p) = self.lock_p {
            parts.push(format!("a lock with /P {p}"));
        }
        if let Some(a) = &self.field_lock {
            parts.push(format!(
                "a form field lock (/FieldMDP or /Lock, /Action /{a})"
            ));
        }
        parts.join(" and ")
    }
}

/// A DocMDP permission as written: 1 to 3, else `None`.
fn permission(value: Option<&Object>) -> Option<u8> {
    match value {
        Some(Object::Int(p @ 1..=3)) => u8::try_from(*p).ok(),
        _ => None,
    }
}

/// A dictionary, references followed (absent or null: empty).
pub(super) fn optional_dict(
    doc: &mut Document<'_>,
    value: Option<&Object>,
    what: &str,
) -> Result<Dict> {
    match value {
        None => Ok(Dict::default()),
        Some(v) => match doc.resolve(v)? {
            Object::Dict(d) => Ok(d),
            Object::Null => Ok(Dict::default()),
            _ => Err(malformed(format!("{what} is not a dictionary"))),
        },
    }
}

/// An array, references followed (absent or null: empty).
pub(super) fn optional_array(
    doc: &mut Document<'_>,
    value: Option<&Object>,
    what: &str,
) -> Result<Vec<Object>> {
    match value {
        None => Ok(Vec::new()),
        Some(v) => match doc.resolve(v)? {
            Object::Array(a) => Ok(a),
            Object::Null => Ok(Vec::new()),
            _ => Err(malformed(format!("{what} is not an array"))),
        },
    }
}

/// The locks signature dictionary `sig` declares in its `/Reference` (every entry, and
/// its `/TransformParams`, resolved), and the field's `/Lock` when given.
pub(crate) fn mdp(doc: &mut Document<'_>, sig: &Dict, lock: Option<&Object>) -> Result<Mdp> {
    let mut m = Mdp::default();
    let lower = |slot: &mut Option<u8>, p: u8| *slot = Some(slot.map_or(p, |q| q.min(p)));
    let refs = match sig.get(b"Reference") {
        None => Vec::new(),
        Some(r) => match doc.resolve(r)? {
            Object::Array(a) => a,
            // One SigRef written without its array.
            d @ Object::Dict(_) => vec![d],
            Object::Null => Vec::new(),
            _ => return Err(malformed("a signature's /Reference is not an array")),
        },
    };
    if refs.len() > MAX_REFERENCES {
        return Err(Error::TooMany {
            what: "PDF signature /Reference entries",
            limit: MAX_REFERENCES,
        });
    }
    for r in &refs {
        let r = optional_dict(doc, Some(r), "a signature's /Reference entry")?;
        let params = optional_dict(doc, r.get(b"TransformParams"), "/TransformParams")?;
        let method = match r.get(b"TransformMethod") {
            Some(m) => doc.resolve(m)?,
            None => Object::Null,
        };
        match method {
            Object::Name(n) if n == b"DocMDP" => {
                lower(&mut m.docmdp, permission(params.get(b"P")).unwrap_or(2));
            }
            Object::Name(n) if n == b"FieldMDP" => {
                if let Some(p) = permission(params.get(b"P")) {
                    lower(&mut m.lock_p, p);
                }
                m.field_lock = Some(action(&params));
            }
            // UR3 (usage rights), Identity: no restriction on later revisions.
            _ => {}
        }
    }
    if let Some(lock) = lock {
        let lock = optional_dict(doc, Some(lock), "a signature field's /Lock")?;
        if let Some(p) = permission(lock.get(b"P")) {
            lower(&mut m.lock_p, p);
        }
        if lock.get(b"Action").is_some() && m.field_lock.is_none() {
            m.field_lock = Some(action(&lock));
        }
    }
    Ok(m)
}

fn action(d: &Dict) -> String {
    d.name(b"Action").map_or_else(
        || "?".to_string(),
        |a| String::from_utf8_lossy(a.get(..a.len().min(32)).unwrap_or_default()).into_owned(),
    )
}

/// A signature field with a value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SignatureField {
    /// Its name (`/T`, partial names joined by dots), for reasons.
    pub(crate) name: String,
    /// Its `/V` as written (a reference to the signature dictionary, usually).
    pub(crate) value: Object,
    /// Its `/Lock`, as written.
    pub(crate) lock: Option<Object>,
}

/// The signature fields with a value, reached from the last revision's catalog, in the
/// order of the form. Errors: a form that cannot be read within the bounds.
pub(crate) fn signature_fields(doc: &mut Document<'_>) -> Result<Vec<SignatureField>> {
    let root = doc
        .trailer
        .get(b"Root")
        .cloned()
        .ok_or_else(|| malformed("the trailer has no /Root"))?;
    let catalog = doc.dict(&root, "the catalog")?;
    let form = optional_dict(doc, catalog.get(b"AcroForm"), "/AcroForm")?;
    let fields = optional_array(doc, form.get(b"Fields"), "/Fields")?;
    // (node, depth, inherited /FT, parent's name)
    let mut stack: Vec<(Object, usize, Option<Vec<u8>>, String)> = Vec::new();
    let too_many = || Error::TooMany {
        what: "PDF form fields",
        limit: MAX_FIELDS,
    };
    if fields.len() > MAX_FIELDS {
        return Err(too_many());
    }
    stack.extend(
        fields
            .into_iter()
            .rev()
            .map(|f| (f, 0, None, String::new())),
    );
    let mut seen = HashSet::new();
    let mut visited = 0usize;
    let mut out = Vec::new();
    while let Some((node, depth, inherited, parent)) = stack.pop() {
        visited += 1;
        if visited > MAX_FIELDS {
            return Err(too_many());
        }
        if depth > MAX_FIELD_DEPTH {
            return Err(malformed(format!(
                "the form's fields nest deeper than {MAX_FIELD_DEPTH}"
            )));
        }
        if let Object::Ref(n, _) = node {
            // A field named twice, or a /Kids loop: read once.
            if !seen.insert(n) {
                continue;
            }
        }
        let d = match doc.resolve(&node)? {
            Object::Dict(d) => d,
            Object::Null => continue,
            _ => return Err(malformed("a form field is not a dictionary")),
        };
        let ft = d.name(b"FT").map(<[u8]>::to_vec).or(inherited);
        let name = match d.get(b"T") {
            Some(Object::String(t)) => {
                let t = String::from_utf8_lossy(t.get(..t.len().min(256)).unwrap_or_default())
                    .into_owned();
                if parent.is_empty() {
                    t
                } else {
                    format!("{parent}.{t}")
                }
            }
            _ => parent.clone(),
        };
        if ft.as_deref() == Some(b"Sig") {
            if let Some(v) = d.get(b"V").filter(|v| **v != Object::Null) {
                out.push(SignatureField {
                    name: name.clone(),
                    value: v.clone(),
                    lock: d.get(b"Lock").cloned(),
                });
            }
        }
        let kids = optional_array(doc, d.get(b"Kids"), "a field's /Kids")?;
        if stack.len().saturating_add(kids.len()) > MAX_FIELDS {
            return Err(too_many());
        }
        stack.extend(
            kids.into_iter()
                .rev()
                .map(|k| (k, depth + 1, ft.clone(), name.clone())),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(s: &str) -> Dict {
        match super::super::reader::Lexer::new(s.as_bytes(), 0)
            .object(0)
            .unwrap()
        {
            Object::Dict(d) => d,
            other => panic!("{other:?}"),
        }
    }

    /// A document of `objects` (classic table), its trailer's `/Root 1 0 R`.
    fn document(objects: &[(u32, &str)]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects {
            offsets.push((*n, out.len()));
            out.extend_from_slice(format!("{n} 0 obj\n{body}\nendobj\n").as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
        for (n, at) in offsets {
            out.extend_from_slice(format!("{n} 1\n{at:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size 99 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        out
    }

    #[test]
    fn a_lock_is_read_however_it_is_written() {
        let pdf = document(&[
            (1, "<< /Type /Catalog >>"),
            (
                10,
                "<< /Type /SigRef /TransformMethod /DocMDP /TransformParams 11 0 R >>",
            ),
            (11, "<< /P 1 >>"),
        ]);
        let mut doc = Document::open(&pdf).unwrap();
        // Indirect SigRef, indirect TransformParams.
        let m = mdp(&mut doc, &dict("<< /Reference [ 10 0 R ] >>"), None).unwrap();
        assert_eq!(m.docmdp, Some(1));
        assert!(m.forbids_any_change());
        // FieldMDP first, DocMDP second.
        let m = mdp(
            &mut doc,
            &dict("<< /Reference [ << /TransformMethod /FieldMDP /TransformParams << /Action /Include /Fields [(A)] >> >> << /TransformMethod /DocMDP /TransformParams << /P 3 >> >> ] >>"),
            None,
        )
        .unwrap();
        assert_eq!(m.docmdp, Some(3));
        assert_eq!(m.field_lock.as_deref(), Some("Include"));
        assert!(m.restricts() && !m.forbids_any_change());
        // PDF 2.0: a FieldMDP entry, or the field's /Lock, carrying /P 1.
        let m = mdp(
            &mut doc,
            &dict("<< /Reference [ << /TransformMethod /FieldMDP /TransformParams << /Action /All /P 1 >> >> ] >>"),
            None,
        )
        .unwrap();
        assert!(m.forbids_any_change());
        let lock = Object::Dict(dict("<< /Action /All /P 1 >>"));
        let m = mdp(&mut doc, &Dict::default(), Some(&lock)).unwrap();
        assert!(m.forbids_any_change());
        // A DocMDP with no /P: 2.
        let m = mdp(
            &mut doc,
            &dict("<< /Reference [ << /TransformMethod /DocMDP >> ] >>"),
            None,
        )
        .unwrap();
        assert_eq!(m.permission(), Some(2));
        // No /Reference, no lock: nothing restricted.
        assert!(!mdp(&mut doc, &Dict::default(), None).unwrap().restricts());
    }

    #[test]
    fn signature_fields_are_found_through_the_form_and_its_kids() {
        let pdf = document(&[
            (1, "<< /Type /Catalog /AcroForm 2 0 R >>"),
            (2, "<< /Fields [ 3 0 R 4 0 R 3 0 R ] >>"),
            // A parent with /FT /Sig, its kid the signed field; a loop back to the parent.
            (3, "<< /FT /Sig /T (Parent) /Kids [ 5 0 R 3 0 R ] >>"),
            (4, "<< /FT /Tx /T (Text) /V (x) >>"),
            (5, "<< /T (Kid) /V 8 0 R /Lock << /Action /All >> >>"),
        ]);
        let mut doc = Document::open(&pdf).unwrap();
        let fields = signature_fields(&mut doc).unwrap();
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].name, "Parent.Kid");
        assert_eq!(fields[0].value, Object::Ref(8, 0));
        assert!(fields[0].lock.is_some());
    }

    #[test]
    fn the_form_walk_is_bounded() {
        // A chain of kids deeper than allowed.
        let mut objects: Vec<(u32, String)> = vec![(
            1,
            "<< /Type /Catalog /AcroForm << /Fields [ 10 0 R ] >> >>".into(),
        )];
        for i in 10..10 + MAX_FIELD_DEPTH as u32 + 2 {
            objects.push((i, format!("<< /FT /Sig /Kids [ {} 0 R ] >>", i + 1)));
        }
        let objects: Vec<(u32, &str)> = objects.iter().map(|(n, s)| (*n, s.as_str())).collect();
        let pdf = document(&objects);
        let mut doc = Document::open(&pdf).unwrap();
        assert!(signature_fields(&mut doc).is_err());
        // Too many fields at once.
        let many = format!(
            "<< /Type /Catalog /AcroForm << /Fields [ {} ] >> >>",
            "<< /FT /Tx >> ".repeat(MAX_FIELDS + 1)
        );
        let pdf = document(&[(1, &many)]);
        let mut doc = Document::open(&pdf).unwrap();
        assert!(matches!(
            signature_fields(&mut doc),
            Err(Error::TooMany { .. })
        ));
    }
}
