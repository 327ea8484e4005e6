use super::*;
use crate::profiles::Profile;
use crate::xmldsig::dom;

fn profile(id: &str) -> &'static Profile {
    Profile::by_id(id).unwrap()
}

const IIN_ONLY: &str = "kokpekti-unemployment-certificate";
const IIN_OR_BIN: &str = "vko-archive-certificate";

fn xml(body: &str) -> Vec<u8> {
    format!(
        "<request xmlns=\"{REQUEST_NAMESPACE}\" schema=\"1\" profile=\"{IIN_ONLY}\">{body}</request>"
    )
    .into_bytes()
}

/// The required fields of the IIN-only form, the IIN aside.
const REST: &str = "<full_name>A</full_name><address>Kokpekti</address><phone>+7 701 000 00 00</phone><period_from>2026-01-01</period_from><period_to>2026-06-30</period_to>";

fn filled(doc: RequestDocument) -> RequestDocument {
    doc.with("address", "Kokpekti")
        .with("phone", "+7 701 000 00 00")
        .with("period_from", "2026-01-01")
        .with("period_to", "2026-06-30")
}

fn read(bytes: &[u8]) -> Result<RequestDocument, FormError> {
    RequestDocument::read(profile(IIN_ONLY), bytes)
}

#[test]
fn every_eds_profile_has_a_form_true_to_its_identity_rule() {
    for p in Profile::all() {
        match (&p.request_form, p.requires_eds()) {
            (Some(f), _) => f.validate(p.identity).unwrap(),
            (None, true) => panic!("{}: no request form", p.id),
            (None, false) => {}
        }
    }
}

#[test]
fn a_request_round_trips_in_both_forms() {
    let doc = filled(RequestDocument::new(IIN_ONLY))
        .with("iin", "123456789011")
        .with("full_name", "Сейтқали Аружан <&> \"q\"")
        .with(
            "attached_documents",
            vec!["a".to_string(), "b & c".to_string()],
        );
    let from_xml = read(&doc.to_xml().unwrap()).unwrap();
    let from_json = read(doc.to_json().as_bytes()).unwrap();
    for d in [&from_xml, &from_json] {
        assert_eq!(d.iin().unwrap().as_str(), "123456789011");
        assert_eq!(d.bin(), None);
        assert_eq!(
            d.get("full_name").and_then(FieldValue::as_text),
            Some("Сейтқали Аружан <&> \"q\"")
        );
        assert_eq!(
            d.get("attached_documents"),
            Some(&FieldValue::List(vec!["a".into(), "b & c".into()]))
        );
    }
    assert_eq!(from_xml.format(), RequestFormat::Xml);
    assert_eq!(from_json.format(), RequestFormat::Json);
}

#[test]
fn what_is_not_the_form_is_refused_by_name() {
    let ok = &format!("<iin>123456789011</iin>{REST}");
    assert!(read(&xml(ok)).is_ok());
    type Expected = fn(&FormError) -> bool;
    let cases: Vec<(String, Expected)> = vec![
        // No IIN; two IINs (different, and the same twice).
        (
            REST.into(),
            |e| matches!(e, FormError::MissingField { field, .. } if field == "iin"),
        ),
        (
            format!("{ok}<iin>900101300007</iin>"),
            |e| matches!(e, FormError::Repeated(f) if f == "iin"),
        ),
        (
            format!("{ok}<iin>123456789011</iin>"),
            |e| matches!(e, FormError::Repeated(f) if f == "iin"),
        ),
        // A field the form does not have; a BIN on an IIN-only form.
        (
            format!("{ok}<salary>1</salary>"),
            |e| matches!(e, FormError::UnknownField(f) if f == "salary"),
        ),
        (
            format!("{ok}<bin>123456789021</bin>"),
            |e| matches!(e, FormError::UnknownField(f) if f == "bin"),
        ),
        // Values of the wrong kind.
        (
            format!("<iin>12345678901</iin>{REST}"),
            |e| matches!(e, FormError::InvalidValue { field, .. } if field == "iin"),
        ),
        (
            format!("<iin> 123456789011</iin>{REST}"),
            |e| matches!(e, FormError::InvalidValue { field, .. } if field == "iin"),
        ),
        (
            format!(
                "<iin>123456789011</iin>{}",
                REST.replace("<full_name>A", "<full_name> ")
            ),
            |e| matches!(e, FormError::InvalidValue { field, .. } if field == "full_name"),
        ),
        (
            format!("{ok}<attached_documents>text</attached_documents>"),
            |e| matches!(e, FormError::InvalidValue { field, .. } if field == "attached_documents"),
        ),
        (
            format!("<iin><item>123456789011</item></iin>{REST}"),
            |e| matches!(e, FormError::InvalidValue { field, .. } if field == "iin"),
        ),
        // Shapes: attributes, prefixes, text, comments, a field after a signature.
        (format!("<iin x=\"1\">123456789011</iin>{REST}"), |e| {
            matches!(e, FormError::Malformed(_))
        }),
        (
            format!("<e:iin xmlns:e=\"urn:e\">123456789011</e:iin>{REST}"),
            |e| matches!(e, FormError::Malformed(_)),
        ),
        (format!("{ok}loose text"), |e| {
            matches!(e, FormError::Malformed(_))
        }),
        (format!("{ok}<!-- c -->"), |e| {
            matches!(e, FormError::Malformed(_))
        }),
        (
            format!("<iin>123456789011</iin><ds:Signature xmlns:ds=\"{DSIG_NS}\"/>{REST}"),
            |e| matches!(e, FormError::Malformed(_)),
        ),
        // A Signature element in another namespace is no signature: its content is not
        // skipped but refused.
        (
            format!("{ok}<Signature xmlns=\"urn:evil\"><iin>900101300007</iin></Signature>"),
            |e| matches!(e, FormError::Malformed(_)),
        ),
    ];
    for (body, expected) in cases {
        let e = read(&xml(&body)).unwrap_err();
        assert!(expected(&e), "{body}: {e:?}");
        assert!(!e.to_string().contains("900101300007"), "{e}");
    }
    // Enveloped signatures after the fields are not fields.
    let signed =
        format!("{ok}<ds:Signature xmlns:ds=\"{DSIG_NS}\"><ds:SignedInfo/></ds:Signature>");
    assert!(read(&xml(&signed)).is_ok());
}

#[test]
fn the_document_element_names_this_service() {
    let other = format!(
        "<request xmlns=\"{REQUEST_NAMESPACE}\" schema=\"1\" profile=\"{IIN_OR_BIN}\"><iin>123456789011</iin>{REST}</request>"
    );
    assert!(matches!(
        read(other.as_bytes()),
        Err(FormError::WrongProfile { .. })
    ));
    for bad in [
        format!("<request schema=\"1\" profile=\"{IIN_ONLY}\"/>"),
        format!("<request xmlns=\"urn:other\" schema=\"1\" profile=\"{IIN_ONLY}\"/>"),
        format!("<r xmlns=\"{REQUEST_NAMESPACE}\" schema=\"1\" profile=\"{IIN_ONLY}\"/>"),
        format!("<request xmlns=\"{REQUEST_NAMESPACE}\" schema=\"2\" profile=\"{IIN_ONLY}\"/>"),
        format!("<request xmlns=\"{REQUEST_NAMESPACE}\" profile=\"{IIN_ONLY}\" x=\"\"/>"),
        "not a request".to_string(),
        "[]".to_string(),
    ] {
        assert!(read(bad.as_bytes()).is_err(), "{bad}");
    }
}

#[test]
fn json_refuses_a_repeated_key_instead_of_keeping_the_last() {
    let base = format!("\"schema\": 1, \"profile\": \"{IIN_ONLY}\", \"full_name\": \"A\", \"address\": \"K\", \"phone\": \"87010000000\", \"period_from\": \"2026-01-01\", \"period_to\": \"2026-02-01\"");
    assert!(read(format!("{{{base}, \"iin\": \"123456789011\"}}").as_bytes()).is_ok());
    let twice = format!("{{{base}, \"iin\": \"900101300007\", \"iin\": \"123456789011\"}}");
    assert!(matches!(
        read(twice.as_bytes()),
        Err(FormError::Repeated(f)) if f == "iin"
    ));
    let profile_twice =
        format!("{{{base}, \"iin\": \"123456789011\", \"profile\": \"{IIN_OR_BIN}\"}}");
    assert!(matches!(
        read(profile_twice.as_bytes()),
        Err(FormError::Repeated(_))
    ));
    for bad in [
        format!("{{{base}, \"iin\": 123456789011}}"),
        format!("{{{base}, \"iin\": null}}"),
        format!("{{{base}, \"iin\": {{\"v\": \"123456789011\"}}}}"),
        format!("{{{base}, \"iin\": \"123456789011\"}} trailing"),
        format!("{{\"schema\": \"1\", \"profile\": \"{IIN_ONLY}\", \"iin\": \"123456789011\", \"full_name\": \"A\"}}"),
    ] {
        assert!(read(bad.as_bytes()).is_err(), "{bad}");
    }
}

#[test]
fn iin_or_bin_forms_take_either() {
    let p = profile(IIN_OR_BIN);
    let bin = RequestDocument::new(IIN_OR_BIN)
        .with("bin", "123456789021")
        .with("applicant_data", "ТОО A")
        .with("attached_documents", vec!["устав".to_string()]);
    let d = RequestDocument::read(p, &bin.to_xml().unwrap()).unwrap();
    assert_eq!(d.bin().unwrap().as_str(), "123456789021");
    assert_eq!(d.iin(), None);
}

#[test]
fn bounds_hold() {
    let long = "а".repeat(limits::MAX_VALUE_CHARS + 1);
    let doc = filled(RequestDocument::new(IIN_ONLY))
        .with("iin", "123456789011")
        .with("full_name", long.as_str());
    assert!(matches!(
        read(&doc.to_xml().unwrap()),
        Err(FormError::InvalidValue { .. })
    ));
    let items: Vec<String> = (0..=limits::MAX_LIST_ITEMS)
        .map(|i| i.to_string())
        .collect();
    let doc = filled(RequestDocument::new(IIN_ONLY))
        .with("iin", "123456789011")
        .with("full_name", "A")
        .with("attached_documents", items);
    assert!(read(&doc.to_xml().unwrap()).is_err());
    assert!(read(doc.to_json().as_bytes()).is_err());
    let huge = vec![b' '; limits::MAX_REQUEST_LEN + 1];
    assert!(matches!(read(&huge), Err(FormError::TooLarge(_))));
}

#[test]
fn schemas_are_well_formed_and_name_every_field() {
    for p in Profile::all() {
        for (f, n) in p.request_form.iter().chain(&p.more_request_forms).zip(1..) {
            let xsd = f.xml_schema(&p.id, n);
            assert!(dom::parse(xsd.as_bytes()).is_ok(), "{}", p.id);
            let json: serde_json::Value = serde_json::from_str(&f.json_schema(&p.id, n)).unwrap();
            for field in &f.fields {
                assert!(xsd.contains(&format!("name=\"{}\"", field.name)));
                assert!(json["properties"][&field.name].is_object());
                assert_eq!(
                    json["required"]
                        .as_array()
                        .unwrap()
                        .contains(&serde_json::json!(field.name)),
                    field.required
                );
            }
        }
    }
}

#[test]
fn a_request_names_its_form_when_the_service_has_several() {
    let id = "kokpekti-minors-deposits-vehicle-inheritance";
    let p = profile(id);
    assert_eq!(p.more_request_forms.len(), 2);
    for (form, n) in p
        .request_form
        .iter()
        .chain(&p.more_request_forms)
        .zip(1u32..)
    {
        let mut doc = RequestDocument::new(id).on_form(n);
        for f in form.fields.iter().filter(|f| f.required) {
            let v: FieldValue = match f.kind {
                FieldKind::Iin => "123456789011".into(),
                FieldKind::Date => "2026-01-02".into(),
                FieldKind::TextList => vec!["x".to_string()].into(),
                FieldKind::Phone => "+7 701 000 00 00".into(),
                _ => "x".into(),
            };
            doc = doc.with(&f.name, v);
        }
        for bytes in [doc.to_xml().unwrap(), doc.to_json().into_bytes()] {
            let read = RequestDocument::read(p, &bytes).unwrap();
            assert_eq!(read.form(), n);
        }
    }
    let four = RequestDocument::new(id)
        .on_form(4)
        .with("iin", "123456789011");
    assert!(matches!(
        RequestDocument::read(p, &four.to_xml().unwrap()),
        Err(FormError::Malformed(_))
    ));
    let text = String::from_utf8(RequestDocument::new(id).on_form(2).to_xml().unwrap())
        .unwrap()
        .replace("form=\"2\"", "form=\"02\"");
    assert!(RequestDocument::read(p, text.as_bytes()).is_err());
}

#[test]
fn the_module_documentations_examples_read() {
    let xml = r#"<request xmlns="urn:qoltanba:request:1" schema="1" profile="kokpekti-unemployment-certificate">
  <iin>900101300128</iin>
  <full_name>Сейтқали Аружан</full_name>
  <address>Көкпекті ауылы</address>
  <phone>+7 723 402 00 00</phone>
  <period_from>2026-01-10</period_from>
  <period_to>2026-11-20</period_to>
  <attached_documents><item>ID card copy</item></attached_documents>
</request>"#;
    let json = r#"{"schema": 1, "profile": "kokpekti-unemployment-certificate",
 "iin": "900101300128", "full_name": "Сейтқали Аружан", "address": "Көкпекті ауылы",
 "phone": "+7 723 402 00 00", "period_from": "2026-01-10", "period_to": "2026-11-20",
 "attached_documents": ["ID card copy"]}"#;
    let a = read(xml.as_bytes()).unwrap();
    let b = read(json.as_bytes()).unwrap();
    assert!(a.fields().eq(b.fields()));
    assert_eq!(a.iin().unwrap().as_str(), "900101300128");
}
