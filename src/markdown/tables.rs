//! Table column alignment as classes. pulldown-cmark writes it as a
//! `style` attribute, which the site's Content-Security-Policy blocks
//! (inline styles are allowed only by hash): aligned cells would lose
//! their alignment. `align-left`, `align-center` and `align-right` are in
//! the theme's stylesheet.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// Rewrites one table's events; others pass through untouched.
pub struct Tables<I> {
    inner: I,
    columns: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

impl<I> Tables<I> {
    pub fn new(inner: I) -> Self {
        Tables {
            inner,
            columns: Vec::new(),
            in_head: false,
            cell: 0,
        }
    }

    fn class(&self) -> Option<&'static str> {
        match self.columns.get(self.cell)? {
            Alignment::Left => Some("align-left"),
            Alignment::Center => Some("align-center"),
            Alignment::Right => Some("align-right"),
            Alignment::None => None,
        }
    }

    fn cell_tag(&self) -> &'static str {
        if self.in_head { "th" } else { "td" }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Tables<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next()?;
        Some(match event {
            Event::Start(Tag::Table(columns)) => {
                // The writer then adds no `style`; the cells carry classes.
                let plain = vec![Alignment::None; columns.len()];
                self.columns = columns;
                Event::Start(Tag::Table(plain))
            }
            Event::Start(Tag::TableHead) => {
                (self.in_head, self.cell) = (true, 0);
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                event
            }
            Event::Start(Tag::TableCell) => match self.class() {
                Some(class) => {
                    let tag = self.cell_tag();
                    Event::Html(CowStr::from(format!("<{tag} class=\"{class}\">")))
                }
                None => event,
            },
            Event::End(TagEnd::TableCell) => {
                let aligned = self.class().is_some();
                self.cell += 1;
                if aligned {
                    Event::Html(CowStr::from(format!("</{}>", self.cell_tag())))
                } else {
                    event
                }
            }
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, html};

    fn render(md: &str) -> String {
        let events = super::Tables::new(Parser::new_ext(md, Options::ENABLE_TABLES));
        let mut out = String::new();
        html::push_html(&mut out, events);
        out
    }

    #[test]
    fn aligned_columns_get_classes_not_styles() {
        let out = render("| a | b | c |\n|:--|:-:|---|\n| 1 | 2 | 3 |\n");
        assert!(!out.contains("style="), "{out}");
        assert!(out.contains("<th class=\"align-left\">a</th>"), "{out}");
        assert!(out.contains("<td class=\"align-center\">2</td>"), "{out}");
        assert!(out.contains("<td>3</td>"), "{out}");
    }
}
