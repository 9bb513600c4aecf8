//! Markdown → HTML as a chain of small adapters over pulldown-cmark events:
//! components (expanded before parsing), named task checkboxes, footnotes
//! that link both ways, highlighting, heading anchors and TOC, then the
//! summary and word count read off the result.

pub mod anchors;
pub mod components;
pub mod contrast;
pub mod footnotes;
pub mod highlight;
mod more;
pub mod readability;
pub mod refs;
pub mod shortcode;
pub(crate) mod swar;
mod tables;
pub mod tasks;
mod words;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use memchr::memmem::Finder;
use pulldown_cmark::{Event, Options, Parser};

pub use anchors::TocEntry;
pub use components::{Components, NoComponents, RenderError, Signature};
pub use shortcode::ArgValue;

use crate::diag::Result;
pub use words::count_words;

/// A Markdown text and where it sits in its file.
pub struct Input<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub first_line: usize,
}

impl<'a> Input<'a> {
    /// A part of this text, still pointing at the right file lines.
    pub fn sub(&self, range: Range<usize>) -> Input<'a> {
        Input {
            path: self.path,
            first_line: self.first_line + self.text[..range.start].matches('\n').count(),
            text: &self.text[range],
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The HTML before `<!-- more -->`, when the author placed one.
    pub more: Option<String>,
    pub toc: Vec<TocEntry>,
    pub words: usize,
    /// Names of the components used, in order.
    pub components: Vec<String>,
    pub has_code: bool,
    /// Links and headings with their places in the text, and the reading
    /// level, for `check`.
    pub refs: refs::Refs,
}

pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(input: &Input<'_>, components: &dyn Components) -> Result<Rendered> {
    let expanded = components::expand(input, components)?;
    let mut toc = Vec::new();
    let mut words = 0;
    let mut has_code = false;
    // Without components the text parsed here is the author's, so the refs
    // `check` needs come from this parse rather than a second one.
    let mut own_refs = matches!(expanded.text, Cow::Borrowed(_)).then(refs::Collector::default);
    let parser = Parser::new_ext(&expanded.text, parser_options()).into_offset_iter();
    let events = parser.map(|(e, range)| {
        if let Some(collector) = &mut own_refs {
            collector.event(&e, range);
        }
        match &e {
            Event::Text(t) => words += count_words(t),
            Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => has_code = true,
            _ => {}
        }
        more::mark(e)
    });
    let events = footnotes::Footnotes::new(tables::Tables::new(events.map(tasks::named)));
    let events = anchors::Anchors::new(highlight::Highlight::new(events), &mut toc);
    let mut html = String::with_capacity(expanded.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    let mut html = components::fill(html, &expanded.html);
    let more = more::split(&mut html);
    // Every post's HTML is held until its page is written; the buffer was
    // sized for the worst case, a third more than most posts need.
    html.shrink_to_fit();
    let refs = match own_refs {
        Some(collector) => collector.finish(),
        None => refs::collect(input.text),
    };
    Ok(Rendered {
        html,
        more,
        toc,
        words,
        components: expanded.used,
        has_code,
        refs,
    })
}

/// The first top-level paragraph of rendered HTML, for summaries.
pub fn first_paragraph(html: &str) -> Option<&str> {
    let start = if html.starts_with("<p>") {
        0
    } else {
        html.find("\n<p>")? + 1
    };
    let end = html[start..].find("</p>")? + start + 4;
    Some(&html[start..end])
}

/// `html` without each piece that runs from `start` to the next `end`,
/// for taking out what the Markdown stage itself wrote (heading anchors,
/// footnote references) where it does not belong.
pub fn without(html: &str, start: &str, end: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // memchr's vectorised search: this runs over every post's HTML, where
    // `str::find` was several times slower.
    let (start_finder, end_finder) = (Finder::new(start), Finder::new(end));
    while let Some(i) = start_finder.find(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match end_finder.find(rest.as_bytes()) {
            Some(e) => rest = &rest[e + end.len()..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> Cow<'_, str> {
    quick_xml::escape::escape(s)
}

/// Minutes to read at 220 words a minute, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(220).max(1)
}

#[cfg(test)]
mod tests;
