//! Before a build touches anything: refuses an output folder whose
//! replacement would destroy someone's work, and removes what builds that
//! were killed left beside it.

use std::path::Path;

use super::staging::MARKER;
use crate::diag::{Diagnostic, Result};

/// Refuses to replace anything but an empty folder or a folder trellis
/// made (it holds [`MARKER`]), and never the site itself, a folder above
/// it or one of its source folders. Then removes staging folders of
/// builds that were killed.
pub fn guard(root: &Path, target: &Path) -> Result<()> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, target) = (abs(root), abs(target));
    let sources = ["content", "static", "templates", "themes"].map(|d| root.join(d));
    if root.starts_with(&target) || sources.iter().any(|s| target.starts_with(s)) {
        return Err(refuse(&target, "it holds the site's own files").into());
    }
    if target.exists() && !target.is_dir() {
        return Err(refuse(&target, "it is a file, not a folder").into());
    }
    if target.is_dir() {
        if !made_by_trellis(&target) {
            return Err(refuse(&target, "it holds files that trellis did not make").into());
        }
        if std::fs::metadata(&target).is_ok_and(|m| m.permissions().readonly()) {
            return Err(
                Diagnostic::error("output", format!("{} is read-only", target.display()))
                    .hint("make it writable (chmod u+w), or choose another folder with --output")
                    .into(),
            );
        }
    }
    for stale in crate::io::stale_temp_siblings(&target) {
        // Best effort: what cannot be removed now is tried again next time.
        let _ = std::fs::remove_dir_all(stale);
    }
    Ok(())
}

fn refuse(target: &Path, why: &str) -> Diagnostic {
    Diagnostic::error(
        "output",
        format!(
            "will not replace {} with the built site: {why}",
            target.display()
        ),
    )
    .hint("choose an empty folder, a new one, or a previous trellis output, e.g. --output public")
}

/// Empty, marked, or the output of a trellis from before the marker: its
/// `/follow/` page and sitemap are trellis's own.
fn made_by_trellis(dir: &Path) -> bool {
    let empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
    let legacy = ["index.html", "sitemap.xml", "follow/index.html"]
        .iter()
        .all(|f| dir.join(f).is_file());
    empty || legacy || dir.join(MARKER).is_file()
}
