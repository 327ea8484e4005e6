//! Barcode payloads of eGov output documents: the signed document cut into 2D codes, and
//! the codes read back, checked and reassembled.
//!
//! An output document carries the note "the barcode contains data provided by information
//! system X and signed with the EDS of the provider". The data is the signed document (a
//! CMS SignedData, or signed XML: to this module it is bytes) put in a ZIP archive with one
//! deflated entry (eGov names it `one`); the archive is cut into chunks (650 bytes on eGov
//! documents), each chunk is base64-encoded on its own and wrapped in one XML element per
//! code:
//!
//! ```xml
//! <BarcodeElement xmlns="http://barcodes.pdf.shep.nitec.kz/">
//!   <creationDate>2026-11-22T15:30:00+06:00</creationDate>
//!   <elementData>UEsDBBQ...</elementData>
//!   <elementNumber>1</elementNumber>      <!-- 1-based -->
//!   <elementsAmount>7</elementsAmount>
//!   <FavorID>request number</FavorID>
//! </BarcodeElement>
//! ```
//!
//! * **Encode**: [`encode`] builds the ordered [`BarcodeSet`]; [`BarcodeSet::symbols`] makes
//!   the QR codes ([`QrSymbol`], rendered with [`QrSymbol::to_svg`] / [`QrSymbol::to_png`]).
//!   The creation date is passed in, never read from the clock: the same input gives the
//!   same codes.
//! * **Decode**: [`Assembler`] takes elements in any order (XML text, or the text of codes
//!   found by [`scan_image`] in PNG / JPEG images), and [`Assembler::finish`] checks the set
//!   (one FavorID and elementsAmount; no gap; a duplicate only when identical) naming
//!   every missing or conflicting element by its number, reassembles the archive and
//!   unzips it under caps ([`ArchiveLimits`]: a zip bomb is refused). Each code's
//!   creationDate is its own: eGov makes the codes of a document one after another,
//!   milliseconds apart, and writes each one's time ([`Reassembled::creation_dates`]).
//! * **Verify**: [`Reassembled::signed_data`] reads the CMS SignedData; verify it with
//!   [`crate::cms::SignedData::verify`] or the request condition
//!   [`crate::profiles::check_request`], as for any signed document.
//!
//! ```no_run
//! # fn main() -> qoltanba::Result<()> {
//! use qoltanba::barcode::{encode, Assembler, EncodeOptions};
//! let signed = std::fs::read("signed.cms").unwrap();
//! let created = chrono::DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap();
//! let set = encode(&signed, &EncodeOptions::new("001234567890", created))?;
//! let mut assembler = Assembler::new();
//! for xml in set.xml().iter().rev() {
//!     assembler.add_text(xml.as_bytes(), "scanned")?;
//! }
//! assert_eq!(assembler.finish()?.document, signed);
//! # Ok(()) }
//! ```

mod archive;
mod detect;
mod element;
mod mask;
mod qr;
mod scan;

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset, SecondsFormat};

pub use archive::{unzip_document, zip_document, ArchiveLimits};
pub use element::BarcodeElement;
pub use qr::{check_module_size, EcLevel, QrSymbol, QUIET_ZONE};
pub use scan::{is_image, scan_image, scan_luma, ScannedImage};

use crate::cms::SignedData;
use crate::error::{Error, Result};

/// The XML namespace of `BarcodeElement`.
pub const NAMESPACE: &str = "http://barcodes.pdf.shep.nitec.kz/";

/// The name of the archive's one entry, as eGov writes it.
pub const ENTRY_NAME: &str = "one";

/// The chunk size of eGov documents, in bytes of archive per code.
pub const DEFAULT_CHUNK_SIZE: usize = 650;

/// Bounds on what is read and written.
pub mod limits {
    /// Most elements in one set (`elementsAmount`).
    pub const MAX_ELEMENTS: usize = 1000;
    /// Largest BarcodeElement XML text, in bytes.
    pub const MAX_ELEMENT_XML_LEN: usize = 16 * 1024;
    /// Longest `elementData`, in base64 characters (3 KiB of archive).
    pub const MAX_ELEMENT_DATA_LEN: usize = 4096;
    /// Longest `FavorID`, in bytes.
    pub const MAX_FAVOR_ID_LEN: usize = 256;
    /// Longest `creationDate`, in bytes.
    pub const MAX_CREATION_DATE_LEN: usize = 64;
    /// Smallest chunk [`super::encode`] accepts.
    pub const MIN_CHUNK_SIZE: usize = 1;
    /// Largest chunk [`super::encode`] accepts (a QR code holds at most 2,953 bytes).
    pub const MAX_CHUNK_SIZE: usize = 2048;
    /// Smallest module [`super::QrSymbol`] draws: one pixel (PNG) or user unit (SVG). Zero
    /// would draw nothing.
    pub const MIN_MODULE_SIZE: u32 = 1;
    /// Largest module [`super::QrSymbol`] draws, in pixels (PNG) or user units (SVG): a
    /// version-40 code (177 modules and the quiet zone) at 40 pixels a module is 7,400
    /// pixels a side, 55 MB of greyscale, within what [`super::scan_image`] reads back
    /// ([`MAX_IMAGE_SIDE`], [`MAX_IMAGE_PIXELS`]). 40 pixels a module is a 3.4 mm module at
    /// 300 dpi, ten times the printable minimum.
    pub const MAX_MODULE_SIZE: u32 = 40;
    /// Most pixels of an image [`super::QrSymbol::to_luma`] / [`super::QrSymbol::to_png`]
    /// draws: what [`super::scan_image`] reads back.
    pub const MAX_RENDER_PIXELS: u64 = MAX_IMAGE_PIXELS;
    /// Largest reassembled archive: every element full.
    pub const MAX_ARCHIVE_LEN: usize = MAX_ELEMENTS * MAX_ELEMENT_DATA_LEN / 4 * 3;
    /// Largest document inside the archive (uncompressed), by default.
    pub const MAX_DOCUMENT_LEN: usize = 16 * 1024 * 1024;
    /// Most entries an archive's central directory may list.
    pub const MAX_ARCHIVE_ENTRIES: usize = 16;
    /// Most elements an [`super::Assembler`] holds (duplicates included).
    pub const MAX_HELD_ELEMENTS: usize = 4 * MAX_ELEMENTS;
    /// Largest image file [`super::scan_image`] reads, in bytes.
    pub const MAX_IMAGE_INPUT_LEN: usize = 64 * 1024 * 1024;
    /// Longest side of an image [`super::scan_image`] decodes, in pixels.
    pub const MAX_IMAGE_SIDE: u32 = 12_000;
    /// Most pixels of an image [`super::scan_image`] scans: an A4 page at 800 dpi (scanning
    /// takes several bytes of memory per pixel; 600 dpi is plenty for printed codes).
    pub const MAX_IMAGE_PIXELS: u64 = 64 * 1024 * 1024;
}

/// How [`encode`] cuts and labels the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeOptions {
    /// `FavorID`: the number of the request the document answers.
    pub favor_id: String,
    /// `creationDate` (and the archive entry's timestamp). Passed in: never the clock.
    pub creation_date: DateTime<FixedOffset>,
    /// Bytes of archive per code (default [`DEFAULT_CHUNK_SIZE`]).
    pub chunk_size: usize,
    /// Error-correction level of the QR codes (default M).
    pub ec_level: EcLevel,
}

impl EncodeOptions {
    /// Chunk size 650, level M.
    pub fn new(favor_id: impl Into<String>, creation_date: DateTime<FixedOffset>) -> Self {
        EncodeOptions {
            favor_id: favor_id.into(),
            creation_date,
            chunk_size: DEFAULT_CHUNK_SIZE,
            ec_level: EcLevel::M,
        }
    }
}

/// The ordered elements of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarcodeSet {
    /// Elements 1..=n, in order.
    pub elements: Vec<BarcodeElement>,
    /// The error-correction level for the codes.
    pub ec_level: EcLevel,
    /// Size of the archive that was cut.
    pub archive_len: usize,
}

impl BarcodeSet {
    /// Each element's XML text, in order.
    pub fn xml(&self) -> Vec<String> {
        self.elements.iter().map(BarcodeElement::to_xml).collect()
    }

    /// Each element's QR code, in order.
    pub fn symbols(&self) -> Result<Vec<QrSymbol>> {
        self.elements
            .iter()
            .map(|e| QrSymbol::encode(e.to_xml().as_bytes(), self.ec_level))
            .collect()
    }

    /// How many codes.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Never true for a set [`encode`] made.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }
}

/// Refuse a chunk size outside [`limits::MIN_CHUNK_SIZE`]..=[`limits::MAX_CHUNK_SIZE`]
/// ([`Error::OutOfRange`]), as [`encode`] does: callers check their arguments with it
/// before any work.
pub fn check_chunk_size(chunk_size: usize) -> Result<()> {
    if (limits::MIN_CHUNK_SIZE..=limits::MAX_CHUNK_SIZE).contains(&chunk_size) {
        return Ok(());
    }
    Err(Error::OutOfRange {
        what: "chunk size",
        value: u64::try_from(chunk_size).unwrap_or(u64::MAX),
        min: limits::MIN_CHUNK_SIZE as u64,
        max: limits::MAX_CHUNK_SIZE as u64,
    })
}

/// The `creationDate` text [`encode`] writes: RFC 3339 to the second, the offset kept.
pub fn format_creation_date(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Cut a signed document into a barcode set: archive it ([`zip_document`]), cut the archive
/// into `chunk_size` pieces, one element each. Refused when `favor_id` is too long or has
/// control characters, when the chunk size is 0 or above [`limits::MAX_CHUNK_SIZE`], and
/// when the set would need more than [`limits::MAX_ELEMENTS`] codes.
pub fn encode(document: &[u8], options: &EncodeOptions) -> Result<BarcodeSet> {
    if document.is_empty() {
        return Err(Error::Empty);
    }
    if options.favor_id.len() > limits::MAX_FAVOR_ID_LEN {
        return Err(Error::TooLarge {
            what: "FavorID",
            len: options.favor_id.len(),
            limit: limits::MAX_FAVOR_ID_LEN,
        });
    }
    if options.favor_id.chars().any(element::hidden) {
        return Err(Error::UnrecognisedFormat {
            what: "FavorID",
            reason: "control and invisible format characters are not allowed".into(),
        });
    }
    check_chunk_size(options.chunk_size)?;
    let archive = zip_document(document, options.creation_date)?;
    let amount = archive.len().div_ceil(options.chunk_size);
    if amount > limits::MAX_ELEMENTS {
        return Err(Error::TooMany {
            what: "barcodes for one document (the archive needs more; raise the chunk size)",
            limit: limits::MAX_ELEMENTS,
        });
    }
    let creation_date = format_creation_date(options.creation_date);
    let elements = archive
        .chunks(options.chunk_size)
        .enumerate()
        .map(|(i, chunk)| BarcodeElement {
            creation_date: creation_date.clone(),
            data: chunk.to_vec(),
            number: i as u32 + 1,
            amount: amount as u32,
            favor_id: options.favor_id.clone(),
        })
        .collect();
    Ok(BarcodeSet {
        elements,
        ec_level: options.ec_level,
        archive_len: archive.len(),
    })
}

// ---------------------------------------------------------------------------------------
// Decoding

/// What is wrong with a set of elements, element by element.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum SetProblem {
    /// No element with this number was given.
    Missing {
        /// elementNumber.
        number: u32,
        /// elementsAmount.
        amount: u32,
    },
    /// The same number came with different content (its data, or its creationDate).
    Conflicting {
        /// elementNumber.
        number: u32,
        /// Where each differing version came from.
        sources: Vec<String>,
    },
    /// An element whose FavorID or elementsAmount differs from the set's (the value most
    /// elements carry). A creationDate of its own is not one: each code carries its own.
    Foreign {
        /// elementNumber.
        number: u32,
        /// Where it came from.
        source: String,
        /// Which field: `FavorID` or `elementsAmount`.
        field: &'static str,
        /// Its value.
        found: String,
        /// The set's value.
        expected: String,
    },
}

impl std::fmt::Display for SetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetProblem::Missing { number, amount } => {
                write!(f, "BarcodeElement {number} of {amount} is missing")
            }
            SetProblem::Conflicting { number, sources } => write!(
                f,
                "BarcodeElement {number} is given with different content ({}): a copy of a code is one only when identical",
                sources.join(", ")
            ),
            SetProblem::Foreign {
                number,
                source,
                field,
                found,
                expected,
            } => write!(
                f,
                "BarcodeElement {number} ({source}) has {field} {found:?}, the set has {expected:?}: it belongs to another document"
            ),
        }
    }
}

/// A document reassembled from a complete, consistent set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reassembled {
    /// The signed document (the archive's entry).
    pub document: Vec<u8>,
    /// The set's FavorID.
    pub favor_id: String,
    /// The creationDate of element 1 (the first made), as written.
    pub creation_date: String,
    /// Every element's creationDate, as written, in elementNumber order: eGov's differ by
    /// milliseconds (each code made in turn); neither they nor the FavorID are signed.
    pub creation_dates: Vec<String>,
    /// How many elements.
    pub amount: u32,
    /// Size of the archive.
    pub archive_len: usize,
    /// Identical duplicates that were given (and ignored).
    pub duplicates: usize,
}

impl Reassembled {
    /// The document as CMS SignedData: DER or BER, the archive's entry being the signed
    /// document itself (as eGov and [`encode`] write it). Not PEM nor base64: their
    /// readers skip text around the block, which would ride in the codes unsigned while
    /// [`Reassembled::document`] hands it out (review 51). An XML document (see
    /// [`crate::xmldsig::is_xml`]) is refused here, for [`crate::xmldsig::verify`].
    pub fn signed_data(&self) -> Result<SignedData> {
        if crate::xmldsig::is_xml(&self.document) {
            return Err(Error::Unsupported(
                "the barcodes hold an XML document: verify it with crate::xmldsig::verify".into(),
            ));
        }
        SignedData::from_ber(&self.document)
    }
}

/// Collects elements in any order, then checks and reassembles the set.
#[derive(Clone, Debug, Default)]
pub struct Assembler {
    held: Vec<(BarcodeElement, String)>,
    limits: ArchiveLimits,
}

impl Assembler {
    /// With the default [`ArchiveLimits`].
    pub fn new() -> Assembler {
        Assembler::default()
    }

    /// With these archive limits.
    pub fn with_limits(limits: ArchiveLimits) -> Assembler {
        Assembler {
            held: Vec::new(),
            limits,
        }
    }

    /// Add one element; `source` names where it came from (a file, an image and code
    /// index ...) for the messages. An element outside the bounds [`BarcodeElement::parse`]
    /// enforces is refused ([`BarcodeElement::check`]).
    pub fn add(&mut self, element: BarcodeElement, source: impl Into<String>) -> Result<()> {
        element.check()?;
        if self.held.len() >= limits::MAX_HELD_ELEMENTS {
            return Err(Error::TooMany {
                what: "BarcodeElements given for one set",
                limit: limits::MAX_HELD_ELEMENTS,
            });
        }
        self.held.push((element, source.into()));
        Ok(())
    }

    /// Parse one element's XML text ([`BarcodeElement::parse`]) and add it.
    pub fn add_text(&mut self, text: &[u8], source: impl Into<String>) -> Result<()> {
        let element = BarcodeElement::parse(text)?;
        self.add(element, source)
    }

    /// Elements held so far (duplicates included).
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// Nothing held yet?
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// The set's FavorID and elementsAmount: the values most elements carry (ties: the
    /// first given).
    fn majority(&self) -> Option<(String, u32)> {
        fn pick<T: Clone + Ord>(values: impl Iterator<Item = T>) -> Option<T> {
            let mut counts: BTreeMap<T, (usize, usize)> = BTreeMap::new();
            for (i, v) in values.enumerate() {
                let e = counts.entry(v).or_insert((0, i));
                e.0 += 1;
            }
            counts
                .into_iter()
                .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
                .map(|(v, _)| v)
        }
        Some((
            pick(self.held.iter().map(|(e, _)| e.favor_id.clone()))?,
            pick(self.held.iter().map(|(e, _)| e.amount))?,
        ))
    }

    /// Every problem of the set as it stands: elements of another document, numbers given
    /// with different content or creationDate, and missing numbers. Empty when the set is
    /// complete and consistent.
    pub fn problems(&self) -> Vec<SetProblem> {
        let Some((favor_id, amount)) = self.majority() else {
            return Vec::new();
        };
        let mut problems = Vec::new();
        let mut by_number: BTreeMap<u32, Vec<&(BarcodeElement, String)>> = BTreeMap::new();
        for held in &self.held {
            let (e, source) = held;
            let foreign = (e.favor_id != favor_id)
                .then(|| ("FavorID", e.favor_id.clone(), favor_id.clone()))
                .or_else(|| {
                    (e.amount != amount)
                        .then(|| ("elementsAmount", e.amount.to_string(), amount.to_string()))
                });
            match foreign {
                Some((field, found, expected)) => problems.push(SetProblem::Foreign {
                    number: e.number,
                    source: source.clone(),
                    field,
                    found,
                    expected,
                }),
                None => by_number.entry(e.number).or_default().push(held),
            }
        }
        // A copy is a duplicate only when identical: its data and its creationDate (the
        // FavorID and elementsAmount are the set's, above). A copy of other labels is
        // another code of that number (review 96: one with another creationDate, given
        // after its honest copy, was dropped unread and the set's labels "proven").
        fn version(e: &BarcodeElement) -> (&[u8], &str) {
            (e.data.as_slice(), e.creation_date.as_str())
        }
        for (number, versions) in &by_number {
            let first = version(&versions[0].0);
            if versions.iter().any(|(e, _)| version(e) != first) {
                // The first source of each distinct version, in the order given. A set,
                // not a list searched for each version: up to `MAX_HELD_ELEMENTS`
                // versions of ~3 KB each made that quadratic in the bytes compared.
                let mut sources: Vec<String> = Vec::new();
                let mut seen: HashSet<(&[u8], &str)> = HashSet::with_capacity(versions.len());
                for (e, s) in versions {
                    if seen.insert(version(e)) {
                        sources.push(s.clone());
                    }
                }
                problems.push(SetProblem::Conflicting {
                    number: *number,
                    sources,
                });
            }
        }
        for number in 1..=amount {
            if !by_number.contains_key(&number) {
                problems.push(SetProblem::Missing { number, amount });
            }
        }
        problems
    }

    /// The numbers missing from the set (by the set's elementsAmount).
    pub fn missing(&self) -> Vec<u32> {
        self.problems()
            .into_iter()
            .filter_map(|p| match p {
                SetProblem::Missing { number, .. } => Some(number),
                _ => None,
            })
            .collect()
    }

    /// Check the set, reassemble the archive and unzip the document. Every problem of
    /// [`Assembler::problems`] is named in the error.
    pub fn finish(&self) -> Result<Reassembled> {
        let Some((favor_id, amount)) = self.majority() else {
            return Err(Error::UnrecognisedFormat {
                what: "barcode set",
                reason: "no BarcodeElement was given".into(),
            });
        };
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(set_error(&problems, amount));
        }
        let mut chunks: Vec<Option<&[u8]>> = vec![None; amount as usize];
        let mut creation_dates = vec![String::new(); amount as usize];
        for (e, _) in &self.held {
            let at = e.number as usize - 1;
            if chunks[at].is_none() {
                creation_dates[at] = e.creation_date.clone();
            }
            chunks[at] = Some(&e.data);
        }
        let archive: Vec<u8> = chunks.into_iter().flatten().flatten().copied().collect();
        let document = unzip_document(&archive, &self.limits)?;
        Ok(Reassembled {
            document,
            favor_id,
            creation_date: creation_dates.first().cloned().unwrap_or_default(),
            creation_dates,
            amount,
            archive_len: archive.len(),
            duplicates: self.held.len() - amount as usize,
        })
    }
}

/// The error for a set with problems: every one named, missing numbers grouped.
pub(crate) fn set_error(problems: &[SetProblem], amount: u32) -> Error {
    let mut parts: Vec<String> = problems
        .iter()
        .filter(|p| !matches!(p, SetProblem::Missing { .. }))
        .map(ToString::to_string)
        .collect();
    let missing: Vec<u32> = problems
        .iter()
        .filter_map(|p| match p {
            SetProblem::Missing { number, .. } => Some(*number),
            _ => None,
        })
        .collect();
    match missing.len() {
        0 => {}
        1 => parts.push(format!(
            "BarcodeElement {} of {amount} is missing",
            missing[0]
        )),
        n => {
            let shown: Vec<String> = missing.iter().take(20).map(u32::to_string).collect();
            parts.push(format!(
                "BarcodeElements {}{} of {amount} are missing ({n} codes)",
                shown.join(", "),
                if n > 20 { ", ..." } else { "" }
            ))
        }
    }
    Error::MalformedDer {
        what: "barcode set",
        reason: parts.join("; "),
    }
}

/// What a folder of codes must hold, for [`input_files`] and its error.
pub const CODE_FILES: &str =
    "BarcodeElement text (.xml, .txt) or image of codes (.png, .jpg, .jpeg)";

/// The files of codes a path names: itself, or the BarcodeElement texts (`.xml`, `.txt`)
/// and images (`.png`, `.jpg`, `.jpeg`, any case) directly inside a folder, sorted. A
/// folder holding none is [`Error::NothingFound`].
pub fn input_files(path: &std::path::Path) -> Result<Vec<std::path::PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let files: Vec<_> = crate::input::files_of(path)?
        .into_iter()
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "xml" | "txt" | "png" | "jpg" | "jpeg"
                )
            })
        })
        .collect();
    if files.is_empty() {
        return Err(crate::input::nothing_found(path, CODE_FILES));
    }
    Ok(files)
}

/// Reassemble from XML texts in any order (a convenience over [`Assembler`]).
pub fn decode_texts<T: AsRef<[u8]>>(texts: &[T]) -> Result<Reassembled> {
    let mut a = Assembler::new();
    for (i, t) in texts.iter().enumerate() {
        a.add_text(t.as_ref(), format!("text #{}", i + 1))?;
    }
    a.finish()
}

#[cfg(test)]
mod tests;
