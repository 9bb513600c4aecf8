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
    // Byte by byte: `ends_with` on these short slices cost a call each.
    match token[..end] {
        [.., b'.', b'.', b'.'] => false,
        [.., b'.' | b'!' | b'?'] => true,
        _ => false,
    }
}

/// What an ASCII byte is to the scorer, as bits.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const VOWEL: u8 = 4;

const CLASS: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        table[b] = if super::swar::is_space(b as u8) {
            SPACE
        } else if matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            LETTER | VOWEL
        } else if c.is_ascii_lowercase() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Scores an ASCII line in one pass over its bytes, the bulk of any post.
/// Per byte it only counts letters and vowel groups, from a table and
/// without a branch (vowels and consonants alternate at random, which a
/// branch predictor cannot follow); the rest is worked out once a word
/// ends, from the word's own bytes.
fn score_ascii(block: &[u8], tally: &mut Tally) {
    let mut start = 0;
    // Letters, vowel groups, and whether the last letter was a vowel (0/1).
    let (mut letters, mut groups, mut prev) = (0, 0, 0u8);
    for (i, &b) in block.iter().enumerate() {
        let class = CLASS[usize::from(b & 0x7f)];
        if class & SPACE != 0 {
            if i > start {
                end_word(&block[start..i], letters, groups, tally);
            }
            (letters, groups, prev) = (0, 0, 0);
            start = i + 1;
            continue;
        }
        let letter = (class & LETTER) >> 1;
        let vowel = (class & VOWEL) >> 2;
        letters += usize::from(letter);
        groups += usize::from(vowel & !prev & 1);
        // Only letters move it: "co-op" has two groups, "don't" one.
        prev = (prev & (letter ^ 1)) | vowel;
    }
    if block.len() > start {
        end_word(&block[start..], letters, groups, tally);
    }
}

/// Counts an ASCII word with `letters` letters in `groups` vowel groups.
fn end_word(word: &[u8], letters: usize, groups: usize, tally: &mut Tally) {
    let syllables = match letters {
        0 => None,
        1..=3 => Some(1),
        _ => {
            let [a, b, c] = last_letters(word);
            // drop_silent_e's endings, on the last three letters.
            let silent = (c == b'e' && b != b'l')
                || (b == b'e' && c == b's')
                || (b == b'e' && c == b'd' && a != b't' && a != b'd');
            Some(if silent && groups > 1 {
                groups - 1
            } else {
                groups.max(1)
            })
        }
    };
    tally.token(syllables, ascii_ends_sentence(word));
}

/// The last three letters of a word that has at least three, lower case.
fn last_letters(word: &[u8]) -> [u8; 3] {
    // Most words end in three letters.
    if let [.., a, b, c] = *word
        && [a, b, c].iter().all(u8::is_ascii_alphabetic)
    {
        return [a, b, c].map(|l| l.to_ascii_lowercase());
    }
    let mut last = [0; 3];
    let mut n = 3;
    for &b in word.iter().rev().filter(|b| b.is_ascii_alphabetic()) {
        n -= 1;
        last[n] = b.to_ascii_lowercase();
        if n == 0 {
            break;
        }
    }
    last
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
            "co-op",
            "AEIOU",
            "rhythm",
            "queue",
            "e-mail",
            "yes",
        ] {
            lower_letters(token, &mut out);
            let general = (!out.is_empty()).then(|| count_syllables(&out));
            let mut tally = Tally::default();
            score_ascii(token.as_bytes(), &mut tally);
            let fast = (tally.words == 1).then_some(tally.syllables);
            assert_eq!(fast, general, "{token}");
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
    fn random_ascii_lines_score_as_the_general_path_would() {
        let alphabet = [
            "a", "e", "y", "Y", "O", "t", "S", "d", "l", " ", " ", "  ", "\t", ".", "...", ",",
            "'", "\"", "!", "?", ")", "*", "_", "-", "7", "the ", "table ", "hoped ", "quiet",
            "Seeing ", "rhythm ",
        ];
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        let mut letters = String::new();
        for _ in 0..4000 {
            let len = next() % 40;
            let line: String = (0..len)
                .map(|_| alphabet[next() as usize % alphabet.len()])
                .collect();
            let (mut fast, mut slow) = (Tally::default(), Tally::default());
            score_ascii(line.as_bytes(), &mut fast);
            for token in line.split_whitespace() {
                lower_letters(token, &mut letters);
                let count = (!letters.is_empty()).then(|| count_syllables(&letters));
                slow.token(count, ends_sentence(token));
            }
            let counts = |t: &Tally| (t.words, t.syllables, t.sentences, t.open);
            assert_eq!(counts(&fast), counts(&slow), "{line:?}");
        }
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
