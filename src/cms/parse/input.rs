//! Detecting the input form of a CMS message and unwrapping it: DER/BER as is, PEM blocks
//! (`CMS`, `PKCS7`, `PKCS #7 SIGNED DATA`), or bare base64 text (standard or URL-safe,
//! padding optional).

use super::WHAT;
use crate::cms::limits;
use crate::error::{Error, Result};

/// Decode DER/BER, PEM or base64 text into the BER of one ContentInfo.
pub(super) fn decode_input(input: &[u8]) -> Result<Vec<u8>> {
    if input.len() > limits::MAX_CMS_INPUT_LEN {
        return Err(Error::TooLarge {
            what: WHAT,
            len: input.len(),
            limit: limits::MAX_CMS_INPUT_LEN,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if input.first() == Some(&0x30) {
        return Ok(input.to_vec());
    }
    let text = std::str::from_utf8(input).map_err(|_| Error::UnrecognisedFormat {
        what: WHAT,
        reason: "neither DER/BER (no SEQUENCE tag) nor text".into(),
    })?;
    if text.contains("-----BEGIN ") {
        const LABELS: [&str; 3] = ["CMS", "PKCS7", "PKCS #7 SIGNED DATA"];
        let blocks = pem::parse_many(text).map_err(|e| Error::BadPem(e.to_string()))?;
        // `parse_many` stops at a block cut off (no END line): refused, not dropped.
        crate::input::refuse_cut_off_block(text)?;
        let mut found: Vec<Vec<u8>> = Vec::new();
        let mut other = Vec::new();
        for b in blocks {
            if LABELS.contains(&b.tag()) {
                found.push(b.into_contents());
            } else {
                other.push(b.tag().to_string());
            }
        }
        return match found.len() {
            1 => Ok(found.swap_remove(0)),
            0 => Err(Error::BadPem(format!(
                "expected a block labelled CMS or PKCS7, found {}",
                if other.is_empty() {
                    "no complete block".to_string()
                } else {
                    other.join(", ")
                }
            ))),
            n => Err(Error::UnrecognisedFormat {
                what: WHAT,
                reason: format!("expected one CMS PEM block, found {n}"),
            }),
        };
    }
    let der = crate::input::decode_base64_text(text, WHAT)?;
    if der.first() != Some(&0x30) {
        return Err(Error::UnrecognisedFormat {
            what: WHAT,
            reason: "base64 text does not decode to a SEQUENCE".into(),
        });
    }
    Ok(der)
}
