//! CRL numbers (cRLNumber, BaseCRLNumber).

use super::*;

/// A cRLNumber or BaseCRLNumber: a non-negative integer of at most 20 octets, kept as
/// minimal big-endian octets (zero is `[0]`). Ordered numerically.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CrlNumber(Vec<u8>);

impl CrlNumber {
    /// From the content octets of a DER INTEGER. Refuses negative values and magnitudes of
    /// more than 20 octets (RFC 5280 section 5.2.3).
    pub fn from_integer_content(content: &[u8]) -> Result<CrlNumber> {
        let (&first, _) = content
            .split_first()
            .ok_or_else(|| malformed("CRL number: empty INTEGER"))?;
        if first & 0x80 != 0 {
            return Err(malformed("CRL number: negative INTEGER"));
        }
        Self::from_be_bytes(content)
    }

    /// From unsigned big-endian octets (leading zeros allowed).
    pub fn from_be_bytes(bytes: &[u8]) -> Result<CrlNumber> {
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        let magnitude = bytes.get(start..).unwrap_or_default();
        if magnitude.len() > MAX_CRL_NUMBER_LEN {
            return Err(malformed(format!(
                "CRL number of {} octets exceeds {MAX_CRL_NUMBER_LEN}",
                magnitude.len()
            )));
        }
        Ok(CrlNumber(if magnitude.is_empty() {
            vec![0]
        } else {
            magnitude.to_vec()
        }))
    }

    /// From a machine integer.
    pub fn from_u64(n: u64) -> CrlNumber {
        let bytes = n.to_be_bytes();
        let start = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        CrlNumber(bytes.get(start..).unwrap_or(&[0]).to_vec())
    }

    /// Minimal unsigned big-endian octets (`[0]` for zero).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The value as a `u128`, when it fits.
    pub fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 16 {
            return None;
        }
        Some(
            self.0
                .iter()
                .fold(0u128, |acc, &b| (acc << 8) | u128::from(b)),
        )
    }
}

impl Ord for CrlNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        // Minimal encodings: a longer magnitude is a larger number.
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for CrlNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for CrlNumber {
    /// Decimal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut n = self.0.clone();
        let mut digits = Vec::new();
        while n.iter().any(|&b| b != 0) {
            let mut rem = 0u32;
            for b in n.iter_mut() {
                let cur = (rem << 8) | u32::from(*b);
                *b = (cur / 10) as u8;
                rem = cur % 10;
            }
            digits.push(b'0' + rem as u8);
        }
        if digits.is_empty() {
            digits.push(b'0');
        }
        digits.reverse();
        f.write_str(core::str::from_utf8(&digits).unwrap_or("?"))
    }
}

impl fmt::Debug for CrlNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CrlNumber({self})")
    }
}
