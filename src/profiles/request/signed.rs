//! The request condition on a signed request that carries its own identity: the request
//! read against the service's form ([`RequestDocument::read`]), its IIN/BIN compared with
//! the certificates, for CMS- and XML-signed requests alike.

use super::*;

/// A signed request as it arrives.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum SignedRequest<'a> {
    /// A CMS SignedData: attached, or detached over `content`.
    Cms {
        /// The SignedData.
        signed: &'a SignedData,
        /// The detached content (`None`: attached).
        content: Option<&'a [u8]>,
    },
    /// An XML request signed enveloped (one `ds:Signature` per signer, as Kalkan and
    /// NCALayer sign), each signature over the whole document.
    Xml(&'a [u8]),
}

/// [`check_signed_request`] could not judge the request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The regulation has no EDS step.
    #[error(transparent)]
    NotApplicable(#[from] NotApplicable),
    /// The signed request could not be read (an XML request that is not well-formed XML).
    #[error("the signed request could not be read: {0}")]
    Unreadable(#[from] crate::Error),
}

/// The request condition of `profile` on a signed request whose IIN/BIN the request
/// itself carries: the signed content (a CMS's, or an XML request less its signatures) is
/// read against the service's request form ([`RequestDocument::read`]), and the identity
/// match compares the form's `iin`/`bin` fields with the certificates
/// ([`RequestVerdict::compared`] names them). `channel` gives who certified the request
/// and the organisations' BINs; an IIN or BIN it also states must equal the form's.
///
/// Refused (a failed `request_form` check, with the decree's refusal) when the content is
/// not the service's form: another service's request, an unknown, missing or repeated
/// field (two IINs), a value of the wrong kind. An XML request must be signed over the
/// whole document: a signature by Id covers only part of it, and the IIN read from the
/// rest would not be a signed one.
pub fn check_signed_request(
    profile: &Profile,
    request: SignedRequest<'_>,
    channel: &RequestIdentity,
    verifier: &Verifier,
    at: impl Into<RequestTime>,
) -> Result<RequestVerdict, RequestError> {
    let at = at.into();
    if !profile.requires_eds() {
        return Err(NotApplicable {
            profile_id: profile.id.clone(),
        }
        .into());
    }
    let bytes: Option<&[u8]> = match request {
        SignedRequest::Cms { signed, content } => signed.unverified_content().or(content),
        SignedRequest::Xml(xml) => Some(xml),
    };
    let (form_check, document) = match bytes.map(|b| RequestDocument::read(profile, b)) {
        None => (
            Check::new(
                CheckName::RequestForm,
                Outcome::Unknown,
                ReasonKind::NotAvailable,
                "the request's content is not available (a detached signature without its content)",
            ),
            None,
        ),
        Some(Err(e)) => (form_failure(&e), None),
        Some(Ok(doc)) => (
            Check::passed(CheckName::RequestForm, form_summary(profile, &doc)),
            Some(doc),
        ),
    };
    let mut identity = *channel;
    let mut checks = vec![form_check];
    if let Some(doc) = &document {
        checks.extend(stated_against_form(channel, doc));
        identity.iin = doc.iin();
        identity.bin = doc.bin();
    }
    let mut verdict = match request {
        SignedRequest::Cms { signed, content } => {
            judge_cms(profile, signed, content, &identity, verifier, at, checks)
        }
        SignedRequest::Xml(xml) => judge_xml(profile, xml, &identity, verifier, at, checks)?,
    };
    if let Some(doc) = document
        .as_ref()
        .filter(|_| profile.identity != IdentityRule::None)
    {
        verdict.compared = ["iin", "bin"]
            .iter()
            .filter_map(|name| {
                let value = doc.get(name)?.as_text()?.to_string();
                let label = profile
                    .request_form
                    .as_ref()
                    .and_then(|f| f.field(name))
                    .map(|f| f.label_ru.clone())
                    .unwrap_or_default();
                Some(ComparedField {
                    field: name.to_string(),
                    label,
                    value,
                })
            })
            .collect();
    }
    verdict.form = document;
    Ok(verdict)
}

/// An IIN or BIN stated with the request that is not the one the signed form carries: a
/// failed `request_form` check each (the signer signed another person's request).
pub(super) fn stated_against_form(channel: &RequestIdentity, doc: &RequestDocument) -> Vec<Check> {
    let stated = [
        (
            "IIN",
            channel.iin.map(|i| i.to_string()),
            doc.iin().map(|i| i.to_string()),
        ),
        (
            "BIN",
            channel.bin.map(|b| b.to_string()),
            doc.bin().map(|b| b.to_string()),
        ),
    ];
    stated
        .into_iter()
        .filter_map(|(what, given, read)| {
            let given = given?;
            (read.as_ref() != Some(&given)).then(|| {
                Check::new(
                    CheckName::RequestForm,
                    Outcome::Failed,
                    ReasonKind::Mismatch,
                    format!("the {what} stated with the request is not the one the signed request carries"),
                )
            })
        })
        .collect()
}

/// The passed `request_form` check: the form read, and the identity it gives.
fn form_summary(profile: &Profile, doc: &RequestDocument) -> String {
    let n = doc.fields().count();
    let identity: Vec<String> = [
        ("iin", doc.iin().map(|i| i.to_string())),
        ("bin", doc.bin().map(|b| b.to_string())),
    ]
    .into_iter()
    .filter_map(|(f, v)| v.map(|v| format!("{f} {v}")))
    .collect();
    format!(
        "the request is the form of {} ({n} field(s)); the identity compared is the request's {}",
        profile.id,
        if identity.is_empty() || profile.identity == IdentityRule::None {
            "none (the regulation states no identity match)".to_string()
        } else {
            identity.join(" and ")
        }
    )
}

/// The failed `request_form` check for a request that is not the service's form.
pub(super) fn form_failure(e: &FormError) -> Check {
    let kind = match e {
        FormError::MissingField { .. } => ReasonKind::Missing,
        FormError::WrongProfile { .. } | FormError::UnknownField(_) | FormError::Repeated(_) => {
            ReasonKind::NotPermitted
        }
        FormError::NoForm(_) => ReasonKind::Unsupported,
        _ => ReasonKind::Malformed,
    };
    let outcome = if matches!(e, FormError::NoForm(_)) {
        Outcome::Unknown
    } else {
        Outcome::Failed
    };
    Check::new(CheckName::RequestForm, outcome, kind, e.to_string())
}

/// The XML request judged: every signature, each over the whole document.
fn judge_xml(
    profile: &Profile,
    xml: &[u8],
    request: &RequestIdentity,
    verifier: &Verifier,
    at: RequestTime,
    extra: Vec<Check>,
) -> Result<RequestVerdict, crate::Error> {
    let v = crate::xmldsig::verify_with(
        xml,
        verifier,
        &at.expectation(),
        &crate::xmldsig::XmlOptions::default(),
    )?;
    let mut checks: Vec<Check> = Vec::new();
    if v.signers.is_empty() {
        // No signature read (none, too many, enveloping): the document's own reason.
        checks.extend(v.checks.iter().cloned());
    }
    // Every signature must cover the whole request: the form (its IIN/BIN) is read from
    // the whole document.
    let partial: Vec<usize> = v
        .signers
        .iter()
        .filter(|s| s.parts.iter().any(|p| !p.reference().is_empty()))
        .map(|s| s.index)
        .collect();
    let whole = !v.signers.is_empty()
        && v.signers
            .iter()
            .all(|s| !s.parts.is_empty() && s.parts.iter().all(|p| p.reference().is_empty()));
    if !partial.is_empty() {
        checks.push(Check::new(
            CheckName::Content,
            Outcome::Failed,
            ReasonKind::NotPermitted,
            format!(
                "signature(s) {} cover only part of the request (a Reference by Id): the request's fields, its IIN/BIN among them, are read from the whole document, which they do not cover",
                partial.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
            ),
        ));
    } else if whole {
        checks.push(Check::passed(
            CheckName::Content,
            "every signature covers the whole request (less the signatures)",
        ));
    }
    checks.extend(extra);
    if let crate::TimeSource::Claimed { checked_at } = at.source {
        let now = crate::xmldsig::verify_with(
            xml,
            verifier,
            &crate::condition::Expectation::at(checked_at),
            &crate::xmldsig::XmlOptions::default(),
        )?;
        checks.extend(super::judge::at_the_time_checked(
            profile,
            checked_at,
            now.signers
                .iter()
                .map(|s| (s.index, s.certificate.as_ref())),
        ));
    }
    let inputs: Vec<SignerIn<'_>> = v
        .signers
        .iter()
        .map(|sv| SignerIn {
            index: sv.index,
            checks: &sv.checks,
            certificate: sv.certificate.as_ref(),
            signature: RequestSignature::Xml(sv.clone()),
        })
        .collect();
    let mut judged = judge_signers(profile, request, inputs);
    judged.officials_only &= checks.iter().all(|c| c.outcome == Outcome::Passed);
    checks.append(&mut judged.checks);
    if !whole && !checks.iter().any(|c| c.check == CheckName::Content) {
        checks.push(Check::new(
            CheckName::Content,
            Outcome::Unknown,
            ReasonKind::NotProven,
            "what the signatures cover is not proven (a Reference did not match)",
        ));
    }
    // The content handed out: the document less every signature, in the one canonical
    // form every signature digested it in (an exclusive form leaves out bindings that a
    // signature did not cover; forms that differ hand out nothing).
    let content = v
        .bare
        .clone()
        .filter(|_| whole)
        .and_then(|bare| {
            let mut forms = v
                .signers
                .iter()
                .flat_map(|s| s.parts.iter().map(|p| p.octets()));
            let first = forms.next()?;
            let one = forms.all(|o| o == first);
            if !one {
                None
            } else if first == &bare[..] {
                Some(bare)
            } else {
                Some(std::sync::Arc::from(first))
            }
        })
        .map(|b| (b, XML_CONTENT_TYPE.to_string()));
    Ok(judged.finish(
        profile,
        request,
        at.at,
        checks,
        XML_CONTENT_TYPE.to_string(),
        false,
        content,
    ))
}

/// The content type reported for an XML request (a CMS request reports its eContentType).
const XML_CONTENT_TYPE: &str = "application/xml";
