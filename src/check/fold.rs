//! Text folded for phrase matching (lower case, one space for any run of
//! whitespace or line breaks, no `*`/`_` emphasis marks, straight quotes),
//! remembering where each folded byte came from so a match maps back to
//! the author's line.

use std::ops::Range;

pub struct Folded<'a> {
    pub text: String,
    /// The text it was folded from. Where a folded byte came from is worked
    /// out again when a phrase matches, which is rare, rather than kept for
    /// every byte (16 bytes of bookkeeping per byte of every post).
    source: &'a str,
}

pub fn fold(text: &str) -> Folded<'_> {
    let mut out = String::with_capacity(text.len());
    walk(text, |c, _| out.push(c));
    Folded {
        text: out,
        source: text,
    }
}

/// Calls `emit` with each folded character and the original byte range it
/// came from.
fn walk(text: &str, mut emit: impl FnMut(char, Range<usize>)) {
    let mut space = false;
    let mut i = 0;
    while let Some(&byte) = text.as_bytes().get(i) {
        // Byte by byte where the text is ASCII, most of any post: decoding
        // every character was most of the cost of folding.
        let c = match byte.is_ascii() {
            true => char::from(byte),
            false => text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER),
        };
        let from = i..i + c.len_utf8();
        i = from.end;
        match c {
            '*' | '_' => continue,
            c if c.is_whitespace() => {
                if !space {
                    emit(' ', from);
                }
            }
            '‘' | '’' => emit('\'', from),
            '“' | '”' => emit('"', from),
            // Most text is ASCII: one byte in, one byte out, no case tables.
            c if c.is_ascii() => emit(c.to_ascii_lowercase(), from),
            c => c.to_lowercase().for_each(|lower| emit(lower, from.clone())),
        }
        space = c.is_whitespace();
    }
}

impl Folded<'_> {
    /// Original byte ranges where `phrase` stands as whole words.
    pub fn find(&self, phrase: &str) -> Vec<Range<usize>> {
        let needle = fold(phrase).text.trim().to_string();
        // Most texts hold none of the phrases, and `contains` answers that
        // with a vectorised scan, several times faster than `match_indices`.
        if needle.is_empty() || !self.text.contains(&needle) {
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
