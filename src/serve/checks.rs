//! The checks `build` runs, after every rebuild, so the preview never shows
//! a site that `trellis build` would reject. Checking a whole site takes far
//! longer than an incremental rebuild (about 80 ms against 3 ms at 1,000
//! posts), so findings are kept per output file and per entry, and a
//! rebuild checks again only what it can have changed:
//!
//! - the files it rendered, and the entries it read again;
//! - pages with `#anchor` links into a page whose ids changed;
//! - when files came or went: pages that referred to a removed file, and
//!   pages with findings (what was missing may be there now);
//! - when static files changed (findings are traced into stylesheets):
//!   pages with findings.
//!
//! A full rebuild checks everything. tests/it/serve/incremental.rs holds
//! the result to a clean `check` after every kind of edit.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::files::Made;
use super::keys::Gens;
use crate::check::parts::{self, Deps, Part, Sources, hash};
use crate::check::{self, Scanned};
use crate::diag::Diagnostic;
use crate::plan::{Body, Job, Loaded};
use crate::site::{Entry, Site};
use crate::templates::Asset;

#[derive(Default)]
pub struct Checks {
    /// Pages and stylesheets, by output file.
    files: HashMap<Arc<str>, Checked>,
    /// Entries by source path: the generation checked, and the findings.
    entries: HashMap<OsString, (u64, Part)>,
    /// Every page's URL, in plan order, for "did you mean" hints.
    urls: Vec<String>,
}

/// What is kept of one checked file.
struct Checked {
    url: Option<String>,
    ids: u64,
    /// The files it refers to ([`hash`]ed), and those it links into with a
    /// `#fragment`.
    refs: Vec<u64>,
    anchored: Vec<u64>,
    part: Part,
}

impl Checks {
    /// Every finding on the site `made` from `loaded`, errors and warnings,
    /// as `trellis check` lists them. `statics`: static files changed.
    pub fn update(
        &mut self,
        loaded: &Loaded,
        gens: &Gens,
        made: &Made,
        root: &Path,
        statics: bool,
    ) -> Vec<Diagnostic> {
        let mut round = Round::new(loaded, made, root);
        let deps = self.scan_dirty(&mut round, statics);
        let dirty: Vec<usize> = deps.iter().map(|(i, _)| *i).collect();
        round.scan_targets(&deps);
        self.remember(made, deps);
        self.check_files(&round, &dirty);
        self.check_entries(&loaded.site, gens);
        self.finish(&loaded.site, made)
    }

    /// Scans the files to check again, and returns what each depends on.
    fn scan_dirty(&self, round: &mut Round<'_>, statics: bool) -> Vec<(usize, Deps)> {
        let first = self.first_dirty(round, statics);
        let mut deps = round.scan(first);
        let dependents = self.anchored_into(round, &deps);
        deps.extend(round.scan(dependents));
        deps
    }

    /// The files to check again before looking at ids: everything when
    /// nothing is kept (a full rebuild starts afresh), else the rendered
    /// files and the ones the module comment lists.
    fn first_dirty(&self, round: &Round<'_>, statics: bool) -> Vec<usize> {
        let made = round.made;
        if self.files.is_empty() {
            return (0..made.plan.len())
                .filter(|&i| checked(&made.paths[i]))
                .collect();
        }
        let mut dirty: Vec<usize> = made.rendered.clone();
        let removed: HashSet<u64> = match made.new_paths {
            true => made
                .changed
                .iter()
                .filter(|k| !made.files.contains_key(k.as_str()))
                .map(|k| hash(k))
                .collect(),
            false => HashSet::new(),
        };
        let retrace = statics || made.new_paths;
        if !retrace {
            return dirty;
        }
        for (key, c) in &self.files {
            let stale = !c.part.is_empty() || c.refs.iter().any(|r| removed.contains(r));
            if let Some(i) = stale.then(|| round.index_of(key)).flatten() {
                dirty.push(i);
            }
        }
        dirty
    }

    /// Kept pages with `#anchor` links into a scanned page whose ids are not
    /// the ones they were checked against.
    fn anchored_into(&self, round: &Round<'_>, deps: &[(usize, Deps)]) -> Vec<usize> {
        let paths = &round.made.paths;
        let moved: HashSet<u64> = deps
            .iter()
            .filter(|(i, d)| self.files.get(&paths[*i]).is_none_or(|c| c.ids != d.ids))
            .map(|(i, _)| hash(&paths[*i]))
            .collect();
        if moved.is_empty() {
            return Vec::new();
        }
        self.files
            .iter()
            .filter(|(_, c)| c.anchored.iter().any(|a| moved.contains(a)))
            .filter_map(|(key, _)| round.index_of(key))
            .collect()
    }

    /// Keeps what the scanned files depend on; forgets files no longer
    /// planned.
    fn remember(&mut self, made: &Made, deps: Vec<(usize, Deps)>) {
        for (i, d) in deps {
            let hashed = |anchored_only: bool| {
                let targets = d.targets.iter().filter(|(_, a)| *a || !anchored_only);
                targets.map(|(f, _)| hash(f)).collect()
            };
            let checked = Checked {
                refs: hashed(false),
                anchored: hashed(true),
                url: d.url,
                ids: d.ids,
                // Set by `check_files`, which checks every file remembered here.
                part: Part::default(),
            };
            self.files.insert(Arc::clone(&made.paths[i]), checked);
        }
        if made.new_paths {
            self.files
                .retain(|k, _| made.files.contains_key(k.as_ref()));
            let kept = made.paths.iter().filter_map(|k| self.files.get(k));
            self.urls = kept.filter_map(|c| c.url.clone()).collect();
        }
    }

    /// Checks the files scanned again, against the pages they link into.
    fn check_files(&mut self, round: &Round<'_>, dirty: &[usize]) {
        let (made, site) = (round.made, &round.loaded.site);
        let has_file = |f: &str| made.files.contains_key(f);
        let scans = round
            .scans
            .iter()
            .map(|(i, s)| (made.paths[*i].as_ref(), s));
        let urls = self.urls.iter().map(String::as_str).collect();
        let targets = parts::targets(&has_file, scans, urls);
        let sources = Sources::load(round.root, site);
        let parts: Vec<(usize, Part)> = dirty
            .par_iter()
            .filter_map(|&i| {
                let scanned = round.scans.get(&i)?;
                Some((i, parts::file(scanned, &targets, &sources, &site.config)))
            })
            .collect();
        for (i, part) in parts {
            if let Some(c) = self.files.get_mut(&made.paths[i]) {
                c.part = part;
            }
        }
    }

    /// Checks the words of the entries read again since they were checked.
    fn check_entries(&mut self, site: &Site, gens: &Gens) {
        let all: Vec<&Entry> = site.entries().collect();
        let stale: Vec<(&Entry, u64)> = all
            .iter()
            .filter_map(|e| {
                let path = e.doc.path.as_os_str();
                let kept = self.entries.get(path).map(|(g, _)| *g);
                // An entry without a generation is checked every time.
                match gens.get(path) {
                    Some(&now) if kept == Some(now) => None,
                    now => Some((*e, now.copied().unwrap_or(u64::MAX))),
                }
            })
            .collect();
        let fresh: Vec<(OsString, u64, Part)> = stale
            .par_iter()
            .map(|&(e, g)| {
                (
                    e.doc.path.clone().into_os_string(),
                    g,
                    parts::entry(e, &site.config),
                )
            })
            .collect();
        for (path, g, part) in fresh {
            self.entries.insert(path, (g, part));
        }
        if self.entries.len() != all.len() {
            let present: HashSet<&std::ffi::OsStr> =
                all.iter().map(|e| e.doc.path.as_os_str()).collect();
            self.entries.retain(|p, _| present.contains(p.as_os_str()));
        }
    }

    /// All kept findings, in plan and site order, as one report.
    fn finish(&self, site: &Site, made: &Made) -> Vec<Diagnostic> {
        let files = made.paths.iter().filter_map(|k| self.files.get(k));
        let entries = site
            .entries()
            .filter_map(|e| self.entries.get(e.doc.path.as_os_str()));
        parts::finish(files.map(|c| &c.part).chain(entries.map(|(_, p)| p)), site)
    }
}

/// One update: the build it checks, and the files scanned for it.
struct Round<'a> {
    loaded: &'a Loaded,
    made: &'a Made,
    root: &'a Path,
    /// Plan index by output file, made when first needed.
    index: OnceLock<HashMap<&'a str, usize>>,
    scans: HashMap<usize, Scanned<'a>>,
}

impl<'a> Round<'a> {
    fn new(loaded: &'a Loaded, made: &'a Made, root: &'a Path) -> Round<'a> {
        Round {
            loaded,
            made,
            root,
            index: OnceLock::new(),
            scans: HashMap::new(),
        }
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        let paths = &self.made.paths;
        let index = self.index.get_or_init(|| {
            let keys = paths.iter().map(|p| p.as_ref());
            keys.zip(0..).collect()
        });
        index.get(key).copied()
    }

    /// Scans the pages that `deps` link into with a `#fragment`, for their
    /// ids.
    fn scan_targets(&mut self, deps: &[(usize, Deps)]) {
        let anchored = deps
            .iter()
            .flat_map(|(_, d)| d.targets.iter().filter(|(_, a)| *a));
        let targets = anchored
            .filter_map(|(file, _)| self.index_of(file))
            .collect();
        self.scan(targets);
    }

    /// Scans the pages and stylesheets among `todo` not scanned yet, in
    /// parallel, and returns what each depends on.
    fn scan(&mut self, mut todo: Vec<usize>) -> Vec<(usize, Deps)> {
        todo.sort_unstable();
        todo.dedup();
        todo.retain(|i| !self.scans.contains_key(i) && checked(&self.made.paths[*i]));
        let base_url = &self.loaded.site.config.base_url;
        let scanned: Vec<(usize, Scanned<'a>, Deps)> = todo
            .par_iter()
            .map(|&i| {
                let s = self.scan_one(i);
                let d = parts::deps(&s, base_url);
                (i, s, d)
            })
            .collect();
        let mut deps = Vec::with_capacity(scanned.len());
        for (i, s, d) in scanned {
            self.scans.insert(i, s);
            deps.push((i, d));
        }
        deps
    }

    /// Scans one built file from its bytes; a site's stylesheet is read as
    /// its source file, so findings in it name that file.
    fn scan_one(&self, i: usize) -> Scanned<'a> {
        let planned = &self.made.plan[i];
        let content = match &planned.job {
            Job::Asset(Asset::File(path)) => Body::Copy(path.clone()),
            Job::Asset(Asset::Embedded(bytes)) => Body::Bytes(bytes),
            _ => {
                let bytes = self.made.files.get(&self.made.paths[i]);
                let text = bytes.map(|b| String::from_utf8_lossy(b).into_owned());
                Body::Text(text.unwrap_or_default())
            }
        };
        check::scan(&self.loaded.site, planned, &content, self.root)
    }
}

/// The files the checks read: HTML pages and stylesheets.
fn checked(key: &str) -> bool {
    key.ends_with(".html") || key.ends_with(".css")
}
