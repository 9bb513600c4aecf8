//! Front matter keys trellis does not know. Serde would stop at the first
//! one; this reads every top-level key off the text instead, so one run
//! names them all, each at its own line with a hint that maps it.
//!
//! Severity: a key another generator wrote (`layout`, `categories`,
//! `images`, `subtitle`, …), one of the author's own, or a near-miss of a
//! trellis key is a warning: the post still builds as written and nothing
//! is at risk, so a blog moved from elsewhere can be published first and
//! tidied later. Two keys are errors, because each means a post its author
//! held back would be published: a near-miss of `draft` (`draf: true`) and
//! Jekyll's `published: false`.

use std::path::Path;

use crate::diag::{Diagnostic, Location};

/// Every key `FrontMatter` reads.
pub const KNOWN: &[&str] = &[
    "title",
    "date",
    "updated",
    "description",
    "tags",
    "draft",
    "slug",
    "author",
    "image",
    "image_alt",
    "cta",
    "toc",
    "aliases",
    "extra",
];

/// The front matter text with the file line of its first line and the
/// separator a TOML head uses between key and value.
pub struct Head<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub first_line: usize,
    pub toml: bool,
}

/// One diagnostic per unknown top-level key, in file order.
pub fn unknown(head: &Head<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Keys after a TOML `[table]` header belong to that table.
    let mut in_table = false;
    for (i, line) in head.text.lines().enumerate() {
        if head.toml && line.starts_with('[') {
            in_table = true;
        } else if in_table {
            continue;
        }
        let Some((key, value)) = top_level_key(line, head.toml) else {
            continue;
        };
        if KNOWN.contains(&key) {
            continue;
        }
        let column = line.find(key).unwrap_or(0);
        let at = Location::in_text(head.path, line, head.first_line + i, column, key.len());
        out.push(judge(key, value).at(at));
    }
    out
}

/// `key` and the rest of the line for `key: value` (YAML) or `key = value`
/// (TOML) at the start of a line; a TOML `[table]` header counts as a key.
fn top_level_key(line: &str, toml: bool) -> Option<(&str, &str)> {
    let first = line.as_bytes().first()?;
    if first.is_ascii_whitespace() || matches!(first, b'#' | b'-' | b'{' | b'}' | b'"' | b'\'') {
        return None;
    }
    if toml && line.starts_with('[') {
        let name = line.trim_start_matches('[').split(']').next()?.trim();
        return Some((name.split('.').next()?.trim(), ""));
    }
    let (key, value) = line.split_once(if toml { '=' } else { ':' })?;
    let key = key.trim_end();
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    plain.then_some((key, value.trim()))
}

fn judge(key: &str, value: &str) -> Diagnostic {
    let mapped = |hint: &str| {
        Diagnostic::warning("front-matter", format!("trellis does not use `{key}`")).hint(hint)
    };
    match key.to_ascii_lowercase().as_str() {
        "categories" | "category" => {
            mapped("trellis calls these `tags`: move the values into `tags`")
        }
        "excerpt" | "summary" => mapped("trellis calls this `description`"),
        "redirect_from" => mapped("trellis calls these `aliases`"),
        "permalink" | "url" => mapped(
            "to keep this old address working, list it under `aliases`; \
             to change the new one, set `slug` (or `permalinks:` in site.yaml)",
        ),
        "layout" | "type" | "comments" | "sharing" | "share" | "weight" => {
            mapped("not needed, remove it")
        }
        "lastmod" | "last_modified" | "modified" => mapped("trellis calls this `updated`"),
        "published"
            if value
                .trim_matches(['"', '\''])
                .eq_ignore_ascii_case("false") =>
        {
            Diagnostic::error(
                "front-matter",
                "`published: false` would be ignored and the post published",
            )
            .hint("write `draft: true` instead")
        }
        "published" => mapped("not needed, remove it (a post is published unless `draft: true`)"),
        _ => match crate::diag::nearest(key, KNOWN) {
            Some("draft") => {
                Diagnostic::error("front-matter", format!("unknown front matter key `{key}`"))
                    .hint("did you mean `draft`? As written, the post would be published")
            }
            Some(best) => mapped(&format!("did you mean `{best}`?")),
            None => {
                mapped("remove it, or move it under `extra:` for your templates (`post.extra.…`)")
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn keys(text: &str, toml: bool) -> Vec<(String, usize, usize, Severity)> {
        let head = Head {
            path: Path::new("a.md"),
            text,
            first_line: 2,
            toml,
        };
        unknown(&head)
            .into_iter()
            .map(|d| {
                let at = d
                    .location
                    .unwrap_or_else(|| Location::at_line(head.path, "", 0, 0));
                (d.message, at.line, at.column, d.severity)
            })
            .map(|(m, l, c, s)| (m.split('`').nth(1).unwrap_or("").to_string(), l, c, s))
            .collect()
    }

    #[test]
    fn finds_every_unknown_key_at_its_line() {
        let text = "title: x\nlayout: post\ntags:\n  - a\ncategories: [b]\ndescription: |\n  k: v\ntitel: y\n";
        let found = keys(text, false);
        let expect = [
            ("layout", 3, 1, Severity::Warning),
            ("categories", 6, 1, Severity::Warning),
            ("titel", 9, 1, Severity::Warning),
        ];
        let expect: Vec<_> = expect
            .iter()
            .map(|(k, l, c, s)| (k.to_string(), *l, *c, *s))
            .collect();
        assert_eq!(found, expect);
    }

    #[test]
    fn reads_toml_keys_and_tables() {
        let found = keys("title = \"x\"\nsummary = \"y\"\n[params]\nfoo = 1\n", true);
        let names: Vec<&str> = found.iter().map(|k| k.0.as_str()).collect();
        assert_eq!(names, ["summary", "params"]);
    }

    #[test]
    fn only_what_would_publish_a_held_back_post_is_an_error() {
        let severity = |text| keys(text, false).first().map(|k| k.3);
        assert_eq!(severity("published: false\n"), Some(Severity::Error));
        assert_eq!(severity("draf: true\n"), Some(Severity::Error));
        assert_eq!(severity("published: true\n"), Some(Severity::Warning));
        assert_eq!(severity("images: [a.jpg]\n"), Some(Severity::Warning));
    }
}
