//! Requests as the regulations define them: each service's request form, and the request
//! document read against it.
//!
//! A decree's appendix gives each service's request screen form: the applicant's data the
//! request carries, among them the IIN or BIN that the condition compares with the
//! signer's certificate. [`RequestForm`] holds those fields as data (`forms.toml`,
//! embedded beside `regulations.toml`, validated when first read), with where each comes
//! from ([`FieldSource`]): printed in the form, or read from the condition or the step
//! list where the seed's form is an image.
//!
//! A request is a small XML or JSON document with one element (key) per field, written in
//! the form's field names:
//!
//! ```xml
//! <request xmlns="urn:qoltanba:request:1" schema="1" profile="kokpekti-unemployment-certificate">
//!   <iin>900101300128</iin>
//!   <full_name>Сейтқали Аружан</full_name>
//!   <address>Көкпекті ауылы</address>
//!   <phone>+7 723 402 00 00</phone>
//!   <period_from>2026-01-10</period_from>
//!   <period_to>2026-11-20</period_to>
//!   <attached_documents><item>ID card copy</item></attached_documents>
//! </request>
//! ```
//!
//! ```json
//! {"schema": 1, "profile": "kokpekti-unemployment-certificate",
//!  "iin": "900101300128", "full_name": "Сейтқали Аружан", "address": "Көкпекті ауылы",
//!  "phone": "+7 723 402 00 00", "period_from": "2026-01-10", "period_to": "2026-11-20",
//!  "attached_documents": ["ID card copy"]}
//! ```
//!
//! A service with several application forms (Kokpekti's minors' deposits: three) is told
//! which by `form="2"` (`"form": 2`); the main form needs none.
//!
//! [`RequestDocument::read`] accepts exactly that: the profile the request names must be
//! the one applied, every field must be the form's, given once, well-formed for its kind,
//! and every required field present. So a request that carries its IIN twice (two
//! elements, or a JSON key repeated, which a JSON reader would otherwise settle silently
//! by keeping the last) or none is refused, and the IIN/BIN the condition compares is the
//! one the signed request itself carries ([`super::check_signed_request`]). An XML request
//! signed enveloped (as Kalkan signs) carries its `ds:Signature` elements as children of
//! `request`; they are not fields and are skipped, anything else in another namespace is
//! refused. [`RequestForm::xml_schema`] and [`RequestForm::json_schema`] give the form as
//! XSD and JSON Schema for the systems that build requests.

use serde::{Deserialize, Serialize};

/// The namespace of the XML request form.
pub const REQUEST_NAMESPACE: &str = "urn:qoltanba:request:1";

/// The version of the request document format ([`RequestDocument`]).
pub const REQUEST_SCHEMA: u32 = 1;

/// Bounds on a request document.
pub mod limits {
    /// Largest request document, in bytes (signatures included, for an XML request).
    pub const MAX_REQUEST_LEN: usize = 1024 * 1024;
    /// Longest value of one field, in characters.
    pub const MAX_VALUE_CHARS: usize = 4096;
    /// Most items of a list field.
    pub const MAX_LIST_ITEMS: usize = 100;
    /// Most fields of one form.
    pub const MAX_FORM_FIELDS: usize = 64;
}

/// The XMLDSig namespace: enveloped signatures inside an XML request.
const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldKind {
    /// An individual identification number: 12 digits (the check digit is not required:
    /// NCA test IINs fail it; the certificate condition's checksum policy decides).
    Iin,
    /// A business identification number: 12 digits.
    Bin,
    /// Free text on one or more lines.
    Text,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A year, four digits.
    Year,
    /// A whole number, decimal digits.
    Integer,
    /// A telephone number: digits, spaces, `+`, `-`, `(`, `)`, with 5 to 20 digits.
    Phone,
    /// A postal address (free text).
    Address,
    /// Several lines of free text (attached documents, children ...): an XML element of
    /// `<item>`s, a JSON array of strings.
    TextList,
}

impl FieldKind {
    /// snake_case name, as in the data and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Iin => "iin",
            FieldKind::Bin => "bin",
            FieldKind::Text => "text",
            FieldKind::Date => "date",
            FieldKind::Year => "year",
            FieldKind::Integer => "integer",
            FieldKind::Phone => "phone",
            FieldKind::Address => "address",
            FieldKind::TextList => "text_list",
        }
    }
}

/// Where a field of a request form is taken from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldSource {
    /// Printed in the decree's screen form: its labels are the form's own words.
    Form,
    /// From the condition's text (the IIN/BIN it compares), where the form does not print it.
    Condition,
    /// From the step list or process description, where the form is an image.
    Step,
}

/// One field of a request form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    /// Its name in the request document (snake_case ASCII). The IIN and BIN the condition
    /// compares are the fields named `iin` and `bin`.
    pub name: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Must a request carry it?
    pub required: bool,
    /// Its label in Kazakh (`None`: the decree prints the form in Russian only).
    #[serde(default)]
    pub label_kk: Option<String>,
    /// Its label in Russian.
    pub label_ru: String,
    /// Where it is taken from.
    pub source: FieldSource,
    /// What was read into it, and why.
    #[serde(default)]
    pub note: Option<String>,
}

/// A service's request form, from its decree's appendix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestForm {
    /// The appendix and the form's own heading, in the decree's Kazakh words (`None`: the
    /// decree prints no heading for it).
    #[serde(default)]
    pub appendix_kk: Option<String>,
    /// The decree's words that name the form, where there is no heading (or it says less).
    #[serde(default)]
    pub cited_kk: Option<String>,
    /// Does the seed print the form (`false`: the form is an image, the fields are taken
    /// from the text around it, see [`FormField::source`])?
    pub printed: bool,
    /// Where in the decree text the form stands (line numbers of the seed).
    #[serde(default)]
    pub lines: Option<String>,
    /// What was inferred, and why.
    #[serde(default)]
    pub note: Option<String>,
    /// Labels whose Russian is the project's translation (`label_ru:<field>`).
    #[serde(default)]
    pub translated: Vec<String>,
    /// Values whose words the decree prints interrupted or in another order.
    #[serde(default)]
    pub reordered: Vec<String>,
    /// The fields, in the form's order.
    #[serde(rename = "field")]
    pub fields: Vec<FormField>,
}

impl RequestForm {
    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The fields the condition compares with a certificate (kind IIN or BIN).
    pub fn identity_fields(&self) -> impl Iterator<Item = &FormField> {
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Iin | FieldKind::Bin))
    }

    /// Is the form consistent with the profile's identity rule? A reason when not.
    pub(crate) fn validate(&self, identity: super::IdentityRule) -> Result<(), String> {
        if self.fields.is_empty() || self.fields.len() > limits::MAX_FORM_FIELDS {
            return Err(format!(
                "a request form has 1 to {} fields",
                limits::MAX_FORM_FIELDS
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for f in &self.fields {
            if !is_field_name(&f.name) {
                return Err(format!(
                    "field name {:?}: lowercase a-z, 0-9 and '_', starting with a letter",
                    f.name
                ));
            }
            if !seen.insert(f.name.as_str()) {
                return Err(format!("field {:?} twice", f.name));
            }
            if f.label_kk.as_ref().is_some_and(|l| l.trim().is_empty())
                || f.label_ru.trim().is_empty()
            {
                return Err(format!("field {:?}: a label is empty", f.name));
            }
            let identity_name = match f.kind {
                FieldKind::Iin => Some("iin"),
                FieldKind::Bin => Some("bin"),
                _ => None,
            };
            if identity_name.is_some_and(|n| n != f.name)
                || (f.name == "iin" && f.kind != FieldKind::Iin)
                || (f.name == "bin" && f.kind != FieldKind::Bin)
            {
                return Err(format!(
                    "field {:?}: the IIN and BIN are the fields named iin and bin, of those kinds",
                    f.name
                ));
            }
        }
        let iin = self.field("iin");
        let bin = self.field("bin");
        use super::IdentityRule as R;
        match identity {
            R::IinOnly if !iin.is_some_and(|f| f.required) || bin.is_some() => {
                Err("identity iin_only: the form has a required iin field and no bin".into())
            }
            R::IinOrBin if iin.is_none_or(|f| f.required) || bin.is_none_or(|f| f.required) => {
                Err("identity iin_or_bin: the form has optional iin and bin fields".into())
            }
            _ => Ok(()),
        }
    }

    /// The form as an XML Schema (XSD 1.0) of the request document, for `profile_id`,
    /// this form being the service's form number `form` (1: the main one).
    pub fn xml_schema(&self, profile_id: &str, form: u32) -> String {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"{REQUEST_NAMESPACE}\" xmlns=\"{REQUEST_NAMESPACE}\" elementFormDefault=\"qualified\">\n"
        ));
        out.push_str(&format!(
            "  <xs:annotation><xs:documentation>The request of {} (qoltanba request form, schema {REQUEST_SCHEMA}): each field at most once, in the form's order (the reader also accepts another order), then the enveloped ds:Signature elements.</xs:documentation></xs:annotation>\n",
            xml_text(profile_id)
        ));
        out.push_str(
            "  <xs:element name=\"request\">\n    <xs:complexType>\n      <xs:sequence>\n",
        );
        for f in &self.fields {
            let ty = match f.kind {
                FieldKind::Iin | FieldKind::Bin => "identifier",
                FieldKind::Date => "xs:date",
                FieldKind::Year => "year",
                FieldKind::Integer => "xs:nonNegativeInteger",
                FieldKind::Phone => "phone",
                FieldKind::TextList => "textList",
                FieldKind::Text | FieldKind::Address => "text",
            };
            out.push_str(&format!(
                "        <xs:element name=\"{}\" type=\"{ty}\" minOccurs=\"{}\"><xs:annotation><xs:documentation xml:lang=\"kk\">{}</xs:documentation><xs:documentation xml:lang=\"ru\">{}</xs:documentation></xs:annotation></xs:element>\n",
                f.name,
                u8::from(f.required),
                xml_text(f.label_kk.as_deref().unwrap_or("-")),
                xml_text(&f.label_ru)
            ));
        }
        out.push_str("        <xs:any namespace=\"http://www.w3.org/2000/09/xmldsig#\" processContents=\"skip\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n      </xs:sequence>\n");
        out.push_str(&format!(
            "      <xs:attribute name=\"schema\" type=\"xs:string\" fixed=\"{REQUEST_SCHEMA}\" use=\"required\"/>\n      <xs:attribute name=\"profile\" type=\"xs:string\" fixed=\"{}\" use=\"required\"/>\n      <xs:attribute name=\"form\" type=\"xs:string\" fixed=\"{form}\" use=\"{}\"/>\n    </xs:complexType>\n  </xs:element>\n",
            xml_text(profile_id),
            if form == 1 { "optional" } else { "required" }
        ));
        out.push_str(&format!(
            "  <xs:simpleType name=\"identifier\"><xs:restriction base=\"xs:string\"><xs:pattern value=\"[0-9]{{12}}\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"year\"><xs:restriction base=\"xs:string\"><xs:pattern value=\"[0-9]{{4}}\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"phone\"><xs:restriction base=\"xs:string\"><xs:pattern value=\"[0-9+() \\-]{{5,32}}\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"text\"><xs:restriction base=\"xs:string\"><xs:minLength value=\"1\"/><xs:maxLength value=\"{}\"/></xs:restriction></xs:simpleType>\n  <xs:complexType name=\"textList\"><xs:sequence><xs:element name=\"item\" type=\"text\" maxOccurs=\"{}\"/></xs:sequence></xs:complexType>\n</xs:schema>\n",
            limits::MAX_VALUE_CHARS,
            limits::MAX_LIST_ITEMS
        ));
        out
    }

    /// The form as a JSON Schema (draft 2020-12) of the request document, for
    /// `profile_id`, this form being the service's form number `form` (1: the main one).
    /// (A JSON Schema cannot forbid a repeated key; the reader does.)
    pub fn json_schema(&self, profile_id: &str, form: u32) -> String {
        let text = |s: &str| serde_json_string(s);
        let mut props = vec![
            format!("\"schema\": {{\"const\": {REQUEST_SCHEMA}}}"),
            format!("\"profile\": {{\"const\": {}}}", text(profile_id)),
            format!("\"form\": {{\"const\": {form}}}"),
        ];
        let mut required = vec!["\"schema\"".to_string(), "\"profile\"".to_string()];
        if form != 1 {
            required.push("\"form\"".to_string());
        }
        for f in &self.fields {
            let ty = match f.kind {
                FieldKind::Iin | FieldKind::Bin => {
                    "\"type\": \"string\", \"pattern\": \"^[0-9]{12}$\"".to_string()
                }
                FieldKind::Date => "\"type\": \"string\", \"format\": \"date\", \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"".to_string(),
                FieldKind::Year => "\"type\": \"string\", \"pattern\": \"^[0-9]{4}$\"".to_string(),
                FieldKind::Integer => "\"type\": \"string\", \"pattern\": \"^[0-9]{1,18}$\"".to_string(),
                FieldKind::Phone => {
                    "\"type\": \"string\", \"pattern\": \"^[0-9+() -]{5,32}$\"".to_string()
                }
                FieldKind::TextList => format!(
                    "\"type\": \"array\", \"maxItems\": {}, \"items\": {{\"type\": \"string\", \"minLength\": 1, \"maxLength\": {}}}",
                    limits::MAX_LIST_ITEMS,
                    limits::MAX_VALUE_CHARS
                ),
                FieldKind::Text | FieldKind::Address => format!(
                    "\"type\": \"string\", \"minLength\": 1, \"maxLength\": {}",
                    limits::MAX_VALUE_CHARS
                ),
            };
            props.push(format!(
                "\"{}\": {{{ty}, \"title\": {}, \"description\": {}}}",
                f.name,
                text(&f.label_ru),
                text(f.label_kk.as_deref().unwrap_or(&f.label_ru))
            ));
            if f.required {
                required.push(format!("\"{}\"", f.name));
            }
        }
        format!(
            "{{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\": \"{REQUEST_NAMESPACE}:{profile_id}:{form}\",\n  \"type\": \"object\",\n  \"additionalProperties\": false,\n  \"required\": [{}],\n  \"properties\": {{\n    {}\n  }}\n}}\n",
            required.join(", "),
            props.join(",\n    ")
        )
    }
}

/// `s` as a JSON string literal.
fn serde_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as XML character data (and attribute value).
fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

fn is_field_name(name: &str) -> bool {
    name.len() <= 64
        && name.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

// ---------------------------------------------------------------------------------------
// The request document

/// The value of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum FieldValue {
    /// A single value.
    Text(String),
    /// A list field's items.
    List(Vec<String>),
}

impl FieldValue {
    /// The single value (`None` for a list).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            FieldValue::Text(t) => Some(t),
            FieldValue::List(_) => None,
        }
    }
}

impl From<&str> for FieldValue {
    fn from(s: &str) -> FieldValue {
        FieldValue::Text(s.to_string())
    }
}

impl From<String> for FieldValue {
    fn from(s: String) -> FieldValue {
        FieldValue::Text(s)
    }
}

impl From<Vec<String>> for FieldValue {
    fn from(items: Vec<String>) -> FieldValue {
        FieldValue::List(items)
    }
}

/// How a request document was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RequestFormat {
    /// The XML form ([`REQUEST_NAMESPACE`]).
    Xml,
    /// The JSON form.
    Json,
}

/// A request document is not the service's request form. What is wrong is said in words
/// that name the field, never quoting a value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// The profile has no request form.
    #[error("profile {0}: no request form")]
    NoForm(String),
    /// Not a request document (not XML or JSON of the request shape).
    #[error("not a request document: {0}")]
    Malformed(String),
    /// Larger than [`limits::MAX_REQUEST_LEN`].
    #[error("the request is {0} bytes, more than {max}", max = limits::MAX_REQUEST_LEN)]
    TooLarge(usize),
    /// The request is another service's (or names no profile).
    #[error("the request is for {found:?}, not {expected}")]
    WrongProfile {
        /// The profile applied.
        expected: String,
        /// The profile the request names.
        found: String,
    },
    /// A field the form does not have.
    #[error("the request carries {0:?}, which the service's form does not have")]
    UnknownField(String),
    /// A required field is absent.
    #[error("the request has no {field:?} ({label}), which the service's form requires")]
    MissingField {
        /// The field.
        field: String,
        /// Its Russian label.
        label: String,
    },
    /// A field given twice (for the IIN or BIN: two identities in one request).
    #[error("the request carries {0:?} twice; one request names one value for it")]
    Repeated(String),
    /// A value that is not of the field's kind.
    #[error("the request's {field:?} is not a valid {kind}: {reason}")]
    InvalidValue {
        /// The field.
        field: String,
        /// Its kind.
        kind: &'static str,
        /// Why (never the value).
        reason: String,
    },
}

/// At most 64 characters of what a document names, for an error message.
fn truncate(s: &str) -> String {
    s.chars().take(64).collect()
}

mod request_document;
pub use request_document::RequestDocument;

mod document_form;
pub(crate) use document_form::parse_forms;
pub use document_form::{BodyItem, DocumentForm, Signatory};
mod read;

#[cfg(test)]
mod tests;
