//! The incremental rebuild, held to a clean build of the same sources
//! byte for byte after each kind of edit.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use trellis::build::{self, Options};
use trellis::output::Sink;
use trellis::serve::rebuild::{Changes, Rebuilder};

use crate::common::TestSite;

/// The files a clean build of the same sources makes, in memory.
fn clean_build(opts: &Options) -> HashMap<String, Vec<u8>> {
    let map = Mutex::new(HashMap::new());
    let loaded = build::load(opts).unwrap_or_else(|e| panic!("clean load: {e}"));
    build::write(&loaded, &opts.root, Sink::Memory(&map))
        .unwrap_or_else(|e| panic!("clean write: {e}"));
    map.into_inner().unwrap_or_default()
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
        // A component that reads an image's size from static/.
        .write("static/images/a.svg", &svg(640, 360))
        .write(
            "content/posts/fig.md",
            &post_with_tags(8, "2026-01-08", "calm", r#"{{< figure src="/images/a.svg" alt="A lake" >}}"#),
        )
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

#[test]
fn incremental_rebuilds_match_a_clean_build_byte_for_byte() {
    let site = incremental_site();
    let root = std::fs::canonicalize(site.root()).unwrap_or_else(|e| panic!("{e}"));
    let opts = Options {
        root: root.clone(),
        ..Options::default()
    };
    let mut rebuilder = Rebuilder::new(opts.clone());
    rebuilder
        .rebuild(&Changes::everything())
        .unwrap_or_else(|e| panic!("first: {e}"));
    for step in steps(&root) {
        for (rel, text) in &step.files {
            match text {
                Some(text) => drop(site.write(rel, text)),
                None => std::fs::remove_file(site.path(rel)).unwrap_or_else(|e| panic!("{e}")),
            }
        }
        let name = step.name;
        let built = rebuilder
            .rebuild(&step.changes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (files, clean) = (&built.made.files, clean_build(&opts));
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
        if name == "body edit" {
            let (rendered, all) = (built.made.rendered, files.len());
            assert!(rendered * 2 < all, "{name}: rendered {rendered} of {all}");
        }
    }
}
