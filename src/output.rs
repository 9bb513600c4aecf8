//! The only writer. Takes a plan (every output path and what makes it),
//! refuses clashes, renders in parallel into a staging folder beside the
//! output, and swaps it in only when everything succeeded, so the previous
//! site is never half-written or lost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diag::{self, Diagnostic, Error, Result};

pub struct Planned<J> {
    /// Relative to the output folder.
    pub path: PathBuf,
    /// What makes this file, for messages ("content/about.md").
    pub origin: String,
    pub job: J,
}

/// An output path as the site's files are named in memory and by the
/// checks: relative, with `/` between folders on every platform.
pub fn file_key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

pub enum Content {
    Text(String),
    Bytes(&'static [u8]),
    Copy(PathBuf),
}

/// Where rendered files go.
pub enum Sink<'a> {
    Disk(&'a Path),
    /// Rendered and dropped: `check`.
    Discard,
    /// Kept for `serve`, keyed by output path with `/` separators.
    Memory(&'a Mutex<HashMap<String, Vec<u8>>>),
}

/// Two sources for one output file is an error naming both.
pub fn check_plan<J>(plan: &[Planned<J>]) -> Result<()> {
    let mut seen: HashMap<&Path, &str> = HashMap::with_capacity(plan.len());
    let mut errors = Vec::new();
    for p in plan {
        if let Some(first) = seen.insert(&p.path, &p.origin) {
            errors.push(
                Diagnostic::error(
                    "duplicate-url",
                    format!("{} and {} both write {}", first, p.origin, p.path.display()),
                )
                .hint("rename or remove one of them"),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::many(errors))
    }
}

/// Renders every planned file into `sink`. On disk, the output folder
/// changes only if all of them succeed.
pub fn run<J: Sync>(
    plan: &[Planned<J>],
    sink: Sink<'_>,
    render: impl Fn(&J) -> Result<Content> + Sync,
) -> Result<()> {
    check_plan(plan)?;
    match sink {
        Sink::Disk(target) => {
            let (staged, _) = stage(plan, target, |p| Ok((render(&p.job)?, ())))?;
            staged.commit()
        }
        Sink::Discard => {
            let results: Vec<Result<Content>> = plan
                .par_iter()
                .with_max_len(crate::JOB_BATCH)
                .map(|p| render(&p.job))
                .collect();
            diag::collect(results, |r| r).map(|_| ())
        }
        Sink::Memory(map) => {
            let results: Vec<Result<(String, Vec<u8>)>> = plan
                .par_iter()
                .with_max_len(crate::JOB_BATCH)
                .map(|p| {
                    let bytes = into_bytes(render(&p.job)?, &p.path)?;
                    Ok((file_key(&p.path), bytes))
                })
                .collect();
            let files = diag::collect(results, |r| r)?;
            let mut guard = map
                .lock()
                .map_err(|_| Diagnostic::error("io", "the site store was poisoned"))?;
            guard.clear();
            guard.extend(files);
            Ok(())
        }
    }
}

/// Renders every planned file into a staging folder beside `target`, and
/// returns with each file what `render` made of it besides its content
/// (`build` keeps what the checks need). Nothing changes in `target` until
/// [`Staged::commit`]; dropped instead, the staging folder is removed.
pub fn stage<J: Sync, S: Send>(
    plan: &[Planned<J>],
    target: &Path,
    render: impl Fn(&Planned<J>) -> Result<(Content, S)> + Sync,
) -> Result<(Staged, Vec<S>)> {
    check_plan(plan)?;
    let staging = Staging::new(target)?;
    let results: Vec<Result<S>> = plan
        .par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|p| {
            let (content, extra) = render(p)?;
            staging.write(&p.path, content)?;
            Ok(extra)
        })
        .collect();
    let extras = diag::collect(results, |r| r)?;
    Ok((Staged(staging), extras))
}

/// A complete site in its staging folder.
pub struct Staged(Staging);

impl Staged {
    /// Swaps the staged site in for the previous one.
    pub fn commit(self) -> Result<()> {
        self.0.commit()
    }
}

fn into_bytes(content: Content, shown: &Path) -> Result<Vec<u8>> {
    Ok(match content {
        Content::Text(s) => s.into_bytes(),
        Content::Bytes(b) => b.to_vec(),
        Content::Copy(src) => std::fs::read(&src).map_err(|e| Error::io("read", shown, &e))?,
    })
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

struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    fn new(target: &Path) -> Result<Staging> {
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
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

    /// Makes the file's folder as it goes rather than all folders first:
    /// folder creation is serialised by the file system (a blog folder
    /// holds a folder per post), so it overlaps with rendering this way.
    fn write(&self, rel: &Path, content: Content) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, &e))?;
        }
        let result = match content {
            Content::Text(s) => std::fs::write(&path, s),
            Content::Bytes(b) => std::fs::write(&path, b),
            Content::Copy(src) => std::fs::copy(&src, &path).map(|_| ()),
        };
        result.map_err(|e| Error::io("write", &path, &e))
    }

    fn commit(mut self) -> Result<()> {
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .map_or("staging".into(), |n| n.to_string_lossy().into_owned())
        ));
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
