//! Every kind of bad input: non-zero exit, the file, line and column, the
//! offending line, a hint, no panic, and the previous output untouched.

use crate::common::{SITE_YAML, TestSite, post, snapshot};

/// Builds a good site, breaks it with `f`, and checks the failure.
fn fails(f: impl FnOnce(&TestSite), expect: &[&str]) -> String {
    let site = TestSite::new();
    site.write("content/posts/ok.md", &post("Ok", "2026-01-01", "Fine."));
    site.build();
    let before = snapshot(&site.path("public"));
    f(&site);
    let err = site.build_err();
    for needle in expect {
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    }
    assert!(err.contains("help:"), "no hint in:\n{err}");
    assert_eq!(
        snapshot(&site.path("public")),
        before,
        "the previous output changed"
    );
    let left: Vec<String> = std::fs::read_dir(site.root())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        left.iter().all(|n| !n.contains(".staging-")),
        "a staging folder was left behind: {left:?}"
    );
    err
}

#[test]
fn malformed_front_matter_yaml() {
    fails(
        |s| {
            s.write(
                "content/posts/bad.md",
                "---\ntitle: Anxiety: what helps\ndate: 2026-01-01\n---\nx\n",
            );
        },
        &[
            "content/posts/bad.md:2:",
            "title: Anxiety: what helps",
            "quotes",
        ],
    );
}

#[test]
fn missing_title() {
    fails(
        |s| {
            s.write("content/posts/bad.md", "---\ndate: 2026-01-01\n---\nx\n");
        },
        &["content/posts/bad.md:2:", "missing field `title`"],
    );
}

#[test]
fn bad_date() {
    fails(
        |s| {
            s.write(
                "content/posts/bad.md",
                "---\ntitle: x\ndate: 2026-02-30\n---\nx\n",
            );
        },
        &["content/posts/bad.md:3:7", "date: 2026-02-30", "YYYY-MM-DD"],
    );
}

#[test]
fn unknown_site_yaml_key() {
    fails(
        |s| {
            s.write(
                "site.yaml",
                "title: T\nbase_url: https://example.org\ndescripton: x\n",
            );
        },
        &["site.yaml:3:1", "descripton", "did you mean `description`"],
    );
}

/// `colors:` goes into a `<style>` unescaped, so a value that could close
/// the rule or the element is refused at its line.
#[test]
fn unsafe_colors_value() {
    let err = fails(
        |s| {
            s.write(
                "site.yaml",
                &format!(
                    "{SITE_YAML}colors:\n  accent: \"#2f6f5e\"\n  text: \"red; }} body {{ display: none\"\n"
                ),
            );
        },
        &[
            "site.yaml:6:9",
            "text: \"red; } body { display: none\"",
            "`text` in colors must be a colour",
            "#2f6f5e (3, 4, 6 or 8 hex digits)",
        ],
    );
    assert!(
        !err.contains("`accent`"),
        "a good value was reported:\n{err}"
    );
}

#[test]
fn colors_closing_the_style_element_and_a_misspelt_name() {
    fails(
        |s| {
            s.write(
                "site.yaml",
                &format!(
                    "{SITE_YAML}colors: {{ muted: gren, font-body: \"</style><script>x()</script>\" }}\n"
                ),
            );
        },
        &[
            "site.yaml:4:18",
            "did you mean `green`?",
            "site.yaml:4:35",
            "`font-body` in colors must be a list of font names",
        ],
    );
}

#[test]
fn missing_site_yaml() {
    fails(
        |s| {
            let _ = std::fs::remove_file(s.path("site.yaml"));
        },
        &["no site.yaml", "trellis init"],
    );
}

#[test]
fn template_syntax_error() {
    fails(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.heading }\n{% endblock content %}\n");
            s.write("content/about.md", "---\ntitle: About\n---\nHi.\n");
        },
        &["templates/page.html:3:"],
    );
}

#[test]
fn unknown_template_variable() {
    fails(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.autor }}</p>\n{% endblock content %}\n");
            s.write("content/about.md", "---\ntitle: About\n---\nHi.\n");
        },
        &["templates/page.html:3:", "autor"],
    );
}

#[test]
fn file_that_is_not_utf8() {
    fails(
        |s| {
            s.write_bytes(
                "content/posts/latin1.md",
                b"---\ntitle: Caf\xe9\ndate: 2026-01-01\n---\n",
            );
        },
        &["content/posts/latin1.md:2:", "UTF-8"],
    );
}

#[test]
fn duplicate_url() {
    fails(
        |s| {
            s.write(
                "content/posts/2026-01-02-ok.md",
                &post("Ok again", "2026-01-02", "Twin."),
            );
        },
        &[
            "content/posts/2026-01-02-ok.md",
            "content/posts/ok.md",
            "/blog/ok/",
        ],
    );
}

#[test]
fn one_tag_spelt_two_ways() {
    fails(
        |s| {
            let tagged = |title: &str, date: &str, tag: &str| {
                format!("---\ntitle: {title}\ndate: {date}\ntags: [\"{tag}\"]\n---\nWords.\n")
            };
            s.write("content/posts/a.md", &tagged("One", "2026-01-09", "C"));
            s.write("content/posts/b.md", &tagged("Two", "2026-01-07", "C++"));
        },
        // Spellings that differ only in case, spaces or hyphens merge
        // (tests/it/content.rs); different tags with one address do not.
        // The older post's tag stands; the newer one is the error.
        &[
            "the tags `C++` and `C` both become /tags/c/",
            "content/posts/a.md:4:",
        ],
    );
}

#[test]
fn path_escaping_slug() {
    fails(
        |s| {
            s.write(
                "content/about.md",
                "---\ntitle: About\nslug: ../../outside\n---\nHi.\n",
            );
        },
        &["content/about.md:3:", "slug: ../../outside"],
    );
}

/// build writes the new site into a staging folder and runs the checks on
/// what it wrote, so a failing check must discard that folder.
#[test]
fn failing_check_after_writing() {
    fails(
        |s| {
            s.write(
                "content/posts/ok.md",
                &post("Ok", "2026-01-01", "See [the guide](/nowhere/)."),
            );
        },
        &["broken-link", "/nowhere/"],
    );
}

#[test]
fn a_base_url_that_is_not_a_plain_address_is_refused_at_its_line() {
    let err = fails(
        |s| {
            s.write(
                "site.yaml",
                "title: T\nbase_url: 'https://x.example/\"><script>alert(1)</script>'\n",
            );
        },
        &[
            "site.yaml:2:",
            "base_url may hold only a host and a plain path",
        ],
    );
    assert!(!err.contains("panicked"), "{err}");
    let site = TestSite::new();
    let out = site.run(&["build", "--base-url", "https://x.example/a b"]);
    assert!(!out.status.success());
    assert!(!site.exists("public/robots.txt"));
}
