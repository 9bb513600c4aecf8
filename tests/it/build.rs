use crate::common::{SITE_YAML, TestSite, attrs, post, select};

fn blog() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/posts/2026-01-05-first.md",
        &post(
            "First & Best",
            "2026-01-05",
            "Intro with a [link](/blog/second/).\n\n## 1. Start here\n\n- **Lead-in:** text\n- two\n\n## 1. Start here\n",
        ),
    )
    .write("content/posts/2026-02-01-second.md", &post("Second", "2026-02-01", "Body two."))
    .write("content/posts/third.md", &post("Third", "2026-03-01", "Body three."))
    .write("content/posts/nested/deep.md", &post("Deep", "2026-03-02", "Deep body."))
    .write(
        "content/posts/draft.md",
        "---\ntitle: Draft\ndate: 2026-01-01\ndraft: true\n---\nSecret.\n",
    )
    .write("content/posts/future.md", &post("Future", "2999-01-01", "Later."))
    .write("content/about.md", "---\ntitle: About us\n---\nWe listen.\n");
    site
}

#[test]
fn builds_posts_pages_and_lists() {
    let site = blog();
    let out = site.build();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("4 posts, 1 page, "), "{stdout}");

    let doc = site.html("public/blog/first/index.html");
    assert_eq!(select(&doc, "title"), ["First & Best – Test Practice"]);
    assert_eq!(select(&doc, "h1"), ["First & Best"]);
    assert_eq!(
        attrs(&doc, ".content h2", "id"),
        ["1-start-here", "1-start-here-1"]
    );
    assert_eq!(
        attrs(&doc, "h2 a.anchor", "href"),
        ["#1-start-here", "#1-start-here-1"]
    );
    assert_eq!(select(&doc, ".content li strong"), ["Lead-in:"]);
    assert!(attrs(&doc, ".content a", "href").contains(&"/blog/second/".to_string()));
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/blog/first/"]
    );

    let about = site.html("public/about/index.html");
    assert_eq!(select(&about, "h1"), ["About us"]);
    assert!(
        site.exists("public/blog/deep/index.html"),
        "posts in sub-folders"
    );
    assert!(site.exists("public/404.html"));
}

#[test]
fn drafts_and_future_posts_stay_out_unless_asked() {
    let site = blog();
    site.build();
    assert!(!site.exists("public/blog/draft/index.html"));
    assert!(!site.exists("public/blog/future/index.html"));
    let index = site.html("public/blog/index.html");
    assert!(
        !select(&index, ".card-title")
            .iter()
            .any(|t| t == "Draft" || t == "Future")
    );

    let out = site.run(&["build", "--drafts"]);
    assert!(out.status.success());
    assert!(site.exists("public/blog/draft/index.html"));
    assert!(site.exists("public/blog/future/index.html"));
}

#[test]
fn blog_index_is_paginated_newest_first() {
    let site = blog();
    site.build();
    let page1 = site.html("public/blog/index.html");
    assert_eq!(select(&page1, ".card-title"), ["Deep", "Third"]);
    assert_eq!(
        attrs(&page1, ".pagination a[rel=next]", "href"),
        ["/blog/page/2/"]
    );
    let page2 = site.html("public/blog/page/2/index.html");
    assert_eq!(select(&page2, ".card-title"), ["Second", "First & Best"]);
    assert_eq!(attrs(&page2, ".pagination a[rel=prev]", "href"), ["/blog/"]);
    assert!(!site.exists("public/blog/page/3/index.html"));
}

#[test]
fn bom_and_crlf_files_build_like_clean_ones() {
    let clean = TestSite::new();
    clean.write(
        "content/posts/a.md",
        &post("A", "2026-01-01", "## Hi\n\nText.\n"),
    );
    let messy = TestSite::new();
    let text = post("A", "2026-01-01", "## Hi\n\nText.\n").replace('\n', "\r\n");
    messy.write_bytes(
        "content/posts/a.md",
        &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    );
    clean.build();
    messy.build();
    assert_eq!(
        clean.read("public/blog/a/index.html"),
        messy.read("public/blog/a/index.html")
    );
}

#[test]
fn output_flag_and_base_url_override() {
    let site = blog();
    let out_dir = site.path("elsewhere");
    let out = site.run(&[
        "build",
        "--output",
        out_dir.to_str().unwrap_or_default(),
        "--base-url",
        "https://staging.example.net/",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = site.html("elsewhere/blog/first/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://staging.example.net/blog/first/"]
    );
}

#[test]
fn refuses_to_replace_the_site_itself() {
    let site = blog();
    let root = site.root().to_str().unwrap_or_default().to_string();
    let out = site.run(&["build", "--output", &root]);
    assert!(!out.status.success());
    assert!(site.exists("content/about.md"));
}

#[test]
fn site_templates_override_the_theme() {
    let site = blog();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"mine\">{{ page.heading }}</h1>{% endblock content %}",
    );
    site.build();
    let about = site.html("public/about/index.html");
    assert_eq!(select(&about, "h1.mine"), ["About us"]);
}

#[test]
fn colors_become_custom_properties() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &format!(
            "{SITE_YAML}colors:\n  accent: \"#7a4e2d\"\n  accent-dark: rgb(230 180 140)\n  font-body: '\"Atkinson Hyperlegible\", sans-serif'\n  measure: 36em\n"
        ),
    )
    .write("content/about.md", "---\ntitle: About\n---\nHi.\n");
    site.build();
    let doc = site.html("public/about/index.html");
    assert_eq!(
        select(&doc, "head style"),
        [
            ":root{--accent:#7a4e2d;--accent-dark:rgb(230 180 140);--font-body:\"Atkinson Hyperlegible\", sans-serif;--measure:36em;}"
        ]
    );
}
