//! Heading ids (unique per page, authors may set their own with `{#id}`),
//! a visible anchor link in each heading, and the table of contents.

use std::collections::{HashMap, VecDeque};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

pub struct Anchors<'t, I> {
    inner: I,
    pending: VecDeque<Event<'static>>,
    seen: HashMap<String, usize>,
    toc: &'t mut Vec<TocEntry>,
}

impl<'t, I> Anchors<'t, I> {
    pub fn new(inner: I, toc: &'t mut Vec<TocEntry>) -> Self {
        Anchors {
            inner,
            pending: VecDeque::new(),
            seen: HashMap::new(),
            toc,
        }
    }

    fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}-{}", *n - 1)
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Anchors<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(e);
        }
        let event = self.inner.next()?;
        let Event::Start(Tag::Heading { level, id, .. }) = event else {
            return Some(event);
        };
        let mut inner = Vec::new();
        let mut text = String::new();
        for e in self.inner.by_ref() {
            match &e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            inner.push(e.into_static());
        }
        let title = text.trim().to_string();
        let id = self.unique(id.map_or_else(|| slug::slugify(&title), |i| i.to_string()));
        let n = level_number(level);
        self.toc.push(TocEntry {
            level: n,
            id: id.clone(),
            title: title.clone(),
        });
        let id_attr = super::escape(&id);
        self.pending.extend(inner);
        self.pending.push_back(Event::Html(CowStr::from(format!(
            " <a class=\"anchor\" href=\"#{id_attr}\" aria-label=\"Link to this section: {}\">#</a></h{n}>\n",
            super::escape(&title)
        ))));
        Some(Event::Html(CowStr::from(format!(
            "<h{n} id=\"{id_attr}\">"
        ))))
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
