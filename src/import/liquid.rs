//! Liquid in Jekyll posts: the tags with a Markdown equivalent become it
//! (`post_url` and `link` → links, `highlight` → a code fence, `raw` →
//! its text), site variables in URLs go, kramdown's `{: …}` attribute
//! lists go; everything else is kept as written and reported.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex_lite::{Captures, Regex};

use super::regex;

static RAW: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?s)\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}"));
static TAG: LazyLock<Regex> = LazyLock::new(|| regex(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}"));
static SITE_URL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\{\{-?\s*site\.(?:baseurl|url)\s*-?\}\}|\{\{-?\s*['\x22]/?['\x22]\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}",
    )
});
static URL_FILTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\{\{-?\s*['\x22]([^'\x22]*)['\x22]\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}")
});
static KRAMDOWN: LazyLock<Regex> = LazyLock::new(|| regex(r"\{:[^}\n]*\}"));
static OUTPUT: LazyLock<Regex> = LazyLock::new(|| regex(r"\{\{.*?\}\}"));

/// Returns the Markdown and the Liquid left in it, as written.
pub fn convert(body: &str, posts: &HashMap<String, String>) -> (String, Vec<String>) {
    let mut raws = Vec::new();
    let text = RAW.replace_all(body, |c: &Captures<'_>| {
        raws.push(c[1].to_string());
        format!("\u{0}RAW{}\u{0}", raws.len() - 1)
    });
    let text = SITE_URL.replace_all(&text, "");
    let text = URL_FILTER.replace_all(&text, "$1");
    let text = KRAMDOWN.replace_all(&text, "");
    let mut left = Vec::new();
    let text = TAG.replace_all(&text, |c: &Captures<'_>| {
        let arg = c[2].trim().trim_matches(['"', '\'']);
        match &c[1] {
            "highlight" => format!("```{}", arg.split_whitespace().next().unwrap_or("")),
            "endhighlight" => "```".to_string(),
            "post_url" | "link" => match find_post(posts, arg) {
                Some(url) => url.clone(),
                None => {
                    left.push(c[0].to_string());
                    c[0].to_string()
                }
            },
            _ => {
                left.push(c[0].to_string());
                c[0].to_string()
            }
        }
    });
    for m in OUTPUT.find_iter(&text) {
        left.push(m.as_str().to_string());
    }
    let mut out = text.into_owned();
    for (i, raw) in raws.iter().enumerate() {
        out = out.replace(&format!("\u{0}RAW{i}\u{0}"), raw);
    }
    (out, left)
}

/// `2010-07-21-name` or `_posts/2010-07-21-name.md` → that post's URL.
fn find_post<'a>(posts: &'a HashMap<String, String>, arg: &str) -> Option<&'a String> {
    let name = arg.rsplit('/').next().unwrap_or(arg);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    posts.get(stem).or_else(|| posts.get(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liquid_becomes_markdown_or_is_reported() {
        let posts = HashMap::from([("2010-07-21-a".to_string(), "/blog/a/".to_string())]);
        let body = "[A]({% post_url 2010-07-21-a %}) ![x]({{ site.baseurl }}/i.png){: width=\"50%\"}\n\
                    {% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\
                    {% raw %}{{ keep }}{% endraw %} {% include note.html %} {{ page.title }}";
        let (md, left) = convert(body, &posts);
        assert_eq!(
            md,
            "[A](/blog/a/) ![x](/i.png)\n```ruby\nputs 1\n```\n{{ keep }} {% include note.html %} {{ page.title }}"
        );
        assert_eq!(left, ["{% include note.html %}", "{{ page.title }}"]);
    }
}
