//! Footnotes that lead both ways: each reference has an id and a name
//! ("Footnote 1"), and each definition ends with a `↩` link back to every
//! place that cites it ("Back to reference 1").
//!
//! A definition can come before its references in the text, so the links
//! back are only known at the end. Definitions are therefore held back and
//! written after the body, numbered in the order they are first cited, as
//! on GitHub; that also keeps them out of a `<!-- more -->` summary.
//! Ids are `fn-N` and `fnref-N` (`fnref-N-2` for a second citation) rather
//! than the author's label, which may contain spaces or match a heading id.

use std::collections::HashMap;
use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

pub struct Footnotes<'a, I> {
    inner: I,
    /// Each label's number, in the order of first citation.
    numbers: HashMap<CowStr<'a>, usize>,
    /// How many times footnote `n` has been cited so far, at `n - 1`.
    cited: Vec<usize>,
    /// Definitions not yet written: label and inner events.
    held: Vec<(CowStr<'a>, Vec<Event<'a>>)>,
    /// The held definitions as HTML events, once the body has ended.
    tail: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Footnotes<'a, I> {
    pub fn new(inner: I) -> Self {
        Footnotes {
            inner,
            numbers: HashMap::new(),
            cited: Vec::new(),
            held: Vec::new(),
            tail: VecDeque::new(),
        }
    }

    fn number(&mut self, label: CowStr<'a>) -> usize {
        let next = self.numbers.len() + 1;
        let n = *self.numbers.entry(label).or_insert(next);
        if self.cited.len() < n {
            self.cited.resize(n, 0);
        }
        n
    }

    /// A reference as a superscript link with an id to come back to.
    fn reference(&mut self, label: CowStr<'a>) -> Event<'a> {
        let n = self.number(label);
        self.cited[n - 1] += 1;
        let id = ref_id(n, self.cited[n - 1]);
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#fn-{n}\" aria-label=\"Footnote {n}\">{n}</a></sup>"
        )))
    }

    /// Reads a definition's events up to its end, citations inside it
    /// included, and keeps them for the end of the page.
    fn hold(&mut self, label: CowStr<'a>) {
        let mut events = Vec::new();
        while let Some(e) = self.inner.next() {
            match e {
                Event::End(TagEnd::FootnoteDefinition) => break,
                Event::Start(Tag::FootnoteDefinition(inner)) => self.hold(inner),
                Event::FootnoteReference(label) => events.push(self.reference(label)),
                e => events.push(e),
            }
        }
        self.held.push((label, events));
    }

    /// The held definitions, in number order, each with its links back.
    /// One never cited is numbered after the rest, and kept: it is still
    /// the author's text.
    fn write_held(&mut self) {
        let held = std::mem::take(&mut self.held);
        let mut held: Vec<_> = held.into_iter().map(|(l, e)| (self.number(l), e)).collect();
        held.sort_by_key(|(n, _)| *n);
        for (n, mut events) in held {
            self.tail.push_back(Event::Html(CowStr::from(format!(
                "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
            ))));
            let back = backlinks(n, self.cited[n - 1]);
            if !back.is_empty() {
                // Inside the last paragraph when there is one, so the
                // arrow follows the text instead of starting a new block.
                if let Some(Event::End(TagEnd::Paragraph)) = events.last() {
                    let back = format!(" {back}");
                    events.insert(events.len() - 1, Event::InlineHtml(back.into()));
                } else {
                    events.push(Event::Html(format!("<p>{back}</p>\n").into()));
                }
            }
            self.tail.extend(events);
            self.tail
                .push_back(Event::Html(CowStr::Borrowed("</div>\n")));
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Footnotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(e) = self.tail.pop_front() {
                return Some(e);
            }
            match self.inner.next() {
                Some(Event::FootnoteReference(label)) => return Some(self.reference(label)),
                Some(Event::Start(Tag::FootnoteDefinition(label))) => self.hold(label),
                Some(e) => return Some(e),
                None if self.held.is_empty() => return None,
                None => self.write_held(),
            }
        }
    }
}

fn ref_id(n: usize, k: usize) -> String {
    if k == 1 {
        format!("fnref-{n}")
    } else {
        format!("fnref-{n}-{k}")
    }
}

/// `↩` links to each citation of footnote `n`; the second and later are
/// told apart by a small number, as on GitHub. U+FE0E keeps the arrow a
/// text glyph where phones would draw it as an emoji.
fn backlinks(n: usize, cited: usize) -> String {
    let links: Vec<String> = (1..=cited)
        .map(|k| {
            let id = ref_id(n, k);
            let (which, mark) = if k == 1 {
                (n.to_string(), String::new())
            } else {
                (format!("{n}-{k}"), format!("<sup>{k}</sup>"))
            };
            format!(
                "<a class=\"footnote-backref\" href=\"#{id}\" aria-label=\"Back to reference {which}\">↩\u{fe0e}{mark}</a>"
            )
        })
        .collect();
    links.join(" ")
}

/// `html` without footnote references: a summary shown on another page
/// (the blog index, a tag page) has no footnotes for them to lead to, and
/// their ids would repeat there.
pub fn strip_references(html: &str) -> String {
    super::without(html, "<sup class=\"footnote-reference\"", "</sup>")
}
