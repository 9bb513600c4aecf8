//! Walks `content/`, reads each Markdown file, parses its front matter and
//! returns [`Document`]s: posts and pages with slugs and dates resolved and
//! drafts and future posts left out unless asked for.

pub mod frontmatter;

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{self, Diagnostic, Location, Result};
pub use frontmatter::{DateValue, FrontMatter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
    /// `content/index.md`: the practice's introduction on the home page.
    Home,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    /// Relative to the site root, as messages show it.
    pub path: PathBuf,
    pub front: FrontMatter,
    pub slug: String,
    /// Folders between `content/` (or `content/posts/`) and the file.
    pub section: Vec<String>,
    pub date: Option<ZonedDateTime>,
    pub updated: Option<ZonedDateTime>,
    /// The front matter as written, for locating keys in messages.
    pub yaml: String,
    pub body: String,
    pub body_line: usize,
}

impl Document {
    /// The file location of `key:` in the front matter (line 1 if absent).
    pub fn key_location(&self, key: &str) -> Location {
        let needle = format!("{key}:");
        let line = self
            .yaml
            .lines()
            .position(|l| l.starts_with(&needle))
            .map_or(1, |i| i + 2);
        let text = format!("---\n{}", self.yaml);
        Location::at_line(&self.path, &text, line, 1)
    }
}

pub struct Options<'a> {
    pub drafts: bool,
    pub now: jiff::Timestamp,
    pub tz: &'a TimeZone,
}

/// Every Markdown file under `root/content`, sorted, with temp files skipped.
pub fn discover(root: &Path) -> Vec<PathBuf> {
    let dir = root.join("content");
    let mut files: Vec<PathBuf> = WalkDir::new(&dir)
        .into_iter()
        .filter_entry(|e| !is_hidden_or_temp(e.file_name().to_string_lossy().as_ref()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
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

/// Loads every file in parallel and reports every broken one at once.
pub fn load(root: &Path, files: &[PathBuf], opts: &Options<'_>) -> Result<Vec<Document>> {
    let results: Vec<Result<Option<Document>>> = files
        .par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|f| load_one(root, f, opts))
        .collect();
    let docs = diag::collect(results, |r| r)?;
    Ok(docs.into_iter().flatten().collect())
}

fn load_one(root: &Path, file: &Path, opts: &Options<'_>) -> Result<Option<Document>> {
    let rel = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let text = crate::io::read_source(file, &rel)?;
    let doc = parse(&rel, &text, opts.tz)?;
    let published = opts.drafts
        || (!doc.front.draft && doc.date.as_ref().is_none_or(|d| d.timestamp() <= opts.now));
    Ok(published.then_some(doc))
}

/// Parses one file's text; `path` is relative to the site root.
pub fn parse(path: &Path, text: &str, tz: &TimeZone) -> Result<Document> {
    let split = frontmatter::split(text).map_err(|e| split_error(path, text, e))?;
    let src = crate::yaml::Source {
        path,
        text: split.yaml,
        first_line: split.yaml_line,
    };
    let front: FrontMatter = crate::yaml::parse(&src, "front-matter").map_err(|mut e| {
        // Point at the file's own lines so the snippet shows what the author sees.
        for d in &mut e.diagnostics {
            if let Some(l) = &mut d.location {
                l.line_text = text.lines().nth(l.line - 1).unwrap_or("").to_string();
            }
        }
        e
    })?;
    let (kind, section) = classify(path);
    let mut doc = Document {
        kind,
        path: path.to_path_buf(),
        slug: String::new(),
        section,
        date: None,
        updated: None,
        yaml: split.yaml.to_string(),
        body: split.body.to_string(),
        body_line: split.body_line,
        front,
    };
    doc.slug = slug_of(&doc)?;
    doc.date = date_of(&doc, "date", doc.front.date.as_deref(), tz)?;
    doc.updated = date_of(&doc, "updated", doc.front.updated.as_deref(), tz)?;
    if doc.kind == Kind::Post && doc.date.is_none() {
        return Err(Diagnostic::error("front-matter", "a post needs a `date`")
            .at(doc.key_location("title"))
            .hint("add a line such as `date: 2026-03-14` to the front matter")
            .into());
    }
    Ok(doc)
}

fn split_error(path: &Path, text: &str, e: frontmatter::SplitError) -> diag::Error {
    let (message, hint) = match e {
        frontmatter::SplitError::Missing => (
            "this file has no front matter",
            "start the file with a `---` line, then `title: \"...\"`, then another `---` line",
        ),
        frontmatter::SplitError::Unclosed => (
            "the front matter is never closed",
            "add a line with just `---` after the last front matter line",
        ),
    };
    Diagnostic::error("front-matter", message)
        .at(Location::at_line(path, text, 1, 1))
        .hint(hint)
        .into()
}

fn classify(path: &Path) -> (Kind, Vec<String>) {
    let parts: Vec<String> = path
        .iter()
        .skip(1) // "content"
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let folders = &parts[..parts.len().saturating_sub(1)];
    match folders.first().map(String::as_str) {
        Some("posts") => (Kind::Post, folders[1..].to_vec()),
        None if parts.last().is_some_and(|f| f == "index.md") => (Kind::Home, Vec::new()),
        _ => (Kind::Page, folders.to_vec()),
    }
}

fn date_of(
    doc: &Document,
    key: &str,
    value: Option<&str>,
    tz: &TimeZone,
) -> Result<Option<ZonedDateTime>> {
    let Some(value) = value else { return Ok(None) };
    match DateValue::parse(value) {
        Ok(d) => Ok(Some(resolve(d, tz))),
        Err(message) => {
            let mut at = doc.key_location(key);
            at.column = at
                .line_text
                .find(value.trim())
                .map_or(1, |i| at.line_text[..i].chars().count() + 1);
            at.len = value.trim().chars().count();
            Err(Diagnostic::error("front-matter", message)
                .at(at)
                .hint(DateValue::HINT)
                .into())
        }
    }
}

fn resolve(date: DateValue, tz: &TimeZone) -> ZonedDateTime {
    match date {
        DateValue::Instant(ts) => ts.to_zoned_datetime(tz.clone()),
        DateValue::Day(day) => day
            .to_zoned_datetime(tz.clone())
            .unwrap_or_else(|_| day.to_zoned_datetime(TimeZone::UTC).unwrap_or_default()),
    }
}

/// The front matter's `slug`, else the file name minus any `YYYY-MM-DD-`.
fn slug_of(doc: &Document) -> Result<String> {
    if let Some(slug) = &doc.front.slug {
        let clean = !slug.is_empty()
            && !slug.contains(['/', '\\', '\0'])
            && slug != "."
            && !slug.contains("..");
        if !clean {
            return Err(Diagnostic::error(
                "slug",
                format!("the slug `{slug}` would put the page outside its folder"),
            )
            .at(doc.key_location("slug"))
            .hint("a slug is one word or words-joined-by-hyphens, e.g. slug: managing-anxiety")
            .into());
        }
        return Ok(slug.clone());
    }
    let stem = doc
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(slug::slugify(strip_date_prefix(&stem)))
}

fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[10] == b'-'
        && stem
            .get(..10)
            .is_some_and(|d| d.parse::<jiff::civil::Date>().is_ok());
    if dated { &stem[11..] } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Result<Document> {
        parse(Path::new(path), text, &TimeZone::UTC)
    }

    #[test]
    fn slug_drops_the_date_prefix() {
        let d = doc(
            "content/posts/2026-03-14-Hello World.md",
            "---\ntitle: x\ndate: 2026-03-14\n---\n",
        );
        assert_eq!(
            d.map(|d| (d.slug, d.kind)).ok(),
            Some(("hello-world".into(), Kind::Post))
        );
    }

    #[test]
    fn escaping_slug_points_at_its_line() {
        let e = doc("content/about.md", "---\ntitle: x\nslug: ../../etc\n---\n").err();
        let line = e
            .and_then(|e| e.diagnostics[0].location.clone())
            .map(|l| l.line);
        assert_eq!(line, Some(3));
    }

    #[test]
    fn yaml_errors_point_at_file_lines() {
        let e = doc("content/about.md", "---\ntitle: x\ndate: 2026-13-01\n---\n").err();
        let loc = e.and_then(|e| e.diagnostics[0].location.clone());
        assert_eq!(loc.as_ref().map(|l| l.line), Some(3));
        assert_eq!(loc.map(|l| l.line_text), Some("date: 2026-13-01".into()));
    }

    #[test]
    fn posts_need_dates() {
        assert!(doc("content/posts/a.md", "---\ntitle: x\n---\n").is_err());
        assert!(doc("content/a.md", "---\ntitle: x\n---\n").is_ok());
    }

    #[test]
    fn temp_files_are_skipped() {
        assert!(is_hidden_or_temp(".post.md.swp"));
        assert!(is_hidden_or_temp("post.md~"));
        assert!(!is_hidden_or_temp("post.md"));
    }
}
