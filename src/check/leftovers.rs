//! Template syntax from other generators, left in a copied post: trellis
//! prints it as text, on the page and in its description, where a reader
//! sees `{% post_url 2019-01-04-x %}` or `{: width="50%"}`.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::findings::Findings;
use super::locate;
use crate::diag::{Diagnostic, Location};
use crate::site::Entry;

/// Each kind: how it opens, what must follow the opening for it to count,
/// how it closes, its name, and what to do about it.
const KINDS: [(&str, &[&str], &str, &str, &str); 4] = [
    (
        "{{%",
        &[""],
        "%}}",
        "Hugo's shortcode",
        "Hugo's shortcodes are not run by trellis; `trellis import hugo` converts the ones \
         it knows, or write what the shortcode made",
    ),
    (
        "{%",
        &[""],
        "%}",
        "Liquid's tag",
        "Jekyll's Liquid is not run by trellis; `trellis import jekyll` converts it, \
         or write a link or the text itself",
    ),
    (
        "{{",
        &["site.", "page."],
        "}}",
        "Liquid's value",
        "Jekyll's Liquid is not run by trellis; `trellis import jekyll` converts it, \
         or write the value itself",
    ),
    (
        "{:",
        &[""],
        "}",
        "kramdown's attribute list",
        "kramdown's attribute lists are not read by trellis; remove it (`trellis import \
         jekyll` does)",
    ),
];

pub fn check(entry: &Entry, found: &mut Findings) {
    let body = &entry.doc.body;
    let hits = leftovers(body);
    // Most posts have no `{`-syntax at all: no second parse for them.
    if !hits.is_empty() {
        let code = code_ranges(body);
        for (range, kind) in hits {
            if !code.iter().any(|c| c.contains(&range.start)) {
                found.push(warning(kind, &body[range.clone()]).at(locate::span(entry, range)));
            }
        }
    }
    let doc = &entry.doc;
    let description = doc.front.description.as_deref().unwrap_or("");
    for (range, kind) in leftovers(description) {
        let text = &description[range];
        let at = doc.yaml.find(text).map(|i| {
            // The front matter starts on line 2, after the opening `---`.
            Location::in_text(&doc.path, &doc.yaml, 2, i, text.len())
        });
        found.push(warning(kind, text).at(at.unwrap_or_else(|| doc.key_location("description"))));
    }
}

fn warning(kind: usize, text: &str) -> Diagnostic {
    let (_, _, _, name, hint) = KINDS[kind];
    Diagnostic::warning(
        "template-syntax",
        format!("`{text}` is {name} from another generator, shown to readers as text"),
    )
    .hint(hint)
}

/// Each piece of another generator's syntax in `text`, closed on its line,
/// with its kind (an index into `KINDS`).
fn leftovers(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'{', &text.as_bytes()[from..]).map(|i| from + i) {
        from = i + 1;
        let rest = &text[i..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let kind = KINDS.iter().position(|(open, after, close, _, _)| {
            line.strip_prefix(open).is_some_and(|inner| {
                let inner = inner.trim_start();
                after.iter().any(|a| inner.starts_with(a)) && inner.contains(close)
            })
        });
        if let Some(kind) = kind {
            let (open, _, close, _, _) = KINDS[kind];
            let end = open.len() + line[open.len()..].find(close).unwrap_or(0) + close.len();
            found.push((i..i + end, kind));
            from = i + end;
        }
    }
    found
}

/// The byte ranges of code spans, code blocks and raw HTML, where such
/// syntax is shown on purpose (a post about Jekyll) or not shown at all.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in
        Parser::new_ext(text, crate::markdown::parser_options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.extend(block.take().map(|start| start..range.end));
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_kind_closed_on_its_line() {
        let text = "See {% post_url 2019-01-04-x %} at {{ site.baseurl }}/x.\n\
                    {{% notice %}} and {{< cta >}} and {{ other }}\n\
                    ![x](/x.png){: width=\"50%\"}\n{% not closed\n%}";
        let found: Vec<(&str, usize)> = leftovers(text)
            .into_iter()
            .map(|(r, k)| (&text[r], k))
            .collect();
        assert_eq!(
            found,
            [
                ("{% post_url 2019-01-04-x %}", 1),
                ("{{ site.baseurl }}", 2),
                ("{{% notice %}}", 0),
                ("{: width=\"50%\"}", 3),
            ]
        );
    }

    #[test]
    fn code_is_left_alone() {
        let text = "Write `{% raw %}` here.\n\n```\n{{ page.title }}\n```\n";
        let code = code_ranges(text);
        assert!(
            leftovers(text)
                .iter()
                .all(|(r, _)| code.iter().any(|c| c.contains(&r.start)))
        );
    }
}
