//! The certificate reader as it was before `parse.rs`: the strict skeleton check of
//! `der::check_certificate`, then x509-parser. Kept for the tests only, as the oracle of the
//! differential test below: the new reader must give the same fields, the same problems and
//! the same refusals on every certificate of the test material.

use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::{FromDer, X509Certificate};

use sha2::{Digest, Sha256};

use super::*;
use crate::oid::{EKU_CODE_SIGNING, EKU_OCSP_SIGNING, EKU_SERVER_AUTH, EKU_TIME_STAMPING};
use old_distribution_point::parse_crl_distribution_points;

mod old_distribution_point;

/// Parse one certificate the old way (the size bound is the caller's).
pub(super) fn parse_old(der: &[u8]) -> Result<Inner> {
    let malformed = |reason: String| Error::MalformedDer {
        what: "certificate",
        reason,
    };
    // x509-parser tolerates leftovers inside containers and SEQUENCEs by tag number
    // alone: the skeleton is checked strictly first (see der.rs).
    crate::der::check_certificate(der)?;
    let (rest, x) = X509Certificate::from_der(der).map_err(|e| malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(malformed(format!("{} bytes of trailing data", rest.len())));
    }
    let tbs_raw: &[u8] = x.tbs_certificate.as_ref();
    let tbs_start = (tbs_raw.as_ptr() as usize).wrapping_sub(der.as_ptr() as usize);
    let tbs = tbs_start..tbs_start + tbs_raw.len();
    if der.get(tbs.clone()) != Some(tbs_raw) {
        return Err(malformed("cannot locate tbsCertificate".into()));
    }
    // The outer and inner signature algorithm identifiers must agree (RFC 5280 4.1.1.2).
    if x.signature_algorithm != x.tbs_certificate.signature {
        return Err(malformed(
            "signatureAlgorithm differs from tbsCertificate.signature".into(),
        ));
    }
    let issuer = Name::from_x509(x.issuer());
    let subject = Name::from_x509(x.subject());
    let mut basic_constraints = None;
    let mut key_usage = None;
    let mut extended_key_usage = None;
    let mut extended_key_usage_critical = false;
    let mut subject_key_id = None;
    let mut authority_key_id = None;
    let mut crl_distribution_points = Vec::new();
    let mut policies = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for ext in x.extensions() {
        let oid = ext.oid.to_id_string();
        if !seen.insert(oid.clone()) {
            return Err(malformed(format!("duplicate extension {oid}")));
        }
        let may_be_critical = MAY_BE_CRITICAL.contains(&oid.as_str());
        let known = may_be_critical || MUST_NOT_BE_CRITICAL.contains(&oid.as_str());
        if UNENFORCED_CONSTRAINTS.contains(&oid.as_str()) {
            problems.push(format!(
                "{oid} (constraint extension not enforced by this library)"
            ));
            continue;
        }
        if ext.critical && MUST_NOT_BE_CRITICAL.contains(&oid.as_str()) {
            problems.push(format!("{oid} (must not be critical)"));
        }
        if oid == EXT_CRL_DISTRIBUTION_POINTS {
            crl_distribution_points = parse_crl_distribution_points(ext.value, issuer.key())?;
            continue;
        }
        match ext.parsed_extension() {
            ParsedExtension::BasicConstraints(bc) => {
                basic_constraints = Some(BasicConstraints {
                    ca: bc.ca,
                    path_len: bc.path_len_constraint,
                })
            }
            ParsedExtension::KeyUsage(ku) => key_usage = Some(KeyUsage(ku.flags)),
            ParsedExtension::ExtendedKeyUsage(eku) => {
                let mut v = Vec::new();
                if eku.any {
                    v.push(EKU_ANY.to_string());
                }
                if eku.server_auth {
                    v.push(EKU_SERVER_AUTH.to_string());
                }
                if eku.client_auth {
                    v.push(EKU_CLIENT_AUTH.to_string());
                }
                if eku.code_signing {
                    v.push(EKU_CODE_SIGNING.to_string());
                }
                if eku.email_protection {
                    v.push(EKU_EMAIL_PROTECTION.to_string());
                }
                if eku.time_stamping {
                    v.push(EKU_TIME_STAMPING.to_string());
                }
                if eku.ocsp_signing {
                    v.push(EKU_OCSP_SIGNING.to_string());
                }
                v.extend(eku.other.iter().map(|o| o.to_id_string()));
                if v.is_empty() {
                    // ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX): an empty one would
                    // read as "no restriction".
                    return Err(malformed("empty extKeyUsage".into()));
                }
                if v.iter().any(String::is_empty) {
                    return Err(malformed("extKeyUsage with an empty OID".into()));
                }
                extended_key_usage = Some(v);
                extended_key_usage_critical = ext.critical;
            }
            ParsedExtension::SubjectKeyIdentifier(k) => subject_key_id = Some(k.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            ParsedExtension::CertificatePolicies(ps) => {
                policies = ps.iter().map(|p| p.policy_id.to_id_string()).collect()
            }
            ParsedExtension::ParseError { error } => {
                if known {
                    return Err(malformed(format!("extension {oid}: {error}")));
                }
                if ext.critical {
                    problems.push(format!("{oid} (unsupported critical extension)"));
                }
                continue;
            }
            _ => {}
        }
        if ext.critical && !known {
            problems.push(format!("{oid} (unsupported critical extension)"));
        }
    }
    // RFC 5280 §4.2.1.9: keyCertSign only with cA (and cA only with keyCertSign when
    // keyUsage is present, §4.2.1.3).
    let ca = basic_constraints.is_some_and(|b: BasicConstraints| b.ca);
    if key_usage.is_some_and(|k: KeyUsage| k.has(KeyUsage::KEY_CERT_SIGN)) && !ca {
        problems.push("keyUsage keyCertSign without basicConstraints cA".to_string());
    }
    let fingerprint: [u8; 32] = Sha256::digest(der).into();
    Ok(Inner {
        der: der.to_vec(),
        tbs,
        signature_algorithm: SignatureAlgorithm::from_x509(&x.signature_algorithm),
        signature: x.signature_value.data.to_vec(),
        // wrapping: the old code's `+ 1` overflowed (a panic in debug builds) at u32::MAX.
        version: x.version().0.wrapping_add(1),
        serial: x.raw_serial().to_vec(),
        issuer,
        subject,
        not_before: timestamp(x.validity().not_before.timestamp())?,
        not_after: timestamp(x.validity().not_after.timestamp())?,
        public_key: PublicKey::from_x509(x.public_key()),
        basic_constraints,
        key_usage,
        extended_key_usage,
        extended_key_usage_critical,
        subject_key_id,
        authority_key_id,
        crl_distribution_points,
        policies,
        problems,
        facts: std::sync::OnceLock::new(),
        fingerprint,
        key_id: std::sync::OnceLock::new(),
        holder_id: std::sync::OnceLock::new(),
    })
}

#[cfg(test)]
mod tests;
