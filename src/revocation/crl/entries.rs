//! The revokedCertificates walk: every entry checked once at load time, indexed by a
//! keyed hash of (serial, certificate issuer), and re-read on demand.

use super::*;
use crate::name::NameKeyMap;

pub(super) type Index = (Vec<Record>, Vec<NameKey>, Option<String>);

/// Walk revokedCertificates once: check every entry, attribute it to its certificate
/// issuer, and build the sorted hash index.
pub(super) fn index_entries(
    list: Tlv<'_>,
    crl_issuer: &NameKey,
    indirect: bool,
    hash_keys: &RandomState,
) -> Result<Index> {
    let mut records: Vec<Record> = Vec::new();
    let mut issuers: Vec<NameKey> = vec![crl_issuer.clone()];
    let mut issuer_ids: NameKeyMap<u32> = NameKeyMap::default();
    issuer_ids.insert(crl_issuer.clone(), 0);
    let mut current: u32 = 0;
    let mut last_certificate_issuer: Option<&[u8]> = None;
    let mut unprocessed: Option<String> = None;

    let base = list.content_start();
    let mut rest = list.content;
    while !rest.is_empty() {
        let offset = base + (list.content.len() - rest.len());
        let (content, next) =
            expect_tlv(rest, TAG_SEQUENCE, "invalid entry SEQUENCE").map_err(|e| e.at(offset))?;
        rest = next;
        let entry = parse_entry(content).map_err(|e| e.at(offset))?;
        if let Some(ci) = entry.certificate_issuer {
            if last_certificate_issuer != Some(ci) {
                last_certificate_issuer = Some(ci);
                current = match certificate_issuer_key(ci)? {
                    Some(key) if indirect => match issuer_ids.get(&key) {
                        Some(&id) => id,
                        None => {
                            if issuers.len() >= MAX_CERTIFICATE_ISSUERS {
                                return Err(Error::TooMany {
                                    what: "certificate issuers in a CRL",
                                    limit: MAX_CERTIFICATE_ISSUERS,
                                });
                            }
                            let id = issuers.len() as u32;
                            issuer_ids.insert(key.clone(), id);
                            issuers.push(key);
                            id
                        }
                    },
                    // Not indirect: only the CRL issuer itself can be named.
                    Some(key) if key == *crl_issuer => 0,
                    _ => {
                        if unprocessed.is_none() {
                            unprocessed = Some(oid_string(OID_CERTIFICATE_ISSUER));
                        }
                        NO_ISSUER
                    }
                };
            }
        }
        if let Some(oid) = entry.unknown_critical {
            if unprocessed.is_none() {
                unprocessed = Some(oid_string(oid));
            }
        }
        if records.len() >= MAX_CRL_ENTRIES {
            return Err(Error::TooMany {
                what: "CRL entries",
                limit: MAX_CRL_ENTRIES,
            });
        }
        let offset = u32::try_from(offset).map_err(|_| malformed("entry offset beyond 4 GiB"))?;
        records.push(Record {
            hash: entry_hash(hash_keys, entry.serial, current),
            offset,
            issuer: current,
        });
    }
    // Ties (equal hashes) are rare; lookups put what they find back in CRL order.
    records.sort_unstable_by_key(|r| r.hash);
    records.shrink_to_fit();
    Ok((records, issuers, unprocessed))
}

/// The directory name of a certificateIssuer extnValue (GeneralNames): `None` unless it
/// holds exactly one directoryName (a certificate issuer is a directory name; other forms
/// cannot match one).
pub(crate) fn certificate_issuer_key(value: &[u8]) -> Result<Option<NameKey>> {
    const W: &str = "certificateIssuer";
    let invalid = || malformed("certificateIssuer: invalid GeneralNames");
    let mut r = Reader::named(value, W);
    let seq = r.expect(TAG_SEQUENCE, W).map_err(|_| invalid())?;
    r.finish(W).map_err(|_| invalid())?;
    // Every name is read (as x509-parser read them, however many: the entry's length bounds
    // them), the directory names kept.
    let mut names = seq.inner();
    let mut dir = None;
    let mut dirs = 0usize;
    while !names.is_empty() {
        let g = names.read(W).map_err(|_| invalid())?;
        if let GeneralNameKey::Directory(k) =
            GeneralNameKey::from_element(g, W).map_err(|_| invalid())?
        {
            dirs += 1;
            dir = Some(k);
        }
    }
    Ok(if dirs == 1 { dir } else { None })
}

#[inline]
pub(super) fn entry_hash(keys: &RandomState, serial: &[u8], issuer: u32) -> u64 {
    let mut h = keys.build_hasher();
    h.write(crate::certificate::serial_key(serial));
    h.write_u32(issuer);
    h.finish()
}

/// Why an entry is refused: small and cheap on the hot path, turned into an [`Error`] with
/// the entry's offset only when it happens.
#[derive(Clone, Copy, Debug)]
pub(super) enum EntryError {
    Der(&'static str),
    UnknownReason(u8),
    Duplicate,
}

impl EntryError {
    #[cold]
    fn at(self, offset: usize) -> Error {
        let why = match self {
            EntryError::Der(what) => what.to_string(),
            EntryError::UnknownReason(code) => format!("unknown CRL reason code {code}"),
            EntryError::Duplicate => "duplicate entry extension".to_string(),
        };
        malformed(format!("CRL entry at offset {offset}: {why}"))
    }
}

pub(super) type EntryResult<T> = core::result::Result<T, EntryError>;

/// One entry as read from the DER, borrowing it.
pub(super) struct RawEntry<'a> {
    serial: &'a [u8],
    revocation_date: RawTime<'a>,
    reason: Option<RevocationReason>,
    invalidity_date: Option<RawTime<'a>>,
    /// extnValue of a certificateIssuer extension.
    pub(super) certificate_issuer: Option<&'a [u8]>,
    /// OID content octets of the first unknown critical extension.
    unknown_critical: Option<&'a [u8]>,
}

impl RawEntry<'_> {
    pub(super) fn to_entry(&self, certificate_issuer: NameKey) -> Option<CrlEntry> {
        Some(CrlEntry {
            serial: self.serial.to_vec(),
            revocation_date: self.revocation_date.to_datetime()?,
            reason: self.reason,
            invalidity_date: match self.invalidity_date {
                Some(t) => Some(t.to_datetime()?),
                None => None,
            },
            certificate_issuer,
        })
    }
}

/// Split the DER element at the start of `d` into (tag, content, rest).
#[inline(always)]
pub(super) fn split_tlv(d: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (tag, header_len, len) = header(d)?;
    let (element, rest) = d.split_at_checked(header_len.checked_add(len)?)?;
    Some((tag, element.get(header_len..)?, rest))
}

/// Split an element of the given tag: (content, rest).
#[inline(always)]
pub(super) fn expect_tlv<'a>(
    d: &'a [u8],
    tag: u8,
    what: &'static str,
) -> EntryResult<(&'a [u8], &'a [u8])> {
    match split_tlv(d) {
        Some((t, content, rest)) if t == tag => Ok((content, rest)),
        _ => Err(EntryError::Der(what)),
    }
}

/// Read and check one revokedCertificates entry, given the content of its SEQUENCE.
#[inline]
pub(super) fn parse_entry(c: &[u8]) -> EntryResult<RawEntry<'_>> {
    let (serial, rest) = expect_tlv(c, TAG_INTEGER, "invalid serial INTEGER")?;
    // DER: a serial with redundant leading octets is refused (one number, one encoding;
    // lookups compare `serial_key`s too).
    if !crate::der::is_der_integer(serial) {
        return Err(EntryError::Der(
            "serial INTEGER is empty or not minimally encoded (not DER)",
        ));
    }
    let (tag, time, rest) = split_tlv(rest).ok_or(EntryError::Der("invalid revocationDate"))?;
    let revocation_date = check_time(tag, time).ok_or(EntryError::Der("invalid revocationDate"))?;
    let mut entry = RawEntry {
        serial,
        revocation_date,
        reason: None,
        invalidity_date: None,
        certificate_issuer: None,
        unknown_critical: None,
    };
    if !rest.is_empty() {
        let (exts, rest) = expect_tlv(rest, TAG_SEQUENCE, "invalid crlEntryExtensions")?;
        if !rest.is_empty() {
            return Err(EntryError::Der("unexpected data after crlEntryExtensions"));
        }
        scan_entry_extensions(exts, &mut entry)?;
    }
    Ok(entry)
}

/// Scan crlEntryExtensions by raw OID, without allocating.
#[inline]
pub(super) fn scan_entry_extensions<'a>(
    mut exts: &'a [u8],
    entry: &mut RawEntry<'a>,
) -> EntryResult<()> {
    let mut seen_hold = false;
    while !exts.is_empty() {
        let (ext, rest) = expect_tlv(exts, TAG_SEQUENCE, "invalid entry extension")?;
        exts = rest;
        let (oid, ext) = expect_tlv(ext, TAG_OID, "invalid entry extension OID")?;
        let (critical, ext) = match split_tlv(ext) {
            Some((TAG_BOOLEAN, [b], rest)) => (*b != 0, rest),
            Some((TAG_BOOLEAN, _, _)) => {
                return Err(EntryError::Der("invalid entry extension critical flag"))
            }
            _ => (false, ext),
        };
        let (value, ext) = expect_tlv(ext, TAG_OCTET_STRING, "invalid entry extension value")?;
        if !ext.is_empty() {
            return Err(EntryError::Der("unexpected data in an entry extension"));
        }
        match oid {
            OID_REASON_CODE => {
                if entry.reason.is_some() {
                    return Err(EntryError::Duplicate);
                }
                entry.reason = Some(parse_reason(value)?);
            }
            OID_INVALIDITY_DATE => {
                if entry.invalidity_date.is_some() {
                    return Err(EntryError::Duplicate);
                }
                entry.invalidity_date = Some(
                    match split_tlv(value) {
                        Some((TAG_GENERALIZED_TIME, t, [])) => check_time(TAG_GENERALIZED_TIME, t),
                        _ => None,
                    }
                    .ok_or(EntryError::Der("invalid invalidityDate"))?,
                );
            }
            OID_CERTIFICATE_ISSUER => {
                if entry.certificate_issuer.is_some() {
                    return Err(EntryError::Duplicate);
                }
                entry.certificate_issuer = Some(value);
            }
            OID_HOLD_INSTRUCTION => {
                if seen_hold {
                    return Err(EntryError::Duplicate);
                }
                seen_hold = true;
            }
            _ => {
                if critical && entry.unknown_critical.is_none() {
                    entry.unknown_critical = Some(oid);
                }
            }
        }
    }
    Ok(())
}

/// reasonCode extnValue: a one-octet ENUMERATED of a known CRLReason.
#[inline]
pub(super) fn parse_reason(value: &[u8]) -> EntryResult<RevocationReason> {
    match split_tlv(value) {
        Some((TAG_ENUMERATED, [code], [])) => {
            RevocationReason::from_code(*code).ok_or(EntryError::UnknownReason(*code))
        }
        _ => Err(EntryError::Der(
            "invalid reasonCode (not a one-octet ENUMERATED)",
        )),
    }
}
