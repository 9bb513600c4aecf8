//! Links and images in Markdown written for another generator, pointed at
//! where things are in the new site: found with pulldown-cmark (so code
//! is left alone) and edited in the author's text, which keeps the rest of
//! the file as it was.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

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
    let mut events = Parser::new_ext(md, options).into_offset_iter();
    for (event, range) in events.by_ref() {
        let (image, url, kind) = match event {
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
