//! The verdicts on a signed XML document and on each of its signatures, and the options
//! [`super::verify_with`] takes.

use super::*;

/// The verdict on a signed XML document: each of its signatures judged, combined under a
/// [`SignerPolicy`]. Made by [`verify`] only.
#[derive(Clone, Debug, Serialize)]
#[must_use]
pub struct XmlVerdict {
    /// Overall: the signatures under the policy.
    pub(crate) verdict: Overall,
    /// With one signature: its `reference`, `signer_certificate`, `signature`, then the
    /// certificate condition's checks. With several: `signers` (how many held, under the
    /// policy); each signature's own checks are in [`XmlVerdict::signers`].
    pub(crate) checks: Vec<Check>,
    /// The refusal text when the verdict is not valid.
    pub(crate) refusal: Option<Refusal>,
    /// The signer policy applied.
    pub(crate) signer_policy: SignerPolicy,
    /// Each `ds:Signature`, in document order.
    pub(crate) signers: Vec<XmlSignerVerdict>,
    /// The time judged.
    pub(crate) at: DateTime<Utc>,
    /// What the signatures cover (see [`XmlVerdict::verified_octets`]).
    #[serde(skip)]
    pub(super) octets: Option<Arc<[u8]>>,
    /// What the References of the signatures relied on covered (see
    /// [`XmlVerdict::signed_parts`]).
    #[serde(skip)]
    pub(super) parts: Option<Verified<Vec<SignedPart>>>,
    /// The document less every signature (canonical), whatever the verdict: what a
    /// whole-document signature's References were checked over. Only for a caller in
    /// this crate that proves, under its own rules, that every signature it relies on
    /// covers it (a regulation profile judging an XML request).
    #[serde(skip)]
    pub(crate) bare: Option<Arc<[u8]>>,
    /// The document element is a SOAP Envelope (1.1 or 1.2) with one Body, which every
    /// signature by Id had to cover: what a WS-Security route answers about.
    #[serde(skip)]
    pub(crate) soap: bool,
    /// For a valid document: the first element or text a signature carries that no
    /// Reference of its own covers, beyond its structure (XMLDSig's, a WS-Security token
    /// reference in its KeyInfo, XAdES 1.3.2's unsigned properties, each under the parent
    /// its schema puts it), or a certificate, name or serial there of no certificate it
    /// was judged with (in words; `None` when none does). Left out of [`XmlVerdict::verified_octets`], as every Signature is, but in
    /// the document as sent: a caller handing out the document itself as signed
    /// (NCANode's `/xml/verify`) must refuse it.
    #[serde(skip)]
    pub(crate) carried: Option<String>,
}

/// The verdict on one `ds:Signature` of a document. Made by [`verify`] only.
#[derive(Clone, Debug, Serialize)]
#[must_use]
pub struct XmlSignerVerdict {
    /// Its position among the document's signatures (0-based, document order).
    pub(crate) index: usize,
    pub(crate) verdict: Overall,
    /// `reference`, `signer_certificate`, `signature`, then the certificate condition's.
    pub(crate) checks: Vec<Check>,
    pub(crate) refusal: Option<Refusal>,
    /// The SignatureMethod URI.
    pub(crate) signature_method: String,
    /// What its References were checked over, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) covers: Option<String>,
    /// The certificate condition's verdict on the signer, when a signer was found.
    pub(crate) certificate: Option<Verdict>,
    /// What each of its References covered, once its digest matched. A whole-document
    /// Reference's is the document less every signature, in the Reference's canonical form:
    /// what it covers when the earlier signatures it signed hold too (as under
    /// [`SignerPolicy::All`]).
    #[serde(skip)]
    pub(crate) parts: Vec<SignedPart>,
    /// The same, each whole-document Reference's octets exactly as digested, when they
    /// were not the document less every signature (a later signer signs the earlier
    /// signatures too): what it alone covers, handed out in place of `parts` when one of
    /// those earlier signatures does not hold (under [`SignerPolicy::Any`]). Removing a
    /// signature splices the text around it, so the document less every signature is not
    /// what this one digested. `None` when `parts` is exactly what was digested.
    #[serde(skip)]
    pub(crate) as_digested: Option<Vec<SignedPart>>,
    /// The time its signer's certificate was judged at.
    pub(crate) at: DateTime<Utc>,
    /// Where that time came from.
    pub(crate) time_basis: TimeBasis,
    /// XAdES SigningTime, the signer's claim, when present and readable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) signing_time: Option<DateTime<Utc>>,
    /// Its XAdES signature time-stamps, each judged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) timestamps: Vec<crate::tsp::TimeStampVerdict>,
}

impl XmlSignerVerdict {
    /// Its position among the document's signatures (0-based, document order).
    pub fn index(&self) -> usize {
        self.index
    }
    /// The SignatureMethod URI.
    pub fn signature_method(&self) -> &str {
        &self.signature_method
    }
    /// What its References were checked over, in words ("the document less this signature
    /// and the 1 appended after it").
    pub fn covers(&self) -> Option<&str> {
        self.covers.as_deref()
    }
    /// The certificate condition's verdict on the signer, when a signer was found.
    pub fn certificate(&self) -> Option<&Verdict> {
        self.certificate.as_ref()
    }
    /// The time the signer's certificate was judged at (see [`XmlOptions::time`]).
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }
    /// Where [`XmlSignerVerdict::at`] came from.
    pub fn time_basis(&self) -> TimeBasis {
        self.time_basis
    }
    /// The XAdES SigningTime (the signer's claim), when present and readable.
    pub fn signing_time(&self) -> Option<DateTime<Utc>> {
        self.signing_time
    }
    /// The XAdES signature time-stamps (XAdES-T), each judged.
    pub fn timestamps(&self) -> &[crate::tsp::TimeStampVerdict] {
        &self.timestamps
    }
}

crate::verdict::judged!(XmlSignerVerdict);

impl crate::verdict::CertificateVerdicts for XmlSignerVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        self.certificate.certificate_verdicts(out);
        self.timestamps.certificate_verdicts(out);
    }
}

impl XmlVerdict {
    /// The signature this verdict describes in one word ("who signed"): when the document
    /// is valid, the first signature that holds (under [`SignerPolicy::All`] the first, as
    /// all hold; under [`SignerPolicy::Any`] an earlier signature may not hold, and naming
    /// its signer would hand out an identity the document does not rest on); when it is not
    /// valid, the first signature, whatever its verdict (no signature is relied on then:
    /// [`XmlVerdict::signers`] judges each).
    fn described(&self) -> Option<&XmlSignerVerdict> {
        if self.verdict == Overall::Valid {
            self.signers.iter().find(|s| s.verdict == Overall::Valid)
        } else {
            self.signers.first()
        }
    }

    /// The certificate condition's verdict on the signer of the signature this verdict
    /// describes, when one was found: for a valid document the first signature that holds
    /// (never one that does not, which under [`SignerPolicy::Any`] may precede it), for
    /// another the first signature (see [`XmlVerdict::signers`] for every signature).
    pub fn certificate(&self) -> Option<&Verdict> {
        self.described().and_then(|s| s.certificate.as_ref())
    }

    /// The SignatureMethod URI of the same signature as [`XmlVerdict::certificate`]'s: for
    /// a valid document the first signature that holds, for another the first (empty when
    /// the document has none).
    pub fn signature_method(&self) -> &str {
        self.described().map_or("", |s| s.signature_method.as_str())
    }

    /// Each `ds:Signature`, in document order.
    pub fn signers(&self) -> &[XmlSignerVerdict] {
        &self.signers
    }

    /// The signer policy applied.
    pub fn signer_policy(&self) -> SignerPolicy {
        self.signer_policy
    }

    /// The time judged.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }
}

crate::verdict::judged!(XmlVerdict);

impl crate::verdict::CertificateVerdicts for XmlVerdict {
    fn certificate_verdicts<'a>(&'a self, out: &mut Vec<&'a Verdict>) {
        self.signers.certificate_verdicts(out);
    }
}

impl XmlVerdict {
    /// What the signatures cover, only when the verdict is valid: the document less every
    /// `ds:Signature`, in Canonical XML 1.0 (UTF-8, no XML declaration, no DTD), without
    /// comments (a `URI=""` node-set holds none, whichever canonicalisation the Reference
    /// names, XMLDSig §4.3.3.3). Every signature's References were checked over these
    /// octets, or over them with the signatures that preceded it (a later signer signs the
    /// earlier signatures too), which are then relied on as well and hold: every byte
    /// handed out is covered by every signature relied on.
    ///
    /// Under [`SignerPolicy::Any`] a signature relied on may have signed an earlier one
    /// that does not hold. The document less every signature is not what it digested
    /// (removing the earlier signature splices the text around it), and no signature
    /// relied on vouches for it: what is handed out is then the document exactly as that
    /// signature digested it, less itself and the signatures appended after it, the
    /// earlier signatures still in it (or `None` when the signatures relied on digested
    /// different octets).
    ///
    /// Not the input: the input also carries what no digest covers, and a consumer must
    /// not take it for signed. The Signatures with their `ds:KeyInfo` and any `ds:Object`,
    /// comments, the XML declaration, and the form of tags, attributes and references
    /// (which canonicalisation erases) are not handed out.
    ///
    /// `None` as well when a signature relied on covers only part of the document
    /// (`URI="#id"`): [`XmlVerdict::signed_parts`] then gives what was signed.
    pub fn verified_octets(&self) -> Option<&[u8]> {
        self.octets.as_deref().filter(|_| self.is_valid())
    }

    /// What the References of the signatures relied on covered, only when the verdict is
    /// valid: for `URI=""` the canonical document less every signature (or, for a signature
    /// that signed an earlier one that does not hold, under [`SignerPolicy::Any`], the
    /// document exactly as it digested it: see [`XmlVerdict::verified_octets`]), for `URI="#id"` the
    /// canonical element exactly as its digest was checked (never the document around it:
    /// an element moved or wrapped elsewhere is handed out as signed, the rest is not).
    pub fn signed_parts(&self) -> Option<&Verified<Vec<SignedPart>>> {
        self.parts.as_ref().filter(|_| self.is_valid())
    }
}

/// How [`verify_with`] judges a document beyond the [`Verifier`] and the [`Expectation`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct XmlOptions {
    /// Every signature required, or one.
    pub signers: SignerPolicy,
    /// Accept RSA with SHA-1 (`xmldsig#rsa-sha1`, digest `xmldsig#sha1`), for archives of
    /// old signatures: reported as weak in the checks it passes. Off by default: SHA-1
    /// collisions are practical, and nothing the NCA issues today signs with it.
    pub legacy_sha1: bool,
    /// At which time each signer's certificate is judged: the time given (the default),
    /// the XAdES SigningTime (the signer's claim, judged as such), or the time a valid
    /// XAdES SignatureTimeStamp proves (genTime + accuracy, at most the time checked), as
    /// for CMS.
    pub time: TimePolicy,
}

impl XmlOptions {
    /// Every signature required, no legacy algorithm.
    pub fn new() -> XmlOptions {
        XmlOptions::default()
    }
    /// With the signer policy.
    pub fn signers(mut self, policy: SignerPolicy) -> XmlOptions {
        self.signers = policy;
        self
    }
    /// With the time policy.
    pub fn time(mut self, policy: TimePolicy) -> XmlOptions {
        self.time = policy;
        self
    }
    /// With RSA-SHA1 accepted (and reported as weak).
    pub fn legacy_sha1(mut self, on: bool) -> XmlOptions {
        self.legacy_sha1 = on;
        self
    }
}
