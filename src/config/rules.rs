//! `check: { rules: { NAME: error | warning | off } }` in site.yaml: the
//! severity of each of `check`'s rules, so a practice can publish imported
//! posts first and fix what the checks find later.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Error, Location, Result, Severity};

use super::{Config, FILE_NAME};

/// Every rule `check` (and the checks `build` and `serve` run) reports.
/// Build failures (`front-matter`, `template`, …) are not here: a site that
/// cannot be read cannot be published at any severity.
pub const RULES: [&str; 18] = [
    "broken-link",
    "broken-anchor",
    "missing-image",
    "image-alt",
    "multiple-h1",
    "heading-skip",
    "third-party",
    "description",
    "link-text",
    "numbering",
    "consultation-text",
    "phone",
    "reading-grade",
    "safe-messaging",
    "template-syntax",
    "unsafe-url",
    "event-handler",
    "script",
];

/// Other names a practice may reach for, and the rule they mean.
const ALIASES: [(&str, &str); 1] = [("alt-text", "image-alt")];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// The rule named `name`, through its aliases.
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, rule)| rule);
    RULES.iter().copied().find(|r| *r == name)
}

/// An error for a rule name that is not one, with the nearest rule.
pub fn unknown(name: &str) -> Diagnostic {
    let hint = match crate::diag::nearest(name, &RULES) {
        Some(near) => format!("did you mean `{near}`? The rules: {}", RULES.join(", ")),
        None => format!("the rules: {}", RULES.join(", ")),
    };
    Diagnostic::error("config", format!("`{name}` is not a rule of `check`")).hint(hint)
}

/// The settings by rule, every name checked; an unknown one is an error at
/// its line in site.yaml.
pub fn check(config: &Config) -> Result<BTreeMap<&'static str, Level>> {
    let mut levels = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, level) in &config.check.rules {
        match canonical(name) {
            Some(rule) => {
                levels.insert(rule, *level);
            }
            None => errors.push(unknown(name).at(locate(&config.source, name))),
        }
    }
    if errors.is_empty() {
        Ok(levels)
    } else {
        Err(Error::many(errors))
    }
}

/// Applies the settings to findings: a rule set to `off` is dropped, one
/// set to `error` or `warning` takes that severity.
pub fn apply(found: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    let levels = &config.check.levels;
    // Most sites set nothing: the findings are returned untouched.
    if levels.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter_map(|mut d| {
            d.severity = match levels.get(d.rule) {
                None => d.severity,
                Some(Level::Off) => return None,
                Some(Level::Error) => Severity::Error,
                Some(Level::Warning) => Severity::Warning,
            };
            Some(d)
        })
        .collect()
}

/// Where rule `name` is written under `check:` → `rules:` (the `check:`
/// line when it cannot be told).
fn locate(source: &str, name: &str) -> Location {
    let path = Path::new(FILE_NAME);
    let check = source
        .match_indices("check:")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || source[..i].ends_with('\n'));
    let rules = check.and_then(|c| source[c..].find("rules").map(|r| c + r));
    let at = rules.and_then(|r| word_at(source, r, name));
    match at.or(check) {
        Some(at) => Location::in_text(path, source, 1, at, name.len()),
        None => Location::at_line(path, source, 1, 1),
    }
}

/// The first place after `from` where `word` stands as a whole rule name.
fn word_at(text: &str, from: usize, word: &str) -> Option<usize> {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text[from..]
        .match_indices(word)
        .map(|(i, _)| from + i)
        .find(|&i| !text[..i].ends_with(part) && !text[i + word.len()..].starts_with(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_name_rules() {
        assert_eq!(canonical("alt-text"), Some("image-alt"));
        assert_eq!(canonical("heading-skip"), Some("heading-skip"));
        assert_eq!(canonical("headings"), None);
        assert!(ALIASES.iter().all(|(_, rule)| RULES.contains(rule)));
    }

    /// The rule names written in `src/check/` (but `check`, the summary
    /// of a failed run, which is not a rule): each must be in `RULES`, and
    /// each of `RULES` must be written there.
    #[test]
    fn the_list_is_the_rules_the_checks_report() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/check");
        let mut emitted = std::collections::BTreeSet::new();
        for file in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for call in ["Diagnostic::error(", "Diagnostic::warning("] {
                for (i, _) in text.match_indices(call) {
                    let rest = text[i + call.len()..].trim_start();
                    if let Some(name) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                        emitted.insert(name.to_string());
                    }
                }
            }
        }
        emitted.remove("check");
        let listed: std::collections::BTreeSet<String> =
            RULES.iter().map(|r| r.to_string()).collect();
        assert_eq!(emitted, listed);
    }

    #[test]
    fn names_are_found_under_rules() {
        let source =
            "title: T\ncheck:\n  phones: []\n  rules:\n    phone: off\n    heading-skp: warning\n";
        let at = locate(source, "heading-skp");
        assert_eq!((at.line, at.column, at.len), (6, 5, 11));
        let flow = "check: { rules: { phone: off, link: warning } }\n";
        let at = locate(flow, "link");
        assert_eq!((at.line, at.column), (1, 31));
    }
}
