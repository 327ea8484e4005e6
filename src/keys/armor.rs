//! PEM armour of private keys, read without leaving copies of the key behind.
//!
//! The `pem` crate (used for certificates, CRLs and CMS) decodes every block of a file,
//! gathering each body's base64 text into a `String` that grows as it goes and is freed
//! as it is: for a key file, copies of the key in base64 left in freed memory. Here the
//! blocks are only located (the same grammar: `-----BEGIN L-----`, optional RFC 1421
//! headers ended by a blank line, the base64 body, `-----END L-----`); only the key's
//! body is decoded, through buffers allocated once at their final size and zeroized on
//! drop.

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// One block, located in the text (nothing decoded).
pub(super) struct Block<'a> {
    /// The label of `-----BEGIN label-----`.
    pub label: &'a str,
    headers: &'a str,
    body: &'a str,
}

impl Block<'_> {
    /// The value of the last header named `name` (`Proc-Type: 4,ENCRYPTED`).
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .lines()
            .rev()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim())
    }

    /// The body decoded (standard base64, padded; ASCII whitespace ignored) into a buffer
    /// zeroized on drop, as is the base64 text gathered for it.
    pub(super) fn decode(&self) -> Result<Zeroizing<Vec<u8>>> {
        let mut text = Zeroizing::new(Vec::with_capacity(self.body.len()));
        text.extend(self.body.bytes().filter(|b| !b.is_ascii_whitespace()));
        let mut out = Zeroizing::new(vec![0u8; base64::decoded_len_estimate(text.len())]);
        let n = base64::engine::general_purpose::STANDARD
            .decode_slice(&text[..], &mut out[..])
            .map_err(|e| Error::BadPem(format!("{} block: {e}", self.label)))?;
        out.truncate(n);
        Ok(out)
    }
}

/// Every complete block of `text`, in order (text around and between them ignored). A
/// block whose END label differs from its BEGIN label, whose headers are not
/// `name: value` lines, or that is cut off (a BEGIN line with no END line) is an error.
pub(super) fn blocks(text: &str) -> Result<Vec<Block<'_>>> {
    const BEGIN: &str = "-----BEGIN ";
    const END: &str = "-----END ";
    const DASHES: &str = "-----";
    fn skip_whitespace(s: &str) -> &str {
        s.trim_start_matches([' ', '\t', '\n', '\r'])
    }
    let mut out = Vec::new();
    let mut rest = text;
    // An END line outside every block (its BEGIN line missing or damaged) is an error, not
    // skipped (review 48).
    let stray_end = |outside: &str| match outside.find(END) {
        Some(at) => Err(crate::input::cut_off_at_start(
            outside.as_bytes().get(at..).unwrap_or_default(),
        )),
        None => Ok(()),
    };
    while let Some(at) = rest.find(BEGIN) {
        stray_end(&rest[..at])?;
        // A BEGIN line whose block does not end (its END line missing or damaged) is an
        // error, not skipped: no part of an input is dropped without a word.
        let cut_off = || crate::input::cut_off_block(rest.as_bytes().get(at..).unwrap_or_default());
        let after = &rest[at + BEGIN.len()..];
        let Some(label_end) = after.find(DASHES) else {
            return Err(cut_off());
        };
        let label = &after[..label_end];
        let after = &after[label_end + DASHES.len()..];
        let after = skip_whitespace(after);
        let Some(payload_end) = after.find(END) else {
            return Err(cut_off());
        };
        let payload = &after[..payload_end];
        let after = &after[payload_end + END.len()..];
        let Some(end_label_end) = after.find(DASHES) else {
            return Err(cut_off());
        };
        let end_label = &after[..end_label_end];
        let after = &after[end_label_end + DASHES.len()..];
        rest = skip_whitespace(after);
        if label.is_empty() || label != end_label {
            return Err(Error::BadPem(format!(
                "BEGIN {label:?} ended by END {end_label:?}"
            )));
        }
        let (headers, body) = payload
            .split_once("\n\n")
            .or_else(|| payload.split_once("\r\n\r\n"))
            .unwrap_or(("", payload));
        if let Some(bad) = headers.lines().find(|l| !l.contains(':')) {
            return Err(Error::BadPem(format!(
                "{label} block: invalid header line {bad:?}"
            )));
        }
        out.push(Block {
            label,
            headers,
            body,
        });
    }
    stray_end(rest)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_headers_and_bodies() {
        let text = "junk\n-----BEGIN CERTIFICATE-----\nnot base64 !\n-----END CERTIFICATE-----\n\
                    -----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: X\n\n\
                    AQID\r\nBA==\n-----END RSA PRIVATE KEY-----\ntrailing";
        let b = blocks(text).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].label, "CERTIFICATE");
        assert!(b[0].decode().is_err(), "only the blocks used are decoded");
        assert_eq!(b[1].label, "RSA PRIVATE KEY");
        assert_eq!(b[1].header("Proc-Type"), Some("4,ENCRYPTED"));
        assert_eq!(b[1].header("Nope"), None);
        let body: Zeroizing<Vec<u8>> = b[1].decode().unwrap();
        assert_eq!(&body[..], [1, 2, 3, 4]);
        // Mismatched labels, bad header lines: errors. Incomplete blocks: none.
        assert!(blocks("-----BEGIN A-----\nAA==\n-----END B-----").is_err());
        assert!(blocks("-----BEGIN -----\nAA==\n-----END -----").is_err());
        assert!(blocks("-----BEGIN A-----\nno colon\n\nAA==\n-----END A-----").is_err());
        // An END line outside every block (its BEGIN damaged): refused (review 48).
        for stray in [
            "----BEGIN A-----\nAA==\n-----END A-----\n",
            "-----BEGIN A-----\nAA==\n-----END A-----\n----BEGIN B-----\nAA==\n-----END B-----",
            "----BEGIN B-----\nAA==\n-----END B-----\n-----BEGIN A-----\nAA==\n-----END A-----",
        ] {
            let err = blocks(stray)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("has no BEGIN line"), "{stray:?}: {err}");
        }
        // A block cut off is refused, alone or after a complete one; the message names
        // the label, not the body.
        for cut in [
            "-----BEGIN A-----\nAA==\n",
            "-----BEGIN A-----\nAA==\n-----END A",
            "-----BEGIN A-----\nAA==\n-----END A-----\n-----BEGIN B-----\nAA==",
            "-----BEGIN A",
        ] {
            let err = blocks(cut).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                err.contains("cut off") && !err.contains("AA=="),
                "{cut:?}: {err}"
            );
        }
        assert!(blocks("").unwrap().is_empty());
        // Padding is required, as the `pem` crate requires it.
        let b = blocks("-----BEGIN A-----\nAQID BA\n-----END A-----").unwrap();
        assert!(b[0].decode().is_err());
    }
}
