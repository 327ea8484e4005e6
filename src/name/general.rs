//! GeneralNames as distribution-point and CRL-issuer matching compare them, and the
//! relative names of distribution points.

use super::*;

/// A GeneralName reduced to what distribution-point and CRL-issuer matching compare.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GeneralNameKey {
    /// directoryName, by comparison key.
    Directory(NameKey),
    /// uniformResourceIdentifier, exact.
    Uri(String),
    /// Any other form: its kind and bytes, compared exactly.
    Other(String),
}

impl GeneralNameKey {
    /// Read one GeneralName element (a context-specific tag; RFC 5280 §4.2.1.6). A form
    /// that is not compared (or a directoryName or URI that does not decode) is kept as
    /// [`GeneralNameKey::Other`], named by its kind and contents, as x509-parser's
    /// `GeneralName::Invalid` kept it: only a name that is not context-specific is refused.
    pub(crate) fn from_element(g: Tlv<'_>, what: &'static str) -> crate::Result<GeneralNameKey> {
        if g.tag & 0xC0 != 0x80 {
            return Err(malformed(what, "GeneralName is not context-specific"));
        }
        let number = g.tag & 0x1f;
        let data = g.content;
        let text = || std::str::from_utf8(data).ok();
        // The texts of x509-parser's `Debug` (`GeneralName::Invalid(Tag(n), [..])` ...), so
        // that keys read before and after the change of reader compare alike.
        let invalid = |n: u8, data: &[u8]| format!("Invalid(Tag({n}), {data:?})");
        let oid = |c: &[u8]| {
            crate::ber::oid_to_string(c).map_or_else(|| hex_upper(c), |o| format!("OID({o})"))
        };
        Ok(match number {
            4 => {
                let mut r = Reader::named(data, what);
                match r.read(what).and_then(|n| {
                    r.finish(what)?;
                    Name::key_of(n, what)
                }) {
                    Ok(key) => GeneralNameKey::Directory(key),
                    Err(_) => GeneralNameKey::Other(invalid(4, data)),
                }
            }
            6 => match text() {
                Some(u) => GeneralNameKey::Uri(u.to_string()),
                None => GeneralNameKey::Other(invalid(6, data)),
            },
            0 => {
                let mut r = Reader::named(data, what);
                match r.expect(TAG_OID, what) {
                    Ok(o) => GeneralNameKey::Other(format!(
                        "OtherName({}, {:?})",
                        oid(o.content),
                        r.remaining()
                    )),
                    Err(_) => GeneralNameKey::Other(invalid(0, data)),
                }
            }
            1 => match text() {
                Some(t) => GeneralNameKey::Other(format!("RFC822Name({t:?})")),
                None => GeneralNameKey::Other(invalid(1, data)),
            },
            2 => match text() {
                Some(t) => GeneralNameKey::Other(format!("DNSName({t:?})")),
                None => GeneralNameKey::Other(invalid(2, data)),
            },
            7 => GeneralNameKey::Other(format!("IPAddress({data:?})")),
            8 => GeneralNameKey::Other(format!("RegisteredID({})", oid(data))),
            n => GeneralNameKey::Other(invalid(n, data)),
        })
    }

    /// The old x509-parser path, for the differential test's oracle.
    #[cfg(test)]
    pub(crate) fn from_x509(g: &x509_parser::extensions::GeneralName<'_>) -> GeneralNameKey {
        use x509_parser::extensions::GeneralName as G;
        match g {
            G::DirectoryName(n) => GeneralNameKey::Directory(Name::from_x509(n).key),
            G::URI(u) => GeneralNameKey::Uri((*u).to_string()),
            other => GeneralNameKey::Other(format!("{other:?}")),
        }
    }
}

/// A distribution point name (of a certificate's cRLDistributionPoints or a CRL's
/// issuingDistributionPoint), with a name relative to the CRL issuer already resolved into a
/// full directory name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DistributionPointName(pub Vec<GeneralNameKey>);

impl DistributionPointName {
    /// Do the two names share at least one general name?
    pub fn intersects(&self, other: &DistributionPointName) -> bool {
        self.0.iter().any(|a| other.0.contains(a))
    }
}

/// A `nameRelativeToCRLIssuer`: one RDN to append to the CRL issuer's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RelativeName(Vec<u8>);

impl RelativeName {
    /// Read the contents of a `[1] IMPLICIT RelativeDistinguishedName` (the SET's contents).
    pub(crate) fn from_set_content(
        content: &[u8],
        what: &'static str,
    ) -> crate::Result<RelativeName> {
        let mut key = Vec::new();
        read_rdn(content, what, &mut key)?;
        Ok(RelativeName(key))
    }

    /// The old x509-parser path, for the differential test's oracle.
    #[cfg(test)]
    pub(crate) fn from_x509(
        rdn: &x509_parser::x509::RelativeDistinguishedName<'_>,
    ) -> RelativeName {
        let mut set: Vec<(Vec<u8>, ValueKey)> = rdn
            .iter()
            .map(|atv| {
                let v = atv.attr_value();
                let tag = v.header.tag().0;
                let key = match decode_directory_string(tag, v.data) {
                    Some(t) => ValueKey::Text(old::normalise(&t)),
                    None => ValueKey::Raw(tag, v.data.to_vec()),
                };
                (atv.attr_type().as_bytes().to_vec(), key)
            })
            .collect();
        set.sort();
        RelativeName(old::encode(&[set]))
    }

    /// The full distribution point name under `crl_issuer`.
    pub(crate) fn resolve(&self, crl_issuer: &NameKey) -> DistributionPointName {
        let mut key = Vec::with_capacity(crl_issuer.bytes.len() + self.0.len());
        key.extend_from_slice(&crl_issuer.bytes);
        key.extend_from_slice(&self.0);
        DistributionPointName(vec![GeneralNameKey::Directory(NameKey::new(key))])
    }
}
