//! The whole Markdown stage with components: tags expanded through the
//! real template engine (the sample site's theme and its components),
//! pulldown-cmark, footnotes, task lists, highlighting, anchors, refs.
//! Any text must render or give a located error.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trellis::markdown::{self, Input};
use trellis::templates::Engine;

/// The repository root is the sample site: its components read its static
/// images (a figure's size).
fn engine() -> Option<&'static Engine> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
            let text = std::fs::read_to_string(root.join("site.yaml")).ok()?;
            let config = trellis::config::parse(text, None).ok()?;
            Engine::load(&root, &config).ok()
        })
        .as_ref()
}

fuzz_target!(|text: &str| {
    let Some(engine) = engine() else {
        panic!("the sample site's engine did not load");
    };
    let input = Input {
        path: Path::new("content/posts/x.md"),
        text,
        first_line: 6,
    };
    let _ = markdown::render(&input, engine);
});
