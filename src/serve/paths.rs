//! From a request path to a key of the built site, refusing anything that
//! could name a file outside it. Pure, so every refusal is unit-tested.
//! The site is served from memory, so no request can reach the disk at
//! all; these checks make the refusal explicit and visible (400), instead
//! of relying on a lookup miss.

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Wanted {
    /// A file key as the build writes them, e.g. `blog/x/index.html`.
    File(String),
    /// A path without a trailing slash that may name a folder: try the
    /// file, then `KEY/index.html` (which earns a redirect).
    FileOrFolder(String),
}

/// Why a path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Bad percent-encoding or not UTF-8.
    Encoding,
    /// `..` or `.` segments, empty segments (`//x`, an absolute path in
    /// disguise), backslashes or NUL bytes.
    Traversal,
}

/// `raw` is the request path as sent, still percent-encoded.
pub fn resolve(raw: &str) -> Result<Wanted, Refused> {
    let decoded = percent_decode(raw).ok_or(Refused::Encoding)?;
    let rest = decoded.strip_prefix('/').ok_or(Refused::Traversal)?;
    if rest.contains(['\\', '\0']) {
        return Err(Refused::Traversal);
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        let empty_inside = s.is_empty() && i != last;
        if empty_inside || *s == "." || *s == ".." {
            return Err(Refused::Traversal);
        }
    }
    Ok(if rest.is_empty() || rest.ends_with('/') {
        Wanted::File(format!("{rest}index.html"))
    } else {
        Wanted::FileOrFolder(rest.to_string())
    })
}

/// Decodes `%XX` escapes; `None` for a broken escape or non-UTF-8 result.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type for a built file, by its extension. The build only
/// writes a few kinds of file; anything else is what `static/` holds.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    let ext = match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        // `CNAME`, `_headers`, `_redirects`: host configuration, all text.
        None => return "text/plain; charset=utf-8",
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        // Plain XML rather than application/rss+xml, so a browser shows a
        // feed with its stylesheet instead of downloading it.
        "xml" => "application/xml; charset=utf-8",
        "xsl" | "xslt" => "text/xsl; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(s: &str) -> Result<Wanted, Refused> {
        Ok(Wanted::File(s.into()))
    }

    #[test]
    fn folders_get_their_index() {
        assert_eq!(resolve("/"), file("index.html"));
        assert_eq!(resolve("/blog/x/"), file("blog/x/index.html"));
        assert_eq!(
            resolve("/blog/x"),
            Ok(Wanted::FileOrFolder("blog/x".into()))
        );
        assert_eq!(
            resolve("/my%20photo.jpg"),
            Ok(Wanted::FileOrFolder("my photo.jpg".into()))
        );
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        for raw in [
            "/../etc/passwd",
            "/blog/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/blog/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%5cetc%5cpasswd",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/index.html%00.txt",
            "/./index.html",
            "etc/passwd",
        ] {
            assert_eq!(resolve(raw), Err(Refused::Traversal), "{raw}");
        }
    }

    #[test]
    fn broken_escapes_are_refused() {
        assert_eq!(resolve("/%zz"), Err(Refused::Encoding));
        assert_eq!(resolve("/%e9"), Err(Refused::Encoding));
        assert_eq!(resolve("/x%2"), Err(Refused::Encoding));
        assert_eq!(resolve("/x%+1"), Err(Refused::Encoding));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type("blog/x/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("rss.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("CNAME"), "text/plain; charset=utf-8");
        assert_eq!(content_type("img/a.PNG"), "image/png");
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }
}
