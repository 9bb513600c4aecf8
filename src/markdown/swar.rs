//! Eight ASCII bytes at a time in a `u64` ("SIMD within a register"), for
//! the scans that read every byte of every post: word counts, the reading
//! grade and phrase folding. Each function works byte by byte with no
//! carry between bytes, and marks a byte by setting its high bit.

pub const ONES: u64 = 0x0101_0101_0101_0101;
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes, the first in the lowest position.
pub fn load(eight: &[u8]) -> u64 {
    let mut bytes = [0; 8];
    bytes.copy_from_slice(eight);
    u64::from_le_bytes(bytes)
}

/// The bytes of `x` that equal `b`.
pub fn equal(x: u64, b: u8) -> u64 {
    let t = x ^ (ONES * u64::from(b));
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// The bytes of `x` (all ASCII) from `lo` to `hi` (ASCII), inclusive.
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // lo <= b: (b | 0x80) - lo keeps its high bit; b <= hi: 0x80 + hi - b.
    let at_least = (x | HIGH) - ONES * u64::from(lo);
    let at_most = ONES * (0x80 + u64::from(hi)) - x;
    at_least & at_most & HIGH
}

/// `char::is_whitespace`, for an ASCII byte: a space, or tab to carriage
/// return. [`spaces`] is the same for eight bytes at once.
pub const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The bytes of `x` (all ASCII) that are whitespace to
/// `char::is_whitespace`: a space, or tab to carriage return.
pub fn spaces(x: u64) -> u64 {
    equal(x, b' ') | in_range(x, b'\t', b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_is_judged_on_its_own() {
        // Neighbours that would borrow or carry into each other.
        for a in 0u8..128 {
            for b in [0u8, 9, 13, 32, 65, 90, 97, 122, 127] {
                let x = load(&[a, b, a, b, b, a, b, a]);
                let mark = |on: bool| if on { 0x80 } else { 0 };
                let expect = |f: &dyn Fn(u8) -> bool| {
                    u64::from_le_bytes([a, b, a, b, b, a, b, a].map(|c| mark(f(c))))
                };
                assert_eq!(equal(x, b'_'), expect(&|c| c == b'_'), "{a} {b}");
                assert_eq!(in_range(x, b'A', b'Z'), expect(&|c| c.is_ascii_uppercase()));
                assert_eq!(
                    spaces(x),
                    expect(&|c| char::from(c).is_whitespace()),
                    "{a} {b}"
                );
                assert_eq!(is_space(a), char::from(a).is_whitespace(), "{a}");
            }
        }
    }
}
