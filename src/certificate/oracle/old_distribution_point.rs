//! The cRLDistributionPoints reader as it was (general names and relative names read by
//! x509-parser), for the differential test's oracle only.

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::FromDer;
use x509_parser::x509::RelativeDistinguishedName;

use crate::certificate::{DistributionPoint, ReasonSet};
use crate::der::Reader;
use crate::error::{Error, Result};
use crate::name::{DistributionPointName, GeneralNameKey, NameKey, RelativeName};

/// Most distribution points / general names read from one extension.
const MAX_ITEMS: usize = 256;

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
fn general_names(content: &[u8], what: &'static str) -> Result<Vec<GeneralNameKey>> {
    elements(content, what)?
        .into_iter()
        .map(|(_, _, whole)| match GeneralName::from_der(whole) {
            Ok(([], g)) => Ok(GeneralNameKey::from_x509(&g)),
            Ok(_) => Err(bad(what, "trailing data in GeneralName")),
            Err(e) => Err(bad(what, format!("GeneralName: {e}"))),
        })
        .collect()
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
        0xA1 => {
            // Re-tag the [1] IMPLICIT content as the SET it stands for.
            let mut set = vec![0x31];
            encode_len(content.len(), &mut set);
            set.extend_from_slice(content);
            match RelativeDistinguishedName::from_der(&set) {
                Ok(([], rdn)) => Ok(RelativeName::from_x509(&rdn).resolve(base)),
                Ok(_) => Err(bad(what, "trailing data in nameRelativeToCRLIssuer")),
                Err(e) => Err(bad(what, format!("nameRelativeToCRLIssuer: {e}"))),
            }
        }
        t => Err(bad(
            what,
            format!("unexpected DistributionPointName tag 0x{t:02x}"),
        )),
    }
}

fn encode_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
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
