//! The special-form field arithmetic (`GF(2^n - c)`, vartime and constant-time) against
//! crypto-bigint's special-form reduction and Montgomery form: fixed edges and a seeded
//! property test on random inputs.

use crypto_bigint::Uint;

use crate::gost::curves::{self, L256, L512};
use crate::gost::ec::CurveSpec;
use crate::gost::field::Field;

/// `GF(2^n - c)` two ways: crypto-bigint's special-form reduction (and our squaring) and
/// its Montgomery form.
fn check_special<S: Field<U = Uint<L>>, M: Field<U = Uint<L>>, const L: usize>(extra: Uint<L>) {
    let p = S::MODULUS;
    assert_eq!(p, M::MODULUS);
    let mut vals = vec![
        Uint::<L>::ZERO,
        Uint::ONE,
        Uint::from_u64(2),
        Uint::from_u64(616),
        Uint::from_u64(569),
        p.wrapping_sub(&Uint::ONE),
        p.wrapping_sub(&Uint::from_u64(2)),
        p.shr_vartime(1),
        Uint::MAX.shr_vartime(1).wrapping_add(&Uint::ONE),
        extra,
    ];
    // pseudo-random values below p
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..40 {
        let mut bytes = vec![0u8; Uint::<L>::BYTES];
        for b in &mut bytes {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
        let v = Uint::<L>::from_le_slice(&bytes);
        vals.push(if v.cmp_vartime(&p).is_lt() {
            v
        } else {
            v.wrapping_sub(&p)
        });
    }
    for a in &vals {
        let (sa, ma) = (S::from_uint(a), M::from_uint(a));
        assert_eq!(sa.square().to_uint(), ma.square().to_uint(), "square {a}");
        assert_eq!(sa.neg().to_uint(), ma.neg().to_uint());
        assert_eq!(sa.double().to_uint(), ma.double().to_uint());
        assert_eq!(sa.is_zero(), ma.is_zero());
        assert_eq!(
            sa.invert().map(|v| v.to_uint()),
            ma.invert().map(|v| v.to_uint())
        );
        for b in vals.iter().step_by(3) {
            let (sb, mb) = (S::from_uint(b), M::from_uint(b));
            assert_eq!(sa.mul(&sb).to_uint(), ma.mul(&mb).to_uint(), "{a} * {b}");
            assert_eq!(sa.add(&sb).to_uint(), ma.add(&mb).to_uint());
            assert_eq!(sa.sub(&sb).to_uint(), ma.sub(&mb).to_uint());
            assert_eq!(sa.equals(&sb), ma.equals(&mb));
        }
    }
}

#[test]
fn special_and_montgomery_fields_agree() {
    check_special::<
        <curves::CryptoProA as CurveSpec<L256>>::F,
        crypto_bigint::modular::ConstMontyForm<curves::cryptopro_a::FieldP, L256>,
        L256,
    >(curves::CryptoProA::GY);
    check_special::<
        <curves::Tc26_512A as CurveSpec<L512>>::F,
        crypto_bigint::modular::ConstMontyForm<curves::tc26_512a::FieldP, L512>,
        L512,
    >(curves::Tc26_512A::GY);
}

/// A seeded property test of the special-form word arithmetic (`Special`, and the
/// constant-time `mul_wide`/`square_wide`/`reduce_ct`/`add_ct`/`sub_ct` the signer uses)
/// against crypto-bigint's `*_mod_special` and Montgomery form, on random inputs biased
/// towards the edges (words 0, 1, all ones; values near 0 and near p).
fn check_special_random<S, M, const L: usize>(c: u32, iterations: usize, seed: u64)
where
    S: Field<U = Uint<L>>,
    M: Field<U = Uint<L>>,
{
    use crate::gost::field;
    use crypto_bigint::{Limb, Word};

    let p = S::MODULUS;
    let cl = Limb::from_u32(c);
    let cw = c as Word;
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let value = |next: &mut dyn FnMut() -> u64| -> Uint<L> {
        let mut words = [0 as Word; L];
        let shape = next() % 8;
        for w in &mut words {
            *w = match (shape, next() % 6) {
                (0, _) => 0,
                (1, _) => Word::MAX,
                (_, 0) => 0,
                (_, 1) => Word::MAX,
                (_, 2) => (next() % 1024) as Word,
                _ => next() as Word,
            };
        }
        if shape == 2 {
            // near p: p - small
            return p.wrapping_sub(&Uint::from_u64(next() % 2048 + 1));
        }
        let v = Uint::from_words(words);
        if v.cmp_vartime(&p).is_lt() {
            v
        } else {
            v.wrapping_sub(&p)
        }
    };
    for i in 0..iterations {
        let a = value(&mut next);
        let b = value(&mut next);
        let (sa, sb) = (S::from_uint(&a), S::from_uint(&b));
        let (ma, mb) = (M::from_uint(&a), M::from_uint(&b));
        let want_mul = a.mul_mod_special(&b, cl);
        // crypto-bigint's special-form result may be redundant (in [p, 2^n)).
        let canon = |v: Uint<L>| {
            if v.cmp_vartime(&p).is_lt() {
                v
            } else {
                v.wrapping_sub(&p)
            }
        };
        let want_mul = canon(want_mul);
        assert_eq!(
            want_mul,
            ma.mul(&mb).to_uint(),
            "#{i}: crypto-bigint's two forms"
        );
        assert_eq!(sa.mul(&sb).to_uint(), want_mul, "#{i}: {a} * {b}");
        assert_eq!(sa.square().to_uint(), ma.square().to_uint(), "#{i}: {a}^2");
        assert_eq!(
            sa.add(&sb).to_uint(),
            canon(a.add_mod_special(&b, cl)),
            "#{i}: {a} + {b}"
        );
        assert_eq!(
            sa.sub(&sb).to_uint(),
            canon(a.sub_mod_special(&b, cl)),
            "#{i}: {a} - {b}"
        );
        assert_eq!(sa.neg().to_uint(), ma.neg().to_uint(), "#{i}: -{a}");
        assert_eq!(sa.double().to_uint(), ma.double().to_uint(), "#{i}: 2 {a}");
        for k in [3u8, 4, 8] {
            assert_eq!(
                sa.mul_small(k).to_uint(),
                ma.mul_small(k).to_uint(),
                "#{i}: {k} {a}"
            );
        }
        assert_eq!(sa.equals(&sb), a == b);
        assert_eq!(sa.is_zero(), a.is_zero_vartime());
        // The constant-time word functions.
        let (aw, bw) = (a.as_words(), b.as_words());
        let (lo, hi) = field::mul_wide(aw, bw);
        assert_eq!(
            Uint::from_words(field::reduce_ct(&lo, &hi, cw)),
            want_mul,
            "#{i}: ct mul"
        );
        let (lo, hi) = field::square_wide(aw);
        assert_eq!(
            Uint::from_words(field::reduce_ct(&lo, &hi, cw)),
            ma.square().to_uint(),
            "#{i}: ct square"
        );
        assert_eq!(
            Uint::from_words(field::add_ct(aw, bw, cw)),
            sa.add(&sb).to_uint()
        );
        assert_eq!(
            Uint::from_words(field::sub_ct(aw, bw, cw)),
            sa.sub(&sb).to_uint()
        );
        // The full product itself, against crypto-bigint's widening multiplication.
        let (lo, hi) = field::mul_wide(aw, bw);
        assert_eq!(
            (Uint::from_words(lo), Uint::from_words(hi)),
            a.widening_mul(&b)
        );
    }
}

#[test]
fn special_field_matches_crypto_bigint_on_random_inputs() {
    check_special_random::<
        <curves::CryptoProA as CurveSpec<L256>>::F,
        crypto_bigint::modular::ConstMontyForm<curves::cryptopro_a::FieldP, L256>,
        L256,
    >(617, 20_000, 0x9e37_79b9_7f4a_7c15);
    check_special_random::<
        <curves::Tc26_512A as CurveSpec<L512>>::F,
        crypto_bigint::modular::ConstMontyForm<curves::tc26_512a::FieldP, L512>,
        L512,
    >(569, 20_000, 0xd1b5_4a32_d192_ed03);
}
