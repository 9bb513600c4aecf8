//! Text folded for phrase matching (lower case, one space for any run of
//! whitespace or line breaks, no `*`/`_` emphasis marks, straight quotes),
//! remembering where each folded byte came from so a match maps back to
//! the author's line.

use std::ops::Range;

use crate::markdown::swar;

pub struct Folded<'a> {
    pub text: String,
    /// The text it was folded from. Where a folded byte came from is worked
    /// out again when a phrase matches, which is rare, rather than kept for
    /// every byte (16 bytes of bookkeeping per byte of every post).
    source: &'a str,
}

pub fn fold(text: &str) -> Folded<'_> {
    let mut out = Vec::with_capacity(text.len());
    let mut space = false;
    let mut rest = text;
    while !rest.is_empty() {
        let run = ascii_prefix(rest.as_bytes());
        fold_ascii(&rest.as_bytes()[..run], &mut out, &mut space);
        let mut chars = rest[run..].chars();
        if let Some(c) = chars.next() {
            let mut buf = [0; 4];
            fold_char(c, &mut space, |f| {
                out.extend_from_slice(f.encode_utf8(&mut buf).as_bytes())
            });
        }
        rest = chars.as_str();
    }
    // Whole characters only went in, so this is always UTF-8.
    let folded = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Folded {
        text: folded,
        source: text,
    }
}

/// How many bytes at the start of `bytes` are ASCII. `is_ascii` reads a
/// word at a time, so chunks are ruled in several times faster than byte
/// by byte.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut at = 0;
    for chunk in bytes.chunks(64) {
        if !chunk.is_ascii() {
            return at + chunk.iter().take_while(|b| b.is_ascii()).count();
        }
        at += chunk.len();
    }
    at
}

/// In [`ASCII`]: the byte is kept (not `*` or `_`), and it is a space.
const KEEP: u16 = 1 << 8;
const SPACE: u16 = 1 << 9;

/// What [`fold_char`] makes of each ASCII character, in the low byte, and
/// whether it is kept and a space, in the flags above it.
const ASCII: [u16; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        table[b as usize] = match b {
            b'*' | b'_' => 0,
            s if swar::is_space(s) => b' ' as u16 | KEEP | SPACE,
            c => c.to_ascii_lowercase() as u16 | KEEP,
        };
        b += 1;
    }
    table
};

/// Folds a run of ASCII, most of any post. Eight bytes at a time where
/// they fold to themselves (most of any text: lower-case words and single
/// spaces), else byte by byte.
fn fold_ascii(run: &[u8], out: &mut Vec<u8>, space: &mut bool) {
    let start = out.len();
    out.resize(start + run.len(), 0);
    let buf = &mut out[start..];
    let (mut n, mut sp) = (0, usize::from(*space));
    let mut chunks = run.chunks_exact(8);
    for chunk in &mut chunks {
        let x = swar::load(chunk);
        let spaces = swar::equal(x, b' ');
        if folds_to_itself(x, spaces, sp) {
            buf[n..n + 8].copy_from_slice(chunk);
            n += 8;
            sp = usize::from(spaces >> 63 == 1);
        } else {
            for &b in chunk {
                (n, sp) = fold_byte(b, buf, n, sp);
            }
        }
    }
    for &b in chunks.remainder() {
        (n, sp) = fold_byte(b, buf, n, sp);
    }
    out.truncate(start + n);
    *space = sp == 1;
}

/// Folds one ASCII byte into `buf` at `n`, without a branch on what it
/// is (words and spaces alternate at random, which a branch predictor
/// cannot follow); `sp`: the last byte kept was a space (0 or 1). The
/// flags come from the table as numbers, because a comparison with the
/// dropped characters was compiled back into branches on the byte.
fn fold_byte(b: u8, buf: &mut [u8], n: usize, sp: usize) -> (usize, usize) {
    let entry = ASCII[usize::from(b & 0x7f)];
    let keep = usize::from(entry & KEEP != 0);
    let is_space = usize::from(entry & SPACE != 0);
    buf[n] = entry as u8;
    // A kept byte stays, unless it is a space after a space.
    let n = n + (keep & !(is_space & sp) & 1);
    (n, (sp & (keep ^ 1)) | (is_space & keep))
}

/// Whether eight ASCII bytes (`spaces`: their spaces, as from
/// [`swar::equal`]) fold to themselves: no capital, no `*` or `_`, no
/// control character (line breaks and tabs among them), and no space
/// after a space (`sp`: the byte before them was one). Each byte is worked
/// out on its own, with no carry between bytes.
fn folds_to_itself(x: u64, spaces: u64, sp: usize) -> bool {
    let capitals = swar::in_range(x, b'A', b'Z');
    let marks = swar::equal(x, b'*') | swar::equal(x, b'_');
    let control = swar::in_range(x, 0, 0x1f);
    let doubled = spaces & ((spaces << 8) | ((sp as u64) << 7));
    capitals | marks | control | doubled == 0
}

/// Folds one character: `emit` gets what it becomes (nothing, one or
/// several characters); `space` says whether the last one was whitespace.
fn fold_char(c: char, space: &mut bool, mut emit: impl FnMut(char)) {
    match c {
        '*' | '_' => return,
        c if c.is_whitespace() => {
            if !*space {
                emit(' ');
            }
        }
        '‘' | '’' => emit('\''),
        '“' | '”' => emit('"'),
        c if c.is_ascii() => emit(c.to_ascii_lowercase()),
        c => c.to_lowercase().for_each(emit),
    }
    *space = c.is_whitespace();
}

/// Calls `emit` with each folded character and the original byte range it
/// came from.
fn walk(text: &str, mut emit: impl FnMut(char, Range<usize>)) {
    let mut space = false;
    for (i, c) in text.char_indices() {
        let from = i..i + c.len_utf8();
        fold_char(c, &mut space, |f| emit(f, from.clone()));
    }
}

impl Folded<'_> {
    /// Original byte ranges where `phrase` stands as whole words.
    pub fn find(&self, phrase: &str) -> Vec<Range<usize>> {
        let needle = fold(phrase).text.trim().to_string();
        // Most texts hold none of the phrases, and memchr's `memmem` answers
        // that with a vectorised scan, several times faster than
        // `match_indices` (and than `contains`, on these long needles).
        let absent = memchr::memmem::find(self.text.as_bytes(), needle.as_bytes()).is_none();
        if needle.is_empty() || absent {
            return Vec::new();
        }
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.text
            .match_indices(&needle)
            .filter(|(i, _)| {
                let before = self.text[..*i].chars().next_back();
                let after = self.text[i + needle.len()..].chars().next();
                !word(before) && !word(after)
            })
            .map(|(i, _)| self.origin(i..i + needle.len()))
            .collect()
    }

    /// The original byte range that folded bytes `folded` came from.
    fn origin(&self, folded: Range<usize>) -> Range<usize> {
        let (mut at, mut start, mut end) = (0, 0, 0);
        walk(self.source, |c, from| {
            let next = at + c.len_utf8();
            if (at..next).contains(&folded.start) {
                start = from.start;
            }
            if (at..next).contains(&(folded.end - 1)) {
                end = from.end;
            }
            at = next;
        });
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_across_lines_and_emphasis() {
        let text = "He *Committed*\n  suicide; recommitted suicides.";
        let found = fold(text).find("committed suicide");
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "Committed*\n  suicide");
    }

    #[test]
    fn the_ascii_table_folds_as_the_general_rule() {
        for b in 0u8..128 {
            for before in [false, true] {
                let (mut fast, mut fast_space) = (Vec::new(), before);
                fold_ascii(&[b], &mut fast, &mut fast_space);
                let (mut slow, mut slow_space) = (String::new(), before);
                fold_char(char::from(b), &mut slow_space, |c| slow.push(c));
                assert_eq!(fast, slow.as_bytes(), "byte {b}, after a space: {before}");
                assert_eq!(fast_space, slow_space, "byte {b}");
            }
        }
        let text = "A  *b*_\t\nÉté “x” ’ \u{a0} İ\r\nEnd";
        let mut slow = String::new();
        walk(text, |c, _| slow.push(c));
        assert_eq!(fold(text).text, slow);
    }

    #[test]
    fn eight_at_a_time_folds_as_byte_by_byte() {
        let alphabet = [
            "a", "z", "A", "Z", "@", "[", " ", " ", "*", "_", "\n", "\t", "\x0b", "\x01", "\x1f",
            "\x7f", "'", "é", "word", "s ", "ok", "ay", "the ",
        ];
        // A fixed pseudo-random sequence: every mix, at every offset.
        let mut seed: u64 = 1;
        for _ in 0..3000 {
            let mut text = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for _ in 0..(seed >> 59) + (seed >> 61) * 8 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let mut slow = String::new();
            walk(&text, |c, _| slow.push(c));
            assert_eq!(fold(&text).text, slow, "{text:?}");
        }
    }

    #[test]
    fn ascii_prefix_stops_at_the_first_other_byte() {
        for len in [0, 1, 63, 64, 65, 130] {
            let ascii = "a".repeat(len);
            assert_eq!(ascii_prefix(ascii.as_bytes()), len);
            let mixed = format!("{ascii}é{ascii}");
            assert_eq!(ascii_prefix(mixed.as_bytes()), len, "{len}");
        }
    }

    #[test]
    fn maps_back_past_curly_quotes_and_accents() {
        let text = "Été — “don’t” _İ_ \u{a0}\tCOMMIT   suicide.";
        let folded = fold(text);
        assert!(folded.text.starts_with("été — \"don't\" i̇ commit suicide"));
        let found = folded.find("commit suicide");
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "COMMIT   suicide");
        assert_eq!(folded.find("don't").len(), 1);
    }
}
