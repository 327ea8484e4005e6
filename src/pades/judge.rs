//! One signature of a PDF judged: its dictionary's own checks (the form field that names
//! it, the locks it declares over later revisions, the /SubFilter and the CAdES profile
//! PAdES requires), then its detached CMS over the bytes its /ByteRange covers.

use super::candidates::{disagreement, Candidate, Source};
use super::dictionary::read_signature;
use super::{form, text, PdfSignature, PADES_SUBFILTER, PKCS7_SUBFILTER};
use crate::cms::{CmsVerdict, SignedData, VerifyOptions};
use crate::condition::Verifier;
use crate::verdict::{overall, Check, CheckName, Outcome, Overall, ReasonKind};
use crate::work::WorkMeter;

/// One signature: a candidate of [`candidates()`].
pub(super) fn judge(
    pdf: &[u8],
    index: usize,
    candidate: &Candidate,
    verifier: &Verifier,
    options: &VerifyOptions,
    meter: &WorkMeter,
) -> PdfSignature {
    let mut sig = PdfSignature {
        index,
        byte_range: [0; 4],
        covers_whole_file: false,
        sub_filter: String::new(),
        claimed_time: None,
        reason: None,
        location: None,
        contact_info: None,
        cms: None,
        checks: Vec::new(),
        verdict: Overall::Invalid,
    };
    let failed = |reason: String| {
        Check::new(
            CheckName::Signature,
            Outcome::Failed,
            ReasonKind::Malformed,
            reason,
        )
    };
    // The dictionary's own checks; the CMS's follow them.
    let mut own = Vec::new();
    match &candidate.source {
        Source::FormUnjudged {
            field,
            outcome,
            reason,
        } => own.push(Check::new(
            CheckName::Signature,
            *outcome,
            if *outcome == Outcome::Failed {
                ReasonKind::Malformed
            } else {
                ReasonKind::Unsupported
            },
            format!("the signature of field \"{field}\": {reason}"),
        )),
        Source::Orphan => own.push(Check::new(
            CheckName::Signature,
            Outcome::Unknown,
            ReasonKind::NotPermitted,
            "no signature field of the form names this signature dictionary: no PDF reader shows it, and it vouches for nothing (not counted as covering the file)",
        )),
        Source::Form { .. } | Source::Bytes => {}
    }
    if let Some(at) = candidate.at {
        match read_signature(pdf, at) {
            Err(reason) => own.push(failed(reason)),
            Ok(found) => {
                sig.byte_range = found.byte_range;
                sig.sub_filter = found.sub_filter.clone();
                sig.claimed_time = found.claimed_time.clone();
                sig.reason = text::text_after(found.dictionary, b"/Reason");
                sig.location = text::text_after(found.dictionary, b"/Location");
                sig.contact_info = text::text_after(found.dictionary, b"/ContactInfo");
                let end = found.byte_range[2].saturating_add(found.byte_range[3]);
                sig.covers_whole_file = candidate.counted() && end == pdf.len() as u64;
                if let Source::Form {
                    field,
                    start,
                    end: object_end,
                    dict,
                    mdp,
                } = &candidate.source
                {
                    if let Some(reason) = disagreement(&found, dict, *start, *object_end) {
                        own.push(failed(format!(
                            "the signature of field \"{field}\": {reason}"
                        )));
                    }
                    if let Some(check) = lock_check(mdp, end, pdf.len()) {
                        own.push(check);
                    }
                }
                match found.sub_filter.as_str() {
                    PADES_SUBFILTER | PKCS7_SUBFILTER => {}
                    other => own.push(Check::new(
                        CheckName::Signature,
                        Outcome::Unknown,
                        ReasonKind::Unsupported,
                        format!("/SubFilter /{other}: only {PADES_SUBFILTER} and {PKCS7_SUBFILTER} (a detached CMS) are read"),
                    )),
                }
                if own.iter().all(|c| c.outcome != Outcome::Failed) {
                    match SignedData::from_ber(&found.cms) {
                        Err(e) => {
                            own.push(failed(format!("/Contents is not a CMS SignedData: {e}")))
                        }
                        Ok(signed) if signed.unverified_content().is_some() => own.push(failed(
                            "/Contents is an attached CMS: a PDF signature is detached".into(),
                        )),
                        Ok(signed) => {
                            let mut data =
                                Vec::with_capacity(found.first.len() + found.second.len());
                            data.extend_from_slice(found.first);
                            data.extend_from_slice(found.second);
                            let cms =
                                signed.verify_detached_metered(&data, verifier, options, meter);
                            if found.sub_filter == PADES_SUBFILTER {
                                own.extend(cades_profile(&cms));
                            }
                            sig.cms = Some(cms);
                        }
                    }
                }
            }
        }
    }
    sig.verdict = match &sig.cms {
        Some(cms) => cms.verdict.max(overall(&own)),
        None => overall(&own),
    };
    sig.checks = own;
    if let Some(cms) = &sig.cms {
        sig.checks.extend(cms.checks.iter().cloned());
        if let [signer] = cms.signers.as_slice() {
            sig.checks.extend(signer.checks.iter().cloned());
        }
    }
    sig
}

/// What the locks a signature declares make of the revisions after it (its signed bytes
/// end at `signed`, the file at `file_len`). No later revision: nothing. ISO 32000-1
/// §12.8.2.2 and ISO 32000-2 §12.8.2.4: a permission of 1 (DocMDP, or a FieldMDP entry
/// or `/Lock` carrying `/P 1`) forbids any change, so a later revision breaks the
/// signature (failed). A permission of 2 or 3, or a form field lock, forbids some changes;
/// telling which a later revision made needs a comparison of the revisions, which this
/// library does not make: not proven (unknown), never valid.
pub(super) fn lock_check(
    mdp: &std::result::Result<form::Mdp, String>,
    signed: u64,
    file_len: usize,
) -> Option<Check> {
    if signed == file_len as u64 {
        return None;
    }
    let later =
        format!("the file was changed after it (it covers the first {signed} of {file_len} bytes)");
    match mdp {
        Err(e) => Some(Check::new(
            CheckName::Content,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            format!("what the signature permits after it (its /Reference, its field's /Lock) cannot be read ({e}), and {later}"),
        )),
        Ok(m) if m.forbids_any_change() => Some(Check::new(
            CheckName::Content,
            Outcome::Failed,
            ReasonKind::NotPermitted,
            format!(
                "the signature declares {}: no change permitted after it, and {later}",
                m.describe()
            ),
        )),
        Ok(m) if m.restricts() => Some(Check::new(
            CheckName::Content,
            Outcome::Unknown,
            ReasonKind::Unsupported,
            format!(
                "the signature declares {}, and {later}: later revisions may change what the certification or lock forbids; the library does not compare revisions",
                m.describe()
            ),
        )),
        Ok(_) => None,
    }
}

/// What a `/SubFilter /ETSI.CAdES.detached` signature lacks of the CAdES profile PAdES
/// requires (ETSI EN 319 142-1 §5.2.2): signed attributes, among them the ESS
/// signing-certificate (v2, or v1) that binds the signer's certificate to the signature.
/// (`adbe.pkcs7.detached`, a plain PKCS#7 signature, needs neither.)
fn cades_profile(cms: &CmsVerdict) -> Option<Check> {
    let lacking: Vec<String> = cms
        .signers()
        .iter()
        .filter_map(|s| {
            let attrs = s.signed_attributes();
            if attrs.is_empty() {
                Some(format!(
                    "signer #{} has no signed attributes",
                    s.index() + 1
                ))
            } else if !attrs
                .iter()
                .any(|a| a == "signingCertificateV2" || a == "signingCertificate")
            {
                Some(format!(
                    "signer #{} has no ESS signingCertificateV2 binding its certificate",
                    s.index() + 1
                ))
            } else {
                None
            }
        })
        .collect();
    (!lacking.is_empty()).then(|| {
        Check::new(
            CheckName::Signature,
            Outcome::Failed,
            ReasonKind::Missing,
            format!(
                "/SubFilter /{PADES_SUBFILTER} promises a CAdES signature (ETSI EN 319 142-1), but {}",
                lacking.join("; ")
            ),
        )
    })
}
