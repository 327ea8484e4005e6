//! Which three finder patterns make one code: for each pattern, the others that lie
//! along its rows ("horizontal" neighbours) and along its columns ("vertical"), paired
//! by how alike their distances are, most symmetric first.

use super::capstone::CapStone;
use super::meter::Exhausted;
use super::prepared::PreparedImage;

/// Three finder patterns that may be the corners of one code.
#[derive(Debug, Clone)]
pub(super) struct CapStoneGroup(
    pub(super) CapStone,
    pub(super) CapStone,
    pub(super) CapStone,
);

#[derive(Clone, Copy, Debug, PartialEq)]
struct Neighbor {
    index: usize,
    distance: f64,
}

/// The pairs (horizontal, vertical) of neighbours of `capstones[idx]` whose distances
/// differ by less than a quarter, most alike first. Costs a unit of work for each other
/// pattern and each pair compared (charged to `img`).
pub(super) fn find_and_rank_possible_neighbors(
    img: &mut PreparedImage,
    capstones: &[CapStone],
    idx: usize,
) -> Result<Vec<(usize, usize)>, Exhausted> {
    const VIABILITY_THRESHOLD: f64 = 0.25;

    img.charge(capstones.len())?;
    let (hlist, vlist) = find_possible_neighbors(capstones, idx);
    img.charge(hlist.len().saturating_mul(vlist.len()))?;
    let mut res = Vec::new();
    struct NeighborSet {
        score: f64,
        h_index: usize,
        v_index: usize,
    }
    /* Test each possible grouping */
    for hn in hlist {
        for vn in vlist.iter() {
            let score = {
                if hn.distance < vn.distance {
                    (1.0f64 - hn.distance / vn.distance).abs()
                } else {
                    (1.0f64 - vn.distance / hn.distance).abs()
                }
            };
            if score < VIABILITY_THRESHOLD {
                res.push(NeighborSet {
                    score,
                    h_index: hn.index,
                    v_index: vn.index,
                });
            }
        }
    }

    // (A NaN score is never kept above, so total_cmp orders as partial_cmp did, without
    // rqrr's `expect`.)
    res.sort_unstable_by(|a, b| a.score.total_cmp(&b.score));
    Ok(res.iter().map(|n| (n.h_index, n.v_index)).collect())
}

/// The other patterns whose centres lie (within a fifth) along the rows, and along the
/// columns, of `capstones[idx]`'s own perspective, with their distance in its modules.
fn find_possible_neighbors(capstones: &[CapStone], idx: usize) -> (Vec<Neighbor>, Vec<Neighbor>) {
    let mut hlist = Vec::new();
    let mut vlist = Vec::new();
    let Some(cap) = capstones.get(idx) else {
        return (hlist, vlist);
    };

    for (others_idx, cmp_cap) in capstones.iter().enumerate() {
        if others_idx == idx {
            continue;
        }

        let (mut u, mut v) = cap.c.unmap(&cmp_cap.center);
        u = (u - 3.5f64).abs();
        v = (v - 3.5f64).abs();

        if u < 0.2f64 * v {
            hlist.push(Neighbor {
                index: others_idx,
                distance: v,
            });
        }

        if v < 0.2f64 * u {
            vlist.push(Neighbor {
                index: others_idx,
                distance: u,
            });
        }
    }

    (hlist, vlist)
}
