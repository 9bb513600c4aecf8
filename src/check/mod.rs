//! `trellis check`: a review before publishing. Everything `build` rejects,
//! plus what a practice's blog needs: links, anchors and images that work,
//! alt text, a sound heading outline (errors); descriptions, link text,
//! numbering, the consultation box, phone numbers, reading level,
//! third-party requests and safe-messaging wording (warnings).
//!
//! It renders every page as `build` would and reads the HTML, so links
//! written by templates and site.yaml are checked like links in Markdown;
//! findings are then traced back to the line the author wrote. `build` runs
//! the same checks through [`gate`].

pub mod command;
mod findings;
mod fold;
mod headings;
mod html;
mod links;
mod locate;
mod pages;
pub mod parts;
mod phones;
mod privacy;
mod report;
mod safe;
mod urls;
mod writing;

use std::path::Path;

use rayon::prelude::*;

use crate::build::{self, Job, Loaded};
use crate::diag::{Diagnostic, Result};
use crate::output::Planned;
use crate::site::Entry;

pub use pages::{Scanned, scan_file as scan};

pub use report::{count, json, text};

/// Every finding on a loaded site, in file order. A page that fails to
/// render is the build's error, returned as such.
pub fn run(loaded: &Loaded, root: &Path) -> Result<Vec<Diagnostic>> {
    let out = pages::render(loaded, root)?;
    Ok(findings(loaded, root, out))
}

/// Every finding, from the scanned output of the whole plan.
fn findings(loaded: &Loaded, root: &Path, out: pages::Output<'_>) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let sources = locate::Sources::load(root, site);
    let mut found = findings::Findings::default();
    links::check(&out, &sources, &site.config.base_url, &mut found);
    headings::check(&out, &sources, &mut found);
    privacy::check(&out, &sources, &site.config, &mut found);
    // Each entry's words are checked on their own, so in parallel: on a
    // large blog this was the longest serial stretch of a build.
    let entries: Vec<&Entry> = site.entries().collect();
    let words = || -> Vec<findings::Findings> {
        entries
            .par_iter()
            .map(|entry| {
                let mut own = findings::Findings::default();
                writing::check(entry, &site.config, &mut own);
                own
            })
            .collect()
    };
    // The pages' summaries are done with. Freeing them is hundreds of
    // thousands of small frees on a large blog: alongside the writing
    // checks rather than a serial stretch after them.
    let (per_entry, ()) = rayon::join(words, move || drop(out));
    for own in per_entry {
        found.absorb(own);
    }
    report::tidy(found.finish())
}

/// For `build`, on the scans of the files it wrote ([`scan`]): the errors
/// fail it; the warnings are returned to print.
pub fn gate(
    loaded: &Loaded,
    root: &Path,
    plan: &[Planned<Job>],
    scans: Vec<Scanned<'_>>,
) -> Result<Vec<Diagnostic>> {
    let out = pages::collect(plan, scans);
    parts::verdict(findings(loaded, root, out))
}

/// `trellis check`: the site in `root`, drafts included (the post being
/// written is the one to review). Anything `build` would reject is a
/// finding like the others.
pub fn all(root: &Path) -> Vec<Diagnostic> {
    let opts = build::Options {
        root: root.to_path_buf(),
        drafts: true,
        ..build::Options::default()
    };
    match build::load(&opts).and_then(|loaded| run(&loaded, root)) {
        Ok(found) => found,
        Err(e) => report::tidy(e.diagnostics),
    }
}
