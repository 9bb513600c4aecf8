//! Links and images in Markdown written for another generator, pointed at
//! where things are in the new site: found with pulldown-cmark (so code
//! is left alone) and edited in the author's text, which keeps the rest of
//! the file as it was.

use std::ops::Range;

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use regex_lite::Regex;

use super::regex;

static IMG: LazyLock<Regex> = LazyLock::new(|| regex(r"(?is)<img\b[^>]*>"));
static SRC: LazyLock<Regex> = LazyLock::new(|| regex(r#"(?is)\bsrc\s*=\s*["']([^"']*)["']"#));
static ALT: LazyLock<Regex> = LazyLock::new(|| regex(r#"(?is)\balt\s*=\s*["']([^"']*)["']"#));

/// A link or image as written.
pub struct Ref {
    pub image: bool,
    pub url: String,
    pub alt: String,
}

/// What becomes of one link or image.
pub enum Fate {
    Keep,
    /// The same link or image at another address.
    Url(String),
    /// A link whose page is gone: its words stay, without the link.
    Text,
    /// An image with no useful alt text, in the site at this address.
    Decorative(String),
    /// An image that is not in the site: a link to where it was.
    LinkInstead,
}

struct Found {
    range: Range<usize>,
    image: bool,
    url: String,
}

pub fn rewrite(md: &str, mut decide: impl FnMut(&Ref) -> Fate) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut found = Vec::new();
    let mut html = Vec::new();
    let mut events = Parser::new_ext(md, options).into_offset_iter();
    for (event, range) in events.by_ref() {
        let (image, url, kind) = match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                html.push(range);
                continue;
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => (false, dest_url, link_type),
            Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) => (true, dest_url, link_type),
            _ => continue,
        };
        // Reference links carry their address in the definition, below.
        if kind == LinkType::Inline {
            found.push(Found {
                range,
                image,
                url: url.into_string(),
            });
        }
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (label, def) in events.reference_definitions().iter() {
        let r = Ref {
            image: false,
            url: def.dest.to_string(),
            alt: label.to_string(),
        };
        let src = &md[def.span.clone()];
        match decide(&r) {
            Fate::Url(new) => {
                if let Some(at) = src.find(def.dest.as_ref()) {
                    let start = def.span.start + at;
                    edits.push((
                        start..start + def.dest.len(),
                        super::html_to_md::link_url(&new),
                    ));
                }
            }
            // Without its definition `[text][label]` reads as its words.
            Fate::Text => edits.push((def.span.clone(), String::new())),
            _ => {}
        }
    }
    for f in &found {
        if let Some(edit) = inline(md, f, &mut decide) {
            edits.push(edit);
        }
    }
    for range in html {
        edits.extend(html_images(md, range, &mut decide));
    }
    edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = md.to_string();
    let mut applied_from = usize::MAX;
    for (range, text) in edits.into_iter().rev() {
        // An image inside a link: the outer edit, applied last, wins.
        if range.end > applied_from {
            continue;
        }
        applied_from = range.start;
        out.replace_range(range, &text);
    }
    out
}

fn inline(
    md: &str,
    f: &Found,
    decide: &mut impl FnMut(&Ref) -> Fate,
) -> Option<(Range<usize>, String)> {
    let src = &md[f.range.clone()];
    let close = src.rfind("](")?;
    let inner = src.get(if f.image { 2 } else { 1 }..close).unwrap_or("");
    let r = Ref {
        image: f.image,
        url: f.url.clone(),
        alt: inner.to_string(),
    };
    let replacement = match decide(&r) {
        Fate::Keep => return None,
        Fate::Url(new) => {
            let bang = if f.image { "!" } else { "" };
            format!("{bang}[{inner}]({})", super::html_to_md::link_url(&new))
        }
        Fate::Text => inner.to_string(),
        Fate::Decorative(new) => format!(
            "<img src=\"{}\" alt=\"\" role=\"presentation\">",
            new.replace('"', "%22")
        ),
        Fate::LinkInstead => {
            let text = if inner.trim().is_empty() {
                "Image".to_string()
            } else {
                format!("Image: {inner}")
            };
            format!("[{text}]({})", super::html_to_md::link_url(&f.url))
        }
    };
    Some((f.range.clone(), replacement))
}

/// Blocks of raw HTML in Markdown, converted to Markdown like a
/// WordPress post's HTML, so their headings, links and images follow the
/// same rules as the rest of the file.
pub fn html_blocks(
    md: &str,
    maps: &std::sync::Arc<super::html_to_md::Maps>,
) -> (String, Vec<(String, String)>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let blocks: Vec<Range<usize>> = Parser::new_ext(md, options)
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::HtmlBlock)))
        .map(|(_, r)| r)
        .collect();
    let mut out = md.to_string();
    let mut notes = Vec::new();
    for range in blocks.into_iter().rev() {
        let html = &md[range.clone()];
        // A lone comment or tag pair with no text is left as it is.
        if !html.contains('>') || html.trim_start().starts_with("<!--") {
            continue;
        }
        let (converted, n) = super::html_to_md::convert(html, maps);
        notes.extend(n);
        out.replace_range(range, &format!("\n{}\n\n", converted.trim()));
    }
    (out, notes)
}

/// The ids trellis gives the headings of `md` (ATX headings' words).
pub fn heading_ids(md: &str) -> std::collections::HashSet<String> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut ids = std::collections::HashSet::new();
    let mut text: Option<String> = None;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                if let Some(id) = id {
                    ids.insert(id.to_string());
                }
                text = Some(String::new());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = text.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                if let Some(s) = text.take() {
                    ids.insert(slug::slugify(s));
                }
            }
            _ => {}
        }
    }
    ids
}

/// `<img>` tags in the author's raw HTML, under the same rules.
fn html_images(
    md: &str,
    range: Range<usize>,
    decide: &mut impl FnMut(&Ref) -> Fate,
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for m in IMG.find_iter(&md[range.clone()]) {
        let tag = m.as_str();
        let src = SRC
            .captures(tag)
            .map(|c| c[1].to_string())
            .unwrap_or_default();
        let alt = ALT
            .captures(tag)
            .map(|c| c[1].to_string())
            .unwrap_or_default();
        let r = Ref {
            image: true,
            url: src.clone(),
            alt: alt.clone(),
        };
        let new = match decide(&r) {
            Fate::Keep if ALT.is_match(tag) => continue,
            Fate::Keep => format!("<img src=\"{src}\" alt=\"{alt}\">"),
            Fate::Url(u) => format!("<img src=\"{u}\" alt=\"{alt}\">"),
            Fate::Decorative(u) => format!("<img src=\"{u}\" alt=\"\" role=\"presentation\">"),
            Fate::LinkInstead => format!(
                "<a href=\"{src}\">Image{}{alt}</a>",
                if alt.is_empty() { "" } else { ": " }
            ),
            Fate::Text => alt,
        };
        let start = range.start + m.start();
        out.push((start..start + tag.len(), new));
    }
    out
}

/// Whether `alt` says nothing more than the image's file name.
pub fn alt_is_file_name(alt: &str, src: &str) -> bool {
    let name = src
        .split(['?', '#'])
        .next()
        .unwrap_or(src)
        .rsplit('/')
        .next()
        .unwrap_or("");
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let alt = alt.trim();
    alt.is_empty() || alt.eq_ignore_ascii_case(name) || alt.eq_ignore_ascii_case(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_links_and_images_not_code() {
        let md = "See [a](/old/a.html), [gone](/x/) and ![](/i.png) ![Cat](http://r/c.jpg)\n\n`[c](/old/a.html)` [r][]\n\n[r]: /x/\n";
        let out = rewrite(md, |r| match (r.image, r.url.as_str()) {
            (false, "/old/a.html") => Fate::Url("/blog/a/".into()),
            (false, _) => Fate::Text,
            (true, "/i.png") => Fate::Decorative("/i.png".into()),
            (true, _) => Fate::LinkInstead,
        });
        assert_eq!(
            out,
            "See [a](/blog/a/), gone and <img src=\"/i.png\" alt=\"\" role=\"presentation\"> [Image: Cat](http://r/c.jpg)\n\n`[c](/old/a.html)` [r][]\n\n\n"
        );
    }
}
