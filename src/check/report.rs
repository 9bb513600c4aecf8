//! Findings for people (grouped by file, each with its line and a hint)
//! and for editors and CI (JSON).

use serde::Serialize;

use crate::diag::{Diagnostic, Severity, plural};

/// Sorted by file, line and column; the same finding reached from several
/// pages (a menu link, a template) is kept once.
pub fn tidy(mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    found.sort_by(|a, b| key(a).cmp(&key(b)));
    found.dedup();
    found
}

fn key(d: &Diagnostic) -> impl Ord + '_ {
    let loc = d.location.as_ref();
    (
        loc.map(|l| l.path.clone()),
        loc.map_or(0, |l| l.line),
        loc.map_or(0, |l| l.column),
        d.severity,
        d.rule,
        &d.message,
    )
}

pub fn count(found: &[Diagnostic], severity: Severity) -> usize {
    found.iter().filter(|d| d.severity == severity).count()
}

/// `file:line:col: severity: message [rule]`, the line with a caret under
/// the place, and the hint; a blank line between files; totals last.
pub fn text(found: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut last_file = None;
    for d in found {
        let file = d.location.as_ref().map(|l| &l.path);
        if last_file.is_some() && last_file != Some(file) {
            out.push('\n');
        }
        last_file = Some(file);
        out.push_str(&d.one_line());
        out.push('\n');
        if let Some(l) = d.location.as_ref().filter(|l| l.line > 0) {
            let caret: String = l
                .line_text
                .chars()
                .take(l.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("    | {}\n", l.line_text));
            out.push_str(&format!("    | {caret}{}\n", "^".repeat(l.len.max(1))));
        }
        for detail in d.detail.iter().flat_map(|t| t.lines()) {
            out.push_str(&format!("    | {detail}\n"));
        }
        if let Some(hint) = &d.hint {
            out.push_str(&format!("    = help: {hint}\n"));
        }
    }
    if !found.is_empty() {
        out.push('\n');
    }
    out.push_str(&totals(found));
    out
}

fn totals(found: &[Diagnostic]) -> String {
    match (
        count(found, Severity::Error),
        count(found, Severity::Warning),
    ) {
        (0, 0) => "No problems found.".to_string(),
        (e, 0) => format!("{}.", plural(e, "error")),
        (0, w) => format!("{}, no errors.", plural(w, "warning")),
        (e, w) => format!("{} and {}.", plural(e, "error"), plural(w, "warning")),
    }
}

#[derive(Serialize)]
struct Json<'a> {
    errors: usize,
    warnings: usize,
    findings: &'a [Diagnostic],
}

pub fn json(found: &[Diagnostic]) -> String {
    let report = Json {
        errors: count(found, Severity::Error),
        warnings: count(found, Severity::Warning),
        findings: found,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;
    use std::path::Path;

    #[test]
    fn text_shows_line_caret_hint_and_totals() {
        let line = "See [here](/x/).";
        let d = Diagnostic::warning("link-text", "vague")
            .at(Location::in_text(Path::new("content/a.md"), line, 7, 4, 11))
            .hint("name it");
        let out = text(&[d]);
        assert_eq!(
            out,
            "content/a.md:7:5: warning: vague [link-text]\n    | See [here](/x/).\n    |     ^^^^^^^^^^^\n    = help: name it\n\n1 warning, no errors.",
        );
    }
}
