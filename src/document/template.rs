//! Output documents and refusals as the decrees print them: the form of the decree's
//! appendix ([`DocumentForm`], data in `src/profiles/forms.toml`) filled from the request
//! and the provider's values into [`Fields`].
//!
//! Each line of the form becomes one labelled value: the label is the form's fixed text in
//! Kazakh and Russian (`{name}` blanks inside it filled in place), the value the blank
//! after it. A blank is filled from the provider's values first, then from the request's
//! field of that name; the signatories (`signatory_1`, `signatory_2` ... in the form's
//! order) from the provider's values. Every blank must be filled and every value given
//! must be one of the form's: a misspelt key is an error, not a silently empty line.

use std::collections::BTreeMap;

use super::{Field, Fields};
use crate::error::{Error, Result};
use crate::profiles::{DocumentForm, FieldValue, RequestDocument};

fn malformed(reason: String) -> Error {
    Error::UnrecognisedFormat {
        what: "output document values",
        reason,
    }
}

/// `text` with its `{name}` blanks filled by `value` (names not filled stay: the caller
/// has refused the form before).
fn fill_in(text: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "kk / ru", or whichever the form prints.
fn both(kk: Option<String>, ru: Option<String>) -> String {
    match (kk, ru) {
        (Some(k), Some(r)) if k != r => format!("{k} / {r}"),
        (Some(k), _) => k,
        (None, Some(r)) => r,
        (None, None) => String::new(),
    }
}

impl Fields {
    /// The fields of an output document (or, `refusal`, a refusal) laid out by `form`,
    /// the blanks filled from `values` (the provider's: `signatory_1` ... for the
    /// signatories, `reason` for a refusal's reason) and then from `request`. The titles are
    /// the form's; `favor_id` is left to the caller (`OutputDocument::new`).
    pub fn from_form(
        form: &DocumentForm,
        request: Option<&RequestDocument>,
        values: &BTreeMap<String, String>,
        refusal: bool,
    ) -> Result<Fields> {
        let mut blanks = form.blanks();
        // A refusal states its reason, whether or not its form has the blank (a letter).
        if refusal && !blanks.contains(&"reason") {
            blanks.push("reason");
        }
        let signatories: Vec<String> = (1..=form.signatories.len())
            .map(|i| format!("signatory_{i}"))
            .collect();
        let unknown: Vec<&str> = values
            .keys()
            .map(String::as_str)
            .filter(|k| !blanks.contains(k) && !signatories.iter().any(|s| s == k))
            .collect();
        if !unknown.is_empty() {
            return Err(malformed(format!(
                "{} not a blank of the form (its blanks: {}; signatories: {})",
                unknown.join(", "),
                if blanks.is_empty() {
                    "none".to_string()
                } else {
                    blanks.join(", ")
                },
                if signatories.is_empty() {
                    "none".to_string()
                } else {
                    signatories.join(", ")
                }
            )));
        }
        let value = |name: &str| -> Option<String> {
            values
                .get(name)
                .cloned()
                .or_else(|| match request?.get(name)? {
                    FieldValue::Text(t) => Some(t.clone()),
                    FieldValue::List(items) => Some(items.join("; ")),
                })
                .filter(|v| !v.trim().is_empty())
        };
        let missing: Vec<&str> = blanks
            .iter()
            .chain(
                signatories
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .copied()
            .filter(|b| value(b).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(malformed(format!(
                "the form's blanks {} are filled neither by the values nor by the request",
                missing.join(", ")
            )));
        }
        let mut fields = Vec::new();
        let mut refusal_reason = None;
        for item in &form.body {
            let label = both(
                item.kk.as_deref().map(|t| fill_in(t, &value)),
                item.ru.as_deref().map(|t| fill_in(t, &value)),
            );
            let filled = item.fill.as_deref().and_then(value);
            if item.fill.as_deref() == Some("reason") {
                refusal_reason = filled.clone();
                if label.is_empty() {
                    continue;
                }
            }
            fields.push(Field {
                label,
                value: filled.unwrap_or_default(),
            });
        }
        for (s, key) in form.signatories.iter().zip(&signatories) {
            fields.push(Field {
                label: both(s.kk.clone(), s.ru.clone()),
                value: value(key).unwrap_or_default(),
            });
        }
        if refusal && refusal_reason.is_none() {
            refusal_reason = value("reason");
        }
        let out = Fields {
            favor_id: None,
            title_kk: form.title_kk.clone(),
            title_ru: form.title_ru.clone(),
            fields,
            refusal,
            refusal_reason,
        };
        out.check()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::Profile;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_kokpekti_certificate_is_filled_from_the_request_and_the_provider() {
        let p = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
        let form = &p.output_forms[0];
        let request = RequestDocument::new(&p.id).with("full_name", "Сейтқали Аружан");
        let provider = values(&[
            ("registered_period", "2026-01-10"),
            ("public_works", "жоқ / нет"),
            ("training", "жоқ / нет"),
            ("assistance_granted", "жоқ / нет"),
            ("presented_to", "банк"),
            ("application_date", "2026-11-20"),
            ("signatory_1", "Ахметов А."),
            ("signatory_2", "Бекова Б."),
        ]);
        let f = Fields::from_form(form, Some(&request), &provider, false).unwrap();
        assert_eq!(
            f.title_kk.as_deref(),
            Some("ЖҰМЫССЫЗДЫҚ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА")
        );
        assert_eq!(f.fields[0].label, "Т.А.Ә. / Ф.И.О.");
        assert_eq!(f.fields[0].value, "Сейтқали Аружан");
        assert!(f.fields.iter().any(|x| x.label
            == "Анықтама: банк ұсыну үшін берілген / Справка дана для предъявления: банк"));
        assert!(f
            .fields
            .iter()
            .any(|x| x.label == "Бөлім бастығы / Начальник отдела" && x.value == "Ахметов А."));
        // A blank left empty, and a value the form does not have: errors naming them.
        let mut short = provider.clone();
        short.remove("training");
        let e = Fields::from_form(form, Some(&request), &short, false).unwrap_err();
        assert!(e.to_string().contains("training"), "{e}");
        let mut extra = provider.clone();
        extra.insert("traning".into(), "x".into());
        let e = Fields::from_form(form, Some(&request), &extra, false).unwrap_err();
        assert!(e.to_string().contains("traning"), "{e}");
    }

    #[test]
    fn a_refusal_letter_carries_its_reason() {
        let p = Profile::by_id("kokpekti-unemployment-certificate").unwrap();
        let form = p.refusal_form.as_ref().unwrap();
        let f = Fields::from_form(form, None, &values(&[("reason", "толық емес")]), true).unwrap();
        assert_eq!(f.refusal_reason.as_deref(), Some("толық емес"));
        assert!(Fields::from_form(form, None, &values(&[]), true).is_err());
    }

    #[test]
    fn every_form_names_its_blanks() {
        for p in Profile::all() {
            for form in p.output_forms.iter().chain(&p.refusal_form) {
                for b in form.blanks() {
                    assert!(
                        b.bytes()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_'),
                        "{}: {b}",
                        p.id
                    );
                }
            }
        }
    }
}
