//! SOAP envelopes (1.1 and 1.2) as WS-Security signs them: the one Body a signature by Id
//! must cover, and the message's `wsu:Timestamp`, which bounds its life.

use chrono::{DateTime, Utc};

use super::dom::{Document, Element, Scope};
use super::{SOAP11_NS, SOAP12_NS, WSSE_NS, WSU_NS};
use crate::verdict::{Check, CheckName, Outcome, ReasonKind};

/// How far a Timestamp's Created may lie ahead of the time judged (clocks differ).
const CREATED_SKEW_SECONDS: i64 = 300;

/// The envelope's Body, when the document is a SOAP envelope (`None` otherwise): the
/// envelope's children must be an optional Header followed by one Body, nothing else
/// (SOAP 1.2 Part 1 §5.1; SOAP 1.1 §4: the Body directly follows the Header). A second
/// Header, another element, or a `Body` of another namespace before it is what a client
/// reading the message by position or by local name would take for the signed one.
///
/// Nor may an element of either SOAP namespace named `Envelope`, `Header` or `Body`
/// stand anywhere in the Header (in a header block, a ds:Object of the Security header's
/// Signature): a client finding the Body by name (`getElementsByTagNameNS(SOAP,
/// "Body").item(0)`, `//s:Body`) takes the first in document order, and one nested in the
/// Header comes before the signed one (signature wrapping). Inside the Body one may stand
/// (a relay forwards a whole message there, review 86): it comes after the Body itself,
/// and the Body's digest covers it.
pub(super) fn soap_body(doc: &Document) -> Option<Result<&Element, &'static str>> {
    let shape = envelope_body(doc)?;
    Some(shape.and_then(|body| {
        let mut scope = Scope::default();
        let nested = scope.within(&doc.root, |s| {
            doc.root
                .elements()
                .filter(|child| !std::ptr::eq(*child, body))
                .any(|child| s.within(child, |s| holds_envelope_part(child, s)))
        });
        if nested {
            Err("holds a SOAP Envelope, Header or Body below its place (nested in a header block or a signature): a client finding the Body by name may take another than the signed one")
        } else {
            Ok(body)
        }
    }))
}

/// Does an element below `el` (its scope entered) belong to SOAP 1.1 or 1.2 under the
/// name `Envelope`, `Header` or `Body`? The walk's depth is the parser's (bounded by
/// `dom::limits::MAX_DEPTH`), its length the document's.
fn holds_envelope_part<'d>(el: &'d Element, scope: &mut Scope<'d>) -> bool {
    el.elements().any(|child| {
        scope.within(child, |s| {
            let (ns, local) = child.expanded(s);
            ((ns == SOAP11_NS || ns == SOAP12_NS)
                && matches!(local, "Envelope" | "Header" | "Body"))
                || holds_envelope_part(child, s)
        })
    })
}

/// [`soap_body`]'s shape of the envelope's own children.
fn envelope_body(doc: &Document) -> Option<Result<&Element, &'static str>> {
    let mut scope = Scope::default();
    let _ = scope.enter(&doc.root);
    let (ns, local) = doc.root.expanded(&scope);
    if local != "Envelope" || (ns != SOAP11_NS && ns != SOAP12_NS) {
        return None;
    }
    let is = |e: &Element, name: &str| e.expanded_in(&scope) == (ns, name);
    let bodies = doc.root.elements().filter(|e| is(e, "Body")).count();
    let children: Vec<&Element> = doc.root.elements().take(3).collect();
    Some(match (bodies, children.as_slice()) {
        (0, _) => Err("has no Body"),
        (1, [body]) if is(body, "Body") => Ok(*body),
        (1, [header, body]) if is(header, "Header") && is(body, "Body") => Ok(*body),
        (1, _) => Err("holds other elements than an optional Header followed by its Body"),
        _ => Err("has several Bodies"),
    })
}

/// What the envelope's WS-Security `wsu:Timestamp` (SOAP Message Security 1.1 §10) says
/// against relying on the message at `at`: why, when a Timestamp has expired (`at` after
/// its Expires), was created ahead of `at` (beyond a few minutes of clock skew), cannot be
/// read (a time without its zone, or not a time), or a Security header holds several.
/// `None` without a Timestamp, or when it allows `at`. (Whether the Timestamp is signed is
/// the References' concern: an unsigned one proves nothing, but an expired one is refused
/// either way, as every WS-Security stack refuses it.)
pub(super) fn timestamp_fault(doc: &Document, at: DateTime<Utc>) -> Option<Check> {
    timestamp_why(doc, at)
        .map(|(kind, why)| Check::new(CheckName::Timestamp, Outcome::Failed, kind, why))
}

/// What a `wsu:Timestamp` a signature's Reference covered (`stamp`, its `ancestors` the
/// document element first) says against relying on the document at `at`: as
/// [`timestamp_fault`] (expired, created ahead, unreadable), wherever it stands; and, in a
/// SOAP envelope (`soap`), that it is not a Timestamp of the envelope's own Security header
/// (`Envelope/Header/wsse:Security/wsu:Timestamp`): a signed Timestamp moved out of it
/// (into another header block, a ds:Object, with its Security header) is the message's
/// life put where the Security header's check does not look, and another (unsigned, fresh)
/// Timestamp can take its place. `None` when it allows `at` where it stands.
pub(super) fn covered_timestamp_fault(
    stamp: &Element,
    ancestors: &[&Element],
    soap: bool,
    at: DateTime<Utc>,
) -> Option<Check> {
    let mut scope = Scope::inside(ancestors);
    let fault = scope.within(stamp, |s| judge(stamp, s, at)).or_else(|| {
        (soap && !in_security_header(ancestors)).then(|| {
            (
                ReasonKind::NotPermitted,
                "a signed wsu:Timestamp stands outside the envelope's wsse:Security header (Envelope/Header/wsse:Security): a Timestamp moved out of it does not bound the message's life (signature wrapping)".to_string(),
            )
        })
    });
    fault.map(|(kind, why)| Check::new(CheckName::Timestamp, Outcome::Failed, kind, why))
}

/// Are `ancestors` (the document element first) the envelope, its Header and a
/// `wsse:Security` child of it: is an element under them a Security header's own?
fn in_security_header(ancestors: &[&Element]) -> bool {
    let [envelope, header, security] = ancestors else {
        return false;
    };
    let mut scope = Scope::default();
    scope.within(envelope, |s| {
        let (ns, local) = envelope.expanded(s);
        local == "Envelope"
            && (ns == SOAP11_NS || ns == SOAP12_NS)
            && header.expanded_in(s) == (ns, "Header")
            && s.within(header, |s| security.expanded_in(s) == (WSSE_NS, "Security"))
    })
}

/// [`timestamp_fault`]'s kind and reason.
fn timestamp_why(doc: &Document, at: DateTime<Utc>) -> Option<(ReasonKind, String)> {
    let mut scope = Scope::default();
    scope.within(&doc.root, |s| {
        let (ns, _) = doc.root.expanded(s);
        let headers: Vec<&Element> = doc
            .root
            .elements()
            .filter(|e| e.expanded_in(s) == (ns, "Header"))
            .take(2)
            .collect();
        for header in headers {
            let fault = s.within(header, |s| {
                let securities: Vec<&Element> = header
                    .elements()
                    .filter(|e| e.expanded_in(s) == (WSSE_NS, "Security"))
                    .take(16)
                    .collect();
                for security in securities {
                    let fault = s.within(security, |s| {
                        let stamps: Vec<&Element> = security
                            .elements()
                            .filter(|e| e.expanded_in(s) == (WSU_NS, "Timestamp"))
                            .take(2)
                            .collect();
                        match stamps.as_slice() {
                            [] => None,
                            [one] => s.within(one, |s| judge(one, s, at)),
                            _ => Some((
                                ReasonKind::NotPermitted,
                                "a wsse:Security header holds several wsu:Timestamps".into(),
                            )),
                        }
                    });
                    if fault.is_some() {
                        return fault;
                    }
                }
                None
            });
            if fault.is_some() {
                return fault;
            }
        }
        None
    })
}

/// One Timestamp, its scope entered.
fn judge(stamp: &Element, scope: &Scope<'_>, at: DateTime<Utc>) -> Option<(ReasonKind, String)> {
    let time = |name: &str| -> Result<Option<DateTime<Utc>>, String> {
        let found: Vec<&Element> = stamp
            .elements()
            .filter(|e| e.expanded_in(scope) == (WSU_NS, name))
            .take(2)
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [one] => {
                let text = one.text();
                DateTime::parse_from_rfc3339(text.trim())
                    .map(|t| Some(t.with_timezone(&Utc)))
                    .map_err(|_| {
                        format!(
                            "the wsu:Timestamp's {name} {:?} is not a time with its zone",
                            text.trim()
                        )
                    })
            }
            _ => Err(format!("the wsu:Timestamp gives several {name}s")),
        }
    };
    let (created, expires) = match (time("Created"), time("Expires")) {
        (Ok(c), Ok(e)) => (c, e),
        (Err(why), _) | (_, Err(why)) => return Some((ReasonKind::NotPermitted, why)),
    };
    if let Some(e) = expires.filter(|e| at > *e) {
        return Some((ReasonKind::Expired, format!(
            "the message expired at {} (its wsu:Timestamp), before the time judged {}: an expired message is refused (a replay)",
            e.to_rfc3339(),
            at.to_rfc3339()
        )));
    }
    if let Some(c) = created.filter(|c| *c > at + chrono::Duration::seconds(CREATED_SKEW_SECONDS)) {
        return Some((
            ReasonKind::NotPermitted,
            format!(
                "the message was created at {} (its wsu:Timestamp), after the time judged {}",
                c.to_rfc3339(),
                at.to_rfc3339()
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xmldsig::dom::parse;

    const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

    fn envelope(header: &str, rest: &str) -> String {
        format!("<s:Envelope xmlns:s=\"{S11}\">{header}{rest}</s:Envelope>")
    }

    fn stamp(inner: &str) -> String {
        format!(
            "<s:Header><wsse:Security xmlns:wsse=\"{WSSE_NS}\" xmlns:wsu=\"{WSU_NS}\"><wsu:Timestamp>{inner}</wsu:Timestamp></wsse:Security></s:Header>"
        )
    }

    fn at(t: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc)
    }

    fn fault(xml: &str, t: &str) -> Option<String> {
        timestamp_fault(&parse(xml.as_bytes()).unwrap(), at(t)).map(|c| c.reason().to_string())
    }

    #[test]
    fn the_envelope_is_an_optional_header_then_its_body() {
        let shape = |xml: &str| soap_body(&parse(xml.as_bytes()).unwrap()).map(|r| r.is_ok());
        assert_eq!(shape(&envelope("", "<s:Body/>")), Some(true));
        assert_eq!(shape(&envelope("<s:Header/>", "<s:Body/>")), Some(true));
        assert_eq!(
            shape(&envelope("<s:Header/><s:Header/>", "<s:Body/>")),
            Some(false)
        );
        assert_eq!(shape(&envelope("<x/>", "<s:Body/>")), Some(false));
        assert_eq!(shape(&envelope("<s:Body/>", "<s:Header/>")), Some(false));
        assert_eq!(shape(&envelope("", "<s:Body/><s:Body/>")), Some(false));
        assert_eq!(shape(&envelope("", "")), Some(false));
        assert_eq!(shape("<a/>"), None);
    }

    /// A SOAP `Envelope`, `Header` or `Body` (1.1 or 1.2) anywhere below the envelope's
    /// own children, outside the Body, is no SOAP message: a second Body in a header block,
    /// in a ds:Object of the Security header's Signature; an honest message with header
    /// blocks and a Body of other elements, or a relayed message inside its Body, is one.
    #[test]
    fn a_soap_body_nested_below_its_place_is_no_soap_message() {
        const S12: &str = "http://www.w3.org/2003/05/soap-envelope";
        let shape = |xml: &str| soap_body(&parse(xml.as_bytes()).unwrap()).map(|r| r.is_ok());
        let honest = envelope(
            &format!(
                "<s:Header><w:Cache xmlns:w=\"urn:w\"><w:Body/></w:Cache><wsse:Security xmlns:wsse=\"{WSSE_NS}\"/></s:Header>"
            ),
            "<s:Body><pay>10</pay><Body/></s:Body>",
        );
        assert_eq!(shape(&honest), Some(true));
        // A message a relay forwards inside the Body: after the Body, covered by its digest
        // (review 86).
        for relayed in [
            "<s:Body><s:Envelope><s:Body/></s:Envelope></s:Body>",
            "<s:Body><x><s:Header/></x></s:Body>",
        ] {
            assert_eq!(shape(&envelope("", relayed)), Some(true), "{relayed}");
        }
        let signature = |inner: &str| {
            format!(
                "<s:Header><wsse:Security xmlns:wsse=\"{WSSE_NS}\"><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:Object>{inner}</ds:Object></ds:Signature></wsse:Security></s:Header>"
            )
        };
        for hostile in [
            envelope(
                "<s:Header><w:Cache xmlns:w=\"urn:w\"><s:Body><pay>1000000</pay></s:Body></w:Cache></s:Header>",
                "<s:Body><pay>10</pay></s:Body>",
            ),
            envelope(
                &signature("<s:Body><pay>1000000</pay></s:Body>"),
                "<s:Body><pay>10</pay></s:Body>",
            ),
            // Of the other SOAP version.
            envelope(
                &signature(&format!("<t:Body xmlns:t=\"{S12}\"/>")),
                "<s:Body/>",
            ),
            format!(
                "<e:Envelope xmlns:e=\"{S12}\"><e:Header><h><e:Body/></h></e:Header><e:Body/></e:Envelope>"
            ),
        ] {
            assert_eq!(shape(&hostile), Some(false), "{hostile}");
        }
    }

    /// A covered Timestamp (the first `wsu:Timestamp` of `xml`, found by a walk) judged.
    fn covered_fault(xml: &str, soap: bool, t: &str) -> Option<String> {
        fn find<'a>(
            el: &'a Element,
            path: &mut Vec<&'a Element>,
        ) -> Option<(&'a Element, Vec<&'a Element>)> {
            if Element::split(&el.name).1 == "Timestamp" {
                return Some((el, path.clone()));
            }
            path.push(el);
            let found = el.elements().find_map(|c| find(c, path));
            path.pop();
            found
        }
        let doc = parse(xml.as_bytes()).unwrap();
        let (stamp, ancestors) = find(&doc.root, &mut Vec::new()).unwrap();
        covered_timestamp_fault(stamp, &ancestors, soap, at(t)).map(|c| c.reason().to_string())
    }

    /// A signed Timestamp is judged wherever it stands; in an envelope it must be the
    /// Security header's own.
    #[test]
    fn a_covered_timestamp_is_judged_where_it_stands() {
        let inner = "<wsu:Created>2026-11-23T00:00:00Z</wsu:Created><wsu:Expires>2026-11-23T00:05:00Z</wsu:Expires>";
        let in_place = envelope(&stamp(inner), "<s:Body/>");
        assert_eq!(covered_fault(&in_place, true, "2026-11-23T00:04:00Z"), None);
        assert!(covered_fault(&in_place, true, "2026-11-23T00:06:00Z")
            .unwrap()
            .contains("expired"));
        let hold = |content: &str| {
            envelope(
                &format!("<s:Header><x:Hold xmlns:x=\"urn:x\">{content}</x:Hold></s:Header>"),
                "<s:Body/>",
            )
        };
        let moved = [
            // Into another header block, with its Security header or alone.
            hold(&format!(
                "<wsse:Security xmlns:wsse=\"{WSSE_NS}\" xmlns:wsu=\"{WSU_NS}\"><wsu:Timestamp>{inner}</wsu:Timestamp></wsse:Security>"
            )),
            hold(&format!(
                "<wsu:Timestamp xmlns:wsu=\"{WSU_NS}\">{inner}</wsu:Timestamp>"
            )),
            // Into the Body.
            envelope(
                "",
                &format!("<s:Body><wsu:Timestamp xmlns:wsu=\"{WSU_NS}\">{inner}</wsu:Timestamp></s:Body>"),
            ),
        ];
        for xml in &moved {
            // Fresh, but out of place.
            assert!(
                covered_fault(xml, true, "2026-11-23T00:04:00Z")
                    .unwrap()
                    .contains("outside"),
                "{xml}"
            );
        }
        // Outside an envelope: only its times are judged.
        let plain = format!("<a xmlns:wsu=\"{WSU_NS}\"><wsu:Timestamp>{inner}</wsu:Timestamp></a>");
        assert_eq!(covered_fault(&plain, false, "2026-11-23T00:04:00Z"), None);
        assert!(covered_fault(&plain, false, "2026-11-23T00:06:00Z").is_some());
    }

    #[test]
    fn a_timestamp_bounds_the_message_life() {
        let created = "<wsu:Created>2026-11-23T00:00:00Z</wsu:Created>";
        let expires = "<wsu:Expires>2026-11-23T00:05:00Z</wsu:Expires>";
        let xml = envelope(&stamp(&format!("{created}{expires}")), "<s:Body/>");
        assert_eq!(fault(&xml, "2026-11-23T00:04:00Z"), None);
        assert!(fault(&xml, "2026-11-23T00:05:01Z")
            .unwrap()
            .contains("expired"));
        // Created ahead of the time judged beyond the skew.
        assert!(fault(&xml, "2026-11-22T23:50:00Z")
            .unwrap()
            .contains("created"));
        assert_eq!(fault(&xml, "2026-11-22T23:58:00Z"), None);
        // Unreadable times, a time without its zone, two Expires, two Timestamps.
        for inner in [
            "<wsu:Expires>tomorrow</wsu:Expires>".to_string(),
            "<wsu:Expires>2026-11-23T00:05:00</wsu:Expires>".to_string(),
            format!("{expires}{expires}"),
        ] {
            let xml = envelope(&stamp(&inner), "<s:Body/>");
            assert!(fault(&xml, "2026-11-23T00:04:00Z").is_some(), "{inner}");
        }
        let two = envelope(
            &format!(
                "<s:Header><wsse:Security xmlns:wsse=\"{WSSE_NS}\" xmlns:wsu=\"{WSU_NS}\"><wsu:Timestamp/><wsu:Timestamp/></wsse:Security></s:Header>"
            ),
            "<s:Body/>",
        );
        assert!(fault(&two, "2026-11-23T00:04:00Z").is_some());
        // No Timestamp: nothing to say.
        assert_eq!(
            fault(
                &envelope("<s:Header/>", "<s:Body/>"),
                "2030-01-01T00:00:00Z"
            ),
            None
        );
    }
}
