//! Counting words (runs of non-space) for the reading time: it runs on
//! every text event of every post.

/// `text.split_whitespace().count()` without making the pieces.
pub fn count_words(text: &str) -> usize {
    if text.is_ascii() {
        return count_ascii(text.as_bytes());
    }
    count_starts(text.chars().map(char::is_whitespace), true)
}

/// How many runs of non-space there are, given which items are space and
/// whether the text so far ended in space.
fn count_starts(spaces: impl Iterator<Item = bool>, mut after_space: bool) -> usize {
    let mut words = 0;
    for space in spaces {
        words += usize::from(!space && after_space);
        after_space = space;
    }
    words
}

use super::swar::{self, HIGH};

/// ASCII words, eight bytes at a time: a word starts at a non-space byte
/// after a space byte, so the count is the number of such pairs, found
/// with a mask of the space bytes and its copy shifted by a byte.
fn count_ascii(bytes: &[u8]) -> usize {
    let mut words = 0;
    // Whether the byte before the current chunk was a space, in the high
    // bit of the lowest byte (the chunk's first byte, little-endian).
    let mut before: u64 = 0x80;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let spaces = swar::spaces(swar::load(chunk));
        let after_space = (spaces << 8) | before;
        words += (!spaces & HIGH & after_space).count_ones() as usize;
        before = (spaces >> 56) & 0x80;
    }
    let rest = chunks.remainder().iter().map(|&b| swar::is_space(b));
    words + count_starts(rest, before != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_split_whitespace_across_chunk_edges() {
        let pieces = [
            "a", " ", "bc", "\t\n", "def ", "  ", "x\x0b", "\x0cy", "\r", "word",
        ];
        // Every mix of pieces, at every offset from a chunk's edge.
        for start in 0..pieces.len() {
            for len in 0..24 {
                let text: String = (0..len)
                    .map(|i| pieces[(start + i * 7) % pieces.len()])
                    .collect();
                for lead in 0..9 {
                    let text = format!("{}{text}", "z".repeat(lead));
                    assert_eq!(
                        count_words(&text),
                        text.split_whitespace().count(),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
