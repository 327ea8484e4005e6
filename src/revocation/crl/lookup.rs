//! Finding entries: the hash-index lookup by (serial, certificate issuer) and the walk of
//! every entry in CRL order.

use super::*;
use crate::certificate::serial_key;

impl Crl {
    /// Entries for this serial (INTEGER content octets, compared as numbers: see
    /// `certificate::serial_key`) whose effective
    /// certificate issuer matches `cert_issuer` (for a CRL that is not indirect the
    /// effective issuer is always the CRL issuer). In CRL order; usually none or one.
    pub fn lookup(&self, serial: &[u8], cert_issuer: &NameKey) -> Vec<CrlEntry> {
        let inner = &*self.0;
        let mut found: Vec<(u32, CrlEntry)> = Vec::new();
        for (idx, key) in inner.issuers.iter().enumerate() {
            if key != cert_issuer {
                continue;
            }
            let Ok(idx) = u32::try_from(idx) else {
                continue;
            };
            let hash = entry_hash(&inner.hash_keys, serial, idx);
            let start = inner.records.partition_point(|r| r.hash < hash);
            let candidates = inner.records.get(start..).unwrap_or_default();
            for rec in candidates.iter().take_while(|r| r.hash == hash) {
                if rec.issuer != idx {
                    continue;
                }
                if let Some(entry) = self.entry_at(rec) {
                    if serial_key(&entry.serial) == serial_key(serial) {
                        found.push((rec.offset, entry));
                    }
                }
            }
        }
        found.sort_by_key(|(offset, _)| *offset);
        found.into_iter().map(|(_, e)| e).collect()
    }

    /// Every entry, in CRL order (for display and tests; lookups use [`Crl::lookup`]).
    pub fn entries(&self) -> impl Iterator<Item = CrlEntry> + '_ {
        let inner = &*self.0;
        let rest = match &inner.revoked {
            Some(range) => inner.der.get(range.clone()).unwrap_or_default(),
            None => &[],
        };
        EntryIter {
            crl: inner,
            rest,
            current: Some(inner.issuer.key().clone()),
            last_certificate_issuer: None,
        }
    }

    fn entry_at(&self, rec: &Record) -> Option<CrlEntry> {
        let inner = &*self.0;
        let offset = rec.offset as usize;
        let (content, _) = expect_tlv(inner.der.get(offset..)?, TAG_SEQUENCE, "").ok()?;
        let raw = parse_entry(content).ok()?;
        let issuer = if rec.issuer == NO_ISSUER {
            &inner.empty_name
        } else {
            inner.issuers.get(rec.issuer as usize)?
        };
        raw.to_entry(issuer.clone())
    }
}

struct EntryIter<'a> {
    crl: &'a Inner,
    rest: &'a [u8],
    /// The effective certificate issuer; `None` when it could not be processed.
    current: Option<NameKey>,
    last_certificate_issuer: Option<&'a [u8]>,
}

impl Iterator for EntryIter<'_> {
    type Item = CrlEntry;

    fn next(&mut self) -> Option<CrlEntry> {
        // The whole list was checked at load time, so errors cannot occur here; stop if one
        // does anyway.
        let (content, rest) = expect_tlv(self.rest, TAG_SEQUENCE, "").ok()?;
        self.rest = rest;
        let raw = parse_entry(content).ok()?;
        if let Some(ci) = raw.certificate_issuer {
            if self.last_certificate_issuer != Some(ci) {
                self.last_certificate_issuer = Some(ci);
                self.current = match certificate_issuer_key(ci).ok()? {
                    Some(key) if self.crl.is_indirect() || key == *self.crl.issuer.key() => {
                        Some(key)
                    }
                    _ => None,
                };
            }
        }
        let issuer = self
            .current
            .clone()
            .unwrap_or_else(|| self.crl.empty_name.clone());
        raw.to_entry(issuer)
    }
}

impl Inner {
    fn is_indirect(&self) -> bool {
        self.issuing_distribution_point
            .as_ref()
            .is_some_and(|i| i.indirect)
    }
}
