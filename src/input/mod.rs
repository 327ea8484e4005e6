//! Reading certificates and CRLs as they arrive: DER, PEM (one block or a bundle), or bare
//! base64 text (as NCA services and Kalkan hand them around), detected automatically.
//!
//! Every input is bounded in size and in object count before any decoding starts, so a
//! hostile file cannot make the library allocate without limit.
//!
//! # Example
//!
//! ```
//! use qoltanba::input::{decode_objects, sniff, ObjectKind};
//!
//! let pem = std::fs::read("test-vectors/pki/chain.pem")?;
//! let certs = decode_objects(&pem, ObjectKind::Certificate)?;
//! assert!(certs.len() >= 2);
//! // A file of the wrong kind is named by what it is.
//! let p12 = std::fs::read("test-vectors/pki/individual_sign.p12")?;
//! println!("{:?}", sniff(&p12));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use base64::Engine as _;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

mod pem;
mod sniff;

use pem::decode_pem;
pub(crate) use pem::{cut_off_at_start, cut_off_block, refuse_cut_off_block};

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
///   error, and so is a block cut off (a `-----BEGIN ` left after the last complete
///   block: its END line missing; or a `-----END ` outside every complete block: its BEGIN
///   line missing): the input is refused, never read partly. Other text before, between
///   and after complete blocks is skipped.
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

pub(crate) fn decode_base64_text(text: &str, what: &'static str) -> Result<Vec<u8>> {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return Err(Error::Empty);
    }
    if compact
        .iter()
        .any(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')))
    {
        // Neither the octet nor its place is told: the file may be a secret given where
        // a document belongs (a password file: review 104).
        return Err(Error::UnrecognisedFormat {
            what,
            reason: "not DER, PEM or base64 text".into(),
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
    engine.decode(data).map_err(|_| base64_refused())
}

/// Base64 text that does not decode, said without the base64 crate's words: they quote a
/// symbol of the text and its offset, and the text may be a secret (review 104).
pub(crate) fn base64_refused() -> Error {
    Error::BadBase64("its length, padding or a symbol out of place".into())
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

/// What an input holds, named for a message: `Some("a PKCS#12 key store")`, so that a
/// caller refusing an input can say "this is a PKCS#12 key store, not a certificate".
///
/// Only for reporting an input that did not read as what was expected: it decides
/// nothing, and proves nothing about the input (a structure that looks like a certificate
/// may still be malformed). The outer structure is peeked with the crate's BER reader
/// (a few levels deep, nesting bounded by it); DER, PEM (by its labels; mixed labels name
/// nothing) and bare base64 text are recognised, and a few other formats by their first
/// bytes. Work is linear in the input; decoded bytes are held in buffers zeroized on drop
/// (the input may be a key). Never panics; `None` when the kind is not recognised.
///
/// The names: a certificate, a CRL, a certificate request (PKCS#10), a CMS SignedData, a
/// time-stamp token, a time-stamp response, a time-stamp request, a CMS message (another
/// content type), an OCSP response, a PKCS#12 key store, a PKCS#8 private key, an
/// encrypted PKCS#8 private key, an RSA private key (PKCS#1), an EC private key, a public
/// key, an XML document, a JSON document, a PNG image, a JPEG image, a PDF document, a ZIP
/// archive.
pub fn sniff(input: &[u8]) -> Option<&'static str> {
    let input = strip_bom(input);
    let magic: [(&[u8], &'static str); 4] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
    ];
    if let Some((_, name)) = magic.iter().find(|(m, _)| input.starts_with(m)) {
        return Some(name);
    }
    if input.first() == Some(&0x30) {
        return sniff::der(input);
    }
    let text = core::str::from_utf8(input).ok()?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        return Some("an XML document");
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Some("a JSON document");
    }
    if text.contains("-----BEGIN ") {
        return sniff::pem(text);
    }
    sniff::der(&sniff::base64(text)?)
}

/// Most files read from one folder.
pub const MAX_FILES_PER_FOLDER: usize = 100_000;

/// The regular files a path names: itself, or the files directly inside a folder, sorted.
///
/// A folder's entries are judged by what they name, symbolic links followed
/// ([`std::fs::metadata`]): a link to a file is one of its files (as a mirror keeps
/// `delta.crl -> deltas/101.crl`). A folder inside (or a link to one) is not descended
/// into: only the files directly inside are read, so a link loop cannot make the walk
/// recurse, and the count stays bounded by [`MAX_FILES_PER_FOLDER`]. An entry that is
/// neither a file nor a folder once links are followed (a dangling link, a socket, a FIFO,
/// a device) is an [`Error::Io`] naming it: never skipped in silence, since the file it
/// should have been (a delta CRL, a certificate of a batch) would then go unread.
pub fn files_of(path: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
    let path = path.as_ref();
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let entry_path = entry.path();
        let entry_error = |reason: String| Error::Io {
            path: entry_path.display().to_string(),
            reason,
        };
        // Links followed: what the entry names, not the entry itself.
        let meta = std::fs::metadata(&entry_path).map_err(|e| {
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            entry_error(if link {
                format!("a symbolic link that cannot be followed ({e}): not read")
            } else {
                e.to_string()
            })
        })?;
        if meta.is_dir() {
            continue;
        }
        if !meta.is_file() {
            return Err(entry_error(
                "neither a file nor a folder (a socket, FIFO or device): not read".into(),
            ));
        }
        if files.len() >= MAX_FILES_PER_FOLDER {
            return Err(Error::TooMany {
                what: "files in a folder",
                limit: MAX_FILES_PER_FOLDER,
            });
        }
        files.push(entry_path);
    }
    files.sort();
    Ok(files)
}

/// [`files_of`] for an input to judge or to use: a folder holding no regular file is
/// [`Error::NothingFound`] (`what` says what it should have held), so that a batch over a
/// wrong or empty folder cannot end having judged nothing.
pub fn input_files(path: impl AsRef<Path>, what: &'static str) -> Result<Vec<PathBuf>> {
    let path = path.as_ref();
    let files = files_of(path)?;
    if files.is_empty() {
        return Err(nothing_found(path, what));
    }
    Ok(files)
}

/// [`Error::NothingFound`] for `path`.
pub(crate) fn nothing_found(path: &Path, what: &'static str) -> Error {
    Error::NothingFound {
        what,
        path: path.display().to_string(),
    }
}

/// Read a whole file, refusing one larger than `limit` before reading it.
pub fn read_file(path: impl AsRef<Path>, limit: usize) -> Result<Vec<u8>> {
    let path = path.as_ref();
    use std::io::Read;
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > limit as u64 {
        return Err(Error::TooLarge {
            what: "file",
            len: usize::try_from(len).unwrap_or(usize::MAX),
            limit,
        });
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(io)?;
    if buf.len() > limit {
        return Err(Error::TooLarge {
            what: "file",
            len: buf.len(),
            limit,
        });
    }
    Ok(buf)
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

    /// A fresh folder for one test.
    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("qoltanba-input-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[cfg(unix)]
    #[test]
    fn folder_links_are_followed_not_skipped() {
        use std::os::unix::fs::symlink;
        let d = tmp("links");
        std::fs::write(d.join("a.cer"), b"a").unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/c.cer"), b"c").unwrap();
        // A link to a file is a file of the folder; a link to a folder (even the folder
        // itself: a loop) is not descended into, as a folder is not.
        symlink(d.join("sub/c.cer"), d.join("b.cer")).unwrap();
        symlink(&d, d.join("loop")).unwrap();
        symlink(d.join("sub"), d.join("sub-link")).unwrap();
        assert_eq!(
            files_of(&d).unwrap(),
            vec![d.join("a.cer"), d.join("b.cer")]
        );
        // A dangling link is an error naming it.
        symlink(d.join("gone.crl"), d.join("dangling.crl")).unwrap();
        let err = files_of(&d).unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. } if path.ends_with("dangling.crl")),
            "{err}"
        );
        assert!(err.to_string().contains("symbolic link"), "{err}");
        std::fs::remove_file(d.join("dangling.crl")).unwrap();
        // A socket is neither a file nor a folder: an error naming it.
        let sock = d.join("s.sock");
        let listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        let err = files_of(&d).unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. } if path.ends_with("s.sock")),
            "{err}"
        );
        drop(listener);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn non_minimal_length_is_refused() {
        assert!(decode_objects(&[0x30, 0x81, 0x03, 2, 1, 5], ObjectKind::Certificate).is_err());
    }
}
