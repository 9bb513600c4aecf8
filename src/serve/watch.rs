//! Watches the site's sources with notify-debouncer-full and turns file
//! events into [`Changes`]. Not debouncer-mini: on Linux notify reports
//! file *opens*, and only the full debouncer keeps the event kind, so the
//! reads of our own rebuild can be told apart from an author's save
//! (otherwise each rebuild starts the next, for ever).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::rebuild::Changes;
use crate::content::{is_hidden_or_temp, is_temp};
use crate::diag::{Diagnostic, Result};

/// Quiet time a path needs before its events count: joins the bursts of
/// writes and renames one editor save makes, and is short enough that a
/// save shows in the browser well under 100 ms.
const DEBOUNCE: Duration = Duration::from_millis(15);
const TICK: Duration = Duration::from_millis(5);

/// The source folders; `site.yaml` is seen through the non-recursive
/// watch on the root, which also notices these folders being created.
const FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// Where a changed path sits, which decides how much to rebuild.
#[derive(Debug, PartialEq, Eq)]
pub enum Area {
    Content,
    Static,
    /// Templates, themes and site.yaml: everything is rebuilt.
    Everything,
}

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<&'static str>,
}

impl Watcher {
    /// Watches `root` (absolute) and sends each batch of relevant changes.
    pub fn start(root: &Path, tx: Sender<Changes>) -> Result<Watcher> {
        let base = root.to_path_buf();
        let handler = move |result: DebounceEventResult| {
            let changes = match result {
                Ok(events) => classify(&base, events.iter().map(|e| &e.event)),
                // Lost events (an overflowing queue): only a full rebuild is safe.
                Err(_) => Changes::everything(),
            };
            if !changes.is_empty() {
                // The receiver is gone only while the server shuts down.
                let _ = tx.send(changes);
            }
        };
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), handler).map_err(watch_error)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: Vec::new(),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        watcher.refresh();
        Ok(watcher)
    }

    /// Watches source folders created since the last call and forgets
    /// removed ones, so a folder that comes back is watched again.
    pub fn refresh(&mut self) {
        let root = &self.root;
        self.watched.retain(|name| root.join(name).is_dir());
        for name in FOLDERS {
            let dir = root.join(name);
            if !self.watched.contains(&name)
                && dir.is_dir()
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(name);
            }
        }
    }
}

fn watch_error(e: notify::Error) -> crate::diag::Error {
    Diagnostic::error("watch", format!("cannot watch the site for changes: {e}"))
        .hint("on Linux, raise fs.inotify.max_user_watches, or serve without --watch")
        .into()
}

/// The changes a batch of events amounts to.
pub fn classify<'a>(root: &Path, events: impl Iterator<Item = &'a Event>) -> Changes {
    let mut changes = Changes::default();
    for event in events {
        if event.need_rescan() {
            changes.full = true;
        }
        if !counts(&event.kind) {
            continue;
        }
        for path in &event.paths {
            match area(root, path) {
                Some(Area::Content) => {
                    changes.content.insert(path.clone());
                }
                Some(Area::Static) => {
                    changes.statics = true;
                    changes.images |= !sizeless(path);
                }
                Some(Area::Everything) => changes.full = true,
                None => {}
            }
        }
    }
    changes
}

/// Files whose change cannot alter an image size a component filled in,
/// so a stylesheet edit never renders the Markdown of posts again.
fn sizeless(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let kinds = [
        "css", "js", "mjs", "map", "json", "txt", "html", "xml", "xsl", "woff", "woff2", "ttf",
        "otf",
    ];
    ext.is_some_and(|e| kinds.contains(&e.as_str()))
}

/// Opens and reads (our own rebuild's among them) change nothing; closing
/// a file written to is the surest sign of a finished save.
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The source area of `path`, or `None` for anything a build never reads:
/// the output folder, `.git`, editor swap and backup files.
pub fn area(root: &Path, path: &Path) -> Option<Area> {
    let rel = path.strip_prefix(root).ok()?;
    let names: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let clean = |skip: fn(&str) -> bool| !names.iter().any(|n| skip(n));
    match names.as_slice() {
        ["site.yaml"] => Some(Area::Everything),
        // Static folders keep dotfiles (`.well-known/`), as the build does.
        ["static", ..] | ["themes", _, "static", ..] => {
            clean(|n| is_temp(n) || n == ".DS_Store").then_some(Area::Static)
        }
        ["content", ..] => clean(is_hidden_or_temp).then_some(Area::Content),
        ["templates", ..] | ["themes", ..] => clean(is_hidden_or_temp).then_some(Area::Everything),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    fn at(rel: &str) -> Option<Area> {
        area(Path::new("/site"), &Path::new("/site").join(rel))
    }

    #[test]
    fn areas_follow_the_source_folders() {
        assert_eq!(at("content/posts/a.md"), Some(Area::Content));
        assert_eq!(at("content/posts"), Some(Area::Content));
        assert_eq!(at("static/CNAME"), Some(Area::Static));
        assert_eq!(at("static/_headers"), Some(Area::Static));
        assert_eq!(at("static/.well-known/x"), Some(Area::Static));
        assert_eq!(at("themes/calm/static/style.css"), Some(Area::Static));
        assert_eq!(
            at("themes/calm/templates/base.html"),
            Some(Area::Everything)
        );
        assert_eq!(at("templates/post.html"), Some(Area::Everything));
        assert_eq!(at("site.yaml"), Some(Area::Everything));
    }

    #[test]
    fn output_vcs_and_editor_files_are_ignored() {
        for rel in [
            "public/index.html",
            ".git/index",
            "README.md",
            "content/posts/.a.md.swp",
            "content/posts/a.md~",
            "content/posts/#a.md#",
            "content/.obsidian/workspace.json",
            "templates/.post.html.swp",
            "static/.DS_Store",
            "static/style.css~",
        ] {
            assert_eq!(at(rel), None, "{rel}");
        }
    }

    #[test]
    fn our_own_reads_start_no_rebuild() {
        let root = Path::new("/site");
        let event = |kind| Event::new(kind).add_path(root.join("content/posts/a.md"));
        let reads = [
            event(EventKind::Access(AccessKind::Open(AccessMode::Any))),
            event(EventKind::Access(AccessKind::Close(AccessMode::Read))),
        ];
        assert!(classify(root, reads.iter()).is_empty());
        let saves = [
            event(EventKind::Modify(ModifyKind::Any)),
            event(EventKind::Create(CreateKind::File)),
        ];
        let changes = classify(root, saves.iter());
        assert_eq!(changes.content.len(), 1);
        assert!(!changes.full);
    }

    #[test]
    fn only_images_make_components_render_again() {
        let root = Path::new("/site");
        let change = |rel: &str| {
            let event = Event::new(EventKind::Modify(ModifyKind::Any)).add_path(root.join(rel));
            let c = classify(root, [event].iter());
            (c.statics, c.images)
        };
        assert_eq!(change("static/style.css"), (true, false));
        assert_eq!(change("static/images/office.JPG"), (true, true));
        // A folder (no extension) may hold images.
        assert_eq!(change("static/images"), (true, true));
    }
}
