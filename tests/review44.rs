//! Review 44 (hostile, within the hour of the fixes): 71a29d2, the wide identity of a key's
//! value for distrust (`PublicKey::holder_id` / `Certificate::holder_id`, the key of
//! `CertSet::by_key`, `key_holders`, the `Verdicts` of one signer search and the "key
//! already refused" skip), and 25e4f93 (a countersigner's certificate judged without the
//! request's IIN / BIN; a failed `countersignature` check named by what failed in it).
//!
//! MODULE DOC PLACEHOLDER

mod common;

use common::evidence::{self as ev, base10, KEY_COMPROMISE};
use common::forge::{self, children, int, seq, tlv, CrlSpec, Tbs};
use common::time;
use qoltanba::hazmat::gost::{GostAlgorithm, GostCurve, GostSigningKey};
use qoltanba::{Certificate, Judged as _, Overall, Verifier};

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
#[test]
fn defect_a_gost_point_beginning_like_an_octet_string_hides_a_compromise() {
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
#[test]
fn defect_a_compromise_of_the_rsa_key_in_a_lax_rsapublickey_is_missed() {
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
