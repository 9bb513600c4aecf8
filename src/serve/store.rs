//! What the server shows: the last good build, the current build error,
//! and the live events for open tabs. One value, made by `serve::run` and
//! shared by the HTTP handlers and the rebuild thread; no statics.

use std::sync::{Arc, PoisonError, RwLock};

use axum::http::{HeaderName, HeaderValue};
use serde::Serialize;
use tokio::sync::broadcast;

use super::files::Files;

/// One published build. Requests hold an `Arc` of it, so a request never
/// sees half of one build and half of the next.
pub struct Snapshot {
    /// Numbers builds, so a tab can tell whether it missed one. Starts at
    /// the clock, so a restarted server never repeats a number.
    pub build: u64,
    pub files: Arc<Files>,
    /// What the build's `_headers` file gives every path, read once here
    /// rather than on every request.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl Snapshot {
    fn new(build: u64, files: Arc<Files>) -> Snapshot {
        let headers = super::http::headers_of(&files);
        Snapshot {
            build,
            files,
            headers,
        }
    }
}

/// An event for open tabs, sent over SSE (see `live.js`).
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Live {
    /// First on every connection: the build being served.
    Hello {
        build: u64,
    },
    /// A new build is served. `pages` are the changed file keys, or `None`
    /// when every tab should reload (a changed image, a recovery, ...).
    Change {
        build: u64,
        prev: u64,
        pages: Option<Vec<String>>,
        css: bool,
        ms: u64,
    },
    BuildError {
        text: String,
    },
    BuildOk {},
}

impl Live {
    pub fn name(&self) -> &'static str {
        match self {
            Live::Hello { .. } => "hello",
            Live::Change { .. } => "change",
            Live::BuildError { .. } => "build-error",
            Live::BuildOk {} => "build-ok",
        }
    }
}

/// Above this many changed pages, tabs just reload.
const MAX_LISTED: usize = 500;

pub struct Store {
    current: RwLock<Arc<Snapshot>>,
    error: RwLock<Option<String>>,
    events: broadcast::Sender<Live>,
}

impl Store {
    pub fn new(files: Arc<Files>) -> Store {
        let build = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        Store {
            current: RwLock::new(Arc::new(Snapshot::new(build, files))),
            error: RwLock::new(None),
            events: broadcast::channel(64).0,
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A panic elsewhere cannot leave an Arc half-written; keep serving.
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    pub fn error(&self) -> Option<String> {
        self.error
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Live> {
        self.events.subscribe()
    }

    /// Serves a new build and tells the tabs. Returns false when nothing
    /// changed and there was no error to clear, so there was nothing to say.
    pub fn publish(&self, files: Arc<Files>, changed: &[String], ms: u64) -> bool {
        let recovered = self
            .error
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .is_some();
        if changed.is_empty() && !recovered {
            return false;
        }
        let (prev, build) = {
            let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
            let prev = current.build;
            *current = Arc::new(Snapshot::new(prev + 1, files));
            (prev, prev + 1)
        };
        if recovered {
            self.send(Live::BuildOk {});
        }
        let (pages, css) = describe(changed);
        let pages = pages.filter(|_| !recovered);
        self.send(Live::Change {
            build,
            prev,
            pages,
            css,
            ms,
        });
        true
    }

    /// Keeps the last good build and shows `text` in every open tab.
    pub fn fail(&self, text: String) {
        *self.error.write().unwrap_or_else(PoisonError::into_inner) = Some(text.clone());
        self.send(Live::BuildError { text });
    }

    fn send(&self, event: Live) {
        // No receiver just means no tab is open.
        let _ = self.events.send(event);
    }
}

/// Which pages changed, and whether stylesheets did. `None` when a change
/// cannot be pinned to pages (an image, a script, a removed stylesheet).
fn describe(changed: &[String]) -> (Option<Vec<String>>, bool) {
    let mut pages = Vec::new();
    let mut css = false;
    let mut other = false;
    for key in changed {
        match key.rsplit_once('.').map(|(_, ext)| ext) {
            Some("html") => pages.push(key.clone()),
            Some("css") => css = true,
            // A feed or the sitemap can be open in a tab too.
            Some("xml" | "txt") => pages.push(key.clone()),
            _ => other = true,
        }
    }
    let listed = !other && pages.len() <= MAX_LISTED;
    (listed.then_some(pages), css)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn css_alone_swaps_stylesheets() {
        assert_eq!(describe(&keys(&["style.css"])), (Some(vec![]), true));
    }

    #[test]
    fn pages_are_listed_and_images_reload_everything() {
        let (pages, css) = describe(&keys(&["blog/x/index.html", "rss.xml"]));
        assert_eq!(pages.map(|p| p.len()), Some(2));
        assert!(!css);
        assert_eq!(describe(&keys(&["img/a.png", "blog/x/index.html"])).0, None);
    }
}
