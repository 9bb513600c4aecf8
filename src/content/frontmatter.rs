//! Front matter: split off with a pure function that keeps line numbers,
//! then parsed into a typed [`FrontMatter`].

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;

/// A file cut into its YAML head and Markdown body, with the file line
/// each part starts on, so errors in either point at file lines.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not begin with a `---` line.
    Missing,
    /// The opening `---` has no closing `---`.
    Unclosed,
}

pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let rest = match text.strip_prefix("---") {
        Some(rest) if rest.starts_with('\n') || rest.trim().is_empty() => rest,
        _ => return Err(SplitError::Missing),
    };
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    let start = text.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &text[start..offset];
            let body = &text[offset + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// Checked by [`DateValue::parse`] after parsing, so an error can point
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
}

/// A front matter date: a calendar day (midnight in the site's zone) or an
/// exact RFC 3339 instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Day(Date),
    Instant(Timestamp),
}

impl DateValue {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.len() == 10 {
            return s
                .parse::<Date>()
                .map(DateValue::Day)
                .map_err(|e| format!("invalid date `{s}`: {e}"));
        }
        s.parse::<Timestamp>()
            .map(DateValue::Instant)
            .map_err(|e| format!("invalid date `{s}`: {e}"))
    }

    pub const HINT: &str =
        "write dates as YYYY-MM-DD (2026-03-14) or RFC 3339 (2026-03-14T09:30:00-05:00)";
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
    fn dates_take_both_forms() {
        assert!(matches!(
            DateValue::parse("2026-03-14"),
            Ok(DateValue::Day(_))
        ));
        assert!(matches!(
            DateValue::parse("2026-03-14T09:30:00-05:00"),
            Ok(DateValue::Instant(_))
        ));
        assert!(DateValue::parse("2026-13-01").is_err());
        assert!(DateValue::parse("March 3").is_err());
    }
}
