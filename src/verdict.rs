//! Verdicts: the overall result, every individual check, and the refusal text the
//! regulations require ("EDS authenticity not confirmed") in Kazakh, Russian and English.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certificate::{Certificate, KeyPurposes, NcaRole, Subject};
use crate::revocation::RevocationInfo;

/// The overall result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Overall {
    /// Every check passed.
    Valid,
    /// No check failed, but at least one could not be decided.
    Indeterminate,
    /// At least one check failed.
    Invalid,
}

impl Overall {
    /// "valid" / "invalid" / "indeterminate".
    pub fn as_str(self) -> &'static str {
        match self {
            Overall::Valid => "valid",
            Overall::Invalid => "invalid",
            Overall::Indeterminate => "indeterminate",
        }
    }
}

/// The individual checks of the certificate condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckName {
    /// The certificate's validity period contains the time judged.
    Validity,
    /// A path to a trust anchor verifies (signatures, CA constraints, CA validity).
    Chain,
    /// The certificate is absent from the list of revoked certificates (provably).
    Revocation,
    /// The key may be used for the requested purpose (signing / authentication).
    KeyUsage,
    /// Every key of the certificate path is strong enough to rely on (RSA moduli of at
    /// least 2048 bits, or 1024 under the legacy policy, reported as weak).
    KeyStrength,
    /// No critical extension the library does not process.
    CriticalExtensions,
    /// The request's IIN equals the certificate's IIN.
    IinMatch,
    /// The request's BIN equals the certificate's BIN.
    BinMatch,
    /// The IIN/BIN check digits hold (strict checksum policy only).
    Checksum,
    /// CMS: the signed content is present (attached, or supplied for a detached signature)
    /// and equal to the content supplied.
    Content,
    /// CMS: the signers required by the signer policy are valid.
    Signers,
    /// CMS: the signer's certificate, named by the SignerInfo, is available.
    SignerCertificate,
    /// CMS: the contentType signed attribute is present and equals the eContentType.
    ContentType,
    /// CMS: the messageDigest signed attribute is present and equals the content's digest.
    MessageDigest,
    /// CMS: the signingTime signed attribute, when present, is well-formed (reported).
    SigningTime,
    /// CMS: the ESS signingCertificate(V2) attribute, when present, names the signer's
    /// certificate.
    SigningCertificate,
    /// CMS: the signature value verifies with the signer's public key.
    Signature,
    /// XML signature: every Reference's digest equals the digest of what it references.
    Reference,
    /// An RFC 3161 time-stamp: on a token, what its TSTInfo states (the `tsa` name, no
    /// unknown critical extension); on a CMS signer, its signature time-stamp tokens (a
    /// failed token makes the signer invalid; an unproven one counts only when the signer
    /// is judged at the token's time).
    Timestamp,
    /// A regulation profile: the signer's certificate proves the role the request's channel
    /// gives its signature (an official of the organisation whose BIN was given).
    SignerRole,
}

impl CheckName {
    /// snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckName::Validity => "validity",
            CheckName::Chain => "chain",
            CheckName::Revocation => "revocation",
            CheckName::KeyUsage => "key_usage",
            CheckName::KeyStrength => "key_strength",
            CheckName::CriticalExtensions => "critical_extensions",
            CheckName::IinMatch => "iin_match",
            CheckName::BinMatch => "bin_match",
            CheckName::Checksum => "checksum",
            CheckName::Content => "content",
            CheckName::Signers => "signers",
            CheckName::SignerCertificate => "signer_certificate",
            CheckName::ContentType => "content_type",
            CheckName::MessageDigest => "message_digest",
            CheckName::SigningTime => "signing_time",
            CheckName::SigningCertificate => "signing_certificate",
            CheckName::Signature => "signature",
            CheckName::Reference => "reference",
            CheckName::Timestamp => "timestamp",
            CheckName::SignerRole => "signer_role",
        }
    }

    /// What the check is about, in (Kazakh, Russian, English), for refusal texts.
    pub fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            CheckName::Validity => (
                "тіркеу куәлігінің қолданылу мерзімі",
                "срок действия регистрационного свидетельства",
                "the validity period of the registration certificate",
            ),
            CheckName::Chain => (
                "тіркеу куәлігінің сенімді куәландырушы орталыққа дейінгі тізбегі",
                "цепочка регистрационного свидетельства до доверенного удостоверяющего центра",
                "the certificate chain to a trusted certification authority",
            ),
            CheckName::Revocation => (
                "тіркеу куәлігінің кері қайтарылған куәліктер тізімінде болмауы",
                "отсутствие регистрационного свидетельства в списке отозванных свидетельств",
                "the absence of the certificate from the list of revoked certificates",
            ),
            CheckName::KeyUsage => (
                "кілттің қолданылу мақсаты",
                "назначение ключа",
                "the purpose of the key",
            ),
            CheckName::KeyStrength => (
                "тіркеу куәліктері тізбегінің кілттерінің беріктігі",
                "стойкость ключей цепочки регистрационных свидетельств",
                "the strength of the keys of the certificate chain",
            ),
            CheckName::CriticalExtensions => (
                "тіркеу куәлігінің сыни кеңейтімдері",
                "критические расширения регистрационного свидетельства",
                "the critical extensions of the certificate",
            ),
            CheckName::IinMatch => (
                "сұраныстағы ЖСН мен тіркеу куәлігіндегі ЖСН сәйкестігі",
                "соответствие ИИН в запросе и ИИН в регистрационном свидетельстве",
                "the match between the IIN in the request and the IIN in the certificate",
            ),
            CheckName::BinMatch => (
                "сұраныстағы БСН мен тіркеу куәлігіндегі БСН сәйкестігі",
                "соответствие БИН в запросе и БИН в регистрационном свидетельстве",
                "the match between the BIN in the request and the BIN in the certificate",
            ),
            CheckName::Checksum => (
                "ЖСН/БСН бақылау разряды",
                "контрольный разряд ИИН/БИН",
                "the IIN/BIN check digit",
            ),
            CheckName::Content => (
                "қол қойылған деректердің болуы және сәйкестігі",
                "наличие и совпадение подписанных данных",
                "the presence and identity of the signed content",
            ),
            CheckName::Signers => (
                "талап етілген қол қоюшылардың қолтаңбалары",
                "подписи требуемых подписантов",
                "the signatures of the required signers",
            ),
            CheckName::SignerCertificate => (
                "қол қоюшының тіркеу куәлігінің болуы",
                "наличие регистрационного свидетельства подписанта",
                "the presence of the signer's registration certificate",
            ),
            CheckName::ContentType => (
                "қол қойылған деректер түрінің атрибуты (contentType)",
                "атрибут типа подписанных данных (contentType)",
                "the signed content-type attribute (contentType)",
            ),
            CheckName::MessageDigest => (
                "қол қойылған деректердің хэш-мәні (messageDigest)",
                "хэш-значение подписанных данных (messageDigest)",
                "the digest of the signed content (messageDigest)",
            ),
            CheckName::SigningTime => (
                "қол қою уақыты атрибуты (signingTime)",
                "атрибут времени подписания (signingTime)",
                "the signing-time attribute (signingTime)",
            ),
            CheckName::SigningCertificate => (
                "қолтаңбаның қол қоюшы куәлігіне байланысы (signingCertificate)",
                "привязка подписи к свидетельству подписанта (signingCertificate)",
                "the binding of the signature to the signer's certificate (signingCertificate)",
            ),
            CheckName::Signature => (
                "электрондық цифрлық қолтаңбаның дұрыстығы",
                "корректность электронной цифровой подписи",
                "the electronic digital signature value",
            ),
            CheckName::Reference => (
                "қол қойылған құжаттың хэш-мәні (Reference)",
                "хэш-значение подписанного документа (Reference)",
                "the digest of the signed document (Reference)",
            ),
            CheckName::Timestamp => (
                "қолтаңбаның уақыт белгісі (TSA)",
                "метка времени подписи (TSA)",
                "the signature's time-stamp (TSA)",
            ),
            CheckName::SignerRole => (
                "қол қоюшының рөлі (ұйым қызметкері, БСН)",
                "роль подписанта (сотрудник организации, БИН)",
                "the signer's role (an official of the organisation, its BIN)",
            ),
        }
    }
}

/// Outcome of one check, ordered from best to worst (`Passed < Unknown < Failed`): the
/// outcome of several checks together is their maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Proven to hold.
    Passed,
    /// Could not be decided (missing or stale CRL, unsupported algorithm, no path found).
    Unknown,
    /// Proven not to hold.
    Failed,
}

/// One check with its outcome and reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Which check.
    pub check: CheckName,
    /// Its outcome.
    pub outcome: Outcome,
    /// Why, in English.
    pub reason: String,
}

impl Check {
    pub(crate) fn new(check: CheckName, outcome: Outcome, reason: impl Into<String>) -> Check {
        Check {
            check,
            outcome,
            reason: reason.into(),
        }
    }
}

/// The refusal text "EDS authenticity not confirmed", naming what failed or could not be
/// confirmed, in three languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Refusal {
    /// Build from the checks that did not pass.
    pub fn from_checks(checks: &[Check]) -> Option<Refusal> {
        Refusal::compose(
            [
                "ЭЦҚ түпнұсқалығы расталмады",
                "Подлинность ЭЦП не подтверждена",
                "EDS authenticity not confirmed",
            ],
            checks,
        )
        .map(|(refusal, _, _)| refusal)
    }

    /// The refusal text: `base` (Kazakh, Russian, English; a regulation's own wording or
    /// the general one) then the checks that failed and those that could not be
    /// confirmed, each named once, in order. Also returns those two lists; `None` when
    /// every check passed.
    pub(crate) fn compose(
        base: [&str; 3],
        checks: &[Check],
    ) -> Option<(Refusal, Vec<CheckName>, Vec<CheckName>)> {
        let pick = |o: Outcome| -> Vec<CheckName> {
            let mut v: Vec<CheckName> = Vec::new();
            for c in checks.iter().filter(|c| c.outcome == o) {
                if !v.contains(&c.check) {
                    v.push(c.check);
                }
            }
            v
        };
        let failed = pick(Outcome::Failed);
        let unknown = pick(Outcome::Unknown);
        if failed.is_empty() && unknown.is_empty() {
            return None;
        }
        let list = |names: &[CheckName], lang: usize| -> String {
            names
                .iter()
                .map(|n| {
                    let (kk, ru, en) = n.describe();
                    [kk, ru, en][lang]
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let [mut kk, mut ru, mut en] = base.map(|t| format!("{}.", t.trim().trim_end_matches('.')));
        if !failed.is_empty() {
            kk += &format!(" Тексеруден өтпеді: {}.", list(&failed, 0));
            ru += &format!(" Не пройдена проверка: {}.", list(&failed, 1));
            en += &format!(" Failed: {}.", list(&failed, 2));
        }
        if !unknown.is_empty() {
            kk += &format!(" Тексеру мүмкін болмады: {}.", list(&unknown, 0));
            ru += &format!(" Не удалось проверить: {}.", list(&unknown, 1));
            en += &format!(" Could not be confirmed: {}.", list(&unknown, 2));
        }
        Some((Refusal { kk, ru, en }, failed, unknown))
    }
}

/// Combine outcomes: invalid when any check failed, else indeterminate when any is
/// unknown, else valid.
pub fn overall(checks: &[Check]) -> Overall {
    match checks.iter().map(|c| c.outcome).max() {
        Some(Outcome::Failed) => Overall::Invalid,
        Some(Outcome::Unknown) => Overall::Indeterminate,
        Some(Outcome::Passed) | None => Overall::Valid,
    }
}

/// The verdict on one certificate under the certificate condition.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// Overall result.
    pub verdict: Overall,
    /// Every check, in a fixed order.
    pub checks: Vec<Check>,
    /// The refusal text when the verdict is not valid.
    pub refusal: Option<Refusal>,
    /// The time judged.
    pub at: DateTime<Utc>,
    /// Subject facts.
    pub subject: Subject,
    /// Subject DN as text.
    pub subject_dn: String,
    /// Issuer DN as text.
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// notBefore.
    pub not_before: DateTime<Utc>,
    /// notAfter.
    pub not_after: DateTime<Utc>,
    /// SHA-256 of the certificate, hex.
    pub fingerprint_sha256: String,
    /// Key purposes by the NCA conventions.
    pub key_purposes: KeyPurposes,
    /// NCA roles from the extKeyUsage.
    pub roles: Vec<NcaRole>,
    /// The verified path (subjects, end-entity first) when one was found.
    pub path: Vec<String>,
    /// Revocation status of each certificate in the path (end-entity first).
    pub revocation: Vec<RevocationInfo>,
    /// Every CRL the verifier holds: used for a status, or why it was not (none is dropped
    /// silently). Empty when no path was verified (no revocation was checked).
    pub crls: Vec<crate::revocation::CrlUse>,
}

impl Verdict {
    pub(crate) fn new(cert: &Certificate, at: DateTime<Utc>, checks: Vec<Check>) -> Verdict {
        Verdict {
            verdict: overall(&checks),
            refusal: Refusal::from_checks(&checks),
            checks,
            at,
            subject: cert.facts().clone(),
            subject_dn: cert.subject().to_string(),
            issuer: cert.issuer().to_string(),
            serial: cert.serial_hex(),
            not_before: cert.not_before(),
            not_after: cert.not_after(),
            fingerprint_sha256: crate::name::hex_upper(&cert.fingerprint_sha256()),
            key_purposes: cert.key_purposes(),
            roles: cert.nca_roles(),
            path: Vec::new(),
            revocation: Vec::new(),
            crls: Vec::new(),
        }
    }

    /// Is the verdict valid?
    pub fn is_valid(&self) -> bool {
        self.verdict == Overall::Valid
    }

    /// The check of the given name, if it was run.
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.check == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_rules() {
        let p = Check::new(CheckName::Validity, Outcome::Passed, "");
        let u = Check::new(CheckName::Revocation, Outcome::Unknown, "");
        let f = Check::new(CheckName::IinMatch, Outcome::Failed, "");
        assert_eq!(overall(std::slice::from_ref(&p)), Overall::Valid);
        assert_eq!(overall(&[p.clone(), u.clone()]), Overall::Indeterminate);
        assert_eq!(overall(&[u.clone(), f.clone()]), Overall::Invalid);
        assert!(Refusal::from_checks(std::slice::from_ref(&p)).is_none());
        let r = Refusal::from_checks(&[p, u, f]).unwrap();
        assert!(r.ru.starts_with("Подлинность ЭЦП не подтверждена."));
        assert!(r.ru.contains("ИИН"));
        assert!(r.kk.contains("ЖСН"));
        assert!(r.en.contains("Could not be confirmed: the absence"));
    }
}
