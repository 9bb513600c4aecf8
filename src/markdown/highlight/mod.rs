//! Fenced code → HTML with CSS classes (never inline styles, so a strict
//! Content-Security-Policy works). The grammars load once, on the first
//! code block any page has.

mod grammars;

use std::cell::RefCell;
use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference};
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

use grammars::Grammars;

/// Replaces each code block's events with one HTML event.
pub struct Highlight<I> {
    inner: I,
}

impl<I> Highlight<I> {
    pub fn new(inner: I) -> Self {
        Highlight { inner }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Highlight<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next()?;
        let Event::Start(Tag::CodeBlock(kind)) = event else {
            return Some(event);
        };
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().unwrap_or("").to_string()
            }
            CodeBlockKind::Indented => String::new(),
        };
        let mut code = String::new();
        for e in self.inner.by_ref() {
            match e {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        Some(Event::Html(CowStr::from(code_block(&lang, &code))))
    }
}

/// One code block as HTML; an unknown language is plain escaped code.
pub fn code_block(lang: &str, code: &str) -> String {
    let mut out = String::with_capacity(code.len() * 2 + 64);
    let known = if lang.is_empty() {
        None
    } else {
        let grammars = Grammars::for_code(code);
        let syntax = grammars.set().find_syntax_by_token(lang);
        syntax.map(|s| (grammars, s))
    };
    match known.and_then(|(grammars, syntax)| classed(grammars, syntax, code)) {
        Some(html) => {
            out.push_str(&format!(
                "<pre class=\"hl\"><code class=\"language-{}\">",
                super::escape(lang)
            ));
            out.push_str(&html);
            out.push_str("</code></pre>\n");
        }
        None => plain(&mut out, lang, code),
    }
    out
}

/// What syntect's `ClassedHTMLGenerator` does, with each line's parse
/// memoised; `None` when syntect fails on the code.
fn classed(grammars: Grammars, syntax: &SyntaxReference, code: &str) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 3);
    let mut open: isize = 0;
    for line in LinesWithEndings::from(code) {
        let (spans, delta) = with_parsed(&mut state, line, grammars, |ops| {
            line_tokens_to_classed_spans(line, ops, CLASS_STYLE, &mut stack).ok()
        })?;
        html.push_str(&spans);
        open += delta;
    }
    for _ in 0..open {
        html.push_str("</span>");
    }
    Some(html)
}

type Ops = Vec<(usize, ScopeStackOp)>;

/// One line's parse: the state before it, its scope operations, the state
/// after it.
struct Parsed {
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

/// Beyond this many distinct lines a thread's memo starts again, so memory
/// stays bounded on sites with a great deal of code.
const MEMO_LINES: usize = 20_000;

thread_local! {
    // Parsing a line is a pure function of the parser state and the line,
    // and code repeats itself (imports, braces, blank lines, the same
    // snippet across posts): with the pure-Rust regex engine, parsing is
    // most of a build's highlighting cost, and a hit skips it entirely.
    // One memo per copy of the grammars: their parser states differ.
    static MEMO: RefCell<[HashMap<Box<str>, Vec<Parsed>>; 2]> = RefCell::default();
}

/// Parses `line` from `state` (or finds the earlier parse of the same line
/// from the same state), advances `state`, and hands the ops to `f`.
fn with_parsed<T>(
    state: &mut ParseState,
    line: &str,
    grammars: Grammars,
    f: impl FnOnce(&[(usize, ScopeStackOp)]) -> Option<T>,
) -> Option<T> {
    MEMO.with_borrow_mut(|memos| {
        let memo = &mut memos[grammars as usize];
        let hit = memo
            .get(line)
            .and_then(|seen| seen.iter().find(|p| p.before == *state));
        if let Some(hit) = hit {
            state.clone_from(&hit.after);
            return f(&hit.ops);
        }
        let before = state.clone();
        let ops = state.parse_line(line, grammars.set()).ok()?;
        let result = f(&ops);
        if memo.len() >= MEMO_LINES {
            memo.clear();
        }
        let after = state.clone();
        memo.entry(line.into())
            .or_default()
            .push(Parsed { before, ops, after });
        result
    })
}

fn plain(out: &mut String, lang: &str, code: &str) {
    if lang.is_empty() {
        out.push_str("<pre><code>");
    } else {
        out.push_str(&format!(
            "<pre><code class=\"language-{}\">",
            super::escape(lang)
        ));
    }
    out.push_str(&super::escape(code));
    out.push_str("</code></pre>\n");
}

/// The highlight stylesheet: the light theme and the dark one, each inside
/// a query that excludes the other. Unguarded, a light rule more specific
/// than its dark twin kept its colour in dark mode. Print takes the light
/// one, as the theme prints on white. `None` names an unknown theme.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str, code_bg| {
        let theme = themes.themes.get(name).ok_or_else(|| {
            let mut known: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            known.sort();
            format!(
                "unknown highlight theme `{name}`; known themes: {}",
                known.join(", ")
            )
        })?;
        let theme = super::contrast::readable(theme, code_bg);
        css_for_theme_with_class_style(&theme, CLASS_STYLE).map_err(|e| e.to_string())
    };
    let light = css(light, super::contrast::CODE_BG_LIGHT)?;
    let dark = css(dark, super::contrast::CODE_BG_DARK)?;
    Ok(format!(
        "@media print, not all and (prefers-color-scheme: dark) {{\n{light}\n}}\n\
         @media screen and (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_and_no_styles() {
        let html = code_block("rust", "fn main() { let x = \"<\"; }\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("&lt;"), "{html}");
    }

    /// syntect's own generator, unmemoised: what `classed` must equal.
    pub(super) fn reference(grammars: Grammars, lang: &str, code: &str) -> String {
        let set = grammars.set();
        let syntax = set.find_syntax_by_token(lang).expect(lang);
        let mut generator =
            syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn memoised_lines_give_what_syntect_gives() {
        // The same lines recur in other parser states: inside a docstring,
        // after an unclosed bracket, in another language.
        let blocks = [
            ("python", "x = 1\nif x:\n    print(x)\n"),
            ("python", "\"\"\"\nx = 1\nif x:\n\"\"\"\nx = 1\n"),
            ("python", "f(\nx = 1\n)\nx = 1\n"),
            ("rust", "x = 1\nfn main() {\n    x = 1\n}\n"),
            ("python", "x = 1\nif x:\n    print(x)\n"),
        ];
        for grammars in [Grammars::Ascii, Grammars::Unicode] {
            for (lang, code) in blocks {
                let syntax = grammars.set().find_syntax_by_token(lang).unwrap();
                assert_eq!(
                    classed(grammars, syntax, code).unwrap(),
                    reference(grammars, lang, code),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn unknown_language_is_plain_escaped_text() {
        let html = code_block("nosuchlang", "<b>\n");
        assert_eq!(
            html,
            "<pre><code class=\"language-nosuchlang\">&lt;b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn stylesheet_names_unknown_themes() {
        assert!(stylesheet("InspiredGitHub", "base16-ocean.dark").is_ok());
        assert!(stylesheet("Nope", "base16-ocean.dark").is_err());
    }
}
