//! Revocation reasons (CRLReason). Reason sets (ReasonFlags) belong to distribution
//! points, on the certificate side: [`ReasonSet`].

use serde::Serialize;

pub use crate::certificate::ReasonSet;

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
