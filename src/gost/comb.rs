//! Fixed-base combs (Lim–Lee) for verification with a prepared key: a key's comb, and the
//! base point's (8 teeth for the constant-time signer; 12 once a process verifies enough
//! signatures with prepared keys on a curve). `u1 * G + u2 * Q` with both runs one
//! doubling chain as long as the longer comb's columns. Variable time (public data only),
//! except the base point's 8-tooth table, which the signer scans whole.

use crypto_bigint::Uint;

use super::ec::{batch_to_affine, Affine, CurveSpec, Jacobian};
use super::field::Field;

/// Teeth of a comb: one table entry per 8-bit pattern (a key's comb, and the base
/// point's for the constant-time signer).
pub(crate) const COMB_TEETH: u32 = 8;

/// Blocks of a key's comb: two tables of 255 points (32 KiB for a 256-bit key, 64 KiB
/// for a 512-bit one, about 0.25 ms to build for a 512-bit key), so that its `u2` needs
/// `n/16` doublings instead of `n/8`; with the base point's wide comb the chain is then
/// `n/12` long (43 doublings instead of 64 on a 512-bit curve).
pub(crate) const KEY_COMB_BLOCKS: u32 = 2;

/// Teeth of the base point's wide comb (verification with a prepared key): 4,095 affine
/// points, 256 KiB (256-bit curves) or 512 KiB (512-bit curves), about 3 ms to build on a
/// 512-bit curve by the operation counts (4,083 mixed additions, one batch inversion); it
/// saves `n/8 - n/12` additions (21 on a 512-bit curve, about 10 µs) in each
/// verification.
pub(crate) const WIDE_COMB_TEETH: u32 = 12;

/// Verifications with a prepared key on one curve that go without its wide comb: the
/// next one builds it. A process that verifies a handful of signatures (the command line)
/// never pays for it, a service pays once for every later one.
pub(crate) const WIDE_COMB_AFTER: u32 = 512;

/// A fixed-base comb of a point `P` (Lim–Lee) with `t` teeth and `v` blocks. With tooth
/// spacing `d = ceil(n/t)` and block length `e = ceil(d/v)`, block `b` holds, for
/// `m = 1..2^t - 1`, `T_b[m] = 2^(b e) sum over the set bits j of m of 2^(j d) P`. Then
/// `k P = sum over i < e of 2^i sum over b of T_b[K_(i + b e)]`, where `K_c` (`c < d`)
/// collects bits `c, c+d, ..., c+(t-1)d` of `k`: `e - 1` doublings and up to `v e`
/// additions. With 8 teeth and one block (the base point's comb for the signer), 255
/// affine points: 16 KiB (256-bit curves) or 32 KiB (512-bit curves).
#[derive(Debug)]
pub(crate) struct Comb<F> {
    table: Vec<Affine<F>>,
    spacing: u32,
    teeth: u32,
    blocks: u32,
    columns: u32,
}

impl<F: Field> Comb<F> {
    /// A key's comb ([`COMB_TEETH`] teeth, [`KEY_COMB_BLOCKS`] blocks) of `p`, or `None`
    /// if a table entry is the point at infinity (possible only for a point of small
    /// order, never for a point of the prime-order subgroup).
    pub(crate) fn try_new<C: CurveSpec<L, F = F>, const L: usize>(p: &Affine<F>) -> Option<Self> {
        Self::try_with_shape::<C, L>(p, COMB_TEETH, KEY_COMB_BLOCKS)
    }

    /// The comb of `p` with `teeth` teeth (`1..=16`) and `blocks` blocks (`1..=4`), or
    /// `None` as for [`Comb::try_new`].
    pub(crate) fn try_with_shape<C: CurveSpec<L, F = F>, const L: usize>(
        p: &Affine<F>,
        teeth: u32,
        blocks: u32,
    ) -> Option<Self> {
        if !(1..=16).contains(&teeth) || !(1..=4).contains(&blocks) {
            return None;
        }
        let spacing = Uint::<L>::BITS.div_ceil(teeth);
        let columns = spacing.div_ceil(blocks);
        // The bases 2^(b e + j d) P, block by block.
        let mut base = Vec::with_capacity((teeth * blocks) as usize);
        let mut t = Jacobian::from_affine(p);
        base.push(t);
        for _ in 1..teeth {
            for _ in 0..spacing {
                t = t.double::<C, L>();
            }
            base.push(t);
        }
        for b in 1..blocks as usize {
            for j in 0..teeth as usize {
                let mut t = base[(b - 1) * teeth as usize + j];
                for _ in 0..columns {
                    t = t.double::<C, L>();
                }
                base.push(t);
            }
        }
        let base = batch_to_affine(&base)?;
        let count = (1usize << teeth) - 1;
        let mut jac: Vec<Jacobian<F>> = Vec::with_capacity(count * blocks as usize);
        for block in base.chunks(teeth as usize) {
            let first = jac.len();
            for m in 1..=count {
                let top = (usize::BITS - 1 - m.leading_zeros()) as usize;
                let rest = m ^ (1 << top);
                let point = if rest == 0 {
                    Jacobian::from_affine(&block[top])
                } else {
                    jac[first + rest - 1].add_affine::<C, L>(&block[top])
                };
                jac.push(point);
            }
        }
        Some(Comb {
            table: batch_to_affine(&jac)?,
            spacing,
            teeth,
            blocks,
            columns,
        })
    }

    /// The comb with `teeth` teeth and one block of a point of the prime-order subgroup
    /// (the base point).
    pub(crate) fn new<C: CurveSpec<L, F = F>, const L: usize>(p: &Affine<F>, teeth: u32) -> Self {
        // The base point has prime order q > 2^254: no sum of distinct 2^(j d) multiples
        // (all < 2^(n + d) and with the sparse bit pattern of m) is a multiple of q, so no
        // entry is at infinity (checked for every curve by the unit tests).
        match Self::try_with_shape::<C, L>(p, teeth, 1) {
            Some(c) => c,
            None => unreachable!("base point comb with a point at infinity"),
        }
    }

    /// The table: with one block, entry `m - 1` is `sum over the set bits j of m of
    /// 2^(j d) P` (`m = 1..2^t - 1`). The constant-time signer ([`super::sign`]) scans all
    /// of the base point's 8-tooth comb.
    pub(crate) fn entries(&self) -> &[Affine<F>] {
        &self.table
    }

    /// The distance `d = ceil(n/t)` between the teeth (with one block, the number of
    /// columns).
    pub(crate) fn spacing(&self) -> u32 {
        self.spacing
    }

    /// The number of columns `e = ceil(d/v)`: a multiplication has `e - 1` doublings.
    pub(crate) fn columns(&self) -> u32 {
        self.columns
    }

    /// The comb index `K_c` of `k`.
    fn index<const L: usize>(&self, k: &Uint<L>, c: u32) -> usize {
        let mut m = 0usize;
        for j in 0..self.teeth {
            let bit = c + j * self.spacing;
            if bit < Uint::<L>::BITS && k.bit_vartime(bit) {
                m |= 1 << j;
            }
        }
        m
    }

    /// Adds column `i` of `k` (`T_b[K_(i + b e)]` of each block `b`) to `acc`; `None` if
    /// an entry is missing (never: the indices are below the table's size), so that a
    /// defect refuses a signature rather than skip a term.
    fn add_column<C: CurveSpec<L, F = F>, const L: usize>(
        &self,
        mut acc: Jacobian<F>,
        k: &Uint<L>,
        i: u32,
    ) -> Option<Jacobian<F>> {
        let count = (1usize << self.teeth) - 1;
        for b in 0..self.blocks {
            let c = i + b * self.columns;
            if c >= self.spacing {
                break;
            }
            let m = self.index(k, c);
            if m != 0 {
                acc = acc.add_affine::<C, L>(self.table.get(b as usize * count + m - 1)?);
            }
        }
        Some(acc)
    }
}

/// `u1 * G + u2 * Q` with a comb of `Q` (variable time), `G` through its wide comb once
/// that is built.
pub(crate) fn double_mul_comb<C: CurveSpec<L>, const L: usize>(
    u1: &Uint<L>,
    q_comb: &Comb<C::F>,
    u2: &Uint<L>,
) -> Option<Jacobian<C::F>> {
    let g_comb = C::g_comb_wide().unwrap_or_else(C::g_comb);
    double_mul_combs::<C, L>(u1, g_comb, u2, q_comb)
}

/// `u1 * P + u2 * Q` through combs of `P` and `Q`, which may differ in shape: one chain of
/// `max(e_P, e_Q) - 1` doublings (both sums are `sum over i of 2^i (column i)`).
pub(crate) fn double_mul_combs<C: CurveSpec<L>, const L: usize>(
    u1: &Uint<L>,
    p_comb: &Comb<C::F>,
    u2: &Uint<L>,
    q_comb: &Comb<C::F>,
) -> Option<Jacobian<C::F>> {
    let mut acc = Jacobian::<C::F>::INFINITY;
    for i in (0..p_comb.columns.max(q_comb.columns)).rev() {
        acc = acc.double::<C, L>();
        if i < p_comb.columns {
            acc = p_comb.add_column::<C, L>(acc, u1, i)?;
        }
        if i < q_comb.columns {
            acc = q_comb.add_column::<C, L>(acc, u2, i)?;
        }
    }
    Some(acc)
}
