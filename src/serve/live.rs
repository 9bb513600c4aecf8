//! Live reload over Server-Sent Events: the event stream, the script the
//! served pages load, and the tag that loads it. The browser's
//! `EventSource` reconnects by itself, and each connection starts with the
//! build being served, so a tab that was away never stays stale.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::store::{Live, Store};

pub const EVENTS: &str = "/__trellis/events";
pub const SCRIPT: &str = "/__trellis/live.js";
const CLIENT: &str = include_str!("live.js");

pub async fn script() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        CLIENT,
    )
}

pub async fn events(
    State(store): State<Arc<Store>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so nothing falls in between.
    let rx = store.subscribe();
    let mut first = vec![hello(&store)];
    if let Some(text) = store.error() {
        first.push(Live::BuildError { text });
    }
    let later = BroadcastStream::new(rx).map(move |r| match r {
        Ok(event) => event,
        // Missed events: the tab compares builds and reloads if behind.
        Err(_) => hello(&store),
    });
    let stream = tokio_stream::iter(first)
        .chain(later)
        .map(|e| Ok(to_sse(&e)));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn hello(store: &Store) -> Live {
    Live::Hello {
        build: store.snapshot().build,
    }
}

fn to_sse(live: &Live) -> Event {
    let data = serde_json::to_string(live).unwrap_or_else(|_| "{}".into());
    let event = Event::default().event(live.name()).data(data);
    match live {
        // Reconnect quickly when the server restarts.
        Live::Hello { .. } => event.retry(Duration::from_millis(500)),
        _ => event,
    }
}

/// Adds the live-reload script to a served HTML page (never to a built
/// file), before `</body>`. The page's file keys (space-separated) and
/// build let the script tell whether a change concerns it.
pub fn inject(html: &[u8], keys: &str, build: u64) -> Vec<u8> {
    let tag = format!(
        r#"<script src="{SCRIPT}" data-key="{}" data-build="{build}" defer></script>"#,
        crate::markdown::escape(keys)
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(b"<p>a</p></BODY></html>", "a/index.html", 7);
        let out = String::from_utf8_lossy(&out);
        assert!(
            out.starts_with("<p>a</p><script src=\"/__trellis/live.js\""),
            "{out}"
        );
        assert!(
            out.contains("data-key=\"a/index.html\" data-build=\"7\""),
            "{out}"
        );
        assert!(out.ends_with("</script></BODY></html>"), "{out}");
    }

    #[test]
    fn pages_without_a_body_end_get_it_appended() {
        let out = inject(b"<p>a</p>", "x", 1);
        assert!(out.ends_with(b"</script>"));
    }
}
