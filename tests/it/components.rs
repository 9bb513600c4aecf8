//! Components in Markdown and the code highlighter, checked on parsed HTML.

use crate::common::{TestSite, attrs, select};

const CONFIG: &str = "title: Calm Practice\nbase_url: https://example.org\npractice:\n  name: Calm Practice\n  phone: \"+1 212 555 0100\"\nconsultation:\n  heading: Free 10-minute Consultation\n  text: We offer a free consultation.\n  button: Book now\n  url: /contact/\n";

fn site(body: &str) -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", CONFIG);
    // The consultation button links here; a broken link fails the build.
    site.write("content/contact.md", "---\ntitle: Contact\n---\nCall us.\n");
    site.write(
        "content/posts/p.md",
        &format!("---\ntitle: P\ndate: 2026-01-01\n---\n{body}\n"),
    );
    site
}

fn count_cta(site: &TestSite) -> usize {
    select(&site.html("public/blog/p/index.html"), "aside.cta").len()
}

fn feed_ctas(site: &TestSite) -> usize {
    let rss = site.read("public/rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap_or_else(|e| panic!("{e}"));
    let html: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("description"))
        .skip(1)
        .filter_map(|n| n.text())
        .collect();
    html.matches("Free 10-minute Consultation").count()
}

#[test]
fn cta_is_appended_once_to_every_post_and_feed_item() {
    let s = site("Hello.");
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(
        select(&doc, "aside.cta h2"),
        ["Free 10-minute Consultation"]
    );
    assert_eq!(attrs(&doc, "aside.cta a.button", "href"), ["/contact/"]);
    assert_eq!(
        attrs(&doc, "aside.cta a[href^='tel:']", "href"),
        ["tel:+12125550100"]
    );
    assert_eq!(feed_ctas(&s), 1);
}

#[test]
fn an_inline_cta_replaces_the_automatic_one_and_takes_overrides() {
    let s = site("Before.\n\n{{< cta heading=\"Talk to us\" button=\"Call today\" >}}\n\nAfter.");
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(select(&doc, "aside.cta h2"), ["Talk to us"]);
    assert_eq!(select(&doc, "aside.cta a.button"), ["Call today"]);
    assert_eq!(
        select(&doc, ".content aside.cta").len(),
        1,
        "inline, inside the body"
    );
    let rss = s.read("public/rss.xml");
    assert_eq!(rss.matches("cta-heading").count(), 1);
    assert_eq!(feed_ctas(&s), 0, "no second, automatic CTA in the feed");
}

#[test]
fn cta_false_and_after_posts_false_turn_it_off() {
    let s = site("Hello.");
    s.write(
        "content/posts/p.md",
        "---\ntitle: P\ndate: 2026-01-01\ncta: false\n---\nHi.\n",
    );
    s.build();
    assert_eq!(count_cta(&s), 0);
    assert_eq!(feed_ctas(&s), 0);

    let s = site("Hello.");
    s.write(
        "site.yaml",
        &CONFIG.replace(
            "  url: /contact/\n",
            "  url: /contact/\n  after_posts: false\n",
        ),
    );
    s.build();
    assert_eq!(count_cta(&s), 0);
}

#[test]
fn subscribe_without_a_provider_links_the_feeds_and_the_follow_page() {
    let s = site("Hello.");
    s.build();
    let doc = s.html("public/blog/p/index.html");
    let links = attrs(&doc, "aside.subscribe a", "href");
    for want in ["/follow/", "/rss.xml", "/atom.xml"] {
        assert!(links.contains(&want.to_string()), "{want} in {links:?}");
    }
    assert!(select(&doc, "aside.subscribe form").is_empty());
    let follow = s.html("public/follow/index.html");
    assert_eq!(select(&follow, "h1"), ["How to follow this blog"]);
    let home = s.html("public/index.html");
    assert_eq!(select(&home, "aside.subscribe").len(), 1);
}

#[test]
fn subscribe_with_a_provider_is_a_plain_private_form() {
    let s = site("Hello.");
    s.write(
        "site.yaml",
        &format!("{CONFIG}alerts:\n  form_action: https://mail.example.net/subscribe\n  email_field: EMAIL\n  on_home: false\n"),
    );
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(
        attrs(&doc, "aside.subscribe form", "action"),
        ["https://mail.example.net/subscribe"]
    );
    assert_eq!(attrs(&doc, "form input[type=email]", "name"), ["EMAIL"]);
    assert_eq!(
        attrs(&doc, "form .hp input", "tabindex"),
        ["-1"],
        "honeypot"
    );
    let fine = select(&doc, "form .fine-print").join(" ");
    assert!(fine.contains("health information"), "{fine}");
    assert!(
        select(&doc, "script, iframe")
            .iter()
            .all(|s| s.is_empty() || s.contains("schema.org"))
    );
    assert!(
        select(&s.html("public/index.html"), "aside.subscribe").is_empty(),
        "on_home: false"
    );
}

#[test]
fn crisis_line_in_footer_and_inline() {
    let s = site("{{< crisis >}}");
    s.write(
        "site.yaml",
        &format!("{CONFIG}crisis:\n  text: Call or text 988.\n"),
    );
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(select(&doc, "footer .crisis-line"), ["Call or text 988."]);
    assert_eq!(
        select(&doc, ".content .callout-crisis"),
        ["Call or text 988."]
    );
}

#[test]
fn callout_renders_its_markdown_body() {
    let s = site(
        "{{< callout kind=\"tip\" >}}\nTry **this**, with a [link](/about/).\n{{< /callout >}}",
    );
    s.write("content/about.md", "---\ntitle: About\n---\nUs.\n");
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(select(&doc, ".callout-tip .callout-title"), ["Tip"]);
    assert_eq!(select(&doc, ".callout-tip p strong"), ["this"]);
    assert_eq!(attrs(&doc, ".callout-tip a", "href"), ["/about/"]);
}

#[test]
fn figure_gets_caption_and_local_image_size() {
    let s = site(
        "{{< figure src=\"/images/a.svg\" alt=\"A calm lake\" caption=\"Rest & *breathe*\" >}}",
    );
    s.write(
        "static/images/a.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\"></svg>",
    );
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(attrs(&doc, "figure img", "alt"), ["A calm lake"]);
    assert_eq!(attrs(&doc, "figure img", "width"), ["640"]);
    assert_eq!(attrs(&doc, "figure img", "height"), ["360"]);
    assert_eq!(select(&doc, "figcaption"), ["Rest & *breathe*"]);
}

#[test]
fn components_in_code_are_literal_text() {
    let s = site("Use `{{< cta >}}` like this:\n\n```\n{{< cta >}}\n```\n");
    s.build();
    let doc = s.html("public/blog/p/index.html");
    assert_eq!(
        select(&doc, ".content code"),
        ["{{< cta >}}", "{{< cta >}}"]
    );
    assert_eq!(select(&doc, ".content aside.cta").len(), 0);
    assert_eq!(count_cta(&s), 1, "only the automatic one");
}

#[test]
fn code_is_highlighted_with_classes_only() {
    let s = site("```rust\nfn main() { println!(\"<hi>\"); }\n```\n\n```nosuchlang\n<b>\n```\n");
    s.build();
    let html = s.read("public/blog/p/index.html");
    let doc = s.html("public/blog/p/index.html");
    assert!(
        !select(&doc, "pre.hl span[class^='hl-']").is_empty(),
        "{html}"
    );
    assert!(
        attrs(&doc, ".content [style]", "style").is_empty(),
        "no inline styles"
    );
    assert_eq!(select(&doc, "pre code.language-nosuchlang"), ["<b>"]);
    assert_eq!(
        attrs(&doc, "link[href='/highlight.css']", "rel"),
        ["stylesheet"]
    );
    let css = s.read("public/highlight.css");
    assert!(css.contains(".hl-") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn pages_without_code_load_no_highlight_css() {
    let s = site("Plain.");
    s.build();
    assert!(!s.exists("public/highlight.css"));
    assert!(
        attrs(
            &s.html("public/blog/p/index.html"),
            "link[href='/highlight.css']",
            "rel"
        )
        .is_empty()
    );
}

/// Errors point at the Markdown file's own line (front matter counted).
fn error(body: &str, expect: &[&str]) {
    let s = site(body);
    let err = s.build_err();
    for needle in expect {
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    }
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn unknown_component_suggests_the_nearest() {
    error(
        "Hi.\n\n{{< ctaa >}}",
        &[
            "content/posts/p.md:7:5",
            "unknown component `ctaa`",
            "did you mean `cta`",
        ],
    );
}

#[test]
fn unknown_argument_is_an_error() {
    error(
        "{{< cta headng=\"x\" >}}",
        &[
            "content/posts/p.md:5:9",
            "no argument `headng`",
            "did you mean `heading`",
        ],
    );
}

#[test]
fn missing_argument_is_an_error() {
    error(
        "{{< figure src=\"/a.png\" >}}",
        &["content/posts/p.md:5:1", "needs the argument `alt`"],
    );
    error(
        "{{< figure src=\"/a.png\" alt=\"\" >}}",
        &["content/posts/p.md:5:25", "`alt` is empty"],
    );
}

#[test]
fn unclosed_pair_is_an_error() {
    error(
        "Text.\n\n{{< callout >}}\nBody.\n",
        &[
            "content/posts/p.md:7:1",
            "`callout` is opened but never closed",
        ],
    );
}

#[test]
fn malformed_tags_are_errors() {
    error(
        "{{< cta heading=Hi >}}",
        &["content/posts/p.md:5:17", "not a valid value"],
    );
    error(
        "x\n{{< cta heading=\"Hi\"",
        &["content/posts/p.md:6:1", "never closed"],
    );
    error(
        "{{< /callout >}}",
        &["content/posts/p.md:5:1", "never opened"],
    );
    error(
        "{{< callout kind=\"loud\" >}}\nx\n{{< /callout >}}",
        &[
            "content/posts/p.md:5:13",
            "must be one of: note, tip, warning",
        ],
    );
}

#[test]
fn unknown_highlight_theme_is_a_config_error() {
    let s = site("x");
    s.write(
        "site.yaml",
        &format!("{CONFIG}highlight:\n  theme_light: Nope\n"),
    );
    let err = s.build_err();
    assert!(
        err.contains("site.yaml:") && err.contains("unknown highlight theme `Nope`"),
        "{err}"
    );
}

#[test]
fn a_site_can_add_its_own_component() {
    let s = site("{{< hours day=\"Monday\" >}}");
    s.write(
        "templates/components/hours.html",
        "{% component hours(day: string) %}<p class=\"hours\">Open {{ day }}</p>{% endcomponent hours %}",
    );
    s.build();
    assert_eq!(
        select(&s.html("public/blog/p/index.html"), ".content p.hours"),
        ["Open Monday"]
    );
}

/// A thousand nested components once overflowed the stack (exit 134): now
/// a located error. Nesting a few deep still works.
#[test]
fn deep_nesting_is_a_located_error_not_a_crash() {
    let nested =
        |n: usize| "{{< callout >}}\n".repeat(n) + "Inside.\n" + &"{{< /callout >}}\n".repeat(n);
    let ok = site(&nested(5));
    ok.build();
    let doc = ok.html("public/blog/p/index.html");
    assert_eq!(
        select(
            &doc,
            "aside.callout aside.callout aside.callout aside.callout aside.callout"
        )
        .len(),
        1
    );
    let deep = site(&nested(1000));
    let out = deep.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("nest more than 32 deep"), "{err}");
    assert!(err.contains("content/posts/p.md:37:"), "{err}");
    let check = deep.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
}
