//! The one error type. Every user-caused failure becomes a [`Diagnostic`]
//! that knows the file, line and column, the offending line and a hint, and
//! is rendered once, at the edge (`main`, `check`, the serve overlay).

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. `line` and `column` are 1-based; the column
/// counts characters, as editors do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Length of the highlighted span, in characters (at least 1).
    pub len: usize,
    pub line_text: String,
}

impl Location {
    /// The location of byte `offset` (length `len` bytes) in `text`, which
    /// starts at file line `first_line`.
    pub fn in_text(path: &Path, text: &str, first_line: usize, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line_text = &text[line_start..line_end];
        let end = floor_char_boundary(text, (offset + len).min(line_end));
        Location {
            path: path.to_path_buf(),
            line: first_line + text[..line_start].matches('\n').count(),
            column: text[line_start..offset].chars().count() + 1,
            len: text[offset..end].chars().count().max(1),
            line_text: line_text.to_string(),
        }
    }

    /// A location given by line and column (1-based) within `text`.
    pub fn at_line(path: &Path, text: &str, line: usize, column: usize) -> Self {
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        Location {
            path: path.to_path_buf(),
            line,
            column: column.max(1),
            len: 1,
            line_text: line_text.to_string(),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the rule or failure, e.g. `front-matter`.
    pub rule: &'static str,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
    /// Text another tool already formatted (Tera prints its own snippets).
    pub detail: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule,
            message: message.into(),
            location: None,
            hint: None,
            detail: None,
        }
    }

    pub fn warning(rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(rule, message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Names a file without a line (a file that cannot be read, say).
    pub fn in_file(mut self, path: &Path) -> Self {
        self.location = Some(Location {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            len: 0,
            line_text: String::new(),
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Renders rustc-style: title, `--> file:line:col`, the line with a
    /// caret, then the hint.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path;
        let title = level.primary_title(self.message.as_str()).id(self.rule);
        let mut group = match &self.location {
            Some(loc) if loc.line > 0 => {
                path = loc.path.display().to_string();
                let start = byte_of_column(&loc.line_text, loc.column);
                let end = byte_of_column(&loc.line_text, loc.column + loc.len).max(start);
                let snippet = Snippet::source(loc.line_text.as_str())
                    .line_start(loc.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end));
                title.element(snippet)
            }
            Some(loc) => {
                path = loc.path.display().to_string();
                title.element(Level::NOTE.message(format!("in {path}")))
            }
            None => Group::with_title(title),
        };
        if let Some(detail) = &self.detail {
            group = group.element(Level::NOTE.message(detail.as_str()));
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// `file:line:col: severity: message` on one line, for `check` and editors.
    pub fn one_line(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(l) if l.line > 0 => format!(
                "{}:{}:{}: {severity}: {} [{}]",
                l.path.display(),
                l.line,
                l.column,
                self.message,
                self.rule
            ),
            Some(l) => format!(
                "{}: {severity}: {} [{}]",
                l.path.display(),
                self.message,
                self.rule
            ),
            None => format!("{severity}: {} [{}]", self.message, self.rule),
        }
    }
}

fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// What every stage returns on failure: one or more diagnostics, all errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub fn many(diagnostics: Vec<Diagnostic>) -> Self {
        Error { diagnostics }
    }

    /// An I/O failure on a path we chose (output folder, staging), not on
    /// something the author wrote.
    pub fn io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        Diagnostic::error(
            "io",
            format!("could not {action} {}: {err}", path.display()),
        )
        .into()
    }

    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(color));
            out.push_str("\n\n");
        }
        out
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error {
            diagnostics: vec![d],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// "1 warning", "2 warnings": a count in a message.
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Runs `f` over every item and gathers all failures, so one build reports
/// every broken file at once instead of the first.
pub fn collect<T, U>(items: Vec<T>, f: impl Fn(T) -> Result<U>) -> Result<Vec<U>> {
    let mut ok = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for item in items {
        match f(item) {
            Ok(u) => ok.push(u),
            Err(e) => errors.extend(e.diagnostics),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(Error::many(errors))
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a: 1\ntitle: Grüße: x\n";
        let offset = text.find(": x").unwrap_or(0);
        let loc = Location::in_text(Path::new("p.md"), text, 3, offset, 1);
        assert_eq!((loc.line, loc.column), (4, 13));
        assert_eq!(loc.line_text, "title: Grüße: x");
    }

    #[test]
    fn renders_path_line_and_hint() {
        let text = "title: a: b";
        let d = Diagnostic::error("front-matter", "bad yaml")
            .at(Location::in_text(Path::new("content/x.md"), text, 2, 8, 1))
            .hint("quote the title");
        let out = d.render(false);
        assert!(out.contains("content/x.md:2:9"), "{out}");
        assert!(out.contains("title: a: b"), "{out}");
        assert!(out.contains("quote the title"), "{out}");
        assert_eq!(
            d.one_line(),
            "content/x.md:2:9: error: bad yaml [front-matter]"
        );
    }
}
