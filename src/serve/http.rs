//! The HTTP side: routes, and serving the last good build from memory with
//! the right content type, folder redirects and the site's 404 page.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, HOST, LOCATION};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::files::Files;
use super::live;
use super::paths::{self, Wanted};
use super::store::{Snapshot, Store};

pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route(live::EVENTS, get(live::events))
        .route(live::SCRIPT, get(live::script))
        .fallback(serve_file)
        .layer(middleware::from_fn_with_state(Arc::clone(&store), guard))
        .with_state(store)
}

/// Answers only requests addressed to this machine by IP address or as
/// `localhost`. A page on another site can point its own domain name at
/// 127.0.0.1 (DNS rebinding) and read the answers; such requests carry that
/// domain in `Host`, and are refused.
/// Every answer carries the headers the built `_headers` file gives all
/// paths, as a host that reads it would send them.
async fn guard(State(store): State<Arc<Store>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(local_host) {
        let text = "trellis serve answers only to localhost or an IP address\n";
        return (StatusCode::FORBIDDEN, text).into_response();
    }
    let mut response = next.run(request).await;
    for (name, value) in &store.snapshot().headers {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

/// The headers a build's `_headers` file gives every path; those that are
/// not valid HTTP are left out.
pub fn headers_of(files: &Files) -> Vec<(HeaderName, HeaderValue)> {
    let file = files.get("_headers").map(|b| String::from_utf8_lossy(b));
    let pairs = file.as_deref().map(every_path).unwrap_or_default();
    pairs
        .into_iter()
        .filter_map(|(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
            Some((name, HeaderValue::from_str(value).ok()?))
        })
        .collect()
}

/// The headers of the `/*` block of a `_headers` file (the format Netlify
/// and Cloudflare Pages read): a path line, then indented `Name: value`.
fn every_path(file: &str) -> Vec<(&str, &str)> {
    let mut all = false;
    let mut out = Vec::new();
    for line in file.lines() {
        if !line.starts_with([' ', '\t']) {
            all = line.trim() == "/*";
        } else if let Some((name, value)) = line.trim().split_once(':')
            && all
        {
            out.push((name.trim(), value.trim()));
        }
    }
    out
}

/// `localhost`, `x.localhost`, `127.0.0.1:1111`, `[::1]:1111`, and the
/// machine's other addresses (for `--bind 0.0.0.0`, from a phone).
fn local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => {
            return v6
                .split(']')
                .next()
                .is_some_and(|a| a.parse::<std::net::Ipv6Addr>().is_ok());
        }
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
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

#[cfg(test)]
mod tests {
    use super::{every_path, local_host};

    #[test]
    fn reads_the_headers_for_every_path() {
        let file = "/blog/*\n  X-A: 1\n/*\n  X-B: two: 2\n\tX-C: 3\n# note\n";
        assert_eq!(every_path(file), [("X-B", "two: 2"), ("X-C", "3")]);
    }

    #[test]
    fn only_local_names_and_addresses() {
        for ok in [
            "localhost",
            "localhost:1111",
            "app.localhost:8",
            "127.0.0.1:1111",
            "[::1]:1111",
            "192.168.1.20:1111",
            "LOCALHOST.",
        ] {
            assert!(local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "[evil]:1",
            "",
        ] {
            assert!(!local_host(bad), "{bad}");
        }
    }
}
