//! The output document and refusal forms of the decrees' appendices, and the reading of
//! the forms file (`forms.toml`): each profile's request forms, output forms and refusal
//! form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{is_field_name, RequestForm};

/// A line of an output document's or refusal's form: fixed text (Kazakh, Russian, either
/// may be absent; `{name}` inside it is a blank filled in place) and the blank after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyItem {
    /// The text in Kazakh, the decree's wording.
    #[serde(default)]
    pub kk: Option<String>,
    /// The text in Russian.
    #[serde(default)]
    pub ru: Option<String>,
    /// The blank that follows the text: a request field or a provider's value by name
    /// (`reason`: a refusal's reason).
    #[serde(default)]
    pub fill: Option<String>,
    /// What the form prints under the blank, or what was read into the line.
    #[serde(default)]
    pub note: Option<String>,
}

/// Who signs an output document, as the form names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// The title in Kazakh.
    #[serde(default)]
    pub kk: Option<String>,
    /// The title in Russian.
    #[serde(default)]
    pub ru: Option<String>,
    /// The caption printed under the blank.
    #[serde(default)]
    pub note: Option<String>,
}

/// An output document's (or refusal's) form, from the decree's appendix: a template, data
/// not code, that [`crate::document::Fields::from_form`] fills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentForm {
    /// The appendix and the form's heading, in the decree's words.
    #[serde(default)]
    pub appendix_kk: Option<String>,
    /// The decree's words that name the document, where there is no heading.
    #[serde(default)]
    pub cited_kk: Option<String>,
    /// Does the seed print the form?
    pub printed: bool,
    /// Where in the decree text.
    #[serde(default)]
    pub lines: Option<String>,
    /// What was inferred, and the seed's defects.
    #[serde(default)]
    pub note: Option<String>,
    /// The title in Kazakh.
    #[serde(default)]
    pub title_kk: Option<String>,
    /// The title in Russian.
    #[serde(default)]
    pub title_ru: Option<String>,
    /// The lines, in order.
    #[serde(default)]
    pub body: Vec<BodyItem>,
    /// Who signs, in order.
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    /// The barcode note, `{signer}` for the signing subdivision.
    #[serde(default)]
    pub barcode_note_kk: Option<String>,
    /// The same in Russian.
    #[serde(default)]
    pub barcode_note_ru: Option<String>,
    /// The Law 370-II art. 7 p. 1 statement as the form prints it.
    #[serde(default)]
    pub law_note_kk: Option<String>,
    /// The same in Russian.
    #[serde(default)]
    pub law_note_ru: Option<String>,
    /// The decree's sentence prescribing a free-form letter instead of a form.
    #[serde(default)]
    pub free_form_kk: Option<String>,
    /// The same in Russian.
    #[serde(default)]
    pub free_form_ru: Option<String>,
    /// The Russian values that are the project's translation.
    #[serde(default)]
    pub translated: Vec<String>,
    /// Values the seed prints interrupted or reordered.
    #[serde(default)]
    pub reordered: Vec<String>,
}

impl DocumentForm {
    /// The names of the blanks, in order: each line's `{name}`s, then its `fill`.
    pub fn blanks(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for item in &self.body {
            for text in [&item.kk, &item.ru].into_iter().flatten() {
                for name in placeholders(text) {
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
            if let Some(f) = item.fill.as_deref() {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }
}

/// The `{name}`s inside `text`.
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if is_field_name(name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// A service's forms from the forms file: its request forms (the main one first), its
/// output documents' forms (the main one first) and its refusal's.
#[derive(Default)]
pub(crate) struct FormSet {
    pub(crate) requests: Vec<RequestForm>,
    pub(crate) outputs: Vec<DocumentForm>,
    pub(crate) refusal: Option<DocumentForm>,
}

// The citations of the seeds are read and kept with the data; the forms are read strictly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForms {
    schema: u32,
    #[serde(default)]
    #[allow(dead_code)]
    seeds: BTreeMap<String, String>,
    forms: BTreeMap<String, RawFormSet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawFormSet {
    seed: String,
    #[serde(default)]
    lines: Option<String>,
    #[serde(default)]
    note: Option<String>,
    request: RequestForm,
    #[serde(default)]
    more_requests: Vec<RequestForm>,
    #[serde(default)]
    output: Option<DocumentForm>,
    #[serde(default)]
    more_outputs: Vec<DocumentForm>,
    #[serde(default)]
    refusal: Option<DocumentForm>,
}

/// Read a forms file: each profile id's forms.
pub(crate) fn parse_forms(text: &str) -> Result<BTreeMap<String, FormSet>, String> {
    let raw: RawForms = toml::from_str(text).map_err(|e| e.to_string())?;
    if raw.schema != 1 {
        return Err(format!(
            "forms schema {} (this library reads 1)",
            raw.schema
        ));
    }
    Ok(raw
        .forms
        .into_iter()
        .map(|(id, set)| {
            let mut requests = vec![set.request];
            requests.extend(set.more_requests);
            let outputs = set.output.into_iter().chain(set.more_outputs).collect();
            let forms = FormSet {
                requests,
                outputs,
                refusal: set.refusal,
            };
            (id, forms)
        })
        .collect())
}
