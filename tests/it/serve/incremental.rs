//! The incremental rebuild, held to a clean build of the same sources
//! byte for byte after each kind of edit.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use trellis::check;
use trellis::diag::{Diagnostic, Severity};
use trellis::output::{self, Memory};
use trellis::plan::{self, Loaded, Options, file_key};
use trellis::serve::rebuild::{Built, Changes, Rebuilder};

use crate::common::TestSite;

/// The files a clean build of the same sources makes, in memory.
fn clean_build(opts: &Options) -> HashMap<String, Vec<u8>> {
    let loaded = plan::load(opts).unwrap_or_else(|e| panic!("clean load: {e}"));
    render_clean(&loaded, opts).unwrap_or_else(|e| panic!("clean build: {e}"))
}

/// The files a clean build of a loaded site makes, by output path.
pub(super) fn render_clean(
    loaded: &Loaded,
    opts: &Options,
) -> trellis::diag::Result<HashMap<String, Vec<u8>>> {
    let plan = plan::plan(&loaded.site, &opts.root);
    plan::check_clashes(&plan)?;
    let made = output::render(&plan, None, &Memory, |p| {
        Ok((plan::render(&p.job, loaded)?, ()))
    })?;
    Ok(plan
        .iter()
        .zip(made)
        .map(|(p, ((), bytes))| (file_key(&p.path), bytes))
        .collect())
}

/// One edit: files written (`Some`) or deleted (`None`), and what the
/// watcher reports for it.
struct Step {
    name: &'static str,
    files: Vec<(String, Option<String>)>,
    changes: Changes,
}

fn post_with_tags(i: usize, date: &str, tags: &str, body: &str) -> String {
    format!("---\ntitle: \"Post {i}\"\ndate: {date}\ntags: [{tags}]\n---\n{body}\n")
}

fn svg(width: usize, height: usize) -> String {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>"#)
}

fn incremental_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org\nposts_per_page: 2\n",
    );
    for i in 0..7 {
        let tags = ["calm", "sleep", "calm, couples"][i % 3];
        let date = format!("2026-01-{:02}", i + 1);
        site.write(
            &format!("content/posts/p{i}.md"),
            &post_with_tags(i, &date, tags, "Body."),
        );
    }
    site.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .write("content/about.md", "---\ntitle: About\naliases: [/old-about/]\n---\nUs.\n")
        .write("content/posts/d.md", "---\ntitle: D\ndate: 2026-01-09\ndraft: true\n---\nLater.\n")
        .write("static/style.css", "body{}\n")
        // A bundle: its image is copied beside it, also after an edit.
        .write("content/posts/b/index.md", BUNDLE)
        .write("content/posts/b/lake.svg", &svg(64, 36))
        // A component that reads an image's size from static/.
        .write("static/images/a.svg", &svg(640, 360))
        .write(
            "content/posts/fig.md",
            &post_with_tags(8, "2026-01-08", "calm", r#"{{< figure src="/images/a.svg" alt="A lake" >}}"#),
        )
        // A post in a folder of its own, with its image beside it.
        .write(
            "content/posts/trip/index.md",
            &post_with_tags(10, "2026-01-10", "calm", "![A lake](lake.svg)"),
        )
        .write("content/posts/trip/lake.svg", &svg(64, 36))
        // Cards that show tag counts, which change when another post is tagged.
        .write(
            "templates/post_card.html",
            "<li>{{ post.title }} {% for t in post.tags %}{{ t.name }}({{ t.count }}){% endfor %}</li>\n",
        );
    site
}

const LONG_BODY: &str = "Many words here. Many words here. Many words here. Many words here. \
    Many words here. Many words here. Many words here. Many words here. Many words here. \
    Many words here. Many words here. Many words here. Many words here. Many words here.\n\n\
    ## A heading\n\nMore.";

/// Edits of one post: file, then its new title number, date, tags and body
/// (no date: the file is deleted).
const POST_EDITS: [(&str, &str, usize, &str, &str, &str); 8] = [
    ("body edit", "p3", 3, "2026-01-04", "calm", "New."),
    ("longer body", "p4", 4, "2026-01-05", "sleep", LONG_BODY),
    (
        "summary cut",
        "p4",
        4,
        "2026-01-05",
        "sleep",
        "Short.\n\n<!-- more -->\n\nRest.",
    ),
    ("date moves a post", "p3", 3, "2026-02-20", "calm", "New."),
    ("new tag", "p1", 1, "2026-01-02", "grief, sleep", "B."),
    (
        "code block",
        "p2",
        2,
        "2026-01-03",
        "calm",
        "```rust\nfn x() {}\n```",
    ),
    ("new post", "new", 9, "2026-03-01", "sleep", "N."),
    ("deleted post", "p0", 0, "", "", ""),
];

const BUNDLE: &str = "---\ntitle: B\ndate: 2026-01-08\n---\n![A lake](lake.svg)\n";

fn steps(root: &Path) -> Vec<Step> {
    let content = |rels: &[&str]| Changes {
        content: rels.iter().map(|r| root.join(r)).collect(),
        ..Changes::default()
    };
    let one = |name, rel: &str, text: Option<String>| Step {
        name,
        files: vec![(rel.to_string(), text)],
        changes: content(&[rel]),
    };
    let mut steps: Vec<Step> = POST_EDITS
        .iter()
        .map(|&(name, file, i, date, tags, body)| {
            let rel = format!("content/posts/{file}.md");
            let text = (!date.is_empty()).then(|| post_with_tags(i, date, tags, body));
            one(name, &rel, text)
        })
        .collect();
    let draft = "---\ntitle: P5\ndate: 2026-01-06\ndraft: true\n---\nx\n";
    steps.extend([
        one(
            "draft published",
            "content/posts/d.md",
            Some("---\ntitle: D\ndate: 2026-01-09\n---\nNow.\n".into()),
        ),
        one("made a draft", "content/posts/p5.md", Some(draft.into())),
        one(
            "bundle edited",
            "content/posts/b/index.md",
            Some(BUNDLE.replace("lake", "Lake").replace("(Lake", "(lake")),
        ),
        one(
            "draft edited",
            "content/posts/p5.md",
            Some(draft.replace("x", "y")),
        ),
        one(
            "page body",
            "content/about.md",
            Some("---\ntitle: About\naliases: [/old-about/]\n---\nUs, more.\n".into()),
        ),
        Step {
            name: "renamed post",
            files: vec![
                ("content/posts/p6.md".into(), None),
                (
                    "content/posts/p6-moved.md".into(),
                    Some(post_with_tags(6, "2026-01-07", "calm", "Moved.")),
                ),
            ],
            changes: content(&["content/posts/p6.md", "content/posts/p6-moved.md"]),
        },
        Step {
            name: "home and page",
            files: vec![
                (
                    "content/index.md".into(),
                    Some("---\ntitle: Home\n---\nHello.\n".into()),
                ),
                (
                    "content/about.md".into(),
                    Some("---\ntitle: About\n---\nUs too.\n".into()),
                ),
            ],
            changes: content(&["content/index.md", "content/about.md"]),
        },
        one(
            "bundle body",
            "content/posts/trip/index.md",
            Some(post_with_tags(
                10,
                "2026-01-10",
                "calm",
                "![A lake](lake.svg) Still.",
            )),
        ),
        one(
            "bundle image added",
            "content/posts/trip/dock.svg",
            Some(svg(8, 8)),
        ),
        one("bundle image removed", "content/posts/trip/dock.svg", None),
        Step {
            name: "static files",
            files: vec![
                ("static/style.css".into(), Some("body{color:red}\n".into())),
                ("static/new.txt".into(), Some("x\n".into())),
                ("static/images/a.svg".into(), Some(svg(320, 200))),
            ],
            changes: Changes {
                statics: true,
                images: true,
                ..Changes::default()
            },
        },
        Step {
            name: "template",
            files: vec![(
                "templates/post_card.html".into(),
                Some("<li>{{ post.title }}</li>\n".into()),
            )],
            changes: Changes::everything(),
        },
        one(
            "after a full rebuild",
            "content/posts/p4.md",
            Some(post_with_tags(4, "2026-01-05", "couples", "Again.")),
        ),
    ]);
    steps
}

/// Edits that change what `check` finds, some in pages the edit does not
/// render again (a renamed heading breaks an `#anchor` link into it).
fn check_steps(root: &Path) -> Vec<Step> {
    let edit = |name, edits: &[(&str, Option<String>)]| Step {
        name,
        files: edits
            .iter()
            .map(|(r, t)| (r.to_string(), t.clone()))
            .collect(),
        changes: Changes {
            content: edits.iter().map(|(r, _)| root.join(r)).collect(),
            ..Changes::default()
        },
    };
    let p = |i: usize, date: &str, tags: &str, body: &str| {
        let text = post_with_tags(i, date, tags, body);
        (
            [
                "",
                "content/posts/p1.md",
                "content/posts/p2.md",
                "content/posts/p3.md",
                "content/posts/p4.md",
            ][i],
            Some(text),
        )
    };
    let breathing = |heading: &str| {
        p(
            3,
            "2026-02-20",
            "calm",
            &format!("## {heading} breathing\n\nIn and out."),
        )
    };
    // p1 is no neighbour of p3, nor on a list with it: its page is made
    // again only when p1 changes.
    let calm = |anchor: &str| {
        let body = format!("Try [calm breathing](/blog/p3/#{anchor}).");
        p(1, "2026-01-02", "grief, sleep", &body)
    };
    let contact = (
        "content/contact.md",
        Some("---\ntitle: Contact\n---\nCall us.\n".to_string()),
    );
    let statics = |images| Changes {
        statics: true,
        images,
        ..Changes::default()
    };
    vec![
        edit(
            "broken link",
            &[p(2, "2026-01-03", "calm", "See [the map](/blog/nowhere/).")],
        ),
        edit(
            "anchor into another post",
            &[
                p(2, "2026-01-03", "calm", "Fine."),
                breathing("Calm"),
                calm("calm-breathing"),
            ],
        ),
        edit("anchor target renamed", &[breathing("Slow")]),
        edit("anchor target restored", &[breathing("Calm")]),
        edit("anchor typo", &[calm("calm-breething")]),
        edit("anchor typo fixed", &[calm("calm-breathing")]),
        edit(
            "missing image",
            &[p(
                2,
                "2026-01-03",
                "calm",
                "![A lake at dawn](/images/dawn.svg)",
            )],
        ),
        Step {
            name: "image added",
            files: vec![("static/images/dawn.svg".into(), Some(svg(40, 30)))],
            changes: statics(true),
        },
        edit("contact page added", std::slice::from_ref(&contact)),
        edit("contact page deleted", &[(contact.0, None)]),
        edit(
            "vague link text",
            &[p(4, "2026-01-05", "couples", "Read [here](/about/).")],
        ),
        Step {
            name: "third-party stylesheet",
            files: vec![(
                "static/style.css".into(),
                Some("@import \"https://fonts.example.net/x.css\";\nbody{}\n".into()),
            )],
            changes: statics(false),
        },
    ]
}

fn apply(site: &TestSite, step: &Step) {
    for (rel, text) in &step.files {
        match text {
            Some(text) => drop(site.write(rel, text)),
            None => std::fs::remove_file(site.path(rel)).unwrap_or_else(|e| panic!("{e}")),
        }
    }
}

/// The same bytes as a clean build, and the same findings as a clean
/// `trellis check` (errors included: the rebuild reports them for `serve`
/// to show instead of the site).
#[test]
fn incremental_rebuilds_match_a_clean_build_and_check() {
    let site = incremental_site();
    let root = std::fs::canonicalize(site.root()).unwrap_or_else(|e| panic!("{e}"));
    let opts = Options {
        root: root.clone(),
        ..Options::default()
    };
    let mut rebuilder = Rebuilder::new(opts.clone());
    let first = rebuilder
        .rebuild(&Changes::everything())
        .unwrap_or_else(|e| panic!("first: {e}"));
    assert_eq!(first.found, clean_check(&opts), "first build's findings");
    let mut errors_seen = 0;
    for step in steps(&root).into_iter().chain(check_steps(&root)) {
        apply(&site, &step);
        let name = step.name;
        let built = rebuilder
            .rebuild(&step.changes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        same_files(name, &built.made.files, &clean_build(&opts));
        let clean = clean_check(&opts);
        assert_eq!(
            built.found, clean,
            "{name}: the findings differ from a clean check"
        );
        errors_seen += clean
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if name == "anchor target renamed" {
            anchor_broken_in_a_page_not_rendered(&built);
        }
        if name == "body edit" {
            let (rendered, all) = (built.made.rendered.len(), built.made.files.len());
            assert!(rendered * 2 < all, "{name}: rendered {rendered} of {all}");
        }
    }
    // The steps meant to break the site did.
    assert!(errors_seen >= 3, "{errors_seen} errors in all");
}

/// The link into the renamed heading is found although its page was not
/// rendered again: the rebuild knows which pages link into which.
fn anchor_broken_in_a_page_not_rendered(built: &Built) {
    let made = &built.made;
    let rendered: Vec<&str> = made
        .rendered
        .iter()
        .map(|&i| made.paths[i].as_ref())
        .collect();
    assert!(!rendered.contains(&"blog/p1/index.html"), "{rendered:?}");
    let broken = built.found.iter().find(|d| d.rule == "broken-anchor");
    let at = broken.and_then(|d| d.location.as_ref());
    assert_eq!(
        at.map(|l| (l.path.to_string_lossy().into_owned(), l.line)),
        Some(("content/posts/p1.md".to_string(), 6)),
        "{:?}",
        built.found
    );
}

fn same_files<B: AsRef<[u8]>>(
    name: &str,
    files: &HashMap<Arc<str>, B>,
    clean: &HashMap<String, Vec<u8>>,
) {
    let mut keys: Vec<&str> = clean.keys().map(String::as_str).collect();
    keys.extend(files.keys().map(|k| k.as_ref()));
    keys.sort();
    keys.dedup();
    for key in keys {
        let ours = files.get(key).map(|b| b.as_ref());
        assert!(
            ours == clean.get(key).map(Vec::as_slice),
            "{name}: {key} differs from a clean build"
        );
    }
}

/// What `trellis check` finds on the same sources (without drafts, as
/// `serve` builds by default).
fn clean_check(opts: &Options) -> Vec<Diagnostic> {
    let loaded = plan::load(opts).unwrap_or_else(|e| panic!("clean load: {e}"));
    check::run(&loaded, &opts.root).unwrap_or_else(|e| panic!("clean check: {e}"))
}
