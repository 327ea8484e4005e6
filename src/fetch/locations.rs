//! Where a certificate says its revocation evidence is published: the http URLs of its
//! cRLDistributionPoints (complete CRLs), its FreshestCRL (delta CRLs, RFC 5280 §5.2.6)
//! and its authorityInfoAccess OCSP responders (§4.2.2.1).

use crate::certificate::{distribution_point::parse_crl_distribution_points, Certificate};
use crate::der::{Reader, TAG_OID, TAG_SEQUENCE};
use crate::name::GeneralNameKey;
use crate::oid::{EXT_AUTHORITY_INFO_ACCESS, EXT_FRESHEST_CRL};

/// id-ad-ocsp (1.3.6.1.5.5.7.48.1), DER contents.
const ID_AD_OCSP: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

/// Most URLs taken from one certificate of each kind: a certificate naming more is
/// hostile or broken, and each URL is a request.
const MAX_PER_CERTIFICATE: usize = 4;

/// The revocation URLs one certificate names (http only, at most four of each kind).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locations {
    /// Complete CRLs (cRLDistributionPoints).
    pub crls: Vec<String>,
    /// Delta CRLs (FreshestCRL).
    pub delta_crls: Vec<String>,
    /// OCSP responders (authorityInfoAccess id-ad-ocsp).
    pub ocsp: Vec<String>,
}

impl Locations {
    /// The URLs `cert` names. A FreshestCRL or authorityInfoAccess that does not decode
    /// names nothing (the certificate was judged readable without them).
    pub fn of(cert: &Certificate) -> Locations {
        let crls = http_uris(
            cert.crl_distribution_points()
                .iter()
                .flat_map(|dp| dp.name.iter().flat_map(|n| n.0.iter())),
        );
        let delta_crls = cert
            .extension_value(EXT_FRESHEST_CRL)
            .and_then(|v| parse_crl_distribution_points(v, cert.issuer().key()).ok())
            .map(|dps| {
                http_uris(
                    dps.iter()
                        .flat_map(|dp| dp.name.iter().flat_map(|n| n.0.iter())),
                )
            })
            .unwrap_or_default();
        let ocsp = cert
            .extension_value(EXT_AUTHORITY_INFO_ACCESS)
            .map(ocsp_uris)
            .unwrap_or_default();
        Locations {
            crls,
            delta_crls,
            ocsp,
        }
    }
}

fn http_uris<'a>(names: impl Iterator<Item = &'a GeneralNameKey>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if let GeneralNameKey::Uri(uri) = name {
            if super::http::check_url(uri).is_ok() && !out.contains(uri) {
                out.push(uri.clone());
            }
        }
        if out.len() == MAX_PER_CERTIFICATE {
            break;
        }
    }
    out
}

/// The http OCSP responders of an authorityInfoAccess value.
fn ocsp_uris(value: &[u8]) -> Vec<String> {
    const W: &str = "authorityInfoAccess";
    let mut out = Vec::new();
    let Ok(list) = Reader::named(value, W).expect(TAG_SEQUENCE, W) else {
        return out;
    };
    let mut l = list.inner();
    while !l.is_empty() && out.len() < MAX_PER_CERTIFICATE {
        let Ok(description) = l.expect(TAG_SEQUENCE, W) else {
            break;
        };
        let mut d = description.inner();
        let (Ok(method), Ok(location)) = (d.expect(TAG_OID, W), d.read(W)) else {
            break;
        };
        // uniformResourceIdentifier [6] IA5String.
        if method.content != ID_AD_OCSP || location.tag != 0x86 {
            continue;
        }
        if let Ok(uri) = std::str::from_utf8(location.content) {
            if super::http::check_url(uri).is_ok() && !out.iter().any(|u| u == uri) {
                out.push(uri.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(path: &str) -> Option<Certificate> {
        let bytes = std::fs::read(path).ok()?;
        Certificate::from_input(&bytes).ok()
    }

    #[test]
    fn a_real_nca_certificate_names_its_crls_and_responder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/nca-test-pki");
        let files = [
            "rsa/individual_sign_2022.cer",
            "gost2015-2025/individual_valid.cer",
        ];
        let Some(found) = files
            .iter()
            .filter_map(|f| cert(&format!("{dir}/{f}")))
            .find(|c| !Locations::of(c).crls.is_empty())
        else {
            eprintln!("skipped: no NCA certificate with a CRL URL under {dir}");
            return;
        };
        let l = Locations::of(&found);
        assert!(l.crls.iter().all(|u| u.starts_with("http://")), "{l:?}");
    }

    #[test]
    fn the_project_end_entity_names_http_locations_only() {
        let c = cert(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/test-vectors/pki/individual_sign.cer"
        ))
        .expect("the test PKI");
        let l = Locations::of(&c);
        for url in l.crls.iter().chain(&l.delta_crls).chain(&l.ocsp) {
            assert!(url.starts_with("http://"), "{url}");
        }
    }
}
