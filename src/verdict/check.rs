//! The individual checks of a verdict: their names, outcomes and reasons.

use serde::Serialize;

use crate::limits::Exhausted;

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
    /// CMS: the countersignatures on a signer's signature (RFC 5652 §11.4), each verified
    /// as a signer over that signature value: one proven bad makes the signer invalid, one
    /// not proven leaves it unknown (see `SignerVerdict::countersignatures`).
    Countersignature,
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
            CheckName::Countersignature => "countersignature",
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
            CheckName::Countersignature => (
                "қолтаңбаны куәландыратын қолтаңба (countersignature)",
                "заверяющая подпись (countersignature)",
                "the countersignature of the signature",
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

/// The checks of `checks` with `outcome`, each quoted as [`Check::quoted`], joined by "; ":
/// what a summary says of a verdict it cites (a time-stamp token's, a countersignature's).
pub(crate) fn quoted_with(checks: &[Check], outcome: Outcome) -> String {
    checks
        .iter()
        .filter(|c| c.outcome == outcome)
        .map(Check::quoted)
        .collect::<Vec<_>>()
        .join("; ")
}

impl Check {
    /// `name: reason`, as a summary quotes a check.
    pub(crate) fn quoted(&self) -> String {
        format!("{}: {}", self.check.as_str(), self.reason)
    }

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
