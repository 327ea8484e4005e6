//! Review 38: can a forged GOST signature verify? A differential attack on the optimised
//! verifier (`src/gost/{field,ec,comb,edwards,mod}.rs`) through the `hazmat` API.
//!
//! The reference: a slow, obviously correct verifier written here with `num-bigint`'s
//! `BigUint` (as re-exported by the dev-dependency `x509-parser`; no new dependency) —
//! affine points as `Option<(x, y)>`, the chord-and-tangent law with a modular inverse per
//! addition, double-and-add (run in Jacobian coordinates with Cohen's textbook formulas,
//! every exceptional case its own branch, and checked against the affine law), the key
//! checked `< p`, on the curve and `[q]Q = O` on every
//! curve, GOST R 34.10-2012 section 6.2 steps 1-7 to the letter (`e = alpha mod q`,
//! `e := 1` for 0, `R = x_C mod q`). It shares only the curve constants with the library
//! (copied from `curves.rs`; the reference checks `G` on the curve, `[q]G = O` and the
//! Hasse bound for each).
//!
//! What was attacked, each through both of the library's paths — the one-off chain
//! (`verify_integers`, a fresh key each call: width-5/width-10 NAF, Weierstrass or, on
//! TC26-256-A and TC26-512-C, twisted Edwards) and the prepared chain (a kept
//! `GostPublicKey`, used twice and more: the key's comb with the base point's 8-tooth comb,
//! then its 12-tooth comb after 512 prepared verifications in the process):
//!
//! - signatures crafted for chosen `(u1, u2) = (z1, z2)`: given the key `Q` and any
//!   non-zero `u1, u2`, `C = u1 G + u2 Q`, `r = x_C mod q`, `e = -r/u2`, `s = u1 e` is a
//!   valid signature whose verification computes exactly `u1 G + u2 Q`. With
//!   `Q = G, -G, 2G, 3G, (q-1)/2 G, ...` and `u1 = u2`, `u1 = u2 + 1`, `u1 = 1`, `u2 = 1`,
//!   sparse and dense scalars, the chains add `P + P` and `P + (-P)` in their mixed
//!   additions (the first column/digit, and whole chains of near-cancelling columns), hit
//!   the point at infinity mid-chain, and end at `O` (which must be refused);
//! - the final comparison without inversion: products whose `x` is `p - 1`, `p - 2`, an
//!   all-ones-words value, `q`, `q + 1`, `2q + r`, `3q + r` (on the cofactor-4 curves the
//!   candidates `r + k q < p` matter), made with a key `Q = P - u1 G` so that `C = P`;
//! - `r, s` in `{0, 1, q-1, q, q+1, p-1, p, 2^n - 1}`, `r + q` for a valid `r`, values
//!   longer than a coordinate; digests `0`, `q`, `2q`, `k q + e`, 512-bit digests on
//!   256-bit curves (`e = 0 -> 1`);
//! - keys: the generator, `-G`, small multiples, coordinates `>= p` (`x + p`), `(0, 0)`,
//!   off-curve points, points of order 2 and 4 and `G + T` on the cofactor-4 curves (must
//!   be refused; the Edwards map's exceptional point is the order-2 one);
//! - field edges reached through the point arithmetic: keys and products with
//!   coordinates near `p` and at all-ones words (the special-form field `2^n - c` of
//!   CryptoPro-A, TC26-256-A, TC26-512-A/C);
//! - random fuzzing: random keys, digests and nonces signed by the reference; each valid
//!   signature accepted by both paths, every one-bit mutation of `r`, `s`, the digest and
//!   the key rejected (a key mutation refused as a key);
//! - the library's constant-time signer on edge digests (`0`, `1`, `q - 1`, `q`,
//!   `2^n - 1`), both signature layouts (NCA little-endian `r || s`, RFC 4491 big-endian
//!   `s || r`), checked by the reference.
//!
//! Findings: none. No input made the library disagree with the reference on either path:
//! no forged or mutated signature verified, no valid one was refused, no hostile key was
//! taken, nothing panicked. Every attack above is a `held_*` test; there is no `defect_*`
//! test. (Release builds run all nine curves and about 600 random signatures with three
//! mutations each per curve; debug builds the two 256-bit special-form curves and a few
//! rounds, to stay within seconds.)
//!
//! The harness has teeth: with `verify`'s candidate loop cut to the first candidate
//! (`r` alone, no `r + k q`) all eight tests failed, by up to hundreds of disagreements
//! each (valid signatures whose `x_C >= q` refused).
//! What it cannot reach: the field's word-level edges where an intermediate equals `p`
//! exactly (`canonical_vartime`'s `>=`, the carry paths of `add_vartime`/`sub_vartime`)
//! cannot be aimed at through public points; they were read instead and are right
//! (`r in [p, 2^n)` iff every word but the lowest is all ones and the lowest is
//! `>= 2^64 - c`; a carry out of `a + b` leaves `a + b - 2^n + c < p`; a borrow leaves
//! `a - b + 2^n > c`, so subtracting `c` cannot borrow again).

use qoltanba::hazmat::gost::{
    verify_integers, GostAlgorithm, GostCurve, GostError, GostPublicKey, GostSigningKey,
};
use x509_parser::num_bigint::BigUint;

// ---------------------------------------------------------------------------------------
// Curve constants (copied from src/gost/curves.rs; checked below)
// ---------------------------------------------------------------------------------------

struct Params {
    curve: GostCurve,
    bytes: usize,
    p: &'static str,
    q: &'static str,
    a: &'static str,
    b: &'static str,
    gx: &'static str,
    gy: &'static str,
}

const PARAMS: [Params; 9] = [
    Params {
        curve: GostCurve::CryptoProTest,
        bytes: 32,
        p: "8000000000000000000000000000000000000000000000000000000000000431",
        q: "8000000000000000000000000000000150FE8A1892976154C59CFC193ACCF5B3",
        a: "7",
        b: "5FBFF498AA938CE739B8E022FBAFEF40563F6E6A3472FC2A514C0CE9DAE23B7E",
        gx: "2",
        gy: "08E2A8A0E65147D4BD6316030E16D19C85C97F0A9CA267122B96ABBCEA7E8FC8",
    },
    Params {
        curve: GostCurve::CryptoProA,
        bytes: 32,
        p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
        q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893",
        a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94",
        b: "A6",
        gx: "1",
        gy: "8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14",
    },
    Params {
        curve: GostCurve::CryptoProB,
        bytes: 32,
        p: "8000000000000000000000000000000000000000000000000000000000000C99",
        q: "800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F",
        a: "8000000000000000000000000000000000000000000000000000000000000C96",
        b: "3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B",
        gx: "1",
        gy: "3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC",
    },
    Params {
        curve: GostCurve::CryptoProC,
        bytes: 32,
        p: "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B",
        q: "9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9",
        a: "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598",
        b: "805A",
        gx: "0",
        gy: "41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67",
    },
    Params {
        curve: GostCurve::Tc26_256A,
        bytes: 32,
        p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97",
        q: "400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67",
        a: "C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335",
        b: "295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513",
        gx: "91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28",
        gy: "32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C",
    },
    Params {
        curve: GostCurve::Tc26_512Test,
        bytes: 64,
        p: "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DF1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373",
        q: "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF",
        a: "7",
        b: "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC4361834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC",
        gx: "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A",
        gy: "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E",
    },
    Params {
        curve: GostCurve::Tc26_512A,
        bytes: 64,
        p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
        q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
        a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
        b: "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
        gx: "3",
        gy: "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4",
    },
    Params {
        curve: GostCurve::Tc26_512B,
        bytes: 64,
        p: "8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006F",
        q: "800000000000000000000000000000000000000000000000000000000000000149A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD",
        a: "8000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006C",
        b: "687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116",
        gx: "2",
        gy: "1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD",
    },
    Params {
        curve: GostCurve::Tc26_512C,
        bytes: 64,
        p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
        q: "3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED",
        a: "DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E143064546E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3",
        b: "B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE038CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1",
        gx: "E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043AA27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148",
        gy: "F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9BE18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F",
    },
];

// ---------------------------------------------------------------------------------------
// The reference: affine arithmetic on BigUint
// ---------------------------------------------------------------------------------------

type Pt = Option<(BigUint, BigUint)>;

fn hexu(s: &str) -> BigUint {
    BigUint::parse_bytes(s.as_bytes(), 16).expect("hex")
}

fn u(v: u64) -> BigUint {
    BigUint::from(v)
}

#[derive(Clone)]
struct Curve {
    id: GostCurve,
    n: usize,
    p: BigUint,
    q: BigUint,
    a: BigUint,
    b: BigUint,
    g: Pt,
}

impl Curve {
    fn get(id: GostCurve) -> Curve {
        let pr = PARAMS.iter().find(|p| p.curve == id).expect("curve");
        let c = Curve {
            id,
            n: pr.bytes,
            p: hexu(pr.p),
            q: hexu(pr.q),
            a: hexu(pr.a),
            b: hexu(pr.b),
            g: Some((hexu(pr.gx), hexu(pr.gy))),
        };
        assert!(c.on_curve(c.g.as_ref().unwrap()));
        c
    }

    fn all() -> Vec<Curve> {
        PARAMS.iter().map(|p| Curve::get(p.curve)).collect()
    }

    /// The cofactor (1 or 4 for these curves), from the Hasse bound.
    fn cofactor(&self) -> u64 {
        if &self.q * u(3) > &self.p * u(2) {
            1
        } else {
            4
        }
    }

    fn m(&self, x: BigUint) -> BigUint {
        x % &self.p
    }
    fn sub(&self, x: &BigUint, y: &BigUint) -> BigUint {
        self.m(x + &self.p - self.m(y.clone()))
    }
    fn inv(&self, x: &BigUint) -> BigUint {
        x.modinv(&self.p).expect("invertible")
    }

    fn on_curve(&self, (x, y): &(BigUint, BigUint)) -> bool {
        self.m(y * y) == self.m(x * x * x + &self.a * x + &self.b)
    }

    fn neg(&self, pt: &Pt) -> Pt {
        pt.as_ref().map(|(x, y)| (x.clone(), self.m(&self.p - y)))
    }

    fn add(&self, p1: &Pt, p2: &Pt) -> Pt {
        let (Some((x1, y1)), Some((x2, y2))) = (p1, p2) else {
            return p1.clone().or_else(|| p2.clone());
        };
        let lambda = if x1 == x2 {
            if self.m(y1 + y2) == u(0) {
                return None;
            }
            // tangent: (3 x^2 + a) / 2y
            self.m((u(3) * x1 * x1 + &self.a) * self.inv(&self.m(u(2) * y1)))
        } else {
            self.m(self.sub(y2, y1) * self.inv(&self.sub(x2, x1)))
        };
        let x3 = self.sub(&self.sub(&self.m(&lambda * &lambda), x1), x2);
        let y3 = self.sub(&self.m(&lambda * self.sub(x1, &x3)), y1);
        Some((x3, y3))
    }

    /// `k P` by double-and-add. The chain runs in Jacobian coordinates (Cohen's textbook
    /// formulas, general `a`, every exceptional case by its own branch) with one inversion
    /// at the end; `held_reference_agrees_with_library_signer` checks it against the affine
    /// law above.
    fn mul(&self, k: &BigUint, pt: &Pt) -> Pt {
        let Some((x, y)) = pt else { return None };
        let base = (x.clone(), y.clone(), u(1));
        let mut acc: Option<(BigUint, BigUint, BigUint)> = None;
        for i in (0..k.bits()).rev() {
            acc = acc.and_then(|a| self.jdouble(&a));
            if k.bit(i) {
                acc = match acc {
                    None => Some(base.clone()),
                    Some(a) => self.jadd(&a, &base),
                };
            }
        }
        let (x, y, z) = acc?;
        let zi = self.inv(&z);
        let zi2 = self.m(&zi * &zi);
        Some((self.m(x * &zi2), self.m(y * zi2 * zi)))
    }

    fn jdouble(
        &self,
        (x, y, z): &(BigUint, BigUint, BigUint),
    ) -> Option<(BigUint, BigUint, BigUint)> {
        if y == &u(0) {
            return None;
        }
        let yy = self.m(y * y);
        let s = self.m(u(4) * x * &yy);
        let zz = self.m(z * z);
        let m = self.m(u(3) * x * x + &self.a * &zz * &zz);
        let x3 = self.sub(&self.m(&m * &m), &self.m(u(2) * &s));
        let y3 = self.sub(&self.m(&m * self.sub(&s, &x3)), &self.m(u(8) * &yy * &yy));
        let z3 = self.m(u(2) * y * z);
        Some((x3, y3, z3))
    }

    fn jadd(
        &self,
        p1: &(BigUint, BigUint, BigUint),
        p2: &(BigUint, BigUint, BigUint),
    ) -> Option<(BigUint, BigUint, BigUint)> {
        let (x1, y1, z1) = p1;
        let (x2, y2, z2) = p2;
        let z1z1 = self.m(z1 * z1);
        let z2z2 = self.m(z2 * z2);
        let u1 = self.m(x1 * &z2z2);
        let u2 = self.m(x2 * &z1z1);
        let s1 = self.m(y1 * z2 * &z2z2);
        let s2 = self.m(y2 * z1 * &z1z1);
        if u1 == u2 {
            return if s1 == s2 { self.jdouble(p1) } else { None };
        }
        let h = self.sub(&u2, &u1);
        let r = self.sub(&s2, &s1);
        let hh = self.m(&h * &h);
        let hhh = self.m(&hh * &h);
        let v = self.m(&u1 * &hh);
        let x3 = self.sub(&self.sub(&self.m(&r * &r), &hhh), &self.m(u(2) * &v));
        let y3 = self.sub(&self.m(&r * self.sub(&v, &x3)), &self.m(&s1 * &hhh));
        let z3 = self.m(h * z1 * z2);
        Some((x3, y3, z3))
    }

    /// `k P` with the affine law alone (slow; checks [`Curve::mul`]).
    fn mul_affine(&self, k: &BigUint, pt: &Pt) -> Pt {
        let mut acc: Pt = None;
        for i in (0..k.bits()).rev() {
            acc = self.add(&acc, &acc);
            if k.bit(i) {
                acc = self.add(&acc, pt);
            }
        }
        acc
    }

    fn mul_g(&self, k: &BigUint) -> Pt {
        self.mul(k, &self.g)
    }

    /// The key checks: `< p`, on the curve, `[q]Q = O`.
    fn ref_key(&self, qx: &BigUint, qy: &BigUint) -> Result<Pt, &'static str> {
        type Seen = std::collections::HashMap<(String, BigUint, BigUint), Result<Pt, &'static str>>;
        thread_local! {
            static SEEN: std::cell::RefCell<Seen> = Default::default();
        }
        let id = (format!("{:?}", self.id), qx.clone(), qy.clone());
        if let Some(v) = SEEN.with(|s| s.borrow().get(&id).cloned()) {
            return v;
        }
        let v = self.ref_key_uncached(qx, qy);
        SEEN.with(|s| s.borrow_mut().insert(id, v.clone()));
        v
    }

    fn ref_key_uncached(&self, qx: &BigUint, qy: &BigUint) -> Result<Pt, &'static str> {
        if qx >= &self.p || qy >= &self.p {
            return Err("range");
        }
        let pt = (qx.clone(), qy.clone());
        if !self.on_curve(&pt) {
            return Err("curve");
        }
        let pt = Some(pt);
        if self.mul(&self.q, &pt).is_some() {
            return Err("order");
        }
        Ok(pt)
    }

    /// GOST R 34.10-2012 6.2 with a validated key.
    fn ref_verify_pt(&self, key: &Pt, alpha: &BigUint, r: &BigUint, s: &BigUint) -> bool {
        let q = &self.q;
        if r == &u(0) || s == &u(0) || r >= q || s >= q {
            return false;
        }
        let mut e = alpha % q;
        if e == u(0) {
            e = u(1);
        }
        let v = e.modinv(q).expect("e invertible");
        let z1 = (s * &v) % q;
        let z2 = ((q - r) * &v) % q;
        let c = self.add(&self.mul_g(&z1), &self.mul(&z2, key));
        match c {
            None => false,
            Some((x, _)) => &(x % q) == r,
        }
    }

    fn ref_verify(
        &self,
        qx: &BigUint,
        qy: &BigUint,
        alpha: &BigUint,
        r: &BigUint,
        s: &BigUint,
    ) -> Result<bool, &'static str> {
        let key = self.ref_key(qx, qy)?;
        Ok(self.ref_verify_pt(&key, alpha, r, s))
    }

    /// A valid signature whose verification computes `u1 G + u2 Q`: `(alpha, r, s)`, or
    /// `None` when that sum is `O` or `r = 0`.
    fn craft(&self, key: &Pt, u1: &BigUint, u2: &BigUint) -> Option<(BigUint, BigUint, BigUint)> {
        let q = &self.q;
        let (u1, u2) = (u1 % q, u2 % q);
        assert!(u1 != u(0) && u2 != u(0));
        let (x, _) = self.add(&self.mul_g(&u1), &self.mul(&u2, key))?;
        let r = x % q;
        if r == u(0) {
            return None;
        }
        let e = ((q - &r) * u2.modinv(q).unwrap()) % q;
        let s = (&u1 * &e) % q;
        Some((e, r, s))
    }

    /// A signature by `d` with nonce `k` over `alpha`.
    fn sign(&self, d: &BigUint, k: &BigUint, alpha: &BigUint) -> Option<(BigUint, BigUint)> {
        let q = &self.q;
        let (x, _) = self.mul_g(k)?;
        let r = x % q;
        let mut e = alpha % q;
        if e == u(0) {
            e = u(1);
        }
        let s = (&r * d + k * e) % q;
        (r != u(0) && s != u(0)).then_some((r, s))
    }

    /// A point with `x` if `x^3 + a x + b` is a square (`p = 3 mod 4` for the special
    /// curves; Tonelli-Shanks is not needed for the ones this is used on).
    fn lift_x(&self, x: &BigUint) -> Pt {
        let rhs = self.m(x * x * x + &self.a * x + &self.b);
        assert_eq!(&self.p % u(4), u(3));
        let y = rhs.modpow(&((&self.p + u(1)) / u(4)), &self.p);
        (self.m(&y * &y) == rhs).then(|| (x.clone(), y))
    }

    fn be(&self, v: &BigUint) -> Vec<u8> {
        let b = v.to_bytes_be();
        assert!(b.len() <= self.n, "value longer than a coordinate");
        let mut out = vec![0u8; self.n - b.len()];
        out.extend_from_slice(&b);
        out
    }

    fn le(&self, v: &BigUint) -> Vec<u8> {
        let mut b = self.be(v);
        b.reverse();
        b
    }

    fn prehash_algorithm(&self) -> GostAlgorithm {
        if self.n == 64 {
            GostAlgorithm::Nca2015_512
        } else {
            GostAlgorithm::Nca2015_256
        }
    }
}

// ---------------------------------------------------------------------------------------
// The library, through both paths
// ---------------------------------------------------------------------------------------

/// What the library says: the one-off path (a fresh key through `verify_integers`), and a
/// kept key's first (one-off) and second and third (comb) verifications.
#[derive(Debug, PartialEq, Eq)]
enum Lib {
    Key(GostError),
    Verdicts {
        one_off: bool,
        first: bool,
        comb: bool,
        comb_again: bool,
    },
}

fn lib_key(c: &Curve, qx: &BigUint, qy: &BigUint) -> Result<GostPublicKey, GostError> {
    let mut bits = c.le(qx);
    bits.extend(c.le(qy));
    GostPublicKey::new(c.id, &bits)
}

fn nca_sig(c: &Curve, r: &BigUint, s: &BigUint) -> Vec<u8> {
    let mut sig = c.le(r);
    sig.extend(c.le(s));
    sig
}

/// `alpha` as the digest the prepared path takes (little-endian, the hash's length); the
/// caller keeps `alpha < 2^n`.
fn digest_le(c: &Curve, alpha: &BigUint) -> Vec<u8> {
    c.le(alpha)
}

fn lib_one_off(
    c: &Curve,
    qx: &BigUint,
    qy: &BigUint,
    alpha: &BigUint,
    r: &BigUint,
    s: &BigUint,
) -> Result<bool, GostError> {
    let a = alpha.to_bytes_be();
    verify_integers(c.id, &c.be(qx), &c.be(qy), &a, &c.be(r), &c.be(s))
}

fn lib(c: &Curve, qx: &BigUint, qy: &BigUint, alpha: &BigUint, r: &BigUint, s: &BigUint) -> Lib {
    let one_off = match lib_one_off(c, qx, qy, alpha, r, s) {
        Ok(v) => v,
        Err(e) => {
            let again = lib_key(c, qx, qy).err();
            assert_eq!(again.as_ref(), Some(&e), "the two key parsers disagree");
            return Lib::Key(e);
        }
    };
    let key = lib_key(c, qx, qy).expect("the key verify_integers took");
    let alg = c.prehash_algorithm();
    let (d, sig) = (digest_le(c, alpha), nca_sig(c, r, s));
    let run = || key.verify_prehashed(alg, &d, &sig).expect("prehashed");
    Lib::Verdicts {
        one_off,
        first: run(),
        comb: run(),
        comb_again: run(),
    }
}

/// Compares the library with the reference on one input; `Err` describes a disagreement.
fn compare(
    c: &Curve,
    qx: &BigUint,
    qy: &BigUint,
    alpha: &BigUint,
    r: &BigUint,
    s: &BigUint,
) -> Result<Option<bool>, String> {
    let want = c.ref_verify(qx, qy, alpha, r, s);
    let got = lib(c, qx, qy, alpha, r, s);
    let ok = match (&want, &got) {
        (Err(_), Lib::Key(_)) => true,
        (
            Ok(v),
            Lib::Verdicts {
                one_off,
                first,
                comb,
                comb_again,
            },
        ) => [*one_off, *first, *comb, *comb_again]
            .iter()
            .all(|x| x == v),
        _ => false,
    };
    if ok {
        Ok(want.ok())
    } else {
        Err(format!(
            "{:?}: key ({qx:x}, {qy:x}) alpha {alpha:x} r {r:x} s {s:x}: reference {want:?}, library {got:?}",
            c.id
        ))
    }
}

/// A crafted valid signature for `(u1, u2)` and its near misses, all compared.
fn crafted_battery(c: &Curve, key: &Pt, u1: &BigUint, u2: &BigUint, failures: &mut Vec<String>) {
    let (qx, qy) = key.clone().expect("finite key");
    let q = &c.q;
    match c.craft(key, u1, u2) {
        Some((alpha, r, s)) => {
            match compare(c, &qx, &qy, &alpha, &r, &s) {
                Ok(Some(true)) => {}
                Ok(v) => failures.push(format!(
                    "{:?}: crafted signature not valid in the reference: {v:?}",
                    c.id
                )),
                Err(e) => failures.push(e),
            }
            let one = u(1);
            let mut near = vec![
                (alpha.clone(), (&r + &one) % q, s.clone()),
                (alpha.clone(), r.clone(), (&s + &one) % q),
                ((&alpha + &one) % q, r.clone(), s.clone()),
                (alpha.clone(), (q - &r) % q, s.clone()),
                (alpha.clone(), r.clone(), (q - &s) % q),
            ];
            // The same e through alpha + q (when it fits the prepared path's digest).
            let alpha_q = &alpha + q;
            if alpha_q.bits() <= 8 * c.n as u64 {
                near.push((alpha_q, r.clone(), s.clone()));
            }
            for (a, r2, s2) in near {
                if let Err(e) = compare(c, &qx, &qy, &a, &r2, &s2) {
                    failures.push(e);
                }
            }
        }
        None => {
            // The product is O: any r must be refused.
            let e = u(7);
            let s = (u1 % q * &e) % q;
            let r = (q - (u2 % q * &e) % q) % q;
            if r != u(0) && s != u(0) {
                match compare(c, &qx, &qy, &e, &r, &s) {
                    Ok(Some(false)) => {}
                    Ok(v) => failures.push(format!("{:?}: O product: {v:?}", c.id)),
                    Err(e) => failures.push(e),
                }
            }
        }
    }
}

/// A deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, m: &BigUint) -> BigUint {
        let words = m.bits().div_ceil(64) as usize + 1;
        let v: Vec<u64> = (0..words).map(|_| self.next()).collect();
        let mut x = BigUint::from(0u8);
        for w in v {
            x = (x << 64) + u(w);
        }
        x % m
    }
    fn nonzero_below(&mut self, m: &BigUint) -> BigUint {
        loop {
            let x = self.below(m);
            if x != u(0) {
                return x;
            }
        }
    }
}

fn assert_none(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} disagreement(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn debug() -> bool {
    cfg!(debug_assertions)
}

/// The curves of a test: all nine in release builds; in debug builds (slow big integers)
/// the two 256-bit curves of the special-form field, CryptoPro-A (Weierstrass chain) and
/// TC26-256-A (twisted Edwards chain).
fn curves_for_test() -> Vec<Curve> {
    let special = [
        GostCurve::CryptoProA,
        GostCurve::Tc26_256A,
        GostCurve::Tc26_512A,
        GostCurve::Tc26_512C,
    ];
    Curve::all()
        .into_iter()
        .filter(|c| !debug() || (special.contains(&c.id) && c.n == 32))
        .collect()
}

/// A point of the curve in the prime-order subgroup with `x` at or just below `target`
/// (both `y`), if one is found within a few tries.
fn subgroup_point_near(c: &Curve, target: &BigUint) -> Option<Pt> {
    let mut x = target.clone();
    for _ in 0..200 {
        if x < c.p {
            if let Some(pt) = c.lift_x(&x) {
                let pt = Some(pt);
                if c.cofactor() == 1 || c.mul(&c.q, &pt).is_none() {
                    return Some(pt);
                }
            }
        }
        if x == u(0) {
            return None;
        }
        x -= u(1);
    }
    None
}

// ---------------------------------------------------------------------------------------
// The reference itself
// ---------------------------------------------------------------------------------------

/// The reference's constants hold (`G` on the curve, `[q]G = O`, `h q` within the Hasse
/// bound of `p + 1`), and it agrees with the library's signer and verifier on signatures
/// the library makes (byte conventions of both sides).
#[test]
fn held_reference_agrees_with_library_signer() {
    for c in curves_for_test() {
        assert!(c.mul(&c.q, &c.g).is_none(), "{:?}: [q]G != O", c.id);
        assert!(c.mul_affine(&c.q, &c.g).is_none(), "{:?}: [q]G != O", c.id);
        let k = (&c.q - u(3)) / u(5);
        assert_eq!(
            c.mul(&k, &c.g),
            c.mul_affine(&k, &c.g),
            "{:?}: Jacobian",
            c.id
        );
        let minus = &c.q - u(1);
        assert_eq!(c.mul(&minus, &c.g), c.neg(&c.g), "{:?}: (q-1)G", c.id);
        let order = &c.q * u(c.cofactor());
        let (lo, hi) = (&c.p + u(1), order.clone());
        let diff = if lo > hi { &lo - &hi } else { &hi - &lo };
        assert!(&diff * &diff <= u(4) * &c.p, "{:?}: Hasse", c.id);

        let d = (&c.q - u(12345)) / u(3);
        let key = GostSigningKey::from_be_bytes(c.id, &c.be(&d)).expect("signing key");
        let (qx, qy) = c.mul_g(&d).unwrap();
        let xy = key.public_key_xy();
        assert_eq!(
            xy,
            [c.le(&qx), c.le(&qy)].concat(),
            "{:?}: public key",
            c.id
        );
        let alg = c.prehash_algorithm();
        let digest: Vec<u8> = (0..c.n as u8).map(|i| i.wrapping_mul(37) ^ 0x5A).collect();
        let sig = key.sign_prehashed(alg, &digest).expect("sign");
        let (r_le, s_le) = sig.split_at(c.n);
        let r = BigUint::from_bytes_le(r_le);
        let s = BigUint::from_bytes_le(s_le);
        let alpha = BigUint::from_bytes_le(&digest);
        assert_eq!(compare(&c, &qx, &qy, &alpha, &r, &s), Ok(Some(true)));
        // The RFC 4491 layout (s || r big-endian, the digest little-endian as well).
        let rfc = if c.n == 64 {
            GostAlgorithm::Tc26_512
        } else {
            GostAlgorithm::Tc26_256
        };
        let sig = key.sign_prehashed(rfc, &digest).expect("sign");
        let (s_be, r_be) = sig.split_at(c.n);
        let (r, s) = (BigUint::from_bytes_be(r_be), BigUint::from_bytes_be(s_be));
        assert_eq!(
            c.ref_verify(&qx, &qy, &alpha, &r, &s),
            Ok(true),
            "{:?}",
            c.id
        );
        let swapped = [c.be(&r), c.be(&s)].concat();
        let kept = lib_key(&c, &qx, &qy).expect("key");
        assert_eq!(kept.verify_prehashed(rfc, &digest, &sig), Ok(true));
        assert_eq!(kept.verify_prehashed(rfc, &digest, &sig), Ok(true));
        if r != s {
            assert_eq!(kept.verify_prehashed(rfc, &digest, &swapped), Ok(false));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Exceptional sums in the chains
// ---------------------------------------------------------------------------------------

/// Signatures crafted for chosen `(u1, u2)` with keys that are small multiples of `G`
/// (and `-G`, `(q±1)/2 G`): the one-off NAF chains (Weierstrass and Edwards) and the
/// combs meet `P + P`, `P + (-P)`, `O` mid-chain and `O` as the product. Both paths agree
/// with the reference on the valid signatures and on their near misses.
#[test]
fn held_crafted_exceptional_sums() {
    let mut failures = Vec::new();
    let mut rng = Rng(38);
    for c in curves_for_test() {
        let q = c.q.clone();
        let half = (&q - u(1)) / u(2);
        let special = matches!(
            c.id,
            GostCurve::Tc26_256A
                | GostCurve::Tc26_512C
                | GostCurve::CryptoProA
                | GostCurve::Tc26_512A
        );
        let mut ds = vec![u(1), &q - u(1)];
        if !debug() {
            ds.extend([u(2), u(3), &half + u(1)]);
            if special {
                ds.extend([&q - u(2), half.clone(), u(16)]);
            }
        }
        for d in ds {
            let key = c.mul_g(&d);
            let r1 = rng.nonzero_below(&q);
            let mut pairs = vec![
                (u(1), u(1)),
                (u(1), &q - u(1)),
                (r1.clone(), r1.clone()),
                (&r1 + u(1), r1.clone()),
            ];
            if !debug() {
                pairs.extend([
                    (u(2), u(1)),
                    (u(1), u(2)),
                    (r1.clone(), (&q - &r1) % &q + u(1)),
                ]);
            }
            if !debug() && special {
                let r2 = rng.nonzero_below(&q);
                let dense = (u(1) << (8 * c.n - 2)) - u(1);
                pairs.extend([
                    (u(15), u(1)),
                    (u(1), u(15)),
                    (u(3), u(5)),
                    (dense.clone() % &q, dense.clone() % &q),
                    (&q - &r2, &r2 * &d % &q),
                    ((u(1) << 128) % &q, (u(1) << 128) % &q),
                ]);
            }
            for (u1, u2) in pairs {
                if u1.clone() % &q == u(0) || u2.clone() % &q == u(0) {
                    continue;
                }
                crafted_battery(&c, &key, &u1, &u2, &mut failures);
            }
        }
    }
    assert_none(failures);
}

// ---------------------------------------------------------------------------------------
// The final comparison and the field's edges
// ---------------------------------------------------------------------------------------

/// Products `C = P` with `x_C` at the field's and the group order's edges (`p - 1`,
/// `p - 2^64`, all-ones words, `q`, `q + 1`, `2q`, `3q`), made with keys `Q = P - u1 G`:
/// the comparison `X == r Z^2` with the candidates `r + k q < p`, on both paths. Also the
/// points themselves as keys (coordinates near `p` in the special-form field).
#[test]
fn held_products_at_field_edges() {
    let mut failures = Vec::new();
    let mut rng = Rng(0x3838);
    let special = [
        GostCurve::CryptoProA,
        GostCurve::Tc26_256A,
        GostCurve::Tc26_512A,
        GostCurve::Tc26_512C,
    ];
    for c in Curve::all()
        .into_iter()
        .filter(|c| special.contains(&c.id) && (!debug() || c.n == 32))
    {
        let bits = 8 * c.n;
        let q = c.q.clone();
        let mut targets = vec![
            &c.p - u(1),
            &c.p - (u(1) << 64),
            (u(1) << (bits - 64)) - u(1),
            (u(1) << 64) - u(1),
            q.clone() + u(1),
            q.clone() + u(20),
        ];
        if c.cofactor() == 4 {
            targets.extend([&q * u(2) + u(5), &q * u(3) + u(5), &q * u(3) + u(100)]);
        }
        if debug() {
            targets.truncate(2);
        }
        for t in targets {
            let Some(pt) = subgroup_point_near(&c, &t) else {
                continue;
            };
            for pt in [pt.clone(), c.neg(&pt)] {
                let u1 = rng.nonzero_below(&q);
                let key = c.add(&pt, &c.neg(&c.mul_g(&u1)));
                if key.is_none() {
                    continue;
                }
                crafted_battery(&c, &key, &u1, &u(1), &mut failures);
                // The edge point as the key itself.
                let u1 = rng.nonzero_below(&q);
                let u2 = rng.nonzero_below(&q);
                crafted_battery(&c, &pt, &u1, &u2, &mut failures);
            }
        }
    }
    assert_none(failures);
}

// ---------------------------------------------------------------------------------------
// r, s and digests at their edges
// ---------------------------------------------------------------------------------------

/// `r, s` in `{0, 1, q-1, q, q+1, p-1, p, 2^n-1}` and `r + q` with a valid other half;
/// values longer than a coordinate; digests `0, q, 2q` (all `e = 1`) and 512-bit digests
/// on the 256-bit curves, valid ones accepted.
#[test]
fn held_scalar_and_digest_edges() {
    let mut failures = Vec::new();
    let mut rng = Rng(0x5EED);
    for c in curves_for_test() {
        let q = c.q.clone();
        let top = (u(1) << (8 * c.n)) - u(1);
        let d = rng.nonzero_below(&q);
        let (qx, qy) = c.mul_g(&d).unwrap();
        // A signature over alpha = q (e = 0 -> 1), valid for every alpha = 0 mod q.
        let k = rng.nonzero_below(&q);
        let (r, s) = c.sign(&d, &k, &q).expect("signature");
        for alpha in [u(0), q.clone(), &q * u(2), u(1)] {
            if alpha.bits() > 8 * c.n as u64 {
                continue;
            }
            match compare(&c, &qx, &qy, &alpha, &r, &s) {
                Ok(Some(true)) => {}
                Ok(v) => failures.push(format!("{:?}: e = 1 signature: {v:?}", c.id)),
                Err(e) => failures.push(e),
            }
        }
        // alpha of 64 bytes, e = alpha mod q (one-off path: the prepared path takes the
        // hash's length only).
        let big = ((u(1) << 512) - u(1)) / &q * &q + u(1);
        let want = c.ref_verify(&qx, &qy, &big, &r, &s);
        let got = verify_integers(
            c.id,
            &c.be(&qx),
            &c.be(&qy),
            &big.to_bytes_be(),
            &c.be(&r),
            &c.be(&s),
        );
        if want.ok() != got.clone().ok() || want != Ok(true) {
            failures.push(format!(
                "{:?}: 512-bit alpha = 1 mod q: {want:?} {got:?}",
                c.id
            ));
        }
        // Out of range halves, each with the other half valid.
        let edges = [
            u(0),
            u(1),
            &q - u(1),
            q.clone(),
            &q + u(1),
            &c.p - u(1),
            c.p.clone(),
            top.clone(),
            &r + &q,
            &s + &q,
        ];
        for v in edges {
            if v > top {
                continue;
            }
            for (r2, s2) in [(v.clone(), s.clone()), (r.clone(), v.clone())] {
                match compare(&c, &qx, &qy, &q, &r2, &s2) {
                    Ok(Some(false)) => {}
                    Ok(Some(true)) if r2 == r && s2 == s => {}
                    Ok(v) => failures.push(format!("{:?}: range edge accepted: {v:?}", c.id)),
                    Err(e) => failures.push(e),
                }
            }
        }
        // r and s longer than a coordinate (a leading zero byte) are not integers of the
        // curve's size: refused, never panics.
        let mut long_r = vec![0u8];
        long_r.extend(c.be(&r));
        let got = verify_integers(
            c.id,
            &c.be(&qx),
            &c.be(&qy),
            &q.to_bytes_be(),
            &long_r,
            &c.be(&s),
        );
        if got != Ok(false) {
            failures.push(format!("{:?}: r of n+1 bytes: {got:?}", c.id));
        }
    }
    assert_none(failures);
}

// ---------------------------------------------------------------------------------------
// Hostile keys
// ---------------------------------------------------------------------------------------

/// Points of order 2 and 4 of a cofactor-4 curve: `[q]P` of random points.
fn small_order_points(c: &Curve) -> (Pt, Pt) {
    let mut x = u(5);
    loop {
        x += u(1);
        let Some(pt) = c.lift_x(&x) else { continue };
        let t = c.mul(&c.q, &Some(pt));
        if t.is_none() {
            continue;
        }
        let t2 = c.add(&t, &t);
        if t2.is_some() {
            return (t2, t);
        }
    }
}

/// Keys the library must refuse (`(0, 0)`, coordinates `>= p`, off the curve, points of
/// order 2 and 4 and a subgroup point plus one of them) and keys it must take (`G`, `-G`,
/// small multiples), with signatures that the small-order keys would let anyone make.
#[test]
fn held_hostile_keys() {
    let mut failures = Vec::new();
    for c in curves_for_test() {
        let q = c.q.clone();
        let g = c.g.clone();
        let (gx, gy) = g.clone().unwrap();
        let mut refused: Vec<(BigUint, BigUint, &str)> = vec![
            (u(0), u(0), "infinity as (0, 0)"),
            (&gx + &c.p, gy.clone(), "x + p"),
            (gx.clone(), &gy + &c.p, "y + p"),
            (gx.clone(), (&gy + u(1)) % &c.p, "off the curve"),
            (c.p.clone(), u(0), "x = p"),
        ];
        let mut small = Vec::new();
        if c.cofactor() == 4 {
            let (t2, t4) = small_order_points(&c);
            for (name, pt) in [
                ("order 2", t2.clone()),
                ("order 4", t4.clone()),
                ("-(order 4)", c.neg(&t4)),
                ("G + order 2", c.add(&g, &t2)),
                ("G + order 4", c.add(&g, &t4)),
                ("5G + order 4", c.add(&c.mul_g(&u(5)), &t4)),
            ] {
                small.push((name, pt));
            }
            // Random subgroup points with each small-order component.
            let mut rng = Rng(0xBAD);
            for _ in 0..if debug() { 1 } else { 3 } {
                let dg = c.mul_g(&rng.nonzero_below(&q));
                small.push(("dG + order 2", c.add(&dg, &t2)));
                small.push(("dG + order 4", c.add(&dg, &t4)));
                small.push(("dG - order 4", c.add(&dg, &c.neg(&t4))));
            }
        }
        for (name, pt) in &small {
            let (x, y) = pt.clone().unwrap();
            refused.push((x, y, name));
        }
        for (x, y, name) in refused {
            if x.bits() > 8 * c.n as u64 || y.bits() > 8 * c.n as u64 {
                continue;
            }
            let want = c.ref_key(&x, &y);
            let got = lib_key(&c, &x, &y);
            if want.is_ok() || got.is_ok() {
                failures.push(format!(
                    "{:?}: key {name}: reference {:?}, library {:?}",
                    c.id,
                    want.err(),
                    got.err()
                ));
            }
            // A signature the order-2 key "verifies": r = x(kG) mod q, s = k e, any e.
            let k = u(77);
            let (rx, _) = c.mul_g(&k).unwrap();
            let r = rx % &q;
            let e = u(2);
            let s = (&k * &e) % &q;
            if let Err(msg) = compare(&c, &x, &y, &e, &r, &s) {
                failures.push(format!("key {name}: {msg}"));
            }
        }
        // Keys that are fine: G, -G, 2G, (q-1)/2 G, with a signature each.
        for d in [u(1), &q - u(1), u(2), (&q - u(1)) / u(2)] {
            let (qx, qy) = c.mul_g(&d).unwrap();
            let (r, s) = c.sign(&d, &u(1234567), &u(99)).unwrap();
            match compare(&c, &qx, &qy, &u(99), &r, &s) {
                Ok(Some(true)) => {}
                Ok(v) => failures.push(format!("{:?}: key {d:x}: {v:?}", c.id)),
                Err(e) => failures.push(e),
            }
        }
    }
    assert_none(failures);
}

// ---------------------------------------------------------------------------------------
// Random signatures and their one-bit mutations
// ---------------------------------------------------------------------------------------

/// Random keys, digests and nonces (signed by the reference): each signature verifies on
/// both paths (the prepared key past 512 uses, so the base point's 12-tooth comb takes
/// over), every one-bit mutation of `r`, `s` and the digest is refused, and every one-bit
/// mutation of the key is refused as a key. One in 16 is also checked by the reference.
#[test]
fn held_random_signatures_and_mutations() {
    let rounds = if debug() { 8 } else { 600 };
    let mut failures = Vec::new();
    let mut rng = Rng(0xF022);
    for c in curves_for_test() {
        let q = c.q.clone();
        let d = rng.nonzero_below(&q);
        let (qx, qy) = c.mul_g(&d).unwrap();
        let kept = lib_key(&c, &qx, &qy).expect("key");
        let alg = c.prehash_algorithm();
        let limit = u(1) << (8 * c.n);
        let flip = |v: &BigUint, bit: u64| -> BigUint { v ^ (u(1) << bit) };
        for round in 0..rounds {
            let alpha = rng.below(&limit);
            let k = rng.nonzero_below(&q);
            let Some((r, s)) = c.sign(&d, &k, &alpha) else {
                continue;
            };
            let one_off = lib_one_off(&c, &qx, &qy, &alpha, &r, &s);
            let prepared = kept.verify_prehashed(alg, &digest_le(&c, &alpha), &nca_sig(&c, &r, &s));
            if one_off != Ok(true) || prepared != Ok(true) {
                failures.push(format!(
                    "{:?}: valid signature refused: one-off {one_off:?}, prepared {prepared:?}",
                    c.id
                ));
            }
            if round % 16 == 0 && c.ref_verify(&qx, &qy, &alpha, &r, &s) != Ok(true) {
                failures.push(format!("{:?}: reference refuses its own signature", c.id));
            }
            let bits = 8 * c.n as u64;
            let mutations = [
                (alpha.clone(), flip(&r, rng.next() % bits), s.clone()),
                (alpha.clone(), r.clone(), flip(&s, rng.next() % bits)),
                (flip(&alpha, rng.next() % bits), r.clone(), s.clone()),
            ];
            for (a, r2, s2) in mutations {
                let one_off = lib_one_off(&c, &qx, &qy, &a, &r2, &s2);
                let prepared =
                    kept.verify_prehashed(alg, &digest_le(&c, &a), &nca_sig(&c, &r2, &s2));
                if one_off != Ok(false) || prepared != Ok(false) {
                    // Only a forgery if the reference disagrees.
                    let want = c.ref_verify(&qx, &qy, &a, &r2, &s2);
                    if want.ok() != one_off.clone().ok() || want.ok() != prepared.clone().ok() {
                        failures.push(format!(
                            "{:?}: mutation alpha {a:x} r {r2:x} s {s2:x}: reference {want:?}, one-off {one_off:?}, prepared {prepared:?}",
                            c.id
                        ));
                    }
                }
            }
            if round % 8 == 0 {
                let (kx, ky) = if rng.next().is_multiple_of(2) {
                    (flip(&qx, rng.next() % bits), qy.clone())
                } else {
                    (qx.clone(), flip(&qy, rng.next() % bits))
                };
                let got = lib_one_off(&c, &kx, &ky, &alpha, &r, &s);
                if got.is_ok() || lib_key(&c, &kx, &ky).is_ok() {
                    let want = c.ref_key(&kx, &ky);
                    failures.push(format!(
                        "{:?}: mutated key ({kx:x}, {ky:x}) taken: {got:?}, reference {:?}",
                        c.id,
                        want.err()
                    ));
                }
            }
        }
    }
    assert_none(failures);
}

/// The prepared path after the base point's 12-tooth comb takes over (more than 512
/// prepared verifications on the curve in the process): the crafted exceptional sums with
/// `Q = G` and `Q = -G` (the two combs' first columns add `P + P` or `P + (-P)`, and with
/// `u1 = u2 + 1` every column nearly cancels) agree with the reference.
#[test]
fn held_wide_comb_exceptional_sums() {
    let mut failures = Vec::new();
    let mut rng = Rng(0x12);
    for c in curves_for_test().into_iter().filter(|c| {
        matches!(
            c.id,
            GostCurve::CryptoProA
                | GostCurve::Tc26_256A
                | GostCurve::Tc26_512A
                | GostCurve::Tc26_512C
        )
    }) {
        let q = c.q.clone();
        // Warm up: 520 prepared verifications on the curve (a cheap refused signature).
        let (gx, gy) = c.g.clone().unwrap();
        let kept = lib_key(&c, &gx, &gy).expect("G");
        let alg = c.prehash_algorithm();
        let sig = nca_sig(&c, &u(1), &u(1));
        let digest = digest_le(&c, &u(5));
        for _ in 0..520 {
            assert_eq!(kept.verify_prehashed(alg, &digest, &sig), Ok(false));
        }
        let r1 = rng.nonzero_below(&q);
        for key in [c.g.clone(), c.neg(&c.g)] {
            for (u1, u2) in [
                (u(1), u(1)),
                (r1.clone(), r1.clone()),
                (&r1 + u(1), r1.clone()),
                (r1.clone(), &r1 + u(1)),
                (u(2), &q - u(1)),
            ] {
                crafted_battery(&c, &key, &u1, &u2, &mut failures);
            }
        }
    }
    assert_none(failures);
}

/// The library's constant-time signer (`ct.rs`) on digests at the edges (`0`, `q`,
/// `2^n - 1`, `q - 1`, `1`) and random ones: every signature it makes is valid in the
/// reference and in both of the library's verification paths.
#[test]
fn held_library_signer_against_reference() {
    let mut failures = Vec::new();
    let mut rng = Rng(0xC7);
    for c in curves_for_test() {
        let q = c.q.clone();
        let d = rng.nonzero_below(&q);
        let key = GostSigningKey::from_be_bytes(c.id, &c.be(&d)).expect("key");
        let (qx, qy) = c.mul_g(&d).unwrap();
        let top = (u(1) << (8 * c.n)) - u(1);
        let mut digests = vec![u(0), u(1), &q - u(1), top.clone()];
        if q <= top {
            digests.push(q.clone());
        }
        for _ in 0..if debug() { 2 } else { 12 } {
            digests.push(rng.below(&(&top + u(1))));
        }
        for alpha in digests {
            let sig = key
                .sign_prehashed(c.prehash_algorithm(), &digest_le(&c, &alpha))
                .expect("sign");
            let (r_le, s_le) = sig.split_at(c.n);
            let (r, s) = (BigUint::from_bytes_le(r_le), BigUint::from_bytes_le(s_le));
            match compare(&c, &qx, &qy, &alpha, &r, &s) {
                Ok(Some(true)) => {}
                Ok(v) => failures.push(format!(
                    "{:?}: library signature over {alpha:x}: {v:?}",
                    c.id
                )),
                Err(e) => failures.push(e),
            }
        }
    }
    assert_none(failures);
}
