//! Review 33 (hostile): the request condition (`profiles::check_request`,
//! `check_signed_request`, `judge_signers`) and the barcodes of output documents
//! (`barcode::Assembler::finish`, `unzip_document`, `document::verify_codes`).
//!
//! Attacked: the IIN/BIN match and the signers' roles as an applicant holding its own NCA
//! certificates would (an employee of company A for company B's request, two signers of
//! whom one matches, authentication and OCSP keys, an operator of another organisation,
//! the operator's signature standing for the applicant's), the form read from the signed
//! request against what the signatures cover (a detached content beside an attached one),
//! and barcode sets (codes of two documents, crafted archives: many end-of-central-
//! directory records, a second archive appended), and the served routes
//! (`/v1/verify` with a profile, `/v1/barcode/verify`) at a claimed time.
//!
//! Material: the project's test PKI (`test-vectors/pki/`, with `roles/` for the officials:
//! centre BIN 160440000075, provider BIN 020240000041, another organisation 990340000014),
//! the embedded profiles, and archives made by the test with the `zip` crate.
//! Time judged: 2026-11-23T00:00:00Z (the PKI's `AT`).
//!
//! Findings:
//! * `a_barcode_archive_with_many_end_records_is_refused_before_the_zip_reader` (fixed: a
//!   barcode archive must be laid out as one archive of one entry, `check_layout`): the ZIP
//!   reader behind `unzip_document` (zip 7.4, `ZipArchive::new`) tries every
//!   end-of-central-directory record from the end of the archive backwards and, for each,
//!   parses the central directory it names; `unzip_document` hands it the archive as it
//!   is. A set of codes within every cap (1000 codes, `MAX_ARCHIVE_LEN`) holding ~31,000
//!   copies of a central header and ~70,000 bogus end records makes it parse ~2·10⁹
//!   headers (quadratic: measured 1.3 s / 5.3 s / 20.7 s for 1000² / 2000² / 4000² in a
//!   debug build) before it falls back to the genuine archive at the front, which then
//!   verifies as valid. The `/v1/barcode/verify` route accepts such a set (10 MB body).
//! * `an_archive_appended_to_another_is_refused` (fixed, the same way): a forged, unsigned
//!   document's archive followed by the genuine signed one's (its offsets made absolute)
//!   reassembles to the genuine document, valid; a reader that walks the local headers
//!   from the start (Java's `ZipInputStream`, a viewer of the scanned codes) finds the
//!   forged one. The codes carry two documents and "valid" is about the one not shown.
//! * `a_profile_judges_a_claimed_time_as_a_claim` (fixed: the request condition takes a
//!   `RequestTime`, the route passes its claim whole): `/v1/verify` judged the
//!   `at` a request names as a claim (`TimeSource::Claimed`) except under a profile, where
//!   `under_profile` passes only the instant to `check_request`/`check_signed_request`
//!   (which take no time source): a key revoked for compromise passes condition 2 at a
//!   claimed earlier time. Without the profile the same request is invalid.
//! * Observation (not a test): review 20's `observation_a_legal_entitys_certificate_
//!   proves_an_individuals_iin` still holds; and `verify_codes` proves the signature of an
//!   output document, not that its signer is the provider's (the caller's `bin` does):
//!   the project's own tests issue output documents with an individual's key.
//! * Every `held_*` test is an attack the library withstood.

mod common;

use std::io::Write as _;

use chrono::{DateTime, FixedOffset};
use qoltanba::barcode::{self, Assembler, BarcodeElement};
use qoltanba::cms::{sign, SignRequest, SignedData, VerifyOptions};
use qoltanba::document::{self, Field, Fields, OutputDocument};
use qoltanba::identity::Bin;
use qoltanba::profiles::{
    check_signed_request, Profile, RequestIdentity, SignedRequest, SignerRole,
};
use qoltanba::Judged as _;
use qoltanba::{CheckName, Outcome, Overall};

use common::requests::{
    at, b64, bin, cert, filled, iin, judge, key, outcome, APPLICANT_IIN, CENTRE, PROVIDER,
};

// ---------------------------------------------------------------------------------------
// Fixtures

fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T15:30:00+06:00").unwrap()
}

/// `content` signed (attached) by each of `who`, in order.
fn signed(content: &[u8], who: &[&str]) -> SignedData {
    let (first, rest) = who.split_first().unwrap();
    let c = cert(first);
    let req = SignRequest::new(&c, common::time("2026-11-22T09:30:00Z"));
    let mut der = sign(content, &req, &key(first)).unwrap();
    for w in rest {
        let c = cert(w);
        let req = SignRequest::new(&c, common::time("2026-11-22T09:31:00Z"));
        der = SignedData::from_input(&der)
            .unwrap()
            .add_signer(None, &req, &key(w))
            .unwrap();
    }
    SignedData::from_input(&der).unwrap()
}

/// `legal_sign`'s organisation (and `legal_employee_auth`'s).
const COMPANY_B: &str = "123456789021";
/// `roles/other_employee`'s organisation, and its IIN.
const COMPANY_A: &str = "990340000014";
const EMPLOYEE_OF_A_IIN: &str = "951212400019";

const REQUEST: &[u8] = "Өтініш / Заявление: прошу выдать архивную справку\n".as_bytes();

// ---------------------------------------------------------------------------------------
// The request condition: attacks that held

/// An employee of company A (its own signing certificate, BIN 990340000014) certifies a
/// request naming company B: the BIN of the request is not the certificate's (condition 2,
/// "сұраныста көрсетілген ЖСН/БСН мен ЭЦҚ тіркеу куәлігінде көрсетілген ЖСН/БСН арасындағы
/// сәйкестік"). Naming the employee's own IIN beside B's BIN does not help: both are
/// matched.
#[test]
fn held_an_employee_of_company_a_does_not_certify_company_bs_request() {
    let by_a = signed(REQUEST, &["roles/other_employee"]);
    for id in [
        "vko-archive-certificate",
        "astana-archive-certificate",
        "mangystau-foreign-media-registration",
    ] {
        let v = judge(id, &by_a, &RequestIdentity::legal_entity(bin(COMPANY_B)));
        assert_eq!(v.overall(), Overall::Invalid, "{id}: {:#?}", v.checks());
        assert_eq!(outcome(&v, CheckName::BinMatch), Some(Outcome::Failed));
        assert!(v.verified_content().is_none());
        let both = RequestIdentity {
            iin: Some(iin(EMPLOYEE_OF_A_IIN)),
            bin: Some(bin(COMPANY_B)),
            ..RequestIdentity::unnamed()
        };
        let v = judge(id, &by_a, &both);
        assert_eq!(v.overall(), Overall::Invalid, "{id}: {:#?}", v.checks());
        assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Passed));
        assert_eq!(outcome(&v, CheckName::BinMatch), Some(Outcome::Failed));
        // Its own company's request it certifies (the control).
        let v = judge(id, &by_a, &RequestIdentity::legal_entity(bin(COMPANY_A)));
        assert_eq!(v.overall(), Overall::Valid, "{id}: {:#?}", v.checks());
    }
}

/// Through the portal every signature is the applicant's: the applicant's own signature
/// beside a stranger's (who matches nothing) does not carry the stranger's; the order of
/// the SignerInfos changes nothing.
#[test]
fn held_two_portal_signers_of_whom_one_matches_are_refused() {
    let request = RequestIdentity::individual(iin(APPLICANT_IIN));
    for who in [
        ["individual_sign", "individual_sign_valid_iin"],
        ["individual_sign_valid_iin", "individual_sign"],
    ] {
        let s = signed(REQUEST, &who);
        for id in [
            "kokpekti-unemployment-certificate",
            "vko-archive-certificate",
        ] {
            let v = judge(id, &s, &request);
            assert_eq!(
                v.overall(),
                Overall::Invalid,
                "{id} {who:?}: {:#?}",
                v.checks()
            );
            assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Failed));
            assert!(v.verified_content().is_none());
        }
    }
}

/// Keys that sign no document: an organisation's authentication key (the BIN and IIN of
/// the request both right) and the OCSP responder's key, the latter under Akmola's
/// profile, whose regulation states no identity match (any signer's identity "holds"):
/// the key's purpose is authenticity, never relaxed.
#[test]
fn held_authentication_and_ocsp_keys_certify_no_request() {
    let auth = signed(REQUEST, &["legal_employee_auth"]);
    let v = judge(
        "vko-archive-certificate",
        &auth,
        &RequestIdentity::legal_entity(bin(COMPANY_B)),
    );
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::KeyUsage), Some(Outcome::Failed));
    assert_eq!(outcome(&v, CheckName::BinMatch), Some(Outcome::Passed));

    let ocsp = signed(REQUEST, &["ocsp_responder"]);
    for id in [
        "akmola-unemployment-certificate",
        "akmola-home-schooling-support",
    ] {
        let v = judge(id, &ocsp, &RequestIdentity::unnamed());
        assert_eq!(v.overall(), Overall::Invalid, "{id}: {:#?}", v.checks());
        assert_eq!(outcome(&v, CheckName::KeyUsage), Some(Outcome::Failed));
    }
}

/// The operator channel without the applicant's match: the operator must be an employee
/// of the service centre the caller names. Another organisation's employee, the
/// provider's employee (another BIN), the centre's operator with the centre unnamed, and
/// an individual claiming the channel: none is valid.
#[test]
fn held_the_operator_channel_needs_the_centres_own_employee() {
    let id = "vko-archive-certificate";
    let request = RequestIdentity::individual(iin(APPLICANT_IIN))
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let ok = judge(id, &signed(REQUEST, &["roles/centre_operator"]), &request);
    assert_eq!(ok.overall(), Overall::Valid, "{:#?}", ok.checks());
    for who in [
        "roles/other_employee",
        "roles/provider_employee",
        "individual_sign",
        "legal_sign",
    ] {
        let v = judge(id, &signed(REQUEST, &[who]), &request);
        assert_eq!(v.overall(), Overall::Invalid, "{who}: {:#?}", v.checks());
        assert!(v.verified_content().is_none());
    }
    // The centre not named: not proven, never valid.
    let unnamed = RequestIdentity::individual(iin(APPLICANT_IIN))
        .certified_by(SignerRole::ServiceCenterOperator);
    let v = judge(id, &signed(REQUEST, &["roles/centre_operator"]), &unnamed);
    assert_eq!(v.overall(), Overall::Indeterminate, "{:#?}", v.checks());
    // The provider's channel with the centre's operator and the provider's BIN.
    let provider = RequestIdentity::individual(iin(APPLICANT_IIN))
        .certified_by(SignerRole::ProviderEmployee)
        .provider(bin(PROVIDER));
    let v = judge(id, &signed(REQUEST, &["roles/centre_operator"]), &provider);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
}

/// Akmola's unemployment certificate at a centre: the centre's employee, then the
/// applicant (the regulation states no identity match, so the applicant is the signature
/// that is not an official's). The operator signing twice is not the applicant's
/// signature too, and the operator alone lacks it.
#[test]
fn held_the_operator_twice_is_not_the_applicant() {
    let id = "akmola-unemployment-certificate";
    let request = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(bin(CENTRE));
    let twice = signed(REQUEST, &["roles/centre_operator", "roles/centre_operator"]);
    let v = judge(id, &twice, &request);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::Signers), Some(Outcome::Failed));
    // The operator alone: the applicant's signature is missing.
    let alone = signed(REQUEST, &["roles/centre_operator"]);
    let v = judge(id, &alone, &request);
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    // The operator and the applicant (the control).
    let both = signed(REQUEST, &["roles/centre_operator", "individual_sign"]);
    let v = judge(id, &both, &request);
    assert_eq!(v.overall(), Overall::Valid, "{:#?}", v.checks());
}

/// The form judged is the signed one: an attached request naming the applicant, signed by
/// the applicant, handed in with a detached "content" naming someone else (what a
/// front end might show): the content check fails and nothing is handed out. The form
/// read names the signed IIN, never the other.
#[test]
fn held_a_detached_content_beside_the_signed_request_is_refused() {
    let id = "kokpekti-unemployment-certificate";
    let genuine = filled(id).with("iin", APPLICANT_IIN).to_json().into_bytes();
    let other = filled(id)
        .with("iin", "900101300007")
        .to_json()
        .into_bytes();
    let s = signed(&genuine, &["individual_sign"]);
    let channel = RequestIdentity::unnamed();
    let v = check_signed_request(
        Profile::by_id(id).unwrap(),
        SignedRequest::Cms {
            signed: &s,
            content: Some(&other),
        },
        &channel,
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::Content), Some(Outcome::Failed));
    assert!(v.verified_request().is_none() && v.verified_content().is_none());
    // The other IIN signed by the applicant: the match fails on the form's IIN.
    let s = signed(&other, &["individual_sign"]);
    let v = check_signed_request(
        Profile::by_id(id).unwrap(),
        SignedRequest::Cms {
            signed: &s,
            content: None,
        },
        &channel,
        &common::rsa_verifier(),
        at(),
    )
    .unwrap();
    assert_eq!(v.overall(), Overall::Invalid, "{:#?}", v.checks());
    assert_eq!(outcome(&v, CheckName::IinMatch), Some(Outcome::Failed));
}

// ---------------------------------------------------------------------------------------
// Barcodes

/// The JSON content of an output document of the archives' profile naming `applicant`.
fn forged_content(favor: &str, applicant: &str) -> Vec<u8> {
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some(favor.into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: applicant.into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    OutputDocument::new(fields, profile, None, false, created())
        .unwrap()
        .to_content()
}

/// An output document of the archives' profile, signed by the provider's head (CMS DER).
fn output_document(favor: &str, applicant: &str) -> Vec<u8> {
    output_document_by("roles/provider_head", favor, applicant)
}

/// The same, signed by `who`.
fn output_document_by(who: &str, favor: &str, applicant: &str) -> Vec<u8> {
    let profile = Profile::by_id("vko-archive-certificate").unwrap();
    let fields = Fields {
        favor_id: Some(favor.into()),
        title_kk: None,
        title_ru: None,
        fields: vec![Field {
            label: "Өтініш беруші / Заявитель".into(),
            value: applicant.into(),
        }],
        refusal: false,
        refusal_reason: None,
    };
    let doc = OutputDocument::new(fields, profile, None, false, created()).unwrap();
    let c = cert(who);
    let req = SignRequest::new(&c, common::time("2026-11-22T09:30:00Z"));
    sign(&doc.to_content(), &req, &key(who)).unwrap()
}

/// `archive` cut into elements of at most 3000 bytes, labelled `favor`.
fn elements_of(archive: &[u8], favor: &str) -> Vec<BarcodeElement> {
    let chunks: Vec<&[u8]> = archive.chunks(3000).collect();
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| BarcodeElement {
            creation_date: barcode::format_creation_date(created()),
            data: c.to_vec(),
            number: i as u32 + 1,
            amount: chunks.len() as u32,
            favor_id: favor.into(),
        })
        .collect()
}

fn assemble(archive: &[u8], favor: &str) -> qoltanba::Result<barcode::Reassembled> {
    let mut asm = Assembler::new();
    for e in elements_of(archive, favor) {
        asm.add(e, format!("code {}", asm.len() + 1))?;
    }
    asm.finish()
}

/// The codes judged with the provider's BIN named (`roles/provider_head`'s): an output
/// document's signer must be the provider's official (review 51).
fn verify(r: &barcode::Reassembled) -> document::CodesVerdict {
    let mut expectation = qoltanba::Expectation::at(at());
    expectation.bin = Some(Bin::parse("020240000041").unwrap());
    document::verify_codes(r, &common::rsa_verifier(), &VerifyOptions::new(expectation)).unwrap()
}

/// `genuine` (an archive of one entry) followed by `headers` copies of its central
/// directory header and `ends` end-of-central-directory records, each naming a directory
/// of `headers + 1` entries at the copies: every one of them fails on its last entry (it
/// finds the first bogus end record there), after `headers` good ones.
fn with_bogus_end_records(genuine: &[u8], headers: usize, ends: usize) -> Vec<u8> {
    let cd = genuine.windows(4).position(|x| x == b"PK\x01\x02").unwrap();
    let eocd = genuine
        .windows(4)
        .rposition(|x| x == b"PK\x05\x06")
        .unwrap();
    let header = &genuine[cd..eocd];
    let mut out = genuine.to_vec();
    let dir_start = out.len();
    for _ in 0..headers {
        out.extend_from_slice(header);
    }
    let n = u16::try_from(headers + 1).unwrap();
    for _ in 0..ends {
        let mut rec = [0u8; 22];
        rec[0..4].copy_from_slice(b"PK\x05\x06");
        rec[8..10].copy_from_slice(&n.to_le_bytes());
        rec[10..12].copy_from_slice(&n.to_le_bytes());
        rec[12..16].copy_from_slice(&u32::try_from(headers * header.len()).unwrap().to_le_bytes());
        rec[16..20].copy_from_slice(&u32::try_from(dir_start).unwrap().to_le_bytes());
        out.extend_from_slice(&rec);
    }
    out
}

/// Found by review 33 (was a defect: work without a cap). Attack: a set of codes whose archive is a genuine output
/// document's archive followed by `H` copies of its central directory header and `E`
/// end-of-central-directory records, each claiming a directory of `H + 1` entries at the
/// copies. Within every documented bound: at most `MAX_ELEMENTS` codes and
/// `MAX_ARCHIVE_LEN` bytes of archive, one central directory entry... as finally read.
///
/// What the library does: `unzip_document` (src/barcode/archive.rs) gives the archive to
/// `zip::ZipArchive::new`, which looks for an end record from the end backwards and, when
/// the directory it names does not parse, tries the next one (zip 7.4 `get_metadata`):
/// `E` tries of `H` headers each. Here (H = E = 2,000, 47 codes) that is four million
/// header parses, then the genuine archive at the front is read, and the document
/// verifies: `finish` answers Ok and `verify_codes` valid. At the bounds (~31,000
/// headers and ~70,000 end records in 3 MB, 1,000 codes; `/v1/barcode/verify` takes
/// them, its body bound is 10 MB) it is ~2·10⁹ parses: minutes of CPU per request
/// (measured here, debug build: 1.3 s, 5.3 s, 20.7 s for H = E = 1,000 / 2,000 / 4,000).
///
/// Correct answer: refused, before the ZIP reader walks the records. An output document's
/// archive is one local header, its data, one central header and one end record
/// (`unzip_document`'s own rule: "exactly one file entry"; APPNOTE 4.3.6 puts the end
/// record last, with only its comment after it), and the caps the barcode module states
/// (`ArchiveLimits`) bound the work an archive may cost, not only its size. Fix: before
/// `ZipArchive::new`, find the one end record (the last `PK\x05\x06` with its comment
/// reaching exactly the end of the archive), require no other end record signature and no
/// byte after it, and that its directory starts right after the entry's data (and its
/// data descriptor, which Java's `ZipOutputStream` writes) (or parse the single entry by
/// hand: eGov's archive has one).
#[test]
fn a_barcode_archive_with_many_end_records_is_refused_before_the_zip_reader() {
    let doc = output_document("001234567890", "Құлжанова Әлия");
    let genuine = barcode::zip_document(&doc, created()).unwrap();
    // The control: the genuine archive alone.
    let r = assemble(&genuine, "001234567890").unwrap();
    assert_eq!(r.document, doc);
    assert_eq!(verify(&r).overall(), Overall::Valid);

    let crafted = with_bogus_end_records(&genuine, 2_000, 2_000);
    assert!(crafted.len() <= barcode::limits::MAX_ARCHIVE_LEN);
    assert!(elements_of(&crafted, "x").len() <= barcode::limits::MAX_ELEMENTS);
    let started = std::time::Instant::now();
    let result = assemble(&crafted, "001234567890");
    // Reported, not asserted (no clock decides a test): the cost of the retries.
    eprintln!(
        "{} bytes of archive, {} codes: {:?} after {:?}",
        crafted.len(),
        elements_of(&crafted, "x").len(),
        result.as_ref().map(|r| r.document.len()),
        started.elapsed()
    );
    if let Ok(r) = &result {
        eprintln!(
            "the crafted set reassembles, verdict {:?}",
            verify(r).overall()
        );
    }
    assert!(
        result.is_err(),
        "an archive with 2,000 end records and 2,000 stray central headers after its own \
         end record was read by retrying each record, and reassembled"
    );
}

/// Found by review 33 (was a defect: the codes hold two documents, the one verified not
/// the one shown).
/// Attack: the codes carry archive A (a forged output document: the JSON of an output
/// document naming another applicant, signed by nobody) followed by archive B (the
/// genuine, signed output document of the same request), B's two offsets rewritten to
/// count from the start (the archive's bytes are not signed: whoever makes the codes
/// writes them). Each part is a well-formed ZIP structure; B's directory lists B's entry
/// only, A's bytes lie before it as "prepended data".
///
/// What the library does: `unzip_document` (src/barcode/archive.rs) reads the LAST end
/// record and the directory it names: the codes reassemble to B, and `verify_codes` says
/// valid. A reader that walks the archive from its first local header (a streaming
/// reader, as Java's `ZipInputStream` reads a ZIP and as a phone app that shows a
/// scanned document would) finds A's entry `one` at offset 0 and shows the forged A. The
/// same codes are two documents, and the "valid" is about the one not shown.
///
/// Correct answer: refused. The archive of an output document holds exactly one entry
/// (`unzip_document`'s own rule), and APPNOTE 4.3.6 lays a ZIP out as its local headers
/// and data, then the central directory, then the end record: bytes before the first
/// listed entry are an entry no directory lists. Fix: require the entry's local header at
/// offset 0 (no archive offset), the central directory right after its data and the end
/// record right after the directory, the end record's comment reaching the end of the
/// archive exactly (the same fix as the end-record retries above).
#[test]
fn an_archive_appended_to_another_is_refused() {
    // A: what the forger wants shown, signed by nobody. B: the genuine signed document.
    let a = forged_content("001234567890", "Басқа Адам");
    let b = output_document("001234567890", "Құлжанова Әлия");
    let archive_a = barcode::zip_document(&a, created()).unwrap();
    let archive_b = barcode::zip_document(&b, created()).unwrap();
    // B's offsets made absolute (the archive's bytes are not signed: whoever makes the
    // codes writes them): B's directory lists B's entry after A's bytes.
    let shift = u32::try_from(archive_a.len()).unwrap();
    let mut b_moved = archive_b.clone();
    let cd = b_moved.windows(4).position(|x| x == b"PK\x01\x02").unwrap();
    let eocd = b_moved
        .windows(4)
        .rposition(|x| x == b"PK\x05\x06")
        .unwrap();
    let add = |bytes: &mut [u8], at: usize| {
        let v = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) + shift;
        bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
    };
    add(&mut b_moved, cd + 42);
    add(&mut b_moved, eocd + 16);
    let mut both = archive_a.clone();
    both.extend_from_slice(&b_moved);

    // What a streaming reader sees: the local header at offset 0 is A's entry `one`, its
    // data A's deflated document.
    assert_eq!(&both[..4], b"PK\x03\x04");
    let name_len = usize::from(u16::from_le_bytes([both[26], both[27]]));
    assert_eq!(&both[30..30 + name_len], b"one");
    let first = barcode::unzip_document(&archive_a, &barcode::ArchiveLimits::default()).unwrap();
    assert_eq!(first, a);

    let result = assemble(&both, "001234567890");
    if let Ok(r) = &result {
        eprintln!(
            "reassembled to the {} document; verdict {:?}",
            if r.document == b {
                "second (genuine)"
            } else if r.document == a {
                "first (forged)"
            } else {
                "unknown"
            },
            verify(r).overall()
        );
    }
    assert!(
        result.is_err(),
        "two archives one after the other reassembled to one of their documents"
    );
}

/// Codes of two genuine documents of the same request, with the same number of codes:
/// element by element, every mix is refused (the archive's CRC, or a conflicting
/// duplicate, named), never reassembled to a third document.
#[test]
fn held_codes_of_two_documents_are_never_spliced() {
    let a = barcode::zip_document(&output_document("REQ-7", "Құлжанова Әлия"), created()).unwrap();
    let b = barcode::zip_document(&output_document("REQ-7", "Құлжанова Әлиа"), created()).unwrap();
    let cut = |archive: &[u8]| -> Vec<BarcodeElement> {
        let n = archive.len().div_ceil(200);
        archive
            .chunks(200)
            .enumerate()
            .map(|(i, c)| BarcodeElement {
                creation_date: barcode::format_creation_date(created()),
                data: c.to_vec(),
                number: i as u32 + 1,
                amount: n as u32,
                favor_id: "REQ-7".into(),
            })
            .collect()
    };
    let (ea, eb) = (cut(&a), cut(&b));
    if ea.len() != eb.len() {
        eprintln!(
            "archives of {} and {} codes: mixing is foreign",
            ea.len(),
            eb.len()
        );
    }
    let n = ea.len().min(eb.len());
    for k in 0..n {
        if ea[k] == eb[k] {
            continue;
        }
        let mut mixed = ea.clone();
        mixed[k] = eb[k].clone();
        let mut asm = Assembler::new();
        for (i, e) in mixed.into_iter().enumerate() {
            asm.add(e, format!("code {i}")).unwrap();
        }
        if let Ok(r) = asm.finish() {
            let v = verify(&r);
            assert_ne!(v.overall(), Overall::Valid, "element {} swapped", k + 1);
        }
    }
    // An entry named otherwise than `one` (a path, even) is read: the name is not signed
    // and nothing is written anywhere; an archive of no entry is refused.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "../../etc/passwd",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    let doc = output_document("REQ-7", "Құлжанова Әлия");
    w.write_all(&doc).unwrap();
    let renamed = w.finish().unwrap().into_inner();
    let r = assemble(&renamed, "REQ-7").unwrap();
    assert_eq!(r.document, doc);
    let empty = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()))
        .finish()
        .unwrap()
        .into_inner();
    assert!(assemble(&empty, "REQ-7").is_err());
}

// ---------------------------------------------------------------------------------------
// The request condition served: `/v1/verify` with a profile

/// Found by review 33 (was a defect: a claimed time judged as a vouched one, under a
/// profile only). Attack: the
/// applicant's certificate `revoked.cer` (IIN 123456789011) is on the CA's current CRL for
/// keyCompromise (revoked 2026-06-01, invalidityDate 2026-05-28). The applicant signs its
/// request with a signingTime of 2026-04-30 and the provider's system, as the route's
/// documentation has it, passes the document's own time as `at` (2026-05-01): "the time a
/// request names: a claim, judged as one checked at the server's clock
/// (`TimeSource::Claimed`: a revocation that may hide a compromise counts whenever
/// dated)".
///
/// What the service does: without a profile `/v1/verify` judges the claim as the module
/// documentation says (`Identity::expectation` sets `TimeSource::Claimed`): invalid. With
/// `"profile"`, `under_profile` (src/server/native.rs) passes only `expect.at` to
/// `check_request` / `check_signed_request`, which build `VerifyOptions::at(at)`
/// (src/profiles/request/judge.rs `judge_cms`, signed.rs `judge_xml`): the claimed time
/// is judged as the caller's own, the CRL (issued after it) proves the certificate
/// unrevoked at 2026-05-01, and the request condition answers VALID.
///
/// Correct answer: invalid. Condition 2 of every regulation checks "the absence of the
/// registration certificate from the list of revoked certificates" ("ЭЦҚ тіркеу
/// куәлігінің ... кері қайтарып алынған тізімде жоқтығын") when the request is served; a
/// key revoked for compromise may have made a back-dated request at any time, which is
/// why the same route without a profile refuses it. Fix: let the request condition take
/// the time's source (an `Expectation`, or a `TimeSource` beside `at`) and pass the
/// route's `expect` whole; `check_request(.., at)` then means `TimeSource::Given`.
#[test]
fn a_profile_judges_a_claimed_time_as_a_claim() {
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let c = cert("revoked");
    let req = SignRequest::new(&c, common::time("2026-04-30T10:00:00Z"));
    let cms = b64(&sign(REQUEST, &req, &key("revoked")).unwrap());
    let claimed = "2026-05-01T00:00:00Z";

    // Without a profile: the claim is judged as a claim, the compromise counts.
    let (status, plain) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "iin": APPLICANT_IIN, "at": claimed}).to_string(),
    );
    assert_eq!(status, 200, "{plain}");
    assert_eq!(plain["verdict"]["verdict"], "invalid", "{plain:#}");

    // At the server's own time (no `at`), under the profile: refused (the control).
    let (_, now) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "iin": APPLICANT_IIN,
            "profile": "kokpekti-unemployment-certificate"})
        .to_string(),
    );
    assert_eq!(now["verdict"]["verdict"], "invalid", "{now:#}");

    // The same claim under the profile.
    let (status, profiled) = service.post(
        "/v1/verify",
        &serde_json::json!({"cms": cms, "iin": APPLICANT_IIN, "at": claimed,
            "profile": "kokpekti-unemployment-certificate"})
        .to_string(),
    );
    assert_eq!(status, 200, "{profiled}");
    eprintln!(
        "under the profile, at the claimed time: {}",
        profiled["verdict"]["verdict"]
    );
    assert_eq!(
        profiled["verdict"]["verdict"], "invalid",
        "a certificate revoked for keyCompromise passed condition 2 under a profile at a claimed earlier time: {profiled:#}"
    );
}

/// The barcode route keeps the claim a claim: codes of an output document signed with the
/// key revoked for compromise (`revoked.cer`), judged at a claimed time before the
/// revocation, are not valid (the control of the profile defect above: the same time
/// source, kept here).
#[test]
fn held_the_barcode_route_judges_a_claimed_time_as_a_claim() {
    let service = common::service::Service::start(common::rsa_verifier(), "2026-11-23T00:00:00Z");
    let doc = output_document_by("revoked", "REQ-33", "Құлжанова Әлия");
    let set = barcode::encode(&doc, &barcode::EncodeOptions::new("REQ-33", created())).unwrap();
    let (status, r) = service.post(
        "/v1/barcode/verify",
        &serde_json::json!({"codes": set.xml(), "at": "2026-05-01T00:00:00Z", "bin": "020240000041"}).to_string(),
    );
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["verdict"]["verdict"], "invalid", "{r:#}");
    // Revoked (and, since review 51, a private person's signature besides).
    assert_eq!(
        r["verdict"]["refusal"]["failed"][0],
        serde_json::json!("revocation"),
        "{r:#}"
    );
    // The provider's head's codes at the same claimed time: valid (the control).
    let doc = output_document("REQ-33", "Құлжанова Әлия");
    let set = barcode::encode(&doc, &barcode::EncodeOptions::new("REQ-33", created())).unwrap();
    let (_, r) = service.post(
        "/v1/barcode/verify",
        &serde_json::json!({"codes": set.xml(), "at": "2026-11-22T12:00:00Z", "bin": "020240000041"}).to_string(),
    );
    assert_eq!(r["verdict"]["verdict"], "valid", "{r:#}");
}
