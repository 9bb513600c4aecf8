//! Addresses of a blog moved from elsewhere: permalink patterns, the
//! `_redirects` file for aliases, and the author's own files in static/
//! winning over generated ones.

use crate::common::{SITE_YAML, TestSite, post, said, select};

#[test]
fn permalink_patterns_give_posts_their_old_addresses() {
    let site = TestSite::new();
    let yaml = format!("{SITE_YAML}permalinks:\n  posts: \"/:year/:month/:day/:section/:slug/\"\n");
    let yaml = format!("{yaml}menu:\n  - {{ name: Blog, url: /blog/ }}\n");
    site.write("site.yaml", &yaml);
    site.write("content/posts/a.md", &post("A", "2019-09-27", "x"));
    site.write("content/posts/notes/b.md", &post("B", "2020-01-02", "x"));
    site.build();
    let a = site.html("public/2019/09/27/a/index.html");
    assert_eq!(select(&a, "h1"), ["A"]);
    // The menu still shows the post as in the blog.
    assert_eq!(select(&a, "nav [aria-current]"), ["Blog"]);
    assert!(site.exists("public/2020/01/02/notes/b/index.html"));
    assert!(!site.exists("public/blog/a/index.html"));
    let sitemap = site.read("public/sitemap.xml");
    let xml = roxmltree::Document::parse(&sitemap).unwrap_or_else(|e| panic!("sitemap: {e}"));
    let locs: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://example.org/2019/09/27/a/"),
        "{locs:?}"
    );
}

#[test]
fn bad_permalink_patterns_are_located_in_site_yaml() {
    let site = TestSite::new();
    site.write("content/posts/a.md", &post("A", "2019-09-27", "x"));
    let yaml = format!("{SITE_YAML}permalinks:\n  posts: \"/:year/:title/\"\n");
    site.write("site.yaml", &yaml);
    let err = site.build_err();
    assert!(err.contains("site.yaml:5:18"), "{err}");
    assert!(
        err.contains("`:title`") && err.contains(":slug, :section"),
        "{err}"
    );
    site.write(
        "site.yaml",
        &format!("{SITE_YAML}permalinks:\n  posts: \"/:year/\"\n"),
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:5:") && err.contains("no `:slug`"),
        "{err}"
    );
}

#[test]
fn aliases_are_listed_in_a_redirects_file() {
    let site = TestSite::new();
    let text = "---\ntitle: A\ndate: 2026-01-01\naliases: [/2019/05/a.html, old/a/]\n---\nx\n";
    site.write("content/posts/a.md", text);
    site.build();
    let redirects = site.read("public/_redirects");
    let rules: Vec<Vec<&str>> = redirects
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rules,
        [
            vec!["/2019/05/a.html", "/blog/a/", "301"],
            vec!["/old/a/", "/blog/a/", "301"]
        ]
    );
    // The HTML redirect pages stay for other hosts.
    assert!(site.exists("public/old/a/index.html"));
}

#[test]
fn the_author_s_static_files_win_with_a_note() {
    let site = TestSite::new();
    site.write("content/posts/a.md", &post("A", "2026-01-01", "x"));
    let text = "---\ntitle: B\ndate: 2026-01-01\naliases: [/old/]\n---\nx\n";
    site.write("content/posts/b.md", text);
    site.write("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.write("static/404.html", "<html><body><h1>Lost</h1></body></html>");
    site.write("static/_redirects", "/x /y 302\n");
    let out = site.build();
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nDisallow: /private/\n"
    );
    assert_eq!(select(&site.html("public/404.html"), "h1"), ["Lost"]);
    assert_eq!(site.read("public/_redirects"), "/x /y 302\n");
    let said = said(&out);
    for file in ["static/robots.txt", "static/404.html", "static/_redirects"] {
        assert!(
            said.contains(&format!("{file} takes the place of")),
            "{said}"
        );
    }
}

#[test]
fn a_static_file_still_clashes_with_a_post() {
    let site = TestSite::new();
    site.write("content/posts/a.md", &post("A", "2026-01-01", "x"));
    site.write("static/blog/a/index.html", "<html></html>");
    let err = site.build_err();
    assert!(err.contains("static/blog/a/index.html"), "{err}");
}
