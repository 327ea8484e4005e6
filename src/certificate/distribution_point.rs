//! cRLDistributionPoints (certificates) and issuingDistributionPoint (CRLs), read from the
//! raw extension value, and the reason sets (ReasonFlags) they name. Revocation builds on
//! these (`crate::revocation` re-exports them); nothing here depends on revocation.
//!
//! Read with the crate's strict DER reader ([`crate::der`]), as the rest of the certificate.
//! (They were read here rather than by x509-parser even before: x509-parser 0.18 mis-parses the
//! `nameRelativeToCRLIssuer` alternative (`[1] IMPLICIT RelativeDistinguishedName`); the
//! optional field then silently becomes absent and the parser goes on reading the same bytes
//! as the next optional fields, so reasons, cRLIssuer, and the IDP's scope flags are lost
//! too. A lost name or flag widens a CRL's scope, so these two structures are read here.

use crate::der::Reader;
use crate::error::{Error, Result};
use crate::name::{DistributionPointName, GeneralNameKey, NameKey, RelativeName};

/// Most distribution points / general names read from one extension.
const MAX_ITEMS: usize = 256;

/// A cRLDistributionPoints entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistributionPoint {
    /// distributionPoint name (a relative name resolved against the CRL issuer).
    pub name: Option<DistributionPointName>,
    /// reasons; `None` means all reasons.
    pub reasons: Option<ReasonSet>,
    /// cRLIssuer; empty means the certificate's issuer.
    pub crl_issuer: Vec<GeneralNameKey>,
}

/// The issuingDistributionPoint CRL extension (RFC 5280 §5.2.5).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IssuingDistributionPoint {
    /// distributionPoint, a name relative to the CRL issuer resolved into a full name.
    pub name: Option<DistributionPointName>,
    /// onlyContainsUserCerts.
    pub only_user_certs: bool,
    /// onlyContainsCACerts.
    pub only_ca_certs: bool,
    /// onlyContainsAttributeCerts.
    pub only_attribute_certs: bool,
    /// onlySomeReasons; `None` means all reasons.
    pub only_some_reasons: Option<ReasonSet>,
    /// indirectCRL.
    pub indirect: bool,
}

/// A set of reasons as the ReasonFlags BIT STRING names them (bit 1 keyCompromise ...
/// bit 8 aACompromise; bit 0 unused). Used for the reasons a distribution point or a CRL
/// covers (RFC 5280 §6.3.3 reasons_mask).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ReasonSet(u16);

impl ReasonSet {
    /// Every reason.
    pub const ALL: ReasonSet = ReasonSet(0x1FE);
    /// No reason.
    pub const EMPTY: ReasonSet = ReasonSet(0);
    /// certificateHold alone (ReasonFlags bit 6).
    pub const HOLD: ReasonSet = ReasonSet(1 << 6);

    /// From ReasonFlags bits (bit i = RFC 5280's ReasonFlags bit i: 1 keyCompromise ...).
    pub fn from_flags(flags: u16) -> ReasonSet {
        ReasonSet(flags & Self::ALL.0)
    }

    /// Intersection.
    pub fn intersect(self, other: ReasonSet) -> ReasonSet {
        ReasonSet(self.0 & other.0)
    }

    /// Union.
    pub fn union(self, other: ReasonSet) -> ReasonSet {
        ReasonSet(self.0 | other.0)
    }

    /// Is every reason of `other` in `self`?
    pub fn contains_all(self, other: ReasonSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Does `other` add anything to `self`?
    pub fn adds_to(self, other: ReasonSet) -> bool {
        other.0 & !self.0 != 0
    }

    /// Is the set empty?
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

fn bad(what: &'static str, reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.into(),
    }
}

/// One element: (tag, content, the whole element).
type Element<'a> = (u8, &'a [u8], &'a [u8]);

/// The element at the start of `der`: (tag, content, rest).
fn tlv<'a>(der: &'a [u8], what: &'static str) -> Result<(u8, &'a [u8], &'a [u8])> {
    let mut r = Reader::named(der, what);
    let t = r.read(what)?;
    Ok((t.tag, t.content, r.remaining()))
}

/// The elements of a constructed content.
fn elements<'a>(content: &'a [u8], what: &'static str) -> Result<Vec<Element<'a>>> {
    let mut r = Reader::named(content, what);
    let mut out = Vec::new();
    while !r.is_empty() {
        if out.len() >= MAX_ITEMS {
            return Err(Error::TooMany {
                what: "distribution point items",
                limit: MAX_ITEMS,
            });
        }
        let t = r.read(what)?;
        out.push((t.tag, t.content, t.raw));
    }
    Ok(out)
}

/// GeneralNames content (the names one after the other).
pub(crate) fn general_names(content: &[u8], what: &'static str) -> Result<Vec<GeneralNameKey>> {
    let mut r = Reader::named(content, what);
    let mut out = Vec::new();
    while !r.is_empty() {
        if out.len() >= MAX_ITEMS {
            return Err(Error::TooMany {
                what: "distribution point items",
                limit: MAX_ITEMS,
            });
        }
        out.push(GeneralNameKey::from_element(r.read(what)?, what)?);
    }
    Ok(out)
}

/// ReasonFlags BIT STRING content: named bit i is flag bit i.
fn reason_flags(content: &[u8], what: &'static str) -> Result<ReasonSet> {
    let (&unused, bits) = content
        .split_first()
        .ok_or_else(|| bad(what, "empty BIT STRING"))?;
    if unused > 7 || (bits.is_empty() && unused != 0) {
        return Err(bad(what, "invalid BIT STRING"));
    }
    let mut flags = 0u16;
    for i in 0..16usize {
        if let Some(byte) = bits.get(i / 8) {
            if byte & (0x80 >> (i % 8)) != 0 {
                flags |= 1 << i;
            }
        }
    }
    Ok(ReasonSet::from_flags(flags))
}

fn boolean(content: &[u8], what: &'static str) -> Result<bool> {
    match content {
        [0x00] => Ok(false),
        [0xFF] => Ok(true),
        _ => Err(bad(what, "invalid BOOLEAN")),
    }
}

/// DistributionPointName (the content of the `[0] EXPLICIT` wrapper), resolving a relative
/// name against `base`.
fn dp_name(
    explicit_content: &[u8],
    base: &NameKey,
    what: &'static str,
) -> Result<DistributionPointName> {
    let (tag, content, rest) = tlv(explicit_content, what)?;
    if !rest.is_empty() {
        return Err(bad(what, "trailing data after DistributionPointName"));
    }
    match tag {
        0xA0 => Ok(DistributionPointName(general_names(content, what)?)),
        0xA1 => Ok(RelativeName::from_set_content(content, what)?.resolve(base)),
        t => Err(bad(
            what,
            format!("unexpected DistributionPointName tag 0x{t:02x}"),
        )),
    }
}

/// Read a cRLDistributionPoints extension value. Relative names are resolved against the
/// cRLIssuer when it names a directory, else against `cert_issuer`.
pub(crate) fn parse_crl_distribution_points(
    ext_value: &[u8],
    cert_issuer: &NameKey,
) -> Result<Vec<DistributionPoint>> {
    const WHAT: &str = "cRLDistributionPoints";
    let (tag, content, rest) = tlv(ext_value, WHAT)?;
    if tag != 0x30 || !rest.is_empty() {
        return Err(bad(WHAT, "not one SEQUENCE"));
    }
    let mut out = Vec::new();
    for (t, dp, _) in elements(content, WHAT)? {
        if t != 0x30 {
            return Err(bad(WHAT, "DistributionPoint is not a SEQUENCE"));
        }
        let mut name_der = None;
        let mut reasons = None;
        let mut crl_issuer = Vec::new();
        let mut last = 0u8;
        for (t, c, _) in elements(dp, WHAT)? {
            // Context tags [0] [1] [2] appear at most once, in order.
            if t & 0x1f < last {
                return Err(bad(
                    WHAT,
                    "DistributionPoint fields out of order or repeated",
                ));
            }
            last = (t & 0x1f) + 1;
            match t {
                0xA0 => name_der = Some(c),
                0x81 => reasons = Some(reason_flags(c, WHAT)?),
                0xA2 => crl_issuer = general_names(c, WHAT)?,
                t => {
                    return Err(bad(
                        WHAT,
                        format!("unexpected DistributionPoint field tag 0x{t:02x}"),
                    ))
                }
            }
        }
        let base = crl_issuer
            .iter()
            .find_map(|g| match g {
                GeneralNameKey::Directory(k) => Some(k.clone()),
                _ => None,
            })
            .unwrap_or_else(|| cert_issuer.clone());
        let name = name_der.map(|n| dp_name(n, &base, WHAT)).transpose()?;
        if name.is_none() && crl_issuer.is_empty() {
            // RFC 5280 §4.2.1.13: a DistributionPoint MUST NOT consist of only reasons.
            return Err(bad(
                WHAT,
                "DistributionPoint with neither name nor cRLIssuer",
            ));
        }
        out.push(DistributionPoint {
            name,
            reasons,
            crl_issuer,
        });
    }
    Ok(out)
}

/// Read an issuingDistributionPoint extension value; relative names are resolved against
/// `crl_issuer`.
pub(crate) fn parse_issuing_distribution_point(
    ext_value: &[u8],
    crl_issuer: &NameKey,
) -> Result<IssuingDistributionPoint> {
    const WHAT: &str = "issuingDistributionPoint";
    let (tag, content, rest) = tlv(ext_value, WHAT)?;
    if tag != 0x30 || !rest.is_empty() {
        return Err(bad(WHAT, "not one SEQUENCE"));
    }
    let mut idp = IssuingDistributionPoint::default();
    let mut last = 0u8;
    for (t, c, _) in elements(content, WHAT)? {
        // Context tags [0] .. [5] appear at most once, in order.
        if t & 0x1f < last {
            return Err(bad(WHAT, "fields out of order or repeated"));
        }
        last = (t & 0x1f) + 1;
        match t {
            0xA0 => idp.name = Some(dp_name(c, crl_issuer, WHAT)?),
            0x81 => idp.only_user_certs = boolean(c, WHAT)?,
            0x82 => idp.only_ca_certs = boolean(c, WHAT)?,
            0x83 => idp.only_some_reasons = Some(reason_flags(c, WHAT)?),
            0x84 => idp.indirect = boolean(c, WHAT)?,
            0x85 => idp.only_attribute_certs = boolean(c, WHAT)?,
            t => return Err(bad(WHAT, format!("unexpected field tag 0x{t:02x}"))),
        }
    }
    Ok(idp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer() -> NameKey {
        // CN=CA
        crate::name::Name::from_der(&[
            0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x02, b'C',
            b'A',
        ])
        .unwrap()
        .key()
        .clone()
    }

    #[test]
    fn relative_name_with_reasons_and_crl_issuer_survives() {
        // SEQUENCE { SEQUENCE { [0] { [1] { SEQUENCE { OID CN, UTF8 "X" } } }, [1] 0x0640 (keyCompromise... ), } }
        let atv = [0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x01, b'X'];
        let mut rel = vec![0xA1, atv.len() as u8];
        rel.extend_from_slice(&atv);
        let mut name = vec![0xA0, rel.len() as u8];
        name.extend(rel);
        let reasons = [0x81, 0x02, 0x05, 0x60]; // keyCompromise (1), cACompromise (2)
        let mut dp = vec![0x30, (name.len() + reasons.len()) as u8];
        dp.extend(name);
        dp.extend_from_slice(&reasons);
        let mut ext = vec![0x30, dp.len() as u8];
        ext.extend(dp);
        let dps = parse_crl_distribution_points(&ext, &issuer()).unwrap();
        assert_eq!(dps.len(), 1);
        let GeneralNameKey::Directory(full) = &dps[0].name.as_ref().unwrap().0[0] else {
            panic!()
        };
        assert_ne!(full, &issuer());
        let r = dps[0].reasons.unwrap();
        assert!(r.contains_all(ReasonSet::from_flags(0b110)));
        assert!(!r.contains_all(ReasonSet::from_flags(0b1000)));
    }

    #[test]
    fn idp_flags() {
        let ext = [0x30, 0x06, 0x82, 0x01, 0xFF, 0x84, 0x01, 0xFF];
        let idp = parse_issuing_distribution_point(&ext, &issuer()).unwrap();
        assert!(idp.only_ca_certs && idp.indirect && !idp.only_user_certs && idp.name.is_none());
        assert!(
            parse_issuing_distribution_point(&[0x30, 0x03, 0x82, 0x01, 0x01], &issuer()).is_err()
        );
        assert!(parse_issuing_distribution_point(
            &[0x30, 0x06, 0x84, 0x01, 0xFF, 0x82, 0x01, 0xFF],
            &issuer()
        )
        .is_err());
    }

    #[test]
    fn truncations_are_errors() {
        let ext = [0x30, 0x06, 0x82, 0x01, 0xFF, 0x84, 0x01, 0xFF];
        for n in 0..ext.len() {
            assert!(parse_issuing_distribution_point(&ext[..n], &issuer()).is_err());
            assert!(parse_crl_distribution_points(&ext[..n], &issuer()).is_err());
        }
    }
}
