//! `<!-- more -->`: where the author ends a post's summary. It may stand
//! mid-paragraph or inside a list or emphasis, so the HTML before it is
//! closed where it is cut: list pages show it inside their own markup.

use pulldown_cmark::Event;

const MORE: &str = "<!--trellis:more-->";

/// Elements that have no end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Takes the first more-mark out of `html` and returns the HTML before it,
/// with what it leaves open closed. In place, because rebuilding the page
/// around the cut copied every post.
pub fn split(html: &mut String) -> Option<String> {
    let at = html.find(MORE)?;
    let before = closed(html[..at].trim_end());
    html.replace_range(at..at + MORE.len(), "");
    Some(before)
}

/// The author's mark, as a mark `split` finds whatever it was written in.
pub fn mark(e: Event<'_>) -> Event<'_> {
    match &e {
        Event::Html(h) | Event::InlineHtml(h) if is_more(h) => Event::Html(MORE.into()),
        _ => e,
    }
}

fn is_more(html: &str) -> bool {
    let inner = html
        .trim()
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"));
    inner.is_some_and(|s| s.trim() == "more")
}

/// `html` with the elements it leaves open closed, innermost first.
fn closed(html: &str) -> String {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |i| &comment[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if let Some(i) = open.iter().rposition(|o| *o == name.trim()) {
                open.truncate(i);
            }
            continue;
        }
        let name = tag.split([' ', '\t', '\n', '/']).next().unwrap_or("");
        let void = VOID.contains(&name) || tag.ends_with('/') || tag.starts_with('!');
        if !void && !name.is_empty() {
            open.push(name);
        }
    }
    let mut out = html.to_string();
    for name in open.iter().rev() {
        out.push_str(&format!("</{name}>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_cut_leaves_open_is_closed() {
        assert_eq!(
            closed("<p>Intro <em>here</em>"),
            "<p>Intro <em>here</em></p>"
        );
        assert_eq!(
            closed("<ul>\n<li>One <a href=\"/x/\">x</a><br />"),
            "<ul>\n<li>One <a href=\"/x/\">x</a><br /></li></ul>"
        );
        assert_eq!(
            closed("<p>A</p>\n<p><img src=\"/i.png\" alt=\"i\"> <!-- <b> -->"),
            "<p>A</p>\n<p><img src=\"/i.png\" alt=\"i\"> <!-- <b> --></p>"
        );
    }
}
