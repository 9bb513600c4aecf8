//! The checks a part of the site at a time, for `serve --watch`: one output
//! file (a page or a stylesheet), or one entry's words. `serve` keeps each
//! part's findings and after a save checks again only the parts the save
//! can have changed; [`finish`] puts them together as [`gate`](super::gate)
//! reports a whole site.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{BuildHasher, BuildHasherDefault};

use super::findings::Findings;
use super::scan::Scanned;
use super::{headings, links, privacy, writing};
use crate::config::Config;
use crate::diag::{Diagnostic, Error, Result, Severity};
use crate::site::{Entry, Site};

pub use super::links::Targets;
pub use super::locate::Sources;

/// The findings of one part.
#[derive(Clone, Default)]
pub struct Part(Findings);

impl Part {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a scanned file's findings depend on besides the file itself.
pub struct Deps {
    /// The page's URL; `None` for a file that is not a page.
    pub url: Option<String>,
    /// The page's ids as one number, the same whatever their order: when it
    /// changes, `#anchor` links into the page may break or work again.
    pub ids: u64,
    /// The output files it refers to, each with whether a link to it has a
    /// `#fragment` (then the target's ids matter too).
    pub targets: Vec<(String, bool)>,
}

/// A key (an output file, an id) as a number, the same in every run of
/// the process: what `serve` keeps between rebuilds instead of the keys.
pub fn hash(key: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
}

pub fn deps(scanned: &Scanned<'_>, base_url: &str) -> Deps {
    let Scanned::Page(page) = scanned else {
        return Deps {
            url: None,
            ids: 0,
            targets: Vec::new(),
        };
    };
    let ids = page
        .ids
        .iter()
        .fold(page.ids.len() as u64, |sum, id| sum.wrapping_add(hash(id)));
    Deps {
        url: Some(page.url.clone()),
        ids,
        targets: links::targets_of(page, base_url),
    }
}

/// `Targets` from the pages at hand, by output file: they must include
/// every page the checked pages link into with a `#fragment`.
pub fn targets<'a>(
    has_file: &'a (dyn Fn(&str) -> bool + Sync),
    scans: impl IntoIterator<Item = (&'a str, &'a Scanned<'a>)>,
    urls: Vec<&'a str>,
) -> Targets<'a> {
    let pages: HashMap<&str, _> = scans
        .into_iter()
        .filter_map(|(file, s)| match s {
            Scanned::Page(p) => Some((file, p)),
            _ => None,
        })
        .collect();
    Targets {
        has_file,
        pages,
        urls,
    }
}

/// The findings of one output file: a page's links, images, headings and
/// third-party requests, or a stylesheet's.
pub fn file(
    scanned: &Scanned<'_>,
    targets: &Targets<'_>,
    sources: &Sources,
    config: &Config,
) -> Part {
    let mut found = Findings::default();
    match scanned {
        Scanned::Page(page) => {
            links::check_page(page, targets, sources, &config.base_url, &mut found);
            headings::check_page(page, sources, &mut found);
            privacy::check_page(page, sources, config, &mut found);
        }
        Scanned::Css(sheet) => privacy::check_sheet(sheet, sources, config, &mut found),
        Scanned::Other => {}
    }
    Part(found)
}

/// The findings about one entry's words.
pub fn entry(entry: &Entry, config: &Config) -> Part {
    let mut found = Findings::default();
    writing::check(entry, config, &mut found);
    Part(found)
}

/// Every part's findings as one report, in file order, as `gate` makes it,
/// at the severities site.yaml sets.
pub fn finish<'p>(parts: impl IntoIterator<Item = &'p Part>, site: &Site) -> Vec<Diagnostic> {
    let mut found = Findings::default();
    for part in parts {
        found.absorb(part.0.clone());
    }
    super::complete(found.finish(), site)
}

/// What `build` makes of the findings: the errors fail it; the warnings
/// are returned to print.
pub fn verdict(found: Vec<Diagnostic>) -> Result<Vec<Diagnostic>> {
    let (errors, warnings): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::many(errors))
    }
}
