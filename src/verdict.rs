//! Verdicts: the overall result, every individual check, and the refusal text the
//! regulations require ("EDS authenticity not confirmed") in Kazakh, Russian and English.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certificate::{Certificate, KeyPurposes, NcaRole, Subject};
use crate::limits::Exhausted;
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
    /// Barcode codes of an output document: their FavorID and creationDate (carried in
    /// every code, not signed) agree with the signed document they reassemble to.
    Labels,
    /// A regulation profile: the signed request is the service's request form (its
    /// fields, one IIN/BIN to compare), read from what the signatures cover.
    RequestForm,
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
            CheckName::Labels => "labels",
            CheckName::RequestForm => "request_form",
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
            CheckName::Labels => (
                "штрих-кодтардың белгілерінің (FavorID, creationDate) қол қойылған құжатқа сәйкестігі",
                "соответствие меток штрих-кодов (FavorID, creationDate) подписанному документу",
                "the barcodes' labels (FavorID, creationDate) against the signed document",
            ),
            CheckName::RequestForm => (
                "сұраныстың қызметке өтініш нысанына сәйкестігі (ЖСН/БСН өрісі)",
                "соответствие запроса форме заявления на услугу (поле ИИН/БИН)",
                "the request against the service's request form (its IIN/BIN field)",
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

/// A language of the texts the library gives (the regulations speak Kazakh and Russian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

/// What a check found, typed: with the check's name it says why in words
/// ([`Check::explain`]); its Kazakh, Russian and English texts come from one table
/// ([`ReasonKind::text`]). The particulars (serial numbers, dates, names, the technical
/// detail) are in [`Check::reason`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReasonKind {
    /// The check holds.
    Holds,
    /// Two things that must agree do not (a digest, an identifier, a label).
    Mismatch,
    /// Something required is absent.
    Missing,
    /// Something is present but cannot be read.
    Malformed,
    /// An algorithm, form or feature this version does not read.
    Unsupported,
    /// What the check needs is not available (a certificate, a CRL, the content).
    NotAvailable,
    /// Not checked because a check it depends on did not hold.
    NotChecked,
    /// A work limit ([`crate::Limits`]) cut the check short.
    Exhausted,
    /// A validity period ended before the time judged.
    Expired,
    /// A validity period begins after the time judged.
    NotYetValid,
    /// A certificate is revoked.
    Revoked,
    /// A status (revocation, a time-stamp's time) cannot be established.
    StatusUnknown,
    /// A weak key accepted under the legacy policy (reported).
    Weak,
    /// A key too weak to rely on.
    TooWeak,
    /// Not permitted (a key's usage, a channel, a critical extension).
    NotPermitted,
    /// A signature or path that does not verify.
    Invalid,
    /// A claim the evidence does not prove (a role, a time).
    NotProven,
}

impl ReasonKind {
    /// The kind of a check that combines others (signers under a policy): holds, not
    /// proven, or does not verify.
    pub(crate) fn combined(outcome: Outcome) -> ReasonKind {
        match outcome {
            Outcome::Passed => ReasonKind::Holds,
            Outcome::Unknown => ReasonKind::NotProven,
            Outcome::Failed => ReasonKind::Invalid,
        }
    }

    /// snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Holds => "holds",
            ReasonKind::Mismatch => "mismatch",
            ReasonKind::Missing => "missing",
            ReasonKind::Malformed => "malformed",
            ReasonKind::Unsupported => "unsupported",
            ReasonKind::NotAvailable => "not_available",
            ReasonKind::NotChecked => "not_checked",
            ReasonKind::Exhausted => "exhausted",
            ReasonKind::Expired => "expired",
            ReasonKind::NotYetValid => "not_yet_valid",
            ReasonKind::Revoked => "revoked",
            ReasonKind::StatusUnknown => "status_unknown",
            ReasonKind::Weak => "weak",
            ReasonKind::TooWeak => "too_weak",
            ReasonKind::NotPermitted => "not_permitted",
            ReasonKind::Invalid => "invalid",
            ReasonKind::NotProven => "not_proven",
        }
    }

    /// The words for it: the one table of the three languages.
    pub fn text(self, lang: Lang) -> &'static str {
        let (kk, ru, en) = match self {
            ReasonKind::Holds => ("расталды", "подтверждено", "confirmed"),
            ReasonKind::Mismatch => ("сәйкес келмейді", "не совпадает", "does not match"),
            ReasonKind::Missing => ("жоқ", "отсутствует", "missing"),
            ReasonKind::Malformed => ("пішімі бұзылған", "нарушен формат", "malformed"),
            ReasonKind::Unsupported => {
                ("қолдау көрсетілмейді", "не поддерживается", "not supported")
            }
            ReasonKind::NotAvailable => (
                "тексеруге қажетті деректер жоқ",
                "нет данных для проверки",
                "the data to check it is not available",
            ),
            ReasonKind::NotChecked => (
                "алдыңғы тексеруден өтпегендіктен тексерілмеді",
                "не проверено, так как не пройдена предыдущая проверка",
                "not checked: a check it depends on did not hold",
            ),
            ReasonKind::Exhausted => (
                "тексеру көлемінің шегі таусылды",
                "исчерпан предел объёма проверки",
                "the work limit was exhausted",
            ),
            ReasonKind::Expired => ("қолданылу мерзімі өтті", "срок действия истёк", "expired"),
            ReasonKind::NotYetValid => (
                "қолданылу мерзімі әлі басталған жоқ",
                "срок действия ещё не наступил",
                "not yet valid",
            ),
            ReasonKind::Revoked => ("кері қайтарылған", "отозвано", "revoked"),
            ReasonKind::StatusUnknown => (
                "мәртебесін анықтау мүмкін емес",
                "статус установить невозможно",
                "the status cannot be established",
            ),
            ReasonKind::Weak => (
                "әлсіз кілт, мұрағат саясаты бойынша қабылданды",
                "слабый ключ, принят по политике для архивов",
                "a weak key, accepted under the legacy policy",
            ),
            ReasonKind::TooWeak => (
                "кілттің беріктігі жеткіліксіз",
                "недостаточная стойкость ключа",
                "the key is too weak",
            ),
            ReasonKind::NotPermitted => ("рұқсат етілмейді", "не допускается", "not permitted"),
            ReasonKind::Invalid => ("дұрыс емес", "неверна", "does not verify"),
            ReasonKind::NotProven => ("дәлелденбеді", "не доказано", "not proven"),
        };
        match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// One check with its outcome and reason. Made by the library only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[must_use]
pub struct Check {
    pub(crate) check: CheckName,
    pub(crate) outcome: Outcome,
    pub(crate) kind: ReasonKind,
    pub(crate) reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) exhausted: Option<Exhausted>,
}

impl Check {
    pub(crate) fn new(
        check: CheckName,
        outcome: Outcome,
        kind: ReasonKind,
        reason: impl Into<String>,
    ) -> Check {
        Check {
            check,
            outcome,
            kind,
            reason: reason.into(),
            exhausted: None,
        }
    }

    /// A check that holds.
    pub(crate) fn passed(check: CheckName, reason: impl Into<String>) -> Check {
        Check::new(check, Outcome::Passed, ReasonKind::Holds, reason)
    }

    /// This check, unknown because `exhausted` cut it short (when `Some`).
    pub(crate) fn exhausted_by(mut self, exhausted: Option<Exhausted>) -> Check {
        if self.outcome == Outcome::Unknown && exhausted.is_some() {
            self.exhausted = exhausted;
            self.kind = ReasonKind::Exhausted;
        }
        self
    }

    /// The limit that cut this check short, when one did: the check is then unknown (a
    /// spent budget proves nothing either way). See [`Limits`](crate::Limits).
    pub fn exhausted(&self) -> Option<Exhausted> {
        self.exhausted
    }

    /// Which check.
    pub fn name(&self) -> CheckName {
        self.check
    }

    /// Its outcome.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// What it found, typed (see [`Check::explain`]).
    pub fn kind(&self) -> ReasonKind {
        self.kind
    }

    /// The particulars, in English: serial numbers, dates, names, the technical detail
    /// (the check and its [`ReasonKind`] say it in Kazakh, Russian and English).
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The check and what it found, in `lang`: "срок действия регистрационного
    /// свидетельства: срок действия истёк".
    pub fn explain(&self, lang: Lang) -> String {
        let (kk, ru, en) = self.check.describe();
        let name = match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        };
        format!("{name}: {}", self.kind.text(lang))
    }
}

/// The refusal text "EDS authenticity not confirmed" (or a regulation's own wording),
/// naming what failed or could not be confirmed, in three languages; and the checks it
/// names. Made by the library only, from the checks of a verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub(crate) kk: String,
    pub(crate) ru: String,
    pub(crate) en: String,
    pub(crate) failed: Vec<CheckName>,
    pub(crate) unknown: Vec<CheckName>,
}

impl Refusal {
    /// Build from the checks that did not pass.
    pub(crate) fn from_checks(checks: &[Check]) -> Option<Refusal> {
        Refusal::compose(
            [
                "ЭЦҚ түпнұсқалығы расталмады",
                "Подлинность ЭЦП не подтверждена",
                "EDS authenticity not confirmed",
            ],
            checks,
        )
    }

    /// In Kazakh.
    pub fn kk(&self) -> &str {
        &self.kk
    }

    /// In Russian.
    pub fn ru(&self) -> &str {
        &self.ru
    }

    /// In English.
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The checks that failed, each once, in order.
    pub fn failed(&self) -> &[CheckName] {
        &self.failed
    }

    /// The checks that could not be confirmed, each once, in order.
    pub fn unknown(&self) -> &[CheckName] {
        &self.unknown
    }

    /// The refusal text: `base` (Kazakh, Russian, English; a regulation's own wording or
    /// the general one) then the checks that failed and those that could not be
    /// confirmed, each named once, in order. Also returns those two lists; `None` when
    /// every check passed.
    pub(crate) fn compose(base: [&str; 3], checks: &[Check]) -> Option<Refusal> {
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
        // Each check named once, with what the first of its kind found (a check the
        // library made with a reason; the names alone for checks rebuilt from names).
        let list = |names: &[CheckName], outcome: Outcome, lang: usize| -> String {
            names
                .iter()
                .map(|n| {
                    let (kk, ru, en) = n.describe();
                    let name = [kk, ru, en][lang];
                    let kind = checks
                        .iter()
                        .find(|c| c.check == *n && c.outcome == outcome)
                        .map(|c| c.kind)
                        .filter(|k| *k != ReasonKind::Holds);
                    match kind {
                        Some(k) => {
                            let l = [Lang::Kk, Lang::Ru, Lang::En][lang];
                            format!("{name} ({})", k.text(l))
                        }
                        None => name.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let [mut kk, mut ru, mut en] = base.map(|t| format!("{}.", t.trim().trim_end_matches('.')));
        if !failed.is_empty() {
            kk += &format!(" Тексеруден өтпеді: {}.", list(&failed, Outcome::Failed, 0));
            ru += &format!(
                " Не пройдена проверка: {}.",
                list(&failed, Outcome::Failed, 1)
            );
            en += &format!(" Failed: {}.", list(&failed, Outcome::Failed, 2));
        }
        if !unknown.is_empty() {
            kk += &format!(
                " Тексеру мүмкін болмады: {}.",
                list(&unknown, Outcome::Unknown, 0)
            );
            ru += &format!(
                " Не удалось проверить: {}.",
                list(&unknown, Outcome::Unknown, 1)
            );
            en += &format!(
                " Could not be confirmed: {}.",
                list(&unknown, Outcome::Unknown, 2)
            );
        }
        Some(Refusal {
            kk,
            ru,
            en,
            failed,
            unknown,
        })
    }
}

/// The checks a document's refusal names: `deciding` (the container's own), then each
/// check of the `decisive` signers (those that made the signer policy fail) that did not
/// pass, each (name, outcome) once.
pub(crate) fn deciding_checks<'a>(
    mut deciding: Vec<Check>,
    decisive: impl IntoIterator<Item = &'a [Check]>,
) -> Vec<Check> {
    for checks in decisive {
        for c in checks {
            if c.outcome != Outcome::Passed
                && !deciding
                    .iter()
                    .any(|d| d.check == c.check && d.outcome == c.outcome)
            {
                deciding.push(c.clone());
            }
        }
    }
    deciding
}

/// Combine outcomes: invalid when any check failed, else indeterminate when any is
/// unknown, else valid.
pub(crate) fn overall(checks: &[Check]) -> Overall {
    match checks.iter().map(|c| c.outcome).max() {
        Some(Outcome::Failed) => Overall::Invalid,
        Some(Outcome::Unknown) => Overall::Indeterminate,
        Some(Outcome::Passed) | None => Overall::Valid,
    }
}

/// The verdict on one certificate under the certificate condition. Made by the library
/// only ([`crate::Verifier::check_certificate`]).
///
/// What it says of the certificate (subject, names, serial, fingerprint, purposes, roles)
/// is read from the certificate when first asked for, not when the verdict is made: a
/// caller that only wants the result pays for no text.
#[derive(Clone, Debug)]
#[must_use]
pub struct Verdict {
    pub(crate) verdict: Overall,
    pub(crate) checks: Vec<Check>,
    pub(crate) refusal: Option<Refusal>,
    pub(crate) at: DateTime<Utc>,
    pub(crate) path: Vec<String>,
    pub(crate) revocation: Vec<RevocationInfo>,
    pub(crate) crls: Vec<crate::revocation::CrlUse>,
    /// The certificate judged.
    pub(crate) certificate: Certificate,
    /// Its serial and fingerprint in hex, and its NCA roles, once asked for.
    serial: std::sync::OnceLock<String>,
    fingerprint_sha256: std::sync::OnceLock<String>,
    roles: std::sync::OnceLock<Vec<NcaRole>>,
}

impl Serialize for Verdict {
    /// The fields in their documented order (as the derived form wrote them).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Verdict", 16)?;
        st.serialize_field("verdict", &self.verdict)?;
        st.serialize_field("checks", &self.checks)?;
        st.serialize_field("refusal", &self.refusal)?;
        st.serialize_field("at", &self.at)?;
        st.serialize_field("subject", self.subject())?;
        st.serialize_field("subject_dn", self.subject_dn())?;
        st.serialize_field("issuer", self.issuer())?;
        st.serialize_field("serial", self.serial())?;
        st.serialize_field("not_before", &self.not_before())?;
        st.serialize_field("not_after", &self.not_after())?;
        st.serialize_field("fingerprint_sha256", self.fingerprint_sha256())?;
        st.serialize_field("key_purposes", &self.key_purposes())?;
        st.serialize_field("roles", self.roles())?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("revocation", &self.revocation)?;
        st.serialize_field("crls", &self.crls)?;
        st.end()
    }
}

impl Verdict {
    pub(crate) fn new(cert: &Certificate, at: DateTime<Utc>, checks: Vec<Check>) -> Verdict {
        Verdict {
            verdict: overall(&checks),
            refusal: Refusal::from_checks(&checks),
            checks,
            at,
            path: Vec::new(),
            revocation: Vec::new(),
            crls: Vec::new(),
            certificate: cert.clone(),
            serial: std::sync::OnceLock::new(),
            fingerprint_sha256: std::sync::OnceLock::new(),
            roles: std::sync::OnceLock::new(),
        }
    }

    /// The certificate judged: for what the verdict's fields do not carry (its key, its
    /// extensions, a question to its OCSP responder when the CRLs left its status unknown).
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The time judged.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Subject facts.
    pub fn subject(&self) -> &Subject {
        self.certificate.facts()
    }

    /// Subject DN as text.
    pub fn subject_dn(&self) -> &str {
        self.certificate.subject().text()
    }

    /// Issuer DN as text.
    pub fn issuer(&self) -> &str {
        self.certificate.issuer().text()
    }

    /// Serial number, hex.
    pub fn serial(&self) -> &str {
        self.serial.get_or_init(|| self.certificate.serial_hex())
    }

    /// notBefore.
    pub fn not_before(&self) -> DateTime<Utc> {
        self.certificate.not_before()
    }

    /// notAfter.
    pub fn not_after(&self) -> DateTime<Utc> {
        self.certificate.not_after()
    }

    /// SHA-256 of the certificate, hex.
    pub fn fingerprint_sha256(&self) -> &str {
        self.fingerprint_sha256
            .get_or_init(|| crate::name::hex_upper(&self.certificate.fingerprint_sha256()))
    }

    /// Key purposes by the NCA conventions.
    pub fn key_purposes(&self) -> KeyPurposes {
        self.certificate.key_purposes()
    }

    /// NCA roles from the extKeyUsage.
    pub fn roles(&self) -> &[NcaRole] {
        self.roles.get_or_init(|| self.certificate.nca_roles())
    }

    /// The verified path (subjects, end-entity first) when one was found.
    pub fn path(&self) -> &[String] {
        &self.path
    }

    /// Revocation status of each certificate in the path (end-entity first).
    pub fn revocation(&self) -> &[RevocationInfo] {
        &self.revocation
    }

    /// Every CRL the verifier holds: used for a status, or why it was not (none is dropped
    /// silently). Empty when no path was verified (no revocation was checked).
    pub fn crls(&self) -> &[crate::revocation::CrlUse] {
        &self.crls
    }
}

crate::verdict::judged!(Verdict);

/// The certificate verdicts a verdict holds: its signers' certificates and their time-stamp
/// authorities', in the order carried. What a caller asks an OCSP responder about when the
/// CRLs left a status unknown (the service does, for every route).
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(crate) trait CertificateVerdicts {
    /// Push each certificate verdict held onto `out`.
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>);

    /// The certificate verdicts held, collected.
    fn all_certificate_verdicts(&self) -> Vec<&Verdict> {
        let mut out = Vec::new();
        self.certificate_verdicts(&mut out);
        out
    }
}

impl CertificateVerdicts for Verdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        out.push(self);
    }
}

impl<T: CertificateVerdicts> CertificateVerdicts for Option<T> {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        if let Some(v) = self {
            v.certificate_verdicts(out);
        }
    }
}

impl<T: CertificateVerdicts> CertificateVerdicts for Vec<T> {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        self.as_slice().certificate_verdicts(out);
    }
}

impl<T: CertificateVerdicts> CertificateVerdicts for [T] {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        for v in self {
            v.certificate_verdicts(out);
        }
    }
}

/// The sealed [`Judged`] for a verdict type of the library, whose `verdict`, `checks` and
/// `refusal` fields hold its overall result, checks and refusal: one definition for them all.
macro_rules! judged {
    ($t:ty) => {
        impl $crate::verdict::sealed_impl::Sealed for $t {}

        impl $crate::verdict::Judged for $t {
            fn overall(&self) -> $crate::verdict::Overall {
                self.verdict
            }
            fn checks(&self) -> &[$crate::verdict::Check] {
                &self.checks
            }
            fn refusal(&self) -> Option<&$crate::verdict::Refusal> {
                self.refusal.as_ref()
            }
        }
    };
}
pub(crate) use judged;

pub(crate) mod sealed_impl {
    /// Only the library's verdict types are [`super::Judged`].
    pub trait Sealed {}
}

/// What every verdict of the library has: an overall result, the checks that decided it,
/// and the refusal text when it is not valid. Implemented by the library's verdict types
/// only (sealed): a caller cannot make something that claims to be a verdict.
pub trait Judged: sealed_impl::Sealed {
    /// Valid, invalid or indeterminate.
    fn overall(&self) -> Overall;
    /// The checks, in a fixed order.
    fn checks(&self) -> &[Check];
    /// The refusal, when the verdict is not valid.
    fn refusal(&self) -> Option<&Refusal>;
    /// Is the verdict valid?
    fn is_valid(&self) -> bool {
        self.overall() == Overall::Valid
    }
    /// The check of the given name, if it was run.
    fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks().iter().find(|c| c.name() == name)
    }
}

/// Something the library verified: only a verification makes one (the content of a valid
/// CMS, the octets an XML signature covers, a barcode payload whose signature and labels
/// held, a request accepted under a regulation's profile). Code that takes a `Verified<T>`
/// knows it did not come from unverified input.
#[derive(Clone, PartialEq, Eq)]
pub struct Verified<T>(T);

impl<T> Verified<T> {
    pub(crate) fn new(value: T) -> Verified<T> {
        Verified(value)
    }

    /// The verified value.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// The verified value, owned (it is then no longer marked verified).
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Verified<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Verified<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Verified").field(&self.0).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_rules() {
        let p = Check::passed(CheckName::Validity, "");
        let u = Check::new(
            CheckName::Revocation,
            Outcome::Unknown,
            ReasonKind::StatusUnknown,
            "",
        );
        let f = Check::new(
            CheckName::IinMatch,
            Outcome::Failed,
            ReasonKind::Mismatch,
            "",
        );
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

    /// Every kind has its words in the three languages, none empty, and no two kinds share
    /// the same words in a language; a check explains itself in each, and a refusal names
    /// what each check found.
    #[test]
    fn reason_kinds_speak_three_languages() {
        use std::collections::HashSet;
        let all = [
            ReasonKind::Holds,
            ReasonKind::Mismatch,
            ReasonKind::Missing,
            ReasonKind::Malformed,
            ReasonKind::Unsupported,
            ReasonKind::NotAvailable,
            ReasonKind::NotChecked,
            ReasonKind::Exhausted,
            ReasonKind::Expired,
            ReasonKind::NotYetValid,
            ReasonKind::Revoked,
            ReasonKind::StatusUnknown,
            ReasonKind::Weak,
            ReasonKind::TooWeak,
            ReasonKind::NotPermitted,
            ReasonKind::Invalid,
            ReasonKind::NotProven,
        ];
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let texts: HashSet<&str> = all.iter().map(|k| k.text(lang)).collect();
            assert_eq!(texts.len(), all.len(), "{lang:?}");
            assert!(texts.iter().all(|t| !t.trim().is_empty()));
        }
        let names: HashSet<&str> = all.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), all.len());
        for k in all {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(k.as_str())
            );
        }
        let expired = Check::new(
            CheckName::Validity,
            Outcome::Failed,
            ReasonKind::Expired,
            "expired at 2027-02-01T00:00:00+00:00",
        );
        assert_eq!(
            expired.explain(Lang::Ru),
            "срок действия регистрационного свидетельства: срок действия истёк"
        );
        let refusal = Refusal::from_checks(&[expired]).unwrap();
        assert!(
            refusal.ru().contains("(срок действия истёк)"),
            "{}",
            refusal.ru()
        );
        assert!(
            refusal.kk().contains("(қолданылу мерзімі өтті)"),
            "{}",
            refusal.kk()
        );
        assert!(refusal.en().contains("(expired)"), "{}", refusal.en());
        // Cut short by a limit: the kind says so.
        let cut = Check::new(
            CheckName::Revocation,
            Outcome::Unknown,
            ReasonKind::StatusUnknown,
            "",
        )
        .exhausted_by(Some(crate::Exhausted::DocumentRehashedBytes));
        assert_eq!(cut.kind(), ReasonKind::Exhausted);
    }
}
