//! The subject of a certificate as the regulations see it: the IIN (serialNumber "IIN" +
//! 12 digits) and BIN (OU "BIN" + 12 digits) the condition compares with a request, and the
//! name's other facts, read in one walk of the name's DER.

use serde::Serialize;

use crate::ber::OidBytes;
use crate::identity::{Bin, Iin};
use crate::name::Name;
use crate::oid::{
    ATTR_EMAIL_ADDRESS, AT_BUSINESS_CATEGORY, AT_COMMON_NAME, AT_COUNTRY, AT_DOMAIN_COMPONENT,
    AT_GIVEN_NAME, AT_LOCALITY, AT_ORGANIZATION, AT_ORGANIZATIONAL_UNIT, AT_SERIAL_NUMBER,
    AT_STATE, AT_SURNAME,
};

/// The subject as the regulations see it.
///
/// A name that gives two different IINs (or BINs) proves neither: `iin` (or `bin`) is then
/// `None`, the values are in `ambiguous_iins` (or `ambiguous_bins`), and a request's IIN
/// (or BIN) does not match the certificate. The NCA writes one of each; a second one with
/// another value is not a choice this library makes for its user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[non_exhaustive]
pub struct Subject {
    /// IIN from `serialNumber` "IIN" + 12 digits, when the name gives exactly one.
    pub iin: Option<Iin>,
    /// BIN from `OU` "BIN" + 12 digits, when the name gives exactly one.
    pub bin: Option<Bin>,
    /// The different IINs of a name that gives more than one (at most
    /// [`Subject::AMBIGUOUS_KEPT`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_iins: Vec<Iin>,
    /// The different BINs of a name that gives more than one (at most
    /// [`Subject::AMBIGUOUS_KEPT`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_bins: Vec<Bin>,
    /// CN.
    pub common_name: Option<String>,
    /// SN (surname).
    pub surname: Option<String>,
    /// GN (givenName; NCA puts the patronymic there).
    pub patronymic: Option<String>,
    /// O.
    pub organization: Option<String>,
    /// L.
    pub locality: Option<String>,
    /// ST.
    pub state: Option<String>,
    /// C.
    pub country: Option<String>,
    /// emailAddress.
    pub email: Option<String>,
    /// businessCategory.
    pub business_category: Option<String>,
    /// DC values.
    pub domain_components: Vec<String>,
    /// The first serialNumber attribute that is not an IIN ("IIN" and 12 digits).
    pub serial_number_attribute: Option<String>,
}

/// One identity of a name: the different values it gives, in order, at most
/// [`Subject::AMBIGUOUS_KEPT`] of them.
fn note_identity<T: PartialEq>(seen: &mut Vec<T>, value: T) {
    if seen.len() < Subject::AMBIGUOUS_KEPT && !seen.contains(&value) {
        seen.push(value);
    }
}

/// The one value of an identity, or the values that make it ambiguous.
fn one_identity<T: Copy>(seen: Vec<T>) -> (Option<T>, Vec<T>) {
    match seen[..] {
        [] => (None, Vec::new()),
        [one] => (Some(one), Vec::new()),
        _ => (None, seen),
    }
}

impl Subject {
    /// The most different IINs (or BINs) an ambiguous name's facts keep.
    pub const AMBIGUOUS_KEPT: usize = 8;

    /// The facts of a subject name: each from the first attribute of its type, as
    /// [`Name::first`] gives it; the IIN from the `serialNumber`s and the BIN from the `OU`s
    /// that read as one (see [`Subject`] for a name that gives two); every `DC`. Read in
    /// one walk of the name's DER that decodes only the attributes kept (no dotted OID
    /// texts, no list of every attribute).
    pub(crate) fn from_name(name: &Name) -> Subject {
        // The facts kept from the first attribute of each type, in this order.
        const FIRST: [OidBytes; 9] = OidBytes::all(&[
            AT_COMMON_NAME,
            AT_SURNAME,
            AT_GIVEN_NAME,
            AT_ORGANIZATION,
            AT_LOCALITY,
            AT_STATE,
            AT_COUNTRY,
            ATTR_EMAIL_ADDRESS,
            AT_BUSINESS_CATEGORY,
        ]);
        const SERIAL: OidBytes = OidBytes::of(AT_SERIAL_NUMBER);
        const OU: OidBytes = OidBytes::of(AT_ORGANIZATIONAL_UNIT);
        const DC: OidBytes = OidBytes::of(AT_DOMAIN_COMPONENT);
        let mut first: [Option<String>; 9] = Default::default();
        let mut iins = Vec::new();
        let mut bins = Vec::new();
        let mut serial_number_attribute = None;
        let mut domain_components = Vec::new();
        name.each_attribute(|oid, tag, content| {
            if DC.is(oid) {
                domain_components.push(crate::name::attribute_value(tag, content));
            } else if SERIAL.is(oid) {
                let value = crate::name::attribute_value(tag, content);
                match iin_of(&value) {
                    Some(iin) => note_identity(&mut iins, iin),
                    None if serial_number_attribute.is_none() => {
                        serial_number_attribute = Some(value)
                    }
                    None => {}
                }
            } else if OU.is(oid) {
                if let Some(bin) = bin_of(&crate::name::attribute_value(tag, content)) {
                    note_identity(&mut bins, bin);
                }
            } else if let Some(i) = FIRST.iter().position(|o| o.is(oid)) {
                if let Some(slot) = first.get_mut(i).filter(|s| s.is_none()) {
                    *slot = Some(crate::name::attribute_value(tag, content));
                }
            }
        });
        let [common_name, surname, patronymic, organization, locality, state, country, email, business_category] =
            first;
        let (iin, ambiguous_iins) = one_identity(iins);
        let (bin, ambiguous_bins) = one_identity(bins);
        Subject {
            iin,
            bin,
            ambiguous_iins,
            ambiguous_bins,
            common_name,
            surname,
            patronymic,
            organization,
            locality,
            state,
            country,
            email,
            business_category,
            domain_components,
            serial_number_attribute,
        }
    }

    /// The former reading, by the name's attribute list: the oracle of `from_name`'s test.
    #[cfg(test)]
    pub(crate) fn from_name_by_attributes(name: &Name) -> Subject {
        let first = |oid: &str| name.first(oid).map(str::to_owned);
        let mut iins = Vec::new();
        for iin in name.values(AT_SERIAL_NUMBER).filter_map(iin_of) {
            note_identity(&mut iins, iin);
        }
        let mut bins = Vec::new();
        for bin in name.values(AT_ORGANIZATIONAL_UNIT).filter_map(bin_of) {
            note_identity(&mut bins, bin);
        }
        let (iin, ambiguous_iins) = one_identity(iins);
        let (bin, ambiguous_bins) = one_identity(bins);
        Subject {
            iin,
            bin,
            ambiguous_iins,
            ambiguous_bins,
            common_name: first(AT_COMMON_NAME),
            surname: first(AT_SURNAME),
            patronymic: first(AT_GIVEN_NAME),
            organization: first(AT_ORGANIZATION),
            locality: first(AT_LOCALITY),
            state: first(AT_STATE),
            country: first(AT_COUNTRY),
            email: first(ATTR_EMAIL_ADDRESS),
            business_category: first(AT_BUSINESS_CATEGORY),
            domain_components: name
                .values(AT_DOMAIN_COMPONENT)
                .map(str::to_owned)
                .collect(),
            serial_number_attribute: name
                .values(AT_SERIAL_NUMBER)
                .find(|v| iin_of(v).is_none())
                .map(str::to_owned),
        }
    }
}

/// The IIN of a `serialNumber` value: "IIN" and 12 digits.
fn iin_of(value: &str) -> Option<Iin> {
    value.strip_prefix("IIN").and_then(|d| Iin::parse(d).ok())
}

/// The BIN of an `OU` value: "BIN" and 12 digits.
fn bin_of(value: &str) -> Option<Bin> {
    value.strip_prefix("BIN").and_then(|d| Bin::parse(d).ok())
}

#[cfg(test)]
mod subject_tests {
    use super::{Name, Subject};

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        assert!(content.len() < 0x80);
        [vec![tag, content.len() as u8], content.to_vec()].concat()
    }

    /// Subjects of NCA's shapes and odd ones (repeated types, an invalid IIN or BIN before a
    /// valid one, values that are not strings, BMP and Cyrillic, DCs, an unknown type):
    /// the facts read in one walk are those read from the attribute list.
    #[test]
    fn facts_are_those_of_the_attribute_list() {
        let oid = |last: &[u8]| [&[0x55, 0x04][..], last].concat();
        let atvs: Vec<Vec<u8>> = [
            (oid(&[0x05]), tlv(0x13, b"IIN123456789012")),
            (oid(&[0x05]), tlv(0x13, b"IIN870101300019")),
            (oid(&[0x05]), tlv(0x13, b"IIN12345")),
            (oid(&[0x03]), tlv(0x0C, "ТЕСТОВ ТЕСТ".as_bytes())),
            (oid(&[0x03]), tlv(0x1E, &[0x04, 0x22, 0x00, 0x20])),
            (oid(&[0x03]), tlv(0x04, &[0x01, 0xAB])),
            (oid(&[0x04]), tlv(0x0C, "ТЕСТОВ".as_bytes())),
            (oid(&[0x2A]), tlv(0x0C, "ТЕСТОВИЧ".as_bytes())),
            (oid(&[0x0B]), tlv(0x0C, b"BIN123456789012")),
            (oid(&[0x0B]), tlv(0x0C, b"BIN000740001307")),
            (oid(&[0x0B]), tlv(0x0C, b"Department")),
            (oid(&[0x0A]), tlv(0x0C, b"ACME")),
            (oid(&[0x07]), tlv(0x0C, b"Astana")),
            (oid(&[0x08]), tlv(0x0C, b"Astana")),
            (oid(&[0x06]), tlv(0x13, b"KZ")),
            (oid(&[0x0F]), tlv(0x0C, b"Private")),
            (oid(&[0x09]), tlv(0x0C, b"Street")),
            (
                vec![0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01],
                tlv(0x16, b"a@b.kz"),
            ),
            (
                vec![0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19],
                tlv(0x16, b"kz"),
            ),
            (
                vec![0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19],
                tlv(0x16, b"nca"),
            ),
            (vec![0x2A, 0x03, 0x04], tlv(0x0C, b"other")),
        ]
        .iter()
        .map(|(o, v)| tlv(0x30, &[tlv(0x06, o), v.clone()].concat()))
        .collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let mut rdns = Vec::new();
            for _ in 0..next() % 9 {
                let mut set = atvs[(next() % atvs.len() as u64) as usize].clone();
                if next() % 5 == 0 {
                    set.extend(atvs[(next() % atvs.len() as u64) as usize].clone());
                }
                rdns.extend(crate::ber::der(0x31, &set));
            }
            let der = crate::ber::der(0x30, &rdns);
            let name = Name::from_der(&der).unwrap();
            assert_eq!(
                format!("{:?}", Subject::from_name(&name)),
                format!("{:?}", Subject::from_name_by_attributes(&name)),
                "{name}"
            );
        }
    }

    /// A name of `(last arc under 2.5.4, PrintableString value)` attributes, one an RDN.
    fn name_of(atvs: &[(u8, &str)]) -> Name {
        let rdns: Vec<u8> = atvs
            .iter()
            .flat_map(|&(arc, v)| {
                let atv = [tlv(0x06, &[0x55, 0x04, arc]), tlv(0x13, v.as_bytes())].concat();
                tlv(0x31, &tlv(0x30, &atv))
            })
            .collect();
        Name::from_der(&crate::ber::der(0x30, &rdns)).unwrap()
    }

    #[test]
    fn a_name_that_gives_two_identities_gives_neither() {
        let facts = |atvs: &[(u8, &str)]| Subject::from_name(&name_of(atvs));
        let (a, b) = ("IIN870101300019", "IIN880101300014");
        // One IIN, given once or twice.
        for atvs in [&[(5, a)][..], &[(5, a), (5, a)]] {
            let f = facts(atvs);
            assert_eq!(f.iin.map(|i| i.to_string()), Some(a[3..].to_string()));
            assert!(f.ambiguous_iins.is_empty());
        }
        // Two: neither, both listed, in order.
        let f = facts(&[(5, a), (5, b), (5, a)]);
        assert_eq!(f.iin, None);
        let listed: Vec<String> = f.ambiguous_iins.iter().map(|i| i.to_string()).collect();
        assert_eq!(listed, [&a[3..], &b[3..]]);
        // A serialNumber that is not an IIN does not hide one after it, and is kept.
        let f = facts(&[(5, "XYZ-1"), (5, a), (5, "XYZ-2")]);
        assert_eq!(f.iin.map(|i| i.to_string()), Some(a[3..].to_string()));
        assert_eq!(f.serial_number_attribute.as_deref(), Some("XYZ-1"));
        // BINs in OUs likewise; an OU that is not a BIN is not a second one.
        let f = facts(&[
            (11, "BIN000740001307"),
            (11, "Department"),
            (11, "BIN990140000296"),
        ]);
        assert_eq!(f.bin, None);
        assert_eq!(f.ambiguous_bins.len(), 2);
        let f = facts(&[(11, "BIN000740001307"), (11, "Department")]);
        assert!(f.bin.is_some() && f.ambiguous_bins.is_empty());
        // The list is bounded, however many a name gives.
        let many: Vec<String> = (0..50).map(|i| format!("IIN8701013{i:05}")).collect();
        let atvs: Vec<(u8, &str)> = many.iter().map(|v| (5, v.as_str())).collect();
        let f = facts(&atvs);
        assert_eq!(f.iin, None);
        assert_eq!(f.ambiguous_iins.len(), Subject::AMBIGUOUS_KEPT);
    }
}
