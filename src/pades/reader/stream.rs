//! Streams as the reader decodes them: no filter, or FlateDecode with or without a PNG
//! predictor, every decoded byte charged to the document's budget.

use std::io::Read as _;

use super::*;

impl Document<'_> {
    /// A stream's data, decoded (no filter, or FlateDecode with or without a PNG
    /// predictor), charged to the document's budget: no stream decodes to more than
    /// [`limits::MAX_DECODED`], nor to more than what is left of the budget, so that
    /// inflating stops at whichever comes first rather than after the stream's end.
    pub(super) fn decode(&mut self, dict: &Dict, data: &[u8]) -> Result<Vec<u8>> {
        let filters: Vec<&[u8]> = match dict.get(b"Filter") {
            None => Vec::new(),
            Some(Object::Name(n)) => vec![n.as_slice()],
            Some(Object::Array(a)) => a
                .iter()
                .map(|f| match f {
                    Object::Name(n) => Ok(n.as_slice()),
                    _ => Err(malformed("/Filter holds something other than names")),
                })
                .collect::<Result<_>>()?,
            Some(_) => return Err(malformed("/Filter is neither a name nor an array")),
        };
        let out = match filters.as_slice() {
            [] => {
                if data.len() > limits::MAX_DECODED {
                    return Err(Error::TooLarge {
                        what: "PDF stream",
                        len: data.len(),
                        limit: limits::MAX_DECODED,
                    });
                }
                self.charge(data.len())?;
                data.to_vec()
            }
            [b"FlateDecode"] => {
                let cap = limits::MAX_DECODED.min(self.decode_left);
                let mut out = Vec::new();
                flate2::read::ZlibDecoder::new(data)
                    .take(cap as u64 + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| {
                        malformed(format!("a FlateDecode stream does not inflate: {e}"))
                    })?;
                if out.len() > limits::MAX_DECODED {
                    return Err(Error::TooLarge {
                        what: "PDF stream, decoded",
                        len: out.len(),
                        limit: limits::MAX_DECODED,
                    });
                }
                self.charge(out.len())?;
                let params = match dict.get(b"DecodeParms") {
                    Some(Object::Dict(p)) => Some(p),
                    Some(Object::Array(a)) => match a.first() {
                        Some(Object::Dict(p)) => Some(p),
                        _ => None,
                    },
                    _ => None,
                };
                match params.and_then(|p| p.int(b"Predictor")).unwrap_or(1) {
                    1 => out,
                    10..=15 => {
                        let p = params.cloned().unwrap_or_default();
                        let columns = p.int(b"Columns").unwrap_or(1);
                        let colors = p.int(b"Colors").unwrap_or(1);
                        let bits = p.int(b"BitsPerComponent").unwrap_or(8);
                        if !(1..=1 << 16).contains(&columns)
                            || !(1..=4).contains(&colors)
                            || bits != 8
                        {
                            return Err(Error::Unsupported(
                                "PDF: a PNG predictor with other than 8-bit samples or more than 65536 columns".into(),
                            ));
                        }
                        let width = (columns * colors) as usize;
                        let undone = unpredict(&out, width, colors as usize)?;
                        // A short last row is padded to the width: charge what it added.
                        self.charge(undone.len().saturating_sub(out.len()))?;
                        undone
                    }
                    n => return Err(Error::Unsupported(format!("PDF: stream predictor {n}"))),
                }
            }
            other => {
                return Err(Error::Unsupported(format!(
                    "PDF: stream filter {:?} (only FlateDecode is read)",
                    other
                        .iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect::<Vec<_>>()
                )))
            }
        };
        Ok(out)
    }

    /// Take `len` decoded bytes from the budget, or refuse once it is spent.
    fn charge(&mut self, len: usize) -> Result<()> {
        match self.decode_left.checked_sub(len) {
            Some(left) => {
                self.decode_left = left;
                Ok(())
            }
            None => Err(Error::TooLarge {
                what: "PDF streams, decoded in total",
                len: (self.decode_budget.saturating_sub(self.decode_left)).saturating_add(len),
                limit: self.decode_budget,
            }),
        }
    }
}

/// Undo PNG prediction: rows of `width` bytes each preceded by its filter type; `bpp`
/// bytes per pixel. Each row is undone in place in the output, the row before it read
/// from there too: no buffer a row (an xref stream has a row an object, up to a million).
pub(super) fn unpredict(data: &[u8], width: usize, bpp: usize) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let zeros = vec![0u8; width];
    for row in data.chunks(width + 1) {
        let Some((&kind, row)) = row.split_first() else {
            break;
        };
        let start = out.len();
        out.extend_from_slice(row);
        out.resize(start + width, 0);
        let (done, cur) = out.split_at_mut(start);
        // The previous row: the last `width` bytes written (rows are `width` each).
        let prior = done
            .get(start.saturating_sub(width)..)
            .filter(|p| !p.is_empty());
        let prior = prior.unwrap_or(&zeros);
        for i in 0..width {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prior[i];
            let up_left = if i >= bpp { prior[i - bpp] } else { 0 };
            let add = match kind {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => {
                    let p = i16::from(left) + i16::from(up) - i16::from(up_left);
                    let (pa, pb, pc) = (
                        (p - i16::from(left)).abs(),
                        (p - i16::from(up)).abs(),
                        (p - i16::from(up_left)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        left
                    } else if pb <= pc {
                        up
                    } else {
                        up_left
                    }
                }
                _ => return Err(malformed("a PNG predictor row of unknown type")),
            };
            cur[i] = cur[i].wrapping_add(add);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PNG prediction undone row by row with a buffer each, as it was written first.
    fn unpredict_by_rows(data: &[u8], width: usize, bpp: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut prior = vec![0u8; width];
        for row in data.chunks(width + 1) {
            let (&kind, row) = row.split_first().unwrap();
            let mut cur = row.to_vec();
            cur.resize(width, 0);
            for i in 0..width {
                let left = if i >= bpp { cur[i - bpp] } else { 0 };
                let up = prior[i];
                let up_left = if i >= bpp { prior[i - bpp] } else { 0 };
                let (l, u, ul) = (i16::from(left), i16::from(up), i16::from(up_left));
                let p = l + u - ul;
                let paeth = if (p - l).abs() <= (p - u).abs() && (p - l).abs() <= (p - ul).abs() {
                    left
                } else if (p - u).abs() <= (p - ul).abs() {
                    up
                } else {
                    up_left
                };
                let add = [
                    0,
                    left,
                    up,
                    ((u16::from(left) + u16::from(up)) / 2) as u8,
                    paeth,
                ][kind as usize];
                cur[i] = cur[i].wrapping_add(add);
            }
            out.extend_from_slice(&cur);
            prior = cur;
        }
        out
    }

    #[test]
    fn png_prediction_in_place_matches_row_by_row() {
        // Every row type, several widths and pixel sizes, a short last row.
        let mut x = 0x2545_f491u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        for (width, bpp) in [(1, 1), (3, 1), (4, 2), (12, 3), (16, 4)] {
            for len in [0, 1, width + 1, 5 * (width + 1), 7 * (width + 1) + 2] {
                let data: Vec<u8> = (0..len)
                    .map(|i| {
                        let r = next();
                        if i % (width + 1) == 0 {
                            (r % 5) as u8
                        } else {
                            r as u8
                        }
                    })
                    .collect();
                assert_eq!(
                    unpredict(&data, width, bpp).unwrap(),
                    unpredict_by_rows(&data, width, bpp),
                    "{width} {bpp} {len}"
                );
            }
        }
        assert!(unpredict(&[5, 1], 1, 1).is_err());
    }

    #[test]
    fn png_up_prediction_is_undone() {
        // Two rows of two bytes, the second "Up".
        let rows = [0u8, 1, 2, 2, 1, 1];
        assert_eq!(unpredict(&rows, 2, 1).unwrap(), [1, 2, 2, 3]);
    }
}
