use super::*;
use crate::ber::{der, oid, sequence};

/// A SubjectPublicKeyInfo of `algorithm` around the subjectPublicKey `key`.
fn spki(algorithm: &[u8], key: &[u8]) -> PublicKey {
    let mut bits = vec![0u8];
    bits.extend_from_slice(key);
    PublicKey::from_spki_der(&sequence(&[algorithm, &der(0x03, &bits)])).unwrap()
}

/// The RSAPublicKey of the project's test CA (nca_rsa.cer).
fn rsa_key(name: &str) -> Vec<u8> {
    let der = std::fs::read(format!(
        "{}/test-vectors/pki/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    crate::Certificate::from_der(&der)
        .unwrap()
        .public_key()
        .key_bytes()
        .to_vec()
}

fn rsa(key: &[u8], params: Option<&[u8]>) -> PublicKey {
    let alg = match params {
        Some(p) => sequence(&[&oid(RSA_ENCRYPTION), p]),
        None => sequence(&[&oid(RSA_ENCRYPTION)]),
    };
    spki(&alg, key)
}

/// A GOST 2015/2012 512-bit key (`seed`) under the key OID `key_oid`, with a digest
/// parameter set or not, its point as an OCTET STRING or bare.
fn gost(seed: u8, key_oid: &str, digest: bool, bare: bool) -> PublicKey {
    let mut d = vec![seed; 64];
    d[0] = 0x1F;
    let k =
        crate::gost::GostSigningKey::from_be_bytes(crate::gost::GostCurve::Tc26_512A, &d).unwrap();
    let params = if digest {
        sequence(&[
            &oid(crate::oid::TC26_512_A_PARAMS),
            &oid(crate::oid::TC26_STREEBOG512),
        ])
    } else {
        sequence(&[&oid(crate::oid::TC26_512_A_PARAMS)])
    };
    let bits = if bare {
        k.public_key_xy()
    } else {
        k.public_key_bits()
    };
    spki(&sequence(&[&oid(key_oid), &params]), &bits)
}

#[test]
fn one_rsa_key_is_one_identity_with_null_or_absent_parameters() {
    let n = rsa_key("nca_rsa.cer");
    let with_null = rsa(&n, Some(&[0x05, 0x00]));
    let absent = rsa(&n, None);
    assert_ne!(with_null.spki_der(), absent.spki_der());
    assert!(matches!(absent.algorithm(), KeyAlgorithm::Rsa { .. }));
    assert_eq!(with_null.key_id(), absent.key_id());
    // Another key: another identity.
    let other = rsa(&rsa_key("individual_sign.cer"), Some(&[0x05, 0x00]));
    assert_ne!(other.key_id(), with_null.key_id());
}

/// RFC 3279 §2.3.1: rsaEncryption's parameters are NULL. Any other element there is no
/// RSA key: unsupported, identified by its encoding (never the RSA key's identity).
#[test]
fn rsa_parameters_other_than_null_are_no_rsa_key() {
    let n = rsa_key("nca_rsa.cer");
    let genuine = rsa(&n, Some(&[0x05, 0x00]));
    for params in [
        vec![0x02, 0x01, 0x00],
        oid("1.2.3.4"),
        sequence(&[]),
        vec![0x05, 0x01, 0x00],
    ] {
        let k = rsa(&n, Some(&params));
        assert!(
            matches!(k.algorithm(), KeyAlgorithm::Other { .. }),
            "{params:02x?}: {:?}",
            k.algorithm()
        );
        assert_ne!(k.key_id(), genuine.key_id(), "{params:02x?}");
    }
}

#[test]
fn one_gost_key_is_one_identity_under_every_key_oid_and_form() {
    let nca = gost(0x5A, crate::oid::NCA_GOST2015_512_KEY, false, false);
    assert!(matches!(nca.algorithm(), KeyAlgorithm::Gost(_)));
    for other in [
        gost(0x5A, crate::oid::TC26_GOST3410_512_KEY, false, false),
        gost(0x5A, crate::oid::TC26_GOST3410_512_KEY, true, false),
        gost(0x5A, crate::oid::NCA_GOST2015_512_KEY, true, true),
    ] {
        assert_ne!(other.spki_der(), nca.spki_der());
        assert_eq!(other.key_id(), nca.key_id());
    }
    let another = gost(0x33, crate::oid::NCA_GOST2015_512_KEY, false, false);
    assert_ne!(another.key_id(), nca.key_id());
}

/// For distrust, the key's value is the key, however it is wrapped: RSA under
/// id-RSASSA-PSS or with parameters the verifier refuses, a GOST point under a
/// parameter set it does not map, an EC point under explicit parameters (review 43).
/// Those keys verify nothing here, so their verifying identity stays their own.
#[test]
fn a_key_value_is_one_holder_however_wrapped() {
    let n = rsa_key("nca_rsa.cer");
    let genuine = rsa(&n, Some(&[0x05, 0x00]));
    assert_eq!(genuine.holder_id(), genuine.key_id());
    let pss = spki(&sequence(&[&oid(crate::oid::RSASSA_PSS)]), &n);
    let integer = rsa(&n, Some(&[0x02, 0x01, 0x00]));
    for wrapped in [&pss, &integer] {
        assert!(matches!(wrapped.algorithm(), KeyAlgorithm::Other { .. }));
        assert_eq!(wrapped.holder_id(), genuine.holder_id());
        assert_ne!(wrapped.key_id(), genuine.key_id());
    }
    // A GOST point under a parameter set that is not mapped, and bare or wrapped.
    let nca = gost(0x5A, crate::oid::NCA_GOST2015_512_KEY, false, false);
    let mut d = vec![0x5A; 64];
    d[0] = 0x1F;
    let k =
        crate::gost::GostSigningKey::from_be_bytes(crate::gost::GostCurve::Tc26_512A, &d).unwrap();
    for bits in [k.public_key_bits(), k.public_key_xy()] {
        let unmapped = spki(
            &sequence(&[
                &oid(crate::oid::NCA_GOST2015_512_KEY),
                &sequence(&[&oid("1.2.3.4.5")]),
            ]),
            &bits,
        );
        assert!(matches!(unmapped.algorithm(), KeyAlgorithm::Other { .. }));
        assert_eq!(unmapped.holder_id(), nca.holder_id());
        assert_ne!(unmapped.key_id(), nca.key_id());
    }
    // An EC point under explicit (here: made-up) parameters.
    let mut point = vec![0x04];
    point.extend_from_slice(&[0x42; 64]);
    let named = spki(&sequence(&[&oid(EC_PUBLIC_KEY), &oid(P256)]), &point);
    let explicit = spki(
        &sequence(&[&oid(EC_PUBLIC_KEY), &sequence(&[&[0x02, 0x01, 0x01]])]),
        &point,
    );
    assert_eq!(explicit.holder_id(), named.holder_id());
    // Other values, other holders; other families never meet.
    let other = rsa(&rsa_key("individual_sign.cer"), Some(&[0x05, 0x00]));
    assert_ne!(other.holder_id(), genuine.holder_id());
    let as_unknown = spki(&sequence(&[&oid("1.2.3.4.5")]), &n);
    assert_ne!(as_unknown.holder_id(), genuine.holder_id());
    assert_ne!(
        gost(0x33, crate::oid::NCA_GOST2015_512_KEY, false, false).holder_id(),
        nca.holder_id()
    );
}

/// The family is part of the identity: the same bytes as an Ed25519 key, as a key of an
/// unknown algorithm, and as an EC point are three keys.
#[test]
fn families_never_share_an_identity() {
    let bytes = [0x42u8; 32];
    let ed = spki(&sequence(&[&oid(ED25519)]), &bytes);
    assert_eq!(ed.algorithm(), &KeyAlgorithm::Ed25519);
    let unknown = spki(&sequence(&[&oid("1.2.3.4.5")]), &bytes);
    assert!(matches!(unknown.algorithm(), KeyAlgorithm::Other { .. }));
    assert_ne!(ed.key_id(), unknown.key_id());
    let mut point = vec![0x04];
    point.extend_from_slice(&[0x42; 64]);
    let ec = spki(&sequence(&[&oid(EC_PUBLIC_KEY), &oid(P256)]), &point);
    let unknown_point = spki(&sequence(&[&oid("1.2.3.4.5")]), &point);
    assert_eq!(ec.algorithm(), &KeyAlgorithm::Ec(Curve::P256));
    assert_ne!(ec.key_id(), unknown_point.key_id());
    // And the RSA key's value under another family is another key.
    let n = rsa_key("nca_rsa.cer");
    let as_rsa = rsa(&n, None);
    let as_unknown = spki(&sequence(&[&oid("1.2.3.4.5")]), &n);
    assert_ne!(as_rsa.key_id(), as_unknown.key_id());
}

/// Equal `key_id` gives equal `holder_id`, and the holder reads what the verifiers refuse
/// (review 44): a GOST point the verifier reads bare although it begins like an OCTET
/// STRING header; an RSAPublicKey with a trailing octet or a non-minimal modulus; an EC
/// point written compressed or hybrid.
#[test]
fn a_holder_is_at_least_as_wide_as_the_verifying_identity() {
    // GOST: a bare 512-bit point whose first octets are 04 81 7E ... (read bare by
    // `parse_public_key`: 128 octets) and the same point wrapped.
    let mut xy = vec![0x04, 0x81, 0x7E];
    xy.extend(std::iter::repeat_n(0x11, 125));
    let under = |bits: &[u8]| {
        spki(
            &sequence(&[
                &oid(crate::oid::NCA_GOST2015_512_KEY),
                &sequence(&[&oid(crate::oid::TC26_512_A_PARAMS)]),
            ]),
            bits,
        )
    };
    let bare = under(&xy);
    let mut wrapped_bits = vec![0x04, 0x81, 0x80];
    wrapped_bits.extend_from_slice(&xy);
    let wrapped = under(&wrapped_bits);
    assert_eq!(bare.holder_id(), wrapped.holder_id());
    // RSA: the genuine key, and its modulus and exponent written laxly.
    let n = rsa_key("nca_rsa.cer");
    let genuine = rsa(&n, Some(&[0x05, 0x00]));
    let mut trailing = n.clone();
    trailing.push(0x00);
    let lax = rsa(&trailing, Some(&[0x05, 0x00]));
    // An octet after the RSAPublicKey: the verifiers refuse it, the holder is the key's.
    assert_ne!(lax.key_id(), genuine.key_id());
    assert_eq!(lax.holder_id(), genuine.holder_id());
    // EC: one point, uncompressed, compressed and hybrid.
    let x = [0x42u8; 32];
    let mut y = [0x17u8; 32];
    y[31] = 0x05; // odd
    let ec = |point: &[u8]| spki(&sequence(&[&oid(EC_PUBLIC_KEY), &oid(P256)]), point);
    let uncompressed = ec(&[&[0x04][..], &x, &y].concat());
    let compressed = ec(&[&[0x03][..], &x].concat());
    let hybrid = ec(&[&[0x07][..], &x, &y].concat());
    let other_parity = ec(&[&[0x02][..], &x].concat());
    assert_eq!(compressed.holder_id(), uncompressed.holder_id());
    assert_eq!(hybrid.holder_id(), uncompressed.holder_id());
    assert_ne!(other_parity.holder_id(), uncompressed.holder_id());
}
