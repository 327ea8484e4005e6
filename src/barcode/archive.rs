//! The ZIP archive that carries the signed document: one deflated entry (eGov names it
//! `one`), written deterministically and read with caps on every size.

use std::io::{Cursor, Read, Write};

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::limits::{MAX_ARCHIVE_ENTRIES, MAX_ARCHIVE_LEN, MAX_DOCUMENT_LEN};
use super::ENTRY_NAME;
use crate::error::{Error, Result};

/// Caps applied when an archive is read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArchiveLimits {
    /// Largest archive (compressed), in bytes.
    pub max_archive_len: usize,
    /// Largest document (uncompressed), in bytes: past it the archive is refused as a
    /// zip bomb.
    pub max_document_len: usize,
    /// Most entries the central directory may list.
    pub max_entries: usize,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_archive_len: MAX_ARCHIVE_LEN,
            max_document_len: MAX_DOCUMENT_LEN,
            max_entries: MAX_ARCHIVE_ENTRIES,
        }
    }
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::MalformedDer {
        what: "barcode archive (ZIP)",
        reason: e.to_string(),
    }
}

/// The ZIP timestamp of `time` (its local date and time; clamped to ZIP's 1980-2107).
fn zip_time(time: DateTime<FixedOffset>) -> zip::DateTime {
    let year = time.year().clamp(1980, 2107) as u16;
    zip::DateTime::from_date_and_time(
        year,
        time.month() as u8,
        time.day() as u8,
        time.hour() as u8,
        time.minute() as u8,
        time.second().min(58) as u8,
    )
    .unwrap_or_default()
}

/// Put `document` in a ZIP archive: one deflated entry named [`ENTRY_NAME`], stamped with
/// `modified` (passed in, so the same input always gives the same bytes).
pub fn zip_document(document: &[u8], modified: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    if document.len() > MAX_DOCUMENT_LEN {
        return Err(Error::TooLarge {
            what: "document to put in barcodes",
            len: document.len(),
            limit: MAX_DOCUMENT_LEN,
        });
    }
    let mut w = ZipWriter::new(Cursor::new(Vec::with_capacity(document.len() / 2 + 256)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(modified))
        .unix_permissions(0o644);
    w.start_file(ENTRY_NAME, options).map_err(zip_error)?;
    w.write_all(document).map_err(|e| Error::MalformedDer {
        what: "barcode archive (ZIP)",
        reason: e.to_string(),
    })?;
    Ok(w.finish().map_err(zip_error)?.into_inner())
}

/// The document inside an archive made by [`zip_document`] (or by eGov): exactly one file
/// entry, stored or deflated, not encrypted. Refused, before anything is inflated, when the
/// archive, its entry count or the entry's declared size exceeds `limits`; the entry is then
/// inflated through a cap, so an archive that lies about its size is refused too, and its
/// CRC-32 is checked.
pub fn unzip_document(archive: &[u8], limits: &ArchiveLimits) -> Result<Vec<u8>> {
    if archive.is_empty() {
        return Err(Error::Empty);
    }
    if archive.len() > limits.max_archive_len {
        return Err(Error::TooLarge {
            what: "barcode archive (ZIP, compressed)",
            len: archive.len(),
            limit: limits.max_archive_len,
        });
    }
    let mut zip = ZipArchive::new(Cursor::new(archive)).map_err(zip_error)?;
    if zip.len() > limits.max_entries {
        return Err(Error::TooMany {
            what: "entries in the barcode archive (ZIP)",
            limit: limits.max_entries,
        });
    }
    if zip.len() != 1 {
        return Err(Error::Unsupported(format!(
            "the barcode archive holds {} entries; an output document's archive holds exactly one",
            zip.len()
        )));
    }
    let mut entry = zip.by_index(0).map_err(zip_error)?;
    if entry.is_dir() {
        return Err(Error::Unsupported(format!(
            "the barcode archive's only entry {:?} is a folder",
            entry.name()
        )));
    }
    if entry.encrypted() {
        return Err(Error::Unsupported(
            "the barcode archive's entry is encrypted".into(),
        ));
    }
    match entry.compression() {
        CompressionMethod::Stored | CompressionMethod::Deflated => {}
        other => {
            return Err(Error::Unsupported(format!(
                "the barcode archive's entry is compressed with {other}; only stored and deflated entries are read"
            )))
        }
    }
    let declared = entry.size();
    if declared > limits.max_document_len as u64 {
        return Err(Error::TooLarge {
            what: "document in the barcode archive (uncompressed; a zip bomb?)",
            len: usize::try_from(declared).unwrap_or(usize::MAX),
            limit: limits.max_document_len,
        });
    }
    let mut out = Vec::with_capacity((declared as usize).min(1 << 20));
    let cap = limits.max_document_len as u64 + 1;
    (&mut entry)
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| Error::MalformedDer {
            what: "barcode archive (ZIP)",
            reason: format!("the entry does not inflate: {e}"),
        })?;
    if out.len() > limits.max_document_len {
        return Err(Error::TooLarge {
            what: "document in the barcode archive (uncompressed; a zip bomb?)",
            len: out.len(),
            limit: limits.max_document_len,
        });
    }
    if out.len() as u64 != declared {
        return Err(Error::MalformedDer {
            what: "barcode archive (ZIP)",
            reason: format!(
                "the entry inflates to {} bytes, its header says {declared}",
                out.len()
            ),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
    }

    #[test]
    fn round_trip_and_deterministic() {
        let doc = b"signed document ".repeat(100);
        let a = zip_document(&doc, t()).unwrap();
        assert_eq!(a, zip_document(&doc, t()).unwrap());
        assert!(a.len() < doc.len());
        assert_eq!(unzip_document(&a, &ArchiveLimits::default()).unwrap(), doc);
    }

    #[test]
    fn bomb_refused() {
        let doc = vec![0u8; 2 * 1024 * 1024];
        let a = zip_document(&doc, t()).unwrap();
        let limits = ArchiveLimits {
            max_document_len: 1024 * 1024,
            ..ArchiveLimits::default()
        };
        let e = unzip_document(&a, &limits).unwrap_err();
        assert!(matches!(e, Error::TooLarge { .. }), "{e}");
        assert!(unzip_document(&a[..a.len() - 1], &ArchiveLimits::default()).is_err());
    }
}
