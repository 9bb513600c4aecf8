//! Micro-benchmarks of the stages a build spends its time in: Markdown to
//! HTML, a post page and a listing page through Tera, and the RSS feed.
//! `cargo bench --bench stages`. The post is one of the benchmark corpus's
//! (shared/bench/gen_corpus.py), with its Rust code block; the site is 30
//! copies of it, enough for a full listing page and a 20-item feed.

use std::path::Path;
use std::sync::LazyLock;

use divan::black_box;
use trellis::markdown::{self, Input};
use trellis::plan::{self, Body, Job, Loaded, Options};

const POST: &str = include_str!("fixtures/post.md");
const POSTS: usize = 30;

fn main() {
    divan::main();
}

/// The site is built once, in a folder that lives as long as the process.
static SITE: LazyLock<(tempfile::TempDir, Loaded)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    write_site(dir.path());
    let opts = Options {
        root: dir.path().to_path_buf(),
        ..Options::default()
    };
    let loaded = plan::load(&opts).unwrap_or_else(|e| panic!("the bench site: {e}"));
    (dir, loaded)
});

fn write_site(root: &Path) {
    let posts = root.join("content/posts");
    std::fs::create_dir_all(&posts).unwrap_or_else(|e| panic!("{e}"));
    let config = "title: Bench\nbase_url: https://example.org\nposts_per_page: 10\n";
    std::fs::write(root.join("site.yaml"), config).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..POSTS {
        let front = format!(
            "---\ntitle: \"Post {i}\"\ndate: 2026-01-{:02}\ntags: [anxiety, sleep]\n---\n",
            i % 28 + 1
        );
        let path = posts.join(format!("post-{i}.md"));
        std::fs::write(path, front + POST).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn render_markdown(text: &str) -> markdown::Rendered {
    let input = Input {
        path: Path::new("post.md"),
        text,
        first_line: 1,
    };
    markdown::render(&input, &SITE.1.engine).unwrap_or_else(|e| panic!("{e}"))
}

/// The whole post, code block included (highlighting is most of it).
#[divan::bench]
fn markdown_post() -> markdown::Rendered {
    render_markdown(black_box(POST))
}

/// The same post without its code block: parsing, anchors, word count.
#[divan::bench]
fn markdown_prose() -> markdown::Rendered {
    static PROSE: LazyLock<String> = LazyLock::new(|| {
        let (before, rest) = POST.split_once("```").unwrap_or((POST, "```"));
        let after = rest.split_once("\n```\n").map_or("", |(_, a)| a);
        format!("{before}{after}")
    });
    render_markdown(black_box(&PROSE))
}

fn render(job: &Job) -> usize {
    match plan::render(black_box(job), &SITE.1) {
        Ok(Body::Text(text)) => text.len(),
        Ok(_) => 0,
        Err(e) => panic!("{e}"),
    }
}

#[divan::bench]
fn template_post_page() -> usize {
    render(&Job::Post(0))
}

/// The second page of the blog index: ten post cards.
#[divan::bench]
fn template_listing_page() -> usize {
    render(&Job::Listing(2))
}

/// The site's RSS feed: 20 full-content items.
#[divan::bench]
fn feed_rss() -> usize {
    render(&Job::Rss(0))
}
