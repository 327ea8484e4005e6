//! Review 73 (hostile): GOST public keys with a component of order 2 or 4 on the cofactor-4
//! curves, through the public API, after the prime-order subgroup check became an algebraic
//! test (`src/gost/subgroup.rs`).
//!
//! HELD (`held_*`, pass): on TC26-256-A and TC26-512-C, the points `T` (order 2), `P4`,
//! `-P4` (order 4), and `Q0 + T`, `Q0 + P4`, `Q0 - P4` for a genuine key `Q0 = k0 G`, are
//! refused (`GostError::PublicKeyOfSmallOrder`) in every encoding the library reads: the
//! BIT STRING content (DER OCTET STRING of `x ‖ y` little-endian), raw `x ‖ y`, big-endian
//! integers (`verify_integers`), a TC26 SubjectPublicKeyInfo (and the NCA one for 256 bits)
//! read as a `PublicKey` (judged unusable, signatures invalid). `Q0` itself is accepted in
//! each of them and verifies `k0`'s signatures; signatures by `k0` (which verify under
//! `Q0 + T` whenever `z2 = -r/e` is even, were the key read) are refused under the mixed
//! keys.
//!
//! The points were computed outside the crate (Python, affine arithmetic; `k0` below);
//! `Q0` is checked against `GostSigningKey::public_key_xy`.

mod common;

use common::forge::{oid, seq, tlv};
use qoltanba::hazmat::gost::{
    self, GostAlgorithm, GostCurve, GostError, GostPublicKey, GostSigningKey,
};
use qoltanba::hazmat::{self as hz, SignatureCheck};
use qoltanba::{KeyPolicy, PublicKey, SignatureAlgorithm};

fn h(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The genuine private key `k0` (big-endian; the same integer on both curves).
const K0: &str = "01f2e3d4c5b6a798897a6b5c4d3e2f10123456789abcdef0fedcba9876543210";

// (x, y) big-endian hex.
const C256_T: (&str, &str) = (
    "0100fe73f595ff158e974b44d478d9588744fe5c192ac47ea63075dce7a14aaa",
    "0000000000000000000000000000000000000000000000000000000000000000",
);
const C256_P4: (&str, &str) = (
    "7f7f80c60535007538b45a5d95c39353bc5d80d1f36a9dc0ace7c5118c2f5977",
    "7e7e82520f9f015faa1d0f18c14ab9fb35188275da3fd94206b74f34a48e0ecd",
);
const C256_P4N: (&str, &str) = (
    "7f7f80c60535007538b45a5d95c39353bc5d80d1f36a9dc0ace7c5118c2f5977",
    "81817dadf060fea055e2f0e73eb54604cae77d8a25c026bdf948b0cb5b71eeca",
);
const C256_Q0: (&str, &str) = (
    "480fe5b0d97bc31b8bb4c87f558fc84b379b3f25083488b122556af2f2037b0b",
    "82230fd0c47c392c551e1bd96ae44e6eee00f27ed8986b55fbd816edfe4c194a",
);
const C256_Q0_T: (&str, &str) = (
    "c7f8d70d0e50a0ce6cc110dfe6162b15a27ee282e883488c7a75638a7f740630",
    "28c40362f2b26fbb2680a0d24056eef47128ee4a1e5c2179a5431f2799eda287",
);
const C256_Q0_P4: (&str, &str) = (
    "a865eb45a08ab599e62b7b49a804a6182795d19e5bd72ff8d56aee26b1a0ff9b",
    "77f43e5bbc76c99544022326a4c0e5b8d3dda1b48b1fdd3ea1f1aebe90dd64af",
);
const C256_Q0_P4N: (&str, &str) = (
    "d77cb0068dd165234f0238aa78de96cdfd76ce512a215e0a4b2b11f76af49496",
    "f8914e84ca047bda6658becc9ca8cc984b9c2f13524d9db462c5c1476e7da8c8",
);
const C512_T: (&str, &str) = ("9a628f975594ecefd89ba28a2539ffb79c8ab238aeed0851fa5c1abb02b80b44c6734501b83a011dd625cd0b5145091a6d9acd4b1f5c5b1e21b2b249ddfd1271", "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
const C512_P4: (&str, &str) = ("b2ceb8345535898813b22ebaed63002431baa6e3a8897bd702d1f2a27ea3fa5d9cc65d7f23e2ff7114ed197a575d7b72c932995a7051d270ef26a6db1101748f", "186c289cffa09c983b168c30c829006c952ff4aaf99c73850875d7e77bebef18d653187d6ba8fe533ec74c6f061872585b97cc0f50f57752cd73f4913304621e");
const C512_P4N: (&str, &str) = ("b2ceb8345535898813b22ebaed63002431baa6e3a8897bd702d1f2a27ea3fa5d9cc65d7f23e2ff7114ed197a575d7b72c932995a7051d270ef26a6db1101748f", "e793d763005f6367c4e973cf37d6ff936ad00b5506638c7af78a2818841410e729ace782945701acc138b390f9e78da7a46833f0af0a88ad328c0b6eccfb9ba9");
const C512_Q0: (&str, &str) = ("3019ed9cb7f0d1e44f6b9c81f82fd9bfb3fe88e45e987170b098e24fe73639b45234f4ce0cacdf71d0c7fb21de52384967b6828f20d15f15ce0be037742d9eee", "e4b8a2a63cc85c271a1122dda8064d282f96f99b7a71190a33cb6427342656512fc46416f6d104228448e63b3d61d86809951b33c49565dfa083991ddc32a283");
const C512_Q0_T: (&str, &str) = ("e603042ca94d331a2061e52ffeca0cc440e30ab825b22482c50adac8db64e0795d8df30029baae7a31230800eb6cb09ae74730931e9b9b8a4ca677410a3bb785", "c4d6ec9f5c786cb89957e7c613bf187c4e94f0ceb7e4942b582088f812f4fbb80fbe0f61ffea837e79b28acfd36c419c1968dc039a12471bdc76ca3ea1a745b4");
const C512_Q0_P4: (&str, &str) = ("94112927d1c203aa51cd619f16776cb1f728fe51c4fd4bbe569837e2914b02e504af956dfc50df33cc386ab1ff67254d3882c604305cfd94b5d2cd3b1c834a5f", "6bb2a48c1012d69a42ef3c315803100616264633b9b06b8272255aa3a45baa3cb172881de8597f2b8c7cfe18e062061310d999fe3b0fcc63fefe8ef3819e6050");
const C512_Q0_P4N: (&str, &str) = ("6da6231e482df61a30ee4790f89b452eae4b243cb12193b60f339c757ab64fe7281757a7b32594b55bd1361ae5a7f9ecaf43a527af50b82fa473a3d1569b4fee", "b7d96de9f76accdf12848d11f8af6b0e48b497c8a75f9db3f7efcc7e2c4484a25842b0d9abf77c42f1154841164eca29203cdca777b4bf09e99ce4452f0aca35");

/// One curve's points: the genuine key and the bad ones, with their names.
struct Case {
    curve: GostCurve,
    algorithm: GostAlgorithm,
    key_oid: &'static str,
    genuine: (&'static str, &'static str),
    bad: [(&'static str, (&'static str, &'static str)); 6],
}

fn cases() -> [Case; 2] {
    [
        Case {
            curve: GostCurve::Tc26_256A,
            algorithm: GostAlgorithm::Tc26_256,
            key_oid: "1.2.643.7.1.1.1.1",
            genuine: C256_Q0,
            bad: [
                ("T (order 2)", C256_T),
                ("P4 (order 4)", C256_P4),
                ("-P4 (order 4)", C256_P4N),
                ("Q0 + T", C256_Q0_T),
                ("Q0 + P4", C256_Q0_P4),
                ("Q0 - P4", C256_Q0_P4N),
            ],
        },
        Case {
            curve: GostCurve::Tc26_512C,
            algorithm: GostAlgorithm::Tc26_512,
            key_oid: "1.2.643.7.1.1.1.2",
            genuine: C512_Q0,
            bad: [
                ("T (order 2)", C512_T),
                ("P4 (order 4)", C512_P4),
                ("-P4 (order 4)", C512_P4N),
                ("Q0 + T", C512_Q0_T),
                ("Q0 + P4", C512_Q0_P4),
                ("Q0 - P4", C512_Q0_P4N),
            ],
        },
    ]
}

/// `x ‖ y`, each little-endian.
fn xy_le(p: (&str, &str)) -> Vec<u8> {
    let mut x = h(p.0);
    x.reverse();
    let mut y = h(p.1);
    y.reverse();
    x.extend(y);
    x
}

/// The BIT STRING content: a DER OCTET STRING of `x ‖ y`.
fn octets(xy: &[u8]) -> Vec<u8> {
    tlv(0x04, xy)
}

/// A TC26 SubjectPublicKeyInfo (RFC 9215: parameters `SEQUENCE { curve OID }`).
fn tc26_spki(key_oid: &str, curve: GostCurve, xy: &[u8]) -> Vec<u8> {
    let alg = seq(&[&oid(key_oid), &seq(&[&oid(curve.oid())])]);
    let mut bits = vec![0u8];
    bits.extend(octets(xy));
    seq(&[&alg, &tlv(0x03, &bits)])
}

/// An NCA GOST 2015/256 SubjectPublicKeyInfo (TC26-256-A, Streebog-256).
fn nca256_spki(xy: &[u8]) -> Vec<u8> {
    let alg = seq(&[
        &oid("1.2.398.3.10.1.1.2.1"),
        &seq(&[&oid("1.2.398.3.10.1.1.2.1.1"), &oid("1.2.398.3.10.1.3.2")]),
    ]);
    let mut bits = vec![0u8];
    bits.extend(octets(xy));
    seq(&[&alg, &tlv(0x03, &bits)])
}

fn signing_key(curve: GostCurve) -> GostSigningKey {
    let mut d = vec![0u8; curve.coordinate_len()];
    let k = h(K0);
    let n = d.len();
    d[n - k.len()..].copy_from_slice(&k);
    GostSigningKey::from_be_bytes(curve, &d).expect("k0")
}

/// Every reading of the key at `p` gives `small order` (`Err`), or accepts it (`Ok`); the
/// SubjectPublicKeyInfo routes are checked by the caller.
fn read_all(case: &Case, p: (&str, &str)) -> Vec<(&'static str, Result<(), GostError>)> {
    let xy = xy_le(p);
    let mut out = vec![
        (
            "GostPublicKey::new (OCTET STRING)",
            GostPublicKey::new(case.curve, &octets(&xy)).map(|_| ()),
        ),
        (
            "GostPublicKey::new (raw x || y)",
            GostPublicKey::new(case.curve, &xy).map(|_| ()),
        ),
    ];
    let alpha = [1u8];
    out.push((
        "verify_integers",
        gost::verify_integers(case.curve, &h(p.0), &h(p.1), &alpha, &[1], &[1]).map(|_| ()),
    ));
    out.push((
        "gost::verify",
        gost::verify(
            case.algorithm,
            case.curve,
            &octets(&xy),
            b"m",
            &[1u8; 128][..2 * case.curve.coordinate_len()],
        )
        .map(|_| ()),
    ));
    out
}

fn spkis(case: &Case, xy: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut v = vec![("TC26 SPKI", tc26_spki(case.key_oid, case.curve, xy))];
    if case.curve == GostCurve::Tc26_256A {
        v.push(("NCA SPKI", nca256_spki(xy)));
    }
    v
}

#[test]
fn held_small_order_components_refused_genuine_key_accepted() {
    for case in cases() {
        let sk = signing_key(case.curve);
        let genuine = xy_le(case.genuine);
        assert_eq!(sk.public_key_xy(), genuine, "{:?}: Q0 = k0 G", case.curve);
        let msgs: Vec<Vec<u8>> = (0..8u8).map(|i| vec![b'm', i]).collect();
        let sigs: Vec<Vec<u8>> = msgs
            .iter()
            .map(|m| sk.sign(case.algorithm, m).expect("sign"))
            .collect();

        // The genuine key: accepted everywhere, verifies k0's signatures.
        for (how, got) in read_all(&case, case.genuine) {
            assert!(
                got.is_ok(),
                "{:?} genuine key refused by {how}: {got:?}",
                case.curve
            );
        }
        let key = GostPublicKey::new(case.curve, &octets(&genuine)).expect("genuine");
        for (m, s) in msgs.iter().zip(&sigs) {
            assert_eq!(key.verify(case.algorithm, m, s), Ok(true));
        }
        for (how, der) in spkis(&case, &genuine) {
            let pk = PublicKey::from_spki_der(&der).expect("SPKI reads");
            // `KeyStrength` is not re-exported: its `Debug`.
            let judged = format!("{:?}", KeyPolicy::Modern.judge(&pk));
            assert_eq!(judged, "Adequate", "{how}");
            if how == "TC26 SPKI" {
                let alg = SignatureAlgorithm::Gost(case.algorithm);
                assert_eq!(
                    hz::verify(&pk, &alg, &msgs[0], &sigs[0]),
                    SignatureCheck::Valid
                );
            }
        }

        // The bad keys: refused everywhere, as of small order.
        for (name, p) in case.bad {
            for (how, got) in read_all(&case, p) {
                assert_eq!(
                    got,
                    Err(GostError::PublicKeyOfSmallOrder(case.curve)),
                    "{:?} {name} by {how}",
                    case.curve
                );
            }
            let xy = xy_le(p);
            for (how, der) in spkis(&case, &xy) {
                let pk = PublicKey::from_spki_der(&der).expect("SPKI reads");
                let judged = format!("{:?}", KeyPolicy::Modern.judge(&pk));
                assert!(
                    judged.starts_with("Unusable("),
                    "{:?} {name} by {how}: {judged:?}",
                    case.curve
                );
                if how == "TC26 SPKI" {
                    let alg = SignatureAlgorithm::Gost(case.algorithm);
                    for (m, s) in msgs.iter().zip(&sigs) {
                        let got = hz::verify(&pk, &alg, m, s);
                        assert_eq!(
                            got,
                            SignatureCheck::Invalid,
                            "{:?} {name}: k0's signature",
                            case.curve
                        );
                    }
                }
            }
        }
    }
}
