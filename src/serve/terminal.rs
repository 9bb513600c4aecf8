//! What the author sees in the terminal: a line per build, the errors of a
//! failed one, and the warnings `build` would print, each printed once.

use std::collections::HashSet;
use std::io::IsTerminal;

use crate::diag::{Diagnostic, Error};

pub struct Terminal {
    quiet: bool,
    color_out: bool,
    color_err: bool,
    /// The warnings printed so far (as one-liners), so that a rebuild
    /// repeats none from the files the save left alone.
    shown: HashSet<String>,
    /// A build has succeeded, so there is a site being served.
    serving: bool,
}

impl Terminal {
    pub fn new(quiet: bool) -> Terminal {
        let color = std::env::var_os("NO_COLOR").is_none();
        Terminal {
            quiet,
            color_out: color && std::io::stdout().is_terminal(),
            color_err: color && std::io::stderr().is_terminal(),
            shown: HashSet::new(),
            serving: false,
        }
    }

    pub fn say(&self, line: &str) {
        if !self.quiet {
            println!("{line}");
        }
    }

    pub fn failed(&self, e: &Error) {
        eprint!("{}", e.render(self.color_err));
        if self.serving {
            eprintln!("Still serving the last good build; fix the file and save to try again.");
        } else {
            eprintln!(
                "Nothing to serve until the site builds; fix the file and save to try again."
            );
        }
    }

    /// A build succeeded and is being served.
    pub fn serving(&mut self) {
        self.serving = true;
    }

    /// Prints the warnings not printed before, and returns a note for the
    /// build's line: how many there are, and how many are new.
    pub fn warnings(&mut self, warnings: &[Diagnostic]) -> String {
        let lines: Vec<String> = warnings.iter().map(Diagnostic::one_line).collect();
        let mut new = 0;
        for (d, line) in warnings.iter().zip(&lines) {
            if !self.shown.contains(line) {
                new += 1;
                if !self.quiet {
                    println!("{}\n", d.render(self.color_out));
                }
            }
        }
        self.shown = lines.into_iter().collect();
        let all = warnings.len();
        let counted = crate::diag::plural(all, "warning");
        match new {
            _ if all == 0 => String::new(),
            0 => format!("; {counted}"),
            n if n == all => format!("; {counted}, printed above"),
            n => format!("; {counted}, {n} new above"),
        }
    }
}
