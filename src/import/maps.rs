//! Where things went: the old site's addresses and image URLs mapped to
//! the new site's, shared by every post's conversion.

use std::collections::HashMap;

/// What every post's conversion shares: where images went and where the
/// old site's pages are now.
#[derive(Debug, Default)]
pub struct Maps {
    /// Image URL as written → its URL in the new site.
    pub images: HashMap<String, String>,
    /// Old page path (see [`Maps::key`]) → its URL in the new site.
    pub pages: HashMap<String, String>,
    /// The old site's host, without `www.`, e.g. `example.com`.
    pub host: String,
}

impl Maps {
    /// The old site's path of `url` when it points there, decoded, with a
    /// trailing slash: `https://www.example.com/a/b` → `/a/b/`.
    pub fn own_path(&self, url: &str) -> Option<String> {
        let rest = if let Some(r) = url.strip_prefix("https://").or(url.strip_prefix("http://")) {
            r
        } else if let Some(r) = url.strip_prefix("//") {
            r
        } else if url.starts_with('/') {
            return Some(Self::key(url));
        } else {
            return None;
        };
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.trim_start_matches("www.").to_ascii_lowercase();
        (!self.host.is_empty() && host == self.host).then(|| Self::key(&format!("/{path}")))
    }

    /// A path as a lookup key: no fragment, decoded, one trailing slash.
    /// Queries stay (`/?p=12` names a post).
    pub fn key(path: &str) -> String {
        let path = path.split('#').next().unwrap_or(path);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let mut key = decoded.to_lowercase();
        // Servers read `//a/` as `/a/`; exports do have such links.
        while key.contains("//") {
            key = key.replace("//", "/");
        }
        if !key.contains('?') && !key.ends_with('/') && !last_has_dot(&key) {
            key.push('/');
        }
        key
    }

    pub fn image(&self, src: &str) -> Option<&String> {
        self.images
            .get(src)
            .or_else(|| self.images.get(&full_size(src)))
    }
}

fn last_has_dot(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|s| s.contains('.'))
}

/// WordPress's resized copies, `photo-300x200.jpg`, are the original
/// `photo.jpg` at another size; strips the size and any query.
pub fn full_size(src: &str) -> String {
    let src = src.split(['?', '#']).next().unwrap_or(src);
    let Some((stem, ext)) = src.rsplit_once('.') else {
        return src.to_string();
    };
    match stem.rsplit_once('-') {
        Some((base, size))
            if size.split_once('x').is_some_and(|(w, h)| {
                !w.is_empty()
                    && !h.is_empty()
                    && (w.to_string() + h).bytes().all(|b| b.is_ascii_digit())
            }) =>
        {
            format!("{base}.{ext}")
        }
        _ => src.to_string(),
    }
}
