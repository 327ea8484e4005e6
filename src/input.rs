//! Reading certificates and CRLs as they arrive: DER, PEM (one block or a bundle), or bare
//! base64 text (as NCA services and Kalkan hand them around), detected automatically.
//!
//! Every input is bounded in size and in object count before any decoding starts, so a
//! hostile file cannot make the library allocate without limit.

use base64::Engine as _;

use crate::error::{Error, Result};

/// What kind of object an input is expected to hold. Selects the PEM labels accepted and the
/// size bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    /// X.509 certificates (`CERTIFICATE`, `X509 CERTIFICATE`).
    Certificate,
    /// Certificate revocation lists (`X509 CRL`).
    Crl,
}

impl ObjectKind {
    fn what(self) -> &'static str {
        match self {
            ObjectKind::Certificate => "certificate input",
            ObjectKind::Crl => "CRL input",
        }
    }

    fn pem_labels(self) -> &'static [&'static str] {
        match self {
            ObjectKind::Certificate => &["CERTIFICATE", "X509 CERTIFICATE"],
            ObjectKind::Crl => &["X509 CRL", "CRL"],
        }
    }

    /// Largest accepted input of this kind, in bytes.
    pub const fn max_input_len(self) -> usize {
        match self {
            ObjectKind::Certificate => MAX_CERT_INPUT_LEN,
            ObjectKind::Crl => MAX_CRL_INPUT_LEN,
        }
    }
}

/// Largest certificate input (a single certificate or a PEM bundle). NCA certificates are a
/// few kilobytes; bundles of a whole trust store stay far below this.
pub const MAX_CERT_INPUT_LEN: usize = 64 * 1024 * 1024;
/// Largest single certificate in DER.
pub const MAX_CERT_DER_LEN: usize = 1024 * 1024;
/// Largest CRL input. The national CA's CRLs are large (hundreds of thousands of entries,
/// tens of megabytes); 1 GiB leaves room for growth while still bounding allocation.
pub const MAX_CRL_INPUT_LEN: usize = 1024 * 1024 * 1024;
/// Most objects read from one input (PEM bundle).
pub const MAX_OBJECTS_PER_INPUT: usize = 100_000;

/// Decode one input into the DER encodings of the objects it holds.
///
/// * DER: the input starts with a SEQUENCE tag (0x30); it must be exactly one complete
///   DER element (definite length, nothing trailing but ASCII whitespace).
/// * PEM: text containing `-----BEGIN `; every block with a label of `kind` is returned, in
///   order; blocks of other labels (keys, parameters) are skipped. No matching block is an
///   error.
/// * Otherwise the text is taken as bare base64 (whitespace ignored) of one DER object.
pub fn decode_objects(input: &[u8], kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    let what = kind.what();
    if input.len() > kind.max_input_len() {
        return Err(Error::TooLarge {
            what,
            len: input.len(),
            limit: kind.max_input_len(),
        });
    }
    let input = strip_bom(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if input.first() == Some(&0x30) {
        let len = der_element_len(input, what)?;
        if input[len..].iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(Error::MalformedDer {
                what,
                reason: format!(
                    "{} bytes of trailing data after the DER element",
                    input.len() - len
                ),
            });
        }
        return Ok(vec![input[..len].to_vec()]);
    }
    let text = core::str::from_utf8(input).map_err(|_| Error::UnrecognisedFormat {
        what,
        reason: "neither DER (no SEQUENCE tag) nor text".into(),
    })?;
    if text.contains("-----BEGIN ") {
        return decode_pem(text, kind);
    }
    let der = decode_base64_text(text, what)?;
    if der.first() != Some(&0x30) {
        return Err(Error::UnrecognisedFormat {
            what,
            reason: "base64 text does not decode to a DER SEQUENCE".into(),
        });
    }
    let len = der_element_len(&der, what)?;
    if len != der.len() {
        return Err(Error::MalformedDer {
            what,
            reason: format!(
                "{} bytes of trailing data after the DER element",
                der.len() - len
            ),
        });
    }
    Ok(vec![der])
}

/// Decode an input that must hold exactly one object.
pub fn decode_one(input: &[u8], kind: ObjectKind) -> Result<Vec<u8>> {
    let mut objects = decode_objects(input, kind)?;
    match objects.len() {
        1 => Ok(objects.swap_remove(0)),
        n => Err(Error::UnrecognisedFormat {
            what: kind.what(),
            reason: format!("expected one object, found {n}"),
        }),
    }
}

fn strip_bom(input: &[u8]) -> &[u8] {
    input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input)
}

fn decode_pem(text: &str, kind: ObjectKind) -> Result<Vec<Vec<u8>>> {
    let blocks = pem::parse_many(text).map_err(|e| Error::BadPem(e.to_string()))?;
    if blocks.len() > MAX_OBJECTS_PER_INPUT {
        return Err(Error::TooMany {
            what: "PEM blocks",
            limit: MAX_OBJECTS_PER_INPUT,
        });
    }
    let labels = kind.pem_labels();
    let mut out = Vec::new();
    let mut other = Vec::new();
    for block in blocks {
        if labels.contains(&block.tag()) {
            let der = block.into_contents();
            der_element_len(&der, kind.what()).and_then(|len| {
                if len == der.len() {
                    Ok(())
                } else {
                    Err(Error::MalformedDer {
                        what: kind.what(),
                        reason: "trailing data inside a PEM block".into(),
                    })
                }
            })?;
            out.push(der);
        } else {
            other.push(block.tag().to_string());
        }
    }
    if out.is_empty() {
        let found = if other.is_empty() {
            "no complete PEM block".to_string()
        } else {
            format!("only PEM blocks labelled {}", other.join(", "))
        };
        return Err(Error::BadPem(format!(
            "expected a block labelled {}, found {found}",
            labels[0]
        )));
    }
    Ok(out)
}

fn decode_base64_text(text: &str, what: &'static str) -> Result<Vec<u8>> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return Err(Error::Empty);
    }
    if let Some(pos) = compact
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')))
    {
        return Err(Error::UnrecognisedFormat {
            what,
            reason: format!(
                "not DER, PEM or base64 (byte 0x{:02x} at offset {pos})",
                compact[pos]
            ),
        });
    }
    let url_safe = compact.iter().any(|b| matches!(b, b'-' | b'_'));
    let engine = if url_safe {
        &base64::engine::general_purpose::URL_SAFE
    } else {
        &base64::engine::general_purpose::STANDARD
    };
    let padded;
    let data: &[u8] = if !compact.len().is_multiple_of(4) && !compact.contains(&b'=') {
        let mut p = compact.clone();
        p.resize(compact.len().div_ceil(4) * 4, b'=');
        padded = p;
        &padded
    } else {
        &compact
    };
    engine
        .decode(data)
        .map_err(|e| Error::BadBase64(e.to_string()))
}

/// Length of the complete DER element at the start of `der` (header + content), checking
/// that the declared length is present. Indefinite lengths are refused: certificates and
/// CRLs are DER.
pub(crate) fn der_element_len(der: &[u8], what: &'static str) -> Result<usize> {
    let malformed = |reason: &str| Error::MalformedDer {
        what,
        reason: reason.to_string(),
    };
    let (header_len, content_len) =
        der_header(der).ok_or_else(|| malformed("truncated or invalid DER header"))?;
    let total = header_len
        .checked_add(content_len)
        .ok_or_else(|| malformed("length overflow"))?;
    if total > der.len() {
        return Err(malformed(&format!(
            "truncated: element declares {total} bytes, input has {}",
            der.len()
        )));
    }
    Ok(total)
}

/// (header length, content length) of the DER element at the start of `der`: single-octet
/// tags, definite minimal lengths (see [`crate::der::header`]).
pub(crate) fn der_header(der: &[u8]) -> Option<(usize, usize)> {
    crate::der::header(der).map(|(_, h, len)| (h, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &[u8] = &[0x30, 0x03, 0x02, 0x01, 0x05];

    #[test]
    fn der_is_detected() {
        assert_eq!(
            decode_objects(TINY, ObjectKind::Certificate).unwrap(),
            vec![TINY.to_vec()]
        );
    }

    #[test]
    fn truncated_der_is_an_error() {
        let err = decode_objects(&TINY[..4], ObjectKind::Certificate).unwrap_err();
        assert!(matches!(err, Error::MalformedDer { .. }), "{err}");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let mut v = TINY.to_vec();
        v.push(0);
        assert!(decode_objects(&v, ObjectKind::Crl).is_err());
        v.pop();
        v.extend_from_slice(b"\r\n");
        assert!(decode_objects(&v, ObjectKind::Crl).is_ok());
    }

    #[test]
    fn base64_text_is_detected() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
        let text = format!("  {}\n{}\n", &b64[..3], &b64[3..]);
        assert_eq!(
            decode_objects(text.as_bytes(), ObjectKind::Crl).unwrap(),
            vec![TINY.to_vec()]
        );
        let unpadded = b64.trim_end_matches('=');
        assert_eq!(
            decode_one(unpadded.as_bytes(), ObjectKind::Crl).unwrap(),
            TINY.to_vec()
        );
    }

    #[test]
    fn pem_bundle_yields_every_matching_block() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
        let text = format!(
            "junk\n-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n\
             -----BEGIN PRIVATE KEY-----\n{b64}\n-----END PRIVATE KEY-----\n\
             -----BEGIN CERTIFICATE-----\r\n{b64}\r\n-----END CERTIFICATE-----\r\n"
        );
        let objs = decode_objects(text.as_bytes(), ObjectKind::Certificate).unwrap();
        assert_eq!(objs.len(), 2);
        assert!(decode_objects(text.as_bytes(), ObjectKind::Crl).is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for input in [
            &b""[..],
            b"   ",
            b"hello world!",
            b"\xff\xfe",
            b"\x30",
            b"\x30\x84\xff\xff\xff\xff",
            b"-----BEGIN CERTIFICATE-----\nAAAA",
        ] {
            assert!(
                decode_objects(input, ObjectKind::Certificate).is_err(),
                "{input:?}"
            );
        }
    }

    #[test]
    fn non_minimal_length_is_refused() {
        assert!(decode_objects(&[0x30, 0x81, 0x03, 2, 1, 5], ObjectKind::Certificate).is_err());
    }
}
