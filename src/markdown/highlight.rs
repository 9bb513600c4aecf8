//! Fenced code → HTML with CSS classes (never inline styles, so a strict
//! Content-Security-Policy works). The syntax set loads once, on the first
//! code block any page has.

use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

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
        let set = syntaxes();
        set.find_syntax_by_token(lang).map(|s| (set, s))
    };
    match known {
        Some((set, syntax)) => {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
            let ok = LinesWithEndings::from(code).all(|line| {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_ok()
            });
            if ok {
                out.push_str(&format!(
                    "<pre class=\"hl\"><code class=\"language-{}\">",
                    super::escape(lang)
                ));
                out.push_str(&generator.finalize());
                out.push_str("</code></pre>\n");
                return out;
            }
            plain(&mut out, lang, code);
        }
        None => plain(&mut out, lang, code),
    }
    out
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

/// The highlight stylesheet: the light theme, then the dark one inside a
/// `prefers-color-scheme: dark` query. `None` names an unknown theme.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        let theme = themes.themes.get(name).ok_or_else(|| {
            let mut known: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            known.sort();
            format!(
                "unknown highlight theme `{name}`; known themes: {}",
                known.join(", ")
            )
        })?;
        css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| e.to_string())
    };
    let light = css(light)?;
    let dark = css(dark)?;
    Ok(format!(
        "{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
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
