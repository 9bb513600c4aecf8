//! The HTTP side: routes, and serving the last good build from memory with
//! the right content type, folder redirects and the site's 404 page.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::live;
use super::paths::{self, Wanted};
use super::store::{Snapshot, Store};

pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route(live::EVENTS, get(live::events))
        .route(live::SCRIPT, get(live::script))
        .fallback(serve_file)
        .with_state(store)
}

async fn serve_file(State(store): State<Arc<Store>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(ALLOW, "GET, HEAD")],
            "trellis serve only reads\n",
        )
            .into_response();
    }
    let snap = store.snapshot();
    let wanted = match paths::resolve(uri.path()) {
        Ok(wanted) => wanted,
        Err(_) => {
            return (StatusCode::BAD_REQUEST, "trellis: this path is refused\n").into_response();
        }
    };
    let (key, watch) = match wanted {
        Wanted::File(key) => (key.clone(), key),
        Wanted::FileOrFolder(key) if snap.files.contains_key(key.as_str()) => (key.clone(), key),
        Wanted::FileOrFolder(key)
            if snap
                .files
                .contains_key(format!("{key}/index.html").as_str()) =>
        {
            return to_folder(&uri);
        }
        // Until the page exists, the tab waits for either spelling.
        Wanted::FileOrFolder(key) => (key.clone(), format!("{key} {key}/index.html")),
    };
    file(&snap, &key, StatusCode::OK).unwrap_or_else(|| not_found(&snap, &watch))
}

/// `/blog/post` → `/blog/post/`, keeping the query, as hosts do.
fn to_folder(uri: &Uri) -> Response {
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    let location = format!("{}/{query}", uri.path());
    (StatusCode::MOVED_PERMANENTLY, [(LOCATION, location)]).into_response()
}

const NOT_BUILT: &[u8] =
    b"<!doctype html><title>Not built yet</title><body><p>The site has not built yet.</p></body>";

/// The site's 404 page. Its tab reloads when the missing page appears
/// (`wanted`) or the 404 page itself changes.
fn not_found(snap: &Snapshot, wanted: &str) -> Response {
    let keys = format!("{wanted} 404.html");
    let page = match snap.files.get("404.html") {
        Some(page) => page.as_ref(),
        // The first build failed, so there is no site yet: a bare page that
        // still carries the script, so the error shows and a fix reloads.
        None => NOT_BUILT,
    };
    html(
        StatusCode::NOT_FOUND,
        live::inject(page, &keys, snap.build).into(),
    )
}

fn file(snap: &Snapshot, key: &str, status: StatusCode) -> Option<Response> {
    let bytes = snap.files.get(key)?;
    let ctype = paths::content_type(key);
    if ctype.starts_with("text/html") {
        return Some(html(status, live::inject(bytes, key, snap.build).into()));
    }
    Some(with_type(status, ctype, bytes.clone()))
}

fn html(status: StatusCode, body: Bytes) -> Response {
    with_type(status, "text/html; charset=utf-8", body)
}

/// Every response says `no-store`: a preview must never come from a cache.
fn with_type(status: StatusCode, ctype: &'static str, body: Bytes) -> Response {
    (
        status,
        [(CONTENT_TYPE, ctype), (CACHE_CONTROL, "no-store")],
        body,
    )
        .into_response()
}
