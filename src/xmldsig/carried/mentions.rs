//! The certificates a Signature's structure names: in its KeyInfo (`X509Certificate`,
//! `X509SubjectName`, `X509IssuerSerial`, `X509SKI`) and in XAdES's unsigned properties
//! (`CertificateValues`' certificates of any form, `CompleteCertificateRefs`' digests and
//! issuer serials). The verifier reads the signer's certificate from KeyInfo by its key and
//! none of the rest, yet a client reading the document takes the first certificate or name it
//! finds for the signer's: each must be one the signature was judged with (review 88:
//! another person's name, serial or certificate stood there, signed by no one). A
//! certificate of the signer's path may stand anywhere (xmlsec1 writes the chain before
//! the signer's): a CA's names no signer.

use super::schema::Name;
use super::Known;
use crate::certificate::{serial_key, Certificate};
use crate::xmldsig::dom::{Element, Scope};
use crate::xmldsig::xades::{decimal_to_bytes, XADES_NS as XA};
use crate::xmldsig::{base64, digest_method, DSIG_NS as DS};

/// When `el` (named `name`, its scope entered) names a certificate that none of `known`
/// is, in words; `None` when it names one of them, or nothing (an empty
/// `X509IssuerSerial` or `X509SubjectName`, as xmlsec1's template leaves them), or is no
/// such element. What cannot be read or compared names no one known.
pub(super) fn stranger<'d>(
    el: &'d Element,
    scope: &mut Scope<'d>,
    name: Name,
    known: &Known,
) -> Option<String> {
    // KeyInfo names its signer's path only; XAdES's properties its time-stamps' too.
    let stamps: &[Certificate] = if name.0 == DS { &[] } else { &known.stamps };
    let candidates = || known.path.iter().chain(stamps);
    let (found, what) = match name {
        (DS, "X509Certificate") | (XA, "EncapsulatedX509Certificate") => {
            let der = base64(&el.text(), name.1).ok();
            let found = candidates().any(|c| der.as_deref() == Some(c.der()));
            (found, "a certificate")
        }
        // XAdES's certificate in a form other than X.509 DER: none the library can read is
        // one the signature was judged with (review 95: another person's stood there).
        (XA, "OtherCertificate") => (el.text().trim().is_empty(), "a certificate"),
        (DS, "X509SubjectName") => {
            let text = el.text();
            let found = blank_or(&text, |t| candidates().any(|c| c.subject().matches_text(t)));
            (found, "a subject name")
        }
        (DS, "X509SKI") => {
            let text = el.text();
            let found = blank_or(&text, |t| {
                let ski = base64(t, "X509SKI").ok();
                candidates().any(|c| {
                    c.subject_key_id()
                        .is_some_and(|k| Some(k) == ski.as_deref())
                })
            });
            (found, "a subject key identifier")
        }
        (DS, "X509IssuerSerial") | (XA, "IssuerSerial") => {
            let (issuer, serial) = scope.within(el, |s| {
                let text = |local: &str| {
                    el.elements()
                        .find(|c| c.expanded_in(s) == (DS, local))
                        .map(Element::text)
                        .unwrap_or_default()
                };
                (text("X509IssuerName"), text("X509SerialNumber"))
            });
            let blank = |t: &str| t.trim().is_empty();
            let found = blank(&issuer) && blank(&serial)
                || decimal_to_bytes(serial.trim()).is_some_and(|serial| {
                    candidates().any(|c| {
                        serial_key(c.serial()) == serial_key(&serial)
                            && c.issuer().matches_text(&issuer)
                    })
                });
            (found, "an issuer and serial")
        }
        // The signer's key (review 90: another person's modulus stood there).
        (DS, "RSAKeyValue") => {
            let (modulus, exponent) = scope.within(el, |s| {
                let value = |local: &str| {
                    el.elements()
                        .find(|c| c.expanded_in(s) == (DS, local))
                        .and_then(|c| base64(&c.text(), local).ok())
                };
                (value("Modulus"), value("Exponent"))
            });
            let found = known
                .path
                .first()
                .and_then(|c| c.public_key().rsa_components())
                .is_some_and(|(n, e)| {
                    modulus.is_some_and(|m| magnitude(&m) == magnitude(n))
                        && exponent.is_some_and(|x| magnitude(&x) == magnitude(e))
                });
            (found, "a key value")
        }
        // No NCA key is DSA: none is the signer's.
        (DS, "DSAKeyValue") => (false, "a key value"),
        (XA, "IssuerSerialV2") => {
            let read = base64(&el.text(), "IssuerSerialV2").ok().and_then(|der| {
                crate::ber::Tlv::read_exact(&der, "IssuerSerialV2")
                    .and_then(|t| crate::cms::read_issuer_serial(&t, "IssuerSerialV2"))
                    .ok()
            });
            let found = read.is_some_and(|(names, serial)| {
                candidates().any(|c| {
                    serial_key(c.serial()) == serial_key(&serial)
                        && (names.is_empty() || names.iter().any(|n| n.matches(c.issuer())))
                })
            });
            (found, "an issuer and serial")
        }
        (XA, "CertDigest") => {
            let (method, value) = scope.within(el, |s| {
                let child = |local: &str| el.elements().find(|c| c.expanded_in(s) == (DS, local));
                (
                    child("DigestMethod").and_then(|m| m.attr("Algorithm").map(str::to_string)),
                    child("DigestValue").map(Element::text),
                )
            });
            let hash = method.and_then(|m| digest_method(&m, true).ok());
            let value = value.and_then(|v| base64(&v, "CertDigest").ok());
            let found = match (hash, value) {
                (Some(h), Some(v)) => candidates().any(|c| h.digest(c.der()) == v),
                _ => false,
            };
            (found, "a certificate digest")
        }
        _ => return None,
    };
    (!found).then(|| {
        format!(
            "{what} in <{}> of no certificate the signature was judged with (its signer's path, its time-stamps')",
            el.name
        )
    })
}

/// An unsigned big-endian number without its leading zero octets (an INTEGER's content
/// carries one before a first octet of 0x80 or more; a KeyValue may carry more).
fn magnitude(b: &[u8]) -> &[u8] {
    let zeros = b.iter().take_while(|&&x| x == 0).count();
    b.get(zeros..).unwrap_or_default()
}

/// True for blank text (nothing named), else `matches` of the trimmed text.
fn blank_or(text: &str, matches: impl FnOnce(&str) -> bool) -> bool {
    let t = text.trim();
    t.is_empty() || matches(t)
}
