//! Files the author supplied that the plan takes in: those beside a post
//! in its folder (a bundle), and those in `static/` that take the place of
//! a file trellis would make.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Job, Planned, file_key};
use crate::diag::Diagnostic;
use crate::site::{Site, url_to_path};
use crate::templates::Asset;

/// Each bundle's files, beside its post: `content/posts/x/a.jpg` is
/// `/blog/x/a.jpg`.
pub fn bundle_files(site: &Site, root: &Path, plan: &mut Vec<Planned>) {
    for e in site.posts.iter().chain(&site.pages) {
        let folder = url_to_path(&e.url);
        let folder = folder.parent().unwrap_or(Path::new(""));
        for (file, name) in &e.doc.files {
            plan.push(Planned {
                path: folder.join(name),
                origin: file
                    .strip_prefix(root)
                    .unwrap_or(file)
                    .display()
                    .to_string(),
                job: Job::Asset(Asset::File(file.clone())),
            });
        }
    }
}

/// A file the author put in `static/` (robots.txt, a 404 page, …) wins
/// over the one trellis would make, with a note. Posts and pages still
/// clash with it, since one of the two would be lost.
pub fn prefer_static(
    plan: &mut Vec<Planned>,
    assets: &BTreeMap<String, Asset>,
    root: &Path,
    notes: &mut Vec<Diagnostic>,
) {
    let theirs = |p: &Planned| match assets.get(&file_key(&p.path)) {
        Some(Asset::File(file))
            if !matches!(p.job, Job::Post(_) | Job::Page(_) | Job::Asset(_)) =>
        {
            Some(file)
        }
        _ => None,
    };
    plan.retain(|p| {
        let Some(file) = theirs(p) else { return true };
        let file = file.strip_prefix(root).unwrap_or(file);
        notes.push(
            Diagnostic::warning(
                "static-file",
                format!("{} takes the place of {}", file.display(), p.origin),
            )
            .hint("this is what you want if you wrote the file yourself; remove it to use the one trellis makes"),
        );
        false
    });
}
