//! Markdown files of another generator: front matter in YAML (`---`), TOML
//! (`+++`) or JSON (`{`), read into one JSON value, then mapped to the keys
//! trellis knows. Keys that have no place are named in the report.

use std::path::Path;

use jiff::tz::TimeZone;
use serde_json::{Map, Value};

use super::{Front, Report, dates, front};
use crate::content::frontmatter::{self, SplitError};
use crate::diag::{Diagnostic, Location, Result};

/// A source file cut into its front matter and body.
pub struct Raw {
    pub values: Map<String, Value>,
    pub body: String,
}

/// Reads a source file (`src`, relative to the old site's `root`) and
/// maps its front matter: the raw values, trellis's, and the keys dropped.
pub fn read(root: &Path, src: &Path, mapping: &Mapping<'_>) -> Result<(Raw, Front, Vec<String>)> {
    let text = crate::io::read_source(&root.join(src), src)?;
    let raw = split(&text, src)?;
    let (front, dropped) = map(&raw.values, mapping);
    Ok((raw, front, dropped))
}

/// The front matter of a source file: between `---` (YAML) or `+++`
/// (TOML) lines, cut as a post's is, or a JSON object opening the file.
pub fn split(text: &str, path: &Path) -> Result<Raw> {
    if text.starts_with('{') {
        return json(text, path);
    }
    match frontmatter::split(text) {
        Ok(cut) => {
            let format = if cut.toml { Format::Toml } else { Format::Yaml };
            Ok(Raw {
                values: parse(format, cut.yaml, path)?,
                body: cut.body.to_string(),
            })
        }
        Err(SplitError::Missing) => Ok(Raw {
            values: Map::new(),
            body: text.to_string(),
        }),
        Err(SplitError::Unclosed) => {
            let fence = if text.starts_with("+++") {
                "+++"
            } else {
                "---"
            };
            Err(
                Diagnostic::error("import", "the front matter is never closed")
                    .at(Location::at_line(path, text, 1, 1))
                    .hint(format!(
                        "add a line with just `{fence}` after the front matter"
                    ))
                    .into(),
            )
        }
    }
}

#[derive(Clone, Copy)]
enum Format {
    Yaml,
    Toml,
}

fn parse(format: Format, head: &str, path: &Path) -> Result<Map<String, Value>> {
    if head.trim().is_empty() {
        return Ok(Map::new());
    }
    let value = match format {
        Format::Yaml => {
            let src = crate::yaml::Source {
                path,
                text: head,
                first_line: 2,
            };
            crate::yaml::parse::<Value>(&src, "front-matter")?
        }
        Format::Toml => {
            let table: toml::Table = toml::from_str(head).map_err(|e| {
                let line = e
                    .span()
                    .map_or(0, |s| head[..s.start.min(head.len())].matches('\n').count());
                Diagnostic::error(
                    "import",
                    format!("this TOML front matter does not parse: {}", e.message()),
                )
                .at(Location::at_line(
                    path,
                    &format!("+++\n{head}"),
                    line + 2,
                    1,
                ))
            })?;
            toml_to_json(toml::Value::Table(table))
        }
    };
    Ok(match value {
        Value::Object(map) => map,
        _ => Map::new(),
    })
}

fn json(text: &str, path: &Path) -> Result<Raw> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(Value::Object(values))) => {
            let body = text[stream.byte_offset()..].to_string();
            Ok(Raw { values, body })
        }
        Some(Err(e)) => Err(Diagnostic::error(
            "import",
            format!("this JSON front matter does not parse: {e}"),
        )
        .at(Location::at_line(
            path,
            text,
            e.line().max(1),
            e.column().max(1),
        ))
        .into()),
        _ => Ok(Raw {
            values: Map::new(),
            body: text.to_string(),
        }),
    }
}

/// TOML values as JSON ones; dates become the text they were written as.
pub fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// A value as text: strings as they are, numbers and booleans written out.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list, or a single value, or (Jekyll) words separated by spaces.
pub fn list(v: &Value, split_words: bool) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(text).collect(),
        Value::String(s) if split_words => s.split_whitespace().map(str::to_string).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// Keys every generator's posts carry that trellis does not need, or
/// that the importer reads itself: dropped without a report line.
const QUIET: [&str; 7] = [
    "layout", "type", "weight", "comments", "share", "menu", "output",
];

/// What mapping a file's values needs to know.
pub struct Mapping<'a> {
    pub tz: &'a TimeZone,
    /// Jekyll allows `tags: a b c`.
    pub split_words: bool,
}

/// Maps the values trellis knows; returns the keys it had to drop.
pub fn map(values: &Map<String, Value>, m: &Mapping<'_>) -> (Front, Vec<String>) {
    let mut f = Front::default();
    let mut dropped = Vec::new();
    for (key, v) in values {
        match key.to_ascii_lowercase().as_str() {
            "title" => f.title = text(v).unwrap_or_default().trim().to_string(),
            "date" => f.date = text(v).and_then(|d| dates::normalise(&d, m.tz)),
            "lastmod" | "updated" | "last_modified_at" | "modified" => {
                f.updated = text(v).and_then(|d| dates::normalise(&d, m.tz));
            }
            "description" => f.description = text(v).and_then(|d| front::description(&d)),
            "excerpt" | "summary" if f.description.is_none() => {
                f.description = text(v).and_then(|d| front::description(&d));
            }
            "tags" | "categories" | "category" | "keywords" => f.add_tags(list(v, m.split_words)),
            "draft" => f.draft |= v.as_bool() == Some(true),
            "published" => f.draft |= v.as_bool() == Some(false),
            "slug" => f.slug = text(v).map(slug::slugify).filter(|s| !s.is_empty()),
            "author" | "authors" => f.author = author(v),
            "image_alt" => f.image_alt = text(v),
            "toc" => f.toc = v.as_bool() == Some(true),
            "aliases" | "redirect_from" => {
                for a in list(v, false) {
                    f.add_alias(a);
                }
            }
            // The importer reads these itself (old URLs, images).
            "permalink" | "url" | "image" | "featured_image" | "cover" => {}
            k if QUIET.contains(&k) => {}
            _ => dropped.push(key.clone()),
        }
    }
    (f, dropped)
}

/// An author as a name, a `{name: …}` map, or a list of either.
pub fn author(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(author).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(text),
        other => text(other),
    }
}

/// One report line for the keys a file lost.
pub fn report_dropped(report: &mut Report, rel: &Path, dropped: &[String]) {
    if !dropped.is_empty() {
        report.note(
            rel,
            Some("title:"),
            format!(
                "front matter keys trellis has no place for were dropped: {}",
                dropped.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_formats_one_mapping() {
        let m = Mapping {
            tz: &TimeZone::UTC,
            split_words: true,
        };
        for text in [
            "---\ntitle: A\ndate: 2019-09-27 12:00:00 -0500\ntags: x y\nlayout: post\nfoo: 1\n---\nBody\n",
            "+++\ntitle = \"A\"\ndate = 2019-09-27T12:00:00-05:00\ntags = [\"x\", \"y\"]\nfoo = 1\n+++\nBody\n",
            "{\"title\": \"A\", \"date\": \"2019-09-27T17:00:00Z\", \"tags\": [\"x\", \"y\"], \"foo\": 1}\nBody\n",
        ] {
            let raw = split(text, Path::new("a.md")).unwrap_or_else(|e| panic!("{e}"));
            let (f, dropped) = map(&raw.values, &m);
            assert_eq!(f.title, "A");
            assert_eq!(f.date.as_deref(), Some("2019-09-27T17:00:00Z"), "{text}");
            assert_eq!(f.tags, ["x", "y"]);
            assert_eq!(dropped, ["foo"]);
            assert_eq!(raw.body.trim(), "Body");
        }
    }

    #[test]
    fn broken_front_matter_is_located() {
        let e = split("+++\ntitle = \"A\"\ndate = = 1\n+++\n", Path::new("a.md")).err();
        let line = e.and_then(|e| e.diagnostics[0].location.as_ref().map(|l| l.line));
        assert_eq!(line, Some(3));
    }
}
