//! The twisted Edwards form `e u^2 + v^2 = 1 + d u^2 v^2` (`e = 1`) of the two TC26 curves
//! that have one (TC26-256-A, the NCA's GOST 2015/256 curve, and TC26-512-C; RFC 7836
//! appendix A gives them in both forms), for the doubling chain of a verification with a
//! one-off key. Variable time (public data only).
//!
//! Why: their Weierstrass `a` is not `-3`, so a Jacobian doubling costs `2M + 8S`; here a
//! doubling costs `3M + 4S` (`4M + 4S` when an addition follows), and a mixed addition `8M`
//! against `7M + 4S`. `d` is not a square and `e = 1` is, so the extended-coordinate
//! formulas (Hisil–Wong–Carter–Dawson 2008, EFD `dbl-2008-hwcd`, `madd-2008-hwcd`) are
//! complete: no case of the chain needs a branch.
//!
//! The map between the forms, with `s = (e - d)/4` and `t = (e + d)/6` (RFC 7836 A.1):
//! `u = (x - t)/y`, `v = (x - t - s)/(x - t + s)`, and back `x = s (1 + v)/(1 - v) + t`. It
//! is a group isomorphism; its formulas fail only at the Weierstrass point `(t, 0)` (order
//! 2, the Edwards `(0, -1)`) and at infinity (the Edwards identity `(0, 1)`). A table entry
//! the formulas cannot map (a hostile key with a small-order part) sends the verification
//! back to the Weierstrass chain; the product is compared as a Weierstrass `x` without an
//! inversion.

use crypto_bigint::Uint;

#[cfg(test)]
use super::ec::Affine;
use super::ec::{wnaf, CurveSpec, Jacobian, G_WINDOW};
use super::field::Field;

/// The constants of an Edwards form: `d`, and the `s`, `t` of the map.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Form<F> {
    d: F,
    s: F,
    t: F,
}

impl<F: Field> Form<F> {
    /// The form with `e = 1` and `d`, checked against the curve's Weierstrass `a` and `b`
    /// (`a = s^2 - 3 t^2`, `b = 2 t^3 - t s^2`); `None` if they disagree.
    fn new<C: CurveSpec<L, F = F>, const L: usize>(d: &F::U) -> Option<Self> {
        let d = F::from_uint(d);
        let s = F::ONE.sub(&d).mul(&F::ONE.mul_small(4).invert()?);
        let t = F::ONE.add(&d).mul(&F::ONE.mul_small(6).invert()?);
        let a = s.square().sub(&t.square().mul_small(3));
        let b = t.square().mul(&t).double().sub(&t.mul(&s.square()));
        (a.equals(&C::a()) && b.equals(&C::b())).then_some(Form { d, s, t })
    }
}

/// An affine point `(u, v)` with `d u v`, as mixed additions take it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Precomputed<F> {
    u: F,
    v: F,
    duv: F,
}

impl<F: Field> Precomputed<F> {
    fn neg(&self) -> Self {
        Precomputed {
            u: self.u.neg(),
            v: self.v,
            duv: self.duv.neg(),
        }
    }
}

/// A point in extended coordinates `(X : Y : Z : T)`: `u = X/Z`, `v = Y/Z`, `T = X Y / Z`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Extended<F> {
    x: F,
    y: F,
    z: F,
    t: F,
}

impl<F: Field> Extended<F> {
    /// The identity `(0, 1)` (the Weierstrass point at infinity).
    const IDENTITY: Self = Extended {
        x: F::ZERO,
        y: F::ONE,
        z: F::ONE,
        t: F::ZERO,
    };

    /// The last step both formulas share: `(E F : G H : F G : E H)`, `T = E H` only when
    /// `with_t` (only an addition reads it).
    #[inline(always)]
    fn from_efgh(e: F, f: F, g: F, h: F, with_t: bool) -> Self {
        Extended {
            x: e.mul(&f),
            y: g.mul(&h),
            z: f.mul(&g),
            t: if with_t { e.mul(&h) } else { F::ZERO },
        }
    }

    /// `2 * self` (`dbl-2008-hwcd` with `e = 1`: 3M + 4S; with `T`, which only an addition
    /// reads, 4M + 4S).
    #[inline(always)]
    fn double(&self, with_t: bool) -> Self {
        let a = self.x.square();
        let b = self.y.square();
        let c = self.z.square().double();
        let e = self.x.add(&self.y).square().sub(&a).sub(&b);
        let g = a.add(&b);
        let f = g.sub(&c);
        let h = a.sub(&b);
        Self::from_efgh(e, f, g, h, with_t)
    }

    /// `self + p` (`madd-2008-hwcd` with `e = 1`, `d u v` precomputed: 8M, 7M without the
    /// `T` of the sum). `self` must carry its `T`.
    #[inline(always)]
    fn add(&self, p: &Precomputed<F>, with_t: bool) -> Self {
        let a = self.x.mul(&p.u);
        let b = self.y.mul(&p.v);
        let c = self.t.mul(&p.duv);
        let e = self.x.add(&self.y).mul(&p.u.add(&p.v)).sub(&a).sub(&b);
        let f = self.z.sub(&c);
        let g = self.z.add(&c);
        let h = b.sub(&a);
        Self::from_efgh(e, f, g, h, with_t)
    }
}

/// Inverses of all of `values` with one inversion (Montgomery's trick); `None` if one is 0.
fn batch_invert<F: Field>(values: &[F]) -> Option<Vec<F>> {
    let mut prefix = Vec::with_capacity(values.len());
    let mut acc = F::ONE;
    for v in values {
        prefix.push(acc);
        acc = acc.mul(v);
    }
    let mut inv = acc.invert()?;
    let mut out = vec![F::ZERO; values.len()];
    for (i, v) in values.iter().enumerate().rev() {
        out[i] = inv.mul(&prefix[i]);
        inv = inv.mul(v);
    }
    Some(out)
}

/// The Edwards forms of Weierstrass points given in Jacobian coordinates, with one
/// inversion; `None` if one of them is `(t, 0)` or at infinity.
fn to_edwards<F: Field>(form: &Form<F>, points: &[Jacobian<F>]) -> Option<Vec<Precomputed<F>>> {
    // u = (X - t Z^2) Z / Y, v = (X - (t + s) Z^2) / (X - (t - s) Z^2).
    let mut denominators = Vec::with_capacity(2 * points.len());
    let mut numerators = Vec::with_capacity(2 * points.len());
    let (t_plus_s, t_minus_s) = (form.t.add(&form.s), form.t.sub(&form.s));
    for p in points {
        let (x, y, z) = p.coordinates();
        let zz = z.square();
        numerators.push(x.sub(&form.t.mul(&zz)).mul(z));
        denominators.push(*y);
        numerators.push(x.sub(&t_plus_s.mul(&zz)));
        denominators.push(x.sub(&t_minus_s.mul(&zz)));
    }
    let inverses = batch_invert(&denominators)?;
    let mut out = Vec::with_capacity(points.len());
    for (n, i) in numerators.chunks(2).zip(inverses.chunks(2)) {
        let (u, v) = (n[0].mul(&i[0]), n[1].mul(&i[1]));
        out.push(Precomputed {
            u,
            v,
            duv: form.d.mul(&u).mul(&v),
        });
    }
    Some(out)
}

/// The base point's odd multiples `G, 3G, ..., (2^(G_WINDOW-1) - 1)G` in Edwards form,
/// built once per curve, with the form's constants.
#[derive(Debug)]
pub(crate) struct OddTable<F> {
    form: Form<F>,
    table: Vec<Precomputed<F>>,
}

impl<F: Field> OddTable<F> {
    /// The table of curve `C` with Edwards `d`, from its Weierstrass table of `G`'s odd
    /// multiples; `None` if `d` is not that of `C` (checked by the unit tests for both
    /// curves) or a multiple cannot be mapped (never, for the base point).
    pub(crate) fn new<C: CurveSpec<L, F = F>, const L: usize>(d: &F::U) -> Option<Self> {
        let form = Form::new::<C, L>(d)?;
        let points: Vec<Jacobian<F>> = C::g_odd()
            .points()
            .iter()
            .map(Jacobian::from_affine)
            .collect();
        Some(OddTable {
            table: to_edwards(&form, &points)?,
            form,
        })
    }
}

/// `u1 * G + u2 * Q` for a one-off `Q` on the Edwards form (`g` the base point's table),
/// as `super::ec::double_mul_odd` on the Weierstrass form: one doubling chain, `u1` in
/// width-`G_WINDOW` NAF, `u2` in width-`w` NAF over `Q`'s odd multiples `q_odd` (Jacobian,
/// as the Weierstrass chain makes them). `None` if a multiple of `Q` cannot be mapped.
pub(crate) fn double_mul<F: Field, const L: usize>(
    g: &OddTable<F>,
    u1: &Uint<L>,
    q_odd: &[Jacobian<F>],
    w: u32,
    u2: &Uint<L>,
) -> Option<Product<F>> {
    let q_table = to_edwards(&g.form, q_odd)?;
    let g_digits = wnaf(u1, G_WINDOW);
    let q_digits = wnaf(u2, w);
    let digit = |digits: &[i16], i: usize| digits.get(i).copied().unwrap_or(0);
    let entry = |table: &[Precomputed<F>], d: i16| {
        let e = table.get((d.unsigned_abs() as usize) >> 1).copied();
        if d > 0 {
            e
        } else {
            e.map(|e| e.neg())
        }
    };
    let top = g_digits.len().max(q_digits.len());
    let mut acc = Extended::IDENTITY;
    for i in (0..top).rev() {
        let (dq, dg) = (digit(&q_digits, i), digit(&g_digits, i));
        acc = acc.double(dq != 0 || dg != 0);
        if dq != 0 {
            acc = acc.add(&entry(&q_table, dq)?, dg != 0);
        }
        if dg != 0 {
            acc = acc.add(&entry(&g.table, dg)?, false);
        }
    }
    Some(Product {
        point: acc,
        form: g.form,
    })
}

/// The result of [`double_mul`], compared as a Weierstrass point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Product<F> {
    point: Extended<F>,
    form: Form<F>,
}

impl<F: Field> Product<F> {
    /// Whether it is the identity (the Weierstrass point at infinity): `v = 1`, which on
    /// the curve forces `u = 0`.
    pub(crate) fn is_identity(&self) -> bool {
        self.point.y.equals(&self.point.z)
    }

    /// Whether its Weierstrass `x = s (Z + Y)/(Z - Y) + t` equals `x` (`< p`), without an
    /// inversion: `s (Z + Y) == (x - t)(Z - Y)`. Never for the identity.
    pub(crate) fn x_equals(&self, x: &F::U) -> bool {
        let (p, f) = (&self.point, &self.form);
        if self.is_identity() {
            return false;
        }
        let lhs = f.s.mul(&p.z.add(&p.y));
        let rhs = F::from_uint(x).sub(&f.t).mul(&p.z.sub(&p.y));
        lhs.equals(&rhs)
    }
}

/// An affine Weierstrass point in Edwards form (tests).
#[cfg(test)]
pub(crate) fn point_of<F: Field>(g: &OddTable<F>, p: &Affine<F>) -> Option<(F, F)> {
    let e = to_edwards(&g.form, &[Jacobian::from_affine(p)])?;
    e.first().map(|e| (e.u, e.v))
}

/// The `(u, v)` of the base point (tests).
#[cfg(test)]
pub(crate) fn base_point<F: Field>(g: &OddTable<F>) -> Option<(F, F)> {
    g.table.first().map(|e| (e.u, e.v))
}

/// The `(s, t)` of the map of curve `C` (tests).
#[cfg(test)]
pub(crate) fn map_constants<C: CurveSpec<L>, const L: usize>() -> Option<(C::F, C::F)> {
    C::g_odd_edwards().map(|g| (g.form.s, g.form.t))
}
