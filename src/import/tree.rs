//! What Jekyll and Hugo imports share once each file is read: every old
//! URL mapped to its new one, links and images in the bodies pointed at
//! the new site, aliases for the old addresses, static files copied.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::html_to_md::{self, Maps};
use super::md_links::{self, Fate, Ref};
use super::media::From;
use super::{Asset, Front, Import, Post, Report, SiteInfo, markdown};

/// One post or page read from the old site.
pub struct Doc {
    /// The source file, relative to the old site's folder.
    pub src: PathBuf,
    /// The file to write, relative to the new site.
    pub rel: PathBuf,
    pub url: String,
    pub front: Front,
    pub body: String,
    /// The body is HTML (a Jekyll `.html` post), not Markdown.
    pub html: bool,
    /// Addresses the old site served it at.
    pub old_urls: Vec<String>,
}

/// A file copied as it is: from the old site's folder to `static/`.
pub struct Static {
    pub src: PathBuf,
    pub url: String,
}

/// The report of an import from `source`, once it is known to be a site
/// of that `kind`: `has` says whether the folder it must have is there.
pub fn start(
    source: &Path,
    kind: &str,
    has: bool,
    missing: &str,
    holds: &str,
) -> crate::diag::Result<Report> {
    if !has {
        let message = format!(
            "{} is not a {kind} site: it has no {missing}",
            source.display()
        );
        return Err(crate::diag::Diagnostic::error("import", message)
            .in_file(source)
            .hint(format!("give the folder that holds {holds}"))
            .into());
    }
    Ok(Report {
        source: format!("the {kind} site {}", source.display()),
        ..Report::default()
    })
}

/// The whole import from the files read: the old site's host (from its
/// address) makes its full URLs internal.
pub fn finish(
    root: &Path,
    site: SiteInfo,
    docs: Vec<Doc>,
    statics: Vec<Static>,
    mut report: Report,
) -> Import {
    let tree = Tree {
        root,
        host: host_of(&site.base_url),
        report: &mut report,
    };
    let (posts, assets) = tree.finish(docs, statics);
    Import {
        site,
        posts,
        assets,
        report,
    }
}

struct Tree<'a> {
    root: &'a Path,
    host: String,
    report: &'a mut Report,
}

impl Tree<'_> {
    fn finish(self, docs: Vec<Doc>, statics: Vec<Static>) -> (Vec<Post>, Vec<Asset>) {
        let mut pages: HashMap<String, String> = HashMap::new();
        let taken: HashSet<String> = docs.iter().map(|d| d.url.clone()).collect();
        for d in &docs {
            for old in &d.old_urls {
                pages.insert(Maps::key(old), d.url.clone());
            }
            pages.insert(Maps::key(&d.url), d.url.clone());
        }
        let by_src: HashMap<PathBuf, String> = statics
            .iter()
            .map(|s| (s.src.clone(), s.url.clone()))
            .collect();
        let urls: HashSet<String> = statics.iter().map(|s| Maps::key(&s.url)).collect();
        let files = Files {
            pages,
            by_src,
            urls,
            host: self.host,
        };
        let posts = docs
            .into_iter()
            .map(|d| self_post(self.report, &files, &taken, d))
            .collect();
        let assets = statics
            .into_iter()
            .map(|s| Asset {
                rel: Path::new("static").join(s.url.trim_start_matches('/')),
                from: From::File(self.root.join(&s.src)),
            })
            .collect();
        (posts, assets)
    }
}

/// The old site's addresses and files, for resolving references.
struct Files {
    pages: HashMap<String, String>,
    by_src: HashMap<PathBuf, String>,
    urls: HashSet<String>,
    host: String,
}

fn self_post(report: &mut Report, files: &Files, taken: &HashSet<String>, mut d: Doc) -> Post {
    let notes: Mutex<Vec<(String, String)>> = Mutex::default();
    // Images the site has are kept by HTML conversion at their own URLs.
    let images = files.urls.iter().map(|u| {
        let u = u.trim_end_matches('/').to_string();
        (u.clone(), u)
    });
    let maps = Arc::new(Maps {
        images: images.collect(),
        ..Maps::default()
    });
    let (md, n) = if d.html {
        html_to_md::convert(&d.body, &maps)
    } else {
        md_links::html_blocks(&d.body, &maps)
    };
    lock(&notes).extend(n);
    let base = d.old_urls.first().cloned().unwrap_or_else(|| d.url.clone());
    let ids = md_links::heading_ids(&md);
    let md = md_links::rewrite(&md, |r| {
        let missing = r
            .url
            .strip_prefix('#')
            .filter(|f| !r.image && !f.is_empty() && !ids.contains(*f));
        if let Some(frag) = missing {
            let message = format!("the link to `#{frag}` names no heading here: kept as text");
            lock(&notes).push((r.url.clone(), message));
            return Fate::Text;
        }
        fate(files, &d.src, &base, r, &notes)
    });
    let (body, fixed) = markdown::tidy(&md);
    for (find, message) in notes
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        report.note(&d.rel, Some(&find), message);
    }
    if fixed {
        report.note(
            &d.rel,
            None,
            "heading levels were shifted so none is skipped; check the outline",
        );
    }
    for old in std::mem::take(&mut d.old_urls) {
        let key = Maps::key(&old);
        if key == Maps::key(&d.url) {
            continue;
        }
        if taken.contains(&key)
            || ["/", "/blog/", "/tags/", "/follow/", "/contact/"].contains(&key.as_str())
        {
            report.note(
                &d.rel,
                Some("title:"),
                format!("the old address {old} is now another page's; it was not kept"),
            );
        } else {
            d.front.add_alias(old);
        }
    }
    if d.front.title.is_empty() {
        d.front.title = d
            .rel
            .file_stem()
            .map(|s| s.to_string_lossy().replace('-', " "))
            .unwrap_or_default();
        report.note(
            &d.rel,
            Some("title:"),
            "the file had no title: one was made from its name",
        );
    }
    Post {
        rel: d.rel,
        front: d.front,
        body,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Where one link or image of `src` (served at `base`) leads now.
fn fate(
    files: &Files,
    src: &Path,
    base: &str,
    r: &Ref,
    notes: &Mutex<Vec<(String, String)>>,
) -> Fate {
    let own = Maps {
        host: files.host.clone(),
        ..Maps::default()
    };
    let trimmed = r.url.trim();
    // The old site's own full URLs are paths in the new one.
    let own_path = (trimmed.contains("://") || trimmed.starts_with("//"))
        .then(|| own.own_path(trimmed))
        .flatten();
    let url = own_path.as_deref().unwrap_or(trimmed);
    // Each note names the text the new file still has, for its line.
    let note = |find: &str, m: String| lock(notes).push((find.to_string(), m));
    let external =
        url.contains("://") || url.starts_with("//") || url.contains(':') && !url.starts_with('/');
    if url.is_empty() || url.starts_with('#') || (external && !r.image) {
        return Fate::Keep;
    }
    if external {
        note(
            &r.url,
            format!("image not copied (it is on another site), linked instead: {url}"),
        );
        return Fate::LinkInstead;
    }
    let (path, fragment) = url.split_once('#').map_or((url, ""), |(p, f)| (p, f));
    let path = path.split('?').next().unwrap_or(path);
    let local = resolve_file(files, src, path);
    let page = files.pages.get(&Maps::key(&join_url(base, path))).cloned();
    match (r.image, local, page) {
        // The old home page is the new one.
        (false, _, _) if path == "/" => Fate::Url(url.to_string()),
        (true, Some(u), _) if md_links::alt_is_file_name(&r.alt, &u) => {
            note(
                &u,
                format!(
                    "image `{u}` has no alt text: it is marked decorative; describe it if it shows something"
                ),
            );
            Fate::Decorative(u)
        }
        (true, Some(u), _) => Fate::Url(u),
        (true, None, _) => {
            note(
                &r.alt,
                format!("image `{url}` is not in the old site's files: only its alt text is kept"),
            );
            Fate::Text
        }
        (false, _, Some(p)) if fragment.is_empty() => Fate::Url(p),
        (false, _, Some(p)) => Fate::Url(format!("{p}#{fragment}")),
        (false, Some(u), None) => Fate::Url(u),
        (false, None, None) => {
            note(
                &r.alt,
                format!("a link to `{url}` leads to nothing imported: kept as text"),
            );
            Fate::Text
        }
    }
}

/// A copied file that `path` names, relative to the source file's folder
/// or from the site root.
fn resolve_file(files: &Files, src: &Path, path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.starts_with('/') {
        let key = Maps::key(&decoded);
        return files.urls.contains(&key).then(|| decoded.to_string());
    }
    let dir = src.parent().unwrap_or(Path::new(""));
    let joined = normalise(&dir.join(decoded.as_ref()));
    files.by_src.get(&joined).cloned()
}

/// `a/b/../c` → `a/c`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A link as the old site's server read it: relative to the page's URL.
/// Two posts with one slug (the same title in two years) get -2, -3, ….
pub fn unique_slugs(docs: &mut [Doc]) {
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    for d in docs.iter_mut() {
        let n = seen.entry(d.rel.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let stem = d
                .rel
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parent = d.rel.parent().map(Path::to_path_buf).unwrap_or_default();
            let slug = format!("{stem}-{n}");
            d.rel = parent.join(format!("{slug}.md"));
            d.url = if parent.ends_with("posts") {
                format!("/blog/{slug}/")
            } else {
                format!("/{slug}/")
            };
        }
    }
}

/// `https://www.example.com/x/` → `example.com`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/')
        .next()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_ascii_lowercase()
}

pub fn join_url(base: &str, link: &str) -> String {
    if link.starts_with('/') {
        return link.to_string();
    }
    let dir = if base.ends_with('/') {
        base
    } else {
        base.rsplit_once('/').map_or("/", |(d, _)| d)
    };
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in link.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let trailing = if link.ends_with('/') { "/" } else { "" };
    format!("/{}{trailing}", parts.join("/"))
}

/// Every file under `dir` (relative to `root`) but hidden ones.
pub fn files_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join(dir))
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_like_a_server() {
        assert_eq!(
            join_url("/2019/01/02/a.html", "b.html"),
            "/2019/01/02/b.html"
        );
        assert_eq!(join_url("/posts/a/", "../b/"), "/posts/b/");
        assert_eq!(join_url("/posts/a/", "/x"), "/x");
    }
}
