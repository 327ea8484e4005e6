//! Distinguished names, compared the way RFC 5280 §7.1 asks: attribute by attribute, RDN by
//! RDN in order, string values case-insensitively with insignificant whitespace removed, and
//! with PrintableString / UTF8String / BMPString ... treated as the same text.
//!
//! Path building finds issuers by comparing names, so the comparison key is computed once
//! when a certificate or CRL is read and hashed into lookup tables.

use std::fmt;

use x509_parser::x509::X509Name;

use crate::oid::{
    ATTR_EMAIL_ADDRESS, AT_BUSINESS_CATEGORY, AT_COMMON_NAME, AT_COUNTRY, AT_DN_QUALIFIER,
    AT_DOMAIN_COMPONENT, AT_GIVEN_NAME, AT_LOCALITY, AT_ORGANIZATION, AT_ORGANIZATIONAL_UNIT,
    AT_SERIAL_NUMBER, AT_STATE, AT_STREET, AT_SURNAME, AT_TITLE, AT_USER_ID,
};

/// A distinguished name: its DER, a comparison key, and a readable form.
#[derive(Clone)]
pub struct Name {
    der: Vec<u8>,
    key: NameKey,
    attributes: Vec<Attribute>,
}

/// The comparison key of a name (normalised RDN sequence). Two names match exactly when
/// their keys are equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameKey(Vec<Vec<(Vec<u8>, ValueKey)>>);

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ValueKey {
    /// A directory string, normalised.
    Text(String),
    /// Any other type: tag and content octets, compared exactly.
    Raw(u32, Vec<u8>),
}

/// One attribute of a name, decoded for display and fact extraction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// Dotted OID of the attribute type.
    pub oid: String,
    /// The value as text (lossy for non-string types: hex).
    pub value: String,
}

impl Name {
    /// Build from a parsed x509-parser name.
    pub(crate) fn from_x509(name: &X509Name<'_>) -> Name {
        let mut rdns = Vec::new();
        let mut attributes = Vec::new();
        for rdn in name.iter_rdn() {
            let mut set = Vec::new();
            for atv in rdn.iter() {
                let oid = atv.attr_type();
                let value = atv.attr_value();
                let tag = value.header.tag().0;
                let text = decode_directory_string(tag, value.data);
                let key = match &text {
                    Some(t) => ValueKey::Text(normalise(t)),
                    None => ValueKey::Raw(tag, value.data.to_vec()),
                };
                set.push((oid.as_bytes().to_vec(), key));
                attributes.push(Attribute {
                    oid: oid.to_id_string(),
                    value: text.unwrap_or_else(|| hex_upper(value.data)),
                });
            }
            set.sort();
            rdns.push(set);
        }
        Name {
            der: name.as_raw().to_vec(),
            key: NameKey(rdns),
            attributes,
        }
    }

    /// Parse a DER-encoded Name.
    pub fn from_der(der: &[u8]) -> crate::Result<Name> {
        use x509_parser::prelude::FromDer;
        match X509Name::from_der(der) {
            Ok(([], n)) => Ok(Name::from_x509(&n)),
            Ok(_) => Err(crate::Error::MalformedDer {
                what: "name",
                reason: "trailing data".into(),
            }),
            Err(e) => Err(crate::Error::MalformedDer {
                what: "name",
                reason: e.to_string(),
            }),
        }
    }

    /// The DER encoding as it appeared.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The comparison key.
    pub fn key(&self) -> &NameKey {
        &self.key
    }

    /// True when the name has no RDNs.
    pub fn is_empty(&self) -> bool {
        self.key.0.is_empty()
    }

    /// All attributes in order.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// Values of every attribute of the given dotted OID, in order.
    pub fn values<'a>(&'a self, oid: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attributes
            .iter()
            .filter(move |a| a.oid == oid)
            .map(|a| a.value.as_str())
    }

    /// First value of the given attribute.
    pub fn first(&self, oid: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.oid == oid)
            .map(|a| a.value.as_str())
    }

    /// Does this name match `other` (RFC 5280 §7.1 comparison)?
    pub fn matches(&self, other: &Name) -> bool {
        self.key == other.key
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Name {}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Name({self})")
    }
}

impl fmt::Display for Name {
    /// RFC 4514-like, most significant RDN first as written in the certificate.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.attributes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}={}", short_name(&a.oid), a.value)?;
        }
        Ok(())
    }
}

/// Short label of a well-known attribute type, else the dotted OID.
pub(crate) fn short_name(oid: &str) -> &str {
    match oid {
        AT_COMMON_NAME => "CN",
        AT_SURNAME => "SN",
        AT_SERIAL_NUMBER => "SERIALNUMBER",
        AT_COUNTRY => "C",
        AT_LOCALITY => "L",
        AT_STATE => "ST",
        AT_STREET => "STREET",
        AT_ORGANIZATION => "O",
        AT_ORGANIZATIONAL_UNIT => "OU",
        AT_TITLE => "T",
        AT_BUSINESS_CATEGORY => "BUSINESSCATEGORY",
        AT_GIVEN_NAME => "G",
        AT_DN_QUALIFIER => "DNQUALIFIER",
        AT_DOMAIN_COMPONENT => "DC",
        AT_USER_ID => "UID",
        ATTR_EMAIL_ADDRESS => "E",
        other => other,
    }
}

/// Decode the string types a DirectoryString (and IA5String e-mail, DC) may use.
fn decode_directory_string(tag: u32, data: &[u8]) -> Option<String> {
    match tag {
        // UTF8String
        12 => core::str::from_utf8(data).ok().map(str::to_owned),
        // NumericString, PrintableString, IA5String, VisibleString
        18 | 19 | 22 | 26 => {
            if data.is_ascii() {
                core::str::from_utf8(data).ok().map(str::to_owned)
            } else {
                None
            }
        }
        // TeletexString: in practice Latin-1.
        20 => Some(data.iter().map(|&b| b as char).collect()),
        // UniversalString: UCS-4 big-endian.
        28 => {
            if !data.len().is_multiple_of(4) {
                return None;
            }
            data.chunks_exact(4)
                .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                .collect()
        }
        // BMPString: UCS-2 big-endian.
        30 => {
            if !data.len().is_multiple_of(2) {
                return None;
            }
            let units = data
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]));
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
        }
        _ => None,
    }
}

/// RFC 5280 §7.1 (simplified RFC 4518): case-fold, drop leading/trailing whitespace,
/// collapse inner whitespace runs to one space.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, <string> } } }
    fn cn(tag: u8, value: &[u8]) -> Vec<u8> {
        let mut atv = vec![0x06, 0x03, 0x55, 0x04, 0x03, tag, value.len() as u8];
        atv.extend_from_slice(value);
        let mut seq = vec![0x30, atv.len() as u8];
        seq.extend(atv);
        let mut set = vec![0x31, seq.len() as u8];
        set.extend(seq);
        let mut name = vec![0x30, set.len() as u8];
        name.extend(set);
        name
    }

    #[test]
    fn case_and_whitespace_are_insignificant() {
        let a = Name::from_der(&cn(19, b"Good  CA ")).unwrap();
        let b = Name::from_der(&cn(12, b" good ca")).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "CN=Good  CA ");
    }

    #[test]
    fn cyrillic_case_folds() {
        let a = Name::from_der(&cn(12, "ҰЛТТЫҚ".as_bytes())).unwrap();
        let b = Name::from_der(&cn(12, "ұлттық".as_bytes())).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn bmp_string_equals_utf8() {
        let a = Name::from_der(&cn(30, &[0, b'A', 0, b'b'])).unwrap();
        let b = Name::from_der(&cn(12, b"ab")).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn different_values_differ() {
        let a = Name::from_der(&cn(19, b"Good CA")).unwrap();
        let b = Name::from_der(&cn(19, b"Good CA2")).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn malformed_name_is_an_error() {
        assert!(Name::from_der(&[0x30, 0x05, 0x31]).is_err());
    }
}

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
pub(crate) struct RelativeName(Vec<(Vec<u8>, ValueKey)>);

impl RelativeName {
    pub(crate) fn from_x509(
        rdn: &x509_parser::x509::RelativeDistinguishedName<'_>,
    ) -> RelativeName {
        let mut set: Vec<(Vec<u8>, ValueKey)> = rdn
            .iter()
            .map(|atv| {
                let v = atv.attr_value();
                let tag = v.header.tag().0;
                let key = match decode_directory_string(tag, v.data) {
                    Some(t) => ValueKey::Text(normalise(&t)),
                    None => ValueKey::Raw(tag, v.data.to_vec()),
                };
                (atv.attr_type().as_bytes().to_vec(), key)
            })
            .collect();
        set.sort();
        RelativeName(set)
    }

    /// The full distribution point name under `crl_issuer`.
    pub(crate) fn resolve(&self, crl_issuer: &NameKey) -> DistributionPointName {
        let mut full = crl_issuer.clone();
        full.0.push(self.0.clone());
        DistributionPointName(vec![GeneralNameKey::Directory(full)])
    }
}
