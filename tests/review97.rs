//! Review 97 (hostile), tests only: commits 5c637c2 (review 95's fixes) and 1eda627
//! (review 96's). Reviewed: src/revocation/status/walk.rs `issued_as` and `walk_point`'s
//! newest-first order of complete CRLs; src/revocation/status.rs `deltas_for` and
//! src/revocation/status/standing.rs `bases_of` / `base_omits` / `releases_a_listed_hold`
//! pairing a delta with a base by signature instead of authorityKeyIdentifier;
//! src/xmldsig/xades.rs `decimal_to_bytes` (negative decimals) as
//! src/xmldsig/carried/mentions.rs `stranger` and the SigningCertificate check use it, and
//! `stranger`'s `xades:OtherCertificate` arm; src/barcode/mod.rs `Assembler::problems` /
//! `finish` (a duplicate only when data and creationDate are identical).
//!
//! Material: the test PKI's `individual_sign.cer` under `nca_rsa.cer` (key K1), the CA
//! re-keyed to K2 (review 93's certificate, `common::crl_sequences::nca2`), complete CRLs
//! whose numbers run backwards in time, with and without authorityKeyIdentifier, deltas of
//! either key; given (11-23), time-stamped (11-23) and claimed (11-10, checked 11-23) times,
//! every order. A pool of ten CRLs (sets of three, 360 judgement sets, every order) was run
//! once while reviewing: the order-dependent sets it found are finding 2. For XML: the RSA
//! service in process, `<order>` signed under certificates re-issued with serials `80 01`,
//! `00 80 01` and `00`, the committed XAdES-T sample. For codes: `barcode::encode` output
//! relabelled as eGov writes it (each code its own creationDate, milliseconds apart).
//!
//! Findings (`defect_` tests, failing against this code):
//!
//! 1. (fixed) `a_key_identifier_on_one_crl_does_not_let_a_lower_number_lift_the_hold` (was
//!    `defect_a_key_identifier_on_one_crl_lets_a_lower_number_lift_the_hold`) (false VALID): review
//!    95's #11-hold / #9-a-second-later case is VALID again when either CRL carries an
//!    authorityKeyIdentifier naming K1, the key that signed both. walk.rs `issued_as` compares
//!    `authority_key_id()` as an Option, so `Some(K1)` and `None` are two sequences.
//! 2. (fixed) `two_crls_of_one_number_behind_a_higher_number_decide_in_any_order` (was
//!    `defect_two_crls_of_one_number_behind_a_higher_number_decide_by_the_order_given`)
//!    (order-dependent): two #9s of different instants behind an earlier #11 (or #12) get one
//!    `issued_as` and one number; the sort key ties and the order given decides INDETERMINATE or
//!    VALID. walk.rs `walk_point` (sort key lacks thisUpdate as a tie-break).
//! 3. (fixed) `a_rekeyed_ca_restarting_its_numbers_lifts_an_old_keys_hold` (was
//!    `defect_a_rekeyed_ca_restarting_its_numbers_cannot_lift_an_old_keys_hold`) (false refusal): a
//!    re-keyed CA without authorityKeyIdentifier that restarted its numbering: K2's fresh #1 no
//!    longer lifts K1's old #100 hold (INDETERMINATE; VALID when each CRL names its key). walk.rs
//!    `issued_as` links CRLs of two keys (`None == None`).
//! 4. (fixed) `a_cross_key_link_hides_no_newer_hold` (was
//!    `defect_a_cross_key_link_hides_a_newer_hold`) (false VALID): the same link the other way:
//!    K2's #50 of 11-01 (fresh) and K1's #5 of 11-20 listing a hold since 11-19: VALID by #50,
//!    every order (INVALID when each CRL names its key). walk.rs `issued_as` moves #5 behind #50;
//!    `complete_crl` reads it for permanent revocations only.
//!
//! Findings 3 and 4 need CRLs without authorityKeyIdentifier, which RFC 5280 §5.2.1 asks
//! of conforming CAs; the library reads such CRLs (reviews 93, 95 made them), and by
//! reading, before 5c637c2 (thisUpdate first) it judged both sets right (not run against
//! it). Linking a sequence only once the signer is proven the same key (or only when both
//! carry the same key identifier) would answer 1, 3 and 4; a thisUpdate tie-break, 2.
//!
//! Held (`held_` tests): three numbers running backwards, one key (and with a delta over
//! the lowest) lift no hold; a delta of the other key (K2 over K1's base and the reverse, with
//! no, honest or lying authorityKeyIdentifiers) completes no base: the hold stands or the
//! removal read alone leaves it unknown, never VALID; negative decimals name exactly their
//! number (`-032767`, white space, `-0`/`-000` for serial zero pass; `-0`, `-`, `--32767`,
//! `- 32767`, `-32767.0`, `-65535`, `-98303`, and `-32767` for the positive `00 80 01`
//! are refused); a blank or white-space `OtherCertificate` passes, another's certificate in
//! `AttrAuthoritiesCertValues` or wrapped in white space is refused; codes read twice (the
//! second reading pretty-printed) reassemble with `duplicates` right in either order, a copy
//! relabelled by creationDate spelling, FavorID or elementsAmount is refused before or after
//! its honest copy.
//!
//! Not pursued: the work charged for pairing each delta with each base by signature
//! (`signed_by_metered`, charged to `Limits::document_signatures` per delta and signer, so
//! bounded by deltas × signers, was read, not measured); the XAdES v1 SigningCertificate
//! with a negative serial (the library writes SigningCertificateV2 only; its decimal goes
//! through the same `decimal_to_bytes`, tested via KeyInfo); a lower number issued later
//! under another issuingDistributionPoint (a separate scope, its own sequence by RFC 5280).

mod common;

use common::crl_sequences::{aki, nca2};
use common::evidence::*;
use common::forge;
use common::forge::tlv;
use qoltanba::{Certificate, Overall};

const IND: Option<Overall> = Some(Overall::Indeterminate);
const VALID: Option<Overall> = Some(Overall::Valid);
const NOT_VALID: Option<Overall> = None;

/// A complete CRL of the CA's key K1 with these extensions.
fn k1(n: u8, this: &str, next: &str, entries: &[(&str, u8)], ext: Vec<Vec<u8>>) -> Vec<u8> {
    let mut s = spec(n, this, next, entries);
    s.extensions = ext;
    forge::Ca::nca_rsa().crl(&s)
}

/// A complete CRL of the re-keyed CA's key K2 with these extensions.
fn k2(n: u8, this: &str, next: &str, entries: &[(&str, u8)], ext: Vec<Vec<u8>>) -> Vec<u8> {
    let mut s = spec(n, this, next, entries);
    s.extensions = ext;
    nca2().1.crl(&s)
}

/// The authorityKeyIdentifier CRL extension naming the CA's own key K1.
fn aki_k1() -> Vec<u8> {
    let ski = ca().subject_key_id().unwrap().to_vec();
    forge::ext(&[0x55, 0x1d, 0x23], false, &tlv(0x30, &tlv(0x80, &ski)))
}

/// The target on hold since 11-14.
const H14: [(&str, u8); 1] = [("261114000000Z", HOLD)];

// --- the walk's order (`issued_as`) ------------------------------------------------------

/// DEFECT (false VALID; given and time-stamped). Input: review 95's third finding with a
/// non-critical authorityKeyIdentifier added to one of the two CRLs, naming the key that
/// signed both (K1, nca_rsa.cer's own subjectKeyIdentifier): the CA's #11
/// (11-15T00:00:00 .. 11-16) lists the target on hold since 11-14, its #9 one second later
/// (11-15T00:00:01 .. 11-24, fresh at 11-23) omits it; (a) the extension on #9, (b) on #11.
/// At 11-23. Observed: VALID ("not revoked (CRL #9 ...)") in every order, given and
/// time-stamped. Expected: INDETERMINATE, as without the extension (review 95's fixed
/// test `a_lower_numbered_crl_a_second_later_does_not_lift_a_higher_numbers_hold`): one key
/// signed both, so they are one sequence and #11 is the newer word; an optional extension
/// naming the very signer must not turn INDETERMINATE into VALID. Cause:
/// src/revocation/status/walk.rs `issued_as` takes a CRL's sequence to be its issuer, scope
/// and authorityKeyIdentifier as an Option (`o.authority_key_id() == crl.authority_key_id()`):
/// `Some(K1)` and `None` differ, #9 keeps its own thisUpdate, is walked first and proves the
/// time; #11 is then read for permanent revocations only.
///
/// Found by review 97 (was a defect). Fixed: the walk keeps its order (thisUpdate, then cRLNumber)
/// and `numbered_above` voids a proof from a CRL numbered below one of its issuer and scope issued
/// no later and verified with the same signer's key, whatever authorityKeyIdentifier either
/// carries.
#[test]
fn a_key_identifier_on_one_crl_does_not_let_a_lower_number_lift_the_hold() {
    for (on9, on11) in [(vec![aki_k1()], vec![]), (vec![], vec![aki_k1()])] {
        let s11 = k1(11, "261115000000Z", "261116000000Z", &H14, on11);
        let p9 = k1(9, "261115000001Z", "261124000000Z", &[], on9);
        expect_verdicts(&target(), &[s11, p9], &[], [IND, IND, NOT_VALID]);
    }
}

/// DEFECT (order-dependent verdict; given and time-stamped). Input, all of K1, one scope, no
/// extension: #11 (11-15T00:00:00 .. 11-16) omits the target; #9 (11-15T00:00:01 .. 11-16)
/// lists it on hold since 11-14; #9 (11-15T00:00:02 .. 11-24, fresh at 11-23) omits it. At
/// 11-23. Observed: INDETERMINATE when the hold's #9 is given before the silent #9, VALID
/// when after (the same with #12 (11-14T12 .. 11-15) in #11's place). Expected: one verdict
/// whatever the order (review 95's pool of twelve, sets of three, held this). Cause:
/// src/revocation/status/walk.rs `walk_point` sorts by (`issued_as`, cRLNumber) alone:
/// `issued_as` gives both #9s #11's thisUpdate, so their keys tie and the stable sort keeps
/// the order given; whichever comes first decides (the hold's #9 first sets
/// `Walk::stale_hold` and the gate sets the silent #9 aside; the silent #9 first proves the
/// time). Before the fix the sort's thisUpdate broke the tie. A third key (thisUpdate, then
/// the DER) would make the order the input's no more.
///
/// Found by review 97 (was a defect). Fixed: no reordering (`issued_as` is gone): both #9s keep
/// their own thisUpdates, and each one's proof is voided by #11 (`numbered_above`).
#[test]
fn two_crls_of_one_number_behind_a_higher_number_decide_in_any_order() {
    let h9 = k1(9, "261115000001Z", "261116000000Z", &H14, vec![]);
    let o9 = k1(9, "261115000002Z", "261124000000Z", &[], vec![]);
    let higher = [
        ("#11", k1(11, "261115000000Z", "261116000000Z", &[], vec![])),
        ("#12", k1(12, "261114120000Z", "261115000000Z", &[], vec![])),
    ];
    let mut bad = Vec::new();
    for (name, c) in &higher {
        let crls = [c.clone(), h9.clone(), o9.clone()];
        for (what, e) in given_stamped_claimed() {
            let seen = distinct_verdicts(&target(), &crls, &[], &e);
            if seen.len() > 1 {
                bad.push(format!("with {name}, {what}: {seen:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// DEFECT (false refusal; given and time-stamped). Input: the CA re-keyed (review 93's K2
/// certificate: nca_rsa's name, another key, certified by the root) and restarted its
/// numbering, writing no authorityKeyIdentifier: K1's last CRL #100 (11-01 .. 11-02) lists
/// the target on hold since 10-25; K2's #1 (11-20 .. 11-24, fresh at 11-23) omits it (the
/// hold lifted). At 11-23. Observed: INDETERMINATE ("CRL #1 ... is older than a CRL that
/// lists the certificate on hold"), every order. Expected: VALID, as the same two CRLs
/// each naming its own key (authorityKeyIdentifier K1 on #100, another key identifier on
/// #1) give, asserted first: the two are signed by different keys, not one numbering
/// sequence, and K2's #1 is eighteen days newer. Cause: src/revocation/status/walk.rs
/// `issued_as` links CRLs by issuer name, scope and authorityKeyIdentifier as an Option
/// (`None == None`) before any signature is known: K1's #100 "numbered above" K2's #1 and
/// issued earlier moves #1 back to 11-01, behind #100, whose stale hold the gate of
/// `judge_complete` (`Walk::stale_hold`) then holds against it.
///
/// Found by review 97 (was a defect). Fixed: `numbered_above` asks the higher-numbered CRL's
/// signature of the proving CRL's signer: K1's #100 does not verify with K2's certificate, so K2's
/// #1 proves.
#[test]
fn a_rekeyed_ca_restarting_its_numbers_lifts_an_old_keys_hold() {
    let hold = [("261025000000Z", HOLD)];
    let extra = [nca2().0];
    let named = [
        k1(100, "261101000000Z", "261102000000Z", &hold, vec![aki_k1()]),
        k2(1, "261120000000Z", "261124000000Z", &[], vec![aki(0x22)]),
    ];
    for (what, e) in &given_stamped_claimed()[..2] {
        for (o, why) in distinct_verdicts(&target(), &named, &extra, e) {
            assert_eq!(o, Overall::Valid, "{what}, each naming its key: {why}");
        }
    }
    let silent = [
        k1(100, "261101000000Z", "261102000000Z", &hold, vec![]),
        k2(1, "261120000000Z", "261124000000Z", &[], vec![]),
    ];
    expect_verdicts(&target(), &silent, &extra, [VALID, VALID, NOT_VALID]);
}

/// HELD. Three numbers running backwards, one key, no extension: #11 (11-15T00:00:00 ..
/// 11-16) lists the target on hold since 11-14, #10 a second later (.. 11-16) and #9 two
/// seconds later (.. 11-24, fresh) omit it. `issued_as` moves both back to #11's instant:
/// INDETERMINATE given and time-stamped, never VALID claimed, every order. The same with
/// a delta #30 over #9 (11-22 .. 11-24) listing nothing: still never VALID.
#[test]
fn held_three_numbers_running_backwards_lift_no_hold() {
    let s11 = k1(11, "261115000000Z", "261116000000Z", &H14, vec![]);
    let o10 = k1(10, "261115000001Z", "261116000000Z", &[], vec![]);
    let o9 = k1(9, "261115000002Z", "261124000000Z", &[], vec![]);
    expect_verdicts(
        &target(),
        &[s11.clone(), o10, o9.clone()],
        &[],
        [IND, IND, NOT_VALID],
    );
    let d30 = delta(30, 9, "261122000000Z", "261124000000Z", vec![]);
    expect_verdicts(
        &target(),
        &[s11, o9, d30],
        &[],
        [NOT_VALID, NOT_VALID, NOT_VALID],
    );
}

/// DEFECT (false VALID; given and time-stamped). Input: the CA re-keyed (review 93's K2
/// certificate), each key numbering its own CRLs, neither writing an
/// authorityKeyIdentifier: K2's #50 (11-01 .. 11-24, fresh at 11-23) omits the target; K1's
/// #5 (11-20 .. 11-24, also fresh, nineteen days newer) lists it on hold since 11-19. At
/// 11-23. Observed: VALID ("not revoked (CRL #50 ... thisUpdate 2026-11-01 ...)"), every
/// order. Expected: INVALID (the hold in force at the time judged, listed by the newest
/// CRL), as the same two CRLs each naming its own key (authorityKeyIdentifier) give,
/// asserted first (and, by reading, as before the fix: thisUpdate first). Cause:
/// src/revocation/status/walk.rs `issued_as` links CRLs of two keys (`None == None` for
/// authorityKeyIdentifier, no signature asked): K2's #50 "numbered above" K1's #5 and issued
/// earlier moves #5 back to 11-01, behind #50, in `walk_point`'s order; #50 proves the
/// time first, and `complete_crl` then reads #5 for permanent revocations only (its reasons
/// "already proven"), so its hold is never weighed.
///
/// Found by review 97 (was a defect). Fixed: the walk's order is thisUpdate first again: K1's #5
/// (11-20) is judged before K2's #50 and its fresh hold decides.
#[test]
fn a_cross_key_link_hides_no_newer_hold() {
    let extra = [nca2().0];
    let hold = [("261119000000Z", HOLD)];
    let named = [
        k2(50, "261101000000Z", "261124000000Z", &[], vec![aki(0x22)]),
        k1(5, "261120000000Z", "261124000000Z", &hold, vec![aki_k1()]),
    ];
    let silent = [
        k2(50, "261101000000Z", "261124000000Z", &[], vec![]),
        k1(5, "261120000000Z", "261124000000Z", &hold, vec![]),
    ];
    let mut bad = Vec::new();
    for (what, e) in &given_stamped_claimed()[..2] {
        for (o, why) in distinct_verdicts(&target(), &named, &extra, e) {
            assert_eq!(o, Overall::Invalid, "{what}, each naming its key: {why}");
        }
        for (o, why) in distinct_verdicts(&target(), &silent, &extra, e) {
            if o != Overall::Invalid {
                bad.push(format!("{what}: {o:?}: {why}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// --- deltas paired by signature (`deltas_for`, `bases_of`) ---------------------------------

/// HELD. The re-keyed CA: K1's #10 (11-22 .. 11-24, fresh) lists the target on hold since
/// 11-14; K2's delta #30 over #10 (11-22T12) removes it (removeFromCRL of 11-21) or lists
/// nothing; and the reverse (K2's #10 listing the hold, K1's delta removing it). With and
/// without authorityKeyIdentifiers, and with lying ones (each CRL naming the other key):
/// the other key's delta completes nothing: with the delta listing nothing the hold stands
/// (INVALID), with its removal, never VALID (INDETERMINATE: the other key's removal read
/// alone), given and time-stamped, every order.
#[test]
fn held_a_delta_of_the_other_key_completes_no_base() {
    let (c2, ca2) = nca2();
    let ca1 = forge::Ca::nca_rsa();
    let base = |ca: &forge::Ca, ext: Vec<Vec<u8>>| {
        let mut s = spec(10, "261122000000Z", "261124000000Z", &H14);
        s.extensions = ext;
        ca.crl(&s)
    };
    let mut bad = Vec::new();
    for (b, d) in [(&ca1, &ca2), (&ca2, &ca1)] {
        for (eb, ed) in [
            (vec![], vec![]),
            (vec![aki(0x11)], vec![aki(0x22)]),
            (vec![aki(0x22)], vec![aki(0x11)]),
        ] {
            for remove in [true, false] {
                let entries = if remove {
                    vec![removal("261121000000Z")]
                } else {
                    vec![]
                };
                let mut s = forge::CrlSpec::delta(30, 10, "261122120000Z", "261124000000Z")
                    .entries(entries);
                s.extensions.extend(ed.clone());
                let crls = [base(b, eb.clone()), d.crl(&s)];
                for (what, e) in &given_stamped_claimed()[..2] {
                    for (o, why) in
                        distinct_verdicts(&target(), &crls, std::slice::from_ref(&c2), e)
                    {
                        let ok = if remove {
                            o != Overall::Valid
                        } else {
                            o == Overall::Invalid
                        };
                        if !ok {
                            bad.push(format!("{what} remove {remove}: {o:?}: {why}"));
                        }
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// --- XML: negative serials, OtherCertificate ---------------------------------------------

use common::xml_routes::{self as xr, not_refused, not_valid};

/// The signer's issuer as OpenSSL and Java write it (RFC 2253).
const SIGNER_ISSUER: &str = "C=KZ,CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) QOLTANBA TEST";

/// `signed` given an X509IssuerSerial of the signer's issuer and `serial` first in its
/// X509Data.
fn with_serial(signed: &str, serial: &str) -> String {
    let is = format!(
        "<ds:X509IssuerSerial><ds:X509IssuerName>{SIGNER_ISSUER}</ds:X509IssuerName>\
         <ds:X509SerialNumber>{serial}</ds:X509SerialNumber></ds:X509IssuerSerial>"
    );
    xr::after(signed, "<ds:X509Data>", &is)
}

/// `<order>` signed whole by the signer's key under a certificate of the CA whose serial
/// INTEGER content is `serial`.
fn order_with_serial(serial: &[u8]) -> String {
    let k = xr::bundle();
    let der = forge::Ca::nca_rsa().reissue(k.certificate.der(), |t| {
        t.serial = forge::int(serial);
    });
    let c = Certificate::from_der(&der).unwrap();
    assert_eq!(c.serial(), serial);
    let opts = qoltanba::xmldsig::XmlSignOptions::new();
    let doc = b"<order><amount>1</amount></order>";
    String::from_utf8(qoltanba::xmldsig::sign_with(doc, &c, &k.key, &opts).unwrap()).unwrap()
}

/// HELD. Negative and zero serials in KeyInfo's X509IssuerSerial. A certificate of serial
/// `80 01` (-32767): `-032767`, `-0032767` and ` -32767 ` (xs:integer's leading zeros and
/// white space) pass; `-0`, `-`, `-00`, `--32767`, `- 32767`, `-32767.0`, `-65535`
/// (`FF 00 01` is not `80 01`), `-98303` (`FE 80 01`, equal in the low octets) are refused.
/// A certificate of serial `00 80 01` (+32769): `32769` passes, `-32767` (the same octets
/// `80 01` read signed) is refused. A certificate of serial `00` (zero): `-0` and `-000` pass
/// (the same number), `-1` is refused. Expected as said: a negative decimal names exactly
/// its own number.
#[test]
fn held_negative_decimal_spellings_name_exactly_their_number() {
    let s = xr::service();
    let neg = order_with_serial(&[0x80, 0x01]);
    let pos = order_with_serial(&[0x00, 0x80, 0x01]);
    let zero = order_with_serial(&[0x00]);
    let honest = [
        ("-032767", with_serial(&neg, "-032767")),
        ("-0032767", with_serial(&neg, "-0032767")),
        ("white space", with_serial(&neg, "\n -32767\t")),
        ("32769 of +32769", with_serial(&pos, "32769")),
        ("-0 of zero", with_serial(&zero, "-0")),
        ("-000 of zero", with_serial(&zero, "-000")),
    ];
    for (what, d) in &honest {
        assert!(xr::library_valid(d), "the library: {what}");
    }
    let refused = not_valid(&s, &honest);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
    let forged: Vec<(&str, String)> = [
        ("-0", &neg),
        ("-", &neg),
        ("-00", &neg),
        ("--32767", &neg),
        ("- 32767", &neg),
        ("-32767.0", &neg),
        ("-65535", &neg),
        ("-98303", &neg),
        ("-32767", &pos),
        ("-1", &zero),
    ]
    .into_iter()
    .map(|(n, d)| (n, with_serial(d, n)))
    .collect();
    let passed = not_refused(&s, &forged);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

/// HELD. `xades:OtherCertificate` after review 95's fix. Blank (empty, or white space and
/// line breaks only, as a pretty-printer leaves it) names no one: `valid: true`. Another
/// person's certificate (legal_sign.cer, base64) in an `OtherCertificate` of
/// `xades:AttrAuthoritiesCertValues`, or of `CertificateValues` wrapped in white space,
/// names a stranger: refused.
#[test]
fn held_other_certificate_blank_passes_and_anywhere_else_is_refused() {
    let x = common::service::Service::start(common::rsa_verifier(), xr::XADES_AT);
    let other = xr::cert_b64("legal_sign.cer");
    let wrap = |list: &str, body: &str| {
        xr::in_unsigned(&format!(
            "<xades:{list}><xades:OtherCertificate>{body}</xades:OtherCertificate>\
             </xades:{list}>"
        ))
    };
    let blank = [
        ("empty", wrap("CertificateValues", "")),
        ("white space", wrap("CertificateValues", "\n   \t\r\n  ")),
    ];
    let refused = not_valid(&x, &blank);
    assert!(refused.is_empty(), "/xml/verify: {refused:?}");
    let strangers = [
        (
            "AttrAuthoritiesCertValues",
            wrap("AttrAuthoritiesCertValues", &other),
        ),
        (
            "white space around",
            wrap("CertificateValues", &format!("\n  {other}\n")),
        ),
    ];
    let passed = not_refused(&x, &strangers);
    assert!(passed.is_empty(), "/xml/verify: {passed:?}");
}

// --- barcodes: duplicates after review 96's fix -----------------------------------------

use qoltanba::barcode::{self, Assembler, EncodeOptions, SetProblem};

/// eGov-shaped codes of `doc`: each its own creationDate, milliseconds apart.
fn egov_texts(doc: &[u8]) -> Vec<String> {
    let created = chrono::DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap();
    let mut o = EncodeOptions::new("002147483647", created);
    o.chunk_size = 64;
    let set = barcode::encode(doc, &o).unwrap();
    let written = "<creationDate>2026-11-22T15:30:00+06:00</creationDate>";
    set.xml()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            assert!(t.contains(written));
            let d = format!("2026-11-22T15:30:{:06.3}+06:00", 0.844 + 0.0635 * i as f64);
            t.replace(written, &format!("<creationDate>{d}</creationDate>"))
        })
        .collect()
}

/// HELD. The same eGov codes (each its own creationDate, milliseconds apart) read twice,
/// as from two images of one page, the second reading pretty-printed (line breaks and
/// indentation around the creationDate): the set reassembles, every second reading is a
/// duplicate (`duplicates` = the count), in either order. A copy of code 2 relabelled with
/// the same instant in another spelling (`Z`), another FavorID or another elementsAmount
/// is refused (conflicting or foreign), before or after its honest copy.
#[test]
fn held_codes_read_twice_pass_and_relabelled_copies_are_refused() {
    let doc: Vec<u8> = (0..600u32).map(|i| (i * 7 % 251) as u8).collect();
    let texts = egov_texts(&doc);
    let n = texts.len();
    assert!(n >= 3);
    let pretty: Vec<String> = texts
        .iter()
        .map(|t| {
            t.replace("<creationDate>", "\n  <creationDate>\n    ")
                .replace("</creationDate>", "\n  </creationDate>\n")
        })
        .collect();
    for order in [
        [texts.clone(), pretty.clone()].concat(),
        [pretty.clone(), texts.clone()].concat(),
    ] {
        let r = barcode::decode_texts(&order).unwrap();
        assert_eq!(r.document, doc);
        assert_eq!(r.duplicates, n);
    }
    let t2 = &texts[1];
    let date2 = xr::first_text(t2, "creationDate").to_string();
    let utc = chrono::DateTime::parse_from_rfc3339(&date2)
        .unwrap()
        .with_timezone(&chrono::Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let relabelled = [
        t2.replace(&date2, &utc),
        t2.replace("002147483647", "002147483648"),
        t2.replace(
            &format!("<elementsAmount>{n}</elementsAmount>"),
            &format!("<elementsAmount>{}</elementsAmount>", n + 1),
        ),
    ];
    for bad in &relabelled {
        assert_ne!(bad, t2);
        for first in [true, false] {
            let mut a = Assembler::new();
            let mut all = texts.clone();
            if first {
                all.insert(0, bad.clone());
            } else {
                all.push(bad.clone());
            }
            for (i, t) in all.iter().enumerate() {
                a.add_text(t.as_bytes(), format!("code {i}")).unwrap();
            }
            let problems = a.problems();
            assert!(
                problems.iter().any(|p| matches!(
                    p,
                    SetProblem::Conflicting { .. } | SetProblem::Foreign { .. }
                )),
                "{bad}: {problems:?}"
            );
            assert!(a.finish().is_err(), "{bad}");
        }
    }
}
