//! Walking an author's folder (`content/`, `static/`, `templates/`) with
//! nothing dropped in silence: a folder or file that cannot be read is an
//! error naming it (a post in it would otherwise be missing from the site
//! with no word), and a symbolic link that leads out of the site or back
//! into itself is a warning naming it, and is not followed.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::Diagnostic;

/// The files found, and what was wrong on the way.
#[derive(Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    /// Errors (unreadable) and warnings (links), in walk order.
    pub problems: Vec<Diagnostic>,
}

/// Every file under `dir` whose own name and folders' names `skip` does not
/// refuse, sorted. Links are followed while they stay inside `root`.
/// `probe` opens each file, for folders whose files are not read later
/// through [`super::read_source`] (which names an unreadable file itself).
pub fn walk(root: &Path, dir: &Path, skip: impl Fn(&str) -> bool, probe: bool) -> Walk {
    let mut out = Walk::default();
    if !dir.is_dir() {
        return out;
    }
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut it = WalkDir::new(dir).follow_links(true).into_iter();
    while let Some(next) = it.next() {
        let entry = match next {
            Ok(entry) => entry,
            Err(e) => {
                out.problems.push(walk_error(&e, &shown));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && skip(&name) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() && !leads_inside(entry.path(), &inside) {
            out.problems.push(outside(&shown(entry.path())));
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_file() {
            if probe && let Err(e) = std::fs::File::open(entry.path()) {
                out.problems
                    .push(unreadable(&shown(entry.path()), &e.to_string()));
                continue;
            }
            out.files.push(entry.into_path());
        }
    }
    out.files.sort();
    out
}

fn leads_inside(link: &Path, inside: &Path) -> bool {
    std::fs::canonicalize(link).is_ok_and(|target| target.starts_with(inside))
}

fn walk_error(e: &walkdir::Error, shown: &impl Fn(&Path) -> PathBuf) -> Diagnostic {
    let at = e.path().unwrap_or(Path::new("."));
    let dangling = at.is_symlink() && !at.exists();
    let reason = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    let ancestor = e.loop_ancestor().map(shown);
    problem(&shown(at), ancestor.as_deref(), dangling, &reason)
}

/// What a walk error means to the author: a link that loops or leads
/// nowhere (a warning: nothing of the site is in it), else a folder that
/// cannot be read (an error: the posts in it would be missing).
fn problem(path: &Path, loop_to: Option<&Path>, dangling: bool, reason: &str) -> Diagnostic {
    match loop_to {
        Some(ancestor) => Diagnostic::warning(
            "link",
            format!(
                "{} is a link back to {}, a folder that holds it; it is skipped",
                path.display(),
                ancestor.display()
            ),
        )
        .in_file(path)
        .hint("remove the link, or point it at a folder that does not hold it"),
        None if dangling => outside(path),
        None => unreadable(path, reason),
    }
}

fn unreadable(path: &Path, reason: &str) -> Diagnostic {
    Diagnostic::error("io", format!("could not read {}: {reason}", path.display()))
        .in_file(path)
        .hint("give your user permission to read it (e.g. chmod -R u+rX on it), or move it out of the site")
}

fn outside(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        "link",
        format!(
            "{} is a link that leads out of the site's folder (or nowhere); it is skipped",
            path.display()
        ),
    )
    .in_file(path)
    .hint("copy the file or folder into the site instead of linking to it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    /// What a folder that cannot be read comes to, without needing one
    /// (tests run as root in CI, where permissions stop no read).
    #[test]
    fn an_unreadable_folder_is_an_error_naming_it() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let d = problem(
            Path::new("content/posts/private"),
            None,
            false,
            &denied.to_string(),
        );
        assert_eq!(d.severity, Severity::Error);
        assert!(
            d.message
                .starts_with("could not read content/posts/private: "),
            "{}",
            d.message
        );
        let looped = problem(
            Path::new("content/a/loop"),
            Some(Path::new("content")),
            false,
            "",
        );
        assert_eq!(looped.severity, Severity::Warning);
    }

    /// Run as any user: a link out of the root, a loop, and a broken link,
    /// each named; the plain file found.
    #[cfg(unix)]
    #[test]
    fn links_out_loops_and_dangling_links_are_named() {
        use std::os::unix::fs::symlink;
        let Ok(tmp) = tempfile::tempdir() else {
            return;
        };
        let root = tmp.path().join("site");
        let dir = root.join("content");
        let made = std::fs::create_dir_all(dir.join("posts"))
            .and_then(|()| std::fs::write(dir.join("posts/a.md"), "a"))
            .and_then(|()| std::fs::write(tmp.path().join("secret"), "s"))
            .and_then(|()| symlink(tmp.path().join("secret"), dir.join("out.md")))
            .and_then(|()| symlink(&dir, dir.join("posts/loop")))
            .and_then(|()| symlink(dir.join("gone"), dir.join("dangling.md")));
        assert!(made.is_ok(), "{made:?}");
        let w = walk(&root, &dir, |_| false, true);
        assert_eq!(w.files, [dir.join("posts/a.md")]);
        let said: Vec<String> = w.problems.iter().map(|d| d.message.clone()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        for name in [
            "content/out.md",
            "content/posts/loop",
            "content/dangling.md",
        ] {
            assert!(said.iter().any(|m| m.contains(name)), "{name} in {said:?}");
        }
    }
}
