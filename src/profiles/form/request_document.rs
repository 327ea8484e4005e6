//! A request document read and checked against its form: the fields' values from JSON or
//! XML, each checked as its kind demands, and the document written back in either format.

use serde::Serialize;

use super::read::{check_value, read_json, read_xml, Head};
use super::{
    is_field_name, limits, serde_json_string, truncate, xml_text, FieldKind, FieldValue, FormError,
    RequestFormat, REQUEST_NAMESPACE, REQUEST_SCHEMA,
};
use crate::identity::{Bin, Iin};
use crate::profiles::Profile;

/// A request document, read against its service's form: the IIN/BIN the condition
/// compares come from here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestDocument {
    profile_id: String,
    /// Which of the service's request forms (1: the main one).
    form: u32,
    format: RequestFormat,
    fields: Vec<(String, FieldValue)>,
    #[serde(skip)]
    iin: Option<Iin>,
    #[serde(skip)]
    bin: Option<Bin>,
}

impl RequestDocument {
    /// An empty request for `profile_id`, to fill with [`RequestDocument::with`] and write
    /// with [`RequestDocument::to_xml`] or [`RequestDocument::to_json`].
    pub fn new(profile_id: &str) -> RequestDocument {
        RequestDocument {
            profile_id: profile_id.to_string(),
            form: 1,
            format: RequestFormat::Xml,
            fields: Vec::new(),
            iin: None,
            bin: None,
        }
    }

    /// The same request with `name` set to `value` (replacing an earlier value). Not
    /// checked against a form until read back ([`RequestDocument::read`]).
    pub fn with(mut self, name: &str, value: impl Into<FieldValue>) -> RequestDocument {
        let value = value.into();
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((name.to_string(), value)),
        }
        self
    }

    /// The same request on the service's request form numbered `n` (1, the default: the
    /// main form; 2 and on: [`crate::profiles::Profile::more_request_forms`]).
    pub fn on_form(mut self, n: u32) -> RequestDocument {
        self.form = n;
        self
    }

    /// The profile the request is for.
    pub fn profile_id(&self) -> &str {
        &self.profile_id
    }

    /// Which of the service's request forms it is (1: the main one).
    pub fn form(&self) -> u32 {
        self.form
    }

    /// How it was written.
    pub fn format(&self) -> RequestFormat {
        self.format
    }

    /// The fields, in the order written.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &FieldValue)> {
        self.fields.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The IIN the request names (its `iin` field).
    pub fn iin(&self) -> Option<Iin> {
        self.iin
    }

    /// The BIN the request names (its `bin` field).
    pub fn bin(&self) -> Option<Bin> {
        self.bin
    }

    /// Read a request (XML or JSON, told by its first character) for `profile`, strictly
    /// against the profile's form.
    pub fn read(profile: &Profile, bytes: &[u8]) -> Result<RequestDocument, FormError> {
        if profile.request_form.is_none() {
            return Err(FormError::NoForm(profile.id.clone()));
        }
        if bytes.len() > limits::MAX_REQUEST_LEN {
            return Err(FormError::TooLarge(bytes.len()));
        }
        let text =
            std::str::from_utf8(bytes).map_err(|_| FormError::Malformed("not UTF-8".into()))?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let (format, head, raw) = match text.trim_start().as_bytes().first() {
            Some(b'<') => {
                let (head, raw) = read_xml(bytes)?;
                (RequestFormat::Xml, head, raw)
            }
            Some(b'{') => {
                let (head, raw) = read_json(text)?;
                (RequestFormat::Json, head, raw)
            }
            _ => return Err(FormError::Malformed("neither XML nor a JSON object".into())),
        };
        let Head {
            profile: profile_named,
            schema,
            form: form_named,
        } = head;
        if schema != REQUEST_SCHEMA.to_string() {
            return Err(FormError::Malformed(format!(
                "schema {:?} (this library reads {REQUEST_SCHEMA})",
                truncate(&schema)
            )));
        }
        if profile_named != profile.id {
            return Err(FormError::WrongProfile {
                expected: profile.id.clone(),
                found: truncate(&profile_named),
            });
        }
        let number = match form_named.as_deref() {
            None => 1,
            // Canonical decimal only ("02" and "+2" are not form 2).
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| n.to_string() == text)
                .unwrap_or(0),
        };
        let form = profile.request_form_numbered(number).ok_or_else(|| {
            FormError::Malformed(format!(
                "form {:?}: the service has {} request form(s), numbered from 1",
                truncate(form_named.as_deref().unwrap_or("")),
                1 + profile.more_request_forms.len()
            ))
        })?;
        let mut doc = RequestDocument {
            profile_id: profile.id.clone(),
            form: number,
            format,
            fields: Vec::with_capacity(raw.len()),
            iin: None,
            bin: None,
        };
        for (name, value) in raw {
            let Some(field) = form.field(&name) else {
                return Err(FormError::UnknownField(truncate(&name)));
            };
            if doc.fields.iter().any(|(n, _)| *n == name) {
                return Err(FormError::Repeated(name));
            }
            let value = check_value(field, value)?;
            if let FieldValue::Text(t) = &value {
                match field.kind {
                    FieldKind::Iin => doc.iin = Iin::parse(t).ok(),
                    FieldKind::Bin => doc.bin = Bin::parse(t).ok(),
                    _ => {}
                }
            }
            doc.fields.push((name, value));
        }
        for f in &form.fields {
            if f.required && doc.get(&f.name).is_none() {
                return Err(FormError::MissingField {
                    field: f.name.clone(),
                    label: f.label_ru.clone(),
                });
            }
        }
        Ok(doc)
    }

    /// The request as XML (UTF-8, with an XML declaration), in the order its fields were
    /// set. A value with a character XML cannot carry is an error.
    pub fn to_xml(&self) -> Result<Vec<u8>, FormError> {
        let mut out = String::with_capacity(512);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<request xmlns=\"{REQUEST_NAMESPACE}\" schema=\"{REQUEST_SCHEMA}\" profile=\"{}\"{}>\n",
            xml_text(&self.profile_id),
            if self.form == 1 {
                String::new()
            } else {
                format!(" form=\"{}\"", self.form)
            }
        ));
        for (name, value) in &self.fields {
            if !is_field_name(name) {
                return Err(FormError::Malformed(format!(
                    "{:?} is not a field name",
                    truncate(name)
                )));
            }
            out.push_str(&format!("<{name}>"));
            match value {
                FieldValue::Text(t) => out.push_str(&writable(name, t)?),
                FieldValue::List(items) => {
                    for i in items {
                        out.push_str("<item>");
                        out.push_str(&writable(name, i)?);
                        out.push_str("</item>");
                    }
                }
            }
            out.push_str(&format!("</{name}>\n"));
        }
        out.push_str("</request>\n");
        Ok(out.into_bytes())
    }

    /// The request as JSON (UTF-8), in the order its fields were set.
    pub fn to_json(&self) -> String {
        let mut parts = vec![
            format!("\"schema\": {REQUEST_SCHEMA}"),
            format!("\"profile\": {}", serde_json_string(&self.profile_id)),
        ];
        if self.form != 1 {
            parts.push(format!("\"form\": {}", self.form));
        }
        for (name, value) in &self.fields {
            let v = match value {
                FieldValue::Text(t) => serde_json_string(t),
                FieldValue::List(items) => format!(
                    "[{}]",
                    items
                        .iter()
                        .map(|i| serde_json_string(i))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            parts.push(format!("{}: {v}", serde_json_string(name)));
        }
        format!("{{{}}}\n", parts.join(", "))
    }
}

/// `text` escaped for XML, or an error naming the field when XML cannot carry it.
fn writable(field: &str, text: &str) -> Result<String, FormError> {
    if let Some(c) = text.chars().find(|c| {
        ((*c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }) {
        return Err(FormError::InvalidValue {
            field: field.to_string(),
            kind: "text",
            reason: format!("U+{:04X} cannot be written in XML", c as u32),
        });
    }
    Ok(xml_text(text))
}
