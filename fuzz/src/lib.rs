//! The logic of qoltanba's fuzz targets, in one place.
//!
//! Each `fuzz_targets/<name>.rs` is a one-line `fuzz_target!` calling the function of the
//! same name here, and the main crate's stable test `tests/fuzz_corpus.rs` includes this
//! file as a module (`#[path = "../fuzz/src/lib.rs"]`) to replay `fuzz/corpus/<name>/` and
//! `fuzz/regressions/<name>/` through the same functions. So this file may use only `std`,
//! `qoltanba` and crates that are also `qoltanba`'s own dependencies (`chrono`, `serde`,
//! `serde_json`): no libfuzzer types.
//!
//! A target "fails" by panicking. Besides the library's own panics, each target asserts a
//! few invariants that must hold for any input the library accepts (re-parsing what it
//! returned gives the same thing, a value it printed parses back ...), so logic errors are
//! found as well as crashes.

#![forbid(unsafe_code)]
#![allow(dead_code)] // in the replay test not every helper is reached from every target

use qoltanba::Judged as _;
use std::fmt::Write as _;

use chrono::Datelike as _;

use qoltanba::hazmat as signature;
use qoltanba::identity::{self, Bin, ChecksumPolicy, Iin, KindGuess};
use qoltanba::input::{self, ObjectKind};
use qoltanba::revocation::{Crl, CrlEntry, CrlNumber};
use qoltanba::PublicKey;
use qoltanba::{Certificate, KeyUsage};
use qoltanba::{Name, NameKey};

/// A target: the function libFuzzer (or the replay test) calls with each input.
pub type Target = fn(&[u8]);

/// Every target, by the name of its corpus directory and of its cargo-fuzz binary.
pub const TARGETS: &[(&str, Target)] = &[
    ("certificate", certificate),
    ("crl", crl),
    ("identity", identity),
    ("input", input),
    ("cms", cms),
    ("pkcs12", pkcs12),
    ("barcode", barcode),
    ("barcode_scan", barcode_scan),
    ("ocsp", ocsp),
    ("xmldsig", xmldsig),
    ("xml_sign", xml_sign),
    ("tsp", tsp),
    ("pades", pades),
    ("pades_sign", pades_sign),
    ("request_form", request_form),
    ("server", server),
];

/// Known leniencies of x509-parser (through der-parser) that the invariants below catch,
/// with reproducers in `fuzz/regressions/certificate/` and `fuzz/regressions/crl/`:
///
/// * whatever follows the last field read inside a SEQUENCE is ignored, so a Name or a
///   SubjectPublicKeyInfo with trailing data is accepted, silently loses what follows (the
///   RDNs after the junk: an IIN ...), and keeps a `raw` encoding cut short, whose header
///   announces more bytes than it has ("the DER kept for a name / public key re-parses");
/// * a SEQUENCE is recognised by its tag number alone, so a certificate whose outer tag is
///   0x10, 0x50, 0x90, 0xf0 ... instead of 0x30 is accepted, with another fingerprint
///   ("certificate DER is a SEQUENCE").
///
/// `true` turns those checks off, to fuzz past the issues while they are open; keep it
/// `false` otherwise.
pub const TOLERATE_KNOWN_X509_PARSER_LENIENCY: bool = false;

/// Inputs longer than this are cut before parsing: every bound the library has is far
/// above, and libFuzzer's default `-max_len` for these corpora is a few kilobytes anyway.
const MAX_FUZZ_INPUT: usize = 1 << 20;

fn bounded(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_FUZZ_INPUT)]
}

/// Formats a value with `Display` into a fresh string (exercises the formatter fully).
fn show(value: &dyn std::fmt::Display) -> String {
    let mut s = String::new();
    let _ = write!(s, "{value}");
    s
}

// ---------------------------------------------------------------------------------------
// certificate
// ---------------------------------------------------------------------------------------

/// `Certificate::from_input` / `all_from_input` on arbitrary bytes; every accessor of
/// every certificate accepted.
pub fn certificate(data: &[u8]) {
    let data = bounded(data);
    let one = Certificate::from_input(data);
    let all = Certificate::all_from_input(data);
    match (&one, &all) {
        (Ok(c), Ok(v)) => {
            assert_eq!(
                v.len(),
                1,
                "from_input accepted one, all_from_input found {}",
                v.len()
            );
            assert!(v[0] == *c, "from_input and all_from_input disagree");
        }
        (Ok(_), Err(e)) => panic!("from_input accepted what all_from_input refused: {e}"),
        (Err(_), Ok(v)) => assert_ne!(
            v.len(),
            1,
            "all_from_input accepted one certificate that from_input refused"
        ),
        (Err(_), Err(_)) => {}
    }
    if let Ok(certs) = all {
        for c in &certs {
            exercise_certificate(c);
        }
    }
}

fn exercise_certificate(c: &Certificate) {
    // Encoding and its parts.
    let der = c.der();
    let tbs = c.tbs();
    assert!(!der.is_empty(), "empty certificate DER");
    if der[0] != 0x30 && !TOLERATE_KNOWN_X509_PARSER_LENIENCY {
        panic!("certificate DER is not a SEQUENCE: tag 0x{:02x}", der[0]);
    }
    assert!(
        tbs.len() < der.len(),
        "tbsCertificate not inside the certificate"
    );
    let start = (tbs.as_ptr() as usize).wrapping_sub(der.as_ptr() as usize);
    assert!(
        start
            .checked_add(tbs.len())
            .and_then(|end| der.get(start..end))
            == Some(tbs),
        "tbs() is not a part of der()"
    );
    let again = Certificate::from_der(der).expect("DER of an accepted certificate re-parses");
    assert!(again == *c, "re-parsed certificate differs");
    assert_eq!(again.serial_hex(), c.serial_hex());
    assert_eq!(again.fingerprint_sha256(), c.fingerprint_sha256());

    let _ = c.signature_algorithm().name();
    let _ = format!("{:?}", c.signature_algorithm());
    let _ = c.signature().len();
    assert!(c.version() >= 1, "version {}", c.version());

    // Serial number.
    let serial = c.serial();
    let hex = c.serial_hex();
    assert!(
        hex.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase()),
        "serial_hex {hex:?} is not upper-case hex"
    );
    assert_eq!(hex.len() % 2, 0, "serial_hex {hex:?} has an odd length");
    assert!(hex.len() <= serial.len() * 2);

    // Names.
    for name in [c.subject(), c.issuer()] {
        exercise_name(name);
    }
    let _ = c.is_self_issued();
    assert_eq!(
        c.is_self_issued(),
        c.subject().matches(c.issuer()),
        "is_self_issued disagrees with the name comparison"
    );
    let _ = format!("{c:?}");

    // Validity.
    let (nb, na) = (c.not_before(), c.not_after());
    let _ = c.is_valid_at(nb);
    let _ = c.is_valid_at(na);
    if nb <= na {
        assert!(
            c.is_valid_at(nb) && c.is_valid_at(na),
            "bounds of the validity period"
        );
    }
    let _ = nb.to_rfc3339();
    let _ = na.to_rfc3339();

    // Key.
    exercise_public_key(c.public_key());

    // Extensions.
    if let Some(bc) = c.basic_constraints() {
        assert_eq!(c.is_ca(), bc.ca);
    } else {
        assert!(!c.is_ca());
    }
    if let Some(ku) = c.key_usage() {
        let names = ku.names();
        assert!(names.len() <= 9);
        let _ = ku.has(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::NON_REPUDIATION);
        let _ = ku.has(KeyUsage::KEY_CERT_SIGN);
    }
    // (OIDs may be empty strings: x509-parser accepts a zero-length OID.)
    let _ = c.extended_key_usage().map(<[String]>::len);
    let _ = c.subject_key_id().map(<[u8]>::len);
    let _ = c.authority_key_id().map(<[u8]>::len);
    for dp in c.crl_distribution_points() {
        let _ = format!("{dp:?}");
        if let Some(name) = &dp.name {
            // A name always shares a general name with itself, unless it has none.
            assert_eq!(name.intersects(name), !name.0.is_empty());
        }
        if let Some(reasons) = dp.reasons {
            let _ = reasons.is_empty();
        }
    }
    let _ = c.policies().len();
    let _ = c.extension_problems().len();

    // Subject facts and NCA conventions.
    let facts = c.facts();
    let _ = format!("{facts:?}");
    if let Some(iin) = facts.iin {
        exercise_iin(&iin);
    }
    if let Some(bin) = facts.bin {
        exercise_bin(&bin);
    }
    // The serialNumber kept beside the identity is never an IIN itself (a subject may
    // carry an IIN and another serialNumber: the first that is not an IIN is kept).
    if let Some(other) = &facts.serial_number_attribute {
        assert!(other
            .strip_prefix("IIN")
            .is_none_or(|d| qoltanba::identity::Iin::parse(d).is_err()));
    }
    json(facts);
    json(&c.key_purposes());
    for role in c.nca_roles() {
        let _ = format!("{role:?}");
    }
    json(&c.nca_roles());
    if let Some(bc) = c.basic_constraints() {
        json(&bc);
    }

    // The certificate's own signature under its own key (meaningful when self-signed,
    // and exercises the verifier on hostile keys and signatures either way).
    let _ = signature::verify(c.public_key(), c.signature_algorithm(), tbs, c.signature());
}

/// Serialise to JSON as the CLI's `--json` output does; it must not fail.
fn json<T: serde::Serialize + ?Sized>(value: &T) {
    serde_json::to_string(value).expect("serialises to JSON");
}

fn exercise_name(name: &Name) {
    let text = show(name);
    let _ = format!("{name:?}");
    if name.is_empty() {
        assert!(
            name.attributes().is_empty(),
            "an empty name has attributes: {text}"
        );
    }
    for a in name.attributes() {
        assert!(name.values(&a.oid).count() >= 1);
        assert!(name.first(&a.oid).is_some());
    }
    assert!(name.matches(name), "a name does not match itself: {text}");
    // The DER kept for a name parses back to a name with the same comparison key.
    match Name::from_der(name.der()) {
        Ok(again) => {
            assert!(again.matches(name), "re-parsed name differs: {text}");
            assert_eq!(again.key(), name.key());
        }
        Err(e) => {
            if !TOLERATE_KNOWN_X509_PARSER_LENIENCY {
                panic!(
                    "the DER kept for a name does not re-parse: {e} (name {text}, DER {:02X?})",
                    name.der()
                );
            }
        }
    }
}

fn exercise_public_key(key: &PublicKey) {
    let _ = show(key.algorithm());
    let _ = format!("{:?}", key.algorithm());
    let _ = key.key_bytes().len();
    match PublicKey::from_spki_der(key.spki_der()) {
        Ok(again) => assert_eq!(&again, key, "re-parsed public key differs"),
        Err(e) => {
            if !TOLERATE_KNOWN_X509_PARSER_LENIENCY {
                panic!("the DER kept for a public key does not re-parse: {e}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// crl
// ---------------------------------------------------------------------------------------

/// `Crl::all_from_input` on arbitrary bytes; every accessor and a few lookups.
pub fn crl(data: &[u8]) {
    let data = bounded(data);
    let Ok(crls) = Crl::all_from_input(data) else {
        return;
    };
    for crl in &crls {
        exercise_crl(crl);
    }
}

/// Entries checked one by one against `lookup` (a fuzzed CRL may hold thousands).
const MAX_ENTRIES_LOOKED_UP: usize = 512;

fn exercise_crl(crl: &Crl) {
    // Encoding and its parts.
    let der = crl.der();
    assert!(
        !der.is_empty() && der[0] == 0x30,
        "CRL DER is not a SEQUENCE"
    );
    for (what, part) in [("tbs", crl.tbs()), ("signature", crl.signature())] {
        let start = (part.as_ptr() as usize).wrapping_sub(der.as_ptr() as usize);
        if !part.is_empty() {
            assert!(
                start
                    .checked_add(part.len())
                    .and_then(|end| der.get(start..end))
                    == Some(part),
                "{what}() is not a part of der()"
            );
        }
    }
    assert!(!crl.tbs().is_empty(), "empty tbsCertList");
    let _ = crl.signature_algorithm().name();
    let again = Crl::from_der(der.to_vec()).expect("DER of an accepted CRL re-parses");
    assert!(again == *crl);
    assert_eq!(again.len(), crl.len());
    assert_eq!(again.fingerprint_sha256(), crl.fingerprint_sha256());
    assert_eq!(
        Crl::from_input(der).map(|c| c.len()).ok(),
        Some(crl.len()),
        "from_input refuses an accepted CRL's DER"
    );
    let _ = format!("{crl:?}");

    // Header.
    exercise_name(crl.issuer());
    let _ = crl.this_update().to_rfc3339();
    let _ = crl.next_update().map(|t| t.to_rfc3339());
    for n in [crl.crl_number(), crl.delta_base()].into_iter().flatten() {
        let text = show(n);
        let _ = format!("{n:?}");
        assert!(
            !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
            "{text:?}"
        );
        assert!(text == "0" || !text.starts_with('0'), "CRL number {text:?}");
        if let Some(v) = n.to_u128() {
            assert_eq!(v.to_string(), text, "CRL number display vs to_u128");
        }
        assert_eq!(n.cmp(n), std::cmp::Ordering::Equal);
        let bytes = n.as_bytes();
        assert!(
            !bytes.is_empty() && (bytes.len() == 1 || bytes[0] != 0),
            "not minimal"
        );
        assert_eq!(CrlNumber::from_be_bytes(bytes).as_ref(), Ok(n));
    }
    assert_eq!(crl.is_delta(), crl.delta_base().is_some());
    if let Some(idp) = crl.issuing_distribution_point() {
        let _ = format!("{idp:?}");
        assert_eq!(crl.is_indirect(), idp.indirect);
        if let Some(name) = &idp.name {
            assert_eq!(name.intersects(name), !name.0.is_empty());
        }
    } else {
        assert!(!crl.is_indirect());
    }
    let _ = crl.authority_key_id().map(<[u8]>::len);
    for oid in crl.unprocessed_critical_extensions() {
        assert!(!oid.is_empty());
    }
    let _ = crl.first_unprocessed_critical_entry_extension();

    // Entries: every indexed entry can be listed, and found again by `lookup`.
    let entries: Vec<CrlEntry> = crl.entries().collect();
    assert_eq!(entries.len(), crl.len(), "entries() and len() disagree");
    assert_eq!(crl.is_empty(), entries.is_empty());
    let empty = empty_name_key();
    for e in entries.iter().take(MAX_ENTRIES_LOOKED_UP) {
        let _ = format!("{e:?}");
        assert!(!e.serial.is_empty());
        assert_eq!(e.serial_hex().len(), e.serial.len() * 2);
        let _ = e.revocation_date.to_rfc3339();
        if let Some(r) = e.reason {
            assert!(!r.describe().is_empty());
        }
        if !crl.is_indirect() {
            assert!(
                e.certificate_issuer == *crl.issuer().key() || e.certificate_issuer == empty,
                "an entry of a direct CRL attributed to another issuer"
            );
        }
        let found = crl.lookup(&e.serial, &e.certificate_issuer);
        for f in &found {
            assert_eq!(f.serial, e.serial, "lookup returned another serial");
            assert_eq!(
                f.certificate_issuer, e.certificate_issuer,
                "lookup: other issuer"
            );
        }
        // Entries without a usable certificate issuer carry the empty name and are never
        // returned; every other entry must be.
        if e.certificate_issuer != empty {
            assert!(
                found.contains(e),
                "entry {} is listed but lookup does not find it",
                e.serial_hex()
            );
        }
    }
    // Lookups of serials that are (mostly) absent, under a few issuers.
    let other_issuers = [crl.issuer().key().clone(), empty.clone()];
    let serials: [&[u8]; 5] = [&[], &[0], &[0x01], &[0x80, 0x00], &[0x7f; 21]];
    for issuer in &other_issuers {
        for serial in serials {
            for f in crl.lookup(serial, issuer) {
                assert_eq!(f.serial, serial);
                assert_eq!(&f.certificate_issuer, issuer);
            }
        }
    }
}

fn empty_name_key() -> NameKey {
    Name::from_der(&[0x30, 0x00])
        .expect("the empty name parses")
        .key()
        .clone()
}

// ---------------------------------------------------------------------------------------
// identity
// ---------------------------------------------------------------------------------------

/// IIN / BIN parsing and description on arbitrary text.
pub fn identity(data: &[u8]) {
    let data = bounded(data);
    // Valid UTF-8 as it is; otherwise lossily, so every input reaches the parsers.
    let text = String::from_utf8_lossy(data);
    identity_text(&text);
    // The NCA certificate forms: "IIN…" in serialNumber, "BIN…" in OU.
    if let Some(rest) = text.strip_prefix("IIN") {
        identity_text(rest);
    }
    if let Some(rest) = text.strip_prefix("BIN") {
        identity_text(rest);
    }
    // The check-digit function on raw values (it must refuse values above 9, not overflow).
    if data.len() >= 11 {
        let mut first11 = [0u8; 11];
        first11.copy_from_slice(&data[..11]);
        let d = identity::check_digit(&first11);
        if first11.iter().any(|&v| v > 9) {
            assert_eq!(d, None, "check digit of non-digit values {first11:?}");
        }
        if let Some(d) = d {
            assert!(d <= 9);
        }
    }
}

fn identity_text(s: &str) {
    let iin = Iin::parse(s);
    let bin = Bin::parse(s);
    let report = identity::describe(s);
    assert_eq!(
        iin.is_ok(),
        bin.is_ok(),
        "IIN and BIN syntax differ for {s:?}"
    );
    assert_eq!(
        iin.is_ok(),
        report.is_ok(),
        "describe and Iin::parse differ for {s:?}"
    );
    if let Err(e) = &iin {
        let _ = show(e);
    }
    let _ = s.parse::<Iin>();
    let _ = s.parse::<Bin>();
    if let Ok(iin) = iin {
        exercise_iin(&iin);
    }
    if let Ok(bin) = bin {
        exercise_bin(&bin);
    }
    if let Ok(r) = report {
        let iin = iin.expect("describe accepted it");
        assert_eq!(r.digits, iin.as_str());
        assert_eq!(r.checksum_valid, iin.checksum_valid());
        assert_eq!(r.check_digit, iin.check_digit());
        assert_eq!(r.expected_check_digit, iin.expected_check_digit());
        assert_eq!(r.as_iin.plausible, iin.plausible());
        assert_eq!(r.as_iin.birth_date, iin.birth_date());
        assert_eq!(r.as_bin.plausible, iin.to_bin().plausible());
        let guess = match (r.as_iin.plausible, r.as_bin.plausible) {
            (true, false) => KindGuess::Iin,
            (false, true) => KindGuess::Bin,
            (true, true) => KindGuess::Ambiguous,
            (false, false) => KindGuess::Unknown,
        };
        assert_eq!(r.kind_guess, guess);
        let _ = format!("{r:?}");
        let v = serde_json::to_value(&r).expect("an identifier report serialises");
        assert_eq!(v["digits"].as_str(), Some(iin.as_str()));
    }
}

fn exercise_iin(iin: &Iin) {
    let s = iin.as_str();
    assert_eq!(s.len(), identity::IDENTIFIER_LEN);
    assert!(s.bytes().all(|b| b.is_ascii_digit()), "{s:?}");
    assert_eq!(show(iin), s);
    assert_eq!(Iin::parse(s).as_ref(), Ok(iin), "IIN does not round-trip");
    assert_eq!(iin.as_bytes(), s.as_bytes());
    assert!(iin.digits().iter().all(|&d| d <= 9));
    let _ = format!("{iin:?}");
    assert_eq!(
        serde_json::to_value(iin)
            .ok()
            .as_ref()
            .and_then(|v| v.as_str()),
        Some(s),
        "an IIN serialises as its digits"
    );
    check_common(
        iin.check_digit(),
        iin.expected_check_digit(),
        iin.checksum_valid(),
        iin.checksum_failure().is_some(),
        iin.check(ChecksumPolicy::Strict).is_ok(),
        iin.check(ChecksumPolicy::Lenient).is_ok(),
    );
    let digit = iin.century_sex_digit();
    assert!(digit <= 9);
    assert_eq!(iin.century().is_some(), iin.sex().is_some());
    assert_eq!(iin.century().is_some(), (1..=6).contains(&digit));
    if let Some(c) = iin.century() {
        let _ = c.base_year();
    }
    let birth = iin.birth_date();
    assert_eq!(iin.plausible(), birth.is_some());
    if let (Some(date), Some(c)) = (birth, iin.century()) {
        let y = date.year();
        assert!(
            (c.base_year()..c.base_year() + 100).contains(&y),
            "birth year {y} outside the century of digit {digit}"
        );
    }
    assert_eq!(iin.registration_number().len(), 4);
    assert_eq!(iin.to_bin().to_iin(), *iin);
    assert_eq!(iin.to_bin().as_str(), s);
}

fn exercise_bin(bin: &Bin) {
    let s = bin.as_str();
    assert_eq!(s.len(), identity::IDENTIFIER_LEN);
    assert_eq!(show(bin), s);
    assert_eq!(Bin::parse(s).as_ref(), Ok(bin), "BIN does not round-trip");
    let _ = format!("{bin:?}");
    check_common(
        bin.check_digit(),
        bin.expected_check_digit(),
        bin.checksum_valid(),
        bin.checksum_failure().is_some(),
        bin.check(ChecksumPolicy::Strict).is_ok(),
        bin.check(ChecksumPolicy::Lenient).is_ok(),
    );
    if let Some(m) = bin.registration_month() {
        assert!((1..=12).contains(&m));
        assert!(bin.registration_year_two_digits().is_some_and(|y| y <= 99));
    } else {
        assert!(bin.registration_year_two_digits().is_none());
    }
    assert!(bin.entity_type_digit() <= 9 && bin.unit_kind_digit() <= 9);
    let _ = bin.entity_type().is_known();
    let _ = format!("{:?}", bin.unit_kind());
    assert_eq!(bin.serial().len(), 5);
    assert_eq!(
        bin.plausible(),
        bin.registration_month().is_some() && bin.entity_type().is_known()
    );
    assert_eq!(bin.to_iin().to_bin(), *bin);
}

fn check_common(
    found: u8,
    expected: Option<u8>,
    valid: bool,
    has_failure: bool,
    strict_ok: bool,
    lenient_ok: bool,
) {
    assert!(found <= 9);
    if let Some(d) = expected {
        assert!(d <= 9);
    }
    assert_eq!(valid, expected == Some(found));
    assert_eq!(valid, !has_failure);
    assert_eq!(valid, strict_ok);
    assert!(lenient_ok, "the lenient policy refused");
}

// ---------------------------------------------------------------------------------------
// input
// ---------------------------------------------------------------------------------------

/// DER / PEM / base64 detection on arbitrary bytes, for both object kinds.
pub fn input(data: &[u8]) {
    let data = bounded(data);
    for kind in [ObjectKind::Certificate, ObjectKind::Crl] {
        let objects = input::decode_objects(data, kind);
        let one = input::decode_one(data, kind);
        match &objects {
            Ok(v) => {
                assert!(!v.is_empty(), "decode_objects returned no object");
                assert!(v.len() <= input::MAX_OBJECTS_PER_INPUT);
                match &one {
                    Ok(o) => assert!(v.len() == 1 && v[0] == *o, "decode_one disagrees"),
                    Err(_) => assert_ne!(v.len(), 1, "decode_one refused a single object"),
                }
                for der in v {
                    assert!(!der.is_empty());
                    // A DER SEQUENCE the decoder returned is itself a valid input that
                    // decodes to exactly itself.
                    if der[0] == 0x30 {
                        let again = input::decode_objects(der, kind)
                            .unwrap_or_else(|e| panic!("returned DER does not re-decode: {e}"));
                        assert_eq!(again.len(), 1);
                        assert!(again[0] == *der, "returned DER re-decodes differently");
                    }
                }
            }
            Err(e) => {
                let _ = show(e);
                assert!(
                    one.is_err(),
                    "decode_one accepted what decode_objects refused"
                );
            }
        }
    }
}

/// CMS SignedData input (DER, BER, PEM, base64): parse, read every accessor, and verify
/// against an empty verifier. With no trust anchor nothing can be valid, so a valid verdict
/// or verified content is a bug.
pub fn cms(data: &[u8]) {
    let data = bounded(data);
    let Ok(signed) = qoltanba::cms::SignedData::from_input(data) else {
        return;
    };
    let _ = (
        signed.version(),
        signed.content_type(),
        signed.is_detached(),
    );
    let _ = signed.unverified_content().map(|c| c.len());
    for c in signed.certificates() {
        let _ = c.subject().to_string();
    }
    for s in signed.signers() {
        let _ = format!("{:?}", s.sid());
        let _ = (
            s.signature().len(),
            s.signed_attributes().is_some(),
            s.unsigned_attributes().len(),
        );
    }
    let verifier = qoltanba::Verifier::builder().build();
    let at = chrono::DateTime::from_timestamp(1_795_392_000, 0).unwrap_or_default();
    let options = qoltanba::cms::VerifyOptions::at(at);
    let verdict = signed.verify(&verifier, &options);
    assert!(
        !verdict.is_valid(),
        "valid CMS verdict without any trust anchor"
    );
    assert!(
        verdict.verified_content().is_none(),
        "content handed out without trust"
    );
    let detached = signed.verify_detached(b"content", &verifier, &options);
    assert!(!detached.is_valid());
    let _ = serde_json::to_string(&verdict);
}

/// PKCS#12 input: open with the NCA test password and with a wrong one. A wrong password
/// must never yield a key.
pub fn pkcs12(data: &[u8]) {
    let data = bounded(data);
    if let Ok(bundle) = qoltanba::keys::open_pkcs12(data, b"Qwerty12") {
        let _ = bundle.certificate.subject().to_string();
        let _ = (
            bundle.chain.len(),
            bundle.key.algorithm(),
            bundle.key.can_sign(),
        );
        let _ = format!("{:?}", bundle.key); // must redact, must not panic
    }
    let _ = qoltanba::keys::open_pkcs12(data, b"");
    let _ = qoltanba::keys::SigningKey::from_pkcs8(data, Some(b"Qwerty12"));
    let _ = qoltanba::keys::SigningKey::from_pkcs8(data, None);
}

// ---------------------------------------------------------------------------------------
// barcode
// ---------------------------------------------------------------------------------------

/// BarcodeElement parsing and set reassembly. The input is split at NUL bytes; each piece
/// is parsed as a BarcodeElement and the accepted ones are assembled (in input order) and
/// reassembled under small archive caps. The whole input is also read as a ZIP archive, and
/// encoded into a barcode set and decoded back.
///
/// Invariants: an accepted element prints (`to_xml`) to text that parses back to itself;
/// a set that finishes has no problems, holds every number once and stays under the caps;
/// encoding then decoding gives the input back.
pub fn barcode(data: &[u8]) {
    use qoltanba::barcode::{self as bc, ArchiveLimits, Assembler, BarcodeElement};
    let data = &data[..data.len().min(64 * 1024)];
    let limits = ArchiveLimits {
        max_archive_len: 256 * 1024,
        max_document_len: 256 * 1024,
        max_entries: 4,
    };
    let mut assembler = Assembler::with_limits(limits);
    for piece in data.split(|&b| b == 0).take(64) {
        let Ok(element) = BarcodeElement::parse(piece) else {
            continue;
        };
        assert!(element.number >= 1 && element.number <= element.amount);
        assert!(element.amount as usize <= bc::limits::MAX_ELEMENTS);
        let xml = element.to_xml();
        let again = BarcodeElement::parse(xml.as_bytes())
            .unwrap_or_else(|e| panic!("to_xml does not parse back: {e}\n{xml}"));
        assert_eq!(again, element, "to_xml does not round-trip");
        let _ = element.creation_time();
        let _ = assembler.add(element, "fuzz");
    }
    let problems = assembler.problems();
    for p in &problems {
        let _ = show(p);
    }
    match assembler.finish() {
        Ok(r) => {
            assert!(problems.is_empty(), "finished a set with problems");
            assert!(r.document.len() <= limits.max_document_len);
            assert!(assembler.missing().is_empty());
            let _ = r.signed_data();
        }
        Err(e) => {
            let _ = show(&e);
        }
    }
    if let Ok(doc) = bc::unzip_document(data, &limits) {
        assert!(doc.len() <= limits.max_document_len);
    }
    if !data.is_empty() {
        let created = chrono::DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00")
            .expect("a fixed time");
        let mut options = bc::EncodeOptions::new("fuzz", created);
        options.chunk_size = 64 + usize::from(data[0]) * 4;
        if let Ok(set) = bc::encode(data, &options) {
            let xml = set.xml();
            let r = bc::decode_texts(&xml).expect("an encoded set decodes");
            assert_eq!(r.document, data, "encode / decode does not round-trip");
        }
    }
}

// ---------------------------------------------------------------------------------------
// barcode_scan
// ---------------------------------------------------------------------------------------

/// Largest side of the raw images [`barcode_scan`] builds, in pixels.
const SCAN_MAX_SIDE: usize = 300;

/// QR detection and decoding on images. A PNG or JPEG input goes to `scan_image` as it
/// is; anything else is a raw greyscale image: the first byte gives the width
/// (`16 + byte`), the rest are the pixels, row by row (at most [`SCAN_MAX_SIDE`] rows).
///
/// Invariants: scanning never panics (nothing is caught: the detector has no panic left,
/// and its work is bounded by a meter, see `src/barcode/detect/`); every text found is
/// within the BarcodeElement bound.
pub fn barcode_scan(data: &[u8]) {
    use qoltanba::barcode as bc;
    let data = &data[..data.len().min(256 * 1024)];
    let scanned = if bc::is_image(data) {
        match bc::scan_image(data) {
            Ok(s) => s,
            Err(e) => {
                let _ = show(&e);
                return;
            }
        }
    } else {
        let Some((&w, pixels)) = data.split_first() else {
            return;
        };
        let width = 16 + usize::from(w);
        let height = (pixels.len() / width).min(SCAN_MAX_SIDE);
        if height < 16 {
            return;
        }
        let Some(img) = image_of(width, height, &pixels[..width * height]) else {
            return;
        };
        bc::scan_luma(&img)
    };
    for text in &scanned.texts {
        assert!(text.len() <= bc::limits::MAX_ELEMENT_XML_LEN);
        let _ = bc::BarcodeElement::parse(text);
    }
}

/// A greyscale image from raw pixels (`None` when the sizes disagree).
fn image_of(width: usize, height: usize, pixels: &[u8]) -> Option<image::GrayImage> {
    image::GrayImage::from_raw(
        u32::try_from(width).ok()?,
        u32::try_from(height).ok()?,
        pixels.to_vec(),
    )
}

// ---------------------------------------------------------------------------------------
// ocsp
// ---------------------------------------------------------------------------------------

/// OCSP response parsing and judgment. The input is read as a DER OCSPResponse; an
/// accepted one is judged against the project's test CA for every serial it names and a
/// made-up one, at a fixed time.
///
/// Invariants: every accessor works on an accepted response; a judgment of good or revoked
/// names its (proven) responder; a serial the response does not name is never good or
/// revoked.
pub fn ocsp(data: &[u8]) {
    use qoltanba::revocation::{OcspPolicy, OcspResponse, OcspStatus};
    static CA: &[u8] = include_bytes!("../../test-vectors/pki/nca_rsa.cer");
    let data = bounded(data);
    let Ok(response) = OcspResponse::from_der(data) else {
        return;
    };
    let Ok(ca) = qoltanba::Certificate::from_der(CA) else {
        return;
    };
    let _ = (
        response.status(),
        response.produced_at(),
        response.responder_id(),
    );
    let _ = response.certs().len();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .expect("a fixed time")
        .to_utc();
    let policy = OcspPolicy::default();
    for single in response.responses() {
        let check = response.check(&ca, &single.cert_id.serial, at, &policy);
        if matches!(
            check.status(),
            OcspStatus::Good { .. } | OcspStatus::Revoked { .. }
        ) {
            assert!(
                check.responder().is_some(),
                "a status without a proven responder"
            );
        }
        let _ = format!("{check:?}");
    }
    let named = |s: &[u8]| response.responses().iter().any(|r| r.cert_id.serial == s);
    let made_up = [0x7F, 0x00, 0x11, 0x22];
    if !named(&made_up) {
        let check = response.check(&ca, &made_up, at, &policy);
        assert!(
            matches!(
                check.status(),
                OcspStatus::Indeterminate { .. } | OcspStatus::Unknown
            ),
            "a status for a serial the response does not name: {check:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// xmldsig
// ---------------------------------------------------------------------------------------

/// XML parsing, canonicalisation and XML-signature verification against a verifier with no
/// trust anchor.
///
/// Invariants: nothing comes out valid without a trust anchor, and no document is handed
/// out.
pub fn xmldsig(data: &[u8]) {
    let data = bounded(data);
    let verifier = qoltanba::Verifier::builder().build();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .expect("a fixed time")
        .to_utc();
    match qoltanba::xmldsig::verify(data, &verifier, &qoltanba::Expectation::at(at)) {
        Ok(v) => {
            assert!(!v.is_valid(), "valid without a trust anchor");
            assert!(v.verified_octets().is_none());
            let _ = format!("{v:?}");
        }
        Err(e) => {
            let _ = show(&e);
        }
    }
}

// ---------------------------------------------------------------------------------------
// xml_sign
// ---------------------------------------------------------------------------------------

/// The test PKI's signer (RSA, PKCS#8) and a verifier that trusts its root, read once.
fn xml_signer() -> &'static (Certificate, qoltanba::keys::SigningKey, qoltanba::Verifier) {
    type Signer = (Certificate, qoltanba::keys::SigningKey, qoltanba::Verifier);
    static SIGNER: std::sync::OnceLock<Signer> = std::sync::OnceLock::new();
    SIGNER.get_or_init(|| {
        let cert = |der: &[u8]| Certificate::from_der(der).expect("a test certificate");
        let certificate = cert(include_bytes!("../../test-vectors/pki/individual_sign.cer"));
        let key = qoltanba::keys::SigningKey::from_pkcs8(
            include_bytes!("../../test-vectors/pki/individual_sign.key.pem"),
            None,
        )
        .expect("the test key");
        let verifier = qoltanba::Verifier::builder()
            .trust(cert(include_bytes!("../../test-vectors/pki/root.cer")))
            .and_then(|b| {
                b.intermediate(cert(include_bytes!("../../test-vectors/pki/nca_rsa.cer")))
            })
            .and_then(|b| {
                b.crl(
                    Crl::from_der(
                        include_bytes!("../../test-vectors/pki/nca_rsa_current.crl").to_vec(),
                    )
                    .expect("the test CRL"),
                )
            })
            .expect("the test verifier")
            .build();
        (certificate, key, verifier)
    })
}

/// Signing XML, then verifying it: the first byte picks how (`sign` of the whole document,
/// XAdES, the element `Id="id-1"`, a SOAP envelope), the rest is the document.
///
/// Invariant: whatever the signer accepts to sign, the verifier accepts as signed, and hands
/// out what was asked to be signed. The signer finds its insertion points by text (the root
/// end tag, the SOAP Body and Header start tags): a document where text and tree disagree
/// must be refused, never signed wrongly. Documents that already carry a signature are
/// skipped (their own signatures may be invalid).
pub fn xml_sign(data: &[u8]) {
    use qoltanba::xmldsig::{self, XmlSignOptions};
    let data = bounded(data);
    let Some((&mode, xml)) = data.split_first() else {
        return;
    };
    if xml.windows(9).any(|w| w == b"Signature") {
        return;
    }
    let (certificate, key, verifier) = xml_signer();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .expect("a fixed time")
        .to_utc();
    let options = match mode % 4 {
        0 => XmlSignOptions::new(),
        1 => XmlSignOptions::new().xades(at),
        2 => XmlSignOptions::new().reference_id("id-1"),
        _ => XmlSignOptions::new(),
    };
    let signed = if mode % 4 == 3 {
        xmldsig::sign_soap(xml, certificate, key)
    } else {
        xmldsig::sign_with(xml, certificate, key, &options)
    };
    let Ok(signed) = signed else {
        return;
    };
    let verdict = match xmldsig::verify(&signed, verifier, &qoltanba::Expectation::at(at)) {
        Ok(v) => v,
        Err(e) => panic!("signed, then unreadable: {e}"),
    };
    assert!(
        verdict.is_valid(),
        "signed, then not valid: {:?}",
        verdict.checks()
    );
    assert_eq!(verdict.signers().len(), 1);
    let parts = verdict
        .signed_parts()
        .expect("a valid verdict hands out parts")
        .get();
    match mode % 4 {
        0 | 1 => assert!(verdict.verified_octets().is_some()),
        _ => {
            assert!(verdict.verified_octets().is_none());
            assert_eq!(parts.len(), 1);
        }
    }
}

// ---------------------------------------------------------------------------------------
// tsp
// ---------------------------------------------------------------------------------------

/// RFC 3161: `TspMessage::from_input` (a token or a TimeStampResp, told apart), the same
/// bytes as a bare TSTInfo, and the verification of a token read against an empty
/// verifier.
///
/// Invariants: a granted response carries a token and no other does; a token's DER
/// re-reads to the same TSTInfo; a serial number or nonce is minimal DER; genTime reads
/// back from its text; nothing is valid without a trust anchor; the verdict serialises.
pub fn tsp(data: &[u8]) {
    use qoltanba::tsp::{Imprinted, TimeStampToken, TspMessage, TstInfo};
    let data = bounded(data);
    if let Ok(tst) = TstInfo::from_der(data) {
        exercise_tst_info(&tst);
    }
    let Ok(message) = TspMessage::from_input(data) else {
        return;
    };
    if let TspMessage::Response(r) = &message {
        assert_eq!(
            r.status().status.is_granted(),
            r.token().is_some(),
            "a granted response without a token, or a refusal with one"
        );
        json(r.status());
    }
    let Some(token) = message.token() else {
        return;
    };
    let again = TimeStampToken::from_ber(token.der()).expect("a token's DER re-reads");
    assert_eq!(
        again.tst_info(),
        token.tst_info(),
        "re-read TSTInfo differs"
    );
    exercise_tst_info(token.tst_info());
    let verifier = qoltanba::Verifier::builder().build();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .expect("a fixed time")
        .to_utc();
    for imprinted in [
        Imprinted::Data(data),
        Imprinted::Digest(token.tst_info().message_imprint().hashed_message()),
        Imprinted::Nothing,
    ] {
        let v = token.verify(imprinted, &verifier, at);
        assert_ne!(
            v.overall(),
            qoltanba::Overall::Valid,
            "a time-stamp valid without a trust anchor"
        );
        assert!(v.refusal().is_some());
        let _ = v.summary();
        json(&v);
    }
}

fn exercise_tst_info(tst: &qoltanba::tsp::TstInfo) {
    let serial = tst.serial();
    let minimal = match serial {
        [] => false,
        [0x00, next, ..] => next & 0x80 != 0,
        [0xFF, next, ..] => next & 0x80 == 0,
        _ => true,
    };
    assert!(minimal, "non-minimal serial number {serial:02X?}");
    assert_eq!(tst.serial_hex().len(), 2 * serial.len());
    if let Some(n) = tst.nonce() {
        assert!(!n.is_empty());
    }
    let text = tst.gen_time_text();
    assert!(text.ends_with('Z') && text.len() >= 15, "genTime {text:?}");
    let _ = tst.gen_time().to_rfc3339();
    let imprint = tst.message_imprint();
    assert!(!imprint.hashed_message().is_empty());
    let _ = (
        imprint.algorithm_name(),
        imprint.hash(),
        imprint.algorithm_oid(),
    );
    let _ = (tst.policy(), tst.accuracy(), tst.ordering());
    if let Some(a) = tst.accuracy() {
        assert!(a.millis <= 999 && a.micros <= 999);
        json(&a);
    }
    if let Some(name) = tst.tsa() {
        let _ = show(name);
    }
    for e in tst.extensions() {
        json(e);
    }
}

// ---------------------------------------------------------------------------------------
// pades
// ---------------------------------------------------------------------------------------

/// Any PDF signed by an incremental update (`pades::sign`: the bounded reader of the
/// xref sections, object streams, catalog, page tree and form): an error, or a PDF that
/// begins with the input's bytes and whose last signature holds over the whole file.
pub fn pades_sign(data: &[u8]) {
    let data = bounded(data);
    let (certificate, key, verifier) = xml_signer();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T00:00:00Z")
        .expect("a fixed time")
        .to_utc();
    let request = qoltanba::cms::SignRequest::new(certificate, at);
    let options = qoltanba::pades::PdfSignOptions::new().reason("fuzz (\\) Ә");
    match qoltanba::pades::sign(data, &request, key, &options) {
        Ok(signed) => {
            assert!(signed.starts_with(data), "the original bytes were changed");
            let v = qoltanba::pades::verify(
                &signed,
                verifier,
                &qoltanba::cms::VerifyOptions::at(at + chrono::Duration::days(1)),
            )
            .expect("our own output reads");
            // The signer refuses a file with as many signatures as the verifier judges;
            // a form it cannot tell apart from them (signatures in object streams beside
            // as many /ByteRange in the bytes) may still leave none judged: not valid.
            let Some(last) = v.signatures().last() else {
                assert_ne!(
                    v.overall(),
                    qoltanba::Overall::Valid,
                    "valid, nothing judged"
                );
                return;
            };
            assert!(last.covers_whole_file(), "the new signature misses bytes");
            assert_eq!(
                last.overall(),
                qoltanba::Overall::Valid,
                "the new signature does not hold: {:?}",
                last.checks()
            );
        }
        Err(e) => {
            let _ = show(&e);
        }
    }
}

/// PDF signatures, verified with the test PKI trusted (so the valid path is reachable):
/// a valid verdict has every signature valid and one covering the whole file.
pub fn pades(data: &[u8]) {
    let data = bounded(data);
    let (_, _, verifier) = xml_signer();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .expect("a fixed time")
        .to_utc();
    match qoltanba::pades::verify(data, verifier, &qoltanba::cms::VerifyOptions::at(at)) {
        Ok(v) => {
            if v.is_valid() {
                assert!(
                    v.signatures().iter().any(|s| s.covers_whole_file()),
                    "valid without a signature over the whole file"
                );
                assert!(
                    v.signatures()
                        .iter()
                        .all(|s| s.overall() == qoltanba::Overall::Valid),
                    "valid with a signature that is not"
                );
            }
            let _ = format!("{v:?}");
        }
        Err(e) => {
            let _ = show(&e);
        }
    }
}

// ---------------------------------------------------------------------------------------
// request_form
// ---------------------------------------------------------------------------------------

/// A request document (XML or JSON) read against every profile's form: what reads must
/// read back, field for field, from its own XML and JSON writing.
pub fn request_form(data: &[u8]) {
    use qoltanba::profiles::{Profile, RequestDocument};
    let data = bounded(data);
    for p in Profile::all().iter().filter(|p| p.request_form.is_some()) {
        let doc = match RequestDocument::read(p, data) {
            Ok(d) => d,
            Err(e) => {
                let _ = show(&e);
                continue;
            }
        };
        let written = [doc.to_xml().ok(), Some(doc.to_json().into_bytes())];
        for again in written.into_iter().flatten() {
            let back =
                RequestDocument::read(p, &again).expect("a request re-reads from its own writing");
            assert!(
                back.fields().eq(doc.fields()),
                "fields differ after writing and reading"
            );
            assert_eq!(
                (back.iin(), back.bin(), back.form()),
                (doc.iin(), doc.bin(), doc.form()),
                "identity differs after writing and reading"
            );
        }
    }
}

/// The service's POST routes (`qoltanba serve`, NCANode's and the native ones) a `server`
/// input may call.
const SERVER_ROUTES: &[&str] = &[
    "/x509/info",
    "/x509/verify",
    "/cms/verify",
    "/cms/extract",
    "/cms/sign",
    "/cms/sign/add",
    "/xml/verify",
    "/xml/sign",
    "/wsse/verify",
    "/wsse/sign",
    "/pdf/verify",
    "/pdf/sign",
    "/pkcs12/info",
    "/pkcs12/aliases",
    "/jwt/encode",
    "/jwt/decode",
    "/v1/verify",
    "/v1/barcode/verify",
    "/v1/document/issue",
];

/// One service in process for every `server` input: the test PKI's root and CA trusted,
/// its CRL held, a fixed clock (2026-11-23), no OCSP, TSA or CRL fetching (nothing leaves
/// the process), and a runtime to drive it.
fn service() -> &'static (tokio::runtime::Runtime, axum::Router) {
    static SERVICE: std::sync::OnceLock<(tokio::runtime::Runtime, axum::Router)> =
        std::sync::OnceLock::new();
    SERVICE.get_or_init(|| {
        static ROOT: &[u8] = include_bytes!("../../test-vectors/pki/root.cer");
        static CA: &[u8] = include_bytes!("../../test-vectors/pki/nca_rsa.cer");
        static CRL: &[u8] = include_bytes!("../../test-vectors/pki/nca_rsa_current.crl");
        let cert = |der: &[u8]| Certificate::from_input(der).expect("test PKI certificate");
        let verifier = qoltanba::Verifier::builder()
            .trust(cert(ROOT))
            .and_then(|b| b.intermediate(cert(CA)))
            .and_then(|b| b.crl(Crl::from_der(CRL.to_vec()).expect("test PKI CRL")))
            .expect("test PKI verifier")
            .build();
        let at = chrono::DateTime::from_timestamp(1_795_392_000, 0).unwrap_or_default();
        let config = qoltanba::server::ServerConfig::new(
            std::sync::Arc::new(verifier),
            std::sync::Arc::new(move || at),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        (runtime, qoltanba::server::router(config))
    })
}

/// A request to the service: the input's first line names a POST route (a line that is
/// not one still picks one, by its bytes), the rest is the body, sent as JSON. Whatever
/// the body, the answer is never a server error (a 500 is a panic or an internal failure
/// the service let through; 503 would be its timeout, not expected here) and always a JSON
/// document.
pub fn server(data: &[u8]) {
    use tower::ServiceExt as _;
    let data = bounded(data);
    let (line, body) = match data.iter().position(|b| *b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&data[..0], data),
    };
    let path = SERVER_ROUTES
        .iter()
        .find(|r| r.as_bytes() == line)
        .copied()
        .unwrap_or_else(|| {
            let pick = line.iter().map(|b| *b as usize).sum::<usize>();
            SERVER_ROUTES[pick % SERVER_ROUTES.len()]
        });
    let (runtime, router) = service();
    let request = axum::http::Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body.to_vec()))
        .expect("a request");
    let (status, bytes) = runtime.block_on(async {
        let response = match router.clone().oneshot(request).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the answer's body");
        (status, bytes)
    });
    assert!(
        !status.is_server_error(),
        "{path}: {status}: {}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(500)])
    );
    assert!(
        serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
        "{path}: {status}: the answer is not JSON"
    );
}
