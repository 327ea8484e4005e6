//! Domain parameters of the GOST R 34.10-2001/2012 (and Kazakh ST RK GOST 34.310-2004)
//! elliptic curves, in short Weierstrass form `y^2 = x^3 + a*x + b (mod p)`.
//!
//! Source of every constant: RFC 4357 section 11.4 (CryptoPro 256-bit sets), RFC 7836
//! appendix A (TC26 sets, the twisted Edwards ones given in their Weierstrass form),
//! RFC 7091 section 7 / GOST R 34.10-2012 appendix A (the two example curves). They were
//! cross-checked against the tables of the OpenSSL GOST engine (`gost_params.c`, and the
//! strings of the Debian `libengine-gost-openssl` binary), and each curve is checked by the
//! unit tests below: the base point lies on the curve and `q * G` is the point at infinity.

use crypto_bigint::{Uint, U256, U512};

use super::comb::{Comb, COMB_TEETH, WIDE_COMB_AFTER, WIDE_COMB_TEETH};
use super::ec::{CurveSpec, OddTable};
use super::edwards::OddTable as EdwardsTable;
use super::field::{Special, SpecialModulus};
use super::subgroup::Constants as SubgroupTest;

/// Parses big-endian hex of any length up to `Uint<L>` in a const context (curve constants
/// only; a malformed constant is a compile-time error, never a runtime panic).
pub(crate) const fn hex<const L: usize>(s: &str) -> Uint<L> {
    let bytes = s.as_bytes();
    let mut words = [0 as crypto_bigint::Word; L];
    let word_bits = crypto_bigint::Word::BITS as usize;
    let mut nibble = 0usize;
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        let c = bytes[i];
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("invalid hex digit in a curve constant"),
        } as crypto_bigint::Word;
        let bit = nibble * 4;
        assert!(bit / word_bits < L, "curve constant too long");
        words[bit / word_bits] |= v << (bit % word_bits);
        nibble += 1;
    }
    Uint::from_words(words)
}

/// Whether the big-endian hex `p` equals `2^(64 L) - c` (compile-time check of the
/// special-form moduli).
// Used only in `const _` assertions, which rustc 1.88 (the rust-version) does not count.
#[allow(dead_code)]
pub(crate) const fn is_special<const L: usize>(p: &str, c: u32) -> bool {
    let p = hex::<L>(p);
    let want = Uint::<L>::MAX.wrapping_sub(&Uint::from_u32(c - 1));
    p.cmp_vartime(&want).is_eq()
}

macro_rules! gost_curve {
    ($(#[$doc:meta])* $name:ident in $module:ident, $uint:ty, $field:ident $(($c:literal))?,
     p = $p:literal, q = $q:literal, a = $a:literal, b = $b:literal, x = $x:literal,
     y = $y:literal $(, edwards_d = $d:literal)?) => {
        pub(crate) use $module::Curve as $name;

        pub(crate) mod $module {
            use std::sync::atomic::{AtomicU32, Ordering};
            use std::sync::OnceLock;

            use crypto_bigint::modular::{ConstMontyParams, FixedMontyParams};
            use crypto_bigint::{Odd, Uint};

            use super::{
                hex, Comb, CurveSpec, EdwardsTable, OddTable, SubgroupTest, COMB_TEETH,
                WIDE_COMB_AFTER, WIDE_COMB_TEETH,
            };

            const L: usize = <$uint>::LIMBS;

            $(#[$doc])*
            #[derive(Debug, Clone, Copy)]
            pub(crate) struct Curve;

            impl CurveSpec<L> for Curve {
                type F = gost_curve!(@field $field $(($c))?);
                type Fq = FieldQ;
                const A: Uint<L> = hex($a);
                const B: Uint<L> = hex($b);
                const GX: Uint<L> = hex($x);
                const GY: Uint<L> = hex($y);

                fn g_comb() -> &'static Comb<Self::F> {
                    static TABLE: OnceLock<Comb<<Curve as CurveSpec<L>>::F>> = OnceLock::new();
                    TABLE.get_or_init(|| Comb::new::<Curve, L>(&Curve::generator(), COMB_TEETH))
                }

                fn g_comb_wide() -> Option<&'static Comb<Self::F>> {
                    static TABLE: OnceLock<Comb<<Curve as CurveSpec<L>>::F>> = OnceLock::new();
                    static CALLS: AtomicU32 = AtomicU32::new(0);
                    if let Some(table) = TABLE.get() {
                        return Some(table);
                    }
                    if CALLS.fetch_add(1, Ordering::Relaxed) < WIDE_COMB_AFTER {
                        return None;
                    }
                    Some(TABLE.get_or_init(|| {
                        Comb::new::<Curve, L>(&Curve::generator(), WIDE_COMB_TEETH)
                    }))
                }

                fn g_odd() -> &'static OddTable<Self::F> {
                    static TABLE: OnceLock<OddTable<<Curve as CurveSpec<L>>::F>> = OnceLock::new();
                    TABLE.get_or_init(|| OddTable::new::<Curve, L>(&Curve::generator()))
                }

                fn g_odd_edwards() -> Option<&'static EdwardsTable<Self::F>> {
                    const D: Option<Uint<L>> = gost_curve!(@edwards $($d)?);
                    static TABLE: OnceLock<Option<EdwardsTable<<Curve as CurveSpec<L>>::F>>> =
                        OnceLock::new();
                    TABLE
                        .get_or_init(|| D.and_then(|d| EdwardsTable::new::<Curve, L>(&d)))
                        .as_ref()
                }

                fn subgroup_test() -> Option<&'static SubgroupTest<Self::F, L>> {
                    const D: Option<Uint<L>> = gost_curve!(@edwards $($d)?);
                    static CONSTANTS: OnceLock<Option<SubgroupTest<<Curve as CurveSpec<L>>::F, L>>> =
                        OnceLock::new();
                    CONSTANTS
                        .get_or_init(|| D.and_then(|d| SubgroupTest::new::<Curve>(&d)))
                        .as_ref()
                }
            }

            /// The field modulus `p` (Montgomery parameters).
            #[allow(dead_code)]
            #[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
            pub(crate) struct FieldP;
            impl ConstMontyParams<L> for FieldP {
                const LIMBS: usize = L;
                const PARAMS: FixedMontyParams<L> =
                    FixedMontyParams::new_vartime(Odd::<Uint<L>>::from_be_hex($p));
            }

            /// `p = 2^(64 L) - c`.
            #[allow(dead_code)]
            #[derive(Clone, Copy, Debug)]
            pub(crate) struct SpecialP;
            impl super::SpecialModulus for SpecialP {
                const C: u32 = gost_curve!(@c $($c)?);
            }
            const _: () = assert!(
                gost_curve!(@c $($c)?) == 0 || super::is_special::<L>($p, gost_curve!(@c $($c)?)),
                "p is not 2^n - c"
            );
            // The reduction folds `top * c` into one word: c < 2^16 keeps it there.
            const _: () = assert!(gost_curve!(@c $($c)?) < (1 << 16), "c too large");

            /// The group order `q`.
            #[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
            pub(crate) struct FieldQ;
            impl ConstMontyParams<L> for FieldQ {
                const LIMBS: usize = L;
                const PARAMS: FixedMontyParams<L> =
                    FixedMontyParams::new_vartime(Odd::<Uint<L>>::from_be_hex($q));
            }
        }
    };
    (@field montgomery) => { crypto_bigint::modular::ConstMontyForm<FieldP, L> };
    (@field special($c:literal)) => { super::Special<SpecialP, L> };
    (@edwards) => { None };
    (@edwards $d:literal) => { Some(super::hex($d)) };
    (@c) => { 0 };
    (@c $c:literal) => { $c };
}

/// Limbs of a 256-bit coordinate.
pub(crate) const L256: usize = U256::LIMBS;
/// Limbs of a 512-bit coordinate.
pub(crate) const L512: usize = U512::LIMBS;

gost_curve!(
    /// id-GostR3410-2001-TestParamSet (1.2.643.2.2.35.0): the curve of GOST R 34.10-2012
    /// appendix A example 1 / RFC 7091 section 7.1.
    CryptoProTest in cryptopro_test, crypto_bigint::U256, montgomery,
    p = "8000000000000000000000000000000000000000000000000000000000000431",
    q = "8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3",
    a = "7",
    b = "5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E",
    x = "2",
    y = "08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8"
);

gost_curve!(
    /// id-GostR3410-2001-CryptoPro-A-ParamSet (1.2.643.2.2.35.1), also XchA (1.2.643.2.2.36.0)
    /// and TC26 256 paramSetB (1.2.643.7.1.2.1.1.2); the NCA's GOST 34.310-2004 curve
    /// (1.2.398.3.10.1.1.1.1.1).
    CryptoProA in cryptopro_a, crypto_bigint::U256, special(617),
    p = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    q = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
    a = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94",
    b = "A6",
    x = "1",
    y = "8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14"
);

gost_curve!(
    /// id-GostR3410-2001-CryptoPro-B-ParamSet (1.2.643.2.2.35.2), also TC26 256 paramSetC.
    CryptoProB in cryptopro_b, crypto_bigint::U256, montgomery,
    p = "8000000000000000000000000000000000000000000000000000000000000C99",
    q = "800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F",
    a = "8000000000000000000000000000000000000000000000000000000000000C96",
    b = "3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B",
    x = "1",
    y = "3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC"
);

gost_curve!(
    /// id-GostR3410-2001-CryptoPro-C-ParamSet (1.2.643.2.2.35.3), also XchB
    /// (1.2.643.2.2.36.1) and TC26 256 paramSetD.
    CryptoProC in cryptopro_c, crypto_bigint::U256, montgomery,
    p = "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B",
    q = "9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9",
    a = "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598",
    b = "805A",
    x = "0",
    y = "41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67"
);

gost_curve!(
    /// id-tc26-gost-3410-2012-256-paramSetA (1.2.643.7.1.2.1.1.1), a twisted Edwards curve
    /// (cofactor 4) in its Weierstrass form (RFC 7836 A.2).
    Tc26_256A in tc26_256a, crypto_bigint::U256, special(617),
    p = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
    q = "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
    a = "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
    b = "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513",
    x = "91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28",
    y = "32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C",
    edwards_d = "0605F6B7C183FA81578BC39CFAD518132B9DF62897009AF7E522C32D6DC7BFFB"
);

gost_curve!(
    /// id-tc26-gost-3410-2012-512-paramSetTest (1.2.643.7.1.2.1.2.0): the curve of
    /// GOST R 34.10-2012 appendix A example 2 / RFC 7091 section 7.2.
    Tc26_512Test in tc26_512test, crypto_bigint::U512, montgomery,
    p = "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DF1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373",
    q = "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF",
    a = "7",
    b = "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC4361834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC",
    x = "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A",
    y = "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E"
);

gost_curve!(
    /// id-tc26-gost-3410-12-512-paramSetA (1.2.643.7.1.2.1.2.1); the NCA's GOST 2015 512-bit
    /// parameter set (1.2.398.3.10.1.1.2.2.1).
    Tc26_512A in tc26_512a, crypto_bigint::U512, special(569),
    p = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
    q = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
    a = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
    b = "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
    x = "3",
    y = "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4"
);

gost_curve!(
    /// id-tc26-gost-3410-12-512-paramSetB (1.2.643.7.1.2.1.2.2).
    Tc26_512B in tc26_512b, crypto_bigint::U512, montgomery,
    p = "8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006F",
    q = "800000000000000000000000000000000000000000000000000000000000000149A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD",
    a = "8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006C",
    b = "687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116",
    x = "2",
    y = "1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD"
);

gost_curve!(
    /// id-tc26-gost-3410-2012-512-paramSetC (1.2.643.7.1.2.1.2.3), a twisted Edwards curve
    /// (cofactor 4) in its Weierstrass form (RFC 7836 A.1).
    Tc26_512C in tc26_512c, crypto_bigint::U512, special(569),
    p = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
    q = "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED",
    a = "DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E143064546E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3",
    b = "B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE038CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1",
    x = "E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043AA27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148",
    y = "F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9BE18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F",
    edwards_d = "9E4F5D8C017D8D9F13A5CF3CDF5BFE4DAB402D54198E31EBDE28A0621050439CA6B39E0A515C06B304E2CE43E79E369E91A0CFC2BC2A22B4CA302DBB33EE7550"
);
