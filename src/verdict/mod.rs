//! Verdicts: the overall result, every individual check, and the refusal text the
//! regulations require ("EDS authenticity not confirmed") in Kazakh, Russian and English.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::certificate::{Certificate, KeyPurposes, NcaRole, Subject};
use crate::revocation::RevocationInfo;

mod check;
mod refusal;

pub use check::*;
pub use refusal::*;

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
    /// The path's certificates, in `path`'s order: what a signature's KeyInfo may name
    /// beside the signer's (reviews 87, 88).
    pub(crate) path_certificates: Vec<Certificate>,
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
            path_certificates: Vec::new(),
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
