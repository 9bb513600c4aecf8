//! Hugo shortcodes in a post: `figure` → trellis's `figure` component,
//! `ref`/`relref` → links, `youtube`/`vimeo`/`tweet`/`gist` → plain links
//! (no third-party player), `highlight` → a code fence. The rest stay as
//! text (escaped so trellis does not take them for its own components)
//! and are reported.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex_lite::{Captures, Regex};

use super::html_to_md::{link_url, quote};
use super::regex;
use super::shortcodes::attributes;

static TAG: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?s)\{\{([<%])-?\s*(/?)\s*([\w.-]+)\s*(.*?)\s*-?[>%]\}\}"));

/// What converting one post's shortcodes needs.
pub struct Context<'a> {
    /// A post's file name, stem or path → its new URL.
    pub refs: &'a HashMap<String, String>,
    /// An image path as written → its URL in the new site.
    pub image: &'a dyn Fn(&str) -> Option<String>,
}

/// Returns the Markdown and the shortcodes left, as written.
pub fn convert(body: &str, ctx: &Context<'_>) -> (String, Vec<String>) {
    let mut left = Vec::new();
    let out = TAG.replace_all(body, |c: &Captures<'_>| {
        let (closing, name) = (&c[2] == "/", &c[3]);
        let args = attributes(&c[4]);
        let arg = |k: &str, pos: &str| {
            args.get(k)
                .or_else(|| args.get(pos))
                .cloned()
                .unwrap_or_default()
        };
        let done = match (name, closing) {
            ("highlight", false) => Some(format!("```{}", arg("lang", "0"))),
            ("highlight", true) => Some("```".to_string()),
            ("ref" | "relref", false) => find(ctx.refs, &arg("path", "0")),
            ("figure", false) => figure(&args, ctx),
            ("youtube", false) => video(
                "YouTube video",
                "https://www.youtube.com/watch?v=",
                &arg("id", "0"),
            ),
            ("vimeo", false) => video("Vimeo video", "https://vimeo.com/", &arg("id", "0")),
            ("tweet", false) => tweet(&arg("user", "0"), &arg("id", "1")),
            ("gist", false) => video(
                "Gist",
                &format!("https://gist.github.com/{}/", arg("user", "0")),
                &arg("id", "1"),
            ),
            _ => None,
        };
        done.unwrap_or_else(|| {
            left.push(c[0].to_string());
            c[0].to_string()
        })
    });
    (out.into_owned(), left)
}

fn find(refs: &HashMap<String, String>, target: &str) -> Option<String> {
    let (path, fragment) = target.split_once('#').map_or((target, ""), |(p, f)| (p, f));
    let path = path.trim_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let url = refs.get(path).or_else(|| refs.get(stem))?;
    Some(if fragment.is_empty() {
        url.clone()
    } else {
        format!("{url}#{fragment}")
    })
}

fn figure(args: &HashMap<String, String>, ctx: &Context<'_>) -> Option<String> {
    let get = |k: &str| {
        args.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let src = get("src");
    let caption = if get("caption").is_empty() {
        get("title")
    } else {
        get("caption")
    };
    let alt = if get("alt").is_empty() {
        caption.clone()
    } else {
        get("alt")
    };
    let local = (ctx.image)(&src);
    match local {
        Some(url) if !alt.is_empty() => Some(format!(
            "{{{{< figure src=\"{}\" alt=\"{}\" caption=\"{}\" >}}}}",
            quote(&url),
            quote(&alt),
            quote(&caption)
        )),
        // Left to the image rules: marked decorative or linked, reported.
        _ => Some(format!(
            "![{}]({})\n\n{caption}",
            alt.replace(['[', ']'], ""),
            link_url(&src)
        )),
    }
}

fn video(kind: &str, base: &str, id: &str) -> Option<String> {
    if id.is_empty() {
        return None;
    }
    let url = format!("{base}{id}");
    Some(format!("[{kind}: {url}]({url})"))
}

fn tweet(user: &str, id: &str) -> Option<String> {
    // `{{< tweet 123 >}}` (older Hugo) names only the id.
    let (user, id) = if id.is_empty() {
        ("i", user)
    } else {
        (user, id)
    };
    video("Post on X", &format!("https://x.com/{user}/status/"), id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_become_markdown_links_and_figures() {
        let refs = HashMap::from([("other".to_string(), "/blog/other/".to_string())]);
        let image = |s: &str| (s == "cat.jpg").then(|| "/blog/a/cat.jpg".to_string());
        let ctx = Context {
            refs: &refs,
            image: &image,
        };
        let body = "[o]({{< ref \"other.md#x\" >}}) {{< figure src=\"cat.jpg\" caption=\"A cat\" >}}\n\
                    {{< youtube abc >}} {{< tweet user=\"u\" id=\"1\" >}}\n{{< highlight go >}}\nx\n{{< /highlight >}}\n{{% notice %}}";
        let (md, left) = convert(body, &ctx);
        assert_eq!(
            md,
            "[o](/blog/other/#x) {{< figure src=\"/blog/a/cat.jpg\" alt=\"A cat\" caption=\"A cat\" >}}\n\
             [YouTube video: https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc) \
             [Post on X: https://x.com/u/status/1](https://x.com/u/status/1)\n```go\nx\n```\n{{% notice %}}"
        );
        assert_eq!(left, ["{{% notice %}}"]);
    }
}
