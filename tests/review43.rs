//! Review 43 (hostile, within the hour of the fixes): the canonical key identity of review
//! 41's fix (0cd723e: `PublicKey::key_id` / `Certificate::key_id`, now the key of
//! `CertSet::by_key`, `key_holders` / `key_verdict`, the OCSP responder comparisons, the
//! CRL / path / CMS signature caches, XMLDSig's "key tried already" and the GOST key
//! cache), its strict rsaEncryption parameters, and review 40's fix (08fcbec: a listing
//! counts from its CRL's, or response's, thisUpdate at the latest).
//!
//! Finding (one, 1 test, a missed distrust, asserting the safe verdict; fixed since: a
//! second, wider identity for distrust, `PublicKey::holder_id` — RSA-family keys by
//! modulus and exponent whatever the algorithm identifier, GOST and EC points by their
//! octets whatever the OID and parameters — keys `CertSet::by_key`, `key_holders` and the
//! verdicts of one signer search, while the caches keep the narrow `key_id`):
//!
//! - `a_compromise_of_the_key_in_a_refused_encoding_is_missed`: the fix gives one
//!   identity two jobs. For the signature caches and XMLDSig's skip it must be narrow
//!   (equal identities verify alike), and it is; for the distrust of a key lost to a
//!   compromise (`key_holders`, `CertSet::by_key`) it must be wide (every certificate
//!   carrying the key), and it is not: a key the verifier refuses to verify with
//!   (`KeyAlgorithm::Other`: the RSA key under id-RSASSA-PSS, a conforming RFC 4055
//!   encoding; rsaEncryption with parameters other than NULL, now refused by the same
//!   commit) keeps its SPKI DER as identity. The root genuinely certified the CA's RSA key
//!   so and listed that certificate for keyCompromise: the listing is never read against
//!   the CA's key, and a CRL or an OCSP "good" signed with the lost key proves the target
//!   (valid, 4 of 4 shapes). Same cause, not tested (no CA key at hand): a GOST key under
//!   a parameter-set OID the library does not map, an EC key with explicit parameters.
//!
//! Held (`held_*`):
//!
//! - Equal identities verify alike. RSA: the identity's strict reading (minimal DER
//!   INTEGERs, strict lengths, nothing after) means equal identities are equal key bytes,
//!   so ring and the prehashed path see one key; size and exponent policy are functions of
//!   (n, e). PSS-OID keys are `Other` (another identity, nothing verified: not valid
//!   alone, nothing borrowed from the rsaEncryption certificate in either order). GOST:
//!   verification reads the curve and the point only (`verify_gost`, the algorithm's
//!   hash and byte order), never the key OID or a digest parameter set: the real NCA
//!   2015/512 CA key under TC26 512, TC26/NCA 256 key OIDs with 512 parameters, GOST 2001,
//!   Streebog-256 or GOST 34.11-94 digest parameters, a bare point: the real user and CRL
//!   verify, valid; the real NCA 2004 CA key as a CryptoPro 2001 key (CryptoPro-A or the
//!   NCA parameter OID, either 34.11-94 parameter set): valid alike; the point under a
//!   256-bit curve: not valid. The caches are the Verifier's own (path, GOST keys), the
//!   document's (CMS), or the CRL store's (keyed by CRL and identity, the issuer name and
//!   cRLSign checked before the cache), and the key policy is judged outside every cached
//!   result, so no cached answer depends on a policy.
//! - Strict rsaEncryption parameters: every RSA SPKI of the NCA material and of
//!   test-vectors carries NULL (36 certificates, `openssl asn1parse`); a CA certificate
//!   without the NULL serves as path issuer, CRL signer and OCSP signer alike (valid, and
//!   revoked when its CRL or response lists the target); PKCS#12 key matching compares
//!   (n, e), not the SPKI.
//! - The thisUpdate cap (`effective_start`, `SingleResponse::revoked_from`): a delta
//!   issued before its base caps at its own date (its keyCompromise revokes; its hold is
//!   lifted by the newer base); a CRL from before the certificate still says nothing
//!   (rule 1 reads the view's thisUpdate, not the capped date); a capped hold is released
//!   by a later fresh delta's removeFromCRL; invalidityDate before the CRL counts from it,
//!   after it is capped, and a CRL issued after the time judged still says "revoked
//!   later"; at a time-stamped and a claimed time the cap refuses a superseded listing
//!   dated after the time on a CRL issued before it, and a CRL issued after a claimed time
//!   still lets a non-compromise revocation after the claim pass; OCSP with
//!   invalidityDate before or after thisUpdate, and a response issued after the time
//!   judged, the same. Every date the cap is compared with is the thisUpdate of the CRL
//!   that lists the entry (`listing_crl` agrees with `listed` in every view, older deltas
//!   and CRLs read alone included); the raw revocationDate survives only in evidence text.

mod common;

use common::evidence::{self as ev, base10, delta, entry, AT, HOLD, KEY_COMPROMISE};
use common::forge::{self, children, int, seq, tlv, Ca, CrlSpec, Tbs};
use common::time;
use qoltanba::{Certificate, Expectation, GostCurve, Judged as _, KeyAlgorithm, Overall, Verifier};

// --- key identity -------------------------------------------------------------------------

/// `cert` (DER) with its SubjectPublicKeyInfo replaced by `spki`, its signature kept (broken:
/// usable as a trust anchor only, which is trusted as given).
fn with_spki(cert: &[u8], spki: Vec<u8>) -> Certificate {
    let parts = children(cert);
    let mut tbs = Tbs::of(cert);
    tbs.spki = spki;
    Certificate::from_der(&seq(&[&tbs.der(), parts[1], parts[2]])).unwrap()
}

/// A SubjectPublicKeyInfo of `alg` (a whole AlgorithmIdentifier) around the BIT STRING
/// element `bits`.
fn spki_of(alg: &[u8], bits: &[u8]) -> Vec<u8> {
    seq(&[alg, bits])
}

/// The SPKI's BIT STRING element.
fn bits_of(spki: &[u8]) -> Vec<u8> {
    children(spki)[1].to_vec()
}

/// A GOST AlgorithmIdentifier: `key_oid`, `{ param [, digest] }`.
fn gost_alg(key_oid: &str, param: &str, digest: Option<&str>) -> Vec<u8> {
    let mut p = vec![forge::oid(param)];
    if let Some(d) = digest {
        p.push(forge::oid(d));
    }
    let p: Vec<&[u8]> = p.iter().map(Vec::as_slice).collect();
    seq(&[&forge::oid(key_oid), &seq(&p)])
}

const NCA_2015_512: &str = "1.2.398.3.10.1.1.2.2";
const NCA_2015_256: &str = "1.2.398.3.10.1.1.2.1";
const NCA_2015_512_A: &str = "1.2.398.3.10.1.1.2.2.1";
const TC26_512: &str = "1.2.643.7.1.1.1.2";
const TC26_256: &str = "1.2.643.7.1.1.1.1";
const TC26_512_A: &str = "1.2.643.7.1.2.1.2.1";
const STREEBOG_256: &str = "1.2.643.7.1.1.2.2";
const STREEBOG_512: &str = "1.2.643.7.1.1.2.3";
const GOST_2001: &str = "1.2.643.2.2.19";
const CRYPTOPRO_A: &str = "1.2.643.2.2.35.1";
const NCA_2004: &str = "1.2.398.3.10.1.1.1.1";
const NCA_2004_A: &str = "1.2.398.3.10.1.1.1.1.1";
const GOST_R3411_94_CRYPTOPRO: &str = "1.2.643.2.2.30.1";
const GOST_R3411_94_TEST: &str = "1.2.643.2.2.30.0";

/// A verifier trusting `anchor` alone, with `crl`.
fn gost_verifier(anchor: Certificate, crl: &[u8]) -> Verifier {
    Verifier::builder()
        .trust(anchor)
        .unwrap()
        .crl(qoltanba::Crl::from_der(crl.to_vec()).unwrap())
        .unwrap()
        .build()
}

/// Attack (key identity, GOST): one NCA GOST 2015 key, the real issuing CA's, written
/// under every key OID and parameter shape the reader accepts (NCA 2015/512, TC26 2012/512,
/// TC26 2012/256 and NCA 2015/256 with 512-bit parameters, GOST R 34.10-2001, a digest
/// parameter set of Streebog-256 or of GOST R 34.11-94 beside the curve, the point bare
/// rather than in an OCTET STRING). The identity is the curve and the point, not the key
/// OID: if any of these verified other signatures than the others (the key OID's size or
/// family, or a digest parameter set restricting the hash), a signature cached as valid
/// under one would be reused for another. The library verifies GOST by the curve alone
/// (`verify_gost`: the key's curve, the signature algorithm's hash and layout), so every
/// encoding verifies exactly what the NCA's does: the real user certificate and the real
/// CRL verify, the user is valid, under each. A point on another curve (CryptoPro-A's
/// 256-bit parameters around the 512-bit point) verifies nothing (not valid).
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_one_gost_key_under_every_oid_verifies_alike() {
    let Some(dir) = common::shared("nca-test-pki/gost2015") else {
        return;
    };
    let ca = std::fs::read(dir.join("nca_gost2022_test.cer")).unwrap();
    let crl = std::fs::read(dir.join("nca_gost2022_test.crl")).unwrap();
    let user = qoltanba::keys::open_pkcs12(
        &std::fs::read(dir.join("individual_valid.p12")).unwrap(),
        b"Qwerty12",
    )
    .unwrap()
    .certificate;
    let at = Expectation::at(time(AT));
    let spki = Tbs::of(&ca).spki;
    let bits = bits_of(&spki);
    // 00 04 81 80 x || y: the bare form drops the OCTET STRING header.
    let bare = tlv(0x03, &[&[0u8][..], &forge::content(&bits)[4..]].concat());
    assert_eq!(forge::content(&bare).len(), 129);
    let original = Certificate::from_der(&ca).unwrap();
    let v = gost_verifier(original.clone(), &crl).check_certificate(&user, &at);
    assert_eq!(v.overall(), Overall::Valid, "control: {v:#?}");
    for (label, alg, bits) in [
        ("TC26 512", gost_alg(TC26_512, TC26_512_A, None), &bits),
        (
            "TC26 512 + Streebog-512",
            gost_alg(TC26_512, TC26_512_A, Some(STREEBOG_512)),
            &bits,
        ),
        (
            "NCA 512 + Streebog-256",
            gost_alg(NCA_2015_512, NCA_2015_512_A, Some(STREEBOG_256)),
            &bits,
        ),
        (
            "NCA 512 + GOST 34.11-94",
            gost_alg(NCA_2015_512, NCA_2015_512_A, Some(GOST_R3411_94_CRYPTOPRO)),
            &bits,
        ),
        (
            "TC26 256 key OID",
            gost_alg(TC26_256, TC26_512_A, None),
            &bits,
        ),
        (
            "NCA 256 key OID",
            gost_alg(NCA_2015_256, NCA_2015_512_A, None),
            &bits,
        ),
        (
            "GOST 2001 key OID",
            gost_alg(GOST_2001, TC26_512_A, None),
            &bits,
        ),
        (
            "bare point",
            gost_alg(NCA_2015_512, NCA_2015_512_A, None),
            &bare,
        ),
    ] {
        let anchor = with_spki(&ca, spki_of(&alg, bits));
        assert_eq!(
            anchor.public_key().algorithm(),
            &KeyAlgorithm::Gost(GostCurve::Tc26_512A),
            "{label}"
        );
        let v = gost_verifier(anchor, &crl).check_certificate(&user, &at);
        assert_eq!(v.overall(), Overall::Valid, "{label}: {v:#?}");
    }
    // The same point on a 256-bit curve: no key that verifies anything.
    let anchor = with_spki(&ca, spki_of(&gost_alg(GOST_2001, CRYPTOPRO_A, None), &bits));
    let v = gost_verifier(anchor, &crl).check_certificate(&user, &at);
    assert_ne!(v.overall(), Overall::Valid, "256-bit curve: {v:#?}");
}

/// Attack (key identity, GOST 2004 vs CryptoPro 2001): the real NCA GOST 34.310-2004 CA key
/// (CryptoPro-A curve; its certificates and CRL signed with GOST 34.311 under the *test*
/// parameters, in the NCA byte order) written as a GOST R 34.10-2001 key (the 2001 key OID,
/// CryptoPro-A or the NCA's parameter OID, a CryptoPro or test GOST R 34.11-94 digest
/// parameter set). CryptoPro's 2001 signatures hash with the CryptoPro parameters (RFC
/// 4491); were the hash chosen by the key's OID or digest parameters, the NCA 2004
/// encoding and the 2001 one would verify different signatures under one identity. The
/// hash and layout are the signature algorithm's (`GostAlgorithm::hash`,
/// `signature_format`): each encoding verifies the NCA's user certificate and CRL alike.
#[test]
#[cfg_attr(
    qoltanba_no_shared,
    ignore = "needs ../shared (real NCA material, PKITS, x509-limbo): absent"
)]
fn held_gost_2004_key_as_a_2001_key_verifies_alike() {
    let Some(dir) = common::shared("nca-test-pki/gost2004") else {
        return;
    };
    let ca = Certificate::from_input(&std::fs::read(dir.join("nca_gost_test.crt")).unwrap())
        .unwrap()
        .der()
        .to_vec();
    let crl = std::fs::read(dir.join("nca_gost_test.crl")).unwrap();
    let user =
        Certificate::from_input(&std::fs::read(dir.join("ceo_sign_2022.cer")).unwrap()).unwrap();
    let at = Expectation::at(time("2022-06-01T00:00:00Z"));
    let bits = bits_of(&Tbs::of(&ca).spki);
    let v = gost_verifier(Certificate::from_der(&ca).unwrap(), &crl).check_certificate(&user, &at);
    assert_eq!(v.overall(), Overall::Valid, "control: {v:#?}");
    for (label, alg) in [
        ("2001, CryptoPro-A", gost_alg(GOST_2001, CRYPTOPRO_A, None)),
        (
            "2001, CryptoPro-A, CryptoPro hash",
            gost_alg(GOST_2001, CRYPTOPRO_A, Some(GOST_R3411_94_CRYPTOPRO)),
        ),
        (
            "2001, NCA params, test hash",
            gost_alg(GOST_2001, NCA_2004_A, Some(GOST_R3411_94_TEST)),
        ),
        (
            "NCA 2004, CryptoPro-A",
            gost_alg(NCA_2004, CRYPTOPRO_A, None),
        ),
    ] {
        let anchor = with_spki(&ca, spki_of(&alg, &bits));
        assert_eq!(
            anchor.public_key().algorithm(),
            &KeyAlgorithm::Gost(GostCurve::CryptoProA),
            "{label}"
        );
        let v = gost_verifier(anchor, &crl).check_certificate(&user, &at);
        assert_eq!(v.overall(), Overall::Valid, "{label}: {v:#?}");
    }
}

// --- RSA: the PSS key OID, absent parameters ----------------------------------------------

/// The root's re-issue of the CA's certificate (serial 0dea, the CA's name and key), its
/// SPKI `spki`.
fn ca_reissue(spki: Vec<u8>) -> Certificate {
    let der = ev::root().reissue(ev::ca().der(), |t| {
        t.serial = int(&[0x0d, 0xea]);
        t.spki = spki;
    });
    Certificate::from_der(&der).unwrap()
}

/// Root trusted (its CRL held), `intermediates` offered in this order, these CRLs and
/// responses: the CA's own certificate (nca_rsa.cer) only when given.
fn verifier_of(intermediates: &[Certificate], crls: &[Vec<u8>], responses: &[Vec<u8>]) -> Verifier {
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
    for r in responses {
        b = b
            .ocsp(qoltanba::OcspResponse::from_der(r).unwrap())
            .unwrap();
    }
    b.build()
}

/// The CA's RSAPublicKey BIT STRING under `alg`.
fn ca_key_as(alg: &[u8]) -> Vec<u8> {
    spki_of(alg, &bits_of(&Tbs::of(ev::ca().der()).spki))
}

/// Attack (key identity, RSA): the CA's modulus and exponent under the RSASSA-PSS key OID
/// (RFC 4055: such a key signs PSS only; without parameters, or restricted to SHA-256).
/// Were it the RSA key's identity, a PKCS#1 v1.5 signature verified (and cached) under the
/// rsaEncryption certificate would be reused for the PSS one, which may not make it. The
/// library reads it as an unsupported key (its SPKI is its identity): the CA's re-issue
/// carrying it, the only certificate of the CA's name offered, proves nothing of what the
/// CA signed (not valid); offered first beside the genuine certificate, it takes nothing
/// from it, and the genuine path decides (valid), in both orders.
#[test]
fn held_the_rsa_key_under_the_pss_oid_is_another_key() {
    let pss = forge::oid("1.2.840.113549.1.1.10");
    let sha256 = seq(&[&forge::oid("2.16.840.1.101.3.4.2.1")]);
    let mgf1 = seq(&[&forge::oid("1.2.840.113549.1.1.8"), &sha256]);
    let params = seq(&[
        &tlv(0xA0, &sha256),
        &tlv(0xA1, &mgf1),
        &tlv(0xA2, &int(&[32])),
    ]);
    let crls = [base10()];
    for (label, alg) in [
        ("no parameters", seq(&[&pss])),
        ("SHA-256 parameters", seq(&[&pss, &params])),
    ] {
        let reissue = ca_reissue(ca_key_as(&alg));
        assert!(
            matches!(reissue.public_key().algorithm(), KeyAlgorithm::Other { .. }),
            "{label}: {:?}",
            reissue.public_key().algorithm()
        );
        let v = verifier_of(std::slice::from_ref(&reissue), &crls, &[])
            .check_certificate(&ev::target(), &ev::at_t());
        assert_ne!(v.overall(), Overall::Valid, "{label}: {v:#?}");
        for order in [
            vec![reissue.clone(), ev::ca()],
            vec![ev::ca(), reissue.clone()],
        ] {
            let verifier = verifier_of(&order, &crls, &[]);
            for _ in 0..2 {
                let v = verifier.check_certificate(&ev::target(), &ev::at_t());
                assert_eq!(v.overall(), Overall::Valid, "{label}: {v:#?}");
            }
        }
    }
}

/// Attack (strict rsaEncryption parameters, "handled the same everywhere"): the CA's
/// re-issue with its SPKI's NULL left out (absent parameters, which RFC 3279 does not
/// write but the reader keeps as the RSA key) is the only certificate of the CA offered.
/// It must do all the CA's certificate does: issue the path, sign the CA's CRL, sign the
/// CA's own OCSP response. It does: valid with the CRL, valid with the OCSP "good" alone,
/// and revoked when either lists the target. Every real RSA SPKI of the NCA material and
/// the project's test PKI carries NULL (checked by hand with `openssl asn1parse`: 36
/// certificates), so the strict reading breaks none of them.
#[test]
fn held_absent_rsa_parameters_serve_everywhere() {
    let spki = Tbs::of(ev::ca().der()).spki;
    let parts = children(&spki);
    let alg = children(parts[0]);
    assert_eq!(alg[1], &[0x05, 0x00]);
    let absent = ca_reissue(seq(&[&seq(&[alg[0]]), parts[1]]));
    assert!(matches!(
        absent.public_key().algorithm(),
        KeyAlgorithm::Rsa { .. }
    ));
    let only = std::slice::from_ref(&absent);
    let v = verifier_of(only, &[base10()], &[]).check_certificate(&ev::target(), &ev::at_t());
    assert_eq!(v.overall(), Overall::Valid, "CRL: {v:#?}");
    let revoking = ev::crl(
        11,
        "261120000000Z",
        "261220000000Z",
        &[("261110000000Z", KEY_COMPROMISE)],
    );
    let v = verifier_of(only, &[revoking], &[]).check_certificate(&ev::target(), &ev::at_t());
    assert_eq!(v.overall(), Overall::Invalid, "CRL revoking: {v:#?}");
    let ocsp_good = ev::by_issuer(
        &ev::ca(),
        "nca_rsa.key.pem",
        &ev::serial(),
        &ev::good(),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let v = verifier_of(only, &[], &[ocsp_good]).check_certificate(&ev::target(), &ev::at_t());
    assert_eq!(v.overall(), Overall::Valid, "OCSP: {v:#?}");
    let ocsp_revoked = ev::by_issuer(
        &ev::ca(),
        "nca_rsa.key.pem",
        &ev::serial(),
        &ev::revoked("20261110000000Z", Some(KEY_COMPROMISE)),
        "20261122000000Z",
        Some("20261124000000Z"),
    );
    let v = verifier_of(only, &[], &[ocsp_revoked]).check_certificate(&ev::target(), &ev::at_t());
    assert_eq!(v.overall(), Overall::Invalid, "OCSP revoking: {v:#?}");
}

// --- a listing counts from its CRL's thisUpdate at the latest -------------------------------

fn judge(crls: &[Vec<u8>], responses: &[Vec<u8>], e: &Expectation) -> (Overall, String) {
    ev::judge_extra(&ev::target(), crls, responses, &[], e)
}

/// Attack: a delta issued before its base (thisUpdate 10-25, base #10's 11-01) lists the
/// target revoked (keyCompromise) from 12-05, after the delta and after the time judged
/// (11-23). The cap takes the delta's own thisUpdate (not the base's): revoked from 10-25,
/// invalid. Its hold, the same shape, is lifted by the newer base that omits it (valid).
#[test]
fn held_a_delta_older_than_its_base_caps_at_its_own_date() {
    let d = |reason| {
        delta(
            21,
            10,
            "261025000000Z",
            "261201000000Z",
            vec![entry("261205000000Z", reason)],
        )
    };
    let (o, why) = judge(&[base10(), d(KEY_COMPROMISE)], &[], &ev::at_t());
    assert_eq!(o, Overall::Invalid, "{why}");
    let (o, why) = judge(&[base10(), d(HOLD)], &[], &ev::at_t());
    assert_eq!(o, Overall::Valid, "{why}");
}

/// Attack: a CRL issued before the certificate (thisUpdate 2025-12-01, the target's
/// notBefore 2026-01-01), fresh at the time judged, lists the target's serial from
/// 2026-02-01: after its own thisUpdate and after the notBefore. Capped, the listing starts
/// before the certificate existed; either way a CRL from before the certificate says
/// nothing of it (rule 1), and the newer CRL #10 that omits the serial decides: valid.
/// Without #10 nothing proves the time: not valid.
#[test]
fn held_a_crl_from_before_the_certificate_says_nothing_capped_or_not() {
    let early = ev::crl(
        9,
        "251201000000Z",
        "270101000000Z",
        &[("260201000000Z", KEY_COMPROMISE)],
    );
    let (o, why) = judge(&[early.clone(), base10()], &[], &ev::at_t());
    assert_eq!(o, Overall::Valid, "{why}");
    let (o, why) = judge(&[early], &[], &ev::at_t());
    assert_ne!(o, Overall::Valid, "{why}");
}

/// Attack: a hold dated after its fresh CRL (base #10, 11-01, hold from 12-01) is capped
/// at 11-01: on hold at the time judged (not valid). A later delta, fresh at the time
/// judged (11-20), removes it (removeFromCRL): the hold is lifted, valid, the cap moving
/// nothing past the release.
#[test]
fn held_a_capped_hold_is_released_by_a_later_delta() {
    let base = ev::crl(
        10,
        "261101000000Z",
        "270501000000Z",
        &[("261201000000Z", HOLD)],
    );
    let (o, why) = judge(std::slice::from_ref(&base), &[], &ev::at_t());
    assert_ne!(o, Overall::Valid, "{why}");
    let release = delta(
        11,
        10,
        "261120000000Z",
        "261130000000Z",
        vec![entry("261120000000Z", 8)],
    );
    let (o, why) = judge(&[base, release], &[], &ev::at_t());
    assert_eq!(o, Overall::Valid, "{why}");
}

/// Attack: the cap with invalidityDate. Fresh CRL (11-20..12-20): revocationDate 12-01
/// with an invalidityDate 12-05 (both after it): from its thisUpdate, invalid, said so;
/// with an invalidityDate 11-10 (before it): from the invalidityDate, invalid, said so. A
/// CRL issued after the time judged (11-25) with revocationDate 12-01 and invalidityDate
/// 11-24: revoked after the time judged, valid (with base #10 fresh then).
#[test]
fn held_the_cap_with_invalidity_dates() {
    let with = |this: &str, next: &str, inv: &str| {
        Ca::nca_rsa().crl(
            &CrlSpec::complete(20, this, next).entries(vec![forge::crl_entry(
                &ev::serial(),
                "261201000000Z",
                &[forge::reason(KEY_COMPROMISE), forge::invalidity_date(inv)],
            )]),
        )
    };
    let (o, why) = judge(
        &[with("261120000000Z", "261220000000Z", "20261205000000Z")],
        &[],
        &ev::at_t(),
    );
    assert_eq!(o, Overall::Invalid, "{why}");
    assert!(why.contains("taken from its thisUpdate"), "{why}");
    let (o, why) = judge(
        &[with("261120000000Z", "261220000000Z", "20261110000000Z")],
        &[],
        &ev::at_t(),
    );
    assert_eq!(o, Overall::Invalid, "{why}");
    assert!(why.contains("invalidityDate"), "{why}");
    let (o, why) = judge(
        &[
            base10(),
            with("261125000000Z", "261225000000Z", "20261124000000Z"),
        ],
        &[],
        &ev::at_t(),
    );
    assert_eq!(o, Overall::Valid, "{why}");
}

/// Attack: the cap at a time-stamped and a claimed time. A CRL issued before the time
/// (11-20..12-20, current when checked 11-30) lists the target superseded (not a possible
/// compromise) from 12-01: from 11-20, before the time: revoked then, invalid, at both. The
/// same listing on a CRL issued after the claimed time (11-25..12-25): a superseded
/// revocation after the claim does not refuse a signature claiming an earlier time
/// (valid), and at a time-stamped time, with #10 fresh then, not revoked then (valid).
#[test]
fn held_the_cap_at_stamped_and_claimed_times() {
    const SUPERSEDED: u8 = 4;
    let before = ev::crl(
        20,
        "261120000000Z",
        "261220000000Z",
        &[("261201000000Z", SUPERSEDED)],
    );
    let claim = ev::claimed(AT, ev::CHECKED);
    for (label, e) in [("stamped", ev::stamped()), ("claimed", claim.clone())] {
        let (o, why) = judge(&[base10(), before.clone()], &[], &e);
        assert_eq!(o, Overall::Invalid, "{label}: {why}");
    }
    let after = ev::crl(
        20,
        "261125000000Z",
        "261225000000Z",
        &[("261201000000Z", SUPERSEDED)],
    );
    for (label, e) in [("stamped", ev::stamped()), ("claimed", claim)] {
        let (o, why) = judge(&[base10(), after.clone()], &[], &e);
        assert_eq!(o, Overall::Valid, "{label}: {why}");
    }
}

/// Attack (OCSP `revoked_from`): a SingleResponse fresh at the time judged (thisUpdate
/// 11-22 12:00) revoked from 12-01 with an invalidityDate of 12-05 (both after it): from
/// its thisUpdate, invalid; with an invalidityDate of 11-10: invalid. A response issued
/// after the time judged (11-25) revoked from 12-01 with an invalidityDate of 11-24 (still
/// after the time judged): "not revoked then" (valid, the certificate unexpired at 11-25).
#[test]
fn held_ocsp_revoked_from_with_invalidity_dates() {
    let respond = |this: &str, next: &str, inv: &str| {
        ev::by_responder(
            this,
            &[ev::single_with_extensions(
                &ev::revoked("20261201000000Z", Some(KEY_COMPROMISE)),
                this,
                Some(next),
                &[forge::invalidity_date(inv)],
            )],
        )
    };
    for inv in ["20261205000000Z", "20261110000000Z"] {
        let r = respond("20261122120000Z", "20261124000000Z", inv);
        let (o, why) = judge(&[], &[r], &ev::at_t());
        assert_eq!(o, Overall::Invalid, "{inv}: {why}");
    }
    let r = respond("20261125000000Z", "20261126000000Z", "20261124000000Z");
    let (o, why) = judge(&[], &[r], &ev::at_t());
    assert_eq!(o, Overall::Valid, "{why}");
}

// --- the distrust direction: a compromise of the key in an encoding the verifier refuses ---

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

/// A genuine re-issue of the CA's key by the root (serial 0dea, "Retired CA", 2024-06-01..
/// 2033-06-01), its SPKI `spki`.
fn retired(spki: Vec<u8>) -> Certificate {
    let der = ev::root().reissue(ev::ca().der(), |t| {
        t.serial = int(&[0x0d, 0xea]);
        t.subject = ev::cn_name("Retired CA QOLTANBA TEST");
        t.validity("240601000000Z", "330601000000Z");
        t.spki = spki;
    });
    Certificate::from_der(&der).unwrap()
}

/// Attack (review 41's shape, through the encodings its fix refuses): the root genuinely
/// certified the CA's RSA key a second time (serial 0dea, "Retired CA"), its SPKI naming
/// (a) id-RSASSA-PSS (RFC 4055: the same RSA key pair, certified for PSS; a conforming
/// encoding), (b) rsaEncryption with an INTEGER as its parameters (non-conforming, as the
/// absent NULL of review 41 was). The root's CRL #4 lists 0dea for keyCompromise: the
/// private key of that modulus is lost, and it is the CA's. The CA's CRL #10 (omitting the
/// target), or the CA's own OCSP "good", each signed with that key, is offered.
///
/// The library: since 0cd723e one identity (`Certificate::key_id`) serves both the caches
/// (where it must be narrow: equal identities verify alike) and the distrust of a lost
/// key (where it must be wide: every certificate carrying the key). A key the verifier
/// refuses is identified by its SPKI DER (`PublicKey::canonical` returns `None` for
/// `KeyAlgorithm::Other`), so `key_holders` (`CertSet::by_key`, src/revocation/status/
/// key.rs) never finds 0dea among the CA key's holders: the compromise listing is not
/// read against the CA's key, and CRL #10 (or the OCSP "good") proves the target: valid.
/// Control: the same re-issue with the CA's own SPKI (or without NULL) is found: not valid.
///
/// Correct: not valid (indeterminate): a compromise listing says the private key is lost,
/// whatever AlgorithmIdentifier the certificate wraps the public key in; that the verifier
/// will not verify with that encoding does not make the key safe in the encodings it does
/// verify with. (Fix direction: distrust by the key's value, e.g. the RSA modulus and
/// exponent whatever the key OID or parameters, the GOST point whatever the parameter OID,
/// separately from the cache identity.)
///
/// Found by review 43 (was a defect).
#[test]
fn a_compromise_of_the_key_in_a_refused_encoding_is_missed() {
    let ca_spki = Tbs::of(ev::ca().der()).spki;
    let parts = children(&ca_spki);
    let rsa_oid = children(parts[0])[0].to_vec();
    let crl_evidence = [base10(), root_lists(&[0x0d, 0xea])];
    let ocsp_evidence = [ev::by_issuer(
        &ev::ca(),
        "nca_rsa.key.pem",
        &ev::serial(),
        &ev::good(),
        "20261122000000Z",
        Some("20261124000000Z"),
    )];
    let ocsp_crls = [root_lists(&[0x0d, 0xea])];
    // Controls: nothing offered: valid both ways; the re-issue with the CA's SPKI: not.
    for (crls, responses) in [
        (&crl_evidence[..], &[][..]),
        (&ocsp_crls[..], &ocsp_evidence[..]),
    ] {
        let (o, why) = ev::judge_extra(&ev::target(), crls, responses, &[], &ev::at_t());
        assert_eq!(o, Overall::Valid, "control: {why}");
        let same = retired(ca_spki.clone());
        let (o, why) = ev::judge_extra(&ev::target(), crls, responses, &[same], &ev::at_t());
        assert_ne!(o, Overall::Valid, "control, the CA's SPKI: {why}");
    }
    let mut failures = Vec::new();
    for (label, alg) in [
        (
            "id-RSASSA-PSS",
            seq(&[&forge::oid("1.2.840.113549.1.1.10")]),
        ),
        (
            "rsaEncryption, INTEGER parameters",
            seq(&[&rsa_oid, &int(&[0])]),
        ),
    ] {
        let reissue = retired(seq(&[&alg, parts[1]]));
        assert_eq!(
            reissue.public_key().key_bytes(),
            ev::ca().public_key().key_bytes()
        );
        // Genuine: the root's key signed it, and its path builds at the time judged.
        assert!(ev::verifier(&crl_evidence, &[])
            .build_path(&reissue, time(AT))
            .is_ok());
        for (what, crls, responses) in [
            ("CRL", &crl_evidence[..], &[][..]),
            ("OCSP", &ocsp_crls[..], &ocsp_evidence[..]),
        ] {
            let (o, why) = ev::judge_extra(
                &ev::target(),
                crls,
                responses,
                std::slice::from_ref(&reissue),
                &ev::at_t(),
            );
            if o == Overall::Valid {
                failures.push(format!("{label}, {what}: valid ({why})"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
