//! The only place that parses YAML (site.yaml and front matter). `serde_yaml`
//! here is the maintained `yaml_serde` fork, renamed in Cargo.toml; do not
//! "fix" it back to the deprecated crate.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location, Result};

/// Where a YAML text sits inside its file, so errors point at file lines.
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The file line of the text's first line (1-based).
    pub first_line: usize,
}

pub fn parse<T: DeserializeOwned>(src: &Source<'_>, rule: &'static str) -> Result<T> {
    let text = if src.text.trim().is_empty() {
        "{}"
    } else {
        src.text
    };
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(src, rule, &e).into())
}

fn to_diagnostic(src: &Source<'_>, rule: &'static str, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let location = match e.location() {
        Some(l) => Location::at_line(src.path, src.text, l.line(), l.column()),
        None => Location::at_line(src.path, src.text, 1, 1),
    };
    let (location, message) = match better_place(src.text, &message, location.line) {
        Some((line, column, why)) => (Location::at_line(src.path, src.text, line, column), why),
        None => (location, message),
    };
    let location = Location {
        line: location.line + src.first_line - 1,
        ..location
    };
    let hint = hint_for(&message);
    let mut d = Diagnostic::error(rule, message).at(location);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// Where the author has to look, when the parser names another place: a
/// duplicate key at its second line (the parser names the first, or the
/// map's start), an unclosed quote at its opening mark (the parser names
/// where it gave up: the end of the text, or a later line). Lines are
/// 1-based within `text`.
fn better_place(text: &str, message: &str, line: usize) -> Option<(usize, usize, String)> {
    if let Some(key) = between(message, "duplicate field `", "`")
        .or_else(|| between(message, "duplicate entry with key \"", "\""))
    {
        let (at, column) = second_key(text, key, line)?;
        return Some((at, column, format!("`{key}` is given twice")));
    }
    let quote = message.contains("while scanning a quoted scalar")
        || message.contains("did not find expected key");
    let (at, column) = quote.then(|| open_quote(text, line)).flatten()?;
    Some((at, column, "this quoted value is never closed".to_string()))
}

/// The second line at or after `from` that sets `key` at the indentation
/// of the first.
fn second_key(text: &str, key: &str, from: usize) -> Option<(usize, usize)> {
    let mut indent = None;
    for (i, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let body = line.trim_start();
        let column = line.len() - body.len() + 1;
        let sets = [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .any(|k| body.starts_with(k.as_str()));
        match indent {
            _ if !sets => {}
            None => indent = Some(column),
            Some(first) if first == column => return Some((i + 1, column)),
            Some(_) => {}
        }
    }
    None
}

/// The last line up to `until` whose value opens a quote it does not
/// close, and the quote's column.
fn open_quote(text: &str, until: usize) -> Option<(usize, usize)> {
    text.lines()
        .take(until)
        .enumerate()
        .filter_map(|(i, line)| {
            let (_, value) = line.split_once(": ")?;
            let value = value.trim_start();
            let q = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let rest = &value[1..];
            let closed = match q {
                '"' => closes_double(rest),
                _ => rest.replace("''", "").contains('\''),
            };
            let column = line.len() - value.len() + 1;
            (!closed).then_some((i + 1, column))
        })
        .last()
}

/// Whether a double-quoted value closes on its line (`\"` is escaped).
fn closes_double(rest: &str) -> bool {
    let mut escaped = false;
    for c in rest.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

fn hint_for(message: &str) -> Option<String> {
    if let Some(key) = between(message, "`", "` is given twice") {
        return Some(format!("keep one `{key}:` line and remove the other"));
    }
    if message == "this quoted value is never closed" {
        return Some("end the value with the same quote mark it starts with".into());
    }
    if let Some(field) = between(message, "unknown field `", "`") {
        let known: Vec<&str> = message
            .split("expected ")
            .nth(1)
            .map(|list| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return Some(match crate::diag::nearest(field, &known) {
            Some(best) => format!(
                "did you mean `{best}`? Known keys here: {}",
                known.join(", ")
            ),
            None => format!("remove `{field}`; known keys here: {}", known.join(", ")),
        });
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Some(format!("add a line `{field}: ...`"));
    }
    if message.contains("mapping values are not allowed") {
        return Some(
            "a value that contains \": \" must be in quotes, e.g. title: \"Anxiety: what helps\""
                .into(),
        );
    }
    if message.contains("cannot start any token") || message.contains("tab") {
        return Some("indent with spaces, not tabs".into());
    }
    if message.contains("invalid type") {
        return Some("check the value's form: text, a number, true/false or a list".into());
    }
    None
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        description: Option<String>,
    }

    fn err(text: &str) -> Diagnostic {
        let src = Source {
            path: Path::new("f.md"),
            text,
            first_line: 2,
        };
        match parse::<T>(&src, "front-matter") {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.diagnostics[0].clone(),
        }
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let d = err("title: x\ndescriptoin: y\n");
        assert!(d.message.contains("descriptoin"), "{}", d.message);
        assert!(
            d.hint
                .as_deref()
                .unwrap_or("")
                .contains("did you mean `description`")
        );
        assert_eq!(d.location.map(|l| l.line), Some(3));
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_second() {
        let d = err("title: x\ndescription: y\ntitle: z\n");
        assert_eq!(d.message, "`title` is given twice");
        assert_eq!(d.location.map(|l| (l.line, l.column)), Some((4, 1)));
    }

    #[test]
    fn an_unclosed_quote_is_reported_at_its_opening_mark() {
        for text in [
            "title: 'x\ndescription: y\n",
            "title: \"x\ndescription: \"y\"\n",
            "description: \"a \\\" b\"\ntitle: \"x\n",
        ] {
            let d = err(text);
            assert_eq!(d.message, "this quoted value is never closed", "{text}");
            let line = if text.starts_with("title") { 2 } else { 3 };
            assert_eq!(d.location.map(|l| (l.line, l.column)), Some((line, 8)));
        }
    }

    #[test]
    fn unquoted_colon_gets_a_hint() {
        let d = err("title: Anxiety: what helps\n");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(2));
        assert!(d.hint.unwrap_or_default().contains("quotes"));
    }
}
