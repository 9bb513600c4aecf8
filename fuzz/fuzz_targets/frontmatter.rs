//! Front matter: the split into head and body, then the whole parse of a
//! Markdown file into a `Document` (YAML or TOML, dates, slugs, unknown
//! keys). Any input must give a document or a located error.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use trellis::content::{self, frontmatter};

fuzz_target!(|text: &str| {
    if let Ok(split) = frontmatter::split(text) {
        // The parts are slices of the text, and the body starts below the head.
        assert!(split.body_line > split.yaml_line);
    }
    let tz = jiff::tz::TimeZone::UTC;
    // A post and a page take different paths (dates and slugs).
    let _ = content::parse(Path::new("content/posts/2026-01-02-x.md"), text, &tz);
    let _ = content::parse(Path::new("content/about/index.md"), text, &tz);
});
