//! What `verify` prints: a CMS or XML verdict in words or as its JSON line (with the
//! checks of `barcode verify`'s codes beside it), and the verified content written to
//! `--out` with the exit code.

use qoltanba::Judged as _;
use std::path::Path;

use qoltanba::cms::{SignerPolicy, TimeBasis};
use qoltanba::{Outcome, Overall};

use crate::args::JudgeArgs;
use crate::error::Failure;
use crate::{exit, files, report};

/// The report of an XML verdict (`verify`, and `barcode verify` with the checks of the
/// codes, `extra`, beside it: `overall` counts them), its content written to `--out`, and
/// the exit code.
pub(super) fn report_xml(
    args: &JudgeArgs,
    file: &Path,
    verdict: &qoltanba::xmldsig::XmlVerdict,
    overall: Overall,
    extra: &[qoltanba::Check],
) -> Result<u8, Failure> {
    let problems = problems(extra);
    if args.output.json {
        let mut value = serde_json::to_value(verdict).unwrap_or_default();
        if let Some(o) = value.as_object_mut() {
            o.insert("format".into(), serde_json::json!("xmldsig"));
            if !problems.is_empty() {
                o.insert("verdict".into(), serde_json::json!(overall));
                o.insert("content_problems".into(), serde_json::json!(problems));
            }
        }
        outln!(
            "{}",
            crate::report::json(Some(&file.display().to_string()), &value)
        );
    } else {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} (XML signature, {})",
            file.display(),
            overall.as_str().to_uppercase(),
            verdict.signature_method()
        );
        report::checks(&mut s, "  ", verdict.checks());
        report::checks(&mut s, "  ", extra);
        if verdict.signers().len() > 1 {
            for signer in verdict.signers() {
                let _ = writeln!(
                    s,
                    "  signature #{}: {} ({})",
                    signer.index() + 1,
                    signer.overall().as_str().to_uppercase(),
                    signer.signature_method()
                );
                report::checks(&mut s, "    ", signer.checks());
            }
        }
        if let Some(r) = &verdict.refusal() {
            report::refusal(&mut s, r.kk(), r.ru(), r.en());
        }
        out!("{s}");
    }
    // What the signatures cover (its canonical form), not the input: unsigned comments and
    // ds:Object content stay out.
    // When only part of the document is signed (a SOAP Body by Id), the one signed part.
    let parts = verdict.signed_parts().map(|p| p.get().as_slice());
    let part = match parts {
        Some([one]) => Some(one.octets()),
        _ => None,
    };
    let content = verdict
        .verified_octets()
        .or(part)
        .filter(|_| overall == Overall::Valid);
    if content.is_none() && overall == Overall::Valid {
        // Valid, and the signatures cover several parts: no one content to write.
        if let Some(out) = args.out.as_deref() {
            files::remove_stale(out)?;
            return Err(Failure::usage(format!(
                "--out {}: the signatures cover {} separate parts of the document, not one content; nothing written",
                out.display(),
                parts.map_or(0, <[_]>::len)
            )));
        }
    }
    finish(args.out.as_deref(), content, overall)
}

/// The reasons of the checks beyond the signature (`barcode verify`: the codes' labels
/// and who signed, [`qoltanba::document::verify_codes`]) that did not pass: the JSON's
/// `content_problems`.
pub(super) fn problems(extra: &[qoltanba::Check]) -> Vec<String> {
    extra
        .iter()
        .filter(|c| c.outcome() != Outcome::Passed)
        .map(|c| c.reason().to_string())
        .collect()
}

/// The `--json` line of a verdict: the library's serialisation, with the problems of the
/// checks beyond the signature (`barcode verify`) beside it and the verdict they make.
pub(super) fn json_with_problems<T: serde::Serialize>(
    file: &Path,
    verdict: &T,
    overall: Overall,
    problems: &[String],
) -> String {
    let mut value = serde_json::to_value(verdict).unwrap_or_default();
    if let Some(object) = value.as_object_mut().filter(|_| !problems.is_empty()) {
        object.insert("verdict".into(), serde_json::json!(overall));
        object.insert("content_problems".into(), serde_json::json!(problems));
    }
    crate::report::json(Some(&file.display().to_string()), &value)
}

/// The report of a CMS verdict (`verify`, and `barcode verify` with the checks of the
/// codes, `extra`, beside it: `overall` counts them), its content written to `--out`, and
/// the exit code.
pub(super) fn report_cms(
    args: &JudgeArgs,
    file: &Path,
    verdict: &qoltanba::cms::CmsVerdict,
    overall: Overall,
    extra: &[qoltanba::Check],
) -> Result<u8, Failure> {
    if args.output.json {
        outln!(
            "{}",
            json_with_problems(file, verdict, overall, &problems(extra))
        );
    } else {
        out!("{}", human(file, verdict, overall, extra));
    }
    finish(
        args.out.as_deref(),
        verdict
            .verified_content()
            .map(|c| c.as_bytes())
            .filter(|_| overall == Overall::Valid),
        overall,
    )
}

/// Write the verified content to `--out` (only a valid verdict has any), and the exit code.
/// When nothing is written, a file already at `--out` (a previous run's) is removed: what
/// `--out` names afterwards is this run's verified content or nothing (review 46).
pub(super) fn finish(
    out: Option<&Path>,
    verified: Option<&[u8]>,
    verdict: Overall,
) -> Result<u8, Failure> {
    if let Some(out) = out {
        match verified {
            Some(c) => files::write(out, c)?,
            None => {
                files::remove_stale(out)?;
                errln!(
                    "qoltanba: the verdict is not valid: no content written to {}",
                    out.display()
                )
            }
        }
    }
    Ok(exit::of(verdict))
}

pub(super) fn human(
    file: &Path,
    v: &qoltanba::cms::CmsVerdict,
    overall: Overall,
    extra: &[qoltanba::Check],
) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}: {} ({} signer(s), {}{})",
        file.display(),
        overall.as_str().to_uppercase(),
        v.signers().len(),
        if v.detached() { "detached" } else { "attached" },
        match v.signer_policy() {
            SignerPolicy::All => ", all must hold",
            SignerPolicy::Any => ", any may hold",
        }
    );
    report::checks(&mut s, "  ", v.checks());
    report::checks(&mut s, "  ", extra);
    for signer in v.signers() {
        let who = signer
            .certificate()
            .as_ref()
            .map(|c| {
                let ids: Vec<String> = [
                    c.subject().iin.map(|i| format!("IIN {i}")),
                    c.subject().bin.map(|b| format!("BIN {b}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                format!(
                    "{} {}",
                    c.subject().common_name.clone().unwrap_or_default(),
                    ids.join(", ")
                )
            })
            .unwrap_or_else(|| signer.signer_id().to_string());
        let _ = writeln!(
            s,
            "  signer #{}: {} — {who}; signingTime {}; judged at {}{}",
            signer.index(),
            signer.overall().as_str().to_uppercase(),
            signer
                .signing_time()
                .map(|t| t.to_rfc3339())
                .unwrap_or_else(|| "-".into()),
            signer.at().to_rfc3339(),
            match signer.time_basis() {
                TimeBasis::Given => "",
                TimeBasis::ClaimedSigningTime => " (the signer's claimed signingTime)",
                TimeBasis::TimeStamp => {
                    " (the time its time-stamp proves: genTime + accuracy, at most --at)"
                }
            }
        );
        report::checks(&mut s, "    ", signer.checks());
        if let Some(c) = &signer.certificate() {
            report::crls(&mut s, "    ", c.crls());
        }
        // Every token, with what it did not prove (the `timestamp` check says how they
        // count).
        for t in signer.timestamps() {
            let _ = writeln!(
                s,
                "    time-stamp: {} — {}",
                t.overall().as_str().to_uppercase(),
                t.summary()
            );
            let open: Vec<qoltanba::Check> = t
                .checks()
                .iter()
                .filter(|c| c.outcome() != Outcome::Passed)
                .cloned()
                .collect();
            report::checks(&mut s, "      ", &open);
        }
        countersignatures(&mut s, "    ", signer.countersignatures());
    }
    if let Some(r) = &v.refusal() {
        report::refusal(&mut s, r.kk(), r.ru(), r.en());
    }
    s
}

/// Every countersignature on a signer (nested ones indented under theirs), with what it did
/// not prove (the signer's `countersignature` check says how they count).
pub(super) fn countersignatures(
    s: &mut String,
    indent: &str,
    all: &[qoltanba::cms::SignerVerdict],
) {
    use std::fmt::Write as _;
    for c in all {
        let _ = writeln!(
            s,
            "{indent}countersignature #{}: {} — {}; judged at {}",
            c.index(),
            c.overall().as_str().to_uppercase(),
            c.signer_id(),
            c.at().to_rfc3339()
        );
        let open: Vec<qoltanba::Check> = c
            .checks()
            .iter()
            .filter(|x| x.outcome() != Outcome::Passed)
            .cloned()
            .collect();
        let deeper = format!("{indent}  ");
        report::checks(s, &deeper, &open);
        countersignatures(s, &deeper, c.countersignatures());
    }
}
