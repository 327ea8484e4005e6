//! Unit tests: curve parameters, arithmetic, the standard's examples.

use crypto_bigint::Uint;

use super::comb::{self, Comb};
use super::curves::{self, L256, L512};
use super::ec::{self, CurveSpec, Jacobian};
use super::field::Field;

mod field;
mod subgroup;
mod subgroup_review;

fn check_curve<C: CurveSpec<L>, const L: usize>(name: &str) {
    let g = C::generator();
    assert!(ec::is_on_curve::<C, L>(&g), "{name}: G not on the curve");
    let gj = Jacobian::from_affine(&g);
    let q = C::q();
    assert!(ec::mul::<C, L>(&q, &gj).is_infinity(), "{name}: q*G != O");
    let qm1 = q.wrapping_sub(&Uint::ONE);
    let neg = ec::mul::<C, L>(&qm1, &gj).to_affine().expect("finite");
    assert_eq!(neg.x.to_uint(), g.x.to_uint(), "{name}: (q-1)G != -G");
    assert_eq!(neg.y.neg().to_uint(), g.y.to_uint(), "{name}: (q-1)G != -G");
    // The base point comb builds (no entry at infinity).
    let _ = C::g_comb();
    // So does its table of odd multiples.
    let _ = C::g_odd();
    // Both multiplication paths agree with two single multiplications.
    let u1 = Uint::<L>::from_u64(0x1234_5678_9abc_def1).wrapping_mul(&q.shr_vartime(70));
    let u2 = q.wrapping_sub(&Uint::from_u64(12345));
    let g7 = ec::mul::<C, L>(&Uint::from_u64(7), &gj)
        .to_affine()
        .unwrap();
    let want = ec::mul::<C, L>(&u1, &gj)
        .add::<C, L>(&ec::mul::<C, L>(&u2, &Jacobian::from_affine(&g7)))
        .to_affine()
        .unwrap();
    let got = ec::double_mul::<C, L>(&u1, &g7, &u2)
        .unwrap()
        .to_affine()
        .unwrap();
    assert_eq!(got.x.to_uint(), want.x.to_uint(), "{name}: double_mul");
    assert_eq!(got.y.to_uint(), want.y.to_uint(), "{name}: double_mul");
    let comb = Comb::try_new::<C, L>(&g7).expect("comb of 7G");
    let got = comb::double_mul_comb::<C, L>(&u1, &comb, &u2)
        .unwrap()
        .to_affine()
        .unwrap();
    assert_eq!(got.x.to_uint(), want.x.to_uint(), "{name}: double_mul_comb");
    assert_eq!(got.y.to_uint(), want.y.to_uint(), "{name}: double_mul_comb");
    // Combs whose teeth do not divide n (the last column reaches past the top bit) and
    // that differ between the two points share one doubling chain.
    for (p_shape, q_shape) in [((3, 1), (8, 2)), ((8, 2), (5, 3)), ((7, 4), (3, 1))] {
        let p_comb = Comb::try_with_shape::<C, L>(&g, p_shape.0, p_shape.1).expect("comb of G");
        let q_comb = Comb::try_with_shape::<C, L>(&g7, q_shape.0, q_shape.1).expect("comb of 7G");
        let got = comb::double_mul_combs::<C, L>(&u1, &p_comb, &u2, &q_comb)
            .unwrap()
            .to_affine()
            .unwrap();
        assert_eq!(
            (got.x.to_uint(), got.y.to_uint()),
            (want.x.to_uint(), want.y.to_uint()),
            "{name}: combs of (teeth, blocks) {p_shape:?} and {q_shape:?}"
        );
    }
    // The base point's wide comb builds on every curve (a service builds it on its 513th
    // prepared-key verification: `Comb::new` must not meet an entry at infinity).
    let wide = Comb::try_with_shape::<C, L>(&g, comb::WIDE_COMB_TEETH, 1).expect("wide comb");
    let got = comb::double_mul_combs::<C, L>(&u1, &wide, &u2, &comb)
        .unwrap()
        .to_affine()
        .unwrap();
    assert_eq!(got.x.to_uint(), want.x.to_uint(), "{name}: wide comb");
    assert!(Comb::try_with_shape::<C, L>(&g, 0, 1).is_none());
    assert!(Comb::try_with_shape::<C, L>(&g, 17, 1).is_none());
    assert!(Comb::try_with_shape::<C, L>(&g, 8, 0).is_none());
    assert!(Comb::try_with_shape::<C, L>(&g, 8, 5).is_none());
    // Scalars with all bits set and with the top bits set.
    for (a, b) in [
        (Uint::<L>::MAX, Uint::<L>::ONE),
        (q.wrapping_sub(&Uint::ONE), qm1),
    ] {
        let want =
            ec::mul::<C, L>(&a, &gj).add::<C, L>(&ec::mul::<C, L>(&b, &Jacobian::from_affine(&g7)));
        let one = ec::double_mul::<C, L>(&a, &g7, &b).unwrap();
        let two = comb::double_mul_comb::<C, L>(&a, &comb, &b).unwrap();
        match want.to_affine() {
            None => assert!(one.is_infinity() && two.is_infinity()),
            Some(w) => {
                assert_eq!(
                    one.to_affine().unwrap().x.to_uint(),
                    w.x.to_uint(),
                    "{name}"
                );
                assert_eq!(
                    two.to_affine().unwrap().x.to_uint(),
                    w.x.to_uint(),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn curve_parameters_are_consistent() {
    check_curve::<curves::CryptoProTest, L256>("CryptoProTest");
    check_curve::<curves::CryptoProA, L256>("CryptoProA");
    check_curve::<curves::CryptoProB, L256>("CryptoProB");
    check_curve::<curves::CryptoProC, L256>("CryptoProC");
    check_curve::<curves::Tc26_256A, L256>("Tc26_256A");
    check_curve::<curves::Tc26_512Test, L512>("Tc26_512Test");
    check_curve::<curves::Tc26_512A, L512>("Tc26_512A");
    check_curve::<curves::Tc26_512B, L512>("Tc26_512B");
    check_curve::<curves::Tc26_512C, L512>("Tc26_512C");
}

/// The base point's wide comb (built once a curve has had `WIDE_COMB_AFTER` verifications
/// with a prepared key) gives what the narrow one gives, on a 256-bit and a 512-bit curve.
#[test]
fn wide_base_point_comb_agrees() {
    fn check<C: CurveSpec<L>, const L: usize>() {
        let g = C::generator();
        let g7 = ec::mul::<C, L>(&Uint::from_u64(7), &Jacobian::from_affine(&g))
            .to_affine()
            .unwrap();
        let q_comb = Comb::try_new::<C, L>(&g7).unwrap();
        let q = C::q();
        let scalars = [
            (Uint::<L>::ONE, q.wrapping_sub(&Uint::ONE)),
            (q.wrapping_sub(&Uint::ONE), Uint::from_u64(3)),
            (
                q.shr_vartime(3).wrapping_add(&Uint::from_u64(77)),
                q.shr_vartime(1),
            ),
        ];
        let narrow: Vec<_> = scalars
            .iter()
            .map(|(a, b)| {
                comb::double_mul_combs::<C, L>(a, C::g_comb(), b, &q_comb)
                    .unwrap()
                    .to_affine()
            })
            .collect();
        let mut calls = 0;
        let wide = loop {
            if let Some(wide) = C::g_comb_wide() {
                break wide;
            }
            calls += 1;
            assert!(calls <= comb::WIDE_COMB_AFTER, "never built");
        };
        assert_eq!(
            wide.spacing(),
            Uint::<L>::BITS.div_ceil(comb::WIDE_COMB_TEETH)
        );
        for ((a, b), want) in scalars.iter().zip(narrow) {
            let want = want.unwrap();
            let got = comb::double_mul_comb::<C, L>(a, &q_comb, b)
                .unwrap()
                .to_affine()
                .unwrap();
            assert_eq!(
                (got.x.to_uint(), got.y.to_uint()),
                (want.x.to_uint(), want.y.to_uint())
            );
        }
    }
    check::<curves::CryptoProA, L256>();
    check::<curves::Tc26_512A, L512>();
}

#[test]
fn a_is_minus_3_detection() {
    const { assert!(curves::CryptoProA::A_IS_MINUS_3) };
    const { assert!(curves::CryptoProB::A_IS_MINUS_3) };
    const { assert!(curves::CryptoProC::A_IS_MINUS_3) };
    const { assert!(curves::Tc26_512A::A_IS_MINUS_3) };
    const { assert!(curves::Tc26_512B::A_IS_MINUS_3) };
    const { assert!(!curves::CryptoProTest::A_IS_MINUS_3) };
    const { assert!(!curves::Tc26_256A::A_IS_MINUS_3) };
    const { assert!(!curves::Tc26_512C::A_IS_MINUS_3) };
    const { assert!(!curves::Tc26_512Test::A_IS_MINUS_3) };
}

#[test]
fn wnaf_reconstructs_the_scalar() {
    let ks = [
        Uint::<L256>::from_u64(0),
        Uint::<L256>::from_u64(1),
        Uint::<L256>::from_u64(0xffff),
        Uint::<L256>::MAX,
        curves::CryptoProA::q(),
        curves::hex::<L256>("8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3"),
    ];
    for k in ks {
        for w in [2u32, 4, 5, 7] {
            let d = ec::wnaf(&k, w);
            let mut acc = Uint::<L256>::ZERO;
            for &di in d.iter().rev() {
                acc = acc.wrapping_add(&acc);
                if di > 0 {
                    acc = acc.wrapping_add(&Uint::from_u64(di as u64));
                } else if di < 0 {
                    acc = acc.wrapping_sub(&Uint::from_u64((-di) as u64));
                }
                if di != 0 {
                    assert!(di % 2 != 0 && u32::from(di.unsigned_abs()) < (1 << (w - 1)));
                }
            }
            assert_eq!(acc, k, "wNAF of {k} with w={w}");
            for win in d.windows(w as usize) {
                assert!(
                    win.iter().filter(|&&x| x != 0).count() <= 1,
                    "adjacent digits"
                );
            }
        }
    }
}

/// GOST R 34.10-2012 appendix A / RFC 7091 section 7: the signer's side recomputed
/// (`Q = d*P`, `r = x(k*P) mod q`), which checks the curves and the arithmetic.
fn check_example<C: CurveSpec<L>, const L: usize>(d: &str, k: &str, qx: &str, qy: &str, r: &str) {
    let g = Jacobian::from_affine(&C::generator());
    let q_pt = ec::mul::<C, L>(&curves::hex(d), &g).to_affine().unwrap();
    assert_eq!(q_pt.x.to_uint(), curves::hex::<L>(qx), "Q.x");
    assert_eq!(q_pt.y.to_uint(), curves::hex::<L>(qy), "Q.y");
    let c = ec::mul::<C, L>(&curves::hex(k), &g).to_affine().unwrap();
    let q_nz = crypto_bigint::NonZero::<Uint<L>>::new_unwrap(C::q());
    assert_eq!(c.x.to_uint().rem_vartime(&q_nz), curves::hex::<L>(r), "r");
}

#[test]
fn rfc7091_example_1_keys_and_r() {
    check_example::<curves::CryptoProTest, L256>(
        "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28",
        "77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3",
        "7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B",
        "26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA",
        "41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493",
    );
}

#[test]
fn rfc7091_example_2_keys_and_r() {
    check_example::<curves::Tc26_512Test, L512>(
        "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B102072E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4",
        "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F365886748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1",
        "115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1",
        "37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC",
        "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
    );
}

#[test]
fn edge_cases_of_the_core() {
    type C = curves::CryptoProA;
    let g = C::generator();
    let (gx, gy) = (g.x.to_uint(), g.y.to_uint());
    let key = ec::public_point::<C, L256>(&gx, &gy).expect("G is a valid key");
    let comb = Comb::try_new::<C, L256>(&key).unwrap();
    let check = |h: &crypto_bigint::U512, r: &Uint<L256>, s: &Uint<L256>| {
        let a = ec::verify::<C, L256>(ec::KeyForm::Point(&key), h, r, s);
        let b = ec::verify::<C, L256>(ec::KeyForm::Comb(&comb), h, r, s);
        assert_eq!(a, b, "one-off and comb paths disagree");
        a
    };
    let h = crypto_bigint::U512::from_u64(5);
    let q = C::q();
    let one = Uint::<L256>::ONE;
    // r, s outside 1..q-1
    for (r, s) in [
        (Uint::ZERO, one),
        (one, Uint::ZERO),
        (q, one),
        (one, q),
        (Uint::MAX, one),
    ] {
        assert_eq!(check(&h, &r, &s), ec::Core::Invalid);
    }
    // keys not on the curve, coordinates >= p
    let p = C::p();
    assert!(ec::public_point::<C, L256>(&gx, &gy.wrapping_add(&one)).is_none());
    assert!(ec::public_point::<C, L256>(&p, &gy).is_none());
    assert!(ec::public_point::<C, L256>(&gx.wrapping_add(&p), &gy).is_none());
    assert!(ec::public_point::<C, L256>(&Uint::ZERO, &Uint::ZERO).is_none());
    // A signature made with d = 1 (Q = G), k = 2 over e = 5, computed by hand:
    // r = x(2G) mod q, s = (r*d + k*e) mod q.
    let two_g = Jacobian::from_affine(&g)
        .double::<C, L256>()
        .to_affine()
        .unwrap();
    let q_nz = crypto_bigint::NonZero::<Uint<L256>>::new_unwrap(q);
    let r = two_g.x.to_uint().rem_vartime(&q_nz);
    let s = r.add_mod(&Uint::from_u64(10), &q_nz);
    assert_eq!(check(&h, &r, &s), ec::Core::Valid);
    assert_eq!(check(&h, &r, &s.wrapping_add(&one)), ec::Core::Invalid);
    // e = 0 is replaced by 1: digest q (== 0 mod q) with s = r + k.
    let hq = crypto_bigint::U512::from_le_slice(&{
        let mut b = [0u8; 64];
        b[..32].copy_from_slice(&q.to_le_bytes());
        b
    });
    let s0 = r.add_mod(&Uint::from_u64(2), &q_nz);
    assert_eq!(check(&hq, &r, &s0), ec::Core::Valid);
    assert_eq!(check(&hq, &r, &s), ec::Core::Invalid);
}

#[test]
#[ignore = "timing"]
fn point_op_timing() {
    // Wall-clock nanoseconds (run on an idle machine: cargo test --release --lib
    // point_op_timing -- --ignored --nocapture).
    let epoch = std::time::Instant::now();
    let cpu = move || epoch.elapsed().as_nanos() as u64;
    fn run<C: CurveSpec<L>, const L: usize>(name: &str, cpu: &dyn Fn() -> u64) {
        let g = C::generator();
        let mut p = Jacobian::from_affine(&g).double::<C, L>();
        let n = 100_000u64;
        let t = cpu();
        for _ in 0..n {
            p = p.double::<C, L>();
        }
        let dbl = (cpu() - t) as f64 / n as f64;
        let t = cpu();
        for _ in 0..n {
            p = p.add_affine::<C, L>(&g);
        }
        let madd = (cpu() - t) as f64 / n as f64;
        let q = p.double::<C, L>();
        let t = cpu();
        for _ in 0..n {
            p = p.add::<C, L>(&q);
        }
        let add = (cpu() - t) as f64 / n as f64;
        let (x, y) = (g.x, g.y);
        let mut z = x;
        let t = cpu();
        for _ in 0..n {
            z = z.mul(&y);
        }
        let mul = (cpu() - t) as f64 / n as f64;
        let t = cpu();
        for _ in 0..n {
            z = z.square();
        }
        let sqr = (cpu() - t) as f64 / n as f64;
        let t = cpu();
        for _ in 0..n {
            z = z.sub(&y);
        }
        let sub = (cpu() - t) as f64 / n as f64;
        let t = cpu();
        for _ in 0..n {
            z = z.add(&y);
        }
        let addf = (cpu() - t) as f64 / n as f64;
        let t = cpu();
        for _ in 0..1000 {
            z = z.invert().unwrap();
        }
        let inv = (cpu() - t) as f64 / 1000.0;
        println!(
            "{name}: dbl {dbl:.0} ns, madd {madd:.0} ns, add {add:.0} ns | mul {mul:.1}, sqr {sqr:.1}, add {addf:.1}, sub {sub:.1}, inv {inv:.0} ns ({})",
            p.is_infinity() as u8 + z.is_zero() as u8
        );
    }
    run::<curves::CryptoProA, L256>("CryptoProA (special)", &cpu);
    run::<curves::Tc26_256A, L256>("Tc26_256A (special)", &cpu);
    run::<curves::CryptoProB, L256>("CryptoProB (Montgomery)", &cpu);
    run::<curves::Tc26_512A, L512>("Tc26_512A (special)", &cpu);
    run::<curves::Tc26_512B, L512>("Tc26_512B (Montgomery)", &cpu);
}

/// Verification with a prepared key (the key's two-block comb) once the base point's wide
/// comb is built still refuses what it must: another message, a changed `r` or `s`, and
/// the signature of another key; and accepts the signature itself every time.
#[test]
fn prepared_key_with_the_wide_comb_refuses_forgeries() {
    use super::{GostAlgorithm, GostCurve, GostSigningKey};
    let mut d = [0u8; 32];
    d[0] = 7;
    d[31] = 0x11;
    let signer = GostSigningKey::from_le_bytes(GostCurve::CryptoProA, &d).unwrap();
    d[1] = 9;
    let other = GostSigningKey::from_le_bytes(GostCurve::CryptoProA, &d).unwrap();
    let alg = GostAlgorithm::Nca2004;
    let message = b"a request signed with EDS";
    let signature = signer.sign(alg, message).unwrap();
    let foreign = other.sign(alg, message).unwrap();
    let key = signer.public_key();
    // Build the wide comb of this curve (as a service would after 512 verifications).
    let mut calls = 0;
    while <curves::CryptoProA as CurveSpec<L256>>::g_comb_wide().is_none() {
        calls += 1;
        assert!(calls <= comb::WIDE_COMB_AFTER, "never built");
    }
    for round in 0..3 {
        // The first round is the key's once-only path; the later ones use its comb.
        assert_eq!(
            key.verify(alg, message, &signature),
            Ok(true),
            "round {round}"
        );
        assert_eq!(key.verify(alg, b"another request", &signature), Ok(false));
        assert_eq!(key.verify(alg, message, &foreign), Ok(false));
        for i in [0, 31, 32, 63] {
            let mut changed = signature.clone();
            changed[i] ^= 0x01;
            assert_eq!(key.verify(alg, message, &changed), Ok(false), "byte {i}");
        }
    }
}

/// The twisted Edwards forms: the base point maps to RFC 7836's `(u, v)`; a one-off key's
/// product on the Edwards form equals the Weierstrass one (x and infinity), also for keys
/// with a small-order part (the order-2 point `(t, 0)` itself goes back to the Weierstrass
/// chain; a point of order 4 and `Q + (t, 0)` map); curves without a form have none.
#[test]
fn edwards_form_agrees_with_weierstrass() {
    fn check<C: CurveSpec<L>, const L: usize>(u: &str, v: &str) {
        let table = C::g_odd_edwards().expect("an Edwards form");
        let (gu, gv) = super::edwards::base_point(table).unwrap();
        assert_eq!(gu.to_uint(), curves::hex::<L>(u), "u of G");
        assert_eq!(gv.to_uint(), curves::hex::<L>(v), "v of G");
        let g = C::generator();
        let gj = Jacobian::from_affine(&g);
        let q = C::q();
        // The order-2 point (t, 0) and an order-4 point: the roots of x^3 + a x + b, and
        // the points whose double is (t, 0).
        let two_torsion = small_order_points::<C, L>();
        assert_eq!(
            two_torsion.len(),
            3,
            "(t, 0) and (s + t, ±s) are on the curve"
        );
        let g7 = ec::mul::<C, L>(&Uint::from_u64(7), &gj)
            .to_affine()
            .unwrap();
        let mut keys = vec![g7, g];
        for t in &two_torsion {
            keys.push(*t);
            let sum = Jacobian::from_affine(&g7)
                .add_affine::<C, L>(t)
                .to_affine()
                .unwrap();
            keys.push(sum);
        }
        let scalars = [
            (
                Uint::<L>::from_u64(0x1234_5678_9abc_def1).wrapping_mul(&q.shr_vartime(70)),
                q.wrapping_sub(&Uint::from_u64(12345)),
            ),
            (Uint::<L>::ONE, Uint::<L>::ONE),
            (q.wrapping_sub(&Uint::ONE), q.shr_vartime(1)),
            (q.shr_vartime(5), Uint::<L>::from_u64(3)),
        ];
        for (k, key) in keys.iter().enumerate() {
            for (u1, u2) in &scalars {
                let want = ec::double_mul::<C, L>(u1, key, u2).unwrap();
                let got = ec::double_mul_one_off::<C, L>(u1, key, u2).unwrap();
                match want.to_affine() {
                    None => assert!(
                        matches!(&got, ec::Product::Edwards(p) if p.is_identity())
                            || matches!(&got, ec::Product::Weierstrass(p) if p.is_infinity()),
                        "key {k}: infinity"
                    ),
                    Some(w) => {
                        assert!(ec::product_x_equals(&got, &w.x.to_uint()), "key {k}");
                        let other = w.x.add(&C::F::ONE).to_uint();
                        assert!(!ec::product_x_equals(&got, &other), "key {k}: another x");
                    }
                }
            }
        }
        // u1 G + (q - u1) G is the point at infinity.
        let u1 = q.shr_vartime(3);
        let product = ec::double_mul_one_off::<C, L>(&u1, &g, &q.wrapping_sub(&u1)).unwrap();
        assert!(matches!(&product, ec::Product::Edwards(p) if p.is_identity()));
        // The order-2 point maps nowhere: the Weierstrass chain takes it.
        let order_two = two_torsion.iter().find(|p| p.y.is_zero()).expect("(t, 0)");
        assert!(super::edwards::point_of(table, order_two).is_none());
    }
    check::<curves::Tc26_256A, L256>(
        "0D",
        "60CA1E32AA475B348488C38FAB07649CE7EF8DBE87F22E81F92B2592DBA300E7",
    );
    check::<curves::Tc26_512C, L512>(
        "12",
        "469AF79D1FB1F5E16B99592B77A01E2A0FDFB0D01794368D9A56117F7B38669522DD4B650CF789EEBF068C5D139732F0905622C04B2BAAE7600303EE73001A3D",
    );
    assert!(<curves::Tc26_512A as CurveSpec<L512>>::g_odd_edwards().is_none());
    assert!(<curves::CryptoProA as CurveSpec<L256>>::g_odd_edwards().is_none());
}

/// The curve's affine points of small order: `(t, 0)` (order 2, the Edwards `(0, -1)`) and
/// `(s + t, ±s)` (order 4, the Edwards `(±1, 0)`), those of them on the curve.
fn small_order_points<C: CurveSpec<L>, const L: usize>() -> Vec<ec::Affine<C::F>> {
    let Some((s, t)) = super::edwards::map_constants::<C, L>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // (t, 0) <-> (0, -1); (s + t, ±s) <-> (±1, 0).
    for (x, y) in [(t, C::F::ZERO), (s.add(&t), s), (s.add(&t), s.neg())] {
        let p = ec::Affine { x, y };
        if ec::is_on_curve::<C, L>(&p) {
            out.push(p);
        }
    }
    out
}

#[test]
fn keys_outside_the_prime_order_subgroup() {
    fn generator_is_in<C: CurveSpec<L>, const L: usize>() -> bool {
        ec::in_prime_order_subgroup::<C, L>(&C::generator())
    }
    // The base point is, on every curve (cofactor 1: no multiplication at all).
    assert!(generator_is_in::<curves::CryptoProTest, L256>());
    assert!(generator_is_in::<curves::CryptoProA, L256>());
    assert!(generator_is_in::<curves::CryptoProB, L256>());
    assert!(generator_is_in::<curves::CryptoProC, L256>());
    assert!(generator_is_in::<curves::Tc26_256A, L256>());
    assert!(generator_is_in::<curves::Tc26_512Test, L512>());
    assert!(generator_is_in::<curves::Tc26_512A, L512>());
    assert!(generator_is_in::<curves::Tc26_512B, L512>());
    assert!(generator_is_in::<curves::Tc26_512C, L512>());
    // TC26-256-A's point of order 2, (t, 0) with t = (1 + d)/6 (the Edwards (0, -1)): on
    // the curve, and not in the subgroup; G + T neither.
    type C = curves::Tc26_256A;
    let t = Uint::<L256>::from_be_hex(
        "0100FE73F595FF158E974B44D478D9588744FE5C192AC47EA63075DCE7A14AAA",
    );
    let order_2 = ec::public_point::<C, L256>(&t, &Uint::ZERO).expect("on the curve");
    assert!(!ec::in_prime_order_subgroup::<C, L256>(&order_2));
    let mixed = Jacobian::from_affine(&C::generator())
        .add::<C, L256>(&Jacobian::from_affine(&order_2))
        .to_affine()
        .unwrap();
    assert!(!ec::in_prime_order_subgroup::<C, L256>(&mixed));
}
