//! What `check` needs to point at the author's own lines: links with their
//! text, headings with their level, and the reading level of the prose a
//! reader reads. Parsed from the text as written (components still in
//! place), so spans are byte offsets into the file's body even where a
//! component body spans lines.

use std::borrow::Cow;
use std::ops::Range;

use memchr::memmem;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::readability::{self, Score};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    pub links: Vec<LinkRef>,
    /// Images with their alt text: `check` places an image by both, so
    /// the same picture written twice is found at each place.
    pub images: Vec<LinkRef>,
    pub headings: Vec<HeadingRef>,
    /// The reading level of the paragraph and list text (without headings,
    /// code, tables or component tags). Scored as the post is parsed, so
    /// the text itself is not kept: on a large blog that was a copy of
    /// every post held to the end of the build.
    pub grade: Option<Score>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    /// A link's words, an image's alt text.
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingRef {
    pub level: u8,
    pub text: String,
    pub span: Range<usize>,
}

/// Where text events currently go.
#[derive(Default)]
struct State {
    links: Vec<LinkRef>,
    heading: Option<HeadingRef>,
    image: Option<LinkRef>,
    /// Inside code blocks, tables and images, text is not prose.
    hidden: usize,
}

/// The refs of `text`, from a parse of its own; `render` takes them from
/// its own parse instead when the text has no components.
pub fn collect(text: &str) -> Refs {
    let mut collector = Collector::default();
    for (event, range) in Parser::new_ext(text, super::parser_options()).into_offset_iter() {
        collector.event(&event, range);
    }
    collector.finish()
}

/// Gathers refs from the events of a parse of the author's text, with
/// their byte ranges.
#[derive(Default)]
pub struct Collector {
    refs: Refs,
    st: State,
    /// The prose, a block a line.
    prose: String,
}

impl Collector {
    pub fn event(&mut self, event: &Event<'_>, range: Range<usize>) {
        let (refs, st, prose) = (&mut self.refs, &mut self.st, &mut self.prose);
        match event {
            Event::Start(tag) => start(st, tag, range),
            Event::End(end) => finish(refs, st, prose, *end),
            Event::Text(t) | Event::Code(t) => push_text(st, prose, t),
            Event::SoftBreak | Event::HardBreak => push_text(st, prose, " "),
            _ => {}
        }
    }

    pub fn finish(mut self) -> Refs {
        self.refs.grade = readability::score(&strip_component_tags(&self.prose));
        self.refs
    }
}

fn start(st: &mut State, tag: &Tag<'_>, range: Range<usize>) {
    match tag {
        Tag::Link { dest_url, .. } => st.links.push(LinkRef {
            dest: dest_url.to_string(),
            text: String::new(),
            span: range,
        }),
        Tag::Heading { level, .. } => {
            st.heading = Some(HeadingRef {
                // The enum's values are the heading numbers.
                level: *level as u8,
                text: String::new(),
                span: range,
            })
        }
        Tag::Image { dest_url, .. } => {
            st.hidden += 1;
            st.image = Some(LinkRef {
                dest: dest_url.to_string(),
                text: String::new(),
                span: range,
            });
        }
        Tag::CodeBlock(_) | Tag::Table(_) => st.hidden += 1,
        _ => {}
    }
}

fn finish(refs: &mut Refs, st: &mut State, prose: &mut String, end: TagEnd) {
    match end {
        TagEnd::Link => {
            if let Some(mut link) = st.links.pop() {
                link.text = link.text.trim().to_string();
                refs.links.push(link);
            }
        }
        TagEnd::Heading(_) => {
            if let Some(mut h) = st.heading.take() {
                h.text = h.text.trim().to_string();
                refs.headings.push(h);
            }
        }
        TagEnd::Image => {
            st.hidden -= 1;
            refs.images.extend(st.image.take());
        }
        TagEnd::CodeBlock | TagEnd::Table => st.hidden -= 1,
        TagEnd::Paragraph | TagEnd::Item => prose.push('\n'),
        _ => {}
    }
}

fn push_text(st: &mut State, prose: &mut String, text: &str) {
    for link in st.links.iter_mut().chain(&mut st.image) {
        link.text.push_str(text);
    }
    match &mut st.heading {
        Some(h) => h.text.push_str(text),
        None if st.hidden == 0 => prose.push_str(text),
        None => {}
    }
}

/// `{{< callout kind="tip" >}}` is markup, not words a reader reads.
fn strip_component_tags(text: &str) -> Cow<'_, str> {
    // Most posts have none, and then the prose is used as it is.
    if memmem::find(text.as_bytes(), b"{{<").is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(super::without(text, "{{<", ">}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_text_and_span() {
        let text = "Intro.\n\nSee [our *guide*](/blog/x/) now.\n";
        let refs = collect(text);
        assert_eq!(refs.links.len(), 1);
        assert_eq!(refs.links[0].dest, "/blog/x/");
        assert_eq!(refs.links[0].text, "our guide");
        assert_eq!(&text[refs.links[0].span.clone()], "[our *guide*](/blog/x/)");
    }

    #[test]
    fn images_keep_alt_and_the_span_where_they_are_used() {
        let text = "![A *calm* harbor](/h.svg)\n\n![][1]\n\n[1]: /h.svg\n";
        let refs = collect(text);
        let found: Vec<(&str, &str, &str)> = refs
            .images
            .iter()
            .map(|i| (i.dest.as_str(), i.text.as_str(), &text[i.span.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("/h.svg", "A calm harbor", "![A *calm* harbor](/h.svg)"),
                ("/h.svg", "", "![][1]")
            ]
        );
    }

    #[test]
    fn headings_and_prose_are_separate() {
        let text = "## 1. First\n\nWords here.\n\n```\ncode\n```\n\n- item {{< cta >}}\n";
        let refs = collect(text);
        assert_eq!(refs.headings[0].level, 2);
        assert_eq!(refs.headings[0].text, "1. First");
        let mut collector = Collector::default();
        for (event, range) in
            Parser::new_ext(text, super::super::parser_options()).into_offset_iter()
        {
            collector.event(&event, range);
        }
        assert_eq!(
            strip_component_tags(&collector.prose),
            "Words here.\nitem \n"
        );
    }
}
