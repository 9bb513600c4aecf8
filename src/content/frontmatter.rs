//! Front matter: split off with a pure function that keeps line numbers,
//! then parsed into a typed [`FrontMatter`]: YAML between `---` lines, or
//! TOML between `+++` lines as Hugo and Zola write it.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, Location, Result};

/// A file cut into its YAML head and Markdown body, with the file line
/// each part starts on, so errors in either point at file lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The head's text, YAML or TOML.
    pub yaml: &'a str,
    /// Fenced with `+++`: the head is TOML.
    pub toml: bool,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not begin with a `---` (or `+++`) line.
    Missing,
    /// The opening `---` has no closing `---`.
    Unclosed,
}

pub fn split(text: &str) -> std::result::Result<Split<'_>, SplitError> {
    let fence = if text.starts_with("+++") {
        "+++"
    } else {
        "---"
    };
    // The opening line is the fence alone; editors leave trailing spaces.
    let first = text.split_inclusive('\n').next().unwrap_or(text);
    if first.trim_end() != fence {
        return Err(SplitError::Missing);
    }
    let start = first.len();
    let rest = &text[start..];
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            let yaml = &text[start..offset];
            let body = &text[offset + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Ok(Split {
                yaml,
                toml: fence == "+++",
                yaml_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

/// Unknown keys are not refused here but reported, all of them, by
/// [`super::keys`].
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    pub title: String,
    /// Checked by [`super::DateValue::parse`] after parsing, so an error can point
    /// at the value itself.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub image_alt: Option<String>,
    #[serde(default)]
    pub cta: Option<bool>,
    #[serde(default)]
    pub toc: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The site's own values, which templates read as `post.extra`.
    #[serde(default = "empty_map")]
    pub extra: serde_json::Value,
}

fn empty_map() -> serde_json::Value {
    serde_json::Value::Object(serde_json::Map::new())
}

/// Parses a TOML head that starts on file line `first_line`.
pub fn from_toml(path: &Path, text: &str, first_line: usize) -> Result<FrontMatter> {
    let error = |message: &str, at: Location| {
        // TOML's own dates are strict; as text, trellis reads more forms.
        let hint = if at.line_text.contains("date") || at.line_text.contains("updated") {
            "put the date in quotes, e.g. date = \"2019-01-04 8:09:26\""
        } else {
            "TOML front matter is `key = \"value\"` lines between two `+++` lines"
        };
        Diagnostic::error("front-matter", message.trim().to_string())
            .at(at)
            .hint(hint)
    };
    let mut table: toml::Table = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        error(
            e.message(),
            Location::in_text(path, text, first_line, span.start, span.len()),
        )
    })?;
    // TOML has its own date type; trellis reads dates from text.
    for (_, value) in table.iter_mut() {
        if let toml::Value::Datetime(d) = &*value {
            *value = toml::Value::String(d.to_string());
        }
    }
    // Serde's message names no key, so the failing one is found by
    // trying each alone; only on this error path, and heads are short.
    toml::Value::Table(table.clone())
        .try_into()
        .map_err(|e: toml::de::Error| {
            let line = failing_key(&table)
                .and_then(|key| text.lines().position(|l| sets(l, key)))
                .unwrap_or(0);
            let at = Location::at_line(path, text, line + 1, 1);
            let at = Location {
                line: first_line + line,
                ..at
            };
            error(e.message(), at).into()
        })
}

fn failing_key(table: &toml::Table) -> Option<&str> {
    let alone = |key: &str, value: &toml::Value| {
        let mut one = toml::Table::new();
        one.insert("title".into(), toml::Value::String(String::new()));
        one.insert(key.into(), value.clone());
        toml::Value::Table(one).try_into::<FrontMatter>().is_err()
    };
    table
        .iter()
        .find(|(key, value)| alone(key, value))
        .map(|(key, _)| key.as_str())
}

/// `line` is `key = …`.
fn sets(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_file_lines() {
        let s = split("---\ntitle: a\ndate: b\n---\nbody\n");
        assert_eq!(
            s,
            Ok(Split {
                yaml: "title: a\ndate: b\n",
                toml: false,
                yaml_line: 2,
                body: "body\n",
                body_line: 5
            })
        );
    }

    #[test]
    fn split_reports_missing_and_unclosed() {
        assert_eq!(split("# hi\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: a\n"), Err(SplitError::Unclosed));
        assert_eq!(split("----\n"), Err(SplitError::Missing));
    }

    #[test]
    fn toml_heads_are_fenced_with_plus_signs() {
        let s = split("+++\ntitle = \"a\"\n+++\nbody\n");
        assert_eq!(
            s.map(|s| (s.toml, s.yaml, s.body_line)),
            Ok((true, "title = \"a\"\n", 4))
        );
        let front = from_toml(
            Path::new("a.md"),
            "title = \"a\"\ndate = 2019-01-04T08:09:26Z\n",
            2,
        );
        assert_eq!(
            front.ok().and_then(|f| f.date).as_deref(),
            Some("2019-01-04T08:09:26Z")
        );
        let e = from_toml(Path::new("a.md"), "title = \"a\"\ntags = 5\n", 2).err();
        let at = e.and_then(|e| e.diagnostics[0].location.clone());
        assert_eq!(
            at.map(|l| (l.line, l.line_text)),
            Some((3, "tags = 5".into()))
        );
        let e = from_toml(Path::new("a.md"), "title = \"a\"\ndate = \n", 2).err();
        let at = e.and_then(|e| e.diagnostics[0].location.clone());
        assert_eq!(at.map(|l| l.line), Some(3));
    }
}
