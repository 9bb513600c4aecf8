//! The only writer. Renders a plan in parallel into a sink: a staging
//! folder beside the output, swapped in only when everything succeeded (so
//! the previous site is never half-written or lost), memory, or nowhere.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{self, Diagnostic, Error, Result};
use crate::plan::{Body, Planned};

/// Where rendered files go. [`render`] hands each file to the sink as it
/// is made, in parallel.
pub trait Sink: Sync {
    /// What the sink gives back for each file.
    type Made: Send;
    fn put(&self, path: &Path, body: Body) -> Result<Self::Made>;
}

/// Into memory, as bytes: `serve`.
pub struct Memory;

impl Sink for Memory {
    type Made = Vec<u8>;
    fn put(&self, path: &Path, body: Body) -> Result<Vec<u8>> {
        Ok(match body {
            Body::Text(s) => s.into_bytes(),
            Body::Bytes(b) => b.to_vec(),
            Body::Copy(src) => std::fs::read(&src).map_err(|e| Error::io("read", path, &e))?,
        })
    }
}

/// Nowhere: `check`, which keeps only what it read of each file.
pub struct Discard;

impl Sink for Discard {
    type Made = ();
    fn put(&self, _: &Path, _: Body) -> Result<()> {
        Ok(())
    }
}

/// Renders the planned files (all, or those at `only`'s indices) into
/// `sink`. `make` renders one file and returns, besides its body, what the
/// caller keeps of it (`build` and `check` keep what the checks read).
/// The results come back in the order of the files.
pub fn render<K: Send, S: Sink>(
    plan: &[Planned],
    only: Option<&[usize]>,
    sink: &S,
    make: impl Fn(&Planned) -> Result<(Body, K)> + Sync,
) -> Result<Vec<(K, S::Made)>> {
    let one = |p: &Planned| {
        let (body, kept) = make(p)?;
        Ok((kept, sink.put(&p.path, body)?))
    };
    let results: Vec<Result<(K, S::Made)>> = match only {
        None => plan
            .par_iter()
            .with_max_len(crate::JOB_BATCH)
            .map(one)
            .collect(),
        Some(only) => only
            .par_iter()
            .with_max_len(crate::JOB_BATCH)
            .map(|&i| one(&plan[i]))
            .collect(),
    };
    diag::collect(results, |r| r)
}

/// Refuses an output folder whose replacement would destroy the author's
/// work: the site itself, a folder above it, or one of its source folders.
pub fn guard(root: &Path, target: &Path) -> Result<()> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, target) = (abs(root), abs(target));
    let sources = ["content", "static", "templates", "themes"].map(|d| root.join(d));
    let unsafe_target = root.starts_with(&target) || sources.iter().any(|s| target.starts_with(s));
    let foreign = target.is_dir()
        && !target.join("index.html").exists()
        && std::fs::read_dir(&target).is_ok_and(|mut d| d.next().is_some());
    if unsafe_target || foreign {
        return Err(Diagnostic::error(
            "output",
            format!("will not replace {} with the built site", target.display()),
        )
        .hint("choose an empty folder or a previous trellis output, e.g. --output public")
        .into());
    }
    Ok(())
}

/// A staging folder beside the output: a [`Sink`] whose files replace
/// the output only on [`Staging::commit`]; dropped instead, it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        let dir = crate::io::temp_sibling(target, "staging");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("clear", &dir, &e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, &e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Swaps the staged site in for the previous one.
    pub fn commit(mut self) -> Result<()> {
        let old = crate::io::temp_sibling(&self.target, "staging.old");
        if self.target.exists() {
            std::fs::rename(&self.target, &old)
                .map_err(|e| Error::io("move aside", &self.target, &e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io("move into place", &self.target, &e));
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Sink for Staging {
    type Made = ();

    /// Makes the file's folder as it goes rather than all folders first:
    /// folder creation is serialised by the file system (a blog folder
    /// holds a folder per post), so it overlaps with rendering this way.
    fn put(&self, rel: &Path, body: Body) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, &e))?;
        }
        let result = match body {
            Body::Text(s) => std::fs::write(&path, s),
            Body::Bytes(b) => std::fs::write(&path, b),
            Body::Copy(src) => std::fs::copy(&src, &path).map(|_| ()),
        };
        result.map_err(|e| Error::io("write", &path, &e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
