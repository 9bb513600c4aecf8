//! Text folded for phrase matching (lower case, one space for any run of
//! whitespace or line breaks, no `*`/`_` emphasis marks, straight quotes),
//! remembering where each folded byte came from so a match maps back to
//! the author's line.

use std::ops::Range;

pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the original byte range it came from.
    origin: Vec<Range<usize>>,
}

pub fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for (i, c) in text.char_indices() {
        let from = i..i + c.len_utf8();
        match c {
            '*' | '_' => {}
            c if c.is_whitespace() => {
                if !out.text.ends_with(' ') {
                    out.push(' ', from);
                }
            }
            '‘' | '’' => out.push('\'', from),
            '“' | '”' => out.push('"', from),
            // Most text is ASCII: one byte in, one byte out, no case tables.
            c if c.is_ascii() => {
                out.text.push(c.to_ascii_lowercase());
                out.origin.push(from);
            }
            c => {
                for lower in c.to_lowercase() {
                    out.push(lower, from.clone());
                }
            }
        }
    }
    out
}

impl Folded {
    #[inline]
    fn push(&mut self, c: char, from: Range<usize>) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.origin.push(from.clone());
        }
    }

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
            .map(|(i, _)| self.origin[i].start..self.origin[i + needle.len() - 1].end)
            .collect()
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
}
