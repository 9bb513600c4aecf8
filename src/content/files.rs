//! Finding the files under `content/`: Markdown by any of its usual
//! extensions, and every other file, which is either copied beside its
//! post (a bundle: `posts/x/index.md` with `posts/x/photo.jpg`) or named
//! in a warning. No file is skipped without a word.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Document;
use crate::diag::Diagnostic;

/// Jekyll's default is `.markdown`; some editors write `.mdown`.
const MARKDOWN: [&str; 3] = ["md", "markdown", "mdown"];

pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| MARKDOWN.iter().any(|m| x.eq_ignore_ascii_case(m)))
}

/// Hugo's `_index.md` describes a list page, which trellis makes itself.
fn is_hugo_list(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "_index")
}

/// Everything under `root/content`, sorted, with temp files skipped.
pub struct Found {
    pub markdown: Vec<PathBuf>,
    pub other: Vec<PathBuf>,
    /// Folders that cannot be read (errors) and links that lead out of the
    /// site or loop (warnings).
    pub problems: Vec<Diagnostic>,
}

pub fn find(root: &Path) -> Found {
    // Markdown files are read later, which names one that cannot be.
    let walk = crate::io::walk(root, &root.join("content"), is_hidden_or_temp, false);
    let (markdown, other) = walk
        .files
        .into_iter()
        .partition(|p| is_markdown(p) && !is_hugo_list(p));
    Found {
        markdown,
        other,
        problems: walk.problems,
    }
}

/// Every Markdown file under `root/content`, sorted.
pub fn discover(root: &Path) -> Vec<PathBuf> {
    find(root).markdown
}

/// Editor swap/backup files and dotfiles never count as content.
pub fn is_hidden_or_temp(name: &str) -> bool {
    name.starts_with('.') || is_temp(name)
}

/// Swap, backup and lock files editors leave beside the real one.
pub fn is_temp(name: &str) -> bool {
    name.starts_with('#')
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// Gives each bundle its other files and returns a warning for each file
/// that belongs to no bundle. Files of a bundle that is not published (a
/// draft) stay unpublished, without a warning.
pub fn attach(root: &Path, found: &Found, docs: &mut [Document]) -> Vec<Diagnostic> {
    let folder = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
    let bundles: HashSet<PathBuf> = found
        .markdown
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p))
        .filter(|p| is_bundle(p))
        .map(folder)
        .collect();
    let published: HashMap<PathBuf, usize> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| is_bundle(&d.path))
        .map(|(i, d)| (folder(&d.path), i))
        .collect();
    let mut warnings = Vec::new();
    for file in &found.other {
        let rel = file.strip_prefix(root).unwrap_or(file);
        match rel.ancestors().skip(1).find(|a| bundles.contains(*a)) {
            Some(dir) => {
                if let Some(&i) = published.get(dir) {
                    let name = rel.strip_prefix(dir).unwrap_or(rel);
                    let name = name.to_string_lossy().replace('\\', "/");
                    docs[i].files.push((file.clone(), name));
                }
            }
            None => warnings.push(not_copied(rel)),
        }
    }
    warnings
}

/// `index.md` in a folder of its own below `content/` (the home page,
/// `content/index.md`, is not a bundle).
pub fn is_bundle(rel: &Path) -> bool {
    rel.file_stem().is_some_and(|s| s == "index") && rel.components().count() > 2
}

fn not_copied(rel: &Path) -> Diagnostic {
    if is_hugo_list(rel) {
        return Diagnostic::warning(
            "content-file",
            format!("{} is not used: trellis makes the blog and tag lists itself", rel.display()),
        )
        .in_file(rel)
        .hint("move any text you want to keep into a page, or content/index.md for the home page, and remove the file");
    }
    Diagnostic::warning(
        "content-file",
        format!(
            "{} is not part of the site: it is not Markdown and not in a post's own folder",
            rel.display()
        ),
    )
    .in_file(rel)
    .hint(
        "put files a post shows beside it in a folder of its own (content/posts/NAME/index.md \
         and the files next to it), or site-wide files in static/",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_by_any_usual_extension() {
        for name in ["a.md", "a.markdown", "a.mdown", "A.MD"] {
            assert!(is_markdown(Path::new(name)), "{name}");
        }
        assert!(!is_markdown(Path::new("a.jpg")));
        assert!(is_hugo_list(Path::new("content/posts/_index.md")));
    }

    #[test]
    fn bundles_are_index_files_in_their_own_folder() {
        assert!(is_bundle(Path::new("content/posts/x/index.md")));
        assert!(is_bundle(Path::new("content/about/index.markdown")));
        assert!(!is_bundle(Path::new("content/index.md")));
        assert!(!is_bundle(Path::new("content/posts/x.md")));
    }

    #[test]
    fn temp_files_are_skipped() {
        assert!(is_hidden_or_temp(".post.md.swp"));
        assert!(is_hidden_or_temp("post.md~"));
        assert!(!is_hidden_or_temp("post.md"));
    }
}
