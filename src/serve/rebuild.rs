//! Rebuilds for `serve --watch`, doing as little as is safe.
//!
//! A content change re-reads only the Markdown files that changed (plus
//! new files and unpublished ones, whose fate depends on the clock), keeps
//! every other post's parsed and rendered Markdown, assembles the `Site`
//! again (cheap: sorting, tags, listings), and renders only the output
//! files whose inputs changed ([`keys`](super::keys)); the rest are reused
//! from the previous build. A config, template or theme change, or any
//! failure after the old site was taken apart, makes the next rebuild a
//! full one.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use jiff::tz::TimeZone;
use rayon::prelude::*;

use super::keys::Keyer;
use crate::build::{self, Loaded};
use crate::content;
use crate::diag::{self, Error, Result};
use crate::markdown::Rendered;
use crate::output::{self, Content};
use crate::site::{self, Site};

/// The built site: file key (`blog/x/index.html`) → bytes.
pub type Files = HashMap<String, Bytes>;

/// What changed on disk since the last rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Config, templates or theme: everything is rebuilt.
    pub full: bool,
    /// Absolute paths under `content/` that changed, files or folders.
    pub content: BTreeSet<PathBuf>,
    /// Something under `static/` (the site's or the theme's).
    pub statics: bool,
}

impl Changes {
    pub fn everything() -> Changes {
        Changes {
            full: true,
            ..Changes::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.full && !self.statics && self.content.is_empty()
    }

    pub fn merge(&mut self, other: Changes) {
        self.full |= other.full;
        self.statics |= other.statics;
        self.content.extend(other.content);
    }
}

/// The outcome of a good rebuild.
pub struct Built {
    pub files: Arc<Files>,
    /// Keys of the files added, changed or removed since the last good build.
    pub changed: Vec<String>,
    /// How many files were rendered (the rest were reused).
    pub rendered: usize,
    pub full: bool,
}

pub struct Rebuilder {
    opts: build::Options,
    generation: u64,
    state: Option<State>,
    /// Content changed since the last good build: a file that is still
    /// broken must never be replaced by its cached older self.
    pending: BTreeSet<PathBuf>,
    pending_static: bool,
    files: Arc<Files>,
    keys: HashMap<String, u64>,
}

/// The last good site, taken apart and put together on each rebuild.
struct State {
    loaded: Loaded,
    tz: TimeZone,
    /// Source path (relative to the root) → the generation it was read in.
    gens: HashMap<PathBuf, u64>,
    /// Drafts and future posts: read again on every rebuild, because the
    /// clock decides when a future post appears.
    skipped: HashSet<PathBuf>,
}

/// Content read and rendered before the old site is touched, so a broken
/// file leaves the state as it was.
struct Delta {
    present: HashSet<PathBuf>,
    reread: HashSet<PathBuf>,
    fresh: Vec<(content::Document, Rendered)>,
    skipped: HashSet<PathBuf>,
    /// Entries whose components may read changed static files.
    restyled: HashMap<PathBuf, Rendered>,
}

impl Rebuilder {
    pub fn new(opts: build::Options) -> Rebuilder {
        Rebuilder {
            opts,
            generation: 0,
            state: None,
            pending: BTreeSet::new(),
            pending_static: false,
            files: Arc::default(),
            keys: HashMap::new(),
        }
    }

    pub fn rebuild(&mut self, changes: &Changes) -> Result<Built> {
        self.generation += 1;
        self.pending.extend(changes.content.iter().cloned());
        self.pending_static |= changes.statics;
        let built = if self.state.is_some() && !changes.full {
            self.incremental()?
        } else {
            self.full()?
        };
        self.pending.clear();
        self.pending_static = false;
        Ok(built)
    }

    fn full(&mut self) -> Result<Built> {
        self.state = None;
        self.keys.clear();
        let loaded = build::load(&self.opts)?;
        let tz = TimeZone::get(&loaded.site.config.timezone).unwrap_or(TimeZone::UTC);
        let site = &loaded.site;
        let gens: HashMap<PathBuf, u64> = entries(site)
            .map(|e| (e.doc.path.clone(), self.generation))
            .collect();
        let skipped = content::discover(&self.opts.root)
            .into_iter()
            .filter(|f| !gens.contains_key(&relative(&self.opts.root, f)))
            .collect();
        let state = State {
            loaded,
            tz,
            gens,
            skipped,
        };
        let built = self.render(&state, true)?;
        self.state = Some(state);
        Ok(built)
    }

    fn incremental(&mut self) -> Result<Built> {
        let delta = match &self.state {
            Some(state) => self.read_delta(state)?,
            None => return self.full(),
        };
        let Some(state) = self.state.take() else {
            return self.full();
        };
        let state = self.apply(state, delta)?;
        let built = self.render(&state, false)?;
        self.state = Some(state);
        Ok(built)
    }

    fn read_delta(&self, state: &State) -> Result<Delta> {
        let root = &self.opts.root;
        let files = content::discover(root);
        let present: HashSet<PathBuf> = files.iter().map(|f| relative(root, f)).collect();
        let to_read: Vec<PathBuf> = files
            .into_iter()
            .filter(|f| {
                self.pending.contains(f)
                    || state.skipped.contains(f)
                    || !state.gens.contains_key(&relative(root, f))
            })
            .collect();
        let opts = content::Options {
            drafts: self.opts.drafts,
            now: jiff::Timestamp::now(),
            tz: &state.tz,
        };
        let docs = content::load(root, &to_read, &opts)?;
        let fresh = build::render_markdown(docs, &state.loaded.engine)?;
        let published: HashSet<&Path> = fresh.iter().map(|(d, _)| d.path.as_path()).collect();
        let skipped = to_read
            .iter()
            .filter(|f| !published.contains(relative(root, f).as_path()))
            .cloned()
            .collect();
        let reread: HashSet<PathBuf> = to_read.iter().map(|f| relative(root, f)).collect();
        let restyled = if self.pending_static {
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

    /// Swaps the changed entries into the old site and assembles it again.
    fn apply(&self, state: State, mut delta: Delta) -> Result<State> {
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
            let path = &e.doc.path;
            if delta.reread.contains(path) || !delta.present.contains(path) {
                gens.remove(path);
                continue;
            }
            let rendered = match delta.restyled.remove(path) {
                Some(r) => {
                    gens.insert(path.clone(), self.generation);
                    r
                }
                None => e.rendered,
            };
            docs.push((e.doc, rendered));
        }
        for (doc, rendered) in delta.fresh {
            gens.insert(doc.path.clone(), self.generation);
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

    /// Renders the files whose keys changed and reuses the rest.
    fn render(&mut self, state: &State, full: bool) -> Result<Built> {
        let loaded = &state.loaded;
        let plan = build::plan(&loaded.site, &self.opts.root)?;
        output::check_plan(&plan)?;
        let keyer = Keyer::new(&loaded.site, &state.gens);
        let keys: Vec<(String, Option<u64>)> = plan
            .iter()
            .map(|p| (file_key(&p.path), keyer.key(&p.job)))
            .collect();
        let stale = |(path, key): &(String, Option<u64>)| {
            key.is_none() || self.keys.get(path) != key.as_ref() || !self.files.contains_key(path)
        };
        let todo: Vec<usize> = (0..plan.len()).filter(|&i| stale(&keys[i])).collect();
        let results: Vec<Result<(usize, Bytes)>> = todo
            .par_iter()
            .map(|&i| {
                Ok((
                    i,
                    to_bytes(build::render(&plan[i].job, loaded)?, &plan[i].path)?,
                ))
            })
            .collect();
        let fresh = diag::collect(results, |r| r)?;
        let rendered = fresh.len();
        let (files, changed) = self.merge(&keys, fresh);
        self.keys = keys
            .into_iter()
            .filter_map(|(path, key)| Some((path, key?)))
            .collect();
        self.files = Arc::new(files);
        Ok(Built {
            files: Arc::clone(&self.files),
            changed,
            rendered,
            full,
        })
    }

    /// The new file set: fresh bytes where rendered, the old ones elsewhere;
    /// and the keys that differ from the previous build.
    fn merge(
        &self,
        keys: &[(String, Option<u64>)],
        fresh: Vec<(usize, Bytes)>,
    ) -> (Files, Vec<String>) {
        let mut files: Files = HashMap::with_capacity(keys.len());
        let mut changed = Vec::new();
        for (i, bytes) in fresh {
            let path = &keys[i].0;
            if self.files.get(path) != Some(&bytes) {
                changed.push(path.clone());
            }
            files.insert(path.clone(), bytes);
        }
        for (path, _) in keys {
            if let (false, Some(old)) = (files.contains_key(path), self.files.get(path)) {
                files.insert(path.clone(), old.clone());
            }
        }
        changed.extend(
            self.files
                .keys()
                .filter(|k| !files.contains_key(*k))
                .cloned(),
        );
        changed.sort();
        (files, changed)
    }
}

fn entries(site: &Site) -> impl Iterator<Item = &site::Entry> {
    site.posts.iter().chain(&site.pages).chain(&site.home)
}

/// Renders again the Markdown of entries that use components, since a
/// component may read a static file (an image's size).
fn restyle(state: &State, skip: &HashSet<PathBuf>) -> Result<HashMap<PathBuf, Rendered>> {
    let docs = entries(&state.loaded.site)
        .filter(|e| !e.rendered.components.is_empty() && !skip.contains(&e.doc.path))
        .map(|e| e.doc.clone())
        .collect();
    let rendered = build::render_markdown(docs, &state.loaded.engine)?;
    Ok(rendered.into_iter().map(|(d, r)| (d.path, r)).collect())
}

fn relative(root: &Path, file: &Path) -> PathBuf {
    file.strip_prefix(root).unwrap_or(file).to_path_buf()
}

/// The key a file is stored and served under: its output path with `/`.
fn file_key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn to_bytes(content: Content, shown: &Path) -> Result<Bytes> {
    Ok(match content {
        Content::Text(s) => Bytes::from(s),
        Content::Bytes(b) => Bytes::from_static(b),
        Content::Copy(src) => {
            Bytes::from(std::fs::read(&src).map_err(|e| Error::io("read", shown, &e))?)
        }
    })
}
