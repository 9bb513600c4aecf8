//! A property test of the incremental rebuild: random sequences of
//! creating, editing, deleting and renaming posts and pages, retagging
//! them, and changing templates and site.yaml, each followed by a rebuild
//! as `serve --watch` runs it, always give the same bytes as a clean build
//! and the same findings as a clean check; or fail where the clean build
//! fails. 32 cases of at most 8 steps by default;
//! `TRELLIS_PROPTEST_CASES=N` runs more.

use std::collections::HashMap;
use std::path::Path;

use proptest::prelude::*;
use trellis::check;
use trellis::diag::Diagnostic;
use trellis::plan::{self, Options};
use trellis::serve::rebuild::{Changes, Rebuilder};

use super::incremental::render_clean;
use crate::common::TestSite;

/// Where a document can be: posts (one a bundle, one with a dated name)
/// and pages (the home page among them).
const SLOTS: [&str; 7] = [
    "content/posts/a.md",
    "content/posts/b.md",
    "content/posts/2026-01-03-c.md",
    "content/posts/d/index.md",
    "content/about.md",
    "content/guides/g.md",
    "content/index.md",
];

fn is_post(slot: &str) -> bool {
    slot.starts_with("content/posts/")
}

/// "Calm" merges with "calm" (with a warning).
const TAGS: [&str; 4] = ["calm", "sleep", "Calm", "grief"];

/// Bodies that touch what a rebuild must get right: anchors and links into
/// other posts (checked across pages), summaries, code (the highlight
/// stylesheet), a component, a broken link (an error from check).
const BODIES: [&str; 8] = [
    "Plain words.",
    "## Calm breathing\n\nIn and out.",
    "Try [breathing](/blog/a/#calm-breathing).",
    "Short.\n\n<!-- more -->\n\nRest.",
    "```rust\nfn x() {}\n```",
    "{{< callout kind=\"tip\" >}}\nBe kind.\n{{< /callout >}}",
    "See [the map](/blog/nowhere/).",
    "{{< figure src=\"/images/a.svg\" alt=\"A lake\" >}}",
];

/// Front matter beyond title, date and tags: a slug and an alias that
/// can clash with another document's (an error), a description.
const EXTRAS: [&str; 4] = [
    "",
    "slug: b\n",
    "description: \"D\"\n",
    "aliases: [/old/]\n",
];

/// The image the figure component reads its size from.
const IMAGES: [Option<(usize, usize)>; 3] = [None, Some((640, 360)), Some((320, 200))];

const CONFIGS: [&str; 4] = [
    "title: T\nbase_url: https://example.org\nposts_per_page: 2\n",
    "title: T\nbase_url: https://example.org\nposts_per_page: 1\n",
    "title: Other\nbase_url: https://example.org\nposts_per_page: 3\npermalinks:\n  posts: /:year/:slug/\n",
    // Broken: the rebuild must fail as the clean build does.
    "title: T\nbase_url: https://example.org\nposts_per_page: 0\n",
];

const CARDS: [Option<&str>; 4] = [
    None,
    Some(
        "<li>{{ post.title }} {% for t in post.tags %}{{ t.name }}({{ t.count }}){% endfor %}</li>\n",
    ),
    Some("<li>{{ post.title }}</li>\n"),
    Some("<li>{{ post.title </li>\n"),
];

const CALLOUTS: [Option<&str>; 2] = [
    None,
    Some(
        "{% component callout(kind: string = \"note\", title: string = \"\") {\"body\": true} %}\n\
         <div class=\"c-{{ kind }}\">{{ body | safe }}</div>\n{% endcomponent callout %}\n",
    ),
];

#[derive(Debug, Clone)]
struct Doc {
    title: usize,
    day: usize,
    tags: Vec<&'static str>,
    body: usize,
    extra: usize,
    draft: bool,
}

impl Doc {
    /// Posts get a date and tags; a page written elsewhere keeps its
    /// text when renamed into `posts/` (and the other way round).
    fn text(&self, post: bool) -> String {
        let mut head = format!("title: \"Title {}\"\n", self.title);
        if post {
            // Day 0: a future post, which appears when the clock says.
            let date = match self.day {
                0 => "2099-01-01".to_string(),
                d => format!("2026-01-0{d}"),
            };
            head += &format!("date: {date}\ntags: [{}]\n", self.tags.join(", "));
        }
        head += EXTRAS[self.extra];
        if self.draft {
            head += "draft: true\n";
        }
        format!("---\n{head}---\n{}\n", BODIES[self.body])
    }
}

#[derive(Debug, Clone)]
enum Op {
    Write(usize, Doc),
    Retag(usize, Vec<&'static str>),
    Delete(usize),
    Rename(usize, usize),
    Card(usize),
    Callout(usize),
    Config(usize),
    Image(usize),
    /// Two edits the watcher reports at once.
    Both(Box<Op>, Box<Op>),
}

fn doc() -> impl Strategy<Value = Doc> {
    let tags = proptest::sample::subsequence(TAGS.to_vec(), 0..=2);
    let extra = prop_oneof![3 => Just(0), 1 => 1..EXTRAS.len()];
    let draft = proptest::bool::weighted(0.1);
    (0..3usize, 0..6usize, tags, 0..BODIES.len(), extra, draft).prop_map(
        |(title, day, tags, body, extra, draft)| Doc {
            title,
            day,
            tags,
            body,
            extra,
            draft,
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    let one = one_op();
    prop_oneof![
        6 => one.clone(),
        1 => (one.clone(), one).prop_map(|(a, b)| Op::Both(Box::new(a), Box::new(b))),
    ]
}

fn one_op() -> impl Strategy<Value = Op> + Clone {
    let slot = 0..SLOTS.len();
    prop_oneof![
        4 => (slot.clone(), doc()).prop_map(|(s, d)| Op::Write(s, d)),
        2 => (slot.clone(), proptest::sample::subsequence(TAGS.to_vec(), 0..=3))
            .prop_map(|(s, t)| Op::Retag(s, t)),
        2 => slot.clone().prop_map(Op::Delete),
        2 => (slot.clone(), slot).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => (0..CARDS.len()).prop_map(Op::Card),
        1 => (0..CALLOUTS.len()).prop_map(Op::Callout),
        1 => (0..CONFIGS.len()).prop_map(Op::Config),
        1 => (0..IMAGES.len()).prop_map(Op::Image),
    ]
}

/// The site as written: each slot's document and whether it was written
/// as a post.
struct Model {
    site: TestSite,
    docs: HashMap<usize, (Doc, bool)>,
}

impl Model {
    fn new() -> Model {
        let site = TestSite::new();
        site.write("site.yaml", CONFIGS[0]);
        let mut model = Model {
            site,
            docs: HashMap::new(),
        };
        for (slot, body) in [(0, 1), (1, 0), (2, 2), (4, 0)] {
            let d = Doc {
                title: slot % 3,
                day: slot + 1,
                tags: vec![TAGS[slot % 2]],
                body,
                extra: 0,
                draft: false,
            };
            model.put(slot, d, is_post(SLOTS[slot]));
        }
        model
    }

    fn put(&mut self, slot: usize, doc: Doc, post: bool) {
        self.site.write(SLOTS[slot], &doc.text(post));
        self.docs.insert(slot, (doc, post));
    }

    fn remove(&mut self, slot: usize) {
        if self.docs.remove(&slot).is_some() {
            let path = self.site.path(SLOTS[slot]);
            std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
            // An emptied bundle or section folder goes too, as an author
            // would leave it.
            if let Some(dir) = path.parent() {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }

    /// Writes or (`None`) deletes a file outside content/.
    fn template(&self, rel: &str, text: Option<&str>) {
        match text {
            Some(t) => drop(self.site.write(rel, t)),
            None => drop(std::fs::remove_file(self.site.path(rel))),
        }
    }

    /// Applies `op` and says what the watcher would report.
    fn apply(&mut self, op: &Op, root: &Path) -> Changes {
        let content = |slots: &[usize]| Changes {
            content: slots.iter().map(|&s| root.join(SLOTS[s])).collect(),
            ..Changes::default()
        };
        match op {
            Op::Write(s, d) => {
                self.put(*s, d.clone(), is_post(SLOTS[*s]));
                content(&[*s])
            }
            Op::Retag(s, tags) => {
                if let Some((mut d, post)) = self.docs.get(s).cloned() {
                    d.tags = tags.clone();
                    self.put(*s, d, post);
                }
                content(&[*s])
            }
            Op::Delete(s) => {
                self.remove(*s);
                content(&[*s])
            }
            Op::Rename(a, b) => {
                if a != b
                    && let Some((d, post)) = self.docs.get(a).cloned()
                {
                    self.remove(*a);
                    self.put(*b, d, post);
                }
                content(&[*a, *b])
            }
            Op::Card(v) => {
                self.template("templates/post_card.html", CARDS[*v]);
                Changes::everything()
            }
            Op::Callout(v) => {
                self.template("templates/components/callout.html", CALLOUTS[*v]);
                Changes::everything()
            }
            Op::Config(v) => {
                self.site.write("site.yaml", CONFIGS[*v]);
                Changes::everything()
            }
            Op::Image(v) => {
                let svg = IMAGES[*v].map(|(w, h)| {
                    format!(
                        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"></svg>"#
                    )
                });
                self.template("static/images/a.svg", svg.as_deref());
                Changes {
                    statics: true,
                    images: true,
                    ..Changes::default()
                }
            }
            Op::Both(a, b) => {
                let mut changes = self.apply(a, root);
                changes.merge(self.apply(b, root));
                changes
            }
        }
    }
}

type Clean = (HashMap<String, Vec<u8>>, Vec<Diagnostic>);

/// A clean build and a clean check of the same sources, or why they fail.
fn clean(opts: &Options) -> Result<Clean, String> {
    let loaded = plan::load(opts).map_err(|e| e.to_string())?;
    let files = render_clean(&loaded, opts).map_err(|e| e.to_string())?;
    let found = check::run(&loaded, &opts.root).map_err(|e| e.to_string())?;
    Ok((files, found))
}

/// Runs `ops` through one `Rebuilder`, comparing after each step.
fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let mut model = Model::new();
    let root = std::fs::canonicalize(model.site.root()).unwrap_or_else(|e| panic!("{e}"));
    let opts = Options {
        root: root.clone(),
        ..Options::default()
    };
    let mut rebuilder = Rebuilder::new(opts.clone());
    compare(&mut rebuilder, &Changes::everything(), &opts, None)?;
    for op in ops {
        let changes = model.apply(op, &root);
        compare(&mut rebuilder, &changes, &opts, Some(op))?;
    }
    Ok(())
}

fn compare(
    rebuilder: &mut Rebuilder,
    changes: &Changes,
    opts: &Options,
    op: Option<&Op>,
) -> Result<(), TestCaseError> {
    let ours = rebuilder.rebuild(changes);
    match (ours, clean(opts)) {
        (Ok(built), Ok((files, found))) => {
            let mut keys: Vec<&str> = files.keys().map(String::as_str).collect();
            keys.extend(built.made.files.keys().map(|k| k.as_ref()));
            keys.sort();
            keys.dedup();
            for key in keys {
                let mine = built.made.files.get(key).map(|b| b.as_ref());
                let theirs = files.get(key).map(Vec::as_slice);
                prop_assert!(
                    mine == theirs,
                    "after {op:?}: {key} differs from a clean build"
                );
            }
            prop_assert_eq!(built.found, found, "after {:?}: findings differ", op);
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => prop_assert!(
            false,
            "after {op:?}: the clean build fails ({e}), the rebuild not"
        ),
        (Err(e), Ok(_)) => prop_assert!(
            false,
            "after {op:?}: the rebuild fails ({e}), the clean build not"
        ),
    }
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("TRELLIS_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        // The minimal sequence is printed on failure; nothing is written
        // into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_edits_rebuild_like_a_clean_build(ops in proptest::collection::vec(op(), 1..=8)) {
        run(&ops)?;
    }
}
