//! Walks `content/`, reads each Markdown file, parses its front matter and
//! returns [`Document`]s: posts and pages with slugs and dates resolved and
//! drafts and future posts left out unless asked for.

mod controls;
pub mod dates;
mod files;
pub mod frontmatter;
mod keys;

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use rayon::prelude::*;

use crate::diag::{self, Diagnostic, Location, Result, Severity};
pub use dates::DateValue;
pub use files::{
    Found, attach, discover, find, is_bundle, is_hidden_or_temp, is_markdown, is_temp,
};
pub use frontmatter::FrontMatter;

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
    /// The head is TOML (`key = value`), not YAML.
    pub toml: bool,
    /// What the author should know but need not fix, e.g. a `layout` key.
    pub warnings: Vec<Diagnostic>,
    /// A bundle's other files (`posts/x/index.md` with `posts/x/a.jpg`):
    /// each file on disk and its name relative to the bundle's folder.
    pub files: Vec<(PathBuf, String)>,
}

impl Document {
    /// The file location of `key:` in the front matter (line 1 if absent).
    pub fn key_location(&self, key: &str) -> Location {
        let is_key = |l: &str| {
            let rest = l.strip_prefix(key).unwrap_or("!");
            let sep = if self.toml { '=' } else { ':' };
            rest.trim_start().starts_with(sep)
        };
        let line = self.yaml.lines().position(is_key).map_or(1, |i| i + 2);
        let fence = if self.toml { "+++" } else { "---" };
        let text = format!("{fence}\n{}", self.yaml);
        Location::at_line(&self.path, &text, line, 1)
    }
}

pub struct Options<'a> {
    pub drafts: bool,
    pub now: jiff::Timestamp,
    pub tz: &'a TimeZone,
}

/// Loads every file in parallel and reports every broken one at once.
pub fn load(root: &Path, files: &[PathBuf], opts: &Options<'_>) -> Result<Vec<Document>> {
    let results: Vec<Result<Option<Document>>> = files
        .par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|f| load_one(root, f, opts))
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(doc) => docs.extend(doc),
            Err(e) => errors.extend(e.diagnostics),
        }
    }
    if errors.is_empty() {
        return Ok(docs);
    }
    // The other files' warnings come with the errors, so one run names
    // every unknown key of every file.
    errors.extend(docs.into_iter().flat_map(|d| d.warnings));
    Err(diag::Error::many(errors))
}

fn load_one(root: &Path, file: &Path, opts: &Options<'_>) -> Result<Option<Document>> {
    let rel = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let mut text = crate::io::read_source(file, &rel)?;
    let removed = crate::io::strip_controls(&mut text, &rel);
    let mut doc = parse(&rel, &text, opts.tz)?;
    doc.warnings.splice(0..0, removed);
    let published = opts.drafts
        || (!doc.front.draft && doc.date.as_ref().is_none_or(|d| d.timestamp() <= opts.now));
    Ok(published.then_some(doc))
}

/// Parses one file's text; `path` is relative to the site root. Every
/// problem the file has comes back at once, warnings included.
pub fn parse(path: &Path, text: &str, tz: &TimeZone) -> Result<Document> {
    let split = frontmatter::split(text).map_err(|e| split_error(path, text, e))?;
    let head = keys::Head {
        path,
        text: split.yaml,
        first_line: split.yaml_line,
        toml: split.toml,
    };
    let mut notes = keys::unknown(&head);
    let mut front = match front_matter(&head, text) {
        Ok(front) => front,
        Err(mut e) => {
            e.diagnostics.extend(notes);
            return Err(e);
        }
    };
    let escaped = controls::scrub(&mut front);
    let place = classify(path);
    let mut doc = Document {
        kind: place.kind,
        path: path.to_path_buf(),
        slug: String::new(),
        section: place.section,
        date: None,
        updated: None,
        yaml: split.yaml.to_string(),
        body: split.body.to_string(),
        body_line: split.body_line,
        toml: split.toml,
        warnings: Vec::new(),
        files: Vec::new(),
        front,
    };
    notes.extend(controls::warnings(&doc, &escaped));
    doc.slug = slug_of(&doc, &place.name).unwrap_or_else(|e| {
        notes.extend(e.diagnostics);
        String::new()
    });
    set_dates(&mut doc, &place.name, tz, &mut notes);
    if notes.iter().any(|d| d.severity == Severity::Error) {
        return Err(diag::Error::many(notes));
    }
    doc.warnings = notes;
    Ok(doc)
}

/// `date` and `updated`, or the date of a `YYYY-MM-DD-` name; a broken
/// or missing one becomes a note beside the file's other problems.
fn set_dates(doc: &mut Document, name: &str, tz: &TimeZone, notes: &mut Vec<Diagnostic>) {
    let mut date = |key, value: Option<&str>| {
        date_of(doc, key, value, tz).unwrap_or_else(|e| {
            notes.extend(e.diagnostics);
            None
        })
    };
    let (written, updated) = (
        date("date", doc.front.date.as_deref()),
        date("updated", doc.front.updated.as_deref()),
    );
    doc.updated = updated;
    doc.date = written.or_else(|| dates::from_name(name).map(|d| DateValue::Day(d).resolve(tz)));
    if doc.kind == Kind::Post && doc.date.is_none() && doc.front.date.is_none() {
        notes.push(
            Diagnostic::error("front-matter", "a post needs a `date`")
                .at(doc.key_location("title"))
                .hint(
                    "add a line such as `date: 2026-03-14` to the front matter, \
                     or start the file name with the date: 2026-03-14-title.md",
                ),
        );
    }
}

/// The typed head, YAML or TOML, with errors shown at the file's lines.
fn front_matter(head: &keys::Head<'_>, text: &str) -> Result<FrontMatter> {
    if head.toml {
        return frontmatter::from_toml(head.path, head.text, head.first_line);
    }
    let src = crate::yaml::Source {
        path: head.path,
        text: head.text,
        first_line: head.first_line,
    };
    crate::yaml::parse(&src, "front-matter").map_err(|mut e| {
        // Point at the file's own lines so the snippet shows what the author sees.
        for d in &mut e.diagnostics {
            if let Some(l) = &mut d.location {
                l.line_text = text.lines().nth(l.line - 1).unwrap_or("").to_string();
            }
        }
        e
    })
}

fn split_error(path: &Path, text: &str, e: frontmatter::SplitError) -> diag::Error {
    let (message, hint) = match e {
        frontmatter::SplitError::Missing => (
            "this file has no front matter",
            "start the file with a `---` line, then `title: \"...\"`, then another `---` line \
             (or TOML between two `+++` lines)",
        ),
        frontmatter::SplitError::Unclosed => (
            "the front matter is never closed",
            "add a line with just `---` (`+++` for TOML) after the last front matter line",
        ),
    };
    Diagnostic::error("front-matter", message)
        .at(Location::at_line(path, text, 1, 1))
        .hint(hint)
        .into()
}

/// Where a file sits: its kind, the folders that make its section, and
/// the name its slug and date come from (a bundle's folder name).
struct Place {
    kind: Kind,
    section: Vec<String>,
    name: String,
}

fn classify(path: &Path) -> Place {
    let mut parts: Vec<String> = path
        .iter()
        .skip(1) // "content"
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parts.pop();
    if files::is_bundle(path) {
        // posts/x/index.md is the post `x`, with its files beside it.
        let name = parts.pop().unwrap_or(stem);
        return place(parts, name);
    }
    if parts.is_empty() && stem == "index" {
        return Place {
            kind: Kind::Home,
            section: Vec::new(),
            name: stem,
        };
    }
    place(parts, stem)
}

fn place(mut folders: Vec<String>, name: String) -> Place {
    if folders.first().is_some_and(|f| f == "posts") {
        folders.remove(0);
        return Place {
            kind: Kind::Post,
            section: folders,
            name,
        };
    }
    Place {
        kind: Kind::Page,
        section: folders,
        name,
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
        Ok(d) => Ok(Some(d.resolve(tz))),
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

/// The front matter's `slug`, else the file (or bundle folder) name minus
/// any `YYYY-MM-DD-`.
fn slug_of(doc: &Document, name: &str) -> Result<String> {
    if let Some(slug) = &doc.front.slug {
        return check_slug(doc, slug).map(|()| slug.clone());
    }
    let undated = if dates::from_name(name).is_some() {
        &name[11..]
    } else {
        name
    };
    Ok(slug::slugify(undated))
}

/// A slug written in front matter is one path segment of letters (in any
/// script), digits, `-`, `_`, `.` and `~`. Anything else is refused rather
/// than encoded: `?`, `#` and `%` mean something in a URL, spaces and
/// quotes need encoding that authors then have to type in their own links,
/// and a slug exists to be a readable address.
fn check_slug(doc: &Document, slug: &str) -> Result<()> {
    let plain = |c: char| c.is_alphanumeric() || "-_.~".contains(c);
    let message =
        if slug.is_empty() || slug == "." || slug.contains("..") || slug.contains(['/', '\\']) {
            format!("the slug `{slug}` would put the page outside its folder")
        } else if let Some(c) = slug.chars().find(|&c| !plain(c)) {
            format!("the slug `{slug}` holds `{c}`, which a web address cannot carry as written")
        } else {
            return Ok(());
        };
    let suggestion = slug::slugify(slug);
    let hint = if suggestion.is_empty() {
        "a slug is one word or words-joined-by-hyphens, e.g. slug: managing-anxiety".to_string()
    } else {
        format!("a slug is one word or words-joined-by-hyphens: write slug: {suggestion}")
    };
    Err(Diagnostic::error("slug", message)
        .at(doc.key_location("slug"))
        .hint(hint)
        .into())
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
    fn dates_come_from_the_file_name_and_bundles_from_their_folder() {
        let d = doc(
            "content/posts/2019-01-04-calm/index.markdown",
            "---\ntitle: x\n---\n",
        );
        let d = d
            .map(|d| (d.slug, d.date.map(|z| z.date().to_string())))
            .ok();
        assert_eq!(d, Some(("calm".into(), Some("2019-01-04".into()))));
    }

    #[test]
    fn every_problem_of_a_file_at_once() {
        let e = doc(
            "content/posts/a.md",
            "---\ntitle: x\ntitel: y\ndate: soon\nlayout: post\n---\n",
        );
        let lines: Vec<usize> = e
            .err()
            .map(|e| {
                e.diagnostics
                    .iter()
                    .filter_map(|d| d.location.as_ref().map(|l| l.line))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(lines, [3, 5, 4]);
    }
}
