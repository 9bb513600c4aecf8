//! Control characters written as escapes in front matter (`"\x01"` in
//! YAML, `"\u0001"` in TOML): the file's own control characters are
//! removed on reading (`io::strip_controls`), these only once parsed. Each
//! value that held one gets a warning at its key, and loses it.

use super::FrontMatter;
use crate::diag::Diagnostic;
use crate::io::{control_warning, is_control};

/// Removes control characters from every value; returns the key of each
/// value that held one, with the first character removed.
pub fn scrub(front: &mut FrontMatter) -> Vec<(&'static str, char)> {
    let mut found = Vec::new();
    let mut one = |key: &'static str, value: &mut String| {
        if let Some(c) = value.chars().find(|&c| is_control(c)) {
            value.retain(|c| !is_control(c));
            found.push((key, c));
        }
    };
    one("title", &mut front.title);
    let optional = [
        ("date", &mut front.date),
        ("updated", &mut front.updated),
        ("description", &mut front.description),
        ("slug", &mut front.slug),
        ("author", &mut front.author),
        ("image", &mut front.image),
        ("image_alt", &mut front.image_alt),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            one(key, v);
        }
    }
    for tag in &mut front.tags {
        one("tags", tag);
    }
    for alias in &mut front.aliases {
        one("aliases", alias);
    }
    if let Some(c) = scrub_json(&mut front.extra) {
        found.push(("extra", c));
    }
    found
}

/// The first control character removed from a JSON value's strings.
fn scrub_json(value: &mut serde_json::Value) -> Option<char> {
    use serde_json::Value;
    let mut first = None;
    let mut strings = vec![value];
    while let Some(v) = strings.pop() {
        match v {
            Value::String(s) => {
                if let Some(c) = s.chars().find(|&c| is_control(c)) {
                    s.retain(|c| !is_control(c));
                    first = first.or(Some(c));
                }
            }
            Value::Array(items) => strings.extend(items.iter_mut()),
            Value::Object(map) => strings.extend(map.values_mut()),
            _ => {}
        }
    }
    first
}

/// The warnings for what [`scrub`] removed, at each key's line.
pub fn warnings(doc: &super::Document, found: &[(&'static str, char)]) -> Vec<Diagnostic> {
    found
        .iter()
        .map(|&(key, c)| control_warning(Some(c)).at(doc.key_location(key)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_controls_are_removed_from_every_value() {
        let mut front = FrontMatter {
            title: "A\u{1}B".into(),
            tags: vec!["x\u{8}".into()],
            extra: serde_json::json!({ "a": ["ok", "n\u{0}"] }),
            ..FrontMatter::default()
        };
        let found = scrub(&mut front);
        assert_eq!(
            found,
            [("title", '\u{1}'), ("tags", '\u{8}'), ("extra", '\u{0}')]
        );
        assert_eq!(front.title, "AB");
        assert_eq!(front.extra["a"][1], "n");
    }
}
