//! Review 50 (hostile, within the hour of the fix): review 49's fix (04c7ecf, df659f9):
//! signatures found through the last revision's form (`form::signature_fields`,
//! `candidates`, `disagreement`), locks read by the object reader (`form::mdp`,
//! `lock_check`), the signer's refusals (`refuse_locked`, `refuse_beyond_the_verifier`).
//! Attacked with incremental updates built by hand (classic sections), CMSs by the
//! library's `cms::sign` and the test PKI; peers (pdfsig, pyHanko via review 49's
//! `peers.py`) printed where they say something. `REVIEW50_DUMP=DIR` keeps the files.
//!
//! Findings (the `defect_` tests; four fixed and renamed, one open and ignored):
//! - (fixed) `a_docmdp_lock_redefined_by_a_later_revision_is_read_as_signed` (was `defect_a_docmdp_lock_redefined_by_a_later_revision_is_ignored`): a /DocMDP /P 1
//!   certification whose SigRef is indirect (`/Reference [10 0 R]`); the attacker's update
//!   redefines object 10 as an /Identity SigRef, changes the page, signs: Valid (pyHanko:
//!   docmdp_ok=False). Locks are resolved through the LAST revision's xref.
//! - (fixed) `docmdp_transform_params_redefined_by_a_later_revision_keep_the_lock` (was `defect_docmdp_transform_params_redefined_by_a_later_revision_weaken_the_lock`): same
//!   flaw, indirect TransformParams /P 1 redefined as /P 3: Indeterminate, not Invalid.
//! - (fixed) `a_field_lock_dropped_by_a_later_revision_still_holds` (was `defect_a_field_lock_dropped_by_a_later_revision_is_ignored`): a field `/Lock /P 1`;
//!   the attacker's update rewrites the field object without `/Lock` (same `/V`): Valid
//!   (pyHanko: docmdp_ok=False). The field's `/Lock` is taken from the last revision.
//! - (fixed) `duplicate_fields_do_not_push_a_broken_signature_past_the_bound` (was `defect_duplicate_fields_push_a_broken_signature_past_the_bound`): `candidates` takes
//!   17 fields before dropping duplicate `/V`s; 17 fields naming one whole-file signature,
//!   an 18th with a broken (escaped `/Byte#52ange`) signature: never judged, Valid
//!   (pdfsig lists the 18th field).
//! - (fixed) `the_signer_refuses_an_approval_signature_locked_with_p1` (was `defect_the_signer_signs_after_an_approval_signature_locked_with_p1`): `refuse_locked`
//!   reads only `/Perms /DocMDP`; pyHanko's `lock_p1.pdf` (FieldMDP /P 1, `/Lock /P 1`) is
//!   signed by `pades::sign`, and the verifier calls its output Invalid.
//!
//! Withstood (`held_` tests): a field's `/V` object number redefined by a later revision
//! (the old signature becomes an orphan); a signature reachable only through an earlier
//! catalog (object 1 replaced, or a new `/Root`); `/FT` inheritance both ways; `/Kids`
//! loops, shared kids and two fields naming one signature; an inline `/V`; an unreadable
//! form (`/Fields` not an array, a non-dictionary catalog, `/Kids` deeper than 32: the
//! byte-search fallback is Indeterminate, never Valid); a lock with no later revision
//! (judged as any signature; one trailing byte is a change); an xref-only update after a
//! /P 1 lock (Invalid); pyHanko-signed files (xref stream and object streams, once and
//! twice; classic twice; `tests/data/review50/pyhanko_sign.py`) stay Valid.
//!
//! Judged not defects: pyHanko writes `/Reference` inline in the signed signature
//! dictionary, so the lock-redefinition findings need a producer that writes the SigRef,
//! TransformParams or the field's `/Lock` (alone) as separate objects (the standard allows
//! it and review 49 pinned that the library reads them). `refuse_beyond_the_verifier`
//! counts fields and `/ByteRange`s separately (not fields + orphans as `verify` does): it
//! may sign a file `verify` then leaves unjudged, which is not valid (safe direction). A
//! `/V` naming a free object is skipped and its bytes become an orphan (Indeterminate).
//! A `/ByteRange` in uncompressed page text or an uncompressed embedded signed PDF makes
//! an honest file Indeterminate (an orphan); it was Invalid before the fix: not new.

mod common;

use common::pdf_updates::{self, *};
use qoltanba::cms::{SignRequest, VerifyOptions};
use qoltanba::keys::KeyBundle;
use qoltanba::pades;
use qoltanba::{Judged as _, Overall};

// --- material --------------------------------------------------------------------------

/// What the peers say of `pdf`, printed; the library's verdict beside it.
fn peers(pdf: &[u8], name: &str) -> (Option<String>, Option<String>) {
    pdf_updates::peers("review50", pdf, name)
}

// --- review 50 ------------------------------------------------------------------------

const CATALOG: &str =
    "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 9 0 R ] /SigFlags 3 >> >>";

/// A signature field `T`, its value object 8, `extra` inside it.
fn sig_field(t: &str, extra: &str) -> String {
    format!("<< /Type /Annot /Subtype /Widget /FT /Sig /T ({t}) /V 8 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R{extra} >>")
}

/// `classic.pdf` signed by the victim (object 8 the signature dictionary with `reference`
/// inside it, object 9 the field with `field_extra`, `more` objects besides).
fn victim_signed(reference: &str, field_extra: &str, more: Objects) -> Vec<u8> {
    let mut objects = vec![
        (1, CATALOG.to_string()),
        (8, sig_dict(reference)),
        (9, sig_field("Victim", field_extra)),
    ];
    objects.extend(more);
    let mut out = update(&fixture("classic.pdf"), &objects);
    fill(&mut out, &p12("individual_sign"));
    out
}

fn attacker() -> KeyBundle {
    p12("legal_sign")
}

/// The attacker's update (`objects`, and the page text changed), then the attacker's
/// signature by the library's own signer.
fn attacked(signed: &[u8], objects: Objects) -> Vec<u8> {
    let mut objects = objects;
    objects.push((5, page_text(FORGED_TEXT)));
    let changed = update(signed, &objects);
    sign_over_locks(&changed, &attacker())
}

const DOCMDP_P1: &str = "<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>";

/// A /DocMDP /P 1 certification whose SigRef is an indirect object (object 10, review
/// 49's own variant, pinned Invalid there when the attacker leaves object 10 alone). The
/// attacker's update redefines object 10 as an /Identity SigRef (no restriction), changes
/// the page and signs: `form::mdp` resolves `/Reference [10 0 R]` with the LAST
/// revision's cross-reference, so the certification's lock is read from the attacker's
/// object, not from the revision the certifier signed.
///
/// Found by review 50 (was a defect). Fixed: the locks are read in the revision the signature signed (`signed_revision_mdp` in `src/pades/mod.rs`: the file up to the end of its `/ByteRange`).
#[test]
fn a_docmdp_lock_redefined_by_a_later_revision_is_read_as_signed() {
    let certified = victim_signed(
        " /Reference [ 10 0 R ]",
        "",
        vec![(10, DOCMDP_P1.to_string())],
    );
    assert_eq!(verify(&certified).overall(), Overall::Valid);
    // Without the redefinition: Invalid (review 49's fix).
    let plain = attacked(&certified, vec![]);
    assert_eq!(verify(&plain).overall(), Overall::Invalid);
    let forged = attacked(
        &certified,
        vec![(
            10,
            "<< /Type /SigRef /TransformMethod /Identity >>".to_string(),
        )],
    );
    let (_, pyhanko) = peers(&forged, "docmdp_redefined");
    if let Some(h) = pyhanko {
        println!("pyHanko: {h}");
    }
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    // Correct: the certifier declared "no change" in the revision they signed; a later
    // revision (which, among others, rewrites that declaration) breaks the certification.
    assert_eq!(
        v.signatures()[0].overall(),
        Overall::Invalid,
        "a /DocMDP /P 1 certification whose SigRef a later revision redefined: {:#?}",
        v.signatures()[0].checks()
    );
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The same with the TransformParams indirect (object 10 `<< /P 1 >>`), redefined by the
/// attacker as `<< /P 3 >>`: a /P 1 lock read as /P 3 (indeterminate, not invalid); or
/// the SigRef's /TransformMethod indirect. Reported with the finding above (one flaw:
/// locks read from the last revision).
///
/// Found by review 50 (was a defect). Fixed: as `a_docmdp_lock_redefined_by_a_later_revision_is_read_as_signed`.
#[test]
fn docmdp_transform_params_redefined_by_a_later_revision_keep_the_lock() {
    let certified = victim_signed(
        " /Reference [ << /Type /SigRef /TransformMethod /DocMDP /TransformParams 10 0 R >> ]",
        "",
        vec![(10, "<< /Type /TransformParams /P 1 /V /1.2 >>".to_string())],
    );
    assert_eq!(verify(&certified).overall(), Overall::Valid);
    let forged = attacked(
        &certified,
        vec![(10, "<< /Type /TransformParams /P 3 /V /1.2 >>".to_string())],
    );
    let v = verify(&forged);
    // Correct: /P 1 as signed, then a revision: Invalid.
    assert_eq!(
        v.signatures()[0].overall(),
        Overall::Invalid,
        "/P 1 read as the attacker's /P 3: {:#?}",
        v.signatures()[0].checks()
    );
}

/// A signature field locked with `/Lock << /Action /All /P 1 >>` (PDF 2.0: no change after
/// the field is signed; the verifier reads it, review 49). The field dictionary is an
/// object of the signed revision, but a later revision may redefine it: the attacker's
/// update rewrites the field without `/Lock` (keeping `/V 8 0 R`), changes the page and
/// signs. `candidates` takes the field's `/Lock` from `form::signature_fields`, which walks
/// the LAST revision's form: the lock is gone, the victim's signature Valid, the file
/// Valid.
///
/// Found by review 50 (was a defect). Fixed: the field's `/Lock` is the one of the field holding the signature in the revision it signed.
#[test]
fn a_field_lock_dropped_by_a_later_revision_still_holds() {
    let lock = " /Lock << /Type /SigFieldLock /Action /All /P 1 >>";
    let locked = victim_signed("", lock, vec![]);
    assert_eq!(verify(&locked).overall(), Overall::Valid);
    // Without the rewrite: Invalid (review 49's fix).
    let plain = attacked(&locked, vec![]);
    assert_eq!(verify(&plain).overall(), Overall::Invalid);
    let forged = attacked(&locked, vec![(9, sig_field("Victim", ""))]);
    let (_, pyhanko) = peers(&forged, "lock_dropped");
    if let Some(h) = pyhanko {
        println!("pyHanko: {h}");
    }
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    // Correct: the lock in force when the field was signed is the one in the signed
    // revision; a later revision (this one removes the lock itself) breaks the signature.
    assert_eq!(
        v.signatures()[0].overall(),
        Overall::Invalid,
        "a /Lock /P 1 removed by a later revision: {:#?}",
        v.signatures()[0].checks()
    );
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The signer's side: `refuse_locked` (its doc: "certified with no change allowed
/// (`/Perms /DocMDP`, `/P 1`, or a lock carrying `/P 1` in its `/Reference`) refuses
/// another signature") reads only the signature the catalog's `/Perms /DocMDP` names. An
/// approval signature locked with `/P 1` (pyHanko's `lock_p1.pdf`: FieldMDP `/P 1` in its
/// `/Reference`, `/Lock /P 1` on its field; no `/Perms`) is not seen: `pades::sign` signs
/// it, and the verifier calls the document it made Invalid (the locked signature broken
/// by the signer's own revision).
///
/// Found by review 50 (was a defect; it failed safe). Fixed: `refuse_locked` reads every
/// form signature's locks as the verifier does (`candidates::declared`, in the revision
/// each signed), and refuses any that forbids all change; the reviews' attackers sign with
/// `common::pdf_updates::sign_over_locks` instead. A lock a later revision dropped is
/// refused too (read where it was signed).
#[test]
fn the_signer_refuses_an_approval_signature_locked_with_p1() {
    let locked = data("lock_p1.pdf");
    assert_eq!(verify(&locked).overall(), Overall::Valid);
    let key = attacker();
    let request = SignRequest::new(&key.certificate, common::time("2026-11-22T10:00:00Z"))
        .with_chain(&key.chain);
    let made = pades::sign(&locked, &request, &key.key, &pades::PdfSignOptions::new());
    if let Ok(out) = &made {
        let v = verify(out);
        eprintln!("the signer's output: {:?}", v.overall());
        assert_eq!(v.signatures()[0].overall(), Overall::Invalid);
    }
    // Correct: refused, as a /DocMDP /P 1 certification is (the signature added would
    // break the locked one).
    assert!(
        made.is_err(),
        "the signer signed after a /P 1 lock, making a document the verifier refuses"
    );
    // A field's /Lock /P 1 dropped by a later revision is still the lock the signature
    // declared: refused as well.
    let lock = " /Lock << /Type /SigFieldLock /Action /All /P 1 >>";
    let dropped = update(
        &victim_signed("", lock, vec![]),
        &[(9, sig_field("Victim", ""))],
    );
    let made = pades::sign(&dropped, &request, &key.key, &pades::PdfSignOptions::new());
    assert!(
        made.is_err(),
        "signed over a /P 1 lock a later revision dropped"
    );
    // An approval signature with a /P 2 lock is signed after.
    let lock = " /Lock << /Type /SigFieldLock /Action /All /P 2 >>";
    let made = pades::sign(
        &victim_signed("", lock, vec![]),
        &request,
        &key.key,
        &pades::PdfSignOptions::new(),
    );
    assert!(made.is_ok(), "{made:?}");
}

/// `candidates` takes the first `MAX_SIGNATURES + 1` (17) signature fields BEFORE it
/// drops the ones whose `/V` names a signature dictionary already taken. Seventeen fields
/// naming the attacker's one whole-file signature (object 8), then an eighteenth whose
/// signature is broken in a way the byte search does not see (its key written
/// `/Byte#52ange`, review 49's hidden signature: Indeterminate when judged; pdfsig and
/// pyHanko list it): the eighteenth is never taken, never judged, never counted; one
/// candidate, one `/ByteRange` in the bytes, the file Valid. A reader shows a signature
/// the library never judged.
///
/// Found by review 50 (was a defect). Fixed: `candidates` bounds distinct signatures, a field naming one already listed skipped before it counts.
#[test]
fn duplicate_fields_do_not_push_a_broken_signature_past_the_bound() {
    let mut objects: Objects = vec![(8, sig_dict(""))];
    let mut names = Vec::new();
    for i in 0..17u32 {
        let n = 100 + i;
        names.push(format!("{n} 0 R"));
        objects.push((n, sig_field(&format!("Same{i}"), "")));
    }
    names.push("200 0 R".to_string());
    objects.push((
        200,
        "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Broken) /V 201 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R >>".to_string(),
    ));
    objects.push((
        201,
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Byte#52ange [0 10 20 30] /Contents <3000> >>".to_string(),
    ));
    objects.push((
        1,
        format!(
            "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ {} ] /SigFlags 3 >> >>",
            names.join(" ")
        ),
    ));
    let build = |objects: &Objects| {
        let mut out = update(&fixture("classic.pdf"), objects);
        fill(&mut out, &attacker());
        out
    };
    // The broken field listed first: judged, the file not valid.
    let mut first = objects.clone();
    let catalog = first.last_mut().unwrap();
    catalog.1 = catalog.1.replace("/Fields [ ", "/Fields [ 200 0 R ");
    let v = verify(&build(&first));
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    let out = build(&objects);
    let v = verify(&out);
    let (pdfsig, _) = peers(&out, "duplicates_past_the_bound");
    if let Some(p) = pdfsig {
        assert!(p.contains("Broken"), "{p}");
    }
    // Correct: every signature field of the form is judged (or the file refused as one
    // with more signatures than judged); the broken one keeps the file from Valid.
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a broken signature behind 17 duplicate fields is never judged: {} judged, {:#?}",
        v.signatures().len(),
        v.checks()
    );
}

// --- held ------------------------------------------------------------------------------

/// A fixed input of this review (`tests/data/review50/<name>`).
fn data50(name: &str) -> Vec<u8> {
    std::fs::read(manifest("tests/data/review50").join(name)).unwrap()
}

/// The victim's field named through `/V 8 0 R`; the attacker's update redefines object 8
/// (the old number, a new version) as the attacker's own signature dictionary over the
/// whole file, the page changed. The form now names the attacker's signature; the
/// victim's `/ByteRange` (the old version of object 8) is an orphan: never Valid.
#[test]
fn held_a_field_value_redefined_by_a_later_revision_leaves_the_old_signature_orphaned() {
    let signed = victim_signed("", "", vec![]);
    let mut forged = update(&signed, &[(8, sig_dict("")), (5, page_text(FORGED_TEXT))]);
    fill(&mut forged, &attacker());
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2, "{:#?}", v.checks());
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The victim's signature reached only through an earlier revision's catalog: the
/// attacker's update replaces `/Root`'s object with a catalog whose form is empty, then
/// signs. The victim's signature is an orphan: never Valid.
#[test]
fn held_a_signature_reached_only_through_an_earlier_catalog_is_not_counted() {
    let signed = victim_signed("", "", vec![]);
    let forged = attacked(
        &signed,
        vec![(1, "<< /Type /Catalog /Pages 2 0 R >>".to_string())],
    );
    let v = verify(&forged);
    assert_eq!(v.signatures().len(), 2);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    // And a new trailer /Root naming another catalog object.
    let changed = update(
        &signed,
        &[
            (12, "<< /Type /Catalog /Pages 2 0 R >>".to_string()),
            (5, page_text(FORGED_TEXT)),
        ],
    )
    .to_vec();
    let at = rfind(&changed, b"/Root 1 0 R").unwrap();
    let mut changed = changed;
    changed.splice(at..at + 11, b"/Root 12 0 R".iter().copied());
    let forged = sign_any(&changed, &attacker());
    let v = verify(&forged);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// `/FT` inheritance: a kid that says `/FT /Tx` under a `/FT /Sig` parent is a text field,
/// its `/V` (the attacker's whole-file signature dictionary) no signature: an orphan,
/// never counted. The honest reverse (the kid inherits `/FT /Sig`, no `/FT` of its own;
/// or the kid says `/FT /Sig` under a `/Tx` parent) is Valid.
#[test]
fn held_ft_inheritance_is_read_as_a_reader_reads_it() {
    let build = |parent_ft: &str, kid_ft: &str| {
        let mut out = update(
            &fixture("classic.pdf"),
            &[
                (
                    1,
                    "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 11 0 R ] /SigFlags 3 >> >>"
                        .to_string(),
                ),
                (8, sig_dict("")),
                (
                    9,
                    format!("<< /Type /Annot /Subtype /Widget{kid_ft} /T (Kid) /V 8 0 R /Parent 11 0 R /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R >>"),
                ),
                (11, format!("<< /T (Group){parent_ft} /Kids [ 9 0 R ] >>")),
            ],
        );
        fill(&mut out, &attacker());
        verify(&out)
    };
    assert_eq!(build(" /FT /Sig", "").overall(), Overall::Valid);
    assert_eq!(build(" /FT /Tx", " /FT /Sig").overall(), Overall::Valid);
    let v = build(" /FT /Sig", " /FT /Tx");
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(v.signatures().iter().all(|s| !s.covers_whole_file()));
}

/// `/Kids` loops and a kid shared by two parents, two fields naming one signature
/// dictionary: each read once, the signature judged once.
#[test]
fn held_kids_loops_and_shared_values_are_read_once() {
    let mut out = update(
        &fixture("classic.pdf"),
        &[
            (
                1,
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 11 0 R 12 0 R 9 0 R ] /SigFlags 3 >> >>"
                    .to_string(),
            ),
            (8, sig_dict("")),
            (9, sig_field("A", " /Kids [ 11 0 R ]")),
            (11, "<< /T (P) /FT /Sig /Kids [ 9 0 R 13 0 R ] >>".to_string()),
            (12, "<< /T (Q) /FT /Sig /Kids [ 13 0 R 11 0 R ] >>".to_string()),
            (13, "<< /T (B) /V 8 0 R >>".to_string()),
        ],
    );
    fill(&mut out, &attacker());
    let v = verify(&out);
    assert_eq!(v.signatures().len(), 1, "{:#?}", v.checks());
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// A field whose `/V` is an inline dictionary (no object: its bytes cannot be framed): the
/// field's signature is unjudged (Unknown) and the `/ByteRange` the bytes hold an orphan:
/// a whole-file signature written so is never Valid.
#[test]
fn held_an_inline_signature_value_is_never_valid() {
    let mut out = update(
        &fixture("classic.pdf"),
        &[
            (1, CATALOG.to_string()),
            (
                9,
                format!("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Inline) /V {} /Rect [ 0 0 0 0 ] /F 132 /P 7 0 R >>", sig_dict("")),
            ),
        ],
    );
    fill(&mut out, &attacker());
    let v = verify(&out);
    assert_ne!(v.overall(), Overall::Valid, "{:#?}", v.checks());
    assert!(v.signatures().iter().all(|s| !s.covers_whole_file()));
}

/// The byte-search fallback: a form that cannot be read (`/Fields` an integer, or a
/// `/Kids` nesting deeper than the bound, or a catalog that is no dictionary) while the
/// attacker's whole-file signature is found by its `/ByteRange`: Indeterminate at best.
#[test]
fn held_an_unreadable_form_is_never_valid() {
    let deep: Vec<(u32, String)> = (0..40u32)
        .map(|i| (20 + i, format!("<< /T (D{i}) /Kids [ {} 0 R ] >>", 21 + i)))
        .collect();
    let variants: Vec<(&str, Objects)> = vec![
        (
            "/Fields an integer",
            vec![(
                1,
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 42 >> >>".to_string(),
            )],
        ),
        (
            "a catalog that is no dictionary",
            vec![(1, "[ 2 0 R ]".to_string())],
        ),
        ("deep kids", {
            let mut d = deep.clone();
            d.push((
                1,
                "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [ 20 0 R ] >> >>".to_string(),
            ));
            d.push((
                60,
                sig_field("Deep", "").replace("/V 8 0 R", "/V 8 0 R /Parent 59 0 R"),
            ));
            d
        }),
    ];
    for (what, mut objects) in variants {
        objects.push((8, sig_dict("")));
        let mut out = update(&fixture("classic.pdf"), &objects);
        fill(&mut out, &attacker());
        let v = verify(&out);
        assert_eq!(v.signatures().len(), 1, "{what}");
        assert_ne!(v.overall(), Overall::Valid, "{what}: {:#?}", v.checks());
        assert_ne!(v.overall(), Overall::Invalid, "{what}: {:#?}", v.checks());
    }
}

/// Locks with no revision after them (the file ends at the signature; bytes after the
/// last `%%EOF` make it another file): judged as any signature. A whitespace-only tail is
/// still "a later revision" to the lock check (stricter: the signature does not cover
/// the file then, so the file is not valid anyway).
#[test]
fn held_a_lock_with_no_later_revision_is_judged_as_any_signature() {
    let locked = victim_signed(
        " /Reference [ 10 0 R ]",
        " /Lock << /Type /SigFieldLock /Action /All /P 1 >>",
        vec![(10, DOCMDP_P1.to_string())],
    );
    assert_eq!(verify(&locked).overall(), Overall::Valid);
    let mut tail = locked.clone();
    tail.extend_from_slice(b"\n");
    assert_ne!(verify(&tail).overall(), Overall::Valid);
}

/// An xref-only update after a /P 1 certification (no object changed, a new section whose
/// trailer repeats the old one): a revision; Invalid.
#[test]
fn held_an_empty_update_after_a_p1_lock_is_invalid() {
    let locked = victim_signed(
        "",
        " /Lock << /Type /SigFieldLock /Action /All /P 1 >>",
        vec![],
    );
    let empty = update(&locked, &[]);
    let forged = sign_over_locks(&empty, &attacker());
    let v = verify(&forged);
    assert_eq!(
        v.signatures()[0].overall(),
        Overall::Invalid,
        "{:#?}",
        v.checks()
    );
}

/// Regressions: real producers' signed files. pyHanko 0.x signing `xref-stream.pdf` (a
/// cross-reference stream, object streams) once and twice, and `classic.pdf` twice
/// (`tests/data/review50/pyhanko_sign.py`, made 2026-12-06): every signature found
/// through the form, Valid (verified at 2026-12-20: pyHanko writes a signingTime of when
/// it ran).
#[test]
fn held_pyhanko_signed_files_stay_valid() {
    let at = VerifyOptions::at(common::time("2026-12-20T00:00:00Z"));
    for (name, n) in [
        ("pyhanko_xref_stream_once.pdf", 1),
        ("pyhanko_xref_stream_twice.pdf", 2),
        ("pyhanko_classic_twice.pdf", 2),
    ] {
        let pdf = data50(name);
        let v = pades::verify(&pdf, &common::rsa_verifier(), &at).unwrap();
        assert_eq!(v.signatures().len(), n, "{name}");
        assert_eq!(v.overall(), Overall::Valid, "{name}: {:#?}", v.checks());
    }
}
