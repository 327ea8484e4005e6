//! Verifying a time-stamp token: the TSA's CMS signature and certificate at genTime, the
//! messageImprint against the data, the TSTInfo's own statements (see the module
//! documentation for the rules).

use chrono::{DateTime, Utc};

use super::parse::{MessageImprint, TimeStampToken, TsaName, TstInfo};
use super::{Imprinted, TimeStampVerdict};
use crate::certificate::{Certificate, KeyUsage};
use crate::cms::{algorithms, CertDigests, VerifyOptions};
use crate::condition::{Expectation, Purpose, TimeSource, Verifier};
use crate::name::hex_upper;
use crate::oid::EKU_TIME_STAMPING;
use crate::verdict::{overall, Check, CheckName, Outcome, ReasonKind, Refusal, Verdict};

impl TimeStampToken {
    /// Verify the token: the TSA's signature and certificate (judged at genTime, checked
    /// at `checked_at`, the caller's time) and the messageImprint against `imprinted`.
    pub fn verify(
        &self,
        imprinted: Imprinted<'_>,
        verifier: &Verifier,
        checked_at: DateTime<Utc>,
    ) -> TimeStampVerdict {
        self.verify_with(imprinted, verifier, checked_at, &[])
    }

    /// As [`TimeStampToken::verify`], with untrusted certificates offered besides those the
    /// token carries (to find the TSA's certificate and build its path).
    pub fn verify_with(
        &self,
        imprinted: Imprinted<'_>,
        verifier: &Verifier,
        checked_at: DateTime<Utc>,
        extra: &[Certificate],
    ) -> TimeStampVerdict {
        self.verify_sharing(
            imprinted,
            verifier,
            checked_at,
            extra,
            &CertDigests::default(),
        )
    }

    /// As [`TimeStampToken::verify_with`], the certificate digests (ESS bindings) shared
    /// with the document the token is on and its other tokens: each is offered the same
    /// certificates, and would otherwise hash them all again.
    pub(crate) fn verify_sharing(
        &self,
        imprinted: Imprinted<'_>,
        verifier: &Verifier,
        checked_at: DateTime<Utc>,
        extra: &[Certificate],
        cert_digests: &CertDigests,
    ) -> TimeStampVerdict {
        let tst = self.tst_info();
        let gen_time = tst.gen_time();
        let (mut checks, tsa_verdict) =
            self.tsa_signature(verifier, checked_at, extra, cert_digests);
        let tsa_cert = tsa_verdict.as_ref().map(|v| v.certificate().clone());

        let after_signature = checks
            .iter()
            .position(|c| c.check == CheckName::Signature)
            .map_or(checks.len(), |i| i + 1);
        let own = [
            imprint_check(tst.message_imprint(), imprinted),
            statements_check(tst, tsa_cert.as_ref(), checked_at),
            eku_check(tsa_cert.as_ref()),
        ];
        checks.splice(after_signature..after_signature, own);

        let imprint = tst.message_imprint();
        TimeStampVerdict {
            verdict: overall(&checks),
            refusal: Refusal::from_checks(&checks),
            checks,
            gen_time,
            policy: tst.policy().to_string(),
            serial: tst.serial_hex(),
            tsa: tsa_verdict.as_ref().map(|v| v.subject_dn().to_string()),
            tsa_field: tst.tsa().map(ToString::to_string),
            hash_algorithm: imprint.algorithm_name(),
            hashed_message: hex_upper(imprint.hashed_message()),
            accuracy: tst.accuracy(),
            ordering: tst.ordering(),
            nonce: tst.nonce().map(hex_upper),
            checked_at,
            tsa_certificate: tsa_verdict,
        }
    }
    /// The TSA's signature, as the CMS verifier judges the token's SignedData with the TSA's
    /// certificate at genTime (a claimed time, checked at `checked_at`): its CMS checks
    /// (`signer_certificate`, `content_type`, `message_digest`, `signing_certificate`,
    /// `signature`), a failed `signing_certificate` when the ESS attribute is missing
    /// (RFC 3161 §2.4.1 makes it mandatory here), then the certificate condition's checks
    /// on the TSA's certificate; and that certificate's verdict, when it was found.
    /// Shared by [`TimeStampToken::verify`] and [`TimeStampToken::check_integrity`], so
    /// that a token a client takes is held to the same signature checks as a token judged.
    fn tsa_signature(
        &self,
        verifier: &Verifier,
        checked_at: DateTime<Utc>,
        extra: &[Certificate],
        cert_digests: &CertDigests,
    ) -> (Vec<Check>, Option<Verdict>) {
        // The TSA's certificate at genTime, genTime being the TSA's own claim.
        let expectation = Expectation {
            purpose: Purpose::Any,
            time_source: TimeSource::Claimed { checked_at },
            ..Expectation::at(self.tst_info().gen_time())
        };
        let mut options = VerifyOptions::new(expectation);
        options.extra_certificates = extra.to_vec();
        options.inside_time_stamp = true;
        let cms = self
            .signed_data()
            .verify_sharing(verifier, &options, cert_digests);
        let signer = cms.signers.into_iter().next();

        let mut checks: Vec<Check> = match &signer {
            Some(s) => s.checks.clone(),
            // Unreachable: a token is read with exactly one SignerInfo.
            None => vec![Check::new(
                CheckName::Signature,
                Outcome::Unknown,
                ReasonKind::Missing,
                "the token carries no SignerInfo",
            )],
        };
        let tsa_verdict = signer.and_then(|s| s.certificate);

        // RFC 3161 §2.4.1 (and RFC 5816): the TSA's certificate MUST be identified by an
        // ESS signingCertificate(V2) attribute, so no other certificate with the same key
        // can be passed off as the TSA's.
        let at = checks
            .iter()
            .position(|c| c.check == CheckName::Signature)
            .unwrap_or(checks.len());
        if !checks
            .iter()
            .any(|c| c.check == CheckName::SigningCertificate)
        {
            checks.insert(
                at,
                Check::new(
                    CheckName::SigningCertificate,
                    Outcome::Failed,
                    ReasonKind::Missing,
                    "the TSA's signature carries no ESS signingCertificate(V2) attribute, which RFC 3161 §2.4.1 requires",
                ),
            );
        }
        (checks, tsa_verdict)
    }

    /// Is the token whole, by itself: its CMS signature over its signed attributes (and
    /// through their messageDigest, over the TSTInfo) verifies with the key of the
    /// certificate the token carries, which its ESS signingCertificate(V2) attribute
    /// binds? `Err` names the checks that did not pass.
    ///
    /// Not trust: the certificate's path, validity and revocation are not looked at (the
    /// checks are those of [`TimeStampToken::verify`] on the TSA's signature, run with no
    /// trust anchor and only the token's own certificates). A time-stamp client asks this
    /// of a token before it takes it: a TSA reached over plain http may have its answer
    /// altered on the way, and a token whose signature does not hold, once embedded,
    /// makes the signer it is on invalid. Whether the TSA is to be trusted is judged
    /// where the token is verified.
    // Only the time-stamp client asks (and this module's tests).
    #[cfg(any(feature = "fetch", test))]
    pub(crate) fn check_integrity(&self) -> Result<(), String> {
        const PROVEN_BY_THE_TOKEN: [CheckName; 5] = [
            CheckName::SignerCertificate,
            CheckName::ContentType,
            CheckName::MessageDigest,
            CheckName::SigningCertificate,
            CheckName::Signature,
        ];
        let no_anchor = Verifier::builder().build();
        // The time only picks the TSA certificate's condition, which is not looked at:
        // genTime, so that no clock is read.
        let (checks, _) = self.tsa_signature(
            &no_anchor,
            self.tst_info().gen_time(),
            &[],
            &CertDigests::default(),
        );
        let proven: Vec<&Check> = checks
            .iter()
            .filter(|c| PROVEN_BY_THE_TOKEN.contains(&c.check))
            .collect();
        let not_passed: Vec<String> = proven
            .iter()
            .filter(|c| c.outcome != Outcome::Passed)
            .map(|c| c.quoted())
            .collect();
        let missing: Vec<&str> = PROVEN_BY_THE_TOKEN
            .iter()
            .filter(|n| !proven.iter().any(|c| c.check == **n))
            .map(|n| n.as_str())
            .collect();
        match (not_passed.is_empty(), missing.is_empty()) {
            (true, true) => Ok(()),
            _ => Err(not_passed
                .into_iter()
                .chain(missing.into_iter().map(|n| format!("{n}: not checked")))
                .collect::<Vec<_>>()
                .join("; ")),
        }
    }
}

/// `content`: the messageImprint against the data (or digest) given.
fn imprint_check(imprint: &MessageImprint, imprinted: Imprinted<'_>) -> Check {
    let unknown = |k, r: String| Check::new(CheckName::Content, Outcome::Unknown, k, r);
    let fail = |k, r: String| Check::new(CheckName::Content, Outcome::Failed, k, r);
    let carried = imprint.hashed_message();
    let h = match imprint.hash() {
        Ok(h) => h,
        Err(r) => {
            return unknown(
                ReasonKind::Unsupported,
                format!("messageImprint not checked: {r}"),
            )
        }
    };
    let name = h.name();
    if carried.len() != h.output_len() {
        return fail(
            ReasonKind::Malformed,
            format!(
                "messageImprint holds {} octets, a {name} digest has {}",
                carried.len(),
                h.output_len()
            ),
        );
    }
    let (actual, of) = match imprinted {
        Imprinted::Nothing => {
            return unknown(
                ReasonKind::NotAvailable,
                format!(
                "not checked: the time-stamped data was not supplied (messageImprint {name} {})",
                hex_upper(carried)
            ),
            )
        }
        Imprinted::Data(d) => (h.digest(d), "of the data"),
        Imprinted::Digest(d) => (d.to_vec(), "given"),
    };
    if actual != carried {
        return fail(ReasonKind::Mismatch, format!(
            "the {name} digest {of} is {}, messageImprint says {}: the token time-stamps other data",
            hex_upper(&actual),
            hex_upper(carried)
        ));
    }
    match algorithms::hash_acceptable(h) {
        Err(r) => unknown(ReasonKind::Unsupported, format!(
            "the {name} digest {of} equals messageImprint, but {r}: a collision could give other data the same imprint"
        )),
        Ok(()) => Check::passed(CheckName::Content, format!("the {name} digest {of} equals messageImprint {}", hex_upper(carried)),
        ),
    }
}

/// `timestamp`: what the TSTInfo states besides the imprint: the `tsa` name (a
/// directoryName must name the TSA's certificate, RFC 3161 §2.4.2; other name forms are
/// reported, the certificate being what identifies the TSA), no critical extension, and a
/// genTime not later than the caller's time (give or take the stated accuracy): a token
/// from the future is a TSA's clock gone wrong or a forged time, or the caller's clock
/// behind: not provable either way, so unknown. A token within its accuracy passes, but
/// proves no later time than the caller's ([`super::TimeStampVerdict::existed_by`]).
fn statements_check(
    tst: &TstInfo,
    tsa_cert: Option<&Certificate>,
    checked_at: DateTime<Utc>,
) -> Check {
    let mut failed = Vec::new();
    let mut unknown = Vec::new();
    let accuracy = tst
        .accuracy()
        .map_or(chrono::Duration::zero(), |a| a.duration());
    // Beyond the range of time only for a genTime near its start: earlier than any time.
    let earliest = tst.gen_time().checked_sub_signed(accuracy);
    if earliest.is_some_and(|t| t > checked_at) {
        unknown.push(format!(
            "genTime {} is later than the time it is checked at, {}",
            tst.gen_time().to_rfc3339(),
            checked_at.to_rfc3339()
        ));
    }
    let mut notes = vec![format!(
        "genTime {}{}, policy {}, serial {}",
        tst.gen_time().to_rfc3339(),
        tst.accuracy()
            .map(|a| format!(" (accuracy ±{}s {}ms {}µs)", a.seconds, a.millis, a.micros))
            .unwrap_or_default(),
        tst.policy(),
        tst.serial_hex()
    )];
    // RFC 3161 §2.4.2: the tsa field, when present, "MUST correspond to one of the subject
    // names included in the certificate" (review 47: only a directoryName was compared).
    match (tst.tsa(), tsa_cert) {
        (Some(name), Some(c)) => match holds_name(c, name) {
            Some(true) => notes.push(format!(
                "the tsa field \"{name}\" is a name of the TSA's certificate"
            )),
            Some(false) => failed.push(format!(
                "the tsa field names \"{name}\", a name the TSA's certificate \"{}\" does not hold (its subject and subjectAltName)",
                c.subject()
            )),
            None => unknown.push(format!(
                "the tsa field \"{name}\" is a form of name the library does not compare with the TSA's certificate"
            )),
        },
        (Some(name), None) => notes.push(format!("tsa field \"{name}\" (no certificate to compare)")),
        (None, _) => {}
    }
    for e in tst.extensions().iter().filter(|e| e.critical) {
        failed.push(format!("unsupported critical TSTInfo extension {}", e.oid));
    }
    if !failed.is_empty() {
        Check::new(
            CheckName::Timestamp,
            Outcome::Failed,
            ReasonKind::Invalid,
            failed.join("; "),
        )
    } else if !unknown.is_empty() {
        Check::new(
            CheckName::Timestamp,
            Outcome::Unknown,
            ReasonKind::StatusUnknown,
            unknown.join("; "),
        )
    } else {
        Check::passed(CheckName::Timestamp, notes.join("; "))
    }
}

/// Does `cert` hold the name `tsa` (its subject, or an entry of its subjectAltName), compared
/// as RFC 5280 §7 says: a directoryName by §7.1, a dNSName ignoring ASCII case, an
/// rfc822Name with its host part ignoring case, a URI with its scheme and host ignoring case
/// and the rest exact? `None` for a form of GeneralName not compared (otherName,
/// x400Address, ediPartyName, iPAddress, registeredID).
fn holds_name(cert: &Certificate, tsa: &TsaName) -> Option<bool> {
    use crate::der::Reader;
    if let TsaName::Other(_) = tsa {
        return None;
    }
    if let TsaName::Directory(n) = tsa {
        if n.matches(cert.subject()) {
            return Some(true);
        }
    }
    // The certificate's reader checked the extension's GeneralNames when it read the
    // certificate; an entry that does not read here is no name held.
    let Some(value) = cert.extension_value(crate::oid::EXT_SUBJECT_ALT_NAME) else {
        return Some(false);
    };
    let mut top = Reader::named(value, "subjectAltName");
    let Ok(names) = top.expect(crate::der::TAG_SEQUENCE, "subjectAltName") else {
        return Some(false);
    };
    let mut r = names.inner();
    while !r.is_empty() {
        let Ok(g) = r.read("GeneralName") else {
            break;
        };
        let held = match (tsa, g.tag) {
            (TsaName::Directory(n), 0xA4) => {
                let mut inner = g.inner();
                inner
                    .expect(crate::der::TAG_SEQUENCE, "directoryName")
                    .ok()
                    .and_then(|name| crate::name::Name::from_der(name.raw).ok())
                    .is_some_and(|held| n.matches(&held))
            }
            (TsaName::Text { kind, value }, 0x81 | 0x82 | 0x86) => {
                let held_kind = match g.tag {
                    0x81 => "email",
                    0x82 => "dns",
                    _ => "uri",
                };
                *kind == held_kind
                    && std::str::from_utf8(g.content)
                        .is_ok_and(|held| same_text_name(kind, value, held))
            }
            _ => false,
        };
        if held {
            return Some(true);
        }
    }
    Some(false)
}

/// Two rfc822Names, dNSNames or URIs compared as RFC 5280 §7.2-7.5 say (the host part of
/// an address and a URI's scheme and host without regard to ASCII case; the rest exact).
fn same_text_name(kind: &str, a: &str, b: &str) -> bool {
    match kind {
        "dns" => a.eq_ignore_ascii_case(b),
        "email" => match (a.rsplit_once('@'), b.rsplit_once('@')) {
            (Some((la, ha)), Some((lb, hb))) => la == lb && ha.eq_ignore_ascii_case(hb),
            _ => a == b,
        },
        _ => {
            // scheme "://" authority, then the rest.
            let split = |u: &str| -> Option<(String, String)> {
                let (scheme, rest) = u.split_once("://")?;
                let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
                Some((
                    format!("{}://{}", scheme, &rest[..end]).to_ascii_lowercase(),
                    rest[end..].to_string(),
                ))
            };
            match (split(a), split(b)) {
                (Some(x), Some(y)) => x == y,
                _ => a == b,
            }
        }
    }
}

/// `key_usage`: RFC 3161 §2.3: the TSA's certificate has extKeyUsage id-kp-timeStamping
/// only, marked critical; a keyUsage, when present, allows digitalSignature or
/// nonRepudiation.
fn eku_check(cert: Option<&Certificate>) -> Check {
    let fail = |r: String| {
        Check::new(
            CheckName::KeyUsage,
            Outcome::Failed,
            ReasonKind::NotPermitted,
            r,
        )
    };
    let Some(cert) = cert else {
        return Check::new(
            CheckName::KeyUsage,
            Outcome::Unknown,
            ReasonKind::NotAvailable,
            "not checked: the TSA's certificate is not available",
        );
    };
    let ekus = match cert.extended_key_usage() {
        None => {
            return fail(
                "the TSA's certificate has no extKeyUsage: RFC 3161 §2.3 requires id-kp-timeStamping, alone and critical"
                    .into(),
            )
        }
        Some(e) => e,
    };
    if ekus != [EKU_TIME_STAMPING] {
        return fail(format!(
            "the TSA's certificate has extKeyUsage {}: RFC 3161 §2.3 requires id-kp-timeStamping ({EKU_TIME_STAMPING}) alone",
            ekus.join(", ")
        ));
    }
    if !cert.extended_key_usage_is_critical() {
        return fail(
            "the TSA's extKeyUsage id-kp-timeStamping is not marked critical, as RFC 3161 §2.3 requires"
                .into(),
        );
    }
    if let Some(ku) = cert.key_usage() {
        if !ku.has(KeyUsage::DIGITAL_SIGNATURE) && !ku.has(KeyUsage::NON_REPUDIATION) {
            return fail(format!(
                "the TSA's keyUsage {} allows neither digitalSignature nor nonRepudiation",
                ku.names().join("+")
            ));
        }
    }
    Check::passed(
        CheckName::KeyUsage,
        "extKeyUsage id-kp-timeStamping only, critical (RFC 3161 §2.3)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_names_compare_as_rfc_5280_says() {
        assert!(same_text_name("dns", "TSP.pki.gov.kz", "tsp.PKI.gov.kz"));
        assert!(!same_text_name("dns", "tsp.pki.gov.kz", "tsp.pki.gov.kz."));
        assert!(same_text_name("email", "tsa@PKI.gov.kz", "tsa@pki.gov.KZ"));
        assert!(!same_text_name("email", "TSA@pki.gov.kz", "tsa@pki.gov.kz"));
        assert!(same_text_name(
            "uri",
            "HTTP://TSP.pki.gov.kz/a?b",
            "http://tsp.pki.gov.kz/a?b"
        ));
        assert!(!same_text_name(
            "uri",
            "http://tsp.pki.gov.kz/A",
            "http://tsp.pki.gov.kz/a"
        ));
        assert!(!same_text_name(
            "uri",
            "http://tsp.pki.gov.kz/",
            "http://tsp.pki.gov.kz.evil/"
        ));
    }
    use crate::signature::HashAlgorithm;

    fn imprint(h: std::result::Result<HashAlgorithm, String>, bytes: Vec<u8>) -> MessageImprint {
        MessageImprint {
            algorithm_oid: "1.2.3".into(),
            hash: h,
            hashed_message: bytes,
        }
    }

    #[test]
    fn imprints() {
        let data = b"data";
        let sha256 = HashAlgorithm::Sha256.digest(data);
        let ok = imprint(Ok(HashAlgorithm::Sha256), sha256.clone());
        let o = |i: &MessageImprint, x: Imprinted<'_>| imprint_check(i, x).outcome;
        assert_eq!(o(&ok, Imprinted::Data(data)), Outcome::Passed);
        assert_eq!(o(&ok, Imprinted::Digest(&sha256)), Outcome::Passed);
        assert_eq!(o(&ok, Imprinted::Data(b"other")), Outcome::Failed);
        assert_eq!(o(&ok, Imprinted::Digest(&sha256[..31])), Outcome::Failed);
        assert_eq!(o(&ok, Imprinted::Nothing), Outcome::Unknown);
        // An imprint shorter than its hash: malformed, whatever the data.
        let short = imprint(Ok(HashAlgorithm::Sha256), sha256[..20].to_vec());
        assert_eq!(o(&short, Imprinted::Nothing), Outcome::Failed);
        // An unknown hash proves nothing; SHA-1 proves a mismatch, never a match.
        let unknown = imprint(Err("unknown".into()), sha256.clone());
        assert_eq!(o(&unknown, Imprinted::Data(data)), Outcome::Unknown);
        let sha1 = imprint(Ok(HashAlgorithm::Sha1), HashAlgorithm::Sha1.digest(data));
        assert_eq!(o(&sha1, Imprinted::Data(data)), Outcome::Unknown);
        assert_eq!(o(&sha1, Imprinted::Data(b"other")), Outcome::Failed);
        // A GOST imprint.
        let g = HashAlgorithm::Gost(crate::gost::GostHash::Streebog256);
        let gost = imprint(Ok(g), g.digest(data));
        assert_eq!(o(&gost, Imprinted::Data(data)), Outcome::Passed);
    }

    fn cert(path: &str) -> Certificate {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        Certificate::from_input(&std::fs::read(p).unwrap()).unwrap()
    }

    fn token(name: &str) -> TimeStampToken {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki/tsa")
            .join(name);
        let message = super::super::TspMessage::from_input(&std::fs::read(p).unwrap()).unwrap();
        message.token().unwrap().clone()
    }

    /// A token's integrity is its signature and ESS binding against the certificate it
    /// carries, not trust: a TSA certificate expired at genTime, or one with the wrong
    /// extKeyUsage, leaves the token whole; one octet of the signature changed does not.
    #[test]
    fn integrity_is_the_signature_against_the_carried_certificate() {
        for name in [
            "token_valid.tsr",
            "token_expired_tsa.tsr",
            "token_email_eku.tsr",
            "token_other_data.tsr",
        ] {
            assert_eq!(token(name).check_integrity(), Ok(()), "{name}");
        }
        let genuine = token("token_valid.tsr");
        let signature = genuine.signed_data().signers()[0].signature().to_vec();
        let mut der = genuine.der().to_vec();
        let at = der
            .windows(signature.len())
            .position(|w| w == signature.as_slice())
            .unwrap();
        der[at + signature.len() / 2] ^= 0x01;
        let broken = TimeStampToken::from_ber(&der).unwrap();
        let why = broken.check_integrity().unwrap_err();
        assert!(why.starts_with("signature: "), "{why}");
    }

    #[test]
    fn time_stamping_key_usage() {
        let o = |p: &str| eku_check(Some(&cert(p))).outcome;
        assert_eq!(o("test-vectors/pki/tsa/tsa.cer"), Outcome::Passed);
        assert_eq!(o("test-vectors/pki/tsa/tsa_email_eku.cer"), Outcome::Failed);
        assert_eq!(
            o("test-vectors/pki/tsa/tsa_noncritical_eku.cer"),
            Outcome::Failed
        );
        // A signing certificate: emailProtection and NCA roles, not timeStamping.
        assert_eq!(o("test-vectors/pki/individual_sign.cer"), Outcome::Failed);
        // A CA: no extKeyUsage at all.
        assert_eq!(o("test-vectors/pki/nca_rsa.cer"), Outcome::Failed);
        assert_eq!(eku_check(None).outcome, Outcome::Unknown);
    }
}
