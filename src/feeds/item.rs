//! Item HTML that stands on its own in a feed reader or an email: absolute
//! links, no heading anchors, and the call to action as plain HTML.

use crate::markdown::escape;
use crate::site::{Entry, Site};

pub fn item_html(site: &Site, entry: &Entry) -> String {
    let c = &site.config;
    let permalink = c.absolute(&entry.url);
    let mut html = strip_anchors(&entry.rendered.html);
    if let Some(image) = &entry.doc.front.image {
        let alt = entry.doc.front.image_alt.as_deref().unwrap_or("");
        html = format!(
            "<p><img src=\"{}\" alt=\"{}\"></p>\n{html}",
            escape(image),
            escape(alt)
        );
    }
    let inline_cta = entry.rendered.components.iter().any(|n| n == "cta");
    if c.feeds.cta && entry.doc.front.cta != Some(false) && !inline_cta {
        html.push_str(&cta(site));
    }
    absolutize(&html, &c.base_url, &permalink)
}

/// The consultation invitation in the simplest HTML email clients keep.
fn cta(site: &Site) -> String {
    let k = &site.config.consultation;
    format!(
        "<hr>\n<p><strong>{}</strong><br>{}</p>\n<p><a href=\"{}\">{}</a></p>\n",
        escape(&k.heading),
        escape(&k.text),
        escape(&site.config.absolute(&k.url)),
        escape(&k.button)
    )
}

/// Drops the `#` links the Markdown stage puts in headings.
fn strip_anchors(html: &str) -> String {
    crate::markdown::without(html, " <a class=\"anchor\"", "</a>")
}

/// Makes every `href`/`src` absolute: `/x` against the site, `#x` against
/// the post, `x` against the post's folder.
pub fn absolutize(html: &str, base_url: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some((i, len)) = next_url_attr(rest) {
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push_str(&resolve(&rest[..end], base_url, page_url));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where the first `href="` or `src="` starts, and its length. One pass
/// for both: searching for each on its own rescanned the rest of a long
/// post for every link, which made feeds quadratic in the links per post.
fn next_url_attr(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(q) = html[from..].find('"') {
        let q = from + q;
        let before = &html[..q];
        if let Some(attr) = ["href=", "src="].iter().find(|a| before.ends_with(*a)) {
            return Some((q - attr.len(), attr.len() + 1));
        }
        from = q + 1;
    }
    None
}

fn resolve(url: &str, base_url: &str, page_url: &str) -> String {
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        url.to_string()
    } else if let Some(rest) = url.strip_prefix("//") {
        format!("https://{rest}")
    } else if url.starts_with('/') {
        format!("{base_url}{url}")
    } else {
        // `#x` and `x.png` both hang off the post's own URL.
        format!("{page_url}{url}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        let html = r##"<a href="/a/">x</a><img src="i.png"><a href="#f">y</a><a href="mailto:a@b.c">z</a><a href="https://o.org/">o</a>"##;
        let out = absolutize(html, "https://s.org", "https://s.org/blog/p/");
        assert_eq!(
            out,
            r##"<a href="https://s.org/a/">x</a><img src="https://s.org/blog/p/i.png"><a href="https://s.org/blog/p/#f">y</a><a href="mailto:a@b.c">z</a><a href="https://o.org/">o</a>"##
        );
    }

    #[test]
    fn attributes_are_found_in_order_and_only_whole() {
        let html = r#"<img data-src="a.png" src="b.png"><a title="x" href="c/">c</a>"#;
        let out = absolutize(html, "https://s.org", "https://s.org/p/");
        assert_eq!(
            out,
            r#"<img data-src="https://s.org/p/a.png" src="https://s.org/p/b.png"><a title="x" href="https://s.org/p/c/">c</a>"#
        );
    }

    #[test]
    fn heading_anchors_are_dropped() {
        let html = "<h2 id=\"a\">A <a class=\"anchor\" href=\"#a\" aria-label=\"x\">#</a></h2>";
        assert_eq!(strip_anchors(html), "<h2 id=\"a\">A</h2>");
    }
}
