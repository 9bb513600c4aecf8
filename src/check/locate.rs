//! Where a value was written, so a finding about the rendered HTML points
//! at the author's own line: the page's Markdown first, then site.yaml and
//! the site's templates and stylesheets.

use std::ops::Range;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::Location;
use crate::markdown::refs::LinkRef;
use crate::site::{Entry, Site};

/// The files besides content that can put a URL on a page.
pub struct Sources {
    files: Vec<(PathBuf, String)>,
}

impl Sources {
    pub fn load(root: &Path, site: &Site) -> Sources {
        let mut files = vec![(
            PathBuf::from(crate::config::FILE_NAME),
            site.config.source.clone(),
        )];
        let theme = root.join("themes").join(&site.config.theme);
        for dir in [root.join("templates"), theme.join("templates")] {
            files.extend(read_all(root, &dir, |_| true));
        }
        for dir in [root.join("static"), theme.join("static")] {
            files.extend(read_all(root, &dir, |p| {
                p.extension().is_some_and(|x| x == "css")
            }));
        }
        Sources { files }
    }

    /// Where `needle` is written: in one of `entries`, else in site.yaml,
    /// a template or a stylesheet.
    pub fn find(&self, entries: &[&Entry], needle: &str) -> Option<Location> {
        entries
            .iter()
            .find_map(|e| in_entry(e, needle))
            .or_else(|| {
                self.files.iter().find_map(|(path, text)| {
                    let at = find_token(text, needle)?;
                    Some(Location::in_text(path, text, 1, at, needle.len()))
                })
            })
    }

    /// Where `needle` is written in the source file shown as `shown`.
    pub fn find_in(&self, shown: &str, needle: &str) -> Option<Location> {
        let (path, text) = self.files.iter().find(|(p, _)| p == Path::new(shown))?;
        let at = find_token(text, needle)?;
        Some(Location::in_text(path, text, 1, at, needle.len()))
    }
}

fn read_all(
    root: &Path,
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
) -> impl Iterator<Item = (PathBuf, String)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(move |e| e.file_type().is_file() && keep(e.path()))
        .filter_map(move |e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let shown = e
                .path()
                .strip_prefix(root)
                .unwrap_or(e.path())
                .to_path_buf();
            Some((shown, text))
        })
}

/// A URL on a page, or an image with its alt text, as the checks look it
/// up in the Markdown.
pub struct Written<'a> {
    pub url: &'a str,
    /// An image's alt text; `None` for a link (or an image found by URL).
    pub alt: Option<&'a str>,
    pub image: bool,
    /// How many times the page showed the same before this one: the same
    /// picture written twice is reported at each place.
    pub nth: usize,
}

impl Sources {
    /// Where `w` is written: the Markdown link or image itself (however the
    /// HTML encoded its URL), else the URL as text in a source, as written
    /// or decoded (`/blog/b/%7D` was written `/blog/b/}`).
    pub fn written(&self, entries: &[&Entry], w: &Written<'_>) -> Option<Location> {
        markdown(entries, w)
            .or_else(|| self.find(entries, w.url))
            .or_else(|| self.find(entries, &super::urls::decode(w.url)))
    }
}

/// The `nth` Markdown link or image to `w.url` in `entries` (the last, when
/// the page shows more than the Markdown has: a template's copy).
fn markdown(entries: &[&Entry], w: &Written<'_>) -> Option<Location> {
    let url = super::urls::decode(w.url);
    let matches: Vec<Location> = entries
        .iter()
        .flat_map(|e| {
            let refs = &e.rendered.refs;
            let list = if w.image { &refs.images } else { &refs.links };
            list.iter()
                .filter(|r| super::urls::decode(&r.dest) == url)
                .filter(|r| w.alt.is_none_or(|alt| r.text.trim() == alt))
                .map(move |r| span(e, url_in(e, r, w.alt.is_none())))
        })
        .collect();
    let last = matches.len().checked_sub(1)?;
    matches.into_iter().nth(w.nth.min(last))
}

/// The URL inside a link's or image's span when the finding is about the
/// URL and it is written there (not in a `[1]: url` definition); else the
/// whole link or image.
fn url_in(entry: &Entry, r: &LinkRef, narrow: bool) -> Range<usize> {
    let text = entry.doc.body.get(r.span.clone()).unwrap_or("");
    match text.rfind(r.dest.as_str()).filter(|_| narrow) {
        Some(i) => r.span.start + i..r.span.start + i + r.dest.len(),
        None => r.span.clone(),
    }
}

/// Where `needle` is written in an entry: its body, then its front matter.
pub fn in_entry(entry: &Entry, needle: &str) -> Option<Location> {
    let doc = &entry.doc;
    if let Some(at) = find_token(&doc.body, needle) {
        return Some(span(entry, at..at + needle.len()));
    }
    let at = find_token(&doc.yaml, needle)?;
    // The front matter starts on line 2, after the opening `---`.
    Some(Location::in_text(&doc.path, &doc.yaml, 2, at, needle.len()))
}

/// A byte range of an entry's body as a file location.
pub fn span(entry: &Entry, span: Range<usize>) -> Location {
    let doc = &entry.doc;
    Location::in_text(&doc.path, &doc.body, doc.body_line, span.start, span.len())
}

/// The first place `needle` stands on its own, not inside a longer word or
/// path (`/about/` is not found in `/about/team/`).
pub fn find_token(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let part = |c: char| c.is_alphanumeric() || "/_-.%".contains(c);
    text.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        let starts = needle.starts_with(part);
        let ends = needle.ends_with(part);
        let joined = (starts && before.is_some_and(part)) || (ends && after.is_some_and(part));
        !joined
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_stand_alone() {
        assert_eq!(
            find_token("[a](/about/team/) [b](/about/)", "/about/"),
            Some(22)
        );
        assert_eq!(find_token("see /x.png.bak", "/x.png"), None);
        assert_eq!(
            find_token("## Getting Started\n", "Getting Started"),
            Some(3)
        );
    }
}
