//! The built files `serve` holds, and how one build's files become the
//! next's: render the files whose [keys](super::keys) changed, reuse the
//! bytes of the rest, and list what differs for the reload.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use rayon::prelude::*;

use super::keys::{Gens, Keyer};
use crate::diag::Result;
use crate::output::{self, Memory};
use crate::plan::{self, Loaded, Planned, file_key};

/// The built site: file key (`blog/x/index.html`) → bytes. Keys are shared
/// `Arc<str>`s, so the next build's map is a cheap copy of this one.
pub type Files = HashMap<Arc<str>, Bytes>;

/// What one build made of the last one.
pub struct Made {
    pub files: Arc<Files>,
    /// Keys of the files added, changed or removed.
    pub changed: Vec<String>,
    /// The plan, and each planned file's key.
    pub plan: Vec<Planned>,
    pub paths: Vec<Arc<str>>,
    /// The files rendered, as indices into the plan (the rest were reused,
    /// and have the bytes they had).
    pub rendered: Vec<usize>,
    /// Files came or went since the last build.
    pub new_paths: bool,
}

/// The files of the last build, and the input key each was made from.
#[derive(Default)]
pub struct FileSet {
    files: Arc<Files>,
    keys: HashMap<Arc<str>, u64>,
    /// A hash of the planned paths, in order. While it stays the same, so
    /// does the outcome of the plan's clash check, which can be skipped.
    paths: u64,
}

impl FileSet {
    /// After a config or template change no key can be trusted.
    pub fn forget_keys(&mut self) {
        self.keys.clear();
        self.paths = 0;
    }

    pub fn make(&mut self, loaded: &Loaded, gens: &Gens, root: &Path) -> Result<Made> {
        let plan = plan::plan(&loaded.site, root);
        let paths: Vec<Arc<str>> = plan.iter().map(|p| self.intern(&p.path)).collect();
        let mut h = DefaultHasher::new();
        paths.hash(&mut h);
        let paths_hash = h.finish();
        if paths_hash != self.paths {
            plan::check_clashes(&plan)?;
        }
        let keyer = Keyer::new(&loaded.site, gens);
        let keys: Vec<Option<u64>> = plan.par_iter().map(|p| keyer.key(&p.job)).collect();
        let stale = |i: usize| {
            let path = &paths[i];
            keys[i].is_none()
                || self.keys.get(path) != keys[i].as_ref()
                || !self.files.contains_key(path)
        };
        let todo: Vec<usize> = (0..plan.len()).filter(|&i| stale(i)).collect();
        let made = output::render(&plan, Some(&todo), &Memory, |p| {
            Ok((plan::render(&p.job, loaded)?, ()))
        })?;
        let fresh = todo
            .iter()
            .zip(made)
            .map(|(&i, ((), bytes))| (i, Bytes::from(bytes)))
            .collect();
        let new_paths = paths_hash != self.paths;
        let (files, changed) = self.merge(&paths, !new_paths, fresh);
        self.keys = paths
            .iter()
            .zip(keys)
            .filter_map(|(path, key)| Some((Arc::clone(path), key?)))
            .collect();
        self.paths = paths_hash;
        self.files = Arc::new(files);
        Ok(Made {
            files: Arc::clone(&self.files),
            changed,
            plan,
            paths,
            rendered: todo,
            new_paths,
        })
    }

    /// The key for an output path, shared with the last build's when it
    /// had the same file.
    fn intern(&self, path: &Path) -> Arc<str> {
        let key = match path.to_str() {
            Some(s) if !s.contains('\\') => std::borrow::Cow::Borrowed(s),
            _ => std::borrow::Cow::Owned(file_key(path)),
        };
        match self.files.get_key_value(key.as_ref()) {
            Some((k, _)) => Arc::clone(k),
            None => Arc::from(key.as_ref()),
        }
    }

    /// The new file set: the old one, minus files no longer planned, with
    /// the fresh bytes in; and the keys whose bytes differ.
    fn merge(
        &self,
        paths: &[Arc<str>],
        same_paths: bool,
        fresh: Vec<(usize, Bytes)>,
    ) -> (Files, Vec<String>) {
        let mut files = (*self.files).clone();
        let mut changed = Vec::new();
        if !same_paths {
            let planned: HashSet<&str> = paths.iter().map(|p| p.as_ref()).collect();
            files.retain(|k, _| {
                let keep = planned.contains(k.as_ref());
                if !keep {
                    changed.push(k.to_string());
                }
                keep
            });
        }
        for (i, bytes) in fresh {
            let path = &paths[i];
            if self.files.get(path) != Some(&bytes) {
                changed.push(path.to_string());
            }
            files.insert(Arc::clone(path), bytes);
        }
        changed.sort();
        (files, changed)
    }
}
