//! The staging folder: a complete site is written beside the output and
//! swapped in by two renames, so the previous site is never half-written
//! or lost. An interrupted build (Ctrl-C, SIGTERM) removes its staging
//! folder on the way out.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, RwLock};

use super::Sink;
use crate::diag::{Error, Result};
use crate::plan::Body;

/// The file that marks a folder as trellis's output, so the next build
/// may replace it (see [`super::guard`]).
pub const MARKER: &str = ".trellis-output";

const MARKER_TEXT: &str = "This folder was made by `trellis build`, which replaces it whole \
    on the next build. Keep your own files elsewhere.\n";

/// A staging folder beside the output: a [`Sink`] whose files replace
/// the output only on [`Staging::commit`]; dropped instead, it is removed.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Staging folders of this process, for the interrupt handler to remove.
/// [`Staging::commit`] holds the lock while it renames, so an interrupt
/// never falls between the two renames.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held for reading by each file write, and for writing by the interrupt
/// handler: it removes the staging folders only when no write is under
/// way, and none starts after (a write would make the folders again).
static WRITES: RwLock<()> = RwLock::new(());

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        remove_on_interrupt();
        let dir = crate::io::temp_sibling(target, "staging");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("clear", &dir, &e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, &e))?;
        if let Ok(mut dirs) = IN_PROGRESS.lock() {
            dirs.push(dir.clone());
        }
        let marker = dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io("write", &marker, &e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Swaps the staged site in for the previous one.
    pub fn commit(mut self) -> Result<()> {
        let old = crate::io::temp_sibling(&self.target, "staging.old");
        {
            let mut dirs = IN_PROGRESS.lock().unwrap_or_else(|p| p.into_inner());
            self.swap(&old)?;
            self.committed = true;
            dirs.retain(|d| d != &self.dir);
        }
        // Left behind only if this fails; the next build removes it.
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }

    fn swap(&self, old: &Path) -> Result<()> {
        if self.target.exists() {
            std::fs::rename(&self.target, old)
                .map_err(|e| Error::io("move aside", &self.target, &e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(old, &self.target);
            return Err(Error::io("move into place", &self.target, &e));
        }
        Ok(())
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP, removes the staging folders and exits
/// with 130, as shells expect of an interrupted command. Installed once;
/// where another handler is already installed, the next build removes what
/// an interrupted one leaves (see [`super::guard`]).
fn remove_on_interrupt() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let _no_writes = WRITES.write().unwrap_or_else(|p| p.into_inner());
            let dirs = IN_PROGRESS.lock().unwrap_or_else(|p| p.into_inner());
            for dir in dirs.iter() {
                let _ = std::fs::remove_dir_all(dir);
            }
            std::process::exit(130);
        });
    });
}

impl Sink for Staging {
    type Made = ();

    /// Makes the file's folder as it goes rather than all folders first:
    /// folder creation is serialised by the file system (a blog folder
    /// holds a folder per post), so it overlaps with rendering this way.
    fn put(&self, rel: &Path, body: Body) -> Result<()> {
        let _writing = WRITES.read().unwrap_or_else(|p| p.into_inner());
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
            if let Ok(mut dirs) = IN_PROGRESS.lock() {
                dirs.retain(|d| d != &self.dir);
            }
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
