//! Rewrites a syntax-definition regex so that on ASCII text it matches
//! exactly as before, with every Unicode class escape (`\w`, `\s`, `\d`,
//! `\p{L}`, their negations, ...) narrowed to its ASCII members.
//!
//! fancy-regex compiles a Unicode class such as `\w` or `\p{L}` into an
//! automaton over hundreds of code-point ranges, in each of thousands of
//! grammar regexes; the ASCII classes compile about three times faster
//! and into a fraction of the memory. Code blocks are nearly always ASCII,
//! and on ASCII text a class matches a character exactly when its ASCII
//! part does, so the rewritten grammars are used for ASCII blocks only.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};

/// `pattern` with its class escapes narrowed to ASCII. Everything else,
/// including escaped backslashes and escapes it does not know, is copied.
pub fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..at + escape_len(&rest[at..])];
        match ascii_class(escape) {
            Some(class) => out.push_str(&class),
            None => out.push_str(escape),
        }
        rest = &rest[at + escape.len()..];
    }
    out.push_str(rest);
    out
}

/// The length of the escape at the start of `s` (which starts with `\`):
/// `\p{Name}`, `\pL`, or a backslash and one character.
fn escape_len(s: &str) -> usize {
    let mut chars = s.char_indices().skip(1);
    let Some((_, c)) = chars.next() else {
        return s.len();
    };
    let after = 1 + c.len_utf8();
    if matches!(c, 'p' | 'P') {
        if s[after..].starts_with('{') {
            if let Some(close) = s[after..].find('}') {
                return after + close + 1;
            }
        } else if let Some(n) = s[after..].chars().next() {
            return after + n.len_utf8();
        }
    }
    after
}

/// A Unicode class escape's ASCII members as a bracketed class, which
/// stands alone and also nests inside another class; `None` for anything
/// that is not a class escape.
fn ascii_class(escape: &str) -> Option<String> {
    let letter = escape.chars().nth(1)?;
    if !matches!(letter, 'w' | 'W' | 'd' | 'D' | 's' | 'S' | 'p' | 'P') {
        return None;
    }
    let hir = regex_syntax::parse(escape).ok()?;
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return None;
    };
    let mut ascii = class.clone();
    ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
    let mut out = String::from("[");
    if ascii.ranges().is_empty() {
        // No ASCII member: a class that matches nothing.
        out.push_str("^\\x{0}-\\x{10FFFF}");
    }
    for range in ascii.ranges() {
        out.push_str(&format!("\\x{{{:X}}}", u32::from(range.start())));
        if range.end() != range.start() {
            out.push_str(&format!("-\\x{{{:X}}}", u32::from(range.end())));
        }
    }
    out.push(']');
    Some(out)
}
