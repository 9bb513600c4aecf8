//! WordPress shortcodes (`[caption]`, `[gallery]`, `[embed]`, `[audio]`,
//! `[video]`) and bare oEmbed URLs, turned into plain HTML that the HTML
//! converter knows; any other shortcode is left as text and reported.

use std::collections::HashMap;

/// An image of a gallery: its URL and alt text.
pub type Image = (String, String);

/// What the shortcodes of one post need from the rest of the export.
pub struct Context<'a> {
    /// `[gallery ids="1,2"]` → those attachments; no ids → the post's own.
    pub gallery: &'a dyn Fn(&HashMap<String, String>) -> Vec<Image>,
}

/// Sites whose bare URL on a line of its own WordPress shows as an embed.
const OEMBED: [&str; 12] = [
    "youtube.com/",
    "youtu.be/",
    "vimeo.com/",
    "twitter.com/",
    "x.com/",
    "instagram.com/",
    "flickr.com/",
    "soundcloud.com/",
    "spotify.com/",
    "wordpress.tv/",
    "ted.com/",
    "tiktok.com/",
];

/// Returns the HTML and the shortcodes left as text (name, as written).
pub fn expand(html: &str, ctx: &Context<'_>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(html.len());
    let mut left = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        match parse(tail) {
            Some(sc) => {
                match convert(&sc, ctx) {
                    Some(h) => out.push_str(&h),
                    None => {
                        left.push(tail[..sc.len].to_string());
                        out.push_str(&tail[..sc.len]);
                    }
                }
                rest = &tail[sc.len..];
            }
            None => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    (embed_lines(&out), left)
}

struct Shortcode<'a> {
    name: &'a str,
    attrs: HashMap<String, String>,
    body: Option<&'a str>,
    /// Bytes from `[` to the end of the closing tag.
    len: usize,
}

/// `[name a="b" c]body[/name]` at the start of `text`. Only a name with
/// attributes or a closing tag counts: `[1]` and `[sic]` are prose.
fn parse(text: &str) -> Option<Shortcode<'_>> {
    let inner = &text[1..];
    let name_len = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let close = inner.find(']')?;
    if inner[..close].contains(['[', '\n']) {
        return None;
    }
    let head = inner[name_len..close].trim_end_matches('/');
    let attrs = attributes(head);
    let after = 1 + close + 1;
    let end_tag = format!("[/{name}]");
    let body_end = text[after..].find(&end_tag);
    let known = matches!(
        name,
        "caption" | "wp_caption" | "gallery" | "embed" | "audio" | "video" | "playlist"
    );
    if !known && body_end.is_none() && !head.contains('=') {
        return None;
    }
    let (body, len) = match body_end {
        Some(e) => (Some(&text[after..after + e]), after + e + end_tag.len()),
        None => (None, after),
    };
    Some(Shortcode {
        name,
        attrs,
        body,
        len,
    })
}

/// `a="b" c='d' e=f g` → {a: b, c: d, e: f, 0: g}.
pub fn attributes(head: &str) -> HashMap<String, String> {
    let mut attrs = HashMap::new();
    let mut rest = head.trim();
    let mut bare = 0;
    while !rest.is_empty() {
        let (word, after) = value(rest, true);
        rest = after.trim_start();
        match rest.strip_prefix('=') {
            Some(v) => {
                let (v, after) = value(v.trim_start(), false);
                attrs.insert(word.to_ascii_lowercase(), v.to_string());
                rest = after.trim_start();
            }
            // A value with no name (`[audio https://…]`, `{{< ref "a.md" >}}`)
            // keeps its case: ids and paths need it.
            None => {
                attrs.insert(bare.to_string(), word.to_string());
                bare += 1;
            }
        }
    }
    attrs
}

/// One word or quoted value at the start of `text`, and what follows; a
/// name ends at `=`, a value (`src=https://a?b=c`) only at a space.
fn value(text: &str, name: bool) -> (&str, &str) {
    match text.chars().next() {
        Some(q @ ('"' | '\'')) => match text[1..].find(q) {
            Some(e) => (&text[1..1 + e], &text[2 + e..]),
            None => (&text[1..], ""),
        },
        _ => {
            let e = text
                .find(|c: char| (name && c == '=') || c.is_whitespace())
                .unwrap_or(text.len());
            (&text[..e], &text[e..])
        }
    }
}

fn convert(sc: &Shortcode<'_>, ctx: &Context<'_>) -> Option<String> {
    let attr = |k: &str| sc.attrs.get(k).map(String::as_str).unwrap_or("");
    match sc.name {
        "caption" | "wp_caption" => Some(caption(sc.body.unwrap_or(""), attr("caption"))),
        "gallery" => Some(gallery(&(ctx.gallery)(&sc.attrs))),
        "embed" => Some(iframe(sc.body.unwrap_or("").trim())),
        "audio" | "video" => {
            // `[audio https://…]` names its file without a key.
            let src = ["src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "0"]
                .iter()
                .map(|k| attr(k))
                .find(|v| !v.is_empty())?;
            Some(iframe(src))
        }
        _ => None,
    }
}

/// `<img …> The caption` → a figure the converter makes a `figure` of.
fn caption(body: &str, attr_caption: &str) -> String {
    let split = if body.trim_start().starts_with("<a") {
        body.find("</a>").map(|i| i + 4)
    } else {
        body.find("<img")
            .and_then(|i| body[i..].find('>').map(|e| i + e + 1))
    };
    let (media, text) = body.split_at(split.unwrap_or(0));
    let text = if attr_caption.is_empty() {
        text.trim()
    } else {
        attr_caption
    };
    format!("<figure>{media}<figcaption>{text}</figcaption></figure>")
}

fn gallery(images: &[Image]) -> String {
    let mut out = String::from("<div class=\"gallery\">");
    for (src, alt) in images {
        out.push_str(&format!(
            "<p><img src=\"{}\" alt=\"{}\"></p>",
            attr_escape(src),
            attr_escape(alt)
        ));
    }
    out.push_str("</div>");
    out
}

fn iframe(src: &str) -> String {
    format!("<iframe src=\"{}\"></iframe>", attr_escape(src))
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// A known provider's URL alone on a line is an embed in WordPress.
fn embed_lines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.split_inclusive('\n') {
        let t = line.trim();
        let t = t
            .strip_prefix("<p>")
            .and_then(|t| t.strip_suffix("</p>"))
            .unwrap_or(t);
        let lone =
            t.starts_with("http") && !t.contains(char::is_whitespace) && !t.contains(['<', '"']);
        if lone && OEMBED.iter().any(|p| t.contains(p)) {
            out.push_str(&iframe(t));
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> (String, Vec<String>) {
        let gallery = |a: &HashMap<String, String>| {
            vec![(
                format!("g{}.jpg", a.get("ids").map_or("", String::as_str)),
                "G".to_string(),
            )]
        };
        expand(html, &Context { gallery: &gallery })
    }

    #[test]
    fn captions_galleries_and_embeds() {
        let (h, left) = run(
            "[caption id=\"a\" width=\"300\"]<a href=\"x\"><img src=\"i.jpg\" /></a> A cat[/caption] \
             [gallery ids=\"7\"] [embed]https://youtu.be/q[/embed] [1] [sic] [foo bar=\"1\"]",
        );
        assert!(h.contains("<figure><a href=\"x\"><img src=\"i.jpg\" /></a><figcaption>A cat</figcaption></figure>"), "{h}");
        assert!(h.contains("<img src=\"g7.jpg\" alt=\"G\">"), "{h}");
        assert!(h.contains("<iframe src=\"https://youtu.be/q\">"), "{h}");
        assert!(h.contains("[1] [sic]"), "{h}");
        assert_eq!(left, ["[foo bar=\"1\"]"]);
    }

    #[test]
    fn lone_provider_urls_embed() {
        let (h, _) = run("Hi\nhttps://vimeo.com/1\nhttps://example.com/x\n");
        assert!(h.contains("<iframe src=\"https://vimeo.com/1\">"), "{h}");
        assert!(
            h.contains("https://example.com/x\n") && !h.contains("example.com/x\""),
            "{h}"
        );
    }
}
