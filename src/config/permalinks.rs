//! `permalinks:` in site.yaml: the pattern of a post's address, such as
//! `/:year/:month/:slug/`, so a blog moved from elsewhere keeps its old
//! addresses as the real ones. Checked once when site.yaml is read.

use serde::{Deserialize, Serialize};

use super::Config;
use crate::diag::{Diagnostic, Location, Result};

pub const PLACEHOLDERS: &str = ":year, :month, :day, :slug, :section";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Permalinks {
    pub posts: String,
    /// `posts` cut into its parts, made by [`check`].
    #[serde(skip)]
    pub post_parts: Vec<Part>,
}

impl Default for Permalinks {
    fn default() -> Self {
        Permalinks {
            posts: "/blog/:slug/".into(),
            post_parts: vec![
                Part::Text("/blog/".into()),
                Part::Slug,
                Part::Text("/".into()),
            ],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Year,
    Month,
    Day,
    Slug,
    Section,
}

/// Cuts the pattern into parts, or says where it is wrong.
pub fn check(config: &mut Config) -> Result<()> {
    let pattern = config.permalinks.posts.clone();
    let parts = parse(&pattern).map_err(|(offset, len, message, hint)| {
        Diagnostic::error("config", message)
            .at(at_pattern(config, &pattern, offset, len))
            .hint(hint)
    })?;
    config.permalinks.post_parts = parts;
    Ok(())
}

type Problem = (usize, usize, String, String);

fn parse(pattern: &str) -> std::result::Result<Vec<Part>, Problem> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        text.push_str(&rest[..i]);
        let name_len = rest[i + 1..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len() - i - 1);
        let name = &rest[i + 1..i + 1 + name_len];
        let offset = pattern.len() - rest.len() + i;
        let part = placeholder(name).ok_or_else(|| {
            let message = format!("unknown placeholder `:{name}` in the permalink pattern");
            (offset, name_len + 1, message, format!("use {PLACEHOLDERS}"))
        })?;
        parts.push(Part::Text(std::mem::take(&mut text)));
        parts.push(part);
        rest = &rest[i + 1 + name_len..];
    }
    text.push_str(rest);
    parts.push(Part::Text(text));
    parts.retain(|p| *p != Part::Text(String::new()));
    whole(pattern, &parts)?;
    Ok(parts)
}

fn placeholder(name: &str) -> Option<Part> {
    Some(match name {
        "year" => Part::Year,
        "month" => Part::Month,
        "day" => Part::Day,
        "slug" => Part::Slug,
        "section" => Part::Section,
        _ => return None,
    })
}

/// A pattern must give each post its own folder from the site root.
fn whole(pattern: &str, parts: &[Part]) -> std::result::Result<(), Problem> {
    let problem = |message: &str, hint: &str| (0, pattern.len(), message.into(), hint.into());
    if !parts.contains(&Part::Slug) {
        return Err(problem(
            "the permalink pattern has no `:slug`, so posts would share one address",
            "add `:slug`, e.g. posts: \"/:year/:month/:slug/\"",
        ));
    }
    if !pattern.starts_with('/') || !pattern.ends_with('/') || pattern.contains("..") {
        return Err(problem(
            "a permalink pattern is a path that starts and ends with `/`",
            "write it like posts: \"/blog/:slug/\"",
        ));
    }
    Ok(())
}

/// The pattern's place in site.yaml: on the `posts:` line after `permalinks:`.
fn at_pattern(config: &Config, pattern: &str, offset: usize, len: usize) -> Location {
    let text = &config.source;
    let start = text.find("permalinks:").unwrap_or(0);
    let line_start = text[start..]
        .find("posts:")
        .map(|i| start + i)
        .and_then(|i| text[i..].find(pattern).map(|j| i + j));
    match line_start {
        Some(at) => Location::in_text(
            std::path::Path::new(super::FILE_NAME),
            text,
            1,
            at + offset,
            len,
        ),
        None => config.key_location("permalinks"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_become_parts() {
        let parts = parse("/:year/:month/:slug/").ok();
        let expect = [
            Part::Text("/".into()),
            Part::Year,
            Part::Text("/".into()),
            Part::Month,
            Part::Text("/".into()),
            Part::Slug,
            Part::Text("/".into()),
        ];
        assert_eq!(parts.as_deref(), Some(&expect[..]));
        assert_eq!(
            parse("/blog/:slug/").ok(),
            Some(Permalinks::default().post_parts)
        );
    }

    #[test]
    fn bad_patterns_say_where() {
        let e = parse("/:yeer/:slug/").err().map(|p| (p.0, p.1));
        assert_eq!(e, Some((1, 5)));
        assert!(parse("/:year/").is_err());
        assert!(parse(":slug").is_err());
    }
}
