//! The signatures of a PDF as a reader finds them: the `/V` of each signature field the
//! last revision's form reaches, each checked against the file's bytes, then every
//! `/ByteRange` no field reaches (review 49), and the locks each declared, read in the
//! revision it signed (review 50).

use super::{dictionary, form, limits, reader};
use crate::error::Result;
use crate::verdict::Outcome;

/// Where a signature to judge comes from.
pub(super) enum Source {
    /// A signature field's value, its dictionary written in the file from `start` to
    /// `end`, read by the object reader (`dict`), with the locks it declares.
    Form {
        field: String,
        start: usize,
        end: usize,
        dict: reader::Dict,
        mdp: std::result::Result<form::Mdp, String>,
    },
    /// A signature field's value that cannot be judged from the file's bytes: the outcome
    /// and why.
    FormUnjudged {
        field: String,
        outcome: Outcome,
        reason: String,
    },
    /// A `/ByteRange` in the bytes that no signature field reaches.
    Orphan,
    /// A `/ByteRange` in the bytes, the form unread (counted, as the only view there is;
    /// the document is at best indeterminate then).
    Bytes,
}

/// A signature to judge: where it is, and whence.
pub(super) struct Candidate {
    /// Its place in the file (the order of the report).
    pub(super) order: usize,
    /// Its `/ByteRange` key, as written in the file.
    pub(super) at: Option<usize>,
    pub(super) source: Source,
}

impl Candidate {
    /// Does it count for "a signature covers the whole file" (a signature a reader sees)?
    pub(super) fn counted(&self) -> bool {
        matches!(self.source, Source::Form { .. } | Source::Bytes)
    }
}

/// What signature dictionary `number` (as `dict` reads in the last revision) declared of
/// later changes, read in the revision it signed: the file as it stood when signed
/// (`pdf[..c + d]` of its `/ByteRange [a b c d]`, whose last `startxref` is that
/// revision's), its own dictionary, SigRefs, TransformParams and its field's `/Lock` as
/// they were then. A later revision may redefine any of those objects, and a lock read at
/// its newest version would be the attacker's (review 50). `None` when the signature ends
/// the file (no later revision: the newest is the signed one); an error when the signed
/// revision cannot be read or no field of its form holds the signature then (a later
/// revision then leaves the lock unknown, never lifted).
fn signed_revision_mdp(pdf: &[u8], number: u32, dict: &reader::Dict) -> Option<Result<form::Mdp>> {
    let range: Vec<i64> = match dict.get(b"ByteRange") {
        Some(reader::Object::Array(a)) => a
            .iter()
            .filter_map(|o| match o {
                reader::Object::Int(i) => Some(*i),
                _ => None,
            })
            .collect(),
        _ => {
            return Some(Err(reader::malformed(
                "its /ByteRange is not an array of integers",
            )))
        }
    };
    let end = match range.as_slice() {
        [_, _, c, d] => match c.checked_add(*d).and_then(|e| usize::try_from(e).ok()) {
            Some(e) => e,
            None => return Some(Err(reader::malformed("its /ByteRange ends nowhere"))),
        },
        _ => {
            return Some(Err(reader::malformed(
                "its /ByteRange is not four integers",
            )))
        }
    };
    if end >= pdf.len() {
        return None;
    }
    Some((|| {
        let mut signed = reader::Document::open(&pdf[..end])?;
        let reader::Object::Dict(sig) = signed.get(number)? else {
            return Err(reader::malformed(
                "its signature dictionary is not a dictionary in the revision it signed",
            ));
        };
        let field = form::signature_fields(&mut signed)?
            .into_iter()
            .find(|f| matches!(f.value, reader::Object::Ref(n, _) if n == number))
            .ok_or_else(|| {
                reader::malformed("no field of the form held it in the revision it signed")
            })?;
        form::mdp(&mut signed, &sig, field.lock.as_ref())
    })())
}

/// Where `/ByteRange` is written in the bytes, in order: at most one more than
/// [`limits::MAX_SIGNATURES`] (a file with more is not judged).
pub(super) fn byte_ranges(pdf: &[u8]) -> Vec<usize> {
    let mut positions = Vec::new();
    let mut from = 0;
    while let Some(at) = dictionary::find(pdf, b"/ByteRange", from) {
        positions.push(at);
        from = at + 1;
        if positions.len() > limits::MAX_SIGNATURES {
            break;
        }
    }
    positions
}

/// The locks signature dictionary `number` (`dict` in the last revision, held by a field
/// whose `/Lock` is `lock` there) declared, read as the verifier reads them: in the
/// revision it signed when a later one follows ([`signed_revision_mdp`]), else as they
/// stand.
fn declared(
    pdf: &[u8],
    doc: &mut reader::Document<'_>,
    number: u32,
    dict: &reader::Dict,
    lock: Option<&reader::Object>,
) -> Result<form::Mdp> {
    signed_revision_mdp(pdf, number, dict).unwrap_or_else(|| form::mdp(doc, dict, lock))
}

/// The signatures to judge: each signature field's value reached from the last revision's
/// catalog, and each `/ByteRange` of `positions` (the byte search) that none of them
/// holds; or, when the form cannot be read, the byte search alone and why.
pub(super) fn candidates(pdf: &[u8], positions: &[usize]) -> (Vec<Candidate>, Option<String>) {
    let bytes_only = |why: String| {
        let found = positions
            .iter()
            .map(|at| Candidate {
                order: *at,
                at: Some(*at),
                source: Source::Bytes,
            })
            .collect();
        (found, Some(why))
    };
    let mut doc = match reader::Document::open(pdf) {
        Ok(d) => d,
        Err(e) => return bytes_only(e.to_string()),
    };
    let fields = match form::signature_fields(&mut doc) {
        Ok(f) => f,
        Err(e) => return bytes_only(e.to_string()),
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut numbers = std::collections::HashSet::new();
    for field in fields {
        // The bound on distinct signatures (a field naming one already listed is skipped
        // below, before it could count: review 50).
        if out.len() > limits::MAX_SIGNATURES {
            break;
        }
        let unjudged = |outcome: Outcome, reason: String| Candidate {
            order: usize::MAX,
            at: None,
            source: Source::FormUnjudged {
                field: field.name.clone(),
                outcome,
                reason,
            },
        };
        let reader::Object::Ref(number, _) = field.value else {
            out.push(unjudged(
                Outcome::Unknown,
                "its value is not a reference to a signature dictionary written in the file".into(),
            ));
            continue;
        };
        if !numbers.insert(number) {
            continue;
        }
        let place = match doc.place(number) {
            Ok(p) => p,
            Err(e) => {
                out.push(unjudged(
                    Outcome::Unknown,
                    format!("its signature dictionary (object {number}) cannot be read: {e}"),
                ));
                continue;
            }
        };
        let (start, end) = match place {
            reader::Place::Absent => continue,
            reader::Place::InStream { stream } => {
                out.push(unjudged(
                    Outcome::Failed,
                    format!("its signature dictionary (object {number}) is compressed in object stream {stream}: its /ByteRange cannot frame a /Contents written in the file's bytes"),
                ));
                continue;
            }
            reader::Place::InFile { start, end } => (start, end),
        };
        let dict = match doc.get(number) {
            Ok(reader::Object::Dict(d)) => d,
            Ok(_) => {
                out.push(unjudged(
                    Outcome::Failed,
                    format!("its value (object {number}) is not a signature dictionary"),
                ));
                continue;
            }
            Err(e) => {
                out.push(unjudged(
                    Outcome::Unknown,
                    format!("its signature dictionary (object {number}) cannot be read: {e}"),
                ));
                continue;
            }
        };
        let mdp =
            declared(pdf, &mut doc, number, &dict, field.lock.as_ref()).map_err(|e| e.to_string());
        let at = positions.iter().copied().find(|p| (start..end).contains(p));
        let Some(at) = at else {
            out.push(Candidate {
                order: start,
                at: None,
                source: Source::FormUnjudged {
                    field: field.name.clone(),
                    outcome: Outcome::Unknown,
                    reason: format!("its signature dictionary (object {number}) has no /ByteRange key written plainly in the file's bytes (a name written with # escapes?): its bytes are not read"),
                },
            });
            continue;
        };
        out.push(Candidate {
            order: start,
            at: Some(at),
            source: Source::Form {
                field: field.name,
                start,
                end,
                dict,
                mdp,
            },
        });
    }
    for at in positions {
        let held = out.iter().any(
            |c| matches!(c.source, Source::Form { start, end, .. } if (start..end).contains(at)),
        );
        if !held {
            out.push(Candidate {
                order: *at,
                at: Some(*at),
                source: Source::Orphan,
            });
        }
    }
    (out, None)
}

/// Does the signature read from the bytes disagree with the dictionary the form names?
/// Its gap must lie in that dictionary's object (`start..end`), and the object reader's
/// `/ByteRange` and `/Contents` must be the ones the bytes gave.
pub(super) fn disagreement(
    found: &dictionary::Found<'_>,
    dict: &reader::Dict,
    start: usize,
    end: usize,
) -> Option<String> {
    let [_, b, c, _] = found.byte_range;
    let within = |x: u64| usize::try_from(x).is_ok_and(|x| (start..=end).contains(&x));
    if !within(b) || !within(c) {
        return Some(
            "the gap of its /ByteRange is not in the signature dictionary the field names".into(),
        );
    }
    let range: Option<Vec<u64>> = match dict.get(b"ByteRange") {
        Some(reader::Object::Array(a)) => a
            .iter()
            .map(|x| match x {
                reader::Object::Int(n) => u64::try_from(*n).ok(),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    if range.as_deref() != Some(&found.byte_range[..]) {
        return Some(
            "its /ByteRange, as a PDF reader reads the dictionary, is not the one written in its bytes".into(),
        );
    }
    let room = usize::try_from(c.saturating_sub(b).saturating_sub(2) / 2).unwrap_or(0);
    match dict.get(b"Contents") {
        Some(reader::Object::String(s)) if s.len() == room && s.starts_with(&found.cms) => None,
        _ => Some(
            "its /Contents, as a PDF reader reads the dictionary, is not the hex string its /ByteRange leaves out".into(),
        ),
    }
}
