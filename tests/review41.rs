//! Review 41 (hostile; written as "review 39, key identity" beside review 39): what "the
//! same key" means where a key is distrusted for a possible compromise
//! (`src/revocation/status/key.rs`: `key_holders`, `key_verdict`; `src/chain/mod.rs`: `CertSet::by_key`), and today's changes read
//! (d6f90be: `key_holders` proves an intermediate only when not already counted: the same
//! holders in the same order; 7286ab6: `--fetch` proves a document's certificate issued
//! with the base verifier's anchors and intermediates: a path build reads no CRL, so
//! dropping the files' CRLs and OCSP responses changes nothing, the key policy is kept,
//! and the document's certificates are now offered after the operator's instead of before
//! them; 5659faa: the JWT module split, compared line by line: moved as it was).
//!
//! The rule under attack (README, `key.rs`): "a revocation for a compromise says the key is
//! lost, whichever certificate it names and under whatever name": every certificate offered
//! that carries the key is asked. The library identified a key by the SHA-256 of the
//! certificate's whole SubjectPublicKeyInfo *encoding* (`Certificate::spki_sha256`, before
//! the fix below), but it reads that SPKI leniently: for rsaEncryption the AlgorithmIdentifier's parameters are
//! never looked at (`PublicKey::from_spki_tlv` takes NULL, absent, or any element), and a
//! GOST key verifies by its curve whatever key OID (NCA 2015, TC26 2012, GOST 2001/2004) or
//! digest parameter set its SPKI names. One key thus has many SPKI encodings, each a
//! different "key" to `by_key`, to `key_holders` and to every `spki_sha256` comparison,
//! while every one of them verifies the same signatures.
//!
//! Findings (one cause, 2 tests, both fixed: each asserts the safe verdict):
//!
//! - A genuine certificate of the CA's key whose SPKI is encoded otherwise (the root's
//!   re-issue without the NULL parameters) is listed by the root for keyCompromise: the
//!   listing was never read against the CA's key, and a CRL signed with the lost key
//!   proved a certificate good (valid). The same re-issue with the CA's SPKI bytes: not
//!   valid.
//! - The same for OCSP: a response signed with the CA's lost key proved the certificate
//!   good (`ocsp_signer_distrust` asks the same `key_holders`): valid.
//!
//! Fixed, both ways the review proposed:
//! - a key is identified by what verifies with it, not by its encoding:
//!   `Certificate::key_id` (from `PublicKey::key_id`) is the SHA-256 of a canonical form,
//!   the algorithm family and the key's own value (RSA: modulus and exponent as minimal
//!   unsigned octets; GOST: the curve, not the key OID, and the point; EC: the curve and
//!   the uncompressed point; Ed25519: the key; anything else: the SPKI DER under a label
//!   of its own). Every former `spki_sha256` comparison uses it: `CertSet::by_key`,
//!   `key_holders`, `key_verdict`'s verdicts and anchor comparison, the OCSP responder's
//!   key and anchor comparisons, the CRL, path and CMS signature caches, XMLDSig's "key
//!   tried already" and the verifier's GOST key cache (equal identities verify alike);
//! - an rsaEncryption SPKI whose parameters are neither NULL nor absent (an INTEGER, an
//!   OID, a SEQUENCE) is no RSA key (RFC 3279 §2.3.1): it is read as an unsupported key,
//!   nothing it signs is valid (`premise_*` now shows this rule).
//!
//! Held: the same attacks with the SPKI bytes kept are refused (controls in each test). A
//! thief holding only the lost key gains nothing by the encoding alone: a self-issued
//! certificate of the CA's name carrying the key re-encoded, placed first in a document,
//! becomes the path issuer and its CRLs are relied on, but the CA above it in the path is
//! asked too and the root's listing of it refuses the path (not valid). The trick pays
//! only where a compromise listing names a certificate of the key outside the path.
//! The premise (`premise_*`): an rsaEncryption SPKI with its parameters absent, NULL, an
//! INTEGER, an OID or an empty SEQUENCE was read, and verified as the one key. Now NULL
//! and absent are one key, the others refused as RSA (see the test). Not tested here,
//! same cause, covered by the canonical identity (unit tests beside `PublicKey::key_id`):
//! a GOST key's SPKI is read by its first parameter OID only (a `{paramSet}` and a
//! `{paramSet, digestParamSet}` SEQUENCE, and the NCA 2015 / TC26 / GOST 2001 key OIDs,
//! are the same key to the verifier, and now one identity).
//!

mod common;

use common::evidence::*;
use common::forge::{self, children, int, seq, tlv, Ca, CrlSpec, Tbs};
use common::time;
use qoltanba::{Certificate, Judged as _, KeyAlgorithm, Overall, Verifier};

/// The CA's serial (nca_rsa.cer).
fn ca_serial() -> Vec<u8> {
    ca().serial().to_vec()
}

/// `spki` (rsaEncryption with NULL parameters) with the parameters left out: the same
/// RSA key, another encoding.
fn without_null(spki: &[u8]) -> Vec<u8> {
    let parts = children(spki);
    let alg = children(parts[0]);
    assert_eq!(alg.len(), 2, "rsaEncryption with parameters");
    assert_eq!(alg[1], &[0x05, 0x00], "NULL parameters");
    seq(&[&seq(&[alg[0]]), parts[1]])
}

/// The CA's SPKI as its certificate encodes it.
fn ca_spki() -> Vec<u8> {
    Tbs::of(ca().der()).spki
}

/// The root's CRL #4 (11-16..2027-01-01): `serial` revoked for keyCompromise since 06-01.
fn root_lists(serial: &[u8]) -> Vec<u8> {
    root().crl(
        &CrlSpec::complete(4, "261116000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            serial,
            "260601000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    )
}

/// A Name of one commonName.
fn name(cn: &str) -> Vec<u8> {
    seq(&[&tlv(
        0x31,
        &seq(&[&forge::oid("2.5.4.3"), &tlv(0x0c, cn.as_bytes())]),
    )])
}

/// Both SPKIs carry one key: two encodings, one key read from each.
fn same_key(a: &Certificate, b: &Certificate) {
    assert_ne!(
        Tbs::of(a.der()).spki,
        Tbs::of(b.der()).spki,
        "two encodings"
    );
    assert_eq!(
        a.public_key().key_bytes(),
        b.public_key().key_bytes(),
        "one key"
    );
}

// --- a genuine certificate of the key, its SPKI encoded otherwise ---------------------------

/// A genuine re-issue of the CA's key by the root's real key (serial 0dea, another
/// subject, 2024-06-01..2033-06-01, inside the root certificate's validity), its SPKI
/// `spki`.
fn reissue_with(spki: Vec<u8>) -> Certificate {
    let der = root().reissue(ca().der(), |t| {
        t.serial = int(&[0x0d, 0xea]);
        t.subject = name("Retired CA QOLTANBA TEST");
        t.validity("240601000000Z", "330601000000Z");
        t.spki = spki;
    });
    Certificate::from_der(&der).unwrap()
}

/// Attack: the root genuinely certified the CA's key twice, the second time (serial 0dea,
/// "Retired CA") with the SubjectPublicKeyInfo written without the NULL parameters of
/// rsaEncryption (another CA product, or a re-certification that re-encoded it: RFC 3279
/// says NULL, the library accepts both and anything else there). The root's CRL #4 lists
/// 0dea for keyCompromise since 2026-06-01: the CA's key is lost. A CRL signed with that
/// key (#10, omitting the target) is offered.
///
/// The library: `key_holders` (src/revocation/status/key.rs) looks for the key's other
/// certificates by `CertSet::by_key(spki_sha256)`, the hash of the SPKI's encoding: 0dea is
/// "another key", the listing is never read against the CA's key, and CRL #10 proves the
/// target good: valid. Control: the same re-issue carrying the CA's SPKI bytes counts
/// (not valid, as review 37's fix says).
///
/// Correct: not valid (indeterminate): the key is what is lost, whatever bytes a
/// certificate wraps it in. Now so: `key_holders` finds 0dea by the key's canonical
/// identity (`Certificate::key_id`), and its listing distrusts CRL #10.
///
/// Found by review 41 (was a defect).
#[test]
fn a_genuine_certificate_of_the_key_encoded_otherwise_hides_a_compromise() {
    let crls = [base10(), root_lists(&[0x0d, 0xea])];
    // Controls: nothing offered: valid; the re-issue with the CA's own SPKI bytes: the key
    // is lost, not valid.
    let (o, why) = judge_extra(&target(), &crls, &[], &[], &at_t());
    assert_eq!(o, Overall::Valid, "control: {why}");
    let same_bytes = reissue_with(ca_spki());
    let (o, why) = judge_extra(&target(), &crls, &[], &[same_bytes], &at_t());
    assert_ne!(o, Overall::Valid, "control, same SPKI bytes: {why}");
    // The same genuine re-issue, its SPKI without the NULL parameters.
    let other_bytes = reissue_with(without_null(&ca_spki()));
    same_key(&ca(), &other_bytes);
    // Genuine: the root's key signed it, and its path builds at the time judged.
    let paths = verifier(&crls, &[]);
    assert!(paths.build_path(&other_bytes, time(AT)).is_ok());
    let (o, why) = judge_extra(&target(), &crls, &[], &[other_bytes], &at_t());
    assert_ne!(o, Overall::Valid, "{why}");
}

/// The CA's own OCSP response (signed with the CA's key, no delegated responder) saying
/// the target good, 11-22..11-24 (fresh at the time judged).
fn ca_says_good() -> Vec<u8> {
    by_issuer(
        &ca(),
        "nca_rsa.key.pem",
        &serial(),
        &good(),
        "20261122000000Z",
        Some("20261124000000Z"),
    )
}

/// Attack: as above, with OCSP: the root's CRL #4 lists the genuine re-issue 0dea of the
/// CA's key (its SPKI without the NULL parameters) for keyCompromise, and no CRL of the CA
/// is held; an OCSP response signed with the CA's (lost) key says the target good.
///
/// The library: `ocsp_signer_distrust` (src/revocation/status/responder.rs) asks
/// `key_holders` of the CA's certificate, which finds no other certificate of its SPKI
/// bytes: the response proves the target good, valid. Control: the re-issue with the CA's
/// SPKI bytes: not valid.
///
/// Correct: not valid: "good" is never proven by a key revoked for a possible compromise.
/// Now so: the CA's key is known by its canonical identity, 0dea is one of its holders.
///
/// Found by review 41 (was a defect).
#[test]
fn an_ocsp_good_from_a_key_whose_other_encoding_is_compromised() {
    let crls = [root_lists(&[0x0d, 0xea])];
    let responses = [ca_says_good()];
    // Controls: nothing offered: the response proves good; the re-issue with the CA's own
    // SPKI bytes: the key is lost, not valid.
    let (o, why) = judge_extra(&target(), &crls, &responses, &[], &at_t());
    assert_eq!(o, Overall::Valid, "control: {why}");
    let (o, why) = judge_extra(
        &target(),
        &crls,
        &responses,
        &[reissue_with(ca_spki())],
        &at_t(),
    );
    assert_ne!(o, Overall::Valid, "control, same SPKI bytes: {why}");
    let other_bytes = reissue_with(without_null(&ca_spki()));
    same_key(&ca(), &other_bytes);
    let (o, why) = judge_extra(&target(), &crls, &responses, &[other_bytes], &at_t());
    assert_ne!(o, Overall::Valid, "{why}");
}

// --- the thief's own alias ---------------------------------------------------------------

/// The thief of the CA's key: the CA's name, its certificate, its (lost) key.
fn thief() -> Ca {
    Ca::nca_rsa()
}

/// A self-issued certificate of the CA's name (subject = issuer = the CA's), signed with
/// the CA's lost key, carrying that key as `spki` (serial 7e57; cA, pathLen 0,
/// keyCertSign and cRLSign as the CA's own; valid 2026-06-02..2027-06-01).
fn alias(spki: Vec<u8>) -> Certificate {
    let der = thief().reissue(ca().der(), |t| {
        t.serial = int(&[0x7e, 0x57]);
        t.validity("260602000000Z", "270601000000Z");
        t.spki = spki;
    });
    let c = Certificate::from_der(&der).unwrap();
    assert!(c.is_self_issued());
    c
}

/// The thief's end-entity certificate: the target's subject and key under serial 0bad,
/// signed with the lost key (issued after the compromise was listed).
fn thiefs_end_entity() -> Certificate {
    let der = thief().reissue(target().der(), |t| {
        t.serial = int(&[0x0b, 0xad]);
        t.validity("261101000000Z", "271101000000Z");
    });
    Certificate::from_der(&der).unwrap()
}

/// The thief's CRL of the CA's name (#20, 11-20..12-20, fresh at the time judged), listing
/// nothing, signed with the lost key.
fn thiefs_crl() -> Vec<u8> {
    thief().crl(&CrlSpec::complete(20, "261120000000Z", "261220000000Z"))
}

/// The root trusted, its CRL listing the CA (serial of nca_rsa.cer) for keyCompromise
/// since 2026-06-01, and the thief's CRL: the intermediates are the document's (as a CMS
/// or an XML signature carries them), not the verifier's.
fn documents_verifier() -> Verifier {
    let mut b = Verifier::builder().trust(cert("root.cer")).unwrap();
    for c in [root_lists(&ca_serial()), thiefs_crl()] {
        b = b
            .crl(qoltanba::revocation::Crl::from_der(c).unwrap())
            .unwrap();
    }
    b.build()
}

/// Attack (held): the root revoked the CA's certificate for keyCompromise (its CRL, held
/// by the verifier). The thief of the CA's key signs an end-entity certificate (0bad) and
/// a CRL of the CA's name listing nothing, and puts in the document, before the CA's own
/// certificate, a self-issued certificate of the CA's name (7e57) carrying the lost key
/// with its SPKI written without the NULL parameters, signed with that key: the path is
/// 0bad -> 7e57 -> CA -> root (7e57 is self-issued: the CA's pathLen 0 does not count it;
/// the candidates of a name are tried in the order offered), and the path issuer 7e57's
/// key is "another key" no CRL lists, so the thief's CRL is relied on for 0bad.
///
/// Held: the revocation check also asks the status of the CA above 7e57 in the verified
/// path, which the root's CRL gives (revoked, keyCompromise): not valid. (Since the fix
/// of the findings above, 7e57's key is also the CA's key to `key_holders`, whatever its
/// encoding.) The encoding
/// trick only pays where a compromise listing names a certificate outside the path (the
/// finding above). Controls: 0bad with the document [CA] alone; 7e57 carrying the CA's
/// SPKI bytes; 7e57 offered after the CA: not valid.
#[test]
fn held_a_thief_reencodes_the_lost_key_in_a_self_issued_path_issuer() {
    let v = documents_verifier();
    let ee = thiefs_end_entity();
    let e = at_t();
    // Control: the document carries the CA's certificate alone: the CA's key is lost, the
    // thief's CRL proves nothing.
    let verdict = v.check_certificate_with(&ee, &e, &[ca()]);
    assert_ne!(
        verdict.overall(),
        Overall::Valid,
        "control: {}",
        revocation(&verdict).1
    );
    // Control: the alias with the CA's SPKI bytes: its key is found in the CA's
    // certificate, whose listing is read.
    let verdict = v.check_certificate_with(&ee, &e, &[alias(ca_spki()), ca()]);
    assert_ne!(
        verdict.overall(),
        Overall::Valid,
        "control, same SPKI bytes: {}",
        revocation(&verdict).1
    );
    let reencoded = alias(without_null(&ca_spki()));
    same_key(&ca(), &reencoded);
    // Held: offered after the CA's certificate, the path goes through the CA directly.
    let verdict = v.check_certificate_with(&ee, &e, &[ca(), reencoded.clone()]);
    assert_ne!(
        verdict.overall(),
        Overall::Valid,
        "alias after the CA: {}",
        revocation(&verdict).1
    );
    // The attack: the alias first.
    let verdict = v.check_certificate_with(&ee, &e, &[reencoded, ca()]);
    assert_ne!(
        verdict.overall(),
        Overall::Valid,
        "{}",
        revocation(&verdict).1
    );
}

/// What the finding rested on: an rsaEncryption SPKI's parameters were not read (absent,
/// NULL, an INTEGER, an OID or an empty SEQUENCE: five encodings, one key, the target's
/// path built through each). The rule now (RFC 3279 §2.3.1): NULL and absent are one RSA
/// key (the library's key identity is the modulus and exponent, whatever the encoding);
/// an INTEGER, an OID or a SEQUENCE there is no RSA key: the certificate is read, its key
/// is of an unsupported algorithm, and nothing it signs verifies (the target's path does
/// not build through it).
#[test]
fn premise_every_rsa_spki_parameter_is_the_same_key() {
    let spki = ca_spki();
    let parts = children(&spki);
    let alg = children(parts[0]);
    let with = |params: Option<Vec<u8>>| -> Vec<u8> {
        let alg = match &params {
            Some(p) => seq(&[alg[0], p]),
            None => seq(&[alg[0]]),
        };
        seq(&[&alg, parts[1]])
    };
    let reissued = |params: Option<Vec<u8>>| -> Certificate {
        let der = root().reissue(ca().der(), |t| {
            t.serial = int(&[0x0d, 0xeb]);
            t.spki = with(params.clone());
        });
        Certificate::from_der(&der).unwrap_or_else(|e| panic!("params {params:?}: refused: {e}"))
    };
    let path_through = |c: Certificate| {
        Verifier::builder()
            .trust(cert("root.cer"))
            .unwrap()
            .intermediate(c)
            .unwrap()
            .build()
            .build_path(&target(), time(AT))
    };
    let mut encodings = std::collections::HashSet::new();
    for params in [None, Some(vec![0x05, 0x00])] {
        let c = reissued(params.clone());
        assert_eq!(c.public_key().key_bytes(), ca().public_key().key_bytes());
        assert!(
            matches!(c.public_key().algorithm(), KeyAlgorithm::Rsa { .. }),
            "params {params:?}"
        );
        encodings.insert(Tbs::of(c.der()).spki);
        let path = path_through(c).unwrap_or_else(|f| panic!("params {params:?}: {}", f.reason));
        assert_eq!(path.certificates().len(), 3);
    }
    assert_eq!(encodings.len(), 2);
    for params in [int(&[0x00]), forge::oid("1.2.3.4"), seq(&[])] {
        let c = reissued(Some(params.clone()));
        assert!(
            matches!(c.public_key().algorithm(), KeyAlgorithm::Other { .. }),
            "params {params:02x?}: {:?}",
            c.public_key().algorithm()
        );
        assert!(
            path_through(c).is_err(),
            "params {params:02x?}: the target verified with a key that is no RSA key"
        );
    }
}
