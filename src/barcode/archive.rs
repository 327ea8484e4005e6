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
/// entry, stored or deflated, not encrypted, laid out as one archive and nothing else
/// (see `check_layout`: codes that carry two documents, or records a ZIP reader would
/// retry one by one, are refused). Refused, before anything is inflated, when the
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
    let data = check_layout(archive)?;
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
    // The entry the reader found is the one `check_layout` saw, at the start.
    if entry.header_start() != 0 {
        return Err(Error::MalformedDer {
            what: "barcode archive (ZIP)",
            reason: "the entry read is not the one at the start of the archive".into(),
        });
    }
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
    // The inflater stops at the stream's last block: bytes after it, inside the entry's
    // compressed size, would ride in the codes unread and unsigned (Java's
    // `ZipInputStream`, eGov's reader, refuses such an entry). Review 51.
    if entry.compression() == CompressionMethod::Deflated
        && !deflate_ends_at_end(archive.get(data).unwrap_or_default(), cap)
    {
        return Err(Error::MalformedDer {
            what: "barcode archive (ZIP)",
            reason: "bytes after the end of the entry's deflate stream, within its compressed size"
                .into(),
        });
    }
    Ok(out)
}

/// Does the raw deflate stream `data` end at its last byte (no byte after the final
/// block)? Inflated again into a scratch buffer, at most `cap` bytes out (the entry was
/// already inflated within the same cap; this only counts what the stream consumes).
fn deflate_ends_at_end(data: &[u8], cap: u64) -> bool {
    let mut inflater = flate2::Decompress::new(false);
    let mut scratch = vec![0u8; 32 * 1024];
    loop {
        let (read, written) = (inflater.total_in(), inflater.total_out());
        let Some(rest) = usize::try_from(read).ok().and_then(|r| data.get(r..)) else {
            return false;
        };
        match inflater.decompress(rest, &mut scratch, flate2::FlushDecompress::Finish) {
            Ok(flate2::Status::StreamEnd) => {
                return inflater.total_in() == data.len() as u64;
            }
            Ok(_) => {
                let progressed = inflater.total_in() != read || inflater.total_out() != written;
                if !progressed || inflater.total_out() > cap {
                    return false;
                }
            }
            Err(_) => return false,
        }
    }
}

/// APPNOTE 4.3.7, 4.3.9, 4.3.12, 4.3.16: the records' signatures.
const LOCAL_HEADER: u32 = 0x0403_4b50;
const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_RECORD: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_LOCATOR_LEN: usize = 20;
/// The fixed parts of a local header, a central header and the end record.
const LOCAL_LEN: usize = 30;
const CENTRAL_LEN: usize = 46;
const END_LEN: usize = 22;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn usize_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u32_at(b, at)?).ok()
}

/// Is `archive` exactly one ZIP archive of one entry, as eGov and [`zip_document`] write
/// it (APPNOTE 4.3.6): the entry's local header at offset 0, its data, the data
/// descriptor when its flags announce one (Java's `ZipOutputStream` writes it), the one
/// central directory header right after, and the end record right after that, its comment
/// reaching the last byte, with no other end record signature after it?
///
/// Why before the ZIP reader: the archive's bytes are not signed (whoever makes the
/// codes writes them), and a reader that looks for the end record from the back reads
/// the last archive of several laid end to end, while a reader that walks the local
/// headers from the front (a streaming reader, a phone app showing the scanned document)
/// reads the first: the "valid" would be about a document not shown (review 33). And the
/// `zip` crate retries every end record it finds from the back, parsing the directory
/// each one names: thousands of records, each naming thousands of headers, cost
/// quadratic work within every size cap. Here the work is one backward scan of at most
/// the largest end record (22 bytes and a 65,535-byte comment) and a few fields. The
/// entry's data: its place in the archive.
fn check_layout(archive: &[u8]) -> Result<std::ops::Range<usize>> {
    let bad = |reason: &str| Error::MalformedDer {
        what: "barcode archive (ZIP)",
        reason: format!("not one archive of one entry laid out in order: {reason}"),
    };
    // The end record: the last of its signature in the archive (a ZIP reader looks from
    // the back), within the largest record's reach of the end.
    let lowest = archive
        .len()
        .saturating_sub(END_LEN + usize::from(u16::MAX));
    let end = (lowest..=archive.len().saturating_sub(END_LEN))
        .rev()
        .find(|&p| u32_at(archive, p) == Some(END_RECORD))
        .ok_or_else(|| bad("no end of central directory record"))?;
    let field = |at: usize| u16_at(archive, end + at).ok_or_else(|| bad("a truncated end record"));
    if end + END_LEN + field(20)? != archive.len() {
        return Err(bad(
            "bytes after the end record's comment, or an end record signature inside it",
        ));
    }
    // One disk, one entry: a ZIP64 archive (0xFFFF counts) is refused here too.
    if field(4)? != 0 || field(6)? != 0 || field(8)? != 1 || field(10)? != 1 {
        return Err(bad("the end record does not name one entry on one disk"));
    }
    let cd_len = usize_at(archive, end + 12).ok_or_else(|| bad("a truncated end record"))?;
    let cd = usize_at(archive, end + 16).ok_or_else(|| bad("a truncated end record"))?;
    // A ZIP64 locator just before the end record would send a reader to other records.
    if end >= ZIP64_LOCATOR_LEN && u32_at(archive, end - ZIP64_LOCATOR_LEN) == Some(ZIP64_LOCATOR) {
        return Err(bad("a ZIP64 end locator before the end record"));
    }
    if cd.checked_add(cd_len) != Some(end) {
        return Err(bad(
            "the central directory does not end where the end record starts",
        ));
    }
    // The one central header, filling the directory.
    let central =
        |at: usize| u16_at(archive, cd + at).ok_or_else(|| bad("a truncated central header"));
    if u32_at(archive, cd) != Some(CENTRAL_HEADER)
        || CENTRAL_LEN + central(28)? + central(30)? + central(32)? != cd_len
    {
        return Err(bad("the central directory is not one central header"));
    }
    if u32_at(archive, cd + 42) != Some(0) {
        return Err(bad(
            "the entry's local header is not at the start of the archive",
        ));
    }
    let compressed = usize_at(archive, cd + 20).ok_or_else(|| bad("a truncated central header"))?;
    // The local header at offset 0, its data, the data descriptor when announced.
    let local = |at: usize| u16_at(archive, at).ok_or_else(|| bad("a truncated local header"));
    if u32_at(archive, 0) != Some(LOCAL_HEADER) {
        return Err(bad("no local header at the start of the archive"));
    }
    let name_len = local(26)?;
    let data_start = LOCAL_LEN + name_len + local(28)?;
    let data_end = data_start
        .checked_add(compressed)
        .filter(|&e| e <= cd)
        .ok_or_else(|| bad("the entry's data runs into the central directory"))?;
    // The local header says what the central one says: a reader that walks the local
    // headers from the start (Java's `ZipInputStream`, a viewer of the scanned codes)
    // reads them, the `zip` crate the central one; if they differ, the two read other
    // bytes (review 37). Flags and method (encryption included), the name, and the CRC
    // and sizes: in the local header, or, when its flags announce a data descriptor, in
    // the descriptor (the local header's then zero, as Java writes them, or the same).
    let flags = local(6)?;
    let same = |local_at: usize, central_at: usize, len: usize| {
        archive.get(local_at..local_at + len) == archive.get(cd + central_at..cd + central_at + len)
    };
    if flags != central(8)? || !same(8, 10, 2) {
        return Err(bad(
            "the local header's flags or method differ from the central header's",
        ));
    }
    if name_len != central(28)? || !same(LOCAL_LEN, CENTRAL_LEN, name_len) {
        return Err(bad(
            "the local header's name differs from the central header's",
        ));
    }
    // CRC-32, compressed and uncompressed sizes: local 14..26, central 16..28.
    let sums_zero = archive
        .get(14..26)
        .is_some_and(|b| b.iter().all(|&x| x == 0));
    let descriptor = flags & 0x0008 != 0;
    let sums_agree = same(14, 16, 12) || (descriptor && sums_zero);
    if !sums_agree {
        return Err(bad(
            "the local header's CRC or sizes differ from the central header's",
        ));
    }
    let gap = cd - data_end;
    let sums_at = match gap {
        0 if !descriptor => None,
        // CRC-32 and the two sizes, with or without the descriptor's signature.
        12 if descriptor => Some(data_end),
        16 if descriptor && u32_at(archive, data_end) == Some(DATA_DESCRIPTOR) => {
            Some(data_end + 4)
        }
        _ => {
            return Err(bad(&format!(
                "{gap} bytes between the entry's data and the central directory, its flags {}announcing a data descriptor",
                if descriptor { "" } else { "not " }
            )))
        }
    };
    if let Some(at) = sums_at {
        if archive.get(at..at + 12) != archive.get(cd + 16..cd + 28) {
            return Err(bad(
                "the data descriptor's CRC or sizes differ from the central header's",
            ));
        }
    }
    Ok(data_start..data_end)
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

    /// `archive` (one entry, as [`zip_document`] writes it) rewritten the way Java's
    /// `ZipOutputStream` writes a deflated entry: the local header's flags announce a data
    /// descriptor and its CRC and sizes are zero; the descriptor (with its signature when
    /// `signed`) follows the data.
    fn as_java_writes_it(archive: &[u8], signed: bool) -> Vec<u8> {
        let n = u16_at(archive, 26).unwrap();
        let m = u16_at(archive, 28).unwrap();
        let csize = usize_at(archive, 18).unwrap();
        let data = &archive[LOCAL_LEN + n + m..LOCAL_LEN + n + m + csize];
        let mut local = archive[..LOCAL_LEN + n].to_vec();
        local[6] |= 0x08;
        local[14..26].fill(0);
        local[28..30].fill(0);
        let mut out = local;
        out.extend_from_slice(data);
        if signed {
            out.extend_from_slice(&DATA_DESCRIPTOR.to_le_bytes());
        }
        out.extend_from_slice(&archive[14..26]);
        let end = archive.len() - END_LEN;
        let cd = usize_at(archive, end + 16).unwrap();
        let cd_offset = u32::try_from(out.len()).unwrap();
        let mut central = archive[cd..end].to_vec();
        central[8] |= 0x08;
        out.extend_from_slice(&central);
        let mut end_record = archive[end..].to_vec();
        end_record[16..20].copy_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&end_record);
        out
    }

    #[test]
    fn layouts_of_one_archive() {
        let doc = b"signed document ".repeat(100);
        let a = zip_document(&doc, t()).unwrap();
        let limits = ArchiveLimits::default();
        // What Java writes, with and without the descriptor's signature.
        for signed in [true, false] {
            let java = as_java_writes_it(&a, signed);
            assert_ne!(java, a);
            assert_eq!(unzip_document(&java, &limits).unwrap(), doc, "{signed}");
        }
        // A descriptor the flags do not announce.
        let mut unannounced = as_java_writes_it(&a, true);
        unannounced[6] &= !0x08;
        assert!(unzip_document(&unannounced, &limits).is_err());

        let refused = |bytes: &[u8], why: &str| {
            let e = unzip_document(bytes, &limits).unwrap_err();
            assert!(e.to_string().contains("laid out in order"), "{why}: {e}");
        };
        // Bytes before, after, or an archive behind another.
        refused(&[b"x".as_slice(), &a].concat(), "prepended");
        refused(&[&a[..], b"x"].concat(), "appended");
        refused(&[&a[..], &a[..]].concat(), "two archives");
        // An end record whose comment holds another end record's signature.
        let mut commented = a.clone();
        let len = commented.len();
        commented[len - 2..].copy_from_slice(&26u16.to_le_bytes());
        commented.extend_from_slice(&a[len - END_LEN..]);
        commented.extend_from_slice(b"....");
        refused(&commented, "an end record in the comment");
        // A ZIP64 locator before the end record.
        let mut zip64 = a.clone();
        let at = len - END_LEN - ZIP64_LOCATOR_LEN;
        zip64[at..at + 4].copy_from_slice(&ZIP64_LOCATOR.to_le_bytes());
        assert!(unzip_document(&zip64, &limits).is_err());
        // Truncated anywhere: refused, never a panic.
        for cut in 0..a.len() {
            assert!(unzip_document(&a[..cut], &limits).is_err(), "{cut}");
        }
    }
}
