//! The account of every CRL supplied: what each proved for which certificate, or why it
//! was not used (none is dropped silently), and how verdicts name CRLs.

use serde::Serialize;

use crate::ber::OidBytes;
use crate::certificate::Certificate;
use crate::name::NameKey;
use crate::oid::AT_COMMON_NAME;
use crate::revocation::crl::Crl;
use crate::revocation::store::CrlStore;

use super::rules::Judgement;

/// What each supplied CRL was used for, or why it was not: so that no CRL is ever dropped
/// silently.
#[derive(Default, Debug)]
pub(crate) struct CrlLog {
    /// (store index, the certificate judged, used?, what). The certificate is named (see
    /// [`CrlLog::who`]) only in the report, and only where the CRL was used.
    entries: Vec<(usize, Certificate, bool, String)>,
}

impl CrlLog {
    pub(super) fn push(&mut self, idx: usize, cert: &Certificate, used: bool, what: String) {
        // Bounded by the work done: each entry is one CRL considered for one certificate.
        self.entries.push((idx, cert.clone(), used, what));
    }

    /// The certificate judged, as the report names it (its CN quoted, else its subject),
    /// then ": " and `what`, in one string.
    fn who(cert: &Certificate, what: &str) -> String {
        const CN: OidBytes = OidBytes::of(AT_COMMON_NAME);
        let mut s = String::with_capacity(64 + what.len());
        s.push('"');
        if cert.subject().push_first(&CN, &mut s) {
            s.push('"');
        } else {
            s.clear();
            s.push_str(cert.subject().text());
        }
        s.push_str(": ");
        s.push_str(what);
        s
    }

    /// One report per CRL of `store`: used (for which certificates), or why not.
    pub(crate) fn report(&self, store: &CrlStore, path_issuers: &[&NameKey]) -> Vec<CrlUse> {
        store
            .iter()
            .map(|(idx, crl)| {
                let mine: Vec<&(usize, Certificate, bool, String)> =
                    self.entries.iter().filter(|e| e.0 == idx).collect();
                let used: Vec<String> = mine
                    .iter()
                    .filter(|e| e.2)
                    .map(|e| CrlLog::who(&e.1, &e.3))
                    .collect();
                let (used_flag, note) = if !used.is_empty() {
                    (true, dedup_join(used))
                } else if !mine.is_empty() {
                    (
                        false,
                        dedup_join(mine.iter().map(|e| e.3.clone()).collect()),
                    )
                } else if !path_issuers.contains(&crl.issuer().key()) {
                    (
                        false,
                        format!(
                            "other issuer: \"{}\" issued none of the certificates judged",
                            crl.issuer()
                        ),
                    )
                } else if crl.is_delta() {
                    (
                        false,
                        format!(
                            "no complete CRL: a delta CRL applies only over a complete CRL numbered {} or later of the same issuer and scope, and none usable was supplied",
                            crl.delta_base().map(|b| b.to_string()).unwrap_or_default()
                        ),
                    )
                } else {
                    // Of an issuer of the path, never reached: a newer CRL of the same
                    // issuer (tried first) settled the status.
                    let newer = store.by_issuer(crl.issuer().key()).find(|(i, c)| {
                        c.this_update() > crl.this_update()
                            && self.entries.iter().any(|e| e.0 == *i && e.2)
                    });
                    (
                        false,
                        match newer {
                            Some((_, c)) => {
                                format!("older than {}, which proved the status", describe_crl(c))
                            }
                            None => {
                                "not needed: other CRLs had already proven the status".to_string()
                            }
                        },
                    )
                };
                CrlUse {
                    crl: describe_crl(crl),
                    used: used_flag,
                    note,
                }
            })
            .collect()
    }
}

/// The items joined by "; ", each once (its first occurrence kept). A report has one or a
/// few: compared in a list, without a table of copies, while short.
fn dedup_join(items: Vec<String>) -> String {
    let mut kept: Vec<&str> = Vec::with_capacity(items.len());
    if items.len() <= 16 {
        for i in &items {
            if !kept.contains(&i.as_str()) {
                kept.push(i);
            }
        }
    } else {
        let mut seen = std::collections::HashSet::new();
        kept.extend(items.iter().map(String::as_str).filter(|i| seen.insert(*i)));
    }
    kept.join("; ")
}

/// What became of one supplied CRL in a verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrlUse {
    /// The CRL (kind, number, issuer, thisUpdate, nextUpdate).
    pub(crate) crl: String,
    /// Was it used for a certificate's status?
    pub(crate) used: bool,
    /// For which certificate and how; or why it was not used.
    pub(crate) note: String,
}

impl CrlUse {
    /// For which certificate and how; or why it was not used.
    pub fn note(&self) -> &str {
        &self.note
    }
}

impl CrlUse {
    /// The CRL (kind, number, issuer, thisUpdate, nextUpdate).
    pub fn crl(&self) -> &str {
        &self.crl
    }

    /// Was it used for a certificate's status?
    pub fn used(&self) -> bool {
        self.used
    }
}

pub(super) fn describe_duration(d: chrono::Duration) -> String {
    if d.num_seconds() % 86_400 == 0 {
        format!("{}d", d.num_days())
    } else if d.num_seconds() % 3600 == 0 {
        format!("{}h", d.num_hours())
    } else {
        format!("{}s", d.num_seconds())
    }
}

/// How verdicts name a CRL: kind, number, issuer, thisUpdate, nextUpdate (made once per
/// CRL, see [`Crl::description`]).
pub(super) fn describe_crl(crl: &Crl) -> String {
    crl.description(make_description).to_owned()
}

fn make_description(crl: &Crl) -> String {
    let number = crl
        .crl_number()
        .map(|n| format!(" #{n}"))
        .unwrap_or_default();
    let kind = if crl.is_delta() { "delta CRL" } else { "CRL" };
    let next = crl
        .next_update()
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| "none".into());
    format!(
        "{kind}{number} of \"{}\" (thisUpdate {}, nextUpdate {next})",
        crl.issuer(),
        crl.this_update().to_rfc3339()
    )
}

/// The walk's entries in the account: what a complete CRL judged with its deltas proved.
impl super::StatusContext<'_> {
    /// Records the deltas issued before the complete CRL `crl`: it completes nothing, but a
    /// revocation the one that decided (`view`) lists stands.
    pub(super) fn log_older_deltas(
        &self,
        cert: &Certificate,
        crl: &Crl,
        older: &[(usize, &Crl)],
        view: Option<usize>,
        judgement: &Judgement,
    ) {
        let mut log = self.log.borrow_mut();
        for (d_idx, d) in older {
            if view == Some(*d_idx)
                && matches!(judgement, Judgement::Revoked(_) | Judgement::OnHold(..))
            {
                log.push(
                    *d_idx,
                    cert,
                    true,
                    "lists it as revoked (issued before the complete CRL, it completes nothing, but its revocations stand)".to_string(),
                );
            } else {
                log.push(
                    *d_idx,
                    cert,
                    false,
                    format!(
                        "{}: it was issued before {}, which it cannot complete (only its revocations count, and it lists none of this certificate)",
                        describe_crl(d),
                        describe_crl(crl)
                    ),
                );
            }
        }
    }

    /// Records the judgement of the complete CRL at `idx` and its `deltas`: the base and the
    /// delta of the view that decided are used; the other deltas were not needed, or proved
    /// nothing.
    pub(super) fn log_judgement(
        &self,
        cert: &Certificate,
        (idx, crl): (usize, &Crl),
        deltas: &[(usize, &Crl)],
        view: Option<usize>,
        judgement: &Judgement,
    ) {
        let decided = !matches!(
            judgement,
            Judgement::Unproven(_) | Judgement::StaleHold(..) | Judgement::ClaimedHold(..)
        );
        let mut log = self.log.borrow_mut();
        let outcome = match judgement {
            Judgement::Revoked(_) | Judgement::OnHold(..) => "lists it as revoked".to_string(),
            Judgement::NotRevoked(..) | Judgement::NotRevokedSince(_) => {
                "proves it not revoked".to_string()
            }
            Judgement::Unproven(why)
            | Judgement::StaleHold(why, _)
            | Judgement::ClaimedHold(why, _) => why.join("; "),
        };
        log.push(idx, cert, decided, outcome.clone());
        for (d_idx, _) in deltas {
            if decided && view == Some(*d_idx) {
                log.push(*d_idx, cert, true, outcome.clone());
            } else if decided {
                log.push(
                    *d_idx,
                    cert,
                    false,
                    format!(
                        "not needed: {} with a newer delta decided",
                        describe_crl(crl)
                    ),
                );
            } else {
                log.push(
                    *d_idx,
                    cert,
                    false,
                    format!("{} with it: {outcome}", describe_crl(crl)),
                );
            }
        }
    }
}
