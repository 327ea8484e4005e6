//! The refusal text the regulations require ("EDS authenticity not confirmed"), in Kazakh,
//! Russian and English, made from the checks that did not pass.

use serde::Serialize;

use super::{Check, CheckName, Lang, Outcome, ReasonKind};

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
