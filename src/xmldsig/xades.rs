//! XAdES (ETSI EN 319 132-1, XAdES 1.3.2): the qualifying properties a `ds:Signature`
//! carries in a `ds:Object`, read and checked.
//!
//! * **XAdES-B** (BES): `xades:SignedProperties`, covered by a Reference of the signature
//!   (by Id, usually typed `http://uri.etsi.org/01903#SignedProperties`). Its
//!   `SigningCertificateV2` (or `SigningCertificate`) names the signer's certificate by
//!   digest (and IssuerSerial): checked against the certificate the signature verified
//!   with, as CMS's ESS signingCertificate is; its `SigningTime` is the signer's claim,
//!   reported (and judged at only under the claimed-time policy).
//! * **XAdES-T**: `xades:SignatureTimeStamp`s in the UnsignedSignatureProperties, each an
//!   RFC 3161 token over the canonical `ds:SignatureValue` element, verified and counted
//!   exactly as a CMS signature time-stamp is (`cms::timestamps`).
//!
//! Properties are only believed when signed: SignedProperties that no Reference of the
//! signature covers, a typed Reference that points elsewhere, or QualifyingProperties
//! that name another signature are failures, never ignored. Nor are signed properties ever
//! skipped or handed out as content, wherever an unsigned wrapper puts them: every element
//! named `SignedProperties` in an ETSI XAdES namespace (`http://uri.etsi.org/01903/...`)
//! that the signature's References cover (a Reference's target, any of the target's
//! descendants, any element of the document's node-set for `URI=""`) and that the
//! signature answers for ([`answers_for`]) must be the one read as its own
//! (QualifyingProperties directly in one of its ds:Objects, naming it, SignedProperties
//! directly in them), else the signature fails; one of another XAdES version than 1.3.2 is
//! not read: indeterminate. The signature answers for a covered SignedProperties unless it
//! stands inside another `ds:Signature` that is itself in the covered node-set (strictly
//! below a Reference's target: signed as a signature, not a wrapper put around the target
//! afterwards), outside this signature's own element, and not in QualifyingProperties whose
//! Target names this signature: another signer's properties (Kalkan's later signer covers
//! the earlier signatures whole, their XAdES properties with them), judged with that
//! signature. So a signature over the ds:Object holding its properties, the Object then
//! moved into an unsigned wrapper (read as no properties at all), fails; and so does one
//! whose covered properties were moved out of the signature, its Id removed.
//!
//! Properties of the XAdES
//! forms beyond T (references to validation data, archive time-stamps) are not read.

use super::reference::Canon;
use super::*;
use crate::cms::{
    claimed_time_check, judge_tokens, read_issuer_serial, CertDigests, SignerTimeStamps,
    TimePolicy, Tokens,
};

/// The XAdES 1.3.2 namespace.
pub(super) const XADES_NS: &str = "http://uri.etsi.org/01903/v1.3.2#";
/// The namespaces of every XAdES version begin so (1.1.1, 1.2.2, 1.3.2, 1.4.1).
pub(super) const ETSI_XADES_PREFIX: &str = "http://uri.etsi.org/01903/";
/// The Type of a Reference to SignedProperties.
pub(super) const SIGNED_PROPERTIES_TYPE: &str = "http://uri.etsi.org/01903#SignedProperties";

/// Most Cert entries read in a SigningCertificate(V2).
const MAX_CERTS: usize = 16;
/// Most SignatureTimeStamps read on one signature.
const MAX_TIME_STAMPS: usize = 16;
/// Longest X509SerialNumber (decimal digits) read: 20 octets need 49.
const MAX_SERIAL_DIGITS: usize = 64;

/// The XAdES children of `el` named `local`; `scope` is `el`'s own.
fn xades<'a>(el: &'a Element, scope: &Scope<'a>, local: &str) -> Vec<&'a Element> {
    children_in(el, scope, XADES_NS, local)
}

/// One Cert of a SigningCertificate(V2).
struct CertRef {
    digest: std::result::Result<HashAlgorithm, String>,
    value: Vec<u8>,
    /// IssuerSerial (v1): the serial's decimal text.
    serial_decimal: Option<String>,
    /// IssuerSerialV2: its DER.
    issuer_serial_v2: Option<Vec<u8>>,
}

/// One SignatureTimeStamp: its canonicalisation and its token.
struct Stamp {
    canon: Option<(Canon, bool)>,
    token: std::result::Result<Vec<u8>, String>,
}

/// A signature's qualifying properties, read.
pub(super) struct Properties<'d> {
    /// xades:QualifyingProperties.
    pub(super) qualifying: &'d Element,
    /// xades:SignedProperties, when present.
    pub(super) signed: Option<&'d Element>,
    signing_time: Option<String>,
    /// (`true` for V2, the Certs).
    signing_certificate: Option<(bool, Vec<CertRef>)>,
    stamps: Vec<Stamp>,
    /// Unreadable Stamps (no or several EncapsulatedTimeStamp).
    bad_stamps: usize,
}

/// The XAdES properties of the signature `found` (`None` when it carries no
/// QualifyingProperties). Malformed properties fail.
pub(super) fn read<'d>(found: &Found<'d>) -> std::result::Result<Option<Properties<'d>>, Stop> {
    let sig = found.signature;
    let mut scope = Scope::inside(&found.ancestors);
    let _ = scope.enter(sig);
    let mut qualifying: Vec<(&Element, &Element)> = Vec::new();
    for object in children(sig, &scope, "Object") {
        scope.within(object, |s| {
            for q in xades(object, s, "QualifyingProperties") {
                qualifying.push((object, q));
            }
        });
    }
    let (object, q) = match qualifying.as_slice() {
        [] => return Ok(None),
        [one] => *one,
        more => {
            return Err(failed(
                CheckName::Reference,
                ReasonKind::Malformed,
                format!(
                    "{} xades:QualifyingProperties in one signature (at most one)",
                    more.len()
                ),
            ))
        }
    };
    let mut path = found.ancestors.clone();
    path.extend([sig, object]);
    let mut qs = Scope::inside(&path);
    let _ = qs.enter(q);
    // The properties qualify the signature they name.
    match (q.attr("Target"), sig.attr("Id")) {
        (Some(t), Some(id)) if t.strip_prefix('#') == Some(id) => {}
        (t, id) => {
            return Err(failed(
                CheckName::Reference,
                ReasonKind::Mismatch,
                format!(
                    "xades:QualifyingProperties Target {:?} does not name this signature (Id {:?})",
                    t.unwrap_or(""),
                    id.unwrap_or("")
                ),
            ))
        }
    }
    let mut props = Properties {
        qualifying: q,
        signed: None,
        signing_time: None,
        signing_certificate: None,
        stamps: Vec::new(),
        bad_stamps: 0,
    };
    let signed = xades(q, &qs, "SignedProperties");
    if signed.len() > 1 {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::Malformed,
            "more than one xades:SignedProperties",
        ));
    }
    if let Some(sp) = signed.first() {
        props.signed = Some(sp);
        let mark = qs.enter(sp);
        for ssp in xades(sp, &qs, "SignedSignatureProperties") {
            let m = qs.enter(ssp);
            read_signed_signature_properties(ssp, &mut qs, &mut props)?;
            qs.leave(m);
        }
        qs.leave(mark);
    }
    for up in xades(q, &qs, "UnsignedProperties") {
        let m = qs.enter(up);
        for usp in xades(up, &qs, "UnsignedSignatureProperties") {
            let m2 = qs.enter(usp);
            for ts in xades(usp, &qs, "SignatureTimeStamp") {
                if props.stamps.len() + props.bad_stamps >= MAX_TIME_STAMPS {
                    props.bad_stamps += 1;
                    continue;
                }
                qs.within(ts, |s| {
                    let canon = children(ts, s, "CanonicalizationMethod").first().map(|c| {
                        let uri = c.attr("Algorithm").unwrap_or("");
                        s.within(c, |s| Canon::of(uri, c, s))
                    });
                    let tokens = xades(ts, s, "EncapsulatedTimeStamp");
                    match (canon, tokens.as_slice()) {
                        (Some(None), _) | (_, [] | [_, _, ..]) => props.bad_stamps += 1,
                        (canon, [one]) => props.stamps.push(Stamp {
                            canon: canon.flatten(),
                            token: base64(&one.text(), "EncapsulatedTimeStamp")
                                .map_err(|Stop(_, _, _, why, _)| why),
                        }),
                    }
                });
            }
            qs.leave(m2);
        }
        qs.leave(m);
    }
    Ok(Some(props))
}

fn read_signed_signature_properties<'d>(
    ssp: &'d Element,
    scope: &mut Scope<'d>,
    props: &mut Properties<'d>,
) -> std::result::Result<(), Stop> {
    let times = xades(ssp, scope, "SigningTime");
    if times.len() > 1 {
        return Err(failed(
            CheckName::SigningTime,
            ReasonKind::Malformed,
            "more than one xades:SigningTime",
        ));
    }
    props.signing_time = times.first().map(|t| t.text());
    let v1 = xades(ssp, scope, "SigningCertificate");
    let v2 = xades(ssp, scope, "SigningCertificateV2");
    let (is_v2, el) = match (v1.as_slice(), v2.as_slice()) {
        ([], []) => return Ok(()),
        (_, [one]) => (true, *one),
        ([one], []) => (false, *one),
        _ => {
            return Err(failed(
                CheckName::SigningCertificate,
                ReasonKind::Malformed,
                "more than one xades:SigningCertificate(V2)",
            ))
        }
    };
    let mut certs = Vec::new();
    scope.within(el, |s| -> std::result::Result<(), Stop> {
        for cert in xades(el, s, "Cert").into_iter().take(MAX_CERTS) {
            s.within(cert, |s| -> std::result::Result<(), Stop> {
                let [digest] = xades(cert, s, "CertDigest")[..] else {
                    return Err(failed(
                        CheckName::SigningCertificate,
                        ReasonKind::Malformed,
                        "a xades:Cert without exactly one CertDigest",
                    ));
                };
                let (method, value) = s.within(digest, |s| {
                    (
                        children(digest, s, "DigestMethod")
                            .first()
                            .and_then(|m| m.attr("Algorithm"))
                            .map(str::to_string),
                        children(digest, s, "DigestValue").first().map(|v| v.text()),
                    )
                });
                let (Some(method), Some(value)) = (method, value) else {
                    return Err(failed(
                        CheckName::SigningCertificate,
                        ReasonKind::Malformed,
                        "a xades:CertDigest without DigestMethod and DigestValue",
                    ));
                };
                // A certificate's digest names it; SHA-1 is accepted here as it is in
                // CMS's ESSCertID (a second preimage, not a collision, would be needed).
                let digest = digest_method(&method, true).map_err(|Stop(_, _, _, why, _)| why);
                let value = base64(&value, "CertDigest").map_err(|Stop(_, _, _, why, _)| {
                    failed(CheckName::SigningCertificate, ReasonKind::Malformed, why)
                })?;
                let serial_decimal = xades(cert, s, "IssuerSerial").first().and_then(|is| {
                    is.elements()
                        .find(|e| Element::split(&e.name).1 == "X509SerialNumber")
                        .map(|e| e.text().trim().to_string())
                });
                let issuer_serial_v2 = match xades(cert, s, "IssuerSerialV2").first() {
                    None => None,
                    Some(e) => Some(base64(&e.text(), "IssuerSerialV2").map_err(
                        |Stop(_, _, _, why, _)| {
                            failed(CheckName::SigningCertificate, ReasonKind::Malformed, why)
                        },
                    )?),
                };
                certs.push(CertRef {
                    digest,
                    value,
                    serial_decimal,
                    issuer_serial_v2,
                });
                Ok(())
            })?;
        }
        Ok(())
    })?;
    if certs.is_empty() {
        return Err(failed(
            CheckName::SigningCertificate,
            ReasonKind::Missing,
            "xades:SigningCertificate names no certificate",
        ));
    }
    props.signing_certificate = Some((is_v2, certs));
    Ok(())
}

/// Whether a signature (`sig`) answers for an ETSI `SignedProperties` its References
/// covered (see the module doc): always when it stands inside `sig` (`in_own`) or in
/// QualifyingProperties whose Target (`target`) names `sig`'s Id; else unless it stands
/// inside another ds:Signature of the covered node-set (`in_other`): that signer's
/// properties, not this one's.
pub(super) fn answers_for(
    sig: &Element,
    in_own: bool,
    in_other: bool,
    target: Option<&str>,
) -> bool {
    let names_this = target
        .and_then(|t| t.strip_prefix('#'))
        .is_some_and(|t| sig.attr("Id") == Some(t));
    in_own || names_this || !in_other
}

/// The References' side: SignedProperties must be covered by a Reference whose digest
/// matched (`covered`: the elements the signature's Id References covered, each with its
/// Type), a Reference typed SignedProperties must cover exactly these, and every
/// `xades:SignedProperties` the References covered that this signature answers for
/// (`signed_properties`, typed or not, wherever it stands, the targets' descendants
/// included: [`answers_for`]) must be these: signed properties [`read`] did not take as this
/// signature's own (wrapped in the unsigned ds:Object, or their QualifyingProperties
/// wrapped, or outside the signature) would be neither judged nor content.
pub(super) fn check_covered(
    props: Option<&Properties<'_>>,
    covered: &[(&Element, Option<&str>)],
    signed_properties: &[&Element],
) -> std::result::Result<Option<&'static str>, Stop> {
    let signed = props.and_then(|p| p.signed);
    if signed_properties
        .iter()
        .any(|sp| !signed.is_some_and(|s| std::ptr::eq(s, *sp)))
    {
        return Err(failed(
            CheckName::Reference,
            ReasonKind::NotPermitted,
            "a Reference covers an xades:SignedProperties that is not this signature's own (its xades:QualifyingProperties must stand directly in a ds:Object of the signature, naming it, and hold it directly): the signed properties would not be judged",
        ));
    }
    for (el, ty) in covered {
        if *ty == Some(SIGNED_PROPERTIES_TYPE) && !signed.is_some_and(|s| std::ptr::eq(s, *el)) {
            return Err(failed(
                CheckName::Reference, ReasonKind::Mismatch,
                "a Reference typed SignedProperties does not point at this signature's xades:SignedProperties",
            ));
        }
    }
    match signed {
        None => Ok(None),
        Some(s) if covered.iter().any(|(el, _)| std::ptr::eq(*el, s)) => {
            Ok(Some("the XAdES SignedProperties"))
        }
        Some(_) => Err(failed(
            CheckName::Reference, ReasonKind::NotProven,
            "xades:SignedProperties is not covered by a Reference of the signature: its properties are not signed",
        )),
    }
}

/// The decimal number `text` (digits, after a `-` for a negative one, as Java's
/// `BigInteger` writes a serial) as the content octets of a DER INTEGER (big-endian, two's
/// complement: a `00` before a first octet of 0x80 or more, as a certificate's serial
/// carries it; review 92: a serial of such an octet never matched its own decimal; review
/// 95: the JDK's `-32767` for a serial `80 01` was refused), `None` when it is not one.
/// Compare with [`crate::certificate::serial_key`].
pub(super) fn decimal_to_bytes(text: &str) -> Option<Vec<u8>> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    if digits.is_empty()
        || digits.len() > MAX_SERIAL_DIGITS
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut out: Vec<u8> = Vec::new(); // little-endian while building
    for d in digits.bytes() {
        let mut carry = u32::from(d - b'0');
        for byte in out.iter_mut() {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xFF) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            out.push((carry & 0xFF) as u8);
            carry >>= 8;
        }
    }
    out.reverse();
    if out.first().is_none_or(|b| b & 0x80 != 0) {
        out.insert(0, 0);
    }
    if negative {
        // Two's complement of the magnitude (its first octet below 0x80): every bit
        // inverted, one added; a first octet 0xFF before one of 0x80 or more is redundant.
        let mut carry = true;
        for byte in out.iter_mut().rev() {
            let (v, c) = (!*byte).overflowing_add(u8::from(carry));
            *byte = v;
            carry = c;
        }
        while let [0xFF, next, ..] = out[..] {
            if next & 0x80 == 0 {
                break;
            }
            out.remove(0);
        }
    }
    Some(out)
}

impl Properties<'_> {
    /// The SigningCertificate(V2) check against the certificate the signature verified
    /// with; `None` without the property.
    pub(super) fn signing_certificate_check(&self, cert: &Certificate) -> Option<Check> {
        let (v2, certs) = self.signing_certificate.as_ref()?;
        let name = if *v2 {
            "xades:SigningCertificateV2"
        } else {
            "xades:SigningCertificate"
        };
        let fail = |r: String| {
            Check::new(
                CheckName::SigningCertificate,
                Outcome::Failed,
                ReasonKind::Mismatch,
                r,
            )
        };
        let mut unknown = Vec::new();
        let serial = crate::certificate::serial_key(cert.serial());
        for c in certs {
            let h = match &c.digest {
                Ok(h) => *h,
                Err(why) => {
                    unknown.push(why.clone());
                    continue;
                }
            };
            if h.digest(cert.der()) != c.value {
                continue;
            }
            // The digest names the signer's certificate: its IssuerSerial must agree.
            if let Some(text) = &c.serial_decimal {
                match decimal_to_bytes(text) {
                    Some(b) if crate::certificate::serial_key(&b) == serial => {}
                    _ => {
                        return Some(fail(format!(
                        "{name}: IssuerSerial's serial {text:?} is not the signer's certificate's"
                    )))
                    }
                }
            }
            if let Some(der) = &c.issuer_serial_v2 {
                let read = crate::ber::Tlv::read_exact(der, "IssuerSerialV2")
                    .and_then(|t| read_issuer_serial(&t, "IssuerSerialV2"));
                match read {
                    Ok((names, s))
                        if crate::certificate::serial_key(&s) == serial
                            && (names.is_empty()
                                || names.iter().any(|n| n.matches(cert.issuer()))) => {}
                    Ok(_) => {
                        return Some(fail(format!(
                            "{name}: IssuerSerialV2 does not name the signer's certificate"
                        )))
                    }
                    Err(e) => {
                        return Some(Check::new(
                            CheckName::SigningCertificate,
                            Outcome::Failed,
                            ReasonKind::Malformed,
                            format!("{name}: IssuerSerialV2 is malformed: {e}"),
                        ))
                    }
                }
            }
            return Some(Check::passed(
                CheckName::SigningCertificate,
                format!("{name} ({}) names the signer's certificate", h.name()),
            ));
        }
        Some(if unknown.is_empty() {
            fail(format!(
                "{name} names {} certificate(s), none the signer's: the signature was not made for this certificate",
                certs.len()
            ))
        } else {
            Check::new(
                CheckName::SigningCertificate,
                Outcome::Unknown,
                ReasonKind::Unsupported,
                format!("{name} not checked: {}", unknown.join("; ")),
            )
        })
    }

    /// The SigningTime claim and its check; `None` without the property.
    pub(super) fn signing_time_check(
        &self,
        time: TimePolicy,
        at: DateTime<Utc>,
    ) -> Option<(Option<DateTime<Utc>>, Check)> {
        let text = self.signing_time.as_ref()?;
        Some(
            match crate::time::xsd_date_time(text.trim()).map(|t| t.with_timezone(&Utc)) {
                None => (
                    None,
                    Check::new(
                        CheckName::SigningTime,
                        Outcome::Failed,
                        ReasonKind::Malformed,
                        format!(
                            "xades:SigningTime {text:?} is not an xsd:dateTime with a time zone"
                        ),
                    ),
                ),
                Some(t) => (Some(t), claimed_time_check(t, time, at)),
            },
        )
    }

    /// The SignatureTimeStamps judged, over the canonical `ds:SignatureValue` of the
    /// signature `found`, as CMS signature time-stamps are. `judged_before`: tokens the
    /// document's earlier signatures had judged.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn time_stamps(
        &self,
        found: &Found<'_>,
        judged_before: usize,
        verifier: &Verifier,
        time: TimePolicy,
        at: DateTime<Utc>,
        pool: &[Certificate],
        digests: &CertDigests,
    ) -> SignerTimeStamps {
        let mut scope = Scope::inside(&found.ancestors);
        let _ = scope.enter(found.signature);
        let Some(value) = children(found.signature, &scope, "SignatureValue")
            .first()
            .copied()
        else {
            return SignerTimeStamps::default();
        };
        let mut ancestors = found.ancestors.clone();
        ancestors.push(found.signature);
        let mut tokens: Vec<Vec<u8>> = Vec::new();
        let mut malformed = Vec::new();
        if self.bad_stamps > 0 {
            malformed.push(format!(
                "{} xades:SignatureTimeStamp(s) unreadable (not one EncapsulatedTimeStamp, an unsupported canonicalisation, or beyond {MAX_TIME_STAMPS})",
                self.bad_stamps
            ));
        }
        // Every stamp in one canonicalisation is judged over one rendering: in practice
        // all use C14N 1.0, the default.
        let mut canon: Option<(Canon, bool)> = None;
        for s in &self.stamps {
            match &s.token {
                Ok(t) => tokens.push(t.clone()),
                Err(why) => malformed.push(format!("a xades:SignatureTimeStamp: {why}")),
            }
            let c = s.canon.clone().unwrap_or((Canon::Inclusive, false));
            match &canon {
                None => canon = Some(c),
                Some(first) if *first == c => {}
                Some(_) => malformed.push(
                    "the xades:SignatureTimeStamps name different canonicalisations (one is read)"
                        .into(),
                ),
            }
        }
        let (canon, comments) = canon.unwrap_or((Canon::Inclusive, false));
        let stamped = canon.subtree(
            value,
            &ancestors,
            C14n {
                with_comments: comments,
                exclude: &[],
            },
        );
        let values: Vec<&[u8]> = tokens.iter().map(Vec::as_slice).collect();
        judge_tokens(
            Tokens {
                values: &values,
                malformed,
                judged_before,
                stamped: &stamped,
                digests,
            },
            verifier,
            time,
            at,
            pool,
        )
    }

    /// How many tokens this signature carries (charged to the document's budget).
    pub(super) fn token_count(&self) -> usize {
        self.stamps.len()
    }
}

#[cfg(test)]
mod tests;
