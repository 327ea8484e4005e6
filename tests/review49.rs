//! Review 49 (hostile, differential): PDF signature verification (`pades::verify`, the CLI's
//! `qoltanba verify file.pdf`, the server's `/pdf/verify`, all one function) against
//! poppler's `pdfsig` and pyHanko's validator (`validate_pdf_signature`: coverage,
//! difference analysis of the updates after a signature, DocMDP compliance), looking for a
//! false "valid": every signature proven, one over the whole file, while what a reader
//! shows is not what was signed, or a peer refuses the file for a real flaw.
//!
//! Method. Honest documents first (the library's own `pades::sign`, once and twice; pyHanko
//! as a producer: `tests/data/review49/make_fixtures.py` made `lock_p1.pdf`,
//! `certified_p2.pdf` and `certified_p1_lock.pdf` once, from `classic.pdf` and the test
//! PKI), on which all three agree. Then attacks built here by hand (incremental updates
//! with a classic cross-reference section, signature placeholders filled as any signer
//! fills them, CMSs made by the library's own `cms::sign` and the test PKI's keys): updates
//! after the last signature of every kind (new page, annotation, form field and value,
//! JavaScript open action, /Names, /Info, a new signature field, a trailer whose /Prev
//! skips the signed revision), DocMDP and FieldMDP locks written as real producers write
//! them, signature dictionaries the byte-level reader does not see, and signatures that no
//! PDF reader sees. Each file's verdict was compared with `pdfsig -nocert` and with
//! `tests/data/review49/peers.py` (pyHanko; validation at 2026-11-23); the tests call both
//! when present (printing what they say, or a notice when absent) and assert on the
//! library's verdict only. `REVIEW49_DUMP=DIR` keeps every file a test builds in DIR.
//!
//! Findings (each was a failing `defect_` test; all six fixed, the tests renamed for the
//! behaviour they now pin):
//! - `a_field_lock_forbidding_changes_is_enforced` (was
//!   `defect_a_field_lock_forbidding_changes_is_ignored`): pyHanko's approval signature on
//!   a field locked with `/P 1` (PDF 2.0: no change after it; `/Reference` holds one
//!   FieldMDP entry carrying `/P 1`), the page text changed, anyone signs: Valid; pyHanko
//!   says docmdp_ok=False, bottom_line=False for the locked signature. Fixed: the locks a
//!   signature declares are read by the object reader (`form::mdp`: every `/Reference`
//!   entry, FieldMDP's PDF 2.0 `/P`, the field's `/Lock`); `/P 1` then a revision: Invalid.
//! - `docmdp_p1_written_otherwise_is_enforced` (was
//!   `defect_docmdp_p1_written_otherwise_is_ignored`): a /DocMDP /P 1 certification whose
//!   `/Reference` lists FieldMDP before DocMDP, or whose SigRef or TransformParams is an
//!   indirect object: the /P 1 check (`dictionary::docmdp_permission`, text only) misses it,
//!   the changed document is Valid; pyHanko reads it and refuses. Fixed: `/Reference`,
//!   each SigRef and its TransformParams resolved by the object reader, the signer's
//!   `refuse_locked` and the verifier sharing `form::mdp`: Invalid.
//! - `a_docmdp_p2_certification_followed_by_a_revision_is_indeterminate` (was
//!   `defect_docmdp_p2_certification_then_a_page_change_is_valid`): pyHanko's /P 2
//!   certification (form filling and signing only), the page text changed and signed by
//!   anyone: Valid, the certification Valid; pyHanko: ILLEGAL_MODIFICATIONS. Fixed: the
//!   library compares no revisions, so a /P 2 or /P 3 certification followed by a
//!   revision is Indeterminate (the certification and the file), never Valid.
//! - `a_fieldmdp_lock_followed_by_a_revision_is_indeterminate` (was
//!   `defect_a_field_locked_by_fieldmdp_changed_after_signing_is_valid`): a signature
//!   locking the field `Amount` (FieldMDP /Include), its value changed by an update, anyone
//!   signs: Valid; pyHanko refuses the locking signature (and accepts the same update when
//!   the field is not locked). Fixed: a FieldMDP lock (or a field's `/Lock`) followed by a
//!   revision is Indeterminate, as a /P 2 certification.
//! - `a_signature_the_form_names_is_judged_however_it_is_written` (was
//!   `defect_a_signature_the_verifier_cannot_see_is_not_counted`): a signature whose key is
//!   written `/Byte#52ange` (the same name, ISO 32000-1 7.3.5), or whose dictionary is
//!   compressed in an object stream, is no signature to the byte search: a document
//!   carrying a broken signature in its form ("Digest Mismatch" in pdfsig, intact=False in
//!   pyHanko) and a valid one after it is Valid. Fixed: the signatures are the values of
//!   the form's signature fields (`form::signature_fields`), each judged; one whose
//!   `/ByteRange` is not written plainly is Indeterminate, one in an object stream Invalid.
//! - `a_signature_no_reader_sees_vouches_for_nothing` (was
//!   `defect_a_signature_no_reader_sees_vouches_for_an_update`): a signature dictionary in
//!   no field (an object of an update that no field names, or bytes after the last %%EOF)
//!   over the whole file makes a changed document Valid; pdfsig and pyHanko see only the
//!   victim's signature, "not total document signed", ILLEGAL_MODIFICATIONS, or no
//!   signature at all (pyHanko refuses to open the files with bytes after %%EOF). Fixed:
//!   a `/ByteRange` no signature field reaches is judged Indeterminate at best ("no PDF
//!   reader shows it") and never counts as covering the file; a file whose form cannot be
//!   read (bytes after the last %%EOF hide its `startxref`) is Indeterminate at best.
//!
//! Differences from the peers judged not defects:
//! - An approval signature (no DocMDP, no lock) over an earlier revision, the page changed
//!   after it and signed by another valid signer: pyHanko gives the earlier signature
//!   docmdp_ok=False; the library reports Valid, names it "an earlier revision" and the
//!   later signer as the one who vouches (pinned as held by documents_review.rs and
//!   pades_review.rs: the library's stated model, not re-reported here).
//! - Updates pyHanko accepts (a new empty signature field, a new /Info) after the last
//!   signature: Invalid here (no signature covers the file); stricter, not a false valid.
//!   A trailer whose /Prev skips the signed revision: pyHanko sees no signature, the
//!   library an earlier revision's; both refuse.
//! - A signature whose key is written `/Con#74ents`: valid to pdfsig, never valid here.
//! - pdfsig does no difference analysis and reports the earlier signatures of the
//!   defect files "Signature is Valid" / "Not total document signed": it refuses nothing
//!   beyond the digest, so pyHanko is the peer whose refusals the findings cite.

mod common;

use common::pdf_updates::{self, *};
use qoltanba::cms::SignRequest;
use qoltanba::keys::KeyBundle;
use qoltanba::pades;
use qoltanba::{Judged as _, Overall};

// --- material --------------------------------------------------------------------------

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `pdf` with the page's text (object 5 of `classic.pdf`) replaced by an update.
fn page_changed(pdf: &[u8]) -> Vec<u8> {
    update(pdf, &[(5, page_text(FORGED_TEXT))])
}

/// `pdf` with an update whose only new object is an unreferenced signature dictionary,
/// filled by `key` over the whole file.
fn signed_by_orphan(pdf: &[u8], key: &KeyBundle) -> Vec<u8> {
    let n = last_number(pdf, b"/Size") as u32;
    let mut out = update(pdf, &[(n, sig_dict(""))]);
    fill(&mut out, key);
    out
}

/// What the peers say of `pdf`, printed; the library's verdict beside it.
fn peers(pdf: &[u8], name: &str) -> (Option<String>, Option<String>) {
    pdf_updates::peers("review49", pdf, name)
}

// --- findings --------------------------------------------------------------------------

/// PDF 2.0 (ISO 32000-2 12.7.5.5, 12.8.2.4): a signature field's `/Lock` may carry `/P`,
/// the DocMDP permission that applies once the field is signed; `/P 1`: no change to the
/// document after this signature. pyHanko writes the signature's `/Reference` as a single
/// FieldMDP entry whose TransformParams carry `/P 1` (and the field's `/Lock` the same).
/// The library's /P 1 check reads only a `/TransformMethod /DocMDP` (the first
/// `/TransformMethod` of the dictionary, `dictionary::docmdp_permission`), so the lock is
/// nothing to it: the page text changed after it, the attacker (any holder of a trusted
/// certificate) signs, and the file is Valid, the locked signature Valid. pyHanko:
/// `field=Cert ... modification=OTHER docmdp_ok=False bottom_line=False`.
///
/// Found by review 49 (was a defect).
/// Fixed: `form::mdp` reads every `/Reference` entry (FieldMDP's `/P`) and the field's
/// `/Lock`; a permission of 1 followed by any revision fails the signature (Invalid).
#[test]
fn a_field_lock_forbidding_changes_is_enforced() {
    let locked = data("lock_p1.pdf");
    let v = verify(&locked);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(find(&locked, b"/TransformMethod /FieldMDP").is_some());
    assert!(find(&locked, b"/Lock").is_some());

    let forged = sign_over_locks(&page_changed(&locked), &p12("legal_sign"));
    let (_, pyhanko) = peers(&forged, "lock_p1_changed_signed");
    if let Some(h) = pyhanko {
        assert!(
            h.contains("field=Cert") && h.contains("docmdp_ok=False"),
            "{h}"
        );
    }
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    // Correct: the signer locked the document against any change; a later revision that
    // changes the page breaks that signature.
    assert_ne!(
        v.signatures()[0].overall(),
        Overall::Valid,
        "a signature locking the document (/Lock /P 1) judged valid after the page changed"
    );
    assert_eq!(v.signatures()[0].overall(), Overall::Invalid);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
}

/// A /DocMDP /P 1 certification (ISO 32000-1 12.8.2.2: "any change to the document shall
/// invalidate the signature"), written in three ways the standard allows and pyHanko reads
/// (`_extract_reference_dict`: each `/Reference` entry resolved, the one whose
/// TransformMethod is DocMDP): FieldMDP listed before DocMDP in `/Reference` (a certifying
/// signature on a locked field), the SigRef dictionary an indirect object, the
/// TransformParams an indirect object. The library's check reads the text of the signature
/// dictionary: the first `/TransformMethod` only, the first `/P` after the first
/// `/TransformParams` (defaulting to 2). Each variant, its page changed and the catalog's
/// /Perms dropped by an update, then signed by the attacker: Valid. (Written inline and
/// DocMDP first, as pyHanko and review 18 write it, the check holds:
/// `held_pyhanko_certification_p1_on_a_locked_field_is_enforced`.)
///
/// Found by review 49 (was a defect).
/// Fixed: the verifier and the signer (`refuse_locked`) read a lock with the same
/// function, `form::mdp`, which resolves `/Reference`, each SigRef and its
/// TransformParams with the object reader: each variant is Invalid.
#[test]
fn docmdp_p1_written_otherwise_is_enforced() {
    let certifier = p12("individual_sign");
    let attacker = p12("legal_sign");
    let field = "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Certification) /V 8 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R /Lock << /Type /SigFieldLock /Action /All >> >>";
    let docmdp = "<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>";
    let fieldmdp = "<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /All /V /1.2 >> >>";
    let variants: [(&str, String, Objects); 3] = [
        (
            "FieldMDP before DocMDP",
            format!(" /Reference [ {fieldmdp} {docmdp} ]"),
            vec![],
        ),
        (
            "indirect SigRef",
            " /Reference [ 10 0 R ]".to_string(),
            vec![(10, docmdp.to_string())],
        ),
        (
            "indirect TransformParams",
            " /Reference [ << /Type /SigRef /TransformMethod /DocMDP /TransformParams 10 0 R >> ]"
                .to_string(),
            vec![(10, "<< /Type /TransformParams /P 1 /V /1.2 >>".to_string())],
        ),
    ];
    let mut missed = Vec::new();
    for (what, reference, extra) in variants {
        let mut objects = vec![
            (
                1,
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 3 >> /Perms << /DocMDP 8 0 R >> >>".to_string(),
            ),
            (8, sig_dict(&reference)),
            (9, field.to_string()),
        ];
        objects.extend(extra);
        let mut certified = update(&fixture("classic.pdf"), &objects);
        fill(&mut certified, &certifier);
        let v = verify(&certified);
        assert_eq!(v.overall(), Overall::Valid, "{what}: {:#?}", v.checks());
        // The library's own signer sees the certification (it resolves objects) and
        // refuses to sign after it.
        let request = SignRequest::new(&attacker.certificate, common::time("2026-11-22T10:00:00Z"))
            .with_chain(&attacker.chain);
        assert!(
            pades::sign(
                &certified,
                &request,
                &attacker.key,
                &pades::PdfSignOptions::new()
            )
            .is_err(),
            "{what}"
        );
        // The attacker changes the page, drops /Perms, and signs.
        let changed = update(
            &certified,
            &[
                (
                    1,
                    "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 3 >> >>".to_string(),
                ),
                (5, page_text(FORGED_TEXT)),
            ],
        );
        let forged = sign_over_locks(&changed, &attacker);
        let name = format!("docmdp_p1_{}", what.replace(' ', "_"));
        let (_, pyhanko) = peers(&forged, &name);
        if let Some(h) = pyhanko {
            assert!(
                h.lines()
                    .next()
                    .is_some_and(|l| l.contains("bottom_line=False")),
                "{what}: {h}"
            );
        }
        let v = verify(&forged);
        if v.overall() != Overall::Invalid || v.signatures()[0].overall() != Overall::Invalid {
            missed.push(what);
        }
    }
    // Correct: a /P 1 certification followed by a change is never valid, however the
    // standard lets its dictionary be written.
    assert!(
        missed.is_empty(),
        "/DocMDP /P 1 ignored, the changed document Valid: {missed:?}"
    );
}

/// pyHanko's certification with /DocMDP /P 2 (ISO 32000-1 table 254: "Permitted changes
/// are filling in forms, instantiating page templates, and signing; other changes
/// invalidate the signature"). An update replaces the page's text, the attacker signs: the
/// library calls the file Valid and the certification Valid ("an earlier revision");
/// pyHanko: the certification intact, modification=OTHER, docmdp_ok=False,
/// bottom_line=False. The library's own doc says it "does not tell apart" /P 2 and /P 3
/// changes; unable to tell, it must not say Valid.
///
/// Found by review 49 (was a defect).
/// Fixed: the library compares no revisions, so a /P 2 or /P 3 certification followed by a
/// revision cannot be proven to permit it: the certification is Indeterminate (a `content`
/// check, "the library does not compare revisions"), and so the file. (Not Invalid: the
/// change is not proven forbidden here, though pyHanko, which compares, refuses it.)
#[test]
fn a_docmdp_p2_certification_followed_by_a_revision_is_indeterminate() {
    let certified = data("certified_p2.pdf");
    let v = verify(&certified);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(find(&certified, b"/TransformMethod /DocMDP").is_some());
    assert!(find(&certified, b"/P 2").is_some());

    let forged = sign_any(&page_changed(&certified), &p12("legal_sign"));
    let (_, pyhanko) = peers(&forged, "certified_p2_changed_signed");
    if let Some(h) = pyhanko {
        assert!(
            h.lines()
                .next()
                .is_some_and(|l| l.contains("modification=OTHER") && l.contains("docmdp_ok=False")),
            "{h}"
        );
    }
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    // Correct: a certification that permits form filling and signing only is not valid
    // after the page itself was changed (or, unable to tell, not Valid).
    assert_ne!(
        v.signatures()[0].overall(),
        Overall::Valid,
        "a /P 2 certification judged valid after the page text changed"
    );
    assert_eq!(v.signatures()[0].overall(), Overall::Indeterminate);
    assert!(v.signatures()[0]
        .checks()
        .iter()
        .any(|c| c.reason().contains("does not compare revisions")));
    assert_eq!(v.overall(), Overall::Indeterminate, "{:#?}", v.checks());
}

/// The library finds signatures by searching the bytes for the text `/ByteRange`
/// (`pades::verify`); readers find them through the form (each signature field's `/V`).
/// Two signatures a reader finds and the search does not: (a) the victim's signed document
/// with its key written `/Byte#52ange` (ISO 32000-1 7.3.5: the same name; same length, the
/// range's padding shortened), (b) an update (a cross-reference stream) adding a field
/// `Forged` whose signature dictionary is compressed in an object stream (the victim's CMS
/// copied, its ranges naming no `/Contents`). Then anyone's valid signature after it: the
/// library judges 1 (resp. 2) signatures, Valid; pdfsig lists 2 (resp. 3), the hidden one
/// "Digest Mismatch"; pyHanko the same, intact=False, bottom_line=False. A document whose
/// form carries a broken signature is not one whose "every signature" is proven. (The
/// library's own `pades::sign` signs after either without a word.)
///
/// Found by review 49 (was a defect).
/// Fixed: `verify` judges each value of the form's signature fields (`form::signature_fields`,
/// read by the object reader): one whose `/ByteRange` is not written plainly is
/// Indeterminate, one compressed in an object stream Invalid; never Valid.
#[test]
fn a_signature_the_form_names_is_judged_however_it_is_written() {
    let victim = sign_any(&fixture("classic.pdf"), &p12("individual_sign"));
    let at = rfind(&victim, b"/ByteRange [0 ").unwrap();
    let end = at + find(&victim[at..], b"]").unwrap();
    let old = String::from_utf8_lossy(&victim[at..=end]).into_owned();
    assert!(old.ends_with("  ]"), "{old}");
    let new = old
        .replacen("/ByteRange", "/Byte#52ange", 1)
        .replacen("  ]", "]", 1);
    assert_eq!(new.len(), old.len());
    let mut escaped = victim.clone();
    escaped[at..=end].copy_from_slice(new.as_bytes());
    let compressed = with_compressed_signature(&victim);

    let mut valid = Vec::new();
    for (what, hidden) in [
        ("/Byte#52ange", escaped),
        ("in an object stream", compressed),
    ] {
        // What the library judges before the attacker signs: every signature of the form
        // (the escaped one; the victim's and the compressed one), the hidden one not valid.
        let seen = if what.contains('#') { 1 } else { 2 };
        let v = verify(&hidden);
        assert_eq!(v.signatures().len(), seen, "{what}");
        assert_eq!(
            v.overall(),
            if what.contains('#') {
                Overall::Indeterminate
            } else {
                Overall::Invalid
            },
            "{what}: {:#?}",
            v.checks()
        );
        let forged = sign_any(&hidden, &p12("legal_sign"));
        let name = format!(
            "hidden_{}",
            if what.contains('#') {
                "escaped"
            } else {
                "objstm"
            }
        );
        let (pdfsig, pyhanko) = peers(&forged, &name);
        if let Some(p) = pdfsig {
            // Every signature the form names, the hidden one refused.
            let n = if what.contains('#') { 2 } else { 3 };
            assert_eq!(p.matches("Signature Field Name").count(), n, "{what}: {p}");
            assert!(
                p.contains("Digest Mismatch") || p.contains("Signature is Invalid"),
                "{what}: {p}"
            );
        }
        if let Some(h) = pyhanko {
            assert!(
                h.contains("intact=False") || h.contains("error"),
                "{what}: {h}"
            );
        }
        let v = verify(&forged);
        if v.overall() == Overall::Valid {
            valid.push(format!(
                "{what}: {} signature(s) judged",
                v.signatures().len()
            ));
        }
    }
    // Correct: every signature of the form is judged (the hidden one fails), or the file is
    // refused as one whose signatures cannot all be read; never Valid.
    assert!(
        valid.is_empty(),
        "a broken signature the byte search does not see: Valid {valid:?}"
    );
}

/// `signed` with an update (a cross-reference stream) adding a second signature field,
/// `Forged`, whose signature dictionary is compressed in an object stream: the victim's
/// CMS copied into it, its `/ByteRange` naming bytes that are no `/Contents` (a broken
/// signature every reader finds through the form, and no `/ByteRange` in the bytes).
fn with_compressed_signature(signed: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let [_, b, c, _] = verify(signed).signatures()[0]
        .byte_range()
        .map(|n| n as usize);
    let hex = String::from_utf8_lossy(&signed[b..c]).into_owned();
    let dict = format!(
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 100 200 300] /Contents {hex} /M (D:20261122100000+00'00') >>"
    );
    let header = "11 0 ";
    let mut plain = header.as_bytes().to_vec();
    plain.extend_from_slice(dict.as_bytes());
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&plain).unwrap();
    let packed = z.finish().unwrap();
    assert!(find(&packed, b"/ByteRange").is_none());

    let prev = last_number(signed, b"startxref");
    let mut out = signed.to_vec();
    let mut offsets = Vec::new();
    let mut object = |out: &mut Vec<u8>, n: u32, body: &[u8]| {
        offsets.push((n, out.len()));
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    };
    object(
        &mut out,
        1,
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R 12 0 R ] /SigFlags 3 >> >>",
    );
    object(
        &mut out,
        7,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [4 0 R 9 0 R 12 0 R] >>",
    );
    let mut stream = format!(
        "<< /Type /ObjStm /N 1 /First {} /Filter /FlateDecode /Length {} >>\nstream\n",
        header.len(),
        packed.len()
    )
    .into_bytes();
    stream.extend_from_slice(&packed);
    stream.extend_from_slice(b"\nendstream");
    object(&mut out, 10, &stream);
    object(
        &mut out,
        12,
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Forged) /V 11 0 R /Rect [0 0 0 0] /F 132 /P 7 0 R >>",
    );
    // The cross-reference stream (object 13): /W [1 4 2], uncompressed.
    let xref_at = out.len();
    let mut rows = Vec::new();
    let mut row = |kind: u8, a: usize, b: u16| {
        rows.push(kind);
        rows.extend_from_slice(&(a as u32).to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    };
    let offset = |n: u32| offsets.iter().find(|(m, _)| *m == n).unwrap().1;
    row(1, offset(1), 0);
    row(1, offset(7), 0);
    row(1, offset(10), 0);
    row(2, 10, 0);
    row(1, offset(12), 0);
    row(1, xref_at, 0);
    out.extend_from_slice(
        format!(
            "13 0 obj\n<< /Type /XRef /Size 14 /Root 1 0 R /Info 3 0 R /Prev {prev} /W [1 4 2] /Index [1 1 7 1 10 4] /Length {} >>\nstream\n",
            rows.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&rows);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// A signature is a signature field's value (ISO 32000-1 12.7.4.5, 12.8.1): the library
/// counts any `/ByteRange` in the bytes. The victim signs, the attacker changes the page
/// and appends a signature dictionary of their own over the whole file that no field
/// names: (a) an object of the update, in its cross-reference section; (b) bytes after the
/// last %%EOF, in no section at all; (c) the same on a document nobody else signed. The
/// library: Valid, the content check passed on the attacker's invisible signature. pdfsig
/// and pyHanko see the victim's signature alone: "Not total document signed",
/// modification=OTHER, docmdp_ok=False, bottom_line=False (for (b) and (c) pyHanko
/// refuses to open the file: "EOF marker not found"); for (c) pdfsig finds no signature.
/// What a reader shows (the victim's name, the changed page) is vouched for by no signature
/// a reader can see.
///
/// Found by review 49 (was a defect).
/// Fixed: only the form's signatures count for "a signature covers the whole file"; a
/// `/ByteRange` no field reaches is judged Indeterminate at best; a file whose form cannot
/// be read (bytes after the last %%EOF) is Indeterminate at best.
#[test]
fn a_signature_no_reader_sees_vouches_for_nothing() {
    let victim = p12("individual_sign");
    let attacker = p12("legal_sign");
    let signed = sign_any(&fixture("classic.pdf"), &victim);
    let changed = page_changed(&signed);

    let in_update = signed_by_orphan(&changed, &attacker);
    let mut after_eof = changed.clone();
    after_eof.extend_from_slice(format!("99 0 obj\n{}\nendobj\n", sig_dict("")).as_bytes());
    fill(&mut after_eof, &attacker);
    let mut unsigned = page_changed(&fixture("classic.pdf"));
    unsigned.extend_from_slice(format!("99 0 obj\n{}\nendobj\n", sig_dict("")).as_bytes());
    fill(&mut unsigned, &attacker);

    let mut valid = Vec::new();
    for (what, pdf, readers_see) in [
        ("an object no field names", in_update, 1),
        ("bytes after %%EOF", after_eof, 1),
        ("on an unsigned document", unsigned, 0),
    ] {
        let (pdfsig, pyhanko) = peers(&pdf, &format!("orphan_{}", what.replace(' ', "_")));
        if let Some(p) = pdfsig {
            assert_eq!(
                p.matches("Signature Field Name").count(),
                readers_see,
                "{what}: {p}"
            );
            assert!(!p.contains("Total document signed"), "{what}: {p}");
        }
        if let Some(h) = pyhanko {
            // pyHanko refuses to open a file with bytes after its last %%EOF at all.
            if !h.starts_with("error") {
                if readers_see == 0 {
                    assert!(h.contains("no signature"), "{what}: {h}");
                } else {
                    assert_eq!(h.lines().count(), 1, "{what}: {h}");
                    assert!(h.contains("bottom_line=False"), "{what}: {h}");
                }
            }
        }
        let v = verify(&pdf);
        if v.overall() == Overall::Valid {
            valid.push(what);
        }
    }
    // Correct: only a signature of the document (a signature field's value, reachable
    // from the last revision's catalog) covers it; a file that no such signature covers
    // to its end is not valid.
    assert!(
        valid.is_empty(),
        "a signature no reader sees made the changed document Valid: {valid:?}"
    );
}

/// FieldMDP (ISO 32000-1 12.8.2.4, 12.7.4.5 table 233 /Lock): the signer locks the field
/// `Amount` (`/Lock << /Action /Include /Fields [ (Amount) ] >>`, the signature's
/// `/Reference` a FieldMDP entry saying the same), so that its value cannot change after
/// the signature without invalidating it. An update sets `Amount` from 100 to 1000000, the
/// attacker signs: Valid, the locking signature Valid. pyHanko: the locking signature
/// docmdp_ok=False, bottom_line=False; the same update without the lock it accepts
/// (modification=FORM_FILLING, bottom_line=True): the lock is what it enforces. The
/// library reads no FieldMDP at all.
///
/// Found by review 49 (was a defect).
/// Fixed: a FieldMDP lock (or the field's `/Lock`) followed by a revision cannot be proven
/// respected without comparing the revisions, which the library does not: the locking
/// signature is Indeterminate, and so the file (not Invalid: the change is not proven
/// forbidden here).
#[test]
fn a_fieldmdp_lock_followed_by_a_revision_is_indeterminate() {
    let signer = p12("individual_sign");
    let amount = |value: &str| {
        format!("<< /Type /Annot /Subtype /Widget /FT /Tx /T (Amount) /V ({value}) /DA (/Helv 12 Tf 0 g) /Rect [ 72 600 300 630 ] /P 7 0 R >>")
    };
    let lock = "<< /Type /SigFieldLock /Action /Include /Fields [ (Amount) ] >>";
    let fieldmdp = " /Reference [ << /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /Include /Fields [ (Amount) ] /V /1.2 >> >> ]";
    let mut signed = update(
        &fixture("classic.pdf"),
        &[
            (
                1,
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R 10 0 R ] /SigFlags 3 /DA (/Helv 0 Tf 0 g) >> >>".to_string(),
            ),
            (
                7,
                "<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [ 4 0 R 9 0 R 10 0 R ] >>".to_string(),
            ),
            (8, sig_dict(fieldmdp)),
            (
                9,
                format!("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature0) /V 8 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R /Lock {lock} >>"),
            ),
            (10, amount("100")),
        ],
    );
    fill(&mut signed, &signer);
    let v = verify(&signed);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());

    let changed = update(&signed, &[(10, amount("1000000"))]);
    let forged = sign_any(&changed, &p12("legal_sign"));
    let (_, pyhanko) = peers(&forged, "fieldmdp_locked_amount_changed");
    if let Some(h) = pyhanko {
        assert!(
            h.lines()
                .next()
                .is_some_and(|l| l.contains("docmdp_ok=False") && l.contains("bottom_line=False")),
            "{h}"
        );
    }
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    // Correct: the locked field changed after the locking signature; that signature no
    // longer holds (or, unable to tell, is not Valid).
    assert_ne!(
        v.signatures()[0].overall(),
        Overall::Valid,
        "a FieldMDP-locked field changed after the signature, the signature judged valid"
    );
    assert_eq!(v.signatures()[0].overall(), Overall::Indeterminate);
    assert_eq!(v.overall(), Overall::Indeterminate, "{:#?}", v.checks());
}

// --- held ------------------------------------------------------------------------------

/// Honest documents: the library's own signature once and twice, and pyHanko's three
/// fixtures: Valid here, "Signature is Valid" in pdfsig, bottom_line=True in pyHanko (the
/// twice-signed file: the first signature's revision followed by form filling only).
#[test]
fn held_honest_documents_agree_with_the_peers() {
    let once = sign_any(&fixture("classic.pdf"), &p12("individual_sign"));
    let twice = sign_any(&once, &p12("legal_sign"));
    let xref_stream = sign_any(&fixture("xref-stream.pdf"), &p12("individual_sign"));
    for (what, pdf, n) in [
        ("once", once, 1),
        ("twice", twice, 2),
        ("xref stream", xref_stream, 1),
        ("pyhanko lock p1", data("lock_p1.pdf"), 1),
        ("pyhanko certified p2", data("certified_p2.pdf"), 1),
        (
            "pyhanko certified p1 lock",
            data("certified_p1_lock.pdf"),
            1,
        ),
    ] {
        let v = verify(&pdf);
        assert_eq!(v.overall(), Overall::Valid, "{what}: {:#?}", v.checks());
        assert_eq!(v.signatures().len(), n, "{what}");
        assert!(v.signatures()[n - 1].covers_whole_file(), "{what}");
        let (pdfsig, pyhanko) = peers(&pdf, &format!("honest_{}", what.replace(' ', "_")));
        if let Some(p) = pdfsig {
            assert_eq!(p.matches("Signature is Valid").count(), n, "{what}: {p}");
            assert_eq!(p.matches("Total document signed").count(), 1, "{what}: {p}");
        }
        if let Some(h) = pyhanko {
            assert_eq!(h.matches("bottom_line=True").count(), n, "{what}: {h}");
        }
    }
}

/// Updates after the last signature, of every kind a reader would show or act on, and
/// two pyHanko accepts (a new empty signature field, a new /Info: LTA_UPDATES,
/// bottom_line=True; the rest it refuses, modification=OTHER): a new page, an annotation
/// on the page, a text field with a value, a JavaScript open action, a /Names tree with
/// JavaScript, a new /Info, an empty signature field, a trailer whose /Prev skips the
/// signed revision (a reader following it sees the unsigned original), two updates in a
/// row: never Valid, the content check failed, the signature not over the whole file.
#[test]
fn held_updates_after_the_last_signature_are_invalid_whatever_they_change() {
    let signed = sign_any(&fixture("classic.pdf"), &p12("individual_sign"));
    let catalog = |extra: &str, fields: &str| {
        format!(
            "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R{fields} ] /SigFlags 3 >>{extra} >>"
        )
    };
    let page = |annots: &str| {
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [4 0 R 9 0 R{annots}] >>")
    };
    let original_xref = last_number(&fixture("classic.pdf"), b"startxref");
    let updates: Vec<(&str, Vec<u8>)> = vec![
        (
            "new page",
            update(
                &signed,
                &[
                    (2, "<< /Type /Pages /Count 2 /Kids [ 7 0 R 10 0 R ] >>".to_string()),
                    (10, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 11 0 R /Resources << /Font << /F1 6 0 R >> >> >>".to_string()),
                    (11, page_text(FORGED_TEXT)),
                ],
            ),
        ),
        (
            "annotation",
            update(
                &signed,
                &[
                    (7, page(" 10 0 R")),
                    (10, format!("<< /Type /Annot /Subtype /FreeText /Rect [72 600 500 640] /Contents ({FORGED_TEXT}) /DA (/Helv 14 Tf 0 g) >>")),
                ],
            ),
        ),
        (
            "form field value",
            update(
                &signed,
                &[
                    (1, catalog("", " 10 0 R")),
                    (7, page(" 10 0 R")),
                    (10, "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Amount) /V (1000000) /Rect [72 600 300 630] /P 7 0 R >>".to_string()),
                ],
            ),
        ),
        (
            "JavaScript open action",
            update(
                &signed,
                &[(1, catalog(" /OpenAction << /S /JavaScript /JS (app.alert\\('paid'\\)) >>", ""))],
            ),
        ),
        (
            "names tree",
            update(
                &signed,
                &[(1, catalog(" /Names << /JavaScript << /Names [ (a) << /S /JavaScript /JS (1) >> ] >> >>", ""))],
            ),
        ),
        (
            "new info",
            update(
                &signed,
                &[(3, format!("<< /Title ({FORGED_TEXT}) /Producer (x) >>"))],
            ),
        ),
        (
            "empty signature field",
            update(
                &signed,
                &[
                    (1, catalog("", " 10 0 R")),
                    (10, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Second) /Rect [0 0 0 0] /F 132 /P 7 0 R >>".to_string()),
                ],
            ),
        ),
        (
            "/Prev skipping the signed revision",
            update_with_prev(
                &signed,
                &[(5, page_text(FORGED_TEXT))],
                10,
                Some(original_xref),
            ),
        ),
        ("two updates", page_changed(&page_changed(&signed))),
    ];
    for (what, pdf) in updates {
        peers(&pdf, &format!("update_{}", what.replace([' ', '/'], "_")));
        let v = verify(&pdf);
        assert_eq!(v.overall(), Overall::Invalid, "{what}: {:#?}", v.checks());
        assert!(!v.signatures()[0].covers_whole_file(), "{what}");
    }
}

/// pyHanko's /P 1 certification on a locked field (its `/Reference`: DocMDP first, then
/// FieldMDP, both inline), the page changed, a signature over the whole file after it (one
/// no field names, since the library's signer refuses a /P 1 document): the certification
/// is Invalid here as in pyHanko.
#[test]
fn held_pyhanko_certification_p1_on_a_locked_field_is_enforced() {
    let certified = data("certified_p1_lock.pdf");
    assert_eq!(verify(&certified).overall(), Overall::Valid);
    let forged = signed_by_orphan(&page_changed(&certified), &p12("legal_sign"));
    peers(&forged, "certified_p1_lock_changed");
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    assert_eq!(v.signatures()[0].overall(), Overall::Invalid);
    assert_eq!(v.overall(), Overall::Invalid);
}

/// A signature dictionary whose `/Contents` key is written `/Con#74ents`: pdfsig reads it
/// (the escape decoded) and calls the signature valid; the library cannot tie the gap to a
/// `/Contents` key and never says Valid (stricter than the peer, never a false valid).
#[test]
fn held_an_escaped_contents_key_is_never_valid() {
    let mut pdf = update(
        &fixture("classic.pdf"),
        &[
            (
                1,
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 3 >> >>"
                    .to_string(),
            ),
            (8, sig_dict("").replacen("/Contents <", "/Con#74ents <", 1)),
            (
                9,
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature0) /V 8 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R >>".to_string(),
            ),
        ],
    );
    fill(&mut pdf, &p12("individual_sign"));
    peers(&pdf, "escaped_contents");
    assert_ne!(verify(&pdf).overall(), Overall::Valid);
}
