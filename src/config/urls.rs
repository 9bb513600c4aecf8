//! The URLs written in site.yaml. `base_url` goes raw into robots.txt and
//! starts every absolute URL in pages and feeds, so it must be a plain web
//! address. The menu, the consultation button and the alerts form put
//! their URLs on every page: one that runs code (`javascript:` …) is
//! refused here, before anything is built. The same reading of a URL's
//! scheme serves `check`'s raw-HTML policy, and a URL's origin `check`'s
//! privacy rule and the Content-Security-Policy.

use std::path::Path;

use crate::diag::{Diagnostic, Error, Location, Result};

use super::{Config, FILE_NAME};

/// A URL's scheme as a browser reads it, in lower case (in a buffer on the
/// stack: the checks read every URL of every page), its length, and what
/// follows the colon; `None` for a relative URL. Leading spaces and control
/// characters are dropped and tabs and line breaks inside ignored, as
/// browsers do, so `\x01jav\tascript:` is `javascript`.
fn scheme_bytes(value: &str) -> Option<([u8; 32], usize, &str)> {
    let start = value.trim_start_matches(|c: char| c <= ' ');
    let mut buf = [0u8; 32];
    let mut len = 0;
    for (i, b) in start.bytes().enumerate() {
        match b {
            b'\t' | b'\n' | b'\r' => {}
            b':' if len > 0 => return Some((buf, len, &start[i + 1..])),
            b if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => {
                *buf.get_mut(len)? = b.to_ascii_lowercase();
                len += 1;
            }
            _ => return None,
        }
    }
    None
}

/// `scheme://host[:port]`, lower-case, for an absolute or `//host` URL.
pub fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = if let Some(rest) = url.strip_prefix("//") {
        ("https", rest)
    } else {
        let (scheme, rest) = url.split_once("://")?;
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return None;
        }
        (scheme, rest)
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Credentials before `@` are not part of the origin.
    let host = host.rsplit('@').next().unwrap_or(host);
    (!host.is_empty()).then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

/// Whether `value` has a scheme, as a browser reads it ([`scheme_bytes`]).
pub fn has_scheme(value: &str) -> bool {
    scheme_bytes(value).is_some()
}

/// The scheme of `value` when it can run code: `javascript:`, `vbscript:`,
/// or `data:` (but an image's, where `image` says one is allowed).
pub fn runs_code(value: &str, image: bool) -> Option<&'static str> {
    let (buf, len, rest) = scheme_bytes(value)?;
    match &buf[..len] {
        b"javascript" => Some("javascript"),
        b"vbscript" => Some("vbscript"),
        b"data" if !(image && is_image(rest)) => Some("data"),
        _ => None,
    }
}

fn is_image(data: &str) -> bool {
    data.trim_start()
        .get(..6)
        .is_some_and(|t| t.eq_ignore_ascii_case("image/"))
}

/// `base_url` and every URL site.yaml puts on pages, each problem at its
/// line.
pub fn check(config: &Config) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(problem) = base_url_problem(&config.base_url) {
        errors.push(
            Diagnostic::error("config", format!("base_url {problem}"))
                .at(locate(config, "base_url", &config.base_url))
                .hint(
                    "write the site's address alone, e.g. base_url: https://www.example.com \
                     (letters, digits, `-`, `.`, `_`, `~`, `%` and `/` after the host)",
                ),
        );
    }
    let menu = config.menu.iter().map(|m| ("url", m.url.as_str()));
    let others = [
        ("url", config.consultation.url.as_str()),
        ("form_action", config.alerts.form_action.as_str()),
    ];
    for (key, url) in menu.chain(others) {
        if let Some(scheme) = runs_code(url, false) {
            errors.push(
                Diagnostic::error(
                    "config",
                    format!(
                        "`{key}` is a {scheme}: URL, which would run code in readers' browsers"
                    ),
                )
                .at(locate(config, key, url))
                .hint("write a page of the site (e.g. /contact/) or an https:// address"),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::many(errors))
    }
}

/// What is wrong with `url` as the site's address, if anything.
fn base_url_problem(url: &str) -> Option<&'static str> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Some("must be a full web address starting with https:// or http://");
    };
    let (host_port, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = host_port.rsplit_once(':').unwrap_or((host_port, ""));
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && !host.starts_with(['.', '-']);
    if !host_ok {
        return Some("must name a host, such as www.example.com");
    }
    if !port.chars().all(|c| c.is_ascii_digit()) || (host_port.contains(':') && port.is_empty()) {
        return Some("has a port that is not a number");
    }
    let path_ok = path
        .chars()
        .all(|c| c.is_alphanumeric() || "-._~%/".contains(c));
    (!path_ok)
        .then_some("may hold only a host and a plain path (no quotes, spaces, `<`, `?` or `#`)")
}

/// Where `key: value` is written in site.yaml: the value itself when it
/// can be found, else the key's line.
fn locate(config: &Config, key: &str, value: &str) -> Location {
    let text = &config.source;
    let found = text
        .match_indices(&format!("{key}:"))
        .find_map(|(i, _)| text[i..].find(value).map(|j| i + j))
        .filter(|_| !value.is_empty());
    match found {
        Some(at) => Location::in_text(Path::new(FILE_NAME), text, 1, at, value.len()),
        None => config.key_location(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_as_browsers_read_them() {
        assert_eq!(runs_code(" \x01JaVa\tScript:x", false), Some("javascript"));
        assert_eq!(runs_code("data:text/html,x", true), Some("data"));
        assert_eq!(runs_code("data:image/png;base64,x", true), None);
        assert_eq!(runs_code("data:image/png;base64,x", false), Some("data"));
        assert_eq!(runs_code("/javascript:x", false), None);
        assert_eq!(runs_code("mailto:a@b.example", false), None);
        assert_eq!(runs_code("data:IMAGE/png;base64,x", true), None);
        assert!(has_scheme(" HTTPS://x") && has_scheme("mailto:a") && !has_scheme("/a:b"));
    }

    #[test]
    fn base_urls() {
        for good in [
            "https://x.example",
            "http://localhost:8080",
            "https://x.example/blog/~a",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for bad in [
            "https://x.example/\"><script>alert(1)</script>",
            "https://",
            "ftp://x.example",
            "https://x.example:po",
            "https://x.example/a b",
            "https://x.example/?a",
            "https://us er@x.example",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
    }
}
