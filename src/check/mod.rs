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
mod leftovers;
mod links;
mod locate;
pub mod parts;
mod phones;
mod policy;
mod privacy;
mod report;
mod safe;
mod scan;
mod urls;
mod writing;

use std::path::Path;

use rayon::prelude::*;

use crate::config::rules;
use crate::diag::{Diagnostic, Result};
use crate::output::{self, Discard};
use crate::plan::{self, Loaded, Options, Planned};
use crate::site::{Entry, Site};

pub use scan::{Scanned, scan_file as scan};

pub use report::{count, json, text};

/// Runs the HTML scanner and what `check` keeps of a page over any text,
/// and returns how many URLs it found. Only for the fuzz target
/// `check_html` (fuzz/): the scanner reads raw HTML that authors write,
/// so it must not panic on any input. Hidden: it is no part of the API.
#[doc(hidden)]
pub fn fuzz_scan_html(text: &str) -> usize {
    scan::fuzz_page(text)
}

/// Every finding on a loaded site, in file order. A page that fails to
/// render is the build's error, returned as such.
pub fn run(loaded: &Loaded, root: &Path) -> Result<Vec<Diagnostic>> {
    let mut notes = Vec::new();
    let plan = plan::plan_noting(&loaded.site, root, &mut notes);
    plan::check_clashes(&plan)?;
    let made = output::render(&plan, None, &Discard, |p| {
        let body = plan::render(&p.job, loaded)?;
        let kept = scan(&loaded.site, p, &body, root);
        Ok((body, kept))
    })?;
    let scans = made.into_iter().map(|(kept, ())| kept).collect();
    notes.extend(findings(loaded, root, &scan::collect(&plan, scans)));
    Ok(report::tidy(notes))
}

/// Every finding, from the scanned output of the whole plan.
fn findings(loaded: &Loaded, root: &Path, out: &scan::Scans<'_>) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let sources = locate::Sources::load(root, site);
    let mut found = findings::Findings::default();
    links::check(out, &sources, &site.config.base_url, &mut found);
    headings::check(out, &sources, &mut found);
    privacy::check(out, &sources, &site.config, &mut found);
    policy::check(out, &sources, &mut found);
    // Each entry's words are checked on their own, so in parallel: on a
    // large blog this was the longest serial stretch of a build.
    let entries: Vec<&Entry> = site.entries().collect();
    let per_entry: Vec<findings::Findings> = entries
        .par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|entry| {
            let mut own = findings::Findings::default();
            writing::check(entry, &site.config, &mut own);
            own
        })
        .collect();
    for own in per_entry {
        found.absorb(own);
    }
    complete(found.finish(), site)
}

/// The rules' findings with what the site itself warns about (front
/// matter, tags, stray files), each at the severity site.yaml sets, in
/// file order: what `check`, `build` and `serve` all report.
fn complete(found: Vec<Diagnostic>, site: &Site) -> Vec<Diagnostic> {
    let mut all = site.warnings.clone();
    all.extend(found);
    report::tidy(rules::apply(all, &site.config))
}

/// For `trellis build`, on the scans of the files it wrote ([`scan`]):
/// the errors fail it; the warnings are returned to print.
///
/// The scans are left for the process's exit to reclaim: `build` runs
/// once and exits, and freeing them one by one (hundreds of thousands of
/// small allocations at 10,000 posts) took 90 ms on one thread, 7% of
/// the build, where the exit frees their pages in bulk.
pub fn gate(
    loaded: &Loaded,
    root: &Path,
    plan: &[Planned],
    scans: Vec<Scanned<'_>>,
) -> Result<Vec<Diagnostic>> {
    let out = scan::collect(plan, scans);
    let found = findings(loaded, root, &out);
    std::mem::forget(out);
    parts::verdict(found)
}

/// `trellis check`: the site in `root`, drafts included (the post being
/// written is the one to review). Anything `build` would reject is a
/// finding like the others.
pub fn all(root: &Path) -> Vec<Diagnostic> {
    let opts = Options {
        root: root.to_path_buf(),
        drafts: true,
        ..Options::default()
    };
    match plan::load(&opts).and_then(|loaded| run(&loaded, root)) {
        Ok(found) => found,
        Err(e) => report::tidy(e.diagnostics),
    }
}
