//! The DER walk of a CertificateList: the outer structure, the tbsCertList header (version,
//! algorithm identifiers, issuer, times), then the CRL extensions and the entry index.

use super::*;

/// What [`parse()`] reads from a CertificateList, for [`Crl::from_der`] to keep.
pub(super) struct Parsed {
    pub(super) tbs: Range<usize>,
    pub(super) signature: Range<usize>,
    pub(super) signature_algorithm: SignatureAlgorithm,
    pub(super) issuer: Name,
    pub(super) this_update: DateTime<Utc>,
    pub(super) next_update: Option<DateTime<Utc>>,
    pub(super) crl_number: Option<CrlNumber>,
    pub(super) delta_base: Option<CrlNumber>,
    pub(super) issuing_distribution_point: Option<IssuingDistributionPoint>,
    pub(super) authority_key_id: Option<Vec<u8>>,
    pub(super) expired_certs_on_crl: Option<DateTime<Utc>>,
    pub(super) unprocessed_critical: Vec<String>,
    pub(super) unprocessed_critical_entry: Option<String>,
    pub(super) revoked: Option<Range<usize>>,
    pub(super) records: Vec<Record>,
    pub(super) issuers: Vec<NameKey>,
    pub(super) empty_name: NameKey,
}

pub(super) fn parse(der: &[u8], hash_keys: &RandomState) -> Result<Parsed> {
    let mut top = Reader::named(der, WHAT);
    let list = top.expect(TAG_SEQUENCE, "CertificateList")?;
    if !top.is_empty() {
        return Err(malformed(format!(
            "{} bytes of trailing data after the CertificateList",
            top.remaining().len()
        )));
    }
    let mut r = list.inner();
    let tbs = r.expect(TAG_SEQUENCE, "tbsCertList")?;
    let outer_alg = r.expect(TAG_SEQUENCE, "signatureAlgorithm")?;
    let sig = r.expect(TAG_BIT_STRING, "signatureValue")?;
    r.finish("CertificateList")?;

    // A signature is whole octets. One with unused bits (PKITS BadCRLSignatureCACRL) is
    // kept as an empty value, which no key verifies: the CRL loads, its signature fails.
    let signature = match sig.content.first() {
        None => return Err(malformed("signatureValue: empty BIT STRING")),
        Some(0) => sig.content_start() + 1..sig.end(),
        Some(_) => sig.end()..sig.end(),
    };

    let mut t = tbs.inner();
    if t.peek_tag() == Some(TAG_INTEGER) {
        let v = crate::der::expect_der_integer(&mut t, "version")?;
        if v.content != [1] {
            return Err(malformed(format!(
                "unsupported CRL version (INTEGER {})",
                hex_upper(v.content)
            )));
        }
    }
    let inner_alg = t.expect(TAG_SEQUENCE, "tbsCertList.signature")?;
    same_algorithm(outer_alg, inner_alg)?;
    let (alg_oid, alg_params) = read_algorithm_identifier(outer_alg, WHAT)?;
    let signature_algorithm = SignatureAlgorithm::from_parts(&alg_oid, alg_params);
    let issuer = Name::from_tlv(t.expect(TAG_SEQUENCE, "issuer")?, WHAT)?;
    let this_update = to_datetime(parse_time(t.read("thisUpdate")?, "thisUpdate")?)?;
    let next_update = match t.peek_tag() {
        Some(TAG_UTC_TIME | TAG_GENERALIZED_TIME) => Some(to_datetime(parse_time(
            t.read("nextUpdate")?,
            "nextUpdate",
        )?)?),
        _ => None,
    };
    let revoked = t.read_optional(TAG_SEQUENCE, "revokedCertificates")?;
    let extensions = t.read_optional(TAG_CRL_EXTENSIONS, "crlExtensions")?;
    t.finish("tbsCertList")?;

    // CRL extensions first: whether the CRL is indirect decides how entries are attributed.
    let ext = match extensions {
        Some(tlv) => parse_crl_extensions(tlv, issuer.key())?,
        None => CrlExtensions::default(),
    };
    let indirect = ext
        .issuing_distribution_point
        .as_ref()
        .is_some_and(|i| i.indirect);

    let empty_name = Name::from_der(&[TAG_SEQUENCE, 0])?.key().clone();
    let (records, issuers, unprocessed_critical_entry) = match revoked {
        Some(list) => index_entries(list, issuer.key(), indirect, hash_keys)?,
        None => (Vec::new(), vec![issuer.key().clone()], None),
    };

    Ok(Parsed {
        tbs: tbs.start..tbs.end(),
        signature,
        signature_algorithm,
        issuer,
        this_update,
        next_update,
        crl_number: ext.crl_number,
        delta_base: ext.delta_base,
        issuing_distribution_point: ext.issuing_distribution_point,
        authority_key_id: ext.authority_key_id,
        expired_certs_on_crl: ext.expired_certs_on_crl,
        unprocessed_critical: ext.unprocessed_critical,
        unprocessed_critical_entry,
        revoked: revoked.map(|l| l.content_start()..l.end()),
        records,
        issuers,
        empty_name,
    })
}

/// The outer signatureAlgorithm and tbsCertList.signature must name the same algorithm:
/// same OID, same parameters, where absent parameters and NULL are the same (NCA GOST CRLs
/// omit the inner NULL).
fn same_algorithm(outer: Tlv<'_>, inner: Tlv<'_>) -> Result<()> {
    fn split<'a>(alg: Tlv<'a>, what: &'static str) -> Result<(&'a [u8], &'a [u8])> {
        let mut r = alg.inner();
        let oid = r.expect(TAG_OID, what)?;
        let params = r.remaining();
        let params: &[u8] = if params == [0x05, 0x00] { &[] } else { params };
        Ok((oid.content, params))
    }
    let (outer_oid, outer_params) = split(outer, "signatureAlgorithm")?;
    let (inner_oid, inner_params) = split(inner, "tbsCertList.signature")?;
    if outer_oid != inner_oid {
        return Err(malformed(format!(
            "signatureAlgorithm {} differs from tbsCertList.signature {}",
            oid_string(outer_oid),
            oid_string(inner_oid)
        )));
    }
    if outer_params != inner_params {
        return Err(malformed(
            "signatureAlgorithm parameters differ from tbsCertList.signature parameters",
        ));
    }
    Ok(())
}
