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

fn hint_for(message: &str) -> Option<String> {
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
    fn unquoted_colon_gets_a_hint() {
        let d = err("title: Anxiety: what helps\n");
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(2));
        assert!(d.hint.unwrap_or_default().contains("quotes"));
    }
}
