//! Review 35 (hostile): resource bombs, per request and per input.
//!
//! Attacked: the work a signed document makes the verifier do that no meter counts, and
//! the routes' bodies. Read first: `ber_bombs`, `cms_bombs`, `xmldsig_bombs`, `security`,
//! `server_review`, `keys_review27`, `review33`, `src/work.rs`, `src/limits.rs`. Looked at
//! and found bounded (no test where an earlier one covers it): the image scanner (pixel
//! bounds before decoding, the decoder's allocation limit, zune-jpeg's 100-scan cap, the
//! detector's work meter), the PKCS#12 KDF charges, `/x509/info` (64 certificates, the
//! verifier's own intermediates), `/jwt/decode` (64 KiB), the verifier's caches (cleared
//! at their bounds), name constraints (refused outright).
//!
//! Findings (the work is counted from the verdicts, never timed):
//! * `pdf_signatures_hash_the_file_once_per_digest_algorithm_uncharged` (fixed: each
//!   further pass over the content is charged as re-hashed bytes): a CMS
//!   hashes its content once per distinct digest algorithm its SignerInfos name
//!   (`cms::verify::Digests`, reached from `message_digest_check`), and nothing charges
//!   those passes: the per-document meter counts only a message hashed *again* for a
//!   further key (`Document::verify`). Eight algorithms are accepted for a messageDigest
//!   (SHA-224/256/384/512, Streebog-256/512, GOST R 34.11-94 with either parameter set;
//!   `algorithms::hash_acceptable` refuses SHA-1 only), so one SignerInfo per algorithm
//!   makes the content hashed eight times, whatever `Limits` says, before any key is
//!   looked at (no certificate is needed). A PDF multiplies it again: `pades::verify`
//!   judges up to 16 `/ByteRange`s (`MAX_SIGNATURES`), each a CMS over (nearly) the whole
//!   file, each with its own digests. One file within every bound is hashed 128 times,
//!   half of the passes with the software GOST hashes (in this debug build some 1 MB/s:
//!   a 370 KB file took 52 s); through `/pdf/verify` (10 MB body, ~7.5 MB of PDF) that is
//!   about a gigabyte of hashing for one request, with `Limits` set to nothing.
//! * `pdf_signatures_each_get_a_whole_document_budget` (fixed: one meter for the file,
//!   `PdfVerdict::work`): each of a PDF's 16
//!   signatures is a document with a meter of its own, so one file does 16 times the
//!   `Limits::document_signatures` (and path steps, and re-hashed bytes) the caller set
//!   for a document: 128 RSA verifications under a budget of 8 here, up to 16,000 at
//!   the defaults (a 64 MB PDF holds 16 CMSs of 1,000 certificates each); `PdfVerdict`
//!   reports no work at all.
//! * `xml_keyinfo_trial_verifications_are_uncharged` (fixed: each trial is charged to the
//!   document's meter): an XML signature is tried
//!   against each of its KeyInfo's certificates (`xmldsig::judge::signed_info_signer`)
//!   with no meter at all: 64 signatures x 16 certificates = 1,024 public-key
//!   verifications per document with `document_signatures = 0`, on `/xml/verify` and
//!   `/wsse/verify`.
//! * `xml_signers_each_get_a_whole_document_budget` (fixed: the signers share the
//!   document's meter): each XML signer's
//!   certificate condition gets a fresh document meter (`Verifier::check_certificate_with`,
//!   called per signature from `xmldsig::judge::condition`), so a document of 64
//!   signatures gets 64 `document_signatures` budgets: two genuine signers verify valid
//!   under the budget one of them alone needs (2), where their work is 3.
//! * `a_large_certificate_is_rehashed_per_issuer_candidate_uncharged` (fixed: a signed
//!   part hashed again for a further candidate is charged as re-hashed bytes): path
//!   building verifies a certificate's signature with each issuer candidate
//!   (`chain::SignatureCache::check` calls `signature::verify` over the whole signed
//!   part), each charged as one signature verification and no bytes: a signer
//!   certificate of 256 KiB tried against 25 candidates is hashed 25 times with
//!   `rehashed_bytes` one certificate's worth (at the defaults, a 1 MiB certificate a
//!   thousand times). A CRL's signed part verified again is charged
//!   (`CrlStore::signed_by_metered`); a certificate's is not.
//! * Every `held_*` test is an attack the service withstood: hostile JSON bodies (deep
//!   nesting, a million numbers, megabytes of escapes) are a 4xx on every POST route; a
//!   PDF with one `/ByteRange` over the cap is judged not at all; a KeyInfo over its
//!   certificate cap is refused before any trial.

mod common;

use common::forge::{oid, seq, tlv};
use qoltanba::cms::VerifyOptions;
use qoltanba::{CheckName, Judged as _, Limits, Outcome, Verifier};

const AT: &str = "2026-11-23T00:00:00Z";

/// Every digest algorithm a messageDigest is checked with (SHA-1 alone is refused).
const DIGESTS: [&str; 8] = [
    "2.16.840.1.101.3.4.2.4", // SHA-224
    "2.16.840.1.101.3.4.2.1", // SHA-256
    "2.16.840.1.101.3.4.2.2", // SHA-384
    "2.16.840.1.101.3.4.2.3", // SHA-512
    "1.2.643.7.1.1.2.2",      // Streebog-256
    "1.2.643.7.1.1.2.3",      // Streebog-512
    "1.2.643.2.2.9",          // GOST R 34.11-94 (CryptoPro parameters)
    "1.2.398.3.10.1.3.1",     // GOST 34.311-95 (the test parameters)
];

fn alg(dotted: &str) -> Vec<u8> {
    seq(&[&oid(dotted), &[0x05, 0x00]])
}

/// A detached SignedData with one SignerInfo per algorithm of `digests`: each with signed
/// attributes (contentType id-data, a one-byte messageDigest) and a one-byte RSA signature,
/// naming an issuer and serial no certificate has. Nothing in it verifies: it only names
/// hashes.
fn many_digest_cms(digests: &[&str]) -> Vec<u8> {
    let name = seq(&[&tlv(0x31, &seq(&[&oid("2.5.4.3"), &tlv(0x0c, b"nobody")]))]);
    let signer_infos: Vec<Vec<u8>> = digests
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let attrs = [
                seq(&[
                    &oid("1.2.840.113549.1.9.3"),
                    &tlv(0x31, &oid("1.2.840.113549.1.7.1")),
                ]),
                seq(&[&oid("1.2.840.113549.1.9.4"), &tlv(0x31, &tlv(0x04, &[0]))]),
            ]
            .concat();
            seq(&[
                &tlv(0x02, &[1]),
                &seq(&[&name, &tlv(0x02, &[1, i as u8 + 1])]),
                &alg(d),
                &tlv(0xa0, &attrs),
                &alg("1.2.840.113549.1.1.1"),
                &tlv(0x04, &[0x5a]),
            ])
        })
        .collect();
    let digest_algorithms: Vec<Vec<u8>> = digests.iter().map(|d| alg(d)).collect();
    let signed_data = seq(&[
        &tlv(0x02, &[1]),
        &tlv(0x31, &digest_algorithms.concat()),
        &seq(&[&oid("1.2.840.113549.1.7.1")]),
        &tlv(0x31, &signer_infos.concat()),
    ]);
    seq(&[&oid("1.2.840.113549.1.7.2"), &tlv(0xa0, &signed_data)])
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// A PDF of about `filler` bytes holding `signatures` signature dictionaries, each a
/// `/ByteRange` over the whole file but its own `/Contents`, each `/Contents` holding
/// `cms`. The ranges are written ten digits wide, then filled.
fn pdf_bomb(filler: usize, signatures: usize, cms: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n%".to_vec();
    // Filler in a comment: no keyword of the reader in it.
    for i in 0..filler {
        pdf.push(if i % 80 == 79 { b'\n' } else { b'x' });
    }
    pdf.extend_from_slice(b"\n");
    let contents = format!("<{}>", hex(cms));
    // (where the /ByteRange array starts, where the gap starts, where it ends)
    let mut slots = Vec::new();
    for i in 0..signatures {
        pdf.extend_from_slice(format!("{} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange ", i + 1).as_bytes());
        let range_at = pdf.len();
        pdf.extend_from_slice(b"[0000000000 0000000000 0000000000 0000000000]");
        pdf.extend_from_slice(b" /Contents ");
        let gap = pdf.len();
        pdf.extend_from_slice(contents.as_bytes());
        slots.push((range_at, gap, pdf.len()));
        pdf.extend_from_slice(b" >>\nendobj\n");
    }
    pdf.extend_from_slice(b"%%EOF\n");
    let len = pdf.len();
    for (range_at, b, c) in slots {
        let range = format!("[{:010} {:010} {:010} {:010}]", 0, b, c, len - c);
        pdf[range_at..range_at + range.len()].copy_from_slice(range.as_bytes());
    }
    pdf
}

/// Limits that allow no work at all beyond what is free.
fn nothing() -> Limits {
    let mut l = Limits::default();
    l.path_signatures = 0;
    l.path_build_calls = 0;
    l.document_signatures = 0;
    l.document_path_steps = 0;
    l.document_rehashed_bytes = 0;
    l.token_signatures = 0;
    l.token_path_steps = 0;
    l.token_rehashed_bytes = 0;
    l
}

fn verifier(limits: Limits) -> Verifier {
    Verifier::builder()
        .trust_path(common::pki("root.cer"))
        .expect("root.cer")
        .intermediate_path(common::pki("nca_rsa.cer"))
        .expect("nca_rsa.cer")
        .limits(limits)
        .build()
}

/// The attack: a PDF of 16 signatures (some 30 KB), each a CMS naming the eight hashes.
/// What happens: every signature's content (the whole file less its /Contents) is hashed
/// with each of the eight algorithms (the messageDigest checks report the eight digests
/// computed), and the CMS's work report says no byte was hashed again: 128 passes over
/// the file with `Limits` allowing no work at all. The correct behaviour: every pass over
/// the signed content beyond a document's first is charged to the document's meter
/// (`document_rehashed_bytes`, or a per-file budget the signatures of one PDF share), so
/// that a cap refuses it (the check unknown, naming the limit) instead of doing it; the
/// bound that should apply is `Limits::document_rehashed_bytes`, here 0.
/// Found by review 35 (was a defect).
#[test]
fn pdf_signatures_hash_the_file_once_per_digest_algorithm_uncharged() {
    let cms = many_digest_cms(&DIGESTS);
    let pdf = pdf_bomb(1024, qoltanba::pades::limits::MAX_SIGNATURES, &cms);
    assert!(pdf.len() < qoltanba::pades::limits::MAX_PDF_LEN);
    let v = verifier(nothing());
    let options = VerifyOptions::at(common::time(AT));
    let started = std::time::Instant::now();
    let verdict = qoltanba::pades::verify(&pdf, &v, &options).expect("a verdict");
    eprintln!(
        "{} bytes, {} signatures judged in {:?}",
        pdf.len(),
        verdict.signatures().len(),
        started.elapsed()
    );
    assert_eq!(
        verdict.signatures().len(),
        qoltanba::pades::limits::MAX_SIGNATURES
    );
    let mut hashed_total = 0usize;
    let mut charged_total = 0usize;
    for s in verdict.signatures() {
        assert!(s.covers_whole_file());
        let cms = s.cms().expect("the CMS was read");
        let [_, b, c, d] = s.byte_range();
        let content_len = (b + d) as usize;
        assert!(c > b);
        // A messageDigest check that names the digest of the content computed it.
        let computed = cms
            .signers()
            .iter()
            .filter_map(|si| si.check(CheckName::MessageDigest))
            .filter(|c| c.outcome() == Outcome::Failed && c.reason().contains("of the content is"))
            .count();
        // Every other one was refused by the budget: unknown, naming the limit. (Before the
        // fix all eight were computed; a check refused hashes nothing, so it is not counted
        // as a pass, and every signer's check is one or the other.)
        let refused = cms
            .signers()
            .iter()
            .filter_map(|si| si.check(CheckName::MessageDigest))
            .filter(|c| {
                c.outcome() == Outcome::Unknown
                    && c.exhausted() == Some(qoltanba::Exhausted::DocumentRehashedBytes)
            })
            .count();
        assert!(computed >= 1, "{:#?}", cms.signers()[0].checks());
        assert_eq!(
            computed + refused,
            DIGESTS.len(),
            "{:#?}",
            cms.signers()[0].checks()
        );
        assert_ne!(cms.overall(), qoltanba::Overall::Valid);
        let hashed = computed * content_len;
        let charged = cms.work().rehashed_bytes();
        hashed_total += hashed;
        charged_total += charged;
    }
    eprintln!(
        "hashed {hashed_total} bytes of signed content ({}x the file), charged {charged_total}",
        hashed_total / pdf.len()
    );
    assert_eq!(verdict.work().rehashed_bytes(), charged_total);
    // The route takes the same file as it is (a 10 MB body is about 7.5 MB of PDF: 128
    // passes over it are about a gigabyte of hashing for one request).
    let service = common::service::Service::start(verifier(nothing()), AT);
    let body = serde_json::json!({ "pdf": b64(&pdf) }).to_string();
    let (status, answer) = service.post("/pdf/verify", &body);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["signers"].as_array().map(Vec::len),
        Some(qoltanba::pades::limits::MAX_SIGNATURES),
        "{answer}"
    );
    // The safe answer: what is hashed beyond one pass per signature is charged (and so,
    // under these limits, refused).
    let free = verdict.signatures().len() * pdf.len();
    assert!(
        hashed_total <= free + charged_total,
        "{hashed_total} bytes hashed, {free} allowed free, {charged_total} charged"
    );
}

/// The genuine detached signature of `individual_sign.cer` (signed attributes with
/// signingCertificateV2) over `content`.
fn genuine_detached(content: &[u8]) -> Vec<u8> {
    let pki = |name: &str| std::fs::read(common::pki(name)).unwrap();
    let cert = qoltanba::Certificate::from_input(&pki("individual_sign.cer")).unwrap();
    let key =
        qoltanba::keys::SigningKey::from_pkcs8(&pki("individual_sign.key.pem"), None).unwrap();
    qoltanba::cms::sign(
        content,
        &qoltanba::cms::SignRequest::new(&cert, common::time("2026-11-22T09:30:00Z"))
            .detached(true),
        &key,
    )
    .unwrap()
}

/// `cert` with another RSA modulus: `n` distinct copies with the same issuer, serial and
/// subject, each a key of its own (as `cms_bombs` makes them): every signature check
/// against one is a full RSA operation that fails.
fn with_other_keys(cert: &[u8], n: usize) -> Vec<Vec<u8>> {
    let spki = common::forge::Tbs::of(cert).spki;
    let at = cert
        .windows(spki.len())
        .position(|w| w == spki.as_slice())
        .expect("SPKI in the certificate");
    let modulus_end = at + spki.len() - 5;
    assert_eq!(&cert[modulus_end..modulus_end + 5], &[2, 3, 1, 0, 1]);
    (1..=n)
        .map(|i| {
            let mut d = cert.to_vec();
            d[modulus_end - 40] ^= (i & 0xff) as u8;
            d[modulus_end - 41] ^= (i >> 8) as u8 + 1;
            qoltanba::Certificate::from_der(&d).expect("still a certificate");
            d
        })
        .collect()
}

/// `cms` (a ContentInfo of SignedData: version, digests, content, [0] certificates,
/// signers) with `extra` certificates after its own and, if `spoil_signature`, its
/// signer's signature value changed, so that no candidate proves it and each is tried.
fn with_candidates(cms: &[u8], extra: &[Vec<u8>], spoil_signature: bool) -> Vec<u8> {
    use common::forge::{children, content, replace_at};
    let signed_data = children(children(cms)[1])[0];
    let f = children(signed_data);
    assert_eq!((f.len(), f[3][0]), (5, 0xa0));
    let mut certificates: Vec<Vec<u8>> = children(f[3]).iter().map(|c| c.to_vec()).collect();
    certificates.extend(extra.iter().cloned());
    let signer = children(f[4])[0];
    let mut value = content(children(signer)[5]).to_vec();
    if spoil_signature {
        value[7] ^= 1;
    }
    let signer = replace_at(signer, &[5], &tlv(0x04, &value));
    let signed_data = seq(&[
        f[0],
        f[1],
        f[2],
        &tlv(0xa0, &certificates.concat()),
        &tlv(0x31, &signer),
    ]);
    seq(&[children(cms)[0], &tlv(0xa0, &signed_data)])
}

/// The attack: a PDF of 16 signature dictionaries, each holding the same CMS: a genuine
/// signed one whose signature value no longer holds, carrying 24 certificates with its
/// signer's issuer and serial (each a different RSA key), verified by a service whose
/// `Limits` allow one document 8 signature verifications (`document_signatures = 8`).
/// What happens: every `/ByteRange` is judged as a document of its own, with a meter of
/// its own (`pades::judge` calls `SignedData::verify_detached` per signature), so each
/// spends the whole budget on the candidates and the file as a whole does 16 times what
/// the caller allowed one document: 128 RSA verifications here, up to 16,000 at the
/// default limits (16 CMSs of 1,000 candidate certificates fit the 64 MB PDF bound) (and, with 64 time-stamp tokens in each CMS, 16 x 64 x `token_signatures`
/// more). `PdfVerdict` reports no work at all.
/// The correct behaviour: the signatures of one file share one document's meter, as the
/// signatures of one XML document do (`Limits::document_rehashed_bytes`: "every
/// signature, every Reference"), or a per-file budget is stated and bounded; the bound
/// that should apply is `Limits::document_signatures` for the file.
/// Found by review 35 (was a defect).
#[test]
fn pdf_signatures_each_get_a_whole_document_budget() {
    let genuine = genuine_detached(b"a PDF signature over other bytes");
    let signer = std::fs::read(common::pki("individual_sign.cer")).unwrap();
    let signer = qoltanba::Certificate::from_input(&signer).unwrap();
    let cms = with_candidates(&genuine, &with_other_keys(signer.der(), 24), true);
    let pdf = pdf_bomb(64, qoltanba::pades::limits::MAX_SIGNATURES, &cms);
    let mut limits = Limits::default();
    limits.document_signatures = 8;
    let v = Verifier::builder()
        .trust_path(common::pki("root.cer"))
        .expect("root.cer")
        .intermediate_path(common::pki("nca_rsa.cer"))
        .expect("nca_rsa.cer")
        .crl_path(common::pki("nca_rsa_current.crl"))
        .expect("crl")
        .limits(limits)
        .build();
    let verdict =
        qoltanba::pades::verify(&pdf, &v, &VerifyOptions::at(common::time(AT))).expect("a verdict");
    assert_eq!(
        verdict.signatures().len(),
        qoltanba::pades::limits::MAX_SIGNATURES
    );
    let spent: Vec<usize> = verdict
        .signatures()
        .iter()
        .map(|s| {
            let cms = s.cms().expect("the CMS was read");
            assert_eq!(
                cms.work().exhausted(),
                Some(qoltanba::Exhausted::DocumentSignatures)
            );
            cms.work().signature_verifications()
        })
        .collect();
    let total: usize = spent.iter().sum();
    eprintln!("signature verifications per signature: {spent:?}, {total} in all");
    // The file reports the work of its signatures in all, and that its budget ran out.
    assert_eq!(verdict.work().signature_verifications(), total);
    assert_eq!(
        verdict.work().exhausted(),
        Some(qoltanba::Exhausted::DocumentSignatures)
    );
    // Each document keeps to the budget...
    assert!(spent.iter().all(|n| *n <= limits.document_signatures));
    // ...the safe answer: the file's signature verifications within the caller's budget.
    assert!(
        total <= limits.document_signatures,
        "one PDF caused {total} signature verifications under document_signatures = {}",
        limits.document_signatures
    );
}

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// An enveloped `ds:Signature` over `canonical` (the document without its signatures,
/// whose digest its one Reference carries, so the Reference holds), RSA-SHA256, a
/// SignatureValue of the key's full length that does not verify, and `certs` copies of
/// `individual_sign.cer` in its KeyInfo.
fn xml_signature(canonical: &[u8], certs: usize) -> String {
    use base64::Engine as _;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let d = b64(&qoltanba::hazmat::digest(qoltanba::HashAlgorithm::Sha256, canonical).unwrap());
    let cert = b64(&std::fs::read(common::pki("individual_sign.cer")).unwrap());
    let data: String = (0..certs)
        .map(|_| format!("<ds:X509Certificate>{cert}</ds:X509Certificate>"))
        .collect();
    format!(
        "<ds:Signature xmlns:ds=\"{DS}\"><ds:SignedInfo>\
         <ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>\
         <ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\
         <ds:Reference URI=\"\"><ds:Transforms>\
         <ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\
         </ds:Transforms>\
         <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
         <ds:DigestValue>{d}</ds:DigestValue></ds:Reference></ds:SignedInfo>\
         <ds:SignatureValue>{}</ds:SignatureValue>\
         <ds:KeyInfo><ds:X509Data>{data}</ds:X509Data></ds:KeyInfo></ds:Signature>",
        b64(&[1u8; 256])
    )
}

/// Signers of `v` whose signature was tried against every KeyInfo certificate and held
/// with none.
fn tried_every_candidate(v: &qoltanba::xmldsig::XmlVerdict) -> usize {
    v.signers()
        .iter()
        .filter_map(|s| s.check(CheckName::Signature))
        .filter(|c| {
            c.outcome() == Outcome::Failed
                && c.reason()
                    .contains("does not verify with any certificate of KeyInfo")
        })
        .count()
}

/// The attack: an XML document of `signatures` enveloped signatures (the parser reads 64),
/// each with 16 certificates in its KeyInfo (the most read) and a SignatureValue that
/// none of them verifies (the same certificate 16 times: no result is reused).
/// What happens: `signed_info_signer` (src/xmldsig/judge.rs) verifies each signature with
/// each KeyInfo key, and nothing counts these verifications: XML has no signature meter
/// (only `document_rehashed_bytes` is shared by the document's signatures,
/// `xmldsig::verify`), so with `Limits` allowing no signature verification at all, 64 x 16
/// = 1,024 public-key operations are done per document and each signer reported as
/// "does not verify with any certificate of KeyInfo". With GOST keys (the NCA's) each
/// trial is a software elliptic-curve verification; the routes are `/xml/verify` and
/// `/wsse/verify`. (The certificate condition of each signer then gets a
/// whole document's meter of its own, `Verifier::check_certificate_with`: 64 document
/// budgets for one document.)
/// The correct behaviour: the trial verifications are charged to one meter the
/// document's signatures share (`Limits::document_signatures`, as a CMS's candidate
/// certificates are, `cms::verify::Document::verify`), and what the budget refuses is
/// unknown (exhausted); the growth was signatures x candidates, shown at 2 and 8
/// signatures (32 and 128 trials; now none, each signer unknown for the budget).
///
/// Found by review 35 (was a defect).
#[test]
fn xml_keyinfo_trial_verifications_are_uncharged() {
    let body = "<v>signed data</v>";
    let canonical = format!("<doc>{body}</doc>");
    // No signature verification allowed; the References' bytes as by default.
    let mut limits = nothing();
    limits.document_rehashed_bytes = Limits::default().document_rehashed_bytes;
    let v = verifier(limits);
    let at = common::time(AT);
    let mut done = Vec::new();
    for signatures in [2usize, 8] {
        let sig = xml_signature(canonical.as_bytes(), 16);
        let sigs: String = std::iter::repeat_n(sig.as_str(), signatures).collect();
        let xml = format!("<doc>{body}{sigs}</doc>");
        let verdict = qoltanba::xmldsig::verify(xml.as_bytes(), &v, &qoltanba::Expectation::at(at))
            .expect("a verdict");
        assert_eq!(verdict.signers().len(), signatures);
        // Each such signer cost 16 RSA verifications.
        let verifications = tried_every_candidate(&verdict) * 16;
        eprintln!(
            "{signatures} signatures: {verifications} RSA verifications, document_signatures = 0"
        );
        done.push(verifications);
        // What the budget refused is unknown and names the limit, never failed or valid.
        for signer in verdict.signers() {
            let c = signer
                .check(CheckName::Signature)
                .expect("a signature check");
            assert_eq!(c.outcome(), Outcome::Unknown, "{c:?}");
            assert_eq!(
                c.exhausted(),
                Some(qoltanba::Exhausted::DocumentSignatures),
                "{c:?}"
            );
        }
        assert_eq!(verdict.overall(), qoltanba::Overall::Indeterminate);
    }
    // The route judges the parser's most (64 signatures, 1,024 trials) the same way.
    let sig = xml_signature(canonical.as_bytes(), 16);
    let sigs: String = std::iter::repeat_n(sig.as_str(), 64).collect();
    let xml = format!("<doc>{body}{sigs}</doc>");
    let service = common::service::Service::start(verifier(limits), AT);
    let (status, answer) = service.post(
        "/xml/verify",
        &serde_json::json!({ "xml": xml }).to_string(),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["valid"], false, "{answer}");
    // The safe answer: no verification beyond the caller's budget (here none).
    assert!(
        done.iter().all(|n| *n <= limits.document_signatures),
        "{done:?} signature verifications under document_signatures = 0"
    );
}

/// Every POST route of the service.
const POST_ROUTES: [&str; 19] = [
    "/x509/info",
    "/x509/verify",
    "/cms/verify",
    "/cms/sign",
    "/cms/sign/add",
    "/cms/extract",
    "/xml/verify",
    "/xml/sign",
    "/wsse/sign",
    "/wsse/verify",
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

/// JSON bodies built to exhaust a parser: 200,000 nested arrays (in a field and as the
/// whole body), a field holding 1,000,000 numbers where a string is expected, and a
/// two strings of 4 MB of escapes each. Each route answers a 4xx, never a 5xx, and the service
/// stays up.
#[test]
fn held_hostile_json_bodies_are_refused_on_every_route() {
    let service = common::service::Service::start(verifier(Limits::default()), AT);
    let depth = 200_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let numbers = format!("[{}1]", "1,".repeat(1_000_000));
    let escapes = format!("\"{}\"", "\\u0000".repeat(700_000));
    let bodies = [
        nested.clone(),
        format!("{{\"pdf\":{nested},\"cms\":{nested},\"certs\":{nested},\"jwt\":{nested}}}"),
        format!("{{\"certs\":{numbers},\"codes\":{numbers},\"keys\":{numbers}}}"),
        format!("{{\"xml\":{escapes},\"payload\":{escapes}}}"),
    ];
    for route in POST_ROUTES {
        for (i, body) in bodies.iter().enumerate() {
            let (status, answer) = service.post(route, body);
            assert!(
                (400..500).contains(&status),
                "{route}, body #{i}: {status} {answer}"
            );
        }
    }
    let (status, _) = service.post("/x509/info", "{\"certs\":[]}");
    assert_eq!(status, 400, "the service still answers");
}

/// A PDF of 17 `/ByteRange`s (one more than are judged), each a CMS naming the eight
/// hashes: none is judged, so nothing is hashed (no CMS verdict).
#[test]
fn held_a_pdf_over_the_signature_count_is_judged_not_at_all() {
    let cms = many_digest_cms(&DIGESTS);
    let pdf = pdf_bomb(64, qoltanba::pades::limits::MAX_SIGNATURES + 1, &cms);
    let verdict = qoltanba::pades::verify(
        &pdf,
        &verifier(Limits::default()),
        &VerifyOptions::at(common::time(AT)),
    )
    .expect("a verdict");
    assert!(verdict.signatures().is_empty());
    assert_eq!(verdict.overall(), qoltanba::Overall::Indeterminate);
    assert_eq!(
        verdict.check(CheckName::Signers).map(|c| c.outcome()),
        Some(Outcome::Unknown)
    );
}

/// A KeyInfo of 17 certificates (one over the cap) is refused before any trial: the bound
/// on one signature's candidates holds (it is their product with the signatures that is
/// not charged, `xml_keyinfo_trial_verifications_are_uncharged`, found by review 35).
#[test]
fn held_a_keyinfo_over_its_certificate_cap_is_refused_before_any_trial() {
    let body = "<v>signed data</v>";
    let canonical = format!("<doc>{body}</doc>");
    let xml = format!(
        "<doc>{body}{}</doc>",
        xml_signature(canonical.as_bytes(), 17)
    );
    let verdict = qoltanba::xmldsig::verify(
        xml.as_bytes(),
        &verifier(Limits::default()),
        &qoltanba::Expectation::at(common::time(AT)),
    )
    .expect("a verdict");
    assert_eq!(tried_every_candidate(&verdict), 0);
    let refused = verdict.signers()[0]
        .check(CheckName::SignerCertificate)
        .expect("the signer certificate check");
    assert_eq!(refused.outcome(), Outcome::Unknown, "{refused:?}");
    assert!(
        refused.reason().contains("more than 16 certificates"),
        "{refused:?}"
    );
}

/// `individual_sign.cer` re-issued by the project's NCA RSA CA with a non-critical
/// extension of `pad` bytes (its signed part is that much longer), its signature value
/// then spoilt: no issuer key verifies it, so path building tries every candidate.
fn padded_signer_certificate(pad: usize) -> Vec<u8> {
    use common::forge::{children, ext, Ca};
    let template = std::fs::read(common::pki("individual_sign.cer")).unwrap();
    let ca = Ca::nca_rsa();
    let mut der = ca.reissue(&template, |tbs| {
        let mut exts: Vec<Vec<u8>> = children(children(&tbs.extensions)[0])
            .iter()
            .map(|e| e.to_vec())
            .collect();
        let padding = vec![0x55u8; pad];
        // A private OID, not critical: read past.
        exts.push(ext(
            &oid("1.3.6.1.4.1.55555.35.1")[2..],
            false,
            &tlv(0x04, &padding),
        ));
        tbs.extensions = tlv(0xa3, &seq(&[&exts.concat()]));
    });
    let last = der.len() - 1;
    der[last] ^= 0x01;
    der
}

/// The attack: a CMS whose signer's certificate carries 256 KiB of extension (within
/// `MAX_CERT_DER_LEN`, 1 MiB) and a signature no key verifies, and 24 certificates
/// named as its issuer (the NCA CA's name and key identifier, each a different key).
/// What happens: path building verifies the certificate's signature with each
/// candidate (`chain::SignatureCache::check`), hashing its 256 KiB signed part once per
/// candidate, and charges each as one signature verification only: 25 hashes of the
/// signed part, `rehashed_bytes` a single certificate's worth (the ESS binding's). At the
/// defaults a document may do 1,000 such verifications, so a 1 MiB certificate is hashed
/// a thousand times (a GOST certificate with the software GOST hash) while
/// `document_rehashed_bytes` says otherwise. A CRL's signed part verified again for a
/// further signer key *is* charged (`CrlStore::signed_by_metered`: `rehashed`).
/// The correct behaviour: a certificate's signed part hashed again for a further issuer
/// key is charged to the document's `document_rehashed_bytes` (or hashed once per hash
/// algorithm and verified prehashed, as a large CRL is); the bound that should apply is
/// `Limits::document_rehashed_bytes`.
///
/// Found by review 35 (was a defect).
#[test]
fn a_large_certificate_is_rehashed_per_issuer_candidate_uncharged() {
    let pad = 256 * 1024;
    let big = padded_signer_certificate(pad);
    let cert = qoltanba::Certificate::from_der(&big).expect("a certificate");
    let tbs_len = common::forge::children(&big)[0].len();
    let pki = |name: &str| std::fs::read(common::pki(name)).unwrap();
    let key =
        qoltanba::keys::SigningKey::from_pkcs8(&pki("individual_sign.key.pem"), None).unwrap();
    let genuine = qoltanba::cms::sign(
        b"signed content",
        &qoltanba::cms::SignRequest::new(&cert, common::time("2026-11-22T09:30:00Z")),
        &key,
    )
    .unwrap();
    let ca = qoltanba::Certificate::from_input(&pki("nca_rsa.cer")).unwrap();
    let cms = with_candidates(&genuine, &with_other_keys(ca.der(), 24), false);
    let signed = qoltanba::cms::SignedData::from_input(&cms).expect("a CMS");
    let verdict = signed.verify(
        &verifier(Limits::default()),
        &VerifyOptions::at(common::time(AT)),
    );
    let work = verdict.work();
    // The signer's signature over its signed attributes, then the chain's trials.
    let trials = work.signature_verifications() - 1;
    eprintln!(
        "{trials} verifications of a {tbs_len}-byte signed part; rehashed_bytes {}",
        work.rehashed_bytes()
    );
    assert!(trials >= 24, "every candidate tried: {trials}");
    assert_ne!(verdict.overall(), qoltanba::Overall::Valid);
    // The safe answer: each hash of the signed part beyond the first is charged.
    assert!(
        work.rehashed_bytes() >= (trials - 1) * tbs_len,
        "{} bytes hashed again, {} charged",
        (trials - 1) * tbs_len,
        work.rehashed_bytes()
    );
}

/// `xml` signed (enveloped, one more signature) by the project PKI's `who`.
fn xml_signed_by(xml: &[u8], who: &str) -> Vec<u8> {
    let pki = |name: String| std::fs::read(common::pki(&name)).unwrap();
    let cert = qoltanba::Certificate::from_input(&pki(format!("{who}.cer"))).unwrap();
    let key = qoltanba::keys::SigningKey::from_pkcs8(&pki(format!("{who}.key.pem")), None).unwrap();
    qoltanba::xmldsig::sign(xml, &cert, &key).expect("signed")
}

/// The smallest `document_signatures` under which `xml` verifies valid (fresh verifiers:
/// nothing cached from an earlier run).
fn smallest_budget(xml: &[u8]) -> usize {
    (0..64)
        .find(|&k| {
            let mut limits = Limits::default();
            limits.document_signatures = k;
            qoltanba::xmldsig::verify(
                xml,
                &common::rsa_verifier_limited(limits),
                &qoltanba::Expectation::at(common::time(AT)),
            )
            .expect("a verdict")
            .is_valid()
        })
        .expect("valid under some budget")
}

/// The attack: an XML document of several signatures (Kalkan's multi-signature form, up
/// to 64), each signer's certificate needing its own path and revocation work.
/// What happens: each signer's certificate condition is judged with a fresh document
/// meter (`Verifier::check_certificate_with` makes one per call, from
/// `xmldsig::judge::condition`), so the document as a whole gets one
/// `Limits::document_signatures` per signature: two genuine signers (different
/// certificates under the NCA CA) verify valid under the budget that one of them alone
/// needs; 64 signers with hostile KeyInfo piles (15 certificates offered as
/// intermediates each) get 64 budgets.
/// The correct behaviour: the document's signatures share one meter (as they share
/// `document_rehashed_bytes`), so the second signer's work is refused once the first has
/// spent the budget (its chain unknown, the limit named); the bound that should apply is
/// `Limits::document_signatures` for the document.
///
/// Found by review 35 (was a defect).
#[test]
fn xml_signers_each_get_a_whole_document_budget() {
    let one = xml_signed_by(b"<doc><v>signed data</v></doc>", "individual_sign");
    let two = xml_signed_by(&one, "legal_sign");
    let for_one = smallest_budget(&one);
    let both = {
        let mut limits = Limits::default();
        limits.document_signatures = for_one;
        qoltanba::xmldsig::verify(
            &two,
            &common::rsa_verifier_limited(limits),
            &qoltanba::Expectation::at(common::time(AT)),
        )
        .expect("a verdict")
    };
    assert_eq!(both.signers().len(), 2);
    let alone = smallest_budget(&xml_signed_by(
        b"<doc><v>signed data</v></doc>",
        "legal_sign",
    ));
    eprintln!(
        "one signer needs {for_one} verifications, the other alone {alone}; both under {for_one}: {:?}",
        both.overall()
    );
    assert!(for_one > 0 && alone > 0);
    // The safe answer: two signers' work does not fit the budget one of them needs.
    assert!(
        !both.is_valid(),
        "two signers verified valid under the budget of one ({for_one} signature verifications)"
    );
}
