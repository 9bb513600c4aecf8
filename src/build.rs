//! `trellis build`: loads the site, renders its plan into a staging
//! folder while the checks read each file, and swaps the site in only when
//! the checks pass. Returns a report.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, Result, plural};
use crate::output::{self, Staging};
pub use crate::plan::Options;
use crate::plan::{self, Loaded};

#[derive(Debug)]
pub struct Report {
    pub posts: usize,
    pub pages: usize,
    pub tags: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub timings: Vec<(&'static str, Duration)>,
    /// What `check` warns about; errors fail the build instead.
    pub warnings: Vec<Diagnostic>,
}

impl Report {
    /// One line per stage, for `--verbose`.
    pub fn stages(&self) -> String {
        self.timings
            .iter()
            .map(|(stage, d)| format!("  {stage:<22}{:>8.1} ms\n", d.as_secs_f64() * 1000.0))
            .collect()
    }

    pub fn summary(&self, output: &Path) -> String {
        format!(
            "Built {} ({}, {}, {}) into {} in {} ms",
            plural(self.files, "file"),
            plural(self.posts, "post"),
            plural(self.pages, "page"),
            plural(self.tags, "tag"),
            output.display(),
            self.elapsed.as_millis()
        )
    }
}

/// `trellis build`: load, plan, render and write atomically.
pub fn build(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let target = opts.output_dir();
    output::guard(&opts.root, &target)?;
    let mut loaded = plan::load(opts)?;
    let mut times = Vec::new();
    let written = write_checked(&loaded, &opts.root, &target, &mut times);
    let (checked, files) = match written {
        Ok(written) => written,
        // The site's own warnings (front matter keys, merged tags) come
        // with the errors, so one run shows everything to fix.
        Err(mut e) => {
            let mut all = loaded.site.warnings.clone();
            all.append(&mut e.diagnostics);
            return Err(crate::diag::Error::many(all));
        }
    };
    loaded.timings.extend(times);
    let report = report(&loaded, files, checked, start);
    // Freeing every post's HTML is a serial stretch at the end of a large
    // build that nobody waits on: the site is already written.
    rayon::spawn(move || drop(loaded));
    Ok(report)
}

/// Renders every file once into a staging folder, keeping what the checks
/// need of each, then runs the checks and swaps the site in only if they
/// pass. Returns the warnings and the number of files; notes stage times.
fn write_checked(
    loaded: &Loaded,
    root: &Path,
    target: &Path,
    times: &mut Vec<(&'static str, Duration)>,
) -> Result<(Vec<Diagnostic>, usize)> {
    let start = Instant::now();
    let mut notes = Vec::new();
    let plan = plan::plan_noting(&loaded.site, root, &mut notes);
    plan::check_clashes(&plan)?;
    let staging = Staging::new(target)?;
    let made = output::render(&plan, None, &staging, |p| {
        let body = plan::render(&p.job, loaded)?;
        let scan = crate::check::scan(&loaded.site, p, &body, root);
        Ok((body, scan))
    })?;
    let scans = made.into_iter().map(|(scan, ())| scan).collect();
    let written = start.elapsed();
    times.push(("render and write", written));
    notes.extend(crate::check::gate(loaded, root, &plan, scans)?);
    times.push(("check", start.elapsed() - written));
    staging.commit()?;
    Ok((notes, plan.len()))
}

fn report(loaded: &Loaded, files: usize, warnings: Vec<Diagnostic>, start: Instant) -> Report {
    let site = &loaded.site;
    Report {
        posts: site.posts.len(),
        pages: site.pages.len(),
        tags: site.tags.len(),
        files,
        elapsed: start.elapsed(),
        timings: loaded.timings.clone(),
        warnings,
    }
}
