//! Distinguished names, compared the way RFC 5280 §7.1 asks: attribute by attribute, RDN by
//! RDN in order, string values case-insensitively with insignificant whitespace removed, and
//! with PrintableString / UTF8String / BMPString ... treated as the same text.
//!
//! Path building finds issuers by comparing names, so the comparison key is computed once
//! when a certificate or CRL is read and hashed into lookup tables.

use std::fmt;

#[cfg(test)]
use x509_parser::x509::X509Name;

#[cfg(test)]
mod old;

mod general;
mod key;
mod text;
mod written;

pub(crate) use general::RelativeName;
pub use general::{DistributionPointName, GeneralNameKey};
use key::*;
use text::*;
pub(crate) use text::{attribute_value, hex_upper};

use crate::ber::OidBytes;
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
    /// The attributes as texts ([`Name::attributes`]), decoded from `der` when first asked
    /// for: path building and revocation need only the key, and an issuer's name is
    /// rarely shown.
    attributes: std::sync::OnceLock<Vec<Attribute>>,
    /// The readable form ([`fmt::Display`]), made when first asked for: a verdict writes
    /// the names of the whole path, and a CA's name is written for every certificate it
    /// issued that is judged.
    display: std::sync::OnceLock<String>,
}

/// The comparison key of a name (normalised RDN sequence). Two names match exactly when
/// their keys are equal.
///
/// The key is one byte string: each RDN's attributes (type OID, then the value's
/// normalised text, or its tag and octets when it is not a string), sorted, written with
/// escapes and terminators so that two keys are equal exactly when the RDN sequences are,
/// and order as the sequences do (RDN by RDN, attribute by attribute, a shorter sequence
/// first). Comparing and hashing it is one pass over contiguous bytes, where the nested
/// vectors it replaces cost an allocation per attribute and a pointer chase per
/// comparison (`old::tests::key_is_the_old_nested_key` checks it against them).
///
/// The key's hash is computed once, when it is made: path building and revocation look
/// names up in tables several times per certificate judged, and hashing the whole RDN
/// sequence each time cost more than the rest of the lookup. It is keyed per process (as
/// `HashMap`'s own hashing is), so that names chosen to collide cannot be prepared.
///
/// Equality compares the hash first (a different hash is a different name), then the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct NameKey {
    hash: u64,
    bytes: Vec<u8>,
}

// The key's encoding. An RDN is its attributes, each `ATTRIBUTE` then the escaped OID
// contents then the value, and `RDN_END`. A value is `TEXT` and the escaped normalised
// UTF-8, or `RAW`, the tag number (4 octets, big-endian) and the escaped octets. Escaped
// bytes: 0x00 is written 0x00 0xFF, and the end is 0x00 0x01, so an escaped string ends
// where it says and sorts before any longer string it begins (as `Vec<u8>` does).
const RDN_END: u8 = 0x00;
const ATTRIBUTE: u8 = 0x01;
const TEXT: u8 = 0x01;
const RAW: u8 = 0x02;
const ESCAPED_ZERO: [u8; 2] = [0x00, 0xFF];
const ESCAPED_END: [u8; 2] = [0x00, 0x01];

impl NameKey {
    fn new(bytes: Vec<u8>) -> NameKey {
        use std::hash::BuildHasher as _;
        static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> =
            std::sync::OnceLock::new();
        let hash = KEYS
            .get_or_init(std::collections::hash_map::RandomState::new)
            .hash_one(bytes.as_slice());
        NameKey { hash, bytes }
    }

    /// The RDN sequence the key encodes, as the nested vectors it was before (for `Debug`).
    fn rdns(&self) -> Rdns {
        decode_key(&self.bytes).unwrap_or_default()
    }
}

/// The tables keyed by name (issuers in path building, CRLs by issuer, a CRL's entry
/// issuers) hash a key by the hash it carries, not again through SipHash: that hash is
/// already keyed per process, so it is as hard to make collide.
pub(crate) type NameKeyMap<V> =
    std::collections::HashMap<NameKey, V, std::hash::BuildHasherDefault<NameKeyHasher>>;

/// The hasher of [`NameKeyMap`]: a [`NameKey`] writes its hash, which is kept as is.
/// (Anything else written is mixed in, so the hasher stays a hasher; the maps only hash
/// keys.)
#[derive(Default, Clone, Copy)]
pub(crate) struct NameKeyHasher(u64);

impl std::hash::Hasher for NameKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `NameKey` is hashed into these maps, and it writes its keyed hash through
        // `write_u64`: this unkeyed mixing must never become how a name is hashed (it
        // would let whoever writes names make them collide).
        debug_assert!(false, "NameKeyMap hashes NameKey only");
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 ^= v;
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
    /// By the RDN sequence (the hash, a function of it, is not compared): the encoding
    /// orders as the sequence does.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bytes.cmp(&other.bytes)
    }
}

impl fmt::Debug for NameKey {
    /// As the tuple struct of nested vectors it was: `NameKey([...])`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NameKey").field(&self.rdns()).finish()
    }
}

/// A key's RDN sequence as nested vectors: each RDN's (type OID contents, value) pairs.
type Rdns = Vec<Vec<(Vec<u8>, ValueKey)>>;

/// A value of the key, decoded (for `Debug`, and the tests' old representation).
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
                // The whole identifier octet, as `value_tag` keeps it.
                let tag = ((value.header.class() as u32) << 6)
                    | (u32::from(value.header.is_constructed()) << 5)
                    | value.header.tag().0;
                let text = decode_directory_string(tag, value.data);
                let key = match &text {
                    Some(t) => ValueKey::Text(old::normalise(t)),
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
            key: NameKey::new(old::encode(&rdns)),
            attributes: attributes.into(),
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
        Ok(Name {
            der: name.raw.to_vec(),
            key: Name::key_of(name, what)?,
            attributes: std::sync::OnceLock::new(),
            display: std::sync::OnceLock::new(),
        })
    }

    /// The comparison key of a Name element ([`Name::from_tlv`]'s checks, without keeping
    /// the name: a distribution point's directoryName is compared, never shown).
    pub(crate) fn key_of(name: Tlv<'_>, what: &'static str) -> crate::Result<NameKey> {
        if name.tag != TAG_SEQUENCE {
            return Err(malformed(what, "Name is not a SEQUENCE"));
        }
        let mut key = Vec::with_capacity(name.content.len());
        let mut r = name.inner();
        while !r.is_empty() {
            let set = r.expect(TAG_SET, what)?;
            read_rdn(set.content, what, &mut key)?;
        }
        Ok(NameKey::new(key))
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
        self.key.bytes.is_empty()
    }

    /// All attributes in order.
    pub fn attributes(&self) -> &[Attribute] {
        self.attributes.get_or_init(|| {
            let mut out = Vec::new();
            self.each_attribute(|oid, tag, content| {
                out.push(Attribute {
                    oid: crate::ber::oid_to_string(oid).unwrap_or_default(),
                    value: attribute_value(tag, content),
                });
            });
            out
        })
    }

    /// The first value of attribute `oid` (as [`Name::first`] gives it) appended to `out`;
    /// false when the name has none. Without the attribute list: a revocation report names
    /// each certificate by its CN.
    pub(crate) fn push_first(&self, oid: &OidBytes, out: &mut String) -> bool {
        let mut found = false;
        self.each_attribute(|o, tag, content| {
            if !found && oid.is(o) {
                found = true;
                if !push_directory_string(out, tag, content) {
                    push_hex_upper(out, content);
                }
            }
        });
        found
    }

    /// Call `f` with each attribute's type (OID contents), value tag number and value
    /// contents, in order. The DER was checked when the name was read, so the walk does
    /// not fail; were it to, it would stop there.
    pub(crate) fn each_attribute(&self, mut f: impl FnMut(&[u8], u32, &[u8])) {
        let mut walk = || -> crate::Result<()> {
            let mut top = Reader::named(&self.der, "name");
            let mut rdns = top.read("name")?.inner();
            while !rdns.is_empty() {
                let mut atvs = rdns.read("name")?.inner();
                while !atvs.is_empty() {
                    let mut atv = atvs.read("name")?.inner();
                    let oid = atv.read("name")?;
                    let value = atv.read("name")?;
                    f(oid.content, value_tag(value.tag), value.content);
                }
            }
            Ok(())
        };
        let _ = walk();
    }

    /// Values of every attribute of the given dotted OID, in order.
    pub fn values<'a>(&'a self, oid: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attributes()
            .iter()
            .filter(move |a| a.oid == oid)
            .map(|a| a.value.as_str())
    }

    /// First value of the given attribute.
    pub fn first(&self, oid: &str) -> Option<&str> {
        self.attributes()
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
            if let Some(attributes) = self.attributes.get() {
                let mut s = String::new();
                for (i, a) in attributes.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(short_name(&a.oid));
                    s.push('=');
                    s.push_str(&a.value);
                }
                return s;
            }
            // Straight from the DER: no attribute texts made to be copied and dropped.
            let mut s = String::with_capacity(self.der.len());
            self.each_attribute(|oid, tag, content| {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                match SHORT_NAMES.iter().find(|(o, _)| o.is(oid)) {
                    Some((_, short)) => s.push_str(short),
                    None => s.push_str(&crate::ber::oid_to_string(oid).unwrap_or_default()),
                }
                s.push('=');
                if !push_directory_string(&mut s, tag, content) {
                    push_hex_upper(&mut s, content);
                }
            });
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

/// The labels of the well-known attribute types, (OID, label): the first [`SHOWN_LABELS`]
/// are the labels names are shown with ([`short_name`]), one an OID; the rest are aliases
/// read from text only (`written::type_oid`), beside the labels shown.
pub(crate) const LABELS: &[(&str, &str)] = &[
    (AT_COMMON_NAME, "CN"),
    (AT_SURNAME, "SN"),
    (AT_SERIAL_NUMBER, "SERIALNUMBER"),
    (AT_COUNTRY, "C"),
    (AT_LOCALITY, "L"),
    (AT_STATE, "ST"),
    (AT_STREET, "STREET"),
    (AT_ORGANIZATION, "O"),
    (AT_ORGANIZATIONAL_UNIT, "OU"),
    (AT_TITLE, "T"),
    (AT_BUSINESS_CATEGORY, "BUSINESSCATEGORY"),
    (AT_GIVEN_NAME, "G"),
    (AT_DN_QUALIFIER, "DNQUALIFIER"),
    (AT_DOMAIN_COMPONENT, "DC"),
    (AT_USER_ID, "UID"),
    (ATTR_EMAIL_ADDRESS, "E"),
    // Aliases, read from text only.
    (AT_SURNAME, "SURNAME"),
    (AT_STATE, "S"),
    (AT_TITLE, "TITLE"),
    (AT_GIVEN_NAME, "GN"),
    (AT_GIVEN_NAME, "GIVENNAME"),
    (ATTR_EMAIL_ADDRESS, "EMAIL"),
    (ATTR_EMAIL_ADDRESS, "EMAILADDRESS"),
];

/// How many of [`LABELS`] are shown: the rest are aliases.
const SHOWN_LABELS: usize = 16;

/// Short label of a well-known attribute type, else the dotted OID.
pub(crate) fn short_name(oid: &str) -> &str {
    LABELS[..SHOWN_LABELS]
        .iter()
        .find(|(o, _)| *o == oid)
        .map_or(oid, |&(_, label)| label)
}

/// [`short_name`]'s labels by OID contents, for names shown straight from their DER.
const SHORT_NAMES: [(OidBytes, &str); SHOWN_LABELS] = {
    let mut out = [(OidBytes::of(LABELS[0].0), LABELS[0].1); SHOWN_LABELS];
    let mut i = 1;
    while i < SHOWN_LABELS {
        out[i] = (OidBytes::of(LABELS[i].0), LABELS[i].1);
        i += 1;
    }
    out
};

fn malformed(what: &'static str, reason: &str) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.to_string(),
    }
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
            let mut fast = Vec::new();
            put_normalised(&mut fast, std::iter::once(c));
            let mut want = Vec::new();
            put_escaped(&mut want, slow.as_bytes());
            assert_eq!(fast, want, "{c}");
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
    fn a_value_of_another_class_or_form_is_not_its_string_type() {
        // [APPLICATION 12], [12], [PRIVATE 12] and a constructed UTF8String carry the
        // octets of "Good CA" but are not UTF8Strings: each differs from the string, from
        // the others, and (compared by octets) from the same value in other letters' case.
        let utf8 = Name::from_der(&cn(0x0c, b"Good CA")).unwrap();
        let others = [0x4c, 0x8c, 0xcc, 0x2c];
        for (i, &tag) in others.iter().enumerate() {
            let other = Name::from_der(&cn(tag, b"Good CA")).unwrap();
            assert_ne!(utf8, other, "tag {tag:#x}");
            assert_ne!(other, Name::from_der(&cn(tag, b"good ca")).unwrap());
            assert_eq!(other, Name::from_der(&cn(tag, b"Good CA")).unwrap());
            for &tag2 in &others[i + 1..] {
                assert_ne!(other, Name::from_der(&cn(tag2, b"Good CA")).unwrap());
            }
        }
    }

    #[test]
    fn malformed_name_is_an_error() {
        assert!(Name::from_der(&[0x30, 0x05, 0x31]).is_err());
    }
}
