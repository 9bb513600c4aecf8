//! Where findings are gathered. A finding no source line can be named for
//! comes from the built-in theme or a default setting, which the author
//! never wrote: it is kept once, as a warning naming the pages, so a
//! minimal site.yaml (say, one without a contact page while the
//! consultation button links to /contact/ by default) still builds.

use std::collections::BTreeMap;

use super::scan::Page;
use crate::diag::{Diagnostic, Location, Severity};

#[derive(Default, Clone)]
pub struct Findings {
    list: Vec<Diagnostic>,
    /// By rule and message: the finding and the pages it was seen on.
    untraced: BTreeMap<(&'static str, String), (Diagnostic, Vec<String>)>,
}

impl Findings {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.untraced.is_empty()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    /// A finding on a rendered page, at its source line when there is one.
    pub fn on_page(&mut self, page: &Page<'_>, at: Option<Location>, d: Diagnostic) {
        match at {
            Some(at) => self.push(d.at(at)),
            None => {
                let key = (d.rule, d.message.clone());
                let entry = self.untraced.entry(key).or_insert((d, Vec::new()));
                entry.1.push(page.url.clone());
            }
        }
    }

    /// Adds what another gatherer found after what this one holds.
    pub fn absorb(&mut self, other: Findings) {
        self.list.extend(other.list);
        for (key, (d, pages)) in other.untraced {
            let entry = self.untraced.entry(key).or_insert((d, Vec::new()));
            entry.1.extend(pages);
        }
    }

    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (_, (d, mut pages)) in self.untraced {
            pages.sort();
            pages.dedup();
            let more = match pages.len() {
                1 => String::new(),
                n => format!(" and {}", crate::diag::plural(n - 1, "more page")),
            };
            let message = format!("{} (on {}{more})", d.message, pages[0]);
            let hint = d.hint.map(|h| {
                format!("{h}; it comes from the theme or a default in site.yaml, not from a line you wrote")
            });
            self.list.push(Diagnostic {
                severity: Severity::Warning,
                message,
                hint,
                ..d
            });
        }
        self.list
    }
}
