//! The prime-order subgroup test of the cofactor-4 curves (`subgroup.rs`: a square root and
//! a Legendre symbol) against its definition, `[q] Q == O` (the multiplication it
//! replaces), on TC26-256-A and TC26-512-C: the base point and its multiples, the points
//! of order 2 and 4, their sums with multiples of the base point, and random curve points.

use crypto_bigint::Uint;

use crate::gost::curves::{self, L256, L512};
use crate::gost::ec::{self, Affine, CurveSpec, Jacobian};
use crate::gost::field::Field;
use crate::gost::subgroup::pow_vartime;

/// A xorshift stream of pseudo-random integers below `bound` (seeded: reproducible), shared
/// with review 73's tests (`subgroup_review.rs`).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(super) fn below<const L: usize>(&mut self, bound: &Uint<L>) -> Uint<L> {
        loop {
            let mut words = [0 as crypto_bigint::Word; L];
            for w in &mut words {
                *w = self.next_u64() as crypto_bigint::Word;
            }
            let v = Uint::<L>::from_words(words).shr_vartime(bound.leading_zeros());
            if v.cmp_vartime(bound).is_lt() && !v.is_zero_vartime() {
                return v;
            }
        }
    }
}

fn affine<C: CurveSpec<L>, const L: usize>(p: Jacobian<C::F>) -> Affine<C::F> {
    p.to_affine().expect("a finite point")
}

/// The new test, the oracle, and the expected answer agree on `p`.
fn check<C: CurveSpec<L>, const L: usize>(
    name: &str,
    p: &Affine<C::F>,
    want: Option<bool>,
) -> bool {
    assert!(ec::is_on_curve::<C, L>(p), "{name}: not on the curve");
    let fast = ec::in_prime_order_subgroup::<C, L>(p);
    let oracle = ec::in_prime_order_subgroup_by_q::<C, L>(p);
    assert_eq!(
        fast,
        oracle,
        "{name}: ({:?}, {:?})",
        p.x.to_uint(),
        p.y.to_uint()
    );
    if let Some(want) = want {
        assert_eq!(oracle, want, "{name}: the oracle");
    }
    fast
}

fn check_curve<C: CurveSpec<L>, const L: usize>(name: &str, seed: u64, rounds: usize) {
    assert!(C::subgroup_test().is_some(), "{name}: no constants");
    let (s, t) = crate::gost::edwards::map_constants::<C, L>().expect("an Edwards form");
    let g = C::generator();
    let gj = Jacobian::from_affine(&g);
    // T = (t, 0), order 2; P4 = (s + t, s), order 4, 2 P4 = T; -P4 = 3 P4.
    let order_2 = Affine {
        x: t,
        y: C::F::ZERO,
    };
    let order_4 = Affine { x: s.add(&t), y: s };
    let order_4_neg = Affine {
        x: s.add(&t),
        y: s.neg(),
    };
    let (tj, p4j, p4nj) = (
        Jacobian::from_affine(&order_2),
        Jacobian::from_affine(&order_4),
        Jacobian::from_affine(&order_4_neg),
    );
    assert!(
        p4j.double::<C, L>().add::<C, L>(&tj).is_infinity(),
        "{name}: 2 P4 != T"
    );
    assert!(p4j.add::<C, L>(&p4nj).is_infinity());
    assert!(check::<C, L>(name, &g, Some(true)));
    for p in [&order_2, &order_4, &order_4_neg] {
        assert!(!check::<C, L>(name, p, Some(false)));
    }
    // -G, G + T, G + P4, G - P4.
    let g_neg = Affine {
        x: g.x,
        y: g.y.neg(),
    };
    assert!(check::<C, L>(name, &g_neg, Some(true)));
    for torsion in [&tj, &p4j, &p4nj] {
        let p = affine::<C, L>(gj.add::<C, L>(torsion));
        assert!(!check::<C, L>(name, &p, Some(false)));
    }

    let mut rng = Rng(seed);
    let q = C::q();
    let p = C::F::MODULUS;
    for _ in 0..rounds {
        // k G, and k G plus each point of order 2 or 4.
        let k = rng.below(&q);
        let kg = ec::mul::<C, L>(&k, &gj);
        assert!(check::<C, L>(name, &affine::<C, L>(kg), Some(true)));
        for torsion in [&tj, &p4j, &p4nj] {
            let p = affine::<C, L>(kg.add::<C, L>(torsion));
            assert!(!check::<C, L>(name, &p, Some(false)));
        }
    }
    // Random curve points: x with x^3 + a x + b a square, y its square root (p ≡ 3 mod 4);
    // about a quarter of them lie in the subgroup.
    let sqrt_exp = p.shr_vartime(2).wrapping_add(&Uint::ONE);
    let (mut inside, mut total) = (0, 0);
    while total < 2 * rounds {
        let x = C::F::from_uint(&rng.below(&p));
        let rhs = x.square().add(&C::a()).mul(&x).add(&C::b());
        let y = pow_vartime(&rhs, &sqrt_exp);
        if !y.square().equals(&rhs) {
            continue;
        }
        let y = if rng.next_u64() & 1 == 1 { y.neg() } else { y };
        total += 1;
        if check::<C, L>(name, &Affine { x, y }, None) {
            inside += 1;
        }
    }
    assert!(
        inside > 0 && inside < total,
        "{name}: {inside} of {total} in the subgroup"
    );
}

#[test]
fn subgroup_test_agrees_with_the_multiplication_by_q() {
    check_curve::<curves::Tc26_256A, L256>("TC26-256-A", 0x9e37_79b9_7f4a_7c15, 120);
    check_curve::<curves::Tc26_512C, L512>("TC26-512-C", 0xd1b5_4a32_d192_ed03, 80);
}

#[test]
fn subgroup_test_only_on_the_cofactor_4_curves() {
    assert!(<curves::CryptoProA as CurveSpec<L256>>::subgroup_test().is_none());
    assert!(<curves::CryptoProTest as CurveSpec<L256>>::subgroup_test().is_none());
    assert!(<curves::Tc26_512A as CurveSpec<L512>>::subgroup_test().is_none());
    assert!(<curves::Tc26_512B as CurveSpec<L512>>::subgroup_test().is_none());
    // Cofactor 1: every curve point is in the subgroup, with no work.
    assert!(ec::in_prime_order_subgroup::<curves::Tc26_512A, L512>(
        &<curves::Tc26_512A as CurveSpec<L512>>::generator()
    ));
}

/// Timing of the test against the multiplication by `q`, on a point of the subgroup:
/// `cargo test --release --features hazmat --lib subgroup_timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn subgroup_timing() {
    fn time<C: CurveSpec<L>, const L: usize>(name: &str) {
        let g = C::generator();
        let k = Uint::<L>::from_u64(0x1234_5678_9abc_def1);
        let p = ec::mul::<C, L>(&k, &Jacobian::from_affine(&g))
            .to_affine()
            .unwrap();
        let _ = C::subgroup_test();
        let n = 2000;
        let t0 = std::time::Instant::now();
        let mut c = 0;
        for _ in 0..n {
            c += usize::from(ec::in_prime_order_subgroup::<C, L>(std::hint::black_box(
                &p,
            )));
        }
        let fast = t0.elapsed().as_secs_f64() / n as f64 * 1e6;
        let t0 = std::time::Instant::now();
        for _ in 0..n {
            c += usize::from(ec::in_prime_order_subgroup_by_q::<C, L>(
                std::hint::black_box(&p),
            ));
        }
        let slow = t0.elapsed().as_secs_f64() / n as f64 * 1e6;
        println!("{name}: new {fast:.2} us, [q]Q {slow:.2} us ({c})");
    }
    for _ in 0..3 {
        time::<curves::Tc26_256A, L256>("TC26-256-A");
        time::<curves::Tc26_512C, L512>("TC26-512-C");
    }
}
