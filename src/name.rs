//! Distinguished names, compared the way RFC 5280 §7.1 asks: attribute by attribute, RDN by
//! RDN in order, string values case-insensitively with insignificant whitespace removed, and
//! with PrintableString / UTF8String / BMPString ... treated as the same text.
//!
//! Path building finds issuers by comparing names, so the comparison key is computed once
//! when a certificate or CRL is read and hashed into lookup tables.

use std::fmt;

#[cfg(test)]
use x509_parser::x509::X509Name;

use crate::der::{Reader, Tlv, TAG_OID, TAG_SEQUENCE, TAG_SET};
use crate::error::Error;

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
    /// The readable form ([`fmt::Display`]), made when first asked for: a verdict writes
    /// the names of the whole path, and a CA's name is written for every certificate it
    /// issued that is judged.
    display: std::sync::OnceLock<String>,
}

/// The comparison key of a name (normalised RDN sequence). Two names match exactly when
/// their keys are equal.
///
/// The key's hash is computed once, when it is made: path building and revocation look
/// names up in tables several times per certificate judged, and hashing the whole RDN
/// sequence each time cost more than the rest of the lookup. It is keyed per process (as
/// `HashMap`'s own hashing is), so that names chosen to collide cannot be prepared.
///
/// Equality compares the hash first (a different hash is a different name), then the RDNs.
#[derive(Clone, PartialEq, Eq)]
pub struct NameKey {
    hash: u64,
    rdns: Vec<Vec<(Vec<u8>, ValueKey)>>,
}

impl NameKey {
    fn new(rdns: Vec<Vec<(Vec<u8>, ValueKey)>>) -> NameKey {
        use std::hash::BuildHasher as _;
        static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> =
            std::sync::OnceLock::new();
        let hash = KEYS
            .get_or_init(std::collections::hash_map::RandomState::new)
            .hash_one(&rdns);
        NameKey { rdns, hash }
    }
}

impl std::hash::Hash for NameKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialOrd for NameKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for NameKey {
    /// By the RDN sequence (the hash, a function of it, is not compared).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rdns.cmp(&other.rdns)
    }
}

impl fmt::Debug for NameKey {
    /// As the tuple struct it was: `NameKey([...])`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NameKey").field(&self.rdns).finish()
    }
}

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
    /// Build from a parsed x509-parser name (the old path, for the differential test).
    #[cfg(test)]
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
            key: NameKey::new(rdns),
            attributes,
            display: std::sync::OnceLock::new(),
        }
    }

    /// Parse a DER-encoded Name.
    pub fn from_der(der: &[u8]) -> crate::Result<Name> {
        let mut r = Reader::named(der, "name");
        let name = r.read("name")?;
        r.finish("name")?;
        Name::from_tlv(name, "name")
    }

    /// Read a Name (SEQUENCE OF non-empty SET OF SEQUENCE { OID, value }) from its DER
    /// element, checking and decoding in one walk: each container holds exactly what it
    /// declares, each attribute type is a well-formed OID. The number of attributes is
    /// bounded by the length of the element (each takes at least 7 octets), which its
    /// reader bounds: x509-limbo's names of thousands of attributes are read as before.
    pub(crate) fn from_tlv(name: Tlv<'_>, what: &'static str) -> crate::Result<Name> {
        if name.tag != TAG_SEQUENCE {
            return Err(malformed(what, "Name is not a SEQUENCE"));
        }
        let mut rdns = Vec::new();
        let mut attributes = Vec::new();
        let mut r = name.inner();
        while !r.is_empty() {
            let set = r.expect(TAG_SET, what)?;
            rdns.push(read_rdn(set.content, what, &mut attributes)?);
        }
        Ok(Name {
            der: name.raw.to_vec(),
            key: NameKey::new(rdns),
            attributes,
            display: std::sync::OnceLock::new(),
        })
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
        self.key.rdns.is_empty()
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

impl Name {
    /// The name as text (its `Display`), written once and kept.
    pub(crate) fn text(&self) -> &str {
        self.display.get_or_init(|| {
            let mut s = String::new();
            for (i, a) in self.attributes.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(short_name(&a.oid));
                s.push('=');
                s.push_str(&a.value);
            }
            s
        })
    }
}

impl fmt::Display for Name {
    /// RFC 4514-like, most significant RDN first as written in the certificate.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
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

fn malformed(what: &'static str, reason: &str) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.to_string(),
    }
}

/// The tag number of an attribute value, as the comparison key records it (the class is not
/// part of it: a value is compared by its string type).
fn value_tag(tag: u8) -> u32 {
    u32::from(tag & 0x1f)
}

/// One RDN (the contents of its SET): its comparison key (sorted), and its attributes
/// appended to `attributes` in order.
fn read_rdn(
    set: &[u8],
    what: &'static str,
    attributes: &mut Vec<Attribute>,
) -> crate::Result<Vec<(Vec<u8>, ValueKey)>> {
    let mut atvs = Reader::named(set, what);
    if atvs.is_empty() {
        return Err(malformed(what, "empty RelativeDistinguishedName"));
    }
    let mut out = Vec::new();
    while !atvs.is_empty() {
        let atv = atvs.expect(TAG_SEQUENCE, what)?;
        let mut r = atv.inner();
        let oid = r.expect(TAG_OID, what)?;
        let dotted = crate::ber::oid_to_string(oid.content)
            .ok_or_else(|| malformed(what, "invalid OBJECT IDENTIFIER"))?;
        let value = r.read(what)?;
        r.finish(what)?;
        let tag = value_tag(value.tag);
        let text = decode_directory_string(tag, value.content);
        let key = match &text {
            Some(t) => ValueKey::Text(normalise(t)),
            None => ValueKey::Raw(tag, value.content.to_vec()),
        };
        out.push((oid.content.to_vec(), key));
        attributes.push(Attribute {
            oid: dotted,
            value: text.unwrap_or_else(|| hex_upper(value.content)),
        });
    }
    out.sort();
    Ok(out)
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
            // ASCII (most names, and every PrintableString) without the Unicode tables.
            // ... and the Cyrillic capitals of NCA's names (А-Я, Ѐ-Џ), whose lowercase is
            // one code point away (as `char::to_lowercase` says: `cyrillic_case_folds`).
            match u32::from(c) {
                _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                u @ 0x0410..=0x042F => out.extend(char::from_u32(u + 0x20)),
                u @ 0x0400..=0x040F => out.extend(char::from_u32(u + 0x50)),
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xF)]));
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
    fn cyrillic_fast_path_is_to_lowercase() {
        for c in ('\u{0400}'..='\u{042F}').chain('A'..='Z') {
            let slow: String = c.to_lowercase().collect();
            assert_eq!(normalise(&c.to_string()), slow, "{c}");
        }
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
                    Name::from_tlv(n, what)
                }) {
                    Ok(name) => GeneralNameKey::Directory(name.key),
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
pub(crate) struct RelativeName(Vec<(Vec<u8>, ValueKey)>);

impl RelativeName {
    /// Read the contents of a `[1] IMPLICIT RelativeDistinguishedName` (the SET's contents).
    pub(crate) fn from_set_content(
        content: &[u8],
        what: &'static str,
    ) -> crate::Result<RelativeName> {
        let mut attributes = Vec::new();
        Ok(RelativeName(read_rdn(content, what, &mut attributes)?))
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
        let mut rdns = crl_issuer.rdns.clone();
        rdns.push(self.0.clone());
        DistributionPointName(vec![GeneralNameKey::Directory(NameKey::new(rdns))])
    }
}
