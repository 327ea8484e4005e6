//! The CRL extensions (crlExtensions): cRLNumber, deltaCRLIndicator,
//! issuingDistributionPoint, authorityKeyIdentifier and the critical ones not processed;
//! and the dotted form of OIDs for messages.

use super::*;

#[derive(Default)]
pub(super) struct CrlExtensions {
    pub(super) crl_number: Option<CrlNumber>,
    pub(super) delta_base: Option<CrlNumber>,
    pub(super) issuing_distribution_point: Option<IssuingDistributionPoint>,
    pub(super) authority_key_id: Option<Vec<u8>>,
    pub(super) expired_certs_on_crl: Option<DateTime<Utc>>,
    pub(super) unprocessed_critical: Vec<String>,
}

pub(super) fn parse_crl_extensions(tagged: Tlv<'_>, crl_issuer: &NameKey) -> Result<CrlExtensions> {
    let mut out = CrlExtensions::default();
    let mut r = tagged.inner();
    let list = r.expect(TAG_SEQUENCE, "crlExtensions")?;
    r.finish("crlExtensions")?;
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut r = list.inner();
    while !r.is_empty() {
        const EXT: &str = "CRL extension";
        let tlv = r.expect(TAG_SEQUENCE, EXT)?;
        let mut e = tlv.inner();
        let oid = e.expect(TAG_OID, EXT)?.content;
        // BER's BOOLEAN, as x509-parser read this flag (any non-zero octet is TRUE; an
        // explicit FALSE is accepted): CRLs from encoders that deviate stay usable.
        let critical = match e.read_optional(TAG_BOOLEAN, EXT)? {
            Some(b) => match b.content {
                [v] => *v != 0,
                _ => return Err(malformed("CRL extension: invalid critical flag")),
            },
            None => false,
        };
        let value = e.expect(TAG_OCTET_STRING, EXT)?.content;
        e.finish(EXT)?;
        let name = || oid_string(oid);
        if seen.iter().any(|s| s == oid) {
            return Err(malformed(format!("duplicate CRL extension {}", name())));
        }
        seen.push(oid.to_vec());
        let bad = |e: &dyn fmt::Display| malformed(format!("CRL extension {}: {e}", name()));
        // RFC 5280 §5.2: these MUST NOT be critical; a CRL that marks them so is not used.
        if critical
            && matches!(
                oid,
                OID_CRL_NUMBER | OID_AUTHORITY_KEY_ID | OID_FRESHEST_CRL
            )
        {
            out.unprocessed_critical
                .push(format!("{} (must not be critical)", name()));
        }
        match oid {
            OID_CRL_NUMBER => out.crl_number = Some(parse_crl_number(value, "cRLNumber")?),
            OID_DELTA_CRL_INDICATOR => {
                out.delta_base = Some(parse_crl_number(value, "deltaCRLIndicator")?)
            }
            OID_ISSUING_DISTRIBUTION_POINT => {
                // Read from the raw value: see certificate::distribution_point.
                out.issuing_distribution_point = Some(
                    crate::certificate::distribution_point::parse_issuing_distribution_point(
                        value, crl_issuer,
                    )?,
                )
            }
            OID_AUTHORITY_KEY_ID => match crate::certificate::authority_key_id(value) {
                Ok(k) => out.authority_key_id = k.map(<[u8]>::to_vec),
                Err(e) => return Err(bad(&e)),
            },
            OID_EXPIRED_CERTS_ON_CRL => {
                let mut r = Reader::named(value, WHAT);
                let t = r.expect(TAG_GENERALIZED_TIME, "ExpiredCertsOnCRL")?;
                r.finish("ExpiredCertsOnCRL")?;
                out.expired_certs_on_crl = Some(to_datetime(parse_time(t, "ExpiredCertsOnCRL")?)?);
            }
            // Known and harmless: they only point elsewhere.
            OID_FRESHEST_CRL | OID_ISSUER_ALT_NAME => {}
            _ => {
                if critical {
                    out.unprocessed_critical.push(name());
                }
            }
        }
    }
    Ok(out)
}

/// An extnValue holding one non-negative INTEGER (cRLNumber, BaseCRLNumber).
fn parse_crl_number(value: &[u8], what: &'static str) -> Result<CrlNumber> {
    let mut r = Reader::named(value, WHAT);
    let int = crate::der::expect_der_integer(&mut r, what)?;
    r.finish(what)?;
    CrlNumber::from_integer_content(int.content).map_err(|e| malformed(format!("{what}: {e}")))
}

/// Dotted form of OID content octets (hex when they are not a valid OID).
pub(super) fn oid_string(bytes: &[u8]) -> String {
    crate::ber::oid_to_string(bytes).unwrap_or_else(|| format!("OID {}", hex_upper(bytes)))
}
