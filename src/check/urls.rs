//! What a URL written on a page points at: a file of this site (by its
//! output path), another site's origin, or nothing to check (`mailto:`).

#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A site path such as `/blog/x/`, decoded, with its `#fragment`.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// `https://host[:port]` of another site.
    External(String),
    Ignore,
}

/// Resolves `value`, written on the page at `page_url`, against the site
/// at `base_url` (links to the site's own full address are internal).
pub fn resolve(page_url: &str, value: &str, base_url: &str) -> Target {
    let value = value.trim();
    if value.is_empty() {
        return Target::Ignore;
    }
    // Most links on a page are the site's own paths: no origin to work out.
    if value.starts_with('/') && !value.starts_with("//") {
        return internal(value);
    }
    if value.starts_with('#') {
        return internal(&format!("{}{value}", page_url));
    }
    let own = origin(base_url).unwrap_or_default();
    if let Some(o) = origin(value) {
        if o != own {
            return Target::External(o);
        }
        let base_path = base_url[own.len().min(base_url.len())..].trim_end_matches('/');
        let rest = value.split_once("//").map_or("", |(_, r)| r);
        let path = rest.find('/').map_or("/", |i| &rest[i..]);
        return match path.strip_prefix(base_path) {
            Some(p) => internal(if p.is_empty() { "/" } else { p }),
            None => Target::Ignore,
        };
    }
    if has_scheme(value) {
        // mailto:, tel:, data: and the like are not files of the site.
        return Target::Ignore;
    }
    let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
    internal(&normalize(&format!("{dir}{value}")))
}

fn internal(url: &str) -> Target {
    let (url, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(decode(f)).filter(|f| !f.is_empty())),
        None => (url, None),
    };
    let path = url.split('?').next().unwrap_or(url);
    Target::Internal {
        path: decode(path),
        fragment,
    }
}

pub use crate::config::urls::origin;

/// As a browser reads it: `jav\tascript:` has a scheme (the policy
/// reports it; it is no path of the site).
fn has_scheme(value: &str) -> bool {
    crate::config::urls::has_scheme(value)
}

/// Resolves `.` and `..` segments of an absolute path.
fn normalize(path: &str) -> String {
    let (path, tail) = match path.find(['?', '#']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." if last => parts.push(""),
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
                if last {
                    parts.push("");
                }
            }
            s => parts.push(s),
        }
    }
    format!("{}{tail}", parts.join("/"))
}

/// Percent-decoding; anything malformed is kept as written.
pub fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://www.example.org";

    fn inside(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            path: path.into(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn resolves_relative_absolute_and_own_urls() {
        let page = "/blog/x/";
        assert_eq!(
            resolve(page, "#a%20b", BASE),
            inside("/blog/x/", Some("a b"))
        );
        assert_eq!(resolve(page, "../y/?p=1", BASE), inside("/blog/y/", None));
        assert_eq!(
            resolve(page, "img.png", BASE),
            inside("/blog/x/img.png", None)
        );
        assert_eq!(
            resolve(page, "https://WWW.example.org/about/#team", BASE),
            inside("/about/", Some("team"))
        );
        assert_eq!(
            resolve(page, "https://example.org", BASE),
            Target::External("https://example.org".into())
        );
        assert_eq!(
            resolve(page, "//cdn.example/x.js", BASE),
            Target::External("https://cdn.example".into())
        );
        assert_eq!(resolve(page, "mailto:a@b.c", BASE), Target::Ignore);
        assert_eq!(resolve(page, "tel:+12125550100", BASE), Target::Ignore);
    }

    #[test]
    fn a_base_url_with_a_path() {
        let base = "https://example.org/practice";
        assert_eq!(
            resolve("/", "https://example.org/practice/blog/", base),
            inside("/blog/", None)
        );
        assert_eq!(
            resolve("/", "https://example.org/other/", base),
            Target::Ignore
        );
    }
}
