//! Review 44 (hostile, within the hour of the fixes): 71a29d2, the wide identity of a key's
//! value for distrust (`PublicKey::holder_id` / `Certificate::holder_id`, the key of
//! `CertSet::by_key`, `key_holders`, the `Verdicts` of one signer search and the "key
//! already refused" skip), and 25e4f93 (a countersigner's certificate judged without the
//! request's IIN / BIN; a failed `countersignature` check named by what failed in it).
//!
//! Findings (3 tests, each a missed distrust — a false VALID — asserting the safe verdict;
//! one cause: `PublicKey::holder_id` is not at least as wide as the key's value, nor even
//! as wide as the narrow `key_id`, in src/signature/key.rs). Fixed since: a GOST key the
//! verifier reads is its holder by the point `gost::parse_public_key` reads (one of an
//! unmapped parameter set unwrapped only at a point's sizes), RSA-family keys by the
//! first two INTEGERs of the RSAPublicKey read leniently (leading zeros stripped), an EC
//! point by its x and y's parity, whichever form it is written in:
//!
//! - `a_gost_point_beginning_like_an_octet_string_hides_a_compromise`: a regression
//!   of 71a29d2. `gost_point` strips "an OCTET STRING header" heuristically, while the
//!   verifier (`gost::parse_public_key`, hence `key_id`) takes 64 (128) octets as a bare
//!   `x || y` first. A CryptoPro-A key whose bare point begins 04 3E (one key in 65536;
//!   512-bit: 04 7E) has two encodings the verifier accepts alike (equal `key_id`: each
//!   verifies the CA's CRL and end entity) but two `holder_id`s: the root's genuine
//!   certificate of the key bare, listed for keyCompromise, is not found among the
//!   holders of the CA certificate wrapping it (and the reverse), and the CA's CRL signed
//!   with the lost key proves the end entity (valid). Before 71a29d2 `key_id` found it.
//! - `a_compromise_of_the_rsa_key_in_a_lax_rsapublickey_is_missed`: review 43's
//!   class through the inner encoding: the CA's modulus and exponent in an RSAPublicKey
//!   that `rsa_public_key_strict` refuses (a trailing octet; a non-minimal modulus
//!   INTEGER) fall back to the SPKI-DER identity: the compromise listing is missed (valid).
//! - `a_compromise_of_an_ec_key_written_compressed_is_missed`: the ECDSA CA's P-256
//!   point written compressed (RFC 5480 allows it) is another holder than the
//!   uncompressed one: missed (valid).
//!
//! Held (`held_*`, and by reading):
//!
//! - (a) Over-distrust by the wide identity drops no listing: every `key_verdict` refusal
//!   in `find_signer` sets `listings_stand` before the "key already refused" skip can meet
//!   the key; a refused CA's newer CRL revoking the target stands against an older CRL
//!   (invalid, every CRL order). OCSP "revoked" is not gated by `ocsp_signer_distrust`.
//! - (b) The `Verdicts` cache keyed by `holder_id`: only certificates that verify (a CRL,
//!   or a child in a signer's path) are asked a verdict, and among encodings that verify,
//!   equal `holder_id` means equal `key_id` (the GOST defect aside), so a made-up or
//!   refused encoding's verdict is never reused for the genuine one; the CA and its PSS
//!   re-issue in both orders, the CRLs in every order, verifiers asked twice: never valid.
//!   GOST collisions across curves (one point on two curves of one prime) are
//!   over-distrust only, and need a point no one holds a key for.
//! - (d) The narrow `key_id` remains only in the "anchor trusted as given" comparisons
//!   (`key_verdict`, `ocsp_signer_distrust`, the delegated responder's issuer), which a
//!   certificate in a refused encoding never reaches (it verifies nothing), and in the
//!   caches; `ocsp_signer_distrust` asks `key_holders` (wide) for the lost key.
//! - (2a) A countersigner's IIN / BIN does not stand for the signer: the signer's own
//!   certificate is still judged against the request (`Expectation::iin` / `bin`, policies
//!   All and Any: not valid); profiles take the identity from top-level SignerInfos only.
//! - (2b) A failed countersignature keeps `Outcome::Failed` (the document invalid, the
//!   refusal naming the check); its kind only words the refusal, no verdict reads it.

mod common;

use common::evidence::{self as ev, base10, KEY_COMPROMISE};
use common::forge::{self, children, int, seq, tlv, CrlSpec, Tbs};
use common::forge::{attr, set_of, sha256};
use common::{time, who, Who};
use qoltanba::cms::{sign, SignRequest, SignedData, SignerPolicy, VerifyOptions};
use qoltanba::hazmat::gost::{GostAlgorithm, GostCurve, GostSigningKey};
use qoltanba::{
    Bin, Certificate, CheckName, Expectation, Iin, Judged as _, Outcome, Overall, ReasonKind,
    Verifier,
};

// --- shapes -------------------------------------------------------------------------------

/// The root's CRL #4 (11-16..2027-01-01): `serial` revoked for keyCompromise since 06-01.
fn root_lists(serial: &[u8]) -> Vec<u8> {
    ev::root().crl(
        &CrlSpec::complete(4, "261116000000Z", "270101000000Z").entries(vec![forge::crl_entry(
            serial,
            "260601000000Z",
            &[forge::reason(KEY_COMPROMISE)],
        )]),
    )
}

/// A genuine certificate of the root (the CA template `nca_rsa.cer`: cA, keyCertSign,
/// cRLSign) with this serial, subject and SubjectPublicKeyInfo.
fn root_issues(serial: &[u8], subject: &str, spki: Vec<u8>) -> Certificate {
    let der = ev::root().reissue(ev::ca().der(), |t| {
        t.serial = int(serial);
        t.subject = ev::cn_name(subject);
        t.validity("240601000000Z", "330601000000Z");
        t.spki = spki;
    });
    Certificate::from_der(&der).unwrap()
}

/// Root trusted (its CRL held), `intermediates` offered in this order, these CRLs.
fn verifier_of(intermediates: &[Certificate], crls: &[Vec<u8>]) -> Verifier {
    let mut b = Verifier::builder()
        .trust_path(common::pki("root.cer"))
        .unwrap()
        .crl_path(common::pki("root.crl"))
        .unwrap();
    for c in intermediates {
        b = b.intermediate(c.clone()).unwrap();
    }
    for c in crls {
        b = b.crl(qoltanba::Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    b.build()
}

// --- GOST: a bare point that looks like an OCTET STRING header ----------------------------

const GOST_CA: &str = "GOST CA QOLTANBA TEST";
const TC26_256_KEY: &str = "1.2.643.7.1.1.1.1";
const CRYPTOPRO_A: &str = "1.2.643.2.2.35.1";
const STREEBOG_256: &str = "1.2.643.7.1.1.2.2";

/// The CA's GOST key (CryptoPro-A, d = 0x010CF4): found by a search over d (offline, by
/// adding the base point) for the first public key whose x, little-endian, begins with the
/// octets 04 3E: its bare `x || y` (64 octets) reads as an OCTET STRING header of 62.
/// One key in 65536 has this shape; anyone choosing a key can have it.
fn gost_key() -> GostSigningKey {
    GostSigningKey::from_be_bytes(GostCurve::CryptoProA, &[0x01, 0x0C, 0xF4]).unwrap()
}

/// A TC26 256 SubjectPublicKeyInfo (CryptoPro-A, Streebog-256) around `bits`.
fn gost_spki(bits: &[u8]) -> Vec<u8> {
    let alg = seq(&[
        &forge::oid(TC26_256_KEY),
        &seq(&[&forge::oid(CRYPTOPRO_A), &forge::oid(STREEBOG_256)]),
    ]);
    let mut b = vec![0u8];
    b.extend_from_slice(bits);
    seq(&[&alg, &tlv(0x03, &b)])
}

/// GOST R 34.10-2012 256 with Streebog-256, no parameters.
fn gost_alg() -> Vec<u8> {
    seq(&[&forge::oid(GostAlgorithm::Tc26_256.oid())])
}

/// `tbs` signed with the CA's GOST key.
fn gost_signed(tbs: &[u8]) -> Vec<u8> {
    let sig = gost_key().sign(GostAlgorithm::Tc26_256, tbs).unwrap();
    let mut bits = vec![0u8];
    bits.extend_from_slice(&sig);
    seq(&[tbs, &gost_alg(), &tlv(0x03, &bits)])
}

/// The end entity (individual_sign.cer's fields) issued by the GOST CA.
fn gost_leaf() -> Certificate {
    let mut t = Tbs::of(ev::target().der());
    t.issuer = ev::cn_name(GOST_CA);
    t.signature = gost_alg();
    Certificate::from_der(&gost_signed(&t.der())).unwrap()
}

/// The GOST CA's complete CRL #10 (11-01..2027-05-01): lists nothing.
fn gost_crl() -> Vec<u8> {
    let exts = forge::ext(&[0x55, 0x1d, 0x14], false, &int(&[10]));
    let tbs = seq(&[
        &int(&[1]),
        &gost_alg(),
        &ev::cn_name(GOST_CA),
        &forge::utc_time("261101000000Z"),
        &forge::utc_time("270501000000Z"),
        &tlv(0xa0, &seq(&[&exts])),
    ]);
    gost_signed(&tbs)
}

/// Attack (c), a miss: the wide identity reads a GOST point by `gost_point`, which strips
/// "an OCTET STRING header" whenever the first two octets and the length agree, while the
/// verifier (`gost::parse_public_key`, hence `key_id`) reads 64 octets as a bare `x || y`
/// first. The CA's key (CryptoPro-A) has a bare point beginning 04 3E: as the DER OCTET
/// STRING (`04 40 || x || y`) its holder identity is the SHA-256 of the 64 point octets;
/// bare, of the last 62. The two encodings verify alike (the same `key_id`: either one as
/// the CA's only certificate, the end entity and the CA's CRL verify, valid), but are two
/// holders: the root's genuine certificate of the key bare (serial 0dea, "Retired"),
/// listed for keyCompromise on the root's CRL #4, is not found among the holders of the CA
/// certificate wrapping it (`key_holders` → `CertSet::by_key(holder_id)`), and the CA's
/// CRL #10, signed with the lost key, proves the end entity: valid. Before 71a29d2 the
/// narrow `key_id` found it. Control: the retired certificate wrapping the point: not
/// valid.
///
/// Correct: not valid (indeterminate): equal `key_id` must mean equal `holder_id` (the
/// wide identity must be at least as wide as the narrow one). src/signature/key.rs
/// `gost_point` / `PublicKey::holder_id` (e.g. take the point as `parse_public_key` does
/// for the curve when the key is `KeyAlgorithm::Gost`, and strip by the known sizes only).
///
/// Found by review 44 (was a defect).
#[test]
fn a_gost_point_beginning_like_an_octet_string_hides_a_compromise() {
    let key = gost_key();
    let bare = key.public_key_xy();
    assert_eq!(&bare[..2], &[0x04, 0x3E]);
    let wrapped = key.public_key_bits();
    let crls = [gost_crl(), root_lists(&[0x0d, 0xea])];
    let judge = |ca: &Certificate, others: &[Certificate]| {
        let mut offered = vec![ca.clone()];
        offered.extend_from_slice(others);
        let v = verifier_of(&offered, &crls).check_certificate(&gost_leaf(), &ev::at_t());
        let (_, why) = ev::revocation(&v);
        (v.overall(), why)
    };
    // Both encodings are the verifier's: the CA under either is valid alone.
    for (label, bits) in [("wrapped", &wrapped), ("bare", &bare)] {
        let ca = root_issues(&[0x0c, 0x01], GOST_CA, gost_spki(bits));
        assert!(
            matches!(ca.public_key().algorithm(), qoltanba::KeyAlgorithm::Gost(_)),
            "{label}"
        );
        let (o, why) = judge(&ca, &[]);
        assert_eq!(o, Overall::Valid, "control, the CA {label} alone: {why}");
    }
    let mut failures = Vec::new();
    for (ca_bits, retired_bits, control) in [
        (&wrapped, &wrapped, true),
        (&bare, &bare, true),
        (&wrapped, &bare, false),
        (&bare, &wrapped, false),
    ] {
        let ca = root_issues(&[0x0c, 0x01], GOST_CA, gost_spki(ca_bits));
        let retired = root_issues(
            &[0x0d, 0xea],
            "Retired GOST CA QOLTANBA TEST",
            gost_spki(retired_bits),
        );
        // Genuine: its path builds.
        assert!(verifier_of(std::slice::from_ref(&ca), &crls)
            .build_path(&retired, time(ev::AT))
            .is_ok());
        let (o, why) = judge(&ca, std::slice::from_ref(&retired));
        let label = format!(
            "CA {}, retired {}",
            if ca_bits == &bare { "bare" } else { "wrapped" },
            if retired_bits == &bare {
                "bare"
            } else {
                "wrapped"
            }
        );
        if control {
            assert_ne!(o, Overall::Valid, "control, {label}: {why}");
        } else if o == Overall::Valid {
            failures.push(format!("{label}: valid ({why})"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// --- RSA: the same modulus and exponent in an RSAPublicKey the strict reader refuses -------

/// Attack (the review 43 class, through the inner encoding): the root genuinely certified
/// the CA's RSA key a second time (serial 0dea, "Retired CA"), under rsaEncryption with
/// NULL, its RSAPublicKey (a) followed by one octet in the BIT STRING, (b) its modulus
/// INTEGER with a redundant leading zero octet. Same modulus, same exponent: the same key
/// pair, lost (the root's CRL #4 lists 0dea for keyCompromise). `holder_id` reads RSA keys
/// by `rsa_public_key_strict` only; when that refuses, the identity falls back to
/// `key_id`, i.e. the SPKI DER: 0dea is not a holder of the CA's key, and the CA's CRL #10
/// (omitting the target), signed with the lost key, proves the target: valid. The same
/// holds for any "value" reading that is narrower than the verifier-independent value
/// (a BER length, a non-minimal INTEGER).
///
/// Correct: not valid (indeterminate), as for the PSS OID and odd parameters of review 43:
/// the key's value is the modulus and exponent however they are encoded. src/signature/
/// key.rs `PublicKey::holder_id` (read n and e leniently — minimal magnitudes — for the
/// wide identity; its job is to err toward distrust).
///
/// Found by review 44 (was a defect).
#[test]
fn a_compromise_of_the_rsa_key_in_a_lax_rsapublickey_is_missed() {
    let ca_spki = Tbs::of(ev::ca().der()).spki;
    let parts = children(&ca_spki);
    let key = ev::ca().public_key().key_bytes().to_vec();
    let ne = children(&key);
    let n = forge::content(ne[0]);
    let mut n_padded = vec![0u8];
    n_padded.extend_from_slice(n);
    let mut trailing = key.clone();
    trailing.push(0);
    let non_minimal = seq(&[&tlv(0x02, &n_padded), ne[1]]);
    let crls = [base10(), root_lists(&[0x0d, 0xea])];
    // Control: the re-issue with the CA's own SPKI is found.
    let same = root_issues(&[0x0d, 0xea], "Retired CA QOLTANBA TEST", ca_spki.clone());
    let (o, why) = ev::judge_extra(&ev::target(), &crls, &[], &[same], &ev::at_t());
    assert_ne!(o, Overall::Valid, "control: {why}");
    let mut failures = Vec::new();
    for (label, rsa_key) in [
        ("a trailing octet", trailing),
        ("a non-minimal modulus", non_minimal),
    ] {
        let mut bits = vec![0u8];
        bits.extend_from_slice(&rsa_key);
        let reissue = root_issues(
            &[0x0d, 0xea],
            "Retired CA QOLTANBA TEST",
            seq(&[parts[0], &tlv(0x03, &bits)]),
        );
        assert!(ev::verifier(&crls, &[])
            .build_path(&reissue, time(ev::AT))
            .is_ok());
        let (o, why) = ev::judge_extra(
            &ev::target(),
            &crls,
            &[],
            std::slice::from_ref(&reissue),
            &ev::at_t(),
        );
        if o == Overall::Valid {
            failures.push(format!("{label}: valid ({why})"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

// --- held: the wide identity's over-distrust, and the order of evidence --------------------

/// The root's re-issue of the CA's RSA key under id-RSASSA-PSS (review 43's shape: found
/// by the wide identity since 71a29d2), serial 0dea, "Retired CA".
fn retired_pss() -> Certificate {
    let ca_spki = Tbs::of(ev::ca().der()).spki;
    let bits = children(&ca_spki)[1].to_vec();
    root_issues(
        &[0x0d, 0xea],
        "Retired CA QOLTANBA TEST",
        seq(&[&seq(&[&forge::oid("1.2.840.113549.1.1.10")]), &bits]),
    )
}

/// Attack (a): the wide identity refuses the CA's key (a holder in a refused encoding is
/// listed for keyCompromise); if the refusal dropped what the CA's CRLs list, the CA's
/// newer CRL #11 revoking the target would fall and the older CRL #10 (omitting it) would
/// decide: valid. It does not: every refusal by `key_verdict` in `find_signer` sets
/// `listings_stand` before the "key already refused" skip can meet the key, and the
/// listing stands: the target is revoked (invalid), in every order of the CRLs.
#[test]
fn held_a_refused_signers_listing_still_stands() {
    let revoking = ev::crl(
        11,
        "261120000000Z",
        "261220000000Z",
        &[("261110000000Z", KEY_COMPROMISE)],
    );
    for crls in ev::permutations(&[base10(), root_lists(&[0x0d, 0xea]), revoking]) {
        let (o, why) = ev::judge_extra(&ev::target(), &crls, &[], &[retired_pss()], &ev::at_t());
        assert_eq!(o, Overall::Invalid, "{why}");
    }
}

/// Attack (b): the `Verdicts` of one signer search are keyed by the wide identity, and the
/// first certificate of a key decides for the next (its own issuer asked for n == 0). The
/// CA's certificate and the retired PSS re-issue offered in both orders, the CRLs in every
/// order, each verifier asked twice (its caches warm): never valid. Only a certificate that
/// verifies the CRL (or a CA's child in a signer's path) is ever asked a verdict, and among
/// the encodings that verify, equal wide identities are equal narrow ones (the GOST
/// exception is the defect above), so no made-up encoding's verdict is reused for the
/// genuine one.
#[test]
fn held_the_order_of_evidence_decides_nothing() {
    for order in [vec![retired_pss(), ev::ca()], vec![ev::ca(), retired_pss()]] {
        for crls in ev::permutations(&[base10(), root_lists(&[0x0d, 0xea])]) {
            let verifier = verifier_of(&order, &crls);
            for _ in 0..2 {
                let v = verifier.check_certificate(&ev::target(), &ev::at_t());
                assert_ne!(v.overall(), Overall::Valid, "{v:#?}");
            }
        }
    }
}

// --- 25e4f93: countersigners without the request's IIN / BIN -------------------------------

const CONTENT: &[u8] = b"review 44: the request";

/// A countersignature by `w` (SHA-256 with RSA) whose messageDigest is SHA-256 of `over`.
fn countersignature(over: &[u8], w: &Who) -> Vec<u8> {
    let signed = set_of(vec![attr(
        "1.2.840.113549.1.9.4",
        &[&tlv(0x04, &sha256(over))],
    )]);
    let signature = w.key.sign(&signed).unwrap();
    let mut implicit = signed;
    implicit[0] = 0xA0;
    seq(&[
        &int(&[1]),
        &seq(&[w.cert.issuer().der(), &int(w.cert.serial())]),
        &seq(&[&forge::oid("2.16.840.1.101.3.4.2.1")]),
        &implicit,
        &forge::sha256_rsa(),
        &tlv(0x04, &signature),
    ])
}

/// A document signed by `signer` over CONTENT, its SignerInfo carrying a countersignature
/// by `approver` over `over(signature value)`.
fn countersigned(signer: &Who, approver: &Who, over: impl Fn(&[u8]) -> Vec<u8>) -> SignedData {
    let der = sign(
        CONTENT,
        &SignRequest::new(&signer.cert, time("2026-11-22T09:30:00Z")),
        &signer.key,
    )
    .unwrap();
    let sd = SignedData::from_ber(&der).unwrap();
    let c = countersignature(&over(sd.signers()[0].signature()), approver);
    let si = sd.signers()[0].encoding();
    let mut parts: Vec<Vec<u8>> = children(si).iter().map(|p| p.to_vec()).collect();
    parts.push(tlv(0xA1, &attr("1.2.840.113549.1.9.6", &[c.as_slice()])));
    let si = tlv(0x30, &parts.concat());
    let certs = [signer.cert.der(), approver.cert.der()].concat();
    let body = seq(&[
        &int(&[1]),
        &tlv(0x31, &seq(&[&forge::oid("2.16.840.1.101.3.4.2.1")])),
        &seq(&[
            &forge::oid("1.2.840.113549.1.7.1"),
            &tlv(0xA0, &tlv(0x04, CONTENT)),
        ]),
        &tlv(0xA0, &certs),
        &tlv(0x31, &si),
    ]);
    SignedData::from_ber(&seq(&[
        &forge::oid("1.2.840.113549.1.7.2"),
        &tlv(0xA0, &body),
    ]))
    .unwrap()
}

/// Attack (2a): a document whose signer carries one IIN (or no BIN), countersigned by
/// another person who carries the IIN (BIN) the request states. Were the countersigner's
/// certificate to stand for the signer's identity (its IIN now judged by no one), the
/// document would read as signed by the request's person. It does not: the signer's own
/// certificate is still judged against the request (`iin_match` fails: invalid), under
/// `SignerPolicy::All` and `Any` alike; without the expectation the document is valid
/// (the countersignature genuine). Not tested here: `/v1/verify` and `qoltanba verify
/// --iin` pass the same `Expectation` to the same `verify_signer_info` (review 42's
/// service and CLI tests), and the regulation profiles take the request's identity from
/// the top-level SignerInfos' certificates only (`judge_signers`' `SignerIn`), never a
/// countersigner's.
#[test]
fn held_a_countersigners_iin_does_not_stand_for_the_signer() {
    let v = common::rsa_verifier();
    let at = time(ev::AT);
    for (signer, approver, expect) in [
        (
            "individual_sign_valid_iin",
            "legal_sign",
            Expectation::at(at).iin(Iin::parse("123456789011").unwrap()),
        ),
        (
            "individual_sign",
            "legal_sign_valid_bin",
            Expectation::at(at).bin(Bin::parse("050540000016").unwrap()),
        ),
    ] {
        let (signer, approver) = (who(signer), who(approver));
        let doc = countersigned(&signer, &approver, |s| s.to_vec());
        let plain = doc.verify(&v, &VerifyOptions::at(at));
        assert!(plain.is_valid(), "{plain:#?}");
        for policy in [SignerPolicy::All, SignerPolicy::Any] {
            let mut o = VerifyOptions::new(expect.clone());
            o.signers = policy;
            let verdict = doc.verify(&v, &o);
            assert_ne!(
                verdict.overall(),
                Overall::Valid,
                "{policy:?}: {verdict:#?}"
            );
        }
    }
}

/// Attack (2b): the `countersignature` check's kind is now the first failed check of the
/// first invalid countersignature. A countersignature over other octets than the signature
/// value: the check still fails (its kind a refusal's, not `Holds` or `Weak`), the signer
/// and the document are invalid, and the refusal names the check. The kind is only read to
/// word the refusal (`Refusal::compose`, `document::codes`); no verdict reads it.
#[test]
fn held_a_failed_countersignature_is_still_a_refusal() {
    let v = common::rsa_verifier();
    let doc = countersigned(&who("individual_sign_valid_iin"), &who("legal_sign"), |s| {
        let mut o = s.to_vec();
        o[0] ^= 1;
        o
    });
    let verdict = doc.verify(&v, &VerifyOptions::at(time(ev::AT)));
    assert_eq!(verdict.overall(), Overall::Invalid, "{verdict:#?}");
    let s = &verdict.signers()[0];
    let c = s
        .check(CheckName::Countersignature)
        .expect("countersignature check");
    assert_eq!(c.outcome(), Outcome::Failed, "{c:#?}");
    assert!(
        !matches!(c.kind(), ReasonKind::Holds | ReasonKind::Weak),
        "{c:#?}"
    );
    assert!(verdict.refusal().is_some());
}

// --- EC: the same point compressed --------------------------------------------------------

/// Attack (c) for EC keys: the root genuinely certified the ECDSA CA's P-256 key a second
/// time (serial 0dea, "Retired ECDSA CA"), its point in the compressed form (SEC 1
/// §2.3.3, which RFC 5480 §2.2 allows: the same point, the same key pair), and lists it
/// for keyCompromise on its CRL #4. `holder_id` identifies EC keys by the point's octets
/// as written, so `02/03 || x` and `04 || x || y` are two holders: the listing is not read
/// against the CA's key, and the CA's CRL (`ecdsa_ca.crl`, omitting the end entity),
/// signed with the lost key, proves `ecdsa_sign.cer`: valid. Control: the re-issue with the
/// uncompressed point: not valid.
///
/// Correct: not valid (indeterminate). src/signature/key.rs `PublicKey::holder_id` (e.g.
/// identify a point by its x coordinate and y's parity, whatever the form).
///
/// Found by review 44 (was a defect).
#[test]
fn a_compromise_of_an_ec_key_written_compressed_is_missed() {
    let ca = ev::cert("ecdsa_ca.cer");
    let spki = Tbs::of(ca.der()).spki;
    let alg = children(&spki)[0].to_vec();
    let point = ca.public_key().key_bytes().to_vec();
    assert_eq!((point.len(), point[0]), (65, 0x04));
    let mut compressed = vec![0x02 | (point[64] & 1)];
    compressed.extend_from_slice(&point[1..33]);
    let ecdsa_crl = std::fs::read(common::pki("ecdsa_ca.crl")).unwrap();
    let crls = [ecdsa_crl, root_lists(&[0x0d, 0xea])];
    let judge = |extra: &[Certificate]| {
        let mut offered = vec![ca.clone()];
        offered.extend_from_slice(extra);
        let v = verifier_of(&offered, &crls)
            .check_certificate(&ev::cert("ecdsa_sign.cer"), &ev::at_t());
        let (_, why) = ev::revocation(&v);
        (v.overall(), why)
    };
    let (o, why) = judge(&[]);
    assert_eq!(o, Overall::Valid, "control, nothing offered: {why}");
    let retired = |p: &[u8]| {
        let mut bits = vec![0u8];
        bits.extend_from_slice(p);
        root_issues(
            &[0x0d, 0xea],
            "Retired ECDSA CA QOLTANBA TEST",
            seq(&[&alg, &tlv(0x03, &bits)]),
        )
    };
    let (o, why) = judge(&[retired(&point)]);
    assert_ne!(o, Overall::Valid, "control, uncompressed: {why}");
    let reissue = retired(&compressed);
    assert!(verifier_of(std::slice::from_ref(&ca), &crls)
        .build_path(&reissue, time(ev::AT))
        .is_ok());
    let (o, why) = judge(&[reissue]);
    assert_ne!(o, Overall::Valid, "compressed: {why}");
}
