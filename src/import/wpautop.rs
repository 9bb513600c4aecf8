//! WordPress's `wpautop`: classic-editor posts are stored without `<p>`
//! tags, and WordPress adds them on display (blank line → paragraph, single
//! newline → `<br>`). Without this an HTML parser runs every paragraph of
//! a classic post into one.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::regex;

const BLOCKS: &str = "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|script";

static BLOCK_EDGE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)(<(?:{BLOCKS})[\s/>])|(</(?:{BLOCKS})>)")));
static STARTS_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)^</?(?:{BLOCKS})[\s/>]|^\[/?caption|^\[gallery|^\[embed|^<!--"
    ))
});
static CODE_LINES: LazyLock<Regex> = LazyLock::new(|| regex(r"(?is)<code>([^<]*\n[^<]*)</code>"));
static PRE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?is)<pre[\s>].*?</pre>"));

/// Whether content came from the classic editor: block-editor content
/// marks every block with a `<!-- wp:` comment and has its `<p>`s.
pub fn is_classic(html: &str) -> bool {
    !html.contains("<!-- wp:")
}

pub fn autop(html: &str) -> String {
    let text = html.replace("\r\n", "\n");
    // `<code>` over several lines is a code block in all but name; as
    // inline code its lines would break the paragraph apart.
    let text = CODE_LINES.replace_all(&text, "<pre><code>$1</code></pre>");
    // Keep <pre> blocks exactly as written: their newlines are the code's.
    let mut pres = Vec::new();
    let text = PRE.replace_all(&text, |c: &regex_lite::Captures<'_>| {
        pres.push(c[0].to_string());
        format!("\n\n<pre>\u{0}{}\u{0}</pre>\n\n", pres.len() - 1)
    });
    // Blocks always stand on their own.
    let text = BLOCK_EDGE.replace_all(&text, |c: &regex_lite::Captures<'_>| match c.get(1) {
        Some(open) => format!("\n\n{}", open.as_str()),
        None => format!("{}\n\n", &c[0]),
    });
    let mut out = String::with_capacity(text.len() + 64);
    for chunk in text.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        if STARTS_BLOCK.is_match(chunk) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br />\n"));
            out.push_str("</p>");
        }
        out.push('\n');
    }
    restore_pre(&out, &pres)
}

fn restore_pre(text: &str, pres: &[String]) -> String {
    let mut out = text.to_string();
    for (i, pre) in pres.iter().enumerate() {
        out = out.replace(&format!("<pre>\u{0}{i}\u{0}</pre>"), pre);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_make_paragraphs_and_pre_is_kept() {
        let html = "One\ntwo\n\nThree<ul>\n<li>x</li>\n</ul>\n<pre>a\n\nb</pre>";
        let out = autop(html);
        assert!(out.contains("<p>One<br />\ntwo</p>"), "{out}");
        assert!(out.contains("<p>Three</p>"), "{out}");
        assert!(out.contains("<pre>a\n\nb</pre>"), "{out}");
        assert!(!out.contains("<p><ul"), "{out}");
    }
}
