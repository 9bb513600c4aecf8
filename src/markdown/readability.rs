//! The Flesch–Kincaid grade level: roughly the school grade a reader needs
//! to follow the text. Plain-language health writing commonly aims at
//! grade 8 or below, so the default limit, 9, leaves a little room.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub grade: f64,
    pub words: usize,
}

/// Texts this short give no meaningful score.
const MIN_WORDS: usize = 100;

/// The grade of `text`, one paragraph or list item a line.
pub fn score(text: &str) -> Option<Score> {
    let mut tally = Tally::default();
    // One buffer for every word: two allocations a word were most of the
    // cost of scoring a post.
    let mut letters = String::new();
    for block in text.lines() {
        if block.is_ascii() {
            score_ascii(block.as_bytes(), &mut tally);
        } else {
            for token in block.split_whitespace() {
                lower_letters(token, &mut letters);
                let count = (!letters.is_empty()).then(|| count_syllables(&letters));
                tally.token(count, ends_sentence(token));
            }
        }
        // A list item or paragraph without a full stop still ends here.
        tally.end_block();
    }
    let Tally {
        words,
        syllables,
        sentences,
        ..
    } = tally;
    if words < MIN_WORDS || sentences == 0 {
        return None;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    Some(Score {
        grade: 0.39 * (w / s) + 11.8 * (y / w) - 15.59,
        words,
    })
}

#[derive(Default)]
struct Tally {
    words: usize,
    syllables: usize,
    sentences: usize,
    /// A sentence has words not yet counted as a sentence.
    open: bool,
}

impl Tally {
    /// A token with `syllables` (`None`: no letters), which may end a
    /// sentence.
    fn token(&mut self, syllables: Option<usize>, ends: bool) {
        if let Some(n) = syllables {
            self.words += 1;
            self.syllables += n;
            self.open = true;
        }
        if ends && self.open {
            self.sentences += 1;
            self.open = false;
        }
    }

    fn end_block(&mut self) {
        self.sentences += usize::from(self.open);
        self.open = false;
    }
}

/// `char::is_whitespace`, for an ASCII byte.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The token's letters in lower case, into `out`. Char by char, this
/// differs from `str::to_lowercase` only for a final Σ, which is no vowel.
fn lower_letters(token: &str, out: &mut String) {
    out.clear();
    for c in token.chars().filter(|c| c.is_alphabetic()) {
        out.extend(c.to_lowercase());
    }
}

fn ends_sentence(token: &str) -> bool {
    let t = token.trim_end_matches(['"', '\'', ')', '”', '’', '*', '_']);
    t.ends_with(['.', '!', '?']) && !t.ends_with("...") || t.ends_with('…')
}

/// [`ends_sentence`] for an ASCII token.
fn ascii_ends_sentence(token: &[u8]) -> bool {
    let end = token
        .iter()
        .rposition(|b| !matches!(b, b'"' | b'\'' | b')' | b'*' | b'_'))
        .map_or(0, |i| i + 1);
    let t = &token[..end];
    t.ends_with(b".") && !t.ends_with(b"...") || t.ends_with(b"!") || t.ends_with(b"?")
}

/// a, e, i, o, u and y, as bits counted from a.
const VOWELS: u32 = 1 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20 | 1 << 24;

/// Scores an ASCII line in one pass over its bytes, the bulk of any post:
/// splitting it into words first and then reading each word again, with
/// chars and Unicode whitespace, was most of the cost of scoring.
fn score_ascii(block: &[u8], tally: &mut Tally) {
    let mut start = 0;
    let mut word = Letters::default();
    for (i, &b) in block.iter().enumerate() {
        if is_space(b) {
            if i > start {
                tally.token(word.syllables(), ascii_ends_sentence(&block[start..i]));
            }
            word = Letters::default();
            start = i + 1;
        } else {
            word.push(b);
        }
    }
    if block.len() > start {
        tally.token(word.syllables(), ascii_ends_sentence(&block[start..]));
    }
}

/// The letters of an ASCII word so far: enough for [`count_syllables`]
/// without keeping them.
#[derive(Default)]
struct Letters {
    len: usize,
    /// Vowel groups.
    groups: usize,
    /// The last letter was a vowel.
    prev: bool,
    /// The last three letters, newest last, lower case.
    last: [u8; 3],
}

impl Letters {
    fn push(&mut self, b: u8) {
        if !b.is_ascii_alphabetic() {
            return;
        }
        let c = b.to_ascii_lowercase();
        self.len += 1;
        // A bit per letter rather than a comparison per vowel, and a sum
        // rather than a branch: vowels and consonants alternate at random,
        // which a branch predictor cannot follow.
        let v = (VOWELS >> (c - b'a')) & 1 == 1;
        self.groups += usize::from(v && !self.prev);
        self.prev = v;
        self.last = [self.last[1], self.last[2], c];
    }

    /// `None` for a word without letters.
    fn syllables(&self) -> Option<usize> {
        match self.len {
            0 => None,
            1..=3 => Some(1),
            _ => Some(drop_silent_e(self.groups, |end| {
                self.last.ends_with(end.as_bytes())
            })),
        }
    }
}

/// Vowel groups, less a silent final e; every word has at least one.
fn count_syllables(word: &str) -> usize {
    if word.chars().count() <= 3 {
        return 1;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut prev = false;
    for c in word.chars() {
        let v = vowel(c);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    drop_silent_e(groups, |end| word.ends_with(end))
}

fn drop_silent_e(groups: usize, ends: impl Fn(&str) -> bool) -> usize {
    let silent =
        (ends("e") && !ends("le")) || ends("es") || (ends("ed") && !ends("ted") && !ends("ded"));
    if silent && groups > 1 {
        groups - 1
    } else {
        groups.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for (word, n) in [
            ("cat", 1),
            ("table", 2),
            ("anxiety", 3),
            ("hoped", 1),
            ("wanted", 2),
            ("relationship", 4),
        ] {
            assert_eq!(count_syllables(word), n, "{word}");
        }
    }

    #[test]
    fn letters_are_lowered_as_the_whole_word_would_be() {
        let mut out = String::new();
        for token in ["Don't", "(Über-Maß)", "naïve,", "ΟΔΟΣ", "x2y"] {
            lower_letters(token, &mut out);
            let whole: String = token.chars().filter(|c| c.is_alphabetic()).collect();
            let whole = whole.to_lowercase();
            assert_eq!(count_syllables(&out), count_syllables(&whole), "{token}");
            assert_eq!(out.chars().count(), whole.chars().count(), "{token}");
        }
    }

    #[test]
    fn the_ascii_path_counts_as_the_general_one() {
        let mut out = String::new();
        for token in [
            "Table,",
            "hoped",
            "wanted",
            "(relationship)",
            "Don't",
            "x2y",
            "a",
            "tree",
            "trees",
            "noted",
            "ended",
            "bled",
            "",
            "--",
            "Yesterday's",
            "are",
            "axe",
        ] {
            lower_letters(token, &mut out);
            let general = (!out.is_empty()).then(|| count_syllables(&out));
            let mut word = Letters::default();
            token.bytes().for_each(|b| word.push(b));
            assert_eq!(word.syllables(), general, "{token}");
        }
    }

    #[test]
    fn the_ascii_path_ends_sentences_as_the_general_one() {
        for token in [
            "end.", "end...", "end.\"", "(end.)", "*end*.", "why?'", "no!", "e.g.", "x", ".", "",
            "\"\"", "...", "a.)*_",
        ] {
            let ascii = ascii_ends_sentence(token.as_bytes());
            assert_eq!(ascii, ends_sentence(token), "{token}");
        }
        // Vertical tab and form feed are whitespace to split_whitespace too.
        assert!((0u8..128).all(|b| is_space(b) == char::from(b).is_whitespace()));
    }

    #[test]
    fn ascii_lines_score_as_the_general_path_would() {
        let text = "Breathe in... and out! (Slowly.) \"Why?\" *Notice*  it.\n\
                    A list item without a stop\n  x2y co-op e.g. the end.  \n\t\n";
        let mut fast = Tally::default();
        let mut slow = Tally::default();
        let mut letters = String::new();
        for block in text.lines() {
            score_ascii(block.as_bytes(), &mut fast);
            for token in block.split_whitespace() {
                lower_letters(token, &mut letters);
                let count = (!letters.is_empty()).then(|| count_syllables(&letters));
                slow.token(count, ends_sentence(token));
            }
            fast.end_block();
            slow.end_block();
        }
        let counts = |t: &Tally| (t.words, t.syllables, t.sentences);
        assert_eq!(counts(&fast), counts(&slow));
        assert!(fast.sentences >= 5, "{}", fast.sentences);
    }

    #[test]
    fn plain_text_scores_low_and_dense_text_high() {
        let plain = "We sit. We talk. You rest. It helps. ".repeat(30);
        let dense = "Psychotherapeutic interventions demonstrate considerable effectiveness \
                     regarding generalized anxiety symptomatology amongst heterogeneous populations. "
            .repeat(10);
        assert!(score(&plain).is_some_and(|s| s.grade < 2.0));
        assert!(score(&dense).is_some_and(|s| s.grade > 16.0));
        assert_eq!(score("Too short."), None);
    }
}
