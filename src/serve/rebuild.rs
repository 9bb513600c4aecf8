//! Rebuilds for `serve --watch`, doing as little as is safe.
//!
//! A content change re-reads only the Markdown files that changed (plus
//! new files, and unpublished ones, whose fate depends on the clock) and
//! keeps every other entry's parsed and rendered Markdown. An edit that
//! leaves the front matter as it was swaps the entry into the old `Site`;
//! any other change assembles the `Site` again from the kept entries.
//! Then only the output files whose inputs changed are rendered
//! ([`files`](super::files)). A config, template or theme change, or a
//! failure after the old site was taken apart, rebuilds everything.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use super::checks::Checks;
use super::files::{Made, Output};
use super::keys::Gens;
use crate::build::{self, Loaded};
use crate::config::Config;
use crate::content::{self, Document, Kind};
use crate::diag::{Diagnostic, Result};
use crate::markdown::Rendered;
use crate::site::{self, Entry, Site};

/// What changed on disk since the last rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Config, templates or theme: everything is rebuilt.
    pub full: bool,
    /// Absolute paths under `content/` that changed, files or folders.
    pub content: BTreeSet<PathBuf>,
    /// Something under `static/` (the site's or the theme's).
    pub statics: bool,
    /// ... that a component may read: an image, whose size it fills in.
    pub images: bool,
}

impl Changes {
    pub fn everything() -> Changes {
        Changes {
            full: true,
            ..Changes::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.full && !self.statics && !self.images && self.content.is_empty()
    }

    pub fn merge(&mut self, other: Changes) {
        self.full |= other.full;
        self.statics |= other.statics;
        self.images |= other.images;
        self.content.extend(other.content);
    }
}

/// A rebuild that got as far as output; its checks may still have failed.
pub struct Built {
    pub made: Made,
    pub full: bool,
    /// What `build` would report: errors (it would fail) and warnings.
    pub found: Vec<Diagnostic>,
}

pub struct Rebuilder {
    opts: build::Options,
    generation: u64,
    state: Option<State>,
    /// Content changed since the last good build: a file that is still
    /// broken must never be replaced by its cached older self.
    pending: HashSet<OsString>,
    pending_images: bool,
    /// Static files changed since the last good build.
    pending_statics: bool,
    output: Output,
    checks: Checks,
}

/// The last good site, kept for the next rebuild.
struct State {
    loaded: Loaded,
    tz: TimeZone,
    gens: Gens,
    /// Drafts and future posts (absolute paths): read again on every
    /// rebuild, because the clock decides when a future post appears.
    skipped: HashSet<OsString>,
}

/// Content read and rendered before the old site is touched, so a broken
/// file leaves the state as it was.
struct Delta {
    /// Relative paths of all content files, when they were walked again;
    /// `None` when every change was an edit in place of a known file.
    present: Option<HashSet<OsString>>,
    reread: HashSet<OsString>,
    fresh: Vec<(Document, Rendered)>,
    skipped: HashSet<OsString>,
    /// Entries whose components may read changed static files.
    restyled: HashMap<OsString, Rendered>,
}

impl Rebuilder {
    pub fn new(opts: build::Options) -> Rebuilder {
        Rebuilder {
            opts,
            generation: 0,
            state: None,
            pending: HashSet::new(),
            pending_images: false,
            pending_statics: false,
            output: Output::default(),
            checks: Checks::default(),
        }
    }

    pub fn rebuild(&mut self, changes: &Changes) -> Result<Built> {
        self.generation += 1;
        let paths = changes.content.iter().map(|p| p.as_os_str().to_owned());
        self.pending.extend(paths);
        self.pending_images |= changes.images;
        self.pending_statics |= changes.statics;
        let (made, full) = if self.state.is_some() && !changes.full {
            self.incremental()?
        } else {
            self.full()?
        };
        self.pending.clear();
        self.pending_images = false;
        // Every good build leaves its state; without one nothing was built.
        let state = self
            .state
            .as_ref()
            .ok_or_else(|| Diagnostic::error("serve", "a rebuild kept no site to check"))?;
        let statics = std::mem::take(&mut self.pending_statics);
        let (loaded, gens, root) = (&state.loaded, &state.gens, &self.opts.root);
        let found = self.checks.update(loaded, gens, &made, root, statics);
        Ok(Built { made, full, found })
    }

    fn full(&mut self) -> Result<(Made, bool)> {
        self.state = None;
        self.output.forget_keys();
        self.checks = Checks::default();
        let loaded = build::load(&self.opts)?;
        let tz = TimeZone::get(&loaded.site.config.timezone).unwrap_or(TimeZone::UTC);
        let gens: Gens = loaded
            .site
            .entries()
            .map(|e| (e.doc.path.as_os_str().to_owned(), self.generation))
            .collect();
        let root = &self.opts.root;
        let skipped = content::discover(root)
            .into_iter()
            .filter(|f| !gens.contains_key(relative(root, f)))
            .map(PathBuf::into_os_string)
            .collect();
        let state = State {
            loaded,
            tz,
            gens,
            skipped,
        };
        let made = self.output.make(&state.loaded, &state.gens, root)?;
        self.state = Some(state);
        Ok((made, true))
    }

    fn incremental(&mut self) -> Result<(Made, bool)> {
        let delta = match &self.state {
            Some(state) => self.read_delta(state)?,
            None => return self.full(),
        };
        let Some(state) = self.state.take() else {
            return self.full();
        };
        let state = self.apply(state, delta)?;
        let made = self
            .output
            .make(&state.loaded, &state.gens, &self.opts.root)?;
        self.state = Some(state);
        Ok((made, false))
    }

    fn read_delta(&self, state: &State) -> Result<Delta> {
        let root = &self.opts.root;
        let known = |p: &OsStr| {
            state.skipped.contains(p) || state.gens.contains_key(relative(root, Path::new(p)))
        };
        // The watcher reports every new file, or its folder: when all
        // changes are known files that still exist, nothing came or went.
        let in_place = self
            .pending
            .iter()
            .all(|p| known(p) && Path::new(p).is_file());
        let (present, to_read): (_, BTreeSet<PathBuf>) = if in_place {
            let read = self.pending.iter().chain(&state.skipped);
            (None, read.map(PathBuf::from).collect())
        } else {
            let files = content::discover(root);
            let present = files.iter().map(|f| relative(root, f).to_owned()).collect();
            let read = files.into_iter().filter(|f| {
                let f = f.as_os_str();
                self.pending.contains(f) || state.skipped.contains(f) || !known(f)
            });
            (Some(present), read.collect())
        };
        let to_read: Vec<PathBuf> = to_read.into_iter().collect();
        let opts = content::Options {
            drafts: self.opts.drafts,
            now: jiff::Timestamp::now(),
            tz: &state.tz,
        };
        let mut docs = content::load(root, &to_read, &opts)?;
        // A re-read bundle keeps its files; the warnings about stray files
        // come with full builds.
        content::attach(root, &content::find(root), &mut docs);
        let fresh = build::render_markdown(docs, &state.loaded.engine)?;
        let published: HashSet<&OsStr> = fresh.iter().map(|(d, _)| d.path.as_os_str()).collect();
        let skipped = to_read
            .iter()
            .filter(|f| !published.contains(relative(root, f)))
            .map(|f| f.as_os_str().to_owned())
            .collect();
        let reread: HashSet<OsString> = to_read
            .iter()
            .map(|f| relative(root, f).to_owned())
            .collect();
        let restyled = if self.pending_images {
            restyle(state, &reread)?
        } else {
            HashMap::new()
        };
        Ok(Delta {
            present,
            reread,
            fresh,
            skipped,
            restyled,
        })
    }

    fn apply(&self, mut state: State, delta: Delta) -> Result<State> {
        if !can_patch(&state, &delta) {
            return self.reassemble(state, delta);
        }
        let config = state.loaded.site.config.clone();
        for (doc, rendered) in delta.fresh {
            let path = doc.path.clone();
            let mut entry = lone_entry(config.clone(), doc, rendered)?;
            let slot = find_mut(&mut state.loaded.site, &path)
                .ok_or_else(|| Diagnostic::error("serve", "an edited entry went missing"))?;
            entry.tags = std::mem::take(&mut slot.tags);
            *slot = entry;
            state.gens.insert(path.into_os_string(), self.generation);
        }
        Ok(state)
    }

    /// Puts the kept and the new entries together into a new site.
    fn reassemble(&self, state: State, mut delta: Delta) -> Result<State> {
        let State {
            loaded,
            tz,
            mut gens,
            ..
        } = state;
        let Site {
            config,
            posts,
            pages,
            home,
            ..
        } = loaded.site;
        let mut docs = Vec::with_capacity(posts.len() + pages.len() + delta.fresh.len() + 1);
        for e in posts.into_iter().chain(pages).chain(home) {
            let path = e.doc.path.as_os_str();
            let gone = delta.present.as_ref().is_some_and(|p| !p.contains(path));
            if delta.reread.contains(path) || gone {
                gens.remove(path);
                continue;
            }
            let rendered = match delta.restyled.remove(path) {
                Some(r) => {
                    gens.insert(path.to_owned(), self.generation);
                    r
                }
                None => e.rendered,
            };
            docs.push((e.doc, rendered));
        }
        for (doc, rendered) in delta.fresh {
            gens.insert(doc.path.as_os_str().to_owned(), self.generation);
            docs.push((doc, rendered));
        }
        let site = site::assemble(config, docs)?;
        Ok(State {
            loaded: Loaded { site, ..loaded },
            tz,
            gens,
            skipped: delta.skipped,
        })
    }
}

/// The common case, an edit of a post's body, can swap the new entries
/// into the old site: nothing came or went, and each edited entry keeps its
/// front matter as written (so its URL, date, tags and place in every list)
/// and its need for the highlight stylesheet.
fn can_patch(state: &State, delta: &Delta) -> bool {
    let site = &state.loaded.site;
    delta.present.is_none()
        && delta.restyled.is_empty()
        && delta.skipped == state.skipped
        && delta.fresh.iter().all(|(doc, rendered)| {
            find(site, &doc.path).is_some_and(|old| {
                old.doc.kind == doc.kind
                    && old.doc.yaml == doc.yaml
                    && old.rendered.has_code == rendered.has_code
            })
        })
}

/// An entry's URL, summary and description depend on it alone, so a site
/// of that one entry computes them as the whole site would.
fn lone_entry(config: Config, doc: Document, rendered: Rendered) -> Result<Entry> {
    let kind = doc.kind;
    let mut site = site::assemble(config, vec![(doc, rendered)])?;
    let entry = match kind {
        Kind::Post => site.posts.pop(),
        Kind::Page => site.pages.pop(),
        Kind::Home => site.home.take(),
    };
    entry.ok_or_else(|| Diagnostic::error("serve", "an edited entry was not assembled").into())
}

fn find<'s>(site: &'s Site, path: &Path) -> Option<&'s Entry> {
    site.entries()
        .find(|e| e.doc.path.as_os_str() == path.as_os_str())
}

fn find_mut<'s>(site: &'s mut Site, path: &Path) -> Option<&'s mut Entry> {
    let path = path.as_os_str();
    let Site {
        posts, pages, home, ..
    } = site;
    posts
        .iter_mut()
        .chain(pages.iter_mut())
        .chain(home.iter_mut())
        .find(|e| e.doc.path.as_os_str() == path)
}

/// Renders again the Markdown of entries that use components, since a
/// component may read a static file (an image's size).
fn restyle(state: &State, skip: &HashSet<OsString>) -> Result<HashMap<OsString, Rendered>> {
    let docs = state
        .loaded
        .site
        .entries()
        .filter(|e| !e.rendered.components.is_empty() && !skip.contains(e.doc.path.as_os_str()))
        .map(|e| e.doc.clone())
        .collect();
    let rendered = build::render_markdown(docs, &state.loaded.engine)?;
    Ok(rendered
        .into_iter()
        .map(|(d, r)| (d.path.into_os_string(), r))
        .collect())
}

/// The path as messages and entries know it: relative to the root.
fn relative<'p>(root: &Path, file: &'p Path) -> &'p OsStr {
    file.strip_prefix(root).unwrap_or(file).as_os_str()
}
