//! `trellis check [--root DIR] [--format json]` on the command line.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::config::rules;
use crate::diag::{Diagnostic, Result, Severity};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The site folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// `json` gives the same findings for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only this rule's findings, e.g. `--rule image-alt`.
    #[arg(long, value_name = "NAME")]
    pub rule: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Prints the findings; fails (exit non-zero) only when one is an error.
/// `--quiet` keeps only the errors of the text report.
pub fn run(args: &CheckArgs, quiet: bool) -> Result<Option<String>> {
    let found = only_rule(super::all(&args.root), args.rule.as_deref())?;
    let errors = super::count(&found, Severity::Error);
    let report = match args.format {
        Format::Json => super::json(&found),
        Format::Text if quiet => {
            let only: Vec<Diagnostic> = found
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            if only.is_empty() {
                return Ok(None);
            }
            super::text(&only)
        }
        Format::Text => super::text(&found),
    };
    if errors == 0 {
        return Ok(Some(report));
    }
    // The report goes to stdout like a clean one; the failure itself is
    // the error value `main` prints.
    println!("{report}");
    Err(
        Diagnostic::error("check", format!("the site has {errors} error(s) to fix"))
            .hint("fix the errors listed above; warnings alone do not fail the check")
            .into(),
    )
}

/// The findings of one rule, when `--rule` names one. Errors that kept the
/// site from being checked at all (a broken front matter) stay, or a
/// broken site would pass.
fn only_rule(found: Vec<Diagnostic>, rule: Option<&str>) -> Result<Vec<Diagnostic>> {
    let Some(name) = rule else {
        return Ok(found);
    };
    let rule = rules::canonical(name).ok_or_else(|| rules::unknown(name))?;
    let kept = |d: &Diagnostic| d.rule == rule || !rules::RULES.contains(&d.rule);
    Ok(found.into_iter().filter(kept).collect())
}

/// Build warnings to print before the build's summary; empty when none.
pub fn warnings_text(warnings: &[Diagnostic]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    format!("{}\n", super::text(warnings))
}
