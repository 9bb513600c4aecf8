//! Real content copied from Jekyll and Hugo: every file is used or named,
//! every unknown front matter key reported at once, the dates and tags
//! those generators write accepted.

use crate::common::{TestSite, attrs, post, said, select};

#[test]
fn markdown_and_mdown_files_are_posts() {
    let site = TestSite::new();
    site.write(
        "content/posts/a.markdown",
        &post("Jekyll", "2026-01-01", "One."),
    );
    site.write(
        "content/posts/b.mdown",
        &post("Mdown", "2026-01-02", "Two."),
    );
    site.write("content/about.markdown", "---\ntitle: About\n---\nUs.\n");
    let out = site.build();
    assert!(said(&out).contains("2 posts, 1 page"), "{}", said(&out));
    let doc = site.html("public/blog/a/index.html");
    assert_eq!(select(&doc, "h1"), ["Jekyll"]);
    assert!(site.exists("public/blog/b/index.html"));
    assert!(site.exists("public/about/index.html"));
}

#[test]
fn a_bundle_s_files_are_copied_beside_its_post_and_others_named() {
    let site = TestSite::new();
    let body = "![A calm lake](lake.png)\n\n<!-- more -->\n\nMore.";
    site.write(
        "content/posts/2026-02-03-calm/index.md",
        &format!("---\ntitle: Calm\n---\n{body}\n"),
    );
    site.write_bytes("content/posts/2026-02-03-calm/lake.png", b"png");
    site.write_bytes("content/posts/stray.pdf", b"pdf");
    site.write("content/posts/_index.md", "---\ntitle: Posts\n---\n");
    let out = site.build();
    assert_eq!(
        std::fs::read(site.path("public/blog/calm/lake.png")).ok(),
        Some(b"png".to_vec())
    );
    // The summary on the blog list shows the same image.
    let list = site.html("public/blog/index.html");
    assert!(attrs(&list, "img", "src").contains(&"/blog/calm/lake.png".to_string()));
    let post = site.html("public/blog/calm/index.html");
    assert!(
        select(&post, "time")
            .iter()
            .any(|t| t.contains("February 3, 2026"))
    );
    let text = said(&out);
    assert!(
        text.contains("content/posts/stray.pdf") && text.contains("warning"),
        "{text}"
    );
    assert!(
        text.contains("content/posts/_index.md is not used"),
        "{text}"
    );
}

#[test]
fn every_unknown_key_of_every_file_in_one_run() {
    let site = TestSite::new();
    let jekyll = "---\ntitle: A\ndate: 2026-01-01\nlayout: post\ncategories: [x]\nexcerpt: Hi\ntitel: B\n---\nx\n";
    site.write("content/posts/a.md", jekyll);
    let hugo = "---\ntitle: B\ndate: 2026-01-01\nsummary: S\npermalink: /x/\ndraf: true\n---\nx\n";
    site.write("content/posts/b.md", hugo);
    let err = site.build_err();
    for (at, hint) in [
        ("content/posts/a.md:4:1", "not needed"),
        ("content/posts/a.md:5:1", "trellis calls these `tags`"),
        ("content/posts/a.md:6:1", "`description`"),
        ("content/posts/a.md:7:1", "did you mean `title`"),
        ("content/posts/b.md:4:1", "`description`"),
        ("content/posts/b.md:5:1", "`aliases`"),
        ("content/posts/b.md:6:1", "did you mean `draft`"),
    ] {
        assert!(err.contains(at), "no {at} in:\n{err}");
        assert!(err.contains(hint), "no {hint} in:\n{err}");
    }
    assert!(err.contains("categories: [x]"), "the line is shown:\n{err}");
}

#[test]
fn legacy_keys_alone_are_warnings() {
    let site = TestSite::new();
    let text = "---\ntitle: A\ndate: 2026-01-01\nlayout: post\ncomments: true\n---\nx\n";
    site.write("content/posts/a.md", text);
    let out = site.build();
    let said = said(&out);
    assert!(
        said.contains("content/posts/a.md:4:1") && said.contains("`layout`"),
        "{said}"
    );
    assert!(said.contains("content/posts/a.md:5:1"), "{said}");
    let checked = site.run(&["check"]);
    assert!(checked.status.success());
    assert!(String::from_utf8_lossy(&checked.stdout).contains("content/posts/a.md:4:1"));
}

#[test]
fn warnings_come_with_a_failing_check() {
    let site = TestSite::new();
    let text = "---\ntitle: A\ndate: 2026-01-01\nlayout: post\n---\nSee [fees](/fees/).\n";
    site.write("content/posts/a.md", text);
    let err = site.build_err();
    assert!(err.contains("`/fees/` leads nowhere"), "{err}");
    assert!(err.contains("content/posts/a.md:4:1"), "{err}");
}

#[test]
fn extra_values_reach_templates() {
    let site = TestSite::new();
    site.write(
        "templates/post.html",
        "<html><body><p id=\"mood\">{{ post.extra.mood }}</p></body></html>",
    );
    let text = "---\ntitle: A\ndate: 2026-01-01\nextra:\n  mood: calm\n---\nx\n";
    site.write("content/posts/a.md", text);
    site.build();
    assert_eq!(
        select(&site.html("public/blog/a/index.html"), "#mood"),
        ["calm"]
    );
}

#[test]
fn toml_front_matter() {
    let site = TestSite::new();
    let text = "+++\ntitle = \"Hugo\"\ndate = 2019-01-04T08:09:26-05:00\ntags = [\"a\"]\n\n[extra]\nmood = \"calm\"\n+++\nBody.\n";
    site.write("content/posts/h.md", text);
    site.build();
    let doc = site.html("public/blog/h/index.html");
    assert_eq!(select(&doc, "h1"), ["Hugo"]);
    let times = attrs(&doc, "time", "datetime");
    assert!(
        times.iter().any(|t| t.starts_with("2019-01-04T13:09:26")),
        "{times:?}"
    );
}

#[test]
fn toml_errors_point_at_file_lines() {
    let site = TestSite::new();
    site.write(
        "content/posts/h.md",
        "+++\ntitle = \"Hugo\"\ndate = \n+++\nBody.\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/posts/h.md:3:"), "{err}");
    assert!(err.contains("date = "), "{err}");
}

#[test]
fn dates_as_jekyll_and_hugo_write_them() {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org\ntimezone: America/New_York\n",
    );
    site.write(
        "content/posts/a.md",
        &post("A", "2019-09-27 12:00:00 -0500", "x"),
    );
    site.write("content/posts/b.md", &post("B", "2019-01-04T8:09:26", "x"));
    site.write("content/posts/c.md", &post("C", "2019-01-05 10:30", "x"));
    site.write("content/posts/2019-01-06-d.md", "---\ntitle: D\n---\nx\n");
    site.build();
    let date = |slug: &str| {
        let doc = site.html(&format!("public/blog/{slug}/index.html"));
        attrs(&doc, "time", "datetime")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    for (slug, want) in [
        ("a", "2019-09-27T13:00:00-04:00"),
        ("b", "2019-01-04T08:09:26-05:00"),
        ("c", "2019-01-05T10:30:00-05:00"),
        ("d", "2019-01-06T00:00:00-05:00"),
    ] {
        assert!(date(slug).starts_with(want), "{slug}: {}", date(slug));
    }
}

#[test]
fn a_bad_date_names_the_forms_and_not_the_parser() {
    let site = TestSite::new();
    site.write(
        "content/posts/a.md",
        &post("A", "2019-09-27 12:00 EST", "x"),
    );
    let err = site.build_err();
    assert!(err.contains("content/posts/a.md:3:7"), "{err}");
    assert!(err.contains("2026-03-14 09:30:00 -0500"), "{err}");
    assert!(!err.contains("unparsed"), "{err}");
}

#[test]
fn tags_spelt_differently_merge_with_one_warning() {
    let site = TestSite::new();
    let tagged = |title: &str, date: &str, tag: &str| {
        format!("---\ntitle: {title}\ndate: {date}\ntags: [\"{tag}\"]\n---\nx\n")
    };
    site.write(
        "content/posts/a.md",
        &tagged("A", "2026-01-01", "mental health"),
    );
    site.write(
        "content/posts/b.md",
        &tagged("B", "2026-01-02", "Mental Health"),
    );
    site.write(
        "content/posts/c.md",
        &tagged("C", "2026-01-03", "Mental Health"),
    );
    site.write(
        "content/posts/d.md",
        &tagged("D", "2026-01-04", "mental-health"),
    );
    let out = site.build();
    let said = said(&out);
    assert_eq!(said.matches("are one tag").count(), 1, "{said}");
    assert!(said.contains("`mental-health` (1 post)"), "{said}");
    let doc = site.html("public/tags/mental-health/index.html");
    assert!(!select(&doc, "main h2").is_empty());
    let tags = site.html("public/tags/index.html");
    let names = select(&tags, "main li a");
    assert!(
        names.iter().any(|n| n.contains("Mental Health")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("mental health")),
        "{names:?}"
    );
}
