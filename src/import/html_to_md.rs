//! Post HTML → Markdown through htmd, with our own handlers where trellis
//! wants something else: images copied into the site (or, when they are
//! not, a link to the original, since a remote image is a third-party
//! request), captions as the `figure` component, links to the old site's
//! own pages pointed at their new URLs, and embeds as plain links.

use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown, Node};
use markup5ever_rcdom::NodeData;

pub use super::maps::Maps;

/// A line for the report: text to find in the post, and what to do.
pub type Note = (String, String);

/// Converts one post's HTML; the notes are what a person should look at.
pub fn convert(html: &str, maps: &Arc<Maps>) -> (String, Vec<Note>) {
    let notes: Arc<Mutex<Vec<Note>>> = Arc::default();
    let (m, n) = (Arc::clone(maps), Arc::clone(&notes));
    let (m2, n2) = (Arc::clone(maps), Arc::clone(&notes));
    let (m3, n3) = (Arc::clone(maps), Arc::clone(&notes));
    let n4 = Arc::clone(&notes);
    let converter = HtmlToMarkdown::builder()
        .add_handler(vec!["img"], move |_: &dyn Handlers, e: Element| {
            Some(image(&m, &n, e.node, "").into())
        })
        .add_handler(vec!["a"], move |h: &dyn Handlers, e: Element| {
            Some(anchor(&m2, &n2, h, e.node))
        })
        .add_handler(vec!["figure"], move |h: &dyn Handlers, e: Element| {
            Some(figure(&m3, &n3, h, e.node).into())
        })
        .add_handler(
            vec!["iframe", "video", "audio", "embed", "object"],
            move |_: &dyn Handlers, e: Element| Some(embed(&n4, e.node, e.tag).into()),
        )
        .skip_tags(vec![
            "script", "style", "noscript", "form", "input", "button",
        ])
        .build();
    let md = converter.convert(html).unwrap_or_default();
    let notes = std::mem::take(&mut *notes.lock().unwrap_or_else(PoisonError::into_inner));
    (md, notes)
}

fn push(notes: &Mutex<Vec<Note>>, find: &str, message: String) {
    notes
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((find.to_string(), message));
}

/// `![alt](local)` for an image in the site, else a link to the original.
fn image(maps: &Maps, notes: &Mutex<Vec<Note>>, node: &Rc<Node>, caption: &str) -> String {
    let src = attr(node, "src").unwrap_or_default();
    if src.is_empty() {
        return String::new();
    }
    let alt = attr(node, "alt").unwrap_or_default();
    let alt = one_line(if alt.trim().is_empty() { caption } else { &alt });
    let alt = if alt.is_empty() {
        one_line(&attr(node, "title").unwrap_or_default())
    } else {
        alt
    };
    match maps.image(&src) {
        Some(local) if alt.is_empty() => {
            push(
                notes,
                local,
                format!(
                    "image `{local}` has no alt text: it is marked decorative; describe it if it shows something"
                ),
            );
            format!("<img src=\"{local}\" alt=\"\" role=\"presentation\">")
        }
        Some(local) => format!("![{}]({local})", escape(&alt)),
        None => {
            let text = if alt.is_empty() {
                "Image".to_string()
            } else {
                format!("Image: {alt}")
            };
            // The old site's own files go away with it (the new site
            // takes its address): the words stay, the report has the URL.
            if maps.own_path(&src).is_some() {
                push(
                    notes,
                    &text,
                    format!("image not downloaded, its alt text kept: {src}"),
                );
                return format!("\\[{}\\]", escape(&text));
            }
            push(
                notes,
                &src,
                format!("image not downloaded, linked instead: {src}"),
            );
            format!("[{}]({})", escape(&text), link_url(&src))
        }
    }
}

/// A link, pointed at the new site when it led to the old site's page.
fn anchor(
    maps: &Maps,
    notes: &Mutex<Vec<Note>>,
    h: &dyn Handlers,
    node: &Rc<Node>,
) -> HandlerResult {
    let inner = h.walk_children(node).content;
    let href = attr(node, "href").unwrap_or_default();
    let text = inner.trim();
    if href.is_empty() || href.starts_with('#') && text.is_empty() {
        return inner.into();
    }
    // A link around an image usually opens the full-size file: the image
    // alone says the same without a link to the old host.
    if only_image(node) {
        return inner.into();
    }
    let target = match maps.own_path(&href) {
        Some(path) => match maps.pages.get(&path) {
            Some(new) => new.clone(),
            None => match maps.image(&href) {
                Some(local) => local.clone(),
                None => {
                    push(
                        notes,
                        text,
                        format!("a link to the old site's `{href}` has no page here: kept as text"),
                    );
                    return inner.into();
                }
            },
        },
        None => href,
    };
    if text.is_empty() {
        return String::new().into();
    }
    format!("[{text}]({})", link_url(&target)).into()
}

/// `<figure>` with an image and a caption → the `figure` component; an
/// oEmbed figure (Gutenberg's embed block) → a link.
fn figure(maps: &Maps, notes: &Mutex<Vec<Note>>, h: &dyn Handlers, node: &Rc<Node>) -> String {
    let class = attr(node, "class").unwrap_or_default();
    if class.contains("wp-block-embed") {
        // The URL is the wrapper's text; a caption may follow it.
        let text = text_of(node);
        if let Some(url) = text.split_whitespace().find(|w| w.starts_with("http")) {
            return format!("\n\n{}\n\n", embed_link(notes, url));
        }
    }
    let imgs = all(node, "img");
    let caption = find(node, "figcaption")
        .map(|c| one_line(&text_of(&c)))
        .unwrap_or_default();
    if imgs.len() != 1 || caption.is_empty() {
        return format!("\n\n{}\n\n", h.walk_children(node).content.trim());
    }
    let img = &imgs[0];
    let src = attr(img, "src").unwrap_or_default();
    match maps.image(&src) {
        Some(local) => {
            let alt = attr(img, "alt")
                .filter(|a| !a.trim().is_empty())
                .unwrap_or_else(|| caption.clone());
            format!(
                "\n\n{{{{< figure src=\"{}\" alt=\"{}\" caption=\"{}\" >}}}}\n\n",
                quote(local),
                quote(&one_line(&alt)),
                quote(&caption)
            )
        }
        None => format!("\n\n{}\n\n{caption}\n\n", image(maps, notes, img, &caption)),
    }
}

/// An iframe or media element → a plain link to what it showed.
fn embed(notes: &Mutex<Vec<Note>>, node: &Rc<Node>, tag: &str) -> String {
    let src = attr(node, "src")
        .or_else(|| attr(node, "data"))
        .or_else(|| find(node, "source").and_then(|s| attr(&s, "src")))
        .unwrap_or_default();
    if src.is_empty() {
        push(notes, "", format!("an empty <{tag}> was dropped"));
        return String::new();
    }
    format!("\n\n{}\n\n", embed_link(notes, &src))
}

/// YouTube and Vimeo players become links to the video's page: an iframe
/// would let them follow the reader.
pub fn embed_link(notes: &Mutex<Vec<Note>>, url: &str) -> String {
    let (text, href) = video_page(url);
    push(
        notes,
        &href,
        format!("an embed ({text}) became a link: {href}"),
    );
    format!("[{text}: {href}]({})", link_url(&href))
}

/// ("YouTube video", watch URL) for player URLs; ("media", url) otherwise.
pub fn video_page(url: &str) -> (&'static str, String) {
    let url = url.trim();
    let id_after = |marker: &str| {
        url.split_once(marker).map(|(_, rest)| {
            rest.split(['?', '&', '/', '#'])
                .next()
                .unwrap_or("")
                .to_string()
        })
    };
    // Player addresses become the video's page; page addresses stay.
    if let Some(id) = id_after("youtube.com/embed/") {
        return (
            "YouTube video",
            format!("https://www.youtube.com/watch?v={id}"),
        );
    }
    if url.contains("youtube.com/") || url.contains("youtu.be/") {
        return ("YouTube video", url.to_string());
    }
    if let Some(id) = id_after("player.vimeo.com/video/") {
        return ("Vimeo video", format!("https://vimeo.com/{id}"));
    }
    if url.contains("vimeo.com/") {
        return ("Vimeo video", url.to_string());
    }
    ("Embedded media", url.to_string())
}

fn only_image(node: &Rc<Node>) -> bool {
    let children = node.children.borrow();
    let mut imgs = 0;
    for c in children.iter() {
        match &c.data {
            NodeData::Element { name, .. } if &*name.local == "img" => imgs += 1,
            NodeData::Text { contents } if contents.borrow().trim().is_empty() => {}
            _ => return false,
        }
    }
    imgs == 1
}

pub fn attr(node: &Rc<Node>, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn is(node: &Rc<Node>, tag: &str) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if &*name.local == tag)
}

fn find(node: &Rc<Node>, tag: &str) -> Option<Rc<Node>> {
    all(node, tag).into_iter().next()
}

fn all(node: &Rc<Node>, tag: &str) -> Vec<Rc<Node>> {
    let mut out = Vec::new();
    for c in node.children.borrow().iter() {
        if is(c, tag) {
            out.push(Rc::clone(c));
        }
        out.extend(all(c, tag));
    }
    out
}

fn text_of(node: &Rc<Node>) -> String {
    let mut out = String::new();
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    for c in node.children.borrow().iter() {
        out.push_str(&text_of(c));
    }
    out
}

/// The text of an HTML fragment, tags dropped and entities decoded.
pub fn plain_text(html: &str) -> String {
    HtmlToMarkdown::new()
        .html_to_tree(html)
        .map(|t| text_of(&t))
        .unwrap_or_default()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Link text with Markdown's brackets escaped.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// A component argument inside `"…"`.
pub fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A URL that Markdown reads whole: spaces and parentheses encoded.
pub fn link_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maps() -> Arc<Maps> {
        let mut m = Maps {
            host: "old.example".into(),
            ..Maps::default()
        };
        m.pages.insert("/2013/01/a/".into(), "/blog/a/".into());
        m.images.insert(
            "http://old.example/u/p.jpg".into(),
            "/images/imported/u/p.jpg".into(),
        );
        Arc::new(m)
    }

    #[test]
    fn links_to_old_posts_point_at_new_ones() {
        let (md, notes) = convert(
            "<p><a href=\"https://www.old.example/2013/01/a\">A</a> and <a href=\"/gone/\">gone</a></p>",
            &maps(),
        );
        assert_eq!(md, "[A](/blog/a/) and gone");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn images_resized_or_missing() {
        let (md, notes) = convert(
            "<p><img src=\"http://old.example/u/p-300x200.jpg\" alt=\"A\"><img src=\"http://x.example/q.png\"></p>",
            &maps(),
        );
        assert_eq!(
            md,
            "![A](/images/imported/u/p.jpg)[Image](http://x.example/q.png)"
        );
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn captions_become_figures_and_iframes_links() {
        let html = "<figure><img src=\"http://old.example/u/p.jpg\"><figcaption>The \"sea\"</figcaption></figure>\
                    <iframe src=\"https://www.youtube.com/embed/abc?x=1\"></iframe>";
        let (md, _) = convert(html, &maps());
        assert!(md.contains(r#"{{< figure src="/images/imported/u/p.jpg" alt="The \"sea\"" caption="The \"sea\"" >}}"#), "{md}");
        assert!(md.contains("(https://www.youtube.com/watch?v=abc)"), "{md}");
        assert!(!md.contains("iframe"));
    }
}
