//! Revocation reasons (CRLReason) and reason sets (ReasonFlags).

use serde::Serialize;

/// CRLReason of RFC 5280 §5.3.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RevocationReason {
    /// unspecified (0), also used when an entry carries no reason code.
    Unspecified,
    /// keyCompromise (1).
    KeyCompromise,
    /// cACompromise (2).
    CaCompromise,
    /// affiliationChanged (3).
    AffiliationChanged,
    /// superseded (4).
    Superseded,
    /// cessationOfOperation (5).
    CessationOfOperation,
    /// certificateHold (6): suspension, the only reversible reason.
    CertificateHold,
    /// removeFromCRL (8): only in delta CRLs, lifts a hold.
    RemoveFromCrl,
    /// privilegeWithdrawn (9).
    PrivilegeWithdrawn,
    /// aACompromise (10).
    AaCompromise,
}

impl RevocationReason {
    /// From the ENUMERATED value; `None` for 7 and values above 10.
    pub fn from_code(code: u8) -> Option<RevocationReason> {
        use RevocationReason::*;
        Some(match code {
            0 => Unspecified,
            1 => KeyCompromise,
            2 => CaCompromise,
            3 => AffiliationChanged,
            4 => Superseded,
            5 => CessationOfOperation,
            6 => CertificateHold,
            8 => RemoveFromCrl,
            9 => PrivilegeWithdrawn,
            10 => AaCompromise,
            _ => return None,
        })
    }

    /// Could this revocation hide a compromised key (keyCompromise, cACompromise,
    /// aACompromise, or no stated reason)? Such a key may have made any signature that
    /// claims an earlier time.
    pub fn may_be_compromise(self) -> bool {
        use RevocationReason::*;
        matches!(
            self,
            KeyCompromise | CaCompromise | AaCompromise | Unspecified
        )
    }

    /// Human description (English).
    pub fn describe(self) -> &'static str {
        use RevocationReason::*;
        match self {
            Unspecified => "unspecified",
            KeyCompromise => "key compromise",
            CaCompromise => "CA compromise",
            AffiliationChanged => "affiliation changed",
            Superseded => "superseded",
            CessationOfOperation => "cessation of operation",
            CertificateHold => "certificate hold",
            RemoveFromCrl => "remove from CRL",
            PrivilegeWithdrawn => "privilege withdrawn",
            AaCompromise => "AA compromise",
        }
    }
}

/// A set of reasons as the ReasonFlags BIT STRING names them (bit 1 keyCompromise ...
/// bit 8 aACompromise; bit 0 unused). Used for the reasons a distribution point or a CRL
/// covers (RFC 5280 §6.3.3 reasons_mask).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ReasonSet(u16);

impl ReasonSet {
    /// Every reason.
    pub const ALL: ReasonSet = ReasonSet(0x1FE);
    /// No reason.
    pub const EMPTY: ReasonSet = ReasonSet(0);

    /// From x509-parser's ReasonFlags bits (bit i = ReasonFlags bit i).
    pub fn from_flags(flags: u16) -> ReasonSet {
        ReasonSet(flags & Self::ALL.0)
    }

    /// Intersection.
    pub fn intersect(self, other: ReasonSet) -> ReasonSet {
        ReasonSet(self.0 & other.0)
    }

    /// Union.
    pub fn union(self, other: ReasonSet) -> ReasonSet {
        ReasonSet(self.0 | other.0)
    }

    /// Is every reason of `other` in `self`?
    pub fn contains_all(self, other: ReasonSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Does `other` add anything to `self`?
    pub fn adds_to(self, other: ReasonSet) -> bool {
        other.0 & !self.0 != 0
    }

    /// Is the set empty?
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}
