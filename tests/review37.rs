//! Review 37 (hostile): today's fixes, attacked within the hour of their findings.
//!
//! Attacked: `check_layout` in `src/barcode/archive.rs` (37151dc: one archive of one
//! entry, in order); `key_holders` in `src/revocation/status/signer.rs` (58f62c2: an
//! intermediate carrying a key counts only when its path builds at its own notBefore);
//! read, no test: the profiles' `RequestTime` (e41bbef: every `check_request`,
//! `check_signed_request`, `Expectation::at` and `VerifyOptions::at` of `src/server` and
//! `src/bin` judges a time a request names as a claim, or the service's clock; the CLI's
//! `--at` is the operator's own, `Given`), and `WorkMeter::signature_over` (eb325e5:
//! keyed by the certificate's fingerprint, one entry per charged verification, so bounded
//! by `document_signatures`; two certificates sharing a signed part are two fingerprints,
//! but each is a certificate the document carries, so nothing is amplified).
//!
//! Findings (2, both failing then and fixed since: `key_holders` counts a certificate an
//! anchor of its issuer's name signed, or whose path builds at the time judged; `check_layout`
//! requires the local header to say what the central header says):
//!
//! - `key_holders` drops a genuine re-issue of the CA's key (signed by the root's own key)
//!   whose path does not build at its notBefore because the root certificate offered is
//!   younger than it (a root renewed with the same key): the root's CRL listing it for
//!   keyCompromise is then not read against the CA's key, and the CA's CRLs prove a
//!   certificate good (valid). Dated inside the root's validity, the same re-issue counts
//!   (not valid).
//! - `check_layout` checks where the records lie, never that the local header agrees with
//!   the central header: the `zip` crate reads the entry by the central header only
//!   (method, sizes, CRC, flags, name), a streaming reader by the local header only. An
//!   archive whose local header says stored (or a shorter size, or encrypted, or another
//!   name, a folder's) is read by the library as the judged document while a streaming
//!   reader reads other bytes or nothing.
//!
//! Held: Java-style archives (a data descriptor with or without its signature, the UTF-8
//! name flag, a stored entry) are read, and truncated or altered archives are refused
//! without a panic; an honest XML document of four Kalkan-style signatures is valid at the
//! default `Limits` under the one document meter, and under a budget that fits one signer
//! the refused signer is indeterminate (never failed, never valid) while the first stays
//! valid.

mod common;

use common::zip::{crc32, deflate};

use common::evidence::*;
use common::forge::{self, int, seq, tlv, CrlSpec};
use common::time;
use qoltanba::{Certificate, Expectation, Judged, Limits, Overall};

fn at_t() -> Expectation {
    Expectation::at(time(AT))
}

fn ca() -> Certificate {
    cert("nca_rsa.cer")
}

/// A Name of one commonName.
fn name(cn: &str) -> Vec<u8> {
    seq(&[&tlv(
        0x31,
        &seq(&[&forge::oid("2.5.4.3"), &tlv(0x0c, cn.as_bytes())]),
    )])
}

/// A genuine re-issue of the CA's key, signed by the root's real key (serial 0dea, another
/// subject), valid `from`..2033-06-01.
fn reissue_of_ca_key(from: &str) -> Certificate {
    let der = root().reissue(ca().der(), |t| {
        t.serial = int(&[0x0d, 0xea]);
        t.subject = name("Retired CA QOLTANBA TEST");
        t.validity(from, "330601000000Z");
    });
    Certificate::from_der(&der).unwrap()
}

/// The root's CRL #4 (11-16..2027-01-01): serial 0dea revoked for keyCompromise since 06-01.
fn root_lists_0dea() -> Vec<u8> {
    root().crl(
        &CrlSpec::complete(4, "261116000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            &[0x0d, 0xea],
            "260601000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    )
}

/// Attack: the root's key genuinely issued, in 2023, a certificate of the CA's key
/// (serial 0dea, "Retired CA"), under the root's previous certificate of the same key (the
/// anchor offered, `root.cer`, dates from 2024-01-01: a root renewed with its key). The
/// root's CRL #4 lists 0dea for keyCompromise since 2026-06-01: the CA's key is lost. The
/// holder of the lost key signs the CA's CRL #10, omitting the target.
///
/// The library: `key_holders` (src/revocation/status/signer.rs) counts the re-issue only
/// when `build_metered(c, PathOptions::at(c.not_before()))` succeeds; at 2023-06-01 the
/// anchor is not yet valid, the path fails, the re-issue is dropped, the compromise is
/// never read against the key, and CRL #10 proves the target good: valid. Control: the
/// same re-issue dated 2024-06-01 counts (not valid).
///
/// Correct: not valid (indeterminate): a compromise listing speaks of the key of any
/// certificate its issuer's key actually signed, whenever dated (the rule `distrust`
/// applies: "a key that may have been compromised, whenever, signs no CRL relied on").
/// Whether the certificate was issued is a question of its signature, not of validity
/// periods.
///
/// Fix: count an intermediate carrying the key when its signature verifies under the key
/// of an anchor or intermediate of its issuer's name (metered), at no date; or build its
/// path without validity-period checks.
///
/// Found by review 37 (was a defect).
#[test]
fn a_genuine_reissue_older_than_the_root_certificate_hides_a_compromise() {
    let crls = [base10(), root_lists_0dea()];
    // Controls: nothing offered: valid; the re-issue dated inside the root's validity
    // (2024-06-01): the key is lost, not valid.
    let (o, why) = judge_extra(&target(), &crls, &[], &[], &at_t());
    assert_eq!(o, Overall::Valid, "control: {why}");
    let inside = reissue_of_ca_key("240601000000Z");
    let (o, why) = judge_extra(&target(), &crls, &[], &[inside], &at_t());
    assert_ne!(o, Overall::Valid, "control, re-issue of 2024: {why}");
    // The same genuine re-issue, signed by the root's key in 2023 (under the root's
    // previous certificate of the same key; the anchor offered dates from 2024).
    let older = reissue_of_ca_key("230601000000Z");
    // Genuine: the root's key signed it (its path builds at a date inside the anchor's
    // validity), and only its own notBefore precedes the anchor's.
    let paths = verifier(&crls, &[]);
    assert!(paths
        .build_path(&older, time("2024-06-01T00:00:00Z"))
        .is_ok());
    assert!(paths.build_path(&older, older.not_before()).is_err());
    let (o, why) = judge_extra(&target(), &crls, &[], &[older], &at_t());
    assert_ne!(o, Overall::Valid, "{why}");
}

// --- barcode archives ---------------------------------------------------------------------

use qoltanba::barcode::{unzip_document, ArchiveLimits};

/// The fields a local header and a central header share.
#[derive(Clone)]
struct Fields {
    flags: u16,
    method: u16,
    crc: u32,
    csize: u32,
    usize: u32,
    name: Vec<u8>,
}

impl Fields {
    fn of(method: u16, data: &[u8], stored: &[u8]) -> Fields {
        Fields {
            flags: 0,
            method,
            crc: crc32(data),
            csize: stored.len() as u32,
            usize: data.len() as u32,
            name: b"one".to_vec(),
        }
    }

    fn common(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.flags.to_le_bytes());
        out.extend_from_slice(&self.method.to_le_bytes());
        out.extend_from_slice(&[0x00, 0x60, 0x79, 0x5b]); // time, date
        out.extend_from_slice(&self.crc.to_le_bytes());
        out.extend_from_slice(&self.csize.to_le_bytes());
        out.extend_from_slice(&self.usize.to_le_bytes());
        out.extend_from_slice(&(self.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    }
}

/// One archive of one entry laid out in order (what `check_layout` asks): the local
/// header at 0 (`local`), `data`, `descriptor`, the central header (`central`), the end.
fn archive(local: &Fields, data: &[u8], descriptor: &[u8], central: &Fields) -> Vec<u8> {
    let mut out = 0x0403_4b50u32.to_le_bytes().to_vec();
    out.extend_from_slice(&20u16.to_le_bytes());
    local.common(&mut out);
    out.extend_from_slice(&local.name);
    out.extend_from_slice(data);
    out.extend_from_slice(descriptor);
    let cd = out.len() as u32;
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes());
    central.common(&mut out);
    out.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    out.extend_from_slice(&central.name);
    let cd_len = out.len() as u32 - cd;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// What a streaming reader (Java's `ZipInputStream`, a phone app showing the scanned
/// document) reads: the first local header only, its method, its sizes, its name; an
/// entry it cannot read (encrypted) is `None`.
fn streamed(a: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([a[i], a[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes(a[i..i + 4].try_into().unwrap());
    assert_eq!(u32_at(0), 0x0403_4b50);
    let flags = u16_at(6);
    if flags & 1 != 0 {
        return None;
    }
    let method = u16_at(8);
    let csize = u32_at(18) as usize;
    let n = u16_at(26) as usize;
    let m = u16_at(28) as usize;
    let name = a[30..30 + n].to_vec();
    let start = 30 + n + m;
    let doc = match method {
        0 => a[start..start + csize].to_vec(),
        8 => {
            // Inflated until the stream ends (with a descriptor the sizes are not known).
            let mut out = Vec::new();
            let mut d = flate2::read::DeflateDecoder::new(&a[start..]);
            std::io::Read::read_to_end(&mut d, &mut out).ok()?;
            out
        }
        _ => return None,
    };
    Some((name, doc))
}

fn limits() -> ArchiveLimits {
    ArchiveLimits::default()
}

/// HELD. Java's `ZipOutputStream` layout (local flags 0x0808: a data descriptor, with or
/// without its signature, and a UTF-8 name; the local CRC and sizes zero), a stored entry
/// with the UTF-8 flag: read. Every truncation refused; single-byte changes anywhere
/// refused or read, never a panic.
#[test]
fn held_java_style_archives_are_read() {
    let doc = "<құжат>Java's ZipOutputStream, a descriptor and a UTF-8 name</құжат>".repeat(20);
    let doc = doc.as_bytes();
    let data = deflate(doc);
    let mut central = Fields::of(8, doc, &data);
    central.flags = 0x0808;
    central.name = "құжат.xml".as_bytes().to_vec();
    let local = Fields {
        crc: 0,
        csize: 0,
        usize: 0,
        ..central.clone()
    };
    let mut descriptor = central.crc.to_le_bytes().to_vec();
    descriptor.extend_from_slice(&central.csize.to_le_bytes());
    descriptor.extend_from_slice(&central.usize.to_le_bytes());
    let signed = [&0x0807_4b50u32.to_le_bytes()[..], &descriptor].concat();
    for d in [&descriptor, &signed] {
        let a = archive(&local, &data, d, &central);
        assert_eq!(streamed(&a).unwrap().1, doc);
        assert_eq!(unzip_document(&a, &limits()).unwrap(), doc);
    }
    // Stored, no descriptor, the UTF-8 flag only.
    let mut stored = Fields::of(0, doc, doc);
    stored.flags = 0x0800;
    let a = archive(&stored, doc, &[], &stored);
    assert_eq!(unzip_document(&a, &limits()).unwrap(), doc);
    // Odd input: every truncation and every single-byte change refused or read, no panic.
    let a = archive(&local, &data, &signed, &central);
    for cut in 0..a.len() {
        assert!(unzip_document(&a[..cut], &limits()).is_err());
    }
    for i in 0..a.len() {
        for v in [0x00, 0xff, a[i] ^ 0x08] {
            let mut b = a.clone();
            b[i] = v;
            let _ = unzip_document(&b, &limits());
        }
    }
}

/// Attack: the archive's bytes are not signed (whoever makes the codes writes them). One
/// archive of one entry, laid out in order, whose local header contradicts the central
/// header: (1) the local header says stored (its CRC and sizes those of the stored
/// bytes), the central deflated; (2) the local header names a shorter stored entry (a
/// prefix of the data); (3) the local header is encrypted, the central not; (4) the local
/// header names a folder "on/".
///
/// The library: `check_layout` (src/barcode/archive.rs) checks the records' places and
/// the central header's sizes, never the local header's fields; the `zip` crate reads the
/// entry by the central header alone (`find_data_start` takes only the local name and
/// extra lengths). All four are read as the judged document, while a streaming reader
/// (Java's `ZipInputStream`, which reads the local headers from offset 0: `streamed`
/// here) reads the 54 compressed bytes as the document, 27 bytes, nothing (encrypted), or
/// a folder: the document verified is not the one such a reader shows (the concern of
/// review 33's fix, by another door).
///
/// Correct: refused (APPNOTE 4.4: the local header's version, flags, method, CRC and
/// sizes, and name, are the central header's, CRC and sizes zero when bit 3 announces a
/// descriptor, whose values must then be the central's).
///
/// Fix: in `check_layout`, compare the local header with the central header (flags,
/// method, name; CRC and sizes unless bit 3, then the descriptor's), and refuse any
/// difference.
///
/// Found by review 37 (was a defect).
#[test]
fn a_local_header_that_contradicts_the_central_header_is_read() {
    // The document the library is to judge, deflated (as eGov writes it).
    let judged = b"<doc><owner>IIN123456789011</owner><amount>100</amount></doc>".repeat(4);
    let data = deflate(&judged);
    let central = Fields::of(8, &judged, &data);
    // Control: headers that agree: both readers read the document.
    let a = archive(&central, &data, &[], &central);
    assert_eq!(unzip_document(&a, &limits()).unwrap(), judged);
    assert_eq!(streamed(&a).unwrap().1, judged);

    let mut cases: Vec<(&str, Fields)> = Vec::new();
    // The local header says stored (its CRC and sizes those of the bytes stored).
    cases.push((
        "local stored, central deflated",
        Fields::of(0, &data, &data),
    ));
    // The local header names a shorter entry (a prefix of the data, stored).
    cases.push((
        "local size a prefix",
        Fields::of(0, &data[..data.len() / 2], &data[..data.len() / 2]),
    ));
    // Encrypted in the local header only.
    let mut enc = central.clone();
    enc.flags |= 1;
    cases.push(("encrypted in the local header only", enc));
    // Another name, a folder's, in the local header.
    let mut named = central.clone();
    named.name = b"on/".to_vec();
    cases.push(("a folder's name in the local header", named));

    let mut read = Vec::new();
    for (what, local) in cases {
        let a = archive(&local, &data, &[], &central);
        let library = unzip_document(&a, &limits());
        let stream = streamed(&a);
        if let Ok(doc) = &library {
            assert_eq!(doc, &judged, "{what}");
            let differs = match &stream {
                Some((name, d)) => d != doc || name != b"one",
                None => true,
            };
            read.push(format!(
                "{what}: the library reads the judged document, a streaming reader {}",
                match &stream {
                    None => "cannot read the entry".to_string(),
                    Some((n, d)) if differs => format!(
                        "reads {} bytes named {:?} (differ: {differs})",
                        d.len(),
                        String::from_utf8_lossy(n)
                    ),
                    Some(_) => "reads the same".to_string(),
                }
            ));
        }
    }
    assert!(read.is_empty(), "{read:#?}");
}

// --- one meter for an XML document's signatures ------------------------------------------------

/// `xml` signed (enveloped, one more signature) by the project PKI's `who`.
fn xml_signed_by(xml: &[u8], who: &str) -> Vec<u8> {
    qoltanba::xmldsig::sign(
        xml,
        &cert(&format!("{who}.cer")),
        &key(&format!("{who}.key.pem")),
    )
    .expect("signed")
}

fn xml_verdict(xml: &[u8], limits: Limits) -> qoltanba::xmldsig::XmlVerdict {
    qoltanba::xmldsig::verify(xml, &common::rsa_verifier_limited(limits), &at_t())
        .expect("a verdict")
}

/// HELD. (a) An honest Kalkan-style document of four signers (individual, legal, and the
/// two again: four `ds:Signature`s, each signing the ones before) is valid at the default
/// `Limits` under the one document meter (eb325e5). (b, d) Under a budget that exactly
/// fits one signer, a document of two: whatever the meter refuses is unknown, never valid
/// and never failed: every signer valid or indeterminate, the document indeterminate, the
/// refused signer's certificate verdict naming the limit, and the signer judged first
/// (with the budget whole) still valid.
#[test]
fn held_xml_signers_share_one_meter_and_a_refusal_stays_unknown() {
    let mut xml = b"<doc><v>signed data</v></doc>".to_vec();
    for who in [
        "individual_sign",
        "legal_sign",
        "individual_sign",
        "legal_sign",
    ] {
        xml = xml_signed_by(&xml, who);
    }
    let v = xml_verdict(&xml, Limits::default());
    assert_eq!(v.signers().len(), 4);
    assert_eq!(v.overall(), Overall::Valid, "{v:?}");

    let one = xml_signed_by(b"<doc><v>signed data</v></doc>", "individual_sign");
    let two = xml_signed_by(&one, "legal_sign");
    let for_one = (0..64)
        .find(|&k| {
            let mut l = Limits::default();
            l.document_signatures = k;
            xml_verdict(&one, l).is_valid()
        })
        .expect("valid under some budget");
    let mut tight = Limits::default();
    tight.document_signatures = for_one;
    let v = xml_verdict(&two, tight);
    let each: Vec<Overall> = v.signers().iter().map(|s| s.overall()).collect();
    assert_eq!(each[0], Overall::Valid, "{v:?}");
    assert!(
        each.iter()
            .all(|o| matches!(o, Overall::Valid | Overall::Indeterminate)),
        "{each:?}"
    );
    assert_eq!(v.overall(), Overall::Indeterminate, "{each:?}");
}
